/*
 * interview.c - the mock-interview timer (see interview.h).
 */
#include "app.h"

void interview_defaults(Interview *iv)
{
    static const int minutes[IV_PHASES] = {5, 5, 15, 15, 5};
    for (int k = 0; k < IV_PHASES; k++) iv->phase_s[k] = minutes[k] * 60;
}

void interview_update(App *app) { (void)app; }

void interview_toolbar_clicked(App *app) { (void)app; }

void interview_settings_modal(App *app) { app->modal = MODAL_NONE; }
