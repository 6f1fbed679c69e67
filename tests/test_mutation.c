/*
 * test_mutation.c - every preset and starter with its numbers changed: each numeric
 * field of each node, edge (and its circuit breaker), request type, requirement and
 * event, and the scenario's duration, warm-up and seed, present in the file or not, set
 * to its documented minimum and maximum (the schema.h tables), zero, just outside the
 * range, and extremes (1e9, 1e15, 1e308, -1, 1e-9, 0.5); a few fields together at their
 * maximum where their product matters (instances x workers, instances x max_inflight,
 * shards x replicas x pool, fan-out x retries, 10^8 closed-loop users, a retry storm);
 * and the CLI's run options at the ends of their ranges (--duration 0.001 and 10^7,
 * --warmup 10^7, --replications 10000). Each preset is also run long (LONG_RUN times
 * about RUN_REQUESTS requests) as written and with every timeout at its maximum: its
 * live heap at the end may not exceed a short run's by more than GROWTH_LIMIT_MB
 * (memory follows the work in flight, not the simulated time: DESIGN.md section 4).
 *
 * Each mutant must end in one of two ways:
 *  - refused, as `archsim-cli` exits 2: model_from_json reports an error whose path is
 *    the mutated field or lies under it, or is in the mutated object with the field's
 *    name in the message. A value outside its documented range must be refused.
 *  - run within bounded time and memory, in a process of its own (this program again,
 *    with --run-mutant): a short run (about RUN_REQUESTS requests of the file's own
 *    traffic, at most RUN_MAX_S measured after a warm-up of a fifth of that, the
 *    scenario's events compressed into it), then the report and the grade. The engine has
 *    no event budget for a whole run, so the run is cancelled (SimOptions.cancel, from the
 *    progress callback) after SOFT_S of its CPU time; a run still going at HARD_S of CPU
 *    time, or WALL_BACKSTOP times that of wall time ("did not finish within budget"), one
 *    holding more than RSS_LIMIT_MB, a crash, an abort, a sanitizer
 *    report or a leak (LeakSanitizer, at the child's exit) is a failure.
 *
 * The test tries a sample, to stay well under a minute: every mutant whose hash (fixed
 * seed) falls in one of SAMPLE_EVERY buckets, and in every class of mutants (a field of a
 * node kind or element, and a value: "node:cache.hit_ratio=1") the one with the smallest
 * hash, so each field meets each of its values at least once. The selection of a mutant
 * never depends on the others. ARCHSIM_MUTATION_ALL=1 tries all of them,
 * ARCHSIM_MUTATION_ONLY='<fnmatch pattern>' those whose name matches ("<file> <path>=<v>"),
 * ARCHSIM_MUTATION_VERBOSE=1 prints every outcome, ARCHSIM_MUTATION_DUMP=<dir> writes
 * every failing mutant there as a diagram file.
 *
 * Known failures: defects this test found that are being fixed in sim/src are listed in
 * known[] below with the defect each reproduces. See docs/testing.md.
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim/analytic.h"
#include "sim/engine.h"
#include "sim/grade.h"
#include "sim/model_json.h"
#include "sim/replicate.h"
#include "sim/report.h"
#include "sim/schema.h"
#include "sim/util.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#if SANITIZED
/* the sanitizer runtime's (sanitizer/allocator_interface.h, which gcc does not install) */
size_t __sanitizer_get_current_allocated_bytes(void);
#else
#include <malloc.h>
#endif

#define SCALE (SANITIZED ? 3.0 : 1.0) /* the sanitizer build runs about 3x slower */
#define RUN_REQUESTS 2000.0           /* requests of the file's traffic in one run window */
#define RUN_MAX_S 0.05                /* measured window at most, in simulated seconds */
#define SOFT_S (0.25 * SCALE)         /* CPU time after which a run is cancelled */
#define HARD_S (1.0 * SCALE)          /* a run still going then did not finish */
#define WALL_BACKSTOP 20.0            /* x HARD_S of wall time: a run that waits, not works */
#define RSS_LIMIT_MB (SANITIZED ? 3072 : 1024) /* the engine's JOB_LIMIT alone is ~500 MB */
#define LONG_RUN 50                   /* a long run is this many windows */
#define GROWTH_SOFT_S (3.0 * SCALE)   /* a short and a long run are cancelled after this */
#define GROWTH_HARD_S (5.0 * SCALE)
#define GROWTH_LIMIT_MB 8.0           /* live heap a long run may add to a short one */
#define SAMPLE_EVERY 20               /* about one mutant in this many is tried */
#define SAMPLE_SEED 0x61726368u       /* "arch": change it and known[] may need care */

/* ---- known failures ----------------------------------------------------------------
 * fnmatch patterns over mutant names ("<file> <path>=<value>"; '[[]' is a literal '[')
 * and the defect each reproduces, found by this test and being fixed in sim/src. A
 * failing mutant that matches is counted as known, not as a failure. An entry none of
 * whose mutants failed is reported at the end: delete it with the fix (entries that
 * reproduce only under UBSan are reported only there; those that depend on the machine's
 * speed never are). */
typedef enum Repro {
    REPRO_ALWAYS,
    REPRO_UBSAN,  /* a signed overflow: silent without UBSan */
    REPRO_TIMING, /* a cancel that comes late: fails when the machine is slow or busy */
} Repro;

typedef struct Known {
    const char *pattern;
    const char *defect;
    Repro repro;
} Known;

static const Known known[] = {
    /* One call's fan-out of 10^7 (the format's maximum) is made in one handler: up to the
     * engine's job limit (4M jobs, 500 MB; 640 MB with 100 retries) before the next
     * cancel poll, which comes 0.3-0.5 s late: scenarios/chat-websocket.json
     * edges[5].fanout=10000000+retries=100. Found by this test and fixed since (main:
     * daa6f0b, 94aa0a0, a5b6da4, cab63fe): int overflows of slots and in-flight limits,
     * a cancel polled only every 1% of simulated time, 10^8 users queued up front,
     * answered calls' timeouts kept until due, 10,000 replications built up front. */
    {"* edges[[]*[]].fanout=10000000*",
     "engine: a fan-out of 10^7 fills the job limit (4M jobs, 500-640 MB) in one handler, "
     "and the cancel comes 0.3-0.5 s late", REPRO_TIMING},
    {NULL, NULL, REPRO_ALWAYS},
};

/* Per entry of known[]: mutants that matched it, and of them those that failed. */
static int known_matched[sizeof known / sizeof *known];
static int known_failed[sizeof known / sizeof *known];

/* ---- outcomes ------------------------------------------------------------------------ */

typedef enum Outcome {
    OUT_REFUSED,      /* refused with an error naming the field */
    OUT_ENGINE_REFUSED, /* loaded, but the engine refused it, naming the field */
    OUT_RUN_ERROR,    /* the engine stopped the run with an error (Results.error) */
    OUT_RAN,          /* ran to the end of its window */
    OUT_STOPPED,      /* ran and was cancelled at the budget (still bounded) */
    OUT_FAIL_ACCEPTED,/* a value outside its documented range was accepted */
    OUT_FAIL_UNNAMED, /* refused, but no error names the field */
    OUT_FAIL_HANG,    /* did not finish within budget (ignored the cancel) */
    OUT_FAIL_MEMORY,  /* held more than RSS_LIMIT_MB */
    OUT_FAIL_CRASH,   /* died on a signal: abort, segfault, sanitizer */
    OUT_FAIL_EXIT,    /* exited non-zero (a sanitizer's exit code, a leak) */
    OUT_FAIL_ENGINE,  /* the engine refused a model the validator accepted */
    OUT_FAIL_GROWTH,  /* memory grew with the simulated time, not with work in flight */
    OUT_COUNT
} Outcome;

static const char *const outcome_text[OUT_COUNT] = {
    "refused",
    "refused by the engine",
    "stopped by the engine with an error",
    "ran",
    "stopped at the budget",
    "accepted a value outside its documented range",
    "refused without naming the field",
    "did not finish within budget",
    "exceeded the memory limit",
    "crashed",
    "exited with an error",
    "engine refused a valid model",
    "memory grew with the simulated time",
};

static bool is_failure(Outcome o) { return o >= OUT_FAIL_ACCEPTED; }

/* What the child tells the parent (a small file both map shared). */
typedef struct ChildReport {
    int stage;         /* 1 engine built, 2 run done, 3 reports done */
    int cancelled;
    int engine_refused;
    int run_error;     /* Results.error: stopped on the engine's own budget */
    uint64_t events;
    double wall_s;
    double heap_short_mb, heap_long_mb; /* OPT_GROWTH: live heap at the end of each run */
} ChildReport;

typedef struct Counts {
    int mutants, refused, ran, stopped, failed, known_failed, known_passed;
    int by_outcome[OUT_COUNT];
} Counts;

/* ---- small helpers -------------------------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint32_t fnv1a(const char *s, uint32_t h)
{
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

/* A number as the mutant's name and the file write it: shortest exact form. */
static void number_text(double v, char *out, size_t cap)
{
    snprintf(out, cap, "%.15g", v);
    if (strtod(out, NULL) != v) snprintf(out, cap, "%.17g", v);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json files of dir (relative to the source tree), sorted; names are "dir/x.json". */
static int list_json(const char *dir, char ***out, int n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ARCHSIM_SOURCE_DIR, dir);
    DIR *d = opendir(path);
    assert_non_null(d);
    int first = n;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0) continue;
        *out = xrealloc(*out, (size_t)(n + 1) * sizeof **out);
        (*out)[n++] = xasprintf("%s/%s", dir, de->d_name);
    }
    closedir(d);
    qsort(*out + first, (size_t)(n - first), sizeof **out, cmp_str);
    return n;
}

/* CPU seconds a process has used (user + system), from /proc/PID/stat; -1 if gone. The
 * budgets count CPU time, so a machine busy with other work does not make a run look
 * hung; a run that loops burns CPU and is caught all the same. */
static double cpu_s_of(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    const char *p = strrchr(buf, ')'); /* the command may hold spaces */
    unsigned long utime = 0, stime = 0;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) return -1;
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static double self_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long rss_mb(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    long pages = 0, rss = 0;
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
    fclose(f);
    return rss * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

/* ---- the mutants ------------------------------------------------------------------------
 * A mutant is the file's JSON with one to three values set in one object (a node, an
 * edge, a request type...): obj[key[i]] = value[i]. It is named
 * "<file> <path>=<value>[+<key>=<value>...]", path being the JSON path the loader
 * reports ("nodes[3].service_ms.p99", "scenario.requests[0].rate_rps"). */

typedef enum RunOpt {
    OPT_NONE,
    OPT_DURATION,     /* --duration */
    OPT_WARMUP,       /* --warmup */
    OPT_REPLICATIONS, /* --replications */
    OPT_GROWTH,       /* a short and a LONG_RUN times longer run: is memory the same? */
} RunOpt;

#define MAX_KEYS 3

typedef struct Mutant {
    char name[512];
    char cls[160];               /* what it tries, whatever the file: "node:cache.hit_ratio=1" */
    char element[200];           /* JSON path of the object: "nodes[3]", "nodes[3].service_ms" */
    char field[MAX_KEYS][256];   /* JSON path of each field set (its top-level field: a
                                    distribution's "nodes[3].service_ms" for its "p99") */
    const char *key[MAX_KEYS];
    double value[MAX_KEYS];
    int n_keys;
    const char *node_id;         /* the mutated node's id or request type's name, or NULL */
    bool must_refuse;            /* out of the documented range, or not a whole number */
    RunOpt opt;                  /* a run option instead of a field */
} Mutant;

/* Pass 1 only lists the mutants (class and hash); pass 2 tries the selected ones. */
typedef struct Pick {
    char *cls;
    uint32_t hash;
} Pick;

typedef struct Picks {
    Pick *items;
    int n, cap;
} Picks;

typedef struct FileCtx {
    const char *rel;     /* "scenarios/x.json" */
    cJSON *doc;
    const char *cls;     /* class of the element being mutated: "node:cache", "edge" */
    const char *node_id; /* the node (id) or request type (name) being mutated, or NULL */
    bool listing;        /* pass 1 */
    Picks *picks;        /* pass 1 fills it, sorted by class, then hash: pass 2 reads it */
    double window_s;     /* measured simulated time of a run of this file */
    double growth_s;     /* OPT_GROWTH: the short run, RUN_REQUESTS requests (uncapped) */
    double warmup_s;
    double compress;     /* factor from the scenario's time to the run's */
    Counts *counts;
    const char *workdir;     /* the mutant, the child's report and its stderr */
    char *report_path;
    ChildReport *report;     /* shared with the child */
    const char *only;    /* ARCHSIM_MUTATION_ONLY */
    bool all;
    bool verbose;        /* print every mutant tried: ARCHSIM_MUTATION_ONLY or _VERBOSE */
    const char *dump;
} FileCtx;

static const Known *known_match(const char *name)
{
    for (const Known *k = known; k->pattern; k++)
        if (fnmatch(k->pattern, name, 0) == 0) return k;
    return NULL;
}

static int cmp_pick(const void *a, const void *b)
{
    const Pick *x = a, *y = b;
    int c = strcmp(x->cls, y->cls);
    if (c) return c;
    return x->hash < y->hash ? -1 : x->hash > y->hash;
}

static int cmp_pick_class(const void *a, const void *b)
{
    return strcmp(((const Pick *)a)->cls, ((const Pick *)b)->cls);
}

static uint32_t mutant_hash(const Mutant *mu)
{
    return fnv1a(mu->name, 2166136261u ^ SAMPLE_SEED);
}

/* Selected: one mutant in SAMPLE_EVERY by its hash, and in every class the one with the
 * smallest hash, so each field of each kind meets each of its values at least once. */
static bool selected(FileCtx *fc, const Mutant *mu)
{
    uint32_t h = mutant_hash(mu);
    if (fc->listing) {
        Picks *p = fc->picks;
        if (p->n == p->cap) {
            p->cap = p->cap ? 2 * p->cap : 4096;
            p->items = xrealloc(p->items, (size_t)p->cap * sizeof *p->items);
        }
        p->items[p->n++] = (Pick){xstrdup(mu->cls), h};
        return false;
    }
    if (fc->only) return fnmatch(fc->only, mu->name, 0) == 0;
    if (fc->all || mu->opt == OPT_GROWTH) return true;
    /* a known failure costs up to HARD_S: it is tried only as its class's pick */
    if (h % SAMPLE_EVERY == 0 && !known_match(mu->name)) return true;
    Pick key = {(char *)mu->cls, 0};
    const Pick *p = bsearch(&key, fc->picks->items, (size_t)fc->picks->n, sizeof key,
                            cmp_pick_class);
    /* bsearch found one pick of the class; the first of the class has the smallest hash */
    if (!p) return false;
    while (p > fc->picks->items && strcmp(p[-1].cls, mu->cls) == 0) p--;
    return p->hash == h;
}

/* True when some error of d names a mutated field: its path is the field's or lies
 * under it, or is within the mutated object and its message names the key, or (a
 * conflict with another element: "scenario.events[0].instances: 3 exceeds the 1
 * server(s) of 'api'") its message names the mutated node and its path or message the
 * key. */
static bool names_field(const DiagList *d, const Mutant *mu)
{
    size_t elen = strlen(mu->element);
    char quoted[160] = "";
    if (mu->node_id) snprintf(quoted, sizeof quoted, "'%s'", mu->node_id);
    for (int i = 0; i < d->n_items; i++) {
        const Diag *g = &d->items[i];
        if (g->level != DIAG_ERROR) continue;
        for (int k = 0; k < mu->n_keys; k++) {
            size_t flen = strlen(mu->field[k]);
            if (strncmp(g->path, mu->field[k], flen) == 0 &&
                (g->path[flen] == 0 || g->path[flen] == '.' || g->path[flen] == '['))
                return true;
            if (strncmp(g->path, mu->element, elen) == 0 && strstr(g->message, mu->key[k]))
                return true;
            if (quoted[0] && strstr(g->message, quoted) &&
                (strstr(g->path, mu->key[k]) || strstr(g->message, mu->key[k])))
                return true;
        }
    }
    return false;
}

/* Model times squeezed into the run window: events happen inside it. */
static void compress_events(Model *m, double f)
{
    for (int i = 0; i < m->scenario.n_events; i++) {
        m->scenario.events[i].at_s *= f;
        m->scenario.events[i].for_s *= f;
    }
}

/* The budget: a run is cancelled from its progress callback after SOFT_S of its
 * process's CPU time. */
typedef struct Budget {
    double start_s;
    double soft_s;
    volatile int cancel;
} Budget;

static void on_progress(void *ctx, double frac)
{
    Budget *b = ctx;
    (void)frac;
    if (self_cpu_s() - b->start_s > b->soft_s) b->cancel = 1;
}

/* The run of one mutant, in a process of its own (this program, started again with
 * --run-mutant): what it runs, read from its arguments. */
typedef struct RunSpec {
    const char *json_path;   /* the mutant */
    const char *report_path; /* a ChildReport, mapped shared */
    double window_s, warmup_s, compress;
    int opt;                 /* RunOpt */
    double opt_value;
    int scenario_time;       /* the mutant is the scenario's duration or warm-up: run it */
} RunSpec;

/* Live heap, in MB. */
static double heap_mb(void)
{
#if SANITIZED
    return (double)__sanitizer_get_current_allocated_bytes() / 1048576.0;
#else
    struct mallinfo2 mi = mallinfo2();
    return (double)(mi.uordblks + mi.hblkhd) / 1048576.0;
#endif
}

/* OPT_GROWTH: the live heap at the end of a run of the window and of one LONG_RUN times
 * longer, each before its engine is destroyed (what is left in its event queue counts). */
static void growth_runs(const Model *m, SimOptions *opt, ChildReport *rep)
{
    double window_s = opt->duration_s;
    for (int k = 0; k < 2; k++) {
        opt->duration_s = k ? window_s * LONG_RUN : window_s;
        DiagList d;
        diag_init(&d, "mutant");
        Engine *e = engine_create(m, opt, &d);
        if (!e) {
            rep->engine_refused = 1;
            diag_print(&d, stderr);
            diag_free(&d);
            return;
        }
        rep->stage = 1 + k;
        Results *r = engine_run(e);
        *(k ? &rep->heap_long_mb : &rep->heap_short_mb) = heap_mb();
        if (r->error) {
            rep->run_error = 1;
            fprintf(stderr, "engine: %s\n", r->error);
        }
        rep->events = r->events;
        rep->cancelled |= r->cancelled;
        results_destroy(r);
        engine_destroy(e);
        diag_free(&d);
    }
    rep->stage = 3;
}

/* In the child: load, run, report, grade, free everything; the exit status says the
 * rest (a sanitizer's report, a leak found by LeakSanitizer at exit, an abort). */
static int child_main(const RunSpec *rs)
{
    int fd = open(rs->report_path, O_RDWR);
    if (fd < 0) return 90;
    ChildReport *rep = mmap(NULL, sizeof *rep, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (rep == MAP_FAILED) return 91;
    DiagList d;
    diag_init(&d, rs->json_path);
    Model *m = model_load_file(rs->json_path, &d);
    if (!m) {
        diag_print(&d, stderr);
        return 92;
    }
    SimOptions opt = sim_options_default();
    int reps = 1;
    if (!rs->scenario_time) {
        opt.duration_s = rs->window_s;
        opt.warmup_s = rs->warmup_s;
        compress_events(m, rs->compress);
    }
    if (rs->opt == OPT_DURATION) opt.duration_s = rs->opt_value;
    if (rs->opt == OPT_WARMUP) opt.warmup_s = rs->opt_value;
    if (rs->opt == OPT_REPLICATIONS) {
        reps = (int)rs->opt_value;
        opt.duration_s = 1e-3;
        opt.warmup_s = 0;
    }
    Budget budget = {self_cpu_s(), rs->opt == OPT_GROWTH ? GROWTH_SOFT_S : SOFT_S, 0};
    opt.progress = on_progress;
    opt.progress_ctx = &budget;
    opt.cancel = &budget.cancel;
    opt.trace_request = m->scenario.n_requests > 0 ? 0 : -1;

    if (rs->opt == OPT_GROWTH) {
        growth_runs(m, &opt, rep);
        model_destroy(m);
        diag_free(&d);
        munmap(rep, sizeof *rep);
        return 0;
    }
    rep->stage = 1;
    Summary *s = NULL;
    if (reps > 1) {
        s = sim_replicate(m, &opt, reps, 2, &d);
        if (!s) rep->engine_refused = 1;
    } else {
        /* one run by hand, to tell the engine refusing the model from a run it stopped */
        Engine *e = engine_create(m, &opt, &d);
        if (!e) {
            rep->engine_refused = 1;
        } else {
            Results *r = engine_run(e);
            engine_destroy(e);
            if (r->error) {
                rep->run_error = 1;
                fprintf(stderr, "engine: %s\n", r->error);
            } else {
                s = summary_create(&r, 1);
                results_find_bottleneck(m, s->mean);
            }
            results_destroy(r);
        }
    }
    if (!s) {
        diag_print(&d, stderr);
    } else {
        rep->stage = 2;
        rep->cancelled = s->mean->cancelled;
        rep->events = s->mean->events;
        free(report_text(m, s));
        free(report_json(m, s));
        Grade *g = grade_create(m, s);
        free(grade_text(m, s, g, NULL));
        grade_destroy(g);
        summary_destroy(s);
        rep->stage = 3;
    }
    diag_free(&d);
    model_destroy(m);
    rep->wall_s = now_s() - budget.start_s;
    munmap(rep, sizeof *rep);
    return 0;
}

/* The child's stderr, its line of interest, for a failure message. */
static void child_stderr_line(const char *path, char *out, size_t cap)
{
    out[0] = 0;
    FILE *err = fopen(path, "r");
    if (!err) return;
    char line[512];
    while (fgets(line, sizeof line, err)) {
        line[strcspn(line, "\n")] = 0;
        if (!line[0]) continue;
        /* the sanitizers' headline, or else the first line */
        if (strstr(line, "ERROR:") || strstr(line, "runtime error:") || !out[0])
            snprintf(out, cap, "%s", line);
        if (strstr(line, "ERROR:") || strstr(line, "runtime error:")) break;
    }
    fclose(err);
}

/* The errors the child printed (diag_print: "FILE: error: PATH: MESSAGE") name a
 * mutated field, as names_field says. */
static bool child_diags_name_field(const char *path, const Mutant *mu)
{
    FILE *f = fopen(path, "r");
    if (!f) return false;
    DiagList d;
    diag_init(&d, NULL);
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *at = strstr(line, ": error: ");
        if (!at) continue;
        at += strlen(": error: ");
        char *sep = strstr(at, ": ");
        if (!sep) continue;
        *sep = 0;
        diag_add(&d, at, "%s", sep + 2);
    }
    fclose(f);
    bool named = names_field(&d, mu);
    diag_free(&d);
    return named;
}

static Outcome run_in_child(FileCtx *fc, const Mutant *mu, const char *json, char *why,
                            size_t cap)
{
    char json_path[600], err_path[600], args[6][64];
    snprintf(json_path, sizeof json_path, "%s/mutant.json", fc->workdir);
    snprintf(err_path, sizeof err_path, "%s/stderr.txt", fc->workdir);
    FILE *f = fopen(json_path, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
    memset(fc->report, 0, sizeof *fc->report);
    bool scenario_time = strcmp(mu->field[0], "scenario.duration_s") == 0 ||
                         strcmp(mu->field[0], "scenario.warmup_s") == 0;
    snprintf(args[0], sizeof args[0], "%.17g", mu->opt == OPT_GROWTH ? fc->growth_s : fc->window_s);
    snprintf(args[1], sizeof args[1], "%.17g", fc->warmup_s);
    snprintf(args[2], sizeof args[2], "%.17g", fc->compress);
    snprintf(args[3], sizeof args[3], "%d", (int)mu->opt);
    snprintf(args[4], sizeof args[4], "%.17g", mu->value[0]);
    snprintf(args[5], sizeof args[5], "%d", scenario_time);
    char *argv[] = {(char *)"test_mutation", (char *)"--run-mutant", json_path,
                    fc->report_path, args[0], args[1], args[2], args[3], args[4], args[5],
                    NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    pid_t pid;
    extern char **environ;
    int rc = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) fail_msg("posix_spawn: %s", strerror(rc));

    double t0 = now_s();
    int status = 0;
    long peak = 0;
    Outcome out = OUT_RAN;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        long r = rss_mb(pid);
        if (r > peak) peak = r;
        if (r > RSS_LIMIT_MB) {
            out = OUT_FAIL_MEMORY;
            snprintf(why, cap, "held %ld MB (limit %d MB)", r, RSS_LIMIT_MB);
        } else {
            double hard = mu->opt == OPT_GROWTH ? GROWTH_HARD_S : HARD_S;
            double cpu = cpu_s_of(pid), wall = now_s() - t0;
            if (cpu > hard || wall > WALL_BACKSTOP * hard) {
                out = OUT_FAIL_HANG;
                snprintf(why, cap, "still running after %.1f s of CPU time (%.1f s of wall time), %.2f s "
                         "of CPU after the cancel (stage %d)", cpu, wall,
                         cpu - (mu->opt == OPT_GROWTH ? GROWTH_SOFT_S : SOFT_S), fc->report->stage);
            }
        }
        if (out != OUT_RAN) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return out;
        }
        struct timespec ts = {0, 500000};
        nanosleep(&ts, NULL);
    }
    char line[512];
    if (WIFSIGNALED(status)) {
        child_stderr_line(err_path, line, sizeof line);
        snprintf(why, cap, "signal %d: %s", WTERMSIG(status), line);
        return OUT_FAIL_CRASH;
    }
    if (WEXITSTATUS(status) != 0) {
        child_stderr_line(err_path, line, sizeof line);
        snprintf(why, cap, "exit %d: %s", WEXITSTATUS(status), line);
        return OUT_FAIL_EXIT;
    }
    if (fc->report->engine_refused) {
        child_stderr_line(err_path, line, sizeof line);
        snprintf(why, cap, "%s", line);
        return child_diags_name_field(err_path, mu) ? OUT_ENGINE_REFUSED : OUT_FAIL_ENGINE;
    }
    if (fc->report->run_error) {
        child_stderr_line(err_path, line, sizeof line);
        snprintf(why, cap, "%s", line);
        return OUT_RUN_ERROR;
    }
    snprintf(why, cap, "%llu events, %.2f s, peak %ld MB",
             (unsigned long long)fc->report->events, fc->report->wall_s, peak);
    if (mu->opt == OPT_GROWTH) {
        const ChildReport *r = fc->report;
        snprintf(why, cap, "live heap %.1f MB after a run of %.3g s, %.1f MB after %.3g s "
                 "(%llu events)", r->heap_short_mb, fc->growth_s, r->heap_long_mb,
                 fc->growth_s * LONG_RUN, (unsigned long long)r->events);
        if (!r->cancelled && r->heap_long_mb - r->heap_short_mb > GROWTH_LIMIT_MB)
            return OUT_FAIL_GROWTH;
    }
    return fc->report->cancelled ? OUT_STOPPED : OUT_RAN;
}

static void dump_mutant(const FileCtx *fc, const Mutant *mu, const char *json)
{
    if (!fc->dump) return;
    char file[768];
    snprintf(file, sizeof file, "%s/%s", fc->dump, mu->name);
    for (char *p = file + strlen(fc->dump) + 1; *p; p++)
        if (*p == '/' || *p == ' ' || *p == '[' || *p == ']') *p = '_';
    snprintf(file + strlen(file), sizeof file - strlen(file), ".json");
    FILE *f = fopen(file, "w");
    if (!f) return;
    fputs(json, f);
    fclose(f);
}

static void try_mutant(FileCtx *fc, const Mutant *mu, const char *json)
{
    Counts *c = fc->counts;
    c->mutants++;
    double t0 = now_s();
    char why[768] = "";
    Outcome out;
    DiagList d;
    diag_init(&d, "mutant");
    Model *m = model_from_json(json, strlen(json), &d);
    if (!m) {
        if (names_field(&d, mu)) {
            out = OUT_REFUSED;
        } else {
            out = OUT_FAIL_UNNAMED;
            snprintf(why, sizeof why, "%s: %s", d.n_items ? d.items[0].path : "",
                     d.n_items ? d.items[0].message : "(no message)");
        }
    } else if (mu->must_refuse) {
        out = OUT_FAIL_ACCEPTED;
        snprintf(why, sizeof why, "loaded without an error");
    } else {
        out = run_in_child(fc, mu, json, why, sizeof why);
    }
    model_destroy(m);
    diag_free(&d);

    c->by_outcome[out]++;
    const Known *k = known_match(mu->name);
    if (k) {
        known_matched[k - known]++;
        if (is_failure(out)) known_failed[k - known]++;
    }
    if (out == OUT_REFUSED || out == OUT_ENGINE_REFUSED) c->refused++;
    else if (out == OUT_RAN) c->ran++;
    else if (out == OUT_STOPPED || out == OUT_RUN_ERROR) c->stopped++;
    if (is_failure(out) && k) {
        c->known_failed++;
        if (fc->verbose) printf("    known: %s: %s (%s) [%s]\n", mu->name, outcome_text[out], why, k->defect);
    } else if (is_failure(out)) {
        c->failed++;
        printf("    FAIL %s: %s (%s)\n", mu->name, outcome_text[out], why);
        dump_mutant(fc, mu, json);
    } else {
        if (k) c->known_passed++;
        if (fc->verbose) printf("    %s: %s (%s) %.3f s\n", mu->name, outcome_text[out], why, now_s() - t0);
    }
    if (is_failure(out) && k) dump_mutant(fc, mu, json);
}

/* The values tried for a field with documented range [lo, hi]. */
static int field_values(const FieldDesc *f, double lo, double hi, double *v)
{
    int n = 0;
    v[n++] = lo;
    v[n++] = hi;
    v[n++] = 0;
    v[n++] = -1;
    v[n++] = 1e-9;
    v[n++] = 0.5;
    v[n++] = 1e9;
    v[n++] = 1e15;
    v[n++] = 1e308;
    if (lo > -1e11) v[n++] = lo - 1;
    if (hi > 0) v[n++] = hi * 10;
    if (f->type == FT_INT || f->type == FT_U64) v[n++] = hi + 1;
    /* unique, in order */
    int m = 0;
    for (int i = 0; i < n; i++) {
        bool dup = false;
        for (int j = 0; j < m; j++) dup |= v[j] == v[i];
        if (!dup) v[m++] = v[i];
    }
    return m;
}

static bool out_of_range(const FieldDesc *f, double v)
{
    if (v < f->min || v > f->max || (f->min_open && v == f->min)) return true;
    if ((f->type == FT_INT || f->type == FT_U64) && v != floor(v)) return true;
    return false;
}

/* Try obj[keys[i]] = vals[i] for i < n (fields of `table`, at `path`), when selected. */
static void mutate_set(FileCtx *fc, cJSON *obj, const char *path, const char *field_path,
                       const FieldDesc *table, const char *const *keys, const double *vals,
                       int n)
{
    Mutant mu = {.n_keys = n, .opt = OPT_NONE, .node_id = fc->node_id};
    snprintf(mu.element, sizeof mu.element, "%s", path);
    char num[MAX_KEYS][64];
    size_t at = (size_t)snprintf(mu.name, sizeof mu.name, "%s ", fc->rel);
    size_t cat = (size_t)snprintf(mu.cls, sizeof mu.cls, "%s", fc->cls);
    for (int i = 0; i < n; i++) {
        const FieldDesc *f = schema_find(table, keys[i]);
        assert_non_null(f);
        number_text(vals[i], num[i], sizeof num[i]);
        mu.key[i] = keys[i];
        mu.value[i] = vals[i];
        mu.must_refuse |= out_of_range(f, vals[i]);
        if (field_path)
            snprintf(mu.field[i], sizeof mu.field[i], "%s", field_path);
        else
            snprintf(mu.field[i], sizeof mu.field[i], "%s%s%s", path, path[0] ? "." : "", keys[i]);
        if (i == 0)
            at += (size_t)snprintf(mu.name + at, sizeof mu.name - at, "%s%s%s=%s", path,
                                   path[0] ? "." : "", keys[i], num[i]);
        else
            at += (size_t)snprintf(mu.name + at, sizeof mu.name - at, "+%s=%s", keys[i], num[i]);
        cat += (size_t)snprintf(mu.cls + cat, sizeof mu.cls - cat, "%s%s=%s", i ? "+" : ".",
                                keys[i], num[i]);
        if (at >= sizeof mu.name || cat >= sizeof mu.cls) fail_msg("mutant name too long");
    }
    if (!selected(fc, &mu)) return;
    cJSON *old[MAX_KEYS];
    for (int i = 0; i < n; i++) {
        old[i] = cJSON_DetachItemFromObjectCaseSensitive(obj, keys[i]);
        /* written exactly (cJSON prints 15 digits: 2^53 would come out as 2^53 - 2) */
        cJSON_AddItemToObject(obj, keys[i], cJSON_CreateRaw(num[i]));
    }
    char *json = cJSON_PrintUnformatted(fc->doc);
    try_mutant(fc, &mu, json);
    cJSON_free(json);
    for (int i = n - 1; i >= 0; i--) {
        cJSON_DeleteItemFromObjectCaseSensitive(obj, keys[i]);
        if (old[i]) cJSON_AddItemToObject(obj, keys[i], old[i]);
    }
}

/* Every value of field f at obj[f->name]. */
static void mutate_field(FileCtx *fc, cJSON *obj, const char *path, const char *field_path,
                         const FieldDesc *table, const FieldDesc *f)
{
    double vals[16];
    int n = field_values(f, f->min, f->max, vals);
    for (int i = 0; i < n; i++) mutate_set(fc, obj, path, field_path, table, &f->name, &vals[i], 1);
}

/* The numeric fields of `table` present or applicable at obj (node_kind, action: -1 =
 * not a node, not an event). */
static void mutate_table(FileCtx *fc, cJSON *obj, const char *path, const FieldDesc *table,
                         int node_kind, int action)
{
    for (const FieldDesc *f = table; f->name; f++) {
        if (f->type != FT_NUMBER && f->type != FT_INT && f->type != FT_DIST && f->type != FT_U64)
            continue;
        if (node_kind >= 0 && !schema_applies(f, (NodeKind)node_kind)) continue;
        if (action >= 0 && !schema_event_field_applies((EventAction)action, f->name)) continue;
        mutate_field(fc, obj, path, NULL, table, f);
        if (f->type != FT_DIST) continue;
        /* a distribution written as an object: each of its numbers too */
        cJSON *dist = cJSON_GetObjectItemCaseSensitive(obj, f->name);
        if (!cJSON_IsObject(dist)) continue;
        cJSON *kind = cJSON_GetObjectItemCaseSensitive(dist, "dist");
        int dk = cJSON_IsString(kind) ? dist_kind_from_name(kind->valuestring) : -1;
        if (dk < 0) continue;
        char sub[256], cls[160];
        snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", f->name);
        const char *saved = fc->cls;
        snprintf(cls, sizeof cls, "%s.%s:%s", saved, f->name, dist_kind_name((DistKind)dk));
        fc->cls = cls;
        for (const FieldDesc *g = schema_dist_fields; g->name; g++)
            if (g->type == FT_NUMBER && schema_dist_key_applies((DistKind)dk, g->name))
                mutate_field(fc, dist, sub, sub, schema_dist_fields, g);
        fc->cls = saved;
    }
}

/* Several fields at their maximum at once, where the product is what matters
 * (slots = instances x workers, stations = shards x (1 + replicas), ...). */
static void mutate_combo(FileCtx *fc, cJSON *obj, const char *path, const FieldDesc *table,
                         const char *const *keys, int n)
{
    double vals[MAX_KEYS];
    for (int i = 0; i < n; i++) vals[i] = schema_find(table, keys[i])->max;
    mutate_set(fc, obj, path, NULL, table, keys, vals, n);
}

static void mutate_node_combos(FileCtx *fc, cJSON *node, const char *path, int kind)
{
    static const char *const slots[] = {"instances", "workers"};
    static const char *const inflight[] = {"instances", "max_inflight"};
    static const char *const stations[] = {"shards", "read_replicas", "pool"};
    const FieldDesc *t = schema_node_fields;
    if (schema_applies(schema_find(t, "workers"), (NodeKind)kind))
        mutate_combo(fc, node, path, t, slots, 2);
    if (schema_applies(schema_find(t, "instances"), (NodeKind)kind) &&
        schema_applies(schema_find(t, "max_inflight"), (NodeKind)kind))
        mutate_combo(fc, node, path, t, inflight, 2);
    if (kind == NODE_DATABASE) mutate_combo(fc, node, path, t, stations, 3);
}

static void mutate_edge_combos(FileCtx *fc, cJSON *edge, const char *path)
{
    /* a retry storm: every attempt times out at once and is retried without a pause */
    static const char *const storm[] = {"timeout_ms", "retries", "backoff_ms"};
    static const double storm_v[] = {1e-9, 100, 0};
    mutate_set(fc, edge, path, NULL, schema_edge_fields, storm, storm_v, 3);
    /* the widest fan-out, each call retried */
    static const char *const wide[] = {"fanout", "retries"};
    mutate_combo(fc, edge, path, schema_edge_fields, wide, 2);
}

static void mutate_request_combos(FileCtx *fc, cJSON *req, const char *path)
{
    /* the most closed-loop users, none of them thinking */
    static const char *const users[] = {"rate_rps", "users", "think_ms"};
    static const double users_v[] = {0, 100000000, 0};
    mutate_set(fc, req, path, NULL, schema_request_fields, users, users_v, 3);
}

static void mutate_option(FileCtx *fc, RunOpt opt, const char *flag, double v)
{
    Mutant mu = {.n_keys = 1, .opt = opt, .key = {flag}, .value = {v}};
    char num[64];
    number_text(v, num, sizeof num);
    snprintf(mu.field[0], sizeof mu.field[0], "options.%s", flag);
    snprintf(mu.element, sizeof mu.element, "options");
    snprintf(mu.name, sizeof mu.name, "%s options.%s=%s", fc->rel, flag, num);
    snprintf(mu.cls, sizeof mu.cls, "options.%s=%s", flag, num);
    if (!selected(fc, &mu)) return;
    char *json = cJSON_PrintUnformatted(fc->doc);
    try_mutant(fc, &mu, json);
    cJSON_free(json);
}

/* A preset as written, and with every timeout (edges', clients') at its maximum, each run
 * short and long: memory follows the work in flight, never the simulated time, and a
 * pending timeout must not keep memory once its call has answered. */
static void mutate_growth(FileCtx *fc, bool timeouts)
{
    if (strncmp(fc->rel, "scenarios/starters/", 19) == 0) return; /* the presets suffice */
    const FieldDesc *edge_t = schema_find(schema_edge_fields, "timeout_ms");
    const FieldDesc *node_t = schema_find(schema_node_fields, "timeout_ms");
    char num[64];
    number_text(edge_t->max, num, sizeof num);
    Mutant mu = {.n_keys = 1, .opt = OPT_GROWTH, .key = {"timeout_ms"}, .value = {edge_t->max}};
    snprintf(mu.field[0], sizeof mu.field[0], "edges");
    snprintf(mu.element, sizeof mu.element, "edges");
    if (timeouts) {
        snprintf(mu.name, sizeof mu.name, "%s long run: every timeout_ms=%s", fc->rel, num);
        snprintf(mu.cls, sizeof mu.cls, "growth.timeout_ms=%s", num);
    } else {
        snprintf(mu.name, sizeof mu.name, "%s long run: as written", fc->rel);
        snprintf(mu.cls, sizeof mu.cls, "growth");
    }
    if (!selected(fc, &mu)) return;
    cJSON *doc = cJSON_Duplicate(fc->doc, true);
    cJSON *it;
    if (timeouts) {
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "edges")) {
            cJSON_DeleteItemFromObjectCaseSensitive(it, "timeout_ms");
            cJSON_AddItemToObject(it, "timeout_ms", cJSON_CreateRaw(num));
        }
        number_text(node_t->max, num, sizeof num);
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "nodes")) {
            const cJSON *kind = cJSON_GetObjectItemCaseSensitive(it, "kind");
            if (!cJSON_IsString(kind) || strcmp(kind->valuestring, "client") != 0) continue;
            cJSON_DeleteItemFromObjectCaseSensitive(it, "timeout_ms");
            cJSON_AddItemToObject(it, "timeout_ms", cJSON_CreateRaw(num));
        }
    }
    char *json = cJSON_PrintUnformatted(doc);
    try_mutant(fc, &mu, json);
    cJSON_free(json);
    cJSON_Delete(doc);
}

static int enum_index(const cJSON *obj, const char *key, const char *(*name)(int), int n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(v)) return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(name(i), v->valuestring) == 0) return i;
    return -1;
}

static const char *kind_name(int k) { return node_kind_name((NodeKind)k); }
static const char *action_name(int a) { return event_action_name((EventAction)a); }

static void mutate_file(FileCtx *fc)
{
    cJSON *doc = fc->doc;
    cJSON *sc = cJSON_GetObjectItemCaseSensitive(doc, "scenario");
    char path[128], cls[64];
    int i = 0;
    cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "nodes")) {
        int kind = enum_index(it, "kind", kind_name, NODE_KIND_COUNT);
        snprintf(path, sizeof path, "nodes[%d]", i++);
        if (kind < 0) continue;
        snprintf(cls, sizeof cls, "node:%s", kind_name(kind));
        fc->cls = cls;
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
        fc->node_id = cJSON_IsString(id) ? id->valuestring : NULL;
        mutate_table(fc, it, path, schema_node_fields, kind, -1);
        mutate_node_combos(fc, it, path, kind);
        cJSON *as = cJSON_GetObjectItemCaseSensitive(it, "autoscale");
        if (cJSON_IsObject(as)) {
            char sub[160];
            snprintf(sub, sizeof sub, "%s.autoscale", path);
            fc->cls = "autoscale";
            mutate_table(fc, as, sub, schema_autoscale_fields, -1, -1);
            fc->cls = cls;
        }
        fc->node_id = NULL;
    }
    i = 0;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "edges")) {
        snprintf(path, sizeof path, "edges[%d]", i++);
        fc->cls = "edge";
        mutate_table(fc, it, path, schema_edge_fields, -1, -1);
        mutate_edge_combos(fc, it, path);
        cJSON *cb = cJSON_GetObjectItemCaseSensitive(it, "circuit_breaker");
        if (cJSON_IsObject(cb)) {
            char sub[160];
            snprintf(sub, sizeof sub, "%s.circuit_breaker", path);
            fc->cls = "breaker";
            mutate_table(fc, cb, sub, schema_breaker_fields, -1, -1);
        }
    }
    if (!cJSON_IsObject(sc)) return;
    i = 0;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(sc, "requests")) {
        snprintf(path, sizeof path, "scenario.requests[%d]", i++);
        fc->cls = "request";
        /* a conflict with an event names the request type by its name */
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        fc->node_id = cJSON_IsString(name) ? name->valuestring : NULL;
        mutate_table(fc, it, path, schema_request_fields, -1, -1);
        mutate_request_combos(fc, it, path);
        fc->node_id = NULL;
    }
    i = 0;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(sc, "requirements")) {
        snprintf(path, sizeof path, "scenario.requirements[%d]", i++);
        fc->cls = "requirement";
        mutate_table(fc, it, path, schema_requirement_fields, -1, -1);
    }
    i = 0;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(sc, "events")) {
        int action = enum_index(it, "action", action_name, EVENT_ACTION_COUNT);
        snprintf(path, sizeof path, "scenario.events[%d]", i++);
        if (action < 0) continue;
        snprintf(cls, sizeof cls, "event:%s", action_name(action));
        fc->cls = cls;
        mutate_table(fc, it, path, schema_event_fields, -1, action);
    }
    fc->cls = "scenario";
    mutate_table(fc, sc, "scenario", schema_scenario_fields, -1, -1);

    /* The CLI's run options, at the ends of the ranges it accepts. */
    mutate_option(fc, OPT_DURATION, "duration_s", 1e-3);
    mutate_option(fc, OPT_DURATION, "duration_s", 1e7);
    mutate_option(fc, OPT_WARMUP, "warmup_s", 1e7);
    mutate_option(fc, OPT_REPLICATIONS, "replications", 10000);
    mutate_growth(fc, false);
    mutate_growth(fc, true);
}

/* The run window of a file: about RUN_REQUESTS of its own requests, at most RUN_MAX_S. */
static void file_window(FileCtx *fc, const Model *m)
{
    Estimate est;
    analytic_estimate(m, &est);
    double rps = 0;
    for (int t = 0; t < est.n_requests; t++)
        if (isfinite(est.request_rate_rps[t])) rps += est.request_rate_rps[t];
    estimate_free(&est);
    fc->window_s = rps > 0 ? fmin(RUN_MAX_S, RUN_REQUESTS / rps) : RUN_MAX_S;
    fc->growth_s = rps > 0 ? fmin(1.0, RUN_REQUESTS / rps) : RUN_MAX_S;
    fc->warmup_s = fc->window_s / 5;
    double total = m->scenario.warmup_s + m->scenario.duration_s;
    fc->compress = total > 0 ? (fc->window_s + fc->warmup_s) / total : 1;
}

static void every_number_of_every_preset_is_refused_by_name_or_runs_bounded(void **state)
{
    (void)state;
    char **files = NULL;
    int n_files = list_json("scenarios", &files, 0);
    n_files = list_json("scenarios/starters", &files, n_files);
    assert_true(n_files >= 2);

    Counts counts = {0};
    Picks picks = {0};
    /* a folder for the mutant, the child's report and its stderr (in the build folder) */
    char workdir[] = "mutation-XXXXXX";
    assert_non_null(mkdtemp(workdir));
    char *report_path = xasprintf("%s/report.bin", workdir);
    int fd = open(report_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, sizeof(ChildReport)), 0);
    ChildReport *report = mmap(NULL, sizeof *report, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    assert_true(report != MAP_FAILED);
    const char *only = getenv("ARCHSIM_MUTATION_ONLY");
    const char *all = getenv("ARCHSIM_MUTATION_ALL");
    double t0 = now_s();
    for (int pass = 0; pass < 2; pass++) {
        for (int f = 0; f < n_files; f++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", ARCHSIM_SOURCE_DIR, files[f]);
            size_t len;
            char *text = read_file(path, &len);
            assert_non_null(text);
            FileCtx fc = {.rel = files[f], .doc = cJSON_ParseWithLength(text, len),
                          .listing = pass == 0, .picks = &picks, .counts = &counts,
                          .workdir = workdir, .report_path = report_path,
                          .report = report, .only = only,
                          .all = all && strcmp(all, "0") != 0,
                          .verbose = only || getenv("ARCHSIM_MUTATION_VERBOSE"),
                          .dump = getenv("ARCHSIM_MUTATION_DUMP")};
            assert_non_null(fc.doc);
            Model *m = NULL;
            DiagList d;
            diag_init(&d, path);
            if (pass == 1) {
                m = model_from_json(text, len, &d);
                if (!m) diag_print(&d, stderr);
                assert_non_null(m);
                file_window(&fc, m);
            }
            mutate_file(&fc);
            cJSON_Delete(fc.doc);
            model_destroy(m);
            diag_free(&d);
            free(text);
        }
        if (pass == 0) qsort(picks.items, (size_t)picks.n, sizeof *picks.items, cmp_pick);
    }
    int candidates = picks.n;
    for (int i = 0; i < picks.n; i++) free(picks.items[i].cls);
    free(picks.items);
    for (int f = 0; f < n_files; f++) free(files[f]);
    free(files);
    munmap(report, sizeof *report);
    static const char *const leftovers[] = {"report.bin", "mutant.json", "stderr.txt"};
    for (size_t i = 0; i < sizeof leftovers / sizeof *leftovers; i++) {
        char *p = xasprintf("%s/%s", workdir, leftovers[i]);
        unlink(p);
        free(p);
    }
    rmdir(workdir);
    free(report_path);

    printf("    %d files, %d possible mutants; tried %d: refused %d, ran %d (%d of them "
           "stopped early), failed %d, known failures %d (%d known mutants passed) in "
           "%.1f s%s\n",
           n_files, candidates, counts.mutants, counts.refused, counts.ran + counts.stopped,
           counts.stopped, counts.failed, counts.known_failed, counts.known_passed,
           now_s() - t0, SANITIZED ? " (sanitizer build)" : "");
    for (int o = 0; o < OUT_COUNT; o++)
        if (counts.by_outcome[o])
            printf("      %-48s %5d%s\n", outcome_text[o], counts.by_outcome[o],
                   is_failure((Outcome)o) ? " (failures, known ones included)" : "");
    for (const Known *k = known; k->pattern; k++) {
        size_t i = (size_t)(k - known);
        if (known_matched[i] && !known_failed[i] && k->repro != REPRO_TIMING &&
            (SANITIZED || k->repro != REPRO_UBSAN))
            printf("    known[] entry no longer reproduces (%d mutants pass): %s (%s)\n",
                   known_matched[i], k->pattern, k->defect);
    }
    assert_int_equal(counts.failed, 0);
    /* The sample is not empty and both endings happen. */
    if (!only) {
        assert_true(counts.refused > 0);
        assert_true(counts.ran + counts.stopped > 0);
    }
}

int main(int argc, char **argv)
{
    if (argc == 10 && strcmp(argv[1], "--run-mutant") == 0) {
        RunSpec rs = {argv[2], argv[3], strtod(argv[4], NULL), strtod(argv[5], NULL),
                      strtod(argv[6], NULL), atoi(argv[7]), strtod(argv[8], NULL),
                      atoi(argv[9])};
        return child_main(&rs);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_number_of_every_preset_is_refused_by_name_or_runs_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
