/*
 * cli.h - the commands of archsim-cli and the option parsing they share.
 */
#ifndef ARCHSIM_CLI_H
#define ARCHSIM_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/engine.h"
#include "sim/model.h"

enum { EXIT_OK = 0, EXIT_FAILS = 1, EXIT_USAGE = 2 };

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_envelope(int argc, char **argv);

/* Load and validate FILE, printing every problem to stderr. NULL on failure. */
Model *cli_load(const char *path);

/* Parse a number option value; prints an error naming the option on failure. */
bool cli_number(const char *opt, const char *s, double lo, double hi, double *out);

/* The options run and grade share: --duration, --warmup, --seed, --replications,
 * --jobs (when `jobs` is not NULL) and --json. Returns 1 when argv[*i] was one of
 * them (*i then points at its value), 0 when it is not, -1 on a bad value (the
 * message is printed). */
int cli_sim_option(int argc, char **argv, int *i, SimOptions *opt, double *reps, double *jobs,
                   const char **json);

/* `--name VALUE`: returns 1 when argv[*i] is --name (VALUE in *out, *i at VALUE), 0 when
 * it is not, -1 when VALUE is missing (the message says it needs `what`). */
int cli_string_option(int argc, char **argv, int *i, const char *name, const char *what,
                      const char **out);

/* Any other argument of command `cmd`: the FILE (once). An unknown option or a second
 * file is reported; returns false then. */
bool cli_file_arg(const char *cmd, const char *a, const char **file);

/* Before a run of `reps` replications on `jobs` threads (0 = all cores): the work from
 * analytic_work(). More than a minute on this machine is announced on stderr ("about 3
 * min on this machine: 1.9 billion events"), and so is a retry storm's worst; more than
 * ANALYTIC_WORK_CEILING_S, or work with no bound, is refused with a message (false)
 * unless `force`. */
bool cli_work_check(const char *file, const Model *m, const SimOptions *opt, int reps, int jobs,
                    bool force);

/* The same verdict for work already counted (all replications): `events` taking
 * `wall_s` here, `failing` events in a retry storm taking `failing_s`. */
bool cli_work_verdict(const char *file, double events, double wall_s, double failing, double failing_s,
                      bool unbounded, bool force);

/* The work of one run of m with these options (analytic_work over its run time). */
#include "sim/analytic.h"
WorkEstimate cli_work_of(const Model *m, const SimOptions *opt);

int cmd_sweep(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* --shard K/N (shard.c): what shapes the runs (the files with their hashes, duration,
 * warm-up, seed, replications) as a JSON object the command adds its own options to; the
 * BatchEach that keeps a shard's runs (ctx: the Shard, its reps set); writing the shard
 * (args taken over, runs sorted). */
struct cJSON;
struct Shard;
struct Results;
struct cJSON *cli_shard_args(const char *const *files, int n_files, const SimOptions *opt, int reps);
void cli_shard_each(void *ctx, int design, int rep, const Model *m, const struct Results *r, const char *error);
bool cli_shard_write(struct Shard *s, struct cJSON *args, const char *path);
/* Shard K of N of models' runs, `reps` each, written to path with args (taken over). */
int cli_shard_batch(const char *command, Model *const *models, int n_designs, int reps, int jobs, const SimOptions *opt,
                    int k, int n, struct cJSON *args, const char *path);
/* grade DIR (grade_class.c): every .json design in dir graded (under scenario_file's
 * scenario when given), one CSV row each in file-name order, to csv (NULL: stdout);
 * merge of the shards' CSV files. */
bool cli_is_dir(const char *path);
int cli_grade_class(const char *dir, const char *scenario_file, const SimOptions *opt, int reps, int shard_k,
                    int shard_n, const char *csv, bool quiet, bool force);
int cli_merge_class(const char *out, const char *const *files, int n);

/* "--shard K/N": 1 when argv[*i] is it (*k, *n set), 0 when not, -1 on a bad value. */
int cli_shard_option(int argc, char **argv, int *i, int *k, int *n);

/* check's paragraph on the work of a run of the scenario as written. */
struct Estimate;
void cli_work_print(const Model *m, const struct Estimate *est);

/* An SVG drawn as a PNG at `scale` (librsvg), written atomically; false with a message. */
bool cli_svg_to_png(const char *svg, const char *path, double scale);

/* Write text to a file ("-" = stdout), atomically; prints an error on failure. */
bool cli_write(const char *path, const char *text);

#endif
