/*
 * schema.c - the field tables of the format (see schema.h).
 *
 * The order of rows is the order keys are written in saved files.
 */
#include "sim/schema.h"
#include "sim/tr.h"

#include <math.h>
#include <string.h>

#define OFF(T, f) offsetof(T, f)
#define BIG 1e12

static const char *const kind_enum[] = {N_("client"), N_("load_balancer"), N_("service"), N_("cache"), N_("cdn"),
                                        N_("queue"), N_("database"), N_("object_store"), N_("external_api"),
                                        NULL};
static const char *const io_enum[] = {N_("blocking"), N_("async"), NULL};
static const char *const calls_enum[] = {N_("sequential"), N_("parallel"), NULL};
static const char *const policy_enum[] = {N_("round_robin"), N_("random"), N_("least_outstanding"),
                                          N_("power_of_two"), NULL};
static const char *const mode_enum[] = {N_("sync"), N_("async"), NULL};
static const char *const arrival_enum[] = {N_("poisson"), N_("constant"), NULL};
static const char *const op_enum[] = {N_("read"), N_("write"), NULL};
static const char *const dist_enum[] = {N_("constant"), N_("exponential"), N_("uniform"), N_("lognormal"),
                                        N_("pareto"), NULL};
static const char *const metric_enum[] = {
    "p50_ms",  "p90_ms",         "p95_ms",       "p99_ms",        "p999_ms",
    "mean_ms", "max_ms",         "error_rate",   "throughput_rps", "async_p99_ms",
    "cost_per_month_usd", "stale_read_rate", "max_lag_messages", "max_lag_s", "hit_ratio", NULL};
static const char *const write_policy_enum[] = {N_("local"), N_("write_through"), N_("write_around"),
                                                N_("write_back"), NULL};
static const char *const action_enum[] = {N_("fail"), N_("surge"), N_("slow"), NULL};
static const char *const role_enum[] = {N_("any"), N_("primary"), N_("replica"), NULL};
static const char *const failover_writes_enum[] = {N_("fail"), N_("wait"), NULL};
static const char *const scale_metric_enum[] = {N_("utilisation"), N_("inflight"), N_("rate_rps"), NULL};
static const char *const unit_enum[] = {"rps", "per_s", "bytes", "bytes_per_s", "count", NULL};

#define K(k) KIND_BIT(NODE_##k)
#define SERVERS (KINDS_ALL & ~K(CLIENT))
#define WORKING (SERVERS & ~K(DATABASE))

const FieldDesc schema_node_fields[] = {
    {"id", FT_STRING, OFF(Node, id), 0, "", 0, 0, false, NULL, KINDS_ALL, true,
     N_("Unique id; edges, events and reports refer to the node by it.")},
    {"kind", FT_ENUM, OFF(Node, kind), 0, "", 0, 0, false, kind_enum, KINDS_ALL, true,
     N_("What the node is; decides its downstream rule and defaults.")},
    {"label", FT_STRING, OFF(Node, label), 0, "", 0, 0, false, NULL, KINDS_ALL, false,
     N_("Text shown on the board (default: the id).")},
    {"x", FT_NUMBER, OFF(Node, x), 0, N_("board units"), -1e7, 1e7, false, NULL, KINDS_ALL, false,
     N_("Horizontal position on the board.")},
    {"y", FT_NUMBER, OFF(Node, y), 0, N_("board units"), -1e7, 1e7, false, NULL, KINDS_ALL, false,
     N_("Vertical position on the board.")},
    {"instances", FT_INT, OFF(Node, instances), 0, "", 1, 100000, false, NULL, WORKING, false,
     N_("Identical instances sharing the node's queue.")},
    {"workers", FT_INT, OFF(Node, workers), 0, N_("per instance"), 1, 1000000, false, NULL,
     WORKING & ~K(CLIENT), false, N_("Concurrent slots per instance (threads, processes, cores).")},
    {"shards", FT_INT, OFF(Node, shards), 0, "", 1, 10000, false, NULL, K(DATABASE), false,
     N_("Shards; each has a primary and read_replicas replicas.")},
    {"read_replicas", FT_INT, OFF(Node, read_replicas), 0, N_("per shard"), 0, 1000, false, NULL,
     K(DATABASE), false, N_("Replicas per shard; reads go to them, writes to the primary.")},
    {"pool", FT_INT, OFF(Node, pool), 0, N_("connections per server"), 1, 100000, false, NULL,
     K(DATABASE), false, N_("Connections per database server: queries in progress at once.")},
    {"hot_shard", FT_NUMBER, OFF(Node, hot_shard), 0, N_("fraction"), 0, 1, false, NULL,
     K(DATABASE), false, N_("Share of all traffic that goes to shard 0 (0 = spread evenly).")},
    {"service_ms", FT_DIST, OFF(Node, service_ms), 0, N_("ms"), 0, 1e7, false, NULL, SERVERS,
     false, N_("Time a slot is busy with the node's own work, per request.")},
    {"queue_max", FT_INT, OFF(Node, queue_max), 0, N_("requests"), 0, 100000000, false, NULL,
     SERVERS, false, N_("Requests waiting for a slot at most; more are rejected.")},
    {"io", FT_ENUM, OFF(Node, io), 0, "", 0, 0, false, io_enum, SERVERS, false,
     N_("blocking: a slot is held while waiting for downstream calls; async: it is freed.")},
    {"max_inflight", FT_INT, OFF(Node, max_inflight), 0, N_("per instance"), 1, 100000000, false,
     NULL, SERVERS, false, N_("io=async: requests in progress per instance at most.")},
    {"calls", FT_ENUM, OFF(Node, calls), 0, "", 0, 0, false, calls_enum, KINDS_ALL, false,
     N_("Downstream calls one after another (sequential) or all at once (parallel).")},
    {"hit_ratio", FT_NUMBER, OFF(Node, hit_ratio), 0, N_("probability"), 0, 1, false, NULL,
     K(CACHE) | K(CDN), false, N_("Chance a read is answered from the cache without a miss call.")},
    {"capacity_keys", FT_INT, OFF(Node, capacity_keys), 0, N_("entries per instance"), 0, 1000000000,
     false, NULL, K(CACHE) | K(CDN), false,
     N_("Key model: entries one instance holds, least recently used evicted (0 = capacity_mb; "
     "with neither nor ttl_s, hit_ratio is used).")},
    {"capacity_mb", FT_NUMBER, OFF(Node, capacity_mb), 0, N_("MB per instance"), 0, 1e9, false, NULL,
     K(CACHE) | K(CDN), false,
     N_("Key model: memory per instance; holds capacity_mb x 1000 / entry_kb entries.")},
    {"entry_kb", FT_NUMBER, OFF(Node, entry_kb), 0, N_("KB"), 0, 1e6, true, NULL, K(CACHE) | K(CDN),
     false, N_("Key model: size of one entry, for capacity_mb.")},
    {"ttl_s", FT_NUMBER, OFF(Node, ttl_s), 0, N_("s"), 0, 1e7, false, NULL, K(CACHE) | K(CDN), false,
     N_("Key model: an entry expires this long after it was stored (0 = never); alone, a TTL-only "
     "cache.")},
    {"write_policy", FT_ENUM, OFF(Node, write_policy), 0, "", 0, 0, false, write_policy_enum,
     K(CACHE) | K(CDN), false,
     N_("Writes: local (stored here, nothing called), write_through, write_around or write_back.")},
    {"flush_interval_s", FT_NUMBER, OFF(Node, flush_interval_s), 0, N_("s"), 0.01, 1e6, false, NULL,
     K(CACHE) | K(CDN), false, N_("write_back: dirty keys are written to the store this often.")},
    {"flush_batch", FT_INT, OFF(Node, flush_batch), 0, N_("keys per write"), 1, 1000000, false, NULL,
     K(CACHE) | K(CDN), false, N_("write_back: keys one store write carries.")},
    {"coalesce", FT_BOOL, OFF(Node, coalesce), 0, "", 0, 0, false, NULL, K(CACHE) | K(CDN), false,
     N_("Key model: concurrent misses on one key make one store call; the others wait for it.")},
    {"policy", FT_ENUM, OFF(Node, policy), 0, "", 0, 0, false, policy_enum, K(LOAD_BALANCER),
     false, N_("How the load balancer picks one target.")},
    {"max_depth", FT_INT, OFF(Node, max_depth), 0, N_("messages"), 1, 1000000000, false, NULL,
     K(QUEUE), false, N_("Messages held at most; more are rejected.")},
    /* queue delivery: partitions, redelivery, dead letters (docs/semantics.md) */
    {"partitions", FT_INT, OFF(Node, partitions), 0, N_("per consumer group"), 0, 10000, false, NULL,
     K(QUEUE), false,
     N_("Partitions (0 = one shared FIFO): each is consumed by one consumer slot of a group at a "
     "time, in order, so a group uses at most this many slots.")},
    {"hot_partition", FT_NUMBER, OFF(Node, hot_partition), 0, N_("fraction"), 0, 1, false, NULL,
     K(QUEUE), false,
     N_("Share of all messages whose key lands on partition 0 (0 = keys spread evenly); needs "
     "partitions of 2 or more.")},
    {"max_attempts", FT_INT, OFF(Node, max_attempts), 0, N_("deliveries"), 1, 1000, false, NULL,
     K(QUEUE), false,
     N_("Deliveries of a message at most: a consumer failure or timeout redelivers it until then, "
     "then it goes to dead_letter (1 = no redelivery).")},
    {"visibility_timeout_s", FT_NUMBER, OFF(Node, visibility_timeout_s), 0, N_("s"), 0, 1e6, false,
     NULL, K(QUEUE), false,
     N_("A delivered message not acknowledged within this is handed out again; a failed one waits "
     "this long from its delivery (0 = no timeout, a failure redelivers at once).")},
    {"retention_s", FT_NUMBER, OFF(Node, retention_s), 0, N_("s"), 0, 1e9, false, NULL, K(QUEUE), false,
     N_("A message not done this long after it entered the queue expires: deleted unread, as "
     "Kafka's retention or SQS's retention period do, and counted (0 = kept until done).")},
    {"dead_letter", FT_STRING, OFF(Node, dead_letter), 0, "", 0, 0, false, NULL, K(QUEUE), false,
     N_("Id of the queue node that takes messages after max_attempts failed deliveries (absent = "
     "they are discarded, and counted).")},
    {"timeout_ms", FT_NUMBER, OFF(Node, timeout_ms), 0, N_("ms"), 0, 1e9, false, NULL, K(CLIENT),
     false, N_("End-to-end timeout seen by the user (0 = none).")},
    {"rate_limit_rps", FT_NUMBER, OFF(Node, rate_limit_rps), 0, N_("rps"), 0, 1e9, false, NULL,
     SERVERS, false, N_("Requests admitted per second at most (token bucket; 0 = no limit).")},
    {"burst", FT_NUMBER, OFF(Node, burst), 0, N_("requests"), 0, 1e9, false, NULL, SERVERS, false,
     N_("Token bucket size (0 = a tenth of a second of rate_limit_rps, at least 1).")},
    {"cost_per_hour_usd", FT_NUMBER, OFF(Node, cost_per_hour_usd), 0, N_("USD per server-hour"), 0,
     1e6, false, NULL, SERVERS, false, N_("Price of one server (instance) per hour.")},
    /* database replication and failover (docs/semantics.md, "Replication lag") */
    {"replication_lag_ms", FT_DIST, OFF(Node, replication_lag_ms), 0, N_("ms"), 0, 1e7, false, NULL,
     K(DATABASE), false,
     N_("How far each replica is behind its primary, drawn per read; a read of a session's own "
     "write that came later is stale (0 = none).")},
    {"read_your_writes_ms", FT_NUMBER, OFF(Node, read_your_writes_ms), 0, N_("ms"), 0, 1e7, false,
     NULL, K(DATABASE), false,
     N_("A session's reads go to the primary for this long after its write (0 = off).")},
    {"failover_s", FT_NUMBER, OFF(Node, failover_s), 0, N_("s"), 0, 1e6, false, NULL, K(DATABASE),
     false,
     N_("A failed primary's first live replica is promoted after this (0 = no failover).")},
    {"failover_writes", FT_ENUM, OFF(Node, failover_writes), 0, "", 0, 0, false,
     failover_writes_enum, K(DATABASE), false,
     N_("During a promotion: writes fail, or wait for the new primary (queue_max at most).")},
    /* placement (docs/semantics.md, "Zones and regions") */
    {"zone", FT_STRING, OFF(Node, zone), 0, "", 0, 0, false, NULL, KINDS_ALL, false,
     N_("The zone (an id of scenario.zones) its servers run in; edges to and from it take their "
     "latency from the zones.")},
    {"zones", FT_STRLIST, OFF(Node, zones), OFF(Node, n_zones), "", 0, 0, false, NULL, SERVERS,
     false,
     N_("Instead of zone: zones its servers are spread over in turn (instance i in zones[i mod n]; "
     "a database's primary in the first, replica k in the next).")},
    {"prefer_zone", FT_BOOL, OFF(Node, prefer_zone), 0, "", 0, 0, false, NULL, K(LOAD_BALANCER),
     false, N_("Send to targets with servers up in the balancer's own zone while there are any.")},
    {"detect_s", FT_NUMBER, OFF(Node, detect_s), 0, N_("s"), 0, 1e6, false, NULL, K(LOAD_BALANCER),
     false,
     N_("A target that went down is still picked for this long (health checks, DNS TTL) before "
     "it is skipped (0 = at once).")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_edge_fields[] = {
    {"id", FT_STRING, OFF(Edge, id), 0, "", 0, 0, false, NULL, 0, false,
     N_("Optional unique id.")},
    {"from", FT_STRING, OFF(Edge, from), 0, "", 0, 0, false, NULL, 0, true,
     N_("Id of the calling node.")},
    {"to", FT_STRING, OFF(Edge, to), 0, "", 0, 0, false, NULL, 0, true, N_("Id of the called node.")},
    {"label", FT_STRING, OFF(Edge, label), 0, "", 0, 0, false, NULL, 0, false,
     N_("Text shown on the edge.")},
    {"requests", FT_STRLIST, OFF(Edge, requests), OFF(Edge, n_requests), "", 0, 0, false, NULL,
     0, false, N_("Request types the edge carries (empty or absent = all).")},
    {"mode", FT_ENUM, OFF(Edge, mode), 0, "", 0, 0, false, mode_enum, 0, false,
     N_("sync: the caller waits for the answer; async: it does not.")},
    {"latency_ms", FT_NUMBER, OFF(Edge, latency_ms), 0, N_("ms"), 0, 1e6, false, NULL, 0, false,
     N_("One-way network latency, added to the request and to the response.")},
    {"probability", FT_NUMBER, OFF(Edge, probability), 0, N_("probability"), 0, 1, false, NULL, 0,
     false, N_("Chance the call is made at all.")},
    {"fanout", FT_DIST, OFF(Edge, fanout), 0, N_("calls"), 0, 1e7, false, NULL, 0, false,
     N_("How many calls are made (a number or a distribution, rounded).")},
    {"timeout_ms", FT_NUMBER, OFF(Edge, timeout_ms), 0, N_("ms"), 0, 1e9, false, NULL, 0, false,
     N_("Per-attempt timeout (0 = none).")},
    {"retries", FT_INT, OFF(Edge, retries), 0, N_("attempts"), 0, 100, false, NULL, 0, false,
     N_("Extra attempts after a failure or timeout.")},
    {"backoff_ms", FT_NUMBER, OFF(Edge, backoff_ms), 0, N_("ms"), 0, 1e7, false, NULL, 0, false,
     N_("Base of exponential backoff with full jitter.")},
    {"backoff_max_ms", FT_NUMBER, OFF(Edge, backoff_max_ms), 0, N_("ms"), 0, 1e8, false, NULL, 0,
     false, N_("Largest backoff.")},
    {"retry_budget", FT_NUMBER, OFF(Edge, retry_budget), 0, N_("fraction"), 0, 10, false, NULL, 0,
     false, N_("Retries at most this fraction of first attempts (0 = unlimited).")},
    {"request_kb", FT_NUMBER, OFF(Edge, request_kb), 0, N_("KB"), 0, 1e9, false, NULL, 0, false,
     N_("Request payload; with bandwidth_mbps adds transmission time.")},
    {"response_kb", FT_NUMBER, OFF(Edge, response_kb), 0, N_("KB"), 0, 1e9, false, NULL, 0, false,
     N_("Response payload.")},
    {"bandwidth_mbps", FT_NUMBER, OFF(Edge, bandwidth_mbps), 0, N_("Mbit/s"), 0, 1e9, false, NULL, 0,
     false, N_("Link bandwidth for payload transmission (0 = unlimited).")},
    {"batch", FT_INT, OFF(Edge, batch), 0, N_("items per call"), 1, 10000000, false, NULL, 0, false,
     N_("A fan-out's copies are sent as calls of up to this many items each (1 = one call per "
     "copy), as fan-out pipelines write thousands of destinations per call.")},
    {"batch_item_ms", FT_NUMBER, OFF(Edge, batch_item_ms), 0, N_("ms"), 0, 1e6, false, NULL, 0,
     false,
     N_("With batch: the callee's service time for a call of m items is one draw of its "
     "service_ms plus (m - 1) x this.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_breaker_fields[] = {
    {"failure_ratio", FT_NUMBER, OFF(CircuitBreaker, failure_ratio), 0, N_("fraction"), 0, 1, true,
     NULL, 0, false, N_("Opens when this share of calls in a window fail.")},
    {"min_calls", FT_INT, OFF(CircuitBreaker, min_calls), 0, N_("calls"), 1, 1000000000, false, NULL,
     0, false, N_("...and the window saw at least this many calls.")},
    {"window_s", FT_NUMBER, OFF(CircuitBreaker, window_s), 0, N_("s"), 0, 1e6, true, NULL, 0, false,
     N_("Length of the counting window.")},
    {"open_s", FT_NUMBER, OFF(CircuitBreaker, open_s), 0, N_("s"), 0, 1e6, true, NULL, 0, false,
     N_("Time the breaker stays open, failing calls at once.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_autoscale_fields[] = {
    {"metric", FT_ENUM, OFF(Autoscale, metric), 0, "", 0, 0, false, scale_metric_enum, 0, false,
     N_("What is tracked: utilisation (busy share of the serving slots), inflight (requests in "
     "service or waiting per instance) or rate_rps (arrivals per second per instance).")},
    {"target", FT_NUMBER, OFF(Autoscale, target), 0, N_("metric per instance"), 0, 1e9, true, NULL, 0,
     false, N_("The metric's value per instance aimed at: desired = ceil(serving x metric / target).")},
    {"min_instances", FT_INT, OFF(Autoscale, min_instances), 0, "", 1, 100000, false, NULL, 0,
     false, N_("Fewest instances serving.")},
    {"max_instances", FT_INT, OFF(Autoscale, max_instances), 0, "", 1, 100000, false, NULL, 0,
     false, N_("Most instances held (serving and booting).")},
    {"interval_s", FT_NUMBER, OFF(Autoscale, interval_s), 0, N_("s"), 0.001, 1e6, false, NULL, 0,
     false, N_("Evaluation period: the metric is averaged over it and a decision made at its end.")},
    {"scale_out_cooldown_s", FT_NUMBER, OFF(Autoscale, scale_out_cooldown_s), 0, N_("s"), 0, 1e6,
     false, NULL, 0, false, N_("After a scale-out, no further scale-out for this long.")},
    {"scale_in_cooldown_s", FT_NUMBER, OFF(Autoscale, scale_in_cooldown_s), 0, N_("s"), 0, 1e6,
     false, NULL, 0, false, N_("After any scale action, no scale-in for this long.")},
    {"boot_s", FT_NUMBER, OFF(Autoscale, boot_s), 0, N_("s"), 0, 1e6, false, NULL, 0, false,
     N_("A launched instance is paid for at once and serves this long after its launch.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_request_fields[] = {
    {"name", FT_STRING, OFF(RequestType, name), 0, "", 0, 0, false, NULL, 0, true,
     N_("Request type name; edges filter on it.")},
    {"client", FT_STRING, OFF(RequestType, client), 0, "", 0, 0, false, NULL, 0, false,
     N_("Id of the client node that sends it (default: the only client).")},
    {"op", FT_ENUM, OFF(RequestType, op), 0, "", 0, 0, false, op_enum, 0, false,
     N_("read or write: caches answer writes locally, databases send reads to replicas.")},
    {"arrival", FT_ENUM, OFF(RequestType, arrival), 0, "", 0, 0, false, arrival_enum, 0, false,
     N_("Open loop arrival process.")},
    {"rate_rps", FT_NUMBER, OFF(RequestType, rate_rps), 0, N_("rps"), 0, 1e9, false, NULL, 0, false,
     N_("Open loop: requests per second.")},
    {"users", FT_INT, OFF(RequestType, users), 0, N_("users"), 0, 100000000, false, NULL, 0, false,
     N_("Closed loop: users, each with one request at a time.")},
    {"think_ms", FT_DIST, OFF(RequestType, think_ms), 0, N_("ms"), 0, 1e9, false, NULL, 0, false,
     N_("Closed loop: pause between an answer and the user's next request.")},
    {"sessions", FT_INT, OFF(RequestType, sessions), 0, N_("sessions"), 0, 10000000, false, NULL, 0,
     false,
     N_("Each request comes from one of this many sessions (users), uniformly; session k is the "
     "same in every type (0 = none).")},
    {"keys", FT_INT, OFF(RequestType, keys), 0, N_("keys"), 0, 1000000000, false, NULL, 0, false,
     N_("Distinct keys it reads or writes, for caches in the key model (0 = none: never cached).")},
    {"key_zipf", FT_NUMBER, OFF(RequestType, key_zipf), 0, N_("exponent"), 0, 10, false, NULL, 0,
     false, N_("Popularity of its keys: Zipf exponent s, key k asked with weight k^-s (0 = uniform).")},
    {"key_space", FT_INT, OFF(RequestType, key_space), 0, "", 0, 1000, false, NULL, 0, false,
     N_("Request types with the same key_space (> 0) share their keys, as a read and a write of "
     "one table do (0 = its keys are its own).")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_requirement_fields[] = {
    {"metric", FT_ENUM, OFF(Requirement, metric), 0, "", 0, 0, false, metric_enum, 0, true,
     N_("What is measured.")},
    {"request", FT_STRING, OFF(Requirement, request), 0, "", 0, 0, false, NULL, 0, false,
     N_("Request type (absent = all types together).")},
    {"max", FT_NUMBER, OFF(Requirement, max), 0, N_("metric's unit"), -BIG, BIG, false, NULL, 0,
     false, N_("Upper limit.")},
    {"min", FT_NUMBER, OFF(Requirement, min), 0, N_("metric's unit"), -BIG, BIG, false, NULL, 0,
     false, N_("Lower limit.")},
    {"label", FT_STRING, OFF(Requirement, label), 0, "", 0, 0, false, NULL, 0, false,
     N_("Human description, shown instead of the generated one (\"the confirmation email is sent: p99 <= 10 s\"); "
     "translated in scenario.translations. The app removes it when the requirement's limits, metric or request "
     "change: it described the old ones.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_event_fields[] = {
    {"at_s", FT_NUMBER, OFF(ScenarioEvent, at_s), 0, N_("s"), 0, 1e7, false, NULL, 0, true,
     N_("When it starts, in simulated seconds from the start (warm-up included).")},
    {"action", FT_ENUM, OFF(ScenarioEvent, action), 0, "", 0, 0, false, action_enum, 0, true,
     N_("fail instances of a node, surge a request rate, or slow a node down.")},
    {"node", FT_STRING, OFF(ScenarioEvent, node), 0, "", 0, 0, false, NULL, 0, false,
     N_("fail, slow: the node.")},
    {"zone", FT_STRING, OFF(ScenarioEvent, zone), 0, "", 0, 0, false, NULL, 0, false,
     N_("fail: instead of a node, every server placed in this zone.")},
    {"region", FT_STRING, OFF(ScenarioEvent, region), 0, "", 0, 0, false, NULL, 0, false,
     N_("fail: instead of a node, every server placed in a zone of this region.")},
    {"instances", FT_INT, OFF(ScenarioEvent, instances), 0, "", 0, 100000, false, NULL, 0, false,
     N_("fail: how many servers fail (0 = all).")},
    {"role", FT_ENUM, OFF(ScenarioEvent, role), 0, "", 0, 0, false, role_enum, 0, false,
     N_("fail, database: which servers: any (in order, shard 0's primary first), primary or "
     "replica.")},
    {"for_s", FT_NUMBER, OFF(ScenarioEvent, for_s), 0, N_("s"), 0, 1e7, false, NULL, 0, false,
     N_("How long it lasts (0 = to the end).")},
    {"request", FT_STRING, OFF(ScenarioEvent, request), 0, "", 0, 0, false, NULL, 0, false,
     N_("surge: request type (absent = all).")},
    {"factor", FT_NUMBER, OFF(ScenarioEvent, factor), 0, N_("x"), 0, 1e6, true, NULL, 0, false,
     N_("surge: rate multiplier; slow: service time multiplier.")},
    {"label", FT_STRING, OFF(ScenarioEvent, label), 0, "", 0, 0, false, NULL, 0, false,
     N_("Text shown on charts and in the scenario (\"sale opens: 5x\"); translated in scenario.translations. The "
     "app removes it when what the event does changes (its action, node, request, factor, count): it described "
     "the old event. Its timing can change and keep it.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_scenario_fields[] = {
    {"prompt", FT_STRING, OFF(Scenario, prompt), 0, "", 0, 0, false, NULL, 0, false,
     N_("The interview prompt, as an interviewer says it, with the numbers.")},
    {"hints", FT_STRLIST, OFF(Scenario, hints), OFF(Scenario, n_hints), "", 0, 0, false, NULL, 0,
     false, N_("Hints for the exercise, from a nudge to the answer, shown one at a time.")},
    {"duration_s", FT_NUMBER, OFF(Scenario, duration_s), 0, N_("s"), 0, 1e7, true, NULL, 0, false,
     N_("Simulated time measured, after the warm-up.")},
    {"warmup_s", FT_NUMBER, OFF(Scenario, warmup_s), 0, N_("s"), 0, 1e7, false, NULL, 0, false,
     N_("Simulated time before measuring starts, discarded.")},
    {"seed", FT_U64, OFF(Scenario, seed), 0, "", 0, 9007199254740991.0, false, NULL, 0, false,
     N_("Random seed: same file and seed give identical results.")},
    {"zone_latency_ms", FT_NUMBER, OFF(Scenario, zone_latency_ms), 0, N_("ms"), 0, 1e6, false, NULL,
     0, false, N_("One-way latency between two placed nodes of one zone.")},
    {"cross_zone_latency_ms", FT_NUMBER, OFF(Scenario, cross_zone_latency_ms), 0, N_("ms"), 0, 1e6,
     false, NULL, 0, false, N_("One-way latency between zones of one region.")},
    {"cross_region_latency_ms", FT_NUMBER, OFF(Scenario, cross_region_latency_ms), 0, N_("ms"), 0,
     1e6, false, NULL, 0, false,
     N_("One-way latency between regions that region_latency does not list.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_zone_fields[] = {
    {"id", FT_STRING, OFF(Zone, id), 0, "", 0, 0, false, NULL, 0, true,
     N_("Unique zone id (\"us-east-1a\"); nodes name it in zone or zones.")},
    {"region", FT_STRING, OFF(Zone, region), 0, "", 0, 0, false, NULL, 0, false,
     N_("Its region (\"us-east-1\"); absent = a region of its own.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_region_latency_fields[] = {
    {"from", FT_STRING, OFF(RegionLatency, from), 0, "", 0, 0, false, NULL, 0, true,
     N_("A region.")},
    {"to", FT_STRING, OFF(RegionLatency, to), 0, "", 0, 0, false, NULL, 0, true,
     N_("Another region (the latency holds both ways).")},
    {"latency_ms", FT_NUMBER, OFF(RegionLatency, latency_ms), 0, N_("ms"), 0, 1e6, false, NULL, 0,
     true, N_("One-way latency between them.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_envelope_fields[] = {
    {"id", FT_STRING, OFF(EnvelopeItem, id), 0, "", 0, 0, false, NULL, 0, true,
     N_("Unique slug (lowercase letters, digits, _); peak_rps replaces the peak derived from the "
     "traffic.")},
    {"label", FT_STRING, OFF(EnvelopeItem, label), 0, "", 0, 0, false, NULL, 0, true,
     N_("What is estimated, as the sheet shows it.")},
    {"unit", FT_ENUM, OFF(EnvelopeItem, unit), 0, "", 0, 0, false, unit_enum, 0, true,
     N_("Unit of the quantity: rps, per_s (other things per second), bytes, bytes_per_s, count.")},
    {"note", FT_STRING, OFF(EnvelopeItem, note), 0, "", 0, 0, false, NULL, 0, false,
     N_("Assumptions and sources, shown with the answer.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_factor_fields[] = {
    {"value", FT_NUMBER, OFF(EnvelopeFactor, value), 0, "", 0, 1e15, true, NULL, 0, true,
     N_("The number.")},
    {"label", FT_STRING, OFF(EnvelopeFactor, label), 0, "", 0, 0, false, NULL, 0, true,
     N_("What it counts, read after the number: \"tweets/s on average\", \"bytes per tweet\".")},
    {"divide", FT_BOOL, OFF(EnvelopeFactor, divide), 0, "", 0, 0, false, NULL, 0, false,
     N_("true: the quantity is divided by the value instead of multiplied.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_translation_fields[] = {
    {"title", FT_STRING, OFF(Translation, title), 0, "", 0, 0, false, NULL, 0, false,
     N_("The diagram's title in this language (absent = the English title).")},
    {"prompt", FT_STRING, OFF(Translation, prompt), 0, "", 0, 0, false, NULL, 0, false,
     N_("The interview prompt in this language (absent = the English prompt).")},
    {"hints", FT_STRLIST, OFF(Translation, hints), OFF(Translation, n_hints), "", 0, 0, false,
     NULL, 0, false, N_("The hints in this language: as many as scenario.hints, in the same order.")},
    {"requirements", FT_STRLIST, OFF(Translation, requirements), OFF(Translation, n_requirements), "", 0, 0,
     false, NULL, 0, false,
     N_("The requirements' labels in this language: one per entry of scenario.requirements, in the same order; "
     "\"\" where the English label stands, and for a requirement without a label (its description is "
     "written in every language).")},
    {"events", FT_STRLIST, OFF(Translation, events), OFF(Translation, n_events), "", 0, 0, false, NULL, 0, false,
     N_("The events' labels in this language, the same way: one per entry of scenario.events, in the same order; "
     "\"\" where the English label stands, and for an event without a label.")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_envelope_text_fields[] = {
    {"label", FT_STRING, OFF(EnvelopeText, label), 0, "", 0, 0, false, NULL, 0, false,
     N_("The quantity's label in this language (absent = the English label).")},
    {"factors", FT_STRLIST, OFF(EnvelopeText, factors), OFF(EnvelopeText, n_factors), "", 0, 0,
     false, NULL, 0, false,
     N_("The labels of its factors in this language: one per factor, in the same order (absent = "
     "the English labels).")},
    {"note", FT_STRING, OFF(EnvelopeText, note), 0, "", 0, 0, false, NULL, 0, false,
     N_("The note in this language (absent = the English note).")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc schema_dist_fields[] = {
    {"dist", FT_ENUM, OFF(Dist, kind), 0, "", 0, 0, false, dist_enum, 0, true,
     N_("constant, exponential, uniform (min, max), lognormal (mean, p99), pareto (mean, alpha).")},
    {"mean", FT_NUMBER, OFF(Dist, mean), 0, N_("field's unit"), 0, 1e9, false, NULL, 0, false,
     N_("Mean (constant, exponential, lognormal, pareto).")},
    {"p99", FT_NUMBER, OFF(Dist, p99), 0, N_("field's unit"), 0, 1e9, false, NULL, 0, false,
     N_("99th percentile (lognormal): at least the mean, at most ~14.9 x mean.")},
    {"min", FT_NUMBER, OFF(Dist, min), 0, N_("field's unit"), 0, 1e9, false, NULL, 0, false,
     N_("Lower bound (uniform).")},
    {"max", FT_NUMBER, OFF(Dist, max), 0, N_("field's unit"), 0, 1e9, false, NULL, 0, false,
     N_("Upper bound (uniform).")},
    {"alpha", FT_NUMBER, OFF(Dist, alpha), 0, "", 1, 100, true, NULL, 0, false,
     N_("Tail shape (pareto), > 1; smaller is heavier.")},
    {"cap", FT_NUMBER, OFF(Dist, cap), 0, N_("field's unit"), 0, 1e12, false, NULL, 0, false,
     N_("Every draw is at most this (0 = no cap).")},
    {NULL, 0, 0, 0, NULL, 0, 0, false, NULL, 0, false, NULL}};

const FieldDesc *schema_find(const FieldDesc *table, const char *name)
{
    for (; table->name; table++)
        if (strcmp(table->name, name) == 0) return table;
    return NULL;
}

/* Fields where a 0 is not an amount but a setting, by table: what it means, in a few
 * words (each field's doc says it in full). */
static const struct {
    const FieldDesc *table;
    const char *name, *ctx, *zero;
} zero_meanings[] = {
    {schema_node_fields, "hot_shard", NC_("what a 0 means", "evenly")},
    {schema_node_fields, "ttl_s", NC_("what a 0 means", "never")},
    {schema_node_fields, "partitions", NC_("what a 0 means", "one FIFO")},
    {schema_node_fields, "hot_partition", NC_("what a 0 means", "evenly")},
    {schema_node_fields, "visibility_timeout_s", NC_("what a 0 means", "none")},
    {schema_node_fields, "retention_s", NC_("what a 0 means", "until done")},
    {schema_node_fields, "timeout_ms", NC_("what a 0 means", "none")},
    {schema_node_fields, "rate_limit_rps", NC_("what a 0 means", "no limit")},
    {schema_node_fields, "burst", NC_("what a 0 means", "auto")},
    {schema_node_fields, "read_your_writes_ms", NC_("what a 0 means", "off")},
    {schema_node_fields, "failover_s", NC_("what a 0 means", "no failover")},
    {schema_node_fields, "detect_s", NC_("what a 0 means", "at once")},
    {schema_edge_fields, "timeout_ms", NC_("what a 0 means", "none")},
    {schema_edge_fields, "retry_budget", NC_("what a 0 means", "unlimited")},
    {schema_edge_fields, "bandwidth_mbps", NC_("what a 0 means", "unlimited")},
    {schema_request_fields, "sessions", NC_("what a 0 means", "none")},
    {schema_request_fields, "keys", NC_("what a 0 means", "none")},
    {schema_request_fields, "key_zipf", NC_("what a 0 means", "uniform")},
    {schema_request_fields, "key_space", NC_("what a 0 means", "its own")},
    {schema_event_fields, "instances", NC_("what a 0 means", "all")},
    {schema_event_fields, "for_s", NC_("what a 0 means", "to the end")},
    {schema_dist_fields, "cap", NC_("what a 0 means", "no cap")},
};

const char *schema_zero_meaning(const FieldDesc *f)
{
    if (!f || !f->name) return NULL;
    for (size_t i = 0; i < sizeof zero_meanings / sizeof zero_meanings[0]; i++) /* the name first: cheap */
        if (strcmp(f->name, zero_meanings[i].name) == 0 && schema_find(zero_meanings[i].table, f->name) == f)
            return zero_meanings[i].zero;
    return NULL;
}

bool schema_applies(const FieldDesc *f, NodeKind kind)
{
    return (f->kinds & KIND_BIT(kind)) != 0;
}

const char *schema_kind_doc(NodeKind k)
{
    switch (k) {
    case NODE_CLIENT: return "Where requests are born (open or closed loop); measures end-to-end latency.";
    case NODE_LOAD_BALANCER: return "Forwards each request to exactly one target by its policy, skipping failed ones.";
    case NODE_SERVICE: return "Does its work, then calls its outgoing edges.";
    case NODE_CACHE: return "Answers a read with probability hit_ratio, or from the keys it holds (key model); on a miss calls its backing edges.";
    case NODE_CDN: return "An edge cache: like cache, with CDN defaults.";
    case NODE_QUEUE: return "Acks the producer at once; consumers downstream pull when a worker is free.";
    case NODE_DATABASE: return "Writes go to the shard's primary, reads to its replicas; pool connections per server.";
    case NODE_OBJECT_STORE: return "Blob storage (S3): a latency distribution, practically unbounded capacity.";
    case NODE_EXTERNAL_API: return "A third-party API: a latency distribution and a rate limit.";
    default: return "";
    }
}

bool schema_dist_key_applies(DistKind k, const char *key)
{
    static const char *const keys[DIST_KIND_COUNT][4] = {
        [DIST_CONSTANT] = {"mean", NULL},
        [DIST_EXPONENTIAL] = {"mean", "cap", NULL},
        [DIST_UNIFORM] = {"min", "max", NULL},
        [DIST_LOGNORMAL] = {"mean", "p99", "cap", NULL},
        [DIST_PARETO] = {"mean", "alpha", "cap", NULL}};
    if ((unsigned)k >= DIST_KIND_COUNT) return false;
    for (int i = 0; i < 4 && keys[k][i]; i++)
        if (strcmp(keys[k][i], key) == 0) return true;
    return false;
}


bool schema_event_field_applies(EventAction a, const char *name)
{
    if (strcmp(name, "node") == 0) return a == EVENT_FAIL || a == EVENT_SLOW;
    if (strcmp(name, "instances") == 0 || strcmp(name, "role") == 0 || strcmp(name, "zone") == 0 ||
        strcmp(name, "region") == 0)
        return a == EVENT_FAIL;
    if (strcmp(name, "request") == 0) return a == EVENT_SURGE;
    if (strcmp(name, "factor") == 0) return a == EVENT_SURGE || a == EVENT_SLOW;
    return true;
}
