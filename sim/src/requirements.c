/*
 * requirements.c - verdicts on a run against scenario.requirements, and the
 * bottleneck with a sentence on why.
 */
#include "sim/requirements.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

static const TypeFig metric_fig[METRIC_COUNT] = {
    [METRIC_P50_MS] = TF_P50_MS,        [METRIC_P90_MS] = TF_P90_MS,
    [METRIC_P95_MS] = TF_P95_MS,        [METRIC_P99_MS] = TF_P99_MS,
    [METRIC_P999_MS] = TF_P999_MS,      [METRIC_MEAN_MS] = TF_MEAN_MS,
    [METRIC_MAX_MS] = TF_MAX_MS,        [METRIC_ERROR_RATE] = TF_ERROR_RATE,
    [METRIC_THROUGHPUT_RPS] = TF_THROUGHPUT_RPS, [METRIC_ASYNC_P99_MS] = TF_ASYNC_P99_MS,
};

double metric_value(const Model *m, const Results *r, Metric metric, int type)
{
    if (metric == METRIC_COST_PER_MONTH_USD) return model_cost_per_month_usd(m);
    int row = type < 0 ? r->n_types : type;
    return r->types[row][metric_fig[metric]];
}

static bool measured(const Results *r, Metric metric, int type)
{
    int row = type < 0 ? r->n_types : type;
    switch (metric) {
    case METRIC_COST_PER_MONTH_USD: return true;
    case METRIC_ERROR_RATE: return r->types[row][TF_COMPLETED] > 0;
    case METRIC_THROUGHPUT_RPS: return true;
    case METRIC_ASYNC_P99_MS: return r->types[row][TF_ASYNC_COUNT] > 0;
    default: return r->types[row][TF_COMPLETED] - r->types[row][TF_ERRORS] > 0;
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
        x->measured = measured(r, q->metric, type);
        x->value = metric_value(m, r, q->metric, type);
        x->half = half && q->metric != METRIC_COST_PER_MONTH_USD
                      ? metric_value(m, half, q->metric, type)
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

/* The languages requirement_describe_in() speaks; any other code is English. */
enum { LANG_EN, LANG_RU, LANG_UK, LANG_COUNT };

static int lang_index(const char *lang)
{
    if (lang && strcmp(lang, "ru") == 0) return LANG_RU;
    if (lang && strcmp(lang, "uk") == 0) return LANG_UK;
    return LANG_EN;
}

/* What each metric is called, per language; percentiles are named alike everywhere. */
static const char *const metric_words[METRIC_COUNT][LANG_COUNT] = {
    [METRIC_P50_MS] = {"p50", "p50", "p50"},
    [METRIC_P90_MS] = {"p90", "p90", "p90"},
    [METRIC_P95_MS] = {"p95", "p95", "p95"},
    [METRIC_P99_MS] = {"p99", "p99", "p99"},
    [METRIC_P999_MS] = {"p99.9", "p99.9", "p99.9"},
    [METRIC_MEAN_MS] = {"mean latency", "средняя задержка", "середня затримка"},
    [METRIC_MAX_MS] = {"max latency", "максимальная задержка", "максимальна затримка"},
    [METRIC_ERROR_RATE] = {"error rate", "доля ошибок", "частка помилок"},
    [METRIC_THROUGHPUT_RPS] = {"throughput", "пропускная способность", "пропускна здатність"},
    [METRIC_ASYNC_P99_MS] = {"async p99 (enqueue to done)",
                             "асинхронный p99 (от постановки в очередь до завершения)",
                             "асинхронний p99 (від постановки в чергу до завершення)"},
    [METRIC_COST_PER_MONTH_USD] = {"cost per month", "стоимость в месяц", "вартість на місяць"},
};

/* The rest of a description: "and" between two limits, the millisecond unit, and the
 * thousands separator (a comma would read as a decimal comma in Russian and Ukrainian,
 * so those write "4 000" as the scenario texts do). */
static const char *const and_word[LANG_COUNT] = {" and", " и", " і"};
static const char *const ms_unit[LANG_COUNT] = {" ms", " мс", " мс"};
static const char thousands_sep[LANG_COUNT] = {',', ' ', ' '};

static const char *metric_unit(Metric m, int l)
{
    switch (m) {
    case METRIC_ERROR_RATE: return "";
    case METRIC_THROUGHPUT_RPS: return " rps";
    case METRIC_COST_PER_MONTH_USD: return " USD";
    default: return ms_unit[l];
    }
}

/* A limit as people write it: error rates in percent, money with thousands separators. */
static void put_limit(StrBuf *b, Metric k, double x, int l)
{
    if (k == METRIC_ERROR_RATE) {
        sb_printf(b, "%.6g%%", 100 * x);
    } else if (k == METRIC_COST_PER_MONTH_USD && x >= 1000 && x < 1e15 && x == floor(x)) {
        char digits[32], out[48];
        int n = snprintf(digits, sizeof digits, "%.0f", x), o = 0;
        for (int d = 0; d < n; d++) {
            if (d > 0 && (n - d) % 3 == 0) out[o++] = thousands_sep[l];
            out[o++] = digits[d];
        }
        out[o] = 0;
        sb_printf(b, "%s USD", out);
    } else {
        sb_printf(b, "%g%s", x, metric_unit(k, l));
    }
}

char *requirement_describe_in(const Model *m, int i, const char *lang)
{
    const Requirement *q = &m->scenario.requirements[i];
    if (q->label) return xstrdup(q->label);
    int l = lang_index(lang);
    StrBuf b;
    sb_init(&b);
    if (q->request) sb_printf(&b, "%s ", q->request);
    sb_puts(&b, (unsigned)q->metric < METRIC_COUNT ? metric_words[q->metric][l] : "?");
    if (q->has_min) {
        sb_puts(&b, " >= ");
        put_limit(&b, q->metric, q->min, l);
    }
    if (q->has_min && q->has_max) sb_puts(&b, and_word[l]);
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

/* "0.42 ms", "730 ms", "1.26 s": three significant digits, seconds from 1 s up. */
static void fmt_duration_ms(double ms, char *out, size_t cap)
{
    if (ms >= 1e6)
        snprintf(out, cap, "%.0f s", ms / 1000);
    else if (ms >= 1000)
        snprintf(out, cap, "%.3g s", ms / 1000);
    else
        snprintf(out, cap, "%.3g ms", ms);
}

static bool backlog_grew(const Results *r, int i)
{
    const double *f = r->nodes[i];
    return f[NF_END_BACKLOG] > 1000 && f[NF_END_BACKLOG] >= 0.5 * f[NF_MAX_BACKLOG] &&
           f[NF_END_BACKLOG] > 2 * f[NF_MEAN_BACKLOG] * 0.5;
}

bool node_over_capacity(const Model *m, const Results *r, int i)
{
    const double *f = r->nodes[i];
    if (m->nodes[i].kind == NODE_CLIENT) return false;
    return f[NF_UTILISATION] >= 0.95 || f[NF_REJECTED] > 0 ||
           (m->nodes[i].kind == NODE_QUEUE && backlog_grew(r, i));
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

/* The most utilised node (>= 95%) that node `from` reaches through synchronous calls,
 * or -1. */
static int saturated_downstream(const Model *m, const Results *r, int from)
{
    int n = m->n_nodes < r->n_nodes ? m->n_nodes : r->n_nodes;
    int *stack = xmalloc((size_t)(n + 1) * sizeof *stack);
    uint8_t *seen = xcalloc((size_t)n + 1, 1);
    int top = 0, best = -1;
    stack[top++] = from;
    seen[from] = 1;
    while (top > 0) {
        int i = stack[--top];
        for (int k = 0; k < m->n_edges; k++) {
            const Edge *e = &m->edges[k];
            if (e->mode != EDGE_SYNC || strcmp(e->from, m->nodes[i].id) != 0) continue;
            int j = model_find_node(m, e->to);
            if (j < 0 || j >= n || seen[j]) continue;
            seen[j] = 1;
            stack[top++] = j;
            if (r->nodes[j][NF_UTILISATION] >= 0.95 &&
                (best < 0 || r->nodes[j][NF_UTILISATION] > r->nodes[best][NF_UTILISATION]))
                best = j;
        }
    }
    free(stack);
    free(seen);
    return best;
}

void results_find_bottleneck(const Model *m, Results *r)
{
    int best = -1;
    double best_score = -1;
    for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++) {
        if (m->nodes[i].kind == NODE_CLIENT) continue;
        const double *f = r->nodes[i];
        double score = f[NF_UTILISATION];
        if (f[NF_REJECTED] > 0 && f[NF_ARRIVALS] > 0) score = 1 + f[NF_REJECTED] / f[NF_ARRIVALS];
        if (m->nodes[i].kind == NODE_QUEUE && backlog_grew(r, i)) {
            int c = queue_busiest_consumer(m, r, i);
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
    /* A node that turned requests away while its own slots were mostly idle was waiting
     * on something downstream (async io at its in-flight limit): when a node it calls
     * synchronously, directly or further down, is saturated, that one is the bottleneck. */
    int backed_up = -1;
    if (best >= 0 && r->nodes[best][NF_REJECTED] > 0 && r->nodes[best][NF_UTILISATION] < 0.9) {
        int d = saturated_downstream(m, r, best);
        if (d >= 0) {
            backed_up = best;
            best = d;
            best_score = 1 + r->nodes[d][NF_UTILISATION];
        }
    }
    free(r->bottleneck_why);
    r->bottleneck_why = NULL;
    r->bottleneck = best;
    if (best < 0) return;
    const Node *n = &m->nodes[best];
    const double *f = r->nodes[best];
    StrBuf b;
    sb_init(&b);
    int slots = n->kind == NODE_DATABASE ? node_servers(n) * n->pool : n->instances * n->workers;
    if (f[NF_UTILISATION] < 0.7 && f[NF_REJECTED] == 0 && best_score < 1) {
        sb_printf(&b, "none at this load: the busiest node, %s, is %.0f%% utilised.", n->id,
                  100 * f[NF_UTILISATION]);
        r->bottleneck = -1;
        r->bottleneck_why = sb_take(&b);
        return;
    }
    sb_printf(&b, "%s: its %d slot%s", n->id, slots, slots == 1 ? "" : "s");
    if (n->kind == NODE_DATABASE)
        sb_printf(&b, " (%d server%s x %d connection%s)", node_servers(n), node_servers(n) == 1 ? "" : "s",
                  n->pool, n->pool == 1 ? "" : "s");
    else if (n->instances > 1 || n->workers > 1)
        sb_printf(&b, " (%d instance%s x %d worker%s)", n->instances, n->instances == 1 ? "" : "s",
                  n->workers, n->workers == 1 ? "" : "s");
    sb_printf(&b, " %s %.0f%% busy", slots == 1 ? "was" : "were", 100 * f[NF_UTILISATION]);
    if (n->io == IO_BLOCKING && n->kind != NODE_QUEUE) {
        bool calls = false;
        for (int k = 0; k < m->n_edges; k++)
            calls |= strcmp(m->edges[k].from, n->id) == 0 && m->edges[k].mode == EDGE_SYNC;
        if (calls) sb_puts(&b, ", held also while waiting for downstream calls (blocking io)");
    }
    if (f[NF_MEAN_WAIT_MS] >= 0.001) {
        char mean[32], p99[32];
        fmt_duration_ms(f[NF_MEAN_WAIT_MS], mean, sizeof mean);
        fmt_duration_ms(f[NF_P99_WAIT_MS], p99, sizeof p99);
        sb_printf(&b, "; requests waited %s on average for a slot (p99 %s)", mean, p99);
    }
    if (f[NF_REJECTED] > 0 && f[NF_ARRIVALS] > 0)
        sb_printf(&b, " and %.2g%% were rejected with the queue full",
                  100 * f[NF_REJECTED] / f[NF_ARRIVALS]);
    if (backed_up >= 0) {
        const double *u = r->nodes[backed_up];
        sb_printf(&b, "; %s, which calls it, turned away %.2g%% of its requests while waiting on it",
                  m->nodes[backed_up].id, 100 * u[NF_REJECTED] / fmax(1, u[NF_ARRIVALS]));
    }
    for (int i = 0; i < m->n_nodes; i++)
        if (m->nodes[i].kind == NODE_QUEUE && backlog_grew(r, i) &&
            queue_busiest_consumer(m, r, i) == best)
            sb_printf(&b, "; the backlog of %s grew to %.0f messages", m->nodes[i].id,
                      r->nodes[i][NF_END_BACKLOG]);
    sb_puts(&b, ".");
    r->bottleneck_why = sb_take(&b);
}
