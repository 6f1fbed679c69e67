/*
 * test_gui_run.c - simulations from the app on SDL's offscreen driver: a run of a
 * preset gives the same JSON report as archsim-cli for the same file and seed; Cancel
 * leaves the board as it was; frames keep coming while the worker runs; the overlay
 * colours follow utilisation; the run settings are saved with the diagram and undoable; a
 * long run shows its charts filling in.
 * Runs are kept short (a few simulated seconds of the Instagram preset).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dirent.h>

#include "app.h"
#include "gui_test.h"
#include "sim/numfmt.h"
#include "sim/report.h"
#include "sim/util.h"

#define INSTAGRAM ARCHSIM_SOURCE_DIR "/scenarios/instagram-feed.json"

static App *open_app_sized(const char *file, int width, int height)
{
    AppConfig cfg = {.width = width, .height = height, .file = file, .autosave_ms = -1, .hidden = true,
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json")};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    return app;
}

static App *open_app(const char *file) { return open_app_sized(file, 1280, 800); }

/* A design written out as `name` in the tests' folder, opened. */
static App *open_json(const char *json, const char *name)
{
    const char *path = gui_test_file(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
    return open_app(path);
}

/* Frames until the run ends; returns the number of frames drawn meanwhile. */
static int wait_run(App *app)
{
    int frames = 0;
    for (int k = 0; k < 100000 && run_active(app); k++) {
        app_frame(app);
        frames++;
        SDL_Delay(2);
    }
    assert_false(run_active(app));
    return frames;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = xmalloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = 0;
    fclose(f);
    return s;
}

static void short_run_settings(App *app, double duration_s, double warmup_s, uint64_t seed)
{
    Command c;
    cmd_init(&c, "Run settings");
    cmd_run_set(&c, app->model, duration_s, warmup_s, seed, app->model->meta_json);
    app_commit(app, &c);
}

static void app_run_gives_the_cli_report_byte_for_byte(void **state)
{
    (void)state;
    App *app = open_app(INSTAGRAM);
    short_run_settings(app, 3, 1, 11);
    app_test_key(app, SDLK_F5, 0);
    assert_true(run_active(app));
    wait_run(app);
    assert_non_null(app->res);
    char *mine = report_json(app->res_model, app->res);
    char out[128];
    snprintf(out, sizeof out, "/tmp/archsim-gui-run-%d.json", (int)getpid());
    /* The app traces the first request type; so does the CLI here. */
    char *cmd = xasprintf("'%s' run '%s' --duration 3 --warmup 1 --seed 11 --trace %s --quiet --json '%s'",
                          ARCHSIM_CLI, INSTAGRAM, app->model->scenario.requests[0].name, out);
    int rc = system(cmd);
    (void)rc; /* non-zero when a requirement fails; the report is written anyway */
    char *cli = read_all(out);
    assert_non_null(cli);
    assert_string_equal(mine, cli);
    /* The status bar says what was measured and what the warm-up added. */
    assert_non_null(strstr(app->msg, "Run done: 3 s measured after a 1 s warm-up, simulated in "));
    /* What the drawer shows is that summary: the first type's p99 is in it. */
    assert_true(app->drawer_h > 0);
    assert_true(app->res->mean->types[0][TF_P99_MS] > 0);
    unlink(out);
    free(cmd);
    free(cli);
    free(mine);
    app_destroy(app);
}

static void cancel_mid_run_leaves_the_board_as_it_was(void **state)
{
    (void)state;
    App *app = open_app(INSTAGRAM);
    short_run_settings(app, 2, 0.5, 3);
    assert_true(run_start(app));
    wait_run(app);
    assert_non_null(app->res);
    Summary *before = app->res;
    unsigned version = app->version;
    /* A long run, cancelled once it is under way. */
    short_run_settings(app, 120, 1, 3);
    version = app->version;
    assert_true(run_start(app));
    for (int k = 0; k < 20000 && app->run_progress < 0.005; k++) {
        app_frame(app);
        SDL_Delay(1);
    }
    app_test_click(app, 0, 0); /* harmless input while running */
    run_cancel(app);
    int frames = wait_run(app);
    assert_true(frames < 5000);
    assert_ptr_equal(app->res, before); /* the previous results are still shown */
    assert_null(app->prev);
    assert_int_equal(app->version, version);
    assert_null(app->job);
    app_destroy(app);
}

static void frames_keep_coming_while_the_worker_runs(void **state)
{
    (void)state;
    App *app = open_app(INSTAGRAM);
    short_run_settings(app, 120, 1, 5);
    assert_true(run_start(app));
    uint64_t f0 = app->frames;
    uint64_t t0 = SDL_GetPerformanceCounter(), freq = SDL_GetPerformanceFrequency();
    double worst = 0;
    for (int k = 0; k < 30; k++) {
        uint64_t a = SDL_GetPerformanceCounter();
        app_frame(app);
        double ms = 1000.0 * (double)(SDL_GetPerformanceCounter() - a) / (double)freq;
        if (ms > worst) worst = ms;
    }
    double total_s = (double)(SDL_GetPerformanceCounter() - t0) / (double)freq;
    assert_true(run_active(app)); /* still running: the frames did not wait for it */
    assert_int_equal(app->frames - f0, 30);
    assert_true(total_s < 10);
    fprintf(stderr, "30 frames during a run in %.2f s, worst %.1f ms\n", total_s, worst);
    run_cancel(app);
    wait_run(app);
    assert_null(app->res);
    app_destroy(app);
}

/* A run that goes on for more than a second shows its charts filling in: the drawer
 * opens on the charts with the series rows finished so far, more of them later; when the
 * run ends the live rows give way to the results (or, cancelled, the drawer closes). */
static void long_run_shows_its_charts_filling_in(void **state)
{
    (void)state;
    App *app = open_app(INSTAGRAM);
    short_run_settings(app, 600, 1, 5);
    assert_true(app->drawer_h <= 0);
    assert_true(run_start(app));
    uint32_t t0 = SDL_GetTicks();
    while (!app->live && SDL_GetTicks() - t0 < 60000 && run_active(app)) {
        app_frame(app);
        SDL_Delay(5);
    }
    assert_true(run_active(app));
    assert_non_null(app->live);
    assert_null(app->res);
    assert_true(app->drawer_h > 0);
    assert_int_equal(app->drawer_tab, TAB_CHARTS);
    int rows = app->live->mean->n_seconds;
    assert_true(rows >= 1);
    /* the rows are the run's own: requests went through in the first second */
    assert_true(results_type_series(app->live->mean, 0, 0)[TS_THROUGHPUT_RPS] > 0);
    app_frame(app);
    assert_true(app_screenshot(app, "gui-run-live-charts.png"));
    uint32_t t1 = SDL_GetTicks();
    while (app->live && app->live->mean->n_seconds <= rows && SDL_GetTicks() - t1 < 60000) {
        app_frame(app);
        SDL_Delay(5);
    }
    assert_non_null(app->live);
    fprintf(stderr, "live rows %d, then %d\n", rows, app->live->mean->n_seconds);
    assert_true(app->live->mean->n_seconds > rows); /* filling in */
    run_cancel(app);
    wait_run(app);
    assert_null(app->live);
    assert_null(app->res);
    assert_true(app->drawer_h <= 0); /* cancelled: the board as it was */
    app_destroy(app);
}

static void overlay_colours_follow_utilisation(void **state)
{
    (void)state;
    App *app = open_app(INSTAGRAM);
    /* Before any run: predicted utilisation on every non-client node. */
    app_frame(app);
    assert_true(app->est_valid);
    assert_int_equal(app->est.n_nodes, app->model->n_nodes);
    short_run_settings(app, 2, 0.5, 9);
    assert_true(run_start(app));
    wait_run(app);
    app_frame(app);
    const Results *r = app->res->mean;
    int checked = 0;
    for (int i = 0; i < app->model->n_nodes; i++) {
        if (app->model->nodes[i].kind == NODE_CLIENT) continue;
        const NodeView *v = &app->view.nodes[i];
        assert_true(v->measured);
        double u = r->nodes[v->res][NF_UTILISATION];
        Color want = run_util_color(u), got = app->view.border[i];
        assert_memory_equal(&want, &got, sizeof want);
        checked++;
    }
    assert_true(checked > 2);
    Color lo = run_util_color(0.3), mid = run_util_color(0.7), hi = run_util_color(0.9);
    assert_memory_not_equal(&lo, &mid, sizeof lo);
    assert_memory_not_equal(&mid, &hi, sizeof lo);
    /* Overload a node: the estimate flags it at once. */
    int svc = -1;
    for (int i = 0; i < app->model->n_nodes && svc < 0; i++)
        if (app->model->nodes[i].kind == NODE_SERVICE) svc = i;
    assert_true(svc >= 0);
    Node n;
    node_copy(&n, &app->model->nodes[svc]);
    n.instances = 1;
    n.workers = 1;
    edit_set_node(app, svc, &n, "Shrink");
    node_free(&n);
    app_frame(app);
    assert_true(app->est.nodes[svc].over_capacity);
    app_destroy(app);
}

/* A client's badge after a run says what it sent, answered or not, as before the run:
 * the sync-vs-async starter's browsers send 1,100 requests a second into a queue that
 * fills for the first 6 s measured; the badge said 921 rps (those answered). */
static void a_clients_badge_gives_what_it_sent(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/sync-vs-async.json");
    app_frame(app);
    int users = model_find_node(app->model, "users");
    assert_true(users >= 0 && app->model->nodes[users].kind == NODE_CLIENT);
    double before = app->view.nodes[users].rate_rps;
    assert_true(fabs(before - 1100) < 1e-6);
    assert_true(run_start(app));
    wait_run(app);
    app_frame(app);
    const NodeView *v = &app->view.nodes[users];
    assert_true(v->measured);
    fprintf(stderr, "users: %.1f rps before the run, %.1f after\n", before, v->rate_rps);
    assert_true(fabs(v->rate_rps - 1100) < 0.03 * 1100); /* Poisson arrivals over 30 s */
    app_test_log_texts(app, true);
    app_frame(app);
    bool badge = false; /* the board's badges are in the drawn-text log */
    for (int i = 0; app_test_drawn_text(app, i); i++) badge |= strcmp(app_test_drawn_text(app, i), "1.1k rps") == 0;
    assert_true(badge);
    app_destroy(app);
}

static void run_settings_are_saved_in_the_diagram_and_undoable(void **state)
{
    (void)state;
    char *meta = run_meta_with_replications(NULL, 3);
    assert_string_equal(meta, "{\"archsim_app\":{\"replications\":3}}");
    char *kept = run_meta_with_replications("{\"other\":1}", 4);
    assert_string_equal(kept, "{\"other\":1,\"archsim_app\":{\"replications\":4}}");
    char *none = run_meta_with_replications(meta, 1);
    assert_null(none);
    App *app = open_app(INSTAGRAM);
    run_settings_open(app);
    assert_int_equal(app->modal, MODAL_RUN_SETTINGS);
    snprintf(app->rs_text[0], sizeof app->rs_text[0], "12");
    snprintf(app->rs_text[3], sizeof app->rs_text[3], "3");
    app_frame(app);
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_true(app->model->scenario.duration_s == 12);
    assert_int_equal(run_replications(app->model), 3);
    app_undo(app);
    assert_true(app->model->scenario.duration_s == 60);
    assert_int_equal(run_replications(app->model), 1);
    free(meta);
    free(kept);
    app_destroy(app);
}

static void drawer_tabs_draw_tables_charts_and_the_trace(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/tests/data/gui/twitter-overloaded.json");
    short_run_settings(app, 1, 0.5, 42);
    assert_true(sel_node_by_id(app, "fanout_workers"));
    assert_true(run_start(app));
    wait_run(app);
    assert_non_null(app->res);
    assert_true(app->res->mean->n_trace > 0); /* the first type was traced */
    static const char *names[] = {"gui-run-requests.png", "gui-run-nodes.png", "gui-run-charts.png",
                                  "gui-run-trace.png", "gui-run-requirements.png", "gui-run-estimates.png",
                                  "gui-run-sweep.png", "gui-run-compare.png"};
    app_test_log_texts(app, true);
    for (int k = 0; k < TAB_COUNT; k++) {
        app->drawer_tab = (DrawerTab)k;
        app_frame(app);
        app_frame(app);
        assert_true(app_screenshot(app, names[k]));
        if (k == TAB_CHARTS) { /* the fan-out workers' own queue stays empty: the backlog
                                  of the queue that feeds them is charted beside it */
            char want[200];
            snprintf(want, sizeof want, "backlog of %s",
                     node_label_shown(&app->model->nodes[model_find_node(app->model, "fanout_q")]));
            assert_true(app_test_text_drawn(app, want));
        }
    }
    /* Sorting the node table by a column twice flips the order. */
    app->drawer_tab = TAB_NODES;
    app->node_sort = 1;
    app->node_sort_desc = true;
    app_frame(app);
    /* It lists the nodes that serve, as the CLI does: a client's row (0 rps served) would
     * contradict what the board says it sends. A row selects its node. */
    int client = model_find_node(app->res_model, "users"), api = model_find_node(app->res_model, "timeline_api");
    assert_true(client >= 0 && api >= 0);
    assert_false(app_test_click_widget(app, "nt-row", client));
    assert_true(app_test_click_widget(app, "nt-row", api));
    assert_int_equal(sel_single_node(app), model_find_node(app->model, "timeline_api"));
    /* Sorted by the node column, the rows go by the names they show (labels), not ids, as
     * a person sorts them: the balancer's label is made to sort last but one, its id "lb"
     * sorts third; "БД" after "Балансировщик", case aside (a byte compare put it first). */
    Node *lbn = &app->model->nodes[model_find_node(app->model, "lb")];
    free(lbn->label);
    lbn->label = xstrdup("Балансировщик");
    Node *dbn = &app->model->nodes[model_find_node(app->model, "tweets_db")];
    free(dbn->label);
    dbn->label = xstrdup("БД твитов");
    app->version++; /* relabelled on the board: the table names the run's nodes as the board does */
    app->node_sort = 0;
    app->node_sort_desc = false;
    app_frame(app);
    const char *prev = NULL;
    float prev_y = -1;
    for (int pass = 0; pass < app->res_model->n_nodes; pass++) { /* the rows top down */
        int next = -1;
        float best = 1e9f;
        for (int i = 0; i < app->res_model->n_nodes; i++) {
            Rect rc;
            if (ui_widget_rect(&app->ui, ui_idn("nt-row", i), &rc) && rc.y > prev_y && rc.y < best) {
                best = rc.y;
                next = i;
            }
        }
        if (next < 0) break;
        const Node *n = &app->model->nodes[model_find_node(app->model, app->res_model->nodes[next].id)];
        const char *name = n->label && *n->label ? n->label : n->id;
        if (prev) assert_true(utf8_collate(prev, name) <= 0);
        prev = name;
        prev_y = best;
    }
    assert_string_equal(prev, "БД твитов"); /* the last row */
    /* The trace of a read says its time end to end (no async work) */
    app->drawer_tab = TAB_TRACE;
    app_frame(app);
    assert_true(app_test_text_drawn(app, " end to end"));
    assert_false(app_test_text_drawn(app, "async until"));
    /* the figure at a hop's right says what it is, on hover */
    app_test_log_texts(app, true);
    app_frame(app);
    Rect at, own = {0};
    float drawer_y = app->canvas_rc.y + app->canvas_rc.h;
    for (int i = 0; app_test_drawn_text_at(app, i, &at); i++) {
        const char *txt = app_test_drawn_text(app, i);
        size_t len = strlen(txt);
        if (at.y > drawer_y + 60 && at.x > app->canvas_rc.x + app->canvas_rc.w - 80 && len > 3 &&
            strcmp(txt + len - 3, " ms") == 0 && own.w == 0)
            own = at;
    }
    app_test_log_texts(app, false);
    assert_true(own.w > 0);
    app_test_log_texts(app, true);
    app_test_mouse_move(app, own.x + own.w / 2, own.y + own.h / 2);
    app_frame(app);
    bool told = false; /* tooltips are drawn last, straight to the renderer: its log has them */
    for (int i = 0; app_test_drawn_text(app, i); i++) told = told || strstr(app_test_drawn_text(app, i), "This hop's own time");
    app_test_log_texts(app, false);
    assert_true(told);
    app_test_mouse_move(app, 5, 5);
    /* Run again: the drawer compares with the previous run. */
    short_run_settings(app, 1, 0.5, 43);
    assert_true(run_start(app));
    wait_run(app);
    assert_non_null(app->prev);
    app->drawer_tab = TAB_REQUESTS;
    app_frame(app);
    assert_true(app_screenshot(app, "gui-run-again.png"));
    /* The charts draw the previous run's curves, dashed, beside this run's. */
    gui_test_tab(app, TAB_CHARTS);
    assert_true(app_screenshot(app, "gui-run-again-charts.png"));
    assert_true(app_test_text_drawn(app, "dashed: previous run"));
    /* The Requirements tab gives each requirement's figure before this run too. */
    gui_test_tab(app, TAB_GRADE);
    assert_true(app_test_text_drawn(app, "before "));
    assert_true(app_screenshot(app, "gui-run-again-requirements.png"));
    app_destroy(app);
}

/* After a second run, a requirement the first run did not measure reads "before not
 * measured", not "before 0 ms" (an async p99 before the design had async work). */
static void a_figure_the_last_run_lacked_is_not_a_zero(void **state)
{
    (void)state;
    const char *json =
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":2,\"warmup_s\":0.5,\"seed\":3,"
        "\"requests\":[{\"name\":\"send\",\"rate_rps\":200}],"
        "\"requirements\":[{\"metric\":\"async_p99_ms\",\"request\":\"send\",\"max\":500}]},"
        "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},{\"id\":\"api\",\"kind\":\"service\"},"
        "{\"id\":\"fanout\",\"kind\":\"service\"}],"
        "\"edges\":[{\"from\":\"users\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"fanout\"}]}";
    App *app = open_json(json, "async-later.json");
    assert_true(run_start(app));
    wait_run(app);
    Edge after = app->model->edges[1];
    after.mode = EDGE_ASYNC;
    edit_set_edge(app, 1, &after, "async");
    assert_true(run_start(app));
    wait_run(app);
    assert_non_null(app->prev);
    gui_test_tab(app, TAB_GRADE);
    assert_true(app_test_text_drawn(app, "before not measured"));
    assert_false(app_test_text_drawn(app, "before 0 ms"));
    app_destroy(app);
}

/* A page view's trace in the mid-size web app: its answer comes back in about 50 ms, the
 * log line it wrote goes on to the log store for longer. The header tells them apart
 * instead of calling the later end the request's "end to end". */
static void a_trace_tells_the_answer_from_its_async_work(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/midsize-webapp.json");
    short_run_settings(app, 1, 0.5, 42);
    app->trace_type = 0;
    assert_true(run_start(app));
    wait_run(app);
    app->drawer_tab = TAB_TRACE;
    app_frame(app);
    assert_true(app_test_text_drawn(app, "answered in "));
    assert_true(app_test_text_drawn(app, " async until "));
    assert_false(app_test_text_drawn(app, " end to end"));
    app_destroy(app);
}

/* The Requests tab's requirement figures stand whole: "$1.01k / month" was cut to
 * "$1.01k / mon…" by a column of a fixed 100 px. */
static void requirement_figures_are_not_cut(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/zone-failure.json");
    short_run_settings(app, 1, 0.5, 42);
    assert_true(run_start(app));
    wait_run(app);
    app->drawer_tab = TAB_REQUESTS;
    app->ui.audit = true;
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_exact(app, "$1.01k / month"));
    for (int i = 0; i < app->ui.n_audit; i++)
        if (app->ui.audit_items[i].kind == UI_AUDIT_CUT) assert_null(strstr(app->ui.audit_items[i].text, "/ month"));
    app_destroy(app);
}

/* A pass on latency alone while a quarter of the requests fail is not congratulated: the
 * Requirements tab says how many failed and why instead of "Every requirement passes". */
static void a_pass_with_unlimited_errors_says_so(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/tests/data/gui/errors_ungraded.json");
    assert_true(run_start(app));
    wait_run(app);
    gui_test_tab(app, TAB_GRADE);
    assert_true(practice_grade(app)->pass);
    assert_true(app_test_text_drawn(app, "of requests failed"));
    assert_true(app_test_text_drawn(app, "node down"));
    assert_false(app_test_text_drawn(app, "Every requirement passes"));
    /* the header is not all green either: "1 of 1 pass · 25.2% failed" */
    assert_true(app_test_text_drawn(app, "1 of 1 pass \xC2\xB7 "));
    app_destroy(app);
}

/* A node's event tag ("⚡ 1 fails 15–25 s") sits above its badge where the badge went: the
 * Channel servers' badge, lifted a row off its neighbour's, was covered by its tag. No
 * tag's text overlaps a badge's, before a run and after. */
static void event_tags_never_cover_badges(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/chat-websocket.json");
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            short_run_settings(app, 2, 0.5, 7);
            assert_true(run_start(app));
            wait_run(app);
        }
        app_test_log_texts(app, true);
        app_frame(app);
        app_frame(app);
        Rect tags[16], t;
        int n_tags = 0, n_badges = 0;
        for (int i = 0; app_test_drawn_text_at(app, i, &t); i++)
            if (strstr(app_test_drawn_text(app, i), " fails ") && n_tags < 16) tags[n_tags++] = t;
        assert_true(n_tags >= 1);
        for (int i = 0; app_test_drawn_text_at(app, i, &t); i++) {
            const char *s = app_test_drawn_text(app, i);
            if (!(strstr(s, " rps") || strncmp(s, "est ", 4) == 0)) continue; /* a badge */
            n_badges++;
            for (int k = 0; k < n_tags; k++)
                if (rect_overlaps(t, tags[k])) fail_msg("pass %d: tag over badge \"%s\"", pass, s);
        }
        assert_true(n_badges >= 5);
    }
    app_destroy(app);
}

/* A badge wider than its node reaches over the node before it where nodes stand close (20
 * apart, each 30 lower: over its title and figures): it is lifted a row instead, so no
 * badge covers another node's words (its border or the strip above its title aside). */
static void badges_keep_off_the_neighbours_boxes(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/tests/data/gui/staircase.json");
    short_run_settings(app, 2, 0.5, 5);
    assert_true(run_start(app));
    wait_run(app);
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    Rect t;
    int n_badges = 0;
    float z = (float)app->cam.zoom;
    for (int i = 0; app_test_drawn_text_at(app, i, &t); i++) {
        const char *s = app_test_drawn_text(app, i);
        if (!strstr(s, " rps")) continue; /* a badge */
        n_badges++;
        int owners = 0;
        for (int k = 0; k < app->model->n_nodes; k++) {
            Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, app->model->nodes[k].x, app->model->nodes[k].y);
            Rect box = {a.x, a.y, NODE_W * z, NODE_H * z};
            float w = fminf(t.x + t.w, box.x + box.w) - fmaxf(t.x, box.x), h = fminf(t.y + t.h, box.y + box.h) - fmaxf(t.y, box.y);
            owners += w > 6 && h > 12 * z; /* its own node's top edge, and no other's words */
        }
        if (owners > 1) fail_msg("badge \"%s\" covers %d boxes", s, owners);
    }
    assert_int_equal(n_badges, 4);
    app_destroy(app);
}

/* A badge the board's edge would cut takes another spot: the chat starter's socket push
 * badge, wider than its box and kept off its neighbour's, reached off the board under the
 * inspector (it now goes a row up). */
static void badges_stay_on_the_board(void **state)
{
    (void)state;
    App *app = open_app_sized(ARCHSIM_SOURCE_DIR "/scenarios/starters/chat-websocket.json", 1440, 900);
    short_run_settings(app, 3, 1, 31);
    assert_true(run_start(app));
    wait_run(app);
    /* the board scrolled so that socket push's box ends just inside its right edge */
    app_frame(app);
    const Node *push = &app->model->nodes[model_find_node(app->model, "push")];
    app->cam.zoom = 0.77;
    app->cam.x = push->x + NODE_W - (app->canvas_rc.w - 12) / app->cam.zoom;
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    Rect t;
    int n_badges = 0;
    for (int i = 0; app_test_drawn_text_at(app, i, &t); i++) {
        const char *s = app_test_drawn_text(app, i);
        if (!strstr(s, " rps \xC2\xB7 p99")) continue; /* a badge */
        n_badges++;
        /* its words end inside its pill's padding: never at the board's edge (clipped there) */
        if (t.x + t.w > app->canvas_rc.x + app->canvas_rc.w - 4 || t.x < app->canvas_rc.x + 4)
            fail_msg("badge \"%s\" runs off the board (%.0f..%.0f, the board ends at %.0f)", s, t.x, t.x + t.w,
                     app->canvas_rc.x + app->canvas_rc.w);
    }
    assert_true(n_badges >= 5);
    app_destroy(app);
}

/* A design whose async cycle sends its traffic round again each lap has no predicted
 * figures: the board and the inspector say "unbounded" and why, not "62.5T%" or
 * "> 999T rps x200B per request". */
static void a_diverged_flow_reads_unbounded(void **state)
{
    (void)state;
    const char *json =
        "{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"send\",\"rate_rps\":500}]},"
        "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},{\"id\":\"a\",\"kind\":\"service\",\"label\":\"Gateway\"},"
        "{\"id\":\"b\",\"kind\":\"service\",\"label\":\"Channels\"}],"
        "\"edges\":[{\"from\":\"users\",\"to\":\"a\"},{\"from\":\"a\",\"to\":\"b\",\"mode\":\"async\"},"
        "{\"from\":\"b\",\"to\":\"a\",\"mode\":\"async\"}]}";
    App *app = open_json(json, "cycle.json");
    assert_false(app->est.converged);
    assert_true(sel_node_by_id(app, "a"));
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    bool badge = false, why = false, figure = false;
    for (int i = 0; app_test_drawn_text(app, i); i++) {
        const char *t = app_test_drawn_text(app, i);
        badge |= strstr(t, "est unbounded") != NULL;
        why |= strstr(t, "Over capacity: an async cycle") != NULL; /* the first words of its lines */
        figure |= strstr(t, "T%") != NULL || strstr(t, "999T") != NULL || strstr(t, "B per request") != NULL;
    }
    app_test_log_texts(app, false);
    assert_true(badge);
    assert_true(why);
    assert_false(figure);
    app_destroy(app);
}

/* A node's tooltip names it, then its kind and id only where they say more: "db ·
 * Database" for a node without a label (not "db · Database · id db"), "Database · id db"
 * for one labelled as its kind (not "Database · Database · id db"). */
static void a_tooltip_title_says_each_thing_once(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/tests/data/gui/errors_ungraded.json");
    int db = model_find_node(app->model, "db");
    static const char *const want[2] = {"db \xC2\xB7 Database", "Database \xC2\xB7 id db"};
    for (int k = 0; k < 2; k++) {
        if (k == 1) {
            app->model->nodes[db].label = xstrdup("Database");
            app->version++;
        }
        app_test_log_texts(app, true);
        app_test_hover_node(app, db);
        bool found = false;
        for (int i = 0; app_test_drawn_text(app, i); i++) found |= strcmp(app_test_drawn_text(app, i), want[k]) == 0;
        assert_true(found);
        app_test_mouse_move(app, 2, 2);
        app_frame(app);
    }
    app_destroy(app);
}

/* A node's tooltip predicts what its inspector does: what it answers of what comes, and
 * the wait and latency of what it answers. The URL shortener's database, over capacity:
 * "10k of 20.2k rps · wait 398 ms · latency 400 ms" (it said 20.2k rps, wait and latency
 * saturated, beside an inspector's 398 and 400 ms); the cache-sizing starter's cache, below
 * a backed-up service: 14.3k rps and 18 ms (it said saturated). */
static void a_tooltip_predicts_what_the_inspector_does(void **state)
{
    (void)state;
    static const struct {
        const char *file, *node, *want;
    } cases[] = {
        {"/scenarios/starters/url-shortener.json", "db",
         "predicted: utilisation 202% \xC2\xB7 10k of 20.2k rps \xC2\xB7 wait 398 ms \xC2\xB7 latency 400 ms"},
        {"/scenarios/starters/cache-sizing.json", "cache",
         "predicted: utilisation 14% \xC2\xB7 14.3k rps \xC2\xB7 wait 0.0017 ms \xC2\xB7 latency 18 ms"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char path[600];
        snprintf(path, sizeof path, "%s%s", ARCHSIM_SOURCE_DIR, cases[k].file);
        App *app = open_app(path);
        app_test_log_texts(app, true);
        app_test_hover_node(app, model_find_node(app->model, cases[k].node));
        bool found = false;
        for (int i = 0; app_test_drawn_text(app, i); i++) {
            const char *t = app_test_drawn_text(app, i);
            found |= strcmp(t, cases[k].want) == 0;
            if (strstr(t, "predicted:")) printf("    %s\n", t);
        }
        assert_true(found);
        app_destroy(app);
    }
}

/* Whether edge i's tooltip, as drawn, has a line with `want` in it. */
static bool edge_tip_has(App *app, int i, const char *want)
{
    app_frame(app);
    const EdgeRoute *r = &app->routes.r[i];
    Vec2 b = bezier_at(r->p, 0.35f);
    Vec2 s = cam_to_screen(&app->cam, app->canvas_rc, b.x, b.y);
    app_test_log_texts(app, true);
    app_test_mouse_move(app, s.x, s.y);
    app_frame(app);
    assert_int_equal(app->hover_edge, i);
    bool found = false;
    for (int k = 0; app_test_drawn_text(app, k); k++) found |= strstr(app_test_drawn_text(app, k), want) != NULL;
    app_test_log_texts(app, false);
    app_test_mouse_move(app, 2, 2);
    app_frame(app);
    return found;
}

/* An edge's tooltip says what its figure is: before a run the estimate's; after it the
 * calls the run measured on the edge, and the split by request type, which a run does not
 * measure per edge, the estimate's (it said "predicted split of the measured load" over
 * a split that did not add up to the load). */
static void an_edges_tooltip_says_what_is_measured(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/url-shortener.json");
    int e = -1;
    for (int k = 0; k < app->model->n_edges; k++)
        if (strcmp(app->model->edges[k].from, "api") == 0 && strcmp(app->model->edges[k].to, "db") == 0) e = k;
    assert_true(e >= 0);
    assert_true(edge_tip_has(app, e, "calls/s (predicted)"));
    assert_true(edge_tip_has(app, e, "carries: redirect"));
    short_run_settings(app, 2, 1, 3);
    assert_true(run_start(app));
    wait_run(app);
    assert_non_null(app->res);
    char want[64], rate[NUMFMT_CAP];
    snprintf(want, sizeof want, "%s calls/s (measured)", numfmt_count(app->res->mean->edges[e][EF_RATE_RPS], rate, sizeof rate));
    assert_true(edge_tip_has(app, e, want));
    assert_true(edge_tip_has(app, e, "carries (predicted): redirect"));
    assert_false(edge_tip_has(app, e, "split of the measured"));
    app_destroy(app);
}

/* An autoscaled design's cost, as the board states it, is its fresh run's (the nodes at
 * their mean instances), as the grade judges its budget: the header, the scenario panel
 * and the Requirements tab said $758 (its starting instances) beside a requirement
 * "at the run's average servers" the grade measured at $1,050. An edit makes the run
 * stale and the design's own cost is back. */
static void an_autoscaled_cost_is_the_runs_as_the_grade_has_it(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/flash-sale.json");
    double start = model_cost_per_month_usd(app->model);
    bool of_run = true;
    assert_true(app_cost_per_month(app, &of_run) == start && !of_run);
    short_run_settings(app, 400, 0, 7); /* the sale's surges end at 480 s: the autoscaler has scaled */
    assert_true(run_start(app));
    wait_run(app);
    app->drawer_tab = TAB_GRADE;
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    double cost = app_cost_per_month(app, &of_run);
    assert_true(of_run);
    assert_true(cost == results_cost_per_month_usd(app->res_model, app->res->mean));
    assert_true(cost > start * 1.05);
    const Grade *g = practice_grade(app);
    const Verdict *v = &g->items[2].verdict; /* the budget */
    assert_true(fabs(v->value - cost) < 1e-9);
    char want[64], num[32];
    fmt_metric(METRIC_COST_PER_MONTH_USD, cost, want, sizeof want);
    assert_true(app_test_text_exact(app, want)); /* the requirement's row */
    fmt_num(cost, num, sizeof num);
    snprintf(want, sizeof want, "$%s / month", num);
    assert_true(app_test_text_exact(app, want)); /* the header */
    /* an edit: the design's own cost again */
    app->model->nodes[0].x += 20;
    app->version++;
    assert_true(app_cost_per_month(app, &of_run) == start && !of_run);
    app_destroy(app);
}

/* All the work of a second at one instant (a fan-out of two million calls over edges that
 * take no time): Cancel still answers at once, since the engine looks at the flag every
 * few thousand events, not when simulated time moves on. */
static void cancel_answers_at_once_when_the_work_piles_up_at_one_instant(void **state)
{
    (void)state;
    const char *json =
        "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 600, \"warmup_s\": 0,"
        " \"requests\": [{\"name\": \"burst\", \"rate_rps\": 1, \"arrival\": \"constant\"}]},"
        " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        "  {\"id\": \"a\", \"kind\": \"service\", \"service_ms\": 0, \"io\": \"async\", \"max_inflight\": 100000},"
        "  {\"id\": \"b\", \"kind\": \"service\", \"service_ms\": 0, \"workers\": 1000}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"a\", \"latency_ms\": 0},"
        "  {\"from\": \"a\", \"to\": \"b\", \"latency_ms\": 0, \"mode\": \"async\", \"fanout\": 2000000}]}";
    App *app = open_json(json, "burst.json");
    assert_non_null(app->path);
    assert_true(run_start(app));
    for (int k = 0; k < 2000 && app->run_progress <= 0; k++) {
        app_frame(app);
        SDL_Delay(1);
    }
    SDL_Delay(100); /* deep in a burst */
    uint64_t t0 = SDL_GetPerformanceCounter();
    run_cancel(app);
    wait_run(app);
    double s = (double)(SDL_GetPerformanceCounter() - t0) / (double)SDL_GetPerformanceFrequency();
    fprintf(stderr, "cancel answered in %.3f s\n", s);
    assert_true(s < 2.0); /* a generous bound: it answers in milliseconds */
    assert_null(app->res);
    app_destroy(app);
}

/* A design of `rate_rps` reads through one service, run for `duration_s` (written to
 * path). */
static void write_plain(const char *path, double rate_rps, double duration_s)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": %.0f, \"warmup_s\": 0,"
            " \"requests\": [{\"name\": \"read\", \"rate_rps\": %.0f}]},"
            " \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
            "  {\"id\": \"a\", \"kind\": \"service\", \"service_ms\": 1, \"workers\": 1000}],"
            " \"edges\": [{\"from\": \"u\", \"to\": \"a\", \"latency_ms\": 1}]}",
            duration_s, rate_rps);
    fclose(f);
}

/* The app says how long a run will take before it starts, as archsim-cli run does: a
 * run of more than a minute says so in the status bar, one of more than an hour asks
 * first ("Run anyway"), and the bar counts down what is left. */
static void long_runs_say_how_long_and_endless_ones_ask_first(void **state)
{
    (void)state;
    const char *path = "/tmp/archsim-gui-run-long.json";
    /* 100k requests/s for 10^6 s: about 10^11 requests, far past an hour. */
    write_plain(path, 100000, 1000000);
    App *app = open_app(path);
    assert_false(run_start(app));
    assert_false(run_active(app));
    assert_int_equal(app->modal, MODAL_CONFIRM);
    assert_true(app->confirm_run);
    fprintf(stderr, "asked: %s\n  %s\n", app->confirm_title, app->confirm_text);
    assert_non_null(strstr(app->confirm_title, "This run would take about"));
    assert_non_null(strstr(app->confirm_text, "billion events (1 replication of 1,000,000 simulated seconds)"));
    app_frame(app);
    assert_true(app_test_text_drawn(app, "Run anyway"));
    assert_true(app_screenshot(app, "gui-run-long-ask.png"));
    app_test_key(app, SDLK_ESCAPE, 0); /* Cancel: nothing runs */
    app_frame(app);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_false(run_active(app));
    /* F5 asks again; Enter runs it anyway, and Cancel still stops it at once. */
    app_test_key(app, SDLK_F5, 0);
    app_frame(app);
    assert_int_equal(app->modal, MODAL_CONFIRM);
    app_test_key(app, SDLK_RETURN, 0);
    app_frame(app);
    assert_int_equal(app->modal, MODAL_NONE);
    assert_true(run_active(app));
    assert_non_null(strstr(app->msg, "Running: about"));
    run_cancel(app);
    wait_run(app);
    assert_null(app->res);
    app_destroy(app);

    /* 100k requests/s for 30,000 s: minutes, not hours. It starts at once and says how long. */
    write_plain(path, 100000, 30000);
    app = open_app(path);
    assert_true(run_start(app));
    fprintf(stderr, "status: %s\n", app->msg);
    assert_non_null(strstr(app->msg, "min on this machine ("));
    assert_non_null(strstr(app->msg, "Cancel stops it at once"));
    run_cancel(app);
    wait_run(app);
    app_destroy(app);

    /* A short run says nothing of the kind. */
    write_plain(path, 1000, 10);
    app = open_app(path);
    assert_true(run_start(app));
    assert_null(strstr(app->msg, "on this machine"));
    wait_run(app);
    assert_non_null(app->res);
    app_destroy(app);
    unlink(path);
}

/* Issue 11's models on the board: a key-model cache says what shapes its hit ratio and,
 * after a run, the ratio that emerged; a partitioned queue its partitions and its
 * consumer lag; the Charts tab follows them over time. */
static void caches_and_queues_show_what_their_models_add(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/cache-restart.json");
    char sub[200];
    node_subtitle(app->model, &app->model->nodes[model_find_node(app->model, "cache")], sub, sizeof sub);
    fprintf(stderr, "cache subtitle: %s\n", sub);
    assert_non_null(strstr(sub, "LRU 20k keys"));
    assert_null(strstr(sub, "hit 90%")); /* hit_ratio is not what it uses */
    /* each write policy is named as the inspector names it (write-through once read
     * ")write-through": a mangled catalogue mark) */
    Node *cn = &app->model->nodes[model_find_node(app->model, "cache")];
    WritePolicy kept = cn->write_policy;
    const char *const policies[] = {"write-through", "write-around", "write-back"};
    for (int p = 0; p < 3; p++) {
        cn->write_policy = (WritePolicy)(WRITE_THROUGH + p);
        node_subtitle(app->model, cn, sub, sizeof sub);
        assert_non_null(strstr(sub, policies[p]));
        assert_null(strstr(sub, ")"));
    }
    cn->write_policy = WRITE_LOCAL;
    node_subtitle(app->model, cn, sub, sizeof sub);
    assert_null(strstr(sub, "write"));
    cn->write_policy = kept;
    short_run_settings(app, 20, 5, 21);
    assert_true(run_start(app));
    wait_run(app);
    assert_non_null(app->res);
    drawer_show(app, TAB_CHARTS);
    assert_true(sel_node_by_id(app, "cache"));
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "hit ratio of Redis"));
    assert_true(app_test_text_drawn(app, "misses peak ")); /* the storm's second, marked */
    /* The inspector's words give the ratio the run measured, not hit_ratio's 90%. */
    assert_true(app_test_text_drawn(app, "answered here"));
    assert_false(app_test_text_drawn(app, "90% answered here"));
    assert_true(app_screenshot(app, "gui-run-cache.png"));
    app_destroy(app);

    app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/kafka-partitions.json");
    int q = -1;
    for (int i = 0; i < app->model->n_nodes; i++)
        if (app->model->nodes[i].kind == NODE_QUEUE && app->model->nodes[i].partitions > 0) q = i;
    assert_true(q >= 0);
    node_subtitle(app->model, &app->model->nodes[q], sub, sizeof sub);
    assert_string_equal(sub, "32 partitions \xC2\xB7 3 brokers");
    short_run_settings(app, 10, 2, 41);
    assert_true(run_start(app));
    wait_run(app);
    drawer_show(app, TAB_CHARTS);
    assert_true(sel_node_by_id(app, app->model->nodes[q].id));
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "consumer lag of"));
    /* The inspector explains what partitions and redelivery do here. */
    assert_true(app_test_text_drawn(app, "32 partitions:"));
    assert_true(app_test_text_drawn(app, "A delivery that fails"));
    /* The Nodes tab's queue column gives the queue node's backlog, the messages its
     * consumers have yet to take (the column read 0 beside every other node's 0), and its
     * tooltip the backlog's most and end, as the CLI's notes do. */
    drawer_show(app, TAB_NODES);
    app_test_log_texts(app, true);
    app_frame(app);
    const double *f = app->res->mean->nodes[q];
    assert_true(f[NF_MEAN_BACKLOG] >= 1 && f[NF_MEAN_QUEUE] < 0.5);
    char backlog[NUMFMT_CAP], most[NUMFMT_CAP], tip[200];
    numfmt_count(f[NF_MEAN_BACKLOG], backlog, sizeof backlog);
    Rect at = {0}, r;
    bool found = false;
    for (int k = 0; app_test_drawn_text_at(app, k, &r) && !found; k++)
        if (strcmp(app_test_drawn_text_at(app, k, &r), backlog) == 0 && r.y > app->canvas_rc.y + app->canvas_rc.h &&
            r.x < app->inspector_rc.x) {
            found = true; /* in the drawer */
            at = r;
        }
    assert_true(found);
    app_test_mouse_move(app, at.x + at.w / 2, at.y + at.h / 2);
    app_frame(app);
    snprintf(tip, sizeof tip, "time average: %s (at most %s,", backlog,
             numfmt_grouped(f[NF_MAX_BACKLOG], ",", most, sizeof most));
    assert_non_null(strstr(app->fit_tip, tip));
    app_destroy(app);
}

/* A database whose primary fails at 6 s for 10 s, with failover_s; its charts. */
static App *run_failover(const char *path, double failover_s, const char *label)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":20,\"warmup_s\":2,\"seed\":3,"
            "\"requests\":[{\"name\":\"read\",\"rate_rps\":500},{\"name\":\"write\",\"rate_rps\":50,"
            "\"op\":\"write\"}],\"events\":[{\"at_s\":6,\"action\":\"fail\",\"node\":\"db\","
            "\"role\":\"primary\",\"for_s\":10%s%s%s}]},"
            "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"db\",\"kind\":\"database\","
            "\"read_replicas\":2,\"failover_s\":%g}],\"edges\":[{\"from\":\"u\",\"to\":\"db\"}]}",
            label ? ",\"label\":\"" : "", label ? label : "", label ? "\"" : "", failover_s);
    fclose(f);
    App *app = open_app(path);
    assert_true(run_start(app));
    wait_run(app);
    assert_non_null(app->res);
    drawer_show(app, TAB_CHARTS);
    app_frame(app);
    app_frame(app);
    return app;
}

/* After a run that ended before a scenario event began, the event's tag on its node says
 * so: the run tested nothing of it (the CLI's report says the same). */
static void an_event_the_run_never_reached_says_so(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/db-read-scaling.json");
    int pg = model_find_node(app->model, "pg");
    assert_true(pg >= 0);
    char t[300];
    assert_true(overlay_event_text(app, pg, t, sizeof t) > 0);
    assert_null(strstr(t, "not reached")); /* no run yet */
    short_run_settings(app, 2, 1, 5); /* ends at 3 s; the replica dies at 15 s */
    assert_true(run_start(app));
    wait_run(app);
    app_frame(app);
    overlay_event_text(app, pg, t, sizeof t);
    assert_non_null(strstr(t, "1 replica fails 15\xE2\x80\x93" "25 s (not reached)"));
    short_run_settings(app, 15, 1, 5); /* ends at 16 s: under way */
    assert_true(run_start(app));
    wait_run(app);
    app_frame(app);
    overlay_event_text(app, pg, t, sizeof t);
    assert_null(strstr(t, "not reached"));
    assert_non_null(strstr(t, "1 replica fails 15\xE2\x80\x93" "25 s"));
    app_destroy(app);
}

/* A db-read-scaling board (path): its Postgres's event tag into tag, then 16 s run, the
 * replica's failure under way at the end, with the charts shown. */
static App *run_db_scaling(const char *path, char *tag, size_t cap)
{
    App *app = open_app(path);
    int pg = model_find_node(app->model, "pg");
    assert_true(pg >= 0);
    assert_true(overlay_event_text(app, pg, tag, cap) > 0);
    short_run_settings(app, 15, 1, 5);
    assert_true(run_start(app));
    wait_run(app);
    drawer_show(app, TAB_CHARTS);
    app_frame(app);
    app_frame(app);
    return app;
}

/* The db-read-scaling starter's Postgres has no read replicas: its scenario's "a read
 * replica dies" changes nothing. Its tag on the node and its mark on the charts say so,
 * so that the latency's climb under the mark is not read as its doing. */
static void an_event_that_changes_nothing_says_so(void **state)
{
    (void)state;
    char t[300];
    App *app = run_db_scaling(ARCHSIM_SOURCE_DIR "/scenarios/starters/db-read-scaling.json", t, sizeof t);
    assert_non_null(strstr(t, "1 replica fails 15\xE2\x80\x93" "25 s (no replicas yet)"));
    assert_true(app_test_text_drawn(app, "no effect: a read replica dies"));
    app_destroy(app);
    /* the preset's has replicas: an ordinary mark */
    app = run_db_scaling(ARCHSIM_SOURCE_DIR "/scenarios/db-read-scaling.json", t, sizeof t);
    assert_null(strstr(t, "no replicas"));
    assert_true(app_test_text_drawn(app, "a read replica dies"));
    assert_false(app_test_text_drawn(app, "no effect"));
    app_destroy(app);
}

/* The charts mark the moment a replica took over from a failed primary, beside the
 * failure itself; not when the primary came back before the promotion was due. */
static void charts_mark_a_replica_promoted(void **state)
{
    (void)state;
    const char *path = "/tmp/archsim-gui-run-failover.json";
    App *app = run_failover(path, 4, "primary dies");
    assert_true(app_test_text_drawn(app, "primary dies"));
    assert_true(app_test_text_drawn(app, "replica promoted"));
    app_destroy(app);
    app = run_failover(path, 12, "primary dies"); /* past the 10 s the primary was down */
    assert_true(app_test_text_drawn(app, "primary dies"));
    assert_false(app_test_text_drawn(app, "replica promoted"));
    app_destroy(app);
    /* an event without a label says what happens, as the Scenario panel does, not only
     * where ("db") */
    app = run_failover(path, 4, NULL);
    assert_true(app_test_text_exact(app, "db: every primary fails")); /* which of its servers too */
    assert_false(app_test_text_exact(app, "db"));
    app_destroy(app);
    remove(path);
}

/* After a run the drawer opens and the board fits the diagram again: every node of every
 * preset lies clear of the "Show path of" picker over the board's top left and of the
 * legend and zoom bar along its bottom (at 1366 x 768 the midsize preset's bottom row
 * was fitted under the legend). */
static void a_fitted_board_keeps_its_nodes_clear_of_the_overlays(void **state)
{
    (void)state;
    DIR *d = opendir(ARCHSIM_SOURCE_DIR "/scenarios");
    assert_non_null(d);
    int checked = 0;
    for (struct dirent *de; (de = readdir(d));) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0) continue;
        char path[512];
        snprintf(path, sizeof path, "%s/scenarios/%s", ARCHSIM_SOURCE_DIR, de->d_name);
        AppConfig cfg = {.width = 1366, .height = 768, .file = path, .autosave_ms = -1, .hidden = true,
                         .no_recovery = true, .recovery_path = gui_test_file("recovery.json")};
        App *app = app_create(&cfg);
        assert_non_null(app);
        app_frame(app);
        short_run_settings(app, 1, 0.2, 7);
        assert_true(run_start(app));
        wait_run(app);
        app_frame(app);
        app_frame(app);
        assert_true(app->drawer_h > 0);
        Rect cv = app->canvas_rc;
        float z = (float)app->cam.zoom, legend_top = cv.y + cv.h - 44, picker_bottom = cv.y + 40;
        for (int i = 0; i < app->model->n_nodes; i++) {
            Vec2 c = app_test_node_center(app, i);
            Rect nr = {c.x - NODE_W * z / 2, c.y - NODE_H * z / 2, NODE_W * z, NODE_H * z};
            if (nr.y + nr.h > legend_top + 0.5f)
                fail_msg("%s: node %s ends at %.0f, under the legend from %.0f", de->d_name, app->model->nodes[i].id,
                         nr.y + nr.h, legend_top);
            if (nr.x < cv.x + 232 && nr.y < picker_bottom - 0.5f)
                fail_msg("%s: node %s starts at %.0f, under the path picker to %.0f", de->d_name,
                         app->model->nodes[i].id, nr.y, picker_bottom);
            checked++;
        }
        app_destroy(app);
    }
    closedir(d);
    assert_true(checked > 80);
}

/* Whether a drawn text containing `part` overlaps rect r; *seen counts those texts. */
static bool text_overlaps(const App *app, const char *part, Rect r, int *seen)
{
    Rect w;
    bool any = false;
    for (int i = 0; app_test_drawn_text_at(app, i, &w); i++) {
        if (!strstr(app_test_drawn_text_at(app, i, &w), part)) continue;
        (*seen)++;
        any |= r.x < w.x + w.w && w.x < r.x + r.w && r.y < w.y + w.h && w.y < r.y + r.h;
    }
    return any;
}

/* The rect of the first drawn text that contains `part`, false when none. */
static bool text_rect(const App *app, const char *part, Rect *out)
{
    Rect where;
    for (int i = 0; app_test_drawn_text_at(app, i, &where); i++)
        if (strstr(app_test_drawn_text_at(app, i, &where), part)) {
            *out = where;
            return true;
        }
    return false;
}

/* After a second run a chart says "dashed: previous run" at its plot's top right, and a
 * scenario event's label near there takes the row under it: the two were drawn one over
 * the other ("product launch: reads x2" at 15 s of 35). */
static void a_charts_event_label_keeps_clear_of_its_previous_run_note(void **state)
{
    (void)state;
    AppConfig cfg = {.width = 1440, .height = 900, .file = ARCHSIM_SOURCE_DIR "/scenarios/scale-api.json",
                     .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = gui_test_file("recovery.json")};
    App *app = app_create(&cfg); /* wide enough for the Requests tab's chart */
    assert_non_null(app);
    app_test_log_texts(app, true);
    for (int k = 0; k < 2; k++) {
        assert_true(run_start(app));
        wait_run(app);
    }
    assert_non_null(app->prev);
    const DrawerTab tabs[] = {TAB_REQUESTS, TAB_CHARTS};
    for (int t = 0; t < 2; t++) {
        drawer_show(app, tabs[t]);
        app_frame(app);
        app_frame(app);
        Rect note = {0, 0, 0, 0};
        int seen = 0;
        assert_true(text_rect(app, "dashed: previous run", &note));
        assert_false(text_overlaps(app, "product launch", note, &seen));
        assert_true(seen >= 2); /* the chart's label and the Scenario panel's line */
    }
    app_destroy(app);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(app_run_gives_the_cli_report_byte_for_byte),
        cmocka_unit_test(charts_mark_a_replica_promoted),
        cmocka_unit_test(an_event_the_run_never_reached_says_so),
        cmocka_unit_test(an_event_that_changes_nothing_says_so),
        cmocka_unit_test(a_fitted_board_keeps_its_nodes_clear_of_the_overlays),
        cmocka_unit_test(cancel_mid_run_leaves_the_board_as_it_was),
        cmocka_unit_test(cancel_answers_at_once_when_the_work_piles_up_at_one_instant),
        cmocka_unit_test(long_runs_say_how_long_and_endless_ones_ask_first),
        cmocka_unit_test(caches_and_queues_show_what_their_models_add),
        cmocka_unit_test(frames_keep_coming_while_the_worker_runs),
        cmocka_unit_test(long_run_shows_its_charts_filling_in),
        cmocka_unit_test(overlay_colours_follow_utilisation),
        cmocka_unit_test(a_clients_badge_gives_what_it_sent),
        cmocka_unit_test(run_settings_are_saved_in_the_diagram_and_undoable),
        cmocka_unit_test(drawer_tabs_draw_tables_charts_and_the_trace),
        cmocka_unit_test(a_trace_tells_the_answer_from_its_async_work),
        cmocka_unit_test(requirement_figures_are_not_cut),
        cmocka_unit_test(a_pass_with_unlimited_errors_says_so),
        cmocka_unit_test(event_tags_never_cover_badges),
        cmocka_unit_test(badges_keep_off_the_neighbours_boxes),
        cmocka_unit_test(badges_stay_on_the_board),
        cmocka_unit_test(a_diverged_flow_reads_unbounded),
        cmocka_unit_test(a_tooltip_title_says_each_thing_once),
        cmocka_unit_test(a_tooltip_predicts_what_the_inspector_does),
        cmocka_unit_test(an_edges_tooltip_says_what_is_measured),
        cmocka_unit_test(a_figure_the_last_run_lacked_is_not_a_zero),
        cmocka_unit_test(an_autoscaled_cost_is_the_runs_as_the_grade_has_it),
        cmocka_unit_test(a_charts_event_label_keeps_clear_of_its_previous_run_note),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
