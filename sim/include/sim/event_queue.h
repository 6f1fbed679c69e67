/*
 * event_queue.h - the pending-event set of the simulator.
 *
 * Events are popped in order of (time, insertion sequence), so equal times come out
 * in the order they were pushed and runs are deterministic. The payload is three
 * 32-bit words whose meaning belongs to the engine. Memory grows to the largest
 * number of events pending at once and is then reused: no allocation per event in
 * steady state.
 */
#ifndef SIM_EVENT_QUEUE_H
#define SIM_EVENT_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct SimEvent {
    double time;   /* simulated seconds */
    uint64_t seq;  /* insertion order, assigned by eq_push */
    uint32_t type; /* engine event type */
    uint32_t a, b, c;
} SimEvent;

typedef struct EventQueue EventQueue;

/* A new empty queue, owned by the caller (eq_destroy). Aborts on out of memory. */
EventQueue *eq_create(void);
/* Frees it. Accepts NULL. */
void eq_destroy(EventQueue *q);
/* Drop every pending event and restart the sequence at 0; the memory is kept. */
void eq_clear(EventQueue *q);
/* Add an event at `time` (finite); it gets the next sequence number. May grow the
 * queue (doubling), aborting on out of memory. */
void eq_push(EventQueue *q, double time, uint32_t type, uint32_t a, uint32_t b, uint32_t c);
/* Lanes: most events of a simulation are scheduled a fixed delay after the current time
 * (edge latencies, constant service times, timeouts). Pushed with a non-decreasing
 * current time, such events come in (time, seq) order, so a FIFO per delay holds them at
 * O(1) a push and a pop, merged with the rest by one comparison. */
#define EQ_MAX_LANES 16
#define EQ_NO_LANE (-1)
/* The lane for events scheduled `delay` after the current time: the same lane for the
 * same value, a new one while there are fewer than EQ_MAX_LANES, else EQ_NO_LANE. Lanes
 * last for the life of the queue (eq_clear empties them, keeps them). */
int eq_lane_for(EventQueue *q, double delay);
/* A lane of its own (never one of eq_lane_for's) for a stream of events that are pushed
 * in time order whatever their delays (a request type's arrivals), or EQ_NO_LANE when
 * there are EQ_MAX_LANES already. */
int eq_lane_own(EventQueue *q);
/* The lane eq_lane_for made for `delay`, or EQ_NO_LANE when it made none. */
int eq_lane_find(const EventQueue *q, double delay);
/* As eq_push, with `lane` a hint from eq_lane_for (or EQ_NO_LANE): the event joins that
 * lane when its time is not before the lane's last event, else the general set. Any use
 * keeps the pop order exactly (time, seq); a lane only pays when its pushes come in
 * time order. */
void eq_push_lane(EventQueue *q, int lane, double time, uint32_t type, uint32_t a, uint32_t b,
                  uint32_t c);
/* Remove every pending event for which keep(ctx, ev) returns false (e.g. timers of
 * calls that already ended), in O(pending); the others keep their (time, seq) order, so
 * pops give exactly what they would have given with the dropped ones skipped. Their
 * storage is reused by later pushes: a caller that cancels by marking and compacts
 * when marked events are a good share of eq_size holds memory for its live events
 * only. Returns the number removed. `keep` must not touch the queue. */
size_t eq_compact(EventQueue *q, bool (*keep)(void *ctx, const SimEvent *ev), void *ctx);
/* Remove the earliest event into *out; returns 0 when the queue is empty. */
int eq_pop(EventQueue *q, SimEvent *out);
/* Events pushed since eq_create or eq_clear: the next push's sequence number. Lets a
 * caller tell that nothing was pushed since its own last push. */
uint64_t eq_pushes(const EventQueue *q);
size_t eq_size(const EventQueue *q);
/* Time of the earliest event; +infinity when empty. */
double eq_peek_time(const EventQueue *q);
/* Events the queue can hold before its event storage grows (for tests and statistics);
 * the bucket index beside it is sized to the pending events too, within a fixed cap. */
size_t eq_capacity(const EventQueue *q);

#endif
