/*
 * dist.c - turning a model Dist into a Sampler once, and drawing from it per event.
 *
 * dist_prepare() does the expensive part (solving the lognormal's sigma from mean and
 * p99, the Pareto scale from mean and alpha) so that sampler_draw() costs one uniform
 * and at most one log/exp/pow (two uniforms and a log, sqrt, cos and exp for the
 * lognormal).
 */
#include "sim/dist.h"

#include <math.h>

/* The 0.99 quantile of the standard normal. */
#define Z99 2.326347874040841

static bool bad(double v) { return !isfinite(v) || v < 0; }

static bool fail(const Dist *d, Sampler *s, const char **why, const char *msg)
{
    double m = dist_mean(d);
    s->kind = DIST_CONSTANT;
    s->a = bad(m) ? 0 : m;
    s->b = 0;
    s->cap = 0;
    if (why) *why = msg;
    return false;
}

bool dist_prepare(const Dist *d, Sampler *s, const char **why)
{
    if (why) *why = NULL;
    if (!isfinite(d->cap) || d->cap < 0)
        return fail(d, s, why, "cap must be a finite number >= 0 (0 = no cap)");
    s->kind = d->kind;
    s->a = s->b = 0;
    s->cap = d->cap;
    switch (d->kind) {
    case DIST_CONSTANT:
        if (bad(d->mean)) return fail(d, s, why, "constant value must be a finite number >= 0");
        s->a = d->mean;
        break;
    case DIST_EXPONENTIAL:
        if (bad(d->mean)) return fail(d, s, why, "exponential mean must be a finite number >= 0");
        s->a = d->mean;
        if (d->mean == 0) s->kind = DIST_CONSTANT;
        break;
    case DIST_UNIFORM:
        if (bad(d->min) || bad(d->max) || d->max < d->min)
            return fail(d, s, why, "uniform needs 0 <= min <= max, both finite");
        s->a = d->min;
        s->b = d->max - d->min;
        break;
    case DIST_LOGNORMAL: {
        if (bad(d->mean)) return fail(d, s, why, "lognormal mean must be a finite number >= 0");
        if (d->mean == 0) {
            s->kind = DIST_CONSTANT;
            break;
        }
        if (!isfinite(d->p99) || d->p99 < d->mean)
            return fail(d, s, why,
                        "lognormal p99 must be at least the mean and at most about 14.97 x "
                        "the mean (exp(z99^2/2))");
        double l = log(d->p99 / d->mean);
        double disc = Z99 * Z99 - 2 * l;
        if (disc < 0)
            return fail(d, s, why,
                        "lognormal p99 must be at least the mean and at most about 14.97 x "
                        "the mean (exp(z99^2/2))");
        double sigma = Z99 - sqrt(disc); /* the smaller root: the lighter tail */
        s->a = log(d->mean) - sigma * sigma / 2;
        s->b = sigma;
        if (sigma == 0) { /* p99 == mean: no spread at all */
            s->kind = DIST_CONSTANT;
            s->a = d->mean;
        }
        break;
    }
    case DIST_PARETO:
        if (bad(d->mean)) return fail(d, s, why, "pareto mean must be a finite number >= 0");
        if (!isfinite(d->alpha) || !(d->alpha > 1))
            return fail(d, s, why, "pareto alpha must be a finite number > 1 (finite mean)");
        if (d->mean == 0) {
            s->kind = DIST_CONSTANT;
            break;
        }
        s->a = d->mean * (d->alpha - 1) / d->alpha;
        s->b = -1 / d->alpha;
        break;
    default:
        return fail(d, s, why,
                    "unknown distribution: use constant, exponential, uniform, lognormal or "
                    "pareto");
    }
    return true;
}

double sampler_draw(const Sampler *s, Rng *r)
{
    double v;
    switch (s->kind) {
    case DIST_EXPONENTIAL: v = -s->a * log(rng_uniform(r)); break;
    case DIST_UNIFORM: v = s->a + s->b * rng_uniform(r); break;
    case DIST_LOGNORMAL: v = exp(s->a + s->b * rng_normal(r)); break;
    case DIST_PARETO: v = s->a * pow(rng_uniform(r), s->b); break;
    default: v = s->a; break;
    }
    if (s->cap > 0 && v > s->cap) v = s->cap;
    return v;
}

double dist_scv(const Dist *d)
{
    Sampler s;
    if (!dist_prepare(d, &s, NULL)) return 0;
    switch (s.kind) {
    case DIST_EXPONENTIAL: return 1;
    case DIST_UNIFORM: {
        double mean = s.a + s.b / 2;
        return mean > 0 ? s.b * s.b / (12 * mean * mean) : 0;
    }
    case DIST_LOGNORMAL: return expm1(s.b * s.b);
    case DIST_PARETO: return d->alpha > 2 ? 1 / (d->alpha * (d->alpha - 2)) : INFINITY;
    default: return 0;
    }
}

/* The standard normal quantile: Newton's method on the normal CDF (erfc), from 0, with
 * its steps bounded, so it converges for every u in (0, 1) to a few ulps. */
static double normal_quantile(double u)
{
    double x = 0;
    for (int i = 0; i < 100; i++) {
        double cdf = 0.5 * erfc(-x / sqrt(2.0));
        double pdf = exp(-x * x / 2) / sqrt(2 * 3.14159265358979323846);
        double step = pdf > 1e-300 ? (cdf - u) / pdf : (cdf > u ? 1.0 : -1.0);
        if (step > 1) step = 1;
        if (step < -1) step = -1;
        x -= step;
        if (fabs(step) < 1e-12) break;
    }
    return x;
}

/* The value of s at quantile u in (0, 1), capped as sampler_draw caps. */
static double sampler_quantile(const Sampler *s, double u)
{
    double v;
    switch (s->kind) {
    case DIST_EXPONENTIAL: v = -s->a * log1p(-u); break;
    case DIST_UNIFORM: v = s->a + s->b * u; break;
    case DIST_LOGNORMAL: v = exp(s->a + s->b * normal_quantile(u)); break;
    case DIST_PARETO: v = s->a * pow(1 - u, s->b); break;
    default: v = s->a; break;
    }
    if (s->cap > 0 && v > s->cap) v = s->cap;
    return v;
}

/* ceil(K / batch) averaged over K's random rounding of x (floor or floor + 1). */
static double batch_calls_at(double x, double batch)
{
    if (!(x > 0)) return 0;
    double f = floor(x), frac = x - f;
    return (1 - frac) * ceil(f / batch) + frac * ceil((f + 1) / batch);
}

double dist_batch_calls(const Dist *d, int batch)
{
    Sampler s;
    if (!dist_prepare(d, &s, NULL)) return 0;
    if (batch <= 1) return dist_mean(d);
    if (s.kind == DIST_CONSTANT) return batch_calls_at(s.cap > 0 && s.a > s.cap ? s.cap : s.a, batch);
    enum { N = 1024 };
    double sum = 0;
    for (int i = 0; i < N; i++) sum += batch_calls_at(sampler_quantile(&s, (i + 0.5) / N), batch);
    return sum / N;
}
