/*
 * event_queue.c - the pending-event set: a binary min-heap plus FIFO lanes for
 * repeated delays, popped in exact (time, seq) order.
 *
 * Most events of a simulation are scheduled at now + d where d is one of a few fixed
 * values (edge latencies, constant service times, zero). Events pushed with the same d
 * at a non-decreasing `now` arrive in (time, seq) order, so they need no heap: they are
 * appended to a FIFO "lane" owned by that delay. A push goes to a lane only if its time
 * is >= the lane's last time, so every lane is always sorted by (time, seq) whatever the
 * caller does, and pop takes the least of the heap's top and the lanes' heads: the order
 * is exactly that of one heap. Delays are recognised by their quantised value (exponent
 * and top 20 mantissa bits of time - now, now = time of the last pop); a delay claims a
 * free lane the second time in a row it is seen at that lane's hash slot, so one-off
 * random delays (exponential service times) stay in the heap and leave the lanes to the
 * fixed ones. Everything else goes to the heap: a contiguous array of 32-byte entries,
 * hole-based sifts, grown by doubling. Memory is never shrunk; no allocation in steady
 * state.
 *
 * Measured with bench/bench_event_queue (hold model, million events/s, this 2-core
 * machine shared with other builds, so +-10%):
 *                          16     1k    65k    1M
 *   binary heap   exp     21.0    9.0   5.3   2.4
 *                 fixed+  24.3   12.4   5.7   2.5
 *   4-ary heap of exp     24.7    9.9   6.0   3.1    (16-byte keys, cache-line aligned
 *   keys + pool   fixed+  25.5    9.9   5.1   3.2     sibling groups, payload pool)
 *   heap + lanes  exp     23.7   11.5   6.1   2.9    (this file)
 *                 fixed+  29.9   15.8  11.4   5.8
 * ("fixed+": 60% one of 4 fixed delays, 40% exponential.) The 4-ary variant gained
 * little for its complexity; the lanes take most events of a simulator off the heap
 * and double the rate at 65k-1M pending. Lanes without the LANES_FROM threshold made
 * the 16-pending case slower (15.5), hence the threshold.
 */
#include "sim/event_queue.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

#define N_LANES 16 /* a power of two */
#define LANES_FROM 256 /* below this many pending events a heap alone is faster */

typedef struct Lane {
    SimEvent *ring;     /* FIFO, cap a power of two (or 0) */
    size_t head, n, cap;
    uint64_t key;       /* quantised delay that owns the lane */
    uint64_t candidate; /* last delay that asked for it while it was empty */
} Lane;

struct EventQueue {
    SimEvent *heap;
    size_t n_heap, cap_heap;
    Lane lanes[N_LANES];
    uint32_t busy;      /* bit i set when lanes[i] is non-empty */
    size_t n;           /* events pending in all */
    double now;         /* time of the last pop */
    uint64_t next_seq;
};

static inline bool before(const SimEvent *x, const SimEvent *y)
{
    return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

EventQueue *eq_create(void)
{
    EventQueue *q = xcalloc(1, sizeof *q);
    q->cap_heap = 64;
    q->heap = xmalloc(q->cap_heap * sizeof *q->heap);
    for (int i = 0; i < N_LANES; i++) q->lanes[i].key = q->lanes[i].candidate = UINT64_MAX;
    return q;
}

void eq_destroy(EventQueue *q)
{
    if (!q) return;
    for (int i = 0; i < N_LANES; i++) free(q->lanes[i].ring);
    free(q->heap);
    free(q);
}

void eq_clear(EventQueue *q)
{
    q->n_heap = 0;
    q->n = 0;
    q->now = 0;
    q->busy = 0;
    q->next_seq = 0;
    for (int i = 0; i < N_LANES; i++) {
        Lane *l = &q->lanes[i];
        l->head = l->n = 0;
        l->key = l->candidate = UINT64_MAX;
    }
}

static void heap_push(EventQueue *q, const SimEvent *e)
{
    if (q->n_heap == q->cap_heap) {
        q->cap_heap *= 2;
        q->heap = xrealloc(q->heap, q->cap_heap * sizeof *q->heap);
    }
    SimEvent *h = q->heap;
    size_t i = q->n_heap++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!before(e, &h[parent])) break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = *e;
}

static void heap_remove_top(EventQueue *q)
{
    SimEvent *h = q->heap;
    size_t n = --q->n_heap;
    if (n == 0) return;
    SimEvent last = h[n];
    size_t i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && before(&h[child + 1], &h[child])) child++;
        if (!before(&h[child], &last)) break;
        h[i] = h[child];
        i = child;
    }
    h[i] = last;
}

static void lane_append(Lane *l, const SimEvent *e)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        SimEvent *ring = xmalloc(cap * sizeof *ring);
        for (size_t i = 0; i < l->n; i++) ring[i] = l->ring[(l->head + i) & (l->cap - 1)];
        free(l->ring);
        l->ring = ring;
        l->cap = cap;
        l->head = 0;
    }
    l->ring[(l->head + l->n) & (l->cap - 1)] = *e;
    l->n++;
}

void eq_push(EventQueue *q, double time, uint32_t type, uint32_t a, uint32_t b, uint32_t c)
{
    SimEvent e = {.time = time, .seq = q->next_seq++, .type = type, .a = a, .b = b, .c = c};
    double d = time - q->now;
    if (q->n++ >= LANES_FROM && d >= 0) {
        uint64_t key;
        memcpy(&key, &d, sizeof key);
        key >>= 32; /* sign, exponent, top 20 mantissa bits: absorbs rounding of now + d */
        uint32_t i = (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 60) & (N_LANES - 1);
        Lane *l = &q->lanes[i];
        if (l->n > 0) {
            if (l->key == key && time >= l->ring[(l->head + l->n - 1) & (l->cap - 1)].time) {
                lane_append(l, &e);
                return;
            }
        } else if (l->key == key || l->candidate == key) {
            l->key = key;
            lane_append(l, &e);
            q->busy |= 1u << i;
            return;
        } else {
            l->candidate = key;
        }
    }
    heap_push(q, &e);
}

/* The earliest pending event: its lane index, or -1 for the heap top. */
static int earliest(const EventQueue *q, const SimEvent **best)
{
    int from = -1;
    const SimEvent *b = q->n_heap ? &q->heap[0] : NULL;
    for (uint32_t m = q->busy; m; m &= m - 1) {
        int i = __builtin_ctz(m);
        const Lane *l = &q->lanes[i];
        const SimEvent *h = &l->ring[l->head];
        if (!b || before(h, b)) {
            b = h;
            from = i;
        }
    }
    *best = b;
    return from;
}

int eq_pop(EventQueue *q, SimEvent *out)
{
    if (q->n == 0) return 0;
    const SimEvent *b;
    int from = earliest(q, &b);
    *out = *b;
    if (from < 0) {
        heap_remove_top(q);
    } else {
        Lane *l = &q->lanes[from];
        l->head = (l->head + 1) & (l->cap - 1);
        if (--l->n == 0) q->busy &= ~(1u << from);
    }
    q->n--;
    q->now = out->time;
    return 1;
}

size_t eq_size(const EventQueue *q) { return q->n; }

size_t eq_capacity(const EventQueue *q)
{
    size_t cap = q->cap_heap;
    for (int i = 0; i < N_LANES; i++) cap += q->lanes[i].cap;
    return cap;
}

double eq_peek_time(const EventQueue *q)
{
    if (q->n == 0) return INFINITY;
    const SimEvent *b;
    earliest(q, &b);
    return b->time;
}
