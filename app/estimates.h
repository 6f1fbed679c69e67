/*
 * estimates.h - the back-of-the-envelope sheet (a tab of the results drawer): the user
 * types estimates and sees each checked against the scenario's numbers.
 */
#ifndef APP_ESTIMATES_H
#define APP_ESTIMATES_H

#include "render.h"

typedef struct EstimatesView {
    int focus; /* placeholder */
} EstimatesView;

struct App;

/* The Estimates tab of the drawer, drawn in `body`. */
void estimates_tab(struct App *app, Rect body);

#endif
