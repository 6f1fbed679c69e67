/*
 * ids.c - node ids for new, pasted and renamed nodes: unique within the model and
 * made of safe characters, so files, events and reports can refer to them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/util.h"

bool ids_valid(const char *id)
{
    if (!id || !*id) return false;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        if (!(isalnum(*p) || *p == '_' || *p == '-' || *p == '.')) return false;
    return true;
}

void ids_slug(const char *text, char *out, size_t cap)
{
    size_t n = 0;
    bool sep = false;
    for (const unsigned char *p = (const unsigned char *)text; *p && n + 1 < cap; p++) {
        if (isalnum(*p) && *p < 128) {
            if (sep && n > 0 && n + 2 < cap) out[n++] = '_';
            out[n++] = (char)tolower(*p);
            sep = false;
        } else {
            sep = true;
        }
    }
    out[n] = 0;
    if (n == 0) snprintf(out, cap, "node");
}

char *ids_unique_node_id(const Model *m, const char *base)
{
    char clean[64];
    ids_slug(base, clean, sizeof clean);
    if (model_find_node(m, clean) < 0) return xstrdup(clean);
    /* "service_2" from "service", and "service_3" from "service_2". */
    char stem[64];
    snprintf(stem, sizeof stem, "%s", clean);
    char *us = strrchr(stem, '_');
    if (us && us[1]) {
        bool digits = true;
        for (char *p = us + 1; *p; p++) digits &= isdigit((unsigned char)*p) != 0;
        if (digits) *us = 0;
    }
    for (int k = 2;; k++) {
        char *id = xasprintf("%s_%d", stem, k);
        if (model_find_node(m, id) < 0) return id;
        free(id);
    }
}

/* Whether s is stem, or stem, sep and a number ("service_2" of "service" and '_'). */
static bool numbered(const char *s, const char *stem, char sep)
{
    size_t n = strlen(stem);
    if (strncmp(s, stem, n) != 0) return false;
    if (s[n] == 0) return true;
    if (s[n] != sep || !s[n + 1]) return false;
    for (const char *p = s + n + 1; *p; p++)
        if (!isdigit((unsigned char)*p)) return false;
    return true;
}

bool ids_made_from(const char *id, const char *label)
{
    if (!id || !label || !*label) return false;
    char slug[64];
    ids_slug(label, slug, sizeof slug);
    return numbered(id, slug, '_');
}

bool ids_has_word(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; p && *p; p++)
        if (*p < 128 && isalnum(*p)) return true;
    return false;
}

bool ids_placed_as(const char *id, const char *label, NodeKind kind)
{
    if (!id || !label || !ids_made_from(id, node_kind_name(kind))) return false;
    return numbered(label, kind_label(kind), ' '); /* in the app's language, as placing named it */
}
