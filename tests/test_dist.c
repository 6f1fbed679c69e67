/*
 * test_dist.c - the samplers of dist.c against their distributions.
 *
 * For each distribution 1e6 draws under a fixed seed; the sample mean, variance and
 * p99 must be within 6 standard errors of the true value. The standard errors come
 * from the CLT: sd/sqrt(n) for the mean, sqrt((m4 - var^2)/n) for the variance (m4 the
 * sample's fourth central moment), sqrt(p(1-p)/n)/f(x_p) for a quantile (f the
 * density at the quantile). Six standard errors keep a fixed seed far from the edge
 * while a wrong parameter (a sigma off by 5%, a misplaced 1/alpha) fails clearly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dist.h"

#define N_DRAWS 1000000
#define Z99 2.326347874040841
#define K_SE 6.0

typedef struct Stats {
    double mean, var, m4, p99;
} Stats;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static Stats sample(const Dist *d, uint64_t seed)
{
    Sampler s;
    const char *why = "unset";
    assert_true(dist_prepare(d, &s, &why));
    assert_null(why);
    Rng r;
    rng_seed(&r, seed, 1);
    double *v = malloc(N_DRAWS * sizeof *v);
    assert_non_null(v);
    double sum = 0;
    for (int i = 0; i < N_DRAWS; i++) {
        v[i] = sampler_draw(&s, &r);
        assert_true(v[i] >= 0);
        sum += v[i];
    }
    Stats st = {.mean = sum / N_DRAWS};
    double m2 = 0, m4 = 0;
    for (int i = 0; i < N_DRAWS; i++) {
        double e = v[i] - st.mean;
        m2 += e * e;
        m4 += e * e * e * e;
    }
    st.var = m2 / N_DRAWS;
    st.m4 = m4 / N_DRAWS;
    qsort(v, N_DRAWS, sizeof *v, cmp_double);
    st.p99 = v[(int)ceil(0.99 * N_DRAWS) - 1];
    free(v);
    return st;
}

static void check_mean(const Stats *st, double mean, double var)
{
    double se = sqrt(var / N_DRAWS);
    if (fabs(st->mean - mean) >= K_SE * se)
        fail_msg("mean %g, expected %g +- %g", st->mean, mean, K_SE * se);
}

static void check_var(const Stats *st, double var)
{
    double se = sqrt((st->m4 - st->var * st->var) / N_DRAWS);
    if (fabs(st->var - var) >= K_SE * se)
        fail_msg("variance %g, expected %g +- %g", st->var, var, K_SE * se);
}

/* density_at_p99: the distribution's density at its true p99. */
static void check_p99(const Stats *st, double p99, double density_at_p99)
{
    double se = sqrt(0.99 * 0.01 / N_DRAWS) / density_at_p99;
    if (fabs(st->p99 - p99) >= K_SE * se)
        fail_msg("p99 %g, expected %g +- %g", st->p99, p99, K_SE * se);
}

static void constant_always_gives_its_value(void **state)
{
    (void)state;
    Dist d = dist_const(2.5);
    Sampler s;
    assert_true(dist_prepare(&d, &s, NULL));
    Rng r;
    rng_seed(&r, 1, 1);
    for (int i = 0; i < 1000; i++) assert_true(sampler_draw(&s, &r) == 2.5);
    assert_true(dist_scv(&d) == 0);
}

static void exponential_matches_mean_variance_p99(void **state)
{
    (void)state;
    double m = 5;
    Dist d = {.kind = DIST_EXPONENTIAL, .mean = m};
    Stats st = sample(&d, 11);
    check_mean(&st, m, m * m);
    check_var(&st, m * m);
    check_p99(&st, m * log(100), 0.01 / m);
    assert_true(dist_scv(&d) == 1);
}

static void uniform_matches_mean_variance_p99(void **state)
{
    (void)state;
    Dist d = {.kind = DIST_UNIFORM, .min = 2, .max = 6};
    Stats st = sample(&d, 12);
    check_mean(&st, 4, 16.0 / 12);
    check_var(&st, 16.0 / 12);
    check_p99(&st, 2 + 0.99 * 4, 1.0 / 4);
    assert_true(fabs(dist_scv(&d) - (16.0 / 12) / 16) < 1e-12);
}

static void lognormal_matches_mean_and_p99_given(void **state)
{
    (void)state;
    double m = 10, p99 = 50;
    Dist d = {.kind = DIST_LOGNORMAL, .mean = m, .p99 = p99};
    /* Solve sigma independently: bisection on mean * exp(z sigma - sigma^2 / 2) = p99
     * over the lighter-tail branch sigma in [0, z]. */
    double lo = 0, hi = Z99;
    for (int i = 0; i < 200; i++) {
        double mid = (lo + hi) / 2;
        if (m * exp(Z99 * mid - mid * mid / 2) < p99) lo = mid;
        else hi = mid;
    }
    double sigma = lo;
    double var = m * m * expm1(sigma * sigma);
    /* Density at the p99: phi(z) / (x sigma). */
    double phi = exp(-Z99 * Z99 / 2) / sqrt(2 * 3.14159265358979323846);
    Stats st = sample(&d, 13);
    check_mean(&st, m, var);
    check_var(&st, var);
    check_p99(&st, p99, phi / (p99 * sigma));
    assert_true(fabs(dist_scv(&d) - expm1(sigma * sigma)) < 1e-9);
}

static void pareto_matches_mean_variance_p99(void **state)
{
    (void)state;
    double m = 10, alpha = 5; /* alpha > 4: the fourth moment exists, so the variance
                                 check's CLT holds */
    double xm = m * (alpha - 1) / alpha;
    Dist d = {.kind = DIST_PARETO, .mean = m, .alpha = alpha};
    double var = xm * xm * alpha / ((alpha - 1) * (alpha - 1) * (alpha - 2));
    double p99 = xm * pow(0.01, -1 / alpha);
    double f = alpha * pow(xm, alpha) / pow(p99, alpha + 1);
    Stats st = sample(&d, 14);
    check_mean(&st, m, var);
    check_var(&st, var);
    check_p99(&st, p99, f);
    assert_true(fabs(dist_scv(&d) - var / (m * m)) < 1e-9);
    /* Heavy tail (alpha 1.5: infinite variance): the p99 and the minimum still hold. */
    alpha = 1.5;
    xm = m * (alpha - 1) / alpha;
    Dist h = {.kind = DIST_PARETO, .mean = m, .alpha = alpha};
    p99 = xm * pow(0.01, -1 / alpha);
    f = alpha * pow(xm, alpha) / pow(p99, alpha + 1);
    st = sample(&h, 15);
    check_p99(&st, p99, f);
    assert_true(isinf(dist_scv(&h)));
}

static void zero_mean_gives_constant_zero(void **state)
{
    (void)state;
    Dist ds[] = {{.kind = DIST_EXPONENTIAL}, {.kind = DIST_LOGNORMAL, .p99 = 5},
                 {.kind = DIST_LOGNORMAL}, {.kind = DIST_PARETO, .alpha = 2}};
    Rng r;
    rng_seed(&r, 1, 1);
    for (size_t k = 0; k < sizeof ds / sizeof *ds; k++) {
        Sampler s;
        assert_true(dist_prepare(&ds[k], &s, NULL));
        for (int i = 0; i < 100; i++) assert_true(sampler_draw(&s, &r) == 0);
    }
}

static void invalid_parameters_are_rejected_with_a_reason(void **state)
{
    (void)state;
    Dist bad[] = {
        {.kind = DIST_LOGNORMAL, .mean = 10, .p99 = 5},   /* p99 below the mean */
        {.kind = DIST_LOGNORMAL, .mean = 10, .p99 = 150}, /* 15 x: past exp(z^2/2) */
        {.kind = DIST_PARETO, .mean = 10, .alpha = 1},    /* infinite mean */
        {.kind = DIST_UNIFORM, .min = 5, .max = 2},
        {.kind = DIST_UNIFORM, .min = -1, .max = 2},
        {.kind = DIST_EXPONENTIAL, .mean = -1},
        {.kind = DIST_CONSTANT, .mean = NAN},
        {.kind = DIST_EXPONENTIAL, .mean = 1, .cap = -1},
        {.kind = (DistKind)99, .mean = 1},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        Sampler s;
        const char *why = NULL;
        assert_false(dist_prepare(&bad[k], &s, &why));
        assert_non_null(why);
        assert_true(strlen(why) > 10);
        /* The fallback is a usable constant sampler. */
        assert_int_equal(s.kind, DIST_CONSTANT);
        Rng r;
        rng_seed(&r, 1, 1);
        double v = sampler_draw(&s, &r);
        assert_true(isfinite(v) && v >= 0);
    }
    /* The lognormal's message states the allowed range. */
    Sampler s;
    const char *why = NULL;
    assert_false(dist_prepare(&bad[1], &s, &why));
    assert_non_null(strstr(why, "14.9"));
    /* The edge of the range is accepted: p99 = 14.9 x mean, and p99 = mean. */
    Dist edge = {.kind = DIST_LOGNORMAL, .mean = 1, .p99 = 14.9};
    assert_true(dist_prepare(&edge, &s, NULL));
    edge.p99 = 1;
    assert_true(dist_prepare(&edge, &s, NULL));
}

static void cap_truncates_every_draw(void **state)
{
    (void)state;
    Dist d = {.kind = DIST_EXPONENTIAL, .mean = 1, .cap = 2};
    Sampler s;
    assert_true(dist_prepare(&d, &s, NULL));
    Rng r;
    rng_seed(&r, 2, 2);
    int at_cap = 0;
    for (int i = 0; i < N_DRAWS; i++) {
        double v = sampler_draw(&s, &r);
        assert_true(v <= 2);
        at_cap += v == 2;
    }
    /* P(draw >= 2) = e^-2; its binomial standard error is sqrt(p (1-p) / n). */
    double p = exp(-2), frac = (double)at_cap / N_DRAWS;
    assert_true(fabs(frac - p) < K_SE * sqrt(p * (1 - p) / N_DRAWS));
    /* Heavy tails are capped too. */
    Dist h = {.kind = DIST_PARETO, .mean = 75, .alpha = 1.1, .cap = 1e4};
    assert_true(dist_prepare(&h, &s, NULL));
    for (int i = 0; i < 100000; i++) assert_true(sampler_draw(&s, &r) <= 1e4);
}

/* The cap lowers the draws' mean and spread: dist_drawn_mean and dist_scv give them in
 * closed form (a Pareto of mean 100, alpha 1.5 and cap 5,000, the Instagram preset's
 * fan-out, draws 94.56 on average, not 100), and the capped draws agree within the
 * checks' standard errors; without a cap the drawn mean is the parameter. */
static void cap_lowers_the_drawn_mean_and_spread(void **state)
{
    (void)state;
    Dist ds[] = {
        {.kind = DIST_PARETO, .mean = 100, .alpha = 1.5, .cap = 5000},
        {.kind = DIST_PARETO, .mean = 10, .alpha = 2, .cap = 60},
        {.kind = DIST_PARETO, .mean = 10, .alpha = 3, .cap = 20},
        {.kind = DIST_PARETO, .mean = 10, .alpha = 3, .cap = 5}, /* below the scale: constant */
        {.kind = DIST_EXPONENTIAL, .mean = 5, .cap = 7},
        {.kind = DIST_LOGNORMAL, .mean = 10, .p99 = 80, .cap = 30},
        {.kind = DIST_UNIFORM, .min = 2, .max = 6, .cap = 5},
        {.kind = DIST_CONSTANT, .mean = 4, .cap = 3},
    };
    for (size_t k = 0; k < sizeof ds / sizeof *ds; k++) {
        double m = dist_drawn_mean(&ds[k]), scv = dist_scv(&ds[k]);
        assert_true(m > 0 && m <= ds[k].cap);
        Stats st = sample(&ds[k], 40 + k);
        double var = scv * m * m;
        if (var > 0) {
            check_mean(&st, m, var);
            check_var(&st, var);
        } else {
            assert_true(st.mean == m && st.var == 0);
        }
    }
    assert_true(fabs(dist_drawn_mean(&ds[0]) - (100 - 2 * pow(100.0 / 3, 1.5) / sqrt(5000.0))) < 1e-9);
    Dist open = {.kind = DIST_PARETO, .mean = 100, .alpha = 1.5};
    assert_true(dist_drawn_mean(&open) == 100 && isinf(dist_scv(&open)));
    Dist e = {.kind = DIST_EXPONENTIAL, .mean = 5};
    assert_true(fabs(dist_drawn_mean(&e) - 5) < 1e-12 && dist_scv(&e) == 1);
}

/* dist_excess: how far the capped draws go past x, E[(Y - x)+] and E[((Y - x)+)^2], against
 * 1e6 draws (6 standard errors), below, inside and past each distribution's range. */
static void excess_past_a_point_matches_the_draws(void **state)
{
    (void)state;
    Dist ds[] = {
        {.kind = DIST_PARETO, .mean = 100, .alpha = 1.5, .cap = 5000},
        {.kind = DIST_EXPONENTIAL, .mean = 5},
        {.kind = DIST_EXPONENTIAL, .mean = 5, .cap = 12},
        {.kind = DIST_LOGNORMAL, .mean = 10, .p99 = 80, .cap = 60},
        {.kind = DIST_UNIFORM, .min = 2, .max = 6},
        {.kind = DIST_CONSTANT, .mean = 4},
    };
    double xs[] = {0, 3, 12, 40, 200};
    double *v = malloc(N_DRAWS * sizeof *v);
    assert_non_null(v);
    for (size_t k = 0; k < sizeof ds / sizeof *ds; k++) {
        Sampler s;
        assert_true(dist_prepare(&ds[k], &s, NULL));
        Rng r;
        rng_seed(&r, 60 + k, 1);
        for (int i = 0; i < N_DRAWS; i++) v[i] = sampler_draw(&s, &r);
        for (size_t j = 0; j < sizeof xs / sizeof *xs; j++) {
            double s1 = 0, s2 = 0, s4 = 0;
            for (int i = 0; i < N_DRAWS; i++) {
                double y = v[i] > xs[j] ? v[i] - xs[j] : 0;
                s1 += y;
                s2 += y * y;
                s4 += y * y * y * y;
            }
            s1 /= N_DRAWS;
            s2 /= N_DRAWS;
            s4 /= N_DRAWS;
            double e1, e2;
            dist_excess(&ds[k], xs[j], &e1, &e2);
            double se1 = sqrt((s2 - s1 * s1) / N_DRAWS), se2 = sqrt((s4 - s2 * s2) / N_DRAWS);
            if (fabs(e1 - s1) > K_SE * se1 + 1e-12 || fabs(e2 - s2) > K_SE * se2 + 1e-12)
                fail_msg("dist %zu past %g: %g and %g, drawn %g and %g", k, xs[j], e1, e2, s1, s2);
        }
    }
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(constant_always_gives_its_value),
        cmocka_unit_test(exponential_matches_mean_variance_p99),
        cmocka_unit_test(uniform_matches_mean_variance_p99),
        cmocka_unit_test(lognormal_matches_mean_and_p99_given),
        cmocka_unit_test(pareto_matches_mean_variance_p99),
        cmocka_unit_test(zero_mean_gives_constant_zero),
        cmocka_unit_test(invalid_parameters_are_rejected_with_a_reason),
        cmocka_unit_test(cap_truncates_every_draw),
        cmocka_unit_test(cap_lowers_the_drawn_mean_and_spread),
        cmocka_unit_test(excess_past_a_point_matches_the_draws),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
