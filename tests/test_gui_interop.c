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
#include "gui_test.h"
#include "sim/import.h"
#include "sim/layout.h"
#include "sim/model_json.h"
#include "sim/png_meta.h"
#include "sim/util.h"

static char dir[256], settings_path[300];

static App *open_app(void)
{
    AppConfig cfg = {.width = 1280, .height = 800, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = gui_test_file("recovery.json"), .settings_path = settings_path,
                     .browser = false};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    return app;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s", gui_test_file("work"));
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
    assert_true(app_test_text_drawn(app, "Imported webapp.excalidraw from Excalidraw")); /* the format as people call it */
    assert_non_null(strstr(app->msg, "(Excalidraw)"));
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

/* ---- free annotations on the board ---------------------------------------------------- */

static App *open_webapp(void)
{
    App *app = open_app();
    assert_true(doc_open(app, ARCHSIM_SOURCE_DIR "/tests/data/interop/webapp.excalidraw"));
    app->modal = MODAL_NONE; /* the review read */
    app_frame(app);
    app_frame(app);
    return app;
}

static int find_ann(App *app, AnnotationType type)
{
    for (int i = 0; i < ann_refresh(app); i++)
        if (app->anns[i].type == type) return i;
    return -1;
}

static Vec2 board_pt(App *app, double bx, double by) { return cam_to_screen(&app->cam, app->canvas_rc, bx, by); }

static uint32_t pixel(App *app, int x, int y)
{
    SDL_Surface *s = render_surface(app->r);
    float sc = render_scale(app->r);
    x = (int)((float)x * sc);
    y = (int)((float)y * sc);
    return ((const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch))[x] & 0xFFFFFFu;
}

/* The board's texts are drawn by the renderer, not the widget layer: read its log. */
static bool board_text_drawn(App *app, const char *needle)
{
    app_test_log_texts(app, true);
    app_frame(app);
    const char *t;
    for (int k = 0; (t = app_test_drawn_text(app, k)) != NULL; k++)
        if (strstr(t, needle)) return true;
    return false;
}

static void imported_notes_and_frames_are_drawn_on_the_board(void **state)
{
    (void)state;
    App *app = open_webapp();
    assert_int_equal(ann_refresh(app), 3); /* the note, the frame, the free line */
    /* the note's text is drawn, inside the board */
    assert_true(board_text_drawn(app, "TODO: add a read replica"));
    int k = 0;
    Rect where;
    const char *t;
    bool found = false;
    app_test_log_texts(app, true);
    app_frame(app);
    for (; (t = app_test_drawn_text_at(app, k, &where)) != NULL; k++)
        if (strstr(t, "TODO: add a read replica")) {
            found = true;
            assert_true(rect_contains(app->canvas_rc, where.x, where.y));
        }
    assert_true(found);
    /* the frame's outline is on screen: fit-to-view took it in, and its left side is
     * drawn (a pixel on it differs from the board's colour) */
    int f = find_ann(app, ANN_RECTANGLE);
    assert_true(f >= 0);
    const Annotation *a = &app->anns[f];
    Vec2 tl = board_pt(app, a->x, a->y), br = board_pt(app, a->x + a->w, a->y + a->h);
    assert_true(rect_contains(app->canvas_rc, tl.x, tl.y) && rect_contains(app->canvas_rc, br.x, br.y));
    Vec2 mid = board_pt(app, a->x, a->y + a->h * 0.5);
    uint32_t bg = pixel(app, (int)mid.x - 12, (int)mid.y);
    bool outline = false;
    for (int dx = -1; dx <= 1; dx++) outline |= pixel(app, (int)roundf(mid.x) + dx, (int)mid.y) != bg;
    assert_true(outline);
    app_screenshot(app, "gui-interop-annotations.png");
    app_destroy(app);
    /* the exports draw them too, and frame them: the PNG is as wide as the note and the
     * frame need, the SVG carries the note as text */
    char svg[400];
    snprintf(svg, sizeof svg, "%s/webapp.svg", dir);
    assert_int_equal(export_picture_cli(ARCHSIM_SOURCE_DIR "/tests/data/interop/webapp.excalidraw", svg, 1.0f,
                                        NULL, true),
                     0);
    size_t n = 0;
    char *text = read_file(svg, &n);
    assert_non_null(text);
    assert_non_null(strstr(text, ">TODO: add a read replica</text>"));
    free(text);
}

static void an_annotation_is_selected_moved_deleted_and_undone(void **state)
{
    (void)state;
    App *app = open_webapp();
    char *meta0 = xstrdup(app->model->meta_json);
    int n0 = ann_refresh(app);
    int i = find_ann(app, ANN_TEXT);
    assert_true(i >= 0);
    double x0 = app->anns[i].x, y0 = app->anns[i].y;
    /* a click on the note selects it; the inspector says what it is */
    Vec2 c = board_pt(app, x0 + 60, y0 + 10);
    app_test_click(app, c.x, c.y);
    app_frame(app);
    assert_true(app->sel_ann[i]);
    assert_int_equal(sel_count_nodes(app), 0);
    assert_true(app_test_text_drawn(app, "not simulated"));
    app_screenshot(app, "gui-interop-note-selected.png");
    /* a drag moves it by the drag in board units, as one step */
    int undo0 = app->hist.n_undo;
    app_test_drag(app, c.x, c.y, c.x + 120, c.y - 60, 6, SDL_BUTTON_LEFT);
    app_frame(app);
    ann_refresh(app);
    double z = app->cam.zoom;
    assert_float_equal(app->anns[i].x, x0 + 120 / z, 0.02);
    assert_float_equal(app->anns[i].y, y0 - 60 / z, 0.02);
    assert_int_equal(app->hist.n_undo, undo0 + 1);
    app_screenshot(app, "gui-interop-note-moved.png");
    /* undo puts it back exactly; redo moves it again */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(app->model->meta_json, meta0);
    app_test_key(app, SDLK_y, KMOD_CTRL);
    ann_refresh(app);
    assert_float_equal(app->anns[i].x, x0 + 120 / z, 0.02);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(app->model->meta_json, meta0);
    /* Delete removes it, in one step; undo brings it back byte for byte */
    c = board_pt(app, x0 + 60, y0 + 10);
    app_test_click(app, c.x, c.y);
    assert_true(app->sel_ann[i]);
    assert_true(board_text_drawn(app, "TODO: add a read replica"));
    app_test_key(app, SDLK_DELETE, 0);
    assert_int_equal(ann_refresh(app), n0 - 1);
    assert_false(board_text_drawn(app, "TODO: add a read replica"));
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(ann_refresh(app), n0);
    assert_string_equal(app->model->meta_json, meta0);
    assert_true(board_text_drawn(app, "TODO: add a read replica"));
    /* a rubber band over the free line selects it (and no node) */
    int l = find_ann(app, ANN_LINE);
    assert_true(l >= 0);
    const Annotation *la = &app->anns[l];
    Vec2 r0 = board_pt(app, la->x - 10, la->y - 10), r1 = board_pt(app, la->x + la->w + 10, la->y + 10);
    app_test_drag(app, r0.x, r0.y, r1.x, r1.y, 4, SDL_BUTTON_LEFT);
    assert_true(app->sel_ann[l]);
    assert_int_equal(ann_count_selected(app), 1);
    assert_int_equal(sel_count_nodes(app), 0);
    /* a band over nodes inside the frame takes the nodes, not the frame around them */
    int f = find_ann(app, ANN_RECTANGLE);
    const Annotation *fa = &app->anns[f];
    r0 = board_pt(app, fa->x + 10, fa->y + 10);
    r1 = board_pt(app, fa->x + fa->w - 10, fa->y + fa->h - 10);
    app_test_drag(app, r0.x, r0.y, r1.x, r1.y, 4, SDL_BUTTON_LEFT);
    assert_true(sel_count_nodes(app) > 0);
    assert_int_equal(ann_count_selected(app), 0);
    /* the inspector retypes a note: one undoable step */
    c = board_pt(app, x0 + 60, y0 + 10);
    app_test_click(app, c.x, c.y);
    app_frame(app);
    assert_true(app_test_click_widget(app, "ann-text", i));
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "Add a read replica before launch");
    app_test_key(app, SDLK_RETURN, KMOD_CTRL);
    app_frame(app);
    ann_refresh(app);
    assert_string_equal(app->anns[i].text, "Add a read replica before launch");
    assert_true(board_text_drawn(app, "Add a read replica before launch"));
    app_test_key(app, SDLK_ESCAPE, 0);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(app->model->meta_json, meta0);
    free(meta0);
    app_destroy(app);
}

static void annotations_survive_save_and_reopen_byte_for_byte(void **state)
{
    (void)state;
    App *app = open_webapp();
    /* retype the note, as the inspector does */
    int i = find_ann(app, ANN_TEXT);
    edit_annotation_text(app, i, "TODO: add a read replica\nand a cache");
    char a[400], b[400];
    snprintf(a, sizeof a, "%s/ann-a.json", dir);
    snprintf(b, sizeof b, "%s/ann-b.json", dir);
    assert_true(doc_save_as(app, a));
    app_destroy(app);
    app = open_app();
    assert_true(doc_open(app, a));
    assert_int_equal(ann_refresh(app), 3);
    assert_string_equal(app->anns[find_ann(app, ANN_TEXT)].text, "TODO: add a read replica\nand a cache");
    assert_true(doc_save_as(app, b));
    size_t na = 0, nb = 0;
    char *ta = read_file(a, &na), *tb = read_file(b, &nb);
    assert_non_null(ta);
    assert_non_null(tb);
    assert_int_equal(na, nb);
    assert_memory_equal(ta, tb, na);
    free(ta);
    free(tb);
    app_destroy(app);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exported_png_reopens_as_the_same_diagram),
        cmocka_unit_test(dropping_a_png_opens_its_diagram),
        cmocka_unit_test(a_png_without_a_diagram_is_refused_with_a_reason),
        cmocka_unit_test(opening_excalidraw_shows_the_guesses_to_review),
        cmocka_unit_test(imported_notes_and_frames_are_drawn_on_the_board),
        cmocka_unit_test(an_annotation_is_selected_moved_deleted_and_undone),
        cmocka_unit_test(annotations_survive_save_and_reopen_byte_for_byte),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
