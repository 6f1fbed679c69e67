/*
 * drawio.c - draw.io / diagrams.net files (mxGraph XML) written from and read into a
 * diagram, with libxml2 (parsing, writing, the HTML of labels, URI unescaping) and zlib
 * (the deflate of compressed diagrams).
 *
 * Written: an uncompressed <mxfile> with one <diagram> holding an <mxGraphModel>: each
 * node an <object> (its label, its archsim fields as JSON in the attribute "archsim")
 * around a vertex <mxCell> with a style per kind and its geometry; each edge an <object>
 * around an edge cell whose source and target are the node cells; annotations as plain
 * cells marked archsimAnnotation=1 in their style; the title a text cell carrying the
 * scenario. draw.io keeps custom attributes and unknown style keys through edits, so the
 * round trip is exact.
 *
 * Read: the first page of an <mxfile> (compressed: base64 of raw deflate of the
 * URI-encoded XML, as draw.io writes it) or a bare <mxGraphModel>. Vertices become
 * nodes (kind from archsim's data, else the label's words, else the style's words: AWS,
 * GCP, Azure and generic shapes), edges between them edges, containers and text
 * annotations, everything else is reported.
 */
#include <ctype.h>
#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "sim/import.h"
#include "format_util.h"
#include "sim/look.h"
#include "sim/model_json.h"
#include "sim/tr.h"
#include "sim/util.h"

#define INFLATE_MAX (64u << 20) /* a compressed diagram inflates to at most this */

/* ---- writing -------------------------------------------------------------------------- */

static const xmlChar *X(const char *s) { return (const xmlChar *)s; }

/* s without the control characters XML 1.0 cannot hold (all but tab, newline, return).
 * Caller frees. */
static char *xml_safe(const char *s)
{
    char *o = xstrdup(s ? s : ""), *w = o;
    for (const char *p = o; *p; p++)
        if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r') *w++ = *p;
    *w = 0;
    return o;
}

/* An attribute whose value is free text, made XML-safe. */
static void text_prop(xmlNodePtr n, const char *key, const char *value)
{
    char *v = xml_safe(value);
    xmlNewProp(n, (const xmlChar *)key, (const xmlChar *)v);
    free(v);
}

static void prop_num(xmlNodePtr n, const char *key, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", v);
    /* the shortest form that reads back the same */
    for (int prec = 1; prec <= 17; prec++) {
        char t[64];
        snprintf(t, sizeof t, "%.*g", prec, v);
        if (strtod(t, NULL) == v) {
            memcpy(buf, t, strlen(t) + 1);
            break;
        }
    }
    xmlNewProp(n, X(key), X(buf));
}

static xmlNodePtr geometry(xmlNodePtr cell, double x, double y, double w, double h)
{
    xmlNodePtr g = xmlNewChild(cell, NULL, X("mxGeometry"), NULL);
    prop_num(g, "x", x);
    prop_num(g, "y", y);
    prop_num(g, "width", w);
    prop_num(g, "height", h);
    xmlNewProp(g, X("as"), X("geometry"));
    return g;
}

static void set_json(xmlNodePtr n, const char *key, cJSON *v)
{
    char *s = json_print_exact(v, false);
    xmlNewProp(n, X(key), X(s));
    cJSON_free(s);
}

static const char *kind_shape(NodeKind k)
{
    switch (k) {
    case NODE_DATABASE: return "shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=8;";
    case NODE_CLIENT: return "ellipse;";
    case NODE_QUEUE: return "shape=process;";
    case NODE_LOAD_BALANCER: return "shape=hexagon;perimeter=hexagonPerimeter2;size=0.1;";
    default: return "rounded=1;";
    }
}

char *export_drawio(const Model *m)
{
    char *json = model_to_json(m);
    cJSON *doc = cJSON_Parse(json);
    free(json);
    xmlDocPtr x = xmlNewDoc(X("1.0"));
    xmlNodePtr file = xmlNewNode(NULL, X("mxfile"));
    xmlDocSetRootElement(x, file);
    xmlNewProp(file, X("host"), X("archsim"));
    xmlNewProp(file, X("agent"), X("archsim " ARCHSIM_VERSION));
    xmlNodePtr dia = xmlNewChild(file, NULL, X("diagram"), NULL);
    xmlNewProp(dia, X("id"), X("archsim"));
    text_prop(dia, "name", m->title && *m->title ? m->title : "Page-1");
    xmlNodePtr gm = xmlNewChild(dia, NULL, X("mxGraphModel"), NULL);
    static const char *const gm_props[][2] = {{"grid", "1"}, {"gridSize", "20"}, {"guides", "1"},
                                              {"tooltips", "1"}, {"connect", "1"}, {"arrows", "1"},
                                              {"fold", "1"}, {"page", "0"}, {"pageScale", "1"},
                                              {"math", "0"}, {"shadow", "0"}};
    for (size_t i = 0; i < sizeof gm_props / sizeof *gm_props; i++) xmlNewProp(gm, X(gm_props[i][0]), X(gm_props[i][1]));
    xmlNodePtr root = xmlNewChild(gm, NULL, X("root"), NULL);
    xmlNewProp(xmlNewChild(root, NULL, X("mxCell"), NULL), X("id"), X("0"));
    xmlNodePtr layer = xmlNewChild(root, NULL, X("mxCell"), NULL);
    xmlNewProp(layer, X("id"), X("1"));
    xmlNewProp(layer, X("parent"), X("0"));

    /* the title and the scenario */
    double min_x = 0, min_y = 0;
    for (int i = 0; i < m->n_nodes; i++) {
        if (i == 0 || m->nodes[i].x < min_x) min_x = m->nodes[i].x;
        if (i == 0 || m->nodes[i].y < min_y) min_y = m->nodes[i].y;
    }
    cJSON *head = cJSON_CreateObject();
    cJSON_AddStringToObject(head, "format", ARCHSIM_FORMAT);
    if (m->title) cJSON_AddStringToObject(head, "title", m->title);
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(doc, "scenario");
    if (sc) cJSON_AddItemToObject(head, "scenario", cJSON_Duplicate(sc, 1));
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(doc, "meta");
    if (cJSON_IsObject(meta)) {
        cJSON *rest = cJSON_Duplicate(meta, 1);
        cJSON_DeleteItemFromObjectCaseSensitive(rest, "annotations");
        if (rest->child)
            cJSON_AddItemToObject(head, "meta", rest);
        else
            cJSON_Delete(rest);
    }
    xmlNodePtr obj = xmlNewChild(root, NULL, X("object"), NULL);
    xmlNewProp(obj, X("id"), X("archsim-title"));
    text_prop(obj, "label", m->title ? m->title : "");
    set_json(obj, "archsim", head);
    cJSON_Delete(head);
    xmlNodePtr cell = xmlNewChild(obj, NULL, X("mxCell"), NULL);
    xmlNewProp(cell, X("style"), X("text;fontSize=20;fontStyle=1;align=left;verticalAlign=top;"));
    xmlNewProp(cell, X("vertex"), X("1"));
    xmlNewProp(cell, X("parent"), X("1"));
    geometry(cell, min_x, min_y - 60, 400, 30);

    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(doc, "nodes");
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        /* ids through text_prop too: the validator refuses control characters in them, but an
         * import keeps such a drawing open for review, and its export must stay XML */
        char *id = xasprintf("node:%s", n->id);
        char *text = xasprintf("%s\n%s", n->label ? n->label : n->id, node_kind_name(n->kind));
        obj = xmlNewChild(root, NULL, X("object"), NULL);
        text_prop(obj, "id", id);
        text_prop(obj, "label", text);
        cJSON *data = cJSON_Duplicate(cJSON_GetArrayItem(nodes, i), 1);
        cJSON_DeleteItemFromObjectCaseSensitive(data, "x");
        cJSON_DeleteItemFromObjectCaseSensitive(data, "y");
        set_json(obj, "archsim", data);
        cJSON_Delete(data);
        uint32_t c = look_kind_rgb(n->kind), light = 0;
        for (int k = 0; k < 3; k++) {
            uint32_t ch = (c >> (8 * k)) & 0xFF;
            light |= (ch + (255 - ch) * 85 / 100) << (8 * k);
        }
        char *style = xasprintf("%swhiteSpace=wrap;fillColor=#%06X;strokeColor=#%06X;archsimKind=%s;",
                                kind_shape(n->kind), (unsigned)light, (unsigned)c, node_kind_name(n->kind));
        cell = xmlNewChild(obj, NULL, X("mxCell"), NULL);
        xmlNewProp(cell, X("style"), X(style));
        xmlNewProp(cell, X("vertex"), X("1"));
        xmlNewProp(cell, X("parent"), X("1"));
        geometry(cell, n->x, n->y, LOOK_NODE_W, LOOK_NODE_H);
        free(style);
        free(text);
        free(id);
    }
    const cJSON *edges = cJSON_GetObjectItemCaseSensitive(doc, "edges");
    for (int k = 0; k < m->n_edges; k++) {
        const Edge *e = &m->edges[k];
        if (model_find_node(m, e->from) < 0 || model_find_node(m, e->to) < 0) continue;
        char *id = xasprintf("edge:%d", k), *src = xasprintf("node:%s", e->from), *dst = xasprintf("node:%s", e->to);
        obj = xmlNewChild(root, NULL, X("object"), NULL);
        xmlNewProp(obj, X("id"), X(id));
        text_prop(obj, "label", e->label ? e->label : "");
        cJSON *data = cJSON_Duplicate(cJSON_GetArrayItem(edges, k), 1);
        set_json(obj, "archsim", data);
        cJSON_Delete(data);
        cell = xmlNewChild(obj, NULL, X("mxCell"), NULL);
        xmlNewProp(cell, X("style"), X(e->mode == EDGE_ASYNC ? "endArrow=classic;html=0;dashed=1;strokeColor=#6B7280;"
                                                               : "endArrow=classic;html=0;strokeColor=#6B7280;"));
        xmlNewProp(cell, X("edge"), X("1"));
        xmlNewProp(cell, X("parent"), X("1"));
        text_prop(cell, "source", src);
        text_prop(cell, "target", dst);
        xmlNodePtr g = xmlNewChild(cell, NULL, X("mxGeometry"), NULL);
        xmlNewProp(g, X("relative"), X("1"));
        xmlNewProp(g, X("as"), X("geometry"));
        free(id);
        free(src);
        free(dst);
    }
    const cJSON *ann = cJSON_GetObjectItemCaseSensitive(meta, "annotations");
    const cJSON *a;
    int k = 0;
    cJSON_ArrayForEach(a, ann)
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "type"), *tx = cJSON_GetObjectItemCaseSensitive(a, "text");
        const char *type = cJSON_IsString(t) ? t->valuestring : "text";
        double v[4];
        static const char *const keys[4] = {"x", "y", "w", "h"};
        for (int q = 0; q < 4; q++) {
            const cJSON *num = cJSON_GetObjectItemCaseSensitive(a, keys[q]);
            v[q] = cJSON_IsNumber(num) && isfinite(num->valuedouble) ? num->valuedouble : 0;
        }
        char id[40];
        snprintf(id, sizeof id, "annotation:%d", k++);
        cell = xmlNewChild(root, NULL, X("mxCell"), NULL);
        xmlNewProp(cell, X("id"), X(id));
        text_prop(cell, "value", cJSON_IsString(tx) ? tx->valuestring : "");
        bool line = strcmp(type, "line") == 0 || strcmp(type, "arrow") == 0;
        char *style = xasprintf("%sarchsimAnnotation=%s;",
                                strcmp(type, "text") == 0       ? "text;align=left;verticalAlign=top;"
                                : strcmp(type, "ellipse") == 0  ? "ellipse;fillColor=none;"
                                : strcmp(type, "diamond") == 0  ? "rhombus;fillColor=none;"
                                : strcmp(type, "arrow") == 0    ? "endArrow=classic;"
                                : strcmp(type, "line") == 0     ? "endArrow=none;"
                                                                : "rounded=0;fillColor=none;dashed=1;",
                                type);
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a, "fill"))) { /* a faint grey, as the board */
            char *f = strstr(style, "fillColor=none;");
            if (f) {
                char *filled = xasprintf("%.*sfillColor=#f1f3f5;%s", (int)(f - style), style, f + 15);
                free(style);
                style = filled;
            }
        }
        xmlNewProp(cell, X("style"), X(style));
        free(style);
        xmlNewProp(cell, X(line ? "edge" : "vertex"), X("1"));
        xmlNewProp(cell, X("parent"), X("1"));
        if (line) {
            xmlNodePtr g = xmlNewChild(cell, NULL, X("mxGeometry"), NULL);
            xmlNewProp(g, X("relative"), X("1"));
            xmlNewProp(g, X("as"), X("geometry"));
            xmlNodePtr p0 = xmlNewChild(g, NULL, X("mxPoint"), NULL), p1 = xmlNewChild(g, NULL, X("mxPoint"), NULL);
            prop_num(p0, "x", v[0]);
            prop_num(p0, "y", v[1]);
            xmlNewProp(p0, X("as"), X("sourcePoint"));
            prop_num(p1, "x", v[0] + v[2]);
            prop_num(p1, "y", v[1] + v[3]);
            xmlNewProp(p1, X("as"), X("targetPoint"));
        } else {
            geometry(cell, v[0], v[1], v[2], v[3]);
        }
    }
    xmlChar *buf = NULL;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(x, &buf, &size, "UTF-8", 1);
    char *out = xmalloc((size_t)size + 1);
    memcpy(out, buf, (size_t)size);
    out[size] = 0;
    xmlFree(buf);
    xmlFreeDoc(x);
    cJSON_Delete(doc);
    return out;
}

/* ---- reading: bytes to a graph model --------------------------------------------------- */

static int b64_value(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Base64 (whitespace ignored, padding optional). NULL and *bad = offset on a bad char. */
static unsigned char *b64_decode(const char *s, size_t *out_len, size_t *bad)
{
    size_t n = strlen(s), o = 0;
    unsigned char *out = xmalloc(n / 4 * 3 + 4);
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (isspace(c)) continue;
        if (c == '=') break;
        int v = b64_value(c);
        if (v < 0) {
            *bad = i;
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    *out_len = o;
    return out;
}

/* Raw deflate (no zlib header), as draw.io's pako.deflateRaw writes it. */
static char *inflate_raw(const unsigned char *in, size_t len, size_t *out_len, const char **why)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -15) != Z_OK) {
        *why = "zlib could not start";
        return NULL;
    }
    size_t cap = len * 4 + 1024, used = 0;
    char *out = xmalloc(cap + 1);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)len;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (used == cap) {
            if (cap >= INFLATE_MAX) {
                *why = "it inflates to more than 64 MB";
                rc = Z_MEM_ERROR;
                break;
            }
            cap *= 2;
            out = xrealloc(out, cap + 1);
        }
        z.next_out = (Bytef *)out + used;
        z.avail_out = (uInt)(cap - used);
        rc = inflate(&z, Z_NO_FLUSH);
        used = cap - z.avail_out;
        if (rc == Z_BUF_ERROR && z.avail_in == 0) {
            *why = "the compressed data ends early";
            break;
        }
        if (rc == Z_BUF_ERROR) rc = Z_OK;
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
        if (rc == Z_DATA_ERROR) *why = z.msg ? z.msg : "not deflate data";
        free(out);
        return NULL;
    }
    out[used] = 0;
    *out_len = used;
    return out;
}

static xmlDocPtr parse_xml(const char *data, size_t len, const char *what, DiagList *d)
{
    if (len > INT_MAX) {
        diag_add(d, what, _("too large"));
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return NULL;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[300] = "";
        if (e && e->message) snprintf(msg, sizeof msg, "%s", e->message);
        size_t l = strlen(msg);
        while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' ')) msg[--l] = 0;
        if (what[0])
            diag_add(d, what, _("not well-formed XML at line %d, column %d of it: %s"), e ? e->line : 0, e ? e->int2 : 0,
                     msg);
        else
            diag_add_at(d, e ? e->line : 0, e ? e->int2 : 0, _("not well-formed XML: %s (a draw.io file is XML: <mxfile> or <mxGraphModel>)"), msg);
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (doc->intSubset || doc->extSubset) {
        diag_add(d, what, _("a DTD (<!DOCTYPE ...>) is not allowed in a draw.io file: its entities could expand without bound"));
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

static bool is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, X(name)) == 0;
}

static xmlNodePtr child(const xmlNode *n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name)) return c;
    return NULL;
}

/* ---- reading: cells --------------------------------------------------------------------- */

typedef struct Cell {
    char *id, *value, *style, *parent, *source, *target, *archsim;
    bool vertex, edge;
    double x, y, w, h;         /* geometry, relative to the parent */
    double ax, ay;             /* absolute */
    bool has_sp, has_tp;       /* edges: loose end points */
    double sx, sy, tx, ty;
    int line;                  /* in the XML */
    int node;                  /* the node made from it, or -1 */
    bool used, container, annotation;
    int parent_cell;
    struct Kept {     /* kept as an annotation: added in cell order at the end */
        char *type, *text;
        double x, y, w, h;
        bool fill;    /* a shape with a fill colour (not none, not white) */
    } ann;
} Cell;

static void keep(struct Kept *k, const char *type, const char *text, double x, double y, double w, double h)
{
    k->type = xstrdup(type);
    k->text = xstrdup(text);
    k->x = x;
    k->y = y;
    k->w = w;
    k->h = h;
}

static char *prop(const xmlNode *n, const char *key)
{
    xmlChar *v = xmlGetProp(n, X(key));
    char *s = v ? xstrdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static double num_prop(const xmlNode *n, const char *key)
{
    char *s = prop(n, key);
    double v = s ? strtod(s, NULL) : 0;
    free(s);
    return isfinite(v) ? v : 0;
}

/* The text of a label: plain, or (style html=1) the HTML's text (import_html_text). */
static char *label_text(const char *value, const char *style)
{
    if (!value) return xstrdup("");
    if (!style || !strstr(style, "html=1") || !strpbrk(value, "<&")) return xstrdup(value);
    return import_html_text(value);
}

static void cell_free(Cell *c)
{
    free(c->ann.type);
    free(c->ann.text);
    free(c->id);
    free(c->value);
    free(c->style);
    free(c->parent);
    free(c->source);
    free(c->target);
    free(c->archsim);
}

static bool style_has(const char *style, const char *key)
{
    if (!style) return false;
    size_t n = strlen(key);
    for (const char *p = style; p && *p; p = strchr(p, ';'), p = p ? p + 1 : NULL)
        if (strncmp(p, key, n) == 0 && (p[n] == ';' || p[n] == 0 || p[n] == '=')) return true;
    return false;
}

/* The value of key=value in a style, copied, or NULL. */
static char *style_value(const char *style, const char *key)
{
    if (!style) return NULL;
    size_t n = strlen(key);
    for (const char *p = style; p && *p; p = strchr(p, ';'), p = p ? p + 1 : NULL)
        if (strncmp(p, key, n) == 0 && p[n] == '=') {
            size_t l = strcspn(p + n + 1, ";");
            char *v = xmalloc(l + 1);
            memcpy(v, p + n + 1, l);
            v[l] = 0;
            return v;
        }
    return NULL;
}

static void read_cell(xmlNodePtr obj, xmlNodePtr mx, Cell *c)
{
    memset(c, 0, sizeof *c);
    c->node = c->parent_cell = -1;
    c->line = (int)xmlGetLineNo(obj);
    c->id = prop(obj, "id");
    c->value = obj != mx ? prop(obj, "label") : prop(mx, "value");
    c->archsim = obj != mx ? prop(obj, "archsim") : NULL;
    if (!mx) return;
    c->style = prop(mx, "style");
    c->parent = prop(mx, "parent");
    c->source = prop(mx, "source");
    c->target = prop(mx, "target");
    char *v = prop(mx, "vertex"), *e = prop(mx, "edge");
    c->vertex = v && strcmp(v, "1") == 0;
    c->edge = e && strcmp(e, "1") == 0;
    free(v);
    free(e);
    xmlNodePtr g = child(mx, "mxGeometry");
    if (g) {
        c->x = num_prop(g, "x");
        c->y = num_prop(g, "y");
        c->w = fabs(num_prop(g, "width"));
        c->h = fabs(num_prop(g, "height"));
        for (xmlNodePtr p = g->children; p; p = p->next) {
            if (!is(p, "mxPoint")) continue;
            char *as = prop(p, "as");
            if (as && strcmp(as, "sourcePoint") == 0) c->has_sp = true, c->sx = num_prop(p, "x"), c->sy = num_prop(p, "y");
            if (as && strcmp(as, "targetPoint") == 0) c->has_tp = true, c->tx = num_prop(p, "x"), c->ty = num_prop(p, "y");
            free(as);
        }
    }
}

static int find_cell(const Cell *c, int n, const char *id)
{
    if (!id) return -1;
    for (int i = 0; i < n; i++)
        if (c[i].id && strcmp(c[i].id, id) == 0) return i;
    return -1;
}

static void where(char *buf, size_t cap, const Cell *c)
{
    snprintf(buf, cap, "line %d (mxCell \"%.40s\")", c->line, c->id ? c->id : "?");
}

/* The vertex an edge's loose end point lies in (absolute coordinates), or -1. */
static int cell_at(const Cell *c, int n, double x, double y)
{
    int best = -1;
    double area = 0;
    for (int i = 0; i < n; i++) {
        if (c[i].node < 0) continue;
        if (x >= c[i].ax - 12 && x <= c[i].ax + c[i].w + 12 && y >= c[i].ay - 12 && y <= c[i].ay + c[i].h + 12)
            if (best < 0 || c[i].w * c[i].h < area) best = i, area = c[i].w * c[i].h;
    }
    return best;
}

static bool read_model_cells(xmlNodePtr gm, ImportResult *r, DiagList *d);

bool import_drawio(const char *data, size_t len, ImportResult *r, DiagList *d)
{
    r->format = IMPORT_DRAWIO;
    xmlDocPtr doc = parse_xml(data, len, "", d);
    if (!doc) return false;
    xmlNodePtr top = xmlDocGetRootElement(doc), gm = NULL;
    xmlDocPtr inner = NULL;
    bool ok = false;
    if (is(top, "mxGraphModel")) {
        gm = top;
    } else if (is(top, "mxfile")) {
        xmlNodePtr dia = child(top, "diagram");
        if (!dia) {
            diag_add_at(d, (int)xmlGetLineNo(top), 0, _("<mxfile> has no <diagram> page"));
            goto out;
        }
        int pages = 0;
        for (xmlNodePtr c = top->children; c; c = c->next) pages += is(c, "diagram");
        for (xmlNodePtr c = dia->next; c; c = c->next)
            if (is(c, "diagram")) {
                char w[60], *name = prop(c, "name");
                snprintf(w, sizeof w, _("line %d"), (int)xmlGetLineNo(c));
                import_note(r, NOTE_NOT_KEPT, NULL, w, _("page \"%s\": only the first of the %d pages is read"),
                            name ? name : "?", pages);
                free(name);
            }
        gm = child(dia, "mxGraphModel");
        if (!gm) { /* compressed: base64 of raw deflate of the URI-encoded XML */
            xmlChar *t = xmlNodeGetContent(dia);
            char where_dia[60];
            snprintf(where_dia, sizeof where_dia, "line %d (<diagram>)", (int)xmlGetLineNo(dia));
            size_t raw_len = 0, bad = 0, xml_len = 0;
            bool empty = !t || !*t;
            unsigned char *raw = empty ? NULL : b64_decode((const char *)t, &raw_len, &bad); /* "" held 4 bytes */
            xmlFree(t);
            if (empty) {
                diag_add(d, where_dia, _("the page is empty: no <mxGraphModel> and no compressed diagram"));
                goto out;
            }
            if (!raw) {
                diag_add(d, where_dia, _("the compressed diagram is not base64 (a bad character at offset %zu)"), bad);
                goto out;
            }
            const char *why = "?";
            char *enc = inflate_raw(raw, raw_len, &xml_len, &why);
            free(raw);
            if (!enc) {
                diag_add(d, where_dia, _("the compressed diagram does not inflate: %s"), why);
                goto out;
            }
            char *xml = (char *)xmlURIUnescapeString(enc, (int)xml_len, NULL);
            free(enc);
            if (!xml) {
                diag_add(d, where_dia, _("the compressed diagram is not URI-encoded text"));
                goto out;
            }
            inner = parse_xml(xml, strlen(xml), where_dia, d);
            xmlFree(xml);
            if (!inner) goto out;
            gm = xmlDocGetRootElement(inner);
            if (!is(gm, "mxGraphModel")) {
                diag_add(d, where_dia, _("the compressed diagram holds <%s>, not <mxGraphModel>"), gm ? (const char *)gm->name : "?");
                goto out;
            }
        }
    } else {
        diag_add_at(d, top ? (int)xmlGetLineNo(top) : 1, 0,
                    _("<%s> is not a draw.io diagram: the file starts with <mxfile> or <mxGraphModel>"),
                    top ? (const char *)top->name : "?");
        goto out;
    }
    ok = read_model_cells(gm, r, d);
out:
    xmlFreeDoc(inner);
    xmlFreeDoc(doc);
    return ok;
}

static bool read_model_cells(xmlNodePtr gm, ImportResult *r, DiagList *d)
{
    xmlNodePtr root = child(gm, "root");
    if (!root) {
        diag_add_at(d, (int)xmlGetLineNo(gm), 0, _("<mxGraphModel> has no <root> holding its cells"));
        return false;
    }
    int n = 0, cap = 0;
    Cell *c = NULL;
    for (xmlNodePtr x = root->children; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE) continue;
        xmlNodePtr mx = NULL;
        if (is(x, "mxCell"))
            mx = x;
        else if (is(x, "object") || is(x, "UserObject"))
            mx = child(x, "mxCell");
        else
            continue;
        xgrow((void **)&c, &cap, n + 1, sizeof *c);
        read_cell(x, mx, &c[n++]);
    }
    char w[120];
    const cJSON *head = NULL;
    cJSON *head_doc = NULL;
    /* parents, absolute positions, containers */
    for (int i = 0; i < n; i++) c[i].parent_cell = find_cell(c, n, c[i].parent);
    for (int i = 0; i < n; i++) {
        double ax = c[i].x, ay = c[i].y;
        int p = c[i].parent_cell;
        for (int hops = 0; p >= 0 && hops < 64; hops++, p = c[p].parent_cell)
            if (c[p].vertex) ax += c[p].x, ay += c[p].y;
        c[i].ax = ax;
        c[i].ay = ay;
        if (c[i].vertex && c[i].parent_cell >= 0 && c[c[i].parent_cell].vertex) c[c[i].parent_cell].container = true;
    }
    Model *m = model_create(), *ann = model_create();
    r->model = NULL;
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "format", ARCHSIM_FORMAT);
    cJSON *jnodes = cJSON_CreateArray(), *jedges = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        Cell *e = &c[i];
        if (!e->vertex) continue;
        where(w, sizeof w, e);
        if (e->id && strcmp(e->id, "archsim-title") == 0 && e->archsim && !head_doc) {
            head_doc = cJSON_Parse(e->archsim);
            if (cJSON_IsObject(head_doc)) head = head_doc;
            e->used = true;
            continue;
        }
        /* an edge's label is a vertex child of the edge */
        if (e->parent_cell >= 0 && c[e->parent_cell].edge) continue;
        char *text = label_text(e->value, e->style);
        char *ann_type = style_value(e->style, "archsimAnnotation");
        bool is_text = style_has(e->style, "text") || style_has(e->style, "edgeLabel");
        if (ann_type || e->container || style_has(e->style, "swimlane") || style_has(e->style, "group") ||
            (is_text && !e->archsim)) {
            const char *type = ann_type                            ? ann_type
                               : is_text                           ? "text"
                               : style_has(e->style, "ellipse")    ? "ellipse"
                               : style_has(e->style, "rhombus")    ? "diamond"
                                                                   : "rectangle";
            keep(&e->ann, type, text, e->ax, e->ay, e->w, e->h);
            char *fc = style_value(e->style, "fillColor");
            e->ann.fill = strcmp(type, "text") != 0 && fc && *fc && strcmp(fc, "none") != 0 &&
                          strcmp(fc, "#ffffff") != 0 && strcmp(fc, "#FFFFFF") != 0 && strcmp(fc, "default") != 0;
            free(fc);
            import_note(r, NOTE_KEPT, NULL, w, _("%s kept as a free annotation%s%.60s%s"),
                        e->container ? _("a container (a group of shapes)") : type, *text ? " \"" : "", text,
                        *text ? "\"" : "");
            e->used = true;
            free(ann_type);
            free(text);
            continue;
        }
        free(ann_type);
        cJSON *data = e->archsim ? cJSON_Parse(e->archsim) : NULL;
        if (e->archsim && !cJSON_IsObject(data)) {
            import_note(r, NOTE_NOT_KEPT, NULL, w, _("its \"archsim\" attribute is not a JSON object; read from the drawing instead"));
            cJSON_Delete(data);
            data = NULL;
        }
        cJSON *jn = data ? data : cJSON_CreateObject();
        size_t l1 = strcspn(text, "\n");
        char *line1 = xmalloc(l1 + 1);
        memcpy(line1, text, l1);
        line1[l1] = 0;
        const char *rest = text + l1;
        while (*rest == '\n') rest++;
        const cJSON *kid = cJSON_GetObjectItemCaseSensitive(jn, "id");
        NodeKind k;
        const char *word = NULL;
        /* an icon without a label is named after what its style shows ("users") */
        const char *base = *line1 ? line1 : import_guess_kind(e->style, &k, &word) ? word : "node";
        char *id = cJSON_IsString(kid) && *kid->valuestring && model_find_node(m, kid->valuestring) < 0
                       ? xstrdup(kid->valuestring)
                       : import_make_id(m, base);
        Node tmp;
        node_defaults(NODE_SERVICE, &tmp);
        tmp.id = id;
        model_add_node(m, &tmp);
        e->node = m->n_nodes - 1;
        /* the text as archsim wrote it: unchanged, the kept label stands (it may hold a
         * line break or characters XML cannot) */
        bool unchanged = false;
        if (data) {
            const cJSON *kl = cJSON_GetObjectItemCaseSensitive(jn, "label"), *kk = cJSON_GetObjectItemCaseSensitive(jn, "kind");
            char *was = xasprintf("%s\n%s", cJSON_IsString(kl) ? kl->valuestring : cJSON_IsString(kid) ? kid->valuestring : "",
                                  cJSON_IsString(kk) ? kk->valuestring : "");
            char *safe = xml_safe(was);
            unchanged = strcmp(safe, text) == 0;
            free(was);
            free(safe);
        }
        cJSON_DeleteItemFromObjectCaseSensitive(jn, "id");
        cJSON_AddStringToObject(jn, "id", id);
        if (!unchanged) {
            cJSON_DeleteItemFromObjectCaseSensitive(jn, "label");
            if (*line1 && strcmp(line1, id) != 0) cJSON_AddStringToObject(jn, "label", line1);
        }
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(jn, "kind");
        char *style_kind = style_value(e->style, "archsimKind");
        char *rest1 = xstrdup(rest);
        rest1[strcspn(rest1, "\n")] = 0;
        if (data && cJSON_IsString(kind)) {
            import_note(r, NOTE_MAPPED, id, w, _("node \"%s\" (%s) from the archsim data kept in the drawing"), id,
                        kind->valuestring);
        } else if (style_kind && node_kind_from_name(style_kind) >= 0) {
            cJSON_AddStringToObject(jn, "kind", style_kind);
            import_note(r, NOTE_MAPPED, id, w, _("node \"%s\": kind %s from its style (archsimKind)"), id, style_kind);
        } else if (node_kind_from_name(rest1) >= 0) {
            cJSON_AddStringToObject(jn, "kind", rest1);
            import_note(r, NOTE_MAPPED, id, w, _("node \"%s\": kind %s named in its text"), id, rest1);
        } else if (import_guess_kind(text, &k, &word)) {
            cJSON_AddStringToObject(jn, "kind", node_kind_name(k));
            import_note(r, NOTE_GUESSED, id, w, _("node \"%s\": kind %s, guessed from the word \"%s\" in its label"), id,
                        node_kind_name(k), word);
        } else if (import_guess_kind(e->style, &k, &word)) {
            cJSON_AddStringToObject(jn, "kind", node_kind_name(k));
            import_note(r, NOTE_GUESSED, id, w, _("node \"%s\": kind %s, guessed from \"%s\" in its style"), id,
                        node_kind_name(k), word);
        } else {
            cJSON_AddStringToObject(jn, "kind", "service");
            import_note(r, NOTE_DEFAULTED, id, w,
                        _("node \"%s\": neither its label \"%.40s\" nor its style names a kind; service, the default"), id,
                        line1);
        }
        free(style_kind);
        free(rest1);
        cJSON_DeleteItemFromObjectCaseSensitive(jn, "x");
        cJSON_DeleteItemFromObjectCaseSensitive(jn, "y");
        cJSON_AddNumberToObject(jn, "x", e->ax + e->w / 2 - LOOK_NODE_W / 2);
        cJSON_AddNumberToObject(jn, "y", e->ay + e->h / 2 - LOOK_NODE_H / 2);
        cJSON_AddItemToArray(jnodes, jn);
        e->used = true;
        free(line1);
        free(id);
        free(text);
    }
    for (int i = 0; i < n; i++) {
        Cell *e = &c[i];
        if (!e->edge || e->used) continue;
        where(w, sizeof w, e);
        char *ann_type = style_value(e->style, "archsimAnnotation");
        int a = find_cell(c, n, e->source), b = find_cell(c, n, e->target);
        bool ga = false, gb = false;
        if ((a < 0 || c[a].node < 0) && e->has_sp) a = cell_at(c, n, e->sx, e->sy), ga = a >= 0;
        if ((b < 0 || c[b].node < 0) && e->has_tp) b = cell_at(c, n, e->tx, e->ty), gb = b >= 0;
        char *text = label_text(e->value, e->style);
        /* a label cell inside the edge */
        if (!*text)
            for (int k = 0; k < n; k++)
                if (c[k].vertex && c[k].parent_cell == i && c[k].value && *c[k].value) {
                    free(text);
                    text = label_text(c[k].value, c[k].style);
                    c[k].used = true;
                    break;
                }
        if (ann_type || a < 0 || b < 0 || c[a].node < 0 || c[b].node < 0) {
            bool arrow = !style_has(e->style, "endArrow=none") && !(ann_type && strcmp(ann_type, "line") == 0);
            double x0 = e->sx, y0 = e->sy, x1 = e->tx, y1 = e->ty;
            keep(&e->ann, arrow ? "arrow" : "line", text, x0, y0, x1 - x0, y1 - y0);
            import_note(r, NOTE_KEPT, NULL, w, _("a connector not joining two nodes: kept as a free annotation"));
            free(ann_type);
            free(text);
            e->used = true;
            continue;
        }
        free(ann_type);
        const char *from = m->nodes[c[a].node].id, *to = m->nodes[c[b].node].id;
        cJSON *data = e->archsim ? cJSON_Parse(e->archsim) : NULL;
        if (!cJSON_IsObject(data)) {
            cJSON_Delete(data);
            data = NULL;
        }
        cJSON *je = cJSON_CreateObject();
        const cJSON *eid = data ? cJSON_GetObjectItemCaseSensitive(data, "id") : NULL;
        if (eid) cJSON_AddItemToObject(je, "id", cJSON_Duplicate(eid, 1));
        cJSON_AddStringToObject(je, "from", from);
        cJSON_AddStringToObject(je, "to", to);
        const cJSON *kept = data ? cJSON_GetObjectItemCaseSensitive(data, "label") : NULL;
        char *kept_safe = cJSON_IsString(kept) ? xml_safe(kept->valuestring) : NULL;
        if (kept_safe && strcmp(kept_safe, text) == 0) /* unchanged: the kept label stands */
            cJSON_AddStringToObject(je, "label", kept->valuestring);
        else if (*text)
            cJSON_AddStringToObject(je, "label", text);
        free(kept_safe);
        for (const cJSON *f = data ? data->child : NULL; f; f = f->next)
            if (strcmp(f->string, "id") && strcmp(f->string, "from") && strcmp(f->string, "to") && strcmp(f->string, "label"))
                cJSON_AddItemToObject(je, f->string, cJSON_Duplicate(f, 1));
        if (!data && style_has(e->style, "dashed=1")) {
            cJSON_AddStringToObject(je, "mode", "async");
            import_note(r, NOTE_GUESSED, NULL, w, _("edge %s -> %s: async, guessed from its dashed line"), from, to);
        } else {
            import_note(r, NOTE_MAPPED, NULL, w, _("edge %s -> %s%s"), from, to, data ? _(" (with its archsim data)") : "");
        }
        if (ga || gb)
            import_note(r, NOTE_GUESSED, NULL, w, _("edge %s -> %s: a loose end joined to the node it lies on"), from, to);
        cJSON_Delete(data);
        cJSON_AddItemToArray(jedges, je);
        free(text);
        e->used = true;
    }
    for (int i = 0; i < n; i++) {
        Cell *e = &c[i];
        if (e->used || e->vertex || e->edge) continue; /* the root cells "0" and "1", layers */
        if (e->parent_cell >= 0 && c[e->parent_cell].parent_cell < 0 && e->value && *e->value) {
            where(w, sizeof w, e);
            import_note(r, NOTE_NOT_KEPT, NULL, w, _("layer \"%.40s\": layers are not kept (their shapes are)"), e->value);
        }
    }
    for (int i = 0; i < n; i++) {
        Cell *e = &c[i];
        if (e->used || !e->vertex) continue;
        where(w, sizeof w, e);
        if (e->value && *e->value)
            import_note(r, NOTE_NOT_KEPT, NULL, w, _("a label on a connector that is not an edge: \"%.40s\""), e->value);
    }
    for (int i = 0; i < n; i++) /* the annotations in the file's order */
        if (c[i].ann.type) {
            import_add_annotation(ann, c[i].ann.type, c[i].ann.text, c[i].ann.x, c[i].ann.y, c[i].ann.w, c[i].ann.h);
            if (c[i].ann.fill) import_annotation_fill(ann);
        }
    r->exported = head != NULL;
    const cJSON *t = head ? cJSON_GetObjectItemCaseSensitive(head, "title") : NULL;
    if (cJSON_IsString(t)) cJSON_AddStringToObject(doc, "title", t->valuestring);
    const cJSON *sc = head ? cJSON_GetObjectItemCaseSensitive(head, "scenario") : NULL;
    if (sc) cJSON_AddItemToObject(doc, "scenario", cJSON_Duplicate(sc, 1));
    cJSON_AddItemToObject(doc, "nodes", jnodes);
    cJSON_AddItemToObject(doc, "edges", jedges);
    import_set_meta(doc, head, ann);
    if (m->n_nodes == 0) import_note(r, NOTE_NOT_KEPT, NULL, "", _("no shapes: the diagram has no nodes"));
    char *json = json_print_exact(doc, false);
    cJSON_Delete(doc);
    cJSON_Delete(head_doc);
    model_destroy(m);
    model_destroy(ann);
    for (int i = 0; i < n; i++) cell_free(&c[i]);
    free(c);
    r->model = import_read_doc(json, d);
    free(json);
    return r->model != NULL;
}
