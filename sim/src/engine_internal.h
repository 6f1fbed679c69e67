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
#include "event_queue_internal.h"
#include "histogram_internal.h"
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
 * retry; 28 bytes each) and for messages held by queue nodes (24 bytes each): past
 * them a call fails as rejected, an enqueue is rejected. Closed-loop users and
 * database servers beyond these are refused when the engine is made. */
#define CALL_LIMIT JOB_LIMIT
/* A call over an edge without timeout, retries, retry budget or breaker, from an untraced
 * job, can neither be given up on nor tried again: it needs no Call record. The callee's
 * job names its caller (Job.call = the caller | CALL_DIRECT) and the edge (Job.call_gen),
 * and so does its answer's EV_RESPONSE. Job ids stay far below this bit (JOB_LIMIT). */
#define CALL_DIRECT (1u << 31)
/* A root whose only work is one direct call over a single edge (RType.root_edge) has no
 * job of its own: its callee's job stands for it (Job.call = CALL_ROOT). The call goes
 * out as EV_ROOT_ARRIVE and its answer comes back as EV_ROOT_ANSWER, which carry what
 * the root would have kept (its type, its start, the error); the callee's job is made
 * when it arrives. The same events at the same times in the same order: only job records
 * and their bookkeeping are saved, and nothing sits in memory on the wire. */
#define CALL_ROOT (UINT32_MAX - 1)
#define MSG_LIMIT JOB_LIMIT
#define USER_LIMIT JOB_LIMIT
#define STATION_LIMIT (1u << 20)
/* Sessions whose last write the databases remember, in all (a table holds 3 to 6 slots
 * of 12 bytes per session, so at most 72 MiB, more while one is rebuilt): past it the
 * oldest are forgotten (node_rules.c, rebuild). */
#define SESSION_LIMIT (1u << 20)
/* Partitions of consumer groups in all (partitions x consumer edges of tracked queues):
 * each is a FIFO and figures, and every per-second row looks at each (its lag), so a
 * run's cost stays under a second of lag bookkeeping at 10,000 rows. */
#define LANE_LIMIT (1u << 16)
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
    EV_RESPONSE,     /* a: call, b: call gen, c: error cause; answer reaches caller
                        (a direct call's: a: caller job | CALL_DIRECT, b: edge) */
    EV_TIMEOUT,      /* a: call, b: call gen */
    EV_RETRY,        /* a: call, b: call gen */
    EV_ROOT_TIMEOUT, /* a: job, b: job gen; client timeout */
    EV_SCENARIO,     /* a: scenario event, b: 0 start / 1 end */
    EV_TICK,         /* per-second sampling */
    EV_WARMUP_END,
    EV_FAILOVER,     /* a: node, b: shard, c: promotion generation; a replica is promoted */
    EV_VISIBLE,      /* a: tracked message, b: its gen; its visibility timeout is over */
    EV_FLUSH,        /* a: node; a write_back cache writes its dirty keys to the store */
    EV_SCALE,        /* a: node, b: 0 the policy's evaluation / 1 c instances booted */
    EV_EXPIRE,       /* a: tracked message; its queue's retention may be over */
    EV_ROOT_ANSWER,  /* a: request type | error cause << 16, b, c: the root's start time
                        (low, high 32 bits); the answer of a root without a job (CALL_ROOT) */
    EV_ROOT_ARRIVE,  /* a: request type, b, c: as above; its call reaches the callee, whose
                        job is made then */
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
    JF_SREAD = 1u << 12,    /* database: a session's read checked for staleness */
    JF_STALE = 1u << 13,    /* ... answered by a replica behind the session's write */
    JF_RYW = 1u << 14,      /* ... sent to the primary by read_your_writes_ms */
    JF_DELIVERY = 1u << 15, /* consumer job of a tracked message: call = the message,
                               call_gen = its gen when delivered */
};

/* Key-model cache marks of a job, in Engine.job_cflags (allocated with job_key): they
 * live beside the job, whose 16 flag bits are all taken. */
enum {
    CF_FILL = 1u << 0,       /* store its key when it answers without error (a read miss, a
                                write_through write) */
    CF_INVALIDATE = 1u << 1, /* write_around: drop its key then */
    CF_FLIGHT = 1u << 2,     /* coalescing: the read whose store call others wait for */
};

/* 64 bytes: one cache line (the pool is line-aligned). */
typedef struct Job {
    uint32_t node;
    uint32_t station;
    uint32_t call;     /* call this job answers, NONE for roots and async work; with
                          CALL_DIRECT: the caller's job (a direct call: no Call record) */
    uint32_t call_gen; /* generation of that call when the job was sent; direct: the edge */
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
    uint8_t sess_hi;   /* session + 1 (0 = none) in 24 bits: job_session() */
    uint16_t sess_lo;
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
    uint16_t span;    /* traced: the queue job's span (< TRACE_MAX_SPANS), else MSG_NO_SPAN */
    uint32_t session; /* the job's session + 1, 0 = none */
    uint32_t key;     /* the request's key (caches' key model), else NONE */
} Msg;
#define MSG_NO_SPAN UINT16_MAX
_Static_assert(sizeof(Msg) == 24, "a message is 24 bytes");
_Static_assert(TRACE_MAX_SPANS < MSG_NO_SPAN, "a traced span fits a message");

typedef struct MsgFifo { /* cap is 0 or a power of two */
    Msg *items;
    uint32_t head, len, cap;
} MsgFifo;

/* Tracked queues (node_queue_tracked): each message copy of a consumer group is a
 * DMsg in a pool, waiting in a lane (a partition, or the group's one FIFO) until it is
 * delivered, and kept until it is acknowledged, dead-lettered or discarded. */
enum { MS_WAITING, MS_OUT, MS_FAILED, MS_ENDED };

typedef struct DMsg {
    double t_origin;   /* when the async chain began */
    double t_enq;      /* entered this queue */
    uint32_t type, span;
    uint32_t session;  /* the producing job's session + 1, 0 = none (read-your-writes) */
    uint32_t key;      /* the request's key (caches' key model), else NONE */
    uint32_t group;    /* QGroup */
    uint32_t lane;
    uint32_t attempts; /* deliveries so far */
    uint32_t gen;      /* bumped at every delivery and when it ends; never reset */
    uint32_t jobs;     /* consumer jobs still working on it (a timed-out one goes on) */
    uint32_t next;     /* free list */
    uint8_t state;     /* MS_* */
    bool timer;        /* its visibility event is pending */
} DMsg;

typedef struct Lane {  /* a partition of a consumer group, or its one shared FIFO */
    Fifo q;            /* waiting messages, oldest first */
    uint32_t out;      /* delivered and not acknowledged (a partition: at most 1) */
    bool listed;       /* partition: in the group's ready list */
    double t_out;      /* partition: t_enq of the message out */
    uint64_t enq, done;          /* since the warm-up */
    double max_lag, max_lag_s;   /* since the warm-up */
} Lane;

typedef struct QGroup { /* a consumer group: an edge out of a tracked queue */
    uint32_t edge, queue, consumer;
    uint32_t n_lanes;
    bool serial;        /* partitioned: one message out per lane at a time */
    Lane *lanes;
    Fifo ready;         /* partitioned: lanes with a message to hand out, in turn */
    int64_t waiting, out;
    double last_t, lag_area, max_lag, start_held;
    uint64_t enqueued, deliveries, redelivered, done, duplicates, dead_lettered, discarded,
        rejected, expired;
} QGroup;

/* Slot counts are 64-bit: instances x workers, max_inflight x instances and the like
 * reach 10^13 within the format's ranges. Counts of things the engine holds (busy
 * slots, queued jobs) are bounded by JOB_LIMIT but share the type to compare freely. */
typedef struct Station {
    int64_t slots;   /* nominal */
    int64_t alive;   /* slots of instances that are up */
    int64_t busy;    /* slots in use or reserved */
    Fifo queue;      /* waiting jobs */
} Station;

/* A server's slot time, busy and up, for a node of several servers (a database's shards
 * and replicas): the per-second row's busiest server (NS_BUSIEST_SERVER). Brought up to
 * date at each change of what it weighs, as node_account does for the node. A row looks
 * only at the servers active in it (RNode.st_active: touched in the row, or busy when it
 * began), so a database of a million idle servers costs nothing per row. */
typedef struct StationTime {
    double busy_area, up_area, last_t;
    double tick_busy, tick_up; /* the areas when the row began */
    double busy0, up0;         /* the areas when the warm-up ended */
    bool active;               /* in RNode.st_active */
} StationTime;

/* A database's replication and failover state (docs/semantics.md, "Replication lag"),
 * made only for a database that sets replication_lag_ms, read_your_writes_ms or
 * failover_s, or has read replicas (its primaries' busy share): other nodes pay a NULL
 * pointer. */
typedef struct Repl {
    bool track;          /* lag or read-your-writes: sessions' writes are remembered */
    bool has_lag;
    Sampler lag;         /* ms, drawn per read a replica answers */
    Rng rng;             /* lag draws: a stream of its own, so the traffic is unchanged */
    double ryw_s;        /* read_your_writes_ms / 1000 */
    double horizon_s;    /* a write older than this can make no read stale or move it
                            (INFINITY for an unbounded lag) */
    /* last write per session: open addressing, key session + 1 (0 = empty) */
    uint32_t *keys;
    double *t_write;     /* when the session's last write ended its service at a primary */
    uint32_t cap, count;
    /* per shard */
    uint32_t *primary;   /* offset of the primary among the shard's servers (0 at start) */
    uint32_t *gen;       /* promotion generation: an EV_FAILOVER of another is stale */
    uint8_t *promoting;  /* a promotion is under way */
    Fifo *waiting;       /* failover_writes wait: writes held for the new primary */
    uint32_t wait_shard; /* rules_pick_station: the shard of a write that must wait */
    int64_t pbusy;       /* busy slots of primaries */
    uint8_t *prim_st;    /* [stations]: 1 at each shard's primary (is_primary) */
    int n_nopri;         /* shards without a live primary now */
    int64_t pdown_slots; /* slots of the shards' primaries that are down now */
    double pdown_t;      /* when pdown_area was last brought up to date */
    /* statistics since the warm-up ended */
    double pbusy_area, nopri_area;
    double pdown_area;   /* slot time of the primaries while down (primaries_changed) */
    Histogram *lag_ms;   /* lags drawn */
    Histogram *gap_ms;   /* time since the session's write, of stale reads */
    uint64_t reads, stale, to_primary, failovers, fo_failed, fo_waited;
} Repl;

/* rules_pick_station: the write must wait for the shard's promotion (Repl.wait_shard). */
#define WAIT_PROMOTION (NONE - 1)
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

/* An autoscaled node's instances (node_autoscaled; docs/semantics.md "Autoscaling"). Its
 * one station's alive slots are serving x workers; st.slots is max_instances x workers. */
typedef struct Scale {
    const Autoscale *p;
    int serving, booting, draining, failed;
    int desired;          /* the policy's last count */
    int held_max;         /* since the warm-up */
    int64_t workers, inflight_per;
    double last_out, last_action;  /* times of the last scale-out, of any scale action */
    double last_eval;
    /* integrals since the start (never reset), brought up to date by scale_account */
    double t_acc, alive_area, held_area;
    double busy_off, q_off;        /* RNode busy_area / q_area before the warm-up reset */
    uint64_t arr_off;              /* RNode arrivals before it */
    /* at the last evaluation */
    double e_busy, e_load, e_alive;
    uint64_t e_arr;
    /* measured window */
    double held_area0, alive_area0;  /* at the warm-up */
    double tick_alive, tick_held;    /* at the last series row */
    uint64_t outs, ins, launched;
} Scale;

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
    bool tracked;      /* queue: node_queue_tracked */
    uint32_t dead_letter; /* tracked queue: node index of its dead_letter, or NONE */
    int64_t parked;    /* tracked queue: messages held with no consumer group to take them */
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
    /* slots of failed servers (not autoscaled nodes: Scale counts theirs): their time
     * integral since the warm-up, what utilisation leaves out (servers_changed keeps it) */
    int64_t down_slots;
    double down_area, down_t, tick_down;
    int64_t tick_drops;
    Repl *repl;         /* database replication and failover, or NULL */
    StationTime *st_time; /* [n_stations] when there are several, else NULL (beside repl,
                             which the same steps test: one cache line) */
    uint32_t *st_active;  /* [n_stations]: the servers active in the current row */
    uint32_t n_active;
    CacheRun *cache;   /* node_cache_extended, else NULL */
    Scale *scale;      /* node_autoscaled, else NULL */
    /* placement (docs/semantics.md, "Zones and regions") */
    int zone;          /* its one zone's index, ZONE_NONE, or ZONE_SPREAD (zcount says) */
    uint32_t *zcount;  /* ZONE_SPREAD: servers per scenario zone */
    bool zaware;       /* load_balancer: prefer_zone or detect_s: the zoned picker */
    double down_since; /* when its last server went down */
    /* io=async: time since the warm-up with every in-flight place taken (inflight >=
     * max_inflight > 0), what NF_INFLIGHT_FULL_S reports; since when, while it is */
    double inflight_full_s, inflight_full_from;
} RNode;

#define ZONE_NONE (-1)
#define ZONE_SPREAD (-2)

/* Is node n serving in zone z (a server placed there that is up)? */
bool engine_zone_alive(const Engine *e, const RNode *n, int z);
/* The zone job jid of node `node` is in: the one it reached, else its node's (a spread
 * node's: one of its zones up, by a hash of the job); -1 when not placed or no zones. */
int engine_job_zone(const Engine *e, uint32_t node, uint32_t jid);

typedef struct REdge {
    const Edge *def;
    uint32_t from, to;
    double lat_s, req_tx_s, resp_tx_s;
    int lane_req, lane_resp, lane_timeout; /* event queue lanes of the fixed delays */
    double prob;
    Sampler fanout;
    bool fanout_one;
    bool async;
    uint32_t batch;    /* items per call of a batched fan-out (1 = none) */
    double item_s;     /* batch_item_ms / 1000: callee's extra service per item past one */
    double timeout_s;
    int retries;
    double backoff_s, backoff_max_s;
    double budget_ratio, budget_tokens;
    bool breaker;
    bool direct;       /* no timeout, retries, retry budget or breaker: CALL_DIRECT */
    bool single;       /* probability 1, fan-out 1, no batch, sync: exactly one call */
    double cb_ratio, cb_window_s, cb_open_s;
    int cb_min;
    double cb_window_start, cb_open_until;
    uint32_t cb_calls, cb_fails;
    int outstanding;
    MsgFifo msgs;      /* from a queue node: messages waiting for this consumer */
    uint32_t group;    /* from a tracked queue: its QGroup, else NONE */
    uint64_t n_calls, n_failed, n_retries; /* statistics since the warm-up ended */
    uint64_t n_items;  /* batched: items the attempts carried */
    /* zones: 0 = an end is not placed; 1 = both in one zone each (xkind below, latency
     * fixed); 2 = an end is spread: the zones are found per call (zlat: and the latency) */
    uint8_t zmode, xkind; /* xkind: 0 same zone, 1 cross-zone, 2 cross-region */
    bool zlat;
    uint64_t n_xzone, n_xregion;
} REdge;

typedef struct RType {
    const RequestType *def;
    Op op;             /* copy of def->op */
    uint32_t client;
    double rate;       /* current open loop rate (surges change it) */
    double base_rate;
    double gap_s;       /* 1 / rate: the mean gap between its open-loop arrivals */
    bool constant;      /* def->arrival is ARRIVAL_CONSTANT */
    int lane_gen;       /* event queue lane of its open-loop arrivals, or EQ_NO_LANE */
    bool closed;        /* def->users > 0: closed loop */
    bool timeout;       /* its client has a timeout */
    uint32_t root_edge; /* its roots' one call when they need no job (CALL_ROOT), or NONE */
    Sampler think;
    Rng rng;
    uint64_t completed, ok, err[ERR_COUNT], async_done, async_err;
    Histogram *lat_ms, *async_ms, *tick_ms;
    uint64_t tick_ok, tick_err;
    uint32_t sessions;  /* def->sessions */
    Rng srng;           /* session draws: a stream of its own */
    uint64_t sreads, stale; /* session reads answered by tracking databases, stale ones */
    bool has_keys;     /* keys > 0 and the engine tracks keys */
    uint32_t space;    /* its key space: the type's index, or n_types + key_space */
    KeySampler keys;
    Rng key_rng;       /* its own stream: the arrivals are those of a run without keys */
} RType;

struct Engine {
    bool cancel_seen;      /* a handler saw SimOptions.cancel: stop after it */
    uint64_t check_at;     /* e->events at which engine_run looks at cancels, progress and
                              dead timers next (0: after this event) */
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
    uint64_t sessions_held;      /* sessions remembered by databases, all together */
    uint64_t sessions_forgotten; /* times a table forgot sessions at SESSION_LIMIT */
    QGroup *groups;      /* consumer groups of tracked queues, in edge order */
    int n_groups;
    DMsg *dmsgs;         /* their messages */
    uint32_t n_dmsgs, cap_dmsgs, free_dmsgs;
    uint32_t batch_tail;  /* last job of the arrival event pushed last by this handler */
    double batch_time;    /* its time */
    uint64_t batch_after; /* eq_pushes() right after that push */
    Results *res;
    int n_zones;             /* scenario.zones */
    double *zlat_s;          /* [n_zones * n_zones]: one-way latency in s */
    int *zregion;            /* [n_zones]: region index */
    int *zone_down;          /* [n_zones]: fail events of the zone (or its region) in force */
    int16_t *job_zone;       /* per job: the zone it reached (-1: none); NULL without zones */
    /* batched fan-out (an edge with batch > 1; all three NULL otherwise) */
    double *job_extra_s;     /* per job: service added for the items it carries past one */
    uint32_t *job_fan_items; /* per job: items of its batched fan-out still to send */
    uint32_t *call_items;    /* per call: the items each of its attempts carries */
    ScaleEvent *scale_log;   /* autoscaling changes (SCALE_LOG_MAX kept) */
    int n_scale_log, cap_scale_log;
    int second;        /* next series row */
    double row_t;      /* when the current series row began */
    bool measuring;
    uint64_t events;
    uint64_t events_dropped; /* timers of ended calls removed before they were due, by
                                t_end: reported as handled, as they were before */
    uint64_t dead_timers;    /* timeout events in the queue whose call or root ended */
    int depth;         /* zero-delay steps nested on the C stack now (arrive_now) */
    /* the event budget per instant (SimOptions.instant_budget) */
    uint64_t instant_budget;
    uint64_t instant_first;  /* e->events when the instant being looked at began */
    uint32_t *instant_hits;  /* per node: events near the end of a runaway instant */
    uint64_t instant_sampled; /* instant_first of the instant instant_hits counts */
    Rng rng;           /* engine-level draws (backoff jitter) */
    /* the key of each job and call (caches' key model), NONE when it has none; both NULL
     * unless a request type has keys and a cache uses the key model */
    uint32_t *job_key, *call_key;
    uint8_t *job_cflags; /* CF_ marks per job, with job_key */
    /* the traced request (SimOptions.trace_request) */
    TraceSpan *spans;
    uint32_t n_spans, cap_spans;
    bool trace_taken;
};

/* node_rules.c: per-kind routing */
/* A database's station for job j: its shard, then primary or replica (replication,
 * sessions, failover); NONE when none is up, WAIT_PROMOTION when it must wait. */
uint32_t rules_pick_db_station(Engine *e, RNode *n, Job *j);
/* The station job j is handled at. Other kinds have one station: that case is inline, as
 * a job arrives at a node on every hop. */
static inline bool station_up(const Station *s) { return s->alive > 0; }
static inline uint32_t rules_pick_station(Engine *e, RNode *n, Job *j)
{
    if (n->kind != NODE_DATABASE) return station_up(&n->st[0]) ? 0 : NONE;
    return rules_pick_db_station(e, n, j);
}
uint32_t rules_pick_lb_edge(Engine *e, RNode *n, const Job *j);
bool rules_cache_hit(Engine *e, RNode *n, const Job *j);
/* A session's write ended its service at a primary of n at e->now: remember it. */
void rules_note_write(Engine *e, RNode *n, uint32_t session);

/* The job's session + 1, 0 when it has none. */
static inline uint32_t job_session(const Job *j)
{
    return ((uint32_t)j->sess_hi << 16) | j->sess_lo;
}
static inline void job_set_session(Job *j, uint32_t s)
{
    j->sess_hi = (uint8_t)(s >> 16);
    j->sess_lo = (uint16_t)s;
}

#endif
