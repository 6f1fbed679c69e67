/*
 * test_event_queue.c - the pending-event set against a sorted-array reference, plus
 * its tie order, bookkeeping and memory reuse, with and without its FIFO lanes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/event_queue.h"
#include "sim/rng.h"

/* The reference: events kept sorted by (time, seq) in DEScending order, so that the
 * earliest is at the end and pops are O(1); pushes insert by binary search. */
typedef struct Ref {
    SimEvent *v;
    size_t n, cap;
} Ref;

static int later(const SimEvent *x, const SimEvent *y)
{
    return x->time > y->time || (x->time == y->time && x->seq > y->seq);
}

static void ref_push(Ref *r, SimEvent e)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 1024;
        r->v = realloc(r->v, r->cap * sizeof *r->v);
        assert_non_null(r->v);
    }
    size_t lo = 0, hi = r->n; /* first index whose event is not later than e */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (later(&r->v[mid], &e)) lo = mid + 1;
        else hi = mid;
    }
    memmove(&r->v[lo + 1], &r->v[lo], (r->n - lo) * sizeof *r->v);
    r->v[lo] = e;
    r->n++;
}

static void queue_matches_sorted_array_reference(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    Ref ref = {0};
    Rng r;
    rng_seed(&r, 2024, 1);
    /* Phases drift the size towards a target (0 to 3000 pending), so the queue is
     * exercised empty, tiny, mid-size and large, growing and shrinking. */
    static const size_t targets[] = {0, 3, 30, 300, 3000, 1, 1000, 0, 100};
    uint64_t seq = 0;
    double now = 0;
    long ops = 0, pops = 0;
    for (int phase = 0; ops < 1000000; phase++) {
        size_t target = targets[phase % (sizeof targets / sizeof *targets)];
        for (int k = 0; k < 40000 && ops < 1000000; k++, ops++) {
            double p_push = eq_size(q) < target ? 0.7 : 0.3;
            if (rng_uniform(&r) < p_push) {
                double t;
                uint32_t how = rng_below(&r, 4);
                if (how == 0) t = now;                                /* ties with now */
                else if (how == 1) t = now + 0.25 * rng_below(&r, 4); /* few fixed delays */
                else if (how == 2) t = now + rng_exp(&r, 1.0);
                else t = rng_uniform(&r) * 100; /* anywhere, even in the past */
                uint32_t a = (uint32_t)ops, b = rng_below(&r, 1000), c = (uint32_t)seq;
                eq_push(q, t, how, a, b, c);
                SimEvent e = {.time = t, .seq = seq++, .type = how, .a = a, .b = b, .c = c};
                ref_push(&ref, e);
            } else {
                SimEvent got;
                int ok = eq_pop(q, &got);
                assert_int_equal(ok, ref.n > 0);
                if (!ok) continue;
                SimEvent want = ref.v[--ref.n];
                assert_true(got.time == want.time);
                assert_true(got.seq == want.seq);
                assert_int_equal(got.type, want.type);
                assert_int_equal(got.a, want.a);
                assert_int_equal(got.b, want.b);
                assert_int_equal(got.c, want.c);
                if (got.time > now) now = got.time;
                pops++;
            }
            assert_int_equal(eq_size(q), ref.n);
            assert_true(eq_peek_time(q) == (ref.n ? ref.v[ref.n - 1].time : INFINITY));
        }
    }
    assert_true(pops > 400000);
    free(ref.v);
    eq_destroy(q);
}

/* A simulator's pattern: pop, then push at popped time + one of a few fixed delays
 * (zero included: same-time ties) or a random one, around 1000 pending. */
static void hold_model_with_fixed_delays_matches_reference(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    Ref ref = {0};
    Rng r;
    rng_seed(&r, 77, 1);
    uint64_t seq = 0;
    static const double fixed[] = {0, 0.00025, 0.0005, 0.025};
    for (uint32_t i = 0; i < 1000; i++) {
        double t = rng_exp(&r, 0.01);
        eq_push(q, t, 0, i, 0, 0);
        ref_push(&ref, (SimEvent){.time = t, .seq = seq++, .a = i});
    }
    for (int k = 0; k < 200000; k++) {
        SimEvent got;
        assert_int_equal(eq_pop(q, &got), 1);
        SimEvent want = ref.v[--ref.n];
        assert_true(got.time == want.time && got.seq == want.seq && got.a == want.a);
        int n_push = k % 7 == 0 ? 0 : k % 11 == 0 ? 2 : 1; /* the size wanders */
        if (ref.n < 500) n_push = 2;
        for (int j = 0; j < n_push; j++) {
            double d = rng_uniform(&r) < 0.6 ? fixed[rng_below(&r, 4)] : rng_exp(&r, 0.005);
            double t = got.time + d;
            eq_push(q, t, 0, (uint32_t)k, 0, 0);
            ref_push(&ref, (SimEvent){.time = t, .seq = seq++, .a = (uint32_t)k});
        }
        assert_true(eq_peek_time(q) == ref.v[ref.n - 1].time);
    }
    free(ref.v);
    eq_destroy(q);
}

/* Times from -1e3 to 1e22 s and bursts at one time: the queue resizes its buckets to
 * each scale in turn and takes times too large for exact bucket numbers straight from
 * its heap; the order stays that of the reference throughout. */
static void queue_matches_reference_across_time_scales(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    Ref ref = {0};
    Rng r;
    rng_seed(&r, 99, 3);
    static const double scales[] = {1e-9, 1e-3, 1, 1e6, 1e18, 1e22, 1e-6};
    uint64_t seq = 0;
    double now = 0;
    for (int phase = 0; phase < 7; phase++) {
        double scale = scales[phase];
        for (int k = 0; k < 60000; k++) {
            size_t target = k < 30000 ? 5000 : 50;
            double p_push = eq_size(q) < target ? 0.7 : 0.3;
            if (ref.n == 0 || rng_uniform(&r) < p_push) {
                uint32_t how = rng_below(&r, 5);
                double t;
                if (how == 0) t = now;
                else if (how == 1) t = now + scale * rng_below(&r, 3);
                else if (how == 2) t = now + rng_exp(&r, scale);
                else if (how == 3) t = -1e3 * rng_uniform(&r); /* far in the past */
                else t = now + scale * 1e4 * rng_uniform(&r); /* far ahead */
                eq_push(q, t, how, (uint32_t)k, 0, 0);
                SimEvent e = {.time = t, .seq = seq++, .type = how, .a = (uint32_t)k};
                ref_push(&ref, e);
            } else {
                SimEvent got;
                assert_int_equal(eq_pop(q, &got), 1);
                SimEvent want = ref.v[--ref.n];
                assert_true(got.time == want.time && got.seq == want.seq);
                assert_int_equal(got.a, want.a);
                if (got.time > now) now = got.time;
            }
            assert_int_equal(eq_size(q), ref.n);
        }
        assert_true(eq_peek_time(q) == (ref.n ? ref.v[ref.n - 1].time : INFINITY));
    }
    free(ref.v);
    eq_destroy(q);
}

static void queue_pops_equal_times_in_insertion_order(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    /* Interleave three times so equal-time events are spread across the heap. */
    for (uint32_t i = 0; i < 3000; i++) eq_push(q, (double)(i % 3), 0, i, 0, 0);
    for (int t = 0; t < 3; t++) {
        uint32_t last = 0;
        for (int k = 0; k < 1000; k++) {
            SimEvent e;
            assert_int_equal(eq_pop(q, &e), 1);
            assert_true(e.time == t);
            if (k > 0) assert_true(e.a > last);
            assert_int_equal(e.a % 3, (uint32_t)t);
            last = e.a;
        }
    }
    assert_int_equal(eq_size(q), 0);
    eq_destroy(q);
}

static int by_time_seq(const void *a, const void *b)
{
    const SimEvent *x = a, *y = b;
    return later(x, y) ? 1 : later(y, x) ? -1 : 0;
}

/* A burst before any retune: 20,000 events within the first bucket (1 ms wide at the
 * start), as 150,000 closed-loop users' first requests within 5 ms were; then 3,000 at
 * one instant, which no width separates. The queue narrows its buckets when its current
 * one grows past a limit (each push there shifted the later ones: a fuzzed design took
 * 46 s in its first events) and must pop everything in (time, seq) order all the same. */
static void a_burst_in_one_bucket_pops_in_order(void **state)
{
    (void)state;
    enum { BURST = 20000, SAME = 3000 };
    EventQueue *q = eq_create();
    SimEvent *want = calloc(BURST + SAME, sizeof *want);
    assert_non_null(want);
    Rng r;
    rng_seed(&r, 7, 3);
    uint64_t seq = 0;
    for (int i = 0; i < BURST; i++) {
        double t = 0.001 * rng_uniform(&r);
        want[i] = (SimEvent){.time = t, .seq = seq++, .type = 1, .a = (uint32_t)i};
        eq_push(q, t, 1, (uint32_t)i, 0, 0);
    }
    for (int i = 0; i < SAME; i++) {
        want[BURST + i] = (SimEvent){.time = 0.0005, .seq = seq++, .type = 2, .a = (uint32_t)i};
        eq_push(q, 0.0005, 2, (uint32_t)i, 0, 0);
    }
    qsort(want, BURST + SAME, sizeof *want, by_time_seq);
    for (int i = 0; i < BURST + SAME; i++) {
        SimEvent got;
        assert_int_equal(eq_pop(q, &got), 1);
        assert_true(got.time == want[i].time);
        assert_true(got.seq == want[i].seq);
        assert_int_equal(got.a, want[i].a);
    }
    assert_int_equal(eq_size(q), 0);
    free(want);
    eq_destroy(q);
}

static void size_peek_and_clear(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    SimEvent e;
    assert_int_equal(eq_size(q), 0);
    assert_true(isinf(eq_peek_time(q)) && eq_peek_time(q) > 0);
    assert_int_equal(eq_pop(q, &e), 0);
    eq_push(q, 3.0, 1, 0, 0, 0);
    eq_push(q, 1.0, 2, 0, 0, 0);
    eq_push(q, 2.0, 3, 0, 0, 0);
    assert_int_equal(eq_size(q), 3);
    assert_true(eq_peek_time(q) == 1.0);
    assert_int_equal(eq_pop(q, &e), 1);
    assert_int_equal(e.type, 2);
    assert_true(e.seq == 1);
    assert_true(eq_peek_time(q) == 2.0);
    eq_clear(q);
    assert_int_equal(eq_size(q), 0);
    assert_true(isinf(eq_peek_time(q)));
    assert_int_equal(eq_pop(q, &e), 0);
    eq_push(q, 5.0, 4, 0, 0, 0); /* the sequence restarts after a clear */
    assert_int_equal(eq_pop(q, &e), 1);
    assert_true(e.seq == 0 && e.time == 5.0);
    eq_destroy(q);
    eq_destroy(NULL);
}

static void memory_is_reused_after_draining(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    Rng r;
    rng_seed(&r, 5, 5);
    SimEvent e;
    for (int i = 0; i < 100000; i++) eq_push(q, rng_exp(&r, 1), 0, 0, 0, 0);
    size_t cap = eq_capacity(q);
    assert_true(cap >= 100000);
    while (eq_pop(q, &e)) {
    }
    for (int i = 0; i < 100000; i++) eq_push(q, rng_exp(&r, 1), 0, 0, 0, 0);
    assert_int_equal(eq_capacity(q), cap);
    eq_clear(q);
    for (int i = 0; i < 100000; i++) eq_push(q, rng_exp(&r, 1), 0, 0, 0, 0);
    assert_int_equal(eq_capacity(q), cap);
    /* Steady state (a hold model with fixed and random delays, so the FIFO lanes are in
     * use too): after a first round has sized everything, a second never grows. */
    static const double fixed[] = {0, 0.25, 0.5, 1};
    for (int round = 0; round < 2; round++) {
        cap = eq_capacity(q);
        for (int i = 0; i < 300000; i++) {
            assert_int_equal(eq_pop(q, &e), 1);
            double d = rng_uniform(&r) < 0.6 ? fixed[rng_below(&r, 4)] : rng_exp(&r, 1);
            eq_push(q, e.time + d, 0, 0, 0, 0);
        }
    }
    assert_int_equal(eq_capacity(q), cap);
    eq_destroy(q);
}

/* Pop one event from q and check it is the reference's earliest. */
static void pop_matches(EventQueue *q, Ref *ref)
{
    SimEvent got;
    assert_int_equal(eq_pop(q, &got), 1);
    SimEvent want = ref->v[--ref->n];
    assert_true(got.time == want.time);
    assert_true(got.seq == want.seq);
    assert_int_equal(got.type, want.type);
    assert_int_equal(got.a, want.a);
    assert_int_equal(got.b, want.b);
    assert_int_equal(got.c, want.c);
}

static void lanes_are_found_by_delay_up_to_the_limit(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    int l25 = eq_lane_for(q, 0.025);
    int l0 = eq_lane_for(q, 0.00025);
    assert_true(l25 >= 0 && l0 >= 0 && l25 != l0);
    assert_int_equal(eq_lane_for(q, 0.025), l25);
    assert_int_equal(eq_lane_find(q, 0.025), l25);
    assert_int_equal(eq_lane_find(q, 0.5), EQ_NO_LANE); /* finding makes none */
    assert_int_equal(eq_lane_for(q, INFINITY), EQ_NO_LANE);
    assert_int_equal(eq_lane_for(q, NAN), EQ_NO_LANE);
    int n = 2;
    for (int i = 0; i < 100; i++) {
        int l = eq_lane_for(q, 1.0 + i);
        if (n < EQ_MAX_LANES) {
            assert_int_equal(l, n);
            n++;
        } else {
            assert_int_equal(l, EQ_NO_LANE);
        }
    }
    assert_int_equal(eq_lane_for(q, 0.00025), l0); /* still there when full */
    eq_destroy(q);
}

/* A lane of its own is never shared with a delay's lane, counts against the limit, and
 * a stream through it (exponential gaps, the next pushed as each pops, as a request
 * type's arrivals are) comes out in (time, seq) order among a delay lane's events and
 * the general set's. */
static void own_lanes_hold_streams_in_order(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    int l25 = eq_lane_for(q, 0.025);
    int own = eq_lane_own(q), own2 = eq_lane_own(q);
    assert_true(own >= 0 && own2 >= 0 && own != l25 && own != own2);
    assert_int_equal(eq_lane_for(q, 0.025), l25);
    Ref ref = {0};
    Rng r;
    rng_seed(&r, 2026, 12);
    uint64_t seq = 0;
    double t0 = rng_exp(&r, 0.001);
    eq_push_lane(q, own, t0, 1, 0, 0, 0);
    ref_push(&ref, (SimEvent){.time = t0, .seq = seq++, .type = 1});
    for (int k = 0; k < 50000; k++) {
        SimEvent got = ref.v[ref.n - 1];
        pop_matches(q, &ref);
        double now = got.time;
        if (got.type == 1) { /* the stream: its next arrival, and a fixed-delay event */
            double t = now + rng_exp(&r, 0.001);
            eq_push_lane(q, own, t, 1, 0, 0, 0);
            ref_push(&ref, (SimEvent){.time = t, .seq = seq++, .type = 1});
            eq_push_lane(q, l25, now + 0.025, 2, 0, 0, 0);
            ref_push(&ref, (SimEvent){.time = now + 0.025, .seq = seq++, .type = 2});
        } else if (got.type == 2) { /* a random delay, in the general set */
            double t = now + rng_exp(&r, 0.003);
            eq_push(q, t, 3, 0, 0, 0);
            ref_push(&ref, (SimEvent){.time = t, .seq = seq++, .type = 3});
        }
    }
    for (int i = 3; i < EQ_MAX_LANES; i++) assert_true(eq_lane_own(q) >= 0);
    assert_int_equal(eq_lane_own(q), EQ_NO_LANE); /* full */
    free(ref.v);
    eq_destroy(q);
}

/* A simulator's pattern through the lanes: pop, then push at the popped time plus a fixed
 * delay into that delay's lane (zero included), or a random delay without a lane; some
 * lane pushes come from an earlier time (a lane must then pass them on), some go to a
 * lane of another delay, some into the past. Always the reference's order. */
static void lanes_match_sorted_array_reference(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    Ref ref = {0};
    Rng r;
    rng_seed(&r, 4242, 7);
    static const double fixed[] = {0, 0.00025, 0.0000135, 0.025, 0.5};
    int lane[5];
    for (int i = 0; i < 5; i++) lane[i] = eq_lane_for(q, fixed[i]);
    uint64_t seq = 0;
    static const size_t targets[] = {2000, 10, 20000, 0, 300};
    for (int phase = 0; phase < 10; phase++) {
        size_t target = targets[phase % 5];
        for (int k = 0; k < 60000; k++) {
            double now = ref.n ? ref.v[ref.n - 1].time : 0;
            if (ref.n && (eq_size(q) >= target ? rng_uniform(&r) < 0.7 : rng_uniform(&r) < 0.3)) {
                pop_matches(q, &ref);
            } else {
                uint32_t how = rng_below(&r, 10);
                uint32_t f = rng_below(&r, 5);
                double t;
                int l = EQ_NO_LANE;
                if (how < 6) { /* the fixed delay's own lane */
                    t = now + fixed[f];
                    l = lane[f];
                } else if (how == 6) { /* an earlier "now": out of the lane's order */
                    t = now - rng_uniform(&r) * 0.001 + fixed[f];
                    l = lane[f];
                } else if (how == 7) { /* the wrong lane */
                    t = now + rng_exp(&r, 0.01);
                    l = lane[f];
                } else if (how == 8) { /* random, no lane */
                    t = now + rng_exp(&r, 0.002);
                } else { /* far in the past or ahead, through a lane or not */
                    t = rng_uniform(&r) < 0.5 ? now - 10 * rng_uniform(&r) : now + 1e3 * rng_uniform(&r);
                    l = rng_uniform(&r) < 0.5 ? lane[f] : EQ_NO_LANE;
                }
                uint32_t a = (uint32_t)k, b = rng_below(&r, 1000), c = (uint32_t)phase;
                if (l == EQ_NO_LANE && rng_uniform(&r) < 0.5) eq_push(q, t, how, a, b, c);
                else eq_push_lane(q, l, t, how, a, b, c);
                ref_push(&ref, (SimEvent){.time = t, .seq = seq++, .type = how, .a = a, .b = b, .c = c});
            }
            assert_int_equal(eq_size(q), ref.n);
            assert_true(eq_peek_time(q) == (ref.n ? ref.v[ref.n - 1].time : INFINITY));
        }
    }
    while (ref.n) pop_matches(q, &ref);
    SimEvent e;
    assert_int_equal(eq_pop(q, &e), 0);
    free(ref.v);
    eq_destroy(q);
}

/* Equal times in several lanes and in the general set come out in push order. */
static void lanes_pop_equal_times_in_insertion_order(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    int l1 = eq_lane_for(q, 1.0), l2 = eq_lane_for(q, 2.0);
    for (uint32_t i = 0; i < 3000; i++) {
        double t = (double)(i / 1000); /* 0, 1, 2: a thousand each */
        switch (i % 3) {
        case 0: eq_push_lane(q, l1, t, 0, i, 0, 0); break;
        case 1: eq_push_lane(q, l2, t, 0, i, 0, 0); break;
        default: eq_push(q, t, 0, i, 0, 0); break;
        }
    }
    for (uint32_t i = 0; i < 3000; i++) {
        SimEvent e;
        assert_int_equal(eq_pop(q, &e), 1);
        assert_int_equal(e.a, i);
        assert_true(e.seq == i);
    }
    assert_int_equal(eq_size(q), 0);
    eq_destroy(q);
}

/* A lane is a FIFO: a long run of one fixed delay is held in order and its memory is
 * reused once drained; a clear empties the lanes and keeps them. */
static void lanes_hold_long_runs_and_survive_clear(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    int l = eq_lane_for(q, 0.025);
    for (int round = 0; round < 3; round++) {
        for (uint32_t i = 0; i < 50000; i++) eq_push_lane(q, l, i * 1e-6 + 0.025, 1, i, 0, 0);
        size_t cap = eq_capacity(q);
        if (round == 2) eq_clear(q);
        for (uint32_t i = 0; round < 2 && i < 50000; i++) {
            SimEvent e;
            assert_int_equal(eq_pop(q, &e), 1);
            assert_int_equal(e.a, i);
        }
        assert_int_equal(eq_size(q), 0);
        assert_int_equal(eq_capacity(q), cap);
    }
    eq_push_lane(q, l, 3.0, 2, 7, 0, 0);
    eq_push(q, 1.0, 3, 8, 0, 0);
    assert_true(eq_peek_time(q) == 1.0);
    SimEvent e;
    assert_int_equal(eq_pop(q, &e), 1);
    assert_true(e.a == 8 && e.seq == 1);
    assert_int_equal(eq_pop(q, &e), 1);
    assert_true(e.a == 7 && e.seq == 0 && e.time == 3.0);
    eq_destroy(q);
}

/* Events whose `a` is marked here are cancelled (timers of calls that ended). */
static bool keep_unmarked(void *ctx, const SimEvent *ev)
{
    const uint8_t *dead = ctx;
    return !dead[ev->a];
}

/* A timer's pattern: most events are cancelled soon after they are pushed, a few fire.
 * Compacting at random moments (lanes, current bucket, wheel and overflow all hold
 * some) leaves exactly the reference's order without the cancelled, and with the live
 * events steady the storage stops growing however long it runs. */
static void compaction_drops_cancelled_events_and_keeps_the_order(void **state)
{
    (void)state;
    EventQueue *q = eq_create();
    Ref ref = {0};
    Rng r;
    rng_seed(&r, 99, 3);
    static const double fixed[] = {0, 0.001, 0.2, 30};
    int lane[4];
    for (int i = 0; i < 4; i++) lane[i] = eq_lane_for(q, fixed[i]);
    enum { N_IDS = 3000000 };
    uint8_t *dead = calloc(N_IDS, 1);
    assert_non_null(dead);
    uint64_t seq = 0;
    uint32_t id = 0;
    size_t cap_mid = 0, marked = 0;
    while (id < N_IDS - 10) {
        double now = ref.n ? ref.v[ref.n - 1].time : 0;
        if (ref.n > 2000 && rng_uniform(&r) < 0.5) {
            pop_matches(q, &ref);
        } else {
            uint32_t f = rng_below(&r, 4), how = rng_below(&r, 4);
            double t = how < 3 ? now + fixed[f] : now + 1e4 * rng_uniform(&r); /* far: overflow */
            if (how < 2) eq_push_lane(q, lane[f], t, how, id, 0, 0);
            else eq_push(q, t, how, id, 0, 0);
            ref_push(&ref, (SimEvent){.time = t, .seq = seq++, .type = how, .a = id});
            id++;
        }
        /* cancel a pending event at random: most end long before they would fire */
        if (ref.n > 0 && rng_uniform(&r) < 0.45) {
            uint32_t a = ref.v[rng_below(&r, (uint32_t)ref.n)].a;
            marked += !dead[a];
            dead[a] = 1;
        }
        if (marked > 1000 && 2 * marked > ref.n) {
            size_t n = 0;
            for (size_t k = 0; k < ref.n; k++)
                if (!dead[ref.v[k].a]) ref.v[n++] = ref.v[k];
            assert_int_equal(eq_compact(q, keep_unmarked, dead), ref.n - n);
            ref.n = n;
            marked = 0;
            assert_int_equal(eq_size(q), ref.n);
            assert_true(eq_peek_time(q) == (ref.n ? ref.v[ref.n - 1].time : INFINITY));
        }
        if (id == N_IDS / 2 && cap_mid == 0) cap_mid = eq_capacity(q);
    }
    printf("    pending %zu, capacity %zu halfway and %zu at the end\n", ref.n, cap_mid, eq_capacity(q));
    assert_true(eq_capacity(q) <= cap_mid + 1024);
    size_t n = 0;
    for (size_t k = 0; k < ref.n; k++)
        if (!dead[ref.v[k].a]) ref.v[n++] = ref.v[k];
    eq_compact(q, keep_unmarked, dead);
    ref.n = n;
    while (ref.n) pop_matches(q, &ref);
    SimEvent e;
    assert_int_equal(eq_pop(q, &e), 0);
    free(dead);
    free(ref.v);
    eq_destroy(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queue_matches_sorted_array_reference),
        cmocka_unit_test(hold_model_with_fixed_delays_matches_reference),
        cmocka_unit_test(queue_matches_reference_across_time_scales),
        cmocka_unit_test(queue_pops_equal_times_in_insertion_order),
        cmocka_unit_test(a_burst_in_one_bucket_pops_in_order),
        cmocka_unit_test(size_peek_and_clear),
        cmocka_unit_test(memory_is_reused_after_draining),
        cmocka_unit_test(lanes_are_found_by_delay_up_to_the_limit),
        cmocka_unit_test(lanes_match_sorted_array_reference),
        cmocka_unit_test(own_lanes_hold_streams_in_order),
        cmocka_unit_test(lanes_pop_equal_times_in_insertion_order),
        cmocka_unit_test(lanes_hold_long_runs_and_survive_clear),
        cmocka_unit_test(compaction_drops_cancelled_events_and_keeps_the_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
