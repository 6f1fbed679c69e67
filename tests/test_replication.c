/*
 * test_replication.c - database replication lag, read-your-writes and failover
 * (docs/semantics.md, "Replication lag, read-your-writes and failover").
 *
 * The stale-read checks compare the simulator with the closed form for Poisson
 * sessions: a type of rate R spread uniformly over N sessions gives each session a
 * Poisson stream of rate R / N, so a read is stale exactly when its session wrote in
 * the lag L before it: P(stale) = 1 - E[exp(-lambda L)] with lambda the session's write
 * rate (1 - exp(-lambda L) for a constant lag, lambda m / (1 + lambda m) for an
 * exponential one of mean m). Reads of one session are not independent (they share its
 * writes), so tolerances are about 4 standard errors of a binomial share over the
 * sample, widened by half. The failover checks are deterministic: constant arrivals
 * at 64 per second (exact in binary) and a failure between two arrivals.
 */
#include <math.h>

#include "sim_test.h"

#include "sim/analytic.h"
#include "sim/report.h"
#include "sim/requirements.h"

/* A client sending reads and writes of `sessions` sessions at `rate` each straight
 * to a database with two replicas; `db_extra` adds fields to the database. */
static Model *sessions_model(double rate, int sessions, const char *db_extra, double service_ms)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"warmup_s\": 1,"
             " \"seed\": 11, \"requests\": ["
             "{\"name\": \"read\", \"op\": \"read\", \"rate_rps\": %g, \"sessions\": %d},"
             "{\"name\": \"write\", \"op\": \"write\", \"rate_rps\": %g, \"sessions\": %d}]},"
             " \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"},"
             "{\"id\": \"db\", \"kind\": \"database\", \"read_replicas\": 2, \"pool\": 1000,"
             " \"service_ms\": %g%s%s}],"
             " \"edges\": [{\"from\": \"users\", \"to\": \"db\", \"latency_ms\": 0}]}",
             rate, sessions, rate, sessions, service_ms, *db_extra ? ", " : "", db_extra);
    return load_text(json);
}

/* |got - want| <= tol, printing both. */
static void assert_abs(const char *what, double got, double want, double tol)
{
    printf("    %-40s got %.5f want %.5f (abs err %.5f, tolerance %.4f)\n", what, got, want,
           fabs(got - want), tol);
    if (!(fabs(got - want) <= tol)) fail_msg("%s = %g, want %g within %g", what, got, want, tol);
}

/* Binomial tolerance: 4 standard errors of a share p over n reads, x 1.5. */
static double tol_for(double p, double n) { return 1.5 * 4 * sqrt(p * (1 - p) / n); }

static void stale_reads_match_closed_form_for_constant_lag(void **state)
{
    (void)state;
    /* 1000 writes/s over 100 sessions: 10 per session per second; lag 50 ms. */
    Model *m = sessions_model(1000, 100, "\"replication_lag_ms\": 50", 0);
    Summary *s = run_model(m, 4, 50); /* 4 x 50 s x 1000 reads/s = 200,000 reads */
    double want = 1 - exp(-10 * 0.050);
    double n = type_fig(s, 0, TF_SESSION_READS) * 4;
    assert_true(n > 190000);
    assert_abs("read stale_read_rate", type_fig(s, 0, TF_STALE_READ_RATE), want, tol_for(want, n));
    assert_abs("db stale_read_rate", node_fig(s, "db", NF_STALE_READ_RATE), want, tol_for(want, n));
    /* write types have no stale figures; the all row has the reads' */
    assert_true(type_fig(s, 1, TF_STALE_READ_RATE) < 0);
    assert_abs("all stale_read_rate", type_fig(s, 2, TF_STALE_READ_RATE), type_fig(s, 0, TF_STALE_READ_RATE), 1e-12);
    assert_true(node_fig(s, "db", NF_PRIMARY_READS) == 0);
    summary_destroy(s);
    model_destroy(m);
}

static void stale_reads_match_closed_form_for_random_lags(void **state)
{
    (void)state;
    /* Exponential lag of mean 50 ms: P = lambda m / (1 + lambda m) = 1/3. */
    Model *m = sessions_model(1000, 100, "\"replication_lag_ms\": {\"dist\": \"exponential\", \"mean\": 50}", 0);
    Summary *s = run_model(m, 4, 50);
    double n = type_fig(s, 0, TF_SESSION_READS) * 4, want = 0.5 / 1.5;
    assert_abs("exponential lag: stale_read_rate", type_fig(s, 0, TF_STALE_READ_RATE), want, tol_for(want, n));
    summary_destroy(s);
    model_destroy(m);
    /* Uniform lag on [0, 100] ms: P = 1 - (1 - exp(-lambda b)) / (lambda b) = exp(-1). */
    m = sessions_model(1000, 100, "\"replication_lag_ms\": {\"dist\": \"uniform\", \"min\": 0, \"max\": 100}", 0);
    s = run_model(m, 4, 50);
    n = type_fig(s, 0, TF_SESSION_READS) * 4;
    want = exp(-1);
    assert_abs("uniform lag: stale_read_rate", type_fig(s, 0, TF_STALE_READ_RATE), want, tol_for(want, n));
    summary_destroy(s);
    model_destroy(m);
}

static void stale_reads_scale_with_sessions(void **state)
{
    (void)state;
    /* Ten times the sessions: a tenth of each session's writes, 1 - exp(-0.05). */
    Model *m = sessions_model(1000, 1000, "\"replication_lag_ms\": 50", 0);
    Summary *s = run_model(m, 4, 50);
    double n = type_fig(s, 0, TF_SESSION_READS) * 4, want = 1 - exp(-0.05);
    assert_abs("1000 sessions: stale_read_rate", type_fig(s, 0, TF_STALE_READ_RATE), want, tol_for(want, n));
    summary_destroy(s);
    model_destroy(m);
}

static void sessions_are_shared_across_types_by_number(void **state)
{
    (void)state;
    /* Reads from 100 sessions, writes from 50: sessions 0-49 write 20 times a second
     * (1000/s over 50), 50-99 never, so P = 1/2 x (1 - exp(-20 x 0.05)). */
    Model *m = sessions_model(1000, 100, "\"replication_lag_ms\": 50", 0);
    m->scenario.requests[1].sessions = 50;
    Summary *s = run_model(m, 4, 50);
    double n = type_fig(s, 0, TF_SESSION_READS) * 4, want = 0.5 * (1 - exp(-1.0));
    assert_abs("half the readers write: stale_read_rate", type_fig(s, 0, TF_STALE_READ_RATE), want,
               tol_for(want, n));
    summary_destroy(s);
    model_destroy(m);
}

static void shards_do_not_change_the_stale_rate(void **state)
{
    (void)state;
    /* The last write is per database: with 4 shards (requests spread at random) the
     * closed form is the same. */
    Model *m = sessions_model(1000, 100, "\"replication_lag_ms\": 50, \"shards\": 4", 0);
    Summary *s = run_model(m, 4, 50);
    double n = type_fig(s, 0, TF_SESSION_READS) * 4, want = 1 - exp(-0.5);
    assert_abs("4 shards: stale_read_rate", type_fig(s, 0, TF_STALE_READ_RATE), want, tol_for(want, n));
    summary_destroy(s);
    model_destroy(m);
}

static void a_session_travels_through_a_queue(void **state)
{
    (void)state;
    /* Writes go client -> api -> queue -> db (no latency, no service time), reads straight
     * to the db: the writes keep their sessions through the queue, so the closed form
     * holds as for direct writes. */
    const char *json =
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 50, \"warmup_s\": 1,"
        " \"seed\": 5, \"requests\": ["
        "{\"name\": \"read\", \"op\": \"read\", \"rate_rps\": 1000, \"sessions\": 100},"
        "{\"name\": \"write\", \"op\": \"write\", \"rate_rps\": 1000, \"sessions\": 100}]},"
        " \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"},"
        "{\"id\": \"api\", \"kind\": \"service\", \"service_ms\": 0, \"workers\": 1000},"
        "{\"id\": \"q\", \"kind\": \"queue\", \"service_ms\": 0},"
        "{\"id\": \"db\", \"kind\": \"database\", \"read_replicas\": 2, \"pool\": 1000,"
        " \"service_ms\": 0, \"replication_lag_ms\": 50}],"
        " \"edges\": [{\"from\": \"users\", \"to\": \"db\", \"requests\": [\"read\"], \"latency_ms\": 0},"
        "{\"from\": \"users\", \"to\": \"api\", \"requests\": [\"write\"], \"latency_ms\": 0},"
        "{\"from\": \"api\", \"to\": \"q\", \"latency_ms\": 0},"
        "{\"from\": \"q\", \"to\": \"db\", \"latency_ms\": 0}]}";
    Model *m = load_text(json);
    Summary *s = run_model(m, 4, 50);
    double n = type_fig(s, 0, TF_SESSION_READS) * 4, want = 1 - exp(-0.5);
    assert_abs("writes through a queue: stale_read_rate", type_fig(s, 0, TF_STALE_READ_RATE), want,
               tol_for(want, n));
    summary_destroy(s);
    model_destroy(m);
}

static void the_same_seed_gives_the_same_report(void **state)
{
    (void)state;
    Model *m = sessions_model(1000, 100, "\"replication_lag_ms\": {\"dist\": \"lognormal\", \"mean\": 30, \"p99\": 200}, "
                                         "\"read_your_writes_ms\": 20, \"failover_s\": 1", 1);
    ScenarioEvent ev;
    event_defaults(&ev);
    ev.at_s = 3;
    ev.for_s = 2;
    ev.role = ROLE_PRIMARY;
    m->scenario.events = calloc(1, sizeof ev);
    m->scenario.events[0] = ev;
    m->scenario.events[0].node = strdup("db");
    m->scenario.n_events = 1;
    Summary *a = run_model(m, 2, 5), *b = run_model(m, 2, 5);
    char *ja = report_json(m, a), *jb = report_json(m, b);
    assert_string_equal(ja, jb);
    assert_non_null(strstr(ja, "\"failovers\":\t1"));
    free(ja);
    free(jb);
    summary_destroy(a);
    summary_destroy(b);
    model_destroy(m);
}

static void read_your_writes_moves_the_expected_share_to_the_primary(void **state)
{
    (void)state;
    /* Window 20 ms, lag 50 ms: reads within 20 ms of their session's write go to the
     * primary (1 - exp(-0.2)); those 20-50 ms after it are still stale
     * (exp(-0.2) - exp(-0.5)). */
    Model *m = sessions_model(1000, 100, "\"replication_lag_ms\": 50, \"read_your_writes_ms\": 20", 0);
    Summary *s = run_model(m, 4, 50);
    double n = node_fig(s, "db", NF_SESSION_READS) * 4;
    double moved = 1 - exp(-0.2), stale = exp(-0.2) - exp(-0.5);
    assert_abs("share sent to the primary", node_fig(s, "db", NF_PRIMARY_READS) / node_fig(s, "db", NF_SESSION_READS),
               moved, tol_for(moved, n));
    assert_abs("stale_read_rate", node_fig(s, "db", NF_STALE_READ_RATE), stale, tol_for(stale, n));
    summary_destroy(s);
    model_destroy(m);
    /* A window that covers the lag: no stale read at all, 1 - exp(-0.5) moved. */
    m = sessions_model(1000, 100, "\"replication_lag_ms\": 50, \"read_your_writes_ms\": 50", 0);
    s = run_model(m, 4, 50);
    n = node_fig(s, "db", NF_SESSION_READS) * 4;
    moved = 1 - exp(-0.5);
    assert_true(node_fig(s, "db", NF_STALE_READS) == 0);
    assert_true(type_fig(s, 0, TF_STALE_READ_RATE) == 0);
    assert_abs("share sent to the primary", node_fig(s, "db", NF_PRIMARY_READS) / node_fig(s, "db", NF_SESSION_READS),
               moved, tol_for(moved, n));
    summary_destroy(s);
    model_destroy(m);
}

static void read_your_writes_raises_the_primary_utilisation(void **state)
{
    (void)state;
    /* Constant 1 ms per query, 1000 slots per server: the primary's utilisation is
     * (writes + moved reads) x 1 ms / 1000 slots: 0.001 without the window,
     * 0.001 x (1 + (1 - exp(-0.5))) with a window of 50 ms. */
    Model *off = sessions_model(1000, 100, "\"replication_lag_ms\": 50", 1);
    Model *on = sessions_model(1000, 100, "\"replication_lag_ms\": 50, \"read_your_writes_ms\": 50", 1);
    Summary *a = run_model(off, 2, 50), *b = run_model(on, 2, 50);
    assert_close(node_fig(a, "db", NF_PRIMARY_UTILISATION), 0.001, 0.02);
    assert_close(node_fig(b, "db", NF_PRIMARY_UTILISATION), 0.001 * (2 - exp(-0.5)), 0.02);
    /* the database as a whole does the same work */
    assert_close(node_fig(b, "db", NF_UTILISATION), node_fig(a, "db", NF_UTILISATION), 0.02);
    summary_destroy(a);
    summary_destroy(b);
    model_destroy(off);
    model_destroy(on);
}

/* 64 reads and 64 writes a second, evenly spaced; the primary fails at 5.001 s (between
 * two arrivals) for `for_s` seconds (0 = to the end). */
static Model *failover_model(const char *db_extra, double for_s)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"warmup_s\": 0,"
             " \"seed\": 3, \"requests\": ["
             "{\"name\": \"read\", \"op\": \"read\", \"rate_rps\": 64, \"arrival\": \"constant\"},"
             "{\"name\": \"write\", \"op\": \"write\", \"rate_rps\": 64, \"arrival\": \"constant\"}],"
             " \"events\": [{\"at_s\": 5.001, \"action\": \"fail\", \"node\": \"db\","
             " \"role\": \"primary\", \"for_s\": %g}]},"
             " \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"},"
             "{\"id\": \"db\", \"kind\": \"database\", \"read_replicas\": 2, \"pool\": 10,"
             " \"service_ms\": 1%s%s}],"
             " \"edges\": [{\"from\": \"users\", \"to\": \"db\", \"latency_ms\": 0}]}",
             for_s, *db_extra ? ", " : "", db_extra);
    return load_text(json);
}

static double series_errors(const Summary *s, int type, int row)
{
    return results_type_series(s->mean, type, row)[TS_ERRORS];
}

static void estimate_moves_the_read_your_writes_share_to_the_primary(void **state)
{
    (void)state;
    /* pool 10, 1 ms a query: writes alone keep the primary 1000/s x 1 ms / 10 = 10% busy,
     * each replica 500/s x 1 ms / 10 = 5%; a window of 50 ms adds 1 - exp(-0.5) of the
     * reads to the primary: 10% x (2 - exp(-0.5)), the busiest station. */
    char json[1024];
    const char *fmt =
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"warmup_s\": 1,"
        " \"seed\": 11, \"requests\": ["
        "{\"name\": \"read\", \"op\": \"read\", \"rate_rps\": 1000, \"sessions\": 100},"
        "{\"name\": \"write\", \"op\": \"write\", \"rate_rps\": 1000, \"sessions\": 100}]},"
        " \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"},"
        "{\"id\": \"db\", \"kind\": \"database\", \"read_replicas\": 2, \"pool\": 10,"
        " \"service_ms\": 1, \"read_your_writes_ms\": %g}],"
        " \"edges\": [{\"from\": \"users\", \"to\": \"db\", \"latency_ms\": 0}]}";
    snprintf(json, sizeof json, fmt, 0.0);
    Model *off = load_text(json);
    snprintf(json, sizeof json, fmt, 50.0);
    Model *on = load_text(json);
    Estimate a, b;
    analytic_estimate(off, &a);
    analytic_estimate(on, &b);
    assert_close(a.nodes[1].utilisation, 0.1, 1e-9);
    assert_close(b.nodes[1].utilisation, 0.1 * (2 - exp(-0.5)), 1e-9);
    /* the simulator's primaries agree (20 s x 1000 reads/s) */
    Summary *s = run_model(on, 1, 20);
    assert_close(node_fig(s, "db", NF_PRIMARY_UTILISATION), b.nodes[1].utilisation, 0.03);
    /* with the window, moved reads wait at the primary: a longer mean for reads */
    assert_true(b.request_latency_ms[0] > a.request_latency_ms[0]);
    summary_destroy(s);
    estimate_free(&a);
    estimate_free(&b);
    model_destroy(off);
    model_destroy(on);
}

static void writes_fail_exactly_during_the_promotion(void **state)
{
    (void)state;
    Model *m = failover_model("\"failover_s\": 2", 0);
    Summary *s = run_model(m, 1, 0);
    /* arrivals k/64 s in (5.001, 7.001): k = 321..448, 128 writes */
    assert_int_equal((int)type_fig(s, 1, TF_ERR_FAILED), 128);
    assert_int_equal((int)type_fig(s, 1, TF_ERRORS), 128);
    assert_int_equal((int)type_fig(s, 0, TF_ERRORS), 0); /* reads never fail */
    assert_int_equal((int)node_fig(s, "db", NF_FAILOVERS), 1);
    assert_int_equal((int)node_fig(s, "db", NF_FAILOVER_WRITES_FAILED), 128);
    assert_abs("no_primary_s", node_fig(s, "db", NF_NO_PRIMARY_S), 2.0, 1e-9);
    /* the per-second series: the failed writes in the rows they fell in (5-6 s: k =
     * 321..383, 6-7 s: 384..447, 7-8 s: 448 at 7.0 s), none else */
    for (int row = 0; row < s->mean->n_seconds; row++)
        assert_int_equal((int)series_errors(s, 1, row), row == 5 ? 63 : row == 6 ? 64 : row == 7 ? 1 : 0);
    /* after the promotion every write succeeds: 640 - 128 */
    assert_int_equal((int)(type_fig(s, 1, TF_COMPLETED) - type_fig(s, 1, TF_ERRORS)), 512);
    /* the primaries' utilisation follows the role: 512 writes x 1 ms over the slot time
     * of the primaries up (10 slots x 10 s, less the 2 s without one), on server 0 before
     * the failure and on the promoted replica after it (reads go to the other servers) */
    assert_close(node_fig(s, "db", NF_PRIMARY_UP_SHARE), 0.8, 1e-9);
    assert_close(node_fig(s, "db", NF_PRIMARY_UTILISATION), 512 * 0.001 / (10 * 8.0), 1e-6);
    /* the replicas': 640 reads x 1 ms over their slot time up, server 1 until its
     * promotion at 7.001 s and server 2 throughout (server 0, a replica once back, is
     * down to the end) */
    assert_close(node_replica_utilisation(m, s->mean, node_index(s->mean, "db")),
                 640 * 0.001 / (10 * (7.001 + 10)), 1e-6);
    summary_destroy(s);
    model_destroy(m);
}

/* The per-second rows keep a database's busiest server apart from the whole: 500 reads a
 * second, evenly spaced, of 1 ms each on a pool of 1, all to the one read replica, keep
 * it half busy and the primary idle: the whole reads a quarter, its busiest server a
 * half. While the replica is down (4.0005-6.0005 s) the reads go to the primary, which is
 * then the busiest: half busy of its time up, as the whole is of the one server up. */
static void the_rows_keep_the_busiest_server(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"warmup_s\": 0,"
                         " \"seed\": 3, \"requests\": [{\"name\": \"read\", \"op\": \"read\", \"rate_rps\": 500,"
                         " \"arrival\": \"constant\"}], \"events\": [{\"at_s\": 4.0005, \"action\": \"fail\","
                         " \"node\": \"db\", \"role\": \"replica\", \"for_s\": 2}]},"
                         " \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"},"
                         "{\"id\": \"db\", \"kind\": \"database\", \"read_replicas\": 1, \"pool\": 1,"
                         " \"service_ms\": {\"dist\": \"constant\", \"mean\": 1}},"
                         "{\"id\": \"api\", \"kind\": \"service\", \"instances\": 2}],"
                         " \"edges\": [{\"from\": \"users\", \"to\": \"db\", \"latency_ms\": 0}]}");
    Summary *s = run_model(m, 1, 0);
    const Results *r = s->mean;
    int db = node_index(r, "db");
    for (int k = 0; k < r->n_seconds; k++) {
        const double *row = results_node_series(r, db, k);
        bool down = k == 4 || k == 5; /* the failure's seconds, less its first half ms */
        assert_abs("busiest", row[NS_BUSIEST_SERVER], 0.5, 0.002);
        assert_abs("whole", row[NS_UTILISATION], down ? 0.5 : 0.25, 0.002);
    }
    summary_destroy(s);
    model_destroy(m);
    /* A server idle for whole rows between its requests (one read every 2 s, 100 ms each)
     * counts from the start of the row it wakes in: the rows' busy time adds up to the
     * node's, all of it on the replica. */
    m = load_text("{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 20, \"warmup_s\": 0,"
                  " \"seed\": 3, \"requests\": [{\"name\": \"read\", \"op\": \"read\", \"rate_rps\": 0.5,"
                  " \"arrival\": \"constant\"}]},"
                  " \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"},"
                  "{\"id\": \"db\", \"kind\": \"database\", \"read_replicas\": 1, \"pool\": 1,"
                  " \"service_ms\": {\"dist\": \"constant\", \"mean\": 100}},"
                  "{\"id\": \"api\", \"kind\": \"service\", \"instances\": 2}],"
                  " \"edges\": [{\"from\": \"users\", \"to\": \"db\", \"latency_ms\": 0}]}");
    s = run_model(m, 1, 0);
    r = s->mean;
    db = node_index(r, "db");
    double rows = 0;
    int idle = 0;
    for (int k = 0; k < r->n_seconds; k++) {
        double b = results_node_series(r, db, k)[NS_BUSIEST_SERVER];
        assert_true(b <= 0.1 + 1e-9);
        rows += b;
        idle += b == 0;
    }
    assert_true(idle >= 8); /* every other row has no read */
    assert_abs("busy time", rows, node_fig(s, "db", NF_UTILISATION) * 2 * 20, 1e-9);
    /* shown for a database of several servers only */
    assert_true(results_node_series_shown(m, r, db, NS_BUSIEST_SERVER));
    assert_false(results_node_series_shown(m, r, node_index(r, "api"), NS_BUSIEST_SERVER));
    summary_destroy(s);
    model_destroy(m);
}

static void writes_wait_for_the_promotion_when_asked(void **state)
{
    (void)state;
    Model *m = failover_model("\"failover_s\": 2, \"failover_writes\": \"wait\"", 0);
    Summary *s = run_model(m, 1, 0);
    assert_int_equal((int)type_fig(s, 1, TF_ERRORS), 0);
    assert_int_equal((int)node_fig(s, "db", NF_FAILOVER_WRITES_WAITED), 128);
    assert_int_equal((int)node_fig(s, "db", NF_FAILOVER_WRITES_FAILED), 0);
    assert_int_equal((int)type_fig(s, 1, TF_COMPLETED), 640);
    /* the first waiting write (5.015625 s) is served at 7.001 s, 1 ms of service later */
    assert_abs("write max_ms", type_fig(s, 1, TF_MAX_MS), (7.001 - 5.015625) * 1000 + 1, 0.01 * 1987);
    /* the waiting writes are the database's queue in the per-second series */
    assert_true(results_node_series(s->mean, node_index(s->mean, "db"), 6)[NS_QUEUE] > 90);
    assert_true(results_node_series(s->mean, node_index(s->mean, "db"), 8)[NS_QUEUE] == 0);
    summary_destroy(s);
    model_destroy(m);
}

static void without_failover_a_failed_primary_fails_writes_until_it_is_back(void **state)
{
    (void)state;
    Model *m = failover_model("", 3);
    Summary *s = run_model(m, 1, 0);
    /* (5.001, 8.001): k = 321..512, 192 writes; reads go on */
    assert_int_equal((int)type_fig(s, 1, TF_ERR_FAILED), 192);
    assert_int_equal((int)type_fig(s, 0, TF_ERRORS), 0);
    assert_true(node_fig(s, "db", NF_FAILOVERS) < 0); /* not configured: no figure */
    summary_destroy(s);
    model_destroy(m);
}

static void a_primary_back_before_the_promotion_keeps_its_role(void **state)
{
    (void)state;
    Model *m = failover_model("\"failover_s\": 2", 1);
    Summary *s = run_model(m, 1, 0);
    /* down (5.001, 6.001): 64 writes fail, no promotion */
    assert_int_equal((int)type_fig(s, 1, TF_ERR_FAILED), 64);
    assert_int_equal((int)node_fig(s, "db", NF_FAILOVERS), 0);
    assert_abs("no_primary_s", node_fig(s, "db", NF_NO_PRIMARY_S), 1.0, 1e-9);
    summary_destroy(s);
    model_destroy(m);
}

static void the_old_primary_rejoins_as_a_replica(void **state)
{
    (void)state;
    /* Promoted at 7.001; the old primary is back at 8.001 as a replica. Failing the
     * "primary" servers again later takes the first-configured primary (roles in events
     * name the servers as they started), a replica now: writes go on. */
    char extra[] = "\"failover_s\": 2";
    Model *m = failover_model(extra, 3);
    ScenarioEvent ev;
    event_defaults(&ev);
    ev.at_s = 9.001;
    ev.action = EVENT_FAIL;
    ev.role = ROLE_PRIMARY;
    m->scenario.events = realloc(m->scenario.events, 2 * sizeof *m->scenario.events);
    m->scenario.events[1] = ev;
    m->scenario.events[1].node = strdup("db");
    m->scenario.n_events = 2;
    Summary *s = run_model(m, 1, 0);
    assert_int_equal((int)type_fig(s, 1, TF_ERR_FAILED), 128);
    assert_int_equal((int)node_fig(s, "db", NF_FAILOVERS), 1);
    assert_int_equal((int)type_fig(s, 0, TF_ERRORS), 0);
    summary_destroy(s);
    model_destroy(m);
}

static void sessions_alone_change_no_figure(void **state)
{
    (void)state;
    /* Sessions are drawn from a stream of their own: without a database that models lag,
     * the run is the run without sessions, figure for figure. */
    Model *a = sessions_model(1000, 0, "", 1);
    Model *b = sessions_model(1000, 500, "", 1);
    Summary *x = run_model(a, 1, 5), *y = run_model(b, 1, 5);
    for (int t = 0; t < 3; t++)
        for (int f = 0; f < TF_COUNT; f++) assert_true(x->mean->types[t][f] == y->mean->types[t][f]);
    for (int f = 0; f < NF_COUNT; f++) assert_true(x->mean->nodes[1][f] == y->mean->nodes[1][f]);
    assert_true(x->mean->types[0][TF_STALE_READ_RATE] < 0);
    summary_destroy(x);
    summary_destroy(y);
    model_destroy(a);
    model_destroy(b);
}

static void lag_does_not_change_the_traffic(void **state)
{
    (void)state;
    /* The lag draws have their own stream too: the same latencies with or without it. */
    Model *a = sessions_model(1000, 100, "", 1);
    Model *b = sessions_model(1000, 100, "\"replication_lag_ms\": {\"dist\": \"exponential\", \"mean\": 30}", 1);
    Summary *x = run_model(a, 1, 5), *y = run_model(b, 1, 5);
    for (int t = 0; t < 3; t++) {
        assert_true(x->mean->types[t][TF_MEAN_MS] == y->mean->types[t][TF_MEAN_MS]);
        assert_true(x->mean->types[t][TF_COMPLETED] == y->mean->types[t][TF_COMPLETED]);
    }
    assert_true(y->mean->types[0][TF_STALE_READ_RATE] > 0);
    summary_destroy(x);
    summary_destroy(y);
    model_destroy(a);
    model_destroy(b);
}

static void many_sessions_run_with_a_bounded_table(void **state)
{
    (void)state;
    /* 10 million sessions writing 2000 times a second, lag bounded at 100 ms: only the
     * sessions that wrote in the last 100 ms are remembered (about 200), not every
     * session that ever wrote. */
    Model *m = sessions_model(2000, 10000000, "\"replication_lag_ms\": {\"dist\": \"uniform\", \"min\": 0, \"max\": 100}", 0);
    Summary *s = run_model(m, 1, 100);
    assert_true(type_fig(s, 0, TF_SESSION_READS) > 190000);
    assert_true(type_fig(s, 0, TF_STALE_READ_RATE) < 0.001);
    summary_destroy(s);
    model_destroy(m);
}

static void stale_read_rate_requirement_is_measured_and_named(void **state)
{
    (void)state;
    Model *m = sessions_model(1000, 100, "\"replication_lag_ms\": 50", 0);
    Requirement q = {METRIC_STALE_READ_RATE, strdup("read"), true, false, 0.01, 0, NULL};
    m->scenario.requirements = calloc(1, sizeof q);
    m->scenario.requirements[0] = q;
    m->scenario.n_requirements = 1;
    Summary *s = run_model(m, 1, 5);
    Verdict *v;
    bool all;
    requirements_check(m, s->mean, NULL, &v, &all);
    assert_true(v[0].measured);
    assert_false(v[0].pass);
    assert_true(v[0].value > 0.3);
    char *d = requirement_describe(m, 0);
    assert_string_equal(d, "read stale read rate <= 1%");
    free(d);
    free(v);
    summary_destroy(s);
    model_destroy(m);
    /* no sessions: nothing to measure */
    m = sessions_model(1000, 0, "\"replication_lag_ms\": 50", 0);
    q.request = strdup("read");
    m->scenario.requirements = calloc(1, sizeof q);
    m->scenario.requirements[0] = q;
    m->scenario.n_requirements = 1;
    s = run_model(m, 1, 5);
    requirements_check(m, s->mean, NULL, &v, &all);
    assert_false(v[0].measured);
    free(v);
    summary_destroy(s);
    model_destroy(m);
}

static void out_of_range_fields_are_refused_by_path(void **state)
{
    (void)state;
    const char *bad[][2] = {
        {"\"sessions\": -1", "scenario.requests[0].sessions"},
        {"\"sessions\": 10000001", "scenario.requests[0].sessions"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char json[1024];
        snprintf(json, sizeof json,
                 "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\","
                 " \"rate_rps\": 1, %s}]}, \"nodes\": [{\"id\": \"c\", \"kind\": \"client\"}]}",
                 bad[i][0]);
        DiagList d;
        diag_init(&d, "inline");
        Model *m = model_from_json(json, strlen(json), &d);
        bool named = false;
        for (int k = 0; k < d.n_items; k++) named |= strstr(d.items[k].path, bad[i][1]) != NULL;
        if (!named) diag_print(&d, stderr);
        assert_null(m);
        assert_true(named);
        diag_free(&d);
    }
    const char *bad_db[][2] = {
        {"\"read_your_writes_ms\": -5", "nodes[1].read_your_writes_ms"},
        {"\"failover_s\": 1e9", "nodes[1].failover_s"},
        {"\"failover_writes\": \"queue\"", "nodes[1].failover_writes"},
        {"\"replication_lag_ms\": {\"dist\": \"lognormal\", \"mean\": 10, \"p99\": 5}", "nodes[1].replication_lag_ms"},
    };
    for (size_t i = 0; i < sizeof bad_db / sizeof *bad_db; i++) {
        char json[1024];
        snprintf(json, sizeof json,
                 "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\","
                 " \"rate_rps\": 1}]}, \"nodes\": [{\"id\": \"c\", \"kind\": \"client\"},"
                 " {\"id\": \"db\", \"kind\": \"database\", %s}], \"edges\": [{\"from\": \"c\", \"to\": \"db\"}]}",
                 bad_db[i][0]);
        DiagList d;
        diag_init(&d, "inline");
        Model *m = model_from_json(json, strlen(json), &d);
        bool named = false;
        for (int k = 0; k < d.n_items; k++) named |= strstr(d.items[k].path, bad_db[i][1]) != NULL;
        if (!named) diag_print(&d, stderr);
        assert_true(named);
        model_destroy(m);
        diag_free(&d);
    }
}

/* The diagnostics of a model: true when one at `path` contains `text` (level any). */
static bool has_diag(const char *json, const char *path, const char *text)
{
    DiagList d;
    diag_init(&d, "inline");
    Model *m = model_from_json(json, strlen(json), &d);
    bool found = false;
    for (int k = 0; k < d.n_items; k++)
        found |= strcmp(d.items[k].path, path) == 0 && strstr(d.items[k].message, text) != NULL;
    if (!found) diag_print(&d, stderr);
    model_destroy(m);
    diag_free(&d);
    return found;
}

static void validator_explains_settings_that_measure_nothing(void **state)
{
    (void)state;
    const char *fmt =
        "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": ["
        "{\"name\": \"r\", \"rate_rps\": 1, \"sessions\": %d},"
        "{\"name\": \"w\", \"op\": \"write\", \"rate_rps\": 1}],"
        " \"requirements\": [{\"metric\": \"stale_read_rate\", \"request\": \"%s\", \"max\": 0.01}]},"
        " \"nodes\": [{\"id\": \"c\", \"kind\": \"client\"},"
        " {\"id\": \"db\", \"kind\": \"database\"%s}], \"edges\": [{\"from\": \"c\", \"to\": \"db\"}]}";
    char json[2048];
    snprintf(json, sizeof json, fmt, 10, "w", ", \"replication_lag_ms\": 5, \"read_replicas\": 1");
    assert_true(has_diag(json, "scenario.requirements[0].request", "is a write"));
    snprintf(json, sizeof json, fmt, 0, "r", ", \"replication_lag_ms\": 5, \"read_replicas\": 1");
    assert_true(has_diag(json, "scenario.requirements[0].request", "sessions"));
    assert_true(has_diag(json, "nodes[1].replication_lag_ms", "no request type has"));
    snprintf(json, sizeof json, fmt, 10, "r", "");
    assert_true(has_diag(json, "scenario.requirements[0]", "never measured"));
    snprintf(json, sizeof json, fmt, 10, "r", ", \"read_your_writes_ms\": 5, \"failover_s\": 10");
    assert_true(has_diag(json, "nodes[1].failover_s", "no replica to promote"));
}

static void reports_show_the_new_figures_only_when_used(void **state)
{
    (void)state;
    Model *plain = sessions_model(100, 0, "", 1);
    Model *lag = sessions_model(100, 10, "\"replication_lag_ms\": 50", 1);
    Model *fo = failover_model("\"failover_s\": 2", 0);
    Summary *a = run_model(plain, 1, 5), *b = run_model(lag, 1, 5), *c = run_model(fo, 1, 0);
    char *ja = report_json(plain, a), *jb = report_json(lag, b), *jc = report_json(fo, c);
    char *tb = report_text(lag, b), *tc = report_text(fo, c);
    const char *keys[] = {"stale_read_rate", "session_reads", "primary_utilisation", "failovers",
                          "lag_p99_ms"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) assert_null(strstr(ja, keys[k]));
    assert_non_null(strstr(jb, "\"stale_read_rate\""));
    assert_non_null(strstr(jb, "\"primary_utilisation\""));
    assert_null(strstr(jb, "\"failovers\"")); /* no failover_s */
    assert_non_null(strstr(jc, "\"failovers\":\t1"));
    assert_null(strstr(jc, "\"stale_read_rate\"")); /* no lag */
    assert_non_null(strstr(tb, "stale reads (a replica behind the session's own write):"));
    assert_non_null(strstr(tc, "failovers 1 (2 s without primary, 128 writes failed, 0 waited)"));
    free(ja);
    free(jb);
    free(jc);
    free(tb);
    free(tc);
    summary_destroy(a);
    summary_destroy(b);
    summary_destroy(c);
    model_destroy(plain);
    model_destroy(lag);
    model_destroy(fo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stale_reads_match_closed_form_for_constant_lag),
        cmocka_unit_test(stale_reads_match_closed_form_for_random_lags),
        cmocka_unit_test(stale_reads_scale_with_sessions),
        cmocka_unit_test(sessions_are_shared_across_types_by_number),
        cmocka_unit_test(shards_do_not_change_the_stale_rate),
        cmocka_unit_test(a_session_travels_through_a_queue),
        cmocka_unit_test(the_same_seed_gives_the_same_report),
        cmocka_unit_test(read_your_writes_moves_the_expected_share_to_the_primary),
        cmocka_unit_test(read_your_writes_raises_the_primary_utilisation),
        cmocka_unit_test(estimate_moves_the_read_your_writes_share_to_the_primary),
        cmocka_unit_test(writes_fail_exactly_during_the_promotion),
        cmocka_unit_test(the_rows_keep_the_busiest_server),
        cmocka_unit_test(writes_wait_for_the_promotion_when_asked),
        cmocka_unit_test(without_failover_a_failed_primary_fails_writes_until_it_is_back),
        cmocka_unit_test(a_primary_back_before_the_promotion_keeps_its_role),
        cmocka_unit_test(the_old_primary_rejoins_as_a_replica),
        cmocka_unit_test(sessions_alone_change_no_figure),
        cmocka_unit_test(lag_does_not_change_the_traffic),
        cmocka_unit_test(many_sessions_run_with_a_bounded_table),
        cmocka_unit_test(stale_read_rate_requirement_is_measured_and_named),
        cmocka_unit_test(out_of_range_fields_are_refused_by_path),
        cmocka_unit_test(validator_explains_settings_that_measure_nothing),
        cmocka_unit_test(reports_show_the_new_figures_only_when_used),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
