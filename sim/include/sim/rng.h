/*
 * rng.h - seeded pseudo-random numbers: xoshiro256** seeded through splitmix64.
 *
 * Each node gets its own stream, derived from the run seed and a hash of the
 * node's id, so that editing one node does not reshuffle the draws of another.
 * Plain value type: copy freely, no allocation.
 */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <stdint.h>

typedef struct Rng {
    uint64_t s[4];
} Rng;

/* Seed a stream from a run seed and a stream key (e.g. hash_str(node id)). */
void rng_seed(Rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(Rng *r);
/* Uniform in the open interval (0, 1). */
double rng_uniform(Rng *r);
/* Uniform integer in [0, n), n > 0, without modulo bias. */
uint32_t rng_below(Rng *r, uint32_t n);
/* Exponential with the given mean. */
double rng_exp(Rng *r, double mean);
/* Standard normal. */
double rng_normal(Rng *r);

#endif
