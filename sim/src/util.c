/*
 * util.c - allocation that aborts on out-of-memory, strings, buffers, files.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* mkstemp, fchown */
#include "sim/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static _Noreturn void oom(size_t n)
{
    fprintf(stderr, "archsim: out of memory (allocating %zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);
    memcpy(d, s, n);
    return d;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0) n = 0;
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void xgrow(void **items, int *cap, int need, size_t size)
{
    if (need <= *cap) return;
    int c = *cap ? *cap : 8;
    while (c < need) c *= 2;
    *items = xrealloc(*items, (size_t)c * size);
    *cap = c;
}

uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

void strindex_init(StrIndex *x, const char *const *keys, int n)
{
    size_t cap = 16;
    while (cap < (size_t)n * 2 + 1) cap *= 2;
    x->slots = xcalloc(cap, sizeof *x->slots);
    x->mask = cap - 1;
    x->keys = keys;
}

void strindex_free(StrIndex *x)
{
    free(x->slots);
    x->slots = NULL;
}

int strindex_add(StrIndex *x, int i)
{
    const char *k = x->keys[i];
    if (!k) return -1;
    for (size_t h = hash_str(k) & x->mask;; h = (h + 1) & x->mask) {
        int s = x->slots[h];
        if (s == 0) {
            x->slots[h] = i + 1;
            return -1;
        }
        if (strcmp(x->keys[s - 1], k) == 0) return s - 1;
    }
}

int strindex_find(const StrIndex *x, const char *k)
{
    if (!k) return -1;
    for (size_t h = hash_str(k) & x->mask;; h = (h + 1) & x->mask) {
        int s = x->slots[h];
        if (s == 0) return -1;
        if (strcmp(x->keys[s - 1], k) == 0) return s - 1;
    }
}

void sb_init(StrBuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void sb_free(StrBuf *b)
{
    free(b->data);
    sb_init(b);
}

static void sb_reserve(StrBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t c = b->cap ? b->cap : 256;
    while (c < b->len + extra + 1) c *= 2;
    b->data = xrealloc(b->data, c);
    b->cap = c;
}

void sb_puts(StrBuf *b, const char *s)
{
    size_t n = strlen(s);
    sb_reserve(b, n);
    memcpy(b->data + b->len, s, n + 1);
    b->len += n;
}

void sb_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap, cp;
    va_start(ap, fmt);
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n > 0) {
        sb_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

void sb_cell(StrBuf *b, int width, const char *s)
{
    size_t n = utf8_chars(s), w = (size_t)(width < 0 ? -(long)width : width);
    size_t pad = n < w ? w - n : 0;
    if (width > 0) sb_printf(b, "%*s", (int)pad, "");
    sb_puts(b, s);
    if (width < 0) sb_printf(b, "%*s", (int)pad, "");
}

void sb_table_row(StrBuf *b, int n, const int *width, const char *const *cell)
{
    sb_puts(b, "  ");
    for (int i = 0; i < n; i++) {
        if (i) sb_puts(b, width[i] ? " " : "  ");
        sb_cell(b, width[i], cell[i]);
    }
    sb_puts(b, "\n");
}

void table_widen(int *width, const char *const *head, int n)
{
    for (int i = 0; i < n; i++) {
        int h = (int)utf8_chars(head[i]);
        if (width[i] > 0 && width[i] < h) width[i] = h;
        if (width[i] < 0 && -width[i] < h) width[i] = -h;
    }
}

char *sb_take(StrBuf *b)
{
    if (!b->data) return xstrdup("");
    char *s = b->data;
    sb_init(b);
    return s;
}

char *read_file_max(const char *path, size_t max_bytes, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0) goto fail;
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        goto fail;
    }
    /* A regular file says its size: refuse before reading a byte. Anything else
     * (a pipe, /dev/zero, a file still growing) is read up to one byte past the limit. */
    if (S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size > max_bytes) {
        errno = EFBIG;
        goto fail;
    }
    StrBuf b;
    sb_init(&b);
    /* room for the whole file and for the read that finds its end */
    sb_reserve(&b, S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536);
    for (;;) {
        if (b.len > max_bytes) {
            sb_free(&b);
            errno = EFBIG;
            goto fail;
        }
        if (b.cap - b.len < 2) sb_reserve(&b, 65536);
        size_t want = b.cap - b.len - 1;
        if (want > max_bytes - b.len + 1) want = max_bytes - b.len + 1; /* one past the limit */
        ssize_t n = read(fd, b.data + b.len, want);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            sb_free(&b);
            errno = e;
            goto fail;
        }
        if (n == 0) break;
        b.len += (size_t)n;
    }
    b.data[b.len] = 0; /* an empty file too */
    close(fd);
    if (len) *len = b.len;
    return sb_take(&b);
fail: {
    int e = errno;
    close(fd);
    errno = e;
    return NULL;
}
}

char *read_file(const char *path, size_t *len) { return read_file_max(path, SIZE_MAX - 1, len); }

/* The folder part of path ("." for a bare name), as a new string. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xasprintf("%.*s", (int)(slash - path), path);
}

/* All of data to fd; 0, or -1 with errno. */
static int write_all(int fd, const char *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        off += (size_t)w;
    }
    return 0;
}

static int replace_file(const char *path, const char *data, size_t len);

/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is not a file to replace: renaming
 * a new file over /dev/null as root would put a regular file in its place. Written to
 * as it is. */
static int write_in_place(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (write_all(fd, data, len) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return close(fd);
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
    struct stat target;
    if (stat(path, &target) == 0 && !S_ISREG(target.st_mode)) {
        if (S_ISDIR(target.st_mode)) {
            errno = EISDIR;
            return -1;
        }
        return write_in_place(path, data, len);
    }
    /* A symlink to a file: the file it names is replaced, the link stays. */
    char *resolved = NULL;
    struct stat link;
    if (lstat(path, &link) == 0 && S_ISLNK(link.st_mode)) resolved = realpath(path, NULL);
    int rc = replace_file(resolved ? resolved : path, data, len);
    int e = errno;
    free(resolved);
    errno = e;
    return rc;
}

/* write_file_atomic for a regular file or a new one. */
static int replace_file(const char *path, const char *data, size_t len)
{
    char *dir = folder_of(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    /* A fresh name in the target folder, created with O_EXCL by mkstemp: nothing planted
     * there (a symlink at a name we would have used) is ever followed. */
    char *tmp = strlen(base) + 9 <= 255 ? xasprintf("%s/.%s.XXXXXX", dir, base)
                                        : xasprintf("%s/.archsim.XXXXXX", dir);
    int fd = mkstemp(tmp);
    if (fd < 0) goto fail;
    /* The new file takes the old one's mode and, where allowed, its owner; a new file
     * gets 0666 less the umask, as open(2) would give it. */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        if (fchown(fd, st.st_uid, st.st_gid) != 0 && fchown(fd, (uid_t)-1, st.st_gid) != 0) {
            /* not ours to give away: the file becomes the saver's, as any editor does */
        }
        if (fchmod(fd, st.st_mode & 07777) != 0) goto fail_close;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0) goto fail_close;
    }
    if (write_all(fd, data, len) != 0) goto fail_close;
    if (fsync(fd) != 0) goto fail_close;
    if (close(fd) != 0) {
        fd = -1;
        goto fail_unlink;
    }
    if (rename(tmp, path) != 0) goto fail_unlink;
    /* The rename is durable once the folder is on disk too. Best effort: the new file
     * is in place whatever happens here, so a failure is not a failed save. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    free(tmp);
    free(dir);
    return 0;
fail_close: {
    int e = errno;
    close(fd);
    errno = e;
}
fail_unlink: {
    int e = errno;
    unlink(tmp);
    errno = e;
}
fail:
    free(tmp);
    free(dir);
    return -1;
}

_Noreturn void assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    abort();
}

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The next code point of UTF-8 text at *s (advanced past it); a byte that starts no valid
 * sequence stands for itself. */
static uint32_t utf8_next(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t c = p[0];
    int more = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c >= 0xF8) more = 0;
    uint32_t cp = more == 3 ? c & 0x07 : more == 2 ? c & 0x0F : more == 1 ? c & 0x1F : c;
    for (int k = 1; k <= more; k++) {
        if ((p[k] & 0xC0) != 0x80) { /* cut short: the lead byte alone */
            *s = p + 1;
            return c;
        }
        cp = cp << 6 | (p[k] & 0x3F);
    }
    *s = p + 1 + more;
    return cp;
}

/* A code point's place in a sorted list (utf8_collate): letters folded to lower case, the
 * Cyrillic ones numbered in alphabet order after every other code point below U+0500. */
static uint32_t collate_weight(uint32_t c)
{
    /* а..я with ё, є, і, ї, ґ where the Russian and Ukrainian alphabets put them */
    static const uint32_t abc[] = {0x430, 0x431, 0x432, 0x433, 0x491, 0x434, 0x435, 0x451, 0x454, 0x436, 0x437,
                                   0x438, 0x456, 0x457, 0x439, 0x43A, 0x43B, 0x43C, 0x43D, 0x43E, 0x43F, 0x440,
                                   0x441, 0x442, 0x443, 0x444, 0x445, 0x446, 0x447, 0x448, 0x449, 0x44A, 0x44B,
                                   0x44C, 0x44D, 0x44E, 0x44F};
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32; /* Latin-1 capitals */
    if (c >= 0x410 && c <= 0x42F) c += 32;                     /* А..Я */
    else if (c >= 0x400 && c <= 0x40F) c += 80;                /* Ѐ..Џ: Ё, Є, І, Ї */
    else if (c == 0x490) c = 0x491;                            /* Ґ */
    for (size_t k = 0; k < sizeof abc / sizeof *abc; k++)
        if (abc[k] == c) return 0x500 + (uint32_t)k;
    return c < 0x500 ? c : c + 0x100;
}

char *utf8_capitalize(char *s)
{
    unsigned char *p = (unsigned char *)s;
    if (!p || !*p) return s;
    if (p[0] >= 'a' && p[0] <= 'z') {
        p[0] = (unsigned char)(p[0] - 32);
        return s;
    }
    const unsigned char *q = p;
    uint32_t c = utf8_next(&q), up = c;
    if (c >= 0x430 && c <= 0x44F) up = c - 32;      /* а..я */
    else if (c >= 0x450 && c <= 0x45F) up = c - 80; /* ѐ..џ: ё, є, і, ї */
    else if (c == 0x491) up = 0x490;                /* ґ */
    if (up != c) { /* two bytes either way */
        p[0] = (unsigned char)(0xC0 | up >> 6);
        p[1] = (unsigned char)(0x80 | (up & 0x3F));
    }
    return s;
}

int utf8_collate(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && *q) {
        uint32_t x = collate_weight(utf8_next(&p)), y = collate_weight(utf8_next(&q));
        if (x != y) return x < y ? -1 : 1;
    }
    if (*p || *q) return *p ? 1 : -1; /* a name before the longer names it begins */
    return strcmp(a, b);
}

bool utf8_contains_fold(const char *s, const char *part)
{
    if (!part || !*part) return true;
    if (!s) return false;
    for (const unsigned char *start = (const unsigned char *)s; *start; utf8_next(&start)) {
        const unsigned char *p = start, *q = (const unsigned char *)part;
        bool same = true;
        while (*q && same) {
            if (!*p) return false; /* s ran out: no later start has room for part either */
            same = collate_weight(utf8_next(&p)) == collate_weight(utf8_next(&q));
        }
        if (same) return true;
    }
    return false;
}

char *utf8_truncate(char *s, size_t chars)
{
    for (char *c = s; *c; c++)
        if ((*c & 0xC0) != 0x80 && chars-- == 0) {
            *c = 0;
            break;
        }
    return s;
}

size_t utf8_invalid_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c == 0) return i;
            i++;
            continue;
        }
        size_t k;
        unsigned long min;
        if (c >= 0xC2 && c <= 0xDF) {
            k = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            min = 0x10000;
        } else {
            return i;
        }
        unsigned long cp = c & (0x3Fu >> k);
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (s[i + j] & 0xC0) != 0x80) return i;
            cp = cp << 6 | (s[i + j] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += k + 1;
    }
    return n;
}
