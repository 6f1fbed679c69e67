/*
 * analytic.h - the instant capacity estimate: flow equations, then G/G/c per node.
 *
 * From the model alone (no simulation) it computes the request rate reaching every
 * node, the utilisation of its slots, the Erlang C queueing wait and the mean latency,
 * and the end-to-end latency of every request type, and flags the nodes at or near
 * capacity, telling a node that cannot keep up on its own (over capacity) from one
 * that is full only because it waits on such a node (backed up by it). It follows the simulator's routing rules (docs/semantics): load balancers
 * pick one target, caches answer hits and writes locally, queues copy each message to
 * every consumer edge, databases route writes to primaries and reads to replicas.
 * It is a mean-value estimate, with each wait's tail as M/M/c has it: latency tails,
 * bursts, timeouts, retries and scenario events (failures, surges) are the simulator's
 * business. Fast enough to run on every edit.
 */
#ifndef SIM_ANALYTIC_H
#define SIM_ANALYTIC_H

#include <stdbool.h>

#include "sim/model.h"

/* Utilisation from which a node is reported as near capacity. */
#define ANALYTIC_NEAR_CAPACITY 0.85

typedef struct NodeEstimate {
    double arrival_rps;   /* offered: requests per second reaching the node (all types) */
    double admitted_rps;  /* after the node's rate limit */
    double rejected_rps;  /* arrival - admitted: turned away by the rate limit */
    double served_rps;    /* of the admitted, what its slots serve and pass on along its
                             edges: all of it, unless it is over capacity: then about what
                             its own work lets its slots serve (admitted / the utilisation
                             it was judged on); its queue fills and turns the rest away (a
                             consumer's backs up in the queue it pulls from). A database
                             serves each type by its stations (a saturated one 1 / its
                             utilisation), but passes on all it admits */
    double full_wait_ms;  /* over capacity with a queue of its own: the wait of the
                             requests it keeps in its full queue, queue_max / served_rps
                             (Little's law), where wait_ms is INFINITY (no steady state);
                             backed up by a node it calls that never fills its own queue:
                             its queue fills, leaving at the rate that node lets through;
                             INFINITY otherwise (a consumer's backlog waits in its queue) */
    double full_latency_ms; /* the same wait plus its service and sync downstream time
                             (INFINITY when a node below is over capacity too) */
    double kept_latency_ms; /* the mean latency of the requests it answers: latency_ms, or
                             where a node below is over capacity (latency_ms INFINITY), with
                             the waits of the full queues there (a cache in front of a
                             database that turns requests away); INFINITY where that has no
                             bound either */
    double full_queue;    /* with full_wait_ms: the requests its full queue holds (queue_max,
                             or what its callers hold beyond its slots when that is less) */
    double full_after_s;  /* with full_wait_ms, or a queue node whose backlog fills: seconds
                             from empty until its queue is full at the estimate's rates and
                             the requests it keeps wait full_wait_ms (the fill time plus that
                             wait; a backlog's fill time alone); 0 otherwise */
    double servers;       /* slots: instances x workers (database: per station, pool) */
    int stations;         /* separate M/M/c stations: 1 (database: shards x (1 + replicas)) */
    double holding_ms;    /* mean time a slot is held (blocking: includes downstream) */
    double utilisation;   /* offered load / servers (database: the busiest station) */
    double own_utilisation; /* the same with the over-capacity nodes below answering
                             without queueing: the load of its own work, the figure
                             over_capacity is judged on. A blocking node that waits on
                             an over-capacity node has an infinite utilisation; this
                             stays finite, a floor to show (estimate_util_text) */
    double whole_utilisation, primary_utilisation, replica_utilisation; /* a database with
                             read replicas: the load over all its slots, over its primaries'
                             and over its replicas' (as a run measures them: utilisation,
                             primary_utilisation and the replicas' share); shards
                             without replicas: whole_utilisation alone (the busiest shard
                             is utilisation); -1 otherwise */
    double wait_ms;       /* mean queueing wait before a slot (Erlang C, times (ca2 + scv) / 2
                             for the spreads of the gaps between arrivals and of the holding
                             time: G/G/c by Allen and Cunneen, the Pollaczek-Khinchine formula
                             on one slot for Poisson arrivals); INFINITY at rho>=1.
                             Blocking io whose threads are held by requests queued below it
                             (held_at): Erlang C of the holding without those waits, plus
                             the overflow below. Arrivals in bursts (a fan-out's copies sent
                             at once): Erlang C of fewer, larger slots, plus burst_wait_ms */
    double wait_p99_ms;   /* the 99th percentile of that wait, its tail taken as M/M/c's:
                             a station waits with chance C (Erlang C), then exponentially,
                             on average hold / (c - a) x (ca2 + scv) / 2 (the spreads, as
                             for wait_ms); a database's stations, a blocking node's
                             overflow below and the waits within bursts mixed by their
                             shares; 0 for a consumer fed only by queues (its own queue
                             stays empty: backlog_wait_ms); NAN where it has no steady
                             tail (over capacity, backed up, a full queue, a node whose
                             queue its callers' threads cut short: held_at of one of them) */
    double overflow_wait_ms; /* blocking io, not over capacity: the part of wait_ms its
                             requests wait only because every thread is held by requests
                             queued below: past what its threads hold of that queue, the
                             rest waits here instead (a geometric tail past its spare
                             threads; docs/semantics.md, "Threads held waiting"). The
                             wait moves here from held_at's queue, whose wait_ms is that
                             much shorter; the latency is the same. 0 otherwise */
    double blocked_rps;   /* with overflow_wait_ms: its requests a second that never wait
                             below, yet wait that long behind those that do (head-of-line
                             blocking in its threads' queue); 0 otherwise */
    int held_at;          /* with overflow_wait_ms: the node whose queue spills into this
                             one's (the station below likeliest to make its requests wait);
                             -1 otherwise */
    double burst_wait_ms; /* the part of wait_ms its requests wait for copies of their own
                             burst: a caller that calls in parallel (or over an async edge)
                             sends a fan-out's copies at one instant, and those past its
                             free slots wait for one another (docs/semantics.md, "Bursts");
                             0 otherwise */
    double backlog;       /* a queue node: the messages its backlog holds waiting for a
                             consumer's free slot, on average (its consumers' waits, by
                             Little's law: a run's `mean_backlog`) ... */
    double backlog_wait_ms; /* ... and how long they wait there; a consumer fed only by
                             queues: how long its messages wait in their backlogs, which its
                             wait_ms and latency_ms leave out (it pulls a message when a
                             slot is free: its own queue stays empty, as a run measures) */
    int backlog_at;       /* a consumer with backlog_wait_ms: the queue whose backlog holds
                             most of its messages (-1 otherwise) */
    int burst_from;       /* with burst_wait_ms: the caller whose bursts wait longest here
                             (-1 otherwise) ... */
    double burst_copies;  /* ... and its copies a burst on average (the fan-out as drawn) */
    double latency_ms;    /* mean from arrival to answer: wait + service + sync downstream,
                             averaged over the request types by their rates */
    double inflight;      /* io=async: mean requests in progress (service + downstream) */
    double inflight_limit;/* io=async: max_inflight x instances; 0 for blocking nodes */
    bool near_capacity;   /* utilisation >= ANALYTIC_NEAR_CAPACITY */
    bool queue_full;      /* under capacity, but so near it that its queue would hold more
                             than queue_max (Erlang C): the queue is full, wait_ms is the
                             time a full queue takes to leave (queue_max / rate) and the
                             requests past it are rejected (a closed loop's users beyond
                             what the design holds) */
    bool over_capacity;   /* its own slots or in-flight limit cannot keep up: utilisation
                             >= 1 or inflight > inflight_limit even when every node below
                             it answered without queueing (over-capacity nodes' waits
                             taken as 0) */
    int backed_up_by;     /* -1, or the over-capacity node (index) it waits on through
                             synchronous calls, directly or further down, when that is
                             the only reason its slots (blocking io; utilisation is then
                             capped at 1) or its in-flight limit (async io) are full;
                             the nearest such node (the most utilised of the nearest).
                             Never both this and over_capacity. */
    int capped_by;        /* -1, or the partitioned queue (index) whose partitions cap the
                             slots this consumer can use: servers is then the partitions,
                             below its instances x workers */
    int turned_away_at;   /* over capacity: -1, or the caller (index) whose threads or
                             in-flight limit bound the requests at this node to fewer than
                             its queue_max, directly or through async callers: its own
                             queue never fills, that caller's does and turns away what this
                             node cannot serve (served_rps), of every type alike; this node
                             answers all that reaches it. A consumer fed by one queue: that
                             queue, whose backlog fills to max_depth and which then takes in
                             only what this node serves */
} NodeEstimate;

typedef struct Estimate {
    int n_nodes;
    NodeEstimate *nodes;          /* [n_nodes], in the model's node order */
    int n_edges;
    double *edge_rps;             /* [n_edges]: calls per second along each edge */
    int n_requests;
    double *request_rate_rps;     /* [n_requests]: throughput (closed loop: solved) */
    double *request_offered_rps;  /* [n_requests]: requests sent per second: the rate; a
                                     closed loop's users' attempts, answered or not: those
                                     not waiting in the design, (N - X R) / Z, think again
                                     and send again, past a full queue to be rejected at
                                     once (no think time: the throughput) */
    double *request_latency_ms;   /* [n_requests]: predicted mean end-to-end latency,
                                     INFINITY when a node on its path is overloaded */
    double *request_answered_rps; /* [n_requests]: of the rate, the requests answered without
                                     an error: all of it unless a node on its sync path
                                     turns some away (over capacity: served_rps; a rate
                                     limit); a caller fails with its callee */
    double *request_kept_latency_ms; /* [n_requests]: the mean end-to-end latency of those
                                     answered: over-capacity nodes' waits their full
                                     queues' (full_wait_ms); INFINITY where one has no
                                     such figure (a node backed up by it, a consumer) */
    double *request_full_after_s; /* [n_requests]: when past capacity, seconds into a run
                                     until its answered rate and kept latency hold: the
                                     longest full_after_s of the nodes it reaches (0: at
                                     once) */
    double *type_rps;             /* [n_requests * n_nodes]: rate of type t reaching node n,
                                     at t * n_nodes + n (before the node's rate limit): below
                                     a node whose queue fills behind a node below it, what
                                     that node lets through (the carried flow); at a node over
                                     capacity or backed up, what is offered to it, as its
                                     arrival_rps */
    double *edge_type_rps;        /* [n_requests * n_edges]: calls per second of type t along
                                     edge e, at t * n_edges + e (they sum to edge_rps), as
                                     type_rps */
    double *type_offered_rps;     /* [n_requests * n_nodes]: the same before the carried
                                     flow: what is offered to each node, an over-capacity
                                     node passing on what it serves (the modelling checks'
                                     rates) ... */
    double *edge_type_offered_rps; /* ... and along edge e */
    double *type_visits;          /* [n_requests * n_nodes]: the visits one request of type t
                                     makes to node n with nothing turned away anywhere (a
                                     request type's path: "x1 per request") ... */
    double *edge_type_visits;     /* ... and its calls along edge e */
    bool converged;               /* false: an async cycle amplifies without bound or the
                                     closed-loop solve did not settle (figures are the
                                     last iterate; overloaded nodes are flagged) */
} Estimate;

/* Estimate the model's steady state into *out, which the caller provides (its previous
 * content is ignored: call estimate_free first to reuse one). Never fails on any model,
 * valid or not (unknown edge ends are skipped, sync cycles are cut); aborts only on out
 * of memory. Returns out->converged. The arrays in *out are owned by it: release them
 * with estimate_free(). */
bool analytic_estimate(const Model *m, Estimate *out);

/* Free the arrays of an estimate and zero it. Accepts NULL and a zeroed Estimate. */
void estimate_free(Estimate *e);

/* Events the simulator handles per second of wall time on one core of the development
 * machine (docs/performance.md: 19 to 26 million on the presets, about 13 million with the
 * caches' key model), for saying how long a run will take before it starts. */
#define ANALYTIC_EVENTS_PER_S 16e6
/* The most work archsim-cli run and grade start without --force: an hour on this
 * machine (57.6 billion events; docs/performance.md, "How long a run takes"). */
#define ANALYTIC_WORK_CEILING_S 3600.0

/* The work of one run: how many events the simulator will handle. */
typedef struct WorkEstimate {
    double events_per_s;   /* per simulated second at the scenario's base rates */
    double events;         /* over the run, surges included (INFINITY when unbounded) */
    double events_failing; /* the same if every call that may retry failed each attempt:
                              the worst of a retry storm (fan-out multiplies retries) */
    bool unbounded;        /* an async cycle amplifies without bound: no finite figure */
} WorkEstimate;

/* The events one run of m will take over warmup_s + duration_s simulated seconds, from
 * the flow equations: per second, the requests born, an arrival per call whose edge
 * takes time, a service end per visit to a node whose service time is not a constant
 * 0, an answer per sync call whose edge takes time and a timer per call with a timeout;
 * each request type's share scaled by its surges over the run (an open-loop type's
 * base rate times the time integral of its surge factor). Closed-loop types count at
 * the rate their users send (e from analytic_estimate(m)), and below an over-capacity
 * node only what it serves (e's served_rps); the requests a full queue turns away count
 * as served by the nodes above it: an upper estimate on an overloaded design. Retries
 * count in events_failing only. */
WorkEstimate analytic_work(const Model *m, const Estimate *e, double warmup_s, double duration_s);

/* The mean surge factor of open-loop request type `name` over [from_s, to_s) of the run:
 * the product of the factors of the surges active at each instant, averaged over time (1
 * with no surge on it, and when to_s <= from_s). Its base rate times this is what it
 * offers over a run's measured window. */
/* A rate at or past this is not a figure: the flow diverged (an async cycle that
 * amplifies its traffic each lap), and it reads "unbounded". */
#define ESTIMATE_UNBOUNDED_RPS 1e14

/* Node e's predicted utilisation as a person reads it, into out: "85%"; "≥ 760%" when
 * it is infinite only because a node it holds its slots waiting on is over capacity too
 * (its own work alone needs 760%); "—" when it has no slots at all; "unbounded" where the
 * flow diverged (it read "62.5T%"). Returns out. */
const char *estimate_util_text(const NodeEstimate *e, char *out, size_t cap);
/* A predicted rate as a person reads it: "20.2k", or "unbounded" where the flow diverged
 * (ESTIMATE_UNBOUNDED_RPS). Returns out. */
const char *estimate_rate_text(double rps, char *out, size_t cap);
/* Whether e answers fewer of request type t's requests than it gets (0.5% or more turned
 * away: past capacity on its path, a rate limit, a full backlog). */
bool estimate_type_turned_away(const Estimate *e, int t);
/* When a run reaches those figures (request_full_after_s), if that is more than a second
 * after a warm-up of warmup_s; 0 otherwise (nothing turned away, or in time). */
double estimate_type_late_s(const Estimate *e, int t, double warmup_s);
/* Whether node e's figures are those of a full queue (full_wait_ms: over capacity, or
 * backed up with its queue full). */
bool estimate_full(const NodeEstimate *e);
/* What node e answers a second: what leaves its full queue (full_queue / full_wait_ms, by
 * Little's law: past capacity, or backed up), else what its slots serve (served_rps). */
double estimate_done_rps(const NodeEstimate *e);
/* The mean wait and latency of what node e answers: its full queue's requests'
 * (full_wait_ms, full_latency_ms), else wait_ms and kept_latency_ms, as a run measures
 * them. */
double estimate_answered_wait_ms(const NodeEstimate *e);
double estimate_answered_latency_ms(const NodeEstimate *e);
/* The latency to show in a node's row: saturated (INFINITY) for one over capacity or
 * backed up, whose notes say what those it keeps wait; the latency of what it answers
 * for one that keeps up (kept_latency_ms), a node below turning requests away or not. */
double estimate_latency_shown_ms(const NodeEstimate *e);
/* Over capacity by its in-flight limit (async io), its slots to spare: its slots' wait
 * (wait_ms) and the latency made of it are no steady figures; full_wait_ms says what a
 * full queue's requests wait. */
bool estimate_over_by_places(const NodeEstimate *e);
/* Whether most of node e's wait is the overflow of a queue below it (overflow_wait_ms at
 * least half its wait and 1% of its latency): worth saying where it comes from. */
bool estimate_wait_held_below(const NodeEstimate *e);
/* Whether most of node e's wait is copies of bursts waiting for one another
 * (burst_wait_ms at least half its wait and 1% of its latency). */
bool estimate_wait_in_bursts(const NodeEstimate *e);
/* Whether estimate_util_text shows node e's utilisation as such a floor ("≥"). */
bool estimate_util_floored(const NodeEstimate *e);

double analytic_surge_mean(const Scenario *s, const char *name, double from_s, double to_s);

/* Events per second of wall time this machine simulates on one thread:
 * ARCHSIM_EVENTS_PER_S from the environment when it is a positive number (bench_sim
 * measures it), else ANALYTIC_EVENTS_PER_S. */
double analytic_events_per_s(void);

/* Wall seconds `reps` replications of `events_per_run` events each take on `jobs`
 * threads (0 = every core), at analytic_events_per_s(). */
double analytic_work_wall_s(double events_per_run, int reps, int jobs);

/* The expected events of one run of the scenario as written (its warm-up and duration):
 * analytic_work(m, e, ...).events. */
double analytic_expected_events(const Model *m, const Estimate *e);

/* Erlang C: the probability that an arrival waits in an M/M/c queue with c servers
 * and offered load a (erlangs). 1 when a >= c; 0 when a <= 0. Stable for any c (a
 * recursion over Erlang B, no factorials; past 10^5 erlangs, from the Poisson
 * distribution in O(sqrt(a)) steps, so 10^11 slots at 99.999% take a couple of ms). */
double erlang_c(long c, double a);

#endif
