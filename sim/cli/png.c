/*
 * png.c - an SVG the CLI wrote (the sweep's chart), rasterised to PNG by librsvg and
 * cairo (Debian's librsvg2), so that the PNG is the same picture as the SVG.
 */
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sim/util.h"

typedef struct Buf {
    unsigned char *data;
    size_t len, cap;
} Buf;

static cairo_status_t to_buf(void *ctx, const unsigned char *data, unsigned int len)
{
    Buf *b = ctx;
    if (b->len + len > b->cap) {
        b->cap = (b->len + len) * 2;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return CAIRO_STATUS_SUCCESS;
}

bool cli_svg_to_png(const char *svg, const char *path, double scale)
{
    GError *error = NULL;
    RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg, strlen(svg), &error);
    if (!h) {
        fprintf(stderr, _("archsim-cli: cannot read the chart's SVG: %s\n"), error ? error->message : "?");
        if (error) g_error_free(error);
        return false;
    }
    gdouble w = 0, hh = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh) || w <= 0 || hh <= 0) w = 860, hh = 600;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)(w * scale), (int)(hh * scale));
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, scale, scale);
    RsvgRectangle vp = {0, 0, w, hh};
    bool ok = rsvg_handle_render_document(h, cr, &vp, &error);
    if (!ok) fprintf(stderr, _("archsim-cli: cannot draw the chart: %s\n"), error ? error->message : "?");
    if (error) g_error_free(error);
    cairo_destroy(cr);
    Buf b = {0};
    if (ok && cairo_surface_write_to_png_stream(s, to_buf, &b) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, _("archsim-cli: cannot encode the PNG\n"));
        ok = false;
    }
    cairo_surface_destroy(s);
    g_object_unref(h);
    if (ok && write_file_atomic(path, (const char *)b.data, b.len) != 0) {
        fprintf(stderr, _("archsim-cli: cannot write %s\n"), path);
        ok = false;
    }
    free(b.data);
    return ok;
}
