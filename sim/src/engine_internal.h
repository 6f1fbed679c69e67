/*
 * engine_internal.h - the engine's run-time state, shared by engine.c (the event
 * loop, jobs and calls) and the per-kind routing rules in node_rules.c.
 *
 * Everything is indexed by 32-bit ids into pools that grow by doubling and are
 * reused through free lists, so a steady-state run allocates nothing per event
 * or per request.
 */
#ifndef SIM_ENGINE_INTERNAL_H
#define SIM_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/dist.h"
#include "sim/engine.h"
#include "sim/event_queue.h"
#include "sim/histogram.h"
#include "sim/keycache.h"
#include "sim/model.h"
#include "sim/results.h"
#include "sim/rng.h"

#define NONE UINT32_MAX

/* Safety valve: at most this many requests held by nodes at once (64 bytes each,
 * 256 MiB). Beyond it new calls fail as rejected, so that no design, however
 * absurd its fan-out, can exhaust memory; the report says so. */
#define JOB_LIMIT (4u << 20)
/* The same valve for calls (a request crossing an edge, waiting for its answer or its
 * retry; 28 bytes each) and for messages held by queue nodes (16 bytes each): past
 * them a call fails as rejected, an enqueue is rejected. Closed-loop users and
 * database servers beyond these are refused when the engine is made. */
#define CALL_LIMIT JOB_LIMIT
#define MSG_LIMIT JOB_LIMIT
#define USER_LIMIT JOB_LIMIT
#define STATION_LIMIT (1u << 20)
/* Entries one cache node holds at most in all (32 bytes each plus 8 of hash table: about
 * 170 MB), whatever its capacity: past it a store evicts as if the cache were full. */
#define CACHE_ENTRY_LIMIT (4u << 20)
/* The per-second series keep at most this many rows and numbers (Results.series_step_s). */
#define SERIES_MAX_ROWS 10000
#define SERIES_MAX_VALUES (4u << 20)

enum {
    EV_GEN,          /* a: request type; open loop arrival */
    EV_USER,         /* a: request type; closed loop user sends */
    EV_ARRIVE,       /* a: job; job reaches its node */
    EV_DONE,         /* a: job; service time over */
    EV_RESPONSE,     /* a: call, b: call gen, c: error cause; answer reaches caller */
    EV_TIMEOUT,      /* a: call, b: call gen */
    EV_RETRY,        /* a: call, b: call gen */
    EV_ROOT_TIMEOUT, /* a: job, b: job gen; client timeout */
    EV_SCENARIO,     /* a: scenario event, b: 0 start / 1 end */
    EV_TICK,         /* per-second sampling */
    EV_WARMUP_END,
    EV_FLUSH,        /* a: node; a write_back cache writes its dirty keys to the store */
};

/* Job flags. */
enum {
    JF_ROOT = 1u << 0,      /* born at a client */
    JF_DETACHED = 1u << 1,  /* async work: nobody waits for it */
    JF_TIMED_OUT = 1u << 2, /* root: the client gave up already */
    JF_HOLDS_SLOT = 1u << 3,
    JF_HOLDS_INFLIGHT = 1u << 4,
    JF_ISSUING = 1u << 5,   /* inside issue_calls: re-entry must not recurse */
    JF_RESERVED = 1u << 6,  /* consumer job whose slot was reserved when pulled */
    JF_ONE_EDGE = 1u << 7,  /* load balancer: only edge_pos is called */
    JF_NO_RECORD = 1u << 8, /* queue ack job: its consumers record the async latency */
    JF_PICKED = 1u << 9,    /* load balancer: its one edge has been taken */
    JF_NO_FOLD = 1u << 10,  /* a response of its parallel calls went by event while
                               others were still out: fold none of the rest */
    JF_TIMER = 1u << 11,    /* root: its client timeout event is pending */
    JF_FILL = 1u << 12,     /* key-model cache: store its key when it answers without error
                               (a read miss, a write_through write) */
    JF_INVALIDATE = 1u << 13, /* key-model cache, write_around: drop its key then */
    JF_FLIGHT = 1u << 14,   /* coalescing cache: the read whose store call others wait for */
};

/* 64 bytes: one cache line (the pool is line-aligned). */
typedef struct Job {
    uint32_t node;
    uint32_t station;
    uint32_t call;     /* call this job answers, NONE for roots and async work */
    uint32_t call_gen; /* generation of that call when the job was sent */
    uint32_t gen;      /* bumped when the job is freed */
    union {
        uint32_t pending; /* live: sync calls outstanding */
        uint32_t next;    /* free: free list link */
    };
    uint32_t edge_pos; /* next position in the node's edge list for the type */
    uint32_t fan_left; /* copies of the edge at edge_pos - 1 still to make */
    uint32_t span;     /* index in the trace, NONE when not traced */
    uint16_t type;
    uint16_t flags;
    uint8_t err;       /* first error, ErrCause */
    uint32_t batch;    /* next job arriving by the same event (schedule_arrive), or NONE */
    double t_arrive;   /* reached the node */
    double t_origin;   /* root: born; async: when the async chain began */
} Job;
_Static_assert(sizeof(Job) == 64, "a job is one cache line");

typedef struct Call {
    uint32_t parent;  /* the waiting job */
    uint32_t edge;
    uint32_t gen;     /* bumped on every new attempt and when freed */
    uint32_t attempt; /* 0 for the first */
    uint32_t span;    /* traced: span of the current attempt, else NONE */
    uint32_t next;    /* free list link */
    bool timer;       /* the current attempt's timeout event is pending */
} Call;

typedef struct Fifo {  /* ring buffer of uint32; cap is 0 or a power of two */
    uint32_t *items;
    uint32_t head, len, cap;
} Fifo;

typedef struct Msg {
    double t_origin;
    uint16_t type;
    uint16_t span; /* traced: the queue job's span, else MSG_NO_SPAN */
    uint32_t key;  /* the request's key (caches' key model), else NONE */
} Msg;
#define MSG_NO_SPAN UINT16_MAX
_Static_assert(sizeof(Msg) == 16, "a message is 16 bytes");
_Static_assert(TRACE_MAX_SPANS < MSG_NO_SPAN, "a traced span fits a message");

typedef struct MsgFifo { /* cap is 0 or a power of two */
    Msg *items;
    uint32_t head, len, cap;
} MsgFifo;

/* Slot counts are 64-bit: instances x workers, max_inflight x instances and the like
 * reach 10^13 within the format's ranges. Counts of things the engine holds (busy
 * slots, queued jobs) are bounded by JOB_LIMIT but share the type to compare freely. */
typedef struct Station {
    int64_t slots;   /* nominal */
    int64_t alive;   /* slots of instances that are up */
    int64_t busy;    /* slots in use or reserved */
    Fifo queue;      /* waiting jobs */
} Station;

/* Coalescing: the reads waiting for the store call of one key (single-flight). */
typedef struct Flight {
    uint64_t key;
    uint32_t leader;     /* the job whose miss called the store; NONE = empty slot */
    uint32_t head, tail; /* waiting jobs, linked through Job.batch */
} Flight;

/* A cache or CDN with the key model, a write policy or coalescing (node_cache_extended). */
typedef struct CacheRun {
    bool keyed;          /* the key model (else hit_ratio decides) */
    KeyCache kc;
    WritePolicy wp;
    bool coalesce;
    Flight *fl;          /* open addressing on key; size fl_mask + 1 */
    uint32_t fl_mask, fl_live;
    double flush_s;
    uint32_t batch;
    uint64_t *dirty;     /* [n_types]: write_back keys not yet in the store */
    uint64_t dirty_all;
    uint32_t *dirty_ids; /* key model: entries marked dirty since the last flush */
    uint32_t n_dirty_ids, cap_dirty_ids;
    /* statistics since the warm-up ended (tick_ ones: since the last series row) */
    uint64_t miss_calls, coalesced, flushed, lost;
    uint64_t ev0, ex0;   /* kc.evictions and kc.expired when the warm-up ended */
    uint64_t tick_reads, tick_hits, tick_miss;
    double peak_miss, peak_at;
    double dirty_area, max_dirty, dirty_last_t;
} CacheRun;

typedef struct RNode {
    const Node *def;
    NodeKind kind;
    IoModel io;        /* copies of hot fields of def */
    CallMode calls;
    LbPolicy policy;
    double hit_ratio;
    int n_stations;
    int n_up;          /* stations with a slot alive (set_failed keeps it) */
    Station *st;
    int per_shard;     /* database: 1 + read_replicas */
    int64_t slots;     /* sum of station slots */
    int64_t busy;      /* sum of station busy */
    int64_t qlen;      /* sum of station queue lengths */
    int64_t inflight, max_inflight;
    int64_t queue_max; /* per station */
    Sampler service;
    double slow;       /* service time multiplier (slow events) */
    int lane_service;  /* event queue lane of a constant service time, else EQ_NO_LANE */
    int lane_timeout;  /* client: lane of its timeout */
    Rng rng;
    double rl_rate, rl_burst, rl_tokens, rl_last;
    uint32_t rr;       /* round robin position */
    int64_t backlog, max_depth; /* queue node: messages held */
    uint32_t *feeders; /* edges from queue nodes into this node */
    int n_feeders;
    uint32_t feed_rr;
    /* statistics since the warm-up ended */
    double last_t, busy_area, q_area, backlog_area;
    double max_q, max_backlog;
    uint64_t arrivals, completed, rejected, rate_limited, failed, reads, hits;
    Histogram *wait_ms;
    Histogram *lat_ms;  /* arrival to answer, successes */
    double tick_busy, tick_q; /* areas at the last tick */
    int64_t tick_drops;
    CacheRun *cache;   /* node_cache_extended, else NULL */
} RNode;

typedef struct REdge {
    const Edge *def;
    uint32_t from, to;
    double lat_s, req_tx_s, resp_tx_s;
    int lane_req, lane_resp, lane_timeout; /* event queue lanes of the fixed delays */
    double prob;
    Sampler fanout;
    bool fanout_one;
    bool async;
    double timeout_s;
    int retries;
    double backoff_s, backoff_max_s;
    double budget_ratio, budget_tokens;
    bool breaker;
    double cb_ratio, cb_window_s, cb_open_s;
    int cb_min;
    double cb_window_start, cb_open_until;
    uint32_t cb_calls, cb_fails;
    int outstanding;
    MsgFifo msgs;      /* from a queue node: messages waiting for this consumer */
    uint64_t n_calls, n_failed, n_retries; /* statistics since the warm-up ended */
} REdge;

typedef struct RType {
    const RequestType *def;
    Op op;             /* copy of def->op */
    uint32_t client;
    double rate;       /* current open loop rate (surges change it) */
    double base_rate;
    Sampler think;
    Rng rng;
    uint64_t completed, ok, err[ERR_COUNT], async_done, async_err;
    Histogram *lat_ms, *async_ms, *tick_ms;
    uint64_t tick_ok, tick_err;
    bool has_keys;     /* keys > 0 and the engine tracks keys */
    uint32_t space;    /* its key space: the type's index, or n_types + key_space */
    KeySampler keys;
    Rng key_rng;       /* its own stream: the arrivals are those of a run without keys */
} RType;

struct Engine {
    Model *model;      /* private copy */
    SimOptions opt;
    double warmup_s, duration_s, t_end, now;
    uint64_t seed;
    EventQueue *q;
    RNode *nodes;
    int n_nodes;
    REdge *edges;
    int n_edges;
    int n_down;        /* nodes with every server down (a balancer skips them) */
    RType *types;
    int n_types;
    /* edge lists per (node, type): list of edge ids at offsets */
    uint32_t *elist;
    uint32_t *elist_start; /* [n_nodes * n_types + 1] */
    bool *fold;            /* per (node, type): answers to its parallel calls may fold */
    Job *jobs;
    uint32_t n_jobs, cap_jobs, free_jobs;
    uint32_t live_jobs;  /* allocated and not freed */
    uint64_t refused;    /* calls refused at the in-flight safety limit */
    Call *calls;
    uint32_t n_calls, cap_calls, free_calls;
    uint32_t live_calls;
    uint64_t held_msgs;  /* messages held by queue nodes, all together */
    uint32_t batch_tail;  /* last job of the arrival event pushed last by this handler */
    double batch_time;    /* its time */
    uint64_t batch_after; /* eq_pushes() right after that push */
    Results *res;
    int second;        /* next series row */
    bool measuring;
    uint64_t events;
    uint64_t events_dropped; /* timers of ended calls removed before they were due, by
                                t_end: reported as handled, as they were before */
    uint64_t dead_timers;    /* timeout events in the queue whose call or root ended */
    int depth;         /* zero-delay steps nested on the C stack now (arrive_now) */
    /* the event budget per instant (SimOptions.instant_budget) */
    uint64_t instant_budget;
    double instant_t;        /* the simulated time events were last handled at */
    uint64_t instant_first;  /* e->events when that instant began */
    uint64_t instant_watch;  /* e->events from which its events are looked at */
    uint32_t *instant_hits;  /* per node: events near the end of a runaway instant */
    uint64_t instant_sampled; /* instant_first of the instant instant_hits counts */
    Rng rng;           /* engine-level draws (backoff jitter) */
    /* the key of each job and call (caches' key model), NONE when it has none; both NULL
     * unless a request type has keys and a cache uses the key model */
    uint32_t *job_key, *call_key;
    /* the traced request (SimOptions.trace_request) */
    TraceSpan *spans;
    uint32_t n_spans, cap_spans;
    bool trace_taken;
};

/* node_rules.c: per-kind routing */
uint32_t rules_pick_station(Engine *e, RNode *n, const Job *j);
uint32_t rules_pick_lb_edge(Engine *e, RNode *n, const Job *j);
bool rules_cache_hit(Engine *e, RNode *n, const Job *j);

#endif
