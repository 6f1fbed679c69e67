/*
 * event_queue_internal.h - the event queue's layout (event_queue.c explains it) and its
 * pop and lane push as inline functions: the engine's loop pops and pushes once or
 * twice per event, and a call across files for each costs a few percent of a run.
 * event_queue.c has everything else, and the slow paths these call.
 */
#ifndef SIM_EVENT_QUEUE_INTERNAL_H
#define SIM_EVENT_QUEUE_INTERNAL_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "hot_path.h"
#include "sim/event_queue.h"


typedef struct EqNode {
    SimEvent ev;
} EqNode;

typedef struct EqLane {  /* FIFO of events in (time, seq) order: a ring */
    SimEvent *ring;
    uint32_t head, tail;    /* running positions: tail - head events, at pos & mask */
    uint32_t mask;          /* capacity - 1, a power of two */
    double last;            /* time of the newest event; -infinity when empty */
    double delay;           /* the delay it was made for (eq_lane_for) */
} EqLane;

struct EventQueue {
    EqNode *nodes;        /* the pool: cap nodes of 32 bytes, two to a cache line */
    uint32_t *next;     /* per node: next in the same wheel bucket, or in the free list */
    uint32_t cap, free_head;
    uint32_t *cur;      /* current bucket: [cur_head, n_cur) sorted by (time, seq) */
    uint32_t cur_head, n_cur;
    bool loose;         /* the current array holds events beyond the current bucket:
                           only while the wheel and the overflow are empty (SMALL) */
    uint32_t *ov;       /* overflow: min-heap of n_ov node indices */
    uint32_t n_ov;
    uint32_t *scratch;  /* cap indices, for merge sorts and resizes */
    uint32_t *heads;    /* wheel: n_buckets list heads (NIL when empty) */
    uint64_t *bits;     /* bit s set when heads[s] != NIL */
    uint32_t n_buckets; /* a power of two */
    size_t n_wheel;     /* events in the wheel's lists */
    uint64_t cur_bucket;
    double cur_end;     /* cur_bucket + 1: t / w below it goes to the current array */
    double wheel_end;   /* cur_bucket + n_buckets: t / w from it goes to the overflow */
    double inv_w;       /* 2^-log2_w */
    int log2_w;
    int min_log2_w;     /* raised when even MAX_BUCKETS cannot reach far enough */
    size_t n_cal;       /* events in the calendar (current array, wheel, overflow) */
    uint64_t next_seq;
    uint32_t pops_left; /* pops before the next retune */
    uint32_t crowd_at;  /* events in the current array from which a push narrows the
                           buckets (crowded(): a burst before any retune) */
    uint32_t pushes, ov_pushes; /* since the last retune */
    double mark_time;   /* time of the pop that ended the last retune window */
    double head_t[EQ_MAX_LANES];   /* time and seq of each lane's head, compact for */
    uint64_t head_s[EQ_MAX_LANES]; /* the scan of a pop; +inf and UINT64_MAX if empty */
    int n_lanes;
    EqLane lanes[EQ_MAX_LANES];
};

static inline bool before(const SimEvent *x, const SimEvent *y)
{
    return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

/* event_queue.c: the slow paths */
void eq_cal_push(EventQueue *q, double time, uint64_t seq, uint32_t type, uint32_t a, uint32_t b,
                 uint32_t c);
const SimEvent *eq_cal_front_slow(EventQueue *q);
void eq_ov_remove_top(EventQueue *q);
void eq_retune(EventQueue *q, double now);
void eq_lane_grow(EqLane *l);

static inline void eq_push_lane_inline(EventQueue *q, int lane, double time, uint32_t type,
                                       uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t seq = q->next_seq++;
    if ((unsigned)lane < (unsigned)q->n_lanes && time >= q->lanes[lane].last) {
        EqLane *l = &q->lanes[lane];
        if (l->tail - l->head > l->mask) eq_lane_grow(l);
        if (l->tail == l->head) {
            q->head_t[lane] = time;
            q->head_s[lane] = seq;
        }
        l->ring[l->tail++ & l->mask] =
            (SimEvent){.time = time, .seq = seq, .type = type, .a = a, .b = b, .c = c};
        l->last = time;
        return;
    }
    eq_cal_push(q, time, seq, type, a, b, c); /* no lane, or earlier than the lane's last */
}

/* eq_push, inline: the engine schedules an event of a random delay (an arrival, a
 * service) once or twice per request. */
static inline void eq_push_inline(EventQueue *q, double time, uint32_t type, uint32_t a,
                                  uint32_t b, uint32_t c)
{
    eq_cal_push(q, time, q->next_seq++, type, a, b, c);
}

static STEP int eq_pop_inline(EventQueue *q, SimEvent *out, const SimEvent **ahead)
{
    *ahead = NULL;
    const SimEvent *ce = NULL; /* the calendar's front */
    double bt = INFINITY;
    uint64_t bs = UINT64_MAX;
    if (q->n_cal) {
        ce = q->cur_head < q->n_cur ? &q->nodes[q->cur[q->cur_head]].ev : eq_cal_front_slow(q);
        bt = ce->time;
        bs = ce->seq;
    }
    int src = -1; /* a lane, or -1: the calendar */
    for (int i = 0; i < q->n_lanes; i++) {
        double t = q->head_t[i];
        /* most lanes are later than the best so far: one test rejects them */
        if (t <= bt && (t < bt || q->head_s[i] < bs)) {
            bt = t;
            bs = q->head_s[i];
            src = i;
        }
    }
    if (src >= 0) {
        EqLane *l = &q->lanes[src];
        *out = l->ring[l->head++ & l->mask];
        if (l->head == l->tail) {
            l->last = -INFINITY;
            q->head_t[src] = INFINITY;
            q->head_s[src] = UINT64_MAX;
        } else {
            const SimEvent *next = &l->ring[l->head & l->mask];
            *ahead = next; /* the lane's next event: its record can be on its way */
            q->head_t[src] = next->time;
            q->head_s[src] = next->seq;
        }
        return 1;
    }
    if (!ce) return 0;
    *out = *ce;
    uint32_t id;
    if (q->cur_head < q->n_cur) {
        id = q->cur[q->cur_head++];
    } else { /* advance() could not number the heap's top: take it from there */
        id = q->ov[0];
        eq_ov_remove_top(q);
    }
    q->next[id] = q->free_head;
    q->free_head = id;
    q->n_cal--;
    if (--q->pops_left == 0) eq_retune(q, out->time);
    return 1;
}

#endif
