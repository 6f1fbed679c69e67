/*
 * test_gui_numbers.c - every text the window draws tells the truth about its numbers,
 * on SDL's offscreen driver: after runs of deliberately bad designs (an async front end
 * and a blocking service before a saturated database, service times of a billionth of
 * a millisecond, a billion requests a second) and of every preset and starter, on every
 * drawer tab, with every node's tooltip, zoomed in and out, no drawn text has an
 * exponent ("1e-12", "2.5e+09"), "inf" or "nan" (the renderer's text log:
 * app_test_log_texts). The words agree too: the node that waits on the saturated one
 * is "backed up by" it, not "over capacity". Screenshots: gui-numbers-*.png.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <math.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "gui_test.h"
#include "sim/util.h"

static char settings_path[256];

static App *open_app(const char *file, int w, int h)
{
    snprintf(settings_path, sizeof settings_path, "%s", gui_test_file("settings.json"));
    AppConfig cfg = {.width = w, .height = h, .file = file, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = gui_test_file("recovery.json"), .settings_path = settings_path};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_test_log_texts(app, true);
    app_frame(app);
    return app;
}

static void wait_run(App *app)
{
    for (int k = 0; k < 200000 && run_active(app); k++) {
        app_frame(app);
        SDL_Delay(2);
    }
    assert_false(run_active(app));
    assert_non_null(app->res);
}

static void short_run(App *app, double duration_s)
{
    Command c;
    cmd_init(&c, "Run settings");
    cmd_run_set(&c, app->model, duration_s, 1, 7, app->model->meta_json);
    app_commit(app, &c);
    assert_true(run_start(app));
    wait_run(app);
}

/* The offence in s, or NULL: a number in exponent form, "inf" or "nan" as a word. */
static const char *lie_in(const char *s)
{
    for (const char *p = s; *p; p++) {
        if ((*p == 'e' || *p == 'E') && p > s && isdigit((unsigned char)p[-1]) &&
            ((p[1] == '+' || p[1] == '-') ? isdigit((unsigned char)p[2]) : isdigit((unsigned char)p[1])))
            return p;
        bool start = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        if (start && (strncasecmp(p, "inf", 3) == 0 || strncasecmp(p, "nan", 3) == 0) &&
            !(isalnum((unsigned char)p[3]) || p[3] == '_'))
            return p;
    }
    return NULL;
}

/* Checks every text the last frame drew; returns how many it saw. */
static int check_frame(App *app, const char *where)
{
    int n = 0;
    for (const char *t; (t = app_test_drawn_text(app, n)); n++) {
        const char *bad = lie_in(t);
        if (bad) fail_msg("%s: drawn text \"%s\" has \"%.6s\"", where, t, bad);
    }
    return n;
}

/* True when the last frame drew a text containing `needle` (board and panels). */
static bool drawn(App *app, const char *needle)
{
    for (int i = 0; app_test_drawn_text(app, i); i++)
        if (strstr(app_test_drawn_text(app, i), needle)) return true;
    return false;
}

/* Rest the mouse on node i long enough for its tooltip and check the frame. */
static int check_tooltip(App *app, int i, const char *where)
{
    Vec2 c = app_test_node_center(app, i);
    if (!rect_contains(app->canvas_rc, c.x, c.y)) return 0;
    app_test_hover_node(app, i);
    char w[300];
    snprintf(w, sizeof w, "%s, tooltip of %s", where, app->model->nodes[i].id);
    return check_frame(app, w);
}

/* Every drawer tab, every node's tooltip, and the board at 100%, 50% and 25%. */
static int check_everything(App *app, const char *where)
{
    static const DrawerTab tabs[] = {TAB_REQUESTS, TAB_NODES, TAB_CHARTS, TAB_TRACE, TAB_GRADE, TAB_ESTIMATES};
    static const char *const tab_names[] = {"requests", "nodes", "charts", "trace", "requirements", "estimates"};
    int n = 0;
    char w[300];
    for (size_t k = 0; k < sizeof tabs / sizeof *tabs; k++) {
        if (!app->res && tabs[k] <= TAB_TRACE) continue;
        drawer_show(app, tabs[k]);
        app_frame(app);
        snprintf(w, sizeof w, "%s, %s tab", where, tab_names[k]);
        n += check_frame(app, w);
    }
    drawer_show(app, TAB_REQUESTS);
    app_frame(app);
    for (int i = 0; i < app->model->n_nodes && i < 40; i++) n += check_tooltip(app, i, where);
    app_test_mouse_move(app, 2, 2);
    const double zooms[] = {0.5, 0.25};
    for (size_t k = 0; k < 2; k++) {
        Rect v = app->canvas_rc;
        canvas_zoom_at(app, v.x + v.w / 2, v.y + v.h / 2, zooms[k] / app->cam.zoom);
        app_frame(app);
        snprintf(w, sizeof w, "%s, zoom %.0f%%", where, 100 * zooms[k]);
        n += check_frame(app, w);
    }
    canvas_fit(app);
    app_frame(app);
    return n;
}

static const char *ABSURD =
    "{\"format\":\"archsim/1\",\"title\":\"Absurd numbers\",\"scenario\":{\"duration_s\":2,\"warmup_s\":1,"
    "\"requests\":[{\"name\":\"get\",\"rate_rps\":%s}]},"
    "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\",\"x\":0,\"y\":0},"
    "{\"id\":\"lb\",\"label\":\"Edge LB\",\"kind\":\"load_balancer\",\"x\":220,\"y\":0},"
    "{\"id\":\"api\",\"label\":\"Tiny API\",\"kind\":\"service\",\"io\":\"%s\",\"service_ms\":1e-9,"
    "\"max_inflight\":50,\"queue_max\":200,\"x\":440,\"y\":0},"
    "{\"id\":\"db\",\"label\":\"Links DB\",\"kind\":\"database\",\"pool\":%s,\"service_ms\":%s,"
    "\"queue_max\":200,\"x\":660,\"y\":0}],"
    "\"edges\":[{\"from\":\"users\",\"to\":\"lb\",\"latency_ms\":1e-9},{\"from\":\"lb\",\"to\":\"api\"},"
    "{\"from\":\"api\",\"to\":\"db\",\"latency_ms\":0.000001}]}";

static char *write_design(const char *name, const char *rate, const char *io, const char *pool, const char *db_ms)
{
    char *path = xasprintf("gui-numbers-%s.json", name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, ABSURD, rate, io, pool, db_ms);
    fclose(f);
    return path;
}

static void shot(App *app, const char *name)
{
    app_frame(app);
    app_screenshot(app, name);
}

static void the_check_catches_what_it_should(void **state)
{
    (void)state;
    const char *lies[] = {"1e-12 ms", "p99 2.5e+09", "est inf%", "wait nan ms", "1E6 rps", "-inf", "NaN"};
    const char *truths[] = {"< 0.01 ms", "max_inflight too low", "Info", "financial", "5 e-mails", "12e", "saturated"};
    for (size_t k = 0; k < sizeof lies / sizeof *lies; k++) assert_non_null(lie_in(lies[k]));
    for (size_t k = 0; k < sizeof truths / sizeof *truths; k++) assert_null(lie_in(truths[k]));
}

static void a_billion_requests_and_a_billionth_of_a_ms_read_plainly(void **state)
{
    (void)state;
    /* before any run: the estimate of 10^9 requests/s through a node of 10^-9 ms */
    char *path = write_design("billion", "1000000000", "async", "1", "1e-6");
    App *app = open_app(path, 1440, 900);
    assert_true(drawn(app, "est ")); /* the log has the board's badges too */
    assert_true(drawn(app, "1B rps"));
    int n = check_everything(app, "a billion requests/s, predicted");
    for (int i = 1; i < app->model->n_nodes; i++) {
        sel_clear(app);
        sel_node_by_id(app, app->model->nodes[i].id);
        app_frame(app);
        n += check_frame(app, "a billion requests/s, inspector");
    }
    shot(app, "gui-numbers-billion.png");
    app_destroy(app);
    remove(path);
    free(path);
    /* a run with service times of a billionth of a millisecond */
    path = write_design("tiny", "200", "async", "4", "0.000001");
    app = open_app(path, 1440, 900);
    short_run(app, 2);
    n += check_everything(app, "times of 10^-9 ms, measured");
    sel_node_by_id(app, "api");
    app_frame(app);
    n += check_frame(app, "times of 10^-9 ms, inspector");
    shot(app, "gui-numbers-tiny.png");
    printf("    %d texts checked\n", n);
    app_destroy(app);
    remove(path);
    free(path);
}

static void the_node_waiting_on_a_saturated_database_is_backed_up_not_over(void **state)
{
    (void)state;
    const char *io[] = {"async", "blocking"};
    for (int k = 0; k < 2; k++) {
        /* 2,000 requests/s for a database of 1 connection at 5 ms: 200/s at most */
        char *path = write_design(io[k], "2000", io[k], "1", "5");
        App *app = open_app(path, 1440, 900);
        /* predicted */
        int api = 2, db = 3;
        assert_true(app->est.nodes[db].over_capacity);
        assert_int_equal(app->est.nodes[api].backed_up_by, db);
        app_frame(app);
        assert_true(drawn(app, "backed up by Links DB"));
        assert_true(drawn(app, "over capacity"));
        check_everything(app, io[k]);
        /* measured */
        short_run(app, 2);
        app_frame(app);
        const NodeView *v = &app->view.nodes[api];
        printf("    %s: api %s, backed up by %d; db %s\n", io[k], v->over ? "over" : "not over", v->backed_up_by,
               app->view.nodes[db].over ? "over" : "not over");
        assert_true(app->view.nodes[db].over);
        assert_false(v->over);
        assert_int_equal(v->backed_up_by, db);
        assert_true(drawn(app, "backed up by Links DB"));
        assert_true(app->view.dashed[api] && !app->view.dashed[db]);
        check_everything(app, io[k]);
        char name[64];
        snprintf(name, sizeof name, "gui-numbers-backed-%s.png", io[k]);
        shot(app, name);
        app_destroy(app);
        remove(path);
        free(path);
    }
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The .json files of a folder, sorted. */
static int list_json(const char *dir, char **out, int max)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < max;) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0) out[n++] = xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(out, (size_t)n, sizeof *out, by_name);
    return n;
}

static void every_preset_and_starter_draws_plain_numbers(void **state)
{
    (void)state;
    char *files[64];
    int n = list_json(ARCHSIM_SOURCE_DIR "/scenarios", files, 32);
    n += list_json(ARCHSIM_SOURCE_DIR "/scenarios/starters", files + n, 32);
    assert_true(n >= 20);
    int texts = 0;
    for (int f = 0; f < n; f++) {
        App *app = open_app(files[f], 1280, 800);
        texts += check_everything(app, files[f]);
        short_run(app, 2);
        texts += check_everything(app, files[f]);
        App *ru = app; /* the same in Russian: the sentences and the estimates tab */
        snprintf(ru->lang, sizeof ru->lang, "ru");
        drawer_show(ru, TAB_GRADE);
        app_frame(ru);
        texts += check_frame(ru, files[f]);
        drawer_show(ru, TAB_ESTIMATES);
        app_frame(ru);
        texts += check_frame(ru, files[f]);
        if (strstr(files[f], "starters/url-shortener")) shot(app, "gui-numbers-url-shortener.png");
        app_destroy(app);
        free(files[f]);
    }
    printf("    %d presets and starters, %d texts checked\n", n, texts);
}

/* A label shortened with an ellipsis in a panel shows its full text in a tooltip, drawn
 * after (above) everything else. */
static void shortened_labels_show_their_full_text_on_hover(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/twitter-timeline.json", 1000, 700);
    /* a requirement's label of one word too long for its column (one with spaces wraps) */
    Requirement *q = &app->model->scenario.requirements[0];
    free(q->label);
    q->label = xstrdup("read_timeline_p99_under_200_ms_all_run_long");
    app->version++;
    const DrawerTab tabs[] = {TAB_GRADE};
    int found = 0;
    for (int t = 0; t < 1; t++) {
        drawer_show(app, tabs[t]);
        app_frame(app);
        app_frame(app);
        /* the drawer: under the board, left of the inspector */
        Rect drawer = {app->canvas_rc.x, app->canvas_rc.y + app->canvas_rc.h, app->canvas_rc.w,
                       app->status_rc.y - (app->canvas_rc.y + app->canvas_rc.h)};
        char prefix[400] = "";
        Rect at = {0, 0, 0, 0};
        Rect where;
        for (int i = 0; app_test_drawn_text_at(app, i, &where); i++) {
            const char *txt = app_test_drawn_text_at(app, i, &where);
            size_t n = strlen(txt);
            if (n > 3 && strcmp(txt + n - 3, "\xE2\x80\xA6") == 0 && rect_contains(drawer, where.x + 2, where.y + 2)) {
                snprintf(prefix, sizeof prefix, "%.*s", (int)(n - 3), txt);
                at = where;
                break;
            }
        }
        if (!prefix[0]) continue;
        app_test_mouse_move(app, at.x + fminf(at.w, 40) / 2, at.y + at.h / 2);
        app_frame(app);
        int last = 0;
        while (app_test_drawn_text(app, last)) last++;
        bool tip = false;
        for (int i = 0; i < last && !tip; i++) {
            const char *txt = app_test_drawn_text(app, i);
            tip = strncmp(txt, prefix, strlen(prefix)) == 0 && strlen(txt) > strlen(prefix) + 3;
        }
        printf("    \"%s\u2026\" shows in full on hover: %s\n", prefix, tip ? "yes" : "no");
        assert_true(tip);
        /* the tooltip is the last thing drawn but the modal layer */
        assert_true(strncmp(app_test_drawn_text(app, last - 1), prefix, strlen(prefix)) == 0);
        found++;
    }
    assert_true(found >= 1);
    app_screenshot(app, "gui-numbers-fit-tip.png");
    app_destroy(app);
}

/* A second client on the board: the request type that names no client still enters at
 * the first (model_request_client), so that client's subtitle says what its estimate
 * badge counts, and the new one has no traffic in both. */
static void a_client_says_the_traffic_its_estimate_counts(void **state)
{
    (void)state;
    char *path = write_design("clients", "100", "async", "8", "1");
    App *app = open_app(path, 1440, 900);
    Node n;
    node_defaults(NODE_CLIENT, &n);
    n.id = "mobile";
    n.x = 0;
    n.y = 200;
    Command c;
    cmd_init(&c, "Place");
    cmd_node_insert(&c, app->model->n_nodes, &n);
    app_commit(app, &c);
    app_frame(app);
    app_frame(app);
    int users = model_find_node(app->model, "users"), mobile = model_find_node(app->model, "mobile");
    assert_true(users >= 0 && mobile >= 0);
    char sub[200];
    node_subtitle(app->model, &app->model->nodes[users], sub, sizeof sub);
    fprintf(stderr, "users: %s, estimate %g rps\n", sub, app->view.nodes[users].rate_rps);
    assert_true(fabs(app->view.nodes[users].rate_rps - 100) < 1e-9);
    assert_string_equal(sub, "100 reads/s");
    node_subtitle(app->model, &app->model->nodes[mobile], sub, sizeof sub);
    fprintf(stderr, "mobile: %s, estimate %g rps\n", sub, app->view.nodes[mobile].rate_rps);
    assert_true(app->view.nodes[mobile].rate_rps == 0);
    assert_string_equal(sub, "no traffic yet");
    assert_true(drawn(app, "100 reads/s"));
    assert_true(drawn(app, "100 rps"));
    /* the type names no client among two: one problem, counted as the toolbar counts it,
     * saying which type; the idle second client is a warning, counted apart */
    sel_clear(app);
    app_frame(app);
    app_frame(app);
    assert_int_equal(diag_errors(&app->problems), 1);
    assert_int_equal(app->problems.n_items, 2);
    assert_true(drawn(app, "1 problem"));
    assert_true(drawn(app, "PROBLEMS (1)"));
    assert_true(drawn(app, "WARNINGS (1)"));
    assert_false(drawn(app, "PROBLEMS (2)"));
    bool named = false;
    for (int i = 0; i < app->problems.n_items; i++)
        named |= strstr(app->problems.items[i].message, "no client named for 'get'") != NULL;
    assert_true(named);
    shot(app, "gui-numbers-two-clients.png");
    app_destroy(app);
    remove(path);
    free(path);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_check_catches_what_it_should),
        cmocka_unit_test(a_billion_requests_and_a_billionth_of_a_ms_read_plainly),
        cmocka_unit_test(the_node_waiting_on_a_saturated_database_is_backed_up_not_over),
        cmocka_unit_test(every_preset_and_starter_draws_plain_numbers),
        cmocka_unit_test(shortened_labels_show_their_full_text_on_hover),
        cmocka_unit_test(a_client_says_the_traffic_its_estimate_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
