/*
 * engine.h - the discrete-event simulator.
 *
 * An Engine is made from a validated model and runs it: the scenario's traffic is
 * generated at the clients and travels the call trees of DESIGN.md section 4 (see
 * docs/semantics.md). One engine is one single-threaded run; replications run
 * several engines on several threads (sim/replicate.h).
 */
#ifndef SIM_ENGINE_H
#define SIM_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/diag.h"
#include "sim/model.h"
#include "sim/results.h"

typedef struct SimOptions {
    double duration_s;  /* < 0: the scenario's */
    double warmup_s;    /* < 0: the scenario's */
    bool has_seed;      /* false: the scenario's seed */
    uint64_t seed;
    /* Called from the running thread about every 1% of simulated time, and at least
     * every ENGINE_PROGRESS_EVENTS events whatever the simulated time does; frac in
     * [0,1]. */
    void (*progress)(void *ctx, double frac);
    void *progress_ctx;
    /* When set, called just before each progress call (same thread): the run's results
     * so far, whose first `rows` series rows are complete (its figures are not: they are
     * written when the run ends). For charts that fill in while a long run goes on; r
     * is the engine's and must not be kept or changed. sim_replicate passes it to its
     * first replication only. Reading it changes nothing in the run. */
    void (*partial)(void *ctx, const Results *r, int rows);
    void *partial_ctx;
    /* Polled every ENGINE_CHECK_EVENTS events (a few milliseconds of work), whatever
     * the simulated time does; when it becomes non-zero the run stops early with
     * Results.cancelled set. sim_replicate also stops starting replications. */
    const volatile int *cancel;
    /* More events than this at one simulated instant stop the run with an error
     * (Results.error) naming the nodes that handled most of them: work that takes no
     * time in a cycle would otherwise never end. 0: ENGINE_INSTANT_BUDGET; at least
     * 65536. */
    uint64_t instant_budget;
    /* Trace one request of this type (index in scenario.requests; -1 = none): the
     * first one born at or after trace_at_s (< 0: when the warm-up ends). */
    int trace_request;
    double trace_at_s;
} SimOptions;

/* Events at one simulated instant beyond which a run stops (SimOptions.instant_budget):
 * 2^24, four per request the engine can hold at once (the safety valve), so that
 * even the largest legitimate burst at one instant fits. About 2 s of work. */
#define ENGINE_INSTANT_BUDGET (UINT64_C(1) << 24)
/* How often the cancel flag is read, and the least often progress is reported. */
#define ENGINE_CHECK_EVENTS (UINT64_C(1) << 16)
#define ENGINE_PROGRESS_EVENTS (UINT64_C(1) << 20)

typedef struct Engine Engine;

/* Defaults: scenario duration, warm-up and seed; no progress, no cancel. */
SimOptions sim_options_default(void);

/* Build an engine for `m` (which must pass model_validate). The engine keeps its own
 * copy of what it needs; `m` may change or be freed afterwards. Returns NULL and
 * appends to `d` when the model cannot be simulated (e.g. an impossible
 * distribution). */
Engine *engine_create(const Model *m, const SimOptions *opt, DiagList *d);
void engine_destroy(Engine *e);

/* Run to the end (or until cancelled, or until it stops with Results.error). Returns
 * the results, owned by the caller. */
Results *engine_run(Engine *e);

/* Convenience: create, run, destroy. NULL (with diagnostics) on an invalid model, or
 * when the run stopped with an error (Results.error, as a diagnostic at the path of
 * the node most involved). */
Results *sim_run(const Model *m, const SimOptions *opt, DiagList *d);

/* When r stopped with an error, append it to d (at the path of the node most
 * involved) and return true; else false. Used by sim_run and sim_replicate. */
bool results_take_error(Results *r, DiagList *d);

#endif
