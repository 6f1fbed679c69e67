/*
 * shard.c - `--shard K/N` for run, sweep and compare, and `archsim-cli merge`: a job's
 * runs split over machines and folded back into the exact report one machine writes
 * (sim/shard.h, docs/analysis.md "Past one machine").
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/batch.h"
#include "sim/compare.h"
#include "sim/model_json.h"
#include "sim/replicate.h"
#include "sim/report.h"
#include "sim/requirements.h"
#include "sim/shard.h"
#include "sim/sweep.h"
#include "sim/util.h"

/* FNV-1a, 64 bits, of a file's bytes as hex ("" when it cannot be read). */
static void file_hash(const char *path, char out[17])
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        out[0] = 0;
        return;
    }
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= 0x100000001b3ull;
    }
    free(text);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

cJSON *cli_shard_args(const char *const *files, int n_files, const SimOptions *opt, int reps)
{
    cJSON *args = cJSON_CreateObject();
    cJSON *fs = cJSON_AddArrayToObject(args, "files");
    for (int i = 0; i < n_files; i++) {
        if (!files[i]) continue;
        cJSON *f = cJSON_CreateObject();
        char h[17];
        file_hash(files[i], h);
        cJSON_AddStringToObject(f, "path", files[i]);
        cJSON_AddStringToObject(f, "fnv1a64", h);
        cJSON_AddItemToArray(fs, f);
    }
    cJSON_AddNumberToObject(args, "duration_s", opt->duration_s);
    cJSON_AddNumberToObject(args, "warmup_s", opt->warmup_s);
    if (opt->has_seed) {
        char s[32];
        snprintf(s, sizeof s, "%llu", (unsigned long long)opt->seed);
        cJSON_AddStringToObject(args, "seed", s);
    } else {
        cJSON_AddNullToObject(args, "seed");
    }
    cJSON_AddNumberToObject(args, "replications", reps);
    return args;
}

static int run_cmp(const void *a, const void *b)
{
    const ShardRun *x = a, *y = b;
    return x->job - y->job;
}

void cli_shard_each(void *ctx, int design, int rep, const Model *m, const Results *r, const char *error)
{
    (void)m;
    Shard *s = ctx;
    shard_add_run(s, design * s->reps + rep, r, error);
}

bool cli_shard_write(Shard *s, cJSON *args, const char *path)
{
    char *a = cJSON_PrintUnformatted(args);
    cJSON_Delete(args);
    free(s->args);
    s->args = a;
    qsort(s->runs, (size_t)s->n_runs, sizeof *s->runs, run_cmp);
    char *text = shard_to_json(s);
    bool ok = cli_write(path, text);
    free(text);
    if (ok)
        fprintf(stderr, _("archsim-cli: shard %d/%d: %d of the %d runs written to %s; merge all %d with archsim-cli merge\n"),
                s->k, s->n, s->n_runs, s->n_jobs, path, s->n);
    return ok;
}

/* ---- merge -------------------------------------------------------------------------------- */

static void usage_merge(FILE *out)
{
    fprintf(out,
            _("usage: archsim-cli merge OUT.json SHARD.json... [--csv OUT] [--svg OUT] [--png OUT] [--quiet]\n"
            "       archsim-cli merge OUT.csv SHARD.csv...   (the shards of grade DIR --shard K/N)\n"
            "\n"
            "Fold the N shards of a run, sweep or compare made with --shard K/N (on one\n"
            "machine or many) into the report the command writes without --shard, byte for\n"
            "byte: OUT.json is its JSON report; the text report is printed (not with\n"
            "--quiet); --csv and --svg as the command's own. The input files named in the\n"
            "shards must be where they were, unchanged (their hashes are checked).\n"
            "\n"
            "exit codes: as the command's (run: 1 when a requirement fails), 2 bad input\n"));
}

typedef struct Args {
    const cJSON *root;
    SimOptions opt;
    int reps;
    const char *files[3];
    int n_files;
} Args;

static bool read_args(const char *text, Args *a)
{
    memset(a, 0, sizeof *a);
    a->opt = sim_options_default();
    cJSON *root = cJSON_Parse(text);
    if (!root) return false;
    a->root = root;
    const cJSON *fs = cJSON_GetObjectItemCaseSensitive(root, "files");
    const cJSON *f;
    cJSON_ArrayForEach(f, fs) {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(f, "path");
        const cJSON *h = cJSON_GetObjectItemCaseSensitive(f, "fnv1a64");
        if (!cJSON_IsString(p) || !cJSON_IsString(h) || a->n_files == 3) return false;
        char now[17];
        file_hash(p->valuestring, now);
        if (strcmp(now, h->valuestring) != 0) {
            fprintf(stderr,
                    now[0] ? _("archsim-cli merge: %s changed since the shards were made\n")
                           : _("archsim-cli merge: %s cannot be read since the shards were made\n"),
                    p->valuestring);
            return false;
        }
        a->files[a->n_files++] = p->valuestring;
    }
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(root, "duration_s");
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(root, "warmup_s");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "seed");
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(root, "replications");
    if (!cJSON_IsNumber(d) || !cJSON_IsNumber(w) || !cJSON_IsNumber(r)) return false;
    a->opt.duration_s = d->valuedouble;
    a->opt.warmup_s = w->valuedouble;
    if (cJSON_IsString(s)) {
        a->opt.seed = strtoull(s->valuestring, NULL, 10);
        a->opt.has_seed = true;
    }
    a->reps = (int)r->valuedouble;
    return a->n_files > 0 && a->reps >= 1;
}

/* Run job's results for model m (its shape and times), or NULL with a message. */
static Results *job_results(const Model *m, const SimOptions *opt, const ShardRun *run, int rep)
{
    if (!run) {
        fprintf(stderr, _("archsim-cli merge: a run is missing from the shards\n"));
        return NULL;
    }
    if (run->error) {
        fprintf(stderr, _("archsim-cli merge: a run could not run: %s\n"), run->error);
        return NULL;
    }
    double warmup = opt->warmup_s >= 0 ? opt->warmup_s : m->scenario.warmup_s;
    double duration = opt->duration_s > 0 ? opt->duration_s : m->scenario.duration_s;
    uint64_t seed = derive_seed(opt->has_seed ? opt->seed : m->scenario.seed, rep);
    Results *r = shard_run_results(m, run, warmup, duration, seed);
    if (!r) fprintf(stderr, _("archsim-cli merge: a run's figures do not fit the design (another version of archsim?)\n"));
    return r;
}

/* A design's summary from its runs (jobs first .. first + reps - 1). */
static Summary *fold(const Model *m, const SimOptions *opt, const ShardRun *const *by_job, int first, int reps)
{
    SummaryBuilder *b = summary_begin();
    for (int r = 0; r < reps; r++) {
        Results *x = job_results(m, opt, by_job[first + r], r);
        if (!x) {
            summary_destroy(summary_finish(b));
            return NULL;
        }
        summary_add(b, x);
        results_destroy(x);
    }
    Summary *s = summary_finish(b);
    results_find_bottleneck(m, s->mean);
    return s;
}

typedef struct Supply {
    const SimOptions *opt;
    const ShardRun *const *by_job;
    int reps;
} Supply;

static bool supply_point(void *ctx, int point, const Model *m, Summary **summary, char **error)
{
    Supply *s = ctx;
    *summary = fold(m, s->opt, s->by_job, point * s->reps, s->reps);
    if (!*summary) {
        const ShardRun *run = s->by_job[point * s->reps];
        *error = xstrdup(run && run->error ? run->error : "a run is missing");
        return false;
    }
    return true;
}

static int merge_run(const Args *a, const ShardRun *const *by_job, const char *out, const char *csv, bool quiet)
{
    Model *m = cli_load(a->files[0]);
    if (!m) return EXIT_USAGE;
    Summary *s = fold(m, &a->opt, by_job, 0, a->reps);
    int code = EXIT_USAGE;
    if (s) {
        bool ok = true;
        if (!quiet) {
            char *text = report_text(m, s);
            fputs(text, stdout);
            free(text);
        }
        char *text = report_json(m, s);
        ok &= cli_write(out, text);
        free(text);
        if (csv) {
            text = report_csv(m, s);
            ok &= cli_write(csv, text);
            free(text);
        }
        code = !ok ? EXIT_USAGE : report_passes(m, s) ? EXIT_OK : EXIT_FAILS;
        summary_destroy(s);
    }
    model_destroy(m);
    return code;
}

static int merge_sweep(const Args *a, const ShardRun *const *by_job, const char *out, const char *csv, const char *svg,
                       const char *png, bool quiet)
{
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(a->root, "kind");
    const cJSON *target = cJSON_GetObjectItemCaseSensitive(a->root, "target");
    const cJSON *values = cJSON_GetObjectItemCaseSensitive(a->root, "values");
    const cJSON *chart = cJSON_GetObjectItemCaseSensitive(a->root, "chart_type");
    if (!cJSON_IsNumber(kind) || !cJSON_IsArray(values)) return EXIT_USAGE;
    Model *m = cli_load(a->files[0]);
    if (!m) return EXIT_USAGE;
    int n = cJSON_GetArraySize(values);
    double *xs = xcalloc((size_t)n + 1, sizeof *xs);
    for (int i = 0; i < n; i++) xs[i] = cJSON_GetArrayItem(values, i)->valuedouble;
    Supply sup = {&a->opt, by_job, a->reps};
    SweepSpec spec = {.kind = (SweepKind)kind->valueint, .target = cJSON_IsString(target) ? target->valuestring : NULL,
                      .values = xs, .n_values = n, .reps = a->reps, .opt = a->opt, .supply = supply_point,
                      .supply_ctx = &sup};
    DiagList d;
    diag_init(&d, a->files[0]);
    Sweep *s = sweep_run(m, &spec, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    int code = EXIT_USAGE;
    if (s) {
        code = EXIT_OK;
        if (!quiet) {
            char *t = sweep_text(s);
            fputs(t, stdout);
            free(t);
        }
        int ct = cJSON_IsNumber(chart) && chart->valueint >= 0 ? chart->valueint : sweep_default_chart_type(s);
        char *outs[3] = {sweep_json(s), csv ? sweep_csv(s) : NULL, svg ? sweep_svg(s, ct) : NULL};
        const char *paths[3] = {out, csv, svg};
        for (int k = 0; k < 3; k++) {
            if (outs[k] && !cli_write(paths[k], outs[k])) code = EXIT_USAGE;
            free(outs[k]);
        }
        if (png) {
            char *chart_svg = sweep_svg(s, ct);
            if (!cli_svg_to_png(chart_svg, png, 2)) code = EXIT_USAGE;
            free(chart_svg);
        }
        sweep_destroy(s);
    }
    free(xs);
    model_destroy(m);
    return code;
}

static int merge_compare(const Args *a, const ShardRun *const *by_job, const char *out, bool quiet)
{
    const cJSON *na = cJSON_GetObjectItemCaseSensitive(a->root, "name_a");
    const cJSON *nb = cJSON_GetObjectItemCaseSensitive(a->root, "name_b");
    if (!cJSON_IsString(na) || !cJSON_IsString(nb) || a->n_files < 2) return EXIT_USAGE;
    Model *loaded[3] = {cli_load(a->files[0]), cli_load(a->files[1]), a->n_files > 2 ? cli_load(a->files[2]) : NULL};
    Model *ma = NULL, *mb = NULL;
    Results **runs = xcalloc((size_t)2 * a->reps + 1, sizeof *runs);
    int code = EXIT_USAGE;
    if (!loaded[0] || !loaded[1] || (a->n_files > 2 && !loaded[2])) goto out;
    const Model *src = a->n_files > 2 ? loaded[2] : loaded[0];
    DiagList d;
    diag_init(&d, NULL);
    ma = compare_with_scenario(loaded[0], src, &d);
    mb = compare_with_scenario(loaded[1], src, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    if (!ma || !mb) goto out;
    for (int i = 0; i < 2 * a->reps; i++)
        if (!(runs[i] = job_results(i < a->reps ? ma : mb, &a->opt, by_job[i], i % a->reps))) goto out;
    Comparison *c = compare_from_runs(ma, mb, na->valuestring, nb->valuestring, a->reps, runs);
    code = EXIT_OK;
    if (!quiet) {
        char *t = compare_text(c);
        fputs(t, stdout);
        free(t);
    }
    char *t = compare_json(c);
    if (!cli_write(out, t)) code = EXIT_USAGE;
    free(t);
    compare_destroy(c);
out:
    for (int i = 0; i < 2 * a->reps; i++) results_destroy(runs[i]);
    free(runs);
    for (int i = 0; i < 3; i++) model_destroy(loaded[i]);
    model_destroy(ma);
    model_destroy(mb);
    return code;
}

int cmd_merge(int argc, char **argv)
{
    const char *out = NULL, *csv = NULL, *svg = NULL, *png = NULL;
    const char **files = xcalloc((size_t)argc + 1, sizeof *files);
    int n = 0, used, code = EXIT_USAGE;
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_merge(stdout);
            free(files);
            return EXIT_OK;
        } else if ((used = cli_string_option(argc, argv, &i, "--csv", "a file name", &csv)) != 0 ||
                   (used = cli_string_option(argc, argv, &i, "--svg", "a file name", &svg)) != 0 ||
                   (used = cli_string_option(argc, argv, &i, "--png", "a file name", &png)) != 0) {
            if (used < 0) goto done;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, _("archsim-cli merge: unknown option '%s' (see --help)\n"), a);
            goto done;
        } else if (!out) {
            out = a;
        } else {
            files[n++] = a;
        }
    }
    if (!out || n == 0) {
        usage_merge(stderr);
        goto done;
    }
    size_t ol = strlen(out);
    if (ol > 4 && strcmp(out + ol - 4, ".csv") == 0) { /* a class's grades */
        code = cli_merge_class(out, files, n);
        goto done;
    }
    Shard **shards = xcalloc((size_t)n + 1, sizeof *shards);
    int loaded = 0;
    for (int i = 0; i < n; i++) {
        char *text = read_file(files[i], NULL);
        DiagList d;
        diag_init(&d, files[i]);
        shards[i] = text ? shard_from_json(text, &d) : NULL;
        if (!text) fprintf(stderr, _("archsim-cli merge: cannot read %s\n"), files[i]);
        diag_print(&d, stderr);
        diag_free(&d);
        free(text);
        if (!shards[i]) break;
        loaded++;
    }
    if (loaded == n) {
        DiagList d;
        diag_init(&d, NULL);
        int n_jobs = 0;
        const ShardRun **by_job = shard_gather(shards, n, &n_jobs, &d);
        diag_print(&d, stderr);
        diag_free(&d);
        Args a = {0};
        if (by_job && read_args(shards[0]->args, &a)) {
            const char *cmd = shards[0]->command;
            if (strcmp(cmd, "run") == 0) code = merge_run(&a, by_job, out, csv, quiet);
            else if (strcmp(cmd, "sweep") == 0) code = merge_sweep(&a, by_job, out, csv, svg, png, quiet);
            else if (strcmp(cmd, "compare") == 0) code = merge_compare(&a, by_job, out, quiet);
            else fprintf(stderr, _("archsim-cli merge: shards of an unknown command '%s'\n"), cmd);
        } else if (by_job) {
            fprintf(stderr, _("archsim-cli merge: the shards' options do not read\n"));
        }
        if (a.root) cJSON_Delete((cJSON *)a.root);
        free(by_job);
    }
    for (int i = 0; i < n; i++) shard_free(shards[i]);
    free(shards);
done:
    free(files);
    return code;
}

int cli_shard_batch(const char *command, Model *const *models, int n_designs, int reps, int jobs, const SimOptions *opt,
                    int k, int n, cJSON *args, const char *path)
{
    Shard *sh = xcalloc(1, sizeof *sh);
    sh->command = xstrdup(command);
    sh->k = k;
    sh->n = n;
    sh->reps = reps;
    sh->n_jobs = n_designs * reps;
    Summary **sums = xcalloc((size_t)n_designs + 1, sizeof *sums);
    char **errors = xcalloc((size_t)n_designs + 1, sizeof *errors);
    batch_run_shard(models, n_designs, reps, jobs, opt, k, n, cli_shard_each, sh, sums, errors);
    for (int i = 0; i < n_designs; i++) {
        summary_destroy(sums[i]);
        free(errors[i]);
    }
    free(sums);
    free(errors);
    bool ok = cli_shard_write(sh, args, path);
    shard_free(sh);
    return ok ? EXIT_OK : EXIT_USAGE;
}

int cli_shard_option(int argc, char **argv, int *i, int *k, int *n)
{
    if (strcmp(argv[*i], "--shard") != 0) return 0;
    if (*i + 1 >= argc || !shard_parse(argv[*i + 1], k, n)) {
        fprintf(stderr, _("archsim-cli: --shard needs K/N, 1 <= K <= N (e.g. 2/8), got '%s'\n"),
                *i + 1 < argc ? argv[*i + 1] : "");
        return -1;
    }
    (*i)++;
    return 1;
}
