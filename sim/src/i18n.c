/*
 * i18n.c - languages, plural forms and counted words shared by the message tables of
 * grade.c and requirements.c (see i18n.h).
 */
#include "i18n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const lang_codes[LANG_COUNT] = {"en", "ru", "uk"};

static const char *const counted[COUNTED_COUNT][LANG_COUNT][3] = {
#define X(id, en, ru, uk) [id] = {{I18N_UNPAREN en}, {I18N_UNPAREN ru}, {I18N_UNPAREN uk}},
    I18N_COUNTED(X)
#undef X
};

Lang i18n_lang(const char *code)
{
    for (int l = 1; l < LANG_COUNT; l++)
        if (code && strcmp(code, lang_codes[l]) == 0) return (Lang)l;
    return LANG_EN;
}

const char *i18n_code(Lang l)
{
    return (unsigned)l < LANG_COUNT ? lang_codes[l] : lang_codes[LANG_EN];
}

int i18n_plural(Lang l, long long n)
{
    if (n < 0) n = -n;
    if (l == LANG_EN) return n == 1 ? 0 : 1;
    long long d = n % 10, h = n % 100;
    if (d == 1 && h != 11) return 0;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return 1;
    return 2;
}

const char *i18n_counted(Lang l, CountedId id, long long n)
{
    return counted[id][l][i18n_plural(l, n)];
}

void i18n_append(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *t = xvasprintf(fmt, ap);
    va_end(ap);
    sb_puts(b, t);
    free(t);
}
