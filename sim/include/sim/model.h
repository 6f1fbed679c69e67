/*
 * model.h - the diagram model: nodes, edges, the scenario (traffic, requirements,
 * events) and the distributions their numbers are drawn from.
 *
 * The model is plain data: the JSON loader fills it, the validator checks it, the
 * engine reads it, the GUI edits it through commands. Every string in it is owned by
 * the model and freed by model_destroy(). Field names carry units (_ms, _s, _rps).
 *
 * Which fields exist, their units, ranges and per-kind defaults are described once,
 * in the field tables of schema.h; the loader, saver, validator, documentation and
 * inspector all read those tables.
 */
#ifndef SIM_MODEL_H
#define SIM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARCHSIM_FORMAT "archsim/1"
#define ARCHSIM_VERSION "0.1.0"

typedef enum NodeKind {
    NODE_CLIENT,
    NODE_LOAD_BALANCER,
    NODE_SERVICE,
    NODE_CACHE,
    NODE_CDN,
    NODE_QUEUE,
    NODE_DATABASE,
    NODE_OBJECT_STORE,
    NODE_EXTERNAL_API,
    NODE_KIND_COUNT
} NodeKind;

typedef enum DistKind {
    DIST_CONSTANT,    /* always `mean` */
    DIST_EXPONENTIAL, /* mean `mean` */
    DIST_UNIFORM,     /* between `min` and `max` */
    DIST_LOGNORMAL,   /* given `mean` and `p99` (p99 <= ~14.9 x mean) */
    DIST_PARETO,      /* heavy tail: given `mean` and shape `alpha` > 1 */
    DIST_KIND_COUNT
} DistKind;

/* A distribution of a non-negative quantity (a time in ms, a fan-out count).
 * `cap` > 0 truncates every draw to at most `cap` (0 = no cap). */
typedef struct Dist {
    DistKind kind;
    double mean;
    double p99;
    double min;
    double max;
    double alpha;
    double cap;
} Dist;

typedef enum IoModel { IO_BLOCKING, IO_ASYNC, IO_COUNT } IoModel;
typedef enum CallMode { CALLS_SEQUENTIAL, CALLS_PARALLEL, CALLS_COUNT } CallMode;
typedef enum LbPolicy {
    LB_ROUND_ROBIN,
    LB_RANDOM,
    LB_LEAST_OUTSTANDING,
    LB_POWER_OF_TWO,
    LB_POLICY_COUNT
} LbPolicy;
typedef enum EdgeMode { EDGE_SYNC, EDGE_ASYNC, EDGE_MODE_COUNT } EdgeMode;
typedef enum Arrival { ARRIVAL_POISSON, ARRIVAL_CONSTANT, ARRIVAL_COUNT } Arrival;
typedef enum Op { OP_READ, OP_WRITE, OP_COUNT } Op;
/* database: what a write does while a failed primary's replica is being promoted */
typedef enum FailoverWrites { FAILOVER_FAIL, FAILOVER_WAIT, FAILOVER_WRITES_COUNT } FailoverWrites;
/* What a cache or CDN does with a write (docs/semantics.md, "Caches: keys, capacity, TTL"). */
typedef enum WritePolicy {
    WRITE_LOCAL,   /* stored in the cache and answered, nothing called (the default) */
    WRITE_THROUGH, /* the store is written (the miss edges), then the cache; the caller waits */
    WRITE_AROUND,  /* the store is written, the cached key is invalidated */
    WRITE_BACK,    /* answered at once; dirty keys are written to the store in batches */
    WRITE_POLICY_COUNT
} WritePolicy;

/* Autoscaling (docs/semantics.md, "Autoscaling"): what the policy measures. */
typedef enum ScaleMetric {
    SCALE_UTILISATION, /* busy share of the serving instances' slots over the interval */
    SCALE_INFLIGHT,    /* requests in service or waiting, per serving instance (time average) */
    SCALE_RATE,        /* arrivals per second per serving instance over the interval */
    SCALE_METRIC_COUNT
} ScaleMetric;

/* A target-tracking autoscaling policy (AWS target tracking, Kubernetes HPA): every
 * interval_s, desired = ceil(serving x metric / target), clamped to [min, max]. Present
 * in a file = enabled; `instances` is then the count at the start. */
typedef struct Autoscale {
    bool enabled;
    ScaleMetric metric;
    double target;              /* the metric's value per instance the policy aims at */
    int min_instances, max_instances;
    double interval_s;          /* evaluation period: the metric is averaged over it */
    double scale_out_cooldown_s;/* after a scale-out, no other scale-out for this long */
    double scale_in_cooldown_s; /* after any scale action, no scale-in for this long */
    double boot_s;              /* a launched instance serves this long after launch */
} Autoscale;

typedef struct Node {
    char *id;              /* unique, stable; files, events and reports use it */
    char *label;           /* shown on the board; NULL = use id */
    char *label_tr;        /* never saved: the label in the language shown, from the
                              scenario's translations (model_localize); NULL = label */
    NodeKind kind;
    double x, y;           /* board position, in board units */
    int instances;         /* identical instances (database: servers per shard role, see docs) */
    int workers;           /* concurrent slots per instance (threads, connections) */
    int queue_max;         /* waiting requests over this are rejected */
    Dist service_ms;       /* time a slot is held for the node's own work */
    IoModel io;            /* blocking: slot held while waiting downstream */
    int max_inflight;      /* io=async: requests in progress per instance */
    CallMode calls;        /* downstream calls one after another or fork-join */
    double hit_ratio;      /* cache, cdn: probability a read is answered locally (the simple
                              model; the key model below replaces it when set) */
    int capacity_keys;     /* cache, cdn: entries per instance (key model; 0 = capacity_mb) */
    double capacity_mb;    /* cache, cdn: memory per instance, in entries of entry_kb */
    double entry_kb;       /* cache, cdn: size of one entry, for capacity_mb */
    double ttl_s;          /* cache, cdn: an entry expires this long after it is stored, 0 = never */
    WritePolicy write_policy; /* cache, cdn */
    double flush_interval_s;  /* cache, cdn, write_back: dirty keys are written this often */
    int flush_batch;       /* cache, cdn, write_back: keys per store write */
    bool coalesce;         /* cache, cdn, key model: concurrent misses on a key make one call */
    LbPolicy policy;       /* load_balancer */
    int read_replicas;     /* database: replicas per shard serving reads */
    int shards;            /* database: shards, each a primary + replicas */
    int pool;              /* database: connections per server (its slots) */
    double hot_shard;      /* database: share of traffic to the hottest shard, 0 = uniform */
    int max_depth;         /* queue: messages held at most; more are rejected */
    /* queue delivery (docs/semantics.md "Partitions and delivery"): all at their
     * defaults, a queue behaves as it always did */
    int partitions;        /* queue: partitions per consumer group, 0 = one shared FIFO */
    double hot_partition;  /* queue: share of messages keyed to partition 0, 0 = uniform */
    int max_attempts;      /* queue: deliveries of a message at most (1 = no redelivery) */
    double visibility_timeout_s; /* queue: a delivery not acked by then is redelivered, 0 = none */
    double retention_s;  /* queue: a message not done this long after it entered expires, 0 = kept */
    char *dead_letter;     /* queue: id of the queue that takes messages out of attempts, or NULL */
    double timeout_ms;     /* client: end-to-end timeout, 0 = none */
    double rate_limit_rps; /* admitted per second, 0 = no limit */
    double burst;          /* rate limit bucket size in requests, 0 = rate_limit_rps / 10 */
    double cost_per_hour_usd; /* per instance (database: per server), see docs/cost */
    /* database replication and failover (docs/semantics.md, "Replication lag") */
    Dist replication_lag_ms;   /* how far a replica is behind its primary; constant 0 = none */
    double read_your_writes_ms;/* a session's reads go to the primary this long after its
                                  write (0 = off) */
    double failover_s;         /* a failed primary's replica is promoted after this (0 = no
                                  failover: writes fail until the primary is back) */
    FailoverWrites failover_writes; /* during the promotion: writes fail or wait */
    Autoscale autoscale;   /* service, cache, cdn (hit_ratio model): instances follow load */
    /* placement (docs/semantics.md, "Zones and regions"): NULL / 0 = not placed */
    char *zone;            /* the zone (scenario.zones id) all its servers run in, or NULL */
    char **zones;          /* or: zones its servers are spread over, in turn (instance i, or a
                              database's role i of each shard, in zones[i % n_zones]) */
    int n_zones;
    bool prefer_zone;      /* load_balancer: targets with servers in its own zone first */
    double detect_s;       /* load_balancer: a target that went down is still picked this long
                              (health checks, DNS TTL) before it is skipped; 0 = at once */
    char *meta_json;       /* free-form "meta" object kept verbatim, or NULL */
} Node;

typedef struct CircuitBreaker {
    bool enabled;
    double failure_ratio; /* opens when failures / calls in a window reach this */
    int min_calls;        /* ... and the window has at least this many calls */
    double window_s;
    double open_s;        /* stays open (fails fast) this long */
} CircuitBreaker;

typedef struct Edge {
    char *id;            /* optional, NULL = none */
    char *from;          /* node id */
    char *to;            /* node id */
    char *label;         /* optional text shown on the board */
    char *label_tr;      /* never saved: the label in the language shown (model_localize) */
    double latency_ms;   /* one way; added on the request and on the response */
    char **requests;     /* request type filter; n_requests == 0 means all */
    int n_requests;
    double probability;  /* chance the call is made at all */
    Dist fanout;         /* how many times it is made (constant 1 by default) */
    EdgeMode mode;       /* sync waits for the answer, async does not */
    double timeout_ms;   /* per attempt, 0 = none */
    int retries;         /* extra attempts after a failure or timeout */
    double backoff_ms;   /* base of exponential backoff with full jitter */
    double backoff_max_ms;
    double retry_budget; /* retries at most this fraction of calls; 0 = unlimited */
    CircuitBreaker breaker;
    double request_kb;   /* payload sizes; with bandwidth they add transmission time */
    double response_kb;
    double bandwidth_mbps; /* 0 = unlimited */
    int batch;           /* a fan-out's copies go as calls of up to this many items (1 = none) */
    double batch_item_ms; /* callee's extra service per item of a call beyond the first */
    char *meta_json;
} Edge;

typedef struct RequestType {
    char *name;
    char *client;        /* id of the client node emitting it; NULL = the only client
                            (model_request_client says where a type enters) */
    Op op;               /* read or write: caches and databases route on it */
    Arrival arrival;     /* open loop arrival process */
    double rate_rps;     /* open loop rate; 0 with users > 0 means closed loop */
    int users;           /* closed loop: users each sending one request at a time */
    Dist think_ms;       /* closed loop: pause between a response and the next request */
    int sessions;        /* requests come from this many sessions (users), uniformly; the
                            same number is the same session in every type; 0 = none */
    int keys;            /* distinct keys it reads and writes, 0 = none (caches in the key
                            model never hold it) */
    double key_zipf;     /* popularity of its keys: Zipf exponent, 0 = uniform */
    int key_space;       /* > 0: request types with the same number share their keys (a read
                            and a write of one store); 0: its keys are its own */
    char *meta_json;
} RequestType;

typedef enum Metric {
    METRIC_P50_MS,
    METRIC_P90_MS,
    METRIC_P95_MS,
    METRIC_P99_MS,
    METRIC_P999_MS,
    METRIC_MEAN_MS,
    METRIC_MAX_MS,
    METRIC_ERROR_RATE,
    METRIC_THROUGHPUT_RPS,
    METRIC_ASYNC_P99_MS, /* enqueue-to-done of the async work a request type starts */
    METRIC_COST_PER_MONTH_USD,
    METRIC_STALE_READ_RATE, /* database reads that missed the session's own write */
    METRIC_MAX_LAG_MESSAGES, /* consumer lag of the worst group of a queue with delivery settings */
    METRIC_MAX_LAG_S,
    METRIC_HIT_RATIO,    /* reads answered by caches / reads reaching them, all caches */
    METRIC_COUNT
} Metric;

typedef struct Requirement {
    Metric metric;
    char *request;  /* request type, NULL = all types together */
    bool has_max, has_min;
    double max, min;
    char *label;    /* optional human text */
} Requirement;

typedef enum EventAction { EVENT_FAIL, EVENT_SURGE, EVENT_SLOW, EVENT_ACTION_COUNT } EventAction;

typedef enum FailRole { ROLE_ANY, ROLE_PRIMARY, ROLE_REPLICA, ROLE_COUNT } FailRole;

typedef struct ScenarioEvent {
    double at_s;
    EventAction action;
    char *node;      /* fail, slow: the node */
    char *zone;      /* fail: instead of a node, every server placed in this zone */
    char *region;    /* fail: ... or in every zone of this region */
    int instances;   /* fail: how many instances, 0 = all */
    FailRole role;   /* fail, database: which servers (any: in order, primaries first) */
    double for_s;    /* how long; 0 = until the end */
    char *request;   /* surge: request type, NULL = all */
    double factor;   /* surge: rate multiplier; slow: service time multiplier */
    char *label;
} ScenarioEvent;

/* The words of one back-of-the-envelope quantity in another language (the numbers,
 * id and unit are the English quantity's). Any part may be missing: readers fall back
 * to the English text. */
typedef struct EnvelopeText {
    char *label;    /* NULL = the quantity's label */
    char **factors; /* factor labels: n_factors == 0: the English ones; else one per factor */
    int n_factors;
    char *note;     /* NULL = the quantity's note */
} EnvelopeText;

/* The human text of a scenario in another language ("ru", "uk", ...). Any part may be
 * missing (NULL / no hints / no envelope): readers fall back to the English text. */
typedef struct Translation {
    char *lang;    /* language code: "ru", "uk", "pt-BR" (never "en": English is the base) */
    char *title;   /* NULL = the diagram's title */
    char *prompt;  /* NULL = scenario.prompt */
    char **hints;  /* n_hints == 0: scenario.hints; else exactly as many as the English */
    int n_hints;
    char **requirements; /* the requirements' labels: n_requirements == 0 none; else one per
                            scenario.requirements entry, "" where the English label stands
                            (or there is none: its description speaks every language) */
    int n_requirements;
    char **events;       /* the events' labels, the same way: one per scenario.events entry */
    int n_events;
    char **labels_en;    /* node and edge labels: labels[k] is shown for the English label
                            labels_en[k], on every node and edge that has it */
    char **labels;
    int n_labels;
    EnvelopeText *envelope; /* n_envelope == 0: the English sheet; else one per quantity of
                               scenario.envelope, in its order */
    int n_envelope;
} Translation;

/* The unit of a back-of-the-envelope quantity (see envelope.h). */
typedef enum EnvelopeUnit {
    ENV_UNIT_RPS,         /* requests per second */
    ENV_UNIT_PER_S,       /* other things per second (messages delivered, cache writes) */
    ENV_UNIT_BYTES,       /* an amount of data */
    ENV_UNIT_BYTES_PER_S, /* bandwidth; shown in MB/s and Gbit/s */
    ENV_UNIT_COUNT,       /* a plain number (keys, connections, workers) */
    ENV_UNIT_KIND_COUNT
} EnvelopeUnit;

/* Most sessions a request type may have (a session id fits a job's 24 bits). */
#define SESSIONS_MAX 10000000

/* Limits of the envelope (checked by model_validate). */
#define ENVELOPE_MAX_ITEMS 32
#define ENVELOPE_MAX_FACTORS 8
#define ENVELOPE_ID_MAX 40
#define ENVELOPE_MIN_VALUE 1e-6 /* the product of the factors lies in this range */
#define ENVELOPE_MAX_VALUE 1e30

/* One number of an envelope quantity: "4,600 tweets/s on average". */
typedef struct EnvelopeFactor {
    double value;  /* finite, > 0 */
    char *label;   /* what it counts, read after the number */
    bool divide;   /* true: the quantity is divided by it ("÷ 3 servers") */
} EnvelopeFactor;

/* A quantity of the back-of-the-envelope sheet: its expected value is the product of
 * its factors (divided by those marked divide). */
typedef struct EnvelopeItem {
    char *id;      /* unique slug: "storage_per_year" */
    char *label;   /* "Tweet storage per year" */
    EnvelopeUnit unit;
    EnvelopeFactor *factors;
    int n_factors;
    char *note;    /* assumptions and sources, or NULL */
} EnvelopeItem;

/* A zone (an availability zone, a datacenter) of a region (scenario.zones). */
typedef struct Zone {
    char *id;
    char *region;   /* NULL: a region of its own, named as the zone */
} Zone;

/* The one-way latency between two regions (scenario.region_latency), either direction. */
typedef struct RegionLatency {
    char *from, *to;
    double latency_ms;
} RegionLatency;

typedef struct Scenario {
    char *prompt;
    char **hints;       /* hints for the exercise, in order (shown on request) */
    int n_hints;
    double duration_s;  /* simulated time measured after warm-up */
    double warmup_s;    /* simulated first, discarded from statistics */
    uint64_t seed;
    RequestType *requests;
    int n_requests;
    Requirement *requirements;
    int n_requirements;
    ScenarioEvent *events;
    int n_events;
    EnvelopeItem *envelope;    /* back-of-the-envelope quantities, file order */
    int n_envelope;
    Translation *translations; /* file order */
    int n_translations;
    /* geography (docs/semantics.md, "Zones and regions"); none = nodes are not placed */
    Zone *zones;
    int n_zones;
    RegionLatency *region_latency;
    int n_region_latency;
    double zone_latency_ms;         /* one way, within a zone */
    double cross_zone_latency_ms;   /* one way, between zones of a region */
    double cross_region_latency_ms; /* one way, between regions region_latency does not list */
} Scenario;

typedef struct Model {
    char *title;
    Scenario scenario;
    Node *nodes;
    int n_nodes;
    Edge *edges;
    int n_edges;
    char *meta_json;
} Model;

/* An empty model with scenario defaults. Never NULL (aborts on out of memory). */
Model *model_create(void);
/* Frees the model and every string it owns. Accepts NULL. */
void model_destroy(Model *m);
/* A deep copy. */
Model *model_clone(const Model *m);
/* True when both models hold the same data (strings compared by value). */
bool model_equal(const Model *a, const Model *b);

/* True when both nodes / edges hold the same data (strings compared by value). */
bool node_equal(const Node *a, const Node *b);
bool edge_equal(const Edge *a, const Edge *b);
/* True when both scenarios hold the same data (text, traffic, requirements, events,
 * hints, translations and envelope). */
bool scenario_equal(const Scenario *a, const Scenario *b);

/* The scenario's text in language `lang` (NULL or "en" = English), falling back to the
 * English text for what the translation lacks. The pointers belong to the model. */
const char *scenario_title_in(const Model *m, const char *lang);
const char *scenario_prompt_in(const Model *m, const char *lang);
/* The label of requirement / event k in `lang`: the translation's where it has one, else
 * the English label; NULL when the requirement or event has no label (its description is
 * generated in every language). The pointer belongs to the model. */
const char *scenario_requirement_label_in(const Scenario *s, int k, const char *lang);
const char *scenario_event_label_in(const Scenario *s, int k, const char *lang);
/* The text shown for a node's or an edge's English `label` in `lang`: the translation's
 * (scenario.translations.<lang>.labels) where it has one, else NULL. */
const char *scenario_label_in(const Scenario *s, const char *label, const char *lang);
/* Sets every node's and edge's label_tr to its label in `lang` (NULL or "en": none): a
 * lookup per node and edge, and no allocation where nothing changes. */
void model_localize(Model *m, const char *lang);
/* Hints in `lang`: returns the array and sets *n (0 and NULL when there are none). */
char *const *scenario_hints_in(const Model *m, const char *lang, int *n);
/* The words of envelope quantity i (0 <= i < n_envelope) in `lang`, each falling back
 * to the English one when the translation lacks it: the label, the note (NULL when the
 * quantity has none in either) and the label of factor k. The pointers belong to the
 * model. */
const char *scenario_envelope_label_in(const Scenario *s, int i, const char *lang);
const char *scenario_envelope_note_in(const Scenario *s, int i, const char *lang);
const char *scenario_envelope_factor_in(const Scenario *s, int i, int k, const char *lang);
/* The translation for `lang`, or NULL. */
const Translation *scenario_translation(const Scenario *s, const char *lang);
void translation_free(Translation *t);
void translation_copy(Translation *dst, const Translation *src);
void envelope_text_free(EnvelopeText *e);
void envelope_text_copy(EnvelopeText *dst, const EnvelopeText *src);
void envelope_item_free(EnvelopeItem *it);
void envelope_item_copy(EnvelopeItem *dst, const EnvelopeItem *src);

/* The product of the factors of the surge events active at simulated time t_s that
 * apply to request type `request` (1 when none): a surge multiplies the rate from at_s
 * for for_s seconds (0 = to the end); overlapping surges multiply. The engine and the
 * envelope's derived peak both use it. */
double scenario_surge_factor(const Scenario *s, const char *request, double t_s);

/* Fill *n with the defaults of `kind`; id and label are left NULL. */
void node_defaults(NodeKind kind, Node *n);
void edge_defaults(Edge *e);
void request_defaults(RequestType *r);
void event_defaults(ScenarioEvent *ev);

/* Append a node (copied, strings duplicated) and return its index. */
int model_add_node(Model *m, const Node *n);
/* Append an edge (copied, strings duplicated) and return its index. */
int model_add_edge(Model *m, const Edge *e);
/* Remove node i and every edge touching it; queues whose dead_letter named it lose
 * their dead_letter. */
void model_remove_node(Model *m, int i);
void model_remove_edge(Model *m, int i);
/* Index of the node with this id, or -1. */
int model_find_node(const Model *m, const char *id);
/* Index of the request type with this name, or -1. */
int model_find_request(const Model *m, const char *name);
/* The node request type r enters at: the node its `client` names, else the first client
 * node in node order (the only one in a valid model; with two or more, validation asks
 * for a name). This is the one rule the simulator, the estimate and the board follow.
 * Returns the node's index, or -1 when the named id is no node or the model has no
 * client; a named node may be of another kind (validation reports that). */
int model_request_client(const Model *m, const RequestType *r);
/* True when edge e carries request type `name` (its filter is empty or names it). */
bool edge_carries(const Edge *e, const char *name);

/* Deep copies / frees of single elements (used by the model and by undo). */
void node_copy(Node *dst, const Node *src);
void node_free(Node *n);
void edge_copy(Edge *dst, const Edge *src);
void edge_free(Edge *e);

/* Names of enumeration values as they appear in files ("load_balancer", ...). */
const char *node_kind_name(NodeKind k);
const char *dist_kind_name(DistKind k);
const char *io_name(IoModel v);
const char *calls_name(CallMode v);
const char *lb_policy_name(LbPolicy v);
const char *edge_mode_name(EdgeMode v);
const char *arrival_name(Arrival v);
const char *op_name(Op v);
const char *write_policy_name(WritePolicy v);
const char *metric_name(Metric v);
const char *event_action_name(EventAction v);
const char *fail_role_name(FailRole v);
const char *failover_writes_name(FailoverWrites v);
const char *envelope_unit_name(EnvelopeUnit v);
const char *scale_metric_name(ScaleMetric v);

/* Reverse lookups: the value, or -1 when the name is unknown. */
int node_kind_from_name(const char *s);
int dist_kind_from_name(const char *s);

/* A constant distribution. */
Dist dist_const(double v);
bool dist_equal(const Dist *a, const Dist *b);
/* The mean the user set (uniform: its midpoint): what the app shows and the file keeps.
 * The mean of the draws, which a cap lowers, is dist_drawn_mean (dist.h). */
double dist_mean(const Dist *d);
/* Calls an edge makes per visit of a request that it carries, on average: its
 * probability x its fan-out's mean, or with batch > 1 x the mean of ceil(fan-out /
 * batch) (dist_batch_calls). */
double edge_mean_calls(const Edge *e);
/* Items those calls carry per visit: probability x the fan-out's mean (batch or not). */
double edge_mean_items(const Edge *e);

/* A cache or a CDN: a node that answers reads from what it holds and calls its store on
 * a miss. */
static inline bool node_kind_caches(NodeKind k) { return k == NODE_CACHE || k == NODE_CDN; }

/* True when queue node i keeps per-message delivery state (partitions, redelivery,
 * dead letters, lag figures): it sets one of partitions, hot_partition, max_attempts,
 * visibility_timeout_s, retention_s or dead_letter, is some queue's dead_letter, or the scenario has a
 * consumer-lag requirement. Other queues run exactly as they always did. */
bool node_queue_tracked(const Model *m, int i);
/* The same for every node at once, in O(nodes + requirements): [n_nodes], caller frees. */
bool *model_queues_tracked(const Model *m);
/* Caches (docs/semantics.md): a cache or CDN uses the key model when it has a capacity
 * (capacity_keys or capacity_mb) or a ttl_s; the hit ratio then emerges from the keys of
 * the requests. node_cache_capacity: entries per instance, 0 = unlimited (TTL only) or not
 * a key-model cache. node_cache_extended: the key model, a write policy or coalescing, i.e.
 * the node reports the cache figures and series (designs without one report as before). */
bool node_key_model(const Node *n);
int64_t node_cache_capacity(const Node *n);
bool node_cache_extended(const Node *n);
bool model_has_cache_model(const Model *m);

/* True when node n runs an autoscaling policy (autoscale.enabled on a kind that takes one). */
bool node_autoscaled(const Node *n);
bool model_has_autoscale(const Model *m);

/* Zones: the index of zone `id` in scenario.zones, or -1; the region of zone z (its id
 * when it names none); the one-way latency in ms between zones a and b (indices). */
int scenario_find_zone(const Scenario *s, const char *id);
const char *scenario_zone_region(const Scenario *s, int z);
double scenario_zone_latency_ms(const Scenario *s, int a, int b);
/* The one-way latency of edge e in ms: its latency_ms, or, when that is left at its default
 * and both ends are placed, the zones' (for a spread end, its nearest zone's). */
double model_edge_latency_ms(const Model *m, const Edge *e);
/* True when node n is placed (zone or zones). */
bool node_placed(const Node *n);

/* Monthly cost of the design in USD: sum over nodes of servers x price x 730 h (an
 * autoscaled node at its starting instances; results_cost_per_month_usd gives a run's). */
double model_cost_per_month_usd(const Model *m);
/* Servers a node runs (instances; database: shards x (1 + read_replicas)), for any
 * model: at least 0, at most INT_MAX (a valid model's count is far below). */
int node_servers(const Node *n);
/* How many of node n's servers a fail event of `zone` (or of every zone of `region`)
 * takes down: all of a node in that zone, a spread node's there (instance i in
 * zones[i mod n]; a database's role i of every shard), none of an unplaced node's. */
int node_servers_in(const Model *m, const Node *n, const char *zone, const char *region);

/* How a sentence names a node: as the board shows it (its label, else its id), or, for
 * text read beside tables of ids (reports, archsim-cli), the label with the id in
 * brackets: "Links DB (db)" (the id alone when there is no label or it is the id). */
typedef enum NodeNaming { NAMING_LABEL, NAMING_LABEL_AND_ID } NodeNaming;

/* What the board shows as node n's name: its label in the language shown, else its
 * label, else its id. And an edge's label as shown ("" when it has none). Never NULL. */
const char *node_label_shown(const Node *n);
const char *edge_label_shown(const Edge *e);
/* An edge as people read it, "Browsers → Load balancer": its ends as the board names them
 * (the id of an end that names no node); into out, returned. */
const char *edge_name(const Model *m, const Edge *e, char *out, size_t cap);

/* Node n's name as `how` says, into out (cut at a UTF-8 boundary to cap bytes), with
 * its label in the language shown (label_tr); returns out. */
const char *node_name(const Node *n, NodeNaming how, char *out, size_t cap);
/* The same with its label in `lang` (the scenario's translation of it, else the label):
 * for text written in a language, whatever language the model is shown in. */
const char *node_name_in(const Model *m, const Node *n, NodeNaming how, const char *lang, char *out, size_t cap);

#endif
