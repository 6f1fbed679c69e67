/*
 * edit.c - every change a user makes to the diagram, expressed as a Command for the
 * history: place, move, connect, delete, copy/paste/duplicate, rename, field changes.
 * Nothing here writes to the model directly; app_commit() applies and records.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/annotation.h"
#include "sim/import.h"
#include "sim/layout.h"
#include "sim/model_json.h"
#include "sim/scenario_edit.h"
#include "sim/tr.h"
#include "sim/util.h"

static double snap(double v) { return round(v / GRID) * GRID; }

/* A client about to join: the request types the only client sends without naming it
 * name it in the same step, so they keep their sender. */
static void keep_senders(App *app, Command *c)
{
    Model *after = model_clone(app->model);
    if (scenario_pin_clients(after)) cmd_scenario_set(c, app->model, after);
    model_destroy(after);
}

bool board_spot_free(const Model *m, double x, double y)
{
    Rect want = rect_make((float)x - 10, (float)y - 10, NODE_W + 20, NODE_H + 20);
    for (int i = 0; i < m->n_nodes; i++)
        if (rect_overlaps(want, node_rect(&m->nodes[i]))) return false;
    return true;
}

/* The free spot on the grid nearest (x, y) (snapped), for a node dropped onto another:
 * the ring of grid points around it, one step further each time, the nearest free point
 * of the first ring that has one. */
static void nearest_free_spot(const Model *m, double *x, double *y)
{
    if (board_spot_free(m, *x, *y)) return;
    for (int r = 1; r < 200; r++) {
        double best = INFINITY, bx = *x, by = *y;
        for (int dy = -r; dy <= r; dy++)
            for (int dx = -r; dx <= r; dx++) {
                if (abs(dx) != r && abs(dy) != r) continue; /* the ring only */
                double cx = *x + dx * GRID, cy = *y + dy * GRID, d = (double)dx * dx + (double)dy * dy;
                if (d < best && board_spot_free(m, cx, cy)) {
                    best = d;
                    bx = cx;
                    by = cy;
                }
            }
        if (isfinite(best)) {
            *x = bx;
            *y = by;
            return;
        }
    }
}

int edit_place_node(App *app, NodeKind kind, double x, double y)
{
    Model *m = app->model;
    Node n;
    node_defaults(kind, &n);
    n.id = ids_unique_node_id(m, node_kind_name(kind));
    const char *us = strrchr(n.id, '_');
    int num = 0;
    if (us && sscanf(us + 1, "%d", &num) == 1 && num >= 2 && strcmp(n.id, node_kind_name(kind)) != 0)
        n.label = xasprintf("%s %d", kind_label(kind), num);
    else
        n.label = xstrdup(kind_label(kind));
    n.x = snap(x);
    n.y = snap(y);
    nearest_free_spot(m, &n.x, &n.y); /* never on top of another node */
    Command c;
    char *label = xasprintf(_("Place %s"), n.label);
    cmd_init(&c, label);
    if (kind == NODE_CLIENT) keep_senders(app, &c);
    cmd_node_insert(&c, m->n_nodes, &n);
    sel_clear(app);
    app_commit(app, &c);
    app_set_status(app, false, _("Placed %s \xE2\x80\x94 drag its handle to connect it"), n.label);
    free(label);
    node_free(&n);
    return m->n_nodes - 1;
}

void edit_move_drag(App *app, double dx, double dy, bool do_snap)
{
    Model *m = app->model;
    Command c;
    cmd_init(&c, app->n_drag_nodes == 0 ? _("Move notes") : app->n_drag_nodes == 1 ? _("Move node") : _("Move nodes"));
    c.merge_id = app->drag_serial;
    bool any = false;
    for (int k = 0; k < app->n_drag_nodes; k++) {
        int i = app->drag_nodes[k];
        if (i < 0 || i >= m->n_nodes) continue;
        double nx = app->drag_orig[2 * k] + dx, ny = app->drag_orig[2 * k + 1] + dy;
        if (do_snap) {
            nx = snap(nx);
            ny = snap(ny);
        }
        Node after;
        node_copy(&after, &m->nodes[i]);
        any |= after.x != nx || after.y != ny;
        after.x = nx;
        after.y = ny;
        cmd_node_set(&c, i, &m->nodes[i], &after);
        node_free(&after);
    }
    if (app->drag_meta0 && app->drag_ann) {
        /* the annotations move by the drag itself, unsnapped, or with the nodes they go
         * with as the grid moves those (a frame and its nodes stay together); always one
         * op, so every step of the drag merges into one */
        double adx = dx, ady = dy;
        if (do_snap && app->n_drag_nodes > 0) {
            adx = snap(app->drag_orig[0] + dx) - app->drag_orig[0];
            ady = snap(app->drag_orig[1] + dy) - app->drag_orig[1];
        }
        char *meta = annotations_move(app->drag_meta0, app->drag_ann, app->n_drag_ann, adx, ady);
        any |= !m->meta_json || !meta || strcmp(m->meta_json, meta) != 0;
        cmd_meta_set(&c, m->meta_json, meta);
        free(meta);
    }
    if (any)
        app_commit(app, &c);
    else
        cmd_free(&c);
}

void edit_nudge_selection(App *app, double dx, double dy)
{
    Model *m = app->model;
    Command c;
    cmd_init(&c, _("Nudge"));
    for (int i = 0; i < m->n_nodes; i++) {
        if (!app->sel_node[i]) continue;
        Node after;
        node_copy(&after, &m->nodes[i]);
        after.x += dx;
        after.y += dy;
        cmd_node_set(&c, i, &m->nodes[i], &after);
        node_free(&after);
    }
    if (ann_count_selected(app)) { /* the selected notes and frames with them */
        char *meta = annotations_move(m->meta_json, app->sel_ann, app->n_anns, dx, dy);
        cmd_meta_set(&c, m->meta_json, meta);
        free(meta);
    }
    if (c.n_ops == 0) {
        cmd_free(&c);
        return;
    }
    uint8_t *sel = xmalloc((size_t)app->n_anns + 1); /* the notes stay selected */
    memcpy(sel, app->sel_ann, (size_t)app->n_anns);
    int n_anns = app->n_anns;
    app_commit(app, &c);
    if (ann_refresh(app) == n_anns) memcpy(app->sel_ann, sel, (size_t)n_anns);
    free(sel);
}

/* Errors of `after` that `before` did not have (by message). Returns the first. */
static bool new_error(const DiagList *before, const DiagList *after, char *out, size_t cap)
{
    for (int i = 0; i < after->n_items; i++) {
        const Diag *d = &after->items[i];
        if (d->level != DIAG_ERROR) continue;
        bool seen = false;
        for (int k = 0; k < before->n_items && !seen; k++)
            seen = before->items[k].level == DIAG_ERROR &&
                   strcmp(before->items[k].message, d->message) == 0;
        if (!seen) {
            snprintf(out, cap, "%s", d->message);
            return true;
        }
    }
    return false;
}

/* Would an edge from node `from` to node `to` be refused? Then the status bar says why and
 * it returns false. `trial` is the model with that edge in it (edge `skip` of the model,
 * the one being reconnected, is not a second one between them). */
static bool connection_allowed(App *app, int from, int to, int skip, const Model *trial)
{
    Model *m = app->model;
    const Node *a = &m->nodes[from], *b = &m->nodes[to];
    const char *an = node_label_shown(a), *bn = node_label_shown(b);
    if (from == to) {
        app_set_status(app, true, _("Cannot connect %s to itself"), an);
        return false;
    }
    for (int i = 0; i < m->n_edges; i++)
        if (i != skip && strcmp(m->edges[i].from, a->id) == 0 && strcmp(m->edges[i].to, b->id) == 0) {
            app_set_status(app, true, _("%s already calls %s"), an, bn);
            return false;
        }
    if (b->kind == NODE_CLIENT) {
        app_set_status(app, true,
                       _("Cannot connect to %s: clients send requests, nothing calls them"), bn);
        return false;
    }
    /* Let the validator judge the new edge: refuse it when it adds an error. */
    DiagList before, after;
    diag_init(&before, NULL);
    diag_init(&after, NULL);
    model_validate(m, &before);
    model_validate(trial, &after);
    char why[300];
    bool bad = new_error(&before, &after, why, sizeof why);
    diag_free(&before);
    diag_free(&after);
    if (bad) app_set_status(app, true, _("Cannot connect %s \xE2\x86\x92 %s: %s"), an, bn, why);
    return !bad;
}

bool edit_connect(App *app, int from, int to)
{
    Model *m = app->model;
    if (from < 0 || to < 0 || from >= m->n_nodes || to >= m->n_nodes) return false;
    const Node *a = &m->nodes[from], *b = &m->nodes[to];
    const char *an = node_label_shown(a), *bn = node_label_shown(b);
    Edge e;
    edge_defaults(&e);
    e.from = a->id;
    e.to = b->id;
    Model *trial = model_clone(m);
    model_add_edge(trial, &e);
    bool ok = connection_allowed(app, from, to, -1, trial);
    model_destroy(trial);
    if (!ok) return false;
    Command c;
    char *label = xasprintf(_("Connect %s \xE2\x86\x92 %s"), an, bn);
    cmd_init(&c, label);
    cmd_edge_insert(&c, m->n_edges, &e);
    sel_clear(app);
    app_commit(app, &c);
    app_set_status(app, false, _("Connected %s \xE2\x86\x92 %s"), an, bn);
    free(label);
    return true;
}

bool edit_reconnect(App *app, int edge, bool to_end, int node)
{
    Model *m = app->model;
    if (edge < 0 || edge >= m->n_edges || node < 0 || node >= m->n_nodes) return false;
    const Edge *e = &m->edges[edge];
    int from = to_end ? model_find_node(m, e->from) : node, to = to_end ? node : model_find_node(m, e->to);
    Edge after;
    edge_copy(&after, e);
    char **end = to_end ? &after.to : &after.from;
    free(*end);
    *end = xstrdup(m->nodes[node].id);
    Model *trial = model_clone(m);
    edge_free(&trial->edges[edge]);
    edge_copy(&trial->edges[edge], &after);
    /* the other end may name no node either: then only the validator judges */
    bool ok = from < 0 || to < 0 ? true : connection_allowed(app, from, to, edge, trial);
    model_destroy(trial);
    if (ok) {
        char name[300];
        char *label = xasprintf(_("Connect %s"), edge_name(m, &after, name, sizeof name));
        edit_set_edge(app, edge, &after, label);
        app_set_status(app, false, _("Connected %s"), name);
        free(label);
    }
    edge_free(&after);
    return ok;
}

void edit_delete_selection(App *app)
{
    Model *m = app->model;
    /* Nodes that scenario events or request types name: say what goes with them first. */
    char *why = sel_count_nodes(app) ? model_describe_nodes_removal(m, app->sel_node) : NULL;
    if (why) {
        Model *after = model_clone(m);
        for (int i = after->n_edges - 1; i >= 0; i--)
            if (app->sel_edge[i]) model_remove_edge(after, i);
        model_remove_nodes(after, app->sel_node);
        if (ann_count_selected(app)) {
            char *meta = annotations_delete(m->meta_json, app->sel_ann, app->n_anns);
            free(after->meta_json);
            after->meta_json = meta;
        }
        int nn = sel_count_nodes(app);
        char title[200], label[120];
        if (nn == 1) {
            int i = 0;
            while (!app->sel_node[i]) i++;
            snprintf(title, sizeof title, _("Delete %s?"), node_label_shown(&m->nodes[i]));
        } else {
            snprintf(title, sizeof title, _("Delete %d nodes?"), nn);
        }
        snprintf(label, sizeof label, nn == 1 ? _("Delete the node") : _("Delete %d nodes"), nn);
        char *text = xasprintf(_("Its edges go too. %s"), why);
        app_confirm_edit(app, title, text, after, label);
        free(text);
        free(why);
        return;
    }
    int n_nodes = 0, n_edges = 0;
    uint8_t *del_edge = xcalloc((size_t)m->n_edges + 1, 1);
    for (int i = 0; i < m->n_edges; i++) {
        const Edge *e = &m->edges[i];
        int a = model_find_node(m, e->from), b = model_find_node(m, e->to);
        if (app->sel_edge[i] || (a >= 0 && app->sel_node[a]) || (b >= 0 && app->sel_node[b]))
            del_edge[i] = 1;
    }
    Command c;
    cmd_init(&c, _("Delete"));
    for (int i = m->n_edges - 1; i >= 0; i--)
        if (del_edge[i]) {
            cmd_edge_delete(&c, i, &m->edges[i]);
            n_edges++;
        }
    for (int i = m->n_nodes - 1; i >= 0; i--)
        if (app->sel_node[i]) {
            cmd_node_delete(&c, i, &m->nodes[i]);
            n_nodes++;
        }
    free(del_edge);
    int n_anns = ann_count_selected(app);
    if (n_anns) {
        char *meta = annotations_delete(m->meta_json, app->sel_ann, app->n_anns);
        cmd_meta_set(&c, m->meta_json, meta);
        free(meta);
    }
    if (c.n_ops == 0) {
        cmd_free(&c);
        app_set_status(app, false, _("Nothing selected to delete"));
        return;
    }
    free(c.label);
    if (n_nodes + n_edges == 0) {
        c.label = xasprintf(P_("Delete a note", "Delete %d notes", n_anns), n_anns);
    } else {
        char nodes[80], edges[80];
        snprintf(nodes, sizeof nodes, P_("%d node", "%d nodes", n_nodes), n_nodes);
        snprintf(edges, sizeof edges, P_("%d edge", "%d edges", n_edges), n_edges);
        c.label = xasprintf(_("Delete %s, %s"), nodes, edges);
    }
    app_set_status(app, false, _("%s (Ctrl+Z to undo)"), c.label);
    app_commit(app, &c);
    sel_clear(app);
}

/* The selected nodes and the edges among them, as a small model. */
static Model *copy_selection(App *app)
{
    Model *m = app->model;
    Model *out = model_create();
    for (int i = 0; i < m->n_nodes; i++)
        if (app->sel_node[i]) model_add_node(out, &m->nodes[i]);
    for (int i = 0; i < m->n_edges; i++) {
        const Edge *e = &m->edges[i];
        if (model_find_node(out, e->from) >= 0 && model_find_node(out, e->to) >= 0)
            model_add_edge(out, e);
    }
    out->meta_json = annotations_subset(m->meta_json, app->sel_ann, ann_refresh(app)); /* notes and frames too */
    return out;
}

/* The notes and frames a copy holds (its meta's annotations). */
static int copied_notes(const Model *src)
{
    Annotation *a = NULL;
    int n = annotations_read(src->meta_json, &a);
    annotations_free(a, n);
    return n;
}

void edit_copy(App *app)
{
    if (sel_count_nodes(app) == 0 && ann_count_selected(app) == 0) {
        app_set_status(app, false, _("Select nodes to copy"));
        return;
    }
    model_destroy(app->clip);
    app->clip = copy_selection(app);
    /* on the system clipboard too, as archsim JSON: another archsim window pastes it, a
     * text editor shows it */
    free(app->clip_text);
    app->clip_text = model_to_json(app->clip);
    SDL_SetClipboardText(app->clip_text);
    int notes = copied_notes(app->clip);
    if (app->clip->n_nodes == 0)
        app_set_status(app, false, P_("Copied %d note", "Copied %d notes", notes), notes);
    else
        app_set_status(app, false, P_("Copied %d node", "Copied %d nodes", app->clip->n_nodes), app->clip->n_nodes);
}

#define CLIPBOARD_MAX (4u << 20) /* a diagram pasted as text: 4 MB at most */

/* The diagram on the system clipboard, when it is not what this window's Copy put there:
 * another archsim window's copy (archsim JSON), or a diagram in any format archsim opens (a
 * Mermaid flowchart from your notes, an Excalidraw or draw.io copy), laid out when it has
 * no positions; NULL when the clipboard holds none. *format says which. */
static Model *clipboard_diagram(App *app, ImportFormat *format)
{
    if (!SDL_HasClipboardText()) return NULL;
    char *text = SDL_GetClipboardText();
    Model *m = NULL;
    size_t len = text ? strlen(text) : 0;
    if (len > 0 && len <= CLIPBOARD_MAX && !(app->clip_text && strcmp(text, app->clip_text) == 0)) {
        ImportResult r = {0};
        DiagList d;
        diag_init(&d, NULL);
        if (import_bytes(text, len, &r, &d) && r.model && r.model->n_nodes > 0) {
            m = r.model;
            r.model = NULL;
            *format = r.format;
        }
        import_result_free(&r);
        diag_free(&d);
    }
    SDL_free(text);
    if (m && layout_needed(m)) layout_layered(m, NODE_W, NODE_H);
    return m;
}

/* The bounds of a model's nodes, board units. */
static void nodes_bounds(const Model *m, double *x0, double *y0, double *x1, double *y1)
{
    *x0 = *y0 = 1e300;
    *x1 = *y1 = -1e300;
    for (int i = 0; i < m->n_nodes; i++) {
        Rect r = node_rect(&m->nodes[i]);
        *x0 = fmin(*x0, r.x);
        *y0 = fmin(*y0, r.y);
        *x1 = fmax(*x1, r.x + r.w);
        *y1 = fmax(*y1, r.y + r.h);
    }
}

/* Where a copy whose nodes span `b` (x0, y0, x1, y1) lands clear of every node on the
 * board (the original included): beside it, then below it, then further out; snapped to
 * the grid. A place in the part of the board in view (`view`, as `b`) comes first, to the
 * left or above as well, so the copy appears where the person is looking. */
static void clear_offset(const Model *m, const double *b, const double *view, double *dx, double *dy)
{
    double x0 = b[0], y0 = b[1], x1 = b[2], y1 = b[3];
    double w = x1 - x0 + 2 * GRID, h = y1 - y0 + 2 * GRID;
    for (int pass = view ? 0 : 1; pass < 2; pass++)
        for (int ring = 1; ring < 40; ring++) {
            double cand[6][2] = {{ring * w, 0}, {0, ring * h},   {ring * w, ring * h},
                                 {-ring * w, 0}, {0, -ring * h}, {-ring * w, ring * h}};
            for (int c = 0; c < (pass == 0 ? 6 : 3); c++) {
                double ox = snap(cand[c][0]), oy = snap(cand[c][1]);
                if (pass == 0 && (x0 + ox < view[0] || y0 + oy < view[1] || x1 + ox > view[2] || y1 + oy > view[3]))
                    continue;
                bool hit = false;
                for (int i = 0; i < m->n_nodes && !hit; i++) {
                    const Node *n = &m->nodes[i];
                    hit = n->x < x1 + ox + GRID && n->x + NODE_W > x0 + ox - GRID && n->y < y1 + oy + GRID &&
                          n->y + NODE_H > y0 + oy - GRID;
                }
                if (!hit) {
                    *dx = ox;
                    *dy = oy;
                    return;
                }
            }
        }
    *dx = *dy = snap(2 * GRID);
}

/* Paste `src` (duplicate: its nodes are the selection's copy) at board point `at`, or
 * clear of the board's nodes in view; the copy is then shown (the camera pans to it). */
static void paste_model(App *app, const Model *src, bool duplicate, const double *at)
{
    Model *m = app->model;
    int notes = src ? copied_notes(src) : 0;
    if (!src || (src->n_nodes == 0 && notes == 0)) {
        app_set_status(app, false, _("Nothing to paste"));
        return;
    }
    double dx, dy, span[4], view[4];
    nodes_bounds(src, &span[0], &span[1], &span[2], &span[3]);
    ann_extend_bounds(src, &span[0], &span[1], &span[2], &span[3]);
    if (at) { /* the copy's top-left corner at the point */
        dx = snap(at[0] - span[0]);
        dy = snap(at[1] - span[1]);
    } else {
        canvas_clear_board(app, &view[0], &view[1], &view[2], &view[3]);
        clear_offset(m, span, app->canvas_rc.w > 0 ? view : NULL, &dx, &dy);
    }
    /* Fresh ids against the model plus the nodes being added. */
    Model *scratch = model_clone(m);
    char **new_ids = xcalloc((size_t)src->n_nodes, sizeof *new_ids);
    Command c;
    int k = src->n_nodes;
    char *label = k == 0 ? (duplicate ? xasprintf(P_("Duplicate %d note", "Duplicate %d notes", notes), notes)
                                      : xasprintf(P_("Paste %d note", "Paste %d notes", notes), notes))
                  : duplicate ? xasprintf(P_("Duplicate %d node", "Duplicate %d nodes", k), k)
                              : xasprintf(P_("Paste %d node", "Paste %d nodes", k), k);
    cmd_init(&c, label);
    for (int i = 0; i < src->n_nodes; i++)
        if (src->nodes[i].kind == NODE_CLIENT) {
            keep_senders(app, &c);
            break;
        }
    for (int i = 0; i < src->n_nodes; i++) {
        Node n;
        node_copy(&n, &src->nodes[i]);
        free(n.id);
        n.id = ids_unique_node_id(scratch, src->nodes[i].id);
        new_ids[i] = xstrdup(n.id);
        n.x += dx;
        n.y += dy;
        model_add_node(scratch, &n);
        cmd_node_insert(&c, m->n_nodes + i, &n);
        node_free(&n);
    }
    int n_e = 0;
    for (int i = 0; i < src->n_edges; i++) {
        Edge e;
        edge_copy(&e, &src->edges[i]);
        int a = model_find_node(src, e.from), b = model_find_node(src, e.to);
        if (a < 0 || b < 0) { /* a diagram from elsewhere may point past its nodes */
            edge_free(&e);
            continue;
        }
        free(e.from);
        free(e.to);
        free(e.id);
        e.id = NULL;
        e.from = xstrdup(new_ids[a]);
        e.to = xstrdup(new_ids[b]);
        cmd_edge_insert(&c, m->n_edges + n_e++, &e);
        edge_free(&e);
    }
    int had = ann_refresh(app);
    if (notes) { /* after the board's own, moved as the nodes are */
        char *meta = annotations_append(m->meta_json, src->meta_json, dx, dy);
        cmd_meta_set(&c, m->meta_json, meta);
        free(meta);
    }
    sel_clear(app);
    app_commit(app, &c);
    for (int i = had; i < ann_refresh(app); i++) app->sel_ann[i] = 1; /* the pasted notes selected with the nodes */
    app_set_status(app, false, "%s", label);
    canvas_show(app, span[0] + dx, span[1] + dy, span[2] + dx, span[3] + dy);
    for (int i = 0; i < src->n_nodes; i++) free(new_ids[i]);
    free(new_ids);
    free(label);
    model_destroy(scratch);
}

/* Paste what the system clipboard holds when it is a diagram from elsewhere, else this
 * window's copy; at the board point `at` (NULL: clear of the board's nodes, in view). */
static void paste(App *app, const double *at)
{
    ImportFormat format = IMPORT_ARCHSIM;
    Model *other = clipboard_diagram(app, &format);
    paste_model(app, other ? other : app->clip, false, at);
    if (other)
        app_set_status(app, false, P_("Pasted %d node from the clipboard (%s)", "Pasted %d nodes from the clipboard (%s)",
                                      other->n_nodes),
                       other->n_nodes, import_format_name(format));
    model_destroy(other);
}

void edit_paste(App *app)
{
    paste(app, NULL);
}

void edit_paste_at(App *app, double bx, double by)
{
    double at[2] = {bx, by};
    paste(app, at);
}

/* The meta text after nodes moved from (x0, y0) to (x1, y1) (per node, board units) in a
 * layout's tidy-up, or NULL when no annotation goes with them. A frame (a shape with a
 * size) around nodes is drawn again around them where they are now, with the margins it
 * had; a text in such a frame moves with the frame's corner. Lines and what surrounds no
 * node stay. */
static char *annotations_follow(const Model *m, const double *x0, const double *y0, const double *x1,
                                const double *y1)
{
    Annotation *a = NULL;
    int n = annotations_read(m->meta_json, &a);
    if (n == 0) return NULL;
    uint8_t *place = xcalloc((size_t)n, 1);
    double *box = xcalloc((size_t)n * 4, sizeof *box);
    bool any = false;
    for (int i = 0; i < n; i++) {
        const Annotation *f = &a[i];
        if (!annotation_is_box(f)) continue;
        double o[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY}, q[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
        for (int k = 0; k < m->n_nodes; k++) {
            if (!annotation_holds(f, x0[k] + NODE_W / 2, y0[k] + NODE_H / 2)) continue;
            o[0] = fmin(o[0], x0[k]), o[1] = fmin(o[1], y0[k]), o[2] = fmax(o[2], x0[k] + NODE_W), o[3] = fmax(o[3], y0[k] + NODE_H);
            q[0] = fmin(q[0], x1[k]), q[1] = fmin(q[1], y1[k]), q[2] = fmax(q[2], x1[k] + NODE_W), q[3] = fmax(q[3], y1[k] + NODE_H);
        }
        if (o[0] > o[2] || (o[0] == q[0] && o[1] == q[1] && o[2] == q[2] && o[3] == q[3])) continue;
        double left = o[0] - f->x, top = o[1] - f->y, right = f->x + f->w - o[2], bottom = f->y + f->h - o[3];
        place[i] = 1;
        box[4 * i] = q[0] - left;
        box[4 * i + 1] = q[1] - top;
        box[4 * i + 2] = q[2] - q[0] + left + right;
        box[4 * i + 3] = q[3] - q[1] + top + bottom;
        any = true;
    }
    for (int i = 0; i < n; i++) { /* a text goes with the smallest frame it was in */
        if (a[i].type != ANN_TEXT) continue;
        int in = -1;
        for (int j = 0; j < n; j++)
            if (place[j] && annotation_is_box(&a[j]) && annotation_holds(&a[j], a[i].x, a[i].y) &&
                (in < 0 || a[j].w * a[j].h < a[in].w * a[in].h))
                in = j;
        if (in < 0) continue;
        place[i] = 1;
        box[4 * i] = a[i].x + box[4 * in] - a[in].x;
        box[4 * i + 1] = a[i].y + box[4 * in + 1] - a[in].y;
        box[4 * i + 2] = a[i].w;
        box[4 * i + 3] = a[i].h;
    }
    char *meta = any ? annotations_place(m->meta_json, place, box, n) : NULL;
    free(place);
    free(box);
    annotations_free(a, n);
    return meta;
}

/* Nodes to new places (now_x, now_y per node; the same place: unmoved), as one undoable
 * step named `label`, the frames around them going along (annotations_follow) and the
 * selection kept; false when nothing moves. */
static bool move_nodes_to(App *app, const double *now_x, const double *now_y, const char *label)
{
    Model *m = app->model;
    Command c;
    cmd_init(&c, label);
    double *was = xmalloc((size_t)m->n_nodes * 2 * sizeof *was + 1);
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *nd = &m->nodes[i];
        was[i] = nd->x;
        was[m->n_nodes + i] = nd->y;
        if (now_x[i] == nd->x && now_y[i] == nd->y) continue;
        Node after;
        node_copy(&after, nd);
        after.x = now_x[i];
        after.y = now_y[i];
        cmd_node_set(&c, i, nd, &after);
        node_free(&after);
    }
    char *meta = c.n_ops ? annotations_follow(m, was, was + m->n_nodes, now_x, now_y) : NULL;
    if (meta) cmd_meta_set(&c, m->meta_json, meta);
    free(meta);
    free(was);
    if (c.n_ops == 0) {
        cmd_free(&c);
        return false;
    }
    uint8_t *sel = xmalloc((size_t)m->n_nodes + 1); /* an edit selects the nodes it sets */
    memcpy(sel, app->sel_node, (size_t)m->n_nodes);
    app_commit(app, &c);
    memcpy(app->sel_node, sel, (size_t)app->model->n_nodes);
    free(sel);
    return true;
}

void edit_tidy(App *app)
{
    Model *m = app->model;
    int n_sel = sel_count_nodes(app);
    bool subset = n_sel >= 2 && n_sel < m->n_nodes; /* the selection alone, the rest where it is */
    if (m->n_nodes < 2) {
        app_set_status(app, false, _("Nothing to tidy up: the board has fewer than two nodes"));
        return;
    }
    /* laid out as a file without positions opens (layout.h), the nodes not selected taken
     * out first, then moved back so its top-left corner stays where it was */
    Model *t = model_clone(m);
    int *orig = xmalloc((size_t)m->n_nodes * sizeof *orig), n = 0; /* t's node k is m's orig[k] */
    for (int i = m->n_nodes - 1; subset && i >= 0; i--)
        if (!app->sel_node[i]) model_remove_node(t, i);
    for (int i = 0; i < m->n_nodes; i++)
        if (!subset || app->sel_node[i]) orig[n++] = i;
    layout_layered(t, NODE_W, NODE_H);
    double ox = INFINITY, oy = INFINITY, nx = INFINITY, ny = INFINITY;
    for (int k = 0; k < n; k++) {
        ox = fmin(ox, m->nodes[orig[k]].x);
        oy = fmin(oy, m->nodes[orig[k]].y);
        nx = fmin(nx, t->nodes[k].x);
        ny = fmin(ny, t->nodes[k].y);
    }
    double sx = snap(ox) - nx, sy = snap(oy) - ny;
    char *label = subset ? xasprintf(P_("Tidy up %d node", "Tidy up %d nodes", n), n) : xstrdup(_("Tidy up the layout"));
    double *now = xmalloc((size_t)m->n_nodes * 2 * sizeof *now + 1), *now_y = now + m->n_nodes;
    for (int i = 0; i < m->n_nodes; i++) {
        now[i] = m->nodes[i].x;
        now_y[i] = m->nodes[i].y;
    }
    for (int k = 0; k < n; k++) {
        now[orig[k]] = t->nodes[k].x + sx;
        now_y[orig[k]] = t->nodes[k].y + sy;
    }
    model_destroy(t);
    bool moved = move_nodes_to(app, now, now_y, label);
    free(now);
    free(label);
    if (!moved) {
        free(orig);
        app_set_status(app, false, _("The layout is tidy already"));
        return;
    }
    bool zoned = false;
    for (int k = 0; k < n && !zoned; k++) zoned = app->model->nodes[orig[k]].zone != NULL;
    if (subset) {
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (int k = 0; k < n; k++) {
            const Node *nd = &app->model->nodes[orig[k]];
            x0 = fmin(x0, nd->x);
            y0 = fmin(y0, nd->y);
            x1 = fmax(x1, nd->x + NODE_W);
            y1 = fmax(y1, nd->y + NODE_H);
        }
        canvas_show(app, x0, y0, x1, y1);
        app_set_status(app, false,
                       P_("Tidied up the %d selected node: calls left to right (Ctrl+Z to undo)",
                          "Tidied up the %d selected nodes: calls left to right (Ctrl+Z to undo)", n),
                       n);
    } else {
        canvas_fit(app);
        app_set_status(app, false, "%s",
                       zoned ? _("Tidied up the layout: calls left to right, each zone in a band (Ctrl+Z to undo)")
                             : _("Tidied up the layout: calls left to right (Ctrl+Z to undo)"));
    }
    free(orig);
}

const char *align_title(AlignHow how)
{
    switch (how) {
    case ALIGN_LEFT: return _("Align left edges");
    case ALIGN_CENTRE: return _("Align centres");
    case ALIGN_RIGHT: return _("Align right edges");
    case ALIGN_TOP: return _("Align top edges");
    case ALIGN_MIDDLE: return _("Align middles");
    case ALIGN_BOTTOM: return _("Align bottom edges");
    case ALIGN_SPREAD_X: return _("Distribute horizontally");
    case ALIGN_SPREAD_Y: return _("Distribute vertically");
    default: return "";
    }
}

bool align_possible(const App *app, AlignHow how)
{
    int n = sel_count_nodes(app);
    return how >= ALIGN_SPREAD_X ? n >= 3 : n >= 2;
}

typedef struct Placed {
    int node;
    double at; /* x or y, what the distribution sorts by */
} Placed;

static int placed_cmp(const void *a, const void *b)
{
    const Placed *p = a, *q = b;
    if (p->at != q->at) return p->at < q->at ? -1 : 1;
    return p->node - q->node; /* nodes at one place keep the model's order */
}

void edit_align(App *app, AlignHow how)
{
    Model *m = app->model;
    if (!align_possible(app, how)) {
        app_set_status(app, false, "%s",
                       how >= ALIGN_SPREAD_X ? _("Select three nodes or more to distribute them")
                                             : _("Select two nodes or more to align them"));
        return;
    }
    bool vertical = how == ALIGN_TOP || how == ALIGN_MIDDLE || how == ALIGN_BOTTOM || how == ALIGN_SPREAD_Y;
    Placed *p = xmalloc((size_t)m->n_nodes * sizeof *p);
    int n = 0;
    double lo = INFINITY, hi = -INFINITY; /* the selection's box on the axis that moves */
    for (int i = 0; i < m->n_nodes; i++) {
        if (!app->sel_node[i]) continue;
        double at = vertical ? m->nodes[i].y : m->nodes[i].x;
        p[n++] = (Placed){i, at};
        lo = fmin(lo, at);
        hi = fmax(hi, at);
    }
    /* every node has one size, so an edge or centre line is one position for all */
    double to = how == ALIGN_LEFT || how == ALIGN_TOP ? lo
                : how == ALIGN_RIGHT || how == ALIGN_BOTTOM ? hi
                                                            : round((lo + hi) / 2);
    if (how >= ALIGN_SPREAD_X) qsort(p, (size_t)n, sizeof *p, placed_cmp);
    char *count = xasprintf(P_("%d node", "%d nodes", n), n);
    char *label = xasprintf("%s: %s", align_title(how), count); /* "Align left edges: 3 nodes" */
    free(count);
    double *now = xmalloc((size_t)m->n_nodes * 2 * sizeof *now + 1), *now_y = now + m->n_nodes;
    for (int i = 0; i < m->n_nodes; i++) {
        now[i] = m->nodes[i].x;
        now_y[i] = m->nodes[i].y;
    }
    for (int k = 0; k < n; k++) {
        double v = how >= ALIGN_SPREAD_X ? round(lo + (hi - lo) * k / (n - 1)) : to;
        if (vertical) now_y[p[k].node] = v;
        else now[p[k].node] = v;
    }
    free(p);
    bool moved = move_nodes_to(app, now, now_y, label);
    free(now);
    if (!moved) {
        app_set_status(app, false, how >= ALIGN_SPREAD_X ? _("The selected nodes are evenly spaced already")
                                                        : _("The selected nodes are aligned already"));
        free(label);
        return;
    }
    app_set_status(app, false, _("%s (Ctrl+Z to undo)"), label);
    free(label);
}

void edit_duplicate(App *app)
{
    if (sel_count_nodes(app) == 0 && ann_count_selected(app) == 0) {
        app_set_status(app, false, _("Select nodes to duplicate"));
        return;
    }
    Model *tmp = copy_selection(app);
    paste_model(app, tmp, true, NULL);
    model_destroy(tmp);
}

void edit_select_all(App *app)
{
    for (int i = 0; i < app->model->n_nodes; i++) app->sel_node[i] = 1;
    for (int i = 0; i < app->model->n_edges; i++) app->sel_edge[i] = 1;
    for (int i = 0; i < ann_refresh(app); i++) app->sel_ann[i] = 1;
}

void edit_set_node(App *app, int i, const Node *after, const char *label)
{
    Command c;
    cmd_init(&c, label);
    if (after->kind == NODE_CLIENT && app->model->nodes[i].kind != NODE_CLIENT) keep_senders(app, &c);
    cmd_node_set(&c, i, &app->model->nodes[i], after);
    app_commit(app, &c);
}

void edit_set_edge(App *app, int i, const Edge *after, const char *label)
{
    Command c;
    cmd_init(&c, label);
    cmd_edge_set(&c, i, &app->model->edges[i], after);
    app_commit(app, &c);
}

bool edit_rename(App *app, bool edge, int i, const char *text, const char *what)
{
    Model *m = app->model;
    if (i < 0 || i >= (edge ? m->n_edges : m->n_nodes)) return false;
    /* What is shown is what changes: the label, or its translation in the app's language. */
    Model *after = model_clone(m);
    if (!model_set_label_shown(after, edge, i, app->lang, text)) {
        model_destroy(after);
        return true;
    }
    /* A node's id follows its English label while it is the id the app made from the
     * label before ("service", "service_2" of a placed Service, or of a Сервис placed in
     * Russian): renamed Channels, it is "channels", so an event, a file and a report name
     * it as the board does. An id given by hand, or a preset's, stays; so does the id of a
     * node whose label is translated. */
    const char *was = edge ? NULL : m->nodes[i].label, *now = edge ? NULL : after->nodes[i].label;
    if (was && now && strcmp(was, now) != 0 &&
        (ids_made_from(m->nodes[i].id, was) || ids_placed_as(m->nodes[i].id, was, m->nodes[i].kind))) {
        char slug[64];
        ids_slug(now, slug, sizeof slug);
        if (ids_has_word(now) && strcmp(slug, m->nodes[i].id) != 0 && !ids_made_from(m->nodes[i].id, now)) {
            char *id = ids_unique_node_id(after, now);
            model_rename_node(after, i, id);
            free(id);
        }
    }
    bool new_id = !edge && strcmp(m->nodes[i].id, after->nodes[i].id) != 0;
    if (new_id) app_note_id_change(app, m->nodes[i].id, after->nodes[i].id);
    char *step = what      ? xstrdup(what)
                 : new_id ? xasprintf(_("Rename to %s (id %s)"), node_label_shown(&after->nodes[i]), after->nodes[i].id)
                          : xasprintf(_("Rename to %s"), edge ? edge_label_shown(&after->edges[i]) : node_label_shown(&after->nodes[i]));
    Command c;
    cmd_init(&c, step);
    cmd_model_diff(&c, m, after);
    app_commit(app, &c);
    sel_clear(app);
    (edge ? app->sel_edge : app->sel_node)[i] = 1; /* the same element, still selected */
    if (!what) app_set_status(app, false, "%s", step);
    free(step);
    model_destroy(after);
    return true;
}

bool edit_set_node_id(App *app, int i, const char *id)
{
    Model *m = app->model;
    const Node *n = &m->nodes[i];
    if (strcmp(n->id, id) == 0) return true;
    if (!ids_valid(id)) {
        app_set_status(app, true, _("An id uses letters, digits, '_', '-' or '.', and is not empty"));
        return false;
    }
    if (model_find_node(m, id) >= 0) {
        app_set_status(app, true, _("The id \"%s\" is taken by another node"), id);
        return false;
    }
    /* Edges, request types (their client) and events follow the id; so do the shown
     * results, which keep the id the run had. */
    app_note_id_change(app, n->id, id);
    Model *after = model_clone(m);
    model_rename_node(after, i, id);
    Command c;
    char *label = xasprintf(_("Change id %s \xE2\x86\x92 %s"), n->id, id);
    cmd_init(&c, label);
    cmd_model_diff(&c, m, after);
    app_commit(app, &c);
    sel_clear(app);
    app->sel_node[i] = 1; /* the same node, still selected */
    app_set_status(app, false, "%s", label);
    free(label);
    model_destroy(after);
    return true;
}
