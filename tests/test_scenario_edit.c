/*
 * test_scenario_edit.c - editing the scenario's lists keeps the model's references
 * consistent: renaming a request type or a node follows it into edge filters,
 * requirements, events and request clients; removing one takes what only made sense
 * with it and says so in words; hints and requirements' labels move and go in every
 * translation, and a requirement whose limit changes can lose a label written for the
 * old one.
 */
#include "sim_test.h"

#include "sim/model_json.h"
#include "sim/requirements.h"
#include "sim/scenario_edit.h"
#include "sim/tr.h"
#include "sim/util.h"


static const char *DESIGN =
    "{\"format\": \"archsim/1\", \"title\": \"t\", \"scenario\": {"
    " \"requests\": [{\"name\": \"redirect\", \"rate_rps\": 100}, {\"name\": \"shorten\", \"rate_rps\": 10, \"op\": \"write\"}],"
    " \"requirements\": [{\"metric\": \"p99_ms\", \"request\": \"shorten\", \"max\": 150, \"label\": \"keys come fast\"},"
    "                    {\"metric\": \"error_rate\", \"max\": 0.01}],"
    " \"events\": [{\"at_s\": 10, \"action\": \"surge\", \"request\": \"shorten\", \"factor\": 3, \"for_s\": 5},"
    "              {\"at_s\": 20, \"action\": \"fail\", \"node\": \"db\", \"instances\": 1, \"for_s\": 5}],"
    " \"hints\": [\"one\", \"two\"],"
    " \"translations\": {\"ru\": {\"hints\": [\"\\u043e\\u0434\\u0438\\u043d\", \"\\u0434\\u0432\\u0430\"],"
    "                    \"requirements\": [\"\\u043a\\u043b\\u044e\\u0447\\u0438\", \"\"]}}},"
    " \"nodes\": [{\"id\": \"users\", \"kind\": \"client\"}, {\"id\": \"api\", \"kind\": \"service\", \"label\": \"Shortener API\"},"
    "           {\"id\": \"keys\", \"kind\": \"service\", \"label\": \"Key generation\"},"
    "           {\"id\": \"db\", \"kind\": \"database\", \"label\": \"Links DB\"}],"
    " \"edges\": [{\"from\": \"users\", \"to\": \"api\"},"
    "           {\"from\": \"api\", \"to\": \"keys\", \"requests\": [\"shorten\"]},"
    "           {\"from\": \"api\", \"to\": \"db\", \"requests\": [\"redirect\", \"shorten\"]}]}";


static void renaming_a_request_type_follows_it_everywhere(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    scenario_rename_request(m, 1, "create_link");
    assert_string_equal(m->scenario.requests[1].name, "create_link");
    assert_string_equal(m->edges[1].requests[0], "create_link");
    assert_string_equal(m->edges[2].requests[0], "redirect");
    assert_string_equal(m->edges[2].requests[1], "create_link");
    assert_string_equal(m->scenario.requirements[0].request, "create_link");
    assert_null(m->scenario.requirements[1].request);
    assert_string_equal(m->scenario.events[0].request, "create_link");
    assert_true(model_is_valid(m));
    model_destroy(m);
}

static void renaming_a_node_follows_it_into_edges_clients_and_events(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    m->scenario.requests[0].client = xstrdup("users");
    model_rename_node(m, 3, "links_db");
    model_rename_node(m, 0, "browsers");
    assert_string_equal(m->nodes[3].id, "links_db");
    assert_string_equal(m->edges[2].to, "links_db");
    assert_string_equal(m->edges[0].from, "browsers");
    assert_string_equal(m->scenario.events[1].node, "links_db");
    assert_string_equal(m->scenario.requests[0].client, "browsers");
    assert_true(model_is_valid(m));
    model_destroy(m);
}

static void removing_a_request_type_takes_its_edges_requirements_and_surges(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    char *why = scenario_describe_request_removal(m, 1);
    assert_non_null(why);
    assert_non_null(strstr(why, "1 edge that carries only 'shorten' is removed: Shortener API \xE2\x86\x92 Key generation."));
    assert_non_null(strstr(why, "'shorten' leaves the request filter of 1 other edge."));
    assert_non_null(strstr(why, "1 requirement about it is removed."));
    assert_non_null(strstr(why, "1 event is removed: 'surge ×3 of shorten 10–15 s'."));
    free(why);
    scenario_remove_request(m, 1);
    assert_int_equal(m->scenario.n_requests, 1);
    assert_int_equal(m->n_edges, 2);                  /* api -> keys went */
    assert_int_equal(m->edges[1].n_requests, 1);      /* api -> db keeps redirect only */
    assert_string_equal(m->edges[1].requests[0], "redirect");
    assert_int_equal(m->scenario.n_requirements, 1);  /* the error rate stays */
    assert_int_equal(m->scenario.n_events, 1);        /* the failure stays */
    assert_true(model_is_valid(m));
    /* Now the edge to the database carries only 'redirect'. */
    why = scenario_describe_request_removal(m, 0);
    assert_non_null(strstr(why, "removed: Shortener API \xE2\x86\x92 Links DB."));
    free(why);
    /* A type nothing names removes quietly. */
    RequestType r;
    request_defaults(&r);
    r.name = "stats";
    r.rate_rps = 1;
    assert_null(scenario_describe_request_removal(m, scenario_add_request(m, &r)));
    model_destroy(m);
}

static void removing_nodes_takes_their_events_and_keeps_their_traffic(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    unsigned char del[4] = {1, 0, 0, 1}; /* the client and the database */
    char *why = model_describe_nodes_removal(m, del);
    assert_non_null(why);
    assert_non_null(strstr(why, "1 scenario event on it is removed: 'Links DB: 1 server fails 20–25 s'."));
    assert_non_null(strstr(why, "Request types 'redirect' and 'shorten' have no client then"));
    free(why);
    model_remove_nodes(m, del);
    assert_int_equal(m->n_nodes, 2);
    assert_int_equal(m->n_edges, 1);
    assert_int_equal(m->scenario.n_events, 1);
    assert_int_equal(m->scenario.n_requests, 2);
    unsigned char none[2] = {0, 0};
    assert_null(model_describe_nodes_removal(m, none));
    model_destroy(m);
}

/* Before a second client joins, the request types the only client sent without naming it
 * name it; with no client, or two already, or every type named, nothing changes. */
static void a_second_client_finds_the_traffic_named(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    assert_true(scenario_pin_clients(m));
    for (int k = 0; k < m->scenario.n_requests; k++) assert_string_equal(m->scenario.requests[k].client, "users");
    assert_false(scenario_pin_clients(m)); /* named already */
    Node c;
    node_defaults(NODE_CLIENT, &c);
    c.id = xstrdup("users_2");
    model_add_node(m, &c);
    node_free(&c);
    assert_true(model_is_valid(m)); /* two clients, each type names its own */
    free(m->scenario.requests[0].client);
    m->scenario.requests[0].client = NULL;
    assert_false(scenario_pin_clients(m)); /* two clients: which one is not for it to guess */
    model_destroy(m);
    Model *none = load_text(DESIGN);
    unsigned char del[4] = {1, 0, 0, 0};
    model_remove_nodes(none, del);
    assert_false(scenario_pin_clients(none)); /* no client */
    model_destroy(none);
}

/* Node and edge labels written in a second language: the translation is of the English
 * label (every node and edge with it shows it), survives a save, follows the English
 * label when that changes, and goes when emptied; a node with no label is labelled its
 * id first (what English shows); an edge with none takes the text as its label. */
static void labels_are_written_in_a_second_language(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    int api = model_find_node(m, "api"), users = model_find_node(m, "users");
    const char *ru_api = "\xd0\x90\xd0\x9f\xd0\x98 \xd1\x81\xd1\x81\xd1\x8b\xd0\xbb\xd0\xbe\xd0\xba"; /* АПИ ссылок */
    assert_null(scenario_text_own(m, "label", api, "ru"));
    assert_string_equal(scenario_text_own(m, "label", api, "en"), "Shortener API");
    char padded[64];
    snprintf(padded, sizeof padded, "  %s ", ru_api);
    assert_true(scenario_set_text(m, "label", api, "ru", padded));
    assert_string_equal(scenario_text_own(m, "label", api, "ru"), ru_api); /* the spaces around it go */
    assert_string_equal(m->nodes[api].label, "Shortener API"); /* the English stays */
    assert_false(scenario_set_text(m, "label", api, "ru", ru_api)); /* nothing changes */
    model_localize(m, "ru");
    assert_string_equal(node_label_shown(&m->nodes[api]), ru_api);
    model_localize(m, "en");
    assert_string_equal(node_label_shown(&m->nodes[api]), "Shortener API");
    assert_true(model_is_valid(m));
    /* a save keeps it */
    char *json = model_to_json(m);
    Model *back = load_text(json);
    free(json);
    assert_string_equal(scenario_text_own(back, "label", api, "ru"), ru_api);
    model_destroy(back);
    /* the English label changes: the translation follows it */
    assert_true(scenario_set_text(m, "label", api, "en", "Links API"));
    assert_string_equal(m->nodes[api].label, "Links API");
    assert_string_equal(scenario_text_own(m, "label", api, "ru"), ru_api);
    /* a node without a label: labelled its id, then translated */
    assert_null(m->nodes[users].label);
    assert_true(scenario_set_text(m, "label", users, "uk", "\xd0\x9a\xd0\xbb\xd1\x96\xd1\x94\xd0\xbd\xd1\x82\xd0\xb8"));
    assert_string_equal(m->nodes[users].label, "users");
    assert_non_null(scenario_translation(&m->scenario, "uk"));
    /* emptied: the English shows again, and a translation with nothing left goes */
    assert_true(scenario_set_text(m, "label", users, "uk", ""));
    assert_null(scenario_text_own(m, "label", users, "uk"));
    assert_null(scenario_translation(&m->scenario, "uk"));
    /* an edge with no English label takes the text as its label */
    assert_true(scenario_set_text(m, "edge-label", 0, "ru", "sign-in"));
    assert_string_equal(m->edges[0].label, "sign-in");
    assert_false(scenario_set_text(m, "label", 99, "ru", "x")); /* no such node */
    assert_true(scenario_set_text(m, "prompt", 0, "en", "Design it."));
    assert_null(scenario_text_own(m, "label", 99, "en")); /* not the prompt */
    assert_null(scenario_text_own(m, "edge-label", -1, "ru"));
    assert_true(model_is_valid(m));
    model_destroy(m);
}

/* A requirement's and an event's label written in a second language: its entry in the
 * translation's list (one per entry, "" where the English stands), the English kept; all
 * entries given back to the English remove the list, and an empty translation goes. */
static void requirement_and_event_labels_are_written_in_a_second_language(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    const char *keys = "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\xd0\xb8"; /* ключи, in the file */
    const char *errors = "\xd0\xbe\xd1\x88\xd0\xb8\xd0\xb1\xd0\xba\xd0\xb8"; /* ошибки */
    assert_string_equal(scenario_text_own(m, "requirement-label", 0, "ru"), keys);
    assert_string_equal(scenario_text_own(m, "requirement-label", 0, "en"), "keys come fast");
    assert_null(scenario_text_own(m, "requirement-label", 1, "ru")); /* "": the English stands */
    assert_null(scenario_text_own(m, "requirement-label", 1, "en"));
    char padded[64];
    snprintf(padded, sizeof padded, "  %s ", errors);
    assert_true(scenario_set_text(m, "requirement-label", 0, "ru", padded));
    assert_string_equal(scenario_text_own(m, "requirement-label", 0, "ru"), errors); /* the spaces go */
    assert_false(scenario_set_text(m, "requirement-label", 0, "ru", errors));     /* nothing changes */
    assert_string_equal(m->scenario.requirements[0].label, "keys come fast");     /* the English stays */
    char *d = requirement_describe_in(m, 0, "ru");
    assert_string_equal(d, errors); /* what a Russian reader sees */
    free(d);
    d = requirement_describe_in(m, 0, "en");
    assert_string_equal(d, "keys come fast");
    free(d);
    assert_true(model_is_valid(m));
    char *json = model_to_json(m); /* a save keeps it */
    Model *back = load_text(json);
    free(json);
    assert_string_equal(scenario_text_own(back, "requirement-label", 0, "ru"), errors);
    model_destroy(back);
    /* the English label changes alone */
    assert_true(scenario_set_text(m, "requirement-label", 0, "en", "keys in time"));
    assert_string_equal(m->scenario.requirements[0].label, "keys in time");
    assert_string_equal(scenario_text_own(m, "requirement-label", 0, "ru"), errors);
    /* one with no label (its description speaks every language) takes the text as its label */
    assert_true(scenario_set_text(m, "requirement-label", 1, "ru", keys));
    assert_string_equal(m->scenario.requirements[1].label, keys);
    assert_null(scenario_text_own(m, "requirement-label", 1, "ru"));
    assert_true(model_is_valid(m));
    /* an event's label in Ukrainian: a translation made for it, one entry per event */
    const char *surge = "\xd1\x81\xd0\xbf\xd0\xbb\xd0\xb5\xd1\x81\xd0\xba"; /* сплеск */
    assert_true(scenario_set_text(m, "event-label", 0, "en", "launch surge"));
    assert_null(scenario_translation(&m->scenario, "uk"));
    assert_true(scenario_set_text(m, "event-label", 0, "uk", surge));
    const Translation *uk = scenario_translation(&m->scenario, "uk");
    assert_non_null(uk);
    assert_int_equal(uk->n_events, m->scenario.n_events);
    assert_string_equal(uk->events[1], "");
    assert_string_equal(scenario_text_own(m, "event-label", 0, "uk"), surge);
    assert_string_equal(scenario_event_label_in(&m->scenario, 0, "uk"), surge);
    assert_string_equal(m->scenario.events[0].label, "launch surge");
    assert_true(model_is_valid(m));
    /* given back to the English: the list and then the translation go */
    assert_true(scenario_set_text(m, "event-label", 0, "uk", ""));
    assert_null(scenario_translation(&m->scenario, "uk"));
    assert_true(scenario_set_text(m, "requirement-label", 0, "ru", ""));
    const Translation *ru = scenario_translation(&m->scenario, "ru");
    assert_non_null(ru); /* its hints are still its own */
    assert_int_equal(ru->n_requirements, 0);
    assert_false(scenario_set_text(m, "requirement-label", 0, "ru", "")); /* nothing changes */
    assert_false(scenario_set_text(m, "requirement-label", 2, "ru", "x")); /* no such requirement */
    assert_false(scenario_set_text(m, "event-label", -1, "ru", "x"));
    assert_null(scenario_text_own(m, "event-label", 9, "en"));
    assert_true(model_is_valid(m));
    model_destroy(m);
}

/* The exercise's text written in a second language: a translation appears, its hints
 * start as the English ones, giving a text back to the English removes it, and the
 * model stays valid throughout. */
static void an_exercise_is_written_in_a_second_language(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN); /* English, with a Russian translation; no Ukrainian */
    int n_tr = m->scenario.n_translations;
    assert_null(scenario_text_own(m, "title", 0, "uk"));
    assert_string_equal(scenario_text_own(m, "title", 0, "en"), "t");
    assert_true(scenario_set_text(m, "title", 0, "uk", "\xd0\xa2"));
    assert_int_equal(m->scenario.n_translations, n_tr + 1);
    assert_string_equal(scenario_text_own(m, "title", 0, "uk"), "\xd0\xa2");
    assert_string_equal(scenario_title_in(m, "uk"), "\xd0\xa2");
    assert_string_equal(m->title, "t"); /* the base stays */
    assert_false(scenario_set_text(m, "title", 0, "uk", "\xd0\xa2")); /* nothing changes */
    /* a hint: all or none, the other starts as the English one and is not its own */
    assert_true(scenario_set_text(m, "hint", 1, "uk", "\xd0\xb4\xd0\xb2\xd1\x96"));
    const Translation *t = scenario_translation(&m->scenario, "uk");
    assert_non_null(t);
    assert_int_equal(t->n_hints, 2);
    assert_string_equal(t->hints[0], "one");
    assert_null(scenario_text_own(m, "hint", 0, "uk"));
    assert_non_null(scenario_text_own(m, "hint", 1, "uk"));
    assert_true(model_is_valid(m));
    /* given back: the hint, then the title; nothing of its own left, the translation goes */
    assert_true(scenario_set_text(m, "hint", 1, "uk", ""));
    assert_int_equal(scenario_translation(&m->scenario, "uk")->n_hints, 0);
    assert_true(scenario_set_text(m, "title", 0, "uk", NULL));
    assert_null(scenario_translation(&m->scenario, "uk"));
    assert_int_equal(m->scenario.n_translations, n_tr);
    /* the base text in English; a new hint written in English is the translation's too
     * until translated (an empty one would be a problem) */
    int k = scenario_add_hint(m, "");
    assert_true(scenario_set_text(m, "hint", k, "en", "three"));
    assert_string_equal(scenario_translation(&m->scenario, "ru")->hints[k], "three");
    assert_null(scenario_text_own(m, "hint", k, "ru"));
    assert_true(model_is_valid(m));
    assert_true(scenario_set_text(m, "prompt", 0, "ru", "\xd0\x92"));
    assert_string_equal(scenario_prompt_in(m, "ru"), "\xd0\x92");
    model_destroy(m);
}

static void hints_move_and_go_in_every_translation(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    assert_int_equal(scenario_add_hint(m, "three"), 2);
    const Translation *ru = scenario_translation(&m->scenario, "ru");
    assert_int_equal(ru->n_hints, 3);
    assert_string_equal(ru->hints[2], "three");
    assert_true(scenario_move(m, SCEN_HINTS, 2, -1));
    assert_string_equal(m->scenario.hints[1], "three");
    assert_string_equal(ru->hints[1], "three");
    assert_false(scenario_move(m, SCEN_HINTS, 0, -1));
    scenario_remove(m, SCEN_HINTS, 0);
    assert_int_equal(m->scenario.n_hints, 2);
    assert_int_equal(ru->n_hints, 2);
    assert_string_equal(m->scenario.hints[0], "three");
    assert_true(model_is_valid(m));
    model_destroy(m);
}

#define KEYS_RU "\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87\xD0\xB8" /* ключи */

static void requirement_labels_follow_in_every_translation(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    assert_true(model_is_valid(m));
    const Translation *ru = scenario_translation(&m->scenario, "ru");
    assert_int_equal(ru->n_requirements, 2);
    char *d = requirement_describe_in(m, 0, "ru");
    assert_string_equal(d, KEYS_RU); /* the translated label */
    free(d);
    d = requirement_describe_in(m, 0, "uk"); /* no Ukrainian translation: the English label */
    assert_string_equal(d, "keys come fast");
    free(d);
    d = requirement_describe_in(m, 1, "ru"); /* no label: described in Russian */
    assert_non_null(strstr(d, "<= 1%"));
    assert_null(strstr(d, "error"));
    free(d);
    /* a saved file keeps them */
    char *json = model_to_json(m);
    assert_non_null(strstr(json, "\"requirements\": [\"" KEYS_RU "\", \"\"]"));
    Model *again = load_text(json);
    assert_true(scenario_equal(&m->scenario, &again->scenario));
    model_destroy(again);
    free(json);
    /* add, move, remove: the labels stay with their requirements */
    Requirement q;
    memset(&q, 0, sizeof q);
    q.metric = METRIC_COST_PER_MONTH_USD;
    q.has_max = true;
    q.max = 1000;
    assert_int_equal(scenario_add_requirement(m, &q), 2);
    assert_int_equal(ru->n_requirements, 3);
    assert_string_equal(ru->requirements[2], "");
    assert_true(scenario_move(m, SCEN_REQUIREMENTS, 0, +1));
    assert_string_equal(m->scenario.requirements[1].label, "keys come fast");
    assert_string_equal(ru->requirements[1], KEYS_RU);
    assert_string_equal(ru->requirements[0], "");
    assert_true(model_is_valid(m));
    scenario_remove(m, SCEN_REQUIREMENTS, 0);
    assert_int_equal(ru->n_requirements, 2);
    assert_string_equal(ru->requirements[0], KEYS_RU);
    assert_true(model_is_valid(m));
    /* a new limit: the label that stated the old one goes, in every language */
    scenario_unlabel(m, SCEN_REQUIREMENTS, 0);
    assert_null(m->scenario.requirements[0].label);
    assert_string_equal(ru->requirements[0], "");
    d = requirement_describe_in(m, 0, "ru");
    assert_non_null(strstr(d, "shorten p99 <= 150"));
    free(d);
    assert_true(model_is_valid(m));
    model_destroy(m);
    /* removing the request type takes its requirement's label too */
    m = load_text(DESIGN);
    scenario_remove_request(m, 1);
    ru = scenario_translation(&m->scenario, "ru");
    assert_int_equal(m->scenario.n_requirements, 1);
    assert_int_equal(ru->n_requirements, 1);
    assert_string_equal(ru->requirements[0], "");
    assert_true(model_is_valid(m));
    model_destroy(m);
}

#define DARK_RU "\xD0\x91\xD0\x94 \xD0\xB3\xD0\xB0\xD1\x81\xD0\xBD\xD0\xB5\xD1\x82" /* БД гаснет */

static void event_labels_follow_in_every_translation(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    Scenario *s = &m->scenario;
    s->events[1].label = xstrdup("db goes dark");
    Translation *ru = (Translation *)scenario_translation(s, "ru");
    ru->events = xcalloc(2, sizeof *ru->events);
    ru->events[0] = xstrdup("");
    ru->events[1] = xstrdup(DARK_RU);
    ru->n_events = 2;
    assert_true(model_is_valid(m));
    assert_string_equal(scenario_event_label_in(s, 1, "ru"), DARK_RU);
    assert_string_equal(scenario_event_label_in(s, 1, "uk"), "db goes dark");
    assert_null(scenario_event_label_in(s, 0, "ru")); /* no label: described in words */
    /* the removal's words quote the label in the current language */
    unsigned char del[4] = {0, 0, 0, 1};
    tr_set_lang("ru");
    char *why = model_describe_nodes_removal(m, del);
    tr_set_lang("en");
    assert_non_null(why);
    assert_non_null(strstr(why, "'" DARK_RU "'"));
    free(why);
    why = model_describe_nodes_removal(m, del);
    assert_non_null(strstr(why, "1 scenario event on it is removed: 'db goes dark'."));
    free(why);
    /* add, move, unlabel, remove */
    ScenarioEvent e = s->events[0];
    assert_int_equal(scenario_add_event(m, &e), 2);
    assert_int_equal(ru->n_events, 3);
    assert_true(scenario_move(m, SCEN_EVENTS, 1, -1));
    assert_string_equal(ru->events[0], DARK_RU);
    assert_true(model_is_valid(m));
    scenario_unlabel(m, SCEN_EVENTS, 0); /* it does something else now */
    assert_null(s->events[0].label);
    assert_string_equal(ru->events[0], "");
    scenario_remove(m, SCEN_EVENTS, 0);
    assert_int_equal(ru->n_events, 2);
    assert_true(model_is_valid(m));
    model_destroy(m);
}

static void a_translation_labels_each_requirement_or_none(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    Translation *ru = (Translation *)scenario_translation(&m->scenario, "ru");
    /* one label too few */
    free(ru->requirements[1]);
    ru->n_requirements = 1;
    DiagList d;
    diag_init(&d, "m");
    assert_false(model_validate(m, &d));
    assert_non_null(strstr(d.items[0].path, "scenario.translations.ru.requirements"));
    assert_non_null(strstr(d.items[0].message, "has 1 labels but scenario.requirements has 2"));
    diag_free(&d);
    /* a label for a requirement that has none */
    ru->requirements[1] = xstrdup("x");
    ru->n_requirements = 2;
    diag_init(&d, "m");
    assert_false(model_validate(m, &d));
    assert_non_null(strstr(d.items[0].path, "requirements[1]"));
    assert_non_null(strstr(d.items[0].message, "scenario.requirements[1] has none"));
    diag_free(&d);
    model_destroy(m);
}

/* The back-of-the-envelope sheet is written in the app too: a quantity's id follows its
 * label until someone picks another, never takes peak_rps, and quantities, factors and
 * their texts add, move and go in every translation, which stays one entry per quantity
 * and all factor labels or none. */
static void the_sheet_is_written_in_place(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    char id[64];
    assert_string_equal(scenario_quantity_id(m, "Storage per year (10 years)!", -1, id, sizeof id),
                        "storage_per_year_10_years");
    assert_string_equal(scenario_quantity_id(m, "\xD0\x9F\xD0\xB0\xD0\xBC\xD1\x8F\xD1\x82\xD1\x8C", -1, id, sizeof id),
                        "quantity"); /* Память: no Latin letters */
    assert_string_equal(scenario_quantity_id(m, "Peak RPS", -1, id, sizeof id), "peak_rps_2");
    assert_string_equal(scenario_quantity_id(m, "an extremely long label that says far more than any id could hold", -1, id,
                                             sizeof id),
                        "an_extremely_long_label_that_says_far");
    /* a new quantity: an empty label and one factor to fill */
    EnvelopeFactor one = {1, "", false};
    EnvelopeItem it = {.label = "", .unit = ENV_UNIT_BYTES, .factors = &one, .n_factors = 1};
    assert_int_equal(scenario_add_quantity(m, &it), 0);
    assert_string_equal(m->scenario.envelope[0].id, "quantity");
    assert_false(model_is_valid(m)); /* no label, a factor that counts nothing */
    assert_true(scenario_set_text(m, "quantity-label", 0, "en", " Link storage per year "));
    assert_string_equal(m->scenario.envelope[0].label, "Link storage per year");
    assert_string_equal(m->scenario.envelope[0].id, "link_storage_per_year"); /* it followed */
    assert_true(scenario_set_text(m, "factor-label", SCENARIO_FACTOR_TEXT(0, 0), "en", "new links/s on average"));
    m->scenario.envelope[0].factors[0].value = 200;
    EnvelopeFactor bytes = {500, "bytes per link", false};
    assert_int_equal(scenario_add_factor(m, 0, &bytes), 1);
    assert_true(model_is_valid(m));
    /* an id someone chose stays when the label changes */
    free(m->scenario.envelope[0].id);
    m->scenario.envelope[0].id = xstrdup("storage");
    assert_true(scenario_set_text(m, "quantity-label", 0, "en", "Storage per year"));
    assert_string_equal(m->scenario.envelope[0].id, "storage");
    /* a second quantity with the first's words gets an id of its own */
    EnvelopeItem two = {.label = "Storage per year", .unit = ENV_UNIT_BYTES, .factors = &bytes, .n_factors = 1};
    assert_int_equal(scenario_add_quantity(m, &two), 1);
    assert_string_equal(m->scenario.envelope[1].id, "storage_per_year");
    assert_true(scenario_set_text(m, "quantity-label", 1, "en", "Storage"));
    assert_string_equal(m->scenario.envelope[1].id, "storage_2"); /* "storage" is the first's */
    /* Russian: a translation of one entry per quantity, the others with nothing of their own */
    assert_true(scenario_set_text(m, "quantity-label", 1, "ru", "\xD0\xA5\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5"));
    const Translation *ru = scenario_translation(&m->scenario, "ru");
    assert_int_equal(ru->n_envelope, 2);
    assert_null(ru->envelope[0].label);
    assert_null(scenario_text_own(m, "quantity-label", 0, "ru"));
    assert_string_equal(scenario_text_own(m, "quantity-label", 1, "ru"), "\xD0\xA5\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5");
    /* a factor's label in Russian: all of them, the others the English words for now */
    assert_true(scenario_set_text(m, "factor-label", SCENARIO_FACTOR_TEXT(0, 1), "ru", "\xD0\xB1\xD0\xB0\xD0\xB9\xD1\x82"));
    assert_int_equal(ru->envelope[0].n_factors, 2);
    assert_string_equal(ru->envelope[0].factors[0], "new links/s on average");
    assert_null(scenario_text_own(m, "factor-label", SCENARIO_FACTOR_TEXT(0, 0), "ru"));
    assert_true(model_is_valid(m));
    /* a factor added there gets the English label in Russian; written in English later where
     * the translation has "", it takes the words */
    EnvelopeFactor years = {10, "", false};
    assert_int_equal(scenario_add_factor(m, 0, &years), 2);
    assert_int_equal(ru->envelope[0].n_factors, 3);
    assert_string_equal(ru->envelope[0].factors[2], "");
    assert_true(scenario_set_text(m, "factor-label", SCENARIO_FACTOR_TEXT(0, 2), "en", "years"));
    assert_string_equal(ru->envelope[0].factors[2], "years");
    assert_true(model_is_valid(m));
    scenario_remove_factor(m, 0, 0);
    assert_int_equal(m->scenario.envelope[0].n_factors, 2);
    assert_int_equal(ru->envelope[0].n_factors, 2);
    assert_string_equal(ru->envelope[0].factors[0], "\xD0\xB1\xD0\xB0\xD0\xB9\xD1\x82");
    assert_true(model_is_valid(m));
    /* move and remove: the translation's entries go with them */
    assert_true(scenario_move(m, SCEN_ENVELOPE, 1, -1));
    assert_string_equal(m->scenario.envelope[0].id, "storage_2");
    assert_string_equal(ru->envelope[0].label, "\xD0\xA5\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5");
    assert_int_equal(scenario_list_count(m, SCEN_ENVELOPE), 2);
    scenario_remove(m, SCEN_ENVELOPE, 0);
    assert_int_equal(m->scenario.n_envelope, 1);
    assert_int_equal(ru->n_envelope, 1);
    assert_string_equal(m->scenario.envelope[0].id, "storage");
    assert_true(model_is_valid(m));
    /* its Russian factor labels the English again: the translation has none of its own */
    assert_true(scenario_set_text(m, "factor-label", SCENARIO_FACTOR_TEXT(0, 0), "ru", ""));
    assert_int_equal(ru->n_envelope, 0);
    /* texts of what is not there change nothing */
    assert_false(scenario_set_text(m, "quantity-label", 5, "en", "x"));
    assert_false(scenario_set_text(m, "factor-label", SCENARIO_FACTOR_TEXT(0, 7), "en", "x"));
    assert_int_equal(scenario_add_factor(m, 9, &bytes), -1);
    scenario_remove_factor(m, 0, 9);
    assert_true(model_is_valid(m));
    model_destroy(m);
}

/* An event in words, as the panel, the charts and the report say it: which of a
 * database's servers fail, and a zone named once ("zone-a fails", not "zone zone-a"). */
static void an_event_says_what_fails(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    char out[200];
    ScenarioEvent e;
    event_defaults(&e);
    e.node = "db";
    e.at_s = 15;
    e.for_s = 10;
    e.instances = 1;
    e.role = ROLE_REPLICA;
    scenario_event_line(m, &e, true, out, sizeof out);
    assert_string_equal(out, "Links DB: 1 replica fails 15\xE2\x80\x93" "25 s");
    e.instances = 2;
    e.role = ROLE_PRIMARY;
    scenario_event_line(m, &e, true, out, sizeof out);
    assert_string_equal(out, "Links DB: 2 primaries fail 15\xE2\x80\x93" "25 s");
    e.instances = 0;
    scenario_event_line(m, &e, false, out, sizeof out);
    assert_string_equal(out, "Links DB: every primary fails");
    e.role = ROLE_ANY;
    e.instances = 3;
    scenario_event_line(m, &e, true, out, sizeof out);
    assert_string_equal(out, "Links DB: 3 servers fail 15\xE2\x80\x93" "25 s");
    e.node = NULL;
    e.instances = 0;
    e.zone = "zone-a";
    scenario_event_line(m, &e, true, out, sizeof out);
    assert_string_equal(out, "zone-a fails 15\xE2\x80\x93" "25 s");
    e.zone = "us-east-1a";
    scenario_event_line(m, &e, true, out, sizeof out);
    assert_string_equal(out, "zone us-east-1a fails 15\xE2\x80\x93" "25 s");
    e.zone = NULL;
    e.region = "eu";
    scenario_event_line(m, &e, true, out, sizeof out);
    assert_string_equal(out, "region eu fails 15\xE2\x80\x93" "25 s");
    model_destroy(m);
}

static void lists_add_move_and_remove_in_place(void **state)
{
    (void)state;
    Model *m = load_text(DESIGN);
    Requirement q = {.metric = METRIC_P50_MS, .has_max = true, .max = 20, .request = "redirect", .label = "fast"};
    assert_int_equal(scenario_add_requirement(m, &q), 2);
    assert_true(scenario_move(m, SCEN_REQUIREMENTS, 2, -1));
    assert_int_equal(m->scenario.requirements[1].metric, METRIC_P50_MS);
    assert_string_equal(m->scenario.requirements[1].label, "fast");
    scenario_remove(m, SCEN_REQUIREMENTS, 1);
    assert_int_equal(scenario_list_count(m, SCEN_REQUIREMENTS), 2);
    ScenarioEvent e;
    event_defaults(&e);
    e.node = "api";
    e.at_s = 3;
    assert_int_equal(scenario_add_event(m, &e), 2);
    assert_string_equal(m->scenario.events[2].node, "api");
    RequestType r;
    request_defaults(&r);
    r.name = "stats";
    r.rate_rps = 5;
    assert_int_equal(scenario_add_request(m, &r), 2);
    assert_true(model_is_valid(m));
    /* Out of range does nothing. */
    scenario_remove(m, SCEN_EVENTS, 9);
    scenario_remove_request(m, -1);
    assert_false(scenario_move(m, SCEN_REQUESTS, 2, 1));
    assert_int_equal(m->scenario.n_events, 3);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(renaming_a_request_type_follows_it_everywhere),
        cmocka_unit_test(renaming_a_node_follows_it_into_edges_clients_and_events),
        cmocka_unit_test(removing_a_request_type_takes_its_edges_requirements_and_surges),
        cmocka_unit_test(removing_nodes_takes_their_events_and_keeps_their_traffic),
        cmocka_unit_test(a_second_client_finds_the_traffic_named),
        cmocka_unit_test(an_exercise_is_written_in_a_second_language),
        cmocka_unit_test(labels_are_written_in_a_second_language),
        cmocka_unit_test(requirement_and_event_labels_are_written_in_a_second_language),
        cmocka_unit_test(hints_move_and_go_in_every_translation),
        cmocka_unit_test(requirement_labels_follow_in_every_translation),
        cmocka_unit_test(a_translation_labels_each_requirement_or_none),
        cmocka_unit_test(event_labels_follow_in_every_translation),
        cmocka_unit_test(lists_add_move_and_remove_in_place),
        cmocka_unit_test(the_sheet_is_written_in_place),
        cmocka_unit_test(an_event_says_what_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
