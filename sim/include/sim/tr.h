/*
 * tr.h - marks a string a person reads for translation, GNU gettext style, and picks
 * the language it is read in.
 *
 *     _("Run")                 the text in the current language (the "archsim"
 *                              catalogue; the English text itself when the catalogue
 *                              lacks it or the language is English)
 *     N_("Run")                marks a string in a static table; translate it with _()
 *                              where it is shown
 *     P_("%d server", "%d servers", n)   the plural form n takes in the current language
 *     C_("verb", "Run")        the same English word in another sense (msgctxt)
 *     tr_in("ru", "Run")       in a language named per call (reports in a chosen
 *                              language: archsim-cli run --lang ru, grade_create_in())
 *
 * The catalogues are GNU gettext's: po/<lang>.po, compiled by msgfmt into
 * <localedir>/<lang>/LC_MESSAGES/archsim.mo (the build tree's locale/ folder, or the
 * install prefix's share/locale). They are read here, not by libintl: libintl knows one
 * language per process (LANGUAGE, read from the environment on every call, which a
 * thread cannot change safely while another reads it), and the library must give any
 * language per call from any thread. A catalogue is read once, on first use, under a
 * lock, and never changes after, so lookups from any number of threads need no lock.
 * The current language is one atomic value; tr_set_lang() is for the program's start
 * and the app's language setting.
 *
 * The functions carry format_arg, so printf(_("%d servers"), n) is still checked by the
 * compiler; msgfmt --check-format checks each translation's conversions.
 */
#ifndef SIM_TR_H
#define SIM_TR_H

#include <stdbool.h>
#include <stddef.h>

#define ARCHSIM_TEXTDOMAIN "archsim"

#define TR_FMT(i) __attribute__((format_arg(i)))

/* msgid in the current language (static, or msgid itself). */
const char *tr_gettext(const char *msgid) TR_FMT(1);
/* The form n takes: `one` for English 1, `many` otherwise; a catalogue's forms by its
 * language's rule. */
const char *tr_ngettext(const char *one, const char *many, unsigned long n) TR_FMT(1) TR_FMT(2);
/* msgid with a context (msgctxt) in the current language. */
const char *tr_pgettext(const char *ctx, const char *msgid) TR_FMT(2);

/* The same in language `lang` ("ru", "uk", "en"; NULL, and a language without a
 * catalogue: English). */
const char *tr_in(const char *lang, const char *msgid) TR_FMT(2);
const char *tr_nin(const char *lang, const char *one, const char *many, unsigned long n) TR_FMT(2) TR_FMT(3);

/* With a context (msgctxt) in language `lang`. */
const char *tr_pin(const char *lang, const char *ctx, const char *msgid) TR_FMT(3);
const char *tr_npin(const char *lang, const char *ctx, const char *one, const char *many, unsigned long n) TR_FMT(3)
    TR_FMT(4);

#define _(s) tr_gettext(s)
#define N_(s) s
#define P_(one, many, n) tr_ngettext(one, many, (unsigned long)(n))
#define C_(ctx, s) tr_pgettext(ctx, s)
/* In a static table: a {context, text} pair, and a {context, one, many} triple (the
 * initializers they expand to), looked up with tr_pin() and tr_npin() where shown. */
#define NC_(ctx, s) ctx, s
#define NP_(ctx, one, many) ctx, one, many

/* The languages archsim speaks, English first (static, TR_N_LANGS codes). */
#define TR_N_LANGS 3
extern const char *const tr_langs[TR_N_LANGS];
/* Each language's name in itself: "English", "Русский", "Українська" (static). */
extern const char *const tr_lang_names[TR_N_LANGS];

/* The index of `lang` in tr_langs: 0 (English) for NULL, -1 when archsim does not
 * speak it. */
int tr_lang_index(const char *lang);

/* A known language's code for `code` ("ru", "ru_RU.UTF-8", "uk_UA" give "ru", "uk";
 * static), or NULL when archsim does not speak it. */
const char *tr_known(const char *code);

/* Make `lang` the current language; false (and no change) when it is not one of
 * tr_langs. Safe from any thread; texts already returned stay valid. */
bool tr_set_lang(const char *lang);
/* The current language's code ("en" until set; static). */
const char *tr_lang(void);

/* The language the environment asks for, as gettext reads it: LANGUAGE's first known
 * entry, else LC_ALL, LC_MESSAGES, LANG; "en" when none names a known language. */
const char *tr_env_lang(void);

/* The folder holding <lang>/LC_MESSAGES/archsim.mo. Without a call: $ARCHSIM_LOCALEDIR,
 * else the build tree's locale/ when it has one, else the install prefix's share/locale.
 * Call before the first lookup (a catalogue once read is kept). */
void tr_set_localedir(const char *dir);
/* Whether language `lang`'s catalogue was found and read (reads it if need be). */
bool tr_has_catalogue(const char *lang);

/* The index of the plural form n takes in `lang` (English: 0 for 1, else 1; Russian and
 * Ukrainian: 0 for 1, 21, 101; 1 for 2-4, 22-24; 2 for 0, 5-20, 25-30, 11-14), as the
 * Plural-Forms of po/<lang>.po say. */
int tr_plural_index(const char *lang, unsigned long n);

#endif /* SIM_TR_H */
