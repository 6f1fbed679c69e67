/*
 * sweep.h - one design at many loads (or many values of one field), and where it
 * breaks: the knee.
 *
 * A sweep runs the design at each value of what it varies: a multiplier of every
 * request type's load (open-loop rates, closed-loop users), one request type's rate,
 * or any number in the file by its path (`nodes.api.instances`, see sweep_set_path).
 * Each point runs `reps` replications (seeds derive_seed(seed, r), as sim_replicate),
 * on every core: the (point, replication) pairs are shared among the threads, and each
 * point's figures are folded in replication order, so the results never depend on the
 * number of threads.
 *
 * Then the knees, each found between two neighbouring points and placed by linear
 * interpolation between them (refined by bisection, new points run halfway, when
 * SweepSpec.refine asks):
 *   - each requirement: where it turns from pass to fail (the metric minus its limit
 *     crosses 0; docs/analysis.md);
 *   - throughput: where the successful requests per second fall below 98% of the
 *     offered rate;
 *   - saturation: where the busiest node's measured utilisation reaches 95%, and where
 *     the flow equations predict it reaches 100% (from the estimate of each point).
 * Docs: docs/analysis.md.
 */
#ifndef SIM_SWEEP_H
#define SIM_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/diag.h"
#include "sim/engine.h"
#include "sim/model.h"
#include "sim/results.h"
#include "sim/schema.h"

typedef enum SweepKind {
    SWEEP_LOAD,  /* x multiplies every request type's rate (closed loop: its users) */
    SWEEP_RATE,  /* x is one request type's rate_rps (closed loop: its users) */
    SWEEP_FIELD, /* x is the number at a path in the file */
} SweepKind;

/* The default load multipliers: 0.25x to 2x in steps of 0.25. */
#define SWEEP_DEFAULT_FROM 0.25
#define SWEEP_DEFAULT_TO 2.0
#define SWEEP_DEFAULT_STEP 0.25
/* At most this many points, refinements included. */
#define SWEEP_MAX_POINTS 1000
/* Throughput "stops following" the offered load below this share of it. */
#define SWEEP_THROUGHPUT_SHARE 0.98
/* A node counts as saturated from this measured utilisation. */
#define SWEEP_SATURATED_UTIL 0.95
/* The flow equations' knee: the busiest node's predicted utilisation at 100% as shown
 * (rounded: 99.95% and up, where a closed loop's users hold it however many they are). */
#define SWEEP_FULL_UTIL 0.9995

typedef struct SweepSpec {
    SweepKind kind;
    const char *target;   /* SWEEP_RATE: the request type; SWEEP_FIELD: the path */
    const double *values; /* the values of x, any order (sorted and deduplicated) */
    int n_values;
    int reps;             /* replications per point (at least 1) */
    int jobs;             /* threads, 0 = every core */
    int refine;           /* bisection steps per knee, 0 = interpolation only */
    SimOptions opt;       /* duration, warm-up, seed; progress (of the whole sweep, as
                             a fraction of its (point, replication) runs) and cancel */
    /* Past one machine (shard.h; refine must be 0): run only shard K of N of the
     * (point, replication) runs, each() receiving them (design = the point's index among
     * the sorted values); or, merging, take each point's summary from supply() instead of
     * running it (false with *error set: the point could not run). */
    int shard_k, shard_n;
    void (*each)(void *ctx, int design, int rep, const Model *m, const Results *r, const char *error);
    void *each_ctx;
    bool (*supply)(void *ctx, int point, const Model *m, Summary **summary, char **error);
    void *supply_ctx;
    /* Each run that finished with figures, with the x of its point, from the thread that ran
     * it (under the batch's lock, in no particular order): for a view that fills in while the
     * sweep runs. NULL: none. */
    void (*ran)(void *ctx, double x, int rep, const Model *m, const Results *r);
    void *ran_ctx;
} SweepSpec;

typedef struct SweepPoint {
    double x;
    bool refined;          /* added by bisection */
    char *error;           /* the point could not run (its model is invalid): why */
    double offered_rps;    /* all request types: the flow's throughput at this point */
    double *offered_type_rps; /* [n_types + 1]: the same per type, last all */
    double predicted_util; /* the flow's busiest node's utilisation (INFINITY: none) */
    int predicted_node;    /* that node, -1 */
    double *predicted_ms;  /* [n_types + 1]: the flow's mean latency per type, last all
                              types (weighted by rate); INFINITY when saturated */
    double cost_usd;       /* per month, the point's design */
    Summary *summary;      /* means and 95% half-widths of every figure; NULL on error */
    bool *pass;            /* [n_requirements], NULL on error */
    bool all_pass;
    int busiest;           /* measured: the run's bottleneck, else the node with the busiest
                              share of its slots, -1 */
    double busiest_util;   /* its busy share: its utilisation, or a database's primaries' or
                              replicas' when busier than its whole ... */
    int busiest_role;      /* ... and which: 0 the whole, 1 primaries, 2 replicas, 3 an
                              async node's in-flight places (the share of the window they
                              were all taken: its requests wait then though its slots idle),
                              4 a database's busiest server (a hot shard), 5 the slots
                              its queue's partitions let a consumer use */
} SweepPoint;

typedef enum KneeKind {
    KNEE_REQUIREMENT, /* a requirement turns from pass to fail */
    KNEE_THROUGHPUT,  /* successful throughput falls below 98% of the offered load */
    KNEE_SATURATION,  /* the busiest node's measured utilisation reaches 95% (or an async
                         node's in-flight places are all taken 95% of the time) */
    KNEE_PREDICTED,   /* the flow predicts a node at 100% (its slots, or its in-flight
                         places) */
} KneeKind;

typedef struct Knee {
    KneeKind kind;
    int requirement;  /* KNEE_REQUIREMENT: its index */
    int node;         /* KNEE_SATURATION / KNEE_PREDICTED: the node past the knee */
    int role;         /* KNEE_SATURATION: that node's busiest_role there (3: its in-flight
                         places, not its slots; 4: one of its servers; 5: the slots
                         partitions let it use) */
    bool found;       /* it happens between two points of the sweep */
    bool at_start;    /* already true at the first point and at every later one (found is false) */
    bool recovers;    /* found, the other way: true at the first point, no longer from x on (a
                         sweep of instances: a requirement that fails at 1 and holds from 3) */
    double x;         /* where (found) */
    double below, above; /* the neighbouring points it lies between (found) */
    int bisections;   /* refinement steps it took */
} Knee;

/* A requirement's limit as the chart draws it. */
typedef struct SweepLimit {
    bool latency;  /* a latency metric (ms) with a maximum */
    int type;      /* its request type, -1 all */
    double max;
} SweepLimit;

/* Requirement q of m as a sweep's chart draws it. */
SweepLimit sweep_limit_of(const Model *m, int q);

typedef struct Sweep {
    SweepKind kind;
    char *target;         /* as in the spec, or NULL */
    int reps;
    int n_types;          /* request types of the base model */
    char **type_names;    /* [n_types + 1], last "all" */
    int n_requirements;
    char **requirement_names; /* [n_requirements] requirement_describe, then the same in
                                 each other language (requirement_describe_langs) */
    SweepLimit *limits;   /* [n_requirements] */
    int n_nodes;
    char **node_names;    /* [n_nodes]: "label (id)", the label in the language shown */
    char **node_names_file; /* [n_nodes]: the same with the file's labels, for JSON */
    int n_points;
    SweepPoint *points;   /* ascending x */
    int n_knees;
    Knee *knees;
    bool whole;           /* x takes whole values (instances, workers, a closed loop's users):
                             a knee is at the first point past it, bisections stay whole */
    bool cancelled;
} Sweep;

/* Parse a list of values: "FROM:TO:STEP" (both ends included, at most SWEEP_MAX_POINTS)
 * or "A,B,C". False with a message in err. *values is malloc'ed. */
bool sweep_parse_values(const char *s, double **values, int *n, char *err, size_t cap);

/* Set the number at `path` in the diagram's JSON (a cJSON object) to v. A path is keys
 * separated by dots; an array element is [index] or, in an array of objects, the
 * element whose "id" (nodes, edges) or "name" (request types) is the key:
 * `nodes.api.instances`, `edges[2].latency_ms`, `scenario.requests.read.rate_rps`,
 * `nodes.db.service_ms.mean`. The last key may be missing (it is added); the value
 * before it must exist. False with a message naming the part of the path that fails. */
struct cJSON;
bool sweep_set_path(struct cJSON *doc, const char *path, double v, char *err, size_t cap);

/* True when the number at `path` is a whole-number field of the format (instances,
 * workers, retries, a closed loop's users: the schema's tables say which). */
bool sweep_path_is_whole(const char *path);

/* The number at `path` in model m as it stands, defaults included (nodes.api.instances
 * of a node that does not write it is its kind's default): true with *out set, for a
 * node's, an edge's, a request type's, an autoscale policy's and the scenario's own
 * numbers; false for other paths (a distribution's parameters). */
bool sweep_path_value(const Model *m, const char *path, double *out);
/* The node (its index) or edge (n_nodes + its index) whose own field `path` names
 * ("nodes.api.workers", "edges[2].latency_ms"), that field into *field; -1 for any other
 * path (the scenario's, an autoscale's, one that leads nowhere). */
int sweep_path_element(const Model *m, const char *path, const FieldDesc **field);

/* The points a list of values makes: sorted, repeats dropped (*out malloc'ed); returns
 * how many. The points of a sweep are numbered in this order. */
int sweep_points(const double *values, int n, double **out);

/* The model at x (a new model, or NULL with the reason in d). */
Model *sweep_model_at(const Model *base, SweepKind kind, const char *target, double x, DiagList *d);

/* Run the sweep. NULL with diagnostics when the spec cannot apply to the model (no such
 * request type, a path that does not lead to a number, no values). A point whose model
 * is invalid is kept with its error; the others run. */
Sweep *sweep_run(const Model *m, const SweepSpec *spec, DiagList *d);
void sweep_destroy(Sweep *s);

/* What x is, for a person: "load multiplier", "read rate_rps", the path. */
const char *sweep_x_label(const Sweep *s, char *out, size_t cap);
/* The same in `lang` (tr.h: "ru", "uk"; NULL English), for a screen. */
const char *sweep_x_label_in(const Sweep *s, const char *lang, char *out, size_t cap);
/* A knee in words: "redirect p99 <= 60 ms fails from 1.38x (between 1.25x and 1.5x)". */
char *sweep_knee_text(const Sweep *s, const Knee *k);
/* The same in `lang` (the JSON keeps the English text). Caller frees. */
char *sweep_knee_text_in(const Sweep *s, const Knee *k, const char *lang);

/* Reports: a text table with the knees, JSON (format "archsim-sweep/1", deterministic:
 * docs/analysis.md), CSV (one row per point and request type), and the chart of one
 * request type (type = n_types: all) as SVG: p50/p99 with their 95% bands and the
 * flow's predicted mean against x, throughput and errors below, the requirements'
 * limits and the knees marked. */
char *sweep_text(const Sweep *s);
char *sweep_json(const Sweep *s);
char *sweep_csv(const Sweep *s);
char *sweep_svg(const Sweep *s, int type);
/* The type a chart shows by default: that of the first latency requirement on one
 * request type, else all types together (n_types). */
int sweep_default_chart_type(const Sweep *s);

#endif
