/*
 * test_engine_limits.c - the engine at the edges of what the format allows: counts
 * whose products overflow 32 bits, work that never advances simulated time, timers
 * of finished calls, allocations a file can drive (users, series, replications,
 * stations), huge diagrams, and cancellation. Each test asserts on figures or on
 * counts the engine exposes (pending events, requests held, engines alive), never on
 * wall time.
 */
#include <math.h>
#include <pthread.h>

#include "sim/report.h"
#include "sim/util.h"
#include "sim_test.h"

#define HEAD(dur, reqs)                                                                   \
    "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":" #dur                        \
    ",\"warmup_s\":0,\"seed\":1,\"requests\":[" reqs "]"

static Results *run_one(const Model *m, double duration_s, DiagList *d)
{
    SimOptions o = sim_options_default();
    o.duration_s = duration_s;
    return sim_run(m, &o, d);
}

/* A chain client -> s0 -> s1 -> ... -> s{n-1}, each edge `lat_ms` one way, each service
 * `svc_ms` constant; loaded leniently (the engine takes what the validator may refuse). */
static Model *chain_model(int n, double lat_ms, double svc_ms, double rate_rps, double duration_s)
{
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":%g,\"warmup_s\":0,"
                  "\"seed\":1,\"requests\":[{\"name\":\"r\",\"rate_rps\":%g}]},"
                  "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"}",
              duration_s, rate_rps);
    for (int i = 0; i < n; i++)
        sb_printf(&b, ",{\"id\":\"s%d\",\"kind\":\"service\",\"instances\":1,\"workers\":4,"
                      "\"service_ms\":%g}", i, svc_ms);
    sb_printf(&b, "],\"edges\":[{\"from\":\"u\",\"to\":\"s0\",\"latency_ms\":%g}", lat_ms);
    for (int i = 0; i + 1 < n; i++)
        sb_printf(&b, ",{\"from\":\"s%d\",\"to\":\"s%d\",\"latency_ms\":%g}", i, i + 1, lat_ms);
    sb_puts(&b, "]}");
    char *text = sb_take(&b);
    DiagList d;
    diag_init(&d, "chain");
    Model *m = model_from_json_lenient(text, strlen(text), &d);
    if (!m) diag_print(&d, stderr);
    assert_non_null(m);
    diag_free(&d);
    free(text);
    return m;
}

/* ---- counts past 32 bits ----------------------------------------------------------- */

static void slot_counts_past_two_to_the_31_serve_every_request(void **state)
{
    (void)state;
    /* 30000 balancer instances x the default max_inflight of 100000 is 3e9 requests in
     * flight; 100000 instances x 1e6 workers is 1e11 slots; 2000 shards x 10 servers x
     * 100000 connections is 2e9. Each used to wrap to a negative int: nothing started. */
    Model *m = load_text(
        HEAD(10, "{\"name\":\"r\",\"rate_rps\":1000},{\"name\":\"w\",\"op\":\"write\",\"rate_rps\":100}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"lb\",\"kind\":\"load_balancer\",\"instances\":30000},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":100000,\"workers\":1000000,\"io\":\"async\","
        "\"service_ms\":1},"
        "{\"id\":\"db\",\"kind\":\"database\",\"shards\":2000,\"read_replicas\":9,"
        "\"pool\":100000,\"max_inflight\":100000000,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"lb\"},{\"from\":\"lb\",\"to\":\"api\"},"
        "{\"from\":\"api\",\"to\":\"db\"}]}");
    DiagList d;
    diag_init(&d, NULL);
    Results *r = run_one(m, -1, &d);
    assert_non_null(r);
    double done = r->types[0][TF_COMPLETED] + r->types[1][TF_COMPLETED];
    printf("    completed %.0f, errors %.0f, api utilisation %.3g\n", done,
           r->types[2][TF_ERRORS], r->nodes[2][NF_UTILISATION]);
    assert_true(done > 0.95 * 1100 * 10);
    assert_true(r->types[2][TF_ERRORS] == 0);
    assert_true(r->nodes[1][NF_COMPLETED] == done);
    /* utilisation = rate x service time / slots, exactly as small as it should be */
    assert_close(r->nodes[2][NF_UTILISATION], 1100 * 0.001 / 1e11, 0.05);
    assert_close(r->nodes[3][NF_UTILISATION], 1100 * 0.001 / 2e9, 0.05);
    results_destroy(r);
    diag_free(&d);
    model_destroy(m);
}

/* ---- memory that follows the work in flight, not the simulated time ------------------- */

static void timers_of_answered_calls_do_not_pile_up_with_simulated_time(void **state)
{
    (void)state;
    /* 2000 requests/s, each answered in about 3 ms, with a client timeout and an edge
     * timeout of 1000 s: every timer outlives its call by far. Kept until due, they
     * made 4000 dead events a second (240k pending at 60 s, 480k at 120 s). */
    Model *m = load_text(
        HEAD(60, "{\"name\":\"r\",\"rate_rps\":2000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\",\"timeout_ms\":1000000},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":2,\"workers\":16,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\",\"latency_ms\":1,\"timeout_ms\":1000000}]}");
    DiagList d;
    diag_init(&d, NULL);
    Results *a = run_one(m, 60, &d);
    Results *b = run_one(m, 120, &d);
    assert_non_null(a);
    assert_non_null(b);
    printf("    event storage: %llu at 60 s, %llu at 120 s; requests held %llu, %llu\n",
           (unsigned long long)a->peak_events, (unsigned long long)b->peak_events,
           (unsigned long long)a->peak_jobs, (unsigned long long)b->peak_jobs);
    assert_true(b->types[0][TF_ERRORS] == 0 && b->types[0][TF_COMPLETED] > 0.95 * 2000 * 120);
    assert_true(b->peak_events <= a->peak_events);
    assert_true(b->peak_events <= 65536); /* the live events are a few dozen */
    assert_true(b->peak_jobs <= a->peak_jobs + 64);
    results_destroy(a);
    results_destroy(b);
    diag_free(&d);
    model_destroy(m);
}

/* ---- huge diagrams ------------------------------------------------------------------ */

typedef struct RunArgs {
    const Model *m;
    Results *r;
} RunArgs;

static void *run_thread(void *arg)
{
    RunArgs *a = arg;
    DiagList d;
    diag_init(&d, NULL);
    SimOptions o = sim_options_default();
    a->r = sim_run(a->m, &o, &d);
    diag_free(&d);
    return NULL;
}

static void a_zero_latency_chain_of_50000_services_runs_on_a_small_thread_stack(void **state)
{
    (void)state;
    /* Each answer travels back up 50000 zero-latency edges at one instant: inline, that
     * nested 50000 calls on the C stack. The engine hands such chains to the queue past
     * a bounded depth, so a worker thread with a 1 MiB stack (the app runs the engine on
     * one) is enough. */
    Model *m = chain_model(50000, 0, 0.001, 20, 0.5);
    RunArgs a = {m, NULL};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 1u << 20);
    pthread_t th;
    assert_int_equal(pthread_create(&th, &attr, run_thread, &a), 0);
    pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
    Results *r = a.r;
    assert_non_null(r);
    printf("    %.0f requests, mean %.6f ms, %llu events\n", r->types[0][TF_COMPLETED],
           r->types[0][TF_MEAN_MS], (unsigned long long)r->events);
    assert_true(r->types[0][TF_COMPLETED] >= 3);
    assert_true(r->types[0][TF_ERRORS] == 0);
    assert_close(r->types[0][TF_MEAN_MS], 50000 * 0.001, 1e-6); /* the services alone */
    assert_true(r->nodes[50000][NF_COMPLETED] == r->types[0][TF_COMPLETED]);
    results_destroy(r);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slot_counts_past_two_to_the_31_serve_every_request),
        cmocka_unit_test(timers_of_answered_calls_do_not_pile_up_with_simulated_time),
        cmocka_unit_test(a_zero_latency_chain_of_50000_services_runs_on_a_small_thread_stack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
