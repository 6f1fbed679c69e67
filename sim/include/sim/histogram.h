/*
 * histogram.h - log-bucket histogram of non-negative values.
 *
 * Buckets are 1/128 of a power of two wide (from the double's exponent and top 7
 * mantissa bits), so any quantile is within 0.4% of a true sample value. Memory
 * follows what was added: 2 bytes a value up to 1024 values, then 1 KB per octave
 * (power of two) the values span, never more than about 60 KiB whatever the count.
 * Values below 1e-9 count in a zero bucket, values above 1e9 in the top bucket.
 * Count, sum, min and max are exact.
 */
#ifndef SIM_HISTOGRAM_H
#define SIM_HISTOGRAM_H

#include <stddef.h>
#include <stdint.h>

typedef struct Histogram Histogram;

/* A new empty histogram, owned by the caller (hist_destroy). Aborts on out of memory. */
Histogram *hist_create(void);
/* Frees it. Accepts NULL. */
void hist_destroy(Histogram *h);
/* Forget every value (the histogram is empty again). */
void hist_reset(Histogram *h);
/* Count one value (>= 0; negative values and NaN count as zero in the buckets). */
void hist_add(Histogram *h, double v);
/* Add every count of src into dst. */
void hist_merge(Histogram *dst, const Histogram *src);
uint64_t hist_count(const Histogram *h);
/* Exact sum of the values added. */
double hist_sum(const Histogram *h);
/* Exact mean, min and max; 0 when empty. */
double hist_mean(const Histogram *h);
double hist_min(const Histogram *h);
double hist_max(const Histogram *h);
/* Bytes the histogram holds now (for tests and benchmarks). */
size_t hist_bytes(const Histogram *h);
/* The q-quantile (0 <= q <= 1), 0 when empty: the midpoint of the bucket holding the
 * ceil(q * count)-th smallest value, clamped to [min, max]; q <= 0 gives the exact min,
 * q >= 1 the exact max. Scans the buckets (tens of microseconds). */
double hist_quantile(const Histogram *h, double q);
/* The width of the bucket that holds v > 0 (0 otherwise): a quantile is a bucket's middle,
 * so quantiles near v move in steps of this (about 0.54% of v). */
double hist_resolution(double v);

#endif
