/*
 * test_layout.c - a diagram without positions gets a layered drawing (layout.h):
 * calls go left to right wherever the graph allows, no two nodes share a place, and
 * cycles, dangling edges, lone nodes and very large diagrams are handled.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/layout.h"
#include "sim/model_json.h"
#include "sim/util.h"

#define W 160.0
#define H 56.0

static Model *load(const char *path)
{
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    if (!m) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(m);
    return m;
}

/* No two nodes overlap: boxes of W x H at least a gap apart. */
static void assert_apart(const Model *m)
{
    for (int i = 0; i < m->n_nodes; i++)
        for (int j = i + 1; j < m->n_nodes; j++) {
            const Node *a = &m->nodes[i], *b = &m->nodes[j];
            bool overlap = a->x < b->x + W + 20 && b->x < a->x + W + 20 && a->y < b->y + H + 20 &&
                           b->y < a->y + H + 20;
            if (overlap) fprintf(stderr, "%s and %s overlap\n", a->id, b->id);
            assert_false(overlap);
        }
}

static const Node *node(const Model *m, const char *id)
{
    int i = model_find_node(m, id);
    assert_true(i >= 0);
    return &m->nodes[i];
}

/* Every preset with its positions removed: needed, then laid out with each call going
 * right (the presets have no cycles) and nothing overlapping; with positions, nothing
 * to do. */
static void presets_without_positions_read_left_to_right(void **state)
{
    (void)state;
    static const char *const files[] = {"twitter-timeline", "midsize-webapp", "url-shortener",
                                        "microservices-kafka", "instagram-feed", "chat-websocket"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/scenarios/%s.json", ARCHSIM_SOURCE_DIR, files[f]);
        Model *m = load(path);
        assert_false(layout_needed(m));
        for (int i = 0; i < m->n_nodes; i++) m->nodes[i].x = m->nodes[i].y = 0;
        assert_true(layout_needed(m));
        layout_layered(m, W, H);
        assert_false(layout_needed(m));
        assert_apart(m);
        for (int k = 0; k < m->n_edges; k++) {
            const Node *a = node(m, m->edges[k].from), *b = node(m, m->edges[k].to);
            if (!(a->x < b->x)) fprintf(stderr, "%s: %s -> %s goes left\n", files[f], a->id, b->id);
            assert_true(a->x < b->x);
        }
        /* Clients stand in the first layer. */
        for (int i = 0; i < m->n_nodes; i++)
            if (m->nodes[i].kind == NODE_CLIENT) assert_true(m->nodes[i].x == 0);
        model_destroy(m);
    }
}

static Model *model_of(const char *json)
{
    DiagList d;
    diag_init(&d, NULL);
    Model *m = model_from_json_lenient(json, strlen(json), &d);
    if (!m) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(m);
    return m;
}

/* A cycle (a -> b -> c -> a), an edge to a node that does not exist, a lone node and a
 * self-loop: every node gets its own place, the cycle's forward calls go right. */
static void cycles_dangling_edges_and_lone_nodes(void **state)
{
    (void)state;
    Model *m = model_of(
        "{\"format\": \"archsim/1\", \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        " {\"id\": \"a\", \"kind\": \"service\"}, {\"id\": \"b\", \"kind\": \"service\"},"
        " {\"id\": \"c\", \"kind\": \"service\"}, {\"id\": \"lone\", \"kind\": \"cache\"}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"a\"}, {\"from\": \"a\", \"to\": \"b\"},"
        " {\"from\": \"b\", \"to\": \"c\"}, {\"from\": \"c\", \"to\": \"a\", \"mode\": \"async\"},"
        " {\"from\": \"c\", \"to\": \"ghost\"}, {\"from\": \"b\", \"to\": \"b\", \"mode\": \"async\"}]}");
    assert_true(layout_needed(m));
    layout_layered(m, W, H);
    assert_apart(m);
    assert_true(node(m, "u")->x < node(m, "a")->x);
    assert_true(node(m, "a")->x < node(m, "b")->x);
    assert_true(node(m, "b")->x < node(m, "c")->x);
    assert_true(node(m, "lone")->x == 0); /* called by nobody: the first layer */
    model_destroy(m);
    /* One node, or none: nothing needed, nothing broken. */
    m = model_of("{\"format\": \"archsim/1\", \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}]}");
    assert_false(layout_needed(m));
    layout_layered(m, W, H);
    model_destroy(m);
}

/* A fan: the nodes a balancer calls share a layer, spread around its height. */
static void a_layer_is_centred_on_its_callers(void **state)
{
    (void)state;
    Model *m = model_of(
        "{\"format\": \"archsim/1\", \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"},"
        " {\"id\": \"lb\", \"kind\": \"load_balancer\"}, {\"id\": \"s1\", \"kind\": \"service\"},"
        " {\"id\": \"s2\", \"kind\": \"service\"}, {\"id\": \"s3\", \"kind\": \"service\"}],"
        " \"edges\": [{\"from\": \"u\", \"to\": \"lb\"}, {\"from\": \"lb\", \"to\": \"s1\"},"
        " {\"from\": \"lb\", \"to\": \"s2\"}, {\"from\": \"lb\", \"to\": \"s3\"}]}");
    layout_layered(m, W, H);
    assert_apart(m);
    double x = node(m, "s1")->x;
    assert_true(node(m, "s2")->x == x && node(m, "s3")->x == x);
    assert_true(node(m, "s1")->y + node(m, "s3")->y == 2 * node(m, "lb")->y);
    assert_true(node(m, "s1")->y < node(m, "s2")->y && node(m, "s2")->y < node(m, "s3")->y);
    model_destroy(m);
}

/* 100,000 nodes in one chain and 100,000 behind one balancer: no recursion, and each
 * chain node one layer right of its caller. */
/* Nodes placed in zones: each zone's nodes in a band of their own (the app draws a zone
 * as the box around its nodes: mixed in a layer, the boxes would lie over one another),
 * the nodes in no one zone in between, calls still left to right, nothing overlapping. */
static void each_zone_gets_a_band(void **state)
{
    (void)state;
    static const char json[] =
        "{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\", \"rate_rps\": 100}], "
        "\"zones\": [{\"id\": \"a\", \"region\": \"r1\"}, {\"id\": \"b\", \"region\": \"r1\"}]}, \"nodes\": ["
        "{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"lb\", \"kind\": \"load_balancer\", \"zones\": [\"a\", \"b\"]},"
        "{\"id\": \"api_b\", \"kind\": \"service\", \"zone\": \"b\"}, {\"id\": \"api_a\", \"kind\": \"service\", \"zone\": \"a\"},"
        "{\"id\": \"w_a\", \"kind\": \"service\", \"zone\": \"a\"}, {\"id\": \"db_b\", \"kind\": \"database\", \"zone\": \"b\"},"
        "{\"id\": \"db_a\", \"kind\": \"database\", \"zone\": \"a\"}, {\"id\": \"x_b\", \"kind\": \"service\", \"zone\": \"b\"}],"
        "\"edges\": [{\"from\": \"u\", \"to\": \"lb\"}, {\"from\": \"lb\", \"to\": \"api_a\"}, {\"from\": \"lb\", \"to\": \"api_b\"},"
        "{\"from\": \"api_a\", \"to\": \"w_a\"}, {\"from\": \"w_a\", \"to\": \"db_a\"}, {\"from\": \"api_b\", \"to\": \"db_b\"},"
        "{\"from\": \"api_b\", \"to\": \"x_b\"}]}";
    DiagList d;
    diag_init(&d, NULL);
    Model *m = model_from_json(json, strlen(json), &d);
    diag_free(&d);
    assert_non_null(m);
    layout_layered(m, W, H);
    assert_apart(m);
    /* each zone's extent in y, its nodes' boxes */
    double lo[3] = {1e9, 1e9, 1e9}, hi[3] = {-1e9, -1e9, -1e9};
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        int z = !n->zone ? 0 : strcmp(n->zone, "a") == 0 ? 1 : 2;
        if (n->y < lo[z]) lo[z] = n->y;
        if (n->y + H > hi[z]) hi[z] = n->y + H;
    }
    /* zone a above, the unzoned in between, zone b below; the zones' boxes (26 around the
     * nodes, 40 more for the label above) do not meet */
    assert_true(hi[1] + 26 < lo[0]);
    assert_true(hi[0] < lo[2] - 26 - 40);
    assert_true(hi[1] + 26 < lo[2] - 26 - 40);
    /* calls still go right */
    for (int k = 0; k < m->n_edges; k++)
        assert_true(node(m, m->edges[k].from)->x < node(m, m->edges[k].to)->x);
    /* a band's nodes in a layer keep their callers' order: x_b and db_b, both called by
     * api_b, side by side in zone b's band */
    assert_true(node(m, "x_b")->x == node(m, "db_b")->x);
    model_destroy(m);
}

static void very_large_diagrams(void **state)
{
    (void)state;
    int n = 100000;
    for (int shape = 0; shape < 2; shape++) {
        Model *m = xcalloc(1, sizeof *m);
        m->nodes = xcalloc((size_t)n, sizeof *m->nodes);
        m->edges = xcalloc((size_t)n, sizeof *m->edges);
        m->n_nodes = n;
        m->n_edges = n - 1;
        for (int i = 0; i < n; i++) {
            m->nodes[i].id = xasprintf("n%d", i);
            m->nodes[i].kind = i == 0 ? NODE_CLIENT : NODE_SERVICE;
        }
        for (int i = 1; i < n; i++) {
            m->edges[i - 1].from = xstrdup(m->nodes[shape == 0 ? i - 1 : 0].id);
            m->edges[i - 1].to = xstrdup(m->nodes[i].id);
        }
        layout_layered(m, W, H);
        if (shape == 0) {
            for (int i = 1; i < n; i++) assert_true(m->nodes[i].x > m->nodes[i - 1].x);
        } else {
            for (int i = 2; i < n; i++) assert_true(m->nodes[i].y > m->nodes[i - 1].y);
        }
        for (int i = 0; i < n; i++) free(m->nodes[i].id);
        for (int i = 0; i < n - 1; i++) {
            free(m->edges[i].from);
            free(m->edges[i].to);
        }
        free(m->nodes);
        free(m->edges);
        free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(presets_without_positions_read_left_to_right),
        cmocka_unit_test(cycles_dangling_edges_and_lone_nodes),
        cmocka_unit_test(a_layer_is_centred_on_its_callers),
        cmocka_unit_test(each_zone_gets_a_band),
        cmocka_unit_test(very_large_diagrams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
