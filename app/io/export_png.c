/*
 * export_png.c - the whole diagram as a PNG, drawn by the same canvas code as the
 * window, into the renderer's memory frame: no window and no display are needed, so
 * `archsim --export-png` works on a headless machine. The PNG carries the diagram's
 * JSON in an iTXt chunk (png_meta.h), so opening or dropping it reopens the diagram.
 * The same drawing goes to an SVG (render_set_svg) and, frame by frame over a run's
 * simulated time, to an animated GIF (gif_anim.h).
 */
#include <SDL_image.h>
#include <errno.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "sim/engine.h"
#include "sim/gif_anim.h"
#include "sim/import.h"
#include "sim/layout.h"
#include "sim/model_json.h"
#include "sim/png_meta.h"
#include "sim/svg.h"
#include "sim/tr.h"
#include "sim/util.h"

#define MARGIN 40.0f
#define TITLE_H 44.0f

/* Board bounds of nodes and edge curves. */
/* The title a picture shows: in the language its labels are in (the app's, or --lang). */
static const char *shown_title(const Model *m) { return scenario_title_in(m, tr_lang()); }

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
    if (m->meta_json) { /* the free annotations (a note, a frame) are in the picture */
        double a0 = *x0, b0 = *y0, a1 = *x1, b1 = *y1;
        ann_extend_bounds(m, &a0, &b0, &a1, &b1);
        *x0 = (float)a0;
        *y0 = (float)b0;
        *x1 = (float)a1;
        *y1 = (float)b1;
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

/* The surface as PNG bytes with the model's JSON in an iTXt chunk, written atomically. */
static bool save_png(SDL_Surface *surface, const Model *m, const char *path, char *err, size_t err_cap)
{
    SDL_Surface *c = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_RGBA32, 0);
    if (!c) {
        snprintf(err, err_cap, _("cannot convert the picture: %s"), SDL_GetError());
        return false;
    }
    SDL_LockSurface(c);
    char *json = model_to_json(m);
    DiagList d;
    diag_init(&d, path);
    size_t n = 0;
    unsigned char *png = png_meta_encode_rgba(c->pixels, c->w, c->h, c->pitch, json, &n, &d);
    SDL_UnlockSurface(c);
    SDL_FreeSurface(c);
    free(json);
    bool ok = png != NULL;
    if (!ok)
        snprintf(err, err_cap, "%s", d.n_items ? d.items[0].message : _("cannot encode the PNG"));
    else if (write_file_atomic(path, (const char *)png, n) != 0) {
        snprintf(err, err_cap, _("cannot write %s: %s"), path, strerror(errno));
        ok = false;
    }
    free(png);
    diag_free(&d);
    return ok;
}

void export_png_size(const Model *m, float scale, int *w, int *h)
{
    Routes rt = {0};
    routes_update(&rt, m, 1, 1, NULL);
    Camera cam;
    layout(m, &rt, scale, &cam, w, h);
    routes_free(&rt);
}

bool export_picture(const Model *m, const ExportLook *look, const char *font_path, const char *path, float scale,
                    bool svg, char *err, size_t err_cap)
{
    bool ok = false;
    bool ttf_here = false;
    Render *r = NULL;
    Routes rt = {0};
    SvgWriter *sw = NULL;
    if (!TTF_WasInit()) {
        if (TTF_Init() != 0) {
            snprintf(err, err_cap, _(_("cannot start SDL_ttf: %s")), TTF_GetError());
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
        snprintf(err, err_cap, _(_("the picture would be %d x %d pixels; use a smaller scale")), w, h);
        goto fail;
    }
    r = render_create(NULL, font_path);
    if (!r) {
        snprintf(err, err_cap, _(_("cannot open the font %s")), font_path);
        goto fail;
    }
    render_set_scale(r, scale);
    /* Labels placed with real text widths. */
    rt.fresh = false;
    routes_update(&rt, m, 2, 1, r);
    Scene s = {m, &rt, NULL, NULL, cam, rect_make(0, 0, (float)w / scale, (float)h / scale),
               -1, -1, false, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL};
    if (look) { /* the run overlay as the board shows it */
        s.node_fill = look->node_fill;
        s.node_border = look->node_border;
        s.edge_w = look->edge_w;
        s.node_dashed = look->node_dashed;
    }
    render_begin_size(r, w, h);
    if (svg) {
        sw = svg_create((double)w / scale, (double)h / scale, scale, shown_title(m));
        render_set_svg(r, sw);
    }
    render_clear(r, theme.canvas);
    canvas_draw(r, &s);
    if (m->title && *m->title) render_text(r, FONT_BOLD, 18, MARGIN, MARGIN * 0.75f, shown_title(m), theme.text);
    render_set_svg(r, NULL);
    render_end(r);
    if (svg) {
        char *text = svg_finish(sw);
        if (write_file_atomic(path, text, strlen(text)) != 0) {
            snprintf(err, err_cap, _("cannot write %s: %s"), path, strerror(errno));
            free(text);
            goto fail;
        }
        free(text);
    } else if (!save_png(render_surface(r), m, path, err, err_cap)) {
        goto fail;
    }
    ok = true;
fail:
    svg_destroy(sw);
    routes_free(&rt);
    render_destroy(r);
    if (ttf_here) TTF_Quit();
    return ok;
}

bool export_board(App *app, const char *path, float scale, bool svg, char *err, size_t err_cap)
{
    const Model *m = app->model;
    if (!app->res || !app->view.nodes) return export_picture(m, NULL, app->font_path, path, scale, svg, err, err_cap);
    bool ok = false;
    Routes rt = {0};
    SvgWriter *sw = NULL;
    routes_update(&rt, m, 1, 1, NULL);
    Camera cam;
    int w, h;
    layout(m, &rt, scale, &cam, &w, &h);
    /* room above for the badges that straddle the top edge of the highest nodes */
    cam.y -= 24;
    h += (int)ceilf(24 * scale);
    if (w > 16384 || h > 16384) {
        snprintf(err, err_cap, _("the picture would be %d x %d pixels; use a smaller scale"), w, h);
        routes_free(&rt);
        return false;
    }
    Render *r = render_create(NULL, app->font_path);
    if (!r) {
        snprintf(err, err_cap, _("cannot open the font %s"), app->font_path);
        routes_free(&rt);
        return false;
    }
    render_set_scale(r, scale);
    rt.fresh = false;
    routes_update(&rt, m, 2, 1, r);
    /* The overlay draws from the App: it is pointed at the picture for the time of it. */
    Render *save_r = app->r;
    Camera save_cam = app->cam;
    Rect save_rc = app->canvas_rc;
    Routes save_rt = app->routes;
    app->r = r;
    app->cam = cam;
    app->canvas_rc = rect_make(0, 0, (float)w / scale, (float)h / scale);
    app->routes = rt;
    Scene s = {m, &app->routes, NULL, NULL, cam, app->canvas_rc, -1, -1, false, true, app->view.fill, app->view.border,
               app->view.edge_w, NULL, NULL, NULL, app->view.dashed, 0, NULL, NULL, NULL};
    render_begin_size(r, w, h);
    if (svg) {
        sw = svg_create((double)w / scale, (double)h / scale, scale, shown_title(m));
        render_set_svg(r, sw);
    }
    render_clear(r, theme.canvas);
    canvas_draw(r, &s);
    overlay_draw(app);
    render_clip(r, NULL);
    if (m->title && *m->title) render_text(r, FONT_BOLD, 18, MARGIN, MARGIN * 0.75f, shown_title(m), theme.text);
    render_set_svg(r, NULL);
    render_end(r);
    rt = app->routes;
    app->r = save_r;
    app->cam = save_cam;
    app->canvas_rc = save_rc;
    app->routes = save_rt;
    app->needs_frame = true; /* the overlay's hit areas are the window's again next frame */
    if (svg) {
        char *text = svg_finish(sw);
        if (write_file_atomic(path, text, strlen(text)) != 0)
            snprintf(err, err_cap, _("cannot write %s: %s"), path, strerror(errno));
        else
            ok = true;
        free(text);
    } else {
        ok = save_png(render_surface(r), m, path, err, err_cap);
    }
    svg_destroy(sw);
    routes_free(&rt);
    render_destroy(r);
    return ok;
}

bool export_png(const Model *m, const char *font_path, const char *png_path, float scale, char *err, size_t err_cap)
{
    return export_picture(m, NULL, font_path, png_path, scale, false, err, err_cap);
}

Model *export_load(const char *file)
{
    DiagList d;
    diag_init(&d, file);
    ImportResult r;
    Model *m = NULL;
    if (import_file(file, &r, &d) && diag_errors(&d) == 0) {
        m = r.model;
        r.model = NULL;
    } else if (r.model) {
        fprintf(stderr, _("archsim: %s cannot be drawn until its problems are fixed:\n"), file);
    }
    diag_print(&d, stderr);
    import_result_free(&r);
    diag_free(&d);
    return m;
}

int export_picture_cli(const char *file, const char *png_path, float scale, const char *font_flag, bool svg)
{
    const char *font = render_find_font(font_flag);
    if (!font) {
        fprintf(stderr, "archsim: %s\n", render_font_help());
        return 1;
    }
    Model *m = export_load(file);
    if (!m) return 1;
    if (layout_needed(m)) layout_layered(m, NODE_W, NODE_H); /* as the app opens it */
    model_localize(m, tr_lang()); /* the labels in the language asked (--lang), as the app draws them */
    char err[400];
    bool ok = export_picture(m, NULL, font, png_path, scale, svg, err, sizeof err);
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

/* ---- the animated GIF of a run ------------------------------------------------------------- */

#define GIF_FPS 5
#define GIF_MAX_FRAMES 600

typedef struct GifJob {
    const Model *m;
    const Results *res;
    Render *r;
    Routes *rt;
    Camera cam;
    int w, h;
    float scale;
    int *res_node;      /* model node -> results row, -1 */
    double *edge_rps;   /* measured rate per edge */
    double *dots;       /* this frame's dot rates */
    float *edge_w;
    Color *fill, *border;
    double mean_rate;   /* all request types, requests/s over the run */
} GifJob;

/* What the run simulated in all, warm-up included (a GIF may show less of it). */
static double run_seconds(const Results *res)
{
    return res->n_seconds > 0 ? res->n_seconds * (res->series_step_s > 0 ? res->series_step_s : 1)
                              : res->warmup_s + res->duration_s;
}

void export_gif_stamp(const Results *res, double t, char *out, size_t cap)
{
    if (t < res->warmup_s) snprintf(out, cap, _("t = %.1f s of %.0f s simulated (warm-up)"), t, run_seconds(res));
    else snprintf(out, cap, _("t = %.1f s of %.0f s simulated"), t, run_seconds(res));
}

/* Frame k: the board at simulated time k / GIF_FPS. */
static void gif_draw(GifJob *j, int k)
{
    const Model *m = j->m;
    const Results *res = j->res;
    double t = (double)k / GIF_FPS;
    int sec = res->n_seconds > 0 ? (int)(t / (res->series_step_s > 0 ? res->series_step_s : 1)) : -1;
    if (sec >= res->n_seconds) sec = res->n_seconds - 1;
    for (int i = 0; i < m->n_nodes; i++) {
        int ri = j->res_node[i];
        double util = ri >= 0 ? (sec >= 0 ? results_node_series(res, ri, sec)[NS_UTILISATION]
                                          : res->nodes[ri][NF_UTILISATION])
                              : 0;
        if (m->nodes[i].kind == NODE_CLIENT || ri < 0) {
            j->fill[i] = theme.node_fill;
            j->border[i] = theme.node_border;
        } else {
            Color c = run_util_color(util);
            j->fill[i] = tint(c, 0.90f);
            j->border[i] = c;
        }
    }
    /* the traffic of this second against the run's mean: surges and failures show */
    double f = 1;
    if (sec >= 0 && j->mean_rate > 0) f = results_type_series(res, res->n_types, sec)[TS_THROUGHPUT_RPS] / j->mean_rate;
    if (!(f >= 0)) f = 0;
    for (int e = 0; e < m->n_edges; e++) j->dots[e] = j->edge_rps[e] * f;
    Scene s = {m, j->rt, NULL, NULL, j->cam, rect_make(0, 0, (float)j->w / j->scale, (float)j->h / j->scale),
               -1, -1, false, true, j->fill, j->border, j->edge_w, j->dots, NULL, NULL, NULL, t, NULL, NULL, NULL};
    Render *r = j->r;
    render_begin_size(r, j->w, j->h);
    render_clear(r, theme.canvas);
    canvas_draw(r, &s);
    /* the time stamp, top right: of what the run simulated (a GIF of its first 30 s of 35
     * said "of 30 s simulated"), and whether it is still the warm-up */
    char stamp[120];
    export_gif_stamp(res, t, stamp, sizeof stamp);
    float tw = render_text_width(r, FONT_BOLD, 14, stamp);
    float x = (float)j->w / j->scale - MARGIN - tw;
    if (m->title && *m->title) /* the title up to the stamp, never under it */
        render_text_clipped(r, FONT_BOLD, 18, MARGIN, MARGIN * 0.75f, shown_title(m), x - 16 - MARGIN, theme.text);
    render_round_rect(r, rect_make(x - 8, MARGIN * 0.75f - 3, tw + 16, 24), 6, theme.panel);
    render_round_rect_line(r, rect_make(x - 8, MARGIN * 0.75f - 3, tw + 16, 24), 6, 1, theme.border);
    render_text(r, FONT_BOLD, 14, x, MARGIN * 0.75f, stamp, theme.text);
    render_end(r);
}

bool export_gif(const Model *m, const Results *res, const char *font_path, const char *path, double seconds,
                float scale, void (*progress)(void *ctx, double frac), void *ctx, char *err, size_t err_cap)
{
    bool ok = false, ttf_here = false;
    Routes rt = {0};
    GifJob j = {0};
    GifAnim *g = NULL;
    SDL_Surface *rgba = NULL;
    DiagList d;
    diag_init(&d, path);
    if (!TTF_WasInit()) {
        if (TTF_Init() != 0) {
            snprintf(err, err_cap, _("cannot start SDL_ttf: %s"), TTF_GetError());
            diag_free(&d);
            return false;
        }
        ttf_here = true;
    }
    double run_s = run_seconds(res);
    if (!(seconds > 0) || seconds > run_s) seconds = run_s;
    int frames = (int)ceil(seconds * GIF_FPS);
    if (frames > GIF_MAX_FRAMES) frames = GIF_MAX_FRAMES;
    if (frames < 1) frames = 1;
    routes_update(&rt, m, 1, 1, NULL);
    j.m = m;
    j.res = res;
    j.rt = &rt;
    j.scale = scale;
    layout(m, &rt, scale, &j.cam, &j.w, &j.h);
    /* always room for the time stamp on top */
    if (!(m->title && *m->title)) {
        j.cam.y -= TITLE_H;
        j.h += (int)ceilf(TITLE_H * scale);
    }
    if (j.w > 4096 || j.h > 4096) {
        snprintf(err, err_cap, _("the animation would be %d x %d pixels; use a smaller scale"), j.w, j.h);
        goto fail;
    }
    j.r = render_create(NULL, font_path);
    if (!j.r) {
        snprintf(err, err_cap, _("cannot open the font %s"), font_path);
        goto fail;
    }
    render_set_scale(j.r, scale);
    rt.fresh = false;
    routes_update(&rt, m, 2, 1, j.r);
    j.res_node = xcalloc((size_t)m->n_nodes + 1, sizeof *j.res_node);
    for (int i = 0; i < m->n_nodes; i++) {
        j.res_node[i] = -1;
        for (int k = 0; k < res->n_nodes; k++)
            if (strcmp(res->node_ids[k], m->nodes[i].id) == 0) j.res_node[i] = k;
    }
    j.edge_rps = xcalloc((size_t)m->n_edges + 1, sizeof *j.edge_rps);
    j.dots = xcalloc((size_t)m->n_edges + 1, sizeof *j.dots);
    j.edge_w = xcalloc((size_t)m->n_edges + 1, sizeof *j.edge_w);
    j.fill = xcalloc((size_t)m->n_nodes + 1, sizeof *j.fill);
    j.border = xcalloc((size_t)m->n_nodes + 1, sizeof *j.border);
    double max_rps = 0;
    for (int e = 0; e < m->n_edges; e++) {
        double v = res->n_edges == m->n_edges ? res->edges[e][EF_RATE_RPS] : 0;
        j.edge_rps[e] = isfinite(v) && v > 0 ? v : 0;
        if (j.edge_rps[e] > max_rps) max_rps = j.edge_rps[e];
    }
    for (int e = 0; e < m->n_edges; e++) /* as the board: 1.2 points for a trickle, 5 for the busiest */
        j.edge_w[e] = max_rps > 0 && j.edge_rps[e] > 0 ? 1.2f + 3.8f * (float)(log1p(j.edge_rps[e]) / log1p(max_rps))
                                                       : 1.4f;
    double sum = 0;
    int n_sum = 0;
    for (int s = 0; s < res->n_seconds; s++, n_sum++) sum += results_type_series(res, res->n_types, s)[TS_THROUGHPUT_RPS];
    j.mean_rate = n_sum ? sum / n_sum : 0;
    g = gif_anim_create(j.w, j.h);
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < frames; k++) {
            gif_draw(&j, k);
            SDL_FreeSurface(rgba);
            rgba = SDL_ConvertSurfaceFormat(render_surface(j.r), SDL_PIXELFORMAT_RGBA32, 0);
            if (!rgba) {
                snprintf(err, err_cap, _("cannot convert a frame: %s"), SDL_GetError());
                goto fail;
            }
            SDL_LockSurface(rgba);
            if (pass == 0)
                gif_anim_sample(g, rgba->pixels, rgba->pitch);
            else if (!gif_anim_frame(g, rgba->pixels, rgba->pitch, 100 / GIF_FPS, &d)) {
                SDL_UnlockSurface(rgba);
                snprintf(err, err_cap, "%s", d.n_items ? d.items[0].message : _("cannot encode the GIF"));
                goto fail;
            }
            SDL_UnlockSurface(rgba);
            if (progress) progress(ctx, (pass * frames + k + 1) / (2.0 * frames));
        }
    size_t n = 0;
    unsigned char *bytes = gif_anim_finish(g, &n, &d);
    if (!bytes) {
        snprintf(err, err_cap, "%s", d.n_items ? d.items[0].message : _("cannot encode the GIF"));
        goto fail;
    }
    if (write_file_atomic(path, (const char *)bytes, n) != 0) {
        snprintf(err, err_cap, _("cannot write %s: %s"), path, strerror(errno));
        free(bytes);
        goto fail;
    }
    free(bytes);
    ok = true;
fail:
    SDL_FreeSurface(rgba);
    gif_anim_destroy(g);
    free(j.res_node);
    free(j.edge_rps);
    free(j.dots);
    free(j.edge_w);
    free(j.fill);
    free(j.border);
    routes_free(&rt);
    render_destroy(j.r);
    diag_free(&d);
    if (ttf_here) TTF_Quit();
    return ok;
}

int export_gif_cli(const char *file, const char *gif_path, double seconds, float scale, const char *font_flag)
{
    const char *font = render_find_font(font_flag);
    if (!font) {
        fprintf(stderr, "archsim: %s\n", render_font_help());
        return 1;
    }
    Model *m = export_load(file);
    if (!m) return 1;
    if (layout_needed(m)) layout_layered(m, NODE_W, NODE_H);
    model_localize(m, tr_lang());
    if (!(seconds > 0)) seconds = 10;
    /* from time 0, no warm-up: the animation shows the system filling up */
    SimOptions opt = sim_options_default();
    opt.warmup_s = 0;
    opt.duration_s = seconds;
    DiagList d;
    diag_init(&d, file);
    Results *res = sim_run(m, &opt, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    if (!res) {
        fprintf(stderr, _("archsim: %s: the run failed; no animation\n"), file);
        model_destroy(m);
        return 1;
    }
    char err[400];
    bool ok = export_gif(m, res, font, gif_path, seconds, scale, NULL, NULL, err, sizeof err);
    if (ok) {
        FILE *f = fopen(gif_path, "rb");
        long size = 0;
        if (f && fseek(f, 0, SEEK_END) == 0) size = ftell(f);
        if (f) fclose(f);
        printf(_("%s: %d frames over %g simulated seconds, %ld bytes\n"), gif_path, (int)ceil(seconds * GIF_FPS),
               seconds, size);
    } else {
        fprintf(stderr, "archsim: %s\n", err);
    }
    results_destroy(res);
    model_destroy(m);
    return ok ? 0 : 1;
}
