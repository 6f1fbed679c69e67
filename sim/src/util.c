/*
 * util.c - allocation that aborts on out-of-memory, strings, buffers, files.
 */
#define _POSIX_C_SOURCE 200809L
#include "sim/util.h"

#include <errno.h>
#include <fcntl.h>
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

char *sb_take(StrBuf *b)
{
    if (!b->data) return xstrdup("");
    char *s = b->data;
    sb_init(b);
    return s;
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    StrBuf b;
    sb_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sb_reserve(&b, n);
        memcpy(b.data + b.len, chunk, n);
        b.len += n;
        b.data[b.len] = 0;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        sb_free(&b);
        errno = EIO;
        return NULL;
    }
    if (len) *len = b.len;
    return sb_take(&b);
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) goto fail;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            goto fail_close;
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0) goto fail_close;
    if (close(fd) != 0) {
        fd = -1;
        goto fail_unlink;
    }
    if (rename(tmp, path) != 0) goto fail_unlink;
    free(tmp);
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
    return -1;
}

_Noreturn void assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    abort();
}
