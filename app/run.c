/*
 * run.c - simulations from the board: a snapshot of the model runs on a worker thread
 * (SDL_CreateThread) through sim_replicate; the UI thread only ever takes a short lock
 * to copy the progress or pick up the finished Summary, so the window keeps drawing.
 * Cancel sets the engine's cancel flag; the worker ends within a bounded number of
 * events and its results are dropped, leaving the board as it was. Quitting never
 * waits on a worker for more than two seconds.
 *
 * Also here: the analytic estimate, refreshed on every model change, and the per-node
 * and per-edge view the canvas overlay draws (measured when the last run covers a node,
 * matched by id, else predicted).
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/analytic.h"
#include "sim/engine.h"
#include "sim/numfmt.h"
#include "sim/replicate.h"
#include "sim/requirements.h"
#include "sim/util.h"

struct SimJob {
    SDL_Thread *thread;
    SDL_mutex *lock;
    Model *model;          /* snapshot, owned by the job */
    SimOptions opt;
    int reps;
    unsigned version;      /* app->version of the snapshot */
    volatile int cancel;   /* polled by the engine */
    /* under lock */
    double progress;
    Summary *live;         /* the series so far (on_partial), not yet taken by run_poll */
    bool done;
    Summary *summary;
    DiagList diags;
    double wall_s;
    int live_rows;         /* worker only: rows in the last live summary made */
};

/* Live charts: a run shows its series so far once it has gone on this long (shorter runs
 * just finish: no flicker of half-drawn charts). */
#define LIVE_AFTER_MS 1000

static void on_progress(void *ctx, double frac)
{
    SimJob *j = ctx;
    SDL_LockMutex(j->lock);
    j->progress = frac;
    SDL_UnlockMutex(j->lock);
}

/* The engine's results so far (worker thread): their complete series rows copied into a
 * summary of their own, handed over under the lock, for the UI thread to take. */
static void on_partial(void *ctx, const Results *r, int rows)
{
    SimJob *j = ctx;
    if (rows <= j->live_rows) return;
    j->live_rows = rows;
    Summary *s = xcalloc(1, sizeof *s);
    s->n_runs = 1;
    s->mean = results_series_copy(j->model, r, rows);
    s->half = results_series_copy(j->model, r, 0);
    SDL_LockMutex(j->lock);
    Summary *old = j->live;
    j->live = s;
    SDL_UnlockMutex(j->lock);
    summary_destroy(old);
}

static int worker(void *ctx)
{
    SimJob *j = ctx;
    uint64_t t0 = SDL_GetPerformanceCounter();
    DiagList d;
    diag_init(&d, NULL);
    Summary *s = sim_replicate(j->model, &j->opt, j->reps, 0, &d);
    double wall = (double)(SDL_GetPerformanceCounter() - t0) / (double)SDL_GetPerformanceFrequency();
    SDL_LockMutex(j->lock);
    j->summary = s;
    j->diags = d;
    j->wall_s = wall;
    j->done = true;
    SDL_UnlockMutex(j->lock);
    return 0;
}

static void job_free(SimJob *j)
{
    if (!j) return;
    summary_destroy(j->summary);
    summary_destroy(j->live);
    diag_free(&j->diags);
    model_destroy(j->model);
    if (j->lock) SDL_DestroyMutex(j->lock);
    free(j);
}

bool run_active(const App *app) { return app->job != NULL; }

int run_replications(const Model *m)
{
    int reps = 1;
    cJSON *r = meta_app_get(m->meta_json, "replications");
    if (cJSON_IsNumber(r) && r->valuedouble >= 1 && r->valuedouble <= 1000) reps = (int)r->valuedouble;
    cJSON_Delete(r);
    return reps;
}

char *run_meta_with_replications(const char *meta_json, int reps)
{
    cJSON *v = reps > 1 ? cJSON_CreateNumber(reps) : NULL;
    char *out = meta_app_set(meta_json, "replications", v);
    cJSON_Delete(v);
    return out;
}

/* The work of a run of m, from the flow (analytic_work): events and wall seconds on
 * this machine for its replications on every core. */
typedef struct RunWork {
    double events;   /* all replications */
    double wall_s;
    bool unbounded;
} RunWork;

static RunWork run_work(const Model *m, int reps)
{
    Estimate est;
    analytic_estimate(m, &est);
    WorkEstimate w = analytic_work(m, &est, m->scenario.warmup_s, m->scenario.duration_s);
    estimate_free(&est);
    return (RunWork){w.events * reps, analytic_work_wall_s(w.events, reps, 0), w.unbounded};
}

/* Past the ceiling the CLI refuses without --force: the app asks. */
static void ask_long_run(App *app, const RunWork *w, int reps)
{
    char title[160], text[900], tm[64], ev[64], sim[NUMFMT_CAP], rate[64];
    const Model *m = app->model;
    double sim_s = m->scenario.warmup_s + m->scenario.duration_s;
    if (sim_s == floor(sim_s)) numfmt_grouped(sim_s, ",", sim, sizeof sim);
    else numfmt_exact(sim_s, sim, sizeof sim);
    numfmt_count_words(analytic_events_per_s(), rate, sizeof rate);
    if (w->unbounded) {
        snprintf(title, sizeof title, _("This run has no end in sight"));
        snprintf(text, sizeof text,
                 _("An async cycle multiplies its traffic on every lap (the modelling problem in the "
                 "Scenario panel names it), so only full queues and the simulator's safety valve would "
                 "stop this run. Damp the cycle (a fan-out below 1 on the way back, or a rate limit) to "
                 "get figures that mean something. A running run can be cancelled at any time."));
    } else {
        snprintf(title, sizeof title, _("This run would take about %s"),
                 numfmt_duration_words(w->wall_s, tm, sizeof tm));
        snprintf(text, sizeof text,
                 P_("It is about %s events (%d replication of %s simulated seconds), and this machine "
                    "simulates about %s a second on each core. A shorter duration or fewer replications "
                    "(Run settings) or lower rates make it shorter: steady-state figures need far less. A "
                    "running run can be cancelled at any time.",
                    "It is about %s events (%d replications of %s simulated seconds), and this machine "
                    "simulates about %s a second on each core. A shorter duration or fewer replications "
                    "(Run settings) or lower rates make it shorter: steady-state figures need far less. A "
                    "running run can be cancelled at any time.", reps),
                 numfmt_count_words(w->events, ev, sizeof ev), reps, sim, rate);
    }
    app_confirm_run(app, title, text);
}

bool run_start(App *app) { return run_start_ex(app, false); }

bool run_start_ex(App *app, bool anyway)
{
    if (app->job) return false;
    app_validate(app);
    int errors = diag_errors(&app->problems);
    if (errors) {
        app_set_status(app, true, P_("Cannot run: the design has %d problem (click the count to see it)",
                                     "Cannot run: the design has %d problems (click the count to see them)", errors),
                       errors);
        return false;
    }
    if (app->model->n_nodes == 0) {
        app_set_status(app, true, _("Nothing to run: the board is empty"));
        return false;
    }
    if (app->model->scenario.n_requests == 0) {
        app_set_status(app, true, _("Nothing to run: no request types. Add one in the Scenario panel (who sends it, "
                                  "read or write, how many per second)"));
        scenario_panel_goto(app, "requests", -1, NULL);
        return false;
    }
    int reps = run_replications(app->model);
    RunWork work = run_work(app->model, reps);
    if (!anyway && (work.unbounded || !(work.wall_s <= ANALYTIC_WORK_CEILING_S))) {
        ask_long_run(app, &work, reps);
        return false;
    }
    SimJob *j = xcalloc(1, sizeof *j);
    j->model = model_clone(app->model);
    j->lock = SDL_CreateMutex();
    j->opt = sim_options_default();
    j->opt.progress = on_progress;
    j->opt.progress_ctx = j;
    j->opt.partial = on_partial;
    j->opt.partial_ctx = j;
    j->opt.cancel = &j->cancel;
    int nt = j->model->scenario.n_requests;
    if (app->trace_type >= nt) app->trace_type = 0;
    j->opt.trace_request = nt > 0 ? app->trace_type : -1;
    j->reps = reps;
    j->version = app->version;
    diag_init(&j->diags, NULL);
    j->thread = j->lock ? SDL_CreateThread(worker, "archsim-sim", j) : NULL;
    if (!j->thread) {
        app_set_status(app, true, _("Cannot start the simulation: %s"), SDL_GetError());
        job_free(j);
        return false;
    }
    app->job = j;
    app->run_progress = 0;
    app->run_cancelling = false;
    app->run_started_ms = SDL_GetTicks();
    app->run_expected_s = work.unbounded ? INFINITY : work.wall_s;
    if (work.unbounded || work.wall_s > 60) {
        char tm[64], ev[64];
        app_set_status(app, false, _("Running: about %s on this machine (%s events). Cancel stops it at once."),
                       work.unbounded ? _("as long as the safety valve lets it") : numfmt_duration_words(work.wall_s, tm, sizeof tm),
                       numfmt_count_words(work.events, ev, sizeof ev));
    }
    app->needs_frame = true;
    return true;
}

void run_cancel(App *app)
{
    if (!app->job) return;
    app->job->cancel = 1;
    app->run_cancelling = true;
    app_set_status(app, false, _("Cancelling the run\xE2\x80\xA6"));
}

void run_poll(App *app)
{
    SimJob *j = app->job;
    if (!j) return;
    Summary *live = NULL;
    bool long_run = SDL_GetTicks() - app->run_started_ms >= LIVE_AFTER_MS;
    SDL_LockMutex(j->lock);
    bool done = j->done;
    app->run_progress = j->progress;
    if (!done && long_run && !j->cancel) {
        live = j->live;
        j->live = NULL;
    }
    SDL_UnlockMutex(j->lock);
    if (live) { /* the charts fill in while a long run goes on */
        summary_destroy(app->live);
        app->live = live;
        app->live_model = j->model;
        if (app->drawer_h <= 0) {
            app->drawer_h = 270;
            app->drawer_tab = TAB_CHARTS;
            app->needs_fit = true;
            app->live_opened = true;
        }
        app->needs_frame = true;
    }
    if (!done) return;
    summary_destroy(app->live);
    app->live = NULL;
    app->live_model = NULL;
    if (app->live_opened && (j->cancel || !j->summary || j->summary->mean->cancelled)) {
        app->drawer_h = 0; /* nothing to show after all: the board as it was */
        app->needs_fit = true;
    }
    app->live_opened = false;
    SDL_WaitThread(j->thread, NULL); /* finished: returns at once */
    j->thread = NULL;
    app->job = NULL;
    if (j->cancel || (j->summary && j->summary->mean->cancelled)) {
        app_set_status(app, false, _("Run cancelled; the board shows the previous results"));
    } else if (!j->summary) {
        dialog_show_diags(app, _("The simulation could not run to its end"), &j->diags);
    } else {
        model_destroy(app->prev_model);
        summary_destroy(app->prev);
        app->prev_model = app->res_model;
        app->prev = app->res;
        app->res_model = j->model;
        app->res = j->summary;
        app->res_wall_s = j->wall_s;
        j->model = NULL;
        j->summary = NULL;
        app->res_serial++;
        app->res_version = j->version;
        if (app->drawer_h <= 0) {
            app->drawer_h = 270;
            app->needs_fit = true; /* the canvas shrinks: keep the diagram in view */
        }
        const Results *r = app->res->mean;
        char dur[NUMFMT_CAP], warm[NUMFMT_CAP], took[NUMFMT_CAP];
        numfmt_decimal(r->duration_s, 6, dur, sizeof dur);
        numfmt_ms_in(1000 * app->res_wall_s, tr_lang(), took, sizeof took);
        const char *reps = app->res->n_runs > 1 ? _(" (replications averaged)") : "";
        if (r->warmup_s > 0) /* the run simulated the warm-up too: say what was measured */
            app_set_status(app, false, _("Run done: %s s measured after a %s s warm-up, simulated in %s%s"), dur,
                           numfmt_decimal(r->warmup_s, 6, warm, sizeof warm), took, reps);
        else
            app_set_status(app, false, _("Run done: %s s simulated in %s%s"), dur, took, reps);
    }
    job_free(j);
    app->needs_frame = true;
}

void run_discard(App *app)
{
    if (app->job) app->job->cancel = 1; /* its results are dropped when it ends */
    summary_destroy(app->live);
    app->live = NULL;
    app->live_model = NULL;
    model_destroy(app->res_model);
    summary_destroy(app->res);
    model_destroy(app->prev_model);
    summary_destroy(app->prev);
    app->res_model = app->prev_model = NULL;
    app->res = app->prev = NULL;
    app->res_serial++;
    app->drawer_h = 0;
}

/* The run's nodes named as the board names them now: the run's snapshot with each node's
 * label as its board node shows it (renamed since the run, or translated), so what the
 * app says of the run and the board agree ("the busiest node, Service" under a box that
 * says Orders API). Made again when the results, the model or the language change. */
const Model *run_named_model(App *app)
{
    if (!app->res_model) return NULL;
    /* the live run's charts: its snapshot was taken from the board as it is now */
    if (app->live_model && app->res_model == app->live_model) return app->res_model;
    if (app->named_model && app->named_from == app->res_model && app->named_serial == app->res_serial &&
        app->named_version == app->version && strcmp(app->named_lang, app->lang) == 0)
        return app->named_model;
    model_destroy(app->named_model);
    Model *named = model_clone(app->res_model);
    const Model *m = app->model;
    bool renamed = app_ids_changed_since_run(app);
    for (int k = 0; k < named->n_nodes; k++) {
        const char *id = named->nodes[k].id;
        int i = !renamed && k < m->n_nodes && id && m->nodes[k].id && strcmp(m->nodes[k].id, id) == 0 ? k
                                                                                                      : app_result_node(app, id);
        if (i < 0 || !m->nodes[i].label || !*m->nodes[i].label) continue;
        free(named->nodes[k].label);
        named->nodes[k].label = xstrdup(node_label_shown(&m->nodes[i]));
    }
    app->named_model = named;
    app->named_from = app->res_model; /* the live run's, while its charts are drawn */
    app->named_serial = app->res_serial;
    app->named_version = app->version;
    snprintf(app->named_lang, sizeof app->named_lang, "%s", app->lang);
    return named;
}

void run_free(App *app)
{
    if (app->job) {
        SimJob *j = app->job;
        j->cancel = 1;
        /* The engine looks at the flag every few thousand events, so this is quick; still,
         * quitting never waits on it for more than two seconds: past that the worker is
         * left to the process's exit, with its job (it only touches that). */
        bool done = false;
        for (int k = 0; k < 200 && !done; k++) {
            SDL_LockMutex(j->lock);
            done = j->done;
            SDL_UnlockMutex(j->lock);
            if (!done) SDL_Delay(10);
        }
        if (done) {
            SDL_WaitThread(j->thread, NULL);
            j->thread = NULL;
            job_free(j);
        } else {
            fprintf(stderr, "archsim: the simulation did not stop within 2 s; leaving it to exit\n");
            SDL_DetachThread(j->thread);
        }
        app->job = NULL;
    }
    summary_destroy(app->live);
    app->live = NULL;
    app->live_model = NULL;
    model_destroy(app->res_model);
    summary_destroy(app->res);
    model_destroy(app->prev_model);
    summary_destroy(app->prev);
    app->res_model = app->prev_model = NULL;
    app->res = app->prev = NULL;
    estimate_free(&app->est);
    RunView *v = &app->view;
    free(v->nodes);
    free(v->fill);
    free(v->border);
    free(v->dashed);
    free(v->edge_w);
    free(v->edge_rps);
    free(v->edge_measured);
    memset(v, 0, sizeof *v);
    model_destroy(app->named_model);
    app->named_model = NULL;
}

/* ---- the overlay's view of each node and edge ----------------------------------------------- */

Color run_backed_color(void) { return hex(0x475569); }

Color run_util_color(double util)
{
    if (util > 0.85) return hex(0xEF4444);
    if (util >= 0.60) return hex(0xF59E0B);
    return hex(0x10B981);
}

void run_refresh_view(App *app)
{
    const Model *m = app->model;
    if (!app->est_valid || app->est_version != app->sem_version) {
        estimate_free(&app->est);
        analytic_estimate(m, &app->est);
        app->est_version = app->sem_version;
        app->est_valid = true;
    }
    if (app->lint_version != app->sem_version) {
        lint_free(&app->lint);
        lint_init(&app->lint);
        lint_model_with(m, &app->est, &app->lint);
        app->lint_version = app->sem_version;
    }
    RunView *v = &app->view;
    if (v->nodes && v->version == app->version && v->serial == app->res_serial) return;
    v->version = app->version;
    v->serial = app->res_serial;
    if (m->n_nodes + 1 > v->cap_nodes) {
        v->cap_nodes = m->n_nodes + 64;
        v->nodes = xrealloc(v->nodes, (size_t)v->cap_nodes * sizeof *v->nodes);
        v->fill = xrealloc(v->fill, (size_t)v->cap_nodes * sizeof *v->fill);
        v->dashed = xrealloc(v->dashed, (size_t)v->cap_nodes * sizeof *v->dashed);
        v->border = xrealloc(v->border, (size_t)v->cap_nodes * sizeof *v->border);
    }
    if (m->n_edges + 1 > v->cap_edges) {
        v->cap_edges = m->n_edges + 64;
        v->edge_w = xrealloc(v->edge_w, (size_t)v->cap_edges * sizeof *v->edge_w);
        v->edge_rps = xrealloc(v->edge_rps, (size_t)v->cap_edges * sizeof *v->edge_rps);
        v->edge_measured = xrealloc(v->edge_measured, (size_t)v->cap_edges * sizeof *v->edge_measured);
    }
    const Results *r = app->res ? app->res->mean : NULL;
    /* Over capacity or backed up by whom, by the run's own model (rows by result index). */
    bool *res_over = NULL;
    int *res_backed = NULL;
    if (r && app->res_model && app->res_model->n_nodes == r->n_nodes) {
        res_over = xcalloc((size_t)r->n_nodes + 1, sizeof *res_over);
        res_backed = node_backed_up_all(app->res_model, r, res_over);
    }
    /* with no bottleneck, the node full for a while (a failure, a surge), or -1 */
    FullAtTimes res_fw = {0};
    int res_full = res_over ? results_full_at_times(app->res_model, r, &res_fw) : -1;
    v->full = res_fw;
    /* Results rows by id: a sorted index would do for huge boards; a hash of the ids
     * is not worth it at 500 nodes (once per change, not per frame). A node renamed since
     * the run (its id followed its label) is found by the ids it had (node_res). */
    int *node_res = NULL;
    if (r && app_ids_changed_since_run(app)) {
        node_res = xmalloc(((size_t)m->n_nodes + 1) * sizeof *node_res);
        for (int i = 0; i < m->n_nodes; i++) node_res[i] = -1;
        for (int k = 0; k < r->n_nodes; k++) {
            int i = app_result_node(app, r->node_ids[k]);
            if (i >= 0) node_res[i] = k;
        }
    }
    for (int i = 0; i < m->n_nodes; i++) {
        NodeView *nv = &v->nodes[i];
        const NodeEstimate *ne = i < app->est.n_nodes ? &app->est.nodes[i] : NULL;
        nv->res = -1;
        if (r && node_res) {
            nv->res = node_res[i];
        } else if (r) {
            if (i < r->n_nodes && strcmp(r->node_ids[i], m->nodes[i].id) == 0) nv->res = i;
            else
                for (int k = 0; k < r->n_nodes; k++)
                    if (strcmp(r->node_ids[k], m->nodes[i].id) == 0) {
                        nv->res = k;
                        break;
                    }
        }
        if (nv->res >= 0) {
            const double *f = r->nodes[nv->res];
            nv->measured = true;
            nv->util = f[NF_UTILISATION];
            /* a consumer capped by its queue's partitions: the share of the slots they let
             * it use (4 of 32 full read 12%, green, beside "over capacity") */
            double usable_share;
            int usable, slots;
            if (app->res_model && node_usable_share(app->res_model, r, nv->res, &usable_share, &usable, &slots))
                nv->util = usable_share;
            nv->rate_rps = f[NF_THROUGHPUT_RPS];
            /* A client serves nothing: its rate is what it sent, answered or not, as the
             * estimate's badge before a run (its types' answered rate read 921 rps on a
             * client sending 1.1k beside a full queue) */
            if (m->nodes[i].kind == NODE_CLIENT) nv->rate_rps = r->duration_s > 0 ? f[NF_ARRIVALS] / r->duration_s : 0;
            nv->drops = f[NF_DROPS];
            nv->over = res_over && res_over[nv->res];
            nv->backed_up_by = -1;
            if (res_backed && res_backed[nv->res] >= 0)
                nv->backed_up_by = app_result_node(app, r->node_ids[res_backed[nv->res]]);
            /* full for a while (a failure, a surge) with nothing over the whole run */
            nv->full_at_times = res_over && nv->res == res_full;
            nv->over |= nv->full_at_times;
            /* its slots held waiting for the node full at times: backed up by it, then */
            nv->held_at_times = res_full >= 0 && res_fw.held == nv->res && !nv->over;
            if (nv->held_at_times) nv->backed_up_by = app_result_node(app, r->node_ids[res_full]);
            nv->near = nv->util > 0.85;
        } else {
            nv->measured = false;
            nv->full_at_times = nv->held_at_times = false;
            nv->util = ne ? ne->utilisation : 0;
            nv->rate_rps = ne ? ne->arrival_rps : 0;
            if (m->nodes[i].kind == NODE_CLIENT && app->est_valid) {
                /* what its request types send, answered or not, as a run's badge counts */
                nv->rate_rps = 0;
                for (int t = 0; t < m->scenario.n_requests && t < app->est.n_requests; t++) {
                    int c = model_request_client(m, &m->scenario.requests[t]);
                    if (c == i) nv->rate_rps += app->est.request_offered_rps[t];
                }
            }
            nv->drops = ne ? ne->rejected_rps + ne->admitted_rps - ne->served_rps : 0;
            nv->over = ne && ne->over_capacity;
            nv->backed_up_by = ne ? ne->backed_up_by : -1;
            nv->near = ne && ne->near_capacity;
        }
        Color c = run_util_color(nv->util);
        bool client = m->nodes[i].kind == NODE_CLIENT;
        bool backed = nv->backed_up_by >= 0 && !nv->over;
        v->dashed[i] = backed;
        if (client) {
            v->fill[i] = theme.node_fill;
            v->border[i] = theme.node_border;
        } else if (nv->measured) {
            /* Coloured by utilisation; one that waits on an over-capacity node is framed
             * by a dashed slate border instead of its band's colour. */
            v->fill[i] = tint(c, 0.90f);
            v->border[i] = backed ? run_backed_color() : c;
        } else {
            /* Predicted only: a quiet white box, flagged when at or near capacity, with a
             * dashed slate border when backed up by another. */
            v->fill[i] = nv->over ? tint(theme.danger, 0.9f) : theme.node_fill;
            v->border[i] = nv->over ? theme.danger
                           : backed ? run_backed_color()
                           : (nv->near ? theme.warning : theme.node_border);
        }
    }
    free(res_over);
    free(res_backed);
    free(node_res);
    /* Edge traffic: measured by the run where the edge was in the run's snapshot (same
     * ends, found as the nodes are), else the analytic rate. */
    double max_rps = 0;
    const Model *rm = app->res ? app->res_model : NULL;
    /* renamed since the run: each run edge's ends as board nodes, once */
    int *run_ends = NULL;
    if (r && rm && r->n_edges == rm->n_edges && app_ids_changed_since_run(app)) {
        run_ends = xmalloc(2 * ((size_t)rm->n_edges + 1) * sizeof *run_ends);
        for (int k = 0; k < rm->n_edges; k++) {
            run_ends[2 * k] = rm->edges[k].from ? app_result_node(app, rm->edges[k].from) : -1;
            run_ends[2 * k + 1] = rm->edges[k].to ? app_result_node(app, rm->edges[k].to) : -1;
        }
    }
    for (int i = 0; i < m->n_edges; i++) {
        double rps = i < app->est.n_edges ? app->est.edge_rps[i] : 0;
        int measured = -1;
        if (r && rm && r->n_edges == rm->n_edges) {
            const Edge *e = &m->edges[i];
            int a = run_ends ? model_find_node(m, e->from) : -1, b = run_ends ? model_find_node(m, e->to) : -1;
            for (int k = 0; k < rm->n_edges && measured < 0; k++) {
                int at = (i + k) % rm->n_edges; /* the same index first */
                if (!rm->edges[at].from || !rm->edges[at].to || !e->from || !e->to) continue;
                if (run_ends ? run_ends[2 * at] >= 0 && run_ends[2 * at] == a && run_ends[2 * at + 1] == b
                             : strcmp(rm->edges[at].from, e->from) == 0 && strcmp(rm->edges[at].to, e->to) == 0)
                    measured = at;
            }
        }
        if (measured >= 0) rps = r->edges[measured][EF_RATE_RPS];
        if (!isfinite(rps) || rps < 0) rps = 0;
        v->edge_rps[i] = rps;
        v->edge_measured[i] = measured >= 0;
        if (rps > max_rps) max_rps = rps;
    }
    free(run_ends);
    for (int i = 0; i < m->n_edges; i++) {
        double rps = v->edge_rps[i];
        /* Width on a log scale: 1.2 points for a trickle, 5 for the busiest edge. */
        float w = 1.4f;
        if (max_rps > 0 && rps > 0) w = 1.2f + 3.8f * (float)(log1p(rps) / log1p(max_rps));
        v->edge_w[i] = w;
    }
}
