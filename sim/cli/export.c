/*
 * export.c - `archsim-cli export FILE --to mermaid|dot|excalidraw|drawio [-o|--out OUT]`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/export.h"
#include "sim/import.h"

static void usage_export(FILE *out)
{
    fprintf(out, _("usage: archsim-cli export FILE --to mermaid|dot|excalidraw|drawio [-o|--out OUT]\n"
                 "\n"
                 "Write the diagram as a Mermaid flowchart or a Graphviz graph, with the same\n"
                 "boxes, arrows and labels (async edges dashed), to OUT or stdout; or as an\n"
                 "Excalidraw scene or a draw.io file that 'archsim-cli import' reads back exactly.\n"
                 "  Mermaid: paste into Markdown inside a ```mermaid block.\n"
                 "  Graphviz: archsim-cli export FILE --to dot | dot -Tsvg > diagram.svg\n"));
}

int cmd_export(int argc, char **argv)
{
    const char *file = NULL, *to = NULL, *out = "-";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_export(stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--to") == 0 && v) {
            to = v;
            i++;
        } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) && v) { /* as import takes it */
            out = v;
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, _("archsim-cli export: unknown option or missing value '%s' (see --help)\n"), a);
            return EXIT_USAGE;
        } else if (!file) {
            file = a;
        } else {
            fprintf(stderr, _("archsim-cli export: one FILE only\n"));
            return EXIT_USAGE;
        }
    }
    if (!file || !to) {
        usage_export(stderr);
        return EXIT_USAGE;
    }
    char *(*fn)(const Model *) = NULL;
    if (strcmp(to, "mermaid") == 0) fn = export_mermaid;
    if (strcmp(to, "dot") == 0 || strcmp(to, "graphviz") == 0) fn = export_dot;
    if (strcmp(to, "excalidraw") == 0) fn = export_excalidraw;
    if (strcmp(to, "drawio") == 0) fn = export_drawio;
    if (!fn && (strcmp(to, "svg") == 0 || strcmp(to, "png") == 0)) {
        fprintf(stderr,
                _("archsim-cli export: the board's picture is drawn by the app's canvas code, which archsim-cli "
                  "does not hold: archsim --export-%s OUT.%s FILE (headless, no display needed)\n"),
                to, to);
        return EXIT_USAGE;
    }
    if (!fn) {
        fprintf(stderr, _("archsim-cli export: --to must be mermaid, dot, excalidraw or drawio, got '%s'\n"), to);
        return EXIT_USAGE;
    }
    Model *m = cli_load(file);
    if (!m) return EXIT_USAGE;
    char *text = fn(m);
    bool ok = cli_write(out, text);
    free(text);
    model_destroy(m);
    return ok ? EXIT_OK : EXIT_USAGE;
}
