/*
 * test_numfmt.c - numbers for people: tables of tiny, huge, zero, negative, infinite
 * and NaN values against the exact strings each numfmt function writes, and a sweep
 * over many magnitudes checking that no text ever has an exponent, "inf" or "nan".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/numfmt.h"
#include "sim/tr.h"
#include "sim/util.h"

typedef const char *(*Fmt)(double, char *, size_t);

typedef struct Case {
    double v;
    const char *want;
} Case;

static void check_table(const char *name, Fmt f, const Case *cases, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char out[NUMFMT_CAP];
        const char *got = f(cases[i].v, out, sizeof out);
        assert_ptr_equal(got, out);
        if (strcmp(out, cases[i].want) != 0) {
            fprintf(stderr, "%s(%.17g) = \"%s\", want \"%s\"\n", name, cases[i].v, out, cases[i].want);
            ok = false;
        }
    }
    assert_true(ok);
}

#define TABLE(f, cases) check_table(#f, f, cases, sizeof cases / sizeof *cases)

static void durations_read_in_the_unit_that_fits(void **state)
{
    (void)state;
    static const Case cases[] = {
        {0, "0 ms"},
        {1e-12, "< 0.001 ms"},
        {1e-9, "< 0.001 ms"},
        {0.000999, "< 0.001 ms"},
        {0.001, "0.001 ms"},
        {0.00548, "0.0055 ms"},
        {0.0099, "0.0099 ms"},
        {0.00996, "0.01 ms"},
        {0.031, "0.031 ms"},
        {0.0996, "0.1 ms"},
        {0.42, "0.42 ms"},
        {0.994, "0.99 ms"},
        {0.5, "0.5 ms"},
        {0.996, "1 ms"},
        {1.44, "1.4 ms"},
        {9.5, "9.5 ms"},
        {9.96, "10 ms"},
        {95, "95 ms"},
        {419.4, "419 ms"},
        {999.4, "999 ms"},
        {999.6, "1 s"},
        {1260, "1.26 s"},
        {9996, "10 s"},
        {12345, "12.3 s"},
        {59990, "1 min"},
        {150000, "2.5 min"},
        {2520000, "42 min"},
        {3570000, "1 h"},
        {11160000, "3.1 h"},
        {2.5e9, "694 h"},
        {4.32e9, "1.2k h"},
        {1e300, "> 999T h"},
        {-0.0009, "0 ms"},
        {-0.0055, "-0.0055 ms"},
        {-5, "-5 ms"},
        {-1260, "-1.26 s"},
        {INFINITY, "saturated"},
        {-INFINITY, "saturated"},
        {NAN, "saturated"},
    };
    TABLE(numfmt_ms, cases);
}

static void durations_speak_the_language(void **state)
{
    (void)state;
    char out[NUMFMT_CAP];
    assert_string_equal(numfmt_ms_in(0.42, "ru", out, sizeof out), "0.42 мс");
    assert_string_equal(numfmt_ms_in(1260, "ru", out, sizeof out), "1.26 с");
    assert_string_equal(numfmt_ms_in(150000, "ru", out, sizeof out), "2.5 мин");
    assert_string_equal(numfmt_ms_in(11160000, "ru", out, sizeof out), "3.1 ч");
    assert_string_equal(numfmt_ms_in(150000, "uk", out, sizeof out), "2.5 хв");
    assert_string_equal(numfmt_ms_in(11160000, "uk", out, sizeof out), "3.1 год");
    assert_string_equal(numfmt_ms_in(1e-9, "uk", out, sizeof out), "< 0.001 мс");
    assert_string_equal(numfmt_ms_in(INFINITY, "ru", out, sizeof out), "перегружено");
    assert_string_equal(numfmt_ms_in(NAN, "uk", out, sizeof out), "насичено"); /* short: the inspector's column at 1024 px */
    assert_string_equal(numfmt_ms_in(95, NULL, out, sizeof out), "95 ms");
    assert_string_equal(numfmt_ms_in(95, "xx", out, sizeof out), "95 ms");
}

static void duration_columns_keep_three_digits_without_a_unit(void **state)
{
    (void)state;
    static const Case cases[] = {
        {0, "0"},
        {1e-12, "< 0.001"},
        {0.0004, "< 0.001"},
        {0.000999, "< 0.001"},
        {0.001, "0.001"},
        {0.0135, "0.0135"},
        {0.5, "0.5"},
        {1.44, "1.44"},
        {1.88, "1.88"},
        {9.996, "10"},
        {53.14, "53.1"},
        {99.96, "100"},
        {329.2, "329"},
        {1468, "1468"},
        {9999.4, "9999"},
        {12345, "12.3 s"},
        {2.5e9, "694 h"},
        {-2.5, "-2.5"},
        {INFINITY, "saturated"},
        {NAN, "saturated"},
    };
    TABLE(numfmt_ms_column, cases);
}

static void counts_are_short_with_a_magnitude(void **state)
{
    (void)state;
    static const Case cases[] = {
        {0, "0"},
        {1e-12, "< 0.01"},
        {0.25, "0.25"},
        {4.6, "4.6"},
        {4, "4"},
        {12.5, "12.5"},
        {95, "95"},
        {300, "300"},
        {999.4, "999"},
        {999.5, "1k"},
        {4600, "4.6k"},
        {4567, "4.57k"},
        {9999, "10k"},
        {20197, "20.2k"},
        {300082, "300k"},
        {999600, "1M"},
        {1.2e6, "1.2M"},
        {1e9, "1B"},
        {7.5e12, "7.5T"},
        {1e15, "> 999T"},
        {1e300, "> 999T"},
        {-0.001, "> -0.01"},
        {-1500, "-1.5k"},
        {INFINITY, "\xE2\x80\x94"},
        {-INFINITY, "\xE2\x80\x94"},
        {NAN, "\xE2\x80\x94"},
    };
    TABLE(numfmt_count, cases);
}

static const char *grouped_comma(double v, char *out, size_t cap) { return numfmt_grouped(v, ",", out, cap); }

static void whole_counts_are_grouped(void **state)
{
    (void)state;
    static const Case cases[] = {
        {0, "0"},
        {1e-12, "0"},
        {999, "999"},
        {1000, "1,000"},
        {1234567.4, "1,234,567"},
        {284343743, "284,343,743"},
        {-1234, "-1,234"},
        {1e20, "> 999T"},
        {INFINITY, "\xE2\x80\x94"},
        {NAN, "\xE2\x80\x94"},
    };
    TABLE(grouped_comma, cases);
    char out[NUMFMT_CAP];
    assert_string_equal(numfmt_grouped(4000, " ", out, sizeof out), "4 000");
    assert_string_equal(numfmt_grouped(4000, NULL, out, sizeof out), "4,000");
}

static void percentages_never_read_inf(void **state)
{
    (void)state;
    static const Case whole[] = {
        {0, "0%"},
        {1e-12, "< 1%"},
        {0.0049, "< 1%"},
        {0.03, "3%"},
        {0.442, "44%"},
        {0.9999, "100%"},
        {2.02, "202%"},
        {12.3, "1,230%"},
        {999.994, "99,999%"},
        {999.996, "100k%"},
        {1e300, "> 999T%"},
        {-0.001, "0%"},
        {-0.5, "-50%"},
        {INFINITY, "\xE2\x80\x94"},
        {NAN, "\xE2\x80\x94"},
    };
    TABLE(numfmt_percent, whole);
    static const Case fine[] = {
        {0, "0%"},
        {1e-12, "< 0.01%"},
        {0.00009, "< 0.01%"},
        {0.0005, "0.05%"},
        {0.001, "0.1%"},
        {0.0035, "0.35%"},
        {0.035, "3.5%"},
        {0.50421, "50.4%"},
        {1, "100%"},
        {-0.035, "-3.5%"},
        {INFINITY, "\xE2\x80\x94"},
        {NAN, "\xE2\x80\x94"},
    };
    TABLE(numfmt_percent_fine, fine);
}

static void factors_carry_their_sign(void **state)
{
    (void)state;
    static const Case cases[] = {
        {0, "0\xC3\x97"},
        {1e-12, "< 0.01\xC3\x97"},
        {0.25, "0.25\xC3\x97"},
        {1.5, "1.5\xC3\x97"},
        {4, "4\xC3\x97"},
        {452.4, "452\xC3\x97"},
        {1234, "1.23k\xC3\x97"},
        {1e300, "> 999T\xC3\x97"},
        {INFINITY, "\xE2\x80\x94"},
        {NAN, "\xE2\x80\x94"},
    };
    TABLE(numfmt_factor, cases);
}

static const char *decimal6(double v, char *out, size_t cap) { return numfmt_decimal(v, 6, out, cap); }

static void values_as_written_have_no_exponent(void **state)
{
    (void)state;
    static const Case cases[] = {
        {0, "0"},
        {1e-12, "0.000000000001"},
        {1.23456789e-9, "0.00000000123457"},
        {1e-16, "< 0.000000000000001"},
        {-1e-16, "> -0.000000000000001"},
        {1e-9, "0.000000001"},
        {0.001, "0.001"},
        {0.1, "0.1"},
        {60.5, "60.5"},
        {200, "200"},
        {0.096, "0.096"},
        {123456.7, "123457"},
        {1e9, "1000000000"},
        {1e20, "> 999T"},
        {-2.5, "-2.5"},
        {INFINITY, "\xE2\x80\x94"},
        {NAN, "\xE2\x80\x94"},
    };
    TABLE(decimal6, cases);
    char out[NUMFMT_CAP];
    assert_string_equal(numfmt_decimal(1468.04, 4, out, sizeof out), "1468");
    assert_string_equal(numfmt_decimal(12345.6, 4, out, sizeof out), "12346");
}

/* An exponent ("1e-12", "2.5E+09"), "inf" or "nan" anywhere in s. */
static bool looks_scientific(const char *s)
{
    for (const char *p = s; *p; p++) {
        if ((p[0] == 'e' || p[0] == 'E') && p > s && isdigit((unsigned char)p[-1]) &&
            (p[1] == '+' || p[1] == '-' || isdigit((unsigned char)p[1])))
            return true;
        if (strncmp(p, "inf", 3) == 0 || strncmp(p, "nan", 3) == 0 || strncmp(p, "INF", 3) == 0 ||
            strncmp(p, "NAN", 3) == 0)
            return true;
    }
    return false;
}

static void no_magnitude_gives_an_exponent(void **state)
{
    (void)state;
    Fmt fs[] = {numfmt_ms, numfmt_ms_column, numfmt_count, grouped_comma, numfmt_percent,
                numfmt_percent_fine, numfmt_factor, decimal6};
    int n = 0;
    for (size_t k = 0; k < sizeof fs / sizeof *fs; k++)
        for (int e = -320; e <= 308; e++)
            for (int sign = -1; sign <= 1; sign += 2)
                for (double m = 1; m < 10; m += 0.37) {
                    double v = sign * m * pow(10, e);
                    char out[NUMFMT_CAP];
                    fs[k](v, out, sizeof out);
                    if (looks_scientific(out) || !out[0]) fail_msg("%zu: %.17g -> \"%s\"", k, v, out);
                    n++;
                }
    printf("    %d values, none in exponent form\n", n);
}

static void a_decimal_comma_locale_still_writes_a_point(void **state)
{
    (void)state;
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") && !setlocale(LC_NUMERIC, "ru_RU.UTF-8")) {
        printf("    (no decimal-comma locale installed: skipped)\n");
        return;
    }
    char out[NUMFMT_CAP];
    assert_string_equal(numfmt_ms(0.42, out, sizeof out), "0.42 ms");
    assert_string_equal(numfmt_count(4600, out, sizeof out), "4.6k");
    setlocale(LC_NUMERIC, "C");
}

static void small_buffers_are_cut_not_overrun(void **state)
{
    (void)state;
    char out[6];
    memset(out, 'x', sizeof out);
    numfmt_ms(1260, out, 4);
    assert_string_equal(out, "1.2");
    assert_int_equal(out[4], 'x');
}

/* Thousands apart by the language of the text: a comma in English, a no-break space in
 * Russian and Ukrainian, where "20,248" would read as a little over twenty. */
static void thousands_follow_the_language(void **state)
{
    (void)state;
    char out[NUMFMT_CAP];
    assert_string_equal(numfmt_thousands("en"), ",");
    assert_string_equal(numfmt_thousands(NULL), ",");
    assert_string_equal(numfmt_thousands("pt-BR"), ",");
    assert_string_equal(numfmt_thousands("ru"), "\xC2\xA0");
    assert_string_equal(numfmt_thousands("uk"), "\xC2\xA0");
    assert_string_equal(numfmt_grouped(20248, numfmt_thousands("ru"), out, sizeof out), "20\xC2\xA0" "248");
    assert_string_equal(numfmt_grouped(1234567, numfmt_thousands("en"), out, sizeof out), "1,234,567");
}

/* Counts and durations in words speak the current language. */
static void words_speak_the_current_language(void **state)
{
    (void)state;
    char out[NUMFMT_CAP];
    tr_set_lang("en");
    assert_string_equal(numfmt_count_words(4.8e6, out, sizeof out), "4.8 million");
    assert_string_equal(numfmt_count_words(850000, out, sizeof out), "850,000");
    assert_string_equal(numfmt_duration_words(0.5, out, sizeof out), "under a second");
    assert_string_equal(numfmt_duration_words(200, out, sizeof out), "3.3 min");
    assert_string_equal(numfmt_ms_column(12300, out, sizeof out), "12.3 s");
    char size[160]; /* a diagram's size, each count in its number's form */
    assert_string_equal(numfmt_nodes_edges(1, 3, size, sizeof size), "1 node, 3 edges");
    assert_string_equal(numfmt_nodes_edges(2, 1, size, sizeof size), "2 nodes, 1 edge");
    tr_set_lang("ru");
    assert_string_equal(numfmt_nodes_edges(3, 1, size, sizeof size),
                        "3 \xD1\x83\xD0\xB7\xD0\xBB\xD0\xB0, 1 \xD1\x81\xD0\xB2\xD1\x8F\xD0\xB7\xD1\x8C"); /* 3 узла, 1 связь */
    assert_string_equal(numfmt_count_words(4.8e6, out, sizeof out), "4.8 \xD0\xBC\xD0\xBB\xD0\xBD"); /* млн */
    assert_string_equal(numfmt_count_words(850000, out, sizeof out), "850\xC2\xA0" "000");
    assert_string_equal(numfmt_duration_words(0.5, out, sizeof out),
                        "\xD0\xBC\xD0\xB5\xD0\xBD\xD1\x8C\xD1\x88\xD0\xB5 \xD1\x81\xD0\xB5\xD0\xBA\xD1\x83\xD0\xBD\xD0\xB4\xD1\x8B"); /* меньше секунды */
    assert_string_equal(numfmt_duration_words(200, out, sizeof out), "3.3 \xD0\xBC\xD0\xB8\xD0\xBD"); /* 3.3 мин */
    assert_string_equal(numfmt_ms_column(12300, out, sizeof out), "12.3 \xD1\x81"); /* 12.3 с */
    tr_set_lang("uk");
    assert_string_equal(numfmt_duration_words(86400 * 3, out, sizeof out), "3 \xD0\xB4\xD0\xBD."); /* 3 дн. */
    tr_set_lang("en");
}

/* A table's cells line up by characters: Cyrillic, "±" and a no-break space take one
 * column each, as on a terminal; a cut never splits a character. */
static void table_cells_count_characters_not_bytes(void **state)
{
    (void)state;
    StrBuf b;
    sb_init(&b);
    sb_cell(&b, 6, "\xC2\xB1" "1.5"); /* ±1.5: four characters, six bytes */
    sb_cell(&b, -5, "\xD1\x83\xD0\xB7\xD0\xB5\xD0\xBB"); /* узел */
    sb_cell(&b, 2, "toolong");
    assert_string_equal(b.data, "  \xC2\xB1" "1.5\xD1\x83\xD0\xB7\xD0\xB5\xD0\xBB toolong");
    sb_free(&b);
    int width[3] = {-4, 6, 0};
    const char *head[3] = {"\xD1\x83\xD0\xB7\xD0\xB5\xD0\xBB\xD1\x8B", "ok/s", "notes"}; /* узелы: 5 letters */
    table_widen(width, head, 3);
    assert_int_equal(width[0], -5);
    assert_int_equal(width[1], 6);
    sb_init(&b);
    sb_table_row(&b, 3, width, head);
    assert_string_equal(b.data, "  \xD1\x83\xD0\xB7\xD0\xB5\xD0\xBB\xD1\x8B   ok/s  notes\n");
    sb_free(&b);
    assert_int_equal(utf8_chars("\xD1\x83\xD0\xB7\xD0\xB5\xD0\xBB 20\xC2\xA0" "248"), 11);
    char cut[32] = "\xD1\x83\xD0\xB7\xD0\xB5\xD0\xBB"; /* узел */
    assert_string_equal(utf8_truncate(cut, 2), "\xD1\x83\xD0\xB7");
    assert_string_equal(utf8_truncate(cut, 9), "\xD1\x83\xD0\xB7");
}

static int collate_cmp(const void *a, const void *b) { return utf8_collate(*(const char *const *)a, *(const char *const *)b); }

/* Names sort as a person sorts them: case aside, Cyrillic in alphabet order (Ukrainian
 * letters where the alphabet puts them, not after я), a name before the longer names it
 * begins; the order is total ("api" and "API" in byte order). The Nodes table listed
 * "БД ссылок" before "Балансировщик" (a byte compare puts every capital first). */
static void names_sort_as_a_person_sorts_them(void **state)
{
    (void)state;
    const char *names[] = {"Топ-ссылки", "БД ссылок", "Балансировщик", "API ссылок", "api", "Ключи", "ґанок",
                           "Гра", "єнот", "Едем", "їжак", "Іван", "ёж", "Яблуко", "zeta", "Ёлка", "ёлка", "Beta",
                           "alpha", "Ключ"};
    const char *sorted[] = {"alpha", "api", "API ссылок", "Beta", "zeta", "Балансировщик", "БД ссылок", "Гра",
                            "ґанок", "Едем", "ёж", "Ёлка", "ёлка", "єнот", "Іван", "їжак", "Ключ", "Ключи",
                            "Топ-ссылки", "Яблуко"};
    size_t n = sizeof names / sizeof *names;
    qsort(names, n, sizeof *names, collate_cmp);
    for (size_t k = 0; k < n; k++) assert_string_equal(names[k], sorted[k]);
    assert_true(utf8_collate("API", "api") < 0 && utf8_collate("api", "API") > 0);
    assert_int_equal(utf8_collate("same", "same"), 0);
    assert_true(utf8_collate("a\xff", "a\xfe") > 0); /* bytes that are not UTF-8 still order */
}

/* A piece of a sentence that begins one gets its capital in every language shown. */
/* A name is found by any piece of it, letters in either case (Find a node). */
static void a_name_holds_a_piece_in_either_case(void **state)
{
    (void)state;
    assert_true(utf8_contains_fold("Redis cache", "redis"));
    assert_true(utf8_contains_fold("Redis cache", "CACHE"));
    assert_true(utf8_contains_fold("Redis cache", "s c"));
    assert_true(utf8_contains_fold("\xD0\x91\xD0\x94 \xD1\x87\xD0\xB0\xD1\x82\xD0\xB0", "\xD0\xB1\xD0\xB4")); /* БД чата, бд */
    assert_true(utf8_contains_fold("\xD0\xA7\xD0\x90\xD0\xA2", "\xD1\x87\xD0\xB0\xD1\x82")); /* ЧАТ, чат */
    assert_true(utf8_contains_fold("anything", ""));
    assert_false(utf8_contains_fold("Redis", "redis cache")); /* longer than the name */
    assert_false(utf8_contains_fold("Redis cache", "rediz"));
    assert_false(utf8_contains_fold("\xD0\x95\xD0\xBB\xD0\xBA\xD0\xB0", "\xD1\x91")); /* Елка has е, not ё */
    assert_false(utf8_contains_fold(NULL, "a"));
    assert_true(utf8_contains_fold("cache", "che")); /* a piece that starts after a false start ("c" of "cac") */
}

static void a_sentence_begins_with_a_capital(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"none at this load", "None at this load"}, {"за цього навантаження", "За цього навантаження"},
        {"при этой нагрузке", "При этой нагрузке"}, {"ёж", "Ёж"}, {"їжак", "Їжак"}, {"єнот", "Єнот"},
        {"ґанок", "Ґанок"}, {"я", "Я"}, {"App", "App"}, {"Узел", "Узел"}, {"1 server", "1 server"}, {"", ""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", cases[k][0]);
        assert_string_equal(utf8_capitalize(buf), cases[k][1]);
    }
}

/* Grid steps are round: a chart up to 2.5 is drawn in halves, not in 0.625s. */
static void chart_steps_are_round(void **state)
{
    (void)state;
    assert_true(fabs(numfmt_nice_step(2.5, 4) - 0.5) < 1e-12);
    assert_true(fabs(numfmt_nice_step(100, 4) - 20) < 1e-12);
    assert_true(fabs(numfmt_nice_step(71.4, 4) - 20) < 1e-12);
    assert_true(fabs(numfmt_nice_step(2100, 4) - 500) < 1e-9);
    assert_true(fabs(numfmt_nice_step(0.03, 4) - 0.01) < 1e-15);
    assert_true(fabs(numfmt_nice_step(9.9, 4) - 2) < 1e-12);
    assert_true(fabs(numfmt_nice_step(400, 4) - 100) < 1e-12);
    assert_true(numfmt_nice_step(0, 4) == 1 && numfmt_nice_step(-3, 4) == 1 && numfmt_nice_step(INFINITY, 4) == 1 &&
                numfmt_nice_step(NAN, 4) == 1 && numfmt_nice_step(5, 0) == 1);
    /* every step of a wide range of spans is 1, 2 or 5 times a power of ten */
    for (double span = 1e-6; span < 1e12; span *= 1.37) {
        double st = numfmt_nice_step(span, 4), p = pow(10, floor(log10(st) + 1e-9)), m = st / p;
        assert_true(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
        assert_true(span / st >= 2 && span / st <= 7.5); /* about 4 */
    }
}

/* A difference's sign beside its size: a bound keeps reading as one ("-< 0.01/s" was shown
 * for a tiny fall in throughput). */
static void a_sign_goes_to_a_bound_as_a_bound(void **state)
{
    (void)state;
    char out[64];
    assert_string_equal(numfmt_signed(-0.004, "< 0.01/s", out, sizeof out), "> -0.01/s");
    assert_string_equal(numfmt_signed(0.004, "< 0.01/s", out, sizeof out), "< +0.01/s");
    assert_string_equal(numfmt_signed(-1.6, "1.6 ms", out, sizeof out), "-1.6 ms");
    assert_string_equal(numfmt_signed(2, "2 ms", out, sizeof out), "+2 ms");
    assert_string_equal(numfmt_signed(0, "0", out, sizeof out), "0");
    assert_string_equal(numfmt_signed(0, "< 0.01/s", out, sizeof out), "< 0.01/s");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(durations_read_in_the_unit_that_fits),
        cmocka_unit_test(durations_speak_the_language),
        cmocka_unit_test(duration_columns_keep_three_digits_without_a_unit),
        cmocka_unit_test(counts_are_short_with_a_magnitude),
        cmocka_unit_test(whole_counts_are_grouped),
        cmocka_unit_test(percentages_never_read_inf),
        cmocka_unit_test(factors_carry_their_sign),
        cmocka_unit_test(values_as_written_have_no_exponent),
        cmocka_unit_test(no_magnitude_gives_an_exponent),
        cmocka_unit_test(a_decimal_comma_locale_still_writes_a_point),
        cmocka_unit_test(small_buffers_are_cut_not_overrun),
        cmocka_unit_test(thousands_follow_the_language),
        cmocka_unit_test(words_speak_the_current_language),
        cmocka_unit_test(table_cells_count_characters_not_bytes),
        cmocka_unit_test(names_sort_as_a_person_sorts_them),
        cmocka_unit_test(a_sentence_begins_with_a_capital),
        cmocka_unit_test(a_name_holds_a_piece_in_either_case),
        cmocka_unit_test(chart_steps_are_round),
        cmocka_unit_test(a_sign_goes_to_a_bound_as_a_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
