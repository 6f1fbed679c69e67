/*
 * report.h - what a run says to people and to programs: a text report, a JSON
 * document (format "archsim-report/1", see docs/report.md) and a CSV time series.
 *
 * All three are functions of the model and the summary alone (no wall-clock time,
 * no addresses), so the same file and seed give byte-identical output.
 */
#ifndef SIM_REPORT_H
#define SIM_REPORT_H

#include <stdbool.h>

#include "sim/model.h"
#include "sim/results.h"

#define REPORT_FORMAT "archsim-report/1"

/* A readable report for a terminal. Caller frees. */
char *report_text(const Model *m, const Summary *s);
/* The JSON report (2-space indented, trailing newline). Caller frees. */
char *report_json(const Model *m, const Summary *s);
/* The per-second series as CSV with a header row. Caller frees. */
char *report_csv(const Model *m, const Summary *s);
/* True when every requirement passes (or there are none). */
bool report_passes(const Model *m, const Summary *s);

#endif
