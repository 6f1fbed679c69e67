/*
 * compare.c - two designs under one scenario, replication by replication on the same
 * seeds, and the differences with their confidence intervals (compare.h).
 */
#include "sim/compare.h"
#include "format_util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/batch.h"
#include "sim/histogram.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/requirements.h"
#include "sim/tr.h"
#include "sim/util.h"

#define SECONDS_PER_MONTH (730.0 * 3600) /* as model_cost_per_month_usd counts a month */

static const TypeFig fig_of[CMP_FIG_COUNT] = {TF_P50_MS, TF_P99_MS, TF_MEAN_MS, TF_THROUGHPUT_RPS, TF_ERROR_RATE};
static const char *const fig_key[CMP_FIG_COUNT] = {"p50_ms", "p99_ms", "mean_ms", "throughput_rps", "error_rate"};
static const char *const fig_label[CMP_FIG_COUNT] = {"p50", "p99", N_("mean"), N_("throughput"), N_("errors")};
/* Lower is better for these figures. */
static const bool lower_better[CMP_FIG_COUNT] = {true, true, true, false, true};

Model *compare_with_scenario(const Model *design, const Model *scenario_from, DiagList *d)
{
    char *dj = model_to_json(design), *sj = model_to_json(scenario_from);
    cJSON *doc = cJSON_Parse(dj), *src = cJSON_Parse(sj);
    free(dj);
    free(sj);
    Model *m = NULL;
    if (doc && src) {
        cJSON *sc = cJSON_DetachItemFromObjectCaseSensitive(src, "scenario");
        cJSON_DeleteItemFromObjectCaseSensitive(doc, "scenario");
        if (sc) cJSON_AddItemToObject(doc, "scenario", sc);
        char *text = json_print_exact(doc, false);
        m = model_from_json(text, strlen(text), d);
        free(text);
    } else {
        diag_add(d, "", "the models could not be written as JSON");
    }
    cJSON_Delete(doc);
    cJSON_Delete(src);
    return m;
}

/* The figures kept per run: every type's CMP figures, then each requirement's, then the
 * cost per million successful requests. */
typedef struct Collect {
    int n_types, n_req, n_vals, reps;
    double *vals; /* [2][reps][n_vals], NAN where not measured */
    BatchEach ran; /* compare_run_each's: each run too */
    void *ran_ctx;
} Collect;

static void collect(void *ctx, int design, int rep, const Model *m, const Results *r, const char *error)
{
    Collect *c = ctx;
    if (c->ran) c->ran(c->ran_ctx, design, rep, m, r, error);
    if (!r) {
        (void)error; /* the batch reports it */
        return;
    }
    double *v = &c->vals[((size_t)design * c->reps + rep) * c->n_vals];
    int k = 0;
    for (int t = 0; t <= c->n_types; t++)
        for (int f = 0; f < CMP_FIG_COUNT; f++) {
            bool ok = fig_of[f] == TF_THROUGHPUT_RPS || r->types[t][TF_COMPLETED] > 0;
            if (fig_of[f] != TF_THROUGHPUT_RPS && fig_of[f] != TF_ERROR_RATE)
                ok = r->types[t][TF_COMPLETED] - r->types[t][TF_ERRORS] > 0;
            v[k++] = ok ? r->types[t][fig_of[f]] : NAN;
        }
    for (int q = 0; q < c->n_req; q++) {
        const Requirement *rq = &m->scenario.requirements[q];
        int type = rq->request ? model_find_request(m, rq->request) : -1;
        v[k++] = metric_measured(m, r, rq->metric, type) ? metric_value(m, r, rq->metric, type) : NAN;
    }
    double thr = r->types[r->n_types][TF_THROUGHPUT_RPS];
    v[k++] = thr > 0 ? model_cost_per_month_usd(m) / (thr * SECONDS_PER_MONTH) * 1e6 : NAN;
}

static double mean_of(const double *x, int n, int stride)
{
    double s = 0;
    for (int i = 0; i < n; i++) s += x[(size_t)i * stride];
    return s / n;
}

static double half_of(const double *x, int n, int stride, double mean)
{
    if (n < 2) return NAN;
    double ss = 0;
    for (int i = 0; i < n; i++) {
        double e = x[(size_t)i * stride] - mean;
        ss += e * e;
    }
    return ci_half_width(n, ss, mean);
}

static Difference difference(const Collect *c, int k)
{
    Difference d = {0};
    int n = c->reps, stride = c->n_vals;
    const double *a = &c->vals[k], *b = &c->vals[(size_t)n * stride + k];
    bool has_a = true, has_b = true;
    for (int r = 0; r < n; r++) {
        has_a &= isfinite(a[(size_t)r * stride]) != 0;
        has_b &= isfinite(b[(size_t)r * stride]) != 0;
    }
    d.measured = has_a && has_b;
    if (!d.measured) { /* each side its own figure where it has one; no difference */
        d.a = has_a ? mean_of(a, n, stride) : NAN;
        d.a_half = has_a ? half_of(a, n, stride, d.a) : NAN;
        d.b = has_b ? mean_of(b, n, stride) : NAN;
        d.b_half = has_b ? half_of(b, n, stride, d.b) : NAN;
        d.diff = d.diff_half = NAN;
        return d;
    }
    double *diff = xmalloc((size_t)n * sizeof *diff);
    for (int r = 0; r < n; r++) diff[r] = b[(size_t)r * stride] - a[(size_t)r * stride];
    d.a = mean_of(a, n, stride);
    d.b = mean_of(b, n, stride);
    d.a_half = half_of(a, n, stride, d.a);
    d.b_half = half_of(b, n, stride, d.b);
    d.diff = mean_of(diff, n, 1);
    d.diff_half = half_of(diff, n, 1, d.diff);
    d.significant = isfinite(d.diff_half) && fabs(d.diff) > d.diff_half;
    free(diff);
    return d;
}

static char *bottleneck_name(const Model *m, const Summary *s, const char *lang)
{
    int b = s->mean->bottleneck;
    if (b < 0 || b >= m->n_nodes) return NULL;
    char buf[300];
    return xstrdup(node_name_in(m, &m->nodes[b], NAMING_LABEL_AND_ID, lang, buf, sizeof buf));
}

/* The comparison from both designs' summaries and the per-run figures in c. */
static Comparison *finish(const Model *a, Model *const models[2], Summary *const sums[2], const Collect *cc,
                          const char *name_a, const char *name_b)
{
    const Collect c = *cc;
    Comparison *out = xcalloc(1, sizeof *out);
    out->reps = c.reps;
    out->name_a = xstrdup(name_a);
    out->name_b = xstrdup(name_b);
    out->n_types = c.n_types;
    out->type_names = xcalloc((size_t)c.n_types + 1, sizeof *out->type_names);
    for (int t = 0; t < c.n_types; t++) out->type_names[t] = xstrdup(a->scenario.requests[t].name);
    out->type_names[c.n_types] = xstrdup("all");
    out->types = xcalloc((size_t)c.n_types + 1, sizeof *out->types);
    int k = 0;
    for (int t = 0; t <= c.n_types; t++)
        for (int f = 0; f < CMP_FIG_COUNT; f++) {
            Difference *d = &out->types[t][f];
            *d = difference(&c, k++);
            d->quantile = f == CMP_P50_MS || f == CMP_P99_MS;
        }
    out->n_requirements = c.n_req;
    out->requirement_names = requirement_describe_langs(a);
    out->requirements = xcalloc((size_t)c.n_req + 1, sizeof *out->requirements);
    out->req_metric = xcalloc((size_t)c.n_req + 1, sizeof *out->req_metric);
    out->req_lower_better = xcalloc((size_t)c.n_req + 1, sizeof *out->req_lower_better);
    for (int q = 0; q < c.n_req; q++) {
        out->req_metric[q] = a->scenario.requirements[q].metric;
        out->req_lower_better[q] = a->scenario.requirements[q].has_max;
        out->requirements[q] = difference(&c, k++);
        out->requirements[q].quantile = metric_is_quantile(out->req_metric[q]);
    }
    out->cost_per_million = difference(&c, k++);
    out->cost_a_usd = model_cost_per_month_usd(models[0]);
    out->cost_b_usd = model_cost_per_month_usd(models[1]);
    out->cost_per_month = (Difference){.measured = true, .a = out->cost_a_usd, .a_half = NAN, .b = out->cost_b_usd,
                                       .b_half = NAN, .diff = out->cost_b_usd - out->cost_a_usd, .diff_half = 0,
                                       .significant = out->cost_b_usd != out->cost_a_usd};
    bool *pass[2] = {NULL, NULL};
    bool all[2];
    for (int i = 0; i < 2; i++) {
        Verdict *v = NULL;
        requirements_check(models[i], sums[i]->mean, sums[i]->half, &v, &all[i]);
        pass[i] = xcalloc((size_t)c.n_req + 1, sizeof *pass[i]);
        for (int q = 0; q < c.n_req; q++) pass[i][q] = v[q].pass;
        free(v);
    }
    out->pass_a = pass[0];
    out->pass_b = pass[1];
    out->all_pass_a = all[0];
    out->all_pass_b = all[1];
    out->bottleneck_a = bottleneck_name(models[0], sums[0], tr_lang());
    out->bottleneck_b = bottleneck_name(models[1], sums[1], tr_lang());
    out->bottleneck_file_a = bottleneck_name(models[0], sums[0], "en");
    out->bottleneck_file_b = bottleneck_name(models[1], sums[1], "en");
    out->why_a = sums[0]->mean->bottleneck_why ? xstrdup(sums[0]->mean->bottleneck_why) : NULL;
    out->why_b = sums[1]->mean->bottleneck_why ? xstrdup(sums[1]->mean->bottleneck_why) : NULL;
    for (int i = 0; i < 2; i++)
        for (int l = 0; l < TR_N_LANGS; l++)
            out->why_in[i][l] = sums[i]->mean->bottleneck_why ? bottleneck_why_in(models[i], sums[i]->mean, tr_langs[l]) : NULL;
    return out;
}

static Collect collect_begin(const Model *a, int reps)
{
    Collect c = {.n_types = a->scenario.n_requests, .n_req = a->scenario.n_requirements, .reps = reps};
    c.n_vals = (c.n_types + 1) * CMP_FIG_COUNT + c.n_req + 1;
    c.vals = xcalloc((size_t)2 * reps * c.n_vals, sizeof *c.vals);
    return c;
}

/* compare_run_shard, with each run of a whole comparison also given to ran() */
static Comparison *run_compare(const Model *a, const Model *b, const char *name_a, const char *name_b,
                               const SimOptions *opt, int reps, int jobs, int shard_k, int shard_n, BatchEach each,
                               void *each_ctx, BatchEach ran, void *ran_ctx, DiagList *d)
{
    if (reps < 1) reps = 1;
    Model *models[2] = {model_clone(a), model_clone(b)};
    Summary *sums[2];
    char *errors[2];
    Collect c = collect_begin(a, reps);
    c.ran = ran;
    c.ran_ctx = ran_ctx;
    Comparison *out = NULL;
    if (each) {
        /* a shard: its runs go to each(), no comparison */
        batch_run_shard(models, 2, reps, jobs, opt, shard_k, shard_n, each, each_ctx, sums, errors);
        for (int i = 0; i < 2; i++) {
            if (errors[i] && strcmp(errors[i], "no run of this shard") != 0 && strcmp(errors[i], "cancelled") != 0)
                diag_add(d, "", "%s: %s", i ? name_b : name_a, errors[i]);
        }
        goto done;
    }
    batch_run(models, 2, reps, jobs, opt, collect, &c, sums, errors);
    if (!sums[0] || !sums[1]) {
        for (int i = 0; i < 2; i++)
            if (errors[i]) diag_add(d, "", "%s: %s", i ? name_b : name_a, errors[i]);
        goto done;
    }
    out = finish(a, models, sums, &c, name_a, name_b);
done:
    for (int i = 0; i < 2; i++) {
        summary_destroy(sums[i]);
        free(errors[i]);
        model_destroy(models[i]);
    }
    free(c.vals);
    return out;
}

Comparison *compare_run_shard(const Model *a, const Model *b, const char *name_a, const char *name_b,
                              const SimOptions *opt, int reps, int jobs, int shard_k, int shard_n, BatchEach each,
                              void *each_ctx, DiagList *d)
{
    return run_compare(a, b, name_a, name_b, opt, reps, jobs, shard_k, shard_n, each, each_ctx, NULL, NULL, d);
}

Comparison *compare_run(const Model *a, const Model *b, const char *name_a, const char *name_b, const SimOptions *opt,
                        int reps, int jobs, DiagList *d)
{
    return run_compare(a, b, name_a, name_b, opt, reps, jobs, 1, 1, NULL, NULL, NULL, NULL, d);
}

Comparison *compare_run_each(const Model *a, const Model *b, const char *name_a, const char *name_b,
                             const SimOptions *opt, int reps, int jobs, BatchEach ran, void *ran_ctx, DiagList *d)
{
    return run_compare(a, b, name_a, name_b, opt, reps, jobs, 1, 1, NULL, NULL, ran, ran_ctx, d);
}

Comparison *compare_from_runs(const Model *a, const Model *b, const char *name_a, const char *name_b, int reps,
                              Results *const *runs)
{
    Model *models[2] = {model_clone(a), model_clone(b)};
    Collect c = collect_begin(a, reps);
    Summary *sums[2];
    for (int i = 0; i < 2; i++) {
        SummaryBuilder *sb = summary_begin();
        for (int r = 0; r < reps; r++) {
            collect(&c, i, r, models[i], runs[i * reps + r], NULL);
            summary_add(sb, runs[i * reps + r]);
        }
        sums[i] = summary_finish(sb);
        results_find_bottleneck(models[i], sums[i]->mean);
    }
    Comparison *out = finish(a, models, sums, &c, name_a, name_b);
    for (int i = 0; i < 2; i++) {
        summary_destroy(sums[i]);
        model_destroy(models[i]);
    }
    free(c.vals);
    return out;
}

void compare_destroy(Comparison *c)
{
    if (!c) return;
    free(c->name_a);
    free(c->name_b);
    for (int t = 0; t <= c->n_types; t++) free(c->type_names[t]);
    free(c->type_names);
    free(c->types);
    requirement_names_free(c->requirement_names, c->n_requirements);
    free(c->requirements);
    free(c->req_metric);
    free(c->req_lower_better);
    free(c->pass_a);
    free(c->pass_b);
    free(c->bottleneck_a);
    free(c->bottleneck_b);
    free(c->bottleneck_file_a);
    free(c->bottleneck_file_b);
    free(c->why_a);
    free(c->why_b);
    for (int i = 0; i < 2; i++)
        for (int l = 0; l < TR_N_LANGS; l++) free(c->why_in[i][l]);
    free(c);
}

/* ---- text ----------------------------------------------------------------------------------- */

typedef enum Unit { U_MS, U_S, U_RATE, U_SHARE, U_USD, U_NUMBER } Unit;

/* A figure or a difference in its unit, with the digits a small difference needs:
 * "0.0042 ms", "41 ms", "20.2k/s", "0.05%", "$1,083", "$0.0204"; in the current
 * language ("41 мс", "$1 083"). */
static const char *value(Unit u, double v, char *out, size_t cap)
{
    if (!isfinite(v)) return snprintf(out, cap, "-"), out;
    char num[NUMFMT_CAP];
    switch (u) {
    case U_MS:
        if (v != 0 && fabs(v) < 1)
            snprintf(out, cap, "%s%s", numfmt_decimal(v, 2, num, sizeof num), C_("duration", " ms"));
        else numfmt_ms_in(v, tr_lang(), out, cap);
        return out;
    case U_S: return value(U_MS, v * 1000, out, cap); /* a lag in seconds: "28.2 s ± 78 ms" */
    case U_RATE:
        if (fabs(v) < 1000) snprintf(out, cap, "%s%s", numfmt_decimal(v, 3, num, sizeof num), _("/s"));
        else snprintf(out, cap, "%s%s", numfmt_count(v, num, sizeof num), _("/s"));
        return out;
    case U_SHARE: snprintf(out, cap, "%s%%", numfmt_decimal(v * 100, 2, num, sizeof num)); return out;
    case U_USD:
        if (fabs(v) >= 1000) snprintf(out, cap, "$%s", numfmt_grouped(v, numfmt_thousands(tr_lang()), num, sizeof num));
        else snprintf(out, cap, "$%s", numfmt_decimal(v, 3, num, sizeof num));
        return out;
    case U_NUMBER: /* a count of messages: "84,308", as the report writes it */
        if (fabs(v) >= 1000) return numfmt_grouped(round(v), numfmt_thousands(tr_lang()), out, cap);
        return numfmt_decimal(v, 4, out, cap);
    }
    return out;
}

/* "+1.2 ms", "-0.3 pt" (a difference keeps its sign; a share's is in percentage points). */
/* The size |v| of a difference: a share's in points ("0.42 pt"), "-" when not finite. */
static const char *difference_size(Unit u, double v, char *out, size_t cap)
{
    if (!isfinite(v)) return snprintf(out, cap, "-"), out;
    value(u, fabs(v), out, cap);
    if (u == U_SHARE) {
        size_t n = strlen(out);
        if (n && out[n - 1] == '%') snprintf(out + n - 1, cap - n + 1, "%s", _(" pt"));
    }
    return out;
}

static const char *signed_value(Unit u, double v, char *out, size_t cap)
{
    char body[NUMFMT_CAP + 16];
    if (!isfinite(v)) return snprintf(out, cap, "-"), out;
    return numfmt_signed(v, difference_size(u, v, body, sizeof body), out, cap);
}

/* A significant difference smaller than this share of A's figure is called negligible
 * (and not counted as better or worse). */
#define NEGLIGIBLE 0.01

typedef enum Call { CALL_UNMEASURED, CALL_UNKNOWN, CALL_NOISE, CALL_NEGLIGIBLE, CALL_BETTER, CALL_WORSE } Call;

/* What the difference says, and its words in the current language. */
static Call verdict(const Difference *d, bool lower_is_better, char *out, size_t cap)
{
    if (!d->measured) {
        char side = difference_lacking(d);
        const char *which = side == 'B'   ? _("B: not measured in every replication")
                            : side == 'A' ? _("A: not measured in every replication")
                                          : _("not measured in every replication");
        return snprintf(out, cap, "%s", which), CALL_UNMEASURED;
    }
    if (!isfinite(d->diff_half)) {
        snprintf(out, cap, "%s", d->diff == 0 ? _("the same") : _("one replication: no interval"));
        return CALL_UNKNOWN;
    }
    if (d->diff == 0 && d->diff_half == 0) return snprintf(out, cap, "%s", _("the same")), CALL_NOISE;
    if (!d->significant) return snprintf(out, cap, "%s", _("no significant difference")), CALL_NOISE;
    bool better = (d->diff < 0) == lower_is_better;
    double rel = d->a != 0 ? fabs(d->diff / d->a) : INFINITY;
    char num[NUMFMT_CAP];
    if (!isfinite(rel)) snprintf(out, cap, "%s", better ? _("B better") : _("B worse"));
    else if (rel < NEGLIGIBLE)
        snprintf(out, cap, better ? _("B better by %s%%: negligible") : _("B worse by %s%%: negligible"),
                 numfmt_decimal(rel * 100, 2, num, sizeof num));
    else if (difference_as_ratio(d)) /* "B worse by 3371%" told little: so many times A */
        snprintf(out, cap, better ? _("B better: %s times A") : _("B worse: %s times A"),
                 numfmt_decimal(d->b / d->a, 3, num, sizeof num));
    else snprintf(out, cap, better ? _("B better by %s%%") : _("B worse by %s%%"), numfmt_decimal(rel * 100, 2, num, sizeof num));
    return isfinite(rel) && rel < NEGLIGIBLE ? CALL_NEGLIGIBLE : better ? CALL_BETTER : CALL_WORSE;
}

/* The table's columns: the figure's name, A, B, B - A, the verdict. */
static const int line_width[5] = {-26, 20, 20, 22, 0};

/* A half-width, or "< 6.5 ms" for a quantile's 0: every run in one histogram bucket,
 * as wide as that at `at`. */
static const char *half_text(Unit u, const Difference *d, double half, double at, char *out, size_t cap)
{
    char v[64];
    if (difference_below_resolution(d, half)) return snprintf(out, cap, "< %s", value(u, hist_resolution(at), v, sizeof v)), out;
    return value(u, half, out, cap);
}

static void line(StrBuf *b, const char *label, const Difference *d, Unit u, bool lower_is_better, int *better, int *worse)
{
    char a[64], bb[64], ah[80], bh[80], df[64], dh[80], ca[160], cb[160], cd[160], lab[160];
    value(u, d->a, a, sizeof a);
    value(u, d->b, bb, sizeof bb);
    if (isfinite(d->a_half)) snprintf(ca, sizeof ca, "%s \xC2\xB1 %s", a, half_text(u, d, d->a_half, d->a, ah, sizeof ah));
    else snprintf(ca, sizeof ca, "%s", a);
    if (isfinite(d->b_half)) snprintf(cb, sizeof cb, "%s \xC2\xB1 %s", bb, half_text(u, d, d->b_half, d->b, bh, sizeof bh));
    else snprintf(cb, sizeof cb, "%s", bb);
    signed_value(u, d->diff, df, sizeof df);
    if (isfinite(d->diff_half) && !difference_exact(d)) {
        if (difference_below_resolution(d, d->diff_half)) {
            half_text(u, d, d->diff_half, fmax(d->a, d->b), dh, sizeof dh);
        } else {
            difference_size(u, d->diff_half, dh, sizeof dh); /* a share's half in points too */
        }
        snprintf(cd, sizeof cd, "%s \xC2\xB1 %s", df, dh);
    } else {
        snprintf(cd, sizeof cd, "%s", df);
    }
    char vb[160];
    Call call = verdict(d, lower_is_better, vb, sizeof vb);
    *better += call == CALL_BETTER;
    *worse += call == CALL_WORSE;
    snprintf(lab, sizeof lab, "%s", label);
    utf8_truncate(lab, (size_t)-line_width[0]);
    const char *cells[5] = {lab, ca, cb, cd, vb};
    sb_table_row(b, 5, line_width, cells);
}

static Unit fig_unit(int f) { return f == CMP_THROUGHPUT_RPS ? U_RATE : f == CMP_ERROR_RATE ? U_SHARE : U_MS; }

static Unit metric_unit(Metric m)
{
    if (m <= METRIC_MAX_MS || m == METRIC_ASYNC_P99_MS) return U_MS;
    if (metric_is_share(m)) return U_SHARE;
    if (m == METRIC_THROUGHPUT_RPS) return U_RATE;
    if (m == METRIC_COST_PER_MONTH_USD) return U_USD;
    if (m == METRIC_MAX_LAG_S) return U_S;
    return U_NUMBER;
}

/* Whether a requirement's figure is one of the lines above it (a type's p50, p99, mean,
 * throughput or errors, the cost per month), counted there; a lag, a p95, a hit ratio...
 * is counted on its own line. */
static bool figure_shown_above(Metric m)
{
    return m == METRIC_P50_MS || m == METRIC_P99_MS || m == METRIC_MEAN_MS || m == METRIC_THROUGHPUT_RPS ||
           m == METRIC_ERROR_RATE || m == METRIC_COST_PER_MONTH_USD;
}

static const char *passes(bool pass) { return pass ? C_("compare", "passes") : C_("compare", "FAILS"); }

char *compare_text(const Comparison *c)
{
    StrBuf b;
    sb_init(&b);
    int better = 0, worse = 0;
    const char *lang = tr_lang();
    int l = tr_lang_index(lang); /* tr_lang() is always one of tr_langs */
    sb_printf(&b, "A: %s\nB: %s\n", c->name_a, c->name_b);
    sb_printf(&b,
              P_("%d replication each on the same seeds (common random numbers); B - A with its 95%% confidence "
                 "interval\n",
                 "%d replications each on the same seeds (common random numbers); B - A with its 95%% confidence "
                 "interval\n",
                 c->reps),
              c->reps);
    if (c->reps < 2) sb_puts(&b, _("(one replication: no intervals, nothing can be called significant; use --replications)\n"));
    const char *head[5] = {"", "A", "B", "B - A", ""};
    sb_puts(&b, "\n");
    sb_table_row(&b, 5, line_width, head);
    for (int t = 0; t <= c->n_types; t++) {
        if (t == c->n_types && c->n_types == 1) break; /* "all" repeats the only type */
        sb_printf(&b, "%s\n", t == c->n_types ? _("all request types") : c->type_names[t]);
        for (int f = 0; f < CMP_FIG_COUNT; f++)
            line(&b, _(fig_label[f]), &c->types[t][f], fig_unit(f), lower_better[f], &better, &worse);
    }
    /* requirements: a figure that repeats a line above is counted there */
    int dummy_b = 0, dummy_w = 0;
    if (c->n_requirements) sb_puts(&b, _("requirements (pass / fail on the mean, as grade judges)\n"));
    for (int q = 0; q < c->n_requirements; q++) {
        sb_puts(&b, "  ");
        sb_printf(&b, _("%s: A %s, B %s"), requirement_name_in(c->requirement_names, c->n_requirements, q, lang),
                  passes(c->pass_a[q]), passes(c->pass_b[q]));
        sb_puts(&b, "\n");
        bool counted = !figure_shown_above(c->req_metric[q]);
        line(&b, "", &c->requirements[q], metric_unit(c->req_metric[q]), c->req_lower_better[q],
             counted ? &better : &dummy_b, counted ? &worse : &dummy_w);
    }
    sb_printf(&b, "%s\n", _("cost"));
    line(&b, _("per month"), &c->cost_per_month, U_USD, true, &better, &worse); /* exact: counted when they differ */
    line(&b, _("per million successful"), &c->cost_per_million, U_USD, true, &better, &worse);
    const char *why[2] = {c->why_in[0][l] ? c->why_in[0][l] : c->bottleneck_a ? c->bottleneck_a : _("none"),
                          c->why_in[1][l] ? c->why_in[1][l] : c->bottleneck_b ? c->bottleneck_b : _("none")};
    sb_printf(&b, "\n%s\n  A: %s\n  B: %s\n", _("bottleneck"), why[0], why[1]);
    if (c->n_requirements)
        sb_printf(&b, _("\nrequirements: A %s, B %s\n"), c->all_pass_a ? C_("compare", "passes") : C_("compare", "fails"),
                  c->all_pass_b ? C_("compare", "passes") : C_("compare", "fails"));
    if (!c->n_requirements) sb_puts(&b, "\n");
    sb_printf(&b,
              P_("verdict: B is better on %d figure and worse on %d (by 1%% or more, beyond noise); the others "
                 "differ by noise or by less than 1%%\n",
                 "verdict: B is better on %d figures and worse on %d (by 1%% or more, beyond noise); the others "
                 "differ by noise or by less than 1%%\n",
                 better),
              better, worse);
    return sb_take(&b);
}

/* ---- JSON ------------------------------------------------------------------------------------ */

static void jnum(StrBuf *b, double v)
{
    if (isfinite(v)) sb_printf(b, "%.10g", v);
    else sb_puts(b, "null");
}

static void jstr(StrBuf *b, const char *s)
{
    if (!s) {
        sb_puts(b, "null");
        return;
    }
    cJSON *j = cJSON_CreateString(s);
    char *t = cJSON_PrintUnformatted(j);
    sb_puts(b, t);
    free(t);
    cJSON_Delete(j);
}

static void jdiff(StrBuf *b, const Difference *d)
{
    sb_puts(b, "{\"a\": ");
    jnum(b, d->a);
    sb_puts(b, ", \"a_half\": ");
    jnum(b, d->a_half);
    sb_puts(b, ", \"b\": ");
    jnum(b, d->b);
    sb_puts(b, ", \"b_half\": ");
    jnum(b, d->b_half);
    sb_puts(b, ", \"diff\": ");
    jnum(b, d->diff);
    sb_puts(b, ", \"diff_half\": ");
    jnum(b, d->diff_half);
    sb_printf(b, ", \"significant\": %s}", d->significant ? "true" : "false");
}

char *compare_json(const Comparison *c)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "{\n  \"format\": \"archsim-compare/1\",\n  \"a\": ");
    jstr(&b, c->name_a);
    sb_puts(&b, ",\n  \"b\": ");
    jstr(&b, c->name_b);
    sb_printf(&b, ",\n  \"replications\": %d,\n  \"types\": {", c->reps);
    for (int t = 0; t <= c->n_types; t++) {
        sb_puts(&b, t ? ",\n    " : "\n    ");
        jstr(&b, c->type_names[t]);
        sb_puts(&b, ": {");
        for (int f = 0; f < CMP_FIG_COUNT; f++) {
            sb_printf(&b, "%s\"%s\": ", f ? ",\n      " : "\n      ", fig_key[f]);
            jdiff(&b, &c->types[t][f]);
        }
        sb_puts(&b, "}");
    }
    sb_puts(&b, "\n  },\n  \"requirements\": [");
    for (int q = 0; q < c->n_requirements; q++) {
        sb_puts(&b, q ? ",\n    {" : "\n    {");
        sb_puts(&b, "\"requirement\": ");
        jstr(&b, c->requirement_names[q]);
        sb_printf(&b, ", \"pass_a\": %s, \"pass_b\": %s, \"figure\": ", c->pass_a[q] ? "true" : "false",
                  c->pass_b[q] ? "true" : "false");
        jdiff(&b, &c->requirements[q]);
        sb_puts(&b, "}");
    }
    sb_printf(&b, "\n  ],\n  \"pass_a\": %s,\n  \"pass_b\": %s,\n  \"cost_per_month_usd\": {\"a\": ",
              c->all_pass_a ? "true" : "false", c->all_pass_b ? "true" : "false");
    jnum(&b, c->cost_a_usd);
    sb_puts(&b, ", \"b\": ");
    jnum(&b, c->cost_b_usd);
    sb_puts(&b, "},\n  \"cost_per_million_successful_usd\": ");
    jdiff(&b, &c->cost_per_million);
    sb_puts(&b, ",\n  \"bottleneck\": {\"a\": ");
    jstr(&b, c->bottleneck_file_a);
    sb_puts(&b, ", \"b\": ");
    jstr(&b, c->bottleneck_file_b);
    sb_puts(&b, "}\n}\n");
    return sb_take(&b);
}
