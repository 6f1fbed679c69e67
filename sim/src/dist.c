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

static double normal_cdf(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }

/* The first two moments of the draws of s, its cap included: E[min(X, cap)] and
 * E[min(X, cap)^2], from the survival function (E[Y] = the integral of P(Y > y), E[Y^2]
 * that of 2y P(Y > y)), in closed form for each kind. A Pareto of alpha <= 2 without a
 * cap has an infinite second moment. */
static void sampler_moments(const Sampler *s, double *m1, double *m2)
{
    double c = s->cap > 0 ? s->cap : INFINITY, a = s->a, b = s->b;
    switch (s->kind) {
    case DIST_EXPONENTIAL: {
        double r = isfinite(c) ? exp(-c / a) : 0, k = isfinite(c) ? c / a : 0;
        *m1 = a * (1 - r);
        *m2 = 2 * a * a * (1 - r * (1 + k));
        break;
    }
    case DIST_UNIFORM: { /* on [a, a + b] */
        double hi = a + b;
        if (!(c < hi)) {
            *m1 = a + b / 2;
            *m2 = a * a + a * b + b * b / 3;
        } else if (!(c > a)) {
            *m1 = c;
            *m2 = c * c;
        } else { /* a share (c - a) / b uniform on [a, c], the rest at c */
            double p = (c - a) / b;
            *m1 = p * (a + c) / 2 + (1 - p) * c;
            *m2 = p * (a * a + a * c + c * c) / 3 + (1 - p) * c * c;
        }
        break;
    }
    case DIST_LOGNORMAL: { /* mu a, sigma b */
        double mean = exp(a + b * b / 2), sq = exp(2 * a + 2 * b * b);
        if (!isfinite(c) || !(b > 0)) {
            *m1 = mean;
            *m2 = sq;
        } else {
            double lc = log(c), over = 1 - normal_cdf((lc - a) / b);
            *m1 = mean * normal_cdf((lc - a - b * b) / b) + c * over;
            *m2 = sq * normal_cdf((lc - a - 2 * b * b) / b) + c * c * over;
        }
        break;
    }
    case DIST_PARETO: { /* scale xm a, -1/alpha b */
        double alpha = -1 / b, xm = a;
        if (!(c > xm)) {
            *m1 = c;
            *m2 = c * c;
            break;
        }
        double tail = isfinite(c) ? pow(xm, alpha) * pow(c, 1 - alpha) : 0; /* xm^alpha c^(1-alpha) */
        *m1 = (xm * alpha - tail) / (alpha - 1);
        if (!isfinite(c)) *m2 = alpha > 2 ? xm * xm * alpha / (alpha - 2) : INFINITY;
        else if (fabs(alpha - 2) < 1e-12) *m2 = xm * xm * (1 + 2 * log(c / xm));
        else *m2 = xm * xm + 2 * (tail * c - xm * xm) / (2 - alpha);
        break;
    }
    default: {
        double v = s->a < c ? s->a : c;
        *m1 = v;
        *m2 = v * v;
        break;
    }
    }
}

/* P(X > x) of the uncapped draws. */
static double sampler_survival(const Sampler *s, double x)
{
    switch (s->kind) {
    case DIST_EXPONENTIAL: return x > 0 ? exp(-x / s->a) : 1;
    case DIST_UNIFORM: return x < s->a ? 1 : x >= s->a + s->b ? 0 : (s->a + s->b - x) / s->b;
    case DIST_LOGNORMAL: return x > 0 ? (s->b > 0 ? 1 - normal_cdf((log(x) - s->a) / s->b) : (exp(s->a) > x)) : 1;
    case DIST_PARETO: return x > s->a ? pow(s->a / x, -1 / s->b) : 1;
    default: return s->a > x;
    }
}

void dist_drawn_moments(const Dist *d, double *m1, double *m2)
{
    Sampler s;
    if (!dist_prepare(d, &s, NULL)) {
        *m1 = s.a;
        *m2 = s.a * s.a;
        return;
    }
    sampler_moments(&s, m1, m2);
}

double dist_drawn_mean(const Dist *d)
{
    double m1, m2;
    dist_drawn_moments(d, &m1, &m2);
    return m1;
}

void dist_excess(const Dist *d, double x, double *e1, double *e2)
{
    *e1 = *e2 = 0;
    Sampler s;
    dist_prepare(d, &s, NULL); /* a failed one: its constant */
    if (!(x >= 0)) x = 0;
    if (s.cap > 0 && x >= s.cap) return;
    /* Y = min(X, cap): E[Y^k; Y > x] = E[Y^k] - E[X^k; X <= x], and E[X^k; X <= x] is
     * E[min(X, x)^k] - x^k P(X > x) */
    double m1, m2, b1, b2, tail = sampler_survival(&s, x);
    sampler_moments(&s, &m1, &m2);
    Sampler below = s;
    below.cap = x;
    sampler_moments(&below, &b1, &b2);
    if (x == 0) b1 = b2 = 0;
    double u1 = m1 - (b1 - x * tail), u2 = m2 - (b2 - x * x * tail); /* E[Y; Y > x], E[Y^2; Y > x] */
    double v1 = u1 - x * tail, v2 = u2 - 2 * x * u1 + x * x * tail;
    *e1 = v1 > 0 ? v1 : 0;
    *e2 = v2 > 0 ? v2 : 0;
    if (!isfinite(m2)) *e2 = INFINITY;
}

double dist_scv(const Dist *d)
{
    Sampler s;
    if (!dist_prepare(d, &s, NULL)) return 0;
    double m1, m2;
    sampler_moments(&s, &m1, &m2);
    if (!(m1 > 0)) return 0;
    if (!isfinite(m2)) return INFINITY;
    double v = m2 / (m1 * m1) - 1;
    return v > 0 ? v : 0;
}

/* The standard normal quantile: Newton's method on the normal CDF (erfc), from 0, with
 * its steps bounded, so it converges for every u in (0, 1) to a few ulps. */
static double normal_quantile(double u)
{
    double x = 0;
    for (int i = 0; i < 100; i++) {
        double cdf = normal_cdf(x);
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

double dist_quantile(const Dist *d, double u)
{
    Sampler s;
    dist_prepare(d, &s, NULL); /* a failed one: its constant */
    if (!(u > 0)) u = 0;
    if (!(u < 1)) u = 1 - 1e-12;
    return sampler_quantile(&s, u);
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
    if (batch <= 1) return dist_drawn_mean(d);
    if (s.kind == DIST_CONSTANT) return batch_calls_at(s.cap > 0 && s.a > s.cap ? s.cap : s.a, batch);
    enum { N = 1024 };
    double sum = 0;
    for (int i = 0; i < N; i++) sum += batch_calls_at(sampler_quantile(&s, (i + 0.5) / N), batch);
    return sum / N;
}
