/*
 * envelope.c - the back-of-the-envelope sheet (see envelope.h): expected values with
 * their arithmetic, the peak derived from the traffic, number formatting for people,
 * parsing of estimates typed with units, verdicts, and the text and JSON reports.
 *
 * Everything is a function of the model, the answers and the language, so the CLI and
 * the app show the same sheet and the same verdicts.
 *
 * The sheet's own words are in English, Russian and Ukrainian, in the tables below
 * (the scheme of i18n.h, shared with grade.c): MESSAGES (printf formats, each printed
 * through a typed, printf-checked say_ID()), WORDS (fixed texts) and COUNTED (words
 * that agree with the number before them). Counted words here have a fourth form, for
 * numbers with a fraction: Russian and Ukrainian say "в 3.2 раза" (genitive singular),
 * whatever the last digit. The quantities' own words come from the file's translation
 * (scenario_envelope_label_in() and friends).
 */
#include "sim/envelope.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sim/dist.h"
#include "sim/numfmt.h"
#include "sim/sources.h"
#include "sim/util.h"

#define TIMES "\xC3\x97"  /* × */
#define DIVIDE "\xC3\xB7" /* ÷ */
#define NBSP "\xC2\xA0"   /* no-break space: groups thousands in Russian and Ukrainian */
#define MIDDOT "\xC2\xB7" /* · */
#define DASH "\xE2\x80\x94" /* — */

/* ---- texts ------------------------------------------------------------------------------ */

/* Formatted messages: X(ID, (parameters), (arguments), (sample arguments), N_(en)).
 * The three formats take the same arguments in the same order. Sample arguments are
 * evaluated with `l` (the language) in scope, for envelope_message_sample(). */
#define MESSAGES(X) \
    X(PEAK_TYPE, (const char *sep, const char *rate, const char *name), (sep, rate, name), (" + ", "10000", "read"), N_("%s%s %s/s")) \
    X(PEAK_SURGE, (const char *factor, const char *at), (factor, at), ("2", "15"), N_(" \xC3\x97 %s surge at %s s")) \
    X(PEAK_USERS, (const char *sep, const char *users, const char *name, const char *think), (sep, users, name, think), (" + ", "20000", "browse", "1"), N_("%s%s %s users \xC3\xB7 %s s think time")) \
    X(PER_S, (const char *amount), (amount), ("450000"), N_("%s/s")) \
    X(CHECK_GOOD, (double pct, const char *dir), (pct, dir), (30.0, word(l, WORD_HIGH)), N_("good (%.0f%% %s)")) \
    X(CHECK_FAR, (const char *verdict, const char *times, const char *noun, const char *dir, const char *open, const char *why, const char *close), (verdict, times, noun, dir, open, why, close), (word(l, WORD_CLOSE), "3.2", counted(l, ENV_TIMES, 3.2), word(l, WORD_LOW), " (", word(l, SLIP_BITS), ")"), N_("%s: about %s %s too %s%s%s%s")) \
    X(PARSE_EMPTY, (const char *expected), (expected), (word(l, EXPECTED_RPS)), N_("empty; %s")) \
    X(PARSE_NOT_POSITIVE, (const char *shown, const char *expected), (shown, expected), ("-5", word(l, EXPECTED_COUNT)), N_("'%s' is not more than 0; %s")) \
    X(PARSE_NO_NUMBER, (const char *shown, const char *expected), (shown, expected), ("lots", word(l, EXPECTED_RPS)), N_("'%s' does not start with a number; %s")) \
    X(PARSE_UNIT, (const char *shown, const char *rest, const char *expected), (shown, rest, expected), ("5 parsecs", "parsecs", word(l, EXPECTED_BYTES)), N_("'%s': cannot read '%s' as a unit; %s")) \
    X(PARSE_DATA, (const char *shown, const char *expected), (shown, expected), ("45 TB", word(l, EXPECTED_RPS)), N_("'%s' is an amount of data; %s")) \
    X(PARSE_BANDWIDTH, (const char *shown, const char *expected), (shown, expected), ("3 Gbps", word(l, EXPECTED_COUNT)), N_("'%s' is a bandwidth; %s")) \
    X(PARSE_RATE, (const char *shown, const char *expected), (shown, expected), ("3 Gbps", word(l, EXPECTED_BYTES)), N_("'%s' is a rate; %s")) \
    X(PARSE_DATA_NOT_RATE, (const char *shown, const char *expected), (shown, expected), ("400 MB", word(l, EXPECTED_BYTES_PER_S)), N_("'%s' is an amount of data, not per second; %s")) \
    X(PARSE_NEEDS_UNIT, (const char *shown, const char *expected), (shown, expected), ("400", word(l, EXPECTED_BYTES_PER_S)), N_("'%s' needs a unit (bits and bytes differ 8 times); %s")) \
    X(PARSE_TOO_LARGE, (const char *shown, const char *max, const char *expected), (shown, max, expected), ("1e40", "10^30", word(l, EXPECTED_COUNT)), N_("'%s' is too large (over %s); %s")) \
    X(PARSE_TOO_LONG, (const char *start, const char *length, int max, const char *expected), (start, length, max, expected), ("300,000,000,000,000,000,000", "100000", ENVELOPE_ESTIMATE_MAX_CHARS, word(l, EXPECTED_RPS)), N_("'%s...' is too long: %s characters, at most %d (a number and a unit); %s")) \
    X(ANSWER_UNKNOWN_ID, (const char *ids), (ids), ("peak_rps, storage_per_year"), N_("no quantity with this id; ids are: %s")) \
    X(TEXT_TITLE, (const char *title), (title), ("URL shortener"), N_("Back-of-the-envelope: %s\n")) \
    X(TEXT_BANDS, (double good, double close), (good, close), (ENVELOPE_GOOD_WITHIN, ENVELOPE_CLOSE_WITHIN), N_("estimates: good within %gx either way, close within %gx (the same order of magnitude), else off\n")) \
    X(TEXT_ESTIMATE, (const char *text, const char *value, const char *verdict), (text, value, verdict), ("60B", "60 billion", word(l, WORD_SPOT_ON)), N_("  your estimate: %s = %s: %s\n")) \
    X(TEXT_QUIZ, (const char *unit, const char *id), (unit, id), (word(l, UNIT_BYTES), "cache_memory"), N_("  your estimate? (%s) %s=...\n")) \
    X(TEXT_NOTE, (const char *note), (note), ("[D]"), N_("  note: %s\n")) \
    X(TEXT_SUMMARY, (int n, const char *noun, int good, int close, int off), (n, noun, good, close, off), (3, counted(l, ENV_ESTIMATES, 3), 1, 1, 1), N_("\n%d %s: %d good, %d close, %d off\n"))

/* Fixed texts: X(ID, N_(en)). */
#define WORDS(X) \
    X(WORD_GOOD, N_("good")) \
    X(WORD_CLOSE, N_("close")) \
    X(WORD_OFF, N_("off")) \
    X(WORD_SPOT_ON, N_("good (spot on)")) \
    X(WORD_NOT_COMPARABLE, N_("off: not comparable")) \
    /* which way an estimate misses: "30% high", "8 times too low" */ \
    X(WORD_HIGH, N_("high")) \
    X(WORD_LOW, N_("low")) \
    /* a likely slip behind a factor */ \
    X(SLIP_BITS, N_("bits instead of bytes?")) \
    X(SLIP_PREFIX, N_("a k/M/G prefix off?")) \
    X(SLIP_TWO_PREFIXES, N_("two prefixes off?")) \
    X(SLIP_DAY, N_("per day instead of per second?")) \
    X(SLIP_YEAR, N_("per year instead of per second?")) \
    X(SLIP_YEAR_DAY, N_("per year instead of per day?")) \
    X(SLIP_HOUR, N_("per hour instead of per second?")) \
    /* what an estimate of each unit looks like */ \
    X(EXPECTED_RPS, N_("expected requests per second like 300k")) \
    X(EXPECTED_PER_S, N_("expected a number per second like 50k")) \
    X(EXPECTED_BYTES, N_("expected a number of bytes like 45 TB")) \
    X(EXPECTED_BYTES_PER_S, N_("expected a bandwidth like 400 MB/s or 3 Gbit/s")) \
    X(EXPECTED_COUNT, N_("expected a number like 60 billion or 3.5M")) \
    /* what a unit is called (the quiz says what to estimate) */ \
    X(UNIT_RPS, N_("requests per second")) \
    X(UNIT_PER_S, N_("per second")) \
    X(UNIT_BYTES, N_("bytes")) \
    X(UNIT_BYTES_PER_S, N_("bandwidth")) \
    X(UNIT_COUNT, N_("a number")) \
    /* large amounts: "60 billion", "60 млрд" */ \
    X(AMOUNT_MILLION, N_("million")) \
    X(AMOUNT_BILLION, N_("billion")) \
    X(AMOUNT_TRILLION, N_("trillion")) \
    X(AMOUNT_QUADRILLION, N_("quadrillion")) \
    X(PEAK_LABEL, N_("Peak requests per second")) \
    X(PEAK_NOTE, N_("Derived from the scenario's request rates at the busiest moment, surges included.")) \
    X(PEAK_NOTE_USERS, N_("Derived from the scenario's traffic at the busiest moment, surges included; closed-loop users send at most one request each per think time (fewer as responses slow down).")) \
    X(WORD_UNTITLED, N_("(untitled)")) \
    X(WORD_NOTHING, N_("\nNothing to estimate: the scenario has no envelope, and no traffic with a rate or a think time.\n")) \
    X(WORD_NO_IDS, N_("(none: the scenario has no envelope and no traffic)"))

/* Words after a number: X(ID, (en), (ru), (uk)), each (one, few, many, fraction); see
 * i18n_form(). English keeps "requests/s" after any number, as it always has. */
#define COUNTED(X) \
    X(ENV_REQUESTS_S, NP_("counted", "requests/s", "requests/s"), NC_("after a fraction", "requests/s")) \
    X(ENV_TIMES, NP_("counted", "time", "times"), NC_("after a fraction", "times")) \
    X(ENV_ESTIMATES, NP_("counted", "estimate", "estimates"), NC_("after a fraction", "estimates"))

typedef enum MessageId {
    MESSAGES(I18N_MESSAGE_ID)
    MSG_COUNT
} MessageId;

typedef enum WordId {
#define X(id, en) id,
    WORDS(X)
#undef X
    WORD_COUNT
} WordId;

typedef enum EnvCountedId {
#define X(id, forms, fraction) id,
    COUNTED(X)
#undef X
    ENV_COUNTED_COUNT
} EnvCountedId;

static const char *const messages[MSG_COUNT] = {MESSAGES(I18N_MESSAGE_TEXT)};

static const char *const fixed_words[WORD_COUNT] = {
#define X(id, en) [id] = en,
    WORDS(X)
#undef X
};

/* {context, one, many, the fraction's context, after a fraction}: English; the catalogue has the rest. */
static const char *const counted_forms[ENV_COUNTED_COUNT][5] = {
#define X(id, forms, fraction) [id] = {forms, fraction},
    COUNTED(X)
#undef X
};

static const char *word(Lang l, WordId w) { return tr_in(i18n_code(l), fixed_words[w]); }

static const char *counted(Lang l, EnvCountedId id, double x)
{
    const char *const *w = counted_forms[id];
    if (i18n_form(l, x) == 3) return tr_pin(i18n_code(l), w[3], w[4]);
    double n = fabs(x) >= 1e9 ? 1e9 + fmod(fabs(x), 1e9) : fabs(x);
    return tr_npin(i18n_code(l), w[0], w[1], w[2], (unsigned long)n);
}

MESSAGES(I18N_MESSAGE_SAY)

int envelope_message_count(void) { return MSG_COUNT + WORD_COUNT; }

char *envelope_message_sample(int i, const char *lang)
{
    Lang l = i18n_lang(lang);
    StrBuf b;
    sb_init(&b);
    switch (i) {
#define X(id, params, args, sample, en)                                              \
    case MSG_##id: say_##id(&b, l, I18N_UNPAREN sample); break;
        MESSAGES(X)
#undef X
    default:
        if (i < MSG_COUNT || i >= MSG_COUNT + WORD_COUNT) {
            sb_free(&b);
            return NULL;
        }
        sb_puts(&b, word(l, (WordId)(i - MSG_COUNT)));
    }
    return sb_take(&b);
}

/* Copies `s` into out[cap], cut to fit at a character boundary (never inside a UTF-8
 * sequence, so Cyrillic text stays valid). */
static void copy_text(char *out, size_t cap, const char *s)
{
    if (cap == 0) return;
    size_t n = strlen(s);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    memcpy(out, s, n);
    out[n] = 0;
}

/* Moves a formatted message into a caller's fixed buffer (cut to fit). */
static void take_into(StrBuf *b, char *out, size_t cap)
{
    copy_text(out, cap, b->data ? b->data : "");
    sb_free(b);
}

/* ---- formatting ------------------------------------------------------------------------ */

/* Inserts thousands separators (`sep`: "," or a no-break space) into the integer digits
 * of `s` (a plain decimal). */
static void group_digits(const char *s, const char *sep, char *out, size_t cap)
{
    const char *p = s;
    size_t n = 0, sep_n = strlen(sep);
    if (*p == '-') {
        if (n + 1 < cap) out[n++] = '-';
        p++;
    }
    size_t digits = strspn(p, "0123456789");
    for (size_t i = 0; i < digits; i++) {
        if (i > 0 && (digits - i) % 3 == 0 && n + sep_n < cap) {
            memcpy(out + n, sep, sep_n);
            n += sep_n;
        }
        if (n + 1 < cap) out[n++] = p[i];
    }
    for (p += digits; *p && n + 1 < cap; p++) out[n++] = *p;
    out[n] = 0;
}

static void format_number(Lang l, double v, char *out, size_t cap)
{
    if (!isfinite(v)) {
        snprintf(out, cap, "?");
        return;
    }
    double a = fabs(v);
    if (a == 0) {
        snprintf(out, cap, "0");
        return;
    }
    if (a >= 1e15 || a < 1) {
        numfmt_decimal(v, 3, out, cap); /* never an exponent (numfmt.h) */
        return;
    }
    char s[64];
    snprintf(s, sizeof s, "%.3f", v);
    char *dot = strchr(s, '.');
    if (dot) {
        char *end = s + strlen(s);
        while (end > dot + 1 && end[-1] == '0') *--end = 0;
        if (end == dot + 1) *dot = 0;
    }
    group_digits(s, l == LANG_EN ? "," : NBSP, out, cap);
}

void envelope_format_number_in(double v, const char *lang, char *out, size_t cap)
{
    format_number(i18n_lang(lang), v, out, cap);
}

void envelope_format_number(double v, char *out, size_t cap)
{
    format_number(LANG_EN, v, out, cap);
}

/* Counts and rates: grouped below a million, then words with three digits. Returns the
 * number as shown, for the word after it (HUGE_VAL when a magnitude word was used: "1.2
 * million requests" and "1.2 млн запросов" take the "many" form). */
static double format_amount(Lang l, double v, char *out, size_t cap)
{
    static const WordId amounts[] = {AMOUNT_MILLION, AMOUNT_BILLION, AMOUNT_TRILLION,
                                     AMOUNT_QUADRILLION};
    if (!isfinite(v)) {
        snprintf(out, cap, "?");
        return 0;
    }
    if (v >= 999999.5) {
        int k = 0;
        double x = v / 1e6;
        while (x >= 999.5 && k < 3) {
            x /= 1000;
            k++;
        }
        char num[NUMFMT_CAP];
        snprintf(out, cap, "%s %s", numfmt_decimal(x, 3, num, sizeof num), word(l, amounts[k]));
        return 1e6; /* any whole number of the "many" form */
    }
    if (v >= 100) {
        format_number(l, round(v), out, cap);
        return round(v);
    }
    numfmt_decimal(v, 3, out, cap);
    return strtod(out, NULL);
}

/* Three significant digits with a decimal prefix: "43.5 TB", "14.4 Gbit/s". */
static void format_si(double v, const char *const *units, int n_units, char *out, size_t cap)
{
    int k = 0;
    while (fabs(v) >= 999.5 && k < n_units - 1) {
        v /= 1000;
        k++;
    }
    char num[NUMFMT_CAP];
    snprintf(out, cap, "%s %s", numfmt_decimal(v, 3, num, sizeof num), units[k]);
}

static const char *const byte_units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
static const char *const byte_rate_units[] = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s", "PB/s"};
static const char *const bit_rate_units[] = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s",
                                             "Pbit/s"};

static void format_value(Lang l, EnvelopeUnit u, double v, char *out, size_t cap)
{
    char a[64], b[64];
    StrBuf sb;
    switch (u) {
    case ENV_UNIT_RPS: {
        double shown = format_amount(l, v, a, sizeof a);
        snprintf(out, cap, "%s %s", a, counted(l, ENV_REQUESTS_S, shown));
        break;
    }
    case ENV_UNIT_PER_S:
        format_amount(l, v, a, sizeof a);
        sb_init(&sb);
        say_PER_S(&sb, l, a);
        take_into(&sb, out, cap);
        break;
    case ENV_UNIT_BYTES: format_si(v, byte_units, 7, out, cap); break;
    case ENV_UNIT_BYTES_PER_S:
        format_si(v, byte_rate_units, 6, a, sizeof a);
        format_si(v * 8, bit_rate_units, 6, b, sizeof b);
        snprintf(out, cap, "%s (%s)", a, b);
        break;
    default: format_amount(l, v, out, cap); break;
    }
}

void envelope_format_value_in(EnvelopeUnit u, double v, const char *lang, char *out, size_t cap)
{
    format_value(i18n_lang(lang), u, v, out, cap);
}

void envelope_format_value(EnvelopeUnit u, double v, char *out, size_t cap)
{
    format_value(LANG_EN, u, v, out, cap);
}

static const char *unit_text(Lang l, EnvelopeUnit u)
{
    switch (u) {
    case ENV_UNIT_RPS: return word(l, UNIT_RPS);
    case ENV_UNIT_PER_S: return word(l, UNIT_PER_S);
    case ENV_UNIT_BYTES: return word(l, UNIT_BYTES);
    case ENV_UNIT_BYTES_PER_S: return word(l, UNIT_BYTES_PER_S);
    default: return word(l, UNIT_COUNT);
    }
}

const char *envelope_unit_text_in(EnvelopeUnit u, const char *lang)
{
    return unit_text(i18n_lang(lang), u);
}

const char *envelope_unit_text(EnvelopeUnit u) { return unit_text(LANG_EN, u); }

const char *envelope_verdict_name(EnvelopeVerdict v)
{
    static const char *const names[] = {"good", "close", "off"};
    return (unsigned)v < ENV_VERDICT_COUNT ? names[v] : "?";
}

const char *envelope_verdict_word(EnvelopeVerdict v, const char *lang)
{
    static const WordId ids[] = {WORD_GOOD, WORD_CLOSE, WORD_OFF};
    return (unsigned)v < ENV_VERDICT_COUNT ? word(i18n_lang(lang), ids[v]) : "?";
}

/* ---- the derived peak ------------------------------------------------------------------- */

static bool open_loop(const RequestType *r) { return r->users <= 0 && r->rate_rps > 0; }

/* A closed-loop type's most requests per second: each user sends one per think time and
 * response, so at most users / think time (the interactive response time law, with the
 * response taken as 0); 0 without a think time (no bound: left out). Surges multiply
 * rates, not users. */
static double users_bound(const RequestType *r)
{
    double think_s = dist_drawn_mean(&r->think_ms) / 1000;
    return !open_loop(r) && r->users > 0 && think_s > 0 ? r->users / think_s : 0;
}

static bool peak_has_users(const Scenario *s)
{
    for (int i = 0; i < s->n_requests; i++)
        if (users_bound(&s->requests[i]) > 0) return true;
    return false;
}

static double total_rate(const Scenario *s, double t)
{
    double sum = 0;
    for (int i = 0; i < s->n_requests; i++)
        if (open_loop(&s->requests[i]))
            sum += s->requests[i].rate_rps * scenario_surge_factor(s, s->requests[i].name, t);
        else
            sum += users_bound(&s->requests[i]);
    return sum;
}

static bool peak_rps(const Model *m, Lang l, double *rps, double *at_s, char **arithmetic)
{
    const Scenario *s = &m->scenario;
    if (arithmetic) *arithmetic = NULL;
    bool any = false;
    for (int i = 0; i < s->n_requests; i++) any |= open_loop(&s->requests[i]) || users_bound(&s->requests[i]) > 0;
    if (!any) return false;
    /* The total is constant between the starts and ends of surges: the largest value
     * is at one of them (or at 0), within the run. */
    double end_s = s->warmup_s + s->duration_s;
    double best_t = 0, best = total_rate(s, 0);
    for (int k = 0; k < s->n_events; k++) {
        const ScenarioEvent *ev = &s->events[k];
        if (ev->action != EVENT_SURGE) continue;
        double times[2] = {ev->at_s, ev->for_s > 0 ? ev->at_s + ev->for_s : -1};
        for (int j = 0; j < 2; j++) {
            double t = times[j];
            if (t < 0 || t >= end_s) continue;
            double v = total_rate(s, t);
            if (v > best || (v == best && t < best_t)) {
                best = v;
                best_t = t;
            }
        }
    }
    *rps = best;
    if (at_s) *at_s = best_t;
    if (arithmetic) {
        StrBuf b;
        sb_init(&b);
        bool first = true;
        char num[128];
        for (int i = 0; i < s->n_requests; i++) {
            const RequestType *r = &s->requests[i];
            if (users_bound(r) > 0) {
                char think[64];
                format_number(l, r->users, num, sizeof num);
                format_number(l, dist_drawn_mean(&r->think_ms) / 1000, think, sizeof think);
                say_PEAK_USERS(&b, l, first ? "" : " + ", num, r->name ? r->name : "?", think);
                first = false;
                continue;
            }
            if (!open_loop(r)) continue;
            format_number(l, r->rate_rps, num, sizeof num);
            say_PEAK_TYPE(&b, l, first ? "" : " + ", num, r->name ? r->name : "?");
            first = false;
            for (int k = 0; k < s->n_events; k++) {
                const ScenarioEvent *ev = &s->events[k];
                if (ev->action != EVENT_SURGE || best_t < ev->at_s) continue;
                if (ev->for_s > 0 && !(best_t < ev->at_s + ev->for_s)) continue;
                if (ev->request && (!r->name || strcmp(ev->request, r->name) != 0)) continue;
                char f[64], at[64];
                format_number(l, ev->factor, f, sizeof f);
                format_number(l, ev->at_s, at, sizeof at);
                say_PEAK_SURGE(&b, l, f, at);
            }
        }
        format_value(l, ENV_UNIT_RPS, best, num, sizeof num);
        sb_printf(&b, " = %s", num);
        *arithmetic = sb_take(&b);
    }
    return true;
}

bool envelope_peak_rps_in(const Model *m, const char *lang, double *rps, double *at_s,
                          char **arithmetic)
{
    return peak_rps(m, i18n_lang(lang), rps, at_s, arithmetic);
}

bool envelope_peak_rps(const Model *m, double *rps, double *at_s, char **arithmetic)
{
    return peak_rps(m, LANG_EN, rps, at_s, arithmetic);
}

/* ---- the sheet -------------------------------------------------------------------------- */

static void add_line(EnvelopeSheet *sh, int *cap, EnvelopeLine *l)
{
    xgrow((void **)&sh->lines, cap, sh->n_lines + 1, sizeof *sh->lines);
    sh->lines[sh->n_lines++] = *l;
}

double envelope_item_value(const EnvelopeItem *it)
{
    double v = 1;
    for (int k = 0; k < it->n_factors; k++)
        v = it->factors[k].divide ? v / it->factors[k].value : v * it->factors[k].value;
    return v;
}

/* "4,600 tweets/s on average × 300 bytes per tweet × ... = 43.5 TB", the factor labels
 * of quantity i in `lang`. */
static char *item_arithmetic(const Scenario *s, int i, const char *lang, Lang l, double value)
{
    const EnvelopeItem *it = &s->envelope[i];
    StrBuf b;
    sb_init(&b);
    char num[128];
    for (int k = 0; k < it->n_factors; k++) {
        const EnvelopeFactor *f = &it->factors[k];
        const char *label = scenario_envelope_factor_in(s, i, k, lang);
        format_number(l, f->value, num, sizeof num);
        if (k == 0 && f->divide) sb_puts(&b, "1");
        if (k > 0 || f->divide) sb_puts(&b, f->divide ? " " DIVIDE " " : " " TIMES " ");
        sb_puts(&b, num);
        if (label && label[0]) sb_printf(&b, " %s", label);
    }
    format_value(l, it->unit, value, num, sizeof num);
    sb_printf(&b, " = %s", num);
    return sb_take(&b);
}

EnvelopeSheet *envelope_sheet_create_in(const Model *m, const char *lang)
{
    if (lang && strcmp(lang, "en") == 0) lang = NULL;
    Lang l = i18n_lang(lang);
    EnvelopeSheet *sh = xcalloc(1, sizeof *sh);
    sh->lang = xstrdup(lang);
    int cap = 0;
    const Scenario *s = &m->scenario;
    bool listed = false;
    for (int i = 0; i < s->n_envelope; i++)
        listed |= s->envelope[i].id && strcmp(s->envelope[i].id, ENVELOPE_PEAK_ID) == 0;
    double rps, at_s;
    char *arith = NULL;
    char text[128];
    if (!listed && peak_rps(m, l, &rps, &at_s, &arith)) {
        format_value(l, ENV_UNIT_RPS, rps, text, sizeof text);
        EnvelopeLine line = {xstrdup(ENVELOPE_PEAK_ID), xstrdup(word(l, PEAK_LABEL)),
                             ENV_UNIT_RPS, rps, xstrdup(text), arith,
                             xstrdup(word(l, peak_has_users(s) ? PEAK_NOTE_USERS : PEAK_NOTE)), true};
        add_line(sh, &cap, &line);
    }
    for (int i = 0; i < s->n_envelope; i++) {
        const EnvelopeItem *it = &s->envelope[i];
        double v = envelope_item_value(it);
        format_value(l, it->unit, v, text, sizeof text);
        const char *label = scenario_envelope_label_in(s, i, lang);
        EnvelopeLine line = {xstrdup(it->id ? it->id : ""),
                             xstrdup(label && label[0] ? label : (it->id ? it->id : "")),
                             it->unit,
                             v,
                             xstrdup(text),
                             item_arithmetic(s, i, lang, l, v),
                             xstrdup(scenario_envelope_note_in(s, i, lang)),
                             false};
        add_line(sh, &cap, &line);
    }
    return sh;
}

EnvelopeSheet *envelope_sheet_create(const Model *m) { return envelope_sheet_create_in(m, NULL); }

void envelope_sheet_destroy(EnvelopeSheet *s)
{
    if (!s) return;
    for (int i = 0; i < s->n_lines; i++) {
        EnvelopeLine *l = &s->lines[i];
        free(l->id);
        free(l->label);
        free(l->value_text);
        free(l->arithmetic);
        free(l->note);
    }
    free(s->lines);
    free(s->lang);
    free(s);
}

int envelope_sheet_find(const EnvelopeSheet *s, const char *id)
{
    for (int i = 0; id && i < s->n_lines; i++)
        if (strcmp(s->lines[i].id, id) == 0) return i;
    return -1;
}

/* ---- parsing estimates ------------------------------------------------------------------ */

/* Estimates are read in English, Russian and Ukrainian alike: "300k rps", "300 тыс.
 * запросов/с", "45 TB", "45 ТБ", "3 Gbit/s", "3 Гбит/с". Cyrillic is folded to lowercase
 * first (the Latin "B" of bytes and "b" of bits keep their case), and Russian "Б" is a
 * byte, "бит" a bit (GOST 8.417). */

typedef enum Dim { DIM_NONE, DIM_WORD, DIM_PER_S, DIM_BYTES, DIM_BITS, DIM_BYTES_PER_S, DIM_BITS_PER_S } Dim;

static bool ieq(const char *a, const char *b, size_t n) /* a[0..n) equals b, ignoring case */
{
    if (strlen(b) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return false;
    return true;
}

/* True when s starts with a Cyrillic letter (two bytes, U+0400-U+04FF). */
static bool cyrillic_at(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return c >= 0xD0 && c <= 0xD3 && ((unsigned char)s[1] & 0xC0) == 0x80;
}

/* Russian and Ukrainian capitals to lowercase, in place (the length does not change:
 * both cases take two bytes). */
static void fold_cyrillic(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++) {
        if (p[0] == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F) {
            p[1] += 0x20; /* А-П */
        } else if (p[0] == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) {
            p[0] = 0xD1; /* Р-Я */
            p[1] -= 0x20;
        } else if (p[0] == 0xD0 && p[1] >= 0x80 && p[1] <= 0x8F) {
            p[0] = 0xD1; /* Ё, Є, І, Ї */
            p[1] += 0x10;
        } else if (p[0] == 0xD2 && p[1] == 0x90) {
            p[1] = 0x91; /* Ґ */
        } else {
            continue;
        }
        p++;
    }
}

/* Length of a "per second" ending at the start of s ("/s", "/sec", "/second", "ps",
 * "per second", "a second", "/с", "в секунду", "за секунду"); 0 when there is none.
 * `ps` only counts when allowed (right after a unit: "Mbps", "MBps"). */
static size_t per_second(const char *s, bool ps_ok)
{
    static const char *const forms[] = {"/s",          "/sec",         "/second", "per second",
                                        "per sec",     "a second",     "/ s",     "s^-1",
                                        "/с",          "/ с",          "/сек",    "в секунду",
                                        "за секунду",  "в сек",        "за сек",  NULL};
    size_t skip = 0;
    while (s[skip] == ' ') skip++;
    for (int i = 0; forms[i]; i++)
        if (ieq(s + skip, forms[i], strlen(s + skip))) return skip + strlen(forms[i]);
    if (ps_ok && skip == 0 && ieq(s, "ps", strlen(s))) return 2;
    return 0;
}

/* Case-insensitive: s starts with w. */
static bool starts_with_i(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)w[i])) return false;
    return true;
}

/* A word that reads as a magnitude or a unit ("millions", "kilos", "megs") is not a
 * free word to be ignored: "3 millions" must not be read as 3. */
static bool looks_like_magnitude(const char *s)
{
    static const char *const stems[] = {
        "thousand", "million", "billion", "trillion", "mln",  "bln",   "bn",   "kilo",
        "meg",      "gig",     "tera",    "peta",     "byte", "bit",   "тыс",  "тис",
        "млн",      "млрд",    "трлн",    "милл",     "міль", "трил",  "кило", "кіло",
        "мега",     "гига",    "гіга",    "тера",     "пета", "байт",  "бит",  "біт",
        NULL};
    for (int i = 0; stems[i]; i++)
        if (starts_with_i(s, stems[i])) return true;
    return false;
}

/* Russian and Ukrainian data units, prefix included (folded to lowercase). Longer
 * ones first where one starts another ("мбит" before "мб"); `inflects`: endings may
 * follow ("байтов", "бітів"). */
static const struct {
    const char *text;
    double mult;
    Dim dim;
    bool inflects;
} cyrillic_units[] = {
    {"килобайт", 1e3, DIM_BYTES, true},  {"кілобайт", 1e3, DIM_BYTES, true},
    {"мегабайт", 1e6, DIM_BYTES, true},  {"гигабайт", 1e9, DIM_BYTES, true},
    {"гігабайт", 1e9, DIM_BYTES, true},  {"терабайт", 1e12, DIM_BYTES, true},
    {"петабайт", 1e15, DIM_BYTES, true}, {"килобит", 1e3, DIM_BITS, true},
    {"кілобіт", 1e3, DIM_BITS, true},    {"мегабит", 1e6, DIM_BITS, true},
    {"мегабіт", 1e6, DIM_BITS, true},    {"гигабит", 1e9, DIM_BITS, true},
    {"гігабіт", 1e9, DIM_BITS, true},    {"терабит", 1e12, DIM_BITS, true},
    {"терабіт", 1e12, DIM_BITS, true},   {"кбайт", 1e3, DIM_BYTES, true},
    {"мбайт", 1e6, DIM_BYTES, true},     {"гбайт", 1e9, DIM_BYTES, true},
    {"тбайт", 1e12, DIM_BYTES, true},    {"пбайт", 1e15, DIM_BYTES, true},
    {"кбит", 1e3, DIM_BITS, true},       {"кбіт", 1e3, DIM_BITS, true},
    {"мбит", 1e6, DIM_BITS, true},       {"мбіт", 1e6, DIM_BITS, true},
    {"гбит", 1e9, DIM_BITS, true},       {"гбіт", 1e9, DIM_BITS, true},
    {"тбит", 1e12, DIM_BITS, true},      {"тбіт", 1e12, DIM_BITS, true},
    {"байт", 1, DIM_BYTES, true},        {"бит", 1, DIM_BITS, true},
    {"біт", 1, DIM_BITS, true},          {"киб", 1024.0, DIM_BYTES, false},
    {"кіб", 1024.0, DIM_BYTES, false},   {"миб", 1048576.0, DIM_BYTES, false},
    {"міб", 1048576.0, DIM_BYTES, false}, {"гиб", 1073741824.0, DIM_BYTES, false},
    {"гіб", 1073741824.0, DIM_BYTES, false}, {"тиб", 1099511627776.0, DIM_BYTES, false},
    {"тіб", 1099511627776.0, DIM_BYTES, false}, {"кб", 1e3, DIM_BYTES, false},
    {"мб", 1e6, DIM_BYTES, false},       {"гб", 1e9, DIM_BYTES, false},
    {"тб", 1e12, DIM_BYTES, false},      {"пб", 1e15, DIM_BYTES, false},
    {"б", 1, DIM_BYTES, false},
};

/* The unit after the magnitude, the whole of `s`: bytes, bits, either per second, a
 * rate ("rps", "/s", "per second"); with `words` also any word ("requests", "keys",
 * "запросов") and a word per second ("reads/s"). `b_bytes`: a lowercase "b" means
 * bytes (storage) rather than bits. *mult is what a Cyrillic unit's prefix multiplies
 * by ("тб": 1e12), else 1. False when `s` is none of them. */
static bool parse_base(const char *s, bool b_bytes, bool words, Dim *dim, double *mult)
{
    *mult = 1;
    while (*s == ' ') s++;
    if (!*s) {
        *dim = DIM_NONE;
        return true;
    }
    static const struct {
        const char *text;
        Dim dim;
        bool exact_case;
    } units[] = {{"bytes", DIM_BYTES, false}, {"byte", DIM_BYTES, false},
                 {"bits", DIM_BITS, false},   {"bit", DIM_BITS, false},
                 {"B", DIM_BYTES, true},      {"b", DIM_BITS, true}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        const char *w = units[i].text;
        size_t n = strlen(w);
        if (units[i].exact_case ? strncmp(s, w, n) != 0 : !starts_with_i(s, w)) continue;
        Dim d = units[i].dim;
        if (d == DIM_BITS && b_bytes && units[i].exact_case) d = DIM_BYTES;
        const char *rest = s + n;
        if (!*rest) {
            *dim = d;
            return true;
        }
        size_t ps = per_second(rest, true);
        if (ps && !rest[ps]) {
            *dim = d == DIM_BYTES ? DIM_BYTES_PER_S : DIM_BITS_PER_S;
            return true;
        }
    }
    for (size_t i = 0; i < sizeof cyrillic_units / sizeof *cyrillic_units; i++) {
        size_t n = strlen(cyrillic_units[i].text);
        if (strncmp(s, cyrillic_units[i].text, n) != 0) continue;
        const char *rest = s + n;
        if (cyrillic_units[i].inflects)
            while (cyrillic_at(rest)) rest += 2;
        else if (cyrillic_at(rest))
            continue;
        Dim d = cyrillic_units[i].dim;
        size_t ps = *rest ? per_second(rest, false) : 0;
        if (*rest && !(ps && !rest[ps])) continue;
        if (ps) d = d == DIM_BYTES ? DIM_BYTES_PER_S : DIM_BITS_PER_S;
        *dim = d;
        *mult = cyrillic_units[i].mult;
        return true;
    }
    static const char *const rates[] = {"rps", "qps", "tps", "req/s", "r/s", NULL};
    for (int i = 0; rates[i]; i++)
        if (ieq(s, rates[i], strlen(s))) {
            *dim = DIM_PER_S;
            return true;
        }
    size_t ps = per_second(s, false);
    if (ps && !s[ps]) {
        *dim = DIM_PER_S;
        return true;
    }
    if (!words || looks_like_magnitude(s)) return false;
    size_t w = 0;
    for (;;) {
        if (isalpha((unsigned char)s[w]) || s[w] == '_' || s[w] == '-')
            w++;
        else if (cyrillic_at(s + w))
            w += 2;
        else
            break;
    }
    if (w == 0) return false;
    if (!s[w]) {
        *dim = DIM_WORD;
        return true;
    }
    ps = per_second(s + w, false);
    if (ps && !s[w + ps]) {
        *dim = DIM_PER_S;
        return true;
    }
    return false;
}

typedef struct Prefix {
    const char *text;
    double mult;
} Prefix;

/* Magnitudes, longest first; the binary ones before the decimal ones. */
static const Prefix prefixes[] = {
    {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
    {"kilo", 1e3},     {"mega", 1e6},    {"giga", 1e9},
    {"tera", 1e12},    {"peta", 1e15},
    {"trillion", 1e12}, {"mln", 1e6},    {"bln", 1e9},
    {"bn", 1e9},       {"Ki", 1024.0},  {"Mi", 1048576.0},
    {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
    {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
    {"k", 1e3},        {"M", 1e6},      {"G", 1e9},
    {"T", 1e12},       {"P", 1e15},     {"E", 1e18},
};

/* Russian and Ukrainian magnitudes (folded): any ending may follow ("тысячи",
 * "миллионов", "мільярдів") and a dot after an abbreviation ("тыс."); the one-letter
 * "к" ("300к") takes no ending. */
static const Prefix cyrillic_magnitudes[] = {
    {"к", 1e3},         {"тыс", 1e3},       {"тис", 1e3},       {"млн", 1e6},       {"млрд", 1e9},
    {"трлн", 1e12},     {"миллион", 1e6},   {"мільйон", 1e6},   {"миллиард", 1e9},
    {"мільярд", 1e9},   {"триллион", 1e12}, {"трильйон", 1e12},
};

/* The suffix after the number: a magnitude and a unit. Tries the readings in order
 * (units alone, then with a magnitude, then the same with free words) and keeps the
 * first that explains the whole suffix. For units that are not bytes a "B" alone is a
 * billion ("3.5B keys"); for bytes it is a byte. */
static bool parse_suffix(const char *s, EnvelopeUnit u, double *mult, Dim *dim)
{
    bool bytes = u == ENV_UNIT_BYTES;
    bool counts = u == ENV_UNIT_RPS || u == ENV_UNIT_PER_S || u == ENV_UNIT_COUNT;
    double base;
    while (*s == ' ') s++;
    for (int words = 0; words < 2; words++) {
        if (counts && s[0] == 'B' && (s[1] == 0 || s[1] == ' ' || s[1] == '/') &&
            parse_base(s + 1, false, words, dim, &base)) {
            *mult = 1e9 * base;
            return true;
        }
        if (parse_base(s, bytes, words, dim, &base)) {
            *mult = base;
            return true;
        }
        for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
            const Prefix *p = &prefixes[i];
            size_t n = strlen(p->text);
            if (!starts_with_i(s, p->text)) continue;
            /* The i of a binary prefix is lowercase: "MiB", not "MIB". */
            if (n == 2 && p->text[1] == 'i' && s[1] != 'i') continue;
            /* A counting word ends there: "millions" is not "million" + "s" (but
             * "kilobytes" is "kilo" + "bytes"). */
            if (n > 4 && isalpha((unsigned char)s[n])) continue;
            /* A free word after a magnitude stands apart: "300k reads/s", but not
             * "3 millions" read as "M" + "illions". */
            if (words && s[n] != ' ' && s[n] != 0) continue;
            if (parse_base(s + n, bytes, words, dim, &base)) {
                *mult = p->mult * base;
                return true;
            }
        }
        for (size_t i = 0; i < sizeof cyrillic_magnitudes / sizeof *cyrillic_magnitudes; i++) {
            const Prefix *p = &cyrillic_magnitudes[i];
            size_t n = strlen(p->text);
            if (strncmp(s, p->text, n) != 0) continue;
            const char *rest = s + n;
            if (n > 2)
                while (cyrillic_at(rest)) rest += 2;
            else if (cyrillic_at(rest))
                continue;
            if (*rest == '.') rest++;
            if (*rest && *rest != ' ' && *rest != '/') continue;
            if (parse_base(rest, bytes, words, dim, &base)) {
                *mult = p->mult * base;
                return true;
            }
        }
    }
    return false;
}

static const char *expected_text(Lang l, EnvelopeUnit u)
{
    switch (u) {
    case ENV_UNIT_RPS: return word(l, EXPECTED_RPS);
    case ENV_UNIT_PER_S: return word(l, EXPECTED_PER_S);
    case ENV_UNIT_BYTES: return word(l, EXPECTED_BYTES);
    case ENV_UNIT_BYTES_PER_S: return word(l, EXPECTED_BYTES_PER_S);
    default: return word(l, EXPECTED_COUNT);
    }
}

/* Words before an estimate that say it is rough ("~300k", "about 3 Gbps", "около
 * 45 ТБ"); folded text. */
static size_t rough_prefix(const char *s)
{
    static const char *const forms[] = {"about ", "около ", "примерно ", "порядка ",
                                        "приблизно ", "близько ", "\xE2\x89\x88", "~", NULL};
    for (int i = 0; forms[i]; i++)
        if (starts_with_i(s, forms[i])) return strlen(forms[i]);
    return 0;
}

/* Characters (UTF-8 code points) of s, counting no further than `stop`. */
static size_t count_chars(const char *s, size_t stop)
{
    size_t n = 0;
    for (; *s && n <= stop; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static bool parse(Lang l, EnvelopeUnit u, const char *text, double *out, char *err,
                  size_t err_cap)
{
    const char *src = text ? text : "";
    /* Refuse absurd lengths before any work: an estimate is a number and a unit. */
    if (count_chars(src, ENVELOPE_ESTIMATE_MAX_CHARS) > ENVELOPE_ESTIMATE_MAX_CHARS) {
        char start[100], length[NUMFMT_CAP];
        copy_text(start, 25 + 1, src); /* the first 25 bytes, whole characters */
        size_t n = 0;
        for (const char *p = src; *p; p++) n += ((unsigned char)*p & 0xC0) != 0x80;
        format_number(l, (double)n, length, sizeof length);
        StrBuf b;
        sb_init(&b);
        say_PARSE_TOO_LONG(&b, l, start, length, ENVELOPE_ESTIMATE_MAX_CHARS, expected_text(l, u));
        take_into(&b, err, err_cap);
        return false;
    }
    char shown[72];
    copy_text(shown, sizeof shown, src);
    /* `t` is the estimate without the words around it, folded; `o` the same as typed
     * (same length), for messages. */
    char *folded = xstrdup(src);
    fold_cyrillic(folded);
    const char *s = folded;
    while (isspace((unsigned char)*s)) s++;
    s += rough_prefix(s);
    while (isspace((unsigned char)*s)) s++;
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1])) len--;
    char *t = xmalloc(len + 1), *o = xmalloc(len + 1);
    memcpy(t, s, len);
    memcpy(o, src + (s - folded), len);
    t[len] = o[len] = 0;
    free(folded);
    const char *expected = expected_text(l, u);
    StrBuf b;
    sb_init(&b);
    bool ok = false;
    if (!t[0]) {
        say_PARSE_EMPTY(&b, l, expected);
        goto done;
    }
    if (t[0] == '-') {
        say_PARSE_NOT_POSITIVE(&b, l, shown, expected);
        goto done;
    }
    double v = 0; /* as the language writes numbers: "1,5" and "20 000" in Russian (numfmt.h) */
    size_t n = numfmt_scan(t[0] == '+' ? t + 1 : t, i18n_code(l), &v);
    if (n == 0) {
        say_PARSE_NO_NUMBER(&b, l, shown, expected);
        goto done;
    }
    const char *rest = t + (t[0] == '+') + n;
    double mult = 1;
    Dim dim = DIM_NONE;
    while (*rest == ' ') rest++;
    const char *rest_typed = o + (rest - t);
    if (!parse_suffix(rest, u, &mult, &dim)) {
        say_PARSE_UNIT(&b, l, shown, rest_typed, expected);
        goto done;
    }
    v *= mult;
    switch (u) {
    case ENV_UNIT_RPS:
    case ENV_UNIT_PER_S:
    case ENV_UNIT_COUNT:
        if (dim == DIM_BYTES || dim == DIM_BITS) {
            say_PARSE_DATA(&b, l, shown, expected);
            goto done;
        }
        if (dim == DIM_BYTES_PER_S || dim == DIM_BITS_PER_S) {
            say_PARSE_BANDWIDTH(&b, l, shown, expected);
            goto done;
        }
        if (u == ENV_UNIT_COUNT && dim == DIM_PER_S) {
            say_PARSE_RATE(&b, l, shown, expected);
            goto done;
        }
        break;
    case ENV_UNIT_BYTES:
        if (dim == DIM_BYTES_PER_S || dim == DIM_BITS_PER_S || dim == DIM_PER_S) {
            say_PARSE_RATE(&b, l, shown, expected);
            goto done;
        }
        if (dim == DIM_WORD) {
            say_PARSE_UNIT(&b, l, shown, rest_typed, expected);
            goto done;
        }
        if (dim == DIM_BITS) v /= 8;
        break;
    case ENV_UNIT_BYTES_PER_S:
        if (dim == DIM_BYTES || dim == DIM_BITS) {
            say_PARSE_DATA_NOT_RATE(&b, l, shown, expected);
            goto done;
        }
        if (dim != DIM_BYTES_PER_S && dim != DIM_BITS_PER_S) {
            say_PARSE_NEEDS_UNIT(&b, l, shown, expected);
            goto done;
        }
        if (dim == DIM_BITS_PER_S) v /= 8;
        break;
    default: break;
    }
    if (!isfinite(v) || v <= 0) {
        say_PARSE_NOT_POSITIVE(&b, l, shown, expected);
        goto done;
    }
    if (v > ENVELOPE_MAX_VALUE) {
        say_PARSE_TOO_LARGE(&b, l, shown, "10^30", expected); /* ENVELOPE_MAX_VALUE */
        goto done;
    }
    *out = v;
    ok = true;
done:
    if (!ok) take_into(&b, err, err_cap);
    sb_free(&b);
    free(t);
    free(o);
    return ok;
}

bool envelope_parse_in(EnvelopeUnit u, const char *text, const char *lang, double *out,
                       char *err, size_t err_cap)
{
    return parse(i18n_lang(lang), u, text, out, err, err_cap);
}

bool envelope_parse(EnvelopeUnit u, const char *text, double *out, char *err, size_t err_cap)
{
    return parse(LANG_EN, u, text, out, err, err_cap);
}

/* ---- verdicts ------------------------------------------------------------------------- */

/* How many times, for a sentence ("3.2", "8", "15", "86,000"); *shown is the number as
 * written, for the word after it. */
static void format_times(Lang l, double f, char *out, size_t cap, double *shown)
{
    if (f < 9.95) { /* one decimal, in the screen's style ("3,2" in the app in Russian) */
        *shown = round(f * 10) / 10;
        numfmt_decimal(*shown, 2, out, cap);
        return;
    }
    double p = pow(10, floor(log10(f)) - 1);
    *shown = round(f / p) * p;
    format_number(l, *shown, out, cap);
}

/* The same for a narrow column: "3.2", "15", "12k", "86k", "31M". */
static void format_times_short(double f, char *out, size_t cap)
{
    if (f < 9.95) {
        double shown;
        format_times(LANG_EN, f, out, cap, &shown);
        return;
    }
    double p = pow(10, floor(log10(f)) - 1), v = round(f / p) * p;
    numfmt_count(v, out, cap); /* "12k", "86k", "31M", "1.2B": never an exponent */
}

/* A likely slip behind a factor: bits for bytes, a unit prefix, per day for per second. */
static const char *slip(Lang l, double f)
{
    static const struct {
        double f;
        WordId why;
    } slips[] = {{8, SLIP_BITS},        {1000, SLIP_PREFIX},       {1024, SLIP_PREFIX},
                 {1e6, SLIP_TWO_PREFIXES}, {86400, SLIP_DAY},      {31536000, SLIP_YEAR},
                 {365, SLIP_YEAR_DAY},  {3600, SLIP_HOUR}};
    for (size_t i = 0; i < sizeof slips / sizeof *slips; i++)
        if (f > slips[i].f * 0.9 && f < slips[i].f * 1.1) return word(l, slips[i].why);
    return NULL;
}

static EnvelopeCheck check(Lang l, double estimate, double expected)
{
    EnvelopeCheck c;
    memset(&c, 0, sizeof c);
    c.ratio = expected > 0 ? estimate / expected : INFINITY;
    double f = c.ratio >= 1 ? c.ratio : 1 / c.ratio;
    bool high = c.ratio >= 1;
    StrBuf b;
    sb_init(&b);
    if (!isfinite(f)) {
        c.verdict = ENV_OFF;
        copy_text(c.text, sizeof c.text, word(l, WORD_NOT_COMPARABLE));
        copy_text(c.brief, sizeof c.brief, word(l, WORD_OFF));
        return c;
    }
    const char *dir = word(l, high ? WORD_HIGH : WORD_LOW);
    if (f <= ENVELOPE_GOOD_WITHIN * (1 + 1e-9)) {
        c.verdict = ENV_GOOD;
        double pct = high ? 100 * (c.ratio - 1) : 100 * (1 - c.ratio);
        if (pct < 5)
            sb_puts(&b, word(l, WORD_SPOT_ON));
        else
            say_CHECK_GOOD(&b, l, pct, dir);
        take_into(&b, c.text, sizeof c.text);
        copy_text(c.brief, sizeof c.brief, word(l, WORD_GOOD));
        return c;
    }
    c.verdict = f <= ENVELOPE_CLOSE_WITHIN * (1 + 1e-9) ? ENV_CLOSE : ENV_OFF;
    const char *verdict = word(l, c.verdict == ENV_CLOSE ? WORD_CLOSE : WORD_OFF);
    char times[32];
    double shown;
    format_times(l, f, times, sizeof times, &shown);
    const char *why = slip(l, f);
    say_CHECK_FAR(&b, l, verdict, times, counted(l, ENV_TIMES, shown), dir, why ? " (" : "",
                  why ? why : "", why ? ")" : "");
    take_into(&b, c.text, sizeof c.text);
    format_times_short(f, times, sizeof times);
    snprintf(c.brief, sizeof c.brief, "%s " MIDDOT " %s" TIMES " %s", verdict, times, dir);
    return c;
}

EnvelopeCheck envelope_check_in(double estimate, double expected, const char *lang)
{
    return check(i18n_lang(lang), estimate, expected);
}

EnvelopeCheck envelope_check(double estimate, double expected)
{
    return check(LANG_EN, estimate, expected);
}

/* ---- answers and reports ---------------------------------------------------------------- */

bool envelope_answers_check(const EnvelopeSheet *s, const EnvelopeAnswer *a, int n_answers,
                            DiagList *d)
{
    Lang l = i18n_lang(s->lang);
    bool ok = true;
    for (int i = 0; i < n_answers; i++) {
        int k = envelope_sheet_find(s, a[i].id);
        if (k < 0) {
            StrBuf ids, msg;
            sb_init(&ids);
            sb_init(&msg);
            for (int j = 0; j < s->n_lines; j++)
                sb_printf(&ids, "%s%s", j ? ", " : "", s->lines[j].id);
            say_ANSWER_UNKNOWN_ID(&msg, l, s->n_lines ? ids.data : word(l, WORD_NO_IDS));
            diag_add(d, a[i].id ? a[i].id : "", "%s", msg.data);
            sb_free(&ids);
            sb_free(&msg);
            ok = false;
            continue;
        }
        double v;
        char err[512];
        if (!parse(l, s->lines[k].unit, a[i].text, &v, err, sizeof err)) {
            diag_add(d, a[i].id, "%s", err);
            ok = false;
        }
    }
    return ok;
}

/* The last answer for line k that parses, or NULL; its value in *v. */
static const EnvelopeAnswer *answer_for(const EnvelopeSheet *s, int k, const EnvelopeAnswer *a,
                                        int n, double *v)
{
    for (int i = n - 1; i >= 0; i--) {
        if (!a[i].id || strcmp(a[i].id, s->lines[k].id) != 0) continue;
        char err[512];
        if (parse(LANG_EN, s->lines[k].unit, a[i].text, v, err, sizeof err)) return &a[i];
    }
    return NULL;
}

int envelope_count_off(const EnvelopeSheet *s, const EnvelopeAnswer *a, int n_answers)
{
    int off = 0;
    for (int k = 0; k < s->n_lines; k++) {
        double v;
        if (answer_for(s, k, a, n_answers, &v) &&
            check(LANG_EN, v, s->lines[k].value).verdict == ENV_OFF)
            off++;
    }
    return off;
}

char *envelope_text(const Model *m, const EnvelopeSheet *s, const EnvelopeAnswer *a,
                    int n_answers, bool quiz)
{
    Lang l = i18n_lang(s->lang);
    StrBuf b;
    sb_init(&b);
    const char *title = scenario_title_in(m, s->lang);
    say_TEXT_TITLE(&b, l, title ? title : word(l, WORD_UNTITLED));
    if (s->n_lines == 0) {
        sb_puts(&b, word(l, WORD_NOTHING));
        return sb_take(&b);
    }
    say_TEXT_BANDS(&b, l, ENVELOPE_GOOD_WITHIN, ENVELOPE_CLOSE_WITHIN);
    int counts[ENV_VERDICT_COUNT] = {0}, n_est = 0;
    SourceKeys keys = {0}; /* the notes' source markers, for one Sources line at the end */
    for (int k = 0; k < s->n_lines; k++) {
        const EnvelopeLine *line = &s->lines[k];
        double v = 0;
        const EnvelopeAnswer *ans = answer_for(s, k, a, n_answers, &v);
        sb_printf(&b, "\n%s: %s\n", line->id, line->label);
        if (ans) {
            EnvelopeCheck c = check(l, v, line->value);
            char val[96];
            format_value(l, line->unit, v, val, sizeof val);
            say_TEXT_ESTIMATE(&b, l, ans->text, val, c.text);
            counts[c.verdict]++;
            n_est++;
        }
        if (quiz && !ans) {
            say_TEXT_QUIZ(&b, l, unit_text(l, line->unit), line->id);
            continue;
        }
        sb_printf(&b, "  %s\n", line->arithmetic);
        if (line->note) {
            char *shown = sources_strip(line->note, &keys);
            say_TEXT_NOTE(&b, l, shown);
            free(shown);
        }
    }
    char *src = sources_line(&keys, i18n_code(l)); /* as grade's hints say theirs */
    if (src) sb_printf(&b, "\n%s\n", src);
    free(src);
    if (n_est > 0)
        say_TEXT_SUMMARY(&b, l, n_est, counted(l, ENV_ESTIMATES, n_est), counts[ENV_GOOD],
                         counts[ENV_CLOSE], counts[ENV_OFF]);
    return sb_take(&b);
}

char *envelope_json(const Model *m, const EnvelopeSheet *s, const EnvelopeAnswer *a,
                    int n_answers, bool quiz)
{
    Lang l = i18n_lang(s->lang);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", ENVELOPE_FORMAT);
    cJSON_AddStringToObject(root, "archsim", ARCHSIM_VERSION);
    cJSON_AddStringToObject(root, "lang", s->lang ? s->lang : "en");
    const char *title = scenario_title_in(m, s->lang);
    if (title) cJSON_AddStringToObject(root, "title", title);
    cJSON_AddNumberToObject(root, "good_within", ENVELOPE_GOOD_WITHIN);
    cJSON_AddNumberToObject(root, "close_within", ENVELOPE_CLOSE_WITHIN);
    cJSON *qs = cJSON_AddArrayToObject(root, "quantities");
    int counts[ENV_VERDICT_COUNT] = {0}, n_est = 0;
    for (int k = 0; k < s->n_lines; k++) {
        const EnvelopeLine *line = &s->lines[k];
        double v = 0;
        const EnvelopeAnswer *ans = answer_for(s, k, a, n_answers, &v);
        bool hide = quiz && !ans;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", line->id);
        cJSON_AddStringToObject(o, "label", line->label);
        cJSON_AddStringToObject(o, "unit", envelope_unit_name(line->unit));
        cJSON_AddBoolToObject(o, "derived", line->derived);
        if (hide) {
            cJSON_AddNullToObject(o, "value");
            cJSON_AddNullToObject(o, "value_text");
            cJSON_AddNullToObject(o, "arithmetic");
            cJSON_AddNullToObject(o, "note");
        } else {
            cJSON_AddNumberToObject(o, "value", line->value);
            cJSON_AddStringToObject(o, "value_text", line->value_text);
            cJSON_AddStringToObject(o, "arithmetic", line->arithmetic);
            if (line->note)
                cJSON_AddStringToObject(o, "note", line->note);
            else
                cJSON_AddNullToObject(o, "note");
        }
        if (ans) {
            EnvelopeCheck c = check(l, v, line->value);
            cJSON *e = cJSON_AddObjectToObject(o, "estimate");
            cJSON_AddStringToObject(e, "text", ans->text);
            cJSON_AddNumberToObject(e, "value", v);
            cJSON_AddNumberToObject(e, "ratio", c.ratio);
            cJSON_AddStringToObject(e, "verdict", envelope_verdict_name(c.verdict));
            cJSON_AddStringToObject(e, "verdict_text", c.text);
            counts[c.verdict]++;
            n_est++;
        } else {
            cJSON_AddNullToObject(o, "estimate");
        }
        cJSON_AddItemToArray(qs, o);
    }
    cJSON_AddNumberToObject(root, "estimates", n_est);
    for (int v = 0; v < ENV_VERDICT_COUNT; v++)
        cJSON_AddNumberToObject(root, envelope_verdict_name((EnvelopeVerdict)v), counts[v]);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", text);
    cJSON_free(text);
    return out;
}
