/*
 * test_grade.c - the scenario library and grading: every preset's reference passes
 * and its starter fails at least one requirement; the starter carries the same
 * scenario as the reference; every preset has English, Russian and Ukrainian text;
 * grades are deterministic and their JSON has the documented structure; the
 * translation fields round-trip and bad ones are rejected; the grade speaks English,
 * Russian and Ukrainian with the same verdicts, causes and numbers in each.
 *
 * Twitter and Instagram at full rate are graded over a short run here (1 s of
 * warm-up, 1 s measured) to keep the suite fast; `archsim-cli grade` runs them in full.
 */
#include <ctype.h>
#include <math.h>

#include <cjson/cJSON.h>

#include "sim/grade.h"
#include "sim/numfmt.h"
#include "sim/report.h"
#include "sim/scenario_edit.h"
#include "sim/tr.h"
#include "sim/requirements.h"
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
    {"failure-drill", -1, -1},    {"kafka-partitions", -1, -1},
    {"cache-sizing", -1, -1},     {"cache-restart", -1, -1},
    {"flash-sale", -1, -1},       {"zone-failure", -1, -1},
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
            /* its node and edge labels: each one a label of the reference or its starter
               (they share one scenario), none left over from a rename or mistyped */
            snprintf(rel, sizeof rel, "scenarios/starters/%s.json", presets[i].name);
            Model *st = load_data(rel);
            assert_true(t->n_labels > 0);
            for (int k = 0; k < t->n_labels; k++) {
                bool used = false;
                for (int pass = 0; pass < 2; pass++) {
                    const Model *x = pass ? st : m;
                    for (int j = 0; j < x->n_nodes; j++) used |= x->nodes[j].label && strcmp(x->nodes[j].label, t->labels_en[k]) == 0;
                    for (int j = 0; j < x->n_edges; j++) used |= x->edges[j].label && strcmp(x->edges[j].label, t->labels_en[k]) == 0;
                }
                if (!used) fprintf(stderr, "%s (%s): no node or edge is labelled '%s'\n", presets[i].name, langs[l], t->labels_en[k]);
                assert_true(used);
            }
            model_destroy(st);
            snprintf(rel, sizeof rel, "scenarios/%s.json", presets[i].name);
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
        " \"requirements\": [{\"metric\": \"cost_per_month_usd\", \"max\": 1000}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        "  {\"id\": \"big\", \"kind\": \"service\", \"instances\": 20, \"service_ms\": 1}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"big\"}]}");
    Summary *s = run_model(m, 1, -1);
    Grade *g = grade_create(m, s);
    assert_false(g->pass);
    assert_int_equal(g->n_hints, 1);
    assert_int_equal(g->hints[0].cause, CAUSE_COST);
    /* amounts thousands apart, as the requirement and the report's cost line write them */
    assert_non_null(strstr(g->hints[0].text, "the design costs 1,402 USD per month, over the budget of 1,000 USD"));
    assert_non_null(strstr(g->hints[0].text, "big (20 servers x 0.096 USD/h x 730 h = 1,402 USD)"));
    grade_destroy(g);
    g = grade_create_in(m, s, "ru");
    assert_non_null(strstr(g->hints[0].text, "1\xC2\xA0" "402 USD \xD0\xB2 \xD0\xBC\xD0\xB5\xD1\x81\xD1\x8F\xD1\x86")); /* "в месяц" */
    assert_non_null(strstr(g->hints[0].text, "(1\xC2\xA0" "000 USD)"));
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
}

/* Slow with no node at capacity: the time goes to the path, and the hint says how to see
 * where in the app as on the command line (it named only archsim-cli's --trace, beside
 * the app's own Trace tab). */
static void a_slow_path_points_at_the_trace_tab_and_the_cli(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 2, \"warmup_s\": 0,"
        " \"requests\": [{\"name\": \"r\", \"rate_rps\": 100}],"
        " \"requirements\": [{\"metric\": \"p99_ms\", \"max\": 50}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        "  {\"id\": \"ext\", \"kind\": \"external_api\", \"service_ms\": {\"dist\": \"constant\", \"mean\": 100}}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"ext\"}]}");
    Summary *s = run_model(m, 1, -1);
    Grade *g = grade_create(m, s);
    assert_false(g->pass);
    assert_int_equal(g->n_hints, 1);
    assert_int_equal(g->hints[0].cause, CAUSE_LATENCY_PATH);
    assert_non_null(strstr(g->hints[0].text, "Trace one request (the app's Trace tab, or archsim-cli run FILE --trace TYPE)"));
    grade_destroy(g);
    g = grade_create_in(m, s, "ru");
    assert_non_null(strstr(g->hints[0].text, "\xC2\xAB\xD0\xA2\xD1\x80\xD0\xB0\xD1\x81\xD1\x81\xD0\xB8\xD1\x80\xD0\xBE\xD0\xB2\xD0\xBA\xD0\xB0\xC2\xBB")); /* «Трассировка», the tab's name */
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
}

/* A cache hit ratio required of a design with no cache yet (an exercise's blank board)
 * is a warning, not a problem that stops the run: the run goes, and the grade fails the
 * requirement saying why ("no cache or CDN served a read", not "no such traffic"). */
static void a_hit_ratio_without_a_cache_runs_and_fails_saying_why(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 1, \"warmup_s\": 0,"
        " \"requests\": [{\"name\": \"r\", \"rate_rps\": 10}],"
        " \"requirements\": [{\"metric\": \"hit_ratio\", \"min\": 0.9}, {\"metric\": \"p99_ms\", \"max\": 1000}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"s\", \"kind\": \"service\"}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"s\"}]}");
    DiagList d;
    diag_init(&d, NULL);
    model_validate(m, &d);
    assert_int_equal(diag_errors(&d), 0);
    assert_int_equal(d.n_items, 1);
    assert_string_equal(d.items[0].path, "scenario.requirements[0].metric");
    assert_non_null(strstr(d.items[0].message, "the requirement fails"));
    diag_free(&d);
    Summary *s = run_model(m, 1, -1);
    Grade *g = grade_create(m, s);
    assert_false(g->pass);
    assert_false(g->items[0].verdict.measured);
    assert_false(g->items[0].verdict.pass);
    assert_true(g->items[1].verdict.pass);
    char *t = grade_text(m, s, g, NULL);
    assert_non_null(strstr(t, "measured nothing (no cache or CDN served a read)"));
    free(t);
    grade_destroy(g);
    g = grade_create_in(m, s, "uk");
    t = grade_text(m, s, g, "uk");
    assert_non_null(strstr(t, requirement_unmeasured_why(METRIC_HIT_RATIO, "uk")));
    assert_null(strstr(t, "no cache"));
    free(t);
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
}

/* A queue whose consumer cannot keep up: the hint writes the backlog thousands apart,
 * as the grade writes a lag ("grew to 5,896 messages"); the JSON keeps the bare digits
 * archsim-grade/1 has always had, and its bottleneck.why is the report's. */
static void a_backlog_hint_writes_its_count_thousands_apart(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 5, \"warmup_s\": 0,"
        " \"requests\": [{\"name\": \"r\", \"rate_rps\": 2000}],"
        " \"requirements\": [{\"metric\": \"p99_ms\", \"request\": \"r\", \"max\": 0.001}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        "  {\"id\": \"api\", \"kind\": \"service\", \"io\": \"async\", \"service_ms\": 0.1},"
        "  {\"id\": \"q\", \"kind\": \"queue\"},"
        "  {\"id\": \"w\", \"kind\": \"service\", \"instances\": 1, \"workers\": 1, \"service_ms\": 1}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"api\"}, {\"from\": \"api\", \"to\": \"q\", \"mode\": \"async\"},"
        "  {\"from\": \"q\", \"to\": \"w\"}]}");
    Summary *s = run_model(m, 1, -1);
    Grade *g = grade_create(m, s);
    const GradeHint *h = NULL;
    for (int k = 0; k < g->n_hints; k++)
        if (g->hints[k].cause == CAUSE_BACKLOG) h = &g->hints[k];
    assert_non_null(h);
    double most = node_fig(s, "q", NF_MAX_BACKLOG);
    assert_true(most >= 1000);
    char count[NUMFMT_CAP], want[96], wrapped[96], bare[96];
    snprintf(want, sizeof want, "q's backlog grew to %s messages:", numfmt_grouped(most, ",", count, sizeof count));
    snprintf(wrapped, sizeof wrapped, "grew to %s messages", count); /* grade_text wraps the rest */
    snprintf(bare, sizeof bare, "q's backlog grew to %.0f messages:", most);
    printf("    %s\n", h->text);
    assert_non_null(strstr(h->text, want));
    char *text = grade_text(m, s, g, NULL);
    assert_non_null(strstr(text, wrapped));
    char *json = grade_json(m, s, g, NULL);
    cJSON *root = cJSON_Parse(json);
    const cJSON *hints = cJSON_GetObjectItemCaseSensitive(root, "hints");
    bool found = false;
    for (int k = 0; k < cJSON_GetArraySize(hints); k++) {
        const char *t = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(hints, k), "text")->valuestring;
        found |= strstr(t, bare) != NULL;
        assert_null(strstr(t, want));
    }
    assert_true(found);
    const cJSON *bn = cJSON_GetObjectItemCaseSensitive(root, "bottleneck");
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(bn, "why")->valuestring, s->mean->bottleneck_why);
    cJSON_Delete(root);
    free(json);
    free(text);
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

/* Node and edge labels in a language: scenario.translations.<lang>.labels maps an English
 * label to its text; the board (label_tr, model_localize), reports in a language
 * (node_name_in) and edits (model_set_label_shown) all read it. */
static const char *labels_json =
    "{\"format\": \"archsim/1\", \"title\": \"T\", \"scenario\": {\"requests\": [{\"name\": \"r\", "
    "\"rate_rps\": 1}], \"translations\": {\"ru\": {\"labels\": {\"Users\": \"Пользователи\", \"Links DB\": "
    "\"БД ссылок\", \"a call\": \"вызов\"}}}}, \"nodes\": [{\"id\": \"u\", \"kind\": \"client\", \"label\": "
    "\"Users\"}, {\"id\": \"db\", \"kind\": \"database\", \"label\": \"Links DB\"}, {\"id\": \"db2\", \"kind\": "
    "\"database\", \"label\": \"Links DB\"}, {\"id\": \"x\", \"kind\": \"service\"}], \"edges\": [{\"from\": \"u\", "
    "\"to\": \"db\", \"label\": \"a call\"}, {\"from\": \"u\", \"to\": \"db2\"}]}";

static void node_and_edge_labels_read_in_the_language_shown(void **state)
{
    (void)state;
    Model *m = load_text(labels_json);
    char a[200];
    /* named in a language whatever the model shows */
    assert_string_equal(node_name_in(m, &m->nodes[1], NAMING_LABEL_AND_ID, "ru", a, sizeof a), "БД ссылок (db)");
    assert_string_equal(node_name_in(m, &m->nodes[1], NAMING_LABEL_AND_ID, "uk", a, sizeof a), "Links DB (db)");
    assert_string_equal(node_name_in(m, &m->nodes[1], NAMING_LABEL_AND_ID, "en", a, sizeof a), "Links DB (db)");
    assert_string_equal(node_name_in(m, &m->nodes[3], NAMING_LABEL, "ru", a, sizeof a), "x");
    /* shown in Russian, then in English again */
    assert_string_equal(node_label_shown(&m->nodes[0]), "Users");
    model_localize(m, "ru");
    assert_string_equal(node_label_shown(&m->nodes[0]), "Пользователи");
    assert_string_equal(node_label_shown(&m->nodes[2]), "БД ссылок");
    assert_string_equal(node_label_shown(&m->nodes[3]), "x");
    assert_string_equal(edge_label_shown(&m->edges[0]), "вызов");
    assert_string_equal(edge_label_shown(&m->edges[1]), "");
    assert_string_equal(edge_name(m, &m->edges[0], a, sizeof a), "Пользователи \xE2\x86\x92 БД ссылок");
    assert_string_equal(node_name(&m->nodes[1], NAMING_LABEL, a, sizeof a), "БД ссылок");
    assert_string_equal(node_name_in(m, &m->nodes[1], NAMING_LABEL_AND_ID, "en", a, sizeof a), "Links DB (db)");
    /* never saved: the file is the same shown in any language */
    char *before = model_to_json(m);
    assert_null(strstr(before, "\"label\": \"Пользователи\""));
    assert_non_null(strstr(before, "\"labels\": {\"Users\": \"Пользователи\", \"Links DB\": \"БД ссылок\""));
    /* what is shown is what an edit changes: the translation, for both nodes labelled so */
    Model *e = model_clone(m);
    assert_true(model_set_label_shown(e, false, 1, "ru", "  База ссылок "));
    assert_string_equal(e->nodes[1].label, "Links DB");
    assert_string_equal(node_label_shown(&e->nodes[1]), "База ссылок");
    assert_string_equal(node_label_shown(&e->nodes[2]), "База ссылок");
    assert_string_equal(scenario_label_in(&e->scenario, "Links DB", "ru"), "База ссылок");
    assert_false(model_set_label_shown(e, false, 1, "ru", "База ссылок"));
    /* a label with no translation is the label itself; in English the label is */
    assert_true(model_set_label_shown(e, false, 3, "ru", "Кэш"));
    assert_string_equal(e->nodes[3].label, "Кэш");
    assert_true(model_set_label_shown(e, true, 0, "en", "one call"));
    assert_string_equal(e->edges[0].label, "one call");
    assert_string_equal(scenario_label_in(&e->scenario, "a call", "ru"), "вызов"); /* kept, for its text */
    model_localize(e, "ru");
    assert_string_equal(edge_label_shown(&e->edges[0]), "one call"); /* a new text: no translation */
    /* empty: no label, the id shows */
    assert_true(model_set_label_shown(e, false, 0, "ru", " "));
    assert_null(e->nodes[0].label);
    assert_string_equal(node_label_shown(&e->nodes[0]), "u");
    assert_false(model_equal(m, e));
    char *after = model_to_json(e);
    assert_non_null(strstr(after, "\"Links DB\": \"База ссылок\""));
    DiagList d;
    diag_init(&d, "a");
    Model *back = model_from_json(after, strlen(after), &d);
    diag_free(&d);
    assert_non_null(back);
    assert_true(model_equal(back, e));
    free(before);
    free(after);
    model_destroy(back);
    model_destroy(e);
    model_destroy(m);
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
        {"{\"ru\": {\"labels\": [\"x\"]}}", "scenario.translations.ru.labels", "must be an object"},
        {"{\"ru\": {\"labels\": {\"Users\": 3}}}", "scenario.translations.ru.labels[\"Users\"]", "must be a string"},
        {"{\"ru\": {\"labels\": {\"Users\": \"\"}}}", "scenario.translations.ru.labels[\"Users\"]", "is empty"},
        {"{\"ru\": {\"labels\": {\"\": \"x\"}}}", "scenario.translations.ru.labels[\"\"]", "empty label"},
        {"{\"ru\": {\"labels\": {\"A\": \"x\", \"A\": \"y\"}}}", "scenario.translations.ru.labels", "duplicate key"},
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

/* ---- languages ------------------------------------------------------------------------- */

static const char *const langs[] = {"en", "ru", "uk"};
#define N_LANGS 3

static bool has_cyrillic(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p == 0xd0 || *p == 0xd1) && (p[1] & 0xC0) == 0x80) return true;
    return false;
}

/* True when both texts hold the same set of numbers, read in English: "0,1" and "1 000"
 * read as "0.1" and "1,000" (a message never writes a Russian "1,234": test_i18n). */
static bool same_numbers(const char *a, const char *b)
{
    char *na = numbers_read(a, NULL, true), *nb = numbers_read(b, NULL, true);
    bool same = true;
    for (int pass = 0; pass < 2; pass++) {
        const char *x = pass ? nb : na, *y = pass ? na : nb;
        for (const char *p = x + 1; *p;) {
            const char *q = strchr(p, ' ');
            char *tok = xasprintf(" %.*s ", (int)(q - p), p);
            same &= strstr(y, tok) != NULL;
            free(tok);
            p = q + 1;
        }
    }
    if (!same) fprintf(stderr, "numbers differ:\n  %s\n  %s\n", na, nb);
    free(na);
    free(nb);
    return same;
}

/* No conversion left unformatted: every '%' follows a digit (a percentage) and no
 * letter follows it; and no NULL string was printed. */
static bool formatted_cleanly(const char *s)
{
    if (strstr(s, "(null)")) return false;
    for (const char *p = strchr(s, '%'); p; p = strchr(p + 1, '%')) {
        if (p == s || p[-1] < '0' || p[-1] > '9') return false;
        if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '%')
            return false;
    }
    return true;
}

static void every_message_formats_in_every_language(void **state)
{
    (void)state;
    int n = grade_message_count();
    assert_true(n > 20);
    for (int i = 0; i < n; i++) {
        char *t[N_LANGS];
        for (int l = 0; l < N_LANGS; l++) {
            t[l] = grade_message_sample(i, langs[l]);
            assert_non_null(t[l]);
            if (!formatted_cleanly(t[l]) || t[l][0] == 0)
                fprintf(stderr, "message %d in %s: \"%s\"\n", i, langs[l], t[l]);
            assert_true(t[l][0] != 0);
            assert_true(formatted_cleanly(t[l]));
        }
        for (int l = 1; l < N_LANGS; l++) {
            if (!has_cyrillic(t[l]) || !same_numbers(t[0], t[l]))
                fprintf(stderr, "message %d in %s: \"%s\" (en: \"%s\")\n", i, langs[l], t[l],
                        t[0]);
            assert_string_not_equal(t[l], t[0]);
            assert_true(has_cyrillic(t[l]));
            assert_true(same_numbers(t[0], t[l]));
        }
        for (int l = 0; l < N_LANGS; l++) free(t[l]);
    }
    assert_null(grade_message_sample(-1, "ru"));
    assert_null(grade_message_sample(n, "ru"));
}

static Summary *run_file(const char *rel, Model **mp)
{
    Model *m = load_data(rel);
    SimOptions o = sim_options_default();
    DiagList d;
    diag_init(&d, rel);
    Summary *s = sim_replicate(m, &o, 1, 1, &d);
    diag_free(&d);
    assert_non_null(s);
    *mp = m;
    return s;
}

/* "times the limit" agrees with its number in Russian and Ukrainian: a whole number
 * takes its plural form, a fraction its own ("в 29 раза", "у 147 раза" were written). */
static void times_the_limit_agrees_with_its_number(void **state)
{
    (void)state;
    Model *m;
    Summary *s = run_file("scenarios/starters/scale-api.json", &m); /* one server: far over every latency and error limit */
    const char *want[][3] = {{"en", " times the limit", NULL},
                             {"ru", " раз больше предела", " раза больше предела"},
                             {"uk", " разів більше за межу", " раза більше за межу"}};
    for (int l = 0; l < 3; l++) {
        Grade *g = grade_create_in(m, s, want[l][0]);
        char *text = grade_text(m, s, g, want[l][0]);
        int whole = 0, fraction = 0;
        for (int i = 0; i < g->n_items; i++) {
            const GradeItem *it = &g->items[i];
            const Requirement *q = &m->scenario.requirements[i];
            if (!isfinite(it->verdict.margin) || it->verdict.margin >= -1 || !q->has_max) continue;
            double x = it->verdict.value / q->max, mag = pow(10, 2 - floor(log10(x)));
            double shown = round(x * mag) / mag;
            bool is_whole = shown == floor(shown);
            whole += is_whole;
            fraction += !is_whole;
            char num[64], line[200];
            snprintf(num, sizeof num, "%g", shown);
            /* the number, then the word as the language puts it after that number */
            const char *word = l == 0 ? want[l][1] : is_whole ? want[l][1] : want[l][2];
            if (l > 0 && is_whole && (long long)shown % 10 >= 2 && (long long)shown % 10 <= 4 &&
                ((long long)shown % 100 < 12 || (long long)shown % 100 > 14))
                continue; /* 22, 23, 24: "раза" / "рази"; none in this file */
            snprintf(line, sizeof line, "%s%s", num, word);
            if (!strstr(text, line)) fprintf(stderr, "%s: no '%s' in\n%s", want[l][0], line, text);
            assert_non_null(strstr(text, line));
        }
        assert_true(whole >= 1 && fraction >= 1); /* both kinds are checked */
        free(text);
        grade_destroy(g);
    }
    summary_destroy(s);
    model_destroy(m);
}

static void same_run_in_three_languages_gives_the_same_verdicts_and_causes(void **state)
{
    (void)state;
    const char *files[] = {"scenarios/starters/db-read-scaling.json",
                           "scenarios/starters/failure-drill.json",
                           "scenarios/starters/chat-websocket.json"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        Model *m;
        Summary *s = run_file(files[f], &m);
        Grade *g[N_LANGS];
        char *text[N_LANGS], *json[N_LANGS];
        for (int l = 0; l < N_LANGS; l++) {
            g[l] = grade_create_in(m, s, langs[l]);
            assert_string_equal(g[l]->lang, langs[l]);
            text[l] = grade_text(m, s, g[l], langs[l]);
            json[l] = grade_json(m, s, g[l], langs[l]);
        }
        assert_false(g[0]->pass);
        assert_true(g[0]->n_hints > 0);
        for (int l = 1; l < N_LANGS; l++) {
            assert_int_equal(g[l]->pass, g[0]->pass);
            assert_int_equal(g[l]->n_passed, g[0]->n_passed);
            assert_int_equal(g[l]->n_items, g[0]->n_items);
            assert_int_equal(g[l]->bottleneck, g[0]->bottleneck);
            assert_true(g[l]->cost_per_month_usd == g[0]->cost_per_month_usd);
            for (int i = 0; i < g[0]->n_items; i++) {
                const GradeItem *a = &g[0]->items[i], *b = &g[l]->items[i];
                assert_int_equal(a->verdict.pass, b->verdict.pass);
                assert_int_equal(a->verdict.measured, b->verdict.measured);
                assert_memory_equal(&a->verdict.value, &b->verdict.value, sizeof(double));
                assert_memory_equal(&a->verdict.margin, &b->verdict.margin, sizeof(double));
                assert_int_equal(a->n_hints, b->n_hints);
                for (int k = 0; k < a->n_hints; k++) assert_int_equal(a->hints[k], b->hints[k]);
                assert_true(same_numbers(a->text, b->text));
            }
            assert_int_equal(g[l]->n_hints, g[0]->n_hints);
            for (int k = 0; k < g[0]->n_hints; k++) {
                const GradeHint *a = &g[0]->hints[k], *b = &g[l]->hints[k];
                assert_int_equal(a->cause, b->cause);
                assert_int_equal(a->node, b->node);
                assert_int_equal(a->edge, b->edge);
                assert_string_not_equal(a->text, b->text);
                assert_true(has_cyrillic(b->text));
                assert_false(has_cyrillic(a->text));
                assert_true(formatted_cleanly(b->text));
                assert_true(same_numbers(a->text, b->text));
                if (l == 2) assert_string_not_equal(b->text, g[1]->hints[k].text);
            }
            /* the JSON: same keys, causes and verdicts; "lang" and the texts differ */
            cJSON *ja = cJSON_Parse(json[0]), *jb = cJSON_Parse(json[l]);
            assert_non_null(ja);
            assert_non_null(jb);
            assert_string_equal(cJSON_GetObjectItemCaseSensitive(ja, "lang")->valuestring, "en");
            assert_string_equal(cJSON_GetObjectItemCaseSensitive(jb, "lang")->valuestring,
                                langs[l]);
            const cJSON *ha = cJSON_GetObjectItemCaseSensitive(ja, "hints");
            const cJSON *hb = cJSON_GetObjectItemCaseSensitive(jb, "hints");
            assert_int_equal(cJSON_GetArraySize(ha), cJSON_GetArraySize(hb));
            for (int k = 0; k < cJSON_GetArraySize(ha); k++) {
                const cJSON *x = cJSON_GetArrayItem(ha, k), *y = cJSON_GetArrayItem(hb, k);
                assert_string_equal(cJSON_GetObjectItemCaseSensitive(x, "cause")->valuestring,
                                    cJSON_GetObjectItemCaseSensitive(y, "cause")->valuestring);
                assert_true(has_cyrillic(cJSON_GetObjectItemCaseSensitive(y, "text")->valuestring));
            }
            const cJSON *ra = cJSON_GetObjectItemCaseSensitive(ja, "requirements");
            const cJSON *rb = cJSON_GetObjectItemCaseSensitive(jb, "requirements");
            for (int i = 0; i < cJSON_GetArraySize(ra); i++) {
                const cJSON *x = cJSON_GetArrayItem(ra, i), *y = cJSON_GetArrayItem(rb, i);
                assert_string_equal(cJSON_GetObjectItemCaseSensitive(x, "metric")->valuestring,
                                    cJSON_GetObjectItemCaseSensitive(y, "metric")->valuestring);
                assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "pass")),
                                 cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(y, "pass")));
            }
            cJSON_Delete(ja);
            cJSON_Delete(jb);
            /* the text's own words are the language's */
            assert_true(formatted_cleanly(text[l]));
            const char *en_words[] = {"Result:", "measured ", "margin ", "What the run shows",
                                      "Hints from the scenario", "Cost:", " FAIL ", "Bottleneck",
                                      " slots", " busy", "utilised"};
            for (size_t w = 0; w < sizeof en_words / sizeof *en_words; w++) {
                if (strstr(text[l], en_words[w]))
                    fprintf(stderr, "%s text has '%s':\n%s", langs[l], en_words[w], text[l]);
                assert_null(strstr(text[l], en_words[w]));
            }
        }
        assert_non_null(strstr(text[0], "Result: FAIL"));
        if (f == 1) { /* errors at 25.6 times their 1% limit: said so, not "margin -2465%" */
            assert_non_null(strstr(text[0], "times the limit"));
            assert_non_null(strstr(text[1], "раза больше предела"));
            assert_non_null(strstr(text[2], "раза більше за межу"));
            assert_null(strstr(text[0], "margin -"));
        }
        assert_non_null(strstr(text[1], "Итог: НЕ ПРОЙДЕНО"));
        assert_non_null(strstr(text[1], "Что показал прогон"));
        assert_non_null(strstr(text[2], "Підсумок: НЕ ПРОЙДЕНО"));
        assert_non_null(strstr(text[2], "Що показав прогін"));
        /* The bottleneck line in the language, naming the same node (or the busiest one). */
        assert_true(strstr(text[1], "Узкое место: ") || strstr(text[1], "Узкого места"));
        assert_true(strstr(text[2], "Вузьке місце: ") || strstr(text[2], "Вузького місця"));
        for (int l = 0; l < N_LANGS; l++) {
            free(text[l]);
            free(json[l]);
            grade_destroy(g[l]);
        }
        summary_destroy(s);
        model_destroy(m);
    }
}

/* The url-shortener starter's database is full and its async api is backed up by it:
 * one hint, about the database, naming it as the board does (by label) or as a report
 * does (label and id); the api gets no advice of its own. */
static void hints_name_nodes_by_label_and_skip_a_backed_up_caller(void **state)
{
    (void)state;
    Model *m;
    Summary *s = run_file("scenarios/starters/url-shortener.json", &m);
    int db = model_find_node(m, "db"), api = model_find_node(m, "api");
    Grade *board = grade_create_named(m, s, "en", NAMING_LABEL), *report = grade_create_in(m, s, "en");
    assert_int_equal(board->n_hints, report->n_hints);
    int about_db = 0;
    for (int k = 0; k < board->n_hints; k++) {
        printf("    board: %s\n    report: %s\n", board->hints[k].text, report->hints[k].text);
        assert_int_not_equal(board->hints[k].node, api);
        if (board->hints[k].node != db) continue;
        about_db++;
        assert_true(strncmp(board->hints[k].text, "Links DB at ", 12) == 0);
        assert_true(strncmp(report->hints[k].text, "Links DB (db) at ", 17) == 0);
    }
    assert_int_equal(about_db, 1);
    assert_int_equal(board->bottleneck, db);
    assert_true(strncmp(board->bottleneck_why, "Links DB: ", 10) == 0);
    assert_non_null(strstr(board->bottleneck_why, "Shortener API, which calls it"));
    assert_true(strncmp(report->bottleneck_why, "Links DB (db): ", 15) == 0);
    grade_destroy(board);
    grade_destroy(report);
    summary_destroy(s);
    model_destroy(m);
}

/* A blocking service is told to switch to async io only when waiting for its calls is
 * what fills it: 10 ms of its own work before a 0.5 ms cache call fills it by itself (the
 * hint says how much its own work took), while sync-vs-async's Django, holding a worker
 * for a 200 ms partner call, gets the blocking-io hint. */
static void async_io_is_advised_only_where_waiting_fills_the_workers(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"warmup_s\": 1,"
        " \"requests\": [{\"name\": \"r\", \"rate_rps\": 2000}],"
        " \"requirements\": [{\"metric\": \"p99_ms\", \"max\": 100}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        "  {\"id\": \"api\", \"kind\": \"service\", \"instances\": 2, \"workers\": 8, \"queue_max\": 100,"
        "   \"service_ms\": {\"dist\": \"exponential\", \"mean\": 10}},"
        "  {\"id\": \"c\", \"kind\": \"cache\", \"hit_ratio\": 1, \"service_ms\": 0.5}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"api\"}, {\"from\": \"api\", \"to\": \"c\", \"latency_ms\": 0}]}");
    Summary *s = run_model(m, 1, -1);
    Grade *g = grade_create(m, s);
    int api = model_find_node(m, "api");
    double share = node_downstream_share(m, s->mean, api);
    assert_true(share > 0 && share < 0.15); /* 0.5 ms of 10.5 */
    assert_false(node_blocked_by_waiting(m, s->mean, api));
    const GradeHint *h = NULL;
    for (int k = 0; k < g->n_hints; k++)
        if (g->hints[k].node == api) h = &g->hints[k];
    assert_non_null(h);
    assert_int_not_equal(h->cause, CAUSE_BLOCKING_IO);
    assert_non_null(strstr(h->text, "but its own work took 9"));
    assert_null(strstr(h->text, "switch to async io"));
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
    Preset p = {"sync-vs-async", -1, -1};
    g = grade_file("scenarios/starters/sync-vs-async.json", &p, &m, &s);
    api = model_find_node(m, "api");
    printf("    sync-vs-async: %.3f of a worker's time waits for the partner\n", node_downstream_share(m, s->mean, api));
    assert_true(node_downstream_share(m, s->mean, api) > 0.9);
    h = NULL;
    for (int k = 0; k < g->n_hints; k++)
        if (g->hints[k].node == api) h = &g->hints[k];
    assert_non_null(h);
    assert_int_equal(h->cause, CAUSE_BLOCKING_IO);
    assert_non_null(strstr(h->text, "switch to async io"));
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
}

static void saturated_database_hint_names_read_replicas_in_each_language(void **state)
{
    (void)state;
    Model *m;
    Summary *s = run_file("scenarios/starters/db-read-scaling.json", &m);
    const char *want[N_LANGS] = {"read replicas", "реплики для чтения", "репліки для читання"};
    const char *stem[N_LANGS] = {"replica", "реплик", "реплік"};
    for (int l = 0; l < N_LANGS; l++) {
        Grade *g = grade_create_in(m, s, langs[l]);
        int found = 0;
        for (int k = 0; k < g->n_hints; k++) {
            const GradeHint *h = &g->hints[k];
            if (h->node < 0 || m->nodes[h->node].kind != NODE_DATABASE) continue;
            if (h->cause != CAUSE_SATURATED && h->cause != CAUSE_REJECTED) continue;
            printf("    %s: %s\n", langs[l], h->text);
            assert_non_null(strstr(h->text, want[l]));
            assert_non_null(strstr(h->text, stem[l]));
            found++;
        }
        assert_int_equal(found, 1);
        grade_destroy(g);
    }
    summary_destroy(s);
    model_destroy(m);
}

static void unknown_language_falls_back_to_english(void **state)
{
    (void)state;
    Model *m;
    Summary *s = run_file("scenarios/starters/failure-drill.json", &m);
    Grade *en = grade_create(m, s);
    char *en_text = grade_text(m, s, en, NULL);
    const char *others[] = {NULL, "en", "xx", "de", "RU", "ru-RU", ""};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        Grade *g = grade_create_in(m, s, others[i]);
        assert_string_equal(g->lang, "en");
        assert_int_equal(g->n_hints, en->n_hints);
        for (int k = 0; k < g->n_hints; k++) assert_string_equal(g->hints[k].text, en->hints[k].text);
        for (int k = 0; k < g->n_items; k++) assert_string_equal(g->items[k].text, en->items[k].text);
        if (others[i] == NULL || strcmp(others[i], "en") != 0) {
            /* the words of the text too */
            char *t = grade_text(m, s, g, others[i] && *others[i] ? others[i] : NULL);
            assert_non_null(strstr(t, "Result: FAIL"));
            assert_null(strstr(t, "Итог"));
            free(t);
        }
        for (int k = 0; k < m->scenario.n_requirements; k++) {
            char *a = requirement_describe(m, k), *b = requirement_describe_in(m, k, others[i]);
            assert_string_equal(a, b);
            free(a);
            free(b);
        }
        grade_destroy(g);
    }
    assert_non_null(strstr(en_text, "Result: FAIL"));
    free(en_text);
    grade_destroy(en);
    summary_destroy(s);
    model_destroy(m);
}

static void grades_are_deterministic_in_every_language(void **state)
{
    (void)state;
    char *out[2][N_LANGS][2];
    for (int run = 0; run < 2; run++) {
        Model *m;
        Summary *s = run_file("scenarios/starters/failure-drill.json", &m);
        /* grade in a different order each time: no language leaves state behind */
        for (int k = 0; k < N_LANGS; k++) {
            int l = run ? N_LANGS - 1 - k : k;
            Grade *g = grade_create_in(m, s, langs[l]);
            out[run][l][0] = grade_text(m, s, g, langs[l]);
            out[run][l][1] = grade_json(m, s, g, langs[l]);
            grade_destroy(g);
        }
        summary_destroy(s);
        model_destroy(m);
    }
    for (int l = 0; l < N_LANGS; l++)
        for (int k = 0; k < 2; k++) {
            assert_string_equal(out[0][l][k], out[1][l][k]);
            free(out[0][l][k]);
            free(out[1][l][k]);
        }
}

static void requirement_descriptions_speak_three_languages(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 1, \"warmup_s\": 0,"
        " \"requests\": [{\"name\": \"read\", \"rate_rps\": 10}],"
        " \"requirements\": ["
        "  {\"metric\": \"p99_ms\", \"request\": \"read\", \"max\": 200},"
        "  {\"metric\": \"error_rate\", \"max\": 0.001},"
        "  {\"metric\": \"cost_per_month_usd\", \"max\": 4000},"
        "  {\"metric\": \"throughput_rps\", \"min\": 9.5},"
        "  {\"metric\": \"mean_ms\", \"min\": 1, \"max\": 5},"
        "  {\"metric\": \"async_p99_ms\", \"max\": 1500},"
        "  {\"metric\": \"p50_ms\", \"max\": 1}, {\"metric\": \"p90_ms\", \"max\": 1},"
        "  {\"metric\": \"p95_ms\", \"max\": 1}, {\"metric\": \"p999_ms\", \"max\": 1},"
        "  {\"metric\": \"max_ms\", \"max\": 1},"
        "  {\"metric\": \"p99_ms\", \"max\": 300, \"label\": \"reads stay fast\"}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        "  {\"id\": \"a\", \"kind\": \"service\", \"service_ms\": 1}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"a\"}]}");
    const char *want[][N_LANGS] = {
        {"read p99 <= 200 ms", "read p99 <= 200 мс", "read p99 <= 200 мс"},
        {"error rate <= 0.1%", "доля ошибок <= 0.1%", "частка помилок <= 0.1%"},
        {"cost per month <= 4,000 USD", "стоимость в месяц <= 4\xC2\xA0" "000 USD",
         "вартість на місяць <= 4\xC2\xA0" "000 USD"},
        {"throughput >= 9.5 rps", "пропускная способность >= 9.5 rps",
         "пропускна здатність >= 9.5 rps"},
        {"mean latency >= 1 ms and <= 5 ms", "средняя задержка >= 1 мс и <= 5 мс",
         "середня затримка >= 1 мс і <= 5 мс"},
        {"async p99 (enqueue to done) <= 1500 ms",
         "асинхронный p99 (от постановки в очередь до завершения) <= 1500 мс",
         "асинхронний p99 (від постановки в чергу до завершення) <= 1500 мс"},
        {"p50 <= 1 ms", "p50 <= 1 мс", "p50 <= 1 мс"},
        {"p90 <= 1 ms", "p90 <= 1 мс", "p90 <= 1 мс"},
        {"p95 <= 1 ms", "p95 <= 1 мс", "p95 <= 1 мс"},
        {"p99.9 <= 1 ms", "p99.9 <= 1 мс", "p99.9 <= 1 мс"},
        {"max latency <= 1 ms", "максимальная задержка <= 1 мс", "максимальна затримка <= 1 мс"},
        {"reads stay fast", "reads stay fast", "reads stay fast"}, /* labels as written */
    };
    int n = (int)(sizeof want / sizeof *want);
    assert_int_equal(m->scenario.n_requirements, n);
    for (int i = 0; i < n; i++)
        for (int l = 0; l < N_LANGS; l++) {
            char *d = requirement_describe_in(m, i, langs[l]);
            assert_string_equal(d, want[i][l]);
            free(d);
        }
    char *d = requirement_describe(m, 2);
    assert_string_equal(d, want[2][0]);
    free(d);
    model_destroy(m);
}

static void cost_hint_agrees_numbers_with_nouns_in_russian_and_ukrainian(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 1, \"warmup_s\": 0,"
        " \"requests\": [{\"name\": \"r\", \"rate_rps\": 10}],"
        " \"requirements\": [{\"metric\": \"cost_per_month_usd\", \"max\": 100}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        "  {\"id\": \"a\", \"kind\": \"service\", \"instances\": 21, \"service_ms\": 1},"
        "  {\"id\": \"b\", \"kind\": \"service\", \"instances\": 13, \"service_ms\": 1},"
        "  {\"id\": \"c\", \"kind\": \"service\", \"instances\": 3, \"service_ms\": 1}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"a\"}, {\"from\": \"a\", \"to\": \"b\"},"
        "  {\"from\": \"b\", \"to\": \"c\"}]}");
    Summary *s = run_model(m, 1, -1);
    const char *want[N_LANGS][3] = {
        {"a (21 servers x", "b (13 servers x", "c (3 servers x"},
        {"a (21 сервер x", "b (13 серверов x", "c (3 сервера x"},
        {"a (21 сервер x", "b (13 серверів x", "c (3 сервери x"},
    };
    for (int l = 0; l < N_LANGS; l++) {
        Grade *g = grade_create_in(m, s, langs[l]);
        assert_int_equal(g->n_hints, 1);
        assert_int_equal(g->hints[0].cause, CAUSE_COST);
        for (int k = 0; k < 3; k++) {
            if (!strstr(g->hints[0].text, want[l][k]))
                fprintf(stderr, "%s: want \"%s\" in \"%s\"\n", langs[l], want[l][k],
                        g->hints[0].text);
            assert_non_null(strstr(g->hints[0].text, want[l][k]));
        }
        grade_destroy(g);
    }
    summary_destroy(s);
    model_destroy(m);
}

static void nothing_to_grade_is_never_a_pass(void **state)
{
    (void)state;
    /* No requirements; then requirements but no traffic (a budget it would meet). */
    const char *files[2] = {
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 1, \"warmup_s\": 0,"
        " \"requests\": [{\"name\": \"r\", \"rate_rps\": 10}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"a\", \"kind\": \"service\"}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"a\"}]}",
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 1, \"warmup_s\": 0,"
        " \"requirements\": [{\"metric\": \"cost_per_month_usd\", \"max\": 100000}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"a\", \"kind\": \"service\"}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"a\"}]}"};
    for (int k = 0; k < 2; k++) {
        Model *m = load_text(files[k]);
        Summary *s = run_model(m, 1, -1);
        for (int l = 0; l < 3; l++) {
            const char *lang = (const char *[]){"en", "ru", "uk"}[l];
            Grade *g = grade_create_in(m, s, lang);
            assert_false(g->graded);
            assert_false(g->pass);
            char *text = grade_text(m, s, g, lang);
            assert_null(strstr(text, "Result: PASS"));
            assert_null(strstr(text, "\xD0\x9F\xD0\xA0\xD0\x9E\xD0\x99\xD0\x94\xD0\x95\xD0\x9D\xD0\x9E (")); /* ПРОЙДЕНО ( */
            if (l == 0) assert_non_null(strstr(text, "Result: NOTHING TO GRADE"));
            if (l == 0 && k == 1) assert_non_null(strstr(text, "no request types"));
            free(text);
            char *json = grade_json(m, s, g, lang);
            assert_non_null(strstr(json, "\"graded\":\tfalse"));
            assert_non_null(strstr(json, "\"pass\":\tfalse"));
            free(json);
            grade_destroy(g);
        }
        summary_destroy(s);
        model_destroy(m);
    }
}

/* A p99 requirement alone passes a design that fails a quarter of its requests (its
 * database down for 2 s of 8): the grade passes on latency, but says how many failed and
 * why, in each language, and so does the run report; an error-rate requirement (or a
 * throughput floor) takes the note away, and so does a run without errors. */
static void errors_no_requirement_limits_are_noted(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/gui/errors_ungraded.json");
    Summary *s = run_model(m, 1, -1);
    double failed = s->mean->types[s->mean->n_types][TF_ERROR_RATE];
    assert_true(failed > 0.15 && failed < 0.35);
    for (int l = 0; l < 3; l++) {
        const char *lang = (const char *[]){"en", "ru", "uk"}[l];
        Grade *g = grade_create_in(m, s, lang);
        assert_true(g->pass);
        assert_true(g->unguarded_error_rate == failed);
        assert_int_equal(g->unguarded_cause, ERR_FAILED);
        char *text = grade_text(m, s, g, lang);
        char *note = grade_unguarded_note(g->unguarded_error_rate, g->unguarded_cause, lang);
        assert_non_null(note);
        assert_non_null(strstr(note, tr_in(lang, "node down")));
        if (l == 0) assert_non_null(strstr(text, "Note: 2"));
        if (l == 0) assert_non_null(strstr(note, "of requests failed (most of them: node down)"));
        free(note);
        free(text);
        grade_destroy(g);
    }
    char *report = report_text(m, s);
    assert_non_null(strstr(report, "  Note: "));
    free(report);
    /* guarded: an error-rate requirement, or a throughput floor */
    for (int k = 0; k < 2; k++) {
        Model *g2m = model_clone(m);
        Requirement *q = &g2m->scenario.requirements[0];
        q->metric = k == 0 ? METRIC_ERROR_RATE : METRIC_THROUGHPUT_RPS;
        q->has_max = k == 0;
        q->max = k == 0 ? 0.5 : 0;
        q->has_min = k == 1;
        q->min = k == 1 ? 100 : 0;
        Grade *g = grade_create_in(g2m, s, "en");
        assert_true(g->unguarded_error_rate == 0);
        char *text = grade_text(g2m, s, g, "en");
        assert_null(strstr(text, "Note: "));
        free(text);
        grade_destroy(g);
        model_destroy(g2m);
    }
    summary_destroy(s);
    /* no failure: no note */
    scenario_remove(m, SCEN_EVENTS, 0);
    s = run_model(m, 1, -1);
    Grade *g = grade_create_in(m, s, "en");
    assert_true(g->unguarded_error_rate == 0);
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
}

/* A requirement's figures in its unit, as a label would say them: a limit of 10000 ms is
 * "10 s" beside "p99 <= 10 s", a measured 493.24 ms "493.2 ms", a spread to 2 digits,
 * money grouped, shares in percent; in Russian the units too. */
static void figures_read_in_their_units(void **state)
{
    (void)state;
    static const struct {
        Metric k;
        double x;
        FigureKind kind;
        const char *lang, *want;
    } cases[] = {
        {METRIC_P99_MS, 10000, true, "en", "10 s"},
        {METRIC_P99_MS, 150, true, "en", "150 ms"},
        {METRIC_P99_MS, 1234.5, true, "en", "1.2345 s"},
        {METRIC_P99_MS, 493.24, false, "en", "493.2 ms"},
        {METRIC_P99_MS, 2894.4, false, "en", "2.894 s"},
        {METRIC_ASYNC_P99_MS, 46.875, false, "en", "46.88 ms"},
        {METRIC_COST_PER_MONTH_USD, 1083.4, false, "en", "1,083 USD"},
        {METRIC_ERROR_RATE, 0.0035, false, "en", "0.35%"},
        {METRIC_ERROR_RATE, 0.001, true, "en", "0.1%"},
        {METRIC_THROUGHPUT_RPS, 20000, true, "en", "20000 rps"},
        {METRIC_P99_MS, 10000, true, "ru", "10 \xD1\x81"}, /* 10 с */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        StrBuf b;
        sb_init(&b);
        requirement_put_value(&b, cases[i].k, cases[i].x, cases[i].kind, cases[i].lang);
        assert_string_equal(b.data, cases[i].want);
        sb_free(&b);
    }
}

/* A measured figure never reads as its limit when it fails it (89.97% is "90%" at the
 * usual three digits, beside ">= 90%"), nor over it when it passes; and a near miss's
 * margin is not "-0%". */
static void a_near_miss_shows_the_digits_that_fail_it(void **state)
{
    (void)state;
    static const struct {
        Metric k;
        bool has_min;
        double limit, x;
        const char *want;
    } cases[] = {
        {METRIC_HIT_RATIO, true, 0.9, 0.89974, "89.97%"},
        {METRIC_HIT_RATIO, true, 0.9, 0.899999, "89.9999%"},
        {METRIC_HIT_RATIO, true, 0.9, 0.90004, "90%"},  /* passes: 90% meets >= 90% */
        {METRIC_HIT_RATIO, true, 0.9, 0.8904, "89%"},   /* far enough: the usual digits */
        {METRIC_P99_MS, false, 40, 40.004, "40.004 ms"},
        {METRIC_P99_MS, false, 40, 39.9996, "40 ms"},   /* passes */
        {METRIC_P99_MS, false, 40, 40.4, "40.4 ms"},
        {METRIC_P99_MS, false, 2000, 2000.3, "2.0003 s"},
        {METRIC_ERROR_RATE, false, 0.001, 0.0010004, "0.10004%"},
        {METRIC_COST_PER_MONTH_USD, false, 1500, 1500.4, "1500.4 USD"},
        {METRIC_COST_PER_MONTH_USD, false, 1500, 1749.2, "1,749 USD"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Requirement q = {.metric = cases[i].k};
        if (cases[i].has_min) q.has_min = true, q.min = cases[i].limit;
        else q.has_max = true, q.max = cases[i].limit;
        StrBuf b;
        sb_init(&b);
        requirement_put_measured(&b, &q, cases[i].x, "en");
        if (strcmp(b.data, cases[i].want) != 0) fprintf(stderr, "case %zu: %s, want %s\n", i, b.data, cases[i].want);
        assert_string_equal(b.data, cases[i].want);
        sb_free(&b);
    }
    Requirement q = {.metric = METRIC_HIT_RATIO, .has_min = true, .min = 0.9};
    assert_int_equal(requirement_digits(&q, 0.95, 2), 2);
    assert_int_equal(requirement_digits(&q, 0.89974, 2), 4);
    char m[32];
    assert_string_equal(requirement_margin_text(-0.00029, m, sizeof m), "-0.03%");
    assert_string_equal(requirement_margin_text(0.00004, m, sizeof m), "+0.004%");
    assert_string_equal(requirement_margin_text(0, m, sizeof m), "+0%");
    assert_string_equal(requirement_margin_text(0.254, m, sizeof m), "+25%");
    assert_string_equal(requirement_margin_text(-INFINITY, m, sizeof m), "-");
}

/* The grade's wrapped text keeps a number and its unit on one line ("30 с" was split
 * "30" / "с" at the end of a Russian line): every preset's starter graded in every language,
 * and a hint long enough to wrap many times. */
static void a_number_keeps_its_unit_on_its_line(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/starters/db-read-scaling.json");
    m->nodes[model_find_node(m, "pg")].read_replicas = 2; /* the full-at-times hint: long, figures in it */
    Summary *s = run_model(m, 1, -1);
    static const char *const units[] = {"s", "ms", "min", "h", "USD", "\xD1\x81", "\xD0\xBC\xD1\x81", NULL}; /* с, мс */
    for (int l = 0; l < N_LANGS; l++) {
        Grade *g = grade_create_in(m, s, langs[l]);
        char *text = grade_text(m, s, g, langs[l]);
        for (const char *nl = strchr(text, '\n'); nl; nl = strchr(nl + 1, '\n')) {
            if (nl == text || !isdigit((unsigned char)nl[-1])) continue;
            const char *w = nl + 1;
            while (*w == ' ') w++;
            for (int u = 0; units[u]; u++) {
                size_t n = strlen(units[u]);
                bool split = strncmp(w, units[u], n) == 0 && (w[n] == ' ' || w[n] == ',' || w[n] == ')' || w[n] == '.');
                if (split) fprintf(stderr, "%s: a unit on the next line: ...%.20s\n", langs[l], nl - 10);
                assert_false(split);
            }
        }
        free(text);
        grade_destroy(g);
    }
    summary_destroy(s);
    model_destroy(m);
}

/* The microservices starter calls its notifications synchronously, and the scenario slows
 * the email provider down 5x: place_order's p99 fails with no node near capacity. The
 * grade names the slowed node and the path place_order waits for it on, not "the time
 * goes to the path itself". The reference sends notifications through Kafka: with a
 * limit it cannot meet, its hint is the path's, not the email provider's. */
static void a_slowed_node_on_the_request_path_is_named(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/starters/microservices-kafka.json");
    Summary *s = run_model(m, 1, -1);
    Grade *g = grade_create_in(m, s, "en");
    assert_false(g->pass);
    assert_true(g->n_hints > 0);
    assert_int_equal(g->hints[0].cause, CAUSE_SLOW_NODE);
    assert_int_equal(g->hints[0].node, model_find_node(m, "email"));
    fprintf(stderr, "    %s\n", g->hints[0].text);
    assert_non_null(strstr(g->hints[0].text, "Email provider (email) slowed down \xC3\x97" "5 between 15 and 30 s"));
    assert_non_null(strstr(g->hints[0].text, "place_order waits for it on the request path"));
    assert_non_null(strstr(g->hints[0].text, "Order service (orders) \xE2\x86\x92 Notifications (notify) \xE2\x86\x92 Email provider (email)"));
    assert_null(strstr(g->hints[0].text, "get_order")); /* it passes, and never waits for email */
    for (int k = 0; k < g->n_hints; k++) assert_int_not_equal(g->hints[k].cause, CAUSE_LATENCY_PATH);
    /* the report's sentence says it too, beside "none at this load" */
    assert_non_null(strstr(s->mean->bottleneck_why, "none at this load"));
    assert_non_null(strstr(s->mean->bottleneck_why,
                           "Yet the scenario slowed Email provider (email) down \xC3\x97" "5 between 15 and 30 s, and it is "
                           "on the request path of place_order."));
    char *json = grade_json(m, s, g, "en");
    assert_non_null(strstr(json, "\"slow_node\""));
    free(json);
    grade_destroy(g);
    /* in Russian too, with the node's Russian name */
    g = grade_create_in(m, s, "ru");
    assert_int_equal(g->hints[0].cause, CAUSE_SLOW_NODE);
    assert_null(strstr(g->hints[0].text, "slowed down"));
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
    m = load_data("scenarios/microservices-kafka.json");
    int q = -1;
    for (int i = 0; i < m->scenario.n_requirements; i++)
        if (m->scenario.requirements[i].metric == METRIC_P99_MS && m->scenario.requirements[i].request &&
            strcmp(m->scenario.requirements[i].request, "place_order") == 0)
            q = i;
    assert_true(q >= 0);
    m->scenario.requirements[q].max = 1; /* 1 ms: unmeetable */
    s = run_model(m, 1, -1);
    g = grade_create_in(m, s, "en");
    assert_false(g->pass);
    for (int k = 0; k < g->n_hints; k++) assert_int_not_equal(g->hints[k].cause, CAUSE_SLOW_NODE);
    assert_null(strstr(s->mean->bottleneck_why, "slowed")); /* no type waits for email there */
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_slowed_node_on_the_request_path_is_named),
        cmocka_unit_test(starter_and_reference_share_one_scenario),
        cmocka_unit_test(figures_read_in_their_units),
        cmocka_unit_test(a_near_miss_shows_the_digits_that_fail_it),
        cmocka_unit_test(a_number_keeps_its_unit_on_its_line),
        cmocka_unit_test(every_preset_speaks_english_russian_and_ukrainian),
        cmocka_unit_test(translations_round_trip_exactly),
        cmocka_unit_test(bad_translations_are_rejected_naming_the_path),
        cmocka_unit_test(node_and_edge_labels_read_in_the_language_shown),
        cmocka_unit_test(cost_over_budget_names_the_most_expensive_nodes),
        cmocka_unit_test(a_slow_path_points_at_the_trace_tab_and_the_cli),
        cmocka_unit_test(a_backlog_hint_writes_its_count_thousands_apart),
        cmocka_unit_test(nothing_to_grade_is_never_a_pass),
        cmocka_unit_test(errors_no_requirement_limits_are_noted),
        cmocka_unit_test(grade_json_is_deterministic_and_documented),
        cmocka_unit_test(every_message_formats_in_every_language),
        cmocka_unit_test(requirement_descriptions_speak_three_languages),
        cmocka_unit_test(same_run_in_three_languages_gives_the_same_verdicts_and_causes),
        cmocka_unit_test(times_the_limit_agrees_with_its_number),
        cmocka_unit_test(hints_name_nodes_by_label_and_skip_a_backed_up_caller),
        cmocka_unit_test(async_io_is_advised_only_where_waiting_fills_the_workers),
        cmocka_unit_test(saturated_database_hint_names_read_replicas_in_each_language),
        cmocka_unit_test(cost_hint_agrees_numbers_with_nouns_in_russian_and_ukrainian),
        cmocka_unit_test(unknown_language_falls_back_to_english),
        cmocka_unit_test(grades_are_deterministic_in_every_language),
        cmocka_unit_test(every_reference_passes_its_scenario),
        cmocka_unit_test(every_starter_fails_a_requirement_with_a_hint),
        cmocka_unit_test(a_hit_ratio_without_a_cache_runs_and_fails_saying_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
