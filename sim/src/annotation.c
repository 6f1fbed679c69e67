/*
 * annotation.c - reading and changing the free annotations kept in a diagram's meta
 * (annotation.h). Changes go through cJSON on a copy of meta, so the keys archsim does
 * not know stay; the app commits the new text as one edit.
 */
#include "sim/annotation.h"
#include "format_util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

static const char *const type_names[] = {"text", "rectangle", "ellipse", "diamond", "line", "arrow"};

const char *annotation_type_name(AnnotationType t)
{
    return (unsigned)t < sizeof type_names / sizeof *type_names ? type_names[t] : "rectangle";
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    double d = cJSON_IsNumber(v) ? v->valuedouble : 0;
    return isfinite(d) ? d : 0;
}

bool annotation_is_box(const Annotation *a)
{
    return a->type != ANN_TEXT && a->type != ANN_LINE && a->type != ANN_ARROW && a->w > 0 && a->h > 0;
}

bool annotation_holds(const Annotation *a, double x, double y)
{
    return x > a->x && x < a->x + a->w && y > a->y && y < a->y + a->h;
}

/* The items of meta's annotations array that annotations_read counts. */
static bool counted(const cJSON *item) { return cJSON_IsObject(item); }

int annotations_read(const char *meta_json, Annotation **out)
{
    *out = NULL;
    if (!meta_json || !strstr(meta_json, "\"annotations\"")) return 0;
    cJSON *meta = cJSON_Parse(meta_json);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(meta, "annotations");
    int n = 0, cap = 0;
    const cJSON *it;
    if (cJSON_IsArray(list)) {
        cJSON_ArrayForEach(it, list)
        {
            if (!counted(it)) continue;
            xgrow((void **)out, &cap, n + 1, sizeof **out);
            Annotation *a = &(*out)[n++];
            memset(a, 0, sizeof *a);
            const cJSON *t = cJSON_GetObjectItemCaseSensitive(it, "type");
            a->type = ANN_RECTANGLE;
            for (int k = 0; k < (int)(sizeof type_names / sizeof *type_names); k++)
                if (cJSON_IsString(t) && strcmp(t->valuestring, type_names[k]) == 0) a->type = (AnnotationType)k;
            const cJSON *tx = cJSON_GetObjectItemCaseSensitive(it, "text");
            a->text = xstrdup(cJSON_IsString(tx) ? tx->valuestring : "");
            a->x = num(it, "x");
            a->y = num(it, "y");
            a->w = num(it, "w");
            a->h = num(it, "h");
            a->fill = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "fill"));
        }
    }
    cJSON_Delete(meta);
    return n;
}

void annotations_free(Annotation *a, int n)
{
    for (int i = 0; i < n; i++) free(a[i].text);
    free(a);
}

void annotation_bounds(const Annotation *a, double *x0, double *y0, double *x1, double *y1)
{
    double w = a->w, h = a->h;
    if (a->type == ANN_LINE || a->type == ANN_ARROW) {
        *x0 = fmin(a->x, a->x + w);
        *y0 = fmin(a->y, a->y + h);
        *x1 = fmax(a->x, a->x + w);
        *y1 = fmax(a->y, a->y + h);
        return;
    }
    if (a->type == ANN_TEXT && (w <= 0 || h <= 0)) {
        int lines = 1, longest = 0, cur = 0;
        for (const char *s = a->text; *s; s++) {
            if (*s == '\n') {
                lines++;
                cur = 0;
            } else if (((unsigned char)*s & 0xC0) != 0x80 && ++cur > longest) {
                longest = cur;
            }
        }
        if (w <= 0) w = 9.0 * longest;
        if (h <= 0) h = 20.0 * lines;
    }
    *x0 = a->x;
    *y0 = a->y;
    *x1 = a->x + fmax(w, 0);
    *y1 = a->y + fmax(h, 0);
}

/* meta parsed, its annotations array (NULL when none). */
static cJSON *parse(const char *meta_json, cJSON **list)
{
    cJSON *meta = meta_json ? cJSON_Parse(meta_json) : NULL;
    *list = cJSON_GetObjectItemCaseSensitive(meta, "annotations");
    if (!cJSON_IsArray(*list)) *list = NULL;
    return meta;
}

static char *print(cJSON *meta)
{
    char *out = NULL;
    if (cJSON_IsObject(meta) && cJSON_GetArraySize(meta) > 0) {
        char *t = json_print_exact(meta, false);
        out = xstrdup(t);
        cJSON_free(t);
    }
    cJSON_Delete(meta);
    return out;
}

static void set_num(cJSON *o, const char *key, double v)
{
    v = round(v * 100) / 100; /* two decimals: the file stays readable after a drag */
    cJSON *old = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(old)) cJSON_SetNumberValue(old, v);
    else {
        cJSON_DeleteItemFromObjectCaseSensitive(o, key);
        cJSON_AddNumberToObject(o, key, v);
    }
}

/* The meta text with fn applied to each of the first n annotations (i, as
 * annotations_read counts them); the rest of meta as it was. */
static char *rewrite(const char *meta_json, int n, void (*fn)(cJSON *it, int i, const void *ctx), const void *ctx)
{
    cJSON *list;
    cJSON *meta = parse(meta_json, &list);
    int i = 0;
    cJSON *it;
    if (list) {
        cJSON_ArrayForEach(it, list)
        {
            if (!counted(it)) continue;
            if (i < n) fn(it, i, ctx);
            i++;
        }
    }
    return print(meta);
}

typedef struct Move {
    const uint8_t *sel;
    double dx, dy;
} Move;

static void move_one(cJSON *it, int i, const void *ctx)
{
    const Move *mv = ctx;
    if (!mv->sel[i]) return;
    set_num(it, "x", num(it, "x") + mv->dx);
    set_num(it, "y", num(it, "y") + mv->dy);
}

char *annotations_move(const char *meta_json, const uint8_t *sel, int n, double dx, double dy)
{
    Move mv = {sel, dx, dy};
    return rewrite(meta_json, n, move_one, &mv);
}

typedef struct Place {
    const uint8_t *place;
    const double *box;
} Place;

static void place_one(cJSON *it, int i, const void *ctx)
{
    const Place *pl = ctx;
    if (!pl->place[i]) return;
    static const char *const keys[4] = {"x", "y", "w", "h"};
    for (int k = 0; k < 4; k++) set_num(it, keys[k], pl->box[4 * i + k]);
}

char *annotations_place(const char *meta_json, const uint8_t *place, const double *box, int n)
{
    Place pl = {place, box};
    return rewrite(meta_json, n, place_one, &pl);
}

/* meta_json parsed for adding annotations: an object (a new one when there is none) with
 * an "annotations" array, *list. */
static cJSON *parse_to_add(const char *meta_json, cJSON **list)
{
    cJSON *meta = meta_json ? cJSON_Parse(meta_json) : NULL;
    if (!cJSON_IsObject(meta)) {
        cJSON_Delete(meta);
        meta = cJSON_CreateObject();
    }
    *list = cJSON_GetObjectItemCaseSensitive(meta, "annotations");
    if (!cJSON_IsArray(*list)) {
        cJSON_DeleteItemFromObjectCaseSensitive(meta, "annotations");
        *list = cJSON_AddArrayToObject(meta, "annotations");
    }
    return meta;
}

char *annotations_add(const char *meta_json, AnnotationType type, const char *text, double x, double y, double w,
                      double h)
{
    cJSON *list;
    cJSON *meta = parse_to_add(meta_json, &list);
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "type", annotation_type_name(type));
    if (text && *text) cJSON_AddStringToObject(a, "text", text);
    cJSON_AddNumberToObject(a, "x", x);
    cJSON_AddNumberToObject(a, "y", y);
    bool line = type == ANN_LINE || type == ANN_ARROW; /* w, h: to the end point */
    if (w > 0 || line) cJSON_AddNumberToObject(a, "w", w);
    if (h > 0 || line) cJSON_AddNumberToObject(a, "h", h);
    cJSON_AddItemToArray(list, a);
    return print(meta); /* never NULL: it holds the new one */
}

char *annotations_subset(const char *meta_json, const uint8_t *sel, int n)
{
    cJSON *list;
    cJSON *meta = parse(meta_json, &list);
    cJSON *out = cJSON_CreateObject(), *kept = cJSON_AddArrayToObject(out, "annotations");
    int i = 0;
    cJSON *it;
    if (list) {
        cJSON_ArrayForEach(it, list)
        {
            if (!counted(it)) continue;
            if (i < n && sel[i]) cJSON_AddItemToArray(kept, cJSON_Duplicate(it, true));
            i++;
        }
    }
    cJSON_Delete(meta);
    if (cJSON_GetArraySize(kept) == 0) {
        cJSON_Delete(out);
        return NULL;
    }
    return print(out);
}

char *annotations_append(const char *meta_json, const char *from_meta, double dx, double dy)
{
    cJSON *from_list;
    cJSON *from = parse(from_meta, &from_list);
    cJSON *list;
    cJSON *meta = parse_to_add(meta_json, &list);
    cJSON *it;
    if (from_list) {
        cJSON_ArrayForEach(it, from_list)
        {
            if (!counted(it)) continue;
            cJSON *a = cJSON_Duplicate(it, true);
            set_num(a, "x", num(a, "x") + dx);
            set_num(a, "y", num(a, "y") + dy);
            cJSON_AddItemToArray(list, a);
        }
    }
    cJSON_Delete(from);
    return print(meta);
}

char *annotations_delete(const char *meta_json, const uint8_t *sel, int n)
{
    cJSON *list;
    cJSON *meta = parse(meta_json, &list);
    if (list) {
        int i = 0;
        for (cJSON *it = list->child, *next; it; it = next) {
            next = it->next;
            if (!counted(it)) continue;
            if (i < n && sel[i]) cJSON_Delete(cJSON_DetachItemViaPointer(list, it));
            i++;
        }
        if (cJSON_GetArraySize(list) == 0) cJSON_DeleteItemFromObjectCaseSensitive(meta, "annotations");
    }
    return print(meta);
}

typedef struct SetText {
    int index;
    const char *text;
} SetText;

static void set_text_one(cJSON *it, int i, const void *ctx)
{
    const SetText *st = ctx;
    if (i != st->index) return;
    cJSON *old = cJSON_GetObjectItemCaseSensitive(it, "text");
    if (st->text && *st->text && cJSON_IsString(old)) { /* in place: the key keeps its order */
        cJSON_SetValuestring(old, st->text);
        return;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(it, "text");
    if (st->text && *st->text) cJSON_AddStringToObject(it, "text", st->text);
}

char *annotations_set_text(const char *meta_json, int i, const char *text)
{
    SetText st = {i, text};
    return rewrite(meta_json, i + 1, set_text_one, &st);
}
