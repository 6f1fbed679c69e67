/*
 * bench_analytic.c - how long the analytic estimate and the modelling checks take on
 * large diagrams (the app recomputes both on every edit, so they must take well under a
 * frame).
 *
 * Builds layered diagrams in code: a client, then L layers of W services, every node
 * of a layer calling two nodes of the next (parallel), with databases at the bottom;
 * prints nodes, edges and the median time of the estimate, of the checks given that
 * estimate (lint_model_with), and of both (lint_model).
 */
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
    return 0;
}
