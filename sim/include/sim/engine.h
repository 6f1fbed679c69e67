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
    /* Called about every 1% of simulated time from the running thread; frac in [0,1]. */
    void (*progress)(void *ctx, double frac);
    void *progress_ctx;
    /* Polled with the progress; when it becomes non-zero the run stops early. */
    const volatile int *cancel;
    /* Trace one request of this type (index in scenario.requests; -1 = none): the
     * first one born at or after trace_at_s (< 0: when the warm-up ends). */
    int trace_request;
    double trace_at_s;
} SimOptions;

typedef struct Engine Engine;

/* Defaults: scenario duration, warm-up and seed; no progress, no cancel. */
SimOptions sim_options_default(void);

/* Build an engine for `m` (which must pass model_validate). The engine keeps its own
 * copy of what it needs; `m` may change or be freed afterwards. Returns NULL and
 * appends to `d` when the model cannot be simulated (e.g. an impossible
 * distribution). */
Engine *engine_create(const Model *m, const SimOptions *opt, DiagList *d);
void engine_destroy(Engine *e);

/* Run to the end (or until cancelled). Returns the results, owned by the caller. */
Results *engine_run(Engine *e);

/* Convenience: create, run, destroy. NULL (with diagnostics) on an invalid model. */
Results *sim_run(const Model *m, const SimOptions *opt, DiagList *d);

#endif
