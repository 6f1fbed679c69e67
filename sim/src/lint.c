/*
 * lint.c - the modelling checks of lint.h: designs that are valid but probably not
 * what their author meant, with a sentence and, where obvious, a fix.
 *
 * One pass of setup serves every check: node and request indices, a bit set of the
 * request types each edge carries, and for every type the nodes it can reach from its
 * client under the simulator's routing rules (a cache passes on only the reads it
 * misses, never a write; an edge with probability or fan-out 0 carries nothing). The
 * figures (rates per type, holding times, latencies) come from one analytic estimate.
 * Everything is linear in the model per request type, except the cache-bypass check,
 * which pairs a node's sync edges into caches with its sync edges into stores and
 * walks what lies behind such a cache (once per cache and type): about 0.1 ms for 500
 * nodes, 950 edges and 16 types on the development machine (bench_analytic).
 *
 * A fix is data (kind, node and edge ids, type names, a value), not a pointer into the
 * model, so it applies to the linted model or to a clone of it, and checks that it
 * still applies first.
 */
#include "sim/lint.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format_util.h"
#include "sim/cache_theory.h"
#include "sim/dist.h"
#include "sim/numfmt.h"
#include "sim/tr.h"
#include "sim/util.h"

#define NAME_BUFS 8       /* node and type names alive in one message at most */
#define NAME_LEN (SHOWN_MAX + 8)
#define TYPES_LISTED 4    /* type names spelt out in one sentence at most */
#define INFLIGHT_HEADROOM 2.0 /* max_inflight set by a fix: this many times the mean */

/* ---- fixes ---------------------------------------------------------------------------- */

typedef enum FixKind {
    FIX_DROP_TYPES,    /* take types off an edge's filter (remove the edge if none left) */
    FIX_SEND_TYPES,    /* make a node send types to another (extend or add an edge) */
    FIX_DROP_AND_SEND, /* both: move types from caller->store to cache->store */
    FIX_EDGE_SYNC,     /* make an async edge sync */
    FIX_ASYNC_IO,      /* io blocking -> async, max_inflight at least `value` */
    FIX_NO_REPLICAS    /* read_replicas -> 0 */
} FixKind;

struct LintFix {
    FixKind kind;
    char *from, *to;       /* the edge edited: its ends, to find it again after edits ... */
    int nth, n_same;       /* ... as the nth of n_same edges between them */
    char **types;          /* types dropped or sent */
    int n_types;
    char **keep;           /* drop from an empty filter ("all"): the explicit list left */
    int n_keep;
    char *send_from, *send_to; /* send: the edge to extend or add */
    double latency_ms;     /* send: latency of a new edge */
    char *node;            /* node fixes: its id */
    int value;             /* async io: max_inflight at least this */
};

static char **strs_dup(char *const *s, int n)
{
    char **d = xcalloc((size_t)n + 1, sizeof *d);
    for (int i = 0; i < n; i++) d[i] = xstrdup(s[i]);
    return d;
}

static void strs_free(char **s, int n)
{
    for (int i = 0; s && i < n; i++) free(s[i]);
    free(s);
}

static void fix_free(LintFix *f)
{
    if (!f) return;
    free(f->from);
    free(f->to);
    strs_free(f->types, f->n_types);
    strs_free(f->keep, f->n_keep);
    free(f->send_from);
    free(f->send_to);
    free(f->node);
    free(f);
}

/* ---- the list ------------------------------------------------------------------------- */

void lint_init(LintList *l)
{
    l->items = NULL;
    l->n_items = l->cap = 0;
}

void lint_free(LintList *l)
{
    if (!l) return;
    for (int i = 0; i < l->n_items; i++) {
        LintFinding *f = &l->items[i];
        free(f->path);
        free(f->message);
        free(f->fix_label);
        fix_free(f->fix);
    }
    free(l->items);
    lint_init(l);
}

const char *lint_check_name(LintCheck c)
{
    switch (c) {
    case LINT_CACHE_BYPASS: return "cache_bypass";
    case LINT_WRITE_STOPS_AT_CACHE: return "write_stops_at_cache";
    case LINT_LB_ONE_TARGET: return "lb_one_target";
    case LINT_ASYNC_NOT_QUEUE: return "async_not_queue";
    case LINT_BLOCKING_WORKERS: return "blocking_workers";
    case LINT_DEAD_FILTER: return "dead_filter";
    case LINT_IDLE_REPLICAS: return "idle_replicas";
    case LINT_TIMEOUT_BELOW_LATENCY: return "timeout_below_latency";
    case LINT_HOT_SHARD_ONE_SHARD: return "hot_shard_one_shard";
    default: return "unknown";
    }
}

/* ---- context -------------------------------------------------------------------------- */

typedef struct Ctx {
    const Model *m;
    const Estimate *est;
    LintList *out;
    int nn, ne, nt, words;
    int *from, *to;          /* [ne]: node index, -1 when unknown */
    bool *live;              /* [ne]: both ends known, not a self-loop, calls made */
    int *out_start, *out_edges; /* CSR of the edges with both ends known, by source */
    int *sync_start, *sync_to;  /* CSR of the validator's sync-call graph */
    uint64_t *carries;       /* [ne * words]: bit t set when edge e carries type t */
    unsigned char *reach;    /* [nt * nn]: type t can arrive at node n */
    bool *reached;           /* [nn]: some type arrives */
    int *client_of;          /* [nt]: node the type starts at, -1 = none */
    int *cache_ord;          /* [nn]: position among caches and cdns, -1 = not one */
    unsigned char **behind;  /* [caches * nt]: lazily, what a cache's misses of t reach */
    int *queue;              /* [nn]: BFS scratch */
    int *seen;               /* [nn]: BFS scratch, by stamp */
    int stamp;
    int n_queued;            /* nodes the last bfs() put in queue[], in visiting order */
    char names[NAME_BUFS][NAME_LEN];
    int next_name;
} Ctx;

static double nonneg(double v) { return isfinite(v) && v > 0 ? v : 0; }
static double unit(double v) { return v > 1 ? 1 : nonneg(v); }
static bool is_store(NodeKind k) { return k == NODE_DATABASE || k == NODE_OBJECT_STORE; }
static bool is_write(const Ctx *c, int t) { return c->m->scenario.requests[t].op == OP_WRITE; }

static bool carries(const Ctx *c, int e, int t)
{
    return (c->carries[(size_t)e * c->words + (size_t)t / 64] >> (t % 64)) & 1;
}

static bool reaches(const Ctx *c, int t, int n) { return c->reach[(size_t)t * c->nn + n]; }

/* Node n passes type t on along its edges (a cache only the reads it misses). */
static bool forwards(const Ctx *c, int n, int t)
{
    const Node *node = &c->m->nodes[n];
    if (!node_kind_caches(node->kind)) return true;
    if (is_write(c, t)) return node->write_policy != WRITE_LOCAL;
    return node_key_model(node) || unit(node->hit_ratio) < 1;
}

/* Offered rate of type t at node n, and the share of a node's traffic it passes on: what
 * its rate limit admits and its slots serve (the estimate's offered flow: nothing turned
 * away above by a full queue). */
static double rate_at(const Ctx *c, int t, int n)
{
    return nonneg(c->est->type_offered_rps[(size_t)t * c->nn + n]);
}

static double admit(const Ctx *c, int n)
{
    const NodeEstimate *e = &c->est->nodes[n];
    return e->arrival_rps > 0 ? unit(e->served_rps / e->arrival_rps) : 1;
}

/* Calls per request of type t at the source of edge e, as the flow equations count
 * them (load balancer: one of the matching targets; cache: reads that miss). */
static double edge_gain(const Ctx *c, int e, int t)
{
    int a = c->from[e];
    if (a < 0 || c->to[e] < 0 || !carries(c, e, t)) return 0;
    const Node *src = &c->m->nodes[a];
    const Edge *ed = &c->m->edges[e];
    double per_call = edge_mean_calls(ed);
    if (src->kind == NODE_LOAD_BALANCER) {
        int matching = 0;
        for (int i = c->out_start[a]; i < c->out_start[a + 1]; i++)
            matching += carries(c, c->out_edges[i], t);
        return matching ? 1.0 / matching : 0;
    }
    if (node_kind_caches(src->kind) && (node_key_model(src) || (is_write(c, t) && src->write_policy != WRITE_LOCAL))) {
        /* the key model and write policies: what the estimate passed on */
        double in = rate_at(c, t, a) * admit(c, a);
        return in > 0 ? nonneg(c->est->edge_type_offered_rps[(size_t)t * c->ne + e]) / in : 0;
    }
    if (node_kind_caches(src->kind)) return is_write(c, t) ? 0 : (1 - unit(src->hit_ratio)) * per_call;
    return per_call;
}

/* Calls per second of type t along edge e. */
static double edge_rate(const Ctx *c, int e, int t)
{
    int a = c->from[e];
    if (a < 0) return 0;
    return rate_at(c, t, a) * admit(c, a) * edge_gain(c, e, t);
}

/* The figures a finding states: type t's traffic at node n and along edge e at the rate
 * the scenario sends it, down its path with nothing turned away anywhere (the estimate's
 * visits per request). What the design is drawn to carry, so they stay put while a node
 * above is resized: a cache bypass said 1,310 reads/s behind a service short of room
 * and 22,000 once it had some. */
static double demand_at(const Ctx *c, int t, int n)
{
    return nonneg(c->est->request_rate_rps[t]) * nonneg(c->est->type_visits[(size_t)t * c->nn + n]);
}

static double edge_demand(const Ctx *c, int e, int t)
{
    return nonneg(c->est->request_rate_rps[t]) * nonneg(c->est->edge_type_visits[(size_t)t * c->ne + e]);
}

/* Marks (with a fresh stamp in c->seen) every node type t reaches from `start`,
 * `start` included; t < 0: any type, along every live edge. Returns the stamp. */
static int bfs(Ctx *c, int start, int t)
{
    int s = ++c->stamp;
    int head = 0, tail = 0;
    c->queue[tail++] = start;
    c->seen[start] = s;
    while (head < tail) {
        int v = c->queue[head++];
        if (t >= 0 && !forwards(c, v, t)) continue;
        for (int i = c->out_start[v]; i < c->out_start[v + 1]; i++) {
            int e = c->out_edges[i], w = c->to[e];
            if (!c->live[e] || (t >= 0 && !carries(c, e, t)) || c->seen[w] == s) continue;
            c->seen[w] = s;
            c->queue[tail++] = w;
        }
    }
    c->n_queued = tail;
    return s;
}

/* What the misses of type t at cache k reach (k itself included), memoised. */
static const unsigned char *behind(Ctx *c, int k, int t)
{
    unsigned char **slot = &c->behind[(size_t)c->cache_ord[k] * c->nt + t];
    if (!*slot) {
        *slot = xcalloc((size_t)c->nn + 1, 1);
        int s = bfs(c, k, t);
        for (int n = 0; n < c->nn; n++) (*slot)[n] = c->seen[n] == s;
    }
    return *slot;
}

/* True when a chain of sync calls (the validator's cycle graph) leads from a to b. */
static bool sync_path(Ctx *c, int a, int b)
{
    if (a < 0 || b < 0) return false;
    if (a == b) return true;
    int s = ++c->stamp;
    int head = 0, tail = 0;
    c->queue[tail++] = a;
    c->seen[a] = s;
    while (head < tail) {
        int v = c->queue[head++];
        for (int i = c->sync_start[v]; i < c->sync_start[v + 1]; i++) {
            int w = c->sync_to[i];
            if (w == b) return true;
            if (c->seen[w] == s) continue;
            c->seen[w] = s;
            c->queue[tail++] = w;
        }
    }
    return false;
}

/* An edge a -> b counts as a sync call in the validator's cycle check. */
static bool in_sync_graph(const Model *m, const Edge *e, int a, int b)
{
    return a >= 0 && b >= 0 && a != b && e->mode == EDGE_SYNC &&
           m->nodes[b].kind != NODE_QUEUE && m->nodes[b].kind != NODE_CLIENT;
}

/* The CSR of sync calls over from[]/to[]. */
static void build_sync(const Model *m, const int *from, const int *to, int **start, int **adj)
{
    int nn = m->n_nodes, ne = m->n_edges;
    *start = xcalloc((size_t)nn + 2, sizeof **start);
    *adj = xcalloc((size_t)ne + 1, sizeof **adj);
    for (int e = 0; e < ne; e++)
        if (in_sync_graph(m, &m->edges[e], from[e], to[e])) (*start)[from[e] + 1]++;
    for (int n = 0; n < nn; n++) (*start)[n + 1] += (*start)[n];
    int *fill = xcalloc((size_t)nn + 1, sizeof *fill);
    for (int e = 0; e < ne; e++)
        if (in_sync_graph(m, &m->edges[e], from[e], to[e]))
            (*adj)[(*start)[from[e]] + fill[from[e]]++] = to[e];
    free(fill);
}

/* Node positions of every edge's ends (first of duplicate ids wins, as the engine). */
static void resolve_edges(const Model *m, int *from, int *to)
{
    const char **ids = xcalloc((size_t)m->n_nodes + 1, sizeof *ids);
    for (int n = 0; n < m->n_nodes; n++) ids[n] = m->nodes[n].id;
    StrIndex idx;
    strindex_init(&idx, ids, m->n_nodes);
    for (int n = 0; n < m->n_nodes; n++) strindex_add(&idx, n);
    for (int e = 0; e < m->n_edges; e++) {
        from[e] = strindex_find(&idx, m->edges[e].from);
        to[e] = strindex_find(&idx, m->edges[e].to);
    }
    strindex_free(&idx);
    free(ids);
}

static void setup(Ctx *c, const Model *m, const Estimate *est, LintList *out)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    c->est = est;
    c->out = out;
    int nn = c->nn = m->n_nodes, ne = c->ne = m->n_edges, nt = c->nt = m->scenario.n_requests;
    c->words = (nt + 63) / 64;
    c->from = xcalloc((size_t)ne + 1, sizeof *c->from);
    c->to = xcalloc((size_t)ne + 1, sizeof *c->to);
    c->live = xcalloc((size_t)ne + 1, sizeof *c->live);
    resolve_edges(m, c->from, c->to);

    c->out_start = xcalloc((size_t)nn + 2, sizeof *c->out_start);
    c->out_edges = xcalloc((size_t)ne + 1, sizeof *c->out_edges);
    for (int e = 0; e < ne; e++) {
        const Edge *ed = &m->edges[e];
        if (c->from[e] < 0 || c->to[e] < 0) continue;
        c->out_start[c->from[e] + 1]++;
        c->live[e] = c->from[e] != c->to[e] && unit(ed->probability) > 0 &&
                     nonneg(dist_mean(&ed->fanout)) > 0;
    }
    for (int n = 0; n < nn; n++) c->out_start[n + 1] += c->out_start[n];
    int *fill = xcalloc((size_t)nn + 1, sizeof *fill);
    for (int e = 0; e < ne; e++)
        if (c->from[e] >= 0 && c->to[e] >= 0)
            c->out_edges[c->out_start[c->from[e]] + fill[c->from[e]]++] = e;
    free(fill);
    build_sync(m, c->from, c->to, &c->sync_start, &c->sync_to);

    /* Which types each edge carries. */
    const char **names = xcalloc((size_t)nt + 1, sizeof *names);
    for (int t = 0; t < nt; t++) names[t] = m->scenario.requests[t].name;
    StrIndex tidx;
    strindex_init(&tidx, names, nt);
    for (int t = 0; t < nt; t++) strindex_add(&tidx, t);
    c->carries = xcalloc((size_t)ne * c->words + 1, sizeof *c->carries);
    for (int e = 0; e < ne; e++) {
        const Edge *ed = &m->edges[e];
        uint64_t *bits = &c->carries[(size_t)e * c->words];
        if (ed->n_requests == 0) {
            for (int t = 0; t < nt; t++) bits[t / 64] |= (uint64_t)1 << (t % 64);
            continue;
        }
        for (int k = 0; k < ed->n_requests; k++) {
            int t = strindex_find(&tidx, ed->requests[k]);
            if (t >= 0) bits[t / 64] |= (uint64_t)1 << (t % 64);
        }
    }
    strindex_free(&tidx);
    free(names);

    /* Where each type starts: as the estimate and the simulator send it. */
    c->client_of = xcalloc((size_t)nt + 1, sizeof *c->client_of);
    for (int t = 0; t < nt; t++) c->client_of[t] = model_request_client(m, &m->scenario.requests[t]);

    c->queue = xcalloc((size_t)nn + 1, sizeof *c->queue);
    c->seen = xcalloc((size_t)nn + 1, sizeof *c->seen);
    c->reach = xcalloc((size_t)nt * nn + 1, 1);
    c->reached = xcalloc((size_t)nn + 1, sizeof *c->reached);
    for (int t = 0; t < nt; t++) {
        if (c->client_of[t] < 0) continue;
        int s = bfs(c, c->client_of[t], t);
        for (int n = 0; n < nn; n++)
            if (c->seen[n] == s) {
                c->reach[(size_t)t * nn + n] = 1;
                c->reached[n] = true;
            }
    }
    c->cache_ord = xcalloc((size_t)nn + 1, sizeof *c->cache_ord);
    int n_caches = 0;
    for (int n = 0; n < nn; n++) c->cache_ord[n] = node_kind_caches(m->nodes[n].kind) ? n_caches++ : -1;
    c->behind = xcalloc((size_t)n_caches * nt + 1, sizeof *c->behind);
}

static void teardown(Ctx *c)
{
    int n_caches = 0;
    for (int n = 0; n < c->nn; n++) n_caches += c->cache_ord[n] >= 0;
    for (size_t i = 0; i < (size_t)n_caches * c->nt; i++) free(c->behind[i]);
    free(c->behind);
    free(c->cache_ord);
    free(c->from);
    free(c->to);
    free(c->live);
    free(c->out_start);
    free(c->out_edges);
    free(c->sync_start);
    free(c->sync_to);
    free(c->carries);
    free(c->reach);
    free(c->reached);
    free(c->client_of);
    free(c->queue);
    free(c->seen);
}

/* ---- words and numbers ---------------------------------------------------------------- */

/* A node as people see it: its label, else its id (safe to quote). */
static const char *nm(Ctx *c, int n)
{
    char *buf = c->names[c->next_name++ % NAME_BUFS];
    const Node *node = &c->m->nodes[n];
    const char *s = node_label_shown(node);
    fmt_shown(s ? s : "?", buf, NAME_LEN);
    return buf;
}

static const char *tname(const Model *m, int t)
{
    const char *s = m->scenario.requests[t].name;
    return s ? s : "?";
}

/* "'a'", "'a' and 'b'", "'a', 'b' and 'c'", "... and 3 more" */
static void put_types(StrBuf *b, const Model *m, const int *ts, int n, const char *conj)
{
    char buf[NAME_LEN];
    int shown = n > TYPES_LISTED ? TYPES_LISTED - 1 : n;
    for (int i = 0; i < shown; i++) {
        if (i > 0) sb_puts(b, i == n - 1 ? conj : ", ");
        sb_printf(b, "'%s'", fmt_shown(tname(m, ts[i]), buf, sizeof buf));
    }
    if (shown < n) sb_printf(b, _("%s%d more types"), conj, n - shown);
}

static char *types_text(const Model *m, const int *ts, int n, const char *conj)
{
    StrBuf b;
    sb_init(&b);
    put_types(&b, m, ts, n, conj);
    return sb_take(&b);
}

/* A figure worth printing: the estimate marks the rates of an amplifying async cycle
 * with 1e15 (and an overloaded node's wait with infinity). */
static bool figure_ok(double v) { return v < ESTIMATE_UNBOUNDED_RPS; }

/* v rounded up to `sig` significant digits (a capacity to provide: never less). */
static double ceil_sig(double v, int sig)
{
    if (!(v > 0) || !isfinite(v)) return v;
    double f = pow(10, sig - 1 - floor(log10(v)));
    return ceil(v * f - 1e-9) / f;
}

/* A figure for people (numfmt.h): rounded to `sig` significant digits, whole numbers
 * with thousands separators, millions and up short ("1.2M"); never an exponent. */
static void fmt_num(double v, int sig, char *out, size_t cap)
{
    if (!isfinite(v)) {
        snprintf(out, cap, _("more than it can ever serve"));
        return;
    }
    v = numfmt_round_sig(v < 0 ? 0 : v, sig);
    if (v >= 1e6) numfmt_count(v, out, cap);
    else if (v == floor(v)) numfmt_grouped(v, numfmt_thousands(tr_lang()), out, cap);
    else numfmt_decimal(v, sig, out, cap);
}

/* A count of things "about" so many: whole, two significant digits from 100 up. */
static void fmt_about(double v, char *out, size_t cap)
{
    v = ceil(v - 1e-9);
    fmt_num(v, v >= 100 ? 2 : 3, out, cap);
}

/* ---- findings ------------------------------------------------------------------------- */

static LintFinding *add(Ctx *c, LintCheck k, int i_node, int i_edge, char *path, char *message)
{
    LintList *l = c->out;
    xgrow((void **)&l->items, &l->cap, l->n_items + 1, sizeof *l->items);
    LintFinding *f = &l->items[l->n_items++];
    memset(f, 0, sizeof *f);
    f->check = k;
    f->path = path;
    f->message = message;
    f->i_node = i_node;
    f->i_edge = i_edge;
    return f;
}

static LintFix *fix_new(FixKind kind)
{
    LintFix *x = xcalloc(1, sizeof *x);
    x->kind = kind;
    return x;
}

static void fix_set_edge(LintFix *x, const Ctx *c, int e)
{
    x->from = xstrdup(c->m->edges[e].from);
    x->to = xstrdup(c->m->edges[e].to);
    for (int k = 0; k < c->ne; k++)
        if (c->from[k] == c->from[e] && c->to[k] == c->to[e]) {
            if (k == e) x->nth = x->n_same;
            x->n_same++;
        }
}

static void fix_set_types(LintFix *x, const Model *m, const int *ts, int n)
{
    x->types = xcalloc((size_t)n + 1, sizeof *x->types);
    x->n_types = n;
    for (int i = 0; i < n; i++) x->types[i] = xstrdup(tname(m, ts[i]));
}

static void attach(LintFinding *f, LintFix *x, char *label)
{
    f->fix = x;
    f->fix_label = label;
}

/* Whether a fix can make node a send types ts to node b, as lint_apply_fix will: by
 * naming them on the first edge a -> b when it has a filter that lacks one of them, or
 * by a new sync edge when there is no edge a -> b and the new one closes no sync cycle. */
static bool can_send(Ctx *c, int a, int b, const int *ts, int n)
{
    if (a < 0 || b < 0 || a == b || c->m->nodes[b].kind == NODE_CLIENT) return false;
    for (int i = c->out_start[a]; i < c->out_start[a + 1]; i++) {
        int e = c->out_edges[i];
        if (c->to[e] != b) continue;
        /* out_edges keeps the model's order: e is the first edge a -> b */
        if (c->m->edges[e].n_requests == 0 || !c->live[e]) return false;
        for (int k = 0; k < n; k++)
            if (!carries(c, e, ts[k])) return true;
        return false;
    }
    return !sync_path(c, b, a);
}

/* ---- 1. cache_bypass ------------------------------------------------------------------ */

/* For a drop from an empty filter: the types that arrive at the edge's source and leave
 * it, minus those dropped, in scenario order. */
static void fix_set_keep(Ctx *c, LintFix *x, int e, const bool *dropped)
{
    const Edge *ed = &c->m->edges[e];
    if (ed->n_requests > 0) return;
    int a = c->from[e];
    x->keep = xcalloc((size_t)c->nt + 1, sizeof *x->keep);
    for (int t = 0; t < c->nt; t++)
        if (!dropped[t] && reaches(c, t, a) && forwards(c, a, t) && c->m->scenario.requests[t].name)
            x->keep[x->n_keep++] = xstrdup(tname(c->m, t));
}

static void bypass_finding(Ctx *c, int e1, int e2, bool no_miss_path, const int *ts, int n,
                           bool *dropped)
{
    const Model *m = c->m;
    int caller = c->from[e2], store = c->to[e2], cache = c->to[e1];
    /* the cache's hit ratio per type: hit_ratio, or the key model's estimate from the
     * rates reaching it (as the estimate before a run has it) */
    double *hit = xcalloc((size_t)c->nt + 1, sizeof *hit);
    if (node_key_model(&m->nodes[cache])) {
        double *rate = xcalloc((size_t)c->nt + 1, sizeof *rate);
        for (int t = 0; t < c->nt; t++) rate[t] = demand_at(c, t, cache);
        cache_node_hits(m, cache, rate, hit);
        free(rate);
    } else {
        for (int t = 0; t < c->nt; t++) hit[t] = unit(m->nodes[cache].hit_ratio);
    }
    double direct = 0, now = 0, via_cache = 0, to_cache = 0, hits = 0;
    for (int i = 0; i < n; i++) {
        double r = edge_demand(c, e1, ts[i]);
        direct += edge_demand(c, e2, ts[i]);
        now += demand_at(c, ts[i], store);
        via_cache += r * (1 - hit[ts[i]]);
        to_cache += r;
        hits += r * hit[ts[i]];
    }
    double hit_ratio = to_cache > 0 ? hits / to_cache : hit[ts[0]];
    free(hit);
    double after = now - direct + (no_miss_path ? via_cache : 0);
    bool every = unit(m->edges[e2].probability) >= 1;
    char *types = types_text(m, ts, n, _(" and "));
    StrBuf b;
    sb_init(&b);
    /* "every read of 'read'", not "every 'read' read" */
    sb_printf(&b, every ? _("%s sends every read of %s to %s as well as to %s, ")
                        : _("%s sends reads of %s to %s as well as to %s, "),
              nm(c, caller), types, nm(c, store), nm(c, cache));
    if (no_miss_path)
        sb_printf(&b, _("and %s has no edge to send its misses on, "), nm(c, cache));
    sb_printf(&b, _("so the cache saves %s nothing"), nm(c, store));
    if (figure_ok(now) && figure_ok(after) && now > 0) {
        char a[48], w[48], h[48];
        fmt_num(now, 3, a, sizeof a);
        fmt_about(after > 0 ? after : 0, w, sizeof w);
        fmt_num(100 * hit_ratio, 3, h, sizeof h);
        if (node_key_model(&m->nodes[cache]))
            sb_printf(&b, _(": at the scenario's rates, %s reads/s reach it instead of about %s at an estimated %s%% hit ratio"), a, w, h);
        else
            sb_printf(&b, _(": at the scenario's rates, %s reads/s reach it instead of about %s at a %s%% hit ratio"), a, w, h);
    }
    sb_puts(&b, ".");
    if (no_miss_path) sb_puts(&b, _(" In archsim a cache calls its backing store itself, on a miss."));

    char path[48];
    snprintf(path, sizeof path, "edges[%d].requests", e2);
    LintFinding *f = add(c, LINT_CACHE_BYPASS, caller, e2, xstrdup(path), sb_take(&b));

    /* The fix: take the types off caller -> store; with no miss path, add them to
     * cache -> store. */
    if (no_miss_path && !can_send(c, cache, store, ts, n)) {
        free(types);
        return;
    }
    LintFix *x = fix_new(no_miss_path ? FIX_DROP_AND_SEND : FIX_DROP_TYPES);
    fix_set_edge(x, c, e2);
    fix_set_types(x, m, ts, n);
    fix_set_keep(c, x, e2, dropped);
    if (no_miss_path) {
        x->send_from = xstrdup(m->nodes[cache].id);
        x->send_to = xstrdup(m->nodes[store].id);
        x->latency_ms = nonneg(m->edges[e2].latency_ms);
        attach(f, x, xasprintf(_("Send %s reads to %s only on a miss of %s"), types, nm(c, store),
                               nm(c, cache)));
    } else {
        attach(f, x, xasprintf(_("Send %s reads only through %s"), types, nm(c, cache)));
    }
    free(types);
}

static void check_cache_bypass(Ctx *c)
{
    const Model *m = c->m;
    int *ts = xcalloc((size_t)c->nt + 1, sizeof *ts);
    bool *claimed = xcalloc((size_t)c->nt + 1, sizeof *claimed);
    bool *dropped = xcalloc((size_t)c->nt + 1, sizeof *dropped);
    for (int caller = 0; caller < c->nn; caller++) {
        NodeKind ck = m->nodes[caller].kind;
        if (!c->reached[caller] || ck == NODE_LOAD_BALANCER || ck == NODE_QUEUE) continue;
        int lo = c->out_start[caller], hi = c->out_start[caller + 1];
        bool any_cache = false;
        for (int i = lo; i < hi && !any_cache; i++) {
            int e = c->out_edges[i];
            any_cache = c->live[e] && m->edges[e].mode == EDGE_SYNC &&
                        node_kind_caches(m->nodes[c->to[e]].kind);
        }
        if (!any_cache) continue;
        for (int i2 = lo; i2 < hi; i2++) {
            int e2 = c->out_edges[i2], store = c->to[e2];
            if (!c->live[e2] || m->edges[e2].mode != EDGE_SYNC || !is_store(m->nodes[store].kind))
                continue;
            memset(claimed, 0, (size_t)c->nt * sizeof *claimed);
            for (int i1 = lo; i1 < hi; i1++) {
                int e1 = c->out_edges[i1], cache = c->to[e1];
                if (!c->live[e1] || m->edges[e1].mode != EDGE_SYNC || cache == store ||
                    !node_kind_caches(m->nodes[cache].kind) ||
                    !(node_key_model(&m->nodes[cache]) || unit(m->nodes[cache].hit_ratio) > 0))
                    continue;
                for (int pass = 0; pass < 2; pass++) { /* 0: store behind, 1: no miss path */
                    int n = 0;
                    for (int t = 0; t < c->nt; t++) {
                        if (claimed[t] || is_write(c, t) || !reaches(c, t, caller) ||
                            !forwards(c, caller, t) || !carries(c, e1, t) || !carries(c, e2, t))
                            continue;
                        bool hit;
                        if (pass == 0) {
                            hit = behind(c, cache, t)[store];
                        } else {
                            /* Drawn cache-aside: the cache has nowhere to send misses of t,
                             * the caller reads the store itself on every request. A
                             * probability below 1 on the caller's edge may model the misses
                             * on purpose: not a slip then. */
                            bool alone = true;
                            for (int k = c->out_start[cache]; k < c->out_start[cache + 1] && alone; k++)
                                alone = !(c->live[c->out_edges[k]] && carries(c, c->out_edges[k], t));
                            hit = alone && unit(m->edges[e2].probability) >= 1 &&
                                  (node_key_model(&m->nodes[cache]) || unit(m->nodes[cache].hit_ratio) < 1);
                        }
                        if (!hit) continue;
                        ts[n++] = t;
                    }
                    if (n == 0) continue;
                    memset(dropped, 0, (size_t)c->nt * sizeof *dropped);
                    for (int k = 0; k < n; k++) claimed[ts[k]] = dropped[ts[k]] = true;
                    bypass_finding(c, e1, e2, pass == 1, ts, n, dropped);
                }
            }
        }
    }
    free(ts);
    free(claimed);
    free(dropped);
}

/* ---- 2. write_stops_at_cache ---------------------------------------------------------- */

/* The nearest database or object store behind cache k over any live edges, or -1. */
static int backing_store(Ctx *c, int k)
{
    bfs(c, k, -1);
    /* The queue holds the nodes in breadth-first order: the first store is the nearest. */
    for (int i = 1; i < c->n_queued; i++)
        if (is_store(c->m->nodes[c->queue[i]].kind)) return c->queue[i];
    return -1;
}

static void check_write_stops_at_cache(Ctx *c)
{
    const Model *m = c->m;
    bool *persisted = xcalloc((size_t)c->nt + 1, sizeof *persisted);
    bool any = false;
    for (int t = 0; t < c->nt; t++) {
        if (!is_write(c, t)) continue;
        for (int n = 0; n < c->nn && !persisted[t]; n++)
            persisted[t] = reaches(c, t, n) && is_store(m->nodes[n].kind);
        any |= !persisted[t];
    }
    int *ts = xcalloc((size_t)c->nt + 1, sizeof *ts);
    for (int e = 0; any && e < c->ne; e++) {
        int caller = c->from[e], cache = c->to[e];
        if (!c->live[e] || !node_kind_caches(m->nodes[cache].kind)) continue;
        int n = 0;
        double rate = 0;
        for (int t = 0; t < c->nt; t++)
            if (is_write(c, t) && !persisted[t] && reaches(c, t, caller) &&
                forwards(c, caller, t) && carries(c, e, t)) {
                ts[n++] = t;
                rate += edge_demand(c, e, t);
            }
        if (n == 0) continue;
        char *types = types_text(m, ts, n, _(" and "));
        StrBuf b;
        sb_init(&b);
        sb_printf(&b, _("%s writes stop at %s: a cache stores a write and answers without "
                      "passing it on, and "),
                  types, nm(c, cache));
        if (n == 1) {
            char buf[NAME_LEN];
            sb_printf(&b, _("no '%s' request reaches a database or object store anywhere, "),
                      fmt_shown(tname(m, ts[0]), buf, sizeof buf));
        } else {
            sb_puts(&b, _("none of these types reaches a database or object store anywhere, "));
        }
        if (figure_ok(rate) && rate > 0) {
            char r[48];
            fmt_num(rate, 3, r, sizeof r);
            sb_printf(&b, _("so none of the %s writes/s is ever persisted."), r);
        } else {
            sb_puts(&b, _("so these writes are never persisted."));
        }
        char path[32];
        snprintf(path, sizeof path, "edges[%d]", e);
        LintFinding *f = add(c, LINT_WRITE_STOPS_AT_CACHE, cache, e, xstrdup(path), sb_take(&b));

        /* The fix: the caller also sends the writes to the cache's backing store. */
        NodeKind ck = m->nodes[caller].kind;
        int store = backing_store(c, cache);
        bool can = store >= 0 && ck != NODE_LOAD_BALANCER && ck != NODE_QUEUE && !node_kind_caches(ck) &&
                   can_send(c, caller, store, ts, n);
        if (can) {
            LintFix *x = fix_new(FIX_SEND_TYPES);
            fix_set_types(x, m, ts, n);
            x->send_from = xstrdup(m->nodes[caller].id);
            x->send_to = xstrdup(m->nodes[store].id);
            x->latency_ms = nonneg(m->edges[e].latency_ms);
            attach(f, x, xasprintf(_("Also send %s writes from %s to %s"), types, nm(c, caller),
                                   nm(c, store)));
        }
        free(types);
    }
    free(ts);
    free(persisted);
}

/* ---- 3. lb_one_target ----------------------------------------------------------------- */

static void check_lb_one_target(Ctx *c)
{
    const Model *m = c->m;
    for (int lb = 0; lb < c->nn; lb++) {
        const Node *node = &m->nodes[lb];
        if (node->kind != NODE_LOAD_BALANCER || !c->reached[lb] || node->rate_limit_rps > 0)
            continue;
        int target = -1;
        bool several = false;
        for (int i = c->out_start[lb]; i < c->out_start[lb + 1]; i++) {
            int to = c->to[c->out_edges[i]];
            if (to == lb) continue;
            if (target >= 0 && to != target) several = true;
            target = to;
        }
        if (target < 0 || several) continue;
        const Node *t = &m->nodes[target];
        /* Managed fleets (cdn, object store, external api) and balancers are many
         * machines behind one box; only a single server is a slip. */
        if (t->kind != NODE_SERVICE && t->kind != NODE_CACHE && t->kind != NODE_QUEUE &&
            t->kind != NODE_DATABASE)
            continue;
        if (node_servers(t) != 1) continue;
        bool db = t->kind == NODE_DATABASE;
        StrBuf b;
        sb_init(&b);
        sb_printf(&b, _("%s sends every request to %s, which %s: the balancer has nothing to "
                      "balance, and when that %s fails, everything behind the balancer fails "
                      "with it. "),
                  nm(c, lb), nm(c, target), db ? _("is a single server") : _("runs on one instance"),
                  db ? "server" : "instance");
        if (db)
            sb_printf(&b, _("Give %s read replicas or shards, or connect more targets."),
                      nm(c, target));
        else
            sb_printf(&b, _("Give %s more instances (they share one queue behind the balancer) "
                          "or connect more targets."),
                      nm(c, target));
        char path[32];
        snprintf(path, sizeof path, "nodes[%d]", lb);
        add(c, LINT_LB_ONE_TARGET, lb, -1, xstrdup(path), sb_take(&b));
    }
}

/* ---- 4. async_not_queue --------------------------------------------------------------- */

static void check_async_not_queue(Ctx *c)
{
    const Model *m = c->m;
    int *ts = xcalloc((size_t)c->nt + 1, sizeof *ts);
    for (int e = 0; e < c->ne; e++) {
        const Edge *ed = &m->edges[e];
        int a = c->from[e], b = c->to[e];
        if (a < 0 || b < 0 || a == b || ed->mode != EDGE_ASYNC) continue;
        NodeKind tk = m->nodes[b].kind;
        /* Out of a queue the mode means nothing: consumers pull either way. */
        if (m->nodes[a].kind == NODE_QUEUE || !(is_store(tk) || node_kind_caches(tk))) continue;
        int n = 0, writes = 0;
        for (int t = 0; t < c->nt; t++)
            if (reaches(c, t, a) && forwards(c, a, t) && carries(c, e, t)) {
                ts[n++] = t;
                writes += is_write(c, t);
            }
        StrBuf sb;
        sb_init(&sb);
        if (n > 0 && writes == 0) {
            sb_printf(&sb, _("%s calls %s asynchronously for "), nm(c, a), nm(c, b));
            put_types(&sb, m, ts, n, _(" and "));
            sb_puts(&sb, _(" reads: it does not wait for the answer, so each read fetches data "
                         "nobody uses. Make the call sync."));
        } else {
            sb_printf(&sb, _("%s calls %s asynchronously (fire and forget): it never learns "
                           "whether a write failed, and nothing slows it down when %s falls "
                           "behind. To defer the work, put a queue in front of %s with a "
                           "consumer that writes; otherwise make the call sync."),
                      nm(c, a), nm(c, b), nm(c, b), nm(c, b));
        }
        char path[32];
        snprintf(path, sizeof path, "edges[%d].mode", e);
        LintFinding *f = add(c, LINT_ASYNC_NOT_QUEUE, b, e, xstrdup(path), sb_take(&sb));
        if (!sync_path(c, b, a)) {
            LintFix *x = fix_new(FIX_EDGE_SYNC);
            fix_set_edge(x, c, e);
            attach(f, x, xasprintf(_("Make the call from %s to %s sync"), nm(c, a), nm(c, b)));
        }
    }
    free(ts);
}

/* ---- 5. blocking_workers -------------------------------------------------------------- */

static void check_blocking_workers(Ctx *c)
{
    const Model *m = c->m;
    for (int n = 0; n < c->nn; n++) {
        const Node *node = &m->nodes[n];
        const NodeEstimate *e = &c->est->nodes[n];
        if (node->io != IO_BLOCKING || node->kind == NODE_CLIENT || node->kind == NODE_DATABASE)
            continue;
        double slots = e->servers, rate = e->admitted_rps, hold = e->holding_ms;
        double service = nonneg(dist_drawn_mean(&node->service_ms));
        if (!(slots > 0) || !(rate > 0) || !figure_ok(hold) || !figure_ok(rate)) continue;
        double need = rate * hold / 1000, own = rate * service / 1000;
        double waiting = hold - service;
        /* Only when the shortfall is the waiting: the work alone fits in the slots, and
         * the downstream answers in finite time (an overloaded callee is its own
         * finding in the estimate); and only when the node cannot keep up: threads short
         * only of what waits in a queue below hold part of it, the rest waiting in the
         * node's own queue, at the same latency (the estimate's threads_overflow). */
        if (!(need >= slots) || !e->over_capacity || !(own < slots) || !(waiting > 0)) continue;

        /* Who the worker waits on: the sync edge with the largest share of the wait. */
        int top = -1, targets = 0;
        double best = 0;
        for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
            int ed = c->out_edges[i], to = c->to[ed];
            if (!c->live[ed] || m->edges[ed].mode != EDGE_SYNC) continue;
            double calls = 0;
            for (int t = 0; t < c->nt; t++) calls += edge_rate(c, ed, t);
            const Edge *E = &m->edges[ed];
            double hop = 2 * nonneg(E->latency_ms) + nonneg(c->est->nodes[to].latency_ms);
            if (E->bandwidth_mbps > 0)
                hop += (nonneg(E->request_kb) + nonneg(E->response_kb)) * 8 / E->bandwidth_mbps;
            double share = calls * hop;
            if (!(share > 0)) continue;
            targets++;
            if (share > best) {
                best = share;
                top = to;
            }
        }
        char sv[48], wt[48], rt[48], nd[48], sl[48];
        fmt_num(service, 2, sv, sizeof sv);
        fmt_num(waiting, 2, wt, sizeof wt);
        fmt_num(rate, 3, rt, sizeof rt);
        fmt_about(need, nd, sizeof nd);
        fmt_num(slots, 6, sl, sizeof sl);
        StrBuf b;
        sb_init(&b);
        sb_printf(&b, _("%s holds a worker for %s ms of work plus %s ms waiting "), nm(c, n), sv, wt);
        if (top >= 0 && targets == 1) sb_printf(&b, _("on %s"), nm(c, top));
        else if (top >= 0) sb_printf(&b, _("on its calls (most on %s)"), nm(c, top));
        else sb_puts(&b, _("on its calls"));
        sb_printf(&b, _("; at %s requests/s that needs about %s workers at once (Little's law: "
                      "rate × holding time), it has %s (%d instance%s × %d worker%s). Async io "
                      "frees the worker while it waits."),
                  rt, nd, sl, node->instances, node->instances == 1 ? "" : "s", node->workers,
                  node->workers == 1 ? "" : "s");
        char path[32];
        snprintf(path, sizeof path, "nodes[%d].io", n);
        LintFinding *f = add(c, LINT_BLOCKING_WORKERS, n, -1, xstrdup(path), sb_take(&b));
        if (!node->id) continue; /* a fix could not find the node again */

        /* The fix: async io, with room for the requests in flight (same law, headroom). */
        int inst = node->instances > 0 ? node->instances : 1;
        double per_instance = ceil(ceil_sig(INFLIGHT_HEADROOM * need / inst, 2) - 1e-9);
        LintFix *x = fix_new(FIX_ASYNC_IO);
        x->node = xstrdup(node->id);
        x->value = node->max_inflight;
        if (per_instance > node->max_inflight)
            x->value = per_instance > 1e8 ? 100000000 : (int)per_instance;
        if (x->value != node->max_inflight) {
            char v[48];
            fmt_num(x->value, 9, v, sizeof v);
            attach(f, x, xasprintf(_("Switch %s to async io (max_inflight %s)"), nm(c, n), v));
        } else {
            attach(f, x, xasprintf(_("Switch %s to async io"), nm(c, n)));
        }
    }
}

/* ---- 6. dead_filter ------------------------------------------------------------------- */

static void check_dead_filter(Ctx *c)
{
    const Model *m = c->m;
    int *never = xcalloc((size_t)c->nt + 1, sizeof *never);
    int *stored = xcalloc((size_t)c->nt + 1, sizeof *stored);
    int *hits = xcalloc((size_t)c->nt + 1, sizeof *hits);
    bool *dead = xcalloc((size_t)c->nt + 1, sizeof *dead);
    for (int e = 0; e < c->ne; e++) {
        const Edge *ed = &m->edges[e];
        int a = c->from[e], b = c->to[e];
        if (ed->n_requests == 0 || a < 0 || b < 0 || !c->reached[a]) continue;
        int n_never = 0, n_stored = 0, n_hits = 0, alive = 0;
        memset(dead, 0, (size_t)c->nt * sizeof *dead);
        for (int t = 0; t < c->nt; t++) {
            if (!carries(c, e, t)) continue;
            if (!reaches(c, t, a)) never[n_never++] = t;
            else if (!forwards(c, a, t) && is_write(c, t)) stored[n_stored++] = t;
            else if (!forwards(c, a, t)) hits[n_hits++] = t;
            else {
                alive++;
                continue;
            }
            dead[t] = true;
        }
        int n_dead = n_never + n_stored + n_hits;
        if (n_dead == 0) continue;
        StrBuf sb;
        sb_init(&sb);
        const char *sep = "";
        if (n_never && m->nodes[a].kind == NODE_CLIENT) {
            sb_printf(&sb, _("%s does not send "), nm(c, a));
            put_types(&sb, m, never, n_never, _(" or "));
            sep = "; ";
        } else if (n_never) {
            put_types(&sb, m, never, n_never, _(" and "));
            sb_printf(&sb, _(" never reach%s %s"), n_never == 1 ? "es" : "", nm(c, a));
            sep = "; ";
        }
        if (n_stored) {
            sb_printf(&sb, _("%s%s stores "), sep, nm(c, a));
            put_types(&sb, m, stored, n_stored, _(" and "));
            sb_puts(&sb, _(" writes and answers without passing them on"));
            sep = "; ";
        }
        if (n_hits) {
            sb_printf(&sb, _("%s%s answers every "), sep, nm(c, a));
            put_types(&sb, m, hits, n_hits, _(" and "));
            sb_puts(&sb, _(" read itself (hit ratio 100%)"));
        }
        if (alive == 0)
            sb_printf(&sb, _(", so the edge from %s to %s carries nothing. Name a type that %s "
                           "passes on, or remove the edge."),
                      nm(c, a), nm(c, b), nm(c, a));
        else
            sb_printf(&sb, _(", so naming %s on the edge to %s does nothing."),
                      n_dead == 1 ? "it" : "them", nm(c, b));
        char path[48];
        snprintf(path, sizeof path, "edges[%d].requests", e);
        LintFinding *f = add(c, LINT_DEAD_FILTER, a, e, xstrdup(path), sb_take(&sb));
        if (alive > 0) {
            int n = 0;
            for (int t = 0; t < c->nt; t++)
                if (dead[t]) never[n++] = t; /* reuse as the list of dead types */
            LintFix *x = fix_new(FIX_DROP_TYPES);
            fix_set_edge(x, c, e);
            fix_set_types(x, m, never, n);
            char *types = types_text(m, never, n, _(" and "));
            attach(f, x, xasprintf(_("Take %s off the edge from %s to %s"), types, nm(c, a),
                                   nm(c, b)));
            free(types);
        }
    }
    free(never);
    free(stored);
    free(hits);
    free(dead);
}

/* ---- 7. idle_replicas ----------------------------------------------------------------- */

static void check_idle_replicas(Ctx *c)
{
    const Model *m = c->m;
    int *ts = xcalloc((size_t)c->nt + 1, sizeof *ts);
    for (int n = 0; n < c->nn; n++) {
        const Node *node = &m->nodes[n];
        if (node->kind != NODE_DATABASE || node->read_replicas <= 0 || !c->reached[n]) continue;
        int k = 0;
        bool reads = false;
        for (int t = 0; t < c->nt && !reads; t++) {
            if (!reaches(c, t, n)) continue;
            if (is_write(c, t)) ts[k++] = t;
            else reads = true;
        }
        /* with failover_s the replicas are standbys for a promotion: not idle */
        if (reads || k == 0 || node->failover_s > 0) continue;
        int shards = node->shards > 0 ? node->shards : 1;
        double replicas = (double)node->read_replicas * shards;
        double cost = replicas * nonneg(node->cost_per_hour_usd) * 730;
        StrBuf b;
        sb_init(&b);
        sb_printf(&b, _("%s has %d read replica%s%s but no read reaches it, only "), nm(c, n),
                  node->read_replicas, node->read_replicas == 1 ? "" : "s",
                  shards > 1 ? _(" per shard") : "");
        put_types(&b, m, ts, k, _(" and "));
        sb_printf(&b, _(" writes, which go to the primary: the replica%s %s no work"),
                  replicas == 1 ? "" : "s", replicas == 1 ? "does" : "do");
        if (cost > 0 && isfinite(cost)) {
            char usd[48];
            fmt_num(cost, 3, usd, sizeof usd);
            sb_printf(&b, _(" and cost%s about $%s a month"), replicas == 1 ? "s" : "", usd);
        }
        sb_puts(&b, ".");
        char path[48];
        snprintf(path, sizeof path, "nodes[%d].read_replicas", n);
        LintFinding *f = add(c, LINT_IDLE_REPLICAS, n, -1, xstrdup(path), sb_take(&b));
        /* A scheduled failure of this node's replicas would lose its meaning. */
        bool events = false;
        for (int i = 0; i < m->scenario.n_events && !events; i++) {
            const ScenarioEvent *ev = &m->scenario.events[i];
            events = ev->action == EVENT_FAIL && ev->role == ROLE_REPLICA && ev->node &&
                     node->id && strcmp(ev->node, node->id) == 0;
        }
        if (!events && node->id) {
            LintFix *x = fix_new(FIX_NO_REPLICAS);
            x->node = xstrdup(node->id);
            attach(f, x, xasprintf(_("Remove the read replicas of %s"), nm(c, n)));
        }
    }
    free(ts);
}

/* ---- 8. timeout_below_latency --------------------------------------------------------- */

static void check_timeouts(Ctx *c)
{
    const Model *m = c->m;
    char to[48], lat[48], buf[NAME_LEN];
    for (int t = 0; t < c->nt; t++) {
        int n = c->client_of[t];
        if (n < 0 || m->nodes[n].kind != NODE_CLIENT) continue;
        double limit = m->nodes[n].timeout_ms, mean = c->est->request_latency_ms[t];
        /* past a node over capacity: the latency of those answered, once its queue is full */
        double kept = c->est->request_kept_latency_ms ? c->est->request_kept_latency_ms[t] : INFINITY;
        bool past = !isfinite(mean) && figure_ok(kept);
        if (past) mean = kept;
        if (!(limit > 0) || !figure_ok(mean) || !(mean >= limit)) continue;
        fmt_num(limit, 3, to, sizeof to);
        fmt_num(mean, 2, lat, sizeof lat);
        char *msg = past ? xasprintf(_("'%s' requests from %s time out after %s ms, but those the design answers "
                                       "past its capacity take about %s ms on average (predicted, once its "
                                       "queues are full), so nearly all of them will count as timeouts: add "
                                       "capacity first."),
                                     fmt_shown(tname(m, t), buf, sizeof buf), nm(c, n), to, lat)
                         : xasprintf(_("'%s' requests from %s time out after %s ms, but take about %s "
                              "ms on average (predicted; the tail is longer), so most of them "
                              "will count as timeouts although the design serves them."),
                              fmt_shown(tname(m, t), buf, sizeof buf), nm(c, n), to, lat);
        char path[48];
        snprintf(path, sizeof path, "nodes[%d].timeout_ms", n);
        add(c, LINT_TIMEOUT_BELOW_LATENCY, n, -1, xstrdup(path), msg);
    }
    for (int e = 0; e < c->ne; e++) {
        const Edge *ed = &m->edges[e];
        int a = c->from[e], b = c->to[e];
        if (!c->live[e] || ed->mode != EDGE_SYNC || !(ed->timeout_ms > 0) || !c->reached[a])
            continue;
        double calls = 0;
        for (int t = 0; t < c->nt; t++) calls += edge_rate(c, e, t);
        if (!(calls > 0)) continue;
        double mean = 2 * nonneg(ed->latency_ms) + nonneg(c->est->nodes[b].latency_ms);
        if (ed->bandwidth_mbps > 0)
            mean += (nonneg(ed->request_kb) + nonneg(ed->response_kb)) * 8 / ed->bandwidth_mbps;
        if (!figure_ok(mean) || !(mean >= ed->timeout_ms)) continue;
        fmt_num(ed->timeout_ms, 3, to, sizeof to);
        fmt_num(mean, 2, lat, sizeof lat);
        StrBuf sb;
        sb_init(&sb);
        sb_printf(&sb, _("Calls from %s to %s time out after %s ms, but a call takes about %s ms "
                       "on average (predicted), so most attempts will time out"),
                  nm(c, a), nm(c, b), to, lat);
        if (ed->retries > 0)
            sb_printf(&sb, _("; with %d retr%s each call can be sent %d times, multiplying the "
                           "load on %s"),
                      ed->retries, ed->retries == 1 ? "y" : "ies", ed->retries + 1, nm(c, b));
        sb_puts(&sb, _(". Set the timeout above what a call takes at the p99."));
        char path[48];
        snprintf(path, sizeof path, "edges[%d].timeout_ms", e);
        add(c, LINT_TIMEOUT_BELOW_LATENCY, b, e, xstrdup(path), sb_take(&sb));
    }
}

/* ---- 9. hot_shard_one_shard ----------------------------------------------------------- */

/* A database of one shard with a hot_shard share: shard 0 is the only one, so every
 * request goes there whatever the share (a queue's hot_partition with one partition is
 * the validator's error; this changes no figure, so it is a check). */
static void check_hot_shard(Ctx *c)
{
    const Model *m = c->m;
    char share[48];
    for (int n = 0; n < c->nn; n++) {
        const Node *node = &m->nodes[n];
        if (node->kind != NODE_DATABASE || !(node->hot_shard > 0) || node->shards > 1) continue;
        fmt_num(100 * node->hot_shard, 3, share, sizeof share);
        char path[48];
        snprintf(path, sizeof path, "nodes[%d].hot_shard", n);
        add(c, LINT_HOT_SHARD_ONE_SHARD, n, -1, xstrdup(path),
            xasprintf(_("%s sends %s%% of its traffic to shard 0 (hot_shard), but it has one shard: every "
                        "request goes there anyway, and the setting changes nothing. Give it 2 or more shards "
                        "for shard 0 to be a hot one, or set hot_shard to 0."),
                      nm(c, n), share));
    }
}

/* ---- entry points --------------------------------------------------------------------- */

int lint_model_with(const Model *m, const Estimate *est, LintList *out)
{
    ASSERT(m && out);
    int before = out->n_items;
    Estimate own;
    bool mine = !est || est->n_nodes != m->n_nodes || est->n_edges != m->n_edges ||
                est->n_requests != m->scenario.n_requests || !est->type_offered_rps || !est->nodes;
    if (mine) {
        analytic_estimate(m, &own);
        est = &own;
    }
    Ctx c;
    setup(&c, m, est, out);
    check_cache_bypass(&c);
    check_write_stops_at_cache(&c);
    check_lb_one_target(&c);
    check_async_not_queue(&c);
    check_blocking_workers(&c);
    check_dead_filter(&c);
    check_idle_replicas(&c);
    check_timeouts(&c);
    check_hot_shard(&c);
    teardown(&c);
    if (mine) estimate_free(&own);
    return out->n_items - before;
}

int lint_model(const Model *m, LintList *out) { return lint_model_with(m, NULL, out); }

/* ---- applying a fix ------------------------------------------------------------------- */

static bool str_same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* The edge a fix was about: the nth of the edges between its two nodes, as long as
 * there are as many as when it was linted (else the model changed too much to tell
 * which one was meant); -1 when it cannot be found. */
static int find_fix_edge(const Model *m, const LintFix *x)
{
    int k = 0, found = -1;
    for (int e = 0; e < m->n_edges; e++)
        if (str_same(m->edges[e].from, x->from) && str_same(m->edges[e].to, x->to)) {
            if (k == x->nth) found = e;
            k++;
        }
    return k == x->n_same ? found : -1;
}

/* The first edge from a to b, or -1. */
static int find_edge(const Model *m, const char *a, const char *b)
{
    for (int e = 0; e < m->n_edges; e++)
        if (str_same(m->edges[e].from, a) && str_same(m->edges[e].to, b)) return e;
    return -1;
}

static bool has_name(char *const *list, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (str_same(list[i], s)) return true;
    return false;
}

static void set_filter(Edge *e, char **list, int n)
{
    strs_free(e->requests, e->n_requests);
    e->requests = list;
    e->n_requests = n;
}

/* A chain of sync calls from node id a to node id b in m as it is now. */
static bool model_sync_path(const Model *m, const char *a, const char *b)
{
    int *from = xcalloc((size_t)m->n_edges + 1, sizeof *from);
    int *to = xcalloc((size_t)m->n_edges + 1, sizeof *to);
    resolve_edges(m, from, to);
    int ia = model_find_node(m, a), ib = model_find_node(m, b);
    int *start, *adj;
    build_sync(m, from, to, &start, &adj);
    bool found = ia >= 0 && ib >= 0 && ia == ib;
    int *queue = xcalloc((size_t)m->n_nodes + 1, sizeof *queue);
    bool *seen = xcalloc((size_t)m->n_nodes + 1, sizeof *seen);
    int head = 0, tail = 0;
    if (ia >= 0 && ib >= 0) {
        queue[tail++] = ia;
        seen[ia] = true;
    }
    while (head < tail && !found) {
        int v = queue[head++];
        for (int i = start[v]; i < start[v + 1] && !found; i++) {
            int w = adj[i];
            if (w == ib) found = true;
            else if (!seen[w]) {
                seen[w] = true;
                queue[tail++] = w;
            }
        }
    }
    free(queue);
    free(seen);
    free(start);
    free(adj);
    free(from);
    free(to);
    return found;
}

/* Drop: the edge exists and carries every type; the filter written after. */
static int drop_prepare(const Model *m, const LintFix *x, char ***list, int *n)
{
    int e = find_fix_edge(m, x);
    if (e < 0) return -1;
    const Edge *ed = &m->edges[e];
    for (int i = 0; i < x->n_types; i++)
        if (!edge_carries(ed, x->types[i])) return -1;
    if (ed->n_requests == 0) {
        *list = strs_dup(x->keep, x->n_keep);
        *n = x->n_keep;
    } else {
        *list = xcalloc((size_t)ed->n_requests + 1, sizeof **list);
        *n = 0;
        for (int i = 0; i < ed->n_requests; i++)
            if (!has_name(x->types, x->n_types, ed->requests[i]))
                (*list)[(*n)++] = xstrdup(ed->requests[i]);
    }
    return e;
}

/* Send: 0 nothing possible, 1 extend edge *e, 2 add a new edge. */
static int send_prepare(const Model *m, const LintFix *x, int *e)
{
    int a = model_find_node(m, x->send_from), b = model_find_node(m, x->send_to);
    if (a < 0 || b < 0 || a == b || m->nodes[b].kind == NODE_CLIENT) return 0;
    for (int i = 0; i < x->n_types; i++)
        if (model_find_request(m, x->types[i]) < 0) return 0;
    *e = find_edge(m, x->send_from, x->send_to);
    if (*e >= 0) {
        const Edge *ed = &m->edges[*e];
        if (ed->n_requests == 0) return 0; /* carries every type already */
        for (int i = 0; i < x->n_types; i++)
            if (!edge_carries(ed, x->types[i])) return 1;
        return 0;
    }
    return model_sync_path(m, x->send_to, x->send_from) ? 0 : 2;
}

static void send_apply(Model *m, const LintFix *x, int how, int e)
{
    if (how == 1) {
        Edge *ed = &m->edges[e];
        char **list = xcalloc((size_t)(ed->n_requests + x->n_types) + 1, sizeof *list);
        int n = 0;
        for (int i = 0; i < ed->n_requests; i++) list[n++] = xstrdup(ed->requests[i]);
        for (int i = 0; i < x->n_types; i++)
            if (!has_name(list, n, x->types[i])) list[n++] = xstrdup(x->types[i]);
        set_filter(ed, list, n);
        return;
    }
    Edge ne;
    edge_defaults(&ne);
    ne.from = x->send_from;
    ne.to = x->send_to;
    ne.latency_ms = x->latency_ms;
    ne.requests = x->types;
    ne.n_requests = x->n_types;
    model_add_edge(m, &ne);
}

bool lint_apply_fix(Model *m, const LintFinding *f)
{
    ASSERT(m && f);
    const LintFix *x = f->fix;
    if (!x) return false;
    switch (x->kind) {
    case FIX_DROP_TYPES:
    case FIX_DROP_AND_SEND: {
        char **list = NULL;
        int n = 0, send_e = -1, how = 0;
        if (x->kind == FIX_DROP_AND_SEND) {
            how = send_prepare(m, x, &send_e);
            if (how == 0) return false;
        }
        int e = drop_prepare(m, x, &list, &n);
        if (e < 0) return false;
        /* Send first (it may append an edge; e stays valid), then drop. */
        if (how) send_apply(m, x, how, send_e);
        if (n == 0) {
            strs_free(list, 0);
            model_remove_edge(m, e);
        } else {
            set_filter(&m->edges[e], list, n);
        }
        return true;
    }
    case FIX_SEND_TYPES: {
        int e = -1, how = send_prepare(m, x, &e);
        if (how == 0) return false;
        send_apply(m, x, how, e);
        return true;
    }
    case FIX_EDGE_SYNC: {
        int e = find_fix_edge(m, x);
        if (e < 0 || m->edges[e].mode != EDGE_ASYNC) return false;
        if (model_sync_path(m, x->to, x->from)) return false;
        m->edges[e].mode = EDGE_SYNC;
        return true;
    }
    case FIX_ASYNC_IO: {
        int n = model_find_node(m, x->node);
        if (n < 0 || m->nodes[n].io != IO_BLOCKING) return false;
        m->nodes[n].io = IO_ASYNC;
        if (m->nodes[n].max_inflight < x->value) m->nodes[n].max_inflight = x->value;
        return true;
    }
    case FIX_NO_REPLICAS: {
        int n = model_find_node(m, x->node);
        if (n < 0 || m->nodes[n].kind != NODE_DATABASE || m->nodes[n].read_replicas <= 0)
            return false;
        m->nodes[n].read_replicas = 0;
        return true;
    }
    }
    return false;
}
