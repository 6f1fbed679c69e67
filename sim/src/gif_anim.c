/*
 * gif_anim.c - animated GIFs with giflib: a palette from samples of every frame
 * (GifQuantizeBuffer), pixels mapped to it through a cache of 15-bit colours, frames
 * after the first cut to the rectangle that changed with a transparent index for the
 * pixels that did not, a NETSCAPE2.0 block to loop.
 */
#include "sim/gif_anim.h"

#include <gif_lib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/tr.h"
#include "sim/util.h"

#define MAX_SAMPLES (1 << 20)
#define TRANSPARENT 255 /* palette index of "unchanged" */

struct GifAnim {
    int w, h;
    /* pass 1 */
    uint8_t *sr, *sg, *sb; /* samples */
    int n_samples;
    uint64_t seen;         /* pixels offered, to pick every k-th */
    /* pass 2 */
    GifColorType palette[256];
    int n_colors;
    bool have_palette;
    int16_t cache[32768];  /* 15-bit colour -> index, -1 unknown */
    uint8_t *prev, *cur;   /* indices of the previous and current frame */
    int n_frames;
    GifFileType *gif;
    StrBuf out;
    int error;
};

GifAnim *gif_anim_create(int w, int h)
{
    GifAnim *g = xcalloc(1, sizeof *g);
    g->w = w;
    g->h = h;
    g->sr = xmalloc(MAX_SAMPLES);
    g->sg = xmalloc(MAX_SAMPLES);
    g->sb = xmalloc(MAX_SAMPLES);
    g->prev = xmalloc((size_t)w * (size_t)h);
    g->cur = xmalloc((size_t)w * (size_t)h);
    sb_init(&g->out);
    for (int i = 0; i < 32768; i++) g->cache[i] = -1;
    return g;
}

void gif_anim_destroy(GifAnim *g)
{
    if (!g) return;
    if (g->gif) EGifCloseFile(g->gif, NULL);
    free(g->sr);
    free(g->sg);
    free(g->sb);
    free(g->prev);
    free(g->cur);
    sb_free(&g->out);
    free(g);
}

void gif_anim_sample(GifAnim *g, const uint8_t *rgba, int stride)
{
    /* every 3rd pixel (in a pattern that walks across columns); when full, every
     * other sample is kept */
    for (int y = 0; y < g->h; y++) {
        const uint8_t *row = rgba + (size_t)y * (size_t)stride;
        for (int x = (y % 3); x < g->w; x += 3) {
            if (g->n_samples == MAX_SAMPLES) {
                for (int i = 0; i < MAX_SAMPLES / 2; i++) {
                    g->sr[i] = g->sr[2 * i];
                    g->sg[i] = g->sg[2 * i];
                    g->sb[i] = g->sb[2 * i];
                }
                g->n_samples = MAX_SAMPLES / 2;
            }
            g->sr[g->n_samples] = row[4 * x];
            g->sg[g->n_samples] = row[4 * x + 1];
            g->sb[g->n_samples] = row[4 * x + 2];
            g->n_samples++;
        }
    }
}

static void make_palette(GifAnim *g)
{
    g->have_palette = true;
    int n = g->n_samples > 0 ? g->n_samples : 1;
    int size = 255; /* one left for the transparent index */
    uint8_t *outb = xmalloc((size_t)n);
    if (g->n_samples == 0) g->sr[0] = g->sg[0] = g->sb[0] = 255;
    if (GifQuantizeBuffer((unsigned)n, 1, &size, g->sr, g->sg, g->sb, outb, g->palette) != GIF_OK || size < 1) {
        size = 1;
        g->palette[0].Red = g->palette[0].Green = g->palette[0].Blue = 255;
    }
    free(outb);
    g->n_colors = size;
    for (int i = size; i < 256; i++) g->palette[i].Red = g->palette[i].Green = g->palette[i].Blue = 0;
}

static uint8_t index_of(GifAnim *g, uint8_t r, uint8_t gr, uint8_t b)
{
    int key = (r >> 3) << 10 | (gr >> 3) << 5 | (b >> 3);
    if (g->cache[key] >= 0) return (uint8_t)g->cache[key];
    int best = 0;
    long best_d = -1;
    int cr = (r & 0xF8) | 4, cg = (gr & 0xF8) | 4, cb = (b & 0xF8) | 4; /* the centre of the cell */
    for (int i = 0; i < g->n_colors; i++) {
        long dr = cr - g->palette[i].Red, dg = cg - g->palette[i].Green, db = cb - g->palette[i].Blue;
        long dd = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
        if (best_d < 0 || dd < best_d) best_d = dd, best = i;
    }
    g->cache[key] = (int16_t)best;
    return (uint8_t)best;
}

static int put(GifFileType *gif, const GifByteType *data, int n)
{
    GifAnim *g = gif->UserData;
    if (g->out.len + (size_t)n + 1 > g->out.cap) {
        g->out.cap = (g->out.len + (size_t)n + 1) * 2;
        g->out.data = xrealloc(g->out.data, g->out.cap);
    }
    memcpy(g->out.data + g->out.len, data, (size_t)n);
    g->out.len += (size_t)n;
    return n;
}

static bool fail(GifAnim *g, DiagList *d, int code)
{
    diag_add(d, "", _("the GIF could not be encoded: %s"), GifErrorString(code ? code : g->gif ? g->gif->Error : 0));
    return false;
}

static bool start(GifAnim *g, DiagList *d)
{
    int err = 0;
    g->gif = EGifOpen(g, put, &err);
    if (!g->gif) return fail(g, d, err);
    EGifSetGifVersion(g->gif, true);
    ColorMapObject *map = GifMakeMapObject(256, g->palette);
    if (!map) return fail(g, d, E_GIF_ERR_NOT_ENOUGH_MEM);
    int rc = EGifPutScreenDesc(g->gif, g->w, g->h, 8, 0, map);
    GifFreeMapObject(map);
    if (rc != GIF_OK) return fail(g, d, 0);
    /* loop forever */
    static const GifByteType loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(g->gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
        EGifPutExtensionBlock(g->gif, 11, "NETSCAPE2.0") != GIF_OK || EGifPutExtensionBlock(g->gif, 3, loop) != GIF_OK ||
        EGifPutExtensionTrailer(g->gif) != GIF_OK)
        return fail(g, d, 0);
    return true;
}

bool gif_anim_frame(GifAnim *g, const uint8_t *rgba, int stride, int delay_cs, DiagList *d)
{
    if (!g->have_palette) make_palette(g);
    if (!g->gif && !start(g, d)) return false;
    size_t npx = (size_t)g->w * (size_t)g->h;
    for (int y = 0; y < g->h; y++) {
        const uint8_t *row = rgba + (size_t)y * (size_t)stride;
        uint8_t *dst = g->cur + (size_t)y * (size_t)g->w;
        for (int x = 0; x < g->w; x++) dst[x] = index_of(g, row[4 * x], row[4 * x + 1], row[4 * x + 2]);
    }
    /* the rectangle that changed */
    int x0 = 0, y0 = 0, x1 = g->w, y1 = g->h;
    if (g->n_frames > 0) {
        x0 = g->w, y0 = g->h, x1 = y1 = 0;
        for (int y = 0; y < g->h; y++) {
            const uint8_t *a = g->cur + (size_t)y * (size_t)g->w, *b = g->prev + (size_t)y * (size_t)g->w;
            if (memcmp(a, b, (size_t)g->w) == 0) continue;
            if (y < y0) y0 = y;
            y1 = y + 1;
            for (int x = 0; x < g->w; x++)
                if (a[x] != b[x]) {
                    if (x < x0) x0 = x;
                    if (x + 1 > x1) x1 = x + 1;
                }
        }
        if (x1 <= x0) x0 = y0 = 0, x1 = y1 = 1; /* nothing changed: one transparent pixel */
    }
    GraphicsControlBlock gcb = {.DisposalMode = DISPOSE_DO_NOT, .UserInputFlag = false, .DelayTime = delay_cs,
                                .TransparentColor = g->n_frames > 0 ? TRANSPARENT : NO_TRANSPARENT_COLOR};
    GifByteType ext[4];
    size_t n_ext = EGifGCBToExtension(&gcb, ext);
    if (EGifPutExtension(g->gif, GRAPHICS_EXT_FUNC_CODE, (int)n_ext, ext) != GIF_OK) return fail(g, d, 0);
    if (EGifPutImageDesc(g->gif, x0, y0, x1 - x0, y1 - y0, false, NULL) != GIF_OK) return fail(g, d, 0);
    GifPixelType *line = xmalloc((size_t)(x1 - x0));
    bool ok = true;
    for (int y = y0; y < y1 && ok; y++) {
        const uint8_t *a = g->cur + (size_t)y * (size_t)g->w, *b = g->prev + (size_t)y * (size_t)g->w;
        for (int x = x0; x < x1; x++) line[x - x0] = g->n_frames > 0 && a[x] == b[x] ? TRANSPARENT : a[x];
        ok = EGifPutLine(g->gif, line, x1 - x0) == GIF_OK;
    }
    free(line);
    if (!ok) return fail(g, d, 0);
    memcpy(g->prev, g->cur, npx);
    g->n_frames++;
    return true;
}

unsigned char *gif_anim_finish(GifAnim *g, size_t *len, DiagList *d)
{
    if (!g->gif) {
        diag_add(d, "", _("the GIF has no frames"));
        return NULL;
    }
    int err = 0;
    if (EGifCloseFile(g->gif, &err) != GIF_OK) {
        g->gif = NULL;
        fail(g, d, err);
        return NULL;
    }
    g->gif = NULL;
    *len = g->out.len;
    unsigned char *bytes = (unsigned char *)g->out.data;
    g->out.data = NULL;
    g->out.len = g->out.cap = 0;
    return bytes;
}
