/*
 * render.c - shapes and text drawn by our code into a CPU frame buffer (see render.h).
 *
 * Anti-aliasing comes from coverage: each shape has a signed distance d (negative
 * inside) and a pixel is covered by clamp(0.5 - d, 0, 1). Rounded boxes and circles
 * use their exact distance functions, strokes the distance to a segment, convex
 * polygons the largest distance to their edge lines. Interior spans of boxes are
 * filled without computing distances, so the cost follows the outline. A polyline
 * first collects the highest coverage per pixel in a scratch mask, so joints are not
 * blended twice.
 *
 * Text strings are rendered white by SDL2_ttf (blended) into surfaces cached in an
 * open-addressing table keyed by (font, pixel size, string), and tinted on the copy.
 * When the cache fills up it is emptied at the next frame start.
 */
#include "render.h"

#include "sim/tr.h"

#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/svg.h"
#include "sim/util.h"

#define MAX_PX 160          /* largest font pixel size we open */
#define CACHE_SLOTS 8192    /* power of two */
#define CACHE_LIMIT 5000    /* entries before the cache is emptied */

typedef struct TextEntry {
    char *s;              /* NULL = empty slot */
    uint64_t hash;
    uint8_t font;
    uint16_t px;
    SDL_Surface *surf;    /* ARGB8888 white glyphs with alpha; NULL for "" */
} TextEntry;

/* A measured text width (render_text_width): text is measured again and again while
 * panels lay out and wrap the same strings every frame. */
#define WIDTH_SLOTS 16384   /* power of two */
typedef struct WidthEntry {
    char *s;              /* NULL = empty slot */
    uint64_t hash;
    uint8_t font;
    uint16_t px;
    int w;                /* pixels */
} WidthEntry;

typedef struct Sprite {
    uint64_t key;         /* 0 = empty */
    int w, h;             /* pixels */
    uint8_t *mask;        /* coverage, w * h */
} Sprite;

#define SPRITES 512       /* power of two */

struct Render {
    Sprite *sprites;
    int n_sprites;
    SDL_Renderer *sdl;    /* present through a streaming texture, or */
    SDL_Window *win;      /* draw straight into the window surface, or neither: memory */
    bool borrowed;        /* frame is the window surface (not ours to free) */
    SDL_Texture *tex;
    int tex_w, tex_h;
    SDL_Surface *frame;   /* ARGB8888 */
    uint32_t *px;
    int w, h, stride;     /* stride in pixels */
    float scale;
    int cx0, cy0, cx1, cy1; /* clip, pixels, end exclusive */
    char *font_path[FONT_COUNT];
    bool fake_bold;
    TTF_Font *fonts[FONT_COUNT][MAX_PX + 1];
    TextEntry *cache;
    int n_cache;
    WidthEntry *widths;
    int n_widths;
    uint8_t *mask;        /* polyline coverage scratch */
    int mask_cap;
    int *span;            /* per row of the mask: min x, max x */
    int span_cap;
    SvgWriter *svg;       /* not NULL: drawing goes to this SVG instead of the pixels */
    /* tests: the texts drawn since the frame began (render_log_texts) */
    bool log_on;
    char *log;            /* NUL-separated */
    size_t log_len, log_cap;
    int *log_at;          /* offsets of the texts in log */
    Rect *log_rc;         /* where each was drawn (logical) */
    Color *log_c;         /* and in what colour */
    int n_log, cap_log;
};

/* ---- fonts ------------------------------------------------------------------------- */

static const char *const font_candidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
    NULL,
};

static bool file_exists(const char *p)
{
    struct stat st;
    return p && *p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *render_find_font(const char *explicit_path)
{
    if (explicit_path && *explicit_path) return file_exists(explicit_path) ? explicit_path : NULL;
    const char *env = getenv("ARCHSIM_FONT");
    if (env && *env) return file_exists(env) ? env : NULL;
    for (int i = 0; font_candidates[i]; i++)
        if (file_exists(font_candidates[i])) return font_candidates[i];
    return NULL;
}

const char *render_font_help(void)
{
    return _("archsim needs a TrueType font (DejaVu Sans). Install it with\n"
             "  sudo apt-get install fonts-dejavu-core\n"
             "or point to any .ttf file with --font PATH or ARCHSIM_FONT=PATH.\n"
             "Searched: /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf and the usual\n"
             "system font folders.");
}

/* "…/DejaVuSans.ttf" -> "…/DejaVuSans-Bold.ttf" when that file exists. */
static char *bold_path_for(const char *regular)
{
    const char *dot = strrchr(regular, '.');
    if (!dot) return NULL;
    char *p = xasprintf("%.*s-Bold%s", (int)(dot - regular), regular, dot);
    if (file_exists(p)) return p;
    free(p);
    return NULL;
}

static TTF_Font *font_at(Render *r, FontId f, int px)
{
    if (px < 4) px = 4;
    if (px > MAX_PX) px = MAX_PX;
    if (!r->fonts[f][px]) {
        TTF_Font *font = TTF_OpenFont(r->font_path[f], px);
        if (!font) font = TTF_OpenFont(r->font_path[FONT_REGULAR], px);
        if (!font) return NULL;
        if (f == FONT_BOLD && r->fake_bold) TTF_SetFontStyle(font, TTF_STYLE_BOLD);
        TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
        r->fonts[f][px] = font;
    }
    return r->fonts[f][px];
}

Render *render_create(SDL_Renderer *sdl, const char *font_path)
{
    TTF_Font *probe = TTF_OpenFont(font_path, 12);
    if (!probe) return NULL;
    TTF_CloseFont(probe);
    Render *r = xcalloc(1, sizeof *r);
    r->sdl = sdl;
    r->scale = 1;
    r->font_path[FONT_REGULAR] = xstrdup(font_path);
    r->font_path[FONT_BOLD] = bold_path_for(font_path);
    if (!r->font_path[FONT_BOLD]) {
        r->font_path[FONT_BOLD] = xstrdup(font_path);
        r->fake_bold = true;
    }
    r->cache = xcalloc(CACHE_SLOTS, sizeof *r->cache);
    r->widths = xcalloc(WIDTH_SLOTS, sizeof *r->widths);
    r->sprites = xcalloc(SPRITES, sizeof *r->sprites);
    return r;
}

Render *render_create_window(SDL_Window *win, const char *font_path)
{
    Render *r = render_create(NULL, font_path);
    if (r) r->win = win;
    return r;
}

static void cache_clear(Render *r)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        TextEntry *e = &r->cache[i];
        if (!e->s) continue;
        if (e->surf) SDL_FreeSurface(e->surf);
        free(e->s);
        memset(e, 0, sizeof *e);
    }
    r->n_cache = 0;
}

static void widths_clear(Render *r)
{
    for (int i = 0; i < WIDTH_SLOTS; i++) {
        free(r->widths[i].s);
        r->widths[i].s = NULL;
    }
    r->n_widths = 0;
}

static void sprites_clear(Render *r)
{
    for (int i = 0; i < SPRITES; i++) {
        free(r->sprites[i].mask);
        memset(&r->sprites[i], 0, sizeof r->sprites[i]);
    }
    r->n_sprites = 0;
}

void render_destroy(Render *r)
{
    if (!r) return;
    cache_clear(r);
    sprites_clear(r);
    free(r->sprites);
    free(r->cache);
    widths_clear(r);
    free(r->widths);
    for (int f = 0; f < FONT_COUNT; f++) {
        for (int px = 0; px <= MAX_PX; px++)
            if (r->fonts[f][px]) TTF_CloseFont(r->fonts[f][px]);
        free(r->font_path[f]);
    }
    if (r->tex) SDL_DestroyTexture(r->tex);
    if (r->frame && !r->borrowed) SDL_FreeSurface(r->frame);
    free(r->mask);
    free(r->span);
    free(r->log);
    free(r->log_at);
    free(r->log_rc);
    free(r->log_c);
    free(r);
}

SDL_Renderer *render_sdl(Render *r) { return r->sdl; }
SDL_Surface *render_surface(Render *r) { return r->frame; }
void render_set_scale(Render *r, float scale) { r->scale = scale > 0 ? scale : 1; }
float render_scale(const Render *r) { return r->scale; }
int render_text_cache_size(const Render *r) { return r->n_cache; }

/* ---- frame ---------------------------------------------------------------------------- */

void render_log_texts(Render *r, bool on)
{
    r->log_on = on;
    r->n_log = 0;
    r->log_len = 0;
}

const char *render_logged_text(const Render *r, int i, Rect *where)
{
    return render_logged_text_color(r, i, where, NULL);
}

const char *render_logged_text_color(const Render *r, int i, Rect *where, Color *c)
{
    if (i < 0 || i >= r->n_log) return NULL;
    if (where) *where = r->log_rc[i];
    if (c) *c = r->log_c[i];
    return r->log + r->log_at[i];
}

static void log_text(Render *r, const char *s, Rect where, Color c)
{
    size_t n = strlen(s) + 1;
    if (r->log_len + n > r->log_cap) {
        r->log_cap = (r->log_len + n) * 2 + 4096;
        r->log = xrealloc(r->log, r->log_cap);
    }
    if (r->n_log == r->cap_log) {
        r->cap_log = r->cap_log ? 2 * r->cap_log : 256;
        r->log_at = xrealloc(r->log_at, (size_t)r->cap_log * sizeof *r->log_at);
        r->log_rc = xrealloc(r->log_rc, (size_t)r->cap_log * sizeof *r->log_rc);
        r->log_c = xrealloc(r->log_c, (size_t)r->cap_log * sizeof *r->log_c);
    }
    r->log_rc[r->n_log] = where;
    r->log_c[r->n_log] = c;
    r->log_at[r->n_log++] = (int)r->log_len;
    memcpy(r->log + r->log_len, s, n);
    r->log_len += n;
}

void render_begin_size(Render *r, int w, int h)
{
    r->n_log = 0; /* a new frame: a new log */
    r->log_len = 0;
    if (w < 1) w = 1;
    if (h < 1) h = 1;
    if (r->n_cache > CACHE_LIMIT) cache_clear(r);
    if (r->win) {
        /* The window surface itself when its pixels are laid out like ours. */
        SDL_Surface *ws = SDL_GetWindowSurface(r->win);
        if (ws && (ws->format->format == SDL_PIXELFORMAT_ARGB8888 ||
                   ws->format->format == SDL_PIXELFORMAT_RGB888)) {
            if (r->frame && !r->borrowed) SDL_FreeSurface(r->frame);
            r->frame = ws;
            r->borrowed = true;
            r->w = ws->w;
            r->h = ws->h;
            r->px = ws->pixels;
            r->stride = ws->pitch / 4;
            r->cx0 = r->cy0 = 0;
            r->cx1 = r->w;
            r->cy1 = r->h;
            return;
        }
        if (ws) {
            w = ws->w;
            h = ws->h;
        }
    }
    if (r->borrowed) {
        r->frame = NULL;
        r->borrowed = false;
    }
    if (!r->frame || r->w != w || r->h != h) {
        if (r->frame) SDL_FreeSurface(r->frame);
        r->frame = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!r->frame) {
            fprintf(stderr, _("archsim: out of memory for a %d x %d frame\n"), w, h);
            abort();
        }
        r->w = w;
        r->h = h;
        r->px = r->frame->pixels;
        r->stride = r->frame->pitch / 4;
    }
    r->cx0 = r->cy0 = 0;
    r->cx1 = w;
    r->cy1 = h;
}

void render_begin(Render *r)
{
    int w = 1, h = 1;
    if (r->sdl) SDL_GetRendererOutputSize(r->sdl, &w, &h);
    render_begin_size(r, w, h);
}

void render_output_size(Render *r, int *w, int *h)
{
    *w = *h = 0;
    if (r->sdl) {
        SDL_GetRendererOutputSize(r->sdl, w, h);
    } else if (r->win) {
        SDL_Surface *ws = SDL_GetWindowSurface(r->win);
        if (ws) {
            *w = ws->w;
            *h = ws->h;
        }
    } else {
        *w = r->w;
        *h = r->h;
    }
}

void render_present(Render *r)
{
    if (r->sdl) {
        SDL_RenderPresent(r->sdl);
    } else if (r->win) {
        SDL_Surface *ws = SDL_GetWindowSurface(r->win);
        if (ws && r->frame && !r->borrowed) SDL_BlitSurface(r->frame, NULL, ws, NULL);
        SDL_UpdateWindowSurface(r->win);
    }
}

void render_end(Render *r)
{
    if (!r->sdl || !r->frame) return;
    if (!r->tex || r->tex_w != r->w || r->tex_h != r->h) {
        if (r->tex) SDL_DestroyTexture(r->tex);
        r->tex = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                   r->w, r->h);
        r->tex_w = r->w;
        r->tex_h = r->h;
        if (r->tex) SDL_SetTextureBlendMode(r->tex, SDL_BLENDMODE_NONE);
    }
    if (!r->tex) return;
    SDL_UpdateTexture(r->tex, NULL, r->px, r->frame->pitch);
    SDL_RenderCopy(r->sdl, r->tex, NULL, NULL);
}

void render_flush(Render *r) { (void)r; }

/* ---- pixels ----------------------------------------------------------------------------- */

static inline uint32_t pack(Color c) { return 0xFF000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b; }

/* Blend colour c at alpha a (0..255) over the opaque pixel *p. */
static inline void blend(uint32_t *p, Color c, unsigned a)
{
    if (a == 0) return;
    if (a >= 255) {
        *p = pack(c);
        return;
    }
    uint32_t d = *p;
    unsigned dr = (d >> 16) & 255, dg = (d >> 8) & 255, db = d & 255;
    dr += ((int)c.r - (int)dr) * (int)a / 255;
    dg += ((int)c.g - (int)dg) * (int)a / 255;
    db += ((int)c.b - (int)db) * (int)a / 255;
    *p = 0xFF000000u | dr << 16 | dg << 8 | db;
}

static inline void span(Render *r, int y, int x0, int x1, Color c)
{
    if (y < r->cy0 || y >= r->cy1) return;
    if (x0 < r->cx0) x0 = r->cx0;
    if (x1 > r->cx1) x1 = r->cx1;
    uint32_t *restrict row = r->px + (size_t)y * (size_t)r->stride;
    if (c.a == 255) {
        uint32_t v = pack(c);
        for (int x = x0; x < x1; x++) row[x] = v;
    } else {
        for (int x = x0; x < x1; x++) blend(&row[x], c, c.a);
    }
}

static inline void plot(Render *r, int x, int y, Color c, float cov)
{
    if (x < r->cx0 || x >= r->cx1 || y < r->cy0 || y >= r->cy1 || cov <= 0) return;
    if (cov > 1) cov = 1;
    blend(r->px + (size_t)y * (size_t)r->stride + x, c, (unsigned)(cov * (float)c.a + 0.5f));
}

static inline float clamp01(float v) { return v < 0 ? 0 : (v > 1 ? 1 : v); }

/* ---- SVG recording ------------------------------------------------------------------------ */

void render_set_svg(Render *r, SvgWriter *svg) { r->svg = svg; }

static inline uint32_t svg_rgba(Color c) { return (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a; }

static void svg_points(SvgWriter *svg, const Vec2 *pts, int n, void (*fn)(SvgWriter *, const double *, int, double,
                                                                         double, uint32_t),
                       float width, float dash, Color c)
{
    double *xy = xmalloc(sizeof(double) * 2 * (size_t)(n > 0 ? n : 1));
    for (int i = 0; i < n; i++) xy[2 * i] = pts[i].x, xy[2 * i + 1] = pts[i].y;
    fn(svg, xy, n, width, dash, svg_rgba(c));
    free(xy);
}

void render_clear(Render *r, Color c)
{
    if (r->svg) {
        svg_rect(r->svg, 0, 0, r->w / r->scale, r->h / r->scale, 0, svg_rgba(c));
        return;
    }
    uint32_t v = pack(c);
    uint32_t *first = r->px;
    for (int x = 0; x < r->w; x++) first[x] = v;
    for (int y = 1; y < r->h; y++)
        memcpy(r->px + (size_t)y * (size_t)r->stride, first, (size_t)r->w * 4);
}

void render_clip(Render *r, const Rect *rc)
{
    if (r->svg) {
        if (rc)
            svg_clip(r->svg, rc->x, rc->y, rc->w, rc->h);
        else
            svg_clip(r->svg, 0, 0, 0, 0);
        return;
    }
    if (!rc) {
        r->cx0 = r->cy0 = 0;
        r->cx1 = r->w;
        r->cy1 = r->h;
        return;
    }
    float s = r->scale;
    int x0 = (int)floorf(rc->x * s), y0 = (int)floorf(rc->y * s);
    int x1 = (int)ceilf((rc->x + rc->w) * s), y1 = (int)ceilf((rc->y + rc->h) * s);
    r->cx0 = x0 < 0 ? 0 : x0;
    r->cy0 = y0 < 0 ? 0 : y0;
    r->cx1 = x1 > r->w ? r->w : x1;
    r->cy1 = y1 > r->h ? r->h : y1;
    if (r->cx1 < r->cx0) r->cx1 = r->cx0;
    if (r->cy1 < r->cy0) r->cy1 = r->cy0;
}

/* ---- shapes ------------------------------------------------------------------------------ */

void render_rect(Render *r, Rect rc, Color c)
{
    if (r->svg) {
        svg_rect(r->svg, rc.x, rc.y, rc.w, rc.h, 0, svg_rgba(c));
        return;
    }
    float s = r->scale;
    int x0 = (int)lroundf(rc.x * s), y0 = (int)lroundf(rc.y * s);
    int x1 = (int)lroundf((rc.x + rc.w) * s), y1 = (int)lroundf((rc.y + rc.h) * s);
    if (x1 <= x0 && rc.w > 0) x1 = x0 + 1;
    if (y1 <= y0 && rc.h > 0) y1 = y0 + 1;
    if (y0 < r->cy0) y0 = r->cy0;
    if (y1 > r->cy1) y1 = r->cy1;
    for (int y = y0; y < y1; y++) span(r, y, x0, x1, c);
}

void render_rect_line(Render *r, Rect rc, Color c)
{
    float t = 1.0f;
    render_rect(r, rect_make(rc.x, rc.y, rc.w, t), c);
    render_rect(r, rect_make(rc.x, rc.y + rc.h - t, rc.w, t), c);
    render_rect(r, rect_make(rc.x, rc.y + t, t, rc.h - 2 * t), c);
    render_rect(r, rect_make(rc.x + rc.w - t, rc.y + t, t, rc.h - 2 * t), c);
}

/* Signed distance from (px, py) to a rounded box (pixels). */
static inline float sd_round_box(float px, float py, float cx, float cy, float hw, float hh,
                                 float rad)
{
    float qx = fabsf(px - cx) - (hw - rad), qy = fabsf(py - cy) - (hh - rad);
    float mx = qx > 0 ? qx : 0, my = qy > 0 ? qy : 0;
    float outside = sqrtf(mx * mx + my * my);
    float inside = qx > qy ? qx : qy;
    if (inside > 0) inside = 0;
    return outside + inside - rad;
}

static inline void span_alpha(Render *r, int y, int x0, int x1, Color c, float cov)
{
    if (cov <= 0 || y < r->cy0 || y >= r->cy1) return;
    if (cov >= 1 && c.a == 255) {
        span(r, y, x0, x1, c);
        return;
    }
    if (x0 < r->cx0) x0 = r->cx0;
    if (x1 > r->cx1) x1 = r->cx1;
    unsigned a = (unsigned)(clamp01(cov) * (float)c.a + 0.5f);
    uint32_t *row = r->px + (size_t)y * (size_t)r->stride;
    for (int x = x0; x < x1; x++) blend(&row[x], c, a);
}

/* A filled rounded box, or a ring of width `ring` (> 0) along its inside edge. Each row
 * has a middle part where only the distance to the top or bottom edge matters (one
 * coverage for the whole span) and two ends where the full distance is evaluated. */
static void round_box(Render *r, float x0, float y0, float x1, float y1, float rad, float ring,
                      Color c)
{
    if (x1 <= x0 || y1 <= y0 || c.a == 0) return;
    float hw = (x1 - x0) / 2, hh = (y1 - y0) / 2, cx = x0 + hw, cy = y0 + hh;
    if (rad > hw) rad = hw;
    if (rad > hh) rad = hh;
    if (rad < 0) rad = 0;
    float irad = rad - ring > 0 ? rad - ring : 0;
    int iy0 = (int)floorf(y0), iy1 = (int)ceilf(y1), ix0 = (int)floorf(x0), ix1 = (int)ceilf(x1);
    if (iy0 < r->cy0) iy0 = r->cy0;
    if (iy1 > r->cy1) iy1 = r->cy1;
    int mx0 = (int)ceilf(x0 + rad + 1), mx1 = (int)floorf(x1 - rad - 1);
    if (mx1 < mx0) mx0 = mx1 = (ix0 + ix1) / 2;
    int lx1 = mx0 < ix1 ? mx0 : ix1, rx0 = mx1 > lx1 ? mx1 : lx1;
    int lx0 = ix0 < r->cx0 ? r->cx0 : ix0, rx1 = ix1 > r->cx1 ? r->cx1 : ix1;
    for (int y = iy0; y < iy1; y++) {
        float py = (float)y + 0.5f;
        float dy = fabsf(py - cy);
        float mid = clamp01(0.5f - (dy - hh));
        if (ring > 0) mid -= clamp01(0.5f - (dy - (hh - ring)));
        span_alpha(r, y, mx0, mx1, c, mid);
        if (dy < hh - rad) {
            /* Between the corners the sides are vertical: coverage from x alone. */
            for (int x = lx0; x < lx1; x++) {
                float px = (float)x + 0.5f;
                float cov = clamp01(px - x0 + 0.5f);
                if (ring > 0) cov -= clamp01(px - (x0 + ring) + 0.5f);
                plot(r, x, y, c, cov);
            }
            for (int x = rx0; x < rx1; x++) {
                float px = (float)x + 0.5f;
                float cov = clamp01(x1 - px + 0.5f);
                if (ring > 0) cov -= clamp01((x1 - ring) - px + 0.5f);
                plot(r, x, y, c, cov);
            }
            continue;
        }
        for (int x = lx0; x < lx1; x++) {
            float px = (float)x + 0.5f;
            float cov = clamp01(0.5f - sd_round_box(px, py, cx, cy, hw, hh, rad));
            if (ring > 0 && cov > 0)
                cov -= clamp01(0.5f - sd_round_box(px, py, cx, cy, hw - ring, hh - ring, irad));
            plot(r, x, y, c, cov);
        }
        for (int x = rx0; x < rx1; x++) {
            float px = (float)x + 0.5f;
            float cov = clamp01(0.5f - sd_round_box(px, py, cx, cy, hw, hh, rad));
            if (ring > 0 && cov > 0)
                cov -= clamp01(0.5f - sd_round_box(px, py, cx, cy, hw - ring, hh - ring, irad));
            plot(r, x, y, c, cov);
        }
    }
}

void render_round_rect(Render *r, Rect rc, float radius, Color c)
{
    if (r->svg) {
        svg_rect(r->svg, rc.x, rc.y, rc.w, rc.h, radius, svg_rgba(c));
        return;
    }
    float s = r->scale;
    round_box(r, rc.x * s, rc.y * s, (rc.x + rc.w) * s, (rc.y + rc.h) * s, radius * s, 0, c);
}

void render_round_rect_line(Render *r, Rect rc, float radius, float width, Color c)
{
    if (r->svg) {
        svg_rect_line(r->svg, rc.x, rc.y, rc.w, rc.h, radius, width, 0, svg_rgba(c));
        return;
    }
    float s = r->scale;
    round_box(r, rc.x * s, rc.y * s, (rc.x + rc.w) * s, (rc.y + rc.h) * s, radius * s, width * s,
              c);
}

/* Convex polygon in pixels: coverage from the largest distance to an edge line. */
static void convex_px(Render *r, const Vec2 *p, int n, Color c)
{
    if (n < 3 || c.a == 0) return;
    float area = 0;
    float bx0 = p[0].x, bx1 = p[0].x, by0 = p[0].y, by1 = p[0].y;
    for (int i = 0; i < n; i++) {
        const Vec2 *a = &p[i], *b = &p[(i + 1) % n];
        area += a->x * b->y - b->x * a->y;
        bx0 = fminf(bx0, a->x);
        bx1 = fmaxf(bx1, a->x);
        by0 = fminf(by0, a->y);
        by1 = fmaxf(by1, a->y);
    }
    if (fabsf(area) < 1e-6f) return;
    float sgn = area > 0 ? 1.0f : -1.0f;
    float nx[64], ny[64], off[64];
    if (n > 64) n = 64;
    int m = 0;
    for (int i = 0; i < n; i++) {
        const Vec2 *a = &p[i], *b = &p[(i + 1) % n];
        float ex = b->x - a->x, ey = b->y - a->y, l = sqrtf(ex * ex + ey * ey);
        if (l < 1e-6f) continue;
        nx[m] = sgn * ey / l;
        ny[m] = -sgn * ex / l;
        off[m] = nx[m] * a->x + ny[m] * a->y;
        m++;
    }
    int y0 = (int)floorf(by0 - 1), y1 = (int)ceilf(by1 + 1);
    int x0 = (int)floorf(bx0 - 1), x1 = (int)ceilf(bx1 + 1);
    if (y0 < r->cy0) y0 = r->cy0;
    if (y1 > r->cy1) y1 = r->cy1;
    if (x0 < r->cx0) x0 = r->cx0;
    if (x1 > r->cx1) x1 = r->cx1;
    for (int y = y0; y < y1; y++) {
        float py = (float)y + 0.5f;
        for (int x = x0; x < x1; x++) {
            float px = (float)x + 0.5f, d = -1e30f;
            for (int k = 0; k < m; k++) {
                float dk = nx[k] * px + ny[k] * py - off[k];
                if (dk > d) d = dk;
            }
            if (d < 0.5f) plot(r, x, y, c, clamp01(0.5f - d));
        }
    }
}

void render_convex(Render *r, const Vec2 *pts, int n, Color c)
{
    if (r->svg) {
        double xy[64];
        int k = n > 32 ? 32 : n;
        for (int i = 0; i < k; i++) xy[2 * i] = pts[i].x, xy[2 * i + 1] = pts[i].y;
        svg_polygon(r->svg, xy, k, svg_rgba(c));
        return;
    }
    Vec2 buf[64];
    if (n > 64) n = 64;
    for (int i = 0; i < n; i++) buf[i] = vec2(pts[i].x * r->scale, pts[i].y * r->scale);
    convex_px(r, buf, n, c);
}

/* One segment of an opaque stroke, blended straight into the frame. */
static void segment_direct(Render *r, Vec2 a, Vec2 b, float hw, float out2, float in2, Color c)
{
    float ex = b.x - a.x, ey = b.y - a.y, l2 = ex * ex + ey * ey;
    int sx0 = (int)floorf(fminf(a.x, b.x) - hw - 1), sx1 = (int)ceilf(fmaxf(a.x, b.x) + hw + 1);
    int sy0 = (int)floorf(fminf(a.y, b.y) - hw - 1), sy1 = (int)ceilf(fmaxf(a.y, b.y) + hw + 1);
    if (sx0 < r->cx0) sx0 = r->cx0;
    if (sy0 < r->cy0) sy0 = r->cy0;
    if (sx1 > r->cx1) sx1 = r->cx1;
    if (sy1 > r->cy1) sy1 = r->cy1;
    float len = sqrtf(l2);
    float nx = len > 0 ? -ey / len : 0, ny = len > 0 ? ex / len : 1;
    float reach = hw + 1.0f;
    uint32_t full = pack(c);
    for (int y = sy0; y < sy1; y++) {
        float py = (float)y + 0.5f;
        int rx0 = sx0, rx1 = sx1;
        if (fabsf(nx) > 1e-4f) {
            float cc = ny * (py - a.y) - nx * a.x;
            float ua = (-reach - cc) / nx, ub = (reach - cc) / nx;
            if (ua > ub) {
                float t = ua;
                ua = ub;
                ub = t;
            }
            int qa = (int)floorf(ua - 0.5f), qb = (int)ceilf(ub + 0.5f) + 1;
            if (qa > rx0) rx0 = qa;
            if (qb < rx1) rx1 = qb;
        } else if (fabsf(ny * (py - a.y)) > reach) {
            continue;
        }
        uint32_t *row = r->px + (size_t)y * (size_t)r->stride;
        for (int x = rx0; x < rx1; x++) {
            float px = (float)x + 0.5f;
            float t = l2 > 0 ? ((px - a.x) * ex + (py - a.y) * ey) / l2 : 0;
            t = t < 0 ? 0 : (t > 1 ? 1 : t);
            float qx = a.x + ex * t - px, qy = a.y + ey * t - py;
            float d2 = qx * qx + qy * qy;
            if (d2 >= out2) continue;
            if (d2 <= in2) {
                row[x] = full;
                continue;
            }
            float cov = clamp01(0.5f - (sqrtf(d2) - hw));
            if (cov > 0) blend(&row[x], c, (unsigned)(cov * 255 + 0.5f));
        }
    }
}

/* Stroke a pixel polyline of width w: max coverage per pixel in a mask, then blend. */
static void stroke_px(Render *r, const Vec2 *p, int n, bool closed, float w, Color c)
{
    if (n < 2 || c.a == 0) return;
    float alpha_scale = 1;
    if (w < 1) {
        alpha_scale = w < 0.25f ? 0.25f : w;
        w = 1;
    }
    float hw = w / 2;
    float out2 = (hw + 0.5f) * (hw + 0.5f);                      /* beyond: no coverage */
    float in2 = hw > 0.5f ? (hw - 0.5f) * (hw - 0.5f) : -1.0f;    /* within: full coverage */
    float bx0 = p[0].x, bx1 = p[0].x, by0 = p[0].y, by1 = p[0].y;
    for (int i = 1; i < n; i++) {
        bx0 = fminf(bx0, p[i].x);
        bx1 = fmaxf(bx1, p[i].x);
        by0 = fminf(by0, p[i].y);
        by1 = fmaxf(by1, p[i].y);
    }
    int X0 = (int)floorf(bx0 - hw - 1), X1 = (int)ceilf(bx1 + hw + 1);
    int Y0 = (int)floorf(by0 - hw - 1), Y1 = (int)ceilf(by1 + hw + 1);
    /* Opaque and thin: blend each segment straight into the frame. A joint then gets
     * its fringe twice, which cannot be seen on an opaque line, and the mask passes
     * are saved (the board's many edges take this path). */
    bool direct = c.a == 255 && alpha_scale == 1 && !closed;
    if (X0 < r->cx0) X0 = r->cx0;
    if (Y0 < r->cy0) Y0 = r->cy0;
    if (X1 > r->cx1) X1 = r->cx1;
    if (Y1 > r->cy1) Y1 = r->cy1;
    if (X1 <= X0 || Y1 <= Y0) return;
    int mw = X1 - X0, mh = Y1 - Y0;
    if (direct) {
        for (int i = 0; i + 1 < n; i++) segment_direct(r, p[i], p[i + 1], hw, out2, in2, c);
        return;
    }
    if ((long)mw * mh > 4000000L) return; /* absurdly large: skip rather than stall */
    if (mw * mh > r->mask_cap) {
        r->mask_cap = mw * mh;
        r->mask = xrealloc(r->mask, (size_t)r->mask_cap);
    }
    if (2 * mh > r->span_cap) {
        r->span_cap = 2 * mh;
        r->span = xrealloc(r->span, (size_t)r->span_cap * sizeof *r->span);
    }
    for (int y = 0; y < mh; y++) {
        r->span[2 * y] = mw;
        r->span[2 * y + 1] = -1;
    }
    int segs = closed ? n : n - 1;
    for (int i = 0; i < segs; i++) {
        Vec2 a = p[i], b = p[(i + 1) % n];
        float ex = b.x - a.x, ey = b.y - a.y, l2 = ex * ex + ey * ey;
        int sx0 = (int)floorf(fminf(a.x, b.x) - hw - 1) - X0, sx1 = (int)ceilf(fmaxf(a.x, b.x) + hw + 1) - X0;
        int sy0 = (int)floorf(fminf(a.y, b.y) - hw - 1) - Y0, sy1 = (int)ceilf(fmaxf(a.y, b.y) + hw + 1) - Y0;
        if (sx0 < 0) sx0 = 0;
        if (sy0 < 0) sy0 = 0;
        if (sx1 > mw) sx1 = mw;
        if (sy1 > mh) sy1 = mh;
        float len = sqrtf(l2);
        float nx = len > 0 ? -ey / len : 0, ny = len > 0 ? ex / len : 1;
        float reach = hw + 1.0f;
        for (int y = sy0; y < sy1; y++) {
            float py = (float)(y + Y0) + 0.5f;
            uint8_t *row = r->mask + (size_t)y * (size_t)mw;
            int *sp = &r->span[2 * y];
            /* Only the part of the row inside the band around the segment's line. */
            int rx0 = sx0, rx1 = sx1;
            if (fabsf(nx) > 1e-4f) {
                float cc = ny * (py - a.y) - nx * a.x; /* n.(p - a) = nx*px + cc */
                float ua = (-reach - cc) / nx, ub = (reach - cc) / nx;
                if (ua > ub) {
                    float t = ua;
                    ua = ub;
                    ub = t;
                }
                int qa = (int)floorf(ua - 0.5f) - X0, qb = (int)ceilf(ub + 0.5f) - X0 + 1;
                if (qa > rx0) rx0 = qa;
                if (qb < rx1) rx1 = qb;
            } else if (fabsf(ny * (py - a.y)) > reach) {
                continue;
            }
            for (int x = rx0; x < rx1; x++) {
                float px = (float)(x + X0) + 0.5f;
                float t = l2 > 0 ? ((px - a.x) * ex + (py - a.y) * ey) / l2 : 0;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                float qx = a.x + ex * t - px, qy = a.y + ey * t - py;
                float d2 = qx * qx + qy * qy;
                if (d2 >= out2) continue;
                uint8_t v = 255;
                if (d2 > in2) {
                    float cov = clamp01(0.5f - (sqrtf(d2) - hw));
                    if (cov <= 0) continue;
                    v = (uint8_t)(cov * 255 + 0.5f);
                }
                if (sp[0] > x || sp[1] < x) {
                    /* First touch of this row or outside its span: clear the gap. */
                    if (sp[1] < 0) {
                        sp[0] = sp[1] = x;
                        row[x] = 0;
                    } else if (x < sp[0]) {
                        memset(row + x, 0, (size_t)(sp[0] - x));
                        sp[0] = x;
                    } else {
                        memset(row + sp[1] + 1, 0, (size_t)(x - sp[1]));
                        sp[1] = x;
                    }
                }
                if (v > row[x]) row[x] = v;
            }
        }
    }
    for (int y = 0; y < mh; y++) {
        int a = r->span[2 * y], b = r->span[2 * y + 1];
        if (b < a) continue;
        uint8_t *row = r->mask + (size_t)y * (size_t)mw;
        uint32_t *dst = r->px + (size_t)(y + Y0) * (size_t)r->stride + X0;
        for (int x = a; x <= b; x++)
            if (row[x]) blend(&dst[x], c, (unsigned)((float)row[x] * (float)c.a * alpha_scale / 255.0f + 0.5f));
    }
}

/* The outline points of a rounded rect in pixels; returns the count. */
static int round_rect_pts(Rect rc, float radius, float s, Vec2 *out, int cap)
{
    float x0 = rc.x * s, y0 = rc.y * s, x1 = (rc.x + rc.w) * s, y1 = (rc.y + rc.h) * s;
    float rad = radius * s;
    float maxr = fminf(x1 - x0, y1 - y0) / 2;
    if (rad > maxr) rad = maxr;
    if (rad < 0.5f) {
        out[0] = vec2(x0, y0);
        out[1] = vec2(x1, y0);
        out[2] = vec2(x1, y1);
        out[3] = vec2(x0, y1);
        return 4;
    }
    int k = (int)(rad * 0.6f) + 2;
    if (k > 12) k = 12;
    if (4 * (k + 1) > cap) k = cap / 4 - 1;
    const float cx[4] = {x1 - rad, x1 - rad, x0 + rad, x0 + rad};
    const float cy[4] = {y0 + rad, y1 - rad, y1 - rad, y0 + rad};
    const float start[4] = {-1.5707963f, 0, 1.5707963f, 3.1415927f};
    int n = 0;
    for (int q = 0; q < 4; q++)
        for (int i = 0; i <= k; i++) {
            float a = start[q] + 1.5707963f * (float)i / (float)k;
            out[n++] = vec2(cx[q] + cosf(a) * rad, cy[q] + sinf(a) * rad);
        }
    return n;
}

/* Split a pixel polyline into dashes and stroke each. */
static void dashed_px(Render *r, const Vec2 *p, int n, bool closed, float width_px, float dash_px,
                      Color c)
{
    Vec2 piece[256];
    int np = 0;
    bool on = true;
    float left = dash_px;
    int segs = closed ? n : n - 1;
    for (int i = 0; i < segs; i++) {
        Vec2 a = p[i], b = p[(i + 1) % n];
        float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
        float t = 0;
        if (on && np == 0) piece[np++] = a;
        while (len - t > left) {
            t += left;
            Vec2 q = vec2(a.x + dx * t / len, a.y + dy * t / len);
            if (on) {
                if (np < 256) piece[np++] = q;
                stroke_px(r, piece, np, false, width_px, c);
                np = 0;
            } else {
                piece[np++] = q;
            }
            on = !on;
            left = on ? dash_px : dash_px * 0.75f;
        }
        left -= len - t;
        if (on && np < 256) piece[np++] = b;
    }
    if (on && np >= 2) stroke_px(r, piece, np, false, width_px, c);
}

void render_round_rect_dashed(Render *r, Rect rc, float radius, float width, float dash, Color c)
{
    if (r->svg) {
        svg_rect_line(r->svg, rc.x, rc.y, rc.w, rc.h, radius, width, dash, svg_rgba(c));
        return;
    }
    Vec2 pts[64];
    float h = width / 2;
    Rect mid = {rc.x + h, rc.y + h, rc.w - width, rc.h - width};
    int n = round_rect_pts(mid, radius - h, r->scale, pts, 64);
    dashed_px(r, pts, n, true, width * r->scale, dash * r->scale, c);
}

void render_line(Render *r, Vec2 a, Vec2 b, float width, Color c)
{
    Vec2 p[2] = {a, b};
    render_polyline(r, p, 2, width, 0, c);
}

void render_polyline(Render *r, const Vec2 *pts, int n, float width, float dash, Color c)
{
    if (r->svg) {
        svg_points(r->svg, pts, n, svg_polyline, width, dash, c);
        return;
    }
    Vec2 buf[256];
    if (n > 256) n = 256;
    float s = r->scale;
    for (int i = 0; i < n; i++) buf[i] = vec2(pts[i].x * s, pts[i].y * s);
    if (dash > 0)
        dashed_px(r, buf, n, false, width * s, dash * s, c);
    else
        stroke_px(r, buf, n, false, width * s, c);
}

void render_circle(Render *r, Vec2 centre, float radius, Color c)
{
    if (r->svg) {
        svg_circle(r->svg, centre.x, centre.y, radius, svg_rgba(c));
        return;
    }
    float s = r->scale, cx = centre.x * s, cy = centre.y * s, rad = radius * s;
    int y0 = (int)floorf(cy - rad - 1), y1 = (int)ceilf(cy + rad + 1);
    int x0 = (int)floorf(cx - rad - 1), x1 = (int)ceilf(cx + rad + 1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            float dx = (float)x + 0.5f - cx, dy = (float)y + 0.5f - cy;
            float d = sqrtf(dx * dx + dy * dy) - rad;
            if (d < 0.5f) plot(r, x, y, c, clamp01(0.5f - d));
        }
}

void render_circle_line(Render *r, Vec2 centre, float radius, float width, Color c)
{
    if (r->svg) {
        svg_circle_line(r->svg, centre.x, centre.y, radius, width, svg_rgba(c));
        return;
    }
    float s = r->scale, cx = centre.x * s, cy = centre.y * s, rad = radius * s, w = width * s;
    int y0 = (int)floorf(cy - rad - 1), y1 = (int)ceilf(cy + rad + 1);
    int x0 = (int)floorf(cx - rad - 1), x1 = (int)ceilf(cx + rad + 1);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            float dx = (float)x + 0.5f - cx, dy = (float)y + 0.5f - cy;
            float d = fabsf(sqrtf(dx * dx + dy * dy) - (rad - w / 2)) - w / 2;
            if (d < 0.5f) plot(r, x, y, c, clamp01(0.5f - d));
        }
}

void render_points(Render *r, const Vec2 *pts, int n, float size, Color c)
{
    if (r->svg) {
        float d = fmaxf(1.0f, roundf(size * r->scale)) / r->scale;
        for (int i = 0; i < n; i++) svg_rect(r->svg, pts[i].x - d / 2, pts[i].y - d / 2, d, d, 0, svg_rgba(c));
        return;
    }
    float s = r->scale;
    int px = (int)fmaxf(1.0f, roundf(size * s));
    for (int i = 0; i < n; i++) {
        int x0 = (int)lroundf(pts[i].x * s - (float)px / 2), y0 = (int)lroundf(pts[i].y * s - (float)px / 2);
        for (int y = y0; y < y0 + px; y++) span(r, y, x0, x0 + px, c);
    }
}

void render_dot_grid(Render *r, Rect area, float x0, float y0, float step, float size, Color c)
{
    if (!(step > 0)) return;
    /* the first dot at or before the area's corner */
    float fx = x0 - floorf((x0 - area.x) / step) * step, fy = y0 - floorf((y0 - area.y) / step) * step;
    if (r->svg) {
        float d = fmaxf(1.0f, roundf(size * r->scale)) / r->scale;
        svg_dot_grid(r->svg, area.x, area.y, area.w, area.h, fx, fy, step, d, svg_rgba(c));
        return;
    }
    Vec2 pts[512];
    int n = 0;
    int nx = (int)floorf((area.x + area.w - fx) / step), ny = (int)floorf((area.y + area.h - fy) / step);
    for (int j = 0; j <= ny; j++)
        for (int i = 0; i <= nx; i++) {
            pts[n++] = vec2(fx + (float)i * step, fy + (float)j * step);
            if (n == 512) {
                render_points(r, pts, n, size, c);
                n = 0;
            }
        }
    if (n) render_points(r, pts, n, size, c);
}

/* ---- cached drawings (icons) ------------------------------------------------------------ */

void render_cached(Render *r, uint64_t key, Rect box, Color c, RenderDrawFn fn, const void *ctx)
{
    if (r->svg) { /* vectors, drawn in their colour */
        (void)key;
        fn(r, ctx, box, c);
        return;
    }
    float s = r->scale;
    int bx = (int)floorf(box.x * s), by = (int)floorf(box.y * s);
    int w = (int)ceilf(box.w * s) + 4, h = (int)ceilf(box.h * s) + 4;
    if (w > 256 || h > 256 || w < 1 || h < 1) {
        fn(r, ctx, box, c); /* too big to be worth caching */
        return;
    }
    key = key * 0x100000001B3ull ^ ((uint64_t)w << 40) ^ ((uint64_t)h << 52);
    if (key == 0) key = 1; /* 0 marks an empty slot */
    unsigned slot = (unsigned)((key * 0x9E3779B97F4A7C15ull) >> 55) & (SPRITES - 1);
    Sprite *sp = NULL;
    for (int probe = 0; probe < SPRITES; probe++) {
        Sprite *e = &r->sprites[(slot + (unsigned)probe) & (SPRITES - 1)];
        if (e->key == key || e->key == 0) {
            sp = e;
            break;
        }
    }
    if (!sp || (sp->key == 0 && r->n_sprites > SPRITES * 3 / 4)) {
        sprites_clear(r);
        sp = &r->sprites[slot];
    }
    if (sp->key != key) {
        /* Draw it once in white on black into a scratch frame; red is the coverage. */
        uint32_t *scratch = xcalloc((size_t)w * (size_t)h, 4);
        for (int i = 0; i < w * h; i++) scratch[i] = 0xFF000000u;
        uint32_t *save_px = r->px;
        int sw = r->w, sh = r->h, ss = r->stride, c0 = r->cx0, c1 = r->cx1, d0 = r->cy0, d1 = r->cy1;
        r->px = scratch;
        r->w = r->cx1 = w;
        r->h = r->cy1 = h;
        r->stride = w;
        r->cx0 = r->cy0 = 0;
        Rect local = {box.x - (float)(bx - 2) / s, box.y - (float)(by - 2) / s, box.w, box.h};
        fn(r, ctx, local, rgba(255, 255, 255, 255));
        r->px = save_px;
        r->w = sw;
        r->h = sh;
        r->stride = ss;
        r->cx0 = c0;
        r->cx1 = c1;
        r->cy0 = d0;
        r->cy1 = d1;
        sp->key = key;
        sp->w = w;
        sp->h = h;
        sp->mask = xmalloc((size_t)w * (size_t)h);
        for (int i = 0; i < w * h; i++) sp->mask[i] = (uint8_t)((scratch[i] >> 16) & 255);
        free(scratch);
        r->n_sprites++;
    }
    int ox = bx - 2, oy = by - 2;
    for (int y = 0; y < h; y++) {
        int yy = oy + y;
        if (yy < r->cy0 || yy >= r->cy1) continue;
        const uint8_t *m = sp->mask + (size_t)y * (size_t)w;
        uint32_t *dst = r->px + (size_t)yy * (size_t)r->stride;
        for (int x = 0; x < w; x++) {
            int xx = ox + x;
            if (m[x] && xx >= r->cx0 && xx < r->cx1) blend(&dst[xx], c, (unsigned)m[x] * c.a / 255);
        }
    }
}

/* ---- text ---------------------------------------------------------------------------------- */

static int px_for(const Render *r, float size)
{
    int px = (int)lroundf(size * r->scale);
    return px < 4 ? 4 : (px > MAX_PX ? MAX_PX : px);
}

static TextEntry *text_entry(Render *r, FontId f, int px, const char *s)
{
    uint64_t h = hash_str(s) ^ ((uint64_t)px * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)f << 56);
    unsigned slot = (unsigned)(h & (CACHE_SLOTS - 1));
    for (;;) {
        TextEntry *e = &r->cache[slot];
        if (!e->s) break;
        if (e->hash == h && e->font == f && e->px == px && strcmp(e->s, s) == 0) return e;
        slot = (slot + 1) & (CACHE_SLOTS - 1);
    }
    if (r->n_cache >= CACHE_SLOTS - 16) {
        cache_clear(r);
        return text_entry(r, f, px, s);
    }
    TextEntry *e = &r->cache[slot];
    e->s = xstrdup(s);
    e->hash = h;
    e->font = (uint8_t)f;
    e->px = (uint16_t)px;
    r->n_cache++;
    TTF_Font *font = font_at(r, f, px);
    if (!font || !*s) return e;
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *surf = TTF_RenderUTF8_Blended(font, s, white);
    if (!surf) return e;
    if (surf->format->format != SDL_PIXELFORMAT_ARGB8888) {
        SDL_Surface *conv = SDL_ConvertSurfaceFormat(surf, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(surf);
        surf = conv;
    }
    e->surf = surf;
    return e;
}

float render_text_width(Render *r, FontId f, float size, const char *s)
{
    if (!s || !*s) return 0;
    int px = px_for(r, size);
    uint64_t hh = hash_str(s) ^ ((uint64_t)px * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)f << 56);
    unsigned slot = (unsigned)(hh & (WIDTH_SLOTS - 1));
    for (;;) {
        WidthEntry *e = &r->widths[slot];
        if (!e->s) break;
        if (e->hash == hh && e->font == f && e->px == px && strcmp(e->s, s) == 0) return (float)e->w / r->scale;
        slot = (slot + 1) & (WIDTH_SLOTS - 1);
    }
    TTF_Font *font = font_at(r, f, px);
    int w = 0, h = 0;
    if (font) TTF_SizeUTF8(font, s, &w, &h);
    if (r->n_widths >= WIDTH_SLOTS / 2) {
        widths_clear(r); /* full: start again (the next frames refill what they use) */
        slot = (unsigned)(hh & (WIDTH_SLOTS - 1));
    }
    WidthEntry *e = &r->widths[slot];
    e->s = xstrdup(s);
    e->hash = hh;
    e->font = (uint8_t)f;
    e->px = (uint16_t)px;
    e->w = w;
    r->n_widths++;
    return (float)w / r->scale;
}

float render_line_height(Render *r, FontId f, float size)
{
    TTF_Font *font = font_at(r, f, px_for(r, size));
    return font ? (float)TTF_FontHeight(font) / r->scale : size * 1.2f;
}

float render_text(Render *r, FontId f, float size, float x, float y, const char *s, Color c)
{
    if (!s || !*s) return 0;
    int px = px_for(r, size);
    TextEntry *e = text_entry(r, f, px, s);
    if (!e->surf) return 0;
    SDL_Surface *t = e->surf;
    if (r->svg) { /* text as text, on the baseline SDL_ttf puts it */
        TTF_Font *font = font_at(r, f, px);
        float ascent = font ? (float)TTF_FontAscent(font) / r->scale : size * 0.76f;
        float sx = (float)lroundf(x * r->scale) / r->scale, sy = (float)lroundf(y * r->scale) / r->scale;
        /* each character where SDL_ttf put it: the width of the text before it */
        size_t len = strlen(s);
        double *xs = xmalloc(sizeof(double) * (len + 1));
        char *prefix = xmalloc(len + 1);
        int n = 0;
        for (size_t i = 0; i < len; i++) {
            if (((unsigned char)s[i] & 0xC0) == 0x80) continue; /* inside a character */
            int pw = 0, ph = 0;
            memcpy(prefix, s, i);
            prefix[i] = 0;
            if (i > 0 && font) TTF_SizeUTF8(font, prefix, &pw, &ph);
            xs[n++] = sx + (double)pw / r->scale;
        }
        svg_text(r->svg, sx, sy + ascent, (float)px / r->scale, f == FONT_BOLD, "DejaVu Sans", s, xs, n, svg_rgba(c));
        free(prefix);
        free(xs);
        if (r->log_on) log_text(r, s, rect_make(x, y, (float)t->w / r->scale, (float)t->h / r->scale), c);
        return (float)t->w / r->scale;
    }
    int dx = (int)lroundf(x * r->scale), dy = (int)lroundf(y * r->scale);
    int y0 = dy < r->cy0 ? r->cy0 : dy, y1 = dy + t->h > r->cy1 ? r->cy1 : dy + t->h;
    int x0 = dx < r->cx0 ? r->cx0 : dx, x1 = dx + t->w > r->cx1 ? r->cx1 : dx + t->w;
    if (r->log_on && x0 < x1 && y0 < y1) /* at least partly on screen: the part that is */
        log_text(r, s, rect_make((float)x0 / r->scale, (float)y0 / r->scale, (float)(x1 - x0) / r->scale,
                                 (float)(y1 - y0) / r->scale), c);
    for (int yy = y0; yy < y1; yy++) {
        const uint32_t *src = (const uint32_t *)((const uint8_t *)t->pixels + (size_t)(yy - dy) * (size_t)t->pitch);
        uint32_t *dst = r->px + (size_t)yy * (size_t)r->stride;
        for (int xx = x0; xx < x1; xx++) {
            unsigned a = src[xx - dx] >> 24;
            if (a) blend(&dst[xx], c, a * c.a / 255);
        }
    }
    return (float)t->w / r->scale;
}

static int utf8_prev(const char *s, int i)
{
    if (i <= 0) return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

int render_text_fit(Render *r, FontId f, float size, const char *s, float max_w)
{
    int n = (int)strlen(s);
    if (render_text_width(r, f, size, s) <= max_w) return n;
    /* Binary search over byte length, then step back to a code point boundary. */
    char buf[1024];
    int lo = 0, hi = n < 1023 ? n : 1023;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        int cut = mid;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
        memcpy(buf, s, (size_t)cut);
        buf[cut] = 0;
        if (render_text_width(r, f, size, buf) <= max_w)
            lo = mid;
        else
            hi = mid - 1;
    }
    while (lo > 0 && ((unsigned char)s[lo] & 0xC0) == 0x80) lo = utf8_prev(s, lo);
    return lo;
}

float render_text_clipped(Render *r, FontId f, float size, float x, float y, const char *s,
                          float max_w, Color c)
{
    if (!s || !*s || max_w <= 0) return 0;
    if (render_text_width(r, f, size, s) <= max_w) return render_text(r, f, size, x, y, s, c);
    float ell = render_text_width(r, f, size, "\xE2\x80\xA6");
    int len = render_text_fit(r, f, size, s, max_w - ell);
    char buf[520];
    if (len > 500) len = 500;
    memcpy(buf, s, (size_t)len);
    memcpy(buf + len, "\xE2\x80\xA6", 4);
    return render_text(r, f, size, x, y, buf, c);
}

int render_wrap(Render *r, FontId f, float size, float w, const char *s,
                void (*emit)(void *ctx, int line, const char *text), void *ctx)
{
    int lines = 0;
    while (s && *s) {
        int n = render_text_fit(r, f, size, s, w);
        if (n <= 0) n = 1;
        int cut = n;
        const char *nl = strchr(s, '\n');
        if (nl && nl - s <= n) {
            cut = (int)(nl - s); /* a line break of the text's own */
        } else if (s[n]) {
            int k = n;
            while (k > 0 && s[k] != ' ') k--;
            if (k > 0) cut = k;
        }
        char line[512];
        snprintf(line, sizeof line, "%.*s", cut < 511 ? cut : 511, s);
        if (emit) emit(ctx, lines, line);
        lines++;
        s += cut;
        if (*s == '\n') s++;
        while (*s == ' ') s++;
    }
    return lines;
}
