/*
 * dialogs.c - modal cards over the board: the shortcut help, the list of messages of
 * a file that could not be opened (or of the design's problems), the unsaved-changes
 * question and the recovery offer. While one is open the rest of the window is dimmed
 * and gets no input.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app.h"
#include "sim/util.h"

Rect dialog_card(App *app, float w, float h)
{
    Ui *ui = &app->ui;
    ui_set_layer(ui, UI_MODAL);
    ui_open_modal(ui);
    ui_rect(ui, rect_make(0, 0, (float)app->win_w, (float)app->win_h), theme.overlay);
    if (w > app->win_w - 40) w = (float)app->win_w - 40;
    if (h > app->win_h - 40) h = (float)app->win_h - 40;
    Rect rc = {roundf(((float)app->win_w - w) / 2), roundf(((float)app->win_h - h) / 2), w, h};
    ui_shadow(ui, rc, 10);
    ui_rrect(ui, rc, 10, theme.panel);
    ui_rrect_line(ui, rc, 10, 1, theme.border);
    return rc;
}

void dialog_end_card(App *app) { ui_set_layer(&app->ui, UI_BASE); }

float dialog_wrap(App *app, FontId f, float size, float x, float y, float w, const char *s, Color c, bool draw)
{
    if (draw) return ui_text_wrap(&app->ui, f, size, x, y, w, s, c);
    return render_line_height(app->r, f, size) * (float)render_wrap(app->r, f, size, w, s, NULL, NULL);
}

void dialog_show_diags(App *app, const char *title, const DiagList *d)
{
    diag_free(&app->modal_diags);
    diag_init(&app->modal_diags, d->file);
    for (int i = 0; i < d->n_items; i++) {
        const Diag *g = &d->items[i];
        if (g->line > 0)
            diag_add_at(&app->modal_diags, g->line, g->col, "%s", g->message);
        else if (g->level == DIAG_WARNING)
            diag_add_warning(&app->modal_diags, g->path ? g->path : "", "%s", g->message);
        else
            diag_add(&app->modal_diags, g->path ? g->path : "", "%s", g->message);
    }
    snprintf(app->modal_title, sizeof app->modal_title, "%s", title);
    app->modal_scroll = 0;
    app->modal = MODAL_DIAGS;
}

static void diags_modal(App *app)
{
    Ui *ui = &app->ui;
    Rect rc = dialog_card(app, 680, 520);
    float x = rc.x + 24, w = rc.w - 48, y = rc.y + 20;
    ui_icon(ui, ICON_WARNING, rect_make(x, y + 2, 18, 16), theme.danger);
    ui_text_fit(ui, FONT_BOLD, 16, x + 28, y, app->modal_title, w - 28, theme.text);
    y += 28;
    const DiagList *d = &app->modal_diags;
    char line[600];
    int errors = diag_errors(d);
    char n_err[80], n_warn[80];
    snprintf(n_err, sizeof n_err, P_("%d error", "%d errors", errors), errors);
    snprintf(n_warn, sizeof n_warn, P_("%d warning", "%d warnings", d->n_items - errors), d->n_items - errors);
    snprintf(line, sizeof line, "%s, %s%s%s", n_err, n_warn, d->file ? " \xC2\xB7 " : "", d->file ? d->file : "");
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, y, line, w, theme.text_dim);
    y += 24;
    Rect list = {x, y, w, rc.y + rc.h - 64 - y};
    ui_rrect(ui, list, 6, theme.panel_alt);
    ui_rrect_line(ui, list, 6, 1, theme.border);
    if (ui_hover(ui, list)) app->modal_scroll -= ui->in.wheel_y * 40;
    if (app->modal_scroll < 0) app->modal_scroll = 0;
    Rect inner = rect_inset(list, 10);
    ui_clip(ui, &inner);
    float yy = inner.y - app->modal_scroll;
    for (int i = 0; i < d->n_items; i++) {
        const Diag *g = &d->items[i];
        char where[200] = "";
        if (g->line > 0)
            snprintf(where, sizeof where, _("line %d, column %d"), g->line, g->col);
        else if (g->path && *g->path)
            snprintf(where, sizeof where, "%s", g->path);
        else
            snprintf(where, sizeof where, "%s", _("the file")); /* the problem is the whole file's */
        Color c = g->level == DIAG_ERROR ? theme.danger : theme.warning;
        ui_circle(ui, vec2(inner.x + 4, yy + 9), 3, c);
        ui_text_fit(ui, FONT_BOLD, theme.ui_font, inner.x + 14, yy, where, inner.w - 14, theme.text);
        yy += 19;
        yy += dialog_wrap(app, FONT_REGULAR, theme.ui_font, inner.x + 14, yy, inner.w - 14, g->message,
                   theme.text_dim, true);
        yy += 8;
    }
    float content = yy + app->modal_scroll - inner.y;
    if (app->modal_scroll > content - inner.h) app->modal_scroll = content > inner.h ? content - inner.h : 0;
    ui_clip(ui, NULL);
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, rc.y + rc.h - 42, _("Nothing on the board was changed."),
                rc.w - 48 - 110, theme.text_faint);
    bool close = ui_button(ui, ui_id("diags-close"), rect_make(rc.x + rc.w - 24 - 100, rc.y + rc.h - 48, 100, 32),
                           _("Close"), UI_PRIMARY) ||
                 ui_key(ui, SDLK_ESCAPE, 0) || ui_key(ui, SDLK_RETURN, 0);
    dialog_end_card(app);
    if (close) app->modal = MODAL_NONE;
}

void help_open(App *app)
{
    app->modal = MODAL_HELP;
    app->modal_scroll = 0;
}

static void help_modal(App *app)
{
    Ui *ui = &app->ui;
    static const char *const rows[][2] = {
        {N_("Board"), NULL},
        {N_("Place a node"), N_("drag from the palette (or click it)")},
        {N_("Connect"), N_("drag from a node's right handle to another node")},
        {N_("Select"), N_("click; Shift+click adds; drag on empty board; Ctrl+A all")},
        {N_("Move"), N_("drag; Alt: no snapping; Shift+arrows nudge")},
        {N_("Rename"), N_("double-click a node, or F2 / Enter")},
        {N_("Pan"), N_("middle drag, Space+drag, arrow keys")},
        {N_("Zoom"), N_("wheel at the cursor, Ctrl + / Ctrl \xE2\x88\x92, Ctrl+0 = 100%")},
        {N_("Fit to content / the selection"), N_("F / Shift+F")},
        {N_("Menu"), N_("right-click a node, an edge or the board")},
        {N_("Where a request goes"), N_("Show path of\xE2\x80\xA6 (top left of the board)")},
        {N_("Edit"), NULL},
        {N_("Undo / Redo"), N_("Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y")},
        {N_("Copy / Cut / Paste"), N_("Ctrl+C / Ctrl+X / Ctrl+V")},
        {N_("Duplicate"), N_("Ctrl+D")},
        {N_("Find a node"), N_("Ctrl+F: type part of its name or id, Enter")},
        {N_("Tidy up the layout"), N_("Ctrl+Shift+L, or right-click the board")},
        {N_("Align or distribute"), N_("select nodes, right-click one of them")},
        {N_("Note / frame"), N_("T / Ctrl+G around the selected nodes, or right-click")},
        {N_("Delete"), N_("Delete or Backspace")},
        {N_("Fields"), N_("type, Enter or Tab to apply, Esc to cancel")},
        {N_("File"), NULL},
        {N_("New / Open"), N_("Ctrl+N / Ctrl+O")},
        {N_("Save / Save As"), N_("Ctrl+S / Ctrl+Shift+S")},
        {N_("Export"), N_("Ctrl+E for PNG; the toolbar's Export menu for SVG, the run's GIF, Excalidraw, draw.io, "
                          "Mermaid, Graphviz and the run's report")},
        {N_("Quit"), N_("Ctrl+Q")},
        {N_("Scenario"), N_("click the board's background: traffic, requirements, events, the question, the estimates")},
        {N_("Run and practise"), NULL},
        {N_("Run / Cancel"), N_("F5")},
        {N_("Results drawer"), N_("F6 (Requirements and Estimates work before a run)")},
        {N_("Scenarios"), N_("Ctrl+Shift+O or the scenario box in the toolbar")},
        {N_("This help"), N_("F1 or ?")},
    };
    int n = (int)(sizeof rows / sizeof rows[0]);
    float card_w = app->ui.view_w - 48 < 780 ? app->ui.view_w - 48 : 780; /* room for a longer language */
    card_w = card_w < 620 ? 620 : card_w;
    /* the names' column as wide as its longest name ("Копировать / Вырезать / Вставить" was
     * cut at 216 px), up to 45% of the card */
    float name_w = 216;
    for (int i = 0; i < n; i++)
        if (rows[i][1]) name_w = fmaxf(name_w, render_text_width(app->r, FONT_REGULAR, theme.ui_font, _(rows[i][0])) + 4);
    name_w = fminf(name_w, (card_w - 56) * 0.45f);
    /* a description longer than its column takes a second line (the Scenario row's was cut) */
    float desc_w = card_w - 56 - name_w, lh = render_line_height(app->r, FONT_REGULAR, theme.ui_font), rows_h = 0;
    for (int i = 0; i < n; i++)
        rows_h += !rows[i][1] ? (i ? 28 : 22)
                  : render_text_width(app->r, FONT_REGULAR, theme.ui_font, _(rows[i][1])) > desc_w ? 21 + lh
                                                                                                     : 21;
    Rect rc = dialog_card(app, card_w, 58 + rows_h + 70);
    float x = rc.x + 28, y = rc.y + 22;
    ui_text(ui, FONT_BOLD, 17, x, y, _("Keyboard and mouse"), theme.text);
    y += 36;
    /* In a window too low for every row, the rows scroll with the wheel between the title
     * and Close (they ran on under Close and off the card). */
    Rect rows_rc = {rc.x, y - 4, rc.w, rc.y + rc.h - 64 - (y - 4)};
    float hidden = rows_h - rows_rc.h;
    if (hidden > 0 && ui_hover(ui, rows_rc)) app->modal_scroll -= ui->in.wheel_y * 40;
    if (app->modal_scroll > hidden) app->modal_scroll = hidden;
    if (app->modal_scroll < 0) app->modal_scroll = 0;
    ui_clip(ui, &rows_rc);
    y -= app->modal_scroll;
    for (int i = 0; i < n; i++) {
        if (!rows[i][1]) {
            if (i) y += 6;
            ui_text(ui, FONT_BOLD, theme.small_font, x, y + 3, _(rows[i][0]), theme.text_faint);
            y += 22;
            continue;
        }
        overlay_text_fit(app, FONT_REGULAR, theme.ui_font, x, y, _(rows[i][0]), name_w - 4, theme.text);
        int lines = ui_text_lines(ui, FONT_REGULAR, theme.ui_font, x + name_w, y, desc_w, _(rows[i][1]), 2, theme.text_dim);
        y += 21 + (float)(lines - 1) * lh;
    }
    ui_clip(ui, NULL);
    if (hidden > 0)
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, rc.y + rc.h - 42,
                    app->modal_scroll < hidden ? _("More below: scroll") : _("Scroll up for the rest"),
                    rc.w - 56 - 110, theme.text_faint);
    Rect close = {rc.x + rc.w - 28 - 90, rc.y + rc.h - 48, 90, 32};
    bool outside = ui->in.pressed[UI_MOUSE_LEFT] && !rect_contains(rc, ui->in.mx, ui->in.my);
    if (ui_button(ui, ui_id("help-close"), close, _("Close"), UI_PRIMARY) || outside ||
        ui_key(ui, SDLK_ESCAPE, 0) || ui_key(ui, SDLK_F1, 0) || ui_key(ui, SDLK_RETURN, 0))
        app->modal = MODAL_NONE;
    dialog_end_card(app);
}

static void unsaved_modal(App *app)
{
    Ui *ui = &app->ui;
    Rect rc = dialog_card(app, 500, 178);
    float x = rc.x + 24, y = rc.y + 22;
    const char *name = app->path ? strrchr(app->path, '/') : NULL;
    name = name ? name + 1 : app->path;
    char line[400], quoted[300];
    if (!name && app->model->title && *app->model->title) { /* never saved: named by its title */
        snprintf(quoted, sizeof quoted, "\xE2\x80\x9C%.200s\xE2\x80\x9D", scenario_title_in(app->model, app->lang));
        name = quoted;
    }
    snprintf(line, sizeof line, _("Save changes to %s?"), name ? name : _("this diagram"));
    ui_text_fit(ui, FONT_BOLD, 16, x, y, line, rc.w - 48, theme.text);
    y += 32;
    dialog_wrap(app, FONT_REGULAR, theme.ui_font, x, y, rc.w - 48,
         _("Your changes are lost if you don't save them."), theme.text_dim, true);
    float by = rc.y + rc.h - 52;
    bool save = ui_button(ui, ui_id("unsaved-save"), rect_make(rc.x + rc.w - 24 - 96, by, 96, 32),
                          _("Save"), UI_PRIMARY) ||
                ui_key(ui, SDLK_RETURN, 0);
    bool discard = ui_button(ui, ui_id("unsaved-discard"),
                             rect_make(rc.x + rc.w - 24 - 96 - 10 - 110, by, 110, 32), _("Don't save"), 0) ||
                   ui_key(ui, SDLK_d, 0);
    bool cancel = ui_button(ui, ui_id("unsaved-cancel"), rect_make(x, by, 90, 32), _("Cancel"), 0) ||
                  ui_key(ui, SDLK_ESCAPE, 0);
    dialog_end_card(app);
    if (cancel) {
        app->modal = MODAL_NONE;
        app->pending = PENDING_NONE;
    } else if (discard) {
        app->modal = MODAL_NONE;
        doc_run_pending(app);
    } else if (save) {
        app->modal = MODAL_NONE;
        if (doc_save(app)) doc_run_pending(app);
        /* Untitled: doc_save opened Save As; the pending action runs after it. */
    }
}

static void recover_modal(App *app)
{
    Ui *ui = &app->ui;
    char when[64] = "";
    struct stat st;
    if (recovery_offered(app) && stat(recovery_offered(app), &st) == 0) {
        struct tm tmv;
        localtime_r(&st.st_mtime, &tmv);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tmv);
    }
    char line[1200];
    int len = snprintf(line, sizeof line,
                       _("archsim did not close cleanly last time. The work on %s, autosaved at %s, can be restored."),
                       recovery_offered_about(app), when[0] ? when : _("an unknown time"));
    /* Started on another file: it waits on this choice, so the choice says what happens to it. */
    if (app->pending_path && !recovery_offered_for(app, app->pending_path) && len > 0 && (size_t)len < sizeof line) {
        const char *asked = doc_base_name(app->pending_path);
        snprintf(line + len, sizeof line - (size_t)len, "\n\n");
        len += 2;
        snprintf(line + len, sizeof line - (size_t)len,
                 _("Recover brings it back, and %s is not opened (Ctrl+O opens it). Discard deletes it and opens %s."),
                 asked, asked);
    }
    float w = 520, th = dialog_wrap(app, FONT_REGULAR, theme.ui_font, 0, 0, w - 48, line, theme.text_dim, false);
    Rect rc = dialog_card(app, w, fmaxf(196, 22 + 32 + th + 16 + 52 + 8));
    float x = rc.x + 24, y = rc.y + 22;
    ui_text(ui, FONT_BOLD, 16, x, y, _("Recover unsaved work?"), theme.text);
    y += 32;
    dialog_wrap(app, FONT_REGULAR, theme.ui_font, x, y, rc.w - 48, line, theme.text_dim, true);
    float by = rc.y + rc.h - 52;
    bool rec = ui_button(ui, ui_id("recover-yes"), rect_make(rc.x + rc.w - 24 - 110, by, 110, 32),
                         _("Recover"), UI_PRIMARY) ||
               ui_key(ui, SDLK_RETURN, 0);
    bool discard = ui_button(ui, ui_id("recover-no"), rect_make(x, by, 100, 32), _("Discard"), 0);
    dialog_end_card(app);
    if (rec) {
        app->modal = MODAL_NONE;
        char *asked = app->pending_path; /* the file the app was started on */
        app->pending_path = NULL;
        if (doc_recover(app) && asked && !(app->path && strcmp(app->path, asked) == 0)) {
            char was[400];
            snprintf(was, sizeof was, "%s", app->msg);
            app_set_status(app, app->msg_error, _("%s; %s was not opened (Ctrl+O opens it)"), was, doc_base_name(asked));
        }
        free(asked);
    } else if (discard) {
        app->modal = MODAL_NONE;
        recovery_discard(app);
        recovery_next(app);
        if (app->modal == MODAL_RECOVER) return; /* another gone instance's work, offered next */
        if (app->pending_path) {
            char *p = app->pending_path;
            app->pending_path = NULL;
            doc_open(app, p);
            free(p);
        }
    }
}


/* ---- an edit that takes more with it: ask first ----------------------------------------- */

void app_confirm_edit(App *app, const char *title, const char *text, Model *after, const char *label)
{
    model_destroy(app->confirm_after);
    app->confirm_after = after;
    free(app->confirm_text);
    app->confirm_text = xstrdup(text);
    snprintf(app->confirm_title, sizeof app->confirm_title, "%s", title);
    snprintf(app->confirm_label, sizeof app->confirm_label, "%s", label);
    app->modal = MODAL_CONFIRM;
    app->confirm_close_list = -1;
    app->confirm_run = false;
    app->needs_frame = true;
}

void app_confirm_run(App *app, const char *title, const char *text)
{
    app_confirm_edit(app, title, text, NULL, _("Run anyway"));
    app->confirm_run = true;
}

static void confirm_modal(App *app)
{
    Ui *ui = &app->ui;
    float w = 520;
    float th = dialog_wrap(app, FONT_REGULAR, theme.ui_font, 0, 0, w - 48, app->confirm_text, theme.text, false);
    Rect rc = dialog_card(app, w, 22 + 32 + th + 16 + 52 + 8);
    float x = rc.x + 24, y = rc.y + 22;
    ui_text_fit(ui, FONT_BOLD, 16, x, y, app->confirm_title, rc.w - 48, theme.text);
    y += 32;
    dialog_wrap(app, FONT_REGULAR, theme.ui_font, x, y, rc.w - 48, app->confirm_text, theme.text_dim, true);
    float by = rc.y + rc.h - 52;
    float dw = render_text_width(app->r, FONT_BOLD, theme.ui_font, app->confirm_label) + 32;
    bool yes = ui_button(ui, ui_id("confirm-yes"), rect_make(rc.x + rc.w - 24 - dw, by, dw, 32), app->confirm_label,
                         UI_PRIMARY) ||
               ui_key(ui, SDLK_RETURN, 0);
    bool no = ui_button(ui, ui_id("confirm-no"), rect_make(x, by, 90, 32), _("Cancel"), 0) || ui_key(ui, SDLK_ESCAPE, 0);
    dialog_end_card(app);
    if (!yes && !no) return;
    app->modal = MODAL_NONE;
    if (app->confirm_run) {
        app->confirm_run = false;
        if (yes) run_start_ex(app, true);
        return;
    }
    Model *after = app->confirm_after;
    app->confirm_after = NULL;
    if (yes && app->confirm_close_list >= 0 && app->confirm_close_list < SCEN_LIST_COUNT) app->scen_open[app->confirm_close_list] = -1;
    if (yes && after) {
        Command c;
        cmd_init(&c, app->confirm_label);
        cmd_model_diff(&c, app->model, after);
        sel_clear(app);
        app_commit(app, &c);
        app_set_status(app, false, _("%s (Ctrl+Z to undo)"), app->confirm_label);
    }
    model_destroy(after);
}

/* ---- New: a board to start from ----------------------------------------------------------- */

static void new_modal(App *app)
{
    Ui *ui = &app->ui;
    float list_h = app->n_scen > 0 ? fminf(26.0f * (float)app->n_scen + 8, 270) : 0;
    /* as wide as the longest exercise's title needs (bold when picked), where the window
     * has room: "A mid-size web app: Redis, Celery, Postgres, logs and metrics" whole */
    float card_w = 560;
    for (int i = 0; i < app->n_scen; i++) {
        const char *t = scenario_title_in(app->scen_models[i], strcmp(app->lang, "en") ? app->lang : NULL);
        card_w = fmaxf(card_w, render_text_width(app->r, FONT_BOLD, theme.ui_font, t ? t : app->scen_titles[i]) + 72);
    }
    Rect rc = dialog_card(app, fminf(card_w, (float)app->win_w - 120), 250 + list_h);
    float x = rc.x + 24, y = rc.y + 22, w = rc.w - 48;
    ui_text(ui, FONT_BOLD, 16, x, y, _("New board"), theme.text);
    y += 34;
    /* A board with one client: the usual start. */
    bool plain = ui_button(ui, ui_id("new-client"), rect_make(x, y, w, 34), _("Empty board with one client sending 1,000 reads/s"),
                           UI_PRIMARY) ||
                 ui_key(ui, SDLK_RETURN, 0);
    y += 40;
    y += dialog_wrap(app, FONT_REGULAR, theme.small_font, x, y, w,
                     _("Draw the design, then set the traffic, the requirements and what goes wrong in the Scenario "
                     "panel on the right (click the board's background)."),
                     theme.text_dim, true) + 14;
    bool pick = false;
    if (app->n_scen > 0) {
        ui_text(ui, FONT_BOLD, theme.ui_font, x, y, _("Or a blank board for an exercise"), theme.text);
        y += 22;
        y += dialog_wrap(app, FONT_REGULAR, theme.small_font, x, y, w,
                         _("Its question, traffic, requirements and events, with only its clients on the board."),
                         theme.text_dim, true) + 6;
        Rect lr = {x, y, w, list_h};
        ui_rrect_line(ui, lr, 6, 1, theme.border);
        for (int i = 0; i < app->n_scen; i++) {
            Rect ir = {x + 4, y + 4 + 26.0f * (float)i, w - 8, 24};
            if (ir.y + ir.h > lr.y + lr.h) break;
            bool sel = app->new_pick == i;
            if (sel) ui_rrect(ui, ir, 4, theme.accent_soft);
            if (ui_button(ui, ui_idn("new-ex", i), ir, "", UI_INVISIBLE)) {
                pick = app->new_pick == i && ui->in.clicks >= 2;
                app->new_pick = i;
            }
            const char *t = scenario_title_in(app->scen_models[i], strcmp(app->lang, "en") ? app->lang : NULL);
            ui_text_in(ui, sel ? FONT_BOLD : FONT_REGULAR, theme.ui_font, rect_make(ir.x + 8, ir.y, ir.w - 16, ir.h), 0,
                       t ? t : app->scen_titles[i], theme.text);
        }
        y += list_h + 10;
    }
    float by = rc.y + rc.h - 52;
    bool cancel = ui_button(ui, ui_id("new-cancel"), rect_make(x, by, 90, 32), _("Cancel"), 0) || ui_key(ui, SDLK_ESCAPE, 0);
    if (app->n_scen > 0) {
        const char *t = _("Start this exercise");
        float bw = render_text_width(app->r, FONT_REGULAR, theme.ui_font, t) + 28;
        pick = ui_button(ui, ui_id("new-exercise"), rect_make(rc.x + rc.w - 24 - bw, by, bw, 32), t, 0) || pick;
    }
    dialog_end_card(app);
    if (cancel) app->modal = MODAL_NONE;
    else if (plain) {
        app->modal = MODAL_NONE;
        doc_new_board(app, -1);
    } else if (pick && app->new_pick >= 0 && app->new_pick < app->n_scen) {
        app->modal = MODAL_NONE;
        doc_new_board(app, app->new_pick);
    }
}

void dialogs_update(App *app)
{
    switch (app->modal) {
    case MODAL_HELP: help_modal(app); break;
    case MODAL_RUN_SETTINGS: run_settings_modal(app); break;
    case MODAL_DIAGS: diags_modal(app); break;
    case MODAL_UNSAVED: unsaved_modal(app); break;
    case MODAL_RECOVER: recover_modal(app); break;
    case MODAL_BROWSER: browser_modal(app); break;
    case MODAL_SPOILER: spoiler_modal(app); break;
    case MODAL_INTERVIEW: interview_settings_modal(app); break;
    case MODAL_CONFIRM: confirm_modal(app); break;
    case MODAL_NEW: new_modal(app); break;
    case MODAL_IMPORT: import_review_modal(app); break;
    default: break;
    }
}
