/*
 * bench_event_queue.c - hold-model benchmark of the pending-event set.
 *
 * The classic hold model: fill the queue with N events, then repeat "pop the earliest,
 * push it again at its time plus an increment", so the size stays N. Figures are
 * million hold operations (one pop + one push = one simulated event) per second, for
 * N = 16, 1k, 65k and 1M and two increment mixes:
 *   exp    - exponential increments (mean 1 ms);
 *   fixed+ - what a simulator of this kind sees: 60% one of four fixed delays (edge
 *            latencies 0.25, 0.5, 1 and 25 ms) and 40% exponential service times
 *            (mean 5 ms);
 *   lanes  - the same increments, the fixed ones pushed to their delay's FIFO lane
 *            (eq_push_lane), as the engine does.
 * Increments are drawn beforehand into a table so only the queue is timed.
 * Prints figures; asserts nothing about timing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sim/event_queue.h"
#include "sim/rng.h"

#define N_INCREMENTS (1 << 20)

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const double fixed_s[] = {0.00025, 0.0005, 0.001, 0.025};

/* lane[i]: which fixed delay inc[i] is (0-3), or -1 for a random one */
static void fill_increments(double *inc, signed char *lane, int mixed, Rng *r)
{
    for (int i = 0; i < N_INCREMENTS; i++) {
        lane[i] = -1;
        if (!mixed) {
            inc[i] = rng_exp(r, 0.001);
        } else if (rng_uniform(r) < 0.6) {
            lane[i] = (signed char)rng_below(r, 4);
            inc[i] = fixed_s[lane[i]];
        } else {
            inc[i] = rng_exp(r, 0.005);
        }
    }
}

/* Push at now + inc[k], through the delay's lane when `ids` is given. */
static void push(EventQueue *q, const int *ids, double now, const double *inc,
                 const signed char *lane, size_t k, const SimEvent *e)
{
    size_t i = k & (N_INCREMENTS - 1);
    if (ids && lane[i] >= 0) eq_push_lane(q, ids[lane[i]], now + inc[i], e->type, e->a, e->b, e->c);
    else eq_push(q, now + inc[i], e->type, e->a, e->b, e->c);
}

/* Million hold operations per second at size n. */
static double hold(size_t n, const double *inc, const signed char *lane, int lanes, long ops)
{
    EventQueue *q = eq_create();
    int ids[4];
    for (int i = 0; i < 4; i++) ids[i] = eq_lane_for(q, fixed_s[i]);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) eq_push(q, inc[k++ & (N_INCREMENTS - 1)], 0, (uint32_t)i, 0, 0);
    /* Warm up: let the time distribution of pending events reach its steady state. */
    SimEvent e;
    long warm = (long)n * 2 < ops ? (long)n * 2 : ops;
    for (long i = 0; i < warm; i++) {
        eq_pop(q, &e);
        push(q, lanes ? ids : NULL, e.time, inc, lane, k++, &e);
    }
    double t0 = now_s();
    double check = 0;
    for (long i = 0; i < ops; i++) {
        eq_pop(q, &e);
        check += e.a;
        push(q, lanes ? ids : NULL, e.time, inc, lane, k++, &e);
    }
    double dt = now_s() - t0;
    if (check < 0) printf("?"); /* keep the loop's work observable */
    eq_destroy(q);
    return ops / dt / 1e6;
}

int main(int argc, char **argv)
{
    long ops = argc > 1 ? atol(argv[1]) : 10000000;
    double *inc = malloc(N_INCREMENTS * sizeof *inc);
    signed char *lane = malloc(N_INCREMENTS);
    if (!inc || !lane) return 1;
    static const size_t sizes[] = {16, 1024, 65536, 1048576};
    static const char *const mixes[] = {"exp", "fixed+exp", "lanes"};
    Rng r;
    rng_seed(&r, 1, 1);
    printf("hold model, %ld operations per figure: million events/s\n", ops);
    printf("%-10s %10s %10s %10s %10s\n", "increments", "16", "1k", "65k", "1M");
    for (int mix = 0; mix < 3; mix++) {
        if (mix < 2) fill_increments(inc, lane, mix, &r); /* "lanes" reuses fixed+exp's */
        printf("%-10s", mixes[mix]);
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            printf(" %10.1f", hold(sizes[s], inc, lane, mix == 2, ops));
            fflush(stdout);
        }
        printf("\n");
    }
    free(inc);
    free(lane);
    return 0;
}
