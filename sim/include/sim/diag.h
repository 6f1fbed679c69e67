/*
 * diag.h - user-facing diagnostics: a list of problems found in a file or a model.
 *
 * Each entry names the JSON path ("nodes[3].workers") and says what is wrong and
 * what is allowed. The list owns its strings. Functions that check user input
 * never abort on bad input: they append here and return false.
 */
#ifndef SIM_DIAG_H
#define SIM_DIAG_H

#include <stdio.h>

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING } DiagLevel;

typedef struct Diag {
    DiagLevel level;
    char *path;    /* JSON path, "" for the whole file */
    char *message; /* what is wrong and what is allowed */
    int line, col; /* 1-based position for syntax errors, 0 when unknown */
} Diag;

typedef struct DiagList {
    char *file;    /* file name used when printing, may be NULL */
    Diag *items;
    int n_items;
    int cap;
} DiagList;

void diag_init(DiagList *d, const char *file);
void diag_free(DiagList *d);
/* Append an error at `path` with a printf-style message. */
void diag_add(DiagList *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_add_warning(DiagList *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_add_at(DiagList *d, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int diag_errors(const DiagList *d);
/* Print every entry as "file:line:col: path: message" (parts omitted when unknown). */
void diag_print(const DiagList *d, FILE *out);

#endif
