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

#endif
