/*
 * compare_tab.h - the drawer's Compare tab: the design on the board (B) against the
 * design of the last run or another file (A), both under the board's scenario, for the
 * same replications on the same seeds, run on a worker thread; per request type and per
 * requirement A, B and B - A with its 95% interval and whether it is more than noise, the
 * cost, each bottleneck. The same comparison as archsim-cli compare (sim/compare.h).
 */
#ifndef ARCHSIM_COMPARE_TAB_H
#define ARCHSIM_COMPARE_TAB_H

#include <stdbool.h>
#include <stdint.h>

#include "render.h"
#include "sim/compare.h"

struct App;
struct Task;

struct CompareLive;

typedef struct CompareView {
    int against;        /* 0: the design of the last run, 1: a file */
    char *path;         /* the file, when chosen */
    char reps[16];
    struct Task *job;   /* a comparison running, or NULL */
    struct CompareLive *live; /* its runs so far (the job's, valid while it runs) */
    double progress;
    uint32_t started_ms; /* SDL ticks when the job started */
    bool cancelling;
    Comparison *result;
    char error[400];
    bool has_defaults;
} CompareView;

void compare_tab(struct App *app, Rect body);
/* Start the comparison the tab describes; false with the reason in cv.error. */
bool compare_tab_start(struct App *app);
void compare_tab_poll(struct App *app);
void compare_tab_free(struct App *app);
/* The file dialog picked the other design. */
void compare_tab_set_file(struct App *app, const char *path);

#endif
