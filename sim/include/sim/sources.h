/*
 * sources.h - the source markers of the scenarios' texts. A preset's prompt and hints
 * cite where a number comes from with a bracketed key after it: "500 bytes [D]",
 * "(the primer [PRIMER-AWS, E])". People read the prompt without them; the keys go to a
 * "Sources" line they can open, each with what it stands for (docs/sources.md).
 */
#ifndef SIM_SOURCES_H
#define SIM_SOURCES_H

#include <stddef.h>

#define SOURCES_MAX 24 /* distinct keys kept per text */

typedef struct SourceKeys {
    int n;
    char key[SOURCES_MAX][24]; /* in order of first appearance: "D", "PRIMER-AWS", "E" */
} SourceKeys;

/* `text` without its source markers: a bracket of one or more keys in capitals, digits
 * and '-' ("[D]", "[DDIA, HS-TW]", "[DDIA; HS-TW]") goes, with the space before it, and
 * so does "(estimates [D])"'s "()" left empty. The keys found are added to `keys` (may be
 * NULL). Caller frees. Text without markers comes back as it was. */
char *sources_strip(const char *text, SourceKeys *keys);

/* What key stands for, in the current language ("[D]": arithmetic on cited numbers;
 * "DDIA": the book and talk); NULL for a key this version does not know (static). */
const char *sources_describe(const char *key);

/* The reports' line for the keys found, in language `lang` (NULL: English): "Sources: D,
 * PRIMER-AWS, E (docs/sources.md)"; NULL when there are none. Caller frees. */
char *sources_line(const SourceKeys *keys, const char *lang);

#endif /* SIM_SOURCES_H */
