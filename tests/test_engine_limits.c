/*
 * test_engine_limits.c - the engine at the edges of what the format allows: counts
 * whose products overflow 32 bits, work that never advances simulated time, timers
 * of finished calls, allocations a file can drive (users, series, replications,
 * stations), huge diagrams, and cancellation. Each test asserts on figures or on
 * counts the engine exposes (pending events, requests held, engines alive), never on
 * wall time.
 */
#include <math.h>

#include "sim/report.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slot_counts_past_two_to_the_31_serve_every_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
