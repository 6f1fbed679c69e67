/*
 * test_gui_blank_board.c - from New to a graded answer, all in the app, driven by
 * synthesized mouse and keyboard events on SDL's offscreen driver: a URL shortener built
 * from nothing (the board, the traffic, the requirements and an event authored in the
 * app, no file edited) runs and passes, and the saved file holds exactly that. Around
 * it: a design with no traffic cannot run and says why; a run with no requirements is
 * never a pass; renaming a request type follows it into edge filters and requirements;
 * deleting what the scenario names asks first; the edge filter is a checklist.
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
#include "sim/model_json.h"
#include "sim/scenario_edit.h"
#include "sim/schema.h"
#include "sim/tr.h"
#include "sim/util.h"

static char dir[256], settings_path[300];

static App *open_app(void)
{
    AppConfig cfg = {.width = 1280, .height = 800, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = gui_test_file("recovery.json"), .settings_path = settings_path};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    app_frame(app);
    return app;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s", gui_test_file("work"));
    snprintf(settings_path, sizeof settings_path, "%s/settings.json", dir);
    unlink(settings_path);
    return 0;
}

/* Scroll the right-hand panel (as a person would, with the wheel) until field `key` is in
 * view; its rect in *out. */
static bool find_field(App *app, const char *key, Rect *out)
{
    app_frame(app);
    if (app_test_field_rect(app, key, out)) return true;
    Rect ir = app->inspector_rc;
    for (int k = 0; k < 60; k++) app_test_wheel(app, ir.x + ir.w / 2, ir.y + ir.h / 2, 1);
    for (int k = 0; k < 120; k++) {
        app_frame(app);
        if (app_test_field_rect(app, key, out) && out->y + out->h < ir.y + ir.h - 4) return true;
        app_test_wheel(app, ir.x + ir.w / 2, ir.y + ir.h / 2, -1);
    }
    return app_test_field_rect(app, key, out);
}

/* Click a field of the right-hand panel, type, Enter. */
static void type_into(App *app, const char *key, const char *text)
{
    Rect f;
    if (!find_field(app, key, &f)) fail_msg("no field %s on screen", key);
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, text);
    app_test_key(app, SDLK_RETURN, 0);
}

/* Open the dropdown `key` and pick the entry whose text is `item`. */
static void pick(App *app, const char *key, int item)
{
    Rect f;
    if (!find_field(app, key, &f)) fail_msg("no dropdown %s on screen", key);
    app_test_click(app, f.x + f.w / 2, f.y + f.h / 2);
    assert_true(app->ui.popup_id != 0);
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 30, pr.y + 4 + 26.0f * (float)item + 13);
    assert_int_equal(app->ui.popup_id, 0);
}

/* Click a node's box / an empty spot of the board. */
static void click_node(App *app, int i)
{
    Vec2 c = app_test_node_center(app, i);
    app_test_click(app, c.x, c.y + 10);
}

static void click_background(App *app)
{
    Rect c = app->canvas_rc;
    app_test_click(app, c.x + 12, c.y + c.h - 60);
}

/* Drag from node a's handle to node b. */
static void connect(App *app, int a, int b)
{
    int before = app->model->n_edges;
    Vec2 h = app_test_node_handle(app, a), t = app_test_node_center(app, b);
    app_test_mouse_move(app, h.x - 30, h.y); /* hover the node so its handle shows */
    app_test_drag(app, h.x, h.y, t.x, t.y, 8, SDL_BUTTON_LEFT);
    assert_int_equal(app->model->n_edges, before + 1);
}

static int edge_index(App *app, const char *from, const char *to)
{
    for (int i = 0; i < app->model->n_edges; i++)
        if (strcmp(app->model->edges[i].from, from) == 0 && strcmp(app->model->edges[i].to, to) == 0) return i;
    return -1;
}

static void click_edge(App *app, int i)
{
    app_frame(app);
    const EdgeRoute *r = &app->routes.r[i];
    Vec2 b = bezier_at(r->p, 0.35f);
    Vec2 s = cam_to_screen(&app->cam, app->canvas_rc, b.x, b.y);
    app_test_click(app, s.x, s.y);
    assert_int_equal(sel_single_edge(app), i);
}

static void place(App *app, NodeKind kind)
{
    int n = app->model->n_nodes;
    Rect r = app->palette_items[kind];
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2);
    assert_int_equal(app->model->n_nodes, n + 1);
    assert_int_equal(app->model->nodes[n].kind, kind);
}

/* New: a board with one client sending 1,000 reads/s. */
static App *open_new_board(void)
{
    App *app = open_app();
    assert_true(app_test_click_widget(app, "tb-new", -1));
    assert_true(app_test_click_widget(app, "new-client", -1));
    return app;
}

/* New, and a service the client calls. */
static App *open_client_and_service(void)
{
    App *app = open_new_board();
    place(app, NODE_SERVICE);
    connect(app, 0, 1);
    return app;
}

static void run_to_end(App *app)
{
    unsigned serial = app->res_serial;
    assert_true(app_test_click_widget(app, "tb-run", -1));
    assert_true(run_active(app) || app->res_serial != serial); /* started (a short run may be done) */
    for (int n = 0; n < 200000 && run_active(app); n++) {
        app_frame(app);
        SDL_Delay(1);
    }
    app_frame(app);
    assert_non_null(app->res);
}

static void a_url_shortener_from_a_blank_board_to_a_pass(void **state)
{
    (void)state;
    App *app = open_app();
    /* New: a board with one client sending 1,000 reads/s. */
    assert_true(app_test_click_widget(app, "tb-new", -1));
    assert_int_equal(app->modal, MODAL_NEW);
    assert_true(app_screenshot(app, "gui-blank-new.png"));
    assert_true(app_test_click_widget(app, "new-client", -1));
    assert_int_equal(app->modal, MODAL_NONE);
    assert_int_equal(app->model->n_nodes, 1);
    assert_int_equal(app->model->scenario.n_requests, 1);
    assert_true(app->model->scenario.requests[0].rate_rps == 1000);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "untitled \xC2\xB7 not saved yet"));
    /* Nothing serves the reads yet: one problem, marked on the client on the board */
    uint8_t marked[8];
    assert_int_equal(diag_errors(&app->problems), 1);
    assert_int_equal(canvas_problem_nodes(app, marked), 1);
    assert_true(marked[0]);
    /* its tooltip says why */
    app_test_log_texts(app, true);
    app_test_hover_node(app, 0);
    bool why = false;
    for (int k = 0; app_test_drawn_text(app, k); k++)
        why = why || strstr(app_test_drawn_text(app, k), "\xE2\x9A\xA0 nothing serves 'read'");
    assert_true(why);
    app_test_log_texts(app, false);
    app_test_mouse_move(app, 5, 5);
    type_into(app, "title", "URL shortener");
    app_frame(app);
    /* Never saved: the window and the status bar say so. */
    assert_non_null(strstr(SDL_GetWindowTitle(app->win), "URL shortener (not saved yet)"));

    /* The boxes: a load balancer, the API, a cache, the database, key generation. */
    place(app, NODE_LOAD_BALANCER);
    place(app, NODE_SERVICE);
    place(app, NODE_CACHE);
    place(app, NODE_DATABASE);
    place(app, NODE_SERVICE);
    app_test_key(app, SDLK_f, 0); /* fit the board */
    app_frame(app);
    connect(app, 0, 1);
    app_frame(app);
    assert_int_equal(canvas_problem_nodes(app, marked), 0); /* the first edge serves them */
    connect(app, 1, 2);
    connect(app, 2, 3);
    connect(app, 3, 4);
    connect(app, 2, 4);
    connect(app, 2, 5);
    /* Names, by double-click on the box. */
    Vec2 c = app_test_node_center(app, 2);
    app_test_double_click(app, c.x, c.y);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "Shortener API");
    app_test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app->model->nodes[2].label, "Shortener API");
    /* its id, made by the app from its label, follows it; the edges follow the id */
    assert_string_equal(app->model->nodes[2].id, "shortener_api");
    assert_int_equal(edge_index(app, "shortener_api", "cache") >= 0, 1);
    /* The API's numbers in the inspector. */
    click_node(app, 2);
    assert_int_equal(sel_single_node(app), 2);
    type_into(app, "instances", "4");
    type_into(app, "workers", "4");
    pick(app, "io", IO_ASYNC);
    pick(app, "service_ms", DIST_EXPONENTIAL);
    type_into(app, "service_ms.mean", "0.5");
    assert_int_equal(app->model->nodes[2].instances, 4);
    assert_int_equal(app->model->nodes[2].io, IO_ASYNC);
    assert_true(app->model->nodes[2].service_ms.kind == DIST_EXPONENTIAL && app->model->nodes[2].service_ms.mean == 0.5);

    /* The scenario: click the board's background. */
    click_background(app);
    assert_int_equal(sel_count_nodes(app) + sel_count_edges(app), 0);
    assert_true(app_test_text_drawn(app, "TRAFFIC"));
    /* The first request type: open it, rename it, 20k per second. */
    assert_true(app_test_click_widget(app, "requests", 1000));
    type_into(app, "requests[0].name", "redirect");
    type_into(app, "requests[0].rate_rps", "20k");
    /* A second one: writes of new links. */
    assert_true(app_test_click_widget(app, "scen-add-requests", -1));
    assert_int_equal(app->model->scenario.n_requests, 2);
    app_frame(app);
    assert_true(ui_editing(&app->ui, ui_id("requests[1].name")) != NULL); /* its name is ready to type */
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "shorten");
    app_test_key(app, SDLK_RETURN, 0);
    type_into(app, "requests[1].rate_rps", "200");
    pick(app, "requests[1].op", OP_WRITE);
    const Scenario *sc = &app->model->scenario;
    assert_string_equal(sc->requests[1].name, "shorten");
    assert_int_equal(sc->requests[1].op, OP_WRITE);

    /* Which request travels which edge: the API reads through the cache, writes to the
     * database and asks key generation for a key. Each edge's checklist. */
    int e_cache = edge_index(app, "shortener_api", "cache");
    int e_db = edge_index(app, "shortener_api", "database");
    int e_keys = edge_index(app, "shortener_api", "service_2");
    assert_true(e_cache >= 0 && e_db >= 0 && e_keys >= 0);
    click_edge(app, e_cache);
    Rect f;
    assert_true(find_field(app, "requests.1", &f));
    app_test_click(app, f.x + 8, f.y + f.h / 2); /* untick shorten */
    click_edge(app, e_db);
    assert_true(find_field(app, "requests.0", &f));
    app_test_click(app, f.x + 8, f.y + f.h / 2); /* untick redirect */
    click_edge(app, e_keys);
    assert_true(find_field(app, "requests.0", &f));
    app_test_click(app, f.x + 8, f.y + f.h / 2);
    assert_true(edge_carries(&app->model->edges[e_cache], "redirect") && !edge_carries(&app->model->edges[e_cache], "shorten"));
    assert_true(edge_carries(&app->model->edges[e_db], "shorten") && !edge_carries(&app->model->edges[e_db], "redirect"));
    assert_true(!edge_carries(&app->model->edges[e_keys], "redirect"));

    /* Requirements: p99 of each type and the error rate. */
    click_background(app);
    for (int k = 0; k < 3; k++) assert_true(app_test_click_widget(app, "scen-add-requirements", -1));
    assert_int_equal(sc->n_requirements, 3);
    app->ui.focus = 0;
    assert_true(app_test_click_widget(app, "requirements", 1000));
    pick(app, "requirements[0].request", 1); /* redirect */
    type_into(app, "requirements[0].max", "60");
    assert_true(app_test_click_widget(app, "requirements", 1001));
    pick(app, "requirements[1].request", 2); /* shorten */
    type_into(app, "requirements[1].max", "150");
    assert_true(app_test_click_widget(app, "requirements", 1002));
    pick(app, "requirements[2].metric", METRIC_ERROR_RATE);
    type_into(app, "requirements[2].max", "0.1");
    sc = &app->model->scenario;
    assert_string_equal(sc->requirements[0].request, "redirect");
    assert_true(sc->requirements[0].max == 60);
    assert_int_equal(sc->requirements[2].metric, METRIC_ERROR_RATE);
    assert_true(fabs(sc->requirements[2].max - 0.001) < 1e-12);

    /* An event: the database slows down for a while. */
    assert_true(app_test_click_widget(app, "scen-add-events", -1));
    assert_int_equal(app->model->scenario.n_events, 1);
    pick(app, "events[0].action", EVENT_SLOW);
    type_into(app, "events[0].factor", "2");
    type_into(app, "events[0].at_s", "5");
    type_into(app, "events[0].for_s", "2");
    /* A short run. */
    type_into(app, "duration_s", "10");
    type_into(app, "warmup_s", "2");
    sc = &app->model->scenario;
    assert_int_equal(sc->events[0].action, EVENT_SLOW);
    assert_string_equal(sc->events[0].node, "database");
    assert_true(sc->duration_s == 10 && sc->warmup_s == 2);
    assert_int_equal(diag_errors(&app->problems), 0);
    assert_true(app_screenshot(app, "gui-blank-scenario.png"));

    /* Run, and the grade. */
    run_to_end(app);
    const Grade *g = practice_grade(app);
    assert_non_null(g);
    assert_true(g->graded);
    assert_int_equal(g->n_items, 3);
    assert_true(g->pass);
    drawer_show(app, TAB_GRADE);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "PASS: 3 of 3 requirements pass"));
    assert_true(app_screenshot(app, "gui-blank-pass.png"));

    /* Save As, and the file holds the answer. */
    char path[300];
    snprintf(path, sizeof path, "%s/my-shortener.json", dir);
    unlink(path);
    doc_make_parent_dirs(path);
    app_test_key(app, SDLK_s, KMOD_CTRL); /* untitled: Save asks where, from the documents folder */
    assert_int_equal(app->modal, MODAL_FILE);
    char *docs = doc_user_folder();
    assert_string_equal(app->fd.dir, docs);
    free(docs);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, path);
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_false(app_dirty(app));
    app_frame(app);
    assert_string_equal(SDL_GetWindowTitle(app->win), "my-shortener.json \xE2\x80\x94 archsim");
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    diag_free(&d);
    assert_non_null(m);
    assert_string_equal(m->title, "URL shortener");
    assert_int_equal(m->n_nodes, 6);
    assert_int_equal(m->n_edges, 6);
    assert_int_equal(m->scenario.n_requests, 2);
    assert_string_equal(m->scenario.requests[0].name, "redirect");
    assert_true(m->scenario.requests[0].rate_rps == 20000);
    assert_int_equal(m->scenario.requests[1].op, OP_WRITE);
    assert_int_equal(m->scenario.n_requirements, 3);
    assert_int_equal(m->scenario.n_events, 1);
    assert_int_equal(m->scenario.events[0].action, EVENT_SLOW);
    int ec = -1;
    for (int i = 0; i < m->n_edges; i++)
        if (strcmp(m->edges[i].from, "shortener_api") == 0 && strcmp(m->edges[i].to, "cache") == 0) ec = i;
    assert_true(ec >= 0);
    assert_int_equal(m->edges[ec].n_requests, 1);
    assert_string_equal(m->edges[ec].requests[0], "redirect");
    /* What was saved is what the app holds (as the format writes it). */
    char *saved = model_to_json(m), *held = model_to_json(app->model);
    assert_string_equal(saved, held);
    free(saved);
    free(held);
    model_destroy(m);
    /* It is in the recent files now. */
    assert_true(app->n_recent >= 1);
    assert_non_null(strstr(app->recent[0], "my-shortener.json"));
    app_destroy(app);
}

/* A board saved before its first edge (the client alone: "nothing serves 'read'") opens
 * again as it was saved, its problem marked on the client, with no dialog in the way;
 * the first edge clears it and it runs. */
static void a_board_saved_before_its_first_edge_opens_again_as_it_was(void **state)
{
    (void)state;
    App *app = open_new_board();
    app_frame(app);
    assert_int_equal(diag_errors(&app->problems), 1);
    char path[300];
    snprintf(path, sizeof path, "%s/half-done.json", dir);
    doc_make_parent_dirs(path);
    assert_true(doc_save_as(app, path));
    assert_true(app_test_click_widget(app, "tb-new", -1));
    assert_true(app_test_click_widget(app, "new-client", -1));
    place(app, NODE_SERVICE); /* another board meanwhile */
    app_frame(app);
    assert_int_equal(app->model->n_nodes, 2);
    assert_true(doc_open(app, path));
    app_frame(app);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_string_equal(app->path, path);
    assert_int_equal(app->model->n_nodes, 1);
    assert_int_equal(diag_errors(&app->problems), 1);
    uint8_t marked[8];
    assert_int_equal(canvas_problem_nodes(app, marked), 1);
    assert_true(marked[0]);
    assert_true(app->msg_error);
    assert_true(app_test_text_drawn(app, "with 1 problem to fix"));
    assert_false(run_start(app)); /* not until fixed */
    place(app, NODE_SERVICE);
    app_test_key(app, SDLK_f, 0);
    app_frame(app);
    connect(app, 0, 1);
    app_frame(app);
    assert_int_equal(diag_errors(&app->problems), 0);
    run_to_end(app);
    assert_non_null(app->res);
    app_destroy(app);
    unlink(path);
}

/* The problems list names where each problem is: two request types that no client sends
 * read "redirect: ..." and "shorten: ...", not the same words twice; a node's problem
 * that names the node already is not named again. */
static void each_problem_says_where_it_is(void **state)
{
    (void)state;
    App *app = open_app();
    assert_true(app_test_click_widget(app, "scen-add-req-big", -1));
    type_into(app, "requests[0].name", "redirect");
    assert_true(app_test_click_widget(app, "scen-add-requests", -1));
    type_into(app, "requests[1].name", "shorten");
    app_test_key(app, SDLK_ESCAPE, 0);
    click_background(app);
    assert_int_equal(diag_errors(&app->problems), 2);
    assert_true(app_test_text_drawn(app, "PROBLEMS (2)"));
    assert_true(app_test_text_drawn(app, "redirect: no client node sends"));
    assert_true(app_test_text_drawn(app, "shorten: no client node sends"));
    char where[160], line[600];
    assert_string_equal(app_path_where(app, "scenario.requests[1].client", where, sizeof where), "shorten");
    assert_string_equal(app_path_where(app, "scenario.duration_s", where, sizeof where), "");
    /* a node and an edge are named as the board names them */
    place(app, NODE_SERVICE);
    place(app, NODE_DATABASE);
    connect(app, 0, 1);
    free(app->model->nodes[1].label);
    app->model->nodes[1].label = xstrdup("Links DB");
    assert_string_equal(app_path_where(app, "nodes[1].workers", where, sizeof where), "Links DB");
    assert_string_equal(app_path_where(app, "edges[0]", where, sizeof where), "Service \xE2\x86\x92 Links DB");
    assert_string_equal(app_path_where(app, "nodes[7]", where, sizeof where), "");
    Diag named = {.path = "nodes[1].pool", .message = "'Links DB' has no connections"};
    assert_string_equal(app_problem_line(app, &named, line, sizeof line), "'Links DB' has no connections");
    Diag by_id = {.path = "nodes[1].pool", .message = "'database' has no connections"};
    assert_string_equal(app_problem_line(app, &by_id, line, sizeof line), "'database' has no connections");
    /* Russian and Ukrainian quote it «so» */
    Diag by_id_ru = {.path = "nodes[1].pool", .message = "\xC2\xAB" "database\xC2\xBB: no connections"};
    assert_string_equal(app_problem_line(app, &by_id_ru, line, sizeof line), "\xC2\xAB" "database\xC2\xBB: no connections");
    Diag other = {.path = "nodes[1].pool", .message = "must be at least 1"};
    assert_string_equal(app_problem_line(app, &other, line, sizeof line), "Links DB: must be at least 1");
    app_destroy(app);
}

/* A 0 that is a setting, not an amount, says what it means inside its field: a rate
 * limit of 0 is "no limit", a request type's 0 sessions "none"; a 100 says nothing more,
 * and neither does a 0 that is an amount (read replicas). */
static void a_zero_that_means_none_says_so(void **state)
{
    (void)state;
    App *app = open_app();
    place(app, NODE_SERVICE);
    click_node(app, 0);
    Rect f;
    assert_true(find_field(app, "rate_limit_rps", &f));
    app_frame(app);
    assert_true(app_test_text_drawn(app, "no limit"));
    type_into(app, "rate_limit_rps", "100");
    assert_true(app->model->nodes[0].rate_limit_rps == 100);
    assert_true(find_field(app, "rate_limit_rps", &f));
    app_frame(app);
    assert_false(app_test_text_drawn(app, "no limit"));
    assert_string_equal(schema_zero_meaning(schema_find(schema_node_fields, "rate_limit_rps")), "no limit");
    assert_null(schema_zero_meaning(schema_find(schema_node_fields, "read_replicas")));
    assert_string_equal(schema_zero_meaning(schema_find(schema_edge_fields, "timeout_ms")), "none");
    assert_null(schema_zero_meaning(schema_find(schema_edge_fields, "latency_ms")));
    /* the table's context is the one its translations are under */
    assert_string_equal(tr_pin("ru", SCHEMA_ZERO_CTX, "no limit"), "\xD0\xB1\xD0\xB5\xD0\xB7 \xD0\xBE\xD0\xB3\xD1\x80.");
    /* the scenario panel's fields too */
    click_background(app);
    assert_true(app_test_click_widget(app, "scen-add-req-big", -1));
    assert_true(find_field(app, "requests[0].sessions", &f));
    app_frame(app);
    assert_true(app_test_text_drawn(app, "none"));
    app_destroy(app);
}

/* A board never saved proposes a file name from its title, for Save As, Export PNG and a
 * recording alike ("URL shortener": url-shortener.json, .png, -run.gif); untitled it is
 * "diagram"; once saved, the file's own name. */
static void save_as_proposes_the_titles_name(void **state)
{
    (void)state;
    App *app = open_app();
    char name[512];
    filedialog_proposed_name(app, FILE_SAVE_AS, name, sizeof name);
    assert_string_equal(name, "diagram.json");
    filedialog_proposed_name(app, FILE_RECORD, name, sizeof name);
    assert_string_equal(name, "diagram-run.gif"); /* it proposed diagram.json for a GIF */
    type_into(app, "title", "URL shortener");
    assert_true(app_test_click_widget(app, "tb-saveas", -1));
    assert_int_equal(app->modal, MODAL_FILE);
    assert_string_equal(app->fd.name, "url-shortener.json");
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_true(app_test_click_widget(app, "tb-export", -1));
    assert_true(app_test_click_widget(app, "tb-export", 0));
    assert_string_equal(app->fd.name, "url-shortener.png");
    app_test_key(app, SDLK_ESCAPE, 0);
    filedialog_proposed_name(app, FILE_RECORD, name, sizeof name);
    assert_string_equal(name, "url-shortener-run.gif");
    filedialog_proposed_name(app, FILE_OPEN, name, sizeof name);
    assert_string_equal(name, "");
    type_into(app, "title", "  Design: Twitter's timeline (2013) -- fan-out!  ");
    filedialog_proposed_name(app, FILE_SAVE_AS, name, sizeof name);
    assert_string_equal(name, "design-twitter-s-timeline-2013-fan-out.json");
    type_into(app, "title", "\xD0\xA7\xD0\xB0\xD1\x82 / WhatsApp");  /* Чат / WhatsApp */
    filedialog_proposed_name(app, FILE_SAVE_AS, name, sizeof name);
    assert_string_equal(name, "\xD0\xA7\xD0\xB0\xD1\x82-whatsapp.json"); /* other scripts' letters as they are */
    type_into(app, "title", "?!");
    filedialog_proposed_name(app, FILE_SAVE_AS, name, sizeof name);
    assert_string_equal(name, "diagram.json");
    /* saved: its own name, whatever the title */
    char path[600];
    snprintf(path, sizeof path, "%s/my board.json", dir);
    assert_true(doc_save_as(app, path));
    filedialog_proposed_name(app, FILE_SAVE_AS, name, sizeof name);
    assert_string_equal(name, "my board.json");
    filedialog_proposed_name(app, FILE_EXPORT, name, sizeof name);
    assert_string_equal(name, "my board.png");
    app_destroy(app);
    unlink(path);
}

/* The design's problems about its sheet (scenario.envelope). */
static int sheet_problems(const App *app)
{
    int n = 0;
    for (int i = 0; i < app->problems.n_items; i++)
        n += app->problems.items[i].path && strncmp(app->problems.items[i].path, "scenario.envelope", 17) == 0;
    return n;
}

/* The right-hand panel scrolled to its end, as a person would with the wheel. */
static void panel_to_end(App *app)
{
    Rect ir = app->inspector_rc;
    for (int k = 0; k < 120; k++) app_test_wheel(app, ir.x + ir.w / 2, ir.y + ir.h / 2, -1);
    app_frame(app);
}

/* The back-of-the-envelope sheet is written in the app: a quantity added from the Scenario
 * panel, its label (its id follows), unit and factors (× and ÷), then estimated in the
 * Estimates tab and checked; its Russian label through the panel's RU switch; undone in
 * one step each. */
static void a_sheet_is_written_in_the_app(void **state)
{
    (void)state;
    App *app = open_new_board();
    click_background(app);
    panel_to_end(app);
    assert_true(app_test_text_drawn(app, "ESTIMATES SHEET"));
    assert_true(app_test_click_widget(app, "scen-add-envelope", -1));
    Scenario *s = &app->model->scenario;
    assert_int_equal(s->n_envelope, 1);
    assert_int_equal(app->scen_open[SCEN_ENVELOPE], 0);
    app_frame(app);
    assert_int_equal(sheet_problems(app), 2); /* what it is, and what its factor counts */
    /* the tab shows it at once, by the words the panel uses for it (not its id) */
    drawer_show(app, TAB_ESTIMATES);
    app_frame(app);
    app_frame(app);
    assert_int_equal(app->estv.n_rows, 2);
    assert_true(app_test_text_exact(app, "(what is estimated?)")); /* the panel says it with " = 1 B" */
    assert_false(app_test_text_exact(app, "quantity"));
    app->drawer_h = 0;
    app_frame(app);
    type_into(app, "envelope[0].label", "Link storage per year");
    assert_string_equal(s->envelope[0].label, "Link storage per year");
    assert_string_equal(s->envelope[0].id, "link_storage_per_year");
    type_into(app, "envelope[0].factors[0].value", "200");
    type_into(app, "envelope[0].factors[0].label", "new links/s");
    Rect f;
    panel_to_end(app);
    assert_true(app_test_click_widget(app, "env-add-factor", 0));
    app_frame(app); /* the panel scrolls to the new factor's number */
    assert_int_equal(s->envelope[0].n_factors, 2);
    type_into(app, "envelope[0].factors[1].value", "1k");
    type_into(app, "envelope[0].factors[1].label", "bytes per link");
    panel_to_end(app);
    assert_true(app_test_click_widget(app, "env-add-factor", 0));
    app_frame(app); /* the panel scrolls to the new factor's number */
    type_into(app, "envelope[0].factors[2].value", "31536000");
    type_into(app, "envelope[0].factors[2].label", "seconds in a year");
    assert_true(s->envelope[0].factors[1].value == 1000);
    app_frame(app);
    assert_int_equal(sheet_problems(app), 0);
    panel_to_end(app);
    assert_true(app_test_text_drawn(app, "Link storage per year = 6.31 TB"));
    /* ÷: a fourth factor divides, then goes */
    assert_true(app_test_click_widget(app, "env-add-factor", 0));
    app_frame(app); /* the panel scrolls to the new factor's number */
    type_into(app, "envelope[0].factors[3].value", "2");
    type_into(app, "envelope[0].factors[3].label", "copies kept apart");
    assert_true(find_field(app, "envelope[0].factors[3].value", &f));
    assert_true(app_test_click_widget(app, "env-op", 3));
    assert_true(s->envelope[0].factors[3].divide);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Link storage per year = 3.15 TB"));
    assert_true(app_test_click_widget(app, "env-factor-del", 3));
    assert_int_equal(s->envelope[0].n_factors, 3);
    /* a number that is not one is refused, and says why */
    type_into(app, "envelope[0].factors[0].value", "-5");
    assert_true(s->envelope[0].factors[0].value == 200);
    assert_true(app->msg_error);
    /* in Russian: the label through the RU switch, the English to translate faint */
    assert_true(find_field(app, "envelope[0].label", &f));
    assert_true(app_test_click_widget(app, "env-label-lang", 1));
    type_into(app, "envelope[0].label", "\xD0\xA5\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5 \xD1\x81\xD1\x81\xD1\x8B\xD0\xBB\xD0\xBE\xD0\xBA");
    assert_string_equal(scenario_text_own(app->model, "quantity-label", 0, "ru"),
                        "\xD0\xA5\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5 \xD1\x81\xD1\x81\xD1\x8B\xD0\xBB\xD0\xBE\xD0\xBA");
    assert_string_equal(s->envelope[0].label, "Link storage per year");
    assert_true(app_test_click_widget(app, "env-label-lang", 0));
    /* estimated in the tab, and checked */
    drawer_show(app, TAB_ESTIMATES);
    app_frame(app);
    app_frame(app);
    assert_int_equal(app->estv.n_rows, 2); /* the peak from the traffic, and this one */
    assert_true(app_test_text_drawn(app, "Link storage per year"));
    Rect er = app->estv.field_rc[1];
    assert_true(er.h > 0);
    app_test_click(app, er.x + er.w / 2, er.y + er.h / 2);
    app_test_text(app, "6 TB");
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    char *saved = estimates_get(app->model, "link_storage_per_year");
    assert_non_null(saved);
    free(saved);
    assert_true(app_test_text_drawn(app, "good"));
    /* a new label takes the id along, and the estimate saved under it */
    click_background(app);
    type_into(app, "envelope[0].label", "Storage per year");
    assert_string_equal(s->envelope[0].id, "storage_per_year");
    saved = estimates_get(app->model, "storage_per_year");
    assert_non_null(saved);
    assert_string_equal(saved, "6 TB");
    free(saved);
    /* one step each: undo takes the label back, and the estimate's key with it */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(s->envelope[0].id, "link_storage_per_year");
    saved = estimates_get(app->model, "link_storage_per_year");
    assert_non_null(saved);
    free(saved);
    /* saved and read back, the sheet is the same, its translation too */
    char *json = model_to_json(app->model);
    DiagList d;
    diag_init(&d, NULL);
    Model *back = model_from_json_lenient(json, strlen(json), &d); /* the board's client serves nothing yet */
    assert_non_null(back);
    assert_true(model_equal(back, app->model));
    for (int i = 0; i < d.n_items; i++) assert_null(strstr(d.items[i].path, "envelope"));
    assert_string_equal(scenario_text_own(back, "quantity-label", 0, "ru"),
                        "\xD0\xA5\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5 \xD1\x81\xD1\x81\xD1\x8B\xD0\xBB\xD0\xBE\xD0\xBA");
    model_destroy(back);
    diag_free(&d);
    free(json);
    /* the quantity goes with Delete quantity, its translation with it */
    panel_to_end(app);
    assert_true(app_test_click_widget(app, "scen-del", SCEN_ENVELOPE * 1000 + 0));
    assert_int_equal(s->n_envelope, 0);
    assert_null(scenario_translation(s, "ru"));
    app_destroy(app);
}

static void no_traffic_cannot_run_and_says_why(void **state)
{
    (void)state;
    App *app = open_client_and_service();
    /* Delete the only request type (nothing names it: no question asked). */
    click_background(app);
    assert_true(app_test_click_widget(app, "requests", 1000));
    assert_true(app_test_click_widget(app, "scen-del", 0));
    assert_int_equal(app->model->scenario.n_requests, 0);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Add traffic to run"));
    assert_true(app_test_text_drawn(app, "No traffic yet"));
    /* F5 says what is missing */
    app_test_key(app, SDLK_F5, 0);
    assert_false(run_active(app));
    assert_true(app->msg_error);
    assert_non_null(strstr(app->msg, "no request types"));
    /* The big button adds one back. */
    assert_true(app_test_click_widget(app, "scen-add-req-big", -1));
    assert_int_equal(app->model->scenario.n_requests, 1);
    app_test_key(app, SDLK_ESCAPE, 0);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Run  F5"));
    /* and so does the toolbar's button, as its tooltip says ("Click to add one"): it
     * said only "Nothing to run" in red */
    assert_true(app_test_click_widget(app, "scen-del", 0)); /* the one just added is open */
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Add traffic to run"));
    assert_true(app_test_click_widget(app, "tb-run", -1));
    assert_false(run_active(app));
    assert_int_equal(app->model->scenario.n_requests, 1);
    assert_false(app->msg_error);
    app_test_key(app, SDLK_ESCAPE, 0);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Run  F5"));
    app_destroy(app);
}

static void a_run_without_requirements_is_never_a_pass(void **state)
{
    (void)state;
    App *app = open_client_and_service();
    click_background(app);
    type_into(app, "duration_s", "2");
    type_into(app, "warmup_s", "1");
    assert_int_equal(app->model->scenario.n_requirements, 0);
    run_to_end(app);
    const Grade *g = practice_grade(app);
    assert_non_null(g);
    assert_false(g->graded);
    assert_false(g->pass);
    drawer_show(app, TAB_GRADE);
    app_frame(app);
    assert_true(app_screenshot(app, "gui-blank-nothing-to-grade.png"));
    assert_true(app_test_text_drawn(app, "Nothing to grade"));
    assert_true(app_test_text_drawn(app, "no requirements to grade"));
    assert_false(app_test_text_drawn(app, "Every requirement passes"));
    assert_false(app_test_text_drawn(app, "PASS"));
    /* It offers to add one: a requirement appears, open in the panel. */
    assert_true(app_test_click_widget(app, "gr-add-req", -1));
    assert_int_equal(app->model->scenario.n_requirements, 1);
    assert_int_equal(app->scen_open[1], 0);
    /* Newer than the run, it shows the run's figure, not graded ("not run yet" beside a
     * p99 on screen read as a contradiction): the same figure the Requests tab gives. */
    app_test_key(app, SDLK_ESCAPE, 0);
    drawer_show(app, TAB_GRADE);
    app_frame(app);
    app_frame(app);
    assert_false(app_test_text_drawn(app, "not run yet"));
    char p99[64];
    fmt_metric(METRIC_P99_MS, app->res->mean->types[app->res->mean->n_types][TF_P99_MS], p99, sizeof p99);
    assert_true(app_test_text_exact(app, p99));
    assert_false(app_test_text_drawn(app, "PASS"));
    app_destroy(app);
}

static void renames_follow_and_removals_ask_first(void **state)
{
    (void)state;
    App *app = open_app();
    assert_true(doc_open(app, ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json"));
    app_frame(app);
    /* Renaming 'shorten' follows into the edge filters and the requirement. */
    click_background(app);
    assert_true(app_test_click_widget(app, "requests", 1001));
    type_into(app, "requests[1].name", "create_link");
    const Model *m = app->model;
    assert_string_equal(m->scenario.requests[1].name, "create_link");
    assert_true(edge_carries(&m->edges[edge_index(app, "api", "keygen")], "create_link"));
    assert_string_equal(m->scenario.requirements[1].request, "create_link");
    /* A name that is taken is refused with the reason, and nothing changes. */
    type_into(app, "requests[1].name", "redirect");
    assert_string_equal(app->model->scenario.requests[1].name, "create_link");
    assert_string_equal(app->insp_error_key, "requests[1].name");
    app_test_key(app, SDLK_ESCAPE, 0);
    /* Deleting it names what goes with it and waits for a yes. */
    assert_true(app_test_click_widget(app, "scen-del", 1));
    assert_int_equal(app->modal, MODAL_CONFIRM);
    assert_non_null(strstr(app->confirm_text, "1 requirement about it is removed"));
    assert_true(app_screenshot(app, "gui-blank-confirm.png"));
    assert_true(app_test_click_widget(app, "confirm-no", -1));
    assert_int_equal(app->model->scenario.n_requests, 2);
    assert_true(app_test_click_widget(app, "scen-del", 1));
    assert_true(app_test_click_widget(app, "confirm-yes", -1));
    assert_int_equal(app->model->scenario.n_requests, 1);
    assert_int_equal(edge_index(app, "api", "keygen"), -1);
    assert_int_equal(app->model->scenario.n_requirements, 3);
    /* One step back brings all of it back. */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->scenario.n_requests, 2);
    assert_true(edge_index(app, "api", "keygen") >= 0);
    assert_int_equal(app->model->scenario.n_requirements, 4);
    /* A node that a scenario event names: deleting it asks too. */
    assert_true(doc_open(app, ARCHSIM_SOURCE_DIR "/scenarios/db-read-scaling.json"));
    app_frame(app);
    const Scenario *sc = &app->model->scenario;
    int node = -1;
    for (int k = 0; k < sc->n_events && node < 0; k++)
        if (sc->events[k].node) node = model_find_node(app->model, sc->events[k].node);
    assert_true(node >= 0);
    int n_nodes = app->model->n_nodes, n_events = sc->n_events;
    click_node(app, node);
    app_test_key(app, SDLK_DELETE, 0);
    assert_int_equal(app->modal, MODAL_CONFIRM);
    assert_non_null(strstr(app->confirm_text, "scenario event"));
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->model->n_nodes, n_nodes - 1);
    assert_true(app->model->scenario.n_events < n_events);
    assert_int_equal(diag_errors(&app->problems), 0);
    app_destroy(app);
}

static void a_modelling_check_shows_and_fixes_in_one_click(void **state)
{
    (void)state;
    /* The usual interview drawing: the API reads through the cache and from the database. */
    const char *json =
        "{\"format\":\"archsim/1\",\"title\":\"Bypass\",\"scenario\":{\"requests\":["
        "{\"name\":\"redirect\",\"rate_rps\":5000},{\"name\":\"shorten\",\"op\":\"write\",\"rate_rps\":100}]},"
        "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\",\"x\":60,\"y\":240},"
        "{\"id\":\"api\",\"kind\":\"service\",\"label\":\"Shortener API\",\"x\":280,\"y\":240,\"instances\":4,\"io\":\"async\",\"service_ms\":2},"
        "{\"id\":\"cache\",\"kind\":\"cache\",\"label\":\"Link cache\",\"x\":500,\"y\":120},"
        "{\"id\":\"db\",\"kind\":\"database\",\"label\":\"Links DB\",\"x\":720,\"y\":240}],"
        "\"edges\":[{\"from\":\"users\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"cache\"},"
        "{\"from\":\"cache\",\"to\":\"db\"},{\"from\":\"api\",\"to\":\"db\"}]}";
    char path[300];
    snprintf(path, sizeof path, "%s/bypass.json", dir);
    doc_make_parent_dirs(path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
    App *app = open_app();
    assert_true(doc_open(app, path));
    app_frame(app);
    assert_true(app_test_text_drawn(app, "MODELLING CHECKS (1)"));
    assert_true(app_test_text_drawn(app, "Shortener API sends every"));
    /* The same finding shows on the edge it is about. */
    click_edge(app, edge_index(app, "api", "db"));
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Fix: "));
    assert_true(app_screenshot(app, "gui-blank-check.png"));
    assert_true(app_test_click_widget(app, "lint-fix", 0));
    int e = edge_index(app, "api", "db");
    assert_true(e >= 0);
    assert_false(edge_carries(&app->model->edges[e], "redirect"));
    assert_true(edge_carries(&app->model->edges[e], "shorten"));
    app_frame(app);
    assert_int_equal(app->lint.n_items, 0);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_frame(app);
    assert_int_equal(app->lint.n_items, 1);
    app_destroy(app);
}

static void the_path_of_a_type_and_what_a_cache_does_with_it(void **state)
{
    (void)state;
    App *app = open_app();
    assert_true(doc_open(app, ARCHSIM_SOURCE_DIR "/scenarios/url-shortener.json"));
    app_frame(app);
    /* "Show path of" over the board: redirect. */
    assert_true(app_test_click_widget(app, "path-of", -1));
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 30, pr.y + 4 + 26 * 1 + 13);
    assert_int_equal(app->path_type, 0);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Path of: redirect"));
    const double *pe = app->path_edge, *pn = app->path_node;
    assert_true(fabs(pe[edge_index(app, "api", "cache")] - 1) < 1e-9);
    assert_true(fabs(pe[edge_index(app, "cache", "db")] - 0.1) < 1e-9); /* the misses */
    assert_true(pe[edge_index(app, "api", "keygen")] == 0);             /* shorten only */
    assert_true(pe[edge_index(app, "api", "db")] == 0);
    assert_true(pn[model_find_node(app->model, "keygen")] == 0);
    assert_true(fabs(pn[model_find_node(app->model, "db")] - 0.1) < 1e-9);
    assert_true(app_screenshot(app, "gui-blank-path.png"));
    /* An edit moves the path with it: at a 50% hit ratio half the reads miss. */
    click_node(app, model_find_node(app->model, "cache"));
    app_frame(app);
    assert_true(app_test_text_drawn(app, "90% answered here"));
    assert_true(app_test_text_drawn(app, "Links DB."));
    assert_true(app_test_text_drawn(app, "BY REQUEST TYPE"));
    type_into(app, "hit_ratio", "0.5");
    app_frame(app);
    /* The tooltips split the traffic by request type too. */
    app_test_log_texts(app, true);
    int cache = model_find_node(app->model, "cache");
    app_test_hover_node(app, cache);
    bool split = false;
    for (int k = 0; app_test_drawn_text(app, k); k++)
        split = split || strstr(app_test_drawn_text(app, k), "by request type: redirect 20k rps (\xC3\x97" "1 per request)");
    assert_true(split);
    app_test_log_texts(app, false);
    assert_true(fabs(app->path_edge[edge_index(app, "cache", "db")] - 0.5) < 1e-9);
    assert_true(app_test_text_drawn(app, "50% answered here"));
    /* Moving a node changes nothing the estimate, the checks or the validator read: a drag
     * recomputes none of them. */
    unsigned v0 = app->version, est0 = app->est_version;
    edit_nudge_selection(app, GRID, 0);
    app_frame(app);
    assert_true(app->version != v0);
    assert_int_equal(app->est_version, est0);
    /* And off again. */
    assert_true(app_test_click_widget(app, "path-of", -1));
    pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 30, pr.y + 4 + 13);
    assert_int_equal(app->path_type, -1);
    app_destroy(app);
}

static void right_click(App *app, float x, float y)
{
    app_test_mouse_move(app, x, y);
    app_test_mouse_down(app, x, y, SDL_BUTTON_RIGHT, 1);
    app_test_mouse_up(app, x, y, SDL_BUTTON_RIGHT);
}

static void the_right_click_menu_adds_shows_paths_and_deletes(void **state)
{
    (void)state;
    App *app = open_new_board();
    /* On the board: add a node here. */
    Rect c = app->canvas_rc;
    float x = c.x + c.w * 0.7f, y = c.y + c.h * 0.5f;
    double bx, by;
    cam_to_board(&app->cam, c, x, y, &bx, &by);
    right_click(app, x, y);
    assert_true(app->ctx.open);
    assert_true(app_test_text_drawn(app, "Add a node here"));
    assert_true(app_test_click_widget(app, "ctx-item", 0));
    assert_true(app_test_text_drawn(app, "Database"));
    assert_true(app_screenshot(app, "gui-blank-menu.png"));
    assert_true(app_test_click_widget(app, "ctx-sub", NODE_DATABASE));
    assert_false(app->ctx.open);
    assert_int_equal(app->model->n_nodes, 2);
    const Node *db = &app->model->nodes[1];
    assert_int_equal(db->kind, NODE_DATABASE);
    assert_true(fabs(db->x + NODE_W / 2 - bx) <= GRID && fabs(db->y + NODE_H / 2 - by) <= GRID); /* where clicked */
    connect(app, 0, 1);
    /* On a node: the path of a request type through it. */
    Vec2 n = app_test_node_center(app, 1);
    right_click(app, n.x, n.y);
    assert_int_equal(sel_single_node(app), 1);
    assert_true(app_test_click_widget(app, "ctx-item", 3)); /* Show path of... */
    assert_true(app_test_click_widget(app, "ctx-sub", 0));
    assert_int_equal(app->path_type, 0);
    /* Escape closes an open menu without doing anything. */
    right_click(app, n.x, n.y);
    assert_true(app->ctx.open);
    app_test_key(app, SDLK_ESCAPE, 0);
    assert_false(app->ctx.open);
    assert_int_equal(app->model->n_nodes, 2);
    /* And Delete. */
    right_click(app, n.x, n.y);
    assert_true(app_test_click_widget(app, "ctx-item", 5)); /* after Frame the selection */
    assert_int_equal(app->model->n_nodes, 1);
    assert_int_equal(app->model->n_edges, 0);
    app_destroy(app);
}

/* A node renamed after a run (its id following its label) keeps the run's figures on the
 * board, its edges theirs, and the Nodes tab still selects it; a new node that takes the
 * id it gave up gets none of them (it lost its badge until the next run). */
static void a_rename_after_a_run_keeps_the_figures(void **state)
{
    (void)state;
    App *app = open_client_and_service();
    Command c;
    cmd_init(&c, "Run settings");
    cmd_run_set(&c, app->model, 2, 0.5, 7, app->model->meta_json);
    app_commit(app, &c);
    run_to_end(app);
    assert_true(app->view.nodes[1].measured);
    double util = app->view.nodes[1].util;
    assert_true(app->view.edge_measured[0]);
    const char *why = overlay_bottleneck_why(app);
    assert_non_null(why);
    assert_non_null(strstr(why, "Service"));
    assert_true(edit_rename(app, false, 1, "Orders API", NULL));
    assert_string_equal(app->model->nodes[1].id, "orders_api");
    app_frame(app);
    assert_true(app->view.nodes[1].measured);
    /* the run's sentence names it as the board does now */
    why = overlay_bottleneck_why(app);
    assert_non_null(strstr(why, "Orders API"));
    assert_null(strstr(why, "Service"));
    /* and so does the Nodes tab */
    gui_test_tab(app, TAB_NODES);
    assert_true(app_test_text_drawn(app, "Orders API"));
    app->drawer_tab = TAB_REQUESTS;
    assert_true(app->view.nodes[1].util == util);
    assert_true(app->view.edge_measured[0]);
    /* again, and back by undo: found by every id it had */
    assert_true(edit_rename(app, false, 1, "Orders", NULL));
    app_frame(app);
    assert_true(app->view.nodes[1].measured);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    app_frame(app);
    assert_string_equal(app->model->nodes[1].id, "service");
    assert_true(app->view.nodes[1].measured);
    app_test_key(app, SDLK_y, KMOD_CTRL);
    app_frame(app);
    assert_string_equal(app->model->nodes[1].id, "orders_api");
    /* a new Service takes the id "service": the run's figures stay with Orders API */
    place(app, NODE_SERVICE);
    assert_string_equal(app->model->nodes[2].id, "service");
    app_frame(app);
    assert_true(app->view.nodes[1].measured);
    assert_false(app->view.nodes[2].measured);
    /* an id typed in the inspector is followed too */
    assert_true(edit_set_node_id(app, 1, "orders"));
    app_frame(app);
    assert_true(app->view.nodes[1].measured);
    assert_int_equal(app_result_node(app, "service"), 1);
    /* the next run names it by its id then: nothing left to follow */
    run_to_end(app);
    assert_false(app_ids_changed_since_run(app));
    assert_true(app->view.nodes[1].measured);
    app_destroy(app);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(a_url_shortener_from_a_blank_board_to_a_pass, setup),
        cmocka_unit_test_setup(a_board_saved_before_its_first_edge_opens_again_as_it_was, setup),
        cmocka_unit_test_setup(each_problem_says_where_it_is, setup),
        cmocka_unit_test_setup(a_zero_that_means_none_says_so, setup),
        cmocka_unit_test_setup(save_as_proposes_the_titles_name, setup),
        cmocka_unit_test_setup(a_sheet_is_written_in_the_app, setup),
        cmocka_unit_test_setup(no_traffic_cannot_run_and_says_why, setup),
        cmocka_unit_test_setup(a_run_without_requirements_is_never_a_pass, setup),
        cmocka_unit_test_setup(renames_follow_and_removals_ask_first, setup),
        cmocka_unit_test_setup(a_modelling_check_shows_and_fixes_in_one_click, setup),
        cmocka_unit_test_setup(the_path_of_a_type_and_what_a_cache_does_with_it, setup),
        cmocka_unit_test_setup(the_right_click_menu_adds_shows_paths_and_deletes, setup),
        cmocka_unit_test_setup(a_rename_after_a_run_keeps_the_figures, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
