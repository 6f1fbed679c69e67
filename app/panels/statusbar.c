/*
 * statusbar.c - the bottom line: file name, saved state, counts, zoom, the last
 * message (errors in red) and the way to the shortcuts.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"

void statusbar_update(App *app)
{
    Ui *ui = &app->ui;
    Rect rc = app->status_rc;
    ui_rect(ui, rc, theme.panel_alt);
    ui_rect(ui, rect_make(rc.x, rc.y, rc.w, 1), theme.border);
    const char *name = app->path ? strrchr(app->path, '/') : NULL;
    name = name ? name + 1 : (app->path ? app->path : _("untitled"));
    int errors = diag_errors(&app->problems), n = app->problems.n_items;
    char p[64] = "";
    int k = errors ? errors : n;
    if (n > 0 && errors) snprintf(p, sizeof p, P_("%d problem", "%d problems", k), k);
    else if (n > 0) snprintf(p, sizeof p, P_("%d warning", "%d warnings", k), k);
    float pw = n > 0 ? render_text_width(app->r, FONT_BOLD, theme.small_font, p) + 30 : 0;
    const char *help = _("F1 shortcuts");
    float hw = render_text_width(app->r, FONT_REGULAR, theme.small_font, help) + 16;
    Rect hr = {rc.w - hw - 8, rc.y + 3, hw, rc.h - 6};
    FontId msg_font = app->msg_error ? FONT_BOLD : FONT_REGULAR;
    float msg_w = app->msg[0] ? render_text_width(app->r, msg_font, theme.small_font, app->msg) : 0;

    /* A message longer than the room it leaves: the zoom gives way (the zoom bar shows
     * it), then the counts (the Scenario panel's head has them). */
    char left[600], nodes[80], edges[80];
    const char *saved = app_dirty(app) ? _("unsaved changes") : app->path ? _("saved") : _("not saved yet");
    snprintf(nodes, sizeof nodes, P_("%d node", "%d nodes", app->model->n_nodes), app->model->n_nodes);
    snprintf(edges, sizeof edges, P_("%d edge", "%d edges", app->model->n_edges), app->model->n_edges);
    snprintf(left, sizeof left, _("%s \xC2\xB7 %s \xC2\xB7 %s, %s \xC2\xB7 zoom %d%%"), name, saved, nodes, edges,
             (int)(app->cam.zoom * 100 + 0.5));
    float room = hr.x - 12 - msg_w - (n > 0 ? pw + 12 : 0) - 16 - 12; /* for the left part */
    if (render_text_width(app->r, FONT_REGULAR, theme.small_font, left) > room)
        snprintf(left, sizeof left, _("%s \xC2\xB7 %s \xC2\xB7 %s, %s"), name, saved, nodes, edges);
    if (render_text_width(app->r, FONT_REGULAR, theme.small_font, left) > room)
        snprintf(left, sizeof left, "%s \xC2\xB7 %s", name, saved);
    float lw = render_text_width(app->r, FONT_REGULAR, theme.small_font, left);
    ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(12, rc.y, lw + 2, rc.h), 0, left, theme.text_dim);
    float x = 12 + lw + 16;
    if (n > 0) {
        Rect pr = {x, rc.y + 3, pw, rc.h - 6};
        if (ui_button(ui, ui_id("sb-problems"), pr, "", UI_FLAT)) {
            /* The Scenario panel lists them near its top, each a link to its place. */
            sel_clear(app);
            app->insp_scroll = 0;
        }
        Color c = errors ? theme.danger : theme.warning;
        ui_icon(ui, ICON_WARNING, rect_make(pr.x + 6, pr.y + 4, 13, 12), c);
        ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(pr.x + 24, pr.y, pw - 24, pr.h), 0, p, c);
        x += pw + 12;
    }
    if (ui_button(ui, ui_id("sb-help"), hr, "", UI_FLAT)) help_open(app);
    ui_text_in(ui, FONT_REGULAR, theme.small_font, hr, 1, help, theme.text_dim);
    if (app->msg[0]) {
        Rect mr = {x, rc.y, hr.x - x - 12, rc.h};
        ui_text_in(ui, msg_font, theme.small_font, mr, 0, app->msg, app->msg_error ? theme.danger : theme.text);
    }
}
