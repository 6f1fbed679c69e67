/*
 * sweep_tab.h - the drawer's Sweep tab: the design at many loads (or values of one of
 * its numbers), run on a worker thread with progress and Cancel, the chart drawn by our
 * code (p50/p99 against the load, the flow equations' mean, the requirements' limits,
 * the knees), the knees in words, and a point's full results onto the board on a click.
 * The same sweep as archsim-cli sweep (sim/sweep.h, docs/analysis.md).
 */
#ifndef ARCHSIM_SWEEP_TAB_H
#define ARCHSIM_SWEEP_TAB_H

#include <stdbool.h>
#include <stdint.h>

#include "render.h"
#include "sim/model.h"
#include "sim/sweep.h"

struct App;
struct Task;

struct SweepLive;

typedef struct SweepView {
    int kind;           /* SweepKind */
    int rate_type;      /* SWEEP_RATE: the request type */
    char path[160];     /* SWEEP_FIELD: the path */
    char from[32], to[32], step[32], reps[16];
    struct Task *job;   /* a sweep running, or NULL */
    struct SweepLive *live; /* its runs so far (the job's, valid while it runs) */
    double progress;
    uint32_t started_ms; /* SDL ticks when the job started */
    bool cancelling;
    Sweep *result;      /* the last sweep, or NULL */
    Model *model;       /* the design it swept (a snapshot) */
    unsigned sem_version; /* the app's sem_version it was made from */
    int sel;            /* selected point, -1 */
    char error[400];    /* why the last sweep could not start */
    Rect plot_rc;       /* where the chart's points are (tests click them) */
    bool has_defaults;
    int followed;       /* SWEEP_FIELD: the node (edge: n_nodes + i) last taken from the
                           board's selection, -1 */
} SweepView;

void sweep_tab(struct App *app, Rect body);
/* The path of "a number in the design" was given: from, to and step around its value
 * now (whole values for a whole-number field: 1 to 8 for 4 instances), as it was when
 * the path leads to no value the design gives. */
void sweep_tab_range_for_path(struct App *app);
/* Start the sweep the tab's fields describe; false with the reason in sv.error. */
bool sweep_tab_start(struct App *app);
/* Each frame: progress, and the finished sweep. */
void sweep_tab_poll(struct App *app);
/* Put point i's results onto the board (as a run of that point's design would). */
bool sweep_tab_show_point(struct App *app, int i);
/* Cancel and forget (quit, or another diagram opened). */
void sweep_tab_free(struct App *app);
/* The board position of point i in the chart (tests). */
Vec2 sweep_tab_point_pos(const struct App *app, int i);

#endif
