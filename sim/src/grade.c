/*
 * grade.c - verdicts per requirement and hints derived from the run (see grade.h).
 *
 * The verdicts come from requirements_check() and the bottleneck from
 * results_find_bottleneck(); this file only reads the figures they leave and turns
 * them into advice. A hint names what the run shows (a node's load, its rejections, a
 * growing backlog, failed servers, timeouts) and the remedies an interviewer expects
 * for that kind of node and that cause.
 *
 * Every sentence is in English, Russian and Ukrainian. The texts live in tables indexed
 * by id and language: MESSAGES (printf formats, each with its parameter types), WORDS
 * (fixed texts) and, shared with requirements.c in i18n.h, the forms a noun takes after
 * a number. A message is printed through a generated function say_ID(b, lang, args...)
 * that first passes all three formats with the real arguments through a printf-checked
 * no-op, so the compiler tells when a translation's conversions do not match the
 * arguments.
 */
#include "sim/grade.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sim/sources.h"
#include "sim/analytic.h"
#include "sim/cache_theory.h"
#include "sim/numfmt.h"
#include "sim/util.h"

#define MAX_NODE_HINTS 3   /* the most saturated nodes get a hint each */
#define ERR_SIGNIFICANT 1e-4 /* share of requests before an error cause earns a hint */

static const char *const cause_names[CAUSE_COUNT] = {
    "saturated", "blocking_io", "rejected",     "rate_limited", "backlog",     "failed",
    "retry_storm", "timeouts",  "circuit_open", "latency_path", "cost",        "stale_reads",
    "cache_small", "full_at_times", "slow_node"};

const char *grade_cause_name(GradeCause c)
{
    return (unsigned)c < CAUSE_COUNT ? cause_names[c] : "?";
}

/* ---- languages and texts --------------------------------------------------------------- */

/* Formatted messages: X(ID, (parameters), (arguments), (sample arguments), N_(en)).
 * The three formats take the same arguments in the same order. Sample arguments are
 * evaluated with `l` (the language) in scope, for grade_message_sample(). */
#define MESSAGES(X) \
    X(NODE_LOAD, (const char *id, const char *pct), (id, pct), ("pg", "97%"), N_("%s at %s utilisation")) \
    /* a database whose primaries or read replicas are busier than the whole */ \
    X(NODE_PRIMARIES, (const char *pct), (pct), ("97%"), N_(" (its primaries %s)")) \
    X(NODE_REPLICAS, (const char *pct), (pct), ("100%"), N_(" (its read replicas %s)")) \
    /* a database one of whose servers was full alone (node_server_full) */ \
    X(NODE_SERVER, (const char *pct), (pct), ("100%"), N_(" (its busiest server %s)")) \
    /* its remedy when hot_shard sends shard 0 more than its share */ \
    X(REMEDY_HOT_SHARD, (const char *pct), (pct), ("70%"), N_("hot_shard sends %s of all its requests to shard 0, whose servers no other shard can help: more shards leave that share where it is. Spread the hot key (a suffix per request), put a cache in front of it for its reads, or add read replicas, which share each shard's reads")) \
    X(NODE_REJECTED, (const char *pct), (pct), ("3.5%"), N_(", %s of its requests rejected with the queue full")) \
    X(NODE_WAITED, (const char *wait), (wait), ("22 ms"), N_(", requests waited %s for a slot on average")) \
    X(NODE_WAITED_PLACE, (const char *wait), (wait), ("1.04 s"), N_(", requests waited %s for a slot or an in-flight place on average")) \
    /* an io=async node whose in-flight places were all taken for a while (max_inflight x instances) */ \
    X(NODE_INFLIGHT, (const char *limit, const char *full, const char *measured), (limit, full, measured), ("1,000", "10.3 s", "40 s"), N_(", its in-flight limit (%s) reached for %s of the %s measured")) \
    /* its remedy when calls waiting on a node that was full then held its places */ \
    X(REMEDY_INFLIGHT_FULL_BELOW, (const char *id, const char *id2, const char *id3), (id, id2, id3), ("pg", "pg", "pg"), N_("its places were held by calls waiting on %s, which was full at times: give %s room for that load, or send it less (coalesce, cache); a higher max_inflight here would only move the wait to %s")) \
    /* a blocking node's: its threads held by calls waiting on a node full at times */ \
    X(REMEDY_THREADS_FULL_BELOW, (const char *id, const char *id2, const char *id3), (id, id2, id3), ("pg", "pg", "pg"), N_("its workers were held by calls waiting on %s, which was full at times: give %s room for that load, or send it less (a cache, coalescing); more workers or async io here alone would only move the wait to %s")) \
    /* ... on a node that was not full (slow, or far) */ \
    X(REMEDY_INFLIGHT_SLOW_BELOW, (const char *id), (id), ("payments"), N_("its places were held by calls waiting on %s: raise max_inflight (or add instances) so that more calls can wait at once, or shorten that wait")) \
    X(NODE_OWN_WORK, (const char *pct), (pct), ("80%"), N_(" (blocking io, but its own work took %s of the time a worker was held: async io would free only the rest)")) \
    X(QUEUE_REJECTED, (const char *id, const char *pct, int brokers, int slots), (id, pct, brokers, slots), ("kafka", "12%", 3, 8), N_("%s rejected %s of its messages with %d brokers x %d slots busy: add brokers (instances) or broker threads (workers).")) \
    X(QUEUE_BACKLOG, (const char *id, const char *n, const char *noun, const char *space, const char *consumer), (id, n, noun, space, consumer), ("orders", "125,000", i18n_counted(l, NOUN_MESSAGES, 125000), " ", "worker"), N_("%s's backlog grew to %s %s: its consumers%s%s cannot keep up; add consumer instances or workers, make them async, or cut their work per message.")) \
    X(QUEUE_PARTITIONS, (const char *id, int p, const char *noun_p, const char *verb, long long slots, const char *noun_s, const char *consumer, int usable), (id, p, noun_p, verb, slots, noun_s, consumer, usable), ("orders", 3, i18n_counted(l, NOUN_PARTITIONS, 3), i18n_counted(l, VERB_CAP, 3), 12LL, i18n_counted(l, NOUN_SLOTS, 12), "workers", 3), N_("%s: %d %s %s the %lld consumer %s of %s at %d; raise partitions to at least the consumer slots (one slot per partition at a time), or cut the work per message.")) \
    X(QUEUE_HOT_PARTITION, (const char *id, const char *pct), (id, pct), ("orders", "50%"), N_("%s: its hot partition 0 takes %s of the messages, and only one consumer slot at a time can take them; spread the hot key (a suffix per message) or cut the work per message.")) \
    X(RATE_LIMITED, (const char *id, const char *rps, const char *pct), (id, rps, pct), ("api", "5000", "8.5%"), N_("%s's rate limit (%s rps) turned away %s of its arrivals: raise rate_limit_rps if what is behind it has room, or keep it as the guard it is and budget for the refusals.")) \
    X(FAILED, (const char *id), (id), ("api"), N_("%s lost servers")) \
    X(FAILED_AT, (const char *at_s), (at_s), ("15.5"), N_(" (the scenario's failure at %s s)")) \
    X(FAILED_REQUESTS, (const char *n), (n), ("4,321"), N_(" and %s requests failed there: run N+1 (enough servers that the survivors carry the peak), spread them over zones, and let callers fail over to a healthy instance.")) \
    X(FAILOVER_WRITES, (const char *n, const char *delay), (n, delay), ("128", "2"), N_(" Of them, %s were writes during the promotion of a replica (%s s): failover_writes \"wait\" holds them for the new primary instead, and a shorter failover_s fails fewer.")) \
    X(STALE_READS, (const char *id, const char *pct, const char *lag, const char *gap, const char *fix), (id, pct, lag, gap, fix), ("pg", "4.2%", "250 ms", "100 ms", "250"), N_("%s answered %s of its sessions' reads stale: replica lag p99 %s against a read-after-write within %s (median); send a session's reads to the primary after its write for longer than the lag (read_your_writes_ms >= %s), or cut the lag.")) \
    X(STALE_READS_WINDOW, (const char *id, const char *pct, const char *lag, const char *window, const char *fix), (id, pct, lag, window, fix), ("pg", "1.1%", "250 ms", "100 ms", "250"), N_("%s answered %s of its sessions' reads stale: replica lag p99 %s against a read-your-writes window of %s; raise read_your_writes_ms to at least %s (more reads go to the primary), or cut the lag.")) \
    X(RETRY_STORM, (const char *pct, const char *from, const char *to, int n, const char *noun), (pct, from, to, n, noun), ("25%", "lb", "api", 2, i18n_counted(l, NOUN_TIMES, 2)), N_("%s of requests timed out, and %s -> %s retries %d %s with no retry budget and no circuit breaker: under a failure every layer multiplies the load (3 tries at 2 layers = 9x) and the retries keep the overload going. Set retry_budget (about 0.1), add a circuit_breaker, back off with jitter, and retry at one layer only.")) \
    X(TIMEOUTS, (const char *pct), (pct), ("1.5%"), N_("%s of requests timed out: a timeout below the latency of a loaded or failed node turns slowness into errors; fix the slow node (see above), or set the timeout near the downstream's p99.9 under load.")) \
    X(CIRCUIT_OPEN, (const char *pct), (pct), ("4.25%"), N_("circuit breakers failed %s of requests fast: they protect a failing or overloaded node; give that node headroom (or a fallback, such as a cached answer) so they stop tripping.")) \
    X(CACHE_SMALL, (const char *id, const char *pct, const char *hit, const char *entries, const char *now, const char *target), (id, pct, hit, entries, now, target), ("cache", "40%", "71%", "140,000", "100,000", "90%"), N_("%s is too small for its hot set: it needs %s more entries (hit ratio %s). About %s entries per instance (capacity_keys, now %s) would give %s (Che's approximation); or add instances.")) \
    X(CACHE_TTL, (const char *id, const char *ttl, const char *cap, const char *hit, const char *target), (id, ttl, cap, hit, target), ("cache", "60", "89%", "63%", "90%"), N_("%s's TTL of %s s caps its hit ratio at %s whatever its size (now %s, %s wanted): a key read r times a second hits r x TTL / (1 + r x TTL) of its reads. Lengthen ttl_s, and keep data fresh by dropping keys on writes (write_policy write_around).")) \
    X(FULL_AT_TIMES, (const char *id, const char *blocking, const char *full, const char *measured, const char *from, const char *to, const char *during, const char *wait), (id, blocking, full, measured, from, to, during, wait), ("app", "", "9 s", "30 s", "16", "25", "", "381 ms"), N_("%s was full at times%s: 95%% busy or more for %s of the %s measured (between %s and %s s)%s, and requests waited up to %s (p99) for a slot there, though no figure of the whole run says so. Capacity for the average does not cover those seconds: give it room for them (instances or workers; async io frees a slot while it waits) or, when it waits on a node below, give that node room, so that a failure or a surge still leaves enough (N+1).")) \
    X(SERVER_FULL_AT_TIMES, (const char *id, const char *full, const char *measured, const char *from, const char *to, const char *during, const char *whole, const char *wait), (id, full, measured, from, to, during, whole, wait), ("pg", "10 s", "30 s", "15", "25", "", "41%", "25.6 ms"), N_("%s was full at times: its busiest server was 95%% busy or more for %s of the %s measured (between %s and %s s)%s, though the whole was %s busy over the run, and requests waited up to %s (p99) for a slot there. The whole hides a replica or shard that is full alone: give each room for those seconds (another read replica, a larger pool, more shards), so that a failure or a surge still leaves enough (N+1).")) \
    X(HELD_AT_TIMES, (const char *id, const char *wait), (id, wait), ("app", "381 ms"), N_(" %s, which calls it, was full then too, its slots held waiting for it (requests waited up to %s (p99) for a slot there): room there would not help while this node is short.")) \
    X(FULL_DURING, (const char *event), (event), ("a replica dies"), N_(", while the scenario's event '%s' was on")) \
    X(SLOW_NODE, (const char *id, const char *factor, const char *from, const char *to, const char *during, const char *types, const char *path), (id, factor, from, to, during, types, path), ("email", "5", "15", "30", "", "place_order", "gateway \xE2\x86\x92 orders \xE2\x86\x92 email"), N_("%s slowed down \xC3\x97%s between %s and %s s%s, and %s waits for it on the request path (%s): with no node at capacity, that call is where the time goes. Take it off the path (send the work through a queue and answer at once), or give the call a timeout with a fallback, so that a slow dependency does not slow every request.")) \
    X(COST, (const char *usd), (usd), ("5,321"), N_("the design costs %s USD per month")) \
    X(COST_BUDGET, (const char *max), (max), ("4,000"), N_(", over the budget of %s USD")) \
    X(COST_NODE, (const char *sep, const char *id, int n, const char *noun, const char *price, const char *total), (sep, id, n, noun, price, total), (",", "big", 10, i18n_counted(l, NOUN_SERVERS, 10), "0.096", "701"), N_("%s %s (%d %s x %s USD/h x 730 h = %s USD)")) \
    X(NOT_MEASURED, (const char *why), (why), (requirement_unmeasured_why(METRIC_HIT_RATIO, i18n_code(l))), N_("nothing (%s)")) \
    X(TEXT_TITLE, (const char *title), (title), ("Twitter"), N_("Grade: %s\n")) \
    X(TEXT_RUN, (unsigned long long seed, const char *duration_s, const char *warmup_s), (seed, duration_s, warmup_s), (13ULL, "40", "5"), N_("  seed %llu, %s s measured after %s s of warm-up")) \
    X(TEXT_REPLICATIONS, (int n), (n), (5), N_(", %d replications (mean \xC2\xB1 95%% CI)")) \
    X(TEXT_ITEM, (const char *verdict, const char *text, const char *value, const char *limit, const char *margin), (verdict, text, value, limit, margin), (word(l, WORD_PASS), "p99 <= 200 ms", "150 ms", "<= 200 ms", "+25%"), N_("  %s  %s\n        measured %s, limit %s, margin %s\n")) \
    X(TEXT_ITEM_FAR, (const char *verdict, const char *text, const char *value, const char *limit, const char *times, const char *noun), (verdict, text, value, limit, times, noun), (word(l, WORD_FAIL), "error rate <= 1%", "25.6%", "<= 1%", "25.6", i18n_times(l, 25.6)), N_("  %s  %s\n        measured %s, limit %s: %s %s the limit\n")) \
    X(TEXT_RESULT, (const char *verdict, int passed, int n), (verdict, passed, n), (word(l, WORD_RESULT_FAIL), 2, 3), N_("\nResult: %s (%d of %d requirements pass)\n")) \
    X(TEXT_COST, (const char *usd), (usd), ("1,618"), N_("Cost: %s USD per month\n")) \
    X(TEXT_BOTTLENECK, (const char *why), (why), ("pg: its 20 slots were 100% busy."), N_("Bottleneck: %s\n")) \
    X(TEXT_ERRORS_UNGUARDED, (const char *pct, const char *cause, const char *limit), (pct, cause, limit), ("24.8%", "node down", "0.1%"), N_("Note: %s of requests failed (most of them: %s), and no requirement limits errors, so only the requests that succeeded were graded. Add a requirement on the error rate (at most %s, say) to grade them.")) \
    X(TEXT_SCENARIO_HINTS, (const char *open, const char *code, const char *close), (open, code, close), (" (", i18n_code(l), ")"), N_("\nHints from the scenario%s%s%s:\n"))

/* Fixed texts: X(ID, N_(en)). */
#define WORDS(X) \
    X(WORD_PASS, N_("PASS")) \
    X(WORD_FAIL, N_("FAIL")) \
    X(WORD_RESULT_PASS, N_("PASS")) \
    X(WORD_RESULT_FAIL, N_("FAIL")) \
    X(WORD_UNTITLED, N_("(untitled)")) \
    X(WORD_NO_REQUIREMENTS, N_("  The scenario has no requirements to grade.\n")) \
    X(WORD_NO_TRAFFIC, N_("  The scenario has no request types: nothing was sent through the design.\n")) \
    X(WORD_RESULT_NONE, N_("\nResult: NOTHING TO GRADE (no requirements, or no traffic to measure)\n")) \
    X(WORD_RUN_SHOWS, N_("\nWhat the run shows, and the usual remedies:\n")) \
    X(WORD_BLOCKING_IO, N_(" (blocking io: each worker is held while it waits for downstream calls, so the pool runs out long before the CPU)")) \
    X(WORD_COST_TOP, N_("; the most expensive nodes:")) \
    X(WORD_COST_REMEDY, N_(". Remove servers the run shows idle (low utilisation), or let a cache or async io do the work of many servers.")) \
    X(WORD_LATENCY_PATH, N_("no node is at capacity, so the time goes to the path itself: service times, network hops and calls made one after another. Trace one request (the app's Trace tab, or archsim-cli run FILE --trace TYPE) to see where; parallel calls, fewer hops, async work off the request path, or a cache or CDN near the users shorten it.")) \
    /* the usual remedies for a saturated node, by kind */ \
    /* a database one of whose servers was full while the others had room, when no setting of the design says why */ \
    X(REMEDY_SERVER, N_("one of its servers was full while the others had room: spread the traffic evenly (a hot key, a hot shard), or give that server room (read replicas, a larger pool)")) \
    X(REMEDY_DATABASE, N_("add read replicas (for reads), put a cache in front of it, or shard it (for writes); a bigger pool only helps while the servers have CPU to spare")) \
    X(REMEDY_CACHE, N_("add cache instances (shards), or keep fewer, hotter keys so each lookup is cheaper")) \
    X(REMEDY_CDN, N_("raise the CDN's capacity or cache hit ratio")) \
    X(REMEDY_LOAD_BALANCER, N_("add load balancer instances")) \
    X(REMEDY_QUEUE, N_("add brokers (instances) or broker threads (workers)")) \
    X(REMEDY_EXTERNAL, N_("cache its answers, batch or coalesce calls, or move the call off the request path (a queue and a worker)")) \
    X(REMEDY_INFLIGHT, N_("raise max_inflight or add instances, so that more requests can be in progress at once")) \
    X(REMEDY_SERVICE_BLOCKING, N_("add instances or workers, or switch to async io so waiting for downstream calls does not hold a worker")) \
    X(REMEDY_SERVICE, N_("add instances (horizontal scale), cut its service time, or cache what it computes"))

typedef enum MessageId { MESSAGES(I18N_MESSAGE_ID) MSG_COUNT } MessageId;

typedef enum WordId {
#define X(id, en) id,
    WORDS(X)
#undef X
    WORD_COUNT
} WordId;

static const char *const messages[MSG_COUNT] = {MESSAGES(I18N_MESSAGE_TEXT)};

static const char *const words[WORD_COUNT] = {
#define X(id, en) [id] = en,
    WORDS(X)
#undef X
};

static const char *word(Lang l, WordId w)
{
    /* A requirement's verdict ("ВЫПОЛНЕНО") is not the run's ("ПРОЙДЕНО"): another context. */
    if (w == WORD_PASS) return tr_pin(i18n_code(l), "requirement", "PASS");
    if (w == WORD_FAIL) return tr_pin(i18n_code(l), "requirement", "FAIL");
    return tr_in(i18n_code(l), words[w]);
}

/* say_ID(b, l, args...): one typed function per message. */
MESSAGES(I18N_MESSAGE_SAY)

int grade_message_count(void)
{
    return MSG_COUNT + WORD_COUNT;
}

char *grade_message_sample(int i, const char *lang)
{
    Lang l = i18n_lang(lang);
    StrBuf b;
    sb_init(&b);
    switch (i) {
#define X(id, params, args, sample, en)                                              \
    case MSG_##id: say_##id(&b, l, I18N_UNPAREN sample); break;
        MESSAGES(X)
#undef X
    default:
        if (i < MSG_COUNT || i >= MSG_COUNT + WORD_COUNT) {
            sb_free(&b);
            return NULL;
        }
        sb_puts(&b, word(l, (WordId)(i - MSG_COUNT)));
    }
    return sb_take(&b);
}

/* ---- figures as the texts show them (numfmt.h) --------------------------------------------- */

typedef struct Num {
    char s[NUMFMT_CAP];
} Num;

/* A share of requests: "0.35%", "67.3%", "< 0.01%". */
static Num share(double fraction)
{
    Num n;
    numfmt_percent_fine(fraction, n.s, sizeof n.s);
    return n;
}

/* A utilisation: "97%", "< 1%". */
static Num load(double fraction)
{
    Num n;
    numfmt_percent(fraction, n.s, sizeof n.s);
    return n;
}

/* A value as written: a limit, a price, a time of the scenario. */
static Num written(double v)
{
    Num n;
    numfmt_decimal(v, 6, n.s, sizeof n.s);
    return n;
}

/* A count or an amount in whole units, grouped as the language groups them: "1,749",
 * "1 749". */
static Num grouped(double v, Lang l)
{
    Num n;
    numfmt_grouped(v, numfmt_thousands(i18n_code(l)), n.s, sizeof n.s);
    return n;
}

static Num duration(double ms, Lang l)
{
    Num n;
    numfmt_ms_in(ms, i18n_code(l), n.s, sizeof n.s);
    return n;
}

/* A node as the hints name it ("Links DB" on screen, "Links DB (db)" in reports). */
typedef struct Name {
    char s[200];
} Name;

static Name name_of(const Model *m, const Node *n, NodeNaming naming, Lang l)
{
    Name x;
    node_name_in(m, n, naming, i18n_code(l), x.s, sizeof x.s);
    return x;
}

/* The node with this id named so; the id itself when there is no such node. */
static Name name_by_id(const Model *m, const char *id, NodeNaming naming, Lang l)
{
    int i = id ? model_find_node(m, id) : -1;
    if (i >= 0) return name_of(m, &m->nodes[i], naming, l);
    Name x;
    snprintf(x.s, sizeof x.s, "%s", id ? id : "?");
    return x;
}

/* ---- collecting hints ------------------------------------------------------------------ */

typedef struct Hints {
    GradeHint *items;
    int n, cap;
} Hints;

static void hint_add(Hints *h, GradeCause cause, int node, int edge, char *text)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 8;
        h->items = xrealloc(h->items, (size_t)h->cap * sizeof *h->items);
    }
    h->items[h->n++] = (GradeHint){cause, node, edge, text, NULL};
}

/* No node short of room over the run, yet one was full for a while (a failure, a
 * surge): that, not the path, is where the time went (node_full_at_times). */
static void full_hint(const Model *m, const Results *r, Lang l, NodeNaming naming, Hints *h)
{
    FullAtTimes w;
    int i = results_full_at_times(m, r, &w);
    if (i < 0) return;
    const Node *n = &m->nodes[i];
    const char *label = w.event >= 0 ? scenario_event_label_in(&m->scenario, w.event, i18n_code(l)) : NULL;
    StrBuf during, b;
    sb_init(&during);
    sb_init(&b);
    if (label) say_FULL_DURING(&during, l, label);
    if (w.by_server) {
        char whole[NUMFMT_CAP];
        say_SERVER_FULL_AT_TIMES(&b, l, name_of(m, n, naming, l).s, duration(w.full_s * 1000, l).s,
                                 duration(w.measured_s * 1000, l).s, written(w.from_s).s, written(w.to_s).s,
                                 during.data ? during.data : "",
                                 numfmt_percent(r->nodes[i][NF_UTILISATION], whole, sizeof whole),
                                 duration(w.wait_p99_ms, l).s);
    } else {
        say_FULL_AT_TIMES(&b, l, name_of(m, n, naming, l).s, node_blocked_by_waiting(m, r, i) ? word(l, WORD_BLOCKING_IO) : "",
                          duration(w.full_s * 1000, l).s, duration(w.measured_s * 1000, l).s, written(w.from_s).s,
                          written(w.to_s).s, during.data ? during.data : "", duration(w.wait_p99_ms, l).s);
    }
    if (w.held >= 0)
        say_HELD_AT_TIMES(&b, l, name_of(m, &m->nodes[w.held], naming, l).s, duration(w.held_wait_p99_ms, l).s);
    sb_free(&during);
    hint_add(h, CAUSE_FULL_AT_TIMES, i, -1, sb_take(&b));
}

/* The usual remedies for saturated node i of its kind (a blocking service: async io
 * where waiting for its calls is what fills it). */
static const char *remedy(const Model *m, const Results *r, int i, Lang l)
{
    const Node *n = &m->nodes[i];
    switch (n->kind) {
    case NODE_DATABASE: return word(l, REMEDY_DATABASE);
    case NODE_CACHE: return word(l, REMEDY_CACHE);
    case NODE_CDN: return word(l, REMEDY_CDN);
    case NODE_LOAD_BALANCER: return word(l, REMEDY_LOAD_BALANCER);
    case NODE_QUEUE: return word(l, REMEDY_QUEUE);
    case NODE_OBJECT_STORE:
    case NODE_EXTERNAL_API: return word(l, REMEDY_EXTERNAL);
    case NODE_SERVICE:
    default:
        if (node_blocked_by_waiting(m, r, i)) return word(l, REMEDY_SERVICE_BLOCKING);
        return word(l, REMEDY_SERVICE);
    }
}

static double node_score(const Model *m, const Results *r, int i)
{
    const double *f = r->nodes[i];
    if (m->nodes[i].kind == NODE_CLIENT) return -1;
    double s = f[NF_UTILISATION];
    if (f[NF_ARRIVALS] > 0 && f[NF_REJECTED] > 0) s = 1 + f[NF_REJECTED] / f[NF_ARRIVALS];
    return s;
}

/* Hints about nodes that ran out of room: the bottleneck first, then the others
 * over capacity, most loaded first. */
static void node_hints(const Model *m, const Results *r, Lang l, NodeNaming naming, Hints *h)
{
    int order[MAX_NODE_HINTS], n_order = 0;
    bool *over = xcalloc((size_t)m->n_nodes + 1, sizeof *over);
    free(node_backed_up_all(m, r, over)); /* a node backed up by another gets no hint of its own */
    /* a queue held back by its partitions gets the partition hint below instead */
    bool queue_bn = r->bottleneck >= 0 && m->nodes[r->bottleneck].kind == NODE_QUEUE &&
                    (queue_partition_capped(m, r, r->bottleneck) >= 0 || queue_hot_partition(m, r, r->bottleneck) >= 0);
    if (r->bottleneck >= 0 && over[r->bottleneck] && !queue_bn) order[n_order++] = r->bottleneck;
    while (n_order < MAX_NODE_HINTS) {
        int best = -1;
        for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++) {
            bool taken = false;
            for (int k = 0; k < n_order; k++) taken |= order[k] == i;
            if (taken || !over[i]) continue;
            if (m->nodes[i].kind == NODE_QUEUE) continue; /* reported as a backlog below */
            /* capped by its queue's partitions: the queue's hint says so */
            if (node_usable_share(m, r, i, NULL, NULL, NULL)) continue;
            if (best < 0 || node_score(m, r, i) > node_score(m, r, best)) best = i;
        }
        if (best < 0) break;
        order[n_order++] = best;
    }
    for (int k = 0; k < n_order; k++) {
        int i = order[k];
        const Node *n = &m->nodes[i];
        const double *f = r->nodes[i];
        StrBuf b;
        sb_init(&b);
        say_NODE_LOAD(&b, l, name_of(m, n, naming, l).s, load(f[NF_UTILISATION]).s);
        double ur = node_replica_utilisation(m, r, i);
        double us = node_server_full(m, r, i);
        if (f[NF_PRIMARY_UTILISATION] >= 0.7 && f[NF_PRIMARY_UTILISATION] > f[NF_UTILISATION])
            say_NODE_PRIMARIES(&b, l, load(f[NF_PRIMARY_UTILISATION]).s);
        else if (ur >= 0.7 && ur > f[NF_UTILISATION])
            say_NODE_REPLICAS(&b, l, load(ur).s);
        else if (us >= 0)
            say_NODE_SERVER(&b, l, load(us).s);
        double inflight_s = node_inflight_full_s(m, r, i);
        if (f[NF_ARRIVALS] > 0 && f[NF_REJECTED] > 0)
            say_NODE_REJECTED(&b, l, share(f[NF_REJECTED] / f[NF_ARRIVALS]).s);
        else if (f[NF_MEAN_WAIT_MS] >= 0.01 && inflight_s > 0)
            say_NODE_WAITED_PLACE(&b, l, duration(f[NF_MEAN_WAIT_MS], l).s);
        else if (f[NF_MEAN_WAIT_MS] >= 0.01)
            say_NODE_WAITED(&b, l, duration(f[NF_MEAN_WAIT_MS], l).s);
        GradeCause cause = f[NF_REJECTED] > 0 ? CAUSE_REJECTED : CAUSE_SATURATED;
        if (n->kind == NODE_SERVICE && node_blocked_by_waiting(m, r, i)) {
            cause = CAUSE_BLOCKING_IO;
            sb_puts(&b, word(l, WORD_BLOCKING_IO));
        } else if (n->kind == NODE_SERVICE && node_holds_while_waiting(m, n)) {
            say_NODE_OWN_WORK(&b, l, share(1 - node_downstream_share(m, r, i)).s);
        }
        /* blocking: the node whose answers held its threads, where it was full at times */
        int threads_held = cause == CAUSE_BLOCKING_IO ? node_full_callee_at_times(m, r, i, NULL) : -1;
        if (inflight_s > 0 && f[NF_UTILISATION] < 0.95) { /* waiting for a place, its slots free */
            char limit[NUMFMT_CAP];
            numfmt_grouped((double)node_inflight_limit(n), numfmt_thousands(i18n_code(l)), limit, sizeof limit);
            say_NODE_INFLIGHT(&b, l, limit, duration(inflight_s * 1000, l).s, duration(r->duration_s * 1000, l).s);
            int held = node_inflight_held_by(m, r, i);
            sb_puts(&b, held >= 0 ? "; " : ": "); /* what held its places, then the remedy */
            if (held >= 0 && node_full_some_time(m, r, held)) {
                Name who = name_of(m, &m->nodes[held], naming, l);
                say_REMEDY_INFLIGHT_FULL_BELOW(&b, l, who.s, who.s, who.s);
            } else if (held >= 0) {
                say_REMEDY_INFLIGHT_SLOW_BELOW(&b, l, name_of(m, &m->nodes[held], naming, l).s);
            } else {
                sb_puts(&b, word(l, REMEDY_INFLIGHT));
            }
            sb_puts(&b, ".");
        } else if (threads_held >= 0) { /* that node's room is the cure */
            Name who = name_of(m, &m->nodes[threads_held], naming, l);
            sb_puts(&b, "; ");
            say_REMEDY_THREADS_FULL_BELOW(&b, l, who.s, who.s, who.s);
            sb_puts(&b, ".");
        } else if (us >= 0) { /* the whole had room: the cure is where the traffic goes */
            sb_puts(&b, ": ");
            if (node_hot_shard_heavy(n))
                say_REMEDY_HOT_SHARD(&b, l, share(n->hot_shard).s);
            else
                sb_puts(&b, word(l, REMEDY_SERVER));
            sb_puts(&b, ".");
        } else {
            sb_printf(&b, ": %s.", remedy(m, r, i, l));
        }
        hint_add(h, cause, i, -1, sb_take(&b));
    }
    for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++) {
        const double *f = r->nodes[i];
        const Node *n = &m->nodes[i];
        if (n->kind == NODE_QUEUE && over[i]) {
            int c = queue_busiest_consumer(m, r, i);
            StrBuf b;
            sb_init(&b);
            char *json_text = NULL;
            int hot = queue_hot_partition(m, r, i);
            int capped = hot >= 0 ? -1 : queue_partition_capped(m, r, i);
            if (hot >= 0) {
                say_QUEUE_HOT_PARTITION(&b, l, name_of(m, n, naming, l).s, share(n->hot_partition).s);
            } else if (capped >= 0) {
                const double *gf = r->groups[capped];
                int parts = (int)gf[GF_PARTITIONS], cn = model_find_node(m, m->edges[r->group_edge[capped]].to);
                long long slots = (long long)gf[GF_CONSUMER_SLOTS];
                say_QUEUE_PARTITIONS(&b, l, name_of(m, n, naming, l).s, parts, i18n_counted(l, NOUN_PARTITIONS, parts),
                                     i18n_counted(l, VERB_CAP, parts), slots, i18n_counted(l, NOUN_SLOTS, slots),
                                     cn >= 0 ? name_of(m, &m->nodes[cn], naming, l).s : "", (int)gf[GF_USABLE_SLOTS]);
            } else if (f[NF_REJECTED] > 0 && f[NF_END_BACKLOG] < 1000)
                say_QUEUE_REJECTED(&b, l, name_of(m, n, naming, l).s, share(f[NF_REJECTED] / fmax(1, f[NF_ARRIVALS])).s,
                                   n->instances, n->workers);
            else {
                /* the count thousands apart, as the grade writes a lag ("125,000"); the
                 * JSON keeps the bare digits it always had ("125000") */
                double most = f[NF_MAX_BACKLOG];
                char count[NUMFMT_CAP], bare[NUMFMT_CAP];
                numfmt_grouped(most, numfmt_thousands(i18n_code(l)), count, sizeof count);
                snprintf(bare, sizeof bare, "%.0f", most);
                const char *noun = i18n_counted(l, NOUN_MESSAGES, llround(most));
                Name consumer = c >= 0 ? name_of(m, &m->nodes[c], naming, l) : (Name){""};
                say_QUEUE_BACKLOG(&b, l, name_of(m, n, naming, l).s, count, noun, c >= 0 ? " " : "", consumer.s);
                if (strcmp(count, bare) != 0) {
                    StrBuf j;
                    sb_init(&j);
                    say_QUEUE_BACKLOG(&j, l, name_of(m, n, naming, l).s, bare, noun, c >= 0 ? " " : "", consumer.s);
                    json_text = sb_take(&j);
                }
            }
            hint_add(h, CAUSE_BACKLOG, i, -1, sb_take(&b));
            h->items[h->n - 1].json_text = json_text;
        }
        if (f[NF_RATE_LIMITED] > 0 && f[NF_ARRIVALS] > 0) {
            StrBuf b;
            sb_init(&b);
            say_RATE_LIMITED(&b, l, name_of(m, n, naming, l).s, written(n->rate_limit_rps).s,
                             share(f[NF_RATE_LIMITED] / f[NF_ARRIVALS]).s);
            hint_add(h, CAUSE_RATE_LIMITED, i, -1, sb_take(&b));
        }
        if (f[NF_FAILED] > 0 && f[NF_ARRIVALS] > 0) {
            double at = -1;
            for (int e = 0; e < m->scenario.n_events; e++) {
                const ScenarioEvent *ev = &m->scenario.events[e];
                if (ev->action == EVENT_FAIL && ev->node && strcmp(ev->node, n->id) == 0) {
                    at = ev->at_s;
                    break;
                }
            }
            StrBuf b;
            sb_init(&b);
            say_FAILED(&b, l, name_of(m, n, naming, l).s);
            if (at >= 0) say_FAILED_AT(&b, l, written(at).s);
            say_FAILED_REQUESTS(&b, l, grouped(f[NF_FAILED], l).s);
            if (f[NF_FAILOVER_WRITES_FAILED] > 0)
                say_FAILOVER_WRITES(&b, l, grouped(f[NF_FAILOVER_WRITES_FAILED], l).s, written(n->failover_s).s);
            hint_add(h, CAUSE_FAILED, i, -1, sb_take(&b));
        }
    }
    free(over);
}

/* Stale reads: the database whose replicas answered most sessions' reads before their
 * own writes, with its lag against the read-after-write gap (or the read-your-writes
 * window that is too short). */
static void stale_hints(const Model *m, const Results *r, Lang l, NodeNaming naming, Hints *h)
{
    int best = -1;
    for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++)
        if (r->nodes[i][NF_STALE_READS] > 0 &&
            (best < 0 || r->nodes[i][NF_STALE_READS] > r->nodes[best][NF_STALE_READS]))
            best = i;
    if (best < 0) return;
    const Node *n = &m->nodes[best];
    const double *f = r->nodes[best];
    Num fix = written(ceil(f[NF_LAG_P99_MS]));
    StrBuf b;
    sb_init(&b);
    if (n->read_your_writes_ms > 0)
        say_STALE_READS_WINDOW(&b, l, name_of(m, n, naming, l).s, share(f[NF_STALE_READ_RATE]).s,
                               duration(f[NF_LAG_P99_MS], l).s, duration(n->read_your_writes_ms, l).s,
                               fix.s);
    else
        say_STALE_READS(&b, l, name_of(m, n, naming, l).s, share(f[NF_STALE_READ_RATE]).s,
                        duration(f[NF_LAG_P99_MS], l).s, duration(f[NF_STALE_GAP_P50_MS], l).s, fix.s);
    hint_add(h, CAUSE_STALE_READS, best, -1, sb_take(&b));
}

/* Hints about the errors of the run: timeouts (a retry storm when retries have no
 * budget and no breaker), circuit breakers failing fast. */
/* Key-model caches whose hit ratio falls short: of a hit_ratio requirement's min, or, when
 * a node they miss into is over capacity, of the hit ratio that would bring its load to
 * ANALYTIC_NEAR_CAPACITY (its utilisation scales with the misses). The capacity for the
 * target comes from Che's approximation on the read types' keys. */
static void cache_hints(const Model *m, const Results *r, Lang l, NodeNaming naming, Hints *h)
{
    bool any = false;
    for (int i = 0; i < m->n_nodes && !any; i++) any = node_key_model(&m->nodes[i]);
    if (!any) return;
    double want_min = -1;
    for (int i = 0; i < m->scenario.n_requirements; i++) {
        const Requirement *q = &m->scenario.requirements[i];
        if (q->metric == METRIC_HIT_RATIO && q->has_min && q->min > want_min) want_min = q->min;
    }
    bool *over = xcalloc((size_t)m->n_nodes + 1, sizeof *over);
    free(node_backed_up_all(m, r, over));
    for (int i = 0; i < m->n_nodes && i < r->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        const double *f = r->nodes[i];
        int64_t cap = node_cache_capacity(n);
        if (!node_key_model(n) || cap <= 0 || !(f[NF_READS] > 0)) continue;
        double hit = f[NF_HITS] / f[NF_READS], target = want_min;
        if (target < 0) { /* the store's overload, if it is one */
            double u = 0;
            for (int k = 0; k < m->n_edges; k++) {
                if (!m->edges[k].from || strcmp(m->edges[k].from, n->id) != 0) continue;
                int to = model_find_node(m, m->edges[k].to);
                if (to >= 0 && over[to] && r->nodes[to][NF_UTILISATION] > u) u = r->nodes[to][NF_UTILISATION];
            }
            if (u > 0) target = 1 - (1 - hit) * ANALYTIC_NEAR_CAPACITY / u;
        }
        if (!(target > hit) || target >= 1) continue;
        KeyStream st[64];
        int k = 0;
        for (int t = 0; t < m->scenario.n_requests && k < 64; t++) {
            const RequestType *rt = &m->scenario.requests[t];
            if (rt->keys <= 0 || rt->op == OP_WRITE) continue;
            st[k++] = (KeyStream){rt->keys, rt->key_zipf,
                                  rt->rate_rps > 0 ? rt->rate_rps : fmax(1, rt->users)};
        }
        if (k == 0) continue;
        int inst = n->instances > 0 ? n->instances : 1;
        double need = cache_capacity_for(st, k, n->ttl_s, target);
        if (!isfinite(need)) { /* the TTL, not the size, is what stands in the way */
            double ceiling = cache_hit_ratio(st, k, 0, n->ttl_s, NULL, NULL);
            if (!(n->ttl_s > 0) || !(ceiling < target)) continue;
            StrBuf b;
            sb_init(&b);
            say_CACHE_TTL(&b, l, name_of(m, n, naming, l).s, written(n->ttl_s).s, share(ceiling).s, share(hit).s,
                          share(target).s);
            hint_add(h, CAUSE_CACHE_SMALL, i, -1, sb_take(&b));
            continue;
        }
        double per = ceil(need / inst);
        if (per <= (double)cap) continue;
        char pct[NUMFMT_CAP], entries[NUMFMT_CAP], now[NUMFMT_CAP];
        numfmt_percent(per / (double)cap - 1, pct, sizeof pct);
        numfmt_grouped(per, numfmt_thousands(i18n_code(l)), entries, sizeof entries);
        numfmt_grouped((double)cap, numfmt_thousands(i18n_code(l)), now, sizeof now);
        StrBuf b;
        sb_init(&b);
        say_CACHE_SMALL(&b, l, name_of(m, n, naming, l).s, pct, share(hit).s, entries, now, share(target).s);
        hint_add(h, CAUSE_CACHE_SMALL, i, -1, sb_take(&b));
    }
    free(over);
}

static void error_hints(const Model *m, const Results *r, Lang l, NodeNaming naming, Hints *h)
{
    const double *all = r->types[r->n_types];
    double done = fmax(1, all[TF_COMPLETED]);
    if (all[TF_ERR_TIMEOUT] / done >= ERR_SIGNIFICANT) {
        int storm = 0;
        for (int k = 0; k < m->n_edges; k++) {
            const Edge *e = &m->edges[k];
            if (e->retries <= 0 || e->retry_budget > 0 || e->breaker.enabled) continue;
            storm++;
            StrBuf b;
            sb_init(&b);
            say_RETRY_STORM(&b, l, share(all[TF_ERR_TIMEOUT] / done).s, name_by_id(m, e->from, naming, l).s,
                            name_by_id(m, e->to, naming, l).s, e->retries,
                            i18n_counted(l, NOUN_TIMES, e->retries));
            hint_add(h, CAUSE_RETRY_STORM, -1, k, sb_take(&b));
        }
        if (!storm) {
            StrBuf b;
            sb_init(&b);
            say_TIMEOUTS(&b, l, share(all[TF_ERR_TIMEOUT] / done).s);
            hint_add(h, CAUSE_TIMEOUTS, -1, -1, sb_take(&b));
        }
    }
    if (all[TF_ERR_CIRCUIT_OPEN] / done >= ERR_SIGNIFICANT) {
        StrBuf b;
        sb_init(&b);
        say_CIRCUIT_OPEN(&b, l, share(all[TF_ERR_CIRCUIT_OPEN] / done).s);
        hint_add(h, CAUSE_CIRCUIT_OPEN, -1, -1, sb_take(&b));
    }
}

static void cost_hint(const Model *m, const Requirement *q, Lang l, NodeNaming naming, Hints *h)
{
    int top[3] = {-1, -1, -1};
    for (int i = 0; i < m->n_nodes; i++) {
        double c = node_servers(&m->nodes[i]) * m->nodes[i].cost_per_hour_usd * 730;
        if (c <= 0) continue;
        for (int k = 0; k < 3; k++) {
            double ck = top[k] < 0 ? -1
                                   : node_servers(&m->nodes[top[k]]) *
                                         m->nodes[top[k]].cost_per_hour_usd * 730;
            if (c > ck) {
                for (int j = 2; j > k; j--) top[j] = top[j - 1];
                top[k] = i;
                break;
            }
        }
    }
    StrBuf b;
    sb_init(&b);
    say_COST(&b, l, grouped(model_cost_per_month_usd(m), l).s);
    if (q->has_max) say_COST_BUDGET(&b, l, grouped(q->max, l).s);
    sb_puts(&b, word(l, WORD_COST_TOP));
    for (int k = 0; k < 3 && top[k] >= 0; k++) {
        const Node *n = &m->nodes[top[k]];
        int servers = node_servers(n);
        say_COST_NODE(&b, l, k ? "," : "", name_of(m, n, naming, l).s, servers, i18n_counted(l, NOUN_SERVERS, servers),
                      written(n->cost_per_hour_usd).s, grouped(servers * n->cost_per_hour_usd * 730, l).s);
    }
    sb_puts(&b, word(l, WORD_COST_REMEDY));
    hint_add(h, CAUSE_COST, top[0], -1, sb_take(&b));
}

/* A scenario slowed a node down in the measured window and a request type that failed a
 * latency requirement waits for it synchronously: that call, not capacity, is where its
 * time went (the microservices exercise's slow email provider). One hint per slowed node,
 * with the failing types that wait for it and the path of the first. */
static void slow_hints(const Model *m, const Results *r, const Verdict *v, int n, Lang l, NodeNaming naming,
                       Hints *h)
{
    const Scenario *sc = &m->scenario;
    int *from = xcalloc((size_t)m->n_nodes + 1, sizeof *from);
    for (int k = 0; k < sc->n_events; k++) {
        const ScenarioEvent *ev = &sc->events[k];
        double end;
        int x = slow_event_node(m, r, k, &end);
        if (x < 0) continue;
        StrBuf types, path;
        sb_init(&types);
        sb_init(&path);
        for (int i = 0; i < n; i++) {
            const Requirement *q = &sc->requirements[i];
            if (v[i].pass || q->metric < METRIC_P50_MS || q->metric > METRIC_MAX_MS || !q->request) continue;
            int t = model_find_request(m, q->request);
            if (t < 0) continue;
            request_sync_reach(m, t, from);
            if (from[x] == -2 || (types.data && strstr(types.data, q->request))) continue;
            sb_printf(&types, "%s%s", types.data ? ", " : "", q->request);
            if (path.data) continue;
            int chain[64], len = 0; /* client ... x, read backwards */
            for (int j = x; j >= 0 && len < 64; j = from[j]) chain[len++] = j;
            for (int a = len - 1; a >= 0; a--)
                sb_printf(&path, "%s%s", a < len - 1 ? " \xE2\x86\x92 " : "", name_of(m, &m->nodes[chain[a]], naming, l).s);
        }
        if (types.data) {
            StrBuf during, b;
            sb_init(&during);
            sb_init(&b);
            const char *label = scenario_event_label_in(sc, k, i18n_code(l));
            if (label) say_FULL_DURING(&during, l, label);
            say_SLOW_NODE(&b, l, name_of(m, &m->nodes[x], naming, l).s, written(ev->factor).s, written(ev->at_s).s,
                          written(end).s, during.data ? during.data : "", types.data, path.data);
            sb_free(&during);
            hint_add(h, CAUSE_SLOW_NODE, x, -1, sb_take(&b));
        }
        sb_free(&types);
        sb_free(&path);
    }
    free(from);
}

/* ---- the grade ------------------------------------------------------------------------ */

Grade *grade_create_named(const Model *m, const Summary *s, const char *lang, NodeNaming naming)
{
    const Results *r = s->mean;
    Lang l = i18n_lang(lang);
    Grade *g = xcalloc(1, sizeof *g);
    Verdict *v;
    bool all;
    int n = requirements_check(m, r, s->n_runs > 1 ? s->half : NULL, &v, &all);
    /* Nothing to grade without requirements, or without traffic to measure them on. */
    g->graded = n > 0 && m->scenario.n_requests > 0;
    g->pass = all && g->graded;
    g->lang = i18n_code(l);
    g->n_items = n;
    g->items = xcalloc((size_t)n + 1, sizeof *g->items);
    g->bottleneck = r->bottleneck;
    g->bottleneck_why = r->bottleneck_why ? bottleneck_why_named(m, r, i18n_code(l), naming) : NULL;
    g->bottleneck_why_json = r->bottleneck_why ? bottleneck_why_json(m, r, i18n_code(l), naming) : NULL;
    g->cost_per_month_usd = results_cost_per_month_usd(m, r);
    if (g->graded) g->unguarded_error_rate = grade_unguarded_errors(m, r, &g->unguarded_cause);
    Hints h = {NULL, 0, 0};
    bool run_failed = false;
    for (int i = 0; i < n; i++) {
        g->items[i].verdict = v[i];
        g->items[i].text = requirement_describe_in(m, i, i18n_code(l));
        g->n_passed += v[i].pass;
        if (!v[i].pass && m->scenario.requirements[i].metric != METRIC_COST_PER_MONTH_USD)
            run_failed = true;
    }
    int first_run = 0, n_run = 0;
    if (run_failed) {
        node_hints(m, r, l, naming, &h);
        cache_hints(m, r, l, naming, &h);
        error_hints(m, r, l, naming, &h);
        stale_hints(m, r, l, naming, &h);
        if (h.n == 0) full_hint(m, r, l, naming, &h);
        if (h.n == 0) slow_hints(m, r, v, n, l, naming, &h);
        if (h.n == 0)
            hint_add(&h, CAUSE_LATENCY_PATH, -1, -1, xstrdup(word(l, WORD_LATENCY_PATH)));
        n_run = h.n;
    }
    for (int i = 0; i < n; i++) {
        GradeItem *it = &g->items[i];
        if (it->verdict.pass) continue;
        const Requirement *q = &m->scenario.requirements[i];
        if (q->metric == METRIC_COST_PER_MONTH_USD) {
            cost_hint(m, q, l, naming, &h);
            it->hints = xmalloc(sizeof *it->hints);
            it->hints[0] = h.n - 1;
            it->n_hints = 1;
        } else if (n_run > 0) {
            it->hints = xmalloc((size_t)n_run * sizeof *it->hints);
            for (int k = 0; k < n_run; k++) it->hints[k] = first_run + k;
            it->n_hints = n_run;
        }
    }
    g->hints = h.items;
    g->n_hints = h.n;
    free(v);
    return g;
}

Grade *grade_create_in(const Model *m, const Summary *s, const char *lang)
{
    return grade_create_named(m, s, lang, NAMING_LABEL_AND_ID);
}

Grade *grade_create(const Model *m, const Summary *s)
{
    return grade_create_in(m, s, NULL);
}

void grade_destroy(Grade *g)
{
    if (!g) return;
    for (int i = 0; i < g->n_items; i++) {
        free(g->items[i].text);
        free(g->items[i].hints);
    }
    for (int i = 0; i < g->n_hints; i++) {
        free(g->hints[i].text);
        free(g->hints[i].json_text);
    }
    free(g->bottleneck_why);
    free(g->bottleneck_why_json);
    free(g->items);
    free(g->hints);
    free(g);
}

/* ---- text ------------------------------------------------------------------------------ */

/* Wraps `text` at `width` columns with `indent` before every line after the first. */
static void put_wrapped(StrBuf *b, const char *text, int width, const char *indent)
{
    int col = 0;
    const char *p = text;
    while (*p) {
        const char *w = p;
        while (*w && *w != ' ') w++;
        /* a number keeps its unit on its line: "30 s", "381 ms", "30 с" (a short word after
         * a digit goes with it) */
        if (w > p && isdigit((unsigned char)w[-1]) && *w == ' ') {
            const char *u = w + 1, *e = u;
            while (*e && *e != ' ') e++;
            int chars = 0;
            for (const char *c = u; c < e; c++) chars += ((unsigned char)*c & 0xC0) != 0x80;
            if (e > u && chars <= 4) w = e;
        }
        int len = 0; /* characters, not bytes: UTF-8 continuation bytes do not count */
        for (const char *c = p; c < w; c++) len += ((unsigned char)*c & 0xC0) != 0x80;
        if (col > 0 && col + 1 + len > width) {
            sb_printf(b, "\n%s", indent);
            col = 0;
        } else if (col > 0) {
            sb_puts(b, " ");
            col++;
        }
        sb_printf(b, "%.*s", (int)(w - p), p);
        col += len;
        p = w;
        while (*p == ' ') p++;
    }
}

double grade_unguarded_errors(const Model *m, const Results *r, ErrCause *cause)
{
    *cause = ERR_NONE;
    for (int i = 0; i < m->scenario.n_requirements; i++) {
        const Requirement *q = &m->scenario.requirements[i];
        if (q->metric == METRIC_ERROR_RATE || (q->metric == METRIC_THROUGHPUT_RPS && q->has_min)) return 0;
    }
    double failed = r->n_types > 0 ? r->types[r->n_types][TF_ERROR_RATE] : 0;
    if (!(failed >= GRADE_UNGUARDED_ERRORS)) return 0;
    *cause = results_main_cause(r, r->n_types);
    return failed;
}

char *grade_unguarded_note(double rate, ErrCause cause, const char *lang)
{
    if (!(rate > 0)) return NULL;
    Lang l = i18n_lang(lang);
    char pct[NUMFMT_CAP], limit[NUMFMT_CAP];
    StrBuf b;
    sb_init(&b);
    say_TEXT_ERRORS_UNGUARDED(&b, l, numfmt_percent_fine(rate, pct, sizeof pct), err_cause_words(cause, false, i18n_code(l)),
                              numfmt_percent_fine(0.001, limit, sizeof limit));
    return sb_take(&b);
}

char *grade_text(const Model *m, const Summary *s, const Grade *g, const char *lang)
{
    const Results *r = s->mean;
    Lang l = i18n_lang(lang);
    StrBuf b;
    sb_init(&b);
    const char *title = scenario_title_in(m, lang);
    say_TEXT_TITLE(&b, l, title ? title : word(l, WORD_UNTITLED));
    say_TEXT_RUN(&b, l, (unsigned long long)r->seed, written(r->duration_s).s, written(r->warmup_s).s);
    if (s->n_runs > 1) say_TEXT_REPLICATIONS(&b, l, s->n_runs);
    sb_puts(&b, "\n\n");
    if (g->n_items == 0) sb_puts(&b, word(l, WORD_NO_REQUIREMENTS));
    if (m->scenario.n_requests == 0) sb_puts(&b, word(l, WORD_NO_TRAFFIC));
    for (int i = 0; i < g->n_items; i++) {
        const GradeItem *it = &g->items[i];
        const Requirement *q = &m->scenario.requirements[i];
        StrBuf val;
        sb_init(&val);
        if (!it->verdict.measured) {
            say_NOT_MEASURED(&val, l, requirement_unmeasured_why(q->metric, i18n_code(l)));
        } else {
            requirement_put_measured(&val, q, it->verdict.value, i18n_code(l));
            if (it->verdict.half > 0) {
                sb_puts(&val, " ±");
                requirement_put_value(&val, q->metric, it->verdict.half, FIG_SPREAD, i18n_code(l));
            }
        }
        StrBuf lim;
        sb_init(&lim);
        if (q->has_min) {
            sb_puts(&lim, ">= ");
            requirement_put_value(&lim, q->metric, q->min, FIG_LIMIT, i18n_code(l));
        }
        if (q->has_max) {
            sb_puts(&lim, q->has_min ? ", <= " : "<= ");
            requirement_put_value(&lim, q->metric, q->max, FIG_LIMIT, i18n_code(l));
        }
        char margin[32], verdict[64];
        requirement_verdict(it->verdict.pass, i18n_code(l), verdict, sizeof verdict);
        if (isfinite(it->verdict.margin) && it->verdict.margin < -1 && q->has_max && q->max > 0) {
            /* far over: how many times the limit, as the app says it ("-2465%" told little) */
            char times[NUMFMT_CAP];
            double x = it->verdict.value / q->max;
            numfmt_decimal(x, 3, times, sizeof times);
            /* the word agrees with the number as shown, three digits: "29 раз", "14.5 раза" */
            say_TEXT_ITEM_FAR(&b, l, verdict, it->text, val.data ? val.data : "", lim.data ? lim.data : "", times,
                              i18n_times(l, numfmt_round_sig(x, 3)));
        } else {
            requirement_margin_text(it->verdict.margin, margin, sizeof margin);
            say_TEXT_ITEM(&b, l, verdict, it->text, val.data ? val.data : "", lim.data ? lim.data : "", margin);
        }
        sb_free(&val);
        sb_free(&lim);
    }
    if (g->graded)
        say_TEXT_RESULT(&b, l, word(l, g->pass ? WORD_RESULT_PASS : WORD_RESULT_FAIL), g->n_passed, g->n_items);
    else
        sb_puts(&b, word(l, WORD_RESULT_NONE));
    char *note = grade_unguarded_note(g->unguarded_error_rate, g->unguarded_cause, g->lang);
    if (note) {
        put_wrapped(&b, note, 84, "");
        sb_puts(&b, "\n");
        free(note);
    }
    char usd[NUMFMT_CAP];
    say_TEXT_COST(&b, l, numfmt_grouped(g->cost_per_month_usd, numfmt_thousands(i18n_code(l)), usd, sizeof usd));
    if (g->bottleneck_why) say_TEXT_BOTTLENECK(&b, l, g->bottleneck_why);
    if (g->n_hints > 0) {
        sb_puts(&b, word(l, WORD_RUN_SHOWS));
        for (int k = 0; k < g->n_hints; k++) {
            sb_puts(&b, "  - ");
            put_wrapped(&b, g->hints[k].text, 84, "    ");
            sb_puts(&b, "\n");
        }
    }
    int n_sh = 0;
    char *const *sh = scenario_hints_in(m, lang, &n_sh);
    if (!g->pass && n_sh > 0) {
        say_TEXT_SCENARIO_HINTS(&b, l, lang ? " (" : "", lang ? lang : "", lang ? ")" : "");
        SourceKeys keys = {0};
        for (int k = 0; k < n_sh; k++) {
            sb_printf(&b, "  %d. ", k + 1);
            char *shown = sources_strip(sh[k], &keys); /* the markers go to the Sources line */
            put_wrapped(&b, shown, 84, "     ");
            free(shown);
            sb_puts(&b, "\n");
        }
        char *src = sources_line(&keys, i18n_code(l));
        if (src) {
            sb_puts(&b, "     ");
            put_wrapped(&b, src, 84, "     ");
            sb_puts(&b, "\n");
            free(src);
        }
    }
    return sb_take(&b);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void add_number_or_null(cJSON *o, const char *key, double x)
{
    if (isfinite(x))
        cJSON_AddNumberToObject(o, key, x);
    else
        cJSON_AddNullToObject(o, key);
}

char *grade_json(const Model *m, const Summary *s, const Grade *g, const char *lang)
{
    const Results *r = s->mean;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", GRADE_FORMAT);
    cJSON_AddStringToObject(root, "archsim", ARCHSIM_VERSION);
    cJSON_AddStringToObject(root, "lang", lang ? lang : "en");
    const char *title = scenario_title_in(m, lang);
    if (title) cJSON_AddStringToObject(root, "title", title);
    const char *prompt = scenario_prompt_in(m, lang);
    if (prompt) cJSON_AddStringToObject(root, "prompt", prompt);
    cJSON_AddNumberToObject(root, "seed", (double)r->seed);
    cJSON_AddNumberToObject(root, "warmup_s", r->warmup_s);
    cJSON_AddNumberToObject(root, "duration_s", r->duration_s);
    cJSON_AddNumberToObject(root, "replications", s->n_runs);
    cJSON_AddBoolToObject(root, "graded", g->graded);
    cJSON_AddBoolToObject(root, "pass", g->pass);
    cJSON_AddNumberToObject(root, "passed", g->n_passed);
    cJSON_AddNumberToObject(root, "failed", g->n_items - g->n_passed);
    cJSON_AddNumberToObject(root, "cost_per_month_usd", g->cost_per_month_usd);
    cJSON *bn = cJSON_AddObjectToObject(root, "bottleneck");
    if (r->bottleneck >= 0)
        cJSON_AddStringToObject(bn, "node", m->nodes[r->bottleneck].id);
    else
        cJSON_AddNullToObject(bn, "node");
    cJSON_AddStringToObject(bn, "why", g->bottleneck_why_json ? g->bottleneck_why_json : "");
    cJSON *reqs = cJSON_AddArrayToObject(root, "requirements");
    for (int i = 0; i < g->n_items; i++) {
        const GradeItem *it = &g->items[i];
        const Requirement *q = &m->scenario.requirements[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "text", it->text);
        cJSON_AddStringToObject(o, "metric", metric_name(q->metric));
        if (q->request)
            cJSON_AddStringToObject(o, "request", q->request);
        else
            cJSON_AddNullToObject(o, "request");
        if (q->has_max) cJSON_AddNumberToObject(o, "max", q->max);
        if (q->has_min) cJSON_AddNumberToObject(o, "min", q->min);
        cJSON_AddBoolToObject(o, "measured", it->verdict.measured);
        if (it->verdict.measured)
            cJSON_AddNumberToObject(o, "value", it->verdict.value);
        else
            cJSON_AddNullToObject(o, "value");
        if (s->n_runs > 1) cJSON_AddNumberToObject(o, "ci95", it->verdict.half);
        add_number_or_null(o, "margin", it->verdict.margin);
        cJSON_AddBoolToObject(o, "pass", it->verdict.pass);
        cJSON *hi = cJSON_AddArrayToObject(o, "hints");
        for (int k = 0; k < it->n_hints; k++)
            cJSON_AddItemToArray(hi, cJSON_CreateNumber(it->hints[k]));
        cJSON_AddItemToArray(reqs, o);
    }
    cJSON *hints = cJSON_AddArrayToObject(root, "hints");
    for (int k = 0; k < g->n_hints; k++) {
        const GradeHint *gh = &g->hints[k];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "cause", grade_cause_name(gh->cause));
        if (gh->node >= 0)
            cJSON_AddStringToObject(o, "node", m->nodes[gh->node].id);
        else
            cJSON_AddNullToObject(o, "node");
        if (gh->edge >= 0) {
            cJSON *e = cJSON_AddObjectToObject(o, "edge");
            cJSON_AddStringToObject(e, "from", m->edges[gh->edge].from);
            cJSON_AddStringToObject(e, "to", m->edges[gh->edge].to);
        } else {
            cJSON_AddNullToObject(o, "edge");
        }
        cJSON_AddStringToObject(o, "text", gh->json_text ? gh->json_text : gh->text);
        cJSON_AddItemToArray(hints, o);
    }
    int n_sh = 0;
    char *const *sh = scenario_hints_in(m, lang, &n_sh);
    cJSON *sha = cJSON_AddArrayToObject(root, "scenario_hints");
    for (int k = 0; k < n_sh; k++) cJSON_AddItemToArray(sha, cJSON_CreateString(sh[k]));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", text);
    cJSON_free(text);
    return out;
}
