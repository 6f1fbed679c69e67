/*
 * test_batch.c - batched fan-out (an edge's `batch` and `batch_item_ms`,
 * docs/semantics.md "Batched fan-out"): the number of calls and items is exact, the
 * callee's utilisation and throughput match the closed form from the rates, the
 * estimate agrees, async edges batch the same way, and the validator refuses batching
 * where it has no meaning.
 */
#include <math.h>

#include "sim/analytic.h"
#include "sim_test.h"

#define HEAD(dur, reqs)                                                                   \
    "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":" #dur                        \
    ",\"warmup_s\":0,\"seed\":7,\"requests\":[" reqs "]"

/* 1,000 requests/s at a writer with no service time, fanned out 10 times down an edge
 * batching 4 items a call: ceil(10 / 4) = 3 calls of 4, 4 and 2 items. The store serves
 * a call in Exp(1 ms) plus 0.1 ms per item past the first: mean 1 + (3 + 3 + 1) / 3 x 0.1
 * ms, with 8 slots. */
#define BATCHED(mode, fanout)                                                                      \
    HEAD(200, "{\"name\":\"w\",\"rate_rps\":1000,\"op\":\"write\"}") "},"                          \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"                                              \
    "{\"id\":\"svc\",\"kind\":\"service\",\"workers\":1000,\"io\":\"async\",\"max_inflight\":100000," \
    "\"calls\":\"parallel\",\"service_ms\":0},"                                                   \
    "{\"id\":\"store\",\"kind\":\"service\",\"instances\":1,\"workers\":8,\"queue_max\":100000,"                  \
    "\"service_ms\":{\"dist\":\"exponential\",\"mean\":1}}],"                                     \
    "\"edges\":[{\"from\":\"u\",\"to\":\"svc\",\"latency_ms\":0},"                                \
    "{\"from\":\"svc\",\"to\":\"store\",\"mode\":\"" mode "\",\"fanout\":" fanout                  \
    ",\"batch\":4,\"batch_item_ms\":0.1}]}"

static int edge_index_to(const Results *r, const Model *m, const char *to)
{
    for (int k = 0; k < r->n_edges; k++)
        if (strcmp(m->edges[k].to, to) == 0) return k;
    fail_msg("no edge to %s", to);
    return -1;
}

static void check_closed_form(const char *json, bool sync)
{
    Model *m = load_text(json);
    Summary *s = run_model(m, 1, -1);
    const Results *r = s->mean;
    int k = edge_index_to(r, m, "store");
    double visits = node_fig(s, "svc", NF_ARRIVALS);
    double calls = r->edges[k][EF_CALLS], items = r->edges[k][EF_ITEMS];
    printf("    visits %.0f calls %.0f items %.0f\n", visits, calls, items);
    /* every visit makes exactly 3 calls carrying 10 items (calls still out at the end
     * were sent, so the counts are exact up to the visits in flight) */
    assert_true(fabs(calls - 3 * visits) <= 3 * 50);
    assert_true(fabs(items - 10 * visits) <= 10 * 50);
    assert_true(fabs(items / calls - 10.0 / 3) < 1e-3);
    double rate = 3000;                          /* calls per second */
    double service_ms = 1 + (3 + 3 + 1) / 3.0 * 0.1;
    assert_close(node_fig(s, "store", NF_THROUGHPUT_RPS), rate, 0.01);
    assert_close(node_fig(s, "store", NF_UTILISATION), rate * service_ms / 1000 / 8, 0.01);
    if (sync) /* the writer answers when its slowest call does */
        assert_true(type_fig(s, 0, TF_MEAN_MS) > service_ms);

    Estimate est;
    analytic_estimate(m, &est);
    int store = -1;
    for (int i = 0; i < m->n_nodes; i++)
        if (strcmp(m->nodes[i].id, "store") == 0) store = i;
    assert_close(est.edge_rps[k], rate, 1e-9);
    assert_close(est.nodes[store].utilisation, rate * service_ms / 1000 / 8, 1e-9);
    estimate_free(&est);
    summary_destroy(s);
    model_destroy(m);
}

static void batched_sync_fanout_makes_ceil_k_over_b_calls_and_loads_the_callee_exactly(void **state)
{
    (void)state;
    check_closed_form(BATCHED("sync", "10"), true);
}

static void batched_async_fanout_batches_the_same_way(void **state)
{
    (void)state;
    check_closed_form(BATCHED("async", "10"), false);
}

/* A fractional fan-out is rounded at random before batching: 5.5 copies are 5 or 6, so
 * ceil(k / 4) is 2 either way; the items keep the mean, 5.5 a visit. */
static void fractional_fanout_is_rounded_before_batching(void **state)
{
    (void)state;
    Model *m = load_text(BATCHED("sync", "5.5"));
    Summary *s = run_model(m, 1, 50);
    const Results *r = s->mean;
    int k = edge_index_to(r, m, "store");
    double visits = node_fig(s, "svc", NF_ARRIVALS);
    assert_true(fabs(r->edges[k][EF_CALLS] - 2 * visits) <= 2 * 50);
    assert_close(r->edges[k][EF_ITEMS] / visits, 5.5, 0.01);
    Estimate est;
    analytic_estimate(m, &est);
    assert_close(est.edge_rps[k], 2000, 1e-9);
    estimate_free(&est);
    summary_destroy(s);
    model_destroy(m);
}

/* Sequential calls make the batches one after another: still 3 calls of 4, 4 and 2
 * items a visit, each waiting for the one before. */
static void sequential_caller_sends_its_batches_in_turn(void **state)
{
    (void)state;
    Model *m = load_text(
        HEAD(20, "{\"name\":\"w\",\"rate_rps\":100,\"op\":\"write\"}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"svc\",\"kind\":\"service\",\"workers\":100,\"io\":\"async\",\"max_inflight\":1000,"
        "\"calls\":\"sequential\",\"service_ms\":0},"
        "{\"id\":\"store\",\"kind\":\"service\",\"instances\":1,\"workers\":100,"
        "\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"svc\",\"latency_ms\":0},"
        "{\"from\":\"svc\",\"to\":\"store\",\"latency_ms\":0,\"fanout\":10,\"batch\":4,"
        "\"batch_item_ms\":0.5}]}");
    Summary *s = run_model(m, 1, -1);
    const Results *r = s->mean;
    double visits = node_fig(s, "svc", NF_ARRIVALS);
    assert_true(fabs(r->edges[1][EF_CALLS] - 3 * visits) <= 3 * 5);
    assert_true(fabs(r->edges[1][EF_ITEMS] - 10 * visits) <= 10 * 5);
    /* one after another: (1 + 1.5) + (1 + 1.5) + (1 + 0.5) ms, constant service */
    assert_close(type_fig(s, 0, TF_MEAN_MS), 6.5, 1e-6);
    summary_destroy(s);
    model_destroy(m);
}

/* The same design without batch: no items figure, and the same estimate as fanout 10. */
static void unbatched_edges_report_no_items(void **state)
{
    (void)state;
    Model *m = load_text(
        HEAD(5, "{\"name\":\"w\",\"rate_rps\":100}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"store\",\"kind\":\"service\",\"workers\":8}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"store\",\"fanout\":3}]}");
    assert_int_equal(m->edges[0].batch, 1);
    Summary *s = run_model(m, 1, -1);
    assert_true(s->mean->edges[0][EF_ITEMS] < 0);
    assert_true(s->mean->edges[0][EF_CALLS] > 1000);
    summary_destroy(s);
    model_destroy(m);
}

/* A batch that does nothing different from unbatched calls: batch larger than 1 with
 * fan-out 1 sends one call of one item, draw for draw as without batch. */
static void batch_with_fanout_one_is_the_unbatched_run(void **state)
{
    (void)state;
    const char *a =
        HEAD(5, "{\"name\":\"w\",\"rate_rps\":2000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"store\",\"kind\":\"service\",\"workers\":4,"
        "\"service_ms\":{\"dist\":\"exponential\",\"mean\":1}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"store\"}]}";
    const char *b =
        HEAD(5, "{\"name\":\"w\",\"rate_rps\":2000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"store\",\"kind\":\"service\",\"workers\":4,"
        "\"service_ms\":{\"dist\":\"exponential\",\"mean\":1}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"store\",\"batch\":16,\"batch_item_ms\":5}]}";
    Model *ma = load_text(a), *mb = load_text(b);
    Summary *sa = run_model(ma, 1, -1), *sb = run_model(mb, 1, -1);
    assert_true(type_fig(sa, 0, TF_P99_MS) == type_fig(sb, 0, TF_P99_MS));
    assert_true(node_fig(sa, "store", NF_UTILISATION) == node_fig(sb, "store", NF_UTILISATION));
    assert_true(sb->mean->edges[0][EF_ITEMS] == sb->mean->edges[0][EF_CALLS]);
    summary_destroy(sa);
    summary_destroy(sb);
    model_destroy(ma);
    model_destroy(mb);
}

static void expect_refused(const char *json, const char *phrase)
{
    DiagList d;
    diag_init(&d, "input");
    Model *m = model_from_json(json, strlen(json), &d);
    bool found = false;
    for (int i = 0; i < d.n_items; i++)
        if (strcmp(d.items[i].path, "edges[1].batch") == 0 && strstr(d.items[i].message, phrase))
            found = true;
    if (m || !found) diag_print(&d, stderr);
    assert_null(m);
    assert_true(found);
    diag_free(&d);
}

#define REFUSE(mid_kind, mid_extra, to_kind, to_extra)                                    \
    HEAD(5, "{\"name\":\"r\",\"rate_rps\":10}") "},"                                       \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"                                       \
    "{\"id\":\"a\",\"kind\":\"" mid_kind "\"" mid_extra "},"                               \
    "{\"id\":\"b\",\"kind\":\"" to_kind "\"" to_extra "}],"                                \
    "\"edges\":[{\"from\":\"u\",\"to\":\"a\"},"                                            \
    "{\"from\":\"a\",\"to\":\"b\",\"fanout\":10,\"batch\":5}]}"

static void validator_refuses_batch_where_it_has_no_meaning(void **state)
{
    (void)state;
    expect_refused(REFUSE("load_balancer", "", "service", ""), "does not fan out");
    expect_refused(REFUSE("queue", "", "service", ""), "does not fan out");
    expect_refused(REFUSE("service", "", "queue", ""), "node that does the work");
    expect_refused(REFUSE("service", "", "load_balancer", ""), "node that does the work");
    /* into a cache (hit_ratio or the key model: one key per call), a database or a
     * service: accepted */
    Model *m = load_text(REFUSE("service", "", "cache", ",\"hit_ratio\":0.5"));
    model_destroy(m);
    m = load_text(REFUSE("service", "", "cache", ",\"capacity_keys\":100"));
    model_destroy(m);
    m = load_text(REFUSE("service", "", "database", ""));
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(batched_sync_fanout_makes_ceil_k_over_b_calls_and_loads_the_callee_exactly),
        cmocka_unit_test(batched_async_fanout_batches_the_same_way),
        cmocka_unit_test(fractional_fanout_is_rounded_before_batching),
        cmocka_unit_test(sequential_caller_sends_its_batches_in_turn),
        cmocka_unit_test(unbatched_edges_report_no_items),
        cmocka_unit_test(batch_with_fanout_one_is_the_unbatched_run),
        cmocka_unit_test(validator_refuses_batch_where_it_has_no_meaning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
