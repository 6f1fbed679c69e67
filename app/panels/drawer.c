/*
 * drawer.c - the results drawer under the canvas and the utilisation legend over it.
 *
 * Tabs: Requests (a row per request type: throughput, p50/p95/p99/max, errors by
 * cause, the change against the previous run, beside a p99-over-time chart), Nodes
 * (a sortable table), Charts (p99 and throughput over time per type, the selected
 * node's queue or backlog over time; scenario events marked on the time axis) and
 * Trace (a waterfall of one request: wire, queued and served per hop). Charts are
 * drawn here from lines and text, with axes, units and legends. Also the run
 * settings dialog (duration, warm-up, seed in the scenario; replications in meta).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "panel.h"
#include "sim/scenario_edit.h"
#include "sim/tr.h"
#include "sim/report.h"
#include "sim/requirements.h"
#include "sim/util.h"

static const uint32_t SERIES_COLORS[] = {0x2563EB, 0xD97706, 0x059669, 0xDB2777, 0x7C3AED, 0x0891B2};

static Color series_color(int k) { return hex(SERIES_COLORS[k % 6]); }

/* ---- the legend over the canvas ---------------------------------------------------------- */

static void legend(App *app)
{
    Ui *ui = &app->ui;
    Render *r = app->r;
    Rect c = app->canvas_rc;
    if (app->model->n_nodes == 0) return;
    bool measured = app->res != NULL;
    bool stale = measured && app->version != app->res_version;
    const char *state = !measured ? _("predicted (no run yet: F5)")
                        : stale   ? _("measured \xC2\xB7 edited since: F5")
                                  : _("measured");
    /* its short form, and none at all, so the keys to the badges' words fit beside it on a
     * narrower canvas (the badges say "est" of a prediction themselves) */
    const char *state_short = !measured ? C_("legend", "predicted") : stale ? C_("legend", "measured \xC2\xB7 edited") : state;
    const char *names[3] = {"< 60%", "60\342\200\22385%", "> 85%"}; /* 60–85% */
    const double u[3] = {0.3, 0.7, 0.95};
    float fs = theme.small_font;
    /* The legend is as wide as its words, never wider than the canvas beside the zoom box. */
    float w = 10 + render_text_width(r, FONT_BOLD, fs, _("Utilisation")) + 10;
    for (int k = 0; k < 3; k++) w += 16 + render_text_width(r, FONT_REGULAR, fs, names[k]) + 12;
    float wo = 16 + render_text_width(r, FONT_REGULAR, fs, _("over capacity")) + 12;
    float wb = 22 + render_text_width(r, FONT_REGULAR, fs, _("backed up")) + 12;
    float wa = measured ? 104 : 0;
    float max_w = c.w - 24 - 180;
    /* The first that fits: the keys with the state, with its short form, without it; then
     * the state alone, long, short or not at all. */
    const char *states[3] = {state, state_short, ""};
    bool show_flags = false;
    float ws = 0;
    for (int k = 0; k < 6; k++) {
        bool flags = k < 3;
        const char *st = states[k % 3];
        float sw = *st ? render_text_width(r, FONT_REGULAR, fs, st) + 12 : 0;
        if (w + (flags ? wo + wb : 0) + wa + sw <= max_w || k == 5) {
            show_flags = flags;
            state = st;
            ws = sw;
            break;
        }
    }
    /* narrower still: the swatches without their heading, so the Animate box stays whole
     * (it was cut in half at 1024 px in Ukrainian); then without the box */
    float title_w = render_text_width(r, FONT_BOLD, fs, _("Utilisation")) + 10;
    bool show_title = w + wa <= max_w;
    if (!show_title) w -= title_w;
    if (w + wa > max_w) wa = 0;
    if (show_flags) w += wo + wb;
    w += wa + ws;
    if (w > max_w) w = max_w;
    Rect box = {c.x + 12, c.y + c.h - 44, w, 32};
    ui_rrect(ui, box, 6, theme.panel);
    ui_rrect_line(ui, box, 6, 1, theme.border);
    ui_clip(ui, &box);
    float x = box.x + 10;
    if (show_title) {
        ui_text_in(ui, FONT_BOLD, fs, rect_make(x, box.y, title_w - 10, box.h), 0, _("Utilisation"), theme.text);
        x += title_w;
    }
    for (int k = 0; k < 3; k++) {
        float nw = render_text_width(r, FONT_REGULAR, fs, names[k]);
        ui_rrect(ui, rect_make(x, box.y + 10, 12, 12), 3, run_util_color(u[k]));
        ui_text_in(ui, FONT_REGULAR, fs, rect_make(x + 16, box.y, nw, box.h), 0, names[k], theme.text_dim);
        x += 16 + nw + 12;
    }
    if (show_flags) {
        /* The two words the badges use: the node short of slots, and who waits on it. */
        ui_rrect_line(ui, rect_make(x, box.y + 10, 12, 12), 3, 2, theme.danger);
        ui_text_in(ui, FONT_REGULAR, fs, rect_make(x + 16, box.y, wo - 16, box.h), 0, _("over capacity"), theme.text_dim);
        x += wo;
        for (int d = 0; d < 3; d++) ui_rect(ui, rect_make(x + (float)d * 6, box.y + 15, 4, 2), run_backed_color());
        ui_text_in(ui, FONT_REGULAR, fs, rect_make(x + 22, box.y, wb - 22, box.h), 0, _("backed up"), theme.text_dim);
        x += wb;
    }
    if (wa > 0) {
        ui_checkbox(ui, ui_id("lg-animate"), rect_make(x + 4, box.y + 4, 100, 24), _("Animate"), &app->animate);
        x += wa;
    }
    overlay_text_in(app, FONT_REGULAR, fs, rect_make(x, box.y, box.x + box.w - x - 8, box.h), 0, state,
                    stale ? theme.warning : theme.text_faint);
    ui_clip(ui, NULL);
}

/* ---- charts -------------------------------------------------------------------------------- */

typedef struct Series {
    const char *name;
    Color c;
    int type, node, fig; /* type >= 0: type series fig; node >= 0: node series fig; else
                            group series fig of consumer group `group` */
    int group;
    double scale;        /* shown value = value x scale (0: 1) */
    const Results *src;  /* NULL: the last run's; else another's (the previous run), dashed */
} Series;

static double series_at(const Results *r, const Series *s, int sec)
{
    double v = s->type >= 0   ? results_type_series(r, s->type, sec)[s->fig]
               : s->node >= 0 ? results_node_series(r, s->node, sec)[s->fig]
                              : results_group_series(r, s->group, sec)[s->fig];
    if (s->scale != 0) v *= s->scale;
    return isfinite(v) ? v : 0;
}

/* Where a chart drew its plot, for marks on it: x of simulated time t is
 * plot.x + plot.w * t / span. span 0: nothing was drawn. */
typedef struct ChartAxes {
    Rect plot;
    double span;
} ChartAxes;

/* A label on a chart's time axis at x, in the first row free there; drawn later. */
typedef struct AxisMark {
    float x, y, w;
    char text[200];
    Color c;
} AxisMark;

static void axis_mark(App *app, Rect plot, float x, const char *text, Color c, float *label_end, float top_right,
                      AxisMark *marks, int *n_marks)
{
    if (*n_marks >= 16) return;
    int row = 0;
    float tw = render_text_width(app->r, FONT_REGULAR, 10, text);
    /* the first row ends where the chart's own note at its top right begins (top_right; INFINITY: none) */
    while (row < 7 && (label_end[row] > x || (row == 0 && x + 3 + tw > top_right))) row++;
    float avail = plot.x + plot.w - x - 4;
    AxisMark *mk = &marks[(*n_marks)++];
    mk->x = x + 3;
    mk->y = plot.y + 2 + 13 * (float)row;
    mk->w = fminf(avail, tw);
    snprintf(mk->text, sizeof mk->text, "%s", text);
    mk->c = c;
    label_end[row] = x + 6 + mk->w;
}

/* A chart narrower than this gives its title two lines ("throughput over time
 * (requests/s)" was cut at 1024 px), and every chart of the row its plot's place under
 * them, so the plots line up. */
#define CHART_NARROW_W 260

/* Where chart rc draws its plot. */
static Rect chart_plot(App *app, Rect rc)
{
    float extra = rc.w < CHART_NARROW_W ? render_line_height(app->r, FONT_BOLD, theme.small_font) : 0;
    return (Rect){rc.x + 44, rc.y + 22 + extra, rc.w - 56, rc.h - 62 - extra};
}

static ChartAxes chart(App *app, Rect rc, const char *title, const Series *ss, int n_series)
{
    Ui *ui = &app->ui;
    const Results *r = app->res->mean;
    const Model *m = app->res_model;
    ui_text_lines(ui, FONT_BOLD, theme.small_font, rc.x, rc.y, rc.w - 8, title, rc.w < CHART_NARROW_W ? 2 : 1, theme.text);
    Rect plot = chart_plot(app, rc);
    if (plot.w < 40 || plot.h < 30 || r->n_seconds < 2) return (ChartAxes){plot, 0};
    int ns = r->n_seconds;
    /* A row is series_step_s seconds (1, or more for very long runs). */
    double span = ns * (r->series_step_s > 0 ? r->series_step_s : 1);
    for (int k = 0; k < n_series; k++) /* another run's curve may be longer */
        if (ss[k].src) span = fmax(span, ss[k].src->n_seconds * (ss[k].src->series_step_s > 0 ? ss[k].src->series_step_s : 1));
    double ymax = 0;
    for (int k = 0; k < n_series; k++) {
        const Results *rk = ss[k].src ? ss[k].src : r;
        for (int t = 0; t < rk->n_seconds; t++) ymax = fmax(ymax, series_at(rk, &ss[k], t));
    }
    bool percent = n_series > 0 && ss[0].scale == 100;
    /* grid lines at round values, about four: a share tops at 100% */
    double top = percent && ymax <= 100.5 ? 100 : ymax * 1.05, step = numfmt_nice_step(top, 4);
    int grid = (int)fmax(1, ceil(top / step - 1e-9));
    ymax = grid * step;
    ui_rect(ui, plot, theme.panel);
    /* Warm-up shaded: those seconds are not in the figures. */
    if (r->warmup_s > 0) {
        float wx = plot.w * (float)(r->warmup_s / span);
        ui_rect(ui, rect_make(plot.x, plot.y, fminf(wx, plot.w), plot.h), theme.panel_alt);
    }
    for (int g = 0; g <= grid; g++) {
        float y = plot.y + plot.h - plot.h * (float)g / (float)grid;
        ui_rect(ui, rect_make(plot.x, y, plot.w, 1), g ? with_alpha(theme.border, 160) : theme.border_strong);
        char lab[NUMFMT_CAP];
        numfmt_count(ymax * g / grid, lab, sizeof lab);
        ui_text_in(ui, FONT_REGULAR, 10, rect_make(rc.x, y - 7, 40, 14), 2, lab, theme.text_faint);
    }
    char t0[32], t1[32];
    snprintf(t0, sizeof t0, "0%s", tr_pin(tr_lang(), "duration", " s")); /* "0 s", "0 с" */
    numfmt_ms_in(span * 1000, tr_lang(), t1, sizeof t1);
    ui_text(ui, FONT_REGULAR, 10, plot.x, plot.y + plot.h + 3, t0, theme.text_faint);
    ui_text_in(ui, FONT_REGULAR, 10, rect_make(plot.x + plot.w - 60, plot.y + plot.h + 1, 60, 14), 2, t1,
               theme.text_faint);
    /* Scenario events on the time axis; labels of events close together stack. They are
     * drawn after the series, on a backing, so a line does not run through them. */
    float label_end[8] = {0};
    AxisMark marks[16];
    int n_marks = 0;
    bool others = false; /* another run's curves, said at the plot's top right */
    for (int k = 0; k < n_series; k++) others |= ss[k].src != NULL;
    const char *prev_label = _("dashed: previous run");
    float prev_w = render_text_width(app->r, FONT_REGULAR, 10, prev_label);
    float top_right = others ? plot.x + plot.w - prev_w - 8 : INFINITY;
    for (int e = 0; e < m->scenario.n_events; e++) {
        const ScenarioEvent *ev = &m->scenario.events[e];
        if (ev->at_s < 0 || ev->at_s > span) continue;
        float x = plot.x + plot.w * (float)(ev->at_s / span);
        /* an event that changed nothing (a read replica of a database without any) is
         * marked faint and says so, so that a curve's rise is not read as its doing */
        bool idle = scenario_event_idle(m, ev);
        Color ec = idle ? theme.text_faint : theme.danger;
        for (float y = plot.y; y < plot.y + plot.h; y += 6) ui_rect(ui, rect_make(x, y, 1, 3), ec);
        if (ev->for_s > 0 && !idle) {
            float x2 = plot.x + plot.w * (float)(fmin(ev->at_s + ev->for_s, span) / span);
            ui_rect(ui, rect_make(x, plot.y, x2 - x, plot.h), with_alpha(theme.danger, 22));
        }
        const char *lab = scenario_event_label_in(&m->scenario, e, tr_lang()); /* its label in the app's language */
        char said[300];
        if (!lab) { /* what happens, as the Scenario panel says it ("Database: 1 server fails"), not only where */
            scenario_event_line(m, ev, false, said, sizeof said);
            lab = said;
        }
        char none[340];
        if (idle) {
            snprintf(none, sizeof none, _("no effect: %s"), lab);
            lab = none;
        }
        axis_mark(app, plot, x, lab, ec, label_end, top_right, marks, &n_marks);
        /* A database's failed primary: the moment failover_s later when a replica took over
         * (if the primary was still down then), a solid line in the "ok" colour. */
        int dn = ev->action == EVENT_FAIL && ev->node ? model_find_node(m, ev->node) : -1;
        const Node *db = dn >= 0 ? &m->nodes[dn] : NULL;
        if (db && db->kind == NODE_DATABASE && db->failover_s > 0 && ev->role != ROLE_REPLICA &&
            (ev->for_s <= 0 || db->failover_s < ev->for_s) && ev->at_s + db->failover_s <= span) {
            float xp = plot.x + plot.w * (float)((ev->at_s + db->failover_s) / span);
            ui_rect(ui, rect_make(xp, plot.y, 1, plot.h), theme.ok);
            axis_mark(app, plot, xp, _("replica promoted"), theme.ok, label_end, top_right, marks, &n_marks);
        }
    }
    for (int k = 0; k < n_series; k++) {
        Vec2 prev = {0, 0};
        bool have = false;
        bool latency = ss[k].type >= 0 && (ss[k].fig == TS_P99_MS || ss[k].fig == TS_MEAN_MS);
        const Results *rk = ss[k].src ? ss[k].src : r;
        double step_k = rk->series_step_s > 0 ? rk->series_step_s : 1;
        for (int t = 0; t < rk->n_seconds; t++) {
            /* A second without one success has no latency: a gap, not a drop to 0. */
            if (latency && results_type_series(rk, ss[k].type, t)[TS_THROUGHPUT_RPS] <= 0) {
                have = false;
                continue;
            }
            double at_s = ((double)t + 0.5) * step_k; /* runs of other lengths share the time axis */
            if (at_s > span) break;
            double v = series_at(rk, &ss[k], t);
            Vec2 p = {plot.x + plot.w * (float)(at_s / span), plot.y + plot.h - plot.h * (float)(v / ymax)};
            /* another run's series is dashed: every other segment */
            if (have && (!ss[k].src || t % 2 == 0)) ui_line(ui, prev, p, ss[k].src ? 1.2f : 1.6f, ss[k].c);
            prev = p;
            have = true;
        }
    }
    for (int k = 0; k < n_marks; k++) {
        const AxisMark *mk = &marks[k];
        ui_rect(ui, rect_make(mk->x - 1, mk->y, mk->w + 2, 13), with_alpha(theme.panel, 215));
        overlay_text_fit(app, FONT_REGULAR, 10, mk->x, mk->y, mk->text, mk->w, mk->c);
    }
    /* Legend under the plot: each name shortened to what is left (the full name in a
     * tooltip); names that find no room at all are summed up as "+N". */
    float lx = plot.x + 30, lend = rc.x + rc.w - 4;
    int own = 0;
    for (int k = 0; k < n_series; k++) own += ss[k].src == NULL;
    if (others) { /* said inside the plot, top right: the legend keeps its room; the events'
                     labels take the row under it there */
        ui_rect(ui, rect_make(plot.x + plot.w - prev_w - 5, plot.y + 2, prev_w + 2, 13), with_alpha(theme.panel, 215));
        ui_text(ui, FONT_REGULAR, 10, plot.x + plot.w - prev_w - 4, plot.y + 2, prev_label, theme.text_faint);
    }
    for (int k = 0, shown = 0; k < n_series && shown < 6; k++) {
        if (ss[k].src) continue;
        float tw = render_text_width(app->r, FONT_REGULAR, 10, ss[k].name);
        float room = lend - (lx + 16);
        if (room < 36) {
            char more[16];
            snprintf(more, sizeof more, "+%d", own - shown);
            ui_text(ui, FONT_REGULAR, 10, lx, plot.y + plot.h + 16, more, theme.text_faint);
            break;
        }
        ui_rect(ui, rect_make(lx, plot.y + plot.h + 22, 12, 3), ss[k].c);
        overlay_text_fit(app, FONT_REGULAR, 10, lx + 16, plot.y + plot.h + 16, ss[k].name, fmaxf(room, 20), theme.text_dim);
        lx += fminf(tw, room) + 32;
        shown++;
    }
    return (ChartAxes){plot, span};
}

static int prev_type(const App *app, const char *name);

/* One series per request type; with a previous run, its series of the same types dashed
 * beside them (how the change moved each). */
static void type_chart(App *app, Rect rc, const char *title, int fig)
{
    const Results *r = app->res->mean;
    Series ss[12];
    char names[6][80];
    int n = 0, shown = r->n_types < 6 ? r->n_types : 6;
    for (int t = 0; t < shown; t++)
        ss[n++] = (Series){r->type_names[t], series_color(t), t, -1, fig, -1, 0, NULL};
    for (int t = 0; t < shown && app->prev; t++) {
        int pt = prev_type(app, r->type_names[t]);
        if (pt < 0) continue;
        snprintf(names[t], sizeof names[t], _("%s, previous run"), r->type_names[t]);
        ss[n++] = (Series){names[t], with_alpha(series_color(t), 150), pt, -1, fig, -1, 0, app->prev->mean};
    }
    chart(app, rc, title, ss, n);
}

/* ---- the tabs ------------------------------------------------------------------------------- */

static int prev_type(const App *app, const char *name)
{
    if (!app->prev) return -1;
    const Results *p = app->prev->mean;
    for (int t = 0; t < p->n_types; t++)
        if (strcmp(p->type_names[t], name) == 0) return t;
    return -1;
}

static void cell(App *app, float x, float y, float w, const char *s, Color c, bool bold)
{
    overlay_text_in(app, bold ? FONT_BOLD : FONT_REGULAR, theme.small_font, rect_make(x, y, w, 20), 2, s, c);
}

/* Columns of a table that fit `area`: when their widths cw[] add up to more, the first
 * (names, shortened with a tooltip) gives way down to name_min, then the others down to
 * need[] (their heading whole). What still does not fit scrolls sideways: Shift+wheel or
 * a sideways wheel over the table moves it, and a bar under it shows where it is; the
 * caller clips to `area`. Returns the x the first column starts at, and in *width the
 * columns' width. */
static float table_fit(App *app, Rect area, float *cw, const float *need, int n, float name_min, float *width)
{
    float total = 0;
    for (int k = 0; k < n; k++) total += cw[k];
    for (int k = 1; k < n && total > area.w; k++) {
        float give = fminf(cw[k] - need[k], total - area.w);
        if (give > 0) cw[k] -= give, total -= give;
    }
    if (total > area.w && cw[0] > name_min) {
        float give = fminf(cw[0] - name_min, total - area.w);
        cw[0] -= give;
        total -= give;
    }
    *width = total;
    float over = total - area.w;
    if (over <= 0.5f) {
        app->drawer_scroll_x = 0;
        return area.x;
    }
    Ui *ui = &app->ui;
    if (ui_hover(ui, area)) {
        float d = ui->in.wheel_x != 0 ? -ui->in.wheel_x : (ui->in.mod & KMOD_SHIFT) ? -ui->in.wheel_y : 0;
        if (d != 0) {
            app->drawer_scroll_x += d * 40;
            ui->in.wheel_x = 0;
            if (ui->in.mod & KMOD_SHIFT) ui->in.wheel_y = 0;
        }
    }
    app->drawer_scroll_x = fminf(fmaxf(app->drawer_scroll_x, 0), over);
    Rect bar = {area.x, area.y + area.h - 4, area.w, 4};
    ui_rrect(ui, bar, 2, theme.border);
    ui_rrect(ui, rect_make(bar.x + bar.w * app->drawer_scroll_x / total, bar.y, bar.w * area.w / total, bar.h), 2,
             theme.text_faint);
    return area.x - app->drawer_scroll_x;
}

/* A request type's figures in the Requests tab: rps, p50, p95, p99, max, errors. */
static void request_figures(const Results *r, int t, char v[6][64])
{
    const double *f = r->types[t];
    numfmt_count(f[TF_THROUGHPUT_RPS], v[0], 64);
    numfmt_ms_in(f[TF_P50_MS], tr_lang(), v[1], 64);
    numfmt_ms_in(f[TF_P95_MS], tr_lang(), v[2], 64);
    numfmt_ms_in(f[TF_P99_MS], tr_lang(), v[3], 64);
    numfmt_ms_in(f[TF_MAX_MS], tr_lang(), v[4], 64);
    if (f[TF_ERRORS] <= 0) {
        snprintf(v[5], 64, "0");
    } else {
        /* A single cause names the rate ("2.1% timeout"); of several, the rate alone
         * ("87.3% rejected" read as all rejected where 46.7% were): the line under
         * the table gives each. */
        char pct[NUMFMT_CAP];
        int causes = 0;
        for (int k = TF_ERR_REJECTED; k <= TF_ERR_CIRCUIT_OPEN; k++) causes += f[k] > 0;
        numfmt_percent_fine(f[TF_ERROR_RATE], pct, sizeof pct);
        if (causes == 1)
            snprintf(v[5], 64, "%s %s", pct, err_cause_words(results_main_cause(r, t), true, tr_lang()));
        else
            snprintf(v[5], 64, "%s", pct);
    }
}

/* The Requests tab's p99 chart: narrower than this it is not drawn. */
#define REQUESTS_CHART_MIN_W 260

static void requests_tab(App *app, Rect rc)
{
    Ui *ui = &app->ui;
    const Results *r = app->res->mean;
    float x = rc.x, y = rc.y;
    /* The name, six figures, and with a previous run the p99 beside it. */
    const char *heads[] = {_("request"), "rps", "p50", "p95", "p99", _("max"), _("errors"), _("p99 vs previous run")};
    int n_cols = app->prev ? 8 : 7;
    float cw[] = {130, 64, 60, 60, 60, 60, 130, 150}, need[8];
    for (int t = 0; t < r->n_types; t++)
        cw[0] = fmaxf(cw[0], render_text_width(app->r, FONT_REGULAR, theme.small_font, r->type_names[t]) + 24);
    if (cw[0] > 200) cw[0] = 200;
    for (int k = 0; k < 8; k++) need[k] = fmaxf(56, render_text_width(app->r, FONT_BOLD, theme.small_font, heads[k]) + 12);
    char(*fig)[6][64] = xcalloc((size_t)r->n_types + 1, sizeof *fig); /* each row's, formatted once */
    for (int t = 0; t < r->n_types; t++) { /* and the figures under it: a number is never cut */
        request_figures(r, t, fig[t]);
        for (int k = 0; k < 6; k++)
            need[k + 1] = fmaxf(need[k + 1], render_text_width(app->r, FONT_REGULAR, theme.small_font, fig[t][k]) + 12);
    }
    /* The p99 chart beside keeps its place when the columns can give way for it (after a
     * second run the "previous run" column took it at 1440 px); else the table takes the
     * tab and the chart goes. */
    float least = fminf(cw[0], 90);
    for (int k = 1; k < n_cols; k++) least += fminf(cw[k], need[k]);
    Rect area = {x, y, rc.w, 24 + 22 * (float)r->n_types + 6};
    if (rc.w - 24 - REQUESTS_CHART_MIN_W >= least) area.w = rc.w - 24 - REQUESTS_CHART_MIN_W;
    float tw, x0 = table_fit(app, area, cw, need, n_cols, 90, &tw);
    ui_clip(ui, &area);
    ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(x0, y + 2, cw[0] - 8, 16), 0, heads[0], theme.text_dim);
    float cx = x0 + cw[0];
    for (int k = 1; k < 7; k++) {
        cell(app, cx, y, cw[k] - 8, heads[k], theme.text_dim, true);
        cx += cw[k];
    }
    if (app->prev)
        ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(cx + 8, y, cw[7] - 10, 20), 0, heads[7], theme.text_dim);
    y += 24;
    for (int t = 0; t < r->n_types; t++, y += 22) {
        const double *f = r->types[t];
        ui_rect(ui, rect_make(x0, y - 2, tw, 1), theme.border);
        ui_rect(ui, rect_make(x0, y + 7, 8, 3), series_color(t));
        overlay_text_fit(app, FONT_REGULAR, theme.small_font, x0 + 12, y + 2, r->type_names[t], cw[0] - 16, theme.text);
        cx = x0 + cw[0];
        for (int k = 0; k < 6; k++) {
            cell(app, cx, y, cw[k + 1] - 8, fig[t][k], k == 5 && f[TF_ERRORS] > 0 ? theme.danger : theme.text, false);
            cx += cw[k + 1];
        }
        int pt = prev_type(app, r->type_names[t]);
        if (pt >= 0) {
            char a[NUMFMT_CAP], b[NUMFMT_CAP], line[2 * NUMFMT_CAP + 8];
            double before = app->prev->mean->types[pt][TF_P99_MS], now = f[TF_P99_MS];
            numfmt_ms_in(before, tr_lang(), a, sizeof a);
            numfmt_ms_in(now, tr_lang(), b, sizeof b);
            snprintf(line, sizeof line, "%s \xE2\x86\x92 %s", a, b);
            Color c = now < before * 0.97 ? theme.ok : (now > before * 1.03 ? theme.danger : theme.text_dim);
            ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(cx + 8, y, cw[7] - 10, 20), 0, line, c);
        }
    }
    free(fig);
    ui_clip(ui, NULL);
    if (tw > rc.w) tw = rc.w; /* what follows wraps to the tab */
    /* Errors by cause, one line per type that had any. */
    for (int t = 0; t < r->n_types; t++) {
        const double *f = r->types[t];
        if (f[TF_ERRORS] <= 0) continue;
        char line[320];
        int len = snprintf(line, sizeof line, _("%s errors:"), r->type_names[t]);
        const char *sep = " ";
        for (int k = TF_ERR_REJECTED; k <= TF_ERR_CIRCUIT_OPEN && len > 0 && (size_t)len < sizeof line; k++) {
            if (f[k] <= 0) continue;
            char count[NUMFMT_CAP];
            numfmt_count(f[k], count, sizeof count);
            len += snprintf(line + len, sizeof line - (size_t)len, "%s%s %s", sep, count,
                            err_cause_words((ErrCause)(k - TF_ERR_REJECTED + 1), false, tr_lang()));
            sep = ", ";
        }
        /* wrapped: "…, 471 узел недоступен, 9…" was cut in Russian at 1440 px */
        y += fmaxf(18, ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y + 2, tw, line, theme.danger) + 3);
    }
    /* The work a type hands to queues ends after its answer (the producer is answered
     * when the queue takes the message): its own figures, enqueue to done, as the CLI's
     * "Async work" table gives them; a p99 of 3 ms above a requirement measured at 28 s
     * read as a contradiction. */
    for (int t = 0; t < r->n_types; t++) {
        const double *f = r->types[t];
        if (f[TF_ASYNC_COUNT] <= 0 && f[TF_ASYNC_ERRORS] <= 0) continue;
        char line[640], p50[NUMFMT_CAP], p99[NUMFMT_CAP], mx[NUMFMT_CAP], done[NUMFMT_CAP], failed[NUMFMT_CAP + 32] = "";
        if (f[TF_ASYNC_ERRORS] > 0) { /* a share, as the errors column above */
            char n[NUMFMT_CAP];
            snprintf(failed, sizeof failed, _(", %s failed"),
                     numfmt_percent_fine(f[TF_ASYNC_ERRORS] / (f[TF_ASYNC_COUNT] + f[TF_ASYNC_ERRORS]), n, sizeof n));
        }
        /* done a second, as the table's rps above; and the tasks a request starts when
         * not one (a queue with two consumer groups: "608/s done" beside 304 requests/s
         * read as a contradiction), as the CLI's "per request" column */
        char per[NUMFMT_CAP + 48] = "", n[NUMFMT_CAP];
        double k = numfmt_round_sig(results_async_per_request(r, t), 2);
        if (isfinite(k) && k != 1)
            snprintf(per, sizeof per, _(", %s per request"), numfmt_decimal(k, 2, n, sizeof n));
        snprintf(line, sizeof line,
                 _("%s's async work, from enqueue to done: p50 %s, p99 %s, max %s (%s/s done%s%s); its latency above "
                   "ends when the queue takes it."),
                 r->type_names[t], numfmt_ms_in(f[TF_ASYNC_P50_MS], tr_lang(), p50, sizeof p50),
                 numfmt_ms_in(f[TF_ASYNC_P99_MS], tr_lang(), p99, sizeof p99),
                 numfmt_ms_in(f[TF_ASYNC_MAX_MS], tr_lang(), mx, sizeof mx),
                 numfmt_count(r->duration_s > 0 ? f[TF_ASYNC_COUNT] / r->duration_s : 0, done, sizeof done), per,
                 failed);
        y += fmaxf(18, ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y + 2, tw, line, theme.text) + 3);
    }
    y += 6;
    char note[300], dur[NUMFMT_CAP], warm[NUMFMT_CAP];
    snprintf(note, sizeof note, _("latency of successful requests; %s s measured after %s s warm-up \xC2\xB7 seed %llu%s"),
             numfmt_decimal(r->duration_s, 6, dur, sizeof dur), numfmt_decimal(r->warmup_s, 6, warm, sizeof warm),
             (unsigned long long)r->seed, app->res->n_runs > 1 ? _(" \xC2\xB7 mean of the replications") : "");
    overlay_text_fit(app, FONT_REGULAR, 10, x, y, note, tw, theme.text_faint);
    const char *why = overlay_bottleneck_why(app); /* in the app's language */
    if (why) {
        /* The board's box heads a bottleneck's sentence; without one, "none at this load:
         * the busiest node, …" needs the word it answers, as the CLI writes it. */
        char *line = r->bottleneck >= 0 ? xstrdup(why) : xasprintf(_("Bottleneck: %s"), why);
        y += 16;
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, tw, line,
                          r->bottleneck >= 0 ? theme.danger : theme.text_dim) - 16;
        free(line);
    }
    /* The requirements: pass or fail with the measured value. */
    if (app->model->scenario.n_requirements > 0 && y + 84 <= rc.y + rc.h) { /* the heading and a row */
        y += 30;
        ui_text(ui, FONT_BOLD, theme.small_font, x, y, _("REQUIREMENTS"), theme.text_faint);
        requirement_rows(app, x, y + 20, tw, rc.y + rc.h - 16, false);
    }
    Rect ch = {rc.x + tw + 24, rc.y, rc.w - tw - 24, rc.h};
    if (ch.w >= REQUESTS_CHART_MIN_W) type_chart(app, ch, _("p99 latency over time (ms)"), TS_P99_MS);
}

static int node_sort_col;
static bool node_sort_desc;

/* The figure a node's queue column shows: for a queue node the messages it holds for its
 * consumers (a run's backlog, time average, as the CLI's notes give it), where requests
 * waiting for one of its own slots are none; for every other node that wait queue. */
static int node_queue_figure(const Model *m, int i)
{
    return m && i < m->n_nodes && m->nodes[i].kind == NODE_QUEUE ? NF_MEAN_BACKLOG : NF_MEAN_QUEUE;
}

static const Results *sort_res;
static const Model *sort_model; /* the run's: the names the column shows */

/* Node i's name as the table shows it (its label, else its id). */
static const char *shown_name(int i)
{
    return i < sort_model->n_nodes ? node_label_shown(&sort_model->nodes[i]) : sort_res->node_ids[i];
}

static int cmp_nodes(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    int d;
    if (node_sort_col == 0) d = utf8_collate(shown_name(i), shown_name(j)); /* by the names shown, as a person sorts them */
    else {
        static const int figs[] = {0, NF_UTILISATION, NF_THROUGHPUT_RPS, NF_MEAN_QUEUE, NF_MEAN_WAIT_MS, NF_P99_WAIT_MS, NF_DROPS};
        int fx = figs[node_sort_col], fy = fx;
        if (fx == NF_MEAN_QUEUE) { /* as the column shows it: a queue node's backlog */
            fx = node_queue_figure(sort_model, i);
            fy = node_queue_figure(sort_model, j);
        }
        double x = sort_res->nodes[i][fx], y = sort_res->nodes[j][fy];
        d = x < y ? -1 : x > y;
    }
    if (d == 0) d = i - j;
    return node_sort_desc ? -d : d;
}

/* A row's figures in the Nodes tab, v[1..6] (v[0], the name, is drawn apart); `queue_fig`
 * is what its queue column shows (node_queue_figure). */
static void node_figures(const double *f, int queue_fig, char v[7][NUMFMT_CAP])
{
    v[0][0] = 0;
    numfmt_percent(f[NF_UTILISATION], v[1], sizeof v[1]);
    numfmt_count(f[NF_THROUGHPUT_RPS], v[2], sizeof v[2]);
    numfmt_count(f[queue_fig], v[3], sizeof v[3]);
    numfmt_ms_in(f[NF_MEAN_WAIT_MS], tr_lang(), v[4], sizeof v[4]);
    numfmt_ms_in(f[NF_P99_WAIT_MS], tr_lang(), v[5], sizeof v[5]);
    numfmt_count(f[NF_DROPS], v[6], sizeof v[6]);
}

/* A row of the Nodes tab: the node's name as the board shows it now, and what the run
 * says of its capacity beside it (empty: nothing), with that flag's colour. */
static Color node_row_words(App *app, const Results *r, int i, char *name, size_t name_cap, char *flag, size_t flag_cap)
{
    const double *f = r->nodes[i];
    const Node *nd = i < app->res_model->n_nodes ? &app->res_model->nodes[i] : NULL;
    int mi = app_result_node(app, r->node_ids[i]); /* renamed since the run: still found */
    double ur = nd ? node_replicas_full(app->res_model, r, i) : -1, full_s;
    double us = nd ? node_server_full(app->res_model, r, i) : -1, share;
    int usable, slots;
    flag[0] = 0;
    if (nd) node_name(&sort_model->nodes[i], NAMING_LABEL, name, name_cap); /* as the board names it now */
    else snprintf(name, name_cap, "%s", r->node_ids[i]);
    const NodeView *nv = mi >= 0 && app->view.nodes ? &app->view.nodes[mi] : NULL;
    if (nv && nv->measured && nv->backed_up_by >= 0 && !nv->over) {
        char who[200];
        node_name(&app->model->nodes[nv->backed_up_by], NAMING_LABEL, who, sizeof who);
        if (nv->held_at_times) snprintf(flag, flag_cap, _("backed up at times by %s"), who);
        else snprintf(flag, flag_cap, _("backed up by %s"), who);
        return run_backed_color();
    }
    if (nv && nv->measured && nv->over && ur >= 0) {
        char pct[NUMFMT_CAP];
        snprintf(flag, flag_cap, _("replicas %s: over capacity"), numfmt_percent(ur, pct, sizeof pct));
    } else if (nv && nv->measured && nv->over && us >= 0) { /* one server full alone: a hot shard */
        char pct[NUMFMT_CAP];
        snprintf(flag, flag_cap, _("one server %s: over capacity"), numfmt_percent(us, pct, sizeof pct));
    } else if (nv && nv->measured && nv->over && nd && node_usable_share(app->res_model, r, i, &share, &usable, &slots)) {
        /* a consumer capped by its queue's partitions, the slots it can use full */
        snprintf(flag, flag_cap, _("%d of %d slots usable: over capacity"), usable, slots);
    } else if (nv && nv->measured && nv->over && f[NF_UTILISATION] < 0.95 && (full_s = node_inflight_full_s(app->res_model, r, i)) > 0) {
        char full[NUMFMT_CAP]; /* it waited for in-flight places */
        numfmt_ms_in(full_s * 1000, tr_lang(), full, sizeof full);
        snprintf(flag, flag_cap,
                 node_over_at_times(app->res_model, r, i) ? _("over capacity at times (in-flight full %s)")
                                                          : _("over capacity (in-flight full %s)"),
                 full);
    } else if (nv && nv->measured && nv->over) {
        snprintf(flag, flag_cap, "%s", node_over_at_times(app->res_model, r, i) ? _("over capacity at times") : _("over capacity"));
    } else if (nd && node_usable_share(app->res_model, r, i, &share, &usable, &slots)) {
        /* a consumer capped by its queue's partitions: its 12% is of all its slots */
        char pct[NUMFMT_CAP];
        snprintf(flag, flag_cap, _("%d of %d slots usable: %s"), usable, slots, numfmt_percent(share, pct, sizeof pct));
        return share >= 0.95 ? theme.danger : theme.text_dim;
    } else if (f[NF_FAILOVERS] > 0 || f[NF_NO_PRIMARY_S] > 0) { /* what its waits are made of: the inspector says */
        snprintf(flag, flag_cap, "%s", _("failover"));
        return theme.warning;
    } else if (f[NF_UP_SHARE] >= 0) { /* its utilisation is of that time */
        char pct[NUMFMT_CAP];
        snprintf(flag, flag_cap, _("servers up %s"), numfmt_percent(f[NF_UP_SHARE], pct, sizeof pct));
        return theme.text_dim;
    }
    return theme.danger;
}

static void nodes_tab(App *app, Rect rc)
{
    Ui *ui = &app->ui;
    const Results *r = app->res->mean;
    const char *heads[] = {_("node"), _("utilisation"), "rps", _("queue"), _("wait"), _("p99 wait"), _("dropped")};
    float cw[] = {220, 100, 90, 80, 90, 90, 90}, need[7];
    for (int k = 0; k < 7; k++) { /* a heading whole, its sort arrow too ("ожидание p99 ▾") */
        float head = render_text_width(app->r, FONT_BOLD, theme.small_font, heads[k]);
        cw[k] = fmaxf(cw[k], head + 24);
        need[k] = fmaxf(head + (app->node_sort == k ? 24 : 12), 52);
    }
    char(*fig)[7][NUMFMT_CAP] = xcalloc((size_t)r->n_nodes + 1, sizeof *fig); /* each row's, formatted once */
    for (int i = 0; i < r->n_nodes; i++) { /* and every figure under it: a number is never cut ("< 0.0…") */
        node_figures(r->nodes[i], node_queue_figure(app->res_model, i), fig[i]);
        for (int k = 1; k < 7; k++)
            need[k] = fmaxf(need[k], render_text_width(app->r, FONT_REGULAR, theme.small_font, fig[i][k]) + 12);
    }
    float y = rc.y;
    /* Room to spare: the name column takes what its names and flags need, so "over
     * capacity at times" is not cut beside empty room at the right. */
    sort_model = run_named_model(app); /* node_row_words names nodes as the board does now */
    float spare = rc.w;
    for (int k = 0; k < 7; k++) spare -= cw[k];
    for (int i = 0; i < r->n_nodes && spare > 0; i++) {
        if (i < app->res_model->n_nodes && app->res_model->nodes[i].kind == NODE_CLIENT) continue;
        char name[200], flag[240];
        node_row_words(app, r, i, name, sizeof name, flag, sizeof flag);
        float want = render_text_width(app->r, FONT_REGULAR, theme.small_font, name) + 24 +
                     (flag[0] ? render_text_width(app->r, FONT_REGULAR, 10, flag) + 6 : 0);
        if (want > cw[0]) {
            float grow = fminf(want - cw[0], spare);
            cw[0] += grow;
            spare -= grow;
        }
    }
    /* Narrow: the columns give way to their headings, then sideways scrolling (Shift+wheel). */
    Rect table = rc;
    float tw, x0 = table_fit(app, table, cw, need, 7, 120, &tw), x = x0;
    ui_clip(ui, &table);
    for (int k = 0; k < 7; k++) {
        char h[48];
        snprintf(h, sizeof h, "%s%s", heads[k], app->node_sort == k ? (app->node_sort_desc ? " \xE2\x96\xBE" : " \xE2\x96\xB4") : "");
        Rect hr = {x, y, cw[k] - 8, 20};
        if (ui_button(ui, ui_idn("nt-head", k), hr, "", UI_FLAT)) {
            if (app->node_sort == k) app->node_sort_desc = !app->node_sort_desc;
            else {
                app->node_sort = k;
                app->node_sort_desc = k != 0;
            }
        }
        ui_text_in(ui, FONT_BOLD, theme.small_font, hr, k ? 2 : 0, h, app->node_sort == k ? theme.accent : theme.text_dim);
        x += cw[k];
    }
    ui_clip(ui, NULL);
    y += 24;
    /* The nodes that serve, as the CLI's table lists them: a client serves nothing (its
     * 0 rps would contradict what the board says it sends). */
    int *order = xmalloc((size_t)(r->n_nodes + 1) * sizeof *order), n_rows = 0;
    for (int i = 0; i < r->n_nodes; i++)
        if (i >= app->res_model->n_nodes || app->res_model->nodes[i].kind != NODE_CLIENT) order[n_rows++] = i;
    node_sort_col = app->node_sort;
    node_sort_desc = app->node_sort_desc;
    sort_res = r;
    sort_model = run_named_model(app); /* the names the board shows now */
    qsort(order, (size_t)n_rows, sizeof *order, cmp_nodes);
    Rect body = {rc.x, y, rc.w, rc.y + rc.h - y - (tw > rc.w + 0.5f ? 6 : 0)}; /* above a sideways bar */
    if (ui_hover(ui, body) && ui->in.wheel_y != 0) {
        app->drawer_scroll -= ui->in.wheel_y * 44;
        ui->in.wheel_y = 0;
    }
    float max_scroll = fmaxf(0, (float)n_rows * 22 - body.h);
    if (app->drawer_scroll > max_scroll) app->drawer_scroll = max_scroll;
    if (app->drawer_scroll < 0) app->drawer_scroll = 0;
    ui_clip(ui, &body);
    int first = (int)(app->drawer_scroll / 22);
    for (int k = first; k < n_rows; k++) {
        float ry = y + (float)k * 22 - app->drawer_scroll;
        if (ry > body.y + body.h) break;
        int i = order[k];
        const double *f = r->nodes[i];
        const Node *nd = i < app->res_model->n_nodes ? &app->res_model->nodes[i] : NULL;
        Rect row = {rc.x, ry, rc.w, 22};
        int mi = app_result_node(app, r->node_ids[i]); /* renamed since the run: still found */
        if (mi >= 0 && app->sel_node[mi]) ui_rect(ui, row, theme.accent_soft);
        if (ui_button(ui, ui_idn("nt-row", i), row, "", UI_FLAT) && mi >= 0) sel_node_by_id(app, app->model->nodes[mi].id);
        ui_rect(ui, rect_make(row.x, ry, row.w, 1), theme.border);
        x = x0;
        /* a part full that the whole hides: its dot and flag say so beside the whole's figure
         * (a database's read replicas beside 51%, one of its servers, or the slots a
         * consumer's queue's partitions let it use beside 12%) */
        double part = nd ? node_replicas_full(app->res_model, r, i) : -1, share;
        if (part < 0 && nd) part = node_server_full(app->res_model, r, i);
        int usable, slots;
        if (part < 0 && nd && node_usable_share(app->res_model, r, i, &share, &usable, &slots)) part = share;
        ui_rrect(ui, rect_make(x, ry + 6, 10, 10), 3, run_util_color(part >= 0 ? part : f[NF_UTILISATION]));
        /* The name, then what the run says of its capacity in the room left. */
        char name[200], flag[240];
        Color flag_c = node_row_words(app, r, i, name, sizeof name, flag, sizeof flag);
        float name_room = cw[0] - 24, nw = render_text_width(app->r, FONT_REGULAR, theme.small_font, name);
        if (flag[0]) /* the name whole where the flag leaves it room, else at least half the column */
            name_room = fminf(nw, fmaxf(name_room - render_text_width(app->r, FONT_REGULAR, 10, flag) - 6, name_room * 0.55f));
        overlay_text_fit(app, FONT_REGULAR, theme.small_font, x + 16, ry + 3, name, name_room, theme.text);
        if (flag[0])
            overlay_text_fit(app, FONT_REGULAR, 10, x + 16 + name_room + 6, ry + 4, flag, cw[0] - 24 - name_room - 6, flag_c);
        x += cw[0];
        for (int c = 1; c < 7; c++) {
            cell(app, x, ry + 1, cw[c] - 8, fig[i][c], c == 6 && f[NF_DROPS] > 0 ? theme.danger : theme.text, false);
            if (c == 3 && node_queue_figure(app->res_model, i) == NF_MEAN_BACKLOG &&
                ui_hover(ui, rect_make(x, ry, cw[c] - 8, 22)) && rect_contains(body, ui->in.mx, ui->in.my)) {
                char mx[NUMFMT_CAP], end[NUMFMT_CAP], tip[300];
                const char *sep = numfmt_thousands(tr_lang());
                snprintf(tip, sizeof tip,
                         _("Messages held for its consumers, time average: %s (at most %s, %s at the end)."),
                         fig[i][3], numfmt_grouped(f[NF_MAX_BACKLOG], sep, mx, sizeof mx),
                         numfmt_grouped(f[NF_END_BACKLOG], sep, end, sizeof end));
                overlay_fit_tip(app, rect_make(x, ry, cw[c] - 8, 22), tip);
            }
            x += cw[c];
        }
    }
    ui_clip(ui, NULL);
    free(order);
    free(fig);
}

/* The autoscaling decisions of node `node` as ticks on the time axis of a chart drawn in
 * rc by chart(): up (green) for scale-outs, down (amber) for scale-ins. */
static void scale_marks(App *app, Rect rc, int node)
{
    Ui *ui = &app->ui;
    const Results *r = app->res->mean;
    Rect plot = chart_plot(app, rc);
    if (plot.w < 40 || plot.h < 30 || r->n_seconds < 2) return;
    double span = r->n_seconds * (r->series_step_s > 0 ? r->series_step_s : 1);
    for (int k = 0; k < r->n_scale_log; k++) {
        const ScaleEvent *ev = &r->scale_log[k];
        if (ev->node != node || (ev->action != SCALE_OUT && ev->action != SCALE_IN) || ev->t_s > span) continue;
        float x = plot.x + plot.w * (float)(ev->t_s / span);
        Color c = ev->action == SCALE_OUT ? theme.ok : theme.warning;
        ui_rect(ui, rect_make(x - 0.5f, plot.y + plot.h - 10, 2, 10), c);
        ui_text(ui, FONT_BOLD, 10, x - 3, plot.y + plot.h - 24, ev->action == SCALE_OUT ? "\xE2\x86\x91" : "\xE2\x86\x93", c);
    }
}

static void charts_tab(App *app, Rect rc)
{
    const Results *r = app->res->mean;
    float w = (rc.w - 24) / 3;
    /* The selected node, else an autoscaled one, else the bottleneck, else the first cache in
     * the key model or queue with delivery settings (their own figures over time). */
    int node = -1, sel = sel_single_node(app);
    const Model *rm = app->res_model;
    if (sel >= 0 && sel < app->model->n_nodes) node = app->view.nodes[sel].res;
    for (int i = 0; node < 0 && r->ns_count == NS_COUNT && i < rm->n_nodes && i < r->n_nodes; i++)
        if (node_autoscaled(&rm->nodes[i])) node = i;
    type_chart(app, rect_make(rc.x, rc.y, w, rc.h), _("p99 latency over time (ms)"), TS_P99_MS);
    if (node >= 0 && node < rm->n_nodes && r->ns_count == NS_COUNT && node_autoscaled(&rm->nodes[node])) {
        /* autoscaling: the metric it tracks beside p99, and the instances with its decisions */
        const Node *nd = &rm->nodes[node];
        const Node *now = &run_named_model(app)->nodes[node]; /* named as the board names it now */
        const char *name = now->label && *now->label ? node_label_shown(now) : r->node_ids[node];
        char title[200];
        Rect second = rect_make(rc.x + w + 12, rc.y, w, rc.h), third = rect_make(rc.x + 2 * (w + 12), rc.y, w, rc.h);
        Series m1[1] = {{_("utilisation of serving slots"), series_color(3), -1, node, NS_UTILISATION, -1, 100, NULL}};
        char target[NUMFMT_CAP];
        snprintf(title, sizeof title, _("utilisation of %s over time (%%, target %s%%)"), name,
                 numfmt_decimal(nd->autoscale.metric == SCALE_UTILISATION ? 100 * nd->autoscale.target : 0, 6, target,
                                sizeof target));
        chart(app, second, title, m1, 1);
        /* "paid for": the instances held, serving, booting and draining: the cost over time */
        Series ss[4] = {{_("serving"), series_color(0), -1, node, NS_INSTANCES, -1, 0, NULL},
                        {_("booting"), series_color(1), -1, node, NS_BOOTING, -1, 0, NULL},
                        {_("desired"), series_color(4), -1, node, NS_DESIRED, -1, 0, NULL},
                        {_("paid for"), series_color(5), -1, node, NS_HELD, -1, 0, NULL}};
        snprintf(title, sizeof title, _("instances of %s over time (\xE2\x86\x91 out, \xE2\x86\x93 in)"), name);
        chart(app, third, title, ss, 4);
        scale_marks(app, third, node);
        return;
    }
    type_chart(app, rect_make(rc.x + w + 12, rc.y, w, rc.h), _("throughput over time (requests/s)"), TS_THROUGHPUT_RPS);
    if (node < 0) node = r->bottleneck;
    /* else the node full for a while (a failure, a surge), as the board marks it (not
     * worked out per frame: the view has it) */
    for (int i = 0; node < 0 && app->res != app->live && app->view.nodes && i < app->model->n_nodes; i++)
        if (app->view.nodes[i].full_at_times) node = app->view.nodes[i].res;
    for (int i = 0; node < 0 && i < rm->n_nodes && i < r->n_nodes; i++)
        if ((r->ns_count > NS_HIT_RATIO && node_cache_extended(&rm->nodes[i])) ||
            (rm->nodes[i].kind == NODE_QUEUE && r->n_groups > 0 && node_queue_tracked(rm, i)))
            node = i;
    if (node < 0) return;
    const Node *nd = node < rm->n_nodes ? &rm->nodes[node] : NULL;
    const Node *now = nd ? &run_named_model(app)->nodes[node] : NULL; /* named as the board names it now */
    const char *name = now && now->label && *now->label ? node_label_shown(now) : r->node_ids[node];
    Rect third = rect_make(rc.x + 2 * (w + 12), rc.y, w, rc.h);
    char title[200];
    if (nd && r->ns_count > NS_HIT_RATIO && node_cache_extended(nd) && node_kind_caches(nd->kind)) {
        /* a cache: the hit ratio that emerges from the keys, and the misses reaching the store */
        Series ss[1] = {{_("hit ratio"), series_color(2), -1, node, NS_HIT_RATIO, -1, 100, NULL}};
        snprintf(title, sizeof title, _("hit ratio of %s over time (%%)"), name);
        ChartAxes ax = chart(app, third, title, ss, 1);
        /* the worst second of misses at the store (a restart's storm): a mark on the
         * time axis with its rate */
        double peak = r->nodes[node][NF_MISS_PEAK_RPS], at = r->nodes[node][NF_MISS_PEAK_AT_S];
        if (ax.span > 0 && peak > 0 && at >= 0 && at <= ax.span) {
            char p[NUMFMT_CAP], lab[NUMFMT_CAP + 32];
            numfmt_count(peak, p, sizeof p);
            snprintf(lab, sizeof lab, _("misses peak %s/s"), p);
            float x = ax.plot.x + ax.plot.w * (float)((at - 0.5) / ax.span); /* the middle of its second */
            float base = ax.plot.y + ax.plot.h;
            ui_rect(&app->ui, rect_make(x - 1, base - 8, 3, 8), theme.warning);
            float tw = render_text_width(app->r, FONT_REGULAR, 10, lab);
            float tx = fminf(x + 4, ax.plot.x + ax.plot.w - tw - 2);
            if (tx < ax.plot.x + 2) tx = ax.plot.x + 2;
            overlay_text_fit(app, FONT_REGULAR, 10, tx, base - 22, lab, ax.plot.w - 4, theme.warning);
        }
        return;
    }
    if (nd && nd->kind == NODE_QUEUE && r->n_groups > 0) {
        /* a queue with delivery settings: each consumer group's lag, in seconds */
        Series ss[6];
        int n = 0;
        for (int g = 0; g < r->n_groups && n < 6; g++) {
            int k = r->group_edge[g];
            if (k < 0 || k >= rm->n_edges || !rm->edges[k].from || strcmp(rm->edges[k].from, nd->id) != 0) continue;
            ss[n] = (Series){rm->edges[k].to, series_color(n), -1, -1, GS_LAG_S, g, 0, NULL};
            n++;
        }
        if (n > 0) {
            snprintf(title, sizeof title, _("consumer lag of %s over time (s)"), name);
            chart(app, third, title, ss, n);
            return;
        }
    }
    if (nd && node_several_servers(nd)) {
        /* a database of several servers: the whole's utilisation hides a replica or a
         * shard full alone (a failure leaves one replica the reads), its busiest shows it */
        Series us[2] = {{_("the whole"), series_color(0), -1, node, NS_UTILISATION, -1, 100, NULL},
                        {_("its busiest server"), series_color(1), -1, node, NS_BUSIEST_SERVER, -1, 100, NULL}};
        snprintf(title, sizeof title, _("utilisation of %s over time (%%)"), name);
        chart(app, third, title, us, 2);
        return;
    }
    bool queue = nd && nd->kind == NODE_QUEUE;
    Series ss[4] = {{queue ? _("backlog") : _("queue"), series_color(0), -1, node, queue ? NS_BACKLOG : NS_QUEUE, -1, 0, NULL}};
    int n_ss = 1;
    /* A consumer's work waits in the queues that feed it: their backlog beside its own
     * queue (a busy consumer's own queue stays empty while its queue's backlog grows). */
    char fed[3][160];
    for (int k = 0; !queue && nd && k < rm->n_edges && n_ss < 4; k++) {
        const Edge *e = &rm->edges[k];
        int q = e->to && strcmp(e->to, nd->id) == 0 && e->from ? model_find_node(rm, e->from) : -1;
        if (q < 0 || rm->nodes[q].kind != NODE_QUEUE || q >= r->n_nodes) continue;
        snprintf(fed[n_ss - 1], sizeof fed[0], _("backlog of %s"), node_label_shown(&run_named_model(app)->nodes[q]));
        ss[n_ss] = (Series){fed[n_ss - 1], series_color(n_ss), -1, q, NS_BACKLOG, -1, 0, NULL};
        n_ss++;
    }
    snprintf(title, sizeof title, _("%s of %s (requests%s)"), queue ? _("backlog") : _("queue depth"), name,
             sel < 0 ? _(", the bottleneck") : "");
    chart(app, third, title, ss, n_ss);
}

/* The run in progress: its charts so far (app->live, the series rows it has finished),
 * drawn as the charts of a finished run are, with a line saying how far it is. */
static void live_charts(App *app, Rect rc)
{
    Summary *res = app->res, *prev = app->prev;
    Model *res_model = app->res_model;
    const Results *r = app->live->mean;
    char line[160], done_s[NUMFMT_CAP], all_s[NUMFMT_CAP];
    double step = r->series_step_s > 0 ? r->series_step_s : 1;
    snprintf(line, sizeof line, _("Running: the first %s s of %s s simulated so far (warm-up included)"),
             numfmt_decimal(r->n_seconds * step, 6, done_s, sizeof done_s),
             numfmt_decimal(app->live_model->scenario.warmup_s + app->live_model->scenario.duration_s, 6,
                            all_s, sizeof all_s));
    ui_text_in(&app->ui, FONT_REGULAR, theme.small_font, rect_make(rc.x, rc.y - 4, rc.w, 16), 0, line,
               theme.text_faint);
    /* the chart code reads the shown run: the live one, for this drawing only */
    app->res = app->live;
    app->prev = NULL;
    app->res_model = (Model *)app->live_model;
    charts_tab(app, rect_make(rc.x, rc.y + 14, rc.w, rc.h - 14));
    app->res = res;
    app->prev = prev;
    app->res_model = res_model;
}

static void trace_tab(App *app, Rect rc)
{
    Ui *ui = &app->ui;
    const Results *r = app->res->mean;
    const Model *m = app->res_model;
    int nt = m->scenario.n_requests;
    if (nt <= 0) return;
    const char *names[64];
    int n = nt < 64 ? nt : 64;
    for (int t = 0; t < n; t++) names[t] = m->scenario.requests[t].name;
    ui_text(ui, FONT_BOLD, theme.small_font, rc.x, rc.y + 6, _("request type"), theme.text_dim);
    int pick = app->trace_type < n ? app->trace_type : 0;
    if (ui_dropdown(ui, ui_id("tr-type"), rect_make(rc.x + 90, rc.y, 180, 26), names, n, &pick, 0)) {
        app->trace_type = pick;
        if (!app->job) run_start(app);
    }
    float y = rc.y + 34;
    if (r->trace_type != app->trace_type || !r->trace || r->n_trace == 0) {
        ui_text(ui, FONT_REGULAR, theme.small_font, rc.x, y,
                r->trace_type == app->trace_type ? _("No request of this type was born after the warm-up.")
                                                 : _("Run again (F5) to trace this request type."),
                theme.text_dim);
        return;
    }
    const TraceSpan *sp = r->trace;
    double t0 = sp[0].t_sent, t1 = t0;
    for (int i = 0; i < r->n_trace; i++)
        if (isfinite(sp[i].t_received)) t1 = fmax(t1, sp[i].t_received);
        else if (isfinite(sp[i].t_replied)) t1 = fmax(t1, sp[i].t_replied);
    double total_ms = 1000 * (t1 - t0);
    /* the answer's time is what the request's latency counts; async work it started can
     * end later, and the waterfall shows it: said apart, not as one "end to end" */
    double answered_ms = isfinite(sp[0].t_received) ? 1000 * (sp[0].t_received - t0) : NAN;
    int slowest = trace_slowest_hop(r); /* its own time: wire both ways, queued, served */
    char head[400], tot[NUMFMT_CAP], ans[NUMFMT_CAP], born[NUMFMT_CAP];
    numfmt_ms_in(total_ms, tr_lang(), tot, sizeof tot);
    numfmt_ms_in(1000 * t0, tr_lang(), born, sizeof born);
    if (isfinite(answered_ms) && total_ms > answered_ms * 1.001 + 1e-6)
        snprintf(head, sizeof head, /* the birth time gives way: the line has one place */
                 P_("%d hop \xC2\xB7 answered in %s \xC2\xB7 async until %s",
                    "%d hops \xC2\xB7 answered in %s \xC2\xB7 async until %s", r->n_trace),
                 r->n_trace, numfmt_ms_in(answered_ms, tr_lang(), ans, sizeof ans), tot);
    else
        snprintf(head, sizeof head,
                 P_("%d hop \xC2\xB7 %s end to end \xC2\xB7 born at %s", "%d hops \xC2\xB7 %s end to end \xC2\xB7 born at %s",
                    r->n_trace),
                 r->n_trace, tot, born);
    /* The line after the picker holds the summary and the key where they fit; a narrow tab
     * gives them a line of their own below, then one each. */
    const char *keys[] = {_("wire"), _("queued"), _("served"), _("downstream")};
    Color kc[] = {theme.border_strong, hex(0xF59E0B), hex(0x2563EB), tint(hex(0x2563EB), 0.7f)};
    float key_w[4], keys_w = 0;
    for (int k = 0; k < 4; k++) keys_w += key_w[k] = 16 + render_text_width(app->r, FONT_REGULAR, 10, keys[k]) + 14;
    float head_x = rc.x + 290, head_y = rc.y + 6, key_y = rc.y + 6;
    float head_need = render_text_width(app->r, FONT_REGULAR, theme.small_font, head) + 12;
    if (rc.w < 290 + head_need + keys_w) { /* below the picker */
        head_x = rc.x;
        head_y = key_y = y;
        y += 20;
        if (rc.w < head_need + keys_w) {
            key_y = y;
            y += 20;
        }
    }
    float kx = rc.x + rc.w - keys_w;
    float head_w = (key_y == head_y ? kx - 12 : rc.x + rc.w) - head_x;
    overlay_text_fit(app, FONT_REGULAR, theme.small_font, head_x, head_y, head, head_w, theme.text_dim);
    /* Where and why it failed, in words, above the waterfall. */
    char *failed = trace_failure(m, r, NAMING_LABEL);
    if (failed) {
        char line[400];
        snprintf(line, sizeof line, _("Failed: %s."), failed);
        overlay_text_fit(app, FONT_BOLD, theme.small_font, rc.x, y, line, rc.w, theme.danger);
        free(failed);
        y += 20;
    }
    /* Key. */
    for (int k = 0; k < 4; k++) {
        ui_rect(ui, rect_make(kx, key_y + 4, 12, 8), kc[k]);
        ui_text(ui, FONT_REGULAR, 10, kx + 16, key_y, keys[k], theme.text_dim);
        kx += key_w[k];
    }
    Rect body = {rc.x, y, rc.w, rc.y + rc.h - y};
    if (ui_hover(ui, body) && ui->in.wheel_y != 0) {
        app->drawer_scroll -= ui->in.wheel_y * 40;
        ui->in.wheel_y = 0;
    }
    float max_scroll = fmaxf(0, (float)r->n_trace * 20 - body.h);
    if (app->drawer_scroll > max_scroll) app->drawer_scroll = max_scroll;
    if (app->drawer_scroll < 0) app->drawer_scroll = 0;
    ui_clip(ui, &body);
    float name_w = 220, bx = rc.x + name_w, bw = rc.w - name_w - 70;
    double span_s = fmax(t1 - t0, 1e-9);
#define TX(t) (bx + bw * (float)(((t) - t0) / span_s))
    for (int i = 0; i < r->n_trace; i++) {
        float ry = y + (float)i * 20 - app->drawer_scroll;
        if (ry + 20 < body.y) continue;
        if (ry > body.y + body.h) break;
        const TraceSpan *s = &sp[i];
        int depth = 0;
        for (int p = s->parent; p >= 0 && depth < 12; p = sp[p].parent) depth++;
        const Model *named = run_named_model(app); /* as the board names them now */
        const char *nm = s->node >= 0 && s->node < named->n_nodes ? node_label_shown(&named->nodes[s->node]) : "?";
        char lab[160];
        snprintf(lab, sizeof lab, "%s%s%s", nm, s->async ? _(" (async)") : "", s->attempt ? _(" (retry)") : "");
        if (i == slowest) ui_rect(ui, rect_make(rc.x, ry, rc.w, 20), theme.danger_soft);
        ui_text_fit(ui, i == slowest ? FONT_BOLD : FONT_REGULAR, theme.small_font, rc.x + 8 * (float)depth, ry + 2, lab,
                    name_w - 8 * (float)depth - 8, s->err ? theme.danger : theme.text);
        double a = s->t_sent, b = s->t_arrive, c = s->t_start, d = s->t_served, e = s->t_replied, f = s->t_received;
        float h = 10, yy = ry + 5;
        if (isfinite(a) && isfinite(b) && b > a) ui_rect(ui, rect_make(TX(a), yy, fmaxf(1, TX(b) - TX(a)), h), kc[0]);
        if (isfinite(b) && isfinite(c) && c > b) ui_rect(ui, rect_make(TX(b), yy, fmaxf(1, TX(c) - TX(b)), h), kc[1]);
        if (isfinite(c) && isfinite(d)) ui_rect(ui, rect_make(TX(c), yy, fmaxf(1, TX(d) - TX(c)), h), kc[2]);
        if (isfinite(d) && isfinite(e) && e > d) ui_rect(ui, rect_make(TX(d), yy, fmaxf(1, TX(e) - TX(d)), h), kc[3]);
        if (isfinite(e) && isfinite(f) && f > e) ui_rect(ui, rect_make(TX(e), yy, fmaxf(1, TX(f) - TX(e)), h), kc[0]);
        char own[NUMFMT_CAP];
        numfmt_ms_in(trace_span_own_ms(s), tr_lang(), own, sizeof own);
        Rect orc = rect_make(rc.x + rc.w - 66, ry, 62, 20);
        ui_text_in(ui, FONT_REGULAR, 10, orc, 2, own, i == slowest ? theme.danger : theme.text_dim);
        if (ui_hover(ui, orc)) /* what the figure is: the hop's own, not what it waited for below */
            overlay_fit_tip(app, orc, _("This hop's own time: on the wire both ways, queued and served (not the calls it waited for)"));
    }
#undef TX
    ui_clip(ui, NULL);
}

/* Another tab starts at its top left. */
static void set_tab(App *app, DrawerTab tab)
{
    if (app->drawer_tab != tab) app->drawer_scroll = app->drawer_scroll_x = 0;
    app->drawer_tab = tab;
}

void drawer_update(App *app)
{
    legend(app);
    if (app->drawer_h <= 0) return;
    Ui *ui = &app->ui;
    Rect c = app->canvas_rc;
    Rect rc = {c.x, c.y + c.h, c.w, app->status_rc.y - (c.y + c.h)};
    if (rc.h < 40) return;
    /* The top edge resizes the drawer: drag it up or down. */
    Rect edge = {rc.x, rc.y, rc.w, 6};
    app->drawer_edge_hover = ui_hover(ui, edge);
    if (app->drawer_edge_hover && ui->in.pressed[UI_MOUSE_LEFT]) app->drawer_resizing = true;
    if (app->drawer_resizing) {
        float h = app->status_rc.y - ui->in.my;
        float top = app->toolbar_rc.y + app->toolbar_rc.h;
        float max_h = (app->status_rc.y - top) * 0.7f;
        app->drawer_h = h < 120 ? 120 : h > max_h ? max_h : h;
        if (!ui->in.down[UI_MOUSE_LEFT]) app->drawer_resizing = false;
    }
    ui_rect(ui, rc, theme.panel);
    ui_rect(ui, rect_make(rc.x, rc.y, rc.w, 1), theme.border_strong);
    if (app->drawer_edge_hover || app->drawer_resizing)
        ui_rect(ui, rect_make(rc.x, rc.y, rc.w, 3), theme.accent);
    const char *tabs[TAB_COUNT] = {_("Requests"), _("Nodes"),        _("Charts"), _("Trace"),
                                   _("Requirements"), _("Estimates"), _("Sweep"), _("Compare")};
    float x = rc.x + 12;
    /* In a narrow window the tabs draw tighter, clear of the close button; those that
     * still find no room go into a "More" menu (the open one shows its name there). */
    float text_w = 0;
    for (int k = 0; k < TAB_COUNT; k++) text_w += render_text_width(app->r, FONT_BOLD, theme.ui_font, tabs[k]);
    float limit = rc.x + rc.w - 44;
    float pad = fminf(24, fmaxf(20, (limit - x - text_w) / TAB_COUNT - 4)); /* a button keeps 8 px a side */
    int shown = TAB_COUNT;
    {
        float more_w = render_text_width(app->r, FONT_BOLD, theme.ui_font, _("Requirements")) + 40;
        float cx = x;
        for (int k = 0; k < TAB_COUNT; k++) {
            float w = render_text_width(app->r, FONT_BOLD, theme.ui_font, tabs[k]) + pad;
            bool last = k == TAB_COUNT - 1;
            if (cx + w > limit - (last ? 0 : more_w)) {
                shown = k;
                break;
            }
            cx += w + 4;
        }
    }
    for (int k = 0; k < shown; k++) {
        float w = render_text_width(app->r, FONT_BOLD, theme.ui_font, tabs[k]) + pad;
        Rect tr = {x, rc.y + 8, w, 26};
        if (ui_button(ui, ui_idn("dr-tab", k), tr, tabs[k], UI_FLAT | (app->drawer_tab == (DrawerTab)k ? UI_TOGGLED : 0))) {
            set_tab(app, (DrawerTab)k);
        }
        x += w + 4;
    }
    if (shown < TAB_COUNT) {
        const char *names[TAB_COUNT];
        int n = 0, pick = -1;
        for (int k = shown; k < TAB_COUNT; k++) {
            if ((int)app->drawer_tab == k) pick = n;
            names[n++] = tabs[k];
        }
        const char *label = pick >= 0 ? names[pick] : _("More");
        float w = render_text_width(app->r, FONT_BOLD, theme.ui_font, label) + 40; /* and the chevron */
        int value = pick >= 0 ? pick : 0;
        if (ui_dropdown_label(ui, ui_id("dr-more"), rect_make(x, rc.y + 8, w, 26), label, names, n, &value,
                              pick >= 0 ? UI_TOGGLED : 0) ||
            (pick < 0 && value != 0)) {
            set_tab(app, (DrawerTab)(shown + value));
        }
        x += w + 4;
    }
    if (app->res && rc.x + rc.w - x - 60 >= 60) { /* where it has room (the status bar says it too) */
        const Results *r = app->res->mean;
        char info[200], dur[NUMFMT_CAP], took[NUMFMT_CAP];
        /* A sweep's point shown on the board has no run time of its own. */
        int l = app->res_wall_s > 0
                    ? snprintf(info, sizeof info, _("%s s simulated \xC2\xB7 seed %llu \xC2\xB7 took %s"),
                               numfmt_decimal(r->duration_s, 6, dur, sizeof dur), (unsigned long long)r->seed,
                               numfmt_ms_in(1000 * app->res_wall_s, tr_lang(), took, sizeof took))
                    : snprintf(info, sizeof info, _("%s s simulated \xC2\xB7 seed %llu \xC2\xB7 a point of the sweep"),
                               numfmt_decimal(r->duration_s, 6, dur, sizeof dur), (unsigned long long)r->seed);
        if (app->res->n_runs > 1 && l > 0 && (size_t)l < sizeof info)
            snprintf(info + l, sizeof info - (size_t)l, P_(" \xC2\xB7 mean of %d replication", " \xC2\xB7 mean of %d replications", app->res->n_runs),
                     app->res->n_runs);
        /* Where the whole line has no room, shorter ones: without the run's time, then the
         * duration alone; none at all rather than a cut one. */
        char shorter[2][120];
        snprintf(shorter[0], sizeof shorter[0], _("%s s simulated \xC2\xB7 seed %llu"), dur, (unsigned long long)r->seed);
        snprintf(shorter[1], sizeof shorter[1], _("%s s simulated"), dur);
        float room = rc.x + rc.w - x - 60;
        const char *shown_info = info;
        for (int k = 0; k < 2 && render_text_width(app->r, FONT_REGULAR, theme.small_font, shown_info) > room; k++)
            shown_info = shorter[k];
        if (render_text_width(app->r, FONT_REGULAR, theme.small_font, shown_info) <= room)
            overlay_text_in(app, FONT_REGULAR, theme.small_font, rect_make(x + 12, rc.y + 8, room, 26), 0, shown_info,
                            theme.text_faint);
    }
    if (ui_button(ui, ui_id("dr-close"), rect_make(rc.x + rc.w - 36, rc.y + 8, 26, 26), "\xC3\x97", UI_FLAT))
        app->drawer_h = 0;
    Rect body = {rc.x + 16, rc.y + 44, rc.w - 32, rc.h - 52};
    bool needs_run = app->drawer_tab <= TAB_TRACE;
    if (app->job && app->live && app->live_model &&
        (app->drawer_tab == TAB_CHARTS || (needs_run && !app->res))) {
        live_charts(app, body);
        return;
    }
    if (needs_run && !app->res) {
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(body.x, body.y, body.w, 24), 0,
                   _("No results yet: press Run (F5) to simulate the design."), theme.text_faint);
        return;
    }
    switch (app->drawer_tab) {
    case TAB_REQUESTS: requests_tab(app, body); break;
    case TAB_NODES: nodes_tab(app, body); break;
    case TAB_CHARTS: charts_tab(app, body); break;
    case TAB_TRACE: trace_tab(app, body); break;
    case TAB_GRADE: grade_tab(app, body); break;
    case TAB_ESTIMATES: estimates_tab(app, body); break;
    case TAB_SWEEP: sweep_tab(app, body); break;
    case TAB_COMPARE: compare_tab(app, body); break;
    default: break;
    }
}

void drawer_show(App *app, DrawerTab tab)
{
    if (app->drawer_h <= 0) {
        app->drawer_h = 270;
        app->needs_fit = true; /* the canvas shrinks: keep the diagram in view */
    }
    set_tab(app, tab);
    app->needs_frame = true;
}

/* ---- run settings ------------------------------------------------------------------------- */

void run_settings_open(App *app)
{
    const Scenario *s = &app->model->scenario;
    numfmt_decimal(s->duration_s, 10, app->rs_text[0], sizeof app->rs_text[0]);
    numfmt_decimal(s->warmup_s, 10, app->rs_text[1], sizeof app->rs_text[1]);
    snprintf(app->rs_text[2], sizeof app->rs_text[2], "%llu", (unsigned long long)s->seed);
    snprintf(app->rs_text[3], sizeof app->rs_text[3], "%d", run_replications(app->model));
    app->rs_error[0] = 0;
    app->modal = MODAL_RUN_SETTINGS;
}

static void apply_settings(App *app)
{
    /* As every field reads them: "0,5" as "0.5" (the way a decimal comma language shows
     * them here), "2k" as 2000. */
    char *end, why[160];
    double dur = 0, warm = 0;
    if (!panel_parse_number(app->rs_text[0], &dur, why, sizeof why) || !(dur >= 0.001 && dur <= 1e7)) {
        snprintf(app->rs_error, sizeof app->rs_error, _("Duration: a number of seconds from 0.001 to 10M"));
        return;
    }
    if (!panel_parse_number(app->rs_text[1], &warm, why, sizeof why) || !(warm >= 0 && warm <= 1e7)) {
        snprintf(app->rs_error, sizeof app->rs_error, _("Warm-up: a number of seconds from 0 to 10M"));
        return;
    }
    unsigned long long seed = strtoull(app->rs_text[2], &end, 10);
    if (*end || !app->rs_text[2][0] || app->rs_text[2][0] == '-') {
        snprintf(app->rs_error, sizeof app->rs_error, _("Seed: a whole number"));
        return;
    }
    long reps = strtol(app->rs_text[3], &end, 10);
    if (*end || reps < 1 || reps > 1000) {
        snprintf(app->rs_error, sizeof app->rs_error, _("Replications: a whole number from 1 to 1000"));
        return;
    }
    char *meta = run_meta_with_replications(app->model->meta_json, (int)reps);
    const Scenario *s = &app->model->scenario;
    bool same_meta = (!meta && !app->model->meta_json) ||
                     (meta && app->model->meta_json && strcmp(meta, app->model->meta_json) == 0);
    if (dur != s->duration_s || warm != s->warmup_s || seed != s->seed || !same_meta) {
        Command c;
        cmd_init(&c, _("Run settings"));
        cmd_run_set(&c, app->model, dur, warm, (uint64_t)seed, meta);
        app_commit(app, &c);
    }
    free(meta);
    app->modal = MODAL_NONE;
}

void run_settings_modal(App *app)
{
    Ui *ui = &app->ui;
    const char *labels[] = {_("Duration (s, measured)"), _("Warm-up (s, discarded)"), _("Seed"), _("Replications")};
    float label_w = 180; /* the labels whole, in a longer language too */
    for (int k = 0; k < 4; k++) label_w = fmaxf(label_w, render_text_width(app->r, FONT_REGULAR, theme.ui_font, labels[k]) + 8);
    float w = fminf(20 + label_w + 10 + 150 + 20, (float)app->win_w - 40), h = 280;
    label_w = w - 20 - 10 - 150 - 20;
    ui_set_layer(ui, UI_MODAL);
    ui_open_modal(ui);
    ui_rect(ui, rect_make(0, 0, (float)app->win_w, (float)app->win_h), theme.overlay);
    Rect rc = {((float)app->win_w - w) / 2, ((float)app->win_h - h) / 2, w, h};
    ui_shadow(ui, rc, 10);
    ui_rrect(ui, rc, 10, theme.panel);
    ui_rrect_line(ui, rc, 10, 1, theme.border);
    ui_text(ui, FONT_BOLD, 15, rc.x + 20, rc.y + 16, _("Run settings"), theme.text);
    float y = rc.y + 52;
    for (int k = 0; k < 4; k++, y += 36) {
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(rc.x + 20, y, label_w, 28), 0, labels[k], theme.text);
        char out[64];
        UiTextResult res = ui_textbox(ui, ui_idn("rs-field", k), rect_make(rc.x + 30 + label_w, y, 150, 28), app->rs_text[k],
                                      out, sizeof out, UI_NUMERIC);
        if (res == UI_TEXT_SUBMIT) snprintf(app->rs_text[k], sizeof app->rs_text[k], "%s", out);
        if (res == UI_TEXT_SUBMIT && ui->submit_enter) apply_settings(app);
    }
    if (app->rs_error[0])
        ui_text(ui, FONT_REGULAR, theme.small_font, rc.x + 20, y, app->rs_error, theme.danger);
    ui_text(ui, FONT_REGULAR, 10, rc.x + 20, y + 18, _("Saved with the diagram (replications in meta.archsim_app)."),
            theme.text_faint);
    if (ui_button(ui, ui_id("rs-ok"), rect_make(rc.x + w - 210, rc.y + h - 46, 80, 30), "OK", UI_PRIMARY) ||
        ui_key(ui, SDLK_RETURN, 0))
        apply_settings(app);
    if (ui_button(ui, ui_id("rs-cancel"), rect_make(rc.x + w - 120, rc.y + h - 46, 100, 30), _("Cancel"), 0) ||
        ui_key(ui, SDLK_ESCAPE, 0))
        app->modal = MODAL_NONE;
    ui_set_layer(ui, UI_BASE);
}
