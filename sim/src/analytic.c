/*
 * analytic.c - the capacity estimate of analytic.h: flow equations, then M/M/c.
 *
 * Three steps, each cheap enough for every keystroke:
 *  1. Flow: the rate of each request type at each node solves
 *       rate = injected + sum over edges of (admitted rate at the source) x gain,
 *     where the gain of an edge for a type follows the source's kind (load balancer:
 *     1 / matching targets; cache and cdn: (1 - hit_ratio) x probability x mean fanout
 *     for reads, 0 for writes; anything else, queues included: probability x mean
 *     fanout). It is iterated (Jacobi) from the injected rates: exact after depth + 1
 *     rounds on an acyclic graph, geometric on damped async cycles, capped otherwise.
 *  2. Latency: a depth-first walk computes, for each node and type, the sync
 *     downstream time, then the slot holding time (service, plus downstream when
 *     io = blocking), the Erlang C wait of the node's stations and the latency
 *     wait + service + downstream. A node already on the walk's path counts as 0,
 *     which cuts sync cycles (validation rejects them; the estimate must still end).
 *  3. Closed loop: the throughput X of a type with users N and think time Z solves
 *     X = N / (Z + R(X)). R grows with X, so X (Z + R(X)) - N is increasing and the
 *     root is found by bisection, which unlike the plain iteration X <- N / (Z + R)
 *     cannot oscillate when R is steep near saturation. With several closed types the
 *     bisections are repeated in turn until the rates settle (capped).
 * Times are in ms, rates in requests per second.
 */
#include "sim/analytic.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

#define FLOW_MAX_ITER 2000
#define FLOW_TOL 1e-10      /* relative change that ends the flow iteration */
#define FLOW_DIVERGED 1e15  /* a rate past this means an amplifying cycle */
#define CLOSED_MAX_PASSES 30
#define BISECT_MAX_ITER 200

typedef struct Ctx {
    const Model *m;
    int n_nodes, n_types, n_edges;
    int *from, *to;       /* [n_edges]: node index, -1 when unknown */
    int *out_start;       /* [n_nodes + 1]: CSR index into out_edges */
    int *out_edges;       /* outgoing edge indices grouped by source */
    double *gain;         /* [n_edges * n_types]: flow multiplier, 0 = not carried */
    int *client_of;       /* [n_types]: originating node, -1 = none */
    double *x;            /* [n_types]: injected rate */
    double *rate;         /* [n_types * n_nodes]: offered rate of type t at node n */
    double *next;         /* [n_types * n_nodes]: scratch for the iteration */
    double *snap[2];      /* [n_types * n_nodes]: rates 0-63 rounds back, to spot growth */
    double *admit;        /* [n_nodes]: admitted fraction (rate limit) */
    double *down;         /* [n_types * n_nodes]: sync downstream ms */
    double *lat;          /* [n_types * n_nodes]: latency ms (client: end to end) */
    double *down_own;     /* [n_types * n_nodes]: the same with over-capacity nodes' */
    double *lat_own;      /* queueing waits taken as 0: what a node's own work needs */
    int *reach;           /* [n_nodes]: scratch for the walk to a culprit */
    unsigned char *state; /* [n_nodes]: 0 unvisited, 1 on the path, 2 done */
    NodeEstimate *est;    /* [n_nodes] */
    bool flow_converged;
} Ctx;

static double nonneg(double v) { return isfinite(v) && v > 0 ? v : 0; }

static double unit(double v) { return v > 1 ? 1 : nonneg(v); }

double erlang_c(long c, double a)
{
    if (!(a > 0)) return 0;
    if (c <= 0 || !(a < (double)c)) return 1;
    /* Erlang B by B(k) = a B(k-1) / (k + a B(k-1)): every term stays in (0, 1]. */
    double b = 1;
    for (long k = 1; k <= c; k++) {
        b = a * b / ((double)k + a * b);
        if (b < 1e-300) return 0; /* past a by far: no chance of waiting */
    }
    return (double)c * b / ((double)c - a * (1 - b));
}

/* Mean queueing wait (ms) of an M/M/c station: rate_rps arrivals, offered load a
 * erlangs, mean holding hold_ms. */
static double station_wait(long c, double rate_rps, double a, double hold_ms)
{
    if (!(rate_rps > 0) || !(a > 0)) return 0;
    if (c <= 0 || !(a < (double)c)) return INFINITY;
    return erlang_c(c, a) * hold_ms / ((double)c - a);
}

static bool is_cache(NodeKind k) { return k == NODE_CACHE || k == NODE_CDN; }

static void setup(Ctx *c, const Model *m)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    int nn = c->n_nodes = m->n_nodes, nt = c->n_types = m->scenario.n_requests;
    int ne = c->n_edges = m->n_edges;
    c->from = xcalloc((size_t)ne + 1, sizeof *c->from);
    c->to = xcalloc((size_t)ne + 1, sizeof *c->to);
    c->out_start = xcalloc((size_t)nn + 1, sizeof *c->out_start);
    c->out_edges = xcalloc((size_t)ne + 1, sizeof *c->out_edges);
    c->gain = xcalloc((size_t)ne * nt + 1, sizeof *c->gain);
    c->client_of = xcalloc((size_t)nt + 1, sizeof *c->client_of);
    c->x = xcalloc((size_t)nt + 1, sizeof *c->x);
    c->rate = xcalloc((size_t)nt * nn + 1, sizeof *c->rate);
    c->next = xcalloc((size_t)nt * nn + 1, sizeof *c->next);
    c->snap[0] = xcalloc((size_t)nt * nn + 1, sizeof *c->snap[0]);
    c->snap[1] = xcalloc((size_t)nt * nn + 1, sizeof *c->snap[1]);
    c->admit = xcalloc((size_t)nn + 1, sizeof *c->admit);
    c->down = xcalloc((size_t)nt * nn + 1, sizeof *c->down);
    c->lat = xcalloc((size_t)nt * nn + 1, sizeof *c->lat);
    c->down_own = xcalloc((size_t)nt * nn + 1, sizeof *c->down_own);
    c->lat_own = xcalloc((size_t)nt * nn + 1, sizeof *c->lat_own);
    c->reach = xcalloc((size_t)nn + 1, sizeof *c->reach);
    c->state = xcalloc((size_t)nn + 1, 1);
    c->est = xcalloc((size_t)nn + 1, sizeof *c->est);

    /* ids to positions in O(1) (the first of duplicate ids wins, as model_find_node) */
    const char **ids = xcalloc((size_t)nn + 1, sizeof *ids);
    for (int n = 0; n < nn; n++) ids[n] = m->nodes[n].id;
    StrIndex idx;
    strindex_init(&idx, ids, nn);
    for (int n = 0; n < nn; n++) strindex_add(&idx, n);
    for (int e = 0; e < ne; e++) {
        c->from[e] = strindex_find(&idx, m->edges[e].from);
        c->to[e] = strindex_find(&idx, m->edges[e].to);
        if (c->from[e] >= 0 && c->to[e] >= 0) c->out_start[c->from[e] + 1]++;
    }
    for (int n = 0; n < nn; n++) c->out_start[n + 1] += c->out_start[n];
    int *fill = xcalloc((size_t)nn + 1, sizeof *fill);
    for (int e = 0; e < ne; e++)
        if (c->from[e] >= 0 && c->to[e] >= 0)
            c->out_edges[c->out_start[c->from[e]] + fill[c->from[e]]++] = e;
    free(fill);

    int first_client = -1;
    for (int n = 0; n < nn && first_client < 0; n++)
        if (m->nodes[n].kind == NODE_CLIENT) first_client = n;
    for (int t = 0; t < nt; t++) {
        const RequestType *rt = &m->scenario.requests[t];
        c->client_of[t] = rt->client ? strindex_find(&idx, rt->client) : first_client;
    }
    strindex_free(&idx);
    free(ids);

    for (int n = 0; n < nn; n++) {
        const Node *src = &m->nodes[n];
        for (int t = 0; t < nt; t++) {
            const RequestType *rt = &m->scenario.requests[t];
            int matching = 0;
            for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++)
                matching += edge_carries(&m->edges[c->out_edges[i]], rt->name);
            for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
                int e = c->out_edges[i];
                const Edge *ed = &m->edges[e];
                if (!edge_carries(ed, rt->name)) continue;
                double per_call = unit(ed->probability) * nonneg(dist_mean(&ed->fanout));
                double g;
                if (src->kind == NODE_LOAD_BALANCER) g = 1.0 / matching;
                else if (is_cache(src->kind))
                    g = rt->op == OP_WRITE ? 0 : (1 - unit(src->hit_ratio)) * per_call;
                else g = per_call;
                c->gain[(size_t)e * nt + t] = g;
            }
        }
    }
}

static void teardown(Ctx *c)
{
    free(c->from);
    free(c->to);
    free(c->out_start);
    free(c->out_edges);
    free(c->gain);
    free(c->client_of);
    free(c->x);
    free(c->rate);
    free(c->next);
    free(c->snap[0]);
    free(c->snap[1]);
    free(c->admit);
    free(c->down);
    free(c->lat);
    free(c->down_own);
    free(c->lat_own);
    free(c->reach);
    free(c->state);
    free(c->est);
}

/* Admitted fraction of each node's offered rate under its rate limit. */
static void compute_admit(Ctx *c)
{
    int nn = c->n_nodes, nt = c->n_types;
    for (int n = 0; n < nn; n++) {
        double total = 0;
        for (int t = 0; t < nt; t++) total += c->rate[(size_t)t * nn + n];
        double limit = nonneg(c->m->nodes[n].rate_limit_rps);
        c->admit[n] = limit > 0 && total > limit ? limit / total : 1;
    }
}

/* Step 1: the rates of every type at every node, given the injected rates c->x. */
static void solve_flow(Ctx *c)
{
    int nn = c->n_nodes, nt = c->n_types, ne = c->n_edges;
    size_t cells = (size_t)nt * nn;
    memset(c->rate, 0, cells * sizeof *c->rate);
    c->flow_converged = true;
    for (int iter = 0;; iter++) {
        compute_admit(c);
        memset(c->next, 0, cells * sizeof *c->next);
        for (int t = 0; t < nt; t++)
            if (c->client_of[t] >= 0) c->next[(size_t)t * nn + c->client_of[t]] += c->x[t];
        for (int e = 0; e < ne; e++) {
            int a = c->from[e], b = c->to[e];
            if (a < 0 || b < 0) continue;
            for (int t = 0; t < nt; t++) {
                double g = c->gain[(size_t)e * nt + t];
                if (g > 0)
                    c->next[(size_t)t * nn + b] += c->rate[(size_t)t * nn + a] * c->admit[a] * g;
            }
        }
        double change = 0, biggest = 0;
        for (size_t i = 0; i < cells; i++) {
            double d = fabs(c->next[i] - c->rate[i]);
            if (!(d <= change)) change = d; /* also catches NaN */
            if (!(c->next[i] <= biggest)) biggest = c->next[i];
        }
        double *swap = c->rate;
        c->rate = c->next;
        c->next = swap;
        if (change <= FLOW_TOL * (biggest > 1 ? biggest : 1)) break;
        if (!(biggest < FLOW_DIVERGED) || iter >= FLOW_MAX_ITER) {
            /* A cycle with gain >= 1 (or so close to 1 that it has not settled): the
             * rates that grew since the older snapshot (32 to 64 rounds ago, so that
             * cycles whose cells change on alternate rounds are caught) are unbounded.
             * FLOW_DIVERGED stands for them (finite, so that products with zero stay
             * zero) and overloads any node. */
            c->flow_converged = false;
            const double *old = iter < 32 ? c->next : iter % 64 >= 32 ? c->snap[0] : c->snap[1];
            for (size_t i = 0; i < cells; i++)
                if (!(c->rate[i] <= old[i] * (1 + 1e-9) + 1e-9) ||
                    !(c->rate[i] < FLOW_DIVERGED))
                    c->rate[i] = FLOW_DIVERGED;
            break;
        }
        if (iter % 32 == 0) memcpy(c->snap[iter % 64 ? 1 : 0], c->rate, cells * sizeof *c->rate);
    }
    compute_admit(c);
}

static void visit(Ctx *c, int n);

/* Latency of type t at node n as seen by a caller; 0 for a node on the current path.
 * `own`: with the queueing waits of over-capacity nodes taken as 0. */
static double child_latency(Ctx *c, int n, int t, bool own)
{
    if (c->state[n] == 0) visit(c, n);
    if (c->state[n] == 1) return 0;
    return (own ? c->lat_own : c->lat)[(size_t)t * c->n_nodes + n];
}

/* One call along edge e: both one-way latencies, transmission, the target's latency. */
static double hop_ms(Ctx *c, int e, int t, bool own)
{
    const Edge *ed = &c->m->edges[e];
    double ms = 2 * nonneg(ed->latency_ms);
    if (ed->bandwidth_mbps > 0)
        ms += (nonneg(ed->request_kb) + nonneg(ed->response_kb)) * 8 / ed->bandwidth_mbps;
    return ms + child_latency(c, c->to[e], t, own);
}

/* Sync downstream time (ms) of type t at node n (`own`: see child_latency). */
static double downstream_ms(Ctx *c, int n, int t, bool own)
{
    const Model *m = c->m;
    const Node *node = &m->nodes[n];
    const RequestType *rt = &m->scenario.requests[t];
    if (node->kind == NODE_QUEUE) return 0; /* acks the producer after its own service */
    if (is_cache(node->kind) && rt->op == OP_WRITE) return 0;
    if (node->kind == NODE_LOAD_BALANCER) {
        /* One target per request, each equally likely in expectation. */
        double sum = 0;
        int k = 0;
        for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
            int e = c->out_edges[i];
            if (!edge_carries(&m->edges[e], rt->name)) continue;
            k++;
            if (m->edges[e].mode == EDGE_SYNC) sum += hop_ms(c, e, t, own);
        }
        return k ? sum / k : 0;
    }
    double total = 0;
    for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
        int e = c->out_edges[i];
        const Edge *ed = &m->edges[e];
        if (ed->mode != EDGE_SYNC || !edge_carries(ed, rt->name)) continue;
        double calls = unit(ed->probability) * nonneg(dist_mean(&ed->fanout));
        if (calls <= 0) continue;
        double hop = hop_ms(c, e, t, own);
        if (node->calls == CALLS_PARALLEL) {
            /* Fork-join approximated by the slowest edge's mean call, scaled down by the
             * probability that the edge is taken at all; fan-out copies of one edge are
             * taken to finish together. The true mean of a maximum is larger. */
            double v = (calls < 1 ? calls : 1) * hop;
            if (!(v <= total)) total = v;
        } else {
            total += calls * hop;
        }
    }
    if (is_cache(node->kind)) total *= 1 - unit(node->hit_ratio);
    return total;
}

/* Waits of a database: per station class (hot shard 0 / any other shard) x (primary /
 * replica), for slots held hold[t] ms. Fills wait[t] and the estimate's servers and
 * stations; returns the utilisation of the busiest station. */
static double database_waits(Ctx *c, int n, const double *hold, double *wait, NodeEstimate *est)
{
    const Node *node = &c->m->nodes[n];
    int nn = c->n_nodes, nt = c->n_types;
    int shards = node->shards > 0 ? node->shards : 1;
    int replicas = node->read_replicas > 0 ? node->read_replicas : 0;
    long pool = node->pool > 0 ? node->pool : 0;
    double hot = unit(node->hot_shard);
    double w[2]; /* share of traffic of shard 0 and of each other shard */
    w[0] = hot > 1.0 / shards ? hot : 1.0 / shards;
    w[1] = shards > 1 ? (1 - w[0]) / (shards - 1) : 0;
    double st_wait[2][2], st_rho[2][2];
    double busiest = 0;
    for (int s = 0; s < 2; s++) {
        for (int role = 0; role < 2; role++) { /* 0 primary, 1 replica */
            double lam = 0, a = 0;
            for (int t = 0; t < nt; t++) {
                double l = c->rate[(size_t)t * nn + n] * c->admit[n] * w[s];
                if (!(l > 0)) continue;
                bool read = c->m->scenario.requests[t].op == OP_READ;
                int to_role = read && replicas > 0 ? 1 : 0;
                if (to_role != role) continue;
                if (role == 1) l /= replicas;
                lam += l;
                a += l * hold[t] / 1000;
            }
            st_rho[s][role] = lam > 0 ? (pool > 0 ? a / (double)pool : INFINITY) : 0;
            st_wait[s][role] = station_wait(pool, lam, a, lam > 0 ? a * 1000 / lam : 0);
            if (!(st_rho[s][role] <= busiest)) busiest = st_rho[s][role];
        }
    }
    for (int t = 0; t < nt; t++) {
        bool read = c->m->scenario.requests[t].op == OP_READ;
        int role = read && replicas > 0 ? 1 : 0;
        double wt = 0;
        if (w[0] > 0) wt += w[0] * st_wait[0][role];
        if (w[1] > 0) wt += (shards - 1) * w[1] * st_wait[1][role];
        wait[t] = wt;
    }
    est->servers = (double)pool;
    est->stations = shards * (1 + replicas);
    return busiest;
}

/* Utilisation of node n's slots and the wait of each type when slots are held hold[t]
 * ms (admitted rates from c). */
static double station_figures(Ctx *c, int n, const double *hold, double *wait, NodeEstimate *est)
{
    const Node *node = &c->m->nodes[n];
    if (node->kind == NODE_DATABASE) return database_waits(c, n, hold, wait, est);
    int nn = c->n_nodes, nt = c->n_types;
    double lam = 0, a = 0;
    for (int t = 0; t < nt; t++) {
        double l = c->rate[(size_t)t * nn + n] * c->admit[n];
        if (l > 0) {
            lam += l;
            a += l * hold[t] / 1000;
        }
    }
    long servers = (long)(node->instances > 0 ? node->instances : 0) * (node->workers > 0 ? node->workers : 0);
    est->servers = (double)servers;
    double w = station_wait(servers, lam, a, lam > 0 ? a * 1000 / lam : 0);
    for (int t = 0; t < nt; t++) wait[t] = w;
    return lam > 0 ? (servers > 0 ? a / (double)servers : INFINITY) : 0;
}

/* The over-capacity node (its own slots or in-flight limit cannot keep up) that node n
 * waits on through synchronous calls that carry traffic, directly or further down: the
 * nearest (fewest calls away; the most utilised of those), -1 when there is none. Every
 * node below n is visited already. */
static int culprit_below(Ctx *c, int n)
{
    int nn = c->n_nodes, nt = c->n_types, head = 0, tail = 0, best = -1;
    int *queue = c->reach;
    unsigned char *seen = xcalloc((size_t)nn + 1, 1);
    queue[tail++] = n;
    seen[n] = 1;
    while (head < tail && best < 0) {
        int level_end = tail; /* breadth first, one level of calls at a time */
        for (; head < level_end; head++) {
            int i = queue[head];
            for (int k = c->out_start[i]; k < c->out_start[i + 1]; k++) {
                int e = c->out_edges[k], j = c->to[e];
                if (c->m->edges[e].mode != EDGE_SYNC || seen[j] || c->state[j] != 2 ||
                    c->m->nodes[i].kind == NODE_QUEUE) /* a queue never waits on its consumers */
                    continue;
                bool carries = false;
                for (int t = 0; t < nt && !carries; t++)
                    carries = c->gain[(size_t)e * nt + t] > 0 && c->rate[(size_t)t * nn + i] > 0;
                if (!carries) continue;
                seen[j] = 1;
                queue[tail++] = j;
                const NodeEstimate *x = &c->est[j];
                if (x->over_capacity && (best < 0 || !(x->utilisation <= c->est[best].utilisation))) best = j;
            }
        }
    }
    free(seen);
    return best;
}

/* Step 2 for one node: downstream, holding, waits and latency of every type, twice:
 * as they are, and with the queueing waits of over-capacity nodes below taken as 0,
 * which tells a node that cannot keep up on its own from one that is only backed up. */
static void visit(Ctx *c, int n)
{
    const Node *node = &c->m->nodes[n];
    int nn = c->n_nodes, nt = c->n_types;
    c->state[n] = 1;
    for (int t = 0; t < nt; t++) {
        c->down[(size_t)t * nn + n] = downstream_ms(c, n, t, false);
        c->down_own[(size_t)t * nn + n] = downstream_ms(c, n, t, true);
    }

    NodeEstimate *est = &c->est[n];
    memset(est, 0, sizeof *est);
    est->backed_up_by = -1;
    double service = nonneg(dist_mean(&node->service_ms));
    double *hold = xmalloc(((size_t)nt + 1) * sizeof *hold);
    double *hold_own = xmalloc(((size_t)nt + 1) * sizeof *hold_own);
    double *wait = xcalloc((size_t)nt + 1, sizeof *wait);
    double *wait_own = xcalloc((size_t)nt + 1, sizeof *wait_own);
    double lam = 0, a = 0, down_sum = 0, down_own_sum = 0;
    for (int t = 0; t < nt; t++) {
        double d = c->down[(size_t)t * nn + n], d_own = c->down_own[(size_t)t * nn + n];
        hold[t] = service + (node->io == IO_BLOCKING ? d : 0);
        hold_own[t] = service + (node->io == IO_BLOCKING ? d_own : 0);
        double l = c->rate[(size_t)t * nn + n];
        est->arrival_rps += l;
        l *= c->admit[n];
        if (l > 0) {
            lam += l;
            a += l * hold[t] / 1000;
            down_sum += l * d;
            down_own_sum += l * d_own;
        }
    }
    est->admitted_rps = lam;
    est->rejected_rps = est->arrival_rps - lam;
    est->stations = 1;
    est->holding_ms = lam > 0 ? a * 1000 / lam : service;
    bool full = false, own_full = false;
    if (node->kind == NODE_CLIENT) {
        /* The traffic source: no slots of its own; its latency is the end-to-end time. */
        est->holding_ms = 0;
        for (int t = 0; t < nt; t++) {
            c->lat[(size_t)t * nn + n] = c->down[(size_t)t * nn + n];
            c->lat_own[(size_t)t * nn + n] = c->down_own[(size_t)t * nn + n];
        }
    } else {
        est->utilisation = station_figures(c, n, hold, wait, est);
        double own_util = station_figures(c, n, hold_own, wait_own, est);
        double inflight_own = 0;
        if (node->io == IO_ASYNC) {
            est->inflight = lam > 0 ? lam * (service + down_sum / lam) / 1000 : 0;
            inflight_own = lam > 0 ? lam * (service + down_own_sum / lam) / 1000 : 0;
            est->inflight_limit = (double)(node->max_inflight > 0 ? node->max_inflight : 0) *
                                  (node->instances > 0 ? node->instances : 0);
        }
        full = !(est->utilisation < 1) || (node->io == IO_ASYNC && est->inflight > est->inflight_limit);
        own_full = !(own_util < 1) || (node->io == IO_ASYNC && inflight_own > est->inflight_limit);
        for (int t = 0; t < nt; t++) {
            c->lat[(size_t)t * nn + n] = wait[t] + service + c->down[(size_t)t * nn + n];
            /* an over-capacity node's own queue is its callers' culprit, not their load */
            double w = own_full || !isfinite(wait_own[t]) ? 0 : wait_own[t];
            c->lat_own[(size_t)t * nn + n] = w + service + c->down_own[(size_t)t * nn + n];
        }
    }
    /* Rate-weighted means over the types that reach the node. */
    double wsum = 0, lsum = 0;
    for (int t = 0; t < nt; t++) {
        double l = c->rate[(size_t)t * nn + n] * c->admit[n];
        if (l > 0) {
            wsum += l * wait[t];
            lsum += l * c->lat[(size_t)t * nn + n];
        }
    }
    est->wait_ms = lam > 0 ? wsum / lam : 0;
    est->latency_ms = lam > 0 ? lsum / lam : (node->kind == NODE_CLIENT ? 0 : service);
    if (node->kind != NODE_CLIENT) {
        est->over_capacity = own_full;
        if (full && !own_full) {
            est->backed_up_by = culprit_below(c, n);
            if (est->backed_up_by < 0) est->over_capacity = true; /* nothing below to blame */
            else if (!(est->utilisation <= 1)) est->utilisation = 1; /* every slot held waiting */
        }
        est->near_capacity = !(est->utilisation < ANALYTIC_NEAR_CAPACITY);
    }
    free(hold);
    free(hold_own);
    free(wait);
    free(wait_own);
    c->state[n] = 2;
}

/* Steps 1 and 2 for the current injected rates. */
static void evaluate(Ctx *c)
{
    solve_flow(c);
    memset(c->state, 0, (size_t)c->n_nodes);
    for (int n = 0; n < c->n_nodes; n++)
        if (c->state[n] == 0) visit(c, n);
}

static double end_to_end_ms(const Ctx *c, int t)
{
    int n = c->client_of[t];
    return n >= 0 ? c->lat[(size_t)t * c->n_nodes + n] : 0;
}

static bool is_closed(const RequestType *rt) { return rt->users > 0 && !(rt->rate_rps > 0); }

/* Step 3 for one closed-loop type: the root of X (Z + R(X)) = N, others held fixed. */
static double solve_closed(Ctx *c, int t)
{
    const RequestType *rt = &c->m->scenario.requests[t];
    double users = rt->users, think = nonneg(dist_mean(&rt->think_ms));
    c->x[t] = 0;
    evaluate(c);
    double r0 = end_to_end_ms(c, t);
    if (!isfinite(r0)) return 0; /* overloaded even without this type */
    double lo = 0, hi = think + r0 > 1e-9 ? users * 1000 / (think + r0) : users * 1e12;
    for (int i = 0; i < BISECT_MAX_ITER && hi - lo > 1e-12 * hi; i++) {
        double mid = lo + (hi - lo) / 2;
        c->x[t] = mid;
        evaluate(c);
        double r = end_to_end_ms(c, t);
        if (!(mid * (think + r) / 1000 <= users)) hi = mid; /* also R infinite */
        else lo = mid;
    }
    return lo;
}

bool analytic_estimate(const Model *m, Estimate *out)
{
    Ctx c;
    setup(&c, m);
    int nt = c.n_types;
    bool any_closed = false, closed_converged = true;
    for (int t = 0; t < nt; t++) {
        const RequestType *rt = &m->scenario.requests[t];
        if (is_closed(rt)) any_closed = true;
        else c.x[t] = nonneg(rt->rate_rps);
    }
    if (any_closed) {
        closed_converged = false;
        for (int pass = 0; pass < CLOSED_MAX_PASSES && !closed_converged; pass++) {
            double change = 0;
            for (int t = 0; t < nt; t++) {
                if (!is_closed(&m->scenario.requests[t])) continue;
                double before = c.x[t];
                c.x[t] = solve_closed(&c, t);
                double d = fabs(c.x[t] - before) / (c.x[t] > 1e-9 ? c.x[t] : 1e-9);
                if (d > change) change = d;
            }
            closed_converged = change < 1e-6;
        }
    }
    evaluate(&c);

    memset(out, 0, sizeof *out);
    out->n_nodes = c.n_nodes;
    out->nodes = xcalloc((size_t)c.n_nodes + 1, sizeof *out->nodes);
    memcpy(out->nodes, c.est, (size_t)c.n_nodes * sizeof *out->nodes);
    out->n_edges = c.n_edges;
    out->edge_rps = xcalloc((size_t)c.n_edges + 1, sizeof *out->edge_rps);
    out->edge_type_rps = xcalloc((size_t)nt * c.n_edges + 1, sizeof *out->edge_type_rps);
    for (int e = 0; e < c.n_edges; e++) {
        int a = c.from[e];
        if (a < 0 || c.to[e] < 0) continue;
        for (int t = 0; t < nt; t++) {
            double v = c.rate[(size_t)t * c.n_nodes + a] * c.admit[a] * c.gain[(size_t)e * nt + t];
            out->edge_type_rps[(size_t)t * c.n_edges + e] = v;
            out->edge_rps[e] += v;
        }
    }
    out->n_requests = nt;
    out->request_rate_rps = xcalloc((size_t)nt + 1, sizeof *out->request_rate_rps);
    out->request_latency_ms = xcalloc((size_t)nt + 1, sizeof *out->request_latency_ms);
    for (int t = 0; t < nt; t++) {
        out->request_rate_rps[t] = c.client_of[t] >= 0 ? c.x[t] : 0;
        out->request_latency_ms[t] = end_to_end_ms(&c, t);
    }
    out->type_rps = xcalloc((size_t)nt * c.n_nodes + 1, sizeof *out->type_rps);
    memcpy(out->type_rps, c.rate, (size_t)nt * c.n_nodes * sizeof *out->type_rps);
    out->converged = c.flow_converged && closed_converged;
    teardown(&c);
    return out->converged;
}

void estimate_free(Estimate *e)
{
    if (!e) return;
    free(e->nodes);
    free(e->edge_rps);
    free(e->request_rate_rps);
    free(e->request_latency_ms);
    free(e->type_rps);
    free(e->edge_type_rps);
    memset(e, 0, sizeof *e);
}
