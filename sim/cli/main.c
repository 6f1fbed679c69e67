/*
 * main.c - archsim-cli, the headless face of the simulator.
 *
 *   archsim-cli run FILE [options]   simulate and report
 *   archsim-cli grade FILE [options] run the scenario, verdict per requirement, hints
 *   archsim-cli envelope FILE [ID=X] the back-of-the-envelope sheet, estimates checked
 *   archsim-cli check FILE           validate and print the analytic capacity estimate
 *   archsim-cli export FILE --to X   write the diagram as Mermaid, Graphviz, Excalidraw,
 *                                    draw.io or SVG
 *   archsim-cli import FILE [-o OUT] read Excalidraw, draw.io, Mermaid or an archsim PNG
 *   archsim-cli schema               print the JSON Schema of the diagram format
 *
 * Exit codes: 0 ok, 1 the design fails its requirements (or is over capacity for
 * check), 2 bad usage or invalid input. Errors go to stderr.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sim/tr.h"
#include "sim/util.h"

static void usage_main(FILE *out)
{
    fprintf(out,
            _("archsim-cli %s - simulate system designs from the command line\n"
            "\n"
            "usage: archsim-cli COMMAND [ARGS]\n"
            "\n"
            "commands:\n"
            "  run FILE      simulate the design and report latency, throughput,\n"
            "                utilisation, the bottleneck and the requirements\n"
            "  grade FILE    run the scenario and grade the design: a verdict per\n"
            "                requirement, the result, and hints when it fails\n"
            "  envelope FILE the back-of-the-envelope sheet (peak rps, storage, bandwidth,\n"
            "                cache) with its arithmetic; checks your ID=ESTIMATE guesses\n"
            "  sweep FILE    run the design at many loads (or values of one number) and find\n"
            "                its knees: where requirements fail, throughput stops, nodes saturate\n"
            "  compare A B   run two designs on the same seeds: every figure's difference\n"
            "                with its 95%% confidence interval, better, worse or noise\n"
            "  merge OUT S.. fold the shards of a run, sweep or compare made with --shard K/N\n"
            "                into the report one machine writes, byte for byte\n"
            "  check FILE    validate the file and print the analytic capacity estimate\n"
            "  export FILE   write the diagram as Mermaid, Graphviz, Excalidraw or draw.io\n"
            "                (--to mermaid|dot|excalidraw|drawio; a picture: archsim --export-svg)\n"
            "  import FILE   read a diagram from Excalidraw, draw.io, Mermaid or an archsim\n"
            "                PNG and write it as archsim JSON (-o OUT), saying what it guessed\n"
            "  schema        print the JSON Schema of the diagram format\n"
            "\n"
            "options:\n"
            "  -h, --help    help (also 'archsim-cli COMMAND --help')\n"
            "  --version     print the version\n"
            "  --lang L      language of the output people read: en, ru or uk (default: the\n"
            "                locale's, LANGUAGE / LC_MESSAGES / LANG); JSON and CSV stay the same\n"
            "\n"
            "exit codes: 0 ok, 1 the design fails its requirements, 2 bad usage or input\n"),
            ARCHSIM_VERSION);
}

/* The language of the human output: --lang L (anywhere; a command that has its own
 * --lang, grade and envelope, keeps it too), else the environment's (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG). Reports in JSON and CSV are the same in every language. Returns
 * argc with a consumed --lang removed from argv. */
static int pick_language(int argc, char **argv)
{
    tr_set_lang(tr_env_lang());
    /* before the command: archsim-cli --lang ru run FILE */
    while (argc > 2 && strcmp(argv[1], "--lang") == 0) {
        if (!tr_known(argv[2]) || strcmp(tr_known(argv[2]), argv[2]) != 0) {
            fprintf(stderr, _("archsim-cli: --lang: '%s' is not one of en, ru, uk\n"), argv[2]);
            exit(2);
        }
        tr_set_lang(argv[2]);
        memmove(&argv[1], &argv[3], (size_t)(argc - 2) * sizeof *argv);
        argc -= 2;
    }
    bool own = argc > 1 && (strcmp(argv[1], "grade") == 0 || strcmp(argv[1], "envelope") == 0);
    for (int i = 2; i < argc; i++) {
        const char *v = NULL;
        int take = 0;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) v = argv[i + 1], take = 2;
        else if (strncmp(argv[i], "--lang=", 7) == 0) v = argv[i] + 7, take = 1;
        if (!v) continue;
        if (tr_known(v) && strcmp(tr_known(v), v) == 0) tr_set_lang(v);
        if (own) return argc; /* the command reads its --lang itself */
        if (!tr_known(v) || strcmp(tr_known(v), v) != 0) {
            fprintf(stderr, _("archsim-cli: --lang: '%s' is not one of en, ru, uk\n"), v);
            exit(2);
        }
        memmove(&argv[i], &argv[i + take], (size_t)(argc - i - take + 1) * sizeof *argv);
        return argc - take;
    }
    return argc;
}

int main(int argc, char **argv)
{
    argc = pick_language(argc, argv);
    if (argc < 2) {
        usage_main(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage_main(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf(_("archsim-cli %s (format %s)\n"), ARCHSIM_VERSION, ARCHSIM_FORMAT);
        return 0;
    }
    if (strcmp(cmd, "run") == 0) return cmd_run(argc - 1, argv + 1);
    if (strcmp(cmd, "grade") == 0) return cmd_grade(argc - 1, argv + 1);
    if (strcmp(cmd, "envelope") == 0) return cmd_envelope(argc - 1, argv + 1);
    if (strcmp(cmd, "sweep") == 0) return cmd_sweep(argc - 1, argv + 1);
    if (strcmp(cmd, "compare") == 0) return cmd_compare(argc - 1, argv + 1);
    if (strcmp(cmd, "merge") == 0) return cmd_merge(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "schema") == 0) return cmd_schema(argc - 1, argv + 1);
    if (strcmp(cmd, "export") == 0) return cmd_export(argc - 1, argv + 1);
    if (strcmp(cmd, "import") == 0) return cmd_import(argc - 1, argv + 1);
    fprintf(stderr, _("archsim-cli: unknown command '%s'; commands: run, grade, envelope, sweep, compare, merge, check, export, import, schema\n"), cmd);
    return 2;
}
