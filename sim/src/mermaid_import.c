/*
 * mermaid_import.c - Mermaid diagrams read into a model: `flowchart` / `graph` (the
 * subset export_mermaid writes, the usual node shapes, edge labels, chains and `&`,
 * subgraphs) and `architecture-beta` (services, groups, junctions, edges).
 *
 * Mermaid has no library in Debian, so the statements are read here, line by line; a
 * line that cannot be read is an error naming its line and column and what was
 * expected; statements that only style the picture are reported as not kept. Mermaid
 * has no positions: the importer lays the nodes out in layers (layout.h).
 */
#include <ctype.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/import.h"
#include "sim/layout.h"
#include "sim/look.h"
#include "sim/tr.h"
#include "sim/util.h"
#include "format_util.h"

typedef enum Shape { SHAPE_NONE, SHAPE_RECT, SHAPE_ROUND, SHAPE_STADIUM, SHAPE_SUB, SHAPE_CYL, SHAPE_CIRCLE,
                     SHAPE_FLAG, SHAPE_RHOMBUS, SHAPE_HEX, SHAPE_PARA, SHAPE_COUNT } Shape;

typedef struct MNode {
    char *key;   /* the Mermaid id */
    char *text;  /* its text, decoded, or NULL */
    char *icon;  /* architecture: the icon name */
    Shape shape;
    int line;
    bool junction;
    int group;   /* the innermost subgraph or group it was first named in, -1 = none */
} MNode;

typedef struct MGroup {  /* a subgraph or an architecture-beta group: a box around nodes */
    char *key;
    char *title;
    int parent;          /* -1 = none */
    int line;
    bool subgraph;       /* a flowchart subgraph, else an architecture-beta group */
} MGroup;

typedef struct MEdge {
    int from, to;
    char *label;
    bool dotted, both, open;
    int line;
} MEdge;

typedef struct Reader {
    const char *file;
    ImportResult *r;
    DiagList *d;
    MNode *nodes;
    int n_nodes, cap_nodes;
    MEdge *edges;
    int n_edges, cap_edges;
    MGroup *groups;
    int n_groups, cap_groups;
    int *open;      /* the subgraphs open here, innermost last */
    int n_open, cap_open;
    char *title;
    int line;       /* current line, 1-based */
    const char *bol; /* the current line's start, for columns */
    int errors;
} Reader;

static void err(Reader *rd, const char *at, const char *fmt, const char *what)
{
    char *msg = xasprintf(fmt, what);
    diag_add_at(rd->d, rd->line, at ? (int)(at - rd->bol) + 1 : 0, "%s", msg);
    free(msg);
    rd->errors++;
}

static int find_or_add(Reader *rd, const char *key, size_t n)
{
    for (int i = 0; i < rd->n_nodes; i++)
        if (strlen(rd->nodes[i].key) == n && memcmp(rd->nodes[i].key, key, n) == 0) return i;
    xgrow((void **)&rd->nodes, &rd->cap_nodes, rd->n_nodes + 1, sizeof *rd->nodes);
    MNode *m = &rd->nodes[rd->n_nodes];
    memset(m, 0, sizeof *m);
    m->key = xmalloc(n + 1);
    memcpy(m->key, key, n);
    m->key[n] = 0;
    m->line = rd->line;
    m->group = rd->n_open ? rd->open[rd->n_open - 1] : -1;
    return rd->n_nodes++;
}

/* The group named key (n bytes), -1 when none is. */
static int find_group(const Reader *rd, const char *key, size_t n)
{
    for (int i = 0; i < rd->n_groups; i++)
        if (strlen(rd->groups[i].key) == n && memcmp(rd->groups[i].key, key, n) == 0) return i;
    return -1;
}

static int add_group(Reader *rd, const char *key, size_t n, char *title, int parent)
{
    xgrow((void **)&rd->groups, &rd->cap_groups, rd->n_groups + 1, sizeof *rd->groups);
    MGroup *g = &rd->groups[rd->n_groups];
    g->key = xmalloc(n + 1);
    memcpy(g->key, key, n);
    g->key[n] = 0;
    g->title = title;
    g->parent = parent;
    g->line = rd->line;
    g->subgraph = false;
    return rd->n_groups++;
}

static const char *skip(const char *p)
{
    while (*p == ' ' || *p == '\t') p++;
    return p;
}

static bool id_char(const char *p)
{
    unsigned char c = (unsigned char)*p;
    if (isalnum(c) || c == '_' || c >= 0x80) return true;
    /* a '-' or '.' inside an id ("user-db"), not the start of an arrow */
    return (c == '-' || c == '.') && isalnum((unsigned char)p[1]) && isalnum((unsigned char)p[-1]);
}

/* Mermaid's entity codes (#quot;, #35;, #lt;...) and HTML, decoded to plain text. */
static char *decode_text(const char *s, size_t n)
{
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '#') {
            size_t j = i + 1;
            while (j < n && j - i < 10 && isalnum((unsigned char)s[j])) j++;
            if (j < n && s[j] == ';' && j > i + 1) {
                char name[12];
                memcpy(name, s + i + 1, j - i - 1);
                name[j - i - 1] = 0;
                const char *rep = NULL;
                char num[16];
                if (strcmp(name, "quot") == 0) rep = "&quot;";
                else if (strcmp(name, "lt") == 0) rep = "&lt;";
                else if (strcmp(name, "gt") == 0) rep = "&gt;";
                else if (strcmp(name, "amp") == 0) rep = "&amp;";
                else if (isdigit((unsigned char)name[0])) {
                    long v = strtol(name, NULL, 10);
                    if (v > 0 && v < 0x110000) {
                        snprintf(num, sizeof num, "&#%ld;", v);
                        rep = num;
                    }
                }
                if (rep) {
                    sb_puts(&b, rep);
                    i = j;
                    continue;
                }
            }
        }
        if (s[i] == '&') { /* an entity (&amp; &#35;) stays; a bare & is escaped for the HTML reading */
            size_t j = i + 1;
            while (j < n && j - i < 12 && (isalnum((unsigned char)s[j]) || s[j] == '#')) j++;
            if (!(j < n && s[j] == ';' && j > i + 1)) {
                sb_puts(&b, "&amp;");
                continue;
            }
        }
        char c[2] = {s[i], 0};
        sb_puts(&b, c);
    }
    char *raw = sb_take(&b);
    char *t = import_html_text(raw);
    free(raw);
    /* markdown strings: "`**bold**`" keep their words */
    size_t l = strlen(t);
    if (l >= 2 && t[0] == '`' && t[l - 1] == '`') {
        memmove(t, t + 1, l - 2);
        t[l - 2] = 0;
    }
    return t;
}

static const struct {
    const char *open, *close;
    Shape shape;
} shapes[] = {
    {"(((", ")))", SHAPE_CIRCLE}, {"([", "])", SHAPE_STADIUM}, {"[[", "]]", SHAPE_SUB}, {"[(", ")]", SHAPE_CYL},
    {"((", "))", SHAPE_CIRCLE},   {"{{", "}}", SHAPE_HEX},     {"[/", "/]", SHAPE_PARA}, {"[/", "\\]", SHAPE_PARA},
    {"[\\", "\\]", SHAPE_PARA},   {"[\\", "/]", SHAPE_PARA},  {"(", ")", SHAPE_ROUND},  {"[", "]", SHAPE_RECT},
    {"{", "}", SHAPE_RHOMBUS},    {">", "]", SHAPE_FLAG},
};

/* A node: id, then an optional shape with text, then an optional :::class. Returns
 * the position after it, or NULL (error reported). */
static const char *read_node(Reader *rd, const char *p, int *out)
{
    p = skip(p);
    const char *s = p;
    while (*p && id_char(p)) p++;
    if (p == s) {
        if (*s)
            err(rd, s, _("a node id (letters, digits, _) was expected here, found '%.12s'"), s);
        else
            err(rd, s, _("a node id (letters, digits, _) was expected before the end of the line%s"), "");
        return NULL;
    }
    int i = find_or_add(rd, s, (size_t)(p - s));
    *out = i;
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        size_t lo = strlen(shapes[k].open);
        if (strncmp(p, shapes[k].open, lo) != 0) continue;
        const char *t = p + lo, *end;
        if (*t == '"') { /* a quoted text: anything up to the closing quote */
            const char *q = strchr(t + 1, '"');
            if (!q) {
                err(rd, t, _("a quoted text is not closed: '\"' expected before the end of the line%s"), "");
                return NULL;
            }
            end = q + 1;
            /* the closer must follow the quote */
            bool found = false;
            for (size_t k2 = k; k2 < sizeof shapes / sizeof *shapes && !found; k2++)
                if (strcmp(shapes[k2].open, shapes[k].open) == 0 && strncmp(end, shapes[k2].close, strlen(shapes[k2].close)) == 0)
                    k = k2, found = true;
            if (!found) {
                err(rd, end, _("'%s' expected after the quoted text"), shapes[k].close);
                return NULL;
            }
            free(rd->nodes[i].text);
            rd->nodes[i].text = decode_text(t + 1, (size_t)(q - t - 1));
        } else {
            /* the first closer of this opener (or of another spelling of it) */
            end = NULL;
            size_t best_k = k;
            for (size_t k2 = k; k2 < sizeof shapes / sizeof *shapes; k2++) {
                if (strcmp(shapes[k2].open, shapes[k].open) != 0) continue;
                const char *e = strstr(t, shapes[k2].close);
                if (e && (!end || e < end)) end = e, best_k = k2;
            }
            if (!end) {
                err(rd, p, _("'%s' opens a node's text that is not closed on this line"), shapes[k].open);
                return NULL;
            }
            k = best_k;
            free(rd->nodes[i].text);
            rd->nodes[i].text = decode_text(t, (size_t)(end - t));
        }
        rd->nodes[i].shape = shapes[k].shape;
        p = end + strlen(shapes[k].close);
        break;
    }
    if (strncmp(p, ":::", 3) == 0) {
        p += 3;
        while (*p && id_char(p)) p++;
    }
    return p;
}

/* A link: "-->", "---", "-.->", "==>", "--o", "<-->", "-- text -->", "-->|text|"...
 * Returns the position after it, or NULL when there is none at p (no error). */
static const char *read_link(Reader *rd, const char *p, MEdge *e)
{
    p = skip(p);
    const char *s = p;
    memset(e, 0, sizeof *e);
    if (*p == '<') e->both = true, p++;
    if (strncmp(p, "~~~", 3) == 0) { /* an invisible link: layout only */
        while (*p == '~') p++;
        e->open = true;
        e->from = -2;
        return p;
    }
    const char *r0 = p;
    while (*p == '-' || *p == '=' || *p == '.') p++;
    size_t run = (size_t)(p - r0);
    if (run < 2) return e->both ? (err(rd, s, _("a link was expected after '<' (<-->, <==>)%s"), ""), NULL) : NULL;
    for (const char *q = r0; q < p; q++) e->dotted |= *q == '.';
    bool head = false;
    if (*p == '>' || ((*p == 'o' || *p == 'x') && (p[1] == ' ' || p[1] == '\t' || p[1] == 0))) head = true, p++;
    if (!head && run == 2 && (p[0] == ' ' || p[0] == '\t')) {
        /* "-- text -->": the text runs to the closing arrow */
        const char *t = p, *best = NULL;
        static const char *const closers[] = {"-->", "---", ".->", "-.-", "==>", "===", "--o", "--x"};
        size_t best_len = 0;
        for (size_t k = 0; k < sizeof closers / sizeof *closers; k++) {
            const char *c = strstr(t, closers[k]);
            if (c && (!best || c < best)) best = c, best_len = strlen(closers[k]);
        }
        if (!best) {
            err(rd, s, _("'%s' starts a link with text, but no closing arrow (-->, ---, .->, ==>) follows on this line"),
                "--");
            return NULL;
        }
        const char *te = best;
        while (te > t && (te[-1] == ' ' || te[-1] == '\t' || te[-1] == '-' || te[-1] == '.' || te[-1] == '=')) te--;
        const char *ts = skip(t);
        e->label = te > ts ? decode_text(ts, (size_t)(te - ts)) : NULL;
        p = best + best_len;
        while (*p == '-' || *p == '=' || *p == '.') p++;
        if (p[-1] == '>' || p[-1] == 'o' || p[-1] == 'x') head = true;
        for (const char *q = best; q < p; q++) e->dotted |= *q == '.';
        if (p > best && (best[best_len - 1] == '>')) head = true;
    }
    e->open = !head;
    p = skip(p);
    if (*p == '|') {
        const char *q = strchr(p + 1, '|');
        if (!q) {
            err(rd, p, _("an edge label opened with '|' is not closed with '|'%s"), "");
            return NULL;
        }
        const char *ls = p + 1, *le = q;
        if (*ls == '"' && le > ls + 1 && le[-1] == '"') ls++, le--;
        free(e->label);
        e->label = decode_text(ls, (size_t)(le - ls));
        p = q + 1;
    }
    return p;
}

static void add_edge(Reader *rd, int a, int b, const MEdge *tmpl)
{
    xgrow((void **)&rd->edges, &rd->cap_edges, rd->n_edges + 1, sizeof *rd->edges);
    MEdge *e = &rd->edges[rd->n_edges++];
    *e = *tmpl;
    e->from = a;
    e->to = b;
    e->label = xstrdup(tmpl->label);
    e->line = rd->line;
}

/* A group of nodes joined by '&'. */
static const char *read_group(Reader *rd, const char *p, int *ids, int *n, int cap)
{
    *n = 0;
    for (;;) {
        int id;
        p = read_node(rd, p, &id);
        if (!p) return NULL;
        if (*n < cap) ids[(*n)++] = id;
        const char *q = skip(p);
        if (*q != '&') return p;
        p = q + 1;
    }
}

/* One statement; returns where it ended (a ';' or the end of the line), or NULL. */
static const char *flow_statement(Reader *rd, const char *p)
{
    int a[32], na, b[32], nb;
    p = read_group(rd, p, a, &na, 32);
    if (!p) return NULL;
    for (;;) {
        MEdge link;
        const char *q = read_link(rd, p, &link);
        if (!q) {
            free(link.label); /* a label read before the link turned out broken */
            p = skip(p);
            if (*p && *p != ';') {
                err(rd, p, _("a link (-->, ---, -.->, ==>) or the end of the statement was expected, found '%.12s'"), p);
                return NULL;
            }
            return p;
        }
        p = read_group(rd, q, b, &nb, 32);
        if (!p) {
            free(link.label);
            return NULL;
        }
        if (link.from != -2) /* not invisible */
            for (int i = 0; i < na; i++)
                for (int k = 0; k < nb; k++) add_edge(rd, a[i], b[k], &link);
        else {
            char w[40];
            snprintf(w, sizeof w, _("line %d"), rd->line);
            import_note(rd->r, NOTE_NOT_KEPT, NULL, w, _("an invisible link (~~~) only places nodes; not an edge"));
        }
        free(link.label);
        memcpy(a, b, sizeof(int) * (size_t)nb);
        na = nb;
    }
}

/* architecture-beta: "service id(icon)[Title] in group", "group id(icon)[Title]",
 * "junction id", "a:R --> L:b", "a{group}:R -- L:b". */
static const char *arch_ident(const char *p, const char **s, size_t *n)
{
    p = skip(p);
    *s = p;
    while (*p && (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || (unsigned char)*p >= 0x80)) p++;
    *n = (size_t)(p - *s);
    return p;
}

static void arch_statement(Reader *rd, const char *p)
{
    char w[40];
    snprintf(w, sizeof w, _("line %d"), rd->line);
    const char *s;
    size_t n;
    const char *q = arch_ident(p, &s, &n);
    bool service = n == 7 && memcmp(s, "service", 7) == 0, group = n == 5 && memcmp(s, "group", 5) == 0;
    bool junction = n == 8 && memcmp(s, "junction", 8) == 0;
    if (service || group || junction) {
        const char *is;
        size_t in;
        q = arch_ident(q, &is, &in);
        if (!in) {
            err(rd, is, _("an id was expected after '%s'"), service ? "service" : group ? "group" : "junction");
            return;
        }
        char *icon = NULL, *title = NULL;
        if (*q == '(') {
            const char *e = strchr(q, ')');
            if (!e) {
                err(rd, q, _("the icon '(' is not closed with ')'%s"), "");
                return;
            }
            icon = xmalloc((size_t)(e - q));
            memcpy(icon, q + 1, (size_t)(e - q - 1));
            icon[e - q - 1] = 0;
            q = e + 1;
        }
        if (*q == '[') {
            const char *e = strchr(q, ']');
            if (!e) {
                free(icon);
                err(rd, q, _("the title '[' is not closed with ']'%s"), "");
                return;
            }
            title = decode_text(q + 1, (size_t)(e - q - 1));
            q = e + 1;
        }
        q = skip(q);
        if (group) { /* a box around its services, made once they are laid out */
            const char *ps = NULL;
            size_t pn = 0;
            if (strncmp(q, "in", 2) == 0 && (q[2] == ' ' || q[2] == '\t')) q = skip(arch_ident(q + 2, &ps, &pn));
            int again = find_group(rd, is, in);
            if (again >= 0) { /* declared twice: the later title wins */
                free(rd->groups[again].title);
                rd->groups[again].title = title ? title : xstrdup("");
            } else {
                add_group(rd, is, in, title ? title : xstrdup(""), pn ? find_group(rd, ps, pn) : -1);
            }
            free(icon);
            if (*q) err(rd, q, _("unexpected text after the declaration: '%.20s'"), q);
            return;
        }
        char *key = xmalloc(in + 1);
        memcpy(key, is, in);
        key[in] = 0;
        int i = find_or_add(rd, key, in);
        free(key);
        MNode *m = &rd->nodes[i];
        free(m->text);
        free(m->icon);
        m->text = title;
        m->icon = icon;
        m->junction = junction;
        m->line = rd->line;
        if (strncmp(q, "in", 2) == 0 && (q[2] == ' ' || q[2] == '\t')) { /* the group */
            q = arch_ident(q + 2, &s, &n);
            m->group = find_group(rd, s, n);
            if (m->group < 0)
                import_note(rd->r, NOTE_NOT_KEPT, NULL, w, _("service in group \"%.*s\", which is not declared above: drawn without its box"),
                            (int)n, s);
        }
        q = skip(q);
        if (*q) err(rd, q, _("unexpected text after the declaration: '%.20s'"), q);
        return;
    }
    /* an edge: a[{group}]:SIDE <?--[>]? SIDE:b */
    int ends[2];
    q = p;
    bool to_a = false, to_b = false;
    for (int k = 0; k < 2; k++) {
        if (k == 1) {
            q = skip(q);
            const char *side = q;
            if (isalpha((unsigned char)q[0]) && q[1] == ':') q += 2;
            else {
                err(rd, side, _("a side (L, R, T or B) and ':' were expected before the second service, found '%.12s'"), side);
                return;
            }
        }
        const char *is;
        size_t in;
        q = arch_ident(q, &is, &in);
        if (!in) {
            err(rd, is, _("a service id was expected here, found '%.12s'"), *is ? is : _("the end of the line"));
            return;
        }
        ends[k] = find_or_add(rd, is, in);
        if (strncmp(q, "{group}", 7) == 0) q += 7;
        if (k == 0) {
            if (q[0] == ':' && isalpha((unsigned char)q[1])) q += 2;
            else {
                err(rd, q, _("':' and a side (L, R, T or B) were expected after the service, found '%.12s'"), q);
                return;
            }
            q = skip(q);
            if (*q == '<') to_a = true, q++;
            if (strncmp(q, "--", 2) != 0) {
                err(rd, q, _("'--' (or -->, <--, <-->) was expected between the two services, found '%.12s'"), q);
                return;
            }
            q += 2;
            if (*q == '>') to_b = true, q++;
        }
    }
    q = skip(q);
    if (*q) {
        err(rd, q, _("unexpected text after the edge: '%.20s'"), q);
        return;
    }
    MEdge e;
    memset(&e, 0, sizeof e);
    e.open = !to_a && !to_b;
    e.both = to_a && to_b;
    if (to_a && !to_b)
        add_edge(rd, ends[1], ends[0], &e);
    else
        add_edge(rd, ends[0], ends[1], &e);
}

/* Edges through junctions join what goes in to what comes out. */
static void resolve_junctions(Reader *rd)
{
    for (int j = 0; j < rd->n_nodes; j++) {
        if (!rd->nodes[j].junction) continue;
        int n = rd->n_edges;
        for (int a = 0; a < n; a++) {
            if (rd->edges[a].to != j || rd->nodes[rd->edges[a].from].junction) continue;
            for (int b = 0; b < n; b++) {
                if (rd->edges[b].from != j || rd->nodes[rd->edges[b].to].junction || rd->edges[b].to == rd->edges[a].from)
                    continue;
                MEdge e = rd->edges[b];
                e.label = NULL;
                int line = rd->line;
                rd->line = rd->edges[a].line;
                add_edge(rd, rd->edges[a].from, rd->edges[b].to, &e);
                rd->line = line;
                char w[40];
                snprintf(w, sizeof w, _("line %d"), rd->edges[a].line);
                import_note(rd->r, NOTE_GUESSED, NULL, w, _("edge %s -> %s through junction %s"),
                            rd->nodes[rd->edges[a].from].key, rd->nodes[rd->edges[b].to].key, rd->nodes[j].key);
            }
        }
    }
}

static void reader_free(Reader *rd)
{
    for (int i = 0; i < rd->n_nodes; i++) {
        free(rd->nodes[i].key);
        free(rd->nodes[i].text);
        free(rd->nodes[i].icon);
    }
    for (int i = 0; i < rd->n_edges; i++) free(rd->edges[i].label);
    for (int i = 0; i < rd->n_groups; i++) {
        free(rd->groups[i].key);
        free(rd->groups[i].title);
    }
    free(rd->groups);
    free(rd->open);
    free(rd->nodes);
    free(rd->edges);
    free(rd->title);
}

/* Subgraphs and groups, once the nodes are laid out: a rectangle annotation with the
 * title around each one's members (and the boxes inside it), as the Excalidraw and
 * draw.io importers keep a frame or a container. The layout does not keep a group's
 * nodes together, so a box may also cover a node that is not in it. */
static void group_boxes(Reader *rd, ImportResult *r, Model *m, const int *node_of)
{
    int ng = rd->n_groups;
    if (ng == 0) return;
    const double pad = 24, top = 40; /* room for the title above the nodes */
    double(*box)[4] = xcalloc((size_t)ng, sizeof *box);
    int *members = xcalloc((size_t)ng, sizeof *members);
    for (int g = 0; g < ng; g++) {
        box[g][0] = box[g][1] = 1e300;
        box[g][2] = box[g][3] = -1e300;
    }
    for (int i = 0; i < rd->n_nodes; i++) {
        int k = node_of[i];
        if (k < 0) continue;
        const Node *n = &m->nodes[k];
        for (int g = rd->nodes[i].group, hops = 0; g >= 0 && hops < ng; g = rd->groups[g].parent, hops++) {
            box[g][0] = fmin(box[g][0], n->x - pad);
            box[g][1] = fmin(box[g][1], n->y - top);
            box[g][2] = fmax(box[g][2], n->x + LOOK_NODE_W + pad);
            box[g][3] = fmax(box[g][3], n->y + LOOK_NODE_H + pad);
            members[g]++;
        }
    }
    /* a parent encloses its children's boxes: children come after their parents */
    for (int g = ng - 1; g >= 0; g--) {
        int p = rd->groups[g].parent;
        if (p < 0 || p >= g || members[g] == 0) continue;
        box[p][0] = fmin(box[p][0], box[g][0] - pad);
        box[p][1] = fmin(box[p][1], box[g][1] - top);
        box[p][2] = fmax(box[p][2], box[g][2] + pad);
        box[p][3] = fmax(box[p][3], box[g][3] + pad);
    }
    for (int g = 0; g < ng; g++) {
        const MGroup *gr = &rd->groups[g];
        char w[40];
        snprintf(w, sizeof w, _("line %d"), gr->line);
        const char *name = *gr->title ? gr->title : *gr->key ? gr->key : _("(no title)");
        if (members[g] == 0) {
            import_note(r, NOTE_NOT_KEPT, NULL, w, _("%s \"%.40s\": no node is in it, so there is nothing to draw a box around"),
                        gr->subgraph ? "subgraph" : "group", name);
            continue;
        }
        import_add_annotation(m, "rectangle", *gr->title ? gr->title : gr->key, box[g][0], box[g][1], box[g][2] - box[g][0], box[g][3] - box[g][1]);
        import_note(r, NOTE_KEPT, NULL, w,
                    _("%s \"%.40s\": kept as a free rectangle annotation around its %d node(s), not part of the simulated design"),
                    gr->subgraph ? "subgraph" : "group", name, members[g]);
    }
    free(box);
    free(members);
}

/* Node field `name` (an int) from import_summary_field, where the format allows the value. */
static bool summary_int(const char *part, const char *prefix, const char *suffix, const char *name, int *out)
{
    double v;
    if (!import_summary_field(part, prefix, suffix, &v) || !field_allows(schema_node_fields, name, v)) return false;
    *out = (int)v;
    return true;
}

/* A distribution's field `key` the format allows. */
static bool dist_allows(const char *key, double v) { return field_allows(schema_dist_fields, key, v); }

/* The service time a node's summary gives ("20 ms", "exp 5 ms", "5-10 ms", "mean 20" then
 * "p99 80 ms" in the next part, "pareto 5 ms" then "alpha 1.5": *two), and its cap ("cap
 * 50 ms", a part of its own); a service's, a database's... only when it is not its kind's
 * default. */
static bool summary_service(Node *n, const char *part, const char *next, bool *two)
{
    double v, w;
    const char *end;
    *two = false;
    if (import_summary_field(part, "", " ms", &v) && dist_allows("mean", v)) {
        n->service_ms = dist_const(v);
        return true;
    }
    if (import_summary_field(part, "exp ", " ms", &v) && v > 0 && dist_allows("mean", v)) {
        n->service_ms.kind = DIST_EXPONENTIAL;
        n->service_ms.mean = v;
        return true;
    }
    if (next && import_summary_field(part, "pareto ", " ms", &v) && import_summary_field(next, "alpha ", "", &w) &&
        v > 0 && dist_allows("mean", v) && dist_allows("alpha", w)) { /* "pareto 5 ms, alpha 1.5" */
        n->service_ms.kind = DIST_PARETO;
        n->service_ms.mean = v;
        n->service_ms.alpha = w;
        *two = true;
        return true;
    }
    if (import_summary_field(part, "cap ", " ms", &v) && v > 0 && dist_allows("cap", v)) { /* after the above */
        n->service_ms.cap = v;
        return true;
    }
    if (import_summary_number(part, &v, &end) && *end == '-' && import_summary_field(end + 1, "", " ms", &w) &&
        w >= v && dist_allows("min", v) && dist_allows("max", w)) {
        n->service_ms.kind = DIST_UNIFORM;
        n->service_ms.min = v;
        n->service_ms.max = w;
        n->service_ms.mean = (v + w) / 2;
        return true;
    }
    if (next && import_summary_field(part, "mean ", "", &v) && import_summary_field(next, "p99 ", " ms", &w) &&
        v > 0 && w > v && dist_allows("mean", v) && dist_allows("p99", w)) {
        n->service_ms.kind = DIST_LOGNORMAL;
        n->service_ms.mean = v;
        n->service_ms.p99 = w;
        *two = true;
        return true;
    }
    return false;
}

/* One part of a node's summary, as archsim's export writes it after the kind ("60 x 32
 * workers", "blocking", "pool 40", "hit 98%"...), into n; false for other words. */
static bool read_node_part(Node *n, const char *part, const char *next, bool *two)
{
    double v, a, b;
    const char *end;
    *two = false;
    if (import_summary_number(part, &a, &end) && strncmp(end, " x ", 3) == 0 &&
        import_summary_number(end + 3, &b, &end) && (!*end || strcmp(end, " workers") == 0)) { /* "60 x 32 workers", "3 x 8" */
        if (!field_allows(schema_node_fields, "instances", a) || !field_allows(schema_node_fields, "workers", b))
            return false;
        n->instances = (int)a;
        n->workers = (int)b;
        return true;
    }
    for (int k = 0; k < IO_COUNT; k++)
        if (strcmp(part, io_name((IoModel)k)) == 0) return n->io = (IoModel)k, true;
    if (n->kind == NODE_LOAD_BALANCER)
        for (int k = 0; k < LB_POLICY_COUNT; k++)
            if (strcmp(part, lb_policy_name((LbPolicy)k)) == 0) return n->policy = (LbPolicy)k, true;
    if (n->kind == NODE_CACHE || n->kind == NODE_CDN)
        for (int k = 0; k < WRITE_POLICY_COUNT; k++)
            if (strcmp(part, write_policy_name((WritePolicy)k)) == 0) return n->write_policy = (WritePolicy)k, true;
    if (strcmp(part, "primary") == 0 && n->kind == NODE_DATABASE) return n->read_replicas = 0, true;
    if (summary_int(part, "primary + ", " replica", "read_replicas", &n->read_replicas) ||
        summary_int(part, "primary + ", " replicas", "read_replicas", &n->read_replicas) ||
        summary_int(part, "", " shards", "shards", &n->shards) || summary_int(part, "pool ", "", "pool", &n->pool) ||
        summary_int(part, "LRU ", "", "capacity_keys", &n->capacity_keys) ||
        summary_int(part, "depth ", "", "max_depth", &n->max_depth) ||
        summary_int(part, "", " partitions", "partitions", &n->partitions) ||
        summary_int(part, "", " attempts", "max_attempts", &n->max_attempts))
        return true;
    if (import_summary_field(part, "hit ", "%", &v) && field_allows(schema_node_fields, "hit_ratio", v / 100))
        return n->hit_ratio = v / 100, true;
    if (import_summary_field(part, "TTL ", " s", &v) && v > 0 && field_allows(schema_node_fields, "ttl_s", v))
        return n->ttl_s = v, true;
    if (import_summary_field(part, "limit ", "/s", &v) && v > 0 &&
        field_allows(schema_node_fields, "rate_limit_rps", v))
        return n->rate_limit_rps = v, true;
    if (import_summary_field(part, "timeout ", " ms", &v) && v > 0 && n->kind == NODE_CLIENT &&
        field_allows(schema_node_fields, "timeout_ms", v))
        return n->timeout_ms = v, true;
    if (n->kind != NODE_CLIENT) return summary_service(n, part, next, two);
    return false;
}

/* The summary after a node's kind ("60 x 32 workers, blocking, limit 5k/s") into n; the
 * parts read, joined by ", ", into `read`, the ones it did not know into `unknown`. */
static void read_node_summary(Node *n, const char *summary, StrBuf *read, StrBuf *unknown)
{
    char *buf = xstrdup(summary);
    char *parts[32];
    int np = 0;
    for (char *p = buf; p && np < 32;) {
        char *e = strstr(p, ", ");
        if (e) *e = 0;
        parts[np++] = p;
        p = e ? e + 2 : NULL;
    }
    for (int i = 0; i < np; i++) {
        bool two = false;
        StrBuf *to = read_node_part(n, parts[i], i + 1 < np ? parts[i + 1] : NULL, &two) ? read : unknown;
        sb_printf(to, "%s%s", to->len ? ", " : "", parts[i]);
        if (two) sb_printf(to, ", %s", parts[++i]);
    }
    free(buf);
}

static bool starts(const char *p, const char *word)
{
    size_t n = strlen(word);
    return strncmp(p, word, n) == 0 && (p[n] == 0 || p[n] == ' ' || p[n] == '\t' || p[n] == ';');
}

bool import_mermaid(const char *data, size_t len, ImportResult *r, DiagList *d)
{
    r->format = IMPORT_MERMAID;
    Reader rd;
    memset(&rd, 0, sizeof rd);
    rd.r = r;
    rd.d = d;
    size_t bad = utf8_invalid_at((const unsigned char *)data, len);
    if (bad < len) {
        int line = 1, col = 1;
        for (size_t i = 0; i < bad; i++) {
            if (data[i] == '\n') line++, col = 1;
            else col++;
        }
        diag_add_at(d, line, col, _("a Mermaid diagram is UTF-8 text; byte %zu is not (a NUL or a broken character)"), bad);
        return false;
    }
    char *text = xmalloc(len + 1);
    memcpy(text, data, len);
    text[len] = 0;
    enum { HEAD, FLOW, ARCH } mode = HEAD;
    bool front = false, seen_front = false;
    int depth = 0; /* subgraphs */
    char *save = NULL;
    for (char *line = text; line; line = save) {
        save = strchr(line, '\n');
        if (save) *save++ = 0;
        rd.line++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\r' || line[l - 1] == ' ' || line[l - 1] == '\t')) line[--l] = 0;
        rd.bol = line;
        const char *p = skip(line);
        char w[40];
        snprintf(w, sizeof w, _("line %d"), rd.line);
        if (strcmp(p, "---") == 0 && mode == HEAD && (!seen_front || front)) {
            front = !front;
            seen_front = true;
            continue;
        }
        if (front) {
            if (strncmp(p, "title:", 6) == 0) {
                free(rd.title);
                const char *t = skip(p + 6);
                rd.title = decode_text(t, strlen(t));
            }
            continue;
        }
        if (!*p || strncmp(p, "%%", 2) == 0) continue;
        if (mode == HEAD) {
            if (starts(p, "flowchart") || starts(p, "graph")) {
                mode = FLOW;
                const char *q = skip(p + (p[0] == 'f' ? 9 : 5));
                if (*q == ';') q++;
                q = skip(q);
                static const char *const dirs[] = {"LR", "RL", "TB", "TD", "BT"};
                bool ok = !*q;
                for (int k = 0; k < 5 && !ok; k++) ok = starts(q, dirs[k]) || (strncmp(q, dirs[k], 2) == 0 && q[2] == ';');
                if (!ok) err(&rd, q, _("a direction (LR, RL, TB, TD or BT) was expected, found '%.12s'"), q);
                /* "graph LR; A-->B" on one line */
                const char *semi = strchr(q, ';');
                for (const char *st = semi; st && *st == ';' && *skip(st + 1);) st = flow_statement(&rd, skip(st + 1));
                continue;
            }
            if (starts(p, "architecture-beta")) {
                mode = ARCH;
                continue;
            }
            err(&rd, p, _("a Mermaid diagram archsim reads starts with 'flowchart', 'graph' or 'architecture-beta', not '%.20s'"), p);
            break;
        }
        if (starts(p, "title") || starts(p, "accTitle") || strncmp(p, "accTitle:", 9) == 0) {
            const char *t = skip(p + (p[5] == ':' ? 6 : 5));
            if (strncmp(p, "accTitle", 8) == 0) t = skip(strchr(p, ':') ? strchr(p, ':') + 1 : p + 8);
            free(rd.title);
            rd.title = decode_text(t, strlen(t));
            continue;
        }
        if (mode == FLOW) {
            static const char *const styling[] = {"classDef", "class", "style", "linkStyle", "click", "direction",
                                                  "accDescr"};
            bool styled = false;
            for (size_t k = 0; k < sizeof styling / sizeof *styling; k++)
                if (starts(p, styling[k]) || (strncmp(p, styling[k], strlen(styling[k])) == 0 && p[strlen(styling[k])] == ':'))
                    styled = true;
            if (styled) {
                import_note(r, NOTE_NOT_KEPT, NULL, w, _("'%.30s': styling, links and directions are not kept"), p);
                continue;
            }
            if (starts(p, "subgraph")) {
                /* "subgraph id [Title]", "subgraph id["Title"]" or "subgraph Title" */
                depth++;
                const char *q = skip(p + 8), *br = strchr(q, '[');
                size_t kn = br ? (size_t)(br - q) : strlen(q);
                while (kn && (q[kn - 1] == ' ' || q[kn - 1] == '\t')) kn--;
                char *title = NULL;
                if (br) {
                    const char *e = strrchr(br, ']');
                    size_t tn = e && e > br ? (size_t)(e - br - 1) : strlen(br + 1);
                    const char *t = br + 1;
                    if (tn >= 2 && t[0] == '"' && t[tn - 1] == '"') {
                        t++;
                        tn -= 2;
                    }
                    title = decode_text(t, tn);
                } else if (kn >= 2 && q[0] == '"' && q[kn - 1] == '"') { /* subgraph "A title" */
                    title = decode_text(q + 1, kn - 2);
                } else {
                    title = decode_text(q, kn);
                }
                int g = add_group(&rd, q, kn, title, rd.n_open ? rd.open[rd.n_open - 1] : -1);
                rd.groups[g].subgraph = true;
                xgrow((void **)&rd.open, &rd.cap_open, rd.n_open + 1, sizeof *rd.open);
                rd.open[rd.n_open++] = g;
                continue;
            }
            if (starts(p, "end")) {
                if (depth == 0) err(&rd, p, _("'end' without a 'subgraph' to close%s"), "");
                else {
                    depth--;
                    if (rd.n_open) rd.n_open--;
                }
                continue;
            }
            /* statements may be separated by ';' */
            for (const char *st = flow_statement(&rd, p); st && *st == ';' && *skip(st + 1);)
                st = flow_statement(&rd, skip(st + 1));
        } else {
            arch_statement(&rd, p);
        }
    }
    free(text);
    if (mode == HEAD && !rd.errors) {
        diag_add(d, "", _("no diagram: a Mermaid file archsim reads starts with 'flowchart', 'graph' or 'architecture-beta'"));
        rd.errors++;
    }
    if (depth > 0 && !rd.errors) {
        diag_add_at(d, rd.line, 0, _("%d subgraph(s) not closed with 'end'"), depth);
        rd.errors++;
    }
    if (rd.errors) {
        reader_free(&rd);
        return false;
    }
    resolve_junctions(&rd);

    /* the model */
    Model *m = model_create();
    m->title = xstrdup(rd.title);
    int *node_of = xcalloc((size_t)rd.n_nodes + 1, sizeof *node_of);
    for (int i = 0; i < rd.n_nodes; i++) {
        MNode *mn = &rd.nodes[i];
        node_of[i] = -1;
        if (mn->junction) continue;
        char w[40];
        snprintf(w, sizeof w, _("line %d"), mn->line);
        const char *words = mn->text && *mn->text ? mn->text : mn->key;
        /* "Label\nkind: summary", as export_mermaid writes it */
        size_t l1 = strcspn(words, "\n");
        char *label = xmalloc(l1 + 1);
        memcpy(label, words, l1);
        label[l1] = 0;
        const char *rest = words[l1] ? words + l1 + 1 : "";
        char kind_word[40] = "";
        size_t kl = strcspn(rest, ":\n");
        if (kl < sizeof kind_word) {
            memcpy(kind_word, rest, kl);
            kind_word[kl] = 0;
        }
        Node n;
        node_defaults(NODE_SERVICE, &n);
        NodeKind k = NODE_SERVICE;
        const char *word = NULL;
        int kk = node_kind_from_name(kind_word);
        /* archsim's own exports number their nodes (n0, n1...): the label names them better */
        bool numbered = mn->key[0] == 'n' && mn->key[1] && strspn(mn->key + 1, "0123456789") == strlen(mn->key + 1);
        char *id = import_make_id(m, numbered && mn->text && *label ? label : mn->key);
        if (kk >= 0) {
            k = (NodeKind)kk;
            import_note(r, NOTE_MAPPED, id, w, _("node \"%s\": kind %s named in its text"), id, kind_word);
        } else if (import_guess_kind(words, &k, &word)) {
            import_note(r, NOTE_GUESSED, id, w, _("node \"%s\": kind %s, guessed from the word \"%s\""), id, node_kind_name(k), word);
        } else if (mn->icon && import_guess_kind(mn->icon, &k, &word)) {
            import_note(r, NOTE_GUESSED, id, w, _("node \"%s\": kind %s, guessed from its icon \"%s\""), id, node_kind_name(k), mn->icon);
        } else if (mn->shape == SHAPE_CYL) {
            k = NODE_DATABASE;
            import_note(r, NOTE_GUESSED, id, w, _("node \"%s\": kind database, guessed from its cylinder shape"), id);
        } else if (import_guess_kind(mn->key, &k, &word)) {
            import_note(r, NOTE_GUESSED, id, w, _("node \"%s\": kind %s, guessed from the word \"%s\" in its id"), id,
                        node_kind_name(k), word);
        } else {
            k = NODE_SERVICE;
            import_note(r, NOTE_DEFAULTED, id, w, _("node \"%s\": no word in \"%.40s\" names a kind; service, the default"), id, label);
        }
        node_defaults(k, &n);
        if (kk >= 0 && rest[kl] == ':') { /* "kind: summary": its numbers */
            StrBuf got, unknown;
            sb_init(&got);
            sb_init(&unknown);
            n.kind = k;
            read_node_summary(&n, rest + kl + 1 + (rest[kl + 1] == ' '), &got, &unknown);
            if (got.len)
                import_note(r, NOTE_MAPPED, id, w, _("node \"%s\": %s, as its text says"), id, got.data);
            if (unknown.len)
                import_note(r, NOTE_NOT_KEPT, id, w, _("node \"%s\": \"%s\" in its text is not read"), id, unknown.data);
            sb_free(&got);
            sb_free(&unknown);
        }
        n.id = id;
        n.label = strcmp(label, id) != 0 ? label : NULL;
        node_of[i] = model_add_node(m, &n);
        free(id);
        free(label);
    }
    for (int i = 0; i < rd.n_edges; i++) {
        const MEdge *me = &rd.edges[i];
        int a = node_of[me->from], b = node_of[me->to];
        if (a < 0 || b < 0) continue; /* to or from a junction: joined above */
        char w[40];
        snprintf(w, sizeof w, _("line %d"), me->line);
        Edge e;
        edge_defaults(&e);
        e.from = m->nodes[a].id;
        e.to = m->nodes[b].id;
        e.label = me->label && *me->label ? me->label : NULL;
        e.mode = me->dotted ? EDGE_ASYNC : EDGE_SYNC;
        model_add_edge(m, &e);
        if (me->dotted)
            import_note(r, NOTE_GUESSED, NULL, w, _("edge %s -> %s: async, guessed from its dotted line"), e.from, e.to);
        else if (me->both)
            import_note(r, NOTE_GUESSED, NULL, w, _("edge %s -> %s: an arrow both ways is read as a call from left to right"),
                        e.from, e.to);
        else if (me->open)
            import_note(r, NOTE_GUESSED, NULL, w, _("edge %s -> %s: a line without an arrowhead is read as a call from left to right"),
                        e.from, e.to);
        else
            import_note(r, NOTE_MAPPED, NULL, w, _("edge %s -> %s"), e.from, e.to);
    }
    layout_layered(m, LOOK_NODE_W, LOOK_NODE_H);
    group_boxes(&rd, r, m, node_of);
    free(node_of);
    reader_free(&rd);
    r->model = m;
    return true;
}
