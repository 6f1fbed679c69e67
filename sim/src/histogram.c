/*
 * histogram.c - log-bucket histogram with 1/128-octave buckets, stored sparsely.
 *
 * A positive double's bits, shifted right by 45, are its biased exponent followed by
 * the top 7 mantissa bits: a monotone bucket number with 128 buckets per power of two.
 * Subtracting the number of 2^-30 (just below 1e-9) maps the range [1e-9, 2^30 ~ 1.07e9)
 * onto 60 octaves = 7680 buckets; bucket 0 holds values below 1e-9 (zero, and anything
 * negative or NaN, which callers should not add), and values from 2^30 up are counted in
 * the top bucket.
 *
 * Storage follows what was added, not the 7681 buckets (61 KB) a full array would take,
 * because the engine keeps two histograms per node and a diagram may have 100k nodes:
 *   - sparse: the bucket number of each value (2 bytes a value), while there are at
 *     most HIST_SPARSE_MAX of them; quantiles select the rank-th smallest of a copy;
 *   - dense: counts for the range of buckets seen so far [lo, lo + n), grown (rounded
 *     out to whole octaves) when a value falls outside; at most the full 61 KB.
 * Both give exactly the quantiles a full array would: the buckets are the same, only
 * how their counts are kept differs. A reset keeps the storage (and the mode) for the
 * next values. hist_add is a compare, a shift, a subtract, a clamp, a range check and
 * four updates.
 */
#include "histogram_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

static double double_of(uint64_t u)
{
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

Histogram *hist_create(void)
{
    Histogram *h = xcalloc(1, sizeof *h);
    hist_reset(h);
    return h;
}

void hist_destroy(Histogram *h)
{
    if (!h) return;
    free(h->b);
    free(h->idx);
    free(h);
}

void hist_reset(Histogram *h)
{
    h->count = 0;
    h->sum = 0;
    h->min = INFINITY; /* so that hist_add needs no first-value test */
    h->max = -INFINITY;
    h->n_idx = 0;
    if (h->b) memset(h->b, 0, h->n * sizeof *h->b);
}

/* Make the dense range cover bucket i (whole octaves, the zero bucket on its own). */
static void dense_cover(Histogram *h, uint32_t i)
{
    uint32_t lo = h->b ? h->lo : i, hi = h->b ? h->lo + h->n : i + 1; /* [lo, hi) */
    if (i < lo) lo = i;
    if (i >= hi) hi = i + 1;
    /* bucket 0 is the zero bucket; octaves are buckets [1 + 128 k, 1 + 128 (k + 1)) */
    if (lo > 0) lo = 1 + (lo - 1) / HIST_OCTAVE * HIST_OCTAVE;
    if (hi > 1) hi = 1 + (hi - 1 + HIST_OCTAVE - 1) / HIST_OCTAVE * HIST_OCTAVE;
    if (hi > HIST_N_BUCKETS) hi = HIST_N_BUCKETS;
    if (h->b && lo == h->lo && hi == h->lo + h->n) return;
    uint64_t *b = xcalloc(hi - lo, sizeof *b);
    if (h->b) memcpy(b + (h->lo - lo), h->b, h->n * sizeof *b);
    free(h->b);
    h->b = b;
    h->lo = lo;
    h->n = hi - lo;
}

/* Count c more values in bucket i, changing to dense storage when needed. */
void hist_add_bucket(Histogram *h, uint32_t i, uint64_t c)
{
    if (!h->b && (uint64_t)h->n_idx + c <= HIST_SPARSE_MAX) {
        if (h->n_idx + c > h->cap_idx) {
            uint32_t cap = h->cap_idx ? h->cap_idx : 8;
            while (cap < h->n_idx + c) cap *= 2;
            h->idx = xrealloc(h->idx, cap * sizeof *h->idx);
            h->cap_idx = cap;
        }
        for (uint64_t k = 0; k < c; k++) h->idx[h->n_idx++] = (uint16_t)i;
        return;
    }
    if (!h->b) { /* into counts: the values kept so far first */
        dense_cover(h, i);
        for (uint32_t k = 0; k < h->n_idx; k++) dense_cover(h, h->idx[k]);
        for (uint32_t k = 0; k < h->n_idx; k++) h->b[h->idx[k] - h->lo]++;
        h->n_idx = 0;
        free(h->idx);
        h->idx = NULL;
        h->cap_idx = 0;
    }
    if (i - h->lo >= h->n) dense_cover(h, i);
    h->b[i - h->lo] += c;
}

void hist_add(Histogram *h, double v) { hist_put(h, v); }

void hist_merge(Histogram *dst, const Histogram *src)
{
    if (src->count == 0) return;
    if (src->b) {
        for (uint32_t k = 0; k < src->n; k++)
            if (src->b[k]) hist_add_bucket(dst, src->lo + k, src->b[k]);
    } else {
        for (uint32_t k = 0; k < src->n_idx; k++) hist_add_bucket(dst, src->idx[k], 1);
    }
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

size_t hist_bytes(const Histogram *h)
{
    return sizeof *h + (size_t)h->n * sizeof *h->b + (size_t)h->cap_idx * sizeof *h->idx;
}

/* Midpoint of bucket i (i >= 1): halfway between its lower edge and the next one's. */
static double bucket_mid(uint32_t i)
{
    uint64_t n = (uint64_t)i + HIST_BIAS;
    double lo = double_of(n << (52 - HIST_SUB_BITS));
    double hi = double_of((n + 1) << (52 - HIST_SUB_BITS));
    return lo + (hi - lo) / 2;
}

/* The k-th smallest (0-based) of v[0, n), which it reorders: quickselect with a
 * three-way partition, so runs of equal buckets cost nothing extra. */
static uint16_t select_kth(uint16_t *v, uint32_t n, uint32_t k)
{
    uint32_t lo = 0, hi = n; /* the k-th lies in [lo, hi) */
    while (hi - lo > 1) {
        uint16_t p = v[lo + (hi - lo) / 2];
        uint32_t lt = lo, i = lo, gt = hi; /* [lo, lt) < p, [lt, i) == p, [gt, hi) > p */
        while (i < gt) {
            uint16_t x = v[i];
            if (x < p) {
                v[i++] = v[lt];
                v[lt++] = x;
            } else if (x > p) {
                v[i] = v[--gt];
                v[gt] = x;
            } else {
                i++;
            }
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return p;
    }
    return v[lo];
}

/* The m-th largest (1-based, m <= TOP_MAX) of v[0, n): one pass that keeps the m largest
 * seen in order, for the high quantiles (a second's p99 is about its 10th largest), where
 * it reads each value once and moves few. */
#define TOP_MAX 32
static uint16_t select_top(const uint16_t *v, uint32_t n, uint32_t m)
{
    uint16_t top[TOP_MAX]; /* top[0, c): the largest so far, in decreasing order */
    uint32_t c = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t x = v[i];
        if (c == m && x <= top[m - 1]) continue;
        uint32_t j = c < m ? c++ : m - 1; /* the slot it pushes down from */
        while (j > 0 && top[j - 1] < x) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = x;
    }
    return top[m - 1];
}

double hist_resolution(double v)
{
    return v > 0 && isfinite(v) ? v * (exp2(1.0 / HIST_OCTAVE) - 1) : 0;
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
    uint32_t i = HIST_N_BUCKETS - 1;
    if (h->b) {
        uint64_t seen = 0;
        for (uint32_t k = 0; k < h->n; k++) {
            seen += h->b[k];
            if (seen >= rank) {
                i = h->lo + k;
                break;
            }
        }
    } else if (h->n_idx - rank < TOP_MAX) {
        i = select_top(h->idx, h->n_idx, (uint32_t)(h->n_idx - rank + 1));
    } else {
        uint16_t copy[HIST_SPARSE_MAX];
        memcpy(copy, h->idx, h->n_idx * sizeof *copy);
        i = select_kth(copy, h->n_idx, (uint32_t)(rank - 1));
    }
    double v = i == 0 ? 0 : bucket_mid(i);
    if (v < h->min) v = h->min;
    if (v > h->max) v = h->max;
    return v;
}
