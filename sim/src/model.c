/*
 * model.c - the diagram model: creation, copies, per-kind defaults, lookups.
 *
 * The defaults here are the documented defaults of docs/format.md; where a number
 * comes from ../shared/SCENARIOS.md the comment names its source key.
 */
#include "sim/model.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dist.h"
#include "sim/util.h"

static const char *const kind_names[] = {"client", "load_balancer", "service", "cache", "cdn",
                                         "queue", "database", "object_store", "external_api"};
static const char *const dist_names[] = {"constant", "exponential", "uniform", "lognormal",
                                         "pareto"};
static const char *const io_names[] = {"blocking", "async"};
static const char *const calls_names[] = {"sequential", "parallel"};
static const char *const policy_names[] = {"round_robin", "random", "least_outstanding",
                                           "power_of_two"};
static const char *const mode_names[] = {"sync", "async"};
static const char *const arrival_names[] = {"poisson", "constant"};
static const char *const op_names[] = {"read", "write"};
static const char *const metric_names[] = {
    "p50_ms",     "p90_ms",         "p95_ms",       "p99_ms",      "p999_ms",
    "mean_ms",    "max_ms",         "error_rate",   "throughput_rps",
    "async_p99_ms", "cost_per_month_usd", "stale_read_rate", "max_lag_messages", "max_lag_s", "hit_ratio"};
static const char *const write_policy_names[] = {"local", "write_through", "write_around",
                                                 "write_back"};
static const char *const action_names[] = {"fail", "surge", "slow"};
static const char *const role_names[] = {"any", "primary", "replica"};
static const char *const failover_writes_names[] = {"fail", "wait"};
static const char *const unit_names[] = {"rps", "per_s", "bytes", "bytes_per_s", "count"};
static const char *const scale_metric_names[] = {"utilisation", "inflight", "rate_rps"};

#define NAME_OF(table, v, count) ((unsigned)(v) < (unsigned)(count) ? table[v] : "?")

const char *node_kind_name(NodeKind k) { return NAME_OF(kind_names, k, NODE_KIND_COUNT); }
const char *dist_kind_name(DistKind k) { return NAME_OF(dist_names, k, DIST_KIND_COUNT); }
const char *io_name(IoModel v) { return NAME_OF(io_names, v, IO_COUNT); }
const char *calls_name(CallMode v) { return NAME_OF(calls_names, v, CALLS_COUNT); }
const char *lb_policy_name(LbPolicy v) { return NAME_OF(policy_names, v, LB_POLICY_COUNT); }
const char *edge_mode_name(EdgeMode v) { return NAME_OF(mode_names, v, EDGE_MODE_COUNT); }
const char *arrival_name(Arrival v) { return NAME_OF(arrival_names, v, ARRIVAL_COUNT); }
const char *op_name(Op v) { return NAME_OF(op_names, v, OP_COUNT); }
const char *metric_name(Metric v) { return NAME_OF(metric_names, v, METRIC_COUNT); }
const char *write_policy_name(WritePolicy v)
{
    return NAME_OF(write_policy_names, v, WRITE_POLICY_COUNT);
}
const char *fail_role_name(FailRole v) { return NAME_OF(role_names, v, ROLE_COUNT); }
const char *failover_writes_name(FailoverWrites v)
{
    return NAME_OF(failover_writes_names, v, FAILOVER_WRITES_COUNT);
}
const char *scale_metric_name(ScaleMetric v)
{
    return NAME_OF(scale_metric_names, v, SCALE_METRIC_COUNT);
}
const char *envelope_unit_name(EnvelopeUnit v)
{
    return NAME_OF(unit_names, v, ENV_UNIT_KIND_COUNT);
}

const char *event_action_name(EventAction v)
{
    return NAME_OF(action_names, v, EVENT_ACTION_COUNT);
}

static int index_of(const char *const *names, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0) return i;
    return -1;
}

int node_kind_from_name(const char *s) { return index_of(kind_names, NODE_KIND_COUNT, s); }
int dist_kind_from_name(const char *s) { return index_of(dist_names, DIST_KIND_COUNT, s); }

Dist dist_const(double v)
{
    Dist d = {.kind = DIST_CONSTANT, .mean = v};
    return d;
}

static Dist dist_lognormal(double mean, double p99)
{
    Dist d = {.kind = DIST_LOGNORMAL, .mean = mean, .p99 = p99};
    return d;
}

static Dist dist_exp(double mean)
{
    Dist d = {.kind = DIST_EXPONENTIAL, .mean = mean};
    return d;
}

bool dist_equal(const Dist *a, const Dist *b)
{
    return a->kind == b->kind && a->mean == b->mean && a->p99 == b->p99 && a->min == b->min &&
           a->max == b->max && a->alpha == b->alpha && a->cap == b->cap;
}


bool node_key_model(const Node *n)
{
    return node_kind_caches(n->kind) && (n->capacity_keys > 0 || n->capacity_mb > 0 || n->ttl_s > 0);
}

int64_t node_cache_capacity(const Node *n)
{
    if (!node_key_model(n)) return 0;
    if (n->capacity_keys > 0) return n->capacity_keys;
    if (!(n->capacity_mb > 0)) return 0;
    double kb = n->entry_kb > 0 ? n->entry_kb : 1;
    double c = floor(n->capacity_mb * 1000.0 / kb); /* MB = 1000 KB, as payloads count */
    if (!(c >= 1)) return 1;
    return c > 4e9 ? (int64_t)4e9 : (int64_t)c;
}

bool node_cache_extended(const Node *n)
{
    return node_kind_caches(n->kind) &&
           (node_key_model(n) || n->write_policy != WRITE_LOCAL || n->coalesce);
}

bool model_has_cache_model(const Model *m)
{
    for (int i = 0; i < m->n_nodes; i++)
        if (node_cache_extended(&m->nodes[i])) return true;
    return false;
}

static double mean_nonneg(double v) { return isfinite(v) && v > 0 ? v : 0; }
static double mean_unit(double v) { return v > 1 ? 1 : mean_nonneg(v); }

double edge_mean_items(const Edge *e)
{
    return mean_unit(e->probability) * mean_nonneg(dist_drawn_mean(&e->fanout));
}

double edge_mean_calls(const Edge *e)
{
    if (e->batch <= 1) return edge_mean_items(e);
    double calls = mean_nonneg(dist_batch_calls(&e->fanout, e->batch));
    double items = mean_nonneg(dist_drawn_mean(&e->fanout));
    return mean_unit(e->probability) * (calls < items ? calls : items);
}

double dist_mean(const Dist *d)
{
    switch (d->kind) {
    case DIST_UNIFORM: return (d->min + d->max) / 2;
    default: return d->mean;
    }
}

void node_defaults(NodeKind kind, Node *n)
{
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->instances = 1;
    n->workers = 8;
    n->queue_max = 10000;
    n->service_ms = dist_lognormal(10, 50);
    n->io = IO_BLOCKING;
    n->max_inflight = 1000;
    n->calls = CALLS_SEQUENTIAL;
    n->policy = LB_ROUND_ROBIN;
    n->shards = 1;
    n->pool = 20;
    n->max_depth = 100000;
    n->max_attempts = 1;
    n->entry_kb = 1;           /* a small object (a row, a session) [E] */
    n->flush_interval_s = 1;   /* [E] */
    n->flush_batch = 100;      /* keys per batched store write [E] */
    /* autoscaling (off until present): HPA's defaults where it has one [K8S-HPA] */
    n->autoscale.metric = SCALE_UTILISATION;
    n->autoscale.target = 0.6;              /* 60% busy [E] */
    n->autoscale.min_instances = 1;
    n->autoscale.max_instances = 10;        /* [E] */
    n->autoscale.interval_s = 15;           /* HPA sync period [K8S-HPA] */
    n->autoscale.scale_out_cooldown_s = 0;  /* HPA: no scale-up stabilisation [K8S-HPA] */
    n->autoscale.scale_in_cooldown_s = 300; /* HPA scale-down stabilisation [K8S-HPA] */
    n->autoscale.boot_s = 60;               /* a VM booting and warming up [E] */
    switch (kind) {
    case NODE_CLIENT:
        n->service_ms = dist_const(0);
        n->workers = 1;
        break;
    case NODE_LOAD_BALANCER:
        /* One NGINX core: 74k req/s [NGINX] -> 0.0135 ms per request per core. */
        n->instances = 2;
        n->workers = 4;
        n->io = IO_ASYNC;
        n->max_inflight = 100000;
        n->service_ms = dist_const(0.0135);
        n->policy = LB_ROUND_ROBIN;
        n->cost_per_hour_usd = 0.0225; /* ALB hour, LCUs not modelled [SCENARIOS 3] */
        break;
    case NODE_SERVICE:
        n->instances = 2;
        n->cost_per_hour_usd = 0.096; /* m5.large [SCENARIOS 3] */
        break;
    case NODE_CACHE:
        /* Redis: ~100k ops/s per core unpipelined [E, REDIS-FAQ]. */
        n->workers = 1;
        n->io = IO_ASYNC;
        n->service_ms = dist_exp(0.01);
        n->hit_ratio = 0.9;
        n->cost_per_hour_usd = 0.206; /* cache.r6g.large [SCENARIOS 3] */
        break;
    case NODE_CDN:
        n->workers = 100000;
        n->io = IO_ASYNC;
        n->max_inflight = 1000000;
        n->service_ms = dist_const(1);
        n->hit_ratio = 0.95;
        break;
    case NODE_QUEUE:
        /* Kafka produce with acks=all: 2-5 ms in one AZ [D from KREPS, CONFLUENT]. */
        n->instances = 3;
        n->workers = 8;
        n->io = IO_ASYNC;
        n->service_ms = dist_lognormal(2, 5);
        n->cost_per_hour_usd = 0.21; /* MSK kafka.m5.large broker [SCENARIOS 3] */
        break;
    case NODE_DATABASE:
        /* Postgres: pool of 20 (PgBouncer default_pool_size) [PGBOUNCER];
         * ~9k simple reads/s per core [D from VONDRA]: 2 ms per query per connection. */
        n->workers = 20;
        n->service_ms = dist_exp(2);
        n->cost_per_hour_usd = 0.225; /* RDS db.r6g.large single-AZ [SCENARIOS 3] */
        break;
    case NODE_OBJECT_STORE:
        /* S3 GET first byte: median tens of ms [S3-PERF]. */
        n->workers = 100000;
        n->io = IO_ASYNC;
        n->max_inflight = 1000000;
        n->service_ms = dist_lognormal(30, 200);
        break;
    case NODE_EXTERNAL_API:
        n->workers = 1000;
        n->io = IO_ASYNC;
        n->max_inflight = 100000;
        n->service_ms = dist_lognormal(100, 500);
        break;
    default: break;
    }
    if (kind == NODE_DATABASE) n->pool = n->workers;
}

void edge_defaults(Edge *e)
{
    memset(e, 0, sizeof *e);
    e->latency_ms = 0.25; /* half a same-datacenter round trip of 0.5 ms [DEAN] */
    e->probability = 1;
    e->fanout = dist_const(1);
    e->mode = EDGE_SYNC;
    e->backoff_ms = 10;
    e->backoff_max_ms = 1000;
    e->batch = 1;
    e->breaker.failure_ratio = 0.5;
    e->breaker.min_calls = 20;
    e->breaker.window_s = 10;
    e->breaker.open_s = 5;
}

void request_defaults(RequestType *r)
{
    memset(r, 0, sizeof *r);
    r->op = OP_READ;
    r->arrival = ARRIVAL_POISSON;
    r->think_ms = dist_exp(1000);
    /* Zipf-like popularity: web request streams measured 0.64 to 0.83 (Breslau et al.,
     * INFOCOM 1999); 0.8 is an estimate in that range [E]. Used only with keys > 0. */
    r->key_zipf = 0.8;
}

void event_defaults(ScenarioEvent *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->action = EVENT_FAIL;
    ev->factor = 2;
}

Model *model_create(void)
{
    Model *m = xcalloc(1, sizeof *m);
    m->scenario.duration_s = 60;
    m->scenario.warmup_s = 5;
    m->scenario.seed = 1;
    /* one way: half the round trips of SCENARIOS.md section 2 */
    m->scenario.zone_latency_ms = 0.1;         /* same-AZ RTT 0.1-0.3 ms [E] */
    m->scenario.cross_zone_latency_ms = 0.5;   /* cross-AZ RTT 0.5-1.5 ms [FLASHGRID] */
    m->scenario.cross_region_latency_ms = 40;  /* eu-west-1 - ca-central-1 RTT ~79 ms [REGION] */
    return m;
}

void node_free(Node *n)
{
    free(n->id);
    free(n->label);
    free(n->label_tr);
    free(n->meta_json);
    free(n->dead_letter);
    free(n->zone);
    for (int i = 0; i < n->n_zones; i++) free(n->zones[i]);
    free(n->zones);
    n->id = n->label = n->label_tr = n->meta_json = n->dead_letter = n->zone = NULL;
    n->zones = NULL;
    n->n_zones = 0;
}

static char **strlist_copy(char *const *src, int n);

void node_copy(Node *dst, const Node *src)
{
    *dst = *src;
    dst->id = xstrdup(src->id);
    dst->label = xstrdup(src->label);
    dst->label_tr = xstrdup(src->label_tr);
    dst->meta_json = xstrdup(src->meta_json);
    dst->dead_letter = xstrdup(src->dead_letter);
    dst->zone = xstrdup(src->zone);
    dst->zones = strlist_copy(src->zones, src->n_zones);
}

static char **strlist_copy(char *const *src, int n)
{
    if (n <= 0) return NULL;
    char **d = xmalloc((size_t)n * sizeof *d);
    for (int i = 0; i < n; i++) d[i] = xstrdup(src[i]);
    return d;
}

void edge_free(Edge *e)
{
    free(e->id);
    free(e->from);
    free(e->to);
    free(e->label);
    free(e->label_tr);
    free(e->meta_json);
    for (int i = 0; i < e->n_requests; i++) free(e->requests[i]);
    free(e->requests);
    e->requests = NULL;
    e->n_requests = 0;
    e->id = e->from = e->to = e->label = e->label_tr = e->meta_json = NULL;
}

void edge_copy(Edge *dst, const Edge *src)
{
    *dst = *src;
    dst->id = xstrdup(src->id);
    dst->from = xstrdup(src->from);
    dst->to = xstrdup(src->to);
    dst->label = xstrdup(src->label);
    dst->label_tr = xstrdup(src->label_tr);
    dst->meta_json = xstrdup(src->meta_json);
    dst->requests = strlist_copy(src->requests, src->n_requests);
}

void envelope_text_free(EnvelopeText *e)
{
    free(e->label);
    free(e->note);
    for (int i = 0; i < e->n_factors; i++) free(e->factors[i]);
    free(e->factors);
    memset(e, 0, sizeof *e);
}

void envelope_text_copy(EnvelopeText *dst, const EnvelopeText *src)
{
    *dst = *src;
    dst->label = xstrdup(src->label);
    dst->note = xstrdup(src->note);
    dst->factors = strlist_copy(src->factors, src->n_factors);
}

void translation_free(Translation *t)
{
    free(t->lang);
    free(t->title);
    free(t->prompt);
    for (int i = 0; i < t->n_hints; i++) free(t->hints[i]);
    free(t->hints);
    for (int i = 0; i < t->n_requirements; i++) free(t->requirements[i]);
    free(t->requirements);
    for (int i = 0; i < t->n_events; i++) free(t->events[i]);
    free(t->events);
    for (int i = 0; i < t->n_labels; i++) {
        free(t->labels_en[i]);
        free(t->labels[i]);
    }
    free(t->labels_en);
    free(t->labels);
    for (int i = 0; i < t->n_envelope; i++) envelope_text_free(&t->envelope[i]);
    free(t->envelope);
    memset(t, 0, sizeof *t);
}

void translation_copy(Translation *dst, const Translation *src)
{
    *dst = *src;
    dst->lang = xstrdup(src->lang);
    dst->title = xstrdup(src->title);
    dst->prompt = xstrdup(src->prompt);
    dst->hints = strlist_copy(src->hints, src->n_hints);
    dst->requirements = strlist_copy(src->requirements, src->n_requirements);
    dst->events = strlist_copy(src->events, src->n_events);
    dst->labels_en = strlist_copy(src->labels_en, src->n_labels);
    dst->labels = strlist_copy(src->labels, src->n_labels);
    dst->envelope =
        src->n_envelope ? xmalloc((size_t)src->n_envelope * sizeof *dst->envelope) : NULL;
    for (int i = 0; i < src->n_envelope; i++)
        envelope_text_copy(&dst->envelope[i], &src->envelope[i]);
}

void envelope_item_free(EnvelopeItem *it)
{
    free(it->id);
    free(it->label);
    free(it->note);
    for (int i = 0; i < it->n_factors; i++) free(it->factors[i].label);
    free(it->factors);
    memset(it, 0, sizeof *it);
}

void envelope_item_copy(EnvelopeItem *dst, const EnvelopeItem *src)
{
    *dst = *src;
    dst->id = xstrdup(src->id);
    dst->label = xstrdup(src->label);
    dst->note = xstrdup(src->note);
    dst->factors = src->n_factors ? xmalloc((size_t)src->n_factors * sizeof *dst->factors) : NULL;
    for (int i = 0; i < src->n_factors; i++) {
        dst->factors[i] = src->factors[i];
        dst->factors[i].label = xstrdup(src->factors[i].label);
    }
}

double scenario_surge_factor(const Scenario *s, const char *request, double t_s)
{
    double f = 1.0;
    for (int i = 0; i < s->n_events; i++) {
        const ScenarioEvent *ev = &s->events[i];
        if (ev->action != EVENT_SURGE || t_s < ev->at_s) continue;
        if (ev->for_s > 0 && !(t_s < ev->at_s + ev->for_s)) continue;
        if (ev->request && (!request || strcmp(ev->request, request) != 0)) continue;
        f *= ev->factor;
    }
    return f;
}

static void request_copy(RequestType *d, const RequestType *s)
{
    *d = *s;
    d->name = xstrdup(s->name);
    d->client = xstrdup(s->client);
    d->meta_json = xstrdup(s->meta_json);
}

static void requirement_copy(Requirement *d, const Requirement *s)
{
    *d = *s;
    d->request = xstrdup(s->request);
    d->label = xstrdup(s->label);
}

static void event_copy(ScenarioEvent *d, const ScenarioEvent *s)
{
    *d = *s;
    d->node = xstrdup(s->node);
    d->request = xstrdup(s->request);
    d->label = xstrdup(s->label);
    d->zone = xstrdup(s->zone);
    d->region = xstrdup(s->region);
}

void model_destroy(Model *m)
{
    if (!m) return;
    for (int i = 0; i < m->n_nodes; i++) node_free(&m->nodes[i]);
    for (int i = 0; i < m->n_edges; i++) edge_free(&m->edges[i]);
    free(m->nodes);
    free(m->edges);
    Scenario *s = &m->scenario;
    for (int i = 0; i < s->n_requests; i++) {
        free(s->requests[i].name);
        free(s->requests[i].client);
        free(s->requests[i].meta_json);
    }
    for (int i = 0; i < s->n_requirements; i++) {
        free(s->requirements[i].request);
        free(s->requirements[i].label);
    }
    for (int i = 0; i < s->n_events; i++) {
        free(s->events[i].node);
        free(s->events[i].request);
        free(s->events[i].label);
        free(s->events[i].zone);
        free(s->events[i].region);
    }
    for (int i = 0; i < s->n_zones; i++) {
        free(s->zones[i].id);
        free(s->zones[i].region);
    }
    for (int i = 0; i < s->n_region_latency; i++) {
        free(s->region_latency[i].from);
        free(s->region_latency[i].to);
    }
    free(s->zones);
    free(s->region_latency);
    for (int i = 0; i < s->n_hints; i++) free(s->hints[i]);
    for (int i = 0; i < s->n_translations; i++) translation_free(&s->translations[i]);
    for (int i = 0; i < s->n_envelope; i++) envelope_item_free(&s->envelope[i]);
    free(s->envelope);
    free(s->hints);
    free(s->translations);
    free(s->requests);
    free(s->requirements);
    free(s->events);
    free(s->prompt);
    free(m->title);
    free(m->meta_json);
    free(m);
}

Model *model_clone(const Model *src)
{
    Model *m = xcalloc(1, sizeof *m);
    m->title = xstrdup(src->title);
    m->meta_json = xstrdup(src->meta_json);
    m->scenario = src->scenario;
    Scenario *s = &m->scenario;
    const Scenario *t = &src->scenario;
    s->prompt = xstrdup(t->prompt);
    s->hints = strlist_copy(t->hints, t->n_hints);
    s->translations =
        t->n_translations ? xmalloc((size_t)t->n_translations * sizeof *s->translations) : NULL;
    for (int i = 0; i < t->n_translations; i++)
        translation_copy(&s->translations[i], &t->translations[i]);
    s->requests = t->n_requests ? xmalloc((size_t)t->n_requests * sizeof *s->requests) : NULL;
    for (int i = 0; i < t->n_requests; i++) request_copy(&s->requests[i], &t->requests[i]);
    s->requirements =
        t->n_requirements ? xmalloc((size_t)t->n_requirements * sizeof *s->requirements) : NULL;
    for (int i = 0; i < t->n_requirements; i++)
        requirement_copy(&s->requirements[i], &t->requirements[i]);
    s->events = t->n_events ? xmalloc((size_t)t->n_events * sizeof *s->events) : NULL;
    for (int i = 0; i < t->n_events; i++) event_copy(&s->events[i], &t->events[i]);
    s->envelope = t->n_envelope ? xmalloc((size_t)t->n_envelope * sizeof *s->envelope) : NULL;
    for (int i = 0; i < t->n_envelope; i++) envelope_item_copy(&s->envelope[i], &t->envelope[i]);
    s->zones = t->n_zones ? xmalloc((size_t)t->n_zones * sizeof *s->zones) : NULL;
    for (int i = 0; i < t->n_zones; i++) {
        s->zones[i].id = xstrdup(t->zones[i].id);
        s->zones[i].region = xstrdup(t->zones[i].region);
    }
    s->region_latency = t->n_region_latency ? xmalloc((size_t)t->n_region_latency * sizeof *s->region_latency) : NULL;
    for (int i = 0; i < t->n_region_latency; i++) {
        s->region_latency[i] = t->region_latency[i];
        s->region_latency[i].from = xstrdup(t->region_latency[i].from);
        s->region_latency[i].to = xstrdup(t->region_latency[i].to);
    }
    m->nodes = src->n_nodes ? xmalloc((size_t)src->n_nodes * sizeof *m->nodes) : NULL;
    m->n_nodes = src->n_nodes;
    for (int i = 0; i < src->n_nodes; i++) node_copy(&m->nodes[i], &src->nodes[i]);
    m->edges = src->n_edges ? xmalloc((size_t)src->n_edges * sizeof *m->edges) : NULL;
    m->n_edges = src->n_edges;
    for (int i = 0; i < src->n_edges; i++) edge_copy(&m->edges[i], &src->edges[i]);
    return m;
}

static bool str_eq(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static bool strlist_equal(char *const *a, int n, char *const *b, int m);

static bool autoscale_equal(const Autoscale *x, const Autoscale *y)
{
    return x->enabled == y->enabled && x->metric == y->metric && x->target == y->target &&
           x->min_instances == y->min_instances && x->max_instances == y->max_instances &&
           x->interval_s == y->interval_s && x->scale_out_cooldown_s == y->scale_out_cooldown_s &&
           x->scale_in_cooldown_s == y->scale_in_cooldown_s && x->boot_s == y->boot_s;
}

bool node_equal(const Node *a, const Node *b)
{
    return str_eq(a->id, b->id) && str_eq(a->label, b->label) && a->kind == b->kind &&
           a->x == b->x && a->y == b->y && a->instances == b->instances &&
           a->workers == b->workers && a->queue_max == b->queue_max &&
           dist_equal(&a->service_ms, &b->service_ms) && a->io == b->io &&
           a->max_inflight == b->max_inflight && a->calls == b->calls &&
           a->hit_ratio == b->hit_ratio && a->policy == b->policy &&
           a->read_replicas == b->read_replicas && a->shards == b->shards &&
           a->pool == b->pool && a->hot_shard == b->hot_shard && a->max_depth == b->max_depth &&
           a->partitions == b->partitions && a->hot_partition == b->hot_partition &&
           a->max_attempts == b->max_attempts &&
           a->visibility_timeout_s == b->visibility_timeout_s && a->retention_s == b->retention_s &&
           str_eq(a->dead_letter, b->dead_letter) &&
           a->timeout_ms == b->timeout_ms && a->rate_limit_rps == b->rate_limit_rps &&
           a->burst == b->burst && a->cost_per_hour_usd == b->cost_per_hour_usd &&
           dist_equal(&a->replication_lag_ms, &b->replication_lag_ms) &&
           a->read_your_writes_ms == b->read_your_writes_ms && a->failover_s == b->failover_s &&
           a->failover_writes == b->failover_writes &&
           a->capacity_keys == b->capacity_keys && a->capacity_mb == b->capacity_mb &&
           a->entry_kb == b->entry_kb && a->ttl_s == b->ttl_s &&
           a->write_policy == b->write_policy && a->flush_interval_s == b->flush_interval_s &&
           a->flush_batch == b->flush_batch && a->coalesce == b->coalesce &&
           autoscale_equal(&a->autoscale, &b->autoscale) && str_eq(a->zone, b->zone) &&
           strlist_equal(a->zones, a->n_zones, b->zones, b->n_zones) &&
           a->prefer_zone == b->prefer_zone && a->detect_s == b->detect_s &&
           str_eq(a->meta_json, b->meta_json);
}

bool edge_equal(const Edge *a, const Edge *b)
{
    if (a->n_requests != b->n_requests) return false;
    for (int i = 0; i < a->n_requests; i++)
        if (!str_eq(a->requests[i], b->requests[i])) return false;
    const CircuitBreaker *x = &a->breaker, *y = &b->breaker;
    return str_eq(a->id, b->id) && str_eq(a->from, b->from) && str_eq(a->to, b->to) &&
           str_eq(a->label, b->label) && a->latency_ms == b->latency_ms &&
           a->probability == b->probability && dist_equal(&a->fanout, &b->fanout) &&
           a->mode == b->mode && a->timeout_ms == b->timeout_ms && a->retries == b->retries &&
           a->backoff_ms == b->backoff_ms && a->backoff_max_ms == b->backoff_max_ms &&
           a->retry_budget == b->retry_budget && x->enabled == y->enabled &&
           x->failure_ratio == y->failure_ratio && x->min_calls == y->min_calls &&
           x->window_s == y->window_s && x->open_s == y->open_s &&
           a->request_kb == b->request_kb && a->response_kb == b->response_kb &&
           a->bandwidth_mbps == b->bandwidth_mbps && a->batch == b->batch &&
           a->batch_item_ms == b->batch_item_ms && str_eq(a->meta_json, b->meta_json);
}

static bool strlist_equal(char *const *a, int n, char *const *b, int m)
{
    if (n != m) return false;
    for (int i = 0; i < n; i++)
        if (!str_eq(a[i], b[i])) return false;
    return true;
}

bool scenario_equal(const Scenario *s, const Scenario *t)
{
    if (!str_eq(s->prompt, t->prompt) || s->duration_s != t->duration_s ||
        s->warmup_s != t->warmup_s || s->seed != t->seed || s->n_requests != t->n_requests ||
        s->n_requirements != t->n_requirements || s->n_events != t->n_events ||
        !strlist_equal(s->hints, s->n_hints, t->hints, t->n_hints) ||
        s->n_translations != t->n_translations || s->n_envelope != t->n_envelope)
        return false;
    for (int i = 0; i < s->n_envelope; i++) {
        const EnvelopeItem *x = &s->envelope[i], *y = &t->envelope[i];
        if (!str_eq(x->id, y->id) || !str_eq(x->label, y->label) || x->unit != y->unit ||
            !str_eq(x->note, y->note) || x->n_factors != y->n_factors)
            return false;
        for (int k = 0; k < x->n_factors; k++)
            if (x->factors[k].value != y->factors[k].value ||
                x->factors[k].divide != y->factors[k].divide ||
                !str_eq(x->factors[k].label, y->factors[k].label))
                return false;
    }
    for (int i = 0; i < s->n_translations; i++) {
        const Translation *x = &s->translations[i], *y = &t->translations[i];
        if (!str_eq(x->lang, y->lang) || !str_eq(x->title, y->title) ||
            !str_eq(x->prompt, y->prompt) ||
            !strlist_equal(x->hints, x->n_hints, y->hints, y->n_hints) ||
            !strlist_equal(x->requirements, x->n_requirements, y->requirements, y->n_requirements) ||
            !strlist_equal(x->events, x->n_events, y->events, y->n_events) ||
            !strlist_equal(x->labels_en, x->n_labels, y->labels_en, y->n_labels) ||
            !strlist_equal(x->labels, x->n_labels, y->labels, y->n_labels) || x->n_envelope != y->n_envelope)
            return false;
        for (int k = 0; k < x->n_envelope; k++) {
            const EnvelopeText *a = &x->envelope[k], *b = &y->envelope[k];
            if (!str_eq(a->label, b->label) || !str_eq(a->note, b->note) ||
                !strlist_equal(a->factors, a->n_factors, b->factors, b->n_factors))
                return false;
        }
    }
    for (int i = 0; i < s->n_requests; i++) {
        const RequestType *x = &s->requests[i], *y = &t->requests[i];
        if (!str_eq(x->name, y->name) || !str_eq(x->client, y->client) || x->op != y->op ||
            x->arrival != y->arrival || x->rate_rps != y->rate_rps || x->users != y->users ||
            !dist_equal(&x->think_ms, &y->think_ms) || x->sessions != y->sessions ||
            x->keys != y->keys ||
            x->key_zipf != y->key_zipf || x->key_space != y->key_space || !str_eq(x->meta_json, y->meta_json))
            return false;
    }
    for (int i = 0; i < s->n_requirements; i++) {
        const Requirement *x = &s->requirements[i], *y = &t->requirements[i];
        if (x->metric != y->metric || !str_eq(x->request, y->request) ||
            x->has_max != y->has_max || x->has_min != y->has_min ||
            (x->has_max && x->max != y->max) || (x->has_min && x->min != y->min) ||
            !str_eq(x->label, y->label))
            return false;
    }
    for (int i = 0; i < s->n_events; i++) {
        const ScenarioEvent *x = &s->events[i], *y = &t->events[i];
        if (x->at_s != y->at_s || x->action != y->action || !str_eq(x->node, y->node) ||
            x->instances != y->instances || x->role != y->role || x->for_s != y->for_s ||
            !str_eq(x->request, y->request) || x->factor != y->factor ||
            !str_eq(x->label, y->label) || !str_eq(x->zone, y->zone) || !str_eq(x->region, y->region))
            return false;
    }
    if (s->n_zones != t->n_zones || s->n_region_latency != t->n_region_latency ||
        s->zone_latency_ms != t->zone_latency_ms || s->cross_zone_latency_ms != t->cross_zone_latency_ms ||
        s->cross_region_latency_ms != t->cross_region_latency_ms)
        return false;
    for (int i = 0; i < s->n_zones; i++)
        if (!str_eq(s->zones[i].id, t->zones[i].id) || !str_eq(s->zones[i].region, t->zones[i].region))
            return false;
    for (int i = 0; i < s->n_region_latency; i++) {
        const RegionLatency *x = &s->region_latency[i], *y = &t->region_latency[i];
        if (!str_eq(x->from, y->from) || !str_eq(x->to, y->to) || x->latency_ms != y->latency_ms) return false;
    }
    return true;
}

bool model_equal(const Model *a, const Model *b)
{
    if (!str_eq(a->title, b->title) || !str_eq(a->meta_json, b->meta_json) ||
        !scenario_equal(&a->scenario, &b->scenario) || a->n_nodes != b->n_nodes ||
        a->n_edges != b->n_edges)
        return false;
    for (int i = 0; i < a->n_nodes; i++)
        if (!node_equal(&a->nodes[i], &b->nodes[i])) return false;
    for (int i = 0; i < a->n_edges; i++)
        if (!edge_equal(&a->edges[i], &b->edges[i])) return false;
    return true;
}

const Translation *scenario_translation(const Scenario *s, const char *lang)
{
    if (!lang) return NULL;
    for (int i = 0; i < s->n_translations; i++)
        if (str_eq(s->translations[i].lang, lang)) return &s->translations[i];
    return NULL;
}

/* The translated words of envelope quantity i, or NULL when `lang` has none. */
static const EnvelopeText *envelope_text_in(const Scenario *s, int i, const char *lang)
{
    const Translation *t = scenario_translation(s, lang);
    return t && i >= 0 && i < t->n_envelope ? &t->envelope[i] : NULL;
}

const char *scenario_envelope_label_in(const Scenario *s, int i, const char *lang)
{
    const EnvelopeText *e = envelope_text_in(s, i, lang);
    return e && e->label ? e->label : s->envelope[i].label;
}

const char *scenario_envelope_note_in(const Scenario *s, int i, const char *lang)
{
    const EnvelopeText *e = envelope_text_in(s, i, lang);
    return e && e->note ? e->note : s->envelope[i].note;
}

const char *scenario_envelope_factor_in(const Scenario *s, int i, int k, const char *lang)
{
    const EnvelopeText *e = envelope_text_in(s, i, lang);
    return e && k < e->n_factors ? e->factors[k] : s->envelope[i].factors[k].label;
}

const char *scenario_title_in(const Model *m, const char *lang)
{
    const Translation *t = scenario_translation(&m->scenario, lang);
    return t && t->title ? t->title : m->title;
}

const char *scenario_prompt_in(const Model *m, const char *lang)
{
    const Translation *t = scenario_translation(&m->scenario, lang);
    return t && t->prompt ? t->prompt : m->scenario.prompt;
}

/* A label from the translation's list when it has a non-empty one there, else the English. */
static const char *label_in(const char *english, char *const *translated, int n, int k)
{
    if (!english || !*english) return NULL;
    return k < n && translated[k] && *translated[k] ? translated[k] : english;
}

const char *scenario_requirement_label_in(const Scenario *s, int k, const char *lang)
{
    if (k < 0 || k >= s->n_requirements) return NULL;
    const Translation *t = scenario_translation(s, lang);
    return label_in(s->requirements[k].label, t ? t->requirements : NULL, t ? t->n_requirements : 0, k);
}

const char *scenario_event_label_in(const Scenario *s, int k, const char *lang)
{
    if (k < 0 || k >= s->n_events) return NULL;
    const Translation *t = scenario_translation(s, lang);
    return label_in(s->events[k].label, t ? t->events : NULL, t ? t->n_events : 0, k);
}

const char *scenario_label_in(const Scenario *s, const char *label, const char *lang)
{
    const Translation *t = label && *label ? scenario_translation(s, lang) : NULL;
    for (int k = 0; t && k < t->n_labels; k++)
        if (strcmp(t->labels_en[k], label) == 0) return t->labels[k];
    return NULL;
}

static void set_label_tr(char **slot, const Scenario *s, const char *label, const char *lang)
{
    const char *tr = scenario_label_in(s, label, lang);
    if (tr == *slot || (tr && *slot && strcmp(tr, *slot) == 0)) return;
    free(*slot);
    *slot = xstrdup(tr);
}

void model_localize(Model *m, const char *lang)
{
    for (int i = 0; i < m->n_nodes; i++) set_label_tr(&m->nodes[i].label_tr, &m->scenario, m->nodes[i].label, lang);
    for (int i = 0; i < m->n_edges; i++) set_label_tr(&m->edges[i].label_tr, &m->scenario, m->edges[i].label, lang);
}

const char *node_label_shown(const Node *n)
{
    if (n->label_tr && *n->label_tr) return n->label_tr;
    if (n->label && *n->label) return n->label;
    return n->id ? n->id : "?";
}

const char *edge_label_shown(const Edge *e)
{
    if (e->label_tr && *e->label_tr) return e->label_tr;
    return e->label ? e->label : "";
}

const char *edge_name(const Model *m, const Edge *e, char *out, size_t cap)
{
    int a = model_find_node(m, e->from), b = model_find_node(m, e->to);
    snprintf(out, cap, "%s \xE2\x86\x92 %s", a >= 0 ? node_label_shown(&m->nodes[a]) : e->from ? e->from : "?",
             b >= 0 ? node_label_shown(&m->nodes[b]) : e->to ? e->to : "?");
    return out;
}

char *const *scenario_hints_in(const Model *m, const char *lang, int *n)
{
    const Translation *t = scenario_translation(&m->scenario, lang);
    if (t && t->n_hints > 0) {
        *n = t->n_hints;
        return t->hints;
    }
    *n = m->scenario.n_hints;
    return m->scenario.hints;
}

int model_add_node(Model *m, const Node *n)
{
    m->nodes = xrealloc(m->nodes, (size_t)(m->n_nodes + 1) * sizeof *m->nodes);
    node_copy(&m->nodes[m->n_nodes], n);
    return m->n_nodes++;
}

int model_add_edge(Model *m, const Edge *e)
{
    m->edges = xrealloc(m->edges, (size_t)(m->n_edges + 1) * sizeof *m->edges);
    edge_copy(&m->edges[m->n_edges], e);
    return m->n_edges++;
}

void model_remove_edge(Model *m, int i)
{
    if (i < 0 || i >= m->n_edges) return;
    edge_free(&m->edges[i]);
    memmove(&m->edges[i], &m->edges[i + 1], (size_t)(m->n_edges - i - 1) * sizeof *m->edges);
    m->n_edges--;
}

void model_remove_node(Model *m, int i)
{
    if (i < 0 || i >= m->n_nodes) return;
    const char *id = m->nodes[i].id;
    for (int k = m->n_edges - 1; k >= 0; k--)
        if (str_eq(m->edges[k].from, id) || str_eq(m->edges[k].to, id)) model_remove_edge(m, k);
    /* queues that dead-lettered into it discard instead, as its edges go with it */
    for (int k = 0; k < m->n_nodes; k++)
        if (k != i && str_eq(m->nodes[k].dead_letter, id)) {
            free(m->nodes[k].dead_letter);
            m->nodes[k].dead_letter = NULL;
        }
    node_free(&m->nodes[i]);
    memmove(&m->nodes[i], &m->nodes[i + 1], (size_t)(m->n_nodes - i - 1) * sizeof *m->nodes);
    m->n_nodes--;
}

int model_find_node(const Model *m, const char *id)
{
    for (int i = 0; id && i < m->n_nodes; i++)
        if (str_eq(m->nodes[i].id, id)) return i;
    return -1;
}

int model_find_request(const Model *m, const char *name)
{
    for (int i = 0; name && i < m->scenario.n_requests; i++)
        if (str_eq(m->scenario.requests[i].name, name)) return i;
    return -1;
}

int model_request_client(const Model *m, const RequestType *r)
{
    if (r->client) return model_find_node(m, r->client);
    for (int i = 0; i < m->n_nodes; i++)
        if (m->nodes[i].kind == NODE_CLIENT) return i;
    return -1;
}

bool edge_carries(const Edge *e, const char *name)
{
    if (e->n_requests == 0) return true;
    for (int i = 0; i < e->n_requests; i++)
        if (str_eq(e->requests[i], name)) return true;
    return false;
}

int node_servers(const Node *n)
{
    /* Any model, valid or not (an editor's): never overflows, never negative. */
    int64_t v = n->kind == NODE_DATABASE ? (int64_t)n->shards * (1 + (int64_t)n->read_replicas)
                                         : (int64_t)n->instances;
    return v < 0 ? 0 : v > INT_MAX ? INT_MAX : (int)v;
}

/* Does zone id `z` match the event's zone, or lie in its region? */
static bool zone_hit(const Model *m, const char *z, const char *zone, const char *region)
{
    if (!z) return false;
    if (zone) return strcmp(z, zone) == 0;
    int k = scenario_find_zone(&m->scenario, z);
    const char *r = k >= 0 ? scenario_zone_region(&m->scenario, k) : NULL;
    return region && r && strcmp(r, region) == 0;
}

int node_servers_in(const Model *m, const Node *n, const char *zone, const char *region)
{
    if (!zone && !region) return 0;
    if (n->zone) return zone_hit(m, n->zone, zone, region) ? node_servers(n) : 0;
    if (n->n_zones <= 0) return 0;
    int64_t hit = 0;
    if (n->kind == NODE_DATABASE) {
        for (int role = 0; role <= n->read_replicas; role++)
            if (zone_hit(m, n->zones[role % n->n_zones], zone, region)) hit += n->shards;
    } else {
        int per = n->instances / n->n_zones, extra = n->instances % n->n_zones;
        for (int k = 0; k < n->n_zones; k++)
            if (zone_hit(m, n->zones[k], zone, region)) hit += per + (k < extra ? 1 : 0);
    }
    return hit < 0 ? 0 : hit > INT_MAX ? INT_MAX : (int)hit;
}

static const char *name_as(const Node *n, const char *shown, NodeNaming how, char *out, size_t cap)
{
    const char *id = n->id ? n->id : "?";
    bool label = strcmp(shown, id) != 0;
    int len;
    if (!label)
        len = snprintf(out, cap, "%s", id);
    else if (how == NAMING_LABEL)
        len = snprintf(out, cap, "%s", shown);
    else
        len = snprintf(out, cap, "%s (%s)", shown, id);
    if (len >= 0 && (size_t)len >= cap && cap > 1) { /* cut: drop a partial UTF-8 character */
        size_t end = strlen(out), k = end - 1;
        while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80) k--;
        unsigned char c = (unsigned char)out[k];
        size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (k + need > end) out[k] = 0;
    }
    return out;
}

const char *node_name(const Node *n, NodeNaming how, char *out, size_t cap)
{
    return name_as(n, node_label_shown(n), how, out, cap);
}

const char *node_name_in(const Model *m, const Node *n, NodeNaming how, const char *lang, char *out, size_t cap)
{
    const char *tr = scenario_label_in(&m->scenario, n->label, lang);
    return name_as(n, tr ? tr : n->label && *n->label ? n->label : n->id ? n->id : "?", how, out, cap);
}

int scenario_find_zone(const Scenario *s, const char *id)
{
    if (!id) return -1;
    for (int i = 0; i < s->n_zones; i++)
        if (s->zones[i].id && strcmp(s->zones[i].id, id) == 0) return i;
    return -1;
}

const char *scenario_zone_region(const Scenario *s, int z)
{
    if (z < 0 || z >= s->n_zones) return NULL;
    return s->zones[z].region && *s->zones[z].region ? s->zones[z].region : s->zones[z].id;
}

double scenario_zone_latency_ms(const Scenario *s, int a, int b)
{
    if (a < 0 || b < 0) return 0;
    if (a == b) return s->zone_latency_ms;
    const char *ra = scenario_zone_region(s, a), *rb = scenario_zone_region(s, b);
    if (ra && rb && strcmp(ra, rb) == 0) return s->cross_zone_latency_ms;
    for (int i = 0; i < s->n_region_latency; i++) {
        const RegionLatency *l = &s->region_latency[i];
        if (!l->from || !l->to || !ra || !rb) continue;
        if ((strcmp(l->from, ra) == 0 && strcmp(l->to, rb) == 0) ||
            (strcmp(l->from, rb) == 0 && strcmp(l->to, ra) == 0))
            return l->latency_ms;
    }
    return s->cross_region_latency_ms;
}

/* The zones of node n as indices: its zone, or its zones (at most `cap`); the count. */
static int node_zone_list(const Scenario *s, const Node *n, int *out, int cap)
{
    if (n->zone) {
        out[0] = scenario_find_zone(s, n->zone);
        return out[0] >= 0;
    }
    int k = 0;
    for (int i = 0; i < n->n_zones && k < cap; i++) {
        int z = scenario_find_zone(s, n->zones[i]);
        if (z >= 0) out[k++] = z;
    }
    return k;
}

double model_edge_latency_ms(const Model *m, const Edge *e)
{
    const Scenario *s = &m->scenario;
    Edge def;
    edge_defaults(&def);
    if (s->n_zones == 0 || e->latency_ms != def.latency_ms) return e->latency_ms;
    int a = model_find_node(m, e->from), b = model_find_node(m, e->to);
    if (a < 0 || b < 0) return e->latency_ms;
    int za[64], zb[64];
    int na = node_zone_list(s, &m->nodes[a], za, 64), nb = node_zone_list(s, &m->nodes[b], zb, 64);
    if (na == 0 || nb == 0) return e->latency_ms;
    double best = INFINITY; /* the nearest pair: a spread callee is reached in its nearest zone */
    for (int i = 0; i < na; i++)
        for (int k = 0; k < nb; k++) {
            double l = scenario_zone_latency_ms(s, za[i], zb[k]);
            if (l < best) best = l;
        }
    return best;
}

bool node_placed(const Node *n)
{
    return (n->zone && *n->zone) || n->n_zones > 0;
}

bool node_autoscaled(const Node *n)
{
    return n->autoscale.enabled &&
           (n->kind == NODE_SERVICE || (node_kind_caches(n->kind) && !node_cache_extended(n)));
}

bool model_has_autoscale(const Model *m)
{
    for (int i = 0; i < m->n_nodes; i++)
        if (node_autoscaled(&m->nodes[i])) return true;
    return false;
}

double model_cost_per_month_usd(const Model *m)
{
    double c = 0;
    for (int i = 0; i < m->n_nodes; i++)
        c += node_servers(&m->nodes[i]) * m->nodes[i].cost_per_hour_usd * 730.0;
    return c;
}

/* Does queue node n set any delivery field? */
static bool queue_fields_set(const Node *n)
{
    return n->kind == NODE_QUEUE && (n->partitions > 0 || n->hot_partition > 0 || n->max_attempts != 1 ||
                                     n->visibility_timeout_s > 0 || n->retention_s > 0 || n->dead_letter);
}

bool *model_queues_tracked(const Model *m)
{
    bool *t = xcalloc((size_t)m->n_nodes + 1, sizeof *t);
    bool lag = false, dl = false;
    for (int r = 0; r < m->scenario.n_requirements; r++)
        lag |= m->scenario.requirements[r].metric == METRIC_MAX_LAG_MESSAGES ||
               m->scenario.requirements[r].metric == METRIC_MAX_LAG_S;
    for (int i = 0; i < m->n_nodes; i++) {
        t[i] = m->nodes[i].kind == NODE_QUEUE && (lag || queue_fields_set(&m->nodes[i]));
        dl |= m->nodes[i].kind == NODE_QUEUE && m->nodes[i].dead_letter;
    }
    if (!dl) return t;
    const char **ids = xcalloc((size_t)m->n_nodes + 1, sizeof *ids);
    for (int i = 0; i < m->n_nodes; i++) ids[i] = m->nodes[i].id;
    StrIndex idx;
    strindex_init(&idx, ids, m->n_nodes);
    for (int i = 0; i < m->n_nodes; i++)
        if (ids[i]) strindex_add(&idx, i);
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        int k = n->kind == NODE_QUEUE && n->dead_letter ? strindex_find(&idx, n->dead_letter) : -1;
        if (k >= 0 && m->nodes[k].kind == NODE_QUEUE) t[k] = true;
    }
    strindex_free(&idx);
    free(ids);
    return t;
}

bool node_queue_tracked(const Model *m, int i)
{
    bool *t = model_queues_tracked(m);
    bool v = t[i];
    free(t);
    return v;
}
