/*
 * test_zones.c - zones and regions (docs/semantics.md, "Zones and regions"): latency from
 * the zones' matrix, a zone's failure routed around by a load balancer, a balancer's own
 * zone first, cross-zone counting, the detection delay of a failover, database placement,
 * validation.
 *
 * Service times are constant, so latencies are exact sums of the matrix's entries.
 */
#include <math.h>

#include "sim/model_json.h"
#include "sim/report.h"
#include "sim_test.h"

#define ZONES                                                                                \
    "\"zones\":[{\"id\":\"a\",\"region\":\"us-east-1\"},{\"id\":\"b\",\"region\":\"us-east-1\"}," \
    "{\"id\":\"c\",\"region\":\"eu-west-1\"}],"                                               \
    "\"region_latency\":[{\"from\":\"us-east-1\",\"to\":\"eu-west-1\",\"latency_ms\":38}]"

static double edge_fig(const Summary *s, const Model *m, const char *from, const char *to, EdgeFig f)
{
    for (int k = 0; k < m->n_edges; k++)
        if (strcmp(m->edges[k].from, from) == 0 && strcmp(m->edges[k].to, to) == 0)
            return s->mean->edges[k][f];
    fail_msg("no edge %s -> %s", from, to);
    return 0;
}

/* A client in Europe calls an API in us-east-1: with no latency_ms on the edge each way
 * takes the matrix's 38 ms, so a 1 ms request takes 38 + 1 + 38 = 77 ms exactly; an edge
 * with its own latency_ms keeps it. */
static void a_cross_region_call_takes_the_matrix_latency(void **state)
{
    (void)state;
    const char *json[2] = {
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":20,\"warmup_s\":0,\"seed\":1,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":50}]," ZONES "},"
        "\"nodes\":[{\"id\":\"eu_users\",\"kind\":\"client\",\"zone\":\"c\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"zone\":\"a\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"eu_users\",\"to\":\"api\"}]}",
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":20,\"warmup_s\":0,\"seed\":1,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":50}]," ZONES "},"
        "\"nodes\":[{\"id\":\"eu_users\",\"kind\":\"client\",\"zone\":\"c\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"zone\":\"a\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"eu_users\",\"to\":\"api\",\"latency_ms\":5}]}"};
    for (int k = 0; k < 2; k++) {
        Model *m = load_text(json[k]);
        double one_way = k == 0 ? scenario_zone_latency_ms(&m->scenario, 2, 0) : 5;
        Summary *s = run_model(m, 1, -1);
        printf("    %s: mean %.4f ms (want %.4f)\n", k ? "latency_ms 5 set" : "from the matrix",
               type_fig(s, 0, TF_MEAN_MS), 2 * one_way + 1);
        assert_true(one_way == (k == 0 ? 38 : 5));
        assert_close(type_fig(s, 0, TF_MEAN_MS), 2 * one_way + 1, 1e-6);
        assert_close(type_fig(s, 0, TF_P99_MS), 2 * one_way + 1, 0.01); /* histogram buckets */
        /* every call crossed a region (and so a zone) */
        double calls = edge_fig(s, m, "eu_users", "api", EF_CALLS);
        assert_true(calls > 0);
        assert_true(edge_fig(s, m, "eu_users", "api", EF_CROSS_REGION) == calls);
        assert_true(edge_fig(s, m, "eu_users", "api", EF_CROSS_ZONE) == calls);
        summary_destroy(s);
        model_destroy(m);
    }
}

/* The matrix itself: one zone, two zones of a region, two regions listed or not. */
static void the_matrix_follows_zones_and_regions(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"r\","
                         "\"rate_rps\":1}],\"zones\":[{\"id\":\"a\",\"region\":\"x\"},{\"id\":\"b\","
                         "\"region\":\"x\"},{\"id\":\"c\",\"region\":\"y\"},{\"id\":\"d\"}],"
                         "\"region_latency\":[{\"from\":\"y\",\"to\":\"x\",\"latency_ms\":12}],"
                         "\"cross_zone_latency_ms\":0.7},"
                         "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"s\",\"kind\":\"service\"}],"
                         "\"edges\":[{\"from\":\"u\",\"to\":\"s\"}]}");
    const Scenario *s = &m->scenario;
    Model *def = model_create();
    assert_true(scenario_zone_latency_ms(s, 0, 0) == def->scenario.zone_latency_ms);
    assert_true(scenario_zone_latency_ms(s, 0, 1) == 0.7);
    assert_true(scenario_zone_latency_ms(s, 0, 2) == 12 && scenario_zone_latency_ms(s, 2, 1) == 12);
    /* "d" names no region: a region of its own, with the default between regions */
    assert_true(scenario_zone_latency_ms(s, 3, 0) == def->scenario.cross_region_latency_ms);
    model_destroy(def);
    model_destroy(m);
}

/* Two API nodes, one per zone, behind a balancer spread over both zones. Zone a fails at
 * 30 s for the rest of the run: from then on api_a gets nothing and api_b everything, and
 * no request fails (the zone-a balancer's in-flight work finishes, as failed instances'
 * does). With prefer_zone no call leaves its zone; without it about half do. */
#define TWO_ZONES(prefer, api_zone_b)                                                        \
    "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":60,\"warmup_s\":0,\"seed\":3,"   \
    "\"requests\":[{\"name\":\"r\",\"rate_rps\":200}]," ZONES ","                             \
    "\"events\":[{\"at_s\":30,\"action\":\"fail\",\"zone\":\"a\"}]},"                         \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"                                          \
    "{\"id\":\"lb\",\"kind\":\"load_balancer\",\"zones\":[\"a\",\"b\"]" prefer "},"           \
    "{\"id\":\"api_a\",\"kind\":\"service\",\"zone\":\"a\",\"instances\":2,\"workers\":8,"    \
    "\"service_ms\":5},"                                                                      \
    "{\"id\":\"api_b\",\"kind\":\"service\",\"zone\":\"" api_zone_b "\",\"instances\":2,"     \
    "\"workers\":8,\"service_ms\":5}],"                                                       \
    "\"edges\":[{\"from\":\"u\",\"to\":\"lb\"},{\"from\":\"lb\",\"to\":\"api_a\"},"            \
    "{\"from\":\"lb\",\"to\":\"api_b\"}]}"

static void a_zone_failure_is_routed_around_by_the_balancer(void **state)
{
    (void)state;
    for (int prefer = 0; prefer < 2; prefer++) {
        Model *m = load_text(prefer ? TWO_ZONES(",\"prefer_zone\":true", "b") : TWO_ZONES("", "b"));
        Summary *s = run_model(m, 1, -1);
        const Results *r = s->mean;
        int a = node_index(r, "api_a"), b = node_index(r, "api_b");
        double x_a = edge_fig(s, m, "lb", "api_a", EF_CROSS_ZONE), x_b = edge_fig(s, m, "lb", "api_b", EF_CROSS_ZONE);
        double c_a = edge_fig(s, m, "lb", "api_a", EF_CALLS), c_b = edge_fig(s, m, "lb", "api_b", EF_CALLS);
        printf("    prefer_zone %s: lb->api_a %.0f calls (%.0f cross-zone), lb->api_b %.0f (%.0f "
               "cross-zone), errors %.0f\n",
               prefer ? "on" : "off", c_a, x_a, c_b, x_b, type_fig(s, 0, TF_ERRORS));
        assert_true(type_fig(s, 0, TF_ERRORS) == 0);
        for (int sec = 31; sec < 60; sec++) {
            assert_true(results_node_series(r, a, sec)[NS_UTILISATION] == 0);
            assert_true(results_node_series(r, b, sec)[NS_UTILISATION] > 0);
        }
        /* api_b served the whole rate after the failure: 30 s x 200/s, within Poisson noise */
        assert_close(c_a + c_b, 200.0 * 60, 0.03);
        assert_close(c_a, 200.0 * 30 / 2, 0.06);
        if (prefer) {
            assert_true(x_a == 0 && x_b == 0);
        } else { /* round robin: half the balancer's calls leave its zone before the failure */
            assert_close(x_a + x_b, (c_a + c_b - 200.0 * 30) / 2, 0.06);
        }
        summary_destroy(s);
        model_destroy(m);
    }
    /* N+1 across zones vs all in one: both APIs in zone a lose everything after 30 s */
    Model *m = load_text(TWO_ZONES(",\"prefer_zone\":true", "a"));
    Summary *s = run_model(m, 1, -1);
    printf("    both APIs in zone a: error rate %.3f\n", type_fig(s, 0, TF_ERROR_RATE));
    assert_close(type_fig(s, 0, TF_ERROR_RATE), 0.5, 0.05);
    assert_true(type_fig(s, 0, TF_ERR_FAILED) > 0);
    summary_destroy(s);
    model_destroy(m);
}

/* A global balancer (DNS) that takes detect_s to notice a region is gone keeps sending
 * half the requests there for that long; then none. */
static void failover_waits_for_detection(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":60,\"warmup_s\":0,\"seed\":1,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":100,\"arrival\":\"constant\"}]," ZONES ","
        "\"events\":[{\"at_s\":20,\"action\":\"fail\",\"region\":\"eu-west-1\"}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"dns\",\"kind\":\"load_balancer\",\"detect_s\":10},"
        "{\"id\":\"us\",\"kind\":\"service\",\"zone\":\"a\",\"service_ms\":1},"
        "{\"id\":\"eu\",\"kind\":\"service\",\"zone\":\"c\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"dns\"},{\"from\":\"dns\",\"to\":\"us\"},"
        "{\"from\":\"dns\",\"to\":\"eu\"}]}");
    Summary *s = run_model(m, 1, -1);
    const Results *r = s->mean;
    double during = 0, after = 0;
    for (int sec = 20; sec < 30; sec++) during += results_type_series(r, 0, sec)[TS_ERRORS];
    for (int sec = 31; sec < 60; sec++) after += results_type_series(r, 0, sec)[TS_ERRORS];
    printf("    errors in the 10 s before detection %.0f, after %.0f\n", during, after);
    /* round robin over two: every other request for 10 s at 100/s */
    assert_close(during, 500, 0.02);
    assert_true(after == 0);
    summary_destroy(s);
    model_destroy(m);
}

/* A database with its primary in us-east-1 (zone a) and its replica in eu-west-1: a write
 * from Europe pays the way to the primary, a read the way to the replica next door. */
static void far_writes_pay_the_way_to_the_primary(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":20,\"warmup_s\":0,\"seed\":1,"
        "\"requests\":[{\"name\":\"read\",\"rate_rps\":20},{\"name\":\"write\",\"rate_rps\":20,"
        "\"op\":\"write\"}]," ZONES "},"
        "\"nodes\":[{\"id\":\"eu_users\",\"kind\":\"client\",\"zone\":\"c\"},"
        "{\"id\":\"db\",\"kind\":\"database\",\"read_replicas\":1,\"zones\":[\"a\",\"c\"],"
        "\"service_ms\":2}],"
        "\"edges\":[{\"from\":\"eu_users\",\"to\":\"db\"}]}");
    Summary *s = run_model(m, 1, -1);
    double local = m->scenario.zone_latency_ms, far = 38;
    printf("    read %.3f ms (want %.3f), write %.3f ms (want %.3f)\n", type_fig(s, 0, TF_MEAN_MS),
           2 * local + 2, type_fig(s, 1, TF_MEAN_MS), 2 * far + 2);
    assert_close(type_fig(s, 0, TF_MEAN_MS), 2 * local + 2, 1e-6);
    assert_close(type_fig(s, 1, TF_MEAN_MS), 2 * far + 2, 1e-6);
    summary_destroy(s);
    model_destroy(m);
}

/* Designs without zones report no cross-zone figures; saving keeps every zone field. */
static void zones_round_trip_and_stay_out_of_plain_reports(void **state)
{
    (void)state;
    Model *m = load_text(TWO_ZONES(",\"prefer_zone\":true,\"detect_s\":3", "b"));
    char *text = model_to_json(m);
    DiagList d;
    diag_init(&d, "t.json");
    Model *back = model_from_json(text, strlen(text), &d);
    assert_non_null(back);
    assert_true(model_equal(m, back));
    assert_non_null(strstr(text, "{\"id\": \"a\", \"region\": \"us-east-1\"}"));
    assert_non_null(strstr(text, "\"region_latency\": ["));
    assert_non_null(strstr(text, "\"prefer_zone\": true"));
    assert_non_null(strstr(text, "\"zone\": \"a\""));
    free(text);
    model_destroy(back);
    diag_free(&d);
    model_destroy(m);
    Model *plain = load_text("{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":5,\"warmup_s\":0,"
                             "\"requests\":[{\"name\":\"r\",\"rate_rps\":10}]},"
                             "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"s\",\"kind\":\"service\"}],"
                             "\"edges\":[{\"from\":\"u\",\"to\":\"s\"}]}");
    Summary *s = run_model(plain, 1, -1);
    char *j = report_json(plain, s);
    assert_null(strstr(j, "cross_zone"));
    free(j);
    summary_destroy(s);
    model_destroy(plain);
}

#define BAD(extra, node)                                                                     \
    "{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"r\",\"rate_rps\":1}]," \
    ZONES extra "},\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"}," node "],"                    \
    "\"edges\":[{\"from\":\"u\",\"to\":\"x\"}]}"

static void bad_placements_get_clear_errors(void **state)
{
    (void)state;
    check_error(BAD("", "{\"id\":\"x\",\"kind\":\"service\",\"zone\":\"q\"}"), "nodes[1].zone",
                "not a zone");
    check_error(BAD("", "{\"id\":\"x\",\"kind\":\"service\",\"zones\":[\"a\",\"z\"]}"),
                "nodes[1].zones[1]", "not a zone");
    check_error(BAD("", "{\"id\":\"x\",\"kind\":\"service\",\"zone\":\"a\",\"zones\":[\"b\"]}"),
                "nodes[1].zones", "not both");
    check_error(BAD(",\"events\":[{\"at_s\":1,\"action\":\"fail\",\"zone\":\"nowhere\"}]",
                    "{\"id\":\"x\",\"kind\":\"service\"}"),
                "scenario.events[0].zone", "not a zone");
    check_error(BAD(",\"events\":[{\"at_s\":1,\"action\":\"fail\",\"region\":\"mars\"}]",
                    "{\"id\":\"x\",\"kind\":\"service\"}"),
                "scenario.events[0].region", "region of no zone");
    check_error(BAD(",\"events\":[{\"at_s\":1,\"action\":\"fail\",\"zone\":\"a\",\"node\":\"x\"}]",
                    "{\"id\":\"x\",\"kind\":\"service\"}"),
                "scenario.events[0].node", "one of them");
    check_error(BAD("", "{\"id\":\"x\",\"kind\":\"service\",\"zones\":[\"a\"],\"autoscale\":{}}"),
                "nodes[1].zones", "one zone");
    check_error("{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"r\",\"rate_rps\":1}],"
                "\"zones\":[{\"id\":\"a\"},{\"id\":\"a\"}]},\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
                "{\"id\":\"x\",\"kind\":\"service\"}],\"edges\":[{\"from\":\"u\",\"to\":\"x\"}]}",
                "scenario.zones[1].id", "duplicate");
}

/* A zone's failure takes the servers placed there: all of a node in it, a spread node's
 * share (instance i in zones[i mod n], the first zones one more when it does not divide),
 * a spread database's roles there; an unplaced node's none. What the board marks. */
static void a_zone_failure_counts_the_servers_placed_there(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/zone-failure.json");
    const Node *lb = &m->nodes[model_find_node(m, "lb")], *api = &m->nodes[model_find_node(m, "api")];
    const Node *db = &m->nodes[model_find_node(m, "db")], *users = &m->nodes[model_find_node(m, "users")];
    assert_int_equal(node_servers_in(m, lb, "use1-a", NULL), 1);  /* 3 over 3 zones */
    assert_int_equal(node_servers_in(m, api, "use1-a", NULL), 3); /* 9 over 3 */
    assert_int_equal(node_servers_in(m, db, "use1-a", NULL), 1);  /* the primary */
    assert_int_equal(node_servers_in(m, db, "use1-b", NULL), 1);  /* the replica */
    assert_int_equal(node_servers_in(m, db, "use1-c", NULL), 0);
    assert_int_equal(node_servers_in(m, users, "use1-a", NULL), 0);
    assert_int_equal(node_servers_in(m, api, NULL, "us-east-1"), 9); /* the whole region */
    assert_int_equal(node_servers_in(m, api, NULL, NULL), 0);
    Node *a = &m->nodes[model_find_node(m, "api")];
    a->instances = 5; /* 5 over 3 zones: 2, 2, 1 */
    assert_int_equal(node_servers_in(m, a, "use1-a", NULL), 2);
    assert_int_equal(node_servers_in(m, a, "use1-c", NULL), 1);
    free(a->zones[1]);
    free(a->zones[2]);
    a->n_zones = 1;
    assert_int_equal(node_servers_in(m, a, "use1-a", NULL), 5);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_cross_region_call_takes_the_matrix_latency),
        cmocka_unit_test(the_matrix_follows_zones_and_regions),
        cmocka_unit_test(a_zone_failure_is_routed_around_by_the_balancer),
        cmocka_unit_test(failover_waits_for_detection),
        cmocka_unit_test(far_writes_pay_the_way_to_the_primary),
        cmocka_unit_test(zones_round_trip_and_stay_out_of_plain_reports),
        cmocka_unit_test(bad_placements_get_clear_errors),
        cmocka_unit_test(a_zone_failure_counts_the_servers_placed_there),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
