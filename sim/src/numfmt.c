/*
 * numfmt.c - numbers for people (numfmt.h).
 *
 * Everything goes through fixed(): printf's %f (which never writes an exponent) with
 * the decimals a magnitude needs, the trailing zeros dropped and a decimal point put
 * back where a C locale wrote a comma. Each function picks the unit and the decimals
 * from thresholds just under the rounding points (9.995, 99.95, 999.5), so a value
 * never prints as "10.0" or "1000" of a unit when the next unit reads better.
 */
#include "sim/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sim/tr.h"

/* The screen style of this thread (numfmt_set_screen_style): a decimal comma and
 * no-break spaces between thousands for Russian and Ukrainian. A thread that never sets
 * it (the CLI, the simulation workers, anything writing files) keeps "1,234.5". */
static _Thread_local bool comma_style;

void numfmt_set_screen_style(const char *lang)
{
    comma_style = lang && (strcmp(lang, "ru") == 0 || strcmp(lang, "uk") == 0);
}

static const char *put(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%s", s);
    if (comma_style && cap > 4 && strncmp(s, "< 0.", 4) == 0) out[3] = ','; /* a bound: "< 0,01" */
    return out;
}

/* x with `decimals` decimals, trailing zeros dropped, then `suffix`. */
static const char *fixed(char *out, size_t cap, double x, int decimals, const char *suffix)
{
    char num[400];
    snprintf(num, sizeof num, "%.*f", decimals, x);
    for (char *c = num; *c; c++)
        if (*c == ',') *c = '.'; /* a locale with a decimal comma */
    if (strchr(num, '.')) {
        size_t n = strlen(num);
        while (n > 0 && num[n - 1] == '0') num[--n] = 0;
        if (n > 0 && num[n - 1] == '.') num[--n] = 0;
    }
    if (strcmp(num, "-0") == 0) snprintf(num, sizeof num, "0");
    if (comma_style)
        for (char *c = num; *c; c++)
            if (*c == '.') *c = ',';
    snprintf(out, cap, "%s%s", num, suffix);
    return out;
}

/* x in [0, 999.5) to three significant digits (at most two decimals). */
static const char *sig3(char *out, size_t cap, double x, const char *suffix)
{
    return fixed(out, cap, x, x < 9.995 ? 2 : x < 99.95 ? 1 : 0, suffix);
}

/* "-" before the text of -v ("0" stays "0"). */
static const char *negated(char *out, size_t cap, const char *positive)
{
    if (strcmp(positive, "0") == 0) return put(out, cap, positive);
    char tmp[NUMFMT_CAP + 4];
    snprintf(tmp, sizeof tmp, "-%s", positive);
    return put(out, cap, tmp);
}

/* The decimal exponent of |x| once rounded to `sig` significant digits (9.996 at
 * three digits is 10.0: 1). printf's %e does the rounding; its text is never shown. */
static int rounded_exponent(double x, int sig)
{
    char e[64];
    snprintf(e, sizeof e, "%.*e", sig - 1, fabs(x));
    const char *p = strchr(e, 'e');
    return p ? (int)strtol(p + 1, NULL, 10) : 0;
}

/* ---- counts --------------------------------------------------------------------------- */

double numfmt_nice_step(double span, int n)
{
    double raw = n > 0 ? span / n : 0;
    if (!(raw > 0) || !isfinite(raw)) return 1;
    double p = pow(10, floor(log10(raw)));
    double m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

const char *numfmt_count(double v, char *out, size_t cap)
{
    if (!isfinite(v)) return put(out, cap, NUMFMT_NONE);
    if (v < 0) {
        if (v > -0.01) return put(out, cap, "> -0.01");
        char pos[NUMFMT_CAP];
        return negated(out, cap, numfmt_count(-v, pos, sizeof pos));
    }
    if (v == 0) return put(out, cap, "0");
    if (v < 0.01) return put(out, cap, "< 0.01");
    if (v < 999.5) return sig3(out, cap, v, "");
    static const char *const units[] = {"k", "M", "B", "T"};
    double x = v;
    for (int u = 0; u < 4; u++) {
        x /= 1000;
        if (x < 999.5) return sig3(out, cap, x, units[u]);
    }
    return put(out, cap, "> 999T");
}

const char *numfmt_thousands(const char *lang)
{
    return i18n_lang(lang) == LANG_EN ? "," : "\xC2\xA0";
}

const char *numfmt_grouped(double v, const char *sep, char *out, size_t cap)
{
    if (!isfinite(v)) return put(out, cap, NUMFMT_NONE);
    if (fabs(v) >= 1e15) return numfmt_count(v, out, cap);
    if (!sep || (comma_style && strcmp(sep, ",") == 0)) sep = comma_style ? "\xC2\xA0" : ",";
    char raw[32], buf[96];
    snprintf(raw, sizeof raw, "%.0f", fabs(v));
    size_t len = strlen(raw), o = 0, sl = strlen(sep);
    if (v <= -0.5 && o + 1 < sizeof buf) buf[o++] = '-';
    for (size_t i = 0; i < len && o + sl + 2 < sizeof buf; i++) {
        buf[o++] = raw[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len) {
            memcpy(buf + o, sep, sl);
            o += sl;
        }
    }
    buf[o] = 0;
    return put(out, cap, buf);
}

/* ---- shares and factors --------------------------------------------------------------- */

const char *numfmt_percent(double fraction, char *out, size_t cap)
{
    if (!isfinite(fraction)) return put(out, cap, NUMFMT_NONE);
    double p = 100 * fraction;
    if (p < 0) {
        if (p > -0.5) return put(out, cap, "0%");
        char pos[NUMFMT_CAP];
        return negated(out, cap, numfmt_percent(-fraction, pos, sizeof pos));
    }
    if (p == 0) return put(out, cap, "0%");
    if (p < 1) return put(out, cap, "< 1%");
    if (p < 999.5) return fixed(out, cap, p, 0, "%");
    char n[NUMFMT_CAP];
    if (p < 99999.5) numfmt_grouped(p, NULL, n, sizeof n); /* "1,360%": "1.36k%" read as a typo */
    else numfmt_count(p, n, sizeof n);
    snprintf(out, cap, "%s%%", n);
    return out;
}

const char *numfmt_percent_fine(double fraction, char *out, size_t cap)
{
    if (!isfinite(fraction)) return put(out, cap, NUMFMT_NONE);
    double p = 100 * fraction;
    if (p < 0) {
        if (p > -0.005) return put(out, cap, "0%");
        char pos[NUMFMT_CAP];
        return negated(out, cap, numfmt_percent_fine(-fraction, pos, sizeof pos));
    }
    if (p == 0) return put(out, cap, "0%");
    if (p < 0.01) return put(out, cap, "< 0.01%");
    if (p < 999.5) return sig3(out, cap, p, "%");
    char n[NUMFMT_CAP];
    numfmt_count(p, n, sizeof n);
    snprintf(out, cap, "%s%%", n);
    return out;
}

const char *numfmt_factor(double x, char *out, size_t cap)
{
    if (!isfinite(x)) return put(out, cap, NUMFMT_NONE);
    char n[NUMFMT_CAP];
    numfmt_count(x, n, sizeof n);
    snprintf(out, cap, "%s\xC3\x97", n); /* × */
    return out;
}

const char *numfmt_decimal(double v, int sig, char *out, size_t cap)
{
    if (!isfinite(v)) return put(out, cap, NUMFMT_NONE);
    if (v == 0) return put(out, cap, "0");
    if (sig < 1) sig = 1;
    if (sig > 15) sig = 15;
    double a = fabs(v);
    if (a < 1e-15) return put(out, cap, v < 0 ? "> -0.000000000000001" : "< 0.000000000000001");
    if (a >= 1e15) return numfmt_count(v, out, cap); /* past every digit people read */
    int decimals = sig - 1 - rounded_exponent(a, sig);
    if (decimals < 0) decimals = 0;
    if (decimals > 30) decimals = 30;
    return fixed(out, cap, v, decimals, "");
}

double numfmt_round_sig(double v, int sig)
{
    if (!(v > 0) || !isfinite(v)) return v;
    double f = pow(10, sig - 1 - floor(log10(v)));
    return round(v * f) / f;
}

const char *numfmt_exact(double v, char *out, size_t cap)
{
    if (isfinite(v) && v == floor(v) && fabs(v) <= 9007199254740992.0) {
        snprintf(out, cap, "%.0f", v);
        return out;
    }
    return numfmt_decimal(v, 15, out, cap);
}

/* ---- durations -------------------------------------------------------------------------- */

typedef struct Units {
    const char *ms, *s, *min, *h, *saturated;
} Units;

/* The units in `lang` (the catalogue's; English for NULL and unknown codes). */
static Units units_in(const char *lang)
{
    Units u = {tr_pin(lang, "duration", " ms"), tr_pin(lang, "duration", " s"), tr_pin(lang, "duration", " min"),
               tr_pin(lang, "duration", " h"), tr_pin(lang, "duration", "saturated")};
    return u;
}

static const char *duration(double ms, const Units *u, char *out, size_t cap)
{
    if (!isfinite(ms)) return put(out, cap, u->saturated);
    if (ms < 0) {
        if (ms > -0.001) return fixed(out, cap, 0, 0, u->ms);
        char pos[NUMFMT_CAP];
        duration(-ms, u, pos, sizeof pos);
        char tmp[NUMFMT_CAP + 4];
        snprintf(tmp, sizeof tmp, "-%s", pos);
        return put(out, cap, tmp);
    }
    if (ms == 0) return fixed(out, cap, 0, 0, u->ms);
    if (ms < 0.001) {
        snprintf(out, cap, "< 0%s001%s", comma_style ? "," : ".", u->ms);
        return out;
    }
    if (ms < 0.995) { /* two significant digits: a wait of 0.0055 ms is not "0.01 ms" */
        int decimals = 1 - rounded_exponent(ms, 2);
        return fixed(out, cap, ms, decimals < 2 ? 2 : decimals, u->ms);
    }
    if (ms < 9.95) return fixed(out, cap, ms, 1, u->ms);
    if (ms < 999.5) return fixed(out, cap, ms, 0, u->ms);
    double s = ms / 1000;
    if (s < 9.995) return fixed(out, cap, s, 2, u->s);
    if (s < 59.95) return fixed(out, cap, s, 1, u->s);
    double min = s / 60;
    if (min < 9.95) return fixed(out, cap, min, 1, u->min);
    if (min < 59.5) return fixed(out, cap, min, 0, u->min);
    double h = min / 60;
    if (h < 9.95) return fixed(out, cap, h, 1, u->h);
    char n[NUMFMT_CAP];
    numfmt_count(h, n, sizeof n);
    snprintf(out, cap, "%s%s", n, u->h);
    return out;
}

const char *numfmt_ms(double ms, char *out, size_t cap)
{
    Units u = units_in("en");
    return duration(ms, &u, out, cap);
}

const char *numfmt_ms_in(double ms, const char *lang, char *out, size_t cap)
{
    Units u = units_in(i18n_code(i18n_lang(lang)));
    return duration(ms, &u, out, cap);
}

const char *numfmt_ms_column(double ms, char *out, size_t cap)
{
    if (!isfinite(ms)) return put(out, cap, tr_pin(tr_lang(), "duration", "saturated"));
    if (ms < 0) {
        if (ms > -0.001) return put(out, cap, "0");
        char pos[NUMFMT_CAP];
        numfmt_ms_column(-ms, pos, sizeof pos);
        char tmp[NUMFMT_CAP + 4];
        snprintf(tmp, sizeof tmp, "-%s", pos);
        return put(out, cap, tmp);
    }
    if (ms == 0) return put(out, cap, "0");
    if (ms < 0.001) return put(out, cap, "< 0.001");
    if (ms < 99.95) {
        /* three significant digits, as %.3g would write them but without an exponent */
        int decimals = 2 - rounded_exponent(ms, 3);
        return fixed(out, cap, ms, decimals < 0 ? 0 : decimals > 6 ? 6 : decimals, "");
    }
    if (ms < 9999.5) return fixed(out, cap, ms, 0, "");
    return numfmt_ms_in(ms, tr_lang(), out, cap);
}

const char *numfmt_nodes_edges(int nodes, int edges, char *out, size_t cap)
{
    char n[64], e[64];
    snprintf(n, sizeof n, P_("%d node", "%d nodes", nodes), nodes);
    snprintf(e, sizeof e, P_("%d edge", "%d edges", edges), edges);
    snprintf(out, cap, "%s, %s", n, e);
    return out;
}

const char *numfmt_count_words(double v, char *out, size_t cap)
{
    static const struct {
        double at;
        const char *word; /* after a number with decimals: no plural to agree with */
    } scales[] = {{1e12, N_(" trillion")}, {1e9, N_(" billion")}, {1e6, N_(" million")}};
    char num[NUMFMT_CAP];
    if (!(v < 1e15)) {
        snprintf(out, cap, "%s", _("more than 10^15"));
        return out;
    }
    for (size_t i = 0; i < sizeof scales / sizeof *scales; i++)
        if (v >= scales[i].at) {
            snprintf(out, cap, "%s%s", numfmt_decimal(v / scales[i].at, 2, num, sizeof num),
                     tr_gettext(scales[i].word));
            return out;
        }
    return numfmt_grouped(v, numfmt_thousands(tr_lang()), out, cap);
}

const char *numfmt_duration_words(double s, char *out, size_t cap)
{
    char num[NUMFMT_CAP];
    if (!(s < 3.15e9)) snprintf(out, cap, "%s", _("centuries"));
    else if (s < 1) snprintf(out, cap, "%s", _("under a second"));
    else if (s < 90) snprintf(out, cap, "%s%s", numfmt_decimal(s, 2, num, sizeof num), C_("duration", " s"));
    else if (s < 3600) snprintf(out, cap, "%s%s", numfmt_decimal(s / 60, 2, num, sizeof num), C_("duration", " min"));
    else if (s < 48 * 3600) snprintf(out, cap, "%s%s", numfmt_decimal(s / 3600, 2, num, sizeof num), C_("duration", " h"));
    else snprintf(out, cap, "%s%s", numfmt_decimal(s / 86400, 2, num, sizeof num), C_("duration", " days"));
    return out;
}

const char *numfmt_signed(double v, const char *magnitude, char *out, size_t cap)
{
    const char *sign = v < 0 ? "-" : v > 0 ? "+" : "";
    if (strncmp(magnitude, "< ", 2) == 0 && *sign)
        snprintf(out, cap, "%s %s%s", v < 0 ? ">" : "<", sign, magnitude + 2);
    else
        snprintf(out, cap, "%s%s", sign, magnitude);
    return out;
}

/* ---- reading what people type --------------------------------------------------------- */

/* Bytes of a thousands separator other than a comma at s (0: none). */
static size_t group_space(const char *s)
{
    if (*s == ' ' || *s == '_' || *s == '\'') return 1;
    if (strncmp(s, "\xC2\xA0", 2) == 0) return 2;     /* U+00A0 */
    if (strncmp(s, "\xE2\x80\xAF", 3) == 0) return 3; /* U+202F */
    return 0;
}

/* Digits at s, counting at most four (enough to tell a group of three). */
static int digits_at(const char *s)
{
    int k = 0;
    while (k < 4 && s[k] >= '0' && s[k] <= '9') k++;
    return k;
}

/* A comma at s and three digits after it, then the end of the digits. */
static bool comma_group_at(const char *s)
{
    return *s == ',' && digits_at(s + 1) == 3;
}

size_t numfmt_scan(const char *s, const char *lang, double *out)
{
    bool english = !(lang && (strcmp(lang, "ru") == 0 || strcmp(lang, "uk") == 0));
    size_t len = strlen(s), i = 0, n = 0;
    char *buf = malloc(len + 2);
    if (!buf) abort();
    if (s[i] == '+' || s[i] == '-') buf[n++] = s[i++];
    size_t first = i;
    bool comma_chain = false, decimal = false;
    while (s[i] >= '0' && s[i] <= '9') {
        buf[n++] = s[i++];
        size_t sep = group_space(s + i);
        if (sep && digits_at(s + i + sep) == 3) {
            i += sep;
        } else if (comma_group_at(s + i) &&
                   (english || comma_chain || comma_group_at(s + i + 4) || (s[i + 4] == '.' && s[i + 5] >= '0' && s[i + 5] <= '9'))) {
            comma_chain = true;
            i += 1;
        } else if (s[i] == ',' && s[i + 1] >= '0' && s[i + 1] <= '9') {
            decimal = true; /* a decimal comma */
            break;
        }
    }
    if (i == first) {
        free(buf);
        *out = 0;
        return 0;
    }
    if ((decimal || s[i] == '.') && s[i + 1] >= '0' && s[i + 1] <= '9') {
        buf[n++] = '.';
        i++;
        while (s[i] >= '0' && s[i] <= '9') buf[n++] = s[i++];
    }
    if ((s[i] == 'e' || s[i] == 'E') &&
        ((s[i + 1] >= '0' && s[i + 1] <= '9') || ((s[i + 1] == '-' || s[i + 1] == '+') && s[i + 2] >= '0' && s[i + 2] <= '9'))) {
        buf[n++] = s[i++];
        if (s[i] == '-' || s[i] == '+') buf[n++] = s[i++];
        while (s[i] >= '0' && s[i] <= '9') buf[n++] = s[i++];
    }
    buf[n] = 0;
    *out = strtod(buf, NULL); /* LC_NUMERIC is "C" (app/main.c; the CLI never sets it) */
    free(buf);
    return i;
}
