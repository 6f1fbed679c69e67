/*
 * panel.h - the building blocks of the right-hand panel's forms, shared by the
 * inspector (a node or an edge) and the scenario panel (the diagram with nothing
 * selected): a cursor that lays rows out top to bottom, labelled fields, section
 * headings, wrapped notes, typed values parsed and range-checked against the schema,
 * and the validator's messages shown under the field they name.
 */
#ifndef APP_PANEL_H
#define APP_PANEL_H

#include "app.h"
#include "sim/schema.h"

/* Label and field columns: fixed on a normal panel, shared out on a narrow one. The field
 * gives the unit after it the room the widest short unit needs in the language on screen
 * (panel_field_w). */
#define LABEL_W (p->w >= 260 ? 124.0f : p->w * 0.46f)
#define FIELD_W panel_field_w(p)

struct Panel;
typedef struct Panel {
    App *app;
    Ui *ui;
    Rect rc;        /* the panel */
    float x, y;     /* cursor: left edge of content, top of the next row */
    float w;        /* content width */
    int elem;       /* (is_edge << 24) | index: part of widget ids */
    char path[32];  /* validator path prefix of the fields: "nodes[3]", "edges[2]", "scenario" */
} Panel;

/* Names and units: "workers" -> "Workers / instance"; a schema unit in a few letters. */
void panel_human_label(const char *key, char *out, size_t cap);
/* After a request type's name, " · write" for a write, unless its name says so already
 * ("write · write" told nothing twice); "" otherwise. In the app's language. */
const char *panel_write_tag(const RequestType *r);
/* A row's label as a step's name says it: the label, after its group's for a field inside
 * one ("service_ms.mean": "Service time: mean"). */
void panel_spoken_label(const char *key, const char *label, char *out, size_t cap);
/* A typed value and its unit as a step's status says it ("150 ms", "none" when empty). */
const char *panel_value_with_unit(const char *value, const char *unit, char *out, size_t cap);
const char *panel_short_unit(const char *unit, const char *parent_unit);
/* The width of a value's field: 112 px on a normal panel, less (down to 84, on a narrow
 * panel 64) where the language's widest short unit needs it to be read whole after it. */
float panel_field_w(const struct Panel *p);
int panel_enum_count(const char *const *names);

/* A typed number with an optional k / M / % suffix and a decimal comma; false with the
 * reason on failure. */
#define PANEL_NUMBER_MAX 100 /* characters a typed number may have */
bool panel_parse_number(const char *s, double *out, char *why, size_t cap);
/* The schema's range of field f; false with the reason ("Must be ≥ 0"). */
bool panel_check_range(const FieldDesc *f, double v, char *why, size_t cap);
/* Field f of the struct at `base` as text, and typed text stored into it (false with the
 * reason when refused: not a number, out of range). */
void panel_format_value(const FieldDesc *f, const void *base, char *out, size_t cap);
bool panel_store_value(const FieldDesc *f, void *base, const char *text, char *why, size_t cap);

/* Remember where field `key` is (tests and "go to the field" find it there). */
void panel_record_field(Panel *p, const char *key, Rect rc);
/* The validator's entry for `key` under p->path, or NULL; its message. */
const Diag *panel_problem(Panel *p, const char *key);
/* The validator's entry for exactly `key`, not for a field inside it ("envelope[0].factors",
 * not "envelope[0].factors[1].label"), or NULL. */
const Diag *panel_problem_at(Panel *p, const char *key);
const char *panel_problem_text(Panel *p, const char *key);

void panel_section(Panel *p, const char *title);
/* A wrapped message of at most max_lines lines (note: 4) in colour c. */
void panel_note_n(Panel *p, const char *msg, Color c, int max_lines);
void panel_note(Panel *p, const char *msg, Color c);
/* Lines panel_note_n would use for `msg` in width w. */
int panel_count_lines(Render *r, const char *s, float w, int max_lines);
/* The schema's description of the field in this row shows when the mouse rests on its name. */
void panel_tip(Panel *p, const char *doc);
/* A row's label (indented) and the rect of its field; the unit after the field; the end
 * of the row, with the refused value's reason or the validator's message under it. */
Rect panel_row_field(Panel *p, const char *label, float indent);
/* A dropdown's row: its label, and the field to the panel's right edge (no unit after it). */
Rect panel_row_choice(Panel *p, const char *label, float indent);
void panel_row_unit(Panel *p, Rect fr, const char *unit);
/* A 0 that is not an amount ("no limit", "never": schema_zero_meaning) says so in faint words
 * after it, inside field fr (widget id), while nobody types in it. */
void panel_zero_note(Panel *p, UiId id, Rect fr, const char *value, const FieldDesc *f);
void panel_row_end(Panel *p, const char *key);
/* The reason a typed value was refused, shown under field `key` until it is fixed, and in
 * the status bar after the row's label as the panel shows it (not the file's path,
 * "requirements[2].max"). */
void panel_set_error(App *app, const char *key, const char *label, const char *why);
void panel_clear_error(App *app, const char *key);

/* True (once) when the app asked to go to field `key` (app->goto_key): the panel scrolls
 * to bring `fr` into view and the caller gives the field focus. */
bool panel_goto_here(Panel *p, const char *key, Rect fr);

/* The modelling checks (app->lint) whose path is under `prefix` ("nodes[3]"; NULL: all,
 * each a link to its place), at most max_shown, with a button per fix; returns how many
 * were shown. */
int panel_lint(Panel *p, const char *prefix, int max_shown);

/* The panel for the diagram, when nothing is selected: title, the scenario editor
 * (traffic, requirements, events, run, exercise text), cost, problems (scenario_panel.c). */
void scenario_panel(Panel *p);

/* A row of controls that flows like words: a piece `w` wide that would pass body's right
 * edge starts a new line, 34 lower, at body.x + indent (narrow windows, longer words). */
void panel_flow(float *x, float *y, float w, Rect body, float indent);

/* A drawer tab's Save ▾ at (*x, *y) in the flow (panel_flow): item k opens the file dialog
 * in modes[k] (the tab's result as archsim-cli writes it). Moves *x past it. */
void panel_save_menu(struct App *app, const char *name, float *x, float *y, Rect body, float indent,
                     const UiMenuItem *items, const FileMode *modes, int n);

/* The words on a task's progress bar, into out: "Sweeping 40%" ("Cancelling 40%"), and
 * once it has run 5 s with 10 s or more to go, how long: "40% · 2 min left", from its pace
 * once it has one (2% done after 3 s), else from expected_s (0: none). */
const char *panel_progress_text(double progress, double elapsed_s, double expected_s, bool cancelling,
                                const char *doing, char *out, size_t cap);

/* Width of panel_task_bar with its Cancel button. */
#define PANEL_TASK_BAR_W 240.0f
/* The progress of a task running in a tab, started at SDL tick `started_ms`, at (x, y)
 * (panel_progress_text's words), and a Cancel button beside it: true when Cancel was
 * clicked. */
bool panel_task_bar(App *app, const char *cancel_id, float x, float y, double progress, bool cancelling,
                    const char *doing, uint32_t started_ms);

/* Writing the exercise's text (title, prompt, hints, node and edge labels: scenario_set_text's
 * `what`) in a second language: the language `what` (k: a hint, a node, an edge) is
 * written in, the one picked with panel_text_lang_switch or else the one it is shown in;
 * a field's id per language; the faint words of an empty field ("EN: …" to translate);
 * writing it as one undoable step; the EN / RU / UK switch of `what` k, right-aligned at
 * `right`. */
const char *panel_text_lang(const App *app, const char *what, int k);
UiId panel_text_field_id(const char *key, int n, const char *lang);
void panel_text_placeholder(App *app, const char *what, int k, const char *usual, char *out, size_t cap);
void panel_text_commit(App *app, const char *what, int k, const char *text, const char *step);
void panel_text_lang_switch(Panel *p, const char *id, const char *what, int k, float right, float y);
/* The one-line field of `what` k in that language, in fr, recorded as `key` (n >= 0: of
 * element n): its own text, or faint the English to translate (`usual` where there is
 * none). True with the typed text in out[cap] when it was submitted changed; the caller
 * writes it with panel_text_commit. */
bool panel_text_line(Panel *p, const char *what, int k, const char *key, int n, Rect fr, const char *usual, char *out,
                     size_t cap);
/* The same as a row of its own: `label` (its tooltip `doc`) with the EN / RU / UK switch
 * `switch_id` on its right, the field under them, `indent` in; the caller writes what was
 * submitted, then ends the row (panel_row_end with `key`). */
bool panel_text_row(Panel *p, const char *label, const char *doc, const char *switch_id, const char *what, int k,
                    const char *key, int n, float indent, const char *usual, char *out, size_t cap);

#endif
