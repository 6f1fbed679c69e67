/*
 * inspector.c - the right panel: every field of the selected node or edge, driven by
 * the schema tables (schema.h), so a field added to the format appears here too.
 *
 * Numbers and text are typed into fields (committed on Enter, Tab or leaving the
 * field), enumerations are dropdowns, distributions are a dropdown plus the
 * parameters that kind uses. A value that cannot be parsed or is out of the field's
 * range is refused with the reason under the field; the validator's messages about
 * the element are shown beside the field they name. With nothing selected the panel
 * shows the diagram: title, scenario traffic, problems.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/schema.h"
#include "sim/util.h"

/* Label and field columns: fixed on a normal panel, shared out on a narrow one. */
#define LABEL_W (p->w >= 260 ? 124.0f : p->w * 0.46f)
#define FIELD_W (p->w >= 260 ? 112.0f : p->w - LABEL_W - 30.0f)

typedef struct Panel {
    App *app;
    Ui *ui;
    Rect rc;        /* the panel */
    float x, y;     /* cursor: left edge of content, top of the next row */
    float w;        /* content width */
    int elem;       /* (is_edge << 24) | index: part of widget ids */
    char path[32];  /* "nodes[3]" / "edges[2]" for validator messages */
} Panel;

/* ---- names and units -------------------------------------------------------------------- */

static void human_label(const char *key, char *out, size_t cap)
{
    static const struct { const char *key, *label; } names[] = {
        {"id", "Id"}, {"kind", "Kind"}, {"label", "Label"}, {"instances", "Instances"},
        {"workers", "Workers / instance"}, {"shards", "Shards"}, {"read_replicas", "Read replicas"},
        {"pool", "Pool / server"}, {"hot_shard", "Hot shard share"}, {"service_ms", "Service time"},
        {"queue_max", "Queue max"}, {"io", "I/O model"}, {"max_inflight", "Max in flight"},
        {"calls", "Calls"}, {"hit_ratio", "Hit ratio"}, {"policy", "Policy"},
        {"max_depth", "Max depth"}, {"timeout_ms", "Timeout"}, {"rate_limit_rps", "Rate limit"},
        {"burst", "Burst"}, {"cost_per_hour_usd", "Cost / hour"}, {"from", "From"}, {"to", "To"},
        {"requests", "Requests"}, {"mode", "Mode"}, {"latency_ms", "Latency"},
        {"probability", "Probability"}, {"fanout", "Fan-out"}, {"retries", "Retries"},
        {"backoff_ms", "Backoff"}, {"backoff_max_ms", "Backoff max"},
        {"retry_budget", "Retry budget"}, {"request_kb", "Request size"},
        {"response_kb", "Response size"}, {"bandwidth_mbps", "Bandwidth"},
        {"failure_ratio", "Failure ratio"}, {"min_calls", "Min calls"}, {"window_s", "Window"},
        {"open_s", "Open for"}, {"mean", "mean"}, {"p99", "p99"}, {"min", "min"}, {"max", "max"},
        {"alpha", "alpha"}, {"cap", "cap"}, {"x", "x"}, {"y", "y"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].key, key) == 0) {
            snprintf(out, cap, "%s", names[i].label);
            return;
        }
    snprintf(out, cap, "%s", key);
    for (char *p = out; *p; p++)
        if (*p == '_') *p = ' ';
    out[0] = (char)toupper((unsigned char)out[0]);
}

static const char *short_unit(const char *unit, const char *parent_unit)
{
    if (!unit || !*unit) return "";
    if (strcmp(unit, "field's unit") == 0) return parent_unit ? parent_unit : "";
    static const struct { const char *u, *s; } map[] = {
        {"per instance", ""}, {"connections per server", "conns"}, {"USD per server-hour", "USD"},
        {"board units", ""}, {"probability", "0\xE2\x80\x93" "1"}, {"fraction", "0\xE2\x80\x93" "1"},
        {"requests", "req"}, {"messages", "msgs"}, {"per shard", ""}, {"attempts", ""},
        {"calls", "\xC3\x97"}, {"metric's unit", ""}, {"Mbit/s", "Mb/s"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].u, unit) == 0) return map[i].s;
    return unit;
}

static int enum_count(const char *const *names)
{
    int n = 0;
    while (names && names[n]) n++;
    return n;
}

/* ---- parsing typed values ----------------------------------------------------------------- */

/* Parse a number with an optional k / M suffix; false with a reason on failure. */
static bool parse_number(const char *s, double *out, char *why, size_t cap)
{
    while (isspace((unsigned char)*s)) s++;
    if (!*s) {
        snprintf(why, cap, "Type a number");
        return false;
    }
    char buf[128];
    snprintf(buf, sizeof buf, "%.120s", s);
    for (char *p = buf; *p; p++)
        if (*p == ',') *p = '.';
    errno = 0;
    char *end = NULL;
    double v = strtod(buf, &end);
    if (end == buf) {
        snprintf(why, cap, "\"%.40s\" is not a number", s);
        return false;
    }
    while (isspace((unsigned char)*end)) end++;
    if (*end == 'k' || *end == 'K') {
        v *= 1e3;
        end++;
    } else if (*end == 'M') {
        v *= 1e6;
        end++;
    } else if (*end == '%') {
        v /= 100;
        end++;
    }
    while (isspace((unsigned char)*end)) end++;
    if (*end || errno == ERANGE || !isfinite(v)) {
        snprintf(why, cap, "\"%.40s\" is not a number", s);
        return false;
    }
    *out = v;
    return true;
}

static bool check_range(const FieldDesc *f, double v, char *why, size_t cap)
{
    char lo[32], hi[32];
    fmt_num(f->min, lo, sizeof lo);
    fmt_num(f->max, hi, sizeof hi);
    if (f->min_open ? v <= f->min : v < f->min) {
        snprintf(why, cap, "Must be %s %s", f->min_open ? ">" : "\xE2\x89\xA5", lo);
        return false;
    }
    if (v > f->max) {
        snprintf(why, cap, "Must be \xE2\x89\xA4 %s", hi);
        return false;
    }
    if (f->type == FT_INT && v != floor(v)) {
        snprintf(why, cap, "Must be a whole number");
        return false;
    }
    return true;
}

static void format_value(const FieldDesc *f, const void *base, char *out, size_t cap)
{
    const char *p = (const char *)base + f->offset;
    switch (f->type) {
    case FT_STRING: {
        const char *s = *(char *const *)p;
        snprintf(out, cap, "%s", s ? s : "");
        break;
    }
    case FT_NUMBER: snprintf(out, cap, "%.10g", *(const double *)p); break;
    case FT_INT: snprintf(out, cap, "%d", *(const int *)p); break;
    case FT_U64: snprintf(out, cap, "%llu", (unsigned long long)*(const uint64_t *)p); break;
    case FT_STRLIST: {
        char *const *items = *(char *const *const *)p;
        int n = *(const int *)((const char *)base + f->count_offset);
        out[0] = 0;
        size_t len = 0;
        for (int i = 0; i < n; i++) {
            int w = snprintf(out + len, cap - len, "%s%s", i ? ", " : "", items[i]);
            if (w < 0 || (size_t)w >= cap - len) break;
            len += (size_t)w;
        }
        break;
    }
    default: out[0] = 0; break;
    }
}

/* Store typed text into the field at `base`; false with a reason when refused. */
static bool store_value(const FieldDesc *f, void *base, const char *text, char *why, size_t cap)
{
    char *p = (char *)base + f->offset;
    switch (f->type) {
    case FT_STRING: {
        char **s = (char **)p;
        free(*s);
        *s = *text ? xstrdup(text) : NULL;
        return true;
    }
    case FT_NUMBER:
    case FT_INT: {
        double v;
        if (!parse_number(text, &v, why, cap) || !check_range(f, v, why, cap)) return false;
        if (f->type == FT_INT)
            *(int *)p = (int)v;
        else
            *(double *)p = v;
        return true;
    }
    case FT_STRLIST: {
        char ***items = (char ***)p;
        int *n = (int *)((char *)base + f->count_offset);
        for (int i = 0; i < *n; i++) free((*items)[i]);
        free(*items);
        *items = NULL;
        *n = 0;
        char buf[512];
        snprintf(buf, sizeof buf, "%s", text);
        int cap_items = 0;
        for (char *tok = strtok(buf, ", "); tok; tok = strtok(NULL, ", ")) {
            xgrow((void **)items, &cap_items, *n + 1, sizeof **items);
            (*items)[(*n)++] = xstrdup(tok);
        }
        return true;
    }
    default: snprintf(why, cap, "This field cannot be typed"); return false;
    }
}

/* ---- rows --------------------------------------------------------------------------------- */

static void record_field(Panel *p, const char *key, Rect rc)
{
    App *app = p->app;
    if (app->n_fields >= (int)(sizeof app->fields / sizeof app->fields[0])) return;
    InspField *f = &app->fields[app->n_fields++];
    snprintf(f->key, sizeof f->key, "%s", key);
    f->rc = rc;
}

/* The validator's entry for `key` of the selected element, or NULL. */
static const Diag *problem_diag(Panel *p, const char *key)
{
    const DiagList *d = &p->app->problems;
    size_t plen = strlen(p->path);
    for (int i = 0; i < d->n_items; i++) {
        const char *path = d->items[i].path;
        if (!path || strncmp(path, p->path, plen) != 0 || path[plen] != '.') continue;
        const char *rest = path + plen + 1;
        size_t klen = strlen(key);
        if (strncmp(rest, key, klen) == 0 && (rest[klen] == 0 || rest[klen] == '.' || rest[klen] == '['))
            return &d->items[i];
    }
    return NULL;
}

static const char *problem_for(Panel *p, const char *key)
{
    const Diag *g = problem_diag(p, key);
    return g ? g->message : NULL;
}

static void section(Panel *p, const char *title)
{
    p->y += 10;
    ui_text(p->ui, FONT_BOLD, theme.small_font, p->x, p->y, title, theme.text_faint);
    p->y += 22;
}

/* A wrapped message under a field, in red (error) or amber. */
static void note_n(Panel *p, const char *msg, Color c, int max_lines)
{
    Render *r = p->ui->r;
    const char *s = msg;
    float size = theme.small_font;
    float lh = render_line_height(r, FONT_REGULAR, size);
    int lines = 0;
    while (*s && lines < max_lines) {
        int n = render_text_fit(r, FONT_REGULAR, size, s, p->w - 4);
        if (n <= 0) break;
        int cut = n;
        if (s[n]) {
            int k = n;
            while (k > 0 && s[k] != ' ') k--;
            if (k > 0) cut = k;
        }
        char line[256];
        snprintf(line, sizeof line, "%.*s", cut < 255 ? cut : 255, s);
        ui_text(p->ui, FONT_REGULAR, size, p->x, p->y, line, c);
        p->y += lh;
        s += cut;
        while (*s == ' ') s++;
        lines++;
    }
    p->y += 4;
}

static void note(Panel *p, const char *msg, Color c) { note_n(p, msg, c, 4); }

/* Lines note_n() would use for `msg` in width w. */
static int count_lines(Render *r, const char *s, float w, int max_lines)
{
    int lines = 0;
    while (*s && lines < max_lines) {
        int n = render_text_fit(r, FONT_REGULAR, theme.small_font, s, w - 4);
        if (n <= 0) break;
        int cut = n;
        if (s[n]) {
            int k = n;
            while (k > 0 && s[k] != ' ') k--;
            if (k > 0) cut = k;
        }
        s += cut;
        while (*s == ' ') s++;
        lines++;
    }
    return lines;
}

/* Remember the schema's one-line description of the field under the mouse. */
static void tip(Panel *p, const char *doc)
{
    Rect row = {p->x, p->y, LABEL_W, theme.row_h - 4};
    if (doc && ui_hover(p->ui, row)) {
        p->app->tip_doc = doc;
        p->app->tip_rc = row;
    }
}

static Rect row_field(Panel *p, const char *label, float indent)
{
    Rect lab = {p->x + indent, p->y, LABEL_W - indent, theme.row_h - 4};
    ui_text_in(p->ui, FONT_REGULAR, theme.ui_font, lab, 0, label, theme.text_dim);
    return rect_make(p->x + LABEL_W, p->y, FIELD_W, theme.row_h - 4);
}

static void row_unit(Panel *p, Rect fr, const char *unit)
{
    if (unit && *unit)
        ui_text_in(p->ui, FONT_REGULAR, theme.small_font,
                   rect_make(fr.x + fr.w + 6, fr.y, p->x + p->w - (fr.x + fr.w + 6), fr.h), 0, unit,
                   theme.text_faint);
}

static void row_end(Panel *p, const char *key)
{
    p->y += theme.row_h;
    App *app = p->app;
    if (strcmp(app->insp_error_key, key) == 0 && app->insp_error[0]) {
        note(p, app->insp_error, theme.danger);
    } else {
        const Diag *g = problem_diag(p, key);
        if (g) note(p, g->message, g->level == DIAG_ERROR ? theme.danger : theme.warning);
    }
}

static void set_error(App *app, const char *key, const char *why)
{
    snprintf(app->insp_error_key, sizeof app->insp_error_key, "%s", key);
    snprintf(app->insp_error, sizeof app->insp_error, "%.190s", why);
    app_set_status(app, true, "%s: %s", key, why);
}

static void clear_error(App *app, const char *key)
{
    if (strcmp(app->insp_error_key, key) == 0) app->insp_error_key[0] = 0;
}

/* A text row for field f of the struct at `cur`; on submit, `apply` gets a copy edited. */
typedef void (*ApplyFn)(App *app, int index, void *edited, const char *what);

typedef struct Target {
    int index;
    bool edge;
    size_t size;        /* sizeof Node / Edge */
} Target;

static void copy_elem(App *app, Target t, void *out)
{
    if (t.edge)
        edge_copy(out, &app->model->edges[t.index]);
    else
        node_copy(out, &app->model->nodes[t.index]);
}

static void free_elem(Target t, void *e)
{
    if (t.edge)
        edge_free(e);
    else
        node_free(e);
}

static void commit_elem(App *app, Target t, void *e, const char *what)
{
    if (t.edge)
        edit_set_edge(app, t.index, e, what);
    else
        edit_set_node(app, t.index, e, what);
}

static const char *elem_name(App *app, Target t, char *buf, size_t cap)
{
    if (t.edge) {
        const Edge *e = &app->model->edges[t.index];
        snprintf(buf, cap, "%s \xE2\x86\x92 %s", e->from, e->to);
    } else {
        const Node *n = &app->model->nodes[t.index];
        snprintf(buf, cap, "%s", n->label ? n->label : n->id);
    }
    return buf;
}

/* One typed field. `sub` is non-NULL for a parameter inside a struct member (Dist,
 * CircuitBreaker): `sub_off` is that member's offset in the element. */
static void text_row(Panel *p, Target t, const FieldDesc *f, const char *key, const char *label,
                     size_t sub_off, const char *parent_unit, float indent, bool read_only)
{
    App *app = p->app;
    const void *elem = t.edge ? (const void *)&app->model->edges[t.index]
                              : (const void *)&app->model->nodes[t.index];
    const void *base = (const char *)elem + sub_off;
    char value[512];
    format_value(f, base, value, sizeof value);
    tip(p, f->doc);
    Rect fr = row_field(p, label, indent);
    if (read_only || f->type == FT_STRING || f->type == FT_STRLIST) fr.w = p->x + p->w - fr.x;
    record_field(p, key, fr);
    bool invalid = (strcmp(app->insp_error_key, key) == 0 && app->insp_error[0]) ||
                   problem_for(p, key) != NULL;
    char out[512];
    UiTextResult res = ui_textbox(p->ui, ui_idn(key, p->elem), fr, value, out, sizeof out,
                                  (invalid ? UI_INVALID : 0) | (read_only ? UI_DISABLED : 0) |
                                      (f->type == FT_NUMBER || f->type == FT_INT ? UI_NUMERIC : 0));
    if (!read_only) row_unit(p, fr, short_unit(f->unit, parent_unit));
    if (res == UI_TEXT_CANCEL) clear_error(app, key);
    if (res == UI_TEXT_SUBMIT && !read_only && strcmp(out, value) != 0) {
        if (!t.edge && strcmp(key, "id") == 0) {
            if (edit_set_node_id(app, t.index, out))
                clear_error(app, key);
            else
                set_error(app, key, app->msg);
        } else {
            union {
                Node n;
                Edge e;
            } ed;
            copy_elem(app, t, &ed);
            char why[200] = "";
            if (store_value(f, (char *)&ed + sub_off, out, why, sizeof why)) {
                char name[200], what[300];
                snprintf(what, sizeof what, "Set %s of %s", key, elem_name(app, t, name, sizeof name));
                commit_elem(app, t, &ed, what);
                clear_error(app, key);
                app_set_status(app, false, "%s to %s", what, out);
            } else {
                set_error(app, key, why);
            }
            free_elem(t, &ed);
        }
    }
    row_end(p, key);
}

static void enum_row(Panel *p, Target t, const FieldDesc *f, const char *key, const char *label)
{
    App *app = p->app;
    const void *elem = t.edge ? (const void *)&app->model->edges[t.index]
                              : (const void *)&app->model->nodes[t.index];
    int value = *(const int *)((const char *)elem + f->offset);
    tip(p, f->doc);
    Rect fr = row_field(p, label, 0);
    record_field(p, key, fr);
    if (ui_dropdown(p->ui, ui_idn(key, p->elem), fr, f->enum_names, enum_count(f->enum_names),
                    &value, 0)) {
        union {
            Node n;
            Edge e;
        } ed;
        copy_elem(app, t, &ed);
        *(int *)((char *)&ed + f->offset) = value;
        char name[200], what[300];
        snprintf(what, sizeof what, "Set %s of %s", key, elem_name(app, t, name, sizeof name));
        commit_elem(app, t, &ed, what);
        app_set_status(app, false, "%s to %s", what, f->enum_names[value]);
        free_elem(t, &ed);
    }
    row_end(p, key);
}

static void dist_rows(Panel *p, Target t, const FieldDesc *f, const char *label)
{
    App *app = p->app;
    const void *elem = t.edge ? (const void *)&app->model->edges[t.index]
                              : (const void *)&app->model->nodes[t.index];
    const Dist *d = (const Dist *)((const char *)elem + f->offset);
    const FieldDesc *kind_f = schema_find(schema_dist_fields, "dist");
    int kind = (int)d->kind;
    tip(p, f->doc);
    Rect fr = row_field(p, label, 0);
    record_field(p, f->name, fr);
    if (ui_dropdown(p->ui, ui_idn(f->name, p->elem), fr, kind_f->enum_names,
                    enum_count(kind_f->enum_names), &kind, 0)) {
        union {
            Node n;
            Edge e;
        } ed;
        copy_elem(app, t, &ed);
        Dist *nd = (Dist *)((char *)&ed + f->offset);
        double mean = dist_mean(nd);
        nd->kind = (DistKind)kind;
        if (nd->mean <= 0) nd->mean = mean > 0 ? mean : 1;
        if (kind == DIST_LOGNORMAL && (nd->p99 < nd->mean || nd->p99 > 14 * nd->mean))
            nd->p99 = nd->mean * 4;
        if (kind == DIST_UNIFORM && nd->max <= nd->min) {
            nd->min = 0;
            nd->max = 2 * nd->mean;
        }
        if (kind == DIST_PARETO && nd->alpha <= 1) nd->alpha = 2;
        char name[200], what[300];
        snprintf(what, sizeof what, "Set %s of %s", f->name, elem_name(app, t, name, sizeof name));
        commit_elem(app, t, &ed, what);
        free_elem(t, &ed);
        d = (const Dist *)((const char *)(t.edge ? (const void *)&app->model->edges[t.index]
                                                 : (const void *)&app->model->nodes[t.index]) +
                           f->offset);
    }
    p->y += theme.row_h;
    static const char *const params[DIST_KIND_COUNT][4] = {
        {"mean", NULL}, {"mean", "cap", NULL}, {"min", "max", NULL},
        {"mean", "p99", "cap", NULL}, {"mean", "alpha", "cap", NULL}};
    const char *unit = f->unit;
    for (int k = 0; k < 4 && (unsigned)d->kind < DIST_KIND_COUNT && params[d->kind][k]; k++) {
        const char *pn = params[d->kind][k];
        const FieldDesc *pf = schema_find(schema_dist_fields, pn);
        if (!pf) continue;
        char key[64];
        snprintf(key, sizeof key, "%s.%s", f->name, pn);
        const char *lab = d->kind == DIST_CONSTANT ? "value" : pn;
        text_row(p, t, pf, key, lab, f->offset, unit, 16, false);
    }
}

static void breaker_rows(Panel *p, Target t)
{
    App *app = p->app;
    const Edge *e = &app->model->edges[t.index];
    bool on = e->breaker.enabled;
    Rect fr = {p->x, p->y, p->w, theme.row_h - 4};
    record_field(p, "circuit_breaker.enabled", fr);
    if (ui_checkbox(p->ui, ui_idn("breaker", p->elem), fr, "Circuit breaker", &on)) {
        Edge ed;
        edge_copy(&ed, e);
        ed.breaker.enabled = on;
        edit_set_edge(app, t.index, &ed, on ? "Enable circuit breaker" : "Disable circuit breaker");
        edge_free(&ed);
    }
    p->y += theme.row_h;
    if (!app->model->edges[t.index].breaker.enabled) return;
    for (const FieldDesc *f = schema_breaker_fields; f->name; f++) {
        char key[64], label[64];
        snprintf(key, sizeof key, "circuit_breaker.%s", f->name);
        human_label(f->name, label, sizeof label);
        text_row(p, t, f, key, label, offsetof(Edge, breaker), NULL, 16, false);
    }
}

/* ---- the panel per selection ----------------------------------------------------------------- */

static void header(Panel *p, NodeKind kind, bool is_edge, const char *title, const char *sub)
{
    Ui *ui = p->ui;
    if (!is_edge) {
        Color kc = kind_color(kind);
        Rect tile = {p->x, p->y + 2, 34, 34};
        ui_rrect(ui, tile, 8, tint(kc, 0.86f));
        ui_kind_icon(ui, kind, rect_inset(tile, 6), kc);
    } else {
        Rect tile = {p->x, p->y + 2, 34, 34};
        ui_rrect(ui, tile, 8, theme.panel_alt);
        ui_line(ui, vec2(tile.x + 8, tile.y + 17), vec2(tile.x + 24, tile.y + 17), 2, theme.edge);
        ui_line(ui, vec2(tile.x + 21, tile.y + 12), vec2(tile.x + 27, tile.y + 17), 2, theme.edge);
        ui_line(ui, vec2(tile.x + 21, tile.y + 22), vec2(tile.x + 27, tile.y + 17), 2, theme.edge);
    }
    ui_text_fit(ui, FONT_BOLD, theme.title_font, p->x + 44, p->y, title, p->w - 44, theme.text);
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, p->x + 44, p->y + 21, sub, p->w - 44,
                theme.text_faint);
    p->y += 48;
}

static void element_problems(Panel *p)
{
    const DiagList *d = &p->app->problems;
    size_t plen = strlen(p->path);
    bool any = false;
    for (int i = 0; i < d->n_items; i++) {
        const char *path = d->items[i].path ? d->items[i].path : "";
        if (strncmp(path, p->path, plen) != 0 || (path[plen] != 0 && path[plen] != '.')) continue;
        if (!any) section(p, "PROBLEMS");
        any = true;
        note(p, d->items[i].message, d->items[i].level == DIAG_ERROR ? theme.danger : theme.warning);
    }
}

/* The analytic estimate beside what the last run measured: where the formulas hold
 * and where the tails differ. */
static void predicted_vs_measured(Panel *p, int i)
{
    App *app = p->app;
    Ui *ui = p->ui;
    if (!app->est_valid || i >= app->est.n_nodes || app->model->nodes[i].kind == NODE_CLIENT) return;
    const NodeEstimate *e = &app->est.nodes[i];
    const NodeView *v = app->view.nodes && i < app->model->n_nodes ? &app->view.nodes[i] : NULL;
    const double *f = v && v->measured && app->res ? app->res->mean->nodes[v->res] : NULL;
    section(p, f ? "PREDICTED vs MEASURED" : "PREDICTED (run for measured)");
    float c1 = p->x + p->w * 0.42f, c2 = p->x + p->w * 0.71f, cw = p->w * 0.29f - 4;
    ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(c1, p->y, cw, 18), 2, "predicted", theme.text_dim);
    if (f) ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(c2, p->y, cw, 18), 2, "measured", theme.text_dim);
    p->y += 20;
    const char *names[] = {"Utilisation", "Rate", "Mean queue", "Wait mean", "Wait p99", "Latency mean"};
    char a[6][32], b[6][32];
    snprintf(a[0], 32, "%.1f%%", 100 * e->utilisation);
    fmt_num(e->arrival_rps, a[1], 32);
    strcat(a[1], " rps");
    double lq = isfinite(e->wait_ms) ? e->wait_ms / 1000 * e->admitted_rps : INFINITY;
    if (isfinite(lq)) fmt_num(lq, a[2], 32);
    else snprintf(a[2], 32, "\xE2\x88\x9E");
    run_fmt_ms(e->wait_ms, a[3], 32);
    snprintf(a[4], 32, "\xE2\x80\x94");
    run_fmt_ms(e->latency_ms, a[5], 32);
    if (f) {
        snprintf(b[0], 32, "%.1f%%", 100 * f[NF_UTILISATION]);
        fmt_num(f[NF_THROUGHPUT_RPS], b[1], 32);
        strcat(b[1], " rps");
        fmt_num(f[NF_MEAN_QUEUE], b[2], 32);
        run_fmt_ms(f[NF_MEAN_WAIT_MS], b[3], 32);
        run_fmt_ms(f[NF_P99_WAIT_MS], b[4], 32);
        snprintf(b[5], 32, "\xE2\x80\x94");
    }
    for (int k = 0; k < 6; k++) {
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(p->x, p->y, c1 - p->x, 18), 0, names[k], theme.text);
        Color pc = k == 0 && e->over_capacity ? theme.danger : theme.text;
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(c1, p->y, cw, 18), 2, a[k], pc);
        if (f) {
            Color mc = k == 0 ? run_util_color(f[NF_UTILISATION]) : theme.text;
            ui_text_in(ui, k == 0 ? FONT_BOLD : FONT_REGULAR, theme.small_font, rect_make(c2, p->y, cw, 18), 2, b[k], mc);
        }
        p->y += 19;
    }
    if (e->over_capacity) note(p, "Over capacity: the offered load exceeds the slots (instances \xC3\x97 workers).", theme.danger);
    else if (e->near_capacity) note(p, "Near capacity: queues and tails grow fast above 85%.", theme.warning);
    p->y += 4;
}

static void node_panel(Panel *p, int i)
{
    App *app = p->app;
    const Node *n = &app->model->nodes[i];
    Target t = {i, false, sizeof(Node)};
    char sub[200];
    snprintf(sub, sizeof sub, "%s \xC2\xB7 id %s", node_kind_name(n->kind), n->id);
    header(p, n->kind, false, n->label ? n->label : n->id, sub);
    predicted_vs_measured(p, i);
    for (const FieldDesc *f = schema_node_fields; f->name; f++) {
        if (!schema_applies(f, n->kind)) continue;
        if (strcmp(f->name, "x") == 0 || strcmp(f->name, "y") == 0) continue;
        if (strcmp(f->name, "max_inflight") == 0 && app->model->nodes[i].io != IO_ASYNC) continue;
        if (strcmp(f->name, "instances") == 0) section(p, "CAPACITY");
        if (strcmp(f->name, "rate_limit_rps") == 0) section(p, "LIMITS AND COST");
        char label[64];
        human_label(f->name, label, sizeof label);
        switch (f->type) {
        case FT_ENUM: enum_row(p, t, f, f->name, label); break;
        case FT_DIST: dist_rows(p, t, f, label); break;
        default: text_row(p, t, f, f->name, label, 0, NULL, 0, false); break;
        }
        if (i >= app->model->n_nodes) return; /* an edit removed it (cannot happen today) */
    }
    section(p, "POSITION");
    text_row(p, t, schema_find(schema_node_fields, "x"), "x", "x", 0, NULL, 0, false);
    text_row(p, t, schema_find(schema_node_fields, "y"), "y", "y", 0, NULL, 0, false);
    n = &app->model->nodes[i];
    double cost = node_servers(n) * n->cost_per_hour_usd * 730.0;
    if (cost > 0) {
        char c[64], line[128];
        fmt_num(cost, c, sizeof c);
        snprintf(line, sizeof line, "%d server%s \xC2\xB7 $%s / month", node_servers(n),
                 node_servers(n) == 1 ? "" : "s", c);
        p->y += 6;
        ui_text(p->ui, FONT_REGULAR, theme.small_font, p->x, p->y, line, theme.text_dim);
        p->y += 20;
    }
    element_problems(p);
}

static void edge_panel(Panel *p, int i)
{
    App *app = p->app;
    const Edge *e = &app->model->edges[i];
    Target t = {i, true, sizeof(Edge)};
    char title[300];
    int a = model_find_node(app->model, e->from), b = model_find_node(app->model, e->to);
    const char *an = a >= 0 && app->model->nodes[a].label ? app->model->nodes[a].label : e->from;
    const char *bn = b >= 0 && app->model->nodes[b].label ? app->model->nodes[b].label : e->to;
    snprintf(title, sizeof title, "%s \xE2\x86\x92 %s", an, bn);
    header(p, NODE_SERVICE, true, title, e->mode == EDGE_ASYNC ? "asynchronous call" : "synchronous call");
    for (const FieldDesc *f = schema_edge_fields; f->name; f++) {
        char label[64];
        human_label(f->name, label, sizeof label);
        if (strcmp(f->name, "timeout_ms") == 0) section(p, "TIMEOUTS AND RETRIES");
        if (strcmp(f->name, "request_kb") == 0) section(p, "PAYLOAD");
        bool ro = strcmp(f->name, "from") == 0 || strcmp(f->name, "to") == 0;
        switch (f->type) {
        case FT_ENUM: enum_row(p, t, f, f->name, label); break;
        case FT_DIST: dist_rows(p, t, f, label); break;
        default: text_row(p, t, f, f->name, label, 0, NULL, 0, ro); break;
        }
    }
    section(p, "RESILIENCE");
    breaker_rows(p, t);
    element_problems(p);
}

/* ---- the scenario's numbers (traffic, limits, events), edited in the diagram panel ---- */

typedef enum ScenList { SL_REQUESTS, SL_REQUIREMENTS, SL_EVENTS } ScenList;

static void *scen_elem(Scenario *s, ScenList l, int k)
{
    switch (l) {
    case SL_REQUESTS: return &s->requests[k];
    case SL_REQUIREMENTS: return &s->requirements[k];
    default: return &s->events[k];
    }
}

/* Field f of element k of a scenario list, typed in place; a change is one undoable step
 * over the whole scenario block. Validation messages about it show under the row. */
static void scenario_row(Panel *p, ScenList l, int k, const FieldDesc *f, const char *label, const char *unit)
{
    static const char *const list_name[] = {"requests", "requirements", "events"};
    App *app = p->app;
    char key[48];
    snprintf(key, sizeof key, "%s[%d].%s", list_name[l], k, f->name);
    char value[64];
    format_value(f, scen_elem(&app->model->scenario, l, k), value, sizeof value);
    tip(p, f->doc);
    Rect fr = row_field(p, label, 10);
    record_field(p, key, fr);
    bool invalid = (strcmp(app->insp_error_key, key) == 0 && app->insp_error[0]) || problem_for(p, key) != NULL;
    char out[128];
    UiTextResult res = ui_textbox(p->ui, ui_id(key), fr, value, out, sizeof out, (invalid ? UI_INVALID : 0) | UI_NUMERIC);
    row_unit(p, fr, unit);
    if (res == UI_TEXT_CANCEL) clear_error(app, key);
    if (res == UI_TEXT_SUBMIT && strcmp(out, value) != 0) {
        Model *after = model_clone(app->model);
        char why[200] = "";
        if (store_value(f, scen_elem(&after->scenario, l, k), out, why, sizeof why)) {
            char what[120];
            snprintf(what, sizeof what, "Set scenario %s", key);
            Command c;
            cmd_init(&c, what);
            cmd_scenario_set(&c, app->model, after);
            app_commit(app, &c);
            clear_error(app, key);
            app_set_status(app, false, "%s to %s", what, out);
        } else {
            set_error(app, key, why);
        }
        model_destroy(after);
    }
    row_end(p, key);
}

static const char *metric_unit_short(Metric k)
{
    switch (k) {
    case METRIC_ERROR_RATE: return ""; /* a fraction; "0.1%" can be typed */
    case METRIC_THROUGHPUT_RPS: return "rps";
    case METRIC_COST_PER_MONTH_USD: return "$";
    default: return "ms";
    }
}

/* The scenario's traffic, requirement limits and events, all editable. */
static void scenario_rows(Panel *p)
{
    App *app = p->app;
    Ui *ui = p->ui;
    const Scenario *sc = &app->model->scenario;
    char line[300];
    snprintf(p->path, sizeof p->path, "scenario");
    if (sc->n_requests > 0) {
        section(p, "TRAFFIC");
        for (int i = 0; i < sc->n_requests; i++) {
            const RequestType *r = &sc->requests[i];
            bool closed = r->rate_rps <= 0 && r->users > 0;
            scenario_row(p, SL_REQUESTS, i, schema_find(schema_request_fields, closed ? "users" : "rate_rps"), r->name,
                         closed ? "users" : "rps");
        }
    }
    if (sc->n_requirements > 0) {
        section(p, "REQUIREMENTS");
        for (int i = 0; i < sc->n_requirements; i++) {
            /* A row may replace the scenario (an edit): read what the rows need first. */
            const Requirement q = sc->requirements[i];
            char *d = requirement_describe_in(app->model, i, app->lang);
            ui_text_fit(ui, FONT_REGULAR, theme.small_font, p->x, p->y, d, p->w, theme.text);
            free(d);
            p->y += 18;
            if (q.has_max) scenario_row(p, SL_REQUIREMENTS, i, schema_find(schema_requirement_fields, "max"), "at most",
                                        metric_unit_short(q.metric));
            if (q.has_min) scenario_row(p, SL_REQUIREMENTS, i, schema_find(schema_requirement_fields, "min"), "at least",
                                        metric_unit_short(q.metric));
        }
    }
    if (sc->n_events > 0) {
        section(p, "EVENTS");
        for (int i = 0; i < sc->n_events; i++) {
            const ScenarioEvent *e = &sc->events[i];
            EventAction action = e->action; /* a row may replace the scenario (an edit) */
            const char *what = e->label && *e->label ? e->label
                               : e->action == EVENT_FAIL ? "failure"
                               : e->action == EVENT_SLOW ? "slowdown"
                                                         : "surge";
            snprintf(line, sizeof line, "%s (%s%s%s)", what, e->action == EVENT_SURGE ? "surge of " : "",
                     e->action == EVENT_SURGE ? (e->request ? e->request : "all") : (e->node ? e->node : "?"),
                     e->action == EVENT_FAIL ? " fails" : e->action == EVENT_SLOW ? " slows" : "");
            ui_text_fit(ui, FONT_REGULAR, theme.small_font, p->x, p->y, line, p->w, theme.text);
            p->y += 18;
            scenario_row(p, SL_EVENTS, i, schema_find(schema_event_fields, "at_s"), "at", "s");
            scenario_row(p, SL_EVENTS, i, schema_find(schema_event_fields, "for_s"), "for", "s");
            if (action == EVENT_FAIL)
                scenario_row(p, SL_EVENTS, i, schema_find(schema_event_fields, "instances"), "servers (0 = all)", "");
            else
                scenario_row(p, SL_EVENTS, i, schema_find(schema_event_fields, "factor"), "factor", "\xC3\x97");
        }
    }
    snprintf(p->path, sizeof p->path, "-");
}

static void diagram_panel(Panel *p)
{
    App *app = p->app;
    Ui *ui = p->ui;
    Model *m = app->model;
    ui_text(ui, FONT_BOLD, theme.title_font, p->x, p->y, "Diagram", theme.text);
    p->y += 24;
    char line[300];
    snprintf(line, sizeof line, "%d node%s \xC2\xB7 %d edge%s", m->n_nodes, m->n_nodes == 1 ? "" : "s",
             m->n_edges, m->n_edges == 1 ? "" : "s");
    ui_text(ui, FONT_REGULAR, theme.small_font, p->x, p->y, line, theme.text_faint);
    p->y += 24;
    ui_text(ui, FONT_REGULAR, theme.ui_font, p->x, p->y, "Title", theme.text_dim);
    p->y += 20;
    Rect fr = {p->x, p->y, p->w, theme.row_h - 2};
    record_field(p, "title", fr);
    char out[512];
    if (ui_textbox(ui, ui_id("title"), fr, m->title ? m->title : "", out, sizeof out, 0) ==
            UI_TEXT_SUBMIT &&
        strcmp(out, m->title ? m->title : "") != 0) {
        Command c;
        cmd_init(&c, "Set title");
        cmd_title_set(&c, m->title, *out ? out : NULL);
        app_commit(app, &c);
    }
    p->y += theme.row_h;
    scenario_rows(p);
    if (m->scenario.prompt && *m->scenario.prompt) {
        section(p, "PROMPT");
        note_n(p, scenario_prompt_in(m, app->lang), theme.text_dim, 40);
    }
    double cost = model_cost_per_month_usd(m);
    if (cost > 0) {
        char c[32];
        fmt_num(cost, c, sizeof c);
        section(p, "COST");
        snprintf(line, sizeof line, "$%s / month for %d node%s", c, m->n_nodes, m->n_nodes == 1 ? "" : "s");
        ui_text(ui, FONT_REGULAR, theme.ui_font, p->x, p->y, line, theme.text_dim);
        p->y += 22;
    }
    const DiagList *d = &app->problems;
    section(p, d->n_items ? "PROBLEMS" : "CHECKS");
    if (d->n_items == 0) {
        note(p, m->n_nodes ? "The design is valid." : "Nothing to check yet.", theme.ok);
    }
    for (int i = 0; i < d->n_items && i < 12; i++) {
        snprintf(line, sizeof line, "%s%s%s", d->items[i].path && *d->items[i].path ? d->items[i].path : "",
                 d->items[i].path && *d->items[i].path ? ": " : "", d->items[i].message);
        note(p, line, d->items[i].level == DIAG_ERROR ? theme.danger : theme.warning);
    }
    p->y += 8;
    const char *tip_text = "Tip: select a node or an edge to edit its numbers. Double-click a node to "
                           "rename it; F1 lists every shortcut.";
    int tip_lines = count_lines(app->r, tip_text, p->w - 20, 6);
    float tip_h = (float)tip_lines * render_line_height(app->r, FONT_REGULAR, theme.small_font) + 18;
    Rect tip = {p->x, p->y, p->w, tip_h};
    ui_rrect(ui, tip, 6, theme.accent_soft);
    ui_rrect_line(ui, tip, 6, 1, tint(theme.accent, 0.7f));
    float save_y = p->y;
    p->x += 10;
    p->w -= 20;
    p->y += 8;
    note(p, tip_text, theme.accent_hover);
    p->x -= 10;
    p->w += 20;
    p->y = save_y + tip_h + 8;
}

static void multi_panel(Panel *p)
{
    App *app = p->app;
    char line[120];
    int nn = sel_count_nodes(app), ne = sel_count_edges(app);
    snprintf(line, sizeof line, "%d node%s, %d edge%s selected", nn, nn == 1 ? "" : "s", ne,
             ne == 1 ? "" : "s");
    ui_text(p->ui, FONT_BOLD, theme.title_font, p->x, p->y, line, theme.text);
    p->y += 34;
    if (ui_button(p->ui, ui_id("multi-dup"), rect_make(p->x, p->y, 110, 30), "Duplicate", 0))
        edit_duplicate(app);
    if (ui_button(p->ui, ui_id("multi-del"), rect_make(p->x + 120, p->y, 90, 30), "Delete", 0))
        edit_delete_selection(app);
    p->y += 44;
    note(p, "Drag any selected node to move them together. Shift-click adds or removes one.",
         theme.text_dim);
}

void inspector_update(App *app)
{
    Ui *ui = &app->ui;
    Rect rc = app->inspector_rc;
    app->n_fields = 0;
    ui_rect(ui, rc, theme.panel);
    ui_rect(ui, rect_make(rc.x, rc.y, 1, rc.h), theme.border);
    int ni = sel_single_node(app), ei = sel_single_edge(app);
    if (ni != app->insp_last_node || ei != app->insp_last_edge) {
        app->insp_scroll = 0;
        app->insp_error_key[0] = 0;
        app->insp_last_node = ni;
        app->insp_last_edge = ei;
    }
    if (ui_hover(ui, rc) && ui->in.wheel_y != 0) {
        app->insp_scroll -= ui->in.wheel_y * 40;
        ui->in.wheel_y = 0;
    }
    if (app->insp_scroll < 0) app->insp_scroll = 0;
    Panel p = {app, ui, rc, rc.x + 16, rc.y + 16 - app->insp_scroll, rc.w - 32, 0, ""};
    Rect clip = rect_make(rc.x + 1, rc.y, rc.w - 1, rc.h);
    const char *prev_tip = app->tip_doc;
    app->tip_doc = NULL;
    ui_clip(ui, &clip);
    if (ni >= 0) {
        p.elem = ni;
        snprintf(p.path, sizeof p.path, "nodes[%d]", ni);
        node_panel(&p, ni);
    } else if (ei >= 0) {
        p.elem = (1 << 24) | ei;
        snprintf(p.path, sizeof p.path, "edges[%d]", ei);
        edge_panel(&p, ei);
    } else if (sel_count_nodes(app) + sel_count_edges(app) > 0) {
        multi_panel(&p);
    } else {
        p.elem = 1 << 25;
        snprintf(p.path, sizeof p.path, "-");
        diagram_panel(&p);
    }
    ui_clip(ui, NULL);
    /* The tooltip shows after the mouse rested on a field's name for a moment. */
    if (app->tip_doc != prev_tip || !app->tip_doc) app->tip_since = SDL_GetTicks();
    if (app->tip_doc && SDL_GetTicks() - app->tip_since >= 450 && ui->top_layer == UI_BASE) {
        float tw = rc.w - 24;
        Rect box = {rc.x + 12, app->tip_rc.y + app->tip_rc.h + 4, tw, 0};
        float lh = render_line_height(app->r, FONT_REGULAR, theme.small_font);
        int lines = count_lines(app->r, app->tip_doc, tw - 20, 6);
        box.h = (float)lines * lh + 14;
        ui_set_layer(ui, UI_POPUP);
        ui_shadow(ui, box, 6);
        ui_rrect(ui, box, 6, hex(0x1F2937));
        Panel tp = {app, ui, box, box.x + 10, box.y + 8, tw - 20, 0, ""};
        note_n(&tp, app->tip_doc, hex(0xF9FAFB), 6);
        ui_set_layer(ui, UI_BASE);
    }
    float content = p.y + app->insp_scroll - rc.y + 16;
    float max_scroll = content > rc.h ? content - rc.h : 0;
    if (app->insp_scroll > max_scroll) app->insp_scroll = max_scroll;
    if (max_scroll > 0) {
        float bar_h = rc.h * rc.h / content;
        float bar_y = rc.y + (rc.h - bar_h) * (app->insp_scroll / max_scroll);
        ui_rrect(ui, rect_make(rc.x + rc.w - 6, bar_y + 2, 4, bar_h - 4), 2, theme.border_strong);
    }
    /* Clicks on hidden (scrolled-out) fields must not count: remove those rects. */
    for (int k = 0; k < app->n_fields; k++)
        if (app->fields[k].rc.y < rc.y || app->fields[k].rc.y + app->fields[k].rc.h > rc.y + rc.h)
            app->fields[k].rc.h = 0;
}
