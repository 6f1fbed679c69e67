/*
 * import.c - the one entry point for diagrams from elsewhere: sniffing the format,
 * the notes an import leaves (mapped, guessed, defaulted, kept, not kept), the one
 * table every importer guesses kinds from, ids made from labels, and free annotations
 * kept in the model's meta.
 */
#include "sim/import.h"

#include "sim/annotation.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <libxml/HTMLparser.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim/lint.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/png_meta.h"
#include "sim/tr.h"
#include "sim/util.h"
#include "format_util.h"

/* Bigger files than this are refused before reading (a diagram is kilobytes). */
#define IMPORT_MAX_BYTES (64u << 20)

const char *import_format_name(ImportFormat f)
{
    static const char *const names[] = {"archsim", "PNG", "Excalidraw", "draw.io", "Mermaid"}; /* as people call them */
    return (unsigned)f < IMPORT_FORMAT_COUNT ? names[f] : "?";
}

const char *import_note_kind_name(ImportNoteKind k)
{
    static const char *const names[] = {N_("mapped"), N_("guessed"), N_("defaulted"), N_("kept"),
                                        N_("not kept")};
    return (unsigned)k < NOTE_KIND_COUNT ? _(names[k]) : "?";
}

/* ---- sniffing ----------------------------------------------------------------------- */

static const char *skip_space(const char *s, const char *end)
{
    for (;;) {
        while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) s++;
        /* a UTF-8 byte order mark */
        if (end - s >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
            (unsigned char)s[2] == 0xBF) {
            s += 3;
            continue;
        }
        return s;
    }
}

static bool has_within(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0) return true;
    return false;
}

/* The first word of the first line that is not blank, a %% comment or front matter. */
static bool mermaid_start(const char *s, const char *end)
{
    bool front = false;
    while (s < end) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol) eol = end;
        const char *p = s;
        while (p < eol && (*p == ' ' || *p == '\t')) p++;
        size_t n = (size_t)(eol - p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' ')) n--;
        s = eol + 1;
        if (n == 0 || (n >= 2 && p[0] == '%' && p[1] == '%')) continue;
        if (n == 3 && memcmp(p, "---", 3) == 0) {
            front = !front;
            continue;
        }
        if (front) continue;
        static const char *const starts[] = {"flowchart", "graph", "architecture-beta"};
        for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
            size_t l = strlen(starts[k]);
            if (n >= l && memcmp(p, starts[k], l) == 0 && (n == l || p[l] == ' ' || p[l] == '\t'))
                return true;
        }
        return false;
    }
    return false;
}

ImportFormat import_sniff(const char *data, size_t len)
{
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (len >= 8 && memcmp(data, png_sig, 8) == 0) return IMPORT_PNG;
    const char *end = data + len, *s = skip_space(data, end);
    size_t head = (size_t)(end - s) < 4096 ? (size_t)(end - s) : 4096;
    if (s < end && *s == '<') {
        if (has_within(s, head, "<mxfile") || has_within(s, head, "<mxGraphModel")) return IMPORT_DRAWIO;
        return IMPORT_DRAWIO; /* any XML: the draw.io reader says what it lacks */
    }
    if (s < end && *s == '{') {
        /* "type": "excalidraw" (a syntax error later in the file still reads as Excalidraw,
         * so the error names the right format) */
        const char *p = s;
        size_t left = (size_t)(end - s);
        while (left > 6) {
            const char *q = memchr(p, '"', left);
            if (!q || (size_t)(end - q) < 7) break;
            if (memcmp(q, "\"type\"", 6) == 0) {
                const char *v = q + 6;
                while (v < end && (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n' || *v == ':')) v++;
                if ((size_t)(end - v) >= 12 && memcmp(v, "\"excalidraw\"", 12) == 0) return IMPORT_EXCALIDRAW;
                /* what Excalidraw puts on the clipboard: the same elements */
                if ((size_t)(end - v) >= 22 && memcmp(v, "\"excalidraw/clipboard\"", 22) == 0) return IMPORT_EXCALIDRAW;
            }
            left -= (size_t)(q + 1 - p);
            p = q + 1;
        }
        return IMPORT_ARCHSIM;
    }
    if (mermaid_start(s, end)) return IMPORT_MERMAID;
    return IMPORT_ARCHSIM;
}

/* ---- results and notes -------------------------------------------------------------- */

void import_note(ImportResult *r, ImportNoteKind kind, const char *node, const char *where, const char *fmt, ...)
{
    xgrow((void **)&r->notes, &r->cap, r->n_notes + 1, sizeof *r->notes);
    ImportNote *n = &r->notes[r->n_notes++];
    n->kind = kind;
    n->where = xstrdup(where ? where : "");
    n->node = xstrdup(node);
    va_list ap;
    va_start(ap, fmt);
    n->message = xvasprintf(fmt, ap);
    va_end(ap);
}

void import_result_free(ImportResult *r)
{
    if (!r) return;
    for (int i = 0; i < r->n_notes; i++) {
        free(r->notes[i].where);
        free(r->notes[i].node);
        free(r->notes[i].message);
    }
    free(r->notes);
    model_destroy(r->model);
    memset(r, 0, sizeof *r);
}

char *import_notes_text(const ImportResult *r)
{
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < r->n_notes; i++) {
        const ImportNote *n = &r->notes[i];
        sb_printf(&b, "%s%s%s: %s\n", n->where, n->where[0] ? ": " : "", import_note_kind_name(n->kind),
                  n->message);
    }
    return sb_take(&b);
}

int import_count(const ImportResult *r, ImportNoteKind kind)
{
    int c = 0;
    for (int i = 0; i < r->n_notes; i++) c += r->notes[i].kind == kind;
    return c;
}

/* ---- guessing a kind ------------------------------------------------------------------ */

typedef struct KindWord {
    const char *words; /* one word, or a phrase of words separated by single spaces */
    NodeKind kind;
    bool generic;      /* a role ("db", "cache", "users"), not a product ("Redis", "Kafka") */
} KindWord;

/* A product or a specific word anywhere in the text wins ("Redis cache for the DB" is a
 * cache, "Mobile app" a client); else the generic role word said last, the head of an
 * English compound ("Users DB" is a database, "App server" a service). Styles of
 * draw.io's AWS, GCP and Azure libraries split into the same words
 * (mxgraph.aws4.elastic_load_balancing -> "elastic load balancing"). */
static const KindWord kind_words[] = {
    /* clients */
    {"users", NODE_CLIENT, true}, {"user", NODE_CLIENT, true}, {"client", NODE_CLIENT, true}, {"clients", NODE_CLIENT, true},
    {"browser", NODE_CLIENT, false}, {"mobile", NODE_CLIENT, false}, {"actor", NODE_CLIENT, false}, {"umlactor", NODE_CLIENT, false},
    {"customer", NODE_CLIENT, true}, {"customers", NODE_CLIENT, true}, {"person", NODE_CLIENT, true}, {"internet", NODE_CLIENT, true},
    {"traffic", NODE_CLIENT, true},
    /* CDNs */
    {"cdn", NODE_CDN, false}, {"cloudfront", NODE_CDN, false}, {"akamai", NODE_CDN, false}, {"fastly", NODE_CDN, false},
    {"cloudflare", NODE_CDN, false}, {"edge cache", NODE_CDN, true}, {"front door", NODE_CDN, false},
    /* queues and brokers */
    {"dead letter", NODE_QUEUE, true}, {"kafka", NODE_QUEUE, false}, {"rabbitmq", NODE_QUEUE, false}, {"rabbit", NODE_QUEUE, false},
    {"sqs", NODE_QUEUE, false}, {"sns", NODE_QUEUE, false}, {"kinesis", NODE_QUEUE, false}, {"pubsub", NODE_QUEUE, false},
    {"pub sub", NODE_QUEUE, false}, {"nats", NODE_QUEUE, false}, {"activemq", NODE_QUEUE, false}, {"queue", NODE_QUEUE, true},
    {"queues", NODE_QUEUE, true}, {"broker", NODE_QUEUE, true}, {"topic", NODE_QUEUE, true}, {"stream", NODE_QUEUE, true},
    {"mq", NODE_QUEUE, true}, {"event hub", NODE_QUEUE, false}, {"event hubs", NODE_QUEUE, false}, {"service bus", NODE_QUEUE, false},
    {"eventbridge", NODE_QUEUE, false},
    /* caches */
    {"redis", NODE_CACHE, false}, {"memcached", NODE_CACHE, false}, {"memcache", NODE_CACHE, false}, {"elasticache", NODE_CACHE, false},
    {"memorystore", NODE_CACHE, false}, {"varnish", NODE_CACHE, false}, {"cache", NODE_CACHE, true}, {"caches", NODE_CACHE, true},
    /* object stores */
    {"s3", NODE_OBJECT_STORE, false}, {"simple storage service", NODE_OBJECT_STORE, false}, {"bucket", NODE_OBJECT_STORE, true},
    {"buckets", NODE_OBJECT_STORE, true}, {"blob", NODE_OBJECT_STORE, true}, {"blobs", NODE_OBJECT_STORE, true},
    {"storage blob", NODE_OBJECT_STORE, true}, {"object storage", NODE_OBJECT_STORE, true},
    {"object store", NODE_OBJECT_STORE, true}, {"cloud storage", NODE_OBJECT_STORE, true}, {"gcs", NODE_OBJECT_STORE, false},
    {"minio", NODE_OBJECT_STORE, false}, {"storage accounts", NODE_OBJECT_STORE, true}, {"disk", NODE_OBJECT_STORE, true},
    /* load balancers */
    {"load balancer", NODE_LOAD_BALANCER, true}, {"load balancing", NODE_LOAD_BALANCER, true},
    {"loadbalancer", NODE_LOAD_BALANCER, true}, {"lb", NODE_LOAD_BALANCER, true}, {"elb", NODE_LOAD_BALANCER, false},
    {"alb", NODE_LOAD_BALANCER, false}, {"nlb", NODE_LOAD_BALANCER, false}, {"nginx", NODE_LOAD_BALANCER, false},
    {"haproxy", NODE_LOAD_BALANCER, false}, {"envoy", NODE_LOAD_BALANCER, false}, {"traefik", NODE_LOAD_BALANCER, false},
    {"reverse proxy", NODE_LOAD_BALANCER, true}, {"balancer", NODE_LOAD_BALANCER, true},
    {"application gateway", NODE_LOAD_BALANCER, false},
    /* databases */
    {"database", NODE_DATABASE, true}, {"databases", NODE_DATABASE, true}, {"db", NODE_DATABASE, true},
    {"postgres", NODE_DATABASE, false}, {"postgresql", NODE_DATABASE, false}, {"pg", NODE_DATABASE, false}, {"mysql", NODE_DATABASE, false},
    {"mariadb", NODE_DATABASE, false}, {"mongodb", NODE_DATABASE, false}, {"mongo", NODE_DATABASE, false},
    {"dynamodb", NODE_DATABASE, false}, {"cassandra", NODE_DATABASE, false}, {"rds", NODE_DATABASE, false},
    {"aurora", NODE_DATABASE, false}, {"spanner", NODE_DATABASE, false}, {"cloud sql", NODE_DATABASE, false},
    {"bigtable", NODE_DATABASE, false}, {"cosmos", NODE_DATABASE, false}, {"cosmosdb", NODE_DATABASE, false},
    {"sql", NODE_DATABASE, true}, {"nosql", NODE_DATABASE, true}, {"sqlite", NODE_DATABASE, false}, {"oracle", NODE_DATABASE, false},
    {"elasticsearch", NODE_DATABASE, false}, {"firestore", NODE_DATABASE, false}, {"cylinder", NODE_DATABASE, true},
    {"datastore", NODE_DATABASE, true}, {"sql database", NODE_DATABASE, true},
    /* external APIs */
    {"external", NODE_EXTERNAL_API, true}, {"third party", NODE_EXTERNAL_API, true}, {"3rd party", NODE_EXTERNAL_API, true},
    {"stripe", NODE_EXTERNAL_API, false}, {"twilio", NODE_EXTERNAL_API, false}, {"sendgrid", NODE_EXTERNAL_API, false},
    {"paypal", NODE_EXTERNAL_API, false}, {"saas", NODE_EXTERNAL_API, true},
    /* services */
    {"api gateway", NODE_SERVICE, true}, {"gateway", NODE_SERVICE, true}, {"api", NODE_SERVICE, true},
    {"service", NODE_SERVICE, true}, {"services", NODE_SERVICE, true}, {"microservice", NODE_SERVICE, true},
    {"server", NODE_SERVICE, true}, {"servers", NODE_SERVICE, true}, {"worker", NODE_SERVICE, true},
    {"workers", NODE_SERVICE, true}, {"celery", NODE_SERVICE, false}, {"backend", NODE_SERVICE, true}, {"app", NODE_SERVICE, true},
    {"web", NODE_SERVICE, true}, {"lambda", NODE_SERVICE, false}, {"function", NODE_SERVICE, true}, {"functions", NODE_SERVICE, true},
    {"ec2", NODE_SERVICE, false}, {"compute", NODE_SERVICE, true}, {"container", NODE_SERVICE, true}, {"pod", NODE_SERVICE, true},
    {"k8s", NODE_SERVICE, false}, {"kubernetes", NODE_SERVICE, false}, {"ecs", NODE_SERVICE, false}, {"fargate", NODE_SERVICE, false},
    {"cloud run", NODE_SERVICE, false}, {"app service", NODE_SERVICE, true}, {"consumer", NODE_SERVICE, true},
    /* last: a cloud shape without a better word is somebody else's system */
    {"cloud", NODE_EXTERNAL_API, true},
};

#define MAX_WORDS 64
#define WORD_CAP 32

/* Lower-case words of s split at anything that is not a letter or digit; trailing
 * digits are dropped from a word unless the word is only a letter and digits ("s3",
 * "ec2", "k8s" stay as they are). */
static int split_words(const char *s, char words[][WORD_CAP], char plain[][WORD_CAP])
{
    int n = 0;
    while (*s && n < MAX_WORDS) {
        while (*s && !isalnum((unsigned char)*s)) s++;
        if (!*s) break;
        int len = 0;
        while (isalnum((unsigned char)*s)) {
            if (len < WORD_CAP - 1) words[n][len++] = (char)tolower((unsigned char)*s);
            s++;
        }
        words[n][len] = 0;
        strcpy(plain[n], words[n]);
        int k = len;
        while (k > 2 && isdigit((unsigned char)plain[n][k - 1])) k--;
        plain[n][k] = 0;
        n++;
    }
    return n;
}

static bool word_eq(const char *entry, size_t elen, const char *w, const char *plain)
{
    size_t pl = strlen(plain);
    return (strlen(w) == elen && memcmp(entry, w, elen) == 0) ||
           (pl == elen && memcmp(entry, plain, elen) == 0) ||
           /* a plural: "browsers", "brokers" */
           (pl > 3 && plain[pl - 1] == 's' && pl - 1 == elen && memcmp(entry, plain, elen) == 0);
}

/* Does phrase (words separated by ' ') occur as consecutive words? */
static bool phrase_at(const char *phrase, char words[][WORD_CAP], char plain[][WORD_CAP], int n, int at)
{
    const char *p = phrase;
    for (int i = at; i < n; i++) {
        const char *sp = strchr(p, ' ');
        size_t elen = sp ? (size_t)(sp - p) : strlen(p);
        if (!word_eq(p, elen, words[i], plain[i])) return false;
        if (!sp) return true;
        p = sp + 1;
    }
    return false;
}

bool import_guess_kind(const char *text, NodeKind *kind, const char **word)
{
    if (!text) return false;
    char (*w)[WORD_CAP] = xmalloc(sizeof(char[MAX_WORDS][WORD_CAP]));
    char (*pl)[WORD_CAP] = xmalloc(sizeof(char[MAX_WORDS][WORD_CAP]));
    int n = split_words(text, w, pl);
    int specific = -1, specific_at = n, generic = -1, generic_at = -1;
    for (size_t k = 0; k < sizeof kind_words / sizeof *kind_words; k++)
        for (int i = 0; i < n; i++) {
            if (!phrase_at(kind_words[k].words, w, pl, n, i)) continue;
            if (!kind_words[k].generic && i < specific_at) specific = (int)k, specific_at = i;
            /* the last word of a phrase counts as where it was said */
            int end = i;
            for (const char *sp = kind_words[k].words; (sp = strchr(sp, ' ')); sp++) end++;
            if (kind_words[k].generic && end > generic_at) generic = (int)k, generic_at = end;
        }
    free(w);
    free(pl);
    int best = specific >= 0 ? specific : generic;
    if (best < 0) return false;
    *kind = kind_words[best].kind;
    if (word) *word = kind_words[best].words;
    return true;
}

/* ---- ids and annotations --------------------------------------------------------------- */

char *import_make_id(const Model *m, const char *text)
{
    StrBuf b;
    sb_init(&b);
    bool sep = false;
    for (const char *s = text ? text : ""; *s && b.len < 40; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c)) {
            if (sep && b.len) sb_puts(&b, "_");
            sb_printf(&b, "%c", tolower(c));
            sep = false;
        } else {
            sep = true;
        }
    }
    char *base = b.len ? sb_take(&b) : (sb_free(&b), xstrdup("node"));
    if (model_find_node(m, base) < 0) return base;
    for (int k = 2;; k++) {
        char *id = xasprintf("%s_%d", base, k);
        if (model_find_node(m, id) < 0) {
            free(base);
            return id;
        }
        free(id);
    }
}

void import_add_annotation(Model *m, const char *type, const char *text, double x, double y, double w, double h)
{
    AnnotationType t = ANN_RECTANGLE; /* a shape of some other kind: its box */
    for (int k = ANN_TEXT; k <= ANN_ARROW; k++)
        if (strcmp(type, annotation_type_name((AnnotationType)k)) == 0) t = (AnnotationType)k;
    char *meta = annotations_add(m->meta_json, t, text, x, y, w, h);
    free(m->meta_json);
    m->meta_json = meta;
}

void import_annotation_fill(Model *m)
{
    cJSON *meta = m->meta_json ? cJSON_Parse(m->meta_json) : NULL;
    cJSON *list = cJSON_GetObjectItemCaseSensitive(meta, "annotations");
    cJSON *last = cJSON_GetArrayItem(list, cJSON_GetArraySize(list) - 1);
    if (cJSON_IsObject(last)) {
        cJSON_DeleteItemFromObjectCaseSensitive(last, "fill");
        cJSON_AddTrueToObject(last, "fill");
        free(m->meta_json);
        m->meta_json = json_print_exact(meta, false);
    }
    cJSON_Delete(meta);
}

void import_set_meta(cJSON *doc, const cJSON *head, const Model *ann)
{
    const cJSON *hm = head ? cJSON_GetObjectItemCaseSensitive(head, "meta") : NULL;
    cJSON *meta = cJSON_IsObject(hm) ? cJSON_Duplicate(hm, 1) : NULL;
    if (ann->meta_json) {
        cJSON *am = cJSON_Parse(ann->meta_json);
        if (!meta) meta = cJSON_CreateObject();
        cJSON_DeleteItemFromObjectCaseSensitive(meta, "annotations");
        cJSON_AddItemToObject(meta, "annotations", cJSON_DetachItemFromObjectCaseSensitive(am, "annotations"));
        cJSON_Delete(am);
    }
    if (meta) cJSON_AddItemToObject(doc, "meta", meta);
}

Model *import_read_doc(const char *json, DiagList *d)
{
    DiagList tmp;
    diag_init(&tmp, d->file);
    Model *m = model_from_json_lenient(json, strlen(json), &tmp);
    if (!m) /* the archsim data kept in the drawing is wrong: say where */
        for (int i = 0; i < tmp.n_items; i++)
            if (tmp.items[i].level == DIAG_ERROR)
                diag_add(d, tmp.items[i].path, _("in the archsim data kept in the drawing: %s"), tmp.items[i].message);
    diag_free(&tmp);
    return m;
}

/* Text of an HTML fragment: text nodes, with <br>, <div> and <p> as line breaks. */
static void html_text(xmlNodePtr n, StrBuf *b)
{
    for (xmlNodePtr c = n; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) sb_puts(b, (const char *)c->content);
        if (c->type == XML_ELEMENT_NODE) {
            bool brk = xmlStrcasecmp(c->name, (const xmlChar *)"br") == 0;
            bool block = xmlStrcasecmp(c->name, (const xmlChar *)"div") == 0 ||
                         xmlStrcasecmp(c->name, (const xmlChar *)"p") == 0;
            if (block && b->len && b->data[b->len - 1] != '\n') sb_puts(b, "\n");
            html_text(c->children, b);
            if (brk) sb_puts(b, "\n");
        }
    }
}

char *import_html_text(const char *html)
{
    if (!html) return xstrdup("");
    if (!strpbrk(html, "<&")) return xstrdup(html);
    size_t len = strlen(html);
    htmlDocPtr h = len < (1u << 30) ? htmlReadMemory(html, (int)len, NULL, "UTF-8",
                                                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                                         HTML_PARSE_NOIMPLIED)
                                    : NULL;
    StrBuf b;
    sb_init(&b);
    if (h) html_text(h->children, &b);
    xmlFreeDoc(h);
    char *s = sb_take(&b);
    for (char *p = s; *p; p++) /* no-break spaces (&nbsp;) as spaces */
        if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p[0] = ' ';
            memmove(p + 1, p + 2, strlen(p + 2) + 1);
        }
    size_t l = strlen(s);
    while (l && (s[l - 1] == '\n' || s[l - 1] == ' ')) s[--l] = 0;
    return s;
}

/* ---- the entry point ------------------------------------------------------------------- */

static bool import_archsim(const char *data, size_t len, ImportResult *r, DiagList *d)
{
    r->model = model_from_json_lenient(data, len, d);
    return r->model != NULL;
}

/* ---- traffic written on arrows ---------------------------------------------------------- */

/* What an arrow's label says of the traffic: a rate, or closed-loop users. */
typedef struct LabelRate {
    double rps;       /* an open-loop rate, else 0 */
    double users;     /* closed-loop users ("2000 checkout users (think 1000 ms)"), else 0 */
    double think_ms;  /* their think time's mean */
    Op op;
    const char *word; /* "reads", "writes" where the label says, else NULL */
    char name[64];    /* a request type's own name written before "/s" or "users", else "" */
} LabelRate;

/* The unit of requests per second at q, a whole word ("rps", "req/s", "per second"...),
 * else NULL; `after_word` leaves out those that start with a word of their own ("reads
 * per second"), for "300k reads a second". */
static const char *unit_at(const char *q, bool after_word)
{
    static const char *const units[] = {"rps", "qps", "tps", "req/s", "reqs/s", "req/sec", "requests/s",
                                        "requests/sec", "requests per second", "reads/s", "writes/s",
                                        "reads per second", "writes per second", "calls/s", "/s", "/sec",
                                        "per second", "a second", NULL};
    for (int u = 0; units[u]; u++) {
        size_t l = strlen(units[u]);
        if ((!after_word || units[u][0] != 'r') && strncasecmp(q, units[u], l) == 0 && !isalnum((unsigned char)q[l]))
            return units[u];
    }
    return NULL;
}

/* Closed-loop users at q, after their number: "users", or a request type's own name and
 * "users" ("checkout users", as archsim's export writes them), then their think time
 * ("(think 1000 ms)", "thinking 2 s"). Without a think time, "10k users" may as well be
 * a day's users as users at work at once: not read as traffic. */
static bool users_at(const char *q, LabelRate *out)
{
    const char *e = q;
    while (isalnum((unsigned char)*e) || *e == '_' || *e == '-') e++;
    const char *w = e;
    out->name[0] = 0;
    if (!(strncasecmp(q, "users", 5) == 0 && q + 5 == e)) { /* a name before "users" */
        if (e == q || !isalpha((unsigned char)*q) || (size_t)(e - q) >= sizeof out->name) return false;
        while (isspace((unsigned char)*w)) w++;
        if (strncasecmp(w, "users", 5) != 0 || isalnum((unsigned char)w[5])) return false;
        memcpy(out->name, q, (size_t)(e - q));
        out->name[e - q] = 0;
    }
    const char *t = strstr(w, "think");
    if (!t) return false;
    while (isalpha((unsigned char)*t)) t++;
    char *end;
    double v = strtod(t, &end);
    while (isspace((unsigned char)*end)) end++;
    if (end == t || !(v >= 0) || v > 1e9) return false;
    if (strncasecmp(end, "ms", 2) == 0 && !isalpha((unsigned char)end[2])) out->think_ms = v;
    else if (*end == 's' && !isalpha((unsigned char)end[1])) out->think_ms = v * 1000;
    else return false;
    return field_allows(schema_dist_fields, "mean", out->think_ms);
}

/* A rate written on an arrow: "10k rps", "300,000 req/s", "5K QPS", "1.5M requests per
 * second", "200 writes/s"; or closed-loop users, "2000 checkout users (think 1000 ms)".
 * The number (groups of three after commas; k, K, M), then a unit of requests per second
 * or "users". The op is OP_WRITE when the label says "write(s)", else OP_READ; the word the
 * op's word when the label names it ("reads", "writes"), else NULL. */
static bool label_rate(const char *label, LabelRate *out)
{
    if (!label) return false;
    for (const char *p = label; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > label && (isalnum((unsigned char)p[-1]) || p[-1] == '.'))) continue;
        char num[64];
        size_t n = 0;
        const char *q = p;
        while (n < sizeof num - 1 && (isdigit((unsigned char)*q) || *q == ',' || *q == '.')) {
            if (*q == ',') { /* a group of three digits follows: a thousands separator */
                if (!(isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2]) && isdigit((unsigned char)q[3]) &&
                      !isdigit((unsigned char)q[4])))
                    break;
            } else {
                num[n++] = *q;
            }
            q++;
        }
        num[n] = 0;
        char *end = NULL;
        double v = strtod(num, &end);
        if (!end || *end) continue;
        while (isspace((unsigned char)*q)) q++;
        if (*q == 'k' || *q == 'K') {
            v *= 1e3;
            q++;
        } else if (*q == 'M' || (*q == 'm' && !isalpha((unsigned char)q[1]))) {
            v *= 1e6;
            q++;
        }
        while (isspace((unsigned char)*q)) q++;
        const char *the_word = unit_at(q, false);
        if (!the_word && (strncasecmp(q, "reads", 5) == 0 || strncasecmp(q, "writes", 6) == 0 ||
                          strncasecmp(q, "requests", 8) == 0)) { /* "300k reads a second" */
            const char *r = q;
            while (isalpha((unsigned char)*r)) r++;
            while (isspace((unsigned char)*r)) r++;
            the_word = unit_at(r, true);
        }
        out->name[0] = 0;
        out->rps = out->users = out->think_ms = 0;
        if (!the_word) { /* a request type's own name: "20k redirect/s" (archsim's export writes these) */
            const char *e = q;
            while (isalnum((unsigned char)*e) || *e == '_' || *e == '-') e++;
            if (e > q && isalpha((unsigned char)*q) && e[0] == '/' && e[1] == 's' && !isalnum((unsigned char)e[2]) &&
                (size_t)(e - q) < sizeof out->name) {
                memcpy(out->name, q, (size_t)(e - q));
                out->name[e - q] = 0;
                the_word = out->name;
            }
        }
        bool users = !the_word && field_allows(schema_request_fields, "users", v) && users_at(q, out);
        if ((!the_word && !users) || !(v > 0) || v > 1e9) continue;
        if (users) out->users = v;
        else out->rps = v;
        char w[MAX_WORDS][WORD_CAP], pl[MAX_WORDS][WORD_CAP];
        int nw = split_words(label, w, pl);
        bool writes = false, reads = false;
        for (int i = 0; i < nw; i++) {
            writes |= strcmp(w[i], "write") == 0 || strcmp(w[i], "writes") == 0;
            reads |= strcmp(w[i], "read") == 0 || strcmp(w[i], "reads") == 0;
        }
        out->op = writes && !reads ? OP_WRITE : OP_READ;
        out->word = writes && !reads ? "writes" : reads && !writes ? "reads" : NULL;
        return true;
    }
    return false;
}

/* The rates on an arrow, one per part of its label ("300k reads/s, 6k writes/s": parts
 * split at ";", ", ", " and ", " + ", and lines that each hold one), each reads or writes as its own part
 * says; a label with one rate takes its words from the whole label ("reads: 300k a
 * second"). Returns how many, at most cap. When rest is not NULL, the parts and lines that
 * are not rates go there, joined by ", " (the label once its traffic is read). */
static int label_rates(const char *label, LabelRate *out, int cap, StrBuf *rest)
{
    if (!label) return 0;
    char *buf = xstrdup(label);
    int n = 0;
    char *part = buf;
    while (part && n < cap) {
        char *next = NULL; /* the earliest separator */
        size_t skip = 0;
        static const char *const seps[] = {";", ", ", " and ", " + "};
        for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
            char *at = strstr(part, seps[k]);
            if (at && (!next || at < next)) next = at, skip = strlen(seps[k]);
        }
        if (next) *next = 0;
        /* its lines, where each has a rate of its own ("300k reads/s" / "6k writes/s");
         * else the part as one ("10k" / "rps") */
        int lines = 0, rated_lines = 0;
        LabelRate per_line[8];
        bool rated[8];
        for (char *ln = part; ln && lines < 8; lines++) {
            char *nl = strchr(ln, '\n');
            if (nl) *nl = 0;
            rated[lines] = label_rate(ln, &per_line[rated_lines]);
            rated_lines += rated[lines];
            if (nl) *nl = '\n';
            ln = nl ? nl + 1 : NULL;
        }
        LabelRate r;
        if (rated_lines >= 2) {
            for (int k = 0; k < rated_lines && n < cap; k++) out[n++] = per_line[k];
            char *ln = part;
            for (int k = 0; ln && k < lines; k++) { /* the lines that are not rates */
                char *nl = strchr(ln, '\n');
                if (nl) *nl = 0;
                if (!rated[k] && rest && *ln) sb_printf(rest, "%s%s", rest->len ? ", " : "", ln);
                ln = nl ? nl + 1 : NULL;
            }
        } else if (label_rate(part, &r)) {
            out[n++] = r;
        } else if (rest && *part) {
            sb_printf(rest, "%s%s", rest->len ? ", " : "", part);
        }
        part = next ? next + skip : NULL;
    }
    if (part && rest) sb_printf(rest, "%s%s", rest->len ? ", " : "", part); /* past cap */
    free(buf);
    if (n == 1) /* the whole label's words */
        label_rate(label, &out[0]);
    return n;
}

/* A number for a note: whole numbers thousands apart as the language writes them
 * ("300,000", "300 000"), others as given ("2.5"). */
static const char *note_number(double v, char *out, size_t cap)
{
    if (v == floor(v) && fabs(v) < 1e15) return numfmt_grouped(v, numfmt_thousands(tr_lang()), out, cap);
    return numfmt_decimal(v, 15, out, cap);
}

/* Where in the source the arrow from -> to was: the place its own note gives ("line 3",
 * "elements[7] (arrow ...)"), else "". */
static const char *edge_where(const ImportResult *r, const char *from, const char *to)
{
    char *head = xasprintf(_("edge %s -> %s%s"), from, to, "");
    size_t n = strlen(head);
    const char *where = "";
    for (int i = 0; i < r->n_notes && !*where; i++)
        if (!r->notes[i].node && strncmp(r->notes[i].message, head, n) == 0 &&
            (r->notes[i].message[n] == 0 || r->notes[i].message[n] == ':' || r->notes[i].message[n] == ' '))
            where = r->notes[i].where;
    free(head);
    return where;
}

static RequestType *add_request_type(Model *m, const char *name, const char *client, double rps, Op op)
{
    char *unique = xstrdup(name);
    for (int k = 2; model_find_request(m, unique) >= 0; k++) {
        free(unique);
        unique = xasprintf("%s_%d", name, k);
    }
    m->scenario.requests =
        xrealloc(m->scenario.requests, ((size_t)m->scenario.n_requests + 1) * sizeof *m->scenario.requests);
    RequestType *t = &m->scenario.requests[m->scenario.n_requests++];
    request_defaults(t);
    t->name = unique;
    t->client = client ? xstrdup(client) : NULL;
    t->rate_rps = rps;
    t->op = op;
    return t;
}

/* What a drawing rarely says: the traffic. A rate written on a client's arrow ("10k
 * rps", "200 writes/s"; several on one arrow: "300k reads/s, 6k writes/s") becomes a
 * request type at that rate, reads or writes as the label says; when more of its
 * arrows have one, each carries only the types written on it.
 * A client with no rate on its arrows gets one request type at 100/s, to change, and a
 * note says so. */
static void finish(ImportResult *r, DiagList *d)
{
    Model *m = r->model;
    int clients = 0;
    for (int i = 0; i < m->n_nodes; i++) clients += m->nodes[i].kind == NODE_CLIENT;
    if (clients == 0 && m->n_nodes > 0)
        import_note(r, NOTE_DEFAULTED, NULL, "",
                    _("no node reads as a client (users, browser, mobile...): nothing sends traffic until "
                      "one is added and connected"));
    if (m->scenario.n_requests > 0 || r->exported) return;
    (void)d;
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        if (n->kind != NODE_CLIENT) continue;
        /* the rates on each of its arrows, read once; then how many arrows have any */
        LabelRate(*lr)[8] = xcalloc((size_t)m->n_edges + 1, sizeof *lr);
        int *got = xcalloc((size_t)m->n_edges + 1, sizeof *got), rated = 0;
        char **rest = xcalloc((size_t)m->n_edges + 1, sizeof *rest);
        for (int k = 0; k < m->n_edges; k++) {
            StrBuf b;
            sb_init(&b);
            got[k] = strcmp(m->edges[k].from, n->id) == 0 ? label_rates(m->edges[k].label, lr[k], 8, &b) : 0;
            rated += got[k] > 0;
            rest[k] = sb_take(&b);
        }
        for (int k = 0; k < m->n_edges; k++) {
            Edge *e = &m->edges[k];
            for (int j = 0; j < got[k]; j++) {
                const LabelRate *x = &lr[k][j];
                const char *w = x->word;
                char *base = x->name[0] ? xstrdup(x->name) /* its own name */
                             : clients == 1 ? xstrdup(w ? w : "requests")
                                            : xasprintf("%s_%s", n->id, w ? w : "requests");
                RequestType *t = add_request_type(m, base, clients == 1 ? NULL : n->id, x->rps, x->op);
                free(base);
                if (x->users > 0) {
                    t->users = (int)x->users;
                    /* the default shape, exponential; none at all for 0 */
                    if (x->think_ms > 0) t->think_ms.mean = x->think_ms;
                    else t->think_ms = dist_const(0);
                }
                if (rated > 1) { /* each rated arrow carries its own types */
                    e->requests = xrealloc(e->requests, (size_t)(e->n_requests + 1) * sizeof *e->requests);
                    e->requests[e->n_requests++] = xstrdup(t->name);
                }
                char rate[NUMFMT_CAP], think[NUMFMT_CAP];
                if (x->users > 0 && !(x->think_ms > 0))
                    import_note(r, NOTE_GUESSED, n->id, edge_where(r, n->id, e->to),
                                _("request type \"%s\" from %s: %s users each sending the next request as soon as "
                                  "an answer comes (no think time), as the label \"%s\" of its arrow to %s says%s"),
                                t->name, n->id, note_number(x->users, rate, sizeof rate), e->label, e->to,
                                rated > 1 ? _("; that arrow carries only the types written on it") : "");
                else if (x->users > 0)
                    import_note(r, NOTE_GUESSED, n->id, edge_where(r, n->id, e->to),
                                x->op == OP_WRITE
                                    ? _("request type \"%s\" from %s: %s users each sending one write at a time, "
                                        "thinking %s ms on average between an answer and the next (exponential), "
                                        "as the label \"%s\" of its arrow to %s says%s")
                                    : _("request type \"%s\" from %s: %s users each sending one read at a time, "
                                        "thinking %s ms on average between an answer and the next (exponential), "
                                        "as the label \"%s\" of its arrow to %s says%s"),
                                t->name, n->id, note_number(x->users, rate, sizeof rate),
                                note_number(dist_mean(&t->think_ms), think, sizeof think), e->label, e->to,
                                rated > 1 ? _("; that arrow carries only the types written on it") : "");
                else
                    import_note(r, NOTE_GUESSED, n->id, edge_where(r, n->id, e->to),
                                x->op == OP_WRITE
                                    ? _("request type \"%s\" from %s: %s writes/s, as the label \"%s\" of its arrow to "
                                        "%s says%s")
                                    : _("request type \"%s\" from %s: %s reads/s, as the label \"%s\" of its arrow to "
                                        "%s says%s"),
                                t->name, n->id, note_number(x->rps, rate, sizeof rate), e->label, e->to,
                                rated > 1 ? _("; that arrow carries only the types written on it") : "");
            }
            if (got[k] > 0) { /* the traffic is the scenario's now (an export writes it back on the arrow) */
                free(e->label);
                e->label = *rest[k] ? rest[k] : NULL;
                if (e->label) rest[k] = NULL;
            }
        }
        for (int k = 0; k < m->n_edges; k++) free(rest[k]);
        free(rest);
        free(lr);
        free(got);
        if (rated > 0) continue;
        const char *name = clients == 1 ? "requests" : NULL;
        char *own = name ? NULL : xasprintf("%s_requests", n->id);
        RequestType *t = add_request_type(m, name ? name : own, clients == 1 ? NULL : n->id, 100, OP_READ);
        free(own);
        import_note(r, NOTE_DEFAULTED, n->id, "",
                    _("request type \"%s\" from %s: 100 requests/s, reads (the drawing has no traffic; set "
                      "the real rate in the Scenario panel)"),
                    t->name, n->id);
    }
}

/* Does an edge's label say it is taken on a cache miss ("miss", "on cache miss",
 * "misses", "промах")? Whole English words, so "dismiss" or "permissions" do not. */
static bool label_says_miss(const char *label)
{
    if (!label) return false;
    if (strstr(label, "\xD0\xBF\xD1\x80\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x85") || /* промах */
        strstr(label, "\xD0\x9F\xD1\x80\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x85"))   /* Промах */
        return true;
    char (*w)[WORD_CAP] = xmalloc(sizeof(char[MAX_WORDS][WORD_CAP]));
    char (*pl)[WORD_CAP] = xmalloc(sizeof(char[MAX_WORDS][WORD_CAP]));
    int n = split_words(label, w, pl);
    bool miss = false;
    for (int i = 0; i < n && !miss; i++)
        miss = strcmp(w[i], "miss") == 0 || strcmp(w[i], "misses") == 0 || strcmp(w[i], "missed") == 0;
    free(w);
    free(pl);
    return miss;
}

/* The cache between caller and store after the fix: one the caller calls that now has
 * an edge to the store (that edge gets the arrow's label when it has none). */
static const char *cache_taking_misses(Model *m, const char *caller, const char *store, const char *label)
{
    for (int k = 0; k < m->n_edges; k++) {
        Edge *ce = &m->edges[k];
        int c = model_find_node(m, ce->from);
        if (c < 0 || !node_kind_caches(m->nodes[c].kind) || strcmp(ce->to, store) != 0) continue;
        bool called = false;
        for (int j = 0; j < m->n_edges && !called; j++)
            called = strcmp(m->edges[j].from, caller) == 0 && strcmp(m->edges[j].to, ce->from) == 0;
        if (!called) continue;
        if (!ce->label || !*ce->label) {
            free(ce->label);
            ce->label = xstrdup(label);
        }
        bool every = ce->n_requests == m->scenario.n_requests; /* the import's own types: no filter */
        for (int t = 0; t < m->scenario.n_requests && every; t++) every = edge_carries(ce, m->scenario.requests[t].name);
        if (every) {
            for (int t = 0; t < ce->n_requests; t++) free(ce->requests[t]);
            free(ce->requests);
            ce->requests = NULL;
            ce->n_requests = 0;
        }
        return ce->from;
    }
    return NULL;
}

/* A drawing of cache-aside: the service calls the cache, and its store over an arrow
 * labelled "miss". In archsim a cache calls its store itself, on a miss, so as drawn
 * every read would reach the store (the cache_bypass check). The label says what was
 * meant, so the check's own fix is made: the reads go cache -> store, the arrow's label
 * with them, and a note says so. Unlabelled arrows are left to the check, whose fix the
 * user picks in the app. */
static void read_through_misses(ImportResult *r)
{
    Model *m = r->model;
    for (int round = 0; round <= m->n_edges; round++) { /* findings name edges by index: lint again */
        LintList l;
        lint_init(&l);
        lint_model(m, &l);
        const LintFinding *f = NULL;
        for (int i = 0; i < l.n_items && !f; i++) {
            const LintFinding *x = &l.items[i];
            if (x->check == LINT_CACHE_BYPASS && x->fix && x->i_edge >= 0 && x->i_edge < m->n_edges &&
                label_says_miss(m->edges[x->i_edge].label))
                f = x;
        }
        char *from = f ? xstrdup(m->edges[f->i_edge].from) : NULL, *to = f ? xstrdup(m->edges[f->i_edge].to) : NULL;
        char *label = f ? xstrdup(m->edges[f->i_edge].label) : NULL;
        bool fixed = f && lint_apply_fix(m, f);
        lint_free(&l);
        if (fixed) {
            const char *cache = cache_taking_misses(m, from, to, label);
            for (int k = 0; k < m->n_edges; k++) { /* the service's arrow, if it stays (writes), is no miss path */
                Edge *se = &m->edges[k];
                if (strcmp(se->from, from) == 0 && strcmp(se->to, to) == 0 && se->label && strcmp(se->label, label) == 0) {
                    free(se->label);
                    se->label = NULL;
                }
            }
            import_note(r, NOTE_GUESSED, NULL, edge_where(r, from, to),
                        _("edge %s -> %s, labelled \"%s\": its reads now go %s -> %s, so they reach %s only on a "
                          "miss (an archsim cache calls its store itself)"),
                        from, to, label, cache ? cache : from, to, to);
        }
        free(from);
        free(to);
        free(label);
        if (!fixed) return;
    }
}

/* Is s, whole, one of the model's request types' names joined by '+' ("view+upload")? */
static bool names_request_types(const Model *m, const char *s)
{
    if (!*s) return false;
    char *buf = xstrdup(s);
    bool all = true;
    for (char *save = NULL, *t = strtok_r(buf, "+", &save); t && all; t = strtok_r(NULL, "+", &save))
        all = model_find_request(m, t) >= 0;
    all = all && s[strlen(s) - 1] != '+' && !strstr(s, "++") && s[0] != '+';
    free(buf);
    return all;
}

bool import_summary_number(const char *s, double *v, const char **end)
{
    char *e;
    if (!isdigit((unsigned char)*s)) return false;
    *v = strtod(s, &e);
    if (*e == 'k') *v *= 1e3, e++;
    else if (*e == 'M') *v *= 1e6, e++;
    *end = e;
    return isfinite(*v) && *v >= 0 && *v <= 1e12;
}

bool import_summary_field(const char *part, const char *prefix, const char *suffix, double *v)
{
    size_t pl = strlen(prefix);
    const char *end;
    return strncmp(part, prefix, pl) == 0 && import_summary_number(part + pl, v, &end) && strcmp(end, suffix) == 0;
}

/* A fan-out's shape after "x~MEAN (KIND" in archsim's edge summary: " alpha 1.5", " p99
 * 300", " 2-8" (uniform), " cap 4000", then ")"; into *out with the mean given. */
static bool fanout_shape(const char *s, const char *kind, double mean, Dist *out)
{
    int k = dist_kind_from_name(kind);
    if (k < 0 || k == DIST_CONSTANT) return false;
    Dist d = dist_const(mean);
    d.kind = (DistKind)k;
    for (;;) {
        int n = -1;
        double a, b;
        if (strcmp(s, ")") == 0) break;
        if (sscanf(s, " alpha %lf%n", &a, &n) == 1 && k == DIST_PARETO && field_allows(schema_dist_fields, "alpha", a))
            d.alpha = a;
        else if (sscanf(s, " p99 %lf%n", &a, &n) == 1 && k == DIST_LOGNORMAL && a > 0 &&
                 field_allows(schema_dist_fields, "p99", a))
            d.p99 = a;
        else if (sscanf(s, " cap %lf%n", &a, &n) == 1 && a > 0 && schema_dist_key_applies((DistKind)k, "cap") &&
                 field_allows(schema_dist_fields, "cap", a))
            d.cap = a;
        else if (sscanf(s, " %lf-%lf%n", &a, &b, &n) == 2 && k == DIST_UNIFORM && b >= a &&
                 field_allows(schema_dist_fields, "min", a) && field_allows(schema_dist_fields, "max", b))
            d.min = a, d.max = b;
        else return false;
        s += n;
    }
    if ((k == DIST_PARETO && !(d.alpha > 1)) || (k == DIST_LOGNORMAL && !(d.p99 > 0)) || (k == DIST_UNIFORM && !(d.max > 0)))
        return false; /* the shape is not all there */
    *out = d;
    return true;
}

/* One part of an arrow's label, as archsim's summary of an edge writes it ("20 ms",
 * "timeout 500 ms", "p=0.3", "x4", "x~75 (pareto)", "2 retries", "view+upload"), read
 * into the edge; false, the edge unchanged, for any other words. A person's "20 ms" on an
 * arrow means its latency as well. */
static bool read_edge_part(ImportResult *r, Edge *e, const char *part)
{
    const Model *m = r->model;
    const char *where = edge_where(r, e->from, e->to);
    double v;
    int n = -1, k;
    char kind[32], num[NUMFMT_CAP];
    const char *end;
    if (import_summary_field(part, "", " ms", &v) && field_allows(schema_edge_fields, "latency_ms", v)) {
        e->latency_ms = v;
        import_note(r, NOTE_GUESSED, NULL, where, _("edge %s -> %s: latency %s ms, as its label says"), e->from, e->to,
                    note_number(v, num, sizeof num));
    } else if (import_summary_field(part, "timeout ", " ms", &v) && v > 0 &&
               field_allows(schema_edge_fields, "timeout_ms", v)) {
        e->timeout_ms = v;
        import_note(r, NOTE_GUESSED, NULL, where, _("edge %s -> %s: timeout %s ms, as its label says"), e->from, e->to,
                    note_number(v, num, sizeof num));
    } else if (import_summary_field(part, "p=", "", &v) && field_allows(schema_edge_fields, "probability", v)) {
        e->probability = v;
        import_note(r, NOTE_GUESSED, NULL, where, _("edge %s -> %s: taken with probability %s, as its label says"),
                    e->from, e->to, note_number(v, num, sizeof num));
    } else if (import_summary_field(part, "x", "", &v) && field_allows(schema_dist_fields, "mean", v)) {
        e->fanout = dist_const(v);
        import_note(r, NOTE_GUESSED, NULL, where, _("edge %s -> %s: fan-out of %s calls, as its label says"), e->from,
                    e->to, note_number(v, num, sizeof num));
    } else if (strncmp(part, "x~", 2) == 0 && import_summary_number(part + 2, &v, &end) && strncmp(end, " (", 2) == 0 &&
               sscanf(end + 2, "%31[a-z]%n", kind, &n) == 1 && field_allows(schema_dist_fields, "mean", v) &&
               fanout_shape(end + 2 + n, kind, v, &e->fanout)) {
        char shape[96]; /* "pareto alpha 1.5 cap 4000", its parentheses off */
        const char *open = strchr(part, '(');
        snprintf(shape, sizeof shape, "%.*s", (int)(strlen(open + 1) - 1), open + 1);
        import_note(r, NOTE_GUESSED, NULL, where, _("edge %s -> %s: fan-out of %s calls on average (%s), as its label says"),
                    e->from, e->to, note_number(v, num, sizeof num), shape);
    } else if ((import_summary_field(part, "", " retry", &v) || import_summary_field(part, "", " retries", &v)) && v > 0 &&
               field_allows(schema_edge_fields, "retries", v)) {
        e->retries = k = (int)v;
        import_note(r, NOTE_GUESSED, NULL, where,
                    P_("edge %s -> %s: %d retry, as its label says", "edge %s -> %s: %d retries, as its label says", k),
                    e->from, e->to, k);
    } else if (names_request_types(m, part) && e->n_requests == 0) {
        char *buf = xstrdup(part);
        for (char *save = NULL, *t = strtok_r(buf, "+", &save); t; t = strtok_r(NULL, "+", &save)) {
            e->requests = xrealloc(e->requests, (size_t)(e->n_requests + 1) * sizeof *e->requests);
            e->requests[e->n_requests++] = xstrdup(t);
        }
        free(buf);
        import_note(r, NOTE_GUESSED, NULL, where, _("edge %s -> %s: carries only %s, as its label says"),
                    e->from, e->to, part);
    } else if (names_request_types(m, part)) {
        /* the types its traffic already gave it */
    } else {
        return false;
    }
    return true;
}

/* The parts of arrows' labels that say what archsim's edges hold (archsim's own export
 * writes them there: a Mermaid or Graphviz file keeps no other place) go into the edges;
 * the label keeps the other words. */
static void read_edge_labels(ImportResult *r)
{
    Model *m = r->model;
    for (int i = 0; i < m->n_edges; i++) {
        Edge *e = &m->edges[i];
        if (!e->label) continue;
        StrBuf rest;
        sb_init(&rest);
        char *buf = xstrdup(e->label);
        for (char *part = buf; part;) {
            char *next = strstr(part, ", ");
            if (next) *next = 0;
            if (!read_edge_part(r, e, part)) sb_printf(&rest, "%s%s", rest.len ? ", " : "", part);
            part = next ? next + 2 : NULL;
        }
        free(buf);
        free(e->label);
        e->label = rest.len ? sb_take(&rest) : NULL;
        sb_free(&rest);
    }
}

static bool finished(bool ok, ImportResult *r, DiagList *d)
{
    if (!ok || !r->model) return false;
    finish(r, d);
    if (!r->exported) read_edge_labels(r);
    if (!r->exported) read_through_misses(r);
    model_validate(r->model, d); /* design problems: the model is still given */
    return true;
}

bool import_bytes(const char *data, size_t len, ImportResult *r, DiagList *d)
{
    memset(r, 0, sizeof *r);
    r->format = import_sniff(data, len);
    switch (r->format) {
    case IMPORT_PNG: {
        size_t n = 0;
        char *json = png_meta_read(data, len, &n, d);
        if (!json) return false;
        bool ok = import_archsim(json, n, r, d);
        free(json);
        return ok;
    }
    case IMPORT_EXCALIDRAW: return finished(import_excalidraw(data, len, r, d), r, d);
    case IMPORT_DRAWIO: return finished(import_drawio(data, len, r, d), r, d);
    case IMPORT_MERMAID: return finished(import_mermaid(data, len, r, d), r, d);
    default: return import_archsim(data, len, r, d);
    }
}

bool import_file(const char *path, ImportResult *r, DiagList *d)
{
    memset(r, 0, sizeof *r);
    size_t len = 0;
    char *data = read_file_max(path, IMPORT_MAX_BYTES, &len);
    if (!data) {
        if (errno == EFBIG)
            diag_add(d, "", _("the file is larger than %u MB; a diagram is far smaller"), IMPORT_MAX_BYTES >> 20);
        else
            diag_add(d, "", _("cannot read the file: %s"), strerror(errno));
        return false;
    }
    bool ok = import_bytes(data, len, r, d);
    free(data);
    return ok;
}
