/*
 * i18n.c - languages, plural forms and counted words shared by the message tables of
 * grade.c, requirements.c and envelope.c (see i18n.h); the words come from the catalogue.
 */
#include "i18n.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const lang_codes[LANG_COUNT] = {"en", "ru", "uk"};

/* {context, one, many} of each counted word (the English forms; the catalogue has the rest). */
static const char *const counted[COUNTED_COUNT][3] = {
#define X(id, forms) [id] = {forms},
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
    return tr_plural_index(i18n_code(l), (unsigned long)(n % 1000000000LL + (n >= 1000000000LL ? 1000000000LL : 0)));
}

const char *i18n_counted(Lang l, CountedId id, long long n)
{
    if (n < 0) n = -n;
    return tr_npin(i18n_code(l), counted[id][0], counted[id][1], counted[id][2], (unsigned long)(n % 1000000000LL + (n >= 1000000000LL ? 1000000000LL : 0)));
}

int i18n_form(Lang l, double x)
{
    if (!isfinite(x) || x != floor(x) || fabs(x) >= 1e18) return 3;
    return i18n_plural(l, (long long)x);
}

const char *i18n_times(Lang l, double x)
{
    if (i18n_form(l, x) == 3) return tr_pin(i18n_code(l), "after a fraction", "times");
    return i18n_counted(l, NOUN_TIMES, (long long)x);
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
