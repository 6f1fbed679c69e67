/*
 * histogram_internal.h - the histogram's layout (histogram.c explains it) and its add
 * as an inline function, for the engine: it adds several values per request, and a
 * call into histogram.c for each costs more than the add itself.
 */
#ifndef SIM_HISTOGRAM_INTERNAL_H
#define SIM_HISTOGRAM_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "sim/histogram.h"

#define HIST_SUB_BITS 7                 /* 128 buckets per octave */
#define HIST_MIN_EXP (-30)              /* 2^-30 = 9.3e-10 */
#define HIST_N_OCTAVES 60               /* up to 2^30 = 1.07e9 */
#define HIST_N_BUCKETS (1 + HIST_N_OCTAVES * (1 << HIST_SUB_BITS))
#define HIST_ZERO_BELOW 1e-9
/* The bucket number (bits >> 45) of 2^HIST_MIN_EXP, minus one so that it lands at 1. */
#define HIST_BIAS (((uint64_t)(1023 + HIST_MIN_EXP) << HIST_SUB_BITS) - 1)
#define HIST_SPARSE_MAX 1024u           /* values kept one by one (2 KB) before counting */
#define HIST_OCTAVE (1u << HIST_SUB_BITS)

struct Histogram {
    uint64_t count;
    double sum;
    double min, max;
    uint64_t *b;       /* dense: counts of buckets [lo, lo + n); NULL while sparse */
    uint32_t lo, n;
    uint16_t *idx;     /* sparse: the bucket of each value, n_idx of them */
    uint32_t n_idx, cap_idx;
};

_Static_assert(HIST_N_BUCKETS <= UINT16_MAX, "bucket numbers fit in 16 bits");

static inline uint64_t bits_of(double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return u;
}

static inline uint32_t bucket_of(double v)
{
    uint64_t i = 0;
    if (v >= HIST_ZERO_BELOW) {
        i = (bits_of(v) >> (52 - HIST_SUB_BITS)) - HIST_BIAS;
        if (i >= HIST_N_BUCKETS) i = HIST_N_BUCKETS - 1;
    }
    return (uint32_t)i;
}

/* histogram.c: count c more values in bucket i, changing to dense storage when needed */
void hist_add_bucket(Histogram *h, uint32_t i, uint64_t c);

/* hist_add, inline */
static inline void hist_put(Histogram *h, double v)
{
    uint32_t i = bucket_of(v);
    uint32_t k = i - h->lo;
    if (h->b && k < h->n)
        h->b[k]++;
    else if (!h->b && h->n_idx < h->cap_idx)
        h->idx[h->n_idx++] = (uint16_t)i;
    else
        hist_add_bucket(h, i, 1);
    if (v < h->min) h->min = v;
    if (v > h->max) h->max = v;
    h->count++;
    h->sum += v;
}

#endif
