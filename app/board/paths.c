/*
 * paths.c - "Show path of": where one request type goes. The flow equations of the
 * analytic estimate with nothing turned away give, per node and per edge, the expected
 * visits and calls of one request of that type (Estimate.type_visits, edge_type_visits:
 * probability x fan-out x miss ratio along the way). The board veils what the type never
 * reaches, draws its edges in the accent colour and puts the calls per request on each of
 * them. The control sits over the board's top-left corner.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/numfmt.h"
#include "sim/util.h"

void paths_show(App *app, int t)
{
    app->path_type = t >= 0 && t < app->model->scenario.n_requests ? t : -1;
    app->path_version = 0;
    app->needs_frame = true;
}

bool paths_refresh(App *app)
{
    const Model *m = app->model;
    int t = app->path_type;
    if (t < 0 || t >= m->scenario.n_requests) {
        app->path_type = -1;
        return false;
    }
    if (app->path_version == app->sem_version && app->path_version) return true;
    run_refresh_view(app); /* the estimate of this version */
    xgrow((void **)&app->path_node, &app->cap_path_node, m->n_nodes + 1, sizeof *app->path_node);
    xgrow((void **)&app->path_edge, &app->cap_path_edge, m->n_edges + 1, sizeof *app->path_edge);
    const Estimate *e = &app->est;
    double rate = t < e->n_requests ? e->request_rate_rps[t] : 0;
    for (int i = 0; i < m->n_nodes; i++) {
        double v = i < e->n_nodes && rate > 0 ? e->type_visits[(size_t)t * e->n_nodes + i] : 0;
        app->path_node[i] = isfinite(v) && v > 1e-12 ? v : 0;
    }
    for (int i = 0; i < m->n_edges; i++) {
        double v = i < e->n_edges && rate > 0 ? e->edge_type_visits[(size_t)t * e->n_edges + i] : 0;
        app->path_edge[i] = isfinite(v) && v > 1e-12 ? v : 0;
    }
    app->path_version = app->sem_version;
    return true;
}

/* "×0.1", "×1", "×75.5", "×120" per request: whole from 100, one decimal from 10, two
 * significant digits below; never an exponent, and in the screen's style ("×0,5"). */
static void per_request(double v, char *out, size_t cap)
{
    char num[NUMFMT_CAP];
    if (!(v >= 0.01)) {
        snprintf(out, cap, "\xC3\x97<%s", numfmt_decimal(0.01, 1, num, sizeof num));
        return;
    }
    int sig = v >= 100 ? (int)floor(log10(v)) + 1 : v >= 10 ? 3 : 2;
    snprintf(out, cap, "\xC3\x97%s", numfmt_decimal(v, sig, num, sizeof num));
}

void paths_draw(App *app)
{
    Render *r = app->r;
    const Model *m = app->model;
    float z = (float)app->cam.zoom;
    if (z < 0.35f) return;
    render_clip(r, &app->canvas_rc);
    float fs = fmaxf(9, fminf(11, 11 * z));
    for (int i = 0; i < m->n_edges && i < app->routes.n; i++) {
        double v = app->path_edge[i];
        const EdgeRoute *e = &app->routes.r[i];
        if (!(v > 0) || !e->valid) continue;
        Vec2 sp[4];
        for (int k = 0; k < 4; k++) sp[k] = cam_to_screen(&app->cam, app->canvas_rc, e->p[k].x, e->p[k].y);
        Vec2 mid = bezier_at(sp, 0.72f); /* clear of the edge's own label in the middle */
        char t[32];
        per_request(v, t, sizeof t);
        float tw = render_text_width(r, FONT_BOLD, fs, t);
        float h = render_line_height(r, FONT_BOLD, fs) + 4;
        Rect b = {mid.x - tw / 2 - 6, mid.y - h / 2, tw + 12, h};
        render_round_rect(r, b, h / 2, theme.accent);
        render_text(r, FONT_BOLD, fs, roundf(b.x + 6), roundf(b.y + 2), t, theme.text_on_accent);
    }
    render_clip(r, NULL);
}

/* The control's label and box, and the note under it while a path is shown (its
 * width 0 when not): the one layout paths_control draws and the overlay keeps clear. */
static bool control_layout(const App *app, char *label, size_t cap, Rect *box, Rect *note_box, const char **note)
{
    const Model *m = app->model;
    int nt = m->scenario.n_requests;
    if (nt == 0 || m->n_nodes == 0) return false;
    bool shown = app->path_type >= 0 && app->path_type < nt;
    if (shown)
        snprintf(label, cap, _("Path of: %s"), m->scenario.requests[app->path_type].name ? m->scenario.requests[app->path_type].name : "?");
    else
        snprintf(label, cap, _("Show path of\xE2\x80\xA6"));
    float w = fminf(220, render_text_width(app->r, FONT_REGULAR, theme.ui_font, label) + 40);
    *box = rect_make(app->canvas_rc.x + 12, app->canvas_rc.y + 12, w, 28);
    *note = _("\xC3\x97 = calls per request (probability \xC3\x97 fan-out \xC3\x97 misses)");
    float tw = shown ? render_text_width(app->r, FONT_REGULAR, theme.small_font, *note) + 16 : 0;
    *note_box = rect_make(box->x, box->y + box->h + 4, tw, shown ? 20 : 0);
    return true;
}

int paths_control_rects(const App *app, Rect out[2])
{
    char label[160];
    const char *note;
    if (!control_layout(app, label, sizeof label, &out[0], &out[1], &note)) return 0;
    return out[1].w > 0 ? 2 : 1;
}

void paths_control(App *app)
{
    Ui *ui = &app->ui;
    const Model *m = app->model;
    char label[160];
    Rect rc, nb;
    const char *note;
    if (!control_layout(app, label, sizeof label, &rc, &nb, &note)) return;
    int nt = m->scenario.n_requests;
    const char **names = xcalloc((size_t)nt + 1, sizeof *names);
    names[0] = C_("path of", "none");
    for (int k = 0; k < nt; k++) names[k + 1] = m->scenario.requests[k].name ? m->scenario.requests[k].name : "?";
    int v = app->path_type + 1;
    if (ui_dropdown_label(ui, ui_id("path-of"), rc, label, names, nt + 1, &v, 0)) paths_show(app, v - 1);
    if (nb.w > 0) { /* what the figures mean, under the control */
        ui_rrect(ui, nb, 5, with_alpha(theme.panel, 230));
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(nb.x + 8, nb.y, nb.w - 16, nb.h), 0, note, theme.text_dim);
    }
    free(names);
}

size_t paths_type_split(const App *app, int i, bool edge, char *out, size_t cap)
{
    const Model *m = app->model;
    const Estimate *e = &app->est;
    out[0] = 0;
    int n_el = edge ? e->n_edges : e->n_nodes;
    const double *rates = edge ? e->edge_type_rps : e->type_rps;
    const double *visits = edge ? e->edge_type_visits : e->type_visits; /* per request: its path */
    if (!app->est_valid || !rates || !visits || i < 0 || i >= n_el) return 0;
    size_t len = 0;
    for (int t = 0; t < m->scenario.n_requests && t < e->n_requests && len + 80 < cap; t++) {
        double v = rates[(size_t)t * n_el + i];
        if (!(v > 0)) continue;
        char rate[NUMFMT_CAP], per[32];
        if (!(v < ESTIMATE_UNBOUNDED_RPS)) /* a diverged flow: no figure ("> 999T rps x200B") */
            len += (size_t)snprintf(out + len, cap - len, _("%s%s unbounded (an async cycle)"), len ? " \xC2\xB7 " : "",
                                    m->scenario.requests[t].name);
        else {
            numfmt_count(v, rate, sizeof rate);
            per_request(visits[(size_t)t * n_el + i], per, sizeof per);
            len += (size_t)snprintf(out + len, cap - len, _("%s%s %s %s (%s per request)"), len ? " \xC2\xB7 " : "",
                                    m->scenario.requests[t].name, rate, edge ? _("calls/s") : "rps", per);
        }
        if (len >= cap) len = cap - 1;
    }
    return len;
}
