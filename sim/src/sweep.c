/*
 * sweep.c - one design at many loads, and its knees (sweep.h; docs/analysis.md).
 */
#include "sim/sweep.h"
#include "format_util.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/analytic.h"
#include "sim/batch.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/replicate.h"
#include "sim/requirements.h"
#include "sim/schema.h"
#include "sim/tr.h"
#include "sim/util.h"

/* ---- values and paths ------------------------------------------------------------------- */

static bool read_double(const char *s, const char *end, double *out)
{
    char buf[64];
    size_t n = (size_t)(end - s);
    if (n == 0 || n >= sizeof buf) return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    char *e;
    errno = 0;
    double v = strtod(buf, &e);
    if (*e || errno || !isfinite(v)) return false;
    *out = v;
    return true;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

bool sweep_parse_values(const char *s, double **values, int *n, char *err, size_t cap)
{
    *values = NULL;
    *n = 0;
    const char *c1 = strchr(s, ':');
    if (c1) {
        const char *c2 = strchr(c1 + 1, ':');
        double from, to, step;
        if (!c2 || strchr(c2 + 1, ':') || !read_double(s, c1, &from) || !read_double(c1 + 1, c2, &to) ||
            !read_double(c2 + 1, s + strlen(s), &step)) {
            snprintf(err, cap, "'%s' is not FROM:TO:STEP (three numbers, e.g. 0.25:2:0.25)", s);
            return false;
        }
        if (!(step > 0) || to < from) {
            snprintf(err, cap, "'%s': STEP must be above 0 and TO at least FROM", s);
            return false;
        }
        double count = floor((to - from) / step + 1e-9) + 1;
        if (count > SWEEP_MAX_POINTS) {
            snprintf(err, cap, "'%s' makes %.0f points; at most %d", s, count, SWEEP_MAX_POINTS);
            return false;
        }
        *n = (int)count;
        *values = xmalloc((size_t)*n * sizeof **values);
        for (int i = 0; i < *n; i++) (*values)[i] = from + i * step;
        return true;
    }
    int cap_n = 1;
    for (const char *p = s; *p; p++) cap_n += *p == ',';
    if (cap_n > SWEEP_MAX_POINTS) {
        snprintf(err, cap, "%d values; at most %d", cap_n, SWEEP_MAX_POINTS);
        return false;
    }
    *values = xmalloc((size_t)cap_n * sizeof **values);
    const char *p = s;
    for (;;) {
        const char *e = strchr(p, ',');
        if (!e) e = p + strlen(p);
        if (!read_double(p, e, &(*values)[*n])) {
            snprintf(err, cap, "'%.*s' is not a number (values are A,B,C or FROM:TO:STEP)", (int)(e - p), p);
            free(*values);
            *values = NULL;
            *n = 0;
            return false;
        }
        (*n)++;
        if (!*e) break;
        p = e + 1;
    }
    return true;
}

/* The element of array `a` whose "id" or "name" is `key`. */
static cJSON *find_named(cJSON *a, const char *key)
{
    cJSON *it;
    cJSON_ArrayForEach(it, a) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        if ((cJSON_IsString(id) && strcmp(id->valuestring, key) == 0) ||
            (cJSON_IsString(name) && strcmp(name->valuestring, key) == 0))
            return it;
    }
    return NULL;
}

bool sweep_set_path(cJSON *doc, const char *path, double v, char *err, size_t cap)
{
    char *copy = xstrdup(path);
    cJSON *cur = doc;
    bool ok = false;
    char *seg = copy;
    while (seg) {
        char *dot = strchr(seg, '.');
        if (dot) *dot = 0;
        char *bracket = strchr(seg, '[');
        if (bracket) *bracket = 0;
        if (!*seg && !bracket) {
            snprintf(err, cap, "%s: an empty part of the path", path);
            goto out;
        }
        if (*seg) {
            bool last = !dot && !bracket;
            if (cJSON_IsArray(cur)) {
                cJSON *el = find_named(cur, seg);
                if (!el) {
                    snprintf(err, cap, "%s: no element with id or name '%s'", path, seg);
                    goto out;
                }
                cur = el;
            } else if (!cJSON_IsObject(cur)) {
                snprintf(err, cap, "%s: '%s' is inside something that is not an object", path, seg);
                goto out;
            } else {
                cJSON *next = cJSON_GetObjectItemCaseSensitive(cur, seg);
                if (!next && last) {
                    cJSON_AddNumberToObject(cur, seg, v);
                    ok = true;
                    goto out;
                }
                if (!next) {
                    snprintf(err, cap, "%s: no '%s' there", path, seg);
                    goto out;
                }
                cur = next;
            }
        }
        while (bracket) { /* [i] (maybe several) */
            char *close = strchr(bracket + 1, ']');
            char *end;
            long i = close ? strtol(bracket + 1, &end, 10) : -1;
            if (!close || end != close || i < 0 || !cJSON_IsArray(cur) || i >= cJSON_GetArraySize(cur)) {
                snprintf(err, cap, "%s: [%.*s] is not an index of an array there", path,
                         close ? (int)(close - bracket - 1) : 0, bracket + 1);
                goto out;
            }
            cur = cJSON_GetArrayItem(cur, (int)i);
            bracket = close[1] == '[' ? close + 1 : NULL;
            if (!bracket && close[1]) {
                snprintf(err, cap, "%s: unexpected '%s' after ]", path, close + 1);
                goto out;
            }
        }
        seg = dot ? dot + 1 : NULL;
    }
    if (cJSON_IsNumber(cur)) {
        cJSON_SetNumberValue(cur, v);
        ok = true;
    } else {
        snprintf(err, cap, "%s: not a number there (a %s)", path,
                 cJSON_IsObject(cur) ? "JSON object: name one of its fields" : cJSON_IsArray(cur) ? "list" : "text or flag");
    }
out:
    free(copy);
    return ok;
}

Model *sweep_model_at(const Model *base, SweepKind kind, const char *target, double x, DiagList *d)
{
    if (kind == SWEEP_FIELD) {
        char *json = model_to_json(base);
        cJSON *doc = cJSON_Parse(json);
        free(json);
        char err[400];
        if (!doc || !sweep_set_path(doc, target, x, err, sizeof err)) {
            diag_add(d, target, "%s", doc ? err : "the model could not be written as JSON");
            cJSON_Delete(doc);
            return NULL;
        }
        char *text = json_print_exact(doc, false);
        cJSON_Delete(doc);
        Model *m = model_from_json(text, strlen(text), d);
        free(text);
        return m;
    }
    Model *m = model_clone(base);
    for (int t = 0; t < m->scenario.n_requests; t++) {
        RequestType *q = &m->scenario.requests[t];
        if (kind == SWEEP_RATE && strcmp(q->name, target) != 0) continue;
        bool closed = q->rate_rps == 0 && q->users > 0;
        if (kind == SWEEP_LOAD) {
            if (closed) q->users = (int)fmax(1, floor(q->users * x + 0.5));
            else q->rate_rps *= x;
        } else {
            if (closed) q->users = (int)fmax(1, floor(x + 0.5));
            else q->rate_rps = x;
        }
    }
    DiagList v;
    diag_init(&v, NULL);
    if (!model_validate(m, &v)) {
        for (int i = 0; i < v.n_items; i++)
            if (v.items[i].level == DIAG_ERROR) diag_add(d, v.items[i].path, "%s", v.items[i].message);
        diag_free(&v);
        model_destroy(m);
        return NULL;
    }
    diag_free(&v);
    return m;
}

/* ---- running points -------------------------------------------------------------------------- */

/* Run the points [first, first + n) of s (their x set, models built here). */
/* The batch's each(): the spec's own, and ran() with the point's x. */
typedef struct EachRun {
    const SweepSpec *spec;
    const Sweep *s;
    int first;
} EachRun;

static void each_run(void *ctx, int design, int rep, const Model *m, const Results *r, const char *error)
{
    const EachRun *e = ctx;
    if (e->spec->each) e->spec->each(e->spec->each_ctx, design, rep, m, r, error);
    if (e->spec->ran && r) e->spec->ran(e->spec->ran_ctx, e->s->points[e->first + design].x, rep, m, r);
}


/* The busiest share of node k's slots in a point's run, and whose (*role: 0 all of
 * them, 1 a database's primaries, 2 its read replicas, 3 an async node's in-flight places,
 * by the share of the window they were all taken, 4 a database's busiest server, 5 the
 * slots its queue's partitions let a consumer use): a replica at 74% shows where the
 * whole reads 37%, an API whose slow partner holds every place where its slots read 12%,
 * a hot shard at 100% where the whole reads 36%, the Kafka starter's scorers at 100% of
 * the 4 slots they can use where all 32 read 12%. */
static double role_share(const Model *m, const Results *r, int k, int *role)
{
    const double *f = r->nodes[k];
    double u = f[NF_UTILISATION], rep = node_replica_utilisation(m, r, k);
    double places = f[NF_INFLIGHT_FULL_S] >= 0 && r->duration_s > 0 ? f[NF_INFLIGHT_FULL_S] / r->duration_s : -1;
    *role = 0;
    if (f[NF_PRIMARY_UTILISATION] > u) {
        u = f[NF_PRIMARY_UTILISATION];
        *role = 1;
    }
    if (rep > u) {
        u = rep;
        *role = 2;
    }
    if (places > u) {
        u = places;
        *role = 3;
    }
    double server = f[NF_BUSIEST_SERVER_UTILISATION];
    /* one server full alone, or busier than the whole; primaries and replicas, which
     * name its group, stay unless it is full and they are not */
    if (server > u + 0.01 && (*role == 0 || (server >= 0.95 && u < 0.95))) {
        u = server;
        *role = 4;
    }
    double usable; /* a consumer whose queue's partitions let it use 4 of its 32 slots */
    if (node_usable_share(m, r, k, &usable, NULL, NULL) && usable > u) {
        u = usable;
        *role = 5;
    }
    return u;
}

static void run_points(Sweep *s, const Model *base, const SweepSpec *spec, int first, int n, SimOptions *opt,
                       int jobs)
{
    Model **models = xcalloc((size_t)n, sizeof *models);
    Summary **sums = xcalloc((size_t)n, sizeof *sums);
    char **errors = xcalloc((size_t)n, sizeof *errors);
    for (int i = 0; i < n; i++) {
        SweepPoint *pt = &s->points[first + i];
        DiagList d;
        diag_init(&d, NULL);
        models[i] = sweep_model_at(base, spec->kind, spec->target, pt->x, &d);
        if (!models[i]) {
            char *msg = NULL;
            for (int k = 0; k < d.n_items && !msg; k++)
                if (d.items[k].level == DIAG_ERROR)
                    msg = xasprintf("%s%s%s", d.items[k].path ? d.items[k].path : "",
                                    d.items[k].path && d.items[k].path[0] ? ": " : "", d.items[k].message);
            pt->error = msg ? msg : xstrdup("the design is not valid at this value");
        }
        diag_free(&d);
    }
    if (spec->supply) {
        for (int i = 0; i < n; i++)
            if (models[i] && !spec->supply(spec->supply_ctx, first + i, models[i], &sums[i], &errors[i]) && !errors[i])
                errors[i] = xstrdup("no figures for this point");
    } else if (!batch_run_shard(models, n, s->reps, jobs, opt, spec->shard_k > 0 ? spec->shard_k : 1,
                                spec->shard_n > 0 ? spec->shard_n : 1, spec->each || spec->ran ? each_run : NULL,
                                &(EachRun){spec, s, first}, sums, errors)) {
        s->cancelled = true;
    }
    for (int i = 0; i < n; i++) {
        SweepPoint *pt = &s->points[first + i];
        Model *m = models[i];
        if (m && !pt->error && errors[i]) pt->error = xstrdup(errors[i]);
        free(errors[i]);
        if (m && !pt->error && sums[i]) {
            pt->summary = sums[i];
            sums[i] = NULL;
            Verdict *v = NULL;
            requirements_check(m, pt->summary->mean, pt->summary->half, &v, &pt->all_pass);
            pt->pass = xcalloc((size_t)s->n_requirements + 1, sizeof *pt->pass);
            for (int q = 0; q < s->n_requirements; q++) pt->pass[q] = v[q].pass;
            free(v);
            /* the run's bottleneck where it names one (a node backed up by it is busy only
             * waiting on it), else the busiest share of slots (a database's replicas or
             * primaries where busier than its whole)
             */
            const Results *r = pt->summary->mean;
            double best = -1;
            int role;
            for (int k = 0; k < r->n_nodes; k++)
                if (m->nodes[k].kind != NODE_CLIENT && role_share(m, r, k, &role) > best) {
                    best = role_share(m, r, k, &role);
                    pt->busiest = k;
                }
            /* (a queue named for its partitions or a hot one is not busy itself: its
             * consumer's usable slots are, and the busiest share names them) */
            if (r->bottleneck >= 0 && r->bottleneck < r->n_nodes && m->nodes[r->bottleneck].kind != NODE_CLIENT &&
                m->nodes[r->bottleneck].kind != NODE_QUEUE)
                pt->busiest = r->bottleneck;
            if (pt->busiest >= 0) pt->busiest_util = role_share(m, r, pt->busiest, &pt->busiest_role);
        }
        summary_destroy(sums[i]);
        if (m) {
            Estimate est;
            analytic_estimate(m, &est);
            pt->offered_rps = 0;
            double wsum = 0, lsum = 0;
            /* offered over the measured window, surges included, as the throughput it is
             * compared with is measured (a surge of x2 for a third of the run offers 4/3) */
            const Results *rr = pt->summary ? pt->summary->mean : NULL;
            double w0 = rr ? rr->warmup_s : m->scenario.warmup_s, w1 = w0 + (rr ? rr->duration_s : m->scenario.duration_s);
            for (int t = 0; t < est.n_requests && t < s->n_types; t++) {
                const RequestType *rt = &m->scenario.requests[t];
                double surge = rt->rate_rps > 0 ? analytic_surge_mean(&m->scenario, rt->name, w0, w1) : 1;
                /* closed-loop users offer what they sent, answered or not (the estimate's rate
                 * is what the design answers: past a full queue the run sent ten times that) */
                double offered = est.request_rate_rps[t] * surge;
                if (!(rt->rate_rps > 0) && rt->users > 0 && rr && rr->duration_s > 0 && t < rr->n_types)
                    offered = rr->types[t][TF_COMPLETED] / rr->duration_s;
                pt->offered_rps += offered;
                pt->offered_type_rps[t] = offered;
                pt->predicted_ms[t] = est.request_latency_ms[t];
                wsum += est.request_rate_rps[t];
                lsum += est.request_rate_rps[t] * est.request_latency_ms[t];
            }
            pt->predicted_ms[s->n_types] = wsum > 0 ? lsum / wsum : NAN;
            pt->offered_type_rps[s->n_types] = pt->offered_rps;
            pt->predicted_util = -1;
            for (int k = 0; k < est.n_nodes; k++) {
                /* its slots, or an async node's in-flight places (requests in progress,
                 * their calls' waits included, over its limit). Places full only because
                 * a node below is over capacity (its saturated wait makes them infinite)
                 * are that node's knee, named by its own load, not this one's. */
                const NodeEstimate *ne = &est.nodes[k];
                double load = ne->utilisation, places = ne->inflight_limit > 0 ? ne->inflight / ne->inflight_limit : 0;
                if (places > load && (places < 1 || ne->over_capacity)) load = places;
                if (m->nodes[k].kind != NODE_CLIENT && load > pt->predicted_util) {
                    pt->predicted_util = load;
                    pt->predicted_node = k;
                }
            }
            pt->cost_usd = model_cost_per_month_usd(m);
            estimate_free(&est);
        }
        model_destroy(m);
    }
    free(models);
    free(sums);
    free(errors);
}

/* ---- knees ------------------------------------------------------------------------------------ */

/* How far past requirement q the point is: positive fails, 0 at the limit; INFINITY when
 * the figure was not measured (it fails). */
static double req_excess(const Sweep *s, const Model *m, const SweepPoint *pt, int q)
{
    const Requirement *rq = &m->scenario.requirements[q];
    int type = rq->request ? model_find_request(m, rq->request) : -1;
    double v = rq->metric == METRIC_COST_PER_MONTH_USD ? pt->cost_usd
                                                        : metric_value(m, pt->summary->mean, rq->metric, type);
    double e = -INFINITY;
    if (rq->has_max) e = fmax(e, v - rq->max);
    if (rq->has_min) e = fmax(e, rq->min - v);
    if (!pt->pass[q] && !(e > 0)) return INFINITY; /* not measured */
    (void)s;
    return e;
}

static double knee_value(const Sweep *s, const Model *m, const SweepPoint *pt, const Knee *k)
{
    const Results *r = pt->summary->mean;
    switch (k->kind) {
    case KNEE_REQUIREMENT: return req_excess(s, m, pt, k->requirement);
    case KNEE_THROUGHPUT: return SWEEP_THROUGHPUT_SHARE * pt->offered_rps - r->types[r->n_types][TF_THROUGHPUT_RPS];
    case KNEE_SATURATION: return (pt->busiest >= 0 ? pt->busiest_util : 0) - SWEEP_SATURATED_UTIL;
    /* at 100% as the table shows it (99.95% and up): a closed loop's users hold the
     * estimate a hair under 100% however many there are */
    case KNEE_PREDICTED:
        if (pt->predicted_util >= SWEEP_FULL_UTIL && pt->predicted_util <= 1) return 1e-9;
        return pt->predicted_util - 1;
    }
    return NAN;
}

/* Find the knee k over the points: the first neighbours (skipping points that could
 * not run) where its value turns from <= 0 to > 0; or, when it is > 0 already at the
 * first point, where it turns back to <= 0 (recovers: what more of x fixes), else it is
 * true from the start. */
static void find_knee(const Sweep *s, const Model *m, Knee *k)
{
    k->found = k->at_start = k->recovers = false;
    const SweepPoint *prev = NULL;
    double fprev = 0;
    for (int i = 0; i < s->n_points; i++) {
        const SweepPoint *pt = &s->points[i];
        if (!pt->summary) continue;
        double f = knee_value(s, m, pt, k);
        if (!prev && f > 0) k->recovers = true; /* look for where it stops */
        if (prev && (k->recovers ? f <= 0 : f > 0)) {
            k->found = true;
            k->below = prev->x;
            k->above = pt->x;
            double t = isfinite(f) && isfinite(fprev) && f != fprev ? (0 - fprev) / (f - fprev) : 0.5;
            k->x = s->whole ? pt->x : prev->x + t * (pt->x - prev->x); /* no 2.98 instances */
            const SweepPoint *past = k->recovers ? prev : pt; /* the node past the knee: saturated there */
            if (k->kind == KNEE_SATURATION) {
                k->node = past->busiest;
                k->role = past->busiest_role;
            }
            if (k->kind == KNEE_PREDICTED) k->node = past->predicted_node;
            return;
        }
        if (!prev && f > 0) { /* true from the start, unless a later point ends it */
            if (k->kind == KNEE_SATURATION) {
                k->node = pt->busiest;
                k->role = pt->busiest_role;
            }
            if (k->kind == KNEE_PREDICTED) k->node = pt->predicted_node;
        }
        prev = pt;
        fprev = f;
    }
    if (k->recovers) { /* true at every point */
        k->recovers = false;
        k->at_start = true;
    }
}

static int point_cmp(const void *a, const void *b)
{
    const SweepPoint *x = a, *y = b;
    return (x->x > y->x) - (x->x < y->x);
}

static SweepPoint *add_points(Sweep *s, const double *xs, int n, bool refined)
{
    s->points = xrealloc(s->points, ((size_t)s->n_points + (size_t)n) * sizeof *s->points);
    SweepPoint *first = &s->points[s->n_points];
    for (int i = 0; i < n; i++) {
        SweepPoint *pt = &first[i];
        memset(pt, 0, sizeof *pt);
        pt->x = xs[i];
        pt->refined = refined;
        pt->busiest = pt->predicted_node = -1;
        pt->predicted_ms = xcalloc((size_t)s->n_types + 1, sizeof *pt->predicted_ms);
        pt->offered_type_rps = xcalloc((size_t)s->n_types + 1, sizeof *pt->offered_type_rps);
    }
    s->n_points += n;
    return first;
}

static bool has_point(const Sweep *s, double x)
{
    for (int i = 0; i < s->n_points; i++)
        if (s->points[i].x == x) return true;
    return false;
}

int sweep_points(const double *values, int n_values, double **out)
{
    double *xs = xmalloc(((size_t)n_values + 1) * sizeof *xs);
    memcpy(xs, values, (size_t)n_values * sizeof *xs);
    qsort(xs, (size_t)n_values, sizeof *xs, cmp_double);
    int n = 0;
    for (int i = 0; i < n_values; i++)
        if (n == 0 || xs[i] != xs[n - 1]) xs[n++] = xs[i];
    *out = xs;
    return n;
}

/* A path's field: the schema table it is in, its row, and the struct holding it in m
 * (NULL when the path names no such thing, or a number the tables do not describe). */
typedef struct PathField {
    const FieldDesc *f;
    const void *obj; /* the Node, Edge, RequestType, Autoscale or Scenario it is in; NULL unknown */
} PathField;

static PathField path_field(const Model *m, const char *path)
{
    PathField pf = {NULL, NULL};
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path ? path : "");
    char *segs[16];
    long idx[16];
    int n = 0;
    char *save = NULL; /* strtok_r: sweeps run on worker threads while the app asks too */
    for (char *t = strtok_r(buf, ".", &save); t && n < 16; t = strtok_r(NULL, ".", &save)) {
        char *br = strchr(t, '[');
        idx[n] = br ? strtol(br + 1, NULL, 10) : -1;
        if (br) *br = 0; /* edges[0] -> edges */
        segs[n++] = t;
    }
    if (n < 2) return pf;
    const char *field = segs[n - 1];
    if (strcmp(segs[0], "nodes") == 0 && (n == 3 || (n == 4 && strcmp(segs[2], "autoscale") == 0))) {
        int k = m ? model_find_node(m, segs[1]) : -1;
        const Node *nd = k >= 0 ? &m->nodes[k] : NULL;
        if (n == 4) {
            pf.f = schema_find(schema_autoscale_fields, field);
            pf.obj = nd ? (const void *)&nd->autoscale : NULL;
        } else {
            pf.f = schema_find(schema_node_fields, field);
            pf.obj = nd;
        }
    } else if (strcmp(segs[0], "edges") == 0 && n == 2) {
        pf.f = schema_find(schema_edge_fields, field);
        pf.obj = m && idx[0] >= 0 && idx[0] < m->n_edges ? (const void *)&m->edges[idx[0]] : NULL;
    } else if (strcmp(segs[0], "edges") == 0 && n == 3 && strcmp(segs[1], "circuit_breaker") == 0) {
        pf.f = schema_find(schema_breaker_fields, field);
    } else if (strcmp(segs[0], "scenario") == 0 && n == 2) {
        pf.f = schema_find(schema_scenario_fields, field);
        pf.obj = m ? (const void *)&m->scenario : NULL;
    } else if (strcmp(segs[0], "scenario") == 0 && strcmp(segs[1], "requests") == 0 && (n == 3 || n == 4)) {
        pf.f = schema_find(schema_request_fields, field);
        int k = !m ? -1 : n == 4 ? model_find_request(m, segs[2]) : (int)idx[1];
        pf.obj = m && k >= 0 && k < m->scenario.n_requests ? (const void *)&m->scenario.requests[k] : NULL;
    } else if (strcmp(segs[0], "scenario") == 0 && n == 3 && strcmp(segs[1], "events") == 0) {
        pf.f = schema_find(schema_event_fields, field);
        pf.obj = m && idx[1] >= 0 && idx[1] < m->scenario.n_events ? (const void *)&m->scenario.events[idx[1]] : NULL;
    }
    return pf;
}

bool sweep_path_is_whole(const char *path)
{
    PathField pf = path_field(NULL, path);
    return pf.f && (pf.f->type == FT_INT || pf.f->type == FT_U64);
}

bool sweep_path_value(const Model *m, const char *path, double *out)
{
    PathField pf = path_field(m, path);
    if (!pf.f || !pf.obj) return false;
    const char *at = (const char *)pf.obj + pf.f->offset;
    switch (pf.f->type) {
    case FT_INT: *out = *(const int *)(const void *)at; return true;
    case FT_NUMBER: *out = *(const double *)(const void *)at; return true;
    case FT_U64: *out = (double)*(const uint64_t *)(const void *)at; return true;
    default: return false;
    }
}

int sweep_path_element(const Model *m, const char *path, const FieldDesc **field)
{
    PathField pf = path_field(m, path);
    *field = pf.f;
    if (!pf.f || !pf.obj) return -1;
    for (int i = 0; i < m->n_nodes; i++)
        if (pf.obj == (const void *)&m->nodes[i]) return i;
    for (int i = 0; i < m->n_edges; i++)
        if (pf.obj == (const void *)&m->edges[i]) return m->n_nodes + i;
    return -1;
}

SweepLimit sweep_limit_of(const Model *m, int q)
{
    const Requirement *rq = &m->scenario.requirements[q];
    bool lat = rq->metric <= METRIC_MAX_MS; /* the chart draws synchronous latency */
    return (SweepLimit){lat && rq->has_max, rq->request ? model_find_request(m, rq->request) : -1,
                        rq->has_max ? rq->max : NAN};
}

Sweep *sweep_run(const Model *m, const SweepSpec *spec, DiagList *d)
{
    if (spec->n_values < 1) {
        diag_add(d, "", "nothing to sweep: no values");
        return NULL;
    }
    if (spec->kind == SWEEP_RATE && (!spec->target || model_find_request(m, spec->target) < 0)) {
        diag_add(d, "scenario.requests", "no request type '%s'", spec->target ? spec->target : "");
        return NULL;
    }
    if (spec->kind == SWEEP_FIELD) { /* the path must lead to a number now */
        char *json = model_to_json(m);
        cJSON *doc = cJSON_Parse(json);
        free(json);
        char err[400];
        bool ok = doc && sweep_set_path(doc, spec->target ? spec->target : "", spec->values[0], err, sizeof err);
        cJSON_Delete(doc);
        if (!ok) {
            diag_add(d, spec->target ? spec->target : "", "%s", err);
            return NULL;
        }
        /* a whole-number field at fractions: every such point would fail to load */
        int frac = 0;
        double first = 0; /* the first of them */
        for (int i = 0; i < spec->n_values; i++)
            if (spec->values[i] != floor(spec->values[i]) && frac++ == 0) first = spec->values[i];
        if (frac > 0 && sweep_path_is_whole(spec->target)) {
            char num[NUMFMT_CAP];
            diag_add(d, spec->target,
                     P_("takes whole numbers, and %d of the %d values is not (%s%s): give whole ones, such as 1:8:1",
                        "takes whole numbers, and %d of the %d values are not (%s%s): give whole ones, such as 1:8:1", frac),
                     frac, spec->n_values, numfmt_decimal(first, 6, num, sizeof num), frac > 1 ? ", \xE2\x80\xA6" : "");
            return NULL;
        }
    }
    Sweep *s = xcalloc(1, sizeof *s);
    s->kind = spec->kind;
    s->target = spec->target ? xstrdup(spec->target) : NULL;
    if (spec->kind == SWEEP_FIELD) s->whole = sweep_path_is_whole(spec->target);
    if (spec->kind == SWEEP_RATE) { /* a closed loop's rate is its users */
        const RequestType *q = &m->scenario.requests[model_find_request(m, spec->target)];
        s->whole = q->rate_rps == 0 && q->users > 0;
    }
    s->reps = spec->reps > 0 ? spec->reps : 1;
    s->n_types = m->scenario.n_requests;
    s->type_names = xcalloc((size_t)s->n_types + 1, sizeof *s->type_names);
    for (int t = 0; t < s->n_types; t++) s->type_names[t] = xstrdup(m->scenario.requests[t].name);
    s->type_names[s->n_types] = xstrdup("all");
    s->n_requirements = m->scenario.n_requirements;
    s->requirement_names = requirement_describe_langs(m);
    s->limits = xcalloc((size_t)s->n_requirements + 1, sizeof *s->limits);
    for (int q = 0; q < s->n_requirements; q++) s->limits[q] = sweep_limit_of(m, q);
    s->n_nodes = m->n_nodes;
    s->node_names = xcalloc((size_t)s->n_nodes + 1, sizeof *s->node_names);
    s->node_names_file = xcalloc((size_t)s->n_nodes + 1, sizeof *s->node_names_file);
    for (int i = 0; i < s->n_nodes; i++) {
        char buf[300];
        s->node_names[i] = xstrdup(node_name_in(m, &m->nodes[i], NAMING_LABEL_AND_ID, tr_lang(), buf, sizeof buf));
        s->node_names_file[i] = xstrdup(node_name_in(m, &m->nodes[i], NAMING_LABEL_AND_ID, "en", buf, sizeof buf));
    }
    double *xs;
    int n = sweep_points(spec->values, spec->n_values, &xs);
    SimOptions opt = spec->opt;
    add_points(s, xs, n, false);
    free(xs);
    run_points(s, m, spec, 0, n, &opt, spec->jobs);

    /* The knees: each requirement, throughput, saturation measured and predicted. */
    s->knees = xcalloc((size_t)s->n_requirements + 3, sizeof *s->knees);
    for (int q = 0; q < s->n_requirements; q++) s->knees[s->n_knees++] = (Knee){.kind = KNEE_REQUIREMENT, .requirement = q, .node = -1};
    s->knees[s->n_knees++] = (Knee){.kind = KNEE_THROUGHPUT, .requirement = -1, .node = -1};
    s->knees[s->n_knees++] = (Knee){.kind = KNEE_SATURATION, .requirement = -1, .node = -1};
    s->knees[s->n_knees++] = (Knee){.kind = KNEE_PREDICTED, .requirement = -1, .node = -1};
    for (int round = 0; round <= spec->refine && !s->cancelled; round++) {
        for (int k = 0; k < s->n_knees; k++) find_knee(s, m, &s->knees[k]);
        if (round == spec->refine) break;
        double *mid = xmalloc((size_t)s->n_knees * sizeof *mid);
        int nm = 0;
        for (int k = 0; k < s->n_knees; k++) {
            Knee *kn = &s->knees[k];
            if (!kn->found || kn->kind == KNEE_PREDICTED) continue;
            double x = s->whole ? floor((kn->below + kn->above) / 2) : (kn->below + kn->above) / 2;
            if (s->whole && x <= kn->below) continue; /* neighbours: the knee is exact already */
            bool dup = has_point(s, x);
            for (int j = 0; j < nm && !dup; j++) dup = mid[j] == x;
            if (!dup && s->n_points + nm < SWEEP_MAX_POINTS) mid[nm++] = x;
            kn->bisections++;
        }
        if (nm == 0) {
            free(mid);
            break;
        }
        qsort(mid, (size_t)nm, sizeof *mid, cmp_double);
        int first = s->n_points;
        add_points(s, mid, nm, true);
        free(mid);
        run_points(s, m, spec, first, nm, &opt, spec->jobs);
        qsort(s->points, (size_t)s->n_points, sizeof *s->points, point_cmp);
    }
    return s;
}

void sweep_destroy(Sweep *s)
{
    if (!s) return;
    for (int i = 0; i < s->n_points; i++) {
        SweepPoint *pt = &s->points[i];
        free(pt->error);
        free(pt->predicted_ms);
        free(pt->offered_type_rps);
        summary_destroy(pt->summary);
        free(pt->pass);
    }
    free(s->points);
    for (int t = 0; t <= s->n_types; t++) free(s->type_names[t]);
    free(s->type_names);
    requirement_names_free(s->requirement_names, s->n_requirements);
    free(s->limits);
    for (int i = 0; i < s->n_nodes; i++) {
        free(s->node_names[i]);
        free(s->node_names_file[i]);
    }
    free(s->node_names);
    free(s->node_names_file);
    free(s->knees);
    free(s->target);
    free(s);
}

/* ---- words -------------------------------------------------------------------------------------- */

const char *sweep_x_label_in(const Sweep *s, const char *lang, char *out, size_t cap)
{
    switch (s->kind) {
    case SWEEP_LOAD: snprintf(out, cap, "%s", tr_in(lang, "load multiplier")); break;
    case SWEEP_RATE: snprintf(out, cap, "%s rate_rps", s->target); break;
    case SWEEP_FIELD: snprintf(out, cap, "%s", s->target); break;
    }
    return out;
}

const char *sweep_x_label(const Sweep *s, char *out, size_t cap) { return sweep_x_label_in(s, NULL, out, cap); }

/* x as it reads in a sentence: "1.38x" for a load, "12.5k" for a rate, the number. */
static const char *x_text(const Sweep *s, double x, char *out, size_t cap)
{
    char num[NUMFMT_CAP];
    if (s->kind == SWEEP_LOAD) snprintf(out, cap, "%s\xC3\x97", numfmt_decimal(x, 4, num, sizeof num));
    else snprintf(out, cap, "%s", numfmt_decimal(x, 5, num, sizeof num));
    return out;
}

/* What holds where knee k is not crossed: "redirect p99 <= 60 ms holds", "throughput
 * follows the offered load"; of node `node` when a knee recovers ("api is below 95%
 * busy"), of every node with NULL ("no node saturates"). */
static void say_holds(StrBuf *b, const Sweep *s, const Knee *k, const char *node, const char *lang)
{
    switch (k->kind) {
    case KNEE_REQUIREMENT:
        sb_printf(b, tr_in(lang, "%s holds"), requirement_name_in(s->requirement_names, s->n_requirements, k->requirement, lang));
        break;
    case KNEE_THROUGHPUT: sb_puts(b, tr_in(lang, "throughput follows the offered load")); break;
    case KNEE_SATURATION:
        if (node && k->role == 3)
            sb_printf(b, tr_in(lang, "%s has its in-flight places all taken under %.0f%% of the time"), node,
                      100 * SWEEP_SATURATED_UTIL);
        else if (node && k->role == 4)
            sb_printf(b, tr_in(lang, "%s has every server below %.0f%% busy"), node, 100 * SWEEP_SATURATED_UTIL);
        else if (node && k->role == 5)
            sb_printf(b, tr_in(lang, "%s has the slots its queue's partitions let it use below %.0f%% busy"), node,
                      100 * SWEEP_SATURATED_UTIL);
        else if (node) sb_printf(b, tr_in(lang, "%s is below %.0f%% busy"), node, 100 * SWEEP_SATURATED_UTIL);
        else sb_puts(b, tr_in(lang, "no node saturates"));
        break;
    case KNEE_PREDICTED:
        if (node) sb_printf(b, tr_in(lang, "the flow equations put %s below 100%%"), node);
        else sb_puts(b, tr_in(lang, "the flow equations put no node at 100%"));
        break;
    }
}

char *sweep_knee_text_in(const Sweep *s, const Knee *k, const char *lang)
{
    StrBuf b;
    sb_init(&b);
    char x[64], lo[64], hi[64], first[64];
    const char *node = k->node >= 0 && k->node < s->n_nodes ? s->node_names[k->node] : tr_in(lang, "a node");
    switch (k->kind) {
    case KNEE_REQUIREMENT:
        sb_printf(&b, tr_pin(lang, "requirement", "%s fails"),
                  requirement_name_in(s->requirement_names, s->n_requirements, k->requirement, lang));
        break;
    case KNEE_THROUGHPUT:
        sb_printf(&b, tr_in(lang, "throughput falls below %.0f%% of the offered load"), 100 * SWEEP_THROUGHPUT_SHARE);
        break;
    case KNEE_SATURATION:
        if (k->role == 3) /* its in-flight places, its slots idle */
            sb_printf(&b, tr_in(lang, "%s saturates (its in-flight places all taken %.0f%% of the time)"), node,
                      100 * SWEEP_SATURATED_UTIL);
        else if (k->role == 4) /* one server, the whole with room: a hot shard */
            sb_printf(&b, tr_in(lang, "%s saturates (its busiest server %.0f%% busy)"), node, 100 * SWEEP_SATURATED_UTIL);
        else if (k->role == 5) /* the few slots partitions let it use, the rest idle */
            sb_printf(&b, tr_in(lang, "%s saturates (the slots its queue's partitions let it use %.0f%% busy)"), node,
                      100 * SWEEP_SATURATED_UTIL);
        else
            sb_printf(&b, tr_in(lang, "%s saturates (%.0f%% busy)"), node, 100 * SWEEP_SATURATED_UTIL);
        break;
    case KNEE_PREDICTED: sb_printf(&b, tr_in(lang, "the flow equations put %s at 100%%"), node); break;
    }
    const SweepPoint *p0 = NULL;
    for (int i = 0; i < s->n_points && !p0; i++)
        if (s->points[i].summary) p0 = &s->points[i];
    if (k->found && k->recovers) { /* what it says stops from x on */
        sb_free(&b);
        sb_init(&b);
        say_holds(&b, s, k, node, lang);
    }
    if (k->found && s->whole) { /* the first point past it, and the one before */
        sb_printf(&b, tr_in(lang, " from %s (at %s not yet"), x_text(s, k->x, x, sizeof x), x_text(s, k->below, lo, sizeof lo));
        if (k->above - k->below > 1) sb_puts(&b, tr_in(lang, "; the values between were not run"));
        if (k->bisections)
            sb_printf(&b, tr_nin(lang, ", after %d bisection", ", after %d bisections", (unsigned long)k->bisections),
                      k->bisections);
        sb_puts(&b, ")");
    } else if (k->found) {
        sb_printf(&b, tr_in(lang, " from %s (interpolated between %s and %s"), x_text(s, k->x, x, sizeof x),
                  x_text(s, k->below, lo, sizeof lo), x_text(s, k->above, hi, sizeof hi));
        if (k->bisections)
            sb_printf(&b, tr_nin(lang, ", after %d bisection", ", after %d bisections", (unsigned long)k->bisections),
                      k->bisections);
        sb_puts(&b, ")");
    } else if (k->at_start) {
        sb_printf(&b, tr_in(lang, " already at %s, the first point"),
                  p0 ? x_text(s, p0->x, first, sizeof first) : tr_in(lang, "the start"));
        /* Why, when requests fail there: a failure event or a rate limit loses work at
         * every load, which is not a knee of the load. */
        const Results *r0 = p0 ? p0->summary->mean : NULL;
        ErrCause why = k->kind == KNEE_THROUGHPUT && r0 ? results_main_cause(r0, r0->n_types) : ERR_NONE;
        if (why != ERR_NONE) {
            char done[NUMFMT_CAP], failed[NUMFMT_CAP];
            double share = p0->offered_rps > 0 ? r0->types[r0->n_types][TF_THROUGHPUT_RPS] / p0->offered_rps : 0;
            sb_printf(&b, tr_in(lang, ": %s of it is done there, and %s of requests fail, most of them: %s"),
                      numfmt_percent(share, done, sizeof done),
                      numfmt_percent_fine(r0->types[r0->n_types][TF_ERROR_RATE], failed, sizeof failed),
                      err_cause_words(why, false, lang));
        }
    } else {
        const SweepPoint *pl = NULL;
        for (int i = s->n_points - 1; i >= 0 && !pl; i--)
            if (s->points[i].summary) pl = &s->points[i];
        sb_free(&b);
        sb_init(&b);
        say_holds(&b, s, k, NULL, lang);
        sb_printf(&b, tr_in(lang, " up to %s, the last point"),
                  pl ? x_text(s, pl->x, first, sizeof first) : tr_in(lang, "the end"));
    }
    return sb_take(&b);
}

char *sweep_knee_text(const Sweep *s, const Knee *k) { return sweep_knee_text_in(s, k, NULL); }

/* ---- reports ------------------------------------------------------------------------------------ */

static const Results *mean_of(const SweepPoint *pt) { return pt->summary->mean; }
static const Results *half_of(const SweepPoint *pt) { return pt->summary->half; }

/* A line of the sweep's table: the figures one space apart, then two spaces before the
 * busiest node and one before the requirements (sb_cell pads each to its width). */
static void sweep_row(StrBuf *b, int n, const int *width, const char *const *cell)
{
    for (int i = 0; i < n; i++) {
        if (i) sb_puts(b, i == n - 2 ? "  " : " ");
        sb_cell(b, width[i], cell[i]);
    }
    sb_puts(b, "\n");
}

char *sweep_text(const Sweep *s)
{
    StrBuf b;
    sb_init(&b);
    const char *lang = tr_lang();
    char lab[256], num[NUMFMT_CAP], xs[64], pts[96], reps[96];
    snprintf(pts, sizeof pts, P_("%d point", "%d points", s->n_points), s->n_points);
    snprintf(reps, sizeof reps, P_("%d replication each", "%d replications each", s->reps), s->reps);
    sb_printf(&b, _("Sweep over %s: %s, %s\n\n"), sweep_x_label_in(s, lang, lab, sizeof lab), pts, reps);
    /* the columns: x, offered, done, errors, a p99 per request type, the busiest node, the requirements */
    int n = 6 + s->n_types, *width = xcalloc((size_t)n, sizeof *width);
    const char **cell = xcalloc((size_t)n, sizeof *cell);
    char (*h)[48] = xcalloc((size_t)s->n_types + 1, sizeof *h);
    width[0] = -10, width[1] = 10, width[2] = 10, width[3] = 8, width[n - 2] = -28, width[n - 1] = 0;
    /* the busiest node's column fits its longest "Label (id): 100%", whole (a name cut at
     * 20 letters could end inside its id) */
    int role = 0; /* room for "replicas " where a point names a database's role, for
                   * "in-flight full " where it names an async node's places */
    for (int i = 0; i < s->n_points; i++)
        if (s->points[i].summary && s->points[i].busiest >= 0 && s->points[i].busiest_role > 0) {
            int r = s->points[i].busiest_role == 3   ? (int)utf8_chars(_("%s: in-flight full %s")) - 5
                    : s->points[i].busiest_role == 4 ? (int)utf8_chars(_("%s: busiest server %s")) - 5
                    : s->points[i].busiest_role == 5 ? (int)utf8_chars(_("%s: usable slots %s")) - 5
                                                     : 12;
            if (r > role) role = r;
        }
    for (int i = 0; i < s->n_nodes; i++) {
        int w = (int)utf8_chars(s->node_names[i]) + 6 + role;
        if (w > -width[n - 2]) width[n - 2] = -w;
    }
    cell[0] = s->kind == SWEEP_LOAD ? C_("column", "load") : "x";
    cell[1] = C_("column", "offered/s"), cell[2] = C_("column", "done/s"), cell[3] = C_("column", "errors");
    for (int t = 0; t < s->n_types; t++) {
        snprintf(h[t], sizeof h[t], "%.14s p99", s->type_names[t]);
        width[4 + t] = 18;
        cell[4 + t] = h[t];
    }
    cell[n - 2] = C_("column", "busiest node (utilisation)"), cell[n - 1] = C_("column", "requirements");
    table_widen(width, cell, n);
    sweep_row(&b, n, width, cell);
    char (*p99)[64] = xcalloc((size_t)s->n_types + 1, sizeof *p99);
    for (int i = 0; i < s->n_points; i++) {
        const SweepPoint *pt = &s->points[i];
        char xcol[64];
        snprintf(xcol, sizeof xcol, "%s%s", x_text(s, pt->x, xs, sizeof xs), pt->refined ? " *" : "");
        if (!pt->summary) {
            sb_cell(&b, width[0], xcol);
            sb_printf(&b, " %s %s\n", _("not run:"), pt->error ? pt->error : "?");
            continue;
        }
        const Results *r = mean_of(pt), *hf = half_of(pt);
        int all = r->n_types;
        char off[NUMFMT_CAP], thr[NUMFMT_CAP], err[NUMFMT_CAP];
        cell[0] = xcol;
        cell[1] = numfmt_count(pt->offered_rps, off, sizeof off);
        cell[2] = numfmt_count(r->types[all][TF_THROUGHPUT_RPS], thr, sizeof thr);
        cell[3] = numfmt_percent_fine(r->types[all][TF_ERROR_RATE], err, sizeof err);
        for (int t = 0; t < s->n_types; t++) {
            char v[NUMFMT_CAP], hv[NUMFMT_CAP];
            bool ok = r->types[t][TF_COMPLETED] - r->types[t][TF_ERRORS] > 0;
            if (!ok) snprintf(p99[t], sizeof p99[t], "-");
            else if (s->reps > 1)
                snprintf(p99[t], sizeof p99[t], "%s \xC2\xB1 %s", numfmt_ms_in(r->types[t][TF_P99_MS], lang, v, sizeof v),
                         numfmt_ms_in(hf->types[t][TF_P99_MS], lang, hv, sizeof hv));
            else snprintf(p99[t], sizeof p99[t], "%s", numfmt_ms_in(r->types[t][TF_P99_MS], lang, v, sizeof v));
            cell[4 + t] = p99[t];
        }
        char busy[400] = "-", node[320], pass[96];
        if (pt->busiest >= 0) {
            snprintf(node, sizeof node, "%s", s->node_names[pt->busiest]);
            numfmt_percent(pt->busiest_util, num, sizeof num);
            if (pt->busiest_role == 2) snprintf(busy, sizeof busy, _("%s: replicas %s"), node, num);
            else if (pt->busiest_role == 1) snprintf(busy, sizeof busy, _("%s: primaries %s"), node, num);
            else if (pt->busiest_role == 3) snprintf(busy, sizeof busy, _("%s: in-flight full %s"), node, num);
            else if (pt->busiest_role == 4) snprintf(busy, sizeof busy, _("%s: busiest server %s"), node, num);
            else if (pt->busiest_role == 5) snprintf(busy, sizeof busy, _("%s: usable slots %s"), node, num);
            else snprintf(busy, sizeof busy, "%s: %s", node, num);
        }
        int passed = 0;
        for (int q = 0; q < s->n_requirements; q++) passed += pt->pass[q];
        snprintf(pass, sizeof pass, _("%d of %d pass"), passed, s->n_requirements);
        cell[n - 2] = busy;
        cell[n - 1] = s->n_requirements ? pass : "-";
        sweep_row(&b, n, width, cell);
    }
    free(p99);
    free(h);
    free(cell);
    free(width);
    bool any_refined = false;
    for (int i = 0; i < s->n_points; i++) any_refined |= s->points[i].refined;
    if (any_refined) sb_puts(&b, _("(* a point added by bisection)\n"));
    sb_puts(&b, _("\nKnees:\n"));
    for (int k = 0; k < s->n_knees; k++) {
        char *t = sweep_knee_text_in(s, &s->knees[k], lang); /* a text for people */
        sb_printf(&b, "  - %s\n", t);
        free(t);
    }
    if (s->cancelled) sb_puts(&b, _("\nThe sweep was cancelled: points without figures did not run.\n"));
    return sb_take(&b);
}

static void json_num(StrBuf *b, double v)
{
    if (isfinite(v)) sb_printf(b, "%.10g", v);
    else sb_puts(b, "null");
}

static void json_str(StrBuf *b, const char *s)
{
    cJSON *j = cJSON_CreateString(s ? s : "");
    char *t = cJSON_PrintUnformatted(j);
    sb_puts(b, t);
    free(t);
    cJSON_Delete(j);
}

static const char *const kind_names[] = {"load", "rate", "field"};
static const char *const knee_names[] = {"requirement", "throughput", "saturation", "predicted_saturation"};

char *sweep_json(const Sweep *s)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "{\n  \"format\": \"archsim-sweep/1\",\n  \"vary\": {\"kind\": ");
    json_str(&b, kind_names[s->kind]);
    sb_puts(&b, ", \"target\": ");
    if (s->target) json_str(&b, s->target);
    else sb_puts(&b, "null");
    sb_printf(&b, "},\n  \"replications\": %d,\n  \"cancelled\": %s,\n  \"request_types\": [", s->reps,
              s->cancelled ? "true" : "false");
    for (int t = 0; t < s->n_types; t++) {
        if (t) sb_puts(&b, ", ");
        json_str(&b, s->type_names[t]);
    }
    sb_puts(&b, "],\n  \"requirements\": [");
    for (int q = 0; q < s->n_requirements; q++) {
        if (q) sb_puts(&b, ", ");
        json_str(&b, s->requirement_names[q]);
    }
    sb_puts(&b, "],\n  \"points\": [");
    static const struct {
        const char *name;
        TypeFig fig;
    } figs[] = {{"throughput_rps", TF_THROUGHPUT_RPS}, {"error_rate", TF_ERROR_RATE}, {"mean_ms", TF_MEAN_MS},
                {"p50_ms", TF_P50_MS},                 {"p95_ms", TF_P95_MS},         {"p99_ms", TF_P99_MS}};
    for (int i = 0; i < s->n_points; i++) {
        const SweepPoint *pt = &s->points[i];
        sb_puts(&b, i ? ",\n    {" : "\n    {");
        sb_puts(&b, "\"x\": ");
        json_num(&b, pt->x);
        sb_printf(&b, ", \"refined\": %s, ", pt->refined ? "true" : "false");
        if (!pt->summary) {
            sb_puts(&b, "\"error\": ");
            json_str(&b, pt->error);
            sb_puts(&b, "}");
            continue;
        }
        sb_puts(&b, "\"offered_rps\": ");
        json_num(&b, pt->offered_rps);
        sb_puts(&b, ", \"cost_per_month_usd\": ");
        json_num(&b, pt->cost_usd);
        sb_puts(&b, ",\n     \"types\": {");
        const Results *r = mean_of(pt), *h = half_of(pt);
        for (int t = 0; t <= s->n_types; t++) {
            if (t) sb_puts(&b, ", ");
            json_str(&b, s->type_names[t]);
            sb_puts(&b, ": {");
            for (size_t f = 0; f < sizeof figs / sizeof *figs; f++) {
                sb_printf(&b, "%s\"%s\": [", f ? ", " : "", figs[f].name);
                json_num(&b, r->types[t][figs[f].fig]);
                sb_puts(&b, ", ");
                json_num(&b, h->types[t][figs[f].fig]);
                sb_puts(&b, "]");
            }
            sb_puts(&b, ", \"predicted_mean_ms\": ");
            json_num(&b, pt->predicted_ms[t]);
            sb_puts(&b, "}");
        }
        sb_puts(&b, "},\n     \"busiest\": ");
        if (pt->busiest >= 0) {
            sb_puts(&b, "{\"node\": ");
            json_str(&b, r->node_ids[pt->busiest]);
            sb_puts(&b, ", \"utilisation\": ");
            json_num(&b, pt->busiest_util);
            if (pt->busiest_role == 3) sb_puts(&b, ", \"in_flight\": true"); /* the share of the time its places were all taken */
            if (pt->busiest_role == 4) sb_puts(&b, ", \"busiest_server\": true"); /* one server's, the whole's less */
            if (pt->busiest_role == 5) sb_puts(&b, ", \"usable_slots\": true"); /* of the slots partitions let it use */
            sb_puts(&b, "}");
        } else {
            sb_puts(&b, "null");
        }
        sb_puts(&b, ", \"predicted_busiest\": ");
        if (pt->predicted_node >= 0) {
            sb_puts(&b, "{\"node\": ");
            json_str(&b, r->node_ids[pt->predicted_node]);
            sb_puts(&b, ", \"utilisation\": ");
            json_num(&b, pt->predicted_util);
            sb_puts(&b, "}");
        } else {
            sb_puts(&b, "null");
        }
        sb_puts(&b, ",\n     \"requirements\": [");
        for (int q = 0; q < s->n_requirements; q++) sb_printf(&b, "%s%s", q ? ", " : "", pt->pass[q] ? "true" : "false");
        sb_printf(&b, "], \"pass\": %s}", pt->all_pass ? "true" : "false");
    }
    sb_puts(&b, "\n  ],\n  \"knees\": [");
    for (int k = 0; k < s->n_knees; k++) {
        const Knee *kn = &s->knees[k];
        sb_puts(&b, k ? ",\n    {" : "\n    {");
        sb_printf(&b, "\"kind\": \"%s\"", knee_names[kn->kind]);
        if (kn->kind == KNEE_REQUIREMENT) sb_printf(&b, ", \"requirement\": %d", kn->requirement);
        if ((kn->kind == KNEE_SATURATION || kn->kind == KNEE_PREDICTED) && kn->node >= 0) {
            sb_puts(&b, ", \"node\": ");
            json_str(&b, s->node_names_file[kn->node]);
        }
        sb_printf(&b, ", \"found\": %s, \"at_start\": %s", kn->found ? "true" : "false", kn->at_start ? "true" : "false");
        if (kn->recovers) sb_puts(&b, ", \"recovers\": true"); /* only then: sweeps without one read as before */
        if (kn->found) {
            sb_puts(&b, ", \"x\": ");
            json_num(&b, kn->x);
            sb_puts(&b, ", \"between\": [");
            json_num(&b, kn->below);
            sb_puts(&b, ", ");
            json_num(&b, kn->above);
            sb_printf(&b, "], \"bisections\": %d", kn->bisections);
        }
        char *t = sweep_knee_text(s, kn);
        sb_puts(&b, ", \"text\": ");
        json_str(&b, t);
        free(t);
        sb_puts(&b, "}");
    }
    sb_puts(&b, "\n  ]\n}\n");
    return sb_take(&b);
}

static void csv_num(StrBuf *b, double v)
{
    if (isfinite(v)) sb_printf(b, ",%.10g", v);
    else sb_puts(b, ",");
}

char *sweep_csv(const Sweep *s)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "x,refined,type,offered_rps,throughput_rps,throughput_rps_half,error_rate,error_rate_half,"
                "mean_ms,p50_ms,p50_ms_half,p99_ms,p99_ms_half,predicted_mean_ms,busiest,busiest_utilisation,"
                "cost_per_month_usd,pass,error\n");
    for (int i = 0; i < s->n_points; i++) {
        const SweepPoint *pt = &s->points[i];
        for (int t = 0; t <= s->n_types; t++) {
            sb_printf(&b, "%.10g,%d,%s", pt->x, pt->refined, s->type_names[t]);
            if (!pt->summary) {
                sb_puts(&b, ",,,,,,,,,,,,,,,,");
                char *e = xstrdup(pt->error ? pt->error : "");
                for (char *c = e; *c; c++)
                    if (*c == '"') *c = '\'';
                sb_printf(&b, ",\"%s\"\n", e);
                free(e);
                continue;
            }
            const Results *r = mean_of(pt), *h = half_of(pt);
            csv_num(&b, t == s->n_types ? pt->offered_rps : NAN);
            csv_num(&b, r->types[t][TF_THROUGHPUT_RPS]);
            csv_num(&b, h->types[t][TF_THROUGHPUT_RPS]);
            csv_num(&b, r->types[t][TF_ERROR_RATE]);
            csv_num(&b, h->types[t][TF_ERROR_RATE]);
            csv_num(&b, r->types[t][TF_MEAN_MS]);
            csv_num(&b, r->types[t][TF_P50_MS]);
            csv_num(&b, h->types[t][TF_P50_MS]);
            csv_num(&b, r->types[t][TF_P99_MS]);
            csv_num(&b, h->types[t][TF_P99_MS]);
            csv_num(&b, pt->predicted_ms[t]);
            sb_printf(&b, ",%s", pt->busiest >= 0 ? r->node_ids[pt->busiest] : "");
            csv_num(&b, pt->busiest >= 0 ? pt->busiest_util : NAN);
            csv_num(&b, pt->cost_usd);
            sb_printf(&b, ",%d,\n", pt->all_pass);
        }
    }
    return sb_take(&b);
}
