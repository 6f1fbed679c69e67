/*
 * test_histogram.c - the log-bucket histogram against exact sorted-array quantiles.
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

/* The reference: every bucket in one array, as the histogram was first written. The
 * sparse and ranged storage must give exactly its quantiles. */
#define REF_BUCKETS (1 + 60 * 128)
typedef struct Ref {
    uint64_t b[REF_BUCKETS];
    uint64_t count;
    double min, max;
} Ref;

static void ref_add(Ref *r, double v)
{
    uint64_t i = 0;
    if (v >= 1e-9) {
        uint64_t u;
        memcpy(&u, &v, sizeof u);
        i = (u >> 45) - (((uint64_t)(1023 - 30) << 7) - 1);
        if (i >= REF_BUCKETS) i = REF_BUCKETS - 1;
    }
    r->b[i]++;
    r->count++;
    if (v < r->min) r->min = v;
    if (v > r->max) r->max = v;
}

static double ref_quantile(const Ref *r, double q)
{
    if (r->count == 0) return 0;
    if (q <= 0) return r->min;
    if (q >= 1) return r->max;
    uint64_t rank = (uint64_t)ceil(q * (double)r->count);
    if (rank < 1) rank = 1;
    uint64_t seen = 0;
    int i = 0;
    for (; i < REF_BUCKETS - 1; i++) {
        seen += r->b[i];
        if (seen >= rank) break;
    }
    double v = 0;
    if (i > 0) {
        uint64_t n = (uint64_t)i + (((uint64_t)(1023 - 30) << 7) - 1), a = n << 45, b = (n + 1) << 45;
        double lo, hi;
        memcpy(&lo, &a, sizeof lo);
        memcpy(&hi, &b, sizeof hi);
        v = lo + (hi - lo) / 2;
    }
    return v < r->min ? r->min : v > r->max ? r->max : v;
}

static void check_equal_to_reference(const Histogram *h, const Ref *r)
{
    static const double qs[] = {0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.97, 0.98, 0.99, 0.999, 1};
    for (size_t k = 0; k < sizeof qs / sizeof *qs; k++)
        if (hist_quantile(h, qs[k]) != ref_quantile(r, qs[k]))
            fail_msg("count %llu q %g: %.17g, full array %.17g", (unsigned long long)r->count, qs[k],
                     hist_quantile(h, qs[k]), ref_quantile(r, qs[k]));
    assert_int_equal(hist_count(h), r->count);
}

static void storage_gives_exactly_the_quantiles_of_a_full_bucket_array(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 11, 3);
    Ref *r = calloc(1, sizeof *r);
    assert_non_null(r);
    /* Counts on both sides of the change from one-by-one to counted, values spreading
     * out as they come (the range grows both ways), duplicates, zeros and huge ones. */
    const int sizes[] = {1, 2, 3, 7, 100, 1023, 1024, 1025, 3000, 50000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        Histogram *h = hist_create();
        memset(r, 0, sizeof *r);
        r->min = INFINITY;
        r->max = -INFINITY;
        for (int i = 0; i < sizes[s]; i++) {
            double x;
            switch (i % 5) {
            case 0: x = rng_exp(&rng, 2.0); break;
            case 1: x = pow(10, -10 + 20.0 * i / sizes[s]); break; /* widening */
            case 2: x = 5.0; break;
            case 3: x = i % 10 == 3 ? 0 : rng_exp(&rng, 0.001); break;
            default: x = 1e3 * rng_uniform(&rng); break;
            }
            hist_add(h, x);
            ref_add(r, x);
            if (i < 40 || i % 997 == 0) check_equal_to_reference(h, r);
        }
        check_equal_to_reference(h, r);
        /* merged into one counted and one kept one by one */
        Histogram *big = hist_create(), *small = hist_create();
        Ref *rs = malloc(sizeof *rs);
        assert_non_null(rs);
        memcpy(rs, r, sizeof *rs);
        for (int i = 0; i < 2000; i++) hist_add(big, 1 + i % 7);
        hist_add(small, 0.25);
        hist_merge(big, h);
        hist_merge(small, h);
        for (int i = 0; i < 2000; i++) ref_add(r, 1 + i % 7);
        ref_add(rs, 0.25);
        check_equal_to_reference(big, r);
        check_equal_to_reference(small, rs);
        free(rs);
        /* reset, then reused */
        hist_reset(h);
        memset(r, 0, sizeof *r);
        r->min = INFINITY;
        r->max = -INFINITY;
        for (int i = 0; i < 10; i++) {
            hist_add(h, 100.0 + i);
            ref_add(r, 100.0 + i);
        }
        check_equal_to_reference(h, r);
        hist_destroy(big);
        hist_destroy(small);
        hist_destroy(h);
    }
    free(r);
}

static void memory_follows_the_values_added(void **state)
{
    (void)state;
    /* A node that saw a few values holds a few bytes, not 61 KB of buckets; a million
     * values spanning three octaves hold about three octaves of counts. */
    Histogram *h = hist_create();
    assert_true(hist_bytes(h) < 128);
    for (int i = 0; i < 10; i++) hist_add(h, 1 + i);
    printf("    10 values: %zu bytes\n", hist_bytes(h));
    assert_true(hist_bytes(h) < 256);
    Rng rng;
    rng_seed(&rng, 5, 5);
    for (int i = 0; i < 1000000; i++) hist_add(h, 1 + 7 * rng_uniform(&rng));
    printf("    a million values in [1, 8): %zu bytes\n", hist_bytes(h));
    assert_true(hist_bytes(h) <= 128 + 3 * 128 * 8 + 128 * 8);
    for (int i = 0; i < 100; i++) hist_add(h, pow(2, -29.5 + 0.6 * i)); /* every octave */
    printf("    and every octave: %zu bytes\n", hist_bytes(h));
    assert_true(hist_bytes(h) <= 128 + (1 + 60 * 128) * 8);
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
        cmocka_unit_test(storage_gives_exactly_the_quantiles_of_a_full_bucket_array),
        cmocka_unit_test(memory_follows_the_values_added),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
