/*
 * import_review.c - after a diagram from Excalidraw, draw.io or Mermaid opens: what the
 * import guessed (kinds from words and styles, async from dashed lines), what it filled
 * in with defaults (kinds, traffic), what it kept as annotations and what it could not
 * keep, each with where in the source file; a node's row selects it on the board, so the
 * inspector shows what to check. Design problems of the imported diagram follow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/tr.h"
#include "sim/util.h"

void import_review_free(App *app)
{
    import_result_free(&app->review);
    diag_free(&app->review_problems);
}

void import_review_show(App *app, ImportResult *r, const DiagList *problems, const char *path)
{
    import_review_free(app);
    app->review.format = r->format;
    app->review.notes = r->notes;
    app->review.n_notes = r->n_notes;
    app->review.cap = r->cap;
    r->notes = NULL;
    r->n_notes = r->cap = 0;
    diag_init(&app->review_problems, path);
    for (int i = 0; i < problems->n_items; i++) {
        const Diag *g = &problems->items[i];
        if (g->level == DIAG_ERROR)
            diag_add(&app->review_problems, g->path, "%s", g->message);
        else
            diag_add_warning(&app->review_problems, g->path, "%s", g->message);
    }
    snprintf(app->review_title, sizeof app->review_title, _("Imported %s from %s"), doc_base_name(path),
             import_format_name(r->format));
    app->review_scroll = 0;
    app->modal = MODAL_IMPORT;
}

static Color note_color(ImportNoteKind k)
{
    switch (k) {
    case NOTE_GUESSED: return theme.warning;
    case NOTE_DEFAULTED: return theme.accent;
    case NOTE_NOT_KEPT: return theme.danger;
    case NOTE_KEPT: return theme.text_faint;
    default: return theme.ok;
    }
}

void import_review_modal(App *app)
{
    Ui *ui = &app->ui;
    Rect rc = dialog_card(app, 720, 540);
    float x = rc.x + 24, w = rc.w - 48, y = rc.y + 20;
    const ImportResult *r = &app->review;
    ui_text_fit(ui, FONT_BOLD, 16, x, y, app->review_title, w, theme.text);
    y += 28;
    char line[800];
    snprintf(line, sizeof line,
             _("%d guessed, %d defaulted, %d kept as annotations, %d not kept, %d mapped as they were. "
               "Check the guesses: a node's row selects it."),
             import_count(r, NOTE_GUESSED), import_count(r, NOTE_DEFAULTED), import_count(r, NOTE_KEPT),
             import_count(r, NOTE_NOT_KEPT), import_count(r, NOTE_MAPPED));
    y += dialog_wrap(app, FONT_REGULAR, theme.small_font, x, y, w, line, theme.text_dim, true) + 8;
    Rect list = {x, y, w, rc.y + rc.h - 64 - y};
    ui_rrect(ui, list, 6, theme.panel_alt);
    ui_rrect_line(ui, list, 6, 1, theme.border);
    if (ui_hover(ui, list)) app->review_scroll -= ui->in.wheel_y * 40;
    if (app->review_scroll < 0) app->review_scroll = 0;
    Rect inner = rect_inset(list, 10);
    ui_clip(ui, &inner);
    float yy = inner.y - app->review_scroll;
    const char *pick = NULL;
    /* the Select button as wide as its word in the language on screen */
    float select_w = fmaxf(70, render_text_width(app->r, FONT_REGULAR, theme.ui_font, _("Select")) + 24);
    /* the guesses and defaults first: they are what to check; then the rest; mapped last */
    static const ImportNoteKind order[] = {NOTE_GUESSED, NOTE_DEFAULTED, NOTE_NOT_KEPT, NOTE_KEPT, NOTE_MAPPED};
    for (size_t o = 0; o < sizeof order / sizeof *order; o++)
        for (int i = 0; i < r->n_notes; i++) {
            const ImportNote *n = &r->notes[i];
            if (n->kind != order[o]) continue;
            float bw = n->node ? select_w : 0;
            snprintf(line, sizeof line, "%s%s%s", import_note_kind_name(n->kind), n->where[0] ? " \xC2\xB7 " : "",
                     n->where);
            ui_circle(ui, vec2(inner.x + 4, yy + 9), 3, note_color(n->kind));
            ui_text_fit(ui, FONT_BOLD, theme.ui_font, inner.x + 14, yy, line, inner.w - 14 - bw, theme.text);
            if (n->node && yy + 24 > inner.y && yy < inner.y + inner.h &&
                ui_button(ui, ui_idn("review-select", i), rect_make(inner.x + inner.w - bw, yy - 2, bw, 22), _("Select"), 0))
                pick = n->node;
            yy += 19;
            yy += dialog_wrap(app, FONT_REGULAR, theme.ui_font, inner.x + 14, yy, inner.w - 14 - bw, n->message,
                              theme.text_dim, true);
            yy += 8;
        }
    for (int i = 0; i < app->review_problems.n_items; i++) {
        const Diag *g = &app->review_problems.items[i];
        snprintf(line, sizeof line, "%s%s%s", g->level == DIAG_ERROR ? _("problem") : _("warning"),
                 g->path && *g->path ? " \xC2\xB7 " : "", g->path ? g->path : "");
        ui_circle(ui, vec2(inner.x + 4, yy + 9), 3, g->level == DIAG_ERROR ? theme.danger : theme.warning);
        ui_text_fit(ui, FONT_BOLD, theme.ui_font, inner.x + 14, yy, line, inner.w - 14, theme.text);
        yy += 19;
        yy += dialog_wrap(app, FONT_REGULAR, theme.ui_font, inner.x + 14, yy, inner.w - 14, g->message, theme.text_dim,
                          true);
        yy += 8;
    }
    float content = yy + app->review_scroll - inner.y;
    if (app->review_scroll > content - inner.h) app->review_scroll = content > inner.h ? content - inner.h : 0;
    ui_clip(ui, NULL);
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, rc.y + rc.h - 42,
                _("The board is untitled: Save writes an archsim .json beside the original."), w - 120, theme.text_faint);
    bool close = ui_button(ui, ui_id("review-close"), rect_make(rc.x + rc.w - 24 - 100, rc.y + rc.h - 48, 100, 32),
                           _("Close"), UI_PRIMARY) ||
                 ui_key(ui, SDLK_ESCAPE, 0) || ui_key(ui, SDLK_RETURN, 0);
    dialog_end_card(app);
    if (pick) {
        char *id = xstrdup(pick);
        app->modal = MODAL_NONE;
        sel_node_by_id(app, id);
        free(id);
    } else if (close) {
        app->modal = MODAL_NONE;
    }
}
