/*
 * render.c - shapes and text on an SDL_Renderer (see render.h).
 *
 * Shapes are built as triangles in a vertex batch and sent with one
 * SDL_RenderGeometry call per batch: a solid core plus a one-pixel fringe whose alpha
 * falls to zero gives anti-aliased edges on every backend, the software one included.
 * The batch is flushed before anything else touches the renderer (text, rects, clip).
 *
 * Text textures live in an open-addressing cache keyed by (font, pixel size, string);
 * they are rendered white and tinted with the texture colour mod, so one texture
 * serves every colour. When the cache fills up it is emptied at the next frame start.
 */
#include "render.h"

#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/util.h"

#define MAX_PX 160          /* largest font pixel size we open */
#define CACHE_SLOTS 8192    /* power of two */
#define CACHE_LIMIT 5000    /* entries before the cache is emptied */

typedef struct TextEntry {
    char *s;              /* NULL = empty slot */
    uint64_t hash;
    uint8_t font;
    uint16_t px;
    SDL_Texture *tex;     /* NULL for the empty string */
    int w, h;             /* pixels */
} TextEntry;

struct Render {
    SDL_Renderer *sdl;
    float scale;
    char *font_path[FONT_COUNT];
    bool fake_bold;                 /* no bold file found: TTF_STYLE_BOLD on regular */
    TTF_Font *fonts[FONT_COUNT][MAX_PX + 1];
    SDL_Vertex *verts;
    int n_verts, cap_verts;
    int *idx;
    int n_idx, cap_idx;
    TextEntry *cache;
    int n_cache;
    bool clip_on;
    SDL_Rect clip;                  /* pixels */
};

/* ---- fonts ------------------------------------------------------------------------ */

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
    return "archsim needs a TrueType font (DejaVu Sans). Install it with\n"
           "  sudo apt-get install fonts-dejavu-core\n"
           "or point to any .ttf file with --font PATH or ARCHSIM_FONT=PATH.\n"
           "Searched: /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf and the usual\n"
           "system font folders.";
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
    SDL_SetRenderDrawBlendMode(sdl, SDL_BLENDMODE_BLEND);
    return r;
}

static void cache_clear(Render *r)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        TextEntry *e = &r->cache[i];
        if (!e->s) continue;
        if (e->tex) SDL_DestroyTexture(e->tex);
        free(e->s);
        memset(e, 0, sizeof *e);
    }
    r->n_cache = 0;
}

void render_destroy(Render *r)
{
    if (!r) return;
    cache_clear(r);
    free(r->cache);
    for (int f = 0; f < FONT_COUNT; f++) {
        for (int px = 0; px <= MAX_PX; px++)
            if (r->fonts[f][px]) TTF_CloseFont(r->fonts[f][px]);
        free(r->font_path[f]);
    }
    free(r->verts);
    free(r->idx);
    free(r);
}

SDL_Renderer *render_sdl(Render *r) { return r->sdl; }
void render_set_scale(Render *r, float scale) { r->scale = scale > 0 ? scale : 1; }
float render_scale(const Render *r) { return r->scale; }
int render_text_cache_size(const Render *r) { return r->n_cache; }

/* ---- the triangle batch ---------------------------------------------------------- */

void render_flush(Render *r)
{
    if (r->n_idx > 0)
        SDL_RenderGeometry(r->sdl, NULL, r->verts, r->n_verts, r->idx, r->n_idx);
    r->n_verts = 0;
    r->n_idx = 0;
}

static int vtx(Render *r, float x, float y, Color c)
{
    if (r->n_verts == r->cap_verts) {
        r->cap_verts = r->cap_verts ? r->cap_verts * 2 : 4096;
        r->verts = xrealloc(r->verts, (size_t)r->cap_verts * sizeof *r->verts);
    }
    SDL_Vertex *v = &r->verts[r->n_verts];
    v->position.x = x;
    v->position.y = y;
    v->color.r = c.r;
    v->color.g = c.g;
    v->color.b = c.b;
    v->color.a = c.a;
    v->tex_coord.x = 0;
    v->tex_coord.y = 0;
    return r->n_verts++;
}

static void tri(Render *r, int a, int b, int c)
{
    if (r->n_idx + 3 > r->cap_idx) {
        r->cap_idx = r->cap_idx ? r->cap_idx * 2 : 8192;
        r->idx = xrealloc(r->idx, (size_t)r->cap_idx * sizeof *r->idx);
    }
    r->idx[r->n_idx++] = a;
    r->idx[r->n_idx++] = b;
    r->idx[r->n_idx++] = c;
}

static void quad(Render *r, int a, int b, int c, int d)
{
    tri(r, a, b, c);
    tri(r, a, c, d);
}

static void reserve_batch(Render *r, int verts)
{
    /* Keep batches bounded so one call never holds millions of vertices. */
    if (r->n_verts + verts > 60000) render_flush(r);
}

/* ---- frame and state ------------------------------------------------------------- */

void render_begin(Render *r)
{
    if (r->n_cache > CACHE_LIMIT) cache_clear(r);
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
}

void render_end(Render *r) { render_flush(r); }

void render_clear(Render *r, Color c)
{
    render_flush(r);
    SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, c.a);
    SDL_RenderClear(r->sdl);
}

void render_clip(Render *r, const Rect *rc)
{
    render_flush(r);
    if (!rc) {
        r->clip_on = false;
        SDL_RenderSetClipRect(r->sdl, NULL);
        return;
    }
    float s = r->scale;
    int x0 = (int)floorf(rc->x * s), y0 = (int)floorf(rc->y * s);
    int x1 = (int)ceilf((rc->x + rc->w) * s), y1 = (int)ceilf((rc->y + rc->h) * s);
    r->clip.x = x0;
    r->clip.y = y0;
    r->clip.w = x1 > x0 ? x1 - x0 : 0;
    r->clip.h = y1 > y0 ? y1 - y0 : 0;
    r->clip_on = true;
    if (r->clip.w == 0 || r->clip.h == 0) {
        r->clip.w = r->clip.h = 1; /* SDL treats an empty rect as "no clip" */
        r->clip.x = -10;
        r->clip.y = -10;
    }
    SDL_RenderSetClipRect(r->sdl, &r->clip);
}

/* ---- shapes ------------------------------------------------------------------------ */

void render_rect(Render *r, Rect rc, Color c)
{
    render_flush(r);
    float s = r->scale;
    SDL_Rect p;
    p.x = (int)lroundf(rc.x * s);
    p.y = (int)lroundf(rc.y * s);
    p.w = (int)lroundf((rc.x + rc.w) * s) - p.x;
    p.h = (int)lroundf((rc.y + rc.h) * s) - p.y;
    SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r->sdl, &p);
}

void render_rect_line(Render *r, Rect rc, Color c)
{
    float t = 1.0f;
    render_rect(r, rect_make(rc.x, rc.y, rc.w, t), c);
    render_rect(r, rect_make(rc.x, rc.y + rc.h - t, rc.w, t), c);
    render_rect(r, rect_make(rc.x, rc.y + t, t, rc.h - 2 * t), c);
    render_rect(r, rect_make(rc.x + rc.w - t, rc.y + t, t, rc.h - 2 * t), c);
}

/* A convex polygon in pixel coordinates, wound either way, with an outward fringe. */
static void convex_px(Render *r, const Vec2 *p, int n, Color c)
{
    if (n < 3 || c.a == 0) return;
    reserve_batch(r, 3 * n + 1);
    /* Orientation: sign of the area. */
    float area = 0;
    for (int i = 0; i < n; i++) {
        const Vec2 *a = &p[i], *b = &p[(i + 1) % n];
        area += a->x * b->y - b->x * a->y;
    }
    float sgn = area > 0 ? 1.0f : -1.0f;
    Color clear = c;
    clear.a = 0;
    int base = r->n_verts;
    for (int i = 0; i < n; i++) vtx(r, p[i].x, p[i].y, c);
    for (int i = 1; i + 1 < n; i++) tri(r, base, base + i, base + i + 1);
    /* Outward offset per vertex: average of the normals of its two edges. */
    int outer = r->n_verts;
    for (int i = 0; i < n; i++) {
        const Vec2 *a = &p[(i + n - 1) % n], *b = &p[i], *d = &p[(i + 1) % n];
        float e0x = b->x - a->x, e0y = b->y - a->y, e1x = d->x - b->x, e1y = d->y - b->y;
        float l0 = sqrtf(e0x * e0x + e0y * e0y), l1 = sqrtf(e1x * e1x + e1y * e1y);
        if (l0 < 1e-6f) l0 = 1;
        if (l1 < 1e-6f) l1 = 1;
        /* For counter-clockwise (area > 0 in y-down) the outward normal is (e.y, -e.x). */
        float n0x = sgn * e0y / l0, n0y = -sgn * e0x / l0;
        float n1x = sgn * e1y / l1, n1y = -sgn * e1x / l1;
        float nx = n0x + n1x, ny = n0y + n1y;
        float ln = sqrtf(nx * nx + ny * ny);
        if (ln < 1e-6f) {
            nx = n0x;
            ny = n0y;
        } else {
            nx /= ln;
            ny /= ln;
        }
        float cosh = nx * n0x + ny * n0y;
        float m = cosh > 0.5f ? 1.0f / cosh : 2.0f;
        vtx(r, b->x + nx * m, b->y + ny * m, clear);
    }
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        quad(r, base + i, base + j, outer + j, outer + i);
    }
}

void render_convex(Render *r, const Vec2 *pts, int n, Color c)
{
    Vec2 buf[64];
    if (n > 64) n = 64;
    for (int i = 0; i < n; i++) buf[i] = vec2(pts[i].x * r->scale, pts[i].y * r->scale);
    convex_px(r, buf, n, c);
}

static int arc_steps(float radius_px)
{
    int k = (int)(radius_px * 0.6f) + 2;
    return k < 2 ? 2 : (k > 12 ? 12 : k);
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
    int k = arc_steps(rad);
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

void render_round_rect(Render *r, Rect rc, float radius, Color c)
{
    if (rc.w <= 0 || rc.h <= 0) return;
    Vec2 pts[64];
    int n = round_rect_pts(rc, radius, r->scale, pts, 64);
    convex_px(r, pts, n, c);
}

/* A closed or open stroke in pixel coordinates with core and fringe. */
static void stroke_px(Render *r, const Vec2 *p, int n, bool closed, float width_px, Color c)
{
    if (n < 2 || c.a == 0) return;
    float core = width_px / 2 - 0.5f;
    Color cc = c;
    if (core < 0) {
        /* Thinner than a pixel: a pixel-wide line with reduced alpha. */
        cc.a = (uint8_t)(c.a * fmaxf(width_px, 0.25f));
        core = 0;
    }
    float outer = core + 1.0f;
    Color clear = cc;
    clear.a = 0;
    reserve_batch(r, 4 * n + 8);
    int base = r->n_verts;
    for (int i = 0; i < n; i++) {
        int ip = closed ? (i + n - 1) % n : (i > 0 ? i - 1 : i);
        int in = closed ? (i + 1) % n : (i + 1 < n ? i + 1 : i);
        float nx = 0, ny = 0, n0x = 0, n0y = 0;
        if (ip != i) {
            float ex = p[i].x - p[ip].x, ey = p[i].y - p[ip].y, l = sqrtf(ex * ex + ey * ey);
            if (l > 1e-6f) {
                n0x = -ey / l;
                n0y = ex / l;
                nx += n0x;
                ny += n0y;
            }
        }
        if (in != i) {
            float ex = p[in].x - p[i].x, ey = p[in].y - p[i].y, l = sqrtf(ex * ex + ey * ey);
            if (l > 1e-6f) {
                if (n0x == 0 && n0y == 0) {
                    n0x = -ey / l;
                    n0y = ex / l;
                }
                nx += -ey / l;
                ny += ex / l;
            }
        }
        float ln = sqrtf(nx * nx + ny * ny);
        if (ln < 1e-6f) {
            nx = n0x;
            ny = n0y;
        } else {
            nx /= ln;
            ny /= ln;
        }
        float cosh = nx * n0x + ny * n0y;
        float m = cosh > 0.4f ? 1.0f / cosh : 2.5f;
        vtx(r, p[i].x + nx * outer * m, p[i].y + ny * outer * m, clear);
        vtx(r, p[i].x + nx * core * m, p[i].y + ny * core * m, cc);
        vtx(r, p[i].x - nx * core * m, p[i].y - ny * core * m, cc);
        vtx(r, p[i].x - nx * outer * m, p[i].y - ny * outer * m, clear);
    }
    int segs = closed ? n : n - 1;
    for (int i = 0; i < segs; i++) {
        int a = base + 4 * i, b = base + 4 * ((i + 1) % n);
        quad(r, a, a + 1, b + 1, b);
        if (core > 0) quad(r, a + 1, a + 2, b + 2, b + 1);
        quad(r, a + 2, a + 3, b + 3, b + 2);
    }
}

void render_round_rect_line(Render *r, Rect rc, float radius, float width, Color c)
{
    Vec2 pts[64];
    float h = width / 2;
    Rect mid = {rc.x + h, rc.y + h, rc.w - width, rc.h - width};
    int n = round_rect_pts(mid, radius - h, r->scale, pts, 64);
    stroke_px(r, pts, n, true, width * r->scale, c);
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
    Vec2 buf[256];
    if (n > 256) n = 256;
    float s = r->scale;
    for (int i = 0; i < n; i++) buf[i] = vec2(pts[i].x * s, pts[i].y * s);
    if (dash > 0)
        dashed_px(r, buf, n, false, width * s, dash * s, c);
    else
        stroke_px(r, buf, n, false, width * s, c);
}

static int circle_pts(Vec2 c, float radius_px, Vec2 *out, int cap)
{
    int k = (int)(radius_px * 1.2f) + 8;
    if (k > cap) k = cap;
    for (int i = 0; i < k; i++) {
        float a = 6.2831853f * (float)i / (float)k;
        out[i] = vec2(c.x + cosf(a) * radius_px, c.y + sinf(a) * radius_px);
    }
    return k;
}

void render_circle(Render *r, Vec2 centre, float radius, Color c)
{
    Vec2 pts[64];
    float s = r->scale;
    int n = circle_pts(vec2(centre.x * s, centre.y * s), radius * s - 0.5f, pts, 64);
    convex_px(r, pts, n, c);
}

void render_circle_line(Render *r, Vec2 centre, float radius, float width, Color c)
{
    Vec2 pts[64];
    float s = r->scale;
    int n = circle_pts(vec2(centre.x * s, centre.y * s), (radius - width / 2) * s, pts, 64);
    stroke_px(r, pts, n, true, width * s, c);
}

void render_points(Render *r, const Vec2 *pts, int n, float size, Color c)
{
    render_flush(r);
    SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, c.a);
    float s = r->scale;
    float px = fmaxf(1.0f, roundf(size * s));
    SDL_FRect buf[512];
    int nb = 0;
    for (int i = 0; i < n; i++) {
        buf[nb].x = roundf(pts[i].x * s - px / 2);
        buf[nb].y = roundf(pts[i].y * s - px / 2);
        buf[nb].w = px;
        buf[nb].h = px;
        if (++nb == 512) {
            SDL_RenderFillRectsF(r->sdl, buf, nb);
            nb = 0;
        }
    }
    if (nb) SDL_RenderFillRectsF(r->sdl, buf, nb);
}

/* ---- text --------------------------------------------------------------------------- */

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
    e->w = surf->w;
    e->h = surf->h;
    e->tex = SDL_CreateTextureFromSurface(r->sdl, surf);
    if (e->tex) SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
    SDL_FreeSurface(surf);
    return e;
}

float render_text_width(Render *r, FontId f, float size, const char *s)
{
    if (!s || !*s) return 0;
    int px = px_for(r, size);
    TTF_Font *font = font_at(r, f, px);
    int w = 0, h = 0;
    if (font) TTF_SizeUTF8(font, s, &w, &h);
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
    if (!e->tex) return 0;
    render_flush(r);
    SDL_SetTextureColorMod(e->tex, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(e->tex, c.a);
    SDL_Rect dst = {(int)lroundf(x * r->scale), (int)lroundf(y * r->scale), e->w, e->h};
    SDL_RenderCopy(r->sdl, e->tex, NULL, &dst);
    return (float)e->w / r->scale;
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
    /* Binary search on code point boundaries would need an index; texts are short. */
    char buf[512];
    int len = n < 511 ? n : 511;
    while (len > 0) {
        len = utf8_prev(s, len);
        memcpy(buf, s, (size_t)len);
        buf[len] = 0;
        if (render_text_width(r, f, size, buf) <= max_w) return len;
    }
    return 0;
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
