/*
 * test_limits.c - every input is refused clearly or handled: counts that multiply
 * (instances x workers, in-flight limits, a database's connections) are valid up to
 * what the format allows and estimated at once; node_servers never overflows on any
 * model. And no run starts
 * endless work unannounced: the work estimate (analytic_work) counts the events a run
 * takes, archsim-cli run and grade say how long a long run will take and refuse one
 * past the ceiling unless forced; what could never end (surges multiplying past any
 * rate, users resending at one instant) is refused by the validator.
 */
#include <limits.h>
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/analytic.h"
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

/* Products of fields up to what the format allows (10^11 slots, 10^13 requests in
 * flight, 10^12 connections) are valid: the engine counts them in 64 bits. The estimate
 * of such a node under load used to take minutes (Erlang C by a recursion as long as
 * the offered load); now it is computed from the Poisson distribution at once. */
static void the_largest_products_load_and_estimate_at_once(void **state)
{
    (void)state;
    expect_ok("{\"id\": \"x\", \"kind\": \"service\", \"instances\": 100000, \"workers\": 1000000}");
    expect_ok("{\"id\": \"x\", \"kind\": \"service\", \"instances\": 100000, \"io\": \"async\", "
              "\"max_inflight\": 100000000}");
    expect_ok("{\"id\": \"x\", \"kind\": \"database\", \"shards\": 10000, \"read_replicas\": 1000, "
              "\"pool\": 100000}");
    /* 10^9 requests/s held 100 s each on 10^11 slots: 99.99% busy. */
    char *json = xasprintf("{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": "
                           "\"get\", \"rate_rps\": 1000000000}]}, \"nodes\": [{\"id\": \"users\", "
                           "\"kind\": \"client\"}, {\"id\": \"x\", \"kind\": \"service\", "
                           "\"instances\": 100000, \"workers\": 1000000, \"io\": \"async\", "
                           "\"max_inflight\": 100000000, \"service_ms\": {\"dist\": \"exponential\", "
                           "\"mean\": 99990}}], \"edges\": [{\"from\": \"users\", \"to\": \"x\"}]}");
    DiagList d;
    diag_init(&d, "limits");
    Model *m = model_from_json(json, strlen(json), &d);
    if (!m) diag_print(&d, stderr);
    assert_non_null(m);
    Estimate e;
    analytic_estimate(m, &e);
    assert_true(fabs(e.nodes[1].utilisation - 0.9999) < 1e-9);
    assert_true(e.nodes[1].servers == 1e11);
    assert_true(isfinite(e.nodes[1].wait_ms) && e.nodes[1].wait_ms >= 0);
    assert_false(e.nodes[1].over_capacity);
    estimate_free(&e);
    model_destroy(m);
    diag_free(&d);
    free(json);
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

/* ---- the work of a run ---------------------------------------------------------------- */

static Model *load_or_fail(const char *json)
{
    DiagList d;
    diag_init(&d, "limits");
    Model *m = model_from_json(json, strlen(json), &d);
    if (!m) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(m);
    return m;
}

static WorkEstimate work_of(const Model *m)
{
    Estimate e;
    analytic_estimate(m, &e);
    WorkEstimate w = analytic_work(m, &e, m->scenario.warmup_s, m->scenario.duration_s);
    assert_true(fabs(analytic_expected_events(m, &e) - w.events) <= 1e-9 * w.events ||
                (isinf(w.events) && isinf(analytic_expected_events(m, &e))));
    estimate_free(&e);
    return w;
}

#define MM1(extra_scenario, extra_edge)                                                      \
    "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 8, \"warmup_s\": 2, "         \
    "\"requests\": [{\"name\": \"get\", \"rate_rps\": 1000}]" extra_scenario "}, \"nodes\": "  \
    "[{\"id\": \"users\", \"kind\": \"client\"}, {\"id\": \"svc\", \"kind\": \"service\", "      \
    "\"service_ms\": {\"dist\": \"exponential\", \"mean\": 1}}], \"edges\": [{\"from\": "       \
    "\"users\", \"to\": \"svc\"" extra_edge "}]}"

/* Each request: born, arrives over the edge, served, answered over the edge: 4 events;
 * 1,000/s for 10 s. A zero-latency edge and a 0 service time cost no event. */
static void work_counts_the_events_of_each_request(void **state)
{
    (void)state;
    Model *m = load_or_fail(MM1("", ""));
    WorkEstimate w = work_of(m);
    assert_false(w.unbounded);
    assert_true(fabs(w.events_per_s - 4000) < 1e-9);
    assert_true(fabs(w.events - 40000) < 1e-6);
    assert_true(w.events_failing == w.events);
    model_destroy(m);
    m = load_or_fail(MM1("", ", \"latency_ms\": 0"));
    assert_true(fabs(work_of(m).events - 20000) < 1e-6);
    model_destroy(m);
    /* A surge of x1,000,000 for 5 s: 1,000 requests/s becomes 10^9 (at the limit). */
    m = load_or_fail(MM1(", \"events\": [{\"at_s\": 3, \"action\": \"surge\", \"factor\": "
                         "1000000, \"for_s\": 5}]",
                         ""));
    w = work_of(m);
    assert_true(fabs(w.events - 4000.0 * (5 + 5 * 1e6)) <= 1e-9 * w.events);
    model_destroy(m);
}

/* A thousand overlapping surges of 2 would multiply the rate by 2^1000: the arrivals
 * would come closer than the clock can tell apart, and the run would never end. */
static void surges_past_any_rate_are_refused(void **state)
{
    (void)state;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, ", \"events\": [");
    for (int i = 0; i < 1000; i++)
        sb_printf(&b, "%s{\"at_s\": %d, \"action\": \"surge\", \"factor\": 2}", i ? ", " : "",
                  i % 5);
    sb_puts(&b, "]");
    char *json = xasprintf("{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 8, "
                           "\"requests\": [{\"name\": \"get\", \"rate_rps\": 1000}]%s}, \"nodes\": "
                           "[{\"id\": \"users\", \"kind\": \"client\"}, {\"id\": \"svc\", \"kind\": "
                           "\"service\"}], \"edges\": [{\"from\": \"users\", \"to\": \"svc\"}]}",
                           b.data);
    sb_free(&b);
    DiagList d;
    assert_false(check_text(json, &d));
    const char *msg = error_at(&d, "scenario.events[999].factor");
    if (!msg) diag_print(&d, stderr);
    assert_non_null(msg);
    assert_string_equal(msg, "with the surges active from 4 s, 'get' would be sent at more than "
                             "1,000,000,000,000,000 requests/s (its rate_rps, 1,000 requests/s, \xC3\x97 more than "
                             "10^15); at most 1,000,000,000 a second, surges included");
    diag_free(&d);
    free(json);
    /* Just over the limit, and just at it. */
    char *over = xstrdup(MM1(", \"events\": [{\"at_s\": 3, \"action\": \"surge\", \"factor\": "
                             "1000000}, {\"at_s\": 4, \"action\": \"surge\", \"factor\": 1.5, "
                             "\"for_s\": 1}]",
                             ""));
    assert_false(check_text(over, &d));
    assert_non_null(error_at(&d, "scenario.events[1].factor"));
    assert_non_null(strstr(error_at(&d, "scenario.events[1].factor"),
                           "from 4 s, 'get' would be sent at 1,500,000,000 requests/s (its "
                           "rate_rps, 1,000 requests/s, \xC3\x97 1,500,000)"));
    diag_free(&d);
    free(over);
}

/* Closed-loop users who may think 0 ms, with nothing on the wire between them and an
 * answer (a rejection at once), would resend at one instant without end. */
static void users_resending_at_one_instant_are_refused(void **state)
{
    (void)state;
    const char *fmt = "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": "
                      "\"get\", \"users\": 1000000, \"think_ms\": %s}]}, \"nodes\": [{\"id\": "
                      "\"users\", \"kind\": \"client\"}, {\"id\": \"svc\", \"kind\": \"service\"}], "
                      "\"edges\": [{\"from\": \"users\", \"to\": \"svc\", \"latency_ms\": %s}]}";
    char *json = xasprintf(fmt, "0", "0");
    DiagList d;
    assert_false(check_text(json, &d));
    const char *msg = error_at(&d, "scenario.requests[0].think_ms");
    assert_non_null(msg);
    assert_non_null(strstr(msg, "could send requests without end at one simulated instant"));
    diag_free(&d);
    free(json);
    /* Time on the wire, or a think time that is never 0: accepted. */
    json = xasprintf(fmt, "0", "0.25");
    assert_true(check_text(json, &d));
    diag_free(&d);
    free(json);
    json = xasprintf(fmt, "{\"dist\": \"exponential\", \"mean\": 1}", "0");
    assert_true(check_text(json, &d));
    diag_free(&d);
    free(json);
}

/* Retries multiply down a path when calls fail: fan-out 10 and 100 retries at each of
 * two levels is up to 101 x 10 x 101 calls to the bottom per request. The work estimate
 * gives that worst case; a retry budget bounds it. */
static void retry_storms_have_their_worst_case_counted(void **state)
{
    (void)state;
    const char *fmt =
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"warmup_s\": 0, "
        "\"requests\": [{\"name\": \"get\", \"rate_rps\": 100}]}, \"nodes\": [{\"id\": \"users\", "
        "\"kind\": \"client\"}, {\"id\": \"a\", \"kind\": \"service\"}, {\"id\": \"b\", \"kind\": "
        "\"service\"}, {\"id\": \"c\", \"kind\": \"service\"}], \"edges\": [{\"from\": \"users\", "
        "\"to\": \"a\"}, {\"from\": \"a\", \"to\": \"b\", \"retries\": 100, \"timeout_ms\": 50%s}, "
        "{\"from\": \"b\", \"to\": \"c\", \"fanout\": 10, \"retries\": 100, \"timeout_ms\": 50%s}]}";
    char *json = xasprintf(fmt, "", "");
    Model *m = load_or_fail(json);
    WorkEstimate w = work_of(m);
    /* Without failures: per request 1 birth, then a (3 events: arrive, done, answer), b
     * (4 with its timer) and 10 calls to c (4 each). */
    assert_true(fabs(w.events - 100.0 * 10 * (1 + 3 + 4 + 40)) < 1e-6);
    /* All failing: b gets 101 calls, c 101 x 10 x 101. */
    assert_true(fabs(w.events_failing - 100.0 * 10 * (1 + 3 + 4 * 101 + 4 * 101 * 10 * 101)) <=
                1e-9 * w.events_failing);
    model_destroy(m);
    free(json);
    json = xasprintf(fmt, ", \"retry_budget\": 0.1", ", \"retry_budget\": 0.1");
    m = load_or_fail(json);
    w = work_of(m);
    assert_true(fabs(w.events_failing - 100.0 * 10 * (1 + 3 + 4 * 1.1 + 4 * 1.1 * 10 * 1.1)) <=
                1e-9 * w.events_failing);
    model_destroy(m);
    free(json);
}

/* Run the CLI with `env` and `args` in the source folder; stdout and stderr into *out. */
static int cli(const char *env, const char *args, char **out)
{
    char path[64], cmd[4096];
    snprintf(path, sizeof path, "/tmp/archsim-test-limits-%d.txt", (int)getpid());
    snprintf(cmd, sizeof cmd, "cd '%s' && %s '%s' %s >'%s' 2>&1", ARCHSIM_SOURCE_DIR, env,
             ARCHSIM_CLI, args, path);
    int status = system(cmd);
    *out = read_file(path, NULL);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *write_temp(const char *name, const char *json)
{
    char *path = xasprintf("/tmp/archsim-test-limits-%d-%s", (int)getpid(), name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
    return path;
}

/* A run of more than a minute says so first; one past the hour is refused unless
 * --force. ARCHSIM_EVENTS_PER_S stands for a slow machine, so that a tiny run counts as
 * long here and still ends at once. */
static void long_runs_are_announced_and_endless_ones_refused(void **state)
{
    (void)state;
    char *path = write_temp("mm1.json", MM1("", ""));
    char *args = xasprintf("run '%s' --quiet", path), *out;
    /* 40,000 events at 500 a second: 80 s; at 200, 3.3 min. */
    assert_int_equal(cli("ARCHSIM_EVENTS_PER_S=500", args, &out), 0);
    assert_string_equal(out, "archsim-cli: about 80 s on this machine: 40,000 events\n");
    free(out);
    assert_int_equal(cli("ARCHSIM_EVENTS_PER_S=200", args, &out), 0);
    assert_string_equal(out, "archsim-cli: about 3.3 min on this machine: 40,000 events\n");
    free(out);
    /* At 10 a second: 67 min, past the hour. */
    assert_int_equal(cli("ARCHSIM_EVENTS_PER_S=10", args, &out), 2);
    assert_non_null(strstr(out, "this run would take about 1.1 h on this machine (40,000 "
                                "events), more than the 1 h archsim-cli starts without --force. "
                                "Nothing was simulated"));
    free(out);
    char *forced = xasprintf("run '%s' --quiet --force", path);
    assert_int_equal(cli("ARCHSIM_EVENTS_PER_S=10", forced, &out), 0);
    assert_non_null(strstr(out, "Running anyway (--force)."));
    free(out);
    free(forced);
    char *grade = xasprintf("grade '%s' --quiet", path);
    assert_int_equal(cli("ARCHSIM_EVENTS_PER_S=10", grade, &out), 2);
    assert_non_null(strstr(out, "more than the 1 h"));
    free(out);
    free(grade);
    /* check gives the figure. */
    char *check = xasprintf("check '%s'", path);
    assert_int_equal(cli("", check, &out), 0);
    assert_non_null(strstr(out, "\nWork of a run (10 simulated seconds): about 40,000 events, "
                                "under a second on this machine.\n"));
    free(out);
    free(check);
    free(args);
    unlink(path);
    free(path);

    /* 10^9 requests/s for 20 s: about 80 billion events, over an hour here. */
    path = write_temp("billion.json", "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": "
                                      "18, \"warmup_s\": 2, \"requests\": [{\"name\": \"get\", "
                                      "\"rate_rps\": 1000000000}]}, \"nodes\": [{\"id\": \"users\", "
                                      "\"kind\": \"client\"}, {\"id\": \"svc\", \"kind\": \"service\", "
                                      "\"instances\": 100000, \"workers\": 1000}], \"edges\": "
                                      "[{\"from\": \"users\", \"to\": \"svc\"}]}");
    args = xasprintf("run '%s'", path);
    assert_int_equal(cli("", args, &out), 2);
    assert_non_null(strstr(out, "on this machine (80 billion events), more than the 1 h"));
    free(out);
    free(args);
    unlink(path);
    free(path);

    /* An async loop that never dies out: no bound at all. */
    path = write_temp("loop.json",
                      "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"get\", "
                      "\"rate_rps\": 10}]}, \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"}, "
                      "{\"id\": \"ping\", \"kind\": \"service\"}, {\"id\": \"pong\", \"kind\": "
                      "\"service\"}], \"edges\": [{\"from\": \"users\", \"to\": \"ping\"}, {\"from\": "
                      "\"ping\", \"to\": \"pong\", \"mode\": \"async\", \"fanout\": 2}, {\"from\": "
                      "\"pong\", \"to\": \"ping\", \"mode\": \"async\"}]}");
    args = xasprintf("run '%s'", path);
    assert_int_equal(cli("", args, &out), 2);
    assert_non_null(strstr(out, "multiplies the 'get' traffic on it by 2 each lap"));
    assert_non_null(strstr(out, "the work of this run has no bound"));
    free(out);
    free(args);
    /* 1M users with no think time and time on the wire: the closed loop's throughput is
     * what the service can take, and the work says how long that is. */
    unlink(path);
    free(path);
    path = write_temp("users.json", "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": "
                                    "3600, \"requests\": [{\"name\": \"get\", \"users\": 1000000, "
                                    "\"think_ms\": 0}]}, \"nodes\": [{\"id\": \"users\", \"kind\": "
                                    "\"client\"}, {\"id\": \"svc\", \"kind\": \"service\", "
                                    "\"instances\": 1000, \"workers\": 1000, \"service_ms\": 1}], "
                                    "\"edges\": [{\"from\": \"users\", \"to\": \"svc\"}]}");
    args = xasprintf("run '%s'", path);
    assert_int_equal(cli("", args, &out), 2);
    assert_non_null(strstr(out, "more than the 1 h archsim-cli starts without --force"));
    free(out);
    free(args);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_largest_products_load_and_estimate_at_once),
        cmocka_unit_test(node_servers_never_overflows),
        cmocka_unit_test(work_counts_the_events_of_each_request),
        cmocka_unit_test(surges_past_any_rate_are_refused),
        cmocka_unit_test(users_resending_at_one_instant_are_refused),
        cmocka_unit_test(retry_storms_have_their_worst_case_counted),
        cmocka_unit_test(long_runs_are_announced_and_endless_ones_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
