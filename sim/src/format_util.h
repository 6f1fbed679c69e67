/*
 * format_util.h - small text helpers shared by the loader (model_json.c), the
 * validator (validate.c), the schema export (schema_export.c) and the import readers: quoting user
 * text back in messages, "did you mean" distances, describing a field's allowed
 * range, and writing JSON numbers and strings exactly and stably.
 */
#ifndef SIM_FORMAT_UTIL_H
#define SIM_FORMAT_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/model_json.h" /* json_print_exact */
#include "sim/schema.h"
#include "sim/util.h"

/* Longest user text quoted back in a message. */
#define SHOWN_MAX 60

/* `s` made safe to quote in a message: control characters as '?', cut at SHOWN_MAX
 * bytes (on a UTF-8 boundary) with "...". Returns buf (n >= 8). NULL gives "". */
const char *fmt_shown(const char *s, char *buf, size_t n);
/* Levenshtein distance of two short names (99 when either is over 40 bytes). */
int edit_distance(const char *a, const char *b);
/* "an integer from 1 to 100000 (per instance)" for a numeric field. */
void describe_range(StrBuf *b, const FieldDesc *f);
/* True when x is finite and within f's range. */
bool in_range(const FieldDesc *f, double x);
/* True when field `name` of `table` takes v: in_range, and whole for an integer field;
 * false for an unknown name. For the import readers, which set fields from other
 * formats' text, so that what they read saves and loads. */
bool field_allows(const FieldDesc *table, const char *name, double v);
/* The shortest decimal that reads back as exactly x ("null" when not finite). */
void json_put_number(StrBuf *b, double x);
/* A JSON string literal with the escapes JSON requires. */
void json_put_string(StrBuf *b, const char *s);

#endif
