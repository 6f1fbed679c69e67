/*
 * test_gui_zones.c - zones and autoscaling in the app, on SDL's offscreen driver: zones
 * drawn as labelled boxes behind their nodes, a node dropped into another zone's box is
 * placed there (one undo step), a zone a run failed is greyed; the inspector's autoscaling
 * switch and fields edit the policy (undoable); after a run the badge says "peak 8 → 16
 * (booting 8)" and the charts show the instances with their decisions. Screenshots are
 * saved (gui-zones*.png, gui-autoscale*.png) to look at.
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

#include "app.h"
#include "gui_test.h"
#include "sim/numfmt.h"
#include "sim/model_json.h"
#include "sim/util.h"

#define FLASH ARCHSIM_SOURCE_DIR "/scenarios/flash-sale.json"
#define FLASH_STARTER ARCHSIM_SOURCE_DIR "/scenarios/starters/flash-sale.json"
#define ZONE_STARTER ARCHSIM_SOURCE_DIR "/scenarios/starters/zone-failure.json"

static App *open_app(const char *file, int height)
{
    AppConfig cfg = {.width = 1400, .height = height, .file = file, .autosave_ms = -1, .hidden = true,
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json")};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_test_log_texts(app, true);
    app_frame(app);
    return app;
}

/* Text drawn anywhere in the last frame, the board included (the render log). */
static bool drawn(App *app, const char *needle)
{
    app_frame(app);
    for (int k = 0; app_test_drawn_text(app, k); k++)
        if (strstr(app_test_drawn_text(app, k), needle)) return true;
    return false;
}

/* The same for a sentence wrapped over lines: the texts drawn joined by spaces. */
static bool drawn_sentence(App *app, const char *sentence)
{
    app_frame(app);
    size_t cap = 1, len = 0;
    for (int k = 0; app_test_drawn_text(app, k); k++) cap += strlen(app_test_drawn_text(app, k)) + 1;
    char *all = xmalloc(cap);
    all[0] = 0;
    for (int k = 0; app_test_drawn_text(app, k); k++)
        len += (size_t)snprintf(all + len, cap - len, "%s ", app_test_drawn_text(app, k));
    bool found = strstr(all, sentence) != NULL;
    free(all);
    return found;
}

static int find_node(App *app, const char *id)
{
    return model_find_node(app->model, id);
}

static void wait_run(App *app)
{
    for (int k = 0; k < 200000 && run_active(app); k++) {
        app_frame(app);
        SDL_Delay(2);
    }
    assert_false(run_active(app));
    app_frame(app);
}

static void short_run(App *app, double duration_s)
{
    Command c;
    cmd_init(&c, "Run settings");
    cmd_run_set(&c, app->model, duration_s, 0, app->model->scenario.seed, app->model->meta_json);
    app_commit(app, &c);
    app_test_key(app, SDLK_F5, 0);
    wait_run(app);
    assert_non_null(app->res);
}

#define ZONED                                                                                \
    "{\"format\": \"archsim/1\", \"title\": \"Two zones\", \"scenario\": {\"requests\": "      \
    "[{\"name\": \"r\", \"rate_rps\": 100}], \"zones\": [{\"id\": \"use1-a\", \"region\": "     \
    "\"us-east-1\"}, {\"id\": \"use1-b\", \"region\": \"us-east-1\"}], \"events\": [{\"at_s\": " \
    "2, \"action\": \"fail\", \"zone\": \"use1-a\"}]}, \"nodes\": ["                            \
    "{\"id\": \"u\", \"kind\": \"client\", \"x\": 0, \"y\": 200},"                              \
    "{\"id\": \"lb\", \"kind\": \"load_balancer\", \"x\": 240, \"y\": 200, \"zones\": "          \
    "[\"use1-a\", \"use1-b\"], \"prefer_zone\": true},"                                         \
    "{\"id\": \"api_a\", \"kind\": \"service\", \"x\": 500, \"y\": 60, \"zone\": \"use1-a\"},"  \
    "{\"id\": \"worker\", \"kind\": \"service\", \"x\": 500, \"y\": 160, \"zone\": \"use1-a\"}," \
    "{\"id\": \"api_b\", \"kind\": \"service\", \"x\": 500, \"y\": 400, \"zone\": \"use1-b\"}],"  \
    "\"edges\": [{\"from\": \"u\", \"to\": \"lb\"}, {\"from\": \"lb\", \"to\": \"api_a\"}, "     \
    "{\"from\": \"lb\", \"to\": \"api_b\"}, {\"from\": \"api_a\", \"to\": \"worker\"}]}"

static void zones_are_drawn_and_a_drop_places_a_node(void **state)
{
    (void)state;
    const char *path = "/tmp/archsim-gui-zones.json";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(ZONED, f);
    fclose(f);
    App *app = open_app(path, 800);
    app_frame(app);
    /* each zone's box is labelled with the zone and its region */
    assert_true(drawn(app, "use1-a \xC2\xB7 us-east-1"));
    assert_true(drawn(app, "use1-b \xC2\xB7 us-east-1"));
    /* the boxes hold their nodes */
    Rect boxes[2];
    assert_int_equal(zones_rects(app->model, NULL, boxes), 2);
    int w = find_node(app, "worker"), b = find_node(app, "api_b");
    assert_true(rect_contains(boxes[0], (float)app->model->nodes[w].x + 1, (float)app->model->nodes[w].y + 1));
    assert_false(rect_contains(boxes[0], (float)app->model->nodes[b].x + 1, (float)app->model->nodes[b].y + 1));
    app_frame(app);
    app_screenshot(app, "gui-zones.png");
    /* drag the worker down into use1-b's box, beside api_b */
    Vec2 from = app_test_node_center(app, w);
    Vec2 to = cam_to_screen(&app->cam, app->canvas_rc, app->model->nodes[b].x + NODE_W / 2,
                            app->model->nodes[b].y + NODE_H / 2 + 20);
    int undo0 = app->hist.n_undo;
    app_test_drag(app, from.x, from.y, to.x, to.y, 10, SDL_BUTTON_LEFT);
    w = find_node(app, "worker");
    printf("    worker's zone after the drop: %s\n", app->model->nodes[w].zone);
    assert_string_equal(app->model->nodes[w].zone, "use1-b");
    app_frame(app);
    app_screenshot(app, "gui-zones-dropped.png");
    /* one undo takes the zone back, the next the move */
    assert_true(app->hist.n_undo >= undo0 + 2);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_string_equal(app->model->nodes[w].zone, "use1-a");
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_true(app->model->nodes[w].x == 500 && app->model->nodes[w].y == 160);
    canvas_fit(app);
    /* a spread node stays spread: its subtitle says over how many zones */
    assert_true(drawn(app, "2 zones"));
    /* after a run the failed zone is greyed and says so */
    short_run(app, 4);
    app_frame(app);
    assert_true(drawn(app, "use1-a \xC2\xB7 down"));
    assert_false(drawn(app, "use1-b \xC2\xB7 down"));
    app_screenshot(app, "gui-zones-down.png");
    app_destroy(app);
    remove(path);
}

/* Nodes selected together are placed together: the zone menu of SET FOR ALL says
 * "mixed" while they sit in different zones, and a zone picked places every one of them
 * there, one undo step. */
static void nodes_selected_together_are_placed_together(void **state)
{
    (void)state;
    const char *path = gui_test_file("zoned.json");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(ZONED, f);
    fclose(f);
    App *app = open_app(path, 900);
    int a = find_node(app, "api_a"), b = find_node(app, "api_b"), w = find_node(app, "worker");
    sel_clear(app);
    app->sel_node[a] = app->sel_node[b] = app->sel_node[w] = 1; /* three services, zones a, b, a */
    app_frame(app);
    assert_true(drawn(app, "mixed"));
    Rect r;
    assert_true(app_test_field_rect(app, "all.zone", &r));
    app_test_click(app, r.x + r.w / 2, r.y + r.h / 2); /* open the menu */
    app_frame(app);
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 20, pr.y + 4 + 26 * 2 + 13); /* (none), use1-a, use1-b */
    for (int k = 0; k < 3; k++) {
        int i = k == 0 ? a : k == 1 ? b : w;
        assert_non_null(app->model->nodes[i].zone);
        assert_string_equal(app->model->nodes[i].zone, "use1-b");
    }
    assert_non_null(strstr(app->msg, "Place 3 nodes in zone use1-b"));
    app_test_key(app, SDLK_z, KMOD_CTRL); /* one step back: each where it was */
    assert_string_equal(app->model->nodes[a].zone, "use1-a");
    assert_string_equal(app->model->nodes[b].zone, "use1-b");
    assert_string_equal(app->model->nodes[w].zone, "use1-a");
    app_destroy(app);
}

/* The Scenario panel lists the zones: adding one, renaming one (nodes and events follow),
 * a fail event that takes a region, each one undo step. */
static void the_scenario_panel_edits_zones(void **state)
{
    (void)state;
    const char *path = "/tmp/archsim-gui-zones-panel.json";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(ZONED, f);
    fclose(f);
    App *app = open_app(path, 1800);
    sel_clear(app);
    app_frame(app);
    assert_true(drawn(app, "ZONES AND REGIONS"));
    assert_true(app_test_click_widget(app, "scen-add-zone", -1));
    assert_int_equal(app->model->scenario.n_zones, 3);
    assert_string_equal(app->model->scenario.zones[2].id, "zone-3");
    assert_string_equal(app->model->scenario.zones[2].region, "us-east-1");
    /* rename use1-a: the nodes placed there and the event failing it follow */
    app_frame(app);
    Rect zr;
    assert_true(app_test_field_rect(app, "zones[0].id", &zr));
    app_test_click(app, zr.x + zr.w / 2, zr.y + zr.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "east-a");
    app_test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app->model->scenario.zones[0].id, "east-a");
    assert_string_equal(app->model->nodes[find_node(app, "api_a")].zone, "east-a");
    assert_string_equal(app->model->nodes[find_node(app, "lb")].zones[0], "east-a");
    assert_string_equal(app->model->scenario.events[0].zone, "east-a");
    /* a new region for zone-3 offers a latency between the two regions */
    app_frame(app);
    assert_true(app_test_field_rect(app, "zones[2].region", &zr));
    app_test_click(app, zr.x + zr.w / 2, zr.y + zr.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "eu-west-1");
    app_test_key(app, SDLK_RETURN, 0);
    assert_string_equal(app->model->scenario.zones[2].region, "eu-west-1");
    assert_true(app_test_click_widget(app, "scen-add-rl", -1));
    assert_int_equal(app->model->scenario.n_region_latency, 1);
    app_frame(app);
    app_screenshot(app, "gui-zones-panel.png");
    assert_true(drawn(app, "us-east-1 - eu-west-1"));
    DiagList d;
    diag_init(&d, "x");
    assert_true(model_validate(app->model, &d));
    diag_free(&d);
    /* undo, step by step, back to the file's zones */
    for (int k = 0; k < 4; k++) app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->scenario.n_zones, 2);
    assert_string_equal(app->model->scenario.zones[0].id, "use1-a");
    assert_string_equal(app->model->scenario.events[0].zone, "use1-a");
    app_destroy(app);
    remove(path);
}

static void the_inspector_edits_the_policy(void **state)
{
    (void)state;
    App *app = open_app(FLASH_STARTER, 1800);
    int api = find_node(app, "api");
    Vec2 c = app_test_node_center(app, api);
    app_test_click(app, c.x, c.y);
    app_frame(app);
    assert_false(app->model->nodes[api].autoscale.enabled);
    Rect sw;
    assert_true(app_test_field_rect(app, "autoscale.enabled", &sw));
    app_test_click(app, sw.x + 8, sw.y + sw.h / 2);
    assert_true(app->model->nodes[api].autoscale.enabled);
    /* the range takes the 5 instances in: min 1 .. max 10 by default */
    assert_int_equal(app->model->nodes[api].autoscale.min_instances, 1);
    app_frame(app);
    Rect mx;
    assert_true(app_test_field_rect(app, "autoscale.max_instances", &mx));
    app_test_click(app, mx.x + mx.w / 2, mx.y + mx.h / 2);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, "25");
    app_test_key(app, SDLK_RETURN, 0);
    assert_int_equal(app->model->nodes[api].autoscale.max_instances, 25);
    Rect mt;
    assert_true(app_test_field_rect(app, "autoscale.metric", &mt));
    assert_true(drawn(app, "desired = ceil(serving x utilisation / 0.6)"));
    /* the board's subtitle says it autoscales */
    assert_true(drawn(app, "1\xE2\x80\x93" "25 \xC3\x97 8 workers"));
    app_frame(app);
    app_screenshot(app, "gui-autoscale-inspector.png");
    /* undo: the maximum, then the switch */
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->nodes[api].autoscale.max_instances, 10);
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_false(app->model->nodes[api].autoscale.enabled);
    /* the zone menu: "+ new zone" (the last of "(none)", "+ new zone" here) adds a zone to
     * the scenario and places the node in it, one undo step */
    app_frame(app);
    Rect zf;
    assert_true(app_test_field_rect(app, "zone", &zf));
    app_test_click(app, zf.x + zf.w / 2, zf.y + zf.h / 2);
    Rect pr = app->ui.popup_rect;
    app_test_click(app, pr.x + 20, pr.y + 4 + 26 * 1 + 13);
    assert_int_equal(app->model->scenario.n_zones, 1);
    assert_string_equal(app->model->scenario.zones[0].id, "zone-1");
    assert_string_equal(app->model->nodes[api].zone, "zone-1");
    assert_true(drawn(app, "zone-1 \xC2\xB7 region-1"));
    app_screenshot(app, "gui-zones-new.png");
    app_test_key(app, SDLK_z, KMOD_CTRL);
    assert_int_equal(app->model->scenario.n_zones, 0);
    assert_null(app->model->nodes[api].zone);
    app_destroy(app);
}

static void after_a_run_the_board_and_charts_show_the_scaling(void **state)
{
    (void)state;
    App *app = open_app(FLASH, 800);
    short_run(app, 420); /* the ramp and the peak */
    app_frame(app);
    /* the badge: serving -> desired (booting n) at the policy's largest ask */
    bool arrow = false;
    app_frame(app);
    for (int i = 0; app_test_drawn_text(app, i); i++) {
        const char *t = app_test_drawn_text(app, i);
        if (strstr(t, "peak ") && strstr(t, "\xE2\x86\x92") && strstr(t, "booting")) {
            printf("    badge: %s\n", t);
            arrow = true;
        }
    }
    assert_true(arrow);
    app_screenshot(app, "gui-autoscale-board.png");
    drawer_show(app, TAB_CHARTS);
    app->drawer_h = 340;
    app_frame(app);
    app_frame(app);
    assert_true(drawn(app, "instances of Checkout"));
    assert_true(drawn(app, "utilisation of Checkout"));
    assert_true(drawn(app, "serving"));
    app_screenshot(app, "gui-autoscale-charts.png");
    /* the Nodes tab gives the node's name and its flag whole where the drawer has room
     * ("Checkout API (autoscal…" and "over capacity …" were cut beside empty room) */
    drawer_show(app, TAB_NODES);
    app->ui.audit = true;
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_exact(app, "over capacity at times"));
    for (int a = 0; a < app->ui.n_audit; a++)
        if (app->ui.audit_items[a].kind == UI_AUDIT_CUT && app->ui.audit_items[a].rc.y > app->canvas_rc.y + app->canvas_rc.h &&
            app->ui.audit_items[a].rc.x < app->inspector_rc.x)
            fail_msg("cut in the Nodes tab: %s", app->ui.audit_items[a].text);
    app->ui.audit = false;
    app_destroy(app);
}

/* The zone-failure exercise's database waits out a failover: a few writes wait 10 s, so
 * its mean wait (43 ms) is above its p99 (0 ms). The inspector says what the run measured
 * of the failover and why the mean is above the p99; the Nodes tab flags the node; a node
 * without either gets neither note. */
static void a_failover_explains_the_databases_waits(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/zone-failure.json", 900);
    app_test_key(app, SDLK_F5, 0);
    wait_run(app);
    assert_non_null(app->res);
    const double *f = app->res->mean->nodes[find_node(app, "db")];
    assert_true(f[NF_MEAN_WAIT_MS] >= 1 && f[NF_MEAN_WAIT_MS] > f[NF_P99_WAIT_MS]); /* the case */
    assert_true(f[NF_FAILOVER_WRITES_WAITED] > 0);
    assert_true(sel_node_by_id(app, "db"));
    char want[200], waited[64];
    numfmt_grouped(f[NF_FAILOVER_WRITES_WAITED], ",", waited, sizeof waited);
    snprintf(want, sizeof want, "Writes meanwhile: %s waited for the new primary, 0 failed.", waited);
    assert_true(drawn_sentence(app, "Failover: 10 s without a primary, 1 replica promoted."));
    assert_true(drawn_sentence(app, want));
    assert_true(drawn_sentence(app, "Fewer than 1 request in 100 waited here, and long: their waits make the mean"));
    drawer_show(app, TAB_NODES);
    assert_true(drawn(app, "failover"));
    assert_true(sel_node_by_id(app, "api")); /* waits of a few microseconds, no failover */
    assert_false(drawn_sentence(app, "Fewer than 1 request in 100"));
    assert_false(drawn_sentence(app, "Failover:"));
    /* its zone's servers were down a while: its utilisation is of the time they were up,
     * and the inspector and the Nodes tab say how long that was */
    const double *fa = app->res->mean->nodes[find_node(app, "api")];
    assert_true(fa[NF_UP_SHARE] > 0.5 && fa[NF_UP_SHARE] < 1);
    char up[NUMFMT_CAP], line[200];
    numfmt_percent(fa[NF_UP_SHARE], up, sizeof up);
    snprintf(line, sizeof line, "Its servers were up %s of the time (the scenario's failures)", up);
    assert_true(drawn_sentence(app, line));
    snprintf(line, sizeof line, "servers up %s", up);
    assert_true(drawn(app, line));
    app_destroy(app);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zones_are_drawn_and_a_drop_places_a_node),
        cmocka_unit_test(the_scenario_panel_edits_zones),
        cmocka_unit_test(the_inspector_edits_the_policy),
        cmocka_unit_test(after_a_run_the_board_and_charts_show_the_scaling),
        cmocka_unit_test(a_failover_explains_the_databases_waits),
        cmocka_unit_test(nodes_selected_together_are_placed_together),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
