/*
 * palette.c - the left panel: one row per node kind of the format. Drag a row onto
 * the board to place that kind there; a click places it in the middle of the view.
 */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "panel.h"

/* A free spot near the middle of the view for a node placed by click, in the order a
 * design is drawn: down the middle column from the middle, then down the columns to its
 * right and left (200 board units apart), then the same columns above the middle; only
 * where the node shows whole, clear of the controls at the view's top and bottom (the
 * path menu, the legend, the zoom). A view with no such spot: further and further below
 * the middle. */
static void free_spot(App *app, double *x, double *y)
{
    Rect v = app->canvas_rc;
    Rect seen = {v.x + 8, v.y + 48, v.w - 16, v.h - 48 - 64};
    double bx, by;
    cam_to_board(&app->cam, v, v.x + v.w / 2, v.y + v.h / 2, &bx, &by);
    bx -= NODE_W / 2;
    by -= NODE_H / 2;
    for (int dir = 1; dir >= -1; dir -= 2)
        for (int c = 0; c < 13; c++) {
            double cx = bx + 200.0 * (c % 2 ? (c + 1) / 2 : -(c / 2)); /* 0, +1, -1, +2, -2 ... */
            for (int r = dir > 0 ? 0 : 1; r < 40; r++) {
                double cy = by + 80.0 * r * dir;
                Vec2 a = cam_to_screen(&app->cam, v, cx, cy), b = cam_to_screen(&app->cam, v, cx + NODE_W, cy + NODE_H);
                if (a.x < seen.x || b.x > seen.x + seen.w || a.y < seen.y || b.y > seen.y + seen.h) break;
                if (board_spot_free(app->model, cx, cy)) {
                    *x = cx;
                    *y = cy;
                    return;
                }
            }
        }
    for (int r = 0;; r++) /* a crowded view */
        if (board_spot_free(app->model, bx, by + 80.0 * r) || r > 10000) {
            *x = bx;
            *y = by + 80.0 * r;
            return;
        }
}

/* What each kind models, for a newcomer who rests the mouse on its row. */
static const char *const kind_about[NODE_KIND_COUNT] = {
    N_("Where requests come from: users, browsers, other systems. The scenario's traffic says how many; drag its "
       "handle to what it calls first."),
    N_("Spreads the requests over the nodes it points to (round robin, random or least outstanding) and adds little "
       "time of its own."),
    N_("Your code on servers: instances x workers serve the requests, each taking its service time, and call what "
       "its edges point to."),
    N_("Answers reads from memory: a hit answers at once, a miss goes on to what it points to (a database)."),
    N_("A cache near the users for files (images, scripts, video): most requests never reach your servers."),
    N_("Holds messages until its consumers take them, at their own pace (Kafka, RabbitMQ, SQS): the sender does not "
       "wait for the work."),
    N_("Keeps the data: shards, read replicas and a pool of connections per server; writes go to the primary, reads "
       "to the replicas when it has some."),
    N_("Files and blobs of any size (S3): tens of milliseconds a request, however much it holds."),
    N_("A service someone else runs (payments, email, maps): it answers in its own time, and you call it rather than "
       "size it.")};

/* The tooltip of the palette row the mouse has rested on a moment, right of the palette. */
static void palette_tip(App *app, int k)
{
    if (k != app->palette_tip) app->palette_tip_since = SDL_GetTicks();
    app->palette_tip = k;
    if (k < 0 || SDL_GetTicks() - app->palette_tip_since < 450 || app->ui.top_layer != UI_BASE) return;
    Ui *ui = &app->ui;
    Rect item = app->palette_items[k];
    float tw = 300;
    float lh = render_line_height(app->r, FONT_REGULAR, theme.small_font);
    int lines = panel_count_lines(app->r, _(kind_about[k]), tw - 20, 6);
    Rect box = {app->palette_rc.x + app->palette_rc.w + 6, item.y, tw, (float)lines * lh + 14};
    ui_set_layer(ui, UI_POPUP);
    ui_shadow(ui, box, 6);
    ui_rrect(ui, box, 6, hex(0x1F2937));
    Panel tp = {app, ui, box, box.x + 10, box.y + 7, tw - 20, 0, ""};
    panel_note_n(&tp, _(kind_about[k]), hex(0xF9FAFB), 6);
    ui_set_layer(ui, UI_BASE);
}

void palette_update(App *app)
{
    Ui *ui = &app->ui;
    Rect rc = app->palette_rc;
    ui_rect(ui, rc, theme.panel);
    ui_rect(ui, rect_make(rc.x + rc.w - 1, rc.y, 1, rc.h), theme.border);
    float x = rc.x + 10, w = rc.w - 20, y = rc.y + 16;
    ui_text(ui, FONT_BOLD, theme.small_font, x + 6, y, _("COMPONENTS"), theme.text_faint);
    y += 26;
    int tip = -1;
    for (int k = 0; k < NODE_KIND_COUNT; k++) {
        Rect item = {x, y, w, 36};
        app->palette_items[k] = item;
        UiId id = ui_idn("palette", k);
        bool over = ui_hover(ui, item);
        if (over) ui->hot_next = id;
        if (over && app->drag == DRAG_NONE) tip = k;
        if (over && ui->in.pressed[UI_MOUSE_LEFT] && app->drag == DRAG_NONE) {
            app->drag = DRAG_PLACE;
            app->place_kind = (NodeKind)k;
            app->drag_x0 = ui->in.mx;
            app->drag_y0 = ui->in.my;
        }
        bool dragging = app->drag == DRAG_PLACE && app->place_kind == (NodeKind)k;
        ui_rrect(ui, item, 6, dragging ? theme.accent_soft : (over ? theme.button_hover : theme.panel));
        ui_rrect_line(ui, item, 6, 1, dragging ? tint(theme.accent, 0.5f) : theme.border);
        Color kc = kind_color((NodeKind)k);
        Rect tile = {item.x + 8, item.y + 7, 22, 22};
        ui_rrect(ui, tile, 5, kc);
        ui_kind_icon(ui, k, rect_inset(tile, 3), theme.text_on_accent);
        /* the kind's name, or the shorter one a placed node gets where it would be cut
           ("Балансер" for "Балансувальник", "Хранилище" for "Объектное хранилище") */
        const char *name = kind_title((NodeKind)k);
        if (render_text_width(app->r, FONT_REGULAR, theme.ui_font, name) > item.w - 44) name = kind_label((NodeKind)k);
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(item.x + 40, item.y, item.w - 44, item.h), 0, name,
                   theme.text);
        /* Released where it was pressed: a click places the node mid-view. */
        if (dragging && ui->in.released[UI_MOUSE_LEFT] && rect_contains(item, ui->in.mx, ui->in.my)) {
            double px, py;
            free_spot(app, &px, &py);
            edit_place_node(app, (NodeKind)k, px, py);
            app->drag = DRAG_NONE;
        }
        y += 42;
    }
    palette_tip(app, tip);
    if (app->drag == DRAG_PLACE && ui->in.released[UI_MOUSE_LEFT] &&
        !rect_contains(app->canvas_rc, ui->in.mx, ui->in.my))
        app->drag = DRAG_NONE;
    y += 8;
    ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x + 6, y, w - 8,
                 _("Drag onto the board. Drag a node's handle to connect it. Double-click to rename. T writes a note."),
                 theme.text_faint);
}
