/*
 * svg.c - the SVG writer: elements appended to a buffer, numbers in one short fixed
 * format (at most two decimals), text escaped for XML.
 */
#include "sim/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"

struct SvgWriter {
    StrBuf b;
    int n_clips;
    int n_patterns;
    bool in_clip;
};

/* A number with at most two decimals, no trailing zeros, never "-0". */
static void num(StrBuf *b, double v)
{
    if (!isfinite(v)) v = 0;
    char t[40];
    snprintf(t, sizeof t, "%.2f", v);
    char *dot = strchr(t, '.');
    if (dot) {
        char *e = t + strlen(t) - 1;
        while (e > dot && *e == '0') *e-- = 0;
        if (e == dot) *e = 0;
    }
    if (strcmp(t, "-0") == 0) strcpy(t, "0");
    sb_puts(b, t);
}

static void attr(StrBuf *b, const char *name, double v)
{
    sb_printf(b, " %s=\"", name);
    num(b, v);
    sb_puts(b, "\"");
}

static void escaped(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '&': sb_puts(b, "&amp;"); break;
        case '"': sb_puts(b, "&quot;"); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
                break; /* not allowed in XML 1.0 */
            sb_printf(b, "%c", *s);
        }
    }
}

static void paint(StrBuf *b, const char *what, uint32_t rgba)
{
    sb_printf(b, " %s=\"#%06X\"", what, (unsigned)(rgba >> 8));
    unsigned a = rgba & 0xFF;
    if (a != 255) {
        sb_printf(b, " %s-opacity=\"", what);
        num(b, a / 255.0);
        sb_puts(b, "\"");
    }
}

SvgWriter *svg_create(double w, double h, double scale, const char *title)
{
    SvgWriter *s = xcalloc(1, sizeof *s);
    sb_init(&s->b);
    sb_puts(&s->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"");
    attr(&s->b, "width", w * scale);
    attr(&s->b, "height", h * scale);
    sb_puts(&s->b, " viewBox=\"0 0 ");
    num(&s->b, w);
    sb_puts(&s->b, " ");
    num(&s->b, h);
    sb_puts(&s->b, "\">\n");
    if (title && *title) {
        sb_puts(&s->b, "<title>");
        escaped(&s->b, title);
        sb_puts(&s->b, "</title>\n");
    }
    return s;
}

void svg_destroy(SvgWriter *s)
{
    if (!s) return;
    sb_free(&s->b);
    free(s);
}

char *svg_finish(SvgWriter *s)
{
    if (s->in_clip) sb_puts(&s->b, "</g>\n");
    s->in_clip = false;
    sb_puts(&s->b, "</svg>\n");
    return sb_take(&s->b);
}

void svg_rect(SvgWriter *s, double x, double y, double w, double h, double radius, uint32_t fill)
{
    if (w <= 0 || h <= 0 || (fill & 0xFF) == 0) return;
    sb_puts(&s->b, "<rect");
    attr(&s->b, "x", x);
    attr(&s->b, "y", y);
    attr(&s->b, "width", w);
    attr(&s->b, "height", h);
    if (radius > 0) attr(&s->b, "rx", fmin(radius, fmin(w, h) / 2));
    paint(&s->b, "fill", fill);
    sb_puts(&s->b, "/>\n");
}

static void dash_attr(StrBuf *b, double dash)
{
    if (dash <= 0) return;
    sb_puts(b, " stroke-dasharray=\"");
    num(b, dash);
    sb_puts(b, " ");
    num(b, dash * 0.75);
    sb_puts(b, "\"");
}

void svg_rect_line(SvgWriter *s, double x, double y, double w, double h, double radius, double width, double dash,
                   uint32_t stroke)
{
    if (w <= 0 || h <= 0 || (stroke & 0xFF) == 0) return;
    double hw = width / 2;
    sb_puts(&s->b, "<rect");
    attr(&s->b, "x", x + hw);
    attr(&s->b, "y", y + hw);
    attr(&s->b, "width", fmax(0, w - width));
    attr(&s->b, "height", fmax(0, h - width));
    if (radius - hw > 0) attr(&s->b, "rx", fmin(radius - hw, fmin(w - width, h - width) / 2));
    sb_puts(&s->b, " fill=\"none\"");
    paint(&s->b, "stroke", stroke);
    attr(&s->b, "stroke-width", width);
    dash_attr(&s->b, dash);
    sb_puts(&s->b, "/>\n");
}

static void points(StrBuf *b, const double *xy, int n)
{
    sb_puts(b, " points=\"");
    for (int i = 0; i < n; i++) {
        if (i) sb_puts(b, " ");
        num(b, xy[2 * i]);
        sb_puts(b, ",");
        num(b, xy[2 * i + 1]);
    }
    sb_puts(b, "\"");
}

void svg_polyline(SvgWriter *s, const double *xy, int n, double width, double dash, uint32_t stroke)
{
    if (n < 2 || (stroke & 0xFF) == 0) return;
    sb_puts(&s->b, "<polyline");
    points(&s->b, xy, n);
    sb_puts(&s->b, " fill=\"none\"");
    paint(&s->b, "stroke", stroke);
    attr(&s->b, "stroke-width", width);
    sb_puts(&s->b, " stroke-linejoin=\"miter\"");
    dash_attr(&s->b, dash);
    sb_puts(&s->b, "/>\n");
}

void svg_polygon(SvgWriter *s, const double *xy, int n, uint32_t fill)
{
    if (n < 3 || (fill & 0xFF) == 0) return;
    sb_puts(&s->b, "<polygon");
    points(&s->b, xy, n);
    paint(&s->b, "fill", fill);
    sb_puts(&s->b, "/>\n");
}

void svg_circle(SvgWriter *s, double cx, double cy, double r, uint32_t fill)
{
    if (r <= 0 || (fill & 0xFF) == 0) return;
    sb_puts(&s->b, "<circle");
    attr(&s->b, "cx", cx);
    attr(&s->b, "cy", cy);
    attr(&s->b, "r", r);
    paint(&s->b, "fill", fill);
    sb_puts(&s->b, "/>\n");
}

void svg_circle_line(SvgWriter *s, double cx, double cy, double r, double width, uint32_t stroke)
{
    if (r <= 0 || (stroke & 0xFF) == 0) return;
    sb_puts(&s->b, "<circle");
    attr(&s->b, "cx", cx);
    attr(&s->b, "cy", cy);
    attr(&s->b, "r", fmax(0, r - width / 2));
    sb_puts(&s->b, " fill=\"none\"");
    paint(&s->b, "stroke", stroke);
    attr(&s->b, "stroke-width", width);
    sb_puts(&s->b, "/>\n");
}

void svg_text(SvgWriter *s, double x, double y, double size, bool bold, const char *family, const char *text,
              const double *xs, int n_xs, uint32_t fill)
{
    if (!text || !*text || (fill & 0xFF) == 0) return;
    sb_puts(&s->b, "<text");
    if (xs && n_xs > 0) {
        sb_puts(&s->b, " x=\"");
        for (int i = 0; i < n_xs; i++) {
            if (i) sb_puts(&s->b, " ");
            num(&s->b, xs[i]);
        }
        sb_puts(&s->b, "\"");
    } else {
        attr(&s->b, "x", x);
    }
    attr(&s->b, "y", y);
    sb_puts(&s->b, " font-family=\"");
    escaped(&s->b, family);
    sb_puts(&s->b, "\"");
    attr(&s->b, "font-size", size);
    if (bold) sb_puts(&s->b, " font-weight=\"bold\"");
    paint(&s->b, "fill", fill);
    sb_puts(&s->b, " xml:space=\"preserve\">");
    escaped(&s->b, text);
    sb_puts(&s->b, "</text>\n");
}

void svg_dot_grid(SvgWriter *s, double x, double y, double w, double h, double x0, double y0, double step, double d,
                  uint32_t fill)
{
    if (w <= 0 || h <= 0 || !(step > 0) || !(d > 0) || (fill & 0xFF) == 0) return;
    int id = ++s->n_patterns;
    /* a tile of `step` with its dot in the middle, the tiles laid from (x0, y0) less half */
    sb_printf(&s->b, "<pattern id=\"g%d\" patternUnits=\"userSpaceOnUse\"", id);
    attr(&s->b, "x", x0 - step / 2);
    attr(&s->b, "y", y0 - step / 2);
    attr(&s->b, "width", step);
    attr(&s->b, "height", step);
    sb_puts(&s->b, "><rect");
    attr(&s->b, "x", step / 2 - d / 2);
    attr(&s->b, "y", step / 2 - d / 2);
    attr(&s->b, "width", d);
    attr(&s->b, "height", d);
    paint(&s->b, "fill", fill);
    sb_printf(&s->b, "/></pattern>\n<rect");
    attr(&s->b, "x", x);
    attr(&s->b, "y", y);
    attr(&s->b, "width", w);
    attr(&s->b, "height", h);
    sb_printf(&s->b, " fill=\"url(#g%d)\"/>\n", id);
}

void svg_clip(SvgWriter *s, double x, double y, double w, double h)
{
    if (s->in_clip) sb_puts(&s->b, "</g>\n");
    s->in_clip = false;
    if (w <= 0 || h <= 0) return;
    int id = ++s->n_clips;
    sb_printf(&s->b, "<clipPath id=\"c%d\"><rect", id);
    attr(&s->b, "x", x);
    attr(&s->b, "y", y);
    attr(&s->b, "width", w);
    attr(&s->b, "height", h);
    sb_printf(&s->b, "/></clipPath>\n<g clip-path=\"url(#c%d)\">\n", id);
    s->in_clip = true;
}
