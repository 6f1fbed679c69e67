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
 *            (mean 5 ms).
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

static void fill_increments(double *inc, int mixed, Rng *r)
{
    static const double fixed_s[] = {0.00025, 0.0005, 0.001, 0.025};
    for (int i = 0; i < N_INCREMENTS; i++) {
        if (!mixed) inc[i] = rng_exp(r, 0.001);
        else if (rng_uniform(r) < 0.6) inc[i] = fixed_s[rng_below(r, 4)];
        else inc[i] = rng_exp(r, 0.005);
    }
}

/* Million hold operations per second at size n. */
static double hold(size_t n, const double *inc, long ops)
{
    EventQueue *q = eq_create();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) eq_push(q, inc[k++ & (N_INCREMENTS - 1)], 0, (uint32_t)i, 0, 0);
    /* Warm up: let the time distribution of pending events reach its steady state. */
    SimEvent e;
    long warm = (long)n * 2 < ops ? (long)n * 2 : ops;
    for (long i = 0; i < warm; i++) {
        eq_pop(q, &e);
        eq_push(q, e.time + inc[k++ & (N_INCREMENTS - 1)], e.type, e.a, e.b, e.c);
    }
    double t0 = now_s();
    double check = 0;
    for (long i = 0; i < ops; i++) {
        eq_pop(q, &e);
        check += e.a;
        eq_push(q, e.time + inc[k++ & (N_INCREMENTS - 1)], e.type, e.a, e.b, e.c);
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
    if (!inc) return 1;
    static const size_t sizes[] = {16, 1024, 65536, 1048576};
    static const char *const mixes[] = {"exp", "fixed+exp"};
    Rng r;
    rng_seed(&r, 1, 1);
    printf("hold model, %ld operations per figure: million events/s\n", ops);
    printf("%-10s %10s %10s %10s %10s\n", "increments", "16", "1k", "65k", "1M");
    for (int mixed = 0; mixed < 2; mixed++) {
        fill_increments(inc, mixed, &r);
        printf("%-10s", mixes[mixed]);
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            printf(" %10.1f", hold(sizes[s], inc, ops));
            fflush(stdout);
        }
        printf("\n");
    }
    free(inc);
    return 0;
}
