/*
 * test_analytic.c - the capacity estimate against queueing theory computed here
 * independently (M/M/1, Erlang C by factorials) and against the routing rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/analytic.h"
#include "sim/numfmt.h"
#include "sim/util.h"

#define CLOSE(x, want, rel)                                                               \
    do {                                                                                  \
        double x_ = (x), w_ = (want);                                                     \
        if (!(fabs(x_ - w_) <= (rel) * fabs(w_) + 1e-12))                                 \
            fail_msg("%s = %.12g, expected %.12g", #x, x_, w_);                           \
    } while (0)

/* --- building models ------------------------------------------------------------- */

static int add_node(Model *m, const char *id, NodeKind kind)
{
    Node n;
    node_defaults(kind, &n);
    n.id = (char *)id;
    return model_add_node(m, &n);
}

/* An M/M/c-style node: c = instances x workers, exponential service, io async with no
 * inflight limit in reach, so its slot is held for the service only. */
static int add_station(Model *m, const char *id, int instances, int workers, double service_ms)
{
    int i = add_node(m, id, NODE_SERVICE);
    Node *n = &m->nodes[i];
    n->instances = instances;
    n->workers = workers;
    n->io = IO_ASYNC;
    n->max_inflight = 1000000;
    n->service_ms = (Dist){.kind = DIST_EXPONENTIAL, .mean = service_ms};
    return i;
}

static int add_edge(Model *m, const char *from, const char *to, double latency_ms)
{
    Edge e;
    edge_defaults(&e);
    e.from = (char *)from;
    e.to = (char *)to;
    e.latency_ms = latency_ms;
    return model_add_edge(m, &e);
}

static int add_request(Model *m, const char *name, double rate_rps, Op op)
{
    Scenario *s = &m->scenario;
    s->requests = xrealloc(s->requests, (size_t)(s->n_requests + 1) * sizeof *s->requests);
    RequestType *r = &s->requests[s->n_requests];
    request_defaults(r);
    r->name = xstrdup(name);
    r->rate_rps = rate_rps;
    r->op = op;
    return s->n_requests++;
}

/* client -> (one node) with latency-free edges and one read type at rate_rps. */
static Model *single_station(int instances, int workers, double service_ms, double rate_rps)
{
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    add_station(m, "svc", instances, workers, service_ms);
    add_edge(m, "users", "svc", 0);
    add_request(m, "get", rate_rps, OP_READ);
    return m;
}

static double factorial(int n)
{
    double f = 1;
    for (int i = 2; i <= n; i++) f *= i;
    return f;
}

/* Textbook Erlang C with factorials: P(wait) for c servers at offered load a. */
static double erlang_c_textbook(int c, double a)
{
    double rho = a / c, sum = 0;
    for (int k = 0; k < c; k++) sum += pow(a, k) / factorial(k);
    double top = pow(a, c) / factorial(c) / (1 - rho);
    return top / (sum + top);
}

/* --- tests ------------------------------------------------------------------------ */

static void mm1_wait_matches_theory(void **state)
{
    (void)state;
    /* mu = 100/s (10 ms), lambda = 90/s: rho 0.9, Wq = rho / (mu - lambda) = 90 ms. */
    Model *m = single_station(1, 1, 10, 90);
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    const NodeEstimate *svc = &e.nodes[1];
    CLOSE(svc->arrival_rps, 90, 1e-12);
    CLOSE(svc->utilisation, 0.9, 1e-12);
    CLOSE(svc->wait_ms, 0.9 / (100 - 90) * 1000, 1e-9);
    CLOSE(svc->latency_ms, 100, 1e-9);
    CLOSE(e.request_latency_ms[0], 100, 1e-9);
    CLOSE(e.request_rate_rps[0], 90, 1e-12);
    assert_true(svc->near_capacity);
    assert_false(svc->over_capacity);
    assert_false(e.nodes[0].near_capacity); /* the client is no station */
    estimate_free(&e);
    estimate_free(&e); /* zeroed: freeing twice is harmless */
    estimate_free(NULL);
    model_destroy(m);

    /* At rho >= 1 the wait is infinite and the node over capacity. */
    m = single_station(1, 1, 10, 100);
    analytic_estimate(m, &e);
    assert_true(isinf(e.nodes[1].wait_ms));
    assert_true(e.nodes[1].over_capacity);
    assert_true(isinf(e.request_latency_ms[0]));
    estimate_free(&e);
    model_destroy(m);
}

static void mmc_wait_matches_erlang_c_by_factorials(void **state)
{
    (void)state;
    /* c = 4 (2 instances x 2 workers), mu = 100/s, rho = 0.9: lambda = 360/s, a = 3.6. */
    double p_wait = erlang_c_textbook(4, 3.6);
    /* By hand: sum_{k<4} 3.6^k/k! = 1 + 3.6 + 6.48 + 7.776 = 18.856;
     * 3.6^4/4! / (1 - 0.9) = 6.9984 / 0.1 = 69.984; P = 69.984 / 88.84 = 0.787753. */
    CLOSE(p_wait, 69.984 / 88.84, 1e-12);
    CLOSE(erlang_c(4, 3.6), p_wait, 1e-12);
    Model *m = single_station(2, 2, 10, 360);
    Estimate e;
    analytic_estimate(m, &e);
    CLOSE(e.nodes[1].servers, 4, 0);
    CLOSE(e.nodes[1].utilisation, 0.9, 1e-12);
    /* Wq = P(wait) / (c mu - lambda) = P / 40 s. */
    CLOSE(e.nodes[1].wait_ms, p_wait / 40 * 1000, 1e-9);
    CLOSE(e.request_latency_ms[0], p_wait / 40 * 1000 + 10, 1e-9);
    estimate_free(&e);
    model_destroy(m);
    /* Other sizes against the textbook formula. */
    int cs[] = {1, 2, 8, 16, 50};
    double rhos[] = {0.1, 0.5, 0.8, 0.95, 0.99};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            CLOSE(erlang_c(cs[i], cs[i] * rhos[j]), erlang_c_textbook(cs[i], cs[i] * rhos[j]),
                  1e-9);
    /* Huge stations stay finite and sane. */
    double big = erlang_c(1000000, 0.999 * 1000000);
    assert_true(big > 0 && big < 1);
    assert_true(erlang_c(1000000, 0.5 * 1000000) == 0);
    assert_true(erlang_c(10, 10) == 1 && erlang_c(10, 0) == 0 && erlang_c(0, 1) == 1);
}

/* Erlang C by the recursion alone, to its floor: what erlang_c gave before it skipped
 * the recursion where the chance of waiting is below that floor. */
static double erlang_c_by_recursion(long c, double a)
{
    double b = 1;
    for (long k = 1; k <= c; k++) {
        b = a * b / ((double)k + a * b);
        if (b < 1e-300) return 0;
    }
    return (double)c * b / ((double)c - a * (1 - b));
}

/* Skipping the recursion far past the load changes no value, bit for bit: every size from
 * 1 to 3,000 slots at loads from 10^-3 to just under the slots, around the point where
 * the chance of waiting falls below 1e-300. */
static void erlang_c_far_past_the_load_is_the_recursions(void **state)
{
    (void)state;
    int zeros = 0;
    for (long c = 1; c <= 3000; c += c < 50 ? 1 : 7)
        for (double f = 1e-3; f < 1; f *= 1.09) {
            double a = f * (double)c;
            double want = erlang_c_by_recursion(c, a), got = erlang_c(c, a);
            if (got != want) printf("c %ld a %.17g: %.17g, the recursion %.17g\n", c, a, got, want);
            assert_true(got == want);
            zeros += want == 0;
        }
    assert_true(zeros > 1000); /* the skipped region was crossed */
}

/* Past an offered load of 10^5 erlangs Erlang C comes from the Poisson distribution
 * (the recursion would take as many steps as the load: minutes at 10^11); where both
 * can be computed they agree. */
static void erlang_c_of_huge_loads_matches_the_recursion(void **state)
{
    (void)state;
    const long cs[] = {300000, 1000000};
    const double rhos[] = {0.99, 0.999, 0.9999, 0.99999};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 4; j++) {
            long c = cs[i];
            double a = rhos[j] * (double)c, b = 1;
            for (long k = 1; k <= c && b >= 1e-300; k++) b = a * b / ((double)k + a * b);
            double want = b < 1e-300 ? 0 : (double)c * b / ((double)c - a * (1 - b));
            CLOSE(erlang_c(c, a), want, 1e-8);
        }
    double p = erlang_c(100000000000L, 0.99999e11); /* Halfin-Whitt beta = 3.16: rare waits */
    assert_true(p > 1e-4 && p < 1e-2);
    assert_true(erlang_c(100000000000L, 0.9e11) < 1e-300);
}

static void tandem_adds_stations_and_edges(void **state)
{
    (void)state;
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    add_station(m, "a", 1, 1, 5);  /* lambda 100: rho 0.5, Wq = 5 ms */
    add_station(m, "b", 1, 1, 8);  /* rho 0.8, Wq = 0.8 / (125 - 100) s = 32 ms */
    add_edge(m, "users", "a", 1);
    add_edge(m, "a", "b", 1);
    add_request(m, "get", 100, OP_READ);
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    CLOSE(e.nodes[1].wait_ms, 5, 1e-9);
    CLOSE(e.nodes[2].wait_ms, 32, 1e-9);
    CLOSE(e.nodes[2].latency_ms, 40, 1e-9);
    CLOSE(e.nodes[1].latency_ms, 5 + 5 + 2 + 40, 1e-9);
    CLOSE(e.request_latency_ms[0], 2 + 52, 1e-9);
    CLOSE(e.edge_rps[1], 100, 1e-12);
    estimate_free(&e);
    model_destroy(m);
}

static void load_balancer_splits_equally_over_matching_targets(void **state)
{
    (void)state;
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    int lb = add_node(m, "lb", NODE_LOAD_BALANCER);
    m->nodes[lb].policy = LB_LEAST_OUTSTANDING;
    add_station(m, "s1", 1, 4, 10);
    add_station(m, "s2", 1, 4, 10);
    add_station(m, "s3", 1, 4, 20);
    add_edge(m, "users", "lb", 0);
    add_edge(m, "lb", "s1", 0.5);
    add_edge(m, "lb", "s2", 0.5);
    add_edge(m, "lb", "s3", 0.5);
    add_request(m, "get", 300, OP_READ);
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    for (int i = 2; i <= 4; i++) CLOSE(e.nodes[i].arrival_rps, 100, 1e-12);
    for (int i = 1; i <= 3; i++) CLOSE(e.edge_rps[i], 100, 1e-12);
    /* Its downstream is the average over the targets. */
    double avg = (e.nodes[2].latency_ms + e.nodes[3].latency_ms + e.nodes[4].latency_ms) / 3 + 1;
    CLOSE(e.nodes[1].latency_ms, e.nodes[1].wait_ms + 0.0135 + avg, 1e-9);
    estimate_free(&e);
    model_destroy(m);
}

static void cache_passes_only_read_misses(void **state)
{
    (void)state;
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    int c = add_node(m, "cache", NODE_CACHE);
    m->nodes[c].hit_ratio = 0.8;
    add_station(m, "db", 1, 4, 10);
    add_edge(m, "users", "cache", 0);
    add_edge(m, "cache", "db", 0.5);
    add_request(m, "read", 100, OP_READ);
    add_request(m, "write", 50, OP_WRITE);
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    CLOSE(e.nodes[1].arrival_rps, 150, 1e-12);
    CLOSE(e.nodes[2].arrival_rps, 20, 1e-12); /* (1 - 0.8) x 100 reads, no writes */
    /* The same per type: type t at node n is type_rps[t * n_nodes + n]. */
    CLOSE(e.type_rps[0 * 3 + 1], 100, 1e-12);
    CLOSE(e.type_rps[1 * 3 + 1], 50, 1e-12);
    CLOSE(e.type_rps[0 * 3 + 2], 20, 1e-12);
    CLOSE(e.type_rps[1 * 3 + 2], 0, 1e-12);
    /* And per edge: type t on edge k is edge_type_rps[t * n_edges + k]; they sum to edge_rps. */
    CLOSE(e.edge_type_rps[0 * 2 + 0], 100, 1e-12);
    CLOSE(e.edge_type_rps[1 * 2 + 0], 50, 1e-12);
    CLOSE(e.edge_type_rps[0 * 2 + 1], 20, 1e-12);
    CLOSE(e.edge_type_rps[1 * 2 + 1], 0, 1e-12);
    for (int k = 0; k < 2; k++) CLOSE(e.edge_type_rps[k] + e.edge_type_rps[2 + k], e.edge_rps[k], 1e-12);
    /* with nothing turned away above, the offered flow is the same */
    for (int k = 0; k < 2 * 3; k++) CLOSE(e.type_offered_rps[k], e.type_rps[k], 1e-12);
    for (int k = 0; k < 2 * 2; k++) CLOSE(e.edge_type_offered_rps[k], e.edge_type_rps[k], 1e-12);
    for (int t = 0; t < 2; t++) /* and a request's visits are its rates over its own */
        for (int k = 0; k < 3; k++) CLOSE(e.type_visits[t * 3 + k], e.type_rps[t * 3 + k] / e.request_rate_rps[t], 1e-12);
    double cache_own = e.nodes[1].wait_ms + 0.01;
    CLOSE(e.request_latency_ms[0], cache_own + 0.2 * (1 + e.nodes[2].latency_ms), 1e-9);
    CLOSE(e.request_latency_ms[1], cache_own, 1e-9);
    estimate_free(&e);
    model_destroy(m);
}

static Model *database_model(int shards, int replicas, double hot_shard)
{
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    int d = add_node(m, "db", NODE_DATABASE);
    Node *db = &m->nodes[d];
    db->shards = shards;
    db->read_replicas = replicas;
    db->pool = 10;
    db->hot_shard = hot_shard;
    db->service_ms = (Dist){.kind = DIST_EXPONENTIAL, .mean = 2};
    add_edge(m, "users", "db", 0);
    add_request(m, "read", 4000, OP_READ);
    add_request(m, "write", 1000, OP_WRITE);
    return m;
}

static void database_sends_writes_to_primaries_and_reads_to_replicas(void **state)
{
    (void)state;
    Estimate e;
    /* 2 shards x (1 primary + 2 replicas): a replica sees 4000 / 2 / 2 = 1000 reads/s,
     * a = 2 erlangs on 10 connections; a primary 500 writes/s, a = 1. */
    Model *m = database_model(2, 2, 0);
    analytic_estimate(m, &e);
    const NodeEstimate *db = &e.nodes[1];
    assert_int_equal(db->stations, 6);
    CLOSE(db->servers, 10, 0);
    CLOSE(db->utilisation, 0.2, 1e-12);
    double wr = erlang_c(10, 2) * 2 / (10 - 2), ww = erlang_c(10, 1) * 2 / (10 - 1);
    CLOSE(e.request_latency_ms[0], wr + 2, 1e-9);
    CLOSE(e.request_latency_ms[1], ww + 2, 1e-9);
    estimate_free(&e);
    model_destroy(m);
    /* No replicas: everything on the primaries, 2500/s each, a = 5. */
    m = database_model(2, 0, 0);
    analytic_estimate(m, &e);
    CLOSE(e.nodes[1].utilisation, 0.5, 1e-12);
    CLOSE(e.request_latency_ms[0], erlang_c(10, 5) * 2 / 5 + 2, 1e-9);
    estimate_free(&e);
    model_destroy(m);
    /* A hot shard taking 80%: shard 0 sees 4000/s (a = 8), shard 1 1000/s (a = 2). */
    m = database_model(2, 0, 0.8);
    analytic_estimate(m, &e);
    CLOSE(e.nodes[1].utilisation, 0.8, 1e-12);
    assert_false(e.nodes[1].near_capacity);
    double w_hot = erlang_c(10, 8) * 2 / 2, w_cold = erlang_c(10, 2) * 2 / 8;
    CLOSE(e.request_latency_ms[0], 0.8 * w_hot + 0.2 * w_cold + 2, 1e-9);
    estimate_free(&e);
    model_destroy(m);
    /* hot_shard at or below 1/shards means uniform. */
    m = database_model(4, 0, 0.2);
    analytic_estimate(m, &e);
    CLOSE(e.nodes[1].utilisation, 5000 / 4.0 * 0.002 / 10, 1e-12);
    estimate_free(&e);
    model_destroy(m);
}

/* client -> api (1 x 4 workers, io given) -> db (big pool, constant 20 ms). */
static Model *api_db(IoModel io)
{
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    int a = add_node(m, "api", NODE_SERVICE);
    m->nodes[a].instances = 1;
    m->nodes[a].workers = 4;
    m->nodes[a].io = io;
    m->nodes[a].max_inflight = 1000;
    m->nodes[a].service_ms = dist_const(5);
    int d = add_station(m, "db", 1, 1000, 20);
    m->nodes[d].service_ms = dist_const(20);
    add_edge(m, "users", "api", 0);
    add_edge(m, "api", "db", 1);
    add_request(m, "get", 100, OP_READ);
    return m;
}

static void blocking_holds_the_slot_through_downstream_async_does_not(void **state)
{
    (void)state;
    Estimate e;
    Model *m = api_db(IO_BLOCKING);
    analytic_estimate(m, &e);
    double down = 2 + e.nodes[2].latency_ms;
    CLOSE(e.nodes[1].holding_ms, 5 + down, 1e-12);
    CLOSE(e.nodes[1].utilisation, 100 * (5 + down) / 1000 / 4, 1e-12);
    assert_true(e.nodes[1].utilisation > 0.6);
    CLOSE(e.nodes[1].inflight_limit, 0, 0);
    estimate_free(&e);
    model_destroy(m);
    m = api_db(IO_ASYNC);
    analytic_estimate(m, &e);
    CLOSE(e.nodes[1].holding_ms, 5, 1e-12);
    CLOSE(e.nodes[1].utilisation, 100 * 0.005 / 4, 1e-12);
    CLOSE(e.nodes[1].inflight, 100 * (5 + 2 + e.nodes[2].latency_ms) / 1000, 1e-9);
    CLOSE(e.nodes[1].inflight_limit, 1000, 0);
    assert_false(e.nodes[1].over_capacity);
    /* The in-flight limit is a capacity too. */
    m->nodes[1].max_inflight = 2;
    estimate_free(&e);
    analytic_estimate(m, &e);
    assert_true(e.nodes[1].over_capacity);
    assert_false(e.nodes[1].near_capacity);
    estimate_free(&e);
    model_destroy(m);
}

/* users -> lb (async) -> api (io given, 1 x 4) -> db (1 x 2 at 10 ms: 200/s at most),
 * 300 reads/s: only the database is short of slots. */
static Model *front_of_a_full_db(IoModel io)
{
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    int lb = add_node(m, "lb", NODE_LOAD_BALANCER);
    m->nodes[lb].service_ms = dist_const(0.01);
    int a = add_station(m, "api", 1, 4, 1);
    m->nodes[a].io = io;
    m->nodes[a].max_inflight = 1000;
    add_station(m, "db", 1, 2, 10);
    add_edge(m, "users", "lb", 0);
    add_edge(m, "lb", "api", 0);
    add_edge(m, "api", "db", 0);
    add_request(m, "get", 300, OP_READ);
    return m;
}

static void a_node_full_only_because_it_waits_is_backed_up_not_over(void **state)
{
    (void)state;
    Estimate e;
    /* async: the api keeps requests in flight forever waiting on db, up to its limit of
     * 1,000, and its queue of 10,000 fills; the balancer's limit (100,000) never fills,
     * as the api holds at most 11,000: it passes them through, not backed up */
    Model *m = front_of_a_full_db(IO_ASYNC);
    analytic_estimate(m, &e);
    assert_true(e.nodes[3].over_capacity);
    assert_int_equal(e.nodes[3].backed_up_by, -1);
    CLOSE(e.nodes[3].utilisation, 1.5, 1e-12);
    for (int i = 1; i <= 2; i++) {
        assert_false(e.nodes[i].over_capacity);
        assert_int_equal(e.nodes[i].backed_up_by, i == 2 ? 3 : -1);
        assert_true(!isfinite(e.nodes[i].latency_ms)); /* the wait is real: it never ends */
    }
    /* with a limit of 10,000 at the balancer (2 instances x 5,000) it fills too */
    m->nodes[1].max_inflight = 5000;
    estimate_free(&e);
    analytic_estimate(m, &e);
    assert_int_equal(e.nodes[1].backed_up_by, 3);
    m->nodes[1].max_inflight = 100000;
    CLOSE(e.nodes[2].own_utilisation, 300 * 0.001 / 4, 1e-12); /* its own work: 7.5% */
    /* its slots work for what it takes in: the 200/s db serves, its queue taking the rest */
    CLOSE(e.nodes[2].utilisation, 200 * 0.001 / 4, 1e-9);
    assert_false(e.nodes[0].over_capacity);
    assert_int_equal(e.nodes[0].backed_up_by, -1);
    estimate_free(&e);
    /* a small in-flight limit is the api's own problem even if db kept up: over */
    m->nodes[2].max_inflight = 1;
    analytic_estimate(m, &e);
    assert_true(e.nodes[2].over_capacity);
    assert_int_equal(e.nodes[2].backed_up_by, -1);
    estimate_free(&e);
    model_destroy(m);

    /* blocking: the api's threads are all held waiting: backed up, utilisation 100% */
    m = front_of_a_full_db(IO_BLOCKING);
    analytic_estimate(m, &e);
    assert_false(e.nodes[2].over_capacity);
    assert_int_equal(e.nodes[2].backed_up_by, 3);
    CLOSE(e.nodes[2].utilisation, 1, 0);
    CLOSE(e.nodes[2].own_utilisation, 300 * 0.011 / 4, 1e-9); /* what it would need with db keeping up */
    assert_true(e.nodes[2].near_capacity);
    estimate_free(&e);
    /* one thread cannot carry 300/s of 1 ms + 10 ms even with db answering at once: the
     * api is over capacity and passes on only what its thread serves, which db (200/s at
     * most) keeps up with: db is not over capacity, and the api's thread is held for db's
     * finite wait. It serves the share s at which its served load fills the thread:
     * s x 300/s x (1 + 10 + db's Erlang C wait at s x 300/s) ms = 1 */
    m->nodes[2].workers = 1;
    analytic_estimate(m, &e);
    assert_true(e.nodes[2].over_capacity);
    assert_int_equal(e.nodes[2].backed_up_by, -1);
    assert_false(e.nodes[3].over_capacity);
    double served = e.nodes[2].served_rps;
    assert_true(served > 60 && served < 1000.0 / 11);
    CLOSE(e.nodes[3].arrival_rps, served, 1e-9);
    CLOSE(e.nodes[3].utilisation, served * 0.010 / 2, 1e-9);
    CLOSE(e.nodes[2].utilisation * served / 300, 1, 1e-6); /* the served load fills it */
    CLOSE(e.nodes[2].holding_ms, 11 + e.nodes[3].wait_ms, 1e-6);
    CLOSE(served * e.nodes[2].holding_ms / 1000, 1, 1e-6);
    assert_false(e.nodes[1].over_capacity);
    /* the balancer passes them through: the api holds at most 10,001 (its queue and its
     * thread), where the balancer's in-flight limit is 200,000 */
    assert_int_equal(e.nodes[1].backed_up_by, -1);
    estimate_free(&e);
    /* three threads carry 273/s of their own work, past db's 200/s: db is over capacity
     * too. Held through db's endless wait the api's utilisation has no bound, but its
     * own work (1 ms + db's 10 ms answered at once, 300/s on three threads) needs 110%:
     * shown as a floor; it passes on 300 / 1.1 a second */
    m->nodes[2].workers = 3;
    analytic_estimate(m, &e);
    assert_true(e.nodes[2].over_capacity);
    assert_true(!isfinite(e.nodes[2].utilisation));
    CLOSE(e.nodes[2].own_utilisation, 300 * 0.011 / 3, 1e-9);
    CLOSE(e.nodes[2].served_rps, 300 / 1.1, 1e-9);
    char text[NUMFMT_CAP];
    assert_string_equal(estimate_util_text(&e.nodes[2], text, sizeof text), "\xE2\x89\xA5\xC2\xA0" "110%");
    assert_true(e.nodes[3].over_capacity);
    CLOSE(e.nodes[3].utilisation, 300 / 1.1 * 0.010 / 2, 1e-9);
    assert_string_equal(estimate_util_text(&e.nodes[3], text, sizeof text), "136%"); /* finite: as it is */
    CLOSE(e.nodes[3].served_rps, 200, 1e-9); /* what its two slots serve */
    estimate_free(&e);
    /* enough database: nobody is flagged */
    m->nodes[2].workers = 4;
    m->nodes[3].workers = 8;
    analytic_estimate(m, &e);
    for (int i = 0; i < m->n_nodes; i++) {
        assert_false(e.nodes[i].over_capacity);
        assert_int_equal(e.nodes[i].backed_up_by, -1);
    }
    estimate_free(&e);
    model_destroy(m);
}

/* users -> front (1 x 2 at 10 ms: 200/s) -> q (queue) -> worker (1 x 1 at 20 ms: 50/s),
 * 300/s: the front serves 200/s and passes on only those; its full queue of 1,000 leaves
 * at 200/s (5 s); the worker, fed by the queue, serves 50/s of them and keeps no queue
 * of its own (its backlog waits in q). */
static void an_over_capacity_node_passes_on_what_it_serves(void **state)
{
    (void)state;
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    int f = add_station(m, "front", 1, 2, 10);
    m->nodes[f].queue_max = 1000;
    int q = add_node(m, "q", NODE_QUEUE);
    m->nodes[q].service_ms = dist_const(0);
    int w = add_station(m, "worker", 1, 1, 20);
    int after = add_station(m, "after", 1, 1, 1);
    add_edge(m, "users", "front", 0);
    add_edge(m, "front", "q", 0);
    add_edge(m, "q", "worker", 0);
    add_edge(m, "worker", "after", 0);
    add_request(m, "job", 300, OP_READ);
    Estimate e;
    analytic_estimate(m, &e);
    assert_true(e.nodes[f].over_capacity);
    CLOSE(e.nodes[f].utilisation, 1.5, 1e-12); /* judged on what arrives */
    CLOSE(e.nodes[f].admitted_rps, 300, 1e-12);
    CLOSE(e.nodes[f].served_rps, 200, 1e-9);
    CLOSE(e.nodes[f].full_wait_ms, 5000, 1e-9);
    CLOSE(e.nodes[f].full_latency_ms, 5000 + 10, 1e-9);
    assert_true(!isfinite(e.nodes[f].wait_ms)); /* no steady state: still "saturated" */
    /* the type: q acks at once, but once its backlog (max_depth 100,000) is full it takes
     * in only the worker's 50/s: 50 of 300 answered, in the front's full queue's 5 s */
    assert_true(!isfinite(e.request_latency_ms[0]));
    CLOSE(e.request_answered_rps[0], 50, 1e-9);
    assert_int_equal(e.nodes[w].turned_away_at, q);
    CLOSE(e.request_kept_latency_ms[0], 5000 + 10, 1e-9);
    CLOSE(e.nodes[q].arrival_rps, 200, 1e-9);
    CLOSE(e.edge_rps[1], 200, 1e-9);
    assert_true(e.nodes[w].over_capacity);
    CLOSE(e.nodes[w].served_rps, 50, 1e-9);
    assert_true(!isfinite(e.nodes[w].full_wait_ms)); /* it pulls: no queue of its own */
    CLOSE(e.nodes[after].arrival_rps, 50, 1e-9);
    CLOSE(e.nodes[after].utilisation, 0.05, 1e-9);
    assert_false(e.nodes[after].over_capacity);
    estimate_free(&e);
    /* within capacity nothing changes: served is admitted, no full wait */
    m->scenario.requests[0].rate_rps = 40;
    analytic_estimate(m, &e);
    for (int i = 1; i < m->n_nodes; i++) {
        CLOSE(e.nodes[i].served_rps, e.nodes[i].admitted_rps, 1e-12);
        assert_true(!isfinite(e.nodes[i].full_wait_ms));
    }
    CLOSE(e.request_answered_rps[0], 40, 1e-12);
    CLOSE(e.request_kept_latency_ms[0], e.request_latency_ms[0], 1e-12);
    estimate_free(&e);
    model_destroy(m);
}

static Model *fan_two(CallMode calls)
{
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    int s = add_station(m, "svc", 1, 100, 1);
    m->nodes[s].calls = calls;
    int a = add_station(m, "a", 1, 1000, 10);
    int b = add_station(m, "b", 1, 1000, 30);
    m->nodes[a].service_ms = dist_const(10);
    m->nodes[b].service_ms = dist_const(30);
    add_edge(m, "users", "svc", 0);
    add_edge(m, "svc", "a", 0.5);
    add_edge(m, "svc", "b", 0.5);
    add_request(m, "get", 10, OP_READ);
    return m;
}

static void sequential_calls_add_parallel_take_the_slowest(void **state)
{
    (void)state;
    Estimate e;
    Model *m = fan_two(CALLS_SEQUENTIAL);
    analytic_estimate(m, &e);
    double la = e.nodes[2].latency_ms, lb = e.nodes[3].latency_ms;
    double own = e.nodes[1].wait_ms + 1;
    CLOSE(e.request_latency_ms[0], own + (1 + la) + (1 + lb), 1e-9);
    estimate_free(&e);
    model_destroy(m);
    m = fan_two(CALLS_PARALLEL);
    analytic_estimate(m, &e);
    CLOSE(e.request_latency_ms[0], own + 1 + lb, 1e-9);
    estimate_free(&e);
    /* Fan-out 3 on a sequential edge makes three calls; probability 0.5 half of one. */
    m->nodes[1].calls = CALLS_SEQUENTIAL;
    m->edges[1].fanout = dist_const(3);
    m->edges[2].probability = 0.5;
    analytic_estimate(m, &e);
    CLOSE(e.nodes[2].arrival_rps, 30, 1e-12);
    CLOSE(e.nodes[3].arrival_rps, 5, 1e-12);
    CLOSE(e.request_latency_ms[0],
          own + 3 * (1 + e.nodes[2].latency_ms) + 0.5 * (1 + e.nodes[3].latency_ms), 1e-9);
    estimate_free(&e);
    model_destroy(m);
}

static void async_cycle_terminates(void **state)
{
    (void)state;
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    add_station(m, "a", 1, 100, 1);
    add_station(m, "b", 1, 100, 1);
    add_edge(m, "users", "a", 0);
    int ab = add_edge(m, "a", "b", 0);
    int ba = add_edge(m, "b", "a", 0);
    m->edges[ab].mode = EDGE_ASYNC;
    m->edges[ba].mode = EDGE_ASYNC;
    m->edges[ba].probability = 0.5;
    add_request(m, "get", 10, OP_READ);
    Estimate e;
    /* a = 10 + 0.5 b, b = a: both 20/s. */
    assert_true(analytic_estimate(m, &e));
    CLOSE(e.nodes[1].arrival_rps, 20, 1e-8);
    CLOSE(e.nodes[2].arrival_rps, 20, 1e-8);
    CLOSE(e.request_latency_ms[0], e.nodes[1].latency_ms, 1e-12); /* async adds nothing */
    estimate_free(&e);
    /* Probability 1: the cycle amplifies without bound; the estimate still ends. */
    m->edges[ba].probability = 1;
    assert_false(analytic_estimate(m, &e));
    assert_false(e.converged);
    assert_true(e.nodes[1].over_capacity);
    /* its utilisation reads as what it is, not a figure ("62.5T%") */
    char text[64];
    assert_string_equal(estimate_util_text(&e.nodes[1], text, sizeof text), "unbounded");
    estimate_free(&e);
    /* A sync cycle (which validation rejects) ends too, with finite figures. */
    m->edges[ab].mode = EDGE_SYNC;
    m->edges[ba].mode = EDGE_SYNC;
    m->edges[ba].probability = 0.5;
    assert_true(analytic_estimate(m, &e));
    assert_true(isfinite(e.request_latency_ms[0]));
    estimate_free(&e);
    model_destroy(m);
}

/* A chain of `depth` services (async io, 0.001 ms each) called synchronously over
 * edges of 0.25 ms from a client at 1 request/s. */
static Model *sync_chain(int depth)
{
    /* The arrays are made whole: model_add_node grows them one node at a time, which
     * under AddressSanitizer copies the lot on every call. */
    Model *m = model_create();
    m->nodes = xcalloc((size_t)depth + 1, sizeof *m->nodes);
    m->edges = xcalloc((size_t)depth, sizeof *m->edges);
    node_defaults(NODE_CLIENT, &m->nodes[0]);
    m->nodes[0].id = xstrdup("users");
    for (int i = 0; i < depth; i++) {
        Node *n = &m->nodes[i + 1];
        node_defaults(NODE_SERVICE, n);
        n->id = xasprintf("s%d", i);
        n->instances = 1;
        n->workers = 4;
        n->io = IO_ASYNC;
        n->max_inflight = 1000000;
        n->service_ms = dist_const(0.001);
        Edge *e = &m->edges[i];
        edge_defaults(e);
        e->from = xstrdup(m->nodes[i].id);
        e->to = xstrdup(n->id);
        e->latency_ms = 0.25;
    }
    m->n_nodes = depth + 1;
    m->n_edges = depth;
    add_request(m, "get", 1, OP_READ);
    return m;
}

/* The walk used to recurse on the user's graph (a 30,000-deep chain overflowed the
 * stack) and the flow to iterate once per level up to 2,000 (a deeper chain came out
 * as a divergent async cycle with its lower nodes over capacity). Both are exact now,
 * whatever the depth. */
static void deep_chains_are_exact_without_recursion(void **state)
{
    (void)state;
    const int depths[] = {2500, 30000};
    for (int k = 0; k < 2; k++) {
        int depth = depths[k];
        Model *m = sync_chain(depth);
        Estimate e;
        assert_true(analytic_estimate(m, &e));
        CLOSE(e.nodes[depth].arrival_rps, 1, 1e-12);
        for (int i = 1; i <= depth; i++) assert_false(e.nodes[i].over_capacity);
        /* The waits are all but 0 (1 request/s on 4 slots of 1 us). */
        CLOSE(e.request_latency_ms[0], depth * (0.5 + 0.001), 1e-6);
        CLOSE(e.nodes[depth].latency_ms, 0.001, 1e-6);
        estimate_free(&e);
        model_destroy(m);
    }
    /* Blocking io too: each slot is held for everything below it. */
    Model *m = sync_chain(30000);
    for (int i = 1; i < m->n_nodes; i++) {
        m->nodes[i].io = IO_BLOCKING;
        m->nodes[i].workers = 100;
    }
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    assert_true(isfinite(e.request_latency_ms[0]));
    CLOSE(e.nodes[1].holding_ms, e.nodes[1].latency_ms - e.nodes[1].wait_ms, 1e-9);
    estimate_free(&e);
    model_destroy(m);
}

/* A cycle downstream of a long acyclic part: the acyclic part is solved once, the cycle
 * by sweeps, and its figures are exact to the tolerance: a = 10 + 0.5 b, b = a. */
static void a_cycle_below_a_deep_chain_settles(void **state)
{
    (void)state;
    Model *m = sync_chain(3000);
    add_station(m, "a", 1, 100, 1);
    add_station(m, "b", 1, 100, 1);
    add_edge(m, "s2999", "a", 0);
    int ab = add_edge(m, "a", "b", 0);
    int ba = add_edge(m, "b", "a", 0);
    m->edges[ab].mode = EDGE_ASYNC;
    m->edges[ba].mode = EDGE_ASYNC;
    m->edges[ba].probability = 0.5;
    m->scenario.requests[0].rate_rps = 10;
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    CLOSE(e.nodes[3001].arrival_rps, 20, 1e-8);
    CLOSE(e.nodes[3002].arrival_rps, 20, 1e-8);
    estimate_free(&e);
    model_destroy(m);
}

static void closed_loop_converges(void **state)
{
    (void)state;
    /* 5 users, think 90 ms, one M/M/1 station of 10 ms. */
    Model *m = single_station(1, 1, 10, 0);
    m->scenario.requests[0].users = 5;
    m->scenario.requests[0].think_ms = (Dist){.kind = DIST_EXPONENTIAL, .mean = 90};
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    double x = e.request_rate_rps[0], r = e.request_latency_ms[0];
    CLOSE(x, 5 / ((90 + r) / 1000), 1e-6);
    CLOSE(e.nodes[1].arrival_rps, x, 1e-9);
    assert_true(x > 0 && x < 50 && r > 10 && isfinite(r)); /* between no load and 1 user */
    estimate_free(&e);
    /* 1000 users overload it: throughput pinned just under the capacity of 100/s. */
    m->scenario.requests[0].users = 1000;
    assert_true(analytic_estimate(m, &e));
    x = e.request_rate_rps[0];
    r = e.request_latency_ms[0];
    assert_true(x > 95 && x < 100);
    CLOSE(x, 1000 / ((90 + r) / 1000), 1e-6);
    assert_true(e.nodes[1].near_capacity && !e.nodes[1].over_capacity);
    estimate_free(&e);
    model_destroy(m);
}

/* A queue holds at most queue_max: the wait is at most the time a full queue takes to
 * leave, queue_max / rate, and the estimate says the queue is full. */
static void a_full_queue_bounds_the_wait(void **state)
{
    (void)state;
    /* 20,000 users, think 1 s, 16 slots of 12.5 ms (1,280/s), a queue of 10,000: the users
     * could fill a queue of 18,700, this one is full, and its requests wait 10,000 / 1,280 s. */
    Model *m = single_station(2, 8, 12.5, 0);
    m->scenario.requests[0].users = 20000;
    m->scenario.requests[0].think_ms = (Dist){.kind = DIST_EXPONENTIAL, .mean = 1000};
    m->nodes[1].queue_max = 10000;
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    double x = e.request_rate_rps[0];
    assert_true(x > 1279 && x < 1280);
    CLOSE(e.nodes[1].wait_ms, 10000 / x * 1000, 1e-9);
    CLOSE(e.request_latency_ms[0], 10000 / x * 1000 + 12.5, 1e-9);
    assert_true(e.nodes[1].queue_full && e.nodes[1].near_capacity && !e.nodes[1].over_capacity);
    /* the users not in the design (Little: X R of them are) think 1 s and send again */
    CLOSE(e.request_offered_rps[0], (20000 - x * e.request_latency_ms[0] / 1000) / 1.0, 1e-9);
    assert_true(e.request_offered_rps[0] > 9000);
    /* the work of a run counts what they send: a birth and an end of service a request */
    WorkEstimate w = analytic_work(m, &e, 0, 10);
    assert_true(w.events_per_s >= 2 * e.request_offered_rps[0]);
    estimate_free(&e);
    /* a queue the users cannot fill: Erlang C as before, not full */
    m->nodes[1].queue_max = 100000;
    assert_true(analytic_estimate(m, &e));
    x = e.request_rate_rps[0];
    CLOSE(x, 20000 / ((1000 + e.request_latency_ms[0]) / 1000), 1e-6);
    assert_true(e.nodes[1].wait_ms > 10000 / x * 1000 && !e.nodes[1].queue_full);
    CLOSE(e.request_offered_rps[0], x, 1e-6); /* nothing rejected: they send what is answered */
    estimate_free(&e);
    model_destroy(m);
    /* open loop at 99% on one slot of 10 ms: Erlang C's queue would hold 98, a queue of 20
     * holds at most 20, for 20 / 99 s */
    m = single_station(1, 1, 10, 99);
    m->nodes[1].queue_max = 20;
    assert_true(analytic_estimate(m, &e));
    CLOSE(e.nodes[1].wait_ms, 20.0 / 99 * 1000, 1e-9);
    assert_true(e.nodes[1].queue_full);
    estimate_free(&e);
    /* no queue at all: nobody waits (those who would are rejected) */
    m->nodes[1].queue_max = 0;
    assert_true(analytic_estimate(m, &e));
    assert_true(e.nodes[1].wait_ms == 0 && e.nodes[1].queue_full);
    estimate_free(&e);
    /* at 50% with the default queue: Erlang C, untouched */
    m->scenario.requests[0].rate_rps = 50;
    m->nodes[1].queue_max = 10000;
    assert_true(analytic_estimate(m, &e));
    CLOSE(e.nodes[1].wait_ms, 0.5 * 10 / (1 - 0.5), 1e-9);
    assert_false(e.nodes[1].queue_full);
    estimate_free(&e);
    model_destroy(m);
}

static void rate_limit_admits_at_most_the_limit(void **state)
{
    (void)state;
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    int a = add_station(m, "api", 1, 10, 1);
    m->nodes[a].rate_limit_rps = 50;
    add_station(m, "db", 1, 10, 1);
    add_edge(m, "users", "api", 0);
    add_edge(m, "api", "db", 0);
    add_request(m, "get", 80, OP_READ);
    Estimate e;
    analytic_estimate(m, &e);
    CLOSE(e.nodes[1].arrival_rps, 80, 1e-12);
    CLOSE(e.nodes[1].admitted_rps, 50, 1e-12);
    CLOSE(e.nodes[1].rejected_rps, 30, 1e-12);
    CLOSE(e.nodes[2].arrival_rps, 50, 1e-12);
    estimate_free(&e);
    model_destroy(m);
}

static void queue_copies_to_every_consumer_and_acks_the_producer(void **state)
{
    (void)state;
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    add_station(m, "api", 1, 10, 1);
    int q = add_node(m, "q", NODE_QUEUE);
    m->nodes[q].service_ms = dist_const(2);
    add_station(m, "w1", 1, 10, 50);
    add_station(m, "w2", 1, 10, 50);
    add_edge(m, "users", "api", 0);
    add_edge(m, "api", "q", 0.5); /* sync: the producer waits for the ack only */
    add_edge(m, "q", "w1", 0.5);
    add_edge(m, "q", "w2", 0.5);
    add_request(m, "post", 100, OP_WRITE);
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    CLOSE(e.nodes[3].arrival_rps, 100, 1e-12);
    CLOSE(e.nodes[4].arrival_rps, 100, 1e-12);
    CLOSE(e.nodes[2].latency_ms, e.nodes[2].wait_ms + 2, 1e-12);
    CLOSE(e.request_latency_ms[0], e.nodes[1].wait_ms + 1 + 1 + e.nodes[2].latency_ms, 1e-9);
    estimate_free(&e);
    /* Async to the queue: the producer does not wait at all. */
    m->edges[1].mode = EDGE_ASYNC;
    analytic_estimate(m, &e);
    CLOSE(e.request_latency_ms[0], e.nodes[1].wait_ms + 1, 1e-9);
    CLOSE(e.nodes[3].arrival_rps, 100, 1e-12);
    estimate_free(&e);
    model_destroy(m);
}

static void request_filters_route_types_apart(void **state)
{
    (void)state;
    Model *m = model_create();
    add_node(m, "users", NODE_CLIENT);
    add_station(m, "api", 1, 10, 1);
    add_station(m, "reads", 1, 10, 1);
    add_station(m, "writes", 1, 10, 1);
    add_edge(m, "users", "api", 0);
    int er = add_edge(m, "api", "reads", 0);
    int ew = add_edge(m, "api", "writes", 0);
    char *only_get[] = {"get"}, *only_put[] = {"put"};
    m->edges[er].requests = xmalloc(sizeof(char *));
    m->edges[er].requests[0] = xstrdup(only_get[0]);
    m->edges[er].n_requests = 1;
    m->edges[ew].requests = xmalloc(sizeof(char *));
    m->edges[ew].requests[0] = xstrdup(only_put[0]);
    m->edges[ew].n_requests = 1;
    add_request(m, "get", 30, OP_READ);
    add_request(m, "put", 7, OP_WRITE);
    Estimate e;
    analytic_estimate(m, &e);
    CLOSE(e.nodes[1].arrival_rps, 37, 1e-12);
    CLOSE(e.nodes[2].arrival_rps, 30, 1e-12);
    CLOSE(e.nodes[3].arrival_rps, 7, 1e-12);
    estimate_free(&e);
    model_destroy(m);
}

static void empty_and_broken_models_do_not_crash(void **state)
{
    (void)state;
    Model *m = model_create();
    Estimate e;
    assert_true(analytic_estimate(m, &e));
    assert_int_equal(e.n_nodes, 0);
    estimate_free(&e);
    add_request(m, "get", 10, OP_READ); /* no client */
    add_station(m, "svc", 0, 0, -3);      /* no slots, negative service */
    add_edge(m, "svc", "nowhere", 1);
    add_edge(m, "svc", "svc", 1);         /* self loop */
    analytic_estimate(m, &e);
    assert_true(e.request_rate_rps[0] == 0 && e.request_latency_ms[0] == 0);
    estimate_free(&e);
    model_destroy(m);
}

/* The mean surge factor over a window: 1 without surges (exactly, so offered loads of
 * designs without surges are unchanged), the time average of the factor otherwise, with
 * overlapping surges multiplying and a surge of another type left out. */
static void the_mean_surge_factor_over_a_window(void **state)
{
    (void)state;
    Scenario sc;
    memset(&sc, 0, sizeof sc);
    assert_true(analytic_surge_mean(&sc, "read", 5, 35) == 1.0);
    ScenarioEvent ev[3];
    memset(ev, 0, sizeof ev);
    ev[0] = (ScenarioEvent){.action = EVENT_SURGE, .at_s = 15, .for_s = 10, .factor = 2}; /* every type */
    ev[1] = (ScenarioEvent){.action = EVENT_SURGE, .at_s = 20, .for_s = 0, .factor = 3, .request = "read"};
    ev[2] = (ScenarioEvent){.action = EVENT_SURGE, .at_s = 0, .for_s = 0, .factor = 10, .request = "write"};
    sc.events = ev;
    sc.n_events = 3;
    /* [5, 35): 10 s x1, 5 s x2, 5 s x6 (both), 10 s x3 = 10 + 10 + 30 + 30 = 80 over 30 s */
    CLOSE(analytic_surge_mean(&sc, "read", 5, 35), 80.0 / 30, 1e-12);
    /* a window inside the overlap */
    CLOSE(analytic_surge_mean(&sc, "read", 21, 24), 6, 1e-12);
    assert_true(analytic_surge_mean(&sc, "read", 10, 10) == 1.0);
    sc.n_events = 1;
    CLOSE(analytic_surge_mean(&sc, "write", 0, 40), (30 + 20) / 40.0, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mm1_wait_matches_theory),
        cmocka_unit_test(the_mean_surge_factor_over_a_window),
        cmocka_unit_test(mmc_wait_matches_erlang_c_by_factorials),
        cmocka_unit_test(erlang_c_of_huge_loads_matches_the_recursion),
        cmocka_unit_test(erlang_c_far_past_the_load_is_the_recursions),
        cmocka_unit_test(tandem_adds_stations_and_edges),
        cmocka_unit_test(load_balancer_splits_equally_over_matching_targets),
        cmocka_unit_test(cache_passes_only_read_misses),
        cmocka_unit_test(database_sends_writes_to_primaries_and_reads_to_replicas),
        cmocka_unit_test(blocking_holds_the_slot_through_downstream_async_does_not),
        cmocka_unit_test(a_node_full_only_because_it_waits_is_backed_up_not_over),
        cmocka_unit_test(an_over_capacity_node_passes_on_what_it_serves),
        cmocka_unit_test(sequential_calls_add_parallel_take_the_slowest),
        cmocka_unit_test(async_cycle_terminates),
        cmocka_unit_test(deep_chains_are_exact_without_recursion),
        cmocka_unit_test(a_cycle_below_a_deep_chain_settles),
        cmocka_unit_test(closed_loop_converges),
        cmocka_unit_test(a_full_queue_bounds_the_wait),
        cmocka_unit_test(rate_limit_admits_at_most_the_limit),
        cmocka_unit_test(queue_copies_to_every_consumer_and_acks_the_producer),
        cmocka_unit_test(request_filters_route_types_apart),
        cmocka_unit_test(empty_and_broken_models_do_not_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
