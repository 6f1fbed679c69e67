/*
 * undo.c - the command history (see undo.h).
 *
 * The primitives work on the model's arrays directly (not model_remove_node, which
 * also drops edges: a delete command lists those edge deletions itself, so undo puts
 * them back in their places).
 */
#include "undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

void cmd_init(Command *c, const char *label)
{
    memset(c, 0, sizeof *c);
    c->label = xstrdup(label ? label : "Edit");
}

static void op_free(EditOp *o)
{
    switch (o->kind) {
    case OP_NODE_INSERT:
    case OP_NODE_DELETE: node_free(&o->node[0]); break;
    case OP_NODE_SET:
        node_free(&o->node[0]);
        node_free(&o->node[1]);
        break;
    case OP_EDGE_INSERT:
    case OP_EDGE_DELETE: edge_free(&o->edge[0]); break;
    case OP_EDGE_SET:
        edge_free(&o->edge[0]);
        edge_free(&o->edge[1]);
        break;
    case OP_TITLE_SET:
    case OP_RUN_SET:
    case OP_META_SET:
        free(o->title[0]);
        free(o->title[1]);
        break;
    case OP_SCENARIO_SET:
        model_destroy(o->scen[0]);
        model_destroy(o->scen[1]);
        break;
    }
}

void cmd_free(Command *c)
{
    if (!c) return;
    for (int i = 0; i < c->n_ops; i++) op_free(&c->ops[i]);
    free(c->ops);
    free(c->label);
    memset(c, 0, sizeof *c);
}

static EditOp *add_op(Command *c, OpKind kind, int index)
{
    xgrow((void **)&c->ops, &c->cap_ops, c->n_ops + 1, sizeof *c->ops);
    EditOp *o = &c->ops[c->n_ops++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->index = index;
    return o;
}

void cmd_node_insert(Command *c, int index, const Node *n)
{
    node_copy(&add_op(c, OP_NODE_INSERT, index)->node[0], n);
}

void cmd_node_delete(Command *c, int index, const Node *n)
{
    node_copy(&add_op(c, OP_NODE_DELETE, index)->node[0], n);
}

void cmd_node_set(Command *c, int index, const Node *before, const Node *after)
{
    EditOp *o = add_op(c, OP_NODE_SET, index);
    node_copy(&o->node[0], before);
    node_copy(&o->node[1], after);
}

void cmd_edge_insert(Command *c, int index, const Edge *e)
{
    edge_copy(&add_op(c, OP_EDGE_INSERT, index)->edge[0], e);
}

void cmd_edge_delete(Command *c, int index, const Edge *e)
{
    edge_copy(&add_op(c, OP_EDGE_DELETE, index)->edge[0], e);
}

void cmd_edge_set(Command *c, int index, const Edge *before, const Edge *after)
{
    EditOp *o = add_op(c, OP_EDGE_SET, index);
    edge_copy(&o->edge[0], before);
    edge_copy(&o->edge[1], after);
}

void cmd_title_set(Command *c, const char *before, const char *after)
{
    EditOp *o = add_op(c, OP_TITLE_SET, 0);
    o->title[0] = xstrdup(before);
    o->title[1] = xstrdup(after);
}

void cmd_run_set(Command *c, const Model *before, double duration_s, double warmup_s, uint64_t seed,
                 const char *meta_json)
{
    EditOp *o = add_op(c, OP_RUN_SET, 0);
    o->run[0][0] = before->scenario.duration_s;
    o->run[0][1] = before->scenario.warmup_s;
    o->seed[0] = before->scenario.seed;
    o->run[1][0] = duration_s;
    o->run[1][1] = warmup_s;
    o->seed[1] = seed;
    o->title[0] = xstrdup(before->meta_json);
    o->title[1] = xstrdup(meta_json);
}

/* A model holding a deep copy of m's scenario and nothing else. */
static Model *scenario_only(const Model *m)
{
    Model shell = *m;
    shell.nodes = NULL;
    shell.edges = NULL;
    shell.n_nodes = shell.n_edges = 0;
    shell.title = NULL;
    shell.meta_json = NULL;
    return model_clone(&shell);
}

void cmd_scenario_set(Command *c, const Model *before, const Model *after)
{
    EditOp *o = add_op(c, OP_SCENARIO_SET, 0);
    o->scen[0] = scenario_only(before);
    o->scen[1] = scenario_only(after);
}

/* Align b[0..nb) with a[0..na) greedily in order by key: match[j] is the index in a of
 * b[j], -1 when b[j] is new; keep[i] tells whether a[i] survives. */
typedef const char *(*KeyFn)(const void *items, int i, char *buf, size_t cap);

static void align(const void *a, int na, const void *b, int nb, KeyFn key, int *match, unsigned char *keep)
{
    char ka[512], kb[512];
    int j0 = 0;
    for (int j = 0; j < nb; j++) {
        match[j] = -1;
        const char *k = key(b, j, kb, sizeof kb);
        for (int i = j0; i < na; i++)
            if (strcmp(key(a, i, ka, sizeof ka), k) == 0) {
                match[j] = i;
                keep[i] = 1;
                j0 = i + 1;
                break;
            }
    }
}

static const char *node_key(const void *items, int i, char *buf, size_t cap)
{
    (void)buf, (void)cap;
    const char *id = ((const Node *)items)[i].id;
    return id ? id : "";
}

static const char *edge_key(const void *items, int i, char *buf, size_t cap)
{
    const Edge *e = &((const Edge *)items)[i];
    snprintf(buf, cap, "%s\x1f%s", e->from ? e->from : "", e->to ? e->to : "");
    return buf;
}

static bool text_equal(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

void cmd_model_diff(Command *c, const Model *before, const Model *after)
{
    if (!text_equal(before->title, after->title)) cmd_title_set(c, before->title, after->title);
    if (!scenario_equal(&before->scenario, &after->scenario)) cmd_scenario_set(c, before, after);
    if (!text_equal(before->meta_json, after->meta_json)) cmd_meta_set(c, before->meta_json, after->meta_json);
    int ne0 = before->n_edges, ne1 = after->n_edges, nn0 = before->n_nodes, nn1 = after->n_nodes;
    int *em = xcalloc((size_t)ne1 + 1, sizeof *em), *nm = xcalloc((size_t)nn1 + 1, sizeof *nm);
    unsigned char *ek = xcalloc((size_t)ne0 + 1, 1), *nk = xcalloc((size_t)nn0 + 1, 1);
    align(before->edges, ne0, after->edges, ne1, edge_key, em, ek);
    align(before->nodes, nn0, after->nodes, nn1, node_key, nm, nk);
    /* Edges go first and come back last, so no step leaves an edge without its node. */
    for (int i = ne0 - 1; i >= 0; i--)
        if (!ek[i]) cmd_edge_delete(c, i, &before->edges[i]);
    for (int i = nn0 - 1; i >= 0; i--)
        if (!nk[i]) cmd_node_delete(c, i, &before->nodes[i]);
    for (int j = 0; j < nn1; j++) {
        if (nm[j] < 0)
            cmd_node_insert(c, j, &after->nodes[j]);
        else if (!node_equal(&before->nodes[nm[j]], &after->nodes[j]))
            cmd_node_set(c, j, &before->nodes[nm[j]], &after->nodes[j]);
    }
    for (int j = 0; j < ne1; j++) {
        if (em[j] < 0)
            cmd_edge_insert(c, j, &after->edges[j]);
        else if (!edge_equal(&before->edges[em[j]], &after->edges[j]))
            cmd_edge_set(c, j, &before->edges[em[j]], &after->edges[j]);
    }
    free(em);
    free(nm);
    free(ek);
    free(nk);
}

bool cmd_layout_only(const Command *c)
{
    for (int i = 0; i < c->n_ops; i++) {
        const EditOp *o = &c->ops[i];
        if (o->kind != OP_NODE_SET) return false;
        Node moved = o->node[1];
        moved.x = o->node[0].x;
        moved.y = o->node[0].y;
        if (!node_equal(&moved, &o->node[0])) return false;
    }
    return c->n_ops > 0;
}

/* ---- applying primitives ------------------------------------------------------------ */

static void apply_op(History *h, Model *m, const EditOp *o)
{
    int i = o->index;
    switch (o->kind) {
    case OP_NODE_INSERT:
        ASSERT(i >= 0 && i <= m->n_nodes);
        m->nodes = xrealloc(m->nodes, (size_t)(m->n_nodes + 1) * sizeof *m->nodes);
        memmove(&m->nodes[i + 1], &m->nodes[i], (size_t)(m->n_nodes - i) * sizeof *m->nodes);
        node_copy(&m->nodes[i], &o->node[0]);
        m->n_nodes++;
        break;
    case OP_NODE_DELETE:
        ASSERT(i >= 0 && i < m->n_nodes);
        node_free(&m->nodes[i]);
        memmove(&m->nodes[i], &m->nodes[i + 1], (size_t)(m->n_nodes - i - 1) * sizeof *m->nodes);
        m->n_nodes--;
        break;
    case OP_NODE_SET:
        ASSERT(i >= 0 && i < m->n_nodes);
        node_free(&m->nodes[i]);
        node_copy(&m->nodes[i], &o->node[1]);
        break;
    case OP_EDGE_INSERT:
        ASSERT(i >= 0 && i <= m->n_edges);
        m->edges = xrealloc(m->edges, (size_t)(m->n_edges + 1) * sizeof *m->edges);
        memmove(&m->edges[i + 1], &m->edges[i], (size_t)(m->n_edges - i) * sizeof *m->edges);
        edge_copy(&m->edges[i], &o->edge[0]);
        m->n_edges++;
        break;
    case OP_EDGE_DELETE:
        ASSERT(i >= 0 && i < m->n_edges);
        edge_free(&m->edges[i]);
        memmove(&m->edges[i], &m->edges[i + 1], (size_t)(m->n_edges - i - 1) * sizeof *m->edges);
        m->n_edges--;
        break;
    case OP_EDGE_SET:
        ASSERT(i >= 0 && i < m->n_edges);
        edge_free(&m->edges[i]);
        edge_copy(&m->edges[i], &o->edge[1]);
        break;
    case OP_TITLE_SET:
        free(m->title);
        m->title = xstrdup(o->title[1]);
        break;
    case OP_RUN_SET:
        m->scenario.duration_s = o->run[1][0];
        m->scenario.warmup_s = o->run[1][1];
        m->scenario.seed = o->seed[1];
        free(m->meta_json);
        m->meta_json = xstrdup(o->title[1]);
        break;
    case OP_META_SET:
        free(m->meta_json);
        m->meta_json = o->title[1] ? xstrdup(o->title[1]) : NULL;
        break;
    case OP_SCENARIO_SET: {
        /* Swap a fresh copy in; the old scenario leaves with the copy's shell. */
        Model *fresh = scenario_only(o->scen[1]);
        Scenario old = m->scenario;
        m->scenario = fresh->scenario;
        fresh->scenario = old;
        model_destroy(fresh);
        break;
    }
    }
    if (h->hook) h->hook(h->hook_ctx, o->kind, i);
}

static void apply_cmd(History *h, Model *m, const Command *c)
{
    for (int i = 0; i < c->n_ops; i++) apply_op(h, m, &c->ops[i]);
}

void cmd_meta_set(Command *c, const char *before, const char *after)
{
    EditOp *o = add_op(c, OP_META_SET, 0);
    o->title[0] = before ? xstrdup(before) : NULL;
    o->title[1] = after ? xstrdup(after) : NULL;
}

/* Turn a command into its inverse in place. */
static void invert(Command *c)
{
    for (int i = 0, j = c->n_ops - 1; i < j; i++, j--) {
        EditOp t = c->ops[i];
        c->ops[i] = c->ops[j];
        c->ops[j] = t;
    }
    for (int i = 0; i < c->n_ops; i++) {
        EditOp *o = &c->ops[i];
        switch (o->kind) {
        case OP_NODE_INSERT: o->kind = OP_NODE_DELETE; break;
        case OP_NODE_DELETE: o->kind = OP_NODE_INSERT; break;
        case OP_EDGE_INSERT: o->kind = OP_EDGE_DELETE; break;
        case OP_EDGE_DELETE: o->kind = OP_EDGE_INSERT; break;
        case OP_NODE_SET: {
            Node t = o->node[0];
            o->node[0] = o->node[1];
            o->node[1] = t;
            break;
        }
        case OP_EDGE_SET: {
            Edge t = o->edge[0];
            o->edge[0] = o->edge[1];
            o->edge[1] = t;
            break;
        }
        case OP_TITLE_SET:
        case OP_META_SET:
        case OP_RUN_SET: {
            char *t = o->title[0];
            o->title[0] = o->title[1];
            o->title[1] = t;
            for (int k = 0; k < 2; k++) {
                double v = o->run[0][k];
                o->run[0][k] = o->run[1][k];
                o->run[1][k] = v;
            }
            uint64_t sd = o->seed[0];
            o->seed[0] = o->seed[1];
            o->seed[1] = sd;
            break;
        }
        case OP_SCENARIO_SET: {
            Model *t = o->scen[0];
            o->scen[0] = o->scen[1];
            o->scen[1] = t;
            break;
        }
        }
    }
}

/* ---- the stacks ---------------------------------------------------------------------- */

void history_init(History *h, int limit)
{
    memset(h, 0, sizeof *h);
    h->limit = limit > 0 ? limit : 1000;
    h->next_serial = 1;
}

static void clear_stack(Command *s, int *n)
{
    for (int i = 0; i < *n; i++) cmd_free(&s[i]);
    *n = 0;
}

void history_clear(History *h)
{
    clear_stack(h->undo, &h->n_undo);
    clear_stack(h->redo, &h->n_redo);
    h->saved_serial = 0;
}

void history_free(History *h)
{
    history_clear(h);
    free(h->undo);
    free(h->redo);
    memset(h, 0, sizeof *h);
}

static void push(Command **s, int *n, int *cap, Command *c)
{
    xgrow((void **)s, cap, *n + 1, sizeof **s);
    (*s)[(*n)++] = *c;
}

/* True when `c` is a continuation of `top` (same merge id, same SET primitives). */
static bool mergeable(const Command *top, const Command *c)
{
    if (!c->merge_id || top->merge_id != c->merge_id || top->n_ops != c->n_ops) return false;
    for (int i = 0; i < c->n_ops; i++) {
        const EditOp *a = &top->ops[i], *b = &c->ops[i];
        if (a->kind != b->kind || a->index != b->index) return false;
        if (a->kind != OP_NODE_SET && a->kind != OP_EDGE_SET && a->kind != OP_TITLE_SET &&
            a->kind != OP_META_SET)
            return false;
    }
    return true;
}

void history_apply(History *h, Model *m, Command *c)
{
    if (c->n_ops == 0) {
        cmd_free(c);
        return;
    }
    apply_cmd(h, m, c);
    clear_stack(h->redo, &h->n_redo);
    if (h->n_undo > 0 && mergeable(&h->undo[h->n_undo - 1], c)) {
        Command *top = &h->undo[h->n_undo - 1];
        for (int i = 0; i < c->n_ops; i++) {
            EditOp *a = &top->ops[i], *b = &c->ops[i];
            if (a->kind == OP_NODE_SET) {
                Node t = a->node[1];
                a->node[1] = b->node[1];
                b->node[1] = t;
            } else if (a->kind == OP_EDGE_SET) {
                Edge t = a->edge[1];
                a->edge[1] = b->edge[1];
                b->edge[1] = t;
            } else {
                char *t = a->title[1];
                a->title[1] = b->title[1];
                b->title[1] = t;
            }
        }
        cmd_free(c);
        return;
    }
    c->serial = h->next_serial++;
    if (h->n_undo >= h->limit) {
        cmd_free(&h->undo[0]);
        memmove(&h->undo[0], &h->undo[1], (size_t)(h->n_undo - 1) * sizeof *h->undo);
        h->n_undo--;
    }
    push(&h->undo, &h->n_undo, &h->cap_undo, c);
    memset(c, 0, sizeof *c);
}

/* Undo and redo: pop from one stack, invert, apply, push on the other. */
static bool swap_step(History *h, Model *m, Command **from, int *n_from, Command **to, int *n_to,
                      int *cap_to, const char **label)
{
    if (*n_from == 0) return false;
    Command c = (*from)[--*n_from];
    invert(&c);
    apply_cmd(h, m, &c);
    c.merge_id = 0; /* a drag resumed after undo is a new step */
    push(to, n_to, cap_to, &c);
    if (label) *label = (*to)[*n_to - 1].label;
    return true;
}

bool history_undo(History *h, Model *m, const char **label)
{
    return swap_step(h, m, &h->undo, &h->n_undo, &h->redo, &h->n_redo, &h->cap_redo, label);
}

bool history_redo(History *h, Model *m, const char **label)
{
    return swap_step(h, m, &h->redo, &h->n_redo, &h->undo, &h->n_undo, &h->cap_undo, label);
}

bool history_cancel_last(History *h, Model *m)
{
    if (!history_undo(h, m, NULL)) return false;
    cmd_free(&h->redo[--h->n_redo]);
    return true;
}

bool history_can_undo(const History *h) { return h->n_undo > 0; }
bool history_can_redo(const History *h) { return h->n_redo > 0; }

void history_mark_saved(History *h)
{
    h->saved_serial = h->n_undo ? h->undo[h->n_undo - 1].serial : 0;
}

void history_mark_unsaved(History *h) { h->saved_serial = (unsigned)-1; }

bool history_dirty(const History *h)
{
    unsigned top = h->n_undo ? h->undo[h->n_undo - 1].serial : 0;
    return top != h->saved_serial;
}
