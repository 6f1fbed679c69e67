/*
 * grade.h - grading a run against its scenario, as an interviewer would: a verdict per
 * requirement (measured value, limit, margin, pass/fail), an overall result, and hints
 * derived from what the run shows (the saturated node and the usual remedies for its
 * kind and cause, retry storms, failed servers, the most expensive nodes when the cost
 * is over budget), plus the scenario's own hints in the language asked for.
 *
 * The CLI prints it (`archsim-cli grade`); the app can show the same verdicts and
 * hints. Everything is a function of the model and the summary, so the same file and
 * seed give the same grade, byte for byte (format "archsim-grade/1", docs/grading.md).
 */
#ifndef SIM_GRADE_H
#define SIM_GRADE_H

#include <stdbool.h>

#include "sim/model.h"
#include "sim/requirements.h"
#include "sim/results.h"

#define GRADE_FORMAT "archsim-grade/1"

/* What a hint is about; the names (grade_cause_name) are stable keys for programs. */
typedef enum GradeCause {
    CAUSE_SATURATED,    /* a node's slots are (nearly) always busy */
    CAUSE_BLOCKING_IO,  /* ... and they are held while waiting downstream */
    CAUSE_REJECTED,     /* a bounded queue turned requests away */
    CAUSE_RATE_LIMITED, /* a node's rate limit turned requests away */
    CAUSE_BACKLOG,      /* a queue's backlog grew: consumers cannot keep up */
    CAUSE_FAILED,       /* servers were down (a scenario event) */
    CAUSE_RETRY_STORM,  /* timeouts with retries that have no budget and no breaker */
    CAUSE_TIMEOUTS,     /* timeouts otherwise */
    CAUSE_CIRCUIT_OPEN, /* circuit breakers failed calls fast */
    CAUSE_LATENCY_PATH, /* slow without a saturated node: the path itself */
    CAUSE_COST,         /* over the cost budget */
    CAUSE_COUNT
} GradeCause;

typedef struct GradeHint {
    GradeCause cause;
    int node;   /* node index, or -1 */
    int edge;   /* edge index, or -1 */
    char *text; /* what the run shows and the usual remedies, one or two sentences */
} GradeHint;

typedef struct GradeItem {
    Verdict verdict;   /* from requirements_check() */
    char *text;        /* requirement_describe() */
    int *hints;        /* indices into Grade.hints that bear on this requirement */
    int n_hints;
} GradeItem;

typedef struct Grade {
    bool pass;             /* every requirement passed (true when there are none) */
    int n_passed;
    GradeItem *items;      /* one per scenario.requirements, in order */
    int n_items;
    GradeHint *hints;      /* derived from the run; empty when everything passed */
    int n_hints;
    int bottleneck;        /* node index or -1 (results_find_bottleneck) */
    double cost_per_month_usd;
} Grade;

/* Grades the summary of a run of `m` (s->mean; s->half gives the intervals when
 * replicated). Hints are derived only when a requirement fails. Caller destroys. */
Grade *grade_create(const Model *m, const Summary *s);
void grade_destroy(Grade *g);

const char *grade_cause_name(GradeCause c);

/* A readable grade for a terminal: verdicts, result, hints from the run, and (when the
 * design fails) the scenario's hints in `lang` (NULL = English; missing translations
 * fall back to English). Caller frees. */
char *grade_text(const Model *m, const Summary *s, const Grade *g, const char *lang);

/* The grade as JSON (format GRADE_FORMAT, 2-space indented, trailing newline); the
 * structure is documented in docs/grading.md. Caller frees. */
char *grade_json(const Model *m, const Summary *s, const Grade *g, const char *lang);

#endif
