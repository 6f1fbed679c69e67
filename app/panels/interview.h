/*
 * interview.h - the mock-interview mode: a timer that walks the user through the
 * phases of a system-design interview (clarify, estimate, high-level design, deep dive,
 * bottlenecks and trade-offs), each with its own configurable time.
 *
 * The clock of a phase counts down; when it runs out the interview does not move on by
 * itself: the card turns amber and counts the overtime until the user presses Next
 * phase. A phase planned at 0 minutes is skipped. All times are read through
 * interview_now(), so tests move the clock with `clock_skew_ms`.
 */
#ifndef APP_INTERVIEW_H
#define APP_INTERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render.h"

#define IV_PHASES 5
#define IV_MAX_MINUTES 120

typedef enum InterviewPhase {
    IV_CLARIFY,
    IV_ESTIMATE,  /* entering it opens the drawer on the Estimates tab */
    IV_DESIGN,
    IV_DEEP_DIVE,
    IV_TRADEOFFS, /* entering it without results suggests a run */
} InterviewPhase;

/* The buttons of the timer card (their rects are kept for tests). */
typedef enum InterviewButton { IV_BTN_BACK, IV_BTN_PAUSE, IV_BTN_NEXT, IV_BTN_STOP, IV_BTN_COUNT } InterviewButton;

typedef struct Interview {
    bool active;             /* the mock interview is on: its card shows over the board */
    bool paused;             /* the clock stands still (also once the interview is over) */
    bool over;               /* past the last phase: the card shows the summary */
    int phase;               /* 0 .. IV_PHASES - 1 */
    uint32_t mark_ms;        /* interview_now() when the current phase last started running */
    uint32_t used_ms[IV_PHASES]; /* time spent in each phase before mark_ms */
    bool overtime_told;      /* the status bar said that the current phase ran out */
    int phase_s[IV_PHASES];  /* planned seconds per phase (user settings, settings.c); 0 = skip */
    uint32_t clock_skew_ms;  /* added to app->now_ms: tests move the clock with it */
    /* the settings card */
    int error_phase;         /* field whose last typed value was refused, -1 = none */
    char error[240];
    char bad_text[64];       /* the refused text, shown in its field until fixed */
    Rect modal_rc;           /* the settings card as last declared (tests) */
    Rect field_rc[IV_PHASES];  /* its minute fields */
    /* the timer card */
    Rect card_rc;            /* as last declared, window points (w = 0: not shown) */
    Rect btn_rc[IV_BTN_COUNT]; /* its buttons (w = 0: not shown) */
    float card_dx;           /* left edge relative to the canvas, kept while it stays good */
    bool card_placed;
} Interview;

struct App;

/* The usual 45-minute plan: 5, 5, 15, 15 and 5 minutes. */
void interview_defaults(Interview *iv);
/* The timer card over the board (each frame; draws nothing unless active). */
void interview_update(struct App *app);
/* The toolbar's Interview button: opens the settings card (MODAL_INTERVIEW). */
void interview_toolbar_clicked(struct App *app);
/* MODAL_INTERVIEW: the phases, their minutes, Start. */
void interview_settings_modal(struct App *app);

/* While active: when the diagram is wholly in view and its top is under the timer
 * card, fit it into the board below the card (never zooming in). */
void interview_make_room(struct App *app);
/* Start from the first phase that is not skipped; false with a status message when
 * every phase is at 0 minutes. */
bool interview_start(struct App *app);
/* Stop and hide the card. */
void interview_stop(struct App *app);
void interview_set_paused(struct App *app, bool paused);
/* The next phase that is not skipped (after the last: the interview is over), or the
 * previous one (none before the first: nothing happens). */
void interview_next(struct App *app);
void interview_back(struct App *app);

/* The interview's clock in ms: app->now_ms + clock_skew_ms. */
uint32_t interview_now(const struct App *app);
/* Time spent in the current phase; time left in it (negative: overtime). */
int64_t interview_phase_elapsed_ms(const struct App *app);
int64_t interview_phase_left_ms(const struct App *app);
/* Time spent in all phases so far; the plan's total (skipped phases count 0). */
int64_t interview_used_ms(const struct App *app);
int interview_planned_s(const Interview *iv);
/* The phase's name ("Deep dive") and what to do in it. */
const char *interview_phase_name(int phase);
const char *interview_phase_hint(int phase);
/* A clock: "4:05", "1:02:03" (negative ms are shown as their absolute value). Time
 * left is rounded up (a phase starts at "5:00"), overtime down ("+0:00 over" first). */
void interview_fmt_clock(int64_t ms, bool round_up, char *out, size_t cap);
/* The current phase's clock as the card shows it: "4:05" or "+0:42 over". */
void interview_clock_text(const struct App *app, char *out, size_t cap);
/* Parse typed minutes ("7", "7.5", "7,5", "7 min"): seconds in *out_s, or false with
 * the reason in `why` (0..IV_MAX_MINUTES allowed). */
bool interview_parse_minutes(const char *text, int *out_s, char *why, size_t cap);

#endif
