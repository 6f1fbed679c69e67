/*
 * export_png.c - the whole diagram as a PNG, drawn by the same canvas code as the
 * window, into the renderer's memory frame: no window and no display are needed, so
 * `archsim --export-png` works on a headless machine.
 */
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "sim/layout.h"
#include "sim/model_json.h"

#define MARGIN 40.0f
#define TITLE_H 44.0f

/* Board bounds of nodes and edge curves. */
static void bounds(const Model *m, Routes *rt, float *x0, float *y0, float *x1, float *y1)
{
    *x0 = *y0 = 1e30f;
    *x1 = *y1 = -1e30f;
    for (int i = 0; i < m->n_nodes; i++) {
        Rect r = node_rect(&m->nodes[i]);
        *x0 = fminf(*x0, r.x - 6);
        *y0 = fminf(*y0, r.y - 6);
        *x1 = fmaxf(*x1, r.x + r.w + 6);
        *y1 = fmaxf(*y1, r.y + r.h + 6);
    }
    for (int i = 0; rt && i < rt->n; i++) {
        const EdgeRoute *e = &rt->r[i];
        if (!e->valid) continue;
        /* The curve lies inside its control hull; sample it for a tight box. */
        for (int k = 0; k <= 16; k++) {
            Vec2 p = bezier_at(e->p, (float)k / 16.0f);
            *x0 = fminf(*x0, p.x);
            *y0 = fminf(*y0, p.y);
            *x1 = fmaxf(*x1, p.x);
            *y1 = fmaxf(*y1, p.y);
        }
        if (e->label_shown) {
            *x0 = fminf(*x0, e->label_rc.x);
            *y0 = fminf(*y0, e->label_rc.y);
            *x1 = fmaxf(*x1, e->label_rc.x + e->label_rc.w);
            *y1 = fmaxf(*y1, e->label_rc.y + e->label_rc.h);
        }
    }
    if (*x0 > *x1) {
        *x0 = *y0 = 0;
        *x1 = 400;
        *y1 = 200;
    }
}

static void layout(const Model *m, Routes *rt, float scale, Camera *cam, int *w, int *h)
{
    float x0, y0, x1, y1;
    bounds(m, rt, &x0, &y0, &x1, &y1);
    float top = MARGIN + (m->title && *m->title ? TITLE_H : 0);
    cam->zoom = 1;
    cam->x = x0 - MARGIN;
    cam->y = y0 - top;
    *w = (int)ceilf((x1 - x0 + 2 * MARGIN) * scale);
    *h = (int)ceilf((y1 - y0 + top + MARGIN) * scale);
}

void export_png_size(const Model *m, float scale, int *w, int *h)
{
    Routes rt = {0};
    routes_update(&rt, m, 1, 1, NULL);
    Camera cam;
    layout(m, &rt, scale, &cam, w, h);
    routes_free(&rt);
}

bool export_png(const Model *m, const char *font_path, const char *png_path, float scale,
                char *err, size_t err_cap)
{
    bool ok = false;
    bool ttf_here = false;
    Render *r = NULL;
    Routes rt = {0};
    if (!TTF_WasInit()) {
        if (TTF_Init() != 0) {
            snprintf(err, err_cap, _("cannot start SDL_ttf: %s"), TTF_GetError());
            return false;
        }
        ttf_here = true;
    }
    /* Sizes come from routes placed without a renderer, like export_png_size(), so the
     * two always agree. */
    routes_update(&rt, m, 1, 1, NULL);
    Camera cam;
    int w, h;
    layout(m, &rt, scale, &cam, &w, &h);
    if (w > 16384 || h > 16384) {
        snprintf(err, err_cap, _("the picture would be %d x %d pixels; use a smaller scale"), w, h);
        goto fail;
    }
    r = render_create(NULL, font_path);
    if (!r) {
        snprintf(err, err_cap, _("cannot open the font %s"), font_path);
        goto fail;
    }
    render_set_scale(r, scale);
    /* Labels placed with real text widths. */
    rt.fresh = false;
    routes_update(&rt, m, 2, 1, r);
    Scene s = {m, &rt, NULL, NULL, cam, rect_make(0, 0, (float)w / scale, (float)h / scale),
               -1, -1, false, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    render_begin_size(r, w, h);
    render_clear(r, theme.canvas);
    canvas_draw(r, &s);
    if (m->title && *m->title) {
        render_text(r, FONT_BOLD, 18, MARGIN, MARGIN * 0.75f, m->title, theme.text);
    }
    render_end(r);
    if (IMG_SavePNG(render_surface(r), png_path) != 0) {
        snprintf(err, err_cap, _("cannot write %s: %s"), png_path, IMG_GetError());
        goto fail;
    }
    ok = true;
fail:
    routes_free(&rt);
    render_destroy(r);
    if (ttf_here) TTF_Quit();
    return ok;
}

int export_png_cli(const char *file, const char *png_path, float scale, const char *font_flag)
{
    const char *font = render_find_font(font_flag);
    if (!font) {
        fprintf(stderr, "archsim: %s\n", render_font_help());
        return 1;
    }
    DiagList d;
    diag_init(&d, file);
    Model *m = model_load_file(file, &d);
    if (!m) {
        diag_print(&d, stderr);
        diag_free(&d);
        return 1;
    }
    diag_free(&d);
    if (layout_needed(m)) layout_layered(m, NODE_W, NODE_H); /* as the app opens it */
    char err[400];
    bool ok = export_png(m, font, png_path, scale, err, sizeof err);
    if (ok) {
        int w, h;
        export_png_size(m, scale, &w, &h);
        printf("%s: %d x %d\n", png_path, w, h);
    } else {
        fprintf(stderr, "archsim: %s\n", err);
    }
    model_destroy(m);
    return ok ? 0 : 1;
}
