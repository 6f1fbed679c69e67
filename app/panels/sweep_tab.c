/*
 * sweep_tab.c - the drawer's Sweep tab (sweep_tab.h).
 */
#include "sweep_tab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app.h"
#include "panel.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/schema.h"
#include "sim/requirements.h"
#include "sim/util.h"
#include "task.h"

/* The runs of a sweep so far, for its chart while it runs: filled by the sweep's threads
 * (SweepSpec.ran), read by the UI thread, each under `lock`. */
enum { LIVE_LIMITS = 8 };
typedef struct LiveRun {
    double x, p50_ms, p99_ms; /* NAN: nothing of the type completed */
    bool pass;                /* every requirement, on this run alone */
} LiveRun;
typedef struct SweepLive {
    SDL_mutex *lock;
    int type;                 /* the request type charted, as the sweep's chart will (n_types: all) */
    char type_name[80];
    double x0, x1;            /* the values swept */
    int n_limits;             /* the latency limits on that type */
    double limit_ms[LIVE_LIMITS];
    char limit_name[LIVE_LIMITS][160];
    LiveRun *runs;
    int n, cap;
} SweepLive;

/* What a sweep works on and gives back (the payload of its Task). */
typedef struct SweepWork {
    Model *model;        /* snapshot, owned */
    SweepSpec spec;
    double *values;
    char *target;
    Sweep *result;
    SweepLive live;
    char error[400];
} SweepWork;

/* SweepSpec.ran: one more run for the live chart. */
static void live_ran(void *ctx, double x, int rep, const Model *m, const Results *r)
{
    (void)rep;
    SweepLive *l = ctx;
    const double *f = r->types[l->type];
    LiveRun run = {x, NAN, NAN, false};
    if (f[TF_COMPLETED] - f[TF_ERRORS] > 0) run.p50_ms = f[TF_P50_MS], run.p99_ms = f[TF_P99_MS];
    Verdict *v = NULL;
    requirements_check(m, r, NULL, &v, &run.pass);
    free(v);
    SDL_LockMutex(l->lock);
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->runs = xrealloc(l->runs, (size_t)l->cap * sizeof *l->runs);
    }
    l->runs[l->n++] = run;
    SDL_UnlockMutex(l->lock);
}

/* The runs so far (none without a sweep running). */
static int live_count(SweepLive *l)
{
    if (!l) return 0;
    SDL_LockMutex(l->lock);
    int n = l->n;
    SDL_UnlockMutex(l->lock);
    return n;
}

/* What the live chart shows of `m`: the request type the sweep's chart will show
 * (sweep_default_chart_type: the first with a latency limit, else all), its limits. */
static void live_init(SweepLive *l, const Model *m, const double *values, int n)
{
    l->lock = SDL_CreateMutex();
    int types = m->scenario.n_requests;
    l->type = types;
    for (int q = 0; q < m->scenario.n_requirements && l->type == types; q++) {
        SweepLimit lim = sweep_limit_of(m, q);
        if (lim.latency && lim.type >= 0) l->type = lim.type;
    }
    snprintf(l->type_name, sizeof l->type_name, "%s", l->type == types ? _("All request types") : m->scenario.requests[l->type].name);
    l->x0 = l->x1 = values[0];
    for (int i = 1; i < n; i++) l->x0 = fmin(l->x0, values[i]), l->x1 = fmax(l->x1, values[i]);
    for (int q = 0; q < m->scenario.n_requirements && l->n_limits < LIVE_LIMITS; q++) {
        SweepLimit lim = sweep_limit_of(m, q);
        if (lim.latency && lim.max > 0 && (lim.type == l->type || lim.type < 0)) {
            char *d = requirement_describe_in(m, q, tr_lang());
            snprintf(l->limit_name[l->n_limits], sizeof l->limit_name[0], "%s", d);
            free(d);
            l->limit_ms[l->n_limits++] = lim.max;
        }
    }
}

static void work(Task *t, void *payload)
{
    SweepWork *w = payload;
    w->spec.opt.cancel = task_cancel_flag(t);
    w->spec.opt.progress = task_progress;
    w->spec.opt.progress_ctx = t;
    DiagList d;
    diag_init(&d, NULL);
    w->result = sweep_run(w->model, &w->spec, &d);
    if (!w->result) snprintf(w->error, sizeof w->error, "%s", d.n_items ? d.items[0].message : _("the sweep could not start"));
    diag_free(&d);
}

static void work_free(SweepWork *w)
{
    if (!w) return;
    if (w->live.lock) SDL_DestroyMutex(w->live.lock);
    free(w->live.runs);
    sweep_destroy(w->result);
    model_destroy(w->model);
    free(w->values);
    free(w->target);
    free(w);
}

static void defaults(App *app)
{
    SweepView *v = &app->sv;
    if (v->has_defaults) return;
    v->has_defaults = true;
    /* in the language's style, as every field shows a number ("0,25" in Russian) */
    numfmt_decimal(0.25, 4, v->from, sizeof v->from);
    numfmt_decimal(2, 4, v->to, sizeof v->to);
    numfmt_decimal(0.25, 4, v->step, sizeof v->step);
    snprintf(v->reps, sizeof v->reps, "3");
    v->sel = -1;
    v->followed = -1;
}

/* ---- "A number in the design": a node's or an edge's number, picked on the board ------ */

/* The numbers of element `elem` (node i; edge i as n_nodes + i) a sweep can vary, into
 * out[cap]; returns how many. Not the board position. */
static int elem_fields(const Model *m, int elem, const FieldDesc **out, int cap)
{
    bool node = elem < m->n_nodes;
    int n = 0;
    for (const FieldDesc *f = node ? schema_node_fields : schema_edge_fields; f->name && n < cap; f++)
        if ((f->type == FT_INT || f->type == FT_NUMBER || f->type == FT_U64) && strcmp(f->name, "x") != 0 &&
            strcmp(f->name, "y") != 0 && (!node || schema_applies(f, m->nodes[elem].kind)))
            out[n++] = f;
    return n;
}

static void elem_path(const Model *m, int elem, const char *field, char *out, size_t cap)
{
    if (elem < m->n_nodes)
        snprintf(out, cap, "nodes.%s.%s", m->nodes[elem].id, field);
    else
        snprintf(out, cap, "edges[%d].%s", elem - m->n_nodes, field);
}

/* What a sweep varies, as the board names it: "Postgres · Read replicas" for
 * nodes.pg.read_replicas, "App → DB · Latency" for an edge's field, "the load multiplier"
 * and "read rate_rps" as the CLI says them; a path the board cannot name, as written. */
static const char *x_label(const App *app, const Sweep *s, char *out, size_t cap)
{
    sweep_x_label_in(s, tr_lang(), out, cap);
    const char *path = s->target;
    if (s->kind != SWEEP_FIELD || !path) return out;
    const Model *m = app->model;
    char who[200] = "";
    const char *rest = NULL;
    if (strncmp(path, "nodes.", 6) == 0) {
        const char *dot = strchr(path + 6, '.');
        if (!dot) return out;
        char id[128];
        snprintf(id, sizeof id, "%.*s", (int)(dot - path - 6), path + 6);
        int i = model_find_node(m, id);
        if (i < 0) return out;
        snprintf(who, sizeof who, "%s", node_label_shown(&m->nodes[i]));
        rest = dot + 1;
    } else if (strncmp(path, "edges[", 6) == 0) {
        char *end;
        long k = strtol(path + 6, &end, 10);
        if (end == path + 6 || strncmp(end, "].", 2) != 0 || k < 0 || k >= m->n_edges) return out;
        edge_name(m, &m->edges[k], who, sizeof who);
        rest = end + 2;
    } else {
        return out;
    }
    const char *last = strrchr(rest, '.');
    char label[64], spoken[160];
    panel_human_label(last ? last + 1 : rest, label, sizeof label);
    panel_spoken_label(rest, label, spoken, sizeof spoken);
    snprintf(out, cap, "%s \xC2\xB7 %s", who, spoken);
    return out;
}

/* One node or one edge selected on the board that the path does not name yet: the path
 * moves to it, to the same number where it has one (else its instances, else its first
 * number), with a range around its value. */
static void follow_selection(App *app)
{
    SweepView *v = &app->sv;
    const Model *m = app->model;
    int elem = -1, n_sel = sel_count_nodes(app) + sel_count_edges(app);
    for (int i = 0; i < m->n_nodes && n_sel == 1 && elem < 0; i++)
        if (app->sel_node[i]) elem = i;
    for (int i = 0; i < m->n_edges && n_sel == 1 && elem < 0; i++)
        if (app->sel_edge[i]) elem = m->n_nodes + i;
    if (elem < 0 || elem == v->followed) {
        if (n_sel == 0) v->followed = -1;
        return;
    }
    v->followed = elem;
    const FieldDesc *fs[64];
    int n = elem_fields(m, elem, fs, 64);
    if (n == 0) return; /* nothing to vary there (a client) */
    const FieldDesc *now = NULL;
    sweep_path_element(m, v->path, &now);
    const FieldDesc *pick = NULL;
    for (int k = 0; k < n && !pick; k++)
        if (fs[k] == now) pick = fs[k];
    for (int k = 0; k < n && !pick; k++)
        if (strcmp(fs[k]->name, "instances") == 0) pick = fs[k];
    elem_path(m, elem, (pick ? pick : fs[0])->name, v->path, sizeof v->path);
    sweep_tab_range_for_path(app);
}

void sweep_tab_range_for_path(App *app)
{
    SweepView *v = &app->sv;
    double cur;
    if (!sweep_path_value(app->model, v->path, &cur) || !(cur > 0)) return; /* as they were */
    double from, to, step;
    if (sweep_path_is_whole(v->path)) { /* about 8 whole values up to twice the one now */
        step = fmax(1, round(numfmt_nice_step(2 * cur, 8)));
        from = step;
        to = fmax(ceil(2 * cur / step) * step, from + 7 * step); /* 1 instance: 1 to 8 still */
    } else { /* a quarter of it to twice it, as the load's default */
        from = step = cur / 4;
        to = 2 * cur;
    }
    numfmt_decimal(from, 4, v->from, sizeof v->from);
    numfmt_decimal(to, 4, v->to, sizeof v->to);
    numfmt_decimal(step, 4, v->step, sizeof v->step);
}

bool sweep_tab_start(App *app)
{
    SweepView *v = &app->sv;
    defaults(app);
    v->error[0] = 0;
    if (v->job) return false;
    app_validate(app);
    if (diag_errors(&app->problems)) {
        snprintf(v->error, sizeof v->error, _("The design has problems to fix first (click the count in the status bar)."));
        return false;
    }
    const Model *m = app->model;
    if (m->scenario.n_requests == 0) {
        snprintf(v->error, sizeof v->error, _("No request types: add traffic in the Scenario panel first."));
        return false;
    }
    /* each field one number, typed as every field takes it ("0,25", "0.25", "1k") */
    char spec_text[120], err[300];
    const char *const typed[3] = {v->from, v->to, v->step};
    const char *const names[3] = {_("from"), _("to"), _("step")}; /* the fields' labels */
    double x[3];
    for (int i = 0; i < 3; i++)
        if (!panel_parse_number(typed[i], &x[i], err, sizeof err)) {
            snprintf(v->error, sizeof v->error, "%s: %s", names[i], err);
            return false;
        }
    if (v->kind == SWEEP_FIELD && sweep_path_is_whole(v->path))
        for (int i = 0; i < 3; i++)
            if (x[i] != floor(x[i])) {
                snprintf(v->error, sizeof v->error, _("%s takes whole numbers: make from, to and step whole (1, 8 and 1, say)"),
                         v->path);
                return false;
            }
    snprintf(spec_text, sizeof spec_text, "%.17g:%.17g:%.17g", x[0], x[1], x[2]);
    double *values;
    int n;
    if (!sweep_parse_values(spec_text, &values, &n, err, sizeof err)) {
        snprintf(v->error, sizeof v->error, _("From, to and step: %s"), err);
        return false;
    }
    char *end;
    long reps = strtol(v->reps, &end, 10);
    if (*end || reps < 1 || reps > 100) {
        snprintf(v->error, sizeof v->error, _("Replications: a whole number from 1 to 100, got '%s'"), v->reps);
        free(values);
        return false;
    }
    SweepWork *j = xcalloc(1, sizeof *j);
    j->model = model_clone(m);
    j->values = values;
    if (v->kind == SWEEP_RATE) {
        if (v->rate_type < 0 || v->rate_type >= m->scenario.n_requests) v->rate_type = 0;
        j->target = xstrdup(m->scenario.requests[v->rate_type].name);
    } else if (v->kind == SWEEP_FIELD) {
        j->target = xstrdup(v->path);
    }
    j->spec = (SweepSpec){.kind = (SweepKind)v->kind, .target = j->target, .values = values, .n_values = n,
                          .reps = (int)reps, .jobs = 0, .refine = 2, .opt = sim_options_default()};
    live_init(&j->live, j->model, values, n);
    j->spec.ran = live_ran;
    j->spec.ran_ctx = &j->live;
    /* A path that leads nowhere is said at once, not after a thread. */
    if (v->kind == SWEEP_FIELD) {
        DiagList d;
        diag_init(&d, NULL);
        Model *probe = sweep_model_at(j->model, SWEEP_FIELD, j->target, values[0], &d);
        bool nowhere = !probe && d.n_items && strstr(d.items[0].message, "not a number there") != NULL;
        bool missing = !probe && d.n_items && (strstr(d.items[0].message, "no element") || strstr(d.items[0].message, "no '"));
        if (nowhere || missing || !j->target[0]) {
            snprintf(v->error, sizeof v->error, "%s", j->target[0] ? d.items[0].message : _("Type the path of a number, e.g. nodes.api.instances"));
            diag_free(&d);
            work_free(j);
            return false;
        }
        model_destroy(probe);
        diag_free(&d);
    }
    v->job = task_start("archsim-sweep", work, j, v->error, sizeof v->error);
    if (!v->job) {
        work_free(j);
        return false;
    }
    v->live = &j->live;
    v->started_ms = SDL_GetTicks();
    v->progress = 0;
    v->cancelling = false;
    app->needs_frame = true;
    return true;
}

void sweep_tab_poll(App *app)
{
    SweepView *v = &app->sv;
    if (!v->job) return;
    bool done;
    v->progress = task_poll(v->job, &done);
    app->needs_frame = true;
    if (!done) return;
    SweepWork *w = task_finish(v->job);
    v->job = NULL;
    v->live = NULL;
    if (w->result) {
        sweep_destroy(v->result);
        model_destroy(v->model);
        v->result = w->result;
        v->model = w->model;
        /* the requirements in the app's language and number style ("0,1%") */
        requirement_names_refresh(v->result->requirement_names, v->model, tr_lang());
        v->sem_version = app->sem_version;
        w->result = NULL;
        w->model = NULL;
        v->sel = -1;
        app_set_status(app, false, _("Sweep done: %d points%s"), v->result->n_points,
                       v->result->cancelled ? _(" (cancelled: some points did not run)") : "");
    } else {
        snprintf(v->error, sizeof v->error, "%s", w->error);
    }
    work_free(w);
}

void sweep_tab_free(App *app)
{
    SweepView *v = &app->sv;
    if (v->job) {
        task_cancel(v->job);
        work_free(task_finish(v->job));
        v->job = NULL;
        v->live = NULL;
    }
    sweep_destroy(v->result);
    model_destroy(v->model);
    v->result = NULL;
    v->model = NULL;
    v->sel = -1;
}

bool sweep_tab_show_point(App *app, int i)
{
    SweepView *v = &app->sv;
    if (!v->result || i < 0 || i >= v->result->n_points || !v->result->points[i].summary) return false;
    const SweepPoint *pt = &v->result->points[i];
    DiagList d;
    diag_init(&d, NULL);
    Model *m = sweep_model_at(v->model, v->result->kind, v->result->target, pt->x, &d);
    diag_free(&d);
    if (!m) return false;
    model_destroy(app->prev_model);
    summary_destroy(app->prev);
    app->prev_model = app->res_model;
    app->prev = app->res;
    app->res_model = m;
    app->res = summary_clone(pt->summary);
    app->res_wall_s = 0;
    app->res_serial++;
    app->res_version = app->version;
    char lab[200], x[256], num[NUMFMT_CAP];
    if (v->result->kind == SWEEP_LOAD) snprintf(x, sizeof x, _("%s\xC3\x97 the load"), numfmt_decimal(pt->x, 4, num, sizeof num));
    else snprintf(x, sizeof x, "%s = %s", x_label(app, v->result, lab, sizeof lab), numfmt_decimal(pt->x, 5, num, sizeof num));
    app_set_status(app, false,
                   P_("The board shows the sweep's point at %s (%d replication)",
                      "The board shows the sweep's point at %s (%d replications)", pt->summary->n_runs),
                   x, pt->summary->n_runs);
    app->needs_frame = true;
    return true;
}

/* ---- drawing ------------------------------------------------------------------------------- */

typedef struct Plot {
    Rect rc;
    double x0, x1, y0, y1; /* y log10 */
} Plot;

static float px(const Plot *p, double x) { return p->rc.x + p->rc.w * (float)((x - p->x0) / (p->x1 - p->x0)); }
static float py(const Plot *p, double ms)
{
    double t = (log10(fmax(ms, 1e-9)) - p->y0) / (p->y1 - p->y0);
    t = fmin(fmax(t, 0), 1);
    return p->rc.y + p->rc.h - p->rc.h * (float)t;
}

static int chart_type(const Sweep *s) { return sweep_default_chart_type(s); }

/* The plot's decades from the smallest to the largest figure (1 to 10 ms with none). */
static void plot_span(Plot *p, double lo, double hi)
{
    if (!(hi > 0)) lo = 1, hi = 10;
    p->y0 = floor(log10(lo));
    p->y1 = ceil(log10(hi));
    if (p->y1 <= p->y0) p->y1 = p->y0 + 1;
}

static Plot plot_of(const SweepView *v, Rect rc)
{
    const Sweep *s = v->result;
    Plot p = {rc, s->points[0].x, s->points[s->n_points - 1].x, 0, 1};
    if (!(p.x1 > p.x0)) p.x0 -= 0.5, p.x1 += 0.5;
    int t = chart_type(s);
    double lo = INFINITY, hi = 0;
    for (int i = 0; i < s->n_points; i++) {
        const SweepPoint *pt = &s->points[i];
        if (!pt->summary) continue;
        const double *f = pt->summary->mean->types[t];
        double vals[] = {f[TF_P50_MS], f[TF_P99_MS], pt->predicted_ms[t]};
        for (size_t k = 0; k < 3; k++)
            if (isfinite(vals[k]) && vals[k] > 0) lo = fmin(lo, vals[k]), hi = fmax(hi, vals[k]);
    }
    for (int q = 0; q < s->n_requirements; q++)
        if (s->limits[q].latency && (s->limits[q].type == t || s->limits[q].type < 0) && s->limits[q].max > 0)
            lo = fmin(lo, s->limits[q].max), hi = fmax(hi, 1.5 * s->limits[q].max); /* its name above it, inside */
    plot_span(&p, lo, hi);
    return p;
}

Vec2 sweep_tab_point_pos(const App *app, int i)
{
    const SweepView *v = &app->sv;
    if (!v->result || i < 0 || i >= v->result->n_points) return vec2(0, 0);
    Plot p = plot_of(v, v->plot_rc);
    const SweepPoint *pt = &v->result->points[i];
    double ms = pt->summary ? pt->summary->mean->types[chart_type(v->result)][TF_P99_MS] : NAN;
    return vec2(px(&p, pt->x), isfinite(ms) ? py(&p, ms) : p.rc.y + p.rc.h / 2);
}

static void series(App *app, const Plot *p, const Sweep *s, int t, int fig, Color c, float width, bool dashed)
{
    Ui *ui = &app->ui;
    Vec2 prev = {0, 0};
    bool have = false;
    for (int i = 0; i < s->n_points; i++) {
        const SweepPoint *pt = &s->points[i];
        double ms = !pt->summary ? NAN : fig < 0 ? pt->predicted_ms[t] : pt->summary->mean->types[t][fig];
        if (!(isfinite(ms) && ms > 0)) {
            have = false;
            continue;
        }
        Vec2 q = vec2(px(p, pt->x), py(p, ms));
        if (have) {
            if (dashed) {
                float dx = q.x - prev.x, dy = q.y - prev.y, len = sqrtf(dx * dx + dy * dy);
                for (float a = 0; a < len; a += 8) {
                    float b = fminf(a + 4, len);
                    ui_line(ui, vec2(prev.x + dx * a / len, prev.y + dy * a / len),
                            vec2(prev.x + dx * b / len, prev.y + dy * b / len), width, c);
                }
            } else {
                ui_line(ui, prev, q, width, c);
            }
        }
        prev = q;
        have = true;
    }
}

/* Where a chart in rc plots: room on the left for the ms, above for the title, below for
 * the x values and the legend. */
static Rect plot_rect(Rect rc) { return (Rect){rc.x + 52, rc.y + 22, rc.w - 60, rc.h - 44}; }

/* The plot's ground, its decades of ms (labels from x = left) and its x values below. */
static void axes(App *app, const Plot *p, float left, bool load)
{
    Ui *ui = &app->ui;
    Rect prc = p->rc;
    ui_rect(ui, prc, theme.canvas);
    for (double e = p->y0; e <= p->y1 + 1e-9; e += 1) {
        double ms = pow(10, e);
        float y = py(p, ms);
        ui_rect(ui, rect_make(prc.x, y, prc.w, 1), with_alpha(theme.border, 180));
        char num[NUMFMT_CAP];
        ui_text_in(ui, FONT_REGULAR, 10, rect_make(left, y - 7, 48, 14), 2, numfmt_ms_in(ms, tr_lang(), num, sizeof num), theme.text_faint);
    }
    /* x labels at round values, about five of them */
    double step = numfmt_nice_step(p->x1 - p->x0, 5);
    if (load && step > 0.05 && step < 0.5) step = 0.25;
    for (double x = ceil(p->x0 / step - 1e-9) * step; x <= p->x1 + step * 1e-6; x += step) {
        char num[NUMFMT_CAP], txt[64];
        if (load) snprintf(txt, sizeof txt, "%s\xC3\x97", numfmt_decimal(x, 3, num, sizeof num));
        else snprintf(txt, sizeof txt, "%s", numfmt_count(x, num, sizeof num));
        ui_text_in(ui, FONT_REGULAR, 10, rect_make(px(p, x) - 30, prc.y + prc.h + 2, 60, 14), 1, txt, theme.text_faint);
    }
}

/* A requirement's latency limit across the plot, named above it. */
static void limit_line(App *app, const Plot *p, double ms, const char *name)
{
    Rect prc = p->rc;
    float y = py(p, ms);
    for (float x = prc.x; x < prc.x + prc.w; x += 8) ui_rect(&app->ui, rect_make(x, y, 4, 1.5f), theme.danger);
    overlay_text_fit(app, FONT_REGULAR, 10, prc.x + 4, y - 13, name, prc.w - 8, theme.danger);
}

/* A row of legend entries under the plot, a line or a dot each, while they fit. */
typedef struct LegendEntry {
    const char *name;
    Color c;
    bool dot;
} LegendEntry;

static void legend(App *app, const Plot *p, const LegendEntry *e, int n)
{
    Ui *ui = &app->ui;
    float lx = p->rc.x + 4, ly = p->rc.y + p->rc.h + 16;
    for (int k = 0; k < n; k++) {
        float w = (e[k].dot ? 12 : 16) + render_text_width(app->r, FONT_REGULAR, 10, e[k].name);
        if (k > 0 && lx + w > p->rc.x + p->rc.w) break; /* no room: the words beside the chart say it */
        if (e[k].dot) ui_circle(ui, (Vec2){lx + 4, ly + 7}, 3.5f, e[k].c);
        else ui_rect(ui, rect_make(lx, ly + 6, 12, 3), e[k].c);
        ui_text(ui, FONT_REGULAR, 10, lx + (e[k].dot ? 12 : 16), ly, e[k].name, theme.text_dim);
        lx += w + (e[k].dot ? 10 : 8);
    }
}

/* While a sweep runs: each run so far as dots, p99 coloured by its verdict, p50 in blue. */
static void live_chart(App *app, Rect rc)
{
    Ui *ui = &app->ui;
    const SweepView *v = &app->sv;
    SweepLive *l = v->live;
    SDL_LockMutex(l->lock);
    int n = l->n;
    LiveRun *runs = xmalloc(((size_t)n + 1) * sizeof *runs);
    if (n) memcpy(runs, l->runs, (size_t)n * sizeof *runs);
    SDL_UnlockMutex(l->lock);
    char title[240];
    snprintf(title, sizeof title, P_("%s: p50 and p99 of the %d run so far", "%s: p50 and p99 of the %d runs so far", n),
             l->type_name, n);
    overlay_text_fit(app, FONT_BOLD, theme.small_font, rc.x, rc.y, title, rc.w, theme.text);
    Plot p = {plot_rect(rc), l->x0, l->x1, 0, 1};
    if (p.rc.w < 60 || p.rc.h < 40) {
        free(runs);
        return;
    }
    if (!(p.x1 > p.x0)) p.x0 -= 0.5, p.x1 += 0.5;
    double lo = INFINITY, hi = 0;
    for (int i = 0; i < n; i++) {
        double vals[] = {runs[i].p50_ms, runs[i].p99_ms};
        for (size_t k = 0; k < 2; k++)
            if (isfinite(vals[k]) && vals[k] > 0) lo = fmin(lo, vals[k]), hi = fmax(hi, vals[k]);
    }
    for (int k = 0; k < l->n_limits; k++) lo = fmin(lo, l->limit_ms[k]), hi = fmax(hi, 1.5 * l->limit_ms[k]);
    plot_span(&p, lo, hi);
    axes(app, &p, rc.x, v->kind == SWEEP_LOAD);
    for (int k = 0; k < l->n_limits; k++) limit_line(app, &p, l->limit_ms[k], l->limit_name[k]);
    for (int i = 0; i < n; i++) {
        float x = px(&p, runs[i].x);
        if (isfinite(runs[i].p50_ms) && runs[i].p50_ms > 0) ui_circle(ui, vec2(x, py(&p, runs[i].p50_ms)), 2.5f, hex(0x2563EB));
        if (isfinite(runs[i].p99_ms) && runs[i].p99_ms > 0)
            ui_circle(ui, vec2(x, py(&p, runs[i].p99_ms)), 3, runs[i].pass ? theme.ok : theme.danger);
        else /* nothing of the type completed: a cross at the bottom */
            ui_text_in(ui, FONT_BOLD, 10, rect_make(x - 6, p.rc.y + p.rc.h - 14, 12, 12), 1, "\xC3\x97", theme.danger);
    }
    free(runs);
    const LegendEntry leg[] = {{"p50", hex(0x2563EB), true},
                               {C_("sweep point", "p99, all pass"), theme.ok, true},
                               {C_("sweep point", "p99, a requirement fails"), theme.danger, true}};
    legend(app, &p, leg, 3);
}

static void chart(App *app, Rect rc)
{
    Ui *ui = &app->ui;
    SweepView *v = &app->sv;
    const Sweep *s = v->result;
    int t = chart_type(s);
    char title[200], lab[200];
    snprintf(title, sizeof title, s->kind == SWEEP_LOAD ? _("%s: p50 and p99 against the %s") : _("%s: p50 and p99 by %s"),
             t == s->n_types ? _("All request types") : s->type_names[t], x_label(app, s, lab, sizeof lab));
    overlay_text_fit(app, FONT_BOLD, theme.small_font, rc.x, rc.y, title, rc.w, theme.text);
    Rect prc = plot_rect(rc);
    if (prc.w < 60 || prc.h < 40) return;
    v->plot_rc = prc;
    Plot p = plot_of(v, prc);
    axes(app, &p, rc.x, s->kind == SWEEP_LOAD);
    /* limits */
    for (int q = 0; q < s->n_requirements; q++) {
        const SweepLimit *l = &s->limits[q];
        if (!l->latency || !(l->type == t || l->type < 0) || !(l->max > 0)) continue;
        limit_line(app, &p, l->max, requirement_name_in(s->requirement_names, s->n_requirements, q, tr_lang()));
    }
    /* knees */
    for (int k = 0; k < s->n_knees; k++) {
        const Knee *kn = &s->knees[k];
        if (!kn->found || kn->kind == KNEE_PREDICTED) continue;
        float x = px(&p, kn->x);
        ui_rect(ui, rect_make(x, prc.y, 1.5f, prc.h), with_alpha(hex(0x7048E8), 200));
    }
    series(app, &p, s, t, -1, theme.text_faint, 1.4f, true);
    series(app, &p, s, t, TF_P50_MS, hex(0x2563EB), 1.8f, false);
    series(app, &p, s, t, TF_P99_MS, hex(0xD9480F), 2.2f, false);
    for (int i = 0; i < s->n_points; i++) {
        Vec2 c = sweep_tab_point_pos(app, i);
        if (!s->points[i].summary) {
            ui_text_in(ui, FONT_BOLD, 10, rect_make(c.x - 6, prc.y + prc.h - 14, 12, 12), 1, "\xC3\x97", theme.danger);
            continue;
        }
        bool pass = s->points[i].all_pass || s->n_requirements == 0;
        ui_circle(ui, c, v->sel == i ? 5.5f : 3.5f, pass ? theme.ok : theme.danger);
        if (v->sel == i) ui_circle(ui, c, 2.5f, theme.panel);
        Rect hit = {c.x - 8, prc.y, 16, prc.h};
        if (ui_hover(ui, hit) && ui->in.pressed[UI_MOUSE_LEFT]) v->sel = i;
    }
    /* legend: the lines, then what the points' colours say (every requirement's verdict,
     * not the p99 drawn) */
    const LegendEntry leg[] = {{"p99", hex(0xD9480F), false},
                               {"p50", hex(0x2563EB), false},
                               {_("flow equations' mean"), theme.text_faint, false},
                               {_("knee"), hex(0x7048E8), false},
                               {C_("sweep point", "all pass"), theme.ok, true},
                               {C_("sweep point", "a requirement fails"), theme.danger, true}};
    legend(app, &p, leg, s->n_requirements > 0 ? 6 : 4);
}

static void side(App *app, Rect rc)
{
    Ui *ui = &app->ui;
    SweepView *v = &app->sv;
    const Sweep *s = v->result;
    float y = rc.y;
    ui_text(ui, FONT_BOLD, theme.small_font, rc.x, y, _("Knees"), theme.text);
    y += 18;
    /* the knees the sweep found first, then what holds over the whole range */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < s->n_knees && y < rc.y + rc.h - 40; k++) {
            bool found = s->knees[k].found || s->knees[k].at_start;
            if (found != (pass == 0)) continue;
            char *t = sweep_knee_text_in(s, &s->knees[k], tr_lang());
            y += ui_text_wrap(ui, FONT_REGULAR, 11, rc.x, y, rc.w, t, found ? theme.text : theme.text_faint) + 3;
            free(t);
        }
    y += 4;
    if (v->sel >= 0 && v->sel < s->n_points) {
        const SweepPoint *pt = &s->points[v->sel];
        char line[300], lab[120], num[NUMFMT_CAP];
        if (s->kind == SWEEP_LOAD) snprintf(lab, sizeof lab, _("%s\xC3\x97 the load"), numfmt_decimal(pt->x, 4, num, sizeof num));
        else snprintf(lab, sizeof lab, "%s", numfmt_decimal(pt->x, 5, num, sizeof num));
        if (pt->summary) {
            const Results *r = pt->summary->mean;
            int t = chart_type(s);
            char a[NUMFMT_CAP], b[NUMFMT_CAP], e[NUMFMT_CAP];
            snprintf(line, sizeof line, _("At %s: p99 %s, %s done/s, errors %s"), lab,
                     numfmt_ms_in(r->types[t][TF_P99_MS], tr_lang(), a, sizeof a), numfmt_count(r->types[t][TF_THROUGHPUT_RPS], b, sizeof b),
                     numfmt_percent_fine(r->types[t][TF_ERROR_RATE], e, sizeof e));
        } else {
            snprintf(line, sizeof line, _("At %s: not run: %s"), lab, pt->error ? pt->error : "");
        }
        y += ui_text_wrap(ui, FONT_REGULAR, 11, rc.x, y, rc.w, line, theme.text_dim) + 4;
        const char *show = _("Show this point on the board");
        float bw = render_text_width(app->r, FONT_REGULAR, theme.ui_font, show) + 28;
        if (pt->summary && y + 26 <= rc.y + rc.h &&
            ui_button(ui, ui_id("sw-show"), rect_make(rc.x, y, fminf(rc.w, bw), 26), show, 0))
            sweep_tab_show_point(app, v->sel);
    } else if (y + 16 <= rc.y + rc.h) {
        ui_text_wrap(ui, FONT_REGULAR, 11, rc.x, y, rc.w, _("Click a point for its figures and to show it on the board."),
                     theme.text_faint);
    }
}

void sweep_tab(App *app, Rect body)
{
    Ui *ui = &app->ui;
    SweepView *v = &app->sv;
    defaults(app);
    const Model *m = app->model;
    float x = body.x, y = body.y;
    /* What to vary. */
    const char *const kinds[] = {_("Load (every request type)"), _("Rate of one request type"), _("A number in the design")};
    ui_text(ui, FONT_REGULAR, theme.small_font, x, y + 6, _("Vary"), theme.text_dim);
    float indent = fmaxf(34, render_text_width(app->r, FONT_REGULAR, theme.small_font, _("Vary")) + 8);
    x += indent;
    int kind = v->kind;
    float kind_w = fminf(fmaxf(196, ui_dropdown_fit(ui, kinds, 3)), body.w - indent); /* its choices whole */
    ui_dropdown(ui, ui_id("sw-kind"), rect_make(x, y, kind_w, 26), kinds, 3, &kind, v->job ? UI_DISABLED : 0);
    if (kind == SWEEP_FIELD && v->kind != SWEEP_FIELD) v->followed = -1; /* a node selected now is the one */
    v->kind = kind;
    x += kind_w + 6;
    if (v->kind == SWEEP_RATE && m->scenario.n_requests > 0) {
        const char **names = xcalloc((size_t)m->scenario.n_requests, sizeof *names);
        for (int t = 0; t < m->scenario.n_requests; t++) names[t] = m->scenario.requests[t].name;
        if (v->rate_type >= m->scenario.n_requests) v->rate_type = 0;
        panel_flow(&x, &y, 130, body, indent);
        ui_dropdown(ui, ui_id("sw-type"), rect_make(x, y, 130, 26), names, m->scenario.n_requests, &v->rate_type, 0);
        free(names);
        x += 136;
    } else if (v->kind == SWEEP_FIELD) {
        /* the node or edge selected on the board, and which of its numbers */
        if (!v->job) follow_selection(app);
        const FieldDesc *field = NULL;
        int elem = sweep_path_element(m, v->path, &field);
        if (elem >= 0) {
            char name[300];
            if (elem < m->n_nodes)
                snprintf(name, sizeof name, "%s", node_label_shown(&m->nodes[elem]));
            else
                edge_name(m, &m->edges[elem - m->n_nodes], name, sizeof name);
            float nw = fminf(render_text_width(app->r, FONT_BOLD, theme.small_font, name), 180);
            const FieldDesc *fs[64];
            char labels[64][64];
            const char *names[64];
            int n = elem_fields(m, elem, fs, 64), cur = -1;
            for (int k = 0; k < n; k++) {
                panel_human_label(fs[k]->name, labels[k], sizeof labels[k]);
                names[k] = labels[k];
                if (fs[k] == field) cur = k;
            }
            float fw = fminf(fmaxf(150, ui_dropdown_fit(ui, names, n)), 240); /* the field's name whole */
            panel_flow(&x, &y, nw + 8 + fw, body, indent);
            ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(x, y, nw, 26), 0, name, theme.text);
            x += nw + 8;
            int was = cur;
            ui_dropdown_label(ui, ui_id("sw-field"), rect_make(x, y, fw, 26), cur < 0 ? field->name : NULL, names, n, &cur,
                              v->job ? UI_DISABLED : 0);
            if (cur != was && cur >= 0) {
                elem_path(m, elem, fs[cur]->name, v->path, sizeof v->path);
                sweep_tab_range_for_path(app);
            }
            x += fw + 6;
        } else if (!v->path[0]) {
            const char *hint = _("select a node or an edge on the board, or type a path:");
            float hw = fminf(render_text_width(app->r, FONT_REGULAR, theme.small_font, hint), 320);
            panel_flow(&x, &y, hw, body, indent);
            ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(x, y, hw, 26), 0, hint, theme.text_dim);
            x += hw + 8;
        }
        char out[160];
        panel_flow(&x, &y, 170, body, indent);
        if (ui_textbox(ui, ui_id("sw-path"), rect_make(x, y, 170, 26), v->path, out, sizeof out, 0) == UI_TEXT_SUBMIT) {
            snprintf(v->path, sizeof v->path, "%s", out);
            sweep_tab_range_for_path(app);
        }
        if (!v->path[0] && !ui_editing(ui, ui_id("sw-path"))) { /* an example from this design */
            char example[160] = "nodes.api.instances";
            for (int i = 0; i < m->n_nodes; i++)
                if (m->nodes[i].kind == NODE_SERVICE) {
                    snprintf(example, sizeof example, "nodes.%s.instances", m->nodes[i].id);
                    break;
                }
            ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(x + 8, y, 162, 26), 0, example, theme.text_faint);
        }
        x = body.x + indent; /* the range on a line of its own, under what it varies */
        y += 34;
    }
    const struct {
        const char *label, *id;
        char *buf;
        size_t cap;
        float w;
    } fields[] = {{_("from"), "sw-from", v->from, sizeof v->from, 52},
                  {_("to"), "sw-to", v->to, sizeof v->to, 52},
                  {_("step"), "sw-step", v->step, sizeof v->step, 52},
                  {_("replications"), "sw-reps", v->reps, sizeof v->reps, 36}};
    for (size_t k = 0; k < 4; k++) {
        float lw = render_text_width(app->r, FONT_REGULAR, theme.small_font, fields[k].label);
        panel_flow(&x, &y, lw + 5 + fields[k].w, body, indent);
        ui_text(ui, FONT_REGULAR, theme.small_font, x, y + 6, fields[k].label, theme.text_dim);
        x += lw + 5;
        char out[64];
        if (ui_textbox(ui, ui_id(fields[k].id), rect_make(x, y, fields[k].w, 26), fields[k].buf, out, sizeof out, 0) ==
            UI_TEXT_SUBMIT)
            snprintf(fields[k].buf, fields[k].cap, "%s", out);
        x += fields[k].w + 10;
    }
    float run_w = ui_button_w(ui, _("Run sweep"), UI_PRIMARY, 96);
    panel_flow(&x, &y, v->job ? PANEL_TASK_BAR_W : run_w, body, indent);
    if (v->job) {
        if (panel_task_bar(app, "sw-cancel", x, y, v->progress, v->cancelling, _("Sweeping"), v->started_ms)) {
            task_cancel(v->job);
            v->cancelling = true;
        }
    } else if (ui_button(ui, ui_id("sw-run"), rect_make(x, y, run_w, 26), _("Run sweep"), UI_PRIMARY)) {
        sweep_tab_start(app);
    }
    if (v->result && !v->job) { /* the last sweep as archsim-cli sweep writes it */
        x += run_w + 8;
        const UiMenuItem items[] = {{_("Chart (SVG)\xE2\x80\xA6"), NULL, true},
                                    {_("Results (JSON)\xE2\x80\xA6"), NULL, true},
                                    {_("Results (CSV)\xE2\x80\xA6"), NULL, true},
                                    {_("Text report\xE2\x80\xA6"), NULL, true}};
        static const FileMode modes[] = {FILE_SWEEP_SVG, FILE_SWEEP_JSON, FILE_SWEEP_CSV, FILE_SWEEP_TEXT};
        panel_save_menu(app, "sw-save", &x, &y, body, indent, items, modes, 4);
    }
    y += 34;
    Rect rest = {body.x, y, body.w, body.y + body.h - y};
    if (v->error[0]) {
        ui_text_wrap(ui, FONT_REGULAR, theme.small_font, rest.x, rest.y, rest.w, v->error, theme.danger);
        return;
    }
    float side_w = fminf(340, rest.w * 0.36f);
    if (v->job && live_count(v->live) > 0) { /* the runs so far, in place of the last sweep */
        live_chart(app, rect_make(rest.x, rest.y, rest.w - side_w - 16, rest.h));
        ui_text_wrap(ui, FONT_REGULAR, 11, rest.x + rest.w - side_w, rest.y, side_w,
                     _("Each dot is one run: a replication at one point. The points' means, the flow equations' "
                       "line and the knees come when the sweep ends."),
                     theme.text_faint);
        return;
    }
    if (!v->result) {
        ui_text_wrap(ui, FONT_REGULAR, theme.small_font, rest.x, rest.y, rest.w,
                     _("Run the design at many loads and find its knees: where each requirement starts to fail, where "
                     "throughput stops following the load, where the first node saturates. Each point runs the "
                     "replications on every core; the knees are refined by two bisections. The same as archsim-cli "
                     "sweep (docs/analysis.md)."),
                     theme.text_faint);
        return;
    }
    if (v->sem_version != app->sem_version)
        overlay_text_fit(app, FONT_REGULAR, 10, rest.x + rest.w - 300, rest.y - 2, _("the design changed since this sweep"),
                         300, theme.warning);
    chart(app, rect_make(rest.x, rest.y, rest.w - side_w - 16, rest.h));
    side(app, rect_make(rest.x + rest.w - side_w, rest.y, side_w, rest.h));
}
