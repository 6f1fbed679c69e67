/*
 * test_grade.c - the scenario library and grading: every preset's reference passes
 * and its starter fails at least one requirement; the starter carries the same
 * scenario as the reference; every preset has English, Russian and Ukrainian text;
 * grades are deterministic and their JSON has the documented structure; the
 * translation fields round-trip and bad ones are rejected.
 *
 * Twitter and Instagram at full rate are graded over a short run here (1 s of
 * warm-up, 1 s measured) to keep the suite fast; `archsim-cli grade` runs them in full.
 */
#include <math.h>

#include <cjson/cJSON.h>

#include "sim/grade.h"
#include "sim/util.h"
#include "sim_test.h"

typedef struct Preset {
    const char *name;
    double warmup_s, duration_s; /* < 0: the scenario's */
} Preset;

static const Preset presets[] = {
    {"twitter-timeline", 1, 1},   {"instagram-feed", 1, 1},    {"midsize-webapp", -1, -1},
    {"scale-api", -1, -1},        {"microservices-kafka", -1, -1}, {"sync-vs-async", -1, -1},
    {"chat-websocket", -1, -1},   {"url-shortener", -1, -1},   {"db-read-scaling", -1, -1},
    {"failure-drill", -1, -1},
};
#define N_PRESETS (int)(sizeof presets / sizeof *presets)

static Grade *grade_file(const char *rel, const Preset *p, Model **mp, Summary **sp)
{
    Model *m = load_data(rel);
    SimOptions o = sim_options_default();
    o.warmup_s = p->warmup_s;
    o.duration_s = p->duration_s;
    DiagList d;
    diag_init(&d, rel);
    Summary *s = sim_replicate(m, &o, 1, 1, &d);
    if (!s) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(s);
    Grade *g = grade_create(m, s);
    *mp = m;
    *sp = s;
    return g;
}

static void every_reference_passes_its_scenario(void **state)
{
    (void)state;
    for (int i = 0; i < N_PRESETS; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "scenarios/%s.json", presets[i].name);
        Model *m;
        Summary *s;
        Grade *g = grade_file(rel, &presets[i], &m, &s);
        printf("    %-28s reference: %d of %d pass\n", presets[i].name, g->n_passed, g->n_items);
        if (!g->pass) {
            char *t = grade_text(m, s, g, NULL);
            fputs(t, stderr);
            free(t);
        }
        assert_true(g->n_items >= 3);
        assert_true(g->pass);
        assert_int_equal(g->n_hints, 0);
        grade_destroy(g);
        summary_destroy(s);
        model_destroy(m);
    }
}

static void every_starter_fails_a_requirement_with_a_hint(void **state)
{
    (void)state;
    for (int i = 0; i < N_PRESETS; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "scenarios/starters/%s.json", presets[i].name);
        Model *m;
        Summary *s;
        Grade *g = grade_file(rel, &presets[i], &m, &s);
        printf("    %-28s starter: %d of %d pass, %d hints\n", presets[i].name, g->n_passed,
               g->n_items, g->n_hints);
        assert_false(g->pass);
        assert_true(g->n_hints > 0);
        for (int k = 0; k < g->n_items; k++)
            if (!g->items[k].verdict.pass) assert_true(g->items[k].n_hints > 0);
        grade_destroy(g);
        summary_destroy(s);
        model_destroy(m);
    }
}

static void starter_and_reference_share_one_scenario(void **state)
{
    (void)state;
    for (int i = 0; i < N_PRESETS; i++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "scenarios/%s.json", presets[i].name);
        snprintf(b, sizeof b, "scenarios/starters/%s.json", presets[i].name);
        Model *ref = load_data(a), *st = load_data(b);
        if (!scenario_equal(&ref->scenario, &st->scenario))
            fprintf(stderr, "%s: the starter's scenario differs from the reference's\n", b);
        assert_true(scenario_equal(&ref->scenario, &st->scenario));
        assert_string_equal(ref->title, st->title);
        model_destroy(ref);
        model_destroy(st);
    }
}

static void every_preset_speaks_english_russian_and_ukrainian(void **state)
{
    (void)state;
    const char *langs[] = {"ru", "uk"};
    for (int i = 0; i < N_PRESETS; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "scenarios/%s.json", presets[i].name);
        Model *m = load_data(rel);
        const Scenario *s = &m->scenario;
        assert_non_null(m->title);
        assert_non_null(s->prompt);
        if (s->n_hints < 2) fprintf(stderr, "%s: fewer than 2 hints\n", rel);
        assert_true(s->n_hints >= 2);
        for (int l = 0; l < 2; l++) {
            const Translation *t = scenario_translation(s, langs[l]);
            if (!t || !t->title || !t->prompt || t->n_hints != s->n_hints)
                fprintf(stderr, "%s: the '%s' translation lacks a title, prompt or hints\n", rel,
                        langs[l]);
            assert_non_null(t);
            assert_non_null(t->title);
            assert_non_null(t->prompt);
            assert_int_equal(t->n_hints, s->n_hints);
            assert_string_not_equal(t->prompt, s->prompt);
            /* Cyrillic text: the translation is not English left in place */
            assert_non_null(strstr(t->prompt, "\xd0"));
        }
        model_destroy(m);
    }
}

static void grade_json_is_deterministic_and_documented(void **state)
{
    (void)state;
    const Preset *p = &presets[9]; /* the failure drill: events, retries, hints */
    char *texts[2];
    for (int k = 0; k < 2; k++) {
        Model *m;
        Summary *s;
        Grade *g = grade_file("scenarios/starters/failure-drill.json", p, &m, &s);
        texts[k] = grade_json(m, s, g, "ru");
        grade_destroy(g);
        summary_destroy(s);
        model_destroy(m);
    }
    assert_string_equal(texts[0], texts[1]);
    cJSON *root = cJSON_Parse(texts[0]);
    assert_non_null(root);
    const char *top[] = {"format", "archsim", "lang", "title", "prompt", "seed", "warmup_s",
                         "duration_s", "replications", "pass", "passed", "failed",
                         "cost_per_month_usd", "bottleneck", "requirements", "hints",
                         "scenario_hints"};
    char *doc = read_file(ARCHSIM_SOURCE_DIR "/docs/grading.md", NULL);
    assert_non_null(doc);
    for (size_t i = 0; i < sizeof top / sizeof *top; i++) {
        assert_non_null(cJSON_GetObjectItemCaseSensitive(root, top[i]));
        char *key = xasprintf("`%s`", top[i]);
        if (!strstr(doc, key)) fprintf(stderr, "docs/grading.md does not mention %s\n", key);
        assert_non_null(strstr(doc, key));
        free(key);
    }
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "format")->valuestring,
                        GRADE_FORMAT);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "lang")->valuestring, "ru");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(root, "pass")));
    const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(root, "requirements");
    assert_true(cJSON_GetArraySize(reqs) == 3);
    const char *rkeys[] = {"text", "metric", "request", "measured", "value", "margin", "pass",
                           "hints"};
    const cJSON *r;
    cJSON_ArrayForEach(r, reqs)
    {
        for (size_t i = 0; i < sizeof rkeys / sizeof *rkeys; i++) {
            assert_non_null(cJSON_GetObjectItemCaseSensitive(r, rkeys[i]));
            char *key = xasprintf("`%s`", rkeys[i]);
            assert_non_null(strstr(doc, key));
            free(key);
        }
    }
    const cJSON *hints = cJSON_GetObjectItemCaseSensitive(root, "hints"), *h;
    assert_true(cJSON_GetArraySize(hints) > 0);
    bool storm = false;
    cJSON_ArrayForEach(h, hints)
    {
        const cJSON *cause = cJSON_GetObjectItemCaseSensitive(h, "cause");
        assert_true(cJSON_IsString(cause));
        storm |= strcmp(cause->valuestring, "retry_storm") == 0;
        char *key = xasprintf("`%s`", cause->valuestring);
        assert_non_null(strstr(doc, key));
        free(key);
        assert_non_null(cJSON_GetObjectItemCaseSensitive(h, "node"));
        assert_non_null(cJSON_GetObjectItemCaseSensitive(h, "edge"));
        assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(h, "text")));
    }
    assert_true(storm);
    for (int c = 0; c < CAUSE_COUNT; c++) {
        char *key = xasprintf("`%s`", grade_cause_name((GradeCause)c));
        if (!strstr(doc, key)) fprintf(stderr, "docs/grading.md does not mention %s\n", key);
        assert_non_null(strstr(doc, key));
        free(key);
    }
    const cJSON *sh = cJSON_GetObjectItemCaseSensitive(root, "scenario_hints");
    assert_true(cJSON_GetArraySize(sh) == 3);
    assert_non_null(strstr(cJSON_GetArrayItem(sh, 0)->valuestring, "\xd0"));
    cJSON_Delete(root);
    free(doc);
    free(texts[0]);
    free(texts[1]);
}

static void cost_over_budget_names_the_most_expensive_nodes(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 1, \"warmup_s\": 0,"
        " \"requests\": [{\"name\": \"r\", \"rate_rps\": 10}],"
        " \"requirements\": [{\"metric\": \"cost_per_month_usd\", \"max\": 100}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        "  {\"id\": \"big\", \"kind\": \"service\", \"instances\": 10, \"service_ms\": 1}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"big\"}]}");
    Summary *s = run_model(m, 1, -1);
    Grade *g = grade_create(m, s);
    assert_false(g->pass);
    assert_int_equal(g->n_hints, 1);
    assert_int_equal(g->hints[0].cause, CAUSE_COST);
    assert_non_null(strstr(g->hints[0].text, "big (10 servers x 0.096 USD/h x 730 h = 701 USD)"));
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
}

static const char *base_json =
    "{\"format\": \"archsim/1\", \"title\": \"T\", \"scenario\": {\"prompt\": \"P\", \"hints\": "
    "[\"h1\", \"h2\"], \"requests\": [{\"name\": \"r\", \"rate_rps\": 1}], \"translations\": %s},"
    " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"a\", \"kind\": \"service\"}],"
    " \"edges\": [{\"from\": \"u\", \"to\": \"a\"}]}";

static void translations_round_trip_exactly(void **state)
{
    (void)state;
    char *json = xasprintf(base_json, "{\"ru\": {\"title\": \"Т\", \"prompt\": \"П\", \"hints\": "
                                      "[\"п1\", \"п2\"]}, \"uk\": {\"prompt\": \"П\"}, "
                                      "\"pt-BR\": {\"hints\": [\"d1\", \"d2\"]}}");
    Model *m = load_text(json);
    assert_int_equal(m->scenario.n_hints, 2);
    assert_int_equal(m->scenario.n_translations, 3);
    assert_string_equal(scenario_prompt_in(m, "ru"), "П");
    assert_string_equal(scenario_title_in(m, "uk"), "T"); /* falls back to English */
    int n;
    char *const *h = scenario_hints_in(m, "uk", &n);
    assert_int_equal(n, 2);
    assert_string_equal(h[0], "h1");
    h = scenario_hints_in(m, "pt-BR", &n);
    assert_string_equal(h[1], "d2");
    char *a = model_to_json(m);
    DiagList d;
    diag_init(&d, "a");
    Model *m2 = model_from_json(a, strlen(a), &d);
    diag_free(&d);
    assert_non_null(m2);
    assert_true(model_equal(m, m2));
    Model *m3 = model_clone(m2);
    assert_true(model_equal(m, m3));
    char *b = model_to_json(m3);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "\"translations\": {\n      \"ru\": {\"title\": \"Т\""));
    free(a);
    free(b);
    free(json);
    model_destroy(m);
    model_destroy(m2);
    model_destroy(m3);
}

static void bad_translations_are_rejected_naming_the_path(void **state)
{
    (void)state;
    const struct {
        const char *translations, *path, *words;
    } cases[] = {
        {"{\"ru\": {\"hints\": [\"only one\"]}}", "scenario.translations.ru.hints", "has 1 hint"},
        {"{\"en\": {\"prompt\": \"x\"}}", "scenario.translations.en", "English is the base"},
        {"{\"Russian\": {\"prompt\": \"x\"}}", "scenario.translations.Russian",
         "not a language code"},
        {"{\"ru\": {\"promt\": \"x\"}}", "scenario.translations.ru.promt", "did you mean 'prompt'"},
        {"{\"ru\": \"x\"}", "scenario.translations.ru", "must be an object"},
        {"[\"ru\"]", "scenario.translations", "must be an object"},
        {"{\"ru\": {\"hints\": [\"\", \"b\"]}}", "scenario.translations.ru.hints[0]", "empty"},
        {"{\"ru\": {}, \"ru\": {}}", "scenario.translations", "duplicate key"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *json = xasprintf(base_json, cases[i].translations);
        DiagList d;
        diag_init(&d, "t");
        Model *m = model_from_json(json, strlen(json), &d);
        assert_null(m);
        bool found = false;
        for (int k = 0; k < d.n_items; k++)
            found |= strcmp(d.items[k].path, cases[i].path) == 0 &&
                     strstr(d.items[k].message, cases[i].words) != NULL;
        if (!found) {
            fprintf(stderr, "case %zu: want %s: ...%s...; got:\n", i, cases[i].path,
                    cases[i].words);
            diag_print(&d, stderr);
        }
        assert_true(found);
        diag_free(&d);
        free(json);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(starter_and_reference_share_one_scenario),
        cmocka_unit_test(every_preset_speaks_english_russian_and_ukrainian),
        cmocka_unit_test(translations_round_trip_exactly),
        cmocka_unit_test(bad_translations_are_rejected_naming_the_path),
        cmocka_unit_test(cost_over_budget_names_the_most_expensive_nodes),
        cmocka_unit_test(grade_json_is_deterministic_and_documented),
        cmocka_unit_test(every_reference_passes_its_scenario),
        cmocka_unit_test(every_starter_fails_a_requirement_with_a_hint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
