/*
 * annotations.c - the free annotations of a diagram on the board: the notes, frames,
 * lines and shapes an import kept (sim/annotation.h) drawn behind the design in the
 * theme's faint colours, in board coordinates; selected by a click or the rubber band,
 * moved, deleted and retyped as meta edits (one undoable step each); the inspector
 * says what one is. They are not part of the simulated design.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "panel.h"
#include "sim/tr.h"
#include "sim/util.h"

#define ANN_FONT 15.0f /* board units, like Excalidraw's small text */

static void grow_sel(App *app, int n)
{
    if (n + 1 <= app->cap_sel_ann) return;
    int cap = app->cap_sel_ann ? app->cap_sel_ann : 16;
    while (cap < n + 1) cap *= 2;
    app->sel_ann = xrealloc(app->sel_ann, (size_t)cap);
    memset(app->sel_ann + app->cap_sel_ann, 0, (size_t)(cap - app->cap_sel_ann));
    app->cap_sel_ann = cap;
}

int ann_refresh(App *app)
{
    const char *meta = app->model->meta_json;
    bool same = (!meta && !app->anns_src) || (meta && app->anns_src && strcmp(meta, app->anns_src) == 0);
    if (!same) {
        int before = app->n_anns;
        annotations_free(app->anns, app->n_anns);
        app->n_anns = annotations_read(meta, &app->anns);
        free(app->anns_src);
        app->anns_src = meta ? xstrdup(meta) : NULL;
        grow_sel(app, app->n_anns);
        /* a delete, an undo or another diagram: the flags no longer match */
        if (app->n_anns != before) memset(app->sel_ann, 0, (size_t)app->cap_sel_ann);
    }
    grow_sel(app, app->n_anns);
    return app->n_anns;
}

int ann_count_selected(App *app)
{
    int n = 0;
    for (int i = 0; i < ann_refresh(app); i++) n += app->sel_ann[i] != 0;
    return n;
}

int ann_single_selected(App *app)
{
    if (ann_count_selected(app) != 1 || sel_count_nodes(app) || sel_count_edges(app)) return -1;
    for (int i = 0; i < app->n_anns; i++)
        if (app->sel_ann[i]) return i;
    return -1;
}

/* Distance from p to the segment a-b. */
static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double qx = ax + t * dx - px, qy = ay + t * dy - py;
    return sqrt(qx * qx + qy * qy);
}

/* A line is hit near its stroke, a text or a filled shape inside, an outlined shape on
 * its outline (a frame around nodes must not swallow clicks meant for the board). */
static bool hit(const Annotation *a, double bx, double by, double tol)
{
    double x0, y0, x1, y1;
    annotation_bounds(a, &x0, &y0, &x1, &y1);
    if (a->type == ANN_LINE || a->type == ANN_ARROW)
        return seg_dist(bx, by, a->x, a->y, a->x + a->w, a->y + a->h) <= tol;
    bool inside = bx >= x0 - tol && bx <= x1 + tol && by >= y0 - tol && by <= y1 + tol;
    if (!inside) return false;
    if (a->type == ANN_TEXT || a->fill) return true;
    /* a frame's title strip along its top (draw_one writes it there) is the frame's too */
    bool frame = a->type == ANN_RECTANGLE && a->h > 6 * ANN_FONT && a->text[0];
    if (frame && by <= y0 + 6 + 1.6 * ANN_FONT) return true;
    bool deep = bx > x0 + tol && bx < x1 - tol && by > y0 + tol && by < y1 - tol;
    return !deep;
}

int ann_at(App *app, double bx, double by)
{
    double tol = 6 / app->cam.zoom;
    for (int i = ann_refresh(app) - 1; i >= 0; i--)
        if (hit(&app->anns[i], bx, by, tol)) return i;
    return -1;
}

void ann_select_band(App *app, double x0, double y0, double x1, double y1, bool add)
{
    for (int i = 0; i < ann_refresh(app); i++) {
        double a0, b0, a1, b1;
        annotation_bounds(&app->anns[i], &a0, &b0, &a1, &b1);
        /* wholly inside, as in Excalidraw: a band over some nodes in a frame leaves the frame */
        bool in = a0 >= x0 && a1 <= x1 && b0 >= y0 && b1 <= y1;
        if (in) app->sel_ann[i] = 1;
        else if (!add) app->sel_ann[i] = 0;
    }
}

void ann_extend_bounds(const Model *m, double *x0, double *y0, double *x1, double *y1)
{
    Annotation *a;
    int n = annotations_read(m->meta_json, &a);
    for (int i = 0; i < n; i++) {
        double a0, b0, a1, b1;
        annotation_bounds(&a[i], &a0, &b0, &a1, &b1);
        *x0 = fmin(*x0, a0);
        *y0 = fmin(*y0, b0);
        *x1 = fmax(*x1, a1);
        *y1 = fmax(*y1, b1);
    }
    annotations_free(a, n);
}

/* ---- drawing ------------------------------------------------------------------------------- */

typedef struct TextCtx {
    Render *r;
    float size, x, y, w, lh;
    bool centre;
    Color c;
} TextCtx;

static void emit_line(void *ctx, int line, const char *text)
{
    TextCtx *t = ctx;
    float x = t->x;
    if (t->centre) x += (t->w - render_text_width(t->r, FONT_REGULAR, t->size, text)) / 2;
    render_text(t->r, FONT_REGULAR, t->size, roundf(x), roundf(t->y + (float)line * t->lh), text, t->c);
}

/* Text wrapped to w (screen units; <= 0: its own lines), from (x, y), or centred in a
 * box of height h when centre. */
static void draw_text(Render *r, const char *text, float x, float y, float w, float h, float size, bool centre,
                      Color c)
{
    if (!*text || size < 4) return;
    TextCtx t = {r, size, x, y, w, render_line_height(r, FONT_REGULAR, size), centre, c};
    if (w > 0) {
        int lines = render_wrap(r, FONT_REGULAR, size, w, text, NULL, NULL);
        if (centre) t.y = y + (h - (float)lines * t.lh) / 2;
        render_wrap(r, FONT_REGULAR, size, w, text, emit_line, &t);
        return;
    }
    const char *s = text;
    for (int line = 0; s; line++) { /* no box: the text's own line breaks */
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), s);
        emit_line(&t, line, buf);
        s = nl ? nl + 1 : NULL;
    }
}

static void draw_one(Render *r, const Scene *s, const Annotation *a, bool selected)
{
    float z = (float)s->cam.zoom;
    Color stroke = selected ? theme.accent : with_alpha(theme.text_faint, 200);
    Color fill = with_alpha(theme.text_faint, 28);
    Color text = selected ? theme.accent : theme.text_dim;
    float width = fmaxf(1.0f, 1.4f * z) + (selected ? 0.8f : 0);
    Vec2 p = cam_to_screen(&s->cam, s->view, a->x, a->y);
    float w = (float)a->w * z, h = (float)a->h * z, fs = ANN_FONT * z;
    switch (a->type) {
    case ANN_TEXT: {
        double x0, y0, x1, y1;
        annotation_bounds(a, &x0, &y0, &x1, &y1);
        draw_text(r, a->text, p.x, p.y, a->w > 0 ? w : 0, 0, fs, false, text);
        if (selected)
            render_round_rect_dashed(r, rect_make(p.x - 4, p.y - 3, (float)(x1 - x0) * z + 8, (float)(y1 - y0) * z + 6),
                                     4, 1, 4, theme.accent);
        break;
    }
    case ANN_RECTANGLE: {
        Rect rc = rect_make(p.x, p.y, w, h);
        if (a->fill) render_round_rect(r, rc, 6 * z, fill);
        render_round_rect_line(r, rc, 6 * z, width, stroke);
        /* a frame's title sits at its top left, a shape's text in its middle */
        bool frame = h > 3 * fs * 2;
        if (frame) draw_text(r, a->text, p.x + 8 * z, p.y + 6 * z, w - 16 * z, 0, fs, false, text);
        else draw_text(r, a->text, p.x + 4 * z, p.y, w - 8 * z, h, fs, true, text);
        break;
    }
    case ANN_ELLIPSE:
    case ANN_DIAMOND: {
        Vec2 pts[49];
        int n = a->type == ANN_DIAMOND ? 4 : 48;
        float cx = p.x + w / 2, cy = p.y + h / 2;
        if (a->type == ANN_DIAMOND) {
            pts[0] = vec2(cx, p.y);
            pts[1] = vec2(p.x + w, cy);
            pts[2] = vec2(cx, p.y + h);
            pts[3] = vec2(p.x, cy);
        } else {
            for (int k = 0; k < n; k++) {
                float t = (float)k * 6.2831853f / (float)n;
                pts[k] = vec2(cx + w / 2 * cosf(t), cy + h / 2 * sinf(t));
            }
        }
        if (a->fill) render_convex(r, pts, n, fill);
        pts[n] = pts[0];
        render_polyline(r, pts, n + 1, width, 0, stroke);
        draw_text(r, a->text, p.x + w * 0.15f, p.y, w * 0.7f, h, fs, true, text);
        break;
    }
    case ANN_LINE:
    case ANN_ARROW: {
        Vec2 q = vec2(p.x + w, p.y + h);
        float dx = q.x - p.x, dy = q.y - p.y, len = sqrtf(dx * dx + dy * dy);
        if (a->type == ANN_ARROW && len > 1) {
            float ux = dx / len, uy = dy / len, hl = fminf(12 * z, len / 2), hw = hl * 0.45f;
            Vec2 base = vec2(q.x - ux * hl, q.y - uy * hl);
            render_line(r, p, vec2(base.x + ux, base.y + uy), width, stroke);
            Vec2 head[3] = {q, vec2(base.x - uy * hw, base.y + ux * hw), vec2(base.x + uy * hw, base.y - ux * hw)};
            render_convex(r, head, 3, stroke);
        } else {
            render_line(r, p, q, width, stroke);
        }
        if (*a->text) {
            float tw = render_text_width(r, FONT_REGULAR, fs, a->text);
            draw_text(r, a->text, (p.x + q.x) / 2 - tw / 2, (p.y + q.y) / 2 - fs, 0, 0, fs, false, text);
        }
        break;
    }
    }
}

void ann_draw(Render *r, const Scene *s)
{
    Annotation *a;
    int n = annotations_read(s->model->meta_json, &a);
    for (int i = 0; i < n; i++) draw_one(r, s, &a[i], s->sel_ann && s->sel_ann[i]);
    annotations_free(a, n);
}

/* ---- edits ----------------------------------------------------------------------------------- */

static void commit_meta(App *app, const char *after, const char *label, unsigned merge_id)
{
    const char *before = app->model->meta_json;
    if ((!before && !after) || (before && after && strcmp(before, after) == 0)) return;
    Command c;
    cmd_init(&c, label);
    c.merge_id = merge_id;
    cmd_meta_set(&c, before, after);
    app_commit(app, &c);
}

/* The annotation just added (the last) alone selected, its text being typed in the
 * inspector. */
static void select_added(App *app)
{
    int n = ann_refresh(app);
    sel_clear(app);
    app->sel_ann[n - 1] = 1;
    ui_focus(&app->ui, ui_idn("ann-text", n - 1), app->anns[n - 1].text);
    app->ui.multiline = true; /* as a click into it makes it: Enter breaks the line */
}

void edit_add_note(App *app, double bx, double by)
{
    char *after = annotations_add(app->model->meta_json, ANN_TEXT, C_("annotation", "Note"), round(bx), round(by), 0, 0);
    commit_meta(app, after, _("Add a note"), 0);
    free(after);
    select_added(app);
    app_set_status(app, false, "%s", _("Added a note: type its words in the inspector, Ctrl+Enter applies"));
}

bool edit_frame_selection(App *app)
{
    const Model *m = app->model;
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    int n = 0;
    for (int i = 0; i < m->n_nodes; i++) {
        if (!app->sel_node[i]) continue;
        x0 = fmin(x0, m->nodes[i].x);
        y0 = fmin(y0, m->nodes[i].y);
        x1 = fmax(x1, m->nodes[i].x + NODE_W);
        y1 = fmax(y1, m->nodes[i].y + NODE_H);
        n++;
    }
    if (n == 0) {
        app_set_status(app, false, "%s", _("Select the nodes to frame"));
        return false;
    }
    /* room for its title above the nodes' tags, and a margin around them */
    const double side = 30, top = 56, bottom = 30;
    char *after = annotations_add(m->meta_json, ANN_RECTANGLE, _("Group"), x0 - side, y0 - top,
                                  x1 - x0 + 2 * side, y1 - y0 + top + bottom);
    char *label = xasprintf(P_("Frame %d node", "Frame %d nodes", n), n);
    commit_meta(app, after, label, 0);
    free(label);
    free(after);
    select_added(app);
    app_set_status(app, false, "%s", _("Framed: name the frame in the inspector (a VPC, a region, a team), Ctrl+Enter applies"));
    return true;
}

void edit_annotation_text(App *app, int i, const char *text)
{
    char *after = annotations_set_text(app->model->meta_json, i, text);
    commit_meta(app, after, _("Edit note"), 0);
    free(after);
}

/* ---- the inspector --------------------------------------------------------------------------- */

void ann_inspector(struct Panel *p, int i)
{
    App *app = p->app;
    if (i < 0) { /* several, and nothing else */
        int n = ann_count_selected(app);
        char line[80];
        snprintf(line, sizeof line, P_("%d note selected", "%d notes selected", n), n);
        ui_text(p->ui, FONT_BOLD, theme.title_font, p->x, p->y, line, theme.text);
        p->y += 30;
        panel_note(p, _("Notes on the board, not simulated. Drag one to move them together."),
                   theme.text_dim);
        p->y += 8;
        if (ui_button(p->ui, ui_id("ann-del"), rect_make(p->x, p->y, 90, 30), _("Delete"), 0))
            edit_delete_selection(app);
        p->y += 44;
        return;
    }
    if (i >= ann_refresh(app)) return;
    const Annotation *a = &app->anns[i];
    const char *title = _("Rectangle");
    switch (a->type) {
    case ANN_TEXT: title = _("Text note"); break;
    case ANN_RECTANGLE: /* a titled box around nodes, as draw_one draws it */
        if (a->h > 6 * ANN_FONT && a->text[0]) title = _("Frame");
        break;
    case ANN_ELLIPSE: title = _("Ellipse"); break;
    case ANN_DIAMOND: title = _("Diamond"); break;
    case ANN_LINE: title = _("Line"); break;
    case ANN_ARROW: title = _("Arrow"); break;
    }
    ui_text(p->ui, FONT_BOLD, theme.title_font, p->x, p->y, title, theme.text);
    p->y += 30;
    panel_note(p, _("A note on the board, not simulated."), theme.text_dim);
    p->y += 6;
    if (a->type == ANN_TEXT || a->type == ANN_RECTANGLE || a->type == ANN_ELLIPSE || a->type == ANN_DIAMOND) {
        ui_text(p->ui, FONT_REGULAR, theme.ui_font, p->x, p->y, _("Text"), theme.text_dim);
        p->y += 22;
        char *out = NULL;
        float h = 0;
        char *value = xstrdup(a->text);
        UiTextResult res = ui_textarea(p->ui, ui_idn("ann-text", i), rect_make(p->x, p->y, p->w, 0), value, &out, 3,
                                       &h, 0);
        if (res == UI_TEXT_SUBMIT && out && strcmp(out, value) != 0) edit_annotation_text(app, i, out);
        free(out);
        free(value);
        p->y += h + 12;
    }
    char where[120];
    snprintf(where, sizeof where, _("At %.0f, %.0f; drag it to move it, Delete removes it."), a->x, a->y);
    panel_note(p, where, theme.text_faint);
    p->y += 8;
    if (ui_button(p->ui, ui_id("ann-del"), rect_make(p->x, p->y, 90, 30), _("Delete"), 0)) edit_delete_selection(app);
    p->y += 44;
}
