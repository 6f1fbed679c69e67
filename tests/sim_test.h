/*
 * sim_test.h - helpers shared by the simulator tests: load a diagram (file or
 * inline JSON) through the same loader a user's file takes, run it, read figures, read
 * the numbers of a text.
 */
#ifndef SIM_TEST_H
#define SIM_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <ctype.h>

#include "sim/diag.h"
#include "sim/engine.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/replicate.h"
#include "sim/results.h"
#include "sim/util.h"

/* Load a file relative to the source tree; fails the test on any error. */
static inline Model *load_data(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ARCHSIM_SOURCE_DIR, rel);
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    if (!m) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(m);
    return m;
}

static inline Model *load_text(const char *json)
{
    DiagList d;
    diag_init(&d, "inline");
    Model *m = model_from_json(json, strlen(json), &d);
    if (!m) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(m);
    return m;
}

/* Does the model pass the validator? Its messages are printed when not. */
static inline bool model_is_valid(const Model *m)
{
    DiagList d;
    diag_init(&d, "model");
    bool ok = model_validate(m, &d);
    if (!ok) diag_print(&d, stderr);
    diag_free(&d);
    return ok;
}

/* Run replications (1 = a plain run) and return the summary. */
static inline Summary *run_model(const Model *m, int reps, double duration_s)
{
    SimOptions o = sim_options_default();
    o.duration_s = duration_s;
    DiagList d;
    diag_init(&d, "run");
    Summary *s = sim_replicate(m, &o, reps, 2, &d);
    if (!s) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(s);
    return s;
}

static inline int node_index(const Results *r, const char *id)
{
    for (int i = 0; i < r->n_nodes; i++)
        if (strcmp(r->node_ids[i], id) == 0) return i;
    fail_msg("no node %s", id);
    return -1;
}

static inline double type_fig(const Summary *s, int type, TypeFig f)
{
    return s->mean->types[type][f];
}

static inline double node_fig(const Summary *s, const char *id, NodeFig f)
{
    return s->mean->nodes[node_index(s->mean, id)][f];
}

/* Assert |got - want| <= rel * |want|, printing both. */
#define assert_close(got, want, rel)                                                        \
    do {                                                                                    \
        double g_ = (got), w_ = (want);                                                     \
        double e_ = fabs(g_ - w_) / fabs(w_);                                               \
        printf("    %-40s got %.6g want %.6g (rel err %.3f%%, tolerance %.2f%%)\n", #got, g_,  \
               w_, 100 * e_, 100.0 * (rel));                                                \
        if (!(e_ <= (rel))) fail_msg("%s = %g, want %g within %g%%", #got, g_, w_, 100.0 * (rel)); \
    } while (0)

/* The JSON must fail to load with an error at a path containing `path` whose message
 * contains `words`; every error is printed when none does. */
static inline void check_error(const char *json, const char *path, const char *words)
{
    DiagList d;
    diag_init(&d, "t.json");
    Model *m = model_from_json(json, strlen(json), &d);
    assert_null(m);
    bool found = false;
    for (int i = 0; i < d.n_items; i++)
        if (d.items[i].path && strstr(d.items[i].path, path) && strstr(d.items[i].message, words))
            found = true;
    if (!found)
        for (int i = 0; i < d.n_items; i++) printf("    %s: %s\n", d.items[i].path, d.items[i].message);
    assert_true(found);
    diag_free(&d);
}

/* The numbers of text `s` as numfmt_scan reads them in `lang` (NULL: English), each
 * "%.15g" between spaces: "1,000 x 2.5 KB" in English and "1 000 x 2,5 KB" in Russian
 * both give " 1000 2.5 "; with `unique` each once, in first-seen order. The digits of a
 * name ("p99", "x2") are no number, and a sentence's closing dot is not part of one. */
static inline char *numbers_read(const char *s, const char *lang, bool unique)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, " ");
    for (const char *p = s; *p;) {
        bool digit = isdigit((unsigned char)*p);
        bool in_name = p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.');
        double v;
        size_t n = digit && !in_name ? numfmt_scan(p, lang, &v) : 0;
        if (n == 0) {
            for (p++; digit && isdigit((unsigned char)*p); p++) /* the rest of a name's digits */
                ;
            continue;
        }
        char *tok = xasprintf(" %.15g ", v);
        if (!unique || !strstr(b.data, tok)) sb_puts(&b, tok + 1);
        free(tok);
        p += n;
    }
    return sb_take(&b);
}

#endif
