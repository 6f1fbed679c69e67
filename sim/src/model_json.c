/*
 * model_json.c - the diagram file format "archsim/1": loading JSON into a Model with
 * every problem reported under its JSON path, and saving a Model as stable JSON.
 *
 * Both directions walk the field tables of schema.h: read_field() reads a JSON value
 * of any FieldType into a struct at the row's offset and put_field() writes one, so a
 * field added to a table is loaded, saved and range-checked here without new code.
 * This file checks structure (bytes, syntax, types, known keys, ranges); the meaning
 * of the model (references, cycles, distribution parameters) is checked by
 * model_validate() in validate.c, which runs on every loaded model.
 */
#define _POSIX_C_SOURCE 200809L /* stat */
#include "format_util.h"
#include "sim/model_json.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/schema.h"
#include "sim/tr.h"
#include "sim/numfmt.h"
#include "sim/util.h"

/* A value in a message as written (exact to 15 digits, never an exponent: messages show
 * on screen too), and rounded to 3 digits. Each use has its own buffer. */
#define NUM(v) numfmt_exact((v), (char[NUMFMT_CAP]){0}, NUMFMT_CAP)
#define NUM3(v) numfmt_decimal((v), 3, (char[NUMFMT_CAP]){0}, NUMFMT_CAP)

#define MAX_FILE_BYTES ((size_t)64 << 20)

/* ---- messages ------------------------------------------------------------------ */

/* A user string made safe to quote in a message: control bytes replaced, long text
 * cut at a character boundary. */
static char *path_key(const char *path, const char *key)
{
    return path[0] ? xasprintf("%s.%s", path, key) : xstrdup(key);
}

static char *path_index(const char *path, int i)
{
    return xasprintf("%s[%d]", path, i);
}

/* What a value is, in the messages' language (null is JSON's word) */
static const char *json_type_name(const cJSON *v)
{
    if (cJSON_IsString(v)) return _("a string");
    if (cJSON_IsNumber(v)) return _("a number");
    if (cJSON_IsBool(v)) return _("a boolean");
    if (cJSON_IsNull(v)) return "null";
    if (cJSON_IsArray(v)) return _("an array");
    if (cJSON_IsObject(v)) return _("an object");
    return _("an invalid value");
}

/* Appends " (did you mean 'x'?)" when one candidate is close to `s`. */
static void hint_closest(StrBuf *b, const char *s, const char *const *names, int n)
{
    const char *best = NULL;
    int best_d = 3;
    for (int i = 0; i < n; i++) {
        int dd = edit_distance(s, names[i]);
        if (dd < best_d && dd < (int)strlen(names[i])) {
            best_d = dd;
            best = names[i];
        }
    }
    if (best) sb_printf(b, _(" (did you mean '%s'?)"), best);
}

/* ---- JSON structure helpers ------------------------------------------------------ */

static int cmp_key(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    return strcmp(x->string, y->string);
}

/* Reports every key that appears more than once in `obj` (sorted, so large objects
 * stay cheap). */
static void check_dups(const cJSON *obj, const char *path, DiagList *d)
{
    int n = 0;
    for (const cJSON *c = obj->child; c; c = c->next) n++;
    if (n < 2) return;
    const cJSON **keys = xmalloc((size_t)n * sizeof *keys);
    int i = 0;
    for (const cJSON *c = obj->child; c; c = c->next) keys[i++] = c;
    qsort(keys, (size_t)n, sizeof *keys, cmp_key);
    char buf[80];
    for (i = 1; i < n; i++) {
        if (strcmp(keys[i]->string, keys[i - 1]->string) != 0) continue;
        if (i >= 2 && strcmp(keys[i]->string, keys[i - 2]->string) == 0) continue;
        diag_add(d, path, "duplicate key '%s'; each key may appear once in an object",
                 fmt_shown(keys[i]->string, buf, sizeof buf));
    }
    free(keys);
}

/* "meta" holds anything, but still no duplicate keys and no numbers that overflow. */
static void check_meta_value(const cJSON *v, const char *path, DiagList *d)
{
    if (cJSON_IsNumber(v) && !isfinite(v->valuedouble)) {
        diag_add(d, path, "number too large to represent; numbers must be finite");
        return;
    }
    if (cJSON_IsObject(v)) check_dups(v, path, d);
    int i = 0;
    for (const cJSON *c = v->child; c; c = c->next, i++) {
        if (!cJSON_IsObject(c) && !cJSON_IsArray(c) && !cJSON_IsNumber(c)) continue;
        char *p = cJSON_IsObject(v) ? path_key(path, c->string) : path_index(path, i);
        check_meta_value(c, p, d);
        free(p);
    }
}

static void read_meta(const cJSON *v, const char *path, DiagList *d, char **out)
{
    if (!cJSON_IsObject(v)) {
        diag_add(d, path, "must be an object (free-form data kept as is), got %s",
                 json_type_name(v));
        return;
    }
    int before = diag_errors(d);
    check_meta_value(v, path, d);
    if (diag_errors(d) > before) return;
    cJSON *copy = cJSON_Duplicate(v, true); /* its numbers written exactly, not to 15 digits */
    char *s = copy ? json_print_exact(copy, false) : NULL;
    cJSON_Delete(copy);
    if (!s) {
        diag_add(d, path, "could not be stored (out of memory)");
        return;
    }
    free(*out);
    *out = xstrdup(s);
    cJSON_free(s);
}

/* ---- reading one field of any type ----------------------------------------------- */

static bool read_num(const FieldDesc *f, const cJSON *v, const char *path, DiagList *d,
                     double *out)
{
    bool integral = f->type == FT_INT || f->type == FT_U64;
    if (!cJSON_IsNumber(v)) {
        if (integral)
            diag_add(d, path, "must be an integer, got %s", json_type_name(v));
        else
            diag_add(d, path, "must be a number, got %s", json_type_name(v));
        return false;
    }
    double x = v->valuedouble;
    StrBuf r;
    sb_init(&r);
    describe_range(&r, f);
    bool ok = false;
    if (!isfinite(x))
        diag_add(d, path, "must be %s, got a number too large to represent", r.data);
    else if (integral && x != floor(x))
        diag_add(d, path, "must be %s, got %s (not a whole number)", r.data, NUM(x));
    else if (!in_range(f, x))
        diag_add(d, path, "must be %s, got %s", r.data, NUM(x));
    else
        ok = true;
    sb_free(&r);
    if (ok) *out = x;
    return ok;
}

static int enum_count(const char *const *names)
{
    int n = 0;
    while (names[n]) n++;
    return n;
}

static void list_enum(StrBuf *b, const char *const *names)
{
    for (int i = 0; names[i]; i++) sb_printf(b, "%s%s", i ? ", " : "", names[i]);
}

static bool read_enum(const FieldDesc *f, const cJSON *v, const char *path, DiagList *d,
                      int *out)
{
    StrBuf b;
    sb_init(&b);
    list_enum(&b, f->enum_names);
    bool ok = false;
    if (!cJSON_IsString(v)) {
        diag_add(d, path, "must be a string, one of: %s; got %s", b.data, json_type_name(v));
    } else {
        int n = enum_count(f->enum_names);
        for (int i = 0; i < n; i++)
            if (strcmp(f->enum_names[i], v->valuestring) == 0) {
                *out = i;
                ok = true;
            }
        if (!ok) {
            char buf[80];
            StrBuf h;
            sb_init(&h);
            hint_closest(&h, v->valuestring, f->enum_names, n);
            diag_add(d, path, "unknown %s '%s'; allowed: %s%s", f->name,
                     fmt_shown(v->valuestring, buf, sizeof buf), b.data, h.data ? h.data : "");
            sb_free(&h);
        }
    }
    sb_free(&b);
    return ok;
}

static void list_dist_keys(StrBuf *b, DistKind k)
{
    sb_puts(b, "dist");
    for (const FieldDesc *f = schema_dist_fields; f->name; f++)
        if (schema_dist_key_applies(k, f->name)) sb_printf(b, ", %s", f->name);
}

/* A distribution: a plain number (constant) or {"dist": kind, parameters}. Parameter
 * values are range-checked here; whether they make a distribution at all (lognormal
 * p99 against mean, uniform min <= max) is checked by model_validate(). */
static bool read_dist(const FieldDesc *f, const cJSON *v, const char *path, DiagList *d,
                      Dist *out)
{
    if (cJSON_IsNumber(v)) {
        FieldDesc g = *f;
        g.type = FT_NUMBER;
        double x;
        if (!read_num(&g, v, path, d, &x)) return false;
        *out = dist_const(x);
        return true;
    }
    if (!cJSON_IsObject(v)) {
        diag_add(d, path,
                 "must be a number (a constant) or a distribution object such as "
                 "{\"dist\": \"lognormal\", \"mean\": 10, \"p99\": 50}; got %s",
                 json_type_name(v));
        return false;
    }
    int before = diag_errors(d);
    check_dups(v, path, d);
    Dist r;
    memset(&r, 0, sizeof r);
    const FieldDesc *kind_row = schema_find(schema_dist_fields, "dist");
    const cJSON *kv = cJSON_GetObjectItemCaseSensitive(v, "dist");
    int kind = -1;
    if (!kv) {
        StrBuf b;
        sb_init(&b);
        list_enum(&b, kind_row->enum_names);
        char *p = path_key(path, "dist");
        diag_add(d, p, "missing; a distribution object names its kind: one of %s", b.data);
        free(p);
        sb_free(&b);
    } else {
        char *p = path_key(path, "dist");
        if (read_enum(kind_row, kv, p, d, &kind)) r.kind = (DistKind)kind;
        free(p);
    }
    for (const cJSON *c = v->child; c; c = c->next) {
        if (strcmp(c->string, "dist") == 0) continue;
        char *p = path_key(path, c->string);
        const FieldDesc *row = schema_find(schema_dist_fields, c->string);
        char buf[80];
        if (!row) {
            StrBuf b;
            sb_init(&b);
            if (kind >= 0)
                list_dist_keys(&b, (DistKind)kind);
            else
                for (const FieldDesc *g = schema_dist_fields; g->name; g++)
                    sb_printf(&b, "%s%s", g == schema_dist_fields ? "" : ", ", g->name);
            diag_add(d, p, "unknown key '%s' in a distribution; keys of %s: %s",
                     fmt_shown(c->string, buf, sizeof buf),
                     kind >= 0 ? dist_kind_name((DistKind)kind) : "distributions", b.data);
            sb_free(&b);
        } else if (kind >= 0 && !schema_dist_key_applies((DistKind)kind, row->name)) {
            StrBuf b;
            sb_init(&b);
            list_dist_keys(&b, (DistKind)kind);
            diag_add(d, p, "does not apply to a %s distribution; %s takes: %s",
                     dist_kind_name((DistKind)kind), dist_kind_name((DistKind)kind), b.data);
            sb_free(&b);
        } else {
            FieldDesc g = *row;
            bool field_range = strcmp(row->name, "mean") == 0 ||
                               strcmp(row->name, "min") == 0 || strcmp(row->name, "max") == 0;
            if (field_range && f->max < g.max) g.max = f->max;
            if (f->unit && f->unit[0] && strcmp(g.unit, "field's unit") == 0) g.unit = f->unit;
            double x;
            if (read_num(&g, c, p, d, &x)) *(double *)((char *)&r + row->offset) = x;
        }
        free(p);
    }
    if (diag_errors(d) > before) return false;
    *out = r;
    return true;
}

static bool read_strlist(const FieldDesc *f, const cJSON *v, void *base, const char *path,
                         DiagList *d)
{
    if (!cJSON_IsArray(v)) {
        diag_add(d, path, "must be an array of strings, got %s", json_type_name(v));
        return false;
    }
    int n = cJSON_GetArraySize(v), i = 0;
    bool ok = true;
    for (const cJSON *c = v->child; c; c = c->next, i++)
        if (!cJSON_IsString(c)) {
            char *p = path_index(path, i);
            diag_add(d, p, "must be a string, got %s", json_type_name(c));
            free(p);
            ok = false;
        }
    if (!ok) return false;
    char ***list = (char ***)((char *)base + f->offset);
    int *count = (int *)((char *)base + f->count_offset);
    for (int k = 0; k < *count; k++) free((*list)[k]);
    free(*list);
    *list = n ? xmalloc((size_t)n * sizeof **list) : NULL;
    i = 0;
    for (const cJSON *c = v->child; c; c = c->next) (*list)[i++] = xstrdup(c->valuestring);
    *count = n;
    return true;
}

/* Reads JSON value `v` into field `f` of the struct at `base`. On error the struct is
 * left unchanged and the problem is appended to `d`. */
static bool read_field(const FieldDesc *f, const cJSON *v, void *base, const char *path,
                       DiagList *d)
{
    char *p = (char *)base + f->offset;
    double x;
    switch (f->type) {
    case FT_STRING:
        if (!cJSON_IsString(v)) {
            diag_add(d, path, "must be a string, got %s", json_type_name(v));
            return false;
        }
        free(*(char **)p);
        *(char **)p = xstrdup(v->valuestring);
        return true;
    case FT_NUMBER:
        if (!read_num(f, v, path, d, &x)) return false;
        *(double *)p = x;
        return true;
    case FT_INT:
        if (!read_num(f, v, path, d, &x)) return false;
        *(int *)p = (int)x;
        return true;
    case FT_U64:
        if (!read_num(f, v, path, d, &x)) return false;
        *(uint64_t *)p = (uint64_t)x;
        return true;
    case FT_BOOL:
        if (!cJSON_IsBool(v)) {
            diag_add(d, path, "must be true or false, got %s", json_type_name(v));
            return false;
        }
        *(bool *)p = cJSON_IsTrue(v);
        return true;
    case FT_ENUM: return read_enum(f, v, path, d, (int *)p);
    case FT_DIST: return read_dist(f, v, path, d, (Dist *)p);
    case FT_STRLIST: return read_strlist(f, v, base, path, d);
    }
    return false;
}

/* ---- reading objects ------------------------------------------------------------- */

typedef struct ObjSpec {
    const FieldDesc *table;
    const char *what;          /* "an edge", "service", ... for "fields of %s" */
    int kind;                  /* node kind the fields must apply to, -1 = any */
    const char *const *extra;  /* keys the caller handles, NULL-terminated */
} ObjSpec;

static bool is_extra(const ObjSpec *s, const char *key)
{
    for (int i = 0; s->extra && s->extra[i]; i++)
        if (strcmp(s->extra[i], key) == 0) return true;
    return false;
}

static bool spec_has(const ObjSpec *s, const FieldDesc *f)
{
    return s->kind < 0 || schema_applies(f, (NodeKind)s->kind);
}

static void list_fields(StrBuf *b, const ObjSpec *s)
{
    bool first = true;
    for (const FieldDesc *f = s->table; f->name; f++)
        if (spec_has(s, f)) {
            sb_printf(b, "%s%s", first ? "" : ", ", f->name);
            first = false;
        }
    for (int i = 0; s->extra && s->extra[i]; i++) sb_printf(b, ", %s", s->extra[i]);
}

static void unknown_field(const ObjSpec *s, const char *key, const char *path, DiagList *d)
{
    const char *names[64];
    int n = 0;
    for (const FieldDesc *f = s->table; f->name && n < 60; f++) names[n++] = f->name;
    for (int i = 0; s->extra && s->extra[i] && n < 64; i++) names[n++] = s->extra[i];
    StrBuf b, h;
    sb_init(&b);
    sb_init(&h);
    list_fields(&b, s);
    hint_closest(&h, key, names, n);
    char buf[80];
    diag_add(d, path, "unknown field '%s'%s; fields of %s: %s", fmt_shown(key, buf, sizeof buf),
             h.data ? h.data : "", s->what, b.data);
    sb_free(&b);
    sb_free(&h);
}

/* Reads every key of `obj` that the table knows into `base`; reports unknown keys,
 * keys that do not apply to the node kind, and missing required keys. Keys listed in
 * spec->extra are left to the caller. */
static void read_object(const ObjSpec *s, const cJSON *obj, void *base, const char *path,
                        DiagList *d)
{
    check_dups(obj, path, d);
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (is_extra(s, c->string)) continue;
        char *p = path_key(path, c->string);
        const FieldDesc *f = schema_find(s->table, c->string);
        if (!f) {
            unknown_field(s, c->string, p, d);
        } else if (!spec_has(s, f)) {
            StrBuf b;
            sb_init(&b);
            list_fields(&b, s);
            diag_add(d, p, "not a field of a '%s' node; fields of %s: %s", s->what, s->what,
                     b.data);
            sb_free(&b);
        } else {
            read_field(f, c, base, p, d);
        }
        free(p);
    }
    for (const FieldDesc *f = s->table; f->name; f++)
        if (f->required && spec_has(s, f) && !cJSON_GetObjectItemCaseSensitive(obj, f->name)) {
            char *p = path_key(path, f->name);
            diag_add(d, p, "missing; it is required in %s", s->what);
            free(p);
        }
}

static const char *const meta_only[] = {"meta", NULL};
static const char *const node_extra[] = {"autoscale", "meta", NULL};
static const char *const edge_extra[] = {"circuit_breaker", "meta", NULL};
static const char *const scenario_extra[] = {"requests", "requirements", "events", "zones",
                                             "region_latency",
                                             "envelope", "translations", NULL};
static const char *const envelope_extra[] = {"factors", NULL};

static void read_node(const cJSON *obj, Node *n, const char *path, DiagList *d)
{
    const cJSON *kv = cJSON_GetObjectItemCaseSensitive(obj, "kind");
    int kind = cJSON_IsString(kv) ? node_kind_from_name(kv->valuestring) : -1;
    node_defaults(kind >= 0 ? (NodeKind)kind : NODE_SERVICE, n);
    ObjSpec s = {schema_node_fields, kind >= 0 ? node_kind_name((NodeKind)kind) : "a node",
                 kind, node_extra};
    read_object(&s, obj, n, path, d);
    const cJSON *as = cJSON_GetObjectItemCaseSensitive(obj, "autoscale");
    if (as) {
        char *p = path_key(path, "autoscale");
        if (!cJSON_IsObject(as)) {
            diag_add(d, p,
                     "must be an object (its presence turns autoscaling on; {} uses the "
                     "defaults), got %s",
                     json_type_name(as));
        } else {
            ObjSpec a = {schema_autoscale_fields, "autoscale", -1, NULL};
            read_object(&a, as, &n->autoscale, p, d);
            n->autoscale.enabled = true;
        }
        free(p);
    }
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(obj, "meta");
    if (meta) {
        char *p = path_key(path, "meta");
        read_meta(meta, p, d, &n->meta_json);
        free(p);
    }
}

static void read_edge(const cJSON *obj, Edge *e, const char *path, DiagList *d)
{
    edge_defaults(e);
    ObjSpec s = {schema_edge_fields, "an edge", -1, edge_extra};
    read_object(&s, obj, e, path, d);
    const cJSON *cb = cJSON_GetObjectItemCaseSensitive(obj, "circuit_breaker");
    if (cb) {
        char *p = path_key(path, "circuit_breaker");
        if (!cJSON_IsObject(cb)) {
            diag_add(d, p,
                     "must be an object (its presence turns the breaker on; {} uses the "
                     "defaults), got %s",
                     json_type_name(cb));
        } else {
            ObjSpec bs = {schema_breaker_fields, "circuit_breaker", -1, NULL};
            read_object(&bs, cb, &e->breaker, p, d);
            e->breaker.enabled = true;
        }
        free(p);
    }
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(obj, "meta");
    if (meta) {
        char *p = path_key(path, "meta");
        read_meta(meta, p, d, &e->meta_json);
        free(p);
    }
}

static void read_request(const cJSON *obj, RequestType *r, const char *path, DiagList *d)
{
    ObjSpec s = {schema_request_fields, "a request type", -1, meta_only};
    read_object(&s, obj, r, path, d);
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(obj, "meta");
    if (meta) {
        char *p = path_key(path, "meta");
        read_meta(meta, p, d, &r->meta_json);
        free(p);
    }
}

static void read_requirement(const cJSON *obj, Requirement *q, const char *path, DiagList *d)
{
    ObjSpec s = {schema_requirement_fields, "a requirement", -1, NULL};
    read_object(&s, obj, q, path, d);
    q->has_max = cJSON_GetObjectItemCaseSensitive(obj, "max") != NULL;
    q->has_min = cJSON_GetObjectItemCaseSensitive(obj, "min") != NULL;
}

static void read_event(const cJSON *obj, ScenarioEvent *ev, const char *path, DiagList *d)
{
    ObjSpec s = {schema_event_fields, "an event", -1, NULL};
    read_object(&s, obj, ev, path, d);
    const cJSON *av = cJSON_GetObjectItemCaseSensitive(obj, "action");
    if (!cJSON_IsString(av)) return;
    const FieldDesc *arow = schema_find(schema_event_fields, "action");
    int a = -1;
    for (int i = 0; arow->enum_names[i]; i++)
        if (strcmp(arow->enum_names[i], av->valuestring) == 0) a = i;
    if (a < 0) return;
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (schema_event_field_applies((EventAction)a, c->string)) continue;
        StrBuf b;
        sb_init(&b);
        for (const FieldDesc *f = schema_event_fields; f->name; f++)
            if (schema_event_field_applies((EventAction)a, f->name))
                sb_printf(&b, "%s%s", b.len ? ", " : "", f->name);
        char *p = path_key(path, c->string);
        diag_add(d, p, "does not apply to a '%s' event; %s events take: %s",
                 event_action_name((EventAction)a), event_action_name((EventAction)a), b.data);
        free(p);
        sb_free(&b);
    }
}

/* Reads an array of objects into a freshly allocated array of `size`-byte elements.
 * Elements that are not objects still take a slot (initialised by `init`) so indices in
 * messages match the file. */
typedef void (*ReadElem)(const cJSON *obj, void *elem, const char *path, DiagList *d);

static void read_list(const cJSON *arr, const char *path, DiagList *d, size_t size,
                      void (*init)(void *), ReadElem read, void **items, int *n_items)
{
    if (!cJSON_IsArray(arr)) {
        diag_add(d, path, "must be an array, got %s", json_type_name(arr));
        return;
    }
    int n = cJSON_GetArraySize(arr);
    *items = n ? xcalloc((size_t)n, size) : NULL;
    *n_items = 0;
    int i = 0;
    for (const cJSON *c = arr->child; c && i < n; c = c->next, i++) {
        void *elem = (char *)*items + (size_t)i * size;
        char *p = path_index(path, i);
        if (!cJSON_IsObject(c)) {
            init(elem);
            diag_add(d, p, "must be an object, got %s", json_type_name(c));
        } else {
            read(c, elem, p, d);
        }
        (*n_items)++;
        free(p);
    }
}

static void init_factor(void *p) { memset(p, 0, sizeof(EnvelopeFactor)); }
static void init_envelope(void *p) { memset(p, 0, sizeof(EnvelopeItem)); }

static void read_factor_v(const cJSON *o, void *e, const char *p, DiagList *d)
{
    init_factor(e);
    ObjSpec s = {schema_factor_fields, "a factor", -1, NULL};
    read_object(&s, o, e, p, d);
}

/* scenario.envelope[i]: the table's keys, then "factors" (an array of objects). How
 * many factors and their meaning are checked by model_validate(). */
static void read_envelope_v(const cJSON *o, void *e, const char *p, DiagList *d)
{
    EnvelopeItem *it = e;
    init_envelope(it);
    ObjSpec s = {schema_envelope_fields, "an envelope quantity", -1, envelope_extra};
    read_object(&s, o, it, p, d);
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, "factors");
    char *fp = path_key(p, "factors");
    if (!f)
        diag_add(d, fp, "missing; a quantity lists the factors whose product is its expected "
                        "value, such as [{\"value\": 300, \"label\": \"bytes per tweet\"}]");
    else
        read_list(f, fp, d, sizeof(EnvelopeFactor), init_factor, read_factor_v,
                  (void **)&it->factors, &it->n_factors);
    free(fp);
}

static void init_zone(void *p) { memset(p, 0, sizeof(Zone)); }
static void init_region_latency(void *p) { memset(p, 0, sizeof(RegionLatency)); }
static void read_zone_v(const cJSON *o, void *e, const char *p, DiagList *d)
{
    init_zone(e);
    ObjSpec s = {schema_zone_fields, "a zone", -1, NULL};
    read_object(&s, o, e, p, d);
}
static void read_region_latency_v(const cJSON *o, void *e, const char *p, DiagList *d)
{
    init_region_latency(e);
    ObjSpec s = {schema_region_latency_fields, "a region latency", -1, NULL};
    read_object(&s, o, e, p, d);
}

static void init_node(void *p) { node_defaults(NODE_SERVICE, p); }
static void init_edge(void *p) { edge_defaults(p); }
static void init_request(void *p) { request_defaults(p); }
static void init_requirement(void *p) { memset(p, 0, sizeof(Requirement)); }
static void init_event(void *p) { event_defaults(p); }

static void read_node_v(const cJSON *o, void *e, const char *p, DiagList *d) { read_node(o, e, p, d); }
static void read_edge_v(const cJSON *o, void *e, const char *p, DiagList *d) { read_edge(o, e, p, d); }
static void read_request_v(const cJSON *o, void *e, const char *p, DiagList *d)
{
    init_request(e);
    read_request(o, e, p, d);
}
static void read_requirement_v(const cJSON *o, void *e, const char *p, DiagList *d)
{
    init_requirement(e);
    read_requirement(o, e, p, d);
}
static void read_event_v(const cJSON *o, void *e, const char *p, DiagList *d)
{
    init_event(e);
    read_event(o, e, p, d);
}

static const char *const translation_extra[] = {"labels", "envelope", NULL};

static void init_envelope_text(void *p) { memset(p, 0, sizeof(EnvelopeText)); }

static void read_envelope_text_v(const cJSON *o, void *e, const char *p, DiagList *d)
{
    init_envelope_text(e);
    ObjSpec s = {schema_envelope_text_fields, "an envelope translation", -1, NULL};
    read_object(&s, o, e, p, d);
}

/* scenario.translations.<lang>.envelope: [{"label": ..., "factors": [...], "note": ...}]
 * (an array of objects, not in the table). How many, and how many factor labels, are
 * checked by model_validate(). */
static void read_envelope_texts(const cJSON *v, Translation *t, const char *path, DiagList *d)
{
    char *p = path_key(path, "envelope");
    if (!cJSON_IsArray(v))
        diag_add(d, p,
                 "must be an array with one object per quantity of scenario.envelope, such as "
                 "[{\"label\": \"...\", \"factors\": [\"...\"], \"note\": \"...\"}]; got %s",
                 json_type_name(v));
    else
        read_list(v, p, d, sizeof(EnvelopeText), init_envelope_text, read_envelope_text_v,
                  (void **)&t->envelope, &t->n_envelope);
    free(p);
}

/* scenario.translations.<lang>.labels: {"Shoppers": "Покупатели", ...}, the text shown
 * for each English node or edge label (an object of strings, not in the table). */
static void read_label_texts(const cJSON *v, Translation *t, const char *path, DiagList *d)
{
    char *p = path_key(path, "labels");
    if (!cJSON_IsObject(v)) {
        diag_add(d, p,
                 "must be an object from a node's or edge's English label to its text in this language, "
                 "such as {\"Shoppers\": \"...\"}; got %s",
                 json_type_name(v));
        free(p);
        return;
    }
    check_dups(v, p, d);
    int n = cJSON_GetArraySize(v);
    t->labels_en = n ? xcalloc((size_t)n, sizeof *t->labels_en) : NULL;
    t->labels = n ? xcalloc((size_t)n, sizeof *t->labels) : NULL;
    char buf[80];
    for (const cJSON *c = v->child; c; c = c->next) {
        char *q = xasprintf("%s[\"%s\"]", p, fmt_shown(c->string, buf, sizeof buf));
        if (!*c->string)
            diag_add(d, q, "is an empty label; each key is the English label of a node or an edge");
        else if (!cJSON_IsString(c))
            diag_add(d, q, "must be a string: the label in this language; got %s", json_type_name(c));
        else if (!*c->valuestring)
            diag_add(d, q, "is empty; write the label in this language, or leave it out to show the English one");
        else {
            t->labels_en[t->n_labels] = xstrdup(c->string);
            t->labels[t->n_labels++] = xstrdup(c->valuestring);
        }
        free(q);
    }
    free(p);
}

/* scenario.translations: {"ru": {"title": ..., "prompt": ..., "hints": [...],
 * "envelope": [...]}, ...}. Language codes and counts are checked by model_validate(). */
static void read_translations(const cJSON *obj, Scenario *s, DiagList *d)
{
    const char *path = "scenario.translations";
    if (!cJSON_IsObject(obj)) {
        diag_add(d, path,
                 "must be an object with one member per language, such as {\"ru\": "
                 "{\"prompt\": \"...\", \"hints\": [...]}}; got %s",
                 json_type_name(obj));
        return;
    }
    check_dups(obj, path, d);
    int n = cJSON_GetArraySize(obj);
    s->translations = n ? xcalloc((size_t)n, sizeof *s->translations) : NULL;
    s->n_translations = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        Translation *t = &s->translations[s->n_translations++];
        t->lang = xstrdup(c->string);
        char *p = path_key(path, c->string);
        if (!cJSON_IsObject(c)) {
            diag_add(d, p, "must be an object with title, prompt, hints and envelope in this "
                           "language, got %s",
                     json_type_name(c));
        } else {
            ObjSpec spec = {schema_translation_fields, "a translation", -1, translation_extra};
            read_object(&spec, c, t, p, d);
            const cJSON *lab = cJSON_GetObjectItemCaseSensitive(c, "labels");
            if (lab) read_label_texts(lab, t, p, d);
            const cJSON *env = cJSON_GetObjectItemCaseSensitive(c, "envelope");
            if (env) read_envelope_texts(env, t, p, d);
        }
        free(p);
    }
}

static void read_scenario(const cJSON *obj, Scenario *s, DiagList *d)
{
    ObjSpec spec = {schema_scenario_fields, "scenario", -1, scenario_extra};
    read_object(&spec, obj, s, "scenario", d);
    const cJSON *v;
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "requests")))
        read_list(v, "scenario.requests", d, sizeof(RequestType), init_request, read_request_v,
                  (void **)&s->requests, &s->n_requests);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "zones")))
        read_list(v, "scenario.zones", d, sizeof(Zone), init_zone, read_zone_v,
                  (void **)&s->zones, &s->n_zones);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "region_latency")))
        read_list(v, "scenario.region_latency", d, sizeof(RegionLatency), init_region_latency,
                  read_region_latency_v, (void **)&s->region_latency, &s->n_region_latency);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "requirements")))
        read_list(v, "scenario.requirements", d, sizeof(Requirement), init_requirement,
                  read_requirement_v, (void **)&s->requirements, &s->n_requirements);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "events")))
        read_list(v, "scenario.events", d, sizeof(ScenarioEvent), init_event, read_event_v,
                  (void **)&s->events, &s->n_events);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "envelope")))
        read_list(v, "scenario.envelope", d, sizeof(EnvelopeItem), init_envelope, read_envelope_v,
                  (void **)&s->envelope, &s->n_envelope);
    if ((v = cJSON_GetObjectItemCaseSensitive(obj, "translations"))) read_translations(v, s, d);
}

static const char *const top_keys[] = {"format", "title", "scenario", "nodes",
                                       "edges",  "meta",  NULL};

/* Fills `m` from the top-level object. Returns false when the file is of another
 * format version, in which case nothing else is read. */
static bool read_model(const cJSON *root, Model *m, DiagList *d)
{
    char buf[80];
    check_dups(root, "", d);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!fmt) {
        diag_add(d, "format",
                 "missing; a diagram file starts with \"format\": \"%s\", the only format this "
                 "version of archsim reads",
                 ARCHSIM_FORMAT);
    } else if (!cJSON_IsString(fmt)) {
        diag_add(d, "format", "must be the string \"%s\", got %s", ARCHSIM_FORMAT,
                 json_type_name(fmt));
    } else if (strcmp(fmt->valuestring, ARCHSIM_FORMAT) != 0) {
        bool ours = strncmp(fmt->valuestring, "archsim/", 8) == 0;
        diag_add(d, "format", "'%s' is not supported; this version of archsim (%s) reads \"%s\"%s",
                 fmt_shown(fmt->valuestring, buf, sizeof buf), ARCHSIM_VERSION, ARCHSIM_FORMAT,
                 ours ? " only; the file was written by another version of archsim" : "");
        return false;
    }
    const cJSON *v;
    for (const cJSON *c = root->child; c; c = c->next) {
        bool known = false;
        for (int i = 0; top_keys[i]; i++) known |= strcmp(top_keys[i], c->string) == 0;
        if (!known) {
            StrBuf h;
            sb_init(&h);
            hint_closest(&h, c->string, top_keys, 6);
            diag_add(d, fmt_shown(c->string, buf, sizeof buf),
                     "unknown top-level key%s; allowed: format, title, scenario, nodes, edges, "
                     "meta (put your own data under \"meta\")",
                     h.data ? h.data : "");
            sb_free(&h);
        }
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "title"))) {
        if (cJSON_IsString(v))
            m->title = xstrdup(v->valuestring);
        else
            diag_add(d, "title", "must be a string, got %s", json_type_name(v));
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "scenario"))) {
        if (cJSON_IsObject(v))
            read_scenario(v, &m->scenario, d);
        else
            diag_add(d, "scenario", "must be an object, got %s", json_type_name(v));
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "nodes")))
        read_list(v, "nodes", d, sizeof(Node), init_node, read_node_v, (void **)&m->nodes,
                  &m->n_nodes);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "edges")))
        read_list(v, "edges", d, sizeof(Edge), init_edge, read_edge_v, (void **)&m->edges,
                  &m->n_edges);
    if ((v = cJSON_GetObjectItemCaseSensitive(root, "meta"))) read_meta(v, "meta", d, &m->meta_json);
    return true;
}

/* ---- bytes and syntax ------------------------------------------------------------- */

static void line_col(const char *s, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            c++;
        }
        if (l == INT32_MAX || c == INT32_MAX) break;
    }
    *line = l;
    *col = c;
}

/* Offset of the first byte that is NUL or not valid UTF-8, or n. */
/* Rejects the escape \u0000: C strings cannot hold it, so it would be cut silently. */
static bool check_nul_escapes(const char *s, size_t n, DiagList *d)
{
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        if (!in_str) {
            in_str = s[i] == '"';
            continue;
        }
        if (s[i] == '"') {
            in_str = false;
        } else if (s[i] == '\\') {
            if (i + 5 < n && s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0) {
                int line, col;
                line_col(s, i, &line, &col);
                diag_add_at(d, line, col, "the escape \\u0000 (a NUL character) is not allowed "
                                          "in strings");
                return false;
            }
            i++;
        }
    }
    return true;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void syntax_error(const char *s, size_t len, size_t off, DiagList *d)
{
    int line, col;
    if (off > len) off = len;
    line_col(s, off, &line, &col);
    size_t rest = len - off;
    bool at_end = true;
    for (size_t i = off + 1; i < len; i++) at_end &= is_space(s[i]);
    if (rest == 0 || at_end) {
        line_col(s, len, &line, &col);
        diag_add_at(d, line, col,
                    "JSON syntax error: the text ends before the JSON value is complete (an "
                    "unclosed {, [ or string?)");
        return;
    }
    char snip[32];
    size_t k = 0;
    for (size_t i = off; i < len && k < 20 && s[i] != '\n' && s[i] != '\r'; i++)
        snip[k++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    while (k > 0 && k < len - off && ((unsigned char)s[off + k] & 0xC0) == 0x80) k--;
    snip[k] = 0;
    diag_add_at(d, line, col,
                "JSON syntax error near '%s' (a missing or extra comma, quote, colon or "
                "bracket? keys must be in double quotes)",
                snip);
}

/* ---- suppressing follow-on messages ------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* True when `path` or one of its parents ("nodes[2]" for "nodes[2].id") is in the
 * sorted list `bad`. */
static bool under_bad(const char *path, char **bad, int n_bad)
{
    if (n_bad == 0 || !path[0]) return false;
    size_t len = strlen(path);
    char *p = xmalloc(len + 1);
    bool hit = false;
    for (size_t i = 1; i <= len && !hit; i++) {
        if (i < len && path[i] != '.' && path[i] != '[') continue;
        memcpy(p, path, i);
        p[i] = 0;
        const char *key = p;
        hit = bsearch(&key, bad, (size_t)n_bad, sizeof *bad, cmp_str) != NULL;
    }
    free(p);
    return hit;
}

/* Runs model_validate() and appends its messages to `d`, except those about a path
 * (or inside one) where loading already reported an error: those follow from it. */
static void validate_loaded(const Model *m, DiagList *d, int first_diag)
{
    DiagList v;
    diag_init(&v, NULL);
    model_validate(m, &v);
    int n_bad = 0;
    char **bad = xmalloc((size_t)(d->n_items - first_diag + 1) * sizeof *bad);
    for (int i = first_diag; i < d->n_items; i++)
        if (d->items[i].level == DIAG_ERROR && d->items[i].path[0]) bad[n_bad++] = d->items[i].path;
    qsort(bad, (size_t)n_bad, sizeof *bad, cmp_str);
    for (int i = 0; i < v.n_items; i++) {
        const Diag *g = &v.items[i];
        if (under_bad(g->path, bad, n_bad)) continue;
        if (g->level == DIAG_ERROR)
            diag_add(d, g->path, "%s", g->message);
        else
            diag_add_warning(d, g->path, "%s", g->message);
    }
    free(bad);
    diag_free(&v);
}

/* ---- loading ---------------------------------------------------------------------- */

/* lenient: keep a model whose only errors are semantic (model_validate's) */
static Model *from_json(const char *text, size_t len, DiagList *d, bool lenient)
{
    ASSERT(d);
    int errors0 = diag_errors(d), first_diag = d->n_items;
    char *buf = NULL;
    cJSON *root = NULL;
    Model *m = NULL;
    if (!text) len = 0;

    size_t start = 0;
    while (start < len && is_space(text[start])) start++;
    if (start == len) {
        diag_add(d, "", "the file is empty; a diagram file is a JSON object such as "
                        "{\"format\": \"%s\", \"nodes\": []}",
                 ARCHSIM_FORMAT);
        goto fail;
    }
    size_t bad = utf8_invalid_at((const unsigned char *)text, len);
    if (bad < len) {
        int line, col;
        line_col(text, bad, &line, &col);
        if (text[bad] == 0)
            diag_add_at(d, line, col, "NUL byte in the file; a diagram file is UTF-8 text");
        else
            diag_add_at(d, line, col, "invalid UTF-8 (byte 0x%02x); a diagram file is UTF-8 text",
                        (unsigned char)text[bad]);
        goto fail;
    }
    buf = xmalloc(len + 1);
    memcpy(buf, text, len);
    buf[len] = 0;
    if (!check_nul_escapes(buf, len, d)) goto fail;
    size_t skip = (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0; /* BOM */
    const char *end = NULL;
    root = cJSON_ParseWithLengthOpts(buf + skip, len - skip, &end, 0);
    if (!root) {
        size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : len;
        syntax_error(buf, len, off, d);
        goto fail;
    }
    size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : len;
    while (off < len && is_space(buf[off])) off++;
    if (off < len) {
        int line, col;
        line_col(buf, off, &line, &col);
        diag_add_at(d, line, col,
                    "unexpected text after the end of the top-level object; a file holds one "
                    "JSON object");
        goto fail;
    }
    if (!cJSON_IsObject(root)) {
        diag_add(d, "", "the file must hold one JSON object ({\"format\": \"%s\", ...}), got %s",
                 ARCHSIM_FORMAT, json_type_name(root));
        goto fail;
    }
    m = model_create();
    if (!read_model(root, m, d)) goto fail;
    if (lenient && diag_errors(d) > errors0) goto fail; /* unreadable, not just invalid */
    validate_loaded(m, d, first_diag);
    if (!lenient && diag_errors(d) > errors0) goto fail;
    cJSON_Delete(root);
    free(buf);
    return m;
fail:
    model_destroy(m);
    cJSON_Delete(root);
    free(buf);
    return NULL;
}

Model *model_from_json(const char *text, size_t len, DiagList *d)
{
    return from_json(text, len, d, false);
}

Model *model_from_json_lenient(const char *text, size_t len, DiagList *d)
{
    return from_json(text, len, d, true);
}

static Model *load_file(const char *path, DiagList *d, bool lenient)
{
    ASSERT(d && path);
    if (!d->file) d->file = xstrdup(path);
    size_t len = 0;
    char *text = read_file_max(path, MAX_FILE_BYTES, &len);
    if (!text) {
        struct stat st;
        if (errno == EISDIR)
            diag_add(d, "", "cannot read '%s': it is a folder, not a file", path);
        else if (errno == EFBIG && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            diag_add(d, "", "the file is too large (%jd bytes; at most %zu)", (intmax_t)st.st_size,
                     MAX_FILE_BYTES);
        else if (errno == EFBIG)
            diag_add(d, "", "the file is too large (it goes on past %zu bytes, the most a diagram "
                            "may have; reading stopped there)", MAX_FILE_BYTES);
        else
            diag_add(d, "", "cannot read '%s': %s", path, strerror(errno));
        return NULL;
    }
    Model *m = from_json(text, len, d, lenient);
    free(text);
    return m;
}

Model *model_load_file(const char *path, DiagList *d) { return load_file(path, d, false); }

Model *model_load_file_lenient(const char *path, DiagList *d) { return load_file(path, d, true); }

/* ---- writing ------------------------------------------------------------------------ */

/* A parsed JSON value on one line, keys in their original order. */
static void put_json(StrBuf *b, const cJSON *v)
{
    if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
        bool obj = cJSON_IsObject(v);
        sb_puts(b, obj ? "{" : "[");
        for (const cJSON *c = v->child; c; c = c->next) {
            if (c != v->child) sb_puts(b, ", ");
            if (obj) {
                json_put_string(b, c->string);
                sb_puts(b, ": ");
            }
            put_json(b, c);
        }
        sb_puts(b, obj ? "}" : "]");
    } else if (cJSON_IsString(v)) {
        json_put_string(b, v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        json_put_number(b, v->valuedouble);
    } else if (cJSON_IsTrue(v)) {
        sb_puts(b, "true");
    } else if (cJSON_IsFalse(v)) {
        sb_puts(b, "false");
    } else {
        sb_puts(b, "null");
    }
}

/* Members of one object being written, separated by `sep`. */
typedef struct Out {
    StrBuf *b;
    bool first;
    const char *sep;
} Out;

static void out_key(Out *o, const char *key)
{
    if (!o->first) sb_puts(o->b, o->sep);
    o->first = false;
    json_put_string(o->b, key);
    sb_puts(o->b, ": ");
}

static void put_dist(StrBuf *b, const Dist *dd)
{
    if (dd->kind == DIST_CONSTANT) {
        json_put_number(b, dd->mean);
        return;
    }
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    out_key(&o, "dist");
    json_put_string(b, dist_kind_name(dd->kind));
    for (const FieldDesc *f = schema_dist_fields; f->name; f++) {
        if (!schema_dist_key_applies(dd->kind, f->name)) continue;
        double x = *(const double *)((const char *)dd + f->offset);
        if (strcmp(f->name, "cap") == 0 && x == 0) continue;
        out_key(&o, f->name);
        json_put_number(b, x);
    }
    sb_puts(b, "}");
}

static bool str_same(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static bool field_equal(const FieldDesc *f, const void *x, const void *y)
{
    const char *p = (const char *)x + f->offset, *q = (const char *)y + f->offset;
    switch (f->type) {
    case FT_STRING: return str_same(*(char *const *)p, *(char *const *)q);
    case FT_NUMBER: return *(const double *)p == *(const double *)q;
    case FT_INT:
    case FT_ENUM: return *(const int *)p == *(const int *)q;
    case FT_U64: return *(const uint64_t *)p == *(const uint64_t *)q;
    case FT_BOOL: return *(const bool *)p == *(const bool *)q;
    case FT_DIST: return dist_equal((const Dist *)p, (const Dist *)q);
    case FT_STRLIST: {
        int n = *(const int *)((const char *)x + f->count_offset);
        int m = *(const int *)((const char *)y + f->count_offset);
        if (n != m) return false;
        char *const *a = *(char **const *)p, *const *c = *(char **const *)q;
        for (int i = 0; i < n; i++)
            if (!str_same(a[i], c[i])) return false;
        return true;
    }
    }
    return false;
}

static void put_field(StrBuf *b, const FieldDesc *f, const void *base)
{
    const char *p = (const char *)base + f->offset;
    switch (f->type) {
    case FT_STRING: {
        const char *s = *(char *const *)p;
        json_put_string(b, s ? s : "");
        break;
    }
    case FT_NUMBER: json_put_number(b, *(const double *)p); break;
    case FT_INT: json_put_number(b, *(const int *)p); break;
    case FT_U64: json_put_number(b, (double)*(const uint64_t *)p); break;
    case FT_BOOL: sb_puts(b, *(const bool *)p ? "true" : "false"); break;
    case FT_ENUM: {
        int v = *(const int *)p;
        if (v >= 0 && v < enum_count(f->enum_names))
            json_put_string(b, f->enum_names[v]);
        else
            sb_puts(b, "null");
        break;
    }
    case FT_DIST: put_dist(b, (const Dist *)p); break;
    case FT_STRLIST: {
        int n = *(const int *)((const char *)base + f->count_offset);
        char *const *list = *(char **const *)p;
        sb_puts(b, "[");
        for (int i = 0; i < n; i++) {
            if (i) sb_puts(b, ", ");
            json_put_string(b, list[i] ? list[i] : "");
        }
        sb_puts(b, "]");
        break;
    }
    }
}

/* Decides per row: -1 never write, 0 write when not the default, 1 always write. */
typedef int (*KeepFn)(const FieldDesc *f, const void *base);

/* Writes the rows of `table` that differ from `defaults` (required rows always);
 * for node tables (kind >= 0) only rows that apply to the kind. */
static void put_fields(Out *o, const FieldDesc *table, const void *base, const void *defaults,
                       int kind, KeepFn keep)
{
    for (const FieldDesc *f = table; f->name; f++) {
        if (kind >= 0 && !schema_applies(f, (NodeKind)kind)) continue;
        int k = keep ? keep(f, base) : 0;
        if (k < 0) continue;
        if (k == 0 && !f->required && field_equal(f, base, defaults)) continue;
        out_key(o, f->name);
        put_field(o->b, f, base);
    }
}

static void put_meta(Out *o, const char *meta_json)
{
    if (!meta_json) return;
    cJSON *v = cJSON_Parse(meta_json);
    if (cJSON_IsObject(v)) {
        out_key(o, "meta");
        put_json(o->b, v);
    }
    cJSON_Delete(v);
}

static int keep_requirement(const FieldDesc *f, const void *base)
{
    const Requirement *q = base;
    if (strcmp(f->name, "max") == 0) return q->has_max ? 1 : -1;
    if (strcmp(f->name, "min") == 0) return q->has_min ? 1 : -1;
    return 0;
}

static int keep_event(const FieldDesc *f, const void *base)
{
    const ScenarioEvent *ev = base;
    if ((unsigned)ev->action >= EVENT_ACTION_COUNT) return 0;
    return schema_event_field_applies(ev->action, f->name) ? 0 : -1;
}

static void put_node(StrBuf *b, const Node *n)
{
    int kind = (unsigned)n->kind < NODE_KIND_COUNT ? (int)n->kind : -1;
    Node def;
    node_defaults(kind >= 0 ? n->kind : NODE_SERVICE, &def);
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    put_fields(&o, schema_node_fields, n, &def, kind, NULL);
    if (n->autoscale.enabled) {
        out_key(&o, "autoscale");
        Out oa = {b, true, ", "};
        sb_puts(b, "{");
        put_fields(&oa, schema_autoscale_fields, &n->autoscale, &def.autoscale, -1, NULL);
        sb_puts(b, "}");
    }
    put_meta(&o, n->meta_json);
    sb_puts(b, "}");
}

static void put_edge(StrBuf *b, const Edge *e)
{
    Edge def;
    edge_defaults(&def);
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    put_fields(&o, schema_edge_fields, e, &def, -1, NULL);
    if (e->breaker.enabled) {
        out_key(&o, "circuit_breaker");
        Out ob = {b, true, ", "};
        sb_puts(b, "{");
        put_fields(&ob, schema_breaker_fields, &e->breaker, &def.breaker, -1, NULL);
        sb_puts(b, "}");
    }
    put_meta(&o, e->meta_json);
    sb_puts(b, "}");
}

static void put_request(StrBuf *b, const RequestType *r)
{
    RequestType def;
    request_defaults(&def);
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    put_fields(&o, schema_request_fields, r, &def, -1, NULL);
    put_meta(&o, r->meta_json);
    sb_puts(b, "}");
}

static void put_requirement(StrBuf *b, const Requirement *q)
{
    Requirement def;
    memset(&def, 0, sizeof def);
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    put_fields(&o, schema_requirement_fields, q, &def, -1, keep_requirement);
    sb_puts(b, "}");
}

static void put_event(StrBuf *b, const ScenarioEvent *ev)
{
    ScenarioEvent def;
    event_defaults(&def);
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    put_fields(&o, schema_event_fields, ev, &def, -1, keep_event);
    sb_puts(b, "}");
}

static int keep_envelope(const FieldDesc *f, const void *base)
{
    (void)base;
    return strcmp(f->name, "note") == 0 ? -1 : 0; /* written after the factors */
}

/* {"id": ..., "label": ..., "unit": ..., "factors": [{...}, ...], "note": ...} */
static void put_envelope(StrBuf *b, const EnvelopeItem *it)
{
    EnvelopeItem def;
    memset(&def, 0, sizeof def);
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    put_fields(&o, schema_envelope_fields, it, &def, -1, keep_envelope);
    out_key(&o, "factors");
    sb_puts(b, "[");
    for (int i = 0; i < it->n_factors; i++) {
        EnvelopeFactor fdef;
        memset(&fdef, 0, sizeof fdef);
        Out of = {b, true, ", "};
        sb_puts(b, i ? ", {" : "{");
        put_fields(&of, schema_factor_fields, &it->factors[i], &fdef, -1, NULL);
        sb_puts(b, "}");
    }
    sb_puts(b, "]");
    if (it->note) {
        out_key(&o, "note");
        json_put_string(b, it->note);
    }
    sb_puts(b, "}");
}

typedef void (*PutElem)(StrBuf *b, const void *elem);
static void put_node_v(StrBuf *b, const void *e) { put_node(b, e); }
static void put_edge_v(StrBuf *b, const void *e) { put_edge(b, e); }
static void put_request_v(StrBuf *b, const void *e) { put_request(b, e); }
static void put_requirement_v(StrBuf *b, const void *e) { put_requirement(b, e); }
static void put_event_v(StrBuf *b, const void *e) { put_event(b, e); }
static void put_envelope_v(StrBuf *b, const void *e) { put_envelope(b, e); }

/* An array with one element per line at `indent`, closing bracket one level out. */
static void put_list(StrBuf *b, const void *items, int n, size_t size, PutElem put,
                     const char *indent)
{
    if (n <= 0) {
        sb_puts(b, "[]");
        return;
    }
    sb_puts(b, "[");
    for (int i = 0; i < n; i++) {
        sb_printf(b, "%s\n%s  ", i ? "," : "", indent);
        put(b, (const char *)items + (size_t)i * size);
    }
    sb_printf(b, "\n%s]", indent);
}

static void put_zone_v(StrBuf *b, const void *e)
{
    Zone def;
    memset(&def, 0, sizeof def);
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    put_fields(&o, schema_zone_fields, e, &def, -1, NULL);
    sb_puts(b, "}");
}

static void put_region_latency_v(StrBuf *b, const void *e)
{
    RegionLatency def;
    memset(&def, 0, sizeof def);
    Out o = {b, true, ", "};
    sb_puts(b, "{");
    put_fields(&o, schema_region_latency_fields, e, &def, -1, NULL);
    sb_puts(b, "}");
}

char *model_to_json(const Model *m)
{
    StrBuf b;
    sb_init(&b);
    Out top = {&b, true, ",\n  "};
    sb_puts(&b, "{\n  ");
    out_key(&top, "format");
    json_put_string(&b, ARCHSIM_FORMAT);
    if (m->title) {
        out_key(&top, "title");
        json_put_string(&b, m->title);
    }

    /* The scenario: written only when something differs from an empty model. */
    Model *def = model_create();
    const Scenario *s = &m->scenario;
    StrBuf sc;
    sb_init(&sc);
    Out so = {&sc, true, ",\n    "};
    put_fields(&so, schema_scenario_fields, s, &def->scenario, -1, NULL);
    if (s->n_requests > 0) {
        out_key(&so, "requests");
        put_list(&sc, s->requests, s->n_requests, sizeof *s->requests, put_request_v, "    ");
    }
    if (s->n_requirements > 0) {
        out_key(&so, "requirements");
        put_list(&sc, s->requirements, s->n_requirements, sizeof *s->requirements,
                 put_requirement_v, "    ");
    }
    if (s->n_events > 0) {
        out_key(&so, "events");
        put_list(&sc, s->events, s->n_events, sizeof *s->events, put_event_v, "    ");
    }
    if (s->n_zones > 0) {
        out_key(&so, "zones");
        put_list(&sc, s->zones, s->n_zones, sizeof *s->zones, put_zone_v, "    ");
    }
    if (s->n_region_latency > 0) {
        out_key(&so, "region_latency");
        put_list(&sc, s->region_latency, s->n_region_latency, sizeof *s->region_latency,
                 put_region_latency_v, "    ");
    }
    if (s->n_envelope > 0) {
        out_key(&so, "envelope");
        put_list(&sc, s->envelope, s->n_envelope, sizeof *s->envelope, put_envelope_v, "    ");
    }
    if (s->n_translations > 0) {
        out_key(&so, "translations");
        sb_puts(&sc, "{");
        for (int i = 0; i < s->n_translations; i++) {
            const Translation *t = &s->translations[i];
            Translation tdef;
            memset(&tdef, 0, sizeof tdef);
            sb_printf(&sc, "%s\n      ", i ? "," : "");
            json_put_string(&sc, t->lang ? t->lang : "");
            sb_puts(&sc, ": {");
            Out to = {&sc, true, ", "};
            put_fields(&to, schema_translation_fields, t, &tdef, -1, NULL);
            if (t->n_labels > 0) {
                out_key(&to, "labels");
                sb_puts(&sc, "{");
                for (int k = 0; k < t->n_labels; k++) {
                    if (k) sb_puts(&sc, ", ");
                    json_put_string(&sc, t->labels_en[k]);
                    sb_puts(&sc, ": ");
                    json_put_string(&sc, t->labels[k]);
                }
                sb_puts(&sc, "}");
            }
            if (t->n_envelope > 0) {
                out_key(&to, "envelope");
                sb_puts(&sc, "[");
                for (int k = 0; k < t->n_envelope; k++) {
                    EnvelopeText edef;
                    memset(&edef, 0, sizeof edef);
                    Out oe = {&sc, true, ", "};
                    sb_puts(&sc, k ? ", {" : "{");
                    put_fields(&oe, schema_envelope_text_fields, &t->envelope[k], &edef, -1, NULL);
                    sb_puts(&sc, "}");
                }
                sb_puts(&sc, "]");
            }
            sb_puts(&sc, "}");
        }
        sb_puts(&sc, "\n    }");
    }
    if (sc.len > 0) {
        out_key(&top, "scenario");
        sb_puts(&b, "{\n    ");
        sb_puts(&b, sc.data);
        sb_puts(&b, "\n  }");
    }
    sb_free(&sc);
    model_destroy(def);

    out_key(&top, "nodes");
    put_list(&b, m->nodes, m->n_nodes, sizeof *m->nodes, put_node_v, "  ");
    out_key(&top, "edges");
    put_list(&b, m->edges, m->n_edges, sizeof *m->edges, put_edge_v, "  ");
    put_meta(&top, m->meta_json);
    sb_puts(&b, "\n}\n");
    return sb_take(&b);
}

bool model_save_file(const Model *m, const char *path, DiagList *d)
{
    ASSERT(m && path && d);
    char *text = model_to_json(m);
    bool ok = write_file_atomic(path, text, strlen(text)) == 0;
    if (!ok && (errno == EACCES || errno == EPERM || errno == EROFS)) {
        /* A save writes a new file beside the old one: the folder must be writable. */
        int e = errno;
        const char *slash = strrchr(path, '/');
        char *dir = !slash ? xstrdup(".") : slash == path ? xstrdup("/")
                                                          : xasprintf("%.*s", (int)(slash - path), path);
        diag_add(d, "", "cannot save '%s': cannot write in its folder '%s' (%s); the file is "
                        "unchanged", path, dir, strerror(e));
        free(dir);
    } else if (!ok) {
        diag_add(d, "", "cannot save '%s': %s", path, strerror(errno));
    }
    free(text);
    return ok;
}
