/*
 * analytic.c - the capacity estimate of analytic.h: flow equations, then G/G/c (M/M/c's
 * Erlang C wait scaled by the spreads of the arrivals and the holding times, holding_factor).
 *
 * Three steps, each cheap enough for every keystroke, none recursive (a chain of
 * 30,000 services is as safe as one of three):
 *  1. Flow: the rate of each request type at each node solves
 *       rate = injected + sum over edges of (admitted rate at the source) x gain,
 *     where the gain of an edge for a type follows the source's kind (load balancer:
 *     1 / matching targets; cache and cdn: (1 - hit_ratio) x probability x mean fanout
 *     for reads, 0 for writes; anything else, queues included: probability x mean
 *     fanout). The strongly connected components of the edges that carry traffic are
 *     solved in topological order: a node on no cycle once, from its final inputs
 *     (exact, however deep the graph); a cycle by Gauss-Seidel sweeps over its nodes
 *     until it settles (geometric when damped, capped otherwise: an amplifying cycle).
 *  2. Latency: nodes in the post-order of a depth-first walk along the sync calls
 *     (computed once per model), so that every callee comes before its callers: for
 *     each node and type the sync downstream time, then the slot holding time
 *     (service, plus downstream when io = blocking), the Erlang C wait of the node's
 *     stations and the latency wait + service + downstream. A blocking node's threads hold
 *     only part of what waits below it: the rest waits in its own queue instead
 *     (threads_overflow), at the same latency. A callee still on the
 *     walk's path (a sync cycle: validation rejects them; the estimate must still end)
 *     counts as 0. The over-capacity node a node waits on is carried up the same order.
 *  3. Closed loop: the throughput X of a type with users N and think time Z solves
 *     X = N / (Z + R(X)). R grows with X, so X (Z + R(X)) - N is increasing and the
 *     root is found by bisection, which unlike the plain iteration X <- N / (Z + R)
 *     cannot oscillate when R is steep near saturation. With several closed types the
 *     bisections are repeated in turn until the rates settle (capped).
 * Times are in ms, rates in requests per second.
 */
#include "sim/analytic.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cache_theory.h"
#include "sim/dist.h"
#include "sim/numfmt.h"
#include "sim/tr.h"
#include "sim/replicate.h"
#include "sim/util.h"
#include "scc.h"

#define FLOW_MAX_ITER 2000
#define FLOW_TOL 1e-10      /* relative change that ends the flow iteration */
#define FLOW_DIVERGED 1e15  /* a rate past this means an amplifying cycle */
#define CLOSED_MAX_PASSES 30
#define BISECT_MAX_ITER 200

#define TAIL_MAX 8 /* parts of a node's wait tail */

typedef struct Ctx {
    const Model *m;
    int n_nodes, n_types, n_edges;
    int *from, *to;       /* [n_edges]: node index, -1 when unknown */
    double *calls, *items; /* [n_edges]: edge_mean_calls and edge_mean_items, once ... */
    double *calls_var;    /* ... the variance of the calls a visit makes (chance and fan-out) ... */
    bool *bursts;         /* ... and edge_bursts */
    int *out_start;       /* [n_nodes + 1]: CSR index into out_edges */
    int *out_edges;       /* outgoing edge indices grouped by source */
    int *in_start;        /* [n_nodes + 1]: CSR index into in_edges */
    int *in_edges;        /* incoming edge indices grouped by target, in edge order */
    double *gain;         /* [n_edges * n_types]: flow multiplier, 0 = not carried */
    int *client_of;       /* [n_types]: originating node, -1 = none */
    double *x;            /* [n_types]: injected rate */
    double *rate;         /* [n_types * n_nodes]: offered rate of type t at node n */
    double *acc;          /* [n_types]: scratch for one node's new rates */
    bool *fed_unbounded;  /* [n_types]: scratch: an input of the node is unbounded */
    double *snap[2];      /* [n_types * n_nodes]: a cycle's rates 0-63 sweeps back */
    int *flow_order;      /* [n_nodes]: nodes by component, components in topological order */
    int *comp_start;      /* [n_comps + 1]: each component's range of flow_order */
    bool *comp_cyclic;    /* [n_comps]: holds a cycle (to iterate on) */
    int n_comps;
    int *post;            /* [n_nodes]: the latency walk's post-order (callees first) */
    int *fin;             /* [n_nodes]: position of each node in post */
    double *admit;        /* [n_nodes]: admitted fraction (rate limit) */
    double *serve;        /* [n_nodes]: the share of the admitted rate its slots serve and
                             pass on (1 unless it is over capacity: see settle_capacity) */
    double *need;         /* [n_nodes]: an over-capacity node's own work in slots (or in
                             in-flight limits) per slot at its admitted rate; 0 otherwise */
    double *serve_lo, *serve_hi; /* [n_nodes]: settle_capacity's bracket of serve ... */
    double *gap_lo, *gap_hi;     /* ... and serve x need - 1 at its ends */
    signed char *side;           /* [n_nodes]: the end moved last (-1 lo, +1 hi, 0 none) */
    int *inst;            /* [n_nodes]: an autoscaled node's settled instances, 0 = not yet */
    double *down;         /* [n_types * n_nodes]: sync downstream ms */
    double *lat;          /* [n_types * n_nodes]: latency ms (client: end to end) */
    double *down_own;     /* [n_types * n_nodes]: the same with over-capacity nodes' */
    double *lat_own;      /* queueing waits taken as 0: what a node's own work needs */
    double *lat_bare;     /* [n_types * n_nodes]: the same with every queueing wait at and
                             below the node taken as 0: service and wires alone */
    double *lat_kept;     /* [n_types * n_nodes]: latency of the requests that are kept
                             (over-capacity nodes' waits their full queues') */
    double *share;        /* [n_types * n_nodes]: share of type t's admitted requests at n
                             its slots serve: serve[n], or a database's by its stations */
    double *ok;           /* [n_types * n_nodes]: share of type t's arrivals at n answered
                             without an error: not turned away there or by a sync call */
    int *near;            /* [n_nodes]: the nearest over-capacity node a node waits on
                             through sync calls that carry traffic (-1: none) ... */
    int *near_dist;       /* ... and how many calls away it is */
    double *hold, *hold_own, *hold_bare, *wait, *wait_own, *wait_kept; /* [n_types]: scratch for one node */
    double *pw;           /* [n_nodes]: the chance that a request waits for a slot at the node or
                             below it through sync calls (the largest Erlang C of those
                             stations) ... */
    int *pw_at;           /* ... and the node whose station that is ... */
    int *spill;           /* ... and the node whose queue holds the outermost part of what
                             waits there: itself when its threads overflow, else its
                             callee's on that path (a chain of blocking nodes queues the
                             tail at the highest one short of threads) */
    double overflow;      /* of the node in hand (station_figures): a blocking node's requests
                             waiting in its own queue because its threads are all held by
                             requests queued below (mean, requests) ... */
    double overflow_ms;   /* ... and the wait that gives every request there (ms): those of
                             the types that wait below leave it at their own rate, and the
                             others wait behind them ... */
    double blocked_rps;   /* ... the rate of those others, and ... */
    double held_all;      /* ... the chance that every thread is held (overflow / what waits
                             below): at 1% or more it cuts the tail of the queue below short */
    double *scv;          /* [n_nodes]: each node's service time's squared coefficient of
                             variation (dist_scv, once) ... */
    double *own_ms;       /* ... and its mean, as drawn (dist_drawn_mean: a cap lowers it) */
    double *ca2;          /* [n_nodes]: the squared coefficient of variation of the gaps between
                             arrivals at each node (1: Poisson; arrival_scv) ... */
    double *cd2;          /* ... and between its departures, at out_rps a second */
    double *out_rps;
    double p_station;     /* of the node in hand: the chance that a request waits for one of
                             its slots (Erlang C; 1 saturated) */
    /* of the node in hand (station_figures, its waits as they are): the wait's tail as a
     * mix of exponentials, P(W > t) = sum of tail_p[k] exp(-t / tail_m[k]) weighted by
     * tail_w[k] (a station's share of its arrivals; its chance of waiting, its mean wait
     * when waiting, ms); tail_none: no such figure (saturated, a full queue, partitions) */
    double tail_w[TAIL_MAX], tail_p[TAIL_MAX], tail_m[TAIL_MAX], tail_total; /* tail_w over tail_total: shares */
    /* a part that waits within a burst (tail_burst): its fan-out's copies past the slots
     * (tail_slots) of the node, each hold tail_hold ms; NULL for the exponential parts */
    const Dist *tail_burst[TAIL_MAX];
    double tail_slots[TAIL_MAX], tail_hold[TAIL_MAX], tail_copies[TAIL_MAX]; /* ... and E[K] */
    int n_tail;
    bool tail_none;
    double pw_below;      /* of the node in hand: the largest pw of its sync callees ... */
    int pw_below_at;      /* ... and its pw_at (-1: none) ... */
    int spill_below;      /* ... and its spill (-1: none) */
    double *extra;     /* [n_types]: scratch: batched items' service per arrival, ms */
    double *burst;     /* [n_types]: scratch: the wait within a burst per arrival, ms */
    double *pull;      /* [n_types]: scratch: a consumer's slot waiting for a pulled message, ms */
    double *dvar;      /* [n_types]: scratch: the variance of each type's downstream time */
    double below_var;  /* of the node in hand: the variance of what its slots hold below (its
                          sync downstream time, blocking io; over its types) */
    double *burst_at;  /* [n_types * n_nodes]: the same at each node (its waits as they are) */
    double *burst_last; /* [n_edges]: a visit's last copy's wait within its burst, ms (a
                           parallel caller waits for it) ... */
    double *burst_h;   /* ... and E[H(min(K, slots))], H the harmonic number: the last of the
                          copies that run at once ends about (H - 1) standard deviations
                          past their mean (fanout_harmonic) ... */
    double *burst_h2;  /* ... and E[H2(min(K, slots))], H2(k) = 1 + 1/4 + ... + 1/k^2: the
                          variance of that last one, in variances of a copy */
    double *var_free;  /* [n_types * n_nodes]: the variance (ms^2) of type t's latency at
                          node n past its wait for a slot (its service and downstream
                          time): what the copies of a burst vary by apart ... */
    double *var_queue; /* ... and of its wait for the slots before a burst's copies wait
                          for one another: what they share */
    double *join_extra; /* [n_types * n_nodes]: a parallel caller's wait for the slowest of
                           its calls past the slowest mean (join_figures) ... */
    double *join_var;  /* ... and the variance of that wait */
    double callers_most;  /* of the node in hand: most[n] */
    double *most;         /* [n_nodes]: the most requests a node's callers can have at it at
                             once (callers_hold), -1 when only queues feed it ... */
    int *holder;          /* ... and the caller whose threads or in-flight limit bound that,
                             through async callers that pass their own callers' bound on: its
                             queue fills when the node cannot keep up (-1: none, several) */
    double *room;         /* [n_nodes]: the most requests a node can hold at once: its full
                             queues (the mean of those not full), its slots, and for async
                             io what its sync callees and their wires hold, up to its
                             in-flight limit (node_figures, in_progress_room) */
    double queued;        /* of the node in hand: its queue(s) as they are (station_figures) */
    double *relay;        /* [n_nodes]: a holder's share of its requests that the bounded
                             over-capacity nodes below it can take (1: all) */
    int *relayed_by;      /* [n_nodes]: a node between such a node and its holder whose own
                             callers hold fewer requests than its queue_max (so its queue
                             never fills, and the holder's does): that holder (-1: none) */
    /* The carried flow (carried_flow): what the nodes that keep up get when a node above
     * them turns requests away because its queue is full behind a node below it */
    bool carried;         /* the flow in c->rate is the carried one: passed() reads cpass */
    double *out_cap;      /* [n_nodes]: what the offered flow found a node passes on, a second ... */
    double *cpass;        /* ... and the share of its admitted rate that is, at the carried rate */
    bool *fixed;          /* [n_nodes]: its figures are the offered flow's (over capacity,
                             backed up, or its queue full): not walked again */
    double *rate_off;     /* [n_types * n_nodes]: the offered flow's rates */
    NodeEstimate *est;    /* [n_nodes] */
    bool flow_converged;
    double *hit;          /* [n_types * n_nodes]: caches: share of type t's reads at n
                             answered there (hit_ratio, or the key model's estimate) */
    bool key_caches;      /* some cache uses the key model ... */
    bool key_hits_done;   /* ... and its hits were estimated from the solved flow */
} Ctx;

static double nonneg(double v) { return isfinite(v) && v > 0 ? v : 0; }


static double unit(double v) { return v > 1 ? 1 : nonneg(v); }

/* Offered load from which Erlang B is computed from the Poisson distribution rather
 * than by the recursion, which takes about `a` steps (a node of 10^11 slots at 90%
 * would take minutes). */
#define ERLANG_LARGE 1e5

/* Erlang B for c servers and offered load a (a > ERLANG_LARGE, a < c): B = P(X = c) /
 * P(X <= c) for X Poisson(a), with P(X <= c) = Q(c + 1, a), the regularized upper
 * incomplete gamma function: its series (a < c + 1, where P(c + 1, a) <= ~1/2) or its
 * continued fraction (Lentz), as in Numerical Recipes' gammq. Both take O(sqrt(a))
 * steps. Relative error about 1e-16 x c log c from the logarithms: 1e-9 at c = 10^5,
 * 1e-4 at 10^11. */
static double erlang_b_large(long c, double a)
{
    double s = (double)c + 1;
    if (a < s) {
        /* P(s, a) = P(X = c) a / s x sum of a^n / ((s + 1) ... (s + n)) */
        double sum = 1, term = 1;
        for (double n = 1; n < 1e9; n++) {
            term *= a / (s + n);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        double pmf = exp((double)c * log(a) - a - lgamma(s));
        return pmf / (1 - pmf * a / s * sum);
    }
    /* Q(s, a) = e^-a a^s / Gamma(s) x h, so B = 1 / (a h) exactly. */
    const double tiny = 1e-300;
    double b = a + 1 - s, cf = 1 / tiny, d = 1 / b, h = d;
    for (double i = 1; i < 1e9; i++) {
        double an = -i * (i - s);
        b += 2;
        d = an * d + b;
        if (fabs(d) < tiny) d = tiny;
        cf = b + an / cf;
        if (fabs(cf) < tiny) cf = tiny;
        d = 1 / d;
        double del = d * cf;
        h *= del;
        if (fabs(del - 1) < 1e-16) break;
    }
    return 1 / (a * h);
}

/* log(1e-302): 2 P(X = c) below it keeps B(c) under the recursion's 1e-300. */
#define LOG_B_NEGLIGIBLE (-695.4)

double erlang_c(long c, double a)
{
    if (!(a > 0)) return 0;
    if (c <= 0 || !(a < (double)c)) return 1;
    double b = 1;
    if (a > ERLANG_LARGE) {
        b = erlang_b_large(c, a);
        if (!(b >= 0 && b <= 1)) b = b > 1 ? 1 : 0;
    } else {
        /* Past a by far no chance of waiting: B(c) = P(X = c) / P(X <= c) for X Poisson(a),
         * at most 2 P(X = c) for c >= a + 1 (past its median), and log P(X = c) at most
         * c log a - a - (c log c - c + log(2 pi c) / 2) (Stirling's lower bound of log c!).
         * Where that is below the recursion's floor the recursion ends at 0 too, after
         * about c steps (a node of 400 slots at 2% took 240 divisions). */
        double x = (double)c;
        if (x >= a + 1 && x * (log(a / x) + 1) - a - 0.5 * log(6.283185307179586 * x) < LOG_B_NEGLIGIBLE) return 0;
        /* Erlang B by B(k) = a B(k-1) / (k + a B(k-1)): every term stays in (0, 1]. */
        for (long k = 1; k <= c; k++) {
            b = a * b / ((double)k + a * b);
            if (b < 1e-300) return 0; /* past a by far: no chance of waiting */
        }
    }
    return (double)c * b / ((double)c - a * (1 - b));
}

/* The factor by which a station's wait departs from M/M/c's when its arrivals are not
 * Poisson or its holding times not exponential: (ca2 + scv) / 2 (Allen and Cunneen; for
 * Poisson arrivals on one slot exact, the Pollaczek-Khinchine formula), ca2 the squared
 * coefficient of variation of the gaps between arrivals (arrival_scv), scv that of the
 * holding time: of the node's own service (`own_ms` of it, dist_scv) plus what it waits
 * on below (the rest of hold_ms, of variance var_below, ms^2: the downstream time's as
 * carried through the design; negative: taken as exponential). 1 for Poisson arrivals
 * and exponential service; 1/2 for constant service or constant arrivals; the holding's
 * part 1 where its variance is infinite (a Pareto tail of alpha <= 2, whose mean wait has
 * no steady value). */
static double holding_factor(double ca2, double scv_own, double own_ms, double hold_ms, double var_below)
{
    if (!isfinite(ca2) || ca2 < 0) ca2 = 1;
    if (!isfinite(scv_own) || !(hold_ms > 0)) return (ca2 + 1) / 2;
    double own = own_ms < hold_ms ? nonneg(own_ms) : hold_ms, below = hold_ms - own;
    double vb = var_below >= 0 && isfinite(var_below) ? var_below : below * below;
    double scv = (scv_own * own * own + (below > 0 ? vb : 0)) / (hold_ms * hold_ms);
    return (ca2 + (isfinite(scv) ? scv : 1)) / 2;
}

/* The gaps' variability of a random share p of a stream whose is ca2. */
static double split_scv(double ca2, double p) { return p > 0 && p < 1 ? p * ca2 + 1 - p : ca2; }

/* Mean queueing wait (ms) of an M/G/c station: rate_rps arrivals, offered load a
 * erlangs, mean holding hold_ms, its wait `factor` times M/M/c's (holding_factor); its
 * queue holds at most queue_max, so the wait is at most the time that many take to leave
 * it, queue_max / rate (Little's law on a full queue): near saturation Erlang C's
 * unbounded queue would wait longer than a queue of queue_max ever lets a request wait.
 * INFINITY at or past saturation (over capacity). *p_wait (unless NULL): the chance of
 * waiting, Erlang C (0 without load, 1 saturated). Arrivals in bursts take `burst` slots
 * at once on average (1: one by one; burst_wait): they find every slot taken as a
 * station of c / burst slots at the same load would, Erlang C there (between the whole
 * counts around it, linearly), so a burst as large as the slots waits as on one fast
 * slot; then its copies wait for one another (burst_wait). */
static double station_wait(long c, double rate_rps, double a, double hold_ms, double factor, double burst,
                           int queue_max, bool *full, double *p_wait)
{
    if (p_wait) *p_wait = 0;
    if (!(rate_rps > 0) || !(a > 0)) return 0;
    if (p_wait) *p_wait = 1;
    if (c <= 0 || !(a < (double)c)) return INFINITY;
    double pc;
    if (burst > 1 && isfinite(burst)) {
        double ce = (double)c / burst, rho = a / (double)c, lo = floor(ce), f = ce - lo;
        if (lo < 1) lo = 1, f = 0;
        pc = (1 - f) * erlang_c((long)lo, rho * lo) + (f > 0 ? f * erlang_c((long)lo + 1, rho * (lo + 1)) : 0);
    } else {
        pc = erlang_c(c, a);
    }
    if (p_wait) *p_wait = pc;
    double w = pc * hold_ms / ((double)c - a) * factor;
    double drain = (double)(queue_max > 0 ? queue_max : 0) * 1000 / rate_rps;
    if (!(w > drain)) return w;
    *full = true;
    return drain;
}


/* A write at cache `node` calls its store synchronously (write_through, write_around). */
static bool write_calls_store(const Node *node)
{
    return node->write_policy == WRITE_THROUGH || node->write_policy == WRITE_AROUND;
}

/* Flow gain of a call along a cache's edge for type t: reads on a miss; writes by the
 * write policy (write_back: one store write per flush_batch writes, an upper bound as
 * keys written twice before a flush are written once). */
static double cache_gain(const Ctx *c, int n, int t, double per_call)
{
    const Node *node = &c->m->nodes[n];
    if (c->m->scenario.requests[t].op != OP_WRITE)
        return (1 - c->hit[(size_t)t * c->n_nodes + n]) * per_call;
    if (write_calls_store(node)) return per_call;
    if (node->write_policy == WRITE_BACK)
        return per_call / (node->flush_batch > 0 ? node->flush_batch : 1);
    return 0;
}

/* The key model's hit ratios at every key-model cache from the rates the flow gives it
 * (cache_theory.h: Che's approximation for LRU, the TTL formula), then the gains of its
 * edges. All instances together: keys spread by hash, so n instances of C entries act
 * as one LRU of n x C. */
static void key_hits(Ctx *c)
{
    const Model *m = c->m;
    int nn = c->n_nodes, nt = c->n_types;
    double *rate = xcalloc((size_t)nt + 1, sizeof *rate);
    double *h = xcalloc((size_t)nt + 1, sizeof *h);
    for (int n = 0; n < nn; n++) {
        if (!node_key_model(&m->nodes[n])) continue;
        for (int t = 0; t < nt; t++) rate[t] = c->rate[(size_t)t * nn + n] * c->admit[n];
        cache_node_hits(m, n, rate, h);
        for (int t = 0; t < nt; t++) c->hit[(size_t)t * nn + n] = h[t];
    }
    free(rate);
    free(h);
    for (int n = 0; n < nn; n++) {
        if (!node_key_model(&m->nodes[n])) continue;
        for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
            int e = c->out_edges[i];
            const Edge *ed = &m->edges[e];
            for (int t = 0; t < nt; t++)
                if (edge_carries(ed, m->scenario.requests[t].name))
                    c->gain[(size_t)e * nt + t] = cache_gain(
                        c, n, t, c->calls[e]);
        }
    }
}

/* True when edge e carries traffic of some type (a gain above 0). */
static bool carries_flow(const Ctx *c, int e)
{
    for (int t = 0; t < c->n_types; t++)
        if (c->gain[(size_t)e * c->n_types + t] > 0) return true;
    return false;
}

/* The strongly connected components of the edges that carry traffic (Tarjan's,
 * iteratively), laid out in topological order in flow_order: every edge between two
 * components goes from an earlier to a later one. A component's nodes are in the order
 * the search found them, which puts most of a cycle's edges forward: the order its
 * Gauss-Seidel sweeps take. */
/* The node an out-slot of the flow leads to, -1 for an edge that carries no traffic. */
static int flow_target(const void *ctx, int k)
{
    const Ctx *c = ctx;
    int e = c->out_edges[k];
    return carries_flow(c, e) ? c->to[e] : -1;
}

static void flow_components(Ctx *c)
{
    int nn = c->n_nodes;
    int *comp = xmalloc(((size_t)nn + 1) * sizeof *comp);
    int *found = xmalloc(((size_t)nn + 1) * sizeof *found); /* nodes by index */
    bool *self = xcalloc((size_t)nn + 1, sizeof *self);
    int n_comp = scc_tarjan(nn, c->out_start, flow_target, c, comp, found);
    for (int v = 0; v < nn; v++)
        for (int k = c->out_start[v]; k < c->out_start[v + 1]; k++)
            if (flow_target(c, k) == v) self[v] = true;
    /* Tarjan finishes a component after every component it leads to: reverse them. */
    c->n_comps = n_comp;
    int *size = xcalloc((size_t)n_comp + 1, sizeof *size);
    for (int v = 0; v < nn; v++) size[n_comp - 1 - comp[v]]++;
    c->comp_start[0] = 0;
    for (int k = 0; k < n_comp; k++) c->comp_start[k + 1] = c->comp_start[k] + size[k];
    memset(size, 0, ((size_t)n_comp + 1) * sizeof *size);
    for (int i = 0; i < nn; i++) {
        int v = found[i], k = n_comp - 1 - comp[v];
        c->flow_order[c->comp_start[k] + size[k]++] = v;
        if (size[k] > 1 || self[v]) c->comp_cyclic[k] = true;
    }
    free(size);
    free(comp);
    free(found);
    free(self);
}

/* True when the latency of type t at node n adds the answer of its call along edge e
 * (the rules of downstream_ms below). */
static bool waits_on(const Ctx *c, int n, int e, int t)
{
    const Model *m = c->m;
    const Node *node = &m->nodes[n];
    const RequestType *rt = &m->scenario.requests[t];
    const Edge *ed = &m->edges[e];
    if (node->kind == NODE_QUEUE ||
        (node_kind_caches(node->kind) && rt->op == OP_WRITE && !write_calls_store(node)))
        return false;
    if (ed->mode != EDGE_SYNC || !edge_carries(ed, rt->name)) return false;
    if (node->kind == NODE_LOAD_BALANCER) return true;
    return c->calls[e] > 0;
}

/* The post-order of a depth-first walk from every node in turn along the sync calls a
 * node waits on, for type 0, then type 1, ..., each in edge order: the order in which
 * a recursive walk would finish the nodes. Callees come before their callers; a callee
 * after its caller (fin[callee] > fin[caller]) is one still on the walk's path, which
 * is how a sync cycle is cut. An explicit stack: no depth limit. */
static void latency_order(Ctx *c)
{
    int nn = c->n_nodes, nt = c->n_types, n_post = 0, sp = 0;
    unsigned char *state = xcalloc((size_t)nn + 1, 1); /* 0 new, 1 on the path, 2 done */
    int *stack = xmalloc(((size_t)nn + 1) * sizeof *stack);
    int *type = xmalloc(((size_t)nn + 1) * sizeof *type); /* each frame's type ... */
    int *next = xmalloc(((size_t)nn + 1) * sizeof *next); /* ... and next edge slot */
    for (int root = 0; root < nn; root++) {
        if (state[root]) continue;
        state[root] = 1;
        stack[sp] = root;
        type[sp] = 0;
        next[sp++] = c->out_start[root];
        while (sp > 0) {
            int f = sp - 1, v = stack[f], w = -1;
            while (w < 0 && type[f] < nt) {
                if (next[f] >= c->out_start[v + 1]) {
                    type[f]++;
                    next[f] = c->out_start[v];
                    continue;
                }
                int e = c->out_edges[next[f]++];
                if (state[c->to[e]] == 0 && waits_on(c, v, e, type[f])) w = c->to[e];
            }
            if (w >= 0) {
                state[w] = 1;
                stack[sp] = w;
                type[sp] = 0;
                next[sp++] = c->out_start[w];
                continue;
            }
            sp--;
            state[v] = 2;
            c->fin[v] = n_post;
            c->post[n_post++] = v;
        }
    }
    free(state);
    free(stack);
    free(type);
    free(next);
}

/* The most requests each node's callers can have at it at once, into c->most: a client
 * (open loop) any number; a blocking caller one per thread; an async one (a balancer, a
 * cache, a service) max_inflight per instance, and no more than its own callers have at
 * it, as it holds each while it waits (the cache behind 256 threads holds at most 256);
 * INFINITY when unbounded, -1 when only queues feed the node (a consumer pulls what they
 * hold: its backlog waits there, not in a queue of its own). In the flow's topological
 * order, so a caller's own bound is known first (a caller on a cycle counts its limit). */
static void callers_hold(Ctx *c)
{
    const Model *m = c->m;
    int nn = c->n_nodes;
    bool *done = xcalloc((size_t)nn + 1, sizeof *done);
    for (int k = 0; k < nn; k++) {
        int n = c->flow_order[k];
        double most = -1;
        int callers = 0, holder = -1;
        for (int i = c->in_start[n]; i < c->in_start[n + 1]; i++) {
            int e = c->in_edges[i], a = c->from[e];
            if (a < 0 || m->nodes[a].kind == NODE_QUEUE) continue;
            const Node *src = &m->nodes[a];
            double inst = node_autoscaled(src) ? src->autoscale.max_instances : src->instances, held;
            holder = a;
            if (src->kind == NODE_CLIENT) held = INFINITY;
            else if (src->io == IO_BLOCKING) held = inst * (src->workers > 0 ? src->workers : 0);
            else {
                held = src->max_inflight > 0 ? inst * src->max_inflight : INFINITY;
                if (done[a] && c->most[a] >= 0 && c->most[a] < held) {
                    held = c->most[a];
                    holder = c->holder[a];
                }
            }
            if (!isfinite(held)) holder = -1;
            /* a caller that calls in parallel has each of its requests' copies here at once */
            if (src->kind != NODE_CLIENT && src->calls == CALLS_PARALLEL && c->calls[e] > 1) held *= c->calls[e];
            most = (most < 0 ? 0 : most) + held;
            callers++;
        }
        c->most[n] = most;
        c->holder[n] = callers == 1 ? holder : -1;
        done[n] = true;
    }
    free(done);
}

static bool burst_edge(const Ctx *c, int e);

/* The harmonic number H(x) = 1 + 1/2 + ... + 1/x: exact for whole x up to 64, past that
 * (and between whole numbers) ln(x + 1/2) + Euler's gamma, within 0.1% from 1 on; x below
 * 1 linearly. The mean of the largest of x independent exponentials is H(x) times theirs. */
static double harmonic(double x)
{
    if (!(x > 0)) return 0;
    if (x < 1) return x;
    if (x <= 64 && x == floor(x)) {
        double h = 0;
        for (int i = 1; i <= (int)x; i++) h += 1.0 / i;
        return h;
    }
    return log(x + 0.5) + 0.5772156649015329;
}

/* H2(x) = 1 + 1/4 + ... + 1/x^2 (the variance of the largest of x independent
 * exponentials, in theirs): exact for whole x up to 64, past that pi^2/6 - 1/(x + 1/2);
 * x below 1 linearly. */
static double harmonic2(double x)
{
    if (!(x > 0)) return 0;
    if (x < 1) return x;
    if (x <= 64 && x == floor(x)) {
        double h = 0;
        for (int i = 1; i <= (int)x; i++) h += 1.0 / ((double)i * i);
        return h;
    }
    return 1.6449340668482264 - 1 / (x + 0.5);
}

/* E[H(min(K, slots))] and E[H2(min(K, slots))] over a fan-out's copies K as drawn and
 * rounded at random to whole copies (a constant exactly, a spread one by a midpoint rule
 * over 256 of its quantiles). */
static void fanout_harmonic(const Dist *fan, double slots, double *h, double *h2)
{
    if (fan->kind == DIST_CONSTANT) {
        double k = dist_drawn_mean(fan), lo = floor(k), f = k - lo;
        *h = (1 - f) * harmonic(fmin(lo, slots)) + (f > 0 ? f * harmonic(fmin(lo + 1, slots)) : 0);
        *h2 = (1 - f) * harmonic2(fmin(lo, slots)) + (f > 0 ? f * harmonic2(fmin(lo + 1, slots)) : 0);
        return;
    }
    enum { N = 256 };
    double s1 = 0, s2 = 0;
    for (int i = 0; i < N; i++) {
        double k = fmin(dist_quantile(fan, (i + 0.5) / N), slots);
        s1 += harmonic(k);
        s2 += harmonic2(k);
    }
    *h = s1 / N;
    *h2 = s2 / N;
}

static void burst_moments(const Edge *ed, double *k1, double *k2);

/* The variance of the number of calls N a visit makes along edge ed, of mean `calls`:
 * taken with chance p, then its fan-out's copies (as drawn, rounded at random), or with
 * batches their count, taken as fixed: p E[K^2] - (p E[K])^2. */
static double calls_variance(const Edge *ed, double calls)
{
    double p = ed->probability > 1 ? 1 : ed->probability > 0 ? ed->probability : 0, k1, k2;
    if (!(p > 0) || !(calls > 0)) return 0;
    if (ed->batch > 1) {
        k1 = calls / p;
        k2 = k1 * k1;
    } else {
        burst_moments(ed, &k1, &k2);
    }
    double v = p * k2 - calls * calls;
    return isfinite(v) && v > 0 ? v : 0;
}

static void setup(Ctx *c, const Model *m)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    int nn = c->n_nodes = m->n_nodes, nt = c->n_types = m->scenario.n_requests;
    int ne = c->n_edges = m->n_edges;
    c->from = xcalloc((size_t)ne + 1, sizeof *c->from);
    c->calls = xcalloc((size_t)ne + 1, sizeof *c->calls);
    c->calls_var = xcalloc((size_t)ne + 1, sizeof *c->calls_var);
    c->items = xcalloc((size_t)ne + 1, sizeof *c->items);
    c->bursts = xcalloc((size_t)ne + 1, sizeof *c->bursts);
    c->to = xcalloc((size_t)ne + 1, sizeof *c->to);
    c->out_start = xcalloc((size_t)nn + 1, sizeof *c->out_start);
    c->out_edges = xcalloc((size_t)ne + 1, sizeof *c->out_edges);
    c->in_start = xcalloc((size_t)nn + 1, sizeof *c->in_start);
    c->in_edges = xcalloc((size_t)ne + 1, sizeof *c->in_edges);
    c->gain = xcalloc((size_t)ne * nt + 1, sizeof *c->gain);
    c->hit = xcalloc((size_t)nt * nn + 1, sizeof *c->hit);
    for (int n = 0; n < nn; n++) {
        if (!node_kind_caches(m->nodes[n].kind)) continue;
        bool keyed = node_key_model(&m->nodes[n]);
        c->key_caches |= keyed;
        /* the key model's estimate needs the rates: 0 until the first flow is solved */
        for (int t = 0; t < nt; t++) c->hit[(size_t)t * nn + n] = keyed ? 0 : unit(m->nodes[n].hit_ratio);
    }
    c->client_of = xcalloc((size_t)nt + 1, sizeof *c->client_of);
    c->x = xcalloc((size_t)nt + 1, sizeof *c->x);
    c->rate = xcalloc((size_t)nt * nn + 1, sizeof *c->rate);
    c->acc = xcalloc((size_t)nt + 1, sizeof *c->acc);
    c->fed_unbounded = xcalloc((size_t)nt + 1, sizeof *c->fed_unbounded);
    c->snap[0] = xcalloc((size_t)nt * nn + 1, sizeof *c->snap[0]);
    c->snap[1] = xcalloc((size_t)nt * nn + 1, sizeof *c->snap[1]);
    c->admit = xcalloc((size_t)nn + 1, sizeof *c->admit);
    c->most = xcalloc((size_t)nn + 1, sizeof *c->most);
    c->holder = xcalloc((size_t)nn + 1, sizeof *c->holder);
    c->relay = xcalloc((size_t)nn + 1, sizeof *c->relay);
    c->relayed_by = xcalloc((size_t)nn + 1, sizeof *c->relayed_by);
    c->room = xcalloc((size_t)nn + 1, sizeof *c->room);
    c->serve = xcalloc((size_t)nn + 1, sizeof *c->serve);
    c->out_cap = xcalloc((size_t)nn + 1, sizeof *c->out_cap);
    c->cpass = xcalloc((size_t)nn + 1, sizeof *c->cpass);
    c->fixed = xcalloc((size_t)nn + 1, sizeof *c->fixed);
    c->rate_off = xcalloc((size_t)nt * nn + 1, sizeof *c->rate_off);
    c->need = xcalloc((size_t)nn + 1, sizeof *c->need);
    c->serve_lo = xcalloc((size_t)nn + 1, sizeof *c->serve_lo);
    c->serve_hi = xcalloc((size_t)nn + 1, sizeof *c->serve_hi);
    c->gap_lo = xcalloc((size_t)nn + 1, sizeof *c->gap_lo);
    c->gap_hi = xcalloc((size_t)nn + 1, sizeof *c->gap_hi);
    c->side = xcalloc((size_t)nn + 1, sizeof *c->side);
    for (int n = 0; n < nn; n++) c->serve[n] = 1;
    c->inst = xcalloc((size_t)nn + 1, sizeof *c->inst);
    c->down = xcalloc((size_t)nt * nn + 1, sizeof *c->down);
    c->lat = xcalloc((size_t)nt * nn + 1, sizeof *c->lat);
    c->down_own = xcalloc((size_t)nt * nn + 1, sizeof *c->down_own);
    c->lat_own = xcalloc((size_t)nt * nn + 1, sizeof *c->lat_own);
    c->lat_bare = xcalloc((size_t)nt * nn + 1, sizeof *c->lat_bare);
    c->pw = xcalloc((size_t)nn + 1, sizeof *c->pw);
    c->pw_at = xcalloc((size_t)nn + 1, sizeof *c->pw_at);
    c->ca2 = xcalloc((size_t)nn + 1, sizeof *c->ca2);
    c->scv = xcalloc((size_t)nn + 1, sizeof *c->scv);
    c->own_ms = xcalloc((size_t)nn + 1, sizeof *c->own_ms);
    for (int n = 0; n < nn; n++) {
        c->scv[n] = dist_scv(&m->nodes[n].service_ms);
        c->own_ms[n] = nonneg(dist_drawn_mean(&m->nodes[n].service_ms));
    }
    c->cd2 = xcalloc((size_t)nn + 1, sizeof *c->cd2);
    c->out_rps = xcalloc((size_t)nn + 1, sizeof *c->out_rps);
    c->spill = xcalloc((size_t)nn + 1, sizeof *c->spill);
    c->lat_kept = xcalloc((size_t)nt * nn + 1, sizeof *c->lat_kept);
    c->ok = xcalloc((size_t)nt * nn + 1, sizeof *c->ok);
    c->share = xcalloc((size_t)nt * nn + 1, sizeof *c->share);
    c->flow_order = xcalloc((size_t)nn + 1, sizeof *c->flow_order);
    c->comp_start = xcalloc((size_t)nn + 2, sizeof *c->comp_start);
    c->comp_cyclic = xcalloc((size_t)nn + 1, sizeof *c->comp_cyclic);
    c->post = xcalloc((size_t)nn + 1, sizeof *c->post);
    c->fin = xcalloc((size_t)nn + 1, sizeof *c->fin);
    c->near = xcalloc((size_t)nn + 1, sizeof *c->near);
    c->near_dist = xcalloc((size_t)nn + 1, sizeof *c->near_dist);
    c->hold = xcalloc((size_t)nt + 1, sizeof *c->hold);
    c->extra = xcalloc((size_t)nt + 1, sizeof *c->extra);
    c->burst = xcalloc((size_t)nt + 1, sizeof *c->burst);
    c->pull = xcalloc((size_t)nt + 1, sizeof *c->pull);
    c->dvar = xcalloc((size_t)nt + 1, sizeof *c->dvar);
    c->burst_at = xcalloc((size_t)nt * (size_t)nn + 1, sizeof *c->burst_at);
    c->burst_last = xcalloc((size_t)c->n_edges + 1, sizeof *c->burst_last);
    c->burst_h = xcalloc((size_t)c->n_edges + 1, sizeof *c->burst_h);
    c->burst_h2 = xcalloc((size_t)c->n_edges + 1, sizeof *c->burst_h2);
    c->var_free = xcalloc((size_t)nt * (size_t)nn + 1, sizeof *c->var_free);
    c->var_queue = xcalloc((size_t)nt * (size_t)nn + 1, sizeof *c->var_queue);
    c->join_extra = xcalloc((size_t)nt * (size_t)nn + 1, sizeof *c->join_extra);
    c->join_var = xcalloc((size_t)nt * (size_t)nn + 1, sizeof *c->join_var);
    c->hold_own = xcalloc((size_t)nt + 1, sizeof *c->hold_own);
    c->hold_bare = xcalloc((size_t)nt + 1, sizeof *c->hold_bare);
    c->wait = xcalloc((size_t)nt + 1, sizeof *c->wait);
    c->wait_own = xcalloc((size_t)nt + 1, sizeof *c->wait_own);
    c->wait_kept = xcalloc((size_t)nt + 1, sizeof *c->wait_kept);
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
        c->calls[e] = edge_mean_calls(&m->edges[e]);
        c->items[e] = edge_mean_items(&m->edges[e]);
        c->bursts[e] = burst_edge(c, e);
        c->calls_var[e] = calls_variance(&m->edges[e], c->calls[e]);
        if (c->bursts[e]) fanout_harmonic(&m->edges[e].fanout, INFINITY, &c->burst_h[e], &c->burst_h2[e]);
        if (c->from[e] >= 0 && c->to[e] >= 0) {
            c->out_start[c->from[e] + 1]++;
            c->in_start[c->to[e] + 1]++;
        }
    }
    for (int n = 0; n < nn; n++) {
        c->out_start[n + 1] += c->out_start[n];
        c->in_start[n + 1] += c->in_start[n];
    }
    int *fill = xcalloc((size_t)nn + 1, sizeof *fill);
    int *fill_in = xcalloc((size_t)nn + 1, sizeof *fill_in);
    for (int e = 0; e < ne; e++)
        if (c->from[e] >= 0 && c->to[e] >= 0) {
            c->out_edges[c->out_start[c->from[e]] + fill[c->from[e]]++] = e;
            c->in_edges[c->in_start[c->to[e]] + fill_in[c->to[e]]++] = e;
        }
    free(fill);
    free(fill_in);

    for (int t = 0; t < nt; t++) c->client_of[t] = model_request_client(m, &m->scenario.requests[t]);
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
                double per_call = c->calls[e];
                double g;
                if (src->kind == NODE_LOAD_BALANCER) g = 1.0 / matching;
                else if (node_kind_caches(src->kind))
                    g = cache_gain(c, n, t, per_call);
                else g = per_call;
                c->gain[(size_t)e * nt + t] = g;
            }
        }
    }
    flow_components(c);
    latency_order(c);
    callers_hold(c);
}

static void teardown(Ctx *c)
{
    free(c->calls);
    free(c->calls_var);
    free(c->items);
    free(c->bursts);
    free(c->from);
    free(c->to);
    free(c->out_start);
    free(c->out_edges);
    free(c->in_start);
    free(c->in_edges);
    free(c->gain);
    free(c->hit);
    free(c->client_of);
    free(c->x);
    free(c->rate);
    free(c->acc);
    free(c->fed_unbounded);
    free(c->snap[0]);
    free(c->snap[1]);
    free(c->admit);
    free(c->most);
    free(c->holder);
    free(c->relay);
    free(c->relayed_by);
    free(c->room);
    free(c->serve);
    free(c->out_cap);
    free(c->cpass);
    free(c->fixed);
    free(c->rate_off);
    free(c->need);
    free(c->serve_lo);
    free(c->serve_hi);
    free(c->gap_lo);
    free(c->gap_hi);
    free(c->side);
    free(c->inst);
    free(c->down);
    free(c->lat);
    free(c->down_own);
    free(c->lat_own);
    free(c->lat_bare);
    free(c->pw);
    free(c->pw_at);
    free(c->ca2);
    free(c->scv);
    free(c->own_ms);
    free(c->cd2);
    free(c->out_rps);
    free(c->spill);
    free(c->lat_kept);
    free(c->ok);
    free(c->share);
    free(c->flow_order);
    free(c->comp_start);
    free(c->comp_cyclic);
    free(c->post);
    free(c->fin);
    free(c->near);
    free(c->near_dist);
    free(c->hold);
    free(c->extra);
    free(c->burst);
    free(c->pull);
    free(c->dvar);
    free(c->burst_at);
    free(c->burst_last);
    free(c->burst_h);
    free(c->burst_h2);
    free(c->var_free);
    free(c->var_queue);
    free(c->join_extra);
    free(c->join_var);
    free(c->hold_own);
    free(c->hold_bare);
    free(c->wait);
    free(c->wait_own);
    free(c->wait_kept);
    free(c->est);
}

/* Admitted fraction of node n's offered rate under its rate limit. */
static void node_admit(Ctx *c, int n)
{
    int nn = c->n_nodes, nt = c->n_types;
    double total = 0;
    for (int t = 0; t < nt; t++) total += c->rate[(size_t)t * nn + n];
    double limit = nonneg(c->m->nodes[n].rate_limit_rps);
    c->admit[n] = limit > 0 && total > limit ? limit / total : 1;
}

/* The share of node n's admitted rate it passes on along its edges: what its slots
 * serve; in the carried flow, no more than the offered flow found it passes on. */
static double pass_share(const Ctx *c, int n) { return c->carried ? c->cpass[n] : c->serve[n]; }

/* The share of node n's offered rate it passes on along its edges: what its rate limit
 * admits and its slots serve. */
static double passed(const Ctx *c, int n) { return c->admit[n] * pass_share(c, n); }

/* Calls per second of type t along edge e: what its source passes on, times the edge's
 * gain for t (0 for an edge from no known node). */
static double edge_type_rps(const Ctx *c, int e, int t)
{
    int a = c->from[e];
    return a < 0 ? 0 : c->rate[(size_t)t * c->n_nodes + a] * passed(c, a) * c->gain[(size_t)e * c->n_types + t];
}

/* New offered rates of node n from its inputs as they stand (injected, then each
 * incoming edge in edge order): stored, and the largest change returned. A rate fed by
 * an unbounded one (FLOW_DIVERGED, not cut down by a rate limit) is unbounded too. */
static double node_flow(Ctx *c, int n, double *biggest)
{
    int nn = c->n_nodes, nt = c->n_types;
    double *acc = c->acc;
    bool *unbounded = c->fed_unbounded;
    for (int t = 0; t < nt; t++) {
        acc[t] = 0;
        unbounded[t] = false;
        if (c->client_of[t] == n) acc[t] += c->x[t];
    }
    for (int i = c->in_start[n]; i < c->in_start[n + 1]; i++) {
        int e = c->in_edges[i], a = c->from[e];
        const double *g = &c->gain[(size_t)e * nt];
        for (int t = 0; t < nt; t++)
            if (g[t] > 0) {
                double r = c->rate[(size_t)t * nn + a];
                acc[t] += r * passed(c, a) * g[t];
                if (!(r < FLOW_DIVERGED) && passed(c, a) >= 1) unbounded[t] = true;
            }
    }
    double change = 0;
    for (int t = 0; t < nt; t++) {
        double v = unbounded[t] || !(acc[t] < FLOW_DIVERGED) ? FLOW_DIVERGED : acc[t];
        double *cell = &c->rate[(size_t)t * nn + n];
        double d = fabs(v - *cell);
        if (!(d <= change)) change = d; /* also catches NaN */
        if (!(v <= *biggest)) *biggest = v;
        *cell = v;
    }
    node_admit(c, n);
    if (c->carried) { /* it passes on no more than it did in the offered flow */
        double in = 0;
        for (int t = 0; t < nt; t++) in += c->rate[(size_t)t * nn + n] * c->admit[n];
        c->cpass[n] = in > c->out_cap[n] ? c->out_cap[n] / in : 1;
    }
    return change;
}

/* Gauss-Seidel sweeps over the nodes of a component holding a cycle (its inputs from
 * earlier components are final) until the rates settle; a cycle with gain >= 1 (or so
 * close to 1 that it does not settle in FLOW_MAX_ITER sweeps) makes the rates that
 * still grow unbounded. */
static void solve_cycle(Ctx *c, const int *nodes, int n_nodes)
{
    int nn = c->n_nodes, nt = c->n_types;
    for (int iter = 0;; iter++) {
        double change = 0, biggest = 0;
        for (int i = 0; i < n_nodes; i++) {
            double d = node_flow(c, nodes[i], &biggest);
            if (!(d <= change)) change = d;
        }
        if (change <= FLOW_TOL * (biggest > 1 ? biggest : 1)) return;
        if (!(biggest < FLOW_DIVERGED) || iter >= FLOW_MAX_ITER) {
            /* The rates that grew since the older snapshot (32 to 64 sweeps ago, or since
             * the first sweep, or since 0) are unbounded. FLOW_DIVERGED stands for them
             * (finite, so that products with zero stay zero) and overloads any node. */
            c->flow_converged = false;
            const double *old = iter < 64 ? c->snap[0] : iter % 64 >= 32 ? c->snap[0] : c->snap[1];
            for (int i = 0; i < n_nodes; i++) {
                int n = nodes[i];
                for (int t = 0; t < nt; t++) {
                    double *cell = &c->rate[(size_t)t * nn + n];
                    double before = iter == 0 ? 0 : old[(size_t)t * nn + n];
                    if (!(*cell <= before * (1 + 1e-9) + 1e-9) || !(*cell < FLOW_DIVERGED))
                        *cell = FLOW_DIVERGED;
                }
                node_admit(c, n);
            }
            return;
        }
        if (iter % 32 == 0) {
            double *snap = c->snap[iter % 64 ? 1 : 0];
            for (int i = 0; i < n_nodes; i++)
                for (int t = 0; t < nt; t++)
                    snap[(size_t)t * nn + nodes[i]] = c->rate[(size_t)t * nn + nodes[i]];
        }
    }
}

/* Step 1: the rates of every type at every node, given the injected rates c->x: each
 * component in topological order, a node on no cycle once from its final inputs. */
static void solve_flow(Ctx *c)
{
    size_t cells = (size_t)c->n_types * c->n_nodes;
    memset(c->rate, 0, cells * sizeof *c->rate);
    c->flow_converged = true;
    for (int k = 0; k < c->n_comps; k++) {
        const int *nodes = &c->flow_order[c->comp_start[k]];
        int n_nodes = c->comp_start[k + 1] - c->comp_start[k];
        if (c->comp_cyclic[k]) {
            solve_cycle(c, nodes, n_nodes);
        } else {
            double biggest = 0;
            node_flow(c, nodes[0], &biggest);
        }
    }
}

/* Step 1b: how regular the arrivals at every node are (Whitt's Queueing Network Analyzer,
 * in its simplest form), into c->ca2 and c->cd2, in the flow's order: a client's gaps are
 * constant (0) or Poisson (1) by its types' `arrival`, rate-weighted (a closed loop's: 1);
 * a node's departures are cd2 = 1 + (1 - rho^2) (ca2 - 1) + rho^2 (cs2 - 1) / sqrt(c), rho
 * the load of its own service on its c slots, cs2 that service's spread (dist_scv); an
 * edge taking a share p of them sees p cd2 + 1 - p (a random split), a round-robin
 * balancer's every k-th, cd2 / k; a call made more than once per request comes in a burst,
 * taken as Poisson; arrivals merge rate-weighted. A node on a cycle of the flow: 1. With
 * Poisson clients and exponential services every figure is 1 and the waits are M/M/c's. */
static double edge_calls(const Ctx *c, int e);
static bool is_closed(const RequestType *rt);

/* Whether edge e's fan-out reaches its callee in bursts, its copies sent at one instant:
 * the caller calls in parallel, or the edge is async (each copy spawned at once); not a
 * sequential caller's one after another, a queue's or a balancer's, nor a batched edge's
 * (a call carries its items). */
static bool edge_bursts(const Ctx *c, int e) { return c->bursts[e]; }

static bool burst_edge(const Ctx *c, int e)
{
    const Edge *ed = &c->m->edges[e];
    int a = c->from[e];
    if (a < 0 || ed->batch > 1 || (ed->fanout.kind == DIST_CONSTANT && !(ed->fanout.mean > 1))) return false;
    const Node *src = &c->m->nodes[a];
    if (src->kind == NODE_QUEUE || src->kind == NODE_LOAD_BALANCER) return false;
    return ed->mode == EDGE_ASYNC || src->calls == CALLS_PARALLEL;
}

/* E[K] and E[K^2] of the copies K a visit that takes edge e sends: its fan-out's draw, as
 * drawn (the cap included), rounded at random to a neighbouring integer (a constant's
 * rounding adds f (1 - f) to the second moment, f its fraction; a spread one's about
 * 1/6, a uniform fraction's). */
static void burst_moments(const Edge *ed, double *k1, double *k2)
{
    dist_drawn_moments(&ed->fanout, k1, k2);
    double f = ed->fanout.kind == DIST_CONSTANT ? *k1 - floor(*k1) : 0;
    *k2 += ed->fanout.kind == DIST_CONSTANT ? f * (1 - f) : 1.0 / 6;
}

/* The wait within bursts of node n's arrivals (`slots` slots, each request holding one
 * hold_ms): of a burst of k copies the first `slots` start at once and the copy at place j
 * waits for j - slots of those before it to go, (j - slots) hold / slots; over the copies
 * of bursts of K, E[(K - slots)+ (K - slots + 1)] / (2 E[K]) x hold / slots (exact for
 * M^X/M/1 beside the Allen-Cunneen wait with the burst's ca2, E[K^2] / E[K]; the slots
 * taken as free when it comes). Into c->burst per type; with `tail`, each such edge's part
 * of the tail (tail_add_burst). The mean over all arrivals is returned. */
static void tail_add_burst(Ctx *c, double w, const Dist *fanout, double copies, double slots, double hold_ms);

static double burst_wait(Ctx *c, int n, double slots, double hold_ms, NodeEstimate *est, double *size)
{
    int nn = c->n_nodes, nt = c->n_types;
    bool tail = est != NULL;
    double sum = 0, lam = 0, taken = 0, bursting = 0, most = 0; /* E[K min(K, slots)] x rate / E[K]; their rate */
    *size = 1;
    for (int t = 0; t < nt; t++) {
        c->burst[t] = 0;
        lam += c->rate[(size_t)t * nn + n];
    }
    if (!(slots > 0) || !(hold_ms > 0) || !(lam > 0)) return 0;
    for (int j = c->in_start[n]; j < c->in_start[n + 1]; j++) {
        int e = c->in_edges[j];
        if (!edge_bursts(c, e)) continue;
        const Dist *fan = &c->m->edges[e].fanout;
        double k1, k2, e1, e2;
        dist_drawn_moments(fan, &k1, &k2);
        if (!(k1 > 0)) continue;
        dist_excess(fan, slots, &e1, &e2);
        double per_call = (e2 + e1) / (2 * k1) * hold_ms / slots, f = 0;
        for (int t = 0; t < nt; t++) f += edge_type_rps(c, e, t);
        double at_once = (k2 - e2 - slots * e1) / k1; /* E[K min(K, slots)] / E[K]: E[K^2] - E[K (K - slots)+] */
        if (isfinite(at_once) && at_once > 1) {
            taken += f * at_once;
            bursting += f;
        }
        if (!(per_call > 0) || !isfinite(per_call)) continue;
        for (int t = 0; t < nt; t++) c->burst[t] += edge_type_rps(c, e, t) * per_call;
        sum += f * per_call;
        if (tail) {
            tail_add_burst(c, f / lam, fan, k1, slots, hold_ms);
            c->burst_last[e] = e1 * hold_ms / slots; /* (K - slots)+ hold / slots */
            fanout_harmonic(fan, slots, &c->burst_h[e], &c->burst_h2[e]);
            if (f * per_call > most) { /* the caller whose bursts wait longest */
                most = f * per_call;
                est->burst_from = c->from[e];
                est->burst_copies = k1;
            }
        }
    }
    for (int t = 0; t < nt; t++) {
        double l = c->rate[(size_t)t * nn + n];
        c->burst[t] = l > 0 ? c->burst[t] / l : 0;
    }
    if (bursting > 0 && bursting <= lam) *size = (taken + (lam - bursting)) / lam; /* the others one by one */
    if (tail) est->burst_wait_ms = sum / lam;
    return sum / lam;
}

static void arrival_scv(Ctx *c)
{
    const Model *m = c->m;
    int nn = c->n_nodes, nt = c->n_types;
    for (int k = 0; k < c->n_comps; k++) {
        for (int i = c->comp_start[k]; i < c->comp_start[k + 1]; i++) {
            int n = c->flow_order[i];
            const Node *node = &m->nodes[n];
            double lam = 0, sum = 0;
            if (node->kind == NODE_CLIENT) {
                for (int t = 0; t < nt; t++) {
                    const RequestType *rt = &m->scenario.requests[t];
                    if (c->client_of[t] != n || !(c->x[t] > 0)) continue;
                    bool steady = rt->arrival == ARRIVAL_CONSTANT && !is_closed(rt);
                    lam += c->x[t];
                    sum += c->x[t] * (steady ? 0 : 1);
                }
            } else if (!c->comp_cyclic[k]) {
                for (int j = c->in_start[n]; j < c->in_start[n + 1]; j++) {
                    int e = c->in_edges[j], a = c->from[e];
                    double f = edge_calls(c, e);
                    if (a < 0 || !(f > 0)) continue;
                    double out = m->nodes[a].kind == NODE_CLIENT ? f : c->out_rps[a]; /* a client: its requests */
                    double share = out > 0 ? f / out : 1, v;
                    double k1 = 1, k2 = 1, p = unit(m->edges[e].probability);
                    bool burst = edge_bursts(c, e);
                    if (burst) burst_moments(&m->edges[e], &k1, &k2);
                    double s = p * k1 > 0 ? share / (p * k1) : share; /* the visits' share */
                    if (!(s <= 1 + 1e-9) || !(k1 > 0)) {
                        v = 1; /* more visits than it sends on: a cycle's, taken as Poisson */
                    } else if (burst) {
                        /* bursts of K copies at the visits' gaps (a share s of its departures):
                         * E[K^2] / E[K] + p E[K] s (cd2 - 1), the counts' dispersion */
                        v = k2 / k1 + p * k1 * s * (c->cd2[a] - 1);
                    } else if (!(share <= 1 + 1e-9) || c->calls[e] > 1) {
                        v = 1; /* copies one after another: taken as Poisson */
                    } else if (m->nodes[a].kind == NODE_LOAD_BALANCER && m->nodes[a].policy == LB_ROUND_ROBIN)
                        v = c->cd2[a] * share;
                    else v = share * c->cd2[a] + 1 - share;
                    lam += f;
                    sum += f * v;
                }
            }
            double ca2 = lam > 0 ? sum / lam : 1;
            c->ca2[n] = ca2 >= 0 ? ca2 : 0;
            /* its departures: smoothed or roughened by its own service */
            double servers = (double)(node->instances > 0 ? node->instances : 0) * (node->workers > 0 ? node->workers : 0);
            if (node->kind == NODE_DATABASE) servers = (double)(node->pool > 0 ? node->pool : 0);
            double own = c->own_ms[n], cs2 = c->scv[n], in = 0;
            for (int t = 0; t < nt; t++) in += c->rate[(size_t)t * nn + n] * c->admit[n];
            c->out_rps[n] = in * pass_share(c, n); /* what it passes on */
            double rho = servers > 0 ? in * own / 1000 / servers : 0;
            if (rho > 0.999) rho = 0.999;
            double cd2 = node->kind == NODE_CLIENT || !(servers > 0) || !isfinite(cs2)
                             ? c->ca2[n]
                             : 1 + (1 - rho * rho) * (c->ca2[n] - 1) + rho * rho * (cs2 - 1) / sqrt(servers);
            c->cd2[n] = cd2 >= 0 ? cd2 : 0;
        }
    }
}

/* Which latencies a walk adds up: as they are (INFINITY at and above an over-capacity
 * node); with the queueing waits of over-capacity nodes taken as 0 (what a node's own
 * work needs); those of the requests that are kept (an over-capacity node's wait is its
 * full queue's, full_wait_ms); with every queueing wait taken as 0 (bare: what slots
 * held for service and wires alone). */
typedef enum Lat { LAT_AS_IS, LAT_OWN, LAT_KEPT, LAT_BARE } Lat;

/* Latency of type t at node n as seen by its caller; 0 for a node still on the
 * latency walk's path (a sync cycle) when the caller is done. */
static double child_latency(const Ctx *c, int caller, int n, int t, Lat which)
{
    if (!(c->fin[n] < c->fin[caller])) return 0;
    const double *lat = which == LAT_OWN    ? c->lat_own
                        : which == LAT_KEPT ? c->lat_kept
                        : which == LAT_BARE ? c->lat_bare
                                            : c->lat;
    return lat[(size_t)t * c->n_nodes + n];
}

/* A call's time on edge e's wire: both one-way latencies and transmission. */
static double wire_ms(const Ctx *c, int e)
{
    const Edge *ed = &c->m->edges[e];
    double ms = 2 * nonneg(c->m->scenario.n_zones ? model_edge_latency_ms(c->m, ed) : ed->latency_ms);
    if (ed->bandwidth_mbps > 0)
        ms += (nonneg(ed->request_kb) + nonneg(ed->response_kb)) * 8 / ed->bandwidth_mbps;
    return ms;
}

/* A message's way from a queue to the consumer that pulled it along edge e: its one-way
 * latency and the request's transmission, during which the consumer's slot waits for it
 * (taken when the consumer pulled). */
static double pull_wire_ms(const Ctx *c, int e)
{
    const Edge *ed = &c->m->edges[e];
    double ms = nonneg(c->m->scenario.n_zones ? model_edge_latency_ms(c->m, ed) : ed->latency_ms);
    if (ed->bandwidth_mbps > 0) ms += nonneg(ed->request_kb) * 8 / ed->bandwidth_mbps;
    return ms;
}

/* How long a slot of node n waits for each type's pulled message to arrive, on average
 * over its arrivals (into pull[t]; 0 for a node no queue feeds). */
static void pull_waits(const Ctx *c, int n, double *pull)
{
    int nn = c->n_nodes, nt = c->n_types;
    for (int t = 0; t < nt; t++) pull[t] = 0;
    for (int j = c->in_start[n]; j < c->in_start[n + 1]; j++) {
        int e = c->in_edges[j], a = c->from[e];
        if (a < 0 || c->m->nodes[a].kind != NODE_QUEUE) continue;
        double ms = pull_wire_ms(c, e);
        if (!(ms > 0)) continue;
        for (int t = 0; t < nt; t++) {
            double l = c->rate[(size_t)t * nn + n];
            if (l > 0) pull[t] += edge_type_rps(c, e, t) / l * ms;
        }
    }
}

/* One call along edge e: both one-way latencies, transmission, the target's latency. */
static double hop_ms(const Ctx *c, int e, int t, Lat own)
{
    return wire_ms(c, e) + child_latency(c, c->from[e], c->to[e], t, own);
}

/* A latency of mean m and variance v taken with chance p (else 0), fitted by its two
 * moments for the largest of several (parallel_join): a shifted exponential when its spread
 * is at most its mean (d + an exponential of mean s = sqrt(v), d = m - s), else a balanced
 * two-phase hyperexponential (Whitt's fit: phases of means m / (2 q) and m / (2 (1 - q))). */
typedef struct Fit {
    double p, d, q, m1, m2; /* m2 = 0: shifted exponential of mean m1 */
} Fit;

static Fit fit_latency(double p, double m, double v)
{
    Fit f = {p, 0, 1, 0, 0};
    double sd = v > 0 ? sqrt(v) : 0;
    if (!(m > 0)) return f;
    if (sd <= m) {
        f.d = m - sd;
        f.m1 = sd;
    } else {
        double c2 = v / (m * m);
        f.q = 0.5 * (1 + sqrt((c2 - 1) / (c2 + 1)));
        f.m1 = m / (2 * f.q);
        f.m2 = m / (2 * (1 - f.q));
    }
    return f;
}

/* P(X <= x) of a fitted latency. */
static double fit_cdf(const Fit *f, double x)
{
    double over;
    if (f->m2 > 0) over = f->q * exp(-x / f->m1) + (1 - f->q) * exp(-x / f->m2);
    else if (x < f->d) over = 1;
    else over = f->m1 > 0 ? exp(-(x - f->d) / f->m1) : 0;
    return 1 - f->p * over;
}

/* The same, exactly: between the fits' shifts each F is a constant or a sum of
 * exponentials, so prod F expands into at most 3^n terms c exp(-r (x - a)) whose integrals
 * (of 1 - prod F and of 2x (1 - prod F)) are closed forms. n at most EXACT_MAX. */
enum { EXACT_MAX = 5, TERMS_MAX = 243 };

static void fits_max_exact(const Fit *f, int n, double *mean, double *var)
{
    double cut[EXACT_MAX + 1];
    int nc = 0;
    cut[nc++] = 0;
    for (int i = 0; i < n; i++) /* the shifts, sorted, as segment starts */
        if (f[i].m2 <= 0 && f[i].d > 0) {
            int j = nc++;
            while (j > 0 && cut[j - 1] > f[i].d) {
                cut[j] = cut[j - 1];
                j--;
            }
            cut[j] = f[i].d;
        }
    double s1 = 0, s2 = 0;
    for (int g = 0; g < nc; g++) {
        double a = cut[g], b = g + 1 < nc ? cut[g + 1] : INFINITY, len = b - a;
        if (!(len > 0)) continue;
        /* prod F on [a, b) as sum of coef exp(-rate (x - a)) */
        static _Thread_local double coef[TERMS_MAX], rate[TERMS_MAX], nco[TERMS_MAX], nra[TERMS_MAX];
        int nt = 1;
        coef[0] = 1;
        rate[0] = 0;
        for (int i = 0; i < n; i++) {
            double fc[3], fr[3];
            int nf = 0;
            if (f[i].m2 > 0) { /* 1 - p q e^(-x/m1) - p (1 - q) e^(-x/m2) */
                fc[nf] = 1, fr[nf++] = 0;
                fc[nf] = -f[i].p * f[i].q * exp(-a / f[i].m1), fr[nf++] = 1 / f[i].m1;
                fc[nf] = -f[i].p * (1 - f[i].q) * exp(-a / f[i].m2), fr[nf++] = 1 / f[i].m2;
            } else if (a < f[i].d || !(f[i].m1 > 0)) { /* before its shift, or a constant */
                fc[nf] = a < f[i].d ? 1 - f[i].p : 1, fr[nf++] = 0;
            } else { /* 1 - p e^(-(x - d)/m1) */
                fc[nf] = 1, fr[nf++] = 0;
                fc[nf] = -f[i].p * exp(-(a - f[i].d) / f[i].m1), fr[nf++] = 1 / f[i].m1;
            }
            int k = 0;
            for (int u = 0; u < nt; u++)
                for (int v = 0; v < nf; v++) {
                    nco[k] = coef[u] * fc[v];
                    nra[k++] = rate[u] + fr[v];
                }
            nt = k;
            memcpy(coef, nco, sizeof coef[0] * (size_t)nt);
            memcpy(rate, nra, sizeof rate[0] * (size_t)nt);
        }
        /* integrals of 1 - sum c e^(-r u) and of 2 (a + u) (1 - sum ...), u in [0, len) */
        double i1 = isfinite(len) ? len : 0, i2 = isfinite(len) ? 2 * a * len + len * len : 0;
        for (int u = 0; u < nt; u++) {
            double r = rate[u], c0 = coef[u];
            if (!(r > 0)) { /* a constant: on the last segment these sum to 1 and cancel */
                if (isfinite(len)) {
                    i1 -= c0 * len;
                    i2 -= c0 * (2 * a * len + len * len);
                }
                continue;
            }
            double e = isfinite(len) ? exp(-r * len) : 0, rl = isfinite(len) ? r * len : 0;
            i1 -= c0 * (1 - e) / r;
            i2 -= 2 * c0 * (a * (1 - e) / r + (1 - e * (1 + rl)) / (r * r));
        }
        s1 += i1;
        s2 += i2;
    }
    *mean = s1 > 0 ? s1 : 0;
    *var = s2 - *mean * *mean > 0 ? s2 - *mean * *mean : 0;
}

/* The mean and variance of the largest of n independent fitted latencies: E[M] = the
 * integral of 1 - prod F(x), E[M^2] of 2x (1 - prod F(x)); exactly for up to EXACT_MAX of
 * them, else by the trapezoid rule over 128 steps up to where every tail is below e^-16. */
static void fits_max(const Fit *f, int n, double *mean, double *var)
{
    if (n <= EXACT_MAX) {
        fits_max_exact(f, n, mean, var);
        return;
    }
    double top = 0;
    for (int i = 0; i < n; i++) {
        double x = f[i].d + 16 * (f[i].m2 > f[i].m1 ? f[i].m2 : f[i].m1);
        if (x > top) top = x;
    }
    *mean = *var = 0;
    if (!(top > 0) || !isfinite(top)) return;
    enum { STEPS = 128 };
    double h = top / STEPS, s1 = 0, s2 = 0;
    for (int k = 0; k <= STEPS; k++) {
        double x = k * h, all = 1;
        for (int i = 0; i < n; i++) all *= fit_cdf(&f[i], x);
        double w = k == 0 || k == STEPS ? 0.5 : 1;
        s1 += w * (1 - all);
        s2 += w * 2 * x * (1 - all);
    }
    *mean = s1 * h;
    *var = s2 * h - *mean * *mean > 0 ? s2 * h - *mean * *mean : 0;
}

static double child_var(const Ctx *c, int n, int j, int t);

/* Fork-join: type t's sync calls from node n, which calls in parallel, end when the
 * slowest does; its mean and variance (`own`: which latencies, Lat). Each edge's calls:
 * a fan-out's copies wait for one another in their burst at the callee, and the caller
 * waits for the last of them (burst_last), and for the last of those that run at once,
 * which ends (H - 1) standard deviations of what they do apart past their mean (exact for
 * exponential calls; burst_h), its variance H2 of theirs plus the wait they share; an edge
 * taken with chance p mixes with nothing. Over several edges, the largest of their
 * latencies fitted by two moments (fits_max: three 10 ms exponentials end after 18.33
 * ms on average, exactly, where the slowest mean says 10). */
enum { JOIN_MAX = 16 }; /* edges joined by their fits; past that, the slowest mean */

/* The slowest mean of the calls (and its variance), with `fits` (unless NULL) each edge's
 * latency fitted; their count returned. */
static int parallel_calls(const Ctx *c, int n, int t, Lat own, double *mean, double *var, Fit *fits)
{
    const Model *m = c->m;
    const RequestType *rt = &m->scenario.requests[t];
    int k = 0;
    double slowest = 0, slow_var = 0;
    for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
        int e = c->out_edges[i], j = c->to[e];
        const Edge *ed = &m->edges[e];
        double calls = c->calls[e];
        if (ed->mode != EDGE_SYNC || !edge_carries(ed, rt->name) || !(calls > 0)) continue;
        double hop = hop_ms(c, e, t, own), p, mu, v;
        bool done = c->fin[j] < c->fin[n];
        size_t at = (size_t)t * c->n_nodes + j;
        double all = child_var(c, n, j, t), apart = done ? c->var_free[at] : 0;
        if (!(apart > 0) || !isfinite(apart)) apart = 0;
        if (own == LAT_BARE) all = apart; /* no waits */
        if (edge_bursts(c, e) && done) {
            double shared = own == LAT_BARE ? 0 : c->var_queue[at]; /* the wait the copies share */
            p = unit(ed->probability);
            mu = hop + sqrt(apart) * (c->burst_h[e] - 1);
            if (own != LAT_BARE) mu += c->burst_last[e] - c->burst_at[at];
            v = apart * c->burst_h2[e] + shared;
        } else {
            p = calls < 1 ? calls : 1;
            mu = hop;
            v = all;
        }
        double em = p * mu, ev = p * (v + mu * mu) - em * em; /* taken with chance p, else 0 */
        if (!(ev > 0) || !isfinite(ev)) ev = 0;
        if (!(em <= slowest)) {
            slowest = em;
            slow_var = ev;
        }
        if (fits && k < JOIN_MAX && isfinite(mu)) fits[k] = fit_latency(p, mu, v > 0 && isfinite(v) ? v : 0);
        k++;
    }
    *mean = slowest;
    *var = slow_var;
    return k;
}

/* The join's wait past the slowest mean, from the latencies as they are, once per node and
 * type (into c->join_extra and c->join_var): the other walks (own work, bare) add the same. */
static void join_figures(Ctx *c, int n)
{
    int nn = c->n_nodes;
    if (c->m->nodes[n].calls != CALLS_PARALLEL) return;
    for (int t = 0; t < c->n_types; t++) {
        Fit fits[JOIN_MAX];
        double slowest, var, extra = 0;
        int k = parallel_calls(c, n, t, LAT_AS_IS, &slowest, &var, fits);
        if (k > 1 && k <= JOIN_MAX && isfinite(slowest)) {
            double jm, jv;
            fits_max(fits, k, &jm, &jv);
            if (jm > slowest) { /* the largest is at least the slowest mean */
                extra = jm - slowest;
                var = jv;
            }
        }
        c->join_extra[(size_t)t * nn + n] = extra;
        c->join_var[(size_t)t * nn + n] = var;
    }
}

static void parallel_join(const Ctx *c, int n, int t, Lat own, double *mean, double *var)
{
    size_t at = (size_t)t * c->n_nodes + n;
    parallel_calls(c, n, t, own, mean, var, NULL);
    *mean += c->join_extra[at];
    *var = c->join_var[at];
}

/* Sync downstream time (ms) of type t at node n (`own`: which latencies, Lat). */
static double downstream_ms(const Ctx *c, int n, int t, Lat own)
{
    const Model *m = c->m;
    const Node *node = &m->nodes[n];
    const RequestType *rt = &m->scenario.requests[t];
    if (node->kind == NODE_QUEUE) return 0; /* acks the producer after its own service */
    if (node_kind_caches(node->kind) && rt->op == OP_WRITE && !write_calls_store(node)) return 0;
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
    if (node->calls == CALLS_PARALLEL) {
        double var;
        parallel_join(c, n, t, own, &total, &var);
    } else {
        for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
            int e = c->out_edges[i];
            const Edge *ed = &m->edges[e];
            if (ed->mode != EDGE_SYNC || !edge_carries(ed, rt->name) || !(c->calls[e] > 0)) continue;
            total += c->calls[e] * hop_ms(c, e, t, own);
        }
    }
    if (node_kind_caches(node->kind) && rt->op != OP_WRITE) total *= 1 - c->hit[(size_t)t * c->n_nodes + n];
    return total;
}

/* The share of read type t's reads at database n that read_your_writes_ms sends to the
 * primary: those of a session that wrote to n less than the window before. Sessions
 * are uniform and Poisson, so session u writes at rate lambda(u) = sum over the write
 * types w with u < sessions(w) of rate(w at n) / sessions(w), and a read of u moves
 * with probability 1 - exp(-lambda(u) x window); averaged over t's sessions, piecewise
 * between the write types' session counts. 0 without sessions or a window. */
static double ryw_share(const Ctx *c, int n, int t)
{
    const Model *m = c->m;
    const Node *node = &m->nodes[n];
    const RequestType *rt = &m->scenario.requests[t];
    double window_s = node->read_your_writes_ms / 1000.0;
    if (!(window_s > 0) || rt->op != OP_READ || rt->sessions <= 0) return 0;
    int nn = c->n_nodes, nt = c->n_types;
    double share = 0, lo = 0, readers = rt->sessions;
    while (lo < readers) {
        /* the next session count above lo among the write types (or the readers') */
        double hi = readers, lambda = 0;
        for (int w = 0; w < nt; w++) {
            const RequestType *wt = &m->scenario.requests[w];
            double l = c->rate[(size_t)w * nn + n] * c->admit[n];
            if (wt->op != OP_WRITE || wt->sessions <= 0 || !(l > 0)) continue;
            if (wt->sessions > lo) {
                lambda += l / wt->sessions;
                if (wt->sessions < hi) hi = wt->sessions;
            }
        }
        share += (hi - lo) / readers * -expm1(-lambda * window_s);
        lo = hi;
    }
    return share;
}

/* What a full queue in front of `slots` slots holds: queue_max, or, when its callers can
 * have fewer requests at it at once (`most`: a blocking caller one per thread, an async
 * one max_inflight per instance), what they have beyond its slots. */
static double queue_held(int queue_max, double most, double slots)
{
    double q = queue_max > 0 ? queue_max : 0;
    return most - slots < q ? (most > slots ? most - slots : 0) : q;
}

/* The wait of the requests a saturated station of c slots held hold_ms keeps in its full
 * queue: what it holds (queue_held) leaving at c / hold_ms (Little's law). */
static double full_queue_wait(long c, double hold_ms, int queue_max, double most)
{
    double q = queue_held(queue_max, most, (double)c);
    return c > 0 && isfinite(hold_ms) ? q * hold_ms / (double)c : INFINITY;
}

/* One part of the wait tail of the node in hand: w of tail_total of its arrivals (a
 * database's station: its share; a blocking node's own queue and its overflow from below:
 * each 1 of 1) wait with chance p, on average m ms when they do (exponential, as in
 * M/M/c). */
static void tail_add(Ctx *c, double w, double p, double m)
{
    if (!(p > 0) || !(m > 0) || !isfinite(m)) return;
    if (c->n_tail >= TAIL_MAX) {
        c->tail_none = true;
        return;
    }
    c->tail_w[c->n_tail] = w;
    c->tail_p[c->n_tail] = p > 1 ? 1 : p;
    c->tail_m[c->n_tail] = m;
    c->tail_burst[c->n_tail] = NULL;
    c->n_tail++;
}

/* The part of the tail of w of tail_total of the arrivals that come in bursts of
 * `fanout` copies onto `slots` slots held `hold_ms` each (burst_wait): the copy at place
 * j of a burst of k waits for j - slots of those before it to go, (j - slots) hold /
 * slots, so P(W > t) = E[(K - slots - t slots / hold)+] / E[K]. */
static void tail_add_burst(Ctx *c, double w, const Dist *fanout, double copies, double slots, double hold_ms)
{
    if (!(w > 0) || !(copies > 0) || !(slots > 0) || !(hold_ms > 0)) return;
    if (c->n_tail >= TAIL_MAX) {
        c->tail_none = true;
        return;
    }
    c->tail_w[c->n_tail] = w;
    c->tail_burst[c->n_tail] = fanout;
    c->tail_slots[c->n_tail] = slots;
    c->tail_hold[c->n_tail] = hold_ms;
    c->tail_copies[c->n_tail] = copies;
    c->n_tail++;
}

/* Of tail part k's copies of bursts (tail_add_burst), the share whose wait within their
 * burst is longer than t (ms): E[(K - slots - t slots / hold)+] / E[K]. */
static double burst_within_over(const Ctx *c, int k, double t)
{
    double e1, e2;
    dist_excess(c->tail_burst[k], c->tail_slots[k] * (1 + t / c->tail_hold[k]), &e1, &e2);
    return e1 / c->tail_copies[k];
}

/* Of tail part k's copies, the share that wait longer than t in all: the wait for the
 * slots (with chance tail_p[k], exponential of mean tail_m[k] when they do, as the
 * station's) and within the burst added, the sum's tail by a 48-step convolution:
 * P(B > t) + p E[exp(-(t - B) / m); B <= t]. */
static double burst_over(const Ctx *c, int k, double t)
{
    double within = burst_within_over(c, k, t), p = c->tail_p[k], m = c->tail_m[k];
    if (!(p > 0) || !(m > 0) || !isfinite(m)) return within;
    enum { STEPS = 48 };
    double sum = (1 - burst_within_over(c, k, 0)) * exp(-t / m), prev = burst_within_over(c, k, 0);
    for (int i = 1; i <= STEPS && t > 0; i++) {
        double b = t * i / STEPS, at = i == STEPS ? within : burst_within_over(c, k, b);
        sum += (prev - at) * exp(-(t - (b - t / (2 * STEPS))) / m); /* the mass in (b - dt, b] at its middle */
        prev = at;
    }
    return within + p * sum;
}

/* The share of the node in hand's arrivals that wait longer than t (ms). */
static double tail_over(const Ctx *c, double t)
{
    double v = 0;
    for (int k = 0; k < c->n_tail; k++) {
        double share = c->tail_w[k] / c->tail_total;
        if (!c->tail_burst[k]) {
            v += share * c->tail_p[k] * exp(-t / c->tail_m[k]);
            continue;
        }
        v += share * burst_over(c, k, t);
    }
    return v;
}

/* The wait below which a share q of the node in hand's requests waits (its tail's
 * quantile): the t at which tail_over falls to 1 - q, by bisection; 0 when fewer than 1 - q wait at all, NAN without a tail (tail_none). */
static double tail_quantile(const Ctx *c, double q)
{
    if (c->tail_none) return NAN;
    if (!(c->tail_total > 0)) return 0;
    double tail = 1 - q, at0 = tail_over(c, 0), hi = 0;
    if (!(at0 > tail)) return 0;
    for (int k = 0; k < c->n_tail; k++) { /* the exponentials are below at0 exp(-t / the longest m) */
        double b = c->tail_burst[k] ? c->tail_hold[k] : c->tail_m[k] * log(at0 / tail);
        if (b > hi) hi = b;
    }
    for (int i = 0; i < 200 && tail_over(c, hi) > tail; i++) hi *= 2; /* a burst's part: past its bound */
    double lo = 0;
    for (int i = 0; i < 100 && hi - lo > 1e-9 * hi; i++) {
        double mid = lo + (hi - lo) / 2;
        if (tail_over(c, mid) > tail) lo = mid;
        else hi = mid;
    }
    return lo + (hi - lo) / 2;
}

/* A database type's wait from its stations' (st[shard class][role]): its share at the
 * hot shard and at the others, in its role, the share `moved` (read-your-writes) at the
 * primaries. */
static double db_type_wait(double st[2][2], const double w[2], int shards, int role, double moved)
{
    double wt = 0;
    if (w[0] > 0) wt += w[0] * st[0][role];
    if (w[1] > 0) wt += (shards - 1) * w[1] * st[1][role];
    if (moved > 0) { /* the moved share waits at the primaries */
        double wp = 0;
        if (w[0] > 0) wp += w[0] * st[0][0];
        if (w[1] > 0) wp += (shards - 1) * w[1] * st[1][0];
        wt = (moved < 1 ? (1 - moved) * wt : 0) + moved * wp;
    }
    return wt;
}

/* Waits of a database: per station class (hot shard 0 / any other shard) x (primary /
 * replica), for slots held hold[t] ms. Fills wait[t] (and kept[t], unless NULL: the same
 * with a saturated station's wait its full queue's) and the estimate's servers and
 * stations; returns the utilisation of the busiest station. */
static double database_waits(Ctx *c, int n, const double *hold, double *wait, double *kept, NodeEstimate *est)
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
    double st_wait[2][2], st_kept[2][2], st_rho[2][2];
    double busiest = 0;
    double service = c->own_ms[n], scv = c->scv[n];
    double in = 0; /* the database's arrivals, of which each station takes its lam */
    for (int t = 0; t < nt; t++) in += c->rate[(size_t)t * nn + n] * c->admit[n];
    /* reads read-your-writes sends to the primary (only with replicas to move from) */
    double *moved = xcalloc((size_t)nt + 1, sizeof *moved);
    for (int t = 0; t < nt && replicas > 0; t++) moved[t] = ryw_share(c, n, t);
    for (int s = 0; s < 2; s++) {
        for (int role = 0; role < 2; role++) { /* 0 primary, 1 replica */
            double lam = 0, a = 0;
            for (int t = 0; t < nt; t++) {
                double l = c->rate[(size_t)t * nn + n] * c->admit[n] * w[s];
                if (!(l > 0)) continue;
                bool read = c->m->scenario.requests[t].op == OP_READ;
                int to_role = read && replicas > 0 ? 1 : 0;
                if (to_role == 1 && moved[t] > 0) { /* split: the moved share to the primary */
                    l *= role == 0 ? moved[t] : 1 - moved[t];
                } else if (to_role != role) {
                    continue;
                }
                if (role == 1) l /= replicas;
                lam += l;
                a += l * hold[t] / 1000;
            }
            st_rho[s][role] = lam > 0 ? (pool > 0 ? a / (double)pool : INFINITY) : 0;
            double h_ms = lam > 0 ? a * 1000 / lam : 0;
            double factor = holding_factor(split_scv(c->ca2[n], in > 0 ? lam / in : 1), scv, service, h_ms, -1);
            double pc = 0;
            st_wait[s][role] = station_wait(pool, lam, a, h_ms, factor, 1, node->queue_max, &est->queue_full, &pc);
            st_kept[s][role] = isfinite(st_wait[s][role]) ? st_wait[s][role] : full_queue_wait(pool, h_ms, node->queue_max, c->callers_most);
            if (!kept && lam > 0) {
                if (pc > c->p_station) c->p_station = pc;
                double share = (s == 0 ? 1 : shards - 1) * (role == 0 ? 1 : replicas) * lam;
                c->tail_total += share;
                if (pc >= 1 || est->queue_full) c->tail_none = true;
                else tail_add(c, share, pc, h_ms / ((double)pool - a) * factor);
            }
            if (!kept) /* the queues as they are: a saturated station's full */
                c->queued += (s == 0 ? 1 : shards - 1) * (role == 0 ? 1 : replicas) *
                             (isfinite(st_wait[s][role]) ? lam * st_wait[s][role] / 1000
                                                          : queue_held(node->queue_max, c->callers_most, (double)pool));
            if (!(st_rho[s][role] <= busiest)) busiest = st_rho[s][role];
        }
    }
    /* the share of a type's requests its stations serve: a saturated one serves 1 / rho */
    double st_serve[2][2];
    for (int s = 0; s < 2; s++)
        for (int role = 0; role < 2; role++) st_serve[s][role] = st_rho[s][role] > 1 ? 1 / st_rho[s][role] : 1;
    for (int t = 0; t < nt; t++) {
        int role = c->m->scenario.requests[t].op == OP_READ && replicas > 0 ? 1 : 0;
        wait[t] = db_type_wait(st_wait, w, shards, role, moved[t]);
        if (!kept) continue;
        kept[t] = db_type_wait(st_kept, w, shards, role, moved[t]);
        /* the same weights as the waits: shares of the shards, the moved share */
        c->share[(size_t)t * nn + n] = db_type_wait(st_serve, w, shards, role, moved[t]);
    }
    free(moved);
    if (replicas > 0 && !kept) { /* by role, as a run measures them: shares of their slots */
        double p = 0, r = 0;
        for (int s = 0; s < 2; s++) {
            double share = s == 0 ? 1.0 / shards : (double)(shards - 1) / shards; /* of the stations of a role */
            p += share * st_rho[s][0];
            r += share * st_rho[s][1];
        }
        est->primary_utilisation = p;
        est->replica_utilisation = r;
        est->whole_utilisation = (p + replicas * r) / (1 + replicas);
    } else if (shards > 1 && !kept) { /* shards alone: the whole, as a run measures it, beside the
                                         busiest shard (a hot one), which est->utilisation gives */
        est->whole_utilisation = st_rho[0][0] / shards + st_rho[1][0] * (double)(shards - 1) / shards;
    }
    est->servers = (double)pool;
    est->stations = shards * (1 + replicas);
    return busiest;
}

/* The instances an autoscaled node settles at for `lam` requests/s holding `a` slots on
 * average (docs/semantics.md, "Autoscaling"): the fixed point of the policy's formula,
 * within its range; its `instances` otherwise. */
static int est_instances(const Node *node, double lam, double a)
{
    int n = node->instances > 0 ? node->instances : 0;
    if (!node_autoscaled(node)) return n;
    const Autoscale *p = &node->autoscale;
    double w = node->workers > 0 ? node->workers : 1, want = n;
    if (p->target > 0) {
        switch (p->metric) {
        case SCALE_UTILISATION: want = ceil(a / (w * p->target) - 1e-9); break;
        case SCALE_INFLIGHT: want = ceil(a / p->target - 1e-9); break;
        case SCALE_RATE: want = ceil(lam / p->target - 1e-9); break;
        default: break;
        }
    }
    if (!(want >= p->min_instances)) want = p->min_instances;
    if (want > p->max_instances) want = p->max_instances;
    return (int)want;
}

/* Whether type t's requests wait in a queue below the node (its holding as it is, hold[t],
 * is longer than without any queueing below, bare[t]). */
static inline bool waits_below(const double *hold, const double *bare, int t) { return hold[t] > bare[t]; }

/* A chance of every thread being held below this is taken as none: dust of the formula,
 * worth neither a wait nor a cut tail. */
#define OVERFLOW_NEGLIGIBLE 1e-6

/* The requests of a blocking node that wait in its own queue because its threads are all
 * held by requests queued below it: `slots` threads, of which `a0` (erlangs) are held for
 * service and wires alone and `q` for requests waiting below, at a station where a
 * request waits with chance `p`. Below, they are a geometric queue's (the callee's M/M/c
 * queue, of which this node's share is a thinned geometric one: q when waiting or not,
 * q / p when waiting); the threads hold at most slots - a0 of them, and the rest, the
 * tail past that, waits in this node's queue instead: q exp(-(slots - a0) p / q). The
 * wait moves, it does not grow: the station below stays as busy, and serves in the same
 * order (docs/semantics.md, "Threads held waiting"). */
static double threads_overflow(double slots, double a0, double q, double p)
{
    if (!(q > 0) || !isfinite(q)) return 0;
    if (!(a0 < slots)) return q;
    double m = q / (p > 0 && p < 1 ? p : 1);
    double all_held = exp(-(slots - a0) / m);
    return all_held < OVERFLOW_NEGLIGIBLE ? 0 : q * all_held;
}

/* Utilisation of node n's slots and the wait of each type when slots are held hold[t]
 * ms (admitted rates from c); kept[t] (unless NULL): the same with a saturated station's
 * wait its full queue's (INFINITY for a consumer of partitions: it waits in the queue).
 * bare[t]: the holding without any queueing below (a blocking node's threads held by
 * requests queued below it: threads_overflow, into c->overflow; NULL: none). */
static double station_figures(Ctx *c, int n, const double *hold, const double *bare, double *wait, double *kept,
                              NodeEstimate *est)
{
    const Node *node = &c->m->nodes[n];
    for (int t = 0; t < c->n_types; t++) c->burst[t] = 0;
    if (node->kind == NODE_DATABASE) return database_waits(c, n, hold, wait, kept, est);
    int nn = c->n_nodes, nt = c->n_types;
    double lam = 0, a = 0, extra = 0, pull = 0;
    for (int t = 0; t < nt; t++) {
        double l = c->rate[(size_t)t * nn + n] * c->admit[n];
        if (l > 0) {
            lam += l;
            a += l * hold[t] / 1000;
            extra += l * c->extra[t];
            pull += l * c->pull[t];
        }
    }
    /* its own work per request (batched items' and a pulled message's fixed way included)
     * and its spread (holding_factor) */
    double scv = c->scv[n], own_ms = c->own_ms[n] + (lam > 0 ? extra / lam : 0);
    if (lam > 0 && pull > 0 && isfinite(scv)) { /* a fixed part adds no variance */
        double with = own_ms + pull / lam;
        scv = with > 0 ? scv * own_ms * own_ms / (with * with) : 0;
        own_ms = with;
    }
    /* an autoscaled node: settled on the load its slots hold (the first call, waits
     * downstream included as its busy time is), the same count for the own-work call */
    if (c->inst[n] == 0) c->inst[n] = est_instances(node, lam, a) + 1;
    long servers = (long)(c->inst[n] - 1) * (node->workers > 0 ? node->workers : 0);
    est->servers = (double)servers;
    /* Fed only by partitioned queues: a consumer group takes one message per partition at
     * a time, so at most min(slots, partitions) slots work. With a slot for every
     * partition each partition is an M/M/1 of its share of the messages (exact, by
     * Poisson splitting; partition 0 takes hot_partition when it is above an even
     * share); with fewer slots than partitions, M/M/c of the slots. */
    int parts = 0, feeder = -1;
    double hot = 0;
    for (int k = c->in_start[n]; k < c->in_start[n + 1]; k++) {
        int f = c->from[c->in_edges[k]];
        const Node *q = f >= 0 ? &c->m->nodes[f] : NULL;
        if (!q || q->kind != NODE_QUEUE || q->partitions <= 0) {
            parts = 0;
            break;
        }
        if (parts == 0 || q->partitions < parts) {
            parts = q->partitions;
            hot = q->hot_partition;
            feeder = f;
        }
    }
    if (parts > 0 && servers >= parts) {
        est->servers = (double)parts;
        if (servers > parts) est->capped_by = feeder;
        double h_ms = lam > 0 ? a * 1000 / lam : 0;
        double w0 = parts > 1 && hot > 1.0 / parts ? hot : 1.0 / parts, factor = holding_factor(split_scv(c->ca2[n], w0), scv, own_ms, h_ms, c->below_var);
        double w1 = parts > 1 ? (1 - w0) / (parts - 1) : 0;
        /* the messages wait in the queue node, not in the consumer's own queue */
        if (!kept) c->tail_none = true;
        bool unused = false;
        double wt = w0 * station_wait(1, lam * w0, a * w0, h_ms, factor, 1, INT_MAX, &unused, NULL);
        if (w1 > 0) wt += (parts - 1) * w1 * station_wait(1, lam * w1, a * w1, h_ms, factor, 1, INT_MAX, &unused, NULL);
        for (int t = 0; t < nt; t++) wait[t] = lam > 0 ? wt : 0;
        for (int t = 0; kept && t < nt; t++) kept[t] = lam > 0 && !isfinite(wt) ? INFINITY : wait[t];
        return lam > 0 ? a * w0 : 0; /* the busiest partition */
    }
    double h_ms = lam > 0 ? a * 1000 / lam : 0, hold_all_ms = h_ms;
    /* Blocking io with requests queued below (q erlangs of its load a): its threads wait in
     * its own queue for what service and wires alone hold (a0), plus the overflow of what
     * waits below; its slots are busy with a0 and what they hold of q. Past a0's capacity
     * it cannot keep up whatever waits below: the usual figures. */
    double a0 = a, over = 0, lam_w = 0; /* lam_w: the rate of the types that wait below */
    if (bare && node->io == IO_BLOCKING && lam > 0) {
        a0 = 0;
        for (int t = 0; t < nt; t++) {
            double l = c->rate[(size_t)t * nn + n] * c->admit[n];
            if (!(l > 0)) continue;
            a0 += l * bare[t] / 1000;
            if (waits_below(hold, bare, t)) lam_w += l;
        }
    }
    double q = a - a0;
    bool held = q > 1e-9 * a && isfinite(q) && servers > 0 && a0 < (double)servers;
    if (held) {
        over = threads_overflow((double)servers, a0, q, c->pw_below);
        a = a0 + q - over; /* the threads' busy share */
        if (over > (double)(node->queue_max > 0 ? node->queue_max : 0)) { /* its queue full of them */
            over = node->queue_max > 0 ? node->queue_max : 0;
            est->queue_full = true;
        }
        h_ms = a0 * 1000 / lam;
    } else {
        a0 = a;
    }
    double factor0 = holding_factor(c->ca2[n], scv, own_ms, h_ms, c->below_var); /* of what its slots hold without waits below */
    double p_wait = 0;
    double size = 1; /* slots a burst takes at once */
    double burst = burst_wait(c, n, (double)servers, hold_all_ms, kept ? NULL : est, &size); /* within bursts, into c->burst */
    double w = station_wait(servers, lam, a0, h_ms, factor0, size, node->queue_max, &est->queue_full, &p_wait);
    if (!kept) {
        /* the overflow waits over / lam_w; every type's requests arrive behind it */
        c->overflow = over;
        c->overflow_ms = over > 0 && lam_w > 0 ? over * 1000 / lam_w : 0;
        c->blocked_rps = over > 0 ? lam - lam_w : 0;
        c->held_all = over > 0 ? over / (a - a0 + over) : 0;
        c->queued = isfinite(w) ? lam * (w + burst + c->overflow_ms) / 1000 : queue_held(node->queue_max, c->callers_most, (double)servers);
        c->p_station = p_wait;
        /* its wait's tail: Erlang C's, and the overflow's (waiting with the chance that what
         * waits below is past its spare threads, for as long as that tail takes to go) */
        if (!isfinite(w) || est->queue_full) {
            c->tail_none = true;
        } else if (lam > 0) {
            c->tail_total = 1; /* both apply to every request */
            double bursts = 0, wait_m = h_ms / ((double)servers - a0) * factor0;
            for (int k = 0; k < c->n_tail; k++) { /* copies of bursts: the slots' wait, then their burst's */
                c->tail_p[k] = c->p_station;
                c->tail_m[k] = wait_m;
                bursts += c->tail_w[k];
            }
            if (c->p_station > 0 && bursts < 1) tail_add(c, 1 - bursts, c->p_station, wait_m);
            double pw = c->pw_below > 0 && c->pw_below < 1 ? c->pw_below : 1;
            if (over > 0) tail_add(c, 1, over / (q / pw), q / pw * 1000 / lam_w);
        }
    }
    for (int t = 0; t < nt; t++) wait[t] = w + c->burst[t];
    double wk = isfinite(w) ? w : full_queue_wait(servers, h_ms, node->queue_max, c->callers_most);
    for (int t = 0; kept && t < nt; t++) kept[t] = wk + (isfinite(w) ? c->burst[t] : 0);
    return lam > 0 ? (servers > 0 ? a / (double)servers : INFINITY) : 0;
}

/* The over-capacity node (its own slots or in-flight limit cannot keep up) that node n
 * waits on through synchronous calls that carry traffic, directly or further down: the
 * nearest (fewest calls away; the most utilised of those, the first found on a tie),
 * into c->near[n] (-1 when there is none) and c->near_dist[n]. From its callees' own
 * answers, each callee done before n: one pass over n's edges, so the whole estimate
 * stays linear. A queue never waits on its consumers. */
static void find_near(Ctx *c, int n)
{
    int nn = c->n_nodes, nt = c->n_types, best = -1, best_dist = 0;
    c->near[n] = -1;
    c->near_dist[n] = 0;
    if (c->m->nodes[n].kind == NODE_QUEUE) return;
    for (int k = c->out_start[n]; k < c->out_start[n + 1]; k++) {
        int e = c->out_edges[k], j = c->to[e];
        if (c->m->edges[e].mode != EDGE_SYNC || !(c->fin[j] < c->fin[n])) continue;
        bool carries = false;
        for (int t = 0; t < nt && !carries; t++)
            carries = c->gain[(size_t)e * nt + t] > 0 && c->rate[(size_t)t * nn + n] > 0;
        if (!carries) continue;
        int cand = c->est[j].over_capacity ? j : c->near[j];
        if (cand < 0) continue;
        int dist = c->est[j].over_capacity ? 1 : c->near_dist[j] + 1;
        if (best < 0 || dist < best_dist ||
            (dist == best_dist && !(c->est[cand].utilisation <= c->est[best].utilisation))) {
            best = cand;
            best_dist = dist;
        }
    }
    c->near[n] = best;
    c->near_dist[n] = best_dist;
}

/* The service a batched call's items add at node n, per arrival of each type (ms): over
 * the batched edges into n, the calls' flow x (items per call - 1) x batch_item_ms,
 * shared over the type's arrivals. 0 for every type of a design without batching. */
static void batch_extra(const Ctx *c, int n, double *extra)
{
    const Model *m = c->m;
    int nn = c->n_nodes, nt = c->n_types;
    memset(extra, 0, ((size_t)nt + 1) * sizeof *extra);
    for (int i = c->in_start[n]; i < c->in_start[n + 1]; i++) {
        int e = c->in_edges[i], a = c->from[e];
        const Edge *ed = &m->edges[e];
        if (ed->batch <= 1 || !(nonneg(ed->batch_item_ms) > 0) || a < 0) continue;
        double calls = c->calls[e], items = c->items[e];
        if (!(calls > 0) || !(items > calls)) continue;
        for (int t = 0; t < nt; t++) {
            double flow = edge_type_rps(c, e, t);
            double arrivals = c->rate[(size_t)t * nn + n];
            if (flow > 0 && arrivals > 0)
                extra[t] += flow * (items / calls - 1) * ed->batch_item_ms / arrivals;
        }
    }
}

/* Calls per second along edge e, of every type. */
static double edge_calls(const Ctx *c, int e)
{
    double calls = 0;
    for (int t = 0; t < c->n_types; t++) calls += edge_type_rps(c, e, t);
    return calls;
}

/* What node n's slots (its figures in est) and, for async io, its sync callees and their
 * wires can hold at once: its requests in progress, before its in-flight limit. INFINITY
 * past a callee still on the walk's path. */
static double in_progress_room(const Ctx *c, int n, const NodeEstimate *est)
{
    const Node *node = &c->m->nodes[n];
    double progress = est->servers * est->stations;
    if (node->io == IO_ASYNC && node->kind != NODE_QUEUE) {
        for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
            int e = c->out_edges[i], j = c->to[e];
            double calls = edge_calls(c, e);
            if (c->m->edges[e].mode != EDGE_SYNC || !(calls > 0)) continue;
            progress += c->fin[j] < c->fin[n] ? c->room[j] + calls * wire_ms(c, e) / 1000 : INFINITY;
        }
    }
    return progress;
}

/* The share of its messages (of type `name`, NULL: any) queue node n takes in: a consumer
 * that cannot keep up fills the backlog up to max_depth, and past that the queue takes in
 * only what the slowest consumer group serves, rejecting the rest. */
static double queue_take(const Ctx *c, int n, const char *name)
{
    double take = 1;
    for (int i = c->out_start[n]; c->m->nodes[n].max_depth > 0 && i < c->out_start[n + 1]; i++) {
        int e = c->out_edges[i], j = c->to[e];
        /* what the consumer serves, of which it passes on only its share when it holds
         * a node below that cannot take the rest (relay) */
        double share = j >= 0 ? c->serve[j] * c->relay[j] : 1;
        if (j >= 0 && (!name || edge_carries(&c->m->edges[e], name)) && share < take) take = share;
    }
    return take;
}

/* The one queue feeding consumer n, when that queue's backlog is bounded (max_depth):
 * where what n cannot take is turned away; -1 otherwise (several feeders, or none). */
static int feeding_queue(const Ctx *c, int n)
{
    int feeder = -1, feeders = 0;
    for (int i = c->in_start[n]; i < c->in_start[n + 1]; i++) {
        int f = c->from[c->in_edges[i]];
        if (f >= 0 && f != feeder) {
            feeder = f;
            feeders++;
        }
    }
    return feeders == 1 && c->m->nodes[feeder].max_depth > 0 ? feeder : -1;
}

/* Node n's callers can have fewer requests at it at once than its queue_max holds. */
static bool callers_bound(const Ctx *c, int n)
{
    return c->most[n] >= 0 && c->most[n] < c->m->nodes[n].queue_max;
}

/* The variance (ms^2) of type t's latency at callee j as node n sees it: what follows its
 * wait, its wait for the slots and its wait within a burst (taken as exponential), as if
 * independent (0 for a node still on the walk's path). */
static double child_var(const Ctx *c, int n, int j, int t)
{
    if (!(c->fin[j] < c->fin[n])) return 0;
    size_t at = (size_t)t * c->n_nodes + j;
    double b = c->burst_at[at], v = c->var_free[at] + c->var_queue[at] + (isfinite(b) ? b * b : 0);
    return isfinite(v) && v > 0 ? v : 0;
}

/* The variance (ms^2) of type t's sync downstream time at node n, as downstream_ms adds it
 * up (its latencies as they are): a sequential caller's calls add theirs (a call made with
 * chance p < 1 mixes: p (v + hop^2) - (p hop)^2); a parallel caller's is the slowest
 * call's; a balancer's one target and a cache's misses mix. The wires' delays are fixed. */
static double downstream_var(const Ctx *c, int n, int t)
{
    const Model *m = c->m;
    const Node *node = &m->nodes[n];
    const RequestType *rt = &m->scenario.requests[t];
    if (node->kind == NODE_QUEUE) return 0;
    if (node_kind_caches(node->kind) && rt->op == OP_WRITE && !write_calls_store(node)) return 0;
    double s1 = 0, s2 = 0, var = 0;
    int k = 0;
    for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
        int e = c->out_edges[i], j = c->to[e];
        const Edge *ed = &m->edges[e];
        if (!edge_carries(ed, rt->name)) continue;
        if (node->kind == NODE_LOAD_BALANCER) { /* one target, each equally likely */
            double hop = ed->mode == EDGE_SYNC ? hop_ms(c, e, t, LAT_AS_IS) : 0;
            double v = ed->mode == EDGE_SYNC ? child_var(c, n, j, t) : 0;
            s1 += hop;
            s2 += v + hop * hop;
            k++;
            continue;
        }
        double calls = c->calls[e];
        if (ed->mode != EDGE_SYNC || !(calls > 0) || node->calls == CALLS_PARALLEL) continue;
        double hop = hop_ms(c, e, t, LAT_AS_IS), v = child_var(c, n, j, t);
        var += calls * v + c->calls_var[e] * hop * hop; /* a sum of N calls: E[N] v + Var(N) hop^2 */
    }
    if (node->kind == NODE_LOAD_BALANCER) {
        var = k ? s2 / k - (s1 / k) * (s1 / k) : 0;
    } else if (node->calls == CALLS_PARALLEL) {
        var = c->join_var[(size_t)t * c->n_nodes + n];
    }
    if (node_kind_caches(node->kind) && rt->op != OP_WRITE) { /* only its misses go on */
        double q = 1 - c->hit[(size_t)t * c->n_nodes + n], d = c->down[(size_t)t * c->n_nodes + n];
        double miss = q > 0 ? d / q : 0; /* the downstream time of a miss */
        var = q * (var + miss * miss) - d * d;
    }
    return isfinite(var) && var > 0 ? var : 0;
}

/* The share of type t's arrivals at node n answered without an error (callees done
 * before n): what its rate limit admits and its slots serve, times the share of its sync
 * calls that succeed (a caller fails with its callee; a call made with probability p
 * succeeds 1 - p (1 - ok), k calls ok^k; a load balancer's one target on average; a
 * cache's read only on a miss; a queue answers its producer after its own service). */
static double node_ok(const Ctx *c, int n, int t)
{
    const Model *m = c->m;
    const Node *node = &m->nodes[n];
    const RequestType *rt = &m->scenario.requests[t];
    double ok = node->kind == NODE_CLIENT ? 1
                : c->admit[n] * (c->est[n].turned_away_at >= 0 ? 1 : c->share[(size_t)t * c->n_nodes + n]);
    ok *= c->relay[n];
    if (node->kind == NODE_QUEUE) return ok * queue_take(c, n, rt->name);
    if (node_kind_caches(node->kind) && rt->op == OP_WRITE && !write_calls_store(node)) return ok;
    double below = 1, sum = 0;
    int k = 0;
    for (int i = c->out_start[n]; i < c->out_start[n + 1]; i++) {
        int e = c->out_edges[i], j = c->to[e];
        const Edge *ed = &m->edges[e];
        if (!edge_carries(ed, rt->name)) continue;
        double child = ed->mode == EDGE_SYNC && c->fin[j] < c->fin[n] ? c->ok[(size_t)t * c->n_nodes + j] : 1;
        if (node->kind == NODE_LOAD_BALANCER) {
            sum += child;
            k++;
            continue;
        }
        double calls = c->calls[e];
        if (calls >= 1) below *= pow(child, calls);
        else if (calls > 0) below *= 1 - calls * (1 - child);
    }
    if (node->kind == NODE_LOAD_BALANCER) below = k ? sum / k : 1;
    if (node_kind_caches(node->kind) && rt->op != OP_WRITE) {
        double hit = c->hit[(size_t)t * c->n_nodes + n];
        below = hit + (1 - hit) * below;
    }
    return ok * below;
}

/* A consumer fed only by queue nodes pulls a message when a slot is free: its messages
 * wait in the queues' backlogs, not in its own queue (a run measures its queue empty and
 * the queue's backlog), so its wait moves to them, by their shares of its arrivals: the
 * queue's `backlog` (Little's law) and `backlog_wait_ms`; the consumer keeps how long its
 * messages wait there (backlog_wait_ms, out of its wait_ms and latency_ms). */
static void consumer_backlog(Ctx *c, int n, double lam)
{
    NodeEstimate *est = &c->est[n];
    double wait = est->wait_ms, in = 0, most = 0;
    if (!(lam > 0) || !(wait > 0) || !isfinite(wait)) return;
    for (int j = c->in_start[n]; j < c->in_start[n + 1]; j++) {
        int e = c->in_edges[j], a = c->from[e];
        double f = edge_calls(c, e);
        if (!(f > 0)) continue;
        if (a < 0 || c->m->nodes[a].kind != NODE_QUEUE) return; /* a direct caller: it queues here too */
        in += f;
    }
    if (!(in > 0)) return;
    for (int j = c->in_start[n]; j < c->in_start[n + 1]; j++) {
        int e = c->in_edges[j], a = c->from[e];
        double f = edge_calls(c, e) * lam / in; /* admitted */
        if (!(f > 0)) continue;
        if (c->carried && c->fixed[a]) continue; /* held there once, in the offered flow */
        NodeEstimate *q = &c->est[a];
        double held = q->backlog + f * wait / 1000;
        q->backlog_wait_ms = held > 0 ? (q->backlog * q->backlog_wait_ms + f * wait / 1000 * wait) / held : 0;
        q->backlog = held;
        if (f > most) {
            most = f;
            est->backlog_at = a;
        }
    }
    est->backlog_wait_ms = wait;
    est->latency_ms -= wait;
    est->wait_ms = 0;
    est->overflow_wait_ms = est->blocked_rps = 0; /* threads all held: it pulls none, they wait there too */
    est->held_at = -1;
    est->wait_p99_ms = 0; /* its own queue: empty */
}

/* Step 2 for one node: downstream, holding, waits and latency of every type, twice:
 * as they are, and with the queueing waits of over-capacity nodes below taken as 0,
 * which tells a node that cannot keep up on its own from one that is only backed up. */
static void node_figures(Ctx *c, int n)
{
    const Node *node = &c->m->nodes[n];
    int nn = c->n_nodes, nt = c->n_types;
    double *hold_bare = c->hold_bare;
    double service = c->own_ms[n];
    batch_extra(c, n, c->extra);
    pull_waits(c, n, c->pull);
    join_figures(c, n);
    for (int t = 0; t < nt; t++) {
        c->down[(size_t)t * nn + n] = downstream_ms(c, n, t, LAT_AS_IS);
        c->dvar[t] = downstream_var(c, n, t);
        c->down_own[(size_t)t * nn + n] = downstream_ms(c, n, t, LAT_OWN);
        double bare = downstream_ms(c, n, t, LAT_BARE);
        c->lat_bare[(size_t)t * nn + n] = (node->kind == NODE_CLIENT ? 0 : service + c->extra[t]) + bare;
        hold_bare[t] = c->pull[t] + service + c->extra[t] + (node->io == IO_BLOCKING ? bare : 0);
    }
    /* where its requests may wait below it: the callee station most likely to make them */
    c->pw_below = 0;
    c->pw_below_at = c->spill_below = -1;
    for (int k = c->out_start[n]; k < c->out_start[n + 1]; k++) {
        int e = c->out_edges[k], j = c->to[e];
        if (c->m->edges[e].mode != EDGE_SYNC || !(c->fin[j] < c->fin[n]) || !(c->pw[j] > c->pw_below)) continue;
        bool carries = false;
        for (int t = 0; t < nt && !carries; t++) carries = edge_type_rps(c, e, t) > 0;
        if (carries) {
            c->pw_below = c->pw[j];
            c->pw_below_at = c->pw_at[j];
            c->spill_below = c->spill[j];
        }
    }

    NodeEstimate *est = &c->est[n];
    memset(est, 0, sizeof *est);
    est->backed_up_by = -1;
    est->capped_by = -1;
    est->turned_away_at = -1;
    est->held_at = -1;
    est->burst_from = -1;
    est->backlog_at = -1;
    est->whole_utilisation = est->primary_utilisation = est->replica_utilisation = -1;
    double *hold = c->hold, *hold_own = c->hold_own, *wait = c->wait, *wait_own = c->wait_own;
    memset(wait, 0, ((size_t)nt + 1) * sizeof *wait);
    memset(wait_own, 0, ((size_t)nt + 1) * sizeof *wait_own);
    double lam = 0, a = 0, down_sum = 0, down_own_sum = 0, dsq = 0;
    for (int t = 0; t < nt; t++) {
        double d = c->down[(size_t)t * nn + n], d_own = c->down_own[(size_t)t * nn + n];
        hold[t] = c->pull[t] + service + c->extra[t] + (node->io == IO_BLOCKING ? d : 0);
        hold_own[t] = c->pull[t] + service + c->extra[t] + (node->io == IO_BLOCKING ? d_own : 0);
        double l = c->rate[(size_t)t * nn + n];
        est->arrival_rps += l;
        l *= c->admit[n];
        if (l > 0) {
            dsq += l * (c->dvar[t] + d * d);
            lam += l;
            a += l * hold[t] / 1000;
            down_sum += l * d;
            down_own_sum += l * d_own;
        }
    }
    est->admitted_rps = lam;
    /* what its slots hold below varies by each type's downstream time and between types */
    double dmean = lam > 0 ? down_sum / lam : 0;
    c->below_var = node->io == IO_BLOCKING && lam > 0 && isfinite(dsq) ? dsq / lam - dmean * dmean : -1;
    if (c->below_var < 0 && node->io == IO_BLOCKING && lam > 0 && isfinite(dsq)) c->below_var = 0;
    est->rejected_rps = est->arrival_rps - lam;
    est->stations = 1;
    est->holding_ms = lam > 0 ? a * 1000 / lam : service;
    bool full = false, own_full = false;
    double own_util = 0, inflight_own = 0, overflow = 0, overflow_ms = 0;
    if (node->kind == NODE_CLIENT) {
        /* The traffic source: no slots of its own; its latency is the end-to-end time. */
        est->holding_ms = 0;
        c->room[n] = INFINITY;
        for (int t = 0; t < nt; t++) {
            c->lat[(size_t)t * nn + n] = c->down[(size_t)t * nn + n];
            c->lat_own[(size_t)t * nn + n] = c->down_own[(size_t)t * nn + n];
        }
    } else {
        c->queued = 0;
        c->overflow = c->overflow_ms = c->blocked_rps = c->held_all = 0;
        c->p_station = 0;
        c->n_tail = 0;
        c->tail_total = 0;
        c->tail_none = false;
        c->callers_most = c->most[n];
        est->utilisation = station_figures(c, n, hold, hold_bare, wait, NULL, est);
        for (int t = 0; t < nt; t++) c->burst_at[(size_t)t * nn + n] = c->burst[t];
        overflow = c->overflow;
        overflow_ms = c->overflow_ms;
        est->wait_p99_ms = tail_quantile(c, 0.99);
        bool queue_full = est->queue_full; /* of the waits as they are, not the own-work ones */
        own_util = station_figures(c, n, hold_own, hold_bare, wait_own, c->wait_kept, est); /* kept: of its own work */
        est->queue_full = queue_full;
        est->own_utilisation = own_util;
        c->need[n] = 0;
        if (node->io == IO_ASYNC) {
            est->inflight = lam > 0 ? lam * (service + down_sum / lam) / 1000 : 0;
            inflight_own = lam > 0 ? lam * (service + down_own_sum / lam) / 1000 : 0;
            est->inflight_limit = (double)(node->max_inflight > 0 ? node->max_inflight : 0) *
                                  (node->workers > 0 ? est->servers / node->workers : 0);
        }
        /* an async node's in-flight limit fills only if its callers can have more requests
         * at it than that, and what its sync callees hold lets that many wait */
        double progress = in_progress_room(c, n, est), can_hold = progress;
        if (c->most[n] >= 0 && c->most[n] < can_hold) can_hold = c->most[n];
        bool limit_full = node->io == IO_ASYNC && est->inflight > est->inflight_limit && can_hold >= est->inflight_limit;
        full = !(est->utilisation < 1) || limit_full;
        /* past its in-flight limit its queue grows at any spare slots: no steady wait, as
         * for a node past its slots (the requests a full queue keeps: lat_kept) */
        if (limit_full)
            for (int t = 0; t < nt; t++) wait[t] = INFINITY;
        /* the most it holds at once: its queues as they are (full behind a full in-flight
         * limit), and what is in progress, up to that limit */
        if (limit_full) c->queued = queue_held(node->queue_max, c->most[n], est->inflight_limit);
        c->room[n] = c->queued + (node->io == IO_ASYNC && est->inflight_limit < progress ? est->inflight_limit : progress);
        own_full = !(own_util < 1) || (node->io == IO_ASYNC && inflight_own > est->inflight_limit);
        for (int t = 0; t < nt; t++) {
            /* behind an overflow from below: a type that waits below waits that much less
             * there (the same latency), any other type that much longer */
            double behind = waits_below(hold, hold_bare, t) ? 0 : overflow_ms;
            c->lat[(size_t)t * nn + n] = wait[t] + behind + service + c->extra[t] + c->down[(size_t)t * nn + n];
            /* an over-capacity node's own queue is its callers' culprit, not their load */
            double w = own_full || !isfinite(wait_own[t]) ? 0 : wait_own[t] + behind;
            c->lat_own[(size_t)t * nn + n] =
                w + service + c->extra[t] + c->down_own[(size_t)t * nn + n];
            /* its variance (child_var): the service's (scv s^2; an unbounded spread taken
             * as exponential's) and the downstream time's, then the wait for the slots'
             * (with chance p, exponential when it waits: 2 w^2 / p - w^2) */
            size_t at = (size_t)t * nn + n;
            double wq = wait[t] + behind - c->burst_at[at], p = c->p_station > 0 && c->p_station <= 1 ? c->p_station : 1;
            double scv = isfinite(c->scv[n]) ? c->scv[n] : 1, v = scv * service * service + c->dvar[t];
            double vq = isfinite(wq) && wq > 0 ? 2 * wq * wq / p - wq * wq : 0;
            c->var_free[at] = isfinite(v) ? v : 0;
            c->var_queue[at] = isfinite(vq) ? vq : 0;
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
    /* Its threads all held by requests queued below: those past what they hold wait here
     * instead, so this node's queue holds them and the queue below that held the outermost
     * part of them (the station where such waits are likeliest, or the highest node above
     * it whose threads overflow already) holds that many fewer; the latencies stay
     * (threads_overflow). */
    if (overflow > 0 && lam > 0 && isfinite(est->wait_ms)) {
        est->overflow_wait_ms = overflow_ms;
        est->wait_ms += overflow_ms;
        est->blocked_rps = c->blocked_rps;
        est->held_at = c->pw_below_at;
        int j = c->spill_below;
        NodeEstimate *below = j >= 0 && !(c->carried && c->fixed[j]) ? &c->est[j] : NULL; /* moved once */
        if (below && below->admitted_rps > 0 && isfinite(below->wait_ms)) {
            double moved = overflow * 1000 / below->admitted_rps;
            if (moved > below->wait_ms) moved = below->wait_ms;
            below->wait_ms -= moved;
            below->latency_ms -= moved;
            below->kept_latency_ms -= moved;
            below->overflow_wait_ms = below->overflow_wait_ms > moved ? below->overflow_wait_ms - moved : 0;
            if (c->held_all >= 0.01) below->wait_p99_ms = NAN; /* its tail cut short by the threads above it */
        }
    }
    consumer_backlog(c, n, lam);
    /* the chance that its requests wait here or below, and where the tail queues */
    c->pw[n] = node->kind == NODE_CLIENT ? 0 : c->p_station;
    c->pw_at[n] = c->spill[n] = n;
    if (c->pw_below > c->pw[n]) {
        c->pw[n] = c->pw_below;
        c->pw_at[n] = c->pw_below_at;
        if (!(overflow > 0)) c->spill[n] = c->spill_below;
    }
    if (node->kind != NODE_CLIENT) {
        est->over_capacity = own_full;
        if (own_full || full) est->wait_p99_ms = NAN; /* no steady tail past capacity */
        if (full && !own_full) {
            est->backed_up_by = c->near[n];
            if (est->backed_up_by < 0) est->over_capacity = true; /* nothing below to blame */
            else if (!(est->utilisation <= 1)) est->utilisation = 1; /* every slot held waiting */
        }
        est->near_capacity = !(est->utilisation < ANALYTIC_NEAR_CAPACITY);
        if (est->over_capacity && node->kind != NODE_DATABASE) {
            /* what its own work needs, in slots per slot (or in-flight limits) */
            double need = own_full ? own_util : est->utilisation;
            if (node->io == IO_ASYNC) {
                double in = own_full ? inflight_own : est->inflight;
                double r = est->inflight_limit > 0 ? in / est->inflight_limit : INFINITY;
                if (!(r <= need)) need = r;
            }
            c->need[n] = need;
        }
    }
    /* what its slots serve: a database by each type's stations, any other node alike */
    est->served_rps = 0;
    for (int t = 0; t < nt; t++) {
        size_t at = (size_t)t * nn + n;
        if (node->kind != NODE_DATABASE) c->share[at] = c->serve[n];
        est->served_rps += c->rate[at] * c->admit[n] * c->share[at];
    }
    /* The requests that are kept, and the share answered. Over capacity, those in its
     * full queue wait for it to leave at the rate its own work lets it serve (by station
     * for a database; what its callers can hold, when that is less than queue_max).
     * Where its callers hold fewer requests than its queue_max, its queue never fills:
     * its holder's does (callers_hold; for a consumer, its queue's backlog), which turns
     * away the same share of every request it gets (the least share this node serves of
     * its types, c->relay), and this node answers all that reaches it. The holder's queue
     * (a caller's, with several callers) leaves at the rate it takes in; callers of a node
     * that fills its own queue are answered at once when it is full, and keep their
     * waits, as do the nodes further up. Their latencies here and below. */
    bool client = node->kind == NODE_CLIENT, fed = !client && c->most[n] >= 0;
    bool full_own = est->over_capacity && fed;
    int h = c->holder[n];
    if (est->over_capacity && c->most[n] < 0) { /* a consumer: its one queue's backlog fills */
        est->turned_away_at = feeding_queue(c, n);
    } else if (est->over_capacity && h >= 0 && c->fin[h] > c->fin[n] && callers_bound(c, n)) {
        /* a holder whose own callers hold fewer requests than its queue_max never fills its
         * queue either: they hold what it cannot take, and the queue that fills is theirs
         * (an async api behind another's in-flight limit) */
        while (callers_bound(c, h) && c->holder[h] >= 0 && c->fin[c->holder[h]] > c->fin[h]) {
            int up = c->holder[h];
            c->relayed_by[h] = up;
            h = up;
        }
        /* a consumer fed only by a queue takes only that share, and the rest backs up in
         * the queue's backlog, which turns messages away once it is full */
        est->turned_away_at = c->most[h] < 0 ? feeding_queue(c, h) : h;
        if (est->turned_away_at < 0) est->turned_away_at = h;
        for (int t = 0; t < nt; t++) {
            size_t at = (size_t)t * nn + n;
            if (c->rate[at] * c->admit[n] > 0 && c->share[at] < c->relay[h]) c->relay[h] = c->share[at];
        }
    }
    /* its queue fills and leaves at the rate the node it waits on lets through: as the
     * holder of such a node, or (that node having several callers) as one of them; or it
     * holds what its callers hold beyond its slots, and takes in what the holder above it
     * lets through (relayed_by) */
    int culprit = est->backed_up_by, above = c->relayed_by[n];
    bool backed = !full_own && culprit >= 0 && fed &&
                  (c->relay[n] < 1 || above >= 0 ||
                   (c->near_dist[n] == 1 && c->est[culprit].turned_away_at < 0 && callers_bound(c, culprit)));
    double through = 0;
    for (int t = 0; t < nt; t++) {
        size_t at = (size_t)t * nn + n;
        c->ok[at] = node_ok(c, n, t);
        double p = passed(c, n);
        through += c->rate[at] * c->admit[n] * (p > 0 ? c->ok[at] / p : 0);
    }
    if (above >= 0) through *= c->relay[above];
    /* an async node's slots work only for what it takes in (a blocking one's are all held) */
    if (backed && node->io == IO_ASYNC && lam > 0 && through < lam) {
        est->utilisation *= through / lam;
        est->near_capacity = !(est->utilisation < ANALYTIC_NEAR_CAPACITY);
    }
    /* its queue holds queue_max, or what its own callers hold beyond its slots (backed up
     * with async io: beyond its in-flight limit, all held waiting below) */
    /* over capacity by its own in-flight limit, its slots to spare: its full queue leaves
     * at what its places let through, not at its slots' wait (which is next to nothing) */
    bool by_places = full_own && node->io == IO_ASYNC && est->utilisation < 1 && est->inflight_limit > 0 &&
                     est->inflight > est->inflight_limit;
    double in_progress = (backed || by_places) && node->io == IO_ASYNC && est->inflight_limit > 0 ? est->inflight_limit
                                                                                                  : est->servers;
    double held = queue_held(node->queue_max, c->most[n], in_progress);
    /* what leaves its full queue: what it serves, of which the holder of a node below
     * passes on only its share (relay) and waits for the rest */
    double drain = full_own ? est->served_rps * c->relay[n] : through;
    bool relayed = backed || (full_own && c->relay[n] < 1) || by_places;
    double drain_wait = drain > 0 ? held * 1000 / drain : INFINITY;
    double ksum = 0, wsum_kept = 0;
    for (int t = 0; t < nt; t++) {
        size_t at = (size_t)t * nn + n;
        double d = downstream_ms(c, n, t, LAT_KEPT), l = c->rate[at] * c->admit[n];
        double w = client ? 0 : relayed ? drain_wait : isfinite(wait[t]) ? wait[t] : full_own ? c->wait_kept[t] : INFINITY;
        if (!client && !relayed && isfinite(wait[t]) && !waits_below(hold, hold_bare, t)) w += overflow_ms; /* behind the overflow */
        c->lat_kept[at] = client ? d : w + service + c->extra[t] + d;
        if (l > 0) {
            wsum_kept += l * w;
            ksum += l * c->lat_kept[at];
        }
    }
    est->full_wait_ms = est->full_latency_ms = est->full_queue = INFINITY;
    est->kept_latency_ms = isfinite(est->latency_ms) || !(lam > 0) || !isfinite(ksum) ? est->latency_ms : ksum / lam;
    if ((full_own || backed) && lam > 0 && isfinite(wsum_kept)) {
        est->full_wait_ms = wsum_kept / lam;
        est->full_latency_ms = ksum / lam;
        est->full_queue = est->full_wait_ms * drain / 1000; /* Little */
        /* filled by what comes in past what leaves, then a request's wait to get through */
        double excess = lam - drain;
        est->full_after_s = excess > 0 ? est->full_queue / excess + est->full_wait_ms / 1000 : 0;
    }
    if (node->kind == NODE_QUEUE && node->max_depth > 0) { /* a backlog that fills */
        double take = queue_take(c, n, NULL), in = est->admitted_rps * (1 - take);
        if (take < 1 && in > 0) est->full_after_s = node->max_depth / in;
    }
}

/* How many passes settle_capacity takes at most (each a flow and a latency walk): a
 * single over-capacity node settles in one to five, a chain of them in one per link;
 * past this the shares are the last iterate (docs/performance.md: an edit of a 500-node
 * board with 6 nodes over capacity takes about 8 ms). */
#define CAPACITY_MAX_PASSES 12

/* After a pass: the share of its admitted rate each over-capacity node serves, for the
 * next pass. A node whose own work needs `need` times its slots serves 1 / need of it
 * (its queue fills and turns the rest away; a consumer's backs up in its queue), and
 * passes on only that. Exact in one pass for a node whose slots are held for its own
 * work only; a blocking or async node's need falls as it passes on less (the nodes
 * below wait less), so its share is kept within a bracket that closes on the share at
 * which its served load fills its slots (v = serve x need = 1). Returns whether any
 * share moved. */
static bool settle_capacity(Ctx *c)
{
    bool moved = false;
    for (int n = 0; n < c->n_nodes; n++) {
        double f = c->serve[n], need = c->need[n], g = (f > 0 ? f * need : 0) - 1;
        if (!(need > 1) && f >= 1) continue; /* serves all it gets: the usual case */
        if (!(g <= 1e300)) g = 1e300;
        /* the bracket (Illinois: an end kept twice has its gap halved, so that the
         * false position does not creep from one side) */
        if (g > 0) {
            if (c->side[n] > 0) c->gap_lo[n] /= 2;
            c->serve_hi[n] = f;
            c->gap_hi[n] = g;
            c->side[n] = 1;
        } else {
            if (c->side[n] < 0) c->gap_hi[n] /= 2;
            c->serve_lo[n] = f;
            c->gap_lo[n] = g;
            c->side[n] = -1;
        }
        double lo = c->serve_lo[n], hi = c->serve_hi[n], next;
        if (!(c->gap_hi[n] > 0)) next = 1; /* not over capacity at all any more */
        else if (f >= 1) next = 1 / need; /* the first step: exact for a node that holds no wait */
        else next = lo + (hi - lo) * -c->gap_lo[n] / (c->gap_hi[n] - c->gap_lo[n]); /* false position */
        if (!(next >= lo && next <= hi)) next = lo + (hi - lo) / 2;
        if (fabs(next - f) > 1e-5 * (f > 1e-300 ? f : 1e-300)) {
            c->serve[n] = next;
            moved = true;
        }
    }
    return moved;
}

/* Step 2b, the carried flow. A node whose queue fills behind a node below it (backed
 * up by it, or over capacity itself and waiting on a bounded one) answers only what
 * leaves that queue, and turns the rest away: the nodes below it get only that. The
 * offered flow judges who is over capacity and who is backed up, and those keep its
 * figures (an over-capacity node shows its offered load); then the flow is solved again
 * with each node passing on no more than the offered flow found it does (out_cap: what
 * leaves a full queue, estimate_done_rps, else what its slots serve), and the nodes that
 * keep up are walked again at the rates they get, as a run measures them: a cache
 * beside a backed-up service's database answers what that service lets through. */
static void carried_flow(Ctx *c)
{
    int nn = c->n_nodes;
    bool any = false;
    for (int n = 0; n < nn; n++) {
        const NodeEstimate *e = &c->est[n];
        bool full = estimate_full(e);
        double out = e->admitted_rps * c->serve[n];
        c->out_cap[n] = full ? estimate_done_rps(e) : out * c->relay[n]; /* a consumer holding a node below: its share */
        c->fixed[n] = e->over_capacity || e->backed_up_by >= 0 || full;
        if (c->out_cap[n] < out * (1 - 1e-9)) any = true;
    }
    if (!any || !c->flow_converged) return;
    memcpy(c->rate_off, c->rate, (size_t)c->n_types * nn * sizeof *c->rate);
    c->carried = true;
    solve_flow(c);
    arrival_scv(c);
    for (int i = 0; i < nn; i++) {
        int n = c->post[i];
        if (c->fixed[n]) continue;
        find_near(c, n);
        node_figures(c, n);
    }
}

/* Steps 1 and 2 for the current injected rates: the flow, then every node after the
 * nodes it waits on. */
static void evaluate(Ctx *c)
{
    c->carried = false;
    for (int n = 0; n < c->n_nodes; n++) {
        c->serve[n] = 1;
        c->serve_lo[n] = 0;
        c->serve_hi[n] = 1;
        c->gap_lo[n] = -1; /* nothing served, nothing needed */
        c->gap_hi[n] = 0;
        c->side[n] = 0;
    }
    for (int pass = 0;; pass++) {
        solve_flow(c);
        if (c->key_caches && !c->key_hits_done) { /* once: from the first rates */
            key_hits(c);
            c->key_hits_done = true;
            solve_flow(c);
        }
        arrival_scv(c);
        for (int n = 0; n < c->n_nodes; n++) {
            c->relay[n] = 1;
            c->relayed_by[n] = -1;
        }
        for (int i = 0; i < c->n_nodes; i++) {
            int n = c->post[i];
            find_near(c, n);
            node_figures(c, n);
        }
        /* an amplifying cycle is unbounded as it stands: not cut down to capacities */
        if (!c->flow_converged || pass + 1 >= CAPACITY_MAX_PASSES || !settle_capacity(c)) break;
    }
    carried_flow(c);
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
    double users = rt->users, think = nonneg(dist_drawn_mean(&rt->think_ms));
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
            double v = edge_type_rps(&c, e, t);
            out->edge_type_rps[(size_t)t * c.n_edges + e] = v;
            out->edge_rps[e] += v;
        }
    }
    out->n_requests = nt;
    out->request_rate_rps = xcalloc((size_t)nt + 1, sizeof *out->request_rate_rps);
    out->request_latency_ms = xcalloc((size_t)nt + 1, sizeof *out->request_latency_ms);
    out->request_offered_rps = xcalloc((size_t)nt + 1, sizeof *out->request_offered_rps);
    out->request_answered_rps = xcalloc((size_t)nt + 1, sizeof *out->request_answered_rps);
    out->request_kept_latency_ms = xcalloc((size_t)nt + 1, sizeof *out->request_kept_latency_ms);
    out->request_full_after_s = xcalloc((size_t)nt + 1, sizeof *out->request_full_after_s);
    for (int t = 0; t < nt; t++) {
        for (int n = 0; n < c.n_nodes; n++)
            if (c.rate[(size_t)t * c.n_nodes + n] > 0 && c.est[n].full_after_s > out->request_full_after_s[t])
                out->request_full_after_s[t] = c.est[n].full_after_s;
        const RequestType *rt = &m->scenario.requests[t];
        double x = out->request_rate_rps[t] = c.client_of[t] >= 0 ? c.x[t] : 0;
        double r = out->request_latency_ms[t] = end_to_end_ms(&c, t);
        int client = c.client_of[t];
        size_t at = (size_t)t * c.n_nodes + (size_t)(client >= 0 ? client : 0);
        out->request_answered_rps[t] = client >= 0 ? x * c.ok[at] : 0;
        out->request_kept_latency_ms[t] = client >= 0 ? c.lat_kept[at] : 0;
        double think = is_closed(rt) ? nonneg(dist_drawn_mean(&rt->think_ms)) : 0, sent = x;
        if (think > 0 && isfinite(r) && x > 0) { /* Little's law: X R users are in the design */
            double outside = rt->users - x * r / 1000;
            if (outside * 1000 / think > x) sent = outside * 1000 / think;
        }
        out->request_offered_rps[t] = sent;
    }
    size_t cells = (size_t)nt * c.n_nodes;
    out->type_rps = xcalloc(cells + 1, sizeof *out->type_rps);
    memcpy(out->type_rps, c.rate, cells * sizeof *out->type_rps);
    for (int n = 0; c.carried && n < c.n_nodes; n++) /* the nodes that keep the offered figures */
        for (int t = 0; c.fixed[n] && t < nt; t++)
            out->type_rps[(size_t)t * c.n_nodes + n] = c.rate_off[(size_t)t * c.n_nodes + n];
    /* the offered flow, a request type's path: its rates back in place for the edges' */
    if (c.carried) {
        memcpy(c.rate, c.rate_off, cells * sizeof *c.rate);
        c.carried = false;
    }
    out->type_offered_rps = xcalloc(cells + 1, sizeof *out->type_offered_rps);
    memcpy(out->type_offered_rps, c.rate, cells * sizeof *out->type_offered_rps);
    out->edge_type_offered_rps = xcalloc((size_t)nt * c.n_edges + 1, sizeof *out->edge_type_offered_rps);
    for (int e = 0; e < c.n_edges; e++)
        for (int t = 0; c.from[e] >= 0 && c.to[e] >= 0 && t < nt; t++)
            out->edge_type_offered_rps[(size_t)t * c.n_edges + e] = edge_type_rps(&c, e, t);
    /* a request type's path: the flow with nothing turned away (no node serving less than
     * it admits), per request of the type */
    for (int n = 0; n < c.n_nodes; n++) c.serve[n] = 1;
    solve_flow(&c);
    out->type_visits = xcalloc(cells + 1, sizeof *out->type_visits);
    out->edge_type_visits = xcalloc((size_t)nt * c.n_edges + 1, sizeof *out->edge_type_visits);
    for (int t = 0; t < nt; t++) {
        double x = c.x[t];
        for (int n = 0; x > 0 && n < c.n_nodes; n++)
            out->type_visits[(size_t)t * c.n_nodes + n] = c.rate[(size_t)t * c.n_nodes + n] / x;
        for (int e = 0; x > 0 && e < c.n_edges; e++)
            if (c.from[e] >= 0 && c.to[e] >= 0) out->edge_type_visits[(size_t)t * c.n_edges + e] = edge_type_rps(&c, e, t) / x;
    }
    out->converged = c.flow_converged && closed_converged;
    teardown(&c);
    return out->converged;
}

/* ---- the work of a run ------------------------------------------------------------------ */

/* Time integral over [0, end_s) of the surge factor of open-loop type `name` (the
 * product of the factors of the surges active then, scenario_surge_factor()): a sweep
 * over the surges' starts and ends, so 1,000 surges cost 1,000 log 1,000. */
typedef struct Step {
    double at_s, dlog;
} Step;

static int step_cmp(const void *a, const void *b)
{
    const Step *x = a, *y = b;
    return x->at_s < y->at_s ? -1 : x->at_s > y->at_s;
}

static double surge_integral(const Scenario *s, const char *name, double end_s)
{
    Step *steps = xmalloc(((size_t)s->n_events * 2 + 1) * sizeof *steps);
    int n = 0;
    for (int i = 0; i < s->n_events; i++) {
        const ScenarioEvent *ev = &s->events[i];
        if (ev->action != EVENT_SURGE || !(ev->factor > 0) || !isfinite(ev->factor) ||
            (ev->request && (!name || strcmp(ev->request, name) != 0)))
            continue;
        double from = ev->at_s > 0 ? ev->at_s : 0;
        double to = ev->for_s > 0 ? ev->at_s + ev->for_s : end_s;
        if (to > end_s) to = end_s;
        if (!(from < to)) continue;
        steps[n++] = (Step){from, log(ev->factor)};
        steps[n++] = (Step){to, -log(ev->factor)};
    }
    qsort(steps, (size_t)n, sizeof *steps, step_cmp);
    double total = 0, at = 0, sum = 0;
    for (int k = 0; k <= n; k++) {
        double next = k < n ? steps[k].at_s : end_s;
        if (next > at) total += exp(sum) * (next - at);
        if (k < n) {
            sum += steps[k].dlog;
            at = next;
        }
    }
    free(steps);
    return total;
}

bool estimate_type_turned_away(const Estimate *e, int t)
{
    return e->request_answered_rps[t] < 0.995 * e->request_rate_rps[t];
}

double estimate_type_late_s(const Estimate *e, int t, double warmup_s)
{
    double s = e->request_full_after_s[t];
    return estimate_type_turned_away(e, t) && s > warmup_s + 1 ? s : 0;
}

bool estimate_full(const NodeEstimate *e) { return isfinite(e->full_wait_ms) && e->full_wait_ms > 0; }

double estimate_done_rps(const NodeEstimate *e)
{
    return estimate_full(e) ? e->full_queue * 1000 / e->full_wait_ms : e->served_rps;
}

double estimate_answered_wait_ms(const NodeEstimate *e) { return estimate_full(e) ? e->full_wait_ms : e->wait_ms; }

double estimate_answered_latency_ms(const NodeEstimate *e)
{
    return estimate_full(e) ? e->full_latency_ms : e->kept_latency_ms;
}

bool estimate_over_by_places(const NodeEstimate *e)
{
    return e->over_capacity && e->utilisation < 1 && e->inflight_limit > 0 && e->inflight > e->inflight_limit;
}

double estimate_latency_shown_ms(const NodeEstimate *e)
{
    if (estimate_over_by_places(e)) return INFINITY; /* its slots' wait is no steady one */
    return e->over_capacity || e->backed_up_by >= 0 ? e->latency_ms : e->kept_latency_ms;
}

bool estimate_wait_held_below(const NodeEstimate *e)
{
    return e->held_at >= 0 && e->overflow_wait_ms > 0 && e->overflow_wait_ms >= 0.5 * e->wait_ms &&
           e->overflow_wait_ms >= 0.01 * e->latency_ms;
}

bool estimate_wait_in_bursts(const NodeEstimate *e)
{
    return e->burst_from >= 0 && e->burst_wait_ms > 0 && e->burst_wait_ms >= 0.5 * e->wait_ms &&
           e->burst_wait_ms >= 0.01 * e->latency_ms;
}

bool estimate_util_floored(const NodeEstimate *e)
{
    return !isfinite(e->utilisation) && isfinite(e->own_utilisation);
}

const char *estimate_rate_text(double rps, char *out, size_t cap)
{
    if (!(rps < ESTIMATE_UNBOUNDED_RPS)) return snprintf(out, cap, "%s", _("unbounded")), out;
    return numfmt_count(rps, out, cap);
}

const char *estimate_util_text(const NodeEstimate *e, char *out, size_t cap)
{
    if (!(e->arrival_rps < ESTIMATE_UNBOUNDED_RPS)) return snprintf(out, cap, "%s", _("unbounded")), out;
    if (!estimate_util_floored(e)) return numfmt_percent(e->utilisation, out, cap);
    char pct[NUMFMT_CAP];
    snprintf(out, cap, "\xE2\x89\xA5\xC2\xA0%s", numfmt_percent(e->own_utilisation, pct, sizeof pct)); /* ≥, a no-break space */
    return out;
}

double analytic_surge_mean(const Scenario *s, const char *name, double from_s, double to_s)
{
    if (!(to_s > from_s)) return 1;
    return (surge_integral(s, name, to_s) - surge_integral(s, name, from_s)) / (to_s - from_s);
}

/* Events per simulated second of each type into per_type[t], from the flow in c. */
static void events_by_type(const Ctx *c, double *per_type)
{
    const Model *m = c->m;
    int nn = c->n_nodes, nt = c->n_types, ne = c->n_edges;
    for (int t = 0; t < nt; t++) {
        double ev = c->x[t]; /* births */
        int client = c->client_of[t];
        if (client >= 0 && m->nodes[client].timeout_ms > 0) ev += c->x[t];
        per_type[t] = ev;
    }
    for (int e = 0; e < ne; e++) {
        int a = c->from[e];
        if (a < 0 || c->to[e] < 0) continue;
        const Edge *ed = &m->edges[e];
        bool tx = ed->bandwidth_mbps > 0;
        int per_call = (nonneg(ed->latency_ms) > 0 || (tx && nonneg(ed->request_kb) > 0)); /* arrival */
        if (ed->mode == EDGE_SYNC && m->nodes[a].kind != NODE_QUEUE) {
            per_call += nonneg(ed->latency_ms) > 0 || (tx && nonneg(ed->response_kb) > 0); /* answer */
            per_call += ed->timeout_ms > 0; /* its timer */
        }
        if (!per_call) continue;
        for (int t = 0; t < nt; t++)
            if (c->gain[(size_t)e * nt + t] > 0) per_type[t] += per_call * edge_type_rps(c, e, t);
    }
    for (int n = 0; n < nn; n++) {
        const Dist *d = &m->nodes[n].service_ms;
        if (m->nodes[n].kind == NODE_CLIENT || (d->kind == DIST_CONSTANT && !(d->mean > 0)))
            continue;
        for (int t = 0; t < nt; t++) per_type[t] += c->rate[(size_t)t * nn + n] * passed(c, n);
    }
}

/* Events of the run from per-type events per second: each type over its own time
 * (surges included). */
static double run_events(const Model *m, const double *per_type, double end_s)
{
    double total = 0;
    for (int t = 0; t < m->scenario.n_requests; t++) {
        const RequestType *rt = &m->scenario.requests[t];
        if (!(per_type[t] > 0)) continue;
        double span = is_closed(rt) ? end_s : surge_integral(&m->scenario, rt->name, end_s);
        total += per_type[t] * span;
    }
    return total;
}

WorkEstimate analytic_work(const Model *m, const Estimate *e, double warmup_s, double duration_s)
{
    WorkEstimate w;
    memset(&w, 0, sizeof w);
    double end_s = nonneg(warmup_s) + nonneg(duration_s);
    Ctx c;
    setup(&c, m);
    int nt = c.n_types;
    for (int t = 0; t < nt; t++) {
        const RequestType *rt = &m->scenario.requests[t];
        if (!is_closed(rt)) c.x[t] = nonneg(rt->rate_rps);
        else if (e && t < e->n_requests) c.x[t] = nonneg(e->request_offered_rps[t]); /* what its users send */
    }
    /* an over-capacity node passes on what it serves, as the estimate found */
    for (int n = 0; e && e->n_nodes == c.n_nodes && n < c.n_nodes; n++) {
        const NodeEstimate *ne = &e->nodes[n];
        if (ne->served_rps < ne->admitted_rps && ne->admitted_rps > 0) c.serve[n] = unit(ne->served_rps / ne->admitted_rps);
    }
    double *per_type = xcalloc((size_t)nt + 1, sizeof *per_type);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            /* A retry storm's worst: every attempt of a sync call that may retry fails,
             * so each such call is sent 1 + retries times (a retry budget allows that
             * share of first attempts at most), and what it causes below multiplies. */
            for (int k = 0; k < c.n_edges; k++) {
                const Edge *ed = &m->edges[k];
                if (ed->mode != EDGE_SYNC || ed->retries <= 0) continue;
                double tries = 1 + ed->retries;
                if (ed->retry_budget > 0 && 1 + ed->retry_budget < tries) tries = 1 + ed->retry_budget;
                for (int t = 0; t < nt; t++) c.gain[(size_t)k * nt + t] *= tries;
            }
        }
        solve_flow(&c);
        bool unbounded = false;
        for (size_t i = 0; i < (size_t)nt * c.n_nodes && !unbounded; i++)
            unbounded = !(c.rate[i] < FLOW_DIVERGED);
        events_by_type(&c, per_type);
        double per_s = 0;
        for (int t = 0; t < nt; t++) per_s += per_type[t];
        double events = unbounded ? INFINITY : run_events(m, per_type, end_s);
        if (!(events < 1e300)) events = INFINITY;
        if (pass == 0) {
            w.unbounded = unbounded;
            w.events_per_s = unbounded ? INFINITY : per_s;
            w.events = events;
        } else {
            w.events_failing = events > w.events ? events : w.events;
        }
    }
    free(per_type);
    teardown(&c);
    return w;
}

double analytic_expected_events(const Model *m, const Estimate *e)
{
    return analytic_work(m, e, m->scenario.warmup_s, m->scenario.duration_s).events;
}

void estimate_free(Estimate *e)
{
    if (!e) return;
    free(e->nodes);
    free(e->edge_rps);
    free(e->request_rate_rps);
    free(e->request_offered_rps);
    free(e->request_latency_ms);
    free(e->request_answered_rps);
    free(e->request_kept_latency_ms);
    free(e->request_full_after_s);
    free(e->type_rps);
    free(e->edge_type_rps);
    free(e->type_offered_rps);
    free(e->edge_type_offered_rps);
    free(e->type_visits);
    free(e->edge_type_visits);
    memset(e, 0, sizeof *e);
}

double analytic_events_per_s(void)
{
    const char *env = getenv("ARCHSIM_EVENTS_PER_S");
    char *end = NULL;
    double v = env ? strtod(env, &end) : 0;
    return env && end != env && *end == 0 && isfinite(v) && v > 0 ? v : ANALYTIC_EVENTS_PER_S;
}

double analytic_work_wall_s(double events_per_run, int reps, int jobs)
{
    int threads = jobs > 0 ? jobs : cpu_count();
    if (reps < 1) reps = 1;
    if (reps < threads) threads = reps;
    /* replications are whole: the slowest thread runs ceil(reps / threads) of them */
    int rounds = (reps + threads - 1) / threads;
    return events_per_run * rounds / analytic_events_per_s();
}
