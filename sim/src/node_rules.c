/*
 * node_rules.c - how node kinds differ: which station of a database serves a
 * request, which target a load balancer picks, whether a cache hits. Everything
 * else about a node (queueing, slots, calls) is the same for every kind and lives
 * in engine.c.
 */
#include "engine_internal.h"

static bool station_up(const Station *s) { return s->alive > 0; }

static bool node_up(const RNode *n) { return n->n_up > 0; }

/* Database: shard by hot-shard skew or uniformly, then the primary for writes and
 * a live replica (else the primary) for reads. Returns NONE when the needed server
 * is down. Other kinds have one station. */
uint32_t rules_pick_station(Engine *e, RNode *n, const Job *j)
{
    if (n->kind != NODE_DATABASE) return station_up(&n->st[0]) ? 0 : NONE;
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
    if (!write && replicas > 0) {
        uint32_t first = rng_below(&n->rng, (uint32_t)replicas);
        for (int k = 0; k < replicas; k++) {
            uint32_t s = base + 1 + (first + (uint32_t)k) % (uint32_t)replicas;
            if (station_up(&n->st[s])) return s;
        }
    }
    return station_up(&n->st[base]) ? base : NONE;
}

static int outstanding(const Engine *e, uint32_t edge) { return e->edges[edge].outstanding; }

static bool target_up(const Engine *e, uint32_t edge)
{
    return node_up(&e->nodes[e->edges[edge].to]);
}

/* Load balancer: position in the job's edge list of the one target to call, or NONE
 * when every target is down. */
uint32_t rules_pick_lb_edge(Engine *e, RNode *n, const Job *j)
{
    uint32_t at = j->node * (uint32_t)e->n_types + j->type;
    uint32_t start = e->elist_start[at], count = e->elist_start[at + 1] - start;
    const uint32_t *list = &e->elist[start];
    if (count == 0) return NONE;
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
        for (uint32_t k = 0; k < count; k++) {
            uint32_t p = (off + k) % count;
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
