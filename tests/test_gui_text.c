/*
 * test_gui_text.c - typing in the app, on SDL's offscreen driver: the multi-line text
 * area (line breaks, the caret by keys and mouse, selection with Shift, cut and paste,
 * UTF-8, Ctrl+Enter applies, Escape cancels, each apply one undo step), the one-line
 * field's selection and word moves, and Tab reaching dropdowns.
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
#include "sim/tr.h"
#include "panels/panel.h"
#include "sim/util.h"

static char settings_path[256];

static App *open_app(void)
{
    snprintf(settings_path, sizeof settings_path, "%s", gui_test_file("settings.json"));
    AppConfig cfg = {.width = 1280, .height = 800, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = gui_test_file("recovery.json"), .settings_path = settings_path};
    App *app = app_create(&cfg);
    assert_non_null(app);
    doc_new_board(app, -1);
    app_frame(app);
    app_frame(app);
    return app;
}

static Rect field(App *app, const char *key)
{
    Rect f;
    app_frame(app);
    Rect ir = app->inspector_rc;
    for (int k = 0; k < 80 && !app_test_field_rect(app, key, &f); k++) app_test_wheel(app, ir.x + ir.w / 2, ir.y + ir.h / 2, -1);
    if (!app_test_field_rect(app, key, &f)) fail_msg("no field %s", key);
    return f;
}

static void the_prompt_is_a_real_text_area(void **state)
{
    (void)state;
    App *app = open_app();
    Rect f = field(app, "prompt");
    app_test_click(app, f.x + 20, f.y + 10);
    UiId id = ui_id("prompt");
    assert_non_null(ui_editing(&app->ui, id));
    /* Two lines, Cyrillic included; Enter breaks the line instead of applying. */
    app_test_text(app, "Design a shortener.");
    app_test_key(app, SDLK_RETURN, 0);
    app_test_text(app, "Сокращатель: 200/с.");
    assert_string_equal(ui_editing(&app->ui, id), "Design a shortener.\nСокращатель: 200/с.");
    assert_null(app->model->scenario.prompt); /* not applied yet */
    /* Up goes to the first line; Home, then Shift+End selects it; cut; paste at the end. */
    app_test_key(app, SDLK_UP, 0);
    app_test_key(app, SDLK_HOME, 0);
    app_test_key(app, SDLK_END, KMOD_SHIFT);
    app_test_key(app, SDLK_x, KMOD_CTRL);
    assert_string_equal(ui_editing(&app->ui, id), "\nСокращатель: 200/с.");
    app_test_key(app, SDLK_END, KMOD_CTRL);
    app_test_key(app, SDLK_RETURN, 0);
    app_test_key(app, SDLK_v, KMOD_CTRL);
    assert_string_equal(ui_editing(&app->ui, id), "\nСокращатель: 200/с.\nDesign a shortener.");
    /* Backspace at the start of the text deletes nothing; Delete removes the empty first line. */
    app_test_key(app, SDLK_HOME, KMOD_CTRL);
    app_test_key(app, SDLK_BACKSPACE, 0);
    app_test_key(app, SDLK_DELETE, 0);
    /* Ctrl+Left / Ctrl+Right move by words, across Cyrillic (a word is letters of any script). */
    app_test_key(app, SDLK_RIGHT, KMOD_CTRL);
    app_test_key(app, SDLK_BACKSPACE, KMOD_CTRL); /* deletes the word "Сокращатель" */
    assert_string_equal(ui_editing(&app->ui, id), ": 200/с.\nDesign a shortener.");
    app_test_text(app, "Укорачиватель");
    /* Ctrl+Enter applies: one undo step. */
    app_test_key(app, SDLK_RETURN, KMOD_CTRL);
    assert_null(ui_editing(&app->ui, id));
    assert_string_equal(app->model->scenario.prompt, "Укорачиватель: 200/с.\nDesign a shortener.");
    assert_true(app_screenshot(app, "gui-text-prompt.png"));
    /* Escape drops what was typed since. */
    f = field(app, "prompt");
    app_test_click(app, f.x + 20, f.y + 10);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "gone");
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_string_equal(app->model->scenario.prompt, "Укорачиватель: 200/с.\nDesign a shortener.");
    /* A click elsewhere applies, as Tab does. */
    f = field(app, "prompt");
    app_test_click(app, f.x + 20, f.y + 10);
    app_test_key(app, SDLK_END, KMOD_CTRL);
    app_test_text(app, " Go.");
    app_test_click(app, app->canvas_rc.x + 30, app->canvas_rc.y + app->canvas_rc.h - 80);
    assert_string_equal(app->model->scenario.prompt, "Укорачиватель: 200/с.\nDesign a shortener. Go.");
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(app->model->scenario.prompt, "Укорачиватель: 200/с.\nDesign a shortener.");
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_null(app->model->scenario.prompt);
    app_destroy(app);
}

static void a_field_selects_with_shift_and_the_mouse(void **state)
{
    (void)state;
    App *app = open_app();
    assert_true(app_test_click_widget(app, "requests", 1000)); /* open the request type */
    Rect f = field(app, "requests[0].name");
    UiId id = ui_id("requests[0].name");
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2); /* a first click selects all */
    app_test_text(app, "read_links");
    app_test_key(app, SDLK_LEFT, KMOD_CTRL);          /* to the start of the word */
    app_test_key(app, SDLK_RIGHT, KMOD_SHIFT);
    app_test_key(app, SDLK_RIGHT, KMOD_SHIFT);
    app_test_key_up(app, SDLK_LSHIFT, 0);
    app_test_text(app, "X");                          /* replaces the selection */
    assert_string_equal(ui_editing(&app->ui, id), "Xad_links");
    /* A click inside places the caret; a drag selects. */
    app_test_click(app, f.x + 9, f.y + f.h / 2);
    app_test_text(app, "<");
    assert_int_equal(ui_editing(&app->ui, id)[0], '<');
    app_test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app->model->scenario.requests[0].name, "<Xad_links");
    app_destroy(app);
}

static void tab_reaches_dropdowns(void **state)
{
    (void)state;
    App *app = open_app();
    assert_true(app_test_click_widget(app, "requests", 1000));
    Rect f = field(app, "requests[0].name");
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    /* Name -> Sent by -> Operation: Down makes it a write. */
    app_test_key(app, SDLK_TAB, 0);
    assert_int_equal(app->ui.focus, ui_id("requests[0].client"));
    app_test_key(app, SDLK_TAB, 0);
    assert_int_equal(app->ui.focus, ui_id("requests[0].op"));
    app_test_key(app, SDLK_DOWN, 0);
    assert_int_equal(app->model->scenario.requests[0].op, OP_WRITE);
    /* Space opens the list, Escape closes it, Escape again lets go. */
    app_test_key(app, SDLK_SPACE, 0);
    assert_int_equal(app->ui.popup_id, ui_id("requests[0].op"));
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->ui.popup_id, 0);
    assert_int_equal(app->ui.focus, ui_id("requests[0].op"));
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->ui.focus, 0);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->scenario.requests[0].op, OP_READ);
    app_destroy(app);
}

static void what_is_typed_is_checked_as_it_is_typed(void **state)
{
    (void)state;
    App *app = open_app();
    assert_true(app_test_click_widget(app, "scen-add-events", -1)); /* its start is ready to type */
    app_frame(app);
    UiId id = ui_id("events[0].at_s");
    assert_non_null(ui_editing(&app->ui, id));
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "999");
    app_frame(app);
    /* The validator's own words, before Enter: the run ends at 65 s. */
    assert_non_null(strstr(app->live_msg, "after the run ends"));
    assert_true(app_test_text_drawn(app, "after the run ends"));
    /* Not a number: the reason, still before Enter. */
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "soon");
    app_frame(app);
    assert_true(app->live_error);
    assert_non_null(strstr(app->live_msg, "is not a number"));
    /* Enter refuses it and keeps the old value. */
    double before = app->model->scenario.events[0].at_s;
    app_test_key(app, SDLK_RETURN, 0);
    assert_true(app->model->scenario.events[0].at_s == before);
    assert_string_equal(app->insp_error_key, "events[0].at_s");
    app_destroy(app);
}

/* What a person types as a number: k, M and %, thousands and decimals as the app's
 * language writes them, and nothing else; an absurd length is refused before it is read. */
static void typed_numbers_are_read_whole_or_refused(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double value; /* NAN: refused */
    } cases[] = {
        {"20k", 20000}, {" 1.5 M ", 1.5e6}, {"0,25", 0.25}, {"99.9%", 0.999}, {"-3", -3},
        {"1e3", 1000}, {"7", 7}, {"1e-999", 0},
        /* thousands as English writes them, and as a range's message shows them: "10,000"
         * read as 10 */
        {"10,000", 10000}, {"1,000,000,000", 1e9}, {"1,5", 1.5}, {"2,500.5", 2500.5}, {"20 000", 20000},
        {"", NAN}, {"banana", NAN}, {"0x10", NAN}, {"inf", NAN}, {"nan", NAN}, {"1e999", NAN},
        {"5 kg", NAN}, {"12k%", NAN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = -12345;
        char why[200] = "";
        bool ok = panel_parse_number(cases[i].text, &v, why, sizeof why);
        if (isnan(cases[i].value)) {
            if (ok) fprintf(stderr, "'%s' read as %g\n", cases[i].text, v);
            assert_false(ok);
            assert_true(why[0] != 0);
        } else {
            if (!ok) fprintf(stderr, "'%s': %s\n", cases[i].text, why);
            assert_true(ok);
            assert_true(fabs(v - cases[i].value) <= 1e-9 * fabs(cases[i].value));
        }
    }
    /* In Russian and Ukrainian as their screens write numbers: a decimal comma ("1,234" is
     * what the app shows for 1.234), thousands apart by a space or a no-break space. */
    static const struct {
        const char *text;
        double value;
    } ru[] = {{"1,234", 1.234}, {"20 000", 20000}, {"20\xC2\xA0" "000", 20000}, {"0,5%", 0.005}, {"1,234,567", 1234567},
              {"2,5k", 2500}};
    assert_true(tr_set_lang("ru"));
    for (size_t i = 0; i < sizeof ru / sizeof *ru; i++) {
        double v = -12345;
        char why[200] = "";
        bool ok = panel_parse_number(ru[i].text, &v, why, sizeof why);
        if (!ok || fabs(v - ru[i].value) > 1e-9 * ru[i].value) fprintf(stderr, "ru '%s': %g %s\n", ru[i].text, v, why);
        assert_true(ok);
        assert_true(fabs(v - ru[i].value) <= 1e-9 * ru[i].value);
    }
    assert_true(tr_set_lang("en"));
    /* a number past what a double holds says so, not that it is no number */
    double big;
    char big_why[200];
    assert_false(panel_parse_number("1e999", &big, big_why, sizeof big_why));
    assert_string_equal(big_why, "\"1e999\" is too large a number");
    assert_false(panel_parse_number("1e308M", &big, big_why, sizeof big_why));
    assert_non_null(strstr(big_why, "too large"));
    /* 100 characters are read; 101 are refused, saying how many; a megabyte of digits
     * (a paste) the same, at once. */
    char *text = xmalloc(1000001);
    memset(text, '1', 1000000);
    text[1000000] = 0;
    double v;
    char why[200];
    text[100] = 0;
    assert_true(panel_parse_number(text, &v, why, sizeof why));
    text[100] = '1';
    text[101] = 0;
    assert_false(panel_parse_number(text, &v, why, sizeof why));
    assert_string_equal(why, "Too long for a number: 101 characters, at most 100");
    text[101] = '1';
    assert_false(panel_parse_number(text, &v, why, sizeof why));
    assert_string_equal(why, "Too long for a number: 1000000 characters, at most 100");
    free(text);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_prompt_is_a_real_text_area),
        cmocka_unit_test(a_field_selects_with_shift_and_the_mouse),
        cmocka_unit_test(tab_reaches_dropdowns),
        cmocka_unit_test(what_is_typed_is_checked_as_it_is_typed),
        cmocka_unit_test(typed_numbers_are_read_whole_or_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
