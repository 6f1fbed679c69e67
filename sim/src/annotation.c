/*
 * annotation.c - reading and changing the free annotations kept in a diagram's meta
 * (annotation.h). Changes go through cJSON on a copy of meta, so the keys archsim does
 * not know stay; the app commits the new text as one edit.
 */
#include "sim/annotation.h"

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
        char *t = cJSON_PrintUnformatted(meta);
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

char *annotations_move(const char *meta_json, const uint8_t *sel, int n, double dx, double dy)
{
    cJSON *list;
    cJSON *meta = parse(meta_json, &list);
    int i = 0;
    cJSON *it;
    if (list) {
        cJSON_ArrayForEach(it, list)
        {
            if (!counted(it)) continue;
            if (i < n && sel[i]) {
                set_num(it, "x", num(it, "x") + dx);
                set_num(it, "y", num(it, "y") + dy);
            }
            i++;
        }
    }
    return print(meta);
}

char *annotations_place(const char *meta_json, const uint8_t *place, const double *box, int n)
{
    cJSON *list;
    cJSON *meta = parse(meta_json, &list);
    int i = 0;
    cJSON *it;
    if (list) {
        cJSON_ArrayForEach(it, list)
        {
            if (!counted(it)) continue;
            if (i < n && place[i]) {
                set_num(it, "x", box[4 * i]);
                set_num(it, "y", box[4 * i + 1]);
                set_num(it, "w", box[4 * i + 2]);
                set_num(it, "h", box[4 * i + 3]);
            }
            i++;
        }
    }
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

char *annotations_set_text(const char *meta_json, int i, const char *text)
{
    cJSON *list;
    cJSON *meta = parse(meta_json, &list);
    int k = 0;
    cJSON *it;
    if (list) {
        cJSON_ArrayForEach(it, list)
        {
            if (!counted(it)) continue;
            if (k++ != i) continue;
            if (text && *text) {
                cJSON *old = cJSON_GetObjectItemCaseSensitive(it, "text");
                if (cJSON_IsString(old)) cJSON_SetValuestring(old, text);
                else {
                    cJSON_DeleteItemFromObjectCaseSensitive(it, "text");
                    cJSON_AddStringToObject(it, "text", text);
                }
            } else {
                cJSON_DeleteItemFromObjectCaseSensitive(it, "text");
            }
            break;
        }
    }
    return print(meta);
}
