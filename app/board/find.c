/*
 * find.c - Find a node (Ctrl+F, or the board's right-click menu): a search field over the
 * board's top edge, beside "Show path of"; the nodes whose label (as the board shows it)
 * or id holds what is typed, letters in either case, listed under it. Up and Down move
 * through the list, Enter or a click selects the node and brings it into view, Escape
 * (or a click elsewhere) closes it. On a board of hundreds of nodes (an import, a large
 * design) the node you mean is a few letters away.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "sim/look.h"
#include "sim/tr.h"
#include "sim/util.h"

#define FIND_ROWS 8 /* matches listed at once */

void find_open(App *app)
{
    app->find_on = true;
    app->find_text[0] = 0;
    app->find_hl = 0;
    ui_focus(&app->ui, ui_id("find"), "");
    app->needs_frame = true;
}

/* The nodes matching `text`, in board order, at most `max`; returns how many match in all. */
static int matches(const App *app, const char *text, int *out, int max)
{
    int n = 0;
    for (int i = 0; i < app->model->n_nodes; i++) {
        const Node *nd = &app->model->nodes[i];
        if (!text[0] || !(utf8_contains_fold(node_label_shown(nd), text) || utf8_contains_fold(nd->id, text))) continue;
        if (n < max) out[n] = i;
        n++;
    }
    return n;
}

static void pick(App *app, int i)
{
    const Node *nd = &app->model->nodes[i];
    sel_clear(app);
    app->sel_node[i] = 1;
    canvas_show(app, nd->x, nd->y, nd->x + NODE_W, nd->y + NODE_H);
    app_set_status(app, false, _("Found %s (id %s)"), node_label_shown(nd), nd->id);
    app->find_on = false;
    app->ui.focus = 0;
}

void find_update(App *app)
{
    if (!app->find_on) return;
    if (app->modal != MODAL_NONE || app->model->n_nodes == 0) {
        app->find_on = false;
        return;
    }
    Ui *ui = &app->ui;
    UiId id = ui_id("find");
    /* beside the "Show path of" picker, or where it would be */
    Rect pr[2];
    float x = app->canvas_rc.x + 12;
    if (paths_control_rects(app, pr) > 0) x = pr[0].x + pr[0].w + 8;
    float w = fminf(280, app->canvas_rc.x + app->canvas_rc.w - 12 - x);
    Rect rc = {x, app->canvas_rc.y + 12, w, 28};
    const char *typed = ui_editing(ui, id);
    snprintf(app->find_text, sizeof app->find_text, "%s", typed ? typed : app->find_text);
    int found[FIND_ROWS];
    int total = matches(app, app->find_text, found, FIND_ROWS);
    int shown = total < FIND_ROWS ? total : FIND_ROWS;
    if (app->find_hl >= shown) app->find_hl = shown > 0 ? shown - 1 : 0;
    /* the list's keys before the field's: Up and Down move, Enter picks */
    if (ui_key(ui, SDLK_DOWN, 0) && shown > 0) app->find_hl = (app->find_hl + 1) % shown;
    if (ui_key(ui, SDLK_UP, 0) && shown > 0) app->find_hl = (app->find_hl + shown - 1) % shown;
    char out[128];
    UiTextResult r = ui_textbox(ui, id, rc, app->find_text, out, sizeof out, 0);
    if (r == UI_TEXT_CANCEL || (r == UI_TEXT_SUBMIT && !ui->submit_enter)) { /* Escape, or a click elsewhere */
        app->find_on = false;
        return;
    }
    if (r == UI_TEXT_SUBMIT) {
        if (shown > 0) pick(app, found[app->find_hl]);
        else {
            app_set_status(app, true, _("No node is named \xE2\x80\x9C%s\xE2\x80\x9D"), out);
            ui_focus(ui, id, out); /* keep typing */
        }
        return;
    }
    if (!app->find_text[0]) { /* what to do, in the empty field */
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(rc.x + 8, rc.y, rc.w - 16, rc.h), 0,
                   _("Find a node: type its name or id"), theme.text_faint);
        return;
    }
    /* the matches, under the field, over the board */
    int saved = ui->layer;
    ui->layer = UI_POPUP;
    float ih = 38;
    Rect lr = {rc.x, rc.y + rc.h + 2, rc.w, (shown > 0 ? ih * (float)shown : 26) + 8 + (total > shown ? 22 : 0)};
    ui_shadow(ui, lr, 6);
    ui_rrect(ui, lr, 6, theme.panel);
    ui_rrect_line(ui, lr, 6, 1, theme.border_strong);
    if (shown == 0)
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(lr.x + 10, lr.y + 4, lr.w - 20, 26), 0,
                   _("No node's name or id holds that"), theme.text_faint);
    for (int k = 0; k < shown; k++) {
        const Node *nd = &app->model->nodes[found[k]];
        Rect ir = {lr.x + 4, lr.y + 4 + ih * (float)k, lr.w - 8, ih};
        bool h = rect_contains(ir, ui->in.mx, ui->in.my);
        if (h) ui->hot_next = id; /* the board under the list sees no mouse */
        if (h && ui->in.moved) app->find_hl = k;
        if (k == app->find_hl) ui_rrect(ui, ir, 4, theme.accent_soft);
        ui_kind_icon(ui, nd->kind, rect_make(ir.x + 8, ir.y + 11, 16, 16), kind_color(nd->kind));
        ui_text_fit(ui, FONT_BOLD, theme.ui_font, ir.x + 32, ir.y + 3, node_label_shown(nd), ir.w - 40, theme.text);
        char sub[200];
        snprintf(sub, sizeof sub, _("%s \xC2\xB7 id %s"), _(look_kind_title(nd->kind)), nd->id);
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, ir.x + 32, ir.y + 20, sub, ir.w - 40, theme.text_dim);
        if (h && ui->in.pressed[UI_MOUSE_LEFT]) {
            ui->in.pressed[UI_MOUSE_LEFT] = false;
            ui->layer = saved;
            pick(app, found[k]);
            return;
        }
    }
    if (total > shown) {
        char more[120];
        snprintf(more, sizeof more, P_("and %d more: type more of the name", "and %d more: type more of the name",
                                       total - shown),
                 total - shown);
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(lr.x + 12, lr.y + lr.h - 26, lr.w - 24, 20), 0, more,
                   theme.text_faint);
    }
    ui->layer = saved;
}
