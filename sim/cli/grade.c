/*
 * grade.c - `archsim-cli grade`: run a scenario and grade the design against its
 * requirements, with hints when it fails (the logic is in sim/grade.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/diag.h"
#include "sim/engine.h"
#include "sim/grade.h"
#include "sim/replicate.h"

static void usage_grade(FILE *out)
{
    fprintf(out,
            _("usage: archsim-cli grade FILE [options]\n"
            "       archsim-cli grade DIR [--scenario FILE] [--csv OUT] [--shard K/N] [options]\n"
            "\n"
            "Run the scenario in FILE and grade the design: a verdict per requirement\n"
            "(measured value, limit, margin, PASS/FAIL), the overall result, and when\n"
            "something fails, hints from the run (the saturated node and the usual\n"
            "remedies, retry storms, failed servers, the most expensive nodes) and the\n"
            "scenario's own hints.\n"
            "\n"
            "options:\n"
            "  --duration S       simulated seconds measured (default: scenario.duration_s)\n"
            "  --warmup S         simulated seconds discarded first (default: scenario.warmup_s)\n"
            "  --seed N           random seed (default: scenario.seed)\n"
            "  --replications R   independent runs; verdicts on the means (default 1)\n"
            "  --json OUT         write the grade as JSON (format %s) to OUT ('-' = stdout)\n"
            "  --lang L           language of the grade: en, ru or uk (default: the locale's,\n"
            "                     English with --json): verdicts, requirements, hints from\n"
            "                     the run, and the scenario's title, prompt and hints from\n"
            "                     the file's translation; a language only the file\n"
            "                     translates changes those three alone\n"
            "  --quiet            no text\n"
            "  --force            grade even when the run is estimated at more than an hour\n"
            "                     on this machine, or its work has no bound\n"
            "  -h, --help         this help\n"
            "\n"
            "A folder (a class's designs for one exercise): every .json in it graded, one CSV\n"
            "row per design in file-name order (file, status, pass, requirements passed, cost,\n"
            "bottleneck, failed requirements, error) to --csv OUT or stdout; --scenario FILE\n"
            "grades every design under that file's scenario; --shard K/N grades every Nth design\n"
            "from the Kth, and archsim-cli merge OUT.csv SHARD.csv... joins the shards' rows.\n"
            "\n"
            "The same file, options and seed give the same grade, byte for byte.\n"
            "exit codes: 0 every requirement passes (or there is nothing to grade), 1 one fails, 2 bad usage\n"
            "or input\n"),
            GRADE_FORMAT);
}

int cmd_grade(int argc, char **argv)
{
    const char *file = NULL, *json = NULL, *lang = NULL, *csv = NULL, *scenario = NULL;
    SimOptions opt = sim_options_default();
    double reps = 1;
    bool quiet = false, force = false;
    int used, shard_k = 0, shard_n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_grade(stdout);
            return EXIT_OK;
        } else if ((used = cli_sim_option(argc, argv, &i, &opt, &reps, NULL, &json)) != 0) {
            if (used < 0) return EXIT_USAGE;
        } else if ((used = cli_string_option(argc, argv, &i, "--lang",
                                             "a language: en, ru or uk", &lang)) != 0 ||
                   (used = cli_string_option(argc, argv, &i, "--csv", "a file name ('-' for stdout)", &csv)) != 0 ||
                   (used = cli_string_option(argc, argv, &i, "--scenario", "a diagram file", &scenario)) != 0 ||
                   (used = cli_shard_option(argc, argv, &i, &shard_k, &shard_n)) != 0) {
            if (used < 0) return EXIT_USAGE;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (strcmp(a, "--force") == 0) {
            force = true;
        } else if (!cli_file_arg("grade", a, &file)) {
            return EXIT_USAGE;
        }
    }
    if (!file) {
        usage_grade(stderr);
        return EXIT_USAGE;
    }
    if (cli_is_dir(file))
        return cli_grade_class(file, scenario, &opt, (int)reps, shard_k, shard_n, csv, quiet, force);
    if (csv || scenario || shard_k) {
        fprintf(stderr, _("archsim-cli grade: --csv, --scenario and --shard grade a folder of designs (a class)\n"));
        return EXIT_USAGE;
    }
    Model *m = cli_load(file);
    if (!m) return EXIT_USAGE;
    /* Without --lang: the locale's, as the rest of the output; JSON stays English then. */
    if (!lang && !json && strcmp(tr_lang(), "en") != 0) lang = tr_lang();
    if (lang && strcmp(lang, "en") == 0) lang = NULL;
    if (lang && !scenario_translation(&m->scenario, lang)) {
        bool known = strcmp(lang, "ru") == 0 || strcmp(lang, "uk") == 0;
        if (!known) {
            fprintf(stderr, _("archsim-cli: --lang: '%s' is not one of en, ru, uk"), lang);
            for (int t = 0; t < m->scenario.n_translations; t++) {
                const char *code = m->scenario.translations[t].lang;
                if (strcmp(code, "ru") != 0 && strcmp(code, "uk") != 0)
                    fprintf(stderr, ", %s", code); /* another language the file translates */
            }
            fprintf(stderr, "\n");
            model_destroy(m);
            return EXIT_USAGE;
        }
        fprintf(stderr,
                _("archsim-cli: %s has no '%s' translation; its title, prompt and hints are in "
                "English\n"),
                file, lang);
    }
    if (!cli_work_check(file, m, &opt, (int)reps, 0, force)) {
        model_destroy(m);
        return EXIT_USAGE;
    }
    DiagList d;
    diag_init(&d, file);
    Summary *s = sim_replicate(m, &opt, (int)reps, 0, &d);
    if (!s) {
        diag_print(&d, stderr);
        diag_free(&d);
        model_destroy(m);
        return EXIT_USAGE;
    }
    diag_free(&d);
    Grade *g = grade_create_in(m, s, lang);
    bool ok = true;
    if (!quiet) {
        char *text = grade_text(m, s, g, lang);
        fputs(text, stdout);
        free(text);
    }
    if (json) {
        char *text = grade_json(m, s, g, lang);
        ok &= cli_write(json, text);
        free(text);
    }
    bool pass = g->pass || !g->graded; /* nothing to grade is not a failure */
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
    if (!ok) return EXIT_USAGE;
    return pass ? EXIT_OK : EXIT_FAILS;
}
