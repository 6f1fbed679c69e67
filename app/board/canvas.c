/*
 * canvas.c - the board: camera, drawing of grid, edges and nodes (shared with the
 * PNG export through Scene), and the mouse on the board (select, move, connect,
 * rubber band, pan, zoom, place from the palette, rename by double click).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/annotation.h"
#include "sim/tr.h"
#include "sim/util.h"

#define TITLE_FONT 13.0f
#define SUB_FONT 11.0f
#define LABEL_FONT 11.0f
#define HANDLE_R 5.5f
#define ARROW_LEN 10.0f
#define ARROW_HALF 4.5f
#define MIN_ZOOM 0.1
#define MAX_ZOOM 4.0

/* ---- camera ------------------------------------------------------------------------------ */

Vec2 cam_to_screen(const Camera *c, Rect view, double bx, double by)
{
    return vec2((float)(view.x + (bx - c->x) * c->zoom), (float)(view.y + (by - c->y) * c->zoom));
}

void cam_to_board(const Camera *c, Rect view, float sx, float sy, double *bx, double *by)
{
    *bx = c->x + (sx - view.x) / c->zoom;
    *by = c->y + (sy - view.y) / c->zoom;
}

void canvas_zoom_at(App *app, float sx, float sy, double factor)
{
    double bx, by;
    cam_to_board(&app->cam, app->canvas_rc, sx, sy, &bx, &by);
    double z = app->cam.zoom * factor;
    if (z < MIN_ZOOM) z = MIN_ZOOM;
    if (z > MAX_ZOOM) z = MAX_ZOOM;
    if (fabs(z - 1) < 0.02) z = 1; /* make 100% easy to hit */
    app->cam.zoom = z;
    app->cam.x = bx - (sx - app->canvas_rc.x) / z;
    app->cam.y = by - (sy - app->canvas_rc.y) / z;
}

void camera_fit(Camera *c, const Model *m, Rect view, double max_zoom)
{
    double ax0 = 1e18, ay0 = 1e18, ax1 = -1e18, ay1 = -1e18; /* the free annotations */
    ann_extend_bounds(m, &ax0, &ay0, &ax1, &ay1);
    if (m->n_nodes == 0 && ax0 > ax1) {
        c->zoom = 1;
        c->x = -40;
        c->y = -40;
        return;
    }
    double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
    for (int i = 0; i < m->n_nodes; i++) {
        Rect r = node_rect(&m->nodes[i]);
        x0 = fmin(x0, r.x);
        y0 = fmin(y0, r.y);
        x1 = fmax(x1, r.x + r.w);
        y1 = fmax(y1, r.y + r.h);
    }
    /* Edge curves may bulge outside the nodes: include them. */
    Routes rt = {0};
    routes_update(&rt, m, 1, 1, NULL);
    for (int i = 0; i < rt.n; i++)
        if (rt.r[i].valid) {
            for (int k = 0; k <= 16; k++) {
                Vec2 p = bezier_at(rt.r[i].p, (float)k / 16.0f);
                x0 = fmin(x0, p.x);
                y0 = fmin(y0, p.y);
                x1 = fmax(x1, p.x);
                y1 = fmax(y1, p.y);
            }
            if (rt.r[i].label_shown) {
                Rect l = rt.r[i].label_rc;
                x0 = fmin(x0, l.x);
                y0 = fmin(y0, l.y);
                x1 = fmax(x1, l.x + l.w);
                y1 = fmax(y1, l.y + l.h);
            }
        }
    routes_free(&rt);
    if (m->scenario.n_zones > 0) { /* the zones' boxes and labels around their nodes */
        Rect *zr = xcalloc((size_t)m->scenario.n_zones, sizeof *zr);
        zones_rects(m, NULL, zr);
        for (int z = 0; z < m->scenario.n_zones; z++)
            if (zr[z].w > 0) {
                x0 = fmin(x0, zr[z].x);
                y0 = fmin(y0, zr[z].y);
                x1 = fmax(x1, zr[z].x + zr[z].w);
                y1 = fmax(y1, zr[z].y + zr[z].h);
            }
        free(zr);
    }
    x0 = fmin(x0, ax0);
    y0 = fmin(y0, ay0);
    x1 = fmax(x1, ax1);
    y1 = fmax(y1, ay1);
    camera_fit_box(c, view, x0, y0, x1, y1, max_zoom);
}

void camera_fit_box(Camera *c, Rect view, double x0, double y0, double x1, double y1, double max_zoom)
{
    double margin = 28;
    double zx = (view.w - 2 * margin) / (x1 - x0), zy = (view.h - 2 * margin) / (y1 - y0);
    double z = fmin(zx, zy);
    if (z > max_zoom) z = max_zoom;
    if (z < MIN_ZOOM) z = MIN_ZOOM;
    c->zoom = z;
    c->x = (x0 + x1) / 2 - view.w / 2 / z;
    c->y = (y0 + y1) / 2 - view.h / 2 / z;
}

/* The part of the canvas the overlays leave: under the "Show path of" picker, above the
 * legend and the zoom bar (a node fitted under them was hidden). */
static Rect clear_view(const App *app)
{
    Rect view = app->canvas_rc;
    if (view.h > 240) {
        view.y += 30;
        view.h -= 30 + 40;
    }
    return view;
}

void canvas_clear_board(const App *app, double *x0, double *y0, double *x1, double *y1)
{
    Rect cv = app->canvas_rc, v = clear_view(app);
    double z = app->cam.zoom;
    *x0 = app->cam.x + (v.x - cv.x) / z;
    *y0 = app->cam.y + (v.y - cv.y) / z;
    *x1 = *x0 + v.w / z;
    *y1 = *y0 + v.h / z;
}

/* Along one axis: the camera's shift that brings [a, b] into [lo, hi] with a margin, as
 * small as it can be; centred when it is wider than the view. */
static double shift_into(double a, double b, double lo, double hi, double margin)
{
    if (b - a > hi - lo - 2 * margin) return (a + b) / 2 - (lo + hi) / 2;
    if (a < lo + margin) return a - (lo + margin);
    if (b > hi - margin) return b - (hi - margin);
    return 0;
}

void canvas_show(App *app, double x0, double y0, double x1, double y1)
{
    if (app->canvas_rc.w <= 0 || app->canvas_rc.h <= 0) return; /* not laid out yet */
    double vx0, vy0, vx1, vy1, margin = 16 / app->cam.zoom;
    canvas_clear_board(app, &vx0, &vy0, &vx1, &vy1);
    app->cam.x += shift_into(x0, x1, vx0, vx1, margin);
    app->cam.y += shift_into(y0, y1, vy0, vy1, margin);
}

/* A camera fitted to `view` (a part of the canvas) made the canvas's: it holds the
 * canvas's corner. */
static void hold_corner(App *app, Rect view)
{
    app->cam.x -= (view.x - app->canvas_rc.x) / app->cam.zoom;
    app->cam.y -= (view.y - app->canvas_rc.y) / app->cam.zoom;
}

/* Box b (x0, y0, x1, y1) grown to hold node n. */
static void extend_by_node(double *b, const Node *n)
{
    Rect r = node_rect(n);
    b[0] = fmin(b[0], r.x);
    b[1] = fmin(b[1], r.y);
    b[2] = fmax(b[2], r.x + r.w);
    b[3] = fmax(b[3], r.y + r.h);
}

void canvas_fit(App *app)
{
    Rect view = clear_view(app);
    camera_fit(&app->cam, app->model, view, 1.0);
    hold_corner(app, view);
    interview_make_room(app); /* the interview's card must not hide the diagram's top */
}

bool canvas_fit_selection(App *app)
{
    const Model *m = app->model;
    double b[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int i = 0; i < m->n_nodes; i++)
        if (app->sel_node[i]) extend_by_node(b, &m->nodes[i]);
    for (int k = 0; k < m->n_edges; k++) { /* a selected edge: its two ends */
        if (!app->sel_edge[k]) continue;
        int ends[2] = {model_find_node(m, m->edges[k].from), model_find_node(m, m->edges[k].to)};
        for (int e = 0; e < 2; e++)
            if (ends[e] >= 0) extend_by_node(b, &m->nodes[ends[e]]);
    }
    if (b[0] > b[2]) return false;
    Rect view = clear_view(app);
    camera_fit_box(&app->cam, view, b[0], b[1], b[2], b[3], 1.5); /* one node: close, not filling the board */
    hold_corner(app, view);
    return true;
}

int canvas_node_at(const Model *m, double bx, double by)
{
    for (int i = m->n_nodes - 1; i >= 0; i--)
        if (rect_contains(node_rect(&m->nodes[i]), (float)bx, (float)by)) return i;
    return -1;
}

/* ---- what a node says about itself ---------------------------------------------------- */

void node_subtitle(const Model *m, const Node *n, char *out, size_t cap)
{
    char a[32], b[32];
    out[0] = 0;
    switch (n->kind) {
    case NODE_CLIENT: {
        double reads = 0, writes = 0;
        int users = 0;
        for (int i = 0; i < m->scenario.n_requests; i++) {
            const RequestType *r = &m->scenario.requests[i];
            int from = model_request_client(m, r); /* where the estimate and a run send it */
            if (from < 0 || &m->nodes[from] != n) continue;
            if (r->rate_rps <= 0 && r->users > 0) users += r->users;
            if (r->op == OP_WRITE)
                writes += r->rate_rps;
            else
                reads += r->rate_rps;
        }
        numfmt_count(reads, a, sizeof a);
        numfmt_count(writes, b, sizeof b);
        if (reads > 0 && writes > 0)
            snprintf(out, cap, _("%s reads \xC2\xB7 %s writes/s"), a, b);
        else if (reads > 0)
            snprintf(out, cap, _("%s reads/s"), a);
        else if (writes > 0)
            snprintf(out, cap, _("%s writes/s"), b);
        else if (users > 0)
            snprintf(out, cap, _("%d users"), users);
        else
            snprintf(out, cap, _("no traffic yet"));
        break;
    }
    case NODE_LOAD_BALANCER: {
        char pol[80];
        const char *name = lb_policy_name(n->policy), *shown = _(name); /* "по кругу" */
        snprintf(pol, sizeof pol, "%s", shown);
        for (char *p = pol; shown == name && *p; p++) /* English: the key with spaces */
            if (*p == '_') *p = ' ';
        snprintf(out, cap, "%s", pol);
        break;
    }
    case NODE_SERVICE:
        if (n->autoscale.enabled)
            snprintf(out, cap,
                     P_("%d\xE2\x80\x93%d \xC3\x97 %d worker \xC2\xB7 autoscaled",
                        "%d\xE2\x80\x93%d \xC3\x97 %d workers \xC2\xB7 autoscaled", n->workers),
                     n->autoscale.min_instances, n->autoscale.max_instances, n->workers);
        else /* the noun agrees with the workers ("2 × 2 воркера", "2 × 8 воркеров") */
            snprintf(out, cap, P_("%d \xC3\x97 %d worker \xC2\xB7 %s", "%d \xC3\x97 %d workers \xC2\xB7 %s", n->workers),
                     n->instances, n->workers, io_name(n->io));
        break;
    case NODE_CACHE:
    case NODE_CDN: {
        char what[96];
        if (node_key_model(n)) {
            /* the hit ratio comes from the keys, not from hit_ratio: say what shapes it */
            int64_t capk = node_cache_capacity(n);
            char ttl[NUMFMT_CAP];
            if (capk > 0) numfmt_count((double)capk, a, sizeof a);
            if (n->ttl_s > 0) numfmt_ms_in(1000 * n->ttl_s, tr_lang(), ttl, sizeof ttl);
            if (capk > 0 && n->ttl_s > 0) snprintf(what, sizeof what, _("LRU %s \xC2\xB7 TTL %s"), a, ttl);
            else if (capk > 0) snprintf(what, sizeof what, _("LRU %s keys"), a);
            else snprintf(what, sizeof what, _("TTL %s"), ttl);
        } else {
            numfmt_decimal(n->hit_ratio * 100, 4, a, sizeof a); /* as set: 99.99, not 100 */
            snprintf(what, sizeof what, _("hit %s%%"), a);
        }
        const char *const wp[] = {"", _("write-through"), _("write-around"), _("write-back")};
        const char *policy = n->write_policy > 0 && n->write_policy < 4 ? wp[n->write_policy] : "";
        if (n->instances > 1)
            snprintf(out, cap, _("%d nodes \xC2\xB7 %s%s%s"), n->instances, what, *policy ? " \xC2\xB7 " : "", policy);
        else
            snprintf(out, cap, "%s%s%s", what, *policy ? " \xC2\xB7 " : "", policy);
        break;
    }
    case NODE_QUEUE:
        numfmt_count(n->max_depth, a, sizeof a);
        if (n->partitions > 0)
        {
            char parts[80], brokers[80];
            snprintf(parts, sizeof parts, P_("%d partition", "%d partitions", n->partitions), n->partitions);
            snprintf(brokers, sizeof brokers, P_("%d broker", "%d brokers", n->instances), n->instances);
            snprintf(out, cap, "%s \xC2\xB7 %s", parts, brokers);
        }
        else
        {
            char brokers[80];
            snprintf(brokers, sizeof brokers, P_("%d broker", "%d brokers", n->instances), n->instances);
            snprintf(out, cap, _("%s \xC2\xB7 max %s"), brokers, a);
        }
        break;
    case NODE_DATABASE:
        if (n->shards > 1)
            snprintf(out, cap, P_("%d shards \xC2\xB7 1 + %d replica", "%d shards \xC2\xB7 1 + %d replicas", n->read_replicas),
                     n->shards, n->read_replicas);
        else if (n->read_replicas > 0)
            snprintf(out, cap, P_("primary + %d replica", "primary + %d replicas", n->read_replicas),
                     n->read_replicas);
        else
            snprintf(out, cap, _("primary \xC2\xB7 pool %d"), n->pool);
        break;
    case NODE_OBJECT_STORE:
    case NODE_EXTERNAL_API:
        numfmt_ms_in(dist_mean(&n->service_ms), tr_lang(), a, sizeof a);
        if (n->rate_limit_rps > 0) {
            numfmt_count(n->rate_limit_rps, b, sizeof b);
            snprintf(out, cap, _("~%s \xC2\xB7 limit %s rps"), a, b);
        } else {
            snprintf(out, cap, _("~%s per call"), a);
        }
        break;
    default: break;
    }
    if (n->n_zones > 1) { /* spread: no zone box holds it */
        size_t len = strlen(out);
        char zs[48];
        snprintf(zs, sizeof zs, P_("%d zone", "%d zones", n->n_zones), n->n_zones);
        if (len + 1 < cap) snprintf(out + len, cap - len, "%s%s", len ? " \xC2\xB7 " : "", zs);
    }
}

/* ---- drawing ------------------------------------------------------------------------------- */

static void draw_grid(Render *r, const Scene *s)
{
    double step = GRID;
    while (step * s->cam.zoom < 12) step *= 5;
    /* the board point on the grid at or before the view's corner */
    Vec2 o = cam_to_screen(&s->cam, s->view, floor(s->cam.x / step) * step, floor(s->cam.y / step) * step);
    render_dot_grid(r, s->view, o.x, o.y, (float)(step * s->cam.zoom), 1.6f, theme.grid_dot);
}

static bool visible(const Scene *s, Rect board)
{
    Vec2 a = cam_to_screen(&s->cam, s->view, board.x, board.y);
    Rect sr = {a.x, a.y, (float)(board.w * s->cam.zoom), (float)(board.h * s->cam.zoom)};
    Rect v = rect_inset(s->view, -20);
    return rect_overlaps(sr, v);
}

/* An arrow from a curve given in screen points: stroke to the arrow base, then a head. */
static void draw_arrow_curve(Render *r, const Vec2 sp[4], float width, bool dashed, Color c,
                             float head_scale)
{
    float dx = sp[3].x - sp[0].x, dy = sp[3].y - sp[0].y;
    float len = sqrtf(dx * dx + dy * dy) + fabsf(sp[1].x - sp[0].x) + fabsf(sp[2].y - sp[3].y);
    int n = (int)(len / 10) + 2;
    if (n > 48) n = 48;
    Vec2 pts[50];
    for (int i = 0; i <= n; i++) pts[i] = bezier_at(sp, (float)i / (float)n);
    /* Direction at the tip from the last part of the curve. */
    Vec2 tip = pts[n];
    Vec2 back = bezier_at(sp, 1 - fminf(0.5f, ARROW_LEN * 1.5f / fmaxf(len, 1)));
    float tx = tip.x - back.x, ty = tip.y - back.y, tl = sqrtf(tx * tx + ty * ty);
    if (tl < 1e-3f) {
        tx = 1;
        ty = 0;
        tl = 1;
    }
    tx /= tl;
    ty /= tl;
    Vec2 base = vec2(tip.x - tx * ARROW_LEN * head_scale, tip.y - ty * ARROW_LEN * head_scale);
    /* Cut the polyline where it enters the head. */
    int m = n;
    while (m > 1) {
        float ex = pts[m - 1].x - tip.x, ey = pts[m - 1].y - tip.y;
        if (ex * ex + ey * ey >= ARROW_LEN * ARROW_LEN * head_scale * head_scale) break;
        m--;
    }
    pts[m] = vec2(base.x + tx * 1.0f, base.y + ty * 1.0f);
    render_polyline(r, pts, m + 1, width, dashed ? 6 : 0, c);
    float hh = ARROW_HALF * head_scale;
    Vec2 head[3] = {tip, vec2(base.x - ty * hh, base.y + tx * hh), vec2(base.x + ty * hh, base.y - tx * hh)};
    render_convex(r, head, 3, c);
}

static void draw_edges(Render *r, const Scene *s)
{
    const Model *m = s->model;
    float z = (float)s->cam.zoom;
    for (int i = 0; i < m->n_edges; i++) {
        const EdgeRoute *e = &s->routes->r[i];
        if (!e->valid || !visible(s, rect_inset(e->bbox, -4))) continue;
        bool sel = s->sel_edge && s->sel_edge[i];
        bool hov = s->hover_edge == i;
        Color c = sel ? theme.edge_selected : (hov ? hex(0x374151) : theme.edge);
        Vec2 sp[4];
        for (int k = 0; k < 4; k++) sp[k] = cam_to_screen(&s->cam, s->view, e->p[k].x, e->p[k].y);
        float w = (sel ? 2.4f : 1.6f) * fminf(1.0f, fmaxf(0.7f, z));
        if (s->edge_w) w = (s->edge_w[i] + (sel ? 0.8f : 0)) * fminf(1.0f, fmaxf(0.7f, z));
        if (s->path_edge) {
            /* On the shown request type's path: the accent, a little wider; else faint. */
            bool on = s->path_edge[i] > 0;
            c = on ? theme.accent : with_alpha(c, 45);
            if (on) w += 1.2f;
        }
        if (sel) {
            Vec2 pts[25];
            for (int k = 0; k <= 24; k++) pts[k] = bezier_at(sp, (float)k / 24.0f);
            render_polyline(r, pts, 25, 7, 0, with_alpha(theme.accent, 40));
        }
        draw_arrow_curve(r, sp, w, m->edges[i].mode == EDGE_ASYNC, c, z < 0.6f ? fmaxf(0.45f, z / 0.6f) : 1);
    }
    /* A queue's dead-letter queue: where its messages go after max_attempts, dashed and
     * faint (no request travels it; it is not an edge of the file). */
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *q = &m->nodes[i];
        if (q->kind != NODE_QUEUE || !q->dead_letter) continue;
        int t = model_find_node(m, q->dead_letter);
        if (t < 0 || t == i) continue;
        Rect a = node_rect(q), b = node_rect(&m->nodes[t]);
        double ax = a.x + a.w / 2, ay = a.y + a.h / 2, bx = b.x + b.w / 2, by = b.y + b.h / 2;
        double dx = bx - ax, dy = by - ay;
        bool vertical = fabs(dy) * a.w > fabs(dx) * a.h;
        /* leave and enter by the facing sides */
        double x0 = vertical ? ax : ax + (dx > 0 ? a.w / 2 : -a.w / 2), y0 = vertical ? ay + (dy > 0 ? a.h / 2 : -a.h / 2) : ay;
        double x3 = vertical ? bx : bx - (dx > 0 ? b.w / 2 : -b.w / 2), y3 = vertical ? by - (dy > 0 ? b.h / 2 : -b.h / 2) : by;
        Vec2 sp[4] = {cam_to_screen(&s->cam, s->view, x0, y0),
                      cam_to_screen(&s->cam, s->view, vertical ? x0 : (x0 + x3) / 2, vertical ? (y0 + y3) / 2 : y0),
                      cam_to_screen(&s->cam, s->view, vertical ? x3 : (x0 + x3) / 2, vertical ? (y0 + y3) / 2 : y3),
                      cam_to_screen(&s->cam, s->view, x3, y3)};
        Color c = with_alpha(theme.danger, 150);
        draw_arrow_curve(r, sp, 1.3f * fminf(1.0f, fmaxf(0.7f, z)), true, c, z < 0.6f ? fmaxf(0.45f, z / 0.6f) : 1);
        if (z >= 0.5f) {
            Vec2 mid = bezier_at(sp, 0.5f);
            render_text(r, FONT_REGULAR, LABEL_FONT * z, mid.x + 4, mid.y - LABEL_FONT * z, _("dead letters"), c);
        }
    }
}

static void draw_edge_labels(Render *r, const Scene *s)
{
    const Model *m = s->model;
    float z = (float)s->cam.zoom;
    if (z < 0.5f) return;
    for (int i = 0; i < m->n_edges; i++) {
        const EdgeRoute *e = &s->routes->r[i];
        if (!e->valid || !e->label[0]) continue;
        bool sel = s->sel_edge && s->sel_edge[i];
        if (!e->label_shown && !sel && s->hover_edge != i) continue;
        if (s->path_edge && !(s->path_edge[i] > 0) && !sel) continue; /* off the shown path */
        if (!visible(s, e->label_rc)) continue;
        /* a brief label in place of one with no room, the whole one centred on it while
         * its edge is hovered or selected */
        bool whole = !e->label_brief || sel || s->hover_edge == i;
        Rect lb = e->label_rc;
        if (e->label_brief && whole) {
            float w = e->label_tw + 12;
            lb = rect_make(lb.x + lb.w / 2 - w / 2, lb.y, w, lb.h);
        }
        Vec2 a = cam_to_screen(&s->cam, s->view, lb.x, lb.y);
        Rect rc = {a.x, a.y, lb.w * z, lb.h * z};
        render_round_rect(r, rc, rc.h / 2, theme.panel);
        render_round_rect_line(r, rc, rc.h / 2, 1, sel ? theme.accent : theme.border_strong);
        float lh = render_line_height(r, FONT_REGULAR, LABEL_FONT * z);
        render_text(r, FONT_REGULAR, LABEL_FONT * z, roundf(rc.x + 6 * z), roundf(rc.y + (rc.h - lh) / 2),
                    whole ? e->label : e->short_label, sel ? theme.accent : theme.text_dim);
    }
}

static void draw_node(Render *r, const Scene *s, int i)
{
    const Node *n = &s->model->nodes[i];
    float z = (float)s->cam.zoom;
    Vec2 a = cam_to_screen(&s->cam, s->view, n->x, n->y);
    Rect rc = {a.x, a.y, NODE_W * z, NODE_H * z};
    bool sel = s->sel_node && s->sel_node[i];
    bool hov = s->hover_node == i;
    Color kc = kind_color(n->kind);
    float rad = 7 * z;
    if (z < 0.4f) {
        /* Far away: a plain box with its colour bar, no shadow or text. */
        if (rad < 2) {
            /* Corners under two pixels do not show: plain rectangles are enough. */
            render_rect(r, rc, sel ? theme.accent : theme.border_strong);
            render_rect(r, rect_inset(rc, sel ? 1.5f : 1), sel ? tint(theme.accent, 0.85f) : theme.node_fill);
            render_rect(r, rect_make(rc.x, rc.y, fmaxf(2, 5 * z), rc.h), kc);
        } else {
            render_round_rect(r, rc, rad, sel ? tint(theme.accent, 0.85f) : theme.node_fill);
            render_rect(r, rect_make(rc.x, rc.y + rad * 0.5f, fmaxf(2, 5 * z), rc.h - rad), kc);
            render_round_rect_line(r, rc, rad, sel ? 1.5f : 1, sel ? theme.accent : theme.border_strong);
        }
        /* The name never vanishes: at a small fixed size inside the box while it can hold
         * a line, else under it, as wide as the space between columns of nodes (the
         * tooltip has it in full). */
        const char *t = node_label_shown(n);
        if (rc.h >= 13 && rc.w >= 40) {
            float fs = fminf(10.0f, rc.h * 0.6f);
            float lh = render_line_height(r, FONT_BOLD, fs);
            render_text_clipped(r, FONT_BOLD, fs, roundf(rc.x + fmaxf(2, 5 * z) + 4),
                                roundf(rc.y + (rc.h - lh) / 2), t, rc.w - fmaxf(2, 5 * z) - 8, theme.text);
        } else {
            float fs = 9, room = fmaxf(rc.w * 1.3f, 26);
            float tw = fminf(render_text_width(r, FONT_BOLD, fs, t), room);
            render_text_clipped(r, FONT_BOLD, fs, roundf(rc.x + rc.w / 2 - tw / 2), roundf(rc.y + rc.h + 2), t,
                                room, theme.text);
        }
        return;
    }
    /* Shadow, body, side bar, border. */
    /* Only the band below the body shows, so only that band is drawn. */
    render_round_rect(r, rect_make(rc.x + 0.5f, rc.y + rc.h - 2 * rad, rc.w - 1, 2 * rad + 2 * z),
                      rad, theme.node_shadow);
    Color fill = s->node_fill ? s->node_fill[i] : theme.node_fill;
    Color border = s->node_border ? s->node_border[i] : theme.node_border;
    bool banded = s->node_border && memcmp(&border, &theme.node_border, sizeof border) != 0;
    render_round_rect(r, rc, rad, fill);
    float bar = fmaxf(3, 5 * z);
    render_round_rect(r, rect_make(rc.x, rc.y, bar * 2, rc.h), rad, kc);
    render_rect(r, rect_make(rc.x + bar, rc.y + 1, bar + 1, rc.h - 2), fill);
    if (sel) {
        render_round_rect_line(r, rc, rad, banded ? 2.0f : 1.5f, banded ? border : theme.accent);
        render_round_rect_dashed(r, rect_inset(rc, -4), rad + 4, 1.2f, 4, theme.accent);
    } else if (banded && s->node_dashed && s->node_dashed[i]) {
        render_round_rect_dashed(r, rc, rad, 2.0f, 5, border); /* backed up: not the alarm */
    } else if (banded) {
        render_round_rect_line(r, rc, rad, 1.6f, border);
    } else {
        render_round_rect_line(r, rc, rad, 1, hov ? theme.border_strong : theme.node_border);
        render_rect(r, rect_make(rc.x + bar, rc.y, 1, 1), theme.node_border); /* seam */
    }
    /* Kind icon before the title; key figures below, full width. */
    float tx = rc.x + bar + 9 * z;
    float subw = rc.x + rc.w - 6 * z - tx;
    const char *title = node_label_shown(n);
    {
        /* Zoomed out the title keeps a readable size (at least 9 points) and the line of
         * figures under it gives way. */
        float title_size = fmaxf(TITLE_FONT * z, 9.0f);
        float th = render_line_height(r, FONT_BOLD, title_size);
        bool two = z >= 0.7f;
        float sh = two ? render_line_height(r, FONT_REGULAR, SUB_FONT * z) : 0;
        float y0 = two ? rc.y + (rc.h - th - sh - 2 * z) / 2 : rc.y + (rc.h - th) / 2;
        float is = z >= 0.55f ? 14 * z : 0; /* the icon only while it is big enough to see */
        if (is > 0) icon_draw_kind(r, n->kind, rect_make(tx - 1 * z, y0 + (th - is) / 2, is, is), kc);
        float avail = subw - is - (is > 0 ? 5 * z : 0), size = title_size;
        char name[200], sub[340];
        snprintf(name, sizeof name, "%s", title);
        sub[0] = 0;
        if (two) node_subtitle(s->model, n, sub, sizeof sub);
        /* "Feed cache (Redis)" too long: the part in brackets joins the second line,
         * after the key figures (the tooltip shows everything). */
        size_t len = strlen(name);
        char *open = strstr(name, " (");
        if (render_text_width(r, FONT_BOLD, size, name) > avail && two && open && len > 0 &&
            name[len - 1] == ')') {
            char tech[160];
            snprintf(tech, sizeof tech, "%.*s", (int)(len - (size_t)(open - name) - 3), open + 2);
            *open = 0;
            size_t used = strlen(sub);
            snprintf(sub + used, sizeof sub - used, " \xC2\xB7 %s", tech);
        }
        /* Still too long: one size smaller (not under 9 points), then shortened. */
        if (render_text_width(r, FONT_BOLD, size, name) > avail && size - z >= 9) size -= z;
        float dy = (th - render_line_height(r, FONT_BOLD, size)) / 2;
        render_text_clipped(r, FONT_BOLD, size, roundf(tx + is + (is > 0 ? 5 * z : 0)), roundf(y0 + dy), name,
                            avail, theme.text);
        if (two) {
            float ss = SUB_FONT * z;
            if (render_text_width(r, FONT_REGULAR, ss, sub) > subw) ss -= z; /* one step down */
            render_text_clipped(r, FONT_REGULAR, ss, roundf(tx), roundf(y0 + th + 2 * z), sub, subw,
                                theme.text_dim);
        }
    }
    if (s->show_handles && (hov || sel)) {
        Vec2 h = {rc.x + rc.w, rc.y + rc.h / 2};
        render_circle(r, h, HANDLE_R, theme.panel);
        render_circle_line(r, h, HANDLE_R, 1.5f, theme.accent);
    }
}

void canvas_draw(Render *r, const Scene *s)
{
    render_clip(r, &s->view);
    if (s->grid) draw_grid(r, s);
    zones_draw(r, s); /* behind everything else */
    ann_draw(r, s);
    draw_edges(r, s);
    if (s->edge_dots) overlay_draw_dots(r, s);
    for (int i = 0; i < s->model->n_nodes; i++) {
        Rect b = node_rect(&s->model->nodes[i]);
        if (!visible(s, rect_inset(b, -8))) continue;
        draw_node(r, s, i);
        if (s->path_node && !(s->path_node[i] > 0)) {
            /* Not on the shown path: veiled in the board's colour. */
            float z = (float)s->cam.zoom;
            Vec2 a = cam_to_screen(&s->cam, s->view, b.x, b.y);
            render_round_rect(r, rect_make(a.x - 2, a.y - 2, b.w * z + 4, b.h * z + 4), 8 * z + 2,
                              with_alpha(theme.canvas, 185));
        }
    }
    draw_edge_labels(r, s);
    render_clip(r, NULL);
}

static void draw_empty_hint(App *app)
{
    Render *r = app->r;
    Rect v = app->canvas_rc;
    const char *l1 = _("An empty board");
    const char *l2 = _("Drag a component from the left onto the board, or open a scenario (Ctrl+O).");
    float w1 = render_text_width(r, FONT_BOLD, 16, l1), w2 = render_text_width(r, FONT_REGULAR, 13, l2);
    float cy = v.y + v.h / 2 - 20;
    render_text(r, FONT_BOLD, 16, roundf(v.x + (v.w - w1) / 2), cy, l1, theme.text_dim);
    render_text(r, FONT_REGULAR, 13, roundf(v.x + (v.w - w2) / 2), cy + 26, l2, theme.text_faint);
}

/* The node an error's path names ("nodes[3].workers": 3), or -1. */
static int error_node(const Diag *g, int n_nodes)
{
    int i;
    if (g->level != DIAG_ERROR || !g->path || sscanf(g->path, "nodes[%d]", &i) != 1) return -1;
    return i >= 0 && i < n_nodes ? i : -1;
}

const Diag *canvas_node_problem(const App *app, int node)
{
    for (int k = 0; k < app->problems.n_items; k++)
        if (error_node(&app->problems.items[k], app->model->n_nodes) == node) return &app->problems.items[k];
    return NULL;
}

int canvas_problem_nodes(const App *app, uint8_t *marked)
{
    int n = 0;
    memset(marked, 0, (size_t)app->model->n_nodes);
    for (int k = 0; k < app->problems.n_items; k++) {
        int i = error_node(&app->problems.items[k], app->model->n_nodes);
        if (i < 0 || marked[i]) continue;
        marked[i] = 1;
        n++;
    }
    return n;
}

/* A red warning on the corner of each node an error names: the panel says why (a blank
 * board's client that nothing serves yet, an edge to a node that is not there...). */
static void draw_problem_marks(App *app)
{
    if (app->model->n_nodes == 0 || diag_errors(&app->problems) == 0) return;
    uint8_t *marked = xmalloc((size_t)app->model->n_nodes);
    if (canvas_problem_nodes(app, marked)) {
        float z = (float)app->cam.zoom, sz = fmaxf(12, 16 * z);
        render_clip(app->r, &app->canvas_rc);
        for (int i = 0; i < app->model->n_nodes; i++) {
            if (!marked[i]) continue;
            Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, app->model->nodes[i].x, app->model->nodes[i].y);
            Rect ic = {a.x - sz / 2, a.y - sz / 2, sz, sz};
            render_round_rect(app->r, rect_inset(ic, -2), sz / 2 + 2, theme.panel);
            icon_draw(app->r, ICON_WARNING, ic, theme.danger);
        }
        render_clip(app->r, NULL);
    }
    free(marked);
}

void canvas_draw_app(App *app)
{
    Render *r = app->r;
    routes_update(&app->routes, app->model, app->version, app->cam.zoom, r);
    run_refresh_view(app);
    bool path = paths_refresh(app);
    ann_refresh(app);
    Scene s = {app->model, &app->routes, app->sel_node, app->sel_edge, app->cam, app->canvas_rc,
               app->hover_node, app->hover_edge, true, true,
               app->view.fill, app->view.border, app->res ? app->view.edge_w : NULL,
               app->res && app->animate ? app->view.edge_rps : NULL,
               path ? app->path_node : NULL, path ? app->path_edge : NULL, app->view.dashed, -1,
               NULL, NULL, app->sel_ann};
    uint8_t *down = NULL;
    if (app->drag == DRAG_MOVE && app->drag_moved) s.zone_skip = app->sel_node;
    if (app->res && app->model->scenario.n_zones > 0) { /* after a run: its failed zones greyed */
        down = xcalloc((size_t)app->model->scenario.n_zones, 1);
        zones_failed(app->model, down);
        s.zone_down = down;
    }
    canvas_draw(r, &s);
    free(down);
    draw_problem_marks(app);
    overlay_draw(app);
    if (path) paths_draw(app);
    if (app->model->n_nodes == 0 && app->drag != DRAG_PLACE) draw_empty_hint(app);
    render_clip(r, &app->canvas_rc);
    UiInput *in = &app->ui.in;
    float z = (float)app->cam.zoom;
    if (app->drag == DRAG_RUBBER) {
        float x0 = fminf(app->drag_x0, in->mx), y0 = fminf(app->drag_y0, in->my);
        Rect rb = {x0, y0, fabsf(in->mx - app->drag_x0), fabsf(in->my - app->drag_y0)};
        render_rect(r, rb, theme.rubber_fill);
        render_rect_line(r, rb, with_alpha(theme.accent, 160));
    } else if (app->drag == DRAG_CONNECT && app->connect_from >= 0 &&
               app->connect_from < app->model->n_nodes) {
        Rect a = node_rect(&app->model->nodes[app->connect_from]);
        double bx, by;
        cam_to_board(&app->cam, app->canvas_rc, in->mx, in->my, &bx, &by);
        int t = canvas_node_at(app->model, bx, by);
        Rect b = t >= 0 && t != app->connect_from ? node_rect(&app->model->nodes[t])
                                                  : rect_make((float)bx - 1, (float)by - 1, 2, 2);
        Vec2 p[4], sp[4];
        route_between(a, b, p);
        for (int k = 0; k < 4; k++) sp[k] = cam_to_screen(&app->cam, app->canvas_rc, p[k].x, p[k].y);
        draw_arrow_curve(r, sp, 2, false, theme.accent, 1);
        if (t >= 0 && t != app->connect_from) {
            Vec2 ta = cam_to_screen(&app->cam, app->canvas_rc, b.x, b.y);
            render_round_rect_line(r, rect_make(ta.x - 3, ta.y - 3, b.w * z + 6, b.h * z + 6),
                                   10 * z, 2, with_alpha(theme.accent, 150));
        }
    } else if (app->drag == DRAG_PLACE && rect_contains(app->canvas_rc, in->mx, in->my)) {
        double bx, by;
        cam_to_board(&app->cam, app->canvas_rc, in->mx, in->my, &bx, &by);
        double x = round((bx - NODE_W / 2) / GRID) * GRID, y = round((by - NODE_H / 2) / GRID) * GRID;
        Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, x, y);
        Rect g = {a.x, a.y, NODE_W * z, NODE_H * z};
        Color kc = kind_color(app->place_kind);
        render_round_rect(r, g, 7 * z, with_alpha(tint(kc, 0.85f), 200));
        render_round_rect_dashed(r, g, 7 * z, 1.5f, 5, kc);
        float ts = 26 * z;
        icon_draw_kind(r, app->place_kind,
                       rect_inset(rect_make(g.x + 14 * z, g.y + (g.h - ts) / 2, ts, ts), 4 * z), kc);
        render_text(r, FONT_BOLD, TITLE_FONT * z, g.x + 48 * z,
                    g.y + (g.h - render_line_height(r, FONT_BOLD, TITLE_FONT * z)) / 2,
                    kind_title(app->place_kind), theme.text_dim);
    }
    render_clip(r, NULL);
    if (app->drag == DRAG_PLACE && !rect_contains(app->canvas_rc, in->mx, in->my) && in->mx >= 0) {
        /* A small chip follows the mouse over the panels. */
        Color kc = kind_color(app->place_kind);
        Rect chip = {in->mx + 10, in->my + 6, 30, 30};
        render_round_rect(r, chip, 7, kc);
        icon_draw_kind(r, app->place_kind, rect_inset(chip, 6), theme.text_on_accent);
    }
}

/* ---- the mouse on the board --------------------------------------------------------------- */

static int handle_at(App *app, float sx, float sy)
{
    const Model *m = app->model;
    float z = (float)app->cam.zoom;
    for (int i = m->n_nodes - 1; i >= 0; i--) {
        bool shown = app->hover_node == i || app->sel_node[i];
        Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, m->nodes[i].x, m->nodes[i].y);
        float hx = a.x + NODE_W * z, hy = a.y + NODE_H * z / 2;
        float d2 = (sx - hx) * (sx - hx) + (sy - hy) * (sy - hy);
        float reach = shown ? 9 : 6;
        if (d2 <= reach * reach) return i;
    }
    return -1;
}

static int edge_at(App *app, double bx, double by)
{
    const Model *m = app->model;
    float tol = (float)(6 / app->cam.zoom);
    int best = -1;
    float best_d = tol;
    for (int i = 0; i < m->n_edges && i < app->routes.n; i++) {
        const EdgeRoute *e = &app->routes.r[i];
        if (!e->valid) continue;
        Rect bb = rect_inset(e->bbox, -tol);
        bool on_label = e->label_shown && rect_contains(e->label_rc, (float)bx, (float)by);
        if (on_label) return i;
        if (!rect_contains(bb, (float)bx, (float)by)) continue;
        float d = route_distance(e, (float)bx, (float)by);
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

static void start_move(App *app)
{
    const Model *m = app->model;
    int n_anns = ann_refresh(app);
    /* what moves: the selection, and what a selected frame holds (the nodes whose centres
     * and the annotations whose boxes are inside it), so a frame drags its contents */
    uint8_t *carry = xcalloc((size_t)m->n_nodes + 1, 1);
    free(app->drag_ann);
    app->drag_ann = xcalloc((size_t)n_anns + 1, 1);
    app->n_drag_ann = n_anns;
    bool any_ann = false;
    for (int i = 0; i < n_anns; i++) {
        if (!app->sel_ann[i]) continue;
        app->drag_ann[i] = 1;
        any_ann = true;
        const Annotation *f = &app->anns[i];
        if (!annotation_is_box(f)) continue;
        for (int k = 0; k < m->n_nodes; k++)
            carry[k] |= annotation_holds(f, m->nodes[k].x + NODE_W / 2, m->nodes[k].y + NODE_H / 2);
        for (int j = 0; j < n_anns; j++) {
            double x0, y0, x1, y1;
            annotation_bounds(&app->anns[j], &x0, &y0, &x1, &y1);
            if (j != i && x0 >= f->x && x1 <= f->x + f->w && y0 >= f->y && y1 <= f->y + f->h) app->drag_ann[j] = 1;
        }
    }
    int n = 0;
    for (int i = 0; i < m->n_nodes; i++) n += app->sel_node[i] || carry[i];
    free(app->drag_orig);
    free(app->drag_nodes);
    app->drag_orig = xmalloc((size_t)(n > 0 ? n : 1) * 2 * sizeof *app->drag_orig);
    app->drag_nodes = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *app->drag_nodes);
    app->n_drag_nodes = 0;
    for (int i = 0; i < m->n_nodes; i++)
        if (app->sel_node[i] || carry[i]) {
            app->drag_nodes[app->n_drag_nodes] = i;
            app->drag_orig[2 * app->n_drag_nodes] = m->nodes[i].x;
            app->drag_orig[2 * app->n_drag_nodes + 1] = m->nodes[i].y;
            app->n_drag_nodes++;
        }
    free(carry);
    free(app->drag_meta0);
    app->drag_meta0 = any_ann && app->model->meta_json ? xstrdup(app->model->meta_json) : NULL;
    static unsigned serial = 0;
    app->drag_serial = ++serial;
    app->drag = DRAG_MOVE;
    app->drag_moved = false;
}

/* After a move: a moved node (placed in one zone or in none, not spread) whose centre is
 * now in another zone's box (the box of the nodes that stayed) is placed in that zone. */
static void drop_into_zone(App *app)
{
    const Model *m = app->model;
    int nz = m->scenario.n_zones;
    if (nz == 0) return;
    Rect *rects = xcalloc((size_t)nz, sizeof *rects);
    zones_rects(m, app->sel_node, rects);
    for (int k = 0; k < app->n_drag_nodes; k++) {
        int i = app->drag_nodes[k];
        if (i < 0 || i >= app->model->n_nodes) continue;
        const Node *n = &app->model->nodes[i];
        if (n->n_zones > 0) continue;
        int z = zones_at(app->model, rects, n->x + NODE_W / 2, n->y + NODE_H / 2);
        if (z < 0 || (n->zone && strcmp(n->zone, app->model->scenario.zones[z].id) == 0)) continue;
        Node nd;
        node_copy(&nd, n);
        free(nd.zone);
        nd.zone = xstrdup(app->model->scenario.zones[z].id);
        char what[200];
        snprintf(what, sizeof what, _("Place %s in zone %s"), node_label_shown(n),
                 app->model->scenario.zones[z].id);
        edit_set_node(app, i, &nd, what);
        app_set_status(app, false, "%s", what);
        node_free(&nd);
    }
    free(rects);
}

static void rubber_select(App *app, float x1, float y1)
{
    double ax, ay, bx, by;
    cam_to_board(&app->cam, app->canvas_rc, fminf(app->drag_x0, x1), fminf(app->drag_y0, y1), &ax,
                 &ay);
    cam_to_board(&app->cam, app->canvas_rc, fmaxf(app->drag_x0, x1), fmaxf(app->drag_y0, y1), &bx,
                 &by);
    Rect band = {(float)ax, (float)ay, (float)(bx - ax), (float)(by - ay)};
    bool add = (app->ui.in.mod & KMOD_SHIFT) != 0;
    const Model *m = app->model;
    for (int i = 0; i < m->n_nodes; i++) {
        bool in = rect_overlaps(band, node_rect(&m->nodes[i]));
        if (in) app->sel_node[i] = 1;
        else if (!add) app->sel_node[i] = 0;
    }
    for (int i = 0; i < m->n_edges; i++) {
        int a = model_find_node(m, m->edges[i].from), b = model_find_node(m, m->edges[i].to);
        bool in = a >= 0 && b >= 0 && app->sel_node[a] && app->sel_node[b];
        if (in) app->sel_edge[i] = 1;
        else if (!add) app->sel_edge[i] = 0;
    }
    ann_select_band(app, ax, ay, bx, by, add);
}

static void rename_box(App *app)
{
    Ui *ui = &app->ui;
    if (app->rename_node < 0) return;
    if (app->rename_node >= app->model->n_nodes) {
        app->rename_node = -1;
        return;
    }
    const Node *n = &app->model->nodes[app->rename_node];
    float z = (float)app->cam.zoom;
    Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, n->x, n->y);
    float h = 28;
    Rect rc = {a.x + 26 * z, a.y + 4 * z, fmaxf(NODE_W * z - 30 * z, 170), h};
    char out[512];
    const char *cur = node_label_shown(n);
    UiTextResult res = ui_textbox(ui, app->rename_id, rc, cur, out, sizeof out, 0);
    int i = app->rename_node;
    if (res == UI_TEXT_SUBMIT) {
        app->rename_node = -1;
        edit_rename(app, false, i, out, NULL);
    } else if (res == UI_TEXT_CANCEL) {
        app->rename_node = -1;
    } else if (ui->focus != app->rename_id) {
        app->rename_node = -1;
    }
}

static void zoom_control(App *app)
{
    Ui *ui = &app->ui;
    Rect v = app->canvas_rc;
    Rect box = {v.x + v.w - 168, v.y + v.h - 46, 156, 34};
    app->zoom_rc = box;
    ui_shadow(ui, box, 8);
    ui_rrect(ui, box, 8, theme.panel);
    ui_rrect_line(ui, box, 8, 1, theme.border);
    float cx = box.x + box.w / 2;
    if (ui_button(ui, ui_id("zoom-"), rect_make(box.x + 4, box.y + 4, 28, 26), "\xE2\x88\x92",
                  UI_FLAT))
        canvas_zoom_at(app, v.x + v.w / 2, v.y + v.h / 2, 1 / 1.2);
    char pct[16];
    snprintf(pct, sizeof pct, "%d%%", (int)lround(app->cam.zoom * 100));
    if (ui_button(ui, ui_id("zoom100"), rect_make(cx - 42, box.y + 4, 50, 26), pct, UI_FLAT))
        canvas_zoom_at(app, v.x + v.w / 2, v.y + v.h / 2, 1 / app->cam.zoom);
    if (ui_button(ui, ui_id("zoom+"), rect_make(cx + 10, box.y + 4, 28, 26), "+", UI_FLAT))
        canvas_zoom_at(app, v.x + v.w / 2, v.y + v.h / 2, 1.2);
    if (ui_icon_button(ui, ui_id("zoomfit"), rect_make(box.x + box.w - 34, box.y + 4, 30, 26),
                       ICON_FIT, 0))
        canvas_fit(app);
}

void canvas_update(App *app)
{
    Ui *ui = &app->ui;
    UiInput *in = &ui->in;
    Rect v = app->canvas_rc;
    zoom_control(app);
    rename_box(app);
    bool layer_ok = ui_layer_active(ui) && app->modal == MODAL_NONE;
    bool over = layer_ok && rect_contains(v, in->mx, in->my) && !ui_mouse_taken(ui);
    double bx, by;
    cam_to_board(&app->cam, v, in->mx, in->my, &bx, &by);
    routes_update(&app->routes, app->model, app->version, app->cam.zoom, app->r);

    /* Wheel: zoom at the cursor (Shift: pan sideways). */
    if (over && (in->wheel_y != 0 || in->wheel_x != 0)) {
        if (in->mod & KMOD_SHIFT) {
            app->cam.x -= (in->wheel_y + in->wheel_x) * 40 / app->cam.zoom;
        } else {
            canvas_zoom_at(app, in->mx, in->my, pow(1.12, in->wheel_y));
            app->cam.x -= in->wheel_x * 40 / app->cam.zoom;
        }
        cam_to_board(&app->cam, v, in->mx, in->my, &bx, &by);
    }

    /* Hover. */
    if (app->drag == DRAG_NONE) {
        app->hover_node = over ? canvas_node_at(app->model, bx, by) : -1;
        if (app->hover_node != app->node_tip_node || in->moved) {
            if (app->hover_node != app->node_tip_node || !app->node_tip_shown)
                app->node_tip_since = SDL_GetTicks();
            app->node_tip_node = app->hover_node;
        }
        app->hover_handle = over ? handle_at(app, in->mx, in->my) : -1;
        app->hover_edge = over && app->hover_node < 0 && app->hover_handle < 0 ? edge_at(app, bx, by) : -1;
        app->hover_ann = over && app->hover_node < 0 && app->hover_handle < 0 && app->hover_edge < 0
                             ? ann_at(app, bx, by) : -1;
    }

    /* Presses. A right click opens the menu of what is under the mouse. */
    if (over && in->pressed[UI_MOUSE_RIGHT] && app->drag == DRAG_NONE) {
        int node = canvas_node_at(app->model, bx, by);
        ctx_menu_open(app, in->mx, in->my, node, node < 0 ? edge_at(app, bx, by) : -1, bx, by);
    }
    if (over && in->pressed[UI_MOUSE_MIDDLE] && app->drag == DRAG_NONE) {
        app->drag = DRAG_PAN;
        app->drag_x0 = in->mx;
        app->drag_y0 = in->my;
        app->cam_x0 = app->cam.x;
        app->cam_y0 = app->cam.y;
    }
    if (over && in->pressed[UI_MOUSE_LEFT] && app->drag == DRAG_NONE) {
        bool shift = (in->mod & KMOD_SHIFT) != 0;
        app->drag_x0 = in->mx;
        app->drag_y0 = in->my;
        app->drag_bx0 = bx;
        app->drag_by0 = by;
        if (app->space_down) {
            app->drag = DRAG_PAN;
            app->cam_x0 = app->cam.x;
            app->cam_y0 = app->cam.y;
        } else if (app->hover_handle >= 0 && !shift) {
            app->drag = DRAG_CONNECT;
            app->connect_from = app->hover_handle;
        } else if (app->hover_node >= 0) {
            int i = app->hover_node;
            if (in->clicks >= 2 && !shift) {
                sel_clear(app);
                app->sel_node[i] = 1;
                const Node *n = &app->model->nodes[i];
                app->rename_node = i;
                app->rename_id = ui_idn("rename", i);
                ui_focus(ui, app->rename_id, node_label_shown(n));
                ui->focus_rect = rect_make(0, 0, 0, 0);
            } else if (shift) {
                app->sel_node[i] = !app->sel_node[i];
                if (app->sel_node[i]) start_move(app);
            } else {
                if (!app->sel_node[i]) {
                    sel_clear(app);
                    app->sel_node[i] = 1;
                }
                start_move(app);
            }
        } else if (app->hover_edge >= 0) {
            int i = app->hover_edge;
            if (shift) {
                app->sel_edge[i] = !app->sel_edge[i];
            } else {
                sel_clear(app);
                app->sel_edge[i] = 1;
            }
        } else if (app->hover_ann >= 0 && app->hover_ann < ann_refresh(app)) {
            /* a free annotation: selected like a node, and dragged with the selection */
            int i = app->hover_ann;
            if (shift) {
                app->sel_ann[i] = !app->sel_ann[i];
                if (app->sel_ann[i]) start_move(app);
            } else {
                if (!app->sel_ann[i]) {
                    sel_clear(app);
                    app->sel_ann[i] = 1;
                }
                start_move(app);
            }
        } else {
            if (!shift) sel_clear(app);
            app->drag = DRAG_RUBBER;
        }
    }

    /* Motion. */
    switch (app->drag) {
    case DRAG_PAN:
        app->cam.x = app->cam_x0 - (in->mx - app->drag_x0) / app->cam.zoom;
        app->cam.y = app->cam_y0 - (in->my - app->drag_y0) / app->cam.zoom;
        break;
    case DRAG_MOVE:
        if (!app->drag_moved && (fabsf(in->mx - app->drag_x0) > 3 || fabsf(in->my - app->drag_y0) > 3))
            app->drag_moved = true;
        if (app->drag_moved && in->moved)
            edit_move_drag(app, bx - app->drag_bx0, by - app->drag_by0, !(in->mod & KMOD_ALT));
        break;
    case DRAG_RUBBER: rubber_select(app, in->mx, in->my); break;
    default: break;
    }

    /* Releases. */
    bool released = in->released[UI_MOUSE_LEFT] || in->released[UI_MOUSE_MIDDLE];
    if (released) {
        switch (app->drag) {
        case DRAG_MOVE:
            if (app->drag_moved) {
                edit_move_drag(app, bx - app->drag_bx0, by - app->drag_by0, !(in->mod & KMOD_ALT));
                drop_into_zone(app);
            }
            break;
        case DRAG_CONNECT: {
            int t = rect_contains(v, in->mx, in->my) ? canvas_node_at(app->model, bx, by) : -1;
            if (t >= 0 && t != app->connect_from)
                edit_connect(app, app->connect_from, t);
            else if (t < 0)
                app_set_status(app, false, _("Drop the arrow on another node to connect them"));
            app->connect_from = -1;
            break;
        }
        case DRAG_RUBBER: rubber_select(app, in->mx, in->my); break;
        case DRAG_PLACE:
            if (layer_ok && rect_contains(v, in->mx, in->my) && !ui_mouse_taken(ui)) {
                edit_place_node(app, app->place_kind, bx - NODE_W / 2, by - NODE_H / 2);
            }
            break;
        default: break;
        }
        app->drag = DRAG_NONE;
    }

    /* The cursor says what a press would do. */
    SDL_Cursor **cursors = app->cursors;
    if (!cursors[0]) {
        cursors[0] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_ARROW);
        cursors[1] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_HAND);
        cursors[2] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_SIZEALL);
        cursors[3] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_CROSSHAIR);
        cursors[4] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_SIZENS);
    }
    int want = 0;
    if (app->drawer_edge_hover || app->drawer_resizing) want = 4;
    if (app->drag == DRAG_PAN || (over && app->space_down)) want = 2;
    else if (app->drag == DRAG_CONNECT || (over && app->hover_handle >= 0)) want = 3;
    else if (app->drag == DRAG_MOVE || (over && (app->hover_node >= 0 || app->hover_ann >= 0))) want = 1;
    if (cursors[want] && SDL_GetCursor() != cursors[want]) SDL_SetCursor(cursors[want]);
}
