/*
 * mm1_reference.h - the M/M/1 queue as a hand-written next-event loop, the yardstick
 * bench_sim sets the engine beside (issue 16: the engine against a bare loop, in the
 * same process, so the ratio does not depend on how busy the machine is).
 */
#ifndef BENCH_MM1_REFERENCE_H
#define BENCH_MM1_REFERENCE_H

#include <stdint.h>

typedef struct Mm1Reference {
    double wall_s;          /* time of the loop alone */
    double cpu_s;           /* its CPU time (the process's, which runs nothing else then) */
    double customers;       /* served */
    double mean_sojourn_ms; /* theory: 1 / (mu - lambda) */
} Mm1Reference;

/* `customers` customers through one FIFO server: Poisson arrivals at rate_per_ms,
 * exponential service of mean service_ms, drawn with the engine's own generator
 * (rng.h), so the two pay the same for their random numbers. */
Mm1Reference mm1_reference(double rate_per_ms, double service_ms, uint64_t customers, uint64_t seed);

/* The same loop keeping what a report of the run says, as plainly as it can: histograms
 * of the sojourn and the wait (log-linear buckets, 1/64 of an octave: percentiles within
 * about 1%), the server's busy time and the queue length's time integral, and completions
 * per simulated second. What the engine pays beyond this is its generality. */
typedef struct Mm1ReferenceStats {
    Mm1Reference base;
    double p50_sojourn_ms, p99_sojourn_ms; /* theory: ln(2) and ln(100) / (mu - lambda) */
    double p99_wait_ms;
    double utilisation;                    /* theory: lambda / mu */
    double mean_queue;                     /* waiting, not in service; theory: rho^2 / (1 - rho) */
    double seconds;                        /* rows of the per-second series */
} Mm1ReferenceStats;

Mm1ReferenceStats mm1_reference_stats(double rate_per_ms, double service_ms, uint64_t customers, uint64_t seed);

#endif
