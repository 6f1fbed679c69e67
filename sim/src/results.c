/*
 * results.c - figure tables, result allocation, and the replication summary
 * (mean and 95% confidence half-width of every figure over independent runs).
 */
#include "sim/results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/tr.h"
#include "sim/util.h"

static const char *const err_names[ERR_COUNT] = {"none",   "rejected",     "timeout",
                                                 "failed", "rate_limited", "circuit_open"};

const char *err_cause_name(ErrCause c)
{
    return (unsigned)c < ERR_COUNT ? err_names[c] : "?";
}

const char *err_cause_words(ErrCause c, bool brief, const char *lang)
{
    static const char *const words[ERR_COUNT] = {"", N_("rejected (queue full)"), N_("timeout"), N_("node down"),
                                                 N_("rate limited"), N_("circuit open")};
    if (brief && c == ERR_REJECTED) return tr_pin(lang, "error cause", "rejected");
    if (brief && c == ERR_FAILED) return tr_pin(lang, "error cause", "node down"); /* shorter in ru/uk */
    return (unsigned)c < ERR_COUNT ? tr_in(lang, words[c]) : "?";
}

ErrCause results_main_cause(const Results *r, int t)
{
    ErrCause best = ERR_NONE;
    double most = 0;
    for (int k = TF_ERR_REJECTED; k <= TF_ERR_CIRCUIT_OPEN; k++)
        if (r->types[t][k] > most) {
            most = r->types[t][k];
            best = (ErrCause)(k - TF_ERR_REJECTED + 1);
        }
    return best;
}

const FigInfo type_fig_info[TF_COUNT] = {
    [TF_COMPLETED] = {"completed", "requests", "requests finished, ok or error, in the window"},
    [TF_THROUGHPUT_RPS] = {"throughput_rps", "rps", "successful requests per second"},
    [TF_ERRORS] = {"errors", "requests", "requests that failed, any cause"},
    [TF_ERROR_RATE] = {"error_rate", "fraction", "errors / completed"},
    [TF_ERR_REJECTED] = {"rejected", "requests", "failed: a bounded queue was full"},
    [TF_ERR_TIMEOUT] = {"timeout", "requests", "failed: a timeout expired"},
    [TF_ERR_FAILED] = {"failed_node", "requests", "failed: a node was down"},
    [TF_ERR_RATE_LIMITED] = {"rate_limited", "requests", "failed: refused by a rate limit"},
    [TF_ERR_CIRCUIT_OPEN] = {"circuit_open", "requests", "failed fast by a circuit breaker"},
    [TF_MEAN_MS] = {"mean_ms", "ms", "mean latency of successful requests"},
    [TF_P50_MS] = {"p50_ms", "ms", "median latency"},
    [TF_P90_MS] = {"p90_ms", "ms", "90th percentile latency"},
    [TF_P95_MS] = {"p95_ms", "ms", "95th percentile latency"},
    [TF_P99_MS] = {"p99_ms", "ms", "99th percentile latency"},
    [TF_P999_MS] = {"p999_ms", "ms", "99.9th percentile latency"},
    [TF_MAX_MS] = {"max_ms", "ms", "largest latency"},
    [TF_ASYNC_COUNT] = {"async_completed", "tasks", "async work finished (enqueue to done)"},
    [TF_ASYNC_ERRORS] = {"async_errors", "tasks", "async work that failed"},
    [TF_ASYNC_MEAN_MS] = {"async_mean_ms", "ms", "mean enqueue-to-done latency"},
    [TF_ASYNC_P50_MS] = {"async_p50_ms", "ms", "median enqueue-to-done latency"},
    [TF_ASYNC_P99_MS] = {"async_p99_ms", "ms", "99th percentile enqueue-to-done latency"},
    [TF_ASYNC_MAX_MS] = {"async_max_ms", "ms", "largest enqueue-to-done latency"},
    [TF_SESSION_READS] = {"session_reads", "reads",
                          "its reads answered by databases that model replication lag"},
    [TF_STALE_READS] = {"stale_reads", "reads",
                        "of them, answered by a replica that had not applied the session's own "
                        "last write"},
    [TF_STALE_READ_RATE] = {"stale_read_rate", "fraction", "stale_reads / session_reads"},
};

const FigInfo node_fig_info[NF_COUNT] = {
    [NF_ARRIVALS] = {"arrivals", "requests", "requests that reached the node"},
    [NF_COMPLETED] = {"completed", "requests", "requests the node answered"},
    [NF_THROUGHPUT_RPS] = {"throughput_rps", "rps", "requests answered per second"},
    [NF_UTILISATION] = {"utilisation", "fraction", "busy slot time / slot time of the servers up (slots x time unless some failed)"},
    [NF_MEAN_QUEUE] = {"mean_queue", "requests", "requests waiting for a slot, time average"},
    [NF_MAX_QUEUE] = {"max_queue", "requests", "most requests waiting at once"},
    [NF_MEAN_WAIT_MS] = {"mean_wait_ms", "ms", "mean time waiting for a slot"},
    [NF_P99_WAIT_MS] = {"p99_wait_ms", "ms", "99th percentile time waiting for a slot"},
    [NF_MEAN_LATENCY_MS] = {"mean_latency_ms", "ms",
                            "mean time from arrival to answer, downstream included (successes)"},
    [NF_P99_LATENCY_MS] = {"p99_latency_ms", "ms", "99th percentile of that latency"},
    [NF_DROPS] = {"drops", "requests", "rejected + rate limited + failed"},
    [NF_REJECTED] = {"rejected", "requests", "turned away: queue (or queue depth) full"},
    [NF_RATE_LIMITED] = {"rate_limited", "requests", "turned away by the rate limit"},
    [NF_FAILED] = {"failed", "requests", "turned away: node down"},
    [NF_HIT_RATIO] = {"hit_ratio", "fraction", "cache/cdn: observed read hit ratio (-1: n/a)"},
    [NF_MEAN_BACKLOG] = {"mean_backlog", "messages", "queue: messages held, time average"},
    [NF_MAX_BACKLOG] = {"max_backlog", "messages", "queue: most messages held at once"},
    [NF_END_BACKLOG] = {"end_backlog", "messages", "queue: messages held at the end"},
    [NF_UP_SHARE] = {"up_share", "fraction", "servers that failed: slot time of the servers up / (slots x time), the share utilisation is of"},
    [NF_INFLIGHT_FULL_S] = {"inflight_full_s", "s",
                            "io=async node with synchronous calls: time with every in-flight place taken (max_inflight x instances)"},
    [NF_BUSIEST_SERVER_UTILISATION] = {"busiest_server_utilisation", "fraction",
                                       "database of several servers: the busiest server's busy slot time / its slot time up"},
    [NF_SESSION_READS] = {"session_reads", "reads", "database: reads of sessions answered"},
    [NF_STALE_READS] = {"stale_reads", "reads",
                        "database: of them, answered by a replica behind the session's own "
                        "last write"},
    [NF_STALE_READ_RATE] = {"stale_read_rate", "fraction", "database: stale_reads / session_reads"},
    [NF_PRIMARY_READS] = {"primary_reads", "reads",
                          "database: reads sent to the primary by read_your_writes_ms"},
    [NF_LAG_P99_MS] = {"lag_p99_ms", "ms",
                       "database: 99th percentile of the replica lags drawn for reads"},
    [NF_STALE_GAP_P50_MS] = {"stale_gap_p50_ms", "ms",
                             "database: median time from a session's write to its stale read"},
    [NF_PRIMARY_UTILISATION] = {"primary_utilisation", "fraction",
                                "database: busy slot time of the primaries / slot time of the primaries up"},
    [NF_PRIMARY_UP_SHARE] = {"primary_up_share", "fraction",
                             "database whose primaries failed: slot time of the primaries up / (their slots x time)"},
    [NF_FAILOVERS] = {"failovers", "promotions", "database: replicas promoted to primary"},
    [NF_NO_PRIMARY_S] = {"no_primary_s", "shard-seconds",
                         "database: time shards were without a live primary"},
    [NF_FAILOVER_WRITES_FAILED] = {"failover_writes_failed", "requests",
                                   "database: writes failed while a promotion was under way"},
    [NF_FAILOVER_WRITES_WAITED] = {"failover_writes_waited", "requests",
                                   "database: writes that waited for a promotion"},
    [NF_READS] = {"reads", "requests", "cache: reads that reached it"},
    [NF_HITS] = {"hits", "requests", "cache: reads answered from it"},
    [NF_MISS_CALLS] = {"miss_calls", "requests", "cache: reads that called the store"},
    [NF_COALESCED] = {"coalesced", "requests",
                      "cache: reads that waited for another read's store call of their key"},
    [NF_MISS_PEAK_RPS] = {"miss_peak_rps", "rps", "cache: highest miss calls to the store per second"},
    [NF_MISS_PEAK_AT_S] = {"miss_peak_at_s", "s", "cache: end of the second of that peak (-1: none)"},
    [NF_ENTRIES] = {"entries", "entries", "cache: entries held at the end"},
    [NF_EVICTIONS] = {"evictions", "entries", "cache: entries evicted to make room"},
    [NF_EXPIRED] = {"expired", "entries", "cache: entries dropped past their TTL"},
    [NF_MEAN_DIRTY] = {"mean_dirty", "keys", "write_back: keys not yet in the store, time average"},
    [NF_MAX_DIRTY] = {"max_dirty", "keys", "write_back: most keys not yet in the store"},
    [NF_FLUSHED] = {"flushed", "keys", "write_back: keys written to the store"},
    [NF_LOST_WRITES] = {"lost_writes", "keys", "write_back: dirty keys lost to failed instances"},
    [NF_MEAN_INSTANCES] = {"mean_instances", "instances", "autoscaled: instances held (serving, booting, draining), time average"},
    [NF_MAX_INSTANCES] = {"max_instances", "instances", "autoscaled: most instances held at once"},
    [NF_INSTANCE_SECONDS] = {"instance_seconds", "s", "autoscaled: instance-seconds held, what is paid for"},
    [NF_END_INSTANCES] = {"end_instances", "instances", "autoscaled: instances serving at the end"},
    [NF_SCALE_OUTS] = {"scale_outs", "decisions", "autoscaled: scale-out decisions"},
    [NF_SCALE_INS] = {"scale_ins", "decisions", "autoscaled: scale-in decisions"},
    [NF_LAUNCHED] = {"launched", "instances", "autoscaled: instances launched"},
    [NF_COST_USD] = {"cost_usd", "USD", "autoscaled: instance-seconds x cost_per_hour_usd / 3600"},
};

static const char *const scale_action_names[] = {"scale_out", "ready", "scale_in", "left"};

const char *scale_action_name(ScaleAction a)
{
    return (unsigned)a < SCALE_ACTION_COUNT ? scale_action_names[a] : "?";
}

/* A database that uses replication lag, read-your-writes or failover: its replication
 * figures are reported (the engine measures its primaries' busy share whenever it has
 * read replicas, for the bottleneck's judgement, but reports it only then). */
static bool replication_used(const Node *n)
{
    const Dist *lag = &n->replication_lag_ms;
    bool has_lag = !(lag->kind == DIST_CONSTANT && lag->mean == 0 && lag->cap == 0);
    return n->kind == NODE_DATABASE && (has_lag || n->read_your_writes_ms > 0 || n->failover_s > 0);
}

bool node_several_servers(const Node *n)
{
    return n->kind == NODE_DATABASE && node_servers(n) > 1;
}

bool results_node_fig_shown(const Model *m, int i, int k)
{
    if (k == NF_PRIMARY_UTILISATION) return replication_used(&m->nodes[i]);
    if (k < NF_BASE_COUNT) return true;
    if (k < NF_SCALE_FIRST) return node_cache_extended(&m->nodes[i]);
    return k < NF_COUNT && node_autoscaled(&m->nodes[i]);
}

bool results_node_series_shown(const Model *m, const Results *r, int i, int k)
{
    if (k >= r->ns_count) return false;
    if (k == NS_BUSIEST_SERVER) return node_several_servers(&m->nodes[i]);
    if (k < NS_BASE_COUNT) return true;
    if (k < NS_CACHE_END) return node_cache_extended(&m->nodes[i]);
    return node_autoscaled(&m->nodes[i]);
}

double results_cost_per_month_usd(const Model *m, const Results *r)
{
    double c = 0;
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        double servers = node_servers(n);
        if (r && i < r->n_nodes && node_autoscaled(n) && r->nodes[i][NF_MEAN_INSTANCES] >= 0)
            servers = r->nodes[i][NF_MEAN_INSTANCES];
        c += servers * n->cost_per_hour_usd * 730.0;
    }
    return c;
}

double node_up_share(const double *f)
{
    return f[NF_UP_SHARE] >= 0 ? f[NF_UP_SHARE] : 1;
}

double node_primary_up_share(const double *f)
{
    return f[NF_PRIMARY_UP_SHARE] >= 0 ? f[NF_PRIMARY_UP_SHARE] : 1;
}

bool fig_is_optional(const FigInfo *info, int k)
{
    if (info == type_fig_info) return k >= TF_SESSION_READS && k <= TF_STALE_READ_RATE;
    if (info == node_fig_info)
        return (k >= NF_UP_SHARE && k <= NF_FAILOVER_WRITES_WAITED) || (k >= NF_SCALE_FIRST && k < NF_SCALE_END);
    if (info == edge_fig_info) return k >= EF_CROSS_ZONE;
    return false;
}

const FigInfo edge_fig_info[EF_COUNT] = {
    [EF_CALLS] = {"calls", "calls", "attempts sent down the edge, retries included"},
    [EF_RATE_RPS] = {"rate_rps", "rps", "attempts per second"},
    [EF_FAILED] = {"failed", "calls", "attempts that failed or timed out"},
    [EF_RETRIES] = {"retries", "calls", "attempts that were retries"},
    [EF_CROSS_ZONE] = {"cross_zone", "calls", "zones: attempts between two zones (cross-region ones included)"},
    [EF_CROSS_REGION] = {"cross_region", "calls", "zones: attempts between two regions"},
    [EF_ITEMS] = {"items", "items", "batched edges: the items the attempts carried"},
};

const FigInfo type_series_info[TS_COUNT] = {
    [TS_THROUGHPUT_RPS] = {"throughput_rps", "rps", "successful requests in the second"},
    [TS_ERRORS] = {"errors", "requests", "failed requests in the second"},
    [TS_MEAN_MS] = {"mean_ms", "ms", "mean latency of requests finishing in the second"},
    [TS_P99_MS] = {"p99_ms", "ms", "p99 latency of requests finishing in the second"},
};

const FigInfo node_series_info[NS_COUNT] = {
    [NS_UTILISATION] = {"utilisation", "fraction", "busy share of slots in the second"},
    [NS_QUEUE] = {"queue", "requests", "mean requests waiting in the second"},
    [NS_BACKLOG] = {"backlog", "messages", "queue messages held at the end of the second"},
    [NS_DROPS] = {"drops", "requests", "requests turned away in the second"},
    [NS_BUSIEST_SERVER] = {"busiest_server_utilisation", "fraction",
                           "database of several servers: the busiest server's busy slot time / its slot time up in the second"},
    [NS_HIT_RATIO] = {"hit_ratio", "fraction", "cache: hits / reads in the second (0: no reads)"},
    [NS_MISS_RPS] = {"miss_rps", "rps", "cache: miss calls to the store per second"},
    [NS_DIRTY] = {"dirty", "keys", "write_back: dirty keys at the end of the second"},
    [NS_INSTANCES] = {"instances", "instances", "autoscaled: instances serving at the end of the second"},
    [NS_BOOTING] = {"booting", "instances", "autoscaled: instances launched, not yet serving"},
    [NS_DESIRED] = {"desired", "instances", "autoscaled: the count the policy last asked for"},
    [NS_HELD] = {"held", "instances", "autoscaled: instances paid for, mean over the second"},
};

const FigInfo group_fig_info[GF_COUNT] = {
    [GF_PARTITIONS] = {"partitions", "partitions", "partitions of the group (0: one shared FIFO)"},
    [GF_CONSUMER_SLOTS] = {"consumer_slots", "slots", "slots of the consumer node"},
    [GF_USABLE_SLOTS] = {"usable_slots", "slots", "min(consumer slots, partitions)"},
    [GF_START_HELD] = {"start_held", "messages", "held (waiting or out) when the window began"},
    [GF_ENQUEUED] = {"enqueued", "messages", "taken into the group"},
    [GF_REJECTED] = {"rejected", "messages", "turned away: the queue held max_depth"},
    [GF_DELIVERIES] = {"deliveries", "messages", "handed out to consumers, redeliveries included"},
    [GF_REDELIVERED] = {"redelivered", "messages", "handed out again after a failure or timeout"},
    [GF_DONE] = {"done", "messages", "acknowledged by a consumer"},
    [GF_DUPLICATES] = {"duplicates", "messages", "consumer work finished after its delivery timed out"},
    [GF_DEAD_LETTERED] = {"dead_lettered", "messages", "sent to the dead_letter queue"},
    [GF_DISCARDED] = {"discarded", "messages", "out of attempts with no dead_letter to take them"},
    [GF_EXPIRED] = {"expired", "messages", "not done within the queue's retention_s: deleted unread"},
    [GF_END_WAITING] = {"end_waiting", "messages", "waiting at the end"},
    [GF_END_IN_FLIGHT] = {"end_in_flight", "messages", "handed out, not acknowledged, at the end"},
    [GF_MEAN_LAG_MESSAGES] = {"mean_lag_messages", "messages", "consumer lag, time average"},
    [GF_MAX_LAG_MESSAGES] = {"max_lag_messages", "messages", "largest consumer lag"},
    [GF_MAX_LAG_S] = {"max_lag_s", "s", "largest age of the oldest message not yet consumed"},
    [GF_END_LAG_MESSAGES] = {"end_lag_messages", "messages", "consumer lag at the end"},
    [GF_END_LAG_S] = {"end_lag_s", "s", "age of the oldest message not yet consumed, at the end"},
};

const FigInfo part_fig_info[PF_COUNT] = {
    [PF_ENQUEUED] = {"enqueued", "messages", "taken into the partition"},
    [PF_DONE] = {"done", "messages", "acknowledged"},
    [PF_MAX_LAG_MESSAGES] = {"max_lag_messages", "messages", "largest lag"},
    [PF_MAX_LAG_S] = {"max_lag_s", "s", "largest age of its oldest message not yet consumed"},
    [PF_END_LAG_MESSAGES] = {"end_lag_messages", "messages", "lag at the end"},
    [PF_END_LAG_S] = {"end_lag_s", "s", "age of its oldest message not yet consumed, at the end"},
};

const FigInfo group_series_info[GS_COUNT] = {
    [GS_LAG_MESSAGES] = {"lag_messages", "messages", "consumer lag at the end of the second"},
    [GS_LAG_S] = {"lag_s", "s", "age of the oldest message not yet consumed, at the end of the second"},
};

/* The consumer groups of the tracked queues of m, in edge order, and the rows of their
 * partitions (results_create and results_clone_shape). */
static void groups_shape(Results *r, int n_groups, const int *edge, const int *part)
{
    r->n_groups = n_groups;
    r->group_edge = xcalloc((size_t)n_groups + 1, sizeof *r->group_edge);
    r->group_part = xcalloc((size_t)n_groups + 1, sizeof *r->group_part);
    if (n_groups > 0) {
        memcpy(r->group_edge, edge, (size_t)n_groups * sizeof *edge);
        memcpy(r->group_part, part, ((size_t)n_groups + 1) * sizeof *part);
    }
    r->groups = xcalloc((size_t)n_groups + 1, sizeof *r->groups);
    r->parts = xcalloc((size_t)r->group_part[n_groups] + 1, sizeof *r->parts);
    r->group_series = xcalloc((size_t)n_groups * (size_t)r->n_seconds * GS_COUNT + 1, sizeof(double));
}

Results *results_create(const Model *m, int n_seconds)
{
    Results *r = xcalloc(1, sizeof *r);
    int nt = m->scenario.n_requests;
    r->n_types = nt;
    r->type_names = xcalloc((size_t)nt + 1, sizeof *r->type_names);
    for (int i = 0; i < nt; i++) r->type_names[i] = xstrdup(m->scenario.requests[i].name);
    r->type_names[nt] = xstrdup("all");
    r->types = xcalloc((size_t)nt + 1, sizeof *r->types);
    r->n_nodes = m->n_nodes;
    r->node_ids = xcalloc((size_t)m->n_nodes + 1, sizeof *r->node_ids);
    for (int i = 0; i < m->n_nodes; i++) r->node_ids[i] = xstrdup(m->nodes[i].id);
    r->nodes = xcalloc((size_t)m->n_nodes + 1, sizeof *r->nodes);
    for (int i = 0; i < m->n_nodes; i++) /* the optional figures: absent until measured */
        for (int k = 0; k < NF_COUNT; k++)
            if (fig_is_optional(node_fig_info, k)) r->nodes[i][k] = -1;
    r->n_edges = m->n_edges;
    r->edges = xcalloc((size_t)m->n_edges + 1, sizeof *r->edges);
    r->n_seconds = n_seconds;
    r->series_step_s = 1;
    r->type_series = xcalloc((size_t)(nt + 1) * (size_t)n_seconds * TS_COUNT + 1, sizeof(double));
    r->ns_count = model_has_autoscale(m) ? NS_COUNT : model_has_cache_model(m) ? NS_CACHE_END : NS_BASE_COUNT;
    r->node_series =
        xcalloc((size_t)m->n_nodes * (size_t)n_seconds * (size_t)r->ns_count + 1, sizeof(double));
    r->bottleneck = -1;
    r->error_node = -1;
    r->trace_type = -1;
    bool *tracked = model_queues_tracked(m);
    bool any = false;
    for (int i = 0; i < m->n_nodes; i++) any |= tracked[i];
    int n_groups = 0;
    int *edge = xcalloc((size_t)m->n_edges + 1, sizeof *edge);
    int *part = xcalloc((size_t)m->n_edges + 2, sizeof *part);
    const char **ids = xcalloc((size_t)m->n_nodes + 1, sizeof *ids);
    for (int i = 0; i < m->n_nodes; i++) ids[i] = m->nodes[i].id;
    StrIndex idx;
    strindex_init(&idx, ids, any ? m->n_nodes : 0);
    for (int i = 0; any && i < m->n_nodes; i++) strindex_add(&idx, i);
    for (int k = 0; any && k < m->n_edges; k++) {
        int q = m->edges[k].from ? strindex_find(&idx, m->edges[k].from) : -1;
        if (q < 0 || !tracked[q]) continue;
        int lanes = m->nodes[q].partitions > 0 ? m->nodes[q].partitions : 1;
        edge[n_groups] = k;
        part[n_groups + 1] = part[n_groups] + lanes;
        n_groups++;
    }
    groups_shape(r, n_groups, edge, part);
    strindex_free(&idx);
    free(ids);
    free(edge);
    free(part);
    free(tracked);
    return r;
}

static Results *results_clone_shape(const Results *s)
{
    Results *r = xcalloc(1, sizeof *r);
    r->n_types = s->n_types;
    r->type_names = xcalloc((size_t)s->n_types + 1, sizeof *r->type_names);
    for (int i = 0; i <= s->n_types; i++) r->type_names[i] = xstrdup(s->type_names[i]);
    r->types = xcalloc((size_t)s->n_types + 1, sizeof *r->types);
    r->n_nodes = s->n_nodes;
    r->node_ids = xcalloc((size_t)s->n_nodes + 1, sizeof *r->node_ids);
    for (int i = 0; i < s->n_nodes; i++) r->node_ids[i] = xstrdup(s->node_ids[i]);
    r->nodes = xcalloc((size_t)s->n_nodes + 1, sizeof *r->nodes);
    r->n_edges = s->n_edges;
    r->edges = xcalloc((size_t)s->n_edges + 1, sizeof *r->edges);
    r->n_seconds = s->n_seconds;
    r->series_step_s = s->series_step_s;
    r->type_series = xcalloc(
        (size_t)(s->n_types + 1) * (size_t)s->n_seconds * TS_COUNT + 1, sizeof(double));
    r->ns_count = s->ns_count;
    r->node_series =
        xcalloc((size_t)s->n_nodes * (size_t)s->n_seconds * (size_t)s->ns_count + 1, sizeof(double));
    r->warmup_s = s->warmup_s;
    r->duration_s = s->duration_s;
    r->seed = s->seed;
    r->bottleneck = s->bottleneck;
    r->bottleneck_why = xstrdup(s->bottleneck_why);
    r->error_node = -1;
    groups_shape(r, s->n_groups, s->group_edge, s->group_part);
    r->trace_type = s->trace_type;
    if (s->n_trace > 0) {
        r->trace = xmalloc((size_t)s->n_trace * sizeof *r->trace);
        memcpy(r->trace, s->trace, (size_t)s->n_trace * sizeof *r->trace);
        r->n_trace = s->n_trace;
    }
    if (s->n_scale_log > 0) {
        r->scale_log = xmalloc((size_t)s->n_scale_log * sizeof *r->scale_log);
        memcpy(r->scale_log, s->scale_log, (size_t)s->n_scale_log * sizeof *r->scale_log);
        r->n_scale_log = s->n_scale_log;
    }
    return r;
}

void results_destroy(Results *r)
{
    if (!r) return;
    for (int i = 0; i <= r->n_types; i++) free(r->type_names[i]);
    for (int i = 0; i < r->n_nodes; i++) free(r->node_ids[i]);
    free(r->type_names);
    free(r->node_ids);
    free(r->types);
    free(r->nodes);
    free(r->edges);
    free(r->type_series);
    free(r->node_series);
    free(r->group_edge);
    free(r->group_part);
    free(r->groups);
    free(r->parts);
    free(r->group_series);
    free(r->bottleneck_why);
    free(r->error);
    free(r->trace);
    free(r->scale_log);
    free(r);
}

Results *results_series_copy(const Model *m, const Results *r, int rows)
{
    if (rows > r->n_seconds) rows = r->n_seconds;
    if (rows < 0) rows = 0;
    Results *c = results_create(m, rows);
    c->series_step_s = r->series_step_s;
    c->warmup_s = r->warmup_s;
    c->duration_s = r->duration_s;
    c->seed = r->seed;
    if (c->n_types != r->n_types || c->n_nodes != r->n_nodes || c->ns_count != r->ns_count ||
        c->n_groups != r->n_groups)
        return c; /* not r's model: no rows to copy */
    for (int t = 0; t <= r->n_types; t++)
        for (int s = 0; s < rows; s++)
            memcpy(results_type_series(c, t, s), results_type_series(r, t, s), TS_COUNT * sizeof(double));
    for (int n = 0; n < r->n_nodes; n++)
        for (int s = 0; s < rows; s++)
            memcpy(results_node_series(c, n, s), results_node_series(r, n, s),
                   (size_t)r->ns_count * sizeof(double));
    for (int g = 0; g < r->n_groups; g++)
        for (int s = 0; s < rows; s++)
            memcpy(results_group_series(c, g, s), results_group_series(r, g, s), GS_COUNT * sizeof(double));
    return c;
}

double *results_type_series(const Results *r, int type, int second)
{
    return &r->type_series[((size_t)type * (size_t)r->n_seconds + (size_t)second) * TS_COUNT];
}

double *results_node_series(const Results *r, int node, int second)
{
    return &r->node_series[((size_t)node * (size_t)r->n_seconds + (size_t)second) * (size_t)r->ns_count];
}

double *results_group_series(const Results *r, int group, int second)
{
    return &r->group_series[((size_t)group * (size_t)r->n_seconds + (size_t)second) * GS_COUNT];
}

double results_async_per_request(const Results *r, int t)
{
    const double *f = r->types[t];
    return f[TF_COMPLETED] > 0 ? (f[TF_ASYNC_COUNT] + f[TF_ASYNC_ERRORS]) / f[TF_COMPLETED] : NAN;
}

double results_max_lag(const Results *r, GroupFig fig)
{
    double v = 0;
    for (int g = 0; g < r->n_groups; g++)
        if (r->groups[g][fig] > v) v = r->groups[g][fig];
    return v;
}

double ci_half_width(int n, double ss, double mean)
{
    double h = student_t95(n - 1) * sqrt(ss / (n - 1) / n);
    return h < 1e-12 * fabs(mean) ? 0 : h;
}

/* Two-sided 95% Student t quantile for df degrees of freedom. */
double student_t95(int df)
{
    static const double t[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                               2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                               2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                               2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1) return 0;
    if (df <= 30) return t[df];
    if (df <= 60) return 2.042 - (df - 30) * (2.042 - 2.000) / 30.0;
    if (df <= 120) return 2.000 - (df - 60) * (2.000 - 1.980) / 60.0;
    return 1.960;
}

/* Replications are folded one at a time, in replication order, without keeping the
 * runs' Results (10,000 replications of a big diagram would not fit). Every figure,
 * series included, is one value of a flat vector. Its sum gives the mean (added in
 * replication order, as a two-pass mean adds them: the same bits). The variance is
 * two-pass, exactly as it always was, while the values of every run fit in
 * EXACT_DOUBLES (a few kilobytes a run for most diagrams: thousands of replications);
 * beyond that the builder changes to Welford's running mean and sum of squared
 * deviations, which differ from two-pass only by rounding. */
#define EXACT_DOUBLES ((size_t)1 << 23) /* 64 MiB */
#define NPARTS 8

struct SummaryBuilder {
    Results *first;     /* run 0: the shape, its bottleneck and trace */
    int n;
    size_t len[NPARTS]; /* types, nodes, edges, type series, node series, groups,
                           partitions, group series */
    size_t total;
    double *sum;
    double **vals;      /* while exact: each run's values, n of them */
    int cap_vals;
    double *wmean, *m2; /* once not exact */
    uint64_t events, refused;
    double wall_s;
    bool cancelled;
};

static void welford(SummaryBuilder *b, const double *x, int n)
{
    double inv_n = 1.0 / n;
    for (size_t i = 0; i < b->total; i++) {
        double d = x[i] - b->wmean[i];
        b->wmean[i] += d * inv_n;
        b->m2[i] += d * (x[i] - b->wmean[i]);
    }
}

/* The figure arrays of r, in a fixed order. */
static void parts(const Results *r, double *p[NPARTS], size_t len[NPARTS])
{
    p[0] = &r->types[0][0];
    len[0] = (size_t)(r->n_types + 1) * TF_COUNT;
    p[1] = &r->nodes[0][0];
    len[1] = (size_t)r->n_nodes * NF_COUNT;
    p[2] = &r->edges[0][0];
    len[2] = (size_t)r->n_edges * EF_COUNT;
    p[3] = r->type_series;
    len[3] = (size_t)(r->n_types + 1) * (size_t)r->n_seconds * TS_COUNT;
    p[4] = r->node_series;
    len[4] = (size_t)r->n_nodes * (size_t)r->n_seconds * (size_t)r->ns_count;
    p[5] = &r->groups[0][0];
    len[5] = (size_t)r->n_groups * GF_COUNT;
    p[6] = &r->parts[0][0];
    len[6] = (size_t)r->group_part[r->n_groups] * PF_COUNT;
    p[7] = r->group_series;
    len[7] = (size_t)r->n_groups * (size_t)r->n_seconds * GS_COUNT;
}

size_t results_flat_len(const Results *r)
{
    double *p[NPARTS];
    size_t len[NPARTS], total = 0;
    parts(r, p, len);
    for (int k = 0; k < NPARTS; k++) total += len[k];
    return total;
}

void results_flatten(const Results *r, double *out)
{
    double *p[NPARTS];
    size_t len[NPARTS];
    parts(r, p, len);
    for (size_t k = 0, at = 0; k < NPARTS; at += len[k], k++) memcpy(out + at, p[k], len[k] * sizeof *out);
}

void results_unflatten(Results *r, const double *in)
{
    double *p[NPARTS];
    size_t len[NPARTS];
    parts(r, p, len);
    for (size_t k = 0, at = 0; k < NPARTS; at += len[k], k++) memcpy(p[k], in + at, len[k] * sizeof *in);
}

SummaryBuilder *summary_begin(void) { return xcalloc(1, sizeof(SummaryBuilder)); }

void summary_add(SummaryBuilder *b, const Results *r)
{
    double *p[NPARTS];
    size_t len[NPARTS];
    parts(r, p, len);
    if (b->n == 0) {
        b->first = results_clone_shape(r);
        b->total = 0;
        for (int k = 0; k < NPARTS; k++) b->total += b->len[k] = len[k];
        b->sum = xcalloc(b->total + 1, sizeof *b->sum);
    }
    for (int k = 0; k < NPARTS; k++) ASSERT(len[k] == b->len[k]); /* the same model */
    double *x = xmalloc((b->total + 1) * sizeof *x);
    for (size_t k = 0, at = 0; k < NPARTS; at += len[k], k++) memcpy(x + at, p[k], len[k] * sizeof *x);
    for (size_t i = 0; i < b->total; i++) b->sum[i] += x[i];
    b->n++;
    if (!b->wmean && (size_t)b->n * b->total > EXACT_DOUBLES) { /* too many to keep */
        b->wmean = xcalloc(b->total + 1, sizeof *b->wmean);
        b->m2 = xcalloc(b->total + 1, sizeof *b->m2);
        for (int k = 0; k < b->n - 1; k++) {
            welford(b, b->vals[k], k + 1);
            free(b->vals[k]);
        }
        free(b->vals);
        b->vals = NULL;
    }
    if (b->wmean) {
        welford(b, x, b->n);
        free(x);
    } else {
        if (b->n > b->cap_vals) {
            b->cap_vals = b->cap_vals ? 2 * b->cap_vals : 16;
            b->vals = xrealloc(b->vals, (size_t)b->cap_vals * sizeof *b->vals);
        }
        b->vals[b->n - 1] = x;
    }
    b->events += r->events;
    b->refused += r->refused;
    b->wall_s += r->wall_s;
    b->cancelled |= r->cancelled;
}

int summary_runs(const SummaryBuilder *b) { return b->n; }

Summary *summary_finish(SummaryBuilder *b)
{
    if (!b) return NULL;
    Summary *s = NULL;
    if (b->n > 0) {
        s = xcalloc(1, sizeof *s);
        int n = b->n;
        s->n_runs = n;
        s->mean = b->first;
        b->first = NULL;
        s->half = results_clone_shape(s->mean);
        s->half->bottleneck = -1;
        free(s->half->trace);
        s->half->trace = NULL;
        s->half->n_trace = 0;
        free(s->half->scale_log);
        s->half->scale_log = NULL;
        s->half->n_scale_log = 0;
        double *pm[NPARTS], *ph[NPARTS];
        size_t len[NPARTS];
        parts(s->mean, pm, len);
        parts(s->half, ph, len);
        size_t at = 0;
        for (int k = 0; k < NPARTS; k++)
            for (size_t i = 0; i < len[k]; i++, at++) {
                double mu = b->sum[at] / n, v = 0;
                if (b->wmean) {
                    v = fmax(b->m2[at], 0);
                } else {
                    for (int r = 0; r < n; r++) v += (b->vals[r][at] - mu) * (b->vals[r][at] - mu);
                }
                pm[k][i] = mu;
                ph[k][i] = n > 1 ? ci_half_width(n, v, mu) : 0;
            }
        s->mean->events = b->events;
        s->mean->refused = b->refused;
        s->mean->wall_s = b->wall_s;
        s->mean->cancelled = b->cancelled;
    }
    results_destroy(b->first);
    for (int r = 0; b->vals && r < b->n; r++) free(b->vals[r]);
    free(b->vals);
    free(b->sum);
    free(b->wmean);
    free(b->m2);
    free(b);
    return s;
}

Summary *summary_create(Results *const *runs, int n)
{
    ASSERT(n >= 1);
    SummaryBuilder *b = summary_begin();
    for (int k = 0; k < n; k++) summary_add(b, runs[k]);
    return summary_finish(b);
}

void summary_destroy(Summary *s)
{
    if (!s) return;
    results_destroy(s->mean);
    results_destroy(s->half);
    free(s);
}

/* A copy through the builder: one run folded is its own mean, to the bit. */
static Results *results_copy(const Results *r)
{
    SummaryBuilder *b = summary_begin();
    summary_add(b, r);
    Summary *one = summary_finish(b);
    Results *out = one->mean;
    one->mean = NULL;
    summary_destroy(one);
    out->bottleneck = r->bottleneck;
    free(out->bottleneck_why);
    out->bottleneck_why = r->bottleneck_why ? xstrdup(r->bottleneck_why) : NULL;
    out->cancelled = r->cancelled;
    out->events = r->events;
    out->wall_s = r->wall_s;
    out->peak_engines = r->peak_engines;
    out->peak_held = r->peak_held;
    return out;
}

Summary *summary_clone(const Summary *s)
{
    if (!s) return NULL;
    Summary *c = xcalloc(1, sizeof *c);
    c->n_runs = s->n_runs;
    c->mean = results_copy(s->mean);
    c->half = results_copy(s->half);
    return c;
}
