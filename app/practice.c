/*
 * practice.c - interview practice in the window: the scenario browser (prompt,
 * requirements, start from the starter, reveal the reference) and the Requirements tab
 * of the drawer (verdicts, the cost against its budget, hints).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"

void browser_open(App *app) { app->modal = MODAL_BROWSER; }
void browser_modal(App *app) { app->modal = MODAL_NONE; }
void spoiler_modal(App *app) { app->modal = MODAL_NONE; }
void grade_tab(App *app, Rect body) { (void)app; (void)body; }
const Grade *practice_grade(App *app) { (void)app; return NULL; }
float lang_switch(App *app, float x, float y) { (void)app; (void)x; (void)y; return 0; }
bool doc_open_preset(App *app, int i, bool reference) { (void)app; (void)i; (void)reference; return false; }
