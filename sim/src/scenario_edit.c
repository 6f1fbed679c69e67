/*
 * scenario_edit.c - the scenario's lists edited in place with their references kept
 * consistent (scenario_edit.h). Lists are plain arrays: add appends, remove shifts down,
 * move swaps two neighbours.
 */
#include "sim/scenario_edit.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim/numfmt.h"
#include "sim/tr.h"
#include "sim/util.h"

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

bool model_set_label_shown(Model *m, bool edge, int i, const char *lang, const char *text)
{
    if (i < 0 || i >= (edge ? m->n_edges : m->n_nodes)) return false;
    char **label = edge ? &m->edges[i].label : &m->nodes[i].label;
    const char *shown = edge ? edge_label_shown(&m->edges[i]) : node_label_shown(&m->nodes[i]);
    while (text && *text == ' ') text++;
    size_t len = text ? strlen(text) : 0;
    while (len > 0 && text[len - 1] == ' ') len--;
    char *want = NULL;
    if (len) {
        want = xmalloc(len + 1);
        memcpy(want, text, len);
        want[len] = 0;
    }
    bool changed = !same(want ? want : "", shown);
    const Translation *t = scenario_translation(&m->scenario, lang);
    int k = -1;
    for (int j = 0; t && *label && j < t->n_labels; j++)
        if (strcmp(t->labels_en[j], *label) == 0) k = j;
    if (changed && k >= 0 && want) { /* the translation is what is shown: it is what changes */
        Translation *tw = (Translation *)t;
        free(tw->labels[k]);
        tw->labels[k] = want;
    } else if (changed) {
        free(*label);
        *label = want;
    } else {
        free(want);
    }
    model_localize(m, lang);
    return changed;
}


int scenario_list_count(const Model *m, ScenList l)
{
    const Scenario *s = &m->scenario;
    switch (l) {
    case SCEN_REQUESTS: return s->n_requests;
    case SCEN_REQUIREMENTS: return s->n_requirements;
    case SCEN_EVENTS: return s->n_events;
    case SCEN_HINTS: return s->n_hints;
    case SCEN_ENVELOPE: return s->n_envelope;
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
    case SCEN_ENVELOPE: *items = s->envelope, *n = &s->n_envelope, *size = sizeof *s->envelope; break;
    default: *items = s->hints, *n = &s->n_hints, *size = sizeof *s->hints; break;
    }
}

static void *grow_list(void *items, int n, size_t size) { return xrealloc(items, (size_t)(n + 1) * size); }

/* A translation's own copy of list l (its hints, its requirements' or events' labels)
 * and its count in *n, or NULL for a list that has none. */
static char ***translated_list(Translation *tr, ScenList l, int **n)
{
    if (l == SCEN_HINTS) return *n = &tr->n_hints, &tr->hints;
    if (l == SCEN_REQUIREMENTS) return *n = &tr->n_requirements, &tr->requirements;
    if (l == SCEN_EVENTS) return *n = &tr->n_events, &tr->events;
    return NULL;
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

/* Every translation with its own copy of list l gets `text` for an element appended to
 * the base list of n_before (a hint's English text, to be translated; "" for a label:
 * none of its own in any language yet), so the counts keep matching. */
static void translations_grow(Model *m, ScenList l, int n_before, const char *text)
{
    for (int t = 0; t < m->scenario.n_translations; t++) {
        int *n;
        char ***items = translated_list(&m->scenario.translations[t], l, &n);
        if (items && *n == n_before && *n > 0) strlist_push(items, n, text);
    }
}

int scenario_add_requirement(Model *m, const Requirement *q)
{
    Scenario *s = &m->scenario;
    translations_grow(m, SCEN_REQUIREMENTS, s->n_requirements, "");
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
    translations_grow(m, SCEN_EVENTS, s->n_events, "");
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
    translations_grow(m, SCEN_HINTS, s->n_hints, text);
    strlist_push(&s->hints, &s->n_hints, text);
    return s->n_hints - 1;
}

/* ---- the back-of-the-envelope sheet --------------------------------------------------- */

static bool quantity_id_taken(const Model *m, const char *id, int except)
{
    if (strcmp(id, "peak_rps") == 0) return true; /* would replace the peak derived from the traffic */
    for (int i = 0; i < m->scenario.n_envelope; i++)
        if (i != except && same(m->scenario.envelope[i].id, id)) return true;
    return false;
}

const char *scenario_quantity_id(const Model *m, const char *label, int except, char *out, size_t cap)
{
    char slug[ENVELOPE_ID_MAX + 1];
    size_t n = 0, room = ENVELOPE_ID_MAX - 3; /* "_99" may follow */
    bool gap = false;
    for (const unsigned char *c = (const unsigned char *)(label ? label : ""); *c && n < room; c++) {
        if (!isalnum(*c) || *c >= 0x80) {
            gap = n > 0;
            continue;
        }
        if (gap && n + 1 < room) slug[n++] = '_';
        gap = false;
        slug[n++] = (char)tolower(*c);
    }
    slug[n] = 0;
    if (n == 0) snprintf(slug, sizeof slug, "quantity");
    snprintf(out, cap, "%s", slug);
    for (int k = 2; k < 1000 && quantity_id_taken(m, out, except); k++) snprintf(out, cap, "%s_%d", slug, k);
    return out;
}

int scenario_add_quantity(Model *m, const EnvelopeItem *it)
{
    Scenario *s = &m->scenario;
    for (int t = 0; t < s->n_translations; t++) { /* an entry with nothing of its own */
        Translation *tr = &s->translations[t];
        if (tr->n_envelope != s->n_envelope || tr->n_envelope == 0) continue;
        tr->envelope = xrealloc(tr->envelope, (size_t)(tr->n_envelope + 1) * sizeof *tr->envelope);
        tr->envelope[tr->n_envelope++] = (EnvelopeText){0};
    }
    s->envelope = grow_list(s->envelope, s->n_envelope, sizeof *s->envelope);
    EnvelopeItem *d = &s->envelope[s->n_envelope];
    envelope_item_copy(d, it);
    if (!d->id || !*d->id || quantity_id_taken(m, d->id, s->n_envelope)) {
        char id[ENVELOPE_ID_MAX + 8];
        free(d->id);
        d->id = xstrdup(scenario_quantity_id(m, d->label, s->n_envelope, id, sizeof id));
    }
    return s->n_envelope++;
}

int scenario_add_factor(Model *m, int k, const EnvelopeFactor *f)
{
    Scenario *s = &m->scenario;
    if (k < 0 || k >= s->n_envelope) return -1;
    EnvelopeItem *it = &s->envelope[k];
    for (int t = 0; t < s->n_translations; t++) { /* own labels for every factor, or none */
        Translation *tr = &s->translations[t];
        if (k < tr->n_envelope && tr->envelope[k].n_factors == it->n_factors && it->n_factors > 0)
            strlist_push(&tr->envelope[k].factors, &tr->envelope[k].n_factors, f->label);
    }
    it->factors = xrealloc(it->factors, (size_t)(it->n_factors + 1) * sizeof *it->factors);
    it->factors[it->n_factors] = (EnvelopeFactor){f->value, xstrdup(f->label ? f->label : ""), f->divide};
    return it->n_factors++;
}

/* Entry `j` of a list of n strings out. */
static void strlist_drop(char **items, int *n, int j)
{
    free(items[j]);
    memmove(&items[j], &items[j + 1], (size_t)(*n - j - 1) * sizeof *items);
    (*n)--;
}

void scenario_remove_factor(Model *m, int k, int f)
{
    Scenario *s = &m->scenario;
    if (k < 0 || k >= s->n_envelope || f < 0 || f >= s->envelope[k].n_factors) return;
    EnvelopeItem *it = &s->envelope[k];
    for (int t = 0; t < s->n_translations; t++) {
        Translation *tr = &s->translations[t];
        if (k < tr->n_envelope && f < tr->envelope[k].n_factors && tr->envelope[k].n_factors == it->n_factors)
            strlist_drop(tr->envelope[k].factors, &tr->envelope[k].n_factors, f);
    }
    free(it->factors[f].label);
    memmove(&it->factors[f], &it->factors[f + 1], (size_t)(it->n_factors - f - 1) * sizeof *it->factors);
    it->n_factors--;
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
        Translation *tr = &m->scenario.translations[t];
        int *tn;
        char ***tl = translated_list(tr, l, &tn);
        if (tl && k < *tn && j < *tn) swap_bytes(&(*tl)[k], &(*tl)[j], sizeof **tl);
        if (l == SCEN_ENVELOPE && k < tr->n_envelope && j < tr->n_envelope)
            swap_bytes(&tr->envelope[k], &tr->envelope[j], sizeof *tr->envelope);
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
    case SCEN_ENVELOPE: envelope_item_free(e); break;
    default: free(*(char **)e); break;
    }
}

static void drop_if_empty(Scenario *s, Translation *t);

/* A translation's sheet whose entries have nothing of their own goes: it shows the
 * English one. */
static void sheet_drop_if_blank(Translation *t)
{
    for (int j = 0; j < t->n_envelope; j++)
        if (t->envelope[j].label || t->envelope[j].note || t->envelope[j].n_factors) return;
    for (int j = 0; j < t->n_envelope; j++) envelope_text_free(&t->envelope[j]);
    free(t->envelope);
    t->envelope = NULL;
    t->n_envelope = 0;
}

static void remove_at(Model *m, ScenList l, int k)
{
    void *items;
    int *n;
    size_t size;
    list_of(m, l, &items, &n, &size);
    if (k < 0 || k >= *n) return;
    for (int t = 0; t < m->scenario.n_translations; t++) {
        Translation *tr = &m->scenario.translations[t];
        if (l == SCEN_ENVELOPE && k < tr->n_envelope) {
            envelope_text_free(&tr->envelope[k]);
            memmove(&tr->envelope[k], &tr->envelope[k + 1], (size_t)(tr->n_envelope - k - 1) * sizeof *tr->envelope);
            tr->n_envelope--;
            sheet_drop_if_blank(tr);
        }
        int *tn;
        char ***tl = translated_list(tr, l, &tn);
        if (tl && k < *tn) strlist_drop(*tl, tn, k);
    }
    for (int t = m->scenario.n_translations - 1; t >= 0; t--) drop_if_empty(&m->scenario, &m->scenario.translations[t]);
    char *base = items;
    free_elem(l, base + (size_t)k * size);
    memmove(base + (size_t)k * size, base + (size_t)(k + 1) * size, (size_t)(*n - k - 1) * size);
    (*n)--;
}

void scenario_unlabel(Model *m, ScenList l, int k)
{
    Scenario *s = &m->scenario;
    char **label;
    if (l == SCEN_REQUIREMENTS && k >= 0 && k < s->n_requirements) label = &s->requirements[k].label;
    else if (l == SCEN_EVENTS && k >= 0 && k < s->n_events) label = &s->events[k].label;
    else return;
    free(*label);
    *label = NULL;
    for (int t = 0; t < s->n_translations; t++) {
        int *n;
        char ***items = translated_list(&s->translations[t], l, &n);
        if (!items || k >= *n) continue;
        free((*items)[k]);
        (*items)[k] = xstrdup("");
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

static bool base_lang(const char *lang) { return !lang || !*lang || strcmp(lang, "en") == 0; }

/* A node's or an edge's English label (what = "label": node k, "edge-label": edge k),
 * its slot; NULL when k is out of range. */
static char *const *label_slot(const Model *m, const char *what, int k)
{
    bool edge = strcmp(what, "edge-label") == 0;
    if (!edge && strcmp(what, "label") != 0) return NULL;
    if (k < 0 || k >= (edge ? m->n_edges : m->n_nodes)) return NULL;
    return edge ? &m->edges[k].label : &m->nodes[k].label;
}

/* The index of English label `en` among translation t's labels, -1. */
static int label_index(const Translation *t, const char *en)
{
    for (int j = 0; t && en && j < t->n_labels; j++)
        if (strcmp(t->labels_en[j], en) == 0) return j;
    return -1;
}

static void label_drop(Translation *t, int j)
{
    free(t->labels_en[j]);
    free(t->labels[j]);
    memmove(&t->labels_en[j], &t->labels_en[j + 1], (size_t)(t->n_labels - j - 1) * sizeof *t->labels_en);
    memmove(&t->labels[j], &t->labels[j + 1], (size_t)(t->n_labels - j - 1) * sizeof *t->labels);
    t->n_labels--;
}

/* How many nodes and edges have English label `en`. */
static int label_users(const Model *m, const char *en)
{
    int n = 0;
    for (int i = 0; en && i < m->n_nodes; i++) n += m->nodes[i].label && strcmp(m->nodes[i].label, en) == 0;
    for (int i = 0; en && i < m->n_edges; i++) n += m->edges[i].label && strcmp(m->edges[i].label, en) == 0;
    return n;
}

/* A requirement's or an event's label ("requirement-label", "event-label": entry k), its
 * list; SCEN_LIST_COUNT for any other `what` or k out of range. */
static ScenList item_label_list(const Model *m, const char *what, int k)
{
    ScenList l = strcmp(what, "requirement-label") == 0 ? SCEN_REQUIREMENTS
                 : strcmp(what, "event-label") == 0     ? SCEN_EVENTS
                                                        : SCEN_LIST_COUNT;
    int n = l == SCEN_REQUIREMENTS ? m->scenario.n_requirements : l == SCEN_EVENTS ? m->scenario.n_events : 0;
    return k >= 0 && k < n ? l : SCEN_LIST_COUNT;
}

static char **item_label_slot(Model *m, ScenList l, int k)
{
    return l == SCEN_REQUIREMENTS ? &m->scenario.requirements[k].label : &m->scenario.events[k].label;
}

static bool translation_empty(const Translation *t)
{
    return !t->title && !t->prompt && t->n_hints == 0 && t->n_requirements == 0 && t->n_events == 0 &&
           t->n_labels == 0 && t->n_envelope == 0;
}

/* The scenario's translation into `lang`, made (empty) when it has none. */
static Translation *translation_for(Scenario *s, const char *lang)
{
    Translation *t = (Translation *)scenario_translation(s, lang);
    if (t) return t;
    s->translations = xrealloc(s->translations, (size_t)(s->n_translations + 1) * sizeof *s->translations);
    t = &s->translations[s->n_translations++];
    *t = (Translation){.lang = xstrdup(lang)};
    return t;
}

/* A translation left with nothing of its own goes. */
static void drop_if_empty(Scenario *s, Translation *t)
{
    if (!translation_empty(t)) return;
    int i = (int)(t - s->translations);
    translation_free(t);
    memmove(&s->translations[i], &s->translations[i + 1], (size_t)(s->n_translations - i - 1) * sizeof *t);
    s->n_translations--;
}

/* Entry j of a translation's own copy of a list of n_en English texts (its hints, a
 * quantity's factor labels: a translation has all of them or none) set to `want` (owned;
 * NULL: the English words again). The copy starts as the English texts and goes when every
 * entry reads as them again. False, and `want` freed, when the copy is of another length
 * (a file's mistake, which the validator names). */
static bool own_list_set(char ***items, int *n, const char *const *english, int n_en, int j, char *want)
{
    if (*n == 0) {
        *items = xcalloc((size_t)n_en + 1, sizeof **items);
        for (int i = 0; i < n_en; i++) (*items)[i] = xstrdup(english[i] ? english[i] : "");
        *n = n_en;
    }
    if (*n != n_en || j < 0 || j >= n_en) {
        free(want);
        return false;
    }
    free((*items)[j]);
    (*items)[j] = want ? want : xstrdup(english[j] ? english[j] : "");
    bool own = false;
    for (int i = 0; i < *n; i++) own |= !same((*items)[i], english[i]);
    if (!own) { /* every one the English again: none of its own */
        for (int i = 0; i < *n; i++) free((*items)[i]);
        free(*items);
        *items = NULL;
        *n = 0;
    }
    return true;
}

/* ---- the sheet's texts ---------------------------------------------------------------- */

static bool quantity_text(const char *what)
{
    return strcmp(what, "quantity-label") == 0 || strcmp(what, "quantity-note") == 0 ||
           strcmp(what, "factor-label") == 0;
}

/* Text `what` of the sheet (quantity_text) at k: its English slot, with the quantity in *q
 * and the factor in *f (-1 for a quantity's own text); NULL when there is no such one. */
static char **quantity_slot(const Model *m, const char *what, int k, int *q, int *f)
{
    bool factor = strcmp(what, "factor-label") == 0;
    *q = factor ? k / SCENARIO_FACTOR_TEXT(1, 0) : k;
    *f = factor ? k % SCENARIO_FACTOR_TEXT(1, 0) : -1;
    if (k < 0 || *q >= m->scenario.n_envelope) return NULL;
    EnvelopeItem *it = &m->scenario.envelope[*q];
    if (factor) return *f < it->n_factors ? &it->factors[*f].label : NULL;
    return strcmp(what, "quantity-label") == 0 ? &it->label : &it->note;
}

/* The same text in translation t's entry for quantity q, or NULL where it has no entry. */
static char **quantity_tr_slot(const Translation *t, const char *what, int q, int f)
{
    if (!t || q >= t->n_envelope) return NULL;
    EnvelopeText *e = &t->envelope[q];
    if (f >= 0) return f < e->n_factors ? &e->factors[f] : NULL;
    return strcmp(what, "quantity-label") == 0 ? &e->label : &e->note;
}

static const char *quantity_text_own(const Model *m, const char *what, int k, const char *lang)
{
    int q, f;
    char **en = quantity_slot(m, what, k, &q, &f);
    if (!en || base_lang(lang)) return en ? *en : NULL;
    char **own = quantity_tr_slot(scenario_translation(&m->scenario, lang), what, q, f);
    if (!own || !*own) return NULL;
    return f >= 0 && same(*own, *en) ? NULL : *own; /* a factor's label as the English words is not its own */
}

/* Write it (want: owned, NULL for none). */
static bool quantity_set_text(Model *m, const char *what, int k, const char *lang, char *want)
{
    Scenario *s = &m->scenario;
    int q, f;
    char **en = quantity_slot(m, what, k, &q, &f);
    EnvelopeItem *it = &s->envelope[q];
    if (base_lang(lang)) {
        if (strcmp(what, "quantity-label") == 0) { /* the id follows the words it was made from */
            char was[ENVELOPE_ID_MAX + 8], now[ENVELOPE_ID_MAX + 8];
            bool follows = same(it->id, scenario_quantity_id(m, it->label, q, was, sizeof was));
            free(it->label);
            it->label = want;
            if (follows) {
                free(it->id);
                it->id = xstrdup(scenario_quantity_id(m, want, q, now, sizeof now));
            }
            return true;
        }
        free(*en);
        *en = f >= 0 && !want ? xstrdup("") : want; /* a factor keeps "" for the validator to name */
        for (int t = 0; f >= 0 && want && t < s->n_translations; t++) { /* not translated yet: the English words */
            char **slot = quantity_tr_slot(&s->translations[t], what, q, f);
            if (slot && (!*slot || !**slot)) {
                free(*slot);
                *slot = xstrdup(want);
            }
        }
        return true;
    }
    Translation *t = translation_for(s, lang);
    if (t->n_envelope == 0) { /* one entry per quantity, nothing of their own yet */
        t->envelope = xcalloc((size_t)s->n_envelope, sizeof *t->envelope);
        t->n_envelope = s->n_envelope;
    }
    if (t->n_envelope != s->n_envelope) { /* a file's translation of another sheet: the validator says so */
        free(want);
        drop_if_empty(s, t);
        return false;
    }
    EnvelopeText *e = &t->envelope[q];
    if (f < 0) {
        char **slot = strcmp(what, "quantity-label") == 0 ? &e->label : &e->note;
        free(*slot);
        *slot = want;
    } else {
        const char **english = xcalloc((size_t)it->n_factors + 1, sizeof *english);
        for (int j = 0; j < it->n_factors; j++) english[j] = it->factors[j].label;
        bool done = own_list_set(&e->factors, &e->n_factors, english, it->n_factors, f, want);
        free(english);
        if (!done) return false;
    }
    sheet_drop_if_blank(t);
    drop_if_empty(s, t);
    return true;
}

const char *scenario_text_own(const Model *m, const char *what, int k, const char *lang)
{
    if (quantity_text(what)) return quantity_text_own(m, what, k, lang);
    if (strcmp(what, "label") == 0 || strcmp(what, "edge-label") == 0) {
        char *const *label = label_slot(m, what, k);
        if (!label) return NULL; /* no such node or edge */
        if (base_lang(lang)) return *label;
        const Translation *t = scenario_translation(&m->scenario, lang);
        int j = label_index(t, *label);
        return j >= 0 ? t->labels[j] : NULL;
    }
    if (strcmp(what, "requirement-label") == 0 || strcmp(what, "event-label") == 0) {
        ScenList l = item_label_list(m, what, k);
        if (l == SCEN_LIST_COUNT) return NULL; /* no such requirement or event */
        const char *en = l == SCEN_REQUIREMENTS ? m->scenario.requirements[k].label : m->scenario.events[k].label;
        if (base_lang(lang)) return en;
        Translation *t = (Translation *)scenario_translation(&m->scenario, lang);
        int *n = NULL;
        char ***items = t ? translated_list(t, l, &n) : NULL;
        return items && k < *n && (*items)[k] && *(*items)[k] ? (*items)[k] : NULL; /* "": the English stands */
    }
    bool hint = strcmp(what, "hint") == 0;
    if (hint && (k < 0 || k >= m->scenario.n_hints)) return NULL;
    if (base_lang(lang))
        return strcmp(what, "title") == 0 ? m->title : hint ? m->scenario.hints[k] : m->scenario.prompt;
    const Translation *t = scenario_translation(&m->scenario, lang);
    if (!t) return NULL;
    if (strcmp(what, "title") == 0) return t->title;
    if (!hint) return t->prompt;
    /* a hint the translation has as the English words is not its own */
    return k < t->n_hints && !same(t->hints[k], m->scenario.hints[k]) ? t->hints[k] : NULL;
}

/* A label written in `lang` (scenario_set_text's "label" and "edge-label"). */
static bool set_label(Model *m, char **label, const char *node_id, const char *lang, char *want)
{
    Scenario *s = &m->scenario;
    if (base_lang(lang) || (!*label && !node_id)) { /* English; an edge with no English label takes it as its own */
        char *old = *label;
        *label = want;
        /* its translations follow it to the new English words, unless another keeps the old */
        for (int i = 0; old && label_users(m, old) == 0 && i < s->n_translations; i++) {
            Translation *t = &s->translations[i];
            int j = label_index(t, old);
            if (j < 0) continue;
            if (want && label_index(t, want) < 0) {
                free(t->labels_en[j]);
                t->labels_en[j] = xstrdup(want);
            } else {
                label_drop(t, j);
            }
        }
        free(old);
        return true;
    }
    if (!*label) *label = xstrdup(node_id); /* a node shows its id in English: that is the label to translate */
    if (!want && !scenario_translation(s, lang)) return false;
    Translation *t = translation_for(s, lang);
    int j = label_index(t, *label);
    if (want && j >= 0) {
        free(t->labels[j]);
        t->labels[j] = want;
    } else if (want) {
        t->labels_en = xrealloc(t->labels_en, (size_t)(t->n_labels + 1) * sizeof *t->labels_en);
        t->labels = xrealloc(t->labels, (size_t)(t->n_labels + 1) * sizeof *t->labels);
        t->labels_en[t->n_labels] = xstrdup(*label);
        t->labels[t->n_labels++] = want;
    } else if (j >= 0) {
        label_drop(t, j);
    }
    drop_if_empty(s, t);
    return true;
}

bool scenario_set_text(Model *m, const char *what, int k, const char *lang, const char *text)
{
    Scenario *s = &m->scenario;
    bool hint = strcmp(what, "hint") == 0, title = strcmp(what, "title") == 0;
    if (hint && (k < 0 || k >= s->n_hints)) return false;
    char *const *label = label_slot(m, what, k);
    if (!label && (strcmp(what, "label") == 0 || strcmp(what, "edge-label") == 0)) return false; /* no such one */
    bool item_label = strcmp(what, "requirement-label") == 0 || strcmp(what, "event-label") == 0;
    if (item_label && item_label_list(m, what, k) == SCEN_LIST_COUNT) return false;
    int q, f;
    bool quantity = quantity_text(what);
    if (quantity && !quantity_slot(m, what, k, &q, &f)) return false; /* no such quantity or factor */
    bool trim = label || item_label || (quantity && strcmp(what, "quantity-note") != 0);
    while (trim && text && *text == ' ') text++; /* a label's spaces around it go */
    size_t len = text ? strlen(text) : 0;
    while (trim && len > 0 && text[len - 1] == ' ') len--;
    const char *now = scenario_text_own(m, what, k, lang);
    if (strlen(now ? now : "") == len && strncmp(now ? now : "", text ? text : "", len) == 0) return false;
    char *want = len ? xmalloc(len + 1) : NULL;
    if (want) {
        memcpy(want, text, len);
        want[len] = 0;
    }
    if (label)
        return set_label(m, (char **)label, strcmp(what, "label") == 0 ? m->nodes[k].id : NULL, lang, want);
    if (quantity) return quantity_set_text(m, what, k, lang, want);
    ScenList item = item_label_list(m, what, k);
    if (item != SCEN_LIST_COUNT) {
        char **slot = item_label_slot(m, item, k);
        if (base_lang(lang) || !*slot || !**slot) { /* English; one with no label takes the text as its label */
            free(*slot);
            *slot = want;
            return true;
        }
        Translation *t = translation_for(s, lang);
        int *n = NULL, all = item == SCEN_REQUIREMENTS ? s->n_requirements : s->n_events;
        char ***items = translated_list(t, item, &n);
        if (*n == 0) { /* one per entry, "" where the English stands */
            *items = xcalloc((size_t)all, sizeof **items);
            for (int j = 0; j < all; j++) (*items)[j] = xstrdup("");
            *n = all;
        }
        free((*items)[k]);
        (*items)[k] = want ? want : xstrdup("");
        bool own = false;
        for (int j = 0; j < *n; j++) own |= (*items)[j] && *(*items)[j];
        if (!own) { /* every one the English again: none of its own */
            for (int j = 0; j < *n; j++) free((*items)[j]);
            free(*items);
            *items = NULL;
            *n = 0;
        }
        drop_if_empty(s, t);
        return true;
    }
    if (base_lang(lang)) {
        char **slot = title ? &m->title : hint ? &s->hints[k] : &s->prompt;
        free(*slot);
        *slot = hint && !want ? xstrdup("") : want;
        for (int i = 0; hint && want && i < s->n_translations; i++) { /* a new hint: not translated yet */
            Translation *t = &s->translations[i];
            if (k < t->n_hints && (!t->hints[k] || !*t->hints[k])) {
                free(t->hints[k]);
                t->hints[k] = xstrdup(want);
            }
        }
        return true;
    }
    Translation *t = translation_for(s, lang);
    if (!hint) {
        char **slot = title ? &t->title : &t->prompt;
        free(*slot);
        *slot = want;
    } else {
        if (!own_list_set(&t->hints, &t->n_hints, (const char *const *)s->hints, s->n_hints, k, want)) return false;
    }
    drop_if_empty(s, t);
    return true;
}

bool scenario_pin_clients(Model *m)
{
    int only = -1;
    for (int i = 0; i < m->n_nodes; i++)
        if (m->nodes[i].kind == NODE_CLIENT) {
            if (only >= 0) return false;
            only = i;
        }
    bool changed = false;
    for (int k = 0; only >= 0 && k < m->scenario.n_requests; k++)
        if (!m->scenario.requests[k].client) {
            m->scenario.requests[k].client = xstrdup(m->nodes[only].id);
            changed = true;
        }
    return changed;
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

/* Between the items of a list of n: ", ", then " and " before the last (", and " after
 * three or more in English). */
static void list_sep(StrBuf *b, int k, int n)
{
    if (k == 0) return;
    sb_puts(b, k == n - 1 ? (n > 2 ? _(", and ") : _(" and ")) : ", ");
}

bool scenario_event_idle(const Model *m, const ScenarioEvent *e)
{
    if (e->action != EVENT_FAIL || e->role != ROLE_REPLICA || !e->node) return false;
    int k = model_find_node(m, e->node);
    return k >= 0 && m->nodes[k].kind == NODE_DATABASE && m->nodes[k].read_replicas == 0;
}

void scenario_event_line(const Model *m, const ScenarioEvent *e, bool with_when, char *out, size_t cap)
{
    char when[2 * NUMFMT_CAP + 16], a[NUMFMT_CAP], b[NUMFMT_CAP], f[NUMFMT_CAP];
    numfmt_decimal(e->at_s, 10, a, sizeof a);
    numfmt_decimal(e->factor, 10, f, sizeof f);
    if (!with_when) when[0] = 0;
    else if (e->for_s > 0) snprintf(when, sizeof when, _("%s\xE2\x80\x93%s s"), a, numfmt_decimal(e->at_s + e->for_s, 10, b, sizeof b));
    else snprintf(when, sizeof when, _("from %s s"), a);
    int i = e->node ? model_find_node(m, e->node) : -1;
    const char *who = i >= 0 ? node_label_shown(&m->nodes[i]) : e->node ? e->node : "?";
    char place[40];
    if (e->action == EVENT_FAIL && (e->zone || e->region)) {
        const char *id = e->zone ? e->zone : e->region, *word = e->zone ? "zone" : "region";
        if (strncasecmp(id, word, strlen(word)) == 0) /* "zone-a", not "zone zone-a" */
            snprintf(place, sizeof place, "%.38s", id);
        else
            snprintf(place, sizeof place, "%s %.28s", e->zone ? _("zone") : _("region"), id);
        who = place;
    }
    switch (e->action) {
    case EVENT_FAIL:
        if (e->instances > 0 && e->role == ROLE_REPLICA)
            snprintf(out, cap, P_("%s: %d replica fails %s", "%s: %d replicas fail %s", e->instances), who, e->instances,
                     when);
        else if (e->instances > 0 && e->role == ROLE_PRIMARY)
            snprintf(out, cap, P_("%s: %d primary fails %s", "%s: %d primaries fail %s", e->instances), who, e->instances,
                     when);
        else if (e->instances > 0)
            snprintf(out, cap, P_("%s: %d server fails %s", "%s: %d servers fail %s", e->instances), who, e->instances,
                     when);
        else if (e->role == ROLE_REPLICA) snprintf(out, cap, _("%s: every replica fails %s"), who, when);
        else if (e->role == ROLE_PRIMARY) snprintf(out, cap, _("%s: every primary fails %s"), who, when);
        else snprintf(out, cap, _("%s fails %s"), who, when);
        break;
    case EVENT_SLOW: snprintf(out, cap, _("%s slows \xC3\x97%s %s"), who, f, when); break;
    default: snprintf(out, cap, _("surge \xC3\x97%s of %s %s"), f, e->request ? e->request : _("all traffic"), when); break;
    }
    size_t n = strlen(out);
    while (n > 0 && out[n - 1] == ' ') out[--n] = 0; /* no time: no space before it */
}

/* "'Database: 1 server fails 15–23 s'" (as the Scenario panel says it), or the event's
 * label in the current language, quoted. */
static void event_words(StrBuf *b, const Model *m, const ScenarioEvent *e)
{
    const char *label = scenario_event_label_in(&m->scenario, (int)(e - m->scenario.events), tr_lang());
    char line[400];
    if (!label) scenario_event_line(m, e, true, line, sizeof line);
    sb_printf(b, "'%s'", label ? label : line);
}

char *scenario_describe_request_removal(const Model *m, int k)
{
    const Scenario *s = &m->scenario;
    if (k < 0 || k >= s->n_requests) return NULL;
    const char *name = s->requests[k].name;
    StrBuf b, list;
    sb_init(&b);
    sb_init(&list);
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
        int c = 0;
        for (int i = 0; i < m->n_edges; i++) {
            const Edge *e = &m->edges[i];
            if (e->n_requests != 1 || !same(e->requests[0], name)) continue;
            char en[300];
            list_sep(&list, c++, only);
            sb_puts(&list, edge_name(m, e, en, sizeof en));
        }
        sb_printf(&b, P_("%d edge that carries only '%s' is removed: %s.", "%d edges that carry only '%s' are removed: %s.", only),
                  only, name, list.data);
        sb_puts(&b, " ");
    }
    if (shared) {
        sb_printf(&b, P_("'%s' leaves the request filter of %d other edge.", "'%s' leaves the request filter of %d other edges.", shared),
                  name, shared);
        sb_puts(&b, " ");
    }
    int nq = 0, ne = 0;
    for (int i = 0; i < s->n_requirements; i++) nq += same(s->requirements[i].request, name);
    for (int i = 0; i < s->n_events; i++) ne += same(s->events[i].request, name);
    if (nq) {
        sb_printf(&b, P_("%d requirement about it is removed.", "%d requirements about it are removed.", nq), nq);
        sb_puts(&b, " ");
    }
    if (ne) {
        list.len = 0;
        int c = 0;
        for (int i = 0; i < s->n_events; i++) {
            if (!same(s->events[i].request, name)) continue;
            list_sep(&list, c++, ne);
            event_words(&list, m, &s->events[i]);
        }
        sb_printf(&b, P_("%d event is removed: %s.", "%d events are removed: %s.", ne), ne, list.data);
        sb_puts(&b, " ");
    }
    sb_free(&list);
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
    StrBuf b, list;
    sb_init(&b);
    sb_init(&list);
    int ne = 0, nr = 0;
    for (int k = 0; k < s->n_events; k++) ne += s->events[k].node && flagged(m, del, s->events[k].node);
    for (int k = 0; k < s->n_requests; k++) {
        int c = client_of(m, &s->requests[k]);
        nr += c >= 0 && del[c];
    }
    if (ne) {
        int c = 0;
        for (int k = 0; k < s->n_events; k++) {
            if (!s->events[k].node || !flagged(m, del, s->events[k].node)) continue;
            list_sep(&list, c++, ne);
            event_words(&list, m, &s->events[k]);
        }
        sb_printf(&b, P_("%d scenario event on it is removed: %s.", "%d scenario events on them are removed: %s.", ne), ne,
                  list.data);
        sb_puts(&b, " ");
    }
    if (nr) {
        list.len = 0;
        int c = 0;
        for (int k = 0; k < s->n_requests; k++) {
            int cl = client_of(m, &s->requests[k]);
            if (cl < 0 || !del[cl]) continue;
            list_sep(&list, c++, nr);
            sb_printf(&list, "'%s'", s->requests[k].name);
        }
        sb_printf(&b,
                  P_("Request type %s has no client then: it is kept, and sent by the board's client once there is "
                     "exactly one (or pick one in the scenario).",
                     "Request types %s have no client then: they are kept, and sent by the board's client once there "
                     "is exactly one (or pick one in the scenario).",
                     nr),
                  list.data);
        sb_puts(&b, " ");
    }
    sb_free(&list);
    if (b.len == 0) {
        sb_free(&b);
        return NULL;
    }
    b.data[b.len - 1] = 0;
    return sb_take(&b);
}
