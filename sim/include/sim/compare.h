/*
 * compare.h - is design B better than design A, or is that noise?
 *
 * Both designs run under one scenario (A's by default) for the same replications with
 * the same seeds (common random numbers: replication r of each uses derive_seed(seed,
 * r), so where the designs are alike they see the same arrivals and service times and
 * their difference is sharp). Each figure's difference B - A is the mean of the
 * per-replication differences with its 95% confidence half-width (paired Student t,
 * reps - 1 degrees of freedom); it is significant when that interval leaves out 0.
 * Docs: docs/analysis.md.
 */
#ifndef SIM_COMPARE_H
#define SIM_COMPARE_H

#include <math.h>
#include <stdbool.h>

#include "sim/batch.h"
#include "sim/diag.h"
#include "sim/engine.h"
#include "sim/model.h"
#include "sim/tr.h"

typedef enum CompareFig {
    CMP_P50_MS,
    CMP_P99_MS,
    CMP_MEAN_MS,
    CMP_THROUGHPUT_RPS,
    CMP_ERROR_RATE,
    CMP_FIG_COUNT
} CompareFig;

typedef struct Difference {
    bool measured;      /* both designs have the figure in every replication */
    double a, a_half;   /* A's mean over the replications and its 95% half-width (NAN
                           when A lacks the figure in a replication; so for B) */
    double b, b_half;
    double diff;        /* B - A */
    double diff_half;   /* its 95% half-width (NAN with one replication) */
    bool significant;   /* the interval diff +- diff_half leaves out 0 */
    bool quantile;      /* a quantile (p50, p99): it moves in steps of a histogram bucket,
                           hist_resolution() of its value (about 0.54% of it) */
} Difference;

/* Whether a half-width of d says less than it seems to: a quantile whose runs all fell
 * in one histogram bucket has a half-width of 0, which is not a figure known to 0 ms; it
 * is shown as "< " and the bucket's width at `value` (the figure, or the larger of A and
 * B for the difference). */
static inline bool difference_below_resolution(const Difference *d, double half)
{
    return d->quantile && half == 0;
}

/* An exact difference: of a figure no replication moves (the cost per month), so it has
 * no half-widths to show. */
static inline bool difference_exact(const Difference *d) { return d->diff_half == 0 && !isfinite(d->a_half); }

/* Whether a difference reads as so many times A ("B worse: 3 times A"): B past twice A,
 * where "worse by 200%" tells little. The CLI and the app say it alike. */
static inline bool difference_as_ratio(const Difference *d) { return d->a > 0 && d->b > 2 * d->a; }

/* Of an unmeasured difference, the side that lacks the figure: 'A', 'B', or 0 for both. */
static inline char difference_lacking(const Difference *d)
{
    return isfinite(d->a) ? 'B' : isfinite(d->b) ? 'A' : 0;
}

typedef struct Comparison {
    int reps;
    char *name_a, *name_b;
    int n_types;               /* request types of the scenario */
    char **type_names;         /* [n_types + 1], last "all" */
    Difference (*types)[CMP_FIG_COUNT]; /* [n_types + 1] */
    int n_requirements;
    char **requirement_names;  /* [n_requirements] */
    Difference *requirements;  /* [n_requirements]: the requirement's figure */
    Metric *req_metric;        /* [n_requirements] */
    bool *req_lower_better;    /* [n_requirements]: it sets a maximum */
    bool *pass_a, *pass_b;     /* [n_requirements]: on the mean, as grade judges */
    bool all_pass_a, all_pass_b;
    double cost_a_usd, cost_b_usd; /* per month */
    Difference cost_per_month;     /* the same as a difference: exact, no half-widths
                                      (NAN), significant when the costs differ */
    Difference cost_per_million;   /* USD per million successful requests */
    char *bottleneck_a, *bottleneck_b; /* "label (id)" in the language shown, or NULL */
    char *bottleneck_file_a, *bottleneck_file_b; /* the same with the file's labels, for JSON */
    char *why_a, *why_b;       /* the bottleneck sentences, or NULL */
    char *why_in[2][TR_N_LANGS]; /* the same for people, in each of tr_langs (A, then B) */
} Comparison;

/* `design` under the scenario of `scenario_from` (a new model), or NULL with the
 * reasons in d (the scenario sends from a client the design does not have, ...). */
Model *compare_with_scenario(const Model *design, const Model *scenario_from, DiagList *d);

/* Run both (already under one scenario) `reps` times on `jobs` threads (0 = every core).
 * NULL with diagnostics when either cannot run. */
Comparison *compare_run(const Model *a, const Model *b, const char *name_a, const char *name_b, const SimOptions *opt,
                        int reps, int jobs, DiagList *d);
/* compare_run, giving each finished run to ran() as well (design 0 is A), from the thread
 * that ran it, under the batch's lock: for a view that fills in while it runs. */
Comparison *compare_run_each(const Model *a, const Model *b, const char *name_a, const char *name_b,
                             const SimOptions *opt, int reps, int jobs, BatchEach ran, void *ran_ctx, DiagList *d);
void compare_destroy(Comparison *c);

/* Past one machine (shard.h): shard K of N of the runs (job = design * reps + rep, A is
 * design 0), each given to each(); returns NULL (no comparison), with diagnostics when a
 * run failed. */
struct Results;
Comparison *compare_run_shard(const Model *a, const Model *b, const char *name_a, const char *name_b,
                              const SimOptions *opt, int reps, int jobs, int shard_k, int shard_n,
                              void (*each)(void *ctx, int design, int rep, const Model *m, const struct Results *r,
                                           const char *error),
                              void *each_ctx, DiagList *d);
/* The comparison from every run: runs[design * reps + rep], A's first (merging shards). */
Comparison *compare_from_runs(const Model *a, const Model *b, const char *name_a, const char *name_b, int reps,
                              struct Results *const *runs);

/* The side by side table (per request type, per requirement, cost), deltas with their
 * CIs and a verdict per line; JSON (format "archsim-compare/1", deterministic). */
char *compare_text(const Comparison *c);
char *compare_json(const Comparison *c);

#endif
