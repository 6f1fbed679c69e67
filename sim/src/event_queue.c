/*
 * event_queue.c - the pending-event set: a binary min-heap ordered by (time, seq).
 *
 * The heap is one contiguous array of 32-byte SimEvent entries, grown by doubling and
 * never shrunk (eq_clear keeps the memory), so steady state allocates nothing. Sifts
 * move a hole instead of swapping, so each level costs one 32-byte copy.
 */
#include "sim/event_queue.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "sim/util.h"

struct EventQueue {
    SimEvent *heap;
    size_t n;   /* events pending */
    size_t cap; /* entries allocated */
    uint64_t next_seq;
};

static inline bool before(const SimEvent *x, const SimEvent *y)
{
    return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

EventQueue *eq_create(void)
{
    EventQueue *q = xcalloc(1, sizeof *q);
    q->cap = 64;
    q->heap = xmalloc(q->cap * sizeof *q->heap);
    return q;
}

void eq_destroy(EventQueue *q)
{
    if (!q) return;
    free(q->heap);
    free(q);
}

void eq_clear(EventQueue *q)
{
    q->n = 0;
    q->next_seq = 0;
}

void eq_push(EventQueue *q, double time, uint32_t type, uint32_t a, uint32_t b, uint32_t c)
{
    if (q->n == q->cap) {
        q->cap *= 2;
        q->heap = xrealloc(q->heap, q->cap * sizeof *q->heap);
    }
    SimEvent e = {.time = time, .seq = q->next_seq++, .type = type, .a = a, .b = b, .c = c};
    SimEvent *h = q->heap;
    size_t i = q->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!before(&e, &h[parent])) break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = e;
}

int eq_pop(EventQueue *q, SimEvent *out)
{
    if (q->n == 0) return 0;
    SimEvent *h = q->heap;
    *out = h[0];
    size_t n = --q->n;
    if (n == 0) return 1;
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
    return 1;
}

size_t eq_size(const EventQueue *q) { return q->n; }

size_t eq_capacity(const EventQueue *q) { return q->cap; }

double eq_peek_time(const EventQueue *q) { return q->n ? q->heap[0].time : INFINITY; }
