/*
 * layout.c - a layered drawing for a diagram without positions (layout.h): cycles
 * broken by a depth-first search (an edge to a node still on the search's stack goes
 * back up and does not count), layers by the longest path from a node nobody calls,
 * then two sweeps that order each layer by the mean place of each node's callers (the
 * barycentre heuristic of Sugiyama, Tagawa and Toda, 1981); nodes placed in zones in one
 * band per zone (zone_bands).
 */
#include "sim/layout.h"

#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

bool layout_needed(const Model *m)
{
    if (m->n_nodes < 2) return false;
    for (int i = 1; i < m->n_nodes; i++)
        if (m->nodes[i].x != m->nodes[0].x || m->nodes[i].y != m->nodes[0].y) return false;
    return true;
}

typedef struct IdIndex {
    const char *id;
    int index;
} IdIndex;

static int id_cmp(const void *a, const void *b)
{
    const IdIndex *x = a, *y = b;
    int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
    return c ? c : x->index - y->index;
}

static int find(const IdIndex *ids, int n, const char *id)
{
    if (!id) return -1;
    IdIndex key = {id, -1};
    int lo = 0, hi = n;
    while (lo < hi) { /* the first entry not below id */
        int mid = lo + (hi - lo) / 2;
        if (strcmp(ids[mid].id ? ids[mid].id : "", key.id) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && ids[lo].id && strcmp(ids[lo].id, id) == 0 ? ids[lo].index : -1;
}

/* Order of a layer: by key, ties by the order before (a stable sort by hand). */
typedef struct Slot {
    double key;
    int order;
    int node;
} Slot;

static int slot_cmp(const void *a, const void *b)
{
    const Slot *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->order - y->order;
}

/* The band of node i: 1 + its zone's place in scenario.zones, or 0 for a node placed in
 * no one zone (spread over several, or none). */
static int band_of(const Model *m, int i)
{
    const char *z = m->nodes[i].zone;
    for (int k = 0; z && k < m->scenario.n_zones; k++)
        if (m->scenario.zones[k].id && strcmp(m->scenario.zones[k].id, z) == 0) return 1 + k;
    return 0;
}

/* A design with zones: the app draws each zone as the box around its nodes, so nodes of
 * different zones mixed in a layer would give boxes over one another. Each zone gets a
 * horizontal band as tall as its most nodes in one layer, the nodes in no one zone a band
 * of their own in the middle, bands a zone box's margin apart; in each layer a band's
 * nodes keep the order the sweeps gave them, centred in the band. False (nothing done)
 * when no node is in a zone. */
static bool zone_bands(Model *m, const Slot *slots, const int *lstart, int n_layers, double dx, double dy)
{
    int nb = m->scenario.n_zones + 1, n = m->n_nodes;
    bool any = false;
    for (int i = 0; i < n && !any; i++) any = band_of(m, i) > 0;
    if (!any) return false;
    int *tall = xcalloc((size_t)nb, sizeof *tall), *count = xcalloc((size_t)nb, sizeof *count);
    for (int l = 0; l < n_layers; l++) {
        memset(count, 0, (size_t)nb * sizeof *count);
        for (int p = lstart[l]; p < lstart[l + 1]; p++) count[band_of(m, slots[p].node)]++;
        for (int b = 0; b < nb; b++)
            if (count[b] > tall[b]) tall[b] = count[b];
    }
    /* bands top to bottom: the first half of the zones, the nodes in none, the rest */
    int *order = xmalloc((size_t)nb * sizeof *order), no = 0, half = (nb - 1) / 2;
    for (int b = 1; b <= half; b++) order[no++] = b;
    order[no++] = 0;
    for (int b = half + 1; b < nb; b++) order[no++] = b;
    double *top = xcalloc((size_t)nb, sizeof *top), y = 0, gap = 110; /* a zone box's margins and label (the app's: 26 + 40 + 26) */
    bool first = true;
    for (int k = 0; k < nb; k++) {
        int b = order[k];
        if (!tall[b]) continue;
        if (!first) y += gap;
        first = false;
        top[b] = y;
        y += tall[b] * dy;
    }
    double mid = (y - dy) / 2; /* centred on y = 0 */
    for (int l = 0; l < n_layers; l++) {
        memset(count, 0, (size_t)nb * sizeof *count);
        for (int p = lstart[l]; p < lstart[l + 1]; p++) count[band_of(m, slots[p].node)]++;
        int *at = xcalloc((size_t)nb, sizeof *at);
        for (int p = lstart[l]; p < lstart[l + 1]; p++) {
            Node *nd = &m->nodes[slots[p].node];
            int b = band_of(m, slots[p].node);
            double yy = top[b] + (at[b]++ + (tall[b] - count[b]) / 2.0) * dy - mid;
            nd->x = l * dx;
            nd->y = (double)(long)(yy / 10) * 10;
        }
        free(at);
    }
    free(tall);
    free(count);
    free(order);
    free(top);
    return true;
}

void layout_layered(Model *m, double node_w, double node_h)
{
    int n = m->n_nodes, ne = m->n_edges;
    if (n <= 0) return;
    if (ne < 0) ne = 0;
    IdIndex *ids = xmalloc((size_t)n * sizeof *ids);
    for (int i = 0; i < n; i++) ids[i] = (IdIndex){m->nodes[i].id, i};
    qsort(ids, (size_t)n, sizeof *ids, id_cmp);

    /* Edges as index pairs, and each node's out-edges (CSR). */
    int *from = xmalloc(((size_t)ne + 1) * sizeof *from), *to = xmalloc(((size_t)ne + 1) * sizeof *to);
    int *start = xcalloc((size_t)n + 1, sizeof *start), *out = xmalloc(((size_t)ne + 1) * sizeof *out);
    int *indeg = xcalloc((size_t)n, sizeof *indeg);
    for (int k = 0; k < ne; k++) {
        from[k] = find(ids, n, m->edges[k].from);
        to[k] = find(ids, n, m->edges[k].to);
        if (from[k] < 0 || to[k] < 0 || from[k] == to[k]) from[k] = to[k] = -1;
        else start[from[k] + 1]++;
    }
    for (int i = 0; i < n; i++) start[i + 1] += start[i];
    int *fill = xmalloc((size_t)n * sizeof *fill);
    memcpy(fill, start, (size_t)n * sizeof *fill);
    for (int k = 0; k < ne; k++)
        if (from[k] >= 0) out[fill[from[k]]++] = k;

    /* Back edges: an iterative depth-first search, nodes nobody calls first. */
    for (int k = 0; k < ne; k++)
        if (from[k] >= 0) indeg[to[k]]++;
    unsigned char *state = xcalloc((size_t)n, 1); /* 0 new, 1 on the stack, 2 done */
    bool *back = xcalloc((size_t)ne + 1, sizeof *back);
    int *stack = xmalloc((size_t)n * sizeof *stack), *pos = xmalloc((size_t)n * sizeof *pos);
    for (int pass = 0; pass < 2; pass++)
        for (int root = 0; root < n; root++) {
            if (state[root] || (pass == 0 && indeg[root] > 0)) continue;
            int sp = 0;
            stack[sp] = root;
            pos[sp++] = start[root];
            state[root] = 1;
            while (sp > 0) {
                int v = stack[sp - 1];
                if (pos[sp - 1] == start[v + 1]) {
                    state[v] = 2;
                    sp--;
                    continue;
                }
                int k = out[pos[sp - 1]++];
                int w = to[k];
                if (state[w] == 1) back[k] = true;
                else if (state[w] == 0) {
                    state[w] = 1;
                    stack[sp] = w;
                    pos[sp++] = start[w];
                }
            }
        }

    /* Layers: the longest path over the forward edges, in topological order (Kahn). */
    int *layer = xcalloc((size_t)n, sizeof *layer);
    memset(indeg, 0, (size_t)n * sizeof *indeg);
    for (int k = 0; k < ne; k++)
        if (from[k] >= 0 && !back[k]) indeg[to[k]]++;
    int head = 0, tail = 0;
    int *order = stack; /* reused: the topological order */
    for (int i = 0; i < n; i++)
        if (!indeg[i]) order[tail++] = i;
    while (head < tail) {
        int v = order[head++];
        for (int p = start[v]; p < start[v + 1]; p++) {
            int k = out[p];
            if (back[k]) continue;
            int w = to[k];
            if (layer[v] + 1 > layer[w]) layer[w] = layer[v] + 1;
            if (--indeg[w] == 0) order[tail++] = w;
        }
    }

    /* Each layer's nodes, in file order to begin with. */
    int n_layers = 0;
    for (int i = 0; i < n; i++)
        if (layer[i] + 1 > n_layers) n_layers = layer[i] + 1;
    int *lstart = xcalloc((size_t)n_layers + 1, sizeof *lstart);
    for (int i = 0; i < n; i++) lstart[layer[i] + 1]++;
    for (int l = 0; l < n_layers; l++) lstart[l + 1] += lstart[l];
    Slot *slots = xmalloc((size_t)n * sizeof *slots);
    memcpy(fill, lstart, (size_t)n_layers * sizeof *fill);
    for (int i = 0; i < n; i++) slots[fill[layer[i]]++] = (Slot){0, 0, i};
    for (int i = 0; i < n; i++) pos[slots[i].node] = i - lstart[layer[slots[i].node]];

    /* Two sweeps: each node after the mean place of the nodes that call it (forward
     * edges from the layer before count; a node without one keeps its place). */
    double *sum = xcalloc((size_t)n, sizeof *sum);
    int *cnt = xcalloc((size_t)n, sizeof *cnt);
    for (int sweep = 0; sweep < 2; sweep++) {
        memset(sum, 0, (size_t)n * sizeof *sum);
        memset(cnt, 0, (size_t)n * sizeof *cnt);
        for (int k = 0; k < ne; k++)
            if (from[k] >= 0 && !back[k]) {
                sum[to[k]] += pos[from[k]];
                cnt[to[k]]++;
            }
        for (int l = 1; l < n_layers; l++) {
            Slot *s = slots + lstart[l];
            int k = lstart[l + 1] - lstart[l];
            for (int i = 0; i < k; i++) {
                int v = s[i].node;
                s[i].order = i;
                s[i].key = cnt[v] ? sum[v] / cnt[v] : (double)i;
            }
            qsort(s, (size_t)k, sizeof *s, slot_cmp);
            for (int i = 0; i < k; i++) pos[s[i].node] = i;
        }
    }

    /* Coordinates: layers left to right, each centred on y = 0, on a 10-unit grid; nodes
     * placed in a zone in their zone's band (zone_bands). */
    double dx = node_w + 110, dy = node_h + 54;
    if (!zone_bands(m, slots, lstart, n_layers, dx, dy))
        for (int l = 0; l < n_layers; l++) {
            int k = lstart[l + 1] - lstart[l];
            for (int i = 0; i < k; i++) {
                Node *nd = &m->nodes[slots[lstart[l] + i].node];
                nd->x = l * dx;
                nd->y = (double)(long)((i - (k - 1) / 2.0) * dy / 10) * 10;
            }
        }
    free(ids);
    free(from);
    free(to);
    free(start);
    free(out);
    free(indeg);
    free(fill);
    free(state);
    free(back);
    free(stack);
    free(pos);
    free(layer);
    free(lstart);
    free(slots);
    free(sum);
    free(cnt);
}
