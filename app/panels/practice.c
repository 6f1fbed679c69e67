/*
 * practice.c - interview practice in the window: the scenario browser (pick a preset,
 * read its prompt, traffic and requirements in the chosen language, start from its
 * starter design or, after a warning, open the reference solution) and the
 * Requirements tab of the drawer (a verdict per requirement with the measured value,
 * limit and margin; the cost against its budget, live; hints from the run and the
 * scenario's own hints revealed one at a time).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "panel.h"
#include "sim/sources.h"
#include "sim/envelope.h"
#include "sim/requirements.h"
#include "sim/util.h"

static const char *const LANGS[] = {"en", "ru", "uk"};
static const char *const LANG_NAMES[] = {"EN", "RU", "UK"};
#define N_LANGS 3

/* The hints and prompt language for the sim's *_in() helpers (NULL = English). */
static const char *lang_of(const App *app) { return strcmp(app->lang, "en") == 0 ? NULL : app->lang; }

float sources_text(App *app, const char *id, FontId f, float size, float x, float y, float w, const char *text,
                   Color c)
{
    Ui *ui = &app->ui;
    SourceKeys keys = {0};
    char *shown = sources_strip(text, &keys);
    float y0 = y;
    y += ui_text_wrap(ui, f, size, x, y, w, shown, c);
    free(shown);
    if (keys.n == 0) return y - y0;
    char line[400];
    int len = snprintf(line, sizeof line, "%s", _("Sources:"));
    for (int k = 0; k < keys.n && len > 0 && (size_t)len < sizeof line; k++)
        len += snprintf(line + len, sizeof line - (size_t)len, "%s%s", k ? ", " : " ", keys.key[k]);
    UiId uid = ui_id(id);
    bool open = app->sources_open == uid;
    float lw = render_text_width(app->r, FONT_REGULAR, theme.small_font, line) + 22;
    if (lw > w) lw = w;
    Rect rc = {x, y + 2, lw, 18};
    if (ui_button(ui, uid, rc, "", UI_INVISIBLE)) app->sources_open = open ? 0 : uid;
    ui_icon(ui, open ? ICON_CHEVRON_DOWN : ICON_CHEVRON_RIGHT, rect_make(x, y + 5, 12, 12), theme.text_faint);
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, x + 16, y + 3, line, w - 16, theme.text_faint);
    y += 22;
    if (open)
        for (int k = 0; k < keys.n; k++) {
            const char *what = sources_describe(keys.key[k]);
            snprintf(line, sizeof line, "%s \xE2\x80\x94 %s", keys.key[k], what ? what : _("see docs/sources.md"));
            y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x + 16, y, w - 16, line, theme.text_dim) + 2;
        }
    return y - y0;
}

float lang_switch(App *app, const char *id, float x, float y)
{
    Ui *ui = &app->ui;
    float bw = 38, w = 0;
    for (int k = 0; k < N_LANGS; k++) {
        bool on = strcmp(app->lang, LANGS[k]) == 0;
        Rect b = {x + w, y, bw, 24};
        if (ui_button(ui, ui_idn(id, k), b, LANG_NAMES[k], on ? UI_TOGGLED : 0)) settings_set_lang(app, LANGS[k]);
        w += bw - 1;
    }
    return w + 1;
}

/* A figure in its metric's unit: the usual digits with `sig` 0, else `sig` significant
 * digits, where the usual ones would put it on the wrong side of its limit ("89.97%",
 * "40.04 ms", "$1500.4 / month"). */
static void fmt_metric_digits(Metric k, double v, int sig, char *out, size_t cap)
{
    char num[NUMFMT_CAP];
    /* a count or an amount: "1.6k", or to sig digits */
    const char *n = sig ? numfmt_decimal(v, sig, num, sizeof num) : numfmt_count(v, num, sizeof num);
    switch (k) {
    case METRIC_ERROR_RATE:
    case METRIC_STALE_READ_RATE:
    case METRIC_HIT_RATIO:
        if (sig) snprintf(out, cap, "%s%%", numfmt_decimal(100 * v, sig, num, sizeof num));
        else numfmt_percent_fine(v, out, cap);
        break;
    case METRIC_THROUGHPUT_RPS: snprintf(out, cap, _("%s rps"), n); break;
    case METRIC_COST_PER_MONTH_USD: snprintf(out, cap, _("$%s / month"), n); break;
    case METRIC_MAX_LAG_MESSAGES: snprintf(out, cap, _("%s messages"), n); break;
    default: { /* a duration, in ms but for the lag's seconds */
        double ms = k == METRIC_MAX_LAG_S ? v * 1000 : v;
        if (!sig) numfmt_ms_in(ms, tr_lang(), out, cap);
        else if (fabs(ms) >= 1000) snprintf(out, cap, "%s%s", numfmt_decimal(ms / 1000, sig, num, sizeof num), C_("duration", " s"));
        else snprintf(out, cap, "%s%s", numfmt_decimal(ms, sig, num, sizeof num), C_("duration", " ms"));
        break;
    }
    }
}

void fmt_metric(Metric k, double v, char *out, size_t cap) { fmt_metric_digits(k, v, 0, out, cap); }

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

const struct PassedPreset *practice_passed(const App *app, const char *file_name)
{
    for (int k = 0; k < app->n_passed; k++)
        if (strcmp(app->passed[k].name, file_name) == 0) return &app->passed[k];
    return NULL;
}

/* True when both models have the same nodes and edges (positions aside). */
static bool same_design(const Model *a, const Model *b)
{
    if (a->n_nodes != b->n_nodes || a->n_edges != b->n_edges) return false;
    for (int i = 0; i < a->n_nodes; i++) {
        Node x = a->nodes[i];
        x.x = b->nodes[i].x;
        x.y = b->nodes[i].y;
        if (!node_equal(&x, &b->nodes[i])) return false;
    }
    for (int i = 0; i < a->n_edges; i++)
        if (!edge_equal(&a->edges[i], &b->edges[i])) return false;
    return true;
}

/* A passing grade of a design for one of the presets (same title and scenario as the
 * preset, run at least as long): remember it, with the cheapest passing cost. */
static void remember_pass(App *app, const Grade *g)
{
    const Model *m = app->res_model;
    if (!g->pass || g->n_items == 0 || !m->title) return;
    for (int i = 0; i < app->n_scen; i++) {
        const Model *p = app->scen_models[i];
        if (!p->title || strcmp(p->title, m->title) != 0) continue;
        /* The reference solution itself is not the user's design. */
        if (same_design(m, p)) return;
        /* The preset's own exercise: the same traffic, limits and events (any seed), run
         * at least as long as the preset asks. An eased scenario does not count. */
        Scenario same = m->scenario;
        same.seed = p->scenario.seed;
        same.duration_s = p->scenario.duration_s;
        same.warmup_s = p->scenario.warmup_s;
        if (!scenario_equal(&same, &p->scenario) || m->scenario.duration_s < p->scenario.duration_s) return;
        const char *name = base_name(app->scen_paths[i]);
        struct PassedPreset *had = (struct PassedPreset *)practice_passed(app, name);
        int cap = (int)(sizeof app->passed / sizeof app->passed[0]);
        if (had && had->best_cost_usd <= g->cost_per_month_usd) return;
        if (!had && app->n_passed >= cap) return;
        if (!had) {
            had = &app->passed[app->n_passed++];
            snprintf(had->name, sizeof had->name, "%s", name);
        }
        had->best_cost_usd = g->cost_per_month_usd;
        settings_save(app);
        return;
    }
}

const Grade *practice_grade(App *app)
{
    if (!app->res || !app->res_model) return NULL;
    bool lang_changed = app->grade && strcmp(app->grade->lang, app->lang) != 0;
    if (!app->grade || app->grade_serial != app->res_serial || lang_changed) {
        bool fresh = !app->grade || app->grade_serial != app->res_serial;
        grade_destroy(app->grade);
        app->grade = grade_create_named(app->res_model, app->res, app->lang, NAMING_LABEL); /* hints in the chosen language, nodes by label */
        app->grade_serial = app->res_serial;
        if (fresh) remember_pass(app, app->grade);
    }
    return app->grade;
}

/* ---- requirement rows (the Requests tab and the Requirements tab) ------------------------ */

static void status_dot(Ui *ui, float x, float y, int state) /* 0 not run, 1 pass, 2 fail, 3 stale */
{
    Color c = state == 1 ? theme.ok : state == 2 ? theme.danger : theme.text_faint;
    ui_circle(ui, vec2(x + 6, y + 8), 6, c);
    const char *mark = state == 1 ? "\xE2\x9C\x93" : state == 2 ? "\xC3\x97" : "\xE2\x80\x93"; /* ✓ × – */
    ui_text_in(ui, FONT_BOLD, 10, rect_make(x, y, 12, 16), 1, mark, hex(0xFFFFFF));
}

/* Requirement i's figure as its row shows it ("47 ms", "$1.01k / month", "not run
 * yet"); whether it was measured (a cost is, live, before any run). */
static bool requirement_figure(App *app, const Grade *g, double live_cost, int i, char *val, size_t cap)
{
    const Requirement *q = &app->model->scenario.requirements[i];
    const Verdict *v = g && i < g->n_items ? &g->items[i].verdict : NULL;
    bool live = q->metric == METRIC_COST_PER_MONTH_USD;
    bool measured = live || (v && v->measured);
    if (!v && !live && app->res && app->res_model) {
        /* newer than the run: the run's figure where it has one ("not run yet" beside a
         * p99 on screen read as a contradiction), not graded until the next run */
        int t = q->request ? model_find_request(app->res_model, q->request) : -1;
        if ((!q->request || t >= 0) && metric_measured(app->res_model, app->res->mean, q->metric, t)) {
            double x = metric_value(app->res_model, app->res->mean, q->metric, t);
            int sig = requirement_digits(q, x, 2);
            fmt_metric_digits(q->metric, x, sig > 2 ? sig : 0, val, cap);
            return true;
        }
    }
    if (!measured)
        snprintf(val, cap, "%s", v ? _("not measured") : _("not run yet")); /* v NULL: newer than the run */
    else {
        /* the usual figures have two significant digits at least: more where those would
         * show it on the wrong side of its limit ("90%" failing ">= 90%") */
        double x = live ? live_cost : v->value;
        int sig = requirement_digits(q, x, 2);
        fmt_metric_digits(q->metric, x, sig > 2 ? sig : 0, val, cap);
    }
    return measured;
}

float requirement_rows(App *app, float x, float y, float w, float bottom, bool detail)
{
    Ui *ui = &app->ui;
    const Model *m = app->model;
    const Grade *g = practice_grade(app);
    bool stale = g && app->version != app->res_version;
    bool cost_of_run; /* autoscaled: the fresh run's, as the grade judges it; not "live" then */
    double live_cost = app_cost_per_month(app, &cost_of_run);
    /* The description holds the limit ("p99 <= 200 ms"); detail adds the margin. The
     * figures' column is as wide as its widest ("$1.01k / month"), within a third. */
    float val_w = detail ? 110 : 100, mar_w = detail ? 80 : 0;
    int n_req = m->scenario.n_requirements;
    char (*vals)[64] = xcalloc((size_t)n_req + 1, sizeof *vals); /* each figure, formatted once */
    bool *measured_at = xcalloc((size_t)n_req + 1, sizeof *measured_at);
    for (int i = 0; i < n_req; i++) {
        measured_at[i] = requirement_figure(app, g, live_cost, i, vals[i], sizeof vals[i]);
        float vw = render_text_width(app->r, measured_at[i] ? FONT_BOLD : FONT_REGULAR, theme.small_font, vals[i]) + 4;
        val_w = fmaxf(val_w, fminf(vw, w / 3));
    }
    /* After a second run, the previous run's figure beside this one's. */
    bool show_prev = detail && app->prev && app->prev_model && !stale;
    float prev_w = show_prev ? 110 : 0;
    float desc_w = w - 18 - val_w - mar_w - prev_w - 8;
    float extra = 0; /* the row's second line */
    for (int i = 0; i < m->scenario.n_requirements && y + 16 <= bottom; i++, y += 20 + extra) {
        extra = 0;
        const Requirement *q = &m->scenario.requirements[i];
        const Verdict *v = g && i < g->n_items ? &g->items[i].verdict : NULL;
        bool live = q->metric == METRIC_COST_PER_MONTH_USD;
        double value = live ? live_cost : (v ? v->value : NAN);
        const char *val = vals[i];
        bool measured = measured_at[i];
        bool pass = live ? ((!q->has_max || value <= q->max) && (!q->has_min || value >= q->min)) : (v && v->pass);
        /* Not measured after a run counts as failed (the grade says so too). */
        int state = !measured ? (v ? 2 : 0) : pass ? 1 : 2;
        if (!live && (v ? stale : measured)) state = 3; /* edited since, or newer than the run */
        status_dot(ui, x, y, state);
        char *d = requirement_describe_in(m, i, app->lang);
        /* a description too long for its column takes two lines (the figures stay on the
         * first), where the tab has room below */
        if (render_text_width(app->r, FONT_REGULAR, theme.small_font, d) > desc_w && y + 16 + 14 <= bottom &&
            ui_text_two_lines(ui, FONT_REGULAR, theme.small_font, rect_make(x + 18, y, desc_w, 30), d, theme.text))
            extra = 14;
        else
            overlay_text_fit(app, FONT_REGULAR, theme.small_font, x + 18, y, d, desc_w, theme.text);
        free(d);
        Color vc = state == 2 ? theme.danger : state == 1 ? theme.text : theme.text_faint;
        float vx = x + 18 + desc_w + 8;
        overlay_text_in(app, measured ? FONT_BOLD : FONT_REGULAR, theme.small_font, rect_make(vx, y, val_w, 16), 2, val, vc);
        if (!v && !live && measured && ui_hover(ui, rect_make(vx, y, val_w, 16)))
            overlay_fit_tip(app, rect_make(vx, y, val_w, 16),
                            _("The last run's figure: this requirement is newer than the run. Run again (F5) to grade it."));
        if (v && !measured && ui_hover(ui, rect_make(vx, y, val_w, 16))) { /* why: "no cache or CDN served a read" */
            char why[200];
            snprintf(why, sizeof why, _("Not measured: %s"), requirement_unmeasured_why(q->metric, app->lang));
            overlay_fit_tip(app, rect_make(vx, y, val_w, 16), why);
        }
        if (!detail) continue;
        char mar[NUMFMT_CAP + 16] = "";
        double margin = live ? (q->has_max && q->max > 0 ? (q->max - value) / q->max : NAN) : (v ? v->margin : NAN);
        if (measured && isfinite(margin) && margin < -1 && q->has_max && q->max > 0)
        {
            char ratio[NUMFMT_CAP];
            snprintf(mar, sizeof mar, _("%s limit"), numfmt_factor(value / q->max, ratio, sizeof ratio)); /* far over */
        }
        else if (measured && isfinite(margin))
            requirement_margin_text(margin, mar, sizeof mar);
        if (live && !cost_of_run) snprintf(mar + strlen(mar), sizeof mar - strlen(mar), "%s%s", *mar ? " " : "", _("live"));
        Rect mr = rect_make(vx + val_w, y, mar_w, 16);
        overlay_text_in(app, FONT_REGULAR, 10, mr, 2, mar, state == 2 ? theme.danger : theme.text_faint);
        if (live && !cost_of_run && ui_hover(ui, rect_make(vx, y, val_w + mar_w, 16))) /* what "live" means */
            overlay_fit_tip(app, mr,
                            _("Live: the cost of the design as the board has it now, kept up to date with each edit "
                              "(cost needs no run); the margin says how far under (+) or over (\xE2\x88\x92) its limit it is."));
        if (show_prev && !live) {
            int pt = q->request ? model_find_request(app->prev_model, q->request) : -1;
            if (!q->request || pt >= 0) {
                char pv[64], line[96];
                if (metric_measured(app->prev_model, app->prev->mean, q->metric, pt))
                    fmt_metric(q->metric, metric_value(app->prev_model, app->prev->mean, q->metric, pt), pv, sizeof pv);
                else
                    snprintf(pv, sizeof pv, "%s", _("not measured")); /* not a 0 */
                snprintf(line, sizeof line, _("before %s"), pv);
                /* a gap from the margin beside it, which a long figure cut short would touch
                 * ("+99%before 84.5k messa…"); whole on hover */
                Rect pr = rect_make(vx + val_w + mar_w + 8, y, prev_w - 8, 16);
                overlay_text_in(app, FONT_REGULAR, 10, pr, 2, line, theme.text_faint);
                if (render_text_width(app->r, FONT_REGULAR, 10, line) > pr.w && ui_hover(ui, pr))
                    overlay_fit_tip(app, pr, line);
            }
        }
    }
    free(vals);
    free(measured_at);
    return y;
}

/* ---- the Requirements tab ------------------------------------------------------------------ */

/* A column of the tab clipped to `rc` and scrolled by *scroll with the wheel; returns
 * the y where its content starts. End it with column_end. */
static float column_begin(App *app, Rect rc, float *scroll)
{
    Ui *ui = &app->ui;
    if (ui_hover(ui, rc)) *scroll -= ui->in.wheel_y * 40;
    if (*scroll < 0) *scroll = 0;
    ui_clip(ui, &rc);
    return rc.y - *scroll;
}

static void column_end(App *app, Rect rc, float *scroll, float y_end)
{
    float content = y_end + *scroll - rc.y;
    if (*scroll > content - rc.h) *scroll = content > rc.h ? content - rc.h : 0;
    ui_clip(&app->ui, NULL);
}

/* What the run shows: the grade's hints (or a word when everything passes). */
static float run_hints(App *app, const Grade *g, bool stale, float x, float y, float w)
{
    Ui *ui = &app->ui;
    float small_lh = render_line_height(app->r, FONT_REGULAR, theme.small_font);
    /* Errors no requirement limits: a pass on latency alone is no pass to be glad of. */
    char *note = g && !stale ? grade_unguarded_note(g->unguarded_error_rate, g->unguarded_cause, g->lang) : NULL;
    if (note) {
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w - 4, note, theme.warning) + 10;
        free(note);
    }
    if (g && !g->pass && g->n_hints > 0) {
        ui_text(ui, FONT_BOLD, theme.small_font, x, y, _("WHAT THE RUN SHOWS"), theme.text_faint);
        y += 20;
        for (int k = 0; k < g->n_hints; k++) {
            ui_circle(ui, vec2(x + 4, y + small_lh / 2), 2.5f, theme.danger);
            y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x + 14, y, w - 18, g->hints[k].text, theme.text) + 6;
        }
        y += 6;
    } else if (g && g->n_items == 0) {
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w - 4,
                          _("Nothing to grade: the scenario has no requirements, so this run neither passes nor fails."),
                          theme.text_dim) + 10;
    } else if (g && g->pass && !stale && !(g->unguarded_error_rate > 0)) {
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w - 4,
                          _("Every requirement passes. Try it harder: a longer run, another seed, a surge, or a "
                          "cheaper design that still passes."),
                          theme.ok) + 10;
    } else if (!g) {
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w - 4,
                          _("After a run: what the run shows about the requirements that fail, and the usual "
                          "remedies."),
                          theme.text_faint) + 10;
    }
    return y;
}

/* The scenario's hints, revealed one at a time, in the chosen language. */
static float scenario_hints(App *app, float x, float y, float w)
{
    Ui *ui = &app->ui;
    const Model *m = app->model;
    char line[120];
    int n_hints = 0;
    char *const *hints = scenario_hints_in(m, lang_of(app), &n_hints);
    ui_text(ui, FONT_BOLD, theme.small_font, x, y + 4, _("SCENARIO HINTS"), theme.text_faint);
    lang_switch(app, "gr-lang", x + w - 3 * 37 - 4, y);
    y += 30;
    if (n_hints == 0) {
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, y, _("This scenario has no hints."), w, theme.text_faint);
        y += 20;
    }
    if (app->hints_shown > n_hints) app->hints_shown = n_hints;
    for (int k = 0; k < app->hints_shown; k++) {
        snprintf(line, sizeof line, "%d.", k + 1);
        ui_text(ui, FONT_BOLD, theme.small_font, x, y, line, theme.accent);
        char src_id[32];
        snprintf(src_id, sizeof src_id, "gr-hint-src-%d", k);
        y += sources_text(app, src_id, FONT_REGULAR, theme.small_font, x + 18, y, w - 22, hints[k], theme.text) + 6;
    }
    if (app->hints_shown < n_hints) {
        snprintf(line, sizeof line, app->hints_shown ? _("Show the next hint (%d of %d)") : _("Show a hint (%d of %d)"),
                 app->hints_shown + 1, n_hints);
        float bw = render_text_width(app->r, FONT_REGULAR, theme.ui_font, line) + 24;
        if (ui_button(ui, ui_id("gr-hint"), rect_make(x, y, bw, 26), line, 0)) app->hints_shown++;
        y += 32;
    }
    return y;
}

void grade_tab(App *app, Rect body)
{
    Ui *ui = &app->ui;
    const Model *m = app->model;
    const Grade *g = practice_grade(app);
    bool stale = g && app->version != app->res_version;
    float lw = body.w * 0.56f;
    if (lw < 440) lw = body.w < 560 ? body.w : 440;
    Rect right = {body.x + lw + 28, body.y, body.w - lw - 28, body.h};
    bool two = right.w >= 200; /* else one column holds everything */
    Rect left = {body.x, body.y, two ? lw : body.w, body.h};
    char line[300];

    /* Left: the verdicts, the cost, the scenario's hints. */
    float y = column_begin(app, left, &app->grade_left_scroll), x = left.x, w = left.w - 6;
    if (m->scenario.n_requirements == 0) {
        y += ui_text_wrap(ui, FONT_BOLD, theme.ui_font, x, y, w,
                          g ? _("Nothing to grade: this scenario has no requirements.") : _("No requirements to grade yet."),
                          theme.text_dim) + 4;
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w,
                          _("A requirement is a limit the run must meet: p99 latency under 200 ms, errors under 0.1%, "
                          "a monthly budget. Add one to get a pass or a fail."),
                          theme.text_dim) + 8;
        if (ui_button(ui, ui_id("gr-add-req"), rect_make(x, y, 180, 28), _("+ Add a requirement"), UI_PRIMARY)) {
            scenario_panel_goto(app, "requirements", -1, NULL);
            scenario_panel_add(app, "requirements");
        }
        y += 38;
    } else {
        Color c = theme.text_dim;
        if (!g)
            snprintf(line, sizeof line,
                     P_("Not run yet: press Run (F5) to check the %d requirement.",
                        "Not run yet: press Run (F5) to check the %d requirements.", m->scenario.n_requirements),
                     m->scenario.n_requirements);
        else {
            snprintf(line, sizeof line, P_("%s: %d of %d requirement pass%s", "%s: %d of %d requirements pass%s", g->n_items),
                     g->pass ? _("PASS") : _("FAIL"), g->n_passed, g->n_items,
                     stale ? _(" (before your last edit: F5 re-runs)") : "");
            c = stale ? theme.text_dim : g->pass ? theme.ok : theme.danger;
        }
        /* whole, on two lines where one is too short ("Запусків ще не було: натисніть ...") */
        y += fmaxf(26, ui_text_wrap(ui, FONT_BOLD, theme.ui_font, x, y, w, line, c) + 8);
        y = requirement_rows(app, x, y, w, y + 10000, true);
    }
    bool cost_req = false;
    for (int i = 0; i < m->scenario.n_requirements; i++)
        cost_req = cost_req || m->scenario.requirements[i].metric == METRIC_COST_PER_MONTH_USD;
    if (!cost_req) {
        char num[32];
        fmt_num(app_cost_per_month(app, NULL), num, sizeof num);
        snprintf(line, sizeof line, _("Monthly cost: $%s (no budget in this scenario)"), num);
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, x + 18, y + 4, line, w - 18, theme.text_dim);
        y += 20;
    }
    y += 14;
    if (!two) y = run_hints(app, g, stale, x, y, w);
    y = scenario_hints(app, x, y, w);
    column_end(app, left, &app->grade_left_scroll, y);

    /* Right: what the run shows. */
    if (!two) return;
    ui_rect(ui, rect_make(right.x - 14, right.y, 1, right.h), theme.border);
    y = column_begin(app, right, &app->drawer_scroll);
    y = run_hints(app, g, stale, right.x, y, right.w);
    column_end(app, right, &app->drawer_scroll, y);
}

/* ---- what the practice came to ------------------------------------------------------------ */

void practice_outcome(App *app, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = 0;
    const Grade *g = practice_grade(app);
    if (app->model->scenario.n_requirements > 0) {
        if (g)
            len += (size_t)snprintf(out, cap, _("requirements: %d of %d pass%s"), g->n_passed, g->n_items,
                                    app->version != app->res_version ? _(" (before the last edit)") : "");
        else
            len += (size_t)snprintf(out, cap, _("requirements: not run"));
    }
    EnvelopeSheet *sh = envelope_sheet_create(app->model);
    int n[ENV_VERDICT_COUNT] = {0}, answered = 0;
    for (int i = 0; i < sh->n_lines; i++) {
        char *text = estimates_get(app->model, sh->lines[i].id);
        double v;
        char err[8];
        if (text && envelope_parse(sh->lines[i].unit, text, &v, err, sizeof err) && v > 0 && sh->lines[i].value > 0) {
            n[envelope_check(v, sh->lines[i].value).verdict]++;
            answered++;
        }
        free(text);
    }
    if (sh->n_lines > 0 && len < cap)
        snprintf(out + len, cap - len, _("%sestimates: %d of %d made (%d good, %d close, %d off)"), len ? " \xC2\xB7 " : "",
                 answered, sh->n_lines, n[ENV_GOOD], n[ENV_CLOSE], n[ENV_OFF]);
    envelope_sheet_destroy(sh);
}

/* ---- the scenario browser ------------------------------------------------------------------ */

void browser_open(App *app)
{
    if (app->n_scen == 0) {
        app_set_status(app, true, _("No preset scenarios found: set ARCHSIM_SCENARIOS to the scenarios/ folder"));
        return;
    }
    /* Start on the scenario of the diagram on the board, if it is one of them. */
    const char *t = app->model->title;
    for (int i = 0; t && i < app->n_scen; i++)
        if (app->scen_models[i]->title && strcmp(app->scen_models[i]->title, t) == 0) app->browser_sel = i;
    if (app->browser_sel < 0 || app->browser_sel >= app->n_scen) app->browser_sel = 0;
    app->browser_scroll = 0;
    app->modal = MODAL_BROWSER;
}

bool doc_open_preset(App *app, int i, bool reference)
{
    if (i < 0 || i >= app->n_scen) return false;
    const char *path = reference ? app->scen_paths[i] : app->scen_starters[i];
    if (!path) return false;
    app->modal = MODAL_NONE;
    doc_guard(app, PENDING_OPEN_COPY, path);
    return true;
}

/* Total open-loop rate of a scenario. */
static double total_rps(const Model *m)
{
    double r = 0;
    for (int i = 0; i < m->scenario.n_requests; i++) r += m->scenario.requests[i].rate_rps;
    return r;
}

static void section(App *app, float x, float *y, const char *title)
{
    *y += 10;
    ui_text(&app->ui, FONT_BOLD, theme.small_font, x, *y, title, theme.text_faint);
    *y += 20;
}

static void event_text(const Model *m, const ScenarioEvent *e, char *out, size_t cap)
{
    const char *what = scenario_event_label_in(&m->scenario, (int)(e - m->scenario.events), tr_lang());
    char buf[200], f[NUMFMT_CAP], at[NUMFMT_CAP], len[NUMFMT_CAP], name[120];
    if (!what || !*what) {
        /* the node as the board names it */
        int i = e->node ? model_find_node(m, e->node) : -1;
        const char *node = i >= 0 ? node_name(&m->nodes[i], NAMING_LABEL, name, sizeof name) : e->node ? e->node : _("a node");
        numfmt_factor(e->factor, f, sizeof f);
        if (e->action == EVENT_FAIL)
            snprintf(buf, sizeof buf, _("%s fails"), node);
        else if (e->action == EVENT_SLOW)
            snprintf(buf, sizeof buf, _("%s slows down %s"), node, f);
        else
            snprintf(buf, sizeof buf, _("%s traffic %s"), e->request ? e->request : C_("request type", "all"), f);
        what = buf;
    }
    numfmt_decimal(e->at_s, 6, at, sizeof at);
    if (e->for_s > 0)
        snprintf(out, cap, _("at %s s for %s s: %s"), at, numfmt_decimal(e->for_s, 6, len, sizeof len), what);
    else
        snprintf(out, cap, _("at %s s: %s"), at, what);
}

/* The right side of the browser: everything about preset i, scrolled. */
static void browser_detail(App *app, int i, Rect rc)
{
    Ui *ui = &app->ui;
    const Model *m = app->scen_models[i];
    const char *lang = lang_of(app);
    if (ui_hover(ui, rc)) app->browser_scroll -= ui->in.wheel_y * 40;
    if (app->browser_scroll < 0) app->browser_scroll = 0;
    ui_clip(ui, &rc);
    float x = rc.x, w = rc.w - 8, y = rc.y - app->browser_scroll;
    const char *title = scenario_title_in(m, lang);
    y += ui_text_wrap(ui, FONT_BOLD, 18, x, y, w, title ? title : app->scen_titles[i], theme.text) + 8;
    const char *prompt = scenario_prompt_in(m, lang);
    if (prompt) y += sources_text(app, "br-sources", FONT_REGULAR, theme.ui_font, x, y, w, prompt, theme.text) + 4;
    char line[300], num[32];
    if (m->scenario.n_requests > 0) {
        section(app, x, &y, _("TRAFFIC"));
        for (int k = 0; k < m->scenario.n_requests; k++) {
            const RequestType *r = &m->scenario.requests[k];
            fmt_num(r->rate_rps, num, sizeof num);
            if (r->rate_rps > 0)
                snprintf(line, sizeof line, _("%s \xC2\xB7 %s rps%s"), r->name, num, panel_write_tag(r));
            else
                snprintf(line, sizeof line, _("%s \xC2\xB7 %d users (closed loop)"), r->name, r->users);
            ui_text_fit(ui, FONT_REGULAR, theme.ui_font, x + 10, y, line, w - 10, theme.text_dim);
            y += 20;
        }
    }
    if (m->scenario.n_requirements > 0) {
        section(app, x, &y, _("REQUIREMENTS"));
        for (int k = 0; k < m->scenario.n_requirements; k++) {
            char *d = requirement_describe_in(m, k, app->lang);
            ui_circle(ui, vec2(x + 4, y + 8), 2.5f, theme.accent);
            y += ui_text_wrap(ui, FONT_REGULAR, theme.ui_font, x + 14, y, w - 14, d, theme.text_dim) + 2;
            free(d);
        }
    }
    if (m->scenario.n_events > 0) {
        section(app, x, &y, _("DURING THE RUN"));
        for (int k = 0; k < m->scenario.n_events; k++) {
            event_text(m, &m->scenario.events[k], line, sizeof line);
            ui_circle(ui, vec2(x + 4, y + 8), 2.5f, theme.warning);
            y += ui_text_wrap(ui, FONT_REGULAR, theme.ui_font, x + 14, y, w - 14, line, theme.text_dim) + 2;
        }
    }
    int nh = 0;
    scenario_hints_in(m, lang, &nh);
    char dur[NUMFMT_CAP], warm[NUMFMT_CAP];
    snprintf(line, sizeof line,
             P_("%d hint waits in the Requirements tab (F6), one at a time. %s s simulated after %s s of warm-up.",
                "%d hints wait in the Requirements tab (F6), one at a time. %s s simulated after %s s of warm-up.", nh),
             nh, numfmt_decimal(m->scenario.duration_s, 6, dur, sizeof dur),
             numfmt_decimal(m->scenario.warmup_s, 6, warm, sizeof warm));
    y += 10;
    y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w, line, theme.text_faint);
    float content = y + app->browser_scroll - rc.y;
    if (app->browser_scroll > content - rc.h) app->browser_scroll = content > rc.h ? content - rc.h : 0;
    ui_clip(ui, NULL);
}

void browser_modal(App *app)
{
    Ui *ui = &app->ui;
    if (app->n_scen == 0) {
        app->modal = MODAL_NONE;
        return;
    }
    if (app->browser_sel < 0 || app->browser_sel >= app->n_scen) app->browser_sel = 0;
    Rect rc = dialog_card(app, 1040, 680);
    float x = rc.x + 24, y = rc.y + 20;
    ui_text(ui, FONT_BOLD, 18, x, y, _("Practise a system-design interview"), theme.text);
    int sub_lines = ui_text_lines(ui, FONT_REGULAR, theme.small_font, x, y + 26,
                  rc.w - 48 - 200,
                  _("Pick an exercise, read the prompt as the interviewer would say it, and start from its starter "
                    "design."),
                  2, theme.text_dim);
    float lw = 3 * 37 + 1;
    ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(rc.x + rc.w - 24 - lw - 90, y, 84, 24), 2,
               _("Language"), theme.text_dim);
    lang_switch(app, "br-lang", rc.x + rc.w - 24 - lw, y);
    y += 58 + (sub_lines > 1 ? 8 : 0); /* a second line of the subtitle: room under it */

    /* The list of presets; the recent files under it. */
    float foot = rc.y + rc.h - 60;
    float list_w = rc.w * 0.34f;
    int n_recent = app->n_recent < 5 ? app->n_recent : 5;
    float recent_h = n_recent ? 30 + 24.0f * (float)n_recent : 0;
    Rect list = {x, y, list_w, foot - y - 8 - recent_h};
    ui_rrect(ui, list, 6, theme.panel_alt);
    ui_rrect_line(ui, list, 6, 1, theme.border);
    /* Items as tall as their titles: a title too long for one line takes two. */
    Rect inner = rect_inset(list, 4);
    float title_lh = render_line_height(app->r, FONT_BOLD, theme.ui_font);
    float *top = xcalloc((size_t)app->n_scen + 1, sizeof *top); /* item i spans top[i]..top[i+1] */
    UiLines *title = xcalloc((size_t)app->n_scen, sizeof *title);
    int *title_n = xcalloc((size_t)app->n_scen, sizeof *title_n);
    for (int i = 0; i < app->n_scen; i++) {
        const char *t = scenario_title_in(app->scen_models[i], lang_of(app));
        title_n[i] = ui_wrap_at_most(ui, FONT_BOLD, theme.ui_font, inner.w - 20, t ? t : app->scen_titles[i], 2, &title[i]);
        top[i + 1] = top[i] + 50 + (title_n[i] > 1 ? title_lh : 0);
    }
    float list_scroll = app->browser_list_scroll;
    if (ui_hover(ui, list)) list_scroll -= ui->in.wheel_y * 40;
    float content = top[app->n_scen] + 8;
    if (list_scroll > content - list.h) list_scroll = content - list.h;
    if (list_scroll < 0) list_scroll = 0;
    int before = app->browser_sel;
    if (ui_key(ui, SDLK_DOWN, 0) && app->browser_sel + 1 < app->n_scen) app->browser_sel++;
    if (ui_key(ui, SDLK_UP, 0) && app->browser_sel > 0) app->browser_sel--;
    ui_clip(ui, &inner);
    for (int i = 0; i < app->n_scen; i++) {
        const Model *m = app->scen_models[i];
        Rect it = {inner.x, inner.y + top[i] - list_scroll, inner.w, top[i + 1] - top[i] - 2};
        if (it.y + it.h < inner.y || it.y > inner.y + inner.h) continue;
        bool on = i == app->browser_sel;
        if (ui_button(ui, ui_idn("br-item", i), it, "", UI_FLAT | (on ? UI_TOGGLED : 0))) app->browser_sel = i;
        if (on) ui_rrect(ui, it, 5, theme.accent_soft);
        for (int k = 0; k < title_n[i]; k++) /* a title too long for two lines: the second shortened */
            ui_text_fit(ui, FONT_BOLD, theme.ui_font, it.x + 10, it.y + 7 + (float)k * title_lh, title[i].line[k], it.w - 20,
                        on ? theme.accent : theme.text);
        float sub_y = it.y + 27 + (title_n[i] > 1 ? title_lh : 0);
        char sub[160], num[32];
        fmt_num(total_rps(m), num, sizeof num);
        int n_by[EVENT_ACTION_COUNT] = {0};
        for (int k = 0; k < m->scenario.n_events; k++) n_by[m->scenario.events[k].action]++;
        char reqs[80];
        snprintf(reqs, sizeof reqs, P_("%d requirement", "%d requirements", m->scenario.n_requirements),
                 m->scenario.n_requirements);
        snprintf(sub, sizeof sub, _("%s rps \xC2\xB7 %s%s%s%s%s%s%s"), num, reqs, n_by[EVENT_FAIL] ? " \xC2\xB7 " : "",
                 n_by[EVENT_FAIL] ? _("failure") : "", n_by[EVENT_SLOW] ? " \xC2\xB7 " : "",
                 n_by[EVENT_SLOW] ? _("slowdown") : "", n_by[EVENT_SURGE] ? " \xC2\xB7 " : "",
                 n_by[EVENT_SURGE] ? _("surge") : "");
        const struct PassedPreset *done = practice_passed(app, base_name(app->scen_paths[i]));
        float sub_w = it.w - 20;
        if (done) {
            /* Passed before: a check and the cheapest passing design's cost. */
            char won[64];
            fmt_num(done->best_cost_usd, num, sizeof num);
            snprintf(won, sizeof won, _("\xE2\x9C\x93 passed \xC2\xB7 $%s"), num);
            float ww = render_text_width(app->r, FONT_BOLD, theme.small_font, won);
            ui_text(ui, FONT_BOLD, theme.small_font, it.x + it.w - 10 - ww, sub_y, won, theme.ok);
            sub_w -= ww + 8;
        }
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, it.x + 10, sub_y, sub, sub_w, theme.text_dim);
    }
    ui_clip(ui, NULL);
    app->browser_list_scroll = list_scroll;
    if (app->browser_sel != before) {
        app->browser_scroll = 0;
        /* Keep the selected item in view. */
        float t0 = top[app->browser_sel], t1 = top[app->browser_sel + 1];
        if (t0 < list_scroll) list_scroll = t0;
        if (t1 > list_scroll + inner.h) list_scroll = t1 - inner.h;
        app->browser_list_scroll = list_scroll;
    }
    free(top);
    free(title);
    free(title_n);

    const char *open_recent = NULL;
    if (n_recent) {
        float ry = list.y + list.h + 10;
        ui_text(ui, FONT_BOLD, theme.small_font, x, ry, _("RECENT FILES"), theme.text_faint);
        ry += 20;
        for (int k = 0; k < n_recent; k++, ry += 24) {
            Rect it = {x, ry, list_w, 22};
            const char *name = strrchr(app->recent[k], '/');
            name = name ? name + 1 : app->recent[k];
            if (ui_button(ui, ui_idn("br-recent", k), it, "", UI_FLAT)) open_recent = app->recent[k];
            ui_text_fit(ui, FONT_REGULAR, theme.ui_font, it.x + 8, it.y + 2, name, 180, theme.accent);
            char dir[300];
            snprintf(dir, sizeof dir, "%.*s", (int)(name - app->recent[k]), app->recent[k]);
            ui_text_fit(ui, FONT_REGULAR, theme.small_font, it.x + 196, it.y + 4, dir, it.w - 204, theme.text_faint);
        }
    }

    /* The selected preset. */
    int i = app->browser_sel;
    Rect det = {list.x + list.w + 24, y, rc.x + rc.w - 24 - (list.x + list.w + 24), foot - y - 8};
    browser_detail(app, i, det);

    /* Footer. */
    float by = rc.y + rc.h - 48;
    bool has_starter = app->scen_starters[i] != NULL;
    const char *start_label = _("Start from the starter design");
    float sw = render_text_width(app->r, FONT_BOLD, theme.ui_font, start_label) + 32;
    bool start = ui_button(ui, ui_id("br-start"), rect_make(rc.x + rc.w - 24 - sw, by, sw, 32), start_label,
                           UI_PRIMARY | (has_starter ? 0 : UI_DISABLED));
    start = start || (has_starter && ui_key(ui, SDLK_RETURN, 0));
    const char *blank_label = _("Start from a blank board");
    float bw = render_text_width(app->r, FONT_REGULAR, theme.ui_font, blank_label) + 28;
    bool blank = ui_button(ui, ui_id("br-blank"), rect_make(rc.x + rc.w - 24 - sw - 10 - bw, by, bw, 32), blank_label, 0);
    bool close = ui_button(ui, ui_id("br-close"), rect_make(rc.x + rc.w - 24 - sw - 10 - bw - 10 - 90, by, 90, 32),
                           _("Close"), 0) ||
                 ui_key(ui, SDLK_ESCAPE, 0);
    const char *ref_label = _("Reveal the reference solution\xE2\x80\xA6");
    float rw = render_text_width(app->r, FONT_REGULAR, theme.ui_font, ref_label) + 24;
    bool reveal = ui_button(ui, ui_id("br-reference"), rect_make(x, by, rw, 32), ref_label, UI_FLAT);
    if (!has_starter)
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, x + rw + 12, by + 8, _("This preset has no starter design."),
                    rc.w - rw - sw - bw - 170, theme.text_faint);
    dialog_end_card(app);
    if (open_recent) {
        app->modal = MODAL_NONE;
        doc_guard(app, PENDING_OPEN, open_recent);
    } else if (blank) {
        app->modal = MODAL_NONE;
        app->new_pick = i;
        doc_guard(app, PENDING_BLANK, NULL);
    } else if (start) {
        doc_open_preset(app, i, false);
    } else if (reveal) {
        app->modal = MODAL_SPOILER;
    } else if (close) {
        app->modal = MODAL_NONE;
    }
}

void spoiler_modal(App *app)
{
    Ui *ui = &app->ui;
    int i = app->browser_sel;
    if (i < 0 || i >= app->n_scen) {
        app->modal = MODAL_NONE;
        return;
    }
    Rect rc = dialog_card(app, 540, 196);
    float x = rc.x + 24, y = rc.y + 22;
    ui_icon(ui, ICON_WARNING, rect_make(x, y + 2, 18, 16), theme.warning);
    ui_text_fit(ui, FONT_BOLD, 16, x + 28, y, _("Open the reference solution?"), rc.w - 76, theme.text);
    y += 34;
    const char *t = scenario_title_in(app->scen_models[i], lang_of(app));
    char line[600];
    snprintf(line, sizeof line,
             _("It is a design that passes every requirement of \xC2\xAB%s\xC2\xBB. Seeing it before you have tried "
             "spoils the exercise: start from the starter, run it, and read the hints first."),
             t ? t : app->scen_titles[i]);
    dialog_wrap(app, FONT_REGULAR, theme.ui_font, x, y, rc.w - 48, line, theme.text_dim, true);
    float by = rc.y + rc.h - 52;
    const char *open_label = _("Show me the solution");
    float ow = render_text_width(app->r, FONT_REGULAR, theme.ui_font, open_label) + 28;
    bool open = ui_button(ui, ui_id("sp-open"), rect_make(rc.x + rc.w - 24 - ow, by, ow, 32), open_label, 0);
    bool back = ui_button(ui, ui_id("sp-back"), rect_make(rc.x + rc.w - 24 - ow - 10 - 170, by, 170, 32),
                          _("Back to the exercise"), UI_PRIMARY) ||
                ui_key(ui, SDLK_ESCAPE, 0) || ui_key(ui, SDLK_RETURN, 0);
    dialog_end_card(app);
    if (open)
        doc_open_preset(app, i, true);
    else if (back)
        app->modal = MODAL_BROWSER;
}
