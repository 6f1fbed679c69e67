/*
 * results.h - what a simulation run measured.
 *
 * Figures are stored as arrays indexed by enums, each with a name, a unit and a
 * description, so that the text, JSON and CSV reports and the replication
 * statistics (mean and 95% confidence interval) walk one list instead of naming
 * every figure again.
 */
#ifndef SIM_RESULTS_H
#define SIM_RESULTS_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/model.h"

/* Why a request failed. */
typedef enum ErrCause {
    ERR_NONE,
    ERR_REJECTED,     /* a bounded queue was full */
    ERR_TIMEOUT,      /* an edge or client timeout expired */
    ERR_FAILED,       /* the node (or all its instances) was down */
    ERR_RATE_LIMITED, /* a node's rate limit refused it */
    ERR_CIRCUIT_OPEN, /* a circuit breaker failed it fast */
    ERR_COUNT
} ErrCause;

const char *err_cause_name(ErrCause c);
/* Why a request failed, in words for people, in language `lang` (tr.h: tr_lang() for
 * the current one); `brief` is for a table's cell: "rejected", not "rejected (queue
 * full)". err_cause_name is the JSON's name. */
const char *err_cause_words(ErrCause c, bool brief, const char *lang);

/* Per request type figures. */
typedef enum TypeFig {
    TF_COMPLETED,      /* requests finished (ok or error) in the measured window */
    TF_THROUGHPUT_RPS, /* successful requests per second */
    TF_ERRORS,
    TF_ERROR_RATE,     /* errors / completed */
    TF_ERR_REJECTED,
    TF_ERR_TIMEOUT,
    TF_ERR_FAILED,
    TF_ERR_RATE_LIMITED,
    TF_ERR_CIRCUIT_OPEN,
    TF_MEAN_MS,        /* latency of successful requests */
    TF_P50_MS,
    TF_P90_MS,
    TF_P95_MS,
    TF_P99_MS,
    TF_P999_MS,
    TF_MAX_MS,
    TF_ASYNC_COUNT,    /* async work finished (enqueue-to-done) */
    TF_ASYNC_ERRORS,
    TF_ASYNC_MEAN_MS,
    TF_ASYNC_P50_MS,
    TF_ASYNC_P99_MS,
    TF_ASYNC_MAX_MS,
    /* replication lag (optional: -1 when the type has no sessions or no database models
     * lag or read-your-writes; reports then leave them out) */
    TF_SESSION_READS,  /* its reads answered by such databases */
    TF_STALE_READS,    /* of them, reads a replica answered before the session's own write */
    TF_STALE_READ_RATE,
    TF_COUNT
} TypeFig;

/* One change of an autoscaled node's instances (Results.scale_log). */
typedef enum ScaleAction {
    SCALE_OUT,   /* the policy launched `count` instances (they boot) */
    SCALE_READY, /* `count` booted instances began to serve */
    SCALE_IN,    /* the policy took `count` instances out of service (they drain) */
    SCALE_LEFT,  /* `count` drained instances left (idle) */
    SCALE_ACTION_COUNT
} ScaleAction;

typedef struct ScaleEvent {
    double t_s;     /* simulated time */
    int node;
    ScaleAction action;
    int count;
    int serving, booting, desired; /* after the change */
    double metric;  /* SCALE_OUT / SCALE_IN: the metric the decision saw */
} ScaleEvent;

/* Most entries a run's scale log keeps (later ones are counted, not kept). */
#define SCALE_LOG_MAX 10000

const char *scale_action_name(ScaleAction a);

/* Per node figures. */
typedef enum NodeFig {
    NF_ARRIVALS,
    NF_COMPLETED,
    NF_THROUGHPUT_RPS,
    NF_UTILISATION,    /* busy slot time / slot time of the servers up (all of them unless
                          some failed: then NF_UP_SHARE says how much was up) */
    NF_MEAN_QUEUE,     /* requests waiting for a slot, time average */
    NF_MAX_QUEUE,
    NF_MEAN_WAIT_MS,   /* time waiting for a slot */
    NF_P99_WAIT_MS,
    NF_MEAN_LATENCY_MS, /* arrival to answer, downstream calls included (successes) */
    NF_P99_LATENCY_MS,
    NF_DROPS,          /* rejected + rate limited + failed */
    NF_REJECTED,
    NF_RATE_LIMITED,
    NF_FAILED,
    NF_HIT_RATIO,      /* cache/cdn: observed read hits / reads; -1 otherwise */
    NF_MEAN_BACKLOG,   /* queue: messages held, time average */
    NF_MAX_BACKLOG,
    NF_END_BACKLOG,    /* queue: messages held when the run ended */
    /* servers that failed (optional: -1 unless some did in the measured window; not for
     * autoscaled nodes, whose instance figures say it) */
    NF_UP_SHARE,       /* slot time of the servers up / (slots x time) */
    /* io=async nodes that make synchronous calls (optional: -1 for every other node) */
    NF_INFLIGHT_FULL_S, /* time with every in-flight place taken (max_inflight x instances
                           in progress): requests wait then though slots are free */
    /* a database of several servers (optional: -1 for every other node) */
    NF_BUSIEST_SERVER_UTILISATION, /* the busiest server's busy slot time / its slot time up:
                                      a hot shard full while the whole has room */
    /* database replication (optional: -1 unless the database sets replication_lag_ms or
     * read_your_writes_ms; reports then leave them out) */
    NF_SESSION_READS,  /* reads of sessions answered */
    NF_STALE_READS,    /* of them, answered by a replica behind the session's own write */
    NF_STALE_READ_RATE,
    NF_PRIMARY_READS,  /* reads sent to the primary by read_your_writes_ms */
    NF_LAG_P99_MS,     /* p99 of the replica lags drawn (0 when none was) */
    NF_STALE_GAP_P50_MS, /* median time from a session's write to its stale read (0: none) */
    /* database (optional: -1 unless it sets replication_lag_ms, read_your_writes_ms or
     * failover_s) */
    NF_PRIMARY_UTILISATION, /* busy slot time of the primaries / slot time of those up */
    NF_PRIMARY_UP_SHARE, /* primaries that failed (-1 unless some did in the measured
                            window): slot time of the primaries up / (their slots x time) */
    /* database failover (optional: -1 unless failover_s > 0) */
    NF_FAILOVERS,      /* replicas promoted */
    NF_NO_PRIMARY_S,   /* shard-seconds without a live primary */
    NF_FAILOVER_WRITES_FAILED, /* writes failed while a promotion was under way */
    NF_FAILOVER_WRITES_WAITED, /* writes that waited for it (failover_writes: wait) */
    /* Caches with the key model, a write policy or coalescing (node_cache_extended); the
     * reports show these only for them. Counts are over the measured window. */
    NF_READS,          /* reads that reached the cache */
    NF_HITS,           /* reads answered from it */
    NF_MISS_CALLS,     /* reads that went to the store (coalesced ones excepted) */
    NF_COALESCED,      /* reads that waited for another read's store call of their key */
    NF_MISS_PEAK_RPS,  /* highest per-second rate of miss calls to the store */
    NF_MISS_PEAK_AT_S, /* end of the second it happened in, simulated s (-1: none) */
    NF_ENTRIES,        /* entries held at the end (all instances) */
    NF_EVICTIONS,      /* entries evicted for room */
    NF_EXPIRED,        /* entries dropped past their TTL */
    NF_MEAN_DIRTY,     /* write_back: keys written here, not yet in the store, time average */
    NF_MAX_DIRTY,
    NF_FLUSHED,        /* write_back: keys written to the store */
    NF_LOST_WRITES,    /* write_back: dirty keys lost when instances failed */
    /* Autoscaled nodes (node_autoscaled; optional: -1 for every other node, and reports
     * leave them out). Over the measured window. */
    NF_MEAN_INSTANCES,   /* instances held (serving, booting, draining), time average */
    NF_MAX_INSTANCES,    /* most instances held at once */
    NF_INSTANCE_SECONDS, /* instance-seconds held: what is paid for */
    NF_END_INSTANCES,    /* instances serving at the end */
    NF_SCALE_OUTS,       /* scale-out decisions */
    NF_SCALE_INS,        /* scale-in decisions */
    NF_LAUNCHED,         /* instances launched */
    NF_COST_USD,         /* instance-seconds x cost_per_hour_usd / 3600: the window's cost */
    NF_COUNT
} NodeFig;
/* The autoscaling figures, first and one past the last. */
#define NF_SCALE_FIRST NF_MEAN_INSTANCES
#define NF_SCALE_END NF_COUNT

/* Per edge figures. */
typedef enum EdgeFig {
    EF_CALLS,          /* attempts sent down the edge in the window (retries included) */
    EF_RATE_RPS,       /* attempts per second */
    EF_FAILED,         /* attempts that failed or timed out */
    EF_RETRIES,        /* attempts that were retries */
    /* designs with scenario.zones (optional: -1 otherwise, and reports leave them out) */
    EF_CROSS_ZONE,     /* attempts whose ends were in different zones */
    EF_CROSS_REGION,   /* ... in different regions */
    /* batched edges (batch > 1; optional: -1 otherwise, and reports leave it out) */
    EF_ITEMS,          /* items the attempts carried (calls x items per call) */
    EF_COUNT
} EdgeFig;

/* Per second, per request type. */
typedef enum TypeSeries { TS_THROUGHPUT_RPS, TS_ERRORS, TS_MEAN_MS, TS_P99_MS, TS_COUNT } TypeSeries;
/* Per second, per node. */
typedef enum NodeSeries {
    NS_UTILISATION,
    NS_QUEUE,
    NS_BACKLOG,
    NS_DROPS,
    NS_BUSIEST_SERVER, /* the busiest server's utilisation in the second: a database of
                          several servers (shards, replicas) apart, the node's */
    NS_HIT_RATIO,  /* cache figures (node_cache_extended): hits / reads in the second */
    NS_MISS_RPS,   /* miss calls to the store per second */
    NS_DIRTY,      /* write_back: dirty keys at the end of the second */
    NS_INSTANCES,  /* autoscaled: instances serving at the end of the second */
    NS_BOOTING,    /* autoscaled: instances launched and not yet serving */
    NS_DESIRED,    /* autoscaled: the count the policy last asked for */
    NS_HELD,       /* autoscaled: instances paid for (serving, booting, draining), mean */
    NS_COUNT
} NodeSeries;
/* Node series every design has; the cache ones are stored only when the model has a
 * cache with the key model, a write policy or coalescing, the autoscaling ones only
 * when it has an autoscaled node (Results.ns_count). */
#define NS_BASE_COUNT NS_HIT_RATIO
#define NS_CACHE_END NS_INSTANCES
/* Node figures every node reports; the cache ones follow for node_cache_extended nodes. */
#define NF_BASE_COUNT NF_READS

/* Consumer groups of queues with delivery settings (node_queue_tracked): one per edge
 * out of such a queue. The counts add up: start_held + enqueued = done + dead_lettered
 * + discarded + end_waiting + end_in_flight. */
typedef enum GroupFig {
    GF_PARTITIONS,       /* 0: one shared FIFO */
    GF_CONSUMER_SLOTS,   /* slots of the consumer node */
    GF_USABLE_SLOTS,     /* min(consumer slots, partitions): the group's parallelism */
    GF_START_HELD,       /* messages held (waiting or out) when the window began */
    GF_ENQUEUED,         /* messages taken into the group */
    GF_REJECTED,         /* turned away: the queue held max_depth */
    GF_DELIVERIES,       /* hand-outs to consumers, redeliveries included */
    GF_REDELIVERED,      /* hand-outs after a failed or timed-out one */
    GF_DONE,             /* acknowledged */
    GF_DUPLICATES,       /* consumer work finished after its delivery timed out: done twice */
    GF_DEAD_LETTERED,    /* sent to the dead_letter queue after max_attempts */
    GF_DISCARDED,        /* out of attempts with no dead_letter (or it was full) */
    GF_EXPIRED,          /* not done within the queue's retention_s: deleted unread */
    GF_END_WAITING,      /* waiting at the end */
    GF_END_IN_FLIGHT,    /* handed out and not acknowledged at the end */
    GF_MEAN_LAG_MESSAGES, /* lag: waiting + out, time average */
    GF_MAX_LAG_MESSAGES,
    GF_MAX_LAG_S,        /* age of the oldest message not yet handed out (a partition: or
                            its message out), at its largest */
    GF_END_LAG_MESSAGES,
    GF_END_LAG_S,
    GF_COUNT
} GroupFig;

/* Per partition of a group (one row for a group without partitions). */
typedef enum PartFig {
    PF_ENQUEUED,
    PF_DONE,
    PF_MAX_LAG_MESSAGES,
    PF_MAX_LAG_S,
    PF_END_LAG_MESSAGES,
    PF_END_LAG_S,
    PF_COUNT
} PartFig;

/* Per second, per group. */
typedef enum GroupSeries { GS_LAG_MESSAGES, GS_LAG_S, GS_COUNT } GroupSeries;

typedef struct FigInfo {
    const char *name; /* JSON / CSV key */
    const char *unit;
    const char *doc;
} FigInfo;

extern const FigInfo type_fig_info[TF_COUNT];
extern const FigInfo node_fig_info[NF_COUNT];
extern const FigInfo edge_fig_info[EF_COUNT];
extern const FigInfo type_series_info[TS_COUNT];
extern const FigInfo node_series_info[NS_COUNT];
extern const FigInfo group_fig_info[GF_COUNT];
extern const FigInfo part_fig_info[PF_COUNT];
extern const FigInfo group_series_info[GS_COUNT];

/* True when figure k of table `info` (type_fig_info, node_fig_info, ...) is optional:
 * its value -1 means it does not apply to this run, and reports leave it out (the
 * replication figures, so that designs without them report exactly as before). */
bool fig_is_optional(const FigInfo *info, int k);

/* One hop of a traced request: a visit to a node, with when it was sent, arrived,
 * got a slot, finished its own work, answered, and when the answer was back at the
 * caller. Times are seconds of simulated time; NAN where the hop never got there. */
typedef struct TraceSpan {
    int node;
    int parent;    /* span of the caller, -1 for the root (the client) */
    int edge;      /* edge it came by, -1 for the root */
    int attempt;   /* 0, or the retry number */
    bool async;    /* async work: nobody waited for it */
    uint8_t err;   /* ErrCause of its answer (or of the caller's timeout) */
    double t_sent, t_arrive, t_start, t_served, t_replied, t_received;
} TraceSpan;

/* At most this many hops are traced (a huge fan-out is cut). */
#define TRACE_MAX_SPANS 4096

typedef struct Results {
    int n_types;          /* request types; row n_types is all types together */
    char **type_names;    /* n_types + 1, last is "all" */
    double (*types)[TF_COUNT];   /* [n_types + 1] */
    int n_nodes;
    char **node_ids;
    double (*nodes)[NF_COUNT];   /* [n_nodes] */
    int n_edges;
    double (*edges)[EF_COUNT];   /* [n_edges], in the model's edge order */
    int n_seconds;        /* series rows: one per series_step_s simulated seconds from 0 */
    double series_step_s; /* 1, or a whole number of seconds per row when one row a
                             second would pass 10,000 rows or 4,194,304 numbers */
    double *type_series;  /* [(n_types + 1) * n_seconds * TS_COUNT] */
    double *node_series;  /* [n_nodes * n_seconds * ns_count] */
    int ns_count;         /* node series per node and row: NS_COUNT when the model has a
                             cache with the key model (model_has_cache_model), else
                             NS_BASE_COUNT */
    int n_groups;         /* consumer groups of tracked queues (0 for most designs) */
    int *group_edge;      /* [n_groups]: the edge (model order) */
    int *group_part;      /* [n_groups + 1]: first row of each group in parts */
    double (*groups)[GF_COUNT]; /* [n_groups] */
    double (*parts)[PF_COUNT];  /* [group_part[n_groups]] */
    double *group_series; /* [n_groups * n_seconds * GS_COUNT] */
    double warmup_s, duration_s;
    uint64_t seed;
    uint64_t events;      /* events processed */
    uint64_t peak_jobs;   /* most requests held by nodes at once: memory follows this,
                             never the simulated time (not part of reports) */
    uint64_t peak_calls;  /* most calls (with their retries) in progress at once */
    uint64_t peak_events; /* events the pending-event set has room for at the end: its
                             high-water mark, which follows the work in flight too
                             (not part of reports) */
    uint64_t refused;     /* calls refused at the engine's in-flight safety limit */
    int peak_engines;     /* sim_replicate, in the summary's mean: most engines alive at
                             once (at most its jobs), and most finished runs held waiting
                             for their turn to be folded (not part of reports) */
    int peak_held;
    double wall_s;        /* wall-clock time of the run (not part of reports) */
    int bottleneck;       /* node index or -1 */
    char *bottleneck_why; /* one sentence, or NULL */
    bool cancelled;
    char *error;          /* why the run stopped before its end (engine_run), or NULL;
                             its figures are then partial: sim_run and sim_replicate
                             turn it into a diagnostic and return NULL */
    int error_node;       /* the node most involved in that error, -1 */
    ScaleEvent *scale_log; /* autoscaling decisions and their effects, in time order
                              (run 0 of replications); NULL when none */
    int n_scale_log;
    int trace_type;       /* request type traced, -1 when none */
    TraceSpan *trace;     /* the traced request's hops, spans[0] its root; may be NULL */
    int n_trace;
} Results;

/* The cause of most of the errors of row `t` (a type, or n_types: all), ERR_NONE when
 * it has none. */
ErrCause results_main_cause(const Results *r, int t);

/* True when results of model m show node figure k (series k) of node i: every node the
 * base ones, caches with the key model, a write policy or coalescing the cache ones,
 * autoscaled nodes the autoscaling ones. */
bool results_node_fig_shown(const Model *m, int i, int k);
bool results_node_series_shown(const Model *m, const Results *r, int i, int k);

/* The design's cost per month in USD for this run: model_cost_per_month_usd, with each
 * autoscaled node at its mean instances held over the run instead of its start count. */
double results_cost_per_month_usd(const Model *m, const Results *r);
/* A node's figures f: the share of its slot time its servers were up (NF_UP_SHARE), 1 when
 * none failed. Utilisation is of that time; times it, of all the slots. */
double node_up_share(const double *f);
/* A database of several servers (shards or read replicas, each a queue of its own): its
 * per-second rows keep the busiest server's utilisation (NS_BUSIEST_SERVER). */
bool node_several_servers(const Node *n);
/* The same for a replicated database's primaries (NF_PRIMARY_UP_SHARE), 1 when none failed. */
double node_primary_up_share(const double *f);

/* Accessors for the series. */
double *results_type_series(const Results *r, int type, int second);
double *results_node_series(const Results *r, int node, int second);
double *results_group_series(const Results *r, int group, int second);

/* Async tasks of type t done a request: those that ended in the measured window (done or
 * failed) over the type's requests that ended there. A queue with two consumer groups
 * makes 2 while its consumers keep up, a fan-out of async calls as many as it makes; less
 * while the work falls behind (a backlog grows). NAN when no request of the type ended. */
double results_async_per_request(const Results *r, int t);

/* The largest of figure GF_MAX_LAG_MESSAGES or GF_MAX_LAG_S over every group (0 when
 * there is none). */
double results_max_lag(const Results *r, GroupFig fig);

/* Every figure and series value of r as one vector, in the order summaries fold them
 * (what a shard of replications carries), and back into results of the same shape
 * (results_create with the same model and n_seconds, series_step_s set). */
size_t results_flat_len(const Results *r);
void results_flatten(const Results *r, double *out);
void results_unflatten(Results *r, const double *in);

/* Allocate zeroed results for a model's shape. */
Results *results_create(const Model *m, int n_seconds);
/* A new Results of model m (the one r was run from) holding r's first `rows` series rows
 * and nothing else (its figures are zero): what a run has to show while it goes on
 * (SimOptions.partial). rows is clamped to r's rows. The caller owns it. */
Results *results_series_copy(const Model *m, const Results *r, int rows);
void results_destroy(Results *r);

/* Replications: figures of R runs combined into mean and 95% CI half-width. */
typedef struct Summary {
    int n_runs;
    Results *mean;  /* means of every figure (series too); bottleneck of run 0 */
    Results *half;  /* 95% confidence half-widths (Student t), 0 when n_runs == 1 */
} Summary;

/* The two-sided 95% Student t quantile for df degrees of freedom (0 for df < 1). */
double student_t95(int df);

/* The 95% confidence half-width of the mean of n values (n >= 2) whose squared deviations
 * from `mean` sum to `ss`: 0 when it is below the rounding of the mean itself (equal
 * values, whose mean can be an ulp off them, would show "$234 ± $0.0000000000000865"). */
double ci_half_width(int n, double ss, double mean);

/* Combine runs[0..n) (same model). The summary owns new Results; runs untouched. */
Summary *summary_create(Results *const *runs, int n);
void summary_destroy(Summary *s);
/* A deep copy of s (every figure, series, bottleneck and trace). */
Summary *summary_clone(const Summary *s);

/* The same, one run at a time, keeping none of the Results: summary_add each run in
 * replication order (the caller keeps ownership of it), then summary_finish returns
 * the summary (NULL when no run was added) and frees the builder. Exactly the figures
 * of summary_create while every run's figures and series fit in 64 MiB; past that the
 * half-widths come from a running variance (Welford), equal but for rounding, and
 * memory stays three numbers per figure and series point of one run. */
typedef struct SummaryBuilder SummaryBuilder;
SummaryBuilder *summary_begin(void);
void summary_add(SummaryBuilder *b, const Results *r);
int summary_runs(const SummaryBuilder *b);
Summary *summary_finish(SummaryBuilder *b);

#endif
