/*
 * replicate.c - replications spread over worker threads (pthreads), combined in
 * replication order.
 *
 * Memory stays that of a few runs whatever the number of replications: a worker
 * builds an engine only when it starts a replication and frees it when the run ends
 * (at most `jobs` engines alive), and finished runs are folded into the summary in
 * replication order (summary_add) as soon as their turn comes, so only runs that
 * finished ahead of an earlier one wait, and a worker does not start a replication
 * more than WINDOW_PER_JOB x jobs ahead of the next one to fold.
 */
#include "sim/replicate.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "sim/requirements.h"
#include "sim/util.h"

#define WINDOW_PER_JOB 2

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

typedef struct Shared Shared;

typedef struct Slot { /* progress context of one replication */
    Shared *sh;
    int rep;
} Slot;

struct Shared {
    const Model *model;
    const SimOptions *opt;
    int reps;
    int window;         /* replications started at most this far ahead of `folded` */
    Slot *slots;        /* [reps] */
    double *frac;       /* [reps]: progress of each replication */
    double frac_sum;
    pthread_mutex_t lock; /* everything below */
    pthread_cond_t turn;  /* signalled when `folded` moves or a run fails */
    int next;           /* next replication to start */
    int folded;         /* replications folded into the summary, in order */
    Results **held;     /* [window]: finished runs waiting for their turn, at r % window */
    int n_held, peak_held;
    int alive, peak_alive; /* engines */
    SummaryBuilder *sum;
    int failed_rep;     /* the lowest replication that could not run or stopped with an
                           error, reps when none; its diagnostics are in `diags` */
    DiagList diags;
};

static void rep_progress(void *ctx, double f)
{
    Slot *slot = ctx;
    Shared *sh = slot->sh;
    pthread_mutex_lock(&sh->lock);
    sh->frac_sum += f - sh->frac[slot->rep];
    sh->frac[slot->rep] = f;
    if (sh->opt && sh->opt->progress) sh->opt->progress(sh->opt->progress_ctx, sh->frac_sum / sh->reps);
    pthread_mutex_unlock(&sh->lock);
}

static bool cancelled(const Shared *sh)
{
    return sh->opt && sh->opt->cancel && *sh->opt->cancel;
}

static void copy_diags(DiagList *to, const DiagList *from)
{
    for (int i = 0; i < from->n_items; i++) {
        const Diag *it = &from->items[i];
        if (it->level == DIAG_WARNING)
            diag_add_warning(to, it->path ? it->path : "", "%s", it->message);
        else
            diag_add(to, it->path ? it->path : "", "%s", it->message);
    }
}

/* Under the lock: replication r could not run (d says why). The lowest such r wins, so
 * that the message does not depend on the number of threads. */
static void fail(Shared *sh, int r, const DiagList *d)
{
    if (r < sh->failed_rep) {
        sh->failed_rep = r;
        diag_free(&sh->diags);
        diag_init(&sh->diags, NULL);
        copy_diags(&sh->diags, d);
    }
    pthread_cond_broadcast(&sh->turn);
}

static Results *run_one(Shared *sh, int r, DiagList *d)
{
    SimOptions o = sh->opt ? *sh->opt : sim_options_default();
    o.seed = derive_seed(o.has_seed ? o.seed : sh->model->scenario.seed, r);
    o.has_seed = true;
    o.progress = rep_progress;
    o.progress_ctx = &sh->slots[r];
    if (r > 0) o.partial = NULL; /* live figures: the first replication's */
    Engine *e = engine_create(sh->model, &o, d);
    if (!e) return NULL;
    Results *res = engine_run(e);
    engine_destroy(e);
    return res;
}

static void *worker(void *arg)
{
    Shared *sh = arg;
    pthread_mutex_lock(&sh->lock);
    for (;;) {
        /* replication 0 always runs, so that a cancelled run still has its figures */
        if (sh->next >= sh->reps || sh->next > sh->failed_rep || (sh->next > 0 && cancelled(sh))) break;
        if (sh->next >= sh->folded + sh->window) {
            pthread_cond_wait(&sh->turn, &sh->lock);
            continue;
        }
        int r = sh->next++;
        if (++sh->alive > sh->peak_alive) sh->peak_alive = sh->alive;
        pthread_mutex_unlock(&sh->lock);
        DiagList d;
        diag_init(&d, NULL);
        Results *res = run_one(sh, r, &d);
        if (res && results_take_error(res, &d)) {
            results_destroy(res);
            res = NULL;
        }
        pthread_mutex_lock(&sh->lock);
        sh->alive--;
        if (!res) {
            fail(sh, r, &d);
        } else {
            sh->held[r % sh->window] = res;
            if (++sh->n_held > sh->peak_held) sh->peak_held = sh->n_held;
            Results *next;
            while ((next = sh->held[sh->folded % sh->window]) != NULL) {
                sh->held[sh->folded % sh->window] = NULL;
                sh->n_held--;
                if (sh->folded < sh->failed_rep) summary_add(sh->sum, next);
                results_destroy(next);
                sh->folded++;
            }
            pthread_cond_broadcast(&sh->turn);
        }
        diag_free(&d);
    }
    pthread_mutex_unlock(&sh->lock);
    return NULL;
}

Summary *sim_replicate(const Model *m, const SimOptions *opt, int reps, int jobs, DiagList *d)
{
    if (reps < 1) reps = 1;
    if (jobs <= 0) jobs = cpu_count();
    if (jobs > reps) jobs = reps;
    Shared sh = {.model = m, .opt = opt, .reps = reps, .failed_rep = reps};
    sh.window = WINDOW_PER_JOB * jobs;
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.turn, NULL);
    diag_init(&sh.diags, NULL);
    sh.slots = xcalloc((size_t)reps, sizeof *sh.slots);
    for (int r = 0; r < reps; r++) sh.slots[r] = (Slot){&sh, r};
    sh.frac = xcalloc((size_t)reps, sizeof *sh.frac);
    sh.held = xcalloc((size_t)sh.window, sizeof *sh.held);
    sh.sum = summary_begin();
    if (jobs == 1) {
        worker(&sh);
    } else {
        pthread_t *th = xcalloc((size_t)jobs, sizeof *th);
        int started = 0;
        for (int t = 0; t < jobs; t++) started += pthread_create(&th[started], NULL, worker, &sh) == 0;
        if (started == 0) worker(&sh); /* no threads to be had: this one then */
        for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
        free(th);
    }
    Summary *s = NULL;
    if (sh.failed_rep < reps) {
        copy_diags(d, &sh.diags);
        summary_destroy(summary_finish(sh.sum));
    } else {
        s = summary_finish(sh.sum);
        s->mean->peak_engines = sh.peak_alive;
        s->mean->peak_held = sh.peak_held;
        results_find_bottleneck(m, s->mean);
    }
    for (int k = 0; k < sh.window; k++) results_destroy(sh.held[k]);
    free(sh.held);
    free(sh.frac);
    free(sh.slots);
    diag_free(&sh.diags);
    pthread_cond_destroy(&sh.turn);
    pthread_mutex_destroy(&sh.lock);
    return s;
}
