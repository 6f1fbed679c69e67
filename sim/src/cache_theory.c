/*
 * cache_theory.c - Che's approximation and the TTL formula of cache_theory.h.
 */
#include "sim/cache_theory.h"

#include <math.h>
#include <stdlib.h>

#include "sim/model.h"
#include "sim/util.h"

#define EXACT_RANKS 500
#define BUCKET_RATIO 1.005
#define BISECT_STEPS 64

/* A stream's popularity as (count, probability of each key) pairs. */
typedef struct Buckets {
    double *count, *p;
    int n;
    double rate;
} Buckets;

static void buckets_make(Buckets *b, const KeyStream *s)
{
    double keys = s->keys >= 1 ? floor(s->keys) : 1, z = s->zipf > 0 ? s->zipf : 0;
    int cap = 64;
    b->count = xmalloc((size_t)cap * sizeof *b->count);
    b->p = xmalloc((size_t)cap * sizeof *b->p);
    b->n = 0;
    b->rate = s->rate_rps > 0 && isfinite(s->rate_rps) ? s->rate_rps : 0;
    double sum = 0, k = 1;
    while (k <= keys) {
        double hi = k < EXACT_RANKS || z == 0 ? k : floor(k * BUCKET_RATIO);
        if (z == 0) hi = keys; /* uniform: one bucket */
        if (hi > keys) hi = keys;
        double c = hi - k + 1, mid = z == 0 ? 1 : sqrt(k * hi);
        if (b->n == cap) {
            cap *= 2;
            b->count = xrealloc(b->count, (size_t)cap * sizeof *b->count);
            b->p = xrealloc(b->p, (size_t)cap * sizeof *b->p);
        }
        b->count[b->n] = c;
        b->p[b->n] = z == 0 ? 1 : pow(mid, -z);
        sum += c * b->p[b->n];
        b->n++;
        k = hi + 1;
    }
    for (int i = 0; i < b->n; i++) b->p[i] /= sum;
}

/* Probability that a key requested at rate lam is cached (and hit), at characteristic
 * time T (INFINITY: capacity unlimited) and TTL ttl (0: none). */
static double key_hit(double lam, double T, double ttl)
{
    double lru = isinf(T) ? 1 : -expm1(-lam * T);
    if (ttl <= 0) return lru;
    double t = lam * ttl / (1 + lam * ttl);
    return t < lru ? t : lru;
}

/* Expected entries held: sum over keys of their hit probability. */
static double occupancy(const Buckets *b, int n, double T, double ttl)
{
    double o = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < b[i].n; k++) o += b[i].count[k] * key_hit(b[i].rate * b[i].p[k], T, ttl);
    return o;
}

static double stream_hit(const Buckets *b, double T, double ttl)
{
    double h = 0;
    for (int k = 0; k < b->n; k++) h += b->count[k] * b->p[k] * key_hit(b->rate * b->p[k], T, ttl);
    return h;
}

double cache_hit_ratio(const KeyStream *s, int n, double capacity, double ttl_s, double *hits,
                       double *t_c)
{
    Buckets *b = xcalloc((size_t)n + 1, sizeof *b);
    double keys = 0, rate = 0;
    for (int i = 0; i < n; i++) {
        buckets_make(&b[i], &s[i]);
        keys += b[i].rate > 0 ? floor(s[i].keys >= 1 ? s[i].keys : 1) : 0;
        rate += b[i].rate;
    }
    double ttl = ttl_s > 0 ? ttl_s : 0, T = INFINITY;
    /* the capacity binds only when the keys a cache without it would hold exceed it */
    if (capacity > 0 && capacity < keys && occupancy(b, n, INFINITY, ttl) > capacity) {
        /* sum_k h_k(T) grows with T: bisect on log T */
        double lo = log(1e-12), hi = log(1e18);
        if (rate > 0) {
            lo = log(1e-9 / rate);
            hi = log(1e18 / rate);
        }
        for (int it = 0; it < BISECT_STEPS; it++) {
            double mid = (lo + hi) / 2;
            if (occupancy(b, n, exp(mid), ttl) < capacity) lo = mid;
            else hi = mid;
        }
        T = exp((lo + hi) / 2);
    }
    if (t_c) *t_c = T;
    double total = 0;
    for (int i = 0; i < n; i++) {
        double h = b[i].rate > 0 || ttl <= 0 ? stream_hit(&b[i], T, ttl) : 0;
        if (hits) hits[i] = h;
        total += b[i].rate * h;
        free(b[i].count);
        free(b[i].p);
    }
    free(b);
    return rate > 0 ? total / rate : 0;
}

double cache_capacity_for(const KeyStream *s, int n, double ttl_s, double target)
{
    double keys = 0;
    for (int i = 0; i < n; i++) keys += s[i].keys >= 1 ? floor(s[i].keys) : 1;
    if (cache_hit_ratio(s, n, 0, ttl_s, NULL, NULL) < target) return INFINITY;
    double lo = 0, hi = keys;
    for (int it = 0; it < 60 && hi - lo > 0.5; it++) {
        double mid = (lo + hi) / 2;
        if (cache_hit_ratio(s, n, mid, ttl_s, NULL, NULL) < target) lo = mid;
        else hi = mid;
    }
    return ceil(hi);
}

void cache_node_hits(const Model *m, int node, const double *rate_rps, double *hit)
{
    const Node *nd = &m->nodes[node];
    int nt = m->scenario.n_requests;
    KeyStream *st = xcalloc((size_t)nt + 1, sizeof *st);
    int *of = xcalloc((size_t)nt + 1, sizeof *of);
    double *h = xcalloc((size_t)nt + 1, sizeof *h);
    int k = 0;
    for (int t = 0; t < nt; t++) {
        const RequestType *rt = &m->scenario.requests[t];
        hit[t] = 0; /* a type without keys is never cached */
        double rate = rate_rps[t];
        if (rt->keys <= 0 || !(rate > 0) || rt->op == OP_WRITE) continue;
        int same = -1;
        for (int i = 0; i < k && rt->key_space > 0; i++)
            if (m->scenario.requests[of[i]].key_space == rt->key_space) same = i;
        if (same >= 0) {
            st[same].rate_rps += rate;
            continue;
        }
        st[k] = (KeyStream){rt->keys, rt->key_zipf, rate};
        of[k++] = t;
    }
    if (k > 0) {
        double cap = (double)node_cache_capacity(nd) * (nd->instances > 0 ? nd->instances : 1);
        cache_hit_ratio(st, k, cap, nd->ttl_s, h, NULL);
        for (int t = 0; t < nt; t++) {
            const RequestType *rt = &m->scenario.requests[t];
            if (rt->op == OP_WRITE) continue;
            for (int i = 0; i < k; i++)
                if (of[i] == t || (rt->key_space > 0 && m->scenario.requests[of[i]].key_space == rt->key_space))
                    hit[t] = h[i];
        }
    }
    free(st);
    free(of);
    free(h);
}
