/*
 * interview.h - the mock-interview mode: a timer that walks the user through the
 * phases of a system-design interview, each with its own configurable time.
 */
#ifndef APP_INTERVIEW_H
#define APP_INTERVIEW_H

#include <stdbool.h>
#include <stdint.h>

#define IV_PHASES 5

typedef struct Interview {
    bool active;             /* the mock interview is on: its card shows over the board */
    bool paused;
    int phase;               /* 0 .. IV_PHASES - 1 */
    uint32_t phase_start_ms; /* app->now_ms when the current phase started (pauses added) */
    uint32_t paused_at_ms;
    int phase_s[IV_PHASES];  /* seconds per phase (user settings, settings.c) */
    char text[IV_PHASES][16]; /* the settings dialog's fields (minutes) */
    char error[160];
} Interview;

struct App;

/* The usual 45-minute plan. */
void interview_defaults(Interview *iv);
/* The timer card over the board (each frame while active). */
void interview_update(struct App *app);
/* The toolbar's Interview button. */
void interview_toolbar_clicked(struct App *app);
/* MODAL_INTERVIEW: the phases and their minutes. */
void interview_settings_modal(struct App *app);

#endif
