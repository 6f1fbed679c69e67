/*
 * validate.c - semantic checks of a model, however it was made (loaded from a file or
 * edited in the GUI): nothing here trusts what the loader checked.
 *
 * Checks value ranges from the schema tables, distribution parameters, ids and the
 * references between nodes, edges, request types, requirements and events, the
 * engine's limits, and cycles of synchronous calls (which could recurse without end).
 * Problems are errors; suspicious but runnable designs (a node nothing reaches, a load
 * balancer or queue with nowhere to send work) are warnings. Everything is linear or
 * n log n in the size of the model, so large diagrams validate while the user edits.
 */
#include "format_util.h"
#include "sim/model_json.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dist.h"
#include "sim/envelope.h"
#include "sim/import.h"
#include "sim/scenario_edit.h"
#include "sim/schema.h"
#include "sim/tr.h"
#include "sim/numfmt.h"
#include "sim/util.h"
#include "scc.h"

/* A value in a message as written (exact to 15 digits, never an exponent: messages show
 * on screen too), and rounded to 3 digits. Each use has its own buffer. */
#define NUM(v) numfmt_exact((v), (char[NUMFMT_CAP]){0}, NUMFMT_CAP)
#define NUM3(v) numfmt_decimal((v), 3, (char[NUMFMT_CAP]){0}, NUMFMT_CAP)

#define MAX_REQUEST_TYPES 64 /* the engine keeps per-type state in 64-bit masks */
#define TIMES "\xC3\x97" /* × */
#define LIST_MAX 20          /* names listed in one message at most */
#define LOGNORMAL_Z 2.326347874 /* standard normal 99th percentile */

typedef char Path[160];

/* ---- small helpers ---------------------------------------------------------------- */

static bool empty(const char *s) { return !s || !s[0]; }

static bool has_kind(const Model *m, NodeKind kind)
{
    for (int i = 0; i < m->n_nodes; i++)
        if (m->nodes[i].kind == kind) return true;
    return false;
}

/* out = prefix "." key, cut to fit (paths are short in practice). */
static void path_join(Path out, const char *prefix, const char *key)
{
    size_t n = 0, cap = sizeof(Path) - 1;
    for (const char *s = prefix; *s && n < cap; s++) out[n++] = *s;
    if (prefix[0] && n < cap) out[n++] = '.';
    for (const char *s = key; *s && n < cap; s++) out[n++] = *s;
    out[n] = 0;
}

/* "a, b, c" (at most LIST_MAX, then "... (N more)") plus a "did you mean" for `near`.
 * `names` may hold NULLs, which are skipped. Returns a new string. */
static char *name_list(const char *const *names, int n, const char *near)
{
    StrBuf b;
    sb_init(&b);
    int shown_n = 0, total = 0;
    const char *best = NULL;
    int best_d = 3;
    char buf[80];
    for (int i = 0; i < n; i++) {
        if (empty(names[i])) continue;
        total++;
        if (shown_n < LIST_MAX) {
            sb_printf(&b, "%s%s", shown_n ? ", " : "", fmt_shown(names[i], buf, sizeof buf));
            shown_n++;
        }
        if (near) {
            int dd = edit_distance(near, names[i]);
            if (dd < best_d && dd < (int)strlen(names[i])) {
                best_d = dd;
                best = names[i];
            }
        }
    }
    if (total == 0) sb_puts(&b, _("(none)"));
    if (total > shown_n) sb_printf(&b, _(", ... (%d more)"), total - shown_n);
    if (best) sb_printf(&b, _(" (did you mean '%s'?)"), fmt_shown(best, buf, sizeof buf));
    return sb_take(&b);
}

/* ---- ranges from the tables --------------------------------------------------------- */

static void range_error(const FieldDesc *f, double x, const char *path, DiagList *d)
{
    StrBuf r;
    sb_init(&r);
    describe_range(&r, f);
    diag_add(d, path, "must be %s, got %s", r.data, NUM(x));
    sb_free(&r);
}

static const char *const dist_names_list[] = {"constant", "exponential", "uniform", "lognormal",
                                              "pareto"};

/* A distribution must be one a sampler can draw from. */
static void check_dist(const FieldDesc *f, const Dist *dd, const char *path, DiagList *d)
{
    Path p;
    const char *name = dist_kind_name(dd->kind);
    double vals[] = {dd->mean, dd->p99, dd->min, dd->max, dd->alpha, dd->cap};
    const char *keys[] = {"mean", "p99", "min", "max", "alpha", "cap"};
    for (int i = 0; i < 6; i++)
        if (!isfinite(vals[i]) || vals[i] < 0) {
            path_join(p, path, keys[i]);
            diag_add(d, p, "must be a finite number >= 0, got %s", NUM(vals[i]));
            return;
        }
    switch (dd->kind) {
    case DIST_CONSTANT: {
        FieldDesc g = *f;
        g.type = FT_NUMBER;
        if (!in_range(&g, dd->mean)) range_error(&g, dd->mean, path, d);
        break;
    }
    case DIST_EXPONENTIAL:
        path_join(p, path, "mean");
        if (!(dd->mean > 0 && dd->mean <= f->max))
            diag_add(d, p, "an exponential distribution needs a mean greater than 0 and at most "
                           "%s, got %s (for none, write the number 0)", NUM(f->max), NUM(dd->mean));
        break;
    case DIST_UNIFORM:
        path_join(p, path, "max");
        if (dd->min > dd->max)
            diag_add(d, p, "a uniform distribution needs min <= max, got min %s, max %s", NUM(dd->min), NUM(dd->max));
        else if (dd->max > f->max)
            diag_add(d, p, "must be at most %s, got %s", NUM(f->max), NUM(dd->max));
        break;
    case DIST_LOGNORMAL: {
        double bound = exp(LOGNORMAL_Z * LOGNORMAL_Z / 2);
        if (!(dd->mean > 0 && dd->mean <= f->max)) {
            path_join(p, path, "mean");
            diag_add(d, p, "a lognormal distribution needs a mean greater than 0 and at most "
                           "%s, got %s", NUM(f->max), NUM(dd->mean));
        } else if (dd->p99 < dd->mean) {
            path_join(p, path, "p99");
            diag_add(d, p, "a lognormal distribution needs p99 >= mean (0 < mean <= p99), got "
                           "mean %s, p99 %s", NUM(dd->mean), NUM(dd->p99));
        } else if (log(dd->p99 / dd->mean) > LOGNORMAL_Z * LOGNORMAL_Z / 2) {
            path_join(p, path, "p99");
            diag_add(d, p, "no lognormal distribution has a p99 over %s x its mean; got mean "
                           "%s, p99 %s (%s x). Use pareto for heavier tails", numfmt_decimal(bound, 4, (char[NUMFMT_CAP]){0}, NUMFMT_CAP), NUM(dd->mean), NUM(dd->p99), NUM3(dd->p99 / dd->mean));
        }
        break;
    }
    case DIST_PARETO:
        if (!(dd->mean > 0 && dd->mean <= f->max)) {
            path_join(p, path, "mean");
            diag_add(d, p, "a pareto distribution needs a mean greater than 0 and at most "
                           "%s, got %s", NUM(f->max), NUM(dd->mean));
        }
        if (!(dd->alpha > 1 && dd->alpha <= 100)) {
            path_join(p, path, "alpha");
            diag_add(d, p, "a pareto distribution needs alpha greater than 1 and at most 100 "
                           "(the mean is infinite at 1 or below), got %s", NUM(dd->alpha));
        }
        break;
    default: {
        char *l = name_list(dist_names_list, DIST_KIND_COUNT, NULL);
        path_join(p, path, "dist");
        diag_add(d, p, "unknown distribution %s (%d); allowed: %s", name, (int)dd->kind, l);
        free(l);
        break;
    }
    }
    if (dd->cap > 1e12) {
        path_join(p, path, "cap");
        diag_add(d, p, "must be at most 1000000000000, got %s", NUM(dd->cap));
    }
}

/* Range-checks every row of `table` in the struct at `base` (node tables: only rows
 * that apply to `kind`, or all when kind < 0). */
static void check_fields(const FieldDesc *table, const void *base, int kind, const char *prefix,
                         DiagList *d)
{
    Path p;
    for (const FieldDesc *f = table; f->name; f++) {
        if (kind >= 0 && !schema_applies(f, (NodeKind)kind)) continue;
        path_join(p, prefix, f->name);
        const char *q = (const char *)base + f->offset;
        switch (f->type) {
        case FT_NUMBER: {
            double x = *(const double *)q;
            if (!in_range(f, x)) range_error(f, x, p, d);
            break;
        }
        case FT_INT: {
            int x = *(const int *)q;
            if (!in_range(f, x)) range_error(f, x, p, d);
            break;
        }
        case FT_U64: {
            uint64_t x = *(const uint64_t *)q;
            if ((double)x > f->max) range_error(f, (double)x, p, d);
            break;
        }
        case FT_ENUM: {
            int x = *(const int *)q, n = 0;
            while (f->enum_names[n]) n++;
            if (x < 0 || x >= n) {
                char *l = name_list(f->enum_names, n, NULL);
                diag_add(d, p, "unknown %s (%d); allowed: %s", f->name, x, l);
                free(l);
            }
            break;
        }
        case FT_DIST: check_dist(f, (const Dist *)q, p, d); break;
        default: break;
        }
    }
}

/* ---- the checks ----------------------------------------------------------------------- */

typedef struct Ctx {
    const Model *m;
    DiagList *d;
    const char **node_ids;
    const char **req_names;
    StrIndex nodes, reqs;
    int n_clients; /* client nodes with an id */
} Ctx;

/* Node n's label in the language of the messages (the file may not have been put in it
 * yet: the CLI validates as it loads), else its label, else its id. */
static const char *label_of(const Ctx *c, const Node *n)
{
    const char *tr = scenario_label_in(&c->m->scenario, n->label, tr_lang());
    return tr ? tr : !empty(n->label) ? n->label : n->id ? n->id : "?";
}

/* Node k as reports and the board name it, "Channel servers (channels)", or its id, quoted in
 * a sentence ("'channels'"), when that is its label; control characters shown as '?'. */
static const char *node_named(const Ctx *c, int k, bool in_list, char *buf, size_t cap)
{
    const Node *n = &c->m->nodes[k];
    char name[2 * SHOWN_MAX + 8], id[SHOWN_MAX + 8];
    if (strcmp(label_of(c, n), n->id ? n->id : "?") == 0) {
        if (in_list) return fmt_shown(n->id, buf, cap);
        snprintf(buf, cap, C_("a quoted name", "'%s'"), fmt_shown(n->id ? n->id : "?", id, sizeof id));
        return buf;
    }
    /* Russian and Ukrainian quote the label: the name stands in the nominative */
    snprintf(name, sizeof name, C_("a node named by label and id", "%s (%s)"), label_of(c, n), n->id ? n->id : "?");
    return fmt_shown(name, buf, cap);
}

static const char *shown_node(const Ctx *c, int k, char *buf, size_t cap) { return node_named(c, k, false, buf, cap); }

typedef enum NodeChoice { CHOICE_ANY, CHOICE_CLIENTS, CHOICE_NOT_CLIENTS } NodeChoice;

static bool choice_has(const Node *n, NodeChoice which)
{
    return !empty(n->id) && (which == CHOICE_ANY || (which == CHOICE_CLIENTS) == (n->kind == NODE_CLIENT));
}

/* ... and can be the one a "did you mean" suggests: of kind `kind`, unless it is -1 */
static bool suggestible(const Node *n, NodeChoice which, int kind)
{
    return choice_has(n, which) && (kind < 0 || (int)n->kind == kind);
}

static size_t common_prefix_ci(const char *a, const char *b)
{
    size_t k = 0;
    while (a[k] && b[k] && tolower((unsigned char)a[k]) == tolower((unsigned char)b[k])) k++;
    return k;
}

/* The node whose id or label begins as `near` does for most of its length (at least 4
 * characters and 70% of it): an exercise's event names 'channels' and the board's node is
 * "Channel servers" (channel_servers); of kind `kind` only, unless it is -1. -1 when none
 * does, or two do equally. */
static int node_by_prefix(const Ctx *c, NodeChoice which, const char *near, int kind)
{
    size_t want = strlen(near), best_k = 0;
    int best = -1;
    bool tie = false;
    for (int i = 0; i < c->m->n_nodes; i++) {
        const Node *n = &c->m->nodes[i];
        if (!suggestible(n, which, kind)) continue;
        size_t k = common_prefix_ci(near, n->id), kl = common_prefix_ci(near, label_of(c, n));
        if (kl > k) k = kl;
        if (k < 4 || 10 * k < 7 * want) continue;
        if (k > best_k) best_k = k, best = i, tie = false;
        else if (k == best_k) tie = true;
    }
    return tie ? -1 : best;
}

/* The nodes a field may name, as shown_node names them ("Chat clients (users), API (api)",
 * at most LIST_MAX, then "... (N more)"), plus a "did you mean" for `near`: the node whose
 * id or shown label is within two edits of it, else begins as it does, else the only node
 * of kind `kind` (-1: none; a fail event of a database's replicas names 'pg', the board's
 * database is 'database'). Returns a new string. */
static char *node_list(const Ctx *c, NodeChoice which, const char *near, int kind)
{
    StrBuf b;
    sb_init(&b);
    /* two edits from a name of four or more characters, one from a shorter one ('pg' is
     * two from 'app') */
    int shown_n = 0, total = 0, best = -1, best_d = near && strlen(near) <= 3 ? 2 : 3;
    char buf[2 * SHOWN_MAX + 8];
    for (int i = 0; i < c->m->n_nodes; i++) {
        const Node *n = &c->m->nodes[i];
        if (!choice_has(n, which)) continue;
        total++;
        if (shown_n < LIST_MAX) {
            sb_printf(&b, "%s%s", shown_n ? ", " : "", node_named(c, i, true, buf, sizeof buf));
            shown_n++;
        }
        if (near && suggestible(n, which, kind)) {
            /* an edit distance shorter than the name itself (else anything is "near" a short one) */
            const char *label = label_of(c, n);
            int d = 99, di = edit_distance(near, n->id), dl = edit_distance(near, label);
            if (di < (int)strlen(n->id)) d = di;
            if (dl < (int)strlen(label) && dl < d) d = dl;
            if (d < best_d) {
                best_d = d;
                best = i;
            }
        }
    }
    if (near && best < 0) best = node_by_prefix(c, which, near, kind);
    if (near && best < 0 && kind >= 0) {
        int found = 0;
        for (int i = 0; i < c->m->n_nodes; i++)
            if (suggestible(&c->m->nodes[i], which, kind)) found++, best = i;
        if (found != 1) best = -1;
    }
    if (total == 0) sb_puts(&b, _("(none)"));
    if (total > shown_n) sb_printf(&b, _(", ... (%d more)"), total - shown_n);
    if (best >= 0) sb_printf(&b, _(" (did you mean %s?)"), shown_node(c, best, buf, sizeof buf));
    return sb_take(&b);
}

/* StrIndex of the node `id` names, or -1 after reporting at `path`. */
static int need_node(Ctx *c, const char *id, const char *path, const char *what)
{
    char buf[80];
    if (empty(id)) {
        diag_add(c->d, path, "missing; %s names a node id", what);
        return -1;
    }
    int i = strindex_find(&c->nodes, id);
    if (i < 0) {
        char *l = node_list(c, CHOICE_ANY, id, -1);
        diag_add(c->d, path, "no node with id '%s'; nodes are: %s", fmt_shown(id, buf, sizeof buf), l);
        free(l);
    }
    return i;
}

static void need_request(Ctx *c, const char *name, const char *path)
{
    char buf[80];
    if (strindex_find(&c->reqs, name) >= 0) return;
    char *l = name_list(c->req_names, c->m->scenario.n_requests, name);
    diag_add(c->d, path, "no request type '%s'; request types: %s",
             fmt_shown(name, buf, sizeof buf), l);
    free(l);
}

/* An autoscaling policy: on a kind that takes one, with min <= instances <= max. */
static void check_autoscale(Ctx *c, const Node *n, int i)
{
    Path p;
    const Autoscale *a = &n->autoscale;
    snprintf(p, sizeof p, "nodes[%d].autoscale", i);
    if (!node_autoscaled(n)) {
        if (node_kind_caches(n->kind))
            diag_add(c->d, p, _("a cache in the key model (capacity_keys, capacity_mb or ttl_s), "
                                "with a write_policy or with coalesce cannot autoscale: its "
                                "entries live in its instances; autoscale a cache with "
                                "hit_ratio only, or leave autoscale out"));
        else
            diag_add(c->d, p, _("a %s cannot autoscale; allowed on: service, cache, cdn"),
                     node_kind_name(n->kind));
        return;
    }
    check_fields(schema_autoscale_fields, a, -1, p, c->d);
    if (a->max_instances < a->min_instances) {
        snprintf(p, sizeof p, "nodes[%d].autoscale.max_instances", i);
        diag_add(c->d, p, _("must be at least min_instances (%d), got %d"), a->min_instances,
                 a->max_instances);
    } else if (n->instances < a->min_instances || n->instances > a->max_instances) {
        snprintf(p, sizeof p, "nodes[%d].instances", i);
        diag_add(c->d, p, _("%d instances at the start lie outside the autoscale range "
                            "min_instances..max_instances (%d..%d); allowed: a count within it"),
                 n->instances, a->min_instances, a->max_instances);
    }
}

static void check_nodes(Ctx *c)
{
    const Model *m = c->m;
    char buf[80];
    Path p;
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        snprintf(p, sizeof p, "nodes[%d].id", i);
        const char *ctl = n->id;
        while (ctl && *ctl && (unsigned char)*ctl >= 0x20 && *ctl != 0x7F) ctl++;
        if (empty(n->id)) {
            diag_add(c->d, p, "missing or empty; every node needs a unique id");
        } else if (*ctl) {
            /* exports name nodes by id (draw.io XML, Mermaid, DOT), and no format holds these */
            diag_add(c->d, p, "has a control character (U+%04X at byte %d); an id is printable text",
                     (unsigned)(unsigned char)*ctl, (int)(ctl - n->id));
        } else {
            int prev = strindex_add(&c->nodes, i);
            if (prev >= 0)
                diag_add(c->d, p, "duplicate id '%s' (nodes[%d] has it too); ids must be unique",
                         fmt_shown(n->id, buf, sizeof buf), prev);
        }
        snprintf(p, sizeof p, "nodes[%d]", i);
        if ((unsigned)n->kind >= NODE_KIND_COUNT) {
            check_fields(schema_node_fields, n, -1, p, c->d); /* reports the kind */
            continue;
        }
        check_fields(schema_node_fields, n, (int)n->kind, p, c->d);
        if (n->coalesce && node_kind_caches(n->kind) && !node_key_model(n)) {
            snprintf(p, sizeof p, "nodes[%d].coalesce", i);
            diag_add(c->d, p, "coalescing joins concurrent misses on one key, and this cache has "
                              "no keys: give it a capacity_keys, capacity_mb or ttl_s (the key "
                              "model), or leave coalesce out");
        }
        if (n->autoscale.enabled) check_autoscale(c, n, i);
    }
}

/* Queue delivery settings: a hot partition needs partitions to be hot among, and a
 * dead_letter names another queue node, with no chain of dead letters coming back
 * (a message could then go round it for ever). Runs after check_nodes (the id index). */
static void check_dead_letters(Ctx *c)
{
    const Model *m = c->m;
    char buf[80];
    Path p;
    int *next = xmalloc(((size_t)m->n_nodes + 1) * sizeof *next); /* dead_letter target or -1 */
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        next[i] = -1;
        if (n->kind != NODE_QUEUE) continue;
        if (n->hot_partition > 0 && n->partitions < 2) {
            snprintf(p, sizeof p, "nodes[%d].hot_partition", i);
            diag_add(c->d, p, "needs partitions of 2 or more (it has %d): the share of messages "
                              "keyed to partition 0 means nothing with one partition",
                     n->partitions);
        }
        if (!n->dead_letter) continue;
        snprintf(p, sizeof p, "nodes[%d].dead_letter", i);
        int t = need_node(c, n->dead_letter, p, "dead_letter");
        if (t < 0) continue;
        if (t == i) {
            diag_add(c->d, p, "names the queue itself; a dead-letter queue is another queue node");
            continue;
        }
        if (m->nodes[t].kind != NODE_QUEUE) {
            diag_add(c->d, p, "%s is a %s; a dead-letter target must be a queue node",
                     shown_node(c, t, buf, sizeof buf), node_kind_name(m->nodes[t].kind));
            continue;
        }
        next[i] = t;
    }
    /* Each queue has at most one dead_letter: walk each chain once, colouring it (1 on
     * the current walk, 2 done), so a cycle is found in O(nodes) whatever its length. */
    uint8_t *state = xcalloc((size_t)m->n_nodes + 1, 1);
    for (int i = 0; i < m->n_nodes; i++) {
        int at = i;
        while (at >= 0 && state[at] == 0) {
            state[at] = 1;
            at = next[at];
        }
        if (at >= 0 && state[at] == 1) { /* a cycle through `at`: report it at `at` */
            snprintf(p, sizeof p, "nodes[%d].dead_letter", at);
            diag_add(c->d, p, "dead letters go round in a cycle back to %s; end the chain at a "
                              "queue without dead_letter",
                     shown_node(c, at, buf, sizeof buf));
        }
        for (at = i; at >= 0 && state[at] == 1; at = next[at]) state[at] = 2;
    }
    free(state);
    free(next);
}

static void check_requests(Ctx *c)
{
    const Scenario *s = &c->m->scenario;
    char buf[80];
    Path p;
    if (s->n_requests > MAX_REQUEST_TYPES)
        diag_add(c->d, "scenario.requests",
                 "at most %d request types (a limit of the engine), got %d", MAX_REQUEST_TYPES,
                 s->n_requests);
    for (int i = 0; i < s->n_requests; i++) {
        const RequestType *r = &s->requests[i];
        snprintf(p, sizeof p, "scenario.requests[%d].name", i);
        if (empty(r->name)) {
            diag_add(c->d, p, "missing or empty; every request type needs a unique name");
        } else {
            int prev = strindex_add(&c->reqs, i);
            if (prev >= 0)
                diag_add(c->d, p,
                         "duplicate request type '%s' (scenario.requests[%d] has it too); names "
                         "must be unique",
                         fmt_shown(r->name, buf, sizeof buf), prev);
        }
        snprintf(p, sizeof p, "scenario.requests[%d]", i);
        check_fields(schema_request_fields, r, -1, p, c->d);

        snprintf(p, sizeof p, "scenario.requests[%d].client", i);
        char *clients = node_list(c, CHOICE_CLIENTS, r->client, -1);
        if (r->client) {
            int k = strindex_find(&c->nodes, r->client);
            if (k < 0)
                diag_add(c->d, p, "no node with id '%s'; client nodes are: %s",
                         fmt_shown(r->client, buf, sizeof buf), clients);
            else if (c->m->nodes[k].kind != NODE_CLIENT)
                diag_add(c->d, p, "%s is a %s node, not a client; client nodes are: %s",
                         shown_node(c, k, buf, sizeof buf), node_kind_name(c->m->nodes[k].kind), clients);
        } else if (c->n_clients == 0 && !has_kind(c->m, NODE_CLIENT)) { /* one without an id: said there */
            diag_add(c->d, p, "no client node sends this request type; add a node of kind "
                              "client");
        } else if (c->n_clients > 1) {
            diag_add(c->d, p,
                     "no client named for '%s': there are %d client nodes, so name the one that "
                     "sends it: %s",
                     fmt_shown(r->name, buf, sizeof buf), c->n_clients, clients);
        }
        free(clients);

        snprintf(p, sizeof p, "scenario.requests[%d].rate_rps", i);
        if (r->rate_rps > 0 && r->users > 0)
            diag_add(c->d, p, "give rate_rps (open loop) or users (closed loop), not both "
                              "(rate_rps %s, users %d)", NUM(r->rate_rps), r->users);
        else if (!(r->rate_rps > 0) && !(r->users > 0))
            diag_add(c->d, p, "a request type needs rate_rps > 0 (open loop) or users > 0 "
                              "(closed loop)");
    }
}

static void check_edges(Ctx *c)
{
    const Model *m = c->m;
    char buf[80];
    Path p;
    const char **ids = xcalloc((size_t)m->n_edges + 1, sizeof *ids);
    for (int i = 0; i < m->n_edges; i++) ids[i] = m->edges[i].id;
    StrIndex eidx;
    strindex_init(&eidx, ids, m->n_edges);
    for (int i = 0; i < m->n_edges; i++) {
        const Edge *e = &m->edges[i];
        if (e->id) {
            snprintf(p, sizeof p, "edges[%d].id", i);
            int prev = strindex_add(&eidx, i);
            if (!e->id[0])
                diag_add(c->d, p, "empty; leave the id out or give a unique name");
            else if (prev >= 0)
                diag_add(c->d, p, "duplicate edge id '%s' (edges[%d] has it too)",
                         fmt_shown(e->id, buf, sizeof buf), prev);
        }
        snprintf(p, sizeof p, "edges[%d].from", i);
        int from = need_node(c, e->from, p, "'from'");
        snprintf(p, sizeof p, "edges[%d].to", i);
        int to = need_node(c, e->to, p, "'to'");
        if (from >= 0 && from == to)
            diag_add(c->d, p, "a node cannot call itself (%s); self-loops are not allowed",
                     shown_node(c, from, buf, sizeof buf));
        else if (to >= 0 && m->nodes[to].kind == NODE_CLIENT)
            diag_add(c->d, p, "%s is a client; clients only send requests, no edge may lead "
                              "into one",
                     shown_node(c, to, buf, sizeof buf));
        for (int k = 0; k < e->n_requests; k++) {
            snprintf(p, sizeof p, "edges[%d].requests[%d]", i, k);
            need_request(c, e->requests[k], p);
        }
        snprintf(p, sizeof p, "edges[%d]", i);
        check_fields(schema_edge_fields, e, -1, p, c->d);
        if (e->breaker.enabled) {
            snprintf(p, sizeof p, "edges[%d].circuit_breaker", i);
            check_fields(schema_breaker_fields, &e->breaker, -1, p, c->d);
        }
        if (e->backoff_max_ms < e->backoff_ms) {
            snprintf(p, sizeof p, "edges[%d].backoff_max_ms", i);
            diag_add(c->d, p, "must be at least backoff_ms (%s), got %s", NUM(e->backoff_ms), NUM(e->backoff_max_ms));
        }
        if (e->batch > 1 && from >= 0 && to >= 0 && from != to) {
            /* batching is defined for a fan-out's copies into a node that does the work
             * (docs/semantics.md, "Batched fan-out"): refused where a call is forwarded
             * whole (a balancer) or held as a message (a queue) */
            const Node *src = &m->nodes[from], *dst = &m->nodes[to];
            snprintf(p, sizeof p, "edges[%d].batch", i);
            if (src->kind == NODE_LOAD_BALANCER || src->kind == NODE_QUEUE)
                diag_add(c->d, p, _("a %s does not fan out: batch is for the fan-out of a "
                                    "service, cache, database or client (leave it at 1)"),
                         node_kind_name(src->kind));
            else if (dst->kind == NODE_LOAD_BALANCER || dst->kind == NODE_QUEUE)
                diag_add(c->d, p, _("a batched call must go to the node that does the work, "
                                    "not to a %s (leave batch at 1, or batch the edge after it)"),
                         node_kind_name(dst->kind));
        }
    }
    strindex_free(&eidx);
    free(ids);
}

/* Replication settings that can do nothing: warnings, the run is still meaningful. */
static void check_replication(Ctx *c)
{
    const Model *m = c->m;
    Path p;
    bool sessions = false;
    for (int t = 0; t < m->scenario.n_requests; t++) sessions |= m->scenario.requests[t].sessions > 0;
    for (int k = 0; k < m->n_nodes; k++) {
        const Node *n = &m->nodes[k];
        if (n->kind != NODE_DATABASE) continue;
        bool lag = !(n->replication_lag_ms.kind == DIST_CONSTANT && n->replication_lag_ms.mean == 0);
        if (n->failover_s > 0 && n->read_replicas == 0) {
            snprintf(p, sizeof p, "nodes[%d].failover_s", k);
            diag_add_warning(c->d, p,
                             "no replica to promote (read_replicas is 0): a failed primary "
                             "fails its writes until it is back, as without failover");
        }
        if ((lag || n->read_your_writes_ms > 0) && !sessions) {
            snprintf(p, sizeof p, "nodes[%d].%s", k, lag ? "replication_lag_ms" : "read_your_writes_ms");
            diag_add_warning(c->d, p,
                             "no request type has \"sessions\", so no read is a session's and "
                             "none can be stale or sent to the primary");
        }
    }
}

/* stale_read_rate measures the reads of sessions at databases that model replication
 * lag: a named type must be such a read; and something must measure it. */
static void check_stale_requirement(Ctx *c, const Requirement *q, int i)
{
    const Model *m = c->m;
    Path p;
    if (q->request) {
        int t = model_find_request(m, q->request);
        if (t < 0) return; /* need_request said so */
        const RequestType *r = &m->scenario.requests[t];
        snprintf(p, sizeof p, "scenario.requirements[%d].request", i);
        if (r->op != OP_READ)
            diag_add(c->d, p, "stale_read_rate measures reads; '%s' is a write", q->request);
        else if (r->sessions <= 0)
            diag_add(c->d, p,
                     "stale_read_rate needs the reads of sessions: give request type '%s' "
                     "\"sessions\" (the number of users sending it)", q->request);
        if (r->op != OP_READ || r->sessions <= 0) return;
    }
    bool lag = false;
    for (int k = 0; k < m->n_nodes && !lag; k++) {
        const Node *n = &m->nodes[k];
        lag = n->kind == NODE_DATABASE &&
              (!(n->replication_lag_ms.kind == DIST_CONSTANT && n->replication_lag_ms.mean == 0) ||
               n->read_your_writes_ms > 0);
    }
    snprintf(p, sizeof p, "scenario.requirements[%d]", i);
    if (!lag)
        diag_add_warning(c->d, p,
                         "no database sets replication_lag_ms or read_your_writes_ms, so no read "
                         "is checked and stale_read_rate is never measured (the requirement "
                         "fails)");
}

static void check_requirements(Ctx *c)
{
    const Scenario *s = &c->m->scenario;
    Path p;
    for (int i = 0; i < s->n_requirements; i++) {
        const Requirement *q = &s->requirements[i];
        snprintf(p, sizeof p, "scenario.requirements[%d]", i);
        check_fields(schema_requirement_fields, q, -1, p, c->d);
        if (!q->has_max && !q->has_min)
            diag_add(c->d, p, "needs \"max\" or \"min\" (or both): the limit the metric must "
                              "meet");
        else if (q->has_max && q->has_min && q->min > q->max)
            diag_add(c->d, p, "min (%s) is above max (%s); no value can pass", NUM(q->min), NUM(q->max));
        if (q->metric == METRIC_HIT_RATIO) {
            bool cache = false;
            for (int k = 0; k < c->m->n_nodes; k++)
                cache |= node_kind_caches(c->m->nodes[k].kind);
            if (!cache) {
                snprintf(p, sizeof p, "scenario.requirements[%d].metric", i);
                diag_add_warning(c->d, p, "hit_ratio is measured on cache and cdn nodes, and the design "
                                          "has none yet, so it is never measured (the requirement fails)");
            }
        }
        if (q->request) {
            snprintf(p, sizeof p, "scenario.requirements[%d].request", i);
            if (q->metric == METRIC_COST_PER_MONTH_USD)
                diag_add(c->d, p, "cost_per_month_usd is a property of the whole design; leave "
                                  "\"request\" out");
            else if (q->metric == METRIC_MAX_LAG_MESSAGES || q->metric == METRIC_MAX_LAG_S)
                diag_add(c->d, p, "%s is measured on the consumer groups of the queues, whatever "
                                  "the request type; leave \"request\" out",
                         metric_name(q->metric));
            else if (q->metric == METRIC_HIT_RATIO)
                diag_add(c->d, p, "hit_ratio is measured over the reads of every cache and CDN "
                                  "together; leave \"request\" out");
            else
                need_request(c, q->request, p);
        }
        if (q->metric == METRIC_STALE_READ_RATE) check_stale_requirement(c, q, i);
    }
}

/* A slug: 1 to ENVELOPE_ID_MAX lowercase ASCII letters, digits and '_'. */
static bool slug_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
            return false;
    return n >= 1 && n <= ENVELOPE_ID_MAX;
}

/* scenario.envelope: ids, labels, units and factors whose product is a sane number. */
static void check_envelope(Ctx *c)
{
    const Scenario *s = &c->m->scenario;
    char buf[80];
    Path p, q;
    if (s->n_envelope > ENVELOPE_MAX_ITEMS)
        diag_add(c->d, "scenario.envelope", "at most %d quantities, got %d", ENVELOPE_MAX_ITEMS,
                 s->n_envelope);
    const char **ids = xcalloc((size_t)s->n_envelope + 1, sizeof *ids);
    for (int i = 0; i < s->n_envelope; i++) ids[i] = s->envelope[i].id;
    StrIndex idx;
    strindex_init(&idx, ids, s->n_envelope);
    for (int i = 0; i < s->n_envelope; i++) {
        const EnvelopeItem *it = &s->envelope[i];
        snprintf(p, sizeof p, "scenario.envelope[%d]", i);
        path_join(q, p, "id");
        if (empty(it->id)) {
            diag_add(c->d, q, "missing or empty; every quantity needs a unique id such as "
                              "\"storage_per_year\"");
        } else if (!slug_ok(it->id)) {
            diag_add(c->d, q, "'%s' is not an id; use 1 to %d lowercase letters, digits and _ "
                              "(such as \"storage_per_year\")",
                     fmt_shown(it->id, buf, sizeof buf), ENVELOPE_ID_MAX);
        } else {
            int prev = strindex_add(&idx, i);
            if (prev >= 0)
                diag_add(c->d, q, "duplicate id '%s' (scenario.envelope[%d] has it too); ids "
                                  "must be unique",
                         it->id, prev);
        }
        if (empty(it->label)) {
            path_join(q, p, "label");
            diag_add(c->d, q, "missing or empty; say what is estimated, such as \"Tweet storage "
                              "per year\"");
        }
        check_fields(schema_envelope_fields, it, -1, p, c->d);
        if (it->id && strcmp(it->id, "peak_rps") == 0 && it->unit != ENV_UNIT_RPS &&
            (unsigned)it->unit < ENV_UNIT_KIND_COUNT) {
            path_join(q, p, "unit");
            diag_add(c->d, q, "peak_rps replaces the peak derived from the traffic, so its unit "
                              "is \"rps\", got \"%s\"",
                     envelope_unit_name(it->unit));
        }
        path_join(q, p, "factors");
        if (it->n_factors < 1 || it->n_factors > ENVELOPE_MAX_FACTORS) {
            diag_add(c->d, q, "needs 1 to %d factors (the expected value is their product), got "
                              "%d",
                     ENVELOPE_MAX_FACTORS, it->n_factors);
            continue;
        }
        bool values_ok = true;
        for (int k = 0; k < it->n_factors; k++) {
            const EnvelopeFactor *f = &it->factors[k];
            Path fp;
            char idx_s[24];
            snprintf(idx_s, sizeof idx_s, "factors[%d]", k);
            path_join(fp, p, idx_s);
            int before = diag_errors(c->d);
            check_fields(schema_factor_fields, f, -1, fp, c->d);
            values_ok &= diag_errors(c->d) == before;
            if (empty(f->label)) {
                Path lp;
                path_join(lp, fp, "label");
                diag_add(c->d, lp, "missing or empty; say what the number counts, such as "
                                   "\"bytes per tweet\"");
            }
        }
        double v = envelope_item_value(it);
        if (values_ok && !(v >= ENVELOPE_MIN_VALUE && v <= ENVELOPE_MAX_VALUE))
            diag_add(c->d, q, "the expected value (the product of the factors) is %s; it must "
                              "lie between %s and 10^30", NUM3(v), NUM(ENVELOPE_MIN_VALUE));
    }
    strindex_free(&idx);
    free(ids);
}

/* A language code: a primary tag of 2-3 lowercase letters, then optional subtags of
 * 2-8 letters or digits after '-' ("ru", "uk", "pt-BR", "zh-Hans"). */
static bool lang_code_ok(const char *s)
{
    if (!s) return false;
    size_t n = 0;
    while (s[n] >= 'a' && s[n] <= 'z') n++;
    if (n < 2 || n > 3) return false;
    s += n;
    while (*s == '-') {
        s++;
        n = 0;
        while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
               (s[n] >= '0' && s[n] <= '9'))
            n++;
        if (n < 2 || n > 8) return false;
        s += n;
    }
    return *s == 0;
}

/* scenario.translations.<lang>.envelope: one entry per quantity, in the same order, each
 * with as many factor labels as its quantity has factors; no empty text. */
static void check_envelope_texts(Ctx *c, const Translation *t, const char *tp)
{
    const Scenario *s = &c->m->scenario;
    if (t->n_envelope == 0) return;
    Path p, q;
    path_join(p, tp, "envelope");
    if (t->n_envelope != s->n_envelope) {
        diag_add(c->d, p,
                 "has %d entr%s but scenario.envelope has %d quantit%s; a translation has one "
                 "entry per quantity, in the same order (or none, to show the English sheet)",
                 t->n_envelope, t->n_envelope == 1 ? "y" : "ies", s->n_envelope,
                 s->n_envelope == 1 ? "y" : "ies");
        return;
    }
    for (int i = 0; i < t->n_envelope; i++) {
        const EnvelopeText *e = &t->envelope[i];
        const EnvelopeItem *it = &s->envelope[i];
        char idx[40];
        snprintf(idx, sizeof idx, "envelope[%d]", i);
        path_join(q, tp, idx);
        Path r;
        if (e->label && !e->label[0]) {
            path_join(r, q, "label");
            diag_add(c->d, r, "is empty; write the label or leave it out to show the English one");
        }
        if (e->note && !e->note[0]) {
            path_join(r, q, "note");
            diag_add(c->d, r, "is empty; write the note or leave it out to show the English one");
        }
        path_join(r, q, "factors");
        if (e->n_factors > 0 && e->n_factors != it->n_factors) {
            diag_add(c->d, r,
                     "has %d label%s but scenario.envelope[%d] (%s) has %d factor%s; give one "
                     "label per factor, in the same order (or none, to show the English ones)",
                     e->n_factors, e->n_factors == 1 ? "" : "s", i, it->id ? it->id : "?",
                     it->n_factors, it->n_factors == 1 ? "" : "s");
            continue;
        }
        for (int k = 0; k < e->n_factors; k++)
            if (empty(e->factors[k])) {
                Path f;
                snprintf(idx, sizeof idx, "factors[%d]", k);
                path_join(f, q, idx);
                diag_add(c->d, f, "is empty; say what the number counts, as the English label "
                                  "does");
            }
    }
}

/* A translation's labels of scenario.<list> (requirements, events): none, or one per
 * element in the same order, and text only where the element has an English label. */
static void check_translated_labels(Ctx *c, const char *p, const char *list, char *const *labels, int n,
                                    const char *const *english, int n_english)
{
    if (n > 0 && n != n_english) {
        Path q;
        path_join(q, p, list);
        diag_add(c->d, q,
                 "has %d labels but scenario.%s has %d; a translation has one entry per element, in "
                 "the same order (\"\" where the English label stands), or none",
                 n, list, n_english);
    }
    for (int k = 0; k < n && k < n_english; k++)
        if (!empty(labels[k]) && empty(english[k])) {
            Path q;
            char idx[48];
            snprintf(idx, sizeof idx, "%s[%d]", list, k);
            path_join(q, p, idx);
            diag_add(c->d, q,
                     "translates a label, but scenario.%s[%d] has none (its description is written in "
                     "every language); write \"\" here, or give it a label",
                     list, k);
        }
}

static void check_translations(Ctx *c)
{
    const Scenario *s = &c->m->scenario;
    char buf[80];
    Path p;
    for (int i = 0; i < s->n_translations; i++) {
        const Translation *t = &s->translations[i];
        const char *lang = t->lang ? t->lang : "";
        snprintf(p, sizeof p, "scenario.translations.%s", fmt_shown(lang, buf, sizeof buf));
        if (strcmp(lang, "en") == 0) {
            diag_add(c->d, p, "English is the base text (title, scenario.prompt, "
                              "scenario.hints); translations are for other languages");
            continue;
        }
        if (!lang_code_ok(lang)) {
            diag_add(c->d, p, "'%s' is not a language code; use a lowercase ISO 639 code of "
                              "2-3 letters, optionally with a region or script (\"ru\", "
                              "\"uk\", \"pt-BR\")",
                     fmt_shown(lang, buf, sizeof buf));
            continue;
        }
        for (int k = 0; k < i; k++)
            if (s->translations[k].lang && strcmp(s->translations[k].lang, lang) == 0)
                diag_add(c->d, p, "language '%s' appears twice; one translation per language",
                         fmt_shown(lang, buf, sizeof buf));
        if (t->n_hints > 0 && t->n_hints != s->n_hints) {
            Path q;
            path_join(q, p, "hints");
            diag_add(c->d, q,
                     "has %d hint%s but scenario.hints has %d; a translation has the same "
                     "hints in the same order (or none, to show the English ones)",
                     t->n_hints, t->n_hints == 1 ? "" : "s", s->n_hints);
        }
        for (int k = 0; k < t->n_hints; k++)
            if (empty(t->hints[k])) {
                Path q;
                char idx[24];
                snprintf(idx, sizeof idx, "hints[%d]", k);
                path_join(q, p, idx);
                diag_add(c->d, q, "is empty; write the hint or leave the translation's hints out");
            }
        const char **english = xcalloc((size_t)(s->n_requirements + s->n_events) + 1, sizeof *english);
        for (int k = 0; k < s->n_requirements; k++) english[k] = s->requirements[k].label;
        check_translated_labels(c, p, "requirements", t->requirements, t->n_requirements, english, s->n_requirements);
        for (int k = 0; k < s->n_events; k++) english[k] = s->events[k].label;
        check_translated_labels(c, p, "events", t->events, t->n_events, english, s->n_events);
        free(english);
        check_envelope_texts(c, t, p);
    }
    for (int k = 0; k < s->n_hints; k++)
        if (empty(s->hints[k])) {
            snprintf(p, sizeof p, "scenario.hints[%d]", k);
            diag_add(c->d, p, "is empty; every hint needs text");
        }
}

/* A fail event of a zone or a region: that and nothing else names what fails. */
/* Two strings equal, either may be NULL (a zone whose id is missing has no region). */
static bool str_same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void check_place_event(Ctx *c, const ScenarioEvent *ev, int i)
{
    const Scenario *s = &c->m->scenario;
    char buf[80];
    Path p;
    if (ev->zone && ev->region) {
        snprintf(p, sizeof p, "scenario.events[%d].region", i);
        diag_add(c->d, p, _("a fail event takes a node, a zone or a region, not both a zone and a region"));
    }
    if (ev->node) {
        snprintf(p, sizeof p, "scenario.events[%d].node", i);
        diag_add(c->d, p, _("a fail event takes a node, a zone or a region, one of them; this one "
                            "also names the %s"), ev->zone ? "zone" : "region");
    }
    if (ev->instances != 0 || ev->role != ROLE_ANY) {
        snprintf(p, sizeof p, "scenario.events[%d].%s", i, ev->instances != 0 ? "instances" : "role");
        diag_add(c->d, p, _("a zone or region fails whole: every server placed there goes down; "
                            "leave instances and role out"));
    }
    if (ev->zone && scenario_find_zone(s, ev->zone) < 0) {
        snprintf(p, sizeof p, "scenario.events[%d].zone", i);
        diag_add(c->d, p, _("'%s' is not a zone of scenario.zones; allowed: one of their ids"),
                 fmt_shown(ev->zone, buf, sizeof buf));
    }
    if (ev->region) {
        bool found = false;
        for (int z = 0; z < s->n_zones && !found; z++) found = str_same(scenario_zone_region(s, z), ev->region);
        if (!found) {
            snprintf(p, sizeof p, "scenario.events[%d].region", i);
            diag_add(c->d, p, _("'%s' is the region of no zone in scenario.zones; allowed: a region "
                                "a zone names"),
                     fmt_shown(ev->region, buf, sizeof buf));
        }
    }
}

/* Zones: unique ids; region latencies between regions that exist; nodes placed in zones
 * that exist, by zone or zones, not both. */
static void check_zones(Ctx *c)
{
    const Model *m = c->m;
    const Scenario *s = &m->scenario;
    char buf[80];
    Path p;
    for (int i = 0; i < s->n_zones; i++) {
        snprintf(p, sizeof p, "scenario.zones[%d]", i);
        check_fields(schema_zone_fields, &s->zones[i], -1, p, c->d);
        if (!s->zones[i].id || !*s->zones[i].id) continue;
        for (int k = 0; k < i; k++)
            if (s->zones[k].id && strcmp(s->zones[k].id, s->zones[i].id) == 0) {
                snprintf(p, sizeof p, "scenario.zones[%d].id", i);
                diag_add(c->d, p, _("duplicate zone id '%s' (scenario.zones[%d] has it too); ids must be unique"),
                         fmt_shown(s->zones[i].id, buf, sizeof buf), k);
            }
    }
    for (int i = 0; i < s->n_region_latency; i++) {
        const RegionLatency *l = &s->region_latency[i];
        snprintf(p, sizeof p, "scenario.region_latency[%d]", i);
        check_fields(schema_region_latency_fields, l, -1, p, c->d);
        const char *ends[2] = {l->from, l->to};
        for (int e = 0; e < 2; e++) {
            if (!ends[e]) continue;
            bool found = false;
            for (int z = 0; z < s->n_zones && !found; z++) found = str_same(scenario_zone_region(s, z), ends[e]);
            if (!found) {
                snprintf(p, sizeof p, "scenario.region_latency[%d].%s", i, e ? "to" : "from");
                diag_add(c->d, p, _("'%s' is the region of no zone in scenario.zones; allowed: a "
                                    "region a zone names"),
                         fmt_shown(ends[e], buf, sizeof buf));
            }
        }
    }
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        if (n->zone && n->n_zones > 0) {
            snprintf(p, sizeof p, "nodes[%d].zones", i);
            diag_add(c->d, p, _("a node is placed in one zone (zone) or spread over several (zones), "
                                "not both"));
        }
        if (n->zone && scenario_find_zone(s, n->zone) < 0) {
            snprintf(p, sizeof p, "nodes[%d].zone", i);
            diag_add(c->d, p, _("'%s' is not a zone of scenario.zones; allowed: one of their ids"),
                     fmt_shown(n->zone, buf, sizeof buf));
        }
        for (int k = 0; k < n->n_zones; k++) {
            snprintf(p, sizeof p, "nodes[%d].zones[%d]", i, k);
            if (scenario_find_zone(s, n->zones[k]) < 0)
                diag_add(c->d, p, _("'%s' is not a zone of scenario.zones; allowed: one of their ids"),
                         fmt_shown(n->zones[k], buf, sizeof buf));
            for (int j = 0; j < k; j++)
                if (n->zones[j] && n->zones[k] && strcmp(n->zones[j], n->zones[k]) == 0)
                    diag_add(c->d, p, _("'%s' is listed twice; each zone once"), fmt_shown(n->zones[k], buf, sizeof buf));
        }
        if (n->n_zones > 0 && n->autoscale.enabled) {
            snprintf(p, sizeof p, "nodes[%d].zones", i);
            diag_add(c->d, p, _("an autoscaled node runs in one zone: give it zone, not zones"));
        }
        if (n->prefer_zone && n->kind == NODE_LOAD_BALANCER && !node_placed(n)) {
            snprintf(p, sizeof p, "nodes[%d].prefer_zone", i);
            diag_add_warning(c->d, p, _("the balancer has no zone to prefer: give it a zone"));
        }
    }
}

static void check_events(Ctx *c)
{
    const Scenario *s = &c->m->scenario;
    char buf[80];
    Path p;
    double end_s = s->warmup_s + s->duration_s;
    for (int i = 0; i < s->n_events; i++) {
        const ScenarioEvent *ev = &s->events[i];
        snprintf(p, sizeof p, "scenario.events[%d]", i);
        check_fields(schema_event_fields, ev, -1, p, c->d);
        if ((unsigned)ev->action >= EVENT_ACTION_COUNT) continue;
        if (ev->action == EVENT_FAIL && (ev->zone || ev->region)) {
            check_place_event(c, ev, i);
        } else if (ev->action == EVENT_FAIL || ev->action == EVENT_SLOW) {
            snprintf(p, sizeof p, "scenario.events[%d].node", i);
            int k = -1;
            if (empty(ev->node)) { /* whole sentences, for the translations */
                if (ev->action == EVENT_FAIL)
                    diag_add(c->d, p, "missing; a fail event names a node id");
                else
                    diag_add(c->d, p, "missing; a slow event names a node id");
            } else if ((k = strindex_find(&c->nodes, ev->node)) < 0) {
                /* what to do, too: an exercise's blank board starts with its events' nodes missing */
                const char *id = fmt_shown(ev->node, buf, sizeof buf);
                /* a role is a database's: the only database is the likely one; else the
                 * only node of the kind the id's words name ('pg', 'orders_db', 'redis') */
                NodeKind named;
                int kind = ev->role != ROLE_ANY                          ? NODE_DATABASE
                           : import_guess_kind(ev->node, &named, NULL) ? (int)named
                                                                       : -1;
                char *l = node_list(c, CHOICE_NOT_CLIENTS, ev->node, kind);
                if (c->m->n_nodes == c->n_clients) /* nothing placed that could fail */
                    diag_add(c->d, p,
                             "no node with id '%s' yet; place the node this event is about and choose it as "
                             "the event's node, or give it the id '%s'",
                             id, id);
                else if (ev->action == EVENT_FAIL)
                    diag_add(c->d, p,
                             "no node with id '%s' to fail; nodes are: %s. Choose one of them as the event's node, "
                             "or give a node the id '%s'",
                             id, l, id);
                else
                    diag_add(c->d, p,
                             "no node with id '%s' to slow down; nodes are: %s. Choose one of them as the event's "
                             "node, or give a node the id '%s'",
                             id, l, id);
                free(l);
            } else if (c->m->nodes[k].kind == NODE_CLIENT) {
                /* a client sends the traffic: it has no servers to fail and no service to slow */
                char *l = node_list(c, CHOICE_NOT_CLIENTS, NULL, -1);
                if (ev->action == EVENT_FAIL)
                    diag_add(c->d, p,
                             "%s is a client: it sends the requests and has no servers to fail; choose a node "
                             "that serves them: %s",
                             shown_node(c, k, buf, sizeof buf), l);
                else
                    diag_add(c->d, p,
                             "%s is a client: it sends the requests and has no service time to slow down; "
                             "choose a node that serves them: %s (a slow network is an edge's latency_ms)",
                             shown_node(c, k, buf, sizeof buf), l);
                free(l);
                k = -1;
            }
            if (k >= 0 && ev->action == EVENT_FAIL) {
                const Node *nd = &c->m->nodes[k];
                int servers = node_servers(nd);
                if (ev->role != ROLE_ANY) {
                    snprintf(p, sizeof p, "scenario.events[%d].role", i);
                    if (nd->kind != NODE_DATABASE)
                        diag_add(c->d, p, "'%s' applies to databases; %s is a %s (use any)",
                                 fail_role_name(ev->role), shown_node(c, k, buf, sizeof buf),
                                 node_kind_name(nd->kind));
                    else if (scenario_event_idle(c->m, ev))
                        diag_add_warning(c->d, p,
                                         "%s has no read replicas yet: this failure only happens once it has some",
                                         shown_node(c, k, buf, sizeof buf));
                    servers = ev->role == ROLE_PRIMARY ? nd->shards
                              : nd->read_replicas <= 0 || nd->shards <= 0 ? 0
                              : nd->shards > INT_MAX / nd->read_replicas ? INT_MAX
                                                                        : nd->shards * nd->read_replicas;
                }
                snprintf(p, sizeof p, "scenario.events[%d].instances", i);
                if (ev->instances > servers && servers > 0)
                    diag_add(c->d, p,
                             "%d exceeds the %d server(s) of %s; at most %d (0 = all of them)",
                             ev->instances, servers, shown_node(c, k, buf, sizeof buf), servers);
            }
        } else if (ev->request) {
            snprintf(p, sizeof p, "scenario.events[%d].request", i);
            need_request(c, ev->request, p);
        }
        if (isfinite(end_s) && ev->at_s >= end_s) {
            snprintf(p, sizeof p, "scenario.events[%d].at_s", i);
            diag_add_warning(c->d, p, "%s s is after the run ends (warmup_s + duration_s = "
                                      "%s s); the event never happens", NUM(ev->at_s), NUM(end_s));
        }
    }
}

/* A change of the surge factor of a request type at a time: log(factor) in or out. */
typedef struct SurgeEdge {
    double at_s;
    double dlog;
    int event;
} SurgeEdge;

static int surge_edge_cmp(const void *a, const void *b)
{
    const SurgeEdge *x = a, *y = b;
    if (x->at_s != y->at_s) return x->at_s < y->at_s ? -1 : 1;
    if (x->dlog != y->dlog) return x->dlog < y->dlog ? -1 : 1; /* ends before starts */
    return x->event - y->event;
}

/* Surges multiply an open-loop rate, and overlapping ones multiply each other; at its
 * peak, surges included, a request type sends at most what rate_rps may be on its own
 * (1,000,000,000 a second): beyond that the arrivals are closer than the engine's clock
 * can tell apart (2^1000 from a thousand surges of 2 never ends). A sweep over the
 * surges' starts and ends in time order, in logarithms: n log n in the events. */
static void check_surge_peaks(Ctx *c)
{
    const Scenario *s = &c->m->scenario;
    const FieldDesc *rate_f = NULL;
    for (const FieldDesc *f = schema_request_fields; f->name; f++)
        if (strcmp(f->name, "rate_rps") == 0) rate_f = f;
    double end_s = s->warmup_s + s->duration_s;
    if (s->n_events == 0 || !rate_f || !isfinite(end_s)) return;
    SurgeEdge *edges = xmalloc(((size_t)s->n_events * 2 + 1) * sizeof *edges);
    char buf[80];
    for (int t = 0; t < s->n_requests; t++) {
        const RequestType *r = &s->requests[t];
        if (!(r->rate_rps > 0) || r->users > 0 || !isfinite(r->rate_rps) || empty(r->name)) continue;
        int n = 0;
        for (int i = 0; i < s->n_events; i++) {
            const ScenarioEvent *ev = &s->events[i];
            if (ev->action != EVENT_SURGE || !(ev->factor > 0) || !isfinite(ev->factor) ||
                !(ev->at_s < end_s) || (ev->request && strcmp(ev->request, r->name) != 0))
                continue;
            edges[n++] = (SurgeEdge){ev->at_s, log(ev->factor), i};
            if (ev->for_s > 0) edges[n++] = (SurgeEdge){ev->at_s + ev->for_s, -log(ev->factor), i};
        }
        qsort(edges, (size_t)n, sizeof *edges, surge_edge_cmp);
        double sum = 0, peak = 0, peak_at = 0;
        int peak_event = -1;
        for (int k = 0; k < n; k++) {
            sum += edges[k].dlog;
            /* the factor holds from here to the next change: a peak only if it lasts */
            bool lasts = k + 1 == n || edges[k + 1].at_s > edges[k].at_s;
            if (lasts && edges[k].at_s < end_s && sum > peak) {
                peak = sum;
                peak_at = edges[k].at_s;
                peak_event = edges[k].event;
            }
        }
        if (peak_event < 0 || !(log(r->rate_rps) + peak > log(rate_f->max) + 1e-12)) continue;
        Path p;
        snprintf(p, sizeof p, "scenario.events[%d].factor", peak_event);
        char g[NUMFMT_CAP], fa[NUMFMT_CAP], lim[NUMFMT_CAP], rt[NUMFMT_CAP];
        double factor = exp(peak), peak_rps = r->rate_rps * factor;
        const char *peak_s = isfinite(peak_rps) && peak_rps < 1e15
                                 ? numfmt_grouped(peak_rps, numfmt_thousands(tr_lang()), g, sizeof g)
                                 : _("more than 1,000,000,000,000,000");
        diag_add(c->d, p,
                 "with the surges active from %s s, '%s' would be sent at %s requests/s (its "
                 "rate_rps, %s requests/s, %s %s); at most %s a second, surges included",
                 NUM(peak_at), fmt_shown(r->name, buf, sizeof buf), peak_s,
                 numfmt_grouped(r->rate_rps, numfmt_thousands(tr_lang()), rt, sizeof rt), TIMES,
                 !(isfinite(factor) && factor < 1e15) ? _("more than 10^15")
                 : factor >= 1000 ? numfmt_grouped(factor, numfmt_thousands(tr_lang()), fa, sizeof fa)
                                  : numfmt_decimal(factor, 3, fa, sizeof fa),
                 numfmt_grouped(rate_f->max, numfmt_thousands(tr_lang()), lim, sizeof lim));
    }
    free(edges);
}

/* True when a draw from d can be exactly 0 (0 lies in its support): a constant 0, a
 * uniform from 0. Exponential and lognormal draws are above 0; pareto's at least its
 * scale. */
static bool can_be_zero(const Dist *d)
{
    if (d->kind == DIST_CONSTANT) return !(d->mean > 0);
    if (d->kind == DIST_UNIFORM) return !(d->min > 0);
    return false;
}

/* True when a fan-out drawn from d is never rounded down to no call: at least 1. */
static bool at_least_one(const Dist *d)
{
    if (d->kind == DIST_CONSTANT) return d->mean >= 1;
    if (d->kind == DIST_UNIFORM) return d->min >= 1;
    if (d->kind == DIST_PARETO) return d->alpha > 1 && d->mean * (d->alpha - 1) / d->alpha >= 1;
    return false;
}

/* A closed-loop user sends the next request when the answer comes back, after its think
 * time. When that can be 0 and the answer can come back at once (no call the client
 * always makes for the type takes time on the wire: a rejection, a failure or a node
 * that takes no time would answer at the same instant), users could send requests
 * without end at one simulated instant. */
static void check_closed_loops(Ctx *c)
{
    const Model *m = c->m;
    const Scenario *s = &m->scenario;
    char buf[80], buf2[80];
    for (int t = 0; t < s->n_requests; t++) {
        const RequestType *r = &s->requests[t];
        if (!(r->users > 0) || r->rate_rps > 0 || empty(r->name) || !can_be_zero(&r->think_ms))
            continue;
        int src = model_request_client(m, r); /* where the simulator sends it */
        if (src < 0 || !m->nodes[src].id) continue; /* a node without an id: said where it is */
        bool takes_time = false;
        for (int i = 0; i < m->n_edges && !takes_time; i++) {
            const Edge *e = &m->edges[i];
            if (!e->from || strcmp(e->from, m->nodes[src].id) != 0 || e->mode != EDGE_SYNC ||
                !edge_carries(e, r->name) || !(e->probability >= 1) || !at_least_one(&e->fanout))
                continue;
            takes_time = e->latency_ms > 0 ||
                         (e->bandwidth_mbps > 0 && (e->request_kb > 0 || e->response_kb > 0));
        }
        if (takes_time) continue;
        Path p;
        snprintf(p, sizeof p, "scenario.requests[%d].think_ms", t);
        diag_add(c->d, p,
                 "the users of '%s' can think 0 ms and their requests can come back at once (no "
                 "call that %s always makes for them has a latency_ms), so they could send "
                 "requests without end at one simulated instant; give think_ms a time that is "
                 "never 0 (an exponential, say) or the client's edge a latency_ms",
                 fmt_shown(r->name, buf, sizeof buf), shown_node(c, src, buf2, sizeof buf2));
    }
}

/* ---- graph checks -------------------------------------------------------------------- */

/* Outgoing edges per node in compressed rows: targets and edge indices. */
typedef struct Graph {
    int n;
    int *start; /* n + 1 */
    int *to;
    int *edge;
} Graph;

/* `sync_only`: only synchronous calls that do not end at a queue (a queue acks at
 * once, so a call into it never waits for what the consumers do) nor at a client
 * (reported on its own). */
static void graph_build(Graph *g, const Ctx *c, bool sync_only)
{
    const Model *m = c->m;
    g->n = m->n_nodes;
    g->start = xcalloc((size_t)g->n + 1, sizeof *g->start);
    g->to = xmalloc(((size_t)m->n_edges + 1) * sizeof *g->to);
    g->edge = xmalloc(((size_t)m->n_edges + 1) * sizeof *g->edge);
    int *from = xmalloc(((size_t)m->n_edges + 1) * sizeof *from);
    int *tgt = xmalloc(((size_t)m->n_edges + 1) * sizeof *tgt);
    for (int i = 0; i < m->n_edges; i++) {
        const Edge *e = &m->edges[i];
        from[i] = strindex_find(&c->nodes, e->from);
        tgt[i] = strindex_find(&c->nodes, e->to);
        if (from[i] < 0 || tgt[i] < 0 || from[i] == tgt[i]) from[i] = -1;
        else if (sync_only && (e->mode != EDGE_SYNC || m->nodes[tgt[i]].kind == NODE_QUEUE ||
                               m->nodes[tgt[i]].kind == NODE_CLIENT))
            from[i] = -1;
        if (from[i] >= 0) g->start[from[i] + 1]++;
    }
    for (int v = 0; v < g->n; v++) g->start[v + 1] += g->start[v];
    int *fill = xmalloc(((size_t)g->n + 1) * sizeof *fill);
    memcpy(fill, g->start, ((size_t)g->n + 1) * sizeof *fill);
    for (int i = 0; i < m->n_edges; i++)
        if (from[i] >= 0) {
            g->to[fill[from[i]]] = tgt[i];
            g->edge[fill[from[i]]++] = i;
        }
    free(fill);
    free(from);
    free(tgt);
}

static void graph_free(Graph *g)
{
    free(g->start);
    free(g->to);
    free(g->edge);
}

static int graph_target(const void *ctx, int k) { return ((const Graph *)ctx)->to[k]; }

/* Its strongly connected components: comp[v]; returns how many. */
static int graph_scc(const Graph *g, int *comp) { return scc_tarjan(g->n, g->start, graph_target, g, comp, NULL); }

/* One shortest cycle through r inside component k of g, by breadth-first search from
 * r until an edge leads back to r: fills nodes[0..len) (from r, in order) and
 * edges[0..len) (edges[i] leaves nodes[i]) and returns len, 0 when there is none.
 * prev, prev_edge, queue: scratch of g->n entries each. */
static int shortest_cycle(const Graph *g, const int *comp, int k, int r, int *nodes, int *edges,
                          int *prev, int *prev_edge, int *queue)
{
    for (int v = 0; v < g->n; v++) prev[v] = -2;
    int head = 0, tail = 0, last = -1, last_edge = -1;
    queue[tail++] = r;
    prev[r] = -1;
    while (head < tail && last < 0) {
        int v = queue[head++];
        for (int j = g->start[v]; j < g->start[v + 1]; j++) {
            int w = g->to[j];
            if (comp[w] != k) continue;
            if (w == r) {
                last = v;
                last_edge = g->edge[j];
                break;
            }
            if (prev[w] != -2) continue;
            prev[w] = v;
            prev_edge[w] = g->edge[j];
            queue[tail++] = w;
        }
    }
    if (last < 0) return 0;
    int len = 0;
    for (int v = last; v >= 0; v = prev[v]) len++;
    int i = len;
    edges[len - 1] = last_edge;
    for (int v = last; v >= 0; v = prev[v]) {
        nodes[--i] = v;
        if (i > 0) edges[i - 1] = prev_edge[v];
    }
    return len;
}

/* "Order API (a) → b → ... (N more) → z → Order API (a)": a cycle's nodes as reports name
 * them (label and id), the middle of a long one left out. */
static void put_cycle_nodes(StrBuf *b, const Model *m, const int *nodes, int len)
{
    char buf[200];
    for (int pos = 0; pos < len; pos++) {
        if (len > 16 && pos >= 8 && pos < len - 7) {
            if (pos == 8) {
                sb_printf(b, _("... (%d more)"), len - 15);
                sb_puts(b, " \xE2\x86\x92 ");
            }
            continue;
        }
        sb_printf(b, "%s \xE2\x86\x92 ", node_name(&m->nodes[nodes[pos]], NAMING_LABEL_AND_ID, buf, sizeof buf));
    }
    sb_puts(b, node_name(&m->nodes[nodes[0]], NAMING_LABEL_AND_ID, buf, sizeof buf));
}

/* "edges[1], edges[2]": a cycle's edges, the middle of a long one left out. */
static void put_cycle_edges(StrBuf *b, const int *edges, int len)
{
    for (int pos = 0; pos < len; pos++) {
        if (len > 16 && pos >= 8 && pos < len - 7) {
            if (pos == 8) sb_printf(b, _(", ... (%d more)"), len - 15);
            continue;
        }
        sb_printf(b, "%sedges[%d]", pos ? ", " : "", edges[pos]);
    }
}

/* Scratch for finding and spelling out cycles. */
typedef struct Cycles {
    int *comp, *size, *nodes, *edges, *prev, *prev_edge, *queue;
    bool *done;
    int n_comp;
} Cycles;

static void cycles_init(Cycles *y, int n)
{
    y->comp = xmalloc(((size_t)n + 1) * sizeof *y->comp);
    y->size = xmalloc(((size_t)n + 1) * sizeof *y->size);
    y->nodes = xmalloc(((size_t)n + 1) * sizeof *y->nodes);
    y->edges = xmalloc(((size_t)n + 1) * sizeof *y->edges);
    y->prev = xmalloc(((size_t)n + 1) * sizeof *y->prev);
    y->prev_edge = xmalloc(((size_t)n + 1) * sizeof *y->prev_edge);
    y->queue = xmalloc(((size_t)n + 1) * sizeof *y->queue);
    y->done = xmalloc(((size_t)n + 1) * sizeof *y->done);
    y->n_comp = 0;
}

static void cycles_free(Cycles *y)
{
    free(y->comp);
    free(y->size);
    free(y->nodes);
    free(y->edges);
    free(y->prev);
    free(y->prev_edge);
    free(y->queue);
    free(y->done);
}

/* The components of g into y (sizes counted, none done yet). */
static void cycles_find(Cycles *y, const Graph *g)
{
    y->n_comp = graph_scc(g, y->comp);
    memset(y->size, 0, ((size_t)y->n_comp + 1) * sizeof *y->size);
    memset(y->done, 0, ((size_t)y->n_comp + 1) * sizeof *y->done);
    for (int v = 0; v < g->n; v++) y->size[y->comp[v]]++;
}

/* Reports each component of synchronous calls that holds a cycle, once, with one
 * shortest cycle through its first node spelled out. Marks its nodes in in_cycle. */
static void check_sync_cycles(Ctx *c, bool *in_cycle)
{
    const Model *m = c->m;
    int n = m->n_nodes;
    if (n == 0) return;
    Graph g;
    graph_build(&g, c, true);
    Cycles y;
    cycles_init(&y, n);
    cycles_find(&y, &g);
    for (int r = 0; r < n; r++) {
        int k = y.comp[r];
        if (y.size[k] < 2 || y.done[k]) continue;
        y.done[k] = true;
        for (int v = 0; v < n; v++)
            if (y.comp[v] == k) in_cycle[v] = true;
        int len = shortest_cycle(&g, y.comp, k, r, y.nodes, y.edges, y.prev, y.prev_edge, y.queue);
        if (len == 0) continue; /* cannot happen in a component of size >= 2 */
        StrBuf b;
        sb_init(&b);
        put_cycle_nodes(&b, m, y.nodes, len);
        Path p;
        snprintf(p, sizeof p, "edges[%d]", y.edges[0]);
        if (y.size[k] > len)
            diag_add(c->d, p,
                     "sync call cycle %s could recurse without end; make one edge async or "
                     "remove it (%d nodes call each other synchronously in this loop)",
                     b.data, y.size[k]);
        else
            diag_add(c->d, p,
                     "sync call cycle %s could recurse without end; make one edge async or "
                     "remove it",
                     b.data);
        sb_free(&b);
    }
    cycles_free(&y);
    graph_free(&g);
}

/* Mean traffic of type t one job at node a sends along edge e (the flow equations of
 * analytic.h): 0 when e does not carry t or a never passes it on; `matching` = edges of
 * a carrying t. */
static double edge_gain(const Model *m, int a, int e, int t, int matching)
{
    const Node *src = &m->nodes[a];
    const Edge *ed = &m->edges[e];
    const RequestType *rt = &m->scenario.requests[t];
    if (empty(rt->name) || !edge_carries(ed, rt->name)) return 0;
    double p = ed->probability > 1 ? 1 : ed->probability > 0 ? ed->probability : 0;
    double f = dist_drawn_mean(&ed->fanout);
    double calls = isfinite(f) && f > 0 ? p * f : 0;
    if (src->kind == NODE_LOAD_BALANCER) return calls > 0 && matching > 0 ? 1.0 / matching : 0;
    if (node_kind_caches(src->kind)) {
        /* the key model: a cold cache misses every read, the worst a lap can meet */
        double miss = node_key_model(src) ? 1
                      : src->hit_ratio < 1 ? 1 - (src->hit_ratio > 0 ? src->hit_ratio : 0)
                                           : 0;
        return rt->op == OP_WRITE ? 0 : miss * calls;
    }
    return calls;
}

/* Growth per call of type t's traffic inside component k (members[0..n_members)): the
 * spectral radius of the gains, whose power L is the factor by which the traffic of a
 * cycle of L calls multiplies each time round (for one simple cycle, the product of its
 * gains; for two cycles through one node, the sum of their products). Power iteration on
 * gains + identity (primitive, so it converges whatever the cycles' periods) with
 * Collatz-Wielandt bounds, stopped as soon as they show it below 1 (the usual case) or
 * meet.
 * gain: per slot of g. pos: local index of each member; x, y: n_members scratch. */
static double component_growth(const Graph *g, const double *gain, const int *comp, int k,
                               const int *members, int n_members, const int *pos, double *x,
                               double *y)
{
    for (int i = 0; i < n_members; i++) x[i] = 1;
    double lo = 0, hi = 0;
    for (int iter = 0; iter < 500; iter++) {
        memcpy(y, x, (size_t)n_members * sizeof *y);
        for (int i = 0; i < n_members; i++) {
            int u = members[i];
            for (int j = g->start[u]; j < g->start[u + 1]; j++)
                if (comp[g->to[j]] == k && gain[j] > 0) y[pos[g->to[j]]] += gain[j] * x[i];
        }
        lo = INFINITY;
        hi = 0;
        double big = 0;
        for (int i = 0; i < n_members; i++) {
            double r = y[i] / x[i];
            if (r < lo) lo = r;
            if (r > hi) hi = r;
            if (y[i] > big) big = y[i];
        }
        lo -= 1;
        hi -= 1;
        /* damped: decided; growing: go on until the figure for the message is sharp */
        if (hi < 1 - 1e-9 || hi - lo <= 1e-9 * hi || !isfinite(big)) break;
        for (int i = 0; i < n_members; i++) x[i] = y[i] / big;
    }
    return (lo + hi) / 2;
}

/* Cycles any request type can go round (every edge carries it, every node passes it
 * on: a cache only its read misses) that
 *  - take no simulated time: every edge on it has latency_ms 0 and no payload over a
 *    bandwidth, every node's service time can be 0 (can_be_zero). A request would go
 *    round at one instant, forever or for as many laps as chance gives: an error;
 *  - amplify: its traffic multiplies by 1 or more each lap (component_growth) and no
 *    node on it has a rate limit. The work grows until queues overflow and the
 *    engine's safety valve refuses calls: a warning (the run is bounded, but its
 *    figures describe the loop, and archsim-cli run refuses the endless work unless
 *    forced).
 * Each component is reported once (the first type that shows it), with one shortest
 * cycle spelled out; components of sync cycles (in_sync, reported already) are left
 * out. Linear per request type. */
static void check_loop_cycles(Ctx *c, const bool *in_sync)
{
    const Model *m = c->m;
    int n = m->n_nodes, nt = m->scenario.n_requests;
    if (n == 0 || nt == 0 || m->n_edges == 0) return;
    Graph all;
    graph_build(&all, c, false);
    int slots = all.start[n];
    Cycles y;
    cycles_init(&y, n);
    /* Most designs have no cycle at all: one look at the whole graph says so. */
    cycles_find(&y, &all);
    bool any_cycle = false, any_zero = false;
    for (int k = 0; k < y.n_comp && !any_cycle; k++) any_cycle = y.size[k] > 1;
    if (!any_cycle) {
        cycles_free(&y);
        graph_free(&all);
        return;
    }
    bool *zero_node = xcalloc((size_t)n + 1, sizeof *zero_node);
    for (int v = 0; v < n; v++) {
        zero_node[v] = m->nodes[v].kind != NODE_CLIENT && can_be_zero(&m->nodes[v].service_ms);
        any_zero |= zero_node[v];
    }
    double *gain = xcalloc((size_t)slots + 1, sizeof *gain);
    bool *reported_zero = xcalloc((size_t)n + 1, sizeof *reported_zero);
    bool *reported_amp = xcalloc((size_t)n + 1, sizeof *reported_amp);
    int *members = xmalloc(((size_t)n + 1) * sizeof *members);
    int *pos = xmalloc(((size_t)n + 1) * sizeof *pos);
    double *x = xmalloc(((size_t)n + 1) * sizeof *x), *y2 = xmalloc(((size_t)n + 1) * sizeof *y2);
    Graph sub;
    sub.n = n;
    sub.start = xmalloc(((size_t)n + 1) * sizeof *sub.start);
    sub.to = xmalloc(((size_t)slots + 1) * sizeof *sub.to);
    sub.edge = xmalloc(((size_t)slots + 1) * sizeof *sub.edge);
    double *sub_gain = xmalloc(((size_t)slots + 1) * sizeof *sub_gain);
    char buf[80];
    for (int t = 0; t < nt; t++) {
        for (int v = 0; v < n; v++) {
            int matching = 0;
            for (int j = all.start[v]; j < all.start[v + 1]; j++)
                matching += !empty(m->scenario.requests[t].name) &&
                            edge_carries(&m->edges[all.edge[j]], m->scenario.requests[t].name);
            for (int j = all.start[v]; j < all.start[v + 1]; j++)
                gain[j] = edge_gain(m, v, all.edge[j], t, matching);
        }
        for (int pass = any_zero ? 0 : 1; pass < 2; pass++) { /* 0: no time, 1: amplifying */
            /* The sub-graph of this pass: edges that carry t (and, for pass 0, take no
             * time between nodes that can take none). */
            int fill = 0;
            sub.start[0] = 0;
            for (int v = 0; v < n; v++) {
                for (int j = all.start[v]; j < all.start[v + 1]; j++) {
                    int w = all.to[j];
                    const Edge *e = &m->edges[all.edge[j]];
                    bool ok = gain[j] > 0 && !in_sync[v] && !in_sync[w];
                    if (ok && pass == 0)
                        ok = zero_node[v] && zero_node[w] && !(e->latency_ms > 0) &&
                             !(e->bandwidth_mbps > 0 && e->request_kb > 0);
                    if (!ok) continue;
                    sub.to[fill] = w;
                    sub.edge[fill] = all.edge[j];
                    sub_gain[fill++] = gain[j];
                }
                sub.start[v + 1] = fill;
            }
            if (fill == 0) continue;
            cycles_find(&y, &sub);
            bool *reported = pass == 0 ? reported_zero : reported_amp;
            for (int r = 0; r < n; r++) {
                int k = y.comp[r];
                if (y.size[k] < 2 || y.done[k]) continue;
                y.done[k] = true;
                int n_members = 0;
                bool seen = false, limited = false;
                for (int v = r; v < n; v++)
                    if (y.comp[v] == k) {
                        pos[v] = n_members;
                        members[n_members++] = v;
                        seen |= reported[v] || (pass == 1 && reported_zero[v]);
                        limited |= m->nodes[v].rate_limit_rps > 0;
                    }
                if (seen) continue;
                double growth = 0;
                if (pass == 1) {
                    if (limited) continue;
                    growth = component_growth(&sub, sub_gain, y.comp, k, members, n_members, pos,
                                              x, y2);
                    if (growth < 1 - 1e-9) continue;
                }
                for (int i = 0; i < n_members; i++) reported[members[i]] = true;
                int len = shortest_cycle(&sub, y.comp, k, r, y.nodes, y.edges, y.prev,
                                         y.prev_edge, y.queue);
                if (len == 0) continue;
                StrBuf b;
                sb_init(&b);
                put_cycle_nodes(&b, m, y.nodes, len);
                sb_puts(&b, " (");
                put_cycle_edges(&b, y.edges, len);
                sb_puts(&b, ")");
                Path p;
                snprintf(p, sizeof p, "edges[%d]", y.edges[0]);
                const char *type = fmt_shown(m->scenario.requests[t].name, buf, sizeof buf);
                if (pass == 0)
                    diag_add(c->d, p,
                             "cycle %s can run without simulated time advancing: its edges take "
                             "no time (latency_ms 0, no payload over a bandwidth) and each of its "
                             "nodes can serve in 0 ms (service_ms constant 0 or uniform from 0), "
                             "so a '%s' request could go round it at one instant without end; "
                             "give one of these edges a latency_ms or one of these nodes a "
                             "service time that is never 0",
                             b.data, type);
                else
                    diag_add_warning(c->d, p,
                                     "cycle %s multiplies the '%s' traffic on it by %s each lap "
                                     "(probability %s fan-out around it) and no node on it has a "
                                     "rate limit: the work grows without bound until queues "
                                     "overflow and calls are refused; lower a probability or "
                                     "fan-out below 1, or give a node on it a rate_limit_rps",
                                     b.data, type, NUM3(pow(growth, len)), TIMES);
                sb_free(&b);
            }
        }
    }
    cycles_free(&y);
    graph_free(&sub);
    free(sub_gain);
    free(x);
    free(y2);
    free(pos);
    free(members);
    free(reported_zero);
    free(reported_amp);
    free(gain);
    free(zero_node);
    graph_free(&all);
}

/* A request type no edge from its client carries (an error: nothing would serve it);
 * warnings: nodes no request type reaches, load balancers and queues with nowhere to send
 * work, clients that send nothing. */
static void check_reach(Ctx *c)
{
    const Model *m = c->m;
    const Scenario *s = &m->scenario;
    int n = m->n_nodes;
    if (n == 0) return;
    Graph g;
    graph_build(&g, c, false);
    bool *reached = xcalloc((size_t)n, sizeof *reached);
    bool *seen = xmalloc((size_t)n * sizeof *seen);
    bool *sends = xcalloc((size_t)n, sizeof *sends);
    StrBuf *unserved = xcalloc((size_t)n, sizeof *unserved); /* per client: the types nothing serves */
    int *n_unserved = xcalloc((size_t)n, sizeof *n_unserved);
    int *queue = xmalloc((size_t)n * sizeof *queue);
    bool *dl_target = xcalloc((size_t)n, sizeof *dl_target); /* some queue's dead_letter */
    for (int v = 0; v < n; v++) {
        int t = m->nodes[v].kind == NODE_QUEUE && m->nodes[v].dead_letter
                    ? strindex_find(&c->nodes, m->nodes[v].dead_letter)
                    : -1;
        if (t >= 0) dl_target[t] = true;
    }
    char buf[80];
    Path p;
    for (int i = 0; i < s->n_requests; i++) {
        const RequestType *r = &s->requests[i];
        int src = model_request_client(m, r); /* where the simulator sends it */
        if (src < 0 || m->nodes[src].kind != NODE_CLIENT || empty(r->name) || empty(m->nodes[src].id))
            continue; /* a client without an id: that is what is said of it */
        sends[src] = true;
        memset(seen, 0, (size_t)n * sizeof *seen);
        int head = 0, tail = 0;
        queue[tail++] = src;
        seen[src] = true;
        while (head < tail) {
            int v = queue[head++];
            reached[v] = true;
            for (int j = g.start[v]; j < g.start[v + 1]; j++) {
                int w = g.to[j];
                if (seen[w] || !edge_carries(&m->edges[g.edge[j]], r->name)) continue;
                seen[w] = true;
                queue[tail++] = w;
            }
            /* a queue's dead letters reach its dead-letter queue */
            int dl = m->nodes[v].kind == NODE_QUEUE && m->nodes[v].dead_letter
                         ? strindex_find(&c->nodes, m->nodes[v].dead_letter)
                         : -1;
            if (dl >= 0 && !seen[dl]) {
                seen[dl] = true;
                queue[tail++] = dl;
            }
        }
        if (tail == 1) { /* the client alone: nobody would answer these requests, at once */
            sb_puts(&unserved[src], unserved[src].len ? ", " : "");
            sb_printf(&unserved[src], C_("a quoted name", "'%s'"), fmt_shown(r->name, buf, sizeof buf));
            n_unserved[src]++;
        }
    }
    for (int v = 0; v < n; v++) { /* one error per client: the fix is one edge from it */
        if (!n_unserved[v]) continue;
        snprintf(p, sizeof p, "nodes[%d]", v);
        shown_node(c, v, buf, sizeof buf);
        if (n_unserved[v] == 1)
            diag_add(c->d, p,
                     "nothing serves %s: no edge from its client %s carries it, so a run would answer "
                     "it at once, in 0 ms. Add an edge from %s to the node that serves it",
                     unserved[v].data, buf, buf);
        else
            diag_add(c->d, p,
                     "nothing serves %s: no edge from their client %s carries them, so a run would "
                     "answer them at once, in 0 ms. Add an edge from %s to the node that serves them",
                     unserved[v].data, buf, buf);
        sb_free(&unserved[v]);
    }
    if (s->n_requests == 0 && n > 0)
        diag_add_warning(c->d, "scenario.requests",
                         "no request types: nothing will be sent through the design");
    for (int v = 0; v < n; v++) {
        const Node *node = &m->nodes[v];
        snprintf(p, sizeof p, "nodes[%d]", v);
        bool has_out = g.start[v + 1] > g.start[v];
        if (node->kind == NODE_CLIENT) {
            if (!sends[v] && s->n_requests > 0 && !empty(node->id)) /* without an id: said there */
                diag_add_warning(c->d, p, "client %s sends no request type", shown_node(c, v, buf, sizeof buf));
            continue;
        }
        if (!reached[v] && s->n_requests > 0)
            diag_add_warning(c->d, p, "no request can reach %s: no path of edges from a "
                                      "client carries a request type to it",
                             shown_node(c, v, buf, sizeof buf));
        if (node->kind == NODE_LOAD_BALANCER && !has_out)
            diag_add_warning(c->d, p, "load balancer %s has no outgoing edge; every request "
                                      "it gets fails",
                             shown_node(c, v, buf, sizeof buf));
        if (node->kind == NODE_QUEUE && !has_out && !dl_target[v])
            diag_add_warning(c->d, p, "queue %s has no consumer edge: it acknowledges "
                                      "messages and nobody ever processes them",
                             shown_node(c, v, buf, sizeof buf));
    }
    free(reached);
    free(dl_target);
    free(seen);
    free(sends);
    free(unserved);
    free(n_unserved);
    free(queue);
    graph_free(&g);
}

bool model_validate(const Model *m, DiagList *d)
{
    ASSERT(m && d);
    int errors0 = diag_errors(d);
    Ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.d = d;
    c.node_ids = xcalloc((size_t)m->n_nodes + 1, sizeof *c.node_ids);
    for (int i = 0; i < m->n_nodes; i++) {
        c.node_ids[i] = m->nodes[i].id;
        if (m->nodes[i].kind == NODE_CLIENT && !empty(m->nodes[i].id)) c.n_clients++;
    }
    c.req_names = xcalloc((size_t)m->scenario.n_requests + 1, sizeof *c.req_names);
    for (int i = 0; i < m->scenario.n_requests; i++) c.req_names[i] = m->scenario.requests[i].name;
    strindex_init(&c.nodes, c.node_ids, m->n_nodes);
    strindex_init(&c.reqs, c.req_names, m->scenario.n_requests);

    check_fields(schema_scenario_fields, &m->scenario, -1, "scenario", d);
    check_nodes(&c);
    check_zones(&c);
    check_dead_letters(&c);
    check_requests(&c);
    check_edges(&c);
    check_requirements(&c);
    check_replication(&c);
    check_events(&c);
    check_surge_peaks(&c);
    check_closed_loops(&c);
    check_envelope(&c);
    check_translations(&c);
    bool *in_sync = xcalloc((size_t)m->n_nodes + 1, sizeof *in_sync);
    check_sync_cycles(&c, in_sync);
    check_loop_cycles(&c, in_sync);
    free(in_sync);
    check_reach(&c);

    strindex_free(&c.nodes);
    strindex_free(&c.reqs);
    free(c.node_ids);
    free(c.req_names);
    return diag_errors(d) == errors0;
}
