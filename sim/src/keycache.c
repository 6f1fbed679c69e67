/*
 * keycache.c - Zipf key sampling and the LRU / TTL cache of keycache.h.
 */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "sim/keycache.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sim/util.h"

/* ---- memory for big tables ------------------------------------------------------------
 * A cache of 10^6 entries is tens of MiB read at random: with 4 KiB pages nearly every
 * lookup also misses the TLB. Arrays of 2 MiB or more are aligned to 2 MiB and offered to
 * the kernel for transparent huge pages (Linux; elsewhere, or when the kernel says no,
 * they are ordinary memory). */
#define HUGE_BYTES ((size_t)2 << 20)

static void offer_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

static void *table_alloc(size_t bytes)
{
    if (bytes < HUGE_BYTES) return xmalloc(bytes);
    void *p = NULL;
    size_t rounded = (bytes + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
    if (posix_memalign(&p, HUGE_BYTES, rounded) != 0) return xmalloc(bytes);
    offer_huge(p, rounded);
    return p;
}

/* The entry pool grows by doubling until it would pass 2 MiB; then the room for all
 * `limit` entries is reserved at once as address space (MAP_NORESERVE: the kernel gives
 * memory only to the pages touched, so memory still follows the entries held) and the pool
 * never moves or copies again. If the reservation is refused it keeps doubling. */
static void grow_entries(KeyCache *c)
{
    size_t size = sizeof *c->ent;
    uint32_t want = c->cap_ent ? c->cap_ent * 2 : 1024;
    if (!c->mapped && (size_t)want * size >= HUGE_BYTES && c->limit > c->cap_ent) {
        size_t bytes = (((size_t)c->limit * size) + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
        void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                       -1, 0);
        if (p != MAP_FAILED) {
            offer_huge(p, bytes);
            if (c->n_ent) memcpy(p, c->ent, (size_t)c->n_ent * size);
            free(c->ent);
            c->ent = p;
            c->cap_ent = c->limit;
            c->mapped = bytes;
            return;
        }
    }
    c->ent = xrealloc(c->ent, (size_t)want * size);
    c->cap_ent = want;
}

/* ---- rejection-inversion Zipf sampling (Hörmann and Derflinger 1996) ---------------- */

/* log1p(x) / x and expm1(x) / x, accurate near 0. */
static double helper1(double x) { return fabs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x)); }
static double helper2(double x) { return fabs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x)); }

/* h(x) = x^-s and its integral H(x) = (x^(1-s) - 1) / (1 - s) (log x at s = 1). */
static double zh(double s, double x) { return exp(-s * log(x)); }
static double zH(double s, double x)
{
    double lx = log(x);
    return helper2((1 - s) * lx) * lx;
}
static double zHinv(double s, double x)
{
    double t = x * (1 - s);
    if (t < -1) t = -1; /* rounding at the far end */
    return exp(helper1(t) * x);
}

void key_sampler_init(KeySampler *k, uint32_t n, double s)
{
    memset(k, 0, sizeof *k);
    k->n = n > 0 ? n : 1;
    k->s = s > 0 ? s : 0;
    if (k->s > 0) {
        k->hx1 = zH(k->s, 1.5) - 1;
        k->hn = zH(k->s, k->n + 0.5);
        k->sq = 2 - zHinv(k->s, zH(k->s, 2.5) - zh(k->s, 2));
    }
}

uint32_t key_sampler_draw(const KeySampler *k, Rng *rng)
{
    if (k->s <= 0 || k->n == 1) return 1 + rng_below(rng, k->n);
    for (;;) {
        double u = k->hn + rng_uniform(rng) * (k->hx1 - k->hn);
        double x = zHinv(k->s, u);
        double kk = floor(x + 0.5);
        if (kk < 1) kk = 1;
        if (kk > k->n) kk = k->n;
        if (kk - x <= k->sq || u >= zH(k->s, kk + 0.5) - zh(k->s, kk)) return (uint32_t)kk;
    }
}

/* ---- the cache ------------------------------------------------------------------------- */

static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

void kc_init(KeyCache *c, int64_t cap, double ttl_s, int n_inst, uint32_t limit)
{
    memset(c, 0, sizeof *c);
    c->cap = cap > 0 ? cap : 0;
    c->ttl_s = ttl_s > 0 ? ttl_s : 0;
    c->fifo = c->cap == 0 && c->ttl_s > 0;
    c->n_inst = n_inst > 0 ? n_inst : 1;
    c->inst = xmalloc((size_t)c->n_inst * sizeof *c->inst);
    for (int i = 0; i < c->n_inst; i++) c->inst[i] = (KcInstance){KC_NONE, KC_NONE, 0};
    c->free_ent = KC_NONE;
    c->limit = limit > 0 ? limit : 1;
    c->mask = 15;
    c->slot = xmalloc(16 * sizeof *c->slot);
    memset(c->slot, 0xff, 16 * sizeof *c->slot); /* KC_EMPTY */
}

void kc_free(KeyCache *c)
{
    free(c->inst);
    if (c->mapped) munmap(c->ent, c->mapped);
    else free(c->ent);
    free(c->slot);
    memset(c, 0, sizeof *c);
}

int kc_instance(const KeyCache *c, uint64_t key)
{
    if (c->down >= c->n_inst) return -1;
    uint64_t h = mix(key ^ 0x5851f42d4c957f2dull);
    int i = (int)(h % (uint64_t)c->n_inst);
    if (i >= c->down) return i;
    return c->down + (int)((h >> 32) % (uint64_t)(c->n_inst - c->down));
}

/* A table slot holds the entry id in its low 32 bits and the upper 32 bits of the key's
 * hash in its high ones: the hash's low bits are the slot's home, the rest a fingerprint,
 * so probing, growing and deleting read the table alone and an entry is touched only when
 * its fingerprint matches. */
#define KC_EMPTY UINT64_MAX

static uint32_t key_hash(uint64_t key) { return (uint32_t)(mix(key) >> 32); }

static uint32_t slot_id(uint64_t s) { return (uint32_t)s; }

/* Position of `key` (hash h) in the table, or of the empty slot where it would go. */
static uint32_t find_slot_h(const KeyCache *c, uint64_t key, uint32_t h)
{
    uint32_t p = h & c->mask;
    for (;;) {
        uint64_t s = c->slot[p];
        if (s == KC_EMPTY || ((uint32_t)(s >> 32) == h && c->ent[slot_id(s)].key == key)) return p;
        p = (p + 1) & c->mask;
    }
}

static uint32_t find_slot(const KeyCache *c, uint64_t key) { return find_slot_h(c, key, key_hash(key)); }

static void grow_table(KeyCache *c)
{
    uint32_t old_size = c->mask + 1, size = old_size * 2;
    uint64_t *old = c->slot;
    c->slot = table_alloc((size_t)size * sizeof *c->slot);
    memset(c->slot, 0xff, (size_t)size * sizeof *c->slot);
    c->mask = size - 1;
    for (uint32_t p = 0; p < old_size; p++) {
        if (old[p] == KC_EMPTY) continue;
        uint32_t q = (uint32_t)(old[p] >> 32) & c->mask;
        while (c->slot[q] != KC_EMPTY) q = (q + 1) & c->mask;
        c->slot[q] = old[p];
    }
    free(old);
}

/* Delete table position p, shifting later members of its probe run back (no tombstones). */
static void table_delete(KeyCache *c, uint32_t p)
{
    uint32_t q = p;
    for (;;) {
        q = (q + 1) & c->mask;
        if (c->slot[q] == KC_EMPTY) break;
        uint32_t home = (uint32_t)(c->slot[q] >> 32) & c->mask;
        /* move q's entry to p unless its home lies cyclically in (p, q] */
        bool stays = p <= q ? (home > p && home <= q) : (home > p || home <= q);
        if (stays) continue;
        c->slot[p] = c->slot[q];
        p = q;
    }
    c->slot[p] = KC_EMPTY;
}

static void list_unlink(KeyCache *c, uint32_t id)
{
    KcEntry *e = &c->ent[id];
    KcInstance *in = &c->inst[e->inst];
    if (e->prev != KC_NONE) c->ent[e->prev].next = e->next;
    else in->head = e->next;
    if (e->next != KC_NONE) c->ent[e->next].prev = e->prev;
    else in->tail = e->prev;
    in->count--;
}

static void list_push_head(KeyCache *c, uint32_t id)
{
    KcEntry *e = &c->ent[id];
    KcInstance *in = &c->inst[e->inst];
    e->prev = KC_NONE;
    e->next = in->head;
    if (in->head != KC_NONE) c->ent[in->head].prev = id;
    in->head = id;
    if (in->tail == KC_NONE) in->tail = id;
    in->count++;
}

/* Drop entry id (its table position p, or KC_NONE to look it up). */
static void drop_entry(KeyCache *c, uint32_t id, uint32_t p, bool lost)
{
    KcEntry *e = &c->ent[id];
    if (e->dirty && c->on_dirty) c->on_dirty(c->ctx, e->key, e->dirty, lost);
    e->dirty = 0;
    if (p == KC_NONE) p = find_slot(c, e->key);
    table_delete(c, p);
    list_unlink(c, id);
    e->next = c->free_ent;
    c->free_ent = id;
    c->live--;
}

static bool expired(const KeyCache *c, const KcEntry *e, double now)
{
    return c->ttl_s > 0 && now - e->t_store >= c->ttl_s;
}

/* TTL only: the oldest entries are at the tails; drop the expired ones of instance i. */
static void purge(KeyCache *c, int i, double now)
{
    while (c->inst[i].tail != KC_NONE && expired(c, &c->ent[c->inst[i].tail], now)) {
        c->expired++;
        drop_entry(c, c->inst[i].tail, KC_NONE, false);
    }
}

void kc_prefetch_slot(const KeyCache *c, uint64_t key)
{
    __builtin_prefetch(&c->slot[key_hash(key) & c->mask]);
}

void kc_prefetch_entry(const KeyCache *c, uint64_t key)
{
    uint32_t h = key_hash(key);
    uint64_t s = c->slot[h & c->mask];
    if (s != KC_EMPTY && (uint32_t)(s >> 32) == h) __builtin_prefetch(&c->ent[slot_id(s)]);
}

KcResult kc_get(KeyCache *c, uint64_t key, double now)
{
    if (c->fifo) {
        int i = kc_instance(c, key);
        if (i >= 0) purge(c, i, now);
    }
    uint32_t p = find_slot(c, key);
    if (c->slot[p] == KC_EMPTY) return KC_MISS;
    uint32_t id = slot_id(c->slot[p]);
    KcEntry *e = &c->ent[id];
    if (expired(c, e, now)) {
        c->expired++;
        drop_entry(c, id, p, false);
        return KC_EXPIRED;
    }
    int i = kc_instance(c, key);
    if ((uint32_t)i != e->inst) return KC_MISS; /* held by an instance that no longer owns it */
    if (!c->fifo && c->inst[i].head != id) {
        list_unlink(c, id);
        list_push_head(c, id);
    }
    return KC_HIT;
}

uint32_t kc_put(KeyCache *c, uint64_t key, double now)
{
    int i = kc_instance(c, key);
    if (i < 0) return KC_NONE;
    if (c->fifo) purge(c, i, now);
    uint32_t h = key_hash(key);
    uint32_t p = find_slot_h(c, key, h);
    uint32_t id = c->slot[p] == KC_EMPTY ? KC_NONE : slot_id(c->slot[p]);
    if (id != KC_NONE) {
        KcEntry *e = &c->ent[id];
        e->t_store = now;
        list_unlink(c, id);
        e->inst = (uint32_t)i; /* a copy on an instance that lost the key: it moves */
        list_push_head(c, id);
        return id;
    }
    /* room: the instance's least recently used (or, TTL only, oldest) entry goes */
    while ((c->cap > 0 && c->inst[i].count >= c->cap) || (c->live >= c->limit && c->inst[i].count > 0)) {
        drop_entry(c, c->inst[i].tail, KC_NONE, false);
        c->evictions++;
    }
    if (c->live >= c->limit) return KC_NONE; /* the valve, with this instance empty */
    if (c->free_ent != KC_NONE) {
        id = c->free_ent;
        c->free_ent = c->ent[id].next;
    } else {
        if (c->n_ent == c->cap_ent) grow_entries(c);
        id = c->n_ent++;
    }
    c->live++;
    KcEntry *e = &c->ent[id];
    e->key = key;
    e->t_store = now;
    e->inst = (uint32_t)i;
    e->dirty = 0;
    list_push_head(c, id);
    if (2 * (uint64_t)c->live > (uint64_t)c->mask + 1) grow_table(c);
    p = find_slot_h(c, key, h); /* the evictions above may have shifted the run */
    c->slot[p] = ((uint64_t)h << 32) | id;
    return id;
}

void kc_remove(KeyCache *c, uint64_t key)
{
    uint32_t p = find_slot(c, key);
    if (c->slot[p] != KC_EMPTY) drop_entry(c, slot_id(c->slot[p]), p, false);
}

void kc_fail(KeyCache *c, int from, int to)
{
    if (from < 0) from = 0;
    if (to > c->n_inst) to = c->n_inst;
    for (int i = from; i < to; i++)
        while (c->inst[i].head != KC_NONE) drop_entry(c, c->inst[i].head, KC_NONE, true);
    if (to > c->down) c->down = to;
}
