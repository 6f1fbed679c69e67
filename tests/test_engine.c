/*
 * test_engine.c - behaviours of the simulator a user reasons with: caches, blocking
 * vs async io, timeouts, retries and budgets, rate limits, circuit breakers,
 * failures, surges, queues and their consumers, closed loops, payloads, databases,
 * load balancer policies, warm-up and the per-second series, determinism.
 *
 * Diagrams are inline JSON loaded through the user's loader. Tolerances are stated
 * at each assertion; sample sizes keep standard errors well inside them.
 */
#include <math.h>

#include "sim/report.h"
#include "sim/requirements.h"
#include "sim_test.h"

#define HEAD(dur, reqs)                                                                   \
    "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":" #dur                        \
    ",\"warmup_s\":0,\"seed\":1,\"requests\":[" reqs "]"

static Summary *run_text(const char *json, Model **out)
{
    Model *m = load_text(json);
    Summary *s = run_model(m, 1, -1);
    if (out)
        *out = m;
    else
        model_destroy(m);
    return s;
}

static void cache_hit_ratio_is_within_one_percent_of_configured(void **state)
{
    (void)state;
    Summary *s = run_text(
        HEAD(100, "{\"name\":\"get\",\"rate_rps\":20000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"c\",\"kind\":\"cache\",\"hit_ratio\":0.9,\"workers\":64,\"service_ms\":0.01},"
        "{\"id\":\"db\",\"kind\":\"database\",\"pool\":200,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"c\"},{\"from\":\"c\",\"to\":\"db\"}]}",
        NULL);
    assert_close(node_fig(s, "c", NF_HIT_RATIO), 0.9, 0.01);
    /* Only misses reach the database: 10% of 20k/s. */
    assert_close(node_fig(s, "db", NF_THROUGHPUT_RPS), 2000, 0.02);
    summary_destroy(s);
}

/* A service with 8 workers calls an API taking 100 ms; 200 requests/s arrive.
 * Blocking io holds a worker for the whole call: capacity 80/s, the pool exhausts.
 * Async io frees the worker: no queueing at all. */
#define IO_DIAGRAM(io)                                                                    \
    HEAD(60, "{\"name\":\"r\",\"rate_rps\":200}") "},"                                    \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"                                      \
    "{\"id\":\"svc\",\"kind\":\"service\",\"instances\":1,\"workers\":8,\"io\":\"" io     \
    "\",\"queue_max\":100,\"service_ms\":1},"                                             \
    "{\"id\":\"api\",\"kind\":\"external_api\",\"service_ms\":100}],"                     \
    "\"edges\":[{\"from\":\"u\",\"to\":\"svc\"},{\"from\":\"svc\",\"to\":\"api\"}]}"

static void blocking_io_exhausts_the_pool_and_async_does_not(void **state)
{
    (void)state;
    Summary *b = run_text(IO_DIAGRAM("blocking"), NULL);
    Summary *a = run_text(IO_DIAGRAM("async"), NULL);
    printf("    blocking: util %.3f rejected %.0f p99 %.1f ms; async: util %.3f rejected %.0f p99 "
           "%.1f ms\n",
           node_fig(b, "svc", NF_UTILISATION), node_fig(b, "svc", NF_REJECTED),
           type_fig(b, 0, TF_P99_MS), node_fig(a, "svc", NF_UTILISATION),
           node_fig(a, "svc", NF_REJECTED), type_fig(a, 0, TF_P99_MS));
    assert_true(node_fig(b, "svc", NF_UTILISATION) > 0.99);
    assert_true(node_fig(b, "svc", NF_REJECTED) > 0.5 * 200 * 60 * 0.5); /* > half of excess */
    assert_close(type_fig(b, 0, TF_THROUGHPUT_RPS), 8 / 0.1011, 0.02);
    assert_true(node_fig(a, "svc", NF_REJECTED) == 0);
    assert_true(node_fig(a, "svc", NF_UTILISATION) < 0.05); /* 200/s x 1 ms / 8 slots */
    assert_close(type_fig(a, 0, TF_P99_MS), 101.5, 0.01);
    summary_destroy(b);
    summary_destroy(a);
}

static void edge_timeout_fails_slow_calls_and_counts_them(void **state)
{
    (void)state;
    Summary *s = run_text(
        HEAD(20, "{\"name\":\"r\",\"rate_rps\":100}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"slow\",\"kind\":\"service\",\"workers\":1000,\"service_ms\":"
        "{\"dist\":\"uniform\",\"min\":0,\"max\":100}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"slow\",\"latency_ms\":0,\"timeout_ms\":50}]}",
        NULL);
    /* Half the calls take longer than 50 ms. */
    assert_close(type_fig(s, 0, TF_ERROR_RATE), 0.5, 0.04);
    assert_true(type_fig(s, 0, TF_ERR_TIMEOUT) == type_fig(s, 0, TF_ERRORS));
    assert_true(type_fig(s, 0, TF_MAX_MS) <= 50.01);
    summary_destroy(s);
}

#define RETRY_DIAGRAM(budget)                                                             \
    HEAD(50, "{\"name\":\"r\",\"rate_rps\":1000}") "},"                                   \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"                                      \
    "{\"id\":\"flaky\",\"kind\":\"service\",\"workers\":1000,\"service_ms\":1,"           \
    "\"rate_limit_rps\":500,\"burst\":1}],"                                               \
    "\"edges\":[{\"from\":\"u\",\"to\":\"flaky\",\"retries\":3,\"backoff_ms\":1" budget "}]}"

static void retries_multiply_load_and_a_budget_caps_them(void **state)
{
    (void)state;
    Summary *r = run_text(RETRY_DIAGRAM(""), NULL);
    Summary *b = run_text(RETRY_DIAGRAM(",\"retry_budget\":0.1"), NULL);
    double load_r = node_fig(r, "flaky", NF_ARRIVALS) / (1000.0 * 50);
    double load_b = node_fig(b, "flaky", NF_ARRIVALS) / (1000.0 * 50);
    printf("    load amplification: unlimited retries %.2fx, budget 10%% %.2fx\n", load_r, load_b);
    assert_true(load_r > 1.6); /* rejected calls come back up to 3 more times */
    assert_close(load_b, 1.1, 0.03);
    /* Retries turn some rejections into successes. */
    assert_true(type_fig(r, 0, TF_ERROR_RATE) < type_fig(b, 0, TF_ERROR_RATE));
    summary_destroy(r);
    summary_destroy(b);
}

static void rate_limit_admits_its_rate_and_rejects_the_rest(void **state)
{
    (void)state;
    Summary *s = run_text(
        HEAD(100, "{\"name\":\"r\",\"rate_rps\":300}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"workers\":100,\"service_ms\":1,"
        "\"rate_limit_rps\":100}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}",
        NULL);
    assert_close(type_fig(s, 0, TF_THROUGHPUT_RPS), 100, 0.02);
    assert_close(type_fig(s, 0, TF_ERR_RATE_LIMITED), 200 * 100, 0.02);
    assert_close(node_fig(s, "api", NF_RATE_LIMITED), 200 * 100, 0.02);
    summary_destroy(s);
}

static void failure_event_fails_requests_for_its_duration(void **state)
{
    (void)state;
    Model *m = NULL;
    Summary *s = run_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":60,\"warmup_s\":0,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":1000}],"
        "\"events\":[{\"at_s\":20,\"action\":\"fail\",\"node\":\"api\",\"for_s\":10}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":2,\"workers\":50,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}",
        &m);
    assert_close(type_fig(s, 0, TF_ERR_FAILED), 1000 * 10, 0.03);
    assert_close(node_fig(s, "api", NF_FAILED), 1000 * 10, 0.03);
    /* The series shows it: errors during seconds 21..30 only. */
    const Results *r = s->mean;
    assert_true(results_type_series(r, 0, 25)[TS_ERRORS] > 900);
    assert_true(results_type_series(r, 0, 10)[TS_ERRORS] == 0);
    assert_true(results_type_series(r, 0, 40)[TS_ERRORS] == 0);
    summary_destroy(s);
    model_destroy(m);
}

/* Utilisation is of the servers that are up: half the instances down for a third of the
 * run leaves the same work on fewer slots (constant arrivals and service: exact). */
static void utilisation_leaves_out_failed_servers(void **state)
{
    (void)state;
    Summary *s = run_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":60,\"warmup_s\":0,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":50,\"arrival\":\"constant\"}],"
        "\"events\":[{\"at_s\":20,\"action\":\"fail\",\"node\":\"api\",\"instances\":1,\"for_s\":20},"
        "{\"at_s\":10,\"action\":\"fail\",\"node\":\"db\",\"for_s\":30}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":2,\"workers\":1,\"service_ms\":10},"
        "{\"id\":\"db\",\"kind\":\"service\",\"instances\":1,\"workers\":1,\"service_ms\":10}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"db\",\"mode\":\"async\"}]}",
        NULL);
    /* api: 0.5 slots busy of 2, then of 1 from 20 s to 40 s: 30 busy slot-seconds over
     * 2 x 60 - 20 = 100 up */
    assert_close(node_fig(s, "api", NF_UTILISATION), 0.30, 0.01);
    assert_close(node_fig(s, "api", NF_UP_SHARE), 100.0 / 120, 0.001);
    assert_close(node_fig(s, "db", NF_UP_SHARE), 0.5, 0.001);
    assert_true(node_fig(s, "u", NF_UP_SHARE) == -1); /* nothing failed: absent */
    const Results *r = s->mean;
    int api = node_index(r, "api"), db = node_index(r, "db");
    assert_close(results_node_series(r, api, 10)[NS_UTILISATION], 0.25, 0.01);
    assert_close(results_node_series(r, api, 30)[NS_UTILISATION], 0.50, 0.01);
    assert_close(results_node_series(r, api, 50)[NS_UTILISATION], 0.25, 0.01);
    /* db, down from 10 s to 40 s, served 50/s for the 30 s it was up: busy half of them */
    assert_close(node_fig(s, "db", NF_UTILISATION), 0.50, 0.01);
    assert_true(results_node_series(r, db, 25)[NS_UTILISATION] == 0);
    summary_destroy(s);
}

/* An async node's in-flight places all taken: the time it was so, in the measured window.
 * Arrivals every 100 ms each hold one of api's 2 places for the 150 ms db takes, so 2 are
 * in flight (full) from 100 ms after an arrival to 150 ms: half of every 100 ms. The
 * warm-up ends at 1.12 s, inside such an interval (1.10 to 1.15 s), and the window
 * at 11.12 s, inside another: 0.03 + 99 x 0.05 + 0.02 = 5 s. */
static void inflight_full_time_is_measured(void **state)
{
    (void)state;
    const char *design =
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":10,\"warmup_s\":1.12,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":10,\"arrival\":\"constant\"}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"io\":\"async\",\"instances\":1,\"workers\":4,\"max_inflight\":%d,"
        "\"service_ms\":{\"dist\":\"constant\",\"mean\":0}},"
        "{\"id\":\"leaf\",\"kind\":\"service\",\"io\":\"async\",\"service_ms\":{\"dist\":\"constant\",\"mean\":1}},"
        "{\"id\":\"db\",\"kind\":\"service\",\"workers\":4,\"service_ms\":{\"dist\":\"constant\",\"mean\":150}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"db\",\"latency_ms\":0},"
        "{\"from\":\"api\",\"to\":\"leaf\",\"mode\":\"async\"}]}";
    char text[1200];
    snprintf(text, sizeof text, design, 2);
    Summary *s = run_text(text, NULL);
    assert_close(node_fig(s, "api", NF_INFLIGHT_FULL_S), 5.0, 0.001);
    assert_true(type_fig(s, 0, TF_ERRORS) == 0);
    assert_true(node_fig(s, "api", NF_MEAN_WAIT_MS) < 1e-9); /* full, never over: nobody waited */
    /* only async nodes with synchronous calls report it: not db (blocking), not leaf (none) */
    assert_true(node_fig(s, "db", NF_INFLIGHT_FULL_S) == -1);
    assert_true(node_fig(s, "leaf", NF_INFLIGHT_FULL_S) == -1);
    summary_destroy(s);
    snprintf(text, sizeof text, design, 3); /* room for the two: never full */
    s = run_text(text, NULL);
    assert_true(node_fig(s, "api", NF_INFLIGHT_FULL_S) == 0);
    summary_destroy(s);
}

static void balancer_skips_a_failed_target(void **state)
{
    (void)state;
    Summary *s = run_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":60,\"warmup_s\":0,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":1000}],"
        "\"events\":[{\"at_s\":10,\"action\":\"fail\",\"node\":\"a\",\"for_s\":30}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"lb\",\"kind\":\"load_balancer\",\"policy\":\"round_robin\"},"
        "{\"id\":\"a\",\"kind\":\"service\",\"workers\":50,\"service_ms\":1},"
        "{\"id\":\"b\",\"kind\":\"service\",\"workers\":50,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"lb\"},{\"from\":\"lb\",\"to\":\"a\"},"
        "{\"from\":\"lb\",\"to\":\"b\"}]}",
        NULL);
    assert_true(type_fig(s, 0, TF_ERRORS) == 0);
    /* a served half the traffic for 30 of 60 seconds, b the rest. */
    assert_close(node_fig(s, "a", NF_COMPLETED), 500 * 30, 0.03);
    assert_close(node_fig(s, "b", NF_COMPLETED), 500 * 30 + 1000 * 30, 0.03);
    summary_destroy(s);
}

static void surge_multiplies_the_rate_for_its_duration(void **state)
{
    (void)state;
    Summary *s = run_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":60,\"warmup_s\":0,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":1000},{\"name\":\"other\",\"rate_rps\":100}],"
        "\"events\":[{\"at_s\":20,\"action\":\"surge\",\"request\":\"r\",\"factor\":3,"
        "\"for_s\":10}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"workers\":100,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}",
        NULL);
    assert_close(type_fig(s, 0, TF_COMPLETED), 1000 * 50 + 3000 * 10, 0.02);
    assert_close(type_fig(s, 1, TF_COMPLETED), 100 * 60, 0.04);
    assert_close(results_type_series(s->mean, 0, 25)[TS_THROUGHPUT_RPS], 3000, 0.1);
    summary_destroy(s);
}

/* A producer enqueues 1000 messages/s; the consumer handles 500/s: the backlog
 * grows by about 500/s and is reported; with 2000/s of consumers it stays small. */
#define QUEUE_DIAGRAM(workers)                                                           \
    HEAD(40, "{\"name\":\"post\",\"rate_rps\":1000,\"op\":\"write\"}") "},"              \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"                                     \
    "{\"id\":\"q\",\"kind\":\"queue\",\"service_ms\":1},"                                 \
    "{\"id\":\"w\",\"kind\":\"service\",\"instances\":1,\"workers\":" #workers           \
    ",\"service_ms\":{\"dist\":\"exponential\",\"mean\":10}}],"                           \
    "\"edges\":[{\"from\":\"u\",\"to\":\"q\"},{\"from\":\"q\",\"to\":\"w\"}]}"

static void queue_acks_at_once_and_backlog_grows_when_consumers_lag(void **state)
{
    (void)state;
    Model *m = NULL;
    Summary *slow = run_text(QUEUE_DIAGRAM(5), &m);
    Summary *fast = run_text(QUEUE_DIAGRAM(20), NULL);
    /* The producer waits only for the ack: 1 ms + 2 x 0.25 ms of network. */
    assert_close(type_fig(slow, 0, TF_MEAN_MS), 1.5, 0.02);
    assert_close(node_fig(slow, "q", NF_END_BACKLOG), 500 * 40, 0.05);
    assert_close(node_fig(slow, "w", NF_THROUGHPUT_RPS), 500, 0.03);
    assert_true(node_fig(slow, "w", NF_UTILISATION) > 0.99);
    assert_true(node_over_capacity(m, slow->mean, node_index(slow->mean, "q")));
    assert_true(node_fig(fast, "q", NF_MAX_BACKLOG) < 200);
    /* Enqueue-to-done: the consumer's 10 ms plus a little waiting. */
    assert_true(type_fig(fast, 0, TF_ASYNC_COUNT) > 0.99 * 1000 * 40);
    assert_true(type_fig(fast, 0, TF_ASYNC_MEAN_MS) > 10 && type_fig(fast, 0, TF_ASYNC_MEAN_MS) < 15);
    assert_true(type_fig(slow, 0, TF_ASYNC_P99_MS) > 1000); /* messages wait seconds */
    assert_string_equal(slow->mean->node_ids[slow->mean->bottleneck], "w");
    summary_destroy(slow);
    summary_destroy(fast);
    model_destroy(m);
}

static void bounded_queue_rejects_under_overload_and_names_the_node(void **state)
{
    (void)state;
    Model *m = NULL;
    Summary *s = run_text(
        HEAD(30, "{\"name\":\"r\",\"rate_rps\":2000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":1,\"workers\":1,\"queue_max\":50,"
        "\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}",
        &m);
    assert_close(type_fig(s, 0, TF_THROUGHPUT_RPS), 1000, 0.01);
    assert_close(type_fig(s, 0, TF_ERROR_RATE), 0.5, 0.02);
    assert_true(node_fig(s, "api", NF_MAX_QUEUE) <= 50);
    assert_int_equal(s->mean->bottleneck, 1);
    assert_non_null(strstr(s->mean->bottleneck_why, "rejected"));
    summary_destroy(s);
    model_destroy(m);
}

/* An async front end at its in-flight limit turns requests away with idle slots: the
 * saturated database it waits on is the bottleneck, and the sentence says who backed up. */
static void a_front_end_backed_up_by_its_database_names_the_database(void **state)
{
    (void)state;
    Model *m = NULL;
    Summary *s = run_text(
        HEAD(20, "{\"name\":\"r\",\"rate_rps\":2000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":2,\"workers\":4,\"io\":\"async\","
        "\"max_inflight\":50,\"queue_max\":100,\"service_ms\":0.2},"
        "{\"id\":\"db\",\"kind\":\"database\",\"pool\":4,\"service_ms\":4}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"db\"}]}",
        &m);
    assert_true(node_fig(s, "api", NF_REJECTED) > 0);
    assert_true(node_fig(s, "api", NF_UTILISATION) < 0.9);
    assert_true(node_fig(s, "db", NF_UTILISATION) >= 0.95);
    assert_string_equal(s->mean->node_ids[s->mean->bottleneck], "db");
    assert_non_null(strstr(s->mean->bottleneck_why, "api, which calls it, turned away"));
    /* the flags agree: db is over capacity, api only backed up by it */
    int api = node_index(s->mean, "api"), db = node_index(s->mean, "db");
    assert_true(node_over_capacity(m, s->mean, db));
    assert_false(node_over_capacity(m, s->mean, api));
    assert_int_equal(node_backed_up_by(m, s->mean, api), db);
    assert_int_equal(node_backed_up_by(m, s->mean, db), -1);
    summary_destroy(s);
    model_destroy(m);
}

static void overload_keeps_memory_bounded_whatever_the_duration(void **state)
{
    (void)state;
    /* Ten times the capacity for 20 s and for 400 s: the requests held at once stay
     * under the queue bound plus slots plus those on the wire, and do not grow. */
    Model *m = load_text(
        HEAD(20, "{\"name\":\"r\",\"rate_rps\":10000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":1,\"workers\":10,\"queue_max\":1000,"
        "\"service_ms\":10}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\",\"latency_ms\":1}]}");
    DiagList d;
    diag_init(&d, NULL);
    SimOptions o = sim_options_default();
    Results *a = sim_run(m, &o, &d);
    o.duration_s = 400;
    Results *b = sim_run(m, &o, &d);
    printf("    peak requests held: %llu over 20 s, %llu over 400 s\n",
           (unsigned long long)a->peak_jobs, (unsigned long long)b->peak_jobs);
    /* each request holds a job at api (its root at the client has none: CALL_ROOT, see
     * roots_without_a_job_answer_as_roots_with_one): 1000 queued + 10 in service + what
     * is on the wire (2 ms x 10000/s); the bound allows for a job at the client too */
    assert_true(b->peak_jobs <= 2 * (1000 + 10 + 20) + 100);
    assert_true(b->peak_jobs <= a->peak_jobs * 1.01 + 16);
    assert_true(b->nodes[1][NF_REJECTED] > 0.85 * 10000 * 400);
    results_destroy(a);
    results_destroy(b);
    diag_free(&d);
    model_destroy(m);
}

static void absurd_fanout_hits_the_safety_valve_not_the_memory(void **state)
{
    (void)state;
    /* 3000 x 3000 calls per request: nine million requests in flight per user
     * request. The engine refuses calls past its limit instead of growing. */
    Model *m = load_text(
        HEAD(0.05, "{\"name\":\"r\",\"rate_rps\":100}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"a\",\"kind\":\"service\",\"io\":\"async\",\"calls\":\"parallel\","
        "\"max_inflight\":100000000,\"service_ms\":0},"
        "{\"id\":\"b\",\"kind\":\"service\",\"io\":\"async\",\"calls\":\"parallel\","
        "\"max_inflight\":100000000,\"service_ms\":0},"
        "{\"id\":\"c\",\"kind\":\"service\",\"workers\":1,\"queue_max\":100000000,"
        "\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"a\"},{\"from\":\"a\",\"to\":\"b\",\"fanout\":3000},"
        "{\"from\":\"b\",\"to\":\"c\",\"fanout\":3000}]}");
    DiagList d;
    diag_init(&d, NULL);
    SimOptions o = sim_options_default();
    Results *r = sim_run(m, &o, &d);
    printf("    refused %llu calls, peak %llu requests held\n", (unsigned long long)r->refused,
           (unsigned long long)r->peak_jobs);
    assert_true(r->refused > 0);
    assert_true(r->peak_jobs <= (4u << 20) + 16);
    results_destroy(r);
    diag_free(&d);
    model_destroy(m);
}

static void circuit_breaker_fails_fast_while_open(void **state)
{
    (void)state;
    Summary *s = run_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":60,\"warmup_s\":0,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":500}],"
        "\"events\":[{\"at_s\":10,\"action\":\"fail\",\"node\":\"dep\",\"for_s\":20}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"workers\":100,\"service_ms\":1},"
        "{\"id\":\"dep\",\"kind\":\"service\",\"workers\":100,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"dep\","
        "\"circuit_breaker\":{\"failure_ratio\":0.5,\"min_calls\":20,\"window_s\":1,"
        "\"open_s\":5}}]}",
        NULL);
    double open = type_fig(s, 0, TF_ERR_CIRCUIT_OPEN), failed = type_fig(s, 0, TF_ERR_FAILED);
    printf("    circuit open %.0f, failed node %.0f\n", open, failed);
    /* While the dependency is down most calls never reach it. */
    assert_true(open > 0.7 * 500 * 20);
    assert_true(failed < 0.3 * 500 * 20);
    /* After recovery, no errors: the breaker closes again. */
    assert_true(results_type_series(s->mean, 0, 45)[TS_ERRORS] == 0);
    summary_destroy(s);
}

static void closed_loop_obeys_littles_law(void **state)
{
    (void)state;
    Summary *s = run_text(
        HEAD(200, "{\"name\":\"r\",\"users\":50,\"think_ms\":{\"dist\":\"exponential\","
                  "\"mean\":100}}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":1,\"workers\":1,"
        "\"service_ms\":{\"dist\":\"exponential\",\"mean\":2.5}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\",\"latency_ms\":0}]}",
        NULL);
    double x = type_fig(s, 0, TF_THROUGHPUT_RPS) / 1000.0, r = type_fig(s, 0, TF_MEAN_MS);
    /* N = X (Z + R) */
    assert_close(x * (100 + r), 50, 0.02);
    assert_true(node_fig(s, "api", NF_UTILISATION) > 0.9); /* 50 users saturate it */
    summary_destroy(s);
}

static void payload_over_bandwidth_adds_transmission_time(void **state)
{
    (void)state;
    Summary *s = run_text(
        HEAD(20, "{\"name\":\"upload\",\"rate_rps\":10,\"op\":\"write\"}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"s3\",\"kind\":\"object_store\",\"service_ms\":20}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"s3\",\"latency_ms\":5,\"request_kb\":2000,"
        "\"response_kb\":1,\"bandwidth_mbps\":100}]}",
        NULL);
    /* 2000 KB x 8 / 100 Mbit/s = 160 ms up, 0.08 ms down, 10 ms of latency, 20 ms work */
    assert_close(type_fig(s, 0, TF_MEAN_MS), 160 + 0.08 + 10 + 20, 0.001);
    summary_destroy(s);
}

static void database_sends_writes_to_primary_and_reads_to_replicas(void **state)
{
    (void)state;
    Model *m = NULL;
    Summary *s = run_text(
        HEAD(50, "{\"name\":\"read\",\"rate_rps\":3000},{\"name\":\"write\",\"rate_rps\":1000,"
                 "\"op\":\"write\"}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"db\",\"kind\":\"database\",\"read_replicas\":3,\"pool\":10,"
        "\"service_ms\":{\"dist\":\"exponential\",\"mean\":5}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"db\"}]}",
        &m);
    /* 4 servers x 10 connections: primary busy 1000 x 5 ms / 10 = 0.5, each replica the
     * same; so the node (40 slots) is 50% busy. */
    assert_close(node_fig(s, "db", NF_UTILISATION), 0.5, 0.02);
    assert_true(type_fig(s, 0, TF_ERRORS) == 0 && type_fig(s, 1, TF_ERRORS) == 0);
    summary_destroy(s);
    model_destroy(m);
}

static void failed_primary_fails_writes_but_not_reads(void **state)
{
    (void)state;
    Summary *s = run_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":30,\"warmup_s\":0,"
        "\"requests\":[{\"name\":\"read\",\"rate_rps\":1000},{\"name\":\"write\","
        "\"rate_rps\":100,\"op\":\"write\"}],"
        "\"events\":[{\"at_s\":0,\"action\":\"fail\",\"node\":\"db\",\"instances\":1}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"db\",\"kind\":\"database\",\"read_replicas\":2,\"pool\":20,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"db\"}]}",
        NULL);
    assert_true(type_fig(s, 0, TF_ERRORS) == 0);
    assert_close(type_fig(s, 1, TF_ERROR_RATE), 1.0, 0.001);
    summary_destroy(s);
}

static void failed_replicas_send_reads_to_the_others_and_spare_writes(void **state)
{
    (void)state;
    /* two of three replicas die: reads go on through the last one, writes untouched;
     * then every replica dies: reads fall back to the primary */
    const char *fmt =
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":20,\"warmup_s\":0,"
        "\"requests\":[{\"name\":\"read\",\"rate_rps\":1000},{\"name\":\"write\","
        "\"rate_rps\":100,\"op\":\"write\"}],"
        "\"events\":[{\"at_s\":0,\"action\":\"fail\",\"node\":\"db\",\"role\":\"replica\","
        "\"instances\":%d}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"db\",\"kind\":\"database\",\"read_replicas\":3,\"pool\":50,"
        "\"service_ms\":1}],\"edges\":[{\"from\":\"u\",\"to\":\"db\"}]}";
    char buf[2048];
    snprintf(buf, sizeof buf, fmt, 2);
    Model *m = NULL;
    Summary *s = run_text(buf, &m);
    assert_true(type_fig(s, 0, TF_ERRORS) == 0 && type_fig(s, 1, TF_ERRORS) == 0);
    /* servers busy: primary 100 x 1 ms, one replica 1000 x 1 ms: 1.1 of the 100 slots of
     * the two servers up (the two replicas down all the run do not count) */
    assert_close(node_fig(s, "db", NF_UTILISATION), 1.1 / 100, 0.05);
    summary_destroy(s);
    model_destroy(m);
    snprintf(buf, sizeof buf, fmt, 0);
    s = run_text(buf, NULL);
    assert_true(type_fig(s, 0, TF_ERRORS) == 0 && type_fig(s, 1, TF_ERRORS) == 0);
    summary_destroy(s);
}

static void parallel_calls_wait_for_the_slowest_and_sequential_add_up(void **state)
{
    (void)state;
    const char *fmt =
        HEAD(20, "{\"name\":\"r\",\"rate_rps\":50}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"workers\":100,\"calls\":\"%s\",\"service_ms\":0},"
        "{\"id\":\"a\",\"kind\":\"service\",\"workers\":100,\"service_ms\":10},"
        "{\"id\":\"b\",\"kind\":\"service\",\"workers\":100,\"service_ms\":30}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\",\"latency_ms\":0},"
        "{\"from\":\"api\",\"to\":\"a\",\"latency_ms\":0,\"fanout\":2},"
        "{\"from\":\"api\",\"to\":\"b\",\"latency_ms\":0}]}";
    char buf[2048];
    snprintf(buf, sizeof buf, fmt, "sequential");
    Summary *seq = run_text(buf, NULL);
    snprintf(buf, sizeof buf, fmt, "parallel");
    Summary *par = run_text(buf, NULL);
    assert_close(type_fig(seq, 0, TF_MEAN_MS), 10 + 10 + 30, 0.001);
    assert_close(type_fig(par, 0, TF_MEAN_MS), 30, 0.001);
    summary_destroy(seq);
    summary_destroy(par);
}

static void heavy_tailed_fanout_keeps_its_mean(void **state)
{
    (void)state;
    Summary *s = run_text(
        HEAD(100, "{\"name\":\"post\",\"rate_rps\":100,\"op\":\"write\"}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"w\",\"kind\":\"service\",\"workers\":1000,\"io\":\"async\",\"calls\":\"parallel\","
        "\"service_ms\":0},"
        "{\"id\":\"tl\",\"kind\":\"cache\",\"workers\":1000,\"service_ms\":0.01}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"w\"},{\"from\":\"w\",\"to\":\"tl\",\"fanout\":"
        "{\"dist\":\"pareto\",\"mean\":75,\"alpha\":2.5}}]}",
        NULL);
    assert_close(node_fig(s, "tl", NF_ARRIVALS) / (100.0 * 100), 75, 0.05);
    summary_destroy(s);
}

static void warmup_is_discarded_from_totals(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":20,\"warmup_s\":10,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":1000,\"arrival\":\"constant\"}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"workers\":10,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}");
    Summary *s = run_model(m, 1, -1);
    assert_close(type_fig(s, 0, TF_COMPLETED), 20000, 0.001);
    assert_int_equal(s->mean->n_seconds, 30);
    double sum = 0;
    for (int k = 10; k < 30; k++) sum += results_type_series(s->mean, 0, k)[TS_THROUGHPUT_RPS];
    assert_close(sum, 20000, 0.001);
    /* the series include the warm-up */
    assert_close(results_type_series(s->mean, 0, 3)[TS_THROUGHPUT_RPS], 1000, 0.01);
    summary_destroy(s);
    model_destroy(m);
}

/* A root whose only work is one call needs no job of its own (engine_internal.h,
 * CALL_ROOT): the callee's job stands for it. Sessions put a root in a job (its session
 * is drawn into it, from a stream of its own), and without a replicated database they
 * change nothing else: the two runs must agree on every figure, every event and every
 * second, rejections (queue_max, at the callee and answered at once over a zero-latency
 * edge), closed loops and an edge latency included. The run without sessions holds about
 * half the job records. */
#define ROOT_DIAGRAM(sessions)                                                            \
    HEAD(30, "{\"name\":\"r\",\"client\":\"u\",\"rate_rps\":1300" sessions "},"              \
             "{\"name\":\"w\",\"client\":\"v\",\"users\":50,\"think_ms\":{\"dist\":\"exponential\","        \
             "\"mean\":20}" sessions "}") "},"                                               \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"v\",\"kind\":\"client\"},"       \
    "{\"id\":\"api\",\"kind\":\"service\",\"instances\":1,\"workers\":4,\"queue_max\":20,"    \
    "\"service_ms\":{\"dist\":\"exponential\",\"mean\":3}},"                                 \
    "{\"id\":\"db\",\"kind\":\"database\",\"pool\":8,\"service_ms\":1}],"                  \
    "\"edges\":[{\"from\":\"u\",\"to\":\"api\",\"latency_ms\":0,\"requests\":[\"r\"]},"       \
    "{\"from\":\"v\",\"to\":\"api\",\"latency_ms\":2,\"requests\":[\"w\"]},"                \
    "{\"from\":\"api\",\"to\":\"db\"}]}"

static bool same_double(double x, double y)
{
    return x == y || (isnan(x) && isnan(y));
}

static void roots_without_a_job_answer_as_roots_with_one(void **state)
{
    (void)state;
    Model *plain = load_text(ROOT_DIAGRAM(""));
    Model *held = load_text(ROOT_DIAGRAM(",\"sessions\":1000"));
    DiagList d;
    diag_init(&d, NULL);
    SimOptions o = sim_options_default();
    Results *a = sim_run(plain, &o, &d), *b = sim_run(held, &o, &d);
    printf("    %llu events; peak job records %llu without a root's job, %llu with\n",
           (unsigned long long)a->events, (unsigned long long)a->peak_jobs,
           (unsigned long long)b->peak_jobs);
    assert_true(a->events == b->events);
    assert_true(a->types[0][TF_ERR_REJECTED] > 1000); /* the rejections were exercised */
    for (int t = 0; t <= a->n_types; t++)
        for (int f = 0; f < TF_COUNT; f++)
            if (f != TF_SESSION_READS && f != TF_STALE_READS && f != TF_STALE_READ_RATE)
                assert_true(same_double(a->types[t][f], b->types[t][f]));
    for (int i = 0; i < a->n_nodes; i++)
        for (int f = 0; f < NF_COUNT; f++) assert_true(same_double(a->nodes[i][f], b->nodes[i][f]));
    for (int k = 0; k < a->n_edges; k++)
        for (int f = 0; f < EF_COUNT; f++) assert_true(same_double(a->edges[k][f], b->edges[k][f]));
    assert_int_equal(a->n_seconds, b->n_seconds);
    for (int x = 0; x < (a->n_types + 1) * a->n_seconds * TS_COUNT; x++)
        assert_true(same_double(a->type_series[x], b->type_series[x]));
    assert_int_equal(a->ns_count, b->ns_count);
    for (int x = 0; x < a->n_nodes * a->n_seconds * a->ns_count; x++)
        assert_true(same_double(a->node_series[x], b->node_series[x]));
    assert_true(a->peak_jobs < b->peak_jobs);
    results_destroy(a);
    results_destroy(b);
    diag_free(&d);
    model_destroy(plain);
    model_destroy(held);
}

static void same_file_and_seed_give_identical_json_whatever_the_threads(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/theory/lb_random.json");
    SimOptions o = sim_options_default();
    o.duration_s = 50;
    DiagList d;
    diag_init(&d, NULL);
    Summary *a = sim_replicate(m, &o, 3, 1, &d);
    Summary *b = sim_replicate(m, &o, 3, 2, &d);
    Summary *c = sim_replicate(m, &o, 3, 3, &d);
    char *ja = report_json(m, a), *jb = report_json(m, b), *jc = report_json(m, c);
    assert_string_equal(ja, jb);
    assert_string_equal(ja, jc);
    o.seed = 99;
    o.has_seed = true;
    Summary *x = sim_replicate(m, &o, 3, 2, &d);
    char *jx = report_json(m, x);
    assert_string_not_equal(ja, jx);
    free(ja);
    free(jb);
    free(jc);
    free(jx);
    summary_destroy(a);
    summary_destroy(b);
    summary_destroy(c);
    summary_destroy(x);
    diag_free(&d);
    model_destroy(m);
}

static void editing_one_node_does_not_reshuffle_another(void **state)
{
    (void)state;
    /* Two independent client->server paths; changing b's service time must leave the
     * figures of path a unchanged (each node draws from its own stream). */
    const char *fmt =
        HEAD(30, "{\"name\":\"ra\",\"rate_rps\":500,\"client\":\"ua\"},{\"name\":\"rb\","
                 "\"rate_rps\":500,\"client\":\"ub\"}") "},"
        "\"nodes\":[{\"id\":\"ua\",\"kind\":\"client\"},{\"id\":\"ub\",\"kind\":\"client\"},"
        "{\"id\":\"a\",\"kind\":\"service\",\"workers\":1,\"service_ms\":{\"dist\":\"exponential\","
        "\"mean\":1}},"
        "{\"id\":\"b\",\"kind\":\"service\",\"workers\":1,\"service_ms\":{\"dist\":\"exponential\","
        "\"mean\":%s}}],"
        "\"edges\":[{\"from\":\"ua\",\"to\":\"a\"},{\"from\":\"ub\",\"to\":\"b\"}]}";
    char buf[2048];
    snprintf(buf, sizeof buf, fmt, "1");
    Summary *x = run_text(buf, NULL);
    snprintf(buf, sizeof buf, fmt, "1.5");
    Summary *y = run_text(buf, NULL);
    assert_true(type_fig(x, 0, TF_MEAN_MS) == type_fig(y, 0, TF_MEAN_MS));
    assert_true(type_fig(x, 0, TF_P99_MS) == type_fig(y, 0, TF_P99_MS));
    assert_true(type_fig(x, 1, TF_MEAN_MS) != type_fig(y, 1, TF_MEAN_MS));
    summary_destroy(x);
    summary_destroy(y);
}

static void client_timeout_counts_slow_requests_as_timeouts(void **state)
{
    (void)state;
    Summary *s = run_text(
        HEAD(20, "{\"name\":\"r\",\"rate_rps\":200}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\",\"timeout_ms\":20},"
        "{\"id\":\"api\",\"kind\":\"service\",\"workers\":100,\"service_ms\":"
        "{\"dist\":\"exponential\",\"mean\":10}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\",\"latency_ms\":0}]}",
        NULL);
    /* P(service > 20 ms) = e^-2 */
    assert_close(type_fig(s, 0, TF_ERROR_RATE), exp(-2), 0.05);
    assert_true(type_fig(s, 0, TF_ERR_TIMEOUT) == type_fig(s, 0, TF_ERRORS));
    summary_destroy(s);
}

static void least_outstanding_beats_random_on_unequal_servers(void **state)
{
    (void)state;
    const char *fmt =
        HEAD(100, "{\"name\":\"r\",\"rate_rps\":1500}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"lb\",\"kind\":\"load_balancer\",\"policy\":\"%s\",\"service_ms\":0},"
        "{\"id\":\"fast\",\"kind\":\"service\",\"instances\":1,\"workers\":1,\"queue_max\":100000,"
        "\"service_ms\":{\"dist\":\"exponential\",\"mean\":0.5}},"
        "{\"id\":\"slow\",\"kind\":\"service\",\"instances\":1,\"workers\":1,\"queue_max\":100000,"
        "\"service_ms\":{\"dist\":\"exponential\",\"mean\":1}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"lb\"},{\"from\":\"lb\",\"to\":\"fast\"},"
        "{\"from\":\"lb\",\"to\":\"slow\"}]}";
    const char *policies[4] = {"random", "round_robin", "least_outstanding", "power_of_two"};
    double p99[4];
    for (int i = 0; i < 4; i++) {
        char buf[2048];
        snprintf(buf, sizeof buf, fmt, policies[i]);
        Summary *s = run_text(buf, NULL);
        p99[i] = type_fig(s, 0, TF_P99_MS);
        printf("    %-18s p99 %.2f ms, fast served %.0f%%\n", policies[i], p99[i],
               100 * node_fig(s, "fast", NF_COMPLETED) / type_fig(s, 0, TF_COMPLETED));
        summary_destroy(s);
    }
    /* Random sends 750/s to the slow server (rho 0.75), least outstanding adapts. */
    assert_true(p99[2] < 0.7 * p99[0]);
    assert_true(p99[3] < p99[0]);
}

static void trace_follows_one_request_hop_by_hop(void **state)
{
    (void)state;
    /* users -5ms-> api (2 ms) -1ms-> db (3 ms), and an async branch to a worker */
    Model *m = load_text(
        HEAD(10, "{\"name\":\"r\",\"rate_rps\":10,\"arrival\":\"constant\"}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"service_ms\":2},"
        "{\"id\":\"db\",\"kind\":\"database\",\"service_ms\":3},"
        "{\"id\":\"w\",\"kind\":\"service\",\"service_ms\":7}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\",\"latency_ms\":5},"
        "{\"from\":\"api\",\"to\":\"db\",\"latency_ms\":1},"
        "{\"from\":\"api\",\"to\":\"w\",\"mode\":\"async\",\"latency_ms\":0}]}");
    SimOptions o = sim_options_default();
    o.trace_request = 0;
    o.trace_at_s = 2;
    DiagList d;
    diag_init(&d, NULL);
    Results *r = sim_run(m, &o, &d);
    assert_int_equal(r->n_trace, 4);
    const TraceSpan *t = r->trace;
    double t0 = t[0].t_sent;
    assert_true(t0 >= 2 && t0 < 2.1 + 1e-9);
    assert_int_equal(t[0].parent, -1);
    assert_int_equal(t[1].node, 1); /* api */
    assert_int_equal(t[1].parent, 0);
    assert_float_equal((t[1].t_arrive - t0) * 1000, 5, 1e-9);
    assert_float_equal((t[1].t_served - t[1].t_start) * 1000, 2, 1e-9);
    assert_int_equal(t[2].node, 2); /* db, called after api's work */
    assert_float_equal((t[2].t_arrive - t0) * 1000, 8, 1e-9);
    assert_float_equal((t[2].t_received - t0) * 1000, 12, 1e-9);
    assert_int_equal(t[3].node, 3); /* the async worker */
    assert_true(t[3].async);
    assert_float_equal((t[1].t_received - t0) * 1000, 17, 1e-9);
    assert_float_equal((t[0].t_received - t0) * 1000, 17, 1e-9);
    results_destroy(r);
    diag_free(&d);
    model_destroy(m);
}

static void node_table_waits_of_seconds_carry_one_unit(void **state)
{
    (void)state;
    /* One worker taking 1 s for 1.2 requests a second: waits grow to tens of seconds,
     * which the column prints with their unit ("53.6 s"), never "53.6 s ms". */
    Model *m = load_text(
        HEAD(100, "{\"name\":\"r\",\"rate_rps\":1.2,\"arrival\":\"constant\"}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"slow\",\"kind\":\"service\",\"instances\":1,\"workers\":1,\"service_ms\":1000},"
        "{\"id\":\"fast\",\"kind\":\"service\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"slow\"},{\"from\":\"u\",\"to\":\"fast\"}]}");
    Summary *s = run_model(m, 1, -1);
    char *text = report_text(m, s);
    const char *row = strstr(text, "\n  slow ");
    assert_non_null(row);
    printf("    %.*s\n", (int)(strchr(row + 1, '\n') - row - 1), row + 1);
    assert_true(node_fig(s, "slow", NF_P99_WAIT_MS) >= 10000);
    assert_null(strstr(text, " s ms"));
    assert_non_null(strstr(row, " s "));
    const char *fast = strstr(text, "\n  fast ");
    assert_non_null(fast);
    assert_non_null(strstr(fast, " ms ")); /* a bare number keeps its ms */
    free(text);
    summary_destroy(s);
    model_destroy(m);
}

static void rate_limit_refusals_read_rate_limited_never_queue_full(void **state)
{
    (void)state;
    Model *m = load_text(
        HEAD(5, "{\"name\":\"r\",\"rate_rps\":1000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"label\":\"API\",\"kind\":\"service\",\"rate_limit_rps\":100,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}");
    SimOptions o = sim_options_default();
    o.trace_request = 0;
    o.trace_at_s = 2; /* the bucket is long empty by then */
    DiagList d;
    diag_init(&d, NULL);
    Results *r = sim_run(m, &o, &d);
    assert_non_null(r);
    char *why = trace_failure(m, r, NAMING_LABEL);
    assert_non_null(why);
    printf("    %s\n", why);
    assert_string_equal(why, "rate limited at API (rate_limit_rps)");
    free(why);
    Summary s = {1, r, r};
    char *text = report_text(m, &s);
    assert_non_null(strstr(text, " rate limited"));
    assert_null(strstr(text, "queue full"));
    assert_null(strstr(text, "queue was full"));
    free(text);
    results_destroy(r);
    diag_free(&d);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cache_hit_ratio_is_within_one_percent_of_configured),
        cmocka_unit_test(blocking_io_exhausts_the_pool_and_async_does_not),
        cmocka_unit_test(edge_timeout_fails_slow_calls_and_counts_them),
        cmocka_unit_test(retries_multiply_load_and_a_budget_caps_them),
        cmocka_unit_test(rate_limit_admits_its_rate_and_rejects_the_rest),
        cmocka_unit_test(failure_event_fails_requests_for_its_duration),
        cmocka_unit_test(utilisation_leaves_out_failed_servers),
        cmocka_unit_test(inflight_full_time_is_measured),
        cmocka_unit_test(balancer_skips_a_failed_target),
        cmocka_unit_test(surge_multiplies_the_rate_for_its_duration),
        cmocka_unit_test(queue_acks_at_once_and_backlog_grows_when_consumers_lag),
        cmocka_unit_test(bounded_queue_rejects_under_overload_and_names_the_node),
        cmocka_unit_test(a_front_end_backed_up_by_its_database_names_the_database),
        cmocka_unit_test(overload_keeps_memory_bounded_whatever_the_duration),
        cmocka_unit_test(absurd_fanout_hits_the_safety_valve_not_the_memory),
        cmocka_unit_test(circuit_breaker_fails_fast_while_open),
        cmocka_unit_test(closed_loop_obeys_littles_law),
        cmocka_unit_test(payload_over_bandwidth_adds_transmission_time),
        cmocka_unit_test(database_sends_writes_to_primary_and_reads_to_replicas),
        cmocka_unit_test(failed_primary_fails_writes_but_not_reads),
        cmocka_unit_test(failed_replicas_send_reads_to_the_others_and_spare_writes),
        cmocka_unit_test(parallel_calls_wait_for_the_slowest_and_sequential_add_up),
        cmocka_unit_test(heavy_tailed_fanout_keeps_its_mean),
        cmocka_unit_test(warmup_is_discarded_from_totals),
        cmocka_unit_test(roots_without_a_job_answer_as_roots_with_one),
        cmocka_unit_test(same_file_and_seed_give_identical_json_whatever_the_threads),
        cmocka_unit_test(editing_one_node_does_not_reshuffle_another),
        cmocka_unit_test(client_timeout_counts_slow_requests_as_timeouts),
        cmocka_unit_test(least_outstanding_beats_random_on_unequal_servers),
        cmocka_unit_test(trace_follows_one_request_hop_by_hop),
        cmocka_unit_test(node_table_waits_of_seconds_carry_one_unit),
        cmocka_unit_test(rate_limit_refusals_read_rate_limited_never_queue_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
