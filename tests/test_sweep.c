/*
 * test_sweep.c - sweeps (sim/sweep.h): the knee of an M/M/1 against theory, the flow
 * equations' saturation point, determinism across thread counts, paths into the file,
 * points that cannot run, and the value lists.
 */
#include <math.h>

#include <cjson/cJSON.h>

#include "sim/sweep.h"
#include "sim/util.h"
#include "sim_test.h"

static Sweep *sweep(const Model *m, SweepKind kind, const char *target, const char *values, int reps, int refine,
                    int jobs, double duration_s)
{
    double *xs;
    int n;
    char err[200];
    assert_true(sweep_parse_values(values, &xs, &n, err, sizeof err));
    SweepSpec spec = {.kind = kind, .target = target, .values = xs, .n_values = n, .reps = reps, .jobs = jobs,
                      .refine = refine, .opt = sim_options_default()};
    if (duration_s > 0) spec.opt.duration_s = duration_s;
    DiagList d;
    diag_init(&d, "sweep");
    Sweep *s = sweep_run(m, &spec, &d);
    if (!s) diag_print(&d, stderr);
    diag_free(&d);
    free(xs);
    assert_non_null(s);
    return s;
}

static const Knee *knee(const Sweep *s, KneeKind kind)
{
    for (int k = 0; k < s->n_knees; k++)
        if (s->knees[k].kind == kind) return &s->knees[k];
    fail();
    return NULL;
}

/* M/M/1 with service rate mu = 1000/s and 500 x requests/s: the sojourn time is
 * exponential with rate mu - 500 x, so p99 = ln(100) / (mu - 500 x), and the requirement
 * p99 <= 10 ms fails from x* = (mu - ln(100) / 0.010) / 500 = 1.0790. Each point runs 4
 * replications of 400 s (about 860,000 requests near the knee: p99 within about 1%,
 * which moves the knee by under 1%); 3 bisections narrow the bracket to 0.00625. The
 * knee must be within 2% of x*. */
static void mm1_knee_matches_the_exponential_sojourn(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/analysis/mm1-knee.json");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "0.9:1.2:0.05", 4, 3, 2, 0);
    double mu = 1000, base = 500, limit_s = 0.010;
    double expected = (mu - log(100) / limit_s) / base;
    const Knee *k = knee(s, KNEE_REQUIREMENT);
    char *t = sweep_knee_text(s, k);
    fprintf(stderr, "knee %.4f (theory %.4f): %s\n", k->x, expected, t);
    free(t);
    assert_true(k->found);
    assert_true(k->bisections == 3);
    assert_true(k->above - k->below <= 0.05 / 8 + 1e-12);
    assert_true(fabs(k->x - expected) / expected < 0.02);
    /* Every measured p99 is within 3% of theory (away from saturation). */
    for (int i = 0; i < s->n_points; i++) {
        const SweepPoint *pt = &s->points[i];
        double p99 = pt->summary->mean->types[0][TF_P99_MS];
        double theory = 1000 * log(100) / (mu - base * pt->x);
        assert_true(fabs(p99 - theory) / theory < 0.03);
    }
    /* No node saturates in this range: said so. */
    assert_false(knee(s, KNEE_SATURATION)->found);
    assert_false(knee(s, KNEE_PREDICTED)->found);
    sweep_destroy(s);
    model_destroy(m);
}

/* The flow equations put the server at utilisation 0.5 x: 100% at x = 2 exactly (linear,
 * so the interpolation is exact); the measured saturation (95%) and the throughput knee
 * (below 98% of the offered load) come near it. */
static void saturation_and_throughput_knees(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/analysis/mm1-knee.json");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "1.5,1.75,2.25,2.5", 1, 0, 2, 50);
    const Knee *p = knee(s, KNEE_PREDICTED);
    assert_true(p->found);
    assert_true(fabs(p->x - 2.0) < 1e-9);
    assert_int_equal(p->node, model_find_node(m, "server"));
    const Knee *sat = knee(s, KNEE_SATURATION);
    assert_true(sat->found);
    assert_true(sat->x > 1.75 && sat->x < 2.25);
    const Knee *thr = knee(s, KNEE_THROUGHPUT);
    assert_true(thr->found);
    assert_true(thr->x > 1.75 && thr->x < 2.25);
    /* Past it the server's 1,000/s is all that gets through. */
    const Results *r = s->points[s->n_points - 1].summary->mean;
    assert_true(fabs(r->types[0][TF_THROUGHPUT_RPS] - 1000) / 1000 < 0.03);
    sweep_destroy(s);
    model_destroy(m);
}

/* Closed-loop users offer what they send: 5,000 users (0.25x) get all 1,280/s of the
 * server's through; 20,000 (1x) send about 10,000/s, of which the same 1,280/s get
 * through and the rest are rejected at the full queue. The offered load was the
 * estimate's answered rate (1,280/s at every point, with 87% errors beside it), so
 * throughput "followed the offered load" all the way; and the estimate, a hair under
 * 100% at every point, was "at 100% nowhere" beside a table showing 100%. */
/* A blocking app of 16 threads over a database whose one replica fills at 4x (800
 * reads/s at 2 connections of 4 ms): the app's threads are all held waiting, 100% busy,
 * but the run's bottleneck is the database's replicas; the busiest node is that, with
 * its replicas' share, and so is the node that saturates (it named the app). */
static void the_busiest_node_is_the_runs_bottleneck(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/analysis/replicas-full.json");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "1,4", 1, 0, 2, 0);
    int db = model_find_node(m, "db"), app = model_find_node(m, "app");
    const SweepPoint *hi = &s->points[s->n_points - 1];
    assert_true(hi->summary->mean->nodes[app][NF_UTILISATION] > 0.95); /* held waiting */
    assert_int_equal(hi->busiest, db);
    assert_int_equal(hi->busiest_role, 2);
    assert_true(hi->busiest_util > 0.95 && hi->busiest_util > hi->summary->mean->nodes[db][NF_UTILISATION]);
    const Knee *sat = knee(s, KNEE_SATURATION);
    assert_true(sat->found);
    assert_int_equal(sat->node, db);
    char *t = sweep_text(s);
    assert_non_null(strstr(t, "db: replicas 100%"));
    free(t);
    sweep_destroy(s);
    model_destroy(m);
}

/* An async API of 40 in-flight places over a partner answering in about 21 ms (its 20 ms
 * and the wires): 1,900 calls a second fill them, so from 0.95x of 2,000/s on its
 * places are all taken though its slots are 12% busy. The sweep said "no node saturates"
 * and "the flow equations put no node at 100%" beside throughput stuck at 1.9k. */
static void an_async_node_saturates_by_its_in_flight_places(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/gui/inflight.json");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "0.5,1.5", 1, 0, 2, 5);
    int api = model_find_node(m, "api");
    const SweepPoint *lo = &s->points[0], *hi = &s->points[s->n_points - 1];
    assert_true(lo->busiest_util < 0.5);
    assert_int_equal(hi->busiest, api);
    assert_int_equal(hi->busiest_role, 3);
    assert_true(hi->busiest_util >= 0.95 && hi->summary->mean->nodes[api][NF_UTILISATION] < 0.2);
    const Knee *sat = knee(s, KNEE_SATURATION);
    assert_true(sat->found);
    assert_int_equal(sat->node, api);
    assert_int_equal(sat->role, 3);
    const Knee *p = knee(s, KNEE_PREDICTED);
    assert_true(p->found);
    assert_int_equal(p->node, api);
    assert_true(p->x > 0.9 && p->x < 1.0); /* 40 places / (2,000/s x 21 ms) */
    char *t = sweep_text(s);
    fprintf(stderr, "%s", t);
    assert_non_null(strstr(t, "API (api): in-flight full 100%"));
    assert_non_null(strstr(t, "API (api) saturates (its in-flight places all taken 95% of the time) from "));
    assert_null(strstr(t, "no node saturates"));
    free(t);
    sweep_destroy(s);
    model_destroy(m);
}

/* The URL shortener: an async load balancer over an API whose slots are 63% busy at 1x.
 * Past 1/0.63 = 1.58x the API is over capacity, and the balancer's in-flight places fill
 * behind its saturated wait (the flow equations put them at infinity). The predicted knee
 * named the balancer, at the midpoint of the two points around it (1.625x): the culprit
 * is the API, from where its own load reaches 100%. */
static void in_flight_places_full_behind_a_saturated_node_are_not_its_knee(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/url-shortener.json");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "1.5,1.75", 1, 0, 2, 3);
    int api = model_find_node(m, "api");
    const SweepPoint *lo = &s->points[0];
    assert_int_equal(lo->predicted_node, api);
    double x_star = 1.5 / lo->predicted_util; /* the API's load is linear in x */
    const Knee *p = knee(s, KNEE_PREDICTED);
    assert_true(p->found);
    assert_int_equal(p->node, api);
    printf("    the flow equations put the API at 100%% from %.4fx (linear: %.4fx)\n", p->x, x_star);
    assert_true(fabs(p->x - x_star) < 0.005 * x_star);
    for (int i = 0; i < s->n_points; i++) assert_true(isfinite(s->points[i].predicted_util));
    sweep_destroy(s);
    model_destroy(m);
}

/* The Kafka starter: 4 partitions let the scorers use 4 of their 32 slots, all 4 full at
 * every load. The sweep named the topic, its broker 6% busy, as the busiest node and
 * said "no node saturates" beside the flow equations' scorers at 100%. It names the
 * scorers by the slots they can use, saturated from the first point. */
static void a_consumer_capped_by_partitions_saturates_by_its_usable_slots(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/starters/kafka-partitions.json");
    int scorers = model_find_node(m, "scorers");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "0.5,1", 1, 0, 2, 8);
    for (int i = 0; i < s->n_points; i++) {
        const SweepPoint *pt = &s->points[i];
        assert_int_equal(pt->busiest, scorers);
        assert_int_equal(pt->busiest_role, 5);
        assert_true(pt->busiest_util >= 0.95 && pt->summary->mean->nodes[scorers][NF_UTILISATION] < 0.2);
    }
    const Knee *sat = knee(s, KNEE_SATURATION);
    assert_true(sat->at_start);
    assert_int_equal(sat->node, scorers);
    assert_int_equal(sat->role, 5);
    char *t = sweep_text(s);
    fprintf(stderr, "%s", t);
    assert_non_null(strstr(t, "Fraud scorers (scorers): usable slots 100%"));
    assert_non_null(strstr(t, "Fraud scorers (scorers) saturates (the slots its queue's partitions let it use 95% busy) "
                              "already at 0.5"));
    assert_null(strstr(t, "no node saturates"));
    free(t);
    char *js = sweep_json(s);
    assert_non_null(strstr(js, "\"usable_slots\": true"));
    free(js);
    sweep_destroy(s);
    model_destroy(m);
}

/* A hot shard (hot_shard 0.7, shard 0 full at 4,000 reads/s of 5,714 in all, i.e. from
 * 0.95x of 6,000/s on): the sweep names the database by its busiest server, where the
 * whole reads 36%; with blocking callers it named the api above it, at 100% waiting on
 * the shard, from 2.96x, after the flow equations' 0.95x. */
static void a_hot_shard_saturates_by_its_busiest_server(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/analysis/hot-shard.json");
    int db = model_find_node(m, "db"), api = model_find_node(m, "api");
    m->nodes[api].workers = 64;
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "0.5,0.75,1,1.25", 1, 0, 2, 5);
    const SweepPoint *hi = &s->points[s->n_points - 1];
    assert_int_equal(hi->busiest, db);
    assert_int_equal(hi->busiest_role, 4);
    assert_true(hi->busiest_util >= 0.95 && hi->summary->mean->nodes[db][NF_UTILISATION] < 0.5);
    const Knee *sat = knee(s, KNEE_SATURATION), *p = knee(s, KNEE_PREDICTED);
    assert_true(sat->found && p->found);
    assert_int_equal(sat->node, db);
    assert_int_equal(sat->role, 4);
    assert_int_equal(p->node, db);
    printf("    saturates from %.3fx measured, %.3fx predicted\n", sat->x, p->x);
    assert_true(sat->x > 0.75 && sat->x <= 1 && fabs(sat->x - p->x) < 0.15);
    char *t = sweep_text(s);
    fprintf(stderr, "%s", t);
    assert_non_null(strstr(t, "Orders DB (db): busiest server 100%"));
    assert_non_null(strstr(t, "Orders DB (db) saturates (its busiest server 95% busy) from "));
    free(t);
    sweep_destroy(s);
    model_destroy(m);
}

static void closed_loop_users_offer_what_they_send(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/theory/closed-full-queue.json");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "0.25,1", 1, 0, 2, 20);
    const SweepPoint *lo = &s->points[0], *hi = &s->points[1];
    for (int i = 0; i < 2; i++) { /* offered: done and failed, per second */
        const Results *r = s->points[i].summary->mean;
        double sent = r->types[0][TF_COMPLETED] / r->duration_s;
        assert_true(fabs(s->points[i].offered_rps - sent) <= 1e-9 * sent);
    }
    assert_true(fabs(lo->offered_rps - 1280) / 1280 < 0.03);
    assert_true(hi->offered_rps > 9000 && hi->offered_rps < 11000);
    assert_true(hi->summary->mean->types[0][TF_ERROR_RATE] > 0.8);
    const Knee *thr = knee(s, KNEE_THROUGHPUT);
    assert_true(thr->found && thr->x > 0.25 && thr->x < 1);
    const Knee *p = knee(s, KNEE_PREDICTED);
    assert_true(p->at_start && p->node == model_find_node(m, "server"));
    sweep_destroy(s);
    model_destroy(m);
}

/* The offered load counts a surge as the throughput it is compared with does: over the
 * measured 40 s (after 10 s of warm-up), x1.5 for the last 20 s offers 1.25 times the
 * base rate, so at 1x 625/s get through of 625 offered (not of 500: done above offered),
 * and at 1.5x the surge (1,125/s at a 1,000/s server) pushes throughput below 98% of the
 * 937.5/s offered: a knee, which the base rate alone (750/s) would hide. */
static void a_surge_counts_in_the_offered_load(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":40,\"warmup_s\":10,\"seed\":3,"
                         "\"requests\":[{\"name\":\"job\",\"rate_rps\":500}],"
                         "\"events\":[{\"at_s\":30,\"action\":\"surge\",\"factor\":1.5}]},"
                         "\"nodes\":[{\"id\":\"src\",\"kind\":\"client\"},"
                         "{\"id\":\"server\",\"kind\":\"service\",\"instances\":1,\"workers\":1,"
                         "\"queue_max\":100000000,\"service_ms\":{\"dist\":\"exponential\",\"mean\":1}}],"
                         "\"edges\":[{\"from\":\"src\",\"to\":\"server\",\"latency_ms\":0}]}");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "1,1.5", 1, 0, 2, 0);
    const SweepPoint *one = &s->points[0];
    assert_true(fabs(one->offered_rps - 625) < 1e-9);
    double done = one->summary->mean->types[1][TF_THROUGHPUT_RPS];
    assert_true(fabs(done - 625) / 625 < 0.03);
    assert_true(fabs(s->points[1].offered_rps - 937.5) < 1e-9);
    const Knee *thr = knee(s, KNEE_THROUGHPUT);
    assert_true(thr->found);
    assert_true(thr->x > 1 && thr->x <= 1.5);
    sweep_destroy(s);
    model_destroy(m);
}

/* Swept over what fixes it (workers), a knee goes the other way: at 1,500 requests/s one
 * 1 ms server is over capacity and fails p99 <= 10 ms; two hold it (M/M/2 at 75%: p99
 * about 4 ms). The knee says where it starts to hold, not that it "fails already at 1". */
static void a_knee_that_more_of_x_fixes_says_where_it_holds(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/analysis/mm1-knee.json");
    m->scenario.requests[0].rate_rps = 1500;
    Sweep *s = sweep(m, SWEEP_FIELD, "nodes.server.workers", "1,2,3", 1, 0, 2, 20);
    assert_true(s->whole); /* workers are whole: no knee at 1.6 workers */
    const Knee *k = knee(s, KNEE_REQUIREMENT);
    assert_true(k->found && k->recovers && !k->at_start);
    assert_true(k->below == 1 && k->above == 2 && k->x == 2);
    char *t = sweep_knee_text(s, k);
    assert_non_null(strstr(t, "holds from 2 (at 1 not yet)"));
    free(t);
    const Knee *sat = knee(s, KNEE_SATURATION);
    assert_true(sat->found && sat->recovers);
    assert_int_equal(sat->node, model_find_node(m, "server"));
    t = sweep_knee_text(s, sat);
    assert_non_null(strstr(t, "is below 95% busy from "));
    free(t);
    char *js = sweep_json(s);
    assert_non_null(strstr(js, "\"recovers\": true"));
    free(js);
    sweep_destroy(s);
    model_destroy(m);
}

/* Bisection over a whole-number field stays on whole values (1.5 workers would not even
 * load: "must be an integer") and stops when the bracket's ends are neighbours; the
 * knee is the first point past it. Over 1 and 8 workers at 1,500 requests/s: 4, then
 * 2, then nothing between 1 and 2. A load sweep is not whole. */
static void a_whole_number_field_bisects_on_whole_values(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/analysis/mm1-knee.json");
    m->scenario.requests[0].rate_rps = 1500;
    Sweep *s = sweep(m, SWEEP_FIELD, "nodes.server.workers", "1,8", 1, 3, 2, 20);
    assert_true(s->whole);
    for (int i = 0; i < s->n_points; i++) {
        assert_true(s->points[i].x == floor(s->points[i].x));
        assert_non_null(s->points[i].summary); /* every point ran */
    }
    assert_int_equal(s->n_points, 4); /* 1, 2, 4, 8 */
    const Knee *k = knee(s, KNEE_REQUIREMENT);
    assert_true(k->found && k->recovers && k->below == 1 && k->above == 2 && k->x == 2);
    assert_int_equal(k->bisections, 2);
    char *t = sweep_knee_text(s, k);
    assert_non_null(strstr(t, "holds from 2 (at 1 not yet, after 2 bisections)"));
    free(t);
    sweep_destroy(s);
    s = sweep(m, SWEEP_FIELD, "nodes.server.workers", "1,3", 1, 0, 2, 20);
    t = sweep_knee_text(s, knee(s, KNEE_REQUIREMENT));
    assert_non_null(strstr(t, "holds from 3 (at 1 not yet; the values between were not run)"));
    free(t);
    sweep_destroy(s);
    s = sweep(m, SWEEP_FIELD, "nodes.server.service_ms.mean", "1,2", 1, 0, 2, 5);
    assert_false(s->whole);
    sweep_destroy(s);
    s = sweep(m, SWEEP_LOAD, NULL, "1,2", 1, 0, 2, 5);
    assert_false(s->whole);
    sweep_destroy(s);
    model_destroy(m);
}

/* Paths into the design: which take whole numbers (by the schema), the value each has
 * now (defaults included), and a whole-number sweep given fractions is refused at once,
 * saying how many values are not whole. */
static void paths_know_whole_numbers_and_their_values(void **state)
{
    (void)state;
    assert_true(sweep_path_is_whole("nodes.api.instances"));
    assert_true(sweep_path_is_whole("nodes.api.workers"));
    assert_true(sweep_path_is_whole("edges[1].retries"));
    assert_true(sweep_path_is_whole("nodes.api.autoscale.max_instances"));
    assert_true(sweep_path_is_whole("scenario.requests.read.users"));
    assert_false(sweep_path_is_whole("nodes.cache.hit_ratio"));
    assert_false(sweep_path_is_whole("edges[0].latency_ms"));
    assert_false(sweep_path_is_whole("scenario.requests.read.rate_rps"));
    assert_false(sweep_path_is_whole("nodes.api.service_ms.mean"));
    assert_false(sweep_path_is_whole("nonsense"));
    Model *m = load_data("scenarios/url-shortener.json");
    double v = 0;
    assert_true(sweep_path_value(m, "nodes.api.instances", &v) && v == 4);
    assert_true(sweep_path_value(m, "nodes.db.pool", &v) && v == 20); /* not written: the default */
    assert_true(sweep_path_value(m, "edges[0].latency_ms", &v) && v == 20);
    assert_true(sweep_path_value(m, "scenario.requests.redirect.rate_rps", &v) && v == 20000);
    assert_true(sweep_path_value(m, "scenario.duration_s", &v) && v == m->scenario.duration_s);
    assert_false(sweep_path_value(m, "nodes.ghost.instances", &v));
    assert_false(sweep_path_value(m, "nodes.api.service_ms.mean", &v));
    assert_false(sweep_path_value(m, "edges[99].latency_ms", &v));
    /* the node or edge a path names, for the app's picker */
    const FieldDesc *f = NULL;
    assert_int_equal(sweep_path_element(m, "nodes.db.pool", &f), model_find_node(m, "db"));
    assert_string_equal(f->name, "pool");
    assert_int_equal(sweep_path_element(m, "edges[2].latency_ms", &f), m->n_nodes + 2);
    assert_string_equal(f->name, "latency_ms");
    assert_int_equal(sweep_path_element(m, "nodes.api.autoscale.max_instances", &f), -1);
    assert_int_equal(sweep_path_element(m, "scenario.duration_s", &f), -1);
    assert_int_equal(sweep_path_element(m, "nodes.ghost.instances", &f), -1);
    assert_int_equal(sweep_path_element(m, "edges[99].latency_ms", &f), -1);
    double xs[] = {0.5, 1, 1.5, 2};
    SweepSpec spec = {.kind = SWEEP_FIELD, .target = "nodes.api.instances", .values = xs, .n_values = 4, .reps = 1,
                      .jobs = 1, .opt = sim_options_default()};
    DiagList d;
    diag_init(&d, "sweep");
    assert_null(sweep_run(m, &spec, &d));
    assert_int_equal(d.n_items, 1);
    assert_non_null(strstr(d.items[0].message, "takes whole numbers, and 2 of the 4 values are not (0.5,"));
    diag_free(&d);
    model_destroy(m);
}

/* A failure event loses work at every load: the throughput knee is there from the first
 * point, and its sentence says why (the share done and the cause), in English and in
 * Russian. The server is down for the middle half of the measured window, so about half
 * of the requests fail there. */
static void throughput_lost_at_every_load_says_why(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":20,\"warmup_s\":2,\"seed\":5,"
                         "\"requests\":[{\"name\":\"job\",\"rate_rps\":200}],"
                         "\"events\":[{\"at_s\":7,\"action\":\"fail\",\"node\":\"server\",\"for_s\":10}]},"
                         "\"nodes\":[{\"id\":\"src\",\"kind\":\"client\"},"
                         "{\"id\":\"server\",\"kind\":\"service\",\"instances\":1,\"workers\":1,"
                         "\"service_ms\":{\"dist\":\"exponential\",\"mean\":1}}],"
                         "\"edges\":[{\"from\":\"src\",\"to\":\"server\",\"latency_ms\":0}]}");
    Sweep *s = sweep(m, SWEEP_LOAD, NULL, "0.5,1", 1, 0, 2, 0);
    const Knee *thr = knee(s, KNEE_THROUGHPUT);
    assert_true(thr->at_start && !thr->found);
    char *t = sweep_knee_text(s, thr);
    assert_non_null(strstr(t, "already at 0.5\xC3\x97, the first point: "));
    assert_non_null(strstr(t, "% of it is done there, and "));
    assert_non_null(strstr(t, "most of them: node down"));
    const Results *r0 = s->points[0].summary->mean;
    double share = r0->types[1][TF_THROUGHPUT_RPS] / s->points[0].offered_rps;
    assert_true(share > 0.4 && share < 0.6);
    char pct[32];
    snprintf(pct, sizeof pct, ": %.0f%% of it", 100 * share);
    assert_non_null(strstr(t, pct));
    free(t);
    t = sweep_knee_text_in(s, thr, "ru");
    assert_non_null(strstr(t, "\xD1\x83\xD0\xB7\xD0\xB5\xD0\xBB \xD0\xBD\xD0\xB5\xD0\xB4\xD0\xBE\xD1\x81\xD1\x82\xD1\x83\xD0\xBF\xD0\xB5\xD0\xBD")); /* узел недоступен */
    assert_null(strstr(t, "node down"));
    free(t);
    sweep_destroy(s);
    model_destroy(m);
}

/* Same values and seed: byte-identical JSON, CSV and SVG on 1 and 2 threads. */
static void a_sweep_is_deterministic(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/url-shortener.json");
    Sweep *a = sweep(m, SWEEP_LOAD, NULL, "0.5:2:0.5", 2, 1, 1, 3);
    Sweep *b = sweep(m, SWEEP_LOAD, NULL, "2,1.5,1,0.5,1", 2, 1, 2, 3); /* any order, repeats */
    char *ja = sweep_json(a), *jb = sweep_json(b);
    assert_string_equal(ja, jb);
    char *ca = sweep_csv(a), *cb = sweep_csv(b);
    assert_string_equal(ca, cb);
    char *sa = sweep_svg(a, sweep_default_chart_type(a)), *sb = sweep_svg(b, sweep_default_chart_type(b));
    assert_string_equal(sa, sb);
    /* The JSON reads back, with its points in order and its knees. */
    cJSON *doc = cJSON_Parse(ja);
    assert_non_null(doc);
    assert_string_equal(cJSON_GetObjectItem(doc, "format")->valuestring, "archsim-sweep/1");
    cJSON *pts = cJSON_GetObjectItem(doc, "points");
    assert_int_equal(cJSON_GetArraySize(pts), a->n_points);
    double last = -1;
    cJSON *pt;
    cJSON_ArrayForEach(pt, pts) {
        double x = cJSON_GetObjectItem(pt, "x")->valuedouble;
        assert_true(x > last);
        last = x;
    }
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "knees")) == a->n_knees);
    cJSON_Delete(doc);
    /* The chart names the type it shows and draws its requirement's limit. */
    assert_non_null(strstr(sa, "redirect: latency and throughput"));
    assert_non_null(strstr(sa, "redirect p99 &lt;= 60 ms"));
    free(ja);
    free(jb);
    free(ca);
    free(cb);
    free(sa);
    free(sb);
    sweep_destroy(a);
    sweep_destroy(b);
    model_destroy(m);
}

/* Paths into the file: by id and by index, a field added, and what fails says where. */
static void paths_lead_to_numbers_or_say_why_not(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/analysis/mm1-knee.json");
    char *json = model_to_json(m);
    cJSON *doc = cJSON_Parse(json);
    free(json);
    char err[300];
    assert_true(sweep_set_path(doc, "nodes.server.workers", 3, err, sizeof err));
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "nodes"), 1), "workers")->valueint, 3);
    assert_true(sweep_set_path(doc, "nodes[1].service_ms.mean", 2, err, sizeof err));
    assert_true(sweep_set_path(doc, "scenario.requests.job.rate_rps", 42, err, sizeof err));
    assert_true(sweep_set_path(doc, "edges[0].latency_ms", 5, err, sizeof err));
    assert_true(sweep_set_path(doc, "nodes.server.instances", 2, err, sizeof err));
    assert_false(sweep_set_path(doc, "nodes.nope.workers", 1, err, sizeof err));
    assert_string_equal(err, "nodes.nope.workers: no element with id or name 'nope'");
    assert_false(sweep_set_path(doc, "nodes.server", 1, err, sizeof err));
    assert_string_equal(err, "nodes.server: not a number there (a JSON object: name one of its fields)");
    assert_false(sweep_set_path(doc, "edges[7].latency_ms", 1, err, sizeof err));
    assert_string_equal(err, "edges[7].latency_ms: [7] is not an index of an array there");
    assert_false(sweep_set_path(doc, "nodes.server.kind", 1, err, sizeof err));
    assert_string_equal(err, "nodes.server.kind: not a number there (a text or flag)");
    assert_false(sweep_set_path(doc, "scenario.nothing.here", 1, err, sizeof err));
    assert_string_equal(err, "scenario.nothing.here: no 'nothing' there");
    cJSON_Delete(doc);

    /* A field sweep: more workers, shorter p99; a value the format refuses is a point
     * with its reason, the others run. */
    Sweep *s = sweep(m, SWEEP_FIELD, "nodes.server.workers", "0,1,2,4", 1, 0, 2, 20);
    assert_int_equal(s->n_points, 4);
    assert_null(s->points[0].summary);
    assert_non_null(strstr(s->points[0].error, "workers"));
    fprintf(stderr, "workers 0: %s\n", s->points[0].error);
    /* p99 of M/M/1 at 0.5 is ln(100) / 500 = 9.2 ms; with 4 servers at 0.125 each,
     * about the service time's own p99, ln(100) ms = 4.6 ms. */
    double p1 = s->points[1].summary->mean->types[0][TF_P99_MS], p2 = s->points[2].summary->mean->types[0][TF_P99_MS],
           p4 = s->points[3].summary->mean->types[0][TF_P99_MS];
    fprintf(stderr, "p99 with 1, 2, 4 workers: %.2f %.2f %.2f ms\n", p1, p2, p4);
    assert_true(p4 < p2 && p2 < p1);
    assert_true(fabs(p1 - 1000 * log(100) / 500) / p1 < 0.1);
    assert_true(fabs(p4 - log(100)) / p4 < 0.1);
    char *t = sweep_text(s);
    assert_non_null(strstr(t, "not run: "));
    free(t);
    sweep_destroy(s);
    /* A path that leads nowhere refuses the sweep before anything runs. */
    double v = 1;
    SweepSpec spec = {.kind = SWEEP_FIELD, .target = "nodes.server.colour", .values = &v, .n_values = 1, .reps = 1,
                      .opt = sim_options_default()};
    DiagList d;
    diag_init(&d, NULL);
    assert_non_null(s = sweep_run(m, &spec, &d)); /* a missing last key is added: the loader refuses it per point */
    assert_non_null(s->points[0].error);
    sweep_destroy(s);
    spec.target = "nodes.ghost.workers";
    assert_null(sweep_run(m, &spec, &d));
    assert_int_equal(d.n_items, 1);
    spec.kind = SWEEP_RATE;
    spec.target = "nope";
    assert_null(sweep_run(m, &spec, &d));
    assert_string_equal(d.items[1].message, "no request type 'nope'");
    diag_free(&d);
    model_destroy(m);
}

/* A point's model keeps the file's numbers exactly, and the value set: the point's model
 * went through cJSON's printer, which keeps 15 digits when they read back within an
 * epsilon (1.0000000000000002 ms came back 1). */
static void a_points_model_keeps_numbers_exactly(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/analysis/mm1-knee.json");
    m->edges[0].latency_ms = 0.30000000000000004;
    DiagList d;
    diag_init(&d, NULL);
    Model *p = sweep_model_at(m, SWEEP_FIELD, "nodes[1].service_ms.mean", 1.0000000000000002, &d);
    assert_non_null(p);
    assert_true(p->nodes[1].service_ms.mean == 1.0000000000000002);
    assert_true(p->edges[0].latency_ms == 0.30000000000000004);
    model_destroy(p);
    diag_free(&d);
    model_destroy(m);
}

static void value_lists(void **state)
{
    (void)state;
    double *v;
    int n;
    char err[200];
    assert_true(sweep_parse_values("0.25:2:0.25", &v, &n, err, sizeof err));
    assert_int_equal(n, 8);
    assert_true(fabs(v[7] - 2) < 1e-12);
    free(v);
    assert_true(sweep_parse_values("1,2,4", &v, &n, err, sizeof err));
    assert_int_equal(n, 3);
    assert_true(v[2] == 4);
    free(v);
    assert_true(sweep_parse_values("2:16:2", &v, &n, err, sizeof err));
    assert_int_equal(n, 8);
    free(v);
    assert_false(sweep_parse_values("1:2", &v, &n, err, sizeof err));
    assert_string_equal(err, "'1:2' is not FROM:TO:STEP (three numbers, e.g. 0.25:2:0.25)");
    assert_false(sweep_parse_values("2:1:0.5", &v, &n, err, sizeof err));
    assert_false(sweep_parse_values("0:1:0", &v, &n, err, sizeof err));
    assert_false(sweep_parse_values("0:1000000:1", &v, &n, err, sizeof err));
    assert_string_equal(err, "'0:1000000:1' makes 1000001 points; at most 1000");
    assert_false(sweep_parse_values("1,,2", &v, &n, err, sizeof err));
    assert_false(sweep_parse_values("1,x", &v, &n, err, sizeof err));
    assert_string_equal(err, "'x' is not a number (values are A,B,C or FROM:TO:STEP)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mm1_knee_matches_the_exponential_sojourn),
        cmocka_unit_test(saturation_and_throughput_knees),
        cmocka_unit_test(a_surge_counts_in_the_offered_load),
        cmocka_unit_test(an_async_node_saturates_by_its_in_flight_places),
        cmocka_unit_test(in_flight_places_full_behind_a_saturated_node_are_not_its_knee),
        cmocka_unit_test(a_hot_shard_saturates_by_its_busiest_server),
        cmocka_unit_test(a_consumer_capped_by_partitions_saturates_by_its_usable_slots),
        cmocka_unit_test(closed_loop_users_offer_what_they_send),
        cmocka_unit_test(the_busiest_node_is_the_runs_bottleneck),
        cmocka_unit_test(a_knee_that_more_of_x_fixes_says_where_it_holds),
        cmocka_unit_test(throughput_lost_at_every_load_says_why),
        cmocka_unit_test(a_whole_number_field_bisects_on_whole_values),
        cmocka_unit_test(paths_know_whole_numbers_and_their_values),
        cmocka_unit_test(a_sweep_is_deterministic),
        cmocka_unit_test(paths_lead_to_numbers_or_say_why_not),
        cmocka_unit_test(a_points_model_keeps_numbers_exactly),
        cmocka_unit_test(value_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
