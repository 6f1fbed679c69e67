/*
 * replicate.h - independent replications of a run on several threads.
 *
 * Replication r uses seed derive_seed(seed, r) (r = 0 uses the seed itself, so one
 * replication equals a plain run). Results are combined in replication order, so
 * the summary does not depend on the number of threads.
 */
#ifndef SIM_REPLICATE_H
#define SIM_REPLICATE_H

#include "sim/diag.h"
#include "sim/engine.h"
#include "sim/model.h"
#include "sim/results.h"

/* The seed of replication r. */
uint64_t derive_seed(uint64_t seed, int r);

/* Run `reps` replications on `jobs` threads (0 = all cores). opt->progress, if set,
 * receives the overall fraction done and may be called from any worker thread
 * (serialised by a lock). Returns NULL with diagnostics on an invalid model. */
Summary *sim_replicate(const Model *m, const SimOptions *opt, int reps, int jobs, DiagList *d);

/* Number of online processors (at least 1). */
int cpu_count(void);

#endif
