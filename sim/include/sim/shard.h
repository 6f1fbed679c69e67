/*
 * shard.h - runs spread over many machines, merged back exactly.
 *
 * A command's runs (run --replications, sweep, compare: the designs of a batch, each
 * replicated; run j is design j / reps, replication j % reps) are split N ways:
 * `--shard K/N` computes the runs j with j % N == K - 1 and writes them to a shard file
 * (format "archsim-shard/1"): the command, its input files and the options that shape
 * the runs, and for each run every figure and series value exactly (hexadecimal floats).
 * `archsim-cli merge OUT SHARD...` checks that the N shards belong together and folds
 * the runs in order, so the merged report is byte-identical to the one the command writes
 * on one machine. Docs: docs/analysis.md ("Past one machine").
 */
#ifndef SIM_SHARD_H
#define SIM_SHARD_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/diag.h"
#include "sim/model.h"
#include "sim/results.h"

typedef struct ShardRun {
    int job;               /* design * reps + replication */
    int n_seconds;         /* the run's shape */
    double series_step_s;
    uint64_t events, refused;
    bool cancelled;
    size_t n_values;
    double *values;        /* results_flatten */
    char *error;           /* the run could not run or stopped with an error, or NULL */
} ShardRun;

typedef struct Shard {
    char *command;         /* "run", "sweep", "compare" */
    char *args;            /* what shapes the runs, as a JSON object (its files with their
                              hashes, the options): the same text in every shard of a job */
    int k, n;              /* shard K of N */
    int n_jobs;            /* runs in the whole batch */
    int reps;              /* replications per design (job = design * reps + rep; not
                              written: the args say it) */
    int n_runs;
    ShardRun *runs;        /* this shard's, in job order */
} Shard;

/* Parse "K/N" (1 <= K <= N <= 100000). */
bool shard_parse(const char *s, int *k, int *n);

/* Record a finished run (a copy: the caller keeps r). */
void shard_add_run(Shard *s, int job, const Results *r, const char *error);

char *shard_to_json(const Shard *s);
/* NULL with the reason in d (not a shard file, a value that does not read). */
Shard *shard_from_json(const char *text, DiagList *d);
void shard_free(Shard *s);

/* The N shards of one job in job order: checks that they are of one command with the same
 * args, K 1..N each once; returns the runs of all of them by job (an array of n_jobs
 * pointers into the shards, NULL where no shard had the job) or NULL with the reason. */
const ShardRun **shard_gather(Shard *const *shards, int n, int *n_jobs, DiagList *d);

/* A run back as results of model m's shape (its figures and series exactly). */
Results *shard_run_results(const Model *m, const ShardRun *run, double warmup_s, double duration_s, uint64_t seed);

#endif
