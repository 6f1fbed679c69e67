/*
 * util.h - small helpers shared by the library: allocation that aborts with a
 * message on out-of-memory (one place, like redis zmalloc), string duplication,
 * a growable byte buffer and a string hash.
 */
#ifndef SIM_UTIL_H
#define SIM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Duplicate a string; NULL gives NULL. */
char *xstrdup(const char *s);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Grow *items (element size `size`) so that it holds at least `need`; *cap updated. */
void xgrow(void **items, int *cap, int need, size_t size);

/* FNV-1a 64-bit hash of a string, used to derive per-node random streams. */
uint64_t hash_str(const char *s);

/* An index from strings to their positions in an array (not copied): open
 * addressing over hash_str, so lookups are O(1) however many nodes a model has. */
typedef struct StrIndex {
    int *slots; /* position + 1, 0 = empty */
    size_t mask;
    const char *const *keys;
} StrIndex;
/* An empty index over keys[0..n); add positions with strindex_add. */
void strindex_init(StrIndex *x, const char *const *keys, int n);
void strindex_free(StrIndex *x);
/* Insert position i (keys[i]; NULL keys are skipped); returns the earlier position
 * with the same key, or -1. */
int strindex_add(StrIndex *x, int i);
/* Position of key k, or -1. */
int strindex_find(const StrIndex *x, const char *k);

/* A growable string buffer. */
typedef struct StrBuf {
    char *data;
    size_t len, cap;
} StrBuf;
void sb_init(StrBuf *b);
void sb_free(StrBuf *b);
void sb_puts(StrBuf *b, const char *s);
void sb_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A cell of a text table: s padded with spaces to `width` characters (UTF-8 code points,
 * so "±", a no-break space and Cyrillic line up as ASCII does); a positive width aligns
 * right, a negative one left; a longer text is written whole. */
void sb_cell(StrBuf *b, int width, const char *s);
/* One line of a text table: two spaces, then the cells one space apart, each padded to
 * its width by sb_cell; a width of 0 (a last column of notes) is two spaces apart and
 * unpadded. */
void sb_table_row(StrBuf *b, int n, const int *width, const char *const *cell);
/* Widen each of the first n columns to its text head[i] (in characters), keeping its
 * alignment: a heading in another language, or a name, may be longer than the column. */
void table_widen(int *width, const char *const *head, int n);
/* Take ownership of the buffer's string (never NULL); the buffer is reset. */
char *sb_take(StrBuf *b);

/* Read a whole file into a new NUL-terminated buffer (*len, when given, gets its
 * length); NULL with errno set on failure: EISDIR for a folder, EFBIG for more than
 * max_bytes. Never reads more than max_bytes + 1 bytes, whatever the file is (a
 * regular file over the limit is refused from its size, before reading; /dev/zero or a
 * pipe stops one byte past the limit). read_file has no limit of its own. */
char *read_file_max(const char *path, size_t max_bytes, size_t *len);
char *read_file(const char *path, size_t *len);
/* Write atomically: a new temporary file in path's folder (mkstemp: a fresh name,
 * never a planted one), with the existing file's mode and, where allowed, its owner
 * (a new file: 0666 less the umask), the data, fsync, rename over path, then fsync of
 * the folder (best effort). A symlink to a file replaces the file it names (the link
 * stays); a device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is,
 * never replaced; a folder fails with EISDIR. 0 on success; -1 with errno on failure,
 * when path is untouched and no temporary file is left. */
int write_file_atomic(const char *path, const char *data, size_t len);

/* Characters (code points) in UTF-8 text s: its bytes less its continuation bytes. */
size_t utf8_chars(const char *s);

/* Cut UTF-8 text s to at most `chars` characters (never inside one); returns s. */
char *utf8_truncate(char *s, size_t chars);

/* Offset of the first byte that is not valid UTF-8 (or a NUL), n when there is none. */
size_t utf8_invalid_at(const unsigned char *s, size_t n);

/* s with its first letter in upper case (Latin, and Cyrillic as Russian and Ukrainian
 * write it), in place: a sentence's piece that begins one. Returns s. */
char *utf8_capitalize(char *s);

/* Compare two names as a person sorts them in a list: letters regardless of case (Latin
 * and Cyrillic), Cyrillic in the Russian and Ukrainian alphabets' order (е ё є, и і ї, г ґ
 * where those alphabets put them), other characters by code point; names equal so far
 * are ordered by their bytes, so the order is total and the same on every machine (no
 * locale is asked). Negative, 0 or positive as strcmp. */
int utf8_collate(const char *a, const char *b);

/* Whether s holds `part`, letters in either case (Latin and Cyrillic, as utf8_collate
 * folds them): "redis" finds "Redis cache", "бд" finds "БД чата". An empty part is in
 * every s. */
bool utf8_contains_fold(const char *s, const char *part);

#define ASSERT(c)                                                                 \
    do {                                                                          \
        if (!(c)) assert_fail(#c, __FILE__, __LINE__);                            \
    } while (0)
_Noreturn void assert_fail(const char *expr, const char *file, int line);

#endif
