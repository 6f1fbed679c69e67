/*
 * test_envelope.c - the back-of-the-envelope sheet: the peak derived from the traffic
 * (overlapping surges included, checked against the simulator), expected values as
 * products of factors with their arithmetic, number formatting, parsing of estimates
 * typed with units (and refusing nonsense), the verdict bands, validation messages
 * that name the JSON path, exact round trips, every preset's sheet, and the CLI's
 * text, JSON and exit codes; and the same in Russian and Ukrainian: translated labels,
 * factor labels and notes (scenario.translations.<lang>.envelope) with English where a
 * translation lacks them, verdicts and messages in every language, Russian and
 * Ukrainian units in estimates, every preset translated in full, and `--lang`.
 */
#include <ctype.h>
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "sim/envelope.h"
#include "sim/numfmt.h"
#include "sim/util.h"
#include "sim_test.h"
#include "sim/tr.h"

static const char *const presets[] = {
    "twitter-timeline", "instagram-feed", "midsize-webapp",  "scale-api",      "microservices-kafka",
    "sync-vs-async",    "chat-websocket", "url-shortener",   "db-read-scaling", "failure-drill",
    "kafka-partitions", "cache-sizing", "cache-restart", "flash-sale", "zone-failure"};
#define N_PRESETS ((int)(sizeof presets / sizeof *presets))

static Model *load_preset(const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "scenarios/%s.json", name);
    return load_data(rel);
}

/* Loads text that must fail; returns the diagnostics (caller frees). */
static DiagList load_errors(const char *json)
{
    DiagList d;
    diag_init(&d, "test");
    Model *m = model_from_json(json, strlen(json), &d);
    if (m) fprintf(stderr, "loaded although it should not:\n%s\n", json);
    assert_null(m);
    return d;
}

/* True when some diagnostic has exactly this path and a message containing `part`. */
static bool has_diag(const DiagList *d, const char *path, const char *part)
{
    for (int i = 0; i < d->n_items; i++)
        if (strcmp(d->items[i].path, path) == 0 && strstr(d->items[i].message, part)) return true;
    fprintf(stderr, "no diagnostic at %s containing '%s'; got:\n", path, part);
    diag_print(d, stderr);
    return false;
}

/* A tiny design: one client, one fast service; `scenario` is the scenario object. */
static char *design(const char *scenario)
{
    return xasprintf("{\"format\": \"archsim/1\", \"title\": \"T\", \"scenario\": %s, \"nodes\": ["
                     "{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"s\", \"kind\": \"service\", "
                     "\"instances\": 4, \"workers\": 64, \"io\": \"async\", \"service_ms\": 0.01}], "
                     "\"edges\": [{\"from\": \"u\", \"to\": \"s\", \"latency_ms\": 0}]}",
                     scenario);
}

/* ---- the derived peak --------------------------------------------------------------------- */

/* Ten closed-loop users who never think (their client's edge takes 1 ms, so the file is
 * valid): traffic without a bound on its rate. */
static char *thoughtless_users(void)
{
    return xstrdup("{\"format\": \"archsim/1\", \"title\": \"T\", \"scenario\": {\"requests\": [{\"name\": \"b\", "
                   "\"users\": 10, \"think_ms\": 0}]}, \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, "
                   "{\"id\": \"s\", \"kind\": \"service\"}], \"edges\": [{\"from\": \"u\", \"to\": \"s\", \"latency_ms\": 1}]}");
}

static void derived_peak_sums_rates_and_users_and_names_each_type(void **state)
{
    (void)state;
    Model *m = load_preset("twitter-timeline");
    EnvelopeSheet *s = envelope_sheet_create(m);
    int k = envelope_sheet_find(s, "peak_rps");
    assert_int_equal(k, 0);
    assert_true(s->lines[k].derived);
    assert_true(s->lines[k].value == 306000);
    assert_string_equal(s->lines[k].arithmetic,
                        "300,000 read_timeline/s + 6,000 post_tweet/s = 306,000 requests/s");
    envelope_sheet_destroy(s);
    model_destroy(m);

    /* Closed-loop users send at most one request each per think time (1 s by default):
     * 10 users are at most 10/s, 2,000 thinking 250 ms at most 8,000/s; surges multiply
     * rates, not users. */
    char *json = design("{\"requests\": [{\"name\": \"a\", \"rate_rps\": 50}, {\"name\": \"b\", "
                        "\"users\": 10}, {\"name\": \"c\", \"users\": 2000, \"think_ms\": 250}], "
                        "\"events\": [{\"at_s\": 1, \"action\": \"surge\", \"factor\": 2, \"for_s\": 2}]}");
    m = load_text(json);
    double rps, at_s;
    char *arith;
    assert_true(envelope_peak_rps(m, &rps, &at_s, &arith));
    assert_true(rps == 100 + 10 + 8000);
    assert_string_equal(arith, "50 a/s \xC3\x97 2 surge at 1 s + 10 b users \xC3\xB7 1 s think time + 2,000 c users "
                               "\xC3\xB7 0.25 s think time = 8,110 requests/s");
    free(arith);
    s = envelope_sheet_create(m);
    assert_non_null(strstr(s->lines[0].note, "closed-loop users"));
    envelope_sheet_destroy(s);
    model_destroy(m);
    free(json);
    /* Users who never think have no bound: only they, no peak to derive. */
    json = thoughtless_users();
    m = load_text(json);
    assert_false(envelope_peak_rps(m, &rps, &at_s, NULL));
    s = envelope_sheet_create(m);
    assert_int_equal(s->n_lines, 0);
    envelope_sheet_destroy(s);
    model_destroy(m);
    free(json);
}

/* a = 100/s and b = 10/s; surges: everything x2 from 10 s for 10 s, a x3 from 15 s for
 * 10 s, b x50 at 40 s (after the run: ignored). Totals: 110 until 10 s, 220 until 15 s,
 * 620 until 20 s, 310 until 25 s, then 110. */
static const char *const surge_scenario =
    "{\"duration_s\": 30, \"warmup_s\": 0, \"seed\": 3, \"requests\": ["
    "{\"name\": \"a\", \"arrival\": \"constant\", \"rate_rps\": 100}, "
    "{\"name\": \"b\", \"arrival\": \"constant\", \"rate_rps\": 10}], \"events\": ["
    "{\"at_s\": 10, \"action\": \"surge\", \"for_s\": 10}, "
    "{\"at_s\": 15, \"action\": \"surge\", \"request\": \"a\", \"factor\": 3, \"for_s\": 10}, "
    "{\"at_s\": 40, \"action\": \"surge\", \"request\": \"b\", \"factor\": 50}]}";

static void derived_peak_is_the_true_maximum_over_overlapping_surges(void **state)
{
    (void)state;
    char *json = design(surge_scenario);
    Model *m = load_text(json);
    const Scenario *sc = &m->scenario;
    assert_true(scenario_surge_factor(sc, "a", 9.99) == 1);
    assert_true(scenario_surge_factor(sc, "a", 10) == 2);
    assert_true(scenario_surge_factor(sc, "a", 15) == 6);
    assert_true(scenario_surge_factor(sc, "b", 15) == 2);
    assert_true(scenario_surge_factor(sc, "a", 20) == 3); /* the first ended, the second lasts */
    assert_true(scenario_surge_factor(sc, "a", 25) == 1);
    assert_true(scenario_surge_factor(sc, "b", 41) == 50);
    double rps, at_s;
    char *arith;
    assert_true(envelope_peak_rps(m, &rps, &at_s, &arith));
    assert_true(rps == 620);
    assert_true(at_s == 15);
    assert_string_equal(arith, "100 a/s \xC3\x97 2 surge at 10 s \xC3\x97 3 surge at 15 s + 10 b/s "
                               "\xC3\x97 2 surge at 10 s = 620 requests/s");
    free(arith);

    /* The simulator agrees: constant arrivals, a fast service, completions per second. */
    DiagList d;
    diag_init(&d, NULL);
    SimOptions opt = sim_options_default();
    Results *r = sim_run(m, &opt, &d);
    diag_free(&d);
    assert_non_null(r);
    const int secs[] = {2, 12, 17, 22, 27}; /* away from the edges of each period */
    const double expect[] = {110, 220, 620, 310, 110};
    for (int k = 0; k < 5; k++) {
        int sec = secs[k];
        double sum = 0;
        for (int t = 0; t < r->n_types; t++) sum += results_type_series(r, t, sec)[TS_THROUGHPUT_RPS];
        if (fabs(sum - expect[k]) > 2) fprintf(stderr, "second %d: %g requests, expected %g\n", sec, sum, expect[k]);
        assert_true(fabs(sum - expect[k]) <= 2);
    }
    results_destroy(r);
    model_destroy(m);
    free(json);
}

static void a_listed_peak_rps_replaces_the_derived_one(void **state)
{
    (void)state;
    char *json = design("{\"requests\": [{\"name\": \"a\", \"rate_rps\": 50}], \"envelope\": ["
                        "{\"id\": \"x\", \"label\": \"X\", \"unit\": \"count\", \"factors\": [{\"value\": 2, \"label\": \"things\"}]}, "
                        "{\"id\": \"peak_rps\", \"label\": \"Peak at the launch\", \"unit\": \"rps\", \"factors\": "
                        "[{\"value\": 50, \"label\": \"requests/s\"}, {\"value\": 10, \"label\": \"launch surge\"}]}]}");
    Model *m = load_text(json);
    EnvelopeSheet *s = envelope_sheet_create(m);
    assert_int_equal(s->n_lines, 2);
    int k = envelope_sheet_find(s, "peak_rps");
    assert_int_equal(k, 1);
    assert_false(s->lines[k].derived);
    assert_true(s->lines[k].value == 500);
    assert_string_equal(s->lines[k].label, "Peak at the launch");
    envelope_sheet_destroy(s);
    model_destroy(m);
    free(json);
}

/* ---- expected values and formatting ----------------------------------------------------- */

static void expected_value_is_the_product_of_the_factors_with_the_arithmetic(void **state)
{
    (void)state;
    Model *m = load_preset("twitter-timeline");
    EnvelopeSheet *s = envelope_sheet_create(m);
    const EnvelopeLine *l = &s->lines[envelope_sheet_find(s, "storage_per_year")];
    assert_true(l->value == 4600.0 * 300 * 31536000);
    assert_int_equal(l->unit, ENV_UNIT_BYTES);
    assert_string_equal(l->arithmetic, "4,600 tweets/s on average \xC3\x97 300 bytes per tweet \xC3\x97 "
                                       "31,536,000 seconds in a year = 43.5 TB");
    assert_string_equal(l->value_text, "43.5 TB");
    assert_non_null(l->note);
    l = &s->lines[envelope_sheet_find(s, "bandwidth")];
    assert_string_equal(l->value_text, "1.8 GB/s (14.4 Gbit/s)");
    envelope_sheet_destroy(s);
    model_destroy(m);

    m = load_preset("failure-drill");
    s = envelope_sheet_create(m);
    l = &s->lines[envelope_sheet_find(s, "rps_per_server_zone_down")];
    assert_true(l->value == 1000);
    assert_string_equal(l->arithmetic, "3,000 requests/s \xC3\xB7 3 servers left = 1,000 requests/s");
    envelope_sheet_destroy(s);
    model_destroy(m);
}

static void numbers_and_values_are_formatted_for_people(void **state)
{
    (void)state;
    char b[128];
    envelope_format_number(31536000, b, sizeof b);
    assert_string_equal(b, "31,536,000");
    envelope_format_number(0.2, b, sizeof b);
    assert_string_equal(b, "0.2");
    envelope_format_number(1.5, b, sizeof b);
    assert_string_equal(b, "1.5");
    envelope_format_number(1234.5678, b, sizeof b);
    assert_string_equal(b, "1,234.568");
    envelope_format_number(999, b, sizeof b);
    assert_string_equal(b, "999");
    envelope_format_value(ENV_UNIT_BYTES, 4.352e13, b, sizeof b);
    assert_string_equal(b, "43.5 TB");
    envelope_format_value(ENV_UNIT_BYTES, 999.7e9, b, sizeof b); /* rounds up a prefix */
    assert_string_equal(b, "1 TB");
    envelope_format_value(ENV_UNIT_BYTES, 512, b, sizeof b);
    assert_string_equal(b, "512 B");
    envelope_format_value(ENV_UNIT_BYTES, 6.936e15, b, sizeof b);
    assert_string_equal(b, "6.94 PB");
    envelope_format_value(ENV_UNIT_BYTES_PER_S, 1e7, b, sizeof b);
    assert_string_equal(b, "10 MB/s (80 Mbit/s)");
    envelope_format_value(ENV_UNIT_RPS, 306000, b, sizeof b);
    assert_string_equal(b, "306,000 requests/s");
    envelope_format_value(ENV_UNIT_PER_S, 450000, b, sizeof b);
    assert_string_equal(b, "450,000/s");
    envelope_format_value(ENV_UNIT_COUNT, 6e10, b, sizeof b);
    assert_string_equal(b, "60 billion");
    envelope_format_value(ENV_UNIT_COUNT, pow(62, 7), b, sizeof b);
    assert_string_equal(b, "3.52 trillion");
    envelope_format_value(ENV_UNIT_COUNT, 21.9, b, sizeof b);
    assert_string_equal(b, "21.9");
}

/* ---- parsing estimates -------------------------------------------------------------------- */

static void estimates_parse_with_units_and_suffixes(void **state)
{
    (void)state;
    static const struct {
        EnvelopeUnit u;
        const char *text;
        double want;
    } cases[] = {
        {ENV_UNIT_RPS, "300k", 3e5},
        {ENV_UNIT_RPS, "300K", 3e5},
        {ENV_UNIT_RPS, "1.2M", 1.2e6},
        {ENV_UNIT_RPS, "1e6", 1e6},
        {ENV_UNIT_RPS, "20,000", 2e4},
        {ENV_UNIT_RPS, " 20000 ", 2e4},
        {ENV_UNIT_RPS, "300k/s", 3e5},
        {ENV_UNIT_RPS, "300k rps", 3e5},
        {ENV_UNIT_RPS, "300 thousand per second", 3e5},
        {ENV_UNIT_RPS, "~300k", 3e5},
        {ENV_UNIT_RPS, "300k requests", 3e5},
        {ENV_UNIT_PER_S, "450k writes/s", 4.5e5},
        {ENV_UNIT_COUNT, "3.5B", 3.5e9},
        {ENV_UNIT_COUNT, "60 billion", 6e10},
        {ENV_UNIT_COUNT, "60bn keys", 6e10},
        {ENV_UNIT_COUNT, "1 000 000", 1e6},
        {ENV_UNIT_COUNT, "0.5", 0.5},
        {ENV_UNIT_COUNT, "1,234.5", 1234.5},
        {ENV_UNIT_COUNT, "205 workers", 205},
        {ENV_UNIT_BYTES, "45 TB", 45e12},
        {ENV_UNIT_BYTES, "45TB", 45e12},
        {ENV_UNIT_BYTES, "45 tb", 45e12},
        {ENV_UNIT_BYTES, "1.5 kB", 1500},
        {ENV_UNIT_BYTES, "2 GiB", 2147483648.0},
        {ENV_UNIT_BYTES, "1 TiB", 1099511627776.0},
        {ENV_UNIT_BYTES, "300 bytes", 300},
        {ENV_UNIT_BYTES, "8 Tbit", 1e12},
        {ENV_UNIT_BYTES, "2.4e12", 2.4e12},
        {ENV_UNIT_BYTES, "3 gigabytes", 3e9},
        {ENV_UNIT_BYTES_PER_S, "100 megabits per second", 1.25e7},
        {ENV_UNIT_BYTES_PER_S, "3 Gbps", 3e9 / 8},
        {ENV_UNIT_BYTES_PER_S, "3 Gbit/s", 3e9 / 8},
        {ENV_UNIT_BYTES_PER_S, "3 Gb/s", 3e9 / 8},
        {ENV_UNIT_BYTES_PER_S, "400 MB/s", 4e8},
        {ENV_UNIT_BYTES_PER_S, "400MBps", 4e8},
        {ENV_UNIT_BYTES_PER_S, "400 MB per second", 4e8},
        {ENV_UNIT_BYTES_PER_S, "10 mbps", 1.25e6},
        {ENV_UNIT_BYTES_PER_S, "1.8 GB/s", 1.8e9},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = -1;
        char err[240] = "";
        bool ok = envelope_parse(cases[i].u, cases[i].text, &v, err, sizeof err);
        if (!ok || fabs(v - cases[i].want) > 1e-9 * cases[i].want)
            fprintf(stderr, "'%s' as %s: got %s %.17g (%s), want %.17g\n", cases[i].text,
                    envelope_unit_name(cases[i].u), ok ? "ok" : "refused", v, err, cases[i].want);
        assert_true(ok);
        assert_true(fabs(v - cases[i].want) <= 1e-9 * cases[i].want);
    }
}

static void nonsense_estimates_are_refused_with_a_clear_message(void **state)
{
    (void)state;
    static const struct {
        EnvelopeUnit u;
        const char *text;
        const char *part; /* in the message */
    } cases[] = {
        {ENV_UNIT_RPS, "", "empty; expected requests per second like 300k"},
        {ENV_UNIT_RPS, "lots", "does not start with a number; expected requests per second like 300k"},
        {ENV_UNIT_BYTES, "abc", "expected a number of bytes like 45 TB"},
        {ENV_UNIT_RPS, "45 TB", "'45 TB' is an amount of data; expected requests per second"},
        {ENV_UNIT_COUNT, "3 Gbps", "is a bandwidth"},
        {ENV_UNIT_BYTES, "3 Gbps", "is a rate; expected a number of bytes like 45 TB"},
        {ENV_UNIT_BYTES_PER_S, "400 MB", "is an amount of data, not per second"},
        {ENV_UNIT_BYTES_PER_S, "400", "needs a unit (bits and bytes differ 8 times)"},
        {ENV_UNIT_COUNT, "-5", "is not more than 0"},
        {ENV_UNIT_RPS, "0", "is not more than 0"},
        {ENV_UNIT_BYTES, "5 parsecs", "cannot read 'parsecs' as a unit"},
        {ENV_UNIT_BYTES, "5 TB TB", "cannot read"},
        {ENV_UNIT_COUNT, "12 kittens/s", "is a rate"},
        {ENV_UNIT_COUNT, "1e40", "too large"},
        {ENV_UNIT_RPS, "3 millions", "cannot read 'millions' as a unit"},
        {ENV_UNIT_COUNT, "3 bytes", "is an amount of data"},
        {ENV_UNIT_COUNT, "3 megs", "cannot read"},
        {ENV_UNIT_BYTES, "2 MIB", "cannot read"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = 12345;
        char err[240] = "";
        bool ok = envelope_parse(cases[i].u, cases[i].text, &v, err, sizeof err);
        if (ok || !strstr(err, cases[i].part))
            fprintf(stderr, "'%s' as %s: %s (%s), want a message with '%s'\n", cases[i].text,
                    envelope_unit_name(cases[i].u), ok ? "accepted" : "refused", err, cases[i].part);
        assert_false(ok);
        assert_true(v == 12345); /* untouched */
        assert_non_null(strstr(err, cases[i].part));
    }
}

/* The number scanner used to stop advancing once its 64-byte buffer was full, so an
 * estimate of 64 or more digits froze archsim-cli envelope and the Estimates tab. Any
 * length now answers at once: long numbers are read whole, absurd texts refused. */
static void long_estimates_answer_at_once(void **state)
{
    (void)state;
    char digits[201];
    for (int n = 60; n <= 200; n += 7) {
        memset(digits, '1', (size_t)n);
        digits[n] = 0;
        double v = 12345;
        char err[512] = "";
        assert_false(envelope_parse(ENV_UNIT_COUNT, digits, &v, err, sizeof err));
        assert_true(v == 12345);
        assert_non_null(strstr(err, n <= ENVELOPE_ESTIMATE_MAX_CHARS ? "too large" : "too long"));
    }
    /* 70 digits after the point are read whole, not cut at 63 characters. */
    double v = 0;
    char err[512] = "", tiny[100] = "0.";
    memset(tiny + 2, '0', 69);
    strcpy(tiny + 71, "5 rps");
    assert_true(envelope_parse(ENV_UNIT_RPS, tiny, &v, err, sizeof err));
    assert_true(fabs(v / 5e-70 - 1) < 1e-12);
    /* A 64-digit number with a magnitude after it, and with separators. */
    char grouped[200] = "1";
    for (int k = 0; k < 21; k++) strcat(grouped, ",000");
    assert_false(envelope_parse(ENV_UNIT_RPS, grouped, &v, err, sizeof err));
    assert_non_null(strstr(err, "too large (over 10^30)"));

    size_t big = 100 * 1024;
    char *text = xmalloc(big + 1);
    memset(text, '9', big);
    text[big] = 0;
    assert_false(envelope_parse(ENV_UNIT_RPS, text, &v, err, sizeof err));
    assert_string_equal(err, "'9999999999999999999999999...' is too long: 102,400 characters, at "
                             "most 100 (a number and a unit); expected requests per second like 300k");
    assert_false(envelope_parse_in(ENV_UNIT_RPS, text, "uk", &v, err, sizeof err));
    assert_non_null(strstr(err, "задовго"));
    /* Cyrillic counts by characters, not bytes, and is cut at a character boundary. */
    char *cyr = xmalloc(2 * 120 + 1);
    for (int k = 0; k < 120; k++) memcpy(cyr + 2 * k, "\xD1\x8F", 2); /* я */
    cyr[240] = 0;
    assert_false(envelope_parse(ENV_UNIT_RPS, cyr, &v, err, sizeof err));
    assert_non_null(strstr(err, "120 characters"));
    cyr[2 * 100] = 0; /* 100 characters, 200 bytes: read, and refused for what it says */
    assert_false(envelope_parse(ENV_UNIT_RPS, cyr, &v, err, sizeof err));
    assert_non_null(strstr(err, "does not start with a number"));
    free(cyr);
    free(text);
}

/* ---- verdicts ------------------------------------------------------------------------------- */

static void verdict_bands_are_2x_good_10x_close_else_off(void **state)
{
    (void)state;
    assert_int_equal(envelope_check(1, 1).verdict, ENV_GOOD);
    assert_int_equal(envelope_check(2, 1).verdict, ENV_GOOD);
    assert_int_equal(envelope_check(1, 2).verdict, ENV_GOOD);
    assert_int_equal(envelope_check(2.01, 1).verdict, ENV_CLOSE);
    assert_int_equal(envelope_check(1, 2.01).verdict, ENV_CLOSE);
    assert_int_equal(envelope_check(10, 1).verdict, ENV_CLOSE);
    assert_int_equal(envelope_check(0.1, 1).verdict, ENV_CLOSE);
    assert_int_equal(envelope_check(10.1, 1).verdict, ENV_OFF);
    assert_int_equal(envelope_check(0.099, 1).verdict, ENV_OFF);
    EnvelopeCheck c = envelope_check(306e3 * 1.02, 306e3);
    assert_string_equal(c.text, "good (spot on)");
    c = envelope_check(1.3, 1);
    assert_string_equal(c.text, "good (30% high)");
    assert_true(fabs(c.ratio - 1.3) < 1e-12);
    c = envelope_check(0.6, 1);
    assert_string_equal(c.text, "good (40% low)");
    c = envelope_check(1, 3.2);
    assert_string_equal(c.text, "close: about 3.2 times too low");
    c = envelope_check(8, 1);
    assert_string_equal(c.text, "close: about 8 times too high (bits instead of bytes?)");
    c = envelope_check(1, 15);
    assert_string_equal(c.text, "off: about 15 times too low");
    c = envelope_check(1000, 1);
    assert_string_equal(c.text, "off: about 1,000 times too high (a k/M/G prefix off?)");
    c = envelope_check(86400, 1);
    assert_string_equal(c.text, "off: about 86,000 times too high (per day instead of per second?)");
    assert_string_equal(envelope_verdict_name(ENV_CLOSE), "close");
}

/* ---- the format ----------------------------------------------------------------------------- */

static const char *const minimal_requests = "\"requests\": [{\"name\": \"a\", \"rate_rps\": 5}]";

static DiagList envelope_errors(const char *envelope)
{
    char *scen = xasprintf("{%s, \"envelope\": %s}", minimal_requests, envelope);
    char *json = design(scen);
    DiagList d = load_errors(json);
    free(json);
    free(scen);
    return d;
}

static void envelope_errors_name_the_path_and_what_is_allowed(void **state)
{
    (void)state;
    DiagList d = envelope_errors(
        "[{\"id\": \"a\", \"label\": \"A\", \"unit\": \"bytes\", \"factors\": [{\"value\": 2, \"label\": \"x\"}, {\"value\": 0, \"label\": \"y\"}]},"
        " {\"id\": \"a\", \"label\": \"\", \"unit\": \"count\", \"factors\": [{\"value\": 1, \"label\": \"\"}]},"
        " {\"id\": \"Storage\", \"label\": \"S\", \"unit\": \"gigs\", \"factors\": [{\"value\": 1, \"label\": \"x\", \"unit\": \"s\"}]},"
        " {\"id\": \"b\", \"label\": \"B\", \"unit\": \"rps\", \"factors\": []},"
        " {\"id\": \"c\", \"label\": \"C\", \"unit\": \"rps\"},"
        " {\"id\": \"peak_rps\", \"label\": \"P\", \"unit\": \"bytes\", \"factors\": [{\"value\": 1e15, \"label\": \"x\"}, {\"value\": 1e15, \"label\": \"y\"}, {\"value\": 1e15, \"label\": \"z\"}]},"
        " {\"id\": \"d\", \"label\": \"D\", \"unit\": \"count\", \"factors\": [{\"value\": 1, \"label\": \"x\", \"divide\": 1}]},"
        " 7]");
    assert_true(has_diag(&d, "scenario.envelope[0].factors[1].value", "must be a number greater than 0"));
    assert_true(has_diag(&d, "scenario.envelope[1].id", "duplicate id 'a' (scenario.envelope[0] has it too)"));
    assert_true(has_diag(&d, "scenario.envelope[1].label", "missing or empty; say what is estimated"));
    assert_true(has_diag(&d, "scenario.envelope[1].factors[0].label", "say what the number counts"));
    assert_true(has_diag(&d, "scenario.envelope[2].unit", "unknown unit 'gigs'; allowed: rps, per_s, bytes, bytes_per_s, count"));
    assert_true(has_diag(&d, "scenario.envelope[2].factors[0].unit", "unknown field 'unit'; fields of a factor: value, label, divide"));
    assert_true(has_diag(&d, "scenario.envelope[3].factors", "needs 1 to 8 factors"));
    assert_true(has_diag(&d, "scenario.envelope[4].factors", "missing; a quantity lists the factors"));
    assert_true(has_diag(&d, "scenario.envelope[5].unit", "peak_rps replaces the peak derived from the traffic"));
    assert_true(has_diag(&d, "scenario.envelope[5].factors", "it must lie between 0.000001 and 10^30"));
    assert_true(has_diag(&d, "scenario.envelope[6].factors[0].divide", "must be true or false"));
    assert_true(has_diag(&d, "scenario.envelope[7]", "must be an object"));
    diag_free(&d);

    /* What the loader cannot see, the validator checks on a model built in code. */
    char *json = design("{\"requests\": [{\"name\": \"a\", \"rate_rps\": 5}], \"envelope\": [{\"id\": \"Bad Id\", "
                        "\"label\": \"x\", \"unit\": \"count\", \"factors\": [{\"value\": 1, \"label\": \"x\"}]}]}");
    d = load_errors(json);
    assert_true(has_diag(&d, "scenario.envelope[0].id", "'Bad Id' is not an id; use 1 to 40 lowercase letters"));
    diag_free(&d);
    free(json);
    json = design("{\"requests\": [{\"name\": \"a\", \"rate_rps\": 5}]}");
    Model *m = load_text(json);
    m->scenario.envelope = xcalloc(ENVELOPE_MAX_ITEMS + 1, sizeof *m->scenario.envelope);
    m->scenario.n_envelope = ENVELOPE_MAX_ITEMS + 1;
    for (int i = 0; i <= ENVELOPE_MAX_ITEMS; i++) {
        EnvelopeItem *it = &m->scenario.envelope[i];
        it->id = xasprintf("q%d", i);
        it->label = xstrdup("Q");
        it->unit = ENV_UNIT_COUNT;
        it->n_factors = ENVELOPE_MAX_FACTORS + (i == 3);
        it->factors = xcalloc((size_t)it->n_factors, sizeof *it->factors);
        for (int k = 0; k < it->n_factors; k++) {
            it->factors[k].value = 2;
            it->factors[k].label = xstrdup("x");
        }
    }
    m->scenario.envelope[5].unit = (EnvelopeUnit)99;
    diag_init(&d, NULL);
    assert_false(model_validate(m, &d));
    assert_true(has_diag(&d, "scenario.envelope", "at most 32 quantities, got 33"));
    assert_true(has_diag(&d, "scenario.envelope[3].factors", "needs 1 to 8 factors (the expected value is their product), got 9"));
    assert_true(has_diag(&d, "scenario.envelope[5].unit", "unknown unit (99)"));
    diag_free(&d);
    model_destroy(m);
    free(json);
}

static void envelope_round_trips_exactly(void **state)
{
    (void)state;
    char *json = design("{\"requests\": [{\"name\": \"a\", \"rate_rps\": 5}], \"envelope\": ["
                        "{\"note\": \"n \\\"q\\\"\", \"factors\": [{\"label\": \"x\", \"value\": 2}, {\"divide\": true, \"value\": 0.25, \"label\": \"y\"}, "
                        "{\"value\": 3, \"label\": \"z\", \"divide\": false}], \"unit\": \"bytes_per_s\", \"label\": \"A\", \"id\": \"a\"},"
                        "{\"id\": \"b\", \"label\": \"\xD0\x91\", \"unit\": \"per_s\", \"factors\": [{\"value\": 1e15, \"label\": \"big\"}]}]}");
    Model *m = load_text(json);
    assert_int_equal(m->scenario.n_envelope, 2);
    const EnvelopeItem *it = &m->scenario.envelope[0];
    assert_int_equal(it->n_factors, 3);
    assert_true(it->factors[1].divide);
    assert_false(it->factors[2].divide);
    char *a = model_to_json(m);
    /* Keys in the order of the tables, factors before the note, divide only when true. */
    assert_non_null(strstr(a, "    \"envelope\": [\n      {\"id\": \"a\", \"label\": \"A\", \"unit\": \"bytes_per_s\", "
                              "\"factors\": [{\"value\": 2, \"label\": \"x\"}, {\"value\": 0.25, \"label\": \"y\", "
                              "\"divide\": true}, {\"value\": 3, \"label\": \"z\"}], \"note\": \"n \\\"q\\\"\"},\n"
                              "      {\"id\": \"b\", \"label\": \"\xD0\x91\", \"unit\": \"per_s\", \"factors\": "
                              "[{\"value\": 1000000000000000, \"label\": \"big\"}]}\n    ]"));
    Model *m2 = load_text(a);
    assert_true(model_equal(m, m2));
    char *b = model_to_json(m2);
    assert_string_equal(a, b);
    Model *m3 = model_clone(m2);
    assert_true(model_equal(m, m3));
    m3->scenario.envelope[0].factors[1].value = 0.5; /* equality looks at every factor */
    assert_false(model_equal(m, m3));
    m3->scenario.envelope[0].factors[1].value = 0.25;
    m3->scenario.envelope[0].factors[1].divide = false;
    assert_false(model_equal(m, m3));
    free(a);
    free(b);
    model_destroy(m);
    model_destroy(m2);
    model_destroy(m3);
    free(json);
}

/* ---- translations of the sheet ---------------------------------------------------------------- */

/* Two quantities (the second divides), a title, and `translations` as given. */
static char *translated_design(const char *translations)
{
    char *scen = xasprintf(
        "{\"requests\": [{\"name\": \"read\", \"rate_rps\": 10000}, {\"name\": \"write\", "
        "\"rate_rps\": 100}], \"envelope\": ["
        "{\"id\": \"storage_per_year\", \"label\": \"Storage per year\", \"unit\": \"bytes\", "
        "\"factors\": [{\"value\": 100, \"label\": \"writes/s\"}, {\"value\": 1000, \"label\": "
        "\"bytes per write\"}, {\"value\": 31536000, \"label\": \"seconds in a year\"}], "
        "\"note\": \"1 KB per write.\"},"
        "{\"id\": \"per_server\", \"label\": \"Requests per server\", \"unit\": \"rps\", "
        "\"factors\": [{\"value\": 3000, \"label\": \"requests/s\"}, {\"value\": 3, \"label\": "
        "\"servers\", \"divide\": true}]}]%s%s}",
        translations ? ", \"translations\": " : "", translations ? translations : "");
    char *json = design(scen);
    free(scen);
    return json;
}

static const char *const ru_envelope =
    "{\"ru\": {\"title\": \"Т\", \"envelope\": ["
    "{\"label\": \"Хранилище за год\", \"factors\": [\"записей/с\", \"байт на запись\", "
    "\"секунд в году\"], \"note\": \"1 КБ на запись.\"}, {}]}, "
    "\"uk\": {\"envelope\": [{\"label\": \"Сховище за рік\"}, {\"factors\": [\"запитів/с\", "
    "\"серверів\"]}]}}";

static void envelope_translations_round_trip_exactly(void **state)
{
    (void)state;
    char *json = translated_design(ru_envelope);
    Model *m = load_text(json);
    const Translation *ru = scenario_translation(&m->scenario, "ru");
    assert_non_null(ru);
    assert_int_equal(ru->n_envelope, 2);
    assert_int_equal(ru->envelope[0].n_factors, 3);
    assert_null(ru->envelope[1].label); /* {} keeps the English */
    const Scenario *sc = &m->scenario;
    assert_string_equal(scenario_envelope_label_in(sc, 0, "ru"), "Хранилище за год");
    assert_string_equal(scenario_envelope_factor_in(sc, 0, 1, "ru"), "байт на запись");
    assert_string_equal(scenario_envelope_note_in(sc, 0, "ru"), "1 КБ на запись.");
    assert_string_equal(scenario_envelope_label_in(sc, 1, "ru"), "Requests per server");
    assert_string_equal(scenario_envelope_label_in(sc, 0, "uk"), "Сховище за рік");
    assert_string_equal(scenario_envelope_note_in(sc, 0, "uk"), "1 KB per write.");
    assert_string_equal(scenario_envelope_factor_in(sc, 0, 2, "uk"), "seconds in a year");
    assert_string_equal(scenario_envelope_factor_in(sc, 1, 1, "uk"), "серверів");
    assert_string_equal(scenario_envelope_label_in(sc, 0, "de"), "Storage per year");
    assert_string_equal(scenario_envelope_label_in(sc, 0, NULL), "Storage per year");
    assert_null(scenario_envelope_note_in(sc, 1, "ru"));

    char *a = model_to_json(m);
    /* One line per language; an entry's keys as label, factors, note; absent parts and
     * empty entries as they were. */
    assert_non_null(strstr(a, "\"ru\": {\"title\": \"Т\", \"envelope\": [{\"label\": \"Хранилище за год\", "
                              "\"factors\": [\"записей/с\", \"байт на запись\", \"секунд в году\"], "
                              "\"note\": \"1 КБ на запись.\"}, {}]},\n"));
    assert_non_null(strstr(a, "\"uk\": {\"envelope\": [{\"label\": \"Сховище за рік\"}, {\"factors\": "
                              "[\"запитів/с\", \"серверів\"]}]}\n"));
    Model *m2 = load_text(a);
    assert_true(model_equal(m, m2));
    char *b = model_to_json(m2);
    assert_string_equal(a, b);
    Model *m3 = model_clone(m2);
    assert_true(model_equal(m, m3));
    /* Equality looks at every translated word. */
    Translation *t3 = (Translation *)scenario_translation(&m3->scenario, "uk");
    free(t3->envelope[1].factors[1]);
    t3->envelope[1].factors[1] = xstrdup("серверів!");
    assert_false(model_equal(m, m3));
    free(a);
    free(b);
    model_destroy(m);
    model_destroy(m2);
    model_destroy(m3);
    free(json);
}

static void bad_envelope_translations_are_rejected_naming_the_path(void **state)
{
    (void)state;
    const struct {
        const char *translations, *path, *words;
    } cases[] = {
        {"{\"ru\": {\"envelope\": [{}]}}", "scenario.translations.ru.envelope",
         "has 1 entry but scenario.envelope has 2 quantities"},
        {"{\"ru\": {\"envelope\": [{}, {}, {}]}}", "scenario.translations.ru.envelope",
         "has 3 entries but scenario.envelope has 2 quantities"},
        {"{\"ru\": {\"envelope\": [{\"factors\": [\"a\", \"b\"]}, {}]}}",
         "scenario.translations.ru.envelope[0].factors",
         "has 2 labels but scenario.envelope[0] (storage_per_year) has 3 factors"},
        {"{\"uk\": {\"envelope\": [{}, {\"factors\": [\"a\", \"b\", \"c\"]}]}}",
         "scenario.translations.uk.envelope[1].factors", "has 3 labels"},
        {"{\"ru\": {\"envelope\": [{\"lable\": \"x\"}, {}]}}", "scenario.translations.ru.envelope[0].lable",
         "unknown field 'lable' (did you mean 'label'?); fields of an envelope translation: label, "
         "factors, note"},
        {"{\"ru\": {\"envelope\": [{\"id\": \"x\"}, {}]}}", "scenario.translations.ru.envelope[0].id",
         "unknown field 'id'"},
        {"{\"ru\": {\"envelope\": [{\"label\": 5}, {}]}}", "scenario.translations.ru.envelope[0].label",
         "must be a string, got a number"},
        {"{\"ru\": {\"envelope\": [{\"factors\": \"a\"}, {}]}}", "scenario.translations.ru.envelope[0].factors",
         "must be an array of strings, got a string"},
        {"{\"ru\": {\"envelope\": [{\"factors\": [\"a\", 2, \"c\"]}, {}]}}",
         "scenario.translations.ru.envelope[0].factors[1]", "must be a string, got a number"},
        {"{\"ru\": {\"envelope\": [{}, \"x\"]}}", "scenario.translations.ru.envelope[1]",
         "must be an object, got a string"},
        {"{\"ru\": {\"envelope\": {\"label\": \"x\"}}}", "scenario.translations.ru.envelope",
         "must be an array with one object per quantity of scenario.envelope"},
        {"{\"ru\": {\"envelope\": [{\"label\": \"\"}, {}]}}", "scenario.translations.ru.envelope[0].label",
         "is empty"},
        {"{\"ru\": {\"envelope\": [{\"note\": \"\"}, {}]}}", "scenario.translations.ru.envelope[0].note",
         "is empty"},
        {"{\"ru\": {\"envelope\": [{\"factors\": [\"a\", \"\", \"c\"]}, {}]}}",
         "scenario.translations.ru.envelope[0].factors[1]", "is empty; say what the number counts"},
        {"{\"ru\": {\"envelope\": [{\"label\": \"a\", \"label\": \"b\"}, {}]}}",
         "scenario.translations.ru.envelope[0]", "duplicate key 'label'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *json = translated_design(cases[i].translations);
        DiagList d = load_errors(json);
        if (!has_diag(&d, cases[i].path, cases[i].words)) fprintf(stderr, "case %zu\n", i);
        assert_true(has_diag(&d, cases[i].path, cases[i].words));
        diag_free(&d);
        free(json);
    }
    /* A translation of a sheet the scenario does not have. */
    char *json = design("{\"requests\": [{\"name\": \"a\", \"rate_rps\": 5}], \"translations\": "
                        "{\"ru\": {\"envelope\": [{\"label\": \"x\"}]}}}");
    DiagList d = load_errors(json);
    assert_true(has_diag(&d, "scenario.translations.ru.envelope", "has 1 entry but scenario.envelope has 0"));
    diag_free(&d);
    free(json);
}

/* ---- the sheet in Russian and Ukrainian ------------------------------------------------------ */

#define NB "\xC2\xA0" /* the no-break space that groups thousands in Russian and Ukrainian */

static bool has_cyrillic(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p == 0xd0 || *p == 0xd1) && (p[1] & 0xC0) == 0x80) return true;
    return false;
}

/* No conversion left unformatted (every '%' follows a digit and no letter follows it)
 * and no NULL string printed. */
static bool formatted_cleanly(const char *s)
{
    if (strstr(s, "(null)")) return false;
    for (const char *p = strchr(s, '%'); p; p = strchr(p + 1, '%')) {
        if (p == s || p[-1] < '0' || p[-1] > '9') return false;
        if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '%') return false;
    }
    return true;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* numbers_read(), sorted. */
static char *sorted_numbers_in(const char *s, const char *lang)
{
    char *all = numbers_read(s ? s : "", lang, false);
    char *tok[64];
    int n = 0;
    for (char *p = strtok(all, " "); p && n < 64; p = strtok(NULL, " ")) tok[n++] = p;
    qsort(tok, (size_t)n, sizeof *tok, cmp_str);
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < n; i++) sb_printf(&b, "%s%s", i ? " " : "", tok[i]);
    free(all);
    return sb_take(&b);
}

static void the_sheet_speaks_russian_and_ukrainian_with_translated_factor_labels(void **state)
{
    (void)state;
    Model *m = load_preset("twitter-timeline");
    EnvelopeSheet *s = envelope_sheet_create_in(m, "ru");
    assert_string_equal(s->lang, "ru");
    const EnvelopeLine *l = &s->lines[0];
    assert_string_equal(l->label, "Пик запросов в секунду");
    assert_string_equal(l->arithmetic, "300" NB "000 read_timeline/с + 6" NB "000 post_tweet/с = 306" NB "000 запросов/с");
    assert_string_equal(l->value_text, "306" NB "000 запросов/с");
    assert_true(has_cyrillic(l->note));
    l = &s->lines[envelope_sheet_find(s, "storage_per_year")];
    assert_string_equal(l->label, "Объём хранения твитов за год");
    assert_string_equal(l->arithmetic, "4" NB "600 твитов/с в среднем \xC3\x97 300 байт на твит \xC3\x97 31" NB "536" NB
                                       "000 секунд в году = 43.5 TB");
    assert_string_equal(l->value_text, "43.5 TB"); /* unit symbols stay Latin, the point stays */
    assert_true(l->value == 4600.0 * 300 * 31536000); /* the numbers are the English sheet's */
    assert_non_null(strstr(l->note, "130 TB"));
    l = &s->lines[envelope_sheet_find(s, "fanout_writes")];
    assert_string_equal(l->value_text, "450" NB "000/с");
    envelope_sheet_destroy(s);

    s = envelope_sheet_create_in(m, "uk");
    l = &s->lines[envelope_sheet_find(s, "storage_per_year")];
    assert_string_equal(l->label, "Обсяг зберігання твітів за рік");
    assert_string_equal(l->arithmetic, "4" NB "600 твітів/с у середньому \xC3\x97 300 байтів на твіт \xC3\x97 31" NB "536" NB
                                       "000 секунд на рік = 43.5 TB");
    assert_string_equal(s->lines[0].value_text, "306" NB "000 запитів/с");
    envelope_sheet_destroy(s);
    model_destroy(m);

    /* Counts in words, a divisor, a surge. */
    m = load_preset("url-shortener");
    s = envelope_sheet_create_in(m, "ru");
    assert_string_equal(s->lines[envelope_sheet_find(s, "keys_10_years")].value_text, "60 млрд");
    assert_string_equal(s->lines[envelope_sheet_find(s, "keys_10_years")].arithmetic,
                        "500" NB "000" NB "000 новых ссылок в месяц \xC3\x97 12 месяцев в году \xC3\x97 10 лет = 60 млрд");
    envelope_sheet_destroy(s);
    model_destroy(m);
    m = load_preset("failure-drill");
    s = envelope_sheet_create_in(m, "uk");
    assert_string_equal(s->lines[envelope_sheet_find(s, "rps_per_server_zone_down")].arithmetic,
                        "3" NB "000 запитів/с \xC3\xB7 3 сервери, що лишилися = 1" NB "000 запитів/с");
    envelope_sheet_destroy(s);
    model_destroy(m);
    char *json = design(surge_scenario);
    m = load_text(json);
    double rps, at_s;
    char *arith;
    assert_true(envelope_peak_rps_in(m, "ru", &rps, &at_s, &arith));
    assert_string_equal(arith, "100 a/с \xC3\x97 2 (всплеск на 10 с) \xC3\x97 3 (всплеск на 15 с) + 10 b/с \xC3\x97 2 "
                               "(всплеск на 10 с) = 620 запросов/с");
    free(arith);
    assert_true(envelope_peak_rps_in(m, "uk", &rps, &at_s, &arith));
    assert_non_null(strstr(arith, "(сплеск на 15 с)"));
    free(arith);
    /* Small rates agree with their number. */
    char b[64];
    envelope_format_value_in(ENV_UNIT_RPS, 1, "ru", b, sizeof b);
    assert_string_equal(b, "1 запрос/с");
    envelope_format_value_in(ENV_UNIT_RPS, 3, "ru", b, sizeof b);
    assert_string_equal(b, "3 запроса/с");
    envelope_format_value_in(ENV_UNIT_RPS, 21.5, "uk", b, sizeof b);
    assert_string_equal(b, "21.5 запиту/с");
    envelope_format_value_in(ENV_UNIT_RPS, 2.5e6, "uk", b, sizeof b);
    assert_string_equal(b, "2.5 млн запитів/с");
    envelope_format_value_in(ENV_UNIT_COUNT, pow(62, 7), "uk", b, sizeof b);
    assert_string_equal(b, "3.52 трлн");
    envelope_format_value_in(ENV_UNIT_BYTES_PER_S, 1e7, "ru", b, sizeof b);
    assert_string_equal(b, "10 MB/s (80 Mbit/s)");
    envelope_format_number_in(1234.5678, "uk", b, sizeof b);
    assert_string_equal(b, "1" NB "234.568");
    envelope_format_number_in(1234.5678, "en", b, sizeof b);
    assert_string_equal(b, "1,234.568");
    assert_string_equal(envelope_unit_text_in(ENV_UNIT_BYTES_PER_S, "ru"), "пропускная способность");
    model_destroy(m);
    free(json);
}

static void missing_parts_and_unknown_languages_fall_back_to_english(void **state)
{
    (void)state;
    char *json = translated_design(ru_envelope);
    Model *m = load_text(json);
    EnvelopeSheet *en = envelope_sheet_create(m);
    /* ru: the first quantity translated, the second ({}) in English words around
     * Russian numbers and units. */
    EnvelopeSheet *s = envelope_sheet_create_in(m, "ru");
    int k = envelope_sheet_find(s, "storage_per_year"), j = envelope_sheet_find(s, "per_server");
    assert_string_equal(s->lines[k].label, "Хранилище за год");
    assert_string_equal(s->lines[k].arithmetic, "100 записей/с \xC3\x97 1" NB "000 байт на запись \xC3\x97 31" NB "536" NB
                                                "000 секунд в году = 3.15 TB");
    assert_string_equal(s->lines[k].note, "1 КБ на запись.");
    assert_string_equal(s->lines[j].label, "Requests per server");
    assert_string_equal(s->lines[j].arithmetic, "3" NB "000 requests/s \xC3\xB7 3 servers = 1" NB "000 запросов/с");
    assert_null(s->lines[j].note);
    envelope_sheet_destroy(s);
    /* uk: a label alone keeps the English factors and note; factors alone keep the label. */
    s = envelope_sheet_create_in(m, "uk");
    assert_string_equal(s->lines[k].label, "Сховище за рік");
    assert_non_null(strstr(s->lines[k].arithmetic, "100 writes/s \xC3\x97 1" NB "000 bytes per write"));
    assert_string_equal(s->lines[k].note, "1 KB per write.");
    assert_string_equal(s->lines[j].label, "Requests per server");
    assert_string_equal(s->lines[j].arithmetic, "3" NB "000 запитів/с \xC3\xB7 3 серверів = 1" NB "000 запитів/с");
    envelope_sheet_destroy(s);
    /* Unknown languages, "en" and NULL: the English sheet, line for line. */
    const char *others[] = {"de", "en", NULL, ""};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        s = envelope_sheet_create_in(m, others[i]);
        assert_int_equal(s->n_lines, en->n_lines);
        for (int n = 0; n < s->n_lines; n++) {
            assert_string_equal(s->lines[n].label, en->lines[n].label);
            assert_string_equal(s->lines[n].arithmetic, en->lines[n].arithmetic);
            assert_string_equal(s->lines[n].value_text, en->lines[n].value_text);
        }
        EnvelopeAnswer a[] = {{"per_server", "3k"}};
        char *t1 = envelope_text(m, s, a, 1, false), *t2 = envelope_text(m, en, a, 1, false);
        assert_string_equal(t1, t2);
        free(t1);
        free(t2);
        envelope_sheet_destroy(s);
    }
    assert_null(en->lang);
    envelope_sheet_destroy(en);
    model_destroy(m);
    free(json);
    /* A language only the file translates: its words, the sheet's own words in English. */
    json = translated_design("{\"pt-BR\": {\"title\": \"Tt\", \"envelope\": [{\"label\": \"Armazenamento por ano\", "
                             "\"factors\": [\"escritas/s\", \"bytes por escrita\", \"segundos por ano\"]}, {}]}}");
    m = load_text(json);
    s = envelope_sheet_create_in(m, "pt-BR");
    assert_string_equal(s->lines[1].label, "Armazenamento por ano");
    assert_string_equal(s->lines[1].arithmetic, "100 escritas/s \xC3\x97 1,000 bytes por escrita \xC3\x97 31,536,000 "
                                                "segundos por ano = 3.15 TB");
    assert_string_equal(s->lines[0].label, "Peak requests per second");
    char *t = envelope_text(m, s, NULL, 0, false);
    assert_non_null(strstr(t, "Back-of-the-envelope: Tt\n"));
    free(t);
    char *j2 = envelope_json(m, s, NULL, 0, false);
    cJSON *root = cJSON_Parse(j2);
    assert_string_equal(cJSON_GetObjectItem(root, "lang")->valuestring, "pt-BR");
    assert_string_equal(cJSON_GetObjectItem(root, "title")->valuestring, "Tt");
    cJSON_Delete(root);
    free(j2);
    envelope_sheet_destroy(s);
    model_destroy(m);
    free(json);
}

static void verdicts_and_messages_speak_every_language(void **state)
{
    (void)state;
    const char *langs[] = {"en", "ru", "uk"};
    int n = envelope_message_count();
    assert_true(n > 40);
    for (int i = 0; i < n; i++) {
        char *t[3];
        for (int l = 0; l < 3; l++) {
            t[l] = envelope_message_sample(i, langs[l]);
            assert_non_null(t[l]);
            if (!t[l][0] || !formatted_cleanly(t[l])) fprintf(stderr, "message %d in %s: \"%s\"\n", i, langs[l], t[l]);
            assert_true(t[l][0] != 0);
            assert_true(formatted_cleanly(t[l]));
        }
        char *en_numbers = numbers_read(t[0], "en", false);
        for (int l = 1; l < 3; l++) {
            char *numbers = numbers_read(t[l], langs[l], false);
            if (!has_cyrillic(t[l]) || strcmp(numbers, en_numbers) != 0)
                fprintf(stderr, "message %d in %s: \"%s\" (en: \"%s\"), numbers %s vs %s\n", i, langs[l], t[l], t[0],
                        numbers, en_numbers);
            assert_string_not_equal(t[l], t[0]);
            assert_true(has_cyrillic(t[l]));
            assert_string_equal(numbers, en_numbers); /* the same numbers, in the same order */
            free(numbers);
        }
        free(en_numbers);
        for (int l = 0; l < 3; l++) free(t[l]);
    }
    assert_null(envelope_message_sample(-1, "ru"));
    assert_null(envelope_message_sample(n, "ru"));

    /* The verdicts, with the right form of "times" after each number. */
    static const struct {
        double est, want;
        const char *lang, *text, *brief;
    } cases[] = {
        {1.02, 1, "ru", "хорошо (в точку)", "хорошо"},
        {1.3, 1, "ru", "хорошо (на 30% больше)", "хорошо"},
        {0.6, 1, "uk", "добре (на 40% менше)", "добре"},
        {8, 1, "ru", "близко: примерно в 8 раз больше (биты вместо байтов?)", "близко \xC2\xB7 8\xC3\x97 больше"},
        {1, 3.2, "ru", "близко: примерно в 3.2 раза меньше", "близко \xC2\xB7 3.2\xC3\x97 меньше"},
        {1, 3.2, "uk", "близько: приблизно в 3.2 раза менше", "близько \xC2\xB7 3.2\xC3\x97 менше"},
        {3, 1, "ru", "близко: примерно в 3 раза больше", NULL},
        {3, 1, "uk", "близько: приблизно в 3 рази більше", NULL},
        {1, 15, "uk", "мимо: приблизно в 15 разів менше", "мимо \xC2\xB7 15\xC3\x97 менше"},
        {21, 1, "ru", "мимо: примерно в 21 раз больше", NULL},
        {1000, 1, "uk", "мимо: приблизно в 1" NB "000 разів більше (помилка в префіксі k/M/G?)", "мимо \xC2\xB7 1k\xC3\x97 більше"},
        {86400, 1, "ru", "мимо: примерно в 86" NB "000 раз больше (в сутки вместо в секунду?)", "мимо \xC2\xB7 86k\xC3\x97 больше"},
        {8, 1, "en", "close: about 8 times too high (bits instead of bytes?)", "close \xC2\xB7 8\xC3\x97 high"},
        {2e15, 1.728e11, "en", "off: about 12,000 times too high", "off \xC2\xB7 12k\xC3\x97 high"},
        {1, 1, "de", "good (spot on)", "good"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        EnvelopeCheck c = envelope_check_in(cases[i].est, cases[i].want, cases[i].lang);
        EnvelopeCheck e = envelope_check(cases[i].est, cases[i].want);
        if (strcmp(c.text, cases[i].text) != 0 || (cases[i].brief && strcmp(c.brief, cases[i].brief) != 0))
            fprintf(stderr, "case %zu: \"%s\" / \"%s\"\n", i, c.text, c.brief);
        assert_string_equal(c.text, cases[i].text);
        if (cases[i].brief) assert_string_equal(c.brief, cases[i].brief);
        assert_int_equal(c.verdict, e.verdict); /* the language never changes the verdict */
        assert_true(c.ratio == e.ratio);
    }
    assert_string_equal(envelope_check_in(1, 0, "uk").text, "мимо: порівняти неможливо");
    assert_string_equal(envelope_verdict_word(ENV_CLOSE, "ru"), "близко");
    assert_string_equal(envelope_verdict_word(ENV_OFF, "uk"), "мимо");
    assert_string_equal(envelope_verdict_word(ENV_GOOD, NULL), "good");
    assert_string_equal(envelope_verdict_name(ENV_GOOD), "good");
}

static void estimates_parse_in_russian_and_ukrainian_units(void **state)
{
    (void)state;
    static const struct {
        EnvelopeUnit u;
        const char *text;
        double want;
    } cases[] = {
        {ENV_UNIT_BYTES, "45 ТБ", 45e12},
        {ENV_UNIT_BYTES, "45 тб", 45e12},
        {ENV_UNIT_BYTES, "45ТБ", 45e12},
        {ENV_UNIT_BYTES, "1.5 КБ", 1500},
        {ENV_UNIT_BYTES, "2 ГиБ", 2147483648.0},
        {ENV_UNIT_BYTES, "2 ГіБ", 2147483648.0},
        {ENV_UNIT_BYTES, "300 байт", 300},
        {ENV_UNIT_BYTES, "300 байтов", 300},
        {ENV_UNIT_BYTES, "300 байтів", 300},
        {ENV_UNIT_BYTES, "3 гигабайта", 3e9},
        {ENV_UNIT_BYTES, "3 терабайти", 3e12},
        {ENV_UNIT_BYTES, "8 Тбит", 1e12},
        {ENV_UNIT_BYTES, "45 тысяч ТБ", 45e15},
        {ENV_UNIT_BYTES, "около 45 ТБ", 45e12},
        {ENV_UNIT_BYTES_PER_S, "3 Гбит/с", 3e9 / 8},
        {ENV_UNIT_BYTES_PER_S, "3 Гбіт/с", 3e9 / 8},
        {ENV_UNIT_BYTES_PER_S, "400 МБ/с", 4e8},
        {ENV_UNIT_BYTES_PER_S, "400 мегабайт в секунду", 4e8},
        {ENV_UNIT_BYTES_PER_S, "100 мегабит за секунду", 1.25e7},
        {ENV_UNIT_BYTES_PER_S, "1.8 GB/s", 1.8e9},
        {ENV_UNIT_RPS, "300 тыс.", 3e5},
        {ENV_UNIT_RPS, "300 тыс", 3e5},
        {ENV_UNIT_RPS, "300 тысяч", 3e5},
        {ENV_UNIT_RPS, "300 тыс. запросов/с", 3e5},
        {ENV_UNIT_RPS, "300 тис. запитів/с", 3e5},
        {ENV_UNIT_RPS, "300тыс/с", 3e5},
        {ENV_UNIT_RPS, "300к", 3e5},
        {ENV_UNIT_RPS, "300К запросов/с", 3e5},
        {ENV_UNIT_BYTES, "45 кб", 45e3},
        {ENV_UNIT_COUNT, "3 кошки", 3}, /* a word, not "к" for thousand */
        {ENV_UNIT_RPS, "306 000 запросов/с", 306000},
        {ENV_UNIT_RPS, "306" NB "000 запросов/с", 306000},
        {ENV_UNIT_RPS, "306\xE2\x80\xAF" "000", 306000},
        {ENV_UNIT_RPS, "20 000 запросов в секунду", 2e4},
        {ENV_UNIT_RPS, "1.2 млн", 1.2e6},
        {ENV_UNIT_RPS, "1.2 Млн запросов/с", 1.2e6},
        {ENV_UNIT_RPS, "примерно 300k", 3e5},
        {ENV_UNIT_PER_S, "450 000/с", 4.5e5},
        {ENV_UNIT_PER_S, "450 тыс. записей/с", 4.5e5},
        {ENV_UNIT_COUNT, "60 млрд", 6e10},
        {ENV_UNIT_COUNT, "60 млрд ключей", 6e10},
        {ENV_UNIT_COUNT, "60 мільярдів", 6e10},
        {ENV_UNIT_COUNT, "3 миллиона", 3e6},
        {ENV_UNIT_COUNT, "3 мільйони", 3e6},
        {ENV_UNIT_COUNT, "3.52 трлн", 3.52e12},
        {ENV_UNIT_COUNT, "205 воркеров", 205},
        {ENV_UNIT_COUNT, "31" NB "536" NB "000", 31536000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = -1;
        char err[300] = "";
        bool ok = envelope_parse_in(cases[i].u, cases[i].text, "ru", &v, err, sizeof err);
        if (!ok || fabs(v - cases[i].want) > 1e-9 * cases[i].want)
            fprintf(stderr, "'%s' as %s: got %s %.17g (%s), want %.17g\n", cases[i].text,
                    envelope_unit_name(cases[i].u), ok ? "ok" : "refused", v, err, cases[i].want);
        assert_true(ok);
        assert_true(fabs(v - cases[i].want) <= 1e-9 * cases[i].want);
        /* The language of the messages does not change what is read. */
        double w = -1;
        assert_true(envelope_parse(cases[i].u, cases[i].text, &w, err, sizeof err));
        assert_true(w == v);
    }
    /* A number as each language writes it, as the app shows its figures: a decimal comma
     * in Russian and Ukrainian ("3,15 TB" beside the sheet's "× 0,2"; they were refused
     * with "write decimals with a point"), where "20,000" is twenty; in English a comma
     * before three digits groups thousands and any other is a decimal comma. */
    static const struct {
        const char *text, *lang;
        EnvelopeUnit u;
        double want;
    } commas[] = {
        {"1,5", "ru", ENV_UNIT_COUNT, 1.5},          {"0,2", "uk", ENV_UNIT_COUNT, 0.2},
        {"3,15 ТБ", "ru", ENV_UNIT_BYTES, 3.15e12},   {"12,6 TB", "uk", ENV_UNIT_BYTES, 12.6e12},
        {"20,000", "ru", ENV_UNIT_COUNT, 20},         {"1,234,567", "ru", ENV_UNIT_COUNT, 1234567},
        {"1,234.5", "uk", ENV_UNIT_COUNT, 1234.5},    {"4,6 тыс./с", "ru", ENV_UNIT_RPS, 4600},
        {"20,000", "en", ENV_UNIT_COUNT, 20000},      {"1,5", "en", ENV_UNIT_COUNT, 1.5},
        {"0,25 GB", "en", ENV_UNIT_BYTES, 0.25e9},    {"1,2345", "en", ENV_UNIT_COUNT, 1.2345},
    };
    for (size_t i = 0; i < sizeof commas / sizeof *commas; i++) {
        double v = -1;
        char err[300] = "";
        bool ok = envelope_parse_in(commas[i].u, commas[i].text, commas[i].lang, &v, err, sizeof err);
        if (!ok || fabs(v - commas[i].want) > 1e-9 * commas[i].want)
            fprintf(stderr, "'%s' in %s: got %s %.17g (%s), want %.17g\n", commas[i].text, commas[i].lang,
                    ok ? "ok" : "refused", v, err, commas[i].want);
        assert_true(ok);
        assert_true(fabs(v - commas[i].want) <= 1e-9 * commas[i].want);
    }
    static const struct {
        EnvelopeUnit u;
        const char *text, *lang, *message;
    } refused[] = {
        {ENV_UNIT_RPS, "45 ТБ", "ru", "'45 ТБ' \xE2\x80\x94 это объём данных; ожидается число запросов в секунду, например 300k"},
        {ENV_UNIT_RPS, "45 TB", "uk", "'45 TB' \xE2\x80\x94 це обсяг даних; очікується кількість запитів за секунду, наприклад 300k"},
        {ENV_UNIT_BYTES, "5 ПАРСЕКОВ", "ru", "'5 ПАРСЕКОВ': не удаётся прочитать 'ПАРСЕКОВ' как единицу измерения; ожидается "
                                             "объём данных, например 45 TB"},
        {ENV_UNIT_BYTES_PER_S, "400", "uk", "'400': потрібна одиниця виміру (біти й байти відрізняються у 8 разів); очікується "
                                            "пропускна здатність, наприклад 400 MB/s або 3 Gbit/s"},
        {ENV_UNIT_BYTES_PER_S, "400 МБ", "ru", "'400 МБ' \xE2\x80\x94 это объём данных, а не скорость"},
        {ENV_UNIT_BYTES, "3 Гбит/с", "ru", "'3 Гбит/с' \xE2\x80\x94 это скорость (в секунду); ожидается объём данных"},
        {ENV_UNIT_COUNT, "3 Гбит/с", "uk", "'3 Гбит/с' \xE2\x80\x94 це пропускна здатність"},
        {ENV_UNIT_COUNT, "12 котиков/с", "ru", "'12 котиков/с' \xE2\x80\x94 это скорость"},
        {ENV_UNIT_COUNT, "3 килограмма", "ru", "не удаётся прочитать 'килограмма'"},
        {ENV_UNIT_RPS, "", "uk", "порожньо; очікується кількість запитів за секунду, наприклад 300k"},
        {ENV_UNIT_RPS, "много", "ru", "'много' не начинается с числа"},
        {ENV_UNIT_COUNT, "-5", "ru", "'-5' не больше 0"},
        {ENV_UNIT_COUNT, "1e40", "uk", "'1e40' \xE2\x80\x94 забагато (більше за 10^30)"},
        {ENV_UNIT_BYTES, "2 МИБ", "ru", NULL}, /* the binary i of a Latin MiB is lowercase; Cyrillic case folds */
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        double v = 12345;
        char err[300] = "";
        bool ok = envelope_parse_in(refused[i].u, refused[i].text, refused[i].lang, &v, err, sizeof err);
        if (!refused[i].message) {
            assert_true(ok); /* "МИБ" folds to "миб" */
            continue;
        }
        if (ok || !strstr(err, refused[i].message))
            fprintf(stderr, "'%s' in %s: %s (%s), want '%s'\n", refused[i].text, refused[i].lang,
                    ok ? "accepted" : "refused", err, refused[i].message);
        assert_false(ok);
        assert_true(v == 12345);
        assert_non_null(strstr(err, refused[i].message));
    }
}

static void text_and_json_speak_the_sheets_language(void **state)
{
    (void)state;
    Model *m = load_preset("url-shortener");
    EnvelopeSheet *s = envelope_sheet_create_in(m, "ru");
    EnvelopeAnswer a[] = {{"keys_10_years", "60 млрд"}, {"bandwidth", "10Mbps"}, {"cache_memory", "2 ПБ"}};
    DiagList d;
    diag_init(&d, NULL);
    assert_true(envelope_answers_check(s, a, 3, &d));
    assert_int_equal(envelope_count_off(s, a, 3), 1);
    char *t = envelope_text(m, s, a, 3, false);
    assert_non_null(strstr(t, "Оценки на салфетке: Сокращатель ссылок\n"));
    assert_non_null(strstr(t, "keys_10_years: Сколько коротких ключей нужно на 10 лет\n"
                              "  ваша оценка: 60 млрд = 60 млрд: хорошо (в точку)\n"
                              "  500" NB "000" NB "000 новых ссылок в месяц \xC3\x97 12 месяцев в году \xC3\x97 10 лет = 60 млрд\n"
                              "  примечание: Длина ключа:"));
    assert_non_null(strstr(t, "ваша оценка: 10Mbps = 1.25 MB/s (10 Mbit/s): близко: примерно в 8 раз меньше (биты вместо байтов?)"));
    assert_non_null(strstr(t, "\n3 оценки: хорошо \xE2\x80\x94 1, близко \xE2\x80\x94 1, мимо \xE2\x80\x94 1\n"));
    assert_true(formatted_cleanly(t));
    free(t);
    t = envelope_text(m, s, a, 1, true);
    assert_non_null(strstr(t, "ваша оценка? (байты) cache_memory=...\n"));
    free(t);
    char *j = envelope_json(m, s, a, 3, false);
    cJSON *root = cJSON_Parse(j);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "lang")->valuestring, "ru");
    assert_string_equal(cJSON_GetObjectItem(root, "title")->valuestring, "Сокращатель ссылок");
    const cJSON *q1 = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "quantities"), 1);
    assert_string_equal(cJSON_GetObjectItem(q1, "label")->valuestring, "Сколько коротких ключей нужно на 10 лет");
    const cJSON *e = cJSON_GetObjectItem(q1, "estimate");
    assert_string_equal(cJSON_GetObjectItem(e, "verdict")->valuestring, "good"); /* names stay English */
    assert_string_equal(cJSON_GetObjectItem(e, "verdict_text")->valuestring, "хорошо (в точку)");
    cJSON_Delete(root);
    free(j);
    EnvelopeAnswer bad[] = {{"storage", "3 TB"}, {"peak_rps", "45 ТБ"}};
    assert_false(envelope_answers_check(s, bad, 2, &d));
    assert_true(has_diag(&d, "storage", "нет величины с таким id; есть такие: peak_rps, keys_10_years"));
    assert_true(has_diag(&d, "peak_rps", "'45 ТБ' \xE2\x80\x94 это объём данных"));
    diag_free(&d);
    envelope_sheet_destroy(s);
    /* The English sheet has no "lang" but "en". */
    s = envelope_sheet_create(m);
    j = envelope_json(m, s, NULL, 0, false);
    root = cJSON_Parse(j);
    assert_string_equal(cJSON_GetObjectItem(root, "lang")->valuestring, "en");
    cJSON_Delete(root);
    free(j);
    envelope_sheet_destroy(s);
    model_destroy(m);
    /* Nothing to estimate, in Ukrainian. */
    char *json = thoughtless_users();
    m = load_text(json);
    s = envelope_sheet_create_in(m, "uk");
    t = envelope_text(m, s, NULL, 0, false);
    assert_non_null(strstr(t, "Оцінки на серветці: T\n\nОцінювати нічого"));
    free(t);
    envelope_sheet_destroy(s);
    model_destroy(m);
    free(json);
}

/* The notes' source markers go to one Sources line under the sheet, as grade's hints
 * put theirs, in every language: "[PRIMER-PASTE]" was printed inside the note. */
static void the_notes_sources_go_to_one_line(void **state)
{
    (void)state;
    const char *langs[] = {NULL, "ru", "uk"};
    int with_sources = 0;
    for (int i = 0; i < N_PRESETS; i++) {
        Model *m = load_preset(presets[i]);
        for (int l = 0; l < 3; l++) {
            EnvelopeSheet *s = envelope_sheet_create_in(m, langs[l]);
            char *t = envelope_text(m, s, NULL, 0, false);
            for (const char *p = strchr(t, '['); p; p = strchr(p + 1, '['))
                if (p[1] >= 'A' && p[1] <= 'Z') fail_msg("%s %s: a marker in the text: %.30s", presets[i], langs[l] ? langs[l] : "en", p);
            char line[64];
            snprintf(line, sizeof line, "\n%s ", tr_in(langs[l] ? langs[l] : "en", "Sources:"));
            const char *src = strstr(t, line);
            if (src) {
                with_sources++;
                assert_non_null(strstr(src, "(docs/sources.md)"));
            }
            free(t);
            envelope_sheet_destroy(s);
        }
        model_destroy(m);
    }
    assert_true(with_sources >= 3 * 5); /* most presets cite their numbers */
}

static void every_preset_envelope_speaks_russian_and_ukrainian(void **state)
{
    (void)state;
    const char *langs[] = {"ru", "uk"};
    for (int i = 0; i < N_PRESETS; i++) {
        Model *m = load_preset(presets[i]);
        const Scenario *sc = &m->scenario;
        EnvelopeSheet *en = envelope_sheet_create(m);
        for (int l = 0; l < 2; l++) {
            const Translation *t = scenario_translation(sc, langs[l]);
            assert_non_null(t);
            if (t->n_envelope != sc->n_envelope)
                fprintf(stderr, "%s: the '%s' translation has %d envelope entries, the sheet %d quantities\n", presets[i],
                        langs[l], t->n_envelope, sc->n_envelope);
            assert_int_equal(t->n_envelope, sc->n_envelope);
            for (int k = 0; k < sc->n_envelope; k++) {
                const EnvelopeText *e = &t->envelope[k];
                const EnvelopeItem *it = &sc->envelope[k];
                bool whole = e->label && has_cyrillic(e->label) && e->note && has_cyrillic(e->note) &&
                             e->n_factors == it->n_factors;
                for (int f = 0; whole && f < e->n_factors; f++) whole = has_cyrillic(e->factors[f]);
                if (!whole)
                    fprintf(stderr, "%s: %s lacks a %s label, note or factor label\n", presets[i], it->id, langs[l]);
                assert_true(whole);
                /* The note has the English note's numbers (a sentence may order them
                 * differently). */
                char *a = sorted_numbers_in(it->note, "en"), *b = sorted_numbers_in(e->note, langs[l]);
                if (strcmp(a, b) != 0)
                    fprintf(stderr, "%s: %s (%s): the note's numbers differ: %s | %s\n", presets[i], it->id, langs[l], a, b);
                assert_string_equal(a, b);
                free(a);
                free(b);
            }
            EnvelopeSheet *s = envelope_sheet_create_in(m, langs[l]);
            assert_int_equal(s->n_lines, en->n_lines);
            for (int k = 0; k < s->n_lines; k++) {
                const EnvelopeLine *line = &s->lines[k];
                assert_string_equal(line->id, en->lines[k].id);
                assert_true(line->value == en->lines[k].value);
                assert_true(has_cyrillic(line->label) && has_cyrillic(line->arithmetic) && has_cyrillic(line->note));
                assert_true(formatted_cleanly(line->arithmetic));
                /* The value typed as this sheet prints it reads back, and is good. */
                char typed[128];
                envelope_format_value_in(line->unit, line->value, langs[l], typed, sizeof typed);
                char *paren = strchr(typed, '(');
                if (paren) paren[-1] = 0;
                double v;
                char err[300];
                if (!envelope_parse_in(line->unit, typed, langs[l], &v, err, sizeof err))
                    fprintf(stderr, "%s: %s: '%s' does not parse: %s\n", presets[i], line->id, typed, err);
                assert_true(envelope_parse_in(line->unit, typed, langs[l], &v, err, sizeof err));
                assert_int_equal(envelope_check(v, line->value).verdict, ENV_GOOD);
            }
            envelope_sheet_destroy(s);
        }
        envelope_sheet_destroy(en);
        model_destroy(m);
    }
}

/* ---- the presets ------------------------------------------------------------------------------ */

static void every_preset_has_storage_bandwidth_and_cache_with_sane_values(void **state)
{
    (void)state;
    for (int i = 0; i < N_PRESETS; i++) {
        Model *m = load_preset(presets[i]);
        EnvelopeSheet *s = envelope_sheet_create(m);
        static const struct {
            const char *id;
            EnvelopeUnit unit;
            double lo, hi;
        } need[] = {{"peak_rps", ENV_UNIT_RPS, 100, 1e7},
                    {"storage_per_year", ENV_UNIT_BYTES, 1e9, 1e18},
                    {"bandwidth", ENV_UNIT_BYTES_PER_S, 1e5, 1e12},
                    {"cache_memory", ENV_UNIT_BYTES, 1e8, 1e14}};
        for (size_t k = 0; k < sizeof need / sizeof *need; k++) {
            int j = envelope_sheet_find(s, need[k].id);
            if (j < 0) fprintf(stderr, "%s: no '%s' on the sheet\n", presets[i], need[k].id);
            assert_true(j >= 0);
            const EnvelopeLine *l = &s->lines[j];
            assert_int_equal(l->unit, need[k].unit);
            if (!(l->value >= need[k].lo && l->value <= need[k].hi))
                fprintf(stderr, "%s: %s = %g, outside %g .. %g\n", presets[i], l->id, l->value, need[k].lo, need[k].hi);
            assert_true(l->value >= need[k].lo && l->value <= need[k].hi);
        }
        double sum = 0;
        for (int t = 0; t < m->scenario.n_requests; t++) sum += m->scenario.requests[t].rate_rps;
        assert_true(s->lines[0].derived && s->lines[0].value >= sum);
        for (int j = 0; j < s->n_lines; j++) {
            const EnvelopeLine *l = &s->lines[j];
            assert_true(isfinite(l->value) && l->value > 0);
            assert_non_null(l->note); /* every number says where it comes from */
            assert_non_null(strstr(l->arithmetic, " = "));
            /* The user's own answer, typed as the sheet prints it, is good. */
            char typed[128];
            envelope_format_value(l->unit, l->value, typed, sizeof typed);
            char *paren = strchr(typed, '(');
            if (paren) paren[-1] = 0; /* "1.8 GB/s (14.4 Gbit/s)" -> "1.8 GB/s" */
            double v;
            char err[240];
            if (!envelope_parse(l->unit, typed, &v, err, sizeof err))
                fprintf(stderr, "%s: %s: '%s' does not parse: %s\n", presets[i], l->id, typed, err);
            assert_true(envelope_parse(l->unit, typed, &v, err, sizeof err));
            assert_int_equal(envelope_check(v, l->value).verdict, ENV_GOOD);
        }
        /* The file round-trips with its envelope. */
        char *a = model_to_json(m);
        Model *m2 = load_text(a);
        assert_true(model_equal(m, m2));
        char *b = model_to_json(m2);
        assert_string_equal(a, b);
        free(a);
        free(b);
        model_destroy(m2);
        envelope_sheet_destroy(s);
        model_destroy(m);
    }
}

/* ---- what the CLI prints ---------------------------------------------------------------------- */

static void text_and_json_show_arithmetic_and_verdicts(void **state)
{
    (void)state;
    Model *m = load_preset("url-shortener");
    EnvelopeSheet *s = envelope_sheet_create(m);
    EnvelopeAnswer a[] = {{"keys_10_years", "60B"}, {"bandwidth", "10Mbps"}, {"cache_memory", "2 PB"}};
    DiagList d;
    diag_init(&d, NULL);
    assert_true(envelope_answers_check(s, a, 3, &d));
    assert_int_equal(envelope_count_off(s, a, 3), 1);
    char *t = envelope_text(m, s, a, 3, false);
    assert_non_null(strstr(t, "Back-of-the-envelope: URL shortener\n"));
    assert_non_null(strstr(t, "keys_10_years: Short keys needed for 10 years\n"
                              "  your estimate: 60B = 60 billion: good (spot on)\n"
                              "  500,000,000 new links a month \xC3\x97 12 months in a year \xC3\x97 10 years = 60 billion\n"));
    assert_non_null(strstr(t, "your estimate: 10Mbps = 1.25 MB/s (10 Mbit/s): close: about 8 times too low (bits instead of bytes?)"));
    assert_non_null(strstr(t, "= 173 GB\n"));
    assert_non_null(strstr(t, "3 estimates: 1 good, 1 close, 1 off\n"));
    free(t);
    /* The quiz hides what was not estimated. */
    t = envelope_text(m, s, a, 1, true);
    assert_non_null(strstr(t, "= 60 billion"));
    assert_null(strstr(t, "= 173 GB"));
    assert_non_null(strstr(t, "your estimate? (bytes) cache_memory=..."));
    free(t);
    char *j = envelope_json(m, s, a, 3, true);
    cJSON *root = cJSON_Parse(j);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "format")->valuestring, ENVELOPE_FORMAT);
    assert_int_equal(cJSON_GetObjectItem(root, "estimates")->valueint, 3);
    assert_int_equal(cJSON_GetObjectItem(root, "off")->valueint, 1);
    const cJSON *qs = cJSON_GetObjectItem(root, "quantities");
    const cJSON *q0 = cJSON_GetArrayItem(qs, 0), *q1 = cJSON_GetArrayItem(qs, 1);
    assert_string_equal(cJSON_GetObjectItem(q0, "id")->valuestring, "peak_rps");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(q0, "value"))); /* quiz: not estimated */
    assert_true(cJSON_GetObjectItem(q1, "value")->valuedouble == 6e10);
    const cJSON *e = cJSON_GetObjectItem(q1, "estimate");
    assert_string_equal(cJSON_GetObjectItem(e, "verdict")->valuestring, "good");
    assert_string_equal(cJSON_GetObjectItem(e, "text")->valuestring, "60B");
    cJSON_Delete(root);
    free(j);
    /* Unknown ids and unreadable estimates are reported with the id as the path. */
    EnvelopeAnswer bad[] = {{"storage", "3 TB"}, {"peak_rps", "45 TB"}};
    assert_false(envelope_answers_check(s, bad, 2, &d));
    assert_true(has_diag(&d, "storage", "no quantity with this id; ids are: peak_rps, keys_10_years, storage_per_year"));
    assert_true(has_diag(&d, "peak_rps", "'45 TB' is an amount of data"));
    diag_free(&d);
    envelope_sheet_destroy(s);
    model_destroy(m);
}

static int cli(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >/dev/null 2>&1", ARCHSIM_SOURCE_DIR, ARCHSIM_CLI, args);
    int status = system(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Runs the CLI with `args`; returns the exit code and what it printed (stdout, then
 * stderr) in *out (caller frees). */
static int cli_output(const char *args, char **out)
{
    char path[64], cmd[2048];
    snprintf(path, sizeof path, "/tmp/archsim-test-envelope-%d.txt", (int)getpid());
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >'%s' 2>&1", ARCHSIM_SOURCE_DIR, ARCHSIM_CLI, args, path);
    int status = system(cmd);
    *out = read_file(path, NULL);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void cli_speaks_the_language_asked_for(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json --lang ru keys_10_years=60млрд "
                                "'storage_per_year=3 ТБ'", &out), 0);
    assert_non_null(strstr(out, "Оценки на салфетке: Сокращатель ссылок\n"));
    assert_non_null(strstr(out, "ваша оценка: 60млрд = 60 млрд: хорошо (в точку)"));
    assert_non_null(strstr(out, "storage_per_year: Объём хранения ссылок за год\n"));
    free(out);
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json --lang uk --quiz bandwidth=1Mbps", &out), 1);
    assert_non_null(strstr(out, "ваша оцінка: 1Mbps = 125 kB/s (1 Mbit/s): мимо: приблизно в 80 разів менше\n"));
    assert_non_null(strstr(out, "ваша оцінка? (байти) storage_per_year=...")); /* the quiz hides the rest */
    free(out);
    /* 64 digits used to freeze the CLI; now it is refused at once. */
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json "
                                "peak_rps=1111111111111111111111111111111111111111111111111111111111111111",
                                &out), 2);
    assert_non_null(strstr(out, "is too large (over 10^30)"));
    free(out);
    /* A refused estimate says why in the language. */
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json --lang ru peak_rps=много", &out), 2);
    assert_non_null(strstr(out, "'много' не начинается с числа"));
    free(out);
    /* JSON carries the language. */
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json --lang uk --quiet --json -", &out), 0);
    cJSON *root = cJSON_Parse(out);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "lang")->valuestring, "uk");
    cJSON_Delete(root);
    free(out);
    /* English by name is the default. */
    char *en;
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json --lang en", &out), 0);
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json", &en), 0);
    assert_string_equal(out, en);
    free(out);
    free(en);
    /* An unknown language is bad usage, naming the ones there are. */
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json --lang xx", &out), 2);
    assert_non_null(strstr(out, "--lang: 'xx' is not one of en, ru, uk"));
    free(out);
    assert_int_equal(cli_output("envelope scenarios/url-shortener.json --lang", &out), 2);
    free(out);
}

static void cli_exits_0_when_no_estimate_is_off_1_when_one_is_2_on_bad_input(void **state)
{
    (void)state;
    assert_int_equal(cli("envelope scenarios/twitter-timeline.json"), 0);
    assert_int_equal(cli("envelope scenarios/twitter-timeline.json peak_rps=300k 'storage_per_year=45 TB'"), 0);
    assert_int_equal(cli("envelope scenarios/twitter-timeline.json peak_rps=3k"), 1);
    assert_int_equal(cli("envelope scenarios/twitter-timeline.json peak_rps=banana"), 2);
    assert_int_equal(cli("envelope scenarios/twitter-timeline.json nope=3"), 2);
    assert_int_equal(cli("envelope scenarios/twitter-timeline.json --frob"), 2);
    assert_int_equal(cli("envelope"), 2);
    assert_int_equal(cli("envelope --help"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(derived_peak_sums_rates_and_users_and_names_each_type),
        cmocka_unit_test(derived_peak_is_the_true_maximum_over_overlapping_surges),
        cmocka_unit_test(a_listed_peak_rps_replaces_the_derived_one),
        cmocka_unit_test(expected_value_is_the_product_of_the_factors_with_the_arithmetic),
        cmocka_unit_test(numbers_and_values_are_formatted_for_people),
        cmocka_unit_test(estimates_parse_with_units_and_suffixes),
        cmocka_unit_test(nonsense_estimates_are_refused_with_a_clear_message),
        cmocka_unit_test(long_estimates_answer_at_once),
        cmocka_unit_test(verdict_bands_are_2x_good_10x_close_else_off),
        cmocka_unit_test(envelope_errors_name_the_path_and_what_is_allowed),
        cmocka_unit_test(envelope_round_trips_exactly),
        cmocka_unit_test(envelope_translations_round_trip_exactly),
        cmocka_unit_test(bad_envelope_translations_are_rejected_naming_the_path),
        cmocka_unit_test(every_preset_has_storage_bandwidth_and_cache_with_sane_values),
        cmocka_unit_test(text_and_json_show_arithmetic_and_verdicts),
        cmocka_unit_test(the_sheet_speaks_russian_and_ukrainian_with_translated_factor_labels),
        cmocka_unit_test(missing_parts_and_unknown_languages_fall_back_to_english),
        cmocka_unit_test(verdicts_and_messages_speak_every_language),
        cmocka_unit_test(estimates_parse_in_russian_and_ukrainian_units),
        cmocka_unit_test(text_and_json_speak_the_sheets_language),
        cmocka_unit_test(every_preset_envelope_speaks_russian_and_ukrainian),
        cmocka_unit_test(the_notes_sources_go_to_one_line),
        cmocka_unit_test(cli_exits_0_when_no_estimate_is_off_1_when_one_is_2_on_bad_input),
        cmocka_unit_test(cli_speaks_the_language_asked_for),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
