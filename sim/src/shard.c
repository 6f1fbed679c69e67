/*
 * shard.c - shard files: a part of a batch of runs, every figure exact (shard.h).
 */
#include "sim/shard.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/model_json.h"
#include "sim/util.h"

bool shard_parse(const char *s, int *k, int *n)
{
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10);
    if (end == s || *end != '/' || errno) return false;
    const char *t = end + 1;
    long b = strtol(t, &end, 10);
    if (end == t || *end || errno) return false;
    if (b < 1 || b > 100000 || a < 1 || a > b) return false;
    *k = (int)a;
    *n = (int)b;
    return true;
}

void shard_add_run(Shard *s, int job, const Results *r, const char *error)
{
    s->runs = xrealloc(s->runs, ((size_t)s->n_runs + 1) * sizeof *s->runs);
    ShardRun *x = &s->runs[s->n_runs++];
    memset(x, 0, sizeof *x);
    x->job = job;
    if (error || !r) {
        x->error = xstrdup(error ? error : "the run did not happen");
        return;
    }
    x->n_seconds = r->n_seconds;
    x->series_step_s = r->series_step_s;
    x->events = r->events;
    x->refused = r->refused;
    x->cancelled = r->cancelled;
    x->n_values = results_flat_len(r);
    x->values = xmalloc((x->n_values + 1) * sizeof *x->values);
    results_flatten(r, x->values);
}

/* Values as hexadecimal floats (exact; "nan", "inf" as C writes them), space-separated. */
static char *values_text(const double *v, size_t n)
{
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < n; i++) sb_printf(&b, i ? " %a" : "%a", v[i]);
    return sb_take(&b);
}

static bool values_read(const char *t, double *v, size_t n)
{
    const char *p = t;
    for (size_t i = 0; i < n; i++) {
        char *end;
        v[i] = strtod(p, &end);
        if (end == p) return false;
        p = end;
    }
    while (*p == ' ') p++;
    return *p == 0;
}

char *shard_to_json(const Shard *s)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "archsim-shard/1");
    cJSON_AddStringToObject(root, "command", s->command);
    cJSON *args = cJSON_Parse(s->args);
    cJSON_AddItemToObject(root, "args", args ? args : cJSON_CreateObject());
    cJSON *sh = cJSON_AddArrayToObject(root, "shard");
    cJSON_AddItemToArray(sh, cJSON_CreateNumber(s->k));
    cJSON_AddItemToArray(sh, cJSON_CreateNumber(s->n));
    cJSON_AddNumberToObject(root, "jobs", s->n_jobs);
    cJSON *runs = cJSON_AddArrayToObject(root, "runs");
    for (int i = 0; i < s->n_runs; i++) {
        const ShardRun *x = &s->runs[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "job", x->job);
        if (x->error) {
            cJSON_AddStringToObject(o, "error", x->error);
        } else {
            char num[32];
            cJSON_AddNumberToObject(o, "seconds", x->n_seconds);
            cJSON_AddNumberToObject(o, "series_step_s", x->series_step_s);
            snprintf(num, sizeof num, "%llu", (unsigned long long)x->events);
            cJSON_AddStringToObject(o, "events", num);
            snprintf(num, sizeof num, "%llu", (unsigned long long)x->refused);
            cJSON_AddStringToObject(o, "refused", num);
            cJSON_AddBoolToObject(o, "cancelled", x->cancelled);
            cJSON_AddNumberToObject(o, "n_values", (double)x->n_values);
            char *t = values_text(x->values, x->n_values);
            cJSON_AddStringToObject(o, "values", t);
            free(t);
        }
        cJSON_AddItemToArray(runs, o);
    }
    char *out = json_print_exact(root, false); /* series_step_s and the counts as they are */
    cJSON_Delete(root);
    char *with_nl = xasprintf("%s\n", out);
    free(out);
    return with_nl;
}

static bool whole(const cJSON *j, double lo, double hi, int *out)
{
    if (!cJSON_IsNumber(j) || j->valuedouble != floor(j->valuedouble) || j->valuedouble < lo || j->valuedouble > hi)
        return false;
    *out = (int)j->valuedouble;
    return true;
}

Shard *shard_from_json(const char *text, DiagList *d)
{
    cJSON *root = cJSON_Parse(text);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!root || !cJSON_IsString(fmt) || strcmp(fmt->valuestring, "archsim-shard/1") != 0) {
        diag_add(d, "format", "not a shard file (format \"archsim-shard/1\", written by --shard K/N)");
        cJSON_Delete(root);
        return NULL;
    }
    Shard *s = xcalloc(1, sizeof *s);
    const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(root, "command");
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(root, "args");
    const cJSON *sh = cJSON_GetObjectItemCaseSensitive(root, "shard");
    const cJSON *runs = cJSON_GetObjectItemCaseSensitive(root, "runs");
    bool ok = cJSON_IsString(cmd) && cJSON_IsObject(args) && cJSON_IsArray(sh) && cJSON_GetArraySize(sh) == 2 &&
              whole(cJSON_GetArrayItem(sh, 0), 1, 100000, &s->k) && whole(cJSON_GetArrayItem(sh, 1), 1, 100000, &s->n) &&
              s->k <= s->n && whole(cJSON_GetObjectItemCaseSensitive(root, "jobs"), 0, 1e9, &s->n_jobs) &&
              cJSON_IsArray(runs);
    if (!ok) {
        diag_add(d, "", "a shard file without its command, args, shard [K, N], jobs or runs");
        shard_free(s);
        cJSON_Delete(root);
        return NULL;
    }
    s->command = xstrdup(cmd->valuestring);
    s->args = cJSON_PrintUnformatted(args);
    int i = 0;
    const cJSON *o;
    cJSON_ArrayForEach(o, runs) {
        ShardRun x = {0};
        char path[64];
        snprintf(path, sizeof path, "runs[%d]", i++);
        const cJSON *err = cJSON_GetObjectItemCaseSensitive(o, "error");
        if (!whole(cJSON_GetObjectItemCaseSensitive(o, "job"), 0, s->n_jobs - 1, &x.job)) {
            diag_add(d, path, "a run without its job number");
            ok = false;
            break;
        }
        if (cJSON_IsString(err)) {
            x.error = xstrdup(err->valuestring);
        } else {
            const cJSON *vals = cJSON_GetObjectItemCaseSensitive(o, "values");
            const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "events");
            const cJSON *rf = cJSON_GetObjectItemCaseSensitive(o, "refused");
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "series_step_s");
            int nv = 0;
            if (!whole(cJSON_GetObjectItemCaseSensitive(o, "seconds"), 0, 1e9, &x.n_seconds) ||
                !whole(cJSON_GetObjectItemCaseSensitive(o, "n_values"), 0, 1e9, &nv) || !cJSON_IsString(vals) ||
                !cJSON_IsString(ev) || !cJSON_IsString(rf) || !cJSON_IsNumber(st)) {
                diag_add(d, path, "a run without its figures");
                ok = false;
                break;
            }
            x.series_step_s = st->valuedouble;
            x.events = strtoull(ev->valuestring, NULL, 10);
            x.refused = strtoull(rf->valuestring, NULL, 10);
            x.cancelled = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "cancelled"));
            x.n_values = (size_t)nv;
            x.values = xmalloc((x.n_values + 1) * sizeof *x.values);
            if (!values_read(vals->valuestring, x.values, x.n_values)) {
                diag_add(d, path, "its values do not read as %zu numbers", x.n_values);
                free(x.values);
                ok = false;
                break;
            }
        }
        s->runs = xrealloc(s->runs, ((size_t)s->n_runs + 1) * sizeof *s->runs);
        s->runs[s->n_runs++] = x;
    }
    cJSON_Delete(root);
    if (!ok) {
        shard_free(s);
        return NULL;
    }
    return s;
}

void shard_free(Shard *s)
{
    if (!s) return;
    for (int i = 0; i < s->n_runs; i++) {
        free(s->runs[i].values);
        free(s->runs[i].error);
    }
    free(s->runs);
    free(s->command);
    free(s->args);
    free(s);
}

const ShardRun **shard_gather(Shard *const *shards, int n, int *n_jobs, DiagList *d)
{
    if (n < 1) {
        diag_add(d, "", "no shards to merge");
        return NULL;
    }
    const Shard *s0 = shards[0];
    bool *seen = xcalloc((size_t)s0->n + 1, sizeof *seen);
    for (int i = 0; i < n; i++) {
        const Shard *s = shards[i];
        if (strcmp(s->command, s0->command) != 0 || strcmp(s->args, s0->args) != 0 || s->n != s0->n ||
            s->n_jobs != s0->n_jobs) {
            diag_add(d, "", "shard %d/%d is of another job than shard %d/%d (command, files or options differ)", s->k,
                     s->n, s0->k, s0->n);
            free(seen);
            return NULL;
        }
        if (seen[s->k]) {
            diag_add(d, "", "shard %d/%d is given twice", s->k, s->n);
            free(seen);
            return NULL;
        }
        seen[s->k] = true;
    }
    for (int k = 1; k <= s0->n; k++)
        if (!seen[k]) {
            diag_add(d, "", "shard %d/%d is missing: every one of the %d is needed", k, s0->n, s0->n);
            free(seen);
            return NULL;
        }
    free(seen);
    const ShardRun **by_job = xcalloc((size_t)s0->n_jobs + 1, sizeof *by_job);
    for (int i = 0; i < n; i++)
        for (int r = 0; r < shards[i]->n_runs; r++) by_job[shards[i]->runs[r].job] = &shards[i]->runs[r];
    *n_jobs = s0->n_jobs;
    return by_job;
}

Results *shard_run_results(const Model *m, const ShardRun *run, double warmup_s, double duration_s, uint64_t seed)
{
    Results *r = results_create(m, run->n_seconds);
    r->series_step_s = run->series_step_s;
    if (results_flat_len(r) != run->n_values) {
        results_destroy(r);
        return NULL;
    }
    results_unflatten(r, run->values);
    r->warmup_s = warmup_s;
    r->duration_s = duration_s;
    r->seed = seed;
    r->events = run->events;
    r->refused = run->refused;
    r->cancelled = run->cancelled;
    return r;
}
