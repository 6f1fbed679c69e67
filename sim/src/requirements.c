/*
 * requirements.c - verdicts on a run against scenario.requirements, and the
 * bottleneck with a sentence on why.
 *
 * Which node is the bottleneck and what the sentence says about it are decided once,
 * from the run's figures (pick_bottleneck, why_sentence); the words come from a table
 * of printf formats in English, Russian and Ukrainian (i18n.h), so reports carry the
 * English sentence and the grade and the app can ask for it in their language.
 */
#include "sim/requirements.h"
#include "sim/tr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sim/dist.h"
#include "sim/numfmt.h"
#include "sim/util.h"

static const TypeFig metric_fig[METRIC_COUNT] = {
    [METRIC_P50_MS] = TF_P50_MS,        [METRIC_P90_MS] = TF_P90_MS,
    [METRIC_P95_MS] = TF_P95_MS,        [METRIC_P99_MS] = TF_P99_MS,
    [METRIC_P999_MS] = TF_P999_MS,      [METRIC_MEAN_MS] = TF_MEAN_MS,
    [METRIC_MAX_MS] = TF_MAX_MS,        [METRIC_ERROR_RATE] = TF_ERROR_RATE,
    [METRIC_THROUGHPUT_RPS] = TF_THROUGHPUT_RPS, [METRIC_ASYNC_P99_MS] = TF_ASYNC_P99_MS,
    [METRIC_STALE_READ_RATE] = TF_STALE_READ_RATE,
};

/* Reads answered by caches / reads reaching them, every cache and CDN together (0 when
 * none read); with `half` (the summary's half-widths) the read-weighted half-width of the
 * nodes' hit ratios instead. */
static double hit_ratio_of(const Model *m, const Results *r, const Results *half)
{
    double reads = 0, hits = 0, h = 0;
    for (int i = 0; i < r->n_nodes && i < m->n_nodes; i++) {
        if (m->nodes[i].kind != NODE_CACHE && m->nodes[i].kind != NODE_CDN) continue;
        reads += r->nodes[i][NF_READS];
        hits += r->nodes[i][NF_HITS];
        if (half) h += r->nodes[i][NF_READS] * half->nodes[i][NF_HIT_RATIO];
    }
    if (!(reads > 0)) return 0;
    return half ? h / reads : hits / reads;
}

bool metric_is_share(Metric metric)
{
    return metric == METRIC_ERROR_RATE || metric == METRIC_STALE_READ_RATE || metric == METRIC_HIT_RATIO;
}

bool metric_is_quantile(Metric metric)
{
    return metric == METRIC_P50_MS || metric == METRIC_P90_MS || metric == METRIC_P95_MS || metric == METRIC_P99_MS ||
           metric == METRIC_P999_MS || metric == METRIC_ASYNC_P99_MS;
}

double metric_value(const Model *m, const Results *r, Metric metric, int type)
{
    if (metric == METRIC_COST_PER_MONTH_USD) return results_cost_per_month_usd(m, r);
    if (metric == METRIC_MAX_LAG_MESSAGES) return results_max_lag(r, GF_MAX_LAG_MESSAGES);
    if (metric == METRIC_MAX_LAG_S) return results_max_lag(r, GF_MAX_LAG_S);
    if (metric == METRIC_HIT_RATIO) return hit_ratio_of(m, r, NULL);
    int row = type < 0 ? r->n_types : type;
    return r->types[row][metric_fig[metric]];
}

bool metric_measured(const Model *m, const Results *r, Metric metric, int type)
{
    int row = type < 0 ? r->n_types : type;
    switch (metric) {
    case METRIC_COST_PER_MONTH_USD: return true;
    case METRIC_HIT_RATIO: {
        double reads = 0;
        for (int i = 0; i < r->n_nodes && i < m->n_nodes; i++)
            if (node_kind_caches(m->nodes[i].kind)) reads += r->nodes[i][NF_READS];
        return reads > 0;
    }
    case METRIC_ERROR_RATE: return r->types[row][TF_COMPLETED] > 0;
    case METRIC_THROUGHPUT_RPS: return true;
    case METRIC_ASYNC_P99_MS: return r->types[row][TF_ASYNC_COUNT] > 0;
    case METRIC_STALE_READ_RATE: return r->types[row][TF_SESSION_READS] > 0;
    case METRIC_MAX_LAG_MESSAGES:
    case METRIC_MAX_LAG_S: return r->n_groups > 0;
    default: return r->types[row][TF_COMPLETED] - r->types[row][TF_ERRORS] > 0;
    }
}

const char *requirement_unmeasured_why(Metric metric, const char *lang)
{
    switch (metric) {
    case METRIC_HIT_RATIO: return tr_in(lang, N_("no cache or CDN served a read"));
    case METRIC_STALE_READ_RATE: return tr_in(lang, N_("no session's read was checked for staleness"));
    case METRIC_MAX_LAG_MESSAGES:
    case METRIC_MAX_LAG_S: return tr_in(lang, N_("no queue has consumers"));
    case METRIC_ASYNC_P99_MS: return tr_in(lang, N_("no async work finished"));
    default: return tr_in(lang, N_("no such traffic completed"));
    }
}

int requirements_check(const Model *m, const Results *r, const Results *half, Verdict **out,
                       bool *all_pass)
{
    int n = m->scenario.n_requirements;
    Verdict *v = xcalloc((size_t)n + 1, sizeof *v);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const Requirement *q = &m->scenario.requirements[i];
        int type = q->request ? model_find_request(m, q->request) : -1;
        Verdict *x = &v[i];
        x->requirement = i;
        x->measured = metric_measured(m, r, q->metric, type);
        x->value = metric_value(m, r, q->metric, type);
        x->half = half && q->metric != METRIC_COST_PER_MONTH_USD
                      ? (q->metric == METRIC_HIT_RATIO ? hit_ratio_of(m, r, half)
                                                       : metric_value(m, half, q->metric, type))
                      : 0;
        x->pass = x->measured;
        x->margin = INFINITY;
        if (q->has_max) {
            x->pass &= x->value <= q->max;
            double mg = q->max != 0 ? (q->max - x->value) / fabs(q->max) : -x->value;
            if (mg < x->margin) x->margin = mg;
        }
        if (q->has_min) {
            x->pass &= x->value >= q->min;
            double mg = q->min != 0 ? (x->value - q->min) / fabs(q->min) : x->value;
            if (mg < x->margin) x->margin = mg;
        }
        if (!x->measured) x->margin = -INFINITY;
        ok &= x->pass;
    }
    *out = v;
    if (all_pass) *all_pass = ok;
    return n;
}

/* What each metric is called, per language; percentiles are named alike everywhere. */
static const char *const metric_words[METRIC_COUNT] = {
    [METRIC_P50_MS] = N_("p50"),
    [METRIC_P90_MS] = N_("p90"),
    [METRIC_P95_MS] = N_("p95"),
    [METRIC_P99_MS] = N_("p99"),
    [METRIC_P999_MS] = N_("p99.9"),
    [METRIC_MEAN_MS] = N_("mean latency"),
    [METRIC_MAX_MS] = N_("max latency"),
    [METRIC_ERROR_RATE] = N_("error rate"),
    [METRIC_THROUGHPUT_RPS] = N_("throughput"),
    [METRIC_ASYNC_P99_MS] = N_("async p99 (enqueue to done)"),
    [METRIC_COST_PER_MONTH_USD] = N_("cost per month"),
    [METRIC_STALE_READ_RATE] = N_("stale read rate"),
    [METRIC_MAX_LAG_MESSAGES] = N_("max consumer lag"),
    [METRIC_MAX_LAG_S] = N_("max consumer lag"),
    [METRIC_HIT_RATIO] = N_("cache hit ratio"),
};

/* The unit after a limit in language l ("" for shares, which write their "%"). */
static const char *metric_unit(Metric m, Lang l)
{
    switch (m) {
    case METRIC_ERROR_RATE:
    case METRIC_STALE_READ_RATE:
    case METRIC_HIT_RATIO: return "";
    case METRIC_THROUGHPUT_RPS: return " rps";
    case METRIC_COST_PER_MONTH_USD: return " USD";
    case METRIC_MAX_LAG_MESSAGES: return tr_pin(i18n_code(l), "unit", " messages");
    case METRIC_MAX_LAG_S: return tr_pin(i18n_code(l), "duration", " s");
    default: return tr_pin(i18n_code(l), "duration", " ms");
    }
}

/* Latencies: figures in ms. */
static bool metric_in_ms(Metric m)
{
    switch (m) {
    case METRIC_ERROR_RATE:
    case METRIC_STALE_READ_RATE:
    case METRIC_HIT_RATIO:
    case METRIC_THROUGHPUT_RPS:
    case METRIC_COST_PER_MONTH_USD:
    case METRIC_MAX_LAG_MESSAGES:
    case METRIC_MAX_LAG_S: return false;
    default: return true;
    }
}

/* A limit as people write it: error rates in percent, money with thousands separators,
 * never in exponent form. */
static void put_limit(StrBuf *b, Metric k, double x, Lang l)
{
    char v[NUMFMT_CAP];
    if (k == METRIC_ERROR_RATE || k == METRIC_STALE_READ_RATE || k == METRIC_HIT_RATIO) {
        sb_printf(b, "%s%%", numfmt_decimal(100 * x, 6, v, sizeof v));
    } else if (k == METRIC_COST_PER_MONTH_USD && x >= 1000 && x < 1e15 && x == floor(x)) {
        sb_printf(b, "%s USD", numfmt_grouped(x, numfmt_thousands(i18n_code(l)), v, sizeof v));
    } else {
        sb_printf(b, "%s%s", numfmt_decimal(x, 6, v, sizeof v), metric_unit(k, l));
    }
}

const char *requirement_verdict(bool pass, const char *lang, char *out, size_t cap)
{
    const char *yes = tr_pin(lang, "requirement", "PASS"), *no = tr_pin(lang, "requirement", "FAIL");
    const char *w = pass ? yes : no;
    size_t n = utf8_chars(yes) > utf8_chars(no) ? utf8_chars(yes) : utf8_chars(no);
    snprintf(out, cap, "%s%*s", w, (int)(n - utf8_chars(w)), "");
    return out;
}

/* Whether v, a shown x, is on the side of limit `at` that x is: over a max when x is,
 * at or under it when x is (a min likewise). */
static bool same_side(double v, double x, double at, bool is_max)
{
    bool fails = is_max ? x > at : x < at;
    return fails ? (is_max ? v > at : v < at) : (is_max ? v <= at : v >= at);
}

int requirement_digits(const Requirement *q, double x, int sig)
{
    enum { MOST = 9 };
    int need = sig;
    if (!isfinite(x)) return need;
    for (int lim = 0; lim < 2; lim++) {
        bool is_max = lim == 1;
        if (is_max ? !q->has_max : !q->has_min) continue;
        double at = is_max ? q->max : q->min;
        /* the most digits at which rounding still puts x on the wrong side, plus one */
        for (int s = MOST; s >= sig; s--)
            if (!same_side(numfmt_round_sig(fabs(x), s) * (x < 0 ? -1 : 1), x, at, is_max)) {
                if (s + 1 > need) need = s + 1 > MOST ? MOST : s + 1;
                break;
            }
    }
    return need;
}

const char *requirement_margin_text(double margin, char *out, size_t cap)
{
    if (!isfinite(margin)) {
        snprintf(out, cap, "-");
        return out;
    }
    double pct = 100 * margin;
    if (pct != 0 && fabs(pct) < 0.5) { /* a near miss is not "-0%": "-0.03%" */
        char v[NUMFMT_CAP];
        numfmt_decimal(pct, 1, v, sizeof v);
        snprintf(out, cap, "%s%s%%", pct > 0 ? "+" : "", v);
    } else {
        snprintf(out, cap, "%+.0f%%", pct);
    }
    return out;
}

/* requirement_put_value with `sig` significant digits for a measured figure (0: the kind's own). */
static void put_value(StrBuf *b, Metric k, double x, FigureKind kind, const char *lang, int sig)
{
    Lang l = i18n_lang(lang);
    bool limit = kind == FIG_LIMIT;
    int digits = sig > 0 ? sig : kind == FIG_LIMIT ? 6 : kind == FIG_SPREAD ? 2 : 4;
    char v[NUMFMT_CAP];
    bool rate = k == METRIC_ERROR_RATE || k == METRIC_STALE_READ_RATE || k == METRIC_HIT_RATIO;
    if (rate && (limit || sig > 3))
        sb_printf(b, "%s%%", numfmt_decimal(100 * x, digits, v, sizeof v));
    else if (rate)
        sb_puts(b, numfmt_percent_fine(x, v, sizeof v));
    else if (k == METRIC_COST_PER_MONTH_USD && kind != FIG_SPREAD && sig > 0 && fabs(x) < 1e15 &&
             digits > (int)floor(log10(fabs(x) + 1)) + 1) /* the cents that put it over its budget */
        sb_printf(b, "%s USD", numfmt_decimal(x, digits, v, sizeof v));
    else if (k == METRIC_COST_PER_MONTH_USD && kind != FIG_SPREAD) /* grouped as the requirement and the cost line say it */
        sb_printf(b, "%s USD", numfmt_grouped(round(x), numfmt_thousands(i18n_code(l)), v, sizeof v));
    else if (k == METRIC_MAX_LAG_MESSAGES && x == floor(x) && fabs(x) < 1e15) /* a count: 84,560 messages */
        sb_printf(b, "%s %s", numfmt_grouped(x, numfmt_thousands(i18n_code(l)), v, sizeof v),
                  /* that agrees with it: measured "72 сообщения", a limit "<= 72 сообщений" */
                  i18n_counted(l, limit ? NOUN_MESSAGES : NOUN_MESSAGES_MEASURED, llround(x)));
    else if (metric_in_ms(k) && fabs(x) >= 1000) /* a second and more */
        sb_printf(b, "%s%s", numfmt_decimal(x / 1000, digits, v, sizeof v), tr_pin(i18n_code(l), "duration", " s"));
    else
        sb_printf(b, "%s%s", numfmt_decimal(x, digits, v, sizeof v), metric_unit(k, l));
}

void requirement_put_value(StrBuf *b, Metric k, double x, FigureKind kind, const char *lang)
{
    put_value(b, k, x, kind, lang, 0);
}

void requirement_put_measured(StrBuf *b, const Requirement *q, double x, const char *lang)
{
    bool rate = q->metric == METRIC_ERROR_RATE || q->metric == METRIC_STALE_READ_RATE || q->metric == METRIC_HIT_RATIO;
    int base = rate ? 3 : 4, sig = requirement_digits(q, x, base);
    put_value(b, q->metric, x, FIG_MEASURED, lang, sig > base ? sig : 0);
}

char *requirement_describe_in(const Model *m, int i, const char *lang)
{
    const Requirement *q = &m->scenario.requirements[i];
    if (q->label) { /* the file's own words, in `lang` where it translates them */
        const char *label = scenario_requirement_label_in(&m->scenario, i, lang);
        return xstrdup(label ? label : q->label);
    }
    Lang l = i18n_lang(lang);
    StrBuf b;
    sb_init(&b);
    if (q->request) sb_printf(&b, "%s ", q->request);
    sb_puts(&b, (unsigned)q->metric < METRIC_COUNT ? tr_in(i18n_code(l), metric_words[q->metric]) : "?");
    if (q->has_min) {
        sb_puts(&b, " >= ");
        put_limit(&b, q->metric, q->min, l);
    }
    if (q->has_min && q->has_max) sb_puts(&b, tr_pin(i18n_code(l), "between two limits", " and"));
    if (q->has_max) {
        sb_puts(&b, " <= ");
        put_limit(&b, q->metric, q->max, l);
    }
    return sb_take(&b);
}

char *requirement_describe(const Model *m, int i)
{
    return requirement_describe_in(m, i, NULL);
}

char **requirement_describe_langs(const Model *m)
{
    int n = m->scenario.n_requirements;
    char **names = xcalloc((size_t)TR_N_LANGS * (size_t)n + 1, sizeof *names);
    for (int l = 0; l < TR_N_LANGS; l++)
        for (int q = 0; q < n; q++) names[l * n + q] = requirement_describe_in(m, q, tr_langs[l]);
    return names;
}

const char *requirement_name_in(char *const *names, int n, int q, const char *lang)
{
    int l = tr_lang_index(lang);
    return names[(l < 0 ? 0 : l) * n + q];
}

void requirement_names_refresh(char **names, const Model *m, const char *lang)
{
    int n = m->scenario.n_requirements;
    for (int l = 0; l < TR_N_LANGS; l++) {
        numfmt_set_screen_style(tr_langs[l]);
        for (int q = 0; q < n; q++) {
            free(names[l * n + q]);
            names[l * n + q] = requirement_describe_in(m, q, tr_langs[l]);
        }
    }
    numfmt_set_screen_style(lang);
}

void requirement_names_free(char **names, int n)
{
    if (!names) return;
    for (int k = 0; k < TR_N_LANGS * n; k++) free(names[k]);
    free(names);
}

static bool backlog_grew(const Results *r, int i)
{
    const double *f = r->nodes[i];
    return f[NF_END_BACKLOG] > 1000 && f[NF_END_BACKLOG] >= 0.5 * f[NF_MAX_BACKLOG] &&
           f[NF_END_BACKLOG] > 2 * f[NF_MEAN_BACKLOG] * 0.5;
}

/* A node's utilisation as the bottleneck sees it: a database that reports its primaries
 * apart (replication settings) is as busy as the busier of the whole and its primaries,
 * since writes (and reads read-your-writes sends there) can fill the primaries while
 * the replicas idle. */
double node_replica_utilisation(const Model *m, const Results *r, int i)
{
    if (i < 0 || i >= m->n_nodes || i >= r->n_nodes) return -1;
    const Node *n = &m->nodes[i];
    const double *f = r->nodes[i];
    if (n->kind != NODE_DATABASE || n->read_replicas <= 0 || f[NF_PRIMARY_UTILISATION] < 0) return -1;
    double k = n->read_replicas; /* replicas per primary */
    /* in units of the primaries' slot time: all busy, the primaries' busy, the replicas'
     * slot time up (each utilisation is of the servers up) */
    double up = node_up_share(f), pup = node_primary_up_share(f);
    double replicas_up = up * (1 + k) - pup;
    if (replicas_up <= 0) return 0;
    double u = (f[NF_UTILISATION] * up * (1 + k) - f[NF_PRIMARY_UTILISATION] * pup) / replicas_up;
    return u < 0 ? 0 : u > 1 ? 1 : u;
}

double node_replicas_full(const Model *m, const Results *r, int i)
{
    double ur = node_replica_utilisation(m, r, i);
    return ur >= 0.95 && ur > r->nodes[i][NF_UTILISATION] ? ur : -1;
}

bool node_hot_shard_heavy(const Node *n)
{
    return n->kind == NODE_DATABASE && n->shards > 1 && n->hot_shard > 1.0 / n->shards;
}

double node_server_full(const Model *m, const Results *r, int i)
{
    if (i < 0 || i >= m->n_nodes || i >= r->n_nodes) return -1;
    const double *f = r->nodes[i];
    double s = f[NF_BUSIEST_SERVER_UTILISATION];
    if (!(s >= 0.95) || s <= f[NF_UTILISATION] + 0.01) return -1;
    if (f[NF_PRIMARY_UTILISATION] >= 0.95 || node_replicas_full(m, r, i) >= 0) return -1; /* they say it */
    return s;
}

double node_busy_share(const Model *m, const Results *r, int i)
{
    const double *f = r->nodes[i];
    double u = f[NF_PRIMARY_UTILISATION] > f[NF_UTILISATION] ? f[NF_PRIMARY_UTILISATION] : f[NF_UTILISATION];
    double ur = node_replicas_full(m, r, i), us = node_server_full(m, r, i);
    if (ur > u) u = ur;
    double usable;
    if (node_usable_share(m, r, i, &usable, NULL, NULL) && usable > u) u = usable;
    return us > u ? us : u;
}

/* An async node with every in-flight place taken 95% of the measured window or more:
 * as full as a node 95% busy, whatever its slots' utilisation (its requests wait for a
 * place, not a slot). */
static bool inflight_saturated(const Results *r, int i)
{
    return r->duration_s > 0 && r->nodes[i][NF_INFLIGHT_FULL_S] >= 0.95 * r->duration_s;
}

/* Short of room by the figures alone: busy (>= 95%), its in-flight places all taken as
 * long, rejecting, or (a queue) a backlog that grew. Whether that is its own doing or a
 * wait on a node below is for node_backed_up_all() to tell. */
static bool looks_full(const Model *m, const Results *r, int i)
{
    const double *f = r->nodes[i];
    if (m->nodes[i].kind == NODE_CLIENT) return false;
    return node_busy_share(m, r, i) >= 0.95 || inflight_saturated(r, i) || f[NF_REJECTED] > 0 ||
           (m->nodes[i].kind == NODE_QUEUE && backlog_grew(r, i));
}

/* The synchronous call graph by node index (CSR): who waits on whom; with `type`, only the
 * edges that carry that request type. A queue answers its producer at once and never
 * waits on its consumers, so its edges are left out. */
typedef struct SyncGraph {
    int *start; /* [n + 1] */
    int *to;    /* callees grouped by caller */
} SyncGraph;

static void sync_graph(const Model *m, int n, const char *type, SyncGraph *g)
{
    const char **ids = xcalloc((size_t)n + 1, sizeof *ids);
    for (int i = 0; i < n; i++) ids[i] = m->nodes[i].id;
    StrIndex idx;
    strindex_init(&idx, ids, n);
    for (int i = 0; i < n; i++) strindex_add(&idx, i);
    int *from = xcalloc((size_t)m->n_edges + 1, sizeof *from), *to = xcalloc((size_t)m->n_edges + 1, sizeof *to);
    g->start = xcalloc((size_t)n + 2, sizeof *g->start);
    g->to = xcalloc((size_t)m->n_edges + 1, sizeof *g->to);
    for (int k = 0; k < m->n_edges; k++) {
        bool on = m->edges[k].mode == EDGE_SYNC && (!type || edge_carries(&m->edges[k], type));
        from[k] = on ? strindex_find(&idx, m->edges[k].from) : -1;
        if (from[k] >= 0 && m->nodes[from[k]].kind == NODE_QUEUE) from[k] = -1;
        to[k] = from[k] >= 0 ? strindex_find(&idx, m->edges[k].to) : -1;
        if (from[k] >= 0 && to[k] >= 0) g->start[from[k] + 1]++;
    }
    for (int i = 0; i < n; i++) g->start[i + 1] += g->start[i];
    int *fill = xcalloc((size_t)n + 1, sizeof *fill);
    for (int k = 0; k < m->n_edges; k++)
        if (from[k] >= 0 && to[k] >= 0) g->to[g->start[from[k]] + fill[from[k]]++] = to[k];
    free(fill);
    free(from);
    free(to);
    strindex_free(&idx);
    free(ids);
}

/* The share of its slots node i's own service takes: its utilisation, except for a
 * blocking node that calls others synchronously, whose slots are also held waiting:
 * then throughput x mean service time / slots. */
static double own_load(const Model *m, const Results *r, const SyncGraph *g, int i)
{
    const Node *n = &m->nodes[i];
    const double *f = r->nodes[i];
    if (n->io != IO_BLOCKING || n->kind == NODE_QUEUE || g->start[i] == g->start[i + 1]) return f[NF_UTILISATION];
    double slots = n->kind == NODE_DATABASE ? (double)node_servers(n) * n->pool : (double)n->instances * n->workers;
    slots *= node_up_share(f); /* utilisation is of the servers up */
    if (!(slots > 0)) return f[NF_UTILISATION];
    return fmin(f[NF_UTILISATION], f[NF_THROUGHPUT_RPS] * dist_drawn_mean(&n->service_ms) / 1000 / slots);
}

typedef struct Classify {
    const Model *m;
    const Results *r;
    SyncGraph g;
    int n;
    uint8_t *state;  /* 0 not yet, 1 on the walk, 2 done */
    int *backed;     /* [n]: the culprit it waits on, -1 */
    int *queue;      /* [n]: breadth-first scratch */
    uint8_t *seen;   /* [n] */
    int *stack, *pos; /* [n]: classify's walk (no recursion: chains may be 100k long) */
} Classify;

static bool culprit(const Classify *c, int j)
{
    return c->state[j] == 2 && looks_full(c->m, c->r, j) && c->backed[j] < 0;
}

/* The nearest culprit below i through sync calls (the busiest of the nearest), -1. */
static int nearest_culprit(Classify *c, int i)
{
    int head = 0, tail = 0, best = -1;
    memset(c->seen, 0, (size_t)c->n);
    c->queue[tail++] = i;
    c->seen[i] = 1;
    while (head < tail && best < 0) {
        int level_end = tail;
        for (; head < level_end; head++)
            for (int k = c->g.start[c->queue[head]]; k < c->g.start[c->queue[head] + 1]; k++) {
                int j = c->g.to[k];
                if (c->seen[j]) continue;
                c->seen[j] = 1;
                c->queue[tail++] = j;
                if (culprit(c, j) &&
                    (best < 0 || c->r->nodes[j][NF_UTILISATION] > c->r->nodes[best][NF_UTILISATION]))
                    best = j;
            }
    }
    return best;
}

/* Depth first from `root`, each node after the nodes it calls (post-order). */
static void classify(Classify *c, int root)
{
    int sp = 0;
    c->state[root] = 1;
    c->pos[root] = c->g.start[root];
    c->stack[sp++] = root;
    while (sp > 0) {
        int i = c->stack[sp - 1];
        if (c->pos[i] < c->g.start[i + 1]) {
            int j = c->g.to[c->pos[i]++];
            if (c->state[j] != 0) continue; /* 1: a sync cycle, cut */
            c->state[j] = 1;
            c->pos[j] = c->g.start[j];
            c->stack[sp++] = j;
            continue;
        }
        sp--;
        c->backed[i] = -1;
        c->state[i] = 2;
        if (looks_full(c->m, c->r, i) && own_load(c->m, c->r, &c->g, i) < 0.9) c->backed[i] = nearest_culprit(c, i);
    }
}

int *node_backed_up_all(const Model *m, const Results *r, bool *over)
{
    Classify c = {m, r, {NULL, NULL}, m->n_nodes < r->n_nodes ? m->n_nodes : r->n_nodes, NULL, NULL, NULL, NULL, NULL, NULL};
    sync_graph(m, c.n, NULL, &c.g);
    c.state = xcalloc((size_t)c.n + 1, 1);
    c.seen = xcalloc((size_t)c.n + 1, 1);
    c.queue = xcalloc((size_t)c.n + 1, sizeof *c.queue);
    c.stack = xcalloc((size_t)c.n + 1, sizeof *c.stack);
    c.pos = xcalloc((size_t)c.n + 1, sizeof *c.pos);
    int *backed = xcalloc((size_t)m->n_nodes + 1, sizeof *backed);
    for (int i = 0; i < m->n_nodes; i++) backed[i] = -1;
    c.backed = backed;
    for (int i = 0; i < c.n; i++)
        if (c.state[i] == 0) classify(&c, i);
    for (int i = 0; over && i < m->n_nodes; i++) over[i] = i < c.n && looks_full(m, r, i) && backed[i] < 0;
    free(c.g.start);
    free(c.g.to);
    free(c.state);
    free(c.seen);
    free(c.queue);
    free(c.stack);
    free(c.pos);
    return backed;
}

int node_backed_up_by(const Model *m, const Results *r, int i)
{
    int *all = node_backed_up_all(m, r, NULL);
    int b = all[i];
    free(all);
    return b;
}

bool node_over_at_times(const Model *m, const Results *r, int i)
{
    const double *f = r->nodes[i];
    bool mostly_full = f[NF_MAX_QUEUE] > 0 && f[NF_MEAN_QUEUE] >= 0.5 * f[NF_MAX_QUEUE]; /* its queue, on average */
    return node_busy_share(m, r, i) < 0.95 && !inflight_saturated(r, i) && !mostly_full &&
           !(m->nodes[i].kind == NODE_QUEUE && backlog_grew(r, i));
}

bool node_has_sync_calls(const Model *m, const Node *n)
{
    for (int k = 0; k < m->n_edges; k++)
        if (strcmp(m->edges[k].from, n->id) == 0 && m->edges[k].mode == EDGE_SYNC) return true;
    return false;
}

bool node_holds_while_waiting(const Model *m, const Node *n)
{
    return n->io == IO_BLOCKING && n->kind != NODE_QUEUE && node_has_sync_calls(m, n);
}

double node_downstream_share(const Model *m, const Results *r, int i)
{
    if (i < 0 || i >= m->n_nodes || i >= r->n_nodes || !node_holds_while_waiting(m, &m->nodes[i])) return -1;
    const Node *n = &m->nodes[i];
    const double *f = r->nodes[i];
    /* slots busy on average, against those its own work kept busy (done per second x
     * service time); an autoscaled node's slots change, and the run does not say how */
    double busy = f[NF_UTILISATION] * node_up_share(f) * (double)n->instances * (double)n->workers;
    double own = f[NF_THROUGHPUT_RPS] * dist_drawn_mean(&n->service_ms) / 1000;
    if (n->autoscale.enabled || !(busy > 0) || !(f[NF_THROUGHPUT_RPS] > 0) || !isfinite(own)) return -1;
    double share = 1 - own / busy;
    return share < 0 ? 0 : share > 1 ? 1 : share;
}

long long node_inflight_limit(const Node *n)
{
    return (long long)n->max_inflight * (n->kind == NODE_DATABASE ? node_servers(n) : n->instances);
}

double node_inflight_full_s(const Model *m, const Results *r, int i)
{
    if (i < 0 || i >= m->n_nodes || i >= r->n_nodes) return -1;
    double full = r->nodes[i][NF_INFLIGHT_FULL_S];
    return full > 0 && (full >= INFLIGHT_FULL_MIN_S || full >= 0.05 * r->duration_s) ? full : -1;
}

/* The node node i calls synchronously whose answers hold the most of its places or
 * threads, calls per second x their latency there (Little's law), when its calls hold
 * more than its own work does; -1 otherwise. */
static int most_holding_callee(const Model *m, const Results *r, int i)
{
    const Node *n = &m->nodes[i];
    const double *f = r->nodes[i];
    double own = f[NF_THROUGHPUT_RPS] * dist_drawn_mean(&n->service_ms) / 1000, calls = 0, most = 0;
    int best = -1;
    for (int k = 0; k < m->n_edges && k < r->n_edges; k++) {
        const Edge *ed = &m->edges[k];
        if (ed->mode != EDGE_SYNC || !ed->from || !ed->to || strcmp(ed->from, n->id) != 0) continue;
        int c = model_find_node(m, ed->to);
        if (c < 0 || c == i || c >= r->n_nodes) continue;
        double lat = r->nodes[c][NF_MEAN_LATENCY_MS];
        double held = r->edges[k][EF_RATE_RPS] * ((isfinite(lat) && lat > 0 ? lat : 0) + 2 * ed->latency_ms) / 1000;
        calls += held;
        if (held > most) {
            most = held;
            best = c;
        }
    }
    return best >= 0 && calls > own ? best : -1;
}

int node_inflight_held_by(const Model *m, const Results *r, int i)
{
    return node_inflight_full_s(m, r, i) < 0 ? -1 : most_holding_callee(m, r, i);
}

int node_threads_held_by(const Model *m, const Results *r, int i)
{
    return node_blocked_by_waiting(m, r, i) ? most_holding_callee(m, r, i) : -1;
}

int node_full_callee_at_times(const Model *m, const Results *r, int i, FullAtTimes *out)
{
    int c = node_inflight_held_by(m, r, i);
    if (c < 0) c = node_threads_held_by(m, r, i);
    FullAtTimes w;
    if (c < 0 || looks_full(m, r, c) || !node_full_at_times(m, r, c, &w)) return -1;
    if (out) *out = w;
    return c;
}

bool node_blocked_by_waiting(const Model *m, const Results *r, int i)
{
    double share = node_downstream_share(m, r, i);
    return share >= 0.5 || (share < 0 && i >= 0 && i < m->n_nodes && node_holds_while_waiting(m, &m->nodes[i]));
}

/* Seconds of the measured window node i was 95% busy or more in (the whole, else a
 * database's busiest server), at least FULL_AT_TIMES_MIN of them, into *w; whether its
 * requests' waits mattered is for the caller. */
static bool full_seconds(const Model *m, const Results *r, int i, FullAtTimes *w)
{
    if (m->nodes[i].kind == NODE_CLIENT || looks_full(m, r, i) || !r->node_series || r->n_seconds < 1) return false;
    double step = r->series_step_s > 0 ? r->series_step_s : 1;
    int first = (int)ceil(r->warmup_s / step - 1e-9), full = 0, lo = -1, hi = -1;
    bool by_server = false;
    for (int pass = 0; pass < 2 && full < FULL_AT_TIMES_MIN; pass++) {
        if (pass == 1 && !node_several_servers(&m->nodes[i])) break;
        int k_fig = pass == 0 ? NS_UTILISATION : NS_BUSIEST_SERVER;
        full = 0;
        lo = hi = -1;
        for (int k = first; k < r->n_seconds; k++)
            if (results_node_series(r, i, k)[k_fig] >= 0.95) {
                full++;
                if (lo < 0) lo = k;
                hi = k;
            }
        by_server = pass == 1;
    }
    if (full < FULL_AT_TIMES_MIN) return false;
    *w = (FullAtTimes){full * step, r->duration_s, lo * step, (hi + 1) * step, r->nodes[i][NF_P99_WAIT_MS], -1,
                       by_server, -1, 0};
    const Scenario *sc = &m->scenario;
    for (int k = 0; k < sc->n_events && w->event < 0; k++) {
        const ScenarioEvent *ev = &sc->events[k];
        double end = ev->for_s > 0 ? ev->at_s + ev->for_s : INFINITY;
        if (ev->at_s < w->to_s && end > w->from_s) w->event = k;
    }
    return true;
}

bool node_full_some_time(const Model *m, const Results *r, int i)
{
    FullAtTimes w;
    return i >= 0 && i < m->n_nodes && i < r->n_nodes && (looks_full(m, r, i) || full_seconds(m, r, i, &w));
}

bool node_full_at_times(const Model *m, const Results *r, int i, FullAtTimes *out)
{
    FullAtTimes w;
    if (!full_seconds(m, r, i, &w)) return false;
    double slowest = 0;
    for (int t = 0; t < r->n_types; t++)
        if (isfinite(r->types[t][TF_P99_MS]) && r->types[t][TF_P99_MS] > slowest) slowest = r->types[t][TF_P99_MS];
    if (!(w.wait_p99_ms > 0) || w.wait_p99_ms < 0.1 * slowest) return false;
    if (out) *out = w;
    return true;
}

/* A node that blocking node i calls synchronously and that was full at times while i was
 * (their full seconds overlap), the longest; -1 if none, or if i's slots were mostly its
 * own work's (node_blocked_by_waiting: then it was full in its own right). */
static int full_callee(const Model *m, const Results *r, int i, const FullAtTimes *wi, FullAtTimes *out)
{
    if (!node_blocked_by_waiting(m, r, i)) return -1;
    int best = -1;
    FullAtTimes w;
    for (int k = 0; k < m->n_edges; k++) {
        const Edge *ed = &m->edges[k];
        if (ed->mode != EDGE_SYNC || !ed->from || !ed->to || strcmp(ed->from, m->nodes[i].id) != 0) continue;
        int c = model_find_node(m, ed->to);
        if (c < 0 || c == i || c >= r->n_nodes || !full_seconds(m, r, c, &w)) continue;
        if (w.from_s >= wi->to_s || wi->from_s >= w.to_s) continue;
        if (best < 0 || w.full_s > out->full_s) {
            best = c;
            *out = w;
        }
    }
    return best;
}

int node_most_full_at_times(const Model *m, const Results *r, FullAtTimes *out)
{
    int best = -1;
    FullAtTimes bw = {0}, w;
    for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++)
        if (node_full_at_times(m, r, i, &w) &&
            (best < 0 || w.full_s > bw.full_s || (w.full_s == bw.full_s && w.wait_p99_ms > bw.wait_p99_ms))) {
            best = i;
            bw = w;
        }
    /* held waiting: down the blocking calls to the node that was full then too (a chain
     * has no more steps than nodes) */
    for (int step = 0; best >= 0 && step < m->n_nodes; step++) {
        int c = full_callee(m, r, best, &bw, &w);
        if (c < 0) break;
        w.held = best; /* the caller next above it, which the sentence says calls it */
        w.held_wait_p99_ms = bw.wait_p99_ms;
        best = c;
        bw = w;
    }
    if (best >= 0 && out) *out = bw;
    return best;
}

int results_full_at_times(const Model *m, const Results *r, FullAtTimes *out)
{
    if (r->bottleneck < 0) return node_most_full_at_times(m, r, out);
    /* the node whose answers held the bottleneck's places or threads, full then itself */
    return node_full_callee_at_times(m, r, r->bottleneck, out);
}

bool node_over_capacity(const Model *m, const Results *r, int i)
{
    return looks_full(m, r, i) && node_backed_up_by(m, r, i) < 0;
}

int queue_busiest_consumer(const Model *m, const Results *r, int q)
{
    int best = -1;
    for (int k = 0; k < m->n_edges; k++) {
        if (strcmp(m->edges[k].from, m->nodes[q].id) != 0) continue;
        int c = model_find_node(m, m->edges[k].to);
        if (c >= 0 && (best < 0 || r->nodes[c][NF_UTILISATION] > r->nodes[best][NF_UTILISATION]))
            best = c;
    }
    return best;
}

/* The next consumer group (Results.groups) from index `from` whose edge leaves node i
 * (a queue's groups), or with `consumer` enters it (a consumer's), or -1. */
static int group_at(const Model *m, const Results *r, int i, int from, bool consumer)
{
    for (int g = from; g < r->n_groups; g++) {
        int k = r->group_edge[g];
        if (k < 0 || k >= m->n_edges) continue;
        const char *end = consumer ? m->edges[k].to : m->edges[k].from;
        if (end && m->nodes[i].id && strcmp(end, m->nodes[i].id) == 0) return g;
    }
    return -1;
}

static int group_of(const Model *m, const Results *r, int q, int from) { return group_at(m, r, q, from, false); }

int queue_partition_capped(const Model *m, const Results *r, int q)
{
    for (int g = group_of(m, r, q, 0); g >= 0; g = group_of(m, r, q, g + 1)) {
        const double *f = r->groups[g];
        if (f[GF_PARTITIONS] > 0 && f[GF_USABLE_SLOTS] < f[GF_CONSUMER_SLOTS]) return g;
    }
    return -1;
}

bool node_usable_share(const Model *m, const Results *r, int i, double *share, int *usable, int *slots)
{
    if (i < 0 || i >= m->n_nodes || i >= r->n_nodes || !m->nodes[i].id) return false;
    double use = 0, all = 0;
    for (int g = group_at(m, r, i, 0, true); g >= 0; g = group_at(m, r, i, g + 1, true)) {
        const double *f = r->groups[g];
        if (!(f[GF_PARTITIONS] > 0 && f[GF_USABLE_SLOTS] < f[GF_CONSUMER_SLOTS])) return false; /* one not capped */
        use += f[GF_USABLE_SLOTS];
        all = f[GF_CONSUMER_SLOTS];
    }
    if (!(use > 0) || use >= all) return false;
    double u = r->nodes[i][NF_UTILISATION] * all / use;
    if (share) *share = u > 1 ? 1 : u;
    if (usable) *usable = (int)use;
    if (slots) *slots = (int)all;
    return true;
}

int node_capping_queue(const Model *m, const Results *r, int i, int *partitions)
{
    if (!node_usable_share(m, r, i, NULL, NULL, NULL)) return -1;
    int g = group_at(m, r, i, 0, true), q = g >= 0 ? model_find_node(m, m->edges[r->group_edge[g]].from) : -1;
    if (q >= 0 && partitions) *partitions = (int)r->groups[g][GF_PARTITIONS];
    return q;
}

int queue_hot_partition(const Model *m, const Results *r, int q)
{
    const Node *n = &m->nodes[q];
    if (n->partitions < 2 || !(n->hot_partition > 1.0 / n->partitions)) return -1;
    for (int g = group_of(m, r, q, 0); g >= 0; g = group_of(m, r, q, g + 1)) {
        const double *hot = r->parts[r->group_part[g]];
        if (hot[PF_MAX_LAG_MESSAGES] >= 0.5 * r->groups[g][GF_MAX_LAG_MESSAGES] && hot[PF_MAX_LAG_MESSAGES] > 100)
            return g;
    }
    return -1;
}

/* The nodes type t waits for on its request path: from its client over synchronous edges
 * that carry it (a queue answers its producer at once: not past one), each with the node
 * it was reached from in from[] (-1 for the client), breadth first; -1 where not reached. */
void request_sync_reach(const Model *m, int t, int *from)
{
    const RequestType *rt = &m->scenario.requests[t];
    int n = m->n_nodes;
    for (int i = 0; i < n; i++) from[i] = -2;
    int c = model_request_client(m, rt);
    if (c < 0) return;
    SyncGraph g; /* its synchronous edges, none out of a queue (it answers at once) */
    sync_graph(m, n, rt->name, &g);
    int *queue = xcalloc((size_t)n + 1, sizeof *queue), head = 0, tail = 0;
    from[c] = -1;
    queue[tail++] = c;
    while (head < tail) {
        int i = queue[head++];
        for (int a = g.start[i]; a < g.start[i + 1]; a++) {
            int j = g.to[a];
            if (from[j] != -2) continue;
            from[j] = i;
            queue[tail++] = j;
        }
    }
    free(queue);
    free(g.start);
    free(g.to);
}

/* ---- the bottleneck ------------------------------------------------------------------- */

/* The bottleneck sentence is put together from these pieces, each a printf format per
 * language: X(ID, (parameters), (arguments), (sample arguments), N_(en)) (i18n.h).
 * The English pieces make the sentence of the text report; the JSON documents carry it
 * as they always have, with a count of messages in bare digits and without BN_WAITING
 * (why_sentence's `json`). */
#define BOTTLENECK_MESSAGES(X) \
    X(BN_NONE, (const char *id, const char *pct), (id, pct), ("api", "44%"), N_("none at this load: the busiest node, %s, is %s utilised.")) \
    X(BN_SLOTS, (const char *id, long long n, const char *noun), (id, n, noun), ("tweets_db", 128LL, i18n_counted(l, NOUN_SLOTS, 128)), N_("%s: its %lld %s")) \
    /* servers x connections of a database, instances x workers otherwise */ \
    X(BN_SHAPE, (int n_a, const char *noun_a, int n_b, const char *noun_b), (n_a, noun_a, n_b, noun_b), (4, i18n_counted(l, NOUN_SERVERS, 4), 32, i18n_counted(l, NOUN_CONNECTIONS, 32)), N_(" (%d %s x %d %s)")) \
    X(BN_BUSY, (const char *were, const char *pct), (were, pct), (i18n_counted(l, VERB_WERE_BUSY, 128), "80%"), N_(" %s %s busy")) \
    /* after BN_BUSY, when some of its servers failed: utilisation is of the time they were up */ \
    X(BN_WHILE_UP, (const char *pct), (pct), ("81%"), N_(" while up (its servers were up %s of the time)")) \
    /* a database whose primaries are busier than the whole (replication settings) */ \
    X(BN_PRIMARIES, (const char *pct), (pct), ("97%"), N_(", its primaries %s")) \
    /* a database whose read replicas are busier than the whole */ \
    X(BN_REPLICAS, (const char *pct), (pct), ("100%"), N_(", its read replicas %s")) \
    X(BN_RYW, (const char *pct), (pct), ("35%"), N_(" (read-your-writes sends them %s of the sessions' reads)")) \
    /* a database one of whose servers was full while the whole was not (node_server_full) */ \
    X(BN_SERVER, (const char *pct), (pct), ("100%"), N_(", its busiest server %s")) \
    /* after BN_SERVER, when the design sends a hot shard more than its even share */ \
    X(BN_HOT_SHARD, (const char *pct), (pct), ("70%"), N_(" (hot_shard sends %s of all its requests to shard 0)")) \
    X(BN_WAITED, (const char *mean, const char *p99), (mean, p99), ("294 ms", "327 ms"), N_("; requests waited %s on average for a slot (p99 %s)")) \
    /* an io=async node whose in-flight places were all taken for a while (max_inflight x instances) */ \
    X(BN_INFLIGHT, (const char *limit, const char *full, const char *measured), (limit, full, measured), ("1,000", "10.3 s", "40 s"), N_("; its in-flight limit (%s) was reached for %s of the %s measured")) \
    /* after BN_INFLIGHT: the node its calls waited on, which held the places */ \
    X(BN_INFLIGHT_HELD, (const char *id), (id), ("pg"), N_(", its places held by calls waiting on %s")) \
    /* after BN_BLOCKING_IO, when the node it waited on was full at times */ \
    X(BN_THREADS_HELD, (const char *id), (id), ("pg"), N_(", its threads held by calls waiting on %s")) \
    /* after BN_INFLIGHT_HELD or BN_THREADS_HELD, when that node was full for a while itself (its whole, or a database's busiest server) */ \
    X(BN_HELD_FULL, (const char *full), (full), ("13 s"), N_(", which was 95%% busy or more for %s")) \
    X(BN_HELD_SERVER_FULL, (const char *full), (full), ("13 s"), N_(", whose busiest server was 95%% busy or more for %s")) \
    /* BN_WAITED after BN_INFLIGHT */ \
    X(BN_WAITED_PLACE, (const char *mean, const char *p99), (mean, p99), ("92 ms", "798 ms"), N_("; requests waited %s on average for a slot or an in-flight place (p99 %s)")) \
    X(BN_REJECTED, (const char *pct), (pct), ("67.3%"), N_(" and %s were rejected with the queue full")) \
    X(BN_BACKED_UP, (const char *id, const char *pct), (id, pct), ("api", "41.5%"), N_("; %s, which calls it, turned away %s of its requests while waiting on it")) \
    X(BN_BACKED_UP_HELD, (const char *id, const char *pct), (id, pct), ("api", "100%"), N_("; %s, which calls it, had its slots %s busy waiting on it")) \
    X(BN_PARTITIONS, (const char *id, int p, const char *noun_p, const char *verb, long long slots, const char *noun_s, const char *consumer, int usable), (id, p, noun_p, verb, slots, noun_s, consumer, usable), ("orders", 3, i18n_counted(l, NOUN_PARTITIONS, 3), i18n_counted(l, VERB_CAP, 3), 12LL, i18n_counted(l, NOUN_SLOTS, 12), "workers", 3), N_("%s: %d %s %s the %lld consumer %s of %s at %d")) \
    X(BN_HOT_PARTITION, (const char *id, const char *pct, const char *n, const char *noun), (id, pct, n, noun), ("orders", "50%", "12,000", i18n_counted(l, NOUN_MESSAGES, 12000)), N_("%s: its hot partition 0 (%s of the messages) backed up alone, to %s %s of lag")) \
    X(BN_BACKLOG, (const char *id, const char *n, const char *noun), (id, n, noun), ("orders", "125,000", i18n_counted(l, NOUN_MESSAGES, 125000)), N_("; the backlog of %s grew to %s %s")) \
    /* after BN_NONE: a rate limit, a guard and not a bottleneck, turned requests away */ \
    X(BN_RATE_LIMITED, (const char *yet, const char *id, const char *pct, const char *rps), (yet, id, pct, rps), ("Yet", "lb", "12.3%", "20,000"), N_(" %s %s turned away %s of its arrivals with its rate limit of %s rps.")) \
    /* after BN_NONE: a node short of room only for a while (a failure, a surge) */ \
    X(BN_FULL_AT_TIMES, (const char *yet, const char *id, const char *blocking, const char *full, const char *measured, const char *from, const char *to, const char *wait), (yet, id, blocking, full, measured, from, to, wait), ("Yet", "app", "", "10 s", "30 s", "15", "25", "381 ms"), N_(" %s %s was full at times%s: 95%% busy or more for %s of the %s measured (between %s and %s s), and requests waited up to %s (p99) for a slot there.")) \
    /* the same for a database whose busiest server (a replica, a shard) was full while the whole was not */ \
    X(BN_SERVER_FULL_AT_TIMES, (const char *yet, const char *id, const char *full, const char *measured, const char *from, const char *to, const char *whole, const char *wait), (yet, id, full, measured, from, to, whole, wait), ("Yet", "pg", "10 s", "30 s", "15", "25", "41%", "25.6 ms"), N_(" %s %s was full at times: its busiest server was 95%% busy or more for %s of the %s measured (between %s and %s s), though the whole was %s busy over the run, and requests waited up to %s (p99) for a slot there.")) \
    /* after either: the blocking caller whose slots it held */ \
    X(BN_HELD_AT_TIMES, (const char *id, const char *wait), (id, wait), ("app", "381 ms"), N_(" %s, which calls it, was full then too, its slots held waiting for it; requests waited up to %s (p99) for a slot there.")) \
    X(BN_DURING, (const char *event), (event), ("a replica dies"), N_(" The scenario's event '%s' was on then.")) \
    /* after BN_NONE: a failure, not a lack of capacity, lost requests */ \
    X(BN_FAILED, (const char *yet, const char *id, const char *pct), (yet, id, pct), ("Yet", "db", "4.8%"), N_(" %s %s failed %s of its arrivals while its servers were down.")) \
    /* after BN_NONE: the scenario slowed down a node requests wait for on their path */ \
    X(BN_SLOWED, (const char *yet, const char *id, const char *factor, const char *from, const char *to, const char *types), (yet, id, factor, from, to, types), ("Yet", "email", "5", "15", "30", "place_order"), N_(" %s the scenario slowed %s down \xC3\x97%s between %s and %s s, and it is on the request path of %s.")) \
    X(BN_CACHE_MISSES, (const char *id, const char *hit, const char *rps), (id, hit, rps), ("cache", "71%", "5,800"), N_("; it serves the misses of %s (hit ratio %s, %s/s at the worst second): a cache sized for the hot set sends it fewer"))

/* The fixed pieces: X(ID, N_(en)). */
#define BOTTLENECK_WORDS(X) \
    X(BN_BLOCKING_IO, N_(", held also while waiting for downstream calls (blocking io)")) \
    /* after BN_BACKLOG's "grew to 125,000 messages": what a backlog counts (not the \
     * messages handed out, which the consumer lag counts too) */ \
    X(BN_WAITING, N_(" waiting for a consumer")) \
    /* the first of the sentences after BN_NONE that qualify it (a rate limit, a failure, \
     * a slowed node, a node full at times), and each one after it */ \
    X(BN_YET, N_("Yet")) \
    X(BN_AND, N_("And"))

typedef enum MessageId { BOTTLENECK_MESSAGES(I18N_MESSAGE_ID) MSG_COUNT } MessageId;

typedef enum WordId {
#define X(id, en) id,
    BOTTLENECK_WORDS(X)
#undef X
    WORD_COUNT
} WordId;

static const char *const messages[MSG_COUNT] = {BOTTLENECK_MESSAGES(I18N_MESSAGE_TEXT)};

static const char *const words[WORD_COUNT] = {
#define X(id, en) [id] = en,
    BOTTLENECK_WORDS(X)
#undef X
};

BOTTLENECK_MESSAGES(I18N_MESSAGE_SAY)

/* "0.42 ms", "730 ms", "1.26 s", "42 min" (in l's units) into out. */
static void put_duration_ms(double ms, Lang l, char *out, size_t cap)
{
    numfmt_ms_in(ms, i18n_code(l), out, cap);
}

/* What results_find_bottleneck() decided, from the figures alone. */
typedef struct Pick {
    int node;      /* the node the sentence is about, -1 none */
    int backed_up; /* the node that was short of room waiting on it, or -1 */
    bool none;     /* nothing is short of room at this load: node is only the busiest */
} Pick;

static Pick pick_bottleneck(const Model *m, const Results *r)
{
    int best = -1;
    double best_score = -1;
    for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++) {
        if (m->nodes[i].kind == NODE_CLIENT) continue;
        const double *f = r->nodes[i];
        double score = node_busy_share(m, r, i);
        if (inflight_saturated(r, i) && score < 1) score = 1; /* full, as a node 100% busy */
        if (f[NF_REJECTED] > 0 && f[NF_ARRIVALS] > 0) score = 1 + f[NF_REJECTED] / f[NF_ARRIVALS];
        if (m->nodes[i].kind == NODE_QUEUE && backlog_grew(r, i)) {
            int c = queue_busiest_consumer(m, r, i);
            /* the queue's partitions are the limit, not its consumers: the queue is it */
            if (c >= 0 && (queue_partition_capped(m, r, i) >= 0 || queue_hot_partition(m, r, i) >= 0)) {
                double s = 1.5 + r->nodes[c][NF_UTILISATION];
                if (s > best_score) {
                    best_score = s;
                    best = i;
                }
                continue;
            }
            if (c >= 0) {
                double s = 1.5 + r->nodes[c][NF_UTILISATION];
                if (s > best_score) {
                    best_score = s;
                    best = c;
                }
                continue;
            }
        }
        if (score > best_score) {
            best_score = score;
            best = i;
        }
    }
    /* A node short of room while its own work left its slots mostly idle was waiting on
     * something downstream (async io at its in-flight limit, blocking io holding every
     * thread): the node it is backed up by is the bottleneck (node_backed_up_all). */
    int backed_up = -1;
    if (best >= 0) {
        int *backed = node_backed_up_all(m, r, NULL);
        if (backed[best] >= 0) {
            backed_up = best;
            best = backed[best];
            best_score = 1 + node_busy_share(m, r, best);
        }
        free(backed);
    }
    Pick p = {best, backed_up, false};
    if (best >= 0) {
        const double *f = r->nodes[best];
        p.none = node_busy_share(m, r, best) < 0.7 && f[NF_REJECTED] == 0 && best_score < 1;
    }
    return p;
}

/* A count of messages as the sentence writes it: thousands apart, as the grade writes a
 * lag ("84,556"; on a screen in Russian or Ukrainian the app's style, numfmt.h), or for
 * the JSON documents in bare digits, as they always had it ("84556"). */
static const char *message_count(double n, bool json, Lang l, char *out, size_t cap)
{
    if (!json) return numfmt_grouped(n, numfmt_thousands(i18n_code(l)), out, cap);
    snprintf(out, cap, "%.0f", n);
    return out;
}

/* "; the backlog of q grew to 84,556 messages waiting for a consumer": what queue node q
 * holds at the end, the messages waiting (the consumer lag counts those handed out
 * too, so it can be a little more); for the JSON documents without the last words. */
static void say_backlog(StrBuf *b, const Model *m, const Results *r, int q, Lang l, NodeNaming naming, bool json)
{
    char name[200], n[NUMFMT_CAP];
    double end = r->nodes[q][NF_END_BACKLOG];
    say_BN_BACKLOG(b, l, node_name_in(m, &m->nodes[q], naming, i18n_code(l), name, sizeof name), message_count(end, json, l, n, sizeof n),
                   i18n_counted(l, NOUN_MESSAGES, llround(end)));
    if (!json) sb_puts(b, tr_in(i18n_code(l), words[BN_WAITING]));
}

/* The node that lost the largest share of its arrivals to field `f` (NF_RATE_LIMITED,
 * NF_FAILED), that share in *share; -1 when none lost any. */
static int worst_share(const Model *m, const Results *r, int f, double *share)
{
    int worst = -1;
    *share = 0;
    for (int i = 0; i < r->n_nodes && i < m->n_nodes; i++) {
        const double *g = r->nodes[i];
        if (g[f] > 0 && g[NF_ARRIVALS] > 0 && g[f] / g[NF_ARRIVALS] > *share) {
            *share = g[f] / g[NF_ARRIVALS];
            worst = i;
        }
    }
    return worst;
}

/* BN_SLOWED for each node a `slow` event of the scenario slowed in the measured window
 * that request types wait for on their request path (request_sync_reach), with them. */
int slow_event_node(const Model *m, const Results *r, int k, double *end_s)
{
    const ScenarioEvent *ev = &m->scenario.events[k];
    int x = ev->action == EVENT_SLOW && ev->node && ev->factor > 1 ? model_find_node(m, ev->node) : -1;
    double end = ev->for_s > 0 ? ev->at_s + ev->for_s : r->warmup_s + r->duration_s;
    if (x < 0 || end <= r->warmup_s || ev->at_s >= r->warmup_s + r->duration_s) return -1;
    if (end_s) *end_s = end;
    return x;
}

/* "Yet" for the first of the sentences that qualify "none at this load", "And" after it. */
static const char *yet_word(Lang l, int *said)
{
    return tr_in(i18n_code(l), words[(*said)++ ? BN_AND : BN_YET]);
}

static void slowed_sentences(StrBuf *b, const Model *m, const Results *r, Lang l, NodeNaming naming, int *said)
{
    const Scenario *sc = &m->scenario;
    int *from = NULL;
    for (int k = 0; k < sc->n_events; k++) {
        const ScenarioEvent *ev = &sc->events[k];
        double end;
        int x = slow_event_node(m, r, k, &end);
        if (x < 0) continue;
        if (!from) from = xcalloc((size_t)m->n_nodes + 1, sizeof *from);
        StrBuf types;
        sb_init(&types);
        for (int t = 0; t < sc->n_requests; t++) {
            request_sync_reach(m, t, from);
            if (from[x] != -2) sb_printf(&types, "%s%s", types.data ? ", " : "", sc->requests[t].name);
        }
        if (types.data) {
            char name[200], f[NUMFMT_CAP], a[NUMFMT_CAP], z[NUMFMT_CAP];
            say_BN_SLOWED(b, l, yet_word(l, said), node_name_in(m, &m->nodes[x], naming, i18n_code(l), name, sizeof name),
                          numfmt_decimal(ev->factor, 6, f, sizeof f), numfmt_decimal(ev->at_s, 6, a, sizeof a),
                          numfmt_decimal(end, 6, z, sizeof z), types.data);
        }
        sb_free(&types);
    }
    free(from);
}

/* After "held by calls waiting on X", X full at times (node_full_callee_at_times): its
 * seconds at 95% busy or more, its whole's or a database's busiest server's. */
static void say_held_full(StrBuf *b, const FullAtTimes *w, Lang l)
{
    char for_s[32];
    put_duration_ms(w->full_s * 1000, l, for_s, sizeof for_s);
    if (w->by_server) say_BN_HELD_SERVER_FULL(b, l, for_s);
    else say_BN_HELD_FULL(b, l, for_s);
}

/* The sentence on pick p in language l; NULL when p names no node. With `json`, as the
 * JSON documents carry it (message_count, say_backlog). */
static char *why_sentence(const Model *m, const Results *r, Pick p, Lang l, NodeNaming naming, bool json)
{
    char name[200];
    if (p.node < 0) return NULL;
    const Node *n = &m->nodes[p.node];
    const double *f = r->nodes[p.node];
    StrBuf b;
    sb_init(&b);
    if (p.none) {
        char pct[NUMFMT_CAP];
        say_BN_NONE(&b, l, node_name_in(m, n, naming, i18n_code(l), name, sizeof name), numfmt_percent(node_busy_share(m, r, p.node), pct, sizeof pct));
        /* "none at this load" beside 12% of errors would leave them unexplained: the rate
         * limit that refused the largest share of its arrivals, and the node whose failed
         * servers lost the largest share, say where they come from */
        double worst, lost;
        int lim = worst_share(m, r, NF_RATE_LIMITED, &worst), down = worst_share(m, r, NF_FAILED, &lost);
        int said = 0; /* sentences after it so far */
        if (lim >= 0) {
            char rps[NUMFMT_CAP], share[NUMFMT_CAP];
            double lr = m->nodes[lim].rate_limit_rps;
            if (lr == floor(lr)) numfmt_grouped(lr, numfmt_thousands(i18n_code(l)), rps, sizeof rps);
            else numfmt_decimal(lr, 6, rps, sizeof rps);
            say_BN_RATE_LIMITED(&b, l, yet_word(l, &said), node_name_in(m, &m->nodes[lim], naming, i18n_code(l), name, sizeof name),
                                numfmt_percent_fine(worst, share, sizeof share), rps);
        }
        if (down >= 0) {
            char share[NUMFMT_CAP];
            say_BN_FAILED(&b, l, yet_word(l, &said), node_name_in(m, &m->nodes[down], naming, i18n_code(l), name, sizeof name),
                          numfmt_percent_fine(lost, share, sizeof share));
        }
        /* a node the scenario slowed down that requests wait for: where their time went */
        slowed_sentences(&b, m, r, l, naming, &said);
        /* "none at this load" beside a p99 ten times the limit: the averages hid a node
         * that was full while a failure or a surge was on */
        FullAtTimes w;
        int full = node_most_full_at_times(m, r, &w);
        if (full >= 0) {
            char a[NUMFMT_CAP], bb[NUMFMT_CAP], c[NUMFMT_CAP], d[NUMFMT_CAP], e[NUMFMT_CAP];
            const Node *fn = &m->nodes[full];
            if (w.by_server) {
                char whole[NUMFMT_CAP];
                say_BN_SERVER_FULL_AT_TIMES(&b, l, yet_word(l, &said), node_name_in(m, fn, naming, i18n_code(l), name, sizeof name),
                                            numfmt_ms_in(w.full_s * 1000, i18n_code(l), a, sizeof a),
                                            numfmt_ms_in(w.measured_s * 1000, i18n_code(l), bb, sizeof bb),
                                            numfmt_decimal(w.from_s, 6, c, sizeof c), numfmt_decimal(w.to_s, 6, d, sizeof d),
                                            numfmt_percent(r->nodes[full][NF_UTILISATION], whole, sizeof whole),
                                            numfmt_ms_in(w.wait_p99_ms, i18n_code(l), e, sizeof e));
            } else {
                say_BN_FULL_AT_TIMES(&b, l, yet_word(l, &said), node_name_in(m, fn, naming, i18n_code(l), name, sizeof name),
                                     node_holds_while_waiting(m, fn) ? tr_in(i18n_code(l), words[BN_BLOCKING_IO]) : "",
                                     numfmt_ms_in(w.full_s * 1000, i18n_code(l), a, sizeof a),
                                     numfmt_ms_in(w.measured_s * 1000, i18n_code(l), bb, sizeof bb),
                                     numfmt_decimal(w.from_s, 6, c, sizeof c), numfmt_decimal(w.to_s, 6, d, sizeof d),
                                     numfmt_ms_in(w.wait_p99_ms, i18n_code(l), e, sizeof e));
            }
            if (w.held >= 0)
                say_BN_HELD_AT_TIMES(&b, l, node_name_in(m, &m->nodes[w.held], naming, i18n_code(l), name, sizeof name),
                                     numfmt_ms_in(w.held_wait_p99_ms, i18n_code(l), e, sizeof e));
            const char *label = w.event >= 0 ? scenario_event_label_in(&m->scenario, w.event, i18n_code(l)) : NULL;
            if (label) say_BN_DURING(&b, l, label);
        }
        return sb_take(&b);
    }
    if (n->kind == NODE_QUEUE && !p.none) { /* partitions: the cap or a hot one */
        int hot = queue_hot_partition(m, r, p.node);
        int g = hot >= 0 ? -1 : queue_partition_capped(m, r, p.node);
        if (g >= 0 || hot >= 0) {
            if (g >= 0) {
                const double *gf = r->groups[g];
                const Edge *ed = &m->edges[r->group_edge[g]];
                int c = model_find_node(m, ed->to);
                int parts = (int)gf[GF_PARTITIONS];
                long long slots = (long long)gf[GF_CONSUMER_SLOTS];
                char cname[200];
                say_BN_PARTITIONS(&b, l, node_name_in(m, n, naming, i18n_code(l), name, sizeof name), parts,
                                  i18n_counted(l, NOUN_PARTITIONS, parts), i18n_counted(l, VERB_CAP, parts),
                                  slots, i18n_counted(l, NOUN_SLOTS, slots),
                                  c >= 0 ? node_name_in(m, &m->nodes[c], naming, i18n_code(l), cname, sizeof cname) : ed->to,
                                  (int)gf[GF_USABLE_SLOTS]);
            } else {
                char pct[NUMFMT_CAP], count[NUMFMT_CAP];
                double lag = r->parts[r->group_part[hot]][PF_MAX_LAG_MESSAGES];
                say_BN_HOT_PARTITION(&b, l, node_name_in(m, n, naming, i18n_code(l), name, sizeof name),
                                     numfmt_percent(n->hot_partition, pct, sizeof pct),
                                     message_count(lag, json, l, count, sizeof count),
                                     i18n_counted(l, NOUN_MESSAGES, llround(lag)));
            }
            say_backlog(&b, m, r, p.node, l, naming, json);
            sb_puts(&b, ".");
            return sb_take(&b);
        }
    }
    /* an autoscaled node: its instances on average over the run, not at the start */
    int inst = node_autoscaled(n) && f[NF_MEAN_INSTANCES] >= 0 ? (int)llround(f[NF_MEAN_INSTANCES]) : n->instances;
    if (inst < 1) inst = 1;
    long long slots = n->kind == NODE_DATABASE ? (long long)node_servers(n) * n->pool
                                               : (long long)inst * n->workers;
    say_BN_SLOTS(&b, l, node_name_in(m, n, naming, i18n_code(l), name, sizeof name), slots, i18n_counted(l, NOUN_SLOTS, slots));
    if (n->kind == NODE_DATABASE)
        say_BN_SHAPE(&b, l, node_servers(n), i18n_counted(l, NOUN_SERVERS, node_servers(n)), n->pool,
                     i18n_counted(l, NOUN_CONNECTIONS, n->pool));
    else if (inst > 1 || n->workers > 1)
        say_BN_SHAPE(&b, l, inst, i18n_counted(l, NOUN_INSTANCES, inst), n->workers,
                     i18n_counted(l, NOUN_WORKERS, n->workers));
    char pct[NUMFMT_CAP];
    say_BN_BUSY(&b, l, i18n_counted(l, VERB_WERE_BUSY, slots), numfmt_percent(f[NF_UTILISATION], pct, sizeof pct));
    if (f[NF_UP_SHARE] >= 0) say_BN_WHILE_UP(&b, l, numfmt_percent(f[NF_UP_SHARE], pct, sizeof pct));
    FullAtTimes hw; /* the node that held its threads or places, where it was full at times */
    int held_full = node_full_callee_at_times(m, r, p.node, &hw);
    if (node_holds_while_waiting(m, n)) {
        sb_puts(&b, tr_in(i18n_code(l), words[BN_BLOCKING_IO]));
        if (held_full >= 0) { /* blocking: what held its threads */
            say_BN_THREADS_HELD(&b, l, node_name_in(m, &m->nodes[held_full], naming, i18n_code(l), name, sizeof name));
            say_held_full(&b, &hw, l);
        }
    }
    if (f[NF_PRIMARY_UTILISATION] >= 0.7 && f[NF_PRIMARY_UTILISATION] > f[NF_UTILISATION]) {
        char pp[NUMFMT_CAP];
        say_BN_PRIMARIES(&b, l, numfmt_percent(f[NF_PRIMARY_UTILISATION], pp, sizeof pp));
        if (f[NF_PRIMARY_READS] > 0 && f[NF_SESSION_READS] > 0)
            say_BN_RYW(&b, l, numfmt_percent(f[NF_PRIMARY_READS] / f[NF_SESSION_READS], pp, sizeof pp));
    }
    double ur = node_replica_utilisation(m, r, p.node);
    if (ur >= 0.7 && ur > f[NF_UTILISATION]) {
        char rp[NUMFMT_CAP];
        say_BN_REPLICAS(&b, l, numfmt_percent(ur, rp, sizeof rp));
    }
    double us = node_server_full(m, r, p.node);
    if (us >= 0) { /* the whole had room: one server did not */
        char sp[NUMFMT_CAP];
        say_BN_SERVER(&b, l, numfmt_percent(us, sp, sizeof sp));
        if (node_hot_shard_heavy(n)) say_BN_HOT_SHARD(&b, l, numfmt_percent(n->hot_shard, sp, sizeof sp));
    }
    double inflight_s = node_inflight_full_s(m, r, p.node);
    if (inflight_s > 0) { /* requests waited for a place, its slots free */
        char limit[NUMFMT_CAP], full[32], measured[32];
        numfmt_grouped((double)node_inflight_limit(n), numfmt_thousands(i18n_code(l)), limit, sizeof limit);
        put_duration_ms(inflight_s * 1000, l, full, sizeof full);
        put_duration_ms(r->duration_s * 1000, l, measured, sizeof measured);
        say_BN_INFLIGHT(&b, l, limit, full, measured);
        int held = node_inflight_held_by(m, r, p.node);
        if (held >= 0) {
            say_BN_INFLIGHT_HELD(&b, l, node_name_in(m, &m->nodes[held], naming, i18n_code(l), name, sizeof name));
            if (held_full == held) say_held_full(&b, &hw, l);
        }
    }
    if (f[NF_MEAN_WAIT_MS] >= 0.001) {
        char mean[32], p99[32];
        put_duration_ms(f[NF_MEAN_WAIT_MS], l, mean, sizeof mean);
        put_duration_ms(f[NF_P99_WAIT_MS], l, p99, sizeof p99);
        if (inflight_s > 0)
            say_BN_WAITED_PLACE(&b, l, mean, p99);
        else
            say_BN_WAITED(&b, l, mean, p99);
    }
    if (f[NF_REJECTED] > 0 && f[NF_ARRIVALS] > 0)
        say_BN_REJECTED(&b, l, numfmt_percent_fine(f[NF_REJECTED] / f[NF_ARRIVALS], pct, sizeof pct));
    if (p.backed_up >= 0) {
        const double *u = r->nodes[p.backed_up];
        if (u[NF_REJECTED] > 0)
            say_BN_BACKED_UP(&b, l, node_name_in(m, &m->nodes[p.backed_up], naming, i18n_code(l), name, sizeof name),
                             numfmt_percent_fine(u[NF_REJECTED] / fmax(1, u[NF_ARRIVALS]), pct, sizeof pct));
        else
            say_BN_BACKED_UP_HELD(&b, l, node_name_in(m, &m->nodes[p.backed_up], naming, i18n_code(l), name, sizeof name),
                                  numfmt_percent(u[NF_UTILISATION], pct, sizeof pct));
    }
    for (int i = 0; i < m->n_nodes; i++)
        if (m->nodes[i].kind == NODE_QUEUE && backlog_grew(r, i) &&
            queue_busiest_consumer(m, r, i) == p.node)
            say_backlog(&b, m, r, i, l, naming, json);
    /* a key-model cache whose misses come here: its hit ratio is part of the load */
    for (int k = 0; k < m->n_edges; k++) {
        if (!m->edges[k].to || strcmp(m->edges[k].to, n->id) != 0) continue;
        int c = model_find_node(m, m->edges[k].from);
        if (c < 0 || c >= r->n_nodes || !node_key_model(&m->nodes[c]) || !(r->nodes[c][NF_READS] > 0)) continue;
        char hit[NUMFMT_CAP], rps[NUMFMT_CAP];
        numfmt_percent(r->nodes[c][NF_HITS] / r->nodes[c][NF_READS], hit, sizeof hit);
        numfmt_grouped(round(r->nodes[c][NF_MISS_PEAK_RPS]), numfmt_thousands(i18n_code(l)), rps, sizeof rps);
        say_BN_CACHE_MISSES(&b, l, node_name_in(m, &m->nodes[c], naming, i18n_code(l), name, sizeof name), hit, rps);
        break;
    }
    sb_puts(&b, ".");
    return sb_take(&b);
}

void results_find_bottleneck(const Model *m, Results *r)
{
    Pick p = pick_bottleneck(m, r);
    free(r->bottleneck_why);
    r->bottleneck = p.none ? -1 : p.node;
    r->bottleneck_why = why_sentence(m, r, p, LANG_EN, NAMING_LABEL_AND_ID, true);
}

char *bottleneck_why_in(const Model *m, const Results *r, const char *lang)
{
    return bottleneck_why_named(m, r, lang, NAMING_LABEL_AND_ID);
}

char *bottleneck_why_named(const Model *m, const Results *r, const char *lang, NodeNaming naming)
{
    return why_sentence(m, r, pick_bottleneck(m, r), i18n_lang(lang), naming, false);
}

char *bottleneck_why_json(const Model *m, const Results *r, const char *lang, NodeNaming naming)
{
    return why_sentence(m, r, pick_bottleneck(m, r), i18n_lang(lang), naming, true);
}

int bottleneck_message_count(void)
{
    return MSG_COUNT + WORD_COUNT;
}

char *bottleneck_message_sample(int i, const char *lang)
{
    Lang l = i18n_lang(lang);
    StrBuf b;
    sb_init(&b);
    switch (i) {
#define X(id, params, args, sample, en)                                              \
    case MSG_##id: say_##id(&b, l, I18N_UNPAREN sample); break;
        BOTTLENECK_MESSAGES(X)
#undef X
    default:
        if (i < MSG_COUNT || i >= MSG_COUNT + WORD_COUNT) {
            sb_free(&b);
            return NULL;
        }
        sb_puts(&b, tr_in(i18n_code(l), words[i - MSG_COUNT]));
    }
    return sb_take(&b);
}
