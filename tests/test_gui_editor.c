/*
 * test_gui_editor.c - the whiteboard driven like a user would: synthesized SDL events
 * (mouse, keys, text) on the offscreen video driver with the software renderer, then
 * assertions on the App's model, selection, history and the files it writes.
 *
 * Screenshots of a few states are written to the working directory (gui-*.png) so a
 * person can look at them.
 */
#define _GNU_SOURCE /* F_OFD_SETLK: a lock as another process holds it */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL_image.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "gui_test.h"
#include "sim/export.h"
#include "sim/import.h"
#include "sim/model_json.h"
#include "sim/replicate.h"
#include "sim/report.h"
#include "sim/annotation.h"
#include "sim/util.h"

#define SAMPLE ARCHSIM_SOURCE_DIR "/tests/data/gui/sample.json"
#define INVALID ARCHSIM_SOURCE_DIR "/tests/data/gui/invalid.json"

static char tmpdir[256];

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/archsim-gui-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
}

static char *tmp_path(const char *name) { return xasprintf("%s/%s", tmpdir, name); }

/* A file of the test's folder holding `text`: its path (caller frees). */
static char *tmp_file(const char *name, const char *text)
{
    make_tmpdir();
    char *path = tmp_path(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Remove the test's temporary folder (recovery files, saved diagrams, pictures). */
static int cleanup(void **state)
{
    (void)state;
    if (tmpdir[0] && strncmp(tmpdir, "/tmp/archsim-gui-", 17) == 0) {
        char *cmd = xasprintf("rm -rf '%s'", tmpdir);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
        free(cmd);
    }
    tmpdir[0] = 0;
    return 0;
}

static App *open_app_with(const char *file, const char *recovery, int autosave_ms, bool offer)
{
    char *rec = recovery ? xstrdup(recovery) : tmp_path("recovery.json");
    AppConfig cfg = {.width = 1280, .height = 800, .file = file, .recovery_path = rec,
                     .autosave_ms = autosave_ms, .hidden = true, .no_recovery = !offer};
    App *app = app_create(&cfg);
    free(rec);
    assert_non_null(app);
    app_frame(app);
    return app;
}

static App *open_app(const char *file)
{
    make_tmpdir();
    return open_app_with(file, NULL, -1, false);
}

static int find_node(App *app, const char *id) { return model_find_node(app->model, id); }

static void click_node(App *app, const char *id)
{
    int i = find_node(app, id);
    assert_true(i >= 0);
    Vec2 c = app_test_node_center(app, i);
    app_test_click(app, c.x, c.y);
}

static void shot(App *app, const char *name)
{
    app_frame(app);
    app_screenshot(app, name);
}

/* ---- tests ------------------------------------------------------------------------------ */

static void place_node_from_palette_snaps_to_grid_and_undoes(void **state)
{
    (void)state;
    App *app = open_app(NULL);
    Rect item = app->palette_items[NODE_CACHE];
    Rect v = app->canvas_rc;
    app_test_drag(app, item.x + item.w / 2, item.y + item.h / 2, v.x + 337, v.y + 211, 8,
                  SDL_BUTTON_LEFT);
    assert_int_equal(app->model->n_nodes, 1);
    const Node *n = &app->model->nodes[0];
    assert_int_equal(n->kind, NODE_CACHE);
    assert_string_equal(n->id, "cache");
    assert_true(fmod(n->x, GRID) == 0 && fmod(n->y, GRID) == 0);
    /* Dropped where the mouse was: the node's centre is within a grid step of it. */
    double bx, by;
    cam_to_board(&app->cam, v, v.x + 337, v.y + 211, &bx, &by);
    assert_true(fabs(n->x + NODE_W / 2 - bx) <= GRID && fabs(n->y + NODE_H / 2 - by) <= GRID);
    assert_true(app->sel_node[0]);
    shot(app, "gui-placed.png");
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, 0);
    app_test_key(app, SDLK_y, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, 1);
    assert_string_equal(app->model->nodes[0].id, "cache");
    /* A click on a palette row places one more, with a fresh id, not on top. */
    app_test_click(app, item.x + item.w / 2, item.y + item.h / 2);
    assert_int_equal(app->model->n_nodes, 2);
    assert_string_equal(app->model->nodes[1].id, "cache_2");
    assert_false(rect_overlaps(node_rect(&app->model->nodes[0]), node_rect(&app->model->nodes[1])));
    app_destroy(app);
}

/* Clicks on the palette place node after node where each shows whole: down the middle,
 * then the columns beside it, never under the legend or the zoom at the view's bottom,
 * never on another node; the first goes to the middle. */
static void palette_clicks_place_nodes_in_view(void **state)
{
    (void)state;
    App *app = open_app(NULL);
    app_frame(app);
    Rect v = app->canvas_rc;
    for (int k = 0; k < 12; k++) {
        Rect item = app->palette_items[k % NODE_KIND_COUNT];
        app_test_click(app, item.x + item.w / 2, item.y + item.h / 2);
        app_frame(app);
        assert_int_equal(app->model->n_nodes, k + 1);
        const Node *n = &app->model->nodes[k];
        Vec2 a = cam_to_screen(&app->cam, v, n->x, n->y), b = cam_to_screen(&app->cam, v, n->x + NODE_W, n->y + NODE_H);
        assert_true(a.x >= v.x && b.x <= v.x + v.w && a.y >= v.y + 40 && b.y <= v.y + v.h - 60); /* whole, clear */
        for (int i = 0; i < k; i++) assert_false(rect_overlaps(node_rect(&app->model->nodes[i]), node_rect(n)));
        if (k == 0) { /* the middle */
            Vec2 c = {(a.x + b.x) / 2, (a.y + b.y) / 2};
            assert_true(fabsf(c.x - (v.x + v.w / 2)) <= GRID * (float)app->cam.zoom);
            assert_true(fabsf(c.y - (v.y + v.h / 2)) <= GRID * (float)app->cam.zoom);
        }
    }
    app_destroy(app);
}

/* A newcomer resting the mouse on a palette row reads what that kind models, beside the
 * palette; moving off hides it; nothing shows while dragging one onto the board. */
static void a_palette_row_says_what_its_kind_models(void **state)
{
    (void)state;
    App *app = open_app(NULL);
    Rect item = app->palette_items[NODE_CACHE];
    app_test_mouse_move(app, item.x + item.w / 2, item.y + item.h / 2);
    app_frame(app);
    assert_false(app_test_text_drawn(app, "Answers reads from memory")); /* not at once */
    SDL_Delay(480);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Answers reads from memory"));
    Rect q = app->palette_items[NODE_QUEUE];
    app_test_mouse_move(app, q.x + q.w / 2, q.y + q.h / 2);
    app_frame(app);
    assert_false(app_test_text_drawn(app, "Answers reads from memory"));
    SDL_Delay(480);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "the sender does not"));
    app_test_mouse_move(app, app->canvas_rc.x + 300, app->canvas_rc.y + 300);
    app_frame(app);
    assert_false(app_test_text_drawn(app, "the sender does not"));
    app_destroy(app);
}

static void move_node_snaps_and_is_one_undo_step(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    int i = find_node(app, "web");
    double x0 = app->model->nodes[i].x, y0 = app->model->nodes[i].y;
    int steps0 = app->hist.n_undo;
    Vec2 c = app_test_node_center(app, i);
    float z = (float)app->cam.zoom;
    app_test_drag(app, c.x, c.y, c.x + 53 * z, c.y + 27 * z, 12, SDL_BUTTON_LEFT);
    const Node *n = &app->model->nodes[i];
    assert_true(fmod(n->x, GRID) == 0 && fmod(n->y, GRID) == 0);
    assert_true(fabs(n->x - (x0 + 60)) < 1e-9);
    assert_true(fabs(n->y - (y0 + 20)) < 1e-9);
    assert_int_equal(app->hist.n_undo, steps0 + 1);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(app->model->nodes[i].x == x0 && app->model->nodes[i].y == y0);
    /* Escape during a drag puts the node back and leaves no step behind. */
    app_test_mouse_move(app, c.x, c.y);
    app_test_mouse_down(app, c.x, c.y, SDL_BUTTON_LEFT, 1);
    app_test_mouse_move(app, c.x + 30 * z, c.y + 10 * z);
    app_test_mouse_move(app, c.x + 90 * z, c.y + 50 * z);
    assert_true(app->model->nodes[i].x != x0);
    app_test_key(app, SDLK_ESCAPE, 0);
    app_test_mouse_up(app, c.x + 90 * z, c.y + 50 * z, SDL_BUTTON_LEFT);
    assert_true(app->model->nodes[i].x == x0 && app->model->nodes[i].y == y0);
    assert_int_equal(app->hist.n_undo, steps0);
    app_destroy(app);
}

static void connect_two_nodes_by_dragging_from_the_handle(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    int to = find_node(app, "jobs");
    int edges0 = app->model->n_edges;
    int lb = find_node(app, "lb");
    Vec2 h = app_test_node_handle(app, lb);
    Vec2 t = app_test_node_center(app, to);
    app_test_drag(app, h.x, h.y, t.x, t.y, 10, SDL_BUTTON_LEFT);
    assert_int_equal(app->model->n_edges, edges0 + 1);
    const Edge *e = &app->model->edges[edges0];
    assert_string_equal(e->from, "lb");
    assert_string_equal(e->to, "jobs");
    assert_false(app->msg_error);
    assert_true(app->sel_edge[edges0]);
    shot(app, "gui-connected.png");
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->n_edges, edges0);
    app_test_key(app, SDLK_y, KMOD_CTRL);
    assert_int_equal(app->model->n_edges, edges0 + 1);
    app_destroy(app);
}

static void invalid_edges_are_refused_with_a_message(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    int edges0 = app->model->n_edges;
    /* Into a client. */
    Vec2 h = app_test_node_handle(app, find_node(app, "web"));
    Vec2 t = app_test_node_center(app, find_node(app, "users"));
    app_test_drag(app, h.x, h.y, t.x, t.y, 6, SDL_BUTTON_LEFT);
    assert_int_equal(app->model->n_edges, edges0);
    assert_true(app->msg_error);
    assert_non_null(strstr(app->msg, "client"));
    /* A duplicate. */
    h = app_test_node_handle(app, find_node(app, "lb"));
    t = app_test_node_center(app, find_node(app, "web"));
    app_test_drag(app, h.x, h.y, t.x, t.y, 6, SDL_BUTTON_LEFT);
    assert_int_equal(app->model->n_edges, edges0);
    assert_non_null(strstr(app->msg, "already"));
    /* A cycle of synchronous calls: pg -> web closes web -> pg. The validator says why. */
    h = app_test_node_handle(app, find_node(app, "pg"));
    t = app_test_node_center(app, find_node(app, "web"));
    app_test_drag(app, h.x, h.y, t.x, t.y, 6, SDL_BUTTON_LEFT);
    assert_int_equal(app->model->n_edges, edges0);
    assert_true(app->msg_error);
    assert_non_null(strstr(app->msg, "cycle"));
    shot(app, "gui-refused.png");
    app_destroy(app);
}

/* The inspector's row for a field, scrolled into view. */
static Rect field_in_view(App *app, const char *key)
{
    Rect f = {0};
    app->insp_scroll = 0;
    app_frame(app);
    for (int k = 0; k < 40 && !(app_test_field_rect(app, key, &f) && f.y > 80 && f.y < 600); k++) {
        app->insp_scroll += 150;
        app_frame(app);
        app_frame(app);
    }
    assert_true(app_test_field_rect(app, key, &f));
    return f;
}

/* The figures above a node's fields change with an edit ("Over capacity: ..." goes once
 * its instances are raised): the fields stay where they were while the node stays
 * selected, so the next click lands on the field it aimed at; selected again, the
 * inspector closes the gap. */
static void the_fields_keep_their_place_while_the_figures_change(void **state)
{
    (void)state;
    /* 2,000 requests/s of 10 ms on 8 workers: over capacity, a long note; on 10 instances
     * 25% busy, none */
    const char *path = gui_test_file("keep-fields.json");
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"requests\": [{\"name\": \"get\","
          " \"rate_rps\": 2000}]}, \"nodes\": [{\"id\": \"users\", \"kind\": \"client\", \"x\": 0, \"y\": 0},"
          " {\"id\": \"api\", \"kind\": \"service\", \"instances\": 1, \"workers\": 8, \"service_ms\": 10,"
          " \"x\": 240, \"y\": 0}], \"edges\": [{\"from\": \"users\", \"to\": \"api\"}]}", fp);
    fclose(fp);
    App *app = open_app(path);
    click_node(app, "api");
    int i = find_node(app, "api");
    app_frame(app);
    assert_true(app->est.nodes[i].over_capacity);
    Rect inst = field_in_view(app, "instances"), work;
    float scroll = app->insp_scroll;
    assert_true(app_test_field_rect(app, "workers", &work));
    app_test_click(app, inst.x + inst.w / 2, inst.y + inst.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "10");
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    app_frame(app);
    assert_int_equal(app->model->nodes[i].instances, 10);
    assert_false(app->est.nodes[i].over_capacity); /* its long note went */
    assert_false(app->est.nodes[i].near_capacity);
    Rect after;
    assert_true(app_test_field_rect(app, "workers", &after));
    assert_true(fabsf(after.y - work.y) < 0.5f);
    /* the mouse on the board, no field typed into: the gap closes */
    app_test_mouse_move(app, app->canvas_rc.x + 20, app->canvas_rc.y + app->canvas_rc.h - 20);
    app_frame(app);
    app_frame(app);
    Rect away;
    assert_true(app_test_field_rect(app, "workers", &away));
    assert_true(away.y < work.y - 10);
    /* back over the inspector, it stays closed (nothing changed above the fields) */
    app_test_mouse_move(app, inst.x + inst.w / 2, inst.y + inst.h / 2);
    app_frame(app);
    app_frame(app);
    assert_true(app_test_field_rect(app, "workers", &after));
    assert_true(fabsf(after.y - away.y) < 0.5f);
    /* selected again: no gap kept */
    sel_clear(app);
    app_frame(app);
    click_node(app, "api");
    app->insp_scroll = scroll;
    app_frame(app);
    app_frame(app);
    assert_true(app_test_field_rect(app, "workers", &after));
    fprintf(stderr, "    workers at %.0f, then %.0f (scroll %.0f)\n", work.y, after.y, scroll);
    assert_true(after.y < work.y - 10);
    app_destroy(app);
}

/* A queue's dead-letter queue is picked from the board's other queues, or none. */
static void a_dead_letter_queue_is_picked_from_the_queues(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/kafka-partitions.json");
    click_node(app, "events");
    int i = find_node(app, "events");
    assert_int_equal(sel_single_node(app), i);
    assert_string_equal(app->model->nodes[i].dead_letter, "dlq");
    Rect f = field_in_view(app, "dead_letter");
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 20, pr.y + 4 + 13); /* the first: none */
    assert_null(app->model->nodes[i].dead_letter);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "none (drop them)"));
    f = field_in_view(app, "dead_letter");
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 20, pr.y + 4 + 26 + 13); /* the second: the other queue */
    assert_non_null(app->model->nodes[i].dead_letter);
    assert_string_equal(app->model->nodes[i].dead_letter, "dlq");
    app_test_key(app, SDLK_z, KMOD_CTRL); /* one undo step each */
    assert_null(app->model->nodes[i].dead_letter);
    /* retention, typed: the inspector says what it does */
    f = field_in_view(app, "retention_s");
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, "90");
    app_test_key(app, SDLK_RETURN, 0);
    assert_true(app->model->nodes[i].retention_s == 90);
    app->insp_scroll = 0;
    for (int k = 0; k < 40 && !app_test_text_drawn(app, "expires: deleted unread"); k++) {
        app->insp_scroll += 150;
        app_frame(app);
        app_frame(app);
    }
    assert_true(app_test_text_drawn(app, "expires: deleted unread"));
    assert_true(app_test_text_drawn(app, "still waiting 1.5 min"));
    app_destroy(app);
}

static void edit_fields_through_the_inspector_by_typing(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    click_node(app, "web");
    int i = find_node(app, "web");
    assert_int_equal(sel_single_node(app), i);
    Rect f;
    assert_true(app_test_field_rect(app, "workers", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, "24");
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->model->nodes[i].workers, 24);
    /* the status bar names the row as the inspector shows it, not the file's key */
    char said[200], name[100];
    snprintf(name, sizeof name, "%s", app->model->nodes[i].label ? app->model->nodes[i].label : app->model->nodes[i].id);
    snprintf(said, sizeof said, "Set \xE2\x80\x9CWorkers / instance\xE2\x80\x9D of %s to 24", name);
    assert_string_equal(app->msg, said);
    /* A value out of range is refused, with the reason, and nothing changes. */
    assert_true(app_test_field_rect(app, "workers", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, "-5");
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->model->nodes[i].workers, 24);
    assert_string_equal(app->insp_error_key, "workers");
    assert_true(app->msg_error);
    assert_ptr_equal(strstr(app->msg, "Workers / instance: "), app->msg);
    /* Too many: the limit reads in groups ("Must be ≤ 1,000,000", not "1000000"). */
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, "99999999");
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->model->nodes[i].workers, 24);
    {
        const FieldDesc *wf = schema_find(schema_node_fields, "workers");
        char want[120], grouped[NUMFMT_CAP];
        snprintf(want, sizeof want, "Workers / instance: Must be \xE2\x89\xA4 %s", numfmt_grouped(wf->max, ",", grouped, sizeof grouped));
        assert_true(wf->max >= 10000);
        assert_string_equal(app->msg, want);
    }
    /* Not a number either. */
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, "lots");
    app_test_key(app, SDLK_TAB, 0);
    assert_int_equal(app->model->nodes[i].workers, 24);
    app_test_key(app, SDLK_ESCAPE, 0);
    /* A distribution parameter, with a unit suffix: 2.5 ms mean. */
    assert_true(app_test_field_rect(app, "service_ms.mean", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, "2.5");
    app_test_key(app, SDLK_RETURN, 0);
    assert_true(fabs(app->model->nodes[i].service_ms.mean - 2.5) < 1e-12);
    snprintf(said, sizeof said, "Set \xE2\x80\x9CService time: mean\xE2\x80\x9D of %s to 2.5 ms", name);
    assert_string_equal(app->msg, said);
    /* An enumeration through its dropdown: io = async (scrolled to, if need be). */
    Rect ir = app->inspector_rc;
    for (int k = 0; k < 20 && !app_test_field_rect(app, "io", &f); k++) app_test_wheel(app, ir.x + ir.w / 2, ir.y + ir.h / 2, -1);
    assert_true(app_test_field_rect(app, "io", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    Rect pr = app->ui.popup_rect; /* below the field, or above it when there is no room */
    app_test_click(app, pr.x + 20, pr.y + 4 + 26 * 1 + 13);
    assert_int_equal(app->model->nodes[i].io, IO_ASYNC);
    shot(app, "gui-inspector.png");
    /* Each change is one undo step. */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->nodes[i].io, IO_BLOCKING);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(app->model->nodes[i].service_ms.mean != 2.5);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->nodes[i].workers, 16);
    app_test_key(app, SDLK_y, KMOD_CTRL);
    assert_int_equal(app->model->nodes[i].workers, 24);
    /* An edge field: select the users -> lb edge by its label and set its latency. */
    app_test_key(app, SDLK_ESCAPE, 0);
    const EdgeRoute *er = &app->routes.r[0];
    Vec2 mid = bezier_at(er->p, 0.5f);
    Vec2 s = cam_to_screen(&app->cam, app->canvas_rc, mid.x, mid.y);
    app_test_click(app, s.x, s.y);
    assert_int_equal(sel_single_edge(app), 0);
    assert_true(app_test_field_rect(app, "latency_ms", &f));
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_text(app, "35");
    app_test_key(app, SDLK_RETURN, 0);
    assert_true(app->model->edges[0].latency_ms == 35);
    /* named by its ends as the board names them (it said "users → lb") */
    assert_string_equal(app->msg, "Set \xE2\x80\x9CLatency\xE2\x80\x9D of Users \xE2\x86\x92 Load balancer to 35 ms");
    app_destroy(app);
}

/* A node dropped onto another lands on the nearest free spot beside it: it covered the
 * practice exercise's client, which a newcomer then could not see or connect. */
static void a_node_dropped_on_another_lands_beside_it(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    int web = find_node(app, "web");
    const Node *w = &app->model->nodes[web];
    double wx = w->x, wy = w->y;
    int placed = edit_place_node(app, NODE_SERVICE, wx + 10, wy + 5);
    const Node *p = &app->model->nodes[placed];
    for (int i = 0; i < app->model->n_nodes; i++)
        if (i != placed) assert_false(rect_overlaps(node_rect(p), node_rect(&app->model->nodes[i])));
    assert_true(fabs(p->x - wx) <= 2 * NODE_W && fabs(p->y - wy) <= 3 * NODE_H); /* beside it, not far off */
    app_destroy(app);
}

/* An edge too short for all its label says shows what changes where a request goes: the
 * scatter-gather design's 10 copies a call ("fan-out x10 . 0 ms" has no room between the
 * aggregator and its shards; it was hidden); the whole label while it is selected, and a
 * click on the brief one selects the edge. */
static void a_short_edge_shows_a_brief_label(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/tests/data/theory/scatter-gather.json");
    int k = -1;
    for (int i = 0; i < app->model->n_edges; i++)
        if (strcmp(app->model->edges[i].to, "shard") == 0) k = i;
    assert_true(k >= 0);
    const EdgeRoute *er = &app->routes.r[k];
    assert_true(er->label_shown);
    assert_true(er->label_brief);
    assert_string_equal(er->short_label, "\xC3\x97" "10");
    assert_non_null(strstr(er->label, "fan-out \xC3\x97" "10"));
    Rect lr = er->label_rc;
    Vec2 c = cam_to_screen(&app->cam, app->canvas_rc, lr.x + lr.w / 2, lr.y + lr.h / 2);
    app_test_click(app, c.x, c.y);
    assert_int_equal(sel_single_edge(app), k);
    shot(app, "gui-edge-brief-label.png");
    app_destroy(app);
}

static void rename_by_double_click_with_cyrillic_text(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    int i = find_node(app, "web");
    Vec2 c = app_test_node_center(app, i);
    app_test_double_click(app, c.x, c.y);
    assert_int_equal(app->rename_node, i);
    app_test_text(app, "Сервис заказов");
    app_test_key(app, SDLK_BACKSPACE, 0);
    app_test_text(app, "в");
    shot(app, "gui-rename.png");
    app_test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app->model->nodes[i].label, "Сервис заказов");
    assert_string_equal(app->model->nodes[i].id, "web"); /* the id stays stable */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(app->model->nodes[i].label, "Web");
    app_test_key(app, SDLK_y, KMOD_CTRL);
    assert_string_equal(app->model->nodes[i].label, "Сервис заказов");
    /* Escape cancels a rename. */
    app_test_double_click(app, c.x, c.y);
    app_test_text(app, "nope");
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_string_equal(app->model->nodes[i].label, "Сервис заказов");
    app_destroy(app);
}

/* Nodes first..end are inside the part of the board the canvas shows clear of its
 * overlays. */
static bool copies_in_view(App *app, int first)
{
    double x0, y0, x1, y1;
    canvas_clear_board(app, &x0, &y0, &x1, &y1);
    for (int i = first; i < app->model->n_nodes; i++) {
        const Node *n = &app->model->nodes[i];
        if (n->x < x0 || n->y < y0 || n->x + NODE_W > x1 || n->y + NODE_H > y1) return false;
    }
    return true;
}

static void copy_paste_and_duplicate(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    int n0 = app->model->n_nodes, e0 = app->model->n_edges;
    /* Select web and redis (Shift-click), copy, paste: two nodes and the edge between them. */
    click_node(app, "web");
    app_test_key_down(app, SDLK_LSHIFT, KMOD_LSHIFT);
    click_node(app, "redis");
    app_test_key_up(app, SDLK_LSHIFT, 0);
    assert_int_equal(sel_count_nodes(app), 2);
    app_test_key(app, SDLK_c, KMOD_CTRL);
    app_test_key(app, SDLK_v, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, n0 + 2);
    assert_int_equal(app->model->n_edges, e0 + 1);
    int w2 = find_node(app, "web_2");
    assert_true(w2 >= 0);
    assert_true(find_node(app, "redis_2") >= 0);
    assert_string_equal(app->model->edges[e0].from, "web_2");
    assert_string_equal(app->model->edges[e0].to, "redis_2");
    /* The copies land clear of every node, the originals included. */
    for (int i = n0; i < app->model->n_nodes; i++)
        for (int k = 0; k < app->model->n_nodes; k++) {
            if (k == i) continue;
            const Node *a = &app->model->nodes[i], *b = &app->model->nodes[k];
            bool overlap = a->x < b->x + NODE_W && b->x < a->x + NODE_W && a->y < b->y + NODE_H && b->y < a->y + NODE_H;
            assert_false(overlap);
        }
    assert_true(fmod(app->model->nodes[w2].x, GRID) == 0 && fmod(app->model->nodes[w2].y, GRID) == 0);
    assert_int_equal(sel_count_nodes(app), 2); /* the pasted copies are selected */
    assert_string_equal(app->msg, "Paste 2 nodes");
    assert_true(copies_in_view(app, n0));
    /* Duplicate the pasted pair. */
    app_test_key(app, SDLK_d, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, n0 + 4);
    assert_true(find_node(app, "web_3") >= 0);
    assert_string_equal(app->msg, "Duplicate 2 nodes");
    assert_true(copies_in_view(app, n0 + 2));
    /* Copies of copies, many times over: each lands where the board shows it (it went below
     * the view, under the legend, and the person saw nothing happen). */
    for (int k = 0; k < 12; k++) {
        int before = app->model->n_nodes;
        app_test_key(app, SDLK_d, KMOD_CTRL);
        app_frame(app);
        assert_int_equal(app->model->n_nodes, before + 2);
        assert_true(copies_in_view(app, before));
    }
    for (int k = 0; k < 12; k++) app_test_key(app, SDLK_z, KMOD_CTRL);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, n0);
    assert_int_equal(app->model->n_edges, e0);
    app_destroy(app);
}

/* A second client, pasted or placed, leaves the request types with the client that sent
 * them (they name it, in the same undo step), so the design stays valid: the url
 * shortener's Browsers copied and pasted said "no client named for 'redirect': there are
 * 2 client nodes" while the board still showed the first sending 20.2k rps. */
static void a_second_client_leaves_the_traffic_where_it_was(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
    const Scenario *sc = &app->model->scenario;
    assert_true(sc->n_requests >= 2);
    for (int k = 0; k < sc->n_requests; k++) assert_null(sc->requests[k].client);
    assert_int_equal(diag_errors(&app->problems), 0);
    for (int how = 0; how < 2; how++) {
        if (how == 0) { /* copy and paste the client */
            click_node(app, "users");
            app_test_key(app, SDLK_c, KMOD_CTRL);
            app_test_key(app, SDLK_v, KMOD_CTRL);
            assert_true(find_node(app, "users_2") >= 0);
        } else { /* a client from the palette */
            edit_place_node(app, NODE_CLIENT, 0, 0);
        }
        app_frame(app);
        sc = &app->model->scenario;
        for (int k = 0; k < sc->n_requests; k++) assert_string_equal(sc->requests[k].client, "users");
        assert_int_equal(diag_errors(&app->problems), 0);
        app_test_key(app, SDLK_z, KMOD_CTRL); /* one step takes both back */
        app_frame(app);
        sc = &app->model->scenario;
        for (int k = 0; k < sc->n_requests; k++) assert_null(sc->requests[k].client);
        assert_int_equal(find_node(app, "users_2"), -1);
        assert_int_equal(find_node(app, "client"), -1);
    }
    app_destroy(app);
}

static void delete_node_removes_its_edges_and_undo_restores_them(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    Model *before = model_clone(app->model);
    click_node(app, "web");
    app_test_key(app, SDLK_DELETE, 0);
    assert_int_equal(find_node(app, "web"), -1);
    for (int k = 0; k < app->model->n_edges; k++) {
        assert_string_not_equal(app->model->edges[k].from, "web");
        assert_string_not_equal(app->model->edges[k].to, "web");
    }
    assert_int_equal(app->model->n_edges, before->n_edges - 4);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(model_equal(before, app->model)); /* same order, same everything */
    app_test_key(app, SDLK_y, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, before->n_nodes - 1);
    /* An edge alone. */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_test_key(app, SDLK_ESCAPE, 0);
    const EdgeRoute *er = &app->routes.r[1];
    Vec2 mid = bezier_at(er->p, 0.5f);
    Vec2 s = cam_to_screen(&app->cam, app->canvas_rc, mid.x, mid.y);
    app_test_click(app, s.x, s.y);
    assert_int_equal(sel_single_edge(app), 1);
    app_test_key(app, SDLK_BACKSPACE, 0);
    assert_int_equal(app->model->n_edges, before->n_edges - 1);
    assert_int_equal(app->model->n_nodes, before->n_nodes);
    model_destroy(before);
    app_destroy(app);
}

static void rubber_band_selects_and_group_move_is_one_step(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    int a = find_node(app, "redis"), b = find_node(app, "pg");
    Rect ra = node_rect(&app->model->nodes[a]), rb = node_rect(&app->model->nodes[b]);
    Vec2 p0 = cam_to_screen(&app->cam, app->canvas_rc, ra.x - 30, ra.y - 30);
    Vec2 p1 = cam_to_screen(&app->cam, app->canvas_rc, rb.x + rb.w + 10, rb.y + 10);
    app_test_drag(app, p0.x, p0.y, p1.x, p1.y, 8, SDL_BUTTON_LEFT);
    assert_int_equal(sel_count_nodes(app), 2);
    assert_true(app->sel_node[a] && app->sel_node[b]);
    shot(app, "gui-rubber.png");
    double ax = app->model->nodes[a].x, bx = app->model->nodes[b].x, by = app->model->nodes[b].y;
    int steps0 = app->hist.n_undo;
    Vec2 c = app_test_node_center(app, a);
    float z = (float)app->cam.zoom;
    app_test_drag(app, c.x, c.y, c.x + 100 * z, c.y + 40 * z, 10, SDL_BUTTON_LEFT);
    assert_true(app->model->nodes[a].x == ax + 100);
    assert_true(app->model->nodes[b].x == bx + 100 && app->model->nodes[b].y == by + 40);
    assert_int_equal(app->hist.n_undo, steps0 + 1);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(app->model->nodes[a].x == ax && app->model->nodes[b].x == bx);
    app_destroy(app);
}

/* A selection says what it holds: "2 edges selected" (a modelling check's fix selects the
 * edges it changed; it read "0 nodes, 2 edges selected"), with no Duplicate, which copies
 * nodes; "2 nodes selected"; both kinds named when both are in it. */
static void a_selection_says_what_it_holds(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    sel_clear(app);
    app->sel_edge[0] = app->sel_edge[1] = 1;
    app_frame(app);
    assert_true(app_test_text_exact(app, "2 edges selected"));
    assert_false(app_test_text_drawn(app, "0 nodes"));
    assert_false(app_test_click_widget(app, "multi-dup", -1));
    int n_edges = app->model->n_edges;
    assert_true(app_test_click_widget(app, "multi-del", -1));
    app_frame(app);
    assert_int_equal(app->model->n_edges, n_edges - 2);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    sel_clear(app);
    app->sel_node[0] = app->sel_node[1] = 1;
    app_frame(app);
    assert_true(app_test_text_exact(app, "2 nodes selected"));
    app->sel_edge[0] = 1;
    app_frame(app);
    assert_true(app_test_text_exact(app, "2 nodes, 1 edge selected"));
    assert_true(app_test_click_widget(app, "multi-dup", -1));
    app_destroy(app);
}

static void save_writes_the_file_atomically(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    char *path = tmp_path("saved.json");
    free(app->path);
    app->path = xstrdup(path);
    /* An edit, then Ctrl+S. */
    int i = find_node(app, "web");
    Vec2 c = app_test_node_center(app, i);
    app_test_double_click(app, c.x, c.y);
    app_test_text(app, "Фронтенд");
    app_test_key(app, SDLK_RETURN, 0);
    assert_true(app_dirty(app));
    app_test_key(app, SDLK_s, KMOD_CTRL);
    assert_false(app_dirty(app));
    assert_false(app->msg_error);
    size_t len = 0;
    char *text = read_file(path, &len);
    assert_non_null(text);
    assert_non_null(strstr(text, "\"format\": \"archsim/1\""));
    assert_non_null(strstr(text, "\"label\": \"Фронтенд\""));
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    assert_non_null(m);
    assert_true(model_equal(m, app->model));
    model_destroy(m);
    diag_free(&d);
    free(text);
    /* Nothing but the file itself is left beside it (no temporary files). */
    DIR *dir = opendir(tmpdir);
    struct dirent *de;
    int others = 0;
    while ((de = readdir(dir)) != NULL)
        if (de->d_name[0] != '.' && strcmp(de->d_name, "saved.json") != 0 &&
            strncmp(de->d_name, "recovery-", 9) != 0) /* this window's recovery lock */
            others++;
    closedir(dir);
    assert_int_equal(others, 0);
    /* Undo back to the saved state is clean again; a new edit is dirty. */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(app_dirty(app));
    app_test_key(app, SDLK_y, KMOD_CTRL);
    assert_false(app_dirty(app));
    free(path);
    app_destroy(app);
}

static void opening_an_invalid_file_changes_nothing_and_lists_every_message(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    Model *before = model_clone(app->model);
    char *path_before = xstrdup(app->path);
    assert_false(doc_open(app, INVALID));
    assert_true(model_equal(before, app->model));
    assert_string_equal(app->path, path_before);
    assert_int_equal(app->modal, MODAL_DIAGS);
    assert_true(app->modal_diags.n_items >= 4);
    bool kind = false, dup = false, workers = false;
    for (int k = 0; k < app->modal_diags.n_items; k++) {
        const char *msg = app->modal_diags.items[k].message;
        kind |= strstr(msg, "teleporter") != NULL;
        dup |= strstr(msg, "duplicate") != NULL;
        workers |= strstr(app->modal_diags.items[k].path, "workers") != NULL;
    }
    assert_true(kind && dup && workers);
    assert_true(app->msg_error);
    /* unreadable (unknown kind, bad values): it cannot open to be fixed */
    shot(app, "gui-invalid.png");
    /* The dialog blocks the board: Delete does nothing, Escape closes it. */
    click_node(app, "web");
    app_test_key(app, SDLK_DELETE, 0);
    assert_true(model_equal(before, app->model));
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    /* A file that does not exist. */
    assert_false(doc_open(app, "/nonexistent/archsim.json"));
    assert_true(model_equal(before, app->model));
    model_destroy(before);
    free(path_before);
    app_destroy(app);
}

/* A file that reads but fails validation (an edge to a node that is not there) opens to
 * be fixed, without a dialog in the way: it cannot run until fixed, and saves in place. */
static void a_readable_but_broken_design_opens_to_fix_it(void **state)
{
    (void)state;
    char *path = tmp_file("broken.json",
                          "{\"format\": \"archsim/1\", \"title\": \"Broken\",\n"
                          " \"scenario\": {\"duration_s\": 5, \"requests\": [{\"name\": \"r\", \"rate_rps\": 100}]},\n"
                          " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"api\", \"kind\": \"service\"}],\n"
                          " \"edges\": [{\"from\": \"u\", \"to\": \"api\"}, {\"from\": \"api\", \"to\": \"dbb\"}]}\n");
    App *app = open_app(SAMPLE);
    Model *before = model_clone(app->model);
    assert_true(doc_open(app, path));
    app_frame(app);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_true(app->msg_error); /* the status bar says so, in red */
    assert_non_null(strstr(app->msg, "with 1 problem to fix"));
    shot(app, "gui-open-to-fix.png");
    assert_string_equal(app->path, path);
    assert_string_equal(app->model->title, "Broken");
    assert_int_equal(app->model->n_edges, 2);
    assert_true(diag_errors(&app->problems) > 0);
    assert_false(run_start(app)); /* not until fixed */
    /* Delete the dangling edge: the design is valid and saves to the same file. */
    sel_clear(app);
    app->sel_edge[1] = 1;
    edit_delete_selection(app);
    app_frame(app);
    assert_int_equal(diag_errors(&app->problems), 0);
    assert_true(doc_save(app));
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    assert_non_null(m);
    assert_int_equal(m->n_edges, 1);
    model_destroy(m);
    diag_free(&d);
    model_destroy(before);
    app_destroy(app);
    unlink(path);
    free(path);
}

/* Recovery files ("recovery-*.json") left in the test's state folder. */
static int recovery_files(void)
{
    char *dir = tmp_path("state");
    DIR *d = opendir(dir);
    free(dir);
    int n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        n += strncmp(de->d_name, "recovery", 8) == 0 && strlen(de->d_name) > 5 &&
             strcmp(de->d_name + strlen(de->d_name) - 5, ".json") == 0;
    if (d) closedir(d);
    return n;
}

/* Rename node lb of the open sample and let autosave write. */
static void edit_and_autosave(App *app, const char *label)
{
    Vec2 c = app_test_node_center(app, find_node(app, "lb"));
    app_test_double_click(app, c.x, c.y);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, label);
    app_test_key(app, SDLK_RETURN, 0);
    SDL_Delay(5);
    app_frame(app);
}

static void autosave_writes_a_recovery_file_and_the_next_start_recovers_it(void **state)
{
    (void)state;
    make_tmpdir();
    char *rec = tmp_path("state/recovery.json");
    App *app = open_app_with(SAMPLE, rec, 1, true);
    assert_int_equal(app->modal, MODAL_NONE);
    edit_and_autosave(app, "Балансировщик");
    struct stat st;
    assert_non_null(app->recovery_path);
    assert_int_equal(stat(app->recovery_path, &st), 0); /* this instance's own file */
    /* The "crash": destroy without the quit path. */
    char crashed_title[200];
    snprintf(crashed_title, sizeof crashed_title, "%s", app->model->title);
    int crashed_nodes = app->model->n_nodes;
    app_destroy(app);
    app = open_app_with(NULL, rec, 1, true);
    assert_int_equal(app->modal, MODAL_RECOVER);
    /* The offer says what it is: the file it was the work on, its title and its size. */
    {
        char want[400];
        snprintf(want, sizeof want, "%s (%s, %d nodes)", strrchr(SAMPLE, '/') + 1, crashed_title, crashed_nodes);
        assert_string_equal(recovery_offered_about(app), want);
        app_test_log_texts(app, true);
        app_frame(app);
        bool said = false;
        for (int i = 0; app_test_drawn_text(app, i); i++) said |= strstr(app_test_drawn_text(app, i), "sample.json") != NULL;
        assert_true(said);
    }
    shot(app, "gui-recover.png");
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    int i = find_node(app, "lb");
    assert_true(i >= 0);
    assert_string_equal(app->model->nodes[i].label, "Балансировщик");
    assert_true(app_dirty(app));
    assert_non_null(app->path);
    assert_string_equal(app->path, SAMPLE);
    assert_int_equal(stat(app->recovery_path, &st), 0); /* the recovered work is now this instance's */
    assert_int_equal(recovery_files(), 1);
    /* Quitting without saving asks; "Don't save" quits and removes the recovery file. */
    app_request_quit(app);
    assert_int_equal(app->modal, MODAL_UNSAVED);
    assert_false(app->quit);
    app_test_key(app, SDLK_d, 0);
    assert_true(app->quit);
    assert_int_equal(recovery_files(), 0);
    app_destroy(app);
    /* Declining the offer discards the recovery file; Escape does not decide. */
    app = open_app_with(SAMPLE, rec, 1, true);
    edit_and_autosave(app, "Moved");
    app_destroy(app);
    app = open_app_with(SAMPLE, rec, 1, true);
    assert_int_equal(app->modal, MODAL_RECOVER);
    app_test_log_texts(app, true);
    app_frame(app);
    assert_false(app_test_text_drawn(app, "is not opened")); /* the work is on the file asked for */
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_RECOVER);
    assert_true(app_test_click_widget(app, "recover-no", -1));
    assert_int_equal(app->modal, MODAL_NONE);
    assert_int_equal(recovery_files(), 0);
    app_destroy(app);
    /* Started on another file, recovering says that file was not opened. */
    app = open_app_with(SAMPLE, rec, 1, true);
    edit_and_autosave(app, "Moved again");
    app_destroy(app);
    app = open_app_with(ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json", rec, 1, true);
    assert_int_equal(app->modal, MODAL_RECOVER);
    /* The offer says what each choice does to the file asked for, before the choice. */
    app_test_log_texts(app, true);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "url-shortener.json is not opened"));
    assert_true(app_test_text_drawn(app, "opens url-shortener.json."));
    shot(app, "gui-recover-asked.png");
    assert_true(app_test_click_widget(app, "recover-yes", -1));
    assert_string_equal(app->path, SAMPLE);
    assert_non_null(strstr(app->msg, "url-shortener.json was not opened"));
    app_request_quit(app);
    app_test_key(app, SDLK_d, 0);
    app_destroy(app);
    free(rec);
}

/* Hold the lock of recovery file `path` as a live instance in another process would. */
static int hold_lock(const char *path)
{
    char *lock = xasprintf("%s.lock", path);
    int fd = open(lock, O_RDWR);
    free(lock);
    assert_true(fd >= 0);
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    assert_int_equal(fcntl(fd, F_OFD_SETLK, &fl), 0);
    return fd;
}

static void each_instance_has_its_own_recovery_file(void **state)
{
    (void)state;
    make_tmpdir();
    char *rec = tmp_path("state/recovery.json");
    /* Window A has unsaved work; it stops, but as if it were still running elsewhere. */
    App *app = open_app_with(SAMPLE, rec, 1, true);
    edit_and_autosave(app, "Window A");
    char *path_a = xstrdup(app->recovery_path);
    app_destroy(app);
    int lock_a = hold_lock(path_a);
    /* Window B starts: A is alive, so its work is neither offered nor touched. */
    app = open_app_with(SAMPLE, rec, 1, true);
    assert_int_equal(app->modal, MODAL_NONE);
    edit_and_autosave(app, "Window B");
    char *path_b = xstrdup(app->recovery_path);
    assert_string_not_equal(path_a, path_b);
    app_destroy(app);
    int lock_b = hold_lock(path_b);
    assert_int_equal(recovery_files(), 2);
    /* A is gone for good: the next start offers A's work, and discarding it leaves B's. */
    close(lock_a);
    app = open_app_with(NULL, rec, 1, true);
    assert_int_equal(app->modal, MODAL_RECOVER);
    assert_string_equal(recovery_offered(app), path_a);
    assert_true(app_test_click_widget(app, "recover-no", -1));
    assert_int_equal(app->modal, MODAL_NONE); /* B's is live: not offered next */
    assert_int_equal(recovery_files(), 1);
    struct stat st;
    assert_int_equal(stat(path_b, &st), 0);
    app_destroy(app);
    /* B is gone too: its work comes back. */
    close(lock_b);
    app = open_app_with(NULL, rec, 1, true);
    assert_int_equal(app->modal, MODAL_RECOVER);
    app_test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app->model->nodes[find_node(app, "lb")].label, "Window B");
    app_destroy(app);
    free(path_a);
    free(path_b);
    free(rec);
}

static long non_background_pixels(SDL_Surface *s, uint32_t *distinct)
{
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_non_null(c);
    uint32_t bg = ((uint32_t *)c->pixels)[0];
    long n = 0;
    uint32_t seen[64];
    int n_seen = 0;
    for (int y = 0; y < c->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)c->pixels + y * c->pitch);
        for (int x = 0; x < c->w; x++) {
            if (row[x] != bg) n++;
            bool known = false;
            for (int k = 0; k < n_seen && !known; k++) known = seen[k] == row[x];
            if (!known && n_seen < 64) seen[n_seen++] = row[x];
        }
    }
    *distinct = (uint32_t)n_seen;
    SDL_FreeSurface(c);
    return n;
}

static void export_png_writes_a_picture_of_the_right_size(void **state)
{
    (void)state;
    make_tmpdir();
    DiagList d;
    diag_init(&d, SAMPLE);
    Model *m = model_load_file(SAMPLE, &d);
    assert_non_null(m);
    diag_free(&d);
    char *out = tmp_path("sample.png");
    const char *font = render_find_font(NULL);
    assert_non_null(font);
    char err[300];
    assert_true(export_png(m, font, out, 1.0f, err, sizeof err));
    int w, h;
    export_png_size(m, 1.0f, &w, &h);
    SDL_Surface *s = IMG_Load(out);
    assert_non_null(s);
    assert_int_equal(s->w, w);
    assert_int_equal(s->h, h);
    /* The diagram spans about 960 x 400 board units, plus margins. */
    assert_true(w > 900 && w < 1200 && h > 380 && h < 700);
    uint32_t distinct;
    long ink = non_background_pixels(s, &distinct);
    assert_true(ink > (long)w * h / 50);
    assert_true(distinct > 20);
    SDL_FreeSurface(s);
    /* At scale 2 the picture doubles. */
    assert_true(export_png(m, font, out, 2.0f, err, sizeof err));
    s = IMG_Load(out);
    assert_non_null(s);
    assert_true(abs(s->w - 2 * w) <= 2 && abs(s->h - 2 * h) <= 2);
    SDL_FreeSurface(s);
    /* The command line, without a display, when the binary is built beside the tests. */
    if (access("./archsim", X_OK) == 0) {
        char *cli_out = tmp_path("cli.png");
        char *cmd = xasprintf("env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER= ./archsim "
                              "--export-png %s %s >/dev/null",
                              cli_out, SAMPLE);
        assert_int_equal(system(cmd), 0);
        s = IMG_Load(cli_out);
        assert_non_null(s);
        assert_int_equal(s->w, w);
        assert_int_equal(s->h, h);
        SDL_FreeSurface(s);
        free(cmd);
        free(cli_out);
    }
    free(out);
    model_destroy(m);
}

static void two_hundred_and_fifty_undo_steps(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    click_node(app, "users");
    int i = find_node(app, "users");
    double x0 = app->model->nodes[i].x;
    int base = app->hist.n_undo;
    for (int k = 0; k < 250; k++) edit_nudge_selection(app, GRID, 0);
    app_frame(app);
    assert_int_equal(app->hist.n_undo, base + 250);
    assert_true(app->model->nodes[i].x == x0 + 250 * GRID);
    for (int k = 0; k < 250; k++) app_test_key_down(app, SDLK_z, KMOD_CTRL);
    assert_true(app->model->nodes[i].x == x0);
    assert_false(history_can_undo(&app->hist));
    for (int k = 0; k < 250; k++) app_test_key_down(app, SDLK_y, KMOD_CTRL);
    assert_true(app->model->nodes[i].x == x0 + 250 * GRID);
    app_test_key_up(app, SDLK_y, 0);
    app_destroy(app);
}

static void wheel_zooms_at_the_cursor_and_f_fits(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    Rect v = app->canvas_rc;
    float sx = v.x + 200, sy = v.y + 150;
    double bx0, by0, bx1, by1;
    cam_to_board(&app->cam, v, sx, sy, &bx0, &by0);
    double z0 = app->cam.zoom;
    app_test_wheel(app, sx, sy, 3);
    assert_true(app->cam.zoom > z0);
    cam_to_board(&app->cam, v, sx, sy, &bx1, &by1);
    assert_true(fabs(bx1 - bx0) < 0.5 && fabs(by1 - by0) < 0.5);
    app_test_key(app, SDLK_f, 0);
    for (int k = 0; k < app->model->n_nodes; k++) {
        Vec2 c = app_test_node_center(app, k);
        assert_true(rect_contains(v, c.x, c.y));
    }
    /* Middle-drag pans. */
    double cx = app->cam.x;
    app_test_drag(app, v.x + 300, v.y + 300, v.x + 400, v.y + 300, 4, SDL_BUTTON_MIDDLE);
    assert_true(app->cam.x < cx);
    /* Space + drag pans too, and does not select. */
    cx = app->cam.x;
    app_test_key_down(app, SDLK_SPACE, 0);
    app_test_drag(app, v.x + 300, v.y + 300, v.x + 200, v.y + 300, 4, SDL_BUTTON_LEFT);
    app_test_key_up(app, SDLK_SPACE, 0);
    assert_true(app->cam.x > cx);
    assert_int_equal(sel_count_nodes(app), 0);
    app_destroy(app);
}

/* Export's menu writes the diagram for the other tools as archsim-cli export does: each
 * text format picked from the menu, a name typed without its extension, the file written
 * with it and read back by the importer with the same nodes (ids; Mermaid's, labels) and edges (Graphviz,
 * which archsim does not read, as the CLI's text). The GIF item is off before a run; the
 * keys walk the menu. */
static void export_menu_writes_every_format(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
    static const struct { int item; FileMode mode; const char *ext; ImportFormat fmt; } cases[] = {
        {4, FILE_EXPORT_EXCALIDRAW, ".excalidraw", IMPORT_EXCALIDRAW},
        {5, FILE_EXPORT_DRAWIO, ".drawio", IMPORT_DRAWIO},
        {6, FILE_EXPORT_MERMAID, ".mmd", IMPORT_MERMAID},
        {7, FILE_EXPORT_DOT, ".dot", IMPORT_FORMAT_COUNT}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        assert_true(app_test_click_widget(app, "tb-export", -1));
        assert_int_equal(app->modal, MODAL_NONE); /* a menu, not yet a dialog */
        assert_true(app_test_click_widget(app, "tb-export", cases[k].item));
        assert_int_equal(app->modal, MODAL_FILE);
        assert_int_equal(app->fd.mode, cases[k].mode);
        char *want_name = xasprintf("url-shortener%s", cases[k].ext);
        assert_string_equal(app->fd.name, want_name); /* proposed with its extension */
        free(want_name);
        char *typed = tmp_path("board"), *written = xasprintf("%s%s", typed, cases[k].ext);
        char *data = gui_test_save_as_typed(app, typed, cases[k].ext);
        assert_non_null(data);
        size_t len = strlen(data);
        assert_non_null(strstr(app->msg, written));
        if (cases[k].fmt == IMPORT_FORMAT_COUNT) {
            char *cli = export_dot(app->model);
            assert_string_equal(data, cli);
            free(cli);
        } else {
            assert_int_equal(import_sniff(data, len), cases[k].fmt);
            ImportResult r = {0};
            DiagList d;
            diag_init(&d, NULL);
            assert_true(import_bytes(data, len, &r, &d));
            assert_int_equal(r.model->n_nodes, app->model->n_nodes);
            assert_int_equal(r.model->n_edges, app->model->n_edges);
            /* Mermaid's node names are n0, n1...: its importer makes ids of the labels */
            for (int i = 0; i < app->model->n_nodes; i++) {
                const Node *n = &app->model->nodes[i];
                bool found = false;
                for (int j = 0; j < r.model->n_nodes && !found; j++)
                    found = cases[k].fmt == IMPORT_MERMAID
                                ? r.model->nodes[j].label && strcmp(r.model->nodes[j].label, n->label) == 0
                                : strcmp(r.model->nodes[j].id, n->id) == 0;
                if (!found) fail_msg("%s: no node %s in what the importer read", cases[k].ext, n->id);
            }
            import_result_free(&r);
            diag_free(&d);
        }
        free(data);
        free(written);
        free(typed);
    }
    /* Copy as Mermaid: the CLI's text on the clipboard, no dialog */
    assert_true(app_test_click_widget(app, "tb-export", -1));
    assert_true(app_test_click_widget(app, "tb-export", 8));
    assert_int_equal(app->modal, MODAL_NONE);
    char *clip = SDL_GetClipboardText(), *mmd = export_mermaid(app->model);
    assert_non_null(clip);
    assert_string_equal(clip, mmd);
    SDL_free(clip);
    free(mmd);
    assert_non_null(strstr(app->msg, "Copied the diagram as a Mermaid flowchart"));
    /* the GIF item is off before a run: a click on it opens nothing */
    assert_true(app_test_click_widget(app, "tb-export", -1));
    assert_true(app_test_click_widget(app, "tb-export", 2));
    assert_int_equal(app->modal, MODAL_NONE);
    assert_true(app_test_text_drawn(app, "after a run"));
    shot(app, "gui-export-menu.png");
    /* Down, Down, Enter: SVG (Down from nothing takes the first; Escape would close) */
    app_test_key(app, SDLK_DOWN, 0);
    app_test_key(app, SDLK_DOWN, 0);
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_FILE);
    assert_int_equal(app->fd.mode, FILE_EXPORT_SVG);
    app_test_key(app, SDLK_ESCAPE, 0);
    /* Escape closes the menu and leaves the board as it was */
    assert_true(app_test_click_widget(app, "tb-export", -1));
    assert_int_equal(app->ui.popup_id, ui_id("tb-export"));
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->ui.popup_id, 0u);
    assert_int_equal(app->modal, MODAL_NONE);
    app_destroy(app);
}

/* After a run, Export saves its report and series as archsim-cli run writes them: the
 * same bytes as the engine's report of the same design and seed with the request the
 * Trace tab follows (archsim-cli run FILE --trace TYPE --json OUT --csv OUT). Before a
 * run the items are off. */
static void export_menu_saves_the_runs_report(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
    assert_true(app_test_click_widget(app, "tb-export", -1));
    assert_true(app_test_click_widget(app, "tb-export", 11)); /* Run report (JSON), off */
    assert_int_equal(app->modal, MODAL_NONE);
    app_test_key(app, SDLK_ESCAPE, 0);
    app->model->scenario.duration_s = 3;
    app->model->scenario.warmup_s = 1;
    app->version++;
    char *board = tmp_path("short.json");
    assert_true(doc_save_as(app, board)); /* what the CLI would be given */
    assert_true(run_start(app));
    for (int k = 0; k < 200000 && run_active(app); k++) {
        app_frame(app);
        SDL_Delay(1);
    }
    assert_non_null(app->res);
    app_frame(app);
    /* the engine's own run of the saved file, as archsim-cli run does it */
    DiagList d;
    diag_init(&d, NULL);
    Model *m = model_load_file(board, &d);
    assert_non_null(m);
    SimOptions opt = sim_options_default();
    opt.trace_request = app->trace_type;
    Summary *s = sim_replicate(m, &opt, 1, 1, &d);
    assert_non_null(s);
    static const struct { int item; FileMode mode; const char *suffix; char *(*report)(const Model *, const Summary *); } cases[] = {
        {10, FILE_REPORT_TEXT, "-report.txt", report_text},
        {11, FILE_REPORT_JSON, "-report.json", report_json},
        {12, FILE_REPORT_CSV, "-series.csv", report_csv}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        assert_true(app_test_click_widget(app, "tb-export", -1));
        assert_true(app_test_click_widget(app, "tb-export", cases[k].item));
        assert_int_equal(app->modal, MODAL_FILE);
        assert_int_equal(app->fd.mode, cases[k].mode);
        char *proposed = xasprintf("short%s", cases[k].suffix);
        assert_string_equal(app->fd.name, proposed);
        free(proposed);
        char *target = tmp_path("out");
        char *got = gui_test_save_as_typed(app, target, strrchr(cases[k].suffix, '.')), *want = cases[k].report(m, s);
        assert_non_null(got);
        assert_string_equal(got, want);
        free(got);
        free(want);
        free(target);
    }
    summary_destroy(s);
    model_destroy(m);
    diag_free(&d);
    unlink(board);
    free(board);
    app_destroy(app);
}

/* Tidy up the layout (the board's right-click menu, Ctrl+Shift+L): a board drawn in a
 * muddle, its zones' boxes over one another, laid out again as one undoable step: calls
 * left to right, no two nodes or zone boxes over one another, the diagram's top-left
 * corner kept, the selection as it was; undo puts every node back. */
/* Right-click one of the selected nodes: Align or distribute... lists the ways; each is
 * one undo step that keeps the selection. */
static void selected_nodes_align_and_distribute(void **state)
{
    (void)state;
    char *path = tmp_file("scatter.json",
                          "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\", \"rate_rps\": 100}]}, "
                          "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\", \"x\": 40, \"y\": 300},"
                          "{\"id\": \"a\", \"kind\": \"service\", \"x\": 300, \"y\": 120},"
                          "{\"id\": \"b\", \"kind\": \"service\", \"x\": 700, \"y\": 260},"
                          "{\"id\": \"c\", \"kind\": \"service\", \"x\": 420, \"y\": 200}],"
                          "\"edges\": [{\"from\": \"u\", \"to\": \"a\"}, {\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"a\", \"to\": \"c\"}]}");
    App *app = open_app(path);
    int a = find_node(app, "a"), b = find_node(app, "b"), c = find_node(app, "c"), u = find_node(app, "u");
    /* one node: nothing to align, the menu does not offer it */
    Vec2 at = app_test_node_center(app, a);
    app_test_mouse_down(app, at.x, at.y, SDL_BUTTON_RIGHT, 1);
    app_test_mouse_up(app, at.x, at.y, SDL_BUTTON_RIGHT);
    assert_true(app->ctx.open);
    assert_false(app_test_text_drawn(app, "Align or distribute\xE2\x80\xA6"));
    app_test_key(app, SDLK_ESCAPE, 0);
    app->sel_node[a] = app->sel_node[b] = app->sel_node[c] = 1;
    app_frame(app);
    app_test_mouse_down(app, at.x, at.y, SDL_BUTTON_RIGHT, 1);
    app_test_mouse_up(app, at.x, at.y, SDL_BUTTON_RIGHT);
    assert_int_equal(sel_count_nodes(app), 3); /* a right click on a selected node keeps them */
    assert_true(app_test_text_drawn(app, "Align or distribute\xE2\x80\xA6"));
    assert_true(app_test_click_widget(app, "ctx-item", 4)); /* after Show path of... */
    assert_true(app_test_text_drawn(app, "Align top edges"));
    assert_true(app_test_text_drawn(app, "Distribute horizontally"));
    assert_true(app_test_click_widget(app, "ctx-sub", ALIGN_TOP));
    const Model *m = app->model;
    assert_true(m->nodes[a].y == 120 && m->nodes[b].y == 120 && m->nodes[c].y == 120);
    assert_true(m->nodes[a].x == 300 && m->nodes[b].x == 700 && m->nodes[c].x == 420); /* across: unmoved */
    assert_true(m->nodes[u].y == 300);
    assert_int_equal(sel_count_nodes(app), 3);
    assert_non_null(strstr(app->msg, "Align top edges: 3 nodes"));
    /* distributed: a and b stay at the ends, c halfway */
    edit_align(app, ALIGN_SPREAD_X);
    assert_true(m->nodes[a].x == 300 && m->nodes[b].x == 700 && m->nodes[c].x == 500);
    /* the middle line of their box, and nothing to do the second time */
    edit_align(app, ALIGN_CENTRE);
    assert_true(m->nodes[a].x == 500 && m->nodes[b].x == 500 && m->nodes[c].x == 500);
    edit_align(app, ALIGN_CENTRE);
    assert_non_null(strstr(app->msg, "aligned already"));
    /* each was one step */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(m->nodes[c].x == 500 && m->nodes[a].x == 300);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(m->nodes[c].x == 420 && m->nodes[c].y == 120);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(m->nodes[c].y == 200 && m->nodes[b].y == 260);
    /* two selected cannot be distributed: said, and not listed */
    sel_clear(app);
    app->sel_node[a] = app->sel_node[b] = 1;
    edit_align(app, ALIGN_SPREAD_Y);
    assert_non_null(strstr(app->msg, "three nodes or more"));
    assert_true(m->nodes[a].y == 120 && m->nodes[b].y == 260);
    app_frame(app);
    /* the inspector of the selection has the same menu, distributing off with its reason */
    assert_true(app_test_click_widget(app, "multi-align", -1));
    assert_true(app_test_text_drawn(app, "three nodes"));
    assert_true(app_test_click_widget(app, "multi-align", ALIGN_SPREAD_X)); /* off: nothing happens */
    assert_true(m->nodes[a].y == 120 && m->nodes[b].y == 260 && m->nodes[a].x == 300);
    if (app->ui.popup_id) app_test_key(app, SDLK_ESCAPE, 0);
    assert_true(app_test_click_widget(app, "multi-align", -1));
    assert_true(app_test_click_widget(app, "multi-align", ALIGN_BOTTOM));
    assert_true(m->nodes[a].y == 260 && m->nodes[b].y == 260);
    shot(app, "gui-align.png");
    app_destroy(app);
    remove(path);
    free(path);
}

/* A frame an import kept around nodes (a VPC) goes with them when the layout is tidied
 * up, with its margins, and the note in it with it; a line stays. One undo step. */
/* An edge whose callee is gone (a file's) is not drawn: a click on the problem selects it,
 * and its inspector mends it (the callee picked from a list, one undo step, refused as a
 * connection is refused) or deletes it. */
/* Shift+F (or the board's menu) fits the view to what is selected: one node comes close
 * (150% at most) and to the middle; an edge, its two ends; nothing selected says so. */
/* Notes and frames are made on the board, not only kept from an import: right-click the
 * board for a note where you clicked, or frame the selected nodes; each is one undo step,
 * selected with its words being typed, saved in the file's meta. */
static void notes_and_frames_are_added_on_the_board(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json");
    assert_int_equal(ann_refresh(app), 0);
    Rect c = app->canvas_rc;
    float x = c.x + 60, y = c.y + c.h - 120;
    double bx, by;
    cam_to_board(&app->cam, c, x, y, &bx, &by);
    app_test_mouse_move(app, x, y);
    app_test_mouse_down(app, x, y, SDL_BUTTON_RIGHT, 1);
    app_test_mouse_up(app, x, y, SDL_BUTTON_RIGHT);
    assert_true(app_test_text_drawn(app, "Add a note here"));
    assert_true(app_test_click_widget(app, "ctx-item", 1));
    assert_int_equal(ann_refresh(app), 1);
    const Annotation *a = &app->anns[0];
    assert_int_equal(a->type, ANN_TEXT);
    assert_true(fabs(a->x - bx) <= 1 && fabs(a->y - by) <= 1);
    assert_int_equal(ann_single_selected(app), 0);
    /* its words typed at once: the inspector's field has the focus */
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "shard by user id");
    app_test_key(app, SDLK_RETURN, KMOD_CTRL);
    assert_string_equal(app->anns[0].text, "shard by user id");
    /* a frame around two nodes, their boxes inside it with room for its title */
    sel_clear(app);
    int api = find_node(app, "api"), db = find_node(app, "db");
    assert_true(api >= 0 && db >= 0);
    app->sel_node[api] = app->sel_node[db] = 1;
    assert_true(edit_frame_selection(app));
    assert_int_equal(ann_refresh(app), 2);
    const Annotation *f = &app->anns[1];
    assert_int_equal(f->type, ANN_RECTANGLE);
    int ids[2] = {api, db};
    for (int k = 0; k < 2; k++) {
        const Node *n = &app->model->nodes[ids[k]];
        assert_true(n->x > f->x && n->x + NODE_W < f->x + f->w && n->y > f->y + 40 && n->y + NODE_H < f->y + f->h);
    }
    app_frame(app);
    assert_true(app_test_text_exact(app, "Frame")); /* the inspector's title */
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "us-east-1");
    app_test_key(app, SDLK_RETURN, KMOD_CTRL);
    assert_string_equal(app->anns[1].text, "us-east-1");
    /* saved with the diagram and read back */
    filedialog_open(app, FILE_SAVE_AS);
    char *stem = tmp_path("noted");
    char *text = gui_test_save_as_typed(app, stem, ".json");
    free(stem);
    assert_non_null(text);
    DiagList d;
    diag_init(&d, "noted.json");
    Model *back = model_from_json(text, strlen(text), &d);
    diag_free(&d);
    free(text);
    assert_non_null(back);
    Annotation *r = NULL;
    assert_int_equal(annotations_read(back->meta_json, &r), 2);
    assert_string_equal(r[0].text, "shard by user id");
    assert_string_equal(r[1].text, "us-east-1");
    annotations_free(r, 2);
    model_destroy(back);
    /* a click on its title selects it, as on its outline (inside, the board's) */
    sel_clear(app);
    ann_refresh(app);
    Vec2 title = cam_to_screen(&app->cam, app->canvas_rc, app->anns[1].x + 30, app->anns[1].y + 16);
    app_test_click(app, title.x, title.y);
    assert_int_equal(ann_single_selected(app), 1);
    /* a frame dragged by its edge takes what it holds along, together */
    sel_clear(app);
    ann_refresh(app);
    double fx = app->anns[1].x, fy = app->anns[1].y, ax = app->model->nodes[api].x, dbx = app->model->nodes[db].x;
    Vec2 edge = cam_to_screen(&app->cam, app->canvas_rc, fx, fy + app->anns[1].h - 10); /* its left edge */
    app_test_drag(app, edge.x, edge.y, edge.x + 100, edge.y + 60, 6, SDL_BUTTON_LEFT);
    ann_refresh(app);
    double mx = app->model->nodes[api].x - ax;
    printf("    the frame moved %.0f, its nodes %.0f and %.0f\n", app->anns[1].x - fx, mx, app->model->nodes[db].x - dbx);
    assert_true(mx > 40);
    assert_true(app->model->nodes[db].x - dbx == mx);
    assert_true(fabs(app->anns[1].x - fx - mx) < 0.01 && app->anns[1].y - fy > 20);
    assert_true(app->model->nodes[find_node(app, "lb")].x < ax); /* what is outside stays */
    /* each a step: the drag, the frame's title, the frame, the note's words, the note */
    for (int k = 0; k < 5; k++) app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(ann_refresh(app), 0);
    /* nothing selected: framing says what to do */
    sel_clear(app);
    assert_false(edit_frame_selection(app));
    assert_non_null(strstr(app->msg, "Select the nodes to frame"));
    /* the keys: T puts a note under the mouse, its own letter (the text event after the key)
     * not typed into it; Ctrl+G frames the selection */
    app_test_mouse_move(app, x, y);
    app_test_key(app, SDLK_t, 0);
    app_test_text(app, "t");
    assert_int_equal(ann_refresh(app), 1);
    assert_true(fabs(app->anns[0].x - bx) <= 1 && fabs(app->anns[0].y - by) <= 1);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "cache-aside, TTL 1 h");
    app_test_key(app, SDLK_RETURN, KMOD_CTRL);
    assert_string_equal(app->anns[0].text, "cache-aside, TTL 1 h");
    app_test_key(app, SDLK_ESCAPE, 0);
    sel_clear(app);
    app->sel_node[api] = 1;
    app_test_key(app, SDLK_g, KMOD_CTRL);
    assert_int_equal(ann_refresh(app), 2);
    assert_int_equal(app->anns[1].type, ANN_RECTANGLE);
    app_test_key(app, SDLK_ESCAPE, 0);
    /* and the inspector of two selected nodes has a button for it */
    sel_clear(app);
    app->sel_node[api] = app->sel_node[db] = 1;
    assert_true(app_test_click_widget(app, "multi-frame", -1));
    assert_int_equal(ann_refresh(app), 3);
    app_test_key(app, SDLK_ESCAPE, 0);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(ann_refresh(app), 2);
    app_test_key(app, SDLK_ESCAPE, 0);
    /* a note is copied, pasted, duplicated and nudged like a node */
    sel_clear(app);
    app->sel_ann[0] = 1;
    app_test_key(app, SDLK_c, KMOD_CTRL);
    assert_non_null(strstr(app->msg, "Copied 1 note"));
    app_test_key(app, SDLK_v, KMOD_CTRL);
    assert_int_equal(ann_refresh(app), 3);
    assert_string_equal(app->anns[2].text, "cache-aside, TTL 1 h");
    assert_true(app->anns[2].x != app->anns[0].x || app->anns[2].y != app->anns[0].y);
    assert_true(app->sel_ann[2] && !app->sel_ann[0]); /* the pasted one selected */
    double px = app->anns[2].x;
    app_test_key(app, SDLK_RIGHT, KMOD_SHIFT);
    ann_refresh(app);
    assert_true(app->anns[2].x == px + GRID && app->sel_ann[2]);
    app_test_key(app, SDLK_d, KMOD_CTRL);
    assert_int_equal(ann_refresh(app), 4);
    assert_non_null(strstr(app->msg, "Duplicate 1 note"));
    /* nodes and their frame copied together: the frame comes along, around the copy */
    sel_clear(app);
    app->sel_node[api] = 1;
    app->sel_ann[1] = 1;
    app_test_key(app, SDLK_d, KMOD_CTRL);
    assert_int_equal(ann_refresh(app), 5);
    int copy = app->model->n_nodes - 1;
    const Annotation *fr = &app->anns[4];
    const Node *cn = &app->model->nodes[copy];
    assert_true(cn->x > fr->x && cn->x + NODE_W < fr->x + fr->w && cn->y > fr->y && cn->y + NODE_H < fr->y + fr->h);
    app_destroy(app);
}

static void shift_f_fits_the_view_to_the_selection(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/midsize-webapp.json");
    sel_clear(app);
    app_test_key(app, SDLK_f, KMOD_SHIFT);
    assert_non_null(strstr(app->msg, "Select nodes to fit the view"));
    int i = find_node(app, "metrics");
    app->sel_node[i] = 1;
    double z0 = app->cam.zoom;
    app_test_key(app, SDLK_f, KMOD_SHIFT);
    app_frame(app);
    assert_true(app->cam.zoom > z0 && app->cam.zoom <= 1.5 + 1e-9);
    Vec2 c = app_test_node_center(app, i);
    Rect cv = app->canvas_rc;
    assert_true(fabs(c.x - (cv.x + cv.w / 2)) < 30 && fabs(c.y - (cv.y + cv.h / 2)) < 40);
    /* an edge: both its ends in view */
    sel_clear(app);
    int k = 0;
    while (strcmp(app->model->edges[k].from, "web") != 0 || strcmp(app->model->edges[k].to, "pg") != 0) k++;
    app->sel_edge[k] = 1;
    Rect c2 = app->canvas_rc;
    float mx = c2.x + 20, my = c2.y + c2.h - 60; /* the board's menu has it */
    app_test_mouse_move(app, mx, my);
    app_test_mouse_down(app, mx, my, SDL_BUTTON_RIGHT, 1);
    app_test_mouse_up(app, mx, my, SDL_BUTTON_RIGHT);
    assert_true(app_test_text_drawn(app, "Fit the selection"));
    app_test_key(app, SDLK_ESCAPE, 0);
    app->sel_edge[k] = 1;
    app_test_key(app, SDLK_f, KMOD_SHIFT);
    app_frame(app);
    int ends[2] = {find_node(app, "web"), find_node(app, "pg")};
    for (int e = 0; e < 2; e++) {
        Vec2 p = app_test_node_center(app, ends[e]);
        assert_true(rect_contains(cv, p.x, p.y));
    }
    app_destroy(app);
}

static void an_edge_to_no_node_is_mended_in_the_inspector(void **state)
{
    (void)state;
    char *path = tmp_file("dangling.json",
                          "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\", \"rate_rps\": 10}]}, "
                          "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"a\", \"kind\": \"service\"},"
                          "{\"id\": \"b\", \"kind\": \"service\", \"label\": \"Billing\"}],"
                          "\"edges\": [{\"from\": \"u\", \"to\": \"a\"}, {\"from\": \"a\", \"to\": \"ghost\", \"latency_ms\": 7}]}");
    App *app = open_app(path);
    assert_int_equal(diag_errors(&app->problems), 1);
    sel_clear(app);
    app->sel_edge[1] = 1;
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "This edge is not on the board"));
    /* the caller itself: refused, with the reason */
    assert_true(app_test_click_widget(app, "edge-to-pick", 1));
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 20, pr.y + 4 + 26 * 1 + 13);
    assert_string_equal(app->model->edges[1].to, "ghost");
    assert_non_null(strstr(app->msg, "Cannot connect a to itself"));
    /* Billing: mended, its latency kept */
    assert_true(app_test_click_widget(app, "edge-to-pick", 1));
    pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 20, pr.y + 4 + 26 * 2 + 13);
    assert_string_equal(app->model->edges[1].to, "b");
    assert_true(app->model->edges[1].latency_ms == 7);
    assert_int_equal(diag_errors(&app->problems), 0);
    assert_non_null(strstr(app->msg, "Connected a \xE2\x86\x92 Billing"));
    app_test_key(app, SDLK_z, KMOD_CTRL); /* one step back */
    assert_string_equal(app->model->edges[1].to, "ghost");
    /* or deleted */
    sel_clear(app);
    app->sel_edge[1] = 1;
    assert_true(app_test_click_widget(app, "edge-delete", 1));
    assert_int_equal(app->model->n_edges, 1);
    assert_int_equal(diag_errors(&app->problems), 0);
    app_destroy(app);
    unlink(path);
    free(path);
}

static void tidy_up_takes_the_frames_along(void **state)
{
    (void)state;
    char *path = tmp_file("framed.json",
                          "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\", \"rate_rps\": 100}]}, "
                          "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\", \"x\": 900, \"y\": 600},"
                          "{\"id\": \"api\", \"kind\": \"service\", \"x\": 100, \"y\": 100},"
                          "{\"id\": \"db\", \"kind\": \"database\", \"x\": 100, \"y\": 300}],"
                          "\"edges\": [{\"from\": \"u\", \"to\": \"api\"}, {\"from\": \"api\", \"to\": \"db\"}],"
                          "\"meta\": {\"annotations\": [{\"type\": \"rectangle\", \"text\": \"VPC\", \"x\": 60, \"y\": 40, \"w\": 260, \"h\": 360},"
                          "{\"type\": \"text\", \"text\": \"private subnet\", \"x\": 70, \"y\": 50, \"w\": 120, \"h\": 20},"
                          "{\"type\": \"line\", \"x\": 0, \"y\": 900, \"w\": 200, \"h\": 0}]}}");
    App *app = open_app(path);
    char *meta0 = xstrdup(app->model->meta_json);
    int api = find_node(app, "api"), db = find_node(app, "db");
    double left = 100 - 60, top = 100 - 40, right = 60 + 260 - (100 + NODE_W), bottom = 40 + 360 - (300 + NODE_H);
    edit_tidy(app);
    const Model *m = app->model;
    assert_true(m->nodes[api].x != 100 || m->nodes[db].y != 300); /* they moved */
    Annotation *a = NULL;
    assert_int_equal(annotations_read(m->meta_json, &a), 3);
    double x0 = fmin(m->nodes[api].x, m->nodes[db].x), y0 = fmin(m->nodes[api].y, m->nodes[db].y);
    double x1 = fmax(m->nodes[api].x, m->nodes[db].x) + NODE_W, y1 = fmax(m->nodes[api].y, m->nodes[db].y) + NODE_H;
    printf("    frame %.0f,%.0f %.0fx%.0f around api and db at %.0f,%.0f-%.0f,%.0f\n", a[0].x, a[0].y, a[0].w, a[0].h, x0, y0, x1, y1);
    assert_true(fabs(a[0].x - (x0 - left)) < 0.01 && fabs(a[0].y - (y0 - top)) < 0.01);
    assert_true(fabs(a[0].x + a[0].w - (x1 + right)) < 0.01 && fabs(a[0].y + a[0].h - (y1 + bottom)) < 0.01);
    /* the client, outside it before, is outside it still */
    int u = find_node(app, "u");
    double ux = m->nodes[u].x + NODE_W / 2, uy = m->nodes[u].y + NODE_H / 2;
    assert_false(ux > a[0].x && ux < a[0].x + a[0].w && uy > a[0].y && uy < a[0].y + a[0].h);
    assert_true(fabs(a[1].x - (a[0].x + 10)) < 0.01 && fabs(a[1].y - (a[0].y + 10)) < 0.01); /* the note with it */
    assert_true(a[2].x == 0 && a[2].y == 900 && a[2].w == 200); /* the line where it was */
    annotations_free(a, 3);
    app_test_key(app, SDLK_z, KMOD_CTRL); /* one step: nodes and frames back */
    assert_string_equal(app->model->meta_json, meta0);
    assert_true(app->model->nodes[api].x == 100 && app->model->nodes[db].y == 300);
    /* aligning takes the frame along too: api and db side by side, the frame around both */
    sel_clear(app);
    app->sel_node[api] = app->sel_node[db] = 1;
    edit_align(app, ALIGN_MIDDLE);
    assert_true(app->model->nodes[api].y == app->model->nodes[db].y);
    edit_align(app, ALIGN_SPREAD_X); /* two: refused, nothing moves */
    Annotation *b = NULL;
    assert_int_equal(annotations_read(app->model->meta_json, &b), 3);
    for (int k = 0; k < 2; k++) {
        const Node *nd = &app->model->nodes[k == 0 ? api : db];
        assert_true(nd->x >= b[0].x && nd->x + NODE_W <= b[0].x + b[0].w && nd->y >= b[0].y && nd->y + NODE_H <= b[0].y + b[0].h);
    }
    assert_true(b[0].h < 360); /* it shrank to them, its margins kept */
    annotations_free(b, 3);
    free(meta0);
    app_destroy(app);
    unlink(path);
    free(path);
}

static void tidy_up_lays_the_board_out_again(void **state)
{
    (void)state;
    char *path = tmp_file("muddle.json",
                          "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\", \"rate_rps\": 100}], "
                          "\"zones\": [{\"id\": \"a\", \"region\": \"r1\"}, {\"id\": \"b\", \"region\": \"r1\"}]}, \"nodes\": ["
                          "{\"id\": \"u\", \"kind\": \"client\", \"x\": 600, \"y\": 300},"
                          "{\"id\": \"lb\", \"kind\": \"load_balancer\", \"x\": 240, \"y\": 200, \"zones\": [\"a\", \"b\"]},"
                          "{\"id\": \"api_a\", \"kind\": \"service\", \"x\": 500, \"y\": 260, \"zone\": \"a\"},"
                          "{\"id\": \"w_a\", \"kind\": \"service\", \"x\": 700, \"y\": 160, \"zone\": \"a\"},"
                          "{\"id\": \"api_b\", \"kind\": \"service\", \"x\": 520, \"y\": 100, \"zone\": \"b\"},"
                          "{\"id\": \"db_b\", \"kind\": \"database\", \"x\": 300, \"y\": 400, \"zone\": \"b\"}],"
                          "\"edges\": [{\"from\": \"u\", \"to\": \"lb\"}, {\"from\": \"lb\", \"to\": \"api_a\"}, "
                          "{\"from\": \"lb\", \"to\": \"api_b\"}, {\"from\": \"api_a\", \"to\": \"w_a\"}, {\"from\": \"api_b\", \"to\": \"db_b\"}]}");
    App *app = open_app(path);
    int n = app->model->n_nodes;
    double *x0 = xmalloc((size_t)n * sizeof *x0), *y0 = xmalloc((size_t)n * sizeof *y0), ox = 1e9, oy = 1e9;
    for (int i = 0; i < n; i++) {
        x0[i] = app->model->nodes[i].x;
        y0[i] = app->model->nodes[i].y;
        if (x0[i] < ox) ox = x0[i];
        if (y0[i] < oy) oy = y0[i];
    }
    Rect z[2];
    zones_rects(app->model, NULL, z);
    assert_true(rect_overlaps(z[0], z[1])); /* the muddle */
    click_node(app, "w_a");
    /* the board's right-click menu has it */
    Rect c = app->canvas_rc;
    float mx = c.x + 20, my = c.y + c.h - 60;
    app_test_mouse_move(app, mx, my);
    app_test_mouse_down(app, mx, my, SDL_BUTTON_RIGHT, 1);
    app_test_mouse_up(app, mx, my, SDL_BUTTON_RIGHT);
    assert_true(app->ctx.open);
    assert_true(app_test_text_drawn(app, "Tidy up the layout"));
    app_test_key(app, SDLK_ESCAPE, 0);
    sel_clear(app);
    click_node(app, "w_a");
    app_test_key(app, SDLK_l, KMOD_CTRL | KMOD_SHIFT);
    const Model *m = app->model;
    for (int k = 0; k < m->n_edges; k++) /* calls left to right */
        assert_true(m->nodes[find_node(app, m->edges[k].from)].x < m->nodes[find_node(app, m->edges[k].to)].x);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            assert_false(rect_overlaps(node_rect(&m->nodes[i]), node_rect(&m->nodes[j])));
    zones_rects(m, NULL, z);
    assert_false(rect_overlaps(z[0], z[1]));
    double nx = 1e9, ny = 1e9;
    for (int i = 0; i < n; i++) {
        if (m->nodes[i].x < nx) nx = m->nodes[i].x;
        if (m->nodes[i].y < ny) ny = m->nodes[i].y;
    }
    assert_true(fabs(nx - ox) < 20 && fabs(ny - oy) < 20); /* where it was, on the grid */
    assert_int_equal(sel_count_nodes(app), 1); /* w_a still, alone */
    assert_true(app->sel_node[find_node(app, "w_a")]);
    assert_non_null(strstr(app->msg, "Tidied up the layout"));
    /* one step back puts every node where it was */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    for (int i = 0; i < n; i++) {
        assert_true(app->model->nodes[i].x == x0[i]);
        assert_true(app->model->nodes[i].y == y0[i]);
    }
    app_test_key(app, SDLK_z, KMOD_CTRL | KMOD_SHIFT);
    app_test_key(app, SDLK_l, KMOD_CTRL | KMOD_SHIFT); /* again: nothing to do */
    assert_non_null(strstr(app->msg, "tidy already"));
    /* two nodes selected: those alone are laid out, the rest stays where it is */
    app_test_key(app, SDLK_z, KMOD_CTRL); /* the muddle again */
    sel_clear(app);
    int a = find_node(app, "api_a"), w = find_node(app, "w_a");
    app->sel_node[a] = app->sel_node[w] = 1;
    app_test_mouse_move(app, mx, my);
    app_test_mouse_down(app, mx, my, SDL_BUTTON_RIGHT, 1);
    app_test_mouse_up(app, mx, my, SDL_BUTTON_RIGHT);
    assert_true(app_test_text_drawn(app, "Tidy up the selection"));
    app_test_key(app, SDLK_ESCAPE, 0);
    app->sel_node[a] = app->sel_node[w] = 1;
    app_test_key(app, SDLK_l, KMOD_CTRL | KMOD_SHIFT);
    for (int i = 0; i < n; i++)
        if (i != a && i != w) assert_true(app->model->nodes[i].x == x0[i] && app->model->nodes[i].y == y0[i]);
    assert_true(app->model->nodes[a].x < app->model->nodes[w].x); /* api_a calls w_a */
    assert_true(app->model->nodes[a].y == app->model->nodes[w].y);
    assert_non_null(strstr(app->msg, "Tidied up the 2 selected nodes"));
    free(x0);
    free(y0);
    app_destroy(app);
    unlink(path);
    free(path);
}

/* Find a node (Ctrl+F): a piece of a name in any case lists the nodes that hold it, the
 * keys walk the list and Enter selects one and brings it into view; an id finds its node;
 * a click on a match picks it; a name nobody has says so and keeps the field; Escape
 * closes it and leaves the selection; it opens again after a pick. */
static void find_a_node_by_a_piece_of_its_name(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/midsize-webapp.json");
    app->cam.x += 5000; /* the board looks away: a pick brings the node into view */
    app_test_key(app, SDLK_f, KMOD_CTRL);
    assert_true(app->find_on);
    app_test_text(app, "LOG");
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Log store (S3)"));
    assert_true(app_test_text_drawn(app, "Log shipper (buffer)"));
    assert_true(app_test_text_drawn(app, "Log writer"));
    assert_false(app_test_text_exact(app, "Postgres")); /* the board's labels are not the UI's: only the list's */
    app_test_key(app, SDLK_DOWN, 0); /* the second of the three, in board order */
    app_test_key(app, SDLK_RETURN, 0);
    assert_false(app->find_on);
    assert_int_equal(sel_count_nodes(app), 1);
    int i = find_node(app, "shipper");
    assert_true(app->sel_node[i]);
    assert_non_null(strstr(app->msg, "Found Log shipper (buffer)"));
    double bx, by;
    cam_to_board(&app->cam, app->canvas_rc, app->canvas_rc.x + app->canvas_rc.w / 2, app->canvas_rc.y + app->canvas_rc.h / 2,
                 &bx, &by);
    assert_true(fabs(bx - (app->model->nodes[i].x + NODE_W / 2)) < app->canvas_rc.w / app->cam.zoom / 2);
    /* again, by id, and picked with a click */
    app_test_key(app, SDLK_f, KMOD_CTRL);
    app_frame(app);
    assert_true(app->find_on); /* the last search's end does not close it */
    app_test_text(app, "pg");
    app_frame(app);
    Rect r;
    bool found = false;
    app_test_log_texts(app, true);
    app_frame(app);
    for (int k = 0; app_test_drawn_text_at(app, k, &r) && !found; k++)
        found = strcmp(app_test_drawn_text_at(app, k, &r), "Postgres") == 0;
    assert_true(found);
    app_test_click(app, r.x + 4, r.y + r.h / 2);
    assert_false(app->find_on);
    assert_true(app->sel_node[find_node(app, "pg")]);
    /* a name nobody has: said, and the field stays to type on */
    app_test_key(app, SDLK_f, KMOD_CTRL);
    app_test_text(app, "kafka");
    app_frame(app);
    assert_true(app_test_text_drawn(app, "No node's name or id holds that"));
    app_test_key(app, SDLK_RETURN, 0);
    assert_true(app->find_on);
    assert_non_null(strstr(app->msg, "No node is named"));
    app_test_key(app, SDLK_ESCAPE, 0);
    app_frame(app);
    assert_false(app->find_on);
    assert_true(app->sel_node[find_node(app, "pg")]); /* as it was */
    app_destroy(app);
}

/* Nodes of one kind selected together: the inspector sets a number in all of them at
 * once (one undo step), shows "mixed" where they differ, refuses a bad value for all as
 * for one, and with nodes of several kinds says to select one kind. */
static void a_number_set_for_all_selected_nodes(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/midsize-webapp.json");
    static const char *const ids[] = {"web", "celery", "metrics"};
    int before[3];
    sel_clear(app);
    for (int k = 0; k < 3; k++) {
        int i = find_node(app, ids[k]);
        app->sel_node[i] = 1;
        before[k] = app->model->nodes[i].workers;
    }
    assert_true(before[0] != before[1]); /* the case: they differ */
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "SET FOR ALL 3"));
    assert_true(app_test_text_drawn(app, "mixed"));
    assert_true(app_test_text_drawn(app, "Drawn differently")); /* their service times: three kinds */
    Rect r;
    assert_true(app_test_field_rect(app, "all.workers", &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_test_text(app, "16");
    app_test_key(app, SDLK_RETURN, 0);
    for (int k = 0; k < 3; k++) assert_int_equal(app->model->nodes[find_node(app, ids[k])].workers, 16);
    assert_non_null(strstr(app->msg, "of 3 nodes to 16"));
    app_frame(app);
    assert_true(app_test_field_rect(app, "all.workers", &r)); /* now one value, shown */
    /* a value out of range is refused for all, none changed */
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "0");
    app_test_key(app, SDLK_RETURN, 0);
    for (int k = 0; k < 3; k++) assert_int_equal(app->model->nodes[find_node(app, ids[k])].workers, 16);
    assert_string_equal(app->insp_error_key, "all.workers");
    app_test_key(app, SDLK_ESCAPE, 0);
    /* one undo step takes all three back */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    for (int k = 0; k < 3; k++) assert_int_equal(app->model->nodes[find_node(app, ids[k])].workers, before[k]);
    /* drawn differently: a kind picked is drawn by all three, each keeping its mean */
    double mean0[3];
    for (int k = 0; k < 3; k++) mean0[k] = dist_mean(&app->model->nodes[find_node(app, ids[k])].service_ms);
    assert_true(app_test_field_rect(app, "all.service_ms", &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 20, pr.y + 4 + 26 * DIST_LOGNORMAL + 13);
    for (int k = 0; k < 3; k++) {
        const Dist *d = &app->model->nodes[find_node(app, ids[k])].service_ms;
        assert_int_equal(d->kind, DIST_LOGNORMAL);
        assert_true(fabs(d->mean - mean0[k]) < 1e-9 * mean0[k] && d->p99 > d->mean);
    }
    assert_non_null(strstr(app->msg, "of 3 nodes to lognormal"));
    app_frame(app);
    assert_false(app_test_text_drawn(app, "Drawn differently"));
    assert_true(app_test_field_rect(app, "all.service_ms.p99", &r)); /* its parameters, together now */
    app_test_key(app, SDLK_z, KMOD_CTRL); /* one step back: each its own kind again */
    assert_true(app->model->nodes[find_node(app, ids[0])].service_ms.kind != DIST_LOGNORMAL ||
                app->model->nodes[find_node(app, ids[1])].service_ms.kind != DIST_LOGNORMAL);
    /* edges too: a timeout set on every call out of Django at once */
    sel_clear(app);
    int n_out = 0;
    for (int k = 0; k < app->model->n_edges; k++)
        if (strcmp(app->model->edges[k].from, "web") == 0) {
            app->sel_edge[k] = 1;
            n_out++;
        }
    assert_true(n_out >= 3);
    app_frame(app);
    app_frame(app);
    char title[40];
    snprintf(title, sizeof title, "SET FOR ALL %d", n_out);
    assert_true(app_test_text_drawn(app, title));
    assert_true(app_test_field_rect(app, "all.timeout_ms", &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "250");
    app_test_key(app, SDLK_RETURN, 0);
    for (int k = 0; k < app->model->n_edges; k++)
        if (strcmp(app->model->edges[k].from, "web") == 0) assert_true(app->model->edges[k].timeout_ms == 250);
        else assert_true(app->model->edges[k].timeout_ms != 250);
    char said[60];
    snprintf(said, sizeof said, "of %d edges to 250", n_out);
    assert_non_null(strstr(app->msg, said));
    /* nodes of two kinds: no common numbers, and it says how to get them */
    sel_clear(app);
    app->sel_node[find_node(app, "web")] = 1;
    app->sel_node[find_node(app, "pg")] = 1;
    app_frame(app);
    app_frame(app);
    assert_false(app_test_text_drawn(app, "SET FOR ALL 2"));
    assert_true(app_test_text_drawn(app, "Select nodes of one kind"));
    app_destroy(app);
    /* services whose times are drawn alike: the mean set for all, each keeps its kind */
    char *path = tmp_file("alike.json",
                          "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\", \"rate_rps\": 10}]},"
                          " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
                          " {\"id\": \"a\", \"kind\": \"service\", \"x\": 200, \"service_ms\": {\"dist\": \"exponential\", \"mean\": 2}},"
                          " {\"id\": \"b\", \"kind\": \"service\", \"x\": 400, \"service_ms\": {\"dist\": \"exponential\", \"mean\": 7}}],"
                          " \"edges\": [{\"from\": \"u\", \"to\": \"a\"}, {\"from\": \"a\", \"to\": \"b\"}]}");
    app = open_app(path);
    sel_clear(app);
    app->sel_node[find_node(app, "a")] = app->sel_node[find_node(app, "b")] = 1;
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "exponential"));
    assert_true(app_test_field_rect(app, "all.service_ms.mean", &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    app_test_text(app, "5");
    app_test_key(app, SDLK_RETURN, 0);
    for (int k = 0; k < 2; k++) {
        const Node *nd = &app->model->nodes[find_node(app, k ? "b" : "a")];
        assert_true(nd->service_ms.mean == 5 && nd->service_ms.kind == DIST_EXPONENTIAL);
    }
    app_destroy(app);
    unlink(path);
    free(path);
}

/* Copy puts the nodes on the system clipboard as archsim JSON too; Paste takes a diagram
 * another window or program put there (a Mermaid flowchart from notes: laid out, kinds
 * from the words, the edges between them), skips an edge that points past its nodes,
 * and with text that is no diagram pastes this window's own copy. */
static void paste_takes_a_diagram_from_the_clipboard(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    int n0 = app->model->n_nodes, e0 = app->model->n_edges;
    sel_clear(app);
    app->sel_node[0] = 1;
    app_test_key(app, SDLK_c, KMOD_CTRL);
    char *clip = SDL_GetClipboardText();
    assert_non_null(clip);
    char want[200];
    snprintf(want, sizeof want, "\"id\": \"%s\"", app->model->nodes[0].id);
    assert_non_null(strstr(clip, "\"format\": \"archsim/1\""));
    assert_non_null(strstr(clip, want));
    SDL_free(clip);
    /* a Mermaid flowchart copied from somewhere else */
    assert_int_equal(SDL_SetClipboardText("flowchart LR\n  A[Web app] --> B[(Orders DB)]\n  A --> C[Redis cache]\n"), 0);
    app_test_key(app, SDLK_v, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, n0 + 3);
    assert_int_equal(app->model->n_edges, e0 + 2);
    const Node *web = NULL, *db = NULL, *cache = NULL;
    for (int i = n0; i < app->model->n_nodes; i++) {
        const Node *nd = &app->model->nodes[i];
        if (strcmp(node_label_shown(nd), "Web app") == 0) web = nd;
        if (strcmp(node_label_shown(nd), "Orders DB") == 0) db = nd;
        if (strcmp(node_label_shown(nd), "Redis cache") == 0) cache = nd;
    }
    assert_true(web && db && cache);
    assert_int_equal(db->kind, NODE_DATABASE);
    assert_int_equal(cache->kind, NODE_CACHE);
    assert_true(web->x < db->x && (db->x != cache->x || db->y != cache->y)); /* laid out, calls to the right */
    assert_non_null(strstr(app->msg, "Pasted 3 nodes from the clipboard (Mermaid)"));
    /* archsim JSON with an edge to a node it does not hold: that edge is left out */
    assert_int_equal(SDL_SetClipboardText("{\"format\": \"archsim/1\", \"nodes\": [{\"id\": \"a\", \"kind\": \"service\", "
                                          "\"x\": 0, \"y\": 0}, {\"id\": \"b\", \"kind\": \"database\", \"x\": 240, \"y\": 0}],"
                                          " \"edges\": [{\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"a\", \"to\": \"zz\"}]}"),
                     0);
    app_test_key(app, SDLK_v, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, n0 + 5);
    assert_int_equal(app->model->n_edges, e0 + 3);
    /* text that is no diagram: this window's own copy */
    assert_int_equal(SDL_SetClipboardText("see you at 5"), 0);
    app_test_key(app, SDLK_v, KMOD_CTRL);
    assert_int_equal(app->model->n_nodes, n0 + 6);
    assert_non_null(strstr(app->msg, "Paste 1 node"));
    app_destroy(app);
}

static void file_dialog_opens_saves_as_and_exports(void **state)
{
    (void)state;
    App *app = open_app(NULL);
    /* Ctrl+O on a clean board opens the dialog; a typed path opens the file. */
    app_test_key(app, SDLK_o, KMOD_CTRL);
    assert_int_equal(app->modal, MODAL_FILE);
    assert_int_equal(app->fd.mode, FILE_OPEN);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, ARCHSIM_SOURCE_DIR "/tests/data/gui");
    app_test_key(app, SDLK_RETURN, 0); /* a folder: the dialog goes there */
    assert_int_equal(app->modal, MODAL_FILE);
    assert_non_null(strstr(app->fd.dir, "tests/data/gui"));
    bool listed = false;
    for (int k = 0; k < app->fd.n_entries; k++) listed |= strcmp(app->fd.entries[k].name, "sample.json") == 0;
    assert_true(listed);
    shot(app, "gui-filedialog.png");
    app_test_text(app, "sample.json");
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_int_equal(app->model->n_nodes, 7);
    /* Save As to a new place. */
    app_test_key(app, SDLK_s, KMOD_CTRL | KMOD_SHIFT);
    assert_int_equal(app->modal, MODAL_FILE);
    char *target = tmp_path("copy");
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, target);
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    char *json = xasprintf("%s.json", target);
    assert_string_equal(app->path, json);
    struct stat st;
    assert_int_equal(stat(json, &st), 0);
    /* Export PNG through the dialog. */
    app_test_key(app, SDLK_e, KMOD_CTRL);
    assert_int_equal(app->modal, MODAL_FILE);
    assert_int_equal(app->fd.mode, FILE_EXPORT);
    char *png = tmp_path("board.png");
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, png);
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_int_equal(stat(png, &st), 0);
    /* New on a dirty board asks first; Escape keeps everything. */
    click_node(app, "web");
    app_test_key(app, SDLK_DOWN, KMOD_SHIFT);
    assert_true(app_dirty(app));
    app_test_key(app, SDLK_n, KMOD_CTRL);
    assert_int_equal(app->modal, MODAL_UNSAVED);
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_int_equal(app->model->n_nodes, 7);
    /* An edge selected shows its fields; take a picture of that. */
    app_test_key(app, SDLK_ESCAPE, 0);
    const EdgeRoute *er = &app->routes.r[5];
    Vec2 mid = bezier_at(er->p, 0.5f);
    Vec2 s = cam_to_screen(&app->cam, app->canvas_rc, mid.x, mid.y);
    app_test_click(app, s.x, s.y);
    assert_int_equal(sel_single_edge(app), 5);
    Rect f;
    assert_true(app_test_field_rect(app, "mode", &f));
    shot(app, "gui-edge.png");
    free(png);
    free(json);
    free(target);
    app_destroy(app);
}

static void field_names_show_the_schema_description(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    click_node(app, "pg");
    Rect f;
    assert_true(app_test_field_rect(app, "read_replicas", &f));
    app_test_mouse_move(app, app->inspector_rc.x + 30, f.y + f.h / 2);
    SDL_Delay(500);
    app_test_mouse_move(app, app->inspector_rc.x + 31, f.y + f.h / 2);
    assert_non_null(app->tip_doc);
    assert_non_null(strstr(app->tip_doc, "Replicas per shard"));
    shot(app, "gui-tooltip.png");
    /* Resting on a node shows its full name. */
    Vec2 c = app_test_node_center(app, find_node(app, "redis"));
    app_test_mouse_move(app, c.x, c.y);
    SDL_Delay(650);
    app_frame(app);
    assert_int_equal(app->node_tip_node, find_node(app, "redis"));
    shot(app, "gui-node-tip.png");
    app_destroy(app);
}

static void help_overlay_opens_with_f1_and_closes_with_escape(void **state)
{
    (void)state;
    App *app = open_app(SAMPLE);
    app_test_key(app, SDLK_F1, 0);
    assert_int_equal(app->modal, MODAL_HELP);
    shot(app, "gui-help.png");
    /* a description longer than its column goes on to a second line, whole (the Scenario
     * row's was cut: "... events, the question, th…") */
    app_test_log_texts(app, true);
    app_frame(app);
    bool whole = false, cut = false;
    for (int i = 0; app_test_drawn_text(app, i); i++) {
        const char *t = app_test_drawn_text(app, i);
        whole |= strstr(t, "estimates") != NULL;
        cut |= strstr(t, "the question, th\xE2\x80\xA6") != NULL;
    }
    app_test_log_texts(app, false);
    assert_true(whole);
    assert_false(cut);
    app_test_key(app, SDLK_ESCAPE, 0);
    /* In a window too low for every row, the rows scroll between the title and Close, and
     * none is drawn below the card's rows (they ran on under Close and off the card). */
    SDL_SetWindowSize(app->win, 1280, 560);
    app_frame(app);
    app_test_key(app, SDLK_F1, 0);
    app_frame(app);
    assert_int_equal(app->win_h, 560);
    assert_true(app_test_text_drawn(app, "More below: scroll"));
    assert_true(app->modal_scroll == 0);
    for (int k = 0; k < 40; k++) app_test_wheel(app, app->win_w / 2.0f, app->win_h / 2.0f, -1);
    app_frame(app);
    assert_true(app->modal_scroll > 0);
    assert_true(app_test_text_drawn(app, "Scroll up for the rest"));
    assert_true(app_test_text_drawn(app, "F1 or ?")); /* the last row, scrolled into view */
    shot(app, "gui-help-low.png");
    app_test_key(app, SDLK_ESCAPE, 0);
    app_test_key(app, SDLK_F1, 0); /* opened again: at its top */
    assert_true(app->modal_scroll == 0);
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    app_destroy(app);
}

/* A file that gives no positions (written by hand or by a program) opens laid out in
 * layers from the calls, says so, and is not marked changed; Save writes the places. */
static void a_file_without_positions_opens_laid_out(void **state)
{
    (void)state;
    char *path = tmp_file("no-positions.json",
                          "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"get\", \"rate_rps\": 10}]},"
                          " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"api\", \"kind\": \"service\"},"
                          " {\"id\": \"db\", \"kind\": \"database\"}],"
                          " \"edges\": [{\"from\": \"u\", \"to\": \"api\"}, {\"from\": \"api\", \"to\": \"db\"}]}");
    App *app = open_app_with(path, NULL, -1, false);
    const Model *m = app->model;
    assert_true(m->nodes[0].x < m->nodes[1].x && m->nodes[1].x < m->nodes[2].x);
    assert_non_null(strstr(app->msg, "laid out"));
    assert_false(app_dirty(app));
    /* Each node is on screen, where a click selects it. */
    click_node(app, "db");
    assert_true(app->sel_node[find_node(app, "db")]);
    assert_int_equal(sel_count_nodes(app), 1);
    assert_true(doc_save(app));
    char *text = read_file(path, NULL);
    assert_non_null(strstr(text, "\"x\""));
    free(text);
    app_destroy(app);
    free(path);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(the_fields_keep_their_place_while_the_figures_change, cleanup),
        cmocka_unit_test_teardown(place_node_from_palette_snaps_to_grid_and_undoes, cleanup),
        cmocka_unit_test_teardown(export_menu_writes_every_format, cleanup),
        cmocka_unit_test_teardown(selected_nodes_align_and_distribute, cleanup),
        cmocka_unit_test_teardown(notes_and_frames_are_added_on_the_board, cleanup),
        cmocka_unit_test_teardown(shift_f_fits_the_view_to_the_selection, cleanup),
        cmocka_unit_test_teardown(an_edge_to_no_node_is_mended_in_the_inspector, cleanup),
        cmocka_unit_test_teardown(tidy_up_takes_the_frames_along, cleanup),
        cmocka_unit_test_teardown(tidy_up_lays_the_board_out_again, cleanup),
        cmocka_unit_test_teardown(find_a_node_by_a_piece_of_its_name, cleanup),
        cmocka_unit_test_teardown(a_number_set_for_all_selected_nodes, cleanup),
        cmocka_unit_test_teardown(paste_takes_a_diagram_from_the_clipboard, cleanup),
        cmocka_unit_test_teardown(export_menu_saves_the_runs_report, cleanup),
        cmocka_unit_test_teardown(palette_clicks_place_nodes_in_view, cleanup),
        cmocka_unit_test_teardown(a_palette_row_says_what_its_kind_models, cleanup),
        cmocka_unit_test_teardown(a_file_without_positions_opens_laid_out, cleanup),
        cmocka_unit_test_teardown(move_node_snaps_and_is_one_undo_step, cleanup),
        cmocka_unit_test_teardown(connect_two_nodes_by_dragging_from_the_handle, cleanup),
        cmocka_unit_test_teardown(invalid_edges_are_refused_with_a_message, cleanup),
        cmocka_unit_test_teardown(edit_fields_through_the_inspector_by_typing, cleanup),
        cmocka_unit_test_teardown(a_dead_letter_queue_is_picked_from_the_queues, cleanup),
        cmocka_unit_test_teardown(rename_by_double_click_with_cyrillic_text, cleanup),
        cmocka_unit_test_teardown(copy_paste_and_duplicate, cleanup),
        cmocka_unit_test_teardown(a_second_client_leaves_the_traffic_where_it_was, cleanup),
        cmocka_unit_test_teardown(delete_node_removes_its_edges_and_undo_restores_them, cleanup),
        cmocka_unit_test_teardown(rubber_band_selects_and_group_move_is_one_step, cleanup),
        cmocka_unit_test_teardown(a_selection_says_what_it_holds, cleanup),
        cmocka_unit_test_teardown(save_writes_the_file_atomically, cleanup),
        cmocka_unit_test_teardown(opening_an_invalid_file_changes_nothing_and_lists_every_message, cleanup),
        cmocka_unit_test_teardown(a_readable_but_broken_design_opens_to_fix_it, cleanup),
        cmocka_unit_test_teardown(autosave_writes_a_recovery_file_and_the_next_start_recovers_it, cleanup),
        cmocka_unit_test_teardown(each_instance_has_its_own_recovery_file, cleanup),
        cmocka_unit_test_teardown(export_png_writes_a_picture_of_the_right_size, cleanup),
        cmocka_unit_test_teardown(two_hundred_and_fifty_undo_steps, cleanup),
        cmocka_unit_test_teardown(wheel_zooms_at_the_cursor_and_f_fits, cleanup),
        cmocka_unit_test_teardown(file_dialog_opens_saves_as_and_exports, cleanup),
        cmocka_unit_test_teardown(field_names_show_the_schema_description, cleanup),
        cmocka_unit_test_teardown(help_overlay_opens_with_f1_and_closes_with_escape, cleanup),
        cmocka_unit_test_teardown(a_short_edge_shows_a_brief_label, cleanup),
        cmocka_unit_test_teardown(a_node_dropped_on_another_lands_beside_it, cleanup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
