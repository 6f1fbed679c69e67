/*
 * import.c - `archsim-cli import FILE [-o OUT.json]`: a diagram from Excalidraw,
 * draw.io, Mermaid (or a PNG archsim exported) as an archsim diagram, with what was
 * mapped, guessed, defaulted, kept as annotations and not kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/numfmt.h"
#include "sim/import.h"
#include "sim/layout.h"
#include "sim/look.h"
#include "sim/model_json.h"
#include "sim/tr.h"

static void usage_import(FILE *out)
{
    fprintf(out, "%s", _("usage: archsim-cli import FILE [-o OUT.json] [--quiet]\n"
                         "\n"
                         "Read a diagram drawn elsewhere and write it as an archsim diagram (to OUT or\n"
                         "stdout): Excalidraw (.excalidraw), draw.io / diagrams.net (.drawio, compressed\n"
                         "or not), Mermaid (flowchart, graph, architecture-beta) or a PNG archsim\n"
                         "exported. The format is told from the contents. Every line of the report says\n"
                         "where in FILE, and whether it was mapped, guessed (a kind from the words or the\n"
                         "style), defaulted, kept as a free annotation, or not kept (docs/interop.md).\n"
                         "The report goes to stderr, or to stdout with -o.\n"));
}

int cmd_import(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_import(stdout);
            return EXIT_OK;
        } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(a, "--quiet") == 0) {
            quiet = true;
        } else if (!cli_file_arg("import", a, &file)) {
            return EXIT_USAGE;
        }
    }
    if (!file) {
        usage_import(stderr);
        return EXIT_USAGE;
    }
    DiagList d;
    diag_init(&d, file);
    ImportResult r;
    bool ok = import_file(file, &r, &d);
    if (!ok) {
        diag_print(&d, stderr);
        fprintf(stderr, _("archsim-cli import: %s: could not be read as %s; nothing was written\n"), file,
                import_format_name(r.format));
        diag_free(&d);
        import_result_free(&r);
        return EXIT_USAGE;
    }
    Model *m = r.model;
    bool laid_out = layout_needed(m);
    if (laid_out) layout_layered(m, LOOK_NODE_W, LOOK_NODE_H);
    FILE *rep = out ? stdout : stderr;
    if (!quiet) {
        char *notes = import_notes_text(&r);
        fputs(notes, rep);
        free(notes);
        if (laid_out) fprintf(rep, _("positions: none in the file; laid out in layers from the clients\n"));
    }
    /* design problems (a sync cycle, ...): written anyway, to be fixed in the app */
    int problems = diag_errors(&d);
    for (int i = 0; i < d.n_items; i++) d.items[i].level = DIAG_WARNING;
    diag_print(&d, stderr);
    char size[160];
    if (!quiet)
        fprintf(rep, _("%s: %s, %s: %d mapped, %d guessed, %d defaulted, %d kept as annotations, %d not kept%s\n"),
                file, import_format_name(r.format), numfmt_nodes_edges(m->n_nodes, m->n_edges, size, sizeof size),
                import_count(&r, NOTE_MAPPED),
                import_count(&r, NOTE_GUESSED), import_count(&r, NOTE_DEFAULTED), import_count(&r, NOTE_KEPT),
                import_count(&r, NOTE_NOT_KEPT),
                problems ? _("; the design has problems to fix before it runs (above)") : "");
    char *json = model_to_json(m);
    ok = cli_write(out ? out : "-", json);
    free(json);
    diag_free(&d);
    import_result_free(&r);
    return ok ? EXIT_OK : EXIT_USAGE;
}
