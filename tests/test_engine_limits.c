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
#include "sim/rng.h"
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

/* ---- work that never advances simulated time ---------------------------------------- */

/* ping -> pong -> ping over async edges with no latency and no service time: every
 * request starts work that never lets the clock move. The validator may refuse such a
 * cycle; the engine must stop by itself anyway. */
static Model *ping_pong(void)
{
    const char *json =
        HEAD(10, "{\"name\":\"r\",\"rate_rps\":100}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"ping\",\"label\":\"Ping\",\"kind\":\"service\",\"service_ms\":0},"
        "{\"id\":\"pong\",\"label\":\"Pong\",\"kind\":\"service\",\"service_ms\":0},"
        "{\"id\":\"idle\",\"kind\":\"service\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"ping\",\"latency_ms\":1},"
        "{\"from\":\"u\",\"to\":\"idle\",\"latency_ms\":1},"
        "{\"from\":\"ping\",\"to\":\"pong\",\"mode\":\"async\",\"latency_ms\":0},"
        "{\"from\":\"pong\",\"to\":\"ping\",\"mode\":\"async\",\"latency_ms\":0}]}";
    DiagList d;
    diag_init(&d, "inline");
    Model *m = model_from_json_lenient(json, strlen(json), &d);
    diag_free(&d);
    assert_non_null(m);
    return m;
}

static void a_zero_delay_cycle_stops_with_an_error_naming_its_nodes(void **state)
{
    (void)state;
    Model *m = ping_pong();
    SimOptions o = sim_options_default();
    o.instant_budget = 300000;
    DiagList d;
    diag_init(&d, "pp.json");
    Results *r = sim_run(m, &o, &d);
    assert_null(r);
    assert_int_equal(d.n_items, 1);
    printf("    %s: %s\n", d.items[0].path, d.items[0].message);
    const char *msg = d.items[0].message;
    assert_non_null(strstr(msg, "more than 300,000 events happened at that instant"));
    assert_non_null(strstr(msg, "Ping (ping)"));
    assert_non_null(strstr(msg, "Pong (pong)"));
    assert_null(strstr(msg, "idle"));
    assert_true(strcmp(d.items[0].path, "nodes[1]") == 0 || strcmp(d.items[0].path, "nodes[2]") == 0);
    diag_free(&d);
    /* the same through replications, whatever the threads: no summary, the message */
    diag_init(&d, "pp.json");
    Summary *s = sim_replicate(m, &o, 5, 2, &d);
    assert_null(s);
    assert_int_equal(d.n_items, 1);
    assert_non_null(strstr(d.items[0].message, "Ping (ping)"));
    diag_free(&d);
    /* the engine's own run keeps its partial figures beside the error */
    diag_init(&d, NULL);
    Engine *e = engine_create(m, &o, &d);
    assert_non_null(e);
    r = engine_run(e);
    assert_non_null(r->error);
    assert_true(r->events >= 300000 && r->events < 300000 + 1000);
    assert_true(r->types[0][TF_COMPLETED] == 0); /* stopped at the first request */
    results_destroy(r);
    engine_destroy(e);
    diag_free(&d);
    model_destroy(m);
}

typedef struct CancelAt {
    volatile int cancel;
    int calls;     /* progress reports seen */
    int cancel_on; /* set the flag on this report */
} CancelAt;

static void cancel_on_progress(void *ctx, double frac)
{
    (void)frac;
    CancelAt *c = ctx;
    if (++c->calls == c->cancel_on) c->cancel = 1;
}

static void cancel_is_seen_within_65536_events_even_when_time_stands_still(void **state)
{
    (void)state;
    /* The runaway instant with no budget to speak of: progress comes every 2^20 events
     * whatever the clock does, and the flag set then is read within 2^16 more. (The
     * flag used to be read only when simulated time had moved 1% on.) */
    Model *m = ping_pong();
    CancelAt c = {0, 0, 2};
    SimOptions o = sim_options_default();
    o.instant_budget = UINT64_C(1) << 40;
    o.progress = cancel_on_progress;
    o.progress_ctx = &c;
    o.cancel = &c.cancel;
    DiagList d;
    diag_init(&d, NULL);
    Results *r = sim_run(m, &o, &d);
    assert_non_null(r);
    printf("    cancelled after %llu events, %d progress reports\n", (unsigned long long)r->events, c.calls);
    assert_true(r->cancelled);
    assert_true(r->events <= ENGINE_CHECK_EVENTS + ENGINE_PROGRESS_EVENTS + ENGINE_CHECK_EVENTS + 1000);
    results_destroy(r);
    /* replications stop starting new runs too */
    Model *small = load_text(
        HEAD(1, "{\"name\":\"r\",\"rate_rps\":100}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"s\",\"kind\":\"service\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"s\"}]}");
    c = (CancelAt){0, 0, 1};
    o = sim_options_default();
    o.progress = cancel_on_progress;
    o.progress_ctx = &c;
    o.cancel = &c.cancel;
    Summary *s = sim_replicate(small, &o, 100000, 2, &d);
    assert_non_null(s);
    printf("    replications run before the cancel was seen: %d of 100000\n", s->n_runs);
    assert_true(s->mean->cancelled || s->n_runs < 100000);
    assert_true(s->n_runs >= 1 && s->n_runs <= 8);
    summary_destroy(s);
    diag_free(&d);
    model_destroy(small);
    model_destroy(m);
}

/* ---- allocations a file can drive ------------------------------------------------------ */

static void a_hundred_million_users_are_refused_with_what_they_would_need(void **state)
{
    (void)state;
    Model *m = load_text(
        HEAD(10, "{\"name\":\"r\",\"users\":100000000,\"think_ms\":1000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"s\",\"kind\":\"service\"}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"s\"}]}");
    DiagList d;
    diag_init(&d, NULL);
    assert_null(engine_create(m, NULL, &d));
    assert_int_equal(d.n_items, 1);
    printf("    %s: %s\n", d.items[0].path, d.items[0].message);
    assert_string_equal(d.items[0].path, "scenario.requests[0].users");
    assert_non_null(strstr(d.items[0].message, "100,000,000 closed-loop users"));
    assert_non_null(strstr(d.items[0].message, "at most 4,194,304"));
    assert_non_null(strstr(d.items[0].message, "100,000,000 requests per second"));
    diag_free(&d);
    /* 4,194,304 in all is the most it holds: two types of 2,097,152 run */
    model_destroy(m);
    m = load_text(
        HEAD(0.2, "{\"name\":\"a\",\"users\":2097152,\"think_ms\":100000},"
                  "{\"name\":\"b\",\"users\":2097152,\"think_ms\":100000}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"s\",\"kind\":\"service\",\"io\":\"async\","
        "\"max_inflight\":100000000,\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"s\",\"latency_ms\":0}]}");
    diag_init(&d, NULL);
    Results *r = run_one(m, -1, &d);
    assert_non_null(r);
    printf("    4,194,304 users: %.0f requests in 0.2 s\n", r->types[2][TF_COMPLETED]);
    assert_true(r->types[2][TF_COMPLETED] > 1000 && r->types[2][TF_ERRORS] == 0 && r->refused == 0);
    results_destroy(r);
    diag_free(&d);
    model_destroy(m);
}

static void database_servers_beyond_the_limit_are_refused(void **state)
{
    (void)state;
    Model *m = load_text(
        HEAD(1, "{\"name\":\"r\",\"rate_rps\":10}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"db\",\"kind\":\"database\",\"shards\":10000,\"read_replicas\":1000}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"db\"}]}");
    DiagList d;
    diag_init(&d, NULL);
    assert_null(engine_create(m, NULL, &d));
    assert_int_equal(d.n_items, 1);
    printf("    %s: %s\n", d.items[0].path, d.items[0].message);
    assert_string_equal(d.items[0].path, "nodes[1].shards");
    assert_non_null(strstr(d.items[0].message, "10,010,000 database servers"));
    assert_non_null(strstr(d.items[0].message, "at most 1,048,576"));
    diag_free(&d);
    model_destroy(m);
}

static void series_of_a_ten_million_second_warm_up_stay_bounded(void **state)
{
    (void)state;
    /* One row a second would be 10^7 rows (320 MB a node); rows of 1001 s keep it to
     * 9,991 rows, and the rates stay rates. */
    Model *m = load_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":10,\"warmup_s\":10000000,"
        "\"seed\":1,\"requests\":[{\"name\":\"r\",\"rate_rps\":0.01}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"s\",\"kind\":\"service\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"s\"}]}");
    DiagList d;
    diag_init(&d, NULL);
    Results *r = sim_run(m, NULL, &d);
    assert_non_null(r);
    printf("    %d rows of %g s\n", r->n_seconds, r->series_step_s);
    assert_true(r->n_seconds <= 10000);
    assert_true(r->series_step_s == 1001);
    assert_true(r->n_seconds * r->series_step_s >= 10000010);
    double sum = 0;
    for (int k = 0; k < r->n_seconds - 1; k++) sum += results_type_series(r, 0, k)[TS_THROUGHPUT_RPS];
    assert_close(sum / (r->n_seconds - 1), 0.01, 0.03); /* per second, not per row */
    results_destroy(r);
    /* an ordinary run keeps one row a second */
    SimOptions o = sim_options_default();
    o.warmup_s = 0;
    o.duration_s = 600;
    r = sim_run(m, &o, &d);
    assert_true(r->n_seconds == 600 && r->series_step_s == 1);
    results_destroy(r);
    diag_free(&d);
    model_destroy(m);
}

static void a_queue_fan_out_of_millions_stops_at_the_message_valve(void **state)
{
    (void)state;
    /* Each message is copied 3 million times for its consumer, which takes 1 s each:
     * the copies would pile up without end (max_depth allows 10^9). */
    Model *m = load_text(
        HEAD(0.05, "{\"name\":\"r\",\"rate_rps\":100}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"q\",\"kind\":\"queue\",\"max_depth\":1000000000,\"service_ms\":0},"
        "{\"id\":\"c\",\"kind\":\"service\",\"workers\":1,\"service_ms\":1000}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"q\"},{\"from\":\"q\",\"to\":\"c\",\"fanout\":3000000}]}");
    DiagList d;
    diag_init(&d, NULL);
    Results *r = run_one(m, -1, &d);
    assert_non_null(r);
    printf("    refused %llu, most held %.0f messages\n", (unsigned long long)r->refused,
           r->nodes[1][NF_MAX_BACKLOG]);
    assert_true(r->refused > 0);
    assert_true(r->nodes[1][NF_MAX_BACKLOG] <= (4u << 20));
    results_destroy(r);
    diag_free(&d);
    model_destroy(m);
}

static void calls_waiting_to_be_retried_stop_at_the_call_valve(void **state)
{
    (void)state;
    /* A fan-out of 5 million calls to a node that is down, each retried after 10 s:
     * no request is held (each attempt fails at once), but the calls waiting for their
     * retry would be 5 million a request. */
    Model *m = load_text(
        HEAD(0.05, "{\"name\":\"r\",\"rate_rps\":40}") ","
        "\"events\":[{\"at_s\":0,\"node\":\"b\",\"action\":\"fail\"}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"a\",\"kind\":\"service\",\"io\":\"async\",\"calls\":\"parallel\",\"service_ms\":0},"
        "{\"id\":\"b\",\"kind\":\"service\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"a\"},"
        "{\"from\":\"a\",\"to\":\"b\",\"latency_ms\":0,\"fanout\":5000000,\"retries\":2,"
        "\"backoff_ms\":10000,\"backoff_max_ms\":10000}]}");
    DiagList d;
    diag_init(&d, NULL);
    Results *r = run_one(m, -1, &d);
    assert_non_null(r);
    printf("    refused %llu, peak calls %llu, peak requests held %llu\n", (unsigned long long)r->refused,
           (unsigned long long)r->peak_calls, (unsigned long long)r->peak_jobs);
    assert_true(r->refused > 0);
    assert_true(r->peak_calls <= (4u << 20));
    results_destroy(r);
    diag_free(&d);
    model_destroy(m);
}

/* ---- replications -------------------------------------------------------------------- */

static void ten_thousand_replications_keep_two_engines_alive(void **state)
{
    (void)state;
    Model *m = load_text(
        HEAD(0.5, "{\"name\":\"r\",\"rate_rps\":200}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"s\",\"kind\":\"service\",\"service_ms\":1}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"s\",\"latency_ms\":1}]}");
    DiagList d;
    diag_init(&d, NULL);
    SimOptions o = sim_options_default();
    Summary *s = sim_replicate(m, &o, 10000, 2, &d);
    assert_non_null(s);
    printf("    %d runs, at most %d engines alive and %d runs waiting to be folded\n", s->n_runs,
           s->mean->peak_engines, s->mean->peak_held);
    assert_int_equal(s->n_runs, 10000);
    assert_true(s->mean->peak_engines >= 1 && s->mean->peak_engines <= 2);
    assert_true(s->mean->peak_held <= 4);
    assert_close(s->mean->types[0][TF_THROUGHPUT_RPS], 200, 0.01);
    /* 10,000 runs of 100 requests: the mean is known to within +-0.2% */
    assert_true(s->half->types[0][TF_THROUGHPUT_RPS] > 0 && s->half->types[0][TF_THROUGHPUT_RPS] < 0.5);
    summary_destroy(s);
    /* one thread: the same figures, bit for bit */
    Summary *one = sim_replicate(m, &o, 300, 1, &d);
    Summary *two = sim_replicate(m, &o, 300, 2, &d);
    assert_memory_equal(&one->mean->types[0][0], &two->mean->types[0][0], sizeof(double) * 2 * TF_COUNT);
    assert_memory_equal(&one->half->types[0][0], &two->half->types[0][0], sizeof(double) * 2 * TF_COUNT);
    summary_destroy(one);
    summary_destroy(two);
    diag_free(&d);
    model_destroy(m);
}

static void streamed_summary_matches_two_pass_statistics(void **state)
{
    (void)state;
    /* Runs with long series (a big share of the builder's exact budget each) switch it
     * to running variances part way: the means stay bit for bit those of a two-pass
     * sum, the half-widths within rounding. */
    Model *m = load_text(
        HEAD(1, "{\"name\":\"r\",\"rate_rps\":1}") "},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"s\",\"kind\":\"service\"}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"s\"}]}");
    enum { N = 7, SECONDS = 200000 }; /* 12 numbers a second: 2.4M a run */
    Results *runs[N];
    Rng rng;
    rng_seed(&rng, 3, 4);
    for (int k = 0; k < N; k++) {
        runs[k] = results_create(m, SECONDS);
        for (int f = 0; f < TF_COUNT; f++) runs[k]->types[0][f] = 1000 + rng_exp(&rng, 10);
        for (int i = 0; i < 2 * SECONDS * TS_COUNT; i++) runs[k]->type_series[i] = rng_uniform(&rng) * 1e6;
        for (int i = 0; i < 2 * SECONDS * runs[k]->ns_count; i++) runs[k]->node_series[i] = rng_uniform(&rng);
    }
    Summary *s = summary_create(runs, N);
    double worst = 0;
    for (int i = 0; i < 2 * SECONDS * TS_COUNT; i += 997) {
        double sum = 0;
        for (int k = 0; k < N; k++) sum += runs[k]->type_series[i];
        double mu = sum / N, v = 0;
        for (int k = 0; k < N; k++) v += (runs[k]->type_series[i] - mu) * (runs[k]->type_series[i] - mu);
        double half = 2.447 * sqrt(v / (N - 1) / N);
        assert_true(s->mean->type_series[i] == mu);
        double err = fabs(s->half->type_series[i] - half) / half;
        if (err > worst) worst = err;
    }
    printf("    largest relative difference of a half-width: %.2g\n", worst);
    assert_true(worst < 1e-9);
    for (int f = 0; f < TF_COUNT; f++) {
        double sum = 0;
        for (int k = 0; k < N; k++) sum += runs[k]->types[0][f];
        assert_true(s->mean->types[0][f] == sum / N);
    }
    summary_destroy(s);
    for (int k = 0; k < N; k++) results_destroy(runs[k]);
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
        cmocka_unit_test(a_zero_delay_cycle_stops_with_an_error_naming_its_nodes),
        cmocka_unit_test(cancel_is_seen_within_65536_events_even_when_time_stands_still),
        cmocka_unit_test(a_hundred_million_users_are_refused_with_what_they_would_need),
        cmocka_unit_test(database_servers_beyond_the_limit_are_refused),
        cmocka_unit_test(series_of_a_ten_million_second_warm_up_stay_bounded),
        cmocka_unit_test(a_queue_fan_out_of_millions_stops_at_the_message_valve),
        cmocka_unit_test(calls_waiting_to_be_retried_stop_at_the_call_valve),
        cmocka_unit_test(ten_thousand_replications_keep_two_engines_alive),
        cmocka_unit_test(streamed_summary_matches_two_pass_statistics),
        cmocka_unit_test(a_zero_latency_chain_of_50000_services_runs_on_a_small_thread_stack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
