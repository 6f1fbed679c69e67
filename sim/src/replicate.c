/*
 * replicate.c - replications spread over worker threads (pthreads), combined in
 * replication order.
 */
#include "sim/replicate.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "sim/requirements.h"
#include "sim/util.h"

uint64_t derive_seed(uint64_t seed, int r)
{
    if (r == 0) return seed;
    uint64_t z = seed + 0x9e3779b97f4a7c15ull * (uint64_t)r;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

int cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}

typedef struct Shared {
    const Model *model;
    const SimOptions *opt;
    int reps;
    int next;           /* next replication to take */
    Engine **engines;   /* built up front (so errors surface before threads start) */
    Results **runs;
    double *frac;       /* progress of each replication */
    pthread_mutex_t lock;
} Shared;

typedef struct Slot {
    Shared *sh;
    int rep;
} Slot;

static void rep_progress(void *ctx, double f)
{
    Slot *slot = ctx;
    Shared *sh = slot->sh;
    pthread_mutex_lock(&sh->lock);
    sh->frac[slot->rep] = f;
    double sum = 0;
    for (int i = 0; i < sh->reps; i++) sum += sh->frac[i];
    if (sh->opt->progress) sh->opt->progress(sh->opt->progress_ctx, sum / sh->reps);
    pthread_mutex_unlock(&sh->lock);
}

static void *worker(void *arg)
{
    Shared *sh = arg;
    for (;;) {
        pthread_mutex_lock(&sh->lock);
        int r = sh->next < sh->reps ? sh->next++ : -1;
        pthread_mutex_unlock(&sh->lock);
        if (r < 0) return NULL;
        sh->runs[r] = engine_run(sh->engines[r]);
        engine_destroy(sh->engines[r]);
        sh->engines[r] = NULL;
    }
}

Summary *sim_replicate(const Model *m, const SimOptions *opt, int reps, int jobs, DiagList *d)
{
    if (reps < 1) reps = 1;
    if (jobs <= 0) jobs = cpu_count();
    if (jobs > reps) jobs = reps;
    Shared sh = {.model = m, .opt = opt, .reps = reps};
    pthread_mutex_init(&sh.lock, NULL);
    sh.engines = xcalloc((size_t)reps, sizeof *sh.engines);
    sh.runs = xcalloc((size_t)reps, sizeof *sh.runs);
    sh.frac = xcalloc((size_t)reps, sizeof *sh.frac);
    Slot *slots = xcalloc((size_t)reps, sizeof *slots);
    Summary *s = NULL;
    for (int r = 0; r < reps; r++) {
        SimOptions o = opt ? *opt : sim_options_default();
        o.seed = derive_seed(o.has_seed ? o.seed : m->scenario.seed, r);
        o.has_seed = true;
        slots[r] = (Slot){&sh, r};
        o.progress = rep_progress;
        o.progress_ctx = &slots[r];
        sh.engines[r] = engine_create(m, &o, d);
        if (!sh.engines[r]) goto done;
    }
    if (jobs == 1) {
        worker(&sh);
    } else {
        pthread_t *th = xcalloc((size_t)jobs, sizeof *th);
        for (int t = 0; t < jobs; t++) pthread_create(&th[t], NULL, worker, &sh);
        for (int t = 0; t < jobs; t++) pthread_join(th[t], NULL);
        free(th);
    }
    s = summary_create(sh.runs, reps);
    results_find_bottleneck(m, s->mean);
done:
    for (int r = 0; r < reps; r++) {
        engine_destroy(sh.engines[r]);
        results_destroy(sh.runs[r]);
    }
    free(sh.engines);
    free(sh.runs);
    free(sh.frac);
    free(slots);
    pthread_mutex_destroy(&sh.lock);
    return s;
}
