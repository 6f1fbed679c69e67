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
#include "sim/scenario_edit.h"
#include "sim/schema.h"
#include "sim/tr.h"
#include "sim/util.h"

#include "panel.h"

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
        edge_name(app->model, &app->model->edges[t.index], buf, cap); /* as the board names its ends */
    } else {
        const Node *n = &app->model->nodes[t.index];
        snprintf(buf, cap, "%s", node_label_shown(n));
    }
    return buf;
}

/* The label of a node or an edge, in the language it is written in: EN / RU / UK over
 * the field pick it (as over the exercise's title and prompt), so a label can be given a
 * translation in the app (scenario.translations.<lang>.labels); an empty field in
 * another language shows the English to translate. One undoable step. */
static void label_row(Panel *p, Target t, const FieldDesc *f, const char *label)
{
    App *app = p->app;
    const char *what = t.edge ? "edge-label" : "label";
    char out[512];
    if (panel_text_row(p, label, _(f->doc), t.edge ? "label-lang-e" : "label-lang-n", what, t.index, "label", p->elem, 0,
                       t.edge ? "" : app->model->nodes[t.index].id, out, sizeof out)) { /* a node's id: what English shows */
        char name[200], step[300], spoken[160];
        panel_spoken_label("label", label, spoken, sizeof spoken);
        snprintf(step, sizeof step, _("Set \xE2\x80\x9C%s\xE2\x80\x9D of %s"), spoken, elem_name(app, t, name, sizeof name));
        panel_text_commit(app, what, t.index, out, step);
    }
    panel_row_end(p, "label");
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
    if (sub_off == 0 && strcmp(f->name, "label") == 0 && !read_only) {
        label_row(p, t, f, label);
        return;
    }
    panel_format_value(f, base, value, sizeof value);
    panel_tip(p, _(f->doc));
    Rect fr = panel_row_field(p, label, indent);
    if (read_only || f->type == FT_STRING || f->type == FT_STRLIST) fr.w = p->x + p->w - fr.x;
    panel_record_field(p, key, fr);
    bool invalid = (strcmp(app->insp_error_key, key) == 0 && app->insp_error[0]) ||
                   panel_problem_text(p, key) != NULL;
    if (panel_goto_here(p, key, fr) && !read_only) ui_focus(p->ui, ui_idn(key, p->elem), value);
    char out[512];
    UiTextResult res = ui_textbox(p->ui, ui_idn(key, p->elem), fr, value, out, sizeof out,
                                  (invalid ? UI_INVALID : 0) | (read_only ? UI_DISABLED : 0) |
                                      (f->type == FT_NUMBER || f->type == FT_INT ? UI_NUMERIC : 0));
    if (!read_only) {
        panel_row_unit(p, fr, panel_short_unit(f->unit, parent_unit));
        panel_zero_note(p, ui_idn(key, p->elem), fr, value, f);
    }
    if (res == UI_TEXT_CANCEL) panel_clear_error(app, key);
    if (res == UI_TEXT_SUBMIT && !read_only && strcmp(out, value) != 0) {
        if (!t.edge && strcmp(key, "id") == 0) {
            if (edit_set_node_id(app, t.index, out))
                panel_clear_error(app, key);
            else
                panel_set_error(app, key, label, app->msg);
        } else {
            union {
                Node n;
                Edge e;
            } ed;
            copy_elem(app, t, &ed);
            char why[200] = "", spoken[160];
            panel_spoken_label(key, label, spoken, sizeof spoken);
            if (panel_store_value(f, (char *)&ed + sub_off, out, why, sizeof why)) {
                char name[200], what[300], val[160];
                snprintf(what, sizeof what, _("Set \xE2\x80\x9C%s\xE2\x80\x9D of %s"), spoken, elem_name(app, t, name, sizeof name));
                commit_elem(app, t, &ed, what);
                panel_clear_error(app, key);
                app_set_status(app, false, _("%s to %s"), what,
                               panel_value_with_unit(out, panel_short_unit(f->unit, parent_unit), val, sizeof val));
            } else {
                panel_set_error(app, key, spoken, why);
            }
            free_elem(t, &ed);
        }
    }
    panel_row_end(p, key);
}

static void enum_row(Panel *p, Target t, const FieldDesc *f, const char *key, const char *label,
                     size_t sub_off)
{
    App *app = p->app;
    const void *elem = t.edge ? (const void *)&app->model->edges[t.index]
                              : (const void *)&app->model->nodes[t.index];
    int value = *(const int *)((const char *)elem + sub_off + f->offset);
    panel_tip(p, _(f->doc));
    Rect fr = panel_row_choice(p, label, 0);
    panel_record_field(p, key, fr);
    panel_goto_here(p, key, fr);
    const char *shown[UI_TR_NAMES_MAX + 1];
    int n_names = panel_enum_count(f->enum_names);
    ui_tr_names(f->enum_names, n_names, shown);
    if (!t.edge && strcmp(key, "kind") == 0) /* the palette's names, in the words a placed node gets where cut */
        for (int k = 0; k < n_names && k < NODE_KIND_COUNT; k++) {
            shown[k] = kind_title((NodeKind)k);
            if (render_text_width(app->r, FONT_REGULAR, theme.ui_font, shown[k]) > fr.w - 28) shown[k] = kind_label((NodeKind)k);
        }
    if (ui_dropdown(p->ui, ui_idn(key, p->elem), fr, shown, n_names, &value, 0)) {
        union {
            Node n;
            Edge e;
        } ed;
        copy_elem(app, t, &ed);
        *(int *)((char *)&ed + sub_off + f->offset) = value;
        char name[200], what[300], spoken[160];
        panel_spoken_label(key, label, spoken, sizeof spoken);
        snprintf(what, sizeof what, _("Set \xE2\x80\x9C%s\xE2\x80\x9D of %s"), spoken, elem_name(app, t, name, sizeof name));
        commit_elem(app, t, &ed, what);
        app_set_status(app, false, _("%s to %s"), what, _(f->enum_names[value]));
        free_elem(t, &ed);
    }
    panel_row_end(p, key);
}

/* A queue's dead_letter: picked from the board's other queues (by label, the id beside
 * it), or none (messages out of attempts are discarded). */
static void dead_letter_row(Panel *p, int i, const FieldDesc *f, const char *label)
{
    App *app = p->app;
    const Model *m = app->model;
    const Node *n = &m->nodes[i];
    int *node_of = xcalloc((size_t)m->n_nodes + 1, sizeof *node_of);
    char **names = xcalloc((size_t)m->n_nodes + 2, sizeof *names);
    int count = 0, value = 0;
    names[count] = xstrdup(_("none (drop them)"));
    node_of[count++] = -1;
    for (int k = 0; k < m->n_nodes; k++) {
        const Node *q = &m->nodes[k];
        if (k == i || q->kind != NODE_QUEUE) continue;
        if (n->dead_letter && strcmp(n->dead_letter, q->id) == 0) value = count;
        names[count] = q->label && *q->label && strcmp(q->label, q->id) != 0
                           ? xasprintf("%s (%s)", q->label, q->id)
                           : xstrdup(q->id);
        node_of[count++] = k;
    }
    if (n->dead_letter && value == 0) { /* an id that is no queue on the board: say so */
        names[count] = xasprintf(_("%s (not a queue here)"), n->dead_letter);
        node_of[count] = -2;
        value = count++;
    }
    panel_tip(p, f->doc);
    Rect fr = panel_row_choice(p, label, 0);
    panel_record_field(p, f->name, fr);
    panel_goto_here(p, f->name, fr);
    int was = value;
    if (ui_dropdown(p->ui, ui_idn(f->name, p->elem), fr, (const char *const *)names, count, &value, 0) &&
        value != was && node_of[value] != -2) {
        Node ed;
        node_copy(&ed, n);
        free(ed.dead_letter);
        ed.dead_letter = node_of[value] >= 0 ? xstrdup(m->nodes[node_of[value]].id) : NULL;
        char name[200], what[300];
        snprintf(what, sizeof what, _("Set \xE2\x80\x9C%s\xE2\x80\x9D of %s"), label, elem_name(app, (Target){i, false, sizeof(Node)}, name, sizeof name));
        edit_set_node(app, i, &ed, what);
        app_set_status(app, false, _("%s to %s"), what, names[value]);
        node_free(&ed);
    }
    panel_row_end(p, f->name);
    for (int k = 0; k < count; k++) free(names[k]);
    free(names);
    free(node_of);
}

/* Distribution d drawn as `kind` from now on: its mean kept, the new kind's other
 * parameters filled in where they would be out of range (a lognormal's p99 4 means, a
 * uniform from 0 to 2 means, a Pareto's alpha 2). */
static void dist_retype(Dist *d, DistKind kind)
{
    double mean = dist_mean(d);
    d->kind = kind;
    if (d->mean <= 0) d->mean = mean > 0 ? mean : 1;
    if (kind == DIST_LOGNORMAL && (d->p99 < d->mean || d->p99 > 14 * d->mean)) d->p99 = d->mean * 4;
    if (kind == DIST_UNIFORM && d->max <= d->min) {
        d->min = 0;
        d->max = 2 * d->mean;
    }
    if (kind == DIST_PARETO && d->alpha <= 1) d->alpha = 2;
}

static void dist_rows(Panel *p, Target t, const FieldDesc *f, const char *label)
{
    App *app = p->app;
    const void *elem = t.edge ? (const void *)&app->model->edges[t.index]
                              : (const void *)&app->model->nodes[t.index];
    const Dist *d = (const Dist *)((const char *)elem + f->offset);
    const FieldDesc *kind_f = schema_find(schema_dist_fields, "dist");
    int kind = (int)d->kind;
    panel_tip(p, _(f->doc));
    Rect fr = panel_row_choice(p, label, 0);
    panel_record_field(p, f->name, fr);
    const char *shown[UI_TR_NAMES_MAX + 1];
    int n_kinds = panel_enum_count(kind_f->enum_names);
    if (ui_dropdown(p->ui, ui_idn(f->name, p->elem), fr, ui_tr_names(kind_f->enum_names, n_kinds, shown), n_kinds, &kind,
                    0)) {
        union {
            Node n;
            Edge e;
        } ed;
        copy_elem(app, t, &ed);
        dist_retype((Dist *)((char *)&ed + f->offset), (DistKind)kind);
        char name[200], what[300];
        snprintf(what, sizeof what, _("Set \xE2\x80\x9C%s\xE2\x80\x9D of %s"), label, elem_name(app, t, name, sizeof name));
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
        const char *lab = d->kind == DIST_CONSTANT ? _("value") : _(pn);
        text_row(p, t, pf, key, lab, f->offset, unit, 16, false);
    }
}

static void breaker_rows(Panel *p, Target t)
{
    App *app = p->app;
    const Edge *e = &app->model->edges[t.index];
    bool on = e->breaker.enabled;
    Rect fr = {p->x, p->y, p->w, theme.row_h - 4};
    panel_record_field(p, "circuit_breaker.enabled", fr);
    if (ui_checkbox(p->ui, ui_idn("breaker", p->elem), fr, _("Circuit breaker"), &on)) {
        Edge ed;
        edge_copy(&ed, e);
        ed.breaker.enabled = on;
        edit_set_edge(app, t.index, &ed, on ? _("Enable circuit breaker") : _("Disable circuit breaker"));
        edge_free(&ed);
    }
    p->y += theme.row_h;
    if (!app->model->edges[t.index].breaker.enabled) return;
    for (const FieldDesc *f = schema_breaker_fields; f->name; f++) {
        char key[64], label[64];
        snprintf(key, sizeof key, "circuit_breaker.%s", f->name);
        panel_human_label(f->name, label, sizeof label);
        text_row(p, t, f, key, label, offsetof(Edge, breaker), NULL, 16, false);
    }
}

/* The zone of the nodes `which` (one, or several edited together): a menu of "(none)",
 * the scenario's zones and "+ new zone" (which adds a zone to the scenario and places the
 * nodes in it), showing the zone they share or "mixed"; one undo step. */
static void zone_row(Panel *p, const int *which, int n_which)
{
    App *app = p->app;
    const Model *m = app->model;
    int nz = m->scenario.n_zones;
    const char **names = xcalloc((size_t)nz + 3, sizeof *names);
    names[0] = _("(none)");
    int value = -1; /* the zone they share (0: none), -1 where they differ */
    for (int k = 0; k < n_which; k++) {
        const Node *n = &m->nodes[which[k]];
        int v = 0;
        for (int z = 0; z < nz; z++)
            if (n->zone && m->scenario.zones[z].id && strcmp(n->zone, m->scenario.zones[z].id) == 0) v = z + 1;
        value = k == 0 ? v : value == v ? v : -1;
    }
    for (int z = 0; z < nz; z++) names[z + 1] = m->scenario.zones[z].id ? m->scenario.zones[z].id : "?";
    names[nz + 1] = _("+ new zone");
    const FieldDesc *f = schema_find(schema_node_fields, "zone");
    const char *key = n_which > 1 ? "all.zone" : "zone";
    panel_tip(p, f->doc);
    Rect fr = panel_row_choice(p, _("Zone"), 0);
    panel_record_field(p, key, fr);
    panel_goto_here(p, key, fr);
    int pick = value;
    if (ui_dropdown_label(p->ui, ui_idn(key, p->elem), fr, value >= 0 ? names[value] : _("mixed"), names, nz + 2, &pick, 0) &&
        pick >= 0) {
        Model *after = model_clone(m);
        char *zone = NULL;
        if (pick == nz + 1) { /* a new zone, in the region of the first (or a new one) */
            char id[32];
            for (int k = nz + 1;; k++) {
                snprintf(id, sizeof id, "zone-%d", k);
                if (scenario_find_zone(&after->scenario, id) < 0) break;
            }
            Scenario *sc = &after->scenario;
            sc->zones = xrealloc(sc->zones, (size_t)(sc->n_zones + 1) * sizeof *sc->zones);
            sc->zones[sc->n_zones].id = xstrdup(id);
            sc->zones[sc->n_zones].region = xstrdup(nz > 0 ? scenario_zone_region(sc, 0) : "region-1");
            sc->n_zones++;
            zone = xstrdup(id);
        } else if (pick > 0) {
            zone = xstrdup(m->scenario.zones[pick - 1].id);
        }
        for (int k = 0; k < n_which; k++) {
            Node *an = &after->nodes[which[k]];
            free(an->zone);
            an->zone = zone ? xstrdup(zone) : NULL;
            if (an->zone) { /* one zone replaces a spread */
                for (int z = 0; z < an->n_zones; z++) free(an->zones[z]);
                free(an->zones);
                an->zones = NULL;
                an->n_zones = 0;
            }
        }
        char what[200], who[160];
        if (n_which > 1) snprintf(who, sizeof who, P_("%d node", "%d nodes", n_which), n_which);
        else snprintf(who, sizeof who, "%s", node_label_shown(&m->nodes[which[0]]));
        snprintf(what, sizeof what, zone ? _("Place %s in zone %s") : _("Take %s out of its zone"), who, zone ? zone : "");
        Command c;
        cmd_init(&c, what);
        cmd_model_diff(&c, m, after);
        app_commit(app, &c);
        app_set_status(app, false, "%s", what);
        model_destroy(after);
        free(zone);
    }
    panel_row_end(p, key);
    free(names);
}

/* The unit of an autoscaling target: that of its metric, per serving instance. */
static const char *scale_metric_unit(ScaleMetric m)
{
    return m == SCALE_UTILISATION ? "fraction" : m == SCALE_INFLIGHT ? "requests" : "rps";
}

/* A service's (or a hit_ratio cache's) autoscaling policy: a switch, then its fields. */
static void autoscale_rows(Panel *p, Target t)
{
    App *app = p->app;
    const Node *n = &app->model->nodes[t.index];
    bool on = n->autoscale.enabled;
    panel_section(p, _("AUTOSCALING"));
    Rect fr = {p->x, p->y, p->w, theme.row_h - 4};
    panel_record_field(p, "autoscale.enabled", fr);
    if (ui_checkbox(p->ui, ui_idn("autoscale", p->elem), fr, _("Autoscale (target tracking)"), &on)) {
        Node nd;
        node_copy(&nd, n);
        nd.autoscale.enabled = on;
        if (on) { /* a range the start count lies in */
            if (nd.autoscale.min_instances > nd.instances) nd.autoscale.min_instances = nd.instances;
            if (nd.autoscale.max_instances < nd.instances) nd.autoscale.max_instances = nd.instances;
        }
        edit_set_node(app, t.index, &nd, on ? _("Enable autoscaling") : _("Disable autoscaling"));
        node_free(&nd);
    }
    p->y += theme.row_h;
    n = &app->model->nodes[t.index];
    if (!n->autoscale.enabled) return;
    for (const FieldDesc *f = schema_autoscale_fields; f->name; f++) {
        char key[64], label[64];
        snprintf(key, sizeof key, "autoscale.%s", f->name);
        panel_human_label(f->name, label, sizeof label);
        if (f->type == FT_ENUM)
            enum_row(p, t, f, key, label, offsetof(Node, autoscale));
        else
            text_row(p, t, f, key, label, offsetof(Node, autoscale), scale_metric_unit(n->autoscale.metric), 16, false);
        if (t.index >= app->model->n_nodes) return;
        n = &app->model->nodes[t.index];
    }
    n = &app->model->nodes[t.index];
    char line[512], target[NUMFMT_CAP], every[NUMFMT_CAP], boot[NUMFMT_CAP];
    snprintf(line, sizeof line, _("desired = ceil(serving x %s / %s), every %s s; a new server serves %s s after launch"),
             scale_metric_name(n->autoscale.metric), numfmt_decimal(n->autoscale.target, 6, target, sizeof target),
             numfmt_decimal(n->autoscale.interval_s, 6, every, sizeof every),
             numfmt_decimal(n->autoscale.boot_s, 6, boot, sizeof boot));
    panel_note(p, line, theme.text_dim);
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
    /* A title too long for its line wraps at spaces, an edge's after its arrow ("Django
     * (gunicorn) →" / "Postgres"), on up to three lines; the third is shortened if need
     * be, its whole in a tooltip. */
    Render *r = p->app->r;
    float tw = p->w - 44, lh = render_line_height(r, FONT_BOLD, theme.title_font);
    char text[400];
    snprintf(text, sizeof text, "%s", title);
    char *arrow = is_edge ? strstr(text, " \xE2\x86\x92 ") : NULL;
    if (arrow && render_text_width(r, FONT_BOLD, theme.title_font, text) > tw) arrow[4] = '\n';
    int lines = ui_text_lines(ui, FONT_BOLD, theme.title_font, p->x + 44, p->y, tw, text, 3, theme.text);
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, p->x + 44, p->y + 21 + (float)(lines - 1) * lh, sub, tw,
                theme.text_faint);
    p->y += 48 + (float)(lines - 1) * lh;
}

/* The modelling checks about the selected element, first thing under its header. */
static void element_checks(Panel *p)
{
    size_t plen = strlen(p->path);
    for (int i = 0; i < p->app->lint.n_items; i++) {
        const char *path = p->app->lint.items[i].path ? p->app->lint.items[i].path : "";
        if (strncmp(path, p->path, plen) == 0 && (path[plen] == 0 || path[plen] == '.')) {
            panel_lint(p, p->path, 100);
            p->y += 4;
            return;
        }
    }
}

static void element_problems(Panel *p)
{
    const DiagList *d = &p->app->problems;
    size_t plen = strlen(p->path);
    bool any = false;

    for (int i = 0; i < d->n_items; i++) {
        const char *path = d->items[i].path ? d->items[i].path : "";
        if (strncmp(path, p->path, plen) != 0 || (path[plen] != 0 && path[plen] != '.')) continue;
        if (!any) panel_section(p, _("PROBLEMS"));
        any = true;
        panel_note(p, d->items[i].message, d->items[i].level == DIAG_ERROR ? theme.danger : theme.warning);
    }
}

/* Whether requests wait in node i's own queue: something other than a queue sends to
 * it (a consumer pulls what queues hold: its backlog waits there). */
static bool queues_at_itself(const Model *m, int i)
{
    for (int k = 0; k < m->n_edges; k++) {
        if (strcmp(m->edges[k].to, m->nodes[i].id) != 0) continue;
        int from = model_find_node(m, m->edges[k].from);
        if (from >= 0 && m->nodes[from].kind != NODE_QUEUE) return true;
    }
    return false;
}

/* One row of the estimate beside the run: its name (indented by `indent`), the predicted
 * figure right-aligned in its column with room to the left up to the name ("3.56k of
 * 10.1k"), and the measured one (NULL: no run). */
static void pvm_row(Panel *p, const char *name, float indent, const char *pred, Color pc, const char *meas, Color mc,
                    bool meas_bold)
{
    App *app = p->app;
    float c1 = p->x + p->w * 0.42f, c2 = p->x + p->w * 0.71f, cw = p->w * 0.29f - 4;
    ui_text_in(p->ui, FONT_REGULAR, theme.small_font, rect_make(p->x + indent, p->y, c1 - p->x - indent, 18), 0, name,
               theme.text);
    float lx = p->x + indent + render_text_width(app->r, FONT_REGULAR, theme.small_font, name) + 10;
    if (lx > c1) lx = c1;
    overlay_text_in(app, FONT_REGULAR, theme.small_font, rect_make(lx, p->y, c1 + cw - lx, 18), 2, pred, pc);
    if (meas) ui_text_in(p->ui, meas_bold ? FONT_BOLD : FONT_REGULAR, theme.small_font, rect_make(c2, p->y, cw, 18), 2, meas, mc);
    p->y += 19;
}

/* Servers of the node failed in the run: its measured utilisation is of the time they were
 * up (the report's up_share; a database's primaries apart, primary_up_share), where the
 * prediction is of all of them. */
static void measured_up_note(Panel *p, const double *f)
{
    if (f[NF_UP_SHARE] < 0) return;
    char note[300], up[NUMFMT_CAP], pup[NUMFMT_CAP];
    if (f[NF_PRIMARY_UP_SHARE] >= 0) /* a primary was down too: its row is of the primaries up */
        snprintf(note, sizeof note,
                 _("Its servers were up %s of the time and its primaries %s (the scenario's failures): each "
                   "measured utilisation is of the time they were up."),
                 numfmt_percent(f[NF_UP_SHARE], up, sizeof up), numfmt_percent(f[NF_PRIMARY_UP_SHARE], pup, sizeof pup));
    else
        snprintf(note, sizeof note,
                 _("Its servers were up %s of the time (the scenario's failures): the measured utilisation is of "
                   "that time."),
                 numfmt_percent(f[NF_UP_SHARE], up, sizeof up));
    panel_note(p, note, theme.text_dim);
}

/* What a run's waits at a node hide: a failover's writes held for the new primary (the
 * CLI's notes column says it too), and a mean wait above its p99, which only under 1% of
 * requests waiting, and long, gives ("Wait mean 43 ms, Wait p99 0 ms" read as a
 * contradiction). */
static void measured_waits_note(Panel *p, const Node *nd, const double *f)
{
    char note[400];
    if (f[NF_FAILOVERS] > 0 || f[NF_NO_PRIMARY_S] > 0) {
        char down[NUMFMT_CAP], waited[NUMFMT_CAP], failed[NUMFMT_CAP];
        int n = (int)llround(fmax(0, f[NF_FAILOVERS]));
        const char *sep = numfmt_thousands(tr_lang());
        /* no_primary_s adds up the shards' times */
        snprintf(note, sizeof note,
                 nd->shards > 1 ? P_("Failover: %s without a primary, the shards' times added up, %d replica promoted. "
                                     "Writes meanwhile: %s waited for the new primary, %s failed.",
                                     "Failover: %s without a primary, the shards' times added up, %d replicas "
                                     "promoted. Writes meanwhile: %s waited for the new primary, %s failed.",
                                     n)
                                : P_("Failover: %s without a primary, %d replica promoted. Writes meanwhile: %s waited "
                                     "for the new primary, %s failed.",
                                     "Failover: %s without a primary, %d replicas promoted. Writes meanwhile: %s "
                                     "waited for the new primary, %s failed.",
                                     n),
                 numfmt_duration_words(f[NF_NO_PRIMARY_S], down, sizeof down), n,
                 numfmt_grouped(f[NF_FAILOVER_WRITES_WAITED], sep, waited, sizeof waited),
                 numfmt_grouped(f[NF_FAILOVER_WRITES_FAILED], sep, failed, sizeof failed));
        panel_note(p, note, theme.text_dim);
    }
    if (f[NF_MEAN_WAIT_MS] >= 1 && f[NF_MEAN_WAIT_MS] > f[NF_P99_WAIT_MS]) {
        char mean[NUMFMT_CAP], p99[NUMFMT_CAP];
        snprintf(note, sizeof note,
                 _("Fewer than 1 request in 100 waited here, and long: their waits make the mean %s while the p99 "
                   "is %s."),
                 numfmt_ms_in(f[NF_MEAN_WAIT_MS], tr_lang(), mean, sizeof mean),
                 numfmt_ms_in(f[NF_P99_WAIT_MS], tr_lang(), p99, sizeof p99));
        panel_note(p, note, theme.text_dim);
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
    panel_section(p, f ? _("PREDICTED vs MEASURED") : _("PREDICTED (run for measured)"));
    float c1 = p->x + p->w * 0.42f, c2 = p->x + p->w * 0.71f, cw = p->w * 0.29f - 4;
    ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(c1, p->y, cw, 18), 2, _("predicted"), theme.text_dim);
    if (f) ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(c2, p->y, cw, 18), 2, _("measured"), theme.text_dim);
    p->y += 20;
    const char *names[] = {_("Utilisation"), _("Rate"), _("Mean queue"), _("Wait mean"), _("Wait p99"), _("Latency mean")};
    char a[6][NUMFMT_CAP + 8], b[6][NUMFMT_CAP + 8];
    estimate_util_text(e, a[0], sizeof a[0]);
    /* what it answers: over capacity what it serves, backed up what leaves its full queue */
    bool full = estimate_full(e);
    double done = estimate_done_rps(e);
    if (done < e->admitted_rps * (1 - 1e-9)) { /* "1k of 1.5k" */
        char s[NUMFMT_CAP], o[NUMFMT_CAP];
        snprintf(a[1], sizeof a[1], _("%s of %s"), numfmt_count(done, s, sizeof s),
                 estimate_rate_text(e->arrival_rps, o, sizeof o));
    } else {
        estimate_rate_text(e->arrival_rps, a[1], sizeof a[1]);
        if (e->arrival_rps < ESTIMATE_UNBOUNDED_RPS) strcat(a[1], " rps");
    }
    double lq = isfinite(e->wait_ms) ? e->wait_ms / 1000 * e->admitted_rps : INFINITY;
    if (full) { /* past capacity, or backed up: its queue full */
        char q[NUMFMT_CAP];
        double held = e->arrival_rps < ESTIMATE_UNBOUNDED_RPS ? e->full_queue : app->model->nodes[i].queue_max; /* a diverged flow's is no figure */
        snprintf(a[2], sizeof a[2], _("%s, full"), numfmt_count(held, q, sizeof q));
    } else if (isfinite(lq) && e->queue_full) { /* at its queue_max: "10k, full" */
        char q[NUMFMT_CAP];
        snprintf(a[2], sizeof a[2], _("%s, full"), numfmt_count(lq, q, sizeof q));
    } else if (isfinite(lq)) {
        numfmt_count(lq, a[2], sizeof a[2]);
    } else if (queues_at_itself(app->model, i)) {
        /* it cannot keep up: its queue fills to queue_max and turns the rest away */
        char q[NUMFMT_CAP];
        snprintf(a[2], sizeof a[2], _("%s, full"), numfmt_count(app->model->nodes[i].queue_max, q, sizeof q));
    } else {
        snprintf(a[2], sizeof a[2], "%s", _("grows")); /* a consumer's backlog, in its queues */
    }
    /* over capacity: what the requests it keeps wait in its full queue, where it has one */
    numfmt_ms_in(estimate_answered_wait_ms(e), tr_lang(), a[3], sizeof a[3]);
    if (isfinite(e->wait_p99_ms) && !full) numfmt_ms_in(e->wait_p99_ms, tr_lang(), a[4], sizeof a[4]);
    else snprintf(a[4], sizeof a[4], NUMFMT_NONE); /* no steady tail */
    numfmt_ms_in(estimate_answered_latency_ms(e), tr_lang(), a[5], sizeof a[5]); /* of what it answers, as a run's */
    if (f) {
        numfmt_percent(f[NF_UTILISATION], b[0], sizeof b[0]);
        numfmt_count(f[NF_THROUGHPUT_RPS], b[1], sizeof b[1]);
        strcat(b[1], " rps");
        numfmt_count(f[NF_MEAN_QUEUE], b[2], sizeof b[2]);
        numfmt_ms_in(f[NF_MEAN_WAIT_MS], tr_lang(), b[3], sizeof b[3]);
        numfmt_ms_in(f[NF_P99_WAIT_MS], tr_lang(), b[4], sizeof b[4]);
        numfmt_ms_in(f[NF_MEAN_LATENCY_MS], tr_lang(), b[5], sizeof b[5]);
    }
    /* A database with read replicas: the whole beside the whole a run measures, then its
     * primaries and its replicas apart (the estimate's headline is its busiest station:
     * a replica at 34% read beside a whole of 18%) */
    bool roles = e->replica_utilisation >= 0;
    double role_pred[2] = {e->primary_utilisation, e->replica_utilisation}, role_meas[2] = {-1, -1};
    if (roles) {
        numfmt_percent(e->whole_utilisation, a[0], sizeof a[0]);
        if (f) {
            role_meas[0] = f[NF_PRIMARY_UTILISATION];
            role_meas[1] = node_replica_utilisation(app->res_model, app->res->mean, v->res);
        }
    }
    /* Shards alone: the whole beside a run's whole, then the busiest server apart (a hot
     * shard at 105% predicted read beside a whole of 36% measured) */
    bool shards = !roles && e->whole_utilisation >= 0;
    double server_meas = f ? f[NF_BUSIEST_SERVER_UTILISATION] : -1;
    if (shards) numfmt_percent(e->whole_utilisation, a[0], sizeof a[0]);
    /* A consumer whose queue's partitions let it use few of its slots: the estimate's
     * figure is of those usable slots, and so is the run's beside it; then all its slots
     * apart (506% predicted read beside a run's 12% of all 32, its 4 usable ones full) */
    const Node *cn = &app->model->nodes[i];
    long all_slots = (long)cn->instances * cn->workers;
    int usable = e->capped_by >= 0 && e->capped_by < app->model->n_nodes ? app->model->nodes[e->capped_by].partitions : 0;
    bool capped = usable > 0 && all_slots > usable && !roles && !shards;
    double usable_meas = -1;
    if (capped && f) {
        int u, sl;
        if (node_usable_share(app->res_model, app->res->mean, v->res, &usable_meas, &u, &sl))
            numfmt_percent(usable_meas, b[0], sizeof b[0]);
        else
            usable_meas = -1;
    }
    const char *role_names[] = {_("Primaries"), _("Replicas")};
    for (int k = 0; k < 6; k++) {
        Color pc = k == 0 && e->over_capacity ? theme.danger : k == 0 && e->backed_up_by >= 0 ? run_backed_color() : theme.text;
        /* measured: red where the run found it over capacity, as the note under it says
         * (a green 57% beside "Over capacity: ... its in-flight limit was reached") */
        Color mc = k == 0 && f ? (v->over ? theme.danger : run_util_color(usable_meas >= 0 ? usable_meas : f[NF_UTILISATION]))
                               : theme.text;
        pvm_row(p, names[k], 0, a[k], pc, f ? b[k] : NULL, mc, k == 0);
        for (int r = 0; k == 0 && roles && r < 2; r++) {
            char pr[NUMFMT_CAP], me[NUMFMT_CAP];
            numfmt_percent(role_pred[r], pr, sizeof pr);
            if (role_meas[r] >= 0) numfmt_percent(role_meas[r], me, sizeof me);
            else snprintf(me, sizeof me, NUMFMT_NONE);
            pvm_row(p, role_names[r], 12, pr, role_pred[r] >= 1 ? theme.danger : theme.text, f ? me : NULL,
                    role_meas[r] >= 0 ? run_util_color(role_meas[r]) : theme.text, false);
        }
        if (k == 0 && capped) { /* "All 32 slots": at most 4 / 32 of them busy */
            char pr[NUMFMT_CAP], me[NUMFMT_CAP], label[64];
            numfmt_percent(fmin(e->utilisation, 1) * (double)usable / (double)all_slots, pr, sizeof pr);
            numfmt_percent(f ? f[NF_UTILISATION] : 0, me, sizeof me);
            snprintf(label, sizeof label, _("All slots (%ld)"), all_slots);
            pvm_row(p, label, 12, pr, theme.text, f ? me : NULL, theme.text, false);
        }
        if (k == 0 && shards) {
            char pr[NUMFMT_CAP], me[NUMFMT_CAP];
            numfmt_percent(e->utilisation, pr, sizeof pr);
            if (server_meas >= 0) numfmt_percent(server_meas, me, sizeof me);
            else snprintf(me, sizeof me, NUMFMT_NONE);
            pvm_row(p, _("Busiest server"), 12, pr, e->utilisation >= 1 ? theme.danger : theme.text, f ? me : NULL,
                    server_meas >= 0 ? run_util_color(server_meas) : theme.text, false);
        }
    }
    /* a queue: the messages waiting for its consumers (a run's backlog mean); a consumer:
     * where its messages wait, since its own queue stays empty */
    const Node *nd = &app->model->nodes[i];
    if (nd->kind == NODE_QUEUE) {
        char pb[NUMFMT_CAP + 8], mb[NUMFMT_CAP], q[NUMFMT_CAP];
        if (e->full_after_s > 0 && nd->max_depth > 0) /* its consumers cannot keep up */
            snprintf(pb, sizeof pb, _("%s, full"), numfmt_count(nd->max_depth, q, sizeof q));
        else
            numfmt_count(e->backlog, pb, sizeof pb);
        if (f) numfmt_count(f[NF_MEAN_BACKLOG], mb, sizeof mb);
        pvm_row(p, _("Backlog"), 0, pb, theme.text, f ? mb : NULL, theme.text, false);
    } else if (e->backlog_at >= 0 && e->backlog_at < app->model->n_nodes && e->backlog_wait_ms >= 0.001 &&
               e->backlog_wait_ms >= 0.01 * e->latency_ms) {
        char who[160], w[NUMFMT_CAP], note[400];
        node_name(&app->model->nodes[e->backlog_at], NAMING_LABEL, who, sizeof who);
        snprintf(note, sizeof note,
                 _("It takes a message when a slot is free: its messages wait in %s's backlog, about %s predicted, "
                   "and its own queue stays empty."),
                 who, numfmt_ms_in(e->backlog_wait_ms, tr_lang(), w, sizeof w));
        panel_note(p, note, theme.text_dim);
    }
    /* The two columns measure different things when the scenario has events: a surge's
     * 13.4k rps measured beside 10.1k predicted read as the formulas being a third off. */
    if (f && app->model->scenario.n_events > 0)
        panel_note(p, _("Predicted: the steady load, without the scenario's events; measured: the whole run, events included."),
                   theme.text_dim);
    if (f) measured_up_note(p, f);
    if (f) measured_waits_note(p, &app->model->nodes[i], f);
    /* What the numbers mean for its capacity: the run's word first, then the estimate's. */
    char msg[1536]; /* a capacity note, whole (in Russian and Ukrainian, with long names, past 600 bytes) */
    CapacityNote k = f ? overlay_capacity_note(app, i, true, msg, sizeof msg) : NOTE_NONE;
    if (k == NOTE_NONE) k = overlay_capacity_note(app, i, false, msg, sizeof msg);
    if (k != NOTE_NONE)
        panel_note_n(p, msg, k == NOTE_OVER ? theme.danger : k == NOTE_BACKED ? run_backed_color() : theme.warning,
                     14); /* what it says of its capacity, read whole (a consumer of partitions in Russian: 12 lines) */
    p->y += 4;
}

/* ---- what the node does with the traffic of this design -------------------------------- */

/* The labels of the nodes node i calls for type `name` (NULL: any type), "A, B and C". */
static void targets_of(const Model *m, int i, const char *name, char *out, size_t cap)
{
    out[0] = 0;
    size_t len = 0;
    int n = 0, total = 0;
    for (int k = 0; k < m->n_edges; k++)
        if (strcmp(m->edges[k].from, m->nodes[i].id) == 0 && (!name || edge_carries(&m->edges[k], name))) total++;
    for (int k = 0; k < m->n_edges && len + 4 < cap; k++) {
        const Edge *e = &m->edges[k];
        if (strcmp(e->from, m->nodes[i].id) != 0 || (name && !edge_carries(e, name))) continue;
        int j = model_find_node(m, e->to);
        const char *who = j >= 0 ? node_label_shown(&m->nodes[j]) : e->to;
        n++;
        len += (size_t)snprintf(out + len, cap - len, "%s%s", n == 1 ? "" : n == total ? _(" and ") : ", ", who);
        if (len >= cap) len = cap - 1;
    }
}

/* The request types of one op reaching node i (from the estimate), "redirect, stats". */
static int types_reaching(App *app, int i, Op op, char *out, size_t cap)
{
    const Model *m = app->model;
    const Estimate *e = &app->est;
    out[0] = 0;
    size_t len = 0;
    int n = 0;
    for (int t = 0; t < m->scenario.n_requests && t < e->n_requests; t++) {
        if (m->scenario.requests[t].op != op || i >= e->n_nodes || !(e->type_rps[(size_t)t * e->n_nodes + i] > 0)) continue;
        len += (size_t)snprintf(out + len, cap - len, "%s'%s'", n ? ", " : "", m->scenario.requests[t].name);
        if (len >= cap) len = cap - 1;
        n++;
    }
    return n;
}

/* In words: what node i does with reads, misses and writes (caches), where a balancer
 * sends its requests, what a queue and a database do, for this design. */
static void what_it_does(Panel *p, int i)
{
    App *app = p->app;
    const Model *m = app->model;
    const Node *n = &m->nodes[i];
    if (!app->est_valid || i >= app->est.n_nodes) return;
    char line[900], reads[300], writes[300], to[300], num[NUMFMT_CAP];
    int nr = types_reaching(app, i, OP_READ, reads, sizeof reads);
    int nw = types_reaching(app, i, OP_WRITE, writes, sizeof writes);
    switch (n->kind) {
    case NODE_CACHE:
    case NODE_CDN: {
        panel_section(p, _("WHAT IT DOES HERE"));
        if (!nr && !nw) {
            panel_note(p, _("No request type reaches it yet."), theme.text_dim);
            break;
        }
        if (nr) {
            double hit = n->hit_ratio < 0 ? 0 : n->hit_ratio > 1 ? 1 : n->hit_ratio;
            /* Misses go where the first read type's edges go. */
            const char *first = NULL;
            int ft = -1;
            for (int t = 0; t < m->scenario.n_requests && !first; t++)
                if (m->scenario.requests[t].op == OP_READ && app->est.type_rps[(size_t)t * app->est.n_nodes + i] > 0) {
                    first = m->scenario.requests[t].name;
                    ft = t;
                }
            if (node_key_model(n) && ft >= 0) {
                /* The hit ratio emerges from the keys: the last run's, else the flow's
                 * (Che's approximation): its reads in against the misses sent on. */
                int r = app->view.nodes && i < app->view.cap_nodes && app->view.nodes[i].measured ? app->view.nodes[i].res : -1;
                const Results *res = app->res ? app->res->mean : NULL;
                if (res && r >= 0 && r < res->n_nodes && res->nodes[r][NF_READS] > 0) {
                    hit = res->nodes[r][NF_HITS] / res->nodes[r][NF_READS];
                } else {
                    double in = app->est.type_rps[(size_t)ft * app->est.n_nodes + i], out = 0;
                    for (int e = 0; e < m->n_edges && e < app->est.n_edges; e++)
                        if (m->edges[e].from && strcmp(m->edges[e].from, n->id) == 0)
                            out += app->est.edge_type_rps[(size_t)ft * app->est.n_edges + e];
                    if (in > 0) hit = fmin(1, fmax(0, 1 - out / in));
                }
            }
            targets_of(m, i, first, to, sizeof to);
            if (to[0])
                snprintf(line, sizeof line, _("Reads (%s): %.0f%% answered here, the %.0f%% that miss go on to %s."), reads,
                         100 * hit, 100 * (1 - hit), to);
            else
                snprintf(line, sizeof line,
                         _("Reads (%s): %.0f%% answered here; misses are answered here too after its own time, since "
                         "nothing stands behind it."),
                         reads, 100 * hit);
            panel_note_n(p, line, theme.text, 6);
        }
        if (nw) {
            snprintf(line, sizeof line, _("Writes (%s): stored here and answered; a cache does not pass writes on."), writes);
            panel_note_n(p, line, theme.text, 6);
        }
        break;
    }
    case NODE_LOAD_BALANCER: {
        int targets = 0;
        for (int k = 0; k < m->n_edges; k++) targets += strcmp(m->edges[k].from, n->id) == 0;
        if (!targets) break;
        panel_section(p, _("WHAT IT DOES HERE"));
        targets_of(m, i, NULL, to, sizeof to);
        snprintf(line, sizeof line,
                 P_("Sends each request to its %d target (%s): %s.", "Sends each request to one of its %d targets (%s): %s.",
                    targets),
                 targets, _(lb_policy_name(n->policy)), to);
        panel_note_n(p, line, theme.text, 6);
        break;
    }
    case NODE_QUEUE: {
        panel_section(p, _("WHAT IT DOES HERE"));
        targets_of(m, i, NULL, to, sizeof to);
        if (to[0])
            snprintf(line, sizeof line,
                     _("Acknowledges each message at once; every consumer edge (%s) gets its own copy and takes it when "
                     "a worker is free, so a slow consumer shows as backlog."),
                     to);
        else
            snprintf(line, sizeof line, _("Acknowledges each message at once; nothing consumes them yet."));
        panel_note_n(p, line, theme.text, 6);
        if (n->partitions > 0) {
            /* partitions cap each consumer group's parallelism (docs/semantics.md) */
            snprintf(line, sizeof line,
                     _("%d partitions: each message's key picks one, a partition gives a group one message at a time in "
                     "order, so a consumer group uses at most %d of its consumer's slots%s."),
                     n->partitions, n->partitions,
                     n->hot_partition > 1.0 / n->partitions ? _("; the hot key sends its share to partition 0, which can "
                                                              "back up alone")
                                                            : "");
            panel_note_n(p, line, theme.text, 6);
        }
        if (n->max_attempts > 1 || n->dead_letter) {
            char dl[200] = "";
            int dq = n->dead_letter ? model_find_node(m, n->dead_letter) : -1;
            if (n->dead_letter)
                snprintf(dl, sizeof dl, _(", then goes to %s"),
                         dq >= 0 ? node_label_shown(&m->nodes[dq]) : n->dead_letter);
            snprintf(line, sizeof line,
                     _("A delivery that fails%s is handed out again, up to %d attempts%s%s."),
                     n->visibility_timeout_s > 0 ? _(" or is not acknowledged in time") : "", n->max_attempts,
                     n->dead_letter ? dl : "", n->dead_letter ? "" : _(", then is discarded (and counted)"));
            panel_note_n(p, line, theme.text, 6);
        }
        if (n->retention_s > 0) {
            char r[NUMFMT_CAP];
            numfmt_ms_in(1000 * n->retention_s, app->lang, r, sizeof r);
            snprintf(line, sizeof line,
                     _("A message still waiting %s after it arrived expires: deleted unread, and counted as lost."), r);
            panel_note_n(p, line, theme.text, 6);
        }
        break;
    }
    case NODE_DATABASE: {
        if (!nr && !nw) break;
        panel_section(p, _("WHAT IT DOES HERE"));
        if (nw) {
            snprintf(line, sizeof line, _("Writes (%s) go to the primary%s."), writes, n->shards > 1 ? _(" of their shard") : "");
            panel_note_n(p, line, theme.text, 6);
        }
        if (nr) {
            if (n->read_replicas > 0)
                snprintf(line, sizeof line,
                         n->shards > 1 ? P_("Reads (%s) go to the %d read replica of their shard (the primary when it "
                                            "is down).",
                                            "Reads (%s) go to one of %d read replicas of their shard at random (the "
                                            "primary when they are down).",
                                            n->read_replicas)
                                       : P_("Reads (%s) go to the %d read replica (the primary when it is down).",
                                            "Reads (%s) go to one of %d read replicas at random (the primary when they "
                                            "are down).",
                                            n->read_replicas),
                         reads, n->read_replicas);
            else
                snprintf(line, sizeof line, _("Reads (%s) go to the primary%s: there are no read replicas."), reads,
                         n->shards > 1 ? _(" of their shard") : "");
            panel_note_n(p, line, theme.text, 6);
        }
        /* replication and failover (docs/semantics.md) */
        const Dist *lag = &n->replication_lag_ms;
        if (nr && n->read_replicas > 0 && !(lag->kind == DIST_CONSTANT && lag->mean == 0)) {
            snprintf(line, sizeof line,
                     _("Replicas lag the primary (mean %s ms): a session that reads its own write from a replica "
                     "sooner gets stale data."),
                     numfmt_decimal(dist_mean(lag), 6, num, sizeof num));
            panel_note_n(p, line, theme.text, 6);
        }
        if (nr && n->read_your_writes_ms > 0) {
            snprintf(line, sizeof line,
                     _("A session's reads within %s ms of its write go to the primary (read-your-writes)."),
                     numfmt_decimal(n->read_your_writes_ms, 6, num, sizeof num));
            panel_note_n(p, line, theme.text, 6);
        }
        if (n->failover_s > 0 && n->read_replicas > 0) {
            snprintf(line, sizeof line, _("If a primary fails, a replica is promoted after %s s; writes meanwhile %s."),
                     numfmt_decimal(n->failover_s, 6, num, sizeof num), n->failover_writes == FAILOVER_WAIT ? _("wait for it") : C_("writes", "fail"));
            panel_note_n(p, line, theme.text, 6);
        }
        break;
    }
    default: break;
    }
}

/* The predicted rate of each request type at node i (edge: along it), with how many
 * visits (calls) one request of that type makes there (its path: as if none were turned
 * away above it). */
static void by_type(Panel *p, int i, bool edge)
{
    App *app = p->app;
    const Model *m = app->model;
    const Estimate *e = &app->est;
    if (!app->est_valid || m->scenario.n_requests < 1) return;
    int n_el = edge ? e->n_edges : e->n_nodes;
    const double *rates = edge ? e->edge_type_rps : e->type_rps;
    const double *visits = edge ? e->edge_type_visits : e->type_visits; /* per request: its path */
    if (i >= n_el || !rates || !visits) return;
    typedef struct TypeRow {
        const char *name;
        char rate[48], per[48];
    } TypeRow;
    int n_types = m->scenario.n_requests < e->n_requests ? m->scenario.n_requests : e->n_requests, n = 0;
    TypeRow *rows = xcalloc((size_t)n_types + 1, sizeof *rows);
    Render *r = app->r;
    float fs = theme.small_font, w_name = 0, w_rate = 0, w_per = 0;
    for (int t = 0; t < n_types; t++) {
        double v = rates[(size_t)t * n_el + i];
        if (!(v > 0)) continue;
        TypeRow *row = &rows[n++];
        char rate[32], kk[NUMFMT_CAP];
        double k = visits[(size_t)t * n_el + i];
        if (!(v < ESTIMATE_UNBOUNDED_RPS)) { /* a diverged flow: no figure ("> 999T rps x200B") */
            estimate_rate_text(v, row->rate, sizeof row->rate);
            snprintf(row->per, sizeof row->per, "%s", _("an async cycle"));
        } else {
            fmt_num(v, rate, sizeof rate);
            if (edge) snprintf(row->rate, sizeof row->rate, C_("table", "%s calls/s"), rate); /* "%s/с": the heading says calls */
            else snprintf(row->rate, sizeof row->rate, "%s %s", rate, "rps");
            if (k >= 0.01) snprintf(row->per, sizeof row->per, _("\xC3\x97%s per request"), numfmt_count(k, kk, sizeof kk));
            else snprintf(row->per, sizeof row->per, _("<0.01 per request"));
        }
        row->name = m->scenario.requests[t].name;
        w_name = fmaxf(w_name, render_text_width(r, FONT_REGULAR, fs, row->name));
        w_rate = fmaxf(w_rate, render_text_width(r, FONT_REGULAR, fs, row->rate));
        w_per = fmaxf(w_per, render_text_width(r, FONT_REGULAR, fs, row->per));
    }
    bool any = n > 0;
    if (any) panel_section(p, edge ? _("CALLS BY REQUEST TYPE (predicted)") : _("BY REQUEST TYPE (predicted)"));
    /* Columns as wide as their words; the names give way first, then the visits. */
    const float gap = 8;
    float name_w = fminf(w_name, fmaxf(p->w - w_rate - w_per - 2 * gap, p->w * 0.3f));
    float c1 = p->x + name_w + gap, c2 = c1 + w_rate + gap;
    for (int k = 0; k < n; k++) {
        ui_text_fit(p->ui, FONT_REGULAR, fs, p->x, p->y, rows[k].name, name_w, theme.text);
        ui_text_fit(p->ui, FONT_REGULAR, fs, c1, p->y, rows[k].rate, w_rate, theme.text);
        ui_text_fit(p->ui, FONT_REGULAR, fs, c2, p->y, rows[k].per, p->x + p->w - c2, theme.text_dim);
        p->y += 19;
    }
    free(rows);
    if (!any && m->n_nodes > 1) {
        panel_section(p, edge ? _("CALLS BY REQUEST TYPE (predicted)") : _("BY REQUEST TYPE (predicted)"));
        panel_note(p, edge ? _("No request type travels this edge.") : _("No request type reaches this node."), theme.text_dim);
    }
}

/* The checks, figures and notes above an element's fields change with each edit ("Over
 * capacity: ..." goes once its instances are raised): while the element stays selected and
 * the mouse is over the inspector (or a field has the keyboard), its fields keep their
 * place, the block above them keeping the tallest height it has had (a blank under it once
 * it shrinks), so that the next field is where the mouse goes. `top` is where the block
 * began. */
static void keep_fields_in_place(Panel *p, float top)
{
    App *app = p->app;
    float h = p->y - top;
    if (h < app->insp_info_h) p->y = top + app->insp_info_h;
    else app->insp_info_h = h;
}

static void node_panel(Panel *p, int i)
{
    App *app = p->app;
    const Node *n = &app->model->nodes[i];
    Target t = {i, false, sizeof(Node)};
    char sub[200];
    snprintf(sub, sizeof sub, "%s \xC2\xB7 id %s", _(node_kind_name(n->kind)), n->id);
    header(p, n->kind, false, node_label_shown(n), sub);
    float top = p->y;
    element_checks(p);
    what_it_does(p, i);
    predicted_vs_measured(p, i);
    if (app->model->nodes[i].kind != NODE_CLIENT) by_type(p, i, false);
    keep_fields_in_place(p, top);
    for (const FieldDesc *f = schema_node_fields; f->name; f++) {
        if (!schema_applies(f, n->kind)) continue;
        if (strcmp(f->name, "x") == 0 || strcmp(f->name, "y") == 0) continue;
        if (strcmp(f->name, "max_inflight") == 0 && app->model->nodes[i].io != IO_ASYNC) continue;
        if (strcmp(f->name, "instances") == 0) panel_section(p, _("CAPACITY"));
        if (strcmp(f->name, "rate_limit_rps") == 0) panel_section(p, _("LIMITS AND COST"));
        if (strcmp(f->name, "replication_lag_ms") == 0) panel_section(p, _("REPLICATION AND FAILOVER"));
        if (strcmp(f->name, "zone") == 0) panel_section(p, _("PLACEMENT"));
        if (strcmp(f->name, "zone") == 0) {
            zone_row(p, &i, 1);
            continue;
        }
        char label[64];
        panel_human_label(f->name, label, sizeof label);
        if (strcmp(f->name, "dead_letter") == 0) {
            dead_letter_row(p, i, f, label);
            continue;
        }
        switch (f->type) {
        case FT_ENUM: enum_row(p, t, f, f->name, label, 0); break;
        case FT_DIST: dist_rows(p, t, f, label); break;
        default: text_row(p, t, f, f->name, label, 0, NULL, 0, false); break;
        }
        if (i >= app->model->n_nodes) return; /* an edit removed it (cannot happen today) */
    }
    n = &app->model->nodes[i];
    if (n->kind == NODE_SERVICE || (node_kind_caches(n->kind) && !node_cache_extended(n)) ||
        n->autoscale.enabled)
        autoscale_rows(p, t);
    if (i >= app->model->n_nodes) return;
    panel_section(p, _("POSITION"));
    text_row(p, t, schema_find(schema_node_fields, "x"), "x", "x", 0, NULL, 0, false);
    text_row(p, t, schema_find(schema_node_fields, "y"), "y", "y", 0, NULL, 0, false);
    n = &app->model->nodes[i];
    double cost = node_servers(n) * n->cost_per_hour_usd * 730.0;
    if (cost > 0) {
        char c[64], line[200];
        fmt_num(cost, c, sizeof c);
        snprintf(line, sizeof line, P_("%d server \xC2\xB7 $%s / month", "%d servers \xC2\xB7 $%s / month", node_servers(n)),
                 node_servers(n), c);
        p->y += 6;
        ui_text(p->ui, FONT_REGULAR, theme.small_font, p->x, p->y, line, theme.text_dim);
        p->y += 20;
    }
    element_problems(p);
}

/* The request types an edge carries, as a checklist of the scenario's types: "All" is
 * the empty filter (every type, also ones added later); a name the scenario does not
 * have stays listed, flagged, until it is unticked. */
static void filter_rows(Panel *p, int i)
{
    App *app = p->app;
    Ui *ui = p->ui;
    const Edge *e = &app->model->edges[i];
    const Scenario *sc = &app->model->scenario;
    panel_tip(p, _(schema_find(schema_edge_fields, "requests")->doc));
    Rect lab = {p->x, p->y, LABEL_W, theme.row_h - 4};
    ui_text_in(ui, FONT_REGULAR, theme.ui_font, lab, 0, _("Carries"), theme.text_dim);
    float x = p->x + LABEL_W, w = p->x + p->w - x;
    panel_record_field(p, "requests", rect_make(x, p->y, w, theme.row_h - 4));
    bool all = e->n_requests == 0;
    int toggled = -2; /* -1: All, k: type k, n+j: unknown name j */
    bool v = all;
    if (ui_checkbox(ui, ui_idn("carries-all", i), rect_make(x, p->y, w, theme.row_h - 4), C_("carries", "All request types"), &v)) toggled = -1;
    p->y += theme.row_h - 4;
    for (int k = 0; k < sc->n_requests; k++) {
        v = all || edge_carries(e, sc->requests[k].name);
        if (e->n_requests == 0) v = true;
        char key[64];
        snprintf(key, sizeof key, "requests.%d", k);
        panel_record_field(p, key, rect_make(x, p->y, w, theme.row_h - 6));
        if (ui_checkbox(ui, ui_idn("carries", i * 64 + k), rect_make(x, p->y, w, theme.row_h - 6), sc->requests[k].name, &v))
            toggled = k;
        p->y += theme.row_h - 6;
    }
    for (int j = 0; j < e->n_requests; j++) {
        if (model_find_request(app->model, e->requests[j]) >= 0) continue;
        char name[160];
        snprintf(name, sizeof name, _("%s (no such request type)"), e->requests[j]);
        v = true;
        if (ui_checkbox(ui, ui_idn("carries-unknown", i * 64 + j), rect_make(x, p->y, w, theme.row_h - 6), name, &v))
            toggled = sc->n_requests + j;
        p->y += theme.row_h - 6;
    }
    if (sc->n_requests == 0) {
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(x, p->y, w, 18), 0, _("(the scenario has no request types)"),
                   theme.text_faint);
        p->y += 20;
    }
    p->y += 4;
    panel_row_end(p, "requests");
    p->y -= theme.row_h;
    if (toggled == -2) return;
    Edge ed;
    edge_copy(&ed, e);
    for (int j = 0; j < ed.n_requests; j++) free(ed.requests[j]);
    free(ed.requests);
    ed.requests = NULL;
    ed.n_requests = 0;
    int cap = 0;
    const char *what;
    if (toggled == -1) {
        what = all ? _("Carry no request type (pick some)") : _("Carry every request type");
        if (all) {
            /* Unticking All: start from none ticked, which the filter cannot say; keep the
             * first type so the edge stays meaningful. */
            if (sc->n_requests > 0) {
                xgrow((void **)&ed.requests, &cap, 1, sizeof *ed.requests);
                ed.requests[ed.n_requests++] = xstrdup(sc->requests[0].name);
            }
        }
    } else {
        what = _("Change the request types the edge carries");
        /* The new set: every known type that stays ticked, plus unknown names kept. */
        for (int k = 0; k < sc->n_requests; k++) {
            bool on = all || edge_carries(e, sc->requests[k].name);
            if (k == toggled) on = !on;
            if (!on) continue;
            xgrow((void **)&ed.requests, &cap, ed.n_requests + 1, sizeof *ed.requests);
            ed.requests[ed.n_requests++] = xstrdup(sc->requests[k].name);
        }
        for (int j = 0; j < e->n_requests; j++) {
            if (model_find_request(app->model, e->requests[j]) >= 0 || sc->n_requests + j == toggled) continue;
            xgrow((void **)&ed.requests, &cap, ed.n_requests + 1, sizeof *ed.requests);
            ed.requests[ed.n_requests++] = xstrdup(e->requests[j]);
        }
        bool every = ed.n_requests == sc->n_requests;
        for (int k = 0; every && k < ed.n_requests; k++) every = model_find_request(app->model, ed.requests[k]) >= 0;
        if (every) { /* all ticked: the same as All, and types added later come along */
            for (int j = 0; j < ed.n_requests; j++) free(ed.requests[j]);
            free(ed.requests);
            ed.requests = NULL;
            ed.n_requests = 0;
        }
        if (ed.n_requests == 0 && !every) {
            edge_free(&ed);
            app_set_status(app, true, _("An edge carries at least one request type: delete the edge to carry none"));
            return;
        }
    }
    edit_set_edge(app, i, &ed, what);
    edge_free(&ed);
}

/* An edge whose end names no node on the board (a file's, after its node went): it is not
 * drawn, so the inspector is where it is mended: each missing end picks a node from a
 * list, or a button deletes the edge. */
static void dangling_rows(Panel *p, int i)
{
    App *app = p->app;
    const Model *m = app->model;
    const Edge *e = &m->edges[i];
    bool from_ok = model_find_node(m, e->from) >= 0, to_ok = model_find_node(m, e->to) >= 0;
    if ((from_ok && to_ok) || m->n_nodes == 0) return;
    panel_note(p, _("This edge is not on the board: it names a node there is none of. Pick the node it should "
                    "connect, or delete it."),
               theme.danger);
    char **names = xcalloc((size_t)m->n_nodes, sizeof *names);
    for (int k = 0; k < m->n_nodes; k++) {
        char buf[300];
        names[k] = xstrdup(node_name(&m->nodes[k], NAMING_LABEL_AND_ID, buf, sizeof buf));
    }
    for (int end = 0; end < 2; end++) {
        bool to_end = end == 1;
        if (to_end ? to_ok : from_ok) continue;
        Rect fr = panel_row_choice(p, to_end ? _("To") : _("From"), 0);
        int pick = -1;
        if (ui_dropdown_label(p->ui, ui_idn(to_end ? "edge-to-pick" : "edge-from-pick", i), fr, _("Pick a node\xE2\x80\xA6"),
                              (const char *const *)names, m->n_nodes, &pick, 0) &&
            pick >= 0)
            edit_reconnect(app, i, to_end, pick);
        p->y += theme.row_h;
    }
    for (int k = 0; k < m->n_nodes; k++) free(names[k]);
    free(names);
    if (ui_button(p->ui, ui_idn("edge-delete", i), rect_make(p->x, p->y, 150, 30), _("Delete this edge"), 0))
        edit_delete_selection(app);
    p->y += 40;
}

static void edge_panel(Panel *p, int i)
{
    App *app = p->app;
    const Edge *e = &app->model->edges[i];
    Target t = {i, true, sizeof(Edge)};
    char title[300];
    header(p, NODE_SERVICE, true, edge_name(app->model, e, title, sizeof title), e->mode == EDGE_ASYNC ? _("asynchronous call") : _("synchronous call"));
    dangling_rows(p, i);
    if (i >= app->model->n_edges) return; /* deleted there */
    e = &app->model->edges[i];
    float top = p->y;
    element_checks(p);
    by_type(p, i, true);
    keep_fields_in_place(p, top);
    for (const FieldDesc *f = schema_edge_fields; f->name; f++) {
        char label[64];
        panel_human_label(f->name, label, sizeof label);
        if (strcmp(f->name, "timeout_ms") == 0) panel_section(p, _("TIMEOUTS AND RETRIES"));
        if (strcmp(f->name, "request_kb") == 0) panel_section(p, _("PAYLOAD"));
        bool ro = strcmp(f->name, "from") == 0 || strcmp(f->name, "to") == 0;
        if (strcmp(f->name, "requests") == 0) {
            filter_rows(p, i);
            continue;
        }
        switch (f->type) {
        case FT_ENUM: enum_row(p, t, f, f->name, label, 0); break;
        case FT_DIST: dist_rows(p, t, f, label); break;
        default: text_row(p, t, f, f->name, label, 0, NULL, 0, ro); break;
        }
    }
    panel_section(p, _("RESILIENCE"));
    breaker_rows(p, t);
    element_problems(p);
}

/* What is selected, when it can be edited together: two or more nodes of one kind and no
 * edge, or two or more edges and no node. Their indices in `out` (caller frees), how many
 * in *n, and whether they are edges in *edges; NULL otherwise. */
static int *selected_together(const App *app, int *n, bool *edges)
{
    const Model *m = app->model;
    int nn = sel_count_nodes(app), ne = sel_count_edges(app);
    *edges = nn == 0;
    if ((nn > 0 && ne > 0) || (nn < 2 && ne < 2)) return NULL;
    int count = *edges ? m->n_edges : m->n_nodes, k = 0;
    int *out = xmalloc((size_t)count * sizeof *out + sizeof *out);
    for (int i = 0; i < count; i++) {
        if (!(*edges ? app->sel_edge[i] : app->sel_node[i])) continue;
        if (!*edges && k > 0 && m->nodes[i].kind != m->nodes[out[0]].kind) {
            free(out);
            return NULL;
        }
        out[k++] = i;
    }
    *n = k;
    return out;
}

/* What changes each of several nodes or edges together: `elem` is a copy of one (a Node or
 * an Edge) to change; false, with the reason in why, refuses the change for all. */
typedef bool (*ChangeFn)(void *elem, const void *ctx, char *why, size_t cap);

/* Change each of the nodes or edges `which` by fn, as one undoable step named `what`;
 * false when fn refused one (then none changes). */
static bool change_all(App *app, bool edges, const int *which, int n, ChangeFn fn, const void *ctx, const char *what,
                       char *why, size_t cap)
{
    Command c;
    cmd_init(&c, what);
    for (int k = 0; k < n; k++) {
        union {
            Node n;
            Edge e;
        } after;
        Target t = {which[k], edges, edges ? sizeof(Edge) : sizeof(Node)};
        copy_elem(app, t, &after);
        bool ok = fn(&after, ctx, why, cap);
        if (ok && edges) cmd_edge_set(&c, which[k], &app->model->edges[which[k]], &after.e);
        else if (ok) cmd_node_set(&c, which[k], &app->model->nodes[which[k]], &after.n);
        free_elem(t, &after);
        if (!ok) {
            cmd_free(&c);
            return false;
        }
    }
    app_commit(app, &c);
    return true;
}

typedef struct FieldValue {
    const FieldDesc *f;
    size_t sub_off;    /* where the field's struct starts in the element (a distribution's) */
    const char *value; /* the text, or NULL: an enum's index `choice` */
    int choice;
} FieldValue;

static bool store_field(void *elem, const void *ctx, char *why, size_t cap)
{
    const FieldValue *v = ctx;
    if (v->value) return panel_store_value(v->f, (char *)elem + v->sub_off, v->value, why, cap);
    *(int *)((char *)elem + v->sub_off + v->f->offset) = v->choice;
    return true;
}

/* Set field f to the text `value` (an enum: its index `choice`, value NULL) in each of the
 * nodes or edges `which`, as one undoable step; false with the reason in why when the value
 * is refused. */
static bool set_all(App *app, bool edges, const int *which, int n, const FieldDesc *f, size_t sub_off, const char *value,
                    int choice, const char *what, char *why, size_t cap)
{
    FieldValue v = {f, sub_off, value, choice};
    return change_all(app, edges, which, n, store_field, &v, what, why, cap);
}

typedef struct Retype {
    size_t offset; /* the distribution's in the element */
    DistKind kind;
} Retype;

static bool retype_dist(void *elem, const void *ctx, char *why, size_t cap)
{
    (void)why, (void)cap;
    const Retype *r = ctx;
    dist_retype((Dist *)((char *)elem + r->offset), r->kind);
    return true;
}

/* Whether field f is edited for several at once: numbers and choices, not what names or
 * places one (id, ends, position) or changes what the rest mean (a node's kind). */
static bool settable_together(const FieldDesc *f)
{
    static const char *const not[] = {"kind", "x", "y", "from", "to"};
    if (f->type != FT_INT && f->type != FT_NUMBER && f->type != FT_ENUM) return false;
    for (size_t k = 0; k < sizeof not / sizeof *not; k++)
        if (strcmp(f->name, not[k]) == 0) return false;
    return true;
}

/* The undo step's name of SET FOR ALL: `Set “Timeout” of 5 edges`. */
static void set_all_label(char *what, size_t cap, bool edges, const char *spoken, int n)
{
    if (edges)
        snprintf(what, cap, P_("Set \xE2\x80\x9C%s\xE2\x80\x9D of %d edge", "Set \xE2\x80\x9C%s\xE2\x80\x9D of %d edges", n), spoken, n);
    else
        snprintf(what, cap, P_("Set \xE2\x80\x9C%s\xE2\x80\x9D of %d node", "Set \xE2\x80\x9C%s\xE2\x80\x9D of %d nodes", n), spoken, n);
}

/* One number of SET FOR ALL: field f (at sub_off in each element: a distribution's
 * parameter) of the nodes or edges `which`, the value they share or "mixed"; a value
 * given is set in all of them (set_all). */
static void all_text_row(Panel *p, bool edges, const int *which, int n, const FieldDesc *f, size_t sub_off,
                         const char *key, const char *label, const char *spoken, const char *what,
                         const char *parent_unit)
{
    App *app = p->app;
    size_t size = edges ? sizeof(Edge) : sizeof(Node);
    const char *all = edges ? (const char *)app->model->edges : (const char *)app->model->nodes;
    char value[512], other[512];
    panel_format_value(f, all + size * (size_t)which[0] + sub_off, value, sizeof value);
    bool same = true;
    for (int k = 1; k < n && same; k++) {
        panel_format_value(f, all + size * (size_t)which[k] + sub_off, other, sizeof other);
        same = strcmp(value, other) == 0;
    }
    if (!same) value[0] = 0;
    Rect fr = panel_row_field(p, label, sub_off ? 16 : 0);
    panel_record_field(p, key, fr);
    bool invalid = strcmp(app->insp_error_key, key) == 0 && app->insp_error[0];
    char out[512];
    UiTextResult res = ui_textbox(p->ui, ui_idn(key, 0), fr, value, out, sizeof out, (invalid ? UI_INVALID : 0) | UI_NUMERIC);
    const char *unit = panel_short_unit(f->unit, parent_unit);
    panel_row_unit(p, fr, unit);
    if (same) panel_zero_note(p, ui_idn(key, 0), fr, value, f); /* "no limit" beside a 0 */
    if (!same && !ui_editing(p->ui, ui_idn(key, 0)))
        ui_text_in(p->ui, FONT_REGULAR, theme.ui_font, rect_make(fr.x + 8, fr.y, fr.w - 16, fr.h), 0, _("mixed"),
                   theme.text_faint);
    if (res == UI_TEXT_CANCEL) panel_clear_error(app, key);
    if (res == UI_TEXT_SUBMIT && out[0] && strcmp(out, value) != 0) {
        char why[200] = "", val[160];
        if (set_all(app, edges, which, n, f, sub_off, out, 0, what, why, sizeof why)) {
            panel_clear_error(app, key);
            app_set_status(app, false, _("%s to %s"), what, panel_value_with_unit(out, unit, val, sizeof val));
        } else {
            panel_set_error(app, key, spoken, why);
        }
    }
    panel_row_end(p, key);
}

/* A distribution of SET FOR ALL (a node's service time, an edge's fan-out): where all of
 * them draw it alike (one kind), its kind and that kind's parameters, each shared or
 * "mixed"; where the kinds differ, a line saying so (a kind is set one at a time). */
static void dist_all_rows(Panel *p, bool edges, const int *which, int n, const FieldDesc *f)
{
    App *app = p->app;
    size_t size = edges ? sizeof(Edge) : sizeof(Node);
    const char *all = edges ? (const char *)app->model->edges : (const char *)app->model->nodes;
    DistKind kind = ((const Dist *)(all + size * (size_t)which[0] + f->offset))->kind;
    bool same = true;
    for (int k = 1; k < n; k++) same &= ((const Dist *)(all + size * (size_t)which[k] + f->offset))->kind == kind;
    char label[64];
    panel_human_label(f->name, label, sizeof label);
    const FieldDesc *kind_f = schema_find(schema_dist_fields, "dist");
    Rect fr = panel_row_choice(p, label, 0);
    char key[96];
    snprintf(key, sizeof key, "all.%s", f->name);
    panel_record_field(p, key, fr);
    const char *shown[UI_TR_NAMES_MAX + 1];
    int n_kinds = panel_enum_count(kind_f->enum_names), pick = same ? (int)kind : -1;
    ui_tr_names(kind_f->enum_names, n_kinds, shown);
    /* a kind picked is drawn by all of them, each keeping its own mean (dist_retype) */
    if (ui_dropdown_label(p->ui, ui_id(key), fr, same && (unsigned)kind < DIST_KIND_COUNT ? shown[kind] : _("mixed"),
                          shown, n_kinds, &pick, 0) &&
        pick >= 0 && (!same || pick != (int)kind)) {
        char spoken[160], what[300];
        panel_spoken_label(f->name, label, spoken, sizeof spoken);
        set_all_label(what, sizeof what, edges, spoken, n);
        Retype r = {f->offset, (DistKind)pick};
        change_all(app, edges, which, n, retype_dist, &r, what, NULL, 0);
        app_set_status(app, false, _("%s to %s"), what, shown[pick]);
        all = edges ? (const char *)app->model->edges : (const char *)app->model->nodes;
        kind = (DistKind)pick;
        same = true;
    }
    p->y += theme.row_h;
    if (!same || (unsigned)kind >= DIST_KIND_COUNT) {
        panel_note(p, _("Drawn differently: pick a kind to draw them all alike (each keeps its mean), or select ones "
                        "that draw it alike to set its parameters."),
                   theme.text_faint);
        return;
    }
    static const char *const params[DIST_KIND_COUNT][4] = {
        {"mean", NULL}, {"mean", "cap", NULL}, {"min", "max", NULL}, {"mean", "p99", "cap", NULL}, {"mean", "alpha", "cap", NULL}};
    for (int k = 0; k < 4 && params[kind][k]; k++) {
        const FieldDesc *pf = schema_find(schema_dist_fields, params[kind][k]);
        if (!pf) continue;
        char pkey[96], lab[64], spoken[160], what[300];
        snprintf(pkey, sizeof pkey, "all.%s.%s", f->name, params[kind][k]);
        snprintf(lab, sizeof lab, "%s", kind == DIST_CONSTANT ? _("value") : _(params[kind][k]));
        snprintf(spoken, sizeof spoken, "%s %s", label, lab);
        set_all_label(what, sizeof what, edges, spoken, n);
        all_text_row(p, edges, which, n, pf, f->offset, pkey, lab, spoken, what, f->unit);
    }
}

/* "SET FOR ALL 3": the numbers and choices of nodes of one kind, or of edges, edited
 * together: a field shows the value they share, or "mixed" where they differ; a value
 * given is set in every one of them, one undoable step. */
static void all_rows(Panel *p, bool edges, const int *which, int n)
{
    App *app = p->app;
    const void *first = edges ? (const void *)&app->model->edges[which[0]] : (const void *)&app->model->nodes[which[0]];
    char title[120];
    snprintf(title, sizeof title, P_("SET FOR ALL %d", "SET FOR ALL %d", n), n);
    panel_section(p, title);
    bool all_async = true;
    for (int k = 0; !edges && k < n; k++) all_async &= app->model->nodes[which[k]].io == IO_ASYNC;
    if (!edges && app->model->scenario.n_zones > 0) zone_row(p, which, n); /* placed together */
    for (const FieldDesc *f = edges ? schema_edge_fields : schema_node_fields; f->name; f++) {
        if (!edges && !schema_applies(f, ((const Node *)first)->kind)) continue;
        if (f->type == FT_DIST) {
            dist_all_rows(p, edges, which, n, f);
            continue;
        }
        if (!settable_together(f)) continue;
        if (strcmp(f->name, "max_inflight") == 0 && !all_async) continue;
        char label[64], spoken[160], key[80], what[300];
        panel_human_label(f->name, label, sizeof label);
        panel_spoken_label(f->name, label, spoken, sizeof spoken);
        snprintf(key, sizeof key, "all.%s", f->name);
        set_all_label(what, sizeof what, edges, spoken, n);
        panel_tip(p, _(f->doc));
        const char *elem = first;
        if (f->type == FT_ENUM) {
            int v = *(const int *)(elem + f->offset);
            bool same = true;
            for (int k = 1; k < n; k++) {
                const char *other = edges ? (const char *)&app->model->edges[which[k]] : (const char *)&app->model->nodes[which[k]];
                same &= *(const int *)(other + f->offset) == v;
            }
            const char *shown[UI_TR_NAMES_MAX + 1];
            int n_names = panel_enum_count(f->enum_names);
            ui_tr_names(f->enum_names, n_names, shown);
            Rect fr = panel_row_choice(p, label, 0);
            panel_record_field(p, key, fr);
            int pick = same ? v : -1;
            if (ui_dropdown_label(p->ui, ui_idn(key, 0), fr, same ? shown[v] : _("mixed"), shown, n_names, &pick, 0) &&
                pick >= 0) {
                char why[200];
                if (set_all(app, edges, which, n, f, 0, NULL, pick, what, why, sizeof why))
                    app_set_status(app, false, _("%s to %s"), what, shown[pick]);
            }
            panel_row_end(p, key);
            continue;
        }
        all_text_row(p, edges, which, n, f, 0, key, label, spoken, what, NULL);
    }
}

static void multi_panel(Panel *p)
{
    App *app = p->app;
    char line[240], nodes[80], edges[80];
    int nn = sel_count_nodes(app), ne = sel_count_edges(app);
    snprintf(nodes, sizeof nodes, P_("%d node", "%d nodes", nn), nn);
    snprintf(edges, sizeof edges, P_("%d edge", "%d edges", ne), ne);
    /* "2 edges selected", not "0 nodes, 2 edges selected" (a fix selects what it changed) */
    if (nn == 0) snprintf(line, sizeof line, P_("%d edge selected", "%d edges selected", ne), ne);
    else if (ne == 0) snprintf(line, sizeof line, P_("%d node selected", "%d nodes selected", nn), nn);
    else snprintf(line, sizeof line, _("%s, %s selected"), nodes, edges);
    ui_text(p->ui, FONT_BOLD, theme.title_font, p->x, p->y, line, theme.text);
    p->y += 34;
    float x = p->x;
    if (nn > 0) { /* duplicating copies nodes (with the edges between them) */
        if (ui_button(p->ui, ui_id("multi-dup"), rect_make(x, p->y, 110, 30), _("Duplicate"), 0)) edit_duplicate(app);
        x += 120;
    }
    if (ui_button(p->ui, ui_id("multi-del"), rect_make(x, p->y, 90, 30), _("Delete"), 0))
        edit_delete_selection(app);
    p->y += 38;
    if (nn >= 2) { /* as the board's right-click menu has it */
        UiMenuItem items[ALIGN_COUNT];
        for (int k = 0; k < ALIGN_COUNT; k++)
            items[k] = (UiMenuItem){align_title((AlignHow)k), align_possible(app, (AlignHow)k) ? NULL : _("three nodes"),
                                    align_possible(app, (AlignHow)k)};
        const char *label = _("Align or distribute");
        float w = render_text_width(app->r, FONT_REGULAR, theme.ui_font, label) + 42;
        int k = ui_menu(p->ui, "multi-align", rect_make(p->x, p->y, w, 30), label, -1, items, ALIGN_COUNT, 0);
        if (k >= 0) edit_align(app, (AlignHow)k);
        p->y += 38;
    }
    if (nn >= 1) { /* a titled box around them (Ctrl+G) */
        const char *label = _("Frame them");
        float w = render_text_width(app->r, FONT_REGULAR, theme.ui_font, label) + 24;
        if (ui_button(p->ui, ui_id("multi-frame"), rect_make(p->x, p->y, w, 30), label, 0)) edit_frame_selection(app);
        p->y += 38;
    }
    p->y += 6;
    panel_note(p, nn > 0 ? _("Drag any selected node to move them together. Shift-click adds or removes one.")
                         : _("Shift-click adds or removes one; click one alone to edit it."),
               theme.text_dim);
    int n_same = 0;
    bool of_edges = false;
    int *same = selected_together(app, &n_same, &of_edges);
    if (same) {
        all_rows(p, of_edges, same, n_same);
        free(same);
    } else if (nn + ne > 1) {
        panel_note(p, _("Select nodes of one kind, or edges alone, to set their numbers together."), theme.text_faint);
    }
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
        app->insp_info_h = 0;
        app->insp_error_key[0] = 0;
        app->insp_last_node = ni;
        app->insp_last_edge = ei;
    }
    /* The fields keep their place only while the person works here: with the mouse
     * elsewhere and no field being typed into, the block above them closes its gap (a run
     * ended, or Run pressed from the board: the blank under a shorter note went). */
    if (!ui_hover(ui, rc) && !ui_has_focus(ui)) app->insp_info_h = 0;
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
    } else if (sel_count_nodes(app) + sel_count_edges(app) == 0 && ann_count_selected(app) > 0) {
        p.elem = 1 << 26;
        ann_inspector(&p, ann_single_selected(app)); /* -1: several */
    } else if (sel_count_nodes(app) + sel_count_edges(app) > 0) {
        multi_panel(&p);
    } else {
        p.elem = 1 << 25;
        snprintf(p.path, sizeof p.path, "-");
        scenario_panel(&p);
    }
    ui_clip(ui, NULL);
    /* The tooltip shows after the mouse rested on a field's name for a moment. */
    if (app->tip_doc != prev_tip || !app->tip_doc) app->tip_since = SDL_GetTicks();
    if (app->tip_doc && SDL_GetTicks() - app->tip_since >= 450 && ui->top_layer == UI_BASE) {
        float tw = rc.w - 24;
        Rect box = {rc.x + 12, app->tip_rc.y + app->tip_rc.h + 4, tw, 0};
        float lh = render_line_height(app->r, FONT_REGULAR, theme.small_font);
        int lines = panel_count_lines(app->r, app->tip_doc, tw - 20, 6);
        box.h = (float)lines * lh + 14;
        ui_set_layer(ui, UI_POPUP);
        ui_shadow(ui, box, 6);
        ui_rrect(ui, box, 6, hex(0x1F2937));
        Panel tp = {app, ui, box, box.x + 10, box.y + 8, tw - 20, 0, ""};
        panel_note_n(&tp, app->tip_doc, hex(0xF9FAFB), 6);
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
