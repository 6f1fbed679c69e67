/*
 * test_compare.c - A/B comparisons (sim/compare.h): identical designs differ by nothing,
 * one more server is better by what Erlang C says (the interval covers it), the
 * scenario moves from one design to the other, and the report is deterministic.
 */
#include <math.h>

#include <cjson/cJSON.h>

#include "sim/compare.h"
#include "sim/tr.h"
#include "sim/util.h"
#include "sim/histogram.h"
#include "sim/numfmt.h"
#include "sim/requirements.h"
#include "sim_test.h"

static double erlang_c(int c, double a)
{
    double b = 1;
    for (int k = 1; k <= c; k++) b = a * b / (k + a * b);
    double rho = a / c;
    return b / (1 - rho * (1 - b));
}

static Comparison *compare(const Model *a, const Model *b, int reps, int jobs)
{
    DiagList d;
    diag_init(&d, NULL);
    SimOptions o = sim_options_default();
    Comparison *c = compare_run(a, b, "A", "B", &o, reps, jobs, &d);
    if (!c) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(c);
    return c;
}

/* The same design twice: on the same seeds every replication is the same run, so every
 * difference is exactly 0 and none is significant. */
static void identical_designs_differ_by_nothing(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/url-shortener.json");
    Comparison *c = compare(m, m, 3, 2);
    for (int t = 0; t <= c->n_types; t++)
        for (int f = 0; f < CMP_FIG_COUNT; f++) {
            const Difference *d = &c->types[t][f];
            assert_true(d->measured);
            assert_true(d->diff == 0);
            assert_false(d->significant);
        }
    for (int q = 0; q < c->n_requirements; q++) assert_false(c->requirements[q].significant);
    char *t = compare_text(c);
    assert_non_null(strstr(t, "verdict: B is better on 0 figures and worse on 0"));
    free(t);
    compare_destroy(c);
    model_destroy(m);
}

/* Equal values have no spread: their mean can be an ulp off them (0.7 three times over 3
 * is 0.6999999999999998), which made a half-width of about 1e-16 of the value ("$234 ±
 * $0.0000000000000865" in a comparison); a real spread keeps its half-width. */
static void equal_values_have_a_half_width_of_zero(void **state)
{
    (void)state;
    volatile double x = 0.7;
    double mean = (x + x + x) / 3, ss = 3 * (x - mean) * (x - mean);
    assert_true(mean != x && ss > 0); /* the noise this is about */
    assert_true(ci_half_width(3, ss, mean) == 0);
    double my = 1.5, sy = 0.25 + 0 + 0.25; /* 1, 1.5, 2 */
    assert_true(fabs(ci_half_width(3, sy, my) - 4.303 * sqrt(sy / 2 / 3)) < 1e-12);
}

/* A quantile moves in steps of a histogram bucket (about 0.54% of it): when every run's
 * p50 falls in one bucket its half-width is 0, which the report shows as below the
 * bucket's width ("± < 0.27 ms"), not as a figure known to 0 ms; a mean's 0 stays 0. Here
 * arrivals and service are constant, so every run is the same. */
static void a_quantile_known_to_its_bucket_says_so(void **state)
{
    (void)state;
    const char *json = "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 5, \"warmup_s\": 0,"
                       " \"requests\": [{\"name\": \"r\", \"rate_rps\": 100, \"arrival\": \"constant\"}]},"
                       " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
                       "  {\"id\": \"api\", \"kind\": \"service\", \"service_ms\": 50}],"
                       " \"edges\": [{\"from\": \"u\", \"to\": \"api\", \"latency_ms\": 0}]}";
    Model *a = load_text(json);
    Model *b = load_text(json);
    b->nodes[1].service_ms = (Dist){.kind = DIST_CONSTANT, .mean = 40};
    Comparison *c = compare(a, b, 3, 2);
    const Difference *p50 = &c->types[0][CMP_P50_MS], *mean = &c->types[0][CMP_MEAN_MS];
    assert_true(p50->quantile && !mean->quantile);
    assert_true(p50->a_half == 0 && p50->b_half == 0 && p50->diff_half == 0);
    assert_true(difference_below_resolution(p50, p50->a_half) && !difference_below_resolution(mean, mean->a_half));
    char *t = compare_text(c);
    char want[64], res[NUMFMT_CAP];
    snprintf(want, sizeof want, "\xC2\xB1 < %s ms", numfmt_decimal(hist_resolution(p50->a), 2, res, sizeof res));
    const char *row = strstr(t, "  p50 "); /* the p50 row: no "± 0 ms" in it... */
    assert_non_null(row);
    size_t len = strcspn(row, "\n");
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)len, row);
    assert_non_null(strstr(line, want));
    assert_null(strstr(line, "\xC2\xB1 0 ms"));
    assert_non_null(strstr(t, "50 ms \xC2\xB1 0 ms")); /* ...but the mean's, which is exact */
    free(t);
    compare_destroy(c);
    model_destroy(a);
    model_destroy(b);
}

/* M/M/2 against M/M/3 at 1,600 requests/s of 1 ms: the mean sojourn W = C(c, a) / (c mu -
 * lambda) + 1 / mu is 2.778 ms with two servers and 1.160 ms with three. Ten replications of
 * 200 s (320,000 requests each): B is better, significantly, and the 95% interval of the
 * paired difference covers the theoretical -1.618 ms; the throughput is the offered load
 * for both (no significant difference). */
static void one_more_server_is_better_by_what_erlang_c_says(void **state)
{
    (void)state;
    Model *a = load_data("tests/data/analysis/mmc2.json");
    Model *b = model_clone(a);
    b->nodes[model_find_node(b, "server")].workers = 3;
    Comparison *c = compare(a, b, 10, 2);
    double lambda = 1.6, mu = 1.0; /* per ms */
    double wa = erlang_c(2, lambda / mu) / (2 * mu - lambda) + 1 / mu;
    double wb = erlang_c(3, lambda / mu) / (3 * mu - lambda) + 1 / mu;
    const Difference *d = &c->types[0][CMP_MEAN_MS];
    fprintf(stderr, "A %.4f (theory %.4f), B %.4f (theory %.4f), B - A %.4f +- %.4f (theory %.4f)\n", d->a, wa, d->b,
            wb, d->diff, d->diff_half, wb - wa);
    assert_true(d->significant);
    assert_true(d->diff < 0);
    assert_true(fabs(d->diff - (wb - wa)) <= d->diff_half);
    assert_true(fabs(d->a - wa) / wa < 0.03 && fabs(d->b - wb) / wb < 0.03);
    assert_true(c->types[0][CMP_P99_MS].significant && c->types[0][CMP_P99_MS].diff < 0);
    /* The requirement (mean <= 2 ms): A fails, B passes. */
    assert_false(c->pass_a[0]);
    assert_true(c->pass_b[0]);
    char *t = compare_text(c);
    fputs(t, stderr);
    assert_non_null(strstr(t, "B better by"));
    free(t);
    compare_destroy(c);
    model_destroy(a);
    model_destroy(b);
}

/* Cost is exact: a design that costs more is worse on it, said and counted in the
 * verdict (the cost per month stood as a bare row the verdict never counted: "worse on
 * 0" under "B worse by 75%"); equal costs are "the same". */
static void a_dearer_design_is_worse_on_its_cost(void **state)
{
    (void)state;
    Model *a = load_data("tests/data/analysis/mmc2.json");
    Model *b = model_clone(a);
    b->nodes[model_find_node(b, "server")].instances = 2;
    Comparison *c = compare(a, b, 3, 2);
    const Difference *d = &c->cost_per_month;
    assert_true(d->measured && d->significant && d->diff > 0);
    assert_true(fabs(d->diff - (c->cost_b_usd - c->cost_a_usd)) < 1e-9);
    char *t = compare_text(c);
    const char *row = strstr(t, "  per month");
    assert_non_null(row);
    const char *eol = strchr(row, '\n');
    const char *worse = strstr(row, "B worse by 100%");
    assert_true(worse && worse < eol);
    assert_null(strstr(t, "worse on 0"));
    free(t);
    compare_destroy(c);
    c = compare(a, a, 2, 2);
    t = compare_text(c);
    row = strstr(t, "  per month");
    assert_non_null(row);
    eol = strchr(row, '\n');
    const char *same = strstr(row, "the same");
    assert_true(same && same < eol);
    free(t);
    compare_destroy(c);
    /* Three times the cost: said as so many times A, not "worse by 200%". */
    b->nodes[model_find_node(b, "server")].instances = 3;
    c = compare(a, b, 2, 2);
    t = compare_text(c);
    row = strstr(t, "  per month");
    assert_non_null(row);
    eol = strchr(row, '\n');
    worse = strstr(row, "B worse: 3 times A");
    if (!(worse && worse < eol)) fprintf(stderr, "%.*s\n", (int)(eol - row), row);
    assert_true(worse && worse < eol);
    free(t);
    /* In Russian and Ukrainian without a counted word that must agree with the number
     * ("в 3 раза", but "в 34 раза" is wrong): A times the factor. */
    const char *lang_says[][2] = {{"ru", "B \xD1\x85\xD1\x83\xD0\xB6\xD0\xB5: A \xC3\x97 3"},        /* B хуже: A × 3 */
                                  {"uk", "B \xD0\xB3\xD1\x96\xD1\x80\xD1\x88\xD0\xB5: A \xC3\x97 3"}}; /* B гірше: A × 3 */
    for (int l = 0; l < 2; l++) {
        tr_set_lang(lang_says[l][0]);
        t = compare_text(c);
        tr_set_lang("en");
        assert_non_null(strstr(t, lang_says[l][1]));
        free(t);
    }
    compare_destroy(c);
    model_destroy(a);
    model_destroy(b);
}

/* A requirement whose figure no line above repeats (a consumer lag, an async p99) counts
 * in the verdict, in its unit: the Kafka reference against its starter said "better on 0
 * figures and worse on 2" beside three requirements it passes and the starter fails, with
 * the lag as "28.21 ± 0.07848" and "84308 ± 226.4". */
static void a_lag_requirement_counts_in_the_verdict(void **state)
{
    (void)state;
    Model *a = load_data("scenarios/starters/kafka-partitions.json");
    Model *b = load_data("scenarios/kafka-partitions.json");
    a->scenario.duration_s = 10;
    Comparison *c = compare(a, b, 3, 2);
    char *t = compare_text(c);
    fprintf(stderr, "%s", t);
    for (int q = 0; q < c->n_requirements; q++) {
        char *row = strstr(t, requirement_name_in(c->requirement_names, c->n_requirements, q, "en"));
        assert_non_null(row);
        if (c->req_metric[q] == METRIC_MAX_LAG_S) assert_non_null(strstr(row, " s \xC2\xB1 "));
        if (c->req_metric[q] == METRIC_MAX_LAG_MESSAGES) {
            assert_true(c->requirements[q].a >= 1000);
            char grouped[NUMFMT_CAP];
            numfmt_grouped(round(c->requirements[q].a), ",", grouped, sizeof grouped);
            assert_non_null(strstr(row, grouped));
        }
    }
    /* better on the two lags and the async p99 (the cost lines: worse) */
    assert_non_null(strstr(t, "verdict: B is better on 3 figures and worse on 2"));
    free(t);
    compare_destroy(c);
    model_destroy(a);
    model_destroy(b);
}

/* A requirement only B measures (its async work; A has none): each side shows its own
 * figure where it has one, and the verdict says which side measured nothing (A's 0 ms
 * was compared with B's figure as if A had measured it). */
static void a_figure_one_side_lacks_is_not_a_zero(void **state)
{
    (void)state;
    const char *base =
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":5,\"warmup_s\":1,\"seed\":3,"
        "\"requests\":[{\"name\":\"send\",\"rate_rps\":200}],"
        "\"requirements\":[{\"metric\":\"async_p99_ms\",\"request\":\"send\",\"max\":500}]},"
        "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},{\"id\":\"api\",\"kind\":\"service\"},"
        "{\"id\":\"fanout\",\"kind\":\"service\"}],"
        "\"edges\":[{\"from\":\"users\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"fanout\",\"mode\":\"%s\"}]}";
    char ja[1200], jb[1200];
    snprintf(ja, sizeof ja, base, "sync");
    snprintf(jb, sizeof jb, base, "async");
    DiagList d;
    diag_init(&d, NULL);
    Model *a = model_from_json(ja, strlen(ja), &d), *b = model_from_json(jb, strlen(jb), &d);
    diag_free(&d);
    assert_non_null(a);
    assert_non_null(b);
    Comparison *c = compare(a, b, 2, 2);
    assert_int_equal(c->n_requirements, 1);
    const Difference *r = &c->requirements[0];
    assert_false(r->measured);
    assert_true(isnan(r->a) && isnan(r->diff));
    assert_true(isfinite(r->b) && r->b > 0);
    char *t = compare_text(c);
    assert_non_null(strstr(t, "A: not measured in every replication"));
    free(t);
    compare_destroy(c);
    /* the other way round */
    c = compare(b, a, 2, 2);
    t = compare_text(c);
    assert_non_null(strstr(t, "B: not measured in every replication"));
    free(t);
    compare_destroy(c);
    model_destroy(a);
    model_destroy(b);
}

/* B under A's scenario keeps B's numbers exactly, those that need 17 digits too: the
 * models went through cJSON's printer, which keeps 15 digits when they read back within
 * an epsilon (a service mean of 1.0000000000000002 came back 1, and B ran a little
 * differently than on its own). */
static void b_under_a_keeps_its_numbers_exactly(void **state)
{
    (void)state;
    Model *a = load_data("tests/data/analysis/mmc2.json");
    Model *b = load_data("tests/data/analysis/mm1-knee.json");
    b->nodes[1].service_ms.mean = 1.0000000000000002;
    b->edges[0].latency_ms = 0.30000000000000004;
    DiagList d;
    diag_init(&d, NULL);
    Model *bb = compare_with_scenario(b, a, &d);
    assert_non_null(bb);
    assert_true(bb->nodes[1].service_ms.mean == 1.0000000000000002);
    assert_true(bb->edges[0].latency_ms == 0.30000000000000004);
    model_destroy(bb);
    diag_free(&d);
    model_destroy(a);
    model_destroy(b);
}

/* B runs under A's scenario; one that cannot (its client is named differently) says so.
 * The JSON is the same on one thread and on two. */
static void the_scenario_moves_and_the_report_is_deterministic(void **state)
{
    (void)state;
    Model *a = load_data("tests/data/analysis/mmc2.json");
    Model *b = load_data("tests/data/analysis/mm1-knee.json");
    DiagList d;
    diag_init(&d, NULL);
    Model *bb = compare_with_scenario(b, a, &d);
    assert_non_null(bb);
    assert_true(bb->scenario.requests[0].rate_rps == 1600); /* A's traffic */
    assert_int_equal(bb->n_nodes, b->n_nodes);             /* B's design */
    Model *odd = model_clone(b);
    free(odd->nodes[0].id);
    odd->nodes[0].id = xstrdup("users");
    free(odd->edges[0].from);
    odd->edges[0].from = xstrdup("users");
    free(odd->scenario.requests[0].client);
    odd->scenario.requests[0].client = xstrdup("users");
    Model *oa = load_text("{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"job\", \"client\": "
                          "\"src\", \"rate_rps\": 10}]}, \"nodes\": [{\"id\": \"src\", \"kind\": \"client\"}, {\"id\": "
                          "\"s\", \"kind\": \"service\"}], \"edges\": [{\"from\": \"src\", \"to\": \"s\"}]}");
    assert_null(compare_with_scenario(odd, oa, &d));
    assert_true(d.n_items > 0);
    diag_print(&d, stderr);
    diag_free(&d);
    Comparison *c1 = compare(a, bb, 3, 1), *c2 = compare(a, bb, 3, 2);
    char *j1 = compare_json(c1), *j2 = compare_json(c2);
    assert_string_equal(j1, j2);
    cJSON *doc = cJSON_Parse(j1);
    assert_non_null(doc);
    assert_string_equal(cJSON_GetObjectItem(doc, "format")->valuestring, "archsim-compare/1");
    cJSON_Delete(doc);
    free(j1);
    free(j2);
    compare_destroy(c1);
    compare_destroy(c2);
    model_destroy(odd);
    model_destroy(oa);
    model_destroy(bb);
    model_destroy(a);
    model_destroy(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_designs_differ_by_nothing),
        cmocka_unit_test(equal_values_have_a_half_width_of_zero),
        cmocka_unit_test(a_quantile_known_to_its_bucket_says_so),
        cmocka_unit_test(one_more_server_is_better_by_what_erlang_c_says),
        cmocka_unit_test(a_dearer_design_is_worse_on_its_cost),
        cmocka_unit_test(a_figure_one_side_lacks_is_not_a_zero),
        cmocka_unit_test(a_lag_requirement_counts_in_the_verdict),
        cmocka_unit_test(b_under_a_keeps_its_numbers_exactly),
        cmocka_unit_test(the_scenario_moves_and_the_report_is_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
