/*
 * i18n.h - the languages the library writes reports in (English, Russian, Ukrainian)
 * and what its message tables share: the language of a code, the counted words, and a
 * printf-checked way to print a message. Internal to sim/src (grade.c,
 * requirements.c, envelope.c); not part of the public headers.
 *
 * The translations themselves are in the message catalogue (po/ru.po, po/uk.po; see
 * sim/tr.h): one way to translate for the library, the CLI and the app. A file's
 * messages are an X-macro table of their English text, one entry per message:
 *
 *     X(ID, (parameters), (arguments), (sample arguments), N_("English format"))
 *
 * The file defines `static const char *const messages[MSG_COUNT]` and the enum with
 * I18N_MESSAGE_ID and I18N_MESSAGE_TEXT, then one typed function per message with
 * I18N_MESSAGE_SAY: say_ID(b, l, args...) checks the English format against the real
 * arguments (format attribute) and appends the message in language l from the
 * catalogue (msgfmt --check-format holds each translation to the English format's
 * conversions), so a message's parameters are not called b or l.
 */
#ifndef SIM_I18N_H
#define SIM_I18N_H

#include "sim/tr.h"
#include "sim/util.h"

typedef enum Lang { LANG_EN, LANG_RU, LANG_UK, LANG_COUNT } Lang;

/* The language of a code: "ru" Russian, "uk" Ukrainian; NULL, "en" and any other
 * code English. */
Lang i18n_lang(const char *code);

/* "en", "ru" or "uk" (static). */
const char *i18n_code(Lang l);

/* Which form a word takes after n: the catalogue's plural rule (tr_plural_index):
 * English 0 for 1, else 1; Russian and Ukrainian 0 one (1, 21, 101), 1 few (2-4,
 * 22-24), 2 many (5-20, 25-30, 11-14). */
int i18n_plural(Lang l, long long n);

/* Words that agree with a number before them: X(ID, NP_("counted", one, many)), the
 * English forms; the catalogue has each language's forms (ru, uk: one, few, many; the
 * Russian and Ukrainian forms are nominative unless the comment says otherwise). */
#define I18N_COUNTED(X) \
    X(NOUN_SERVERS, NP_("counted", "server", "servers")) \
    X(NOUN_TIMES, NP_("counted", "time", "times")) \
    /* after "grew to" / "до": the genitive */ \
    X(NOUN_MESSAGES, NP_("counted, genitive", "message", "messages")) \
    /* what was measured: "72 сообщения" */ \
    X(NOUN_MESSAGES_MEASURED, NP_("counted", "message", "messages")) \
    X(NOUN_SLOTS, NP_("counted", "slot", "slots")) \
    X(NOUN_CONNECTIONS, NP_("counted", "connection", "connections")) \
    X(NOUN_INSTANCES, NP_("counted", "instance", "instances")) \
    X(NOUN_WORKERS, NP_("counted", "worker", "workers")) \
    X(NOUN_PARTITIONS, NP_("counted", "partition", "partitions")) \
    /* the verb after "N partitions": "cap" */ \
    X(VERB_CAP, NP_("counted", "caps", "cap")) \
    /* the verb after "N slots": "were busy" */ \
    X(VERB_WERE_BUSY, NP_("counted", "was", "were"))

typedef enum CountedId {
#define X(id, forms) id,
    I18N_COUNTED(X)
#undef X
    COUNTED_COUNT
} CountedId;

/* Word `id` in language l in the form it takes after n (static). */
const char *i18n_counted(Lang l, CountedId id, long long n);

/* The form a word takes after x as it is shown: 0 one, 1 few, 2 many (i18n_plural), 3
 * when x has a fraction (or is not a count at all). */
int i18n_form(Lang l, double x);

/* "times" after x as it is shown ("29 раз", "22 раза", "14.5 раза", "147 разів"): a
 * whole number takes the counted forms of NOUN_TIMES, a fraction its own (static). */
const char *i18n_times(Lang l, double x);

/* A printf-checked no-op: the compiler compares each translation with the arguments. */
static inline void i18n_check_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void i18n_check_format(const char *fmt, ...)
{
    (void)fmt;
}

/* Appends `fmt` (a message's format in some language: its conversions are the English
 * format's, which i18n_check_format checks) formatted with the arguments that follow. */
void i18n_append(StrBuf *b, const char *fmt, ...);

#define I18N_UNPAREN(...) __VA_ARGS__

/* Expanders for a message table X(ID, (params), (args), (sample), en, ru, uk). */
#define I18N_MESSAGE_ID(id, params, args, sample, en) MSG_##id,
#define I18N_MESSAGE_TEXT(id, params, args, sample, en) [MSG_##id] = en,
#define I18N_MESSAGE_SAY(id, params, args, sample, en)                                       \
    static void say_##id(StrBuf *b, Lang l, I18N_UNPAREN params)                             \
    {                                                                                        \
        i18n_check_format(en, I18N_UNPAREN args);                                            \
        i18n_append(b, tr_in(i18n_code(l), messages[MSG_##id]), I18N_UNPAREN args);          \
    }

#endif
