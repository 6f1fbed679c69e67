/*
 * keycache.h - the key model of caches: which keys a request asks for (Zipf or uniform
 * popularity) and what a cache holds (LRU with a capacity per instance, a TTL counted
 * from when an entry was stored, or both), for the engine's cache and CDN nodes.
 *
 * KeySampler draws key ranks 1..n with P(k) proportional to k^-s by rejection-inversion
 * (Hörmann and Derflinger, "Rejection-inversion to generate variates from monotone
 * discrete distributions", ACM TOMACS 6(3), 1996): O(1) memory, O(1) expected time,
 * exact. s = 0 is uniform.
 *
 * KeyCache holds entries only for keys cached: a hash table of entry ids (open addressing,
 * linear probing, at most half full) and per instance a doubly linked list through the
 * entry array (most recent at the head). A hit moves the entry to the head (LRU); a store
 * into a full instance evicts its tail. With a TTL and no capacity (a TTL-only cache) the
 * list is kept in insertion order instead, so the expired entries are always at its tail
 * and are dropped from there: memory follows the live entries. With both, expired entries
 * are found when read (lazily) or evicted. Memory is O(entries held), never O(keys).
 *
 * Keys are 64-bit: the engine puts the key space (the request type's own, or a
 * key_space shared by request types) in the high 32 bits and the key rank in the low
 * ones. A key lives on one instance, by a
 * hash (as a client's consistent hashing places it); while instances [0, down) are down
 * their keys go to the others by a second hash.
 */
#ifndef SIM_KEYCACHE_H
#define SIM_KEYCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/rng.h"

#define KC_NONE UINT32_MAX

typedef struct KeySampler {
    uint32_t n;       /* keys */
    double s;         /* Zipf exponent, 0 = uniform */
    double hx1, hn, sq; /* rejection-inversion constants */
} KeySampler;

/* n >= 1, s >= 0. */
void key_sampler_init(KeySampler *k, uint32_t n, double s);
/* A key rank in 1..n. */
uint32_t key_sampler_draw(const KeySampler *k, Rng *rng);

typedef struct KcEntry {
    uint64_t key;
    double t_store;      /* when it was stored: the TTL counts from here */
    uint32_t prev, next; /* its instance's list, KC_NONE at the ends */
    uint32_t inst;
    uint32_t dirty;      /* write_back: written here, not yet in the store (the caller's
                            value, 0 = clean) */
} KcEntry;

typedef struct KcInstance {
    uint32_t head, tail;
    int64_t count;
} KcInstance;

/* Called for a dirty entry (dirty != 0, the value the caller set) that leaves the cache:
 * evicted (lost = false: the cache writes it back) or lost with its failed instance
 * (lost = true). */
typedef void (*KcDirtyFn)(void *ctx, uint64_t key, uint32_t dirty, bool lost);

typedef struct KeyCache {
    int64_t cap;         /* entries per instance, 0 = unlimited */
    double ttl_s;        /* 0 = entries never expire */
    bool fifo;           /* TTL only: lists in insertion order */
    int n_inst, down;    /* instances; [0, down) are down */
    KcInstance *inst;
    KcEntry *ent;
    uint32_t n_ent, cap_ent, free_ent; /* entry pool; free list through next */
    size_t mapped;       /* bytes of the pool's reserved mapping, 0 = it is malloc'd */
    uint32_t live;       /* entries held */
    uint32_t limit;      /* entries at most in all (the memory valve) */
    uint64_t *slot;      /* hash table: key hash << 32 | entry id, UINT64_MAX = empty */
    uint32_t mask;       /* table size - 1 */
    uint64_t evictions, expired; /* entries evicted for room; entries dropped past their TTL */
    KcDirtyFn on_dirty;
    void *ctx;
} KeyCache;

/* A cache of n_inst instances of cap entries each (0 = unlimited), TTL ttl_s (0 = none),
 * holding at most `limit` entries in all: past it a store evicts its instance's least
 * recently used entry even below cap. */
void kc_init(KeyCache *c, int64_t cap, double ttl_s, int n_inst, uint32_t limit);
void kc_free(KeyCache *c);

typedef enum KcResult { KC_MISS, KC_HIT, KC_EXPIRED } KcResult;

/* Instance holding `key` now, or -1 when every instance is down. */
int kc_instance(const KeyCache *c, uint64_t key);
/* A read at time now: KC_HIT (an LRU list moves the entry to the head), KC_MISS, or
 * KC_EXPIRED (it was there past its TTL: it is removed; a miss). */
KcResult kc_get(KeyCache *c, uint64_t key, double now);
/* Store `key` at time now (a fill after a miss, or a write): a new entry at the head of its
 * instance, or the existing one refreshed (TTL from now) and moved to the head. Returns the
 * entry id, KC_NONE when every instance is down. */
uint32_t kc_put(KeyCache *c, uint64_t key, double now);
/* Hints, no effect on results: bring the table slot of `key` into the processor's cache
 * (when a request for it sets out), then its entry (when it arrives), so the read at the
 * end of its service does not wait for memory. */
void kc_prefetch_slot(const KeyCache *c, uint64_t key);
void kc_prefetch_entry(const KeyCache *c, uint64_t key);
/* Remove `key` if held (write_around's invalidation); a dirty entry goes through on_dirty
 * as evicted. */
void kc_remove(KeyCache *c, uint64_t key);
/* Instances [from, to) fail: their entries are dropped (dirty ones through on_dirty as
 * lost) and down becomes `to`. */
void kc_fail(KeyCache *c, int from, int to);

#endif
