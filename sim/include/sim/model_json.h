/*
 * model_json.h - reading and writing diagram files (format "archsim/1").
 *
 * Loading parses with cJSON, maps every key through the schema tables, and reports
 * every problem at once into a DiagList (syntax errors with line and column, unknown
 * kinds and fields, wrong types, values out of range), then runs model_validate().
 * Saving writes keys in a fixed order, omits values equal to their defaults, keeps
 * "meta" objects verbatim, and is byte-stable: save(load(save(m))) == save(m).
 */
#ifndef SIM_MODEL_JSON_H
#define SIM_MODEL_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/diag.h"
#include "sim/model.h"

/* Parse `len` bytes of JSON (need not be NUL-terminated). Returns a new model the
 * caller destroys, or NULL when there is any error; every problem is appended to
 * `d`. Never crashes, whatever the bytes. */
Model *model_from_json(const char *text, size_t len, DiagList *d);

/* Read and parse a file; I/O errors are reported into `d` too. */
Model *model_load_file(const char *path, DiagList *d);

/* For editors: like model_from_json / model_load_file, but a file that reads cleanly
 * and only fails model_validate (a dangling edge, a sync cycle, a duplicate id...)
 * still gives its model, with every problem in `d`, so the user can open it and fix
 * it. Unreadable files (syntax, unknown fields, wrong types, out-of-range values)
 * still give NULL. Such a model must pass model_validate before it is simulated. */
Model *model_from_json_lenient(const char *text, size_t len, DiagList *d);
Model *model_load_file_lenient(const char *path, DiagList *d);

/* The model as JSON text, 2-space indented, ending in a newline. Caller frees. */
char *model_to_json(const Model *m);

/* doc printed as JSON (indented when `formatted`) with every number in the shortest form
 * that reads back as the same double, as model_to_json writes them: cJSON's own printer
 * keeps 15 significant digits whenever they read back within an epsilon, so a think time
 * of 93111.11111111111 ms came back from an Excalidraw round trip as 93111.1111111111.
 * Turns doc's numbers into raw text; the result is freed with cJSON_free (free). */
struct cJSON;
char *json_print_exact(struct cJSON *doc, bool formatted);

/* Write atomically: a temporary file beside `path`, fsync, rename over `path`.
 * On failure `path` is untouched, the reason is appended to `d`, returns false. */
bool model_save_file(const Model *m, const char *path, DiagList *d);

/* Semantic checks on a model (however it was made: loaded or edited): duplicate
 * ids, edges to missing nodes, ranges, probabilities, request types no client
 * emits, unknown request names in filters and requirements, events naming missing
 * nodes, and cycles of synchronous calls. Appends every problem to `d` and returns
 * true when there are no errors. */
bool model_validate(const Model *m, DiagList *d);

#endif
