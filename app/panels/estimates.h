/*
 * estimates.h - the back-of-the-envelope sheet (a tab of the results drawer): the user
 * types estimates and sees each checked against the scenario's numbers.
 *
 * The sheet itself (expected values, arithmetic, parsing, verdicts) is sim/envelope.h;
 * this is its face. The user's estimates are kept as typed in the diagram's meta
 * (meta.archsim_app.estimates: {"peak_rps": "300k", ...}), changed through undoable
 * commands, so they are saved with the diagram. Nothing but the view's own state lives
 * here: which answers the user chose to see without estimating, the selected row, the
 * last refused text. The sheet, its verdicts and the tab's own words are in the app's
 * language (app->lang: English, Russian or Ukrainian).
 */
#ifndef APP_ESTIMATES_H
#define APP_ESTIMATES_H

#include <stdbool.h>

#include "render.h"
#include "sim/model.h"

#define ESTIMATES_ROWS (ENVELOPE_MAX_ITEMS + 1) /* the derived peak and every quantity */

typedef struct EstimatesView {
    const void *doc;          /* the model the state below belongs to (reset on another) */
    char revealed[ESTIMATES_ROWS][ENVELOPE_ID_MAX + 1]; /* ids shown with "show" */
    int n_revealed;
    int sel;                  /* row shown in the details pane */
    int error_row;            /* row whose last typed estimate was refused, + 1 (0 = none) */
    char error[512];          /* why (in the app's language) */
    char error_text[256];     /* what was typed there: it stays in the field, in red */
    float detail_scroll;      /* the details pane's own scroll */
    float inline_h;           /* narrow drawer: height of the details under the row (last frame) */
    float verdict_w;          /* width of the verdict column (last frame): fits the language's verdicts */
    Rect field_rc[ESTIMATES_ROWS]; /* the estimate fields drawn last (h 0 = not shown) */
    int n_rows;
} EstimatesView;

struct App;

/* The user's estimate saved under quantity id `from` moves to `to`, in model m's meta (a
 * quantity whose id followed its new label); nothing when there is none, or `to` has one. */
void estimates_rename(Model *m, const char *from, const char *to);

/* The Estimates tab of the drawer, drawn in `body`. */
void estimates_tab(struct App *app, Rect body);

/* The user's estimate of quantity `id` as typed (NULL when none); caller frees. */
char *estimates_get(const Model *m, const char *id);
/* Set the estimate of `id` to `text` (NULL or "" removes it) as one undoable step;
 * false when nothing changed. The text is not checked here. */
bool estimates_set(struct App *app, const char *id, const char *text);

#endif
