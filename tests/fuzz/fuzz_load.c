/*
 * fuzz_load.c - libFuzzer target for the diagram loader and everything that reads a
 * freshly loaded model without simulating it.
 *
 * 1. The strict loader: when the bytes load, saves, reloads and checks that the
 *    reloaded model equals the first and that the second save is byte-identical.
 * 2. The lenient loader (what the app opens, valid or not) and then what the app and
 *    `archsim-cli check` compute on every edit: model_validate, the analytic estimate,
 *    the modelling checks (lint_model) and each of their fixes, applied to a copy (a fix
 *    keeps a valid model valid), the back-of-the-envelope sheet in three languages and
 *    the Mermaid and DOT exports.
 * Any crash, leak, sanitizer report or failed check is a bug in the library.
 *
 * Build and run: docs/testing.md ("Running a fuzzer").
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/analytic.h"
#include "sim/envelope.h"
#include "sim/export.h"
#include "sim/lint.h"
#include "sim/model_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_load: %s\n", what);
        abort();
    }
}

static void round_trip(const uint8_t *data, size_t size)
{
    DiagList d;
    diag_init(&d, "fuzz");
    Model *m = model_from_json((const char *)data, size, &d);
    check((m != NULL) == (diag_errors(&d) == 0), "a load fails exactly when it reports an error");
    if (m) {
        char *first = model_to_json(m);
        DiagList d2;
        diag_init(&d2, "fuzz-saved");
        Model *again = model_from_json(first, strlen(first), &d2);
        if (!again) diag_print(&d2, stderr);
        check(again != NULL, "a saved model loads");
        check(model_equal(m, again), "load -> save -> load gives an equal model");
        char *second = model_to_json(again);
        check(strcmp(first, second) == 0, "the second save is byte-identical to the first");
        free(first);
        free(second);
        model_destroy(again);
        diag_free(&d2);
    }
    model_destroy(m);
    diag_free(&d);
}

static bool validates(const Model *m)
{
    DiagList d;
    diag_init(&d, "fuzz-validate");
    bool ok = model_validate(m, &d);
    check(ok == (diag_errors(&d) == 0), "model_validate is true exactly when it adds no error");
    diag_free(&d);
    return ok;
}

static void analyse(const Model *m)
{
    bool valid = validates(m);

    Estimate est;
    analytic_estimate(m, &est);
    check(est.n_nodes == m->n_nodes && est.n_edges == m->n_edges &&
              est.n_requests == m->scenario.n_requests,
          "the estimate has the model's shape");
    for (int i = 0; i < est.n_nodes; i++) {
        const NodeEstimate *n = &est.nodes[i];
        check(!(n->over_capacity && n->backed_up_by >= 0),
              "a node is never both over capacity and backed up");
        check(n->backed_up_by >= -1 && n->backed_up_by < m->n_nodes,
              "backed_up_by is -1 or a node index");
    }

    LintList l;
    lint_init(&l);
    int n = lint_model_with(m, &est, &l);
    check(n == l.n_items, "lint_model returns the number of findings");
    for (int i = 0; i < l.n_items; i++) {
        const LintFinding *f = &l.items[i];
        check(f->path && f->message, "a finding has a path and a message");
        check((f->fix == NULL) == (f->fix_label == NULL), "a fix has a label and a label a fix");
        if (!f->fix) continue;
        Model *copy = model_clone(m);
        if (lint_apply_fix(copy, f) && valid)
            check(validates(copy), "a modelling check's fix keeps a valid model valid");
        model_destroy(copy);
    }
    lint_free(&l);
    estimate_free(&est);

    static const char *const langs[] = {NULL, "ru", "uk"};
    for (size_t k = 0; k < sizeof langs / sizeof *langs; k++) {
        EnvelopeSheet *s = envelope_sheet_create_in(m, langs[k]);
        free(envelope_text(m, s, NULL, 0, false));
        free(envelope_json(m, s, NULL, 0, true));
        envelope_sheet_destroy(s);
    }
    free(export_mermaid(m));
    free(export_dot(m));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    round_trip(data, size);

    DiagList d;
    diag_init(&d, "fuzz-lenient");
    Model *m = model_from_json_lenient((const char *)data, size, &d);
    if (m) analyse(m);
    model_destroy(m);
    diag_free(&d);
    return 0;
}
