/*
 * panel.c - the building blocks of the right-hand panel's forms (panel.h).
 */
#include "panel.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim/scenario_edit.h"
#include "sim/util.h"

/* ---- names and units -------------------------------------------------------------------- */

void panel_human_label(const char *key, char *out, size_t cap)
{
    static const struct { const char *key, *label; } names[] = {
        {"id", N_("Id")}, {"kind", N_("Kind")}, {"label", N_("Label")}, {"instances", N_("Instances")},
        {"workers", N_("Workers / instance")}, {"shards", N_("Shards")}, {"read_replicas", N_("Read replicas")},
        {"pool", N_("Pool / server")}, {"hot_shard", N_("Hot shard share")}, {"service_ms", N_("Service time")},
        {"queue_max", N_("Queue max")}, {"io", N_("I/O model")}, {"max_inflight", N_("Max in flight")},
        {"calls", N_("Calls")}, {"hit_ratio", N_("Hit ratio")}, {"policy", N_("Policy")},
        {"max_depth", N_("Max depth")}, {"timeout_ms", N_("Timeout")}, {"rate_limit_rps", N_("Rate limit")},
        {"burst", N_("Burst")}, {"cost_per_hour_usd", N_("Cost / hour")}, {"from", N_("From")}, {"to", N_("To")},
        {"requests", N_("Requests")}, {"mode", N_("Mode")}, {"latency_ms", N_("Latency")},
        {"probability", N_("Probability")}, {"fanout", N_("Fan-out")}, {"retries", N_("Retries")},
        {"backoff_ms", N_("Backoff")}, {"backoff_max_ms", N_("Backoff max")},
        {"retry_budget", N_("Retry budget")}, {"request_kb", N_("Request size")},
        {"response_kb", N_("Response size")}, {"bandwidth_mbps", N_("Bandwidth")},
        {"batch", N_("Batch (items per call)")}, {"batch_item_ms", N_("Per item")},
        {"failure_ratio", N_("Failure ratio")}, {"min_calls", N_("Min calls")}, {"window_s", N_("Window")},
        {"open_s", N_("Open for")}, {"mean", N_("mean")}, {"p99", N_("p99")}, {"min", N_("min")}, {"max", N_("max")},
        {"alpha", N_("alpha")}, {"cap", N_("cap")}, {"x", N_("x")}, {"y", N_("y")},
        {"replication_lag_ms", N_("Replication lag")}, {"read_your_writes_ms", N_("Read-your-writes")},
        {"failover_s", N_("Failover after")}, {"failover_writes", N_("Writes in failover")},
        {"capacity_keys", N_("Capacity (keys)")}, {"capacity_mb", N_("Capacity")}, {"entry_kb", N_("Entry size")},
        {"ttl_s", N_("TTL")}, {"write_policy", N_("Write policy")}, {"flush_interval_s", N_("Flush interval")},
        {"flush_batch", N_("Flush batch")}, {"coalesce", N_("Coalesce misses")}, {"partitions", N_("Partitions")},
        {"hot_partition", N_("Hot partition share")}, {"max_attempts", N_("Max attempts")},
        {"visibility_timeout_s", N_("Visibility timeout")}, {"dead_letter", N_("Dead-letter queue")},
        {"retention_s", N_("Retention")}, {"zone", N_("Zone")}, {"zones", N_("Zones")}, {"region", N_("Region")},
        {"prefer_zone", N_("Prefer own zone")}, {"detect_s", N_("Detected after")}, {"metric", N_("Metric")},
        {"target", N_("Target")}, {"min_instances", N_("Min instances")}, {"max_instances", N_("Max instances")},
        {"interval_s", N_("Interval")}, {"scale_out_cooldown_s", N_("Scale-out cooldown")},
        {"scale_in_cooldown_s", N_("Scale-in cooldown")}, {"boot_s", N_("Boot time")},
        {"rate_rps", N_("Rate")}, {"users", N_("Users")},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].key, key) == 0) {
            snprintf(out, cap, "%s", _(names[i].label));
            return;
        }
    snprintf(out, cap, "%s", key);
    for (char *p = out; *p; p++)
        if (*p == '_') *p = ' ';
    out[0] = (char)toupper((unsigned char)out[0]);
}

const char *panel_write_tag(const RequestType *r)
{
    if (r->op != OP_WRITE) return "";
    const char *tag = _(" \xC2\xB7 write"), *word = strstr(tag, "\xC2\xB7 ");
    word = word ? word + 3 : tag;
    size_t n = strlen(word);
    for (const char *p = r->name ? r->name : ""; n && *p; p++) /* the name holds the word, any case */
        if (strncasecmp(p, word, n) == 0) return "";
    return tag;
}

void panel_spoken_label(const char *key, const char *label, char *out, size_t cap)
{
    const char *dot = strrchr(key, '.');
    if (!dot) {
        snprintf(out, cap, "%s", label);
        return;
    }
    char head[64], human[96];
    snprintf(head, sizeof head, "%.*s", (int)(dot - key), key);
    panel_human_label(head, human, sizeof human);
    snprintf(out, cap, "%s: %s", human, label);
}

const char *panel_value_with_unit(const char *value, const char *unit, char *out, size_t cap)
{
    if (!*value) snprintf(out, cap, "%s", _("none"));
    else if (!unit || !*unit || (strcmp(unit, "%") == 0 && strchr(value, '%'))) snprintf(out, cap, "%.100s", value);
    else snprintf(out, cap, "%.100s %s", value, _(unit));
    return out;
}

const char *panel_short_unit(const char *unit, const char *parent_unit)
{
    if (!unit || !*unit) return "";
    if (strcmp(unit, "field's unit") == 0 || strcmp(unit, "metric per instance") == 0)
        return parent_unit ? panel_short_unit(parent_unit, NULL) : "";
    /* Where the schema's unit is words, a few letters after the field say it (the label
     * and the field's tooltip say the rest); "" where the label says it already. */
    static const struct { const char *u, *ctx, *s; } map[] = {
        {"per instance", NULL, ""}, {"connections per server", NC_("unit", "conns")}, {"USD per server-hour", NC_("unit", "USD")},
        {"board units", NULL, ""}, {"probability", NULL, "0\xE2\x80\x93" "1"}, {"fraction", NULL, "0\xE2\x80\x93" "1"},
        {"requests", NC_("unit", "req")}, {"messages", NC_("unit", "msgs")}, {"per shard", NULL, ""}, {"attempts", NULL, ""},
        {"calls", NC_("unit", "\xC3\x97")}, {"metric's unit", NULL, ""}, {"Mbit/s", NC_("unit", "Mb/s")},
        {"entries per instance", NC_("unit", "keys")}, {"MB per instance", NC_("unit", "MB")},
        {"keys per write", NC_("unit", "keys")}, {"items per call", NC_("unit", "items")}, {"keys", NC_("unit", "keys")},
        {"per consumer group", NULL, ""}, {"deliveries", NULL, ""}, {"users", NC_("unit", "users")},
        {"sessions", NULL, ""}, {"exponent", NULL, ""},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].u, unit) == 0) return !*map[i].s ? "" : map[i].ctx ? C_(map[i].ctx, map[i].s) : map[i].s;
    return _(unit);
}

/* The widest short unit of the node, edge and traffic fields in the language on screen,
 * measured once per language. */
static float widest_unit(App *app)
{
    static char lang[16];
    static float widest;
    if (strcmp(lang, app->lang) == 0) return widest;
    snprintf(lang, sizeof lang, "%s", app->lang);
    widest = 0;
    const FieldDesc *const tables[] = {schema_node_fields, schema_edge_fields, schema_breaker_fields,
                                       schema_autoscale_fields, schema_request_fields, schema_dist_fields};
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const FieldDesc *f = tables[t]; f->name; f++) {
            float w = render_text_width(app->r, FONT_REGULAR, theme.small_font, panel_short_unit(f->unit, "ms"));
            if (w > widest) widest = w;
        }
    return widest;
}

float panel_field_w(const Panel *p)
{
    float w = p->w - LABEL_W - 8 - widest_unit(p->app), lo = p->w < 260 ? 64 : 84;
    return w > 112 ? 112 : w < lo ? lo : w;
}

int panel_enum_count(const char *const *names)
{
    int n = 0;
    while (names && names[n]) n++;
    return n;
}

/* ---- parsing typed values ----------------------------------------------------------------- */

/* Parse a number with an optional k / M / % suffix; false with a reason on failure. */
bool panel_parse_number(const char *s, double *out, char *why, size_t cap)
{
    while (isspace((unsigned char)*s)) s++;
    if (!*s) {
        snprintf(why, cap, _("Type a number"));
        return false;
    }
    size_t n = strlen(s);
    if (n > PANEL_NUMBER_MAX) {
        snprintf(why, cap, _("Too long for a number: %zu characters, at most %d"), n, PANEL_NUMBER_MAX);
        return false;
    }
    /* as the app's language writes numbers: "0,5" and "20 000" in Russian, "20,000" in
     * English (numfmt_scan) */
    errno = 0;
    double v = 0;
    const char *end = s + numfmt_scan(s, tr_lang(), &v);
    if (end == s) {
        snprintf(why, cap, _("\"%.40s\" is not a number"), s);
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
    if (*end) {
        snprintf(why, cap, _("\"%.40s\" is not a number"), s);
        return false;
    }
    bool under = errno == ERANGE && fabs(v) < 1; /* 1e-999: as near 0 as a number gets */
    if (under) v = 0;
    else if (!isfinite(v) || errno == ERANGE) { /* 1e999, 1e308M */
        snprintf(why, cap, _("\"%.40s\" is too large a number"), s);
        return false;
    }
    *out = v;
    return true;
}

/* A range's end as people read it: a large whole number in groups ("1,000,000,000",
 * "1 000 000 000" in Russian), any other as written. */
static const char *bound_text(double v, char *out, size_t cap)
{
    if (v == floor(v) && fabs(v) >= 10000 && fabs(v) < 1e15) return numfmt_grouped(v, numfmt_thousands(tr_lang()), out, cap);
    return numfmt_decimal(v, 6, out, cap);
}

bool panel_check_range(const FieldDesc *f, double v, char *why, size_t cap)
{
    char lo[NUMFMT_CAP], hi[NUMFMT_CAP];
    bound_text(f->min, lo, sizeof lo);
    bound_text(f->max, hi, sizeof hi);
    if (f->min_open ? v <= f->min : v < f->min) {
        snprintf(why, cap, _("Must be %s %s"), f->min_open ? ">" : "\xE2\x89\xA5", lo);
        return false;
    }
    if (v > f->max) {
        snprintf(why, cap, _("Must be \xE2\x89\xA4 %s"), hi);
        return false;
    }
    if (f->type == FT_INT && v != floor(v)) {
        snprintf(why, cap, _("Must be a whole number"));
        return false;
    }
    return true;
}

void panel_format_value(const FieldDesc *f, const void *base, char *out, size_t cap)
{
    const char *p = (const char *)base + f->offset;
    switch (f->type) {
    case FT_STRING: {
        const char *s = *(char *const *)p;
        snprintf(out, cap, "%s", s ? s : "");
        break;
    }
    case FT_NUMBER: numfmt_decimal(*(const double *)p, 10, out, cap); break; /* as typed, no exponent */
    case FT_INT: snprintf(out, cap, "%d", *(const int *)p); break;
    case FT_U64: snprintf(out, cap, "%llu", (unsigned long long)*(const uint64_t *)p); break;
    case FT_BOOL: snprintf(out, cap, "%s", *(const bool *)p ? "true" : "false"); break;
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
bool panel_store_value(const FieldDesc *f, void *base, const char *text, char *why, size_t cap)
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
        if (!panel_parse_number(text, &v, why, cap) || !panel_check_range(f, v, why, cap)) return false;
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
    case FT_BOOL: /* a switch (cache coalesce): true or false */
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0 || strcmp(text, "yes") == 0) {
            *(bool *)p = true;
            return true;
        }
        if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0 || strcmp(text, "no") == 0) {
            *(bool *)p = false;
            return true;
        }
        snprintf(why, cap, _("Must be true or false"));
        return false;
    default: snprintf(why, cap, _("This field cannot be typed")); return false;
    }
}

/* ---- rows --------------------------------------------------------------------------------- */

void panel_record_field(Panel *p, const char *key, Rect rc)
{
    App *app = p->app;
    if (app->n_fields >= (int)(sizeof app->fields / sizeof app->fields[0])) return;
    InspField *f = &app->fields[app->n_fields++];
    snprintf(f->key, sizeof f->key, "%s", key);
    f->rc = rc;
}

/* The validator's entry for `key` of the selected element, or NULL. */
const Diag *panel_problem(Panel *p, const char *key)
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

const Diag *panel_problem_at(Panel *p, const char *key)
{
    const DiagList *d = &p->app->problems;
    size_t plen = strlen(p->path);
    for (int i = 0; i < d->n_items; i++) {
        const char *path = d->items[i].path;
        if (path && strncmp(path, p->path, plen) == 0 && path[plen] == '.' && strcmp(path + plen + 1, key) == 0)
            return &d->items[i];
    }
    return NULL;
}

const char *panel_problem_text(Panel *p, const char *key)
{
    const Diag *g = panel_problem(p, key);
    return g ? g->message : NULL;
}

void panel_section(Panel *p, const char *title)
{
    p->y += 10;
    ui_text_fit(p->ui, FONT_BOLD, theme.small_font, p->x, p->y, title, p->w, theme.text_faint);
    p->y += 22;
}

/* A wrapped message under a field, in red (error) or amber: at most max_lines lines, the
 * last one ending in an ellipsis when there is more. */
typedef struct NoteAt {
    Panel *p;
    Color c;
    int max, total;
    float lh, y0;
    const char *msg; /* the whole note, for the tooltip of a shortened one */
} NoteAt;

static void note_line(void *ctx, int line, const char *text)
{
    NoteAt *n = ctx;
    if (line >= n->max) return;
    float y = n->y0 + n->lh * (float)line;
    if (line == n->max - 1 && n->total > n->max) {
        char more[600];
        snprintf(more, sizeof more, "%s \xE2\x80\xA6", text);
        ui_text_fit(n->p->ui, FONT_REGULAR, theme.small_font, n->p->x, y, more, n->p->w, n->c);
        ui_mark_cut(n->p->ui, rect_make(n->p->x, n->y0, n->p->w, n->lh * (float)n->max), n->msg);
    } else {
        ui_text(n->p->ui, FONT_REGULAR, theme.small_font, n->p->x, y, text, n->c);
    }
}

void panel_note_n(Panel *p, const char *msg, Color c, int max_lines)
{
    Render *r = p->ui->r;
    NoteAt at = {p, c, max_lines, 0, render_line_height(r, FONT_REGULAR, theme.small_font), p->y, msg};
    at.total = render_wrap(r, FONT_REGULAR, theme.small_font, p->w - 4, msg, NULL, NULL);
    render_wrap(r, FONT_REGULAR, theme.small_font, p->w - 4, msg, note_line, &at);
    p->y += at.lh * (float)(at.total < max_lines ? at.total : max_lines) + 4;
}

/* Up to 8 lines: what a note says is read whole ("No zones: … and take edge latencies …"
 * was cut at 4 lines at 1440 px). */
void panel_note(Panel *p, const char *msg, Color c) { panel_note_n(p, msg, c, 8); }

/* Lines panel_note_n() would use for `msg` in width w. */
int panel_count_lines(Render *r, const char *s, float w, int max_lines)
{
    int n = render_wrap(r, FONT_REGULAR, theme.small_font, w - 4, s, NULL, NULL);
    return n < max_lines ? n : max_lines;
}

/* Remember the schema's one-line description of the field under the mouse. */
void panel_tip(Panel *p, const char *doc)
{
    Rect row = {p->x, p->y, LABEL_W, theme.row_h - 4};
    if (doc && ui_hover(p->ui, row)) {
        p->app->tip_doc = doc;
        p->app->tip_rc = row;
    }
}

Rect panel_row_field(Panel *p, const char *label, float indent)
{
    Rect lab = {p->x + indent, p->y, LABEL_W - indent - 4, theme.row_h - 4};
    /* a name too long for its column takes two lines ("Переключение" / "через") */
    if (!ui_text_two_lines(p->ui, FONT_REGULAR, theme.ui_font, lab, label, theme.text_dim))
        overlay_text_in(p->app, FONT_REGULAR, theme.ui_font, lab, 0, label, theme.text_dim); /* "…" and a tooltip when long */
    return rect_make(p->x + LABEL_W, p->y, FIELD_W, theme.row_h - 4);
}

Rect panel_row_choice(Panel *p, const char *label, float indent)
{
    Rect fr = panel_row_field(p, label, indent);
    fr.w = p->x + p->w - fr.x;
    return fr;
}

void panel_row_unit(Panel *p, Rect fr, const char *unit)
{
    if (unit && *unit) /* a unit of the schema in English, or one panel_short_unit() translated */
        overlay_text_in(p->app, FONT_REGULAR, theme.small_font,
                        rect_make(fr.x + fr.w + 6, fr.y, p->x + p->w - (fr.x + fr.w + 6), fr.h), 0, _(unit),
                        theme.text_faint);
}

void panel_zero_note(Panel *p, UiId id, Rect fr, const char *value, const FieldDesc *f)
{
    const char *zero = schema_zero_meaning(f);
    if (!zero || ui_editing(p->ui, id)) return;
    char *end;
    double v = strtod(value, &end);
    if (end == value || *end || v != 0) return;
    Render *r = p->app->r;
    float x = fr.x + 8 + render_text_width(r, FONT_REGULAR, theme.ui_font, value) + 5, room = fr.x + fr.w - 4 - x;
    float y = roundf(fr.y + (fr.h - render_line_height(r, FONT_REGULAR, theme.small_font)) / 2);
    if (room > 12) ui_text_fit(p->ui, FONT_REGULAR, theme.small_font, x, y, C_(SCHEMA_ZERO_CTX, zero), room, theme.text_faint);
}

void panel_row_end(Panel *p, const char *key)
{
    p->y += theme.row_h;
    App *app = p->app;
    if (strcmp(app->insp_error_key, key) == 0 && app->insp_error[0]) {
        panel_note(p, app->insp_error, theme.danger);
    } else {
        const Diag *g = panel_problem(p, key);
        if (g) panel_note(p, g->message, g->level == DIAG_ERROR ? theme.danger : theme.warning);
    }
}

void panel_set_error(App *app, const char *key, const char *label, const char *why)
{
    snprintf(app->insp_error_key, sizeof app->insp_error_key, "%s", key);
    snprintf(app->insp_error, sizeof app->insp_error, "%.190s", why);
    app_set_status(app, true, "%s: %s", label, why); /* the row's label, not the file's path */
}

void panel_clear_error(App *app, const char *key)
{
    if (strcmp(app->insp_error_key, key) == 0) app->insp_error_key[0] = 0;
}

/* True (once) when scenario_panel_goto asked for `key`: the panel scrolls to bring `fr`
 * into view and the caller gives the field focus. */
bool panel_goto_here(Panel *p, const char *key, Rect fr)
{
    App *app = p->app;
    if (!app->goto_key[0] || strcmp(app->goto_key, key) != 0) return false;
    app->goto_key[0] = 0;
    float top = p->rc.y + 40, bottom = p->rc.y + p->rc.h - 80;
    if (fr.y < top || fr.y + fr.h > bottom) app->insp_scroll += fr.y - (p->rc.y + p->rc.h * 0.3f);
    if (app->insp_scroll < 0) app->insp_scroll = 0;
    app->needs_frame = true;
    return true;
}


/* ---- modelling checks ---------------------------------------------------------------------- */

int panel_lint(Panel *p, const char *prefix, int max_shown)
{
    App *app = p->app;
    Ui *ui = p->ui;
    size_t plen = prefix ? strlen(prefix) : 0;
    int shown = 0;
    for (int i = 0; i < app->lint.n_items; i++) {
        const LintFinding *f = &app->lint.items[i];
        const char *path = f->path ? f->path : "";
        if (prefix && (strncmp(path, prefix, plen) != 0 || (path[plen] != 0 && path[plen] != '.'))) continue;
        if (shown == max_shown) {
            char more[120];
            snprintf(more, sizeof more, _("and %d more: each shows on its node or edge"), app->lint.n_items - shown);
            panel_note(p, more, theme.text_faint);
            break;
        }
        shown++;
        float lh = render_line_height(app->r, FONT_REGULAR, theme.small_font);
        /* whole where it can be: a Russian sentence takes 7 lines of a 270-point panel
         * ("…Задайте таймаут больше, чем занимает…" was cut at 6) */
        enum { MESSAGE_LINES_MAX = 12 };
        float h = (float)panel_count_lines(app->r, f->message, p->w, MESSAGE_LINES_MAX) * lh + 4;
        Rect rc = {p->x - 4, p->y - 2, p->w + 8, h};
        /* In the scenario panel the sentence leads to what it is about. */
        if (!prefix && ui_button(ui, ui_idn("lint-go", i), rc, "", UI_INVISIBLE)) app_goto_path(app, f->path);
        if (!prefix && ui_hover(ui, rc)) ui_rrect(ui, rc, 4, theme.panel_alt);
        panel_note_n(p, f->message, theme.warning, MESSAGE_LINES_MAX);
        if (f->fix_label) {
            char label[300];
            snprintf(label, sizeof label, _("Fix: %s"), f->fix_label);
            float fh = (float)panel_count_lines(app->r, label, p->w - 16, 3) * lh + 10;
            Rect br = {p->x, p->y, p->w, fh};
            bool hover = ui_hover(ui, br);
            ui_rrect(ui, br, 5, hover ? theme.accent_soft : theme.panel);
            ui_rrect_line(ui, br, 5, 1, hover ? theme.accent : theme.border_strong);
            if (ui_button(ui, ui_idn("lint-fix", i), br, "", UI_INVISIBLE)) {
                Model *after = model_clone(app->model);
                char what[300];
                snprintf(what, sizeof what, "%s", f->fix_label);
                if (lint_apply_fix(after, f)) {
                    Command c;
                    cmd_init(&c, what);
                    cmd_model_diff(&c, app->model, after);
                    app_commit(app, &c);
                    app_set_status(app, false, _("Fixed: %s (Ctrl+Z to undo)"), what);
                } else {
                    app_set_status(app, true, _("That fix no longer applies"));
                }
                model_destroy(after);
                return shown; /* the list changed under us */
            }
            float sx = p->x, sw = p->w;
            p->x += 8;
            p->w -= 16;
            p->y += 5;
            panel_note_n(p, label, theme.accent_hover, 3);
            p->x = sx;
            p->w = sw;
            p->y = br.y + br.h + 8;
        }
    }
    return shown;
}

void panel_flow(float *x, float *y, float w, Rect body, float indent)
{
    if (*x + w > body.x + body.w && *x > body.x + indent + 1) {
        *x = body.x + indent;
        *y += 34;
    }
}

void panel_save_menu(App *app, const char *name, float *x, float *y, Rect body, float indent, const UiMenuItem *items,
                     const FileMode *modes, int n)
{
    float w = render_text_width(app->r, FONT_REGULAR, theme.ui_font, C_("menu", "Save")) + 42;
    panel_flow(x, y, w, body, indent);
    int k = ui_menu(&app->ui, name, rect_make(*x, *y, w, 26), C_("menu", "Save"), -1, items, n, 0);
    if (k >= 0) filedialog_open(app, modes[k]);
    *x += w + 6;
}

const char *panel_progress_text(double progress, double elapsed_s, double expected_s, bool cancelling,
                                const char *doing, char *out, size_t cap)
{
    double f = progress;
    double left_s = f > 0.02 && elapsed_s > 3 ? elapsed_s * (1 - f) / f : expected_s - elapsed_s;
    if (!cancelling && elapsed_s > 5 && isfinite(left_s) && left_s >= 10) {
        char tm[64];
        snprintf(out, cap, _("%.0f%% \xC2\xB7 %s left"), 100 * f, numfmt_duration_words(left_s, tm, sizeof tm));
    } else {
        snprintf(out, cap, "%s %.0f%%", cancelling ? _("Cancelling") : doing, 100 * f);
    }
    return out;
}

bool panel_task_bar(App *app, const char *cancel_id, float x, float y, double progress, bool cancelling,
                    const char *doing, uint32_t started_ms)
{
    Ui *ui = &app->ui;
    Rect bar = {x, y, PANEL_TASK_BAR_W - 70, 26};
    ui_rrect(ui, bar, 5, theme.panel_alt);
    float f = (float)progress;
    if (f > 0.01f) ui_rrect(ui, rect_make(bar.x + 1, bar.y + 1, (bar.w - 2) * f, bar.h - 2), 4, theme.accent_soft);
    char t[96];
    panel_progress_text(progress, (SDL_GetTicks() - started_ms) / 1000.0, 0, cancelling, doing, t, sizeof t);
    ui_text_in(ui, FONT_BOLD, theme.small_font, bar, 1, t, theme.accent);
    return ui_button(ui, ui_id(cancel_id), rect_make(x + bar.w + 6, y, 64, 26), _("Cancel"), cancelling ? UI_DISABLED : 0);
}

/* ---- the exercise's text in a second language ------------------------------------------- */

/* The language text `what` (k: a hint) is written in: the one picked over the fields (for
 * the app's language it was picked in), else the one it is shown in: the app's where the
 * exercise has its own text in it, else English, the base. */
const char *panel_text_lang(const App *app, const char *what, int k)
{
    if (app->text_lang[0] && strcmp(app->text_lang_for, app->lang) == 0) return app->text_lang;
    if (strcmp(app->lang, "en") != 0 && scenario_text_own(app->model, what, k, app->lang)) return app->lang;
    return "en";
}

/* A text field's id in language `lang` (n >= 0: of element n): one per language, so typing
 * in one is not carried to another; English keeps the field's own id. */
UiId panel_text_field_id(const char *key, int n, const char *lang)
{
    char name[80];
    if (strcmp(lang, "en") == 0) snprintf(name, sizeof name, "%s", key);
    else snprintf(name, sizeof name, "%.60s-%.8s", key, lang);
    return n < 0 ? ui_id(name) : ui_idn(name, n);
}

/* The faint words in an empty field: in another language, the English text to translate
 * ("EN: Design a URL shortener…"), else what belongs there. */
void panel_text_placeholder(App *app, const char *what, int k, const char *usual, char *out, size_t cap)
{
    bool base = strcmp(panel_text_lang(app, what, k), "en") == 0;
    const char *english = base ? NULL : scenario_text_own(app->model, what, k, "en");
    if (english && *english) snprintf(out, cap, "EN: %s", english);
    else snprintf(out, cap, "%s", usual);
}

bool panel_text_line(Panel *p, const char *what, int k, const char *key, int n, Rect fr, const char *usual, char *out,
                     size_t cap)
{
    App *app = p->app;
    Ui *ui = p->ui;
    const char *lang = panel_text_lang(app, what, k), *own = scenario_text_own(app->model, what, k, lang);
    char value[1024]; /* a copy: a commit frees the model it came from */
    snprintf(value, sizeof value, "%s", own ? own : "");
    panel_record_field(p, key, fr);
    UiId id = panel_text_field_id(key, n, lang);
    if (panel_goto_here(p, key, fr)) ui_focus(ui, id, value);
    bool submitted = ui_textbox(ui, id, fr, value, out, cap, 0) == UI_TEXT_SUBMIT && strcmp(out, value) != 0;
    if (!*value && !ui_editing(ui, id)) { /* "EN: Shortener API" to translate */
        char faint[600];
        panel_text_placeholder(app, what, k, usual, faint, sizeof faint);
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_inset(fr, 8), 0, faint, theme.text_faint);
    }
    return submitted;
}

bool panel_text_row(Panel *p, const char *label, const char *doc, const char *switch_id, const char *what, int k,
                    const char *key, int n, float indent, const char *usual, char *out, size_t cap)
{
    panel_tip(p, doc);
    ui_text_in(p->ui, FONT_REGULAR, theme.ui_font, rect_make(p->x + indent, p->y, LABEL_W, theme.row_h - 4), 0, label,
               theme.text_dim);
    panel_text_lang_switch(p, switch_id, what, k, p->x + p->w, p->y + 2);
    p->y += 26;
    Rect fr = {p->x + indent, p->y, p->w - indent, theme.row_h - 4};
    return panel_text_line(p, what, k, key, n, fr, usual, out, cap);
}

/* Write text `what` (k: a hint's index) in the chosen language: one undoable step. */
void panel_text_commit(App *app, const char *what, int k, const char *text, const char *step)
{
    Model *after = model_clone(app->model);
    if (scenario_set_text(after, what, k, panel_text_lang(app, what, k), text)) {
        Command c;
        cmd_init(&c, step);
        cmd_model_diff(&c, app->model, after);
        if (c.n_ops > 0) app_set_status(app, false, "%s", step);
        app_commit(app, &c);
    }
    model_destroy(after);
}

/* EN / RU / UK over a field: the language text `what` is written in, and a pick of another
 * (the title, prompt and hints are written in it from then on). */
void panel_text_lang_switch(Panel *p, const char *id, const char *what, int k_what, float right, float y)
{
    App *app = p->app;
    static const char *const codes[] = {"en", "ru", "uk"}, *const names[] = {"EN", "RU", "UK"};
    float bw = 34, x = right - 3 * bw + 2;
    const char *cur = panel_text_lang(app, what, k_what); /* of this element, not of node 0 */
    for (int k = 0; k < 3; k++) {
        Rect b = {x + (float)k * (bw - 1), y, bw, 20};
        if (ui_button(p->ui, ui_idn(id, k), b, names[k], UI_FLAT | (strcmp(cur, codes[k]) == 0 ? UI_TOGGLED : 0))) {
            snprintf(app->text_lang, sizeof app->text_lang, "%s", codes[k]);
            snprintf(app->text_lang_for, sizeof app->text_lang_for, "%s", app->lang);
        }
        if (ui_hover(p->ui, b)) overlay_fit_tip(app, b, _("The language the exercise's title, prompt, hints and labels are written in"));
    }
}
