/*
 * test_import.c - diagrams from Excalidraw, draw.io and Mermaid, and back: every preset
 * and starter goes archsim -> format -> archsim and comes back equal (nodes, kinds,
 * labels, numbers, edges, positions, scenario); hand-made files in each format
 * (tests/data/interop/) import with the expected kinds and edges; malformed files give
 * an error that says where; exports are byte-identical when repeated.
 */
#include <dirent.h>
#include <math.h>

#include "sim/annotation.h"
#include "sim/export.h"
#include "sim/import.h"
#include "sim/lint.h"
#include "sim/look.h"
#include "sim/tr.h"
#include "sim/util.h"
#include "sim_test.h"

/* Every preset and starter, relative to the source tree. */
static int preset_paths(char **paths, int cap)
{
    static const char *const dirs[] = {"scenarios", "scenarios/starters"};
    int n = 0;
    for (size_t k = 0; k < 2; k++) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/%s", ARCHSIM_SOURCE_DIR, dirs[k]);
        DIR *d = opendir(dir);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d)) && n < cap) {
            size_t l = strlen(e->d_name);
            if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
                paths[n++] = xasprintf("%s/%s", dirs[k], e->d_name);
        }
        closedir(d);
    }
    return n;
}

static bool import_text(const char *text, size_t len, ImportResult *r, DiagList *d)
{
    bool ok = import_bytes(text, len, r, d);
    if (!ok) diag_print(d, stderr);
    return ok;
}

/* Mermaid text imported as file `name`: its model (the import must succeed); free r and d
 * after. */
static const Model *imported(const char *name, const char *src, ImportResult *r, DiagList *d)
{
    diag_init(d, name);
    assert_true(import_text(src, strlen(src), r, d));
    return r->model;
}

static void round_trip(char *(*writer)(const Model *), ImportFormat fmt)
{
    char *paths[64];
    int n = preset_paths(paths, 64);
    assert_true(n >= 10);
    for (int i = 0; i < n; i++) {
        Model *m = load_data(paths[i]);
        model_localize(m, "ru"); /* as a board shown in Russian: the file's labels still go out */
        char *a = writer(m), *b = writer(m);
        assert_string_equal(a, b); /* deterministic */
        ImportResult r;
        DiagList d;
        diag_init(&d, paths[i]);
        assert_true(import_text(a, strlen(a), &r, &d));
        assert_int_equal(r.format, fmt);
        assert_int_equal(diag_errors(&d), 0);
        if (!model_equal(m, r.model)) {
            char *x = model_to_json(m), *y = model_to_json(r.model);
            fprintf(stderr, "%s: differs after the round trip:\n%s\n---\n%s\n", paths[i], x, y);
            free(x);
            free(y);
        }
        assert_true(model_equal(m, r.model));
        assert_int_equal(import_count(&r, NOTE_GUESSED), 0);
        import_result_free(&r);
        diag_free(&d);
        free(a);
        free(b);
        model_destroy(m);
        free(paths[i]);
    }
}

static void excalidraw_round_trip_keeps_every_preset(void **state)
{
    (void)state;
    round_trip(export_excalidraw, IMPORT_EXCALIDRAW);
}

static const char annotated[] =
    "{\"format\":\"archsim/1\",\"title\":\"t\",\"nodes\":[{\"id\":\"u\",\"kind\":\"client\",\"x\":0,\"y\":0},"
    "{\"id\":\"api\",\"kind\":\"service\",\"label\":\"API \\\"v2\\\"\\nbeta\",\"x\":240,\"y\":-20}],"
    "\"edges\":[{\"from\":\"u\",\"to\":\"api\",\"label\":\"HTTPS\\u0007\",\"mode\":\"async\",\"latency_ms\":3}],"
    "\"meta\":{\"owner\":\"me\",\"annotations\":[{\"type\":\"text\",\"text\":\"a note\",\"x\":1,\"y\":2,\"w\":50,"
    "\"h\":20},{\"type\":\"arrow\",\"text\":\"later\",\"x\":5,\"y\":5,\"w\":100,\"h\":-30},"
    "{\"type\":\"rectangle\",\"text\":\"zone\",\"x\":-10,\"y\":-10,\"w\":400,\"h\":100},{\"type\":\"line\","
    "\"x\":5,\"y\":5,\"w\":100,\"h\":0},{\"type\":\"ellipse\",\"text\":\"filled\",\"x\":0,\"y\":200,"
    "\"w\":120,\"h\":60,\"fill\":true}]}}";

static void round_trip_keeps_annotations_and_meta(char *(*writer)(const Model *))
{
    Model *m = load_text(annotated);
    char *a = writer(m);
    ImportResult r;
    DiagList d;
    diag_init(&d, "annotated");
    assert_true(import_text(a, strlen(a), &r, &d));
    assert_true(model_equal(m, r.model)); /* the filled ellipse comes back filled */
    assert_int_equal(import_count(&r, NOTE_KEPT), 5);
    import_result_free(&r);
    diag_free(&d);
    free(a);
    model_destroy(m);
}

static void excalidraw_round_trip_keeps_annotations_and_meta(void **state)
{
    (void)state;
    round_trip_keeps_annotations_and_meta(export_excalidraw);
}

static void drawio_round_trip_keeps_every_preset(void **state)
{
    (void)state;
    round_trip(export_drawio, IMPORT_DRAWIO);
}

static void drawio_round_trip_keeps_annotations_and_meta(void **state)
{
    (void)state;
    round_trip_keeps_annotations_and_meta(export_drawio);
}

/* Numbers that need 16 or 17 digits come back exactly: cJSON's printer keeps 15 digits
 * when they read back within an epsilon, and the Excalidraw and draw.io round trips (and
 * the meta kept as is) went through it: a think time of 93111.11111111111 ms came back
 * 93111.1111111111 (found by fuzz_import). */
static const char exact[] =
    "{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"r\",\"users\":500,\"think_ms\":"
    "{\"dist\":\"exponential\",\"mean\":93111.11111111111}}]},\"nodes\":[{\"id\":\"u\",\"kind\":\"client\","
    "\"x\":0,\"y\":0},{\"id\":\"api\",\"kind\":\"service\",\"x\":240,\"y\":0,\"service_ms\":"
    "{\"dist\":\"exponential\",\"mean\":1.0000000000000002}}],\"edges\":[{\"from\":\"u\",\"to\":\"api\","
    "\"latency_ms\":0.30000000000000004}],\"meta\":{\"k\":0.10000000000000002}}";

static void round_trips_keep_numbers_exactly(void **state)
{
    (void)state;
    Model *m = load_text(exact);
    assert_true(m->scenario.requests[0].think_ms.mean == 93111.11111111111);
    assert_true(m->edges[0].latency_ms == 0.30000000000000004);
    assert_non_null(strstr(m->meta_json, "0.10000000000000002")); /* kept as is */
    char *(*writers[])(const Model *) = {export_excalidraw, export_drawio};
    for (int w = 0; w < 2; w++) {
        char *a = writers[w](m);
        ImportResult r;
        DiagList d;
        diag_init(&d, "exact");
        assert_true(import_text(a, strlen(a), &r, &d));
        assert_true(r.model->scenario.requests[0].think_ms.mean == 93111.11111111111);
        assert_true(r.model->nodes[1].service_ms.mean == 1.0000000000000002);
        assert_true(r.model->edges[0].latency_ms == 0.30000000000000004);
        assert_true(model_equal(m, r.model));
        import_result_free(&r);
        diag_free(&d);
        free(a);
    }
    model_destroy(m);
}

static ImportResult import_data(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ARCHSIM_SOURCE_DIR, rel);
    DiagList d;
    diag_init(&d, path);
    ImportResult r;
    bool ok = import_file(path, &r, &d);
    if (!ok || diag_errors(&d)) diag_print(&d, stderr);
    assert_true(ok);
    assert_int_equal(diag_errors(&d), 0);
    diag_free(&d);
    return r;
}

/* The node whose label (or id) is `text` has kind `kind`. */
static void expect_box(const Model *m, int i, const char *title, const char *const *ids);

static void expect_kind(const Model *m, const char *text, NodeKind kind)
{
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        if (strcmp(n->label ? n->label : n->id, text) == 0) {
            if (n->kind != kind)
                fprintf(stderr, "'%s' is %s, expected %s\n", text, node_kind_name(n->kind), node_kind_name(kind));
            assert_int_equal(n->kind, kind);
            return;
        }
    }
    fprintf(stderr, "no node '%s'\n", text);
    fail();
}

static const char *text_of(const Model *m, const char *id)
{
    int i = model_find_node(m, id);
    assert_true(i >= 0);
    return m->nodes[i].label ? m->nodes[i].label : m->nodes[i].id;
}

/* An edge from the node labelled `a` to the one labelled `b`; its mode. */
static void expect_edge(const Model *m, const char *a, const char *b, EdgeMode mode)
{
    for (int k = 0; k < m->n_edges; k++) {
        const Edge *e = &m->edges[k];
        if (strcmp(text_of(m, e->from), a) == 0 && strcmp(text_of(m, e->to), b) == 0) {
            assert_int_equal(e->mode, mode);
            return;
        }
    }
    fprintf(stderr, "no edge '%s' -> '%s'\n", a, b);
    fail();
}

static void excalidraw_hand_made_imports_kinds_edges_and_annotations(void **state)
{
    (void)state;
    ImportResult r = import_data("tests/data/interop/webapp.excalidraw");
    const Model *m = r.model;
    assert_int_equal(r.format, IMPORT_EXCALIDRAW);
    assert_int_equal(m->n_nodes, 11);
    expect_kind(m, "Users", NODE_CLIENT);
    expect_kind(m, "CDN", NODE_CDN);
    expect_kind(m, "nginx", NODE_LOAD_BALANCER);
    expect_kind(m, "API", NODE_SERVICE);
    expect_kind(m, "Redis", NODE_CACHE);
    expect_kind(m, "Postgres", NODE_DATABASE);
    expect_kind(m, "Kafka", NODE_QUEUE);
    expect_kind(m, "worker", NODE_SERVICE);
    expect_kind(m, "S3", NODE_OBJECT_STORE);
    expect_kind(m, "Payments provider", NODE_SERVICE); /* no word tells: the default */
    assert_int_equal(m->n_edges, 9);
    expect_edge(m, "Users", "nginx", EDGE_SYNC);
    expect_edge(m, "nginx", "API", EDGE_SYNC);
    expect_edge(m, "API", "Kafka", EDGE_ASYNC); /* dashed */
    expect_edge(m, "worker", "S3", EDGE_SYNC);  /* unbound, joined by its ends */
    /* the edge label bound to the arrow */
    bool https = false;
    for (int k = 0; k < m->n_edges; k++) https |= m->edges[k].label && strcmp(m->edges[k].label, "HTTPS") == 0;
    assert_true(https);
    /* positions: the shape's centre is the node's centre */
    int api = model_find_node(m, "api");
    assert_true(api >= 0);
    assert_true(fabs(m->nodes[api].x - (400 + 70 - 80)) < 1e-9 && fabs(m->nodes[api].y - (200 + 30 - 28)) < 1e-9);
    /* kept, not kept, and the traffic the drawing lacks */
    assert_int_equal(import_count(&r, NOTE_KEPT), 3);
    assert_int_equal(import_count(&r, NOTE_NOT_KEPT), 1);
    assert_non_null(strstr(m->meta_json, "TODO: add a read replica"));
    assert_int_equal(m->scenario.n_requests, 1);
    assert_true(import_count(&r, NOTE_GUESSED) >= 9);
    import_result_free(&r);
}

/* A malformed file: no model, an error naming where (a path or a line). */
static void expect_error(const char *rel, const char *where)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ARCHSIM_SOURCE_DIR, rel);
    DiagList d;
    diag_init(&d, path);
    ImportResult r;
    assert_false(import_file(path, &r, &d));
    assert_null(r.model);
    assert_true(diag_errors(&d) > 0);
    bool found = false;
    for (int i = 0; i < d.n_items; i++) {
        char at[600];
        snprintf(at, sizeof at, "%d:%d %s %s", d.items[i].line, d.items[i].col, d.items[i].path, d.items[i].message);
        found |= strstr(at, where) != NULL;
    }
    if (!found) diag_print(&d, stderr);
    assert_true(found);
    import_result_free(&r);
    diag_free(&d);
}

/* A PNG whose text chunk claims 1.7 GB in a 3.7 KB file is refused at once, by where
 * (libpng would allocate the claimed length first; fuzz_import found it). */
static void png_chunks_longer_than_the_file_are_refused(void **state)
{
    (void)state;
    expect_error("tests/data/interop/bad_chunk_length.png", "the chunk at byte 33 claims 1701733403 bytes");
}

static void excalidraw_malformed_files_say_where(void **state)
{
    (void)state;
    expect_error("tests/data/interop/bad_syntax.excalidraw", "2:44");
    expect_error("tests/data/interop/bad_elements.excalidraw", "elements");
    expect_error("tests/data/interop/bad_element.excalidraw", "elements[1]");
}

static void drawio_hand_made_imports_kinds_from_labels_and_styles(void **state)
{
    (void)state;
    ImportResult r = import_data("tests/data/interop/aws.drawio");
    const Model *m = r.model;
    assert_int_equal(r.format, IMPORT_DRAWIO);
    assert_int_equal(m->n_nodes, 10);
    /* from AWS, GCP and Azure styles, the labels saying nothing */
    assert_int_equal(m->nodes[model_find_node(m, "users")].kind, NODE_CLIENT);
    expect_kind(m, "Edge", NODE_CDN);
    expect_kind(m, "Ingress", NODE_LOAD_BALANCER);
    expect_kind(m, "Sessions", NODE_CACHE);
    expect_kind(m, "Jobs", NODE_QUEUE);
    expect_kind(m, "Uploads", NODE_OBJECT_STORE);
    expect_kind(m, "Analytics", NODE_DATABASE);
    expect_kind(m, "Payments", NODE_DATABASE);
    /* from the label (HTML read as text) and a generic cylinder */
    expect_kind(m, "Orders", NODE_SERVICE);
    expect_kind(m, "Orders DB", NODE_DATABASE);
    assert_int_equal(m->n_edges, 8);
    expect_edge(m, "Edge", "Ingress", EDGE_SYNC);
    expect_edge(m, "Orders", "Jobs", EDGE_ASYNC);   /* dashed */
    expect_edge(m, "Jobs", "Uploads", EDGE_SYNC);   /* loose points on the shapes */
    expect_edge(m, "Orders", "Sessions", EDGE_SYNC); /* inside the VPC group */
    bool https = false, get = false;
    for (int k = 0; k < m->n_edges; k++) {
        https |= m->edges[k].label && strcmp(m->edges[k].label, "HTTPS") == 0; /* an edgeLabel child */
        get |= m->edges[k].label && strcmp(m->edges[k].label, "GET") == 0;     /* the edge's value */
    }
    assert_true(https && get);
    /* a child of the VPC group sits at the group's position plus its own, centred */
    int api = model_find_node(m, "orders");
    assert_true(fabs(m->nodes[api].x - (500 + 40 + 60 - 80)) < 1e-9);
    assert_true(fabs(m->nodes[api].y - (100 + 80 + 30 - 28)) < 1e-9);
    /* the group, the text and the loose line are kept; the second page is not */
    assert_int_equal(import_count(&r, NOTE_KEPT), 3);
    assert_int_equal(import_count(&r, NOTE_NOT_KEPT), 1);
    assert_non_null(strstr(m->meta_json, "Draft v2: check the cache size"));
    import_result_free(&r);

    r = import_data("tests/data/interop/compressed.drawio");
    m = r.model;
    assert_int_equal(m->n_nodes, 5);
    expect_kind(m, "Mobile app", NODE_CLIENT);
    expect_kind(m, "HAProxy", NODE_LOAD_BALANCER);
    expect_kind(m, "App server", NODE_SERVICE);
    expect_kind(m, "MySQL", NODE_DATABASE);
    expect_kind(m, "Memcached", NODE_CACHE);
    assert_int_equal(m->n_edges, 4);
    expect_edge(m, "App server", "MySQL", EDGE_SYNC);
    bool amp = false;
    for (int k = 0; k < m->n_edges; k++) amp |= m->edges[k].label && strcmp(m->edges[k].label, "reads & writes") == 0;
    assert_true(amp);
    import_result_free(&r);
}

static void drawio_malformed_files_say_where(void **state)
{
    (void)state;
    expect_error("tests/data/interop/bad_xml.drawio", "6:1");
    expect_error("tests/data/interop/bad_root.drawio", "1:0");
    expect_error("tests/data/interop/bad_base64.drawio", "line 1 (<diagram>)");
    expect_error("tests/data/interop/bad_deflate.drawio", "line 1 (<diagram>)");
    expect_error("tests/data/interop/dtd.drawio", "a DTD");
    /* an empty page: said so, and nothing held on to (fuzz_import found its decode buffer
     * leaking; the sanitizer build of this test would too) */
    expect_error("tests/data/interop/empty_page.drawio", "the page is empty");
}

static void mermaid_flowchart_imports_shapes_labels_chains_and_subgraphs(void **state)
{
    (void)state;
    ImportResult r = import_data("tests/data/interop/shop.mmd");
    const Model *m = r.model;
    assert_int_equal(r.format, IMPORT_MERMAID);
    assert_string_equal(m->title, "Shop checkout");
    assert_int_equal(m->n_nodes, 12);
    expect_kind(m, "Shoppers' browsers", NODE_CLIENT);
    expect_kind(m, "CloudFront CDN", NODE_CDN);
    expect_kind(m, "Load balancer", NODE_LOAD_BALANCER);
    expect_kind(m, "Checkout API", NODE_SERVICE);
    expect_kind(m, "Redis", NODE_CACHE);
    expect_kind(m, "Orders", NODE_DATABASE); /* [( )]: a cylinder */
    expect_kind(m, "Kafka topic", NODE_QUEUE);
    expect_kind(m, "SendGrid", NODE_EXTERNAL_API);
    expect_kind(m, "Receipts bucket", NODE_OBJECT_STORE); /* inside a subgraph */
    expect_kind(m, "Risk model", NODE_SERVICE);
    assert_int_equal(m->n_edges, 11);
    expect_edge(m, "Checkout API", "Kafka topic", EDGE_ASYNC); /* -.-> */
    expect_edge(m, "Kafka topic", "Email worker", EDGE_SYNC);  /* q --> worker1 & worker2 */
    expect_edge(m, "Kafka topic", "Fraud check", EDGE_SYNC);
    expect_edge(m, "Fraud check", "Risk model", EDGE_SYNC);    /* ==> */
    const char *labels[] = {"HTTPS", "reads", "order placed"};
    for (int i = 0; i < 3; i++) {
        bool found = false;
        for (int k = 0; k < m->n_edges; k++) found |= m->edges[k].label && strcmp(m->edges[k].label, labels[i]) == 0;
        assert_true(found);
    }
    /* laid out in layers: the client left of what it calls */
    assert_true(m->nodes[model_find_node(m, "users")].x < m->nodes[model_find_node(m, "lb")].x);
    assert_int_equal(import_count(&r, NOTE_NOT_KEPT), 3); /* classDef, class, click */
    /* the subgraph: a rectangle annotation with its title around its node */
    assert_int_equal(import_count(&r, NOTE_KEPT), 1);
    expect_box(m, 0, "Blob storage", (const char *[]){"files", NULL});
    import_result_free(&r);
}

/* Annotation i is a rectangle titled `title` enclosing the nodes `ids` (NULL-ended). */
static void expect_box(const Model *m, int i, const char *title, const char *const *ids)
{
    Annotation *a;
    int n = annotations_read(m->meta_json, &a);
    assert_true(i < n);
    assert_int_equal(a[i].type, ANN_RECTANGLE);
    assert_string_equal(a[i].text, title);
    for (int k = 0; ids[k]; k++) {
        const Node *nd = &m->nodes[model_find_node(m, ids[k])];
        assert_true(nd->x > a[i].x && nd->y > a[i].y);
        assert_true(nd->x + LOOK_NODE_W < a[i].x + a[i].w && nd->y + LOOK_NODE_H < a[i].y + a[i].h);
    }
    annotations_free(a, n);
}

static void mermaid_nested_subgraphs_are_boxes_inside_boxes(void **state)
{
    (void)state;
    const char *src = "flowchart LR\n"
                      "  users[Users] --> lb[Load balancer]\n"
                      "  subgraph vpc [VPC]\n"
                      "    lb --> api[API]\n"
                      "    subgraph data[\"Data tier\"]\n"
                      "      api --> db[(Orders)]\n"
                      "    end\n"
                      "  end\n"
                      "  subgraph empty\n"
                      "  end\n";
    ImportResult r;
    DiagList d;
    diag_init(&d, "nested.mmd");
    assert_true(import_bytes(src, strlen(src), &r, &d));
    const Model *m = r.model;
    /* lb was named outside first: it stays outside; api in the VPC; db in both */
    expect_box(m, 0, "VPC", (const char *[]){"api", "db", NULL});
    expect_box(m, 1, "Data tier", (const char *[]){"db", NULL});
    Annotation *a;
    int n = annotations_read(m->meta_json, &a);
    assert_int_equal(n, 2); /* the empty one is reported, not kept */
    assert_true(a[0].x < a[1].x && a[0].y < a[1].y && a[0].x + a[0].w > a[1].x + a[1].w &&
                a[0].y + a[0].h > a[1].y + a[1].h);
    annotations_free(a, n);
    assert_int_equal(import_count(&r, NOTE_KEPT), 2);
    assert_int_equal(import_count(&r, NOTE_NOT_KEPT), 1);
    import_result_free(&r);
    diag_free(&d);
}

/* Is there an edge from id a to id b? Its label into *label. */
static bool has_edge(const Model *m, const char *a, const char *b, const char **label)
{
    for (int k = 0; k < m->n_edges; k++)
        if (strcmp(m->edges[k].from, a) == 0 && strcmp(m->edges[k].to, b) == 0) {
            if (label) *label = m->edges[k].label;
            return true;
        }
    return false;
}

static int bypass_findings(const Model *m)
{
    LintList l;
    lint_init(&l);
    lint_model(m, &l);
    int n = 0;
    for (int i = 0; i < l.n_items; i++) n += l.items[i].check == LINT_CACHE_BYPASS;
    lint_free(&l);
    return n;
}

/* Cache-aside as people draw it: the service calls the cache, and the database over an
 * arrow labelled "miss". archsim's caches call their store themselves, so the arrow
 * becomes the cache's miss path; any other label is left for the modelling check. */
static void a_miss_arrow_beside_a_cache_becomes_the_caches_miss_path(void **state)
{
    (void)state;
    const char *labels[] = {"on cache miss", "misses", "\xD0\xBF\xD1\x80\xD0\xB8 \xD0\xBF\xD1\x80\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x85\xD0\xB5",
                            "permissions", "dismissed", NULL};
    for (int k = 0; labels[k]; k++) {
        bool miss = k < 3;
        char *src = xasprintf("flowchart LR\n"
                              "  users[Users] --> api[API]\n"
                              "  api --> cache[(Redis)]\n"
                              "  api -->|%s| db[(Postgres)]\n",
                              labels[k]);
        ImportResult r;
        DiagList d;
        const Model *m = imported("aside.mmd", src, &r, &d);
        const char *label = NULL;
        assert_int_equal(has_edge(m, "api", "db", NULL), !miss);
        assert_int_equal(has_edge(m, "cache", "db", &label), miss);
        assert_true(has_edge(m, "api", "cache", NULL));
        assert_int_equal(bypass_findings(m), miss ? 0 : 1);
        bool noted = false;
        for (int i = 0; i < r.n_notes; i++)
            noted |= r.notes[i].kind == NOTE_GUESSED && strstr(r.notes[i].message, "cache -> db") != NULL;
        assert_int_equal(noted, miss);
        if (miss) {
            assert_string_equal(label, labels[k]);     /* the arrow's words go along */
            assert_int_equal(m->edges[m->n_edges - 1].n_requests, 0); /* every type: no filter */
            assert_false(diag_errors(&d));
        }
        import_result_free(&r);
        diag_free(&d);
        free(src);
    }
}

/* A rate written on a client's arrow is the traffic: reads or writes as the label says;
 * with more arrows, each carries its own type. Labels that are not rates leave the
 * default of 100 reads/s, and say so. */
static void traffic_written_on_arrows_becomes_request_types(void **state)
{
    (void)state;
    static const struct {
        const char *label;
        double rps; /* 0: not a rate */
        Op op;
        const char *name;
    } cases[] = {
        {"10k rps", 10000, OP_READ, "requests"},
        {"300,000 req/s", 300000, OP_READ, "requests"},
        {"5K QPS", 5000, OP_READ, "requests"},
        {"1.5M requests per second", 1.5e6, OP_READ, "requests"},
        {"200 writes/s", 200, OP_WRITE, "writes"},
        {"reads: 300k a second", 300000, OP_READ, "reads"},
        {"300k reads a second", 300000, OP_READ, "reads"},
        {"2.5 rps", 2.5, OP_READ, "requests"},
        {"10k<br/>rps", 10000, OP_READ, "requests"}, /* on two lines */
        {"p99 < 200 ms", 0, OP_READ, "requests"},
        {"10k users", 0, OP_READ, "requests"},
        {"HTTP/2", 0, OP_READ, "requests"},
        {"v2 API, 1,5 s timeout", 0, OP_READ, "requests"},
        {"2,000M rps", 0, OP_READ, "requests"}, /* past what a file takes (10^9): not guessed */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *src = xasprintf("flowchart LR\n  u[Users] -->|\"%s\"| api[API]\n  api --> db[(DB)]\n", cases[k].label);
        ImportResult r;
        DiagList d;
        const Model *m = imported("rate.mmd", src, &r, &d);
        assert_int_equal(m->scenario.n_requests, 1);
        const RequestType *t = &m->scenario.requests[0];
        if (!(fabs(t->rate_rps - (cases[k].rps ? cases[k].rps : 100)) < 1e-9) || t->op != cases[k].op ||
            strcmp(t->name, cases[k].name) != 0)
            fail_msg("'%s': %s at %g/s, op %d", cases[k].label, t->name, t->rate_rps, (int)t->op);
        assert_int_equal(import_count(&r, NOTE_DEFAULTED), cases[k].rps ? 0 : 1);
        /* a rate read moves into the scenario (an export writes it back); other words stay */
        if (cases[k].rps) assert_null(m->edges[0].label);
        else assert_string_equal(m->edges[0].label, cases[k].label);
        assert_int_equal(m->edges[0].n_requests, 0); /* the client's only arrow: no filter */
        assert_false(diag_errors(&d));
        import_result_free(&r);
        diag_free(&d);
        free(src);
    }
    /* closed-loop users, with their think time (without one, "10k users" above is not
     * traffic: it may be a day's users); the words that are not traffic stay the label */
    static const struct {
        const char *label;
        int users;
        double think_ms;
        Op op;
        const char *name, *rest;
    } users[] = {
        {"500 users (think 2 s)", 500, 2000, OP_READ, "requests", NULL},
        {"2000 checkout users (think 250 ms) (write)", 2000, 250, OP_WRITE, "checkout", NULL},
        {"HTTPS; 1.5k users thinking 0.5 s", 1500, 500, OP_READ, "requests", "HTTPS"},
        {"50 users thinking 0 ms", 50, 0, OP_READ, "requests", NULL},
    };
    for (size_t k = 0; k < sizeof users / sizeof *users; k++) {
        char *src = xasprintf("flowchart LR\n  u[Users] -->|\"%s\"| api[API]\n", users[k].label);
        ImportResult r;
        DiagList d;
        const Model *m = imported("users.mmd", src, &r, &d);
        assert_int_equal(m->scenario.n_requests, 1);
        const RequestType *t = &m->scenario.requests[0];
        if (t->users != users[k].users || t->rate_rps != 0 || dist_mean(&t->think_ms) != users[k].think_ms ||
            t->op != users[k].op || strcmp(t->name, users[k].name) != 0)
            fail_msg("'%s': %s, %d users thinking %g ms, %g/s, op %d", users[k].label, t->name, t->users,
                     dist_mean(&t->think_ms), t->rate_rps, (int)t->op);
        assert_int_equal(t->think_ms.kind, users[k].think_ms > 0 ? DIST_EXPONENTIAL : DIST_CONSTANT);
        if (users[k].rest) assert_string_equal(m->edges[0].label, users[k].rest);
        else assert_null(m->edges[0].label);
        assert_int_equal(import_count(&r, NOTE_DEFAULTED), 0);
        assert_false(diag_errors(&d));
        import_result_free(&r);
        diag_free(&d);
        free(src);
    }
    /* two rates on one arrow, in a line or on two: two types, the arrow carrying both */
    const char *one_arrow[] = {"300k reads/s, 6k writes/s", "300k reads/s<br/>6k writes/s", "6k writes/s and 300k QPS reads"};
    for (int k = 0; k < 3; k++) {
        char *src = xasprintf("flowchart LR\n  u[Users] -->|\"%s\"| api[API]\n  api --> db[(DB)]\n", one_arrow[k]);
        ImportResult r;
        DiagList d;
        const Model *m = imported("one.mmd", src, &r, &d);
        assert_int_equal(m->scenario.n_requests, 2);
        int reads = model_find_request(m, "reads"), writes = model_find_request(m, "writes");
        if (reads < 0 || writes < 0) fail_msg("'%s': no reads and writes", one_arrow[k]);
        assert_true(m->scenario.requests[reads].rate_rps == 300000 && m->scenario.requests[reads].op == OP_READ);
        assert_true(m->scenario.requests[writes].rate_rps == 6000 && m->scenario.requests[writes].op == OP_WRITE);
        assert_int_equal(m->edges[0].n_requests, 0); /* the only arrow: both go its way */
        assert_false(diag_errors(&d));
        import_result_free(&r);
        diag_free(&d);
        free(src);
    }
    /* a miss arrow that also carries writes: the writes keep the service's arrow, without
     * the "miss" label, which goes with the reads to the cache's arrow */
    {
        const char *aside = "flowchart LR\n"
                            "  u[Users] -->|\"300k reads/s, 6k writes/s\"| api[API]\n"
                            "  api --> cache[(Redis)]\n"
                            "  api -->|on miss| db[(Postgres)]\n";
        ImportResult r;
        DiagList d;
        const Model *m = imported("aside2.mmd", aside, &r, &d);
        const char *label = "x";
        assert_true(has_edge(m, "api", "db", &label));
        assert_null(label);
        assert_true(has_edge(m, "cache", "db", &label));
        assert_string_equal(label, "on miss");
        import_result_free(&r);
        diag_free(&d);
    }
    /* two arrows, two types, each on its own way */
    const char *two = "flowchart LR\n"
                      "  u[Users] -->|300k reads/s| cdn[CloudFront]\n"
                      "  u -->|\"6,000 writes/s\"| api[API]\n"
                      "  cdn --> api\n"
                      "  api --> db[(Postgres)]\n";
    ImportResult r;
    DiagList d;
    const Model *m = imported("two.mmd", two, &r, &d);
    assert_int_equal(m->scenario.n_requests, 2);
    int reads = model_find_request(m, "reads"), writes = model_find_request(m, "writes");
    assert_true(reads >= 0 && writes >= 0);
    assert_int_equal(m->scenario.requests[reads].op, OP_READ);
    assert_int_equal(m->scenario.requests[writes].op, OP_WRITE);
    assert_true(m->scenario.requests[reads].rate_rps == 300000 && m->scenario.requests[writes].rate_rps == 6000);
    for (int k = 0; k < m->n_edges; k++) {
        const Edge *e = &m->edges[k];
        if (strcmp(e->from, "u") != 0) continue;
        assert_int_equal(e->n_requests, 1);
        assert_string_equal(e->requests[0], strcmp(e->to, "cdn") == 0 ? "reads" : "writes");
    }
    assert_int_equal(import_count(&r, NOTE_DEFAULTED), 0);
    bool noted = false; /* at the arrow's line */
    for (int i = 0; i < r.n_notes; i++)
        noted |= strstr(r.notes[i].message, "300,000 reads/s") && strcmp(r.notes[i].where, "line 2") == 0;
    assert_true(noted);
    assert_false(diag_errors(&d));
    import_result_free(&r);
    diag_free(&d);
}

static void mermaid_architecture_imports_services_and_junctions(void **state)
{
    (void)state;
    ImportResult r = import_data("tests/data/interop/arch.mmd");
    const Model *m = r.model;
    assert_int_equal(m->n_nodes, 4); /* the junction is not a node */
    expect_kind(m, "Database", NODE_DATABASE);
    expect_kind(m, "Storage", NODE_OBJECT_STORE); /* its icon: disk */
    expect_kind(m, "Server", NODE_SERVICE);
    assert_int_equal(m->n_edges, 3);
    expect_edge(m, "Gateway", "Server", EDGE_SYNC); /* through the junction */
    expect_edge(m, "Database", "Server", EDGE_SYNC);
    expect_box(m, 0, "API", (const char *[]){"db", "disk1", "server", NULL}); /* the group */
    import_result_free(&r);
}

/* The same distribution as a file would say it: kind, mean and the kind's parameters (a
 * uniform's unused mean field aside). */
static bool same_dist(const Dist *a, const Dist *b)
{
    return a->kind == b->kind && dist_mean(a) == dist_mean(b) && a->cap == b->cap &&
           (a->kind != DIST_UNIFORM || (a->min == b->min && a->max == b->max)) &&
           (a->kind != DIST_PARETO || a->alpha == b->alpha) && (a->kind != DIST_LOGNORMAL || a->p99 == b->p99);
}

/* Does part (up to ", ") occur among the ", "-separated parts of list? */
static bool has_part(const char *list, const char *part, size_t len)
{
    for (const char *p = list; p;) {
        const char *end = strstr(p, ", ");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && strncmp(p, part, len) == 0) return true;
        p = end ? end + 2 : NULL;
    }
    return false;
}

/* An edge's label after a Mermaid round trip: its parts that are not also the edge's
 * summary (latency, timeout... which the import reads into the edge), in order. */
static bool label_came_back(const Edge *a, const char *back)
{
    Edge bare = *a;
    bare.label = NULL;
    char *sum = edge_summary(&bare);
    StrBuf want;
    sb_init(&want);
    for (const char *p = a->label; p;) {
        const char *end = strstr(p, ", ");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (!has_part(sum, p, n)) sb_printf(&want, "%s%.*s", want.len ? ", " : "", (int)n, p);
        p = end ? end + 2 : NULL;
    }
    bool same = want.len ? back && strcmp(back, want.data) == 0 : back == NULL;
    sb_free(&want);
    free(sum);
    return same;
}

static void mermaid_export_imports_with_every_kind(void **state)
{
    (void)state;
    char *paths[64];
    int n = preset_paths(paths, 64);
    for (int i = 0; i < n; i++) {
        Model *m = load_data(paths[i]);
        char *text = export_mermaid(m);
        ImportResult r;
        DiagList d;
        diag_init(&d, paths[i]);
        assert_true(import_text(text, strlen(text), &r, &d));
        assert_int_equal(r.model->n_nodes, m->n_nodes);
        /* kinds and labels come back (the kind is written in each node's text), and what
         * its summary says */
        for (int k = 0; k < m->n_nodes; k++) {
            const Node *a = &m->nodes[k], *b = &r.model->nodes[k];
            bool sized = a->kind != NODE_CLIENT && a->kind != NODE_LOAD_BALANCER && a->kind != NODE_DATABASE &&
                         a->kind != NODE_OBJECT_STORE && a->kind != NODE_EXTERNAL_API;
            /* every node's service time (a service's, a database's... written when it is not
             * its kind's default), a Pareto's shape and a cap included */
            bool service = a->kind != NODE_CLIENT;
            if ((sized && (a->instances != b->instances || a->workers != b->workers)) ||
                (a->kind != NODE_CACHE && a->kind != NODE_CDN && a->kind != NODE_QUEUE && sized && a->io != b->io) ||
                a->policy != b->policy || a->shards != b->shards || a->read_replicas != b->read_replicas ||
                a->pool != b->pool || a->hit_ratio != b->hit_ratio || node_cache_capacity(a) != node_cache_capacity(b) ||
                a->ttl_s != b->ttl_s || a->write_policy != b->write_policy || a->max_depth != b->max_depth ||
                a->partitions != b->partitions || a->max_attempts != b->max_attempts ||
                a->rate_limit_rps != b->rate_limit_rps || a->timeout_ms != b->timeout_ms ||
                (service && !same_dist(&a->service_ms, &b->service_ms)))
                fail_msg("%s: node %s came back different", paths[i], a->id);
            assert_string_equal(r.model->nodes[k].label ? r.model->nodes[k].label : r.model->nodes[k].id,
                                m->nodes[k].label ? m->nodes[k].label : m->nodes[k].id);
        }
        /* every edge (and a dead-letter link each) */
        int dl = 0;
        for (int k = 0; k < m->n_nodes; k++) dl += m->nodes[k].kind == NODE_QUEUE && m->nodes[k].dead_letter;
        assert_int_equal(r.model->n_edges, m->n_edges + dl);
        /* what the edges' summaries say comes back into the edges, and their own labels */
        for (int k = 0; k < m->n_edges; k++) {
            const Edge *a = &m->edges[k], *b = &r.model->edges[k];
            if (a->latency_ms != b->latency_ms || a->timeout_ms != b->timeout_ms || a->probability != b->probability ||
                a->retries != b->retries || !same_dist(&a->fanout, &b->fanout) ||
                a->n_requests != b->n_requests || !label_came_back(a, b->label))
                fail_msg("%s: edge %s -> %s came back as latency %g ms, timeout %g ms, p=%g, %d retries, x%g, %d "
                         "types, label '%s'",
                         paths[i], a->from, a->to, b->latency_ms, b->timeout_ms, b->probability, b->retries,
                         dist_mean(&b->fanout), b->n_requests, b->label ? b->label : "");
            for (int q = 0; q < a->n_requests; q++) assert_true(edge_carries(b, a->requests[q]));
        }
        /* the traffic, written on the users' arrows: each open-loop type by name, rate and
         * operation (nothing made up: no default of 100 reads/s) */
        int open_loop = 0;
        for (int t = 0; t < m->scenario.n_requests; t++) {
            const RequestType *q = &m->scenario.requests[t];
            if (!(q->rate_rps > 0)) continue;
            open_loop++;
            int back = model_find_request(r.model, q->name);
            if (back < 0) fail_msg("%s: request type %s did not come back", paths[i], q->name);
            assert_true(fabs(r.model->scenario.requests[back].rate_rps - q->rate_rps) <= 1e-9 * q->rate_rps);
            assert_int_equal(r.model->scenario.requests[back].op, q->op);
        }
        assert_int_equal(r.model->scenario.n_requests, m->scenario.n_requests);
        /* and again: the traffic read from the arrows is written once, not twice */
        char *again = export_mermaid(r.model);
        ImportResult r2;
        DiagList d2;
        diag_init(&d2, paths[i]);
        assert_true(import_text(again, strlen(again), &r2, &d2));
        assert_int_equal(r2.model->scenario.n_requests, m->scenario.n_requests);
        for (int t = 0; t < m->scenario.n_requests; t++)
            assert_true(r2.model->scenario.requests[t].rate_rps == r.model->scenario.requests[t].rate_rps);
        char *third = export_mermaid(r2.model);
        assert_string_equal(third, again); /* a fixed point from the first import on ... */
        if (!strstr(paths[i], "failure-drill")) /* ... and the first export's, but where a label repeats its summary */
            assert_string_equal(again, text);
        free(third);
        free(again);
        import_result_free(&r2);
        diag_free(&d2);
        import_result_free(&r);
        diag_free(&d);
        free(text);
        model_destroy(m);
        free(paths[i]);
    }
}

/* A service time's Pareto shape and cap go out in the node's summary and come back. */
static void mermaid_keeps_a_pareto_shape_and_a_cap(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\": \"archsim/1\", \"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, "
                         "{\"id\": \"a\", \"kind\": \"service\", \"service_ms\": {\"dist\": \"pareto\", \"mean\": 5, "
                         "\"alpha\": 1.5}}, {\"id\": \"b\", \"kind\": \"database\", \"service_ms\": {\"dist\": "
                         "\"exponential\", \"mean\": 5, \"cap\": 50}}], \"edges\": [{\"from\": \"u\", \"to\": \"a\"}, "
                         "{\"from\": \"a\", \"to\": \"b\"}]}");
    char *text = export_mermaid(m);
    assert_non_null(strstr(text, "service: 2 x 8 workers, blocking, pareto 5 ms, alpha 1.5"));
    assert_non_null(strstr(text, "database: primary, pool 20, exp 5 ms, cap 50 ms"));
    ImportResult r;
    DiagList d;
    diag_init(&d, "pareto");
    assert_true(import_text(text, strlen(text), &r, &d));
    for (int k = 1; k < 3; k++) assert_true(same_dist(&m->nodes[k].service_ms, &r.model->nodes[k].service_ms));
    import_result_free(&r);
    diag_free(&d);
    free(text);
    model_destroy(m);
}

/* Every number of a summary comes back exactly: %g wrote six digits ("0.123457 ms"), so
 * a round trip moved latencies, timeouts, hit ratios and service times. The summary keeps
 * them short where they are ("10 ms", not "1e+01 ms"; "57%", read back as 0.57). */
static void mermaid_numbers_come_back_exactly(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\": \"archsim/1\", \"scenario\": {\"requests\": [{\"name\": \"r\", \"rate_rps\": 10}]}, "
                         "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\", \"timeout_ms\": 1234.5678901},"
                         "{\"id\": \"a\", \"kind\": \"service\", \"rate_limit_rps\": 12345.678, \"service_ms\": "
                         "{\"dist\": \"lognormal\", \"mean\": 0.3333333333333333, \"p99\": 2.718281828}}, "
                         "{\"id\": \"c\", \"kind\": \"cache\", \"hit_ratio\": 0.57}, "
                         "{\"id\": \"b\", \"kind\": \"database\", \"service_ms\": {\"dist\": \"exponential\", "
                         "\"mean\": 1.1, \"cap\": 10}}], "
                         "\"edges\": [{\"from\": \"u\", \"to\": \"a\", \"latency_ms\": 0.1234567}, "
                         "{\"from\": \"a\", \"to\": \"c\", \"latency_ms\": 150, \"timeout_ms\": 99.99999, "
                         "\"probability\": 0.7071, \"fanout\": {\"dist\": \"uniform\", \"min\": 1.1, \"max\": 2.7}}, "
                         "{\"from\": \"c\", \"to\": \"b\", \"latency_ms\": 0.00001}]}");
    char *text = export_mermaid(m);
    printf("%s", text);
    assert_non_null(strstr(text, "0.1234567 ms"));
    assert_non_null(strstr(text, "150 ms"));
    assert_non_null(strstr(text, "hit 57%"));
    assert_non_null(strstr(text, "0.00001 ms"));
    assert_null(strstr(text, "e+"));
    ImportResult r;
    DiagList d;
    diag_init(&d, "numbers");
    assert_true(import_text(text, strlen(text), &r, &d));
    const Model *b = r.model;
    assert_int_equal(b->n_nodes, m->n_nodes);
    assert_int_equal(b->n_edges, m->n_edges);
    assert_true(b->nodes[0].timeout_ms == m->nodes[0].timeout_ms);
    assert_true(b->nodes[1].rate_limit_rps == m->nodes[1].rate_limit_rps);
    assert_true(b->nodes[2].hit_ratio == m->nodes[2].hit_ratio);
    for (int k = 1; k < 4; k++) assert_true(same_dist(&m->nodes[k].service_ms, &b->nodes[k].service_ms));
    for (int k = 0; k < 3; k++) {
        assert_true(b->edges[k].latency_ms == m->edges[k].latency_ms);
        assert_true(b->edges[k].timeout_ms == m->edges[k].timeout_ms);
        assert_true(b->edges[k].probability == m->edges[k].probability);
        assert_true(same_dist(&m->edges[k].fanout, &b->edges[k].fanout));
    }
    import_result_free(&r);
    diag_free(&d);
    free(text);
    model_destroy(m);
}

/* Closed-loop users go out on the users' arrow with their think time's mean, and come
 * back as users, beside open-loop types on the same arrow. */
static void mermaid_export_keeps_closed_loop_users(void **state)
{
    (void)state;
    const char *json = "{\"format\": \"archsim/1\", \"scenario\": {\"duration_s\": 10, \"requests\": ["
                       "{\"name\": \"checkout\", \"users\": 2000, \"op\": \"write\", "
                       "\"think_ms\": {\"dist\": \"constant\", \"mean\": 500}},"
                       "{\"name\": \"browse\", \"users\": 30, \"think_ms\": 0},"
                       "{\"name\": \"feed\", \"rate_rps\": 300}]},"
                       "\"nodes\": [{\"id\": \"users\", \"kind\": \"client\"}, {\"id\": \"api\", \"kind\": \"service\"}],"
                       "\"edges\": [{\"from\": \"users\", \"to\": \"api\"}]}";
    Model *m = load_text(json);
    char *text = export_mermaid(m);
    ImportResult r;
    DiagList d;
    const Model *back = imported("users.mmd", text, &r, &d);
    assert_int_equal(back->scenario.n_requests, 3);
    for (int t = 0; t < 3; t++) {
        const RequestType *a = &m->scenario.requests[t], *b = &back->scenario.requests[t];
        assert_string_equal(b->name, a->name);
        assert_int_equal(b->users, a->users);
        assert_true(b->rate_rps == a->rate_rps);
        assert_true(dist_mean(&b->think_ms) == dist_mean(&a->think_ms)); /* the mean; its shape is not written */
        assert_int_equal(b->op, a->op);
    }
    assert_int_equal(import_count(&r, NOTE_DEFAULTED), 0);
    import_result_free(&r);
    diag_free(&d);
    free(text);
    model_destroy(m);
}

/* The notes speak the language on screen, numbers included: a line is "строка 2", a
 * count thousands apart as Russian writes it, a fraction as given (a probability of 0.3
 * read "0" when every number was rounded to a whole one). */
static void import_notes_write_numbers_as_the_language_does(void **state)
{
    (void)state;
    const char *src = "flowchart LR\n"
                      "  u[Users] -->|\"2.5 rps, 1500 checkout users (think 2 s)\"| api[API]\n"
                      "  api -->|\"p=0.3, 0.5 ms\"| db[(DB)]\n";
    static const struct {
        const char *lang, *line, *count, *think, *fraction, *half, *rate;
    } want[] = {
        {"en", "line 2", "1,500", "2,000", "0.3", "0.5 ms", "2.5 reads/s"},
        {"ru", "\xD1\x81\xD1\x82\xD1\x80\xD0\xBE\xD0\xBA\xD0\xB0 2", "1\xC2\xA0" "500", "2\xC2\xA0" "000", "0.3",
         "0.5 \xD0\xBC\xD1\x81", "2.5 \xD1\x87\xD1\x82\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB9/\xD1\x81"},
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        tr_set_lang(want[k].lang);
        ImportResult r;
        DiagList d;
        imported("lang.mmd", src, &r, &d);
        tr_set_lang("en");
        bool line = false, count = false, fraction = false, half = false, rate = false;
        for (int i = 0; i < r.n_notes; i++) {
            const char *msg = r.notes[i].message;
            line |= strcmp(r.notes[i].where, want[k].line) == 0;
            count |= strstr(msg, want[k].count) != NULL && strstr(msg, want[k].think) != NULL;
            fraction |= strstr(msg, want[k].fraction) != NULL && strstr(msg, "db") != NULL;
            half |= strstr(msg, want[k].half) != NULL;
            rate |= strstr(msg, want[k].rate) != NULL;
        }
        if (!line || !count || !fraction || !half || !rate)
            fail_msg("%s: line %d, count %d, fraction %d, half %d, rate %d", want[k].lang, line, count, fraction, half, rate);
        import_result_free(&r);
        diag_free(&d);
    }
}

/* A summary's value the format does not allow is not read into the model (which must
 * save and load): it stays words of the label, or is reported for a node. */
static void summary_values_out_of_range_are_not_read(void **state)
{
    (void)state;
    const char *src = "flowchart LR\n"
                      "  u([\"Users<br/><small>client: timeout 0 ms</small>\"]) -->|\"10 rps\"| a\n"
                      "  a[\"API<br/><small>service: 0 x 8 workers, blocking</small>\"] -->|\"x~10 (pareto alpha 11700.5), 101 retries, p=1.5, -3 ms\"| d\n"
                      "  d[(\"DB<br/><small>database: primary + 5000 replicas, pool 40</small>\")]\n";
    ImportResult r;
    DiagList d;
    const Model *m = imported("range.mmd", src, &r, &d);
    const Edge *e = &m->edges[1];
    assert_string_equal(e->label, "x~10 (pareto alpha 11700.5), 101 retries, p=1.5, -3 ms");
    assert_true(e->fanout.kind == DIST_CONSTANT && e->fanout.mean == 1 && e->retries == 0 && e->probability == 1);
    const Node *api = &m->nodes[model_find_node(m, "a")], *db = &m->nodes[model_find_node(m, "d")];
    assert_int_equal(api->io, IO_BLOCKING); /* the parts it could read */
    assert_true(api->instances >= 1);
    assert_int_equal(db->pool, 40);
    assert_true(db->read_replicas <= 1000);
    assert_int_equal(import_count(&r, NOTE_NOT_KEPT), 3); /* "timeout 0 ms", "0 x 8 workers", "primary + 5000 replicas" */
    char *json = model_to_json(m);
    DiagList d2;
    diag_init(&d2, "saved");
    Model *again = model_from_json_lenient(json, strlen(json), &d2);
    assert_non_null(again);
    model_destroy(again);
    diag_free(&d2);
    free(json);
    import_result_free(&r);
    diag_free(&d);
}

static void mermaid_malformed_files_say_where(void **state)
{
    (void)state;
    expect_error("tests/data/interop/bad_unclosed.mmd", "2:5");
    expect_error("tests/data/interop/bad_link.mmd", "3:8");
    expect_error("tests/data/interop/bad_arch.mmd", "3:9");
    expect_error("tests/data/interop/bad_direction.mmd", "2:11");
}

static void sniffing_tells_the_formats_apart(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        ImportFormat f;
    } cases[] = {
        {"{\"format\": \"archsim/1\", \"nodes\": []}", IMPORT_ARCHSIM},
        {"  {\"type\" : \"excalidraw\", \"elements\": []}", IMPORT_EXCALIDRAW},
        {"{\"type\":\"excalidraw/clipboard\",\"elements\":[]}", IMPORT_EXCALIDRAW},
        {"{\"title\": \"my excalidraw notes\"}", IMPORT_ARCHSIM}, /* the word alone is not the type */
        {"<?xml version=\"1.0\"?>\n<mxfile><diagram/></mxfile>", IMPORT_DRAWIO},
        {"<mxGraphModel><root/></mxGraphModel>", IMPORT_DRAWIO},
        {"%% notes\n\nflowchart LR\n A-->B", IMPORT_MERMAID},
        {"---\ntitle: x\n---\ngraph TD\n A-->B", IMPORT_MERMAID},
        {"architecture-beta\n service a(server)[A]", IMPORT_MERMAID},
        {"flowcharts are nice", IMPORT_ARCHSIM},
        {"\x89PNG\r\n\x1a\n....", IMPORT_PNG},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ImportFormat f = import_sniff(cases[i].text, strlen(cases[i].text));
        if (f != cases[i].f) fprintf(stderr, "'%s' sniffed as %s\n", cases[i].text, import_format_name(f));
        assert_int_equal(f, cases[i].f);
    }
}

static void kind_guess_reads_whole_words(void **state)
{
    (void)state;
    NodeKind k;
    const char *w;
    assert_true(import_guess_kind("mxgraph.aws4.elastic_load_balancing", &k, &w));
    assert_int_equal(k, NODE_LOAD_BALANCER);
    assert_true(import_guess_kind("shape=cylinder3;whiteSpace=wrap", &k, &w));
    assert_int_equal(k, NODE_DATABASE);
    assert_true(import_guess_kind("Amazon S3", &k, &w));
    assert_int_equal(k, NODE_OBJECT_STORE);
    assert_true(import_guess_kind("Redis cache for the DB", &k, &w));
    assert_int_equal(k, NODE_CACHE); /* "redis" names a product, "db" only a role */
    assert_true(import_guess_kind("Users DB", &k, &w));
    assert_int_equal(k, NODE_DATABASE); /* the role said last: the head of the compound */
    assert_true(import_guess_kind("Mobile app", &k, &w));
    assert_int_equal(k, NODE_CLIENT); /* a specific word beats a role */
    assert_true(import_guess_kind("App server", &k, &w));
    assert_int_equal(k, NODE_SERVICE);
    assert_true(import_guess_kind("Shoppers' browsers", &k, &w));
    assert_int_equal(k, NODE_CLIENT); /* a plural */
    assert_false(import_guess_kind("Dashboard", &k, &w)); /* "db" is not inside a word */
    assert_false(import_guess_kind("", &k, &w));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniffing_tells_the_formats_apart),
        cmocka_unit_test(kind_guess_reads_whole_words),
        cmocka_unit_test(excalidraw_round_trip_keeps_every_preset),
        cmocka_unit_test(excalidraw_round_trip_keeps_annotations_and_meta),
        cmocka_unit_test(excalidraw_hand_made_imports_kinds_edges_and_annotations),
        cmocka_unit_test(png_chunks_longer_than_the_file_are_refused),
        cmocka_unit_test(excalidraw_malformed_files_say_where),
        cmocka_unit_test(drawio_round_trip_keeps_every_preset),
        cmocka_unit_test(drawio_round_trip_keeps_annotations_and_meta),
        cmocka_unit_test(round_trips_keep_numbers_exactly),
        cmocka_unit_test(drawio_hand_made_imports_kinds_from_labels_and_styles),
        cmocka_unit_test(drawio_malformed_files_say_where),
        cmocka_unit_test(mermaid_flowchart_imports_shapes_labels_chains_and_subgraphs),
        cmocka_unit_test(mermaid_nested_subgraphs_are_boxes_inside_boxes),
        cmocka_unit_test(mermaid_architecture_imports_services_and_junctions),
        cmocka_unit_test(mermaid_export_imports_with_every_kind),
        cmocka_unit_test(mermaid_keeps_a_pareto_shape_and_a_cap),
        cmocka_unit_test(mermaid_numbers_come_back_exactly),
        cmocka_unit_test(mermaid_export_keeps_closed_loop_users),
        cmocka_unit_test(import_notes_write_numbers_as_the_language_does),
        cmocka_unit_test(summary_values_out_of_range_are_not_read),
        cmocka_unit_test(mermaid_malformed_files_say_where),
        cmocka_unit_test(a_miss_arrow_beside_a_cache_becomes_the_caches_miss_path),
        cmocka_unit_test(traffic_written_on_arrows_becomes_request_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
