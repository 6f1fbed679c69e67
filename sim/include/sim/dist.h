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
/* The mean number of calls a batched fan-out makes: ceil(K / batch), where K is a draw of
 * d (capped at its cap) rounded at random to a neighbouring integer keeping the mean, as
 * the engine rounds fan-outs. Exact for a constant; otherwise a midpoint rule over 1024
 * quantiles (within about 1/1024 of a call per visit, plus the tail beyond the last
 * quantile). batch <= 1 gives d's mean. */
double dist_batch_calls(const Dist *d, int batch);
/* The mean of d's draws, its cap included (a Pareto of mean 100, alpha 1.5 and cap 5,000
 * draws 94.6 on average): what rates and loads are made of. dist_mean (model.h) is the
 * parameter the user set, what the app shows and the file keeps. */
double dist_drawn_mean(const Dist *d);
/* The first two moments of d's draws, its cap included: E[Y] and E[Y^2], Y = min(X, cap)
 * (E[Y^2] INFINITY for a Pareto of alpha <= 2 without a cap). */
void dist_drawn_moments(const Dist *d, double *m1, double *m2);
/* How far d's draws go past x: E[(Y - x)+] and E[((Y - x)+)^2], Y = min(X, cap), in closed
 * form (a fan-out's copies past the slots free to take them: analytic.c's wait within a
 * burst). */
void dist_excess(const Dist *d, double x, double *e1, double *e2);
/* The value below which a share u of d's draws fall, its cap included. */
double dist_quantile(const Dist *d, double u);
/* The squared coefficient of variation of d's draws (variance / mean^2), its cap
 * included; INFINITY for a Pareto of alpha <= 2 without a cap. */
double dist_scv(const Dist *d);

#endif
