/*
 * schema_export.h - the JSON Schema (draft 2020-12) of the diagram file format,
 * generated from the field tables of schema.h so it never drifts from the loader.
 *
 * docs/archsim.schema.json is this text, committed; tests/test_docs.c fails when the
 * two differ (regenerate with ARCHSIM_UPDATE_DOCS=1 ./test_docs).
 */
#ifndef SIM_SCHEMA_EXPORT_H
#define SIM_SCHEMA_EXPORT_H

/* The schema of format "archsim/1" as 2-space indented JSON ending in a newline: types,
 * units (in descriptions), ranges, enums, per-kind defaults, required keys, per-kind
 * node fields (one branch of "oneOf" per kind) and distributions as number-or-object.
 * Only "meta" objects admit keys the format does not define. Same text on every call.
 * The caller frees it; never NULL (aborts on out of memory). */
char *schema_json_schema(void);

#endif
