/*
 * compare_tab.c - the drawer's Compare tab (compare_tab.h).
 */
#include "compare_tab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app.h"
#include "panel.h"
#include "sim/histogram.h"
#include "sim/model_json.h"
#include "sim/requirements.h"
#include "sim/util.h"
#include "task.h"

/* The runs of a comparison so far, for the tab while it runs: each design's p99 per
 * request type summed over its runs (filled by the batch's threads, read by the UI thread,
 * each under `lock`). */
typedef struct CompareLive {
    SDL_mutex *lock;
    int n_types, reps;
    char **type_names; /* [n_types + 1], last "all" */
    int runs[2];
    double *p99_sum;  /* [2][n_types + 1] */
    int *p99_n;       /* [2][n_types + 1]: runs where the type completed */
} CompareLive;

/* What a comparison works on and gives back (the payload of its Task). */
typedef struct CompareWork {
    Model *a, *b;          /* owned */
    char *name_a, *name_b;
    int reps;
    Comparison *result;
    CompareLive live;
    char error[400];
} CompareWork;

/* compare_run_each's ran(): one more run of design 0 (A) or 1 (B). */
static void live_ran(void *ctx, int design, int rep, const Model *m, const Results *r, const char *error)
{
    (void)rep;
    (void)m;
    (void)error;
    CompareLive *l = ctx;
    if (!r || design < 0 || design > 1) return;
    SDL_LockMutex(l->lock);
    l->runs[design]++;
    for (int t = 0; t <= l->n_types && t <= r->n_types; t++) {
        const double *f = r->types[t == l->n_types ? r->n_types : t];
        if (f[TF_COMPLETED] - f[TF_ERRORS] > 0 && isfinite(f[TF_P99_MS])) {
            l->p99_sum[design * (l->n_types + 1) + t] += f[TF_P99_MS];
            l->p99_n[design * (l->n_types + 1) + t]++;
        }
    }
    SDL_UnlockMutex(l->lock);
}

static void work(Task *t, void *payload)
{
    CompareWork *w = payload;
    SimOptions opt = sim_options_default();
    opt.cancel = task_cancel_flag(t);
    opt.progress = task_progress;
    opt.progress_ctx = t;
    DiagList d;
    diag_init(&d, NULL);
    w->result = compare_run_each(w->a, w->b, w->name_a, w->name_b, &opt, w->reps, 0, live_ran, &w->live, &d);
    if (!w->result) snprintf(w->error, sizeof w->error, "%s", d.n_items ? d.items[0].message : _("the comparison could not run"));
    diag_free(&d);
}

static void work_free(CompareWork *w)
{
    if (!w) return;
    if (w->live.lock) SDL_DestroyMutex(w->live.lock);
    for (int t = 0; w->live.type_names && t <= w->live.n_types; t++) free(w->live.type_names[t]);
    free(w->live.type_names);
    free(w->live.p99_sum);
    free(w->live.p99_n);
    compare_destroy(w->result);
    model_destroy(w->a);
    model_destroy(w->b);
    free(w->name_a);
    free(w->name_b);
    free(w);
}

static void defaults(App *app)
{
    CompareView *v = &app->cv;
    if (v->has_defaults) return;
    v->has_defaults = true;
    snprintf(v->reps, sizeof v->reps, "10");
}

static const char *base_name(const char *p)
{
    const char *s = p ? strrchr(p, '/') : NULL;
    return s ? s + 1 : p ? p : "";
}

bool compare_tab_start(App *app)
{
    CompareView *v = &app->cv;
    defaults(app);
    v->error[0] = 0;
    if (v->job) return false;
    app_validate(app);
    if (diag_errors(&app->problems)) {
        snprintf(v->error, sizeof v->error, _("The design on the board has problems to fix first."));
        return false;
    }
    if (app->model->scenario.n_requests == 0) {
        snprintf(v->error, sizeof v->error, _("No request types: add traffic in the Scenario panel first."));
        return false;
    }
    char *end;
    long reps = strtol(v->reps, &end, 10);
    if (*end || reps < 2 || reps > 200) {
        snprintf(v->error, sizeof v->error, _("Replications: a whole number from 2 to 200 (intervals need two), got '%s'"),
                 v->reps);
        return false;
    }
    Model *other = NULL;
    char name_a[600];
    if (v->against == 0) {
        if (!app->res_model) {
            snprintf(v->error, sizeof v->error, _("No run yet: run the design (F5), change it, then compare with that run's "
                                                "design; or compare with a file."));
            return false;
        }
        other = model_clone(app->res_model);
        snprintf(name_a, sizeof name_a, _("the design of the last run"));
    } else {
        if (!v->path) {
            snprintf(v->error, sizeof v->error, _("Choose the file to compare with."));
            return false;
        }
        DiagList d;
        diag_init(&d, v->path);
        other = model_load_file(v->path, &d);
        if (!other)
            snprintf(v->error, sizeof v->error, "%s: %s", base_name(v->path),
                     d.n_items ? d.items[0].message : _("cannot be read"));
        diag_free(&d);
        if (!other) return false;
        snprintf(name_a, sizeof name_a, "%s", base_name(v->path));
    }
    /* Both under the board's scenario. */
    DiagList d;
    diag_init(&d, NULL);
    Model *a = compare_with_scenario(other, app->model, &d);
    model_destroy(other);
    if (!a) {
        char first[300] = "";
        for (int i = 0; i < d.n_items && !first[0]; i++)
            if (d.items[i].level == DIAG_ERROR) snprintf(first, sizeof first, "%s", d.items[i].message);
        snprintf(v->error, sizeof v->error, _("%.100s cannot run under this scenario: %.240s"), name_a, first);
        diag_free(&d);
        return false;
    }
    diag_free(&d);
    CompareWork *w = xcalloc(1, sizeof *w);
    w->a = a;
    w->b = model_clone(app->model);
    w->name_a = xstrdup(name_a);
    w->name_b = xstrdup(_("the design on the board"));
    w->reps = (int)reps;
    w->live.lock = SDL_CreateMutex();
    w->live.n_types = w->b->scenario.n_requests;
    w->live.reps = (int)reps;
    w->live.type_names = xcalloc((size_t)w->live.n_types + 1, sizeof *w->live.type_names);
    for (int t = 0; t < w->live.n_types; t++) w->live.type_names[t] = xstrdup(w->b->scenario.requests[t].name);
    w->live.type_names[w->live.n_types] = xstrdup(C_("request type", "all"));
    w->live.p99_sum = xcalloc(2 * ((size_t)w->live.n_types + 1), sizeof *w->live.p99_sum);
    w->live.p99_n = xcalloc(2 * ((size_t)w->live.n_types + 1), sizeof *w->live.p99_n);
    Task *j = task_start("archsim-compare", work, w, v->error, sizeof v->error);
    if (!j) {
        work_free(w);
        return false;
    }
    v->job = j;
    v->live = &w->live;
    v->started_ms = SDL_GetTicks();
    v->progress = 0;
    v->cancelling = false;
    app->needs_frame = true;
    return true;
}

void compare_tab_poll(App *app)
{
    CompareView *v = &app->cv;
    if (!v->job) return;
    bool done;
    v->progress = task_poll(v->job, &done);
    app->needs_frame = true;
    if (!done) return;
    bool cancelled = task_cancelled(v->job);
    CompareWork *w = task_finish(v->job);
    v->job = NULL;
    v->live = NULL;
    if (w->result && !cancelled) {
        compare_destroy(v->result);
        v->result = w->result;
        w->result = NULL;
        /* the requirements in the app's language and number style ("0,1%") */
        requirement_names_refresh(v->result->requirement_names, w->a, tr_lang());
        app_set_status(app, false, P_("Comparison done: %d replication of each design on the same seeds",
                                                 "Comparison done: %d replications of each design on the same seeds",
                                                 v->result->reps),
                       v->result->reps);
    } else if (cancelled) {
        app_set_status(app, false, _("Comparison cancelled"));
    } else {
        snprintf(v->error, sizeof v->error, "%s", w->error);
    }
    work_free(w);
}

/* While a comparison runs: each design's runs so far and its p99 per request type over
 * them, until the differences and their intervals come. False before the first run. */
static bool live_table(App *app, Rect rc)
{
    Ui *ui = &app->ui;
    CompareLive *l = app->cv.live;
    if (!l) return false;
    SDL_LockMutex(l->lock);
    int runs[2] = {l->runs[0], l->runs[1]}, nt = l->n_types;
    double *sum = xmalloc(2 * ((size_t)nt + 1) * sizeof *sum);
    int *cnt = xmalloc(2 * ((size_t)nt + 1) * sizeof *cnt);
    memcpy(sum, l->p99_sum, 2 * ((size_t)nt + 1) * sizeof *sum);
    memcpy(cnt, l->p99_n, 2 * ((size_t)nt + 1) * sizeof *cnt);
    SDL_UnlockMutex(l->lock);
    bool any = runs[0] + runs[1] > 0;
    if (any) {
        char line[300];
        snprintf(line, sizeof line, _("So far: A has run %d of %d times, B %d of %d"), runs[0], l->reps, runs[1], l->reps);
        float y = rc.y;
        overlay_text_fit(app, FONT_BOLD, theme.small_font, rc.x, y, line, rc.w, theme.text);
        y += 22;
        float c0 = rc.x, c1 = rc.x + fminf(220, rc.w * 0.4f), c2 = c1 + 120;
        ui_text(ui, FONT_BOLD, theme.small_font, c0, y, _("request"), theme.text_dim);
        ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(c1, y, 110, 16), 2, _("p99 of A so far"), theme.text_dim);
        ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(c2, y, 110, 16), 2, _("p99 of B so far"), theme.text_dim);
        y += 20;
        for (int t = 0; t <= nt && y + 16 <= rc.y + rc.h - 20; t++, y += 18) {
            overlay_text_fit(app, FONT_REGULAR, theme.small_font, c0, y, l->type_names[t], c1 - c0 - 8, theme.text);
            for (int d = 0; d < 2; d++) {
                char ms[NUMFMT_CAP] = NUMFMT_NONE;
                int k = d * (nt + 1) + t;
                if (cnt[k] > 0) numfmt_ms_in(sum[k] / cnt[k], tr_lang(), ms, sizeof ms);
                ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(d ? c2 : c1, y, 110, 16), 2, ms, theme.text);
            }
        }
        ui_text_wrap(ui, FONT_REGULAR, 11, rc.x, y + 4, rc.w,
                     /* xgettext:no-c-format */
                     _("The means of the runs so far; the differences, their 95% intervals and better, worse or noise "
                       "come when both have run every time."),
                     theme.text_faint);
    }
    free(sum);
    free(cnt);
    return any;
}

void compare_tab_free(App *app)
{
    CompareView *v = &app->cv;
    if (v->job) {
        task_cancel(v->job);
        work_free(task_finish(v->job));
        v->job = NULL;
        v->live = NULL;
    }
    compare_destroy(v->result);
    v->result = NULL;
}

void compare_tab_set_file(App *app, const char *path)
{
    CompareView *v = &app->cv;
    free(v->path);
    v->path = xstrdup(path);
    v->against = 1;
    v->error[0] = 0;
    app->needs_frame = true;
}

/* ---- the table ------------------------------------------------------------------------------ */

typedef enum Unit { U_MS, U_S, U_RATE, U_SHARE, U_USD, U_COUNT } Unit;

static const char *fmt(Unit u, double v, char *out, size_t cap)
{
    char num[NUMFMT_CAP];
    if (!isfinite(v)) return snprintf(out, cap, "\xE2\x80\x94"), out;
    switch (u) {
    case U_MS: return numfmt_ms_in(v, tr_lang(), out, cap);
    case U_S: return numfmt_ms_in(v * 1000, tr_lang(), out, cap); /* a lag in seconds */
    case U_COUNT: return numfmt_count(v, out, cap);                  /* messages of a lag */
    case U_RATE: snprintf(out, cap, _("%s/s"), numfmt_count(v, num, sizeof num)); return out;
    case U_SHARE: return numfmt_percent_fine(v, out, cap);
    case U_USD: snprintf(out, cap, "$%s", numfmt_decimal(v, 3, num, sizeof num)); return out;
    }
    return out;
}

/* A difference or its interval's half-width in the figure's unit: "1.6 ms", "0.02 ms",
 * "5.04 s", "33 pt", "4.41k/s". */
static const char *fmt_amount(Unit u, double v, char *out, size_t cap)
{
    char num[NUMFMT_CAP];
    if (u == U_SHARE) snprintf(out, cap, _("%s pt"), numfmt_decimal(v * 100, 2, num, sizeof num));
    else if (u == U_MS && v < 1 && v != 0)
        snprintf(out, cap, "%s%s", numfmt_decimal(v, 2, num, sizeof num), tr_pin(tr_lang(), "duration", " ms"));
    else fmt(u, v, out, cap);
    return out;
}

/* "-1.6 ms \xC2\xB1 0.02 ms", "-5.04 s \xC2\xB1 25 ms": the difference and its interval, each
 * in its unit (the interval was a bare number in the figure's base unit: "-5.04 s ± 25"). */
static const char *fmt_diff(Unit u, const Difference *d, char *out, size_t cap)
{
    char a[NUMFMT_CAP + 16], h[NUMFMT_CAP + 16];
    if (!d->measured) return snprintf(out, cap, "\xE2\x80\x94"), out;
    fmt_amount(u, fabs(d->diff), a, sizeof a);
    if (difference_below_resolution(d, d->diff_half)) { /* finer than a quantile can tell: "< 6.5 ms" */
        char r[NUMFMT_CAP + 16];
        snprintf(h, sizeof h, "< %s", fmt_amount(u, hist_resolution(fmax(d->a, d->b)), r, sizeof r));
    } else {
        fmt_amount(u, d->diff_half, h, sizeof h);
    }
    char signed_a[NUMFMT_CAP + 24];
    numfmt_signed(d->diff, a, signed_a, sizeof signed_a);
    if (difference_exact(d)) snprintf(out, cap, "%s", signed_a); /* a cost: no ± */
    else snprintf(out, cap, "%s \xC2\xB1 %s", signed_a, isfinite(d->diff_half) ? h : "?");
    return out;
}

/* The verdict and its colour: green when B is better, red when worse, grey when noise. */
static const char *verdict(const Difference *d, bool lower_better, Color *c, char *out, size_t cap)
{
    *c = theme.text_faint;
    if (!d->measured)
        return snprintf(out, cap, "%s", difference_lacking(d) == 'B'   ? _("B: not measured")
                                        : difference_lacking(d) == 'A' ? _("A: not measured")
                                                                       : _("not measured")),
               out;
    if (d->diff == 0 && d->diff_half == 0) return snprintf(out, cap, "%s", _("the same")), out;
    if (!d->significant) return snprintf(out, cap, "%s", _("noise")), out;
    bool better = (d->diff < 0) == lower_better;
    double rel = d->a != 0 ? fabs(d->diff / d->a) : INFINITY;
    char num[NUMFMT_CAP];
    if (isfinite(rel) && rel < 0.01)
        return snprintf(out, cap, "%s", better ? _("better, < 1%") : _("worse, < 1%")), out;
    *c = better ? theme.ok : theme.danger;
    if (isfinite(rel) && difference_as_ratio(d)) /* as archsim-cli compare says it: "better by 339%" told little */
        snprintf(out, cap, better ? _("better: %s times A") : _("worse: %s times A"), numfmt_decimal(d->b / d->a, 3, num, sizeof num));
    else if (isfinite(rel))
        snprintf(out, cap, better ? _("better by %s%%") : _("worse by %s%%"), numfmt_decimal(rel * 100, 2, num, sizeof num));
    else snprintf(out, cap, "%s", better ? _("better") : _("worse"));
    return out;
}

/* The figures of a request type as the table shows them (the mean aside: p50 and p99 say
 * more on a screen), their units and which way is better. */
static const char *const figs[] = {"p50", "p99", N_("mean"), N_("throughput"), N_("errors")};
static const Unit fig_units[] = {U_MS, U_MS, U_MS, U_RATE, U_SHARE};
static const bool fig_lower[] = {true, true, true, false, true};

/* The widest verdict the table draws ("одинаково", "better: 2.02 times A"), so that the
 * names' column gives it room. */
static float widest_verdict(App *app, const Comparison *c)
{
    float w = 0;
    char vb[64];
    Color vc;
    for (int t = 0; t <= c->n_types; t++)
        for (int f = 0; f < CMP_FIG_COUNT; f++)
            if (f != CMP_MEAN_MS)
                w = fmaxf(w, render_text_width(app->r, FONT_BOLD, theme.small_font,
                                               verdict(&c->types[t][f], fig_lower[f], &vc, vb, sizeof vb)));
    for (int q = 0; q < c->n_requirements; q++)
        w = fmaxf(w, render_text_width(app->r, FONT_BOLD, theme.small_font,
                                       verdict(&c->requirements[q], c->req_lower_better[q], &vc, vb, sizeof vb)));
    return fmaxf(w, render_text_width(app->r, FONT_BOLD, theme.small_font,
                                      verdict(&c->cost_per_month, true, &vc, vb, sizeof vb)));
}

static float row(App *app, float x, float y, const float *cols, const char *label, const Difference *d, Unit u,
                 bool lower_better)
{
    Ui *ui = &app->ui;
    char a[64], b[64], df[160], vb[64];
    Color vc;
    overlay_text_fit(app, FONT_REGULAR, theme.small_font, x, y, label, cols[0] - 8, theme.text);
    ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(x + cols[0], y, cols[1] - 8, 18), 2, fmt(u, d->a, a, sizeof a),
               theme.text);
    ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(x + cols[0] + cols[1], y, cols[2] - 8, 18), 2,
               fmt(u, d->b, b, sizeof b), theme.text);
    ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(x + cols[0] + cols[1] + cols[2], y, cols[3] - 8, 18), 2,
               fmt_diff(u, d, df, sizeof df), theme.text_dim);
    verdict(d, lower_better, &vc, vb, sizeof vb);
    float vx = x + cols[0] + cols[1] + cols[2] + cols[3] + 4;
    overlay_text_fit(app, FONT_BOLD, theme.small_font, vx, y, vb, cols[4], vc); /* whole unless the drawer is too narrow */
    return 20;
}

static void table(App *app, Rect rc)
{
    Ui *ui = &app->ui;
    const Comparison *c = app->cv.result;
    /* the names' column gives way to the verdicts' (in Russian at 1024 px "одинаково" ran
     * past the drawer's edge), down to 110 px */
    float vw = widest_verdict(app, c) + 8;
    bool narrow = rc.w < 640; /* the figures' columns closer too (1024 px wide) */
    float ab = narrow ? 76 : 90, dw = narrow ? 128 : 150;
    float cols[] = {fmaxf(110, fminf(340, rc.w - 2 * ab - dw - fmaxf(narrow ? 0 : 150, vw))), ab, ab, dw, 0};
    cols[4] = rc.w - cols[0] - cols[1] - cols[2] - cols[3] - 4;
    float x = rc.x, y = rc.y - app->drawer_scroll;
    char head[700];
    snprintf(head, sizeof head,
             P_("A: %s    B: %s    %d replication each on the same seeds; B - A with its 95%% interval",
                "A: %s    B: %s    %d replications each on the same seeds; B - A with its 95%% interval", c->reps),
             c->name_a, c->name_b, c->reps);
    overlay_text_fit(app, FONT_REGULAR, 11, x, y, head, rc.w, theme.text_faint);
    y += 20;
    const char *heads[] = {"", "A", "B", "B - A"};
    float cx = x;
    for (int k = 0; k < 4; k++) {
        ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(cx, y, cols[k] - 8, 18), k ? 2 : 0, heads[k], theme.text_dim);
        cx += cols[k];
    }
    y += 20;
    for (int t = 0; t <= c->n_types; t++) {
        if (t == c->n_types && c->n_types == 1) break;
        ui_text(ui, FONT_BOLD, theme.small_font, x, y, t == c->n_types ? _("all request types") : c->type_names[t], theme.text);
        y += 18;
        for (int f = 0; f < CMP_FIG_COUNT; f++) {
            if (f == CMP_MEAN_MS) continue; /* p50 and p99 say more on a screen */
            char lab[80];
            snprintf(lab, sizeof lab, "   %s", _(figs[f])); /* p50 and p99 as they are */
            y += row(app, x, y, cols, lab, &c->types[t][f], fig_units[f], fig_lower[f]);
        }
    }
    if (c->n_requirements) {
        ui_text(ui, FONT_BOLD, theme.small_font, x, y + 4, _("requirements"), theme.text);
        y += 22;
        for (int q = 0; q < c->n_requirements; q++) {
            char lab[300];
            snprintf(lab, sizeof lab, "   %s (A %s, B %s)", requirement_name_in(c->requirement_names, c->n_requirements, q, tr_lang()), c->pass_a[q] ? C_("requirement", "passes") : C_("requirement", "fails"),
                     c->pass_b[q] ? C_("requirement", "passes") : C_("requirement", "fails"));
            Metric mt = c->req_metric[q];
            Unit u = metric_is_share(mt)                  ? U_SHARE
                     : mt == METRIC_THROUGHPUT_RPS          ? U_RATE
                     : mt == METRIC_COST_PER_MONTH_USD      ? U_USD
                     : mt == METRIC_MAX_LAG_S               ? U_S
                     : mt == METRIC_MAX_LAG_MESSAGES        ? U_COUNT
                                                            : U_MS;
            y += row(app, x, y, cols, lab, &c->requirements[q], u, c->req_lower_better[q]);
        }
    }
    char line[400];
    ui_text(ui, FONT_BOLD, theme.small_font, x, y + 4, _("cost"), theme.text);
    y += 22;
    char lab[80];
    snprintf(lab, sizeof lab, "   %s", _("per month"));
    y += row(app, x, y, cols, lab, &c->cost_per_month, U_USD, true) + 4;
    snprintf(line, sizeof line, _("bottleneck: A %s; B %s"), c->bottleneck_a ? c->bottleneck_a : _("none"),
             c->bottleneck_b ? c->bottleneck_b : _("none"));
    overlay_text_fit(app, FONT_REGULAR, theme.small_font, x, y, line, rc.w, theme.text_dim);
    y += 20;
    /* The wheel scrolls a table taller than the drawer. */
    float content = y + app->drawer_scroll - rc.y;
    if (ui_hover(ui, rc) && ui->in.wheel_y != 0) {
        app->drawer_scroll -= ui->in.wheel_y * 40;
        ui->in.wheel_y = 0;
        float max = fmaxf(0, content - rc.h);
        if (app->drawer_scroll > max) app->drawer_scroll = max;
        if (app->drawer_scroll < 0) app->drawer_scroll = 0;
    }
}

void compare_tab(App *app, Rect body)
{
    Ui *ui = &app->ui;
    CompareView *v = &app->cv;
    defaults(app);
    float x = body.x, y = body.y;
    ui_text(ui, FONT_REGULAR, theme.small_font, x, y + 6, _("Compare the design on the board (B) with (A):"), theme.text_dim);
    x += render_text_width(app->r, FONT_REGULAR, theme.small_font, _("Compare the design on the board (B) with (A):")) + 8;
    /* the controls flow onto more lines where the window is narrow (panel_flow) */
    float indent = fminf(x - body.x, 40);
    const char *const kinds[] = {_("the design of the last run"), _("a file")};
    float kind_w = fminf(fmaxf(200, ui_dropdown_fit(ui, kinds, 2)), body.w - indent); /* its choices whole */
    panel_flow(&x, &y, kind_w, body, indent);
    int against = v->against;
    ui_dropdown(ui, ui_id("cmp-against"), rect_make(x, y, kind_w, 26), kinds, 2, &against, v->job ? UI_DISABLED : 0);
    v->against = against;
    x += kind_w + 6;
    if (v->against == 1) {
        char lab[200];
        snprintf(lab, sizeof lab, "%s", v->path ? base_name(v->path) : _("Choose a file\xE2\x80\xA6"));
        float w = fminf(220, render_text_width(app->r, FONT_REGULAR, theme.ui_font, lab) + 28);
        panel_flow(&x, &y, w, body, indent);
        if (ui_button(ui, ui_id("cmp-file"), rect_make(x, y, w, 26), lab, 0)) filedialog_open(app, FILE_COMPARE);
        x += w + 6;
    }
    panel_flow(&x, &y, render_text_width(app->r, FONT_REGULAR, theme.small_font, _("replications")) + 5 + 40, body, indent);
    ui_text(ui, FONT_REGULAR, theme.small_font, x, y + 6, _("replications"), theme.text_dim);
    x += render_text_width(app->r, FONT_REGULAR, theme.small_font, _("replications")) + 5;
    char out[16];
    if (ui_textbox(ui, ui_id("cmp-reps"), rect_make(x, y, 40, 26), v->reps, out, sizeof out, 0) == UI_TEXT_SUBMIT)
        snprintf(v->reps, sizeof v->reps, "%s", out);
    x += 46;
    float run_w = ui_button_w(ui, C_("button", "Compare"), UI_PRIMARY, 90);
    panel_flow(&x, &y, v->job ? PANEL_TASK_BAR_W : run_w, body, indent);
    if (v->job) {
        if (panel_task_bar(app, "cmp-cancel", x, y, v->progress, v->cancelling, _("Comparing"), v->started_ms)) {
            task_cancel(v->job);
            v->cancelling = true;
        }
    } else if (ui_button(ui, ui_id("cmp-run"), rect_make(x, y, run_w, 26), C_("button", "Compare"), UI_PRIMARY)) {
        compare_tab_start(app);
    }
    if (v->result && !v->job) { /* the last comparison as archsim-cli compare writes it */
        x += run_w + 8;
        const UiMenuItem items[] = {{_("Text report\xE2\x80\xA6"), NULL, true},
                                    {_("Results (JSON)\xE2\x80\xA6"), NULL, true}};
        static const FileMode modes[] = {FILE_COMPARE_TEXT, FILE_COMPARE_JSON};
        panel_save_menu(app, "cmp-save", &x, &y, body, indent, items, modes, 2);
    }
    y += 34;
    Rect rest = {body.x, y, body.w, body.y + body.h - y};
    if (v->error[0]) {
        ui_text_wrap(ui, FONT_REGULAR, theme.small_font, rest.x, rest.y, rest.w, v->error, theme.danger);
        return;
    }
    if (v->job && live_table(app, rest)) return; /* the runs so far, in place of the last result */
    if (!v->result) {
        ui_text_wrap(ui, FONT_REGULAR, theme.small_font, rest.x, rest.y, rest.w,
                     /* xgettext:no-c-format */
                     _("Is the design on the board better than the last run's, or than another file, or is the "
                     "difference noise? Both run under the board's scenario for the same replications on the same "
                     "seeds, so what they share cancels out; each figure's difference gets a 95% interval, and only "
                     "a difference whose interval leaves out 0 is called better or worse. The same as archsim-cli "
                     "compare (docs/analysis.md)."),
                     theme.text_faint);
        return;
    }
    ui_clip(ui, &rest);
    table(app, rest);
    ui_clip(ui, NULL);
}
