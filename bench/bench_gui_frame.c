/*
 * bench_gui_frame.c - frame time of the whiteboard with 500 nodes and 800 edges on
 * SDL's offscreen driver with the software renderer (what a machine without a GPU
 * gets). Prints median and p99 per scenario; it asserts nothing.
 *
 *   fit      the whole board in view (zoomed out, every node and edge drawn)
 *   100%     the default zoom, a part of the board in view
 *   editing  a node moves every frame, so edge routes and labels are recomputed
 *   results  after a run: utilisation colours, badges, edge widths (fit view)
 *   animate  the same with request dots moving along every edge
 *   running  a simulation of the same board runs on the worker thread meanwhile
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/util.h"

#define N_NODES 500
#define N_EDGES 800
#define FRAMES 240

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static Model *big_model(void)
{
    Model *m = model_create();
    m->title = xstrdup("Benchmark: 500 nodes, 800 edges");
    uint64_t seed = 42;
    for (int i = 0; i < N_NODES; i++) {
        Node n;
        NodeKind k = i % 25 == 0 ? NODE_CLIENT : (NodeKind)(1 + (i * 7) % (NODE_KIND_COUNT - 1));
        node_defaults(k, &n);
        n.id = xasprintf("n%d", i);
        n.label = xasprintf("%s %d", kind_title(k), i);
        n.x = (i % 25) * 220.0;
        n.y = (i / 25) * 140.0;
        model_add_node(m, &n);
        node_free(&n);
    }
    int made = 0;
    while (made < N_EDGES) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        int a = (int)((seed >> 33) % N_NODES);
        int d = (int)((seed >> 20) % 4);
        int b = d == 0 ? a + 1 : d == 1 ? a + 25 : d == 2 ? a + 26 : a + 2;
        if (b >= N_NODES || m->nodes[b].kind == NODE_CLIENT) continue;
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
        e.mode = made % 5 == 0 ? EDGE_ASYNC : EDGE_SYNC;
        model_add_edge(m, &e);
        made++;
    }
    /* One request type per client, so the board can be simulated. */
    for (int i = 0; i < m->n_nodes; i++) {
        if (m->nodes[i].kind != NODE_CLIENT) continue;
        m->scenario.requests = xrealloc(m->scenario.requests,
                                        (size_t)(m->scenario.n_requests + 1) * sizeof *m->scenario.requests);
        RequestType *rq = &m->scenario.requests[m->scenario.n_requests++];
        request_defaults(rq);
        rq->name = xasprintf("req_%d", i);
        rq->client = xstrdup(m->nodes[i].id);
        rq->rate_rps = 200;
    }
    m->scenario.warmup_s = 0;
    return m;
}

static void measure(App *app, const char *name, bool editing)
{
    double *t = xmalloc(FRAMES * sizeof *t);
    double freq = (double)SDL_GetPerformanceFrequency();
    for (int f = 0; f < FRAMES + 10; f++) {
        if (editing) {
            Node after;
            node_copy(&after, &app->model->nodes[260]);
            after.x += (f % 2) ? GRID : -GRID;
            edit_set_node(app, 260, &after, "bench move");
            node_free(&after);
        }
        uint64_t t0 = SDL_GetPerformanceCounter();
        app_frame(app);
        uint64_t t1 = SDL_GetPerformanceCounter();
        if (f >= 10) t[f - 10] = (double)(t1 - t0) * 1000.0 / freq;
    }
    qsort(t, FRAMES, sizeof *t, cmp_double);
    printf("%-8s zoom %4.0f%%  median %6.2f ms  p99 %6.2f ms  max %6.2f ms\n", name,
           app->cam.zoom * 100, t[FRAMES / 2], t[(int)(FRAMES * 0.99)], t[FRAMES - 1]);
    free(t);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    char rec[] = "/tmp/archsim-bench-recovery.json";
    AppConfig cfg = {.width = 1440, .height = 900, .hidden = true, .no_recovery = true,
                     .autosave_ms = -1, .recovery_path = rec};
    uint64_t t0 = SDL_GetPerformanceCounter();
    App *app = app_create(&cfg);
    if (!app) return 1;
    app_frame(app);
    double first = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
                   (double)SDL_GetPerformanceFrequency();
    model_destroy(app->model);
    app->model = big_model();
    app_model_replaced(app);
    printf("archsim GUI frame time: %d nodes, %d edges, %dx%d window, %s renderer, %s driver\n",
           app->model->n_nodes, app->model->n_edges, app->win_w, app->win_h,
           SDL_GetHint(SDL_HINT_RENDER_DRIVER) ? SDL_GetHint(SDL_HINT_RENDER_DRIVER) : "default",
           SDL_GetCurrentVideoDriver());
    printf("first frame (window, fonts, empty board): %.1f ms\n", first);
    app_frame(app);
    printf("(%d request types, %d problems, %d modelling checks)\n", app->model->scenario.n_requests,
           app->problems.n_items, app->lint.n_items);
    canvas_fit(app);
    measure(app, "fit", false);
    app->cam.zoom = 1;
    app->cam.x = 1500;
    app->cam.y = 800;
    measure(app, "100%", false);
    measure(app, "editing", true);
    /* "Show path of" the first request type: veiled nodes and per-request chips. */
    paths_show(app, 0);
    canvas_fit(app);
    measure(app, "path", false);
    measure(app, "path+ed", true);
    paths_show(app, -1);

    /* After a short run: the overlay, then the moving dots. */
    canvas_fit(app);
    app->model->scenario.duration_s = 2;
    app->version++;
    app->sem_version++;
    if (!run_start(app)) {
        printf("results  (the board cannot be simulated: %d problems)\n", app->problems.n_items);
    } else {
        while (run_active(app)) {
            app_frame(app);
            SDL_Delay(5);
        }
        canvas_fit(app);
        app->animate = false;
        measure(app, "results", false);
        app->animate = true;
        measure(app, "animate", false);
        app->cam.zoom = 1;
        app->cam.x = 1500;
        app->cam.y = 800;
        measure(app, "animate", false);
        /* A long run in the background while frames are drawn (animation on). */
        app->model->scenario.duration_s = 600;
        app->version++;
        app->sem_version++;
        run_start(app);
        measure(app, "running", false);
        printf("         (run progress meanwhile: %.1f%%)\n", 100 * app->run_progress);
        run_cancel(app);
        while (run_active(app)) {
            app_frame(app);
            SDL_Delay(5);
        }
    }
    app_destroy(app);
    return 0;
}
