/*
 * tr.c - the message catalogues (tr.h): GNU .mo files compiled by msgfmt from po/<lang>.po,
 * read into memory once per language and looked up by binary search (msgfmt writes the
 * originals sorted, which is what gettext's own reader relies on when it skips the hash
 * table). The plural rules are the ones po/<lang>.po declare in Plural-Forms; test_i18n
 * checks that the two agree.
 */
#include "sim/tr.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

#ifndef ARCHSIM_BUILD_LOCALEDIR
#define ARCHSIM_BUILD_LOCALEDIR ""
#endif
#ifndef ARCHSIM_INSTALL_LOCALEDIR
#define ARCHSIM_INSTALL_LOCALEDIR "/usr/local/share/locale"
#endif

const char *const tr_langs[TR_N_LANGS] = {"en", "ru", "uk"};
const char *const tr_lang_names[TR_N_LANGS] = {"English", "Русский", "Українська"};

#define MO_MAGIC 0x950412deu
#define MO_MAX_BYTES (16u << 20)

typedef struct Catalogue {
    char *data;       /* the .mo file (owned); the strings below point into it */
    size_t len;
    uint32_t n;       /* string pairs */
    uint32_t orig;    /* offset of the originals' (length, offset) table */
    uint32_t trans;   /* offset of the translations' table */
    bool swapped;     /* written on a machine of the other byte order */
} Catalogue;

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static char *localedir;                                /* set by tr_set_localedir (owned) */
static _Atomic(const Catalogue *) loaded[TR_N_LANGS];  /* NULL: not read yet */
static _Atomic int tried[TR_N_LANGS];                  /* read attempted (found or not) */
static _Atomic int current;                            /* index into tr_langs */
static const Catalogue none;                           /* a language without a file */

int tr_lang_index(const char *lang)
{
    if (!lang) return 0;
    for (int i = 0; i < TR_N_LANGS; i++)
        if (strcmp(lang, tr_langs[i]) == 0) return i;
    return -1;
}

const char *tr_known(const char *code)
{
    if (!code || !*code) return NULL;
    for (int i = 0; i < TR_N_LANGS; i++) {
        size_t k = strlen(tr_langs[i]);
        if (strncmp(code, tr_langs[i], k) == 0 && strchr("_.@-", code[k] ? code[k] : '_')) return tr_langs[i];
    }
    return NULL;
}

bool tr_set_lang(const char *lang)
{
    int i = tr_lang_index(lang);
    if (!lang || i < 0) return false;
    atomic_store(&current, i);
    return true;
}

const char *tr_lang(void)
{
    return tr_langs[atomic_load(&current)];
}

const char *tr_env_lang(void)
{
    const char *language = getenv("LANGUAGE");
    if (language && *language) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", language);
        for (char *save = NULL, *t = strtok_r(buf, ":", &save); t; t = strtok_r(NULL, ":", &save)) {
            const char *k = tr_known(t);
            if (k) return k;
        }
    }
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return tr_known(v) ? tr_known(v) : "en";
    }
    return "en";
}

void tr_set_localedir(const char *dir)
{
    pthread_mutex_lock(&load_lock);
    free(localedir);
    localedir = dir ? xstrdup(dir) : NULL;
    pthread_mutex_unlock(&load_lock);
}

static uint32_t u32(const Catalogue *c, uint32_t off)
{
    uint32_t v;
    memcpy(&v, c->data + off, 4);
    if (c->swapped) v = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
    return v;
}

/* String i of table `table`, NULL when it points outside the file. */
static const char *entry(const Catalogue *c, uint32_t table, uint32_t i, uint32_t *len)
{
    uint32_t at = table + 8 * i;
    uint32_t n = u32(c, at), off = u32(c, at + 4);
    if ((size_t)off + n >= c->len || c->data[off + n] != 0) return NULL;
    if (len) *len = n;
    return c->data + off;
}

static Catalogue *parse(char *data, size_t len)
{
    Catalogue c = {data, len, 0, 0, 0, false};
    if (len < 28) return NULL;
    uint32_t magic;
    memcpy(&magic, data, 4);
    if (magic != MO_MAGIC) {
        c.swapped = true;
        if (u32(&c, 0) != MO_MAGIC) return NULL;
    }
    c.n = u32(&c, 8);
    c.orig = u32(&c, 12);
    c.trans = u32(&c, 16);
    if (c.n > len / 16 || (size_t)c.orig + 8ull * c.n > len || (size_t)c.trans + 8ull * c.n > len) return NULL;
    for (uint32_t i = 0; i < c.n; i++)
        if (!entry(&c, c.orig, i, NULL) || !entry(&c, c.trans, i, NULL)) return NULL;
    Catalogue *out = xmalloc(sizeof *out);
    *out = c;
    return out;
}

static const char *dir_of_catalogues(void)
{
    if (localedir) return localedir;
    const char *env = getenv("ARCHSIM_LOCALEDIR");
    if (env && *env) return env;
    if (*ARCHSIM_BUILD_LOCALEDIR) {
        char probe[1024];
        snprintf(probe, sizeof probe, "%s/ru/LC_MESSAGES/%s.mo", ARCHSIM_BUILD_LOCALEDIR, ARCHSIM_TEXTDOMAIN);
        FILE *f = fopen(probe, "rb");
        if (f) {
            fclose(f);
            return ARCHSIM_BUILD_LOCALEDIR;
        }
    }
    return ARCHSIM_INSTALL_LOCALEDIR;
}

static const Catalogue *catalogue(int i)
{
    if (i <= 0) return &none; /* English is the source text */
    const Catalogue *c = atomic_load_explicit(&loaded[i], memory_order_acquire);
    if (c) return c;
    if (atomic_load(&tried[i])) return &none;
    pthread_mutex_lock(&load_lock);
    c = atomic_load(&loaded[i]);
    if (!c && !atomic_load(&tried[i])) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", dir_of_catalogues(), tr_langs[i], ARCHSIM_TEXTDOMAIN);
        size_t len = 0;
        char *data = read_file_max(path, MO_MAX_BYTES, &len);
        Catalogue *p = data ? parse(data, len) : NULL;
        if (!p) free(data);
        if (p) atomic_store_explicit(&loaded[i], p, memory_order_release);
        atomic_store(&tried[i], 1);
        c = p;
    }
    pthread_mutex_unlock(&load_lock);
    return c ? c : &none;
}

bool tr_has_catalogue(const char *lang)
{
    int i = tr_lang_index(lang);
    return i > 0 && catalogue(i) != &none;
}

/* The translation of `key` (msgid, or "ctx\004msgid"), with all its plural forms
 * NUL-separated, and its length; NULL when the catalogue lacks it. */
static const char *lookup(const Catalogue *c, const char *key, uint32_t *len)
{
    uint32_t lo = 0, hi = c->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int d = strcmp(key, entry(c, c->orig, mid, NULL));
        if (d == 0) {
            const char *t = entry(c, c->trans, mid, len);
            return t && *t ? t : NULL;
        }
        if (d < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

int tr_plural_index(const char *lang, unsigned long n)
{
    int i = tr_lang_index(lang);
    if (i == 1 || i == 2) { /* Russian, Ukrainian */
        unsigned long d = n % 10, h = n % 100;
        if (d == 1 && h != 11) return 0;
        if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return 1;
        return 2;
    }
    return n == 1 ? 0 : 1;
}

static const char *in(int i, const char *msgid)
{
    const Catalogue *c = catalogue(i);
    if (c->n == 0 || !msgid) return msgid;
    const char *t = lookup(c, msgid, NULL);
    return t ? t : msgid;
}

static const char *nin(int i, const char *one, const char *many, unsigned long n)
{
    const Catalogue *c = catalogue(i);
    const char *english = n == 1 ? one : many;
    uint32_t len = 0;
    const char *t = c->n ? lookup(c, one, &len) : NULL;
    if (!t) return english;
    int form = tr_plural_index(tr_langs[i], n);
    const char *end = t + len;
    for (int k = 0; k < form; k++) {
        t += strlen(t) + 1;
        if (t >= end) return english; /* fewer forms than the rule: the catalogue is wrong */
    }
    return *t ? t : english;
}

const char *tr_gettext(const char *msgid)
{
    return in(atomic_load(&current), msgid);
}

const char *tr_ngettext(const char *one, const char *many, unsigned long n)
{
    return nin(atomic_load(&current), one, many, n);
}

/* "ctx\004msgid" into key; false when it does not fit. */
static bool context_key(char *key, size_t cap, const char *ctx, const char *msgid)
{
    int n = snprintf(key, cap, "%s\004%s", ctx, msgid);
    return n >= 0 && (size_t)n < cap;
}

static const char *pin(int i, const char *ctx, const char *msgid)
{
    const Catalogue *c = catalogue(i);
    char key[1024];
    if (c->n == 0 || !context_key(key, sizeof key, ctx, msgid)) return msgid;
    const char *t = lookup(c, key, NULL);
    return t ? t : msgid;
}

const char *tr_pgettext(const char *ctx, const char *msgid)
{
    return pin(atomic_load(&current), ctx, msgid);
}

const char *tr_pin(const char *lang, const char *ctx, const char *msgid)
{
    int i = tr_lang_index(lang);
    return pin(i < 0 ? 0 : i, ctx, msgid);
}

const char *tr_npin(const char *lang, const char *ctx, const char *one, const char *many, unsigned long n)
{
    int i = tr_lang_index(lang);
    char key[1024];
    if (i <= 0 || !context_key(key, sizeof key, ctx, one)) return n == 1 ? one : many;
    const char *t = nin(i, key, many, n);
    return t == key ? one : t; /* not in the catalogue: nin() gave the key back for n == 1 */
}

const char *tr_in(const char *lang, const char *msgid)
{
    int i = tr_lang_index(lang);
    return in(i < 0 ? 0 : i, msgid);
}

const char *tr_nin(const char *lang, const char *one, const char *many, unsigned long n)
{
    int i = tr_lang_index(lang);
    return nin(i < 0 ? 0 : i, one, many, n);
}
