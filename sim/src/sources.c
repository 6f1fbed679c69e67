/*
 * sources.c - the source markers of the scenarios' texts (sources.h): found by a small
 * scan (a '[' then keys of capitals, digits and '-' separated by ", " or "; ", then ']'),
 * so a bracket of anything else ("[1, 2]", "[see below]") stays in the text.
 */
#include "sim/sources.h"

#include <stdbool.h>
#include <string.h>

#include "sim/tr.h"
#include "sim/util.h"

static bool key_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; }

/* The length of the marker at s ("[D, E]" is 6), 0 when s is not one. */
static size_t marker_at(const char *s)
{
    if (*s != '[') return 0;
    const char *p = s + 1;
    for (;;) {
        if (!(*p >= 'A' && *p <= 'Z')) return 0; /* a key starts with a capital */
        while (key_char(*p)) p++;
        if (*p == ']') return (size_t)(p + 1 - s);
        if ((*p == ',' || *p == ';') && p[1] == ' ') p += 2;
        else return 0;
    }
}

static void add_keys(SourceKeys *k, const char *m, size_t len)
{
    const char *p = m + 1, *end = m + len - 1;
    while (p < end) {
        const char *q = p;
        while (q < end && key_char(*q)) q++;
        size_t n = (size_t)(q - p);
        bool seen = false;
        for (int i = 0; i < k->n; i++)
            if (strlen(k->key[i]) == n && strncmp(k->key[i], p, n) == 0) seen = true;
        if (!seen && k->n < SOURCES_MAX && n < sizeof k->key[0]) {
            memcpy(k->key[k->n], p, n);
            k->key[k->n++][n] = 0;
        }
        p = q;
        while (p < end && (*p == ',' || *p == ';' || *p == ' ')) p++;
    }
}

char *sources_strip(const char *text, SourceKeys *keys)
{
    if (!text) return NULL;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "");
    for (const char *s = text; *s;) {
        size_t m = marker_at(s);
        if (!m) {
            char one[2] = {*s++, 0};
            sb_puts(&b, one);
            continue;
        }
        if (keys) add_keys(keys, s, m);
        while (b.len > 0 && b.data[b.len - 1] == ' ') b.data[--b.len] = 0; /* the space before it */
        s += m;
        if (b.len > 0 && b.data[b.len - 1] == '(' && *s == ')') { /* "([D])" left as "()" */
            b.data[--b.len] = 0;
            s++;
            while (b.len > 0 && b.data[b.len - 1] == ' ') b.data[--b.len] = 0;
        }
    }
    return sb_take(&b);
}

typedef struct Source {
    const char *key, *what;
} Source;

/* From the fact sheet the presets' numbers come from (docs/sources.md). */
static const Source known[] = {
    {"P", N_("a primary source: a company blog or talk, a paper, a vendor's documentation")},
    {"S", N_("a secondary write-up of a primary source")},
    {"D", N_("arithmetic on cited numbers")},
    {"E", N_("a common interview estimate (no primary source; a default to tune)")},
    {"DDIA", "Kleppmann, Designing Data-Intensive Applications, ch. 1 (Krikorian, \"Timelines at Scale\", QCon SF 2012)"},
    {"HS-TW", "highscalability.com, \"The Architecture Twitter Uses to Deal with 150M Active Users\" (2013)"},
    {"IG-STACK", "Instagram Engineering, \"What Powers Instagram\" (2011)"},
    {"IG-IDS", "Instagram Engineering, \"Sharding & IDs at Instagram\" (2012)"},
    {"IG-CELERY", "Branson, \"Messaging at Scale at Instagram\", PyCon 2013"},
    {"GUARDIAN", "The Guardian, technology section, 22 June 2016"},
    {"IGSIZE", "havecamerawilltravel.com, Instagram photo size guide"},
    {"CELERY", "docs.celeryq.dev (worker_concurrency, worker_prefetch_multiplier)"},
    {"SLACK-RTM", "slack.engineering, \"Real-time Messaging\" (2023)"},
    {"KREPS", "Kreps, \"Benchmarking Apache Kafka: 2 Million Writes Per Second\" (LinkedIn, 2014)"},
    {"RAO", "Rao, \"How to choose the number of topics/partitions in a Kafka cluster?\" (Confluent, 2015)"},
    {"PGBOUNCER", "pgbouncer.org/config.html"},
    {"REPLAG", "monpg.app, PostgreSQL read replica staleness"},
    {"PRIMER-AWS", "system-design-primer (github.com/donnemartin), \"Scaling on AWS\""},
    {"PRIMER-PASTE", "system-design-primer (github.com/donnemartin), \"Pastebin\""},
    {"GUNICORN", "docs.gunicorn.org, Design"},
    {"WA-2015", "freebsdfoundation.org, WhatsApp testimonial (2015)"},
    {"DISCORD-2017", "discord.com/blog, \"How Discord Stores Billions of Messages\" (2017)"},
    {"BL", "AWS Builders' Library, \"Timeouts, retries, and backoff with jitter\""},
    {"JITTER", "AWS Architecture Blog, \"Exponential Backoff and Jitter\" (2015)"},
    {"SRE", "Google, Site Reliability Engineering, \"Handling Overload\""},
    {"BRONSON", "Bronson et al., \"Metastable Failures in Distributed Systems\", HotOS '21"},
    {"AWS-PRICE", "AWS us-east-1 on-demand list prices (aws.amazon.com/ec2/pricing/on-demand/), as docs/cost.md gives them"},
};

char *sources_line(const SourceKeys *keys, const char *lang)
{
    if (!keys || keys->n == 0) return NULL;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, tr_in(lang, "Sources:"));
    for (int k = 0; k < keys->n; k++) sb_printf(&b, "%s%s", k ? ", " : " ", keys->key[k]);
    sb_puts(&b, tr_in(lang, " (docs/sources.md)"));
    return sb_take(&b);
}

const char *sources_describe(const char *key)
{
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (key && strcmp(known[i].key, key) == 0) return strlen(known[i].key) == 1 ? _(known[i].what) : known[i].what;
    return NULL;
}
