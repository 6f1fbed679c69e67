/*
 * bench_analytic.c - how long the analytic estimate and the modelling checks take on
 * large diagrams (the app recomputes both on every edit, so they must take well under a
 * frame).
 *
 * Builds layered diagrams in code: a client, then L layers of W services, every node
 * of a layer calling two nodes of the next (parallel), with databases at the bottom;
 * prints nodes, edges and the median time of the estimate, of the checks given that
 * estimate (lint_model_with), and of both (lint_model). Then the estimate alone on
 * the random 500-node board of bench_gui_frame (20 clients, one request type each,
 * every kind), the same board with async edges back up the graph (cycles that damp),
 * and chains of sync calls 2,000 to 30,000 services deep.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/analytic.h"
#include "sim/lint.h"
#include "sim/model.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static Model *layered(int layers, int width)
{
    Model *m = model_create();
    m->scenario.requests = calloc(2, sizeof *m->scenario.requests);
    m->scenario.n_requests = 2;
    request_defaults(&m->scenario.requests[0]);
    request_defaults(&m->scenario.requests[1]);
    m->scenario.requests[0].name = strdup("read");
    m->scenario.requests[0].rate_rps = 10000;
    m->scenario.requests[1].name = strdup("write");
    m->scenario.requests[1].rate_rps = 1000;
    m->scenario.requests[1].op = OP_WRITE;
    char id[64], to[64];
    Node n;
    node_defaults(NODE_CLIENT, &n);
    n.id = "users";
    model_add_node(m, &n);
    Edge e;
    edge_defaults(&e);
    for (int l = 0; l < layers; l++)
        for (int w = 0; w < width; w++) {
            node_defaults(l == layers - 1 ? NODE_DATABASE : NODE_SERVICE, &n);
            snprintf(id, sizeof id, "n%d_%d", l, w);
            n.id = id;
            n.instances = 50;
            n.calls = CALLS_PARALLEL;
            model_add_node(m, &n);
            if (l == 0) {
                e.from = "users";
                e.to = id;
                model_add_edge(m, &e);
                continue;
            }
            for (int k = 0; k < 2; k++) {
                snprintf(to, sizeof to, "n%d_%d", l - 1, (w + k) % width);
                e.from = to;
                e.to = id;
                model_add_edge(m, &e);
            }
        }
    return m;
}

/* bench_gui_frame's board: N nodes of every kind (a client every 25th), M edges to
 * nearby later nodes, a fifth of them async; one request type per client. With
 * `back` > 0 that many async edges lead back to earlier nodes (probability 0.3), so
 * the flow has cycles to iterate on. */
static Model *random_board(int n_nodes, int n_edges, int back)
{
    Model *m = model_create();
    uint64_t seed = 42;
    char id[32];
    for (int i = 0; i < n_nodes; i++) {
        Node n;
        NodeKind k = i % 25 == 0 ? NODE_CLIENT : (NodeKind)(1 + (i * 7) % (NODE_KIND_COUNT - 1));
        node_defaults(k, &n);
        snprintf(id, sizeof id, "n%d", i);
        n.id = id;
        model_add_node(m, &n);
    }
    int made = 0, made_back = 0;
    while (made < n_edges + back) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        int a = (int)((seed >> 33) % (uint64_t)n_nodes);
        int d = (int)((seed >> 20) % 4);
        int b = d == 0 ? a + 1 : d == 1 ? a + 25 : d == 2 ? a + 26 : a + 2;
        bool backward = made >= n_edges;
        if (backward) b = a - 1 - (int)((seed >> 40) % 60);
        if (b < 0 || b >= n_nodes || m->nodes[b].kind == NODE_CLIENT) continue;
        bool dup = false;
        for (int k = 0; k < m->n_edges && !dup; k++)
            dup = strcmp(m->edges[k].from, m->nodes[a].id) == 0 &&
                  strcmp(m->edges[k].to, m->nodes[b].id) == 0;
        if (dup) continue;
        Edge e;
        edge_defaults(&e);
        e.from = m->nodes[a].id;
        e.to = m->nodes[b].id;
        e.latency_ms = made % 3 == 0 ? 2 : 0.25;
        e.mode = made % 5 == 0 || backward ? EDGE_ASYNC : EDGE_SYNC;
        if (backward) {
            e.probability = 0.3;
            made_back++;
        }
        model_add_edge(m, &e);
        made++;
    }
    for (int i = 0; i < m->n_nodes; i++) {
        if (m->nodes[i].kind != NODE_CLIENT) continue;
        m->scenario.requests = realloc(m->scenario.requests, (size_t)(m->scenario.n_requests + 1) *
                                                                 sizeof *m->scenario.requests);
        RequestType *rq = &m->scenario.requests[m->scenario.n_requests++];
        request_defaults(rq);
        snprintf(id, sizeof id, "req_%d", i);
        rq->name = strdup(id);
        rq->client = strdup(m->nodes[i].id);
        rq->rate_rps = 200;
    }
    return m;
}

/* A client calling a chain of `depth` async-io services through sync calls, 1 request/s. */
static Model *chain(int depth)
{
    Model *m = model_create();
    m->scenario.requests = calloc(1, sizeof *m->scenario.requests);
    m->scenario.n_requests = 1;
    request_defaults(&m->scenario.requests[0]);
    m->scenario.requests[0].name = strdup("get");
    m->scenario.requests[0].rate_rps = 1;
    Node n;
    Edge e;
    edge_defaults(&e);
    char id[32], prev[32] = "users";
    node_defaults(NODE_CLIENT, &n);
    n.id = prev;
    model_add_node(m, &n);
    for (int i = 0; i < depth; i++) {
        node_defaults(NODE_SERVICE, &n);
        snprintf(id, sizeof id, "s%d", i);
        n.id = id;
        n.service_ms = dist_const(0.001);
        n.io = IO_ASYNC; /* no thread held for 15 s of calls below: no queueing */
        model_add_node(m, &n);
        e.from = prev;
        e.to = id;
        model_add_edge(m, &e);
        memcpy(prev, id, sizeof prev);
    }
    return m;
}

typedef enum What { ESTIMATE, LINT_WITH, LINT_ALL } What;

/* Median and max of 21 timed runs, in ms. */
static void measure(const Model *m, What what, double *median_ms, double *max_ms)
{
    double t[21];
    Estimate est;
    analytic_estimate(m, &est);
    for (int r = 0; r < 21; r++) {
        LintList l;
        lint_init(&l);
        Estimate e2;
        double t0 = now_s();
        if (what == ESTIMATE) analytic_estimate(m, &e2);
        else if (what == LINT_WITH) lint_model_with(m, &est, &l);
        else lint_model(m, &l);
        t[r] = now_s() - t0;
        if (what == ESTIMATE) estimate_free(&e2);
        lint_free(&l);
    }
    estimate_free(&est);
    qsort(t, 21, sizeof *t, cmp);
    *median_ms = t[10] * 1e3;
    *max_ms = t[20] * 1e3;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("analytic estimate and modelling checks on layered diagrams (median / max ms)\n");
    const int shapes[][2] = {{5, 10}, {10, 50}, {20, 50}, {25, 80}};
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
        Model *m = layered(shapes[s][0], shapes[s][1]);
        double med[3], max[3];
        for (int w = 0; w < 3; w++) measure(m, (What)w, &med[w], &max[w]);
        printf("  %4d nodes %5d edges: estimate %7.3f / %7.3f, checks %7.3f / %7.3f, "
               "both %7.3f / %7.3f\n",
               m->n_nodes, m->n_edges, med[0], max[0], med[1], max[1], med[2], max[2]);
        model_destroy(m);
    }
    printf("analytic estimate on other shapes (median / max ms)\n");
    struct {
        const char *name;
        Model *m;
    } others[] = {
        {"random board", random_board(500, 800, 0)},
        {"random board, async cycles", random_board(500, 800, 40)},
        {"sync chain", chain(2000)},
        {"sync chain", chain(30000)},
    };
    for (size_t s = 0; s < sizeof others / sizeof *others; s++) {
        Model *m = others[s].m;
        double med, max;
        measure(m, ESTIMATE, &med, &max);
        Estimate est;
        bool converged = analytic_estimate(m, &est);
        int over = 0;
        for (int i = 0; i < est.n_nodes; i++) over += est.nodes[i].over_capacity;
        estimate_free(&est);
        printf("  %-28s %5d nodes %5d edges %2d types: estimate %7.3f / %7.3f%s, %d over "
               "capacity\n",
               others[s].name, m->n_nodes, m->n_edges, m->scenario.n_requests, med, max,
               converged ? "" : " (not converged)", over);
        model_destroy(m);
    }
    return 0;
}
