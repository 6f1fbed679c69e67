/*
 * envelope.c - the back-of-the-envelope sheet (see envelope.h): expected values with
 * their arithmetic, the peak derived from the traffic, number formatting for people,
 * parsing of estimates typed with units, verdicts, and the text and JSON reports.
 *
 * Everything is a function of the model and the answers, so the CLI and the app show
 * the same sheet and the same verdicts.
 */
#include "sim/envelope.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

#define TIMES "\xC3\x97"  /* × */
#define DIVIDE "\xC3\xB7" /* ÷ */

/* ---- formatting ------------------------------------------------------------------------ */

/* Inserts thousands separators into the integer digits of `s` (a plain decimal). */
static void group_digits(const char *s, char *out, size_t cap)
{
    const char *p = s;
    size_t n = 0;
    if (*p == '-') {
        if (n + 1 < cap) out[n++] = '-';
        p++;
    }
    size_t digits = strspn(p, "0123456789");
    for (size_t i = 0; i < digits; i++) {
        if (i > 0 && (digits - i) % 3 == 0 && n + 1 < cap) out[n++] = ',';
        if (n + 1 < cap) out[n++] = p[i];
    }
    for (p += digits; *p && n + 1 < cap; p++) out[n++] = *p;
    out[n] = 0;
}

void envelope_format_number(double v, char *out, size_t cap)
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
        snprintf(out, cap, "%.3g", v);
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
    group_digits(s, out, cap);
}

/* Counts and rates: grouped below a million, then words with three digits. */
static void format_amount(double v, char *out, size_t cap)
{
    static const char *const words[] = {"million", "billion", "trillion", "quadrillion"};
    if (!isfinite(v)) {
        snprintf(out, cap, "?");
        return;
    }
    if (v >= 999999.5) {
        int k = 0;
        double x = v / 1e6;
        while (x >= 999.5 && k < 3) {
            x /= 1000;
            k++;
        }
        snprintf(out, cap, "%.3g %s", x, words[k]);
        return;
    }
    if (v >= 100) {
        envelope_format_number(round(v), out, cap);
        return;
    }
    snprintf(out, cap, "%.3g", v);
}

/* Three significant digits with a decimal prefix: "43.5 TB", "14.4 Gbit/s". */
static void format_si(double v, const char *const *units, int n_units, char *out, size_t cap)
{
    int k = 0;
    while (fabs(v) >= 999.5 && k < n_units - 1) {
        v /= 1000;
        k++;
    }
    snprintf(out, cap, "%.3g %s", v, units[k]);
}

static const char *const byte_units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
static const char *const byte_rate_units[] = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s", "PB/s"};
static const char *const bit_rate_units[] = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s",
                                             "Pbit/s"};

void envelope_format_value(EnvelopeUnit u, double v, char *out, size_t cap)
{
    char a[64], b[64];
    switch (u) {
    case ENV_UNIT_RPS:
        format_amount(v, a, sizeof a);
        snprintf(out, cap, "%s requests/s", a);
        break;
    case ENV_UNIT_PER_S:
        format_amount(v, a, sizeof a);
        snprintf(out, cap, "%s/s", a);
        break;
    case ENV_UNIT_BYTES: format_si(v, byte_units, 7, out, cap); break;
    case ENV_UNIT_BYTES_PER_S:
        format_si(v, byte_rate_units, 6, a, sizeof a);
        format_si(v * 8, bit_rate_units, 6, b, sizeof b);
        snprintf(out, cap, "%s (%s)", a, b);
        break;
    default: format_amount(v, out, cap); break;
    }
}

const char *envelope_unit_text(EnvelopeUnit u)
{
    switch (u) {
    case ENV_UNIT_RPS: return "requests per second";
    case ENV_UNIT_PER_S: return "per second";
    case ENV_UNIT_BYTES: return "bytes";
    case ENV_UNIT_BYTES_PER_S: return "bandwidth";
    default: return "a number";
    }
}

const char *envelope_verdict_name(EnvelopeVerdict v)
{
    static const char *const names[] = {"good", "close", "off"};
    return (unsigned)v < ENV_VERDICT_COUNT ? names[v] : "?";
}

/* ---- the derived peak ------------------------------------------------------------------- */

static bool open_loop(const RequestType *r) { return r->users <= 0 && r->rate_rps > 0; }

static double total_rate(const Scenario *s, double t)
{
    double sum = 0;
    for (int i = 0; i < s->n_requests; i++)
        if (open_loop(&s->requests[i]))
            sum += s->requests[i].rate_rps * scenario_surge_factor(s, s->requests[i].name, t);
    return sum;
}

bool envelope_peak_rps(const Model *m, double *rps, double *at_s, char **arithmetic)
{
    const Scenario *s = &m->scenario;
    if (arithmetic) *arithmetic = NULL;
    bool any = false;
    for (int i = 0; i < s->n_requests; i++) any |= open_loop(&s->requests[i]);
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
            if (!open_loop(r)) continue;
            envelope_format_number(r->rate_rps, num, sizeof num);
            sb_printf(&b, "%s%s %s/s", first ? "" : " + ", num, r->name ? r->name : "?");
            first = false;
            for (int k = 0; k < s->n_events; k++) {
                const ScenarioEvent *ev = &s->events[k];
                if (ev->action != EVENT_SURGE || best_t < ev->at_s) continue;
                if (ev->for_s > 0 && !(best_t < ev->at_s + ev->for_s)) continue;
                if (ev->request && (!r->name || strcmp(ev->request, r->name) != 0)) continue;
                char f[64], at[64];
                envelope_format_number(ev->factor, f, sizeof f);
                envelope_format_number(ev->at_s, at, sizeof at);
                sb_printf(&b, " " TIMES " %s surge at %s s", f, at);
            }
        }
        envelope_format_value(ENV_UNIT_RPS, best, num, sizeof num);
        sb_printf(&b, " = %s", num);
        *arithmetic = sb_take(&b);
    }
    return true;
}

/* ---- the sheet -------------------------------------------------------------------------- */

static void add_line(EnvelopeSheet *sh, int *cap, EnvelopeLine *l)
{
    xgrow((void **)&sh->lines, cap, sh->n_lines + 1, sizeof *sh->lines);
    sh->lines[sh->n_lines++] = *l;
}

static double item_value(const EnvelopeItem *it)
{
    double v = 1;
    for (int k = 0; k < it->n_factors; k++)
        v = it->factors[k].divide ? v / it->factors[k].value : v * it->factors[k].value;
    return v;
}

static char *item_arithmetic(const EnvelopeItem *it, double value)
{
    StrBuf b;
    sb_init(&b);
    char num[128];
    for (int k = 0; k < it->n_factors; k++) {
        const EnvelopeFactor *f = &it->factors[k];
        envelope_format_number(f->value, num, sizeof num);
        if (k == 0 && f->divide) sb_puts(&b, "1");
        if (k > 0 || f->divide) sb_puts(&b, f->divide ? " " DIVIDE " " : " " TIMES " ");
        sb_puts(&b, num);
        if (f->label && f->label[0]) sb_printf(&b, " %s", f->label);
    }
    envelope_format_value(it->unit, value, num, sizeof num);
    sb_printf(&b, " = %s", num);
    return sb_take(&b);
}

EnvelopeSheet *envelope_sheet_create(const Model *m)
{
    EnvelopeSheet *sh = xcalloc(1, sizeof *sh);
    int cap = 0;
    const Scenario *s = &m->scenario;
    bool listed = false;
    for (int i = 0; i < s->n_envelope; i++)
        listed |= s->envelope[i].id && strcmp(s->envelope[i].id, ENVELOPE_PEAK_ID) == 0;
    double rps, at_s;
    char *arith = NULL;
    char text[128];
    if (!listed && envelope_peak_rps(m, &rps, &at_s, &arith)) {
        envelope_format_value(ENV_UNIT_RPS, rps, text, sizeof text);
        EnvelopeLine l = {xstrdup(ENVELOPE_PEAK_ID), xstrdup("Peak requests per second"),
                          ENV_UNIT_RPS, rps, xstrdup(text), arith,
                          xstrdup("Derived from the scenario's request rates at the busiest "
                                  "moment, surges included."),
                          true};
        add_line(sh, &cap, &l);
    }
    for (int i = 0; i < s->n_envelope; i++) {
        const EnvelopeItem *it = &s->envelope[i];
        double v = item_value(it);
        envelope_format_value(it->unit, v, text, sizeof text);
        EnvelopeLine l = {xstrdup(it->id ? it->id : ""),
                          xstrdup(it->label && it->label[0] ? it->label : (it->id ? it->id : "")),
                          it->unit,
                          v,
                          xstrdup(text),
                          item_arithmetic(it, v),
                          xstrdup(it->note),
                          false};
        add_line(sh, &cap, &l);
    }
    return sh;
}

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
    free(s);
}

int envelope_sheet_find(const EnvelopeSheet *s, const char *id)
{
    for (int i = 0; id && i < s->n_lines; i++)
        if (strcmp(s->lines[i].id, id) == 0) return i;
    return -1;
}

/* ---- parsing estimates ------------------------------------------------------------------ */

typedef enum Dim { DIM_NONE, DIM_WORD, DIM_PER_S, DIM_BYTES, DIM_BITS, DIM_BYTES_PER_S, DIM_BITS_PER_S } Dim;

static bool ieq(const char *a, const char *b, size_t n) /* a[0..n) equals b, ignoring case */
{
    if (strlen(b) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return false;
    return true;
}

/* Length of a "per second" ending at the start of s ("/s", "/sec", "/second", "ps",
 * "per second", "a second"); 0 when there is none. `ps` only counts when allowed (right
 * after a unit: "Mbps", "MBps"). */
static size_t per_second(const char *s, bool ps_ok)
{
    static const char *const forms[] = {"/s", "/sec", "/second", "per second", "per sec",
                                        "a second", "/ s", "s^-1", NULL};
    size_t skip = 0;
    while (s[skip] == ' ') skip++;
    for (int i = 0; forms[i]; i++)
        if (ieq(s + skip, forms[i], strlen(s + skip))) return skip + strlen(forms[i]);
    if (ps_ok && skip == 0 && ieq(s, "ps", strlen(s))) return 2;
    return 0;
}

/* Case-insensitive: s starts with word. */
static bool starts_with_i(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)word[i])) return false;
    return true;
}

/* A word that reads as a magnitude or a unit ("millions", "kilos", "megs") is not a
 * free word to be ignored: "3 millions" must not be read as 3. */
static bool looks_like_magnitude(const char *s)
{
    static const char *const stems[] = {"thousand", "million", "billion", "trillion", "mln",
                                        "bln",      "bn",      "kilo",    "meg",      "gig",
                                        "tera",     "peta",    "byte",    "bit",      NULL};
    for (int i = 0; stems[i]; i++)
        if (starts_with_i(s, stems[i])) return true;
    return false;
}

/* The unit after the magnitude, the whole of `s`: bytes, bits, either per second, a
 * rate ("rps", "/s", "per second"); with `words` also any word ("requests", "keys")
 * and a word per second ("reads/s"). `b_bytes`: a lowercase "b" means bytes (storage)
 * rather than bits. False when `s` is none of them. */
static bool parse_base(const char *s, bool b_bytes, bool words, Dim *dim)
{
    while (*s == ' ') s++;
    if (!*s) {
        *dim = DIM_NONE;
        return true;
    }
    static const struct {
        const char *word;
        Dim dim;
        bool exact_case;
    } units[] = {{"bytes", DIM_BYTES, false}, {"byte", DIM_BYTES, false},
                 {"bits", DIM_BITS, false},   {"bit", DIM_BITS, false},
                 {"B", DIM_BYTES, true},      {"b", DIM_BITS, true}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        const char *w = units[i].word;
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
    while (s[w] && (isalpha((unsigned char)s[w]) || s[w] == '_' || s[w] == '-')) w++;
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

/* The suffix after the number: a magnitude and a unit. Tries the readings in order
 * (units alone, then with a magnitude, then the same with free words) and keeps the
 * first that explains the whole suffix. For units that are not bytes a "B" alone is a
 * billion ("3.5B keys"); for bytes it is a byte. */
static bool parse_suffix(const char *s, EnvelopeUnit u, double *mult, Dim *dim)
{
    bool bytes = u == ENV_UNIT_BYTES;
    bool counts = u == ENV_UNIT_RPS || u == ENV_UNIT_PER_S || u == ENV_UNIT_COUNT;
    while (*s == ' ') s++;
    for (int words = 0; words < 2; words++) {
        if (counts && s[0] == 'B' && (s[1] == 0 || s[1] == ' ' || s[1] == '/') &&
            parse_base(s + 1, false, words, dim)) {
            *mult = 1e9;
            return true;
        }
        if (parse_base(s, bytes, words, dim)) {
            *mult = 1;
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
            if (parse_base(s + n, bytes, words, dim)) {
                *mult = p->mult;
                return true;
            }
        }
    }
    return false;
}

static const char *expected_text(EnvelopeUnit u)
{
    switch (u) {
    case ENV_UNIT_RPS: return "expected requests per second like 300k";
    case ENV_UNIT_PER_S: return "expected a number per second like 50k";
    case ENV_UNIT_BYTES: return "expected a number of bytes like 45 TB";
    case ENV_UNIT_BYTES_PER_S: return "expected a bandwidth like 400 MB/s or 3 Gbit/s";
    default: return "expected a number like 60 billion or 3.5M";
    }
}

/* Length of the number at the start of s (digits with thousands separators, a
 * decimal point, an exponent), copied without separators into buf; 0 when none. */
static size_t scan_number(const char *s, char *buf, size_t cap, bool *decimal_comma)
{
    size_t i = 0, n = 0;
    int digits = 0;
    *decimal_comma = false;
#define PUT(c)                          \
    do {                                \
        if (n + 1 < cap) buf[n++] = (c); \
    } while (0)
    while (isdigit((unsigned char)s[i])) {
        PUT(s[i++]);
        digits++;
        /* A separator followed by exactly three digits groups thousands. */
        if (digits > 0 && (s[i] == ',' || s[i] == '_' || s[i] == '\'' || s[i] == ' ') &&
            isdigit((unsigned char)s[i + 1])) {
            size_t k = 1;
            while (isdigit((unsigned char)s[i + k])) k++;
            if (k - 1 == 3)
                i++;
            else if (s[i] == ',')
                *decimal_comma = true;
        }
    }
    if (s[i] == '.' && isdigit((unsigned char)s[i + 1])) {
        PUT(s[i++]);
        while (isdigit((unsigned char)s[i])) {
            PUT(s[i++]);
            digits++;
        }
    }
    if (digits == 0) {
        buf[0] = 0;
        return 0;
    }
    if ((s[i] == 'e' || s[i] == 'E') &&
        (isdigit((unsigned char)s[i + 1]) ||
         ((s[i + 1] == '-' || s[i + 1] == '+') && isdigit((unsigned char)s[i + 2])))) {
        PUT(s[i++]);
        if (s[i] == '-' || s[i] == '+') PUT(s[i++]);
        while (isdigit((unsigned char)s[i])) PUT(s[i++]);
    }
#undef PUT
    buf[n] = 0;
    return i;
}

bool envelope_parse(EnvelopeUnit u, const char *text, double *out, char *err, size_t err_cap)
{
    char shown[72];
    snprintf(shown, sizeof shown, "%s", text ? text : "");
    const char *s = text ? text : "";
    while (isspace((unsigned char)*s)) s++;
    /* "~300k", "≈ 45 TB", "about 3 Gbps" */
    if (*s == '~') s++;
    else if (strncmp(s, "\xE2\x89\x88", 3) == 0) s += 3;
    else if (ieq(s, "about ", 6) || (strlen(s) > 6 && ieq(s, "about ", 6))) s += 6;
    while (isspace((unsigned char)*s)) s++;
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1])) len--;
    char *t = xmalloc(len + 1);
    memcpy(t, s, len);
    t[len] = 0;
    bool ok = false;
    if (!t[0]) {
        snprintf(err, err_cap, "empty; %s", expected_text(u));
        goto done;
    }
    if (t[0] == '-') {
        snprintf(err, err_cap, "'%s' is not more than 0; %s", shown, expected_text(u));
        goto done;
    }
    char num[64];
    bool comma = false;
    size_t n = scan_number(t[0] == '+' ? t + 1 : t, num, sizeof num, &comma);
    if (n == 0) {
        snprintf(err, err_cap, "'%s' does not start with a number; %s", shown, expected_text(u));
        goto done;
    }
    const char *rest = t + (t[0] == '+') + n;
    if (comma) {
        snprintf(err, err_cap, "'%s': write decimals with a point (1.5) and commas only between "
                               "thousands (20,000); %s",
                 shown, expected_text(u));
        goto done;
    }
    double v = strtod(num, NULL);
    double mult = 1;
    Dim dim = DIM_NONE;
    while (*rest == ' ') rest++;
    if (!parse_suffix(rest, u, &mult, &dim)) {
        snprintf(err, err_cap, "'%s': cannot read '%s' as a unit; %s", shown, rest,
                 expected_text(u));
        goto done;
    }
    v *= mult;
    switch (u) {
    case ENV_UNIT_RPS:
    case ENV_UNIT_PER_S:
    case ENV_UNIT_COUNT:
        if (dim == DIM_BYTES || dim == DIM_BITS) {
            snprintf(err, err_cap, "'%s' is an amount of data; %s", shown, expected_text(u));
            goto done;
        }
        if (dim == DIM_BYTES_PER_S || dim == DIM_BITS_PER_S) {
            snprintf(err, err_cap, "'%s' is a bandwidth; %s", shown, expected_text(u));
            goto done;
        }
        if (u == ENV_UNIT_COUNT && dim == DIM_PER_S) {
            snprintf(err, err_cap, "'%s' is a rate; %s", shown, expected_text(u));
            goto done;
        }
        break;
    case ENV_UNIT_BYTES:
        if (dim == DIM_BYTES_PER_S || dim == DIM_BITS_PER_S || dim == DIM_PER_S) {
            snprintf(err, err_cap, "'%s' is a rate; %s", shown, expected_text(u));
            goto done;
        }
        if (dim == DIM_WORD) {
            snprintf(err, err_cap, "'%s': cannot read '%s' as a unit; %s", shown, rest,
                     expected_text(u));
            goto done;
        }
        if (dim == DIM_BITS) v /= 8;
        break;
    case ENV_UNIT_BYTES_PER_S:
        if (dim == DIM_BYTES || dim == DIM_BITS) {
            snprintf(err, err_cap, "'%s' is an amount of data, not per second; %s", shown,
                     expected_text(u));
            goto done;
        }
        if (dim != DIM_BYTES_PER_S && dim != DIM_BITS_PER_S) {
            snprintf(err, err_cap, "'%s' needs a unit (bits and bytes differ 8 times); %s",
                     shown, expected_text(u));
            goto done;
        }
        if (dim == DIM_BITS_PER_S) v /= 8;
        break;
    default: break;
    }
    if (!isfinite(v) || v <= 0) {
        snprintf(err, err_cap, "'%s' is not more than 0; %s", shown, expected_text(u));
        goto done;
    }
    if (v > ENVELOPE_MAX_VALUE) {
        snprintf(err, err_cap, "'%s' is too large (over %g); %s", shown, ENVELOPE_MAX_VALUE,
                 expected_text(u));
        goto done;
    }
    *out = v;
    ok = true;
done:
    free(t);
    return ok;
}

/* ---- verdicts ------------------------------------------------------------------------- */

/* "3.2", "8", "15", "86,000": how many times, for a sentence. */
static void format_times(double f, char *out, size_t cap)
{
    if (f < 9.95) {
        snprintf(out, cap, "%.1f", f);
        size_t n = strlen(out);
        if (n > 2 && strcmp(out + n - 2, ".0") == 0) out[n - 2] = 0;
        return;
    }
    double p = pow(10, floor(log10(f)) - 1);
    envelope_format_number(round(f / p) * p, out, cap);
}

/* A likely slip behind a factor: bits for bytes, a unit prefix, per day for per second. */
static const char *slip(double f)
{
    static const struct {
        double f;
        const char *why;
    } slips[] = {{8, "bits instead of bytes?"},       {1000, "a k/M/G prefix off?"},
                 {1024, "a k/M/G prefix off?"},        {1e6, "two prefixes off?"},
                 {86400, "per day instead of per second?"},
                 {31536000, "per year instead of per second?"},
                 {365, "per year instead of per day?"}, {3600, "per hour instead of per second?"}};
    for (size_t i = 0; i < sizeof slips / sizeof *slips; i++)
        if (f > slips[i].f * 0.9 && f < slips[i].f * 1.1) return slips[i].why;
    return NULL;
}

EnvelopeCheck envelope_check(double estimate, double expected)
{
    EnvelopeCheck c;
    memset(&c, 0, sizeof c);
    c.ratio = expected > 0 ? estimate / expected : INFINITY;
    double f = c.ratio >= 1 ? c.ratio : 1 / c.ratio;
    bool high = c.ratio >= 1;
    if (!isfinite(f)) {
        c.verdict = ENV_OFF;
        snprintf(c.text, sizeof c.text, "off: not comparable");
        return c;
    }
    if (f <= ENVELOPE_GOOD_WITHIN * (1 + 1e-9)) {
        c.verdict = ENV_GOOD;
        double pct = high ? 100 * (c.ratio - 1) : 100 * (1 - c.ratio);
        if (pct < 5)
            snprintf(c.text, sizeof c.text, "good (spot on)");
        else
            snprintf(c.text, sizeof c.text, "good (%.0f%% %s)", pct, high ? "high" : "low");
        return c;
    }
    c.verdict = f <= ENVELOPE_CLOSE_WITHIN * (1 + 1e-9) ? ENV_CLOSE : ENV_OFF;
    char times[32];
    format_times(f, times, sizeof times);
    const char *why = slip(f);
    snprintf(c.text, sizeof c.text, "%s: about %s times too %s%s%s%s",
             c.verdict == ENV_CLOSE ? "close" : "off", times, high ? "high" : "low",
             why ? " (" : "", why ? why : "", why ? ")" : "");
    return c;
}

/* ---- answers and reports ---------------------------------------------------------------- */

bool envelope_answers_check(const EnvelopeSheet *s, const EnvelopeAnswer *a, int n_answers,
                            DiagList *d)
{
    bool ok = true;
    for (int i = 0; i < n_answers; i++) {
        int k = envelope_sheet_find(s, a[i].id);
        if (k < 0) {
            StrBuf ids;
            sb_init(&ids);
            for (int j = 0; j < s->n_lines; j++)
                sb_printf(&ids, "%s%s", j ? ", " : "", s->lines[j].id);
            diag_add(d, a[i].id ? a[i].id : "", "no quantity with this id; ids are: %s",
                     s->n_lines ? ids.data : "(none: the scenario has no envelope and no traffic)");
            sb_free(&ids);
            ok = false;
            continue;
        }
        double v;
        char err[240];
        if (!envelope_parse(s->lines[k].unit, a[i].text, &v, err, sizeof err)) {
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
        char err[240];
        if (envelope_parse(s->lines[k].unit, a[i].text, v, err, sizeof err)) return &a[i];
    }
    return NULL;
}

int envelope_count_off(const EnvelopeSheet *s, const EnvelopeAnswer *a, int n_answers)
{
    int off = 0;
    for (int k = 0; k < s->n_lines; k++) {
        double v;
        if (answer_for(s, k, a, n_answers, &v) &&
            envelope_check(v, s->lines[k].value).verdict == ENV_OFF)
            off++;
    }
    return off;
}

char *envelope_text(const Model *m, const EnvelopeSheet *s, const EnvelopeAnswer *a,
                    int n_answers, bool quiz)
{
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "Back-of-the-envelope: %s\n", m->title ? m->title : "(untitled)");
    if (s->n_lines == 0) {
        sb_puts(&b, "\nNothing to estimate: the scenario has no envelope and no open-loop "
                    "traffic.\n");
        return sb_take(&b);
    }
    sb_printf(&b, "estimates: good within %gx either way, close within %gx (the same order of "
                  "magnitude), else off\n",
              ENVELOPE_GOOD_WITHIN, ENVELOPE_CLOSE_WITHIN);
    int counts[ENV_VERDICT_COUNT] = {0}, n_est = 0;
    for (int k = 0; k < s->n_lines; k++) {
        const EnvelopeLine *l = &s->lines[k];
        double v = 0;
        const EnvelopeAnswer *ans = answer_for(s, k, a, n_answers, &v);
        sb_printf(&b, "\n%s: %s\n", l->id, l->label);
        if (ans) {
            EnvelopeCheck c = envelope_check(v, l->value);
            char val[96];
            envelope_format_value(l->unit, v, val, sizeof val);
            sb_printf(&b, "  your estimate: %s = %s: %s\n", ans->text, val, c.text);
            counts[c.verdict]++;
            n_est++;
        }
        if (quiz && !ans) {
            sb_printf(&b, "  your estimate? (%s) %s=...\n", envelope_unit_text(l->unit), l->id);
            continue;
        }
        sb_printf(&b, "  %s\n", l->arithmetic);
        if (l->note) sb_printf(&b, "  note: %s\n", l->note);
    }
    if (n_est > 0)
        sb_printf(&b, "\n%d estimate%s: %d good, %d close, %d off\n", n_est, n_est == 1 ? "" : "s",
                  counts[ENV_GOOD], counts[ENV_CLOSE], counts[ENV_OFF]);
    return sb_take(&b);
}

char *envelope_json(const Model *m, const EnvelopeSheet *s, const EnvelopeAnswer *a,
                    int n_answers, bool quiz)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", ENVELOPE_FORMAT);
    cJSON_AddStringToObject(root, "archsim", ARCHSIM_VERSION);
    if (m->title) cJSON_AddStringToObject(root, "title", m->title);
    cJSON_AddNumberToObject(root, "good_within", ENVELOPE_GOOD_WITHIN);
    cJSON_AddNumberToObject(root, "close_within", ENVELOPE_CLOSE_WITHIN);
    cJSON *qs = cJSON_AddArrayToObject(root, "quantities");
    int counts[ENV_VERDICT_COUNT] = {0}, n_est = 0;
    for (int k = 0; k < s->n_lines; k++) {
        const EnvelopeLine *l = &s->lines[k];
        double v = 0;
        const EnvelopeAnswer *ans = answer_for(s, k, a, n_answers, &v);
        bool hide = quiz && !ans;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", l->id);
        cJSON_AddStringToObject(o, "label", l->label);
        cJSON_AddStringToObject(o, "unit", envelope_unit_name(l->unit));
        cJSON_AddBoolToObject(o, "derived", l->derived);
        if (hide) {
            cJSON_AddNullToObject(o, "value");
            cJSON_AddNullToObject(o, "value_text");
            cJSON_AddNullToObject(o, "arithmetic");
            cJSON_AddNullToObject(o, "note");
        } else {
            cJSON_AddNumberToObject(o, "value", l->value);
            cJSON_AddStringToObject(o, "value_text", l->value_text);
            cJSON_AddStringToObject(o, "arithmetic", l->arithmetic);
            if (l->note)
                cJSON_AddStringToObject(o, "note", l->note);
            else
                cJSON_AddNullToObject(o, "note");
        }
        if (ans) {
            EnvelopeCheck c = envelope_check(v, l->value);
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
