/*
 * cache_theory.h - the hit ratio of a cache in the key model, in closed form, for the
 * estimate before a run (analytic.c), the grade's hints and the theory tests.
 *
 * Requests for key k of a stream arrive as a Poisson process of rate lambda_k = rate x p_k
 * (the independent reference model), p_k = k^-s / sum_j j^-s over the stream's keys.
 *
 *  - LRU of capacity C: Che's approximation (H. Che, Y. Tung, Z. Wang, "Hierarchical Web
 *    caching systems: modeling, design and experimental results", IEEE JSAC 20(7), 2002;
 *    its accuracy: C. Fricker, P. Robert, J. Roberts, "A versatile and accurate
 *    approximation for LRU cache performance", ITC 24, 2012). The characteristic time T_C
 *    solves sum_k (1 - exp(-lambda_k T_C)) = C; key k is in the cache with probability
 *    h_k = 1 - exp(-lambda_k T_C), and by PASTA that is its hit probability.
 *  - TTL T counted from insertion, no capacity limit: exact for Poisson requests, a
 *    renewal argument: after a miss the entry lives T, during which lambda_k T hits are
 *    expected, so h_k = lambda_k T / (1 + lambda_k T) (J. Jung, A. W. Berger,
 *    H. Balakrishnan, "Modeling TTL-based Internet caches", INFOCOM 2003; N. C. Fofack,
 *    P. Nain, G. Neglia, D. Towsley, "Analysis of TTL-based cache networks",
 *    VALUETOOLS 2012).
 *  - Both: an entry leaves at whichever comes first; the estimate takes
 *    h_k = min(1 - exp(-lambda_k T_C), lambda_k T / (1 + lambda_k T)) with T_C solving
 *    sum_k h_k = C (an approximation; the two pure cases are the tested ones).
 * Sums over up to 10^9 keys cost at most a few thousand terms: the first 500 ranks one by
 * one, then geometric buckets of ranks 0.5% wide, each evaluated at its middle rank
 * (relative error below 10^-4).
 */
#ifndef SIM_CACHE_THEORY_H
#define SIM_CACHE_THEORY_H

typedef struct KeyStream {
    double keys;     /* distinct keys, >= 1 */
    double zipf;     /* exponent, 0 = uniform */
    double rate_rps; /* requests per second for the stream's keys, >= 0 */
} KeyStream;

/* Hit ratio of the streams together (weighted by their rates) at a cache of `capacity`
 * entries in all (0 = unlimited) and TTL ttl_s (0 = none); when hits is not NULL,
 * hits[i] gets stream i's own. With neither a capacity nor a TTL every key stays once
 * stored: 1. *t_c (when not NULL) gets Che's characteristic time in seconds (INFINITY
 * when the capacity never fills). */
double cache_hit_ratio(const KeyStream *s, int n, double capacity, double ttl_s, double *hits,
                       double *t_c);

/* Entries needed for a hit ratio of `target` at TTL ttl_s (0 = none), by bisection on the
 * capacity: INFINITY when even an unlimited cache stays below the target. */
double cache_capacity_for(const KeyStream *s, int n, double ttl_s, double target);

struct Model;

/* The key model's hit ratio of each request type at cache `node` of m (a key-model cache:
 * node_key_model), from the rate of each type reaching it, rate_rps[t]: read types
 * sharing a key_space read the same keys (one stream: their rates added, the first one's
 * keys and popularity); all instances act as one cache of instances x capacity (keys
 * spread by hash). hit[t] gets each type's; writes and types without keys get 0. */
void cache_node_hits(const struct Model *m, int node, const double *rate_rps, double *hit);

#endif
