/*
 * overlay.c - what a run (or, before any run, the analytic estimate) adds to the board:
 * a badge per node (utilisation and throughput, or the predicted utilisation), a mark
 * on nodes that dropped requests, the bottleneck outlined with its one-sentence why (in
 * the app's language, kept per run), request dots moving along the edges at a rate
 * that follows their traffic, the utilisation legend with the animation toggle, and
 * tooltips with the figures.
 * Node and edge colours come from RunView (run.c) through the Scene.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/requirements.h"

static const Color BADGE_DARK = {17, 24, 39, 255};

/* Wrapped text in screen space; returns the height used (draws only when `draw`). */
typedef struct WrapAt {
    Render *r;
    FontId f;
    float size, x, y, lh;
    Color c;
} WrapAt;

static void wrap_line(void *ctx, int line, const char *text)
{
    WrapAt *w = ctx;
    render_text(w->r, w->f, w->size, roundf(w->x), roundf(w->y + w->lh * (float)line), text, w->c);
}

/* Wrapped text drawn straight into the frame; returns the height used. */
static float wrap_text(Render *r, FontId f, float size, float x, float y, float w, const char *s, Color c,
                       bool draw)
{
    WrapAt at = {r, f, size, x, y, render_line_height(r, f, size), c};
    return at.lh * (float)render_wrap(r, f, size, w, s, draw ? wrap_line : NULL, &at);
}

/* The rect of a pill whose right end is at `right`, centred on `cy`. */
static Rect pill_rect(Render *r, float right, float cy, const char *text, float size)
{
    float tw = render_text_width(r, FONT_BOLD, size, text);
    float h = render_line_height(r, FONT_BOLD, size) + 6;
    return rect_make(right - tw - 16, cy - h / 2, tw + 16, h);
}

static void pill_at(Render *r, Rect b, const char *text, float size, Color bg, Color fg, Color line)
{
    float h = b.h;
    render_round_rect(r, b, h / 2, bg);
    if (line.a) render_round_rect_line(r, b, h / 2, 1, line);
    render_text(r, FONT_BOLD, size, roundf(b.x + 8), roundf(b.y + 3), text, fg);
}

/* The node index of the run's bottleneck in the current model, -1 none. */
static int bottleneck_node(const App *app)
{
    if (!app->res || app->res->mean->bottleneck < 0) return -1;
    for (int i = 0; i < app->model->n_nodes; i++)
        if (app->view.nodes[i].res == app->res->mean->bottleneck) return i;
    return -1;
}

const char *overlay_bottleneck_why(App *app)
{
    if (!app->res || !app->res_model || !app->res->mean->bottleneck_why) return NULL;
    if (app->bn_lang[0] == 0 || app->bn_serial != app->res_serial || strcmp(app->bn_lang, app->lang) != 0) {
        free(app->bn_why);
        app->bn_why = bottleneck_why_named(app->res_model, app->res->mean, app->lang, NAMING_LABEL);
        app->bn_serial = app->res_serial;
        snprintf(app->bn_lang, sizeof app->bn_lang, "%s", app->lang);
    }
    return app->bn_why;
}

static void badge_text(const App *app, int i, char *out, size_t cap)
{
    const NodeView *v = &app->view.nodes[i];
    const Node *n = &app->model->nodes[i];
    char rate[32];
    fmt_num(v->rate_rps, rate, sizeof rate);
    if (!v->measured) {
        if (n->kind == NODE_CLIENT) snprintf(out, cap, "%s rps", rate);
        else if (v->over && v->util < 1)
            snprintf(out, cap, "est %.0f%% \xC2\xB7 in-flight limit", 100 * v->util); /* async: waits downstream */
        else if (v->over) snprintf(out, cap, "est %.0f%% \xC2\xB7 over capacity", 100 * v->util);
        else snprintf(out, cap, "est %.0f%%", 100 * v->util);
        return;
    }
    const double *f = app->res->mean->nodes[v->res];
    if (n->kind == NODE_CLIENT) {
        snprintf(out, cap, "%s rps", rate);
    } else if (n->kind == NODE_QUEUE && f[NF_MEAN_BACKLOG] >= 1) {
        char b[32];
        fmt_num(f[NF_MEAN_BACKLOG], b, sizeof b);
        bool growing = f[NF_END_BACKLOG] > 1.5 * f[NF_MEAN_BACKLOG] && f[NF_END_BACKLOG] > 100;
        snprintf(out, cap, "backlog %s%s \xC2\xB7 %s/s", b, growing ? " \xE2\x86\x91" : "", rate);
    } else {
        char p99[48] = "";
        double ms = f[NF_P99_LATENCY_MS];
        if (ms > 0) {
            if (ms >= 10000) snprintf(p99, sizeof p99, " \xC2\xB7 p99 %.3g s", ms / 1000);
            else if (ms >= 10) snprintf(p99, sizeof p99, " \xC2\xB7 p99 %.0f ms", ms);
            else snprintf(p99, sizeof p99, " \xC2\xB7 p99 %.2g ms", ms);
        }
        if (v->util > 0 && v->util < 0.005) snprintf(out, cap, "<1%% \xC2\xB7 %s rps%s", rate, p99);
        else snprintf(out, cap, "%.0f%% \xC2\xB7 %s rps%s", 100 * v->util, rate, p99);
    }
}

void overlay_draw_dots(Render *r, const Scene *s)
{
    const Model *m = s->model;
    double t = SDL_GetTicks() / 1000.0;
    Color c = with_alpha(theme.accent, 220);
    for (int i = 0; i < m->n_edges; i++) {
        const EdgeRoute *e = &s->routes->r[i];
        double rps = s->edge_dots[i];
        if (!e->valid || rps <= 0) continue;
        Vec2 sp[4];
        for (int k = 0; k < 4; k++) sp[k] = cam_to_screen(&s->cam, s->view, e->p[k].x, e->p[k].y);
        float minx = fminf(fminf(sp[0].x, sp[1].x), fminf(sp[2].x, sp[3].x));
        float maxx = fmaxf(fmaxf(sp[0].x, sp[1].x), fmaxf(sp[2].x, sp[3].x));
        float miny = fminf(fminf(sp[0].y, sp[1].y), fminf(sp[2].y, sp[3].y));
        float maxy = fmaxf(fmaxf(sp[0].y, sp[1].y), fmaxf(sp[2].y, sp[3].y));
        if (maxx < s->view.x || minx > s->view.x + s->view.w || maxy < s->view.y ||
            miny > s->view.y + s->view.h)
            continue;
        /* One dot for 1 rps, one more per factor of ~6: 300k rps shows 8. */
        int n = 1 + (int)(log10(rps + 1) * 1.3);
        if (n > 10) n = 10;
        double period = 2.2; /* seconds for a dot to travel the edge */
        double ph = fmod(t / period + i * 0.137, 1.0);
        float rad = fmaxf(1.8f, 2.8f * fminf(1.0f, (float)s->cam.zoom));
        for (int k = 0; k < n; k++) {
            float u = (float)fmod(ph + (double)k / n, 1.0);
            render_circle(r, bezier_at(sp, u), rad, c);
        }
    }
}

size_t overlay_event_text(const App *app, int i, char *t, size_t cap)
{
    const Model *m = app->model;
    const Node *n = &m->nodes[i];
    size_t len = 0;
    t[0] = 0;
    for (int k = 0; k < m->scenario.n_events && len + 60 < cap; k++) {
        const ScenarioEvent *e = &m->scenario.events[k];
        if (e->action == EVENT_SURGE || !e->node || strcmp(e->node, n->id) != 0) continue;
        char when[48];
        if (e->for_s > 0)
            snprintf(when, sizeof when, "%g\xE2\x80\x93%g s", e->at_s, e->at_s + e->for_s);
        else
            snprintf(when, sizeof when, "from %g s", e->at_s);
        char what[48];
        if (e->action == EVENT_SLOW)
            snprintf(what, sizeof what, "slow \xC3\x97%g", e->factor);
        else if (e->instances > 0)
            snprintf(what, sizeof what, "%d %s", e->instances, e->role == ROLE_REPLICA ? "replica fails"
                                                              : e->role == ROLE_PRIMARY ? "primary fails"
                                                              : e->instances == 1 ? "fails" : "fail");
        else
            snprintf(what, sizeof what, "fails");
        len += (size_t)snprintf(t + len, cap - len, "%s%s %s", len ? " \xC2\xB7 " : "", what, when);
    }
    if (!len) return 0;
    const NodeView *v = app->view.nodes ? &app->view.nodes[i] : NULL;
    if (v && v->measured && v->res >= 0 && app->res) {
        double failed = app->res->mean->nodes[v->res][NF_FAILED];
        if (failed > 0 && len + 40 < cap) {
            char num[32];
            fmt_num(failed, num, sizeof num);
            len += (size_t)snprintf(t + len, cap - len, " \xC2\xB7 %s failed", num);
        }
    }
    return len;
}

/* The tag of overlay_event_text above the node's badge. */
static void event_tag(App *app, int i, Rect rc, float fs)
{
    char t[200];
    if (!overlay_event_text(app, i, t, sizeof t)) return;
    Render *r = app->r;
    float tw = render_text_width(r, FONT_BOLD, fs, t);
    float h = render_line_height(r, FONT_BOLD, fs) + 4;
    /* Above the node's badge, right-aligned with it (the badge straddles the top edge). */
    float badge_h = render_line_height(r, FONT_BOLD, fs + 1) + 6;
    Rect b = {rc.x + rc.w - 6 * (float)app->cam.zoom - tw - 26, rc.y - badge_h / 2 - h - 2, tw + 26, h};
    render_round_rect(r, b, h / 2, hex(0xFFFBEB));
    render_round_rect_line(r, b, h / 2, 1, theme.warning);
    render_text(r, FONT_BOLD, fs, roundf(b.x + 8), roundf(b.y + 2), "\xE2\x9A\xA1", hex(0xB45309)); /* ⚡ */
    render_text(r, FONT_BOLD, fs, roundf(b.x + 20), roundf(b.y + 2), t, hex(0xB45309));
}

void overlay_draw(App *app)
{
    Render *r = app->r;
    const Model *m = app->model;
    app->callout_rc = rect_make(0, 0, 0, 0);
    if (!app->view.nodes || m->n_nodes == 0) return;
    float z = (float)app->cam.zoom;
    render_clip(r, &app->canvas_rc);
    int bn = bottleneck_node(app);
    if (bn >= 0) {
        /* The outline first: the badge sits on top of it. */
        Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, m->nodes[bn].x, m->nodes[bn].y);
        Rect rc = {a.x, a.y, NODE_W * z, NODE_H * z};
        render_round_rect_line(r, rect_inset(rc, -3), 9 * z + 3, 2.5f, theme.danger);
    }
    if (z >= 0.45f) {
        float fs = fminf(11.0f, 11.0f * fmaxf(z, 0.8f));
        Rect placed[256];
        int n_placed = 0;
        for (int i = 0; i < m->n_nodes; i++) {
            const Node *n = &m->nodes[i];
            const NodeView *v = &app->view.nodes[i];
            Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, n->x, n->y);
            Rect rc = {a.x, a.y, NODE_W * z, NODE_H * z};
            if (!rect_overlaps(rect_inset(rc, -30), app->canvas_rc)) continue;
            char text[96];
            badge_text(app, i, text, sizeof text);
            Color bg = BADGE_DARK, fg = hex(0xFFFFFF), line = {0, 0, 0, 0};
            if (v->measured && (v->over || i == bn)) bg = theme.danger;
            if (!v->measured) {
                bg = v->over ? theme.danger : theme.panel;
                fg = v->over ? hex(0xFFFFFF) : (v->near ? hex(0xB45309) : theme.text_dim);
                line = v->over ? bg : (v->near ? theme.warning : theme.border_strong);
            }
            /* A wide badge may reach over its left neighbour's: lift it a row until free. */
            Rect pb = pill_rect(r, rc.x + rc.w - 6 * z, rc.y, text, fs);
            for (int tries = 0; tries < 3; tries++) {
                bool hit = false;
                for (int k = 0; k < n_placed && !hit; k++) hit = rect_overlaps(rect_inset(pb, -1), placed[k]);
                if (!hit) break;
                pb.y -= pb.h + 2;
            }
            if (n_placed < (int)(sizeof placed / sizeof placed[0])) placed[n_placed++] = pb;
            pill_at(r, pb, text, fs, bg, fg, line);
            if (v->measured && v->drops > 0) {
                char d[48], num[32];
                fmt_num(v->drops, num, sizeof num);
                snprintf(d, sizeof d, "%s dropped", num);
                float tw = render_text_width(r, FONT_BOLD, fs - 1, d);
                float h = render_line_height(r, FONT_BOLD, fs - 1) + 4;
                Rect b = {rc.x + 10 * z, rc.y + rc.h - h / 2, tw + 28, h};
                render_round_rect(r, b, h / 2, theme.danger_soft);
                render_round_rect_line(r, b, h / 2, 1, theme.danger);
                icon_draw(r, ICON_WARNING, rect_make(b.x + 5, b.y + (h - 12) / 2, 12, 12), theme.danger);
                render_text(r, FONT_BOLD, fs - 1, roundf(b.x + 21), roundf(b.y + 2), d, theme.danger);
            }
            event_tag(app, i, rc, fs - 1);
        }
    }
    if (bn >= 0) {
        const Node *n = &m->nodes[bn];
        Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, n->x, n->y);
        Rect rc = {a.x, a.y, NODE_W * z, NODE_H * z};
        const char *why = overlay_bottleneck_why(app);
        if (!why) why = "";
        char head[200];
        snprintf(head, sizeof head, "Bottleneck: %s at %.0f%%", n->label && *n->label ? n->label : n->id,
                 100 * app->view.nodes[bn].util);
        float w = 300;
        float hh = 16 + render_line_height(r, FONT_BOLD, 12) + wrap_text(r, FONT_REGULAR, 11, 0, 0, w - 24, why,
                                                                          theme.text, false);
        /* Below, right, left or above the node: the first place that covers no node
         * and stays in the canvas (else below). */
        Rect cv = rect_inset(app->canvas_rc, 8);
        cv.h -= 44; /* the legend */
        Rect cand[6] = {{rc.x + rc.w / 2 - w / 2, rc.y + rc.h + 18, w, hh},
                        {rc.x + rc.w + 16, rc.y + rc.h / 2 - hh / 2, w, hh},
                        {rc.x - 16 - w, rc.y + rc.h / 2 - hh / 2, w, hh},
                        {rc.x + rc.w / 2 - w / 2, rc.y - 28 - hh, w, hh},
                        {cv.x + cv.w - w - 4, cv.y + 4, w, hh},
                        {cv.x + 4, cv.y + 4, w, hh}};
        Rect box = cand[0];
        double best = INFINITY;
        for (int k = 0; k < 6; k++) {
            Rect b = cand[k];
            if (b.x < cv.x || b.y < cv.y || b.x + b.w > cv.x + cv.w || b.y + b.h > cv.y + cv.h) continue;
            /* Area of nodes covered; the far corners pay a little for the distance. */
            double cost = k >= 4 ? 400 : 0;
            for (int i = 0; i < m->n_nodes; i++) {
                Vec2 na = cam_to_screen(&app->cam, app->canvas_rc, m->nodes[i].x, m->nodes[i].y);
                Rect o = {na.x - 4, na.y - 14, NODE_W * z + 8, NODE_H * z + 24};
                float ox = fminf(b.x + b.w, o.x + o.w) - fmaxf(b.x, o.x);
                float oy = fminf(b.y + b.h, o.y + o.h) - fmaxf(b.y, o.y);
                if (ox > 0 && oy > 0) cost += ox * oy;
            }
            if (cost < best) {
                best = cost;
                box = b;
            }
        }
        if (box.x + box.w > app->canvas_rc.x + app->canvas_rc.w - 8) box.x = app->canvas_rc.x + app->canvas_rc.w - 8 - w;
        if (box.x < app->canvas_rc.x + 8) box.x = app->canvas_rc.x + 8;
        app->callout_rc = box; /* the interview card keeps clear of it */
        render_round_rect(r, box, 8, hex(0xFEF2F2));
        render_round_rect_line(r, box, 8, 1, hex(0xFCA5A5));
        render_text(r, FONT_BOLD, 12, box.x + 12, box.y + 8, head, hex(0xB91C1C));
        wrap_text(r, FONT_REGULAR, 11, box.x + 12, box.y + 10 + render_line_height(r, FONT_BOLD, 12), w - 24, why,
                  hex(0x7F1D1D), true);
    }
    render_clip(r, NULL);
}

/* ---- tooltips ------------------------------------------------------------------------------ */

static void tip_box(App *app, const char *lines[], int n)
{
    Render *r = app->r;
    UiInput *in = &app->ui.in;
    float w = 0;
    for (int k = 0; k < n; k++)
        w = fmaxf(w, render_text_width(r, k ? FONT_REGULAR : FONT_BOLD, k ? 11 : 12, lines[k]));
    w += 20;
    float h = 10 + 18 * (float)n;
    Rect box = {in->mx + 14, in->my + 18, w, h};
    if (box.x + box.w > app->canvas_rc.x + app->canvas_rc.w) box.x = in->mx - box.w - 8;
    if (box.y + box.h > app->canvas_rc.y + app->canvas_rc.h) box.y = in->my - box.h - 8;
    render_round_rect(r, box, 6, hex(0x1F2937));
    for (int k = 0; k < n; k++)
        render_text(r, k ? FONT_REGULAR : FONT_BOLD, k ? 11 : 12, box.x + 10, box.y + 5 + 18 * (float)k, lines[k],
                    k ? hex(0xD1D5DB) : hex(0xF9FAFB));
}

bool overlay_tooltip(App *app)
{
    const Model *m = app->model;
    if (app->drag != DRAG_NONE || app->rename_node >= 0 || app->modal != MODAL_NONE || !app->view.nodes)
        return false;
    char l[6][240];
    const char *lines[6];
    int n = 0;
    int i = app->hover_node;
    if (i >= 0 && i < m->n_nodes) {
        if (SDL_GetTicks() - app->node_tip_since < 600 || app->node_tip_node != i) return false;
        const Node *nd = &m->nodes[i];
        const NodeView *v = &app->view.nodes[i];
        snprintf(l[n++], 240, "%s \xC2\xB7 %s \xC2\xB7 id %s", nd->label && *nd->label ? nd->label : nd->id,
                 kind_title(nd->kind), nd->id);
        if (v->measured) {
            const double *f = app->res->mean->nodes[v->res];
            char rate[32], q[32], w1[32], w2[32], d[32];
            fmt_num(f[NF_THROUGHPUT_RPS], rate, sizeof rate);
            fmt_num(f[NF_MEAN_QUEUE], q, sizeof q);
            run_fmt_ms(f[NF_MEAN_WAIT_MS], w1, sizeof w1);
            run_fmt_ms(f[NF_P99_WAIT_MS], w2, sizeof w2);
            fmt_num(f[NF_DROPS], d, sizeof d);
            snprintf(l[n++], 240, "measured: utilisation %.1f%% \xC2\xB7 %s rps \xC2\xB7 queue %s (max %.0f)",
                     100 * f[NF_UTILISATION], rate, q, f[NF_MAX_QUEUE]);
            snprintf(l[n++], 240, "wait mean %s \xC2\xB7 p99 %s \xC2\xB7 dropped %s", w1, w2, d);
            if (f[NF_HIT_RATIO] >= 0) snprintf(l[n++], 240, "hit ratio %.1f%%", 100 * f[NF_HIT_RATIO]);
        }
        if (i < app->est.n_nodes && nd->kind != NODE_CLIENT) {
            const NodeEstimate *e = &app->est.nodes[i];
            char rate[32], w1[32], lat[32];
            fmt_num(e->arrival_rps, rate, sizeof rate);
            run_fmt_ms(e->wait_ms, w1, sizeof w1);
            run_fmt_ms(e->latency_ms, lat, sizeof lat);
            snprintf(l[n++], 240, "predicted: utilisation %.1f%% \xC2\xB7 %s rps \xC2\xB7 wait %s \xC2\xB7 latency %s%s",
                     100 * e->utilisation, rate, w1, lat, e->over_capacity ? " \xC2\xB7 OVER CAPACITY" : "");
        }
    } else if (app->hover_edge >= 0 && app->hover_edge < m->n_edges) {
        const Edge *e = &m->edges[app->hover_edge];
        snprintf(l[n++], 240, "%s \xE2\x86\x92 %s", e->from, e->to);
        char rate[32];
        fmt_num(app->view.edge_rps[app->hover_edge], rate, sizeof rate);
        snprintf(l[n++], 240, "%s calls/s %s \xC2\xB7 %s \xC2\xB7 %g ms each way", rate,
                 app->res ? "(predicted split of the measured load)" : "(predicted)",
                 e->mode == EDGE_ASYNC ? "async" : "sync", e->latency_ms);
    } else {
        return false;
    }
    for (int k = 0; k < n; k++) lines[k] = l[k];
    tip_box(app, lines, n);
    return true;
}
