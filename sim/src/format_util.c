/*
 * format_util.c - text helpers shared by the loader, validator and schema export.
 */
#include "format_util.h"

#include "sim/numfmt.h"
#include "sim/tr.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *fmt_shown(const char *s, char *buf, size_t n)
{
    if (!s) return "";
    size_t len = strlen(s), i;
    size_t lim = n - 4;
    if (lim > SHOWN_MAX) lim = SHOWN_MAX;
    if (len > lim) {
        len = lim;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--;
    }
    for (i = 0; i < len; i++) buf[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    if (len < strlen(s)) {
        memcpy(buf + i, "...", 3);
        i += 3;
    }
    buf[i] = 0;
    return buf;
}

int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40) return 99;
    int row[41];
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

void describe_range(StrBuf *b, const FieldDesc *f)
{
    /* in the messages' language, as the sentence around it ("должно быть an integer from
     * 1 to 100000" was half English); the numbers exact, as a file takes them */
    bool whole = f->type == FT_INT || f->type == FT_U64;
    char lo[NUMFMT_CAP], hi[NUMFMT_CAP];
    numfmt_exact(f->min, lo, sizeof lo);
    numfmt_exact(f->max, hi, sizeof hi);
    if (f->min_open)
        sb_printf(b, whole ? _("an integer greater than %s and at most %s") : _("a number greater than %s and at most %s"),
                  lo, hi);
    else
        sb_printf(b, whole ? _("an integer from %s to %s") : _("a number from %s to %s"), lo, hi);
    if (f->unit && f->unit[0]) sb_printf(b, " (%s)", _(f->unit));
}

bool in_range(const FieldDesc *f, double x)
{
    return isfinite(x) && (f->min_open ? x > f->min : x >= f->min) && x <= f->max;
}

bool field_allows(const FieldDesc *table, const char *name, double v)
{
    const FieldDesc *f = schema_find(table, name);
    return f && in_range(f, v) && (f->type != FT_INT || v == floor(v));
}

void json_put_number(StrBuf *b, double x)
{
    char s[40];
    if (!isfinite(x)) {
        sb_puts(b, "null");
        return;
    }
    if (x == floor(x) && fabs(x) <= 9007199254740992.0) {
        snprintf(s, sizeof s, "%.0f", x);
    } else {
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(s, sizeof s, "%.*g", prec, x);
            for (char *c = s; *c; c++)
                if (*c == ',') *c = '.'; /* a locale with a decimal comma */
            if (strtod(s, NULL) == x) break;
        }
    }
    sb_puts(b, s);
}

static void numbers_exact(cJSON *parent)
{
    for (cJSON *c = parent ? parent->child : NULL, *next; c; c = next) {
        next = c->next;
        if (cJSON_IsNumber(c)) {
            StrBuf t;
            sb_init(&t);
            json_put_number(&t, c->valuedouble);
            cJSON *raw = cJSON_CreateRaw(t.data);
            sb_free(&t);
            if (!raw) continue;
            raw->string = c->string; /* the key goes with it, owned or not */
            raw->type |= c->type & cJSON_StringIsConst;
            c->string = NULL;
            cJSON_ReplaceItemViaPointer(parent, c, raw);
        } else if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
            numbers_exact(c);
        }
    }
}

char *json_print_exact(cJSON *doc, bool formatted)
{
    numbers_exact(doc);
    return formatted ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc);
}

void json_put_string(StrBuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    char tmp[8];
    sb_puts(b, "\"");
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        if (s > run) sb_printf(b, "%.*s", (int)(s - run), run);
        switch (c) {
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        case '\n': sb_puts(b, "\\n"); break;
        case '\t': sb_puts(b, "\\t"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case '\b': sb_puts(b, "\\b"); break;
        case '\f': sb_puts(b, "\\f"); break;
        default:
            memcpy(tmp, "\\u00", 4);
            tmp[4] = hex[c >> 4];
            tmp[5] = hex[c & 15];
            tmp[6] = 0;
            sb_puts(b, tmp);
        }
        run = s + 1;
    }
    sb_puts(b, run);
    sb_puts(b, "\"");
}
