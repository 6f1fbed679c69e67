/*
 * test_gui_undo.c - the command history on its own (no window): every primitive undoes
 * and redoes exactly, drags merge into one entry, the saved-state marker follows undo
 * and redo, the oldest entries go beyond the limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui_test.h"
#include "sim/util.h"
#include "undo.h"

static Model *three_nodes(void)
{
    Model *m = model_create();
    const char *ids[] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
        Node n;
        node_defaults(NODE_SERVICE, &n);
        n.id = (char *)ids[i];
        n.x = 100.0 * i;
        model_add_node(m, &n);
    }
    Edge e;
    edge_defaults(&e);
    e.from = "a";
    e.to = "b";
    model_add_edge(m, &e);
    e.from = "b";
    e.to = "c";
    model_add_edge(m, &e);
    return m;
}

static void delete_with_edges_undoes_to_the_same_model(void **state)
{
    (void)state;
    Model *m = three_nodes(), *orig = model_clone(m);
    History h;
    history_init(&h, 100);
    Command c;
    cmd_init(&c, "Delete b");
    cmd_edge_delete(&c, 1, &m->edges[1]);
    cmd_edge_delete(&c, 0, &m->edges[0]);
    cmd_node_delete(&c, 1, &m->nodes[1]);
    history_apply(&h, m, &c);
    assert_int_equal(m->n_nodes, 2);
    assert_int_equal(m->n_edges, 0);
    const char *label = NULL;
    assert_true(history_undo(&h, m, &label));
    assert_string_equal(label, "Delete b");
    assert_true(model_equal(m, orig));
    assert_true(history_redo(&h, m, NULL));
    assert_int_equal(m->n_nodes, 2);
    assert_true(history_undo(&h, m, NULL));
    assert_true(model_equal(m, orig));
    history_free(&h);
    model_destroy(m);
    model_destroy(orig);
}

static void set_move_steps_with_one_merge_id_are_one_entry(void **state)
{
    (void)state;
    Model *m = three_nodes();
    History h;
    history_init(&h, 100);
    for (int step = 1; step <= 10; step++) {
        Command c;
        cmd_init(&c, "Move");
        c.merge_id = 7;
        Node after;
        node_copy(&after, &m->nodes[0]);
        after.x = 10.0 * step;
        cmd_node_set(&c, 0, &m->nodes[0], &after);
        node_free(&after);
        history_apply(&h, m, &c);
    }
    assert_int_equal(h.n_undo, 1);
    assert_true(m->nodes[0].x == 100);
    history_undo(&h, m, NULL);
    assert_true(m->nodes[0].x == 0);
    history_redo(&h, m, NULL);
    assert_true(m->nodes[0].x == 100);
    history_free(&h);
    model_destroy(m);
}

static void saved_marker_follows_undo_and_redo(void **state)
{
    (void)state;
    Model *m = model_create();
    History h;
    history_init(&h, 100);
    assert_false(history_dirty(&h));
    Command c;
    cmd_init(&c, "Title");
    cmd_title_set(&c, NULL, "One");
    history_apply(&h, m, &c);
    assert_true(history_dirty(&h));
    history_mark_saved(&h);
    assert_false(history_dirty(&h));
    cmd_init(&c, "Title");
    cmd_title_set(&c, "One", "Two");
    history_apply(&h, m, &c);
    assert_true(history_dirty(&h));
    history_undo(&h, m, NULL);
    assert_false(history_dirty(&h));
    assert_string_equal(m->title, "One");
    history_undo(&h, m, NULL);
    assert_true(history_dirty(&h));
    assert_null(m->title);
    history_redo(&h, m, NULL);
    assert_false(history_dirty(&h));
    history_free(&h);
    model_destroy(m);
}

static void the_oldest_entries_go_beyond_the_limit(void **state)
{
    (void)state;
    Model *m = model_create();
    History h;
    history_init(&h, 300);
    for (int i = 0; i < 350; i++) {
        Command c;
        cmd_init(&c, "Place");
        Node n;
        node_defaults(NODE_CACHE, &n);
        char id[16];
        snprintf(id, sizeof id, "n%d", i);
        n.id = id;
        cmd_node_insert(&c, m->n_nodes, &n);
        history_apply(&h, m, &c);
    }
    assert_int_equal(h.n_undo, 300);
    int undone = 0;
    while (history_undo(&h, m, NULL)) undone++;
    assert_int_equal(undone, 300);
    assert_int_equal(m->n_nodes, 50);
    while (history_redo(&h, m, NULL)) {
    }
    assert_int_equal(m->n_nodes, 350);
    history_free(&h);
    model_destroy(m);
}

/* One transformation of `m` for the diff test, chosen by k. */
static void mutate(Model *m, int k, unsigned *rng)
{
    *rng = *rng * 1103515245u + 12345u;
    unsigned r = *rng >> 8;
    switch (k % 6) {
    case 0: /* delete a node and its edges */
        if (m->n_nodes) model_remove_node(m, (int)(r % (unsigned)m->n_nodes));
        break;
    case 1: { /* insert a node and an edge from an existing one */
        Node n;
        node_defaults(NODE_CACHE, &n);
        char id[32];
        snprintf(id, sizeof id, "n%u", r % 1000);
        if (model_find_node(m, id) >= 0) break;
        n.id = id;
        model_add_node(m, &n);
        if (m->n_nodes > 1) {
            Edge e;
            edge_defaults(&e);
            e.from = m->nodes[r % (unsigned)(m->n_nodes - 1)].id;
            e.to = id;
            model_add_edge(m, &e);
        }
        break;
    }
    case 2: /* change a node */
        if (m->n_nodes) m->nodes[r % (unsigned)m->n_nodes].workers += 3;
        break;
    case 3: /* change an edge */
        if (m->n_edges) m->edges[r % (unsigned)m->n_edges].latency_ms += 1;
        break;
    case 4: /* rename a node: its edges change ends */
        if (m->n_nodes) {
            Node *n = &m->nodes[r % (unsigned)m->n_nodes];
            char id[64];
            snprintf(id, sizeof id, "%s_r", n->id);
            for (int i = 0; i < m->n_edges; i++) {
                if (strcmp(m->edges[i].from, n->id) == 0) free(m->edges[i].from), m->edges[i].from = xstrdup(id);
                if (strcmp(m->edges[i].to, n->id) == 0) free(m->edges[i].to), m->edges[i].to = xstrdup(id);
            }
            free(n->id);
            n->id = xstrdup(id);
        }
        break;
    default: /* scenario and title */
        m->scenario.duration_s += 1;
        free(m->title);
        m->title = xasprintf("title %u", r % 10);
        break;
    }
}

static void a_diff_turns_one_model_into_another_and_undoes_exactly(void **state)
{
    (void)state;
    unsigned rng = 7;
    for (int round = 0; round < 200; round++) {
        Model *before = three_nodes();
        Model *after = model_clone(before);
        for (int k = 0; k < 1 + round % 5; k++) mutate(after, (int)(rng >> 4) + k, &rng);
        History h;
        history_init(&h, 100);
        Model *m = model_clone(before);
        Command c;
        cmd_init(&c, "Diff");
        cmd_model_diff(&c, m, after);
        bool same = model_equal(before, after);
        assert_int_equal(c.n_ops == 0, same);
        history_apply(&h, m, &c);
        assert_true(model_equal(m, after));
        assert_int_equal(history_undo(&h, m, NULL), !same);
        assert_true(model_equal(m, before));
        assert_int_equal(history_redo(&h, m, NULL), !same);
        assert_true(model_equal(m, after));
        history_free(&h);
        model_destroy(m);
        model_destroy(before);
        model_destroy(after);
    }
    /* Equal models: an empty command, dropped by the history. */
    Model *a = three_nodes();
    Command c;
    cmd_init(&c, "Nothing");
    cmd_model_diff(&c, a, a);
    assert_int_equal(c.n_ops, 0);
    cmd_free(&c);
    model_destroy(a);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(delete_with_edges_undoes_to_the_same_model),
        cmocka_unit_test(a_diff_turns_one_model_into_another_and_undoes_exactly),
        cmocka_unit_test(set_move_steps_with_one_merge_id_are_one_entry),
        cmocka_unit_test(saved_marker_follows_undo_and_redo),
        cmocka_unit_test(the_oldest_entries_go_beyond_the_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
