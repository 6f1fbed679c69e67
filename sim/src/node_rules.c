/*
 * node_rules.c - how node kinds differ: which station of a database serves a
 * request, which target a load balancer picks, whether a cache hits. Everything
 * else about a node (queueing, slots, calls) is the same for every kind and lives
 * in engine.c.
 */
#include "engine_internal.h"

#include <math.h>
#include <stdlib.h>

#include "sim/util.h"

static bool node_up(const RNode *n) { return n->n_up > 0; }

/* ---- sessions' last writes (database replication) ----------------------------- */

static uint32_t slot_of(uint32_t key, uint32_t cap)
{
    return (uint32_t)((key * 0x9E3779B1u) & (cap - 1));
}

/* The time the session's last write ended at a primary, or -INFINITY. */
static double last_write(const Repl *r, uint32_t key)
{
    if (r->cap == 0) return -INFINITY;
    for (uint32_t i = slot_of(key, r->cap);; i = (i + 1) & (r->cap - 1)) {
        if (r->keys[i] == key) return r->t_write[i];
        if (r->keys[i] == 0) return -INFINITY;
    }
}

static void put_write(Repl *r, uint32_t key, double t)
{
    uint32_t i = slot_of(key, r->cap);
    while (r->keys[i] != 0 && r->keys[i] != key) i = (i + 1) & (r->cap - 1);
    r->count += r->keys[i] == 0;
    r->keys[i] = key;
    r->t_write[i] = t;
}

/* The k-th largest of t[0..n) (0 = the largest), in expected O(n) (Hoare's
 * selection): t is reordered. */
static double kth_largest(double *t, int64_t n, int64_t k)
{
    int64_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double pivot = t[lo + (hi - lo) / 2];
        int64_t i = lo, j = hi;
        while (i <= j) { /* larger values to the left */
            while (t[i] > pivot) i++;
            while (t[j] < pivot) j--;
            if (i <= j) {
                double x = t[i];
                t[i++] = t[j];
                t[j--] = x;
            }
        }
        /* now t[lo..j] >= pivot >= t[i..hi], and t(j..i) == pivot */
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return t[k];
    }
    return t[k];
}

/* Rebuild the table, leaving out the writes older than the horizon (they can make no
 * read stale and move none to the primary), at most a third full: 12 bytes a slot, at
 * most 6 slots (72 bytes) per session whose last write is within the horizon. The
 * databases of a run remember at most SESSION_LIMIT sessions in all: past it, a table
 * keeps the newest half of what it may hold and forgets the rest (their reads then
 * count as fresh), so no design can exhaust memory with sessions. */
static void rebuild(Engine *e, Repl *r, double now)
{
    double cutoff = now - r->horizon_s; /* writes at or before it are forgotten */
    uint32_t live = 0;
    for (uint32_t i = 0; i < r->cap; i++) live += r->keys[i] != 0 && r->t_write[i] > cutoff;
    uint64_t others = e->sessions_held - r->count;
    if (others + live > SESSION_LIMIT) {
        uint64_t keep = others < SESSION_LIMIT ? (SESSION_LIMIT - others) / 2 : 0;
        double *t = xmalloc(((size_t)live + 1) * sizeof *t);
        uint32_t k = 0;
        for (uint32_t i = 0; i < r->cap; i++)
            if (r->keys[i] != 0 && r->t_write[i] > cutoff) t[k++] = r->t_write[i];
        if (keep < k) cutoff = kth_largest(t, k, (int64_t)keep); /* keeps at most `keep` */
        free(t);
        live = 0;
        for (uint32_t i = 0; i < r->cap; i++) live += r->keys[i] != 0 && r->t_write[i] > cutoff;
        e->sessions_forgotten++;
    }
    uint32_t cap = 1024;
    while (cap < 3 * (uint64_t)live + 3) cap *= 2;
    uint32_t *okeys = r->keys, ocap = r->cap;
    double *ot = r->t_write;
    e->sessions_held = others;
    r->keys = xcalloc(cap, sizeof *r->keys);
    r->t_write = xmalloc(cap * sizeof *r->t_write);
    r->cap = cap;
    r->count = 0;
    for (uint32_t i = 0; i < ocap; i++)
        if (okeys[i] != 0 && ot[i] > cutoff) put_write(r, okeys[i], ot[i]);
    e->sessions_held += r->count;
    free(okeys);
    free(ot);
}

void rules_note_write(Engine *e, RNode *n, uint32_t session)
{
    Repl *r = n->repl;
    if (!r || !r->track || session == 0) return;
    if (2 * ((uint64_t)r->count + 1) > r->cap || e->sessions_held >= SESSION_LIMIT)
        rebuild(e, r, e->now);
    uint32_t before = r->count;
    put_write(r, session, e->now);
    e->sessions_held += r->count - before;
}

/* Database: shard by hot-shard skew or uniformly, then the primary for writes and
 * a live replica (else the primary) for reads. Returns NONE when the needed server
 * is down (WAIT_PROMOTION when a write waits for a promotion). Other kinds have one
 * station. With replication (n->repl): the shard's primary may be another server
 * after a failover; a session's read within read_your_writes_ms of its last write
 * goes to the primary, and one a replica answers is stale when the replica's lag,
 * drawn now, exceeds the time since that write. */
uint32_t rules_pick_db_station(Engine *e, RNode *n, Job *j)
{
    int shards = n->def->shards;
    int shard = 0;
    if (shards > 1) {
        double hot = n->def->hot_shard;
        if (hot > 1.0 / shards) {
            if (rng_uniform(&n->rng) >= hot)
                shard = 1 + (int)rng_below(&n->rng, (uint32_t)(shards - 1));
        } else {
            shard = (int)rng_below(&n->rng, (uint32_t)shards);
        }
    }
    uint32_t base = (uint32_t)(shard * n->per_shard);
    bool write = e->types[j->type].op == OP_WRITE;
    int replicas = n->per_shard - 1;
    Repl *r = n->repl;
    if (!r) {
        if (!write && replicas > 0) {
            uint32_t first = rng_below(&n->rng, (uint32_t)replicas);
            for (int k = 0; k < replicas; k++) {
                uint32_t s = base + 1 + (first + (uint32_t)k) % (uint32_t)replicas;
                if (station_up(&n->st[s])) return s;
            }
        }
        return station_up(&n->st[base]) ? base : NONE;
    }
    uint32_t p = r->primary[shard], prim = base + p;
    uint32_t session = job_session(j);
    if (write) {
        if (station_up(&n->st[prim])) return prim;
        if (r->promoting[shard]) {
            if (n->def->failover_writes == FAILOVER_WAIT) {
                r->wait_shard = (uint32_t)shard;
                return WAIT_PROMOTION;
            }
            if (e->measuring) r->fo_failed++;
        }
        return NONE;
    }
    double since = INFINITY; /* seconds since the session's last write */
    if (r->track && session != 0) {
        j->flags |= JF_SREAD;
        since = e->now - last_write(r, session);
    }
    if (since < r->ryw_s && station_up(&n->st[prim])) {
        j->flags |= JF_RYW;
        return prim;
    }
    if (replicas > 0) {
        uint32_t first = rng_below(&n->rng, (uint32_t)replicas);
        for (int k = 0; k < replicas; k++) {
            uint32_t s = base + (p + 1 + (first + (uint32_t)k) % (uint32_t)replicas) % (uint32_t)n->per_shard;
            if (!station_up(&n->st[s])) continue;
            if (r->has_lag && since < r->horizon_s) {
                double lag_s = sampler_draw(&r->lag, &r->rng) / 1000.0;
                if (e->measuring) hist_put(r->lag_ms, lag_s * 1000.0);
                if (lag_s > since) {
                    j->flags |= JF_STALE;
                    if (e->measuring) hist_put(r->gap_ms, since * 1000.0);
                }
            }
            return s;
        }
    }
    return station_up(&n->st[prim]) ? prim : NONE;
}

static int outstanding(const Engine *e, uint32_t edge) { return e->edges[edge].outstanding; }

static bool target_up(const Engine *e, uint32_t edge)
{
    return node_up(&e->nodes[e->edges[edge].to]);
}

/* A zone-aware or slow-to-detect balancer (RNode.zaware): may it pick the target of this
 * edge? It sees a target as up until it has been down detect_s; with zone >= 0 only
 * targets serving in that zone. */
static bool lb_eligible(const Engine *e, const RNode *lb, uint32_t edge, int zone)
{
    const RNode *t = &e->nodes[e->edges[edge].to];
    if (zone >= 0) return engine_zone_alive(e, t, zone);
    return node_up(t) || e->now - t->down_since < lb->def->detect_s;
}

/* The picker of rules_pick_lb_edge over the targets lb_eligible allows: its own zone's
 * targets first (prefer_zone), else every one it sees up. */
#if defined(__GNUC__)
__attribute__((noinline, cold)) /* zone-aware balancers only: out of the hot path */
#endif
static uint32_t pick_lb_zoned(Engine *e, RNode *n, const uint32_t *list, uint32_t count, uint32_t jid)
{
    int zone = -1, own = n->def->prefer_zone ? engine_job_zone(e, (uint32_t)(n - e->nodes), jid) : -1;
    uint32_t up = 0;
    if (own >= 0) {
        for (uint32_t k = 0; k < count; k++) up += lb_eligible(e, n, list[k], own);
        if (up > 0) zone = own;
    }
    if (zone < 0) {
        up = 0;
        for (uint32_t k = 0; k < count; k++) up += lb_eligible(e, n, list[k], -1);
    }
    if (up == 0) return NONE;
    switch (n->policy) {
    case LB_ROUND_ROBIN:
        for (uint32_t k = 0; k < count; k++) {
            uint32_t p = n->rr++ % count;
            if (lb_eligible(e, n, list[p], zone)) return p;
        }
        return NONE;
    case LB_LEAST_OUTSTANDING: {
        uint32_t best = NONE, off = n->rr++;
        for (uint32_t k = 0; k < count; k++) {
            uint32_t p = (off + k) % count;
            if (!lb_eligible(e, n, list[p], zone)) continue;
            if (best == NONE || e->edges[list[p]].outstanding < e->edges[list[best]].outstanding) best = p;
        }
        return best;
    }
    case LB_POWER_OF_TWO: {
        uint32_t pa = rng_below(&n->rng, up), pb = up > 1 ? rng_below(&n->rng, up - 1) : 0, a = NONE, b = NONE;
        if (up > 1 && pb >= pa) pb++;
        for (uint32_t k = 0, i = 0; k < count; k++) {
            if (!lb_eligible(e, n, list[k], zone)) continue;
            if (i == pa) a = k;
            if (i == pb) b = k;
            i++;
        }
        if (up == 1 || b == NONE) return a;
        return e->edges[list[b]].outstanding < e->edges[list[a]].outstanding ? b : a;
    }
    default: { /* random */
        uint32_t pick = rng_below(&n->rng, up);
        for (uint32_t k = 0; k < count; k++)
            if (lb_eligible(e, n, list[k], zone) && pick-- == 0) return k;
        return NONE;
    }
    }
}

/* Load balancer: position in the job's edge list of the one target to call, or NONE
 * when every target is down. */
uint32_t rules_pick_lb_edge(Engine *e, RNode *n, const Job *j)
{
    uint32_t at = j->node * (uint32_t)e->n_types + j->type;
    uint32_t start = e->elist_start[at], count = e->elist_start[at + 1] - start;
    const uint32_t *list = &e->elist[start];
    if (count == 0) return NONE;
    if (n->zaware) return pick_lb_zoned(e, n, list, count, (uint32_t)(j - e->jobs));
    uint32_t up = count; /* while no node is down, every target is up: no scan */
    if (e->n_down > 0) {
        up = 0;
        for (uint32_t k = 0; k < count; k++) up += target_up(e, list[k]);
    }
    if (up == 0) return NONE;
    switch (n->policy) {
    case LB_ROUND_ROBIN:
        for (uint32_t k = 0; k < count; k++) {
            uint32_t p = n->rr++ % count;
            if (target_up(e, list[p])) return p;
        }
        return NONE;
    case LB_RANDOM: {
        uint32_t pick = rng_below(&n->rng, up);
        if (up == count) return pick;
        for (uint32_t k = 0; k < count; k++)
            if (target_up(e, list[k]) && pick-- == 0) return k;
        return NONE;
    }
    case LB_LEAST_OUTSTANDING: {
        /* Ties go round robin so equal targets share the load. */
        uint32_t best = NONE, off = n->rr++;
        if (count == 1) return 0; /* up, and the only one */
        for (uint32_t k = 0, p = off % count; k < count; k++, p = p + 1 == count ? 0 : p + 1) {
            if (!target_up(e, list[p])) continue;
            if (best == NONE || outstanding(e, list[p]) < outstanding(e, list[best])) best = p;
        }
        return best;
    }
    case LB_POWER_OF_TWO: {
        uint32_t a = NONE, b = NONE, pa = rng_below(&n->rng, up), pb = up > 1 ? rng_below(&n->rng, up - 1) : 0;
        if (up > 1 && pb >= pa) pb++;
        if (up == count) {
            a = pa;
            b = up > 1 ? pb : NONE;
        }
        for (uint32_t k = 0, i = 0; up < count && k < count; k++) {
            if (!target_up(e, list[k])) continue;
            if (i == pa) a = k;
            if (i == pb) b = k;
            i++;
        }
        if (up == 1 || b == NONE) return a;
        return outstanding(e, list[b]) < outstanding(e, list[a]) ? b : a;
    }
    default: return NONE;
    }
}

/* Cache and CDN: writes are stored locally (no miss call); reads hit with hit_ratio. */
bool rules_cache_hit(Engine *e, RNode *n, const Job *j)
{
    if (e->types[j->type].op == OP_WRITE) return true;
    n->reads++;
    bool hit = rng_uniform(&n->rng) < n->hit_ratio;
    n->hits += hit;
    return hit;
}
