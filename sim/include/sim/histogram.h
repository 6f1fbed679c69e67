/*
 * histogram.h - log-bucket histogram of non-negative values.
 *
 * Buckets are 1/128 of a power of two wide (from the double's exponent and top 7
 * mantissa bits), so any quantile is within 0.4% of a true sample value; memory is
 * fixed (about 60 KiB) whatever the count. Values below 1e-9 count in a zero bucket,
 * values above 1e9 in the top bucket. Count, sum, min and max are exact.
 */
#ifndef SIM_HISTOGRAM_H
#define SIM_HISTOGRAM_H

#include <stdint.h>

typedef struct Histogram Histogram;

Histogram *hist_create(void);
void hist_destroy(Histogram *h);
void hist_reset(Histogram *h);
void hist_add(Histogram *h, double v);
/* Add every count of src into dst. */
void hist_merge(Histogram *dst, const Histogram *src);
uint64_t hist_count(const Histogram *h);
double hist_mean(const Histogram *h);
double hist_min(const Histogram *h);
double hist_max(const Histogram *h);
/* The q-quantile (0 <= q <= 1), 0 when empty. Clamped to [min, max]. */
double hist_quantile(const Histogram *h, double q);

#endif
