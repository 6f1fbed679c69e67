/*
 * render.h - drawing primitives and text for the app.
 *
 * Every coordinate passed here is in logical pixels (window points); the renderer
 * multiplies by `scale` (renderer output size / window size) so the picture is sharp
 * on HiDPI screens. The frame is drawn by our own code into a CPU pixel buffer:
 * shapes are anti-aliased from exact coverage (signed distances to rounded boxes,
 * circles, segments and convex polygons), text is SDL2_ttf blended glyph strings kept
 * in a cache keyed by font, size and string. At the end of a frame the buffer is
 * uploaded once to an SDL texture. This is the same fast path on every backend,
 * including SDL's software renderer, whose per-triangle blending would be too slow.
 */
#ifndef APP_RENDER_H
#define APP_RENDER_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct Color {
    uint8_t r, g, b, a;
} Color;

typedef struct Rect {
    float x, y, w, h;
} Rect;

typedef struct Vec2 {
    float x, y;
} Vec2;

typedef enum FontId { FONT_REGULAR, FONT_BOLD, FONT_COUNT } FontId;

typedef struct Render Render;

/* Find the font: `explicit_path` (a --font flag) first, then $ARCHSIM_FONT, then the
 * usual system locations of DejaVu Sans. Returns a static string, or NULL when none
 * exists (the caller prints a message naming what was tried: render_font_help()). */
const char *render_find_font(const char *explicit_path);
const char *render_font_help(void);

/* A renderer presenting to `sdl` (not owned; NULL = draw into memory only, as for a
 * PNG export) using the font at `font_path`. NULL when the font cannot be opened.
 * TTF must be initialised. */
Render *render_create(SDL_Renderer *sdl, const char *font_path);
/* A renderer drawing straight into the window's surface (SDL_GetWindowSurface): the
 * fast path when there is no GPU, as with SDL's offscreen driver. */
Render *render_create_window(SDL_Window *win, const char *font_path);
/* Output size in pixels (renderer output or window surface). */
void render_output_size(Render *r, int *w, int *h);
/* Show the frame: SDL_RenderPresent or SDL_UpdateWindowSurface. */
void render_present(Render *r);
/* The frame buffer (32-bit xRGB, pixels) of the last frame; owned by the renderer. */
SDL_Surface *render_surface(Render *r);
void render_destroy(Render *r);
SDL_Renderer *render_sdl(Render *r);
void render_set_scale(Render *r, float scale);
float render_scale(const Render *r);

/* Call around each frame. render_begin sizes the buffer to the renderer's output;
 * render_begin_size to w x h pixels (no renderer). render_end uploads the buffer to
 * the renderer (the caller presents). */
void render_begin(Render *r);
void render_begin_size(Render *r, int w, int h);
void render_end(Render *r);
/* Kept for callers that flushed batched geometry: drawing is immediate now. */
void render_flush(Render *r);

void render_clear(Render *r, Color c);
/* Clip to `rc` (logical); NULL removes the clip. */
void render_clip(Render *r, const Rect *rc);

/* Axis-aligned filled rectangle, snapped to pixels. */
void render_rect(Render *r, Rect rc, Color c);
/* One-pixel (logical) outline inside `rc`. */
void render_rect_line(Render *r, Rect rc, Color c);
void render_round_rect(Render *r, Rect rc, float radius, Color c);
void render_round_rect_line(Render *r, Rect rc, float radius, float width, Color c);
/* A rounded rect outline drawn with dashes. */
void render_round_rect_dashed(Render *r, Rect rc, float radius, float width, float dash, Color c);
void render_line(Render *r, Vec2 a, Vec2 b, float width, Color c);
/* An open polyline with mitred joins; `dash` > 0 draws dashes of that length. */
void render_polyline(Render *r, const Vec2 *pts, int n, float width, float dash, Color c);
/* A filled convex polygon (points in order). */
void render_convex(Render *r, const Vec2 *pts, int n, Color c);
void render_circle(Render *r, Vec2 centre, float radius, Color c);
void render_circle_line(Render *r, Vec2 centre, float radius, float width, Color c);
/* Single pixels (grid dots): `pts` in logical coordinates. */
void render_points(Render *r, const Vec2 *pts, int n, float size, Color c);
/* Square dots `size` wide every `step` along x and y, one of them centred on (x0, y0),
 * over `area` (a board's grid): dots on the pixels, one pattern in an SVG. */
void render_dot_grid(Render *r, Rect area, float x0, float y0, float step, float size, Color c);

/* Text (UTF-8) with its top-left at (x, y); `size` is the font size in logical
 * pixels. Returns the advance width. Text is clipped by the current clip rect. */
float render_text(Render *r, FontId f, float size, float x, float y, const char *s, Color c);
/* Width and line height of `s` without drawing it. */
float render_text_width(Render *r, FontId f, float size, const char *s);
float render_line_height(Render *r, FontId f, float size);
/* Byte length of the longest prefix of `s` fitting in `max_w`, at UTF-8 boundaries. */
int render_text_fit(Render *r, FontId f, float size, const char *s, float max_w);
/* Break `s` into lines at most `w` wide (at spaces where it can, and at its own '\n'), calling emit(ctx,
 * line_index, line) for each (emit may be NULL to measure); returns the lines used. */
int render_wrap(Render *r, FontId f, float size, float w, const char *s,
                void (*emit)(void *ctx, int line, const char *text), void *ctx);
/* Draw `s` shortened with an ellipsis to fit `max_w`. Returns the width drawn. */
float render_text_clipped(Render *r, FontId f, float size, float x, float y, const char *s,
                          float max_w, Color c);

/* Draw through a cache of coverage masks: `fn` draws the shape (in white) once per key
 * and pixel size; later calls tint the stored mask with `c`. For icons. */
typedef void (*RenderDrawFn)(Render *r, const void *ctx, Rect box, Color c);
void render_cached(Render *r, uint64_t key, Rect box, Color c, RenderDrawFn fn, const void *ctx);

/* While `svg` is set (not owned), every primitive and text is written to it instead of
 * the pixels (the SVG export: the same drawing as the PNG); NULL draws pixels again. */
struct SvgWriter;
void render_set_svg(Render *r, struct SvgWriter *svg);

/* Tests: while on, every text drawn at least partly inside the clip is kept, from the
 * start of the current frame (render_begin clears the log). Off by default. */
void render_log_texts(Render *r, bool on);
/* The i-th text kept this frame (and, when `where` is not NULL, its box), NULL past the
 * last; `where` is the part of its box inside the clip. Owned by the renderer. */
const char *render_logged_text(const Render *r, int i, Rect *where);
/* The same with the colour it was drawn in. */
const char *render_logged_text_color(const Render *r, int i, Rect *where, Color *c);

/* Statistics for the benchmark: cache entries and textures created so far. */
int render_text_cache_size(const Render *r);

static inline Rect rect_make(float x, float y, float w, float h)
{
    Rect rc = {x, y, w, h};
    return rc;
}
static inline bool rect_contains(Rect rc, float x, float y)
{
    return x >= rc.x && y >= rc.y && x < rc.x + rc.w && y < rc.y + rc.h;
}
static inline bool rect_overlaps(Rect a, Rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
/* Whether `in` lies wholly within `out`. */
static inline bool rect_inside(Rect in, Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

static inline Rect rect_inset(Rect rc, float d)
{
    Rect o = {rc.x + d, rc.y + d, rc.w - 2 * d, rc.h - 2 * d};
    return o;
}
static inline Vec2 vec2(float x, float y)
{
    Vec2 v = {x, y};
    return v;
}
static inline Color rgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a)
{
    Color c = {r, g, b, a};
    return c;
}
static inline Color hex(uint32_t rgb)
{
    Color c = {(uint8_t)(rgb >> 16), (uint8_t)(rgb >> 8), (uint8_t)rgb, 255};
    return c;
}
static inline Color with_alpha(Color c, uint8_t a)
{
    c.a = a;
    return c;
}

#endif
