/*
 * batch.h - many designs (the points of a sweep, the two sides of a comparison), each
 * run `reps` times, all the runs shared among threads. Replication r of every design
 * uses seed derive_seed(seed, r), as sim_replicate does, so the designs of a batch see
 * the same random numbers where they are alike (common random numbers), and a design's
 * figures are folded in replication order: nothing depends on the number of threads.
 */
#ifndef SIM_BATCH_H
#define SIM_BATCH_H

#include <stdbool.h>

#include "sim/engine.h"
#include "sim/model.h"
#include "sim/results.h"

/* Called with each finished run, under the batch's lock, in no particular order: its
 * results, or NULL and why it could not run or stopped. */
typedef void (*BatchEach)(void *ctx, int design, int rep, const Model *m, const Results *r, const char *error);

/* Run models[0..n) (a NULL model is skipped: its summary stays NULL) `reps` times each
 * on `jobs` threads (0 = every core). opt's seed (else each model's scenario seed),
 * duration, warm-up and cancel apply; opt->progress receives the fraction of runs done.
 * summaries[i] gets design i's summary (its bottleneck found), or NULL with errors[i]
 * (malloc'ed) saying why: the engine refused it, a run stopped with an error, or the
 * batch was cancelled ("cancelled"). Returns false when cancelled. */
bool batch_run(Model *const *models, int n, int reps, int jobs, const SimOptions *opt, BatchEach each, void *ctx,
               Summary **summaries, char **errors);

/* The same for shard K of N (shard.h): only the runs j = design * reps + rep with
 * j % N == K - 1; a design's summary then folds only those (each() is what a shard
 * keeps). batch_run is shard 1 of 1. */
bool batch_run_shard(Model *const *models, int n, int reps, int jobs, const SimOptions *opt, int shard_k, int shard_n,
                     BatchEach each, void *ctx, Summary **summaries, char **errors);

#endif
