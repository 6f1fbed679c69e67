/*
 * routes.c - where edges run and where their labels sit, in board units.
 *
 * Each edge is a cubic Bezier leaving its source from the side facing the target and
 * entering the target's facing side; several edges on one side are spread along it.
 * When the curve would cross another node, it is bent sideways by increasing amounts
 * until it clears (a spatial hash of node boxes keeps that cheap). Labels are placed
 * greedily along their curve where they overlap neither a node nor an earlier label;
 * a label with no free place gives way to a brief one (async, the fan-out, the chance: what
 * changes where a request goes), and with no place for that either it is hidden; the whole
 * label shows when its edge is hovered or selected.
 *
 * Everything here depends only on the model, so it is recomputed when the model's
 * version changes, not every frame.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/dist.h"
#include "sim/util.h"

#define LABEL_FONT 11.0f
#define BUCKETS 4096
#define CELL 200.0

Rect node_rect(const Node *n) { return rect_make((float)n->x, (float)n->y, NODE_W, NODE_H); }

Vec2 bezier_at(const Vec2 p[4], float t)
{
    float u = 1 - t;
    float a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
    return vec2(a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
                a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y);
}

static float seg_dist(Vec2 p, Vec2 a, Vec2 b)
{
    float dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
    float t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    float qx = a.x + dx * t - p.x, qy = a.y + dy * t - p.y;
    return sqrtf(qx * qx + qy * qy);
}

float route_distance(const EdgeRoute *e, float bx, float by)
{
    if (!e->valid) return 1e30f;
    Vec2 p = vec2(bx, by), prev = e->p[0];
    float best = 1e30f;
    for (int i = 1; i <= 24; i++) {
        Vec2 q = bezier_at(e->p, (float)i / 24.0f);
        float d = seg_dist(p, prev, q);
        if (d < best) best = d;
        prev = q;
    }
    return best;
}

/* What changes where and how often a request goes along e, into parts[n...]: async, the
 * fan-out (as drawn: a cap lowers it; "fan-out " before it where no label names the edge),
 * a probability below 1. Returns the new count. */
static int way_parts(const Edge *e, bool named, char parts[][96], int n)
{
    char num[32];
    if (e->mode == EDGE_ASYNC) snprintf(parts[n++], sizeof parts[0], "async");
    if (!(e->fanout.kind == DIST_CONSTANT && e->fanout.mean == 1)) {
        numfmt_count(dist_drawn_mean(&e->fanout), num, sizeof num);
        snprintf(parts[n++], sizeof parts[0], "%s\xC3\x97%s%s", named ? "" : _("fan-out "),
                 e->fanout.kind == DIST_CONSTANT ? "" : "~", num);
    }
    if (e->probability < 1) numfmt_percent_fine(e->probability, parts[n++], sizeof parts[0]);
    return n;
}

/* parts[0..n) joined by " · " into out. */
static void join_parts(char parts[][96], int n, char *out, size_t cap)
{
    out[0] = 0;
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        int w = snprintf(out + len, cap - len, "%s%s", i ? " \xC2\xB7 " : "", parts[i]);
        if (w < 0 || (size_t)w >= cap - len) break;
        len += (size_t)w;
    }
}

void edge_label_text(const Edge *e, char *out, size_t cap)
{
    char parts[8][96];
    int n = 0;
    const char *label = edge_label_shown(e);
    if (*label) snprintf(parts[n++], sizeof parts[0], "%s", label);
    if (e->n_requests > 0) {
        char *p = parts[n];
        size_t left = sizeof parts[0];
        p[0] = 0;
        for (int i = 0; i < e->n_requests && left > 1; i++) {
            int w = snprintf(p, left, "%s%s", i ? ", " : "", e->requests[i]);
            if (w < 0 || (size_t)w >= left) break;
            p += w;
            left -= (size_t)w;
        }
        n++;
    }
    n = way_parts(e, *label, parts, n);
    if (fabs(e->latency_ms - 0.25) > 1e-9) {
        numfmt_ms_in(e->latency_ms, tr_lang(), parts[n++], sizeof parts[0]);
    }
    if (e->retries > 0 && n < 8) snprintf(parts[n++], sizeof parts[0], _("retry \xC3\x97%d"), e->retries);
    join_parts(parts, n, out, cap);
}

void edge_label_short_text(const Edge *e, char *out, size_t cap)
{
    char parts[3][96];
    join_parts(parts, way_parts(e, true, parts, 0), out, cap);
}

/* ---- a spatial hash of node boxes -------------------------------------------------- */

typedef struct Grid {
    int *start;    /* BUCKETS + 1 offsets into items */
    int *items;    /* node indices */
    int n_items;
} Grid;

static unsigned bucket_of(long cx, long cy)
{
    uint64_t h = (uint64_t)(cx * 73856093L) ^ (uint64_t)(cy * 19349663L);
    return (unsigned)(h & (BUCKETS - 1));
}

static void grid_build(Grid *g, const Model *m)
{
    g->start = xcalloc(BUCKETS + 1, sizeof *g->start);
    int total = 0;
    for (int pass = 0; pass < 2; pass++) {
        int *fill = pass ? xcalloc(BUCKETS, sizeof *fill) : NULL;
        for (int i = 0; i < m->n_nodes; i++) {
            Rect rc = node_rect(&m->nodes[i]);
            long x0 = (long)floor(rc.x / CELL), x1 = (long)floor((rc.x + rc.w) / CELL);
            long y0 = (long)floor(rc.y / CELL), y1 = (long)floor((rc.y + rc.h) / CELL);
            for (long cy = y0; cy <= y1; cy++)
                for (long cx = x0; cx <= x1; cx++) {
                    unsigned b = bucket_of(cx, cy);
                    if (pass == 0) {
                        g->start[b + 1]++;
                        total++;
                    } else {
                        g->items[g->start[b] + fill[b]++] = i;
                    }
                }
        }
        if (pass == 0) {
            for (int b = 0; b < BUCKETS; b++) g->start[b + 1] += g->start[b];
            g->items = xmalloc((size_t)(total > 0 ? total : 1) * sizeof *g->items);
            g->n_items = total;
        }
        free(fill);
    }
}

static void grid_free(Grid *g)
{
    free(g->start);
    free(g->items);
}

/* True when board point p lies inside a node other than a or b (inflated by pad). */
static bool hits_node(const Grid *g, const Model *m, Vec2 p, int a, int b, float pad)
{
    unsigned bk = bucket_of((long)floor(p.x / CELL), (long)floor(p.y / CELL));
    for (int k = g->start[bk]; k < g->start[bk + 1]; k++) {
        int i = g->items[k];
        if (i == a || i == b) continue;
        Rect rc = node_rect(&m->nodes[i]);
        if (p.x > rc.x - pad && p.x < rc.x + rc.w + pad && p.y > rc.y - pad &&
            p.y < rc.y + rc.h + pad)
            return true;
    }
    return false;
}

static bool rect_hits_node(const Grid *g, const Model *m, Rect r, int a, int b, float pad)
{
    long x0 = (long)floor((r.x - pad) / CELL), x1 = (long)floor((r.x + r.w + pad) / CELL);
    long y0 = (long)floor((r.y - pad) / CELL), y1 = (long)floor((r.y + r.h + pad) / CELL);
    for (long cy = y0; cy <= y1; cy++)
        for (long cx = x0; cx <= x1; cx++) {
            unsigned bk = bucket_of(cx, cy);
            for (int k = g->start[bk]; k < g->start[bk + 1]; k++) {
                int i = g->items[k];
                if (i == a || i == b) continue;
                Rect rc = node_rect(&m->nodes[i]);
                Rect in = {rc.x - pad, rc.y - pad, rc.w + 2 * pad, rc.h + 2 * pad};
                if (rect_overlaps(in, r)) return true;
            }
        }
    return false;
}

static int blocked_samples(const Grid *g, const Model *m, const Vec2 p[4], int a, int b)
{
    int n = 0;
    for (int i = 2; i <= 22; i++)
        if (hits_node(g, m, bezier_at(p, (float)i / 24.0f), a, b, 8)) n++;
    return n;
}

/* ---- sides and anchors ------------------------------------------------------------------ */

static Vec2 side_normal(Side s)
{
    switch (s) {
    case SIDE_RIGHT: return vec2(1, 0);
    case SIDE_LEFT: return vec2(-1, 0);
    case SIDE_BOTTOM: return vec2(0, 1);
    default: return vec2(0, -1);
    }
}

static void pick_sides(Rect a, Rect b, Side *sa, Side *sb)
{
    float hgap = fmaxf(b.x - (a.x + a.w), a.x - (b.x + b.w));
    float vgap = fmaxf(b.y - (a.y + a.h), a.y - (b.y + b.h));
    float dx = (b.x + b.w / 2) - (a.x + a.w / 2), dy = (b.y + b.h / 2) - (a.y + a.h / 2);
    if (hgap >= 30 || (hgap > vgap && hgap > 0)) {
        *sa = dx > 0 ? SIDE_RIGHT : SIDE_LEFT;
        *sb = dx > 0 ? SIDE_LEFT : SIDE_RIGHT;
    } else {
        *sa = dy > 0 ? SIDE_BOTTOM : SIDE_TOP;
        *sb = dy > 0 ? SIDE_TOP : SIDE_BOTTOM;
    }
}

/* Point on side s of rect r at fraction f (0..1) along it. */
static Vec2 side_point(Rect r, Side s, float f)
{
    switch (s) {
    case SIDE_RIGHT: return vec2(r.x + r.w, r.y + r.h * f);
    case SIDE_LEFT: return vec2(r.x, r.y + r.h * f);
    case SIDE_BOTTOM: return vec2(r.x + r.w * f, r.y + r.h);
    default: return vec2(r.x + r.w * f, r.y);
    }
}

static void curve(Vec2 p0, Side s0, Vec2 p3, Side s3, Vec2 out[4])
{
    float dx = p3.x - p0.x, dy = p3.y - p0.y, d = sqrtf(dx * dx + dy * dy);
    float k = d * 0.45f;
    k = k < 24 ? 24 : (k > 150 ? 150 : k);
    Vec2 n0 = side_normal(s0), n3 = side_normal(s3);
    /* Straight when the ends face each other on one line. */
    bool aligned = (s0 == SIDE_RIGHT || s0 == SIDE_LEFT) ? fabsf(dy) < 0.5f : fabsf(dx) < 0.5f;
    if (aligned) k = d / 3;
    out[0] = p0;
    out[1] = vec2(p0.x + n0.x * k, p0.y + n0.y * k);
    out[2] = vec2(p3.x + n3.x * k, p3.y + n3.y * k);
    out[3] = p3;
}

void route_between(Rect a, Rect b, Vec2 p[4])
{
    Side sa, sb;
    pick_sides(a, b, &sa, &sb);
    curve(side_point(a, sa, 0.5f), sa, side_point(b, sb, 0.5f), sb, p);
}

typedef struct End {
    int node, edge;
    Side side;
    bool src;
    float key;   /* position of the other end along this side, for ordering */
} End;

static int end_cmp(const void *x, const void *y)
{
    const End *a = x, *b = y;
    if (a->node != b->node) return a->node - b->node;
    if (a->side != b->side) return (int)a->side - (int)b->side;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    if (a->edge != b->edge) return a->edge - b->edge;
    return (int)a->src - (int)b->src;
}

/* ---- the update ------------------------------------------------------------------------- */

typedef struct IdMap {
    const char **keys;
    int *vals;
    int cap;
} IdMap;

static void idmap_build(IdMap *mp, const Model *m)
{
    mp->cap = 64;
    while (mp->cap < m->n_nodes * 2) mp->cap *= 2;
    mp->keys = xcalloc((size_t)mp->cap, sizeof *mp->keys);
    mp->vals = xcalloc((size_t)mp->cap, sizeof *mp->vals);
    for (int i = 0; i < m->n_nodes; i++) {
        const char *id = m->nodes[i].id;
        if (!id) continue;
        unsigned s = (unsigned)hash_str(id) & (unsigned)(mp->cap - 1);
        while (mp->keys[s] && strcmp(mp->keys[s], id) != 0) s = (s + 1) & (unsigned)(mp->cap - 1);
        if (!mp->keys[s]) {
            mp->keys[s] = id;
            mp->vals[s] = i;
        }
    }
}

static int idmap_get(const IdMap *mp, const char *id)
{
    if (!id) return -1;
    unsigned s = (unsigned)hash_str(id) & (unsigned)(mp->cap - 1);
    while (mp->keys[s]) {
        if (strcmp(mp->keys[s], id) == 0) return mp->vals[s];
        s = (s + 1) & (unsigned)(mp->cap - 1);
    }
    return -1;
}

static Rect curve_bbox(const Vec2 p[4])
{
    float x0 = p[0].x, x1 = p[0].x, y0 = p[0].y, y1 = p[0].y;
    for (int i = 1; i < 4; i++) {
        x0 = fminf(x0, p[i].x);
        x1 = fmaxf(x1, p[i].x);
        y0 = fminf(y0, p[i].y);
        y1 = fmaxf(y1, p[i].y);
    }
    return rect_make(x0, y0, x1 - x0, y1 - y0);
}

/* A label's text width at LABEL_FONT, board units (a guess without a renderer). */
static float label_width(Render *r, const char *text)
{
    return r ? render_text_width(r, FONT_REGULAR, LABEL_FONT, text) : 6.5f * (float)strlen(text);
}

/* The labels placed so far, in a spatial hash of board cells: a head per bucket, entries
 * chained (a label spans the cells it covers). */
typedef struct LabelPlacer {
    const Grid *grid;
    Rect *placed;
    int n_placed;
    int *head, *ent_label, *ent_next;
    int cap_ent, n_ent;
} LabelPlacer;

/* Place a label of w x h on edge e's curve: the first of a few spots along it (middle
 * first), on the curve or beside it, that overlaps no node, no earlier label and not the
 * arrow head. Sets e->label_rc and label_shown and returns true; false when none is free. */
static bool place_label(LabelPlacer *lp, const Model *m, EdgeRoute *e, float w, float h)
{
    static const float ts[] = {0.5f, 0.45f, 0.55f, 0.4f, 0.6f, 0.3f, 0.7f, 0.22f, 0.78f};
    static const float offs[] = {0, 1, -1};
    for (size_t a = 0; a < sizeof offs / sizeof offs[0]; a++)
        for (size_t k = 0; k < sizeof ts / sizeof ts[0]; k++) {
            Vec2 c = bezier_at(e->p, ts[k]);
            Vec2 c2 = bezier_at(e->p, ts[k] + 0.01f);
            float tx = c2.x - c.x, ty = c2.y - c.y, tl = sqrtf(tx * tx + ty * ty);
            float nx = tl > 0 ? -ty / tl : 0, ny = tl > 0 ? tx / tl : 1;
            float shift = offs[a] * (fabsf(nx) * (w / 2 + 4) + fabsf(ny) * (h / 2 + 4));
            Rect rc = {c.x + nx * shift - w / 2, c.y + ny * shift - h / 2, w, h};
            if (rect_hits_node(lp->grid, m, rc, -1, -1, 3)) continue;
            /* Keep clear of the arrow head at the end of the edge. */
            float hx = e->p[3].x - e->p[2].x, hy = e->p[3].y - e->p[2].y;
            float hl = sqrtf(hx * hx + hy * hy);
            if (hl < 1e-3f) hl = 1;
            Rect tip = {e->p[3].x - hx / hl * 5 - 5, e->p[3].y - hy / hl * 5 - 5, 10, 10};
            if (rect_overlaps(tip, rc)) continue;
            bool clash = false;
            long gx0 = (long)floor((rc.x - 3) / CELL), gx1 = (long)floor((rc.x + rc.w + 3) / CELL);
            long gy0 = (long)floor((rc.y - 3) / CELL), gy1 = (long)floor((rc.y + rc.h + 3) / CELL);
            for (long gy = gy0; gy <= gy1 && !clash; gy++)
                for (long gx = gx0; gx <= gx1 && !clash; gx++)
                    for (int q = lp->head[bucket_of(gx, gy)]; q >= 0 && !clash; q = lp->ent_next[q]) {
                        Rect pq = lp->placed[lp->ent_label[q]];
                        Rect o = {pq.x - 3, pq.y - 3, pq.w + 6, pq.h + 6};
                        clash = rect_overlaps(o, rc);
                    }
            if (clash) continue;
            e->label_rc = rc;
            e->label_shown = true;
            lp->placed[lp->n_placed] = rc;
            for (long gy = gy0; gy <= gy1; gy++)
                for (long gx = gx0; gx <= gx1; gx++) {
                    if (lp->n_ent == lp->cap_ent) {
                        lp->cap_ent *= 2;
                        lp->ent_label = xrealloc(lp->ent_label, (size_t)lp->cap_ent * sizeof *lp->ent_label);
                        lp->ent_next = xrealloc(lp->ent_next, (size_t)lp->cap_ent * sizeof *lp->ent_next);
                    }
                    unsigned bk = bucket_of(gx, gy);
                    lp->ent_label[lp->n_ent] = lp->n_placed;
                    lp->ent_next[lp->n_ent] = lp->head[bk];
                    lp->head[bk] = lp->n_ent++;
                }
            lp->n_placed++;
            return true;
        }
    return false;
}

void routes_free(Routes *rt)
{
    free(rt->r);
    memset(rt, 0, sizeof *rt);
}

void routes_update(Routes *rt, const Model *m, unsigned version, double zoom, Render *r)
{
    (void)zoom;
    if (rt->fresh && rt->version == version && rt->n == m->n_edges) return;
    rt->fresh = true;
    rt->version = version;
    int old_n = r && rt->measured ? rt->n : 0;
    rt->measured = r != NULL;
    rt->n = m->n_edges;
    if (rt->cap < m->n_edges) {
        rt->cap = m->n_edges + 16;
        rt->r = xrealloc(rt->r, (size_t)rt->cap * sizeof *rt->r);
    }
    if (m->n_edges == 0) return;
    IdMap ids;
    idmap_build(&ids, m);
    Grid grid;
    grid_build(&grid, m);
    int *from = xmalloc((size_t)m->n_edges * sizeof *from);
    int *to = xmalloc((size_t)m->n_edges * sizeof *to);
    End *ends = xmalloc((size_t)m->n_edges * 2 * sizeof *ends);
    Side *side_a = xmalloc((size_t)m->n_edges * sizeof *side_a);
    Side *side_b = xmalloc((size_t)m->n_edges * sizeof *side_b);
    float *frac_a = xmalloc((size_t)m->n_edges * sizeof *frac_a);
    float *frac_b = xmalloc((size_t)m->n_edges * sizeof *frac_b);
    int n_ends = 0;
    for (int i = 0; i < m->n_edges; i++) {
        EdgeRoute *e = &rt->r[i];
        /* Keep the measured label of the previous run: measuring text is not free. */
        char prev_label[160];
        float prev_tw = i < old_n ? e->label_tw : -1;
        snprintf(prev_label, sizeof prev_label, "%s", i < old_n ? e->label : "");
        memset(e, 0, sizeof *e);
        snprintf(e->label, sizeof e->label, "%s", prev_label);
        e->label_tw = prev_tw;
        from[i] = idmap_get(&ids, m->edges[i].from);
        to[i] = idmap_get(&ids, m->edges[i].to);
        frac_a[i] = frac_b[i] = 0.5f;
        if (from[i] < 0 || to[i] < 0 || from[i] == to[i]) continue;
        e->valid = true;
        Rect ra = node_rect(&m->nodes[from[i]]), rb = node_rect(&m->nodes[to[i]]);
        pick_sides(ra, rb, &side_a[i], &side_b[i]);
        bool horiz_a = side_a[i] == SIDE_LEFT || side_a[i] == SIDE_RIGHT;
        End ea = {from[i], i, side_a[i], true, horiz_a ? rb.y + rb.h / 2 : rb.x + rb.w / 2};
        End eb = {to[i], i, side_b[i], false, horiz_a ? ra.y + ra.h / 2 : ra.x + ra.w / 2};
        ends[n_ends++] = ea;
        ends[n_ends++] = eb;
    }
    /* Spread the ends that share a side of a node. */
    qsort(ends, (size_t)n_ends, sizeof *ends, end_cmp);
    for (int i = 0; i < n_ends;) {
        int j = i;
        while (j < n_ends && ends[j].node == ends[i].node && ends[j].side == ends[i].side) j++;
        int n = j - i;
        for (int k = 0; k < n; k++) {
            float f = n == 1 ? 0.5f : 0.2f + 0.6f * (float)k / (float)(n - 1);
            if (ends[i + k].src)
                frac_a[ends[i + k].edge] = f;
            else
                frac_b[ends[i + k].edge] = f;
        }
        i = j;
    }
    for (int i = 0; i < m->n_edges; i++) {
        EdgeRoute *e = &rt->r[i];
        if (!e->valid) continue;
        Rect ra = node_rect(&m->nodes[from[i]]), rb = node_rect(&m->nodes[to[i]]);
        Vec2 p0 = side_point(ra, side_a[i], frac_a[i]), p3 = side_point(rb, side_b[i], frac_b[i]);
        curve(p0, side_a[i], p3, side_b[i], e->p);
        int blocked = blocked_samples(&grid, m, e->p, from[i], to[i]);
        if (blocked) {
            float dx = p3.x - p0.x, dy = p3.y - p0.y, d = sqrtf(dx * dx + dy * dy);
            float px = d > 0 ? -dy / d : 0, py = d > 0 ? dx / d : 1;
            static const float offs[] = {70, -70, 120, -120, 180, -180, 260, -260, 360, -360};
            Vec2 best[4];
            memcpy(best, e->p, sizeof best);
            int best_blocked = blocked;
            for (size_t k = 0; k < sizeof offs / sizeof offs[0]; k++) {
                Vec2 c[4];
                memcpy(c, e->p, sizeof c);
                c[1].x += px * offs[k];
                c[1].y += py * offs[k];
                c[2].x += px * offs[k];
                c[2].y += py * offs[k];
                int b = blocked_samples(&grid, m, c, from[i], to[i]);
                if (b < best_blocked) {
                    best_blocked = b;
                    memcpy(best, c, sizeof best);
                }
                if (b == 0) break;
            }
            memcpy(e->p, best, sizeof best);
        }
        e->bbox = curve_bbox(e->p);
    }
    /* Labels, greedily, in edge order. Sizes are in board units at LABEL_FONT. */
    LabelPlacer lp = {.grid = &grid};
    lp.placed = xmalloc((size_t)m->n_edges * sizeof *lp.placed);
    lp.head = xmalloc(BUCKETS * sizeof *lp.head);
    for (int b = 0; b < BUCKETS; b++) lp.head[b] = -1;
    lp.cap_ent = 4 * m->n_edges + 4;
    lp.ent_label = xmalloc((size_t)lp.cap_ent * sizeof *lp.ent_label);
    lp.ent_next = xmalloc((size_t)lp.cap_ent * sizeof *lp.ent_next);
    float lh = r ? render_line_height(r, FONT_REGULAR, LABEL_FONT) : 13;
    for (int i = 0; i < m->n_edges; i++) {
        EdgeRoute *e = &rt->r[i];
        if (!e->valid) continue;
        char text[160];
        edge_label_text(&m->edges[i], text, sizeof text);
        if (strcmp(text, e->label) != 0 || e->label_tw < 0) {
            snprintf(e->label, sizeof e->label, "%s", text);
            e->label_tw = label_width(r, e->label);
        }
        if (!e->label[0]) continue;
        float w = e->label_tw + 12, h = lh + 5;
        bool done = place_label(&lp, m, e, w, h);
        if (!done) { /* no room for all it says: what changes a request's way, if that fits */
            char brief[sizeof e->short_label];
            edge_label_short_text(&m->edges[i], brief, sizeof brief);
            if (brief[0] && strcmp(brief, e->label) != 0) {
                float bw = label_width(r, brief) + 12;
                if (place_label(&lp, m, e, bw, h)) {
                    snprintf(e->short_label, sizeof e->short_label, "%s", brief);
                    e->label_brief = done = true;
                }
            }
        }
        if (!done) {
            Vec2 c = bezier_at(e->p, 0.5f);
            e->label_rc = rect_make(c.x - w / 2, c.y - h / 2, w, h);
        }
    }
    free(lp.placed);
    free(lp.head);
    free(lp.ent_label);
    free(lp.ent_next);
    free(from);
    free(to);
    free(ends);
    free(side_a);
    free(side_b);
    free(frac_a);
    free(frac_b);
    free(ids.keys);
    free(ids.vals);
    grid_free(&grid);
}
