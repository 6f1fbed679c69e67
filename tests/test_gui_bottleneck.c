/*
 * test_gui_bottleneck.c - the bottleneck sentence in the window speaks the app's
 * language, on SDL's offscreen driver: after a run with app->lang "ru" the Requests tab
 * draws the Russian sentence and not the English one, and the board's callout shows the
 * same text (overlay_bottleneck_why); the text is kept between frames and made again
 * when the language or the results change; it names nodes by the labels the board
 * shows ("API"), where the report's sentence reads "API (api)".
 * Runs are kept short (a few simulated seconds of the sync-vs-async starter, whose api
 * is the bottleneck).
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

#include "app.h"
#include "gui_test.h"
#include "ui/theme.h"
#include "sim/requirements.h"
#include "sim/util.h"

#define STARTER ARCHSIM_SOURCE_DIR "/scenarios/starters/sync-vs-async.json"

static char settings_path[256];

static App *open_app_sized(const char *file, int width, int height)
{
    snprintf(settings_path, sizeof settings_path, "%s", gui_test_file("settings.json"));
    AppConfig cfg = {.width = width, .height = height, .file = file, .autosave_ms = -1, .hidden = true,
                     .no_recovery = true, .recovery_path = gui_test_file("recovery.json"),
                     .settings_path = settings_path};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    return app;
}

static App *open_app(const char *file) { return open_app_sized(file, 1280, 800); }

static void wait_run(App *app)
{
    for (int k = 0; k < 100000 && run_active(app); k++) {
        app_frame(app);
        SDL_Delay(2);
    }
    assert_false(run_active(app));
}

static void short_run(App *app, double duration_s, uint64_t seed)
{
    Command c;
    cmd_init(&c, "Run settings");
    cmd_run_set(&c, app->model, duration_s, 1, seed, app->model->meta_json);
    app_commit(app, &c);
    assert_true(run_start(app));
    wait_run(app);
    assert_non_null(app->res);
}

/* The first words of `s` (at most `max` bytes, cut at a space): a piece the drawer
 * draws on one line however it wraps. Caller frees. */
static char *first_words(const char *s, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; s[k] && k < max; k++)
        if (s[k] == ' ') n = k;
    return xasprintf("%.*s", (int)n, s);
}

static void requests_tab_and_callout_speak_russian_after_a_run(void **state)
{
    (void)state;
    App *app = open_app(STARTER);
    snprintf(app->lang, sizeof app->lang, "ru");
    short_run(app, 3, 5);
    drawer_show(app, TAB_REQUESTS);
    app_frame(app);
    app_frame(app);
    const Results *r = app->res->mean;
    assert_true(r->bottleneck >= 0);
    char *ru = bottleneck_why_named(app->res_model, r, "ru", NAMING_LABEL);
    assert_non_null(ru);
    printf("    en: %s\n    ru: %s\n", r->bottleneck_why, ru);
    /* the callout's text */
    assert_string_equal(overlay_bottleneck_why(app), ru);
    assert_true(app->callout_rc.w > 0);
    /* the drawer's: the Russian sentence's first line is drawn, the English one's is not */
    char *en = bottleneck_why_named(app->res_model, r, "en", NAMING_LABEL);
    char *ru_head = first_words(ru, 60), *en_head = first_words(en, 60);
    free(en);
    assert_non_null(strstr(ru_head, "синхронно")); /* its label in Russian too (translations.ru.labels) */
    assert_true(app_test_text_drawn(app, ru_head));
    assert_false(app_test_text_drawn(app, en_head));
    assert_false(app_test_text_drawn(app, "slots"));
    free(ru_head);
    free(en_head);
    free(ru);
    app_destroy(app);
}

static void the_sentence_is_kept_per_run_and_language(void **state)
{
    (void)state;
    App *app = open_app(STARTER);
    short_run(app, 2, 3);
    drawer_show(app, TAB_REQUESTS);
    app_frame(app);
    /* English: the report's sentence with nodes named as the board names them, kept
     * between frames */
    const char *en = overlay_bottleneck_why(app);
    assert_non_null(en);
    char *want_en = bottleneck_why_named(app->res_model, app->res->mean, "en", NAMING_LABEL);
    assert_string_equal(en, want_en);
    free(want_en);
    const Node *bn = &app->res_model->nodes[app->res->mean->bottleneck];
    char *by_label = xasprintf("%s: ", bn->label), *by_both = xasprintf("%s (%s): ", bn->label, bn->id);
    printf("    board: %s\n    report: %s\n", en, app->res->mean->bottleneck_why);
    assert_true(strncmp(en, by_label, strlen(by_label)) == 0);
    assert_true(strncmp(app->res->mean->bottleneck_why, by_both, strlen(by_both)) == 0);
    assert_null(strstr(en, by_both));
    free(by_label);
    free(by_both);
    app_frame(app);
    assert_ptr_equal(overlay_bottleneck_why(app), en);
    char *en_head = first_words(en, 24);
    assert_true(app_test_text_drawn(app, en_head));
    free(en_head);
    /* another language: made again, then kept */
    snprintf(app->lang, sizeof app->lang, "uk");
    app_frame(app);
    const char *uk = overlay_bottleneck_why(app);
    char *want = bottleneck_why_named(app->res_model, app->res->mean, "uk", NAMING_LABEL);
    assert_string_equal(uk, want);
    free(want);
    app_frame(app);
    assert_ptr_equal(overlay_bottleneck_why(app), uk);
    /* new results: made again from them */
    unsigned serial = app->res_serial;
    short_run(app, 3, 9);
    assert_true(app->res_serial != serial);
    app_frame(app);
    want = bottleneck_why_named(app->res_model, app->res->mean, "uk", NAMING_LABEL);
    assert_string_equal(overlay_bottleneck_why(app), want);
    char *uk_head = first_words(want, 24);
    assert_true(app_test_text_drawn(app, uk_head));
    free(uk_head);
    free(want);
    app_destroy(app);
}

/* Whether r overlaps anything the overlay drew this frame. */
static const char *covers(const App *app, Rect r)
{
    if (app->bn_badge_rc.w > 0 && rect_overlaps(r, app->bn_badge_rc)) return "the bottleneck's own badge";
    for (int k = 0; k < app->n_overlay_rc; k++)
        if (rect_overlaps(r, app->overlay_rc[k])) return "a node, a name, a badge or a mark";
    return NULL;
}

/* A bottleneck near the board's top-left corner: its callout keeps clear of the "Show
 * path of" picker there too (it slid under it, its headline's first letters hidden). */
static void the_callout_keeps_clear_of_the_path_picker(void **state)
{
    (void)state;
    const char *json =
        "{\"format\":\"archsim/1\",\"title\":\"Corner\",\"scenario\":{\"duration_s\":2,\"warmup_s\":0,"
        "\"requests\":[{\"name\":\"read\",\"rate_rps\":5000}]},"
        "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\",\"x\":-320,\"y\":240},"
        "{\"id\":\"gateway\",\"kind\":\"service\",\"label\":\"Gateway\",\"x\":-120,\"y\":120},"
        "{\"id\":\"channels\",\"kind\":\"service\",\"label\":\"Channels\",\"x\":-120,\"y\":340},"
        "{\"id\":\"db\",\"kind\":\"database\",\"x\":220,\"y\":340}],"
        "\"edges\":[{\"from\":\"users\",\"to\":\"gateway\"},{\"from\":\"gateway\",\"to\":\"channels\"},"
        "{\"from\":\"gateway\",\"to\":\"db\"}]}";
    char path[512];
    snprintf(path, sizeof path, "%s", gui_test_file("corner.json"));
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(json, f);
    fclose(f);
    App *app = open_app_sized(path, 1440, 900);
    short_run(app, 2, 5);
    int gw = model_find_node(app->model, "gateway");
    int checked = 0;
    /* the gateway's box moved about the board's top-left corner (as a person left it) */
    for (int dx = 120; dx <= 280; dx += 40) {
        for (int dy = 100; dy <= 150; dy += 25) {
            app->cam.zoom = 1;
            app->cam.x = app->model->nodes[gw].x - dx;
            app->cam.y = app->model->nodes[gw].y - dy;
            app_frame(app);
            app_frame(app);
            assert_true(app->res->mean->bottleneck == gw);
            if (app->callout_rc.w <= 0) continue;
            Rect pick[2];
            int n = paths_control_rects(app, pick);
            assert_true(n >= 1);
            for (int k = 0; k < n; k++)
                if (rect_overlaps(app->callout_rc, pick[k]))
                    fail_msg("the box at %d,%d: the callout is under the path picker", dx, dy);
            checked++;
        }
    }
    assert_true(checked >= 4);
    app_screenshot(app, "gui-bottleneck-corner.png");
    app_destroy(app);
}

static void the_callout_covers_no_node_badge_or_mark(void **state)
{
    (void)state;
    static const char *const files[] = {"/scenarios/starters/url-shortener.json", "/scenarios/starters/sync-vs-async.json",
                                        "/scenarios/starters/db-read-scaling.json", "/scenarios/starters/scale-api.json",
                                        "/scenarios/starters/midsize-webapp.json", "/scenarios/starters/chat-websocket.json",
                                        "/scenarios/starters/failure-drill.json", "/scenarios/starters/instagram-feed.json",
                                        "/scenarios/starters/microservices-kafka.json"};
    static const int sizes[][2] = {{1000, 700}, {1280, 800}, {1600, 1000}};
    int checked = 0;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s", ARCHSIM_SOURCE_DIR, files[f]);
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            App *app = open_app_sized(path, sizes[k][0], sizes[k][1]);
            short_run(app, 2, 5);
            for (int zoom = 0; zoom < 3; zoom++) {
                if (zoom) {
                    Rect v = app->canvas_rc;
                    canvas_zoom_at(app, v.x + v.w / 2, v.y + v.h / 2, (zoom == 1 ? 0.6 : 1.0) / app->cam.zoom);
                }
                app_frame(app);
                if (app->res->mean->bottleneck < 0 || app->callout_rc.w <= 0) continue;
                const char *hit = covers(app, app->callout_rc);
                if (hit)
                    fail_msg("%s at %dx%d, zoom %.0f%%: the callout covers %s", files[f], sizes[k][0], sizes[k][1],
                             100 * app->cam.zoom, hit);
                checked++;
            }
            if (k == 0 && f == 0) app_screenshot(app, "gui-bottleneck-callout-small.png");
            app_destroy(app);
        }
    }
    printf("    %d callouts, none over a node, a badge or a mark\n", checked);
    assert_true(checked >= 10);
}

/* A bottleneck amid a crowd of nodes that fills the board: the callout finds the free
 * space, or shrinks to its headline there; never over the bottleneck's badge. */
static void a_crowded_board_still_leaves_the_bottleneck_readable(void **state)
{
    (void)state;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":2,\"warmup_s\":1,"
                "\"requests\":[{\"name\":\"get\",\"rate_rps\":500}]},\"nodes\":["
                "{\"id\":\"users\",\"kind\":\"client\",\"x\":0,\"y\":0},"
                "{\"id\":\"db\",\"label\":\"Links DB\",\"kind\":\"database\",\"pool\":1,\"service_ms\":5,"
                "\"x\":440,\"y\":0}");
    for (int row = 0; row < 5; row++)
        for (int col = 0; col < 5; col++)
            if (!(row == 0 && col < 3))
                sb_printf(&b, ",{\"id\":\"s%d_%d\",\"kind\":\"service\",\"x\":%d,\"y\":%d}", row, col, 220 * col,
                          100 * row);
    sb_puts(&b, "],\"edges\":[{\"from\":\"users\",\"to\":\"db\"}]}");
    const char *path = "gui-bottleneck-crowded.json";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(b.data, f);
    fclose(f);
    sb_free(&b);
    App *app = open_app(path);
    short_run(app, 2, 5);
    app_frame(app);
    assert_true(app->res->mean->bottleneck >= 0);
    assert_true(app->callout_rc.w > 0);
    assert_true(app->bn_badge_rc.w > 0);
    assert_false(rect_overlaps(app->callout_rc, app->bn_badge_rc));
    printf("    callout at %.0f,%.0f %.0fx%.0f: %s\n", app->callout_rc.x, app->callout_rc.y, app->callout_rc.w,
           app->callout_rc.h, covers(app, app->callout_rc) ? covers(app, app->callout_rc) : "clear of everything");
    /* the board fills the canvas, yet a free strip remains under or beside it */
    assert_null(covers(app, app->callout_rc));
    app_screenshot(app, "gui-bottleneck-crowded.png");
    app_destroy(app);
    remove(path);
}

/* A bottleneck full only at times (a queue of 3 that overflows in bursts at 70% busy) is
 * "Bottleneck: api, full at times", not "at 70%" beside its rejections; one full all
 * along keeps its figure. */
static void a_bottleneck_full_at_times_says_so(void **state)
{
    (void)state;
    for (int k = 0; k < 2; k++) {
        App *app = open_app(ARCHSIM_SOURCE_DIR "/tests/data/gui/bursty.json");
        if (k == 1) { /* 3,000/s on its one 1 ms slot: full all along */
            app->model->scenario.requests[0].rate_rps = 3000;
            app->version++;
        }
        assert_true(run_start(app));
        wait_run(app);
        app_test_log_texts(app, true);
        app_frame(app);
        app_frame(app);
        assert_true(app->res->mean->bottleneck >= 0);
        bool at_times = false, at_figure = false; /* the callout's headline, in the render log */
        for (int i = 0; app_test_drawn_text(app, i); i++) {
            at_times |= strcmp(app_test_drawn_text(app, i), "Bottleneck: api, full at times") == 0;
            at_figure |= strncmp(app_test_drawn_text(app, i), "Bottleneck: api at ", 19) == 0;
        }
        assert_true(k == 0 ? at_times && !at_figure : at_figure && !at_times);
        /* the inspector says it as the callout and the Nodes tab do: over capacity at
         * times, its figure no contradiction ("Over capacity: ... (40% busy)" it said) */
        char note[1536];
        int api = model_find_node(app->model, "api");
        assert_int_equal(overlay_capacity_note(app, api, true, note, sizeof note), NOTE_OVER);
        if (k == 0) assert_non_null(strstr(note, "Over capacity at times: it turned away"));
        else assert_null(strstr(note, "at times"));
        app_destroy(app);
    }
}

/* Text the renderer drew in the last frame (the board's overlay draws there, not
 * through the UI's lists). */
static bool rendered(const App *app, const char *needle)
{
    for (int i = 0; app_test_drawn_text(app, i); i++)
        if (strstr(app_test_drawn_text(app, i), needle)) return true;
    return false;
}

/* The cache-sizing starter's read replica is full beside an idle primary: the callout said
 * "Bottleneck: Postgres at 51%" and the inspector "Over capacity: its slots were 51% busy";
 * they name the replicas' share. */
static void a_database_with_full_replicas_says_so_on_the_board(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/cache-sizing.json");
    short_run(app, 10, 11);
    int pg = model_find_node(app->model, "pg");
    assert_int_equal(app->res->mean->bottleneck, pg);
    assert_true(sel_node_by_id(app, "pg"));
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_true(rendered(app, "Bottleneck: Postgres replicas at 100%"));
    assert_false(rendered(app, "Bottleneck: Postgres at "));
    char note[600];
    assert_int_equal(overlay_capacity_note(app, pg, true, note, sizeof note), NOTE_OVER);
    assert_non_null(strstr(note, "Over capacity: its read replicas were 100% busy (the whole"));
    /* the Nodes tab: its flag leads with the replicas' share (it read "over capacity"
     * beside a green 51%) */
    gui_test_tab(app, TAB_NODES);
    assert_true(rendered(app, "replicas 100%: over"));
    app_destroy(app);
}

/* A hot shard full alone, the whole database at 36% (tests/data/analysis/hot-shard.json):
 * before a run its badge gave the busiest shard (105%) as the node's utilisation, and the
 * inspector 105% predicted beside a run's whole 36%; after, the callout said "Full at
 * times", the Nodes tab "over capacity at times" for the whole run. Now each gives the
 * whole and the busiest server apart, and the inspector says why more shards do not help. */
static void a_hot_shard_says_its_busiest_server(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/tests/data/analysis/hot-shard.json");
    int db = model_find_node(app->model, "db");
    const NodeEstimate *e = &app->est.nodes[db];
    assert_true(e->utilisation > 1 && e->whole_utilisation < 0.5);
    char want[96], whole[NUMFMT_CAP], hot[NUMFMT_CAP];
    snprintf(want, sizeof want, "est %s \xC2\xB7 one server %s", numfmt_percent(e->whole_utilisation, whole, sizeof whole),
             numfmt_percent(e->utilisation, hot, sizeof hot));
    assert_true(sel_node_by_id(app, "db"));
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_true(rendered(app, want));
    assert_true(app_test_text_drawn(app, "Busiest server")); /* the inspector's row */
    assert_true(run_start(app));
    wait_run(app);
    assert_int_equal(app->res->mean->bottleneck, db);
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_true(rendered(app, "Bottleneck: Orders DB, one server at 100%"));
    assert_false(rendered(app, "at times"));
    assert_true(rendered(app, "\xC2\xB7 one server 100%")); /* its badge */
    char note[1536];
    assert_int_equal(overlay_capacity_note(app, db, true, note, sizeof note), NOTE_OVER);
    fprintf(stderr, "%s\n", note);
    assert_non_null(strstr(note, "Over capacity: its busiest server was 100% busy (the whole 3"));
    assert_non_null(strstr(note, "hot_shard sends 70% of all its requests to shard 0"));
    gui_test_tab(app, TAB_NODES);
    assert_true(rendered(app, "one server 100%: over")); /* as the replicas flag, cut to its column at 1280 px */
    app_destroy(app);
}

/* The Kafka starter's scorers: 4 partitions let them use 4 of their 32 slots, all 4 full.
 * After a run the board showed them green at 12% and the inspector 506% predicted beside
 * a green 12% measured, under "Over capacity". Now the badge, the inspector and the Nodes
 * tab give the usable slots' share, and all 32 slots' apart; and the run finds them over
 * capacity, as the estimate does. */
static void a_consumer_capped_by_partitions_says_its_usable_slots(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/kafka-partitions.json");
    int sc = model_find_node(app->model, "scorers");
    assert_true(sel_node_by_id(app, "scorers"));
    assert_true(run_start(app));
    wait_run(app);
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_true(app->view.nodes[sc].util >= 0.95); /* its colour: the usable slots' */
    assert_true(rendered(app, "100% \xC2\xB7 ")); /* its badge: the usable slots' share ... */
    assert_true(rendered(app, " rps \xC2\xB7 4 of 32 slots usable")); /* ... and what it is of */
    assert_true(app_test_text_drawn(app, "All slots (32)")); /* the inspector's row under Utilisation */
    /* over capacity, as the estimate said before the run: by the slots it can use (its
     * note said "its slots were 12% busy" under "Over capacity"), and why */
    assert_true(app->view.nodes[sc].over);
    char note[1536];
    assert_int_equal(overlay_capacity_note(app, sc, true, note, sizeof note), NOTE_OVER);
    fprintf(stderr, "%s\n", note);
    assert_non_null(strstr(note, "Over capacity: the 4 partitions of payment_events (Kafka) let it use 4 of its 32 "
                                 "slots (one message per partition at a time), and those were 100% busy"));
    assert_non_null(strstr(note, "More partitions give it room; more slots do not."));
    assert_null(strstr(note, "12%"));
    gui_test_tab(app, TAB_NODES);
    assert_true(rendered(app, "4 of 32 slots usable: o")); /* "over capacity", cut to its column at 1280 px */
    app_destroy(app);
}

/* The cache-restart starter's Redis turned reads away at 28% busy, its in-flight places
 * held by misses waiting on Postgres: its inspector said only "for lack of room"; it now
 * names the limit, how long it was reached and what held it, as the Nodes tab does. */
static void a_cache_whose_in_flight_places_were_held_says_by_what(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/cache-restart.json");
    assert_true(run_start(app));
    wait_run(app);
    int cache = model_find_node(app->model, "cache");
    assert_int_equal(app->res->mean->bottleneck, cache);
    char note[1536];
    assert_int_equal(overlay_capacity_note(app, cache, true, note, sizeof note), NOTE_OVER);
    fprintf(stderr, "%s\n", note);
    assert_non_null(strstr(note, "Over capacity at times: it turned away 6.28% of its requests though 28% busy over the "
                                 "run. Its in-flight limit (1,000) was reached for "));
    assert_non_null(strstr(note, "its places held by calls waiting on Postgres, which was full at times: give Postgres "
                                 "room"));
    assert_null(strstr(note, "for lack of room"));
    assert_true(sel_node_by_id(app, "cache"));
    app_test_log_texts(app, true);
    gui_test_tab(app, TAB_NODES);
    assert_true(rendered(app, "over capacity at times (in-flight")); /* the verdict first, whole at 1280 px */
    app_destroy(app);
}

/* An async API whose in-flight places its slow partner holds all run, turning nothing
 * away: its inspector says its slots were idle yet requests waited, and why. */
static void an_api_whose_in_flight_places_are_always_taken_says_so(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/tests/data/gui/inflight.json");
    /* before a run its badge names the limit (estimate_over_by_places), not its slots */
    app_test_log_texts(app, true);
    app_frame(app);
    assert_true(rendered(app, "max_inflight too low"));
    assert_true(run_start(app));
    wait_run(app);
    int api = model_find_node(app->model, "api");
    assert_int_equal(app->res->mean->bottleneck, api);
    char note[1536];
    assert_int_equal(overlay_capacity_note(app, api, true, note, sizeof note), NOTE_OVER);
    fprintf(stderr, "%s\n", note);
    assert_non_null(strstr(note, "Over capacity: its slots were 12% busy, yet requests waited "));
    assert_non_null(strstr(note, " Its in-flight limit (40) was reached for 20 s of the 20 s measured, its places held by "
                                 "calls waiting on Partner: raise max_inflight"));
    app_test_log_texts(app, true);
    assert_true(sel_node_by_id(app, "api"));
    app_frame(app);
    app_frame(app);
    /* its measured utilisation in the inspector is red, as the note under it (a green
     * 12% beside "Over capacity") */
    float right = -1; /* the measured column: the right one of the row's two */
    Color measured = {0, 0, 0, 0}, c;
    Rect at;
    const char *t;
    for (int i = 0; (t = app_test_drawn_text_color(app, i, &at, &c)); i++)
        if (strcmp(t, "12%") == 0 && at.x >= app->inspector_rc.x && at.x > right) {
            right = at.x;
            measured = c;
        }
    assert_true(right >= 0);
    assert_true(measured.r == theme.danger.r && measured.g == theme.danger.g && measured.b == theme.danger.b);
    /* the callout's headline gives its limit, not "API at 12%" beside "over capacity" */
    assert_true(rendered(app, "Bottleneck: API, in-flight limit 40"));
    assert_false(rendered(app, "Bottleneck: API at "));
    gui_test_tab(app, TAB_NODES);
    assert_true(rendered(app, "over capacity (in-flight full 20 s)"));
    app_destroy(app);
}

/* The read-scaling design whose app, its queue cut to 200, turns requests away while its
 * threads wait on the surviving replica: its inspector names the replica and its room. */
static void threads_held_by_a_node_full_at_times_are_named_in_the_inspector(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/db-read-scaling.json");
    int pg = model_find_node(app->model, "pg"), api = model_find_node(app->model, "app");
    app->model->nodes[pg].read_replicas = 2;
    app->model->nodes[api].queue_max = 200;
    app->version++;
    assert_true(run_start(app));
    wait_run(app);
    assert_int_equal(app->res->mean->bottleneck, api);
    char note[1536];
    assert_int_equal(overlay_capacity_note(app, api, true, note, sizeof note), NOTE_OVER);
    fprintf(stderr, "%s\n", note);
    assert_non_null(strstr(note, " Its threads were held by calls waiting on Postgres (one server), which was full at "
                                 "times: give Postgres (one server) room for those seconds"));
    /* and the replica is marked full at times beside it */
    app_frame(app);
    assert_true(app->view.nodes[pg].full_at_times);
    assert_int_equal(overlay_capacity_note(app, pg, true, note, sizeof note), NOTE_OVER);
    assert_non_null(strstr(note, "Full at times: its busiest server was 95% busy or more for "));
    app_destroy(app);
}

/* No bottleneck over the run, the database's surviving replica full while the other was
 * down: the board outlines the database and says "Full at times: Postgres", its badge is
 * red, the inspector and the Nodes tab say so, and nothing says "Bottleneck:" over it. The
 * app servers, whose threads were held waiting for it (and were what the board named until
 * the busiest server was kept per second), are drawn backed up by it, and their inspector
 * says more room there would not help. */
static void a_node_full_only_for_a_while_is_shown_on_the_board(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/db-read-scaling.json");
    int pg = model_find_node(app->model, "pg"), api = model_find_node(app->model, "app");
    Node n = app->model->nodes[pg];
    n.read_replicas = 2;
    edit_set_node(app, pg, &n, "Read replicas");
    assert_true(run_start(app));
    wait_run(app);
    assert_true(app->res->mean->bottleneck < 0);
    assert_true(app->view.nodes[pg].full_at_times && app->view.nodes[pg].over);
    assert_false(app->view.nodes[api].full_at_times || app->view.nodes[api].over);
    assert_true(app->view.nodes[api].held_at_times);
    assert_int_equal(app->view.nodes[api].backed_up_by, pg);
    assert_true(sel_node_by_id(app, "pg"));
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_true(rendered(app, "Full at times: Postgres")); /* the callout's headline */
    assert_true(rendered(app, "backed up at times by Postgres")); /* the app servers' badge */
    assert_false(rendered(app, "Bottleneck: Postgres"));
    assert_true(rendered(app, "None at this load")); /* a sentence under the headline */
    assert_true(app_test_text_drawn(app, "Full at times: its busiest server"));
    assert_true(app_screenshot(app, "gui-full-at-times.png"));
    char note[700];
    assert_int_equal(overlay_capacity_note(app, api, true, note, sizeof note), NOTE_BACKED);
    assert_non_null(strstr(note, "Backed up at times by Postgres"));
    assert_non_null(strstr(note, "More room here would not help"));
    drawer_show(app, TAB_NODES);
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "over capacity at times"));
    assert_true(app_test_text_drawn(app, "backed up at times by Postgres"));
    /* the Charts tab, nothing selected: the database full at times, its busiest server
     * beside the whole */
    sel_clear(app);
    drawer_show(app, TAB_CHARTS);
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "utilisation of Postgres"));
    assert_true(app_test_text_drawn(app, "its busiest server"));
    app_destroy(app);
}

/* The Kafka exercise's starter: 4 partitions cap its 32 consumer slots and the backlog
 * grows while the brokers are 25% busy. The callout said "Bottleneck: payment_events at
 * 25%", a figure that is no bottleneck; it gives the backlog the sentence under it gives. */
static void a_queue_bottleneck_gives_its_backlog(void **state)
{
    (void)state;
    App *app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/starters/kafka-partitions.json");
    assert_true(run_start(app));
    wait_run(app);
    const Results *r = app->res->mean;
    assert_true(r->bottleneck >= 0);
    assert_int_equal(app->res_model->nodes[r->bottleneck].kind, NODE_QUEUE);
    assert_true(r->nodes[r->bottleneck][NF_UTILISATION] < 0.5);
    char want[64], count[NUMFMT_CAP];
    snprintf(want, sizeof want, ", backlog %s", numfmt_count(r->nodes[r->bottleneck][NF_END_BACKLOG], count, sizeof count));
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_true(rendered(app, want));
    /* the queue's badge gives the same backlog, where it ended (it gave the mean, half of it) */
    snprintf(want, sizeof want, "backlog %s \xE2\x86\x91", numfmt_count(r->nodes[r->bottleneck][NF_END_BACKLOG], count, sizeof count));
    assert_true(rendered(app, want));
    char pct[NUMFMT_CAP], at[64];
    snprintf(at, sizeof at, " at %s", numfmt_percent(r->nodes[r->bottleneck][NF_UTILISATION], pct, sizeof pct));
    for (int i = 0; app_test_drawn_text(app, i); i++) /* no headline at the brokers' share */
        if (strncmp(app_test_drawn_text(app, i), "Bottleneck: ", 12) == 0) assert_null(strstr(app_test_drawn_text(app, i), at));
    /* the Requests tab: the events' work after the queue beside the producer's 3 ms, with
     * the p99 the requirement measures */
    drawer_show(app, TAB_REQUESTS);
    app_frame(app);
    app_frame(app);
    char p99[NUMFMT_CAP], line[96];
    assert_string_equal(r->type_names[0], "payment_event");
    snprintf(line, sizeof line, "p99 %s", numfmt_ms_in(r->types[0][TF_ASYNC_P99_MS], "en", p99, sizeof p99));
    assert_true(app_test_text_drawn(app, "payment_event's async work, from enqueue to done"));
    assert_true(app_test_text_drawn(app, line));
    assert_true(r->types[0][TF_ASYNC_P99_MS] > 1000 * r->types[0][TF_P99_MS]); /* seconds against ms */
    /* and the work done a request, as the CLI's column: the consumers fall behind, so a
     * fifth of the events sent a second are done a second */
    char per[NUMFMT_CAP];
    double k = results_async_per_request(r, 0);
    assert_true(k > 0.1 && k < 0.3);
    snprintf(line, sizeof line, "/s done, %s per request)", numfmt_decimal(numfmt_round_sig(k, 2), 2, per, sizeof per));
    assert_true(app_test_text_drawn(app, line));
    /* The consumer's inspector: predicted 506% beside a run's 12%. Its note said "506% of
     * its slots (instances x workers)", of which it has 32; the figure is of the 4 the
     * partitions let it use, and at most 4 of 32 (13%) are ever busy: it says so. */
    int sc = model_find_node(app->model, "scorers");
    const NodeEstimate *e = &app->est.nodes[sc];
    assert_true(e->capped_by >= 0 && app->model->nodes[e->capped_by].kind == NODE_QUEUE);
    assert_true(e->over_capacity && e->utilisation > 4);
    assert_true(r->nodes[sc][NF_UTILISATION] < 0.13); /* 4 of 32 slots at most */
    char note[1536], most[NUMFMT_CAP];
    assert_int_equal(overlay_capacity_note(app, sc, false, note, sizeof note), NOTE_OVER);
    assert_non_null(strstr(note, "the 4 partitions of payment_events (Kafka) let it use 4 of its 32 slots"));
    assert_non_null(strstr(note, numfmt_percent(4.0 / 32, most, sizeof most)));
    assert_non_null(strstr(note, "of those 4"));
    assert_null(strstr(note, "instances \xC3\x97 workers"));
    app_destroy(app);
    /* The reference design's consumers keep up: one done a request, which goes unsaid */
    app = open_app(ARCHSIM_SOURCE_DIR "/scenarios/kafka-partitions.json");
    assert_true(run_start(app));
    wait_run(app);
    assert_true(fabs(results_async_per_request(app->res->mean, 0) - 1) < 0.01);
    drawer_show(app, TAB_REQUESTS);
    app_test_log_texts(app, true);
    app_frame(app);
    app_frame(app);
    assert_true(app_test_text_drawn(app, "payment_event's async work, from enqueue to done"));
    assert_false(app_test_text_drawn(app, "per request"));
    app_destroy(app);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(requests_tab_and_callout_speak_russian_after_a_run),
        cmocka_unit_test(the_sentence_is_kept_per_run_and_language),
        cmocka_unit_test(the_callout_covers_no_node_badge_or_mark),
        cmocka_unit_test(the_callout_keeps_clear_of_the_path_picker),
        cmocka_unit_test(a_crowded_board_still_leaves_the_bottleneck_readable),
        cmocka_unit_test(a_bottleneck_full_at_times_says_so),
        cmocka_unit_test(a_node_full_only_for_a_while_is_shown_on_the_board),
        cmocka_unit_test(a_database_with_full_replicas_says_so_on_the_board),
        cmocka_unit_test(a_hot_shard_says_its_busiest_server),
        cmocka_unit_test(a_consumer_capped_by_partitions_says_its_usable_slots),
        cmocka_unit_test(a_cache_whose_in_flight_places_were_held_says_by_what),
        cmocka_unit_test(an_api_whose_in_flight_places_are_always_taken_says_so),
        cmocka_unit_test(threads_held_by_a_node_full_at_times_are_named_in_the_inspector),
        cmocka_unit_test(a_queue_bottleneck_gives_its_backlog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
