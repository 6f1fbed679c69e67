/*
 * scenario_panel.c - the right-hand panel with nothing selected: the diagram's scenario,
 * edited in the app. Traffic (request types: who sends them, read or write, a rate or a
 * number of users), requirements (a metric, a request type or all, limits), scenario
 * events (fail, surge, slow), the run (duration, warm-up, seed, replications) and the
 * exercise's text (title, prompt, hints), then the cost and the design's problems.
 *
 * Each list item shows one line (and its key number) and opens for editing with a click;
 * one item per list is open at a time. Every change is made on a copy of the model and
 * recorded as one undoable step (cmd_model_diff), so renames and removals carry their
 * references along (scenario_edit.h). The text being typed is checked as it is typed:
 * the value is tried on a copy and the validator's own message shows under the field.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "panel.h"
#include "estimates.h"
#include "sim/envelope.h"
#include "sim/model_json.h"
#include "sim/requirements.h"
#include "sim/scenario_edit.h"
#include "sim/tr.h"
#include "sim/util.h"

static const char *const LIST_KEY[SCEN_LIST_COUNT] = {"requests", "requirements", "events", "hints", "envelope"};

/* ---- committing and checking ------------------------------------------------------------ */

/* Record the difference between the model and `after` as one step; takes `after`. */
static void commit_copy(App *app, Model *after, const char *what)
{
    Command c;
    cmd_init(&c, what);
    cmd_model_diff(&c, app->model, after);
    if (c.n_ops > 0) app_set_status(app, false, "%s", what);
    app_commit(app, &c);
    sel_clear(app); /* edges a rename touched stay unselected: the panel stays */
    model_destroy(after);
}

static void *elem_of(Scenario *s, ScenList l, int k)
{
    switch (l) {
    case SCEN_REQUESTS: return &s->requests[k];
    case SCEN_REQUIREMENTS: return &s->requirements[k];
    case SCEN_EVENTS: return &s->events[k];
    case SCEN_ENVELOPE: return &s->envelope[k];
    default: return &s->hints[k];
    }
}

static const FieldDesc *table_of(ScenList l)
{
    switch (l) {
    case SCEN_REQUESTS: return schema_request_fields;
    case SCEN_REQUIREMENTS: return schema_requirement_fields;
    case SCEN_EVENTS: return schema_event_fields;
    case SCEN_ENVELOPE: return schema_envelope_fields;
    default: return schema_scenario_fields;
    }
}

/* A field being typed: what it names and how a value gets into a copy of the model. */
typedef struct Field {
    ScenList list;      /* SCEN_LIST_COUNT: a scenario scalar (duration_s, ...) */
    int index;
    const FieldDesc *f; /* schema row; for a distribution parameter, the Dist's row */
    size_t sub_off;     /* offset of a Dist member inside the element (think_ms.mean) */
    bool percent;       /* shown and typed in percent (error rate limits) */
    char key[48];       /* "requests[0].rate_rps", also the validator path after "scenario." */
    const char *group;  /* the label of the group a sub_off field is in ("Think time"), or NULL */
} Field;

static void *field_base(Model *m, const Field *fd)
{
    void *e = fd->list == SCEN_LIST_COUNT ? (void *)&m->scenario : elem_of(&m->scenario, fd->list, fd->index);
    return (char *)e + fd->sub_off;
}

/* The field's own bytes (field_base is the struct the schema's offset applies to). */
static void *field_ptr(Model *m, const Field *fd) { return (char *)field_base(m, fd) + fd->f->offset; }

static void field_text(App *app, const Field *fd, char *out, size_t cap)
{
    const void *base = field_base(app->model, fd);
    if (fd->list == SCEN_REQUIREMENTS && (strcmp(fd->f->name, "max") == 0 || strcmp(fd->f->name, "min") == 0)) {
        const Requirement *q = base;
        bool has = fd->f->name[1] == 'a' ? q->has_max : q->has_min;
        double v = fd->f->name[1] == 'a' ? q->max : q->min;
        if (!has) out[0] = 0;
        else numfmt_decimal(fd->percent ? v * 100 : v, 10, out, cap); /* as typed, no exponent */
        return;
    }
    panel_format_value(fd->f, base, out, cap);
}

/* Store typed text into the copy `m`: false with the reason when it is refused before
 * the validator sees it (not a number, out of range, a name taken). */
static bool field_store(Model *m, const Field *fd, const char *text, char *why, size_t cap)
{
    void *base = field_base(m, fd);
    const char *name = fd->f->name;
    if (fd->list == SCEN_REQUIREMENTS && (strcmp(name, "max") == 0 || strcmp(name, "min") == 0)) {
        Requirement *q = base;
        bool *has = name[1] == 'a' ? &q->has_max : &q->has_min;
        double *v = name[1] == 'a' ? &q->max : &q->min;
        const char *s = text;
        while (*s == ' ') s++;
        if (!*s) {
            if (*has) scenario_unlabel(m, SCEN_REQUIREMENTS, fd->index);
            *has = false;
            *v = 0;
            return true;
        }
        double x;
        if (!panel_parse_number(s, &x, why, cap)) return false;
        if (fd->percent && !strchr(s, '%')) x /= 100; /* typed in percent either way */
        /* a label written for the old limit would contradict the new one */
        if (!*has || *v != x) scenario_unlabel(m, SCEN_REQUIREMENTS, fd->index);
        *has = true;
        *v = x;
        return true;
    }
    if (fd->list == SCEN_REQUESTS && strcmp(name, "name") == 0) {
        char t[128];
        snprintf(t, sizeof t, "%s", text);
        if (!t[0]) {
            snprintf(why, cap, _("A request type needs a name"));
            return false;
        }
        int other = model_find_request(m, t);
        if (other >= 0 && other != fd->index) {
            snprintf(why, cap, _("Another request type is called '%s'"), t);
            return false;
        }
        scenario_rename_request(m, fd->index, t);
        return true;
    }
    if (fd->list == SCEN_HINTS) {
        free(*(char **)base);
        *(char **)base = xstrdup(text);
        return true;
    }
    if (fd->list == SCEN_EVENTS && strcmp(name, "at_s") != 0 && strcmp(name, "for_s") != 0 &&
        strcmp(name, "label") != 0) {
        /* what the event does changes (a factor, a count): a label written for the old
         * ("sale opens: 5x") would contradict it; when it happens does not */
        char before[256], after[256];
        panel_format_value(fd->f, base, before, sizeof before);
        if (!panel_store_value(fd->f, base, text, why, cap)) return false;
        panel_format_value(fd->f, base, after, sizeof after);
        if (strcmp(before, after) != 0) scenario_unlabel(m, SCEN_EVENTS, fd->index);
        return true;
    }
    return panel_store_value(fd->f, base, text, why, cap);
}

/* The validator's message about `key` on model m (path "scenario.<key>"), or NULL. */
static bool validator_says(const Model *m, const char *key, char *out, size_t cap, bool *error)
{
    DiagList d;
    diag_init(&d, NULL);
    model_validate(m, &d);
    char path[64];
    snprintf(path, sizeof path, "scenario.%s", key);
    size_t n = strlen(path);
    bool found = false;
    for (int i = 0; i < d.n_items && !found; i++) {
        const char *q = d.items[i].path ? d.items[i].path : "";
        if (strncmp(q, path, n) == 0 && (q[n] == 0 || q[n] == '.')) {
            snprintf(out, cap, "%s", d.items[i].message);
            *error = d.items[i].level == DIAG_ERROR;
            found = true;
        }
    }
    diag_free(&d);
    return found;
}

/* Check the text being typed into field fd (once per change of the text). */
static void check_live(App *app, const Field *fd, const char *typed)
{
    if (strcmp(app->live_key, fd->key) == 0 && app->live_text && strcmp(app->live_text, typed) == 0) return;
    snprintf(app->live_key, sizeof app->live_key, "%s", fd->key);
    free(app->live_text);
    app->live_text = xstrdup(typed);
    app->live_msg[0] = 0;
    app->live_error = false;
    Model *copy = model_clone(app->model);
    char why[200] = "";
    if (!field_store(copy, fd, typed, why, sizeof why)) {
        snprintf(app->live_msg, sizeof app->live_msg, "%s", why);
        app->live_error = true;
    } else {
        validator_says(copy, fd->key, app->live_msg, sizeof app->live_msg, &app->live_error);
    }
    model_destroy(copy);
}

/* The row's label as the panel shows it: `label`, or for an inline field without one the
 * field's human name; after its group's label for a field inside one. */
static void spoken_label(const Field *fd, const char *label, char *out, size_t cap)
{
    char lab[96];
    if (label) snprintf(lab, sizeof lab, "%s", label);
    else panel_human_label(fd->f->name, lab, sizeof lab);
    if (fd->group) snprintf(out, cap, "%s: %s", fd->group, lab);
    else snprintf(out, cap, "%s", lab);
}

/* A step's name (undo's menu and the status bar) in the panel's words: the row's label, the
 * item it is in and the value, "Set "At most" of requirement 3 to 150 ms", never the
 * file's path "requirements[2].max". `after` is the model with the change made, `was` the
 * field's text before it (a request type's old name). */
static void step_name(const Model *after, const Field *fd, const char *label, const char *value, const char *unit,
                      const char *was, char *out, size_t cap)
{
    char lab[160], val[160];
    spoken_label(fd, label, lab, sizeof lab);
    panel_value_with_unit(value, fd->percent ? "%" : unit, val, sizeof val);
    switch (fd->list) {
    case SCEN_REQUESTS: {
        const char *name = after->scenario.requests[fd->index].name;
        if (strcmp(fd->f->name, "name") == 0) {
            snprintf(out, cap, _("Rename request type %s to %s"), was, value);
            break;
        }
        snprintf(out, cap, _("Set \xE2\x80\x9C%s\xE2\x80\x9D of request type %s to %s"), lab, name ? name : "?", val);
        break;
    }
    case SCEN_REQUIREMENTS:
        snprintf(out, cap, _("Set \xE2\x80\x9C%s\xE2\x80\x9D of requirement %d to %s"), lab, fd->index + 1, val);
        break;
    case SCEN_EVENTS:
        snprintf(out, cap, _("Set \xE2\x80\x9C%s\xE2\x80\x9D of event %d to %s"), lab, fd->index + 1, val);
        break;
    case SCEN_HINTS: snprintf(out, cap, _("Edit hint %d"), fd->index + 1); break;
    default: snprintf(out, cap, _("Set \xE2\x80\x9C%s\xE2\x80\x9D to %s"), lab, val); break;
    }
}

/* A typed field: label (when given) and box; on submit the value goes into a copy of the
 * model and the difference is one step; while typing, the verdict shows under it. */
static void field_row(Panel *p, const Field *fd, const char *label, const char *unit, float indent, float width)
{
    App *app = p->app;
    Ui *ui = p->ui;
    char value[1024];
    field_text(app, fd, value, sizeof value);
    bool number = fd->f->type == FT_NUMBER || fd->f->type == FT_INT || fd->f->type == FT_U64;
    Rect fr;
    if (label) {
        panel_tip(p, _(fd->f->doc));
        fr = panel_row_field(p, label, indent);
    } else {
        fr = rect_make(p->x + indent, p->y, width, theme.row_h - 4);
    }
    if (!number && label) fr.w = p->x + p->w - fr.x;
    if (width > 0 && label) fr.w = width;
    panel_record_field(p, fd->key, fr);
    UiId id = ui_id(fd->key);
    if (panel_goto_here(p, fd->key, fr)) ui_focus(ui, id, value);
    const char *typed = ui_editing(ui, id);
    if (typed) check_live(app, fd, typed);
    bool live = typed && strcmp(app->live_key, fd->key) == 0 && app->live_msg[0];
    bool invalid = (strcmp(app->insp_error_key, fd->key) == 0 && app->insp_error[0]) ||
                   panel_problem_text(p, fd->key) != NULL || (live && app->live_error);
    char out[1024];
    UiTextResult res = ui_textbox(ui, id, fr, value, out, sizeof out, (invalid ? UI_INVALID : 0) | (number ? UI_NUMERIC : 0));
    if (unit) panel_row_unit(p, fr, panel_short_unit(unit, NULL)); /* the status says it whole */
    panel_zero_note(p, id, fr, value, fd->f);
    if (res == UI_TEXT_CANCEL) panel_clear_error(app, fd->key);
    if (res == UI_TEXT_SUBMIT && strcmp(out, value) != 0) {
        Model *after = model_clone(app->model);
        char why[200] = "";
        if (field_store(after, fd, out, why, sizeof why)) {
            char what[400];
            step_name(after, fd, label, out, unit, value, what, sizeof what);
            panel_clear_error(app, fd->key);
            commit_copy(app, after, what);
        } else {
            model_destroy(after);
            char lab[160];
            spoken_label(fd, label, lab, sizeof lab);
            panel_set_error(app, fd->key, lab, why);
        }
    }
    if (!label) return; /* an inline field: the caller ends the row */
    if (typed && live) {
        p->y += theme.row_h;
        panel_note(p, app->live_msg, app->live_error ? theme.danger : theme.warning);
    } else {
        panel_row_end(p, fd->key);
    }
}

static Field make_field(ScenList l, int k, const char *name, size_t sub_off)
{
    Field fd = {l, k, schema_find(table_of(l), name), sub_off, false, "", NULL};
    if (l == SCEN_LIST_COUNT) snprintf(fd.key, sizeof fd.key, "%s", name);
    else snprintf(fd.key, sizeof fd.key, "%s[%d].%s", LIST_KEY[l], k, name);
    return fd;
}

/* A dropdown row: label, the names, the current index; true when the user picked another. */
static bool choice_row(Panel *p, const char *key, const char *label, const char *const *names, int n, int *value,
                       const char *doc)
{
    panel_tip(p, doc);
    Rect fr = panel_row_choice(p, label, 10);
    const char *shown[UI_TR_NAMES_MAX + 1];
    ui_tr_names(names, n, shown);
    /* A choice longer than the field ("any (primaries first)") gets a line of its own
     * under its label, as wide as the panel. */
    if (*value >= 0 && *value < n &&
        render_text_width(p->app->r, FONT_REGULAR, theme.ui_font, shown[*value]) > fr.w - 28) { /* as the dropdown fits it */
        p->y += theme.row_h - 6;
        fr = rect_make(p->x + 10, p->y, p->w - 10, theme.row_h - 4);
    }
    panel_record_field(p, key, fr);
    UiId id = ui_id(key);
    panel_goto_here(p, key, fr);
    bool changed = ui_dropdown(p->ui, id, fr, shown, n, value, 0);
    panel_row_end(p, key);
    return changed;
}

/* ---- names for dropdowns ------------------------------------------------------------------ */

typedef struct Names {
    const char **names; /* shown */
    const char **ids;   /* what is stored (NULL for "none / all") */
    int n;
} Names;

static void names_add(Names *x, const char *name, const char *id)
{
    x->names = xrealloc(x->names, (size_t)(x->n + 1) * sizeof *x->names);
    x->ids = xrealloc(x->ids, (size_t)(x->n + 1) * sizeof *x->ids);
    x->names[x->n] = name;
    x->ids[x->n] = id;
    x->n++;
}

static void names_free(Names *x)
{
    free(x->names);
    free(x->ids);
}

static int names_find(const Names *x, const char *id)
{
    for (int i = 0; i < x->n; i++)
        if ((!id && !x->ids[i]) || (id && x->ids[i] && strcmp(id, x->ids[i]) == 0)) return i;
    return -1;
}

/* The client nodes (kind NODE_CLIENT) or every other node (kind -1), by label. */
static Names node_names(const Model *m, int kind, const char *first)
{
    Names x = {0};
    if (first) names_add(&x, first, NULL);
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        if (kind == NODE_CLIENT ? n->kind != NODE_CLIENT : n->kind == NODE_CLIENT) continue;
        names_add(&x, node_label_shown(n), n->id);
    }
    return x;
}

static Names request_names(const Model *m, const char *first)
{
    Names x = {0};
    if (first) names_add(&x, first, NULL);
    for (int i = 0; i < m->scenario.n_requests; i++)
        names_add(&x, m->scenario.requests[i].name ? m->scenario.requests[i].name : "?", m->scenario.requests[i].name);
    return x;
}

/* A string field of element (l, k) chosen from `x`; one step when it changes. */
static void pick_row(Panel *p, ScenList l, int k, const char *name, const char *label, Names *x, const char *missing)
{
    App *app = p->app;
    Field fd = make_field(l, k, name, 0);
    char **slot = (char **)field_ptr(app->model, &fd);
    int v = names_find(x, *slot);
    const char *shown = v >= 0 ? NULL : (*slot ? *slot : missing);
    panel_tip(p, _(fd.f->doc));
    Rect fr = panel_row_choice(p, label, 10);
    panel_record_field(p, fd.key, fr);
    UiId id = ui_id(fd.key);
    panel_goto_here(p, fd.key, fr);
    char shown_buf[160];
    if (shown) snprintf(shown_buf, sizeof shown_buf, "%s", shown);
    if (ui_dropdown_label(p->ui, id, fr, shown ? shown_buf : NULL, x->names, x->n, &v, 0) && v >= 0) {
        Model *after = model_clone(app->model);
        char **s = (char **)field_ptr(after, &fd);
        free(*s);
        *s = xstrdup(x->ids[v]);
        /* a requirement measures another type now, an event strikes another node or type */
        if (l == SCEN_REQUIREMENTS || l == SCEN_EVENTS) scenario_unlabel(after, l, k);
        char what[400];
        step_name(after, &fd, label, x->names[v], NULL, "", what, sizeof what);
        commit_copy(app, after, what);
    }
    panel_row_end(p, fd.key);
}

/* An enumeration field of element (l, k) as a dropdown with human names. */
static void enum_row(Panel *p, ScenList l, int k, const char *name, const char *label, const char *const *names)
{
    App *app = p->app;
    Field fd = make_field(l, k, name, 0);
    int v = *(int *)field_ptr(app->model, &fd);
    int n = panel_enum_count(names);
    if (choice_row(p, fd.key, label, names, n, &v, _(fd.f->doc))) {
        Model *after = model_clone(app->model);
        *(int *)field_ptr(after, &fd) = v;
        if (l == SCEN_EVENTS) scenario_unlabel(after, l, k); /* the event does something else now */
        char what[400];
        step_name(after, &fd, label, _(names[v]), NULL, "", what, sizeof what);
        commit_copy(app, after, what);
    }
}

/* ---- list items --------------------------------------------------------------------------- */

static void small_text(Panel *p, const char *s, Color c)
{
    /* wrapped, never cut ("Залиште межу порожньою, якщо її…") */
    float h = ui_text_wrap(p->ui, FONT_REGULAR, theme.small_font, p->x + 10, p->y, p->w - 10, s, c);
    p->y += fmaxf(18, h + 4);
}

/* The head of item k of list l: a chevron and its one line; a click opens or closes it.
 * `inline_w` leaves room on the right for an inline field. Returns whether it is open. */
/* An item's head line: a click opens or closes it. `inline_w` is kept free on its right
 * for a field on the same row (0: none). A line too long for its room takes two; the
 * head then grows by a line: p->y moves past it, or with a field on the row, *grown says
 * by how much, for the caller to centre the field and move on. */
static bool item_head(Panel *p, ScenList l, int k, const char *line, float inline_w, bool problem, float *grown)
{
    App *app = p->app;
    Ui *ui = p->ui;
    bool open = app->scen_open[l] == k;
    Rect hr = {p->x, p->y, p->w - inline_w, theme.row_h - 4};
    /* A line too long for the panel takes two ("errors <= 0.5%, launch surge includ…" was
     * cut), where no field shares its row. */
    FontId font = open ? FONT_BOLD : FONT_REGULAR;
    float grow = 0;
    if ((inline_w <= 0 || grown) && render_text_width(app->r, font, theme.ui_font, line) > hr.w - 18 &&
        render_wrap(app->r, font, theme.ui_font, hr.w - 18, line, NULL, NULL) == 2)
        grow = theme.ui_font + 2;
    hr.h += grow;
    char key[48];
    snprintf(key, sizeof key, "%s[%d]", LIST_KEY[l], k);
    panel_goto_here(p, key, hr);
    if (ui_button(ui, ui_idn(LIST_KEY[l], 1000 + k), hr, "", UI_INVISIBLE)) {
        app->scen_open[l] = open ? -1 : k;
        open = !open;
        ui->focus = 0;
    }
    if (ui_hover(ui, hr)) ui_rrect(ui, hr, 4, theme.panel_alt);
    ui_icon(ui, open ? ICON_CHEVRON_DOWN : ICON_CHEVRON_RIGHT, rect_make(hr.x + 2, hr.y + (hr.h - 10) / 2, 10, 10),
            theme.text_dim);
    Rect tr = rect_make(hr.x + 16, hr.y, hr.w - 18, hr.h);
    Color c = problem ? theme.danger : theme.text;
    if (!(grow > 0 && ui_text_two_lines(ui, font, theme.ui_font, tr, line, c)))
        overlay_text_in(app, font, theme.ui_font, tr, 0, line, c); /* cut short: the whole line on hover */
    if (grown) *grown = grow;
    else p->y += grow; /* the caller moves on by a row */
    return open;
}

/* Move up, move down and delete for an open item; returns true when the list changed. */
static bool item_tools(Panel *p, ScenList l, int k, const char *noun)
{
    App *app = p->app;
    Ui *ui = p->ui;
    int n = scenario_list_count(app->model, l);
    float x = p->x + 10, y = p->y + 2, h = 26;
    char what[120];
    bool changed = false;
    if (ui_button(ui, ui_idn("scen-up", l * 1000 + k), rect_make(x, y, 34, h), "\xE2\x86\x91", k > 0 ? 0 : UI_DISABLED)) {
        Model *after = model_clone(app->model);
        scenario_move(after, l, k, -1);
        snprintf(what, sizeof what, _("Move %s up"), noun);
        commit_copy(app, after, what);
        app->scen_open[l] = k - 1;
        changed = true;
    }
    if (ui_button(ui, ui_idn("scen-down", l * 1000 + k), rect_make(x + 38, y, 34, h), "\xE2\x86\x93",
                  k < n - 1 ? 0 : UI_DISABLED)) {
        Model *after = model_clone(app->model);
        scenario_move(after, l, k, 1);
        snprintf(what, sizeof what, _("Move %s down"), noun);
        commit_copy(app, after, what);
        app->scen_open[l] = k + 1;
        changed = true;
    }
    snprintf(what, sizeof what, _("Delete %s"), noun);
    float dw = render_text_width(app->r, FONT_REGULAR, theme.ui_font, what) + 20;
    if (!changed && ui_button(ui, ui_idn("scen-del", l * 1000 + k), rect_make(p->x + p->w - dw, y, dw, h), what, 0)) {
        Model *after = model_clone(app->model);
        char *why = l == SCEN_REQUESTS ? scenario_describe_request_removal(app->model, k) : NULL;
        scenario_remove(after, l, k);
        if (why) {
            char title[160];
            snprintf(title, sizeof title, _("Delete %s?"), noun);
            app_confirm_edit(app, title, why, after, what);
            app->confirm_close_list = l; /* on yes, the open item is gone */
            free(why);
        } else {
            app->scen_open[l] = -1;
            commit_copy(app, after, what);
        }
        changed = true;
    }
    p->y += h + 10;
    return changed;
}

/* "+ Add ..." at the right of a section heading; true when clicked. */
static bool add_button(Panel *p, const char *id, const char *label)
{
    float w = ui_button_w(p->ui, label, UI_FLAT, 0) - 8;
    Rect b = {p->x + p->w - w, p->y - 26, w, 22};
    return ui_button(p->ui, ui_id(id), b, label, UI_FLAT);
}

/* The heading of list l: its title, "+ Add" (adds with `add`), and when the list is
 * empty the note saying what it is for. Returns false when the list is empty. */
static bool list_heading(Panel *p, ScenList l, const char *title, void (*add)(App *), const char *empty_note,
                         Color note_color)
{
    panel_section(p, title);
    panel_goto_here(p, LIST_KEY[l], rect_make(p->x, p->y - 22, p->w, 22));
    char id[32];
    snprintf(id, sizeof id, "scen-add-%s", LIST_KEY[l]);
    if (add_button(p, id, _("+ Add"))) add(p->app);
    if (scenario_list_count(p->app->model, l) > 0) return true;
    panel_note(p, empty_note, note_color);
    return false;
}

static bool has_problem(Panel *p, ScenList l, int k)
{
    char key[48];
    snprintf(key, sizeof key, "%s[%d]", LIST_KEY[l], k);
    return panel_problem(p, key) && panel_problem(p, key)->level == DIAG_ERROR;
}

/* ---- traffic -------------------------------------------------------------------------------- */

static const char *const OP_NAMES[] = {N_("read"), N_("write"), NULL};
static const char *const LOOP_NAMES[] = {N_("open loop: a rate"), N_("closed loop: users"), NULL};
static const char *const ARRIVAL_NAMES[] = {N_("Poisson (random)"), N_("constant (evenly spaced)"), NULL};
static const char *const DIST_NAMES[] = {N_("constant"), N_("exponential"), N_("uniform"), N_("lognormal"), N_("pareto"), NULL};

static void add_request(App *app)
{
    Model *after = model_clone(app->model);
    RequestType r;
    request_defaults(&r);
    char name[32] = "read";
    for (int i = 2; model_find_request(after, name) >= 0; i++) snprintf(name, sizeof name, "request_%d", i);
    r.name = name;
    r.rate_rps = 1000;
    int clients = 0, last = -1;
    for (int i = 0; i < after->n_nodes; i++)
        if (after->nodes[i].kind == NODE_CLIENT) clients++, last = i;
    if (clients > 1) r.client = after->nodes[last].id;
    int k = scenario_add_request(after, &r);
    commit_copy(app, after, _("Add a request type"));
    app->scen_open[SCEN_REQUESTS] = k;
    scenario_panel_goto(app, "requests", k, "name");
}

static void think_rows(Panel *p, int k)
{
    App *app = p->app;
    const Dist *d = &app->model->scenario.requests[k].think_ms;
    int kind = (int)d->kind;
    char key[48];
    snprintf(key, sizeof key, "requests[%d].think_ms", k);
    if (choice_row(p, key, _("Think time"), DIST_NAMES, DIST_KIND_COUNT, &kind,
                   _(schema_find(schema_request_fields, "think_ms")->doc))) {
        Model *after = model_clone(app->model);
        Dist *nd = &after->scenario.requests[k].think_ms;
        double mean = dist_mean(nd);
        nd->kind = (DistKind)kind;
        if (nd->mean <= 0) nd->mean = mean > 0 ? mean : 1000;
        if (kind == DIST_LOGNORMAL && (nd->p99 < nd->mean || nd->p99 > 14 * nd->mean)) nd->p99 = nd->mean * 4;
        if (kind == DIST_UNIFORM && nd->max <= nd->min) nd->min = 0, nd->max = 2 * nd->mean;
        if (kind == DIST_PARETO && nd->alpha <= 1) nd->alpha = 2;
        commit_copy(app, after, _("Set think time"));
        d = &app->model->scenario.requests[k].think_ms;
    }
    static const char *const params[DIST_KIND_COUNT][4] = {
        {"mean", NULL}, {"mean", "cap", NULL}, {"min", "max", NULL}, {"mean", "p99", "cap", NULL}, {"mean", "alpha", "cap", NULL}};
    for (int j = 0; j < 4 && (unsigned)d->kind < DIST_KIND_COUNT && params[d->kind][j]; j++) {
        const char *pn = params[d->kind][j];
        Field fd = {SCEN_REQUESTS, k, schema_find(schema_dist_fields, pn), offsetof(RequestType, think_ms), false, "",
                    _("Think time")};
        snprintf(fd.key, sizeof fd.key, "requests[%d].think_ms.%s", k, pn);
        field_row(p, &fd, d->kind == DIST_CONSTANT ? _("value") : _(pn), strcmp(pn, "alpha") == 0 ? "" : "ms", 22, 0);
        d = &app->model->scenario.requests[k].think_ms;
    }
}

/* A request type's line in the Scenario panel: "place_order · write". */
static void request_line(const RequestType *r, char *out, size_t cap)
{
    snprintf(out, cap, "%s%s", r->name ? r->name : _("(no name)"), panel_write_tag(r));
}

/* The width of the rate fields on the request types' lines, one for all so they line up:
 * 96 (80 on a narrow panel), less where a long name ("payment_event · write") needs the
 * room, down to what the widest figure needs. */
/* The room after a request type's rate for its unit ("rps", "users", "польз."), its
 * 6 px gap included: the widest of the two in this language, at least 32 px. */
static float request_unit_w(Panel *p)
{
    float w = 26;
    const char *units[] = {"rps", "users"};
    for (int i = 0; i < 2; i++)
        w = fmaxf(w, render_text_width(p->app->r, FONT_REGULAR, theme.small_font, _(panel_short_unit(units[i], NULL))));
    return w + 6;
}

static float request_field_w(Panel *p)
{
    const Model *m = p->app->model;
    float fw = p->w >= 260 ? 96 : 80, least = 56, need = 0;
    for (int k = 0; k < m->scenario.n_requests; k++) {
        const RequestType *r = &m->scenario.requests[k];
        char line[160], fig[32];
        request_line(r, line, sizeof line);
        need = fmaxf(need, render_text_width(p->app->r, FONT_BOLD, theme.ui_font, line) + 26); /* bold when open */
        bool closed = r->rate_rps <= 0 && r->users > 0;
        snprintf(fig, sizeof fig, "%g", closed ? (double)r->users : r->rate_rps);
        least = fmaxf(least, render_text_width(p->app->r, FONT_REGULAR, theme.ui_font, fig) + 24);
    }
    float room = p->w - fw - request_unit_w(p) - 2;
    return need > room ? fmaxf(fminf(least, fw), fw - (need - room)) : fw;
}

static void traffic_section(Panel *p)
{
    App *app = p->app;
    const Model *m = app->model;
    if (!list_heading(p, SCEN_REQUESTS, _("TRAFFIC"), add_request,
                      _("No traffic yet: nothing is sent through the design. A request type says who sends it, "
                      "read or write, and how many per second."),
                      theme.warning)) {
        if (ui_button(p->ui, ui_id("scen-add-req-big"), rect_make(p->x, p->y, p->w, 30), _("+ Add a request type"), UI_PRIMARY))
            add_request(app);
        p->y += 40;
        return;
    }
    float fw = request_field_w(p), uw = request_unit_w(p);
    for (int k = 0; k < app->model->scenario.n_requests; k++) {
        m = app->model;
        const RequestType *r = &m->scenario.requests[k];
        bool closed = r->rate_rps <= 0 && r->users > 0;
        char line[160];
        request_line(r, line, sizeof line);
        float grown = 0; /* a name too long for its line ("upload_photo · запис"): two lines */
        bool open = item_head(p, SCEN_REQUESTS, k, line, fw + uw + 2, has_problem(p, SCEN_REQUESTS, k), &grown);
        /* The rate (or users) stays in view on the head's line, centred beside it. */
        Field num = make_field(SCEN_REQUESTS, k, closed ? "users" : "rate_rps", 0);
        float save_x = p->x;
        p->y += grown / 2;
        field_row(p, &num, NULL, closed ? "users" : "rps", p->w - fw - uw, fw); /* its unit after it */
        p->x = save_x;
        p->y += grown / 2;
        panel_row_end(p, num.key);
        if (k >= app->model->scenario.n_requests) break;
        if (!open) continue;
        Field nm = make_field(SCEN_REQUESTS, k, "name", 0);
        field_row(p, &nm, _("Name"), NULL, 10, 0);
        Names clients = node_names(app->model, NODE_CLIENT, NULL);
        if (clients.n == 0) {
            panel_note(p, _("No client on the board: add a Client node (palette, left); it sends this traffic."),
                       theme.danger);
        } else {
            pick_row(p, SCEN_REQUESTS, k, "client", _("Sent by"), &clients,
                     clients.n == 1 ? clients.names[0] : _("pick the client"));
        }
        names_free(&clients);
        enum_row(p, SCEN_REQUESTS, k, "op", _("Operation"), OP_NAMES);
        r = &app->model->scenario.requests[k];
        closed = r->rate_rps <= 0 && r->users > 0;
        int loop = closed;
        char lkey[48];
        snprintf(lkey, sizeof lkey, "requests[%d].loop", k);
        if (choice_row(p, lkey, _("Load"), LOOP_NAMES, 2, &loop,
                       _("Open loop: requests arrive at a rate whatever the system does, as internet traffic. "
                       "Closed loop: a number of users, each waiting for an answer, then thinking."))) {
            Model *after = model_clone(app->model);
            RequestType *ar = &after->scenario.requests[k];
            if (loop) {
                ar->users = ar->rate_rps > 0 ? (int)fmax(1, round(ar->rate_rps)) : 100;
                ar->rate_rps = 0;
            } else {
                ar->rate_rps = ar->users > 0 ? ar->users : 1000;
                ar->users = 0;
            }
            commit_copy(app, after, loop ? _("Make it a closed loop") : _("Make it an open loop"));
        }
        r = &app->model->scenario.requests[k];
        if (r->rate_rps <= 0 && r->users > 0) think_rows(p, k);
        else enum_row(p, SCEN_REQUESTS, k, "arrival", _("Arrivals"), ARRIVAL_NAMES);
        /* Who sends it, for replication lag and read-your-writes (0 = no sessions). */
        Field ss = make_field(SCEN_REQUESTS, k, "sessions", 0);
        field_row(p, &ss, _("Sessions"), "users", 10, 0);
        if (k >= app->model->scenario.n_requests) break;
        /* What the flow equations expect of it. */
        if (app->est_valid && k < app->est.n_requests) {
            char rate[32], lat[NUMFMT_CAP], line2[512];
            fmt_num(app->est.request_rate_rps[k], rate, sizeof rate);
            numfmt_ms_in(app->est.request_latency_ms[k], tr_lang(), lat, sizeof lat); /* "9,39 с" on a Russian screen */
            double sent = app->est.request_offered_rps[k];
            if (sent > 1.01 * app->est.request_rate_rps[k]) { /* closed-loop users past a full queue */
                char sent_text[32];
                fmt_num(sent, sent_text, sizeof sent_text);
                snprintf(line2, sizeof line2,
                         _("predicted: %s rps end to end, mean latency %s; the users send about %s rps, the rest "
                           "rejected at a full queue"),
                         rate, lat, sent_text);
            } else if (!isfinite(app->est.request_latency_ms[k]) && estimate_type_turned_away(&app->est, k)) {
                /* over capacity on its path: what is answered, and how fast */
                char ans[32];
                fmt_num(app->est.request_answered_rps[k], ans, sizeof ans);
                if (isfinite(app->est.request_kept_latency_ms[k]))
                    snprintf(line2, sizeof line2,
                             _("predicted: about %s of %s rps answered, mean latency %s once the queues are full; the "
                               "rest turned away (a node on its path is over capacity)"),
                             ans, rate, numfmt_ms_in(app->est.request_kept_latency_ms[k], tr_lang(), lat, sizeof lat));
                else
                    snprintf(line2, sizeof line2,
                             _("predicted: about %s of %s rps answered, latency unbounded (a node on its path is over "
                               "capacity)"),
                             ans, rate);
            } else if (estimate_type_turned_away(&app->est, k)) {
                /* the rest turned away at once: a rate limit, a full backlog */
                char ans[32];
                fmt_num(app->est.request_answered_rps[k], ans, sizeof ans);
                snprintf(line2, sizeof line2,
                         _("predicted: about %s of %s rps answered, mean latency %s; the rest turned away at once (a "
                           "rate limit, or a queue whose consumers cannot keep up)"),
                         ans, rate, lat);
            } else {
                snprintf(line2, sizeof line2, _("predicted: %s rps end to end, mean latency %s"), rate,
                         isfinite(app->est.request_latency_ms[k]) ? lat : _("unbounded (a node on its path is over capacity)"));
            }
            small_text(p, line2, theme.text_faint);
            /* past capacity: when a run gets there, if later than its warm-up */
            double warm_s = app->model->scenario.warmup_s, after_s = estimate_type_late_s(&app->est, k, warm_s);
            double end_s = warm_s + app->model->scenario.duration_s;
            if (after_s > 0) {
                char at[NUMFMT_CAP], wu[NUMFMT_CAP];
                if (after_s >= end_s) /* the run ends first: its latency still grows */
                    snprintf(line2, sizeof line2,
                             _("This holds from about %s into a run, once its queues are full and the requests in "
                               "them have waited their way through: after the run ends (at %s), so a run shows its "
                               "latency still growing."),
                             numfmt_ms_in(after_s * 1000, tr_lang(), at, sizeof at),
                             numfmt_ms_in(end_s * 1000, tr_lang(), wu, sizeof wu));
                else
                    snprintf(line2, sizeof line2,
                             _("This holds from about %s into a run, once its queues are full and the requests in "
                               "them have waited their way through (warm-up: %s): a run measures it only after that."),
                             numfmt_ms_in(after_s * 1000, tr_lang(), at, sizeof at),
                             numfmt_ms_in(warm_s * 1000, tr_lang(), wu, sizeof wu));
                small_text(p, line2, theme.text_faint);
            }
        }
        char noun[120];
        snprintf(noun, sizeof noun, "'%s'", app->model->scenario.requests[k].name ? app->model->scenario.requests[k].name : "");
        if (item_tools(p, SCEN_REQUESTS, k, noun)) break;
    }
}

/* ---- requirements ------------------------------------------------------------------------- */

static const char *const METRIC_NAMES[] = {
    N_("p50 latency (ms)"), N_("p90 latency (ms)"), N_("p95 latency (ms)"), N_("p99 latency (ms)"), N_("p99.9 latency (ms)"),
    N_("mean latency (ms)"), N_("max latency (ms)"), N_("error rate (%)"), N_("throughput (rps)"),
    N_("async work p99, enqueue to done (ms)"), N_("cost per month (USD)"), N_("stale read rate (%)"),
    N_("max consumer lag (messages)"), N_("max consumer lag (s)"), N_("cache hit ratio (%)"), NULL};
_Static_assert(sizeof METRIC_NAMES / sizeof *METRIC_NAMES == METRIC_COUNT + 1, "a name per metric");

/* Metrics of the whole design (or of every queue), never of one request type. */
static bool metric_takes_no_request(Metric k)
{
    return k == METRIC_COST_PER_MONTH_USD || k == METRIC_MAX_LAG_MESSAGES || k == METRIC_MAX_LAG_S ||
           k == METRIC_HIT_RATIO;
}

const char *scenario_metric_unit(Metric k)
{
    switch (k) {
    case METRIC_ERROR_RATE:
    case METRIC_STALE_READ_RATE:
    case METRIC_HIT_RATIO: return "%";
    case METRIC_THROUGHPUT_RPS: return "rps";
    case METRIC_COST_PER_MONTH_USD: return "USD";
    case METRIC_MAX_LAG_MESSAGES: return "messages";
    case METRIC_MAX_LAG_S: return "s";
    default: return "ms";
    }
}

static void add_requirement(App *app)
{
    Model *after = model_clone(app->model);
    Requirement q = {.metric = METRIC_P99_MS, .has_max = true, .max = 200};
    int k = scenario_add_requirement(after, &q);
    commit_copy(app, after, _("Add a requirement"));
    app->scen_open[SCEN_REQUIREMENTS] = k;
    scenario_panel_goto(app, "requirements", k, "max");
}

/* A requirement's or an event's Label, written in the language picked over it (EN / RU /
 * UK, as the title and prompt are): in Russian its Russian label, the English to
 * translate faint in an empty box. One step on submit. */
static void item_label_row(Panel *p, ScenList l, int k)
{
    const char *what = l == SCEN_REQUIREMENTS ? "requirement-label" : "event-label";
    Field f = make_field(l, k, "label", 0);
    char out[512];
    if (panel_text_row(p, _("Label"), _(f.f->doc), l == SCEN_REQUIREMENTS ? "req-label-lang" : "ev-label-lang", what, k,
                       f.key, -1, 10, "", out, sizeof out)) {
        char step[400];
        step_name(p->app->model, &f, _("Label"), out, NULL, "", step, sizeof step);
        panel_text_commit(p->app, what, k, out, step);
    }
    panel_row_end(p, f.key);
}

static void requirements_section(Panel *p)
{
    App *app = p->app;
    if (!list_heading(p, SCEN_REQUIREMENTS, _("REQUIREMENTS"), add_requirement,
                      _("No requirements: a run has nothing to be graded against. A requirement is a limit the run "
                      "must meet: p99 under 200 ms, errors under 0.1%, a budget."),
                      theme.text_dim))
        return;
    for (int k = 0; k < app->model->scenario.n_requirements; k++) {
        const Requirement q = app->model->scenario.requirements[k];
        char *d = requirement_describe_in(app->model, k, app->lang);
        bool open = item_head(p, SCEN_REQUIREMENTS, k, d, 0, has_problem(p, SCEN_REQUIREMENTS, k), NULL);
        free(d);
        p->y += theme.row_h;
        bool pct = metric_is_share(q.metric);
        const char *unit = scenario_metric_unit(q.metric);
        if (!open) {
            /* The limits stay editable from the closed line. */
            Field f;
            if (q.has_max) {
                f = make_field(SCEN_REQUIREMENTS, k, "max", 0);
                f.percent = pct;
                field_row(p, &f, _("at most"), unit, 10, 0);
            }
            if (q.has_min) {
                f = make_field(SCEN_REQUIREMENTS, k, "min", 0);
                f.percent = pct;
                field_row(p, &f, _("at least"), unit, 10, 0);
            }
            if (k >= app->model->scenario.n_requirements) break;
            continue;
        }
        int metric = (int)q.metric;
        char key[48];
        snprintf(key, sizeof key, "requirements[%d].metric", k);
        if (choice_row(p, key, _("Metric"), METRIC_NAMES, METRIC_COUNT, &metric, _("What is measured."))) {
            Model *after = model_clone(app->model);
            Requirement *aq = &after->scenario.requirements[k];
            Metric old = aq->metric;
            aq->metric = (Metric)metric;
            /* A limit in another unit would be nonsense: start from a usual one. */
            if (strcmp(scenario_metric_unit(old), scenario_metric_unit(aq->metric)) != 0) {
                aq->has_min = false;
                bool at_least = aq->metric == METRIC_THROUGHPUT_RPS || aq->metric == METRIC_HIT_RATIO;
                aq->has_max = !at_least;
                aq->has_min = at_least;
                aq->max = aq->metric == METRIC_ERROR_RATE        ? 0.001
                          : aq->metric == METRIC_STALE_READ_RATE ? 0.01
                          : aq->metric == METRIC_COST_PER_MONTH_USD ? 10000
                                                                    : 200;
                aq->min = aq->metric == METRIC_THROUGHPUT_RPS ? 1000 : aq->metric == METRIC_HIT_RATIO ? 0.9 : 0;
            }
            if (metric_takes_no_request(aq->metric)) {
                free(aq->request);
                aq->request = NULL;
            }
            scenario_unlabel(after, SCEN_REQUIREMENTS, k); /* a label for the old metric would mislead */
            commit_copy(app, after, _("Set the requirement's metric"));
        }
        if (!metric_takes_no_request(app->model->scenario.requirements[k].metric)) {
            Names reqs = request_names(app->model, _("all together"));
            pick_row(p, SCEN_REQUIREMENTS, k, "request", _("Request"), &reqs, _("all together"));
            names_free(&reqs);
        }
        const Requirement *cq = &app->model->scenario.requirements[k];
        pct = metric_is_share(cq->metric);
        unit = scenario_metric_unit(cq->metric);
        Field f = make_field(SCEN_REQUIREMENTS, k, "max", 0);
        f.percent = pct;
        field_row(p, &f, _("At most"), unit, 10, 0);
        f = make_field(SCEN_REQUIREMENTS, k, "min", 0);
        f.percent = pct;
        field_row(p, &f, _("At least"), unit, 10, 0);
        small_text(p, _("Leave a limit empty for none."), theme.text_faint);
        item_label_row(p, SCEN_REQUIREMENTS, k);
        if (item_tools(p, SCEN_REQUIREMENTS, k, C_("noun", "requirement"))) break;
    }
}

/* ---- events ---------------------------------------------------------------------------------- */

static const char *const ACTION_NAMES[] = {N_("fail: servers down"), N_("surge: more traffic"), N_("slow: a slower node"), NULL};
static const char *const ROLE_NAMES[] = {N_("any (primaries first)"), N_("primary"), N_("replica"), NULL};

/* "Links DB fails 30–45 s", "surge ×3 of redirect 10–20 s", or its label. */
static void add_event(App *app)
{
    Model *after = model_clone(app->model);
    ScenarioEvent e;
    event_defaults(&e);
    double end = after->scenario.warmup_s + after->scenario.duration_s;
    e.at_s = round(after->scenario.warmup_s + after->scenario.duration_s / 3);
    e.for_s = round(after->scenario.duration_s / 4);
    if (e.at_s + e.for_s > end) e.for_s = 0;
    /* Fail one server of the busiest-looking node: a database if there is one. */
    int pick = -1;
    for (int i = 0; i < after->n_nodes && pick < 0; i++)
        if (after->nodes[i].kind == NODE_DATABASE) pick = i;
    for (int i = 0; i < after->n_nodes && pick < 0; i++)
        if (after->nodes[i].kind != NODE_CLIENT) pick = i;
    if (pick >= 0) {
        e.node = after->nodes[pick].id;
        e.instances = 1;
    } else {
        e.action = EVENT_SURGE;
        e.factor = 2;
    }
    int k = scenario_add_event(after, &e);
    commit_copy(app, after, _("Add an event"));
    app->scen_open[SCEN_EVENTS] = k;
    scenario_panel_goto(app, "events", k, "at_s");
}

static bool fail_place_row(Panel *p, int k);

static void events_section(Panel *p)
{
    App *app = p->app;
    if (!list_heading(p, SCEN_EVENTS, _("EVENTS"), add_event,
                      _("Nothing goes wrong during the run. Add a failure, a traffic surge or a slowdown to see "
                      "how the design copes."),
                      theme.text_dim))
        return;
    for (int k = 0; k < app->model->scenario.n_events; k++) {
        char what[400], line[520];
        scenario_event_line(app->model, &app->model->scenario.events[k], true, what, sizeof what);
        const ScenarioEvent *e = &app->model->scenario.events[k];
        const char *label = scenario_event_label_in(&app->model->scenario, k, app->lang); /* in the app's language */
        if (label) snprintf(line, sizeof line, "%.100s \xE2\x80\x94 %s", label, what);
        else snprintf(line, sizeof line, "%s", what);
        bool open = item_head(p, SCEN_EVENTS, k, line, 0, has_problem(p, SCEN_EVENTS, k), NULL);
        p->y += theme.row_h;
        if (!open) continue;
        int action = (int)e->action;
        char key[48];
        snprintf(key, sizeof key, "events[%d].action", k);
        if (choice_row(p, key, _("What"), ACTION_NAMES, EVENT_ACTION_COUNT, &action,
                       schema_find(schema_event_fields, "action")->doc)) {
            Model *after = model_clone(app->model);
            ScenarioEvent *ae = &after->scenario.events[k];
            ae->action = (EventAction)action;
            if (ae->action == EVENT_SURGE) {
                free(ae->node);
                ae->node = NULL;
            } else {
                free(ae->request);
                ae->request = NULL;
                if (!ae->node)
                    for (int i = 0; i < after->n_nodes && !ae->node; i++)
                        if (after->nodes[i].kind != NODE_CLIENT) ae->node = xstrdup(after->nodes[i].id);
            }
            if (ae->factor <= 0) ae->factor = 2;
            scenario_unlabel(after, SCEN_EVENTS, k); /* it does something else now */
            commit_copy(app, after, _("Set the event's action"));
        }
        e = &app->model->scenario.events[k];
        if (e->action == EVENT_FAIL && app->model->scenario.n_zones > 0 && fail_place_row(p, k)) break;
        e = &app->model->scenario.events[k];
        bool place = e->action == EVENT_FAIL && (e->zone || e->region); /* a zone or region fails whole */
        if (!place && e->action != EVENT_SURGE) {
            Names nodes = node_names(app->model, -1, NULL);
            pick_row(p, SCEN_EVENTS, k, "node", _("Node"), &nodes, _("pick a node"));
            names_free(&nodes);
        } else if (!place) {
            Names reqs = request_names(app->model, _("all of them"));
            pick_row(p, SCEN_EVENTS, k, "request", _("Request"), &reqs, _("all of them"));
            names_free(&reqs);
        }
        e = &app->model->scenario.events[k];
        int ni = e->node ? model_find_node(app->model, e->node) : -1;
        Field f;
        if (e->action == EVENT_FAIL && !place) {
            if (ni >= 0 && app->model->nodes[ni].kind == NODE_DATABASE)
                enum_row(p, SCEN_EVENTS, k, "role", _("Servers of"), ROLE_NAMES);
            f = make_field(SCEN_EVENTS, k, "instances", 0);
            field_row(p, &f, _("Servers (0 = all)"), "", 10, 0);
        } else if (e->action != EVENT_FAIL) {
            f = make_field(SCEN_EVENTS, k, "factor", 0);
            field_row(p, &f, _("Factor"), "\xC3\x97", 10, 0);
        }
        f = make_field(SCEN_EVENTS, k, "at_s", 0);
        field_row(p, &f, _("Starts at"), "s", 10, 0);
        f = make_field(SCEN_EVENTS, k, "for_s", 0);
        field_row(p, &f, _("Lasts"), "s", 10, 0);
        item_label_row(p, SCEN_EVENTS, k);
        if (item_tools(p, SCEN_EVENTS, k, C_("noun", "event"))) break;
    }
}

/* ---- zones and regions -------------------------------------------------------------------- */

/* Zone k's id becomes `id` in the copy m, and every node and event naming it follows. */
static void rename_zone(Model *m, int k, const char *id)
{
    Scenario *s = &m->scenario;
    char *old = s->zones[k].id;
    for (int i = 0; i < m->n_nodes; i++) {
        Node *n = &m->nodes[i];
        if (n->zone && old && strcmp(n->zone, old) == 0) {
            free(n->zone);
            n->zone = xstrdup(id);
        }
        for (int z = 0; z < n->n_zones; z++)
            if (n->zones[z] && old && strcmp(n->zones[z], old) == 0) {
                free(n->zones[z]);
                n->zones[z] = xstrdup(id);
            }
    }
    for (int e = 0; e < s->n_events; e++)
        if (s->events[e].zone && old && strcmp(s->events[e].zone, old) == 0) {
            free(s->events[e].zone);
            s->events[e].zone = xstrdup(id);
        }
    s->zones[k].id = xstrdup(id);
    free(old);
}

/* Zone k leaves the copy m: nodes placed there only are no longer placed, spread nodes
 * lose it, events failing it go. */
static void remove_zone(Model *m, int k)
{
    Scenario *s = &m->scenario;
    const char *id = s->zones[k].id ? s->zones[k].id : "";
    for (int i = 0; i < m->n_nodes; i++) {
        Node *n = &m->nodes[i];
        if (n->zone && strcmp(n->zone, id) == 0) {
            free(n->zone);
            n->zone = NULL;
        }
        for (int z = 0; z < n->n_zones; z++)
            if (n->zones[z] && strcmp(n->zones[z], id) == 0) {
                free(n->zones[z]);
                memmove(&n->zones[z], &n->zones[z + 1], (size_t)(n->n_zones - z - 1) * sizeof *n->zones);
                n->n_zones--;
                z--;
            }
    }
    for (int e = s->n_events - 1; e >= 0; e--)
        if (s->events[e].zone && strcmp(s->events[e].zone, id) == 0) scenario_remove(m, SCEN_EVENTS, e);
    free(s->zones[k].id);
    free(s->zones[k].region);
    memmove(&s->zones[k], &s->zones[k + 1], (size_t)(s->n_zones - k - 1) * sizeof *s->zones);
    s->n_zones--;
}

/* An inline text box of the zones section; true with `out` when a new text was entered. */
static bool zone_box(Panel *p, const char *key, Rect fr, const char *value, char *out, size_t cap)
{
    panel_record_field(p, key, fr);
    bool bad = strcmp(p->app->insp_error_key, key) == 0 && p->app->insp_error[0];
    return ui_textbox(p->ui, ui_id(key), fr, value, out, cap, bad ? UI_INVALID : 0) == UI_TEXT_SUBMIT &&
           strcmp(out, value) != 0;
}

static void zones_section(Panel *p)
{
    App *app = p->app;
    const Scenario *s = &app->model->scenario;
    panel_section(p, _("ZONES AND REGIONS"));
    if (add_button(p, "scen-add-zone", _("+ Add"))) {
        Model *after = model_clone(app->model);
        Scenario *as = &after->scenario;
        char id[32];
        for (int k = as->n_zones + 1;; k++) {
            snprintf(id, sizeof id, "zone-%d", k);
            if (scenario_find_zone(as, id) < 0) break;
        }
        as->zones = xrealloc(as->zones, (size_t)(as->n_zones + 1) * sizeof *as->zones);
        as->zones[as->n_zones].id = xstrdup(id);
        as->zones[as->n_zones].region = xstrdup(as->n_zones > 0 ? scenario_zone_region(as, 0) : "region-1");
        as->n_zones++;
        commit_copy(app, after, _("Add a zone"));
        return;
    }
    if (s->n_zones == 0) {
        panel_note(p, _("No zones: nodes are not placed. Add zones to place nodes in them (the inspector, or drop a "
                        "node into a zone's box), fail a whole zone or region, and take edge latencies from where "
                        "their ends run."),
                   theme.text_dim);
        return;
    }
    float w = (p->w - 48) / 2;
    for (int k = 0; k < s->n_zones; k++) {
        char key[48], out[128];
        Rect a = {p->x, p->y, w, theme.row_h - 4}, b = {p->x + w + 6, p->y, w, theme.row_h - 4};
        snprintf(key, sizeof key, "zones[%d].id", k);
        const char *id = s->zones[k].id ? s->zones[k].id : "";
        if (zone_box(p, key, a, id, out, sizeof out)) {
            if (!out[0] || (scenario_find_zone(s, out) >= 0 && scenario_find_zone(s, out) != k)) {
                panel_set_error(app, key, _("Zone"), out[0] ? _("Another zone has that id") : _("A zone needs an id"));
            } else {
                panel_clear_error(app, key);
                Model *after = model_clone(app->model);
                rename_zone(after, k, out);
                commit_copy(app, after, _("Rename a zone"));
                return;
            }
        }
        snprintf(key, sizeof key, "zones[%d].region", k);
        const char *reg = s->zones[k].region ? s->zones[k].region : "";
        if (zone_box(p, key, b, reg, out, sizeof out)) {
            Model *after = model_clone(app->model);
            free(after->scenario.zones[k].region);
            after->scenario.zones[k].region = out[0] ? xstrdup(out) : NULL;
            commit_copy(app, after, _("Set a zone's region"));
            return;
        }
        if (ui_button(p->ui, ui_idn("scen-del-zone", k), rect_make(p->x + p->w - 34, p->y, 34, theme.row_h - 4),
                      "\xC3\x97", UI_FLAT)) {
            Model *after = model_clone(app->model);
            remove_zone(after, k);
            commit_copy(app, after, _("Delete a zone"));
            return;
        }
        p->y += theme.row_h;
    }
    small_text(p, _("zone id, region"), theme.text_faint);
    Field f = make_field(SCEN_LIST_COUNT, 0, "zone_latency_ms", 0);
    field_row(p, &f, _("In a zone"), "ms", 0, 0);
    f = make_field(SCEN_LIST_COUNT, 0, "cross_zone_latency_ms", 0);
    field_row(p, &f, _("Between zones"), "ms", 0, 0);
    f = make_field(SCEN_LIST_COUNT, 0, "cross_region_latency_ms", 0);
    field_row(p, &f, _("Between regions"), "ms", 0, 0);
    /* region pairs with a latency of their own */
    s = &app->model->scenario;
    for (int k = 0; k < s->n_region_latency; k++) {
        const RegionLatency *l = &s->region_latency[k];
        char key[48], out[128], lab[200], val[32];
        snprintf(lab, sizeof lab, "%s - %s", l->from ? l->from : "?", l->to ? l->to : "?");
        small_text(p, lab, theme.text_dim);
        panel_tip(p, schema_find(schema_region_latency_fields, "latency_ms")->doc);
        Rect fr = panel_row_field(p, _("One way"), 0);
        fr.w -= 36;
        snprintf(key, sizeof key, "region_latency[%d].latency_ms", k);
        numfmt_decimal(l->latency_ms, 10, val, sizeof val);
        if (zone_box(p, key, fr, val, out, sizeof out)) {
            double v;
            char why[120];
            if (!panel_parse_number(out, &v, why, sizeof why) || v < 0 || v > 1e6) {
                panel_set_error(app, key, _("One way"), why[0] ? why : _("0 to 1,000,000 ms"));
            } else {
                panel_clear_error(app, key);
                Model *after = model_clone(app->model);
                after->scenario.region_latency[k].latency_ms = v;
                commit_copy(app, after, _("Set a region latency"));
                return;
            }
        }
        if (ui_button(p->ui, ui_idn("scen-del-rl", k), rect_make(p->x + p->w - 34, p->y, 34, theme.row_h - 4),
                      "\xC3\x97", UI_FLAT)) {
            Model *after = model_clone(app->model);
            RegionLatency *rl = after->scenario.region_latency;
            free(rl[k].from);
            free(rl[k].to);
            memmove(&rl[k], &rl[k + 1], (size_t)(after->scenario.n_region_latency - k - 1) * sizeof *rl);
            after->scenario.n_region_latency--;
            commit_copy(app, after, _("Delete a region latency"));
            return;
        }
        p->y += theme.row_h;
    }
    /* "+ latency between <a> and <b>": the first pair of regions without one */
    const char *ra = NULL, *rb = NULL;
    for (int x = 0; x < s->n_zones && !rb; x++)
        for (int y = x + 1; y < s->n_zones && !rb; y++) {
            const char *a = scenario_zone_region(s, x), *b = scenario_zone_region(s, y);
            if (strcmp(a, b) == 0) continue;
            bool have = false;
            for (int k = 0; k < s->n_region_latency && !have; k++) {
                const RegionLatency *l = &s->region_latency[k];
                have = l->from && l->to && ((!strcmp(l->from, a) && !strcmp(l->to, b)) || (!strcmp(l->from, b) && !strcmp(l->to, a)));
            }
            if (!have) ra = a, rb = b;
        }
    if (rb) {
        char lab[200];
        snprintf(lab, sizeof lab, _("+ latency between %s and %s"), ra, rb);
        if (ui_button(p->ui, ui_id("scen-add-rl"), rect_make(p->x, p->y, p->w, 24), lab, UI_FLAT)) {
            Model *after = model_clone(app->model);
            Scenario *as = &after->scenario;
            as->region_latency = xrealloc(as->region_latency, (size_t)(as->n_region_latency + 1) * sizeof *as->region_latency);
            as->region_latency[as->n_region_latency] = (RegionLatency){xstrdup(ra), xstrdup(rb), as->cross_region_latency_ms};
            as->n_region_latency++;
            commit_copy(app, after, _("Add a region latency"));
            return;
        }
        p->y += 28;
    }
}

/* A fail event: a node, or a whole zone or region (when the scenario has zones). */
static bool fail_place_row(Panel *p, int k)
{
    App *app = p->app;
    const Scenario *s = &app->model->scenario;
    const ScenarioEvent *e = &s->events[k];
    int nz = s->n_zones, n = 0, value = 0;
    const char **names = xcalloc((size_t)2 * nz + 2, sizeof *names);
    const char **zone = xcalloc((size_t)2 * nz + 2, sizeof *zone), **region = xcalloc((size_t)2 * nz + 2, sizeof *region);
    names[n++] = _("a node");
    for (int z = 0; z < nz; z++) {
        zone[n] = s->zones[z].id;
        names[n] = s->zones[z].id ? s->zones[z].id : "?";
        if (e->zone && zone[n] && strcmp(e->zone, zone[n]) == 0) value = n;
        n++;
    }
    for (int z = 0; z < nz; z++) {
        const char *r = scenario_zone_region(s, z);
        bool first = true;
        for (int y = 0; y < z; y++) first &= strcmp(scenario_zone_region(s, y), r) != 0;
        if (!first) continue;
        region[n] = r;
        char *lab = xasprintf("%s %s", _("region"), r);
        names[n] = lab;
        if (e->region && strcmp(e->region, r) == 0) value = n;
        n++;
    }
    char key[48];
    snprintf(key, sizeof key, "events[%d].zone", k);
    bool changed = false;
    if (choice_row(p, key, _("Fails"), names, n, &value, schema_find(schema_event_fields, "zone")->doc)) {
        Model *after = model_clone(app->model);
        ScenarioEvent *ae = &after->scenario.events[k];
        free(ae->zone);
        free(ae->region);
        ae->zone = zone[value] ? xstrdup(zone[value]) : NULL;
        ae->region = region[value] ? xstrdup(region[value]) : NULL;
        if (ae->zone || ae->region) {
            free(ae->node);
            ae->node = NULL;
            ae->instances = 0;
            ae->role = ROLE_ANY;
        } else if (!ae->node) {
            for (int i = 0; i < after->n_nodes && !ae->node; i++)
                if (after->nodes[i].kind != NODE_CLIENT) ae->node = xstrdup(after->nodes[i].id);
        }
        scenario_unlabel(after, SCEN_EVENTS, k); /* "zone A goes dark" on another zone would mislead */
        commit_copy(app, after, _("Set what the event fails"));
        changed = true;
    }
    for (int i = 0; i < n; i++)
        if (region[i]) free((char *)names[i]);
    free(names);
    free(zone);
    free(region);
    return changed;
}

/* ---- the run ------------------------------------------------------------------------------- */

static void run_section(Panel *p)
{
    App *app = p->app;
    panel_section(p, _("RUN"));
    Field f = make_field(SCEN_LIST_COUNT, 0, "duration_s", 0);
    field_row(p, &f, _("Duration"), "s", 0, 0);
    f = make_field(SCEN_LIST_COUNT, 0, "warmup_s", 0);
    field_row(p, &f, _("Warm-up"), "s", 0, 0);
    f = make_field(SCEN_LIST_COUNT, 0, "seed", 0);
    field_row(p, &f, _("Seed"), NULL, 0, 0);
    /* Replications live in the diagram's meta (run.c). */
    char value[32], out[64];
    snprintf(value, sizeof value, "%d", run_replications(app->model));
    /* xgettext:no-c-format */
    panel_tip(p, _("Independent runs with derived seeds; the figures become means with 95% confidence intervals."));
    Rect fr = panel_row_field(p, _("Replications"), 0);
    panel_record_field(p, "replications", fr);
    bool bad = strcmp(app->insp_error_key, "replications") == 0 && app->insp_error[0];
    if (ui_textbox(p->ui, ui_id("replications"), fr, value, out, sizeof out, UI_NUMERIC | (bad ? UI_INVALID : 0)) ==
            UI_TEXT_SUBMIT &&
        strcmp(out, value) != 0) {
        double v;
        char why[120];
        if (!panel_parse_number(out, &v, why, sizeof why)) {
            panel_set_error(app, "replications", _("Replications"), why);
        } else if (v < 1 || v > 100 || v != floor(v)) {
            panel_set_error(app, "replications", _("Replications"), _("A whole number from 1 to 100"));
        } else {
            panel_clear_error(app, "replications");
            Model *after = model_clone(app->model);
            char *meta = run_meta_with_replications(after->meta_json, (int)v);
            free(after->meta_json);
            after->meta_json = meta;
            commit_copy(app, after, _("Set replications"));
        }
    }
    panel_row_end(p, "replications");
}

/* ---- the exercise's text ---------------------------------------------------------------------- */

/* A text area for the prompt or hint k, `w` wide; one step on submit. Returns the height. */
static float text_area_row(Panel *p, const char *what, int k, const char *key, int min_lines, const char *placeholder,
                           float w)
{
    App *app = p->app;
    Ui *ui = p->ui;
    const char *lang = panel_text_lang(app, what, k), *own = scenario_text_own(app->model, what, k, lang);
    const char *value = own ? own : "";
    Rect fr = {p->x, p->y, w, theme.row_h};
    panel_record_field(p, key, fr);
    UiId id = panel_text_field_id(key, -1, lang);
    if (panel_goto_here(p, key, fr)) {
        ui_focus(ui, id, value);
        ui->multiline = true;
    }
    char *out = NULL;
    float h = 0;
    UiTextResult res = ui_textarea(ui, id, fr, value, &out, min_lines, &h, 0);
    if (!*value && !ui_editing(ui, id)) {
        char faint[600];
        panel_text_placeholder(app, what, k, placeholder, faint, sizeof faint);
        ui_text_fit(ui, FONT_REGULAR, theme.ui_font, fr.x + 8, fr.y + 5, faint, fr.w - 16, theme.text_faint);
    }
    if (res == UI_TEXT_SUBMIT && out && strcmp(out, value) != 0)
        panel_text_commit(app, what, k, out,
                          strcmp(what, "hint") == 0            ? _("Edit a hint")
                          : strcmp(what, "quantity-note") == 0 ? _("Edit the note of a quantity")
                                                               : _("Edit the prompt"));
    free(out);
    return h;
}

static void exercise_section(Panel *p)
{
    App *app = p->app;
    Ui *ui = p->ui;
    panel_section(p, _("THE QUESTION"));
    ui_text(ui, FONT_REGULAR, theme.ui_font, p->x, p->y, _("Prompt"), theme.text_dim);
    panel_text_lang_switch(p, "text-lang-q", "prompt", 0, p->x + p->w, p->y - 2);
    p->y += 22;
    p->y += text_area_row(p, "prompt", 0, "prompt", 3, _("The question as an interviewer asks it\xE2\x80\xA6"), p->w) + 4;
    panel_row_end(p, "prompt");
    p->y -= theme.row_h - 6;
    /* the heading gives way to its button ("Подсказки, по одной" and "+ Добавить подсказку") */
    float add_w = ui_button_w(ui, _("+ Add hint"), UI_FLAT, 0);
    ui_text_fit(ui, FONT_REGULAR, theme.ui_font, p->x, p->y, _("Hints, shown one at a time"), p->w - add_w,
                theme.text_dim);
    p->y += 26;
    if (add_button(p, "scen-add-hint", _("+ Add hint"))) {
        Model *after = model_clone(app->model);
        int k = scenario_add_hint(after, "");
        commit_copy(app, after, _("Add a hint"));
        snprintf(app->goto_key, sizeof app->goto_key, "hints[%d]", k);
    }
    int n = app->model->scenario.n_hints;
    if (n == 0) panel_note(p, _("No hints yet."), theme.text_faint);
    for (int k = 0; k < n; k++) {
        char key[32], num[16];
        snprintf(key, sizeof key, "hints[%d]", k);
        snprintf(num, sizeof num, "%d", k + 1);
        ui_text(ui, FONT_BOLD, theme.small_font, p->x, p->y + 6, num, theme.text_faint);
        float bx = p->x + p->w - 60;
        Rect up = {bx, p->y + 2, 18, 22}, down = {bx + 20, p->y + 2, 18, 22}, del = {bx + 40, p->y + 2, 18, 22};
        float sx = p->x;
        p->x += 16;
        float h = text_area_row(p, "hint", k, key, 1, _("A nudge towards the answer\xE2\x80\xA6"), p->w - 16 - 64);
        p->x = sx;
        p->y += h + 6;
        const char *what = NULL;
        int dir = 0;
        if (ui_button(ui, ui_idn("hint-up", k), up, "\xE2\x86\x91", UI_FLAT | (k > 0 ? 0 : UI_DISABLED))) what = _("Move the hint up"), dir = -1;
        if (ui_button(ui, ui_idn("hint-down", k), down, "\xE2\x86\x93", UI_FLAT | (k < n - 1 ? 0 : UI_DISABLED)))
            what = _("Move the hint down"), dir = 1;
        if (ui_button(ui, ui_idn("hint-del", k), del, "\xC3\x97", UI_FLAT)) what = _("Delete a hint");
        if (what) {
            Model *after = model_clone(app->model);
            if (dir) scenario_move(after, SCEN_HINTS, k, dir);
            else scenario_remove(after, SCEN_HINTS, k);
            commit_copy(app, after, what);
            break;
        }
    }
}

/* ---- the back-of-the-envelope sheet ---------------------------------------------------------- */

static const char *const UNIT_NAMES[] = {N_("requests per second"), N_("other things per second"), N_("bytes"),
                                         N_("bytes per second (bandwidth)"), N_("a count"), NULL};
_Static_assert(sizeof UNIT_NAMES / sizeof *UNIT_NAMES == ENV_UNIT_KIND_COUNT + 1, "a name per unit");

static void add_quantity(App *app)
{
    Model *after = model_clone(app->model);
    EnvelopeFactor one = {1, "", false};
    EnvelopeItem it = {.label = "", .unit = ENV_UNIT_BYTES, .factors = &one, .n_factors = 1};
    int k = scenario_add_quantity(after, &it);
    commit_copy(app, after, _("Add a quantity to estimate"));
    app->scen_open[SCEN_ENVELOPE] = k;
    scenario_panel_goto(app, "envelope", k, "label");
}

/* Quantity k's expected value as the sheet shows it ("36 TB"), or "" while a factor is
 * not a number the sheet takes. */
static void quantity_value(App *app, const EnvelopeItem *it, char *out, size_t cap)
{
    double v = envelope_item_value(it);
    out[0] = 0;
    if (it->n_factors > 0 && isfinite(v) && v >= ENVELOPE_MIN_VALUE && v <= ENVELOPE_MAX_VALUE)
        envelope_format_value_in(it->unit, v, app->lang, out, cap);
}

/* A step on quantity k's text `what` written in the chosen language; its label takes its
 * id along (scenario_set_text), and so does an estimate the user saved under the old id. */
static void quantity_text_commit(App *app, const char *what, int k, int q, const char *text, const char *step)
{
    Model *after = model_clone(app->model);
    char was[ENVELOPE_ID_MAX + 8];
    snprintf(was, sizeof was, "%s", after->scenario.envelope[q].id ? after->scenario.envelope[q].id : "");
    if (!scenario_set_text(after, what, k, panel_text_lang(app, what, k), text)) {
        model_destroy(after);
        return;
    }
    const char *now = after->scenario.envelope[q].id;
    if (now && strcmp(now, was) != 0) estimates_rename(after, was, now);
    commit_copy(app, after, step);
}

/* Factor f of quantity k: its number, × or ÷, what it counts (in the language chosen over
 * the quantity's label) and a button that takes it out. True when the list changed. */
static bool factor_row(Panel *p, int k, int f)
{
    App *app = p->app;
    Ui *ui = p->ui;
    const EnvelopeItem *it = &app->model->scenario.envelope[k];
    const EnvelopeFactor *fa = &it->factors[f];
    char key[64], fkey[48], val[64], out[512], step[200];
    snprintf(fkey, sizeof fkey, "envelope[%d].factors[%d]", k, f); /* its messages show under the row */
    float x = p->x + 10, vw = 72, ow = 26, dw = 28, lw = p->x + p->w - dw - 4 - (x + vw + 4 + ow + 4);
    /* the number */
    snprintf(key, sizeof key, "envelope[%d].factors[%d].value", k, f);
    numfmt_decimal(fa->value, 10, val, sizeof val);
    Rect vr = {x, p->y, vw, theme.row_h - 4};
    panel_record_field(p, key, vr);
    UiId vid = ui_id(key);
    if (panel_goto_here(p, key, vr)) ui_focus(ui, vid, val);
    bool bad = panel_problem(p, key) != NULL || (strcmp(app->insp_error_key, fkey) == 0 && app->insp_error[0]);
    if (ui_textbox(ui, vid, vr, val, out, sizeof out, UI_NUMERIC | (bad ? UI_INVALID : 0)) == UI_TEXT_SUBMIT &&
        strcmp(out, val) != 0) {
        double v;
        char why[200];
        if (!panel_parse_number(out, &v, why, sizeof why) || !(v > 0)) {
            if (!why[0] || v <= 0) snprintf(why, sizeof why, _("A factor is a number above 0"));
            panel_set_error(app, fkey, _("Factor"), why);
        } else {
            Model *after = model_clone(app->model);
            after->scenario.envelope[k].factors[f].value = v;
            panel_clear_error(app, fkey);
            snprintf(step, sizeof step, _("Set factor %d of quantity %d to %s"), f + 1, k + 1, out);
            commit_copy(app, after, step);
        }
    }
    /* times or divided by */
    snprintf(key, sizeof key, "envelope[%d].factors[%d].divide", k, f);
    Rect orc = {x + vw + 4, p->y, ow, theme.row_h - 4};
    fa = &app->model->scenario.envelope[k].factors[f]; /* a commit above made the model anew */
    if (ui_button(ui, ui_idn("env-op", k * 1024 + f), orc, fa->divide ? "\xC3\xB7" : "\xC3\x97", 0)) {
        Model *after = model_clone(app->model);
        after->scenario.envelope[k].factors[f].divide = !fa->divide;
        snprintf(step, sizeof step, fa->divide ? _("Multiply by factor %d of quantity %d") : _("Divide by factor %d of quantity %d"),
                 f + 1, k + 1);
        commit_copy(app, after, step);
    }
    if (ui_hover(ui, orc)) overlay_fit_tip(app, orc, _("Multiply by this number, or divide by it (\xC3\x97 / \xC3\xB7)"));
    /* what it counts */
    snprintf(key, sizeof key, "envelope[%d].factors[%d].label", k, f);
    Rect lr = {orc.x + ow + 4, p->y, lw, theme.row_h - 4};
    int text_k = SCENARIO_FACTOR_TEXT(k, f);
    if (panel_text_line(p, "factor-label", text_k, key, -1, lr, _("what it counts"), out, sizeof out)) {
        snprintf(step, sizeof step, _("Edit what factor %d of quantity %d counts"), f + 1, k + 1);
        quantity_text_commit(app, "factor-label", text_k, k, out, step);
    }
    /* out */
    Rect dr = {p->x + p->w - dw, p->y + 2, dw, theme.row_h - 8};
    int n_factors = app->model->scenario.envelope[k].n_factors;
    if (ui_hover(ui, dr) && n_factors > 1) overlay_fit_tip(app, dr, _("Remove this factor"));
    if (ui_button(ui, ui_idn("env-factor-del", k * 1024 + f), dr, "\xE2\x8C\xAB", UI_FLAT | (n_factors > 1 ? 0 : UI_DISABLED))) {
        Model *after = model_clone(app->model);
        scenario_remove_factor(after, k, f);
        snprintf(step, sizeof step, _("Remove factor %d of quantity %d"), f + 1, k + 1);
        commit_copy(app, after, step);
        return true;
    }
    panel_row_end(p, fkey); /* a refused number, or the validator's word on the factor */
    return false;
}

static void envelope_section(Panel *p)
{
    App *app = p->app;
    if (!list_heading(p, SCEN_ENVELOPE, _("ESTIMATES SHEET"), add_quantity,
                      _("The Estimates tab under the board checks the numbers worked out from the prompt. Peak "
                        "requests per "
                        "second comes from the traffic; add what else to estimate: storage per year, bandwidth, "
                        "cache memory. Each is the product of its factors."),
                      theme.text_dim))
        return;
    for (int k = 0; k < app->model->scenario.n_envelope; k++) {
        const EnvelopeItem *it = &app->model->scenario.envelope[k];
        const char *label = scenario_text_own(app->model, "quantity-label", k, app->lang);
        if (!label || !*label) label = it->label;
        char value[64], line[400];
        quantity_value(app, it, value, sizeof value);
        snprintf(line, sizeof line, "%s%s%s", label && *label ? label : _("(what is estimated?)"), value[0] ? " = " : "",
                 value);
        bool open = item_head(p, SCEN_ENVELOPE, k, line, 0, has_problem(p, SCEN_ENVELOPE, k), NULL);
        p->y += theme.row_h;
        if (!open) continue;
        char key[48], out[1024], step[200];
        snprintf(key, sizeof key, "envelope[%d].label", k);
        if (panel_text_row(p, _("What is estimated"), _(schema_find(schema_envelope_fields, "label")->doc), "env-label-lang",
                           "quantity-label", k, key, -1, 10, _("Storage per year"), out, sizeof out)) {
            snprintf(step, sizeof step, _("Edit the label of quantity %d"), k + 1);
            quantity_text_commit(app, "quantity-label", k, k, out, step);
        }
        panel_row_end(p, key);
        it = &app->model->scenario.envelope[k];
        int unit = (int)it->unit;
        snprintf(key, sizeof key, "envelope[%d].unit", k);
        if (choice_row(p, key, _("Unit"), UNIT_NAMES, ENV_UNIT_KIND_COUNT, &unit,
                       _(schema_find(schema_envelope_fields, "unit")->doc))) {
            Model *after = model_clone(app->model);
            after->scenario.envelope[k].unit = (EnvelopeUnit)unit;
            snprintf(step, sizeof step, _("Set the unit of quantity %d"), k + 1);
            commit_copy(app, after, step);
        }
        small_text(p, _("Factors, multiplied together"), theme.text_dim);
        bool changed = false;
        /* a factor past SCENARIO_FACTOR_TEXT's room (a file of more than 1,024: the validator
         * refuses more than 8) is not shown: its label would be taken for another's */
        for (int f = 0; f < app->model->scenario.envelope[k].n_factors && f < SCENARIO_FACTOR_TEXT(1, 0) && !changed; f++)
            changed = factor_row(p, k, f);
        if (changed) break;
        snprintf(key, sizeof key, "envelope[%d].factors", k);
        const Diag *g = panel_problem_at(p, key); /* about them all: their product */
        if (g) panel_note(p, g->message, g->level == DIAG_ERROR ? theme.danger : theme.warning);
        it = &app->model->scenario.envelope[k];
        float aw = ui_button_w(p->ui, _("+ Add factor"), UI_FLAT, 0);
        if (ui_button(p->ui, ui_idn("env-add-factor", k), rect_make(p->x + 10, p->y, aw, 22), _("+ Add factor"),
                      UI_FLAT | (it->n_factors < ENVELOPE_MAX_FACTORS ? 0 : UI_DISABLED))) {
            Model *after = model_clone(app->model);
            EnvelopeFactor one = {1, "", false};
            int f = scenario_add_factor(after, k, &one);
            snprintf(step, sizeof step, _("Add a factor to quantity %d"), k + 1);
            commit_copy(app, after, step);
            app->scen_open[SCEN_ENVELOPE] = k;
            snprintf(app->goto_key, sizeof app->goto_key, "envelope[%d].factors[%d].value", k, f);
            break;
        }
        p->y += 28;
        quantity_value(app, it, out, sizeof out);
        if (out[0]) {
            char eq[120];
            snprintf(eq, sizeof eq, _("Expected: %s"), out);
            small_text(p, eq, theme.text);
        }
        ui_text(p->ui, FONT_REGULAR, theme.ui_font, p->x + 10, p->y, _("Note"), theme.text_dim);
        p->y += 22;
        snprintf(key, sizeof key, "envelope[%d].note", k);
        float sx = p->x;
        p->x += 10;
        p->w -= 10;
        p->y += text_area_row(p, "quantity-note", k, key, 2, _("Assumptions and sources, shown with the answer"), p->w) + 4;
        p->x = sx;
        p->w += 10;
        panel_row_end(p, key);
        p->y -= theme.row_h - 6;
        if (item_tools(p, SCEN_ENVELOPE, k, C_("noun", "quantity"))) break;
    }
}

/* ---- problems --------------------------------------------------------------------------------- */

/* The problems of the design, each a link to where it is. */
static void problems_section(Panel *p)
{
    App *app = p->app;
    const DiagList *d = &app->problems;
    if (app->lint.n_items > 0) {
        char head[64];
        snprintf(head, sizeof head, _("MODELLING CHECKS (%d)"), app->lint.n_items);
        panel_section(p, head);
        panel_lint(p, NULL, 8);
    }
    /* errors first, under a count that is the toolbar's "N problems"; then warnings */
    int errors = diag_errors(d);
    int counts[2] = {errors, d->n_items - errors};
    const char *heads[2] = {_("PROBLEMS (%d)"), _("WARNINGS (%d)")};
    for (int pass = 0; pass < 2; pass++) {
        if (counts[pass] == 0) continue;
        char head[64];
        snprintf(head, sizeof head, heads[pass], counts[pass]);
        panel_section(p, head);
        int shown = 0;
        for (int i = 0; i < d->n_items; i++) {
            const Diag *g = &d->items[i];
            if ((g->level == DIAG_ERROR) != (pass == 0)) continue;
            if (shown++ == 12) break;
            char line[600];
            app_problem_line(app, g, line, sizeof line);
            float h = (float)panel_count_lines(app->r, line, p->w, 4) * render_line_height(app->r, FONT_REGULAR, theme.small_font) + 4;
            Rect rc = {p->x - 4, p->y - 2, p->w + 8, h};
            if (ui_button(p->ui, ui_idn("problem", i), rc, "", UI_INVISIBLE)) app_goto_path(app, g->path);
            if (ui_hover(p->ui, rc)) ui_rrect(p->ui, rc, 4, theme.panel_alt);
            panel_note(p, line, pass == 0 ? theme.danger : theme.warning);
        }
        if (counts[pass] > 12) {
            char more[64];
            snprintf(more, sizeof more, _("and %d more"), counts[pass] - 12);
            panel_note(p, more, theme.text_faint);
        }
    }
}

/* ---- the panel ------------------------------------------------------------------------------- */

void scenario_panel(Panel *p)
{
    App *app = p->app;
    Ui *ui = p->ui;
    Model *m = app->model;
    snprintf(p->path, sizeof p->path, "scenario");
    ui_text(ui, FONT_BOLD, theme.title_font, p->x, p->y, _("Scenario"), theme.text);
    p->y += 24;
    char line[300], cost[32];
    fmt_num(app_cost_per_month(app, NULL), cost, sizeof cost);
    char nodes[80], edges[80];
    snprintf(nodes, sizeof nodes, P_("%d node", "%d nodes", m->n_nodes), m->n_nodes);
    snprintf(edges, sizeof edges, P_("%d edge", "%d edges", m->n_edges), m->n_edges);
    snprintf(line, sizeof line, _("%s \xC2\xB7 %s \xC2\xB7 $%s / month"), nodes, edges, cost);
    ui_text(ui, FONT_REGULAR, theme.small_font, p->x, p->y, line, theme.text_faint);
    p->y += 24;
    ui_text(ui, FONT_REGULAR, theme.ui_font, p->x, p->y, _("Title"), theme.text_dim);
    panel_text_lang_switch(p, "text-lang-t", "title", 0, p->x + p->w, p->y - 2);
    p->y += 22;
    {
        Rect fr = {p->x, p->y, p->w, theme.row_h - 2};
        char out[512];
        if (panel_text_line(p, "title", 0, "title", -1, fr, _("What is being designed?"), out, sizeof out))
            panel_text_commit(app, "title", 0, out, _("Set the title"));
        p->y += theme.row_h + 2;
    }
    problems_section(p);
    traffic_section(p);
    requirements_section(p);
    events_section(p);
    zones_section(p);
    run_section(p);
    exercise_section(p);
    envelope_section(p);
    p->y += 8;
    const char *tip_text = _("Tip: click a node or an edge to edit its numbers; click the board's background to come "
                             "back here. F1 lists every shortcut.");
    int tip_lines = panel_count_lines(app->r, tip_text, p->w - 20, 6);
    float tip_h = (float)tip_lines * render_line_height(app->r, FONT_REGULAR, theme.small_font) + 18;
    Rect tip = {p->x, p->y, p->w, tip_h};
    ui_rrect(ui, tip, 6, theme.accent_soft);
    ui_rrect_line(ui, tip, 6, 1, tint(theme.accent, 0.7f));
    float save_y = p->y;
    p->x += 10;
    p->w -= 20;
    p->y += 8;
    panel_note(p, tip_text, theme.accent_hover);
    p->x -= 10;
    p->w += 20;
    p->y = save_y + tip_h + 8;
    snprintf(p->path, sizeof p->path, "-");
}

/* ---- going to a field ------------------------------------------------------------------------- */

void scenario_panel_goto(App *app, const char *list, int k, const char *field)
{
    sel_clear(app);
    for (int l = 0; l < SCEN_LIST_COUNT; l++)
        if (strcmp(list, LIST_KEY[l]) == 0 && k >= 0) app->scen_open[l] = k;
    if (k >= 0 && field) snprintf(app->goto_key, sizeof app->goto_key, "%s[%d].%s", list, k, field);
    else if (k >= 0) snprintf(app->goto_key, sizeof app->goto_key, "%s[%d]", list, k);
    else snprintf(app->goto_key, sizeof app->goto_key, "%s", list);
    app->needs_frame = true;
}

void scenario_panel_add(App *app, const char *list)
{
    if (strcmp(list, "requests") == 0) add_request(app);
    else if (strcmp(list, "requirements") == 0) add_requirement(app);
    else if (strcmp(list, "events") == 0) add_event(app);
    else if (strcmp(list, "envelope") == 0) add_quantity(app);
}
