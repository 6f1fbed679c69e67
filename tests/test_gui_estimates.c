/*
 * test_gui_estimates.c - the Estimates tab on SDL's offscreen driver: the answer is
 * hidden until the user estimates; typing an estimate and pressing Enter shows the
 * verdict and the working and keeps the text in the diagram's meta; nonsense is
 * refused with the reason; Tab submits and moves on; undo and redo take estimates back
 * and forth; they survive save and reopen; "show" reveals an answer without an
 * estimate; a narrow drawer opens the working under the row; a long sheet scrolls; a
 * diagram with nothing to estimate says so; the tab speaks the app's language
 * (Russian and Ukrainian labels, working, verdicts, refusals).
 * Screenshots: gui-estimates*.png.
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
#include "sim/model_json.h"
#include "sim/util.h"

#define URL ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json"

static char settings_path[256];

static App *open_app_w(const char *file, int width)
{
    AppConfig cfg = {.width = width, .height = 800, .file = file, .autosave_ms = -1, .hidden = true,
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json"),
                     .settings_path = settings_path};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    drawer_show(app, TAB_ESTIMATES);
    app_frame(app);
    app_frame(app);
    return app;
}

static App *open_app(const char *file) { return open_app_w(file, 1280); }

static int setup(void **state)
{
    (void)state;
    snprintf(settings_path, sizeof settings_path, "%s", gui_test_file("settings.json"));
    return 0;
}

/* Click row k's field, type `text`, press Enter; the list scrolled to it first where it
 * is out of view (tall rows). */
static void estimate(App *app, int k, const char *text)
{
    app_frame(app);
    for (int step = 0; step < 40 && app->estv.field_rc[k].h <= 0; step++) {
        app->drawer_scroll = 15.0f * (float)step;
        app_frame(app);
    }
    Rect fr = app->estv.field_rc[k];
    assert_true(fr.h > 0); /* the field is on screen */
    app_test_click(app, fr.x + fr.w / 2, fr.y + fr.h / 2);
    app_test_text(app, text);
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
}

static char *saved_estimate(App *app, const char *id) { return estimates_get(app->model, id); }

static void typing_an_estimate_shows_the_verdict_and_keeps_it_in_meta(void **state)
{
    (void)state;
    App *app = open_app(URL);
    assert_int_equal(app->drawer_tab, TAB_ESTIMATES);
    assert_int_equal(app->estv.n_rows, 5); /* the derived peak and the file's four */
    /* Before any estimate nothing gives the answers away. */
    assert_true(app_test_text_drawn(app, "Short keys needed for 10 years"));
    assert_false(app_test_text_drawn(app, "60 billion"));
    assert_false(app_test_text_drawn(app, "500,000,000 new links"));
    assert_true(app_test_text_drawn(app, "THE PROMPT"));
    assert_false(app_dirty(app));

    estimate(app, 1, "60B");
    char *s = saved_estimate(app, "keys_10_years");
    assert_non_null(s);
    assert_string_equal(s, "60B");
    free(s);
    assert_string_equal(app->model->meta_json, "{\"archsim_app\":{\"estimates\":{\"keys_10_years\":\"60B\"}}}");
    assert_true(app_dirty(app));
    assert_int_equal(app->estv.sel, 1);
    /* The verdict, then the working of the row. */
    assert_true(app_test_text_drawn(app, "good"));
    assert_true(app_test_text_drawn(app, "Your estimate: 60B = 60 billion"));
    assert_true(app_test_text_drawn(app, "Expected: 60 billion"));
    assert_true(app_test_text_drawn(app, "500,000,000 new links a month"));
    assert_true(app_test_text_drawn(app, "1 of 5 estimated: 1 good, 0 close, 0 off"));

    /* Bits for bytes is 8 times too low: close, said so. */
    estimate(app, 3, "10 Mbit/s");
    assert_true(app_test_text_drawn(app, "close \xC2\xB7 8\xC3\x97 low"));
    assert_true(app_test_text_drawn(app, "Your estimate: 10 Mbit/s"));
    /* Far off. */
    estimate(app, 4, "2 PB");
    assert_true(app_test_text_drawn(app, "off \xC2\xB7 12k\xC3\x97 high"));
    assert_true(app_test_text_drawn(app, "3 of 5 estimated: 1 good, 1 close, 1 off"));

    /* Nonsense is refused with the reason, and nothing is kept. */
    char *before = xstrdup(app->model->meta_json);
    estimate(app, 2, "banana");
    assert_string_equal(app->model->meta_json, before);
    assert_int_equal(app->estv.error_row, 3);
    assert_string_equal(app->estv.error, "'banana' does not start with a number; expected a number of bytes like 45 TB");
    assert_true(app_test_text_drawn(app, "'banana' does not start"));
    assert_true(app_test_text_drawn(app, "not read: see right"));
    assert_true(app_test_text_exact(app, "banana")); /* what was typed stays in the field */
    assert_true(app_screenshot(app, "gui-estimates-refused.png"));
    estimate(app, 2, "3TB"); /* a good one clears the message */
    assert_int_equal(app->estv.error_row, 0);
    s = saved_estimate(app, "storage_per_year");
    assert_string_equal(s, "3TB");
    free(s);
    free(before);
    app_frame(app);
    assert_true(app_screenshot(app, "gui-estimates.png"));

    /* Undo takes the estimates back one at a time; redo puts them back. */
    app_undo(app);
    s = saved_estimate(app, "storage_per_year");
    assert_null(s);
    app_undo(app);
    app_undo(app);
    app_undo(app);
    assert_null(app->model->meta_json);
    app_frame(app);
    assert_false(app_test_text_drawn(app, "Expected: 60 billion"));
    app_redo(app);
    s = saved_estimate(app, "keys_10_years");
    assert_string_equal(s, "60B");
    free(s);
    /* Clearing the field removes the estimate. */
    Rect fr = app->estv.field_rc[1];
    app_test_click(app, fr.x + fr.w / 2, fr.y + fr.h / 2);
    app_test_key(app, SDLK_BACKSPACE, 0); /* the click selected it all */
    app_test_key(app, SDLK_RETURN, 0);
    assert_null(app->model->meta_json);
    app_undo(app);

    /* Saved with the diagram, there after reopening. */
    char path[128];
    snprintf(path, sizeof path, "/tmp/archsim-gui-estimates-%d.json", (int)getpid());
    assert_true(doc_save_as(app, path));
    assert_false(app_dirty(app));
    app_destroy(app);
    app = open_app(path);
    s = saved_estimate(app, "keys_10_years");
    assert_non_null(s);
    assert_string_equal(s, "60B");
    free(s);
    app->estv.sel = 1;
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Your estimate: 60B = 60 billion"));
    /* The file is what the loader reads back: meta kept verbatim. */
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    assert_non_null(m);
    diag_free(&d);
    assert_string_equal(m->meta_json, "{\"archsim_app\":{\"estimates\":{\"keys_10_years\":\"60B\"}}}");
    model_destroy(m);
    unlink(path);
    app_destroy(app);
}

static void tab_submits_and_moves_to_the_next_field(void **state)
{
    (void)state;
    App *app = open_app(URL);
    Rect fr = app->estv.field_rc[0];
    app_test_click(app, fr.x + fr.w / 2, fr.y + fr.h / 2);
    app_test_text(app, "20k");
    app_test_key(app, SDLK_TAB, 0);
    app_test_text(app, "60 billion");
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    char *a = estimates_get(app->model, "peak_rps"), *b = estimates_get(app->model, "keys_10_years");
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, "20k");
    assert_string_equal(b, "60 billion");
    free(a);
    free(b);
    assert_true(app_test_text_drawn(app, "2 of 5 estimated: 2 good, 0 close, 0 off"));
    app_destroy(app);
}

static void show_reveals_an_answer_without_an_estimate(void **state)
{
    (void)state;
    App *app = open_app(URL);
    assert_false(app_test_text_drawn(app, "Expected: 173 GB"));
    assert_true(app_test_click_widget(app, "est-show", 4));
    app_frame(app);
    assert_int_equal(app->estv.sel, 4);
    assert_true(app_test_text_drawn(app, "Expected: 173 GB"));
    assert_true(app_test_text_drawn(app, "answer shown"));
    assert_null(app->model->meta_json); /* looking is not an estimate */
    assert_false(app_dirty(app));
    /* Selecting another row by its label shows that one. */
    assert_true(app_test_click_widget(app, "est-row", 0));
    assert_int_equal(app->estv.sel, 0);
    app_frame(app);
    assert_false(app_test_text_drawn(app, "Expected: 173 GB"));
    assert_true(app_screenshot(app, "gui-estimates-shown.png"));
    app_destroy(app);
}

static void a_narrow_drawer_opens_the_working_under_the_row(void **state)
{
    (void)state;
    App *app = open_app_w(URL, 1000);
    estimate(app, 1, "60B");
    assert_true(app_test_text_drawn(app, "Expected: 60 billion"));
    /* The rows after it moved down, below the working. */
    assert_true(app->estv.field_rc[2].h == 0 || app->estv.field_rc[2].y > app->estv.field_rc[1].y + 60);
    assert_true(app_screenshot(app, "gui-estimates-narrow.png"));
    /* The wheel reaches the last row. */
    Rect first = app->estv.field_rc[1];
    app_test_wheel(app, first.x - 40, first.y + 4, -10);
    app_frame(app);
    assert_true(app->estv.field_rc[4].h > 0);
    app_destroy(app);
}

static void a_long_sheet_scrolls_with_the_wheel(void **state)
{
    (void)state;
    /* Twelve quantities: more rows than the drawer shows. */
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "{\"format\": \"archsim/1\", \"title\": \"Many\", \"scenario\": {\"requests\": [{\"name\": \"r\", "
                "\"rate_rps\": 100}], \"envelope\": [");
    for (int i = 0; i < 12; i++)
        sb_printf(&b, "%s{\"id\": \"q%d\", \"label\": \"Quantity %d\", \"unit\": \"count\", \"factors\": "
                      "[{\"value\": %d, \"label\": \"things\"}]}",
                  i ? ", " : "", i, i, i + 1);
    sb_puts(&b, "]}, \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"s\", \"kind\": \"service\"}], "
                "\"edges\": [{\"from\": \"u\", \"to\": \"s\"}]}");
    char path[128];
    snprintf(path, sizeof path, "/tmp/archsim-gui-estimates-many-%d.json", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(b.data, f);
    fclose(f);
    sb_free(&b);
    App *app = open_app(path);
    assert_int_equal(app->estv.n_rows, 13);
    assert_true(app->estv.field_rc[12].h == 0); /* the last row is below the fold */
    Rect first = app->estv.field_rc[0];
    app_test_wheel(app, first.x - 40, first.y + 4, -10);
    app_frame(app);
    assert_true(app->drawer_scroll > 0);
    assert_true(app->estv.field_rc[12].h > 0);
    estimate(app, 12, "13");
    char *s = estimates_get(app->model, "q11");
    assert_string_equal(s, "13");
    free(s);
    assert_true(app_screenshot(app, "gui-estimates-scrolled.png"));
    unlink(path);
    app_destroy(app);
}

static void nothing_to_estimate_says_so(void **state)
{
    (void)state;
    App *app = open_app(NULL);
    assert_int_equal(app->estv.n_rows, 0);
    assert_true(app_test_text_drawn(app, "Nothing to estimate"));
    app_destroy(app);
}

static void the_tab_speaks_the_apps_language(void **state)
{
    (void)state;
    App *app = open_app(URL);
    snprintf(app->lang, sizeof app->lang, "ru"); /* as the browser's language switch sets it */
    app_frame(app);
    app_frame(app);
    /* The sheet's labels from the file's Russian translation, the tab's words in Russian. */
    assert_true(app_test_text_drawn(app, "Сколько коротких ключей")); /* whole, on two lines */
    assert_false(app_test_text_drawn(app, "Short keys needed for 10 years"));
    assert_true(app_test_text_drawn(app, "показать"));
    assert_true(app_test_text_drawn(app, "УСЛОВИЕ"));
    assert_true(app_test_text_drawn(app, "Спроектируйте сервис коротких ссылок")); /* the Russian prompt */
    /* An estimate in Russian units: the verdict, the working with Russian factor labels. */
    estimate(app, 1, "60 млрд");
    assert_true(app_test_text_drawn(app, "хорошо"));
    assert_true(app_test_text_drawn(app, "Ваша оценка: 60 млрд \xE2\x80\x94 хорошо")); /* the line may wrap after */
    assert_true(app_test_text_drawn(app, "Ответ: 60 млрд"));
    assert_true(app_test_text_drawn(app, "новых ссылок в месяц"));
    estimate(app, 3, "10 Мбит/с");
    assert_true(app_test_text_drawn(app, "близко \xC2\xB7 8\xC3\x97 меньше"));
    assert_true(app_test_text_drawn(app, "Ваша оценка: 10 Мбит/с = 1,25 MB/s")); /* a decimal comma on a Russian screen */
    /* The verdict column widens to the Russian verdict; the label gives way. */
    assert_true(app->estv.verdict_w > 128);
    assert_true(render_text_width(app->r, FONT_BOLD, theme.small_font, "близко \xC2\xB7 8\xC3\x97 меньше") + 16 <=
                app->estv.verdict_w);
    assert_true(app_test_text_drawn(app, "Оценено 2 из 5"));
    /* A refusal says why in Russian, and nothing is kept. */
    estimate(app, 2, "банан");
    assert_int_equal(app->estv.error_row, 3);
    assert_string_equal(app->estv.error, "'банан' не начинается с числа; ожидается объём данных, например 45 TB");
    assert_true(app_test_text_drawn(app, "не распознано"));
    estimate(app, 4, "2 ПБ");
    app->estv.sel = 4;
    app_frame(app);
    assert_true(app_screenshot(app, "gui-estimates-ru.png"));
    /* The estimates are the same text in any language: Ukrainian reads them too. */
    snprintf(app->lang, sizeof app->lang, "uk");
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Скільки коротких ключів"));
    assert_true(app_test_text_drawn(app, "близько \xC2\xB7 8\xC3\x97 менше"));
    assert_true(app_test_text_drawn(app, "Оцінено 3 з 5"));
    assert_true(app_screenshot(app, "gui-estimates-uk.png"));
    /* And English again. */
    snprintf(app->lang, sizeof app->lang, "en");
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Short keys needed for 10 years"));
    assert_true(app_test_text_drawn(app, "close \xC2\xB7 8\xC3\x97 low"));
    assert_true(app_test_text_drawn(app, "3 of 5 estimated: 1 good, 1 close, 1 off"));
    assert_true(app->estv.verdict_w == 128); /* English verdicts fit the usual column */
    app_destroy(app);
}

/* A row's label too long for its column takes two lines ("Объём хранилища за год при
 * нынешнем…" was cut in Russian at 1440 px), or three where one needs them, every row
 * then as tall ("Timeline read bandwidth at peak (out to users, the dominant direction)"
 * was cut in English at 1280 px): every preset's sheet, in every language, at three
 * widths, scrolled through. */
static void long_labels_take_two_lines(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "ru", "uk"};
    static const char *const presets[] = {"scale-api.json", "url-shortener.json", "twitter-timeline.json",
                                          "instagram-feed.json", "flash-sale.json", "chat-websocket.json"};
    static const int widths[] = {1440, 1280, 1024};
    int cut = 0, rows = 0;
    for (size_t f = 0; f < sizeof presets / sizeof presets[0]; f++)
        for (int w = 0; w < 3; w++) {
            char path[512];
            snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, presets[f]);
            App *app = open_app_w(path, widths[w]);
            app->ui.audit = true;
            for (int l = 0; l < 3; l++) {
                snprintf(app->lang, sizeof app->lang, "%s", langs[l]);
                for (int step = 0; step < 12; step++) {
                    app->drawer_scroll = 60.0f * (float)step;
                    app_frame(app);
                    app_frame(app);
                    for (int k = 0; k < app->estv.n_rows; k++) {
                        Rect fr = app->estv.field_rc[k];
                        if (fr.h <= 0) continue;
                        rows++;
                        for (int a = 0; a < app->ui.n_audit; a++) {
                            const struct UiAudit *it = &app->ui.audit_items[a];
                            if (it->kind != UI_AUDIT_CUT || it->rc.x >= fr.x || it->rc.y < fr.y - 16 || it->rc.y > fr.y + fr.h)
                                continue;
                            printf("  %s %s %d px row %d: \"%s\" is cut\n", langs[l], presets[f], widths[w], k, it->text);
                            cut++;
                        }
                    }
                }
            }
            app_destroy(app);
        }
    assert_true(rows > 40);
    assert_int_equal(cut, 0);
}

static void meta_helpers_keep_other_keys(void **state)
{
    (void)state;
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddStringToObject(obj, "peak_rps", "300k");
    char *m1 = meta_app_set("{\"other\": 1, \"archsim_app\": {\"replications\": 3}}", "estimates", obj);
    assert_string_equal(m1, "{\"other\":1,\"archsim_app\":{\"replications\":3,\"estimates\":{\"peak_rps\":\"300k\"}}}");
    cJSON *got = meta_app_get(m1, "estimates");
    assert_string_equal(cJSON_GetObjectItem(got, "peak_rps")->valuestring, "300k");
    cJSON_Delete(got);
    assert_null(meta_app_get(m1, "nothing"));
    assert_null(meta_app_get(NULL, "estimates"));
    char *m2 = meta_app_set(m1, "replications", NULL);
    char *m3 = meta_app_set(m2, "estimates", NULL);
    assert_string_equal(m3, "{\"other\":1}");
    char *m4 = meta_app_set("{\"archsim_app\": {\"estimates\": {}}}", "estimates", NULL);
    assert_null(m4);
    /* another tool's numbers stay exactly as they were (cJSON's printer kept 15 digits) */
    char *m6 = meta_app_set("{\"other\": 0.10000000000000002}", "replications", NULL);
    assert_string_equal(m6, "{\"other\":0.10000000000000002}");
    free(m6);
    /* Replications go through the same helper. */
    char *m5 = run_meta_with_replications(m1, 5);
    assert_string_equal(m5, "{\"other\":1,\"archsim_app\":{\"estimates\":{\"peak_rps\":\"300k\"},\"replications\":5}}");
    free(m1);
    free(m2);
    free(m3);
    free(m5);
    cJSON_Delete(obj);
}

static double now_s(void) { return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency(); }

/* An estimate of 64 digits once froze the parser (its number scanner stopped advancing
 * when its buffer was full), and with it the tab, and a file carrying one froze the app
 * on open. Such estimates, typed or saved, are answered at once: a number's digits are
 * read whole, and a text over 100 characters is refused before it is read. */
static void huge_estimates_are_answered_at_once(void **state)
{
    (void)state;
    App *app = open_app(URL);
    char digits[65];
    memset(digits, '9', 64);
    digits[64] = 0;
    double t0 = now_s();
    estimate(app, 1, digits); /* a click, the text, Enter and two frames */
    double typed_s = now_s() - t0;
    fprintf(stderr, "64 digits typed and answered in %.3f s\n", typed_s);
    assert_true(typed_s < 2.0); /* a bound against a hang: it takes milliseconds */
    fprintf(stderr, "refused: %s\n", app->estv.error);
    assert_null(saved_estimate(app, "keys_10_years"));
    assert_int_equal(app->estv.error_row, 2);
    app_destroy(app);

    /* A file that carries a 64-digit and a 100,000-character estimate opens, draws its
     * sheet and says what is wrong with the long one. */
    char *text = read_file(URL, NULL);
    assert_non_null(text);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    assert_non_null(doc);
    size_t long_n = 100000;
    char *longest = xmalloc(long_n + 1);
    memset(longest, '7', long_n);
    longest[long_n] = 0;
    cJSON *meta = cJSON_AddObjectToObject(doc, "meta");
    cJSON *est = cJSON_AddObjectToObject(cJSON_AddObjectToObject(meta, "archsim_app"), "estimates");
    cJSON_AddStringToObject(est, "keys_10_years", digits);
    cJSON_AddStringToObject(est, "storage_per_year", longest);
    free(longest);
    char *json = cJSON_Print(doc);
    cJSON_Delete(doc);
    const char *path = "/tmp/archsim-gui-estimates-huge.json";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
    free(json);
    t0 = now_s();
    app = open_app(path);
    app_frame(app);
    double opened_s = now_s() - t0;
    fprintf(stderr, "a file with huge estimates opened and drawn in %.3f s\n", opened_s);
    assert_true(opened_s < 5.0);
    /* Both are marked as not read; the selected one says why. */
    assert_true(app_test_text_drawn(app, "not read: see right"));
    app->estv.sel = 2;
    app_frame(app);
    assert_true(app_test_text_drawn(app, "100,000 characters"));
    app->estv.sel = 1;
    app_frame(app);
    assert_true(app_test_text_drawn(app, "(over 10^30)"));
    assert_true(app_screenshot(app, "gui-estimates-huge.png"));
    app_destroy(app);
    unlink(path);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(typing_an_estimate_shows_the_verdict_and_keeps_it_in_meta, setup),
        cmocka_unit_test_setup(tab_submits_and_moves_to_the_next_field, setup),
        cmocka_unit_test_setup(show_reveals_an_answer_without_an_estimate, setup),
        cmocka_unit_test_setup(a_narrow_drawer_opens_the_working_under_the_row, setup),
        cmocka_unit_test_setup(a_long_sheet_scrolls_with_the_wheel, setup),
        cmocka_unit_test_setup(nothing_to_estimate_says_so, setup),
        cmocka_unit_test_setup(the_tab_speaks_the_apps_language, setup),
        cmocka_unit_test_setup(long_labels_take_two_lines, setup),
        cmocka_unit_test_setup(huge_estimates_are_answered_at_once, setup),
        cmocka_unit_test(meta_helpers_keep_other_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
