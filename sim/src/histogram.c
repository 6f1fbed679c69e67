/*
 * histogram.c - log-bucket histogram with 1/128-octave buckets.
 *
 * A positive double's bits, shifted right by 45, are its biased exponent followed by
 * the top 7 mantissa bits: a monotone bucket number with 128 buckets per power of two.
 * Subtracting the number of 2^-30 (just below 1e-9) maps the range [1e-9, 2^30 ~ 1.07e9)
 * onto 60 octaves = 7680 buckets; bucket 0 holds values below 1e-9 (zero, and anything
 * negative or NaN, which callers should not add), and values from 2^30 up are counted in
 * the top bucket. hist_add is a compare, a shift, a subtract, a clamp and four updates.
 */
#include "sim/histogram.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

#define SUB_BITS 7                 /* 128 buckets per octave */
#define MIN_EXP (-30)              /* 2^-30 = 9.3e-10 */
#define N_OCTAVES 60               /* up to 2^30 = 1.07e9 */
#define N_BUCKETS (1 + N_OCTAVES * (1 << SUB_BITS))
#define ZERO_BELOW 1e-9
/* The bucket number (bits >> 45) of 2^MIN_EXP, minus one so that it lands at 1. */
#define BIAS (((uint64_t)(1023 + MIN_EXP) << SUB_BITS) - 1)

struct Histogram {
    uint64_t count;
    double sum;
    double min, max;
    uint64_t buckets[N_BUCKETS];
};

static uint64_t bits_of(double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return u;
}

static double double_of(uint64_t u)
{
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

Histogram *hist_create(void)
{
    Histogram *h = xmalloc(sizeof *h);
    hist_reset(h);
    return h;
}

void hist_destroy(Histogram *h) { free(h); }

void hist_reset(Histogram *h)
{
    memset(h, 0, sizeof *h);
    h->min = INFINITY; /* so that hist_add needs no first-value test */
    h->max = -INFINITY;
}

void hist_add(Histogram *h, double v)
{
    uint64_t i = 0;
    if (v >= ZERO_BELOW) {
        i = (bits_of(v) >> (52 - SUB_BITS)) - BIAS;
        if (i >= N_BUCKETS) i = N_BUCKETS - 1;
    }
    h->buckets[i]++;
    if (v < h->min) h->min = v;
    if (v > h->max) h->max = v;
    h->count++;
    h->sum += v;
}

void hist_merge(Histogram *dst, const Histogram *src)
{
    if (src->count == 0) return;
    for (int i = 0; i < N_BUCKETS; i++) dst->buckets[i] += src->buckets[i];
    if (src->min < dst->min) dst->min = src->min;
    if (src->max > dst->max) dst->max = src->max;
    dst->count += src->count;
    dst->sum += src->sum;
}

uint64_t hist_count(const Histogram *h) { return h->count; }
double hist_sum(const Histogram *h) { return h->sum; }
double hist_mean(const Histogram *h) { return h->count ? h->sum / (double)h->count : 0; }
double hist_min(const Histogram *h) { return h->count ? h->min : 0; }
double hist_max(const Histogram *h) { return h->count ? h->max : 0; }

/* Midpoint of bucket i (i >= 1): halfway between its lower edge and the next one's. */
static double bucket_mid(int i)
{
    uint64_t n = (uint64_t)i + BIAS;
    double lo = double_of(n << (52 - SUB_BITS));
    double hi = double_of((n + 1) << (52 - SUB_BITS));
    return lo + (hi - lo) / 2;
}

double hist_quantile(const Histogram *h, double q)
{
    if (h->count == 0) return 0;
    if (!(q > 0)) return h->min; /* also NaN */
    if (q >= 1) return h->max;
    /* The rank-th smallest value, 1-based: ceil(q * count), at least 1. */
    double r = ceil(q * (double)h->count);
    uint64_t rank = r < 1 ? 1 : (uint64_t)r;
    if (rank > h->count) rank = h->count;
    uint64_t seen = 0;
    int i = 0;
    for (; i < N_BUCKETS - 1; i++) {
        seen += h->buckets[i];
        if (seen >= rank) break;
    }
    double v = i == 0 ? 0 : bucket_mid(i);
    if (v < h->min) v = h->min;
    if (v > h->max) v = h->max;
    return v;
}
