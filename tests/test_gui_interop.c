/*
 * test_gui_interop.c - the app and other tools' files: an exported PNG carries its
 * diagram (iTXt) and reopens as exactly that diagram, by Open and by drag-and-drop;
 * Open of an Excalidraw file imports it as an untitled board and shows the review of
 * what was guessed, whose rows select the nodes they name; a broken file changes
 * nothing and says why.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "sim/import.h"
#include "sim/layout.h"
#include "sim/model_json.h"
#include "sim/png_meta.h"
#include "sim/util.h"

static char dir[256], settings_path[300];

static App *open_app(void)
{
    AppConfig cfg = {.width = 1280, .height = 800, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = "/tmp/archsim-gui-interop-recovery.json", .settings_path = settings_path,
                     .browser = false};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    return app;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/archsim-gui-interop-%d", (int)getpid());
    mkdir(dir, 0700);
    snprintf(settings_path, sizeof settings_path, "%s/settings.json", dir);
    return 0;
}

static Model *load(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ARCHSIM_SOURCE_DIR, rel);
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    diag_free(&d);
    assert_non_null(m);
    if (layout_needed(m)) layout_layered(m, NODE_W, NODE_H);
    return m;
}

static void exported_png_reopens_as_the_same_diagram(void **state)
{
    (void)state;
    static const char *const presets[] = {"scenarios/twitter-timeline.json", "scenarios/midsize-webapp.json",
                                          "scenarios/kafka-partitions.json"};
    for (size_t k = 0; k < sizeof presets / sizeof *presets; k++) {
        Model *m = load(presets[k]);
        char png[400], err[300];
        snprintf(png, sizeof png, "%s/export-%zu.png", dir, k);
        assert_true(export_png(m, render_find_font(NULL), png, 1.0f, err, sizeof err));
        /* the library reads it back */
        ImportResult r;
        DiagList d;
        diag_init(&d, png);
        assert_true(import_file(png, &r, &d));
        assert_int_equal(r.format, IMPORT_PNG);
        assert_int_equal(diag_errors(&d), 0);
        assert_true(model_equal(m, r.model));
        import_result_free(&r);
        diag_free(&d);
        /* the app opens it */
        App *app = open_app();
        assert_true(doc_open(app, png));
        assert_true(model_equal(m, app->model));
        assert_null(app->path); /* never saved over the PNG */
        assert_int_not_equal(app->modal, MODAL_IMPORT);
        app_destroy(app);
        model_destroy(m);
    }
}

static void dropping_a_png_opens_its_diagram(void **state)
{
    (void)state;
    Model *m = load("scenarios/url-shortener.json");
    char png[400], err[300];
    snprintf(png, sizeof png, "%s/dropped.png", dir);
    assert_true(export_png(m, render_find_font(NULL), png, 1.0f, err, sizeof err));
    App *app = open_app();
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_DROPFILE;
    ev.drop.file = SDL_strdup(png);
    SDL_PushEvent(&ev);
    for (int i = 0; i < 5; i++) app_frame(app);
    assert_true(model_equal(m, app->model));
    app_destroy(app);
    model_destroy(m);
}

static void a_png_without_a_diagram_is_refused_with_a_reason(void **state)
{
    (void)state;
    unsigned char px[4 * 4 * 4];
    memset(px, 200, sizeof px);
    DiagList d;
    diag_init(&d, "plain");
    size_t n = 0;
    unsigned char *bytes = png_meta_encode_rgba(px, 4, 4, 16, NULL, &n, &d);
    assert_non_null(bytes);
    char path[400];
    snprintf(path, sizeof path, "%s/plain.png", dir);
    assert_int_equal(write_file_atomic(path, (const char *)bytes, n), 0);
    free(bytes);
    App *app = open_app();
    Model *before = model_clone(app->model);
    assert_false(doc_open(app, path));
    assert_int_equal(app->modal, MODAL_DIAGS);
    assert_true(strstr(app->modal_diags.items[0].message, "no archsim diagram") != NULL);
    assert_true(model_equal(before, app->model));
    model_destroy(before);
    app_destroy(app);
    diag_free(&d);
}

static void opening_excalidraw_shows_the_guesses_to_review(void **state)
{
    (void)state;
    App *app = open_app();
    assert_true(doc_open(app, ARCHSIM_SOURCE_DIR "/tests/data/interop/webapp.excalidraw"));
    assert_int_equal(app->model->n_nodes, 11);
    assert_int_equal(app->model->n_edges, 9);
    assert_null(app->path);
    assert_string_equal(app->suggest_name, "webapp.json");
    assert_int_equal(app->modal, MODAL_IMPORT);
    assert_true(import_count(&app->review, NOTE_GUESSED) >= 9);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "guessed from the word \"redis\""));
    /* a row's Select picks its node: the first guessed row is the Users ellipse */
    int first = -1;
    for (int i = 0; i < app->review.n_notes && first < 0; i++)
        if (app->review.notes[i].kind == NOTE_GUESSED && app->review.notes[i].node) first = i;
    assert_true(first >= 0);
    assert_true(app_test_click_widget(app, "review-select", first));
    app_frame(app);
    assert_int_equal(app->modal, MODAL_NONE);
    int i = model_find_node(app->model, app->review.notes[first].node);
    assert_true(i >= 0 && app->sel_node[i]);
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exported_png_reopens_as_the_same_diagram),
        cmocka_unit_test(dropping_a_png_opens_its_diagram),
        cmocka_unit_test(a_png_without_a_diagram_is_refused_with_a_reason),
        cmocka_unit_test(opening_excalidraw_shows_the_guesses_to_review),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
