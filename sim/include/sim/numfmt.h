/*
 * numfmt.h - numbers for people: the one place where a figure becomes the short text
 * the whiteboard draws and archsim-cli prints (reports, check tables, the bottleneck
 * sentence, grade hints, requirement texts).
 *
 * Whatever the value (zero, a billionth, 1e300, negative, infinite, NaN) the text has
 * no exponent ("1e-12", "1e+09"), no "inf" and no "nan":
 *   - a value too small to show reads as a bound ("< 0.01 ms", "< 1%");
 *   - a value too big for its unit moves to the next one ("1.26 s", "2.5 min", "300k");
 *   - a duration that is not finite reads "saturated" (the mean-value estimate says a
 *     queue grows without bound; the caller adds what saturates it where it can), any
 *     other figure that is not finite reads an em dash.
 * Three significant digits at most, trailing zeros dropped, a decimal point whatever
 * the C locale says. Machine formats (JSON, CSV) keep their exact numbers and never
 * come here.
 *
 * Every function writes at most `cap` bytes (cap >= 2) into `out`, NUL-terminated,
 * and returns `out`. NUMFMT_CAP is always enough.
 */
#ifndef SIM_NUMFMT_H
#define SIM_NUMFMT_H

#include <stddef.h>

#define NUMFMT_CAP 48

/* What a duration that is not finite reads, and what any other figure that is not
 * finite reads (an em dash, UTF-8). */
#define NUMFMT_SATURATED "saturated"
#define NUMFMT_NONE "\xE2\x80\x94"

/* Numbers on a screen in `lang`'s style for the calling thread: Russian and Ukrainian
 * get a decimal comma ("1,26 с") and no-break spaces between thousands ("20 248");
 * NULL or another code, the default "1.26", "20,248". The app sets it on its UI thread
 * every frame; reports, JSON, CSV and every other thread keep the default. */
void numfmt_set_screen_style(const char *lang);

/* A duration given in milliseconds, with its unit: "0 ms", "< 0.001 ms", "0.0055 ms",
 * "0.42 ms" (two significant digits under 1 ms, so a small wait keeps its size),
 * "9.5 ms", "95 ms", "1.26 s", "12.3 s", "2.5 min", "42 min", "3.1 h", "1.2k h";
 * "saturated" when not finite. */
const char *numfmt_ms(double ms, char *out, size_t cap);

/* numfmt_ms in a language ("en", "ru", "uk"; NULL or any other code: English): the
 * units and the word for not finite are the language's ("0.42 мс", "1.26 с",
 * "2.5 мин" / "2.5 хв", "3.1 ч" / "3.1 год"). */
const char *numfmt_ms_in(double ms, const char *lang, char *out, size_t cap);

/* A duration in a table column whose heading says ms: the bare number ("0", "< 0.001",
 * "0.0135", "1.44", "53.1", "1468"), with a unit from 10 s up ("12.3 s", "2.5 min");
 * "saturated" when not finite. The unit and that word in the current language (tr.h). */
const char *numfmt_ms_column(double ms, char *out, size_t cap);

/* A rate or a count, short: "0", "< 0.01", "0.25", "4.6", "95", "300", "4.6k", "20.2k",
 * "300k", "1.2M", "3B", "7.5T", "> 999T"; an em dash when not finite. */
const char *numfmt_count(double v, char *out, size_t cap);

/* A chart's step between grid lines: 1, 2 or 5 times a power of ten, giving about `n`
 * steps over `span` (0.5 for 2.5 in 4, 20 for 100 in 4); 1 when span is not positive. */
double numfmt_nice_step(double span, int n);

/* The thousands separator of a text in language `lang`: "," in English (and for NULL or
 * a language archsim does not speak); a no-break space in Russian and Ukrainian, where a
 * comma reads as a decimal comma ("4 000 USD", "20 248"). */
const char *numfmt_thousands(const char *lang);

/* A whole count in full, rounded, its thousands apart by `sep` ("1,234,567" with ",";
 * NULL gives ","; numfmt_thousands(lang) gives a language's), up to 10^15 (past that as numfmt_count: "> 999T"); an em dash when
 * not finite. */
const char *numfmt_grouped(double v, const char *sep, char *out, size_t cap);

/* A share (1 = 100%) as a whole percentage: "0%", "< 1%", "44%", "202%", "1,360%", "136k%"; an
 * em dash when not finite. For utilisation. */
const char *numfmt_percent(double fraction, char *out, size_t cap);

/* A share with the precision small shares need: "0%", "< 0.01%", "0.05%", "0.35%",
 * "3.5%", "50.4%", "100%"; an em dash when not finite. For error rates. */
const char *numfmt_percent_fine(double fraction, char *out, size_t cap);

/* A ratio or factor with its sign: "4×", "1.5×", "0.25×", "452×", "1.2k×"; an em
 * dash when not finite. */
const char *numfmt_factor(double x, char *out, size_t cap);

/* A value as written, to `sig` significant digits (1 to 15) and never in exponent
 * form: 0.000001 -> "0.000001", 1e9 -> "1000000000", 60.5 -> "60.5"; smaller than
 * 1e-15 (but not 0) reads "< 0.000000000000001", 10^15 and more as numfmt_count ("> 999T");
 * an em dash when not finite. For limits and settings people typed. */
const char *numfmt_decimal(double v, int sig, char *out, size_t cap);

/* v rounded to `sig` significant digits: the value numfmt_decimal shows (v itself when
 * it is not a positive finite number). */
double numfmt_round_sig(double v, int sig);

/* A value exactly as given, for messages about what was typed: a whole number in full up
 * to 2^53 ("9007199254740991", "-3"), any other as numfmt_decimal to 15 digits
 * ("0.000001", "60.5"); never an exponent. */
const char *numfmt_exact(double v, char *out, size_t cap);

/* A large count in words, for how much work a run is: "850,000", "1.9 million",
 * "1.9 billion", "36 trillion", "more than 10^15"; in the current language (tr.h:
 * "1.9 млн", "850 000"). */
const char *numfmt_count_words(double v, char *out, size_t cap);

/* A diagram's size in the current language, each count in its number's form: "1 node,
 * 3 edges" ("1 узел, 3 связи"). */
const char *numfmt_nodes_edges(int nodes, int edges, char *out, size_t cap);
/* A difference's sign put to its formatted size `magnitude` (of |v|): "+1.6 ms", "-5%",
 * "0"; a size written as a bound keeps reading as one, "< 0.01/s" gives "> -0.01/s" for a
 * v below 0 and "< +0.01/s" above it (a plain "-" made "-< 0.01/s"). Into out. */
const char *numfmt_signed(double v, const char *magnitude, char *out, size_t cap);

/* A wall-clock duration in words, for how long a run will take: "under a second",
 * "40 s", "3.3 min", "5 h", "12 days", "centuries"; in the current language (tr.h:
 * "меньше секунды", "3.3 мин", "12 дн."). */
const char *numfmt_duration_words(double s, char *out, size_t cap);

/* Reads the number at the start of `s` as a person types it in `lang` ("en", "ru",
 * "uk"; NULL or another code: English), the one reader of the app's fields and of
 * estimates: an optional sign, digits with thousands apart by a space, a no-break space
 * (U+00A0, U+202F), '_' or '\'' (each followed by exactly three digits: "20 000"), a
 * decimal point or a decimal comma, and an exponent. A comma followed by three digits
 * groups thousands in English ("20,000") and, in any language, in a chain of such groups
 * or before a decimal point ("1,234,567", "1,234.5"); any other comma before a digit is a
 * decimal comma ("0,25", "1,5"; "20,000" reads 20 in Russian and Ukrainian, as their
 * screens write it). The value goes to *out (HUGE_VAL past a double, errno ERANGE, as
 * strtod); returns the bytes read, 0 for no number. Linear in the text. */
size_t numfmt_scan(const char *s, const char *lang, double *out);

#endif
