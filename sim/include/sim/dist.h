/*
 * dist.h - sampling the distributions of model.h.
 *
 * dist_prepare() turns the user's parameters (mean and p99, mean and alpha, ...) into
 * the parameters the sampler needs, once, so sampling in the hot loop is cheap.
 */
#ifndef SIM_DIST_H
#define SIM_DIST_H

#include <stdbool.h>

#include "sim/model.h"
#include "sim/rng.h"

typedef struct Sampler {
    DistKind kind;
    double a, b; /* kind-specific: constant value; exp mean; uniform lo,width;
                    lognormal mu,sigma; pareto xm,1/alpha */
    double cap;  /* 0 = none */
} Sampler;

/* Prepare a sampler. Returns false (and a constant sampler of d->mean) when the
 * parameters admit no such distribution; `why` then says what is allowed. */
bool dist_prepare(const Dist *d, Sampler *s, const char **why);
double sampler_draw(const Sampler *s, Rng *r);
/* Mean and squared coefficient of variation of the (uncapped) distribution. */
double dist_scv(const Dist *d);

#endif
