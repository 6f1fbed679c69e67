/*
 * grade.h - grading a run against its scenario, as an interviewer would: a verdict per
 * requirement (measured value, limit, margin, pass/fail), an overall result, and hints
 * derived from what the run shows (the saturated node and the usual remedies for its
 * kind and cause, retry storms, failed servers, the most expensive nodes when the cost
 * is over budget), plus the scenario's own hints in the language asked for.
 *
 * The CLI prints it (`archsim-cli grade`); the app can show the same verdicts and
 * hints. The texts (hints, requirement descriptions, the bottleneck sentence, the framing
 * of grade_text) are in English, Russian or Ukrainian; the cause names and JSON keys are
 * English keys. Everything is a function of the model and the summary, so the same file
 * and seed give the same grade, byte for byte (format "archsim-grade/1", docs/grading.md).
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
    CAUSE_STALE_READS,  /* replicas answered sessions' reads before their own writes */
    CAUSE_CACHE_SMALL,  /* a key-model cache too small for its hot set */
    CAUSE_FULL_AT_TIMES, /* no node short of room over the run, one for a while */
    CAUSE_SLOW_NODE,    /* no node short of room: a node the scenario slowed down, which a
                           slow request type waits for on its path */
    CAUSE_COUNT
} GradeCause;

typedef struct GradeHint {
    GradeCause cause;
    int node;   /* node index, or -1 */
    int edge;   /* edge index, or -1 */
    char *text; /* what the run shows and the usual remedies, one or two sentences */
    char *json_text; /* NULL, or what grade_json writes instead: a count of messages in
                        bare digits ("125000"), as archsim-grade/1 has always had it */
} GradeHint;

typedef struct GradeItem {
    Verdict verdict;   /* from requirements_check() */
    char *text;        /* requirement_describe_in() in the grade's language */
    int *hints;        /* indices into Grade.hints that bear on this requirement */
    int n_hints;
} GradeItem;

typedef struct Grade {
    bool graded;           /* there are requirements and traffic to measure them on */
    bool pass;             /* graded and every requirement passed */
    const char *lang;      /* "en", "ru" or "uk": the language of the texts (static) */
    int n_passed;
    GradeItem *items;      /* one per scenario.requirements, in order */
    int n_items;
    GradeHint *hints;      /* derived from the run; empty when everything passed */
    int n_hints;
    int bottleneck;        /* node index or -1 (results_find_bottleneck) */
    char *bottleneck_why;  /* its sentence in the grade's language (bottleneck_why_named), or
                              NULL when the run has none */
    char *bottleneck_why_json; /* the same as grade_json writes it (bottleneck_why_json) */
    double cost_per_month_usd;
    double unguarded_error_rate; /* the share of all requests that failed when no requirement
                                    limits errors and it is 1% or more (GRADE_UNGUARDED_ERRORS),
                                    else 0: latency alone then passes a design that drops a
                                    quarter of its requests */
    ErrCause unguarded_cause;     /* the main cause of those errors */
} Grade;

/* From this share of failed requests, a grade with no requirement on errors says so. */
#define GRADE_UNGUARDED_ERRORS 0.01

/* The share of all requests of run r that failed, when no requirement of m limits errors
 * (an error rate, or a throughput floor) and it is GRADE_UNGUARDED_ERRORS or more; else 0.
 * Its main cause in *cause. */
double grade_unguarded_errors(const Model *m, const Results *r, ErrCause *cause);
/* The note on them ("Note: 24.8% of requests failed (most of them: node down), and no
 * requirement limits errors, ..."), in language `lang`; NULL when rate is 0. Caller
 * frees. */
char *grade_unguarded_note(double rate, ErrCause cause, const char *lang);

/* Grades the summary of a run of `m` (s->mean; s->half gives the intervals when
 * replicated). Hints are derived only when a requirement fails. The texts of the items
 * and hints and the bottleneck sentence are in `lang`: NULL or "en" English, "ru" Russian, "uk" Ukrainian; any other
 * code gives English. Numbers, request names, field names and requirement labels appear
 * as they are; nodes are named by label and id ("Links DB (db)", NAMING_LABEL_AND_ID).
 * Caller destroys. */
Grade *grade_create_in(const Model *m, const Summary *s, const char *lang);

/* The same naming nodes as `naming` says (NAMING_LABEL: as the board shows them). */
Grade *grade_create_named(const Model *m, const Summary *s, const char *lang, NodeNaming naming);

/* grade_create_in() in English. */
Grade *grade_create(const Model *m, const Summary *s);
void grade_destroy(Grade *g);

const char *grade_cause_name(GradeCause c);

/* A readable grade for a terminal: verdicts, result, hints from the run, and (when the
 * design fails) the scenario's hints. Its own words ("PASS", "measured", "Result", ...)
 * are in `lang` as for grade_create_in(); the title and scenario hints come from the
 * file's translation for `lang` (missing ones fall back to English); the items, hints
 * and the sentence after "Bottleneck:" are g's, so create g in the same language.
 * Caller frees. */
char *grade_text(const Model *m, const Summary *s, const Grade *g, const char *lang);

/* The grade as JSON (format GRADE_FORMAT, 2-space indented, trailing newline); the
 * structure is documented in docs/grading.md. "lang" is `lang` (NULL: "en"); the "text"
 * fields and bottleneck.why are g's (their JSON forms where they have one). Caller frees. */
char *grade_json(const Model *m, const Summary *s, const Grade *g, const char *lang);

/* For tests and translators: the number of texts grade.c has (messages and fixed
 * words), and text i in `lang` filled with sample arguments. Caller frees; NULL when i
 * is out of [0, grade_message_count()). */
int grade_message_count(void);
char *grade_message_sample(int i, const char *lang);

#endif
