/*
 * i18n.h - the languages the library writes (English, Russian, Ukrainian) and what
 * its message tables share: the language of a code, the form a word takes after a
 * number, the counted words themselves, and a printf-checked way to print a message.
 * Internal to sim/src (grade.c, requirements.c); not part of the public headers.
 *
 * A file's messages are an X-macro table, one entry per message:
 *
 *     X(ID, (parameters), (arguments), (sample arguments), en, ru, uk)
 *
 * The three formats take the same arguments in the same order. The file defines
 * `static const Text messages[MSG_COUNT]` and the enum with I18N_MESSAGE_ID and
 * I18N_MESSAGE_TEXT, then one typed function per message with I18N_MESSAGE_SAY:
 * say_ID(b, l, args...) passes every translation with the real arguments through
 * i18n_check_format(), so the compiler tells when a translation's conversions do not
 * match the arguments, and appends the one in language l (so a message's parameters
 * are not called b or l).
 */
#ifndef SIM_I18N_H
#define SIM_I18N_H

#include "sim/util.h"

typedef enum Lang { LANG_EN, LANG_RU, LANG_UK, LANG_COUNT } Lang;

typedef struct Text {
    const char *in[LANG_COUNT]; /* indexed by Lang */
} Text;

/* The language of a code: "ru" Russian, "uk" Ukrainian; NULL, "en" and any other
 * code English. */
Lang i18n_lang(const char *code);

/* "en", "ru" or "uk" (static). */
const char *i18n_code(Lang l);

/* Which form a word takes after n: 0 one, 1 few, 2 many. English has two (1: one,
 * else few); Russian and Ukrainian share the rule (1, 21, 101: one; 2-4, 22-24: few;
 * 5-20, 25-30, 11-14: many). */
int i18n_plural(Lang l, long long n);

/* Words that agree with a number before them: X(ID, (en), (ru), (uk)), each (one,
 * few, many) as i18n_plural() picks. Russian and Ukrainian are nominative unless the
 * comment says otherwise. */
#define I18N_COUNTED(X)                                                                      \
    X(NOUN_SERVERS, ("server", "servers", "servers"), ("сервер", "сервера", "серверов"),     \
      ("сервер", "сервери", "серверів"))                                                     \
    X(NOUN_TIMES, ("time", "times", "times"), ("раз", "раза", "раз"),                        \
      ("раз", "рази", "разів"))                                                              \
    /* after "grew to" / "до": the genitive */                                               \
    X(NOUN_MESSAGES, ("message", "messages", "messages"),                                    \
      ("сообщения", "сообщений", "сообщений"), ("повідомлення", "повідомлень", "повідомлень")) \
    X(NOUN_SLOTS, ("slot", "slots", "slots"), ("слот", "слота", "слотов"),                   \
      ("слот", "слоти", "слотів"))                                                           \
    X(NOUN_CONNECTIONS, ("connection", "connections", "connections"),                        \
      ("соединение", "соединения", "соединений"), ("з'єднання", "з'єднання", "з'єднань"))    \
    X(NOUN_INSTANCES, ("instance", "instances", "instances"),                                \
      ("экземпляр", "экземпляра", "экземпляров"), ("екземпляр", "екземпляри", "екземплярів")) \
    X(NOUN_WORKERS, ("worker", "workers", "workers"), ("воркер", "воркера", "воркеров"),     \
      ("воркер", "воркери", "воркерів"))                                                     \
    X(NOUN_PARTITIONS, ("partition", "partitions", "partitions"),                            \
      ("партиция", "партиции", "партиций"), ("партиція", "партиції", "партицій"))             \
    /* the verb after "N partitions": "cap" */                                               \
    X(VERB_CAP, ("caps", "cap", "cap"), ("ограничивает", "ограничивают", "ограничивают"),    \
      ("обмежує", "обмежують", "обмежують"))                                                 \
    /* the verb after "N slots": "were busy" */                                              \
    X(VERB_WERE_BUSY, ("was", "were", "were"), ("был занят", "были заняты", "были заняты"),  \
      ("був зайнятий", "були зайняті", "були зайняті"))

typedef enum CountedId {
#define X(id, en, ru, uk) id,
    I18N_COUNTED(X)
#undef X
    COUNTED_COUNT
} CountedId;

/* Word `id` in language l in the form it takes after n (static). */
const char *i18n_counted(Lang l, CountedId id, long long n);

/* A printf-checked no-op: the compiler compares each translation with the arguments. */
static inline void i18n_check_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void i18n_check_format(const char *fmt, ...)
{
    (void)fmt;
}

/* Appends `fmt` (a translation from a message table, checked by i18n_check_format)
 * formatted with the arguments that follow. */
void i18n_append(StrBuf *b, const char *fmt, ...);

#define I18N_UNPAREN(...) __VA_ARGS__

/* Expanders for a message table X(ID, (params), (args), (sample), en, ru, uk). */
#define I18N_MESSAGE_ID(id, params, args, sample, en, ru, uk) MSG_##id,
#define I18N_MESSAGE_TEXT(id, params, args, sample, en, ru, uk) [MSG_##id] = {{en, ru, uk}},
#define I18N_MESSAGE_SAY(id, params, args, sample, en, ru, uk)                               \
    static void say_##id(StrBuf *b, Lang l, I18N_UNPAREN params)                             \
    {                                                                                        \
        i18n_check_format(en, I18N_UNPAREN args);                                            \
        i18n_check_format(ru, I18N_UNPAREN args);                                            \
        i18n_check_format(uk, I18N_UNPAREN args);                                            \
        i18n_append(b, messages[MSG_##id].in[l], I18N_UNPAREN args);                         \
    }

#endif
