/*
 * png_meta.c - PNG bytes with the diagram's JSON in an iTXt chunk, and reading it back,
 * with libpng. libpng reports errors by longjmp: every call that may fail runs inside
 * one setjmp per function, and the error text is kept for the DiagList.
 */
#include "sim/png_meta.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/tr.h"
#include "sim/util.h"

typedef struct Io {
    const unsigned char *in;
    size_t in_len, pos;
    StrBuf out;        /* bytes written (a StrBuf holds binary data too: len is kept) */
    char error[200];
} Io;

static void on_error(png_structp png, png_const_charp msg)
{
    Io *io = png_get_error_ptr(png);
    snprintf(io->error, sizeof io->error, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* warnings (a bad CRC in an ancillary chunk...) are not the user's problem */
}

static void on_write(png_structp png, png_bytep data, png_size_t n)
{
    Io *io = png_get_io_ptr(png);
    if (io->out.len + n + 1 > io->out.cap) {
        io->out.cap = (io->out.len + n + 1) * 2;
        io->out.data = xrealloc(io->out.data, io->out.cap);
    }
    memcpy(io->out.data + io->out.len, data, n);
    io->out.len += n;
}

static void on_flush(png_structp png) { (void)png; }

static void on_read(png_structp png, png_bytep data, png_size_t n)
{
    Io *io = png_get_io_ptr(png);
    if (n > io->in_len - io->pos) png_error(png, "the file ends inside the PNG (truncated)");
    memcpy(data, io->in + io->pos, n);
    io->pos += n;
}

unsigned char *png_meta_encode_rgba(const unsigned char *rgba, int w, int h, int stride, const char *json,
                                    size_t *out_len, DiagList *d)
{
    Io io = {0};
    sb_init(&io.out);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &io, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep *rows = xcalloc((size_t)(h > 0 ? h : 1), sizeof *rows);
    if (!info) {
        snprintf(io.error, sizeof io.error, "out of memory");
        goto fail;
    }
    if (setjmp(png_jmpbuf(png))) goto fail;
    png_set_write_fn(png, &io, on_write, on_flush);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (json) {
        png_text t;
        memset(&t, 0, sizeof t);
        t.compression = PNG_ITXT_COMPRESSION_zTXt;
        t.key = (png_charp)PNG_META_KEYWORD;
        t.text = (png_charp)json;
        t.itxt_length = strlen(json);
        t.lang = (png_charp) "";
        t.lang_key = (png_charp) "";
        png_set_text(png, info, &t, 1);
    }
    png_write_info(png, info);
    for (int y = 0; y < h; y++) rows[y] = (png_bytep)(rgba + (size_t)y * (size_t)stride);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(rows);
    *out_len = io.out.len;
    return (unsigned char *)io.out.data;
fail:
    diag_add(d, "", _("cannot encode the PNG: %s"), io.error);
    png_destroy_write_struct(&png, info ? &info : NULL);
    free(rows);
    sb_free(&io.out);
    return NULL;
}

char *png_meta_read(const char *data, size_t len, size_t *out_len, DiagList *d)
{
    /* Every chunk must fit in the bytes there are: libpng allocates a text chunk's claimed
     * length before it reads it (1.7 GB for the iTXt of a fuzzed 3.7 KB file). */
    const unsigned char *u = (const unsigned char *)data;
    for (size_t p = 8; len >= 8 && p + 8 <= len;) {
        uint32_t n = (uint32_t)u[p] << 24 | (uint32_t)u[p + 1] << 16 | (uint32_t)u[p + 2] << 8 | u[p + 3];
        size_t room = len - p >= 12 ? len - p - 12 : 0;
        if (n > room) {
            diag_add(d, "", _("not a readable PNG: the chunk at byte %zu claims %lu bytes, and %zu follow"), p,
                     (unsigned long)n, room);
            return NULL;
        }
        if (memcmp(u + p + 4, "IEND", 4) == 0) break;
        p += 12 + (size_t)n;
    }
    Io io = {0};
    io.in = (const unsigned char *)data;
    io.in_len = len;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &io, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        snprintf(io.error, sizeof io.error, "out of memory");
        goto fail;
    }
    if (setjmp(png_jmpbuf(png))) goto fail;
    png_set_read_fn(png, &io, on_read);
    png_set_user_limits(png, 20000, 20000);       /* bigger than any board picture */
    png_set_chunk_malloc_max(png, 64u << 20);     /* a diagram's JSON, compressed or not */
    /* Text may sit before or after the image data: read it all (the pixels are dropped). */
    png_read_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_textp text = NULL;
    int n_text = 0;
    char *found = NULL; /* set after the last call that may longjmp */
    png_get_text(png, info, &text, &n_text);
    for (int i = 0; i < n_text && !found; i++) {
        if (strcmp(text[i].key, PNG_META_KEYWORD) != 0) continue;
        size_t n = text[i].compression >= PNG_ITXT_COMPRESSION_NONE ? text[i].itxt_length : text[i].text_length;
        found = xmalloc(n + 1);
        memcpy(found, text[i].text, n);
        found[n] = 0;
        *out_len = n;
    }
    png_destroy_read_struct(&png, &info, NULL);
    if (!found)
        diag_add(d, "",
                 _("this PNG carries no archsim diagram (no iTXt chunk \"%s\"); only PNGs archsim "
                   "exported open as diagrams"),
                 PNG_META_KEYWORD);
    return found;
fail:
    diag_add(d, "", _("not a readable PNG: %s (byte %zu of %zu)"), io.error, io.pos, len);
    png_destroy_read_struct(&png, info ? &info : NULL, NULL);
    return NULL;
}
