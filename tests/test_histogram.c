/*
 * test_histogram.c - the log-bucket histogram against exact sorted-array quantiles.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "sim/histogram.h"
#include "sim/rng.h"

#define N_VALUES 1000000

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static const double quantiles[] = {0,   0.0001, 0.001, 0.01, 0.1,   0.25,   0.5,
                                   0.75, 0.9,   0.95,  0.99, 0.999, 0.9999, 1};

/* Every quantile of h within 1% of the ceil(q n)-th smallest of v (sorted here). */
static void check_against_sorted(const Histogram *h, double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    for (size_t k = 0; k < sizeof quantiles / sizeof *quantiles; k++) {
        double q = quantiles[k];
        long rank = (long)ceil(q * n);
        if (rank < 1) rank = 1;
        double exact = v[rank - 1];
        double got = hist_quantile(h, q);
        double err = exact == 0 ? fabs(got) : fabs(got - exact) / exact;
        if (err > 0.01) fail_msg("q %g: histogram %g, exact %g", q, got, exact);
    }
    assert_true(hist_min(h) == v[0]);
    assert_true(hist_max(h) == v[n - 1]);
}

typedef enum Shape { LOG_UNIFORM, EXPONENTIAL, LOGNORMAL, BIMODAL } Shape;

static void quantiles_within_one_percent_of_exact(void **state)
{
    (void)state;
    double *v = malloc(N_VALUES * sizeof *v);
    assert_non_null(v);
    Rng r;
    rng_seed(&r, 7, 7);
    for (int shape = LOG_UNIFORM; shape <= BIMODAL; shape++) {
        Histogram *h = hist_create();
        double sum = 0;
        for (int i = 0; i < N_VALUES; i++) {
            double x;
            switch (shape) {
            case LOG_UNIFORM: x = pow(10, -6 + 12 * rng_uniform(&r)); break; /* 12 decades */
            case EXPONENTIAL: x = rng_exp(&r, 3.0); break;
            case LOGNORMAL: x = exp(1 + 2.5 * rng_normal(&r)); break;
            default: x = rng_uniform(&r) < 0.9 ? rng_exp(&r, 1e-3) : 50 + rng_exp(&r, 1e4);
            }
            v[i] = x;
            sum += x;
            hist_add(h, x);
        }
        assert_int_equal(hist_count(h), N_VALUES);
        assert_true(fabs(hist_mean(h) - sum / N_VALUES) <= 1e-12 * fabs(sum / N_VALUES));
        check_against_sorted(h, v, N_VALUES);
        hist_destroy(h);
    }
    free(v);
}

static void merge_equals_adding_all(void **state)
{
    (void)state;
    Histogram *a = hist_create(), *b = hist_create(), *all = hist_create();
    Histogram *empty = hist_create();
    Rng r;
    rng_seed(&r, 8, 8);
    for (int i = 0; i < 100000; i++) {
        double x = rng_exp(&r, i % 2 ? 1.0 : 1000.0);
        hist_add(i % 3 ? a : b, x);
        hist_add(all, x);
    }
    hist_merge(a, b);
    hist_merge(a, empty); /* merging nothing changes nothing */
    assert_int_equal(hist_count(a), hist_count(all));
    assert_true(hist_min(a) == hist_min(all));
    assert_true(hist_max(a) == hist_max(all));
    assert_true(fabs(hist_mean(a) - hist_mean(all)) <= 1e-12 * hist_mean(all));
    for (int k = 0; k <= 1000; k++)
        assert_true(hist_quantile(a, k / 1000.0) == hist_quantile(all, k / 1000.0));
    /* Into an empty histogram: a copy. */
    hist_merge(empty, all);
    assert_int_equal(hist_count(empty), hist_count(all));
    assert_true(hist_min(empty) == hist_min(all));
    assert_true(hist_quantile(empty, 0.5) == hist_quantile(all, 0.5));
    hist_destroy(a);
    hist_destroy(b);
    hist_destroy(all);
    hist_destroy(empty);
    hist_destroy(NULL);
}

static void empty_histogram_reports_zeros(void **state)
{
    (void)state;
    Histogram *h = hist_create();
    assert_int_equal(hist_count(h), 0);
    assert_true(hist_mean(h) == 0 && hist_min(h) == 0 && hist_max(h) == 0);
    assert_true(hist_quantile(h, 0.5) == 0 && hist_quantile(h, 1) == 0);
    hist_add(h, 5);
    hist_reset(h);
    assert_int_equal(hist_count(h), 0);
    assert_true(hist_quantile(h, 0.99) == 0 && hist_max(h) == 0);
    hist_destroy(h);
}

static void zero_values_count_exactly(void **state)
{
    (void)state;
    Histogram *h = hist_create();
    for (int i = 0; i < 600; i++) hist_add(h, 0);
    for (int i = 0; i < 400; i++) hist_add(h, 2.0);
    hist_add(h, 1e-12); /* below 1e-9: the zero bucket */
    assert_int_equal(hist_count(h), 1001);
    assert_true(hist_min(h) == 0);
    assert_true(hist_quantile(h, 0.5) == 0);
    assert_true(hist_quantile(h, 0.6) == 0);
    assert_true(fabs(hist_quantile(h, 0.7) - 2.0) < 0.01 * 2.0);
    assert_true(hist_quantile(h, 1) == 2.0);
    hist_destroy(h);
    /* Only tiny values: the quantile is clamped into [min, max], never 0 below min. */
    h = hist_create();
    hist_add(h, 1e-12);
    hist_add(h, 3e-12);
    assert_true(hist_quantile(h, 0.5) == 1e-12);
    hist_destroy(h);
}

static void huge_values_clamp_to_top_bucket_but_keep_exact_max(void **state)
{
    (void)state;
    Histogram *h = hist_create();
    hist_add(h, 1.0);
    hist_add(h, 1e12);
    hist_add(h, 1e15);
    hist_add(h, INFINITY);
    assert_int_equal(hist_count(h), 4);
    assert_true(isinf(hist_max(h)));
    double q = hist_quantile(h, 0.25);
    assert_true(fabs(q - 1.0) < 0.01);
    q = hist_quantile(h, 0.5); /* 1e12 lies past the range: reported from the top bucket */
    assert_true(q >= 1e9 && q <= hist_max(h));
    hist_reset(h);
    hist_add(h, 1e12);
    hist_add(h, 1e15);
    assert_true(hist_quantile(h, 0.5) == 1e12); /* clamped to min */
    assert_true(hist_quantile(h, 1) == 1e15);
    assert_true(hist_mean(h) == (1e12 + 1e15) / 2);
    hist_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quantiles_within_one_percent_of_exact),
        cmocka_unit_test(merge_equals_adding_all),
        cmocka_unit_test(empty_histogram_reports_zeros),
        cmocka_unit_test(zero_values_count_exactly),
        cmocka_unit_test(huge_values_clamp_to_top_bucket_but_keep_exact_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
