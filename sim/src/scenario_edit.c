/*
 * scenario_edit.c - the scenario's lists edited in place with their references kept
 * consistent (scenario_edit.h). Lists are plain arrays: add appends, remove shifts down,
 * move swaps two neighbours.
 */
#include "sim/scenario_edit.h"

#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

const char *node_shown_name(const Node *n) { return n->label && *n->label ? n->label : n->id; }

int scenario_list_count(const Model *m, ScenList l)
{
    const Scenario *s = &m->scenario;
    switch (l) {
    case SCEN_REQUESTS: return s->n_requests;
    case SCEN_REQUIREMENTS: return s->n_requirements;
    case SCEN_EVENTS: return s->n_events;
    case SCEN_HINTS: return s->n_hints;
    default: return 0;
    }
}

/* The array, count and element size of list l. */
static void list_of(Model *m, ScenList l, void **items, int **n, size_t *size)
{
    Scenario *s = &m->scenario;
    switch (l) {
    case SCEN_REQUESTS: *items = s->requests, *n = &s->n_requests, *size = sizeof *s->requests; break;
    case SCEN_REQUIREMENTS: *items = s->requirements, *n = &s->n_requirements, *size = sizeof *s->requirements; break;
    case SCEN_EVENTS: *items = s->events, *n = &s->n_events, *size = sizeof *s->events; break;
    default: *items = s->hints, *n = &s->n_hints, *size = sizeof *s->hints; break;
    }
}

static void *grow_list(void *items, int n, size_t size) { return xrealloc(items, (size_t)(n + 1) * size); }

/* A translation's own copy of list l (its hints, its requirements' labels), or false for
 * a list that has none. */
static bool translated_list(Translation *tr, ScenList l, char ***items, int **n)
{
    if (l == SCEN_HINTS) return *items = tr->hints, *n = &tr->n_hints, true;
    if (l == SCEN_REQUIREMENTS) return *items = tr->requirements, *n = &tr->n_requirements, true;
    return false;
}

int scenario_add_request(Model *m, const RequestType *r)
{
    Scenario *s = &m->scenario;
    s->requests = grow_list(s->requests, s->n_requests, sizeof *s->requests);
    RequestType *d = &s->requests[s->n_requests];
    *d = *r;
    d->name = xstrdup(r->name);
    d->client = xstrdup(r->client);
    d->meta_json = xstrdup(r->meta_json);
    return s->n_requests++;
}

static void strlist_push(char ***items, int *n, const char *text);

int scenario_add_requirement(Model *m, const Requirement *q)
{
    Scenario *s = &m->scenario;
    for (int t = 0; t < s->n_translations; t++) { /* no label of its own in any language yet */
        Translation *tr = &s->translations[t];
        if (tr->n_requirements == s->n_requirements && tr->n_requirements > 0)
            strlist_push(&tr->requirements, &tr->n_requirements, "");
    }
    s->requirements = grow_list(s->requirements, s->n_requirements, sizeof *s->requirements);
    Requirement *d = &s->requirements[s->n_requirements];
    *d = *q;
    d->request = xstrdup(q->request);
    d->label = xstrdup(q->label);
    return s->n_requirements++;
}

int scenario_add_event(Model *m, const ScenarioEvent *e)
{
    Scenario *s = &m->scenario;
    s->events = grow_list(s->events, s->n_events, sizeof *s->events);
    ScenarioEvent *d = &s->events[s->n_events];
    *d = *e;
    d->node = xstrdup(e->node);
    d->request = xstrdup(e->request);
    d->label = xstrdup(e->label);
    d->zone = xstrdup(e->zone);
    d->region = xstrdup(e->region);
    return s->n_events++;
}

static void strlist_push(char ***items, int *n, const char *text)
{
    *items = xrealloc(*items, (size_t)(*n + 1) * sizeof **items);
    (*items)[(*n)++] = xstrdup(text ? text : "");
}

int scenario_add_hint(Model *m, const char *text)
{
    Scenario *s = &m->scenario;
    for (int t = 0; t < s->n_translations; t++) {
        Translation *tr = &s->translations[t];
        if (tr->n_hints == s->n_hints && tr->n_hints > 0) strlist_push(&tr->hints, &tr->n_hints, text);
    }
    strlist_push(&s->hints, &s->n_hints, text);
    return s->n_hints - 1;
}

static void swap_bytes(void *a, void *b, size_t size)
{
    unsigned char tmp[256];
    while (size) {
        size_t k = size < sizeof tmp ? size : sizeof tmp;
        memcpy(tmp, a, k);
        memcpy(a, b, k);
        memcpy(b, tmp, k);
        a = (unsigned char *)a + k;
        b = (unsigned char *)b + k;
        size -= k;
    }
}

bool scenario_move(Model *m, ScenList l, int k, int dir)
{
    void *items;
    int *n;
    size_t size;
    list_of(m, l, &items, &n, &size);
    int j = k + dir;
    if (k < 0 || k >= *n || j < 0 || j >= *n || k == j) return false;
    swap_bytes((char *)items + (size_t)k * size, (char *)items + (size_t)j * size, size);
    for (int t = 0; t < m->scenario.n_translations; t++) {
        char **tl;
        int *tn;
        if (translated_list(&m->scenario.translations[t], l, &tl, &tn) && k < *tn && j < *tn)
            swap_bytes(&tl[k], &tl[j], sizeof *tl);
    }
    return true;
}

static void free_elem(ScenList l, void *e)
{
    switch (l) {
    case SCEN_REQUESTS: {
        RequestType *r = e;
        free(r->name);
        free(r->client);
        free(r->meta_json);
        break;
    }
    case SCEN_REQUIREMENTS: {
        Requirement *q = e;
        free(q->request);
        free(q->label);
        break;
    }
    case SCEN_EVENTS: {
        ScenarioEvent *v = e;
        free(v->node);
        free(v->request);
        free(v->zone);
        free(v->region);
        free(v->label);
        break;
    }
    default: free(*(char **)e); break;
    }
}

static void remove_at(Model *m, ScenList l, int k)
{
    void *items;
    int *n;
    size_t size;
    list_of(m, l, &items, &n, &size);
    if (k < 0 || k >= *n) return;
    for (int t = 0; t < m->scenario.n_translations; t++) {
        char **tl;
        int *tn;
        if (!translated_list(&m->scenario.translations[t], l, &tl, &tn) || k >= *tn) continue;
        free(tl[k]);
        memmove(&tl[k], &tl[k + 1], (size_t)(*tn - k - 1) * sizeof *tl);
        (*tn)--;
    }
    char *base = items;
    free_elem(l, base + (size_t)k * size);
    memmove(base + (size_t)k * size, base + (size_t)(k + 1) * size, (size_t)(*n - k - 1) * size);
    (*n)--;
}

void scenario_unlabel_requirement(Model *m, int k)
{
    Scenario *s = &m->scenario;
    if (k < 0 || k >= s->n_requirements) return;
    free(s->requirements[k].label);
    s->requirements[k].label = NULL;
    for (int t = 0; t < s->n_translations; t++) {
        Translation *tr = &s->translations[t];
        if (k >= tr->n_requirements) continue;
        free(tr->requirements[k]);
        tr->requirements[k] = xstrdup("");
    }
}

void scenario_remove(Model *m, ScenList l, int k)
{
    if (l == SCEN_REQUESTS) {
        scenario_remove_request(m, k);
        return;
    }
    remove_at(m, l, k);
}

/* Edge e's filter without `name`; true when it named it. */
static bool filter_drop(Edge *e, const char *name)
{
    bool had = false;
    for (int i = 0; i < e->n_requests;) {
        if (same(e->requests[i], name)) {
            free(e->requests[i]);
            memmove(&e->requests[i], &e->requests[i + 1], (size_t)(e->n_requests - i - 1) * sizeof *e->requests);
            e->n_requests--;
            had = true;
        } else {
            i++;
        }
    }
    return had;
}

void scenario_remove_request(Model *m, int k)
{
    Scenario *s = &m->scenario;
    if (k < 0 || k >= s->n_requests) return;
    char *name = xstrdup(s->requests[k].name);
    for (int i = m->n_edges - 1; i >= 0; i--) {
        Edge *e = &m->edges[i];
        if (e->n_requests > 0 && filter_drop(e, name) && e->n_requests == 0) model_remove_edge(m, i);
    }
    for (int i = s->n_requirements - 1; i >= 0; i--)
        if (same(s->requirements[i].request, name)) remove_at(m, SCEN_REQUIREMENTS, i);
    for (int i = s->n_events - 1; i >= 0; i--)
        if (same(s->events[i].request, name)) remove_at(m, SCEN_EVENTS, i);
    remove_at(m, SCEN_REQUESTS, k);
    free(name);
}

static void rename_str(char **s, const char *from, const char *to)
{
    if (!same(*s, from)) return;
    free(*s);
    *s = xstrdup(to);
}

void scenario_rename_request(Model *m, int k, const char *name)
{
    Scenario *s = &m->scenario;
    if (k < 0 || k >= s->n_requests || !name) return;
    char *old = xstrdup(s->requests[k].name);
    for (int i = 0; i < m->n_edges; i++)
        for (int j = 0; j < m->edges[i].n_requests; j++) rename_str(&m->edges[i].requests[j], old, name);
    for (int i = 0; i < s->n_requirements; i++) rename_str(&s->requirements[i].request, old, name);
    for (int i = 0; i < s->n_events; i++) rename_str(&s->events[i].request, old, name);
    free(s->requests[k].name);
    s->requests[k].name = xstrdup(name);
    free(old);
}

void model_rename_node(Model *m, int i, const char *id)
{
    if (i < 0 || i >= m->n_nodes || !id) return;
    char *old = xstrdup(m->nodes[i].id);
    for (int k = 0; k < m->n_edges; k++) {
        rename_str(&m->edges[k].from, old, id);
        rename_str(&m->edges[k].to, old, id);
    }
    Scenario *s = &m->scenario;
    for (int k = 0; k < s->n_requests; k++) rename_str(&s->requests[k].client, old, id);
    for (int k = 0; k < s->n_events; k++) rename_str(&s->events[k].node, old, id);
    for (int k = 0; k < m->n_nodes; k++) rename_str(&m->nodes[k].dead_letter, old, id);
    free(m->nodes[i].id);
    m->nodes[i].id = xstrdup(id);
    free(old);
}

/* The client a request type is sent by: its own, else the only client; -1 none. */
static int client_of(const Model *m, const RequestType *r)
{
    if (r->client) return model_find_node(m, r->client);
    int found = -1;
    for (int i = 0; i < m->n_nodes; i++)
        if (m->nodes[i].kind == NODE_CLIENT) {
            if (found >= 0) return -1;
            found = i;
        }
    return found;
}

static bool flagged(const Model *m, const unsigned char *del, const char *id)
{
    int i = model_find_node(m, id);
    return i >= 0 && del[i];
}

void model_remove_nodes(Model *m, const unsigned char *del)
{
    Scenario *s = &m->scenario;
    for (int k = 0; k < s->n_requests; k++) {
        int c = client_of(m, &s->requests[k]);
        if (c >= 0 && del[c]) {
            free(s->requests[k].client);
            s->requests[k].client = NULL;
        }
    }
    for (int k = s->n_events - 1; k >= 0; k--)
        if (s->events[k].node && flagged(m, del, s->events[k].node)) remove_at(m, SCEN_EVENTS, k);
    for (int i = m->n_nodes - 1; i >= 0; i--)
        if (del[i]) model_remove_node(m, i);
}

/* ---- what a removal takes with it, in words ------------------------------------------- */

static void list_sep(StrBuf *b, int k, int n)
{
    if (k == 0) return;
    sb_puts(b, k == n - 1 ? (n > 2 ? ", and " : " and ") : ", ");
}

static const char *event_verb(const ScenarioEvent *e)
{
    switch (e->action) {
    case EVENT_FAIL: return "fails";
    case EVENT_SLOW: return "slows down";
    default: return "surges";
    }
}

/* "db fails at 30 s" or the event's label. */
static void event_words(StrBuf *b, const Model *m, const ScenarioEvent *e)
{
    if (e->label && *e->label) {
        sb_printf(b, "'%s'", e->label);
        return;
    }
    int i = e->node ? model_find_node(m, e->node) : -1;
    const char *who = i >= 0 ? node_shown_name(&m->nodes[i]) : e->node ? e->node : e->zone ? e->zone
                      : e->region ? e->region : e->request ? e->request : "all traffic";
    sb_printf(b, "'%s %s at %.0f s'", who, event_verb(e), e->at_s);
}

char *scenario_describe_request_removal(const Model *m, int k)
{
    const Scenario *s = &m->scenario;
    if (k < 0 || k >= s->n_requests) return NULL;
    const char *name = s->requests[k].name;
    StrBuf b;
    sb_init(&b);
    int only = 0, shared = 0;
    for (int i = 0; i < m->n_edges; i++) {
        const Edge *e = &m->edges[i];
        bool has = false;
        for (int j = 0; j < e->n_requests; j++) has |= same(e->requests[j], name);
        if (!has) continue;
        if (e->n_requests == 1) only++;
        else shared++;
    }
    if (only) {
        sb_printf(&b, "%d edge%s that carr%s only '%s' %s removed: ", only, only == 1 ? "" : "s", only == 1 ? "ies" : "y",
                  name, only == 1 ? "is" : "are");
        int c = 0;
        for (int i = 0; i < m->n_edges; i++) {
            const Edge *e = &m->edges[i];
            if (e->n_requests != 1 || !same(e->requests[0], name)) continue;
            int a = model_find_node(m, e->from), z = model_find_node(m, e->to);
            list_sep(&b, c++, only);
            sb_printf(&b, "%s \xE2\x86\x92 %s", a >= 0 ? node_shown_name(&m->nodes[a]) : e->from,
                      z >= 0 ? node_shown_name(&m->nodes[z]) : e->to);
        }
        sb_puts(&b, ". ");
    }
    if (shared) sb_printf(&b, "'%s' leaves the request filter of %d other edge%s. ", name, shared, shared == 1 ? "" : "s");
    int nq = 0, ne = 0;
    for (int i = 0; i < s->n_requirements; i++) nq += same(s->requirements[i].request, name);
    for (int i = 0; i < s->n_events; i++) ne += same(s->events[i].request, name);
    if (nq) sb_printf(&b, "%d requirement%s about it %s removed. ", nq, nq == 1 ? "" : "s", nq == 1 ? "is" : "are");
    if (ne) {
        sb_printf(&b, "%d event%s %s removed: ", ne, ne == 1 ? "" : "s", ne == 1 ? "is" : "are");
        int c = 0;
        for (int i = 0; i < s->n_events; i++) {
            if (!same(s->events[i].request, name)) continue;
            list_sep(&b, c++, ne);
            event_words(&b, m, &s->events[i]);
        }
        sb_puts(&b, ". ");
    }
    if (b.len == 0) {
        sb_free(&b);
        return NULL;
    }
    b.data[b.len - 1] = 0; /* the last space */
    return sb_take(&b);
}

char *model_describe_nodes_removal(const Model *m, const unsigned char *del)
{
    const Scenario *s = &m->scenario;
    StrBuf b;
    sb_init(&b);
    int ne = 0, nr = 0;
    for (int k = 0; k < s->n_events; k++) ne += s->events[k].node && flagged(m, del, s->events[k].node);
    for (int k = 0; k < s->n_requests; k++) {
        int c = client_of(m, &s->requests[k]);
        nr += c >= 0 && del[c];
    }
    if (ne) {
        sb_printf(&b, "%d scenario event%s on %s %s removed: ", ne, ne == 1 ? "" : "s", ne == 1 ? "it" : "them",
                  ne == 1 ? "is" : "are");
        int c = 0;
        for (int k = 0; k < s->n_events; k++) {
            if (!s->events[k].node || !flagged(m, del, s->events[k].node)) continue;
            list_sep(&b, c++, ne);
            event_words(&b, m, &s->events[k]);
        }
        sb_puts(&b, ". ");
    }
    if (nr) {
        sb_printf(&b, "Request type%s ", nr == 1 ? "" : "s");
        int c = 0;
        for (int k = 0; k < s->n_requests; k++) {
            int cl = client_of(m, &s->requests[k]);
            if (cl < 0 || !del[cl]) continue;
            list_sep(&b, c++, nr);
            sb_printf(&b, "'%s'", s->requests[k].name);
        }
        sb_printf(&b, " %s no client then: %s kept, and sent by the board's client once there is exactly one "
                      "(or pick one in the scenario). ",
                  nr == 1 ? "has" : "have", nr == 1 ? "it is" : "they are");
    }
    if (b.len == 0) {
        sb_free(&b);
        return NULL;
    }
    b.data[b.len - 1] = 0;
    return sb_take(&b);
}
