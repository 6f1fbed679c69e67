/*
 * excalidraw.c - Excalidraw scenes (.excalidraw) written from and read into a diagram.
 *
 * Written: a scene {"type": "excalidraw", "version": 2, "source": ..., "elements": [...],
 * "appState": {...}, "files": {}} where each node is a rectangle with bound text
 * ("Label\nkind"), each edge an arrow bound to both nodes (its label the arrow's bound
 * text, async dashed), the title a text element, and annotations free elements. Each
 * element keeps its archsim data in customData.archsim (Excalidraw keeps customData
 * through edits), so archsim -> Excalidraw -> archsim is exact; what the person changed
 * in Excalidraw (positions, texts, new shapes and arrows) is read from the drawing.
 *
 * Read: shapes with text or with arrows bound to them become nodes (kind from
 * customData, else from the second line when it names a kind, else guessed from the
 * words); arrows bound (or pointing) to two nodes become edges; everything else is a
 * free annotation or reported.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/import.h"
#include "format_util.h"
#include "sim/look.h"
#include "sim/model_json.h"
#include "sim/tr.h"
#include "sim/util.h"

/* ---- writing -------------------------------------------------------------------------- */

static double seed_of(const char *id, int salt)
{
    return (double)((hash_str(id) + (uint64_t)salt * 0x9E3779B97F4A7C15ull) % 2000000000ull);
}

/* The fields every Excalidraw element has, with fixed values where the editor would
 * keep a clock or a random number (so the same diagram gives the same bytes). */
static cJSON *element(cJSON *list, const char *type, const char *id, double x, double y, double w, double h)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "id", id);
    cJSON_AddStringToObject(e, "type", type);
    cJSON_AddNumberToObject(e, "x", x);
    cJSON_AddNumberToObject(e, "y", y);
    cJSON_AddNumberToObject(e, "width", w);
    cJSON_AddNumberToObject(e, "height", h);
    cJSON_AddNumberToObject(e, "angle", 0);
    cJSON_AddStringToObject(e, "strokeColor", "#1e1e1e");
    cJSON_AddStringToObject(e, "backgroundColor", "transparent");
    cJSON_AddStringToObject(e, "fillStyle", "solid");
    cJSON_AddNumberToObject(e, "strokeWidth", 2);
    cJSON_AddStringToObject(e, "strokeStyle", "solid");
    cJSON_AddNumberToObject(e, "roughness", 0);
    cJSON_AddNumberToObject(e, "opacity", 100);
    cJSON_AddItemToObject(e, "groupIds", cJSON_CreateArray());
    cJSON_AddNullToObject(e, "frameId");
    cJSON_AddNullToObject(e, "roundness");
    cJSON_AddNumberToObject(e, "seed", seed_of(id, 1));
    cJSON_AddNumberToObject(e, "version", 1);
    cJSON_AddNumberToObject(e, "versionNonce", seed_of(id, 2));
    cJSON_AddFalseToObject(e, "isDeleted");
    cJSON_AddNullToObject(e, "boundElements");
    cJSON_AddNumberToObject(e, "updated", 1);
    cJSON_AddNullToObject(e, "link");
    cJSON_AddFalseToObject(e, "locked");
    cJSON_AddItemToArray(list, e);
    return e;
}

static void set_string(cJSON *e, const char *key, const char *v)
{
    cJSON_ReplaceItemInObjectCaseSensitive(e, key, cJSON_CreateString(v));
}

static void bind(cJSON *shape, const char *id, const char *type)
{
    cJSON *b = cJSON_GetObjectItemCaseSensitive(shape, "boundElements");
    if (!cJSON_IsArray(b)) {
        b = cJSON_CreateArray();
        cJSON_ReplaceItemInObjectCaseSensitive(shape, "boundElements", b);
    }
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "id", id);
    cJSON_AddStringToObject(r, "type", type);
    cJSON_AddItemToArray(b, r);
}

static int count_lines(const char *s)
{
    int n = 1;
    for (; *s; s++) n += *s == '\n';
    return n;
}

static cJSON *text_element(cJSON *list, const char *id, const char *container, const char *text, double x,
                           double y, double w, double h, double size)
{
    cJSON *t = element(list, "text", id, x, y, w, h);
    cJSON_AddStringToObject(t, "text", text);
    cJSON_AddNumberToObject(t, "fontSize", size);
    cJSON_AddNumberToObject(t, "fontFamily", 2);
    cJSON_AddStringToObject(t, "textAlign", container ? "center" : "left");
    cJSON_AddStringToObject(t, "verticalAlign", container ? "middle" : "top");
    if (container)
        cJSON_AddStringToObject(t, "containerId", container);
    else
        cJSON_AddNullToObject(t, "containerId");
    cJSON_AddStringToObject(t, "originalText", text);
    cJSON_AddTrueToObject(t, "autoResize");
    cJSON_AddNumberToObject(t, "lineHeight", 1.25);
    return t;
}

static void hex_colour(char out[8], uint32_t rgb) { snprintf(out, 8, "#%06x", (unsigned)rgb & 0xFFFFFFu); }

static cJSON *archsim_data(cJSON *e, cJSON *data)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddItemToObject(c, "archsim", data);
    cJSON_AddItemToObject(e, "customData", c);
    return e;
}

/* The model's own JSON, parsed: nodes and edges exactly as Save writes them. */
static cJSON *model_doc(const Model *m)
{
    char *json = model_to_json(m);
    cJSON *doc = cJSON_Parse(json);
    free(json);
    return doc;
}

/* meta without "annotations" (they travel as elements), or NULL when nothing is left. */
static cJSON *meta_rest(const cJSON *doc)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(doc, "meta");
    if (!cJSON_IsObject(meta)) return NULL;
    cJSON *rest = cJSON_Duplicate(meta, 1);
    cJSON_DeleteItemFromObjectCaseSensitive(rest, "annotations");
    if (!rest->child) {
        cJSON_Delete(rest);
        return NULL;
    }
    return rest;
}

static double num_or(const cJSON *o, const char *key, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : dflt;
}

static const char *str_or(const cJSON *o, const char *key, const char *dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

char *export_excalidraw(const Model *m)
{
    cJSON *doc = model_doc(m);
    cJSON *scene = cJSON_CreateObject();
    cJSON_AddStringToObject(scene, "type", "excalidraw");
    cJSON_AddNumberToObject(scene, "version", 2);
    cJSON_AddStringToObject(scene, "source", "archsim " ARCHSIM_VERSION);
    cJSON *list = cJSON_AddArrayToObject(scene, "elements");

    /* The title (and the scenario, which has no picture) ride on one text element. */
    double min_x = 0, min_y = 0;
    for (int i = 0; i < m->n_nodes; i++) {
        if (i == 0 || m->nodes[i].x < min_x) min_x = m->nodes[i].x;
        if (i == 0 || m->nodes[i].y < min_y) min_y = m->nodes[i].y;
    }
    cJSON *head = cJSON_CreateObject();
    cJSON_AddStringToObject(head, "format", ARCHSIM_FORMAT);
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(doc, "scenario");
    if (sc) cJSON_AddItemToObject(head, "scenario", cJSON_Duplicate(sc, 1));
    cJSON *rest = meta_rest(doc);
    if (rest) cJSON_AddItemToObject(head, "meta", rest);
    const char *title = m->title && *m->title ? m->title : "";
    cJSON *t = text_element(list, "archsim-title", NULL, title, min_x, min_y - 60, 10.0 * (double)strlen(title) + 20,
                            30, 24);
    if (m->title) cJSON_AddStringToObject(head, "title", m->title);
    archsim_data(t, head);

    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(doc, "nodes");
    const cJSON *edges = cJSON_GetObjectItemCaseSensitive(doc, "edges");
    cJSON **shapes = xcalloc((size_t)m->n_nodes + 1, sizeof *shapes);
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        char *sid = xasprintf("node:%s", n->id), *tid = xasprintf("node:%s:text", n->id);
        cJSON *s = element(list, "rectangle", sid, n->x, n->y, LOOK_NODE_W, LOOK_NODE_H);
        char col[8], bg[8];
        hex_colour(col, look_kind_rgb(n->kind));
        uint32_t c = look_kind_rgb(n->kind), light = 0;
        for (int k = 0; k < 3; k++) { /* the kind's colour mixed with white, 85% */
            uint32_t ch = (c >> (8 * k)) & 0xFF;
            light |= (ch + (255 - ch) * 85 / 100) << (8 * k);
        }
        hex_colour(bg, light);
        set_string(s, "strokeColor", col);
        set_string(s, "backgroundColor", bg);
        cJSON *round = cJSON_CreateObject();
        cJSON_AddNumberToObject(round, "type", 3);
        cJSON_ReplaceItemInObjectCaseSensitive(s, "roundness", round);
        bind(s, tid, "text");
        cJSON *data = cJSON_Duplicate(cJSON_GetArrayItem(nodes, i), 1);
        cJSON_DeleteItemFromObjectCaseSensitive(data, "x"); /* the drawing says where */
        cJSON_DeleteItemFromObjectCaseSensitive(data, "y");
        archsim_data(s, data);
        char *text = xasprintf("%s\n%s", n->label ? n->label : n->id, node_kind_name(n->kind));
        text_element(list, tid, sid, text, n->x + 5, n->y + LOOK_NODE_H / 2 - 20, LOOK_NODE_W - 10, 40, 16);
        free(text);
        shapes[i] = s;
        free(sid);
        free(tid);
    }
    for (int k = 0; k < m->n_edges; k++) {
        const Edge *e = &m->edges[k];
        int a = model_find_node(m, e->from), b = model_find_node(m, e->to);
        if (a < 0 || b < 0) continue; /* a dangling edge has nothing to bind to */
        const Node *na = &m->nodes[a], *nb = &m->nodes[b];
        double x0 = na->x + LOOK_NODE_W, y0 = na->y + LOOK_NODE_H / 2;
        double x1 = nb->x, y1 = nb->y + LOOK_NODE_H / 2;
        char *aid = xasprintf("edge:%d:%s:%s", k, e->from, e->to), *tid = xasprintf("%s:text", aid);
        cJSON *ar = element(list, "arrow", aid, x0, y0, fabs(x1 - x0), fabs(y1 - y0));
        set_string(ar, "strokeColor", "#6b7280");
        if (e->mode == EDGE_ASYNC) set_string(ar, "strokeStyle", "dashed");
        cJSON *pts = cJSON_AddArrayToObject(ar, "points");
        double p[2][2] = {{0, 0}, {x1 - x0, y1 - y0}};
        for (int q = 0; q < 2; q++) cJSON_AddItemToArray(pts, cJSON_CreateDoubleArray(p[q], 2));
        cJSON_AddNullToObject(ar, "lastCommittedPoint");
        for (int q = 0; q < 2; q++) {
            cJSON *bd = cJSON_CreateObject();
            char *target = xasprintf("node:%s", q ? e->to : e->from);
            cJSON_AddStringToObject(bd, "elementId", target);
            free(target);
            cJSON_AddNumberToObject(bd, "focus", 0);
            cJSON_AddNumberToObject(bd, "gap", 1);
            cJSON_AddItemToObject(ar, q ? "endBinding" : "startBinding", bd);
        }
        cJSON_AddNullToObject(ar, "startArrowhead");
        cJSON_AddStringToObject(ar, "endArrowhead", "arrow");
        cJSON_AddFalseToObject(ar, "elbowed");
        cJSON *data = cJSON_Duplicate(cJSON_GetArrayItem(edges, k), 1);
        archsim_data(ar, data);
        bind(shapes[a], aid, "arrow");
        if (b != a) bind(shapes[b], aid, "arrow");
        if (e->label && *e->label) {
            bind(ar, tid, "text");
            double w = 8.0 * (double)strlen(e->label) + 10;
            text_element(list, tid, aid, e->label, (x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - 10, w, 20, 14);
        }
        free(aid);
        free(tid);
    }
    /* free annotations, back as the elements they came from */
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(doc, "meta");
    const cJSON *ann = cJSON_GetObjectItemCaseSensitive(meta, "annotations");
    int k = 0;
    const cJSON *a;
    cJSON_ArrayForEach(a, ann)
    {
        char id[40];
        snprintf(id, sizeof id, "annotation:%d", k++);
        int first = cJSON_GetArraySize(list);
        const char *type = str_or(a, "type", "text"), *text = str_or(a, "text", "");
        double x = num_or(a, "x", 0), y = num_or(a, "y", 0), w = num_or(a, "w", 0), h = num_or(a, "h", 0);
        if (strcmp(type, "text") == 0) {
            text_element(list, id, NULL, text, x, y, w > 0 ? w : 10.0 * (double)strlen(text),
                         h > 0 ? h : 20.0 * count_lines(text), 16);
        } else if (strcmp(type, "rectangle") == 0 || strcmp(type, "ellipse") == 0 || strcmp(type, "diamond") == 0) {
            cJSON *s = element(list, type, id, x, y, w, h);
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a, "fill"))) set_string(s, "backgroundColor", "#e9ecef");
            if (*text) {
                char tid[60];
                snprintf(tid, sizeof tid, "%s:text", id);
                bind(s, tid, "text");
                text_element(list, tid, id, text, x, y, w, h, 16);
            }
        } else { /* line or arrow, drawn straight from x, y by w, h; its text bound to it */
            cJSON *l = element(list, strcmp(type, "arrow") == 0 ? "arrow" : "line", id, x, y, fabs(w), fabs(h));
            cJSON *pts = cJSON_AddArrayToObject(l, "points");
            double p[2][2] = {{0, 0}, {w, h}};
            for (int q = 0; q < 2; q++) cJSON_AddItemToArray(pts, cJSON_CreateDoubleArray(p[q], 2));
            if (*text) {
                char tid[60];
                snprintf(tid, sizeof tid, "%s:text", id);
                bind(l, tid, "text");
                text_element(list, tid, id, text, x + w / 2, y + h / 2, 10.0 * (double)strlen(text), 20, 14);
            }
        }
        /* marked, so a rectangle with text reads back as an annotation, not a node */
        for (int q = first; q < cJSON_GetArraySize(list); q++) {
            cJSON *c = cJSON_AddObjectToObject(cJSON_GetArrayItem(list, q), "customData");
            cJSON_AddTrueToObject(c, "archsimAnnotation");
            /* a text without a size got one to be drawn: not to be read back as its own */
            if (q == first && strcmp(type, "text") == 0) {
                if (!(w > 0)) cJSON_AddTrueToObject(c, "archsimAutoWidth");
                if (!(h > 0)) cJSON_AddTrueToObject(c, "archsimAutoHeight");
            }
        }
    }
    cJSON *app = cJSON_AddObjectToObject(scene, "appState");
    cJSON_AddStringToObject(app, "viewBackgroundColor", "#ffffff");
    cJSON_AddNullToObject(app, "gridSize");
    cJSON_AddObjectToObject(scene, "files");
    char *out = json_print_exact(scene, true);
    cJSON_Delete(scene);
    cJSON_Delete(doc);
    free(shapes);
    char *nl = xasprintf("%s\n", out);
    cJSON_free(out);
    return nl;
}

/* ---- reading -------------------------------------------------------------------------- */

typedef struct Elem {
    const cJSON *j;
    const char *id, *type;
    double x, y, w, h;
    int index;        /* in "elements" */
    const char *text; /* shapes: their bound text (or free text laid on them) */
    int text_elem;    /* the text element used, or -1 */
    int node;         /* shapes: the node made from it, or -1 */
    bool used;        /* taken into the model (node, edge, its text) */
    int arrows;       /* arrows bound to it */
    bool annotation;  /* exported by archsim as a free annotation */
} Elem;

static bool is_shape(const char *t)
{
    return strcmp(t, "rectangle") == 0 || strcmp(t, "ellipse") == 0 || strcmp(t, "diamond") == 0;
}

static int find_elem(const Elem *el, int n, const char *id)
{
    if (!id) return -1;
    for (int i = 0; i < n; i++)
        if (el[i].id && strcmp(el[i].id, id) == 0) return i;
    return -1;
}

static void where(char *buf, size_t cap, const Elem *e)
{
    snprintf(buf, cap, "elements[%d] (%s \"%.40s\")", e->index, e->type, e->id ? e->id : "?");
}

static const cJSON *archsim_of(const cJSON *j)
{
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(j, "customData");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(c, "archsim");
    return cJSON_IsObject(a) ? a : NULL;
}

/* The shape an arrow's end is bound to, or (unbound) the shape its end point lies in. */
static int arrow_end(const Elem *el, int n, const Elem *ar, bool end, bool *guessed)
{
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(ar->j, end ? "endBinding" : "startBinding");
    int k = find_elem(el, n, str_or(b, "elementId", NULL));
    *guessed = false;
    if (k >= 0 && is_shape(el[k].type)) return k;
    const cJSON *pts = cJSON_GetObjectItemCaseSensitive(ar->j, "points");
    int np = cJSON_GetArraySize(pts);
    if (np < 1) return -1;
    const cJSON *p = cJSON_GetArrayItem(pts, end ? np - 1 : 0);
    if (cJSON_GetArraySize(p) < 2) return -1;
    const cJSON *px = cJSON_GetArrayItem(p, 0), *py = cJSON_GetArrayItem(p, 1);
    if (!cJSON_IsNumber(px) || !cJSON_IsNumber(py)) return -1;
    double x = ar->x + px->valuedouble, y = ar->y + py->valuedouble;
    int best = -1;
    double best_area = 0;
    for (int i = 0; i < n; i++) { /* the smallest shape within 12 units of the point */
        const Elem *s = &el[i];
        if (!is_shape(s->type)) continue;
        if (x >= s->x - 12 && x <= s->x + s->w + 12 && y >= s->y - 12 && y <= s->y + s->h + 12) {
            double area = s->w * s->h;
            if (best < 0 || area < best_area) best = i, best_area = area;
        }
    }
    *guessed = best >= 0;
    return best;
}

/* The first line of s, copied. */
static char *first_line(const char *s)
{
    size_t n = strcspn(s, "\n");
    char *o = xmalloc(n + 1);
    memcpy(o, s, n);
    o[n] = 0;
    while (n && (o[n - 1] == ' ' || o[n - 1] == '\r')) o[--n] = 0;
    return o;
}

static void add_ann(Model *m, ImportResult *r, const Elem *e, const char *type, const char *text)
{
    char w[120];
    where(w, sizeof w, e);
    import_add_annotation(m, type, text, e->x, e->y, e->w, e->h);
    const char *bg = str_or(e->j, "backgroundColor", "transparent");
    if (strcmp(type, "text") != 0 && *bg && strcmp(bg, "transparent") != 0) import_annotation_fill(m);
    import_note(r, NOTE_KEPT, NULL, w, _("kept as a free annotation (%s%s%.60s%s), not part of the simulated design"),
                type, text && *text ? " \"" : "", text ? text : "", text && *text ? "\"" : "");
}

bool import_excalidraw(const char *data, size_t len, ImportResult *r, DiagList *d)
{
    r->format = IMPORT_EXCALIDRAW;
    const char *err_at = NULL;
    cJSON *scene = cJSON_ParseWithLengthOpts(data, len, &err_at, 0);
    if (!scene) {
        size_t off = err_at && err_at >= data && err_at <= data + len ? (size_t)(err_at - data) : 0;
        int line = 1, col = 1;
        for (size_t i = 0; i < off; i++) {
            if (data[i] == '\n') line++, col = 1;
            else col++;
        }
        diag_add_at(d, line, col, _("not valid JSON here; an Excalidraw file is a JSON object with \"type\": \"excalidraw\" and \"elements\""));
        return false;
    }
    const cJSON *els = cJSON_GetObjectItemCaseSensitive(scene, "elements");
    if (!cJSON_IsArray(els)) {
        diag_add(d, "elements", _("missing or not an array; an Excalidraw scene lists its shapes in \"elements\": [...]"));
        cJSON_Delete(scene);
        return false;
    }
    int n = cJSON_GetArraySize(els);
    Elem *el = xcalloc((size_t)n + 1, sizeof *el);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        const cJSON *j = cJSON_GetArrayItem(els, i);
        Elem *e = &el[i];
        e->j = j;
        e->index = i;
        e->text_elem = -1;
        e->node = -1;
        e->id = str_or(j, "id", NULL);
        e->type = str_or(j, "type", NULL);
        if (!cJSON_IsObject(j) || !e->type || !e->id) {
            char p[40];
            snprintf(p, sizeof p, "elements[%d]", i);
            diag_add(d, p, _("an element must be an object with a string \"id\" and \"type\" (rectangle, ellipse, diamond, text, arrow, line, ...)"));
            bad++;
            e->type = "";
            e->used = true;
            continue;
        }
        e->x = num_or(j, "x", 0);
        e->y = num_or(j, "y", 0);
        e->w = fabs(num_or(j, "width", 0));
        e->h = fabs(num_or(j, "height", 0));
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "isDeleted"))) e->used = true; /* erased in Excalidraw */
        e->annotation = cJSON_IsTrue(
            cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "customData"), "archsimAnnotation"));
    }
    if (bad) {
        free(el);
        cJSON_Delete(scene);
        return false;
    }
    Model *m = model_create();
    r->model = m;
    char w[120];

    /* bound texts to their containers; the head element's scenario and title */
    const cJSON *head = NULL;
    for (int i = 0; i < n; i++) {
        Elem *e = &el[i];
        if (e->used || strcmp(e->type, "text") != 0) continue;
        const cJSON *a = archsim_of(e->j);
        if (a && cJSON_GetObjectItemCaseSensitive(a, "format") && !head) {
            head = a;
            e->used = true;
            continue;
        }
        int c = find_elem(el, n, str_or(e->j, "containerId", NULL));
        if (c >= 0 && el[c].text_elem < 0 && !el[c].used) {
            el[c].text = str_or(e->j, "text", "");
            el[c].text_elem = i;
            e->used = true;
        }
    }
    /* free text lying on a shape without text of its own reads as that shape's text */
    for (int i = 0; i < n; i++) {
        Elem *e = &el[i];
        if (e->used || strcmp(e->type, "text") != 0) continue;
        double cx = e->x + e->w / 2, cy = e->y + e->h / 2;
        for (int k = 0; k < n; k++) {
            Elem *s = &el[k];
            if (s->used || !is_shape(s->type) || s->text || s->annotation) continue;
            if (cx >= s->x && cx <= s->x + s->w && cy >= s->y && cy <= s->y + s->h) {
                s->text = str_or(e->j, "text", "");
                s->text_elem = i;
                e->used = true;
                where(w, sizeof w, e);
                import_note(r, NOTE_GUESSED, NULL, w, _("text not bound to a shape but lying on %s \"%.40s\": read as its text"),
                            s->type, s->id);
                break;
            }
        }
    }
    /* arrows bound to shapes */
    for (int i = 0; i < n; i++) {
        Elem *e = &el[i];
        if (e->used || strcmp(e->type, "arrow") != 0) continue;
        bool g1, g2;
        int a = arrow_end(el, n, e, false, &g1), b = arrow_end(el, n, e, true, &g2);
        if (a >= 0 && b >= 0) el[a].arrows++, el[b].arrows++;
    }

    /* the document: built as archsim JSON and read by the loader, so every field of
     * customData is checked as a file's would be */
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "format", ARCHSIM_FORMAT);
    r->exported = head != NULL;
    const char *title = head ? str_or(head, "title", NULL) : NULL;
    if (title) cJSON_AddStringToObject(doc, "title", title);
    const cJSON *sc = head ? cJSON_GetObjectItemCaseSensitive(head, "scenario") : NULL;
    if (sc) cJSON_AddItemToObject(doc, "scenario", cJSON_Duplicate(sc, 1));
    cJSON *jnodes = cJSON_AddArrayToObject(doc, "nodes");
    cJSON *jedges = cJSON_AddArrayToObject(doc, "edges");
    /* ids are checked against this model as nodes are made */
    for (int i = 0; i < n; i++) {
        Elem *e = &el[i];
        if (e->used || !is_shape(e->type) || e->annotation) continue;
        const cJSON *a = archsim_of(e->j);
        if (!e->text && !e->arrows && !a) continue; /* an empty shape: an annotation below */
        where(w, sizeof w, e);
        cJSON *jn = a ? cJSON_Duplicate(a, 1) : cJSON_CreateObject();
        char *line1 = first_line(e->text ? e->text : "");
        const char *rest = e->text ? e->text + strcspn(e->text, "\n") : "";
        while (*rest == '\n' || *rest == ' ') rest++;
        /* the id: archsim's when it is kept and still free, else made from the text */
        const char *kept_id = str_or(jn, "id", NULL);
        char *id = kept_id && *kept_id && model_find_node(m, kept_id) < 0 ? xstrdup(kept_id)
                                                                           : import_make_id(m, *line1 ? line1 : e->type);
        Node tmp;
        node_defaults(NODE_SERVICE, &tmp);
        tmp.id = id;
        model_add_node(m, &tmp); /* placeholder: reserves the id */
        e->node = m->n_nodes - 1;
        /* the text as archsim wrote it: unchanged, the kept label stands (it may hold a
         * line break) */
        bool unchanged = false;
        if (a) {
            const cJSON *kl = cJSON_GetObjectItemCaseSensitive(jn, "label"), *kk = cJSON_GetObjectItemCaseSensitive(jn, "kind");
            const char *shown = cJSON_IsString(kl) ? kl->valuestring : kept_id ? kept_id : "";
            char *was = xasprintf("%s\n%s", shown, cJSON_IsString(kk) ? kk->valuestring : "");
            unchanged = e->text && strcmp(was, e->text) == 0;
            free(was);
        }
        cJSON_DeleteItemFromObjectCaseSensitive(jn, "id");
        cJSON_AddStringToObject(jn, "id", id);
        /* the label: the first line, unless it is the id itself */
        if (!unchanged) {
            cJSON_DeleteItemFromObjectCaseSensitive(jn, "label");
            if (*line1 && strcmp(line1, id) != 0) cJSON_AddStringToObject(jn, "label", line1);
        }
        /* the kind */
        const char *kind = str_or(jn, "kind", NULL);
        if (a && kind) {
            import_note(r, NOTE_MAPPED, id, w, _("node \"%s\" (%s) from the archsim data kept in the drawing"), id, kind);
        } else {
            char *k2 = first_line(rest);
            NodeKind k;
            const char *word = NULL;
            if (node_kind_from_name(k2) >= 0) {
                cJSON_AddStringToObject(jn, "kind", k2);
                import_note(r, NOTE_MAPPED, id, w, _("node \"%s\": kind %s named in its text"), id, k2);
            } else if (import_guess_kind(e->text, &k, &word)) {
                cJSON_AddStringToObject(jn, "kind", node_kind_name(k));
                import_note(r, NOTE_GUESSED, id, w, _("node \"%s\": kind %s, guessed from the word \"%s\""), id,
                            node_kind_name(k), word);
            } else if (strcmp(e->type, "ellipse") == 0 && !e->text) {
                cJSON_AddStringToObject(jn, "kind", "client");
                import_note(r, NOTE_GUESSED, id, w, _("node \"%s\": kind client, guessed from an ellipse without text"), id);
            } else {
                cJSON_AddStringToObject(jn, "kind", "service");
                import_note(r, NOTE_DEFAULTED, id, w,
                            _("node \"%s\": no word in \"%.40s\" names a kind; service, the default, with its default numbers"),
                            id, line1);
            }
            free(k2);
        }
        /* where: the shape's centre, a board node being LOOK_NODE_W x LOOK_NODE_H */
        double x = e->x + e->w / 2 - LOOK_NODE_W / 2, y = e->y + e->h / 2 - LOOK_NODE_H / 2;
        cJSON_DeleteItemFromObjectCaseSensitive(jn, "x");
        cJSON_DeleteItemFromObjectCaseSensitive(jn, "y");
        cJSON_AddNumberToObject(jn, "x", x);
        cJSON_AddNumberToObject(jn, "y", y);
        cJSON_AddItemToArray(jnodes, jn);
        e->used = true;
        if (e->text_elem >= 0) el[e->text_elem].used = true;
        free(line1);
        free(id);
    }
    /* edges */
    for (int i = 0; i < n; i++) {
        Elem *e = &el[i];
        if (e->used || strcmp(e->type, "arrow") != 0 || e->annotation) continue;
        where(w, sizeof w, e);
        bool g1, g2;
        int a = arrow_end(el, n, e, false, &g1), b = arrow_end(el, n, e, true, &g2);
        if (a < 0 || b < 0 || el[a].node < 0 || el[b].node < 0) continue; /* an annotation below */
        /* a label bound to the arrow */
        const char *label = NULL;
        for (int k = 0; k < n; k++) {
            const char *c = el[k].type && strcmp(el[k].type, "text") == 0 ? str_or(el[k].j, "containerId", NULL) : NULL;
            if (c && strcmp(c, e->id) == 0) {
                label = str_or(el[k].j, "text", NULL);
                el[k].used = true;
                break;
            }
        }
        const cJSON *ad = archsim_of(e->j);
        cJSON *je = ad ? cJSON_Duplicate(ad, 1) : cJSON_CreateObject();
        const char *from = m->nodes[el[a].node].id, *to = m->nodes[el[b].node].id;
        cJSON_DeleteItemFromObjectCaseSensitive(je, "from");
        cJSON_DeleteItemFromObjectCaseSensitive(je, "to");
        cJSON_DeleteItemFromObjectCaseSensitive(je, "label");
        /* keep the key order archsim writes: from, to first */
        cJSON *ordered = cJSON_CreateObject();
        const cJSON *eid = cJSON_GetObjectItemCaseSensitive(je, "id");
        if (eid) cJSON_AddItemToObject(ordered, "id", cJSON_Duplicate(eid, 1));
        cJSON_AddStringToObject(ordered, "from", from);
        cJSON_AddStringToObject(ordered, "to", to);
        if (label && *label) cJSON_AddStringToObject(ordered, "label", label);
        for (const cJSON *c = je->child; c; c = c->next)
            if (strcmp(c->string, "id") != 0) cJSON_AddItemToObject(ordered, c->string, cJSON_Duplicate(c, 1));
        cJSON_Delete(je);
        const char *style = str_or(e->j, "strokeStyle", "solid");
        if (!ad && strcmp(style, "solid") != 0) {
            cJSON_AddStringToObject(ordered, "mode", "async");
            import_note(r, NOTE_GUESSED, NULL, w, _("edge %s -> %s: async, guessed from its %s line"), from, to, style);
        } else {
            import_note(r, NOTE_MAPPED, NULL, w, _("edge %s -> %s%s"), from, to,
                        ad ? _(" (with its archsim data)") : "");
        }
        if (g1 || g2)
            import_note(r, NOTE_GUESSED, NULL, w,
                        _("edge %s -> %s: the arrow is not bound at its %s; it was joined to the shape its end lies on"),
                        from, to, g1 && g2 ? _("ends") : g1 ? _("start") : _("end"));
        cJSON_AddItemToArray(jedges, ordered);
        e->used = true;
    }
    /* the rest: annotations, or reported */
    Model *ann = model_create();
    for (int i = 0; i < n; i++) {
        Elem *e = &el[i];
        if (e->used) continue;
        where(w, sizeof w, e);
        if (strcmp(e->type, "text") == 0) {
            const cJSON *cd = cJSON_GetObjectItemCaseSensitive(e->j, "customData");
            const char *t = str_or(e->j, "text", "");
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cd, "archsimAutoWidth")) && e->w == 10.0 * (double)strlen(t))
                e->w = 0;
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cd, "archsimAutoHeight")) && e->h == 20.0 * count_lines(t))
                e->h = 0;
            add_ann(ann, r, e, "text", t);
        } else if (is_shape(e->type)) {
            add_ann(ann, r, e, e->type, e->text);
        } else if (strcmp(e->type, "arrow") == 0 || strcmp(e->type, "line") == 0) {
            const cJSON *pts = cJSON_GetObjectItemCaseSensitive(e->j, "points");
            const cJSON *last = cJSON_GetArrayItem(pts, cJSON_GetArraySize(pts) - 1);
            double dx = 0, dy = 0;
            if (cJSON_GetArraySize(last) >= 2) {
                dx = cJSON_GetNumberValue(cJSON_GetArrayItem(last, 0));
                dy = cJSON_GetNumberValue(cJSON_GetArrayItem(last, 1));
                if (!isfinite(dx)) dx = 0;
                if (!isfinite(dy)) dy = 0;
            }
            import_add_annotation(ann, e->type, e->text, e->x, e->y, dx, dy);
            import_note(r, NOTE_KEPT, NULL, w,
                        _("%s not joining two shapes: kept as a free annotation (straight, from its first to its last point)"),
                        e->type);
        } else if (strcmp(e->type, "frame") == 0 || strcmp(e->type, "magicframe") == 0) {
            const char *name = str_or(e->j, "name", "");
            import_add_annotation(ann, "rectangle", name, e->x, e->y, e->w, e->h);
            import_note(r, NOTE_KEPT, NULL, w, _("frame kept as a free rectangle annotation"));
        } else {
            import_note(r, NOTE_NOT_KEPT, NULL, w,
                        _("a %s element has no place in an archsim diagram (kept: shapes, text, arrows, lines, frames)"),
                        e->type);
        }
    }
    /* meta: the kept rest, then the annotations */
    import_set_meta(doc, head, ann);
    model_destroy(ann);
    if (m->n_nodes == 0)
        import_note(r, NOTE_NOT_KEPT, NULL, "elements",
                    _("no shape with text or arrows: the diagram has no nodes"));
    char *json = json_print_exact(doc, false);
    cJSON_Delete(doc);
    cJSON_Delete(scene);
    free(el);
    model_destroy(m);
    r->model = import_read_doc(json, d);
    free(json);
    return r->model != NULL;
}
