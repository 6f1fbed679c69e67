/*
 * requirements.h - checking a run against the scenario's requirements, and
 * naming the bottleneck of a run.
 */
#ifndef SIM_REQUIREMENTS_H
#define SIM_REQUIREMENTS_H

#include <stdbool.h>

#include "sim/model.h"
#include "sim/results.h"
#include "sim/util.h"

typedef struct Verdict {
    int requirement;  /* index in scenario.requirements */
    bool measured;    /* false when the figure does not exist (no such traffic) */
    double value;     /* measured value in the metric's unit */
    double half;      /* 95% CI half-width when replicated, else 0 */
    bool pass;
    double margin;    /* how far inside (positive) or outside (negative) the limit,
                         as a fraction of the limit */
} Verdict;

/* Why a requirement on `metric` measured nothing, in `lang` (NULL: English): "no such
 * traffic completed"; "no cache or CDN served a read" for the hit ratio, and so on for
 * the figures that are not a request type's. Static. */
const char *requirement_unmeasured_why(Metric metric, const char *lang);

/* A metric that is a share (0..1), written and typed in percent: error rate, stale
 * read rate, cache hit ratio. */
bool metric_is_share(Metric metric);
/* A metric that is a quantile of a histogram (p50 ... p99.9, the async p99): it moves in
 * steps of a histogram bucket (hist_resolution). */
bool metric_is_quantile(Metric metric);

/* The value of `metric` for request type `type` (-1: all types) in `r`. */
double metric_value(const Model *m, const Results *r, Metric metric, int type);
/* Whether `r` has that figure at all: false with no such traffic, no async work finished,
 * no cache read and so on (requirement_unmeasured_why says which); metric_value is then
 * 0, not a measurement. */
bool metric_measured(const Model *m, const Results *r, Metric metric, int type);

/* One verdict per requirement (caller frees the array). `half` may be NULL.
 * Returns the number of verdicts; *all_pass tells whether every one passed. */
int requirements_check(const Model *m, const Results *r, const Results *half,
                       Verdict **out, bool *all_pass);

/* A one-line human description of requirement i ("read_timeline p99 <= 200 ms"), or
 * its label as written when it has one. Caller frees. */
char *requirement_describe(const Model *m, int i);

/* The same in `lang`: "en" or NULL English, "ru" Russian ("read_timeline p99 <= 200 мс",
 * "доля ошибок <= 0.1%", "стоимость в месяц <= 4 000 USD"), "uk" Ukrainian; any other
 * code gives English. Request names, numbers and labels stay as written. Caller frees. */
char *requirement_describe_in(const Model *m, int i, const char *lang);

/* What a requirement's figure is: measured (4 significant digits), a limit (as written, up
 * to 6) or the 95% half-width of a measured one (2). */
typedef enum FigureKind { FIG_MEASURED, FIG_LIMIT, FIG_SPREAD } FigureKind;

/* A requirement's figure in its metric's unit and language `lang`, as the run report, the
 * grade and a comparison write it: "46.88 ms", "2.894 s", "0.35%", "1,083 USD", "72
 * сообщения" measured; "10 s", "150 ms", "0.1%", "4,000 USD" as limits; "0.23 ms" a
 * spread. Times of a second and more are in seconds, as a label would say them ("p99 <=
 * 10 s" beside "limit <= 10 s", not "10000 ms"). */
void requirement_put_value(StrBuf *b, Metric k, double x, FigureKind kind, const char *lang);

/* A measured x of requirement q as requirement_put_value writes it, with more digits where
 * its usual ones would show it on the wrong side of a limit: "89.97%" (not "90%") failing
 * ">= 90%", "40.04 ms" failing "<= 40 ms". */
void requirement_put_measured(StrBuf *b, const Requirement *q, double x, const char *lang);

/* The significant digits (at least `sig`, at most 9) that show x on the side of each of q's
 * limits that x is on: over a max x exceeds, at or under one x meets (a min likewise). At
 * every count of digits from the one returned up, rounding keeps x on its sides. */
int requirement_digits(const Requirement *q, double x, int sig);

/* A verdict's margin (a share of the limit) as a signed percentage, into out: "+25%",
 * "-3%"; under half a percent one significant digit, so a near miss does not read "-0%":
 * "-0.03%"; "-" when not finite. */
const char *requirement_margin_text(double margin, char *out, size_t cap);

/* A requirement's verdict in `lang`, "PASS" or "FAIL" ("ВЫПОЛНЕНО", "НЕ ВЫПОЛНЕНО"),
 * padded with spaces to the longer of the two, so the texts after it start in one
 * column; into out, returned. */
const char *requirement_verdict(bool pass, const char *lang, char *out, size_t cap);

/* Every requirement's description in each of archsim's languages (tr_langs, English
 * first), for reports that outlive the model (sweeps, comparisons): [l * n + q] for the
 * n requirements; the first n are requirement_describe's. Free with
 * requirement_names_free(names, n). */
char **requirement_describe_langs(const Model *m);
/* Requirement q's description in `lang` from such a table: English for NULL and for a
 * language archsim does not speak. */
const char *requirement_name_in(char *const *names, int n, int q, const char *lang);
void requirement_names_free(char **names, int n);
/* Describe them again on the calling thread, every language in its own screen style (a
 * table made by a worker thread writes "0.1%"; Russian and Ukrainian screens "0,1%",
 * numfmt.h), so a switch of language finds them ready; the screen style is then `lang`'s. */
void requirement_names_refresh(char **names, const Model *m, const char *lang);

/* Set r->bottleneck and r->bottleneck_why from the node figures: the node that
 * turned requests away, or the busiest one, or the consumers of a growing queue, or the
 * node such a node is backed up by. The sentence is in English and names nodes by label
 * and id ("Links DB (db)"), as the JSON report carries it (bottleneck_why_json). */
void results_find_bottleneck(const Model *m, Results *r);

/* The bottleneck sentence for people (the text report, the grade, the board), in
 * `lang`: NULL, "en" or any other code English; "ru" Russian, "uk" Ukrainian, with the
 * same numbers and node names ("Tweets DB (tweets_db): 128 слотов (4 сервера x 32
 * соединения) были заняты 80% времени; ..."). A count of messages is written thousands
 * apart and a queue's backlog says it counts the messages waiting ("the backlog of q
 * grew to 84,556 messages waiting for a consumer"); apart from that the English is
 * byte for byte r->bottleneck_why. Decided again from r's figures, so it needs no earlier
 * call. NULL when there is no sentence (no node but clients); else the caller frees.
 * Nodes are named by label and id (NAMING_LABEL_AND_ID), as reports read. */
char *bottleneck_why_in(const Model *m, const Results *r, const char *lang);

/* The same sentence naming nodes as `naming` says: NAMING_LABEL for a screen that draws
 * the nodes with their labels ("Links DB: its 20 slots ..."). */
char *bottleneck_why_named(const Model *m, const Results *r, const char *lang, NodeNaming naming);

/* The sentence as the JSON documents carry it (the report's bottleneck.why, byte for byte
 * r->bottleneck_why in English, and the grade's): bottleneck_why_named() with a count of
 * messages in bare digits and a backlog without its last words ("grew to 84556
 * messages"), as they have always had it. NULL when there is none; else the caller frees. */
char *bottleneck_why_json(const Model *m, const Results *r, const char *lang, NodeNaming naming);

/* For tests and translators: the number of pieces the sentence is made of, and piece
 * i in `lang` filled with sample arguments. Caller frees; NULL when i is out of
 * [0, bottleneck_message_count()). */
int bottleneck_message_count(void);
char *bottleneck_message_sample(int i, const char *lang);

/* Queue node q's consumer group (an index into Results.groups) whose partitions cap
 * its consumer (partitions < consumer slots), or -1. */
int queue_partition_capped(const Model *m, const Results *r, int q);
/* A consumer whose every consumer group is capped by its queue's partitions (4 partitions
 * let it use 4 of its 32 slots): the busy share of those usable slots (its utilisation,
 * of all its slots, times slots / usable, at most 1), their count and its slots' count;
 * false for any other node (each out may be NULL). Its utilisation (12%) hides that those
 * 4 are full. */
bool node_usable_share(const Model *m, const Results *r, int i, double *share, int *usable, int *slots);
/* For such a consumer, the queue whose partitions cap it (its first consumer group's) and
 * their count in *partitions; -1 for any other node. */
int node_capping_queue(const Model *m, const Results *r, int i, int *partitions);
/* Queue node q's consumer group whose hot partition 0 (hot_partition above an even
 * share) holds at least half the group's largest lag (and more than 100 messages), or -1. */
int queue_hot_partition(const Model *m, const Results *r, int q);

/* The busiest node queue node q delivers to (by utilisation), or -1. */
int queue_busiest_consumer(const Model *m, const Results *r, int q);

/* A database with read replicas: the busy share of its replicas, from its whole and its
 * primaries' (every server has the same pool); -1 for any other node. A node's whole
 * utilisation hides a replica at 100% beside an idle primary (51%). */
double node_replica_utilisation(const Model *m, const Results *r, int i);
/* The same when the replicas were full (95% busy or more) and busier than the whole: the
 * database is short of room though its utilisation does not say so; -1 otherwise. */
double node_replicas_full(const Model *m, const Results *r, int i);

/* A database of several servers whose busiest server was full over the run (95% busy
 * or more, NF_BUSIEST_SERVER_UTILISATION) while the whole was not, and neither its
 * primaries nor its replicas as a group say so: a hot shard (hot_shard sends a share of
 * all traffic to shard 0). Its utilisation; -1 otherwise. */
double node_server_full(const Model *m, const Results *r, int i);
/* A database whose hot_shard sends shard 0 more than its even share of the traffic. */
bool node_hot_shard_heavy(const Node *n);

/* The busiest share of node i's slots: a database's primaries may be busier than the
 * whole, its read replicas full where the whole is not, one of its servers full alone
 * (node_server_full), and a consumer capped by partitions full in the slots it can use
 * (node_usable_share). */
double node_busy_share(const Model *m, const Results *r, int i);

/* True when node i is over capacity in its own right: it looks short of room
 * (utilisation >= 0.95, its primaries' or its replicas' for a database, requests rejected
 * for lack of room, or, a queue, a backlog that grew over the run) and is not backed up
 * by a node below it (node_backed_up_by). */
bool node_over_capacity(const Model *m, const Results *r, int i);
/* Over capacity only at times: it turned work away (its queue full in a burst, a surge
 * before the autoscaler caught up, a failure) while busy under 95% of the run ("40% ...
 * OVER CAPACITY" read as a contradiction) and its queue under half full on average; a
 * queue node whose backlog grew is over all along. For a node node_over_capacity() calls over. */
bool node_over_at_times(const Model *m, const Results *r, int i);

/* True when node n makes synchronous calls: with blocking io it holds a slot while it
 * waits for them. */
bool node_has_sync_calls(const Model *m, const Node *n);
/* True when node n holds its slots while it waits for its calls: blocking io (not a
 * queue, which answers its producer at once) with synchronous calls. */
bool node_holds_while_waiting(const Model *m, const Node *n);
/* For a node that holds while waiting: the share of the time its slots were held that
 * went to waiting for downstream calls, as the run measured it (its slots busy on
 * average, less those its own work kept busy: requests done per second x mean service
 * time), in [0, 1]; -1 when the run cannot say (nothing done there, or autoscaled). */
double node_downstream_share(const Model *m, const Results *r, int i);
/* True when blocking io is what fills node i: it holds while waiting, and waiting for
 * downstream calls took at least half the time its slots were held, so async io would
 * at least double what its slots do. With less, its own work fills it, and async io
 * would free only the waiting share. */
bool node_blocked_by_waiting(const Model *m, const Results *r, int i);

/* An io=async node's in-flight limit: max_inflight x its instances (a database's
 * servers), the requests it has in progress at most, waiting on their calls included. */
long long node_inflight_limit(const Node *n);
/* The time node i had every in-flight place taken (NF_INFLIGHT_FULL_S), when long enough
 * to matter: at least INFLIGHT_FULL_MIN_S or 5% of the measured window; -1 otherwise.
 * Requests then wait for a place though its slots are free. */
#define INFLIGHT_FULL_MIN_S 2
double node_inflight_full_s(const Model *m, const Results *r, int i);
/* For a node whose in-flight places were all taken (node_inflight_full_s): the node it
 * calls synchronously whose answers held the most of them (calls per second x their
 * latency there, Little's law), when its calls held more of them than its own work did;
 * -1 otherwise. */
int node_inflight_held_by(const Model *m, const Results *r, int i);
/* The same for a blocking node whose threads were mostly held waiting
 * (node_blocked_by_waiting): the callee holding the most of them; -1 otherwise. */
int node_threads_held_by(const Model *m, const Results *r, int i);
/* True when node i was short of room over the run (busy 95% or more, requests turned
 * away, a backlog that grew) or for a while (95% busy or more for FULL_AT_TIMES_MIN
 * seconds, the whole or a database's busiest server). */
bool node_full_some_time(const Model *m, const Results *r, int i);

/* The nodes request type t waits for on its request path: reached from its client over
 * synchronous edges that carry it, not past a queue (which answers its producer at once).
 * from[] (m->n_nodes) gets the node each was reached from, -1 for the client, -2 where
 * not reached (breadth first: the shortest path back). */
void request_sync_reach(const Model *m, int t, int *from);
/* The node scenario event k slows down (a `slow` event with a factor over 1) within the
 * measured window of r, its end in *end_s (the run's end for one without for_s); -1
 * otherwise. */
int slow_event_node(const Model *m, const Results *r, int k, double *end_s);

/* Full at times without a figure of the whole run saying so: a node under 95% busy over
 * the run that turned nothing away, yet was 95% busy or more in FULL_AT_TIMES_MIN seconds
 * of the measured window or more (a failure or a surge while it ran), or a database of
 * several servers whose busiest server was (NS_BUSIEST_SERVER: a replica left alone by a
 * failure, a hot shard), where its requests waited long enough to matter (their wait p99
 * a tenth of the slowest request type's p99 or more). */
#define FULL_AT_TIMES_MIN 2
typedef struct FullAtTimes {
    double full_s, measured_s; /* time at 95% busy or more, of the measured window */
    double from_s, to_s;       /* the first such second's start, the last one's end */
    double wait_p99_ms;        /* the node's wait for a slot, p99 over the run */
    int event;                 /* a scenario event on during [from_s, to_s), or -1 */
    bool by_server;            /* its busiest server was full, not the whole */
    int held;                  /* a blocking caller full then too, its slots held waiting
                                  for this node (node_most_full_at_times), or -1 */
    double held_wait_p99_ms;   /* that caller's wait for a slot, p99 over the run */
} FullAtTimes;
bool node_full_at_times(const Model *m, const Results *r, int i, FullAtTimes *out);
/* The node whose answers held node i's in-flight places or threads (node_inflight_held_by,
 * node_threads_held_by) when it was full at times (node_full_at_times) and never short of
 * room over the run, its seconds in *out; -1 otherwise. */
int node_full_callee_at_times(const Model *m, const Results *r, int i, FullAtTimes *out);
/* The node full at times the longest (then the longer waits), or -1. A blocking node full
 * at times, its slots mostly held waiting (node_blocked_by_waiting), while a node it calls
 * synchronously was full too (whose own wait may be short: its callers' held slots bound
 * its queue) was waiting on it: that node is the one returned, with the caller in
 * out->held. */
int node_most_full_at_times(const Model *m, const Results *r, FullAtTimes *out);
/* The node a run with no bottleneck (r->bottleneck < 0: nothing short of room over the
 * run) was full at times, as the bottleneck sentence names it and the report, the grade
 * and the board mark it; in a run with a bottleneck, the node whose answers held the
 * bottleneck's in-flight places (node_inflight_held_by) when it was full at times and
 * never short of room over the run (the cache-restart starter's Postgres replica behind
 * Redis); else -1 (the bottleneck is the story). */
int results_full_at_times(const Model *m, const Results *r, FullAtTimes *out);

/* The node that node i is backed up by, or -1: i looks short of room (as above) while
 * its own work leaves its slots mostly idle (utilisation under 90%; for blocking io
 * with synchronous calls, throughput x mean service time / slots, since its slots are
 * also held waiting), and a node it calls synchronously, directly or further down, is
 * over capacity in its own right: the nearest such node (the busiest of the nearest). */
int node_backed_up_by(const Model *m, const Results *r, int i);

/* node_backed_up_by() of every node at once ([m->n_nodes], -1 none), in O(nodes x
 * edges) at worst; the caller frees. When `over` is not NULL it gets
 * node_over_capacity() of every node ([m->n_nodes]). */
int *node_backed_up_all(const Model *m, const Results *r, bool *over);

#endif
