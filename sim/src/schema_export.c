/*
 * schema_export.c - generates the JSON Schema of the diagram file from the field
 * tables, so the published schema, the loader and the docs describe one format.
 *
 * The schema is built as a cJSON tree and printed by a small printer of its own (two
 * spaces, scalar arrays on one line, integers without exponent) so the text is stable
 * whatever cJSON's own print style is.
 */
#include "format_util.h"
#include "sim/schema_export.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/model.h"
#include "sim/schema.h"
#include "sim/util.h"

#define SCHEMA_DRAFT "https://json-schema.org/draft/2020-12/schema"

/* ---- building ----------------------------------------------------------------------- */

static cJSON *obj(cJSON *parent, const char *key)
{
    cJSON *o = cJSON_CreateObject();
    ASSERT(o);
    cJSON_AddItemToObject(parent, key, o);
    return o;
}

static void add_str(cJSON *o, const char *key, const char *s)
{
    ASSERT(cJSON_AddStringToObject(o, key, s));
}

static void add_num(cJSON *o, const char *key, double x)
{
    ASSERT(cJSON_AddNumberToObject(o, key, x));
}

static cJSON *str_array(const char *const *names, int n)
{
    cJSON *a = cJSON_CreateArray();
    ASSERT(a);
    for (int i = 0; (n < 0 || i < n) && names[i]; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(names[i]));
    return a;
}

static cJSON *ref(const char *name)
{
    cJSON *r = cJSON_CreateObject();
    char *s = xasprintf("#/$defs/%s", name);
    add_str(r, "$ref", s);
    free(s);
    return r;
}

static cJSON *dist_value(const Dist *d)
{
    if (d->kind == DIST_CONSTANT) return cJSON_CreateNumber(d->mean);
    cJSON *o = cJSON_CreateObject();
    add_str(o, "dist", dist_kind_name(d->kind));
    for (const FieldDesc *f = schema_dist_fields; f->name; f++) {
        if (!schema_dist_key_applies(d->kind, f->name)) continue;
        double x = *(const double *)((const char *)d + f->offset);
        if (strcmp(f->name, "cap") == 0 && x == 0) continue;
        add_num(o, f->name, x);
    }
    return o;
}

static void add_range(cJSON *s, const FieldDesc *f)
{
    add_num(s, f->min_open ? "exclusiveMinimum" : "minimum", f->min);
    add_num(s, "maximum", f->max);
}

static char *describe(const FieldDesc *f)
{
    if (f->unit && f->unit[0]) return xasprintf("%s Unit: %s.", f->doc, f->unit);
    return xstrdup(f->doc);
}

/* The schema of one field; `defaults` (may be NULL) is the struct holding its default. */
static cJSON *field_schema(const FieldDesc *f, const void *defaults)
{
    cJSON *s = cJSON_CreateObject();
    char *doc = describe(f);
    add_str(s, "description", doc);
    free(doc);
    const char *p = defaults ? (const char *)defaults + f->offset : NULL;
    switch (f->type) {
    case FT_STRING:
        add_str(s, "type", "string");
        if (p && *(char *const *)p) add_str(s, "default", *(char *const *)p);
        break;
    case FT_NUMBER:
        add_str(s, "type", "number");
        add_range(s, f);
        if (p) add_num(s, "default", *(const double *)p);
        break;
    case FT_INT:
        add_str(s, "type", "integer");
        add_range(s, f);
        if (p) add_num(s, "default", *(const int *)p);
        break;
    case FT_U64:
        add_str(s, "type", "integer");
        add_range(s, f);
        if (p) add_num(s, "default", (double)*(const uint64_t *)p);
        break;
    case FT_BOOL:
        add_str(s, "type", "boolean");
        if (p) cJSON_AddBoolToObject(s, "default", *(const bool *)p);
        break;
    case FT_ENUM:
        add_str(s, "type", "string");
        cJSON_AddItemToObject(s, "enum", str_array(f->enum_names, -1));
        if (p) {
            int v = *(const int *)p;
            add_str(s, "default", f->enum_names[v]);
        }
        break;
    case FT_DIST: {
        cJSON *any = cJSON_CreateArray();
        cJSON *num = cJSON_CreateObject();
        add_str(num, "type", "number");
        add_range(num, f);
        cJSON_AddItemToArray(any, num);
        cJSON_AddItemToArray(any, ref("dist"));
        cJSON_AddItemToObject(s, "anyOf", any);
        if (p) cJSON_AddItemToObject(s, "default", dist_value((const Dist *)p));
        break;
    }
    case FT_STRLIST: {
        add_str(s, "type", "array");
        cJSON *items = obj(s, "items");
        add_str(items, "type", "string");
        break;
    }
    }
    return s;
}

/* An object schema of the rows of `table` (node tables: those applying to `kind`). */
static cJSON *object_schema(const char *doc, const FieldDesc *table, const void *defaults,
                            int kind)
{
    cJSON *s = cJSON_CreateObject();
    add_str(s, "description", doc);
    add_str(s, "type", "object");
    cJSON *props = obj(s, "properties");
    cJSON *req = cJSON_CreateArray();
    for (const FieldDesc *f = table; f->name; f++) {
        if (kind >= 0 && !schema_applies(f, (NodeKind)kind)) continue;
        cJSON_AddItemToObject(props, f->name, field_schema(f, defaults));
        if (f->required) cJSON_AddItemToArray(req, cJSON_CreateString(f->name));
    }
    if (cJSON_GetArraySize(req) > 0)
        cJSON_AddItemToObject(s, "required", req);
    else
        cJSON_Delete(req);
    cJSON_AddFalseToObject(s, "additionalProperties");
    return s;
}

static cJSON *props_of(cJSON *s) { return cJSON_GetObjectItemCaseSensitive(s, "properties"); }

static void add_meta_ref(cJSON *s) { cJSON_AddItemToObject(props_of(s), "meta", ref("meta")); }

static cJSON *dist_defs(void)
{
    cJSON *s = cJSON_CreateObject();
    add_str(s, "description",
            "A distribution of a non-negative quantity. Lognormal also needs mean <= p99 <= "
            "14.97 x mean (ln(p99/mean) <= z^2/2, z = 2.326347874); uniform needs min <= max.");
    cJSON *one = cJSON_CreateArray();
    for (int k = 0; k < DIST_KIND_COUNT; k++) {
        cJSON *b = cJSON_CreateObject();
        add_str(b, "type", "object");
        cJSON *props = obj(b, "properties");
        cJSON *kd = obj(props, "dist");
        add_str(kd, "const", dist_kind_name((DistKind)k));
        for (const FieldDesc *f = schema_dist_fields; f->name; f++) {
            if (!schema_dist_key_applies((DistKind)k, f->name)) continue;
            cJSON_AddItemToObject(props, f->name, field_schema(f, NULL));
        }
        const char *req[] = {"dist"};
        cJSON_AddItemToObject(b, "required", str_array(req, 1));
        cJSON_AddFalseToObject(b, "additionalProperties");
        cJSON_AddItemToArray(one, b);
    }
    cJSON_AddItemToObject(s, "oneOf", one);
    return s;
}

static cJSON *event_schema(void)
{
    ScenarioEvent def;
    event_defaults(&def);
    cJSON *s = object_schema("A scheduled failure, traffic surge or slowdown.",
                             schema_event_fields, &def, -1);
    cJSON *all = cJSON_CreateArray();
    for (int a = 0; a < EVENT_ACTION_COUNT; a++) {
        cJSON *rule = cJSON_CreateObject();
        cJSON *ifp = obj(obj(obj(rule, "if"), "properties"), "action");
        add_str(ifp, "const", event_action_name((EventAction)a));
        cJSON *req = cJSON_CreateArray();
        for (const FieldDesc *f = schema_event_fields; f->name; f++)
            if (!schema_event_field_applies((EventAction)a, f->name)) {
                cJSON *r = cJSON_CreateObject();
                const char *one[] = {f->name};
                cJSON_AddItemToObject(r, "required", str_array(one, 1));
                cJSON_AddItemToArray(req, r);
            }
        cJSON *then = obj(rule, "then");
        cJSON *neg = obj(then, "not");
        cJSON_AddItemToObject(neg, "anyOf", req);
        cJSON_AddItemToArray(all, rule);
    }
    cJSON_AddItemToObject(s, "allOf", all);
    return s;
}

static cJSON *build(void)
{
    cJSON *root = cJSON_CreateObject();
    ASSERT(root);
    add_str(root, "$schema", SCHEMA_DRAFT);
    add_str(root, "$id", "urn:archsim:format:archsim-1");
    add_str(root, "title", "archsim diagram file, format " ARCHSIM_FORMAT);
    add_str(root, "description",
            "A system-design diagram and its scenario. Generated from sim/src/schema.c by "
            "schema_json_schema(); see docs/format.md for the meaning of every field.");
    add_str(root, "type", "object");
    const char *req[] = {"format"};
    cJSON_AddItemToObject(root, "required", str_array(req, 1));
    cJSON *props = obj(root, "properties");
    cJSON *fmt = obj(props, "format");
    add_str(fmt, "description", "Format version; this version of archsim reads only this one.");
    add_str(fmt, "const", ARCHSIM_FORMAT);
    cJSON *title = obj(props, "title");
    add_str(title, "description", "Title of the diagram.");
    add_str(title, "type", "string");
    cJSON_AddItemToObject(props, "scenario", ref("scenario"));
    cJSON *nodes = obj(props, "nodes");
    add_str(nodes, "type", "array");
    cJSON_AddItemToObject(nodes, "items", ref("node"));
    cJSON *edges = obj(props, "edges");
    add_str(edges, "type", "array");
    cJSON_AddItemToObject(edges, "items", ref("edge"));
    cJSON_AddItemToObject(props, "meta", ref("meta"));
    cJSON_AddFalseToObject(root, "additionalProperties");

    cJSON *defs = obj(root, "$defs");
    cJSON *meta = obj(defs, "meta");
    add_str(meta, "description",
            "Free-form data for other tools, kept verbatim on load and save (any keys).");
    add_str(meta, "type", "object");
    cJSON_AddItemToObject(defs, "dist", dist_defs());

    Model *m = model_create();
    cJSON *scen = object_schema("Traffic, requirements and scheduled events.",
                                schema_scenario_fields, &m->scenario, -1);
    model_destroy(m);
    cJSON *sp = props_of(scen);
    cJSON *rq = obj(sp, "requests");
    add_str(rq, "type", "array");
    cJSON_AddItemToObject(rq, "items", ref("request"));
    cJSON *rm = obj(sp, "requirements");
    add_str(rm, "type", "array");
    cJSON_AddItemToObject(rm, "items", ref("requirement"));
    cJSON *ev = obj(sp, "events");
    add_str(ev, "type", "array");
    cJSON_AddItemToObject(ev, "items", ref("event"));
    cJSON *zs = obj(sp, "zones");
    add_str(zs, "description", "Zones (availability zones, datacenters) and their regions; nodes "
                               "name them in zone or zones (see docs/semantics.md).");
    add_str(zs, "type", "array");
    cJSON_AddItemToObject(zs, "items", object_schema("A zone of a region.", schema_zone_fields, NULL, -1));
    cJSON *rl = obj(sp, "region_latency");
    add_str(rl, "description", "One-way latency between two regions, either direction.");
    add_str(rl, "type", "array");
    cJSON_AddItemToObject(rl, "items", object_schema("Two regions and the latency between them.",
                                                     schema_region_latency_fields, NULL, -1));
    cJSON *en = obj(sp, "envelope");
    add_str(en, "description",
            "The back-of-the-envelope sheet: quantities whose expected value is the product of "
            "their factors (see docs/envelope.md).");
    add_str(en, "type", "array");
    add_num(en, "maxItems", ENVELOPE_MAX_ITEMS);
    cJSON_AddItemToObject(en, "items", ref("envelope_item"));
    cJSON *tr = obj(sp, "translations");
    add_str(tr, "description",
            "The human text in other languages, one member per language code (\"ru\", "
            "\"uk\", \"pt-BR\"; not \"en\"): title, prompt, hints, labels and the envelope's words.");
    add_str(tr, "type", "object");
    cJSON *names = obj(tr, "propertyNames");
    add_str(names, "pattern", "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$");
    cJSON_AddItemToObject(tr, "additionalProperties", ref("translation"));
    cJSON_AddItemToObject(defs, "scenario", scen);
    cJSON *trd = object_schema("A scenario's title, prompt, hints, labels and envelope in one language.",
                               schema_translation_fields, NULL, -1);
    cJSON *tl = obj(props_of(trd), "labels");
    add_str(tl, "description",
            "The text shown for nodes' and edges' labels in this language: each member's name is "
            "an English label, its value the text shown for it on every node and edge that has it "
            "(absent = the English label).");
    add_str(tl, "type", "object");
    cJSON *tlv = obj(tl, "additionalProperties");
    add_str(tlv, "type", "string");
    add_num(tlv, "minLength", 1);
    cJSON *tln = obj(tl, "propertyNames");
    add_num(tln, "minLength", 1);
    cJSON *te = obj(props_of(trd), "envelope");
    add_str(te, "description",
            "The words of scenario.envelope in this language: one entry per quantity, in the "
            "same order (absent = the English sheet).");
    add_str(te, "type", "array");
    add_num(te, "maxItems", ENVELOPE_MAX_ITEMS);
    cJSON_AddItemToObject(te, "items", ref("envelope_text"));
    cJSON_AddItemToObject(defs, "translation", trd);
    cJSON *etd = object_schema("One envelope quantity's words in a language; the numbers are "
                               "the English quantity's.",
                               schema_envelope_text_fields, NULL, -1);
    cJSON *efs = cJSON_GetObjectItemCaseSensitive(props_of(etd), "factors");
    add_num(efs, "maxItems", ENVELOPE_MAX_FACTORS);
    cJSON_AddItemToObject(defs, "envelope_text", etd);

    cJSON *item = object_schema("A back-of-the-envelope quantity.", schema_envelope_fields, NULL, -1);
    cJSON *idp = cJSON_GetObjectItemCaseSensitive(props_of(item), "id");
    char *pattern = xasprintf("^[a-z0-9_]{1,%d}$", ENVELOPE_ID_MAX);
    add_str(idp, "pattern", pattern);
    free(pattern);
    cJSON *fs = obj(props_of(item), "factors");
    add_str(fs, "description", "The numbers whose product (divide: quotient) is the expected value.");
    add_str(fs, "type", "array");
    add_num(fs, "minItems", 1);
    add_num(fs, "maxItems", ENVELOPE_MAX_FACTORS);
    cJSON_AddItemToObject(fs, "items", ref("envelope_factor"));
    cJSON *ireq = cJSON_GetObjectItemCaseSensitive(item, "required");
    cJSON_AddItemToArray(ireq, cJSON_CreateString("factors"));
    cJSON_AddItemToObject(defs, "envelope_item", item);
    cJSON *fac = object_schema("One factor of an envelope quantity: a number and what it counts.",
                               schema_factor_fields, NULL, -1);
    cJSON *dv = cJSON_GetObjectItemCaseSensitive(props_of(fac), "divide");
    cJSON_AddFalseToObject(dv, "default");
    cJSON_AddItemToObject(defs, "envelope_factor", fac);

    RequestType rdef;
    request_defaults(&rdef);
    cJSON *r = object_schema("A request type: who sends it and at what rate.",
                             schema_request_fields, &rdef, -1);
    add_meta_ref(r);
    cJSON_AddItemToObject(defs, "request", r);

    cJSON *q = object_schema("A pass/fail requirement on a metric; needs max, min or both.",
                             schema_requirement_fields, NULL, -1);
    cJSON *any = cJSON_CreateArray();
    const char *mx[] = {"max"}, *mn[] = {"min"};
    cJSON *a1 = cJSON_CreateObject(), *a2 = cJSON_CreateObject();
    cJSON_AddItemToObject(a1, "required", str_array(mx, 1));
    cJSON_AddItemToObject(a2, "required", str_array(mn, 1));
    cJSON_AddItemToArray(any, a1);
    cJSON_AddItemToArray(any, a2);
    cJSON_AddItemToObject(q, "anyOf", any);
    cJSON_AddItemToObject(defs, "requirement", q);
    cJSON_AddItemToObject(defs, "event", event_schema());

    cJSON *node = obj(defs, "node");
    add_str(node, "description", "A component; which fields it takes depends on its kind.");
    cJSON *one = cJSON_CreateArray();
    for (int k = 0; k < NODE_KIND_COUNT; k++) {
        char *name = xasprintf("node_%s", node_kind_name((NodeKind)k));
        cJSON_AddItemToArray(one, ref(name));
        Node def;
        node_defaults((NodeKind)k, &def);
        cJSON *ks = object_schema(schema_kind_doc((NodeKind)k), schema_node_fields, &def, k);
        cJSON *kp = cJSON_GetObjectItemCaseSensitive(props_of(ks), "kind");
        cJSON_DeleteItemFromObjectCaseSensitive(kp, "enum");
        cJSON_DeleteItemFromObjectCaseSensitive(kp, "default");
        add_str(kp, "const", node_kind_name((NodeKind)k));
        if (k == NODE_SERVICE || k == NODE_CACHE || k == NODE_CDN)
            cJSON_AddItemToObject(props_of(ks), "autoscale", ref("autoscale"));
        add_meta_ref(ks);
        cJSON_AddItemToObject(defs, name, ks);
        free(name);
    }
    cJSON_AddItemToObject(node, "oneOf", one);
    Node sdef;
    node_defaults(NODE_SERVICE, &sdef);
    cJSON *as = object_schema("Target tracking: present = enabled; {} uses the defaults. A "
                              "service, or a cache or cdn with hit_ratio only.",
                              schema_autoscale_fields, &sdef.autoscale, -1);
    cJSON_AddItemToObject(defs, "autoscale", as);

    Edge edef;
    edge_defaults(&edef);
    cJSON *e = object_schema("A call from one node to another.", schema_edge_fields, &edef, -1);
    cJSON_AddItemToObject(props_of(e), "circuit_breaker", ref("circuit_breaker"));
    add_meta_ref(e);
    cJSON_AddItemToObject(defs, "edge", e);
    cJSON *cb = object_schema("Present = enabled; {} uses the defaults.", schema_breaker_fields,
                              &edef.breaker, -1);
    cJSON_AddItemToObject(defs, "circuit_breaker", cb);
    return root;
}

/* ---- printing ------------------------------------------------------------------------ */

static bool scalar_array(const cJSON *v)
{
    if (!cJSON_IsArray(v)) return false;
    for (const cJSON *c = v->child; c; c = c->next)
        if (cJSON_IsObject(c) || cJSON_IsArray(c)) return false;
    return true;
}

static void put(StrBuf *b, const cJSON *v, int depth)
{
    if (cJSON_IsString(v)) {
        json_put_string(b, v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        json_put_number(b, v->valuedouble);
    } else if (cJSON_IsBool(v)) {
        sb_puts(b, cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsNull(v)) {
        sb_puts(b, "null");
    } else if (!v->child) {
        sb_puts(b, cJSON_IsObject(v) ? "{}" : "[]");
    } else if (scalar_array(v)) {
        sb_puts(b, "[");
        for (const cJSON *c = v->child; c; c = c->next) {
            if (c != v->child) sb_puts(b, ", ");
            put(b, c, depth + 1);
        }
        sb_puts(b, "]");
    } else {
        bool is_obj = cJSON_IsObject(v);
        sb_puts(b, is_obj ? "{" : "[");
        for (const cJSON *c = v->child; c; c = c->next) {
            sb_printf(b, "%s\n%*s", c == v->child ? "" : ",", 2 * (depth + 1), "");
            if (is_obj) {
                json_put_string(b, c->string);
                sb_puts(b, ": ");
            }
            put(b, c, depth + 1);
        }
        sb_printf(b, "\n%*s%s", 2 * depth, "", is_obj ? "}" : "]");
    }
}

char *schema_json_schema(void)
{
    cJSON *root = build();
    StrBuf b;
    sb_init(&b);
    put(&b, root, 0);
    sb_puts(&b, "\n");
    cJSON_Delete(root);
    return sb_take(&b);
}
