/*
 * export.c - Mermaid and Graphviz exports of a diagram.
 *
 * Node ids are free text, so both formats get generated identifiers (n0, n1, ...)
 * and the id and label travel in quoted, escaped labels. Async edges are dashed.
 */
#include "sim/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

/* The fewest significant digits of `shown` that the import reads back as v exactly: it
 * takes the number times `mul` (1e3 after "k", 1e6 after "M"), over `div` (100 for a
 * percentage). So "0.1234567 ms" stays that, not "0.123457", and "57%" stays 0.57. */
static bool exact_digits(double shown, double v, double mul, double div, char *out, size_t cap)
{
    double mag = fabs(shown);
    for (int p = 1; p <= 17; p++) {
        snprintf(out, cap, "%.*g", p, shown);
        if (strchr(out, 'e') && mag >= 1e-6 && mag < 1e15) { /* "150", not "1.5e+02" */
            int decimals = p - 1 - (int)floor(log10(mag));
            snprintf(out, cap, "%.*f", decimals > 0 ? decimals : 0, shown);
        }
        if (strtod(out, NULL) * mul / div == v) return true;
    }
    return false;
}

/* A number as the summaries write it: exact, and a round count of thousands or millions
 * short ("20k", "1.5M"). */
static void fmt_num(StrBuf *b, double v)
{
    char s[40];
    if (v >= 1e6 && fmod(v, 1e5) == 0 && exact_digits(v / 1e6, v, 1e6, 1, s, sizeof s))
        sb_printf(b, "%sM", s);
    else if (v >= 1e4 && fmod(v, 100) == 0 && exact_digits(v / 1e3, v, 1e3, 1, s, sizeof s))
        sb_printf(b, "%sk", s);
    else {
        exact_digits(v, v, 1, 1, s, sizeof s);
        sb_puts(b, s);
    }
}

/* A number exact, in plain digits ("30000 ms", not "30k ms"). */
static const char *plain(double v, char *out, size_t cap)
{
    exact_digits(v, v, 1, 1, out, cap);
    return out;
}

static void dist_summary(StrBuf *b, const Dist *d, const char *unit)
{
    switch (d->kind) {
    case DIST_CONSTANT: fmt_num(b, d->mean); break;
    case DIST_UNIFORM:
        fmt_num(b, d->min);
        sb_puts(b, "-");
        fmt_num(b, d->max);
        break;
    case DIST_LOGNORMAL:
        sb_puts(b, "mean ");
        fmt_num(b, d->mean);
        sb_puts(b, ", p99 ");
        fmt_num(b, d->p99);
        break;
    default:
        sb_printf(b, "%s ", d->kind == DIST_EXPONENTIAL ? "exp" : "pareto");
        fmt_num(b, d->mean);
        break;
    }
    sb_puts(b, unit);
    if (d->kind == DIST_PARETO) { /* "pareto 5 ms, alpha 1.5" */
        sb_puts(b, ", alpha ");
        fmt_num(b, d->alpha);
    }
    if (d->cap > 0) { /* "exp 5 ms, cap 50 ms" */
        sb_puts(b, ", cap ");
        fmt_num(b, d->cap);
        sb_puts(b, unit);
    }
}

char *node_summary(const Node *n)
{
    StrBuf b;
    sb_init(&b);
    char x[40];
    switch (n->kind) {
    case NODE_CLIENT:
        if (n->timeout_ms > 0) sb_printf(&b, "timeout %s ms", plain(n->timeout_ms, x, sizeof x));
        break;
    case NODE_LOAD_BALANCER: sb_puts(&b, lb_policy_name(n->policy)); break;
    case NODE_DATABASE:
        if (n->shards > 1) sb_printf(&b, "%d shards, ", n->shards);
        if (n->read_replicas > 0)
            sb_printf(&b, "primary + %d replica%s, pool %d", n->read_replicas, n->read_replicas == 1 ? "" : "s", n->pool);
        else
            sb_printf(&b, "primary, pool %d", n->pool); /* not "primary + 0 replicas" */
        break;
    case NODE_CACHE:
    case NODE_CDN:
        if (!node_key_model(n)) {
            exact_digits(n->hit_ratio * 100, n->hit_ratio, 1, 100, x, sizeof x); /* "57%", read as 0.57 */
            sb_printf(&b, "%d x %d, hit %s%%", n->instances, n->workers, x);
        } else {
            sb_printf(&b, "%d x %d, ", n->instances, n->workers);
            int64_t cap = node_cache_capacity(n);
            if (cap > 0) sb_printf(&b, "LRU %lld", (long long)cap);
            if (n->ttl_s > 0) sb_printf(&b, "%sTTL %s s", cap > 0 ? ", " : "", plain(n->ttl_s, x, sizeof x));
        }
        if (n->write_policy != WRITE_LOCAL) sb_printf(&b, ", %s", write_policy_name(n->write_policy));
        break;
    case NODE_QUEUE:
        sb_printf(&b, "%d x %d, depth %d", n->instances, n->workers, n->max_depth);
        if (n->partitions > 0) sb_printf(&b, ", %d partitions", n->partitions);
        if (n->max_attempts > 1) sb_printf(&b, ", %d attempts", n->max_attempts);
        break;
    case NODE_OBJECT_STORE:
    case NODE_EXTERNAL_API: dist_summary(&b, &n->service_ms, " ms"); break;
    default:
        sb_printf(&b, "%d x %d workers, %s", n->instances, n->workers, io_name(n->io));
        break;
    }
    /* the other kinds' service time, when it is not their default (which an import gives
     * them): the one number of a service, a database or a cache the parts above leave out */
    Node def;
    node_defaults(n->kind, &def);
    if (n->kind != NODE_CLIENT && n->kind != NODE_OBJECT_STORE && n->kind != NODE_EXTERNAL_API &&
        !dist_equal(&n->service_ms, &def.service_ms)) {
        if (b.len) sb_puts(&b, ", ");
        dist_summary(&b, &n->service_ms, " ms");
    }
    if (n->rate_limit_rps > 0) {
        sb_puts(&b, b.len ? ", limit " : "limit ");
        fmt_num(&b, n->rate_limit_rps);
        sb_puts(&b, "/s");
    }
    return sb_take(&b);
}

char *edge_summary(const Edge *e)
{
    StrBuf b;
    sb_init(&b);
    char x[40], y[40];
    const char *sep = "";
    if (e->label) {
        sb_puts(&b, e->label);
        sep = ", ";
    }
    if (e->latency_ms != 0.25) { /* the default; 0 is written */
        sb_printf(&b, "%s%s ms", sep, plain(e->latency_ms, x, sizeof x));
        sep = ", ";
    }
    for (int i = 0; i < e->n_requests; i++) {
        sb_printf(&b, "%s%s", i ? "+" : sep, e->requests[i]);
        sep = ", ";
    }
    if (!(e->fanout.kind == DIST_CONSTANT && e->fanout.mean == 1)) {
        sb_printf(&b, "%sx", sep);
        if (e->fanout.kind != DIST_CONSTANT) sb_puts(&b, "~");
        const Dist *f = &e->fanout;
        if (f->kind == DIST_UNIFORM) /* its range, written after, is exact: "x~1.9", not 1.9000000000000001 */
            sb_printf(&b, "%g", dist_mean(f));
        else
            fmt_num(&b, dist_mean(f));
        if (f->kind != DIST_CONSTANT) { /* its shape, all an import needs: "(pareto alpha 1.5 cap 4000)" */
            sb_printf(&b, " (%s", dist_kind_name(f->kind));
            if (f->kind == DIST_UNIFORM) sb_printf(&b, " %s-%s", plain(f->min, x, sizeof x), plain(f->max, y, sizeof y));
            if (f->kind == DIST_PARETO) sb_printf(&b, " alpha %s", plain(f->alpha, x, sizeof x));
            if (f->kind == DIST_LOGNORMAL) sb_printf(&b, " p99 %s", plain(f->p99, x, sizeof x));
            if (f->cap > 0) sb_printf(&b, " cap %s", plain(f->cap, x, sizeof x));
            sb_puts(&b, ")");
        }
        sep = ", ";
    }
    if (e->probability < 1) {
        sb_printf(&b, "%sp=%s", sep, plain(e->probability, x, sizeof x));
        sep = ", ";
    }
    if (e->timeout_ms > 0) {
        sb_printf(&b, "%stimeout %s ms", sep, plain(e->timeout_ms, x, sizeof x));
        sep = ", ";
    }
    if (e->retries > 0) sb_printf(&b, "%s%d retr%s", sep, e->retries, e->retries == 1 ? "y" : "ies");
    return sb_take(&b);
}

/* Mermaid labels live in "..."; quotes become #quot; and markup-ish characters
 * their entity codes. */
static void mermaid_text(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '"': sb_puts(b, "#quot;"); break;
        case '<': sb_puts(b, "#lt;"); break;
        case '>': sb_puts(b, "#gt;"); break;
        case '#': sb_puts(b, "#35;"); break;
        case '\n': sb_puts(b, " "); break;
        default: sb_printf(b, "%c", *s);
        }
    }
}

static const char *mermaid_shape(NodeKind k, bool open)
{
    switch (k) {
    case NODE_DATABASE: return open ? "[(" : ")]";
    case NODE_QUEUE: return open ? "[[" : "]]";
    case NODE_CLIENT: return open ? "([" : "])";
    case NODE_CACHE:
    case NODE_CDN: return open ? "[/" : "/]";
    default: return open ? "[" : "]";
    }
}

/* One walk over the diagram for both formats: a writer says how a node and an edge
 * are spelled; the walk resolves ids once and builds the summaries. */
typedef struct Writer {
    void (*text)(StrBuf *b, const char *s); /* escape free text */
    void (*node)(StrBuf *b, const struct Writer *w, int i, const Node *n, const char *sum);
    void (*edge)(StrBuf *b, const struct Writer *w, int from, int to, const Edge *e,
                 const char *sum);
} Writer;

/* The request types client `from` sends over edge e, not written on another of its
 * arrows yet, appended to b as an import reads them back: "20k redirect/s, 200 shorten/s
 * (write)"; closed-loop users with their think time's mean, "2000 checkout users (think
 * 1000 ms)". */
static void traffic_text(StrBuf *b, const Model *m, int from, const Edge *e, bool *written)
{
    for (int t = 0; t < m->scenario.n_requests; t++) {
        const RequestType *r = &m->scenario.requests[t];
        if (written[t] || !(r->rate_rps > 0 || r->users > 0) || !r->name || model_request_client(m, r) != from ||
            !edge_carries(e, r->name))
            continue;
        written[t] = true;
        double v = r->rate_rps;
        sb_puts(b, b->len ? ", " : "");
        if (!(v > 0)) {
            sb_printf(b, "%d %s users (think %.10g ms)%s", r->users, r->name, dist_mean(&r->think_ms),
                      r->op == OP_WRITE ? " (write)" : "");
            continue;
        }
        if (v >= 1e6 && fmod(v, 1e5) == 0) sb_printf(b, "%.10gM", v / 1e6);
        else if (v >= 1e4 && fmod(v, 100) == 0) sb_printf(b, "%.10gk", v / 1e3);
        else sb_printf(b, "%.10g", v);
        sb_printf(b, " %s/s%s", r->name, r->op == OP_WRITE ? " (write)" : "");
    }
}

static void walk(StrBuf *b, const Model *m, const Writer *w)
{
    const char **ids = xcalloc((size_t)m->n_nodes + 1, sizeof *ids);
    for (int i = 0; i < m->n_nodes; i++) ids[i] = m->nodes[i].id;
    StrIndex idx;
    strindex_init(&idx, ids, m->n_nodes);
    for (int i = 0; i < m->n_nodes; i++) {
        strindex_add(&idx, i);
        char *sum = node_summary(&m->nodes[i]);
        w->node(b, w, i, &m->nodes[i], sum);
        free(sum);
    }
    bool *written = xcalloc((size_t)m->scenario.n_requests + 1, sizeof *written);
    for (int k = 0; k < m->n_edges; k++) {
        const Edge *e = &m->edges[k];
        int from = strindex_find(&idx, e->from), to = strindex_find(&idx, e->to);
        if (from < 0 || to < 0) continue;
        char *sum = edge_summary(e);
        if (m->nodes[from].kind == NODE_CLIENT) { /* the traffic on the users' arrow */
            StrBuf t;
            sb_init(&t);
            sb_puts(&t, sum);
            traffic_text(&t, m, from, e, written);
            free(sum);
            sum = sb_take(&t);
        }
        w->edge(b, w, from, to, e, sum);
        free(sum);
    }
    free(written);
    /* a queue's dead letters, drawn as a dashed link to its dead-letter queue */
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *q = &m->nodes[i];
        int to = q->kind == NODE_QUEUE && q->dead_letter ? strindex_find(&idx, q->dead_letter) : -1;
        if (to < 0) continue;
        Edge link;
        edge_defaults(&link);
        link.mode = EDGE_ASYNC;
        char *sum = xasprintf("dead letters after %d attempt%s", q->max_attempts, q->max_attempts == 1 ? "" : "s");
        w->edge(b, w, i, to, &link, sum);
        free(sum);
    }
    strindex_free(&idx);
    free(ids);
}

/* "Label\nkind: summary" in the writer's escaping; `br` separates the two lines. */
static void node_text(StrBuf *b, const Writer *w, const Node *n, const char *sum,
                      const char *br, const char *end)
{
    w->text(b, n->label ? n->label : n->id);
    sb_puts(b, br);
    w->text(b, node_kind_name(n->kind));
    if (sum[0]) {
        sb_puts(b, ": ");
        w->text(b, sum);
    }
    sb_puts(b, end);
}

static void mermaid_node(StrBuf *b, const Writer *w, int i, const Node *n, const char *sum)
{
    sb_printf(b, "    n%d%s\"", i, mermaid_shape(n->kind, true));
    node_text(b, w, n, sum, "<br/><small>", "</small>");
    sb_printf(b, "\"%s\n", mermaid_shape(n->kind, false));
}

static void mermaid_edge(StrBuf *b, const Writer *w, int from, int to, const Edge *e,
                         const char *sum)
{
    const char *arrow = e->mode == EDGE_ASYNC ? "-.->" : "-->";
    if (!sum[0]) {
        sb_printf(b, "    n%d %s n%d\n", from, arrow, to);
        return;
    }
    sb_printf(b, "    n%d %s|\"", from, arrow);
    w->text(b, sum);
    sb_printf(b, "\"| n%d\n", to);
}

char *export_mermaid(const Model *m)
{
    StrBuf b;
    sb_init(&b);
    if (m->title) {
        sb_puts(&b, "---\ntitle: ");
        mermaid_text(&b, m->title);
        sb_puts(&b, "\n---\n");
    }
    sb_puts(&b, "flowchart LR\n");
    const Writer w = {mermaid_text, mermaid_node, mermaid_edge};
    walk(&b, m, &w);
    return sb_take(&b);
}

static void dot_text(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_printf(b, "\\%c", *s);
        else if (*s == '\n')
            sb_puts(b, "\\n");
        else
            sb_printf(b, "%c", *s);
    }
}

static const char *dot_shape(NodeKind k)
{
    switch (k) {
    case NODE_DATABASE: return "cylinder";
    case NODE_QUEUE: return "cds";
    case NODE_CLIENT: return "oval";
    case NODE_LOAD_BALANCER: return "hexagon";
    case NODE_CACHE:
    case NODE_CDN: return "box3d";
    case NODE_OBJECT_STORE: return "folder";
    case NODE_EXTERNAL_API: return "component";
    default: return "box";
    }
}

static void dot_node(StrBuf *b, const Writer *w, int i, const Node *n, const char *sum)
{
    sb_printf(b, "    n%d [shape=%s, label=\"", i, dot_shape(n->kind));
    node_text(b, w, n, sum, "\\n", "\", tooltip=\"");
    w->text(b, n->id);
    sb_puts(b, "\"];\n");
}

static void dot_edge(StrBuf *b, const Writer *w, int from, int to, const Edge *e,
                     const char *sum)
{
    sb_printf(b, "    n%d -> n%d [label=\"", from, to);
    w->text(b, sum);
    sb_printf(b, "\"%s];\n", e->mode == EDGE_ASYNC ? ", style=dashed" : "");
}

char *export_dot(const Model *m)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "digraph archsim {\n    rankdir=LR;\n");
    if (m->title) {
        sb_puts(&b, "    label=\"");
        dot_text(&b, m->title);
        sb_puts(&b, "\";\n    labelloc=t;\n");
    }
    sb_puts(&b, "    node [fontname=\"DejaVu Sans\", fontsize=11, style=rounded];\n"
                "    edge [fontname=\"DejaVu Sans\", fontsize=9];\n");
    const Writer w = {dot_text, dot_node, dot_edge};
    walk(&b, m, &w);
    sb_puts(&b, "}\n");
    return sb_take(&b);
}
