/*
 * svg.h - a small SVG writer: filled and stroked shapes, text as text, clipping, in a
 * fixed number format so the same drawing gives the same bytes. The app's renderer
 * draws the board through it (render_set_svg) for the SVG export, so the SVG is the
 * same drawing as the PNG, primitive for primitive.
 *
 * Colours are 0xRRGGBBAA. Coordinates are user units (one unit = one pixel at scale 1).
 */
#ifndef SIM_SVG_H
#define SIM_SVG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SvgWriter SvgWriter;

/* A document w x h units, drawn at `scale` pixels per unit (width and height attributes
 * w * scale, h * scale; the viewBox is w x h). Never NULL. */
SvgWriter *svg_create(double w, double h, double scale, const char *title);
void svg_destroy(SvgWriter *s);
/* The document so far, closed (clip groups ended, </svg>). Caller frees. The writer
 * can be destroyed afterwards. */
char *svg_finish(SvgWriter *s);

void svg_rect(SvgWriter *s, double x, double y, double w, double h, double radius, uint32_t fill);
/* A rectangle outline `width` wide lying inside (x, y, w, h); dash > 0: dashes of that
 * length with gaps of 0.75 x dash. */
void svg_rect_line(SvgWriter *s, double x, double y, double w, double h, double radius, double width,
                   double dash, uint32_t stroke);
/* An open polyline (mitred joins, butt ends); dash as above. xy holds n points. */
void svg_polyline(SvgWriter *s, const double *xy, int n, double width, double dash, uint32_t stroke);
void svg_polygon(SvgWriter *s, const double *xy, int n, uint32_t fill);
void svg_circle(SvgWriter *s, double cx, double cy, double r, uint32_t fill);
/* A ring of `width` lying inside radius r. */
void svg_circle_line(SvgWriter *s, double cx, double cy, double r, double width, uint32_t stroke);
/* Text (UTF-8) with its baseline at (x, y); `family` e.g. "DejaVu Sans". `xs`, when not
 * NULL, holds the x of each of the text's n_xs characters (so a renderer places every
 * glyph where the app's font engine did). */
void svg_text(SvgWriter *s, double x, double y, double size, bool bold, const char *family, const char *text,
              const double *xs, int n_xs, uint32_t fill);
/* Square dots `d` wide every `step` along x and y, one of them centred on (x0, y0),
 * over the rectangle (x, y, w, h): one pattern, not a rect per dot (a board's grid). */
void svg_dot_grid(SvgWriter *s, double x, double y, double w, double h, double x0, double y0, double step, double d,
                  uint32_t fill);
/* Clip what follows to the rectangle (w <= 0: no clip). */
void svg_clip(SvgWriter *s, double x, double y, double w, double h);

#endif
