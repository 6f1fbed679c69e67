/*
 * grade.c - verdicts per requirement and hints derived from the run (see grade.h).
 *
 * The verdicts come from requirements_check() and the bottleneck from
 * results_find_bottleneck(); this file only reads the figures they leave and turns
 * them into advice. A hint names what the run shows (a node's utilisation, its
 * rejections, a growing backlog, failed servers, timeouts) and the remedies an
 * interviewer expects for that kind of node and that cause.
 */
#include "sim/grade.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

#define MAX_NODE_HINTS 3   /* the most saturated nodes get a hint each */
#define ERR_SIGNIFICANT 1e-4 /* share of requests before an error cause earns a hint */

static const char *const cause_names[CAUSE_COUNT] = {
    "saturated", "blocking_io", "rejected",     "rate_limited", "backlog",     "failed",
    "retry_storm", "timeouts",  "circuit_open", "latency_path", "cost"};

const char *grade_cause_name(GradeCause c)
{
    return (unsigned)c < CAUSE_COUNT ? cause_names[c] : "?";
}

/* ---- collecting hints ------------------------------------------------------------------ */

typedef struct Hints {
    GradeHint *items;
    int n, cap;
} Hints;

static void hint_add(Hints *h, GradeCause cause, int node, int edge, char *text)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 8;
        h->items = xrealloc(h->items, (size_t)h->cap * sizeof *h->items);
    }
    h->items[h->n++] = (GradeHint){cause, node, edge, text};
}

static bool has_sync_calls(const Model *m, const Node *n)
{
    for (int k = 0; k < m->n_edges; k++)
        if (strcmp(m->edges[k].from, n->id) == 0 && m->edges[k].mode == EDGE_SYNC) return true;
    return false;
}

/* The usual remedies for a saturated node of this kind. */
static const char *remedy(const Model *m, const Node *n)
{
    switch (n->kind) {
    case NODE_DATABASE:
        return "add read replicas (for reads), put a cache in front of it, or shard it (for "
               "writes); a bigger pool only helps while the servers have CPU to spare";
    case NODE_CACHE:
        return "add cache instances (shards), or keep fewer, hotter keys so each lookup is "
               "cheaper";
    case NODE_CDN: return "raise the CDN's capacity or cache hit ratio";
    case NODE_LOAD_BALANCER: return "add load balancer instances";
    case NODE_QUEUE: return "add brokers (instances) or partitions (workers)";
    case NODE_OBJECT_STORE:
    case NODE_EXTERNAL_API:
        return "cache its answers, batch or coalesce calls, or move the call off the "
               "request path (a queue and a worker)";
    case NODE_SERVICE:
    default:
        if (n->io == IO_BLOCKING && has_sync_calls(m, n))
            return "add instances behind the load balancer, or workers, or switch to async io "
                   "so waiting for downstream calls does not hold a worker";
        return "add instances behind the load balancer (horizontal scale), cut its service "
               "time, or cache what it computes";
    }
}

static double node_score(const Model *m, const Results *r, int i)
{
    const double *f = r->nodes[i];
    if (m->nodes[i].kind == NODE_CLIENT) return -1;
    double s = f[NF_UTILISATION];
    if (f[NF_ARRIVALS] > 0 && f[NF_REJECTED] > 0) s = 1 + f[NF_REJECTED] / f[NF_ARRIVALS];
    return s;
}

/* Hints about nodes that ran out of room: the bottleneck first, then the others
 * over capacity, most loaded first. */
static void node_hints(const Model *m, const Results *r, Hints *h)
{
    int order[MAX_NODE_HINTS], n_order = 0;
    if (r->bottleneck >= 0 && node_over_capacity(m, r, r->bottleneck)) order[n_order++] = r->bottleneck;
    while (n_order < MAX_NODE_HINTS) {
        int best = -1;
        for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++) {
            bool taken = false;
            for (int k = 0; k < n_order; k++) taken |= order[k] == i;
            if (taken || !node_over_capacity(m, r, i)) continue;
            if (m->nodes[i].kind == NODE_QUEUE) continue; /* reported as a backlog below */
            if (best < 0 || node_score(m, r, i) > node_score(m, r, best)) best = i;
        }
        if (best < 0) break;
        order[n_order++] = best;
    }
    for (int k = 0; k < n_order; k++) {
        int i = order[k];
        const Node *n = &m->nodes[i];
        const double *f = r->nodes[i];
        StrBuf b;
        sb_init(&b);
        sb_printf(&b, "%s at %.0f%% utilisation", n->id, 100 * f[NF_UTILISATION]);
        if (f[NF_ARRIVALS] > 0 && f[NF_REJECTED] > 0)
            sb_printf(&b, ", %.2g%% of its requests rejected with the queue full",
                      100 * f[NF_REJECTED] / f[NF_ARRIVALS]);
        else if (f[NF_MEAN_WAIT_MS] >= 0.01)
            sb_printf(&b, ", requests waited %.3g ms for a slot on average", f[NF_MEAN_WAIT_MS]);
        GradeCause cause = f[NF_REJECTED] > 0 ? CAUSE_REJECTED : CAUSE_SATURATED;
        if (n->kind == NODE_SERVICE && n->io == IO_BLOCKING && has_sync_calls(m, n)) {
            cause = CAUSE_BLOCKING_IO;
            sb_puts(&b, " (blocking io: each worker is held while it waits for downstream "
                        "calls, so the pool runs out long before the CPU)");
        }
        sb_printf(&b, ": %s.", remedy(m, n));
        hint_add(h, cause, i, -1, sb_take(&b));
    }
    for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++) {
        const double *f = r->nodes[i];
        const Node *n = &m->nodes[i];
        if (n->kind == NODE_QUEUE && node_over_capacity(m, r, i)) {
            int c = queue_busiest_consumer(m, r, i);
            char *t;
            if (f[NF_REJECTED] > 0 && f[NF_END_BACKLOG] < 1000)
                t = xasprintf("%s rejected %.2g%% of its messages with %d brokers x %d slots "
                              "busy: add brokers (instances) or partitions (workers).",
                              n->id, 100 * f[NF_REJECTED] / fmax(1, f[NF_ARRIVALS]), n->instances,
                              n->workers);
            else
                t = xasprintf("%s's backlog grew to %.0f messages: its consumers%s%s cannot keep "
                              "up; add consumer instances or workers, make them async, or cut "
                              "their work per message.",
                              n->id, f[NF_MAX_BACKLOG], c >= 0 ? " " : "",
                              c >= 0 ? m->nodes[c].id : "");
            hint_add(h, CAUSE_BACKLOG, i, -1, t);
        }
        if (f[NF_RATE_LIMITED] > 0 && f[NF_ARRIVALS] > 0)
            hint_add(h, CAUSE_RATE_LIMITED, i, -1,
                     xasprintf("%s's rate limit (%g rps) turned away %.2g%% of its arrivals: "
                               "raise rate_limit_rps if what is behind it has room, or keep it "
                               "as the guard it is and budget for the refusals.",
                               n->id, n->rate_limit_rps,
                               100 * f[NF_RATE_LIMITED] / f[NF_ARRIVALS]));
        if (f[NF_FAILED] > 0 && f[NF_ARRIVALS] > 0) {
            double at = -1;
            for (int e = 0; e < m->scenario.n_events; e++) {
                const ScenarioEvent *ev = &m->scenario.events[e];
                if (ev->action == EVENT_FAIL && ev->node && strcmp(ev->node, n->id) == 0) {
                    at = ev->at_s;
                    break;
                }
            }
            StrBuf b;
            sb_init(&b);
            sb_printf(&b, "%s lost servers", n->id);
            if (at >= 0) sb_printf(&b, " (the scenario's failure at %g s)", at);
            sb_printf(&b, " and %.0f requests failed there: run N+1 (enough servers that the "
                          "survivors carry the peak), spread them over zones, and let callers "
                          "fail over to a healthy instance.",
                      f[NF_FAILED]);
            hint_add(h, CAUSE_FAILED, i, -1, sb_take(&b));
        }
    }
}

/* Hints about the errors of the run: timeouts (a retry storm when retries have no
 * budget and no breaker), circuit breakers failing fast. */
static void error_hints(const Model *m, const Results *r, Hints *h)
{
    const double *all = r->types[r->n_types];
    double done = fmax(1, all[TF_COMPLETED]);
    if (all[TF_ERR_TIMEOUT] / done >= ERR_SIGNIFICANT) {
        int storm = 0;
        for (int k = 0; k < m->n_edges; k++) {
            const Edge *e = &m->edges[k];
            if (e->retries <= 0 || e->retry_budget > 0 || e->breaker.enabled) continue;
            storm++;
            hint_add(h, CAUSE_RETRY_STORM, -1, k,
                     xasprintf("%.2g%% of requests timed out, and %s -> %s retries %d time%s "
                               "with no retry budget and no circuit breaker: under a failure "
                               "every layer multiplies the load (3 tries at 2 layers = 9x) and "
                               "the retries keep the overload going. Set retry_budget (about "
                               "0.1), add a circuit_breaker, back off with jitter, and retry "
                               "at one layer only.",
                               100 * all[TF_ERR_TIMEOUT] / done, e->from, e->to, e->retries,
                               e->retries == 1 ? "" : "s"));
        }
        if (!storm)
            hint_add(h, CAUSE_TIMEOUTS, -1, -1,
                     xasprintf("%.2g%% of requests timed out: a timeout below the latency of "
                               "a loaded or failed node turns slowness into errors; fix the "
                               "slow node (see above), or set the timeout near the "
                               "downstream's p99.9 under load.",
                               100 * all[TF_ERR_TIMEOUT] / done));
    }
    if (all[TF_ERR_CIRCUIT_OPEN] / done >= ERR_SIGNIFICANT)
        hint_add(h, CAUSE_CIRCUIT_OPEN, -1, -1,
                 xasprintf("circuit breakers failed %.2g%% of requests fast: they protect a "
                           "failing or overloaded node; give that node headroom (or a "
                           "fallback, such as a cached answer) so they stop tripping.",
                           100 * all[TF_ERR_CIRCUIT_OPEN] / done));
}

static void cost_hint(const Model *m, const Requirement *q, Hints *h)
{
    int top[3] = {-1, -1, -1};
    for (int i = 0; i < m->n_nodes; i++) {
        double c = node_servers(&m->nodes[i]) * m->nodes[i].cost_per_hour_usd * 730;
        if (c <= 0) continue;
        for (int k = 0; k < 3; k++) {
            double ck = top[k] < 0 ? -1
                                   : node_servers(&m->nodes[top[k]]) *
                                         m->nodes[top[k]].cost_per_hour_usd * 730;
            if (c > ck) {
                for (int j = 2; j > k; j--) top[j] = top[j - 1];
                top[k] = i;
                break;
            }
        }
    }
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "the design costs %.0f USD per month", model_cost_per_month_usd(m));
    if (q->has_max) sb_printf(&b, ", over the budget of %.0f", q->max);
    sb_puts(&b, "; the most expensive nodes:");
    for (int k = 0; k < 3 && top[k] >= 0; k++) {
        const Node *n = &m->nodes[top[k]];
        sb_printf(&b, "%s %s (%d server%s x %g USD/h x 730 h = %.0f USD)", k ? "," : "", n->id,
                  node_servers(n), node_servers(n) == 1 ? "" : "s", n->cost_per_hour_usd,
                  node_servers(n) * n->cost_per_hour_usd * 730);
    }
    sb_puts(&b, ". Remove servers the run shows idle (low utilisation), or let a cache or async "
                "io do the work of many servers.");
    hint_add(h, CAUSE_COST, top[0], -1, sb_take(&b));
}

/* ---- the grade ------------------------------------------------------------------------ */

Grade *grade_create(const Model *m, const Summary *s)
{
    const Results *r = s->mean;
    Grade *g = xcalloc(1, sizeof *g);
    Verdict *v;
    bool all;
    int n = requirements_check(m, r, s->n_runs > 1 ? s->half : NULL, &v, &all);
    g->pass = all;
    g->n_items = n;
    g->items = xcalloc((size_t)n + 1, sizeof *g->items);
    g->bottleneck = r->bottleneck;
    g->cost_per_month_usd = model_cost_per_month_usd(m);
    Hints h = {NULL, 0, 0};
    bool run_failed = false;
    for (int i = 0; i < n; i++) {
        g->items[i].verdict = v[i];
        g->items[i].text = requirement_describe(m, i);
        g->n_passed += v[i].pass;
        if (!v[i].pass && m->scenario.requirements[i].metric != METRIC_COST_PER_MONTH_USD)
            run_failed = true;
    }
    int first_run = 0, n_run = 0;
    if (run_failed) {
        node_hints(m, r, &h);
        error_hints(m, r, &h);
        if (h.n == 0)
            hint_add(&h, CAUSE_LATENCY_PATH, -1, -1,
                     xstrdup("no node is at capacity, so the time goes to the path itself: "
                             "service times, network hops and calls made one after another. "
                             "Trace one request (archsim-cli run FILE --trace TYPE) to see "
                             "where; parallel calls, fewer hops, async work off the request "
                             "path, or a cache or CDN near the users shorten it."));
        n_run = h.n;
    }
    for (int i = 0; i < n; i++) {
        GradeItem *it = &g->items[i];
        if (it->verdict.pass) continue;
        const Requirement *q = &m->scenario.requirements[i];
        if (q->metric == METRIC_COST_PER_MONTH_USD) {
            cost_hint(m, q, &h);
            it->hints = xmalloc(sizeof *it->hints);
            it->hints[0] = h.n - 1;
            it->n_hints = 1;
        } else if (n_run > 0) {
            it->hints = xmalloc((size_t)n_run * sizeof *it->hints);
            for (int k = 0; k < n_run; k++) it->hints[k] = first_run + k;
            it->n_hints = n_run;
        }
    }
    g->hints = h.items;
    g->n_hints = h.n;
    free(v);
    return g;
}

void grade_destroy(Grade *g)
{
    if (!g) return;
    for (int i = 0; i < g->n_items; i++) {
        free(g->items[i].text);
        free(g->items[i].hints);
    }
    for (int i = 0; i < g->n_hints; i++) free(g->hints[i].text);
    free(g->items);
    free(g->hints);
    free(g);
}

/* ---- text ------------------------------------------------------------------------------ */

static const char *unit_of(Metric k)
{
    switch (k) {
    case METRIC_ERROR_RATE: return "";
    case METRIC_THROUGHPUT_RPS: return " rps";
    case METRIC_COST_PER_MONTH_USD: return " USD";
    default: return " ms";
    }
}

/* A value in the metric's unit: measured values to 4 significant digits, limits as
 * written (up to 6). */
static void put_value(StrBuf *b, Metric k, double x, bool limit)
{
    if (k == METRIC_ERROR_RATE)
        sb_printf(b, limit ? "%g%%" : "%.3g%%", 100 * x);
    else if (k == METRIC_COST_PER_MONTH_USD)
        sb_printf(b, "%.0f USD", x);
    else
        sb_printf(b, limit ? "%g%s" : "%.4g%s", x, unit_of(k));
}

/* Wraps `text` at `width` columns with `indent` before every line after the first. */
static void put_wrapped(StrBuf *b, const char *text, int width, const char *indent)
{
    int col = 0;
    const char *p = text;
    while (*p) {
        const char *w = p;
        while (*w && *w != ' ') w++;
        int len = 0; /* characters, not bytes: UTF-8 continuation bytes do not count */
        for (const char *c = p; c < w; c++) len += ((unsigned char)*c & 0xC0) != 0x80;
        if (col > 0 && col + 1 + len > width) {
            sb_printf(b, "\n%s", indent);
            col = 0;
        } else if (col > 0) {
            sb_puts(b, " ");
            col++;
        }
        sb_printf(b, "%.*s", (int)(w - p), p);
        col += len;
        p = w;
        while (*p == ' ') p++;
    }
}

char *grade_text(const Model *m, const Summary *s, const Grade *g, const char *lang)
{
    const Results *r = s->mean;
    StrBuf b;
    sb_init(&b);
    const char *title = scenario_title_in(m, lang);
    sb_printf(&b, "Grade: %s\n", title ? title : "(untitled)");
    sb_printf(&b, "  seed %llu, %g s measured after %g s of warm-up", (unsigned long long)r->seed,
              r->duration_s, r->warmup_s);
    if (s->n_runs > 1) sb_printf(&b, ", %d replications (mean ± 95%% CI)", s->n_runs);
    sb_puts(&b, "\n\n");
    if (g->n_items == 0) sb_puts(&b, "  The scenario has no requirements to grade.\n");
    for (int i = 0; i < g->n_items; i++) {
        const GradeItem *it = &g->items[i];
        const Requirement *q = &m->scenario.requirements[i];
        StrBuf val;
        sb_init(&val);
        if (!it->verdict.measured) {
            sb_puts(&val, "not measured");
        } else {
            put_value(&val, q->metric, it->verdict.value, false);
            if (it->verdict.half > 0) {
                sb_puts(&val, " ±");
                put_value(&val, q->metric, it->verdict.half, false);
            }
        }
        StrBuf lim;
        sb_init(&lim);
        if (q->has_min) {
            sb_puts(&lim, ">= ");
            put_value(&lim, q->metric, q->min, true);
        }
        if (q->has_max) {
            sb_puts(&lim, q->has_min ? ", <= " : "<= ");
            put_value(&lim, q->metric, q->max, true);
        }
        char margin[32];
        if (isfinite(it->verdict.margin))
            snprintf(margin, sizeof margin, "%+.0f%%", 100 * it->verdict.margin);
        else
            snprintf(margin, sizeof margin, "-");
        sb_printf(&b, "  %s  %s\n        measured %s, limit %s, margin %s\n",
                  it->verdict.pass ? "PASS" : "FAIL", it->text, val.data ? val.data : "",
                  lim.data ? lim.data : "", margin);
        sb_free(&val);
        sb_free(&lim);
    }
    sb_printf(&b, "\nResult: %s (%d of %d requirements pass)\n", g->pass ? "PASS" : "FAIL",
              g->n_passed, g->n_items);
    sb_printf(&b, "Cost: %.0f USD per month\n", g->cost_per_month_usd);
    if (r->bottleneck_why) sb_printf(&b, "Bottleneck: %s\n", r->bottleneck_why);
    if (g->n_hints > 0) {
        sb_puts(&b, "\nWhat the run shows, and the usual remedies:\n");
        for (int k = 0; k < g->n_hints; k++) {
            sb_puts(&b, "  - ");
            put_wrapped(&b, g->hints[k].text, 84, "    ");
            sb_puts(&b, "\n");
        }
    }
    int n_sh = 0;
    char *const *sh = scenario_hints_in(m, lang, &n_sh);
    if (!g->pass && n_sh > 0) {
        sb_printf(&b, "\nHints from the scenario%s%s%s:\n", lang ? " (" : "", lang ? lang : "",
                  lang ? ")" : "");
        for (int k = 0; k < n_sh; k++) {
            sb_printf(&b, "  %d. ", k + 1);
            put_wrapped(&b, sh[k], 84, "     ");
            sb_puts(&b, "\n");
        }
    }
    return sb_take(&b);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void add_number_or_null(cJSON *o, const char *key, double x)
{
    if (isfinite(x))
        cJSON_AddNumberToObject(o, key, x);
    else
        cJSON_AddNullToObject(o, key);
}

char *grade_json(const Model *m, const Summary *s, const Grade *g, const char *lang)
{
    const Results *r = s->mean;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", GRADE_FORMAT);
    cJSON_AddStringToObject(root, "archsim", ARCHSIM_VERSION);
    cJSON_AddStringToObject(root, "lang", lang ? lang : "en");
    const char *title = scenario_title_in(m, lang);
    if (title) cJSON_AddStringToObject(root, "title", title);
    const char *prompt = scenario_prompt_in(m, lang);
    if (prompt) cJSON_AddStringToObject(root, "prompt", prompt);
    cJSON_AddNumberToObject(root, "seed", (double)r->seed);
    cJSON_AddNumberToObject(root, "warmup_s", r->warmup_s);
    cJSON_AddNumberToObject(root, "duration_s", r->duration_s);
    cJSON_AddNumberToObject(root, "replications", s->n_runs);
    cJSON_AddBoolToObject(root, "pass", g->pass);
    cJSON_AddNumberToObject(root, "passed", g->n_passed);
    cJSON_AddNumberToObject(root, "failed", g->n_items - g->n_passed);
    cJSON_AddNumberToObject(root, "cost_per_month_usd", g->cost_per_month_usd);
    cJSON *bn = cJSON_AddObjectToObject(root, "bottleneck");
    if (r->bottleneck >= 0)
        cJSON_AddStringToObject(bn, "node", m->nodes[r->bottleneck].id);
    else
        cJSON_AddNullToObject(bn, "node");
    cJSON_AddStringToObject(bn, "why", r->bottleneck_why ? r->bottleneck_why : "");
    cJSON *reqs = cJSON_AddArrayToObject(root, "requirements");
    for (int i = 0; i < g->n_items; i++) {
        const GradeItem *it = &g->items[i];
        const Requirement *q = &m->scenario.requirements[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "text", it->text);
        cJSON_AddStringToObject(o, "metric", metric_name(q->metric));
        if (q->request)
            cJSON_AddStringToObject(o, "request", q->request);
        else
            cJSON_AddNullToObject(o, "request");
        if (q->has_max) cJSON_AddNumberToObject(o, "max", q->max);
        if (q->has_min) cJSON_AddNumberToObject(o, "min", q->min);
        cJSON_AddBoolToObject(o, "measured", it->verdict.measured);
        if (it->verdict.measured)
            cJSON_AddNumberToObject(o, "value", it->verdict.value);
        else
            cJSON_AddNullToObject(o, "value");
        if (s->n_runs > 1) cJSON_AddNumberToObject(o, "ci95", it->verdict.half);
        add_number_or_null(o, "margin", it->verdict.margin);
        cJSON_AddBoolToObject(o, "pass", it->verdict.pass);
        cJSON *hi = cJSON_AddArrayToObject(o, "hints");
        for (int k = 0; k < it->n_hints; k++)
            cJSON_AddItemToArray(hi, cJSON_CreateNumber(it->hints[k]));
        cJSON_AddItemToArray(reqs, o);
    }
    cJSON *hints = cJSON_AddArrayToObject(root, "hints");
    for (int k = 0; k < g->n_hints; k++) {
        const GradeHint *gh = &g->hints[k];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "cause", grade_cause_name(gh->cause));
        if (gh->node >= 0)
            cJSON_AddStringToObject(o, "node", m->nodes[gh->node].id);
        else
            cJSON_AddNullToObject(o, "node");
        if (gh->edge >= 0) {
            cJSON *e = cJSON_AddObjectToObject(o, "edge");
            cJSON_AddStringToObject(e, "from", m->edges[gh->edge].from);
            cJSON_AddStringToObject(e, "to", m->edges[gh->edge].to);
        } else {
            cJSON_AddNullToObject(o, "edge");
        }
        cJSON_AddStringToObject(o, "text", gh->text);
        cJSON_AddItemToArray(hints, o);
    }
    int n_sh = 0;
    char *const *sh = scenario_hints_in(m, lang, &n_sh);
    cJSON *sha = cJSON_AddArrayToObject(root, "scenario_hints");
    for (int k = 0; k < n_sh; k++) cJSON_AddItemToArray(sha, cJSON_CreateString(sh[k]));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", text);
    cJSON_free(text);
    return out;
}
