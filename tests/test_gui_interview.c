/*
 * test_gui_interview.c - the mock-interview mode driven like a user would: the toolbar's
 * Interview button opens the settings card, typed minutes are validated and saved in
 * the settings file (a new App reads them back), the timer counts down, Pause stops it
 * exactly, a phase that runs out counts its overtime instead of moving on, Next and
 * Back walk the phases (Estimate opens the drawer's Estimates tab, 0-minute phases are
 * skipped), Stop ends it, and the summary follows the last phase.
 *
 * The interview's clock is app->now_ms + iv.clock_skew_ms: the tests move it on by
 * adding to the skew. Real time passes too while frames are drawn, so checks of elapsed
 * time allow a few seconds of it. Each test uses its own settings file in a temporary
 * folder, never the user's. Screenshots: gui-interview*.png in the working directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "gui_test.h"
#include "sim/util.h"

#define TWITTER ARCHSIM_SOURCE_DIR "/scenarios/twitter-timeline.json"
#define OVERLOADED ARCHSIM_SOURCE_DIR "/tests/data/gui/twitter-overloaded.json"
#define SLACK_MS 5000 /* real time that may pass between two checks (sanitizer builds are slow) */

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/archsim-gui-iv-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int cleanup(void **state)
{
    (void)state;
    if (tmpdir[0] && strncmp(tmpdir, "/tmp/archsim-gui-iv-", 20) == 0) {
        char *cmd = xasprintf("rm -rf '%s'", tmpdir);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
        free(cmd);
    }
    tmpdir[0] = 0;
    return 0;
}

static char *tmp_path(const char *name) { return xasprintf("%s/%s", tmpdir, name); }

static App *open_app_sized(const char *file, int w, int h)
{
    char *settings = tmp_path("settings.json"), *rec = tmp_path("recovery.json");
    AppConfig cfg = {.width = w, .height = h, .file = file, .autosave_ms = -1, .hidden = true,
                     .no_recovery = true, .recovery_path = rec, .settings_path = settings};
    App *app = app_create(&cfg);
    free(settings);
    free(rec);
    assert_non_null(app);
    app_frame(app);
    return app;
}

static App *open_app(const char *file) { return open_app_sized(file, 1280, 800); }

static void click_rect(App *app, Rect rc)
{
    assert_true(rc.w > 0 && rc.h > 0);
    app_test_click(app, rc.x + rc.w / 2, rc.y + rc.h / 2);
}

/* Move the interview's clock on by `ms` and draw a frame. */
static void advance(App *app, uint32_t ms)
{
    app->iv.clock_skew_ms += ms;
    app_frame(app);
}

/* Type `text` into the minutes field of phase k and press `key` (Enter or Tab). */
static void type_minutes(App *app, int k, const char *text, SDL_Keycode key)
{
    click_rect(app, app->iv.field_rc[k]);
    app_test_text(app, text);
    app_test_key(app, key, 0);
}

static void open_settings(App *app)
{
    assert_true(app_test_click_widget(app, "tb-interview", -1));
    assert_int_equal(app->modal, MODAL_INTERVIEW);
}

static void start_from_settings(App *app)
{
    open_settings(app);
    app_test_key(app, SDLK_RETURN, 0); /* Enter starts */
    assert_int_equal(app->modal, MODAL_NONE);
    assert_true(app->iv.active);
}

/* ---- the settings card --------------------------------------------------------------------- */

static void interview_button_opens_the_settings_card_with_the_45_minute_plan(void **state)
{
    (void)state;
    App *app = open_app(TWITTER);
    static const int minutes[IV_PHASES] = {5, 5, 15, 15, 5};
    for (int k = 0; k < IV_PHASES; k++) assert_int_equal(app->iv.phase_s[k], minutes[k] * 60);
    assert_int_equal(interview_planned_s(&app->iv), 45 * 60);
    open_settings(app);
    assert_false(app->iv.active);
    for (int k = 0; k < IV_PHASES; k++) {
        assert_true(app->iv.field_rc[k].w > 0);
        assert_true(strlen(interview_phase_hint(k)) > 40);
    }
    app_draw(app);
    assert_true(app_screenshot(app, "gui-interview-settings.png"));
    /* Escape cancels: nothing starts. */
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_false(app->iv.active);
    /* So does Cancel; Start starts. */
    open_settings(app);
    assert_true(app_test_click_widget(app, "iv-cancel", -1));
    assert_int_equal(app->modal, MODAL_NONE);
    assert_false(app->iv.active);
    open_settings(app);
    assert_true(app_test_click_widget(app, "iv-start", -1));
    assert_int_equal(app->modal, MODAL_NONE);
    assert_true(app->iv.active);
    app_destroy(app);
}

static void typed_minutes_are_validated_saved_and_read_back(void **state)
{
    (void)state;
    App *app = open_app(NULL);
    open_settings(app);
    /* Not a number: refused with a message, nothing changes, Start waits for a fix. */
    type_minutes(app, IV_DEEP_DIVE, "abc", SDLK_RETURN);
    assert_int_equal(app->modal, MODAL_INTERVIEW);
    assert_int_equal(app->iv.phase_s[IV_DEEP_DIVE], 15 * 60);
    assert_int_equal(app->iv.error_phase, IV_DEEP_DIVE);
    assert_non_null(strstr(app->iv.error, "Deep dive"));
    assert_non_null(strstr(app->iv.error, "not a number"));
    app_test_key(app, SDLK_RETURN, 0);
    assert_false(app->iv.active);
    assert_int_equal(app->modal, MODAL_INTERVIEW);
    assert_true(app_test_text_drawn(app, "not a number"));
    app_draw(app);
    assert_true(app_screenshot(app, "gui-interview-settings-error.png"));
    char *settings = tmp_path("settings.json");
    assert_int_equal(access(settings, F_OK), -1); /* nothing was saved */
    /* Out of range, negative: refused too. */
    type_minutes(app, IV_DEEP_DIVE, "150", SDLK_TAB);
    assert_int_equal(app->iv.phase_s[IV_DEEP_DIVE], 15 * 60);
    assert_non_null(strstr(app->iv.error, "more than 120"));
    type_minutes(app, IV_DEEP_DIVE, "-3", SDLK_TAB);
    assert_int_equal(app->iv.phase_s[IV_DEEP_DIVE], 15 * 60);
    assert_int_equal(app->iv.error_phase, IV_DEEP_DIVE);
    /* A decimal (with a comma) is fine and clears the message; it is saved at once. */
    type_minutes(app, IV_DEEP_DIVE, "12,5", SDLK_TAB);
    assert_int_equal(app->iv.phase_s[IV_DEEP_DIVE], 750);
    assert_int_equal(app->iv.error_phase, -1);
    assert_string_equal(app->iv.error, "");
    type_minutes(app, IV_ESTIMATE, "0", SDLK_TAB);
    type_minutes(app, IV_CLARIFY, "7 min", SDLK_TAB);
    assert_int_equal(app->iv.phase_s[IV_CLARIFY], 420);
    assert_int_equal(app->iv.phase_s[IV_ESTIMATE], 0);
    assert_int_equal(interview_planned_s(&app->iv), 420 + 0 + 900 + 750 + 300);
    app_draw(app);
    assert_true(app_screenshot(app, "gui-interview-settings-edited.png"));
    /* Tab moved on to the next field: the first Escape leaves it, the second the card. */
    assert_true(ui_has_focus(&app->ui));
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_INTERVIEW);
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_false(app->iv.active);

    /* The file holds them; a new App with the same settings reads them back. */
    size_t len = 0;
    char *text = read_file(settings, &len);
    assert_non_null(text);
    cJSON *root = cJSON_Parse(text);
    const cJSON *ph = cJSON_GetObjectItemCaseSensitive(root, "interview_phase_s");
    assert_true(cJSON_IsArray(ph));
    assert_int_equal(cJSON_GetArraySize(ph), IV_PHASES);
    assert_int_equal(cJSON_GetArrayItem(ph, IV_CLARIFY)->valueint, 420);
    assert_int_equal(cJSON_GetArrayItem(ph, IV_ESTIMATE)->valueint, 0);
    assert_int_equal(cJSON_GetArrayItem(ph, IV_DEEP_DIVE)->valueint, 750);
    cJSON_Delete(root);
    free(text);
    app_destroy(app);
    app = open_app(NULL);
    assert_int_equal(app->iv.phase_s[IV_CLARIFY], 420);
    assert_int_equal(app->iv.phase_s[IV_ESTIMATE], 0);
    assert_int_equal(app->iv.phase_s[IV_DESIGN], 900);
    assert_int_equal(app->iv.phase_s[IV_DEEP_DIVE], 750);
    assert_int_equal(app->iv.phase_s[IV_TRADEOFFS], 300);

    /* "Reset to 45 min" brings the usual plan back, and saves it. */
    open_settings(app);
    assert_true(app_test_click_widget(app, "iv-reset", -1));
    assert_int_equal(interview_planned_s(&app->iv), 45 * 60);
    app_test_key(app, SDLK_ESCAPE, 0);
    app_destroy(app);
    app = open_app(NULL);
    assert_int_equal(app->iv.phase_s[IV_DEEP_DIVE], 15 * 60);
    assert_int_equal(app->iv.phase_s[IV_ESTIMATE], 5 * 60);
    app_destroy(app);
    free(settings);
}

static void minutes_parse_whole_and_decimal_numbers_from_0_to_120(void **state)
{
    (void)state;
    char why[120];
    int s = -1;
    assert_true(interview_parse_minutes("5", &s, why, sizeof why));
    assert_int_equal(s, 300);
    assert_true(interview_parse_minutes(" 2.25 ", &s, why, sizeof why));
    assert_int_equal(s, 135);
    assert_true(interview_parse_minutes("0", &s, why, sizeof why));
    assert_int_equal(s, 0);
    assert_true(interview_parse_minutes("120m", &s, why, sizeof why));
    assert_int_equal(s, 7200);
    static const char *const bad[] = {"", "abc", "-1", "120.5", "1e2", "0x10", "5..5", "nan", "inf", ".", "5 s"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        s = -1;
        assert_false(interview_parse_minutes(bad[i], &s, why, sizeof why));
        assert_int_equal(s, -1);
        assert_true(strlen(why) > 0);
    }
    char t[32];
    interview_fmt_clock(300000, true, t, sizeof t);
    assert_string_equal(t, "5:00");
    interview_fmt_clock(299001, true, t, sizeof t);
    assert_string_equal(t, "5:00");
    interview_fmt_clock(299000, true, t, sizeof t);
    assert_string_equal(t, "4:59");
    interview_fmt_clock(-42900, false, t, sizeof t);
    assert_string_equal(t, "0:42");
    interview_fmt_clock(3723000, false, t, sizeof t);
    assert_string_equal(t, "1:02:03");
}

/* ---- the timer ------------------------------------------------------------------------------ */

static void clock_counts_down_pauses_exactly_and_counts_overtime(void **state)
{
    (void)state;
    App *app = open_app(TWITTER);
    start_from_settings(app);
    Interview *iv = &app->iv;
    assert_int_equal(iv->phase, IV_CLARIFY);
    assert_true(iv->card_rc.w > 0);
    char clock[48];
    interview_clock_text(app, clock, sizeof clock);
    assert_true(strcmp(clock, "5:00") == 0 || strcmp(clock, "4:59") == 0 || strcmp(clock, "4:58") == 0);
    assert_true(app_test_text_drawn(app, "Clarify requirements"));
    assert_true(app_test_text_drawn(app, "1 of 5 \xC2\xB7 "));
    assert_true(app_test_text_drawn(app, "left in all"));
    /* The card sits at the top of the board and is compact. */
    Rect cv = app->canvas_rc, card = iv->card_rc;
    assert_true(card.y >= cv.y && card.y < cv.y + 20);
    assert_true(card.x >= cv.x && card.x + card.w <= cv.x + cv.w);
    assert_true(card.w <= 500 && card.h <= 70);

    /* It counts down. */
    advance(app, 65000);
    int64_t e = interview_phase_elapsed_ms(app);
    assert_in_range(e, 65000, 65000 + SLACK_MS);
    assert_in_range(interview_phase_left_ms(app), 300000 - 65000 - SLACK_MS, 300000 - 65000);

    /* Pause: the clock stands exactly still, however long it waits. */
    click_rect(app, iv->btn_rc[IV_BTN_PAUSE]);
    assert_true(iv->paused);
    int64_t frozen = interview_phase_elapsed_ms(app), used = interview_used_ms(app);
    advance(app, 600000);
    SDL_Delay(20);
    app_frame(app);
    assert_int_equal(interview_phase_elapsed_ms(app), frozen);
    assert_int_equal(interview_used_ms(app), used);
    app_test_mouse_move(app, app->canvas_rc.x + 20, app->canvas_rc.y + app->canvas_rc.h - 80);
    app_draw(app);
    assert_true(app_screenshot(app, "gui-interview-paused.png"));
    /* Resume goes on from there. */
    click_rect(app, iv->btn_rc[IV_BTN_PAUSE]);
    assert_false(iv->paused);
    advance(app, 10000);
    assert_in_range(interview_phase_elapsed_ms(app), frozen + 10000, frozen + 10000 + SLACK_MS);

    /* Run out: the phase stays, the card turns amber and counts the overtime; the
     * status bar says so once. */
    app->msg[0] = 0;
    advance(app, 300000 - 65000 - 10000 + 42500);
    assert_int_equal(iv->phase, IV_CLARIFY);
    assert_true(interview_phase_left_ms(app) < 0);
    interview_clock_text(app, clock, sizeof clock);
    assert_true(clock[0] == '+');
    assert_non_null(strstr(clock, " over"));
    assert_non_null(strstr(app->msg, "Time is up for Clarify requirements"));
    assert_true(app_test_text_drawn(app, "+0:4")); /* the card counts up: +0:42, +0:43 ... */
    assert_true(app_test_text_drawn(app, "over"));
    int64_t over = -interview_phase_left_ms(app);
    assert_in_range(over, 42500, 42500 + 2 * SLACK_MS);
    app->msg[0] = 0;
    advance(app, 5000);
    assert_string_equal(app->msg, ""); /* said once */
    assert_in_range(-interview_phase_left_ms(app), over + 5000, over + 5000 + SLACK_MS);
    app_test_mouse_move(app, app->canvas_rc.x + 20, app->canvas_rc.y + app->canvas_rc.h - 80);
    app_draw(app);
    assert_true(app_screenshot(app, "gui-interview-overtime.png"));
    app_destroy(app);
}

static void next_and_back_walk_the_phases_and_estimate_opens_its_tab(void **state)
{
    (void)state;
    App *app = open_app(TWITTER);
    app->drawer_h = 0;
    start_from_settings(app);
    Interview *iv = &app->iv;
    assert_int_equal(app->drawer_h, 0);
    advance(app, 30000);
    int64_t clarify_used = interview_phase_elapsed_ms(app);
    /* Next: Estimate, a fresh clock, and the drawer on the Estimates tab. */
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(iv->phase, IV_ESTIMATE);
    assert_true(app->drawer_h > 0);
    assert_int_equal(app->drawer_tab, TAB_ESTIMATES);
    assert_in_range(interview_phase_elapsed_ms(app), 0, SLACK_MS);
    assert_in_range(iv->used_ms[IV_CLARIFY], clarify_used, clarify_used + SLACK_MS);
    /* Back: Clarify continues where it stopped. */
    advance(app, 20000);
    click_rect(app, iv->btn_rc[IV_BTN_BACK]);
    assert_int_equal(iv->phase, IV_CLARIFY);
    assert_in_range(interview_phase_elapsed_ms(app), clarify_used, clarify_used + 2 * SLACK_MS);
    assert_in_range(iv->used_ms[IV_ESTIMATE], 20000, 20000 + SLACK_MS);
    /* On to the last phase: with no results it suggests a run. */
    app->drawer_tab = TAB_REQUESTS;
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(app->drawer_tab, TAB_ESTIMATES);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(iv->phase, IV_DESIGN);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(iv->phase, IV_DEEP_DIVE);
    assert_null(app->res);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(iv->phase, IV_TRADEOFFS);
    assert_non_null(strstr(app->msg, "Run the design (F5) to find its bottleneck"));
    /* Past the last phase: the summary, time used against the plan, Close. */
    advance(app, 60000);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_true(iv->active);
    assert_true(iv->over);
    assert_non_null(strstr(app->msg, "Interview over"));
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Interview over"));
    assert_true(app_test_text_drawn(app, "of 45:00 planned"));
    /* And how the practice went: no run yet, the estimates made. */
    assert_true(app_test_text_drawn(app, "requirements: not run"));
    assert_true(app_test_text_drawn(app, "estimates: 0 of"));
    int64_t total = interview_used_ms(app);
    advance(app, 60000);
    assert_int_equal(interview_used_ms(app), total); /* the clock stopped */
    assert_in_range(total, 30000 + 20000 + 60000, 30000 + 20000 + 60000 + 4 * SLACK_MS);
    app_test_mouse_move(app, app->canvas_rc.x + 20, app->canvas_rc.y + app->canvas_rc.h - 80);
    app_draw(app);
    assert_true(app_screenshot(app, "gui-interview-over.png"));
    click_rect(app, iv->btn_rc[IV_BTN_STOP]); /* the summary's Close */
    assert_false(iv->active);
    assert_true(iv->card_rc.w == 0);
    app_destroy(app);
}

static void zero_minute_phases_are_skipped(void **state)
{
    (void)state;
    App *app = open_app(NULL);
    Interview *iv = &app->iv;
    iv->phase_s[IV_CLARIFY] = 0;
    iv->phase_s[IV_ESTIMATE] = 0;
    iv->phase_s[IV_DEEP_DIVE] = 0;
    start_from_settings(app);
    assert_int_equal(iv->phase, IV_DESIGN);
    assert_int_equal(app->drawer_h, 0); /* Estimate was skipped: no drawer */
    assert_true(app_test_text_drawn(app, "1 of 2"));
    /* No phase before this one: Back does nothing. */
    click_rect(app, iv->btn_rc[IV_BTN_BACK]);
    assert_int_equal(iv->phase, IV_DESIGN);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(iv->phase, IV_TRADEOFFS);
    click_rect(app, iv->btn_rc[IV_BTN_BACK]);
    assert_int_equal(iv->phase, IV_DESIGN);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_true(iv->over);
    click_rect(app, iv->btn_rc[IV_BTN_STOP]);
    assert_false(iv->active);
    /* Every phase at 0: nothing to start. */
    for (int k = 0; k < IV_PHASES; k++) iv->phase_s[k] = 0;
    open_settings(app);
    app_test_key(app, SDLK_RETURN, 0);
    assert_false(iv->active);
    assert_int_equal(app->modal, MODAL_INTERVIEW);
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_false(interview_start(app));
    assert_non_null(strstr(app->msg, "0 minutes"));
    app_destroy(app);
}

static void stop_ends_the_interview(void **state)
{
    (void)state;
    App *app = open_app(TWITTER);
    start_from_settings(app);
    Interview *iv = &app->iv;
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(iv->phase, IV_ESTIMATE);
    Rect card = iv->card_rc;
    click_rect(app, iv->btn_rc[IV_BTN_STOP]);
    assert_false(iv->active);
    assert_true(iv->card_rc.w == 0);
    /* The board under where the card was takes clicks again (an empty spot). */
    app_test_mouse_move(app, card.x + 4, card.y + 4);
    assert_true(app->ui.hot != ui_id("iv-card"));
    /* While one runs, the toolbar button opens its plan; Stop interview there ends it too. */
    start_from_settings(app);
    advance(app, 90000);
    open_settings(app);
    assert_true(iv->active);
    app_draw(app);
    assert_true(app_screenshot(app, "gui-interview-settings-live.png"));
    assert_true(app_test_click_widget(app, "iv-stop-all", -1));
    assert_false(iv->active);
    assert_int_equal(app->modal, MODAL_NONE);
    app_destroy(app);
}

/* ---- the card on a busy board ------------------------------------------------------------------ */

static void run_short(App *app)
{
    Command c;
    cmd_init(&c, "Run settings");
    cmd_run_set(&c, app->model, 1, 0.2, 42, app->model->meta_json);
    app_commit(app, &c);
    assert_true(run_start(app));
    for (int k = 0; k < 200000 && run_active(app); k++) {
        app_frame(app);
        SDL_Delay(2);
    }
    assert_false(run_active(app));
    assert_non_null(app->res);
    app_frame(app);
    app_frame(app);
}

static void card_on_a_busy_board_keeps_clear_of_the_bottleneck_callout(void **state)
{
    (void)state;
    App *app = open_app(TWITTER);
    run_short(app);
    start_from_settings(app);
    Interview *iv = &app->iv;
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(iv->phase, IV_DEEP_DIVE);
    advance(app, 5 * 60000 + 42000);
    app->drawer_tab = TAB_REQUESTS; /* the run's figures under the board */
    app_test_mouse_move(app, app->canvas_rc.x + 30, app->canvas_rc.y + app->canvas_rc.h - 80);
    app_frame(app);
    app_draw(app);
    if (app->callout_rc.w > 0) assert_false(rect_overlaps(iv->card_rc, app->callout_rc));
    assert_true(app_screenshot(app, "gui-interview.png"));
    /* A callout in a top corner of the board (where it goes when nothing else is free):
     * the card keeps clear of it, narrower if need be, and stays put while the board
     * does not change. */
    Rect cv = app->canvas_rc;
    for (int corner = 0; corner < 2; corner++) {
        float cx = corner ? cv.x + cv.w - 12 - 300 : cv.x + 12;
        app->callout_rc = rect_make(cx, cv.y + 12, 300, 80);
        app_update(app);
        assert_false(rect_overlaps(iv->card_rc, app->callout_rc));
        assert_true(iv->card_rc.x >= cv.x && iv->card_rc.x + iv->card_rc.w <= cv.x + cv.w);
        assert_true(iv->btn_rc[IV_BTN_STOP].x + iv->btn_rc[IV_BTN_STOP].w <= iv->card_rc.x + iv->card_rc.w);
        Rect moved = iv->card_rc;
        app_update(app);
        assert_true(iv->card_rc.x == moved.x && iv->card_rc.w == moved.w);
        app_draw(app); /* the card as placed for the pretended callout (the board has none) */
        assert_true(app_screenshot(app, corner ? "gui-interview-callout-right.png" : "gui-interview-callout-left.png"));
    }
    /* The last phase with results: no nudge to run. */
    click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
    assert_int_equal(iv->phase, IV_TRADEOFFS);
    assert_null(strstr(app->msg, "Run the design"));
    app_destroy(app);

    /* An overloaded design has a bottleneck and its callout: the card keeps clear of it. */
    app = open_app(OVERLOADED);
    run_short(app);
    app->drawer_h = 0;
    app->needs_fit = true;
    app_frame(app);
    start_from_settings(app);
    app_test_mouse_move(app, app->canvas_rc.x + 30, app->canvas_rc.y + app->canvas_rc.h - 80);
    advance(app, 200000);
    app_frame(app);
    app_draw(app);
    assert_true(app->callout_rc.w > 0);
    assert_false(rect_overlaps(app->iv.card_rc, app->callout_rc));
    assert_true(app_screenshot(app, "gui-interview-bottleneck.png"));
    app_destroy(app);
}

static void card_fits_boards_from_1000_to_2560_points_wide(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1000, 700}, {1440, 900}, {2560, 1440}};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        App *app = open_app_sized(TWITTER, sizes[s][0], sizes[s][1]);
        start_from_settings(app);
        Interview *iv = &app->iv;
        iv->phase_s[IV_TRADEOFFS] = 0; /* the card says Finish on Deep dive */
        click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
        click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
        click_rect(app, iv->btn_rc[IV_BTN_NEXT]);
        app_frame(app);
        Rect cv = app->canvas_rc, card = iv->card_rc;
        assert_true(card.x >= cv.x && card.x + card.w <= cv.x + cv.w);
        assert_true(card.y >= cv.y && card.y + card.h <= cv.y + cv.h);
        for (int b = 0; b < IV_BTN_COUNT; b++) {
            Rect r = iv->btn_rc[b];
            assert_true(r.w > 0);
            assert_true(r.x >= card.x && r.x + r.w <= card.x + card.w);
            for (int o = b + 1; o < IV_BTN_COUNT; o++) assert_false(rect_overlaps(r, iv->btn_rc[o]));
        }
        /* The drawer opened on Estimate and the diagram was fitted again: below the card. */
        float z = (float)app->cam.zoom;
        for (int i = 0; i < app->model->n_nodes; i++) {
            Vec2 c = app_test_node_center(app, i);
            Rect nr = {c.x - NODE_W * z / 2, c.y - NODE_H * z / 2 - 12, NODE_W * z, NODE_H * z + 12};
            assert_false(rect_overlaps(card, nr));
        }
        app_test_mouse_move(app, cv.x + 20, cv.y + cv.h - 80);
        char name[64];
        snprintf(name, sizeof name, "gui-interview-%d.png", sizes[s][0]);
        app_draw(app);
        assert_true(app_screenshot(app, name));
        app_destroy(app);
    }
}

/* The card's place in the plan reads in the language on screen at every width: where
 * the total did not fit, a Russian card said "1 of 5". */
static void the_cards_place_in_the_plan_speaks_the_language_on_screen(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *want;
    } langs[] = {{"ru", "1 \xD0\xB8\xD0\xB7 5"}, {"uk", "1 \xD0\xB7 5"}}; /* "1 из 5", "1 з 5" */
    static const int widths[] = {1000, 1280, 1440};
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
        for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
            char *settings = tmp_path("settings-lang.json"), *rec = tmp_path("recovery.json");
            AppConfig cfg = {.width = widths[w], .height = 800, .file = TWITTER, .autosave_ms = -1, .hidden = true,
                             .no_recovery = true, .recovery_path = rec, .settings_path = settings, .lang = langs[l].lang};
            App *app = app_create(&cfg);
            free(settings);
            free(rec);
            assert_non_null(app);
            app_frame(app);
            start_from_settings(app);
            app_frame(app);
            assert_true(app_test_text_drawn(app, langs[l].want));
            assert_false(app_test_text_drawn(app, "1 of 5"));
            app_destroy(app);
        }
}

/* Minutes in Russian and Ukrainian read with a decimal comma, as typed and as the
 * total gives them ("7,5", "Всего 47,5 мин"; the field read back "7.5"). */
static void minutes_read_back_in_the_languages_style(void **state)
{
    (void)state;
    const char *const langs[] = {"ru", "uk"};
    for (int l = 0; l < 2; l++) {
        char *settings = tmp_path("settings-lang.json"), *rec = tmp_path("recovery.json");
        AppConfig cfg = {.width = 1280, .height = 800, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                         .recovery_path = rec, .settings_path = settings, .lang = langs[l]};
        App *app = app_create(&cfg);
        assert_non_null(app);
        app_frame(app);
        open_settings(app);
        type_minutes(app, IV_CLARIFY, "7.5", SDLK_TAB);
        assert_int_equal(app->iv.phase_s[IV_CLARIFY], 450);
        app_test_key(app, SDLK_ESCAPE, 0); /* leave the next field: every field shows its value */
        app_frame(app);
        assert_true(app_test_text_drawn(app, "7,5"));
        assert_true(app_test_text_drawn(app, "47,5"));
        assert_false(app_test_text_drawn(app, "7.5"));
        app_destroy(app);
        unlink(settings);
        free(settings);
        free(rec);
    }
}

int main(void)
{
    gui_test_isolate();
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(minutes_parse_whole_and_decimal_numbers_from_0_to_120),
        cmocka_unit_test_setup_teardown(interview_button_opens_the_settings_card_with_the_45_minute_plan, setup,
                                        cleanup),
        cmocka_unit_test_setup_teardown(typed_minutes_are_validated_saved_and_read_back, setup, cleanup),
        cmocka_unit_test_setup_teardown(clock_counts_down_pauses_exactly_and_counts_overtime, setup, cleanup),
        cmocka_unit_test_setup_teardown(next_and_back_walk_the_phases_and_estimate_opens_its_tab, setup, cleanup),
        cmocka_unit_test_setup_teardown(zero_minute_phases_are_skipped, setup, cleanup),
        cmocka_unit_test_setup_teardown(stop_ends_the_interview, setup, cleanup),
        cmocka_unit_test_setup_teardown(card_on_a_busy_board_keeps_clear_of_the_bottleneck_callout, setup, cleanup),
        cmocka_unit_test_setup_teardown(card_fits_boards_from_1000_to_2560_points_wide, setup, cleanup),
        cmocka_unit_test_setup_teardown(the_cards_place_in_the_plan_speaks_the_language_on_screen, setup, cleanup),
        cmocka_unit_test_setup_teardown(minutes_read_back_in_the_languages_style, setup, cleanup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
