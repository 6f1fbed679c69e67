/*
 * lint.h - modelling checks: warnings about a design that is valid but probably not
 * what its author meant (a cache every read goes around, writes that stop at a
 * cache, a thread pool that waits more than it works, ...), each with a sentence that
 * names the nodes by their labels and gives the numbers, and, where one is obvious, a
 * fix that edits the model in place.
 *
 * The checks run on any model, valid or not (edges to missing nodes, cycles, zero or
 * huge numbers), and never repeat the validator's warnings (model_validate). They use
 * the analytic estimate (analytic.h) for the figures; give the one you already have to
 * lint_model_with() to avoid computing it twice. Every check and its fix is described
 * in docs/semantics.md ("Modelling checks").
 */
#ifndef SIM_LINT_H
#define SIM_LINT_H

#include <stdbool.h>

#include "sim/analytic.h"
#include "sim/model.h"

typedef enum LintCheck {
    LINT_CACHE_BYPASS,          /* a caller sends reads both to a cache and to its store */
    LINT_WRITE_STOPS_AT_CACHE,  /* a write type is stored by a cache and never persisted */
    LINT_LB_ONE_TARGET,         /* a load balancer in front of a single server */
    LINT_ASYNC_NOT_QUEUE,       /* fire-and-forget calls into a database, cache, cdn, store */
    LINT_BLOCKING_WORKERS,      /* blocking io: workers wait downstream more than they cover */
    LINT_DEAD_FILTER,           /* an edge filter names a type that never leaves its source */
    LINT_IDLE_REPLICAS,         /* read replicas of a database no read reaches */
    LINT_TIMEOUT_BELOW_LATENCY, /* a timeout shorter than the predicted mean it bounds */
    LINT_HOT_SHARD_ONE_SHARD,   /* hot_shard on a database of one shard: it changes nothing */
    LINT_CHECK_COUNT
} LintCheck;

/* What a fix does, for lint_apply_fix (owned by the finding; opaque). */
typedef struct LintFix LintFix;

typedef struct LintFinding {
    LintCheck check;
    char *path;      /* JSON path the finding is about: "edges[3].requests", "nodes[2].io" */
    char *message;   /* one or two English sentences naming nodes by label (else id) */
    char *fix_label; /* the fix as a button says it, NULL = no fix */
    int i_node;      /* the node the finding is about, or -1 */
    int i_edge;      /* the edge the finding is about, or -1 */
    LintFix *fix;    /* NULL exactly when fix_label is NULL */
} LintFinding;

typedef struct LintList {
    LintFinding *items;
    int n_items, cap;
} LintList;

/* An empty list. */
void lint_init(LintList *l);
/* Free every finding (strings and fixes) and empty the list; the list can be reused.
 * Accepts NULL. */
void lint_free(LintList *l);

/* Run every check on m and append the findings to out, in check order, then model
 * order. Never fails on any model (aborts only on out of memory). Returns the number of
 * findings appended. Fast enough for every edit (linear in the model for the usual
 * shapes, plus one analytic estimate). */
int lint_model(const Model *m, LintList *out);
/* The same with an estimate the caller already has: est must come from
 * analytic_estimate(m) on this very model (when its sizes do not match m's, or est is
 * NULL, a fresh estimate is computed). */
int lint_model_with(const Model *m, const Estimate *est, LintList *out);

/* Apply finding f's fix to m, which is the model that was linted or a copy of it
 * (model_clone), possibly edited since. Edits only nodes, edges and their fields, and
 * keeps a valid model valid. Returns false, changing nothing, when f has no fix or the
 * fix no longer applies (the edge or node is gone, the field already changed). */
bool lint_apply_fix(Model *m, const LintFinding *f);

/* Stable id of a check, as in docs and JSON: "cache_bypass", "write_stops_at_cache",
 * ... ("unknown" out of range). */
const char *lint_check_name(LintCheck c);

#endif
