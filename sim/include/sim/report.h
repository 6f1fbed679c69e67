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

/* ---- the traced request (Results.trace) ---- */

/* A hop's own time in ms: on the wire both ways, queued and served; its wait for its
 * own downstream calls is left out (those hops count for themselves). */
double trace_span_own_ms(const TraceSpan *t);

/* The hop with the most own time (the root client counts too), -1 when the trace has
 * fewer than two hops. */
int trace_slowest_hop(const Results *r);

/* Where and why the traced request failed, in one sentence naming nodes as `naming`
 * says: "rejected at Shortener API: its queue was full", "timed out after 200 ms
 * calling Links DB", "failed at Links DB: all its servers were down", "rate limited at
 * API", "failed fast at API: a circuit breaker on its calls was open", "timed out at the
 * client after 1 s, still waiting on Links DB", followed by the retries it took; NULL
 * when it succeeded or nothing was traced. `m` is the model the run was made from.
 * Caller frees. */
char *trace_failure(const Model *m, const Results *r, NodeNaming naming);

#endif
