/*
 * test_gui_sweep.c - the drawer's Sweep tab driven as a person would: fields typed, Run
 * sweep clicked, the chart and the knees drawn, a point clicked and shown on the board,
 * a sweep cancelled, a path that leads nowhere refused, the same figures as the CLI's.
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
#include "panel.h"
#include "sim/schema.h"
#include "gui_test.h"
#include "sim/sweep.h"
#include "sim/util.h"

#define URL ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json"
#define MM1 ARCHSIM_SOURCE_DIR "/tests/data/analysis/mm1-knee.json"

/* The app `width` x `height` in `lang` (NULL: the environment's), the Sweep tab open. */
static App *open_app_as(const char *file, int width, int height, const char *lang)
{
    AppConfig cfg = {.width = width, .height = height, .file = file, .autosave_ms = -1, .hidden = true, .lang = lang,
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json")};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    drawer_show(app, TAB_SWEEP);
    app->drawer_h = height > 800 ? 360 : 300;
    app_frame(app);
    app_frame(app);
    return app;
}

static App *open_app(const char *file) { return open_app_as(file, 1440, 900, NULL); }

static void type_into(App *app, const char *id, const char *text)
{
    Rect r;
    assert_true(ui_widget_rect(&app->ui, ui_id(id), &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, text);
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
}

/* The range typed into the tab: from, to, step, and the replications unless NULL. */
static void type_range(App *app, const char *from, const char *to, const char *step, const char *reps)
{
    type_into(app, "sw-from", from);
    type_into(app, "sw-to", to);
    type_into(app, "sw-step", step);
    if (reps) type_into(app, "sw-reps", reps);
}

static void click(App *app, const char *id)
{
    Rect r;
    assert_true(ui_widget_rect(&app->ui, ui_id(id), &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_frame(app);
}

static void wait_sweep(App *app)
{
    for (int k = 0; k < 200000 && app->sv.job; k++) {
        app_frame(app);
        SDL_Delay(2);
    }
    assert_null(app->sv.job);
}

/* From the tab: typed range, Run sweep, knees drawn, a point onto the board. */
static void a_sweep_from_the_tab_finds_the_knee_and_shows_a_point(void **state)
{
    (void)state;
    App *app = open_app(MM1);
    type_range(app, "0,9", "1.2", "0.1", "2"); /* a decimal comma, as every field takes it */
    click(app, "sw-run");
    assert_non_null(app->sv.job);
    assert_true(app_test_text_drawn(app, "Sweeping"));
    wait_sweep(app);
    app_frame(app);
    app_frame(app);
    const Sweep *s = app->sv.result;
    assert_non_null(s);
    assert_true(s->n_points >= 4); /* and the bisections' points */
    assert_true(app_test_text_drawn(app, "Knees"));
    assert_true(app_test_text_drawn(app, "job p99 <= 10 ms fails from"));
    assert_true(app_test_text_drawn(app, "job: p50 and p99 against the load multiplier"));
    /* the points' colours are every requirement's verdict, and the legend says so */
    assert_true(app_test_text_drawn(app, "all pass"));
    assert_true(app_test_text_drawn(app, "a requirement fails"));
    assert_true(app_screenshot(app, "gui-sweep.png"));
    /* The knee agrees with theory as the CLI's does (docs/analysis.md): 1.079. */
    const Knee *k = &s->knees[0];
    assert_true(k->found);
    assert_true(fabs(k->x - 1.079) < 0.05);
    /* Click the last point, then show it on the board. */
    int last = s->n_points - 1;
    Vec2 p = sweep_tab_point_pos(app, last);
    app_test_click(app, p.x, p.y);
    app_frame(app);
    assert_int_equal(app->sv.sel, last);
    assert_true(app_test_text_drawn(app, "At 1.2\xC3\x97 the load: p99"));
    click(app, "sw-show");
    assert_non_null(app->res);
    assert_true(fabs(app->res->mean->types[0][TF_THROUGHPUT_RPS] - 600) / 600 < 0.03); /* 1.2 x 500/s */
    assert_non_null(strstr(app->msg, "The board shows the sweep's point at 1.2\xC3\x97 the load"));
    assert_true(app_screenshot(app, "gui-sweep-point.png"));
    app_destroy(app);
}

/* The Save menu, there once a sweep has ended, writes it as archsim-cli sweep does
 * (--svg, --json, --csv, and the text it prints), each through the file dialog with its
 * own extension proposed. */
static void a_sweep_is_saved_as_the_cli_writes_it(void **state)
{
    (void)state;
    App *app = open_app(MM1);
    Rect r;
    assert_false(ui_widget_rect(&app->ui, ui_id("sw-save"), &r)); /* nothing to save yet */
    type_range(app, "0.5", "1", "0.25", "1");
    click(app, "sw-run");
    wait_sweep(app);
    app_frame(app);
    const Sweep *s = app->sv.result;
    assert_non_null(s);
    static const struct { FileMode mode; const char *ext; } cases[] = {
        {FILE_SWEEP_SVG, ".svg"}, {FILE_SWEEP_JSON, ".json"}, {FILE_SWEEP_CSV, ".csv"}, {FILE_SWEEP_TEXT, ".txt"}};
    char *want[4] = {sweep_svg(s, sweep_default_chart_type(s)), sweep_json(s), sweep_csv(s), sweep_text(s)};
    for (int k = 0; k < 4; k++) {
        assert_true(app_test_click_widget(app, "sw-save", -1));
        assert_true(app_test_click_widget(app, "sw-save", k));
        assert_int_equal(app->modal, MODAL_FILE);
        assert_int_equal(app->fd.mode, cases[k].mode);
        char proposed[64];
        snprintf(proposed, sizeof proposed, "mm1-knee-sweep%s", cases[k].ext);
        assert_string_equal(app->fd.name, proposed);
        char *got = gui_test_save_as_typed(app, gui_test_file("saved-sweep"), cases[k].ext);
        assert_non_null(got);
        assert_string_equal(got, want[k]);
        free(got);
        free(want[k]);
    }
    assert_true(strncmp(app->msg, "Saved ", 6) == 0);
    app_destroy(app);
}

/* While a sweep runs, its runs so far fill the chart: a dot per run, the limit drawn, and
 * the sweep's own chart once it ends. */
static void a_running_sweep_shows_its_runs_so_far(void **state)
{
    (void)state;
    App *app = open_app(MM1);
    type_range(app, "0.9", "1.2", "0.1", "30"); /* 4 points x 30 runs: long enough to watch */
    click(app, "sw-run");
    assert_non_null(app->sv.job);
    app_test_log_texts(app, true);
    bool seen = false, live = false;
    for (int k = 0; k < 200000 && app->sv.job && !seen; k++) {
        app_frame(app);
        live = app->sv.job != NULL; /* the frame was drawn while it ran */
        seen = live && app_test_text_drawn(app, "runs so far");
        if (!seen) SDL_Delay(2);
    }
    assert_true(seen);
    assert_true(app_test_text_drawn(app, "job: p50 and p99 of the"));
    assert_true(app_test_text_drawn(app, "job p99 <= 10 ms")); /* the limit */
    assert_true(app_test_text_drawn(app, "Each dot is one run"));
    assert_true(app_test_text_drawn(app, "p99, a requirement fails") || app_test_text_drawn(app, "p99, all pass"));
    assert_true(app_screenshot(app, "gui-sweep-live.png"));
    /* a long sweep says how long it has left, as a long run does */
    for (int k = 0; k < 100000 && app->sv.job && app->sv.progress <= 0.03; k++) {
        app_frame(app);
        SDL_Delay(2);
    }
    assert_non_null(app->sv.job); /* 120 runs: still running at 3% */
    app->sv.started_ms = SDL_GetTicks() - 600000; /* as if it had been running ten minutes */
    app_frame(app);
    assert_true(app_test_text_drawn(app, " left"));
    char t[96];
    assert_string_equal(panel_progress_text(0.4, 2, 0, false, "Sweeping", t, sizeof t), "Sweeping 40%");
    assert_string_equal(panel_progress_text(0.4, 60, 0, false, "Sweeping", t, sizeof t), "40% \xC2\xB7 1.5 min left");
    assert_string_equal(panel_progress_text(0.4, 60, 0, true, "Sweeping", t, sizeof t), "Cancelling 40%");
    assert_string_equal(panel_progress_text(0.01, 6, 100, false, "Running", t, sizeof t), "1% \xC2\xB7 1.6 min left");
    assert_string_equal(panel_progress_text(0.9, 60, 0, false, "Sweeping", t, sizeof t), "Sweeping 90%"); /* 7 s */
    wait_sweep(app);
    app_frame(app);
    app_frame(app);
    assert_non_null(app->sv.result);
    assert_null(app->sv.live);
    assert_false(app_test_text_drawn(app, "runs so far"));
    assert_true(app_test_text_drawn(app, "job: p50 and p99 against the load multiplier"));
    app_destroy(app);
}

/* The knees name the requirements in the language shown and in its number style, after a
 * switch of language too: a sweep made in Russian, read in Ukrainian, said "частка
 * помилок <= 0.1%" beside the Scenario panel's "0,1%" (the worker thread's style). */
static void the_knees_speak_the_language_switched_to(void **state)
{
    (void)state;
    char settings[128];
    snprintf(settings, sizeof settings, "%s", gui_test_file("settings.json"));
    AppConfig cfg = {.width = 1440, .height = 900, .file = URL, .autosave_ms = -1, .hidden = true, .lang = "ru",
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json"),
                     .settings_path = settings};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app->model->scenario.duration_s = 2; /* short points: the words are what is tested */
    app->model->scenario.warmup_s = 0.5;
    app->version++;
    drawer_show(app, TAB_SWEEP);
    app_frame(app);
    app_frame(app);
    type_range(app, "1", "2", "0,5", "1");
    click(app, "sw-run");
    wait_sweep(app);
    app_frame(app);
    app_test_log_texts(app, true);
    const char *langs[] = {"uk", "en", "ru"};
    const char *rate[] = {"0,1%", "0.1%", "0,1%"};
    for (int l = 0; l < 3; l++) {
        settings_set_lang(app, langs[l]);
        app_frame(app);
        app_frame(app);
        const Sweep *sw = app->sv.result;
        assert_non_null(sw);
        bool said = false;
        for (int q = 0; q < sw->n_requirements; q++) {
            const char *name = requirement_name_in(sw->requirement_names, sw->n_requirements, q, langs[l]);
            if (strstr(name, "0.1%") || strstr(name, "0,1%")) {
                assert_non_null(strstr(name, rate[l]));
                said = true;
            }
        }
        assert_true(said);
    }
    app_destroy(app);
    unlink(settings);
}

/* Cancel stops a long sweep at once; the tab says what could not start. */
static void cancel_and_refusals(void **state)
{
    (void)state;
    App *app = open_app(URL);
    type_range(app, "1", "3", "0.05", "5");
    click(app, "sw-run");
    assert_non_null(app->sv.job);
    SDL_Delay(200);
    app_frame(app);
    uint64_t t0 = SDL_GetPerformanceCounter();
    click(app, "sw-cancel");
    wait_sweep(app);
    double took = (double)(SDL_GetPerformanceCounter() - t0) / (double)SDL_GetPerformanceFrequency();
    fprintf(stderr, "cancel answered in %.3f s\n", took);
    assert_true(took < 2.0); /* a bound against a hang: it takes milliseconds */
    assert_non_null(app->sv.result);
    assert_true(app->sv.result->cancelled);
    /* A path into the design that leads nowhere is refused before anything runs. */
    int kind = SWEEP_FIELD;
    app->sv.kind = kind;
    app_frame(app);
    type_into(app, "sw-path", "nodes.ghost.instances");
    type_range(app, "1", "4", "1", NULL);
    click(app, "sw-run");
    assert_null(app->sv.job);
    assert_true(app_test_text_drawn(app, "no element with id or name 'ghost'"));
    /* And a range that is not one. */
    type_into(app, "sw-path", "nodes.api.instances");
    type_into(app, "sw-step", "0");
    click(app, "sw-run");
    assert_null(app->sv.job);
    assert_non_null(strstr(app->sv.error, "STEP must be above 0"));
    /* A field that is not a number says which. */
    type_into(app, "sw-step", "abc");
    click(app, "sw-run");
    assert_null(app->sv.job);
    assert_true(strncmp(app->sv.error, "step: ", 6) == 0);
    app_destroy(app);
}

/* "A number in the design": its path fills from, to and step around its value now,
 * whole values for a whole-number field (4 instances: 1 to 8 by 1; 0.25 to 2 gave six
 * points that could not load), a quarter to twice it for another number (a 20 ms edge:
 * 5 to 40 by 5); fractions for a whole-number field are refused before anything runs. */
static void a_number_in_the_design_gets_a_range_around_its_value(void **state)
{
    (void)state;
    App *app = open_app(URL);
    app->sv.kind = SWEEP_FIELD;
    app_frame(app);
    type_into(app, "sw-path", "nodes.api.instances");
    assert_string_equal(app->sv.from, "1");
    assert_string_equal(app->sv.to, "8");
    assert_string_equal(app->sv.step, "1");
    type_into(app, "sw-path", "edges[0].latency_ms");
    assert_string_equal(app->sv.from, "5");
    assert_string_equal(app->sv.to, "40");
    assert_string_equal(app->sv.step, "5");
    type_into(app, "sw-path", "nodes.api.service_ms.mean"); /* no value to read: left as they were */
    assert_string_equal(app->sv.from, "5");
    type_into(app, "sw-path", "nodes.api.workers");
    type_into(app, "sw-step", "0.5");
    click(app, "sw-run");
    assert_null(app->sv.job);
    assert_non_null(strstr(app->sv.error, "nodes.api.workers takes whole numbers"));
    app_destroy(app);
}

/* A number in the design is named as the board names it in the chart's title and the
 * point's status ("server · Instances", "src → server · Latency"), not by its path. */
static void a_swept_number_is_named_as_the_board_names_it(void **state)
{
    (void)state;
    App *app = open_app(MM1);
    app->sv.kind = SWEEP_FIELD;
    app_frame(app);
    type_into(app, "sw-path", "nodes.server.workers");
    type_range(app, "1", "2", "1", "1");
    click(app, "sw-run");
    wait_sweep(app);
    app_frame(app);
    app_frame(app);
    assert_non_null(app->sv.result);
    assert_true(app_test_text_drawn(app, "job: p50 and p99 by server \xC2\xB7 Workers / instance"));
    assert_false(app_test_text_drawn(app, "job: p50 and p99 by nodes.server.workers"));
    type_into(app, "sw-path", "edges[0].latency_ms");
    type_range(app, "0", "2", "1", "1");
    click(app, "sw-run");
    wait_sweep(app);
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "job: p50 and p99 by src \xE2\x86\x92 server \xC2\xB7 Latency"));
    app_destroy(app);
}

/* With a node selected on the board, choosing "A number in the design" sweeps that
 * node's instances, its range filled around them. */
static void a_selected_node_gives_the_number_to_sweep(void **state)
{
    (void)state;
    App *app = open_app(URL);
    assert_true(sel_node_by_id(app, "api"));
    app_frame(app);
    click(app, "sw-kind");
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 30, pr.y + 4 + 26 * 2 + 13); /* the third item */
    app_frame(app);
    assert_int_equal(app->sv.kind, SWEEP_FIELD);
    assert_string_equal(app->sv.path, "nodes.api.instances");
    assert_string_equal(app->sv.from, "1");
    assert_string_equal(app->sv.to, "8");
    app_destroy(app);
}

/* "A number in the design" follows the board: the node or edge selected there is the one
 * varied, named in the row with its number's human name; the dropdown picks another of
 * its numbers; another selection moves the path to the same number of the new element. */
static void the_number_to_sweep_is_picked_on_the_board(void **state)
{
    (void)state;
    App *app = open_app(URL);
    app->sv.kind = SWEEP_FIELD;
    app_frame(app);
    assert_true(app_test_text_drawn(app, "select a node or an edge on the board"));
    assert_true(sel_node_by_id(app, "db"));
    app_frame(app);
    app_frame(app);
    assert_string_equal(app->sv.path, "nodes.db.shards"); /* a database has no instances: its first number */
    assert_true(app_test_text_drawn(app, "Links DB"));
    /* its pool instead, from the dropdown of its numbers */
    click(app, "sw-field");
    Rect pr = app->ui.popup_rect;
    int k = 0, pool = -1;
    for (const FieldDesc *f = schema_node_fields; f->name; f++)
        if ((f->type == FT_INT || f->type == FT_NUMBER) && strcmp(f->name, "x") && strcmp(f->name, "y") &&
            schema_applies(f, NODE_DATABASE)) {
            if (strcmp(f->name, "pool") == 0) pool = k;
            k++;
        }
    assert_true(pool >= 0);
    app_test_click(app, pr.x + 30, pr.y + 4 + 26 * (float)pool + 13);
    app_frame(app);
    assert_string_equal(app->sv.path, "nodes.db.pool");
    double pool_now = 0;
    assert_true(sweep_path_value(app->model, "nodes.db.pool", &pool_now));
    char to[32];
    snprintf(to, sizeof to, "%g", 2 * pool_now);
    assert_string_equal(app->sv.to, to); /* a range around its value */
    app_screenshot(app, "gui-sweep-pick.png");
    /* another node: its pool too where it has one (a service has none), else its instances */
    sel_clear(app);
    assert_true(sel_node_by_id(app, "api"));
    app_frame(app);
    assert_string_equal(app->sv.path, "nodes.api.instances");
    /* an edge: its first number, the latency */
    sel_clear(app);
    app->sel_edge[0] = 1;
    app_frame(app);
    assert_string_equal(app->sv.path, "edges[0].latency_ms");
    assert_true(app_test_text_drawn(app, "\xE2\x86\x92")); /* "Browsers → Load balancer" */
    /* a typed path stays while the selection does not change */
    type_into(app, "sw-path", "scenario.warmup_s");
    app_frame(app);
    assert_string_equal(app->sv.path, "scenario.warmup_s");
    app_destroy(app);
}

/* The tab's controls flow onto more lines where the window is narrow and the words long
 * (1024 wide, Russian and Ukrainian): every one stays inside the drawer. */
static void the_controls_stay_in_the_drawer_when_narrow(void **state)
{
    (void)state;
    const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        App *app = open_app_as(URL, 1024, 768, langs[l]);
        app->ui.audit = true;
        app_frame(app); /* what to vary reads whole: "Load (every request ty…" was cut */
        Rect kind_rc;
        assert_true(ui_widget_rect(&app->ui, ui_id("sw-kind"), &kind_rc));
        for (int a = 0; a < app->ui.n_audit; a++)
            assert_false(app->ui.audit_items[a].kind == UI_AUDIT_CUT && rect_contains(kind_rc, app->ui.audit_items[a].rc.x + 1,
                                                                                       app->ui.audit_items[a].rc.y + 1));
        app->sv.kind = SWEEP_FIELD;
        assert_true(sel_node_by_id(app, "lb"));
        app_frame(app);
        app_frame(app);
        assert_string_equal(app->sv.path, "nodes.lb.instances");
        float left = app->canvas_rc.x, right = app->canvas_rc.x + app->canvas_rc.w;
        const char *const ids[] = {"sw-kind", "sw-field", "sw-path", "sw-from", "sw-to", "sw-step", "sw-reps", "sw-run"};
        for (size_t k = 0; k < sizeof ids / sizeof *ids; k++) {
            Rect r;
            assert_true(ui_widget_rect(&app->ui, ui_id(ids[k]), &r));
            if (r.x < left || r.x + r.w > right) fprintf(stderr, "%s: %s at %.0f..%.0f, the drawer %.0f..%.0f\n", langs[l], ids[k], r.x, r.x + r.w, left, right);
            assert_true(r.x >= left && r.x + r.w <= right);
        }
        app_destroy(app);
    }
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_swept_number_is_named_as_the_board_names_it),
        cmocka_unit_test(a_sweep_from_the_tab_finds_the_knee_and_shows_a_point),
        cmocka_unit_test(a_running_sweep_shows_its_runs_so_far),
        cmocka_unit_test(a_sweep_is_saved_as_the_cli_writes_it),
        cmocka_unit_test(cancel_and_refusals),
        cmocka_unit_test(the_knees_speak_the_language_switched_to),
        cmocka_unit_test(a_number_in_the_design_gets_a_range_around_its_value),
        cmocka_unit_test(a_selected_node_gives_the_number_to_sweep),
        cmocka_unit_test(the_number_to_sweep_is_picked_on_the_board),
        cmocka_unit_test(the_controls_stay_in_the_drawer_when_narrow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
