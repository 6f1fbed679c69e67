/*
 * test_export.c - Mermaid and Graphviz exports hold every node and edge with their
 * labels; the DOT output is parsed by Graphviz's own `dot` when it is installed.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "sim/export.h"
#include "sim/util.h"
#include "sim_test.h"

static const char *const presets[] = {"scenarios/twitter-timeline.json",
                                      "scenarios/instagram-feed.json"};

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

static void mermaid_has_every_node_and_edge(void **state)
{
    (void)state;
    for (size_t f = 0; f < sizeof presets / sizeof *presets; f++) {
        Model *m = load_data(presets[f]);
        char *t = export_mermaid(m);
        assert_non_null(strstr(t, "flowchart LR\n"));
        for (int i = 0; i < m->n_nodes; i++) {
            char key[32];
            snprintf(key, sizeof key, "\n    n%d", i);
            assert_non_null(strstr(t, key));
            assert_non_null(strstr(t, m->nodes[i].label ? m->nodes[i].label : m->nodes[i].id));
        }
        int async = 0;
        for (int k = 0; k < m->n_edges; k++) async += m->edges[k].mode == EDGE_ASYNC;
        assert_int_equal(count(t, " --> ") + count(t, " -->|") + count(t, " -.-> ") +
                             count(t, " -.->|"),
                         m->n_edges);
        assert_int_equal(count(t, "-.->"), async);
        free(t);
        model_destroy(m);
    }
}

static void mermaid_escapes_quotes_and_markup(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\":\"archsim/1\",\"nodes\":[{\"id\":\"a\",\"kind\":\"client\","
                         "\"label\":\"say \\\"hi\\\" <b>#1</b>\"},{\"id\":\"b\",\"kind\":\"service\"}],"
                         "\"edges\":[{\"from\":\"a\",\"to\":\"b\",\"mode\":\"async\",\"label\":\"x\\\"y\"}]}");
    char *t = export_mermaid(m);
    assert_non_null(strstr(t, "say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt;"));
    assert_non_null(strstr(t, "n0 -.->|\"x#quot;y\"| n1"));
    free(t);
    t = export_dot(m);
    assert_non_null(strstr(t, "say \\\"hi\\\""));
    assert_non_null(strstr(t, "style=dashed"));
    free(t);
    model_destroy(m);
}

/* A database's summary counts its replicas in words that read: none is "primary, pool
 * 20", not "primary + 0 replicas". */
static void a_database_summary_reads_with_or_without_replicas(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\":\"archsim/1\",\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
                         "{\"id\":\"a\",\"kind\":\"database\"},{\"id\":\"b\",\"kind\":\"database\",\"read_replicas\":1},"
                         "{\"id\":\"c\",\"kind\":\"database\",\"read_replicas\":2}],\"edges\":[]}");
    char *t = export_mermaid(m);
    assert_non_null(strstr(t, "database: primary, pool 20"));
    assert_non_null(strstr(t, "database: primary + 1 replica, pool 20"));
    assert_non_null(strstr(t, "database: primary + 2 replicas, pool 20"));
    assert_null(strstr(t, "+ 0"));
    free(t);
    model_destroy(m);
}

static void dot_has_every_node_and_edge_and_graphviz_parses_it(void **state)
{
    (void)state;
    bool have_dot = system("command -v dot >/dev/null 2>&1") == 0;
    if (!have_dot) printf("    graphviz's dot is not installed: parsing not checked\n");
    for (size_t f = 0; f < sizeof presets / sizeof *presets; f++) {
        Model *m = load_data(presets[f]);
        char *t = export_dot(m);
        assert_int_equal(count(t, " -> "), m->n_edges);
        assert_int_equal(count(t, " [shape="), m->n_nodes);
        if (have_dot) {
            char path[64], cmd[256];
            snprintf(path, sizeof path, "/tmp/archsim_export_%d.dot", (int)getpid());
            FILE *fp = fopen(path, "w");
            fputs(t, fp);
            fclose(fp);
            /* -Tcanon re-emits the parsed graph: count its nodes and edges */
            snprintf(cmd, sizeof cmd, "dot -Tcanon %s > %s.out 2>&1", path, path);
            assert_int_equal(system(cmd), 0);
            char out[80];
            snprintf(out, sizeof out, "%s.out", path);
            char *canon = read_file(out, NULL);
            assert_non_null(canon);
            assert_int_equal(count(canon, " -> "), m->n_edges);
            free(canon);
            unlink(path);
            unlink(out);
        }
        free(t);
        model_destroy(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mermaid_has_every_node_and_edge),
        cmocka_unit_test(mermaid_escapes_quotes_and_markup),
        cmocka_unit_test(a_database_summary_reads_with_or_without_replicas),
        cmocka_unit_test(dot_has_every_node_and_edge_and_graphviz_parses_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
