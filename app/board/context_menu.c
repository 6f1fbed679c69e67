/*
 * context_menu.c - the right-click menu of the board: on a node (rename, duplicate,
 * delete, show the path of a request type through it), on an edge (the request types it
 * carries, delete, show a path), on the board (add a node of any kind here, paste here,
 * show a path, fit, tidy up the layout, find a node); with two nodes or more selected, align
 * or distribute them. Opened by canvas.c on a right click; drawn on the popup layer; a
 * click outside or Escape closes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/util.h"

void ctx_menu_open(App *app, float sx, float sy, int node, int edge, double bx, double by)
{
    app->ctx.open = true;
    app->ctx.x = sx;
    app->ctx.y = sy;
    app->ctx.node = node;
    app->ctx.edge = edge;
    app->ctx.bx = bx;
    app->ctx.by = by;
    app->ctx.sub = 0;
    app->ctx.just_opened = true;
    /* The right-clicked thing becomes the selection, as in every editor. */
    if (node >= 0 && !app->sel_node[node]) {
        sel_clear(app);
        app->sel_node[node] = 1;
    } else if (edge >= 0 && !app->sel_edge[edge]) {
        sel_clear(app);
        app->sel_edge[edge] = 1;
    }
    app->needs_frame = true;
}

typedef enum CtxAction {
    CA_NONE,
    CA_RENAME,
    CA_DUPLICATE,
    CA_DELETE,
    CA_EDIT,
    CA_PATH,      /* opens the list of request types */
    CA_PATH_OFF,
    CA_ADD,       /* opens the list of kinds */
    CA_PASTE,
    CA_FIT,
    CA_FIT_SEL,   /* the view to the selection */
    CA_TIDY,
    CA_FIND,
    CA_SCENARIO,
    CA_ALIGN,     /* opens the list of alignments (two nodes or more selected) */
    CA_NOTE,      /* a text note where the menu was opened */
    CA_FRAME,     /* a frame around the selected nodes */
} CtxAction;

typedef struct CtxItem {
    const char *label;
    CtxAction action;
    bool enabled;
} CtxItem;

static int items_for(App *app, CtxItem *it)
{
    int n = 0;
    bool types = app->model->scenario.n_requests > 0;
    if (app->ctx.node >= 0) {
        it[n++] = (CtxItem){_("Rename"), CA_RENAME, true};
        it[n++] = (CtxItem){_("Edit its numbers"), CA_EDIT, true};
        it[n++] = (CtxItem){_("Duplicate"), CA_DUPLICATE, true};
        it[n++] = (CtxItem){_("Show path of\xE2\x80\xA6"), CA_PATH, types};
        if (sel_count_nodes(app) >= 2) it[n++] = (CtxItem){_("Align or distribute\xE2\x80\xA6"), CA_ALIGN, true};
        it[n++] = (CtxItem){_("Frame the selection"), CA_FRAME, true};
        it[n++] = (CtxItem){_("Delete"), CA_DELETE, true};
    } else if (app->ctx.edge >= 0) {
        it[n++] = (CtxItem){_("Edit (request types, latency, retries)"), CA_EDIT, true};
        it[n++] = (CtxItem){_("Show path of\xE2\x80\xA6"), CA_PATH, types};
        it[n++] = (CtxItem){_("Delete"), CA_DELETE, true};
    } else {
        it[n++] = (CtxItem){_("Add a node here\xE2\x80\xA6"), CA_ADD, true};
        it[n++] = (CtxItem){_("Add a note here"), CA_NOTE, true};
        it[n++] = (CtxItem){_("Paste here"), CA_PASTE, (app->clip && app->clip->n_nodes > 0) || SDL_HasClipboardText()};
        it[n++] = (CtxItem){_("Show path of\xE2\x80\xA6"), CA_PATH, types};
        it[n++] = (CtxItem){_("Edit the scenario"), CA_SCENARIO, true};
        it[n++] = (CtxItem){_("Fit the diagram"), CA_FIT, app->model->n_nodes > 0};
        if (sel_count_nodes(app) + sel_count_edges(app) > 0) it[n++] = (CtxItem){_("Fit the selection"), CA_FIT_SEL, true};
        it[n++] = (CtxItem){sel_count_nodes(app) >= 2 && sel_count_nodes(app) < app->model->n_nodes
                                ? _("Tidy up the selection")
                                : _("Tidy up the layout"),
                            CA_TIDY, app->model->n_nodes > 1};
        if (sel_count_nodes(app) >= 2) it[n++] = (CtxItem){_("Align or distribute\xE2\x80\xA6"), CA_ALIGN, true};
        if (sel_count_nodes(app) >= 1) it[n++] = (CtxItem){_("Frame the selection"), CA_FRAME, true};
        it[n++] = (CtxItem){_("Find a node\xE2\x80\xA6"), CA_FIND, app->model->n_nodes > 0};
    }
    if (app->path_type >= 0) it[n++] = (CtxItem){_("Hide the path"), CA_PATH_OFF, true};
    return n;
}

static void run_action(App *app, CtxAction a)
{
    int node = app->ctx.node;
    switch (a) {
    case CA_RENAME:
        if (node >= 0 && node < app->model->n_nodes) {
            const Node *n = &app->model->nodes[node];
            app->rename_node = node;
            app->rename_id = ui_idn("rename", node);
            ui_focus(&app->ui, app->rename_id, node_label_shown(n));
            app->ui.focus_rect = rect_make(0, 0, 0, 0);
        }
        break;
    case CA_DUPLICATE: edit_duplicate(app); break;
    case CA_DELETE: edit_delete_selection(app); break;
    case CA_EDIT:
        app->insp_scroll = 0;
        break; /* the selection shows in the inspector */
    case CA_PATH_OFF: paths_show(app, -1); break;
    case CA_PASTE: edit_paste_at(app, app->ctx.bx, app->ctx.by); break;
    case CA_FIT: canvas_fit(app); break;
    case CA_FIT_SEL: canvas_fit_selection(app); break;
    case CA_NOTE: edit_add_note(app, app->ctx.bx, app->ctx.by); break;
    case CA_FRAME: edit_frame_selection(app); break;
    case CA_TIDY: edit_tidy(app); break;
    case CA_FIND: find_open(app); break;
    case CA_SCENARIO: scenario_panel_goto(app, "requests", -1, NULL); break;
    default: break;
    }
}

void ctx_menu_update(App *app)
{
    if (!app->ctx.open) return;
    Ui *ui = &app->ui;
    if (app->modal != MODAL_NONE) {
        app->ctx.open = false;
        return;
    }
    CtxItem items[16];
    int n = items_for(app, items);
    const Model *m = app->model;
    /* A second level: request types, or node kinds. */
    const char *sub[NODE_KIND_COUNT + 64];
    int n_sub = 0;
    if (app->ctx.sub == CA_PATH)
        for (int k = 0; k < m->scenario.n_requests && n_sub < 64; k++) sub[n_sub++] = m->scenario.requests[k].name;
    if (app->ctx.sub == CA_ADD)
        for (int k = 0; k < NODE_KIND_COUNT; k++) sub[n_sub++] = kind_title((NodeKind)k);
    if (app->ctx.sub == CA_ALIGN) /* distributing takes three: listed only then */
        for (int k = 0; k < ALIGN_COUNT; k++)
            if (align_possible(app, (AlignHow)k)) sub[n_sub++] = align_title((AlignHow)k);
    int saved_layer = ui->layer;
    ui_set_layer(ui, UI_POPUP);
    ui->top_layer_next = ui->top_layer_next > UI_POPUP ? ui->top_layer_next : UI_POPUP;
    float ih = 26, w = 0;
    for (int k = 0; k < n; k++) w = fmaxf(w, render_text_width(app->r, FONT_REGULAR, theme.ui_font, items[k].label));
    w += 32;
    Rect pr = {app->ctx.x, app->ctx.y, w, ih * (float)n + 8};
    if (pr.x + pr.w > app->win_w - 4) pr.x = app->win_w - 4 - pr.w;
    if (pr.y + pr.h > app->win_h - 4) pr.y = app->win_h - 4 - pr.h;
    Rect sr = {0, 0, 0, 0};
    if (n_sub) {
        float sw = 0;
        for (int k = 0; k < n_sub; k++) sw = fmaxf(sw, render_text_width(app->r, FONT_REGULAR, theme.ui_font, sub[k]));
        sr = rect_make(pr.x + pr.w + 2, pr.y, sw + 32, ih * (float)n_sub + 8);
        if (sr.x + sr.w > app->win_w - 4) sr.x = pr.x - sr.w - 2;
        if (sr.y + sr.h > app->win_h - 4) sr.y = app->win_h - 4 - sr.h;
    }
    UiInput *in = &ui->in;
    bool inside = rect_contains(pr, in->mx, in->my) || (n_sub && rect_contains(sr, in->mx, in->my));
    if (!app->ctx.just_opened && (in->pressed[UI_MOUSE_LEFT] || in->pressed[UI_MOUSE_RIGHT]) && !inside) {
        app->ctx.open = false; /* a click elsewhere closes it */
        ui_set_layer(ui, (UiLayer)saved_layer);
        return;
    }
    app->ctx.just_opened = false;
    if (ui_key(ui, SDLK_ESCAPE, 0)) {
        app->ctx.open = false;
        ui_set_layer(ui, (UiLayer)saved_layer);
        return;
    }
    ui_shadow(ui, pr, 6);
    ui_rrect(ui, pr, 6, theme.panel);
    ui_rrect_line(ui, pr, 6, 1, theme.border_strong);
    CtxAction chosen = CA_NONE;
    for (int k = 0; k < n; k++) {
        Rect ir = {pr.x + 4, pr.y + 4 + ih * (float)k, pr.w - 8, ih};
        bool hot = items[k].enabled && rect_contains(ir, in->mx, in->my);
        bool opened = app->ctx.sub == (int)items[k].action &&
                      (items[k].action == CA_PATH || items[k].action == CA_ADD || items[k].action == CA_ALIGN);
        if (hot || opened) ui_rrect(ui, ir, 4, theme.accent_soft);
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(ir.x + 10, ir.y, ir.w - 20, ir.h), 0, items[k].label,
                   items[k].enabled ? (items[k].action == CA_DELETE ? theme.danger : theme.text) : theme.text_faint);
        if (ui_button(ui, ui_idn("ctx-item", k), ir, "", UI_INVISIBLE | (items[k].enabled ? 0 : UI_DISABLED)))
            chosen = items[k].action;
    }
    int sub_pick = -1;
    if (n_sub) {
        ui_shadow(ui, sr, 6);
        ui_rrect(ui, sr, 6, theme.panel);
        ui_rrect_line(ui, sr, 6, 1, theme.border_strong);
        for (int k = 0; k < n_sub; k++) {
            Rect ir = {sr.x + 4, sr.y + 4 + ih * (float)k, sr.w - 8, ih};
            if (rect_contains(ir, in->mx, in->my)) ui_rrect(ui, ir, 4, theme.accent_soft);
            bool on = app->ctx.sub == CA_PATH && app->path_type == k;
            ui_text_in(ui, on ? FONT_BOLD : FONT_REGULAR, theme.ui_font, rect_make(ir.x + 10, ir.y, ir.w - 20, ir.h), 0,
                       sub[k], theme.text);
            if (ui_button(ui, ui_idn("ctx-sub", k), ir, "", UI_INVISIBLE)) sub_pick = k;
        }
    }
    ui_set_layer(ui, (UiLayer)saved_layer);
    if (chosen == CA_PATH || chosen == CA_ADD || chosen == CA_ALIGN) {
        app->ctx.sub = app->ctx.sub == (int)chosen ? 0 : (int)chosen;
    } else if (chosen != CA_NONE) {
        app->ctx.open = false;
        run_action(app, chosen);
    } else if (sub_pick >= 0) {
        app->ctx.open = false;
        if (app->ctx.sub == CA_PATH) paths_show(app, sub_pick);
        else if (app->ctx.sub == CA_ALIGN) edit_align(app, (AlignHow)sub_pick); /* listed in order, from the first */
        else edit_place_node(app, (NodeKind)sub_pick, app->ctx.bx - NODE_W / 2, app->ctx.by - NODE_H / 2);
    }
    app->needs_frame = true;
}
