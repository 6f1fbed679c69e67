/*
 * undo.h - the command history: every edit of the model is a Command, a list of
 * primitive operations (insert, delete or replace a node or edge at an index, set the
 * title) that each carry what they need to be inverted.
 *
 * Applying a command records it on the undo stack. Undo pops a command, inverts it
 * (reverse order, insert <-> delete, before <-> after), applies it and pushes it on the
 * redo stack; redo is the same routine with the stacks swapped. Commands with the same
 * non-zero merge id (the steps of one drag) fold into one history entry.
 */
#ifndef APP_UNDO_H
#define APP_UNDO_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/model.h"

typedef enum OpKind {
    OP_NODE_INSERT, /* node[0] inserted at index */
    OP_NODE_DELETE, /* node[0] (a copy of what was there) removed from index */
    OP_NODE_SET,    /* node[0] before, node[1] after */
    OP_EDGE_INSERT,
    OP_EDGE_DELETE,
    OP_EDGE_SET,
    OP_TITLE_SET,   /* title[0] before, title[1] after */
    OP_RUN_SET,     /* run settings: run[0]/title[0] before, run[1]/title[1] after
                       (duration_s, warmup_s, seed; meta JSON in title[]) */
    OP_SCENARIO_SET, /* the whole scenario block: scen[0] before, scen[1] after (models
                        holding only a scenario) */
    OP_META_SET,    /* the diagram's meta JSON (its free annotations): title[0] before,
                       title[1] after, either NULL */
} OpKind;

typedef struct EditOp {
    OpKind kind;
    int index;
    Node node[2];
    Edge edge[2];
    char *title[2];
    double run[2][2];   /* duration_s, warmup_s */
    uint64_t seed[2];
    Model *scen[2];
} EditOp;

typedef struct Command {
    char *label;        /* "Move 3 nodes", shown in the status bar on undo */
    EditOp *ops;
    int n_ops, cap_ops;
    unsigned merge_id;  /* 0 = never merge */
    unsigned serial;    /* identity for the saved-state marker */
} Command;

/* Called after each primitive is applied, so the app can shift its selection. */
typedef void (*OpHook)(void *ctx, OpKind kind, int index);

typedef struct History {
    Command *undo;
    int n_undo, cap_undo;
    Command *redo;
    int n_redo, cap_redo;
    int limit;          /* oldest entries are dropped beyond this */
    unsigned next_serial;
    unsigned saved_serial; /* serial of the undo top when last saved (0 = empty) */
    OpHook hook;
    void *hook_ctx;
} History;

void cmd_init(Command *c, const char *label);
void cmd_free(Command *c);
/* Append primitives; nodes and edges are deep-copied. */
void cmd_node_insert(Command *c, int index, const Node *n);
void cmd_node_delete(Command *c, int index, const Node *n);
void cmd_node_set(Command *c, int index, const Node *before, const Node *after);
void cmd_edge_insert(Command *c, int index, const Edge *e);
void cmd_edge_delete(Command *c, int index, const Edge *e);
void cmd_edge_set(Command *c, int index, const Edge *before, const Edge *after);
void cmd_title_set(Command *c, const char *before, const char *after);
/* Run settings: scenario duration, warm-up and seed, and the diagram's meta JSON. */
void cmd_run_set(Command *c, const Model *before, double duration_s, double warmup_s, uint64_t seed,
                 const char *meta_json);
/* The scenario block (traffic, requirements, events, ...) of `before` becomes that of
 * `after`; the nodes and edges of both are ignored. */
void cmd_scenario_set(Command *c, const Model *before, const Model *after);
/* The diagram's meta object (NULL = none); a drag of annotations merges on merge_id. */
void cmd_meta_set(Command *c, const char *before, const char *after);
/* Whatever it takes to turn `before` into `after`: nodes and edges matched in order by
 * id (edges by their ends), the unmatched deleted or inserted, the changed set; the
 * scenario, title and meta when they differ. Appends nothing when they are equal. The
 * way to record an edit computed on a copy of the model (renames, cascading removals). */
void cmd_model_diff(Command *c, const Model *before, const Model *after);

/* True when every primitive of `c` only moves nodes (x and y), so nothing the simulation,
 * the estimate or the validator reads changes. */
bool cmd_layout_only(const Command *c);

void history_init(History *h, int limit);
void history_free(History *h);
void history_clear(History *h);
/* Apply `c` to `m` and record it (takes ownership of c's contents). An empty command
 * is dropped. Clears the redo stack. */
void history_apply(History *h, Model *m, Command *c);
/* Undo / redo one entry; false when there is nothing to do. The label of the entry is
 * returned through `label` (owned by the history) when not NULL. */
bool history_undo(History *h, Model *m, const char **label);
bool history_redo(History *h, Model *m, const char **label);
/* Undo the last entry and forget it (a drag cancelled with Escape). */
bool history_cancel_last(History *h, Model *m);
bool history_can_undo(const History *h);
bool history_can_redo(const History *h);
/* Saved-state marker: mark the current state saved; ask whether it differs. */
void history_mark_saved(History *h);
bool history_dirty(const History *h);
/* Forget the saved marker (the document no longer matches any file). */
void history_mark_unsaved(History *h);

#endif
