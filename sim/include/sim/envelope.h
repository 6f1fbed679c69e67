/*
 * envelope.h - the back-of-the-envelope sheet of a scenario: the quantities an
 * interviewer expects a candidate to estimate (peak requests per second, storage per
 * year, bandwidth, cache memory, ...), each with its expected value and the arithmetic
 * that gives it, and the check of a user's estimate against it.
 *
 * The quantities come from scenario.envelope (each the product of its factors, see
 * docs/format.md); peak requests per second is derived from the traffic when the
 * scenario does not list one. Estimates are typed as text with units ("300k", "45 TB",
 * "3 Gbit/s") and parsed here, so the CLI and the app accept the same forms and give
 * the same verdicts (docs/envelope.md).
 *
 * The sheet speaks English, Russian and Ukrainian: the *_in() functions take a language
 * code ("en", "ru", "uk"; NULL is English). The quantities' labels, factor labels and
 * notes come from the file's translation for that language (scenario.translations.<lang>
 * .envelope, any code), falling back to English for what it lacks; the sheet's own words
 * (verdicts, messages, "requests/s", "billion") are in English, Russian or Ukrainian, and
 * English for any other code. Numbers take the calling thread's style (numfmt.h: a
 * decimal comma on the app's screen in Russian and Ukrainian, a point elsewhere); Russian
 * and Ukrainian group thousands with a no-break space ("31 536 000"); unit symbols (GB,
 * Gbit/s) stay Latin. Estimates are read as the language writes numbers (numfmt_scan:
 * "1,5" and "20 000" in Russian, "20,000" in English), and Russian and Ukrainian units
 * and magnitudes are read too ("45 ТБ", "60 млрд", "300 тыс. запросов/с").
 */
#ifndef SIM_ENVELOPE_H
#define SIM_ENVELOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/diag.h"
#include "sim/model.h"

#define ENVELOPE_FORMAT "archsim-envelope/1"
#define ENVELOPE_PEAK_ID "peak_rps"
/* Verdict bands on the ratio of estimate and expected value, either way. */
#define ENVELOPE_GOOD_WITHIN 2.0   /* good: within 2x */
#define ENVELOPE_CLOSE_WITHIN 10.0 /* close: the same order of magnitude; beyond: off */

/* One quantity of the sheet. Strings are owned by the sheet. */
typedef struct EnvelopeLine {
    char *id;          /* "storage_per_year" */
    char *label;       /* "Tweet storage per year" */
    EnvelopeUnit unit;
    double value;      /* the expected value, in the unit (bytes, bytes/s, ...) */
    char *value_text;  /* "43.5 TB", "1.8 GB/s (14.4 Gbit/s)" */
    char *arithmetic;  /* "4,600 tweets/s on average × 300 bytes per tweet × ... = 43.5 TB" */
    char *note;        /* assumptions and sources, or NULL */
    bool derived;      /* peak_rps computed from the traffic */
} EnvelopeLine;

typedef struct EnvelopeSheet {
    EnvelopeLine *lines; /* the derived peak first (when there is one), then file order */
    int n_lines;
    char *lang;          /* the language asked for ("ru", "pt-BR"), NULL = English; owned */
} EnvelopeSheet;

/* Quantity it's expected value: the product of its factors (divided by those marked
 * divide); 1 with none. */
double envelope_item_value(const EnvelopeItem *it);

/* The sheet of `m`: the derived peak when the scenario has open-loop traffic and no
 * quantity "peak_rps", then every scenario.envelope quantity. Never NULL (n_lines is 0
 * when there is nothing to estimate). The caller destroys it. envelope_sheet_create()
 * is the English sheet; envelope_sheet_create_in() is in `lang` (see above): labels,
 * arithmetic (with the translated factor labels), values and notes. envelope_text(),
 * envelope_json() and envelope_answers_check() speak the sheet's language. */
EnvelopeSheet *envelope_sheet_create(const Model *m);
EnvelopeSheet *envelope_sheet_create_in(const Model *m, const char *lang);
void envelope_sheet_destroy(EnvelopeSheet *s);
/* Index of the line with this id, or -1. */
int envelope_sheet_find(const EnvelopeSheet *s, const char *id);

/* The largest total rate of the open-loop request types over the run (surges
 * included, overlapping ones multiplied): false when there is no open-loop traffic.
 * *at_s is the first moment it is reached; *arithmetic (caller frees, may be NULL)
 * reads "10,000 read/s × 2 surge at 15 s + 100 write/s = 20,100 requests/s". */
bool envelope_peak_rps(const Model *m, double *rps, double *at_s, char **arithmetic);
/* The same with the arithmetic in `lang`: "10 000 read/с × 2 (всплеск на 15 с) + ...". */
bool envelope_peak_rps_in(const Model *m, const char *lang, double *rps, double *at_s,
                          char **arithmetic);

/* A factor for people: thousands separators, at most three decimals ("31,536,000",
 * "0.2", "1.5"; in Russian and Ukrainian "31 536 000" with no-break spaces). */
void envelope_format_number(double v, char *out, size_t cap);
void envelope_format_number_in(double v, const char *lang, char *out, size_t cap);
/* A value in its unit: "306,000 requests/s", "43.5 TB", "1.8 GB/s (14.4 Gbit/s)",
 * "60 billion" (in Russian "306 000 запросов/с", "60 млрд"). */
void envelope_format_value(EnvelopeUnit u, double v, char *out, size_t cap);
void envelope_format_value_in(EnvelopeUnit u, double v, const char *lang, char *out,
                              size_t cap);
/* What a unit is called in prompts: "requests per second", "bytes", "bandwidth", ...
 * (static). */
const char *envelope_unit_text(EnvelopeUnit u);
const char *envelope_unit_text_in(EnvelopeUnit u, const char *lang);

/* Parses an estimate typed by a user into the unit's base (requests/s, bytes,
 * bytes/s, a count). Accepts thousands separators ("20,000"), exponents ("1e6"),
 * magnitudes (k, M, G/B/bn, T, thousand, million, billion), decimal and binary byte
 * prefixes (kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB), bits and bytes per second
 * ("3 Gbps", "3 Gbit/s", "400 MB/s", "400MBps") and "/s" or "per second" after a
 * rate. False with a message in `err` ("expected a number of bytes like 45 TB")
 * when the text is not a positive number of that unit; envelope_parse_in() writes the
 * message in `lang` (give `err` 512 bytes: Cyrillic takes two a letter; a longer
 * message is cut at a character boundary). The accepted forms do not depend on the
 * language. Linear in the text; text over ENVELOPE_ESTIMATE_MAX_CHARS is refused. */
bool envelope_parse(EnvelopeUnit u, const char *text, double *out, char *err, size_t err_cap);
/* An estimate longer than this many characters is refused at once ("too long"): the
 * parser takes time linear in the text, and no estimate needs more. */
#define ENVELOPE_ESTIMATE_MAX_CHARS 100
bool envelope_parse_in(EnvelopeUnit u, const char *text, const char *lang, double *out,
                       char *err, size_t err_cap);

typedef enum EnvelopeVerdict { ENV_GOOD, ENV_CLOSE, ENV_OFF, ENV_VERDICT_COUNT } EnvelopeVerdict;

typedef struct EnvelopeCheck {
    EnvelopeVerdict verdict;
    double ratio;   /* estimate / expected */
    char text[200]; /* "good (spot on)", "close: about 3.2 times too low", "off: about 8
                       times too high (bits instead of bytes?)" */
    char brief[64]; /* for a narrow column: "good", "close · 3.2× low", "off · 12k× high" */
} EnvelopeCheck;

/* The verdict on an estimate (both > 0): good within ENVELOPE_GOOD_WITHIN either way,
 * close within ENVELOPE_CLOSE_WITHIN, otherwise off; envelope_check_in() words the
 * texts in `lang` ("близко: примерно в 3.2 раза меньше"). */
EnvelopeCheck envelope_check(double estimate, double expected);
EnvelopeCheck envelope_check_in(double estimate, double expected, const char *lang);
const char *envelope_verdict_name(EnvelopeVerdict v); /* "good", "close", "off" */
/* The verdict as a word in `lang`: "good", "хорошо", "добре" (static). */
const char *envelope_verdict_word(EnvelopeVerdict v, const char *lang);

/* A user's estimate of one quantity, as typed: id "storage_per_year", text "45 TB". */
typedef struct EnvelopeAnswer {
    const char *id;
    const char *text;
} EnvelopeAnswer;

/* Checks that every answer names a quantity of the sheet and parses in its unit; each
 * problem is added to `d` with the id as its path. True when all are fine. */
bool envelope_answers_check(const EnvelopeSheet *s, const EnvelopeAnswer *a, int n_answers,
                            DiagList *d);

/* The sheet for a terminal: per quantity its label, arithmetic and note, and the
 * verdict on the user's estimate when there is one (the last answer for an id
 * counts; answers that do not parse are skipped: check them first). With `quiz`,
 * quantities without an estimate show no answer. Caller frees. */
char *envelope_text(const Model *m, const EnvelopeSheet *s, const EnvelopeAnswer *a,
                    int n_answers, bool quiz);
/* The same as JSON (format ENVELOPE_FORMAT, docs/envelope.md). Caller frees. */
char *envelope_json(const Model *m, const EnvelopeSheet *s, const EnvelopeAnswer *a,
                    int n_answers, bool quiz);
/* How many answers (after parsing) are off: the CLI exits 1 when any is. */
int envelope_count_off(const EnvelopeSheet *s, const EnvelopeAnswer *a, int n_answers);

/* For tests and translators: the number of texts envelope.c has (messages and fixed
 * words), and text i in `lang` filled with sample arguments. Caller frees; NULL when i
 * is out of [0, envelope_message_count()). */
int envelope_message_count(void);
char *envelope_message_sample(int i, const char *lang);

#endif
