/*
 * batch.c - many designs, each replicated, all runs shared among threads (batch.h).
 *
 * Runs are taken in (design, replication) order; a finished run waits in `held` until
 * the runs of its design before it are folded, so memory holds about one run per
 * thread beyond what is being folded.
 */
#include "sim/batch.h"

#include <pthread.h>
#include <stdlib.h>

#include "sim/replicate.h"
#include "sim/requirements.h"
#include "sim/util.h"

typedef struct Batch {
    Model *const *models;
    int n, reps;
    const SimOptions *opt;
    BatchEach each;
    void *ctx;
    SummaryBuilder **builders;
    Results ***held; /* [n][reps] */
    int *folded;     /* [n] */
    char **errors;   /* [n]: the first error of a design's runs */
    int next, total, done;
    int shard_k, shard_n;
    pthread_mutex_t lock;
} Batch;

static bool cancelled(const Batch *b) { return b->opt->cancel && *b->opt->cancel; }

static void *worker(void *arg)
{
    Batch *b = arg;
    pthread_mutex_lock(&b->lock);
    while (b->next < b->total && !cancelled(b)) {
        int job = b->next++;
        int p = job / b->reps, r = job % b->reps;
        if (job % b->shard_n != b->shard_k - 1) continue; /* another shard's */
        if (!b->models[p] || b->errors[p]) {
            b->done++;
            continue;
        }
        pthread_mutex_unlock(&b->lock);
        SimOptions o = *b->opt;
        o.seed = derive_seed(o.has_seed ? o.seed : b->models[p]->scenario.seed, r);
        o.has_seed = true;
        o.progress = NULL;
        DiagList d;
        diag_init(&d, NULL);
        Engine *e = engine_create(b->models[p], &o, &d);
        Results *res = e ? engine_run(e) : NULL;
        engine_destroy(e);
        char *why = NULL;
        if (!res) why = xstrdup(d.n_items ? d.items[0].message : "the engine refused the design");
        else if (res->error) why = xstrdup(res->error);
        else if (res->cancelled) why = xstrdup("cancelled");
        diag_free(&d);
        pthread_mutex_lock(&b->lock);
        if (why) {
            if (b->each) b->each(b->ctx, p, r, b->models[p], NULL, why);
            if (!b->errors[p]) b->errors[p] = why;
            else free(why);
            results_destroy(res);
        } else {
            if (b->each) b->each(b->ctx, p, r, b->models[p], res, NULL);
            b->held[p][r] = res;
            /* another shard's replications are not waited for */
            while (b->folded[p] < b->reps && (int)((p * b->reps + b->folded[p]) % b->shard_n) != b->shard_k - 1)
                b->folded[p]++;
            while (b->folded[p] < b->reps && b->held[p][b->folded[p]]) {
                summary_add(b->builders[p], b->held[p][b->folded[p]]);
                results_destroy(b->held[p][b->folded[p]]);
                b->held[p][b->folded[p]] = NULL;
                b->folded[p]++;
                while (b->folded[p] < b->reps && (int)((p * b->reps + b->folded[p]) % b->shard_n) != b->shard_k - 1)
                    b->folded[p]++;
            }
        }
        b->done++;
        if (b->opt->progress) b->opt->progress(b->opt->progress_ctx, (double)b->done * b->shard_n / b->total);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

bool batch_run(Model *const *models, int n, int reps, int jobs, const SimOptions *opt, BatchEach each, void *ctx,
               Summary **summaries, char **errors)
{
    return batch_run_shard(models, n, reps, jobs, opt, 1, 1, each, ctx, summaries, errors);
}

bool batch_run_shard(Model *const *models, int n, int reps, int jobs, const SimOptions *opt, int shard_k, int shard_n,
                     BatchEach each, void *ctx, Summary **summaries, char **errors)
{
    SimOptions none = sim_options_default();
    Batch b = {.models = models, .n = n, .reps = reps < 1 ? 1 : reps, .opt = opt ? opt : &none, .each = each,
               .ctx = ctx, .shard_k = shard_k, .shard_n = shard_n < 1 ? 1 : shard_n};
    b.builders = xcalloc((size_t)n + 1, sizeof *b.builders);
    b.held = xcalloc((size_t)n + 1, sizeof *b.held);
    b.folded = xcalloc((size_t)n + 1, sizeof *b.folded);
    b.errors = errors;
    for (int i = 0; i < n; i++) {
        errors[i] = NULL;
        summaries[i] = NULL;
        b.builders[i] = summary_begin();
        b.held[i] = xcalloc((size_t)b.reps, sizeof **b.held);
    }
    b.total = n * b.reps;
    pthread_mutex_init(&b.lock, NULL);
    if (jobs <= 0) jobs = cpu_count();
    if (jobs > b.total) jobs = b.total;
    if (jobs <= 1) {
        worker(&b);
    } else {
        pthread_t *th = xcalloc((size_t)jobs, sizeof *th);
        int started = 0;
        for (int t = 0; t < jobs; t++) started += pthread_create(&th[started], NULL, worker, &b) == 0;
        if (started == 0) worker(&b);
        for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
        free(th);
    }
    pthread_mutex_destroy(&b.lock);
    bool stopped = cancelled(&b);
    for (int i = 0; i < n; i++) {
        Summary *s = summary_finish(b.builders[i]);
        for (int r = 0; r < b.reps; r++) results_destroy(b.held[i][r]);
        free(b.held[i]);
        if (models[i] && !errors[i] && b.folded[i] < b.reps) errors[i] = xstrdup("cancelled");
        if (!s && !errors[i] && models[i]) errors[i] = xstrdup("no run of this shard");
        if (models[i] && !errors[i] && s) {
            results_find_bottleneck(models[i], s->mean);
            summaries[i] = s;
        } else {
            summary_destroy(s);
        }
    }
    free(b.builders);
    free(b.held);
    free(b.folded);
    return !stopped;
}
