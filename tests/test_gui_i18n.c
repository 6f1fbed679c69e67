/*
 * test_gui_i18n.c - the whole app in Russian and Ukrainian at 1024 px (and 1440): every
 * panel, tab and dialog is drawn with the widget layer's text audit on, and fails when
 * a text runs past the window or its clip, a button's label does not fit, or a word is
 * left in English (english_scan.h: the design's own names and kept terms aside); a text
 * shortened with an ellipsis shows in full in a tooltip under the mouse. Screenshots
 * of each state are saved (gui-i18n-<lang>-<state>.png in the build folder).
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "gui_test.h"
#include "sim_test.h"
#include "sim/analytic.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/requirements.h"
#include "sim/scenario_edit.h"
#include "sim/tr.h"
#include "sim/util.h"

#include "english_scan.h"
#include "panels/panel.h"

static int shown_cut;
 /* shortened texts met, all languages and states */

/* What the app may draw in Latin letters in Russian and Ukrainian besides the design's
 * own words: terms kept as written (sync, async, seed), keys, file formats, the language
 * buttons, units and the CLI commands the help names. */
static const char *const GUI_GLOSSARY =
    "sync Id Seed seed OK Delete Backspace Ctrl Shift Alt Enter Esc Tab Space PgUp PgDn Home End "
    "PNG SVG JSON GIF CSV Markdown Mermaid Excalidraw draw Graphviz DOT EN RU UK English USD rps Gbit Mbit MB GB TB PB kB KB "
    "archsim cli sweep compare grade envelope docs starters system design id API "
    "WebSocket Kafka Instagram Twitter Redis Postgres Celery Django"; /* in the browser: every preset's title */

static App *open_app_tall(const char *lang, int width, int height, const char *file);
static bool shown_exact(const App *app, const char *text);
static bool shown_part(const App *app, const char *part);
static bool part_cut(const App *app, const char *whole);
static void toolbar_whole(const App *app, const char *lang, int width);

static App *open_app(const char *lang, int width, const char *file) { return open_app_tall(lang, width, 768, file); }

static App *open_app_tall(const char *lang, int width, int height, const char *file)
{
    char settings[256];
    snprintf(settings, sizeof settings, "%s", gui_test_file("settings.json"));
    AppConfig cfg = {.width = width, .height = height, .file = file, .autosave_ms = -1, .hidden = true,
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json"),
                     .settings_path = settings, .lang = lang};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app->ui.audit = true;
    app_frame(app);
    assert_string_equal(app->lang, lang);
    return app;
}

/* Click the widget `id` of the last frame. */
static void click_widget(App *app, const char *id)
{
    Rect r;
    assert_true(ui_widget_rect(&app->ui, ui_id(id), &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_frame(app);
}

/* The last frame's texts that do not fit, printed; how many are faults. */
static int audit(App *app, const char *lang, const char *state)
{
    /* ARCHSIM_I18N_DUMP=FILE: every text of every state appended to FILE, to read for
     * English left on a Russian or Ukrainian screen. */
    const char *dump = getenv("ARCHSIM_I18N_DUMP");
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    FILE *df = dump ? fopen(dump, "a") : NULL;
    for (int i = 0; df && app_test_drawn_text(app, i); i++) fprintf(df, "%s\t%s\n", state, app_test_drawn_text(app, i));
    if (df) fclose(df);
    int bad = 0;
    /* No English word on a Russian or Ukrainian screen (the file dialogs list the disk's
     * own names: not theirs to translate). */
    if (strncmp(state, "file-", 5) != 0) {
        StrBuf texts, leaks;
        sb_init(&texts);
        sb_init(&leaks);
        for (int i = 0; app_test_drawn_text(app, i); i++) sb_printf(&texts, "%s\n", app_test_drawn_text(app, i));
        char *allowed = allowed_words(app->model, GUI_GLOSSARY), what[96];
        snprintf(what, sizeof what, "%s %s", lang, state);
        int english = texts.data ? english_left(what, texts.data, allowed, &leaks) : 0;
        if (english) printf("%s", leaks.data);
        bad += english;
        free(allowed);
        sb_free(&texts);
        sb_free(&leaks);
    }
    /* No number with a decimal point on a Russian or Ukrainian screen: the app writes a
     * decimal comma ("0,42 мс"); a note that printed its number itself said "mean 12.5
     * ms" beside it (english_scan.h: decimal_point_at). */
    for (int i = 0; app_test_drawn_text(app, i); i++) {
        const char *t = app_test_drawn_text(app, i);
        for (size_t k = 0; t[k]; k++)
            if (decimal_point_at(t, k)) {
                printf("  %s %s: a decimal point in \"%.80s\"\n", lang, state, t);
                bad++;
                break;
            }
    }
    for (int i = 0; i < app->ui.n_audit; i++) {
        const struct UiAudit *a = &app->ui.audit_items[i];
        if (a->kind == UI_AUDIT_CUT || a->kind == UI_AUDIT_VALUE) {
            shown_cut++;
            if (getenv("CUT_DUMP")) printf("CUT %s %s: %s (%.0f)\n", lang, state, a->text, a->rc.w);
            continue;
        }
        printf("  %s %s: %s \"%s\" at %.0f,%.0f (%.0f px wide)\n", lang, state,
               a->kind == UI_AUDIT_BUTTON ? "button label cut" : "text past its box", a->text, a->rc.x, a->rc.y,
               a->rc.w);
        bad++;
    }
    char png[256];
    snprintf(png, sizeof png, "gui-i18n-%s-%d-%s.png", lang, (int)app->ui.view_w, state);
    assert_true(app_screenshot(app, png));
    return bad;
}

/* Frames while `busy` says the app's worker is at it (a run, a comparison, a sweep). */
static bool running(const App *app) { return run_active(app); }
static bool comparing(const App *app) { return app->cv.job != NULL; }
static bool sweeping(const App *app) { return app->sv.job != NULL; }

static void frames_while(App *app, bool (*busy)(const App *))
{
    for (int k = 0; k < 200000 && busy(app); k++) {
        app_frame(app);
        SDL_Delay(1);
    }
    assert_false(busy(app));
}

static void run_briefly(App *app)
{
    app->model->scenario.duration_s = 2;
    app->model->scenario.warmup_s = 0.5;
    app->version++;
    assert_true(run_start_ex(app, true));
    frames_while(app, running);
    app_frame(app);
}

/* File dialog `mode` audited as `state`; its button says what it does, a verb, not the
 * feature's noun (C_("button", button): "Экспортировать", not "Экспорт"). */
static int audit_file_dialog(App *app, const char *lang, FileMode mode, const char *state, const char *button)
{
    filedialog_open(app, mode);
    int bad = audit(app, lang, state);
    const char *want = tr_pin(lang, "button", button);
    if (!app_test_text_exact(app, want)) {
        fprintf(stderr, "%s: the %s dialog's button is not \"%s\"\n", lang, state, want);
        bad++;
    }
    app->modal = MODAL_NONE;
    return bad;
}

/* The board, the scenario panel, every node's and one edge's inspector, every drawer tab
 * after a run, and the dialogs, in `lang` at `width`. */
static int every_state(const char *lang, int width, const char *preset)
{
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, preset);
    App *app = open_app(lang, width, path);
    int bad = audit(app, lang, "scenario");
    /* the scenario's items open, and the status bar after a typed limit */
    const Scenario *sc = &app->model->scenario;
    app->scen_open[SCEN_REQUESTS] = 0;
    app->scen_open[SCEN_EVENTS] = sc->n_events > 0 ? 0 : -1;
    if (sc->n_requirements > 0) {
        app->scen_open[SCEN_REQUIREMENTS] = 0;
        scenario_panel_goto(app, "requirements", 0, "max");
        app_frame(app);
        bad += audit(app, lang, "scenario-open");
        app_test_text(app, "7");
        app_test_key(app, SDLK_RETURN, 0);
        bad += audit(app, lang, "scenario-edited");
        app_test_key(app, SDLK_ESCAPE, 0);
        app_test_key(app, SDLK_z, KMOD_CTRL);
        bad += audit(app, lang, "scenario-undone");
    }
    if (sc->n_envelope > 0) { /* a quantity of the sheet open, its factors in view */
        app->scen_open[SCEN_ENVELOPE] = 0;
        scenario_panel_goto(app, "envelope", 0, "factors[0].label");
        app_frame(app);
        app_test_key(app, SDLK_ESCAPE, 0);
        bad += audit(app, lang, "scenario-sheet");
    }
    for (int l = 0; l < SCEN_LIST_COUNT; l++) app->scen_open[l] = -1;
    for (int i = 0; i < app->model->n_nodes; i++) {
        assert_true(sel_node_by_id(app, app->model->nodes[i].id));
        char state[64];
        snprintf(state, sizeof state, "node-%s", node_kind_name(app->model->nodes[i].kind));
        bad += audit(app, lang, state);
    }
    sel_clear(app);
    if (app->model->n_edges > 0) {
        app->sel_edge[0] = 1;
        sel_sync(app);
        bad += audit(app, lang, "edge");
        sel_clear(app);
    }
    static const char *const tabs[TAB_COUNT] = {"requests", "nodes", "charts", "trace", "requirements",
                                                "estimates", "sweep", "compare"};
    for (int t = 0; t < TAB_COUNT; t++) { /* before a run too: what they say then */
        drawer_show(app, (DrawerTab)t);
        char state[64];
        snprintf(state, sizeof state, "tab-%s-before", tabs[t]);
        bad += audit(app, lang, state);
    }
    run_briefly(app);
    bad += audit(app, lang, "after-run");
    for (int t = 0; t < TAB_COUNT; t++) {
        drawer_show(app, (DrawerTab)t);
        char state[64];
        snprintf(state, sizeof state, "tab-%s", tabs[t]);
        bad += audit(app, lang, state);
    }
    /* the Compare and Sweep tabs with their results (a comparison's rows were drawn in
     * English: "throughput", "errors") */
    drawer_show(app, TAB_COMPARE);
    snprintf(app->cv.reps, sizeof app->cv.reps, "2");
    app_frame(app);
    click_widget(app, "cmp-run");
    frames_while(app, comparing);
    assert_non_null(app->cv.result);
    bad += audit(app, lang, "tab-compare-result");
    drawer_show(app, TAB_SWEEP);
    snprintf(app->sv.from, sizeof app->sv.from, "0,5"); /* as typed in the language */
    snprintf(app->sv.to, sizeof app->sv.to, "1,5");
    snprintf(app->sv.step, sizeof app->sv.step, "0,5");
    snprintf(app->sv.reps, sizeof app->sv.reps, "1");
    app_frame(app);
    click_widget(app, "sw-run");
    frames_while(app, sweeping);
    assert_non_null(app->sv.result);
    bad += audit(app, lang, "tab-sweep-result");
    assert_true(sel_node_by_id(app, app->model->nodes[app->model->n_nodes - 1].id));
    bad += audit(app, lang, "node-after-run");
    sel_clear(app);

    app->modal = MODAL_HELP;
    bad += audit(app, lang, "help");
    app->modal = MODAL_NONE;
    run_settings_open(app);
    bad += audit(app, lang, "run-settings");
    app->modal = MODAL_NONE;
    filedialog_open(app, FILE_OPEN);
    bad += audit(app, lang, "file-open");
    app->modal = MODAL_NONE;
    bad += audit_file_dialog(app, lang, FILE_EXPORT, "file-export", "Export");
    if (app->res) bad += audit_file_dialog(app, lang, FILE_RECORD, "file-record", "Record"); /* a run is shown */
    static const struct { FileMode mode; const char *state; } exports[] = {
        {FILE_EXPORT_SVG, "file-export-svg"},         {FILE_EXPORT_EXCALIDRAW, "file-export-excalidraw"},
        {FILE_EXPORT_DRAWIO, "file-export-drawio"},   {FILE_EXPORT_MERMAID, "file-export-mermaid"},
        {FILE_EXPORT_DOT, "file-export-dot"}};
    for (size_t k = 0; k < sizeof exports / sizeof *exports; k++)
        bad += audit_file_dialog(app, lang, exports[k].mode, exports[k].state, "Export");
    app->ui.popup_id = ui_id("tb-export"); /* the Export menu open */
    bad += audit(app, lang, "export-menu");
    app->ui.popup_id = 0;
    sel_clear(app); /* every node of the last one's kind: SET FOR ALL, where there are two */
    for (int i = 0; i < app->model->n_nodes; i++)
        app->sel_node[i] = app->model->nodes[i].kind == app->model->nodes[app->model->n_nodes - 1].kind;
    bad += audit(app, lang, "set-for-all");
    sel_clear(app); /* two nodes: the inspector's Align or distribute menu open */
    app->sel_node[0] = app->sel_node[1] = 1;
    app->ui.popup_id = ui_id("multi-align");
    bad += audit(app, lang, "align-menu");
    app->ui.popup_id = 0;
    sel_clear(app);
    find_open(app); /* Find a node: empty, then listing every node with an "a" */
    bad += audit(app, lang, "find");
    app_test_text(app, "a");
    bad += audit(app, lang, "find-list");
    app_test_key(app, SDLK_ESCAPE, 0);
    browser_open(app);
    bad += audit(app, lang, "browser");
    app->modal = MODAL_NONE;
    interview_toolbar_clicked(app);
    bad += audit(app, lang, "interview-setup");
    app->modal = MODAL_NONE;
    app_frame(app);
    doc_guard(app, PENDING_NEW, NULL); /* the run changed the duration: unsaved changes */
    bad += audit(app, lang, "unsaved");
    app->modal = MODAL_NONE;
    app_destroy(app);
    return bad;
}

/* A board with every field set (tests/data/format/every_field.json), its nodes selected
 * and each request type's path shown, and a replicated database selected, read in
 * Russian and Ukrainian: every number in the language's style (audit() fails on a
 * decimal point). The path's labels said "×0.04", the database's notes "mean 10.5 ms". */
static void every_number_on_screen_has_the_languages_decimal_comma(void **state)
{
    (void)state;
    const char *const langs[] = {"ru", "uk"};
    for (int l = 0; l < 2; l++) {
        App *app = open_app(langs[l], 1440, ARCHSIM_SOURCE_DIR "/tests/data/format/every_field.json");
        int bad = 0;
        char what[64];
        for (int i = 0; i < app->model->n_nodes; i++) {
            assert_true(sel_node_by_id(app, app->model->nodes[i].id));
            snprintf(what, sizeof what, "every-field-node-%s", app->model->nodes[i].id);
            bad += audit(app, langs[l], what);
        }
        for (int t = 0; t < app->model->scenario.n_requests; t++) {
            app->path_type = t;
            snprintf(what, sizeof what, "every-field-path-%d", t);
            bad += audit(app, langs[l], what);
        }
        app->path_type = -1;
        app_destroy(app);
        /* a replicated database's notes: its lag, read-your-writes and failover */
        const char *db = "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"read\", "
                         "\"rate_rps\": 100, \"sessions\": 100}, {\"name\": \"write\", \"op\": \"write\", "
                         "\"rate_rps\": 10, \"sessions\": 100}]}, \"nodes\": [{\"id\": \"users\", \"kind\": "
                         "\"client\"}, {\"id\": \"db\", \"kind\": \"database\", \"read_replicas\": 1, "
                         "\"replication_lag_ms\": {\"dist\": \"uniform\", \"min\": 1, \"max\": 20}, "
                         "\"read_your_writes_ms\": 12.5, \"failover_s\": 2.5}], \"edges\": [{\"from\": \"users\", "
                         "\"to\": \"db\"}]}";
        const char *path = gui_test_file("replicated.json");
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(db, f);
        fclose(f);
        app = open_app(langs[l], 1440, path);
        assert_true(sel_node_by_id(app, "db"));
        bad += audit(app, langs[l], "replicated-db");
        assert_true(shown_part(app, "10,5")); /* the lag's mean, "mean 10.5 ms" */
        assert_int_equal(bad, 0);
        app_destroy(app);
    }
    unlink(gui_test_file("settings.json")); /* the browser's recent files list no test file */
}

static void every_panel_tab_and_dialog_fits_in_russian_and_ukrainian_at_1024(void **state)
{
    (void)state;
    int bad = 0;
    bad += every_state("ru", 1024, "instagram-feed.json");
    bad += every_state("uk", 1024, "instagram-feed.json");
    bad += every_state("ru", 1024, "kafka-partitions.json");
    bad += every_state("uk", 1024, "twitter-timeline.json");
    printf("  %d shortened texts (each with a tooltip)\n", shown_cut);
    assert_int_equal(bad, 0);
}

static void and_at_1440(void **state)
{
    (void)state;
    int bad = every_state("ru", 1440, "db-read-scaling.json") + every_state("uk", 1440, "url-shortener.json");
    assert_int_equal(bad, 0);
}

static void a_shortened_text_shows_in_full_under_the_mouse(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, "instagram-feed.json");
    App *app = open_app("uk", 1024, path);
    RequestType *r = &app->model->scenario.requests[0]; /* a name too long even for two lines */
    free(r->name);
    r->name = xstrdup("view_feed_of_a_user_who_follows_everybody_and_scrolls_for_ever");
    app->version++;
    app_frame(app);
    int cut = -1;
    for (int i = 0; i < app->ui.n_audit && cut < 0; i++)
        if (app->ui.audit_items[i].kind == UI_AUDIT_CUT) cut = i;
    assert_true(cut >= 0);
    struct UiAudit a = app->ui.audit_items[cut];
    app_test_log_texts(app, true);
    app_test_mouse_move(app, a.rc.x + a.rc.w / 2, a.rc.y + a.rc.h / 2);
    app_frame(app);
    app_frame(app);
    assert_string_equal(app->ui.cut_tip[0] ? app->ui.cut_tip : app->fit_tip, a.text);
    assert_true(app_test_text_exact(app, a.text)); /* drawn in full, in the tooltip */
    app_destroy(app);
}

static void the_first_start_speaks_the_locales_language_and_the_choice_is_remembered(void **state)
{
    (void)state;
    char settings[256];
    snprintf(settings, sizeof settings, "%s", gui_test_file("first/settings.json"));
    unlink(settings);
    setenv("LANG", "uk_UA.UTF-8", 1);
    AppConfig cfg = {.width = 1024, .height = 768, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = gui_test_file("recovery.json"), .settings_path = settings};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_string_equal(app->lang, "uk");
    assert_true(app_test_text_exact(app, "\xD0\x9A\xD0\x9E\xD0\x9C\xD0\x9F\xD0\x9E\xD0\x9D\xD0\x95\xD0\x9D\xD0\xA2\xD0\x98")); /* КОМПОНЕНТИ */
    /* The toolbar's language box: open it, pick Русский. */
    assert_true(app_test_click_widget(app, "tb-lang", -1));
    assert_int_equal(app->ui.popup_id, ui_id("tb-lang"));
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 20, pr.y + 4 + 26 * 1 + 13); /* the second: Русский */
    app_frame(app);
    assert_string_equal(app->lang, "ru");
    assert_string_equal(tr_lang(), "ru");
    assert_true(app_test_text_exact(app, "\xD0\x9A\xD0\x9E\xD0\x9C\xD0\x9F\xD0\x9E\xD0\x9D\xD0\x95\xD0\x9D\xD0\xA2\xD0\xAB")); /* КОМПОНЕНТЫ */
    app_destroy(app);
    /* Remembered: the next start is in Russian whatever the locale says. */
    setenv("LANG", "en_US.UTF-8", 1);
    app = app_create(&cfg);
    app_frame(app);
    assert_string_equal(app->lang, "ru");
    app_destroy(app);
    setenv("LANG", "C.UTF-8", 1);
    tr_set_lang("en");
}

static void the_prompts_source_markers_go_to_a_sources_line(void **state)
{
    (void)state;
    App *app = open_app("ru", 1024, NULL);
    browser_open(app);
    int k = -1;
    for (int i = 0; i < app->n_scen; i++)
        if (strstr(app->scen_paths[i], "url-shortener.json")) k = i;
    assert_true(k >= 0);
    app->browser_sel = k;
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    for (int i = 0; app_test_drawn_text(app, i); i++) /* "(estimates [D])" in the file */
        assert_null(strstr(app_test_drawn_text(app, i), "[D]"));
    assert_true(app_test_text_drawn(app, "\xD0\x98\xD1\x81\xD1\x82\xD0\xBE\xD1\x87\xD0\xBD\xD0\xB8\xD0\xBA\xD0\xB8: D")); /* Источники: D */
    assert_true(app_test_click_widget(app, "br-sources", -1));
    app_frame(app);
    assert_true(app_test_text_drawn(app, "D \xE2\x80\x94 ")); /* "D — расчёт по приведённым цифрам" */
    assert_true(app_screenshot(app, "gui-i18n-ru-sources.png"));
    app_destroy(app);
}

/* A run with every cause of error but a breaker's: the Requests tab names each cause in
 * the language on screen (it wrote their JSON names, "failed", in English), and every
 * text fits. */
static void the_causes_of_errors_are_in_the_language_on_screen(void **state)
{
    (void)state;
    static const char *const langs[] = {"ru", "uk"};
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/gui/every_error.json", ARCHSIM_SOURCE_DIR);
    int bad = 0;
    for (int l = 0; l < 2; l++) {
        App *app = open_app(langs[l], 1440, path);
        run_briefly(app);
        const double *f = app->res->mean->types[0];
        assert_true(f[TF_ERR_REJECTED] > 0 && f[TF_ERR_TIMEOUT] > 0 && f[TF_ERR_FAILED] > 0 &&
                    f[TF_ERR_RATE_LIMITED] > 0);
        drawer_show(app, TAB_REQUESTS);
        bad += audit(app, langs[l], "errors-requests");
        /* of several causes the cell gives the rate alone ("87.3% rejected" read as all
         * rejected where 46.7% were); the line under the table names them all */
        app_test_log_texts(app, true);
        app_frame(app);
        app_frame(app);
        assert_true(app_test_text_drawn(app, tr_in(langs[l], "node down")));
        assert_true(app_test_text_drawn(app, tr_in(langs[l], "rejected (queue full)")));
        char causes[320];
        snprintf(causes, sizeof causes, "%s", tr_in(langs[l], "rejected (queue full)"));
        for (int i = 0; i < app->ui.n_audit; i++) /* the causes' line wraps, whole */
            if (app->ui.audit_items[i].kind == UI_AUDIT_CUT) assert_null(strstr(app->ui.audit_items[i].text, causes));
        for (int k = 0; k < app->lint.n_items; k++) /* and the modelling check beside it */
            assert_false(part_cut(app, app->lint.items[k].message));
        /* and the Scenario panel's notes for a newcomer */
        assert_false(part_cut(app, tr_in(langs[l], "No zones: nodes are not placed. Add zones to place nodes in them (the "
                                                   "inspector, or drop a node into a zone's box), fail a whole zone or "
                                                   "region, and take edge latencies from where their ends run.")));
        assert_false(part_cut(app, tr_in(langs[l], "No requirements: a run has nothing to be graded against. A requirement "
                                                   "is a limit the run must meet: p99 under 200 ms, errors under 0.1%, a "
                                                   "budget.")));
        char pct[NUMFMT_CAP];
        numfmt_percent_fine(f[TF_ERROR_RATE], pct, sizeof pct);
        assert_true(shown_exact(app, pct));
        for (int i = 0; app_test_drawn_text(app, i); i++)
            if (strncmp(app_test_drawn_text(app, i), pct, strlen(pct)) == 0)
                assert_null(strstr(app_test_drawn_text(app, i), tr_pin(langs[l], "error cause", "rejected")));
        /* the api's tooltip gives its drops by cause, as the line under the table does */
        float drawer_h = app->drawer_h;
        app->drawer_h = 0;
        app_test_hover_node(app, model_find_node(app->model, "api"));
        app_frame(app);
        app_frame(app);
        char limited[96], num[NUMFMT_CAP];
        const double *nf = app->res->mean->nodes[model_find_node(app->res_model, "api")];
        snprintf(limited, sizeof limited, "%s %s", numfmt_count(nf[NF_RATE_LIMITED], num, sizeof num),
                 err_cause_words(ERR_RATE_LIMITED, false, langs[l]));
        assert_true(nf[NF_RATE_LIMITED] > 0 && nf[NF_REJECTED] > 0);
        assert_true(shown_part(app, limited)); /* the tooltip wraps: the words of each cause on a line */
        assert_true(shown_part(app, numfmt_count(nf[NF_REJECTED], num, sizeof num)));
        app->drawer_h = drawer_h;
        app_test_mouse_move(app, 2, 2);
        /* one cause alone names the rate: the same design without its failure, rate limit and timeout */
        while (app->model->scenario.n_events > 0) scenario_remove(app->model, SCEN_EVENTS, 0);
        for (int n = 0; n < app->model->n_nodes; n++) app->model->nodes[n].rate_limit_rps = 0;
        for (int e = 0; e < app->model->n_edges; e++) app->model->edges[e].timeout_ms = 0;
        run_briefly(app); /* it says the model changed */
        drawer_show(app, TAB_REQUESTS);
        app_frame(app);
        const double *g = app->res->mean->types[0];
        assert_true(g[TF_ERR_REJECTED] > 0 && g[TF_ERR_TIMEOUT] == 0 && g[TF_ERR_FAILED] == 0 && g[TF_ERR_RATE_LIMITED] == 0);
        char cell[96];
        numfmt_percent_fine(g[TF_ERROR_RATE], pct, sizeof pct);
        snprintf(cell, sizeof cell, "%s %s", pct, tr_pin(langs[l], "error cause", "rejected"));
        assert_true(shown_exact(app, cell));
        drawer_show(app, TAB_NODES);
        bad += audit(app, langs[l], "errors-nodes");
        app_frame(app);
        for (int i = 0; i < app->ui.n_audit; i++) /* the headings whole ("ожидани…" was cut) */
            if (app->ui.audit_items[i].kind == UI_AUDIT_CUT)
                assert_string_not_equal(app->ui.audit_items[i].text, tr_in(langs[l], "p99 wait"));
        app_destroy(app);
    }
    assert_int_equal(bad, 0);
}

/* The hints' heading keeps clear of its "+ Add" button: in Russian it ran under it. */
/* A preset's node and edge labels read in the language on screen (its
 * translations.<lang>.labels): on the board, in the inspector, in the Nodes tab; renaming
 * one changes what is shown, and Undo and the language switch bring the rest back. */
/* `text` drawn whole this frame, by the renderer (the board) or the UI (panels). */
static bool shown_exact(const App *app, const char *text)
{
    for (int i = 0; app_test_drawn_text(app, i); i++)
        if (strcmp(app_test_drawn_text(app, i), text) == 0) return true;
    return app_test_text_exact(app, text);
}

/* `part` in a text drawn this frame, by the renderer or the UI. */
static bool shown_part(const App *app, const char *part)
{
    for (int i = 0; app_test_drawn_text(app, i); i++)
        if (strstr(app_test_drawn_text(app, i), part)) return true;
    return app_test_text_drawn(app, part);
}

static void the_boards_labels_are_in_the_language_on_screen(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/midsize-webapp.json", ARCHSIM_SOURCE_DIR);
    App *app = open_app("ru", 1440, path);
    app_test_log_texts(app, true);
    app_frame(app);
    int users = model_find_node(app->model, "users"), shipper = model_find_node(app->model, "shipper");
    assert_true(users >= 0 && shipper >= 0);
    assert_true(shown_exact(app, "\xD0\x9F\xD0\xBE\xD0\xBA\xD1\x83\xD0\xBF\xD0\xB0\xD1\x82\xD0\xB5\xD0\xBB\xD0\xB8")); /* Покупатели */
    assert_false(shown_exact(app, "Shoppers"));
    assert_true(shown_part(app, "3 запроса на страницу")); /* an edge's label */
    assert_false(shown_part(app, "3 lookups a page"));
    assert_true(shown_exact(app, "nginx")); /* a name no language translates */
    /* the inspector's label field shows the label as the board does */
    app_test_click(app, app_test_node_center(app, shipper).x, app_test_node_center(app, shipper).y);
    app_frame(app);
    assert_true(shown_exact(app, "Отправщик логов (буфер)"));
    assert_false(shown_part(app, "Log shipper"));
    /* renamed on the board: the translation changes, the file's English label stays */
    Vec2 c = app_test_node_center(app, users);
    app_test_double_click(app, c.x, c.y);
    assert_int_equal(app->rename_node, users);
    app_test_text(app, "Покупатели магазина");
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    assert_string_equal(app->model->nodes[users].label, "Shoppers");
    assert_string_equal(scenario_label_in(&app->model->scenario, "Shoppers", "ru"), "Покупатели магазина");
    assert_true(shown_exact(app, "Покупатели магазина"));
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_frame(app);
    assert_string_equal(node_label_shown(&app->model->nodes[users]), "Покупатели");
    /* in English the same board reads in English */
    snprintf(app->lang, sizeof app->lang, "en");
    app_frame(app);
    app_frame(app);
    assert_true(shown_exact(app, "Shoppers"));
    assert_true(shown_part(app, "3 lookups a page"));
    assert_false(shown_exact(app, "Покупатели")); /* (the status bar still says what Undo undid) */
    app_destroy(app);
}

/* Which nodes' titles the board shortens ("Балансувальн…"), as flags in cut[n_nodes]. */
static void shortened_titles(App *app, unsigned char *cut)
{
    app_test_log_texts(app, true);
    app_frame(app);
    for (int i = 0; app_test_drawn_text(app, i); i++) {
        const char *t = app_test_drawn_text(app, i);
        size_t n = strlen(t);
        if (n < 3 || strcmp(t + n - 3, "\xE2\x80\xA6") != 0) continue;
        for (int k = 0; k < app->model->n_nodes; k++)
            if (strlen(node_label_shown(&app->model->nodes[k])) > n - 3 &&
                strncmp(node_label_shown(&app->model->nodes[k]), t, n - 3) == 0)
                cut[k] = 1;
    }
}

/* The translated labels are written to fit: a node whose title the board shows whole in
 * English shows it whole in Russian and Ukrainian too, in every preset and starter. */
static void translated_titles_fit_where_the_english_ones_do(void **state)
{
    (void)state;
    int files = 0, checked = 0;
    char *order = read_file(ARCHSIM_SOURCE_DIR "/scenarios/ORDER", NULL); /* every preset, one a line */
    assert_non_null(order);
    for (char *save = NULL, *line = strtok_r(order, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        for (int st = 0; st < 2 && line[0] != '#'; st++, files++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/scenarios/%s%s", ARCHSIM_SOURCE_DIR, st ? "starters/" : "", line);
            if (access(path, R_OK) != 0) continue;
            unsigned char cut[3][64] = {{0}};
            const char *const langs[] = {"en", "ru", "uk"};
            for (int l = 0; l < 3; l++) {
                App *app = open_app(langs[l], 1440, path);
                assert_true(app->model->n_nodes <= 64);
                shortened_titles(app, cut[l]);
                /* and the toolbar reads the scenario's title whole (TITLE_WHOLE_MAX) */
                assert_true(shown_part(app, scenario_title_in(app->model, langs[l])));
                for (int k = 0; k < app->model->n_nodes && l > 0; k++, checked++)
                    if (cut[l][k] && !cut[0][k]) {
                        fprintf(stderr, "%s: '%s' is shortened in %s, whole in English\n", path,
                                node_label_shown(&app->model->nodes[k]), langs[l]);
                        fail();
                    }
                app_destroy(app);
            }
        }
    free(order);
    printf("    %d files, %d node titles in ru and uk\n", files, checked);
    assert_true(files >= 30);
}

/* A node placed from the palette is labelled with its kind's name, short enough for its
 * box in every language: every kind, twice ("Балансер 2"), whole on the board. */
static void placed_nodes_labels_fit_their_boxes(void **state)
{
    (void)state;
    const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++)
        for (int k0 = 0; k0 < NODE_KIND_COUNT; k0 += 3) { /* three kinds a board, at the zoom that fits them */
            App *app = open_app(langs[l], 1440, NULL);
            for (int k = k0; k < k0 + 3 && k < NODE_KIND_COUNT; k++)
                for (int twice = 0; twice < 2; twice++) edit_place_node(app, (NodeKind)k, 60 + 260 * twice, 40 + 120 * (k - k0));
            app_frame(app);
            canvas_fit(app);
            unsigned char cut[6] = {0};
            shortened_titles(app, cut);
            for (int i = 0; i < app->model->n_nodes; i++) {
                if (cut[i]) fprintf(stderr, "%s: '%s' is shortened\n", langs[l], node_label_shown(&app->model->nodes[i]));
                assert_false(cut[i]);
            }
            assert_int_equal(app->model->n_nodes, 6);
            app_destroy(app);
        }
}

/* The Requirements tab's headline before a run is read whole, on two lines where one is
 * too short ("Запусків ще не було: натисніть Запуск (F5), щоб перевірити 4 ви…" was cut). */
static void the_requirements_headline_is_read_whole(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/url-shortener.json", ARCHSIM_SOURCE_DIR);
    const char *const langs[] = {"ru", "uk"};
    for (int l = 0; l < 2; l++) {
        App *app = open_app(langs[l], 1440, path);
        drawer_show(app, TAB_GRADE);
        app_test_log_texts(app, true);
        app_frame(app);
        char want[200];
        snprintf(want, sizeof want, tr_nin(langs[l], "Not run yet: press Run (F5) to check the %d requirement.",
                                           "Not run yet: press Run (F5) to check the %d requirements.", 4), 4);
        const char *last = strrchr(want, ' ') + 1; /* its last word, "вимоги.", drawn whole */
        bool found = false;
        for (int i = 0; app_test_drawn_text(app, i); i++) {
            const char *t = app_test_drawn_text(app, i);
            size_t n = strlen(t), k = strlen(last);
            found |= n >= k && strcmp(t + n - k, last) == 0; /* a line of the headline ends with it */
        }
        for (int i = 0; !found && app_test_drawn_text(app, i); i++) fprintf(stderr, "  %s\n", app_test_drawn_text(app, i));
        assert_true(found);
        app_destroy(app);
    }
}

static void the_hints_heading_keeps_clear_of_its_button(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, "url-shortener.json");
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1024, path);
        assert_true(app->model->scenario.n_hints > 0);
        scenario_panel_goto(app, "hints", 0, NULL);
        app_test_log_texts(app, true);
        app_frame(app);
        app_frame(app);
        Rect button, t = {0};
        assert_true(ui_widget_rect(&app->ui, ui_id("scen-add-hint"), &button));
        const char *heading = tr_in(langs[l], "Hints, shown one at a time");
        bool found = false;
        for (int i = 0; !found && app_test_drawn_text_at(app, i, &t); i++)
            found = strcmp(app_test_drawn_text(app, i), heading) == 0; /* drawn whole */
        assert_true(found);
        assert_true(t.w > 0);
        assert_true(t.x + t.w <= button.x + 1 || t.y + t.h <= button.y || t.y >= button.y + button.h);
        app_destroy(app);
    }
}

/* The toolbar's line under the cost is read whole after an edit made a run stale, in
 * every language, at a laptop's width too ("last run: 4 of 4 requirements p…" was cut
 * at 1290 px: its box was a fixed 170 px). */
static void the_toolbars_verdict_is_read_whole(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    static const int widths[] = {1290, 1440};
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/url-shortener.json", ARCHSIM_SOURCE_DIR);
    for (int l = 0; l < 3; l++)
        for (int w = 0; w < 2; w++) {
            App *app = open_app(langs[l], widths[w], path);
            run_briefly(app);
            int n = app->model->scenario.n_requirements;
            assert_true(n > 1);
            app->version++; /* an edit since the run: the verdict is the last run's */
            app_test_log_texts(app, true);
            app_frame(app);
            char want[200];
            snprintf(want, sizeof want,
                     tr_nin(langs[l], "%s%d of %d requirement pass", "%s%d of %d requirements pass", n),
                     tr_in(langs[l], "last run: "), practice_grade(app)->n_passed, n);
            assert_true(app_test_text_exact(app, want));
            bool cut = false; /* drawn shortened, with an ellipsis */
            for (int i = 0; i < app->ui.n_audit; i++)
                cut |= app->ui.audit_items[i].kind == UI_AUDIT_CUT && strcmp(app->ui.audit_items[i].text, want) == 0;
            if (cut) fprintf(stderr, "  %s at %d: \"%s\" is cut\n", langs[l], widths[w], want);
            assert_false(cut);
            app_destroy(app);
        }
}

/* Is `text` the short unit or a choice's name of a field of these tables, in the app's
 * language? */
/* A blocking service over capacity that also waits on a database over capacity has no
 * bound on its utilisation (its slots are held for the database's endless wait). The
 * board, the tooltip and the inspector said a bare "over capacity" and "need — of its
 * slots"; they now say how far its own work alone puts it over: "est ≥ 781%". The legend
 * keeps the keys to the badges' words ("over capacity", "backed up") at 1280 px, with the
 * short form of its state ("predicted") where the long one leaves no room. */
static void an_unbounded_node_says_how_far_over_it_is(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1280, ARCHSIM_SOURCE_DIR "/tests/data/gui/blocking-over-a-full-db.json");
        int svc = model_find_node(app->model, "service");
        assert_true(svc >= 0 && app->est_valid);
        const NodeEstimate *e = &app->est.nodes[svc];
        assert_true(e->over_capacity && !isfinite(e->utilisation));
        assert_true(e->own_utilisation > 5);
        char pct[NUMFMT_CAP], want[200], note[600];
        estimate_util_text(e, pct, sizeof pct);
        assert_true(strncmp(pct, "\xE2\x89\xA5", 3) == 0); /* ≥ */
        app_test_log_texts(app, true);
        app_frame(app);
        snprintf(want, sizeof want, tr_in(langs[l], "est %s \xC2\xB7 over capacity"), pct);
        assert_true(shown_exact(app, want)); /* the badge */
        assert_int_equal(overlay_capacity_note(app, svc, false, note, sizeof note), NOTE_OVER);
        assert_non_null(strstr(note, pct));
        assert_null(strstr(note, NUMFMT_NONE));
        assert_true(shown_exact(app, tr_in(langs[l], "over capacity"))); /* the legend's keys */
        assert_true(shown_exact(app, tr_in(langs[l], "backed up")));
        assert_true(sel_node_by_id(app, "service"));
        app_frame(app);
        assert_true(shown_exact(app, pct)); /* the inspector's predicted utilisation */
        app_destroy(app);
    }
}

/* Long lines wrap where they used to be cut, in every language at 1024 px: the Scenario
 * panel's requirement and event lines ("errors <= 0.5%, launch surge includ…") and its
 * note under the limits ("Залиште межу порожньою, якщо її…"); the names in the
 * shortcuts help ("Копировать / Вырезать / Вставить"); the Compare tab's choice ("схема
 * последнего запуска"). What the Scenario panel still shortens is only a text box's value
 * or its last note's fifth line. */
/* Whether the last frame shortened `text` with an ellipsis in the part of the window from
 * x0 to x1 (it prints it when so). */
static bool cut_between(const App *app, const char *text, float x0, float x1)
{
    for (int a = 0; a < app->ui.n_audit; a++) {
        const struct UiAudit *it = &app->ui.audit_items[a];
        if (it->kind == UI_AUDIT_CUT && it->rc.x >= x0 && it->rc.x < x1 && strcmp(it->text, text) == 0) {
            printf("  %s: \"%s\" is cut\n", app->lang, text);
            return true;
        }
    }
    return false;
}

/* Whether the last frame shortened a part of `whole`: a line of it, or all of it (a
 * note's tooltip holds the whole); printed when it did. */
static bool part_cut(const App *app, const char *whole)
{
    for (int a = 0; a < app->ui.n_audit; a++) {
        const struct UiAudit *it = &app->ui.audit_items[a];
        char head[40];
        snprintf(head, sizeof head, "%.30s", it->text);
        if (it->kind == UI_AUDIT_CUT && strstr(whole, head)) {
            printf("  %s: \"%s\" is cut\n", app->lang, it->text);
            return true;
        }
    }
    return false;
}

/* Whether the last frame shortened any requirement's line in x0..x1. */
static bool a_requirement_cut(const App *app, float x0, float x1)
{
    bool cut = false;
    for (int k = 0; k < app->model->scenario.n_requirements; k++) {
        char *d = requirement_describe_in(app->model, k, app->lang);
        cut |= cut_between(app, d, x0, x1);
        free(d);
    }
    return cut;
}

/* The toolbar's run settings and the drawer's line about the run shown give way to
 * shorter forms (the seed first, then the run's time) instead of being cut: "2 с ·
 * see…", "60 s simulated …" at 1366 px in English. So does the status bar's left part
 * (the zoom, then the counts) for the run's message ("Запуск завершено: … змодельовано
 * за 353 …" at 1024 px). */
static void the_run_lines_give_way_instead_of_being_cut(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    static const int widths[] = {1024, 1366};
    for (int l = 0; l < 3; l++)
        for (int w = 0; w < 2; w++) {
            App *app = open_app(langs[l], widths[w], ARCHSIM_SOURCE_DIR "/scenarios/kafka-partitions.json");
            run_briefly(app);
            app_test_log_texts(app, true);
            gui_test_tab(app, TAB_REQUESTS);
            int cut = 0;
            for (int a = 0; a < app->ui.n_audit; a++) {
                const struct UiAudit *it = &app->ui.audit_items[a];
                if (it->kind == UI_AUDIT_CUT && (strstr(it->text, "seed") || strcmp(it->text, app->msg) == 0)) {
                    printf("  %s %d: \"%s\" is cut\n", langs[l], widths[w], it->text);
                    cut++;
                }
            }
            assert_int_equal(cut, 0);
            char dur[32]; /* the duration is still said, in the toolbar at least */
            snprintf(dur, sizeof dur, tr_in(langs[l], "%s s"), "2");
            assert_true(shown_part(app, dur));
            app_destroy(app);
        }
}

/* A request type's line in the Scenario panel, beside its rate: too long for its room
 * ("upload_photo · запис" at 1024 px), it takes two lines, the rate field centred
 * beside them, instead of being cut. */
static void a_request_types_line_takes_two_lines_beside_its_rate(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    static const char *const presets[] = {"instagram-feed.json", "kafka-partitions.json", "flash-sale.json"};
    for (int l = 0; l < 3; l++)
        for (int f = 0; f < 3; f++) {
            char path[512];
            snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, presets[f]);
            App *app = open_app(langs[l], 1024, path);
            app_frame(app);
            app_frame(app);
            for (int k = 0; k < app->model->scenario.n_requests; k++) {
                const RequestType *r = &app->model->scenario.requests[k];
                char line[200];
                snprintf(line, sizeof line, "%s%s", r->name, panel_write_tag(r));
                assert_false(cut_between(app, line, app->inspector_rc.x, 1e9f));
            }
            app_destroy(app);
        }
}

/* A closed-loop type's unit after its number is whole ("польз." was cut to "по…"), and
 * so is its rate's beside it, at 1024 and 1440 px. */
static void a_request_types_unit_is_whole(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    const char *path = gui_test_file("closed-loop.json");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"requests\": ["
          "{\"name\": \"browse\", \"users\": 500}, {\"name\": \"feed\", \"rate_rps\": 300}]},"
          "\"nodes\": [{\"id\": \"users\", \"kind\": \"client\"}, {\"id\": \"api\", \"kind\": \"service\"}],"
          "\"edges\": [{\"from\": \"users\", \"to\": \"api\"}]}",
          f);
    fclose(f);
    for (int l = 0; l < 3; l++)
        for (int w = 1024; w <= 1440; w += 416) {
            App *app = open_app(langs[l], w, path);
            app_frame(app);
            app_frame(app);
            assert_false(cut_between(app, tr_in(langs[l], panel_short_unit("users", NULL)), app->inspector_rc.x, 1e9f));
            assert_false(cut_between(app, tr_in(langs[l], panel_short_unit("rps", NULL)), app->inspector_rc.x, 1e9f));
            assert_true(shown_exact(app, tr_in(langs[l], panel_short_unit("users", NULL))));
            app_destroy(app);
        }
    remove(path);
}

/* Is `text` drawn in the toolbar (a button's label, not its tooltip)? */
static bool in_toolbar(const App *app, const char *text)
{
    Rect at;
    const char *t;
    for (int i = 0; (t = app_test_drawn_text_at(app, i, &at)); i++)
        if (strcmp(t, text) == 0 && at.y < app->toolbar_rc.y + app->toolbar_rc.h) return true;
    return false;
}

/* Fails on a text the last frame cut in the toolbar but `may_cut` (NULL: none); whether
 * that one was cut. */
static bool toolbar_cut_but(const App *app, const char *lang, int width, const char *may_cut)
{
    bool cut = false;
    for (int a = 0; a < app->ui.n_audit; a++) {
        const struct UiAudit *it = &app->ui.audit_items[a];
        if (it->kind != UI_AUDIT_CUT || it->rc.y >= app->toolbar_rc.y + app->toolbar_rc.h) continue;
        if (may_cut && strcmp(it->text, may_cut) == 0)
            cut = true;
        else
            fail_msg("%s %d: \"%s\" is cut in the toolbar", lang, width, it->text);
    }
    return cut;
}

/* Fails on a text the last frame cut in the toolbar. */
static void toolbar_whole(const App *app, const char *lang, int width) { (void)toolbar_cut_but(app, lang, width, NULL); }

/* The file buttons keep their labels where the bar has room for them beside the title
 * whole; short of it, Undo and Redo become icons first, then Save As, then Export, then
 * New, Open and Save (each with its label in a tooltip), these three only for a title of
 * up to 230 px: a longer one is cut where it cannot be whole beside them (Russian's
 * read-scaling exercise at 1440 px). English at 1280 px had every button an icon with 300
 * px of title box to spare; Russian at 1440 px had every button an icon when Save As and
 * Export alone gave the room. */
static void the_file_buttons_keep_their_labels_where_the_bar_has_room(void **state)
{
    (void)state;
    static const char *const names[] = {"New", "Open", "Save", "Save As", "Export", "Undo", "Redo"};
    static const struct {
        const char *lang;
        int width;
        const char *file;
        const char *labelled; /* a letter per button of names[], 'L' labelled, 'i' an icon */
        bool title_cut;
    } cases[] = {
        {"en", 1024, "url-shortener.json", "iiiiiii", false}, {"en", 1280, "scale-api.json", "LLLLLii", false},
        {"en", 1280, "url-shortener.json", "LLLLLLL", false}, {"en", 1440, "scale-api.json", "LLLLLLL", false},
        {"ru", 1440, "url-shortener.json", "LLLiLii", false}, {"ru", 1600, "url-shortener.json", "LLLLLii", false},
        {"uk", 1440, "url-shortener.json", "LLLiLii", false}, {"uk", 1600, "url-shortener.json", "LLLLLLL", false},
        {"ru", 1280, "url-shortener.json", "iiiiiii", false}, {"ru", 1440, "db-read-scaling.json", "LLLiiii", true},
        {"ru", 1600, "db-read-scaling.json", "LLLiLii", false}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, cases[k].file);
        App *app = open_app(cases[k].lang, cases[k].width, path);
        app_test_log_texts(app, true);
        app_frame(app);
        app_frame(app);
        const char *l = cases[k].lang;
        char got[8] = "";
        for (int b = 0; b < 7; b++) got[b] = in_toolbar(app, tr_in(l, names[b])) ? 'L' : 'i';
        printf("    %s %d %s: %s (New Open Save Save-As Export Undo Redo; L labelled, i an icon)\n", l,
               cases[k].width, cases[k].file, got);
        assert_string_equal(got, cases[k].labelled);
        const char *title = scenario_title_in(app->model, l);
        assert_true(toolbar_cut_but(app, l, cases[k].width, title) == cases[k].title_cut);
        if (!cases[k].title_cut) assert_true(shown_part(app, title));
        app_destroy(app);
    }
}

/* The toolbar's scenario box in Russian: at 1600 px as wide as "Сценарий: Масштабирование
 * чтения из базы данных" needs (it was cut at 320), at 1024 px the title alone before it
 * is cut; New's list of exercises is as wide as its longest title. */
static void the_scenario_box_and_new_keep_titles_whole(void **state)
{
    (void)state;
    /* and in English after a run, when Record joins the bar ("Scaling a single…" at
     * 1280 and 1440 px) */
    static const struct { const char *lang; int width; const char *file; } cases[] = {
        {"ru", 1024, "db-read-scaling.json"}, {"ru", 1600, "db-read-scaling.json"},
        {"en", 1280, "scale-api.json"},       {"en", 1440, "scale-api.json"}};
    for (int w = 0; w < 4; w++) {
        char path[512];
        snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, cases[w].file);
        const int widths[] = {cases[w].width};
        App *app = open_app(cases[w].lang, widths[0], path);
        run_briefly(app); /* the run's lines take their room */
        app_test_log_texts(app, true);
        app_frame(app);
        app_frame(app);
        toolbar_whole(app, cases[w].lang, widths[0]);
        const char *title = scenario_title_in(app->model, cases[w].lang);
        assert_non_null(title);
        assert_true(shown_part(app, title));
        app->modal = MODAL_NEW;
        app_frame(app);
        app_frame(app);
        for (int i = 0; i < app->n_scen; i++) {
            const char *t = scenario_title_in(app->scen_models[i], cases[w].lang);
            assert_false(cut_between(app, t ? t : app->scen_titles[i], 0, 1e9f));
        }
        app->modal = MODAL_NONE;
        app_destroy(app);
    }
}

/* The Charts tab at 1024 px: a title too long for its narrow chart takes two lines
 * ("throughput over time (requests/s)", "выполнено, запросо…" were cut). */
static void the_charts_titles_take_two_lines(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1024, ARCHSIM_SOURCE_DIR "/scenarios/kafka-partitions.json");
        run_briefly(app);
        gui_test_tab(app, TAB_CHARTS);
        assert_false(part_cut(app, tr_in(langs[l], "p99 latency over time (ms)")));
        assert_false(part_cut(app, tr_in(langs[l], "throughput over time (requests/s)")));
        app_destroy(app);
    }
}

/* The Nodes and Requests tabs at 1024 px: their columns give way down to their widest
 * figure, never below it ("< 0.0…" and "0.05 …" in the Nodes tab's wait column); the names
 * give way instead, with a tooltip. */
static void a_tables_figures_are_never_cut(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    static const char *const files[] = {"/scenarios/chat-websocket.json", "/tests/data/gui/every_error.json"};
    for (int l = 0; l < 3; l++)
        for (int f = 0; f < 2; f++) {
            char path[512];
            snprintf(path, sizeof path, "%s%s", ARCHSIM_SOURCE_DIR, files[f]);
            App *app = open_app(langs[l], 1024, path);
            run_briefly(app);
            for (int tab = 0; tab < 2; tab++) {
                gui_test_tab(app, tab ? TAB_NODES : TAB_REQUESTS);
                for (int a = 0; a < app->ui.n_audit; a++) {
                    const struct UiAudit *it = &app->ui.audit_items[a];
                    bool figure = isdigit((unsigned char)it->text[0]) || it->text[0] == '<';
                    if (it->kind == UI_AUDIT_CUT && figure && it->rc.y > app->canvas_rc.y + app->canvas_rc.h)
                        fail_msg("%s %s: a figure is cut: \"%s\"", langs[l], files[f], it->text);
                }
            }
            app_destroy(app);
        }
}

/* The exercise browser at 1024 px: a title too long for one line of the list takes two,
 * and the subtitle under the heading wraps, in every language (they were cut:
 * "Распродажа: всплеск в 5 раз и автома…"). The list is scrolled through. */
static void the_exercise_list_is_read_whole(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1024, NULL);
        browser_open(app);
        app_frame(app);
        int cut = 0, seen = 0;
        for (float scroll = 0; scroll < 3000; scroll += 150) {
            app->browser_list_scroll = scroll;
            app_frame(app);
            for (int i = 0; i < app->n_scen; i++) {
                const char *t = scenario_title_in(app->scen_models[i], strcmp(langs[l], "en") ? langs[l] : NULL);
                cut += part_cut(app, t ? t : app->scen_titles[i]);
            }
            for (int i = 0; i < app->n_scen; i++) { /* each title's first words drawn at some scroll */
                const char *t = scenario_title_in(app->scen_models[i], strcmp(langs[l], "en") ? langs[l] : NULL);
                char head[12];
                snprintf(head, sizeof head, "%s", t ? t : app->scen_titles[i]);
                seen += app_test_text_drawn(app, head);
            }
        }
        assert_int_equal(cut, 0);
        assert_true(seen >= app->n_scen); /* the scrolling went through the whole list */
        assert_false(cut_between(app,
                                 tr_in(langs[l], "Pick an exercise, read the prompt as the interviewer would say it, and "
                                                 "start from its starter design."),
                                 0, 1e9f));
        app->modal = MODAL_NONE;
        app_destroy(app);
    }
}

static void long_lines_wrap_instead_of_being_cut(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1024, ARCHSIM_SOURCE_DIR "/scenarios/scale-api.json");
        app->scen_open[1] = 2; /* the third requirement open: its limits and the note under them */
        app_frame(app);
        app_frame(app);
        float ins = app->inspector_rc.x;
        assert_false(a_requirement_cut(app, ins, 1e9f));
        assert_false(cut_between(app, tr_in(langs[l], "Leave a limit empty for none."), ins, 1e9f));
        for (int k = 0; k < app->model->scenario.n_events; k++) { /* "label — what happens" */
            char line[520], what[400];
            scenario_event_line(app->model, &app->model->scenario.events[k], true, what, sizeof what);
            const char *label = scenario_event_label_in(&app->model->scenario, k, app->lang);
            if (label) snprintf(line, sizeof line, "%.100s \xE2\x80\x94 %s", label, what);
            else snprintf(line, sizeof line, "%s", what);
            assert_false(cut_between(app, line, ins, 1e9f));
        }
        app->modal = MODAL_HELP;
        app_frame(app);
        assert_false(cut_between(app, tr_in(langs[l], "Copy / Cut / Paste"), 0, 1e9f));
        app->modal = MODAL_NONE;
        drawer_show(app, TAB_COMPARE);
        app_frame(app);
        app_frame(app);
        assert_false(cut_between(app, tr_in(langs[l], "the design of the last run"), 0, 1e9f));
        app_destroy(app);
        /* the Requirements tab: a description longer than its column takes two lines */
        App *tw = open_app(langs[l], 1024, ARCHSIM_SOURCE_DIR "/scenarios/twitter-timeline.json");
        drawer_show(tw, TAB_GRADE);
        tw->drawer_h = 400;
        app_frame(tw);
        app_frame(tw);
        assert_false(a_requirement_cut(tw, 0, tw->inspector_rc.x));
        app_destroy(tw);
        /* a request type's line beside its rate: "place_order · write" was cut at 1366 px */
        App *ms = open_app(langs[l], 1366, ARCHSIM_SOURCE_DIR "/scenarios/microservices-kafka.json");
        ms->scen_open[0] = 1; /* open: its line in bold */
        app_frame(ms);
        for (int k = 0; k < ms->model->scenario.n_requests; k++) {
            const RequestType *r = &ms->model->scenario.requests[k];
            char line[160];
            snprintf(line, sizeof line, "%s%s", r->name, panel_write_tag(r));
            assert_false(cut_between(ms, line, 0, 1e9f));
        }
        app_destroy(ms);
    }
}

/* After a run at 1024 px the legend keeps its Animate box whole in every language (it was
 * cut in half in Ukrainian): the swatches' heading gives way first. */
static void the_legends_animate_box_is_whole(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1024, ARCHSIM_SOURCE_DIR "/scenarios/twitter-timeline.json");
        run_briefly(app);
        app_frame(app);
        Rect box;
        assert_true(ui_widget_rect(&app->ui, ui_id("lg-animate"), &box));
        const char *animate = tr_in(langs[l], "Animate");
        for (int a = 0; a < app->ui.n_audit; a++) {
            bool cut = strcmp(app->ui.audit_items[a].text, animate) == 0;
            if (cut) printf("  %s: \"%s\" is cut\n", langs[l], animate);
            assert_false(cut);
        }
        assert_true(box.x + box.w <= app->canvas_rc.x + app->canvas_rc.w - 168); /* left of the zoom box */
        app_destroy(app);
    }
}

/* Every word of the inspector is read whole in every language, for every node and edge
 * of the presets that have every kind, field and choice between them: units ("conns" was
 * "co…", "сообщений" "со…"), choices ("логнормальное" "логнор…", "none: discard them", now "none (drop them)"),
 * field labels (a long one takes two lines: "Переключение че…", "Workers / instan…"),
 * the titles (an edge's breaks after its arrow: "Django (gunicorn) → Pos…"), the
 * predicted figures' names ("Средняя задер…") and the table of request types
 * ("payment_event" and "100 вызов…" were cut). Only a text box's value may be longer than
 * its box (clicking into it shows it all). A tall window, so every row is drawn. */
static void the_inspectors_words_are_read_whole(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    static const char *const presets[] = {"kafka-partitions.json", "midsize-webapp.json", "zone-failure.json",
                                          "flash-sale.json", "db-read-scaling.json", "twitter-timeline.json",
                                          "cache-restart.json"};
    int cut = 0, seen = 0;
    for (int l = 0; l < 3; l++)
        for (size_t f = 0; f < sizeof presets / sizeof presets[0]; f++) {
            char path[512];
            snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, presets[f]);
            App *app = open_app_tall(langs[l], 1440, 2400, path);
            int n_nodes = app->model->n_nodes, n_edges = app->model->n_edges;
            for (int i = 0; i < n_nodes + n_edges; i++) {
                sel_clear(app);
                if (i < n_nodes) {
                    assert_true(sel_node_by_id(app, app->model->nodes[i].id));
                } else {
                    app->sel_edge[i - n_nodes] = 1;
                    sel_sync(app);
                }
                app_frame(app);
                app_frame(app);
                for (int a = 0; a < app->ui.n_audit; a++) {
                    const struct UiAudit *it = &app->ui.audit_items[a];
                    if (it->kind != UI_AUDIT_CUT || it->rc.x < app->inspector_rc.x) continue;
                    printf("  %s %s %s %d: \"%s\" is cut to %.0f px\n", langs[l], presets[f],
                           i < n_nodes ? "node" : "edge", i < n_nodes ? i : i - n_nodes, it->text, it->rc.w);
                    cut++;
                }
                seen++;
            }
            app_destroy(app);
        }
    assert_true(seen > 100);
    assert_int_equal(cut, 0);
}

/* The texts of the last frame drawn over the palette or the inspector (their whole box,
 * the part inside the clip), one "text@x,y" a line. */
static char *texts_beside_the_drawer(App *app)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "");
    Rect t, pal = app->palette_rc, ins = app->inspector_rc;
    for (int i = 0; app_test_drawn_text_at(app, i, &t); i++)
        if (t.x < pal.x + pal.w || t.x + t.w > ins.x + 1)
            sb_printf(&b, "%s@%.0f,%.0f\n", app_test_drawn_text(app, i), t.x, t.y);
    return sb_take(&b);
}

/* Every drawer tab keeps its texts inside the drawer at 1024 px, in every language: the
 * Requests table's errors and requirement figures, and the Nodes table's headings, were
 * drawn over the inspector; the Trace tab's key over its picker. What a tab draws over
 * the palette or the inspector is what they draw with the drawer closed, nothing more. */
static void the_drawer_keeps_its_texts_inside(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    static const char *const presets[] = {"kafka-partitions.json", "twitter-timeline.json", "failure-drill.json"};
    int spills = 0;
    for (int l = 0; l < 3; l++)
        for (int f = 0; f < 3; f++) {
            char path[512];
            snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, presets[f]);
            App *app = open_app(langs[l], 1024, path);
            run_briefly(app);
            run_briefly(app); /* a previous run: its column too */
            app_test_log_texts(app, true);
            app->drawer_h = 0;
            app_frame(app);
            app_frame(app);
            char *alone = texts_beside_the_drawer(app);
            for (int tab = 0; tab < TAB_COUNT; tab++) {
                drawer_show(app, (DrawerTab)tab);
                app_frame(app);
                app_frame(app);
                assert_true(app->drawer_h > 0);
                char *now = texts_beside_the_drawer(app);
                for (char *line = strtok(now, "\n"); line; line = strtok(NULL, "\n")) {
                    char key[600];
                    snprintf(key, sizeof key, "%s\n", line);
                    if (strstr(alone, key)) continue;
                    printf("  %s %s tab %d: \"%s\" drawn beside the drawer\n", langs[l], presets[f], tab, line);
                    spills++;
                }
                free(now);
            }
            free(alone);
            app_destroy(app);
        }
    assert_int_equal(spills, 0);
}

/* Is `text` drawn whole (not shortened, not clipped) in the last frame? */
static bool drawn_whole(App *app, const char *text)
{
    Rect t;
    for (int i = 0; app_test_drawn_text_at(app, i, &t); i++)
        if (strcmp(app_test_drawn_text(app, i), text) == 0 &&
            t.w + 1 >= render_text_width(app->r, FONT_BOLD, theme.small_font, text))
            return true;
    return false;
}

/* A table wider than its tab scrolls sideways: the Nodes table in Russian at 1024 px
 * shows its last column after Shift+wheel over it, and back. */
static void a_wide_table_scrolls_sideways(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/kafka-partitions.json", ARCHSIM_SOURCE_DIR);
    App *app = open_app("ru", 1024, path);
    run_briefly(app);
    drawer_show(app, TAB_NODES);
    app_test_log_texts(app, true);
    app_frame(app);
    const char *last = tr_in("ru", "dropped");
    assert_false(drawn_whole(app, last));
    Rect c = app->canvas_rc;
    float mx = c.x + c.w / 2, my = c.y + c.h + 100; /* over the table */
    app_test_key_down(app, SDLK_LSHIFT, KMOD_LSHIFT);
    for (int k = 0; k < 5; k++) app_test_wheel(app, mx, my, -1);
    app_frame(app);
    assert_true(app->drawer_scroll_x > 0);
    assert_true(drawn_whole(app, last));
    for (int k = 0; k < 5; k++) app_test_wheel(app, mx, my, 1);
    app_test_key_up(app, SDLK_LSHIFT, 0);
    app_frame(app);
    assert_true(app->drawer_scroll_x == 0);
    assert_false(drawn_whole(app, last));
    app_destroy(app);
}

/* The run settings read a number as the screen writes it: in Russian the warm-up shows
 * as "0,5", and OK took it for an error ("Warm-up: a number of seconds from 0 to 10M");
 * the labels are read whole ("Длительность (с, измер…" was cut). */
static void the_run_settings_take_what_they_show(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/scenarios/url-shortener.json", ARCHSIM_SOURCE_DIR);
    static const char *const langs[] = {"ru", "uk", "en"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1024, path);
        app->model->scenario.warmup_s = 0.5;
        app->version++;
        run_settings_open(app);
        app_frame(app);
        app_frame(app);
        assert_string_equal(app->rs_text[1], l < 2 ? "0,5" : "0.5");
        for (int i = 0; i < app->ui.n_audit; i++)
            if (app->ui.audit_items[i].kind == UI_AUDIT_CUT)
                assert_null(strstr(app->ui.audit_items[i].text, tr_in(langs[l], "Duration (s, measured)")));
        app_test_key(app, SDLK_RETURN, 0); /* OK, nothing changed */
        assert_string_equal(app->rs_error, "");
        assert_int_equal(app->modal, MODAL_NONE);
        assert_true(app->model->scenario.warmup_s == 0.5);
        run_settings_open(app);
        snprintf(app->rs_text[1], sizeof app->rs_text[1], "%s", "1,5");
        app_test_key(app, SDLK_RETURN, 0);
        assert_string_equal(app->rs_error, "");
        assert_true(app->model->scenario.warmup_s == 1.5);
        app_destroy(app);
    }
}

/* A node's label is translated in the app: on a Russian screen RU over its Label field
 * writes the label in Russian (scenario.translations.ru.labels), the empty field showing
 * the English to translate; the board shows it, the English stays, one undo takes it
 * back. (Renaming only ever edited the text shown: an untranslated label was renamed.) */
/* The English words an edit's name could leak (a status line or an undo step named in
 * English on a Russian screen: "Paste 1 узел"). */
static bool names_an_edit_in_english(const char *msg)
{
    static const char *const words[] = {"Paste", "Duplicate", "Place", "Connect", "Delete", "Nudge", "Move",
                                        "Rename", "Change", "Copied", "Undid", "Redid", "node", "edge"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (strstr(msg, words[k])) return true;
    return false;
}

/* Every edit says what it did in the language on screen, when made and when undone and
 * redone (paste and duplicate were named in English). */
static void every_edit_is_named_in_the_language_on_screen(void **state)
{
    (void)state;
    const char *langs[] = {"ru", "uk"};
    for (int l = 0; l < 2; l++) {
        App *app = open_app(langs[l], 1440, ARCHSIM_SOURCE_DIR "/tests/data/gui/sample.json");
        int steps = 0;
        int placed = edit_place_node(app, NODE_SERVICE, 40, 600);
        app_frame(app);
        assert_true(placed >= 0);
        assert_false(names_an_edit_in_english(app->msg));
        steps++;
        assert_true(edit_connect(app, model_find_node(app->model, "web"), placed));
        assert_false(names_an_edit_in_english(app->msg));
        steps++;
        assert_true(sel_node_by_id(app, "web"));
        app_test_key(app, SDLK_c, KMOD_CTRL);
        assert_false(names_an_edit_in_english(app->msg));
        app_test_key(app, SDLK_v, KMOD_CTRL);
        assert_false(names_an_edit_in_english(app->msg));
        steps++;
        app_test_key(app, SDLK_d, KMOD_CTRL);
        assert_false(names_an_edit_in_english(app->msg));
        steps++;
        app_test_key(app, SDLK_RIGHT, 0);
        assert_false(names_an_edit_in_english(app->msg));
        steps++;
        app_test_key(app, SDLK_DELETE, 0);
        assert_false(names_an_edit_in_english(app->msg));
        steps++;
        for (int k = 0; k < steps; k++) {
            app_test_key(app, SDLK_z, KMOD_CTRL);
            assert_false(names_an_edit_in_english(app->msg));
        }
        for (int k = 0; k < steps; k++) {
            app_test_key(app, SDLK_y, KMOD_CTRL);
            assert_false(names_an_edit_in_english(app->msg));
        }
        app_destroy(app);
    }
}

/* The inspector's PREDICTED vs MEASURED: with scenario events the two columns measure
 * different loads and a line says so; an over-capacity node's predicted queue reads in
 * the language on screen, and it is full: its queue_max (it read "grows", though every
 * queue is bounded), and its rate says what it serves of what arrives. */
static void the_inspectors_prediction_says_what_it_leaves_out(void **state)
{
    (void)state;
    const char *note = "Predicted: the steady load, without the scenario's events; measured: the whole run, events included.";
    for (int ev = 0; ev < 2; ev++) {
        App *app = open_app_tall("ru", 1440, 900, ev ? ARCHSIM_SOURCE_DIR "/scenarios/scale-api.json"
                                                    : ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
        app_test_log_texts(app, true);
        assert_int_equal(app->model->scenario.n_events > 0, ev);
        run_briefly(app);
        assert_true(sel_node_by_id(app, "api"));
        app_frame(app);
        app_frame(app);
        assert_int_equal(shown_part(app, tr_in("ru", "measured")), true);
        char first[80]; /* the note's first words: it wraps */
        snprintf(first, sizeof first, "%.24s", tr_in("ru", note));
        assert_int_equal(shown_part(app, first), ev);
        app_destroy(app);
    }
    App *app = open_app_tall("ru", 1440, 900, ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
    app_test_log_texts(app, true);
    int api = model_find_node(app->model, "api");
    app->model->nodes[api].instances = 1; /* far over capacity: its queue fills */
    app->model->nodes[api].workers = 1;
    app->version++;
    app->sem_version++; /* the estimate again */
    assert_true(sel_node_by_id(app, "api"));
    app_frame(app);
    app_frame(app);
    const NodeEstimate *over = &app->est.nodes[api];
    assert_true(over->over_capacity && over->served_rps < over->arrival_rps / 2);
    char q[NUMFMT_CAP], want[96], s1[NUMFMT_CAP], s2[NUMFMT_CAP];
    snprintf(want, sizeof want, tr_in("ru", "%s, full"), numfmt_count(app->model->nodes[api].queue_max, q, sizeof q));
    assert_true(shown_exact(app, want));
    assert_false(shown_exact(app, tr_in("ru", "grows")));
    snprintf(want, sizeof want, tr_in("ru", "%s of %s"), numfmt_count(over->served_rps, s1, sizeof s1),
             numfmt_count(over->arrival_rps, s2, sizeof s2));
    assert_true(shown_exact(app, want));
    /* the wait of the requests it keeps in its full queue, where it read "saturated" */
    assert_true(isfinite(over->full_wait_ms));
    assert_true(shown_exact(app, numfmt_ms_in(over->full_wait_ms, "ru", want, sizeof want)));
    app_destroy(app);
    /* a full queue: its predicted mean queue is the queue_max, said so, beside the run's
     * (20,000 closed-loop users at 16 slots with a queue of 10,000: it read 18.7k, past
     * the queue_max in the field below it) */
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        app = open_app_tall(langs[l], 1440, 900, ARCHSIM_SOURCE_DIR "/tests/data/theory/closed-full-queue.json");
        app_test_log_texts(app, true);
        assert_true(sel_node_by_id(app, "server"));
        app_frame(app);
        app_frame(app);
        char full[64];
        snprintf(full, sizeof full, tr_in(langs[l], "%s, full"), "10k");
        assert_true(shown_exact(app, full));
        char said[400], first[64], pct[NUMFMT_CAP]; /* the note's first words: it wraps */
        const NodeEstimate *e = &app->est.nodes[model_find_node(app->model, "server")];
        snprintf(said, sizeof said,
                 tr_in(langs[l], "Near capacity (%s), and its queue of %s is full: the requests past it are rejected, "
                                 "and those it keeps wait about %s."),
                 numfmt_percent(e->utilisation, pct, sizeof pct), "", "");
        snprintf(first, sizeof first, "%.18s", said);
        assert_true(shown_part(app, first));
        /* the Scenario panel: what the users send beside what is answered, as a run's
         * client badge counts it; the client's predicted badge the same */
        sel_clear(app);
        app->scen_open[SCEN_REQUESTS] = 0;
        app_frame(app);
        app_frame(app);
        char rate[NUMFMT_CAP];
        snprintf(said, sizeof said,
                 tr_in(langs[l], "predicted: %s rps end to end, mean latency %s; the users send about %s rps, the rest "
                                 "rejected at a full queue"),
                 numfmt_count(app->est.request_rate_rps[0], rate, sizeof rate), "", "");
        snprintf(first, sizeof first, "%.18s", said); /* its first line's start */
        assert_true(shown_part(app, first));
        /* ...and its end, whole (a Russian line was cut at 160 bytes: "шлют около 9,98k rps, о") */
        const char *last = strrchr(said, ' ');
        assert_true(last && shown_part(app, last + 1));
        char lat[NUMFMT_CAP]; /* its latency in the language's units ("9,39 s" on a Russian screen) */
        numfmt_ms_in(app->est.request_latency_ms[0], langs[l], lat, sizeof lat);
        const char *unit = strrchr(lat, ' ');
        assert_true(unit && shown_part(app, unit));
        assert_true(app->est.request_offered_rps[0] > 7 * app->est.request_rate_rps[0]); /* 9,984 of 1,280 */
        int src = model_find_node(app->model, "src");
        assert_true(fabs(app->view.nodes[src].rate_rps - app->est.request_offered_rps[0]) < 1e-6);
        app_destroy(app);
    }
}

/* A design over capacity: the Scenario panel's line for its request type said "1.5k rps end
 * to end, mean latency unbounded" beside a run's 1,000 answered in 10 s; it says what is
 * answered and how fast once the queue is full, whole, in each language. */
static void an_overloaded_types_line_says_what_is_answered(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app_tall(langs[l], 1440, 900, ARCHSIM_SOURCE_DIR "/tests/data/theory/over-capacity-chain.json");
        app_test_log_texts(app, true);
        assert_true(!isfinite(app->est.request_latency_ms[0]));
        assert_true(fabs(app->est.request_answered_rps[0] - 1000) < 0.1); /* settled to 1e-5 */
        assert_true(fabs(app->est.request_kept_latency_ms[0] - 10012.5) < 0.1); /* 10 s + 8 ms + db's 4.5 */
        app->scen_open[SCEN_REQUESTS] = 0;
        app_frame(app);
        app_frame(app);
        char said[400], first[64], ans[NUMFMT_CAP], rate[NUMFMT_CAP], lat[NUMFMT_CAP];
        snprintf(said, sizeof said,
                 tr_in(langs[l], "predicted: about %s of %s rps answered, mean latency %s once the queues are full; "
                                 "the rest turned away (a node on its path is over capacity)"),
                 numfmt_count(1000, ans, sizeof ans), numfmt_count(1500, rate, sizeof rate),
                 numfmt_ms_in(app->est.request_kept_latency_ms[0], langs[l], lat, sizeof lat));
        snprintf(first, sizeof first, "%.30s", said); /* its first line's start */
        assert_true(shown_part(app, first));
        const char *last = strrchr(said, ' '); /* ...and its end, whole */
        assert_true(last && shown_part(app, last + 1));
        assert_false(shown_part(app, tr_in(langs[l], "unbounded (a node on its path is over capacity)")));
        app_destroy(app);
    }
    /* a node backed up by the database it calls, in flight up to 4 x 1,000: its own queue
     * fills (it read a wait of 0.005 ms beside a run's 998 ms), and the database's holds
     * what it has in flight (it read "grows" beside a run's 3.97k) */
    App *app = open_app_tall("en", 1440, 900, ARCHSIM_SOURCE_DIR "/scenarios/starters/url-shortener.json");
    app_test_log_texts(app, true);
    int api = model_find_node(app->model, "api"), db = model_find_node(app->model, "db");
    const NodeEstimate *ea = &app->est.nodes[api], *ed = &app->est.nodes[db];
    assert_true(ea->backed_up_by == db && isfinite(ea->full_wait_ms));
    assert_true(fabs(ea->full_queue - 10000) < 1e-6 && fabs(ed->full_queue - 3980) < 1e-6);
    char want[64], q[NUMFMT_CAP];
    assert_true(sel_node_by_id(app, "api"));
    app_frame(app);
    app_frame(app);
    snprintf(want, sizeof want, "%s, full", numfmt_count(ea->full_queue, q, sizeof q));
    assert_true(shown_exact(app, want));
    assert_true(shown_exact(app, numfmt_ms_in(ea->full_wait_ms, "en", want, sizeof want)));
    assert_true(sel_node_by_id(app, "db"));
    app_frame(app);
    app_frame(app);
    snprintf(want, sizeof want, "%s, full", numfmt_count(ed->full_queue, q, sizeof q));
    assert_true(shown_exact(app, want));
    app_destroy(app);
}

/* Select node `id` and check that its note shows whole in the inspector: its last word
 * drawn, nothing of it cut short. */
static void note_shown_whole(App *app, const char *id, const char *note)
{
    app_test_log_texts(app, true);
    assert_true(sel_node_by_id(app, id));
    app_frame(app);
    app_frame(app);
    const char *tail = strrchr(note, ' '); /* the note's end */
    assert_true(tail && shown_part(app, tail + 1));
    assert_false(part_cut(app, note));
}

/* A blocking api whose threads are held waiting on a database at 95%: the inspector says
 * that its wait is the database's queue spilling over, that more threads would only move
 * it back there, and that its pings, which never call the database, wait behind it, whole,
 * in each language at 1024 px (it said nothing: the api at 68% showed a wait of 5.9 ms out
 * of nowhere; with 20 threads it said the api was over capacity, where a run answers
 * every request). */
static void a_wait_spilled_from_below_is_said_where_it_comes_from(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/tests/data/theory/threads-hold-the-queue-ping.json");
        int api = model_find_node(app->model, "api"), db = model_find_node(app->model, "db");
        assert_true(api >= 0 && db >= 0 && app->est_valid);
        const NodeEstimate *e = &app->est.nodes[api];
        assert_int_equal(e->held_at, db);
        assert_true(estimate_wait_held_below(e) && !e->over_capacity && !e->near_capacity);
        char note[800], ms[NUMFMT_CAP];
        assert_int_equal(overlay_capacity_note(app, api, false, note, sizeof note), NOTE_NEAR);
        assert_non_null(strstr(note, "db"));
        assert_non_null(strstr(note, numfmt_ms_in(e->overflow_wait_ms, langs[l], ms, sizeof ms)));
        assert_true(e->blocked_rps == 200); /* the pings wait behind them: said */
        assert_non_null(strstr(note, " 200 "));
        note_shown_whole(app, "api", note); /* 620 bytes in Ukrainian: the inspector cut it at 600 */
        app_destroy(app);
    }
}

/* The bottleneck's callout is as wide as its headline needs (up to 380 px): in Russian
 * the cache-sizing exercise's read "Узкое место: Postgr…, реплики — 100%" at 300. */
static void the_callouts_headline_is_whole(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app_tall(langs[l], 1440, 900, ARCHSIM_SOURCE_DIR "/scenarios/starters/cache-sizing.json");
        app_test_log_texts(app, true);
        run_briefly(app);
        app_frame(app);
        int pg = model_find_node(app->model, "pg");
        assert_int_equal(app->res->mean->bottleneck, pg);
        assert_true(app->callout_rc.w > 0);
        const char *lead = tr_in(langs[l], "Bottleneck: "), *head = NULL;
        for (int i = 0; app_test_drawn_text(app, i); i++)
            if (strncmp(app_test_drawn_text(app, i), lead, strlen(lead)) == 0) head = app_test_drawn_text(app, i);
        assert_non_null(head);
        assert_non_null(strstr(head, "Postgres"));
        assert_null(strstr(head, "\xE2\x80\xA6")); /* not shortened */
        app_destroy(app);
    }
}

/* A capacity note names its node up to four times, each name up to 159 bytes: with a
 * long label it runs past 600 bytes in any language. The board's tooltip cut it at 520
 * bytes and the inspector at 600 (a_wait_spilled_from_below_is_said_where_it_comes_from:
 * in Ukrainian the 620-byte note lost its last words). The tooltip shows it whole; the
 * inspector shows ten lines of it, the rest under the mouse. */
static void a_long_capacity_note_is_shown_whole(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/theory/threads-hold-the-queue-ping.json");
    int db = model_find_node(m, "db");
    free(m->nodes[db].label);
    m->nodes[db].label = xstrdup("Orders database, the primary of the us-east-1 cluster that every checkout, refund "
                                 "and stock check reads");
    const char *path = gui_test_file("long-label.json");
    DiagList d;
    diag_init(&d, path);
    assert_true(model_save_file(m, path, &d));
    diag_free(&d);
    model_destroy(m);
    App *app = open_app_tall("en", 1440, 900, path);
    int api = model_find_node(app->model, "api");
    char note[2048];
    assert_int_equal(overlay_capacity_note(app, api, false, note, sizeof note), NOTE_NEAR);
    assert_true(strlen(note) > 600);
    float drawer_h = app->drawer_h;
    app->drawer_h = 0;
    sel_clear(app);
    app_test_log_texts(app, true);
    app_test_hover_node(app, api);
    app_frame(app);
    app_frame(app);
    assert_true(shown_part(app, "stock check reads wait as long, behind")); /* wrapped: its last line */
    assert_true(shown_exact(app, "them."));
    app->drawer_h = drawer_h;
    app_destroy(app);
}

/* A queue's consumer waiting on a service that takes 800 of its 1,000 calls a second: the
 * service's note says where the rest go, the consumer's queue's backlog of 2,000, which
 * turns messages away (it said they were turned away at that queue "whose queue fills
 * first (it holds fewer requests at a time than this node's queue_max)", words for a
 * caller's queue), whole, in each language at 1024 px. */
static void the_rest_of_a_consumers_work_waits_in_its_backlog(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    static const char *const queue_words[] = {"backlog", "\xD0\xBE\xD1\x87\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB4\xD0\xB8", /* очереди */
                                              "\xD1\x87\xD0\xB5\xD1\x80\xD0\xB7\xD1\x96"}; /* черзі */
    for (int l = 0; l < 3; l++) {
        App *app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/tests/data/theory/consumer-holds-a-service.json");
        int slow = model_find_node(app->model, "slow");
        assert_true(slow >= 0 && app->est_valid);
        assert_int_equal(app->est.nodes[slow].turned_away_at, model_find_node(app->model, "q"));
        char note[800], depth[NUMFMT_CAP];
        assert_int_equal(overlay_capacity_note(app, slow, false, note, sizeof note), NOTE_OVER);
        assert_non_null(strstr(note, queue_words[l]));
        assert_non_null(strstr(note, numfmt_grouped(2000, numfmt_thousands(langs[l]), depth, sizeof depth)));
        assert_null(strstr(note, "queue_max"));
        note_shown_whole(app, "slow", note);
        app_destroy(app);
    }
}

/* Where a wait comes from bursts, in each language at 1024 px: Instagram's feed cache, 20%
 * busy, waits 0.21 ms (a run: 0.22), most of it copies of the feed workers' fan-out (94.6
 * a post, sent at once) waiting for one another; the inspector says so, with the wait and
 * its p99, whole (it showed a wait under 0.001 ms and no word of it). */
static void a_wait_in_bursts_is_said_where_it_comes_from(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/scenarios/instagram-feed.json");
        int cache = model_find_node(app->model, "feed_cache"), from = model_find_node(app->model, "feed_workers");
        assert_true(cache >= 0 && from >= 0 && app->est_valid);
        const NodeEstimate *e = &app->est.nodes[cache];
        assert_int_equal(e->burst_from, from);
        assert_true(estimate_wait_in_bursts(e) && !e->near_capacity);
        char note[800], ms[NUMFMT_CAP], who[160];
        assert_int_equal(overlay_capacity_note(app, cache, false, note, sizeof note), NOTE_NEAR);
        node_name(&app->model->nodes[from], NAMING_LABEL, who, sizeof who);
        assert_non_null(strstr(note, who));
        assert_non_null(strstr(note, numfmt_ms_in(e->burst_wait_ms, langs[l], ms, sizeof ms)));
        assert_non_null(strstr(note, numfmt_ms_in(e->wait_p99_ms, langs[l], ms, sizeof ms)));
        note_shown_whole(app, "feed_cache", note);
        app_destroy(app);
    }
}

/* Where a consumer's messages wait, in each language at 1024 px: the Kafka preset's
 * scorers take a message when a slot is free, so their own queue stays empty and the wait
 * is the topic's backlog; the scorers' predicted wait is 0 beside a run's 0 (it said 7.7
 * ms and 23.2 requests queued), the note says where the wait is, and the topic shows its
 * predicted backlog. */
static void a_consumers_wait_is_shown_in_its_queues_backlog(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/scenarios/kafka-partitions.json");
        int q = model_find_node(app->model, "events"), cons = model_find_node(app->model, "scorers");
        assert_true(q >= 0 && cons >= 0 && app->est_valid);
        const NodeEstimate *e = &app->est.nodes[cons];
        assert_true(e->wait_ms == 0 && e->backlog_at == q && e->backlog_wait_ms > 5);
        app_test_log_texts(app, true);
        assert_true(sel_node_by_id(app, "scorers"));
        app_frame(app);
        app_frame(app);
        char who[160], ms[NUMFMT_CAP];
        node_name(&app->model->nodes[q], NAMING_LABEL, who, sizeof who);
        numfmt_ms_in(e->backlog_wait_ms, langs[l], ms, sizeof ms);
        char note[600];
        snprintf(note, sizeof note,
                 tr_in(langs[l], "It takes a message when a slot is free: its messages wait in %s's backlog, about %s "
                                 "predicted, and its own queue stays empty."),
                 who, ms);
        const char *tail = strrchr(note, ' '); /* the note's end, shown whole */
        assert_true(tail && shown_part(app, tail + 1));
        assert_false(part_cut(app, note));
        assert_true(sel_node_by_id(app, "events"));
        app_frame(app);
        app_frame(app);
        char b[NUMFMT_CAP];
        assert_true(shown_exact(app, numfmt_count(app->est.nodes[q].backlog, b, sizeof b)));
        assert_true(shown_exact(app, tr_in(langs[l], "Backlog")));
        app_destroy(app);
    }
}

/* Where an over-capacity node's callers turn away what it cannot serve, in each language at
 * 1024 px: the cache-sizing starter's database names the app whose queue fills (its note
 * said the database turned the rest away), and a type whose queue node's backlog fills
 * says what is answered at once (it said all of it: "1k rps end to end"). */
static void the_queue_that_fills_is_named_and_what_is_answered_said(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/scenarios/starters/cache-sizing.json");
        int pg = model_find_node(app->model, "pg"), svc = model_find_node(app->model, "app");
        assert_true(pg >= 0 && svc >= 0 && app->est_valid);
        assert_int_equal(app->est.nodes[pg].turned_away_at, svc);
        char note[800], who[160];
        assert_int_equal(overlay_capacity_note(app, pg, false, note, sizeof note), NOTE_OVER);
        node_name(&app->model->nodes[svc], NAMING_LABEL, who, sizeof who);
        assert_non_null(strstr(note, who));
        note_shown_whole(app, "pg", note);
        app_destroy(app);

        app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/tests/data/theory/backlog-full.json");
        app_test_log_texts(app, true);
        assert_true(isfinite(app->est.request_latency_ms[0]));
        assert_true(fabs(app->est.request_answered_rps[0] - 2000.0 / 3) < 0.01);
        app->scen_open[SCEN_REQUESTS] = 0;
        app_frame(app);
        app_frame(app);
        char said[400], first[64], ans[NUMFMT_CAP], rate[NUMFMT_CAP], lat[NUMFMT_CAP];
        snprintf(said, sizeof said,
                 tr_in(langs[l], "predicted: about %s of %s rps answered, mean latency %s; the rest turned away at once (a "
                                 "rate limit, or a queue whose consumers cannot keep up)"),
                 numfmt_count(app->est.request_answered_rps[0], ans, sizeof ans), numfmt_count(1000, rate, sizeof rate),
                 numfmt_ms_in(app->est.request_latency_ms[0], langs[l], lat, sizeof lat));
        snprintf(first, sizeof first, "%.30s", said);
        assert_true(shown_part(app, first));
        const char *last = strrchr(said, ' ');
        assert_true(last && shown_part(app, last + 1));
        app_destroy(app);

        /* the chat starter's backlog fills 23 s into a run whose warm-up is 5 s: said */
        app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/scenarios/starters/chat-websocket.json");
        app_test_log_texts(app, true);
        assert_true(app->est.request_full_after_s[0] > 20 && app->est.request_full_after_s[0] < 26);
        app->scen_open[SCEN_REQUESTS] = 0;
        app_frame(app);
        app_frame(app);
        char at[NUMFMT_CAP], wu[NUMFMT_CAP];
        snprintf(said, sizeof said,
                 tr_in(langs[l], "This holds from about %s into a run, once its queues are full and the requests in "
                                 "them have waited their way through (warm-up: %s): a run measures it only after that."),
                 numfmt_ms_in(app->est.request_full_after_s[0] * 1000, langs[l], at, sizeof at),
                 numfmt_ms_in(app->model->scenario.warmup_s * 1000, langs[l], wu, sizeof wu));
        snprintf(first, sizeof first, "%.30s", said);
        assert_true(shown_part(app, first));
        last = strrchr(said, ' ');
        assert_true(last && shown_part(app, last + 1));
        app_destroy(app);

        /* the sync-vs-async starter's figures hold from 1.1 min on, after its 35 s run:
         * said so (it read "its queues are full about 1.1 min into a run", full after 11 s) */
        app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/scenarios/starters/sync-vs-async.json");
        app_test_log_texts(app, true);
        double end_s = app->model->scenario.warmup_s + app->model->scenario.duration_s;
        assert_true(app->est.request_full_after_s[0] > end_s);
        app->scen_open[SCEN_REQUESTS] = 0;
        app_frame(app);
        app_frame(app);
        snprintf(said, sizeof said,
                 tr_in(langs[l], "This holds from about %s into a run, once its queues are full and the requests in "
                                 "them have waited their way through: after the run ends (at %s), so a run shows its "
                                 "latency still growing."),
                 numfmt_ms_in(app->est.request_full_after_s[0] * 1000, langs[l], at, sizeof at),
                 numfmt_ms_in(end_s * 1000, langs[l], wu, sizeof wu));
        snprintf(first, sizeof first, "%.30s", said);
        assert_true(shown_part(app, first));
        last = strrchr(said, ' ');
        assert_true(last && shown_part(app, last + 1));
        app_destroy(app);
    }
}

/* A database with read replicas: the inspector's predicted utilisation is its whole (a run
 * measures the whole: it showed its busiest station, 34%, beside a run's 18%), then its
 * primaries and its replicas, in each language at 1024 px. */
static void a_databases_roles_are_shown_beside_the_whole(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app_tall(langs[l], 1024, 900, ARCHSIM_SOURCE_DIR "/scenarios/starters/midsize-webapp.json");
        int pg = model_find_node(app->model, "pg");
        assert_true(pg >= 0 && app->est_valid);
        const NodeEstimate *e = &app->est.nodes[pg];
        assert_true(e->replica_utilisation > 3 * e->primary_utilisation); /* reads at the replica */
        assert_true(fabs(e->utilisation - e->replica_utilisation) < 1e-12);
        app_test_log_texts(app, true);
        assert_true(sel_node_by_id(app, "pg"));
        app_frame(app);
        app_frame(app);
        char pct[NUMFMT_CAP];
        assert_true(shown_exact(app, numfmt_percent(e->whole_utilisation, pct, sizeof pct)));
        assert_true(shown_exact(app, numfmt_percent(e->primary_utilisation, pct, sizeof pct)));
        assert_true(shown_exact(app, numfmt_percent(e->replica_utilisation, pct, sizeof pct)));
        assert_true(shown_exact(app, tr_in(langs[l], "Primaries")));
        assert_true(shown_exact(app, tr_in(langs[l], "Replicas")));
        /* its badge gives the same whole (it read the busiest station's 34%) */
        char want[120];
        snprintf(want, sizeof want, tr_in(langs[l], "est %s"), numfmt_percent(e->whole_utilisation, pct, sizeof pct));
        assert_true(shown_exact(app, want));
        app_destroy(app);
        /* a replica past capacity: the whole, and the replicas that are over (at 1440 px,
         * where the board's badges are not folded to their figure) */
        app = open_app_tall(langs[l], 1440, 900, ARCHSIM_SOURCE_DIR "/scenarios/starters/cache-sizing.json");
        pg = model_find_node(app->model, "pg");
        e = &app->est.nodes[pg];
        assert_true(e->over_capacity && e->replica_utilisation > 1 && e->whole_utilisation < 1);
        app_test_log_texts(app, true);
        app_frame(app);
        char hot[NUMFMT_CAP];
        snprintf(want, sizeof want, tr_in(langs[l], "est %s \xC2\xB7 replicas %s"),
                 numfmt_percent(e->whole_utilisation, pct, sizeof pct), numfmt_percent(e->replica_utilisation, hot, sizeof hot));
        assert_true(shown_exact(app, want));
        app_destroy(app);
    }
}

/* New's board speaks the language on screen: its client is named in it, as a node placed
 * from the palette is ("Users" on a Russian board), and so is the path picker's first
 * choice ("none"). */
static void a_new_board_speaks_the_language_on_screen(void **state)
{
    (void)state;
    const char *langs[] = {"ru", "uk"};
    for (int l = 0; l < 2; l++) {
        App *app = open_app_tall(langs[l], 1440, 900, ARCHSIM_SOURCE_DIR "/tests/data/gui/sample.json");
        app_test_log_texts(app, true);
        doc_new_board(app, -1);
        app_frame(app);
        assert_int_equal(app->model->n_nodes, 1);
        const char *users = tr_pin(langs[l], "node label", "Users");
        assert_string_not_equal(users, "Users");
        assert_string_equal(node_label_shown(&app->model->nodes[0]), users);
        assert_null(strstr(app->msg, "Users"));
        assert_true(app_test_click_widget(app, "path-of", -1)); /* the picker's list */
        app_frame(app);
        assert_true(shown_exact(app, tr_pin(langs[l], "path of", "none")));
        assert_false(shown_exact(app, "none"));
        app_destroy(app);
    }
}

/* A node's line of figures agrees with its numbers in Russian and Ukrainian ("2 × 2
 * воркеров" and "1 + 3 реплик" were written for every count). */
static void a_nodes_figures_agree_with_their_numbers(void **state)
{
    (void)state;
    App *app = open_app_tall("ru", 1440, 900, ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
    Node n;
    node_defaults(NODE_SERVICE, &n);
    n.instances = 4;
    n.io = IO_ASYNC;
    struct { const char *lang; int workers; const char *want; } svc[] = {
        {"ru", 1, "4 \xC3\x97 1 \xD0\xB2\xD0\xBE\xD1\x80\xD0\xBA\xD0\xB5\xD1\x80 \xC2\xB7"},                 /* воркер */
        {"ru", 2, "4 \xC3\x97 2 \xD0\xB2\xD0\xBE\xD1\x80\xD0\xBA\xD0\xB5\xD1\x80\xD0\xB0 \xC2\xB7"},         /* воркера */
        {"ru", 8, "4 \xC3\x97 8 \xD0\xB2\xD0\xBE\xD1\x80\xD0\xBA\xD0\xB5\xD1\x80\xD0\xBE\xD0\xB2 \xC2\xB7"}, /* воркеров */
        {"uk", 3, "4 \xC3\x97 3 \xD0\xB2\xD0\xBE\xD1\x80\xD0\xBA\xD0\xB5\xD1\x80\xD0\xB8 \xC2\xB7"},         /* воркери */
        {"en", 1, "4 \xC3\x97 1 worker \xC2\xB7"},
        {"en", 8, "4 \xC3\x97 8 workers \xC2\xB7"},
    };
    char out[200];
    for (size_t k = 0; k < sizeof svc / sizeof *svc; k++) {
        tr_set_lang(svc[k].lang);
        n.workers = svc[k].workers;
        node_subtitle(app->model, &n, out, sizeof out);
        if (strncmp(out, svc[k].want, strlen(svc[k].want)) != 0) fprintf(stderr, "%s: '%s'\n", svc[k].lang, out);
        assert_true(strncmp(out, svc[k].want, strlen(svc[k].want)) == 0);
    }
    node_free(&n);
    node_defaults(NODE_DATABASE, &n);
    n.shards = 4;
    n.read_replicas = 3;
    tr_set_lang("ru");
    node_subtitle(app->model, &n, out, sizeof out);
    assert_non_null(strstr(out, "1 + 3 \xD1\x80\xD0\xB5\xD0\xBF\xD0\xBB\xD0\xB8\xD0\xBA\xD0\xB8")); /* реплики */
    n.read_replicas = 5;
    node_subtitle(app->model, &n, out, sizeof out);
    const char *many = "1 + 5 \xD1\x80\xD0\xB5\xD0\xBF\xD0\xBB\xD0\xB8\xD0\xBA"; /* реплик, the line's end */
    assert_true(strlen(out) >= strlen(many) && strcmp(out + strlen(out) - strlen(many), many) == 0);
    node_free(&n);
    tr_set_lang("ru");
    app_destroy(app);
}

/* A title drawn whole or its first line (a chart's title may take two): a drawn text of
 * 8 bytes or more that begins it. */
static bool title_shown(const App *app, const char *title)
{
    for (int i = 0; app_test_drawn_text(app, i); i++) {
        const char *t = app_test_drawn_text(app, i);
        size_t n = strlen(t);
        if (n >= 8 && strncmp(title, t, n) == 0) return true;
    }
    return false;
}

/* A run with no bottleneck says so under the Requests table as the CLI does, headed
 * (Russian read "при этой нагрузке нет; …", "none at this load", answering no question);
 * after a second run the tab keeps its chart beside the longer table. */
static void the_requests_tab_says_no_bottleneck_and_keeps_its_chart(void **state)
{
    (void)state;
    const char *langs[] = {"en", "ru", "uk"};
    const char *heads[] = {"Bottleneck: none at this load", "Узкое место: при этой нагрузке нет",
                           "Вузьке місце: за цього навантаження немає"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1440, ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
        app_test_log_texts(app, true);
        run_briefly(app);
        assert_true(app->res->mean->bottleneck < 0);
        gui_test_tab(app, TAB_REQUESTS);
        assert_true(shown_part(app, heads[l]));
        /* A second run: the p99 column against the previous run joins the table, and the
         * p99 chart beside it stays (the table took its place at 1440 px) */
        const char *chart = tr_in(langs[l], "p99 latency over time (ms)");
        assert_true(title_shown(app, chart));
        run_briefly(app);
        assert_non_null(app->prev);
        gui_test_tab(app, TAB_REQUESTS);
        assert_true(shown_part(app, tr_in(langs[l], "p99 vs previous run")));
        assert_true(title_shown(app, chart));
        app_destroy(app);
    }
}

static void a_label_is_translated_in_the_app(void **state)
{
    (void)state;
    App *app = open_app("ru", 1440, ARCHSIM_SOURCE_DIR "/tests/data/gui/sample.json");
    app_test_log_texts(app, true);
    int web = model_find_node(app->model, "web");
    assert_true(sel_node_by_id(app, "web"));
    app_frame(app);
    assert_string_equal(panel_text_lang(app, "label", web), "en"); /* untranslated: written in English */
    assert_true(app_test_click_widget(app, "label-lang-n", 1)); /* RU */
    app_frame(app);
    assert_string_equal(panel_text_lang(app, "label", web), "ru");
    assert_true(shown_exact(app, "EN: Web"));
    Rect f;
    assert_true(app_test_field_rect(app, "label", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    const char *ru = "\xd0\x92\xd0\xb5\xd0\xb1-\xd1\x81\xd0\xb5\xd1\x80\xd0\xb2\xd0\xb5\xd1\x80"; /* Веб-сервер */
    app_test_text(app, ru);
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    assert_string_equal(app->model->nodes[web].label, "Web"); /* the English stays */
    assert_string_equal(scenario_text_own(app->model, "label", web, "ru"), ru);
    assert_string_equal(node_label_shown(&app->model->nodes[web]), ru); /* the board's name */
    assert_true(shown_exact(app, ru));
    assert_true(model_is_valid(app->model));
    assert_int_equal(sel_single_node(app), web); /* still selected */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_frame(app);
    assert_null(scenario_translation(&app->model->scenario, "ru"));
    assert_string_equal(node_label_shown(&app->model->nodes[web]), "Web");
    app_destroy(app);
}

/* A requirement's Label, opened on a Russian screen, is the Russian label the head shows
 * (it was the English one: "consumer lag stays under 2 s" under "отставание потребителя
 * меньше 2 с"); typed there, it is the Russian label, the English kept; one undo step. */
static void a_requirements_label_is_written_in_the_language_shown(void **state)
{
    (void)state;
    App *app = open_app("ru", 1440, ARCHSIM_SOURCE_DIR "/scenarios/kafka-partitions.json");
    app_test_log_texts(app, true);
    char english[200], ru[200]; /* copies: an edit replaces the model */
    assert_non_null(app->model->scenario.requirements[0].label);
    assert_non_null(scenario_text_own(app->model, "requirement-label", 0, "ru"));
    snprintf(english, sizeof english, "%s", app->model->scenario.requirements[0].label);
    snprintf(ru, sizeof ru, "%s", scenario_text_own(app->model, "requirement-label", 0, "ru"));
    app->scen_open[SCEN_REQUIREMENTS] = 0;
    app_frame(app);
    app_frame(app);
    assert_string_equal(panel_text_lang(app, "requirement-label", 0), "ru");
    assert_true(app_test_text_exact(app, ru));
    assert_false(shown_exact(app, english)); /* the English is not on a Russian screen */
    Rect f;
    assert_true(app_test_field_rect(app, "requirements[0].label", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    const char *typed = "\xd0\xbb\xd0\xb0\xd0\xb3 \xd0\xb4\xd0\xbe 2 \xd1\x81"; /* лаг до 2 с */
    app_test_text(app, typed);
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    assert_string_equal(app->model->scenario.requirements[0].label, english); /* the English stays */
    assert_string_equal(scenario_text_own(app->model, "requirement-label", 0, "ru"), typed);
    char *d = requirement_describe_in(app->model, 0, "ru");
    assert_string_equal(d, typed); /* the head, the Requirements tab and the grade say it */
    free(d);
    assert_true(model_is_valid(app->model));
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_frame(app);
    assert_string_equal(scenario_text_own(app->model, "requirement-label", 0, "ru"), ru);
    app_destroy(app);
}

/* An exercise is written in a second language in the app: over the title and the prompt,
 * EN / RU / UK pick the language they are written in; in another one an empty field shows
 * the English to translate, and what is typed is that language's text, not the English. */
static void an_exercise_is_translated_in_the_app(void **state)
{
    (void)state;
    App *app = open_app("en", 1440, ARCHSIM_SOURCE_DIR "/tests/data/gui/sample.json");
    app_test_log_texts(app, true);
    app_frame(app);
    const char *english = app->model->title;
    assert_non_null(english);
    assert_null(scenario_translation(&app->model->scenario, "ru"));
    assert_true(app_test_click_widget(app, "text-lang-t", 1)); /* RU */
    app_frame(app);
    char faint[300];
    snprintf(faint, sizeof faint, "EN: %s", english);
    assert_true(shown_exact(app, faint));
    Rect f;
    assert_true(app_test_field_rect(app, "title", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80"); /* Пример */
    app_test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app->model->title, english); /* the English stays */
    assert_string_equal(scenario_title_in(app->model, "ru"), "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80");
    assert_true(model_is_valid(app->model));
    /* typed again over a translation it has: the field's text was the old model's (a read
     * after the edit freed it, found by ASan) */
    assert_true(app_test_field_rect(app, "title", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_key(app, SDLK_END, 0);
    app_test_text(app, " 2");
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    assert_string_equal(scenario_title_in(app->model, "ru"), "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80 2");
    assert_string_equal(app->model->title, english);
    /* the prompt, written in Russian too; then back to English, the base */
    Rect ir = app->inspector_rc;
    for (int k = 0; k < 80 && !app_test_field_rect(app, "prompt", &f); k++) app_test_wheel(app, ir.x + ir.w / 2, ir.y + ir.h / 2, -1);
    assert_true(app_test_field_rect(app, "prompt", &f));
    app_test_click(app, f.x + f.w / 2, f.y + 10);
    app_test_text(app, "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81");
    app_test_key(app, SDLK_RETURN, KMOD_CTRL);
    app_test_key(app, SDLK_ESCAPE, 0);
    app_frame(app);
    assert_string_equal(scenario_prompt_in(app->model, "ru"), "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81");
    assert_null(app->model->scenario.prompt);
    assert_true(app_test_click_widget(app, "text-lang-q", 0)); /* EN */
    app_frame(app);
    assert_true(shown_exact(app, english));
    /* one undo takes the prompt back, two more the title */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(scenario_title_in(app->model, "ru"), "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80");
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_null(scenario_translation(&app->model->scenario, "ru"));
    app_destroy(app);
}

/* A scenario panel's choice too long for its field takes a line of its own, read whole:
 * a new event fails a database's servers "any (primaries first)" ("any (primaries f…"). */
static void a_long_choice_takes_a_line_of_its_own(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app(langs[l], 1440, ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
        scenario_panel_add(app, "events"); /* fails the database's servers */
        app_frame(app);
        app_frame(app);
        const ScenarioEvent *e = &app->model->scenario.events[app->model->scenario.n_events - 1];
        assert_int_equal(e->action, EVENT_FAIL);
        const char *choice = tr_in(langs[l], "any (primaries first)");
        assert_true(app_test_text_exact(app, choice));
        for (int i = 0; i < app->ui.n_audit; i++)
            if (app->ui.audit_items[i].kind == UI_AUDIT_CUT && strcmp(app->ui.audit_items[i].text, choice) == 0)
                fail_msg("%s: \"%s\" is cut", langs[l], choice);
        app_destroy(app);
    }
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_panel_tab_and_dialog_fits_in_russian_and_ukrainian_at_1024),
        cmocka_unit_test(every_number_on_screen_has_the_languages_decimal_comma),
        cmocka_unit_test(and_at_1440),
        cmocka_unit_test(a_shortened_text_shows_in_full_under_the_mouse),
        cmocka_unit_test(a_request_types_unit_is_whole),
        cmocka_unit_test(the_prompts_source_markers_go_to_a_sources_line),
        cmocka_unit_test(the_causes_of_errors_are_in_the_language_on_screen),
        cmocka_unit_test(the_hints_heading_keeps_clear_of_its_button),
        cmocka_unit_test(the_toolbars_verdict_is_read_whole),
        cmocka_unit_test(the_file_buttons_keep_their_labels_where_the_bar_has_room),
        cmocka_unit_test(the_inspectors_words_are_read_whole),
        cmocka_unit_test(an_unbounded_node_says_how_far_over_it_is),
        cmocka_unit_test(long_lines_wrap_instead_of_being_cut),
        cmocka_unit_test(the_exercise_list_is_read_whole),
        cmocka_unit_test(a_tables_figures_are_never_cut),
        cmocka_unit_test(the_charts_titles_take_two_lines),
        cmocka_unit_test(the_scenario_box_and_new_keep_titles_whole),
        cmocka_unit_test(a_request_types_line_takes_two_lines_beside_its_rate),
        cmocka_unit_test(the_run_lines_give_way_instead_of_being_cut),
        cmocka_unit_test(the_legends_animate_box_is_whole),
        cmocka_unit_test(the_drawer_keeps_its_texts_inside),
        cmocka_unit_test(a_wide_table_scrolls_sideways),
        cmocka_unit_test(the_run_settings_take_what_they_show),
        cmocka_unit_test(an_exercise_is_translated_in_the_app),
        cmocka_unit_test(a_label_is_translated_in_the_app),
        cmocka_unit_test(every_edit_is_named_in_the_language_on_screen),
        cmocka_unit_test(the_requests_tab_says_no_bottleneck_and_keeps_its_chart),
        cmocka_unit_test(the_inspectors_prediction_says_what_it_leaves_out),
        cmocka_unit_test(a_new_board_speaks_the_language_on_screen),
        cmocka_unit_test(an_overloaded_types_line_says_what_is_answered),
        cmocka_unit_test(the_queue_that_fills_is_named_and_what_is_answered_said),
        cmocka_unit_test(a_databases_roles_are_shown_beside_the_whole),
        cmocka_unit_test(a_nodes_figures_agree_with_their_numbers),
        cmocka_unit_test(a_requirements_label_is_written_in_the_language_shown),
        cmocka_unit_test(a_long_choice_takes_a_line_of_its_own),
        cmocka_unit_test(the_boards_labels_are_in_the_language_on_screen),
        cmocka_unit_test(translated_titles_fit_where_the_english_ones_do),
        cmocka_unit_test(placed_nodes_labels_fit_their_boxes),
        cmocka_unit_test(the_requirements_headline_is_read_whole),
        cmocka_unit_test(the_first_start_speaks_the_locales_language_and_the_choice_is_remembered),
        cmocka_unit_test(a_wait_spilled_from_below_is_said_where_it_comes_from),
        cmocka_unit_test(a_long_capacity_note_is_shown_whole),
        cmocka_unit_test(the_callouts_headline_is_whole),
        cmocka_unit_test(the_rest_of_a_consumers_work_waits_in_its_backlog),
        cmocka_unit_test(a_wait_in_bursts_is_said_where_it_comes_from),
        cmocka_unit_test(a_consumers_wait_is_shown_in_its_queues_backlog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
