/*
 * test_gui_compare.c - the drawer's Compare tab as a person uses it: run, change the
 * design, compare with the last run's design on the same seeds; compare with a file
 * picked in the file dialog; the verdicts agree with archsim-cli compare's.
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
#include "sim/compare.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/tr.h"
#include "sim/util.h"
#include "undo.h"

#define MMC2 ARCHSIM_SOURCE_DIR "/tests/data/analysis/mmc2.json"

static App *open_app(const char *file)
{
    AppConfig cfg = {.width = 1440, .height = 900, .file = file, .autosave_ms = -1, .hidden = true,
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json")};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    return app;
}

static void wait_for(App *app, bool (*busy)(const App *))
{
    for (int k = 0; k < 200000 && busy(app); k++) {
        app_frame(app);
        SDL_Delay(2);
    }
    assert_false(busy(app));
}

static bool running(const App *app) { return run_active(app); }
static bool comparing(const App *app) { return app->cv.job != NULL; }

static void click(App *app, const char *id)
{
    Rect r;
    app_frame(app);
    assert_true(ui_widget_rect(&app->ui, ui_id(id), &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_frame(app);
}

/* One more server: an edit, as the inspector makes it (one undo step). */
static void set_workers(App *app, int workers)
{
    Model *after = model_clone(app->model);
    after->nodes[model_find_node(after, "server")].workers = workers;
    Command c;
    cmd_init(&c, "Workers");
    cmd_model_diff(&c, app->model, after);
    app_commit(app, &c);
    model_destroy(after);
}

/* Run the design for `duration_s`, add a server (B), and open the Compare tab on it. */
static void run_then_add_a_server(App *app, double duration_s)
{
    app->model->scenario.duration_s = duration_s;
    assert_true(run_start(app));
    wait_for(app, running);
    set_workers(app, 3);
    drawer_show(app, TAB_COMPARE);
    app->drawer_h = 420;
    app_frame(app); /* the tab's defaults */
}

/* A figure more than twice A's is said as so many times A, as archsim-cli compare says
 * it ("worse by 200%" told little): three servers' cost against one. */
static void a_figure_past_twice_as_large_says_so_many_times(void **state)
{
    (void)state;
    App *app = open_app(MMC2);
    app->model->scenario.duration_s = 20;
    assert_true(run_start(app));
    wait_for(app, running);
    Model *after = model_clone(app->model);
    after->nodes[model_find_node(after, "server")].instances = 3;
    Command c;
    cmd_init(&c, "Instances");
    cmd_model_diff(&c, app->model, after);
    app_commit(app, &c);
    model_destroy(after);
    drawer_show(app, TAB_COMPARE);
    app->drawer_h = 420;
    app_frame(app);
    click(app, "cmp-run");
    wait_for(app, comparing);
    app_frame(app);
    assert_non_null(app->cv.result);
    assert_true(fabs(app->cv.result->cost_b_usd - 3 * app->cv.result->cost_a_usd) < 1e-6);
    assert_true(app_test_text_drawn(app, "worse: 3 times A"));
    assert_false(app_test_text_drawn(app, "worse by 200%"));
    app_destroy(app);
}

static void compare_with_the_last_run(void **state)
{
    (void)state;
    App *app = open_app(MMC2);
    /* Nothing to compare with before a run: said so. */
    drawer_show(app, TAB_COMPARE);
    app->drawer_h = 420;
    click(app, "cmp-run");
    assert_non_null(strstr(app->cv.error, "No run yet"));
    /* Run (shorter), add a server, compare. */
    run_then_add_a_server(app, 50);
    click(app, "cmp-run");
    assert_non_null(app->cv.job);
    wait_for(app, comparing);
    app_frame(app);
    const Comparison *c = app->cv.result;
    assert_non_null(c);
    assert_int_equal(c->reps, 10);
    /* B (the board: 3 servers) is better than A (the run's 2) on p99, significantly. */
    const Difference *d = &c->types[0][CMP_P99_MS];
    assert_true(d->significant && d->diff < 0);
    assert_true(app_test_text_drawn(app, "A: the design of the last run"));
    assert_true(app_test_text_drawn(app, "better by"));
    /* every interval is in a unit, as its difference is ("-5.04 s ± 25" was ms unsaid) */
    app_test_log_texts(app, true);
    app_frame(app);
    int intervals = 0;
    for (int i = 0; app_test_drawn_text(app, i); i++) {
        const char *pm = strstr(app_test_drawn_text(app, i), "\xC2\xB1 ");
        if (!pm) continue;
        intervals++;
        const char *half = pm + 3, *end = half + strlen(half);
        if (!(end > half && (end[-1] == 's' || end[-1] == 't'))) fprintf(stderr, "no unit: \"%s\"\n", app_test_drawn_text(app, i));
        assert_true(end > half && (end[-1] == 's' || end[-1] == 't')); /* ms, s, /s, pt */
    }
    assert_true(intervals >= 4);
    assert_true(app_test_text_drawn(app, "(A fails, B passes)"));
    /* the cost is a row with its verdict: a worker more costs nothing more here */
    assert_true(c->cost_a_usd == c->cost_b_usd);
    assert_true(app_test_text_drawn(app, "   per month"));
    assert_true(app_test_text_drawn(app, "the same"));
    assert_true(app_screenshot(app, "gui-compare.png"));
    /* Save writes it as archsim-cli compare does: its text, and its --json */
    static const struct { FileMode mode; const char *ext; } cases[] = {{FILE_COMPARE_TEXT, ".txt"},
                                                                        {FILE_COMPARE_JSON, ".json"}};
    char *want[2] = {compare_text(c), compare_json(c)};
    for (int k = 0; k < 2; k++) {
        assert_true(app_test_click_widget(app, "cmp-save", -1));
        assert_true(app_test_click_widget(app, "cmp-save", k));
        assert_int_equal(app->modal, MODAL_FILE);
        assert_int_equal(app->fd.mode, cases[k].mode);
        assert_non_null(strstr(app->fd.name, "-compare"));
        char *got = gui_test_save_as_typed(app, gui_test_file("saved-compare"), cases[k].ext);
        assert_non_null(got);
        assert_string_equal(got, want[k]);
        free(got);
        free(want[k]);
    }
    app_destroy(app);
}

/* While a comparison runs, the tab shows each design's runs so far and its p99 over them,
 * not the text of an empty tab; the comparison's table replaces them when it ends. */
static void a_running_comparison_shows_its_runs_so_far(void **state)
{
    (void)state;
    App *app = open_app(MMC2);
    run_then_add_a_server(app, 50);
    Rect r; /* 100 replications typed in: 200 runs, long enough to watch */
    assert_true(ui_widget_rect(&app->ui, ui_id("cmp-reps"), &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "100");
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    assert_string_equal(app->cv.reps, "100");
    click(app, "cmp-run");
    assert_non_null(app->cv.job);
    bool seen = false;
    for (int k = 0; k < 200000 && app->cv.job && !seen; k++) {
        app_frame(app);
        seen = app->cv.job && app_test_text_drawn(app, "So far: A has run");
        if (!seen) SDL_Delay(2);
    }
    assert_true(seen);
    assert_true(app_test_text_drawn(app, "p99 of A so far"));
    assert_true(app_test_text_drawn(app, " of 100 times, B "));
    assert_false(app_test_text_drawn(app, "Is the design on the board better"));
    assert_true(app_screenshot(app, "gui-compare-live.png"));
    wait_for(app, comparing);
    app_frame(app);
    assert_non_null(app->cv.result);
    assert_null(app->cv.live);
    assert_false(app_test_text_drawn(app, "So far:"));
    assert_true(app_test_text_drawn(app, "A: the design of the last run"));
    app_destroy(app);
}

/* With a file: picked in the file dialog, then compared; a file whose clients do not
 * match the scenario is refused with the validator's words. */
static void compare_with_a_file(void **state)
{
    (void)state;
    App *app = open_app(MMC2);
    drawer_show(app, TAB_COMPARE);
    app->drawer_h = 420;
    app->cv.against = 1;
    click(app, "cmp-file");
    assert_int_equal(app->modal, MODAL_FILE);
    assert_int_equal(app->fd.mode, FILE_COMPARE);
    compare_tab_set_file(app, ARCHSIM_SOURCE_DIR "/tests/data/analysis/mm1-knee.json");
    app->modal = MODAL_NONE;
    app_frame(app);
    assert_true(app_test_text_drawn(app, "mm1-knee.json"));
    click(app, "cmp-run");
    assert_non_null(app->cv.job);
    wait_for(app, comparing);
    app_frame(app);
    assert_non_null(app->cv.result);
    /* mm1-knee has one server: under this scenario (1,600/s) it is overloaded, so the
     * board's two servers are far better. */
    assert_true(app->cv.result->types[0][CMP_P99_MS].diff < 0);
    /* A file sending from another client cannot run under this scenario. */
    compare_tab_set_file(app, ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
    click(app, "cmp-run");
    assert_null(app->cv.job);
    fprintf(stderr, "refused: %s\n", app->cv.error);
    assert_non_null(strstr(app->cv.error, "cannot run under this scenario"));
    app_destroy(app);
}

/* A consumer-lag requirement's figures in their units: the Kafka starter on the board
 * against its reference read "28.2 ms" for a lag of 28.2 s and "84.3 s" for 84,308
 * messages. */
static void a_lag_is_compared_in_seconds_and_messages(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/kafka-partitions.json");
    app->model->scenario.duration_s = 10;
    drawer_show(app, TAB_COMPARE);
    app->drawer_h = 600;
    app->cv.against = 1;
    compare_tab_set_file(app, ARCHSIM_SOURCE_DIR "/scenarios/kafka-partitions.json");
    app_frame(app);
    click(app, "cmp-run");
    wait_for(app, comparing);
    app_frame(app);
    const Comparison *c = app->cv.result;
    assert_non_null(c);
    int secs = -1, msgs = -1;
    for (int q = 0; q < c->n_requirements; q++) {
        if (c->req_metric[q] == METRIC_MAX_LAG_S) secs = q;
        if (c->req_metric[q] == METRIC_MAX_LAG_MESSAGES) msgs = q;
    }
    assert_true(secs >= 0 && msgs >= 0);
    char want[NUMFMT_CAP + 8], bad[NUMFMT_CAP + 8];
    /* the board's starter is B (the file A): its lag is seconds long, thousands of messages */
    assert_true(c->requirements[secs].b > 1 && c->requirements[msgs].b > 1000);
    numfmt_ms_in(c->requirements[secs].b * 1000, "en", want, sizeof want);
    assert_true(app_test_text_drawn(app, want));
    numfmt_count(c->requirements[msgs].b, want, sizeof want);
    assert_true(app_test_text_drawn(app, want));
    numfmt_ms_in(c->requirements[msgs].b, "en", bad, sizeof bad);
    assert_false(app_test_text_drawn(app, bad));
    app_destroy(app);
}

/* The tab's controls flow onto a second line at 1024 wide in Russian and Ukrainian: the
 * Compare button ran into the inspector. Every one stays inside the drawer, with a file
 * to compare with chosen too. */
static void the_controls_stay_in_the_drawer_when_narrow(void **state)
{
    (void)state;
    const char *const langs[] = {"ru", "uk"};
    for (int l = 0; l < 2; l++)
        for (int against = 0; against < 2; against++) {
            AppConfig cfg = {.width = 1024, .height = 768, .file = MMC2, .autosave_ms = -1, .hidden = true,
                             .lang = langs[l], .no_recovery = true,
                             .recovery_path = gui_test_file("recovery.json")};
            App *app = app_create(&cfg);
            assert_non_null(app);
            app_frame(app);
            drawer_show(app, TAB_COMPARE);
            app->cv.against = against;
            app_test_log_texts(app, true);
            app_frame(app);
            app_frame(app);
            /* the button says what it does, the tab what it shows ("Порівняння" was both) */
            const char *button[] = {"\xD0\xA1\xD1\x80\xD0\xB0\xD0\xB2\xD0\xBD\xD0\xB8\xD1\x82\xD1\x8C", /* Сравнить */
                                    "\xD0\x9F\xD0\xBE\xD1\x80\xD1\x96\xD0\xB2\xD0\xBD\xD1\x8F\xD1\x82\xD0\xB8"}; /* Порівняти */
            assert_true(app_test_text_exact(app, button[l]));
            float left = app->canvas_rc.x, right = app->canvas_rc.x + app->canvas_rc.w;
            const char *const ids[] = {"cmp-against", "cmp-file", "cmp-reps", "cmp-run"};
            for (size_t k = 0; k < 4; k++) {
                Rect r;
                if (k == 1 && !against) continue;
                assert_true(ui_widget_rect(&app->ui, ui_id(ids[k]), &r));
                assert_true(r.x >= left && r.x + r.w <= right);
            }
            app_destroy(app);
        }
}

/* The count of replications agrees with its noun in Russian ("по 3 прогонов" was written
 * for every count): in the status line and in the table's heading. */
static void the_replications_are_counted_in_the_language(void **state)
{
    (void)state;
    AppConfig cfg = {.width = 1440, .height = 900, .file = MMC2, .autosave_ms = -1, .hidden = true, .lang = "ru",
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json")};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    run_then_add_a_server(app, 20);
    snprintf(app->cv.reps, sizeof app->cv.reps, "3");
    click(app, "cmp-run");
    assert_non_null(app->cv.job);
    wait_for(app, comparing);
    app_test_log_texts(app, true);
    app_frame(app);
    assert_int_equal(app->cv.result->reps, 3);
    const char *three = "\xD0\xBF\xD0\xBE 3 \xD0\xBF\xD1\x80\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xBD\xD0\xB0 "; /* "по 3 прогона " */
    assert_non_null(strstr(app->msg, three));
    assert_true(app_test_text_drawn(app, three));
    /* the rows' names too: "throughput" and "errors" were drawn in English */
    char row[80];
    snprintf(row, sizeof row, "   %s", tr_in("ru", "throughput"));
    assert_true(app_test_text_drawn(app, row));
    snprintf(row, sizeof row, "   %s", tr_in("ru", "errors"));
    assert_true(app_test_text_drawn(app, row));
    assert_false(app_test_text_drawn(app, "throughput"));
    assert_false(app_test_text_drawn(app, "   errors"));
    app_destroy(app);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compare_with_the_last_run),
        cmocka_unit_test(a_figure_past_twice_as_large_says_so_many_times),
        cmocka_unit_test(compare_with_a_file),
        cmocka_unit_test(a_lag_is_compared_in_seconds_and_messages),
        cmocka_unit_test(a_running_comparison_shows_its_runs_so_far),
        cmocka_unit_test(the_controls_stay_in_the_drawer_when_narrow),
        cmocka_unit_test(the_replications_are_counted_in_the_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
