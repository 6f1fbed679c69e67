/*
 * test_limits.c - every input is refused clearly or handled: counts that multiply
 * (instances x workers, in-flight limits, a database's connections) beyond what the
 * engine counts are refused naming the JSON path and the limit, right up to the
 * limit they are accepted; node_servers never overflows on any model.
 */
#include <limits.h>
#include <math.h>

#include "sim/model_json.h"
#include "sim/util.h"
#include "sim_test.h"

/* Validate `json` (a whole diagram) into *d (caller frees); true when it loads. */
static bool check_text(const char *json, DiagList *d)
{
    diag_init(d, "limits");
    Model *m = model_from_json(json, strlen(json), d);
    bool ok = m != NULL;
    model_destroy(m);
    return ok;
}

/* The message of the first error at `path`, or NULL. */
static const char *error_at(const DiagList *d, const char *path)
{
    for (int i = 0; i < d->n_items; i++)
        if (d->items[i].level == DIAG_ERROR && strcmp(d->items[i].path, path) == 0)
            return d->items[i].message;
    return NULL;
}

/* One client calling one node given as `node` (a JSON object with "id": "x"). */
static char *design_with(const char *node)
{
    return xasprintf("{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"get\", "
                     "\"rate_rps\": 10}]}, \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"}, %s], "
                     "\"edges\": [{\"from\": \"users\", \"to\": \"x\"}]}",
                     node);
}

static void expect_error(const char *node, const char *path, const char *message)
{
    char *json = design_with(node);
    DiagList d;
    bool ok = check_text(json, &d);
    const char *got = error_at(&d, path);
    if (ok || !got || strcmp(got, message) != 0) {
        diag_print(&d, stderr);
        fail_msg("%s: want error at %s: %s", node, path, message);
    }
    diag_free(&d);
    free(json);
}

static void expect_ok(const char *node)
{
    char *json = design_with(node);
    DiagList d;
    if (!check_text(json, &d)) {
        diag_print(&d, stderr);
        fail_msg("%s: want it accepted", node);
    }
    diag_free(&d);
    free(json);
}

static void slots_over_32_bits_are_refused_naming_the_product(void **state)
{
    (void)state;
    expect_error("{\"id\": \"x\", \"kind\": \"service\", \"instances\": 100000, \"workers\": 30000}",
                 "nodes[1].workers",
                 "instances \xC3\x97 workers = 3,000,000,000 slots; at most 2,147,483,647");
    /* Right at the edge: 2,147,400,000 slots run; 2,147,500,000 do not. */
    expect_ok("{\"id\": \"x\", \"kind\": \"service\", \"instances\": 100000, \"workers\": 21474}");
    expect_error("{\"id\": \"x\", \"kind\": \"cdn\", \"instances\": 100000, \"workers\": 21475}",
                 "nodes[1].workers",
                 "instances \xC3\x97 workers = 2,147,500,000 slots; at most 2,147,483,647");
}

static void inflight_limits_over_32_bits_are_refused_when_async(void **state)
{
    (void)state;
    expect_error("{\"id\": \"x\", \"kind\": \"service\", \"instances\": 100, \"io\": \"async\", "
                 "\"max_inflight\": 100000000}",
                 "nodes[1].max_inflight",
                 "max_inflight \xC3\x97 instances = 10,000,000,000 requests in flight; at most "
                 "2,147,483,647");
    /* Blocking io ignores max_inflight (the inspector hides it too). */
    expect_ok("{\"id\": \"x\", \"kind\": \"service\", \"instances\": 100, \"io\": \"blocking\", "
              "\"max_inflight\": 100000000}");
    expect_ok("{\"id\": \"x\", \"kind\": \"service\", \"instances\": 21, \"io\": \"async\", "
              "\"max_inflight\": 100000000}");
}

static void database_connections_over_32_bits_are_refused(void **state)
{
    (void)state;
    expect_error("{\"id\": \"x\", \"kind\": \"database\", \"shards\": 10000, \"read_replicas\": 1000, "
                 "\"pool\": 1000}",
                 "nodes[1].pool",
                 "shards \xC3\x97 (1 + read_replicas) \xC3\x97 pool = 10,010,000,000 connections; at "
                 "most 2,147,483,647");
    expect_error("{\"id\": \"x\", \"kind\": \"database\", \"shards\": 10000, \"read_replicas\": 9, "
                 "\"io\": \"async\", \"max_inflight\": 100000}",
                 "nodes[1].max_inflight",
                 "max_inflight \xC3\x97 shards \xC3\x97 (1 + read_replicas) = 10,000,000,000 requests in "
                 "flight; at most 2,147,483,647");
    expect_ok("{\"id\": \"x\", \"kind\": \"database\", \"shards\": 10000, \"read_replicas\": 1000, "
              "\"pool\": 200}");
}

/* node_servers takes any model (an editor's, mid-edit): no overflow, never negative. */
static void node_servers_never_overflows(void **state)
{
    (void)state;
    Node n;
    node_defaults(NODE_DATABASE, &n);
    n.shards = INT_MAX;
    n.read_replicas = INT_MAX;
    assert_int_equal(node_servers(&n), INT_MAX);
    n.shards = 10000;
    n.read_replicas = 1000;
    assert_int_equal(node_servers(&n), 10010000);
    n.shards = -5;
    assert_int_equal(node_servers(&n), 0);
    node_defaults(NODE_SERVICE, &n);
    n.instances = -1;
    assert_int_equal(node_servers(&n), 0);
    /* The monthly cost of the largest valid design stays finite. */
    Model *m = model_create();
    node_defaults(NODE_DATABASE, &n);
    n.id = "db";
    n.shards = 10000;
    n.read_replicas = 1000;
    n.cost_per_hour_usd = 1e6;
    model_add_node(m, &n);
    double cost = model_cost_per_month_usd(m);
    assert_true(isfinite(cost));
    assert_true(fabs(cost - 10010000.0 * 1e6 * 730) <= 1e-9 * cost);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slots_over_32_bits_are_refused_naming_the_product),
        cmocka_unit_test(inflight_limits_over_32_bits_are_refused_when_async),
        cmocka_unit_test(database_connections_over_32_bits_are_refused),
        cmocka_unit_test(node_servers_never_overflows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
