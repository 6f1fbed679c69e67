/*
 * fuzz_import.c - libFuzzer target for the importers: bytes as a file given to
 * `archsim-cli import` or dropped on the app, sniffed (PNG, Excalidraw, draw.io,
 * Mermaid, archsim JSON) and read by import_bytes.
 *
 * Checks besides crashes, leaks and UB: an import fails exactly when it gives no model
 * and then reports an error; every note has a message; an imported model saves, and
 * its Excalidraw and draw.io exports import again to an equal model (the round trip the
 * tests check on the presets, here on whatever the fuzzer makes; draw.io's only when
 * no text holds a control character, which XML 1.0 cannot carry), and its Mermaid
 * export imports again (not to an equal model: Mermaid keeps no positions).
 *
 * Build and run: docs/testing.md ("Running a fuzzer").
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/export.h"
#include "sim/import.h"
#include "sim/model_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_import: %s\n", what);
        abort();
    }
}

/* XML 1.0 cannot hold control characters (but tab, newline, return): draw.io drops them. */
static bool has_control_chars(const Model *m)
{
    char *json = model_to_json(m);
    bool found = strstr(json, "\\u00") || strstr(json, "\\b") || strstr(json, "\\f");
    free(json);
    return found;
}

static void again(const Model *m, char *(*writer)(const Model *), const char *name, bool exact)
{
    char *text = writer(m);
    ImportResult r;
    DiagList d;
    diag_init(&d, name);
    bool ok = import_bytes(text, strlen(text), &r, &d);
    if (!ok) diag_print(&d, stderr);
    check(ok, "an exported diagram imports again");
    if (exact) check(model_equal(m, r.model), "export -> import gives an equal model");
    import_result_free(&r);
    diag_free(&d);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ImportResult r;
    DiagList d;
    diag_init(&d, "fuzz");
    bool ok = import_bytes((const char *)data, size, &r, &d);
    check(ok == (r.model != NULL), "an import succeeds exactly when it gives a model");
    if (!ok) check(diag_errors(&d) > 0, "a failed import says why");
    for (int i = 0; i < r.n_notes; i++) check(r.notes[i].message && r.notes[i].where, "a note has a message");
    free(import_notes_text(&r));
    if (ok) {
        free(model_to_json(r.model));
        /* the round trips hold for valid models (unique ids, edges between nodes) */
        char *json = model_to_json(r.model);
        DiagList d2;
        diag_init(&d2, "fuzz-saved");
        Model *m = model_from_json_lenient(json, strlen(json), &d2);
        check(m != NULL, "an imported model saves and loads");
        if (m && m->n_nodes <= 200 && model_validate(m, &d2)) {
            again(m, export_excalidraw, "fuzz-excalidraw", true);
            again(m, export_drawio, "fuzz-drawio", !has_control_chars(m));
            again(m, export_mermaid, "fuzz-mermaid", false); /* lossy (positions, limits), but it reads */
        }
        model_destroy(m);
        diag_free(&d2);
        free(json);
    }
    import_result_free(&r);
    diag_free(&d);
    return 0;
}
