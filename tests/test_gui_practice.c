/*
 * test_gui_practice.c - interview practice in the window, on SDL's offscreen driver:
 * the scenario browser (at start and from the toolbar; a preset's starter opens as an
 * untitled copy; the reference only past the spoiler warning; unsaved work is guarded),
 * the language of prompts and hints (shown, remembered in the settings file, a bad
 * settings file falls back to the defaults; the test's own settings folder, never the
 * user's), and the Requirements tab (verdicts after a
 * run, stale after an edit, the cost live, hints one at a time).
 */
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
#include "sim/requirements.h"
#include "sim/model_json.h"
#include "sim/util.h"

static char settings_path[256];

static App *open_app_lang(const char *file, bool browser, const char *lang)
{
    AppConfig cfg = {.width = 1280, .height = 800, .file = file, .autosave_ms = -1, .hidden = true,
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json"),
                     .settings_path = settings_path, .browser = browser, .lang = lang};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    app_frame(app);
    return app;
}

static App *open_app_cfg(const char *file, bool browser) { return open_app_lang(file, browser, NULL); }

static int setup(void **state)
{
    (void)state;
    snprintf(settings_path, sizeof settings_path, "%s", gui_test_file("settings.json"));
    unlink(settings_path);
    return 0;
}

static int preset_index(const App *app, const char *name)
{
    for (int k = 0; k < app->n_scen; k++)
        if (strstr(app->scen_paths[k], name)) return k;
    return -1;
}

/* Move the browser's selection with the arrow keys to preset k. */
static void browse_to(App *app, int k)
{
    assert_int_equal(app->modal, MODAL_BROWSER);
    while (app->browser_sel > k) app_test_key(app, SDLK_UP, 0);
    while (app->browser_sel < k) app_test_key(app, SDLK_DOWN, 0);
    app_frame(app);
}

static char *file_json(const char *path)
{
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    assert_non_null(m);
    diag_free(&d);
    char *j = model_to_json(m);
    model_destroy(m);
    return j;
}

static void the_browser_opens_at_start_and_from_the_toolbar(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, true);
    assert_true(app->n_scen >= 10);
    assert_int_equal(app->modal, MODAL_BROWSER);
    /* Listed in teaching order (scenarios/ORDER): the first steps first. */
    assert_non_null(strstr(app->scen_paths[0], "scale-api.json"));
    assert_true(app_test_text_drawn(app, "Start from the starter design"));
    assert_true(app_test_text_drawn(app, "REQUIREMENTS"));
    assert_true(app_screenshot(app, "gui-browser.png"));
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_int_equal(app->model->n_nodes, 0);
    /* The scenario box in the toolbar is a menu: its second entry opens it again. */
    Rect tr = app->scenario_rc;
    app_test_click(app, tr.x + tr.w / 2, tr.y + tr.h / 2);
    assert_int_equal(app->ui.popup_id, ui_id("tb-scenario"));
    assert_true(app_test_text_drawn(app, "Edit this scenario"));
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 30, pr.y + 4 + 26 + 13);
    assert_int_equal(app->modal, MODAL_BROWSER);
    assert_true(app_test_click_widget(app, "br-close", -1));
    assert_int_equal(app->modal, MODAL_NONE);
    /* And so does Ctrl+Shift+O (the box is hidden in narrow windows). */
    app_test_key(app, SDLK_o, KMOD_CTRL | KMOD_SHIFT);
    assert_int_equal(app->modal, MODAL_BROWSER);
    app_destroy(app);
    /* With a file on the command line it does not open. */
    app = open_app_cfg(ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json", true);
    assert_int_equal(app->modal, MODAL_NONE);
    app_destroy(app);
}

static void a_preset_starts_from_its_starter_as_an_untitled_copy(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, true);
    int k = preset_index(app, "twitter-timeline.json");
    assert_true(k >= 0);
    assert_non_null(app->scen_starters[k]);
    browse_to(app, k);
    assert_true(app_test_text_drawn(app, "fan-out on write") || app_test_text_drawn(app, "Fan out on write"));
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    /* The board holds exactly the starter, untitled, clean, with the requirements shown. */
    char *want = file_json(app->scen_starters[k]);
    char *have = model_to_json(app->model);
    assert_string_equal(have, want);
    free(want);
    free(have);
    assert_null(app->path);
    assert_false(app_dirty(app));
    assert_string_equal(app->suggest_name, "my-twitter-timeline.json");
    assert_true(app->drawer_h > 0);
    assert_int_equal(app->drawer_tab, TAB_GRADE);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Not run yet"));
    /* Save proposes the suggested name, never the preset's own file. */
    app_test_key(app, SDLK_s, KMOD_CTRL);
    assert_int_equal(app->modal, MODAL_FILE);
    assert_string_equal(app->fd.name, "my-twitter-timeline.json");
    app_test_key(app, SDLK_ESCAPE, 0);
    app_destroy(app);
}

static void the_reference_opens_only_past_the_spoiler_warning(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, true);
    int k = preset_index(app, "url-shortener.json");
    browse_to(app, k);
    assert_true(app_test_click_widget(app, "br-reference", -1));
    assert_int_equal(app->modal, MODAL_SPOILER);
    assert_true(app_test_text_drawn(app, "spoils the exercise"));
    assert_true(app_screenshot(app, "gui-spoiler.png"));
    /* Escape goes back to the browser; nothing opened. */
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_BROWSER);
    assert_int_equal(app->model->n_nodes, 0);
    assert_true(app_test_click_widget(app, "br-reference", -1));
    assert_true(app_test_click_widget(app, "sp-open", -1));
    assert_int_equal(app->modal, MODAL_NONE);
    char *want = file_json(app->scen_paths[k]);
    char *have = model_to_json(app->model);
    assert_string_equal(have, want);
    free(want);
    free(have);
    assert_null(app->path); /* a copy: the reference file stays as shipped */
    app_destroy(app);
}

static void unsaved_work_is_guarded_before_a_preset_replaces_it(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, false);
    edit_place_node(app, NODE_SERVICE, 100, 100);
    assert_true(app_dirty(app));
    browser_open(app);
    app_frame(app);
    browse_to(app, preset_index(app, "scale-api.json"));
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_UNSAVED);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Save changes to this diagram?")); /* untitled, never saved */
    assert_true(app_test_click_widget(app, "unsaved-cancel", -1));
    assert_int_equal(app->model->n_nodes, 1);
    /* a titled one never saved is named by its title */
    free(app->model->title);
    app->model->title = xstrdup("Chat for a team");
    browser_open(app);
    app_frame(app);
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_UNSAVED);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Save changes to \xE2\x80\x9C" "Chat for a team\xE2\x80\x9D?"));
    assert_true(app_test_click_widget(app, "unsaved-cancel", -1));
    app_destroy(app);
}

static void the_language_is_shown_and_remembered(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, true);
    assert_string_equal(app->lang, "en");
    browse_to(app, preset_index(app, "twitter-timeline.json"));
    assert_true(app_test_text_drawn(app, "Twitter home timeline"));
    assert_true(app_test_click_widget(app, "br-lang", 1)); /* RU */
    assert_string_equal(app->lang, "ru");
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Домашняя лента Twitter"));
    assert_false(app_test_text_drawn(app, "Twitter home timeline"));
    assert_true(app_screenshot(app, "gui-browser-ru.png"));
    char *text = read_file(settings_path, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "\"lang\":\t\"ru\""));
    free(text);
    app_destroy(app);
    /* A new session starts in Russian; Ukrainian from the Requirements tab. */
    app = open_app_cfg(NULL, true);
    assert_string_equal(app->lang, "ru");
    browse_to(app, preset_index(app, "twitter-timeline.json"));
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    assert_true(app_test_click_widget(app, "gr-lang", 2)); /* UK */
    assert_string_equal(app->lang, "uk");
    app->drawer_h = 400; /* the long Ukrainian requirements take two lines each: room for the hint's button */
    app_frame(app);
    assert_true(app_test_click_widget(app, "gr-hint", -1));
    assert_int_equal(app->hints_shown, 1);
    app_frame(app);
    int n = 0;
    char *const *hints = scenario_hints_in(app->model, "uk", &n);
    assert_true(n >= 1);
    char first[24]; /* the start of the first Ukrainian hint (whole UTF-8 characters) */
    size_t len = 0;
    while (hints[0][len] && len < 16) len++;
    while (len > 0 && ((unsigned char)hints[0][len] & 0xC0) == 0x80) len--;
    memcpy(first, hints[0], len);
    first[len] = 0;
    assert_true(app_test_text_drawn(app, first));
    app_destroy(app);
}

static void a_bad_settings_file_gives_the_defaults(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, false); /* creates the folder */
    settings_set_lang(app, "uk");
    app_destroy(app);
    FILE *f = fopen(settings_path, "w");
    assert_non_null(f);
    fputs("{\"lang\": 7, oops", f);
    fclose(f);
    app = open_app_cfg(NULL, false);
    assert_string_equal(app->lang, "en");
    assert_true(app->msg_error);
    assert_non_null(strstr(app->msg, "settings"));
    for (int k = 0; k < IV_PHASES; k++) assert_true(app->iv.phase_s[k] > 0);
    app_destroy(app);
}

/* However a GUI test is run, the settings file it writes is in its own folder
 * (gui_test_isolate), never the one the environment named when it started: the user's.
 * The app checks first, so a test that would write there fails before it does. */
static void a_test_leaves_the_users_settings_alone(void **state)
{
    (void)state;
    char *before = read_file(gui_test_outside_settings, NULL);
    AppConfig cfg = {.width = 1280, .height = 800, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = gui_test_file("recovery.json")}; /* the default settings */
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    fprintf(stderr, "settings: %s (the environment's at start: %s)\n", app->settings_path, gui_test_outside_settings);
    assert_string_not_equal(app->settings_path, gui_test_outside_settings);
    assert_true(strncmp(app->settings_path, gui_test_home, strlen(gui_test_home)) == 0);
    char path[600];
    snprintf(path, sizeof path, "%s/mine.json", gui_test_home);
    assert_true(doc_save_as(app, path)); /* a saved file goes to the recent files */
    char *settings = xstrdup(app->settings_path);
    app_destroy(app);
    char *mine = read_file(settings, NULL);
    assert_non_null(mine);
    assert_non_null(strstr(mine, "/mine.json\""));
    char *after = read_file(gui_test_outside_settings, NULL);
    assert_string_equal(before ? before : "(no file)", after ? after : "(no file)");
    free(after);
    free(mine);
    free(settings);
    free(before);
}

/* XDG_CONFIG_HOME and XDG_STATE_HOME count only as absolute paths, as the XDG Base
 * Directory spec says: an empty or relative one gives the folder under $HOME. */
static void a_relative_xdg_folder_is_ignored(void **state)
{
    (void)state;
    char *cfg = xstrdup(getenv("XDG_CONFIG_HOME")), *st = xstrdup(getenv("XDG_STATE_HOME"));
    char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    setenv("HOME", gui_test_home, 1);
    char *want_settings = xasprintf("%s/.config/archsim/settings.json", gui_test_home);
    char *want_recovery = xasprintf("%s/.local/state/archsim/recovery.json", gui_test_home);
    const char *ignored[] = {"", "relative/folder", "./folder"};
    for (size_t k = 0; k < sizeof ignored / sizeof *ignored; k++) {
        setenv("XDG_CONFIG_HOME", ignored[k], 1);
        setenv("XDG_STATE_HOME", ignored[k], 1);
        char *got = settings_default_path();
        assert_string_equal(got, want_settings);
        free(got);
        got = doc_default_recovery_path();
        assert_string_equal(got, want_recovery);
        free(got);
    }
    setenv("XDG_CONFIG_HOME", "/elsewhere", 1);
    char *got = settings_default_path();
    assert_string_equal(got, "/elsewhere/archsim/settings.json");
    free(got);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    setenv("XDG_STATE_HOME", st, 1);
    if (home) setenv("HOME", home, 1);
    else unsetenv("HOME");
    free(want_settings);
    free(want_recovery);
    free(home);
    free(st);
    free(cfg);
}

static void the_requirements_tab_grades_a_run_and_goes_stale_on_edit(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, true);
    browse_to(app, preset_index(app, "url-shortener.json"));
    app_test_key(app, SDLK_RETURN, 0);
    Command c;
    cmd_init(&c, "Run settings");
    cmd_run_set(&c, app->model, 2, 1, 5, app->model->meta_json);
    app_commit(app, &c);
    double cost0 = model_cost_per_month_usd(app->model);
    assert_true(run_start(app));
    for (int k = 0; k < 100000 && run_active(app); k++) {
        app_frame(app);
        SDL_Delay(2);
    }
    app_frame(app);
    const Grade *g = practice_grade(app);
    assert_non_null(g);
    assert_int_equal(g->n_items, app->model->scenario.n_requirements);
    assert_true(g->n_passed < g->n_items); /* a starter fails something */
    assert_int_equal(app->drawer_tab, TAB_GRADE);
    char line[80];
    snprintf(line, sizeof line, "FAIL: %d of %d requirement", g->n_passed, g->n_items);
    assert_true(app_test_text_drawn(app, line));
    snprintf(line, sizeof line, "%d of %d requirement", g->n_passed, g->n_items);
    assert_true(app_test_text_drawn(app, line)); /* the toolbar says it too */
    assert_true(g->n_hints > 0);
    assert_true(app_test_text_drawn(app, "WHAT THE RUN SHOWS"));
    assert_true(app_screenshot(app, "gui-requirements.png"));
    /* An edit: the verdicts are from the run before it; the cost follows at once. */
    int svc = -1;
    for (int i = 0; i < app->model->n_nodes; i++)
        if (app->model->nodes[i].kind == NODE_SERVICE) svc = i;
    assert_true(svc >= 0);
    Node n = app->model->nodes[svc];
    n.instances *= 4;
    edit_set_node(app, svc, &n, "More instances");
    app_frame(app);
    assert_true(model_cost_per_month_usd(app->model) > cost0);
    assert_true(app_test_text_drawn(app, "before your last edit"));
    char num[32], want[48];
    fmt_num(model_cost_per_month_usd(app->model), num, sizeof num);
    snprintf(want, sizeof want, "$%s / month", num);
    assert_true(app_test_text_drawn(app, want));
    /* the cost's row says "live"; resting on it says what that means */
    app_test_log_texts(app, true);
    app_frame(app);
    Rect at = {0, 0, 0, 0};
    for (int i = 0; app_test_drawn_text(app, i); i++) {
        Rect r;
        if (strcmp(app_test_drawn_text_at(app, i, &r), "live") == 0 || strstr(app_test_drawn_text(app, i), " live")) at = r;
    }
    assert_true(at.w > 0);
    app_test_mouse_move(app, at.x + at.w / 2, at.y + at.h / 2);
    app_frame(app);
    app_frame(app);
    bool tip = false; /* the tooltip's lines, as the renderer drew them */
    for (int i = 0; app_test_drawn_text(app, i); i++) tip |= strstr(app_test_drawn_text(app, i), "Live: the cost of the design") != NULL;
    assert_true(tip);
    app_destroy(app);
}

/* A cost just over its budget reads over it: "$1500.4 / month" and "-0.03%", not
 * "$1.5k / month" and "-0%" beside "cost per month <= 1,500 USD" marked failed. */
static void a_near_miss_reads_as_a_miss(void **state)
{
    (void)state;
    const char *path = "/tmp/archsim-gui-practice-near.json";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 1, \"requests\": [{\"name\": \"r\", \"rate_rps\": 10}],"
               " \"requirements\": [{\"metric\": \"cost_per_month_usd\", \"max\": 1500}]},"
               " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
               " {\"id\": \"s\", \"kind\": \"service\", \"instances\": 1, \"cost_per_hour_usd\": %.17g}],"
               " \"edges\": [{\"from\": \"u\", \"to\": \"s\"}]}",
            1500.4 / 730);
    fclose(f);
    App *app = open_app_cfg(path, false);
    drawer_show(app, TAB_GRADE);
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    app_screenshot(app, "gui-near-miss.png");
    assert_true(app_test_text_drawn(app, "$1500.4 / month"));
    assert_true(app_test_text_drawn(app, "-0.03% live"));
    app_destroy(app);
    unlink(path);
}

static void scenario_events_are_marked_on_their_nodes(void **state)
{
    (void)state;
    App *app = open_app_cfg(ARCHSIM_SOURCE_DIR "/scenarios/starters/failure-drill.json", false);
    char t[200];
    int api = -1, db = -1, lb = -1;
    for (int i = 0; i < app->model->n_nodes; i++) {
        if (app->model->nodes[i].kind == NODE_SERVICE) api = i;
        if (app->model->nodes[i].kind == NODE_DATABASE) db = i;
        if (app->model->nodes[i].kind == NODE_LOAD_BALANCER) lb = i;
    }
    assert_true(api >= 0 && db >= 0 && lb >= 0);
    /* Straight from the scenario: 3 API servers fail 15-30 s, the database slows 4x 15-25 s. */
    assert_true(overlay_event_text(app, api, t, sizeof t) > 0);
    assert_string_equal(t, "3 fail 15\xE2\x80\x93" "30 s");
    assert_true(overlay_event_text(app, db, t, sizeof t) > 0);
    assert_string_equal(t, "slow \xC3\x97" "4 15\xE2\x80\x93" "25 s");
    assert_int_equal(overlay_event_text(app, lb, t, sizeof t), 0);
    app_destroy(app);
    /* A zone's failure marks every node with servers there, with how many. */
    app = open_app_cfg(ARCHSIM_SOURCE_DIR "/scenarios/zone-failure.json", false);
    static const struct { const char *id, *tag; } want[] = {
        {"lb", "1 fails 30\xE2\x80\x93" "90 s"}, {"api", "3 fail 30\xE2\x80\x93" "90 s"},
        {"db", "1 fails 30\xE2\x80\x93" "90 s"}, {"users", ""}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int i = model_find_node(app->model, want[k].id);
        assert_true(i >= 0);
        overlay_event_text(app, i, t, sizeof t);
        assert_string_equal(t, want[k].tag);
    }
    app_destroy(app);
}

static void a_passing_design_is_remembered_in_the_browser(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, true);
    int k = preset_index(app, "url-shortener.json");
    browse_to(app, k);
    assert_false(app_test_text_drawn(app, "passed"));
    assert_true(app_test_click_widget(app, "br-reference", -1));
    assert_true(app_test_click_widget(app, "sp-open", -1));
    /* A shorter run, or an eased scenario, passes but does not count. */
    Command c;
    cmd_init(&c, "Run settings");
    cmd_run_set(&c, app->model, 2, 1, 3, app->model->meta_json);
    app_commit(app, &c);
    assert_true(run_start(app));
    for (int n = 0; n < 100000 && run_active(app); n++) {
        app_frame(app);
        SDL_Delay(2);
    }
    app_frame(app);
    assert_true(practice_grade(app)->pass);
    assert_null(practice_passed(app, "url-shortener.json"));
    app_undo(app); /* back to the preset's own run settings */
    assert_true(run_start(app));
    for (int n = 0; n < 100000 && run_active(app); n++) {
        app_frame(app);
        SDL_Delay(2);
    }
    app_frame(app);
    const Grade *g = practice_grade(app);
    assert_non_null(g);
    assert_true(g->pass);
    /* The reference solution itself passing is not the user's pass. */
    assert_null(practice_passed(app, "url-shortener.json"));
    /* A design of one's own (here: the reference with one more API instance) is. */
    int api = model_find_node(app->model, "api");
    assert_true(api >= 0);
    Node more;
    node_copy(&more, &app->model->nodes[api]);
    more.instances++;
    edit_set_node(app, api, &more, "More API instances");
    node_free(&more);
    assert_true(run_start(app));
    for (int n = 0; n < 100000 && run_active(app); n++) {
        app_frame(app);
        SDL_Delay(2);
    }
    app_frame(app);
    g = practice_grade(app);
    assert_true(g->pass);
    const struct PassedPreset *p = practice_passed(app, "url-shortener.json");
    assert_non_null(p);
    assert_true(p->best_cost_usd == g->cost_per_month_usd);
    app_destroy(app);
    /* The next session's browser shows it. */
    app = open_app_cfg(NULL, true);
    browse_to(app, preset_index(app, "url-shortener.json"));
    assert_true(app_test_text_drawn(app, "passed"));
    assert_non_null(practice_passed(app, "url-shortener.json"));
    assert_null(practice_passed(app, "twitter-timeline.json"));
    app_destroy(app);
}

static void the_drawer_resizes_by_its_top_edge(void **state)
{
    (void)state;
    App *app = open_app_cfg(ARCHSIM_SOURCE_DIR "/scenarios/starters/url-shortener.json", false);
    drawer_show(app, TAB_GRADE);
    app_frame(app);
    float h0 = app->drawer_h, top = app->canvas_rc.y + app->canvas_rc.h;
    float x = app->canvas_rc.x + app->canvas_rc.w / 2;
    app_test_drag(app, x, top + 2, x, top - 120, 6, SDL_BUTTON_LEFT);
    assert_false(app->drawer_resizing);
    assert_true(fabsf(app->drawer_h - (h0 + 122)) < 3);
    assert_true(fabsf(app->canvas_rc.y + app->canvas_rc.h - (top - 122)) < 3);
    /* Never below 120 points, never more than 70% of the middle column. */
    top = app->canvas_rc.y + app->canvas_rc.h;
    app_test_drag(app, x, top + 2, x, app->status_rc.y - 10, 6, SDL_BUTTON_LEFT);
    assert_true(app->drawer_h >= 120);
    top = app->canvas_rc.y + app->canvas_rc.h;
    app_test_drag(app, x, top + 2, x, 0, 6, SDL_BUTTON_LEFT);
    assert_true(app->canvas_rc.h >= 0.3f * (app->status_rc.y - app->toolbar_rc.h) - 1);
    app_destroy(app);
}

/* Click an inspector field, type, Enter. */
static void type_field(App *app, const char *key, const char *text)
{
    Rect f;
    app_frame(app);
    assert_true(app_test_field_rect(app, key, &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, text);
    app_test_key(app, SDLK_RETURN, 0);
}

static void the_scenario_numbers_are_editable_and_undoable(void **state)
{
    (void)state;
    App *app = open_app_cfg(ARCHSIM_SOURCE_DIR "/scenarios/failure-drill.json", false);
    const Scenario *sc = &app->model->scenario;
    double rate0 = sc->requests[0].rate_rps;
    /* Traffic: twice the rate, with a k suffix. */
    type_field(app, "requests[0].rate_rps", "6k");
    assert_true(app->model->scenario.requests[0].rate_rps == 6000);
    assert_true(app_dirty(app));
    /* The status bar says it in the panel's words, never the file's path */
    char said_rate[200];
    snprintf(said_rate, sizeof said_rate, "Set \xE2\x80\x9CRate\xE2\x80\x9D of request type %s to 6k rps",
             app->model->scenario.requests[0].name);
    assert_string_equal(app->msg, said_rate);
    /* A requirement's limit, typed as a percentage. */
    type_field(app, "requirements[0].max", "0.5%");
    assert_true(fabs(app->model->scenario.requirements[0].max - 0.005) < 1e-12);
    assert_string_equal(app->msg, "Set \xE2\x80\x9C" "at most\xE2\x80\x9D of requirement 1 to 0.5%");
    /* Its label said "errors <= 1% ...": it goes with the old limit, in every language,
     * and the description is written from the new one. */
    assert_null(app->model->scenario.requirements[0].label);
    assert_string_equal(scenario_translation(&app->model->scenario, "ru")->requirements[0], "");
    char *said = requirement_describe_in(app->model, 0, "en");
    assert_string_equal(said, "error rate <= 0.5%");
    free(said);
    /* An event: opened from its line, later, and refused when negative (nothing changes,
     * the reason shows). */
    assert_true(app_test_click_widget(app, "events", 1000));
    type_field(app, "events[0].at_s", "20");
    assert_true(app->model->scenario.events[0].at_s == 20);
    assert_string_equal(app->model->scenario.events[0].label, "zone A goes dark (3 API servers)"); /* a new time keeps it */
    /* What an event does changes (the database slows 3x, not 4x): its label goes. */
    assert_true(app_test_click_widget(app, "events", 1001));
    type_field(app, "events[1].factor", "3");
    assert_true(app->model->scenario.events[1].factor == 3);
    assert_string_equal(app->msg, "Set \xE2\x80\x9C" "Factor\xE2\x80\x9D of event 2 to 3 \xC3\x97");
    assert_null(app->model->scenario.events[1].label); /* "slows down 4x" said the old factor */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(app->msg, "Undid: Set \xE2\x80\x9C" "Factor\xE2\x80\x9D of event 2 to 3 \xC3\x97");
    assert_string_equal(app->model->scenario.events[1].label, "database slows down 4x");
    assert_true(app_test_click_widget(app, "events", 1000));
    type_field(app, "events[0].at_s", "-3");
    assert_true(app->model->scenario.events[0].at_s == 20);
    assert_string_equal(app->insp_error_key, "events[0].at_s");
    assert_true(app->msg_error);
    assert_ptr_equal(strstr(app->msg, "Starts at: "), app->msg); /* the row's label, not events[0].at_s */
    assert_true(app_screenshot(app, "gui-scenario-fields.png"));
    /* Each change is one step back. */
    app_test_key(app, SDLK_ESCAPE, 0);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(app->model->scenario.events[0].at_s == 15);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(fabs(app->model->scenario.requirements[0].max - 0.01) < 1e-12);
    assert_string_equal(app->model->scenario.requirements[0].label, "errors <= 1% over the whole run, failure included");
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(app->model->scenario.requests[0].rate_rps == rate0);
    assert_false(app_dirty(app));
    app_test_key(app, SDLK_y, KMOD_CTRL);
    assert_true(app->model->scenario.requests[0].rate_rps == 6000);
    app_destroy(app);
}

/* A write's line in the Traffic list says "write" once: "post_tweet · write", but a type
 * named "write" is not "write · write". */
static void a_write_says_write_once(void **state)
{
    (void)state;
    App *app = open_app_cfg(ARCHSIM_SOURCE_DIR "/scenarios/scale-api.json", false);
    sel_clear(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "read"));
    assert_false(app_test_text_drawn(app, "write \xC2\xB7 write"));
    app_destroy(app);
    app = open_app_cfg(ARCHSIM_SOURCE_DIR "/scenarios/twitter-timeline.json", false);
    sel_clear(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "post_tweet \xC2\xB7 write"));
    app_destroy(app);
}

static void the_outcome_counts_verdicts_and_estimates(void **state)
{
    (void)state;
    App *app = open_app_cfg(ARCHSIM_SOURCE_DIR "/scenarios/starters/url-shortener.json", false);
    char out[300];
    practice_outcome(app, out, sizeof out);
    assert_non_null(strstr(out, "requirements: not run"));
    assert_non_null(strstr(out, "estimates: 0 of"));
    /* The derived peak is 20,200 requests/s: 20k is good, 2k is off, nonsense is not counted. */
    assert_true(estimates_set(app, "peak_rps", "20k"));
    practice_outcome(app, out, sizeof out);
    assert_non_null(strstr(out, "estimates: 1 of"));
    assert_non_null(strstr(out, "(1 good, 0 close, 0 off)"));
    assert_true(estimates_set(app, "peak_rps", "2k"));
    practice_outcome(app, out, sizeof out);
    assert_non_null(strstr(out, "(0 good, 0 close, 1 off)")); /* 10.1x too low */
    assert_true(estimates_set(app, "peak_rps", "lots"));
    practice_outcome(app, out, sizeof out);
    assert_non_null(strstr(out, "estimates: 0 of"));
    app_destroy(app);
}

/* An exercise's blank board keeps its events, whose nodes are not drawn yet: the problem
 * says which event and what to do, and a placed node named as the exercise names it
 * takes the id the event looks for (a placed node's id follows its label). */
static bool problem_drawn(App *app, const char *text)
{
    char line[600];
    for (int k = 0; k < app->problems.n_items; k++)
        if (strstr(app_problem_line(app, &app->problems.items[k], line, sizeof line), text)) return true;
    return false;
}

static void a_blank_boards_event_finds_the_node_named_for_it(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, true);
    browse_to(app, preset_index(app, "chat-websocket.json"));
    assert_true(app_test_click_widget(app, "br-blank", -1));
    assert_int_equal(app->modal, MODAL_NONE);
    app_frame(app);
    /* only the client is placed: nothing to choose yet (a client has no servers to fail) */
    assert_true(problem_drawn(app, "event \xE2\x80\x9C" "a channel server dies\xE2\x80\x9D: no node with id 'channels' "
                                   "yet; place the node this event is about and choose it as the event's node, or give "
                                   "it the id 'channels'"));
    /* the client's problem names it (label and id): no "Chat clients: " before it */
    char line[600];
    bool found = false;
    for (int k = 0; k < app->problems.n_items; k++) {
        const char *t = app_problem_line(app, &app->problems.items[k], line, sizeof line);
        if (!strstr(t, "nothing serves")) continue;
        found = true;
        const char *want = "nothing serves 'send_message', 'load_history': no edge from their client Chat clients "
                           "(users) carries them";
        assert_true(strncmp(t, want, strlen(want)) == 0);
    }
    assert_true(found);
    /* A service placed: its id is the app's ("service"), and follows its label. The
     * problem names it as the board does, label and id. */
    int n = app->model->n_nodes;
    Rect r = app->palette_items[NODE_SERVICE];
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    assert_int_equal(app->model->n_nodes, n + 1);
    assert_string_equal(app->model->nodes[n].id, "service");
    app_frame(app);
    assert_true(problem_drawn(app, "no node with id 'channels' to fail; nodes are: Service (service). Choose one of "
                                   "them as the event's node, or give a node the id 'channels'"));
    assert_true(edit_rename(app, false, n, "Channels", NULL));
    assert_string_equal(app->model->nodes[n].id, "channels");
    assert_string_equal(app->msg, "Rename to Channels (id channels)"); /* the status bar says so */
    app_frame(app);
    assert_false(problem_drawn(app, "no node with id 'channels'"));
    /* undone, the id is the app's again, and the problem is back */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_frame(app);
    assert_string_equal(app->model->nodes[n].id, "service");
    assert_true(problem_drawn(app, "no node with id 'channels'"));
    app_test_key(app, SDLK_y, KMOD_CTRL);
    /* A second one named the same takes the next free id. */
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    assert_string_equal(app->model->nodes[n + 1].id, "service");
    assert_true(edit_rename(app, false, n + 1, "Channels", NULL));
    assert_string_equal(app->model->nodes[n + 1].id, "channels_2");
    /* "Channels 2" makes that id itself: nothing changes; a name without an id's letters
     * keeps it */
    assert_true(edit_rename(app, false, n + 1, "Channels 2", NULL));
    assert_string_equal(app->model->nodes[n + 1].id, "channels_2");
    assert_true(edit_rename(app, false, n + 1, "\xD0\x9A\xD0\xB0\xD0\xBD\xD0\xB0\xD0\xBB\xD1\x8B", NULL)); /* Каналы */
    assert_string_equal(app->model->nodes[n + 1].id, "channels_2");
    /* An id given by hand stays, and so does a preset's ("users", labelled Chat clients). */
    assert_true(edit_set_node_id(app, n + 1, "fanout"));
    assert_true(edit_rename(app, false, n + 1, "Fan-out workers", NULL));
    assert_string_equal(app->model->nodes[n + 1].id, "fanout");
    int users = model_find_node(app->model, "users");
    assert_true(users >= 0);
    assert_true(edit_rename(app, false, users, "Mobile clients", NULL));
    assert_string_equal(app->model->nodes[users].id, "users");
    app_destroy(app);
    /* In Russian a placed service is labelled «Сервис»: named Channels, its id follows too
     * (the English rule alone kept "service", as «Сервис» has no letters an id takes) */
    app = open_app_lang(NULL, true, "ru");
    browse_to(app, preset_index(app, "chat-websocket.json"));
    assert_true(app_test_click_widget(app, "br-blank", -1));
    n = app->model->n_nodes;
    r = app->palette_items[NODE_SERVICE];
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    assert_string_equal(app->model->nodes[n].id, "service");
    assert_string_equal(app->model->nodes[n].label, "\xD0\xA1\xD0\xB5\xD1\x80\xD0\xB2\xD0\xB8\xD1\x81"); /* Сервис */
    assert_true(edit_rename(app, false, n, "Channels", NULL));
    assert_string_equal(app->model->nodes[n].id, "channels");
    app_destroy(app);
}

static void a_file_dropped_on_the_window_opens(void **state)
{
    (void)state;
    App *app = open_app_cfg(NULL, false);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_DROPFILE;
    ev.drop.file = SDL_strdup(ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
    SDL_PushEvent(&ev);
    app_frame(app);
    assert_non_null(app->path);
    assert_non_null(strstr(app->path, "url-shortener.json"));
    /* With unsaved changes it asks first. */
    edit_place_node(app, NODE_CACHE, 0, 0);
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_DROPFILE;
    ev.drop.file = SDL_strdup(ARCHSIM_SOURCE_DIR "/scenarios/scale-api.json");
    SDL_PushEvent(&ev);
    app_frame(app);
    assert_int_equal(app->modal, MODAL_UNSAVED);
    assert_non_null(strstr(app->path, "url-shortener.json"));
    app_destroy(app);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(the_browser_opens_at_start_and_from_the_toolbar, setup),
        cmocka_unit_test_setup(a_preset_starts_from_its_starter_as_an_untitled_copy, setup),
        cmocka_unit_test_setup(the_reference_opens_only_past_the_spoiler_warning, setup),
        cmocka_unit_test_setup(unsaved_work_is_guarded_before_a_preset_replaces_it, setup),
        cmocka_unit_test_setup(the_language_is_shown_and_remembered, setup),
        cmocka_unit_test_setup(a_bad_settings_file_gives_the_defaults, setup),
        cmocka_unit_test(a_test_leaves_the_users_settings_alone),
        cmocka_unit_test(a_relative_xdg_folder_is_ignored),
        cmocka_unit_test_setup(the_requirements_tab_grades_a_run_and_goes_stale_on_edit, setup),
        cmocka_unit_test_setup(a_near_miss_reads_as_a_miss, setup),
        cmocka_unit_test_setup(scenario_events_are_marked_on_their_nodes, setup),
        cmocka_unit_test_setup(a_passing_design_is_remembered_in_the_browser, setup),
        cmocka_unit_test_setup(the_drawer_resizes_by_its_top_edge, setup),
        cmocka_unit_test_setup(the_scenario_numbers_are_editable_and_undoable, setup),
        cmocka_unit_test_setup(a_write_says_write_once, setup),
        cmocka_unit_test_setup(the_outcome_counts_verdicts_and_estimates, setup),
        cmocka_unit_test_setup(a_file_dropped_on_the_window_opens, setup),
        cmocka_unit_test_setup(a_blank_boards_event_finds_the_node_named_for_it, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
