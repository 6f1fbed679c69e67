/*
 * fuzz_run.c - libFuzzer target for a short simulation of any diagram that loads.
 *
 * The bytes are a diagram file. When it loads (and so validates), it is simulated for
 * 0.05 s after a 0.01 s warm-up, then everything a run feeds is made from the results:
 * the text, JSON and CSV reports, the grade in English and Russian, the bottleneck
 * sentence and the traced request's failure sentence. The same run is made twice and
 * the two JSON reports must be byte-identical (same file + same seed).
 *
 * An input must not be able to ask for unbounded work, or every slow input would be
 * the fuzzer's finding. The engine has no budget of events for a whole run (it has one
 * per instant and a cancel flag), so the harness bounds the work itself:
 *  - the traffic is scaled down, by one factor, until the analytic estimate's calls over
 *    the run (requests plus calls along every edge) are at most RUN_WORK (to
 *    UNBOUNDED_RPS requests a second in all when the estimate has no bound: an async
 *    cycle that amplifies);
 *  - heavy-tailed fan-outs are capped at FANOUT_CAP per call, retries at RETRIES_CAP,
 *    surges at SURGE_CAP (the estimate counts none of them);
 *  - the engine's budget of events at one instant is its least (65536): work that takes
 *    no simulated time stops the run with an error at once;
 *  - a run still going after CANCEL_AFTER_S of wall time is cancelled from the
 *    progress callback.
 * The scenario's events are compressed into the run (their times scaled by the run's
 * length over the scenario's), so that failures, surges and slowdowns happen in it.
 * The scaled model must still validate; it is what is simulated. See docs/testing.md.
 *
 * Build and run: docs/testing.md ("Running a fuzzer").
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/analytic.h"
#include "sim/engine.h"
#include "sim/grade.h"
#include "sim/model_json.h"
#include "sim/replicate.h"
#include "sim/report.h"
#include "sim/requirements.h"

#define RUN_DURATION_S 0.05
#define RUN_WARMUP_S 0.01
#define RUN_WORK 5000.0    /* calls the estimate predicts over the whole run, at most */
#define FANOUT_CAP 1000.0  /* largest draw of a heavy-tailed fan-out */
#define RETRIES_CAP 3
#define SURGE_CAP 10.0
#define UNBOUNDED_RPS 100.0 /* traffic when the estimate has no bound */
#define CANCEL_AFTER_S 0.5 /* wall time; libFuzzer's -timeout=1 catches what ignores it */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_run: %s\n", what);
        abort();
    }
}

static double wall_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct Budget {
    double start_s;
    volatile int cancel;
} Budget;

static void on_progress(void *ctx, double frac)
{
    Budget *b = ctx;
    (void)frac;
    if (wall_s() - b->start_s > CANCEL_AFTER_S) b->cancel = 1;
}

static void cap_fanout(Dist *d)
{
    if (d->kind == DIST_EXPONENTIAL || d->kind == DIST_LOGNORMAL || d->kind == DIST_PARETO)
        if (d->cap == 0 || d->cap > FANOUT_CAP) d->cap = fmax(FANOUT_CAP, d->mean);
}

/* Scale m down as the top comment says (an estimate with no bound, an async cycle that
 * amplifies, scales to UNBOUNDED_RPS requests a second in all). Always true. */
static bool bound_work(Model *m)
{
    for (int k = 0; k < m->n_edges; k++) {
        Edge *e = &m->edges[k];
        cap_fanout(&e->fanout);
        if (e->retries > RETRIES_CAP) e->retries = RETRIES_CAP;
    }
    double total = m->scenario.warmup_s + m->scenario.duration_s;
    double squeeze = total > 0 ? (RUN_DURATION_S + RUN_WARMUP_S) / total : 1;
    for (int i = 0; i < m->scenario.n_events; i++) {
        ScenarioEvent *ev = &m->scenario.events[i];
        if (ev->action == EVENT_SURGE && ev->factor > SURGE_CAP) ev->factor = SURGE_CAP;
        if (squeeze < 1) {
            ev->at_s *= squeeze;
            ev->for_s *= squeeze;
        }
    }
    Estimate est;
    analytic_estimate(m, &est);
    double per_s = 0;
    for (int t = 0; t < est.n_requests; t++) per_s += est.request_rate_rps[t];
    for (int k = 0; k < est.n_edges; k++) per_s += est.edge_rps[k];
    estimate_free(&est);
    double rps = 0;
    for (int t = 0; t < m->scenario.n_requests; t++) {
        const RequestType *r = &m->scenario.requests[t];
        rps += r->users > 0 ? r->users : r->rate_rps;
    }
    double work = per_s * (RUN_DURATION_S + RUN_WARMUP_S);
    double f = isfinite(work) ? RUN_WORK / work : rps > 0 ? UNBOUNDED_RPS / rps : 1;
    if (f >= 1) return true;
    for (int t = 0; t < m->scenario.n_requests; t++) {
        RequestType *r = &m->scenario.requests[t];
        r->rate_rps *= f;
        if (r->users > 0) r->users = (int)fmax(1, floor(r->users * f));
    }
    return true;
}

static char *run_report(const Model *m, bool *cancelled)
{
    Budget b = {wall_s(), 0};
    SimOptions opt = sim_options_default();
    opt.duration_s = RUN_DURATION_S;
    opt.warmup_s = RUN_WARMUP_S;
    opt.progress = on_progress;
    opt.progress_ctx = &b;
    opt.cancel = &b.cancel;
    opt.instant_budget = 65536; /* the least: work that takes no time stops at once */
    opt.trace_request = m->scenario.n_requests > 0 ? 0 : -1;
    opt.trace_at_s = 0;
    DiagList d;
    diag_init(&d, "fuzz-run");
    Summary *s = sim_replicate(m, &opt, 1, 1, &d);
    diag_free(&d);
    if (!s) return NULL; /* the engine refused it (an impossible distribution) */
    *cancelled = s->mean->cancelled;

    free(report_text(m, s));
    free(report_csv(m, s));
    static const char *const langs[] = {NULL, "ru"};
    for (size_t k = 0; k < sizeof langs / sizeof *langs; k++) {
        Grade *g = grade_create_in(m, s, langs[k]);
        free(grade_text(m, s, g, langs[k]));
        free(grade_json(m, s, g, langs[k]));
        grade_destroy(g);
        free(bottleneck_why_in(m, s->mean, langs[k]));
    }
    free(trace_failure(m, s->mean, NAMING_LABEL_AND_ID));
    trace_slowest_hop(s->mean);
    char *json = report_json(m, s);
    summary_destroy(s);
    return json;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384) return 0;
    DiagList d;
    diag_init(&d, "fuzz");
    Model *m = model_from_json((const char *)data, size, &d);
    diag_free(&d);
    if (!m) return 0;
    if (bound_work(m)) {
        DiagList dv;
        diag_init(&dv, "fuzz-scaled");
        bool valid = model_validate(m, &dv);
        diag_free(&dv);
        if (valid) {
            bool c1 = false, c2 = false;
            char *a = run_report(m, &c1);
            if (a && !c1) {
                char *b = run_report(m, &c2);
                check(b != NULL, "a model the engine took once it takes again");
                if (!c2) check(strcmp(a, b) == 0, "same file + same seed = byte-identical report");
                free(b);
            }
            free(a);
        }
    }
    model_destroy(m);
    return 0;
}
