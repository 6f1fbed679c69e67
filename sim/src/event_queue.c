/*
 * event_queue.c - the pending-event set: FIFO lanes for fixed delays beside a calendar
 * queue (timing wheel of lazily sorted buckets, with a heap for the far future), popped
 * in exact (time, seq) order.
 *
 * Lanes. Most events of a simulation are scheduled a fixed delay after the current time
 * (edge latencies, constant service times, timeouts). Pushed at a non-decreasing current
 * time, the events of one delay arrive in (time, seq) order, so each such delay gets a
 * ring buffer (eq_lane_for): a push appends, a pop takes the head, both O(1) and
 * sequential in memory. A lane takes an event only if its time is not before the lane's
 * newest, so each lane is always sorted whatever the caller does (an event that would
 * break the order goes to the calendar instead). A pop takes the earliest of the lanes'
 * heads and the calendar's front: a comparison per busy lane.
 *
 * Calendar. Time is cut into buckets of width w = 2^log2_w seconds; event time t
 * belongs to bucket floor(t / w). Since w is a power of two, t / w is exact and the
 * bucket number is a non-decreasing function of t, so draining the buckets in order,
 * each sorted by (time, seq), gives exactly the order of one heap whatever w is: w only
 * changes speed.
 *   - The bucket being drained ("current") is a sorted array of node indices; a push
 *     into it (or into the past) is an insertion from its end.
 *   - The next n_buckets - 1 buckets are a wheel: singly linked lists, pushed to at
 *     the front in O(1) and unsorted; a bitmap finds the next non-empty one. A bucket
 *     is sorted when it becomes current: its list is newest-first, so reversed it is
 *     in seq order, and an insertion sort is linear when the times are in order too;
 *     it hands over to a merge sort when the bucket turns out to be badly unsorted.
 *   - Later events wait in a binary heap ("overflow") and move to the wheel as it
 *     turns.
 *   - A calendar of a few events (an M/M/1 holds two or three) keeps them all in the
 *     current array, whatever their bucket: it leaves that mode above SMALL events
 *     and re-enters it at SMALL / 2, so a size hovering around a limit does not
 *     re-file at every push.
 * Every RETUNE_POPS calendar pops the queue measures the event density and resizes: w
 * to put about PER_BUCKET events in a bucket, the wheel to hold the pending events and
 * to keep most pushes out of the heap (sized afresh with each new width, then doubled
 * while over 1/32 of the pushes miss it, up to MAX_BUCKETS; beyond that the buckets
 * widen instead). A resize re-files every calendar event, O(n), rarely. Calendar
 * events live in a pool of nodes with a LIFO free list (a push reuses the slot just
 * popped, still in cache); the pool, the index arrays beside it and the lanes grow by
 * doubling to the largest number of events pending at once, never per event and never
 * with simulated time.
 *
 * Measured with bench/bench_event_queue (hold model, million events/s, this 2-core
 * machine shared with other builds and benchmarks, so +-30% from run to run now):
 *                          16     1k    65k    1M
 *   binary heap   exp     21.0    9.0   5.3   2.4    (earlier figures, quieter machine)
 *                 fixed+  24.3   12.4   5.7   2.5
 *   4-ary heap of exp     24.7    9.9   6.0   3.1    (16-byte keys, cache-line aligned
 *   keys + pool   fixed+  25.5    9.9   5.1   3.2     sibling groups, payload pool)
 *   heap + lanes  exp     25.0   10.2    4.8   1.9    (lanes found by hashing the delay
 *                 fixed+  22.0   12.1    7.5   4.2     time - now, an earlier version)
 *   calendar      exp     22.1   31.8   21.9   4.8    (calendar alone, same session
 *                 fixed+  26.0   27.9   18.0   4.2     as the row above)
 * ("fixed+": 60% one of 4 fixed delays, 40% exponential.) The earlier lanes guessed
 * which delays repeat from the pushed times and were dropped; the lanes here are named
 * by the engine, which knows its fixed delays. See docs/performance.md for what they
 * do on the Twitter preset.
 */
#include "event_queue_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

#define NIL UINT32_MAX
#define MIN_BUCKETS 4096u        /* a power of two, at least 64 */
#define MAX_BUCKETS (1u << 20)   /* 4 MiB of list heads at most */
#define PER_BUCKET 3.0           /* events per bucket aimed at */
#define RETUNE_POPS 8192u
#define X_LIMIT 4503599627370496.0 /* 2^52: bucket numbers below it are exact doubles */
#define SMALL 32                 /* up to this many pending, a sorted array alone */
#define CROWDED 1024u            /* a current array this long narrows the buckets */
#define LANE_CAP 256u            /* first capacity of a lane, a power of two */

static inline bool node_before(const EqNode *nd, uint32_t i, uint32_t j)
{
    return before(&nd[i].ev, &nd[j].ev);
}

static void set_cur_bucket(EventQueue *q, uint64_t k)
{
    q->cur_bucket = k;
    q->cur_end = (double)(k + 1);
    q->wheel_end = (double)(k + q->n_buckets);
}

static void set_width(EventQueue *q, int log2_w)
{
    q->log2_w = log2_w;
    q->inv_w = ldexp(1.0, -log2_w);
}

static void alloc_wheel(EventQueue *q, uint32_t n_buckets)
{
    free(q->heads);
    free(q->bits);
    q->n_buckets = n_buckets;
    q->heads = xmalloc(n_buckets * sizeof *q->heads);
    memset(q->heads, 0xff, n_buckets * sizeof *q->heads);
    q->bits = xcalloc(n_buckets / 64, sizeof *q->bits);
    q->n_wheel = 0;
}

EventQueue *eq_create(void)
{
    EventQueue *q = xcalloc(1, sizeof *q);
    q->free_head = NIL;
    alloc_wheel(q, MIN_BUCKETS);
    set_width(q, -10);
    q->min_log2_w = -1000;
    set_cur_bucket(q, 0);
    q->pops_left = RETUNE_POPS;
    q->crowd_at = CROWDED;
    return q;
}

void eq_destroy(EventQueue *q)
{
    if (!q) return;
    free(q->nodes);
    free(q->next);
    free(q->cur);
    free(q->ov);
    free(q->scratch);
    free(q->heads);
    free(q->bits);
    for (int i = 0; i < q->n_lanes; i++) free(q->lanes[i].ring);
    free(q);
}

static void free_all_nodes(EventQueue *q)
{
    for (uint32_t i = 0; i < q->cap; i++) q->next[i] = i + 1 < q->cap ? i + 1 : NIL;
    q->free_head = q->cap ? 0 : NIL;
}

void eq_clear(EventQueue *q)
{
    free_all_nodes(q);
    q->cur_head = q->n_cur = q->n_ov = 0;
    q->loose = false;
    memset(q->heads, 0xff, q->n_buckets * sizeof *q->heads);
    memset(q->bits, 0, q->n_buckets / 64 * sizeof *q->bits);
    q->n_wheel = 0;
    set_cur_bucket(q, 0);
    q->n_cal = 0;
    for (int i = 0; i < q->n_lanes; i++) {
        q->lanes[i].head = q->lanes[i].tail = 0;
        q->lanes[i].last = -INFINITY;
        q->head_t[i] = INFINITY;
        q->head_s[i] = UINT64_MAX;
    }
    q->next_seq = 0;
    q->pops_left = RETUNE_POPS;
    q->crowd_at = CROWDED;
    q->pushes = q->ov_pushes = 0;
    q->mark_time = 0;
}

static COLD void grow_pool(EventQueue *q)
{
    uint32_t old = q->cap, cap = old ? 2 * old : 256;
    ASSERT(cap > old && cap < (1u << 31));
    EqNode *nodes = aligned_alloc(64, cap * sizeof *nodes); /* a node never straddles lines */
    if (!nodes) nodes = xmalloc(cap * sizeof *nodes); /* unaligned, or the out-of-memory exit */
    if (old) memcpy(nodes, q->nodes, old * sizeof *nodes);
    free(q->nodes);
    q->nodes = nodes;
    q->next = xrealloc(q->next, cap * sizeof *q->next);
    q->cur = xrealloc(q->cur, cap * sizeof *q->cur);
    q->ov = xrealloc(q->ov, cap * sizeof *q->ov);
    q->scratch = xrealloc(q->scratch, cap * sizeof *q->scratch);
    for (uint32_t i = old; i < cap; i++) q->next[i] = i + 1 < cap ? i + 1 : q->free_head;
    q->free_head = old;
    q->cap = cap;
}

/* ---- overflow heap ------------------------------------------------------------- */

static void ov_push(EventQueue *q, uint32_t id)
{
    const EqNode *nd = q->nodes;
    uint32_t *h = q->ov;
    uint32_t i = q->n_ov++;
    while (i > 0) {
        uint32_t parent = (i - 1) / 2;
        if (!node_before(nd, id, h[parent])) break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = id;
}

void eq_ov_remove_top(EventQueue *q)
{
    const EqNode *nd = q->nodes;
    uint32_t *h = q->ov;
    uint32_t n = --q->n_ov;
    if (n == 0) return;
    uint32_t last = h[n];
    uint32_t i = 0;
    for (;;) {
        uint32_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && node_before(nd, h[child + 1], h[child])) child++;
        if (!node_before(nd, h[child], last)) break;
        h[i] = h[child];
        i = child;
    }
    h[i] = last;
}

/* ---- wheel and current bucket -------------------------------------------------------- */

static inline void wheel_add(EventQueue *q, uint32_t id, uint64_t bucket)
{
    uint32_t s = (uint32_t)bucket & (q->n_buckets - 1);
    q->next[id] = q->heads[s];
    q->heads[s] = id;
    q->bits[s >> 6] |= 1ull << (s & 63);
    q->n_wheel++;
}

/* The first non-empty wheel bucket after the current one (the wheel is not empty). */
static uint64_t next_bucket(const EventQueue *q)
{
    uint32_t mask = q->n_buckets - 1, word_mask = (q->n_buckets >> 6) - 1;
    uint32_t s = (uint32_t)(q->cur_bucket + 1) & mask;
    uint32_t w = s >> 6;
    uint64_t word = q->bits[w] & (~0ull << (s & 63));
    while (!word) {
        w = (w + 1) & word_mask;
        word = q->bits[w];
    }
    uint32_t found = (w << 6) | (uint32_t)__builtin_ctzll(word);
    return q->cur_bucket + 1 + ((found - s) & mask);
}

/* Push `id` (the newest event) into the sorted current array. */
static void cur_insert(EventQueue *q, uint32_t id)
{
    if (q->n_cur == q->cap) { /* only popped slots are left at the end: compact */
        memmove(q->cur, q->cur + q->cur_head, (q->n_cur - q->cur_head) * sizeof *q->cur);
        q->n_cur -= q->cur_head;
        q->cur_head = 0;
    }
    const EqNode *nd = q->nodes;
    uint32_t *v = q->cur;
    double t = nd[id].ev.time;
    /* after every entry not later than t (the newest event has the largest seq): found
     * from the end, shifting the later ones up. Usually few are later, and the shift is
     * the insertion's O(n) move anyway. */
    uint32_t k = q->n_cur;
    while (k > q->cur_head && nd[v[k - 1]].ev.time > t) {
        v[k] = v[k - 1];
        k--;
    }
    v[k] = id;
    q->n_cur++;
}

static void merge_sort(EventQueue *q, size_t n)
{
    const EqNode *nd = q->nodes;
    uint32_t *a = q->cur, *b = q->scratch;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = node_before(nd, a[j], a[i]) ? a[j++] : a[i++];
            while (i < mid) b[k++] = a[i++];
            while (j < hi) b[k++] = a[j++];
        }
        uint32_t *t = a;
        a = b;
        b = t;
    }
    if (a != q->cur) memcpy(q->cur, a, n * sizeof *a);
}

/* Sort cur[0, n): insertion sort while the input is nearly in order, else merge sort. */
static void sort_cur(EventQueue *q, uint32_t n)
{
    const EqNode *nd = q->nodes;
    uint32_t *v = q->cur;
    size_t moves = 0, budget = 4 * (size_t)n + 32;
    for (uint32_t j = 1; j < n; j++) {
        uint32_t x = v[j], k = j;
        while (k > 0 && node_before(nd, x, v[k - 1])) {
            v[k] = v[k - 1];
            k--;
        }
        v[k] = x;
        moves += j - k;
        if (moves > budget) {
            merge_sort(q, n);
            return;
        }
    }
}

/* The current array is empty: make the next bucket current. Returns false when the
 * next event is an overflow one too far in time to number its bucket exactly; the
 * caller then takes it from the heap. */
static bool advance(EventQueue *q)
{
    q->cur_head = q->n_cur = 0;
    q->loose = false;
    uint64_t k = UINT64_MAX;
    if (q->n_wheel) k = next_bucket(q);
    if (q->n_ov) {
        double x = q->nodes[q->ov[0]].ev.time * q->inv_w;
        if (!q->n_wheel || x < (double)k) {
            if (x + q->n_buckets >= X_LIMIT) return false;
            k = (uint64_t)x;
        }
    }
    set_cur_bucket(q, k);
    while (q->n_ov) { /* the wheel has turned: bring the events now in its reach */
        uint32_t id = q->ov[0];
        double x = q->nodes[id].ev.time * q->inv_w;
        if (x >= q->wheel_end) break;
        eq_ov_remove_top(q);
        wheel_add(q, id, (uint64_t)x);
    }
    uint32_t s = (uint32_t)k & (q->n_buckets - 1);
    uint32_t n = 0;
    uint32_t *v = q->cur;
    for (uint32_t id = q->heads[s]; id != NIL; id = q->next[id]) v[n++] = id;
    q->heads[s] = NIL;
    q->bits[s >> 6] &= ~(1ull << (s & 63));
    q->n_wheel -= n;
    for (uint32_t i = 0, j = n - 1; i < j; i++, j--) { /* newest first -> oldest first */
        uint32_t t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
    sort_cur(q, n);
    q->n_cur = n;
    return true;
}

/* Re-file every pending event with bucket width 2^log2_w and n_buckets buckets; or,
 * with `loose`, all into the current array (few events: SMALL). */
static void refile(EventQueue *q, int log2_w, uint32_t n_buckets, bool loose)
{
    uint32_t *all = q->scratch;
    size_t m = 0;
    for (uint32_t j = q->cur_head; j < q->n_cur; j++) all[m++] = q->cur[j];
    for (uint32_t w = 0; q->n_wheel && w < q->n_buckets / 64; w++) {
        for (uint64_t word = q->bits[w]; word; word &= word - 1) {
            uint32_t s = (w << 6) | (uint32_t)__builtin_ctzll(word);
            for (uint32_t id = q->heads[s]; id != NIL; id = q->next[id]) all[m++] = id;
            q->heads[s] = NIL;
        }
        q->bits[w] = 0;
    }
    for (uint32_t j = 0; j < q->n_ov; j++) all[m++] = q->ov[j];
    ASSERT(m == q->n_cal);
    if (n_buckets != q->n_buckets) alloc_wheel(q, n_buckets);
    q->n_wheel = 0;
    set_width(q, log2_w);
    double min_x = INFINITY;
    for (size_t j = 0; j < m; j++) {
        double x = q->nodes[all[j]].ev.time * q->inv_w;
        if (x < min_x) min_x = x;
    }
    set_cur_bucket(q, min_x >= 0 && min_x + n_buckets < X_LIMIT ? (uint64_t)min_x : 0);
    q->cur_head = q->n_cur = q->n_ov = 0;
    q->loose = loose;
    q->crowd_at = CROWDED;
    for (size_t j = 0; j < m; j++) {
        uint32_t id = all[j];
        if (loose) {
            q->cur[q->n_cur++] = id;
            continue;
        }
        double x = q->nodes[id].ev.time * q->inv_w;
        if (x < q->cur_end) q->cur[q->n_cur++] = id;
        else if (x < q->wheel_end) wheel_add(q, id, (uint64_t)x);
        else ov_push(q, id);
    }
    sort_cur(q, q->n_cur);
}

static void rebuild(EventQueue *q, int log2_w, uint32_t n_buckets)
{
    refile(q, log2_w, n_buckets, false);
}

/* Every RETUNE_POPS pops: fit the bucket width to the density of events popped since
 * the last time, and the wheel to the pending events and the pushes it misses. */
/* The bucket width (log2) for `width` seconds rounded to a power of two, no narrower than
 * keeps t / w well below 2^52 at time `at`, nor than the queue's least. */
static int width_for(const EventQueue *q, double width, double at)
{
    int log2_w = ilogb(width * 1.41421356); /* rounded log2 */
    int lowest = ilogb(fabs(at) + 1) - 44;
    if (log2_w < lowest) log2_w = lowest;
    return log2_w < q->min_log2_w ? q->min_log2_w : log2_w;
}

void eq_retune(EventQueue *q, double now)
{
    q->pops_left = RETUNE_POPS;
    double dt = now - q->mark_time;
    q->mark_time = now;
    int log2_w = dt > 0 && isfinite(dt) ? width_for(q, PER_BUCKET * dt / RETUNE_POPS, now) : q->log2_w;
    if (log2_w < q->min_log2_w) log2_w = q->min_log2_w;
    if (log2_w > 20) log2_w = 20;
    bool new_width = abs(log2_w - q->log2_w) >= 2 || q->log2_w < q->min_log2_w;
    /* a new width starts from a wheel just big enough, so that it does not keep a size
     * an earlier width needed (if too short it grows again at the next retune) */
    uint32_t n_buckets = new_width ? MIN_BUCKETS : q->n_buckets;
    while (n_buckets < MAX_BUCKETS && n_buckets < q->n_cal) n_buckets *= 2;
    if (!new_width && q->ov_pushes > q->pushes / 32) { /* too short for the delays */
        if (n_buckets < MAX_BUCKETS) {
            n_buckets *= 2;
        } else if (q->log2_w < 20) { /* as long as it may be: wider buckets then */
            q->min_log2_w = q->log2_w + 1;
            log2_w = q->min_log2_w;
            new_width = true;
        }
    }
    q->pushes = q->ov_pushes = 0;
    if (new_width || n_buckets != q->n_buckets) rebuild(q, log2_w, n_buckets);
}

/* ---- lanes: a FIFO per fixed delay ------------------------------------------------ */

static int lane_add(EventQueue *q, double delay)
{
    if (q->n_lanes == EQ_MAX_LANES) return EQ_NO_LANE;
    EqLane *l = &q->lanes[q->n_lanes];
    l->ring = xmalloc(LANE_CAP * sizeof *l->ring);
    l->head = l->tail = 0;
    l->mask = LANE_CAP - 1;
    l->last = -INFINITY;
    l->delay = delay;
    q->head_t[q->n_lanes] = INFINITY;
    q->head_s[q->n_lanes] = UINT64_MAX;
    return q->n_lanes++;
}

int eq_lane_find(const EventQueue *q, double delay)
{
    for (int i = 0; i < q->n_lanes; i++)
        if (q->lanes[i].delay == delay) return i;
    return EQ_NO_LANE;
}

int eq_lane_for(EventQueue *q, double delay)
{
    int l = eq_lane_find(q, delay);
    return l != EQ_NO_LANE || !isfinite(delay) ? l : lane_add(q, delay);
}

int eq_lane_own(EventQueue *q) { return lane_add(q, NAN); }

COLD void eq_lane_grow(EqLane *l)
{
    uint32_t n = l->tail - l->head, cap = 2 * (l->mask + 1);
    ASSERT(cap > n && cap < (1u << 31));
    SimEvent *ring = xmalloc(cap * sizeof *ring);
    for (uint32_t i = 0; i < n; i++) ring[i] = l->ring[(l->head + i) & l->mask];
    free(l->ring);
    l->ring = ring;
    l->head = 0;
    l->tail = n;
    l->mask = cap - 1;
}

/* ---- the interface ---------------------------------------------------------------- */

/* The calendar crossed a SMALL limit: file its events the other way. Rare, so out of
 * the push's line (its registers would cost every push). */
static COLD void reshape(EventQueue *q)
{
    if (q->loose)
        rebuild(q, q->log2_w, q->n_buckets); /* grown: into buckets again */
    else
        refile(q, q->log2_w, q->n_buckets, true); /* shrunk: one sorted array */
}

/* The current array grew past crowd_at: events pushed into it one by one (a burst of
 * them at the start of a run, before the first retune has measured the density: 150,000
 * closed-loop users' first requests within 5 ms all fell into one bucket of 1 ms) each
 * shift the later ones, O(n) a push. Narrow the buckets to what its own events' spread
 * says (about PER_BUCKET a bucket) and re-file; look again only when it has doubled, so
 * events at one instant (which no width separates) are not re-filed at every push. The
 * order of events does not change: it is (time, seq) whatever the width. */
static COLD void crowded(EventQueue *q)
{
    uint32_t n = q->n_cur - q->cur_head;
    double first = q->nodes[q->cur[q->cur_head]].ev.time, last = q->nodes[q->cur[q->n_cur - 1]].ev.time;
    q->crowd_at = n < UINT32_MAX / 2 ? 2 * n : UINT32_MAX;
    double span = last - first;
    if (!(span > 0) || !isfinite(span)) return;
    int log2_w = width_for(q, PER_BUCKET * span / n, last);
    if (log2_w >= q->log2_w) return;
    uint32_t n_buckets = MIN_BUCKETS;
    while (n_buckets < MAX_BUCKETS && n_buckets < q->n_cal) n_buckets *= 2;
    uint32_t again = q->crowd_at;
    rebuild(q, log2_w, n_buckets);
    if (q->n_cur - q->cur_head >= CROWDED) q->crowd_at = again; /* still crowded: not at every push */
}

void eq_cal_push(EventQueue *q, double time, uint64_t seq, uint32_t type, uint32_t a, uint32_t b,
                 uint32_t c)
{
    if (q->loose ? q->n_cur - q->cur_head >= SMALL
                 : q->n_cal <= SMALL / 2 && (q->n_wheel || q->n_ov))
        reshape(q);
    else if (q->n_cur - q->cur_head >= q->crowd_at)
        crowded(q);
    if (q->free_head == NIL) grow_pool(q);
    uint32_t id = q->free_head;
    EqNode *nd = &q->nodes[id];
    q->free_head = q->next[id];
    nd->ev = (SimEvent){.time = time, .seq = seq, .type = type, .a = a, .b = b, .c = c};
    q->n_cal++;
    q->pushes++;
    if (q->n_cur - q->cur_head < SMALL && (q->loose || (!q->n_wheel && !q->n_ov))) {
        /* few events, all in the current array: keep it that way, a bucket of its own */
        q->loose = true;
        cur_insert(q, id);
        return;
    }
    double x = time * q->inv_w;
    if (x < q->cur_end) {
        cur_insert(q, id);
    } else if (x < q->wheel_end) {
        wheel_add(q, id, (uint64_t)x);
    } else {
        q->ov_pushes++;
        ov_push(q, id);
    }
}

void eq_push(EventQueue *q, double time, uint32_t type, uint32_t a, uint32_t b, uint32_t c)
{
    eq_cal_push(q, time, q->next_seq++, type, a, b, c);
}

void eq_push_lane(EventQueue *q, int lane, double time, uint32_t type, uint32_t a, uint32_t b,
                  uint32_t c)
{
    eq_push_lane_inline(q, lane, time, type, a, b, c);
}

/* The calendar's earliest event when the current array is empty (the calendar is not):
 * the next bucket's first, or the overflow heap's top when advance() cannot number
 * its bucket. */
COLD const SimEvent *eq_cal_front_slow(EventQueue *q)
{
    if (advance(q)) return &q->nodes[q->cur[q->cur_head]].ev;
    return &q->nodes[q->ov[0]].ev;
}

int eq_pop(EventQueue *q, SimEvent *out)
{
    const SimEvent *ahead;
    return eq_pop_inline(q, out, &ahead);
}

/* ---- compaction --------------------------------------------------------------------- */

/* Rebuild the heap property of ov[0, n_ov) bottom-up. */
static void ov_heapify(EventQueue *q)
{
    const EqNode *nd = q->nodes;
    uint32_t *h = q->ov, n = q->n_ov;
    for (uint32_t top = n / 2; top-- > 0;) {
        uint32_t x = h[top], i = top;
        for (;;) {
            uint32_t child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && node_before(nd, h[child + 1], h[child])) child++;
            if (!node_before(nd, h[child], x)) break;
            h[i] = h[child];
            i = child;
        }
        h[i] = x;
    }
}

static void free_node(EventQueue *q, uint32_t id)
{
    q->next[id] = q->free_head;
    q->free_head = id;
    q->n_cal--;
}

size_t eq_compact(EventQueue *q, bool (*keep)(void *ctx, const SimEvent *ev), void *ctx)
{
    size_t removed = 0;
    for (int i = 0; i < q->n_lanes; i++) { /* in place, in order */
        EqLane *l = &q->lanes[i];
        uint32_t w = l->head;
        for (uint32_t r = l->head; r != l->tail; r++) {
            const SimEvent *ev = &l->ring[r & l->mask];
            if (keep(ctx, ev))
                l->ring[w++ & l->mask] = *ev;
            else
                removed++;
        }
        l->tail = w;
        if (l->head == l->tail) {
            l->last = -INFINITY;
            q->head_t[i] = INFINITY;
            q->head_s[i] = UINT64_MAX;
        } else {
            l->last = l->ring[(l->tail - 1) & l->mask].time;
            q->head_t[i] = l->ring[l->head & l->mask].time;
            q->head_s[i] = l->ring[l->head & l->mask].seq;
        }
    }
    /* the current bucket: sorted, stays sorted */
    uint32_t w = q->cur_head;
    for (uint32_t r = q->cur_head; r < q->n_cur; r++) {
        uint32_t id = q->cur[r];
        if (keep(ctx, &q->nodes[id].ev)) {
            q->cur[w++] = id;
        } else {
            free_node(q, id);
            removed++;
        }
    }
    q->n_cur = w;
    /* the wheel's lists: unordered, relinked without the dropped */
    for (uint32_t word = 0; q->n_wheel && word < q->n_buckets / 64; word++) {
        for (uint64_t bits = q->bits[word]; bits; bits &= bits - 1) {
            uint32_t b = (word << 6) | (uint32_t)__builtin_ctzll(bits);
            uint32_t head = NIL, *link = &head;
            for (uint32_t id = q->heads[b], nx; id != NIL; id = nx) {
                nx = q->next[id];
                if (keep(ctx, &q->nodes[id].ev)) {
                    *link = id;
                    link = &q->next[id];
                } else {
                    free_node(q, id);
                    q->n_wheel--;
                    removed++;
                }
            }
            *link = NIL;
            q->heads[b] = head;
            if (head == NIL) q->bits[word] &= ~(1ull << (b & 63));
        }
    }
    /* the overflow heap: filtered, then heapified again (keys are unique) */
    uint32_t n_ov = 0;
    for (uint32_t r = 0; r < q->n_ov; r++) {
        uint32_t id = q->ov[r];
        if (keep(ctx, &q->nodes[id].ev)) {
            q->ov[n_ov++] = id;
        } else {
            free_node(q, id);
            removed++;
        }
    }
    if (n_ov != q->n_ov) {
        q->n_ov = n_ov;
        ov_heapify(q);
    }
    return removed;
}

uint64_t eq_pushes(const EventQueue *q) { return q->next_seq; }

size_t eq_size(const EventQueue *q)
{
    size_t n = q->n_cal; /* the lanes keep no count: a push and a pop do less */
    for (int i = 0; i < q->n_lanes; i++) n += q->lanes[i].tail - q->lanes[i].head;
    return n;
}

size_t eq_capacity(const EventQueue *q)
{
    size_t cap = q->cap;
    for (int i = 0; i < q->n_lanes; i++) cap += q->lanes[i].mask + 1;
    return cap;
}

double eq_peek_time(const EventQueue *q)
{
    double best = INFINITY;
    for (int i = 0; i < q->n_lanes; i++)
        if (q->head_t[i] < best) best = q->head_t[i];
    if (q->n_cal == 0) return best;
    if (q->cur_head < q->n_cur) {
        double t = q->nodes[q->cur[q->cur_head]].ev.time;
        return t < best ? t : best;
    }
    if (q->n_wheel) {
        uint32_t s = (uint32_t)next_bucket(q) & (q->n_buckets - 1);
        for (uint32_t id = q->heads[s]; id != NIL; id = q->next[id])
            if (q->nodes[id].ev.time < best) best = q->nodes[id].ev.time;
    }
    if (q->n_ov && q->nodes[q->ov[0]].ev.time < best) best = q->nodes[q->ov[0]].ev.time;
    return best;
}
