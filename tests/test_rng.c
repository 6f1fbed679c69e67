/*
 * test_rng.c - the random number generator: determinism per (seed, stream), stream
 * independence, and the moments of its uniform, bounded-integer, exponential and
 * normal draws. Tolerances are 5 to 6 standard errors of the statistic, so a fixed
 * seed passes with a wide margin while a real bias (a wrong constant, an off-by-one
 * interval) fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/rng.h"

#define N_DRAWS 1000000

static void same_seed_and_stream_replay_the_same_sequence(void **state)
{
    (void)state;
    Rng a, b;
    rng_seed(&a, 42, 7);
    rng_seed(&b, 42, 7);
    for (int i = 0; i < 1000; i++) assert_true(rng_next(&a) == rng_next(&b));
    /* A copied Rng replays too: no hidden state outside the value. */
    Rng c = a;
    for (int i = 0; i < 100; i++) assert_true(rng_normal(&a) == rng_normal(&c));
}

static void different_streams_and_seeds_differ(void **state)
{
    (void)state;
    Rng r[4];
    rng_seed(&r[0], 42, 1);
    rng_seed(&r[1], 42, 2);
    rng_seed(&r[2], 43, 1);
    rng_seed(&r[3], 1, 42); /* swapped seed and stream */
    uint64_t first[4][64];
    for (int k = 0; k < 4; k++)
        for (int i = 0; i < 64; i++) first[k][i] = rng_next(&r[k]);
    for (int k = 0; k < 4; k++)
        for (int j = k + 1; j < 4; j++) {
            int same = 0;
            for (int i = 0; i < 64; i++) same += first[k][i] == first[j][i];
            assert_int_equal(same, 0);
        }
    /* Neighbouring streams are uncorrelated: the correlation of their uniforms over
     * 1e5 draws is within 5 standard errors (1/sqrt(n)) of zero. */
    Rng x, y;
    rng_seed(&x, 5, 100);
    rng_seed(&y, 5, 101);
    double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
    int n = 100000;
    for (int i = 0; i < n; i++) {
        double u = rng_uniform(&x), v = rng_uniform(&y);
        sx += u, sy += v, sxy += u * v, sxx += u * u, syy += v * v;
    }
    double cov = sxy / n - sx / n * sy / n;
    double corr = cov / sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
    assert_true(fabs(corr) < 5 / sqrt(n));
}

static void uniform_is_open_interval_with_right_mean_and_variance(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 1, 2);
    double sum = 0, sum2 = 0;
    for (int i = 0; i < N_DRAWS; i++) {
        double u = rng_uniform(&r);
        assert_true(u > 0 && u < 1);
        sum += u;
        sum2 += u * u;
    }
    double mean = sum / N_DRAWS;
    double var = sum2 / N_DRAWS - mean * mean;
    /* Standard error of the mean sqrt(1/12/n) = 2.9e-4; of the variance
     * sqrt((1/80 - 1/144)/n) = 7.5e-5. Allow 5 of each. */
    assert_true(fabs(mean - 0.5) < 5 * sqrt(1.0 / 12 / N_DRAWS));
    assert_true(fabs(var - 1.0 / 12) < 5 * sqrt((1.0 / 80 - 1.0 / 144) / N_DRAWS));
}

/* Chi-square statistic of N_DRAWS rng_below(n) draws over n cells. */
static double chi_square_below(Rng *r, uint32_t n)
{
    static uint64_t cells[1000];
    memset(cells, 0, sizeof cells);
    for (int i = 0; i < N_DRAWS; i++) {
        uint32_t v = rng_below(r, n);
        assert_true(v < n);
        cells[v]++;
    }
    double expected = (double)N_DRAWS / n, chi = 0;
    for (uint32_t i = 0; i < n; i++)
        chi += (cells[i] - expected) * (cells[i] - expected) / expected;
    return chi;
}

static void below_is_uniform_by_chi_square(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 3, 4);
    uint32_t sizes[] = {2, 7, 10, 100, 999};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        double dof = sizes[k] - 1;
        /* Chi-square has mean dof and sd sqrt(2 dof): accept up to mean + 6 sd. */
        double chi = chi_square_below(&r, sizes[k]);
        assert_true(chi < dof + 6 * sqrt(2 * dof));
    }
    /* A bound near 2^32 makes a modulo reduction visibly biased (the low half of the
     * range would be hit twice as often); Lemire's method is not. */
    uint32_t big = 3000000000u;
    uint64_t low = 0;
    for (int i = 0; i < N_DRAWS; i++) low += rng_below(&r, big) < big / 2;
    assert_true(fabs((double)low / N_DRAWS - 0.5) < 5 * 0.5 / sqrt(N_DRAWS));
    assert_int_equal(rng_below(&r, 1), 0);
}

static void exponential_and_normal_have_right_moments(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 9, 9);
    double se = 0, se2 = 0, sn = 0, sn2 = 0;
    for (int i = 0; i < N_DRAWS; i++) {
        double e = rng_exp(&r, 3.0);
        assert_true(e > 0);
        se += e, se2 += e * e;
        double z = rng_normal(&r);
        sn += z, sn2 += z * z;
    }
    double me = se / N_DRAWS, mn = sn / N_DRAWS;
    double ve = se2 / N_DRAWS - me * me, vn = sn2 / N_DRAWS - mn * mn;
    assert_true(fabs(me - 3.0) < 5 * 3.0 / sqrt(N_DRAWS));
    assert_true(fabs(ve - 9.0) < 5 * 9.0 * sqrt(8.0 / N_DRAWS)); /* mu4 = 9 m^4 */
    assert_true(fabs(mn) < 5 / sqrt(N_DRAWS));
    assert_true(fabs(vn - 1.0) < 5 * sqrt(2.0 / N_DRAWS));
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Kolmogorov-Smirnov distance of n sorted draws from a CDF. */
static double ks_distance(double *v, int n, double (*cdf)(double))
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    double d = 0;
    for (int i = 0; i < n; i++) {
        double f = cdf(v[i]);
        double lo = f - (double)i / n, hi = (double)(i + 1) / n - f;
        if (lo > d) d = lo;
        if (hi > d) d = hi;
    }
    return d;
}

static double exp_cdf(double x) { return x <= 0 ? 0 : 1 - exp(-x); }
static double normal_cdf(double x) { return 0.5 * erfc(-x / sqrt(2)); }

/* The ziggurat samplers follow their distributions everywhere, tails included:
 * Kolmogorov-Smirnov over 2e6 draws (critical distance at p = 0.001: 1.95/sqrt(n)),
 * and the tail beyond the ziggurat's last layer holds its exact share. */
static void ziggurat_samplers_pass_kolmogorov_smirnov_and_tail_checks(void **state)
{
    (void)state;
    const int n = 2000000;
    double *v = malloc((size_t)n * sizeof *v);
    Rng r;
    rng_seed(&r, 2026, 7);
    int tail_e = 0, tail_n = 0;
    for (int i = 0; i < n; i++) {
        v[i] = rng_exp(&r, 1.0);
        tail_e += v[i] > 7.69711747013104972;
    }
    double de = ks_distance(v, n, exp_cdf);
    for (int i = 0; i < n; i++) {
        v[i] = rng_normal(&r);
        tail_n += fabs(v[i]) > 3.442619855899;
    }
    double dn = ks_distance(v, n, normal_cdf);
    double crit = 1.95 / sqrt(n);
    printf("    KS distance: exponential %.5f, normal %.5f (critical %.5f)\n", de, dn, crit);
    assert_true(de < crit);
    assert_true(dn < crit);
    /* expected tail counts: n e^-7.697 = 905, n P(|Z| > 3.4426) = 1152; 6 sigma margins */
    double ee = n * exp(-7.69711747013104972), en = n * erfc(3.442619855899 / sqrt(2));
    printf("    tail draws: exponential %d (expect %.0f), normal %d (expect %.0f)\n", tail_e, ee,
           tail_n, en);
    assert_true(fabs(tail_e - ee) < 6 * sqrt(ee));
    assert_true(fabs(tail_n - en) < 6 * sqrt(en));
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_and_stream_replay_the_same_sequence),
        cmocka_unit_test(different_streams_and_seeds_differ),
        cmocka_unit_test(uniform_is_open_interval_with_right_mean_and_variance),
        cmocka_unit_test(below_is_uniform_by_chi_square),
        cmocka_unit_test(exponential_and_normal_have_right_moments),
        cmocka_unit_test(ziggurat_samplers_pass_kolmogorov_smirnov_and_tail_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
