/*
 * engine.c - the discrete-event simulator: the event loop, jobs (a request's visit
 * to a node), calls (a request crossing an edge, with its retries), node
 * admission, slots and queues, scenario events and statistics.
 *
 * A request is born at a client as a root job. At a node a job is admitted (rate
 * limit, bounded queue), waits for a slot, holds it for a service time, then makes
 * the node's downstream calls (sequential or parallel), then answers its caller.
 * Kinds differ only in their downstream rule (node_rules.c and begin_calls below).
 * Zero delays are handled inline rather than through the event queue; the order of
 * equal-time events is their scheduling order, so runs are deterministic.
 * See docs/semantics.md for the model a user reasons with.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_internal.h"
#include "hot_path.h"

#define ROOT_SPAN (NONE - 1) /* span_new's parent for the root of a trace */
#include "sim/analytic.h"
#include "sim/numfmt.h"
#include "sim/tr.h"
#include "sim/requirements.h"
#include "sim/util.h"

/* ---- small containers ------------------------------------------------------ */

static void fifo_push(Fifo *f, uint32_t v)
{
    if (f->len == f->cap) {
        uint32_t nc = f->cap ? f->cap * 2 : 16;
        uint32_t *it = xmalloc(nc * sizeof *it);
        for (uint32_t i = 0; i < f->len; i++) it[i] = f->items[(f->head + i) & (f->cap - 1)];
        free(f->items);
        f->items = it;
        f->head = 0;
        f->cap = nc;
    }
    f->items[(f->head + f->len) & (f->cap - 1)] = v;
    f->len++;
}

static void fifo_push_front(Fifo *f, uint32_t v)
{
    fifo_push(f, v); /* grows when full; then rotate the new item to the front */
    f->len--;
    f->head = (f->head + f->cap - 1) & (f->cap - 1);
    f->items[f->head] = v;
    f->len++;
}

static uint32_t fifo_pop(Fifo *f)
{
    uint32_t v = f->items[f->head];
    f->head = (f->head + 1) & (f->cap - 1);
    f->len--;
    return v;
}

static void msg_push(MsgFifo *f, Msg m)
{
    if (f->len == f->cap) {
        uint32_t nc = f->cap ? f->cap * 2 : 16;
        Msg *it = xmalloc(nc * sizeof *it);
        for (uint32_t i = 0; i < f->len; i++) it[i] = f->items[(f->head + i) & (f->cap - 1)];
        free(f->items);
        f->items = it;
        f->head = 0;
        f->cap = nc;
    }
    f->items[(f->head + f->len) & (f->cap - 1)] = m;
    f->len++;
}

static Msg msg_pop(MsgFifo *f)
{
    Msg m = f->items[f->head];
    f->head = (f->head + 1) & (f->cap - 1);
    f->len--;
    return m;
}

/* ---- pools ------------------------------------------------------------------- */

/* The pool is full: double it (and the per-job arrays beside it). */
static COLD void grow_jobs(Engine *e)
{
    /* grow into a cache-line aligned block: one job, one line */
    uint32_t cap = e->cap_jobs ? e->cap_jobs * 2 : 1024;
    Job *jobs = NULL;
    if (posix_memalign((void **)&jobs, 64, cap * sizeof *jobs) != 0)
        jobs = xmalloc(cap * sizeof *jobs); /* aborts on out of memory */
    if (e->n_jobs) memcpy(jobs, e->jobs, e->n_jobs * sizeof *jobs);
    free(e->jobs);
    e->jobs = jobs;
    e->cap_jobs = cap;
    if (e->job_key) {
        e->job_key = xrealloc(e->job_key, (size_t)cap * sizeof *e->job_key);
        e->job_cflags = xrealloc(e->job_cflags, (size_t)cap * sizeof *e->job_cflags);
    }
    if (e->job_zone) e->job_zone = xrealloc(e->job_zone, (size_t)cap * sizeof *e->job_zone);
    if (e->job_extra_s) {
        e->job_extra_s = xrealloc(e->job_extra_s, (size_t)cap * sizeof *e->job_extra_s);
        e->job_fan_items = xrealloc(e->job_fan_items, (size_t)cap * sizeof *e->job_fan_items);
    }
}

static STEP uint32_t job_new(Engine *e, uint32_t node, uint16_t type, uint16_t flags)
{
    uint32_t id, gen = 0;
    if (e->free_jobs != NONE) {
        id = e->free_jobs;
        e->free_jobs = e->jobs[id].next;
        gen = e->jobs[id].gen;
    } else {
        if (e->n_jobs == e->cap_jobs) grow_jobs(e);
        id = e->n_jobs++;
    }
    e->live_jobs++;
    e->jobs[id] = (Job){.node = node, .station = NONE, .call = NONE, .gen = gen, .span = NONE,
                        .type = type, .flags = flags, .t_arrive = e->now, .t_origin = e->now};
    if (e->job_key) {
        e->job_key[id] = NONE;
        e->job_cflags[id] = 0;
    }
    if (e->job_extra_s) {
        e->job_extra_s[id] = 0;
        e->job_fan_items[id] = 0;
    }
    return id; /* job_zone[id]: written by send_along before any read (a root's is never read) */
}

static void job_free(Engine *e, uint32_t id)
{
    Job *j = &e->jobs[id];
    e->dead_timers += (j->flags & JF_TIMER) != 0; /* its client timeout will never fire */
    e->live_jobs--;
    j->gen++;
    j->next = e->free_jobs;
    e->free_jobs = id;
}

static uint32_t call_new(Engine *e, uint32_t parent, uint32_t edge)
{
    uint32_t id;
    if (e->free_calls != NONE) {
        id = e->free_calls;
        e->free_calls = e->calls[id].next;
    } else {
        if (e->n_calls == e->cap_calls) {
            e->cap_calls = e->cap_calls ? e->cap_calls * 2 : 1024;
            e->calls = xrealloc(e->calls, e->cap_calls * sizeof *e->calls);
            if (e->call_key)
                e->call_key = xrealloc(e->call_key, (size_t)e->cap_calls * sizeof *e->call_key);
            if (e->call_items)
                e->call_items = xrealloc(e->call_items, (size_t)e->cap_calls * sizeof *e->call_items);
        }
        id = e->n_calls++;
        e->calls[id].gen = 0;
    }
    e->live_calls++;
    Call *c = &e->calls[id];
    c->parent = parent;
    c->edge = edge;
    c->attempt = 0;
    c->span = NONE;
    c->timer = false;
    return id;
}

static void call_free(Engine *e, uint32_t id)
{
    Call *c = &e->calls[id];
    e->live_calls--;
    c->gen++;
    c->next = e->free_calls;
    e->free_calls = id;
}

/* ---- keys (caches' key model) ---------------------------------------------------- */

/* A key of request type `type` by its popularity (rank - 1), NONE when it has none. */
static uint32_t draw_key(Engine *e, uint32_t type)
{
    RType *t = &e->types[type];
    if (!t->has_keys) return NONE;
    return key_sampler_draw(&t->keys, &t->key_rng) - 1;
}

/* The key a call of job jid down edge ed carries: the job's own, or, when the edge has a
 * fan-out (any fanout other than the constant 1), a key of its own per copy: a fan-out
 * reads many keys of the request type, drawn by the same popularity. */
static uint32_t edge_key(Engine *e, uint32_t jid, const REdge *ed)
{
    if (!e->job_key) return NONE;
    uint32_t k = e->job_key[jid];
    if (k != NONE && !ed->fanout_one) k = draw_key(e, e->jobs[jid].type);
    return k;
}

/* ---- statistics ---------------------------------------------------------------- */

static STEP void repl_account(Repl *r, double dt)
{
    r->pbusy_area += (double)r->pbusy * dt;
    r->nopri_area += r->n_nopri * dt;
}

/* Bring the node's time-weighted areas up to now, before what they weigh changes: at
 * every slot taken and freed, so inline (a database with read replicas keeps its
 * primaries' busy area too: two more multiply-adds there). */
static STEP void node_account(Engine *e, RNode *n)
{
    double dt = e->now - n->last_t;
    if (dt > 0) {
        n->busy_area += (double)n->busy * dt;
        n->q_area += (double)n->qlen * dt;
        /* no messages held (all but queue nodes) would add +0 to an area >= +0: skipped,
         * the sum is the same */
        if (n->backlog) n->backlog_area += (double)n->backlog * dt;
        if (n->repl) repl_account(n->repl, dt);
        n->last_t = e->now;
    }
}

/* A server's busy and up slot time up to now (nodes of several servers). */
static inline void station_account(const Engine *e, const Station *s, StationTime *t)
{
    double dt = e->now - t->last_t;
    if (dt > 0) {
        t->busy_area += (double)s->busy * dt;
        t->up_area += (double)s->alive * dt;
        t->last_t = e->now;
    }
}

/* Before server k of n takes or frees a slot (or fails, or comes back): its areas up to
 * now, and it joins the row's active servers. One that was not active was idle since the
 * row began (busy servers stay active), its servers up all the while (a change of them
 * makes every server active): the row's areas begin that long ago. */
static inline void station_touch(Engine *e, RNode *n, uint32_t k)
{
    StationTime *t = &n->st_time[k];
    station_account(e, &n->st[k], t);
    if (t->active) return;
    t->active = true;
    n->st_active[n->n_active++] = k;
    t->tick_busy = t->busy_area;
    t->tick_up = t->up_area - (double)n->st[k].alive * (e->now - e->row_t);
}

/* Before servers of n fail or come back: the node's areas and each server's. */
static void account_servers(Engine *e, RNode *n)
{
    node_account(e, n);
    for (int i = 0; n->st_time && i < n->n_stations; i++) station_touch(e, n, (uint32_t)i);
}

/* Failed slot time up to now: `slots` down since *since (they change only where this is
 * called first, so it is exact whenever it is called). */
static void downtime_account(const Engine *e, int64_t slots, double *area, double *since)
{
    if (slots) *area += (double)slots * (e->now - *since);
    *since = e->now;
}

/* A node's failed servers (down_slots changes only in servers_changed). */
static void down_account(const Engine *e, RNode *n)
{
    downtime_account(e, n->down_slots, &n->down_area, &n->down_t);
}

/* The same for a replicated database's primaries: their failed slot time up to now, and
 * their failed slots counted again after a change of servers or of a shard's primary. */
static void primaries_changed(const Engine *e, RNode *n)
{
    Repl *r = n->repl;
    downtime_account(e, r->pdown_slots, &r->pdown_area, &r->pdown_t);
    int64_t down = 0;
    for (int sh = 0; sh < n->def->shards; sh++) {
        const Station *s = &n->st[(uint32_t)(sh * n->per_shard) + r->primary[sh]];
        down += s->slots - s->alive;
    }
    r->pdown_slots = down;
}

/* Busy slot time over the slot time of servers that were up (of all slots while none
 * failed: the same division, bit for bit); 0 when none was up. */
static double utilisation_of(double busy_area, int64_t slots, double span_s, double down_area)
{
    double up = (double)slots * span_s;
    if (down_area > 0) up -= down_area;
    return slots && up > 0 ? busy_area / up : 0;
}

/* The share of slot time up, for the report (NF_UP_SHARE, NF_PRIMARY_UP_SHARE): -1 when
 * none of those slots failed. */
static double up_share_of(int64_t slots, double span_s, double down_area)
{
    return down_area > 0 && slots ? 1 - down_area / ((double)slots * span_s) : -1;
}

/* Database with replication: is station s the primary of its shard? (A byte per
 * station: no division on every slot taken and freed.) */
static bool is_primary(const RNode *n, uint32_t s)
{
    return n->repl->prim_st[s] != 0;
}

static void note_queue(RNode *n)
{
    if (n->qlen > n->max_q) n->max_q = (double)n->qlen;
}

static void drop(Engine *e, RNode *n, ErrCause why)
{
    (void)e;
    switch (why) {
    case ERR_REJECTED: n->rejected++; break;
    case ERR_RATE_LIMITED: n->rate_limited++; break;
    case ERR_FAILED: n->failed++; break;
    default: break;
    }
}

/* ---- the traced request ---------------------------------------------------------- */

/* A new hop of the traced request, called by span `parent` down `edge`; NONE once
 * TRACE_MAX_SPANS hops are recorded or when the caller is not traced. */
static COLD uint32_t span_add(Engine *e, uint32_t parent, int node, int edge, bool async)
{
    if (e->n_spans >= TRACE_MAX_SPANS) return NONE;
    if (e->n_spans == e->cap_spans) {
        e->cap_spans = e->cap_spans ? e->cap_spans * 2 : 64;
        e->spans = xrealloc(e->spans, e->cap_spans * sizeof *e->spans);
    }
    TraceSpan *s = &e->spans[e->n_spans];
    s->node = node;
    s->parent = parent == ROOT_SPAN ? -1 : (int)parent;
    s->edge = edge;
    s->attempt = 0;
    s->async = async;
    s->err = 0;
    s->t_sent = e->now;
    s->t_arrive = s->t_start = s->t_served = s->t_replied = s->t_received = NAN;
    return e->n_spans++;
}

/* Almost every hop is of an untraced request: that test is inline. */
static inline uint32_t span_new(Engine *e, uint32_t parent, int node, int edge, bool async)
{
    return parent == NONE ? NONE : span_add(e, parent, node, edge, async);
}

#define SPAN_AT(e, span, field)                                                           \
    do {                                                                                  \
        if ((span) != NONE) (e)->spans[span].field = (e)->now;                            \
    } while (0)

/* The run was asked to stop (SimOptions.cancel): seen once, remembered, so the event loop
 * stops after the handler that saw it. Only a cancelled run's figures (dropped) depend on
 * where a handler stopped. */
static bool cancel_asked(Engine *e)
{
    if (!e->cancel_seen && e->opt.cancel && *e->opt.cancel) {
        e->cancel_seen = true;
        e->check_at = 0; /* the loop looks after this event */
    }
    return e->cancel_seen;
}

/* ---- forward declarations ------------------------------------------------------ */

static void job_arrive(Engine *e, uint32_t jid);
static void job_reply(Engine *e, uint32_t jid, ErrCause err);
static inline void issue_calls(Engine *e, uint32_t jid);
static void call_result(Engine *e, uint32_t cid, ErrCause err);
static void send_attempt(Engine *e, uint32_t cid);
static void direct_result(Engine *e, uint32_t ref, uint32_t edge_id, ErrCause err);
static inline void pump(Engine *e, uint32_t node, uint32_t station);

static void schedule(Engine *e, double delay, uint32_t type, uint32_t a, uint32_t b, uint32_t c)
{
    eq_push_inline(e->q, e->now + delay, type, a, b, c);
}

/* A fixed delay (an edge's latency, a constant service time, a timeout): its events
 * come in time order, so they go to the queue's FIFO for that delay (engine_create
 * assigns the lanes; the order of events is the same either way). */
static void schedule_fixed(Engine *e, int lane, double delay, uint32_t type, uint32_t a,
                           uint32_t b, uint32_t c)
{
    eq_push_lane_inline(e->q, lane, e->now + delay, type, a, b, c);
}

/* Job `jid` reaches the end of edge `ed` after `delay` (> 0). Arrivals at the same
 * time pushed one right after the other (a fan-out of calls, messages handed to
 * consumers) are adjacent in the queue's (time, seq) order, nothing can come between
 * them, and what their handling pushes comes after them all: so they share one event
 * and are handled in a row, in the order they were sent, exactly as separate events
 * would be. The event count stays that of separate events. */
static STEP void schedule_arrive(Engine *e, const REdge *ed, uint32_t jid, double delay)
{
    double t = e->now + delay;
    Job *j = &e->jobs[jid];
    j->batch = NONE;
    if (e->batch_tail != NONE && t == e->batch_time && e->q->next_seq == e->batch_after) {
        e->jobs[e->batch_tail].batch = jid;
    } else {
        eq_push_lane_inline(e->q, ed->lane_req, t, EV_ARRIVE, jid, j->gen, 0);
        e->batch_time = t;
        e->batch_after = e->q->next_seq;
    }
    e->batch_tail = jid;
}

/* An arrival event: its job, then the ones that share the event. */
static void arrive_batch(Engine *e, uint32_t jid)
{
    for (;;) {
        uint32_t next = e->jobs[jid].batch; /* before: the job may be answered and freed */
        job_arrive(e, jid);
        if (next == NONE) return;
        e->events++;
        jid = next;
    }
}

/* Zero delays are handled inline, but a chain of them (a request answered down a long
 * chain of zero-latency edges, 100k nodes deep) would nest that many calls on the C
 * stack. Past INLINE_DEPTH_MAX nested steps the next one goes through the queue at the
 * same instant instead, after what is already due then: deterministic, and only ever
 * taken by chains deeper than any a person draws. */
#define INLINE_DEPTH_MAX 256

/* The last INSTANT_SAMPLE events of an instant's budget (SimOptions.instant_budget, at
 * least this) are attributed to the nodes that handle them, for the error's message. */
#define INSTANT_SAMPLE (UINT64_C(1) << 16)

/* A draw of a fan-out: at most FANOUT_MAX (the format's largest constant), so that an
 * uncapped heavy tail cannot ask for billions of calls (or overflow 32 bits). */
#define FANOUT_MAX 1e7

/* Job `jid` reaches its node now (an edge without delay). */
static STEP void arrive_now(Engine *e, uint32_t jid)
{
    if (e->depth >= INLINE_DEPTH_MAX) {
        e->jobs[jid].batch = NONE;
        eq_push(e->q, e->now, EV_ARRIVE, jid, e->jobs[jid].gen, 0);
        return;
    }
    e->depth++;
    job_arrive(e, jid);
    e->depth--;
}

/* ---- zones --------------------------------------------------------------------------- */

bool engine_zone_alive(const Engine *e, const RNode *n, int z)
{
    if (n->n_up == 0 || z < 0) return false;
    if (n->zone == ZONE_SPREAD) return n->zcount[z] > 0 && e->zone_down[z] == 0;
    return n->zone == z;
}

/* A spread node's zone for job jid when the job did not record one: one of its zones with a
 * server up, in proportion to their servers, by a hash of the job. */
static int spread_zone(const Engine *e, const RNode *n, uint32_t jid)
{
    uint64_t total = 0;
    for (int z = 0; z < e->n_zones; z++) total += e->zone_down[z] ? 0 : n->zcount[z];
    if (total == 0) return 0;
    uint64_t h = ((uint64_t)jid << 32 | e->jobs[jid].gen) * 0x9e3779b97f4a7c15ull;
    uint64_t pick = (h >> 17) % total;
    for (int z = 0; z < e->n_zones; z++) {
        uint64_t c = e->zone_down[z] ? 0 : n->zcount[z];
        if (pick < c) return z;
        pick -= c;
    }
    return 0;
}

int engine_job_zone(const Engine *e, uint32_t node, uint32_t jid)
{
    if (!e->job_zone) return -1;
    if (jid != NONE && !(e->jobs[jid].flags & JF_ROOT) && e->job_zone[jid] >= 0) return e->job_zone[jid];
    const RNode *n = &e->nodes[node];
    if (n->zone >= 0) return n->zone;
    if (n->zone == ZONE_SPREAD && jid != NONE) return spread_zone(e, n, jid);
    return -1;
}

/* The zone a call from zone `from` reaches at node n with job jid: its own zone, or for a
 * spread node its servers in `from` when they are up, else the nearest zone with a server
 * up; a database's writes go to the zone of shard 0's primary. -1: n is not placed. */
static int callee_zone(const Engine *e, const RNode *n, int from, uint32_t jid)
{
    if (n->zone != ZONE_SPREAD) return n->zone >= 0 ? n->zone : -1;
    if (n->kind == NODE_DATABASE && e->types[e->jobs[jid].type].op == OP_WRITE) {
        uint32_t prim = n->repl ? n->repl->primary[0] : 0;
        return scenario_find_zone(&e->model->scenario, n->def->zones[prim % (uint32_t)n->def->n_zones]);
    }
    if (from < 0) return spread_zone(e, n, jid); /* an unplaced caller: in proportion */
    if (n->zcount[from] > 0 && !e->zone_down[from]) return from;
    int best = -1;
    for (int z = 0; z < e->n_zones; z++) {
        if (!n->zcount[z] || e->zone_down[z]) continue;
        if (best < 0 || e->zlat_s[from * e->n_zones + z] < e->zlat_s[from * e->n_zones + best])
            best = z;
    }
    for (int z = 0; z < e->n_zones && best < 0; z++) /* all down: the first of its zones */
        if (n->zcount[z]) best = z;
    return best;
}

/* Job jid sets out along edge ed from the caller's job `from` (NONE: none is known) in a
 * design with zones: the zone it reaches is recorded, a call between zones or regions
 * counted, and the one-way latency returned (the edge's, or the zones'). */
COLD static double zone_route(Engine *e, REdge *ed, uint32_t jid, uint32_t from)
{
    int a = engine_job_zone(e, ed->from, from);
    int b = callee_zone(e, &e->nodes[ed->to], a, jid);
    e->job_zone[jid] = (int16_t)b;
    if (a < 0 || b < 0) return ed->lat_s;
    if (e->measuring && a != b) {
        ed->n_xzone++;
        if (e->zregion[a] != e->zregion[b]) ed->n_xregion++;
    }
    return ed->zlat ? e->zlat_s[a * e->n_zones + b] : ed->lat_s;
}

/* The way back of job jid's answer along ed to its caller's job: the zones', or the edge's. */
COLD static double zone_back_s(const Engine *e, const REdge *ed, uint32_t jid, uint32_t caller)
{
    int a = engine_job_zone(e, ed->from, caller), b = e->job_zone[jid];
    return a >= 0 && b >= 0 ? e->zlat_s[b * e->n_zones + a] : ed->lat_s;
}

/* Job jid sets out along edge ed from the caller's job `from` (NONE: none, or unknown): it
 * arrives after the edge's latency and the request's transmission time, or at once when
 * they are 0. */
static STEP void send_along(Engine *e, REdge *ed, uint32_t jid, uint32_t from)
{
    double delay = (e->job_zone ? zone_route(e, ed, jid, from) : ed->lat_s) + ed->req_tx_s;
    if (delay > 0)
        schedule_arrive(e, ed, jid, delay);
    else
        arrive_now(e, jid);
}

/* ---- autoscaling ------------------------------------------------------------------ */

/* Bring the serving and held instance-second integrals up to now. */
static void scale_account(Engine *e, Scale *sc)
{
    double dt = e->now - sc->t_acc;
    if (dt > 0) {
        sc->alive_area += (double)sc->serving * dt;
        sc->held_area += (double)(sc->serving + sc->booting + sc->draining) * dt;
        sc->t_acc = e->now;
    }
}

static void scale_note(Engine *e, const RNode *n, ScaleAction a, int count, double metric)
{
    Scale *sc = n->scale;
    int held = sc->serving + sc->booting + sc->draining;
    if (e->measuring && held > sc->held_max) sc->held_max = held;
    if (e->n_scale_log >= SCALE_LOG_MAX) return;
    if (e->n_scale_log == e->cap_scale_log) {
        e->cap_scale_log = e->cap_scale_log ? 2 * e->cap_scale_log : 64;
        e->scale_log = xrealloc(e->scale_log, (size_t)e->cap_scale_log * sizeof *e->scale_log);
    }
    e->scale_log[e->n_scale_log++] = (ScaleEvent){e->now, (int)(n - e->nodes), a, count,
                                                  sc->serving, sc->booting, sc->desired, metric};
}

/* An async-io node's in-flight places all taken (NF_INFLIGHT_FULL_S): its time so is
 * kept at each change that ends or begins it. */
static inline bool inflight_full(const RNode *n)
{
    return n->max_inflight > 0 && n->inflight >= n->max_inflight;
}

static void inflight_changed(Engine *e, RNode *n, bool was_full)
{
    bool full = inflight_full(n);
    if (full && !was_full) n->inflight_full_from = e->now;
    if (was_full && !full) n->inflight_full_s += e->now - n->inflight_full_from;
}

/* The station's live slots and in-flight limit follow the serving instances. */
static void scale_set_alive(Engine *e, RNode *n)
{
    Scale *sc = n->scale;
    node_account(e, n);
    n->st[0].alive = (int64_t)sc->serving * sc->workers;
    bool was_full = inflight_full(n);
    n->max_inflight = (int64_t)sc->serving * sc->inflight_per;
    inflight_changed(e, n, was_full);
    bool was_up = n->n_up > 0;
    n->n_up = n->st[0].alive > 0;
    e->n_down += was_up && n->n_up == 0;
    e->n_down -= !was_up && n->n_up > 0;
    if (was_up && n->n_up == 0) n->down_since = e->now;
}

/* Draining instances leave as soon as the slots still busy fit in the serving ones:
 * an instance that stopped taking work leaves when it is idle. */
COLD static void scale_drain(Engine *e, RNode *n)
{
    Scale *sc = n->scale;
    int64_t over = n->st[0].busy - n->st[0].alive;
    int need = over > 0 ? (int)((over + sc->workers - 1) / sc->workers) : 0;
    if (need >= sc->draining) return;
    scale_account(e, sc);
    int left = sc->draining - need;
    sc->draining = need;
    scale_note(e, n, SCALE_LEFT, left, 0);
}

static inline void pump(Engine *e, uint32_t node, uint32_t station);
static void flush_station(Engine *e, RNode *n, Station *s);

/* EV_SCALE b = 1: `count` instances launched boot_s ago begin to serve. */
static void scale_ready(Engine *e, uint32_t node, int count)
{
    RNode *n = &e->nodes[node];
    Scale *sc = n->scale;
    scale_account(e, sc);
    if (count > sc->booting) count = sc->booting;
    sc->booting -= count;
    sc->serving += count;
    scale_set_alive(e, n);
    scale_note(e, n, SCALE_READY, count, 0);
    pump(e, node, 0);
}

/* EV_SCALE b = 0: the policy's evaluation (docs/semantics.md, "Autoscaling"). The metric
 * is averaged over the interval since the last one, per serving instance-second; then
 * desired = ceil(current x metric / target), current the mean serving instances over the
 * interval, clamped to [min_instances, max_instances]. */
static void scale_evaluate(Engine *e, uint32_t node)
{
    RNode *n = &e->nodes[node];
    Scale *sc = n->scale;
    const Autoscale *p = sc->p;
    node_account(e, n);
    scale_account(e, sc);
    double busy = sc->busy_off + n->busy_area, load = busy + sc->q_off + n->q_area;
    uint64_t arr = sc->arr_off + n->arrivals;
    double alive = sc->alive_area - sc->e_alive; /* serving instance-seconds */
    double metric = 0;
    if (alive > 0) {
        switch (p->metric) {
        case SCALE_UTILISATION: metric = (busy - sc->e_busy) / (alive * (double)sc->workers); break;
        case SCALE_INFLIGHT: metric = (load - sc->e_load) / alive; break;
        case SCALE_RATE: metric = (double)(arr - sc->e_arr) / alive; break;
        default: break;
        }
    }
    /* current = the mean serving instances over the interval, the count the metric was
     * measured on (an instance that began to serve at this instant has no share of it);
     * 1e-9: a metric exactly at the target keeps the count (no rounding noise up) */
    double dt = e->now - sc->last_eval;
    double current = dt > 0 ? alive / dt : sc->serving;
    double want = alive > 0 ? ceil(current * metric / p->target - 1e-9) : 0;
    int desired = want > p->max_instances ? p->max_instances : (int)want;
    if (desired < p->min_instances) desired = p->min_instances;
    sc->desired = desired;
    int have = sc->serving + sc->booting;
    if (desired > have && e->now - sc->last_out >= p->scale_out_cooldown_s) {
        int k = desired - have;
        sc->booting += k;
        sc->last_out = sc->last_action = e->now;
        if (e->measuring) {
            sc->outs++;
            sc->launched += (uint64_t)k;
        }
        scale_note(e, n, SCALE_OUT, k, metric);
        schedule(e, p->boot_s, EV_SCALE, node, 1, (uint32_t)k);
    } else if (desired < sc->serving && sc->booting == 0 &&
               e->now - sc->last_action >= p->scale_in_cooldown_s) {
        int k = sc->serving - desired;
        sc->serving -= k;
        sc->draining += k;
        sc->last_action = e->now;
        if (e->measuring) sc->ins++;
        scale_set_alive(e, n);
        scale_note(e, n, SCALE_IN, k, metric);
        scale_drain(e, n);
    }
    sc->e_busy = busy;
    sc->e_load = load;
    sc->e_arr = arr;
    sc->e_alive = sc->alive_area;
    sc->last_eval = e->now;
    schedule(e, p->interval_s, EV_SCALE, node, 0, 0);
}

/* A fail event on an autoscaled node takes `count` serving instances (0 = all) out; its
 * end brings them back, as far as max_instances leaves room. Failed instances are not
 * paid for; the policy sees fewer serving and may launch replacements. */
static void scale_fail(Engine *e, RNode *n, int count, int sign)
{
    Scale *sc = n->scale;
    scale_account(e, sc);
    if (sign > 0) {
        int k = count <= 0 || count > sc->serving ? sc->serving : count;
        sc->serving -= k;
        sc->failed += k;
    } else {
        int k = count <= 0 || count > sc->failed ? sc->failed : count;
        sc->failed -= k;
        int room = sc->p->max_instances - sc->serving - sc->booting - sc->draining;
        sc->serving += k < room ? k : room > 0 ? room : 0;
    }
    scale_set_alive(e, n);
    if (n->st[0].alive == 0) flush_station(e, n, &n->st[0]);
    if (sc->draining) scale_drain(e, n);
}

/* ---- slots --------------------------------------------------------------------- */

static bool can_start(const RNode *n, const Station *s)
{
    return s->busy < s->alive && (n->io == IO_BLOCKING || n->inflight < n->max_inflight);
}

static STEP void take_slot(Engine *e, RNode *n, Station *s, Job *j)
{
    node_account(e, n);
    if (n->st_time) station_touch(e, n, (uint32_t)(s - n->st));
    s->busy++;
    n->busy++;
    if (n->repl && is_primary(n, (uint32_t)(s - n->st))) n->repl->pbusy++;
    j->flags |= JF_HOLDS_SLOT;
    if (n->io == IO_ASYNC) {
        if (++n->inflight == n->max_inflight) n->inflight_full_from = e->now; /* none was over */
        j->flags |= JF_HOLDS_INFLIGHT;
    }
}

static void release_slot_now(Engine *e, uint32_t jid)
{
    Job *j = &e->jobs[jid];
    RNode *n = &e->nodes[j->node];
    node_account(e, n);
    if (n->st_time) station_touch(e, n, j->station);
    n->st[j->station].busy--;
    n->busy--;
    if (n->repl && is_primary(n, j->station)) n->repl->pbusy--;
    j->flags &= (uint16_t)~JF_HOLDS_SLOT;
    if (n->scale && n->scale->draining) scale_drain(e, n);
    pump(e, j->node, j->station);
}

/* Free the job's slot if it holds one (an async-io job has freed it when its service
 * ended, before it finishes): that test is inline. */
static inline void release_slot(Engine *e, uint32_t jid)
{
    if (e->jobs[jid].flags & JF_HOLDS_SLOT) release_slot_now(e, jid);
}

/* An async-io job's place among its node's max_inflight, held until it finishes (the
 * caller tests JF_HOLDS_INFLIGHT). */
static void release_inflight(Engine *e, uint32_t jid)
{
    Job *j = &e->jobs[jid];
    RNode *n = &e->nodes[j->node];
    bool was_full = inflight_full(n);
    n->inflight--;
    inflight_changed(e, n, was_full);
    j->flags &= (uint16_t)~JF_HOLDS_INFLIGHT;
    pump(e, j->node, j->station);
}

static STEP void start_service(Engine *e, uint32_t jid)
{
    Job *j = &e->jobs[jid];
    RNode *n = &e->nodes[j->node];
    if (e->measuring) hist_put(n->wait_ms, (e->now - j->t_arrive) * 1000.0);
    SPAN_AT(e, j->span, t_start);
    double s = sampler_draw(&n->service, &n->rng) * n->slow / 1000.0;
    if (e->job_extra_s && e->job_extra_s[jid] > 0) { /* a batched call's items past one */
        s += e->job_extra_s[jid] * n->slow;
        schedule(e, s, EV_DONE, jid, 0, 0);
        return;
    }
    schedule_fixed(e, n->lane_service, s, EV_DONE, jid, 0, 0);
}

/* Start waiting jobs while slots are free; then pull messages from queues feeding
 * this node. Own queue first: pulled messages never overtake direct requests. */
static void pull_messages(Engine *e, uint32_t node);

static void pump_slow(Engine *e, uint32_t node, uint32_t station)
{
    RNode *n = &e->nodes[node];
    Station *s = &n->st[station];
    while (s->queue.len > 0 && can_start(n, s)) {
        uint32_t jid = fifo_pop(&s->queue);
        take_slot(e, n, s, &e->jobs[jid]); /* accounts the node first, queue as it was */
        n->qlen--;
        start_service(e, jid);
    }
    if (n->n_feeders > 0 && s->queue.len == 0) pull_messages(e, node);
}

/* Most slots are freed with nobody waiting and nothing to pull: that test is inline. */
static inline void pump(Engine *e, uint32_t node, uint32_t station)
{
    const RNode *n = &e->nodes[node];
    if (n->st[station].queue.len > 0 || n->n_feeders > 0) pump_slow(e, node, station);
}

/* ---- queue nodes and their consumers ----------------------------------------- */

/* The station a consumer pulls into: its only one (a database: shard 0's primary, the
 * server that holds that role now after a failover). */
static uint32_t consumer_station(const RNode *c)
{
    return c->repl ? c->repl->primary[0] : 0;
}

static void deliver_tracked(Engine *e, uint32_t edge_id);

static bool has_message(const Engine *e, const REdge *ed)
{
    if (ed->group == NONE) return ed->msgs.len > 0;
    const QGroup *g = &e->groups[ed->group];
    return g->serial ? g->ready.len > 0 : g->lanes[0].q.len > 0;
}

static void deliver_message(Engine *e, uint32_t edge_id)
{
    REdge *ed = &e->edges[edge_id];
    if (ed->group != NONE) {
        deliver_tracked(e, edge_id);
        return;
    }
    RNode *q = &e->nodes[ed->from];
    RNode *c = &e->nodes[ed->to];
    Msg m = msg_pop(&ed->msgs);
    e->held_msgs--;
    if (e->measuring) ed->n_calls++;
    node_account(e, q);
    q->backlog--;
    uint32_t jid = job_new(e, ed->to, m.type, JF_DETACHED | JF_RESERVED);
    Job *j = &e->jobs[jid];
    j->t_origin = m.t_origin;
    j->station = consumer_station(c);
    job_set_session(j, m.session);
    j->span = span_new(e, m.span == MSG_NO_SPAN ? NONE : m.span, (int)ed->to, (int)edge_id, true);
    if (e->job_key) e->job_key[jid] = m.key;
    take_slot(e, c, &c->st[j->station], j);
    send_along(e, ed, jid, NONE);
}

/* A consumer with free slots takes the oldest message of the queues feeding it,
 * going round the feeders so that no queue starves. */
static void pull_messages(Engine *e, uint32_t node)
{
    RNode *c = &e->nodes[node];
    Station *s = &c->st[consumer_station(c)];
    while (can_start(c, s) && s->queue.len == 0) {
        uint32_t found = NONE;
        for (int k = 0; k < c->n_feeders; k++) {
            uint32_t ed = c->feeders[(c->feed_rr + (uint32_t)k) % (uint32_t)c->n_feeders];
            if (has_message(e, &e->edges[ed])) {
                found = ed;
                c->feed_rr = (c->feed_rr + (uint32_t)k + 1) % (uint32_t)c->n_feeders;
                break;
            }
        }
        if (found == NONE) return;
        deliver_message(e, found);
    }
}

/* Queue node: after its own (ack) work, hold a copy of the message for every
 * consumer edge carrying the type; reject when max_depth would be exceeded. */
static ErrCause queue_take(Engine *e, uint32_t qi, uint32_t type, double origin, uint32_t span,
                           uint32_t session, uint32_t key, uint32_t jid);

static ErrCause enqueue_messages(Engine *e, uint32_t jid)
{
    Job *j = &e->jobs[jid];
    RNode *q = &e->nodes[j->node];
    if (q->tracked) {
        double origin = (j->flags & JF_DETACHED) ? j->t_origin : e->now;
        j->flags |= JF_NO_RECORD;
        return queue_take(e, j->node, j->type, origin, j->span, job_session(j), NONE, jid);
    }
    uint32_t at = j->node * (uint32_t)e->n_types + j->type;
    uint32_t start = e->elist_start[at], end = e->elist_start[at + 1];
    double origin = (j->flags & JF_DETACHED) ? j->t_origin : e->now;
    j->flags |= JF_NO_RECORD;
    for (uint32_t p = start; p < end; p++) {
        REdge *ed = &e->edges[e->elist[p]];
        if (ed->prob < 1 && rng_uniform(&q->rng) >= ed->prob) continue;
        uint32_t k = 1;
        if (!ed->fanout_one) {
            double x = fmin(sampler_draw(&ed->fanout, &q->rng), FANOUT_MAX);
            k = (uint32_t)x;
            if (rng_uniform(&q->rng) < x - k) k++;
        }
        for (uint32_t i = 0; i < k; i++) {
            if (q->backlog >= q->max_depth) {
                q->rejected++;
                return ERR_REJECTED;
            }
            if (e->held_msgs >= MSG_LIMIT) { /* the safety valve, for messages */
                e->refused++;
                return ERR_REJECTED;
            }
            e->held_msgs++;
            node_account(e, q);
            q->backlog++;
            if (q->backlog > q->max_backlog) q->max_backlog = (double)q->backlog;
            uint32_t key = edge_key(e, jid, ed);
            j = &e->jobs[jid];
            msg_push(&ed->msgs, (Msg){origin, j->type, j->span == NONE ? MSG_NO_SPAN : (uint16_t)j->span,
                                      job_session(j), key});
        }
    }
    for (uint32_t p = start; p < end; p++) pull_messages(e, e->edges[e->elist[p]].to);
    return ERR_NONE;
}


/* ---- tracked queues: partitions, redelivery, dead letters ------------------------ */

/* Consumer lag of a lane: messages waiting or out; the age of its oldest message not
 * yet handed out (a partition: of its message out, which is older). */
static double lane_lag_s(const Engine *e, const QGroup *g, const Lane *L)
{
    if (g->serial && L->out > 0) return e->now - L->t_out;
    if (L->q.len == 0) return 0;
    return e->now - e->dmsgs[L->q.items[L->q.head]].t_enq;
}

static void group_account(Engine *e, QGroup *g)
{
    double dt = e->now - g->last_t;
    if (dt > 0) {
        g->lag_area += (double)(g->waiting + g->out) * dt;
        g->last_t = e->now;
    }
}

/* Before a lane's lag can fall (a message handed out, acknowledged or given up on),
 * keep its age as a candidate maximum. */
static void note_lag_s(Engine *e, const QGroup *g, Lane *L)
{
    if (!e->measuring) return;
    double s = lane_lag_s(e, g, L);
    if (s > L->max_lag_s) L->max_lag_s = s;
}

static void note_lag(QGroup *g, Lane *L)
{
    double lane = (double)L->q.len + L->out, all = (double)(g->waiting + g->out);
    if (lane > L->max_lag) L->max_lag = lane;
    if (all > g->max_lag) g->max_lag = all;
}

/* A partition with a message to hand out and none out joins the ready list. */
static void lane_list(QGroup *g, uint32_t li)
{
    Lane *L = &g->lanes[li];
    if (!g->serial || L->listed || L->out > 0 || L->q.len == 0) return;
    L->listed = true;
    fifo_push(&g->ready, li);
}

static uint32_t dmsg_new(Engine *e)
{
    uint32_t id;
    if (e->free_dmsgs != NONE) {
        id = e->free_dmsgs;
        e->free_dmsgs = e->dmsgs[id].next;
    } else {
        if (e->n_dmsgs == e->cap_dmsgs) {
            e->cap_dmsgs = e->cap_dmsgs ? e->cap_dmsgs * 2 : 1024;
            e->dmsgs = xrealloc(e->dmsgs, e->cap_dmsgs * sizeof *e->dmsgs);
        }
        id = e->n_dmsgs++;
        e->dmsgs[id].gen = 0;
    }
    DMsg *m = &e->dmsgs[id];
    uint32_t gen = m->gen;
    memset(m, 0, sizeof *m);
    m->gen = gen;
    m->next = NONE;
    return id;
}

/* The message is over (acknowledged, dead-lettered or discarded): it stops counting as
 * held, and its pool entry is free once no consumer job works on it. */
static void dmsg_end(Engine *e, uint32_t id)
{
    DMsg *m = &e->dmsgs[id];
    if (m->timer) { /* its visibility event will find it ended */
        m->timer = false;
        e->dead_timers++;
    }
    m->state = MS_ENDED;
    m->gen++;
    e->held_msgs--;
    if (m->jobs == 0) {
        m->next = e->free_dmsgs;
        e->free_dmsgs = id;
    }
}

/* Tracked queue qi takes one message of `type` into every consumer group carrying it
 * (each edge's probability and fan-out drawn as for any queue), all copies in the
 * partition its key picks; with no group to take it, the message is parked (held, never
 * consumed: a dead-letter queue nobody reads). ERR_REJECTED when max_depth or the
 * safety valve refuse a copy (earlier copies are kept, as for any queue). A message
 * carries the producer's session and its key: job jid's key down each edge (a fan-out
 * draws one per copy, as for any queue), or, with jid NONE (a dead letter), `key`. */
static ErrCause queue_take(Engine *e, uint32_t qi, uint32_t type, double origin, uint32_t span,
                           uint32_t session, uint32_t key, uint32_t jid)
{
    RNode *q = &e->nodes[qi];
    uint32_t at = qi * (uint32_t)e->n_types + type;
    uint32_t start = e->elist_start[at], end = e->elist_start[at + 1];
    uint32_t part = 0;
    int parts = q->def->partitions;
    if (parts > 1) {
        double hot = q->def->hot_partition;
        if (hot > 1.0 / parts) {
            if (rng_uniform(&q->rng) >= hot) part = 1 + rng_below(&q->rng, (uint32_t)(parts - 1));
        } else {
            part = rng_below(&q->rng, (uint32_t)parts);
        }
    }
    if (start == end) {
        if (q->backlog >= q->max_depth) {
            q->rejected++;
            return ERR_REJECTED;
        }
        if (e->held_msgs >= MSG_LIMIT) {
            e->refused++;
            return ERR_REJECTED;
        }
        e->held_msgs++;
        node_account(e, q);
        q->backlog++;
        q->parked++;
        if (q->backlog > q->max_backlog) q->max_backlog = (double)q->backlog;
        return ERR_NONE;
    }
    for (uint32_t p = start; p < end; p++) {
        REdge *ed = &e->edges[e->elist[p]];
        if (ed->prob < 1 && rng_uniform(&q->rng) >= ed->prob) continue;
        uint32_t k = 1;
        if (!ed->fanout_one) {
            double x = fmin(sampler_draw(&ed->fanout, &q->rng), FANOUT_MAX);
            k = (uint32_t)x;
            if (rng_uniform(&q->rng) < x - k) k++;
        }
        QGroup *g = &e->groups[ed->group];
        for (uint32_t i = 0; i < k; i++) {
            if (q->backlog >= q->max_depth) {
                q->rejected++;
                if (e->measuring) g->rejected++;
                return ERR_REJECTED;
            }
            if (e->held_msgs >= MSG_LIMIT) { /* the safety valve, for messages */
                e->refused++;
                return ERR_REJECTED;
            }
            uint32_t k_copy = jid != NONE ? edge_key(e, jid, ed) : key;
            uint32_t id = dmsg_new(e);
            DMsg *m = &e->dmsgs[id];
            m->t_origin = origin;
            m->t_enq = e->now;
            m->type = type;
            m->span = span;
            m->session = session;
            m->key = k_copy;
            m->group = ed->group;
            m->lane = part % g->n_lanes;
            m->state = MS_WAITING;
            e->held_msgs++;
            node_account(e, q);
            q->backlog++;
            if (q->backlog > q->max_backlog) q->max_backlog = (double)q->backlog;
            Lane *L = &g->lanes[m->lane];
            group_account(e, g);
            fifo_push(&L->q, id);
            g->waiting++;
            if (e->measuring) {
                g->enqueued++;
                L->enq++;
            }
            note_lag(g, L);
            lane_list(g, m->lane);
            if (q->def->retention_s > 0) schedule(e, q->def->retention_s, EV_EXPIRE, id, 0, 0);
        }
    }
    for (uint32_t p = start; p < end; p++) pull_messages(e, e->edges[e->elist[p]].to);
    return ERR_NONE;
}

/* ---- retention: messages not done in time are deleted unread ----------------------- */

static bool msg_expired(const Engine *e, const RNode *q, const DMsg *m)
{
    double ret = q->def->retention_s;
    return ret > 0 && e->now >= m->t_enq + ret; /* the sum its EV_EXPIRE was scheduled at */
}

/* A message's end by retention: counted, and a failed async task of its type. */
static void expire_msg(Engine *e, uint32_t id)
{
    DMsg *m = &e->dmsgs[id];
    if (e->measuring) {
        e->groups[m->group].expired++;
        e->types[m->type].async_err++;
    }
    dmsg_end(e, id);
}

/* Drop the expired messages at the head of lane li: its oldest (a message handed out
 * again keeps its place at the head, and its age). One that is not at the head waits
 * there until it is: a lane is purged when its retention event fires, before it hands
 * out a message, and at the end of the run. */
static void lane_purge(Engine *e, QGroup *g, uint32_t li)
{
    RNode *q = &e->nodes[g->queue];
    Lane *L = &g->lanes[li];
    while (L->q.len > 0 && msg_expired(e, q, &e->dmsgs[L->q.items[L->q.head]])) {
        note_lag_s(e, g, L);
        group_account(e, g);
        uint32_t id = fifo_pop(&L->q);
        g->waiting--;
        node_account(e, q);
        q->backlog--;
        expire_msg(e, id);
    }
}

/* EV_EXPIRE: message id's retention may be over (it may have been handed out, ended, or
 * its pool entry reused since: then nothing is due). */
static void retention_over(Engine *e, uint32_t id)
{
    DMsg *m = &e->dmsgs[id];
    if (m->state != MS_WAITING) return;
    QGroup *g = &e->groups[m->group];
    if (msg_expired(e, &e->nodes[g->queue], m)) lane_purge(e, g, m->lane);
}

/* Hand the next message of a tracked group to its consumer: from the group's one FIFO,
 * or from the partition whose turn it is (one message out per partition at a time). */
static void deliver_tracked(Engine *e, uint32_t edge_id)
{
    REdge *ed = &e->edges[edge_id];
    QGroup *g = &e->groups[ed->group];
    RNode *q = &e->nodes[ed->from];
    RNode *c = &e->nodes[ed->to];
    uint32_t li = 0;
    if (g->serial) {
        li = fifo_pop(&g->ready);
        g->lanes[li].listed = false;
    }
    Lane *L = &g->lanes[li];
    if (q->def->retention_s > 0) {
        lane_purge(e, g, li);
        if (L->q.len == 0) return; /* all it had expired (a partition: it left the ready list) */
    }
    note_lag_s(e, g, L);
    group_account(e, g);
    uint32_t id = fifo_pop(&L->q);
    g->waiting--;
    g->out++;
    L->out++;
    DMsg *m = &e->dmsgs[id];
    if (g->serial) L->t_out = m->t_enq;
    m->state = MS_OUT;
    m->attempts++;
    m->gen++;
    m->jobs++;
    if (e->measuring) {
        ed->n_calls++;
        g->deliveries++;
        g->redelivered += m->attempts > 1;
    }
    node_account(e, q);
    q->backlog--;
    double vis = q->def->visibility_timeout_s;
    if (vis > 0) {
        m->timer = true;
        schedule(e, vis, EV_VISIBLE, id, m->gen, 0);
    }
    uint32_t gen = m->gen, span = m->span, type = m->type, session = m->session, key = m->key;
    double origin = m->t_origin;
    uint32_t jid = job_new(e, ed->to, (uint16_t)type, JF_DETACHED | JF_RESERVED | JF_DELIVERY);
    Job *j = &e->jobs[jid];
    j->t_origin = origin;
    job_set_session(j, session);
    if (e->job_key) e->job_key[jid] = key;
    j->station = consumer_station(c); /* a database: its shard 0's primary now, as for any queue */
    j->call = id;
    j->call_gen = gen;
    j->span = span_new(e, span, (int)ed->to, (int)edge_id, true);
    take_slot(e, c, &c->st[j->station], j);
    send_along(e, ed, jid, NONE);
}

/* Out of attempts: to the dead-letter queue, or discarded; a failed async task either
 * way. */
static void give_up(Engine *e, uint32_t id)
{
    DMsg *m = &e->dmsgs[id];
    uint32_t gi = m->group, type = m->type, span = m->span, session = m->session, key = m->key;
    double origin = m->t_origin;
    if (e->measuring) e->types[type].async_err++;
    uint32_t dl = e->nodes[e->groups[gi].queue].dead_letter;
    bool kept = dl != NONE && queue_take(e, dl, type, origin, span, session, key, NONE) == ERR_NONE;
    if (e->measuring) {
        if (kept)
            e->groups[gi].dead_lettered++;
        else
            e->groups[gi].discarded++;
    }
    dmsg_end(e, id);
}

/* A delivery failed or timed out and the message is visible again: handed out again
 * first in its lane, or given up on after max_attempts. */
static void visible_again(Engine *e, uint32_t id)
{
    DMsg *m = &e->dmsgs[id];
    QGroup *g = &e->groups[m->group];
    Lane *L = &g->lanes[m->lane];
    RNode *q = &e->nodes[g->queue];
    uint32_t li = m->lane;
    m->timer = false;
    note_lag_s(e, g, L);
    group_account(e, g);
    g->out--;
    L->out--;
    if (msg_expired(e, q, m)) { /* its retention ran out while it was out */
        uint32_t gi = m->group;
        expire_msg(e, id);
        g = &e->groups[gi];
        lane_list(g, li);
        if (g->serial) pull_messages(e, g->consumer);
        return;
    }
    if (m->attempts >= (uint32_t)q->def->max_attempts) {
        uint32_t gi = m->group;
        give_up(e, id);
        g = &e->groups[gi];
        lane_list(g, li);
        if (g->serial) pull_messages(e, g->consumer);
        return;
    }
    m->state = MS_WAITING;
    fifo_push_front(&L->q, id);
    g->waiting++;
    node_account(e, q);
    q->backlog++;
    if (q->backlog > q->max_backlog) q->max_backlog = (double)q->backlog;
    lane_list(g, li);
    pull_messages(e, g->consumer);
}

/* The consumer job of message `id` (delivered as `gen`) answered with `err`. */
static void delivery_end(Engine *e, uint32_t id, uint32_t gen, ErrCause err)
{
    DMsg *m = &e->dmsgs[id];
    QGroup *g = &e->groups[m->group];
    m->jobs--;
    if (m->gen != gen || m->state != MS_OUT) { /* it timed out and went on without this job */
        if (!err && e->measuring) g->duplicates++;
        if (m->state == MS_ENDED && m->jobs == 0) {
            m->next = e->free_dmsgs;
            e->free_dmsgs = id;
        }
        return;
    }
    if (err) {
        if (m->timer) {
            m->state = MS_FAILED; /* invisible until its visibility timeout */
        } else {
            visible_again(e, id);
        }
        return;
    }
    Lane *L = &g->lanes[m->lane];
    uint32_t li = m->lane;
    note_lag_s(e, g, L);
    group_account(e, g);
    g->out--;
    L->out--;
    if (e->measuring) {
        g->done++;
        L->done++;
        RType *t = &e->types[m->type];
        t->async_done++;
        hist_put(t->async_ms, (e->now - m->t_origin) * 1000.0);
    }
    dmsg_end(e, id);
    if (g->serial && L->q.len > 0) {
        lane_list(g, li);
        pull_messages(e, g->consumer);
    }
}

/* EV_VISIBLE: the visibility timeout of a delivery is over. */
static void visibility_over(Engine *e, uint32_t id, uint32_t gen)
{
    DMsg *m = &e->dmsgs[id];
    if (m->gen != gen || !m->timer) {
        e->dead_timers--; /* one not compacted away yet */
        return;
    }
    m->timer = false;
    if (m->state == MS_OUT || m->state == MS_FAILED) visible_again(e, id);
}

/* ---- caches: keys, write policies, coalescing -------------------------------------- */

static uint64_t cache_key(const Engine *e, uint32_t jid)
{
    return ((uint64_t)e->types[e->jobs[jid].type].space << 32) | e->job_key[jid];
}

static uint32_t flight_pos(const CacheRun *c, uint64_t key)
{
    uint64_t h = key * 0x9e3779b97f4a7c15ull;
    uint32_t p = (uint32_t)(h >> 32) & c->fl_mask;
    while (c->fl[p].leader != NONE && c->fl[p].key != key) p = (p + 1) & c->fl_mask;
    return p;
}

static Flight *flight_find(CacheRun *c, uint64_t key)
{
    if (!c->fl) return NULL;
    Flight *f = &c->fl[flight_pos(c, key)];
    return f->leader != NONE ? f : NULL;
}

static void flight_add(CacheRun *c, uint64_t key, uint32_t leader)
{
    if (!c->fl || 2 * (c->fl_live + 1) > c->fl_mask + 1) { /* at most half full */
        uint32_t old_size = c->fl ? c->fl_mask + 1 : 0, size = old_size ? old_size * 2 : 64;
        Flight *old = c->fl;
        c->fl = xmalloc((size_t)size * sizeof *c->fl);
        for (uint32_t i = 0; i < size; i++) c->fl[i].leader = NONE;
        c->fl_mask = size - 1;
        for (uint32_t i = 0; i < old_size; i++)
            if (old[i].leader != NONE) c->fl[flight_pos(c, old[i].key)] = old[i];
        free(old);
    }
    Flight *f = &c->fl[flight_pos(c, key)];
    *f = (Flight){key, leader, NONE, NONE};
    c->fl_live++;
}

/* Remove a flight, shifting later members of its probe run back (no tombstones). */
static void flight_remove(CacheRun *c, Flight *f)
{
    uint32_t p = (uint32_t)(f - c->fl), q = p;
    for (;;) {
        q = (q + 1) & c->fl_mask;
        if (c->fl[q].leader == NONE) break;
        uint32_t home = (uint32_t)((c->fl[q].key * 0x9e3779b97f4a7c15ull) >> 32) & c->fl_mask;
        bool stays = p <= q ? (home > p && home <= q) : (home > p || home <= q);
        if (stays) continue;
        c->fl[p] = c->fl[q];
        p = q;
    }
    c->fl[p].leader = NONE;
    c->fl_live--;
}

static void dirty_account(Engine *e, CacheRun *c)
{
    double dt = e->now - c->dirty_last_t;
    if (dt > 0) {
        c->dirty_area += (double)c->dirty_all * dt;
        c->dirty_last_t = e->now;
    }
}

/* KeyCache's callback: a dirty entry lost with its instance takes its write with it (an
 * evicted one stays counted: the cache writes it back with the next flush). */
static void cache_dirty_left(void *ctx, uint64_t key, uint32_t dirty, bool lost)
{
    CacheRun *c = ctx;
    uint32_t t = dirty - 1; /* the request type that wrote it */
    (void)key;
    if (!lost || c->dirty[t] == 0) return;
    c->dirty[t]--;
    c->dirty_all--;
    c->lost++;
}

/* write_back: the write is answered now and its key is written to the store with the
 * next flush; a key written again before then costs no second store write. */
static void cache_mark_dirty(Engine *e, CacheRun *c, uint32_t type, bool keyed, uint64_t key)
{
    if (keyed) {
        uint32_t id = kc_put(&c->kc, key, e->now);
        if (id == KC_NONE || c->kc.ent[id].dirty) return;
        c->kc.ent[id].dirty = type + 1;
        if (c->n_dirty_ids >= 2 * (uint64_t)c->kc.live + 1024) {
            /* entries evicted and reused since the flush left stale ids: list the dirty
             * entries afresh (amortised O(1): the list is at least half stale) */
            c->n_dirty_ids = 0;
            for (uint32_t k = 0; k < c->kc.n_ent; k++)
                if (c->kc.ent[k].dirty && k != id) c->dirty_ids[c->n_dirty_ids++] = k;
        }
        if (c->n_dirty_ids == c->cap_dirty_ids) {
            c->cap_dirty_ids = c->cap_dirty_ids ? c->cap_dirty_ids * 2 : 1024;
            c->dirty_ids = xrealloc(c->dirty_ids, (size_t)c->cap_dirty_ids * sizeof *c->dirty_ids);
        }
        c->dirty_ids[c->n_dirty_ids++] = id;
    }
    dirty_account(e, c);
    c->dirty[type]++;
    c->dirty_all++;
    if ((double)c->dirty_all > c->max_dirty) c->max_dirty = (double)c->dirty_all;
}

/* Service over at a cache with the key model, a write policy or coalescing: decide
 * whether the job calls its store (the node's edges), as rules_cache_hit does for the
 * simple model. `count` is the length of its edge list: edge_pos = count calls nothing. */
static void cache_service_done(Engine *e, RNode *n, uint32_t jid, uint32_t count)
{
    CacheRun *c = n->cache;
    Job *j = &e->jobs[jid];
    uint32_t key = e->job_key ? e->job_key[jid] : NONE;
    bool keyed = c->keyed && key != NONE;
    uint64_t k64 = keyed ? cache_key(e, jid) : 0;
    if (e->types[j->type].op == OP_WRITE) {
        switch (c->wp) {
        case WRITE_THROUGH: /* the store first; the cache when it answered */
            if (keyed) e->job_cflags[jid] |= CF_FILL;
            break;
        case WRITE_AROUND:
            if (keyed) e->job_cflags[jid] |= CF_INVALIDATE;
            break;
        case WRITE_BACK:
            cache_mark_dirty(e, c, j->type, keyed, k64);
            e->jobs[jid].edge_pos = count;
            break;
        default: /* local: stored here, nothing called */
            if (keyed) kc_put(&c->kc, k64, e->now);
            j->edge_pos = count;
            break;
        }
        return;
    }
    n->reads++;
    c->tick_reads++;
    bool hit;
    if (!c->keyed)
        hit = rng_uniform(&n->rng) < n->hit_ratio;
    else
        hit = keyed && kc_get(&c->kc, k64, e->now) == KC_HIT; /* no keys: never cached */
    if (hit) {
        n->hits++;
        c->tick_hits++;
        j->edge_pos = count;
        return;
    }
    if (keyed && c->coalesce) {
        Flight *f = flight_find(c, k64);
        if (f) { /* another read of the key is at the store: wait for its answer */
            j->batch = NONE;
            if (f->tail == NONE)
                f->head = jid;
            else
                e->jobs[f->tail].batch = jid;
            f->tail = jid;
            j->pending = 1; /* held until the leader answers (job_finish) */
            j->edge_pos = count;
            if (e->measuring) c->coalesced++;
            return;
        }
        flight_add(c, k64, jid);
        e->job_cflags[jid] |= CF_FLIGHT;
    }
    if (keyed) e->job_cflags[jid] |= CF_FILL;
    if (e->measuring) c->miss_calls++;
    c->tick_miss++;
}

/* A cache job answers: store or drop its key; a flight's leader hands back the first of
 * the reads waiting for it (linked through Job.batch), NONE when none. */
static uint32_t cache_finish(Engine *e, RNode *n, uint32_t jid)
{
    CacheRun *c = n->cache;
    Job *j = &e->jobs[jid];
    uint64_t key = cache_key(e, jid);
    uint8_t cf = e->job_cflags[jid];
    if (!j->err) {
        if (cf & CF_FILL) kc_put(&c->kc, key, e->now);
        if (cf & CF_INVALIDATE) kc_remove(&c->kc, key);
    }
    uint32_t head = NONE;
    if (cf & CF_FLIGHT) {
        Flight *f = flight_find(c, key);
        if (f && f->leader == jid) {
            head = f->head;
            flight_remove(c, f);
        }
    }
    e->job_cflags[jid] = 0;
    return head;
}

/* `count` instances of a cache fail (sign 1) or come back (sign -1): a failed
 * instance's entries are gone, its dirty write_back keys lost; one that comes back is
 * empty (a cold start). */
static void cache_fail(Engine *e, RNode *n, int count, int sign)
{
    CacheRun *c = n->cache;
    int all = n->def->instances;
    if (count <= 0 || count > all) count = all;
    dirty_account(e, c);
    if (sign < 0) {
        if (c->keyed) c->kc.down = c->kc.down > count ? c->kc.down - count : 0;
        return;
    }
    if (c->keyed) {
        kc_fail(&c->kc, c->kc.down, c->kc.down + count);
        if (c->kc.down >= all) { /* evicted dirty keys waiting for the flush go too */
            c->lost += c->dirty_all;
            memset(c->dirty, 0, (size_t)e->n_types * sizeof *c->dirty);
            c->dirty_all = 0;
        }
        return;
    }
    for (int t = 0; t < e->n_types; t++) { /* the simple model: the failed share */
        uint64_t lost = count >= all ? c->dirty[t] : c->dirty[t] * (uint64_t)count / (uint64_t)all;
        c->dirty[t] -= lost;
        c->dirty_all -= lost;
        c->lost += lost;
    }
}

/* ---- a job at a node ------------------------------------------------------------ */

static bool rate_limited(Engine *e, RNode *n)
{
    if (n->rl_rate <= 0) return false;
    n->rl_tokens += (e->now - n->rl_last) * n->rl_rate;
    if (n->rl_tokens > n->rl_burst) n->rl_tokens = n->rl_burst;
    n->rl_last = e->now;
    if (n->rl_tokens < 1) return true;
    n->rl_tokens -= 1;
    return false;
}

static void admit(Engine *e, RNode *n, uint32_t jid, uint32_t sid);

/* failover_writes wait: a write for a shard whose replica is being promoted waits for
 * it, counted in the node's queue; past queue_max waiting, it fails as with
 * failover_writes fail (no primary: `failed node`, not a lack of capacity). */
static void hold_for_promotion(Engine *e, RNode *n, uint32_t jid)
{
    Repl *r = n->repl;
    Fifo *w = &r->waiting[r->wait_shard];
    if ((int64_t)w->len >= n->queue_max) {
        if (e->measuring) r->fo_failed++;
        drop(e, n, ERR_FAILED);
        job_reply(e, jid, ERR_FAILED);
        return;
    }
    if (e->measuring) r->fo_waited++;
    node_account(e, n);
    fifo_push(w, jid);
    n->qlen++;
    note_queue(n);
}

/* A request at its client (a root, or a call into a client node): it has no service,
 * so it makes its calls at once. */
static STEP void client_arrive(Engine *e, Job *j, RNode *n, uint32_t jid)
{
    j->t_arrive = e->now;
    n->arrivals++;
    SPAN_AT(e, j->span, t_arrive);
    SPAN_AT(e, j->span, t_start);
    SPAN_AT(e, j->span, t_served);
    issue_calls(e, jid);
}

static void job_arrive(Engine *e, uint32_t jid)
{
    Job *j = &e->jobs[jid];
    RNode *n = &e->nodes[j->node];
    if (n->kind == NODE_CLIENT) {
        client_arrive(e, j, n, jid);
        return;
    }
    j->t_arrive = e->now;
    n->arrivals++;
    SPAN_AT(e, j->span, t_arrive);
    if (j->flags & JF_RESERVED) { /* pulled consumer: its slot is waiting for it */
        j->flags &= (uint16_t)~JF_RESERVED;
        start_service(e, jid);
        return;
    }
    if (rate_limited(e, n)) {
        drop(e, n, ERR_RATE_LIMITED);
        job_reply(e, jid, ERR_RATE_LIMITED);
        return;
    }
    if (n->cache && n->cache->keyed && e->job_key && e->job_key[jid] != NONE) kc_prefetch_entry(&n->cache->kc, cache_key(e, jid));
    uint32_t sid = rules_pick_station(e, n, j);
    if (sid == NONE) {
        drop(e, n, ERR_FAILED);
        job_reply(e, jid, ERR_FAILED);
        return;
    }
    if (sid == WAIT_PROMOTION) {
        hold_for_promotion(e, n, jid);
        return;
    }
    admit(e, n, jid, sid);
}

/* Job jid (picked station sid) starts, or waits in the station's queue, or is
 * rejected when that queue is full. */
static STEP void admit(Engine *e, RNode *n, uint32_t jid, uint32_t sid)
{
    Job *j = &e->jobs[jid];
    j->station = sid;
    Station *s = &n->st[sid];
    if (s->queue.len == 0 && can_start(n, s)) {
        take_slot(e, n, s, j);
        start_service(e, jid);
    } else if ((int64_t)s->queue.len < n->queue_max) {
        node_account(e, n);
        fifo_push(&s->queue, jid);
        n->qlen++;
        note_queue(n);
    } else {
        drop(e, n, ERR_REJECTED);
        job_reply(e, jid, ERR_REJECTED);
    }
}

/* Service over: decide the downstream calls by kind, free the slot for async io. */
static void service_done(Engine *e, uint32_t jid)
{
    Job *j = &e->jobs[jid];
    RNode *n = &e->nodes[j->node];
    uint32_t at = j->node * (uint32_t)e->n_types + j->type;
    SPAN_AT(e, j->span, t_served);
    switch (n->kind) {
    case NODE_CACHE:
    case NODE_CDN:
        if (n->cache) {
            cache_service_done(e, n, jid, e->elist_start[at + 1] - e->elist_start[at]);
            j = &e->jobs[jid];
        } else if (rules_cache_hit(e, n, j))
            j->edge_pos = e->elist_start[at + 1] - e->elist_start[at];
        break;
    case NODE_LOAD_BALANCER: {
        uint32_t p = rules_pick_lb_edge(e, n, j);
        if (p == NONE) {
            drop(e, n, ERR_FAILED);
            j->err = ERR_FAILED;
            j->edge_pos = e->elist_start[at + 1] - e->elist_start[at];
        } else {
            j->edge_pos = p;
            j->flags |= JF_ONE_EDGE;
        }
        break;
    }
    case NODE_DATABASE:
        if (n->repl && e->types[j->type].op == OP_WRITE) rules_note_write(e, n, job_session(j));
        break;
    case NODE_QUEUE: {
        ErrCause err = enqueue_messages(e, jid);
        j = &e->jobs[jid];
        if (err) j->err = (uint8_t)err;
        j->edge_pos = e->elist_start[at + 1] - e->elist_start[at];
        break;
    }
    default: break;
    }
    if (n->io == IO_ASYNC) release_slot(e, jid);
    issue_calls(e, jid);
}

/* The job's work is over: free what it holds and answer. */
static STEP void job_end(Engine *e, uint32_t jid)
{
    Job *j = &e->jobs[jid];
    RNode *n = &e->nodes[j->node];
    if (n->kind != NODE_CLIENT) n->completed++;
    if ((j->flags & JF_SREAD) && !j->err && e->measuring) {
        bool stale = (j->flags & JF_STALE) != 0;
        n->repl->reads++;
        n->repl->stale += stale;
        n->repl->to_primary += (j->flags & JF_RYW) != 0;
        e->types[j->type].sreads++;
        e->types[j->type].stale += stale;
    }
    release_slot(e, jid);
    if (e->jobs[jid].flags & JF_HOLDS_INFLIGHT) release_inflight(e, jid);
    job_reply(e, jid, (ErrCause)e->jobs[jid].err);
}

static void job_finish(Engine *e, uint32_t jid);

/* A job with key-model cache marks: the cache's bookkeeping, then the job ends, then the
 * reads that waited for its store call (coalescing) end with its result. Out of line, so
 * that job_finish keeps few registers for the common job. */
static COLD void finish_marked(Engine *e, RNode *n, uint32_t jid)
{
    uint32_t waiting = cache_finish(e, n, jid);
    uint8_t err = e->jobs[jid].err;
    job_end(e, jid);
    while (waiting != NONE) { /* coalesced reads: answered with the leader's result */
        uint32_t w = waiting;
        waiting = e->jobs[w].batch;
        e->jobs[w].pending = 0;
        if (!e->jobs[w].err) e->jobs[w].err = err;
        job_finish(e, w);
    }
}

static void job_finish(Engine *e, uint32_t jid)
{
    RNode *n = &e->nodes[e->jobs[jid].node];
    if (n->cache && e->job_cflags && e->job_cflags[jid])
        finish_marked(e, n, jid);
    else
        job_end(e, jid);
}

static uint32_t draw_fanout(RNode *n, REdge *ed)
{
    if (ed->fanout_one) return 1;
    double x = fmin(sampler_draw(&ed->fanout, &n->rng), FANOUT_MAX);
    uint32_t k = (uint32_t)x;
    if (rng_uniform(&n->rng) < x - k) k++; /* stochastic rounding keeps the mean */
    return k;
}

/* Spawn async work down an edge, carrying `items` (1 unless the edge batches): nobody
 * waits for it. */
static void spawn_async(Engine *e, uint32_t jid, uint32_t edge_id, uint32_t items)
{
    Job *p = &e->jobs[jid];
    REdge *ed = &e->edges[edge_id];
    if (e->live_jobs >= JOB_LIMIT) {
        e->refused++;
        if (e->measuring) e->types[p->type].async_err++;
        return;
    }
    double origin = (p->flags & JF_DETACHED) ? p->t_origin : e->now;
    if (e->measuring) ed->n_calls++;
    uint32_t pspan = p->span;
    uint32_t key = edge_key(e, jid, ed);
    uint32_t cid = job_new(e, ed->to, e->jobs[jid].type, JF_DETACHED);
    if (e->job_key) e->job_key[cid] = key;
    if (e->job_extra_s) {
        e->job_extra_s[cid] = (items - 1) * ed->item_s;
        if (e->measuring) ed->n_items += items;
    }
    Job *c = &e->jobs[cid];
    c->t_origin = origin;
    job_set_session(c, job_session(&e->jobs[jid]));
    c->span = span_new(e, pspan, (int)ed->to, (int)edge_id, true);
    send_along(e, ed, cid, jid);
}

/* Async work down edge edge_id: k copies of one item each. This and spawn_batches stay
 * out of issue_calls (cold: not inlined), whose loop then needs fewer registers; their
 * cost is in spawn_async, per copy. */
static COLD void spawn_copies(Engine *e, uint32_t jid, uint32_t edge_id, uint32_t k)
{
    for (uint32_t i = 0; i < k; i++) {
        if ((i & 0xFFFF) == 0xFFFF && cancel_asked(e)) break;
        spawn_async(e, jid, edge_id, 1);
    }
}

/* Async work down a batching edge: k items in ceil(k / batch) calls, the full ones first. */
static COLD void spawn_batches(Engine *e, uint32_t jid, uint32_t edge_id, uint32_t k)
{
    uint32_t batch = e->edges[edge_id].batch, calls = (k - 1) / batch + 1;
    for (uint32_t i = 0; i < calls; i++) {
        if ((i & 0xFFFF) == 0xFFFF && cancel_asked(e)) break;
        uint32_t left = k - i * batch;
        spawn_async(e, jid, edge_id, left < batch ? left : batch);
    }
}

/* write_back: a flush writes the dirty keys of each request type to the store, one write
 * per flush_batch keys down each of the cache's edges carrying the type; async work of the
 * type that nobody waits for. */
static void cache_flush(Engine *e, uint32_t node)
{
    RNode *n = &e->nodes[node];
    CacheRun *c = n->cache;
    dirty_account(e, c);
    for (uint32_t i = 0; i < c->n_dirty_ids; i++) c->kc.ent[c->dirty_ids[i]].dirty = 0;
    c->n_dirty_ids = 0;
    for (int t = 0; t < e->n_types; t++) {
        uint64_t d = c->dirty[t];
        if (d == 0) continue;
        c->dirty[t] = 0;
        c->dirty_all -= d;
        if (e->measuring) c->flushed += d;
        uint64_t writes = (d + c->batch - 1) / c->batch;
        uint32_t at = node * (uint32_t)e->n_types + (uint32_t)t;
        for (uint64_t w = 0; w < writes; w++)
            for (uint32_t p = e->elist_start[at]; p < e->elist_start[at + 1]; p++) {
                uint32_t edge_id = e->elist[p];
                REdge *ed = &e->edges[edge_id];
                if (e->live_jobs >= JOB_LIMIT) { /* the valve: the rest of this flush too */
                    uint64_t rest = (writes - w) * (e->elist_start[at + 1] - e->elist_start[at]) -
                                    (p - e->elist_start[at]);
                    e->refused += rest;
                    if (e->measuring) e->types[t].async_err += rest;
                    w = writes;
                    break;
                }
                if (e->measuring) ed->n_calls++;
                uint32_t jid = job_new(e, ed->to, (uint16_t)t, JF_DETACHED);
                send_along(e, ed, jid, NONE);
            }
    }
    schedule(e, c->flush_s, EV_FLUSH, node, 0, 0);
}

static void send_direct(Engine *e, uint32_t jid, uint32_t edge_id, uint32_t key, uint32_t items);

static void make_call(Engine *e, uint32_t jid, uint32_t edge_id, uint32_t items)
{
    REdge *ed = &e->edges[edge_id];
    if (e->live_calls >= CALL_LIMIT) { /* the safety valve, for calls: fails the caller */
        e->refused++;
        if (!e->jobs[jid].err) e->jobs[jid].err = ERR_REJECTED;
        return;
    }
    uint32_t key = e->call_key ? edge_key(e, jid, ed) : NONE;
    if (ed->direct && e->jobs[jid].span == NONE) {
        send_direct(e, jid, edge_id, key, items);
        return;
    }
    uint32_t cid = call_new(e, jid, edge_id);
    if (e->call_key) e->call_key[cid] = key;
    if (e->call_items) e->call_items[cid] = items;
    e->jobs[jid].pending++;
    if (ed->budget_ratio > 0) {
        ed->budget_tokens += ed->budget_ratio;
        if (ed->budget_tokens > 100) ed->budget_tokens = 100;
    }
    send_attempt(e, cid);
}

/* Make the job's downstream calls. Sequential: one at a time, stopping at the first
 * failure; parallel: all at once. Re-entry from a call that completes inline is
 * absorbed by JF_ISSUING: the loop below notices the change. */
static void issue_loop(Engine *e, uint32_t jid, uint32_t start, uint32_t count);

static STEP void issue_calls(Engine *e, uint32_t jid)
{
    const Job *j = &e->jobs[jid];
    if (j->flags & JF_ISSUING) return;
    uint32_t at = j->node * (uint32_t)e->n_types + j->type;
    uint32_t start = e->elist_start[at], count = e->elist_start[at + 1] - start;
    if (j->edge_pos >= count && j->fan_left == 0 && j->pending == 0)
        job_finish(e, jid); /* nothing (more) to call: a leaf, or the last answer in */
    else
        issue_loop(e, jid, start, count);
}

/* issue_calls's loop, out of line: a job with nothing left to call does without it. */
static void issue_loop(Engine *e, uint32_t jid, uint32_t start, uint32_t count)
{
    Job *j = &e->jobs[jid];
    j->flags |= JF_ISSUING;
    /* Most often one call is left (a chain's hop, a balancer's pick) over an edge that
     * makes exactly one: made at once, as the loop would make it. */
    if (j->pending == 0 && j->fan_left == 0 && !j->err && !(j->flags & JF_PICKED) &&
        (j->edge_pos + 1 == count || (j->flags & JF_ONE_EDGE))) {
        uint32_t edge_id = e->elist[start + j->edge_pos];
        if (e->edges[edge_id].single) {
            j->edge_pos++;
            if (j->flags & JF_ONE_EDGE) j->flags |= JF_PICKED;
            make_call(e, jid, edge_id, 1);
            j = &e->jobs[jid];
            j->flags &= (uint16_t)~JF_ISSUING;
            if (j->pending == 0) job_finish(e, jid); /* refused, or answered at once */
            return;
        }
    }
    RNode *n = &e->nodes[j->node];
    bool seq = n->calls == CALLS_SEQUENTIAL;
    for (;;) {
        j = &e->jobs[jid];
        if ((seq && j->pending > 0) || j->err) break;
        if (j->fan_left > 0) {
            /* a fan-out of millions in one handler still answers a cancel */
            if ((j->fan_left & 0xFFFF) == 0 && cancel_asked(e)) break;
            j->fan_left--;
            uint32_t fe = e->elist[start + j->edge_pos - 1], items = 1;
            if (e->edges[fe].batch > 1) { /* full calls first, the remainder last */
                uint32_t *rest = &e->job_fan_items[jid];
                items = *rest < e->edges[fe].batch ? *rest : e->edges[fe].batch;
                *rest -= items;
            }
            make_call(e, jid, fe, items);
            continue;
        }
        if (j->edge_pos >= count || (j->flags & JF_PICKED)) break;
        uint32_t edge_id = e->elist[start + j->edge_pos];
        j->edge_pos++;
        /* a load balancer calls only the one edge it picked */
        if (j->flags & JF_ONE_EDGE) j->flags |= JF_PICKED;
        REdge *ed = &e->edges[edge_id];
        if (ed->prob < 1 && rng_uniform(&n->rng) >= ed->prob) continue;
        uint32_t k = draw_fanout(n, ed);
        if (k == 1 && ed->batch == 1 && !ed->async) { /* one call: no fan-out to count */
            make_call(e, jid, edge_id, 1);
            continue;
        }
        if (ed->batch > 1 && k > 0) { /* ceil(k / batch) calls of up to batch items */
            if (ed->async) {
                spawn_batches(e, jid, edge_id, k);
                continue;
            }
            e->job_fan_items[jid] = k;
            k = (k - 1) / ed->batch + 1;
        } else if (ed->async) {
            spawn_copies(e, jid, edge_id, k);
            continue;
        }
        j = &e->jobs[jid];
        j->fan_left = k;
    }
    j = &e->jobs[jid];
    j->flags &= (uint16_t)~JF_ISSUING;
    bool issued =
        j->err || (j->fan_left == 0 && (j->edge_pos >= count || (j->flags & JF_PICKED)));
    if (j->pending == 0 && issued) job_finish(e, jid);
}

/* ---- calls ----------------------------------------------------------------------- */

static bool breaker_open(Engine *e, REdge *ed)
{
    return ed->breaker && e->now < ed->cb_open_until;
}

static void breaker_record(Engine *e, REdge *ed, bool failed)
{
    if (!ed->breaker) return;
    if (e->now - ed->cb_window_start >= ed->cb_window_s) {
        ed->cb_window_start = e->now;
        ed->cb_calls = ed->cb_fails = 0;
    }
    ed->cb_calls++;
    ed->cb_fails += failed;
    if (ed->cb_calls >= (uint32_t)ed->cb_min && ed->cb_fails >= ed->cb_ratio * ed->cb_calls) {
        ed->cb_open_until = e->now + ed->cb_open_s;
        ed->cb_window_start = ed->cb_open_until;
        ed->cb_calls = ed->cb_fails = 0;
    }
}

/* The items a callee's job carries over ed (in a design where some edge batches): the
 * service time of those past the first, and the edge's count. */
static inline void count_items(Engine *e, REdge *ed, uint32_t child, uint32_t items)
{
    if (e->call_items) {
        e->job_extra_s[child] = (items - 1) * ed->item_s;
        if (e->measuring) ed->n_items += items;
    }
}

/* The callee's job of a call from job `pid` over edge `ed`, carrying the key and the
 * items (1 unless the edge batches). */
static STEP uint32_t callee_job(Engine *e, uint32_t pid, REdge *ed, uint32_t key, uint32_t items)
{
    Job *p = &e->jobs[pid];
    uint16_t flags = p->flags & JF_DETACHED;
    uint32_t child = job_new(e, ed->to, p->type, flags);
    if (e->job_key) {
        e->job_key[child] = key;
        CacheRun *cr = e->nodes[ed->to].cache;
        if (cr && cr->keyed && key != NONE) kc_prefetch_slot(&cr->kc, cache_key(e, child));
    }
    Job *ch = &e->jobs[child];
    p = &e->jobs[pid];
    ch->t_origin = p->t_origin;
    job_set_session(ch, job_session(p));
    count_items(e, ed, child, items);
    return child;
}

static void send_attempt(Engine *e, uint32_t cid)
{
    Call *c = &e->calls[cid];
    REdge *ed = &e->edges[c->edge];
    if (breaker_open(e, ed)) {
        call_result(e, cid, ERR_CIRCUIT_OPEN);
        return;
    }
    if (e->live_jobs >= JOB_LIMIT) {
        e->refused++;
        ed->outstanding++; /* call_result takes it back */
        call_result(e, cid, ERR_REJECTED);
        return;
    }
    ed->outstanding++;
    if (e->measuring) {
        ed->n_calls++;
        ed->n_retries += c->attempt > 0;
    }
    uint32_t child = callee_job(e, c->parent, ed, e->call_key ? e->call_key[cid] : NONE,
                                e->call_items ? e->call_items[cid] : 1);
    Job *ch = &e->jobs[child];
    c = &e->calls[cid];
    ch->call = cid;
    ch->call_gen = c->gen;
    ch->span = c->span = span_new(e, e->jobs[c->parent].span, (int)ed->to, (int)c->edge, false);
    if (ch->span != NONE) e->spans[ch->span].attempt = (int)c->attempt;
    if (ed->timeout_s > 0) {
        schedule_fixed(e, ed->lane_timeout, ed->timeout_s, EV_TIMEOUT, cid, c->gen, 0);
        e->calls[cid].timer = true;
    }
    send_along(e, ed, child, c->parent);
}

/* The answer of a call is in: the waiting job `pid` goes on. */
static STEP void answer_caller(Engine *e, uint32_t pid, ErrCause err)
{
    Job *p = &e->jobs[pid];
    p->pending--;
    if (err && !p->err) p->err = (uint8_t)err;
    issue_calls(e, pid);
}

/* One attempt of call `cid` ended with `err`: retry, or hand the result to the
 * waiting job. */
static void call_result(Engine *e, uint32_t cid, ErrCause err)
{
    Call *c = &e->calls[cid];
    REdge *ed = &e->edges[c->edge];
    if (c->timer) { /* answered before its timeout: that event is dead now */
        c->timer = false;
        e->dead_timers++;
    }
    if (c->span != NONE) {
        e->spans[c->span].t_received = e->now;
        if (err) e->spans[c->span].err = (uint8_t)err;
        c->span = NONE;
    }
    if (err != ERR_CIRCUIT_OPEN) {
        ed->outstanding--;
        breaker_record(e, ed, err != ERR_NONE);
        if (err && e->measuring) ed->n_failed++;
    }
    if (err != ERR_NONE && err != ERR_CIRCUIT_OPEN && c->attempt < (uint32_t)ed->retries) {
        bool allowed = true;
        if (ed->budget_ratio > 0) {
            allowed = ed->budget_tokens >= 1;
            if (allowed) ed->budget_tokens -= 1;
        }
        if (allowed) {
            c->attempt++;
            c->gen++;
            double cap = ed->backoff_s * ldexp(1.0, (int)c->attempt - 1);
            if (cap > ed->backoff_max_s) cap = ed->backoff_max_s;
            double wait = cap * rng_uniform(&e->rng); /* full jitter */
            schedule(e, wait, EV_RETRY, cid, c->gen, 0);
            return;
        }
    }
    uint32_t pid = c->parent;
    call_free(e, cid);
    answer_caller(e, pid, err);
}

/* A direct call (CALL_DIRECT) from job `pid` over edge `edge_id`: what send_attempt does
 * for a call that has no timeout, retries or breaker, without its record. */
/* A direct call (or a root's, CALL_ROOT) sets out over ed: counted in flight, and
 * counted as made unless the engine's job limit refuses it (false: its answer is then
 * ERR_REJECTED, at once). direct_answered is its end. */
static inline bool direct_leaves(Engine *e, REdge *ed)
{
    e->live_calls++; /* still a call for CALL_LIMIT */
    ed->outstanding++;
    if (e->live_jobs >= JOB_LIMIT) {
        e->refused++;
        return false;
    }
    if (e->measuring) ed->n_calls++;
    return true;
}

static inline void direct_answered(Engine *e, REdge *ed, ErrCause err)
{
    ed->outstanding--;
    if (err && e->measuring) ed->n_failed++;
    e->live_calls--;
}

static void send_direct(Engine *e, uint32_t pid, uint32_t edge_id, uint32_t key, uint32_t items)
{
    REdge *ed = &e->edges[edge_id];
    e->jobs[pid].pending++;
    if (!direct_leaves(e, ed)) {
        direct_result(e, pid | CALL_DIRECT, edge_id, ERR_REJECTED);
        return;
    }
    uint32_t child = callee_job(e, pid, ed, key, items);
    e->jobs[child].call = pid | CALL_DIRECT;
    e->jobs[child].call_gen = edge_id;
    send_along(e, ed, child, pid);
}

/* The answer of a direct call: what call_result does when there is nothing to retry. */
static void direct_result(Engine *e, uint32_t ref, uint32_t edge_id, ErrCause err)
{
    direct_answered(e, &e->edges[edge_id], err);
    answer_caller(e, ref & ~CALL_DIRECT, err);
}

/* The answer of the call `ref` (a call, or a direct call's caller | CALL_DIRECT), at its
 * generation (direct: its edge), reaches the caller now. */
static inline void answer_now(Engine *e, uint32_t ref, uint32_t gen, ErrCause err)
{
    if (ref & CALL_DIRECT)
        direct_result(e, ref, gen, err);
    else
        call_result(e, ref, err);
}

/* ---- answers ----------------------------------------------------------------------- */

static void next_user_request(Engine *e, uint32_t type);

/* A request's answer (or its failure) reaches its client: recorded, and a closed loop's
 * user goes on thinking. */
static void record_root(Engine *e, uint32_t type, double t_origin, ErrCause err)
{
    RType *t = &e->types[type];
    double ms = (e->now - t_origin) * 1000.0;
    if (err)
        t->tick_err++;
    else {
        t->tick_ok++;
        hist_put(t->tick_ms, ms);
    }
    if (t->closed) next_user_request(e, type); /* the user thinks, then asks again */
    if (!e->measuring) return; /* the series include the warm-up; totals do not */
    t->completed++;
    if (err) {
        t->err[err]++;
        return;
    }
    t->ok++;
    hist_put(t->lat_ms, ms);
}

static void next_user_request(Engine *e, uint32_t type)
{
    RType *t = &e->types[type];
    schedule(e, sampler_draw(&t->think, &t->rng) / 1000.0, EV_USER, type, 0, 0);
}

/* ---- roots without a job (CALL_ROOT) ------------------------------------------------ */

/* A root's start travels in its events' b and c (low and high 32 bits), exactly. */
static inline uint64_t time_bits(double t)
{
    uint64_t u;
    memcpy(&u, &t, sizeof u);
    return u;
}

static inline double bits_time(uint32_t lo, uint32_t hi)
{
    uint64_t u = (uint64_t)hi << 32 | lo;
    double t;
    memcpy(&t, &u, sizeof t);
    return t;
}

/* The answer of a root's one call reaches its client: what direct_result, then the
 * root's finish (job_finish to record_root) would do, without the root's job. */
static void root_answer(Engine *e, uint32_t type, double t_origin, ErrCause err)
{
    direct_answered(e, &e->edges[e->types[type].root_edge], err);
    e->live_jobs--; /* the root's, counted as if it had a job */
    record_root(e, type, t_origin, err);
}

/* Job j, the callee of a root without a job, answers: back over the root's edge, as a
 * direct call's answer goes (job_reply), carrying the root's type and start. */
static void root_reply(Engine *e, const Job *j, ErrCause err)
{
    const REdge *ed = &e->edges[e->types[j->type].root_edge];
    double delay = ed->lat_s + ed->resp_tx_s; /* no zones: CALL_ROOT is not used with them */
    if (delay <= 0 && e->depth < INLINE_DEPTH_MAX) {
        e->depth++;
        root_answer(e, j->type, j->t_origin, err);
        e->depth--;
        return;
    }
    uint64_t t0 = time_bits(j->t_origin);
    uint32_t a = j->type | (uint32_t)err << 16, lo = (uint32_t)t0, hi = (uint32_t)(t0 >> 32);
    if (delay <= 0)
        schedule(e, 0, EV_ROOT_ANSWER, a, lo, hi); /* see arrive_now */
    else
        schedule_fixed(e, ed->lane_resp, delay, EV_ROOT_ANSWER, a, lo, hi);
}

static void root_answer_event(Engine *e, const SimEvent *ev)
{
    root_answer(e, ev->a & 0xFFFF, bits_time(ev->b, ev->c), (ErrCause)(ev->a >> 16));
}

/* Folding an answer into the reply. A node's parallel calls over one edge (a fan-out)
 * are answered over that edge, so their answers arrive in the order the callees reply
 * (a FIFO of one delay). While another call is still unanswered, an answer's event would
 * only count the call done: nothing can tell whether that happens at the reply or one
 * edge latency later, provided the edge has no timeout, retries or breaker (whose state
 * depends on when), the answer is a success (errors stop the caller) and nobody traces
 * it. Such answers are taken at once (call_result now) instead of through an event; the
 * last answer, which finishes the caller, keeps its event, and so does every answer
 * after one that had to go by event while others were out (JF_NO_FOLD), so that the
 * last one is always the one that finishes the caller, at the same time as before.
 * The event count stays that of the unfolded run. engine_create decides per (node,
 * type) where folding may apply (e->fold). */
static bool fold_answer(Engine *e, const Job *j, uint32_t pid, const REdge *ed, uint32_t call_span,
                        ErrCause err)
{
    Job *p = &e->jobs[pid];
    if (p->pending < 2 || (p->flags & JF_NO_FOLD)) return false;
    if (err || j->span != NONE || call_span != NONE) {
        p->flags |= JF_NO_FOLD;
        return false;
    }
    if (e->now + ed->lat_s + ed->resp_tx_s <= e->t_end) e->events++; /* as if it had run */
    return true;
}

static void job_reply(Engine *e, uint32_t jid, ErrCause err)
{
    Job *j = &e->jobs[jid];
    if (!err && e->measuring && !(j->flags & JF_ROOT))
        hist_put(e->nodes[j->node].lat_ms, (e->now - j->t_arrive) * 1000.0);
    if (j->span != NONE) {
        e->spans[j->span].t_replied = e->now;
        if (err && !e->spans[j->span].err) e->spans[j->span].err = (uint8_t)err;
        if (j->flags & JF_ROOT) e->spans[j->span].t_received = e->now;
    }
    if (j->flags & JF_DELIVERY) { /* a tracked message's consumer: ack or redeliver */
        uint32_t id = j->call, gen = j->call_gen;
        job_free(e, jid);
        delivery_end(e, id, gen, err);
        return;
    }
    if (j->call != NONE) {
        /* the call it answers: direct (the caller and the edge in the job), or a record,
         * whose caller may have given up on this attempt */
        uint32_t ref = j->call, gen = j->call_gen, pid, edge_id, call_span = NONE;
        if (ref == CALL_ROOT) {
            root_reply(e, j, err);
            goto done;
        }
        if (ref & CALL_DIRECT) {
            pid = ref & ~CALL_DIRECT;
            edge_id = gen;
        } else {
            const Call *c = &e->calls[ref];
            if (c->gen != gen) goto done;
            pid = c->parent;
            edge_id = c->edge;
            call_span = c->span;
        }
        REdge *ed = &e->edges[edge_id];
        double delay = (ed->zlat ? zone_back_s(e, ed, jid, pid) : ed->lat_s) + ed->resp_tx_s;
        if (delay <= 0 && e->depth >= INLINE_DEPTH_MAX) {
            schedule(e, 0, EV_RESPONSE, ref, gen, err); /* see arrive_now */
        } else if (delay <= 0) {
            e->depth++;
            answer_now(e, ref, gen, err);
            e->depth--;
        } else if (!ed->zlat && e->fold[ed->from * (uint32_t)e->n_types + j->type] &&
                   fold_answer(e, j, pid, ed, call_span, err))
            answer_now(e, ref, gen, ERR_NONE);
        else
            schedule_fixed(e, ed->lane_resp, delay, EV_RESPONSE, ref, gen, err);
    } else if (j->flags & JF_ROOT) {
        if (!(j->flags & JF_TIMED_OUT)) {
            record_root(e, j->type, j->t_origin, err);
        }
    } else if ((j->flags & JF_DETACHED) && !(j->flags & JF_NO_RECORD) && e->measuring) {
        RType *t = &e->types[j->type];
        if (err)
            t->async_err++;
        else {
            t->async_done++;
            hist_put(t->async_ms, (e->now - j->t_origin) * 1000.0);
        }
    }
done:
    job_free(e, jid);
}

/* ---- traffic ---------------------------------------------------------------------- */

/* The job of the call a root without a job makes: it stands for the root too. */
static uint32_t root_callee(Engine *e, uint32_t type, double t_origin)
{
    uint32_t child = job_new(e, e->edges[e->types[type].root_edge].to, (uint16_t)type, 0);
    Job *j = &e->jobs[child];
    j->t_origin = t_origin;
    j->call = CALL_ROOT; /* one item: job_new cleared its extra service time */
    return child;
}

/* A root without a job makes its one call: what client_arrive, issue_calls and
 * send_direct do for a root with a job, the callee's job standing for the root. */
static void root_call(Engine *e, RType *t, uint32_t type)
{
    REdge *ed = &e->edges[t->root_edge];
    e->nodes[t->client].arrivals++;
    e->live_jobs++; /* the root's, counted as if it had a job */
    if (e->live_calls >= CALL_LIMIT) { /* make_call's valve: the root fails at once */
        e->refused++;
        e->live_jobs--;
        record_root(e, type, e->now, ERR_REJECTED);
        return;
    }
    if (!direct_leaves(e, ed)) {
        root_answer(e, type, e->now, ERR_REJECTED);
        return;
    }
    if (e->call_items && e->measuring) ed->n_items++; /* one item (count_items) */
    double delay = ed->lat_s + ed->req_tx_s; /* no zones: see find_root_calls */
    if (delay > 0) {
        /* the callee's job is made when it arrives (root_arrive): on the wire, the call
         * is its event alone, counted as a job */
        e->live_jobs++;
        uint64_t t0 = time_bits(e->now);
        schedule_fixed(e, ed->lane_req, delay, EV_ROOT_ARRIVE, type, (uint32_t)t0, (uint32_t)(t0 >> 32));
        return;
    }
    arrive_now(e, root_callee(e, type, e->now));
}

/* The call of a root without a job reaches its callee (EV_ROOT_ARRIVE): its job is made
 * now, as schedule_arrive's event would have found it. A root's arrival never shares an
 * event with another (new_root makes one root per handler, before any other arrival). */
static void root_arrive(Engine *e, const SimEvent *ev)
{
    e->live_jobs--; /* job_new counts it again */
    job_arrive(e, root_callee(e, ev->a, bits_time(ev->b, ev->c)));
}

static void new_root(Engine *e, uint32_t type)
{
    RType *t = &e->types[type];
    if (e->live_jobs >= JOB_LIMIT) { /* the design holds too much: turn it away */
        e->refused++;
        if (e->measuring) {
            t->completed++;
            t->err[ERR_REJECTED]++;
        }
        t->tick_err++;
        if (t->closed) next_user_request(e, type);
        return;
    }
    bool traced = !e->trace_taken && (int)type == e->opt.trace_request &&
                  e->now >= (e->opt.trace_at_s >= 0 ? e->opt.trace_at_s : e->warmup_s);
    if (t->root_edge != NONE && !traced) {
        root_call(e, t, type);
        return;
    }
    uint32_t jid = job_new(e, t->client, (uint16_t)type, JF_ROOT);
    if (t->sessions > 0) job_set_session(&e->jobs[jid], 1 + rng_below(&t->srng, t->sessions));
    if (e->job_key) e->job_key[jid] = draw_key(e, type);
    if (traced) {
        e->trace_taken = true;
        e->jobs[jid].span = span_new(e, ROOT_SPAN, (int)t->client, -1, false);
    }
    if (t->timeout) {
        double to = e->nodes[t->client].def->timeout_ms;
        schedule_fixed(e, e->nodes[t->client].lane_timeout, to / 1000.0, EV_ROOT_TIMEOUT, jid,
                       e->jobs[jid].gen, 0);
        e->jobs[jid].flags |= JF_TIMER;
    }
    client_arrive(e, &e->jobs[jid], &e->nodes[t->client], jid);
}

/* A request type's open-loop rate, and the mean gap between its arrivals. */
static void type_set_rate(RType *rt, double rate)
{
    rt->rate = rate;
    rt->gap_s = rate > 0 ? 1.0 / rate : 0;
}

static void next_arrival(Engine *e, uint32_t type)
{
    RType *t = &e->types[type];
    if (t->rate <= 0) return;
    double gap = t->constant ? t->gap_s : rng_exp(&t->rng, t->gap_s);
    schedule_fixed(e, t->lane_gen, gap, EV_GEN, type, 0, 0);
}

/* ---- scenario events ---------------------------------------------------------------- */

static void flush_station(Engine *e, RNode *n, Station *s)
{
    while (s->queue.len > 0) {
        uint32_t jid = fifo_pop(&s->queue);
        node_account(e, n);
        n->qlen--;
        drop(e, n, ERR_FAILED);
        job_reply(e, jid, ERR_FAILED);
    }
}

/* ---- database failover ---------------------------------------------------------- */

/* The writes held for shard `shard`'s promotion go on: to station sid, or fail with
 * `failed node` when sid is NONE. */
static void release_waiting(Engine *e, RNode *n, int shard, uint32_t sid)
{
    Fifo *w = &n->repl->waiting[shard];
    while (w->len > 0) {
        uint32_t jid = fifo_pop(w);
        node_account(e, n);
        n->qlen--;
        if (sid == NONE) {
            drop(e, n, ERR_FAILED);
            job_reply(e, jid, ERR_FAILED);
        } else {
            admit(e, n, jid, sid);
        }
    }
}

/* After servers of a database with failover_s failed or came back: a shard whose
 * primary is down and has a replica starts a promotion (done failover_s later, by
 * EV_FAILOVER); a shard whose primary is back ends one under way. */
static void watch_primaries(Engine *e, RNode *n)
{
    Repl *r = n->repl;
    int nopri = 0;
    for (int sh = 0; sh < n->def->shards; sh++) {
        uint32_t prim = (uint32_t)(sh * n->per_shard) + r->primary[sh];
        bool up = n->st[prim].alive > 0;
        nopri += !up;
        if (!up && !r->promoting[sh] && n->per_shard > 1) {
            r->promoting[sh] = 1;
            r->gen[sh]++;
            schedule(e, n->def->failover_s, EV_FAILOVER, (uint32_t)(n - e->nodes), (uint32_t)sh,
                     r->gen[sh]);
        } else if (up && r->promoting[sh]) {
            r->promoting[sh] = 0;
            r->gen[sh]++;
            release_waiting(e, n, sh, prim);
        }
    }
    node_account(e, n);
    r->n_nopri = nopri;
}

/* EV_FAILOVER: the promotion of shard `shard` of node `node` is due. The first live
 * replica after the old primary becomes the primary (the old one rejoins as a replica
 * when it comes back); with none alive, the waiting writes fail and the next change of
 * the shard's servers starts a new promotion. */
static void promote(Engine *e, uint32_t node, uint32_t shard, uint32_t gen)
{
    RNode *n = &e->nodes[node];
    Repl *r = n->repl;
    if (r->gen[shard] != gen || !r->promoting[shard]) return; /* the primary came back */
    r->promoting[shard] = 0;
    uint32_t base = shard * (uint32_t)n->per_shard, p = r->primary[shard];
    uint32_t to = NONE;
    for (uint32_t k = 1; k < (uint32_t)n->per_shard && to == NONE; k++) {
        uint32_t off = (p + k) % (uint32_t)n->per_shard;
        if (n->st[base + off].alive > 0) to = off;
    }
    if (to == NONE) {
        release_waiting(e, n, (int)shard, NONE);
        return;
    }
    node_account(e, n);
    r->pbusy += n->st[base + to].busy - n->st[base + p].busy;
    r->primary[shard] = to;
    r->prim_st[base + p] = 0;
    r->prim_st[base + to] = 1;
    r->n_nopri--;
    primaries_changed(e, n);
    if (e->measuring) r->failovers++;
    release_waiting(e, n, (int)shard, base + to);
    pump(e, node, base + to); /* a queue's consumer pulls into the new primary */
}

/* Fail (or recover, with sign -1) `count` servers of a node (0 = all). Database
 * servers fail in station order (shard 0's primary, its replicas, shard 1's...),
 * keeping to the primaries or the replicas when `role` says so. */
static void servers_changed(Engine *e, RNode *n);

static void set_failed(Engine *e, RNode *n, int count, int sign, FailRole role)
{
    int workers = n->kind == NODE_DATABASE ? n->def->pool : n->def->workers;
    int servers = n->kind == NODE_DATABASE ? n->n_stations : n->def->instances;
    if ((count <= 0 || count > servers) && !n->scale) count = servers;
    account_servers(e, n);
    if (n->kind == NODE_DATABASE) {
        if (role != ROLE_ANY) {
            servers = role == ROLE_PRIMARY ? n->def->shards : n->n_stations - n->def->shards;
            if (count <= 0 || count > servers) count = servers;
        }
        for (int i = 0, done = 0; i < n->n_stations && done < count; i++) {
            bool primary = i % n->per_shard == 0;
            if ((role == ROLE_PRIMARY && !primary) || (role == ROLE_REPLICA && primary)) continue;
            Station *s = &n->st[i];
            s->alive = sign > 0 ? 0 : s->slots;
            if (sign > 0) flush_station(e, n, s);
            done++;
        }
    } else {
        if (n->cache) cache_fail(e, n, count, sign);
        Station *s = &n->st[0];
        if (n->scale) {
            scale_fail(e, n, count, sign);
        } else {
            s->alive -= (int64_t)sign * count * workers;
            if (s->alive < 0) s->alive = 0;
            if (s->alive > s->slots) s->alive = s->slots;
            if (s->alive == 0) flush_station(e, n, s);
        }
    }
    servers_changed(e, n);
}

/* After servers of n went down or came back: its up count, failover, waiting work. */
static void servers_changed(Engine *e, RNode *n)
{
    bool was_up = n->n_up > 0;
    down_account(e, n); /* the servers changed at this instant: the old count until now */
    n->n_up = 0;
    int64_t alive = 0;
    for (int i = 0; i < n->n_stations; i++) {
        n->n_up += n->st[i].alive > 0;
        alive += n->st[i].alive;
    }
    if (!n->scale) n->down_slots = n->slots - alive;
    if (n->repl) primaries_changed(e, n);
    e->n_down += was_up && n->n_up == 0;
    e->n_down -= !was_up && n->n_up > 0;
    if (was_up && n->n_up == 0) n->down_since = e->now;
    if (n->repl && n->def->failover_s > 0) watch_primaries(e, n);
    for (int i = 0; i < n->n_stations; i++) pump(e, (uint32_t)(n - e->nodes), (uint32_t)i);
}

/* A zone (or a region's zones) fails, or comes back with sign -1: every server placed in
 * zone z. */
static void fail_zone(Engine *e, int z, int sign)
{
    e->zone_down[z] += sign;
    for (int i = 0; i < e->n_nodes; i++) {
        RNode *n = &e->nodes[i];
        if (n->zone == z) {
            set_failed(e, n, 0, sign, ROLE_ANY);
        } else if (n->zone == ZONE_SPREAD && n->zcount[z] > 0) {
            if (n->kind == NODE_DATABASE) { /* its servers of the roles placed there */
                account_servers(e, n);
                const Node *d = n->def;
                for (int st = 0; st < n->n_stations; st++) {
                    int role = st % n->per_shard;
                    if (scenario_find_zone(&e->model->scenario, d->zones[role % d->n_zones]) != z) continue;
                    n->st[st].alive = sign > 0 ? 0 : n->st[st].slots;
                    if (sign > 0) flush_station(e, n, &n->st[st]);
                }
                servers_changed(e, n);
            } else {
                set_failed(e, n, (int)n->zcount[z], sign, ROLE_ANY);
            }
        }
    }
}

static void scenario_event(Engine *e, uint32_t idx, bool end)
{
    const ScenarioEvent *ev = &e->model->scenario.events[idx];
    int sign = end ? -1 : 1;
    switch (ev->action) {
    case EVENT_FAIL: {
        if (ev->zone || ev->region) {
            const Scenario *sc = &e->model->scenario;
            for (int z = 0; z < e->n_zones; z++)
                if ((ev->zone && strcmp(sc->zones[z].id, ev->zone) == 0) ||
                    (ev->region && strcmp(scenario_zone_region(sc, z), ev->region) == 0))
                    fail_zone(e, z, sign);
            break;
        }
        int ni = model_find_node(e->model, ev->node);
        if (ni >= 0) set_failed(e, &e->nodes[ni], ev->instances, sign, ev->role);
        break;
    }
    case EVENT_SLOW: {
        int ni = model_find_node(e->model, ev->node);
        if (ni >= 0) e->nodes[ni].slow = end ? 1.0 : ev->factor;
        break;
    }
    case EVENT_SURGE:
        for (int t = 0; t < e->n_types; t++) {
            if (ev->request && strcmp(ev->request, e->types[t].def->name) != 0) continue;
            RType *rt = &e->types[t];
            bool idle = rt->rate <= 0;
            /* From the surges active now, so overlapping surges multiply and the end
             * of one leaves the others in force. */
            type_set_rate(rt, rt->base_rate * scenario_surge_factor(&e->model->scenario, rt->def->name, e->now));
            if (idle && !rt->closed) next_arrival(e, (uint32_t)t);
        }
        break;
    default: break;
    }
    if (!end && ev->for_s > 0) schedule(e, ev->for_s, EV_SCENARIO, idx, 1, 0);
}

/* ---- warm-up, ticks and results ------------------------------------------------------ */

static void reset_stats(Engine *e)
{
    for (int i = 0; i < e->n_nodes; i++) {
        RNode *n = &e->nodes[i];
        node_account(e, n);
        if (n->scale) {
            Scale *sc = n->scale;
            scale_account(e, sc);
            sc->busy_off += n->busy_area;
            sc->q_off += n->q_area;
            sc->arr_off += n->arrivals;
            sc->held_area0 = sc->held_area;
            sc->alive_area0 = sc->alive_area;
            sc->held_max = sc->serving + sc->booting + sc->draining;
            sc->outs = sc->ins = sc->launched = 0;
        }
        /* keep the per-second deltas right across the reset */
        n->tick_busy -= n->busy_area;
        down_account(e, n);
        n->tick_down -= n->down_area;
        n->down_area = 0;
        n->tick_q -= n->q_area;
        n->tick_drops -= (int64_t)(n->rejected + n->rate_limited + n->failed);
        n->busy_area = n->q_area = n->backlog_area = 0;
        for (int k = 0; n->st_time && k < n->n_stations; k++) { /* each server's, from here */
            StationTime *t = &n->st_time[k];
            station_account(e, &n->st[k], t);
            t->busy0 = t->busy_area;
            t->up0 = t->up_area;
        }
        n->inflight_full_s = 0;
        n->inflight_full_from = e->now;
        n->max_q = (double)n->qlen;
        n->max_backlog = (double)n->backlog;
        n->arrivals = n->completed = n->rejected = n->rate_limited = n->failed = 0;
        n->reads = n->hits = 0;
        if (n->repl) {
            Repl *r = n->repl;
            primaries_changed(e, n);
            r->pbusy_area = r->nopri_area = r->pdown_area = 0;
            r->reads = r->stale = r->to_primary = r->failovers = r->fo_failed = r->fo_waited = 0;
            hist_reset(r->lag_ms);
            hist_reset(r->gap_ms);
        }
        if (n->cache) {
            CacheRun *c = n->cache;
            dirty_account(e, c);
            c->miss_calls = c->coalesced = c->flushed = c->lost = 0;
            c->ev0 = c->kc.evictions;
            c->ex0 = c->kc.expired;
            c->peak_miss = 0;
            c->peak_at = -1;
            c->dirty_area = 0;
            c->max_dirty = (double)c->dirty_all;
        }
        hist_reset(n->wait_ms);
        hist_reset(n->lat_ms);
    }
    for (int k = 0; k < e->n_edges; k++)
        e->edges[k].n_calls = e->edges[k].n_failed = e->edges[k].n_retries = e->edges[k].n_xzone =
            e->edges[k].n_xregion = e->edges[k].n_items = 0;
    for (int gi = 0; gi < e->n_groups; gi++) {
        QGroup *g = &e->groups[gi];
        group_account(e, g);
        g->lag_area = 0;
        g->start_held = (double)(g->waiting + g->out);
        g->max_lag = (double)(g->waiting + g->out);
        g->enqueued = g->deliveries = g->redelivered = g->done = g->duplicates = 0;
        g->dead_lettered = g->discarded = g->rejected = g->expired = 0;
        for (uint32_t l = 0; l < g->n_lanes; l++) {
            Lane *L = &g->lanes[l];
            L->enq = L->done = 0;
            L->max_lag = (double)L->q.len + L->out;
            L->max_lag_s = lane_lag_s(e, g, L);
        }
    }
    for (int t = 0; t < e->n_types; t++) {
        RType *rt = &e->types[t];
        rt->completed = rt->ok = rt->async_done = rt->async_err = 0;
        rt->sreads = rt->stale = 0;
        memset(rt->err, 0, sizeof rt->err);
        hist_reset(rt->lat_ms);
        hist_reset(rt->async_ms);
    }
    e->measuring = true;
}

static void tick(Engine *e)
{
    Results *r = e->res;
    if (e->second >= r->n_seconds) return;
    int s = e->second++;
    /* rates and means per second of the row (the last one may be cut short by the end
     * of the run: per second of what it covers; one-second rows stay counts, as they
     * always were); counts per row */
    double step = r->series_step_s;
    if (step > 1 && e->now - s * step < step && e->now > s * step) step = e->now - s * step;
    uint64_t all_ok = 0, all_err = 0;
    double all_sum = 0, all_p99 = 0;
    for (int t = 0; t < e->n_types; t++) {
        RType *rt = &e->types[t];
        double *row = results_type_series(r, t, s);
        row[TS_THROUGHPUT_RPS] = (double)rt->tick_ok / step;
        row[TS_ERRORS] = (double)rt->tick_err;
        row[TS_MEAN_MS] = hist_mean(rt->tick_ms);
        row[TS_P99_MS] = hist_quantile(rt->tick_ms, 0.99);
        all_ok += rt->tick_ok;
        all_err += rt->tick_err;
        all_sum += hist_mean(rt->tick_ms) * (double)rt->tick_ok;
        if (row[TS_P99_MS] > all_p99) all_p99 = row[TS_P99_MS];
        rt->tick_ok = rt->tick_err = 0;
        hist_reset(rt->tick_ms);
    }
    double *all = results_type_series(r, e->n_types, s);
    all[TS_THROUGHPUT_RPS] = (double)all_ok / step;
    all[TS_ERRORS] = (double)all_err;
    all[TS_MEAN_MS] = all_ok ? all_sum / (double)all_ok : 0;
    all[TS_P99_MS] = all_p99; /* the worst type's p99 */
    for (int i = 0; i < e->n_nodes; i++) {
        RNode *n = &e->nodes[i];
        node_account(e, n);
        double *row = results_node_series(r, i, s);
        int64_t drops = (int64_t)(n->rejected + n->rate_limited + n->failed);
        down_account(e, n);
        row[NS_UTILISATION] = utilisation_of(n->busy_area - n->tick_busy, n->slots, step, n->down_area - n->tick_down);
        if (n->scale) { /* of the serving slots; and the instances */
            Scale *sc = n->scale;
            scale_account(e, sc);
            double da = sc->alive_area - sc->tick_alive;
            row[NS_UTILISATION] = da > 0 ? (n->busy_area - n->tick_busy) / (da * (double)sc->workers) : 0;
            row[NS_INSTANCES] = sc->serving;
            row[NS_BOOTING] = sc->booting;
            row[NS_DESIRED] = sc->desired;
            row[NS_HELD] = (sc->held_area - sc->tick_held) / step;
            sc->tick_alive = sc->alive_area;
            sc->tick_held = sc->held_area;
        }
        row[NS_BUSIEST_SERVER] = row[NS_UTILISATION]; /* one server (or pooled instances): the node's */
        if (n->st_time) { /* the servers idle all the row read 0: only the active ones */
            double most = 0;
            uint32_t keep = 0;
            for (uint32_t a = 0; a < n->n_active; a++) {
                uint32_t k = n->st_active[a];
                StationTime *t = &n->st_time[k];
                station_account(e, &n->st[k], t);
                double up = t->up_area - t->tick_up;
                if (up > 0 && (t->busy_area - t->tick_busy) / up > most) most = (t->busy_area - t->tick_busy) / up;
                t->tick_busy = t->busy_area;
                t->tick_up = t->up_area;
                if (n->st[k].busy > 0) n->st_active[keep++] = k; /* busy into the next row */
                else t->active = false;
            }
            n->n_active = keep;
            row[NS_BUSIEST_SERVER] = most;
        }
        row[NS_QUEUE] = (n->q_area - n->tick_q) / step;
        row[NS_BACKLOG] = (double)n->backlog;
        row[NS_DROPS] = (double)(drops - n->tick_drops);
        n->tick_busy = n->busy_area;
        n->tick_down = n->down_area;
        n->tick_q = n->q_area;
        n->tick_drops = drops;
        if (n->cache) {
            CacheRun *c = n->cache;
            row[NS_HIT_RATIO] = c->tick_reads ? (double)c->tick_hits / (double)c->tick_reads : 0;
            row[NS_MISS_RPS] = (double)c->tick_miss / step;
            row[NS_DIRTY] = (double)c->dirty_all;
            /* the peak of the measured rows (a row that began in the warm-up is not) */
            if (e->measuring && s * r->series_step_s >= e->warmup_s - 1e-9 && row[NS_MISS_RPS] > c->peak_miss) {
                c->peak_miss = row[NS_MISS_RPS];
                c->peak_at = e->now;
            }
            c->tick_reads = c->tick_hits = c->tick_miss = 0;
        }
    }
    for (int gi = 0; gi < e->n_groups; gi++) {
        QGroup *g = &e->groups[gi];
        double *row = results_group_series(r, gi, s), lag_s = 0;
        for (uint32_t l = 0; l < g->n_lanes; l++) {
            note_lag_s(e, g, &g->lanes[l]);
            double x = lane_lag_s(e, g, &g->lanes[l]);
            if (x > lag_s) lag_s = x;
        }
        row[GS_LAG_MESSAGES] = (double)(g->waiting + g->out);
        row[GS_LAG_S] = lag_s;
    }
    e->row_t = e->now; /* the next row begins */
}

static void write_results(Engine *e)
{
    Results *r = e->res;
    double T = e->now - e->warmup_s;
    if (T <= 0) T = 1e-9;
    Histogram *all = hist_create(), *all_async = hist_create();
    double *A = r->types[e->n_types];
    bool any_track = false;
    for (int i = 0; i < e->n_nodes; i++) any_track |= e->nodes[i].repl && e->nodes[i].repl->track;
    A[TF_SESSION_READS] = A[TF_STALE_READS] = -1;
    for (int t = 0; t < e->n_types; t++) {
        RType *rt = &e->types[t];
        double *f = r->types[t];
        f[TF_COMPLETED] = (double)rt->completed;
        f[TF_THROUGHPUT_RPS] = (double)rt->ok / T;
        uint64_t errs = 0;
        for (int c = 1; c < ERR_COUNT; c++) errs += rt->err[c];
        f[TF_ERRORS] = (double)errs;
        f[TF_ERROR_RATE] = rt->completed ? (double)errs / (double)rt->completed : 0;
        f[TF_ERR_REJECTED] = (double)rt->err[ERR_REJECTED];
        f[TF_ERR_TIMEOUT] = (double)rt->err[ERR_TIMEOUT];
        f[TF_ERR_FAILED] = (double)rt->err[ERR_FAILED];
        f[TF_ERR_RATE_LIMITED] = (double)rt->err[ERR_RATE_LIMITED];
        f[TF_ERR_CIRCUIT_OPEN] = (double)rt->err[ERR_CIRCUIT_OPEN];
        hist_merge(all, rt->lat_ms);
        hist_merge(all_async, rt->async_ms);
        const Histogram *h = rt->lat_ms;
        f[TF_MEAN_MS] = hist_mean(h);
        f[TF_P50_MS] = hist_quantile(h, 0.50);
        f[TF_P90_MS] = hist_quantile(h, 0.90);
        f[TF_P95_MS] = hist_quantile(h, 0.95);
        f[TF_P99_MS] = hist_quantile(h, 0.99);
        f[TF_P999_MS] = hist_quantile(h, 0.999);
        f[TF_MAX_MS] = hist_max(h);
        f[TF_ASYNC_COUNT] = (double)rt->async_done;
        f[TF_ASYNC_ERRORS] = (double)rt->async_err;
        f[TF_ASYNC_MEAN_MS] = hist_mean(rt->async_ms);
        f[TF_ASYNC_P50_MS] = hist_quantile(rt->async_ms, 0.5);
        f[TF_ASYNC_P99_MS] = hist_quantile(rt->async_ms, 0.99);
        f[TF_ASYNC_MAX_MS] = hist_max(rt->async_ms);
        for (int k = TF_COMPLETED; k <= TF_ERR_CIRCUIT_OPEN; k++)
            if (k != TF_ERROR_RATE) A[k] += f[k];
        A[TF_ASYNC_COUNT] += f[TF_ASYNC_COUNT];
        A[TF_ASYNC_ERRORS] += f[TF_ASYNC_ERRORS];
        /* stale reads: for types with sessions when some database tracks them */
        f[TF_SESSION_READS] = f[TF_STALE_READS] = f[TF_STALE_READ_RATE] = -1;
        if (rt->sessions > 0 && rt->op == OP_READ && any_track) {
            f[TF_SESSION_READS] = (double)rt->sreads;
            f[TF_STALE_READS] = (double)rt->stale;
            f[TF_STALE_READ_RATE] = rt->sreads ? (double)rt->stale / (double)rt->sreads : 0;
            A[TF_SESSION_READS] = fmax(A[TF_SESSION_READS], 0) + f[TF_SESSION_READS];
            A[TF_STALE_READS] = fmax(A[TF_STALE_READS], 0) + f[TF_STALE_READS];
        }
    }
    A[TF_STALE_READ_RATE] = A[TF_SESSION_READS] > 0 ? A[TF_STALE_READS] / A[TF_SESSION_READS]
                            : A[TF_SESSION_READS] == 0 ? 0 : -1;
    A[TF_ERROR_RATE] = A[TF_COMPLETED] > 0 ? A[TF_ERRORS] / A[TF_COMPLETED] : 0;
    A[TF_MEAN_MS] = hist_mean(all);
    A[TF_P50_MS] = hist_quantile(all, 0.50);
    A[TF_P90_MS] = hist_quantile(all, 0.90);
    A[TF_P95_MS] = hist_quantile(all, 0.95);
    A[TF_P99_MS] = hist_quantile(all, 0.99);
    A[TF_P999_MS] = hist_quantile(all, 0.999);
    A[TF_MAX_MS] = hist_max(all);
    A[TF_ASYNC_MEAN_MS] = hist_mean(all_async);
    A[TF_ASYNC_P50_MS] = hist_quantile(all_async, 0.5);
    A[TF_ASYNC_P99_MS] = hist_quantile(all_async, 0.99);
    A[TF_ASYNC_MAX_MS] = hist_max(all_async);
    hist_destroy(all);
    hist_destroy(all_async);
    /* the nodes whose in-flight places a call's wait can hold: io=async, not a queue
     * (which answers its producer at once), with a synchronous edge out */
    bool *holds = xcalloc((size_t)e->n_nodes + 1, sizeof *holds);
    for (int k = 0; k < e->n_edges; k++) {
        const RNode *from = &e->nodes[e->edges[k].from];
        if (!e->edges[k].async && from->io == IO_ASYNC && from->kind != NODE_QUEUE) holds[e->edges[k].from] = true;
    }
    for (int i = 0; i < e->n_nodes; i++) {
        RNode *n = &e->nodes[i];
        node_account(e, n);
        double *f = r->nodes[i];
        f[NF_ARRIVALS] = (double)n->arrivals;
        f[NF_COMPLETED] = (double)n->completed;
        f[NF_THROUGHPUT_RPS] = (double)n->completed / T;
        down_account(e, n);
        f[NF_UTILISATION] = utilisation_of(n->busy_area, n->slots, T, n->down_area);
        f[NF_MEAN_QUEUE] = n->q_area / T;
        f[NF_MAX_QUEUE] = n->max_q;
        f[NF_MEAN_WAIT_MS] = hist_mean(n->wait_ms);
        f[NF_P99_WAIT_MS] = hist_quantile(n->wait_ms, 0.99);
        f[NF_MEAN_LATENCY_MS] = hist_mean(n->lat_ms);
        f[NF_P99_LATENCY_MS] = hist_quantile(n->lat_ms, 0.99);
        f[NF_REJECTED] = (double)n->rejected;
        f[NF_RATE_LIMITED] = (double)n->rate_limited;
        f[NF_FAILED] = (double)n->failed;
        f[NF_DROPS] = (double)(n->rejected + n->rate_limited + n->failed);
        f[NF_HIT_RATIO] = node_kind_caches(n->kind) && n->reads
                              ? (double)n->hits / (double)n->reads
                              : -1;
        f[NF_MEAN_BACKLOG] = n->backlog_area / T;
        f[NF_MAX_BACKLOG] = n->max_backlog;
        f[NF_END_BACKLOG] = (double)n->backlog;
        if (n->cache) {
            CacheRun *c = n->cache;
            dirty_account(e, c);
            f[NF_READS] = (double)n->reads;
            f[NF_HITS] = (double)n->hits;
            f[NF_MISS_CALLS] = (double)c->miss_calls;
            f[NF_COALESCED] = (double)c->coalesced;
            f[NF_MISS_PEAK_RPS] = c->peak_miss;
            f[NF_MISS_PEAK_AT_S] = c->peak_at;
            f[NF_ENTRIES] = (double)c->kc.live;
            f[NF_EVICTIONS] = (double)(c->kc.evictions - c->ev0);
            f[NF_EXPIRED] = (double)(c->kc.expired - c->ex0);
            f[NF_MEAN_DIRTY] = c->dirty_area / T;
            f[NF_MAX_DIRTY] = c->max_dirty;
            f[NF_FLUSHED] = (double)c->flushed;
            f[NF_LOST_WRITES] = (double)c->lost;
        } else if (node_kind_caches(n->kind)) {
            f[NF_READS] = (double)n->reads; /* for the hit_ratio requirement */
            f[NF_HITS] = (double)n->hits;
        }
        for (int k = NF_SCALE_FIRST; k < NF_SCALE_END; k++) f[k] = -1;
        if (n->scale) {
            Scale *sc = n->scale;
            scale_account(e, sc);
            double alive = sc->alive_area - sc->alive_area0;
            f[NF_UTILISATION] = alive > 0 ? n->busy_area / (alive * (double)sc->workers) : 0;
            f[NF_INSTANCE_SECONDS] = sc->held_area - sc->held_area0;
            f[NF_MEAN_INSTANCES] = f[NF_INSTANCE_SECONDS] / T;
            f[NF_MAX_INSTANCES] = sc->held_max;
            f[NF_END_INSTANCES] = sc->serving;
            f[NF_SCALE_OUTS] = (double)sc->outs;
            f[NF_SCALE_INS] = (double)sc->ins;
            f[NF_LAUNCHED] = (double)sc->launched;
            f[NF_COST_USD] = f[NF_INSTANCE_SECONDS] * n->def->cost_per_hour_usd / 3600.0;
        }
        for (int k = NF_UP_SHARE; k <= NF_FAILOVER_WRITES_WAITED; k++) f[k] = -1;
        f[NF_UP_SHARE] = up_share_of(n->slots, T, n->down_area);
        if (holds[i]) f[NF_INFLIGHT_FULL_S] = n->inflight_full_s + (inflight_full(n) ? e->now - n->inflight_full_from : 0);
        if (n->st_time) { /* several servers: the busiest's share of its time up */
            double most = 0;
            for (int k = 0; k < n->n_stations; k++) {
                StationTime *t = &n->st_time[k];
                station_account(e, &n->st[k], t);
                double up = t->up_area - t->up0;
                if (up > 0 && (t->busy_area - t->busy0) / up > most) most = (t->busy_area - t->busy0) / up;
            }
            f[NF_BUSIEST_SERVER_UTILISATION] = most;
        }
        const Repl *rp = n->repl;
        if (!rp) continue;
        int64_t pslots = (int64_t)n->def->shards * n->def->pool;
        primaries_changed(e, n);
        f[NF_PRIMARY_UTILISATION] = utilisation_of(rp->pbusy_area, pslots, T, rp->pdown_area);
        f[NF_PRIMARY_UP_SHARE] = up_share_of(pslots, T, rp->pdown_area);
        if (rp->track) {
            f[NF_SESSION_READS] = (double)rp->reads;
            f[NF_STALE_READS] = (double)rp->stale;
            f[NF_STALE_READ_RATE] = rp->reads ? (double)rp->stale / (double)rp->reads : 0;
            f[NF_PRIMARY_READS] = (double)rp->to_primary;
            f[NF_LAG_P99_MS] = hist_quantile(rp->lag_ms, 0.99);
            f[NF_STALE_GAP_P50_MS] = hist_quantile(rp->gap_ms, 0.5);
        }
        if (n->def->failover_s > 0) {
            f[NF_FAILOVERS] = (double)rp->failovers;
            f[NF_NO_PRIMARY_S] = rp->nopri_area;
            f[NF_FAILOVER_WRITES_FAILED] = (double)rp->fo_failed;
            f[NF_FAILOVER_WRITES_WAITED] = (double)rp->fo_waited;
        }
    }
    free(holds);
    for (int gi = 0; gi < e->n_groups && gi < r->n_groups; gi++) {
        QGroup *g = &e->groups[gi];
        const RNode *c = &e->nodes[g->consumer];
        double *f = r->groups[gi];
        for (uint32_t l = 0; l < g->n_lanes; l++) lane_purge(e, g, l); /* due, not yet fired */
        group_account(e, g);
        f[GF_PARTITIONS] = g->serial ? g->n_lanes : 0;
        f[GF_CONSUMER_SLOTS] = (double)c->slots;
        f[GF_USABLE_SLOTS] = g->serial ? fmin((double)c->slots, g->n_lanes) : (double)c->slots;
        f[GF_START_HELD] = g->start_held;
        f[GF_ENQUEUED] = (double)g->enqueued;
        f[GF_REJECTED] = (double)g->rejected;
        f[GF_DELIVERIES] = (double)g->deliveries;
        f[GF_REDELIVERED] = (double)g->redelivered;
        f[GF_DONE] = (double)g->done;
        f[GF_DUPLICATES] = (double)g->duplicates;
        f[GF_DEAD_LETTERED] = (double)g->dead_lettered;
        f[GF_DISCARDED] = (double)g->discarded;
        f[GF_EXPIRED] = (double)g->expired;
        f[GF_END_WAITING] = (double)g->waiting;
        f[GF_END_IN_FLIGHT] = (double)g->out;
        f[GF_MEAN_LAG_MESSAGES] = g->lag_area / T;
        f[GF_MAX_LAG_MESSAGES] = g->max_lag;
        f[GF_END_LAG_MESSAGES] = (double)(g->waiting + g->out);
        double max_s = 0, end_s = 0;
        for (uint32_t l = 0; l < g->n_lanes; l++) {
            Lane *L = &g->lanes[l];
            note_lag_s(e, g, L);
            double *p = r->parts[r->group_part[gi] + (int)l];
            p[PF_ENQUEUED] = (double)L->enq;
            p[PF_DONE] = (double)L->done;
            p[PF_MAX_LAG_MESSAGES] = L->max_lag;
            p[PF_MAX_LAG_S] = L->max_lag_s;
            p[PF_END_LAG_MESSAGES] = (double)L->q.len + L->out;
            p[PF_END_LAG_S] = lane_lag_s(e, g, L);
            if (L->max_lag_s > max_s) max_s = L->max_lag_s;
            if (p[PF_END_LAG_S] > end_s) end_s = p[PF_END_LAG_S];
        }
        f[GF_MAX_LAG_S] = max_s;
        f[GF_END_LAG_S] = end_s;
    }
    for (int k = 0; k < e->n_edges; k++) {
        const REdge *ed = &e->edges[k];
        double *f = r->edges[k];
        f[EF_CALLS] = (double)ed->n_calls;
        f[EF_RATE_RPS] = (double)ed->n_calls / T;
        f[EF_FAILED] = (double)ed->n_failed;
        f[EF_RETRIES] = (double)ed->n_retries;
        f[EF_CROSS_ZONE] = e->n_zones ? (double)ed->n_xzone : -1;
        f[EF_CROSS_REGION] = e->n_zones ? (double)ed->n_xregion : -1;
        f[EF_ITEMS] = ed->batch > 1 ? (double)ed->n_items : -1;
    }
    r->events = e->events + e->events_dropped;
    r->peak_jobs = e->n_jobs;
    r->peak_events = eq_capacity(e->q);
    r->peak_calls = e->n_calls;
    r->refused = e->refused;
    r->trace_type = e->opt.trace_request;
    r->n_trace = (int)e->n_spans;
    r->trace = e->spans;
    e->spans = NULL;
    r->scale_log = e->scale_log;
    r->n_scale_log = e->n_scale_log;
    e->scale_log = NULL;
    e->n_scale_log = e->cap_scale_log = 0;
    e->n_spans = e->cap_spans = 0;
    r->seed = e->seed;
    r->warmup_s = e->warmup_s;
    r->duration_s = T;
}

/* ---- setup --------------------------------------------------------------------------- */

SimOptions sim_options_default(void)
{
    SimOptions o;
    memset(&o, 0, sizeof o);
    o.duration_s = -1;
    o.warmup_s = -1;
    o.trace_request = -1;
    o.trace_at_s = -1;
    return o;
}

static bool prepare(const Dist *d, Sampler *s, DiagList *diag, const char *what)
{
    const char *why = NULL;
    if (dist_prepare(d, s, &why)) return true;
    diag_add(diag, what, "%s", why ? why : "impossible distribution");
    return false;
}

/* Per (node, type) the node's edges carrying the type, in the model's order, as one
 * flat array (CSR): a count per cell, prefix sums, then a fill. O(edges x types). */
static void build_edge_lists(Engine *e)
{
    const Model *m = e->model;
    size_t cells = (size_t)e->n_nodes * (size_t)e->n_types;
    e->elist_start = xcalloc(cells + 1, sizeof *e->elist_start);
    uint32_t *fill = xcalloc(cells + 1, sizeof *fill);
    for (int k = 0; k < m->n_edges; k++)
        for (int t = 0; t < e->n_types; t++)
            if (edge_carries(&m->edges[k], m->scenario.requests[t].name))
                fill[(size_t)e->edges[k].from * (size_t)e->n_types + (size_t)t]++;
    uint32_t total = 0;
    for (size_t c = 0; c < cells; c++) {
        e->elist_start[c] = total;
        total += fill[c];
        fill[c] = e->elist_start[c];
    }
    e->elist_start[cells] = total;
    e->elist = xcalloc((size_t)total + 1, sizeof *e->elist);
    for (int k = 0; k < m->n_edges; k++)
        for (int t = 0; t < e->n_types; t++)
            if (edge_carries(&m->edges[k], m->scenario.requests[t].name))
                e->elist[fill[(size_t)e->edges[k].from * (size_t)e->n_types + (size_t)t]++] = (uint32_t)k;
    free(fill);
}

/* A queue lane per distinct fixed delay, the most used first (every call crosses an
 * edge twice) in case there are more than the queue has lanes. */
/* Where answers may fold (fold_answer): a node calling in parallel whose calls for a
 * type go over one synchronous edge (async ones aside), with a latency, no timeout, no
 * retries and no breaker. */
static void find_folds(Engine *e)
{
    uint32_t cells = (uint32_t)(e->n_nodes * e->n_types);
    e->fold = xcalloc(cells + 1, sizeof *e->fold);
    for (uint32_t at = 0; at < cells; at++) {
        const RNode *n = &e->nodes[at / (uint32_t)e->n_types];
        if (n->calls != CALLS_PARALLEL || n->kind == NODE_LOAD_BALANCER) continue;
        int n_sync = 0;
        const REdge *one = NULL;
        for (uint32_t p = e->elist_start[at]; p < e->elist_start[at + 1]; p++) {
            const REdge *ed = &e->edges[e->elist[p]];
            if (ed->async) continue;
            n_sync++;
            one = ed;
        }
        e->fold[at] = n_sync == 1 && one->lat_s + one->resp_tx_s > 0 && one->timeout_s <= 0 &&
                      one->retries == 0 && !one->breaker;
    }
}

/* Which request types' roots need no job (CALL_ROOT): the client makes one call over one
 * edge that is single and direct, and the root keeps nothing else: no client timeout
 * (its timer names the job), no sessions or keys (drawn into the job), no zones (a spread
 * node's zone is a hash of the job's id). A traced root still gets its job (new_root). */
static void find_root_calls(Engine *e)
{
    for (int t = 0; t < e->n_types; t++) {
        RType *rt = &e->types[t];
        rt->root_edge = NONE;
        uint32_t at = rt->client * (uint32_t)e->n_types + (uint32_t)t;
        if (rt->timeout || rt->sessions || e->job_key || e->call_key || e->job_zone ||
            e->elist_start[at + 1] - e->elist_start[at] != 1)
            continue;
        uint32_t k = e->elist[e->elist_start[at]];
        if (e->edges[k].single && e->edges[k].direct && !e->edges[k].zlat) rt->root_edge = k;
    }
}

/* A candidate for a lane: a fixed delay (the events scheduled that long after now), or a
 * stream that comes in time order (own >= 0: a request type's arrivals, own < -1: the
 * service ends of node -own - 2), with the events a second the flow estimate sends
 * through it. */
typedef struct LaneUse {
    double delay_s, eps;
    int own;
} LaneUse;

#define OWN_NONE (-1)

static int by_delay(const void *a, const void *b)
{
    double x = ((const LaneUse *)a)->delay_s, y = ((const LaneUse *)b)->delay_s;
    return (x > y) - (x < y);
}

static int by_traffic(const void *a, const void *b)
{
    const LaneUse *x = a, *y = b;
    if (x->eps != y->eps) return (y->eps > x->eps) - (y->eps < x->eps);
    if (x->own != y->own) return (x->own > y->own) - (x->own < y->own);
    return by_delay(a, b);
}

/* A lane costs a comparison at every pop and saves a calendar insertion for each event
 * it carries: a stream gets one when the flow estimate sends at least 1/LANE_SHARE of
 * the run's events through it, the busiest first, while lanes last (EQ_MAX_LANES). */
#define LANE_SHARE 32

/* A node's constant service time in seconds (its cap applied, its slowdown now). */
static double const_service_s(const RNode *nd)
{
    double v = nd->service.a;
    if (nd->service.cap > 0 && v > nd->service.cap) v = nd->service.cap;
    return v * nd->slow / 1000.0;
}

static void use_delay(LaneUse *u, int *n, double delay_s, double eps)
{
    u[(*n)++] = (LaneUse){.delay_s = delay_s, .eps = eps, .own = OWN_NONE};
}

static void assign_lanes(Engine *e)
{
    const Model *m = e->model;
    Estimate est;
    analytic_estimate(m, &est);
    double total = analytic_work(m, &est, 0, 1).events_per_s;
    LaneUse *u = xmalloc(((size_t)e->n_edges * 3 + (size_t)e->n_nodes * 2 + (size_t)e->n_types + 1) * sizeof *u);
    int n = 0;
    for (int k = 0; k < e->n_edges; k++) {
        const REdge *r = &e->edges[k];
        double eps = k < est.n_edges ? est.edge_rps[k] : 0;
        if (!r->zlat) { /* else its latency changes with the zones up */
            if (r->lat_s + r->req_tx_s > 0) use_delay(u, &n, r->lat_s + r->req_tx_s, eps);
            if (!r->async && r->lat_s + r->resp_tx_s > 0) use_delay(u, &n, r->lat_s + r->resp_tx_s, eps);
        }
        if (r->timeout_s > 0) use_delay(u, &n, r->timeout_s, eps);
    }
    for (int i = 0; i < e->n_nodes; i++) {
        const RNode *nd = &e->nodes[i];
        double eps = i < est.n_nodes ? est.nodes[i].arrival_rps : 0;
        if (nd->kind == NODE_CLIENT) {
            double sent = 0;
            for (int t = 0; t < e->n_types; t++) sent += e->types[t].client == (uint32_t)i ? e->types[t].rate : 0;
            if (nd->def->timeout_ms > 0) use_delay(u, &n, nd->def->timeout_ms / 1000.0, sent);
        } else if (nd->service.kind == DIST_CONSTANT) {
            use_delay(u, &n, const_service_s(nd), eps);
        } else if (nd->slots == 1) { /* one at a time: its ends come in time order */
            u[n++] = (LaneUse){.delay_s = NAN, .eps = eps, .own = -2 - i};
        }
    }
    /* one delay, one lane: the traffic of equal delays adds up */
    qsort(u, (size_t)n, sizeof *u, by_delay);
    int w = 0;
    for (int i = 0; i < n; i++) {
        if (w > 0 && u[i].own == OWN_NONE && u[w - 1].own == OWN_NONE && u[i].delay_s == u[w - 1].delay_s)
            u[w - 1].eps += u[i].eps;
        else
            u[w++] = u[i];
    }
    n = w;
    /* an open-loop type's arrivals come in time order, one pending at a time */
    for (int t = 0; t < e->n_types; t++)
        if (!e->types[t].closed) u[n++] = (LaneUse){.delay_s = NAN, .eps = e->types[t].rate, .own = t};
    qsort(u, (size_t)n, sizeof *u, by_traffic);
    for (int t = 0; t < e->n_types; t++) e->types[t].lane_gen = EQ_NO_LANE;
    for (int i = 0; i < e->n_nodes; i++) e->nodes[i].lane_service = e->nodes[i].lane_timeout = EQ_NO_LANE;
    for (int i = 0; i < n; i++) {
        /* an estimate without a bound (an amplifying async cycle) gives every stream a lane */
        if (isfinite(total) && u[i].eps * LANE_SHARE < total) break;
        if (u[i].own >= 0)
            e->types[u[i].own].lane_gen = eq_lane_own(e->q);
        else if (u[i].own < OWN_NONE)
            e->nodes[-u[i].own - 2].lane_service = eq_lane_own(e->q);
        else
            eq_lane_for(e->q, u[i].delay_s);
    }
    free(u);
    estimate_free(&est);
    /* the fixed delays: their lanes, where they got one */
    for (int k = 0; k < e->n_edges; k++) {
        REdge *r = &e->edges[k];
        r->lane_req = r->lane_resp = r->lane_timeout = EQ_NO_LANE;
        if (!r->zlat && r->lat_s + r->req_tx_s > 0) r->lane_req = eq_lane_find(e->q, r->lat_s + r->req_tx_s);
        if (!r->zlat && r->lat_s + r->resp_tx_s > 0) r->lane_resp = eq_lane_find(e->q, r->lat_s + r->resp_tx_s);
        if (r->timeout_s > 0) r->lane_timeout = eq_lane_find(e->q, r->timeout_s);
    }
    for (int i = 0; i < e->n_nodes; i++) {
        RNode *nd = &e->nodes[i];
        if (nd->kind == NODE_CLIENT) {
            if (nd->def->timeout_ms > 0) nd->lane_timeout = eq_lane_find(e->q, nd->def->timeout_ms / 1000.0);
        } else if (nd->service.kind == DIST_CONSTANT) {
            nd->lane_service = eq_lane_find(e->q, const_service_s(nd));
        }
    }
}

/* What a file can ask for that the engine will not hold: more closed-loop users in
 * all than USER_LIMIT (each is a pending event or a request at all times), more
 * database servers in all than STATION_LIMIT. Each is refused with what the run would
 * need, at the path of the field that asks for it. */
static bool refuse_what_cannot_fit(const Model *m, DiagList *d)
{
    bool ok = true;
    char a[NUMFMT_CAP], b[NUMFMT_CAP], c[NUMFMT_CAP], rate[NUMFMT_CAP];
    int64_t users = 0;
    for (int t = 0; t < m->scenario.n_requests; t++) {
        const RequestType *rq = &m->scenario.requests[t];
        users += rq->users > 0 ? rq->users : 0;
        if (users <= (int64_t)USER_LIMIT) continue;
        double think_s = fmax(dist_drawn_mean(&rq->think_ms) / 1000.0, 0.001);
        char *path = xasprintf("scenario.requests[%d].users", t);
        diag_add(d, path,
                 "%s closed-loop users in all: each is a request or a pending event at every "
                 "moment, about %s MB to simulate, and the simulator holds at most %s at once "
                 "(its memory safety valve). For a crowd this large use an open loop instead: "
                 "rate_rps of about users / think time (here %s requests per second)",
                 numfmt_grouped((double)users, numfmt_thousands(tr_lang()), a, sizeof a),
                 numfmt_grouped(ceil((double)users * 112 / 1e6), numfmt_thousands(tr_lang()), b, sizeof b),
                 numfmt_grouped(USER_LIMIT, numfmt_thousands(tr_lang()), c, sizeof c),
                 numfmt_grouped(round((double)users / think_s), numfmt_thousands(tr_lang()), rate, sizeof rate));
        free(path);
        ok = false;
        break;
    }
    int64_t servers = 0;
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *nd = &m->nodes[i];
        if (nd->kind != NODE_DATABASE) continue;
        servers += (int64_t)nd->shards * (1 + nd->read_replicas);
        if (servers <= (int64_t)STATION_LIMIT) continue;
        char *path = xasprintf("nodes[%d].shards", i);
        diag_add(d, path,
                 "%s database servers in all (%d shards x %d servers each here): the simulator "
                 "holds at most %s (a queue each, about %s MB); model fewer, larger servers",
                 numfmt_grouped((double)servers, numfmt_thousands(tr_lang()), a, sizeof a), nd->shards, 1 + nd->read_replicas,
                 numfmt_grouped(STATION_LIMIT, numfmt_thousands(tr_lang()), b, sizeof b),
                 numfmt_grouped(ceil((double)servers * sizeof(Station) / 1e6), numfmt_thousands(tr_lang()), c, sizeof c));
        free(path);
        ok = false;
        break;
    }
    /* partitions of consumer groups: a lane each (a FIFO and its figures) */
    if (ok) {
        int64_t lanes = 0;
        bool *tracked = model_queues_tracked(m);
        int *outs = xcalloc((size_t)m->n_nodes + 1, sizeof *outs);
        const char **ids = xcalloc((size_t)m->n_nodes + 1, sizeof *ids);
        for (int i = 0; i < m->n_nodes; i++) ids[i] = m->nodes[i].id;
        StrIndex idx;
        strindex_init(&idx, ids, m->n_nodes);
        for (int i = 0; i < m->n_nodes; i++)
            if (ids[i]) strindex_add(&idx, i);
        for (int k = 0; k < m->n_edges; k++) {
            int q = m->edges[k].from ? strindex_find(&idx, m->edges[k].from) : -1;
            if (q >= 0 && tracked[q]) outs[q]++;
        }
        for (int i = 0; i < m->n_nodes && ok; i++) {
            if (!tracked[i]) continue;
            lanes += (int64_t)outs[i] * (m->nodes[i].partitions > 0 ? m->nodes[i].partitions : 1);
            if (lanes <= (int64_t)LANE_LIMIT) continue;
            char *path = xasprintf("nodes[%d].partitions", i);
            diag_add(d, path,
                     "%s partitions of consumer groups in all (partitions x consumer edges; %d x "
                     "%d here): the simulator holds at most %s (a FIFO and figures each); model "
                     "fewer partitions",
                     numfmt_grouped((double)lanes, numfmt_thousands(tr_lang()), a, sizeof a), m->nodes[i].partitions, outs[i],
                     numfmt_grouped(LANE_LIMIT, numfmt_thousands(tr_lang()), b, sizeof b));
            free(path);
            ok = false;
        }
        strindex_free(&idx);
        free(ids);
        free(outs);
        free(tracked);
    }
    return ok;
}

/* The largest lag a sampler can draw, in seconds (INFINITY when unbounded). */
static double lag_bound_s(const Sampler *s)
{
    double b = s->kind == DIST_CONSTANT ? s->a : s->kind == DIST_UNIFORM ? s->a + s->b : INFINITY;
    if (s->cap > 0 && s->cap < b) b = s->cap;
    return b / 1000.0;
}

/* A database's replication and failover state, when it uses any of it, or has read
 * replicas (whose busy share the primaries' measured one tells apart). Without lag,
 * read-your-writes or failover it picks stations as a database without it does, with the
 * same draws. */
static bool make_repl(Engine *e, RNode *n, int i, DiagList *d)
{
    const Node *nd = n->def;
    const Dist *lag = &nd->replication_lag_ms;
    bool has_lag = !(lag->kind == DIST_CONSTANT && lag->mean == 0 && lag->cap == 0);
    if (!has_lag && !(nd->read_your_writes_ms > 0) && !(nd->failover_s > 0) && !(nd->read_replicas > 0))
        return true;
    Repl *r = n->repl = xcalloc(1, sizeof *r);
    char *path = xasprintf("nodes[%d].replication_lag_ms", i);
    bool ok = prepare(lag, &r->lag, d, path);
    free(path);
    r->has_lag = has_lag && !(r->lag.kind == DIST_CONSTANT && r->lag.a == 0);
    r->ryw_s = nd->read_your_writes_ms > 0 ? nd->read_your_writes_ms / 1000.0 : 0;
    r->track = r->has_lag || r->ryw_s > 0;
    r->horizon_s = fmax(r->ryw_s, r->has_lag ? lag_bound_s(&r->lag) : 0);
    rng_seed(&r->rng, e->seed, hash_str(nd->id) ^ 0x1a6b0bull);
    size_t shards = (size_t)nd->shards;
    r->primary = xcalloc(shards, sizeof *r->primary);
    r->prim_st = xcalloc(shards * (size_t)n->per_shard + 1, sizeof *r->prim_st);
    for (size_t s = 0; s < shards; s++) r->prim_st[s * (size_t)n->per_shard] = 1; /* station 0 of each */
    r->gen = xcalloc(shards, sizeof *r->gen);
    r->promoting = xcalloc(shards, sizeof *r->promoting);
    r->waiting = xcalloc(shards, sizeof *r->waiting);
    r->lag_ms = hist_create();
    r->gap_ms = hist_create();
    return ok;
}

static void free_repl(Repl *r, int shards)
{
    if (!r) return;
    free(r->keys);
    free(r->t_write);
    free(r->primary);
    free(r->prim_st);
    free(r->gen);
    free(r->promoting);
    for (int s = 0; r->waiting && s < shards; s++) free(r->waiting[s].items);
    free(r->waiting);
    hist_destroy(r->lag_ms);
    hist_destroy(r->gap_ms);
    free(r);
}

Engine *engine_create(const Model *src, const SimOptions *opt, DiagList *d)
{
    Engine *e = xcalloc(1, sizeof *e);
    e->model = model_clone(src);
    const Model *m = e->model;
    e->opt = opt ? *opt : sim_options_default();
    e->warmup_s = e->opt.warmup_s >= 0 ? e->opt.warmup_s : m->scenario.warmup_s;
    e->duration_s = e->opt.duration_s > 0 ? e->opt.duration_s : m->scenario.duration_s;
    e->seed = e->opt.has_seed ? e->opt.seed : m->scenario.seed;
    e->t_end = e->warmup_s + e->duration_s;
    e->instant_budget = e->opt.instant_budget > INSTANT_SAMPLE ? e->opt.instant_budget
                        : e->opt.instant_budget > 0        ? INSTANT_SAMPLE
                                                           : ENGINE_INSTANT_BUDGET;
    e->free_jobs = e->free_calls = NONE;
    e->batch_tail = NONE;
    e->q = eq_create();
    rng_seed(&e->rng, e->seed, hash_str("archsim/engine"));
    bool ok = refuse_what_cannot_fit(m, d);
    if (!ok) { /* before anything is allocated for it */
        engine_destroy(e);
        return NULL;
    }

    e->n_zones = m->scenario.n_zones;
    e->zlat_s = xcalloc((size_t)e->n_zones * (size_t)e->n_zones + 1, sizeof *e->zlat_s);
    e->zregion = xcalloc((size_t)e->n_zones + 1, sizeof *e->zregion);
    e->zone_down = xcalloc((size_t)e->n_zones + 1, sizeof *e->zone_down);
    for (int a = 0; a < e->n_zones; a++) {
        e->zregion[a] = a;
        for (int b = 0; b < a && e->zregion[a] == a; b++)
            if (strcmp(scenario_zone_region(&m->scenario, a), scenario_zone_region(&m->scenario, b)) == 0)
                e->zregion[a] = e->zregion[b];
        for (int b = 0; b < e->n_zones; b++)
            e->zlat_s[a * e->n_zones + b] = scenario_zone_latency_ms(&m->scenario, a, b) / 1000.0;
    }
    if (e->n_zones > 0) e->job_zone = xcalloc(1, sizeof *e->job_zone);
    e->n_nodes = m->n_nodes;
    e->nodes = xcalloc((size_t)m->n_nodes + 1, sizeof *e->nodes);
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *nd = &m->nodes[i];
        RNode *n = &e->nodes[i];
        n->def = nd;
        n->kind = nd->kind;
        n->io = nd->io;
        n->calls = nd->calls;
        n->policy = nd->policy;
        n->hit_ratio = nd->hit_ratio;
        bool db = nd->kind == NODE_DATABASE;
        n->per_shard = db ? 1 + nd->read_replicas : 1;
        n->n_stations = db ? nd->shards * n->per_shard : 1;
        n->st = xcalloc((size_t)n->n_stations, sizeof *n->st);
        if (n->n_stations > 1) {
            n->st_time = xcalloc((size_t)n->n_stations, sizeof *n->st_time);
            n->st_active = xcalloc((size_t)n->n_stations, sizeof *n->st_active);
        }
        for (int s = 0; s < n->n_stations; s++) {
            n->st[s].slots = db ? nd->pool : (int64_t)nd->instances * nd->workers;
            n->st[s].alive = n->st[s].slots;
            n->slots += n->st[s].slots;
        }
        n->n_up = n->n_stations;
        n->max_inflight = (int64_t)nd->max_inflight * (db ? n->n_stations : nd->instances);
        n->zone = ZONE_NONE;
        if (e->n_zones > 0 && nd->zone) {
            n->zone = scenario_find_zone(&m->scenario, nd->zone);
        } else if (e->n_zones > 0 && nd->n_zones > 0) {
            n->zone = ZONE_SPREAD;
            n->zcount = xcalloc((size_t)e->n_zones, sizeof *n->zcount);
            int servers = db ? n->per_shard : nd->instances; /* a database: its roles */
            for (int k = 0; k < servers; k++) {
                int z = scenario_find_zone(&m->scenario, nd->zones[k % nd->n_zones]);
                if (z >= 0) n->zcount[z] += db ? (uint32_t)nd->shards : 1;
            }
        }
        if (n->zone < 0 && n->zone != ZONE_SPREAD) n->zone = ZONE_NONE;
        n->zaware = nd->kind == NODE_LOAD_BALANCER && ((nd->prefer_zone && n->zone != ZONE_NONE) || nd->detect_s > 0);
        if (node_autoscaled(nd)) {
            Scale *sc = n->scale = xcalloc(1, sizeof *n->scale);
            sc->p = &nd->autoscale;
            sc->serving = sc->desired = sc->held_max = nd->instances;
            sc->workers = nd->workers;
            sc->inflight_per = nd->max_inflight;
            sc->last_out = sc->last_action = -INFINITY;
            n->st[0].slots = n->slots = (int64_t)nd->autoscale.max_instances * nd->workers;
        }
        n->queue_max = nd->queue_max;
        n->slow = 1;
        n->max_depth = nd->max_depth;
        n->rl_rate = nd->rate_limit_rps;
        n->rl_burst = nd->burst > 0 ? nd->burst : fmax(1.0, nd->rate_limit_rps / 10);
        n->rl_tokens = n->rl_burst;
        rng_seed(&n->rng, e->seed, hash_str(nd->id));
        n->wait_ms = hist_create();
        n->lat_ms = hist_create();
        char *path = xasprintf("nodes[%d].service_ms", i);
        ok &= prepare(&nd->service_ms, &n->service, d, path);
        free(path);
        if (db) ok &= make_repl(e, n, i, d);
        if (node_cache_extended(nd)) {
            CacheRun *c = n->cache = xcalloc(1, sizeof *n->cache);
            c->keyed = node_key_model(nd);
            kc_init(&c->kc, node_cache_capacity(nd), nd->ttl_s, nd->instances, CACHE_ENTRY_LIMIT);
            c->kc.on_dirty = cache_dirty_left;
            c->kc.ctx = c;
            c->wp = nd->write_policy;
            c->coalesce = nd->coalesce && c->keyed;
            c->flush_s = nd->flush_interval_s > 0 ? nd->flush_interval_s : 1;
            c->batch = nd->flush_batch > 0 ? (uint32_t)nd->flush_batch : 1;
            c->peak_at = -1;
        }
    }

    const char **ids = xcalloc((size_t)m->n_nodes + 1, sizeof *ids);
    for (int i = 0; i < m->n_nodes; i++) ids[i] = m->nodes[i].id;
    StrIndex idx;
    strindex_init(&idx, ids, m->n_nodes);
    for (int i = 0; i < m->n_nodes; i++) strindex_add(&idx, i);
    e->n_edges = m->n_edges;
    e->edges = xcalloc((size_t)m->n_edges + 1, sizeof *e->edges);
    for (int k = 0; k < m->n_edges; k++) {
        const Edge *ed = &m->edges[k];
        REdge *r = &e->edges[k];
        r->def = ed;
        int from = strindex_find(&idx, ed->from), to = strindex_find(&idx, ed->to);
        if (from < 0 || to < 0) {
            diag_add(d, "edges", "edge %d joins a missing node ('%s' -> '%s')", k,
                     ed->from ? ed->from : "", ed->to ? ed->to : "");
            ok = false;
            from = to = 0;
        }
        r->from = (uint32_t)from;
        r->to = (uint32_t)to;
        r->lat_s = ed->latency_ms / 1000.0;
        if (e->n_zones > 0 && from >= 0 && to >= 0) {
            const RNode *a = &e->nodes[from], *b = &e->nodes[to];
            Edge edef;
            edge_defaults(&edef);
            bool from_zones = ed->latency_ms == edef.latency_ms; /* not set in the file */
            if (a->zone >= 0 && b->zone >= 0) {
                r->zmode = 1;
                r->xkind = a->zone == b->zone ? 0 : e->zregion[a->zone] == e->zregion[b->zone] ? 1 : 2;
                if (from_zones) r->lat_s = e->zlat_s[a->zone * e->n_zones + b->zone];
            } else if (a->zone != ZONE_NONE && b->zone != ZONE_NONE) {
                r->zmode = 2;
                r->zlat = from_zones;
            }
        }
        if (ed->bandwidth_mbps > 0) {
            r->req_tx_s = ed->request_kb * 8.0 / (ed->bandwidth_mbps * 1000.0);
            r->resp_tx_s = ed->response_kb * 8.0 / (ed->bandwidth_mbps * 1000.0);
        }
        r->prob = ed->probability;
        r->fanout_one = ed->fanout.kind == DIST_CONSTANT && ed->fanout.mean == 1;
        char *path = xasprintf("edges[%d].fanout", k);
        ok &= prepare(&ed->fanout, &r->fanout, d, path);
        free(path);
        r->async = ed->mode == EDGE_ASYNC;
        r->batch = ed->batch > 1 ? (uint32_t)ed->batch : 1;
        r->item_s = ed->batch_item_ms / 1000.0;
        if (r->batch > 1 && !e->job_extra_s) {
            e->job_extra_s = xcalloc(1, sizeof *e->job_extra_s);
            e->job_fan_items = xcalloc(1, sizeof *e->job_fan_items);
            e->call_items = xcalloc(1, sizeof *e->call_items);
        }
        r->timeout_s = ed->timeout_ms / 1000.0;
        r->retries = ed->retries;
        r->backoff_s = ed->backoff_ms / 1000.0;
        r->backoff_max_s = ed->backoff_max_ms / 1000.0;
        r->budget_ratio = ed->retry_budget;
        r->budget_tokens = 10; /* a little initial credit */
        r->breaker = ed->breaker.enabled;
        r->cb_ratio = ed->breaker.failure_ratio;
        r->cb_min = ed->breaker.min_calls;
        r->cb_window_s = ed->breaker.window_s;
        r->cb_open_s = ed->breaker.open_s;
        r->direct = r->timeout_s <= 0 && r->retries == 0 && r->budget_ratio <= 0 && !r->breaker;
        r->single = r->prob >= 1 && r->fanout_one && r->batch == 1 && !r->async;
    }
    /* Consumers pull from the queue nodes that feed them (sync or async edges alike):
     * counted first, so that a node fed by many queues costs one allocation. */
    for (int k = 0; k < e->n_edges; k++)
        if (e->nodes[e->edges[k].from].kind == NODE_QUEUE) e->nodes[e->edges[k].to].n_feeders++;
    for (int i = 0; i < e->n_nodes; i++) {
        RNode *c = &e->nodes[i];
        if (c->n_feeders) c->feeders = xmalloc((size_t)c->n_feeders * sizeof *c->feeders);
        c->n_feeders = 0;
    }
    for (int k = 0; k < e->n_edges; k++) {
        REdge *r = &e->edges[k];
        if (e->nodes[r->from].kind != NODE_QUEUE) continue;
        RNode *c = &e->nodes[r->to];
        c->feeders[c->n_feeders++] = (uint32_t)k;
    }

    /* Tracked queues: a consumer group per edge out of them, with its partitions. */
    bool *tracked = model_queues_tracked(m);
    for (int i = 0; i < e->n_nodes; i++) {
        RNode *n = &e->nodes[i];
        n->tracked = tracked[i];
        n->dead_letter = NONE;
        if (n->tracked && n->def->dead_letter) {
            int t = strindex_find(&idx, n->def->dead_letter);
            if (t >= 0 && t != i && tracked[t]) n->dead_letter = (uint32_t)t;
        }
    }
    for (int k = 0; k < e->n_edges; k++) {
        e->edges[k].group = NONE;
        e->n_groups += tracked[e->edges[k].from];
    }
    e->groups = xcalloc((size_t)e->n_groups + 1, sizeof *e->groups);
    e->free_dmsgs = NONE;
    for (int k = 0, gi = 0; k < e->n_edges; k++) {
        REdge *r = &e->edges[k];
        if (!tracked[r->from]) continue;
        QGroup *g = &e->groups[gi];
        const Node *qd = e->nodes[r->from].def;
        g->edge = (uint32_t)k;
        g->queue = r->from;
        g->consumer = r->to;
        g->serial = qd->partitions > 0;
        g->n_lanes = qd->partitions > 0 ? (uint32_t)qd->partitions : 1;
        g->lanes = xcalloc(g->n_lanes, sizeof *g->lanes);
        r->group = (uint32_t)gi++;
    }
    free(tracked);

    e->n_types = m->scenario.n_requests;
    e->types = xcalloc((size_t)e->n_types + 1, sizeof *e->types);
    for (int t = 0; t < e->n_types; t++) {
        const RequestType *rq = &m->scenario.requests[t];
        RType *rt = &e->types[t];
        rt->def = rq;
        rt->op = rq->op;
        /* model_request_client's rule (the named client, else the first), the name found
         * through the index: a diagram may have 100k nodes */
        int client = rq->client ? strindex_find(&idx, rq->client) : model_request_client(m, rq);
        if (client < 0 || m->nodes[client].kind != NODE_CLIENT) {
            diag_add(d, "scenario.requests", "request type '%s' has no client node to send it",
                     rq->name ? rq->name : "");
            ok = false;
            client = 0;
        }
        rt->client = (uint32_t)client;
        rt->closed = rq->users > 0;
        rt->timeout = m->nodes[client].timeout_ms > 0;
        rt->base_rate = rq->users > 0 ? 0 : rq->rate_rps;
        type_set_rate(rt, rt->base_rate);
        rt->constant = rq->arrival == ARRIVAL_CONSTANT;
        char *path = xasprintf("scenario.requests[%d].think_ms", t);
        ok &= prepare(&rq->think_ms, &rt->think, d, path);
        free(path);
        rng_seed(&rt->rng, e->seed, hash_str(rq->name) ^ 0x9e3779b97f4a7c15ull);
        rt->sessions = rq->sessions > 0 ? (uint32_t)rq->sessions : 0;
        if (rt->sessions > SESSIONS_MAX) rt->sessions = SESSIONS_MAX;
        if (rt->sessions) rng_seed(&rt->srng, e->seed, hash_str(rq->name) ^ 0x5e5510b5ull);
        rt->lat_ms = hist_create();
        rt->async_ms = hist_create();
        rt->tick_ms = hist_create();
        rt->space = rq->key_space > 0 ? (uint32_t)(e->n_types + rq->key_space) : (uint32_t)t;
        if (rq->keys > 0) {
            key_sampler_init(&rt->keys, (uint32_t)rq->keys, rq->key_zipf);
            rng_seed(&rt->key_rng, e->seed, hash_str(rq->name) ^ 0x6b6579732f7a6970ull);
        }
    }
    /* Keys are tracked only when a request type has some and a cache holds them. */
    bool keyed_cache = false;
    for (int i = 0; i < e->n_nodes; i++) {
        if (e->nodes[i].cache) e->nodes[i].cache->dirty = xcalloc((size_t)e->n_types + 1, sizeof(uint64_t));
        keyed_cache |= e->nodes[i].cache && e->nodes[i].cache->keyed;
    }
    for (int t = 0; t < e->n_types && keyed_cache; t++)
        if (m->scenario.requests[t].keys > 0) {
            e->types[t].has_keys = true;
            if (!e->job_key) {
                e->job_key = xcalloc(1, sizeof *e->job_key);
                e->job_cflags = xcalloc(1, sizeof *e->job_cflags);
                e->call_key = xcalloc(1, sizeof *e->call_key);
            }
        }
    strindex_free(&idx);
    free(ids);
    if (!ok) {
        engine_destroy(e);
        return NULL;
    }
    build_edge_lists(e);
    find_folds(e);
    find_root_calls(e);
    assign_lanes(e);
    /* The series: a row per second, or per `step` whole seconds when a row a second
     * would pass SERIES_MAX_ROWS rows or SERIES_MAX_VALUES numbers (a long run, or a
     * huge diagram). */
    double per_row = (double)(e->n_types + 1) * TS_COUNT +
                     (double)e->n_nodes * (model_has_autoscale(m)    ? NS_COUNT
                                           : model_has_cache_model(m) ? NS_CACHE_END
                                                                      : NS_BASE_COUNT) +
                     (double)e->n_groups * GS_COUNT;
    double max_rows = fmin(SERIES_MAX_ROWS, fmax(1, floor(SERIES_MAX_VALUES / per_row)));
    double step = fmax(1, ceil(ceil(e->t_end - 1e-9) / max_rows));
    int rows = (int)ceil(e->t_end / step - 1e-9);
    if (rows < 1) rows = 1;
    e->res = results_create(m, rows);
    e->res->series_step_s = step;
    return e;
}

void engine_destroy(Engine *e)
{
    if (!e) return;
    for (int i = 0; i < e->n_nodes; i++) {
        RNode *n = &e->nodes[i];
        if (n->st)
            for (int s = 0; s < n->n_stations; s++) free(n->st[s].queue.items);
        free(n->st);
        free(n->st_time);
        free(n->st_active);
        free_repl(n->repl, n->def ? n->def->shards : 0);
        free(n->feeders);
        hist_destroy(n->wait_ms);
        hist_destroy(n->lat_ms);
        if (n->cache) {
            kc_free(&n->cache->kc);
            free(n->cache->fl);
            free(n->cache->dirty);
            free(n->cache->dirty_ids);
            free(n->cache);
        }
        free(n->scale);
        free(n->zcount);
    }
    free(e->zlat_s);
    free(e->job_zone);
    free(e->zregion);
    free(e->zone_down);
    for (int k = 0; k < e->n_edges; k++) free(e->edges[k].msgs.items);
    for (int g = 0; g < e->n_groups; g++) {
        for (uint32_t l = 0; l < e->groups[g].n_lanes; l++) free(e->groups[g].lanes[l].q.items);
        free(e->groups[g].lanes);
        free(e->groups[g].ready.items);
    }
    free(e->groups);
    free(e->dmsgs);
    for (int t = 0; t < e->n_types; t++) {
        hist_destroy(e->types[t].lat_ms);
        hist_destroy(e->types[t].async_ms);
        hist_destroy(e->types[t].tick_ms);
    }
    free(e->nodes);
    free(e->edges);
    free(e->types);
    free(e->elist);
    free(e->elist_start);
    free(e->fold);
    free(e->jobs);
    free(e->calls);
    free(e->spans);
    free(e->scale_log);
    free(e->instant_hits);
    free(e->job_key);
    free(e->job_cflags);
    free(e->call_key);
    free(e->job_extra_s);
    free(e->job_fan_items);
    free(e->call_items);
    eq_destroy(e->q);
    results_destroy(e->res);
    model_destroy(e->model);
    free(e);
}

/* ---- the loop -------------------------------------------------------------------------- */

static void dispatch(Engine *e, const SimEvent *ev)
{
    switch (ev->type) {
    case EV_GEN:
        new_root(e, ev->a);
        next_arrival(e, ev->a);
        break;
    case EV_USER: new_root(e, ev->a); break;
    case EV_ARRIVE:
        if (e->jobs[ev->a].gen == ev->b) arrive_batch(e, ev->a);
        break;
    case EV_DONE: service_done(e, ev->a); break;
    case EV_RESPONSE:
        if (ev->a & CALL_DIRECT)
            direct_result(e, ev->a, ev->b, (ErrCause)ev->c);
        else if (e->calls[ev->a].gen == ev->b)
            call_result(e, ev->a, (ErrCause)ev->c);
        break;
    case EV_TIMEOUT:
        if (e->calls[ev->a].gen == ev->b) {
            e->calls[ev->a].gen++; /* the late answer of this attempt is ignored */
            e->calls[ev->a].timer = false;
            call_result(e, ev->a, ERR_TIMEOUT);
        } else {
            e->dead_timers--; /* one not compacted away yet */
        }
        break;
    case EV_RETRY:
        if (e->calls[ev->a].gen == ev->b) send_attempt(e, ev->a);
        break;
    case EV_ROOT_TIMEOUT: {
        Job *j = &e->jobs[ev->a];
        if (j->gen != ev->b) e->dead_timers--; /* one not compacted away yet */
        if (j->gen == ev->b && !(j->flags & JF_TIMED_OUT)) {
            j->flags = (uint16_t)((j->flags | JF_TIMED_OUT) & ~JF_TIMER);
            /* a traced request counts as failed here, whatever its late answer says */
            if (j->span != NONE && !e->spans[j->span].err) e->spans[j->span].err = (uint8_t)ERR_TIMEOUT;
            record_root(e, j->type, j->t_origin, ERR_TIMEOUT);
        }
        break;
    }
    case EV_SCENARIO: scenario_event(e, ev->a, ev->b != 0); break;
    case EV_TICK:
        tick(e);
        schedule(e, e->res->series_step_s, EV_TICK, 0, 0, 0);
        break;
    case EV_WARMUP_END: reset_stats(e); break;
    case EV_FAILOVER: promote(e, ev->a, ev->b, ev->c); break;
    case EV_VISIBLE: visibility_over(e, ev->a, ev->b); break;
    case EV_FLUSH: cache_flush(e, ev->a); break;
    case EV_SCALE:
        if (ev->b)
            scale_ready(e, ev->a, (int)ev->c);
        else
            scale_evaluate(e, ev->a);
        break;
    case EV_EXPIRE: retention_over(e, ev->a); break;
    case EV_ROOT_ANSWER: root_answer_event(e, ev); break;
    case EV_ROOT_ARRIVE: root_arrive(e, ev); break;
    default: break;
    }
}

/* Timers of calls (and requests) that ended before their timeout stay in the queue
 * as dead events until they would fire: with long timeouts that is rate x timeout
 * events, growing with simulated time. Once they are at least half of the queue
 * (and a few thousand), they are removed in one pass: O(1) amortised per timer, and
 * the queue holds about twice the live events at most (looked at every COMPACT_MIN
 * events, so that many more at worst). Dead events due by the end are counted as
 * handled, as they were when popped and skipped: when they go changes no figure. */
#define COMPACT_MIN 4096

static bool event_live(void *ctx, const SimEvent *ev)
{
    Engine *e = ctx;
    bool live = true;
    if (ev->type == EV_TIMEOUT) live = e->calls[ev->a].gen == ev->b;
    else if (ev->type == EV_ROOT_TIMEOUT) live = e->jobs[ev->a].gen == ev->b;
    else if (ev->type == EV_VISIBLE) live = e->dmsgs[ev->a].gen == ev->b && e->dmsgs[ev->a].timer;
    if (!live && ev->time <= e->t_end) e->events_dropped++;
    return live;
}

static void drop_dead_timers(Engine *e)
{
    eq_compact(e->q, event_live, e);
    e->dead_timers = 0;
}

/* ---- the event budget per instant -------------------------------------------------- */

/* The node an event is handled at (an answer: the caller it reaches), or -1. */
static int event_node(const Engine *e, const SimEvent *ev)
{
    switch (ev->type) {
    case EV_GEN:
    case EV_USER: return (int)e->types[ev->a].client;
    case EV_ROOT_ANSWER: return (int)e->types[ev->a & 0xFFFF].client;
    case EV_ROOT_ARRIVE: return (int)e->edges[e->types[ev->a].root_edge].to;
    case EV_ARRIVE:
    case EV_DONE:
    case EV_ROOT_TIMEOUT: return (int)e->jobs[ev->a].node;
    case EV_RESPONSE:
        if (ev->a & CALL_DIRECT) return (int)e->edges[ev->b].from;
        /* fall through */
    case EV_TIMEOUT:
    case EV_RETRY: return (int)e->edges[e->calls[ev->a].edge].from;
    case EV_FAILOVER: return (int)ev->a;
    case EV_VISIBLE: return (int)e->groups[e->dmsgs[ev->a].group].queue;
    case EV_FLUSH: return (int)ev->a;
    case EV_SCALE: return (int)ev->a;
    case EV_EXPIRE: return (int)e->groups[e->dmsgs[ev->a].group].queue;
    default: return -1;
    }
}

/* Stop the run: more than the budget of events at one instant. The message names the
 * nodes that handled most of the last INSTANT_SAMPLE events (the busiest, and up to two
 * more with at least a tenth of them each). */
static void instant_overrun(Engine *e)
{
    int top[3] = {-1, -1, -1};
    uint64_t sampled = 0;
    for (int i = 0; i < e->n_nodes; i++) {
        uint32_t h = e->instant_hits[i];
        sampled += h;
        for (int k = 0; k < 3; k++)
            if (h > 0 && (top[k] < 0 || h > e->instant_hits[top[k]])) {
                for (int j = 2; j > k; j--) top[j] = top[j - 1];
                top[k] = i;
                break;
            }
    }
    int n_top = 0;
    while (n_top < 3 && top[n_top] >= 0 && (n_top == 0 || 10 * (uint64_t)e->instant_hits[top[n_top]] >= sampled))
        n_top++;
    StrBuf b;
    sb_init(&b);
    char at[NUMFMT_CAP], n[NUMFMT_CAP], name[200];
    sb_printf(&b, "the run stopped at %s s of simulated time: more than %s events happened at that "
                  "instant without time moving on",
              numfmt_decimal(e->now, 6, at, sizeof at),
              numfmt_grouped((double)e->instant_budget, numfmt_thousands(tr_lang()), n, sizeof n));
    for (int k = 0; k < n_top; k++)
        sb_printf(&b, "%s%s", k == 0 ? ", most of them at " : k == n_top - 1 ? " and " : ", ",
                  node_name_in(e->model, &e->model->nodes[top[k]], NAMING_LABEL_AND_ID, "en", name, sizeof name));
    sb_puts(&b, ". Work that takes no time never lets the clock advance: a cycle of calls with "
                "no latency_ms and no service time, or a fan-out at one instant that does not end. "
                "Give those edges a latency or those nodes a service time");
    e->res->error = sb_take(&b);
    e->res->error_node = top[0];
}

/* One more event at the instant being counted: the last INSTANT_SAMPLE of a budget are
 * attributed to nodes, and past the budget the run stops. Returns false to stop. */
static bool instant_event(Engine *e, const SimEvent *ev)
{
    uint64_t n = e->events - e->instant_first;
    if (!e->instant_hits) e->instant_hits = xcalloc((size_t)e->n_nodes + 1, sizeof *e->instant_hits);
    if (e->instant_sampled != e->instant_first) { /* a new instant to sample */
        memset(e->instant_hits, 0, (size_t)e->n_nodes * sizeof *e->instant_hits);
        e->instant_sampled = e->instant_first;
    }
    int node = event_node(e, ev);
    if (node >= 0) e->instant_hits[node]++;
    if (n < e->instant_budget) return true;
    instant_overrun(e);
    return false;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

Results *engine_run(Engine *e)
{
    double w0 = wall_now();
    const Scenario *sc = &e->model->scenario;
    /* Order of the initial events fixes the tie order at t = 0. */
    if (e->warmup_s > 0)
        eq_push(e->q, e->warmup_s, EV_WARMUP_END, 0, 0, 0);
    else
        reset_stats(e);
    eq_push(e->q, e->res->series_step_s, EV_TICK, 0, 0, 0);
    for (int i = 0; i < sc->n_events; i++)
        eq_push(e->q, sc->events[i].at_s, EV_SCENARIO, (uint32_t)i, 0, 0);
    for (int t = 0; t < e->n_types; t++) {
        RType *rt = &e->types[t];
        if (rt->def->users > 0) {
            for (int u = 0; u < rt->def->users; u++)
                eq_push(e->q, sampler_draw(&rt->think, &rt->rng) / 1000.0 * rng_uniform(&rt->rng),
                        EV_USER, (uint32_t)t, 0, 0);
        } else if (rt->rate > 0) {
            double first = rt->def->arrival == ARRIVAL_CONSTANT
                               ? rng_uniform(&rt->rng) / rt->rate
                               : rng_exp(&rt->rng, 1.0 / rt->rate);
            eq_push_lane(e->q, rt->lane_gen, first, EV_GEN, (uint32_t)t, 0, 0);
        }
    }
    for (int i = 0; i < e->n_nodes; i++)
        if (e->nodes[i].cache && e->nodes[i].cache->wp == WRITE_BACK)
            eq_push(e->q, e->nodes[i].cache->flush_s, EV_FLUSH, (uint32_t)i, 0, 0);
    for (int i = 0; i < e->n_nodes; i++)
        if (e->nodes[i].scale) eq_push(e->q, e->nodes[i].scale->p->interval_s, EV_SCALE, (uint32_t)i, 0, 0);
    double next_progress = 0;
    uint64_t next_check = ENGINE_CHECK_EVENTS, progress_by = ENGINE_PROGRESS_EVENTS;
    e->check_at = COMPACT_MIN;
    double step = e->t_end / 100.0;
    bool stopped = false;
    double instant_t = -INFINITY;  /* the simulated time events were last handled at */
    uint64_t instant_watch = 0;     /* e->events from which its events are looked at */
    /* fixed for the run, kept in registers rather than loaded at every event */
    const double t_end = e->t_end;
    const uint64_t watch_after = e->instant_budget - INSTANT_SAMPLE;
    SimEvent ev;
    const SimEvent *ahead;
    while (eq_pop_inline(e->q, &ev, &ahead)) {
        if (ev.time > t_end) break;
        /* The job the lane's next event will read (an arrival's, or a direct call's caller
         * when its answer comes): fetched now, it is in cache when that event's turn
         * comes (a read of a job last touched 0.25-25 ms ago is Twitter's largest stall;
         * docs/performance.md). */
        if (ahead && (ahead->type == EV_ARRIVE || (ahead->a & CALL_DIRECT))) /* only a direct answer's has the bit */
            __builtin_prefetch(&e->jobs[ahead->a & ~CALL_DIRECT]);
        e->now = ev.time;
        e->events++;
        if (ev.time != instant_t) { /* the clock moved on */
            instant_t = ev.time;
            instant_watch = e->events + watch_after;
        } else if (e->events >= instant_watch) {
            e->instant_first = instant_watch + INSTANT_SAMPLE - e->instant_budget;
            if (!instant_event(e, &ev)) {
                stopped = true;
                break;
            }
        }
        e->batch_tail = NONE; /* arrivals share an event only within one handler */
        dispatch(e, &ev);
        /* every COMPACT_MIN events whatever the simulated time does, and after a handler
         * that saw a cancel (cancel_asked); the cancel flag every ENGINE_CHECK_EVENTS */
        if (e->events >= e->check_at) {
            if (e->cancel_seen) {
                e->res->cancelled = true;
                stopped = true;
                break;
            }
            if (e->dead_timers > COMPACT_MIN && 2 * e->dead_timers > eq_size(e->q)) drop_dead_timers(e);
            e->check_at = e->events + COMPACT_MIN;
            if (e->events < next_check) continue;
            next_check = e->events + ENGINE_CHECK_EVENTS;
            if (e->opt.cancel && *e->opt.cancel) {
                e->res->cancelled = true;
                stopped = true;
                break;
            }
            if (e->now < next_progress && e->events < progress_by) continue;
            next_progress = e->now + step;
            progress_by = e->events + ENGINE_PROGRESS_EVENTS;
            if (e->opt.partial) e->opt.partial(e->opt.partial_ctx, e->res, e->second);
            if (e->opt.progress) e->opt.progress(e->opt.progress_ctx, e->now / e->t_end);
        }
    }
    if (!stopped) e->now = e->t_end;
    if (e->now < e->warmup_s) reset_stats(e);
    /* A final partial row, if the run does not end on a whole one. */
    while (e->second < e->res->n_seconds && e->second < (int)ceil(e->now / e->res->series_step_s - 1e-9))
        tick(e);
    write_results(e);
    results_find_bottleneck(e->model, e->res);
    Results *r = e->res;
    e->res = NULL;
    r->wall_s = wall_now() - w0;
    if (e->opt.progress) e->opt.progress(e->opt.progress_ctx, 1.0);
    return r;
}

bool results_take_error(Results *r, DiagList *d)
{
    if (!r || !r->error) return false;
    char path[32] = "";
    if (r->error_node >= 0) snprintf(path, sizeof path, "nodes[%d]", r->error_node);
    diag_add(d, path, "%s", r->error);
    return true;
}

Results *sim_run(const Model *m, const SimOptions *opt, DiagList *d)
{
    Engine *e = engine_create(m, opt, d);
    if (!e) return NULL;
    Results *r = engine_run(e);
    engine_destroy(e);
    if (results_take_error(r, d)) {
        results_destroy(r);
        return NULL;
    }
    return r;
}
