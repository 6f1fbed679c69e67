/*
 * main.c - the archsim window: parse the command line, create the App, run the loop.
 *
 *   archsim [FILE.json]                      the editor
 *   archsim --export-png OUT.png FILE.json   the diagram as PNG, no display needed
 *   archsim --export-svg OUT.svg FILE.json   the same picture as SVG, text as text
 *   archsim --export-gif OUT.gif FILE [--seconds N]   an animated GIF of a run
 *   archsim --screenshot OUT.png [--select ID] [--run] [--tab NAME] [--lang L] [--browser]
 *            [--path TYPE] [--zoom PCT] [--hover ID] [FILE.json]
 *                                            the whole window, rendered once offscreen
 */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static int usage(FILE *out, int code)
{
    fprintf(out,
            _("usage: archsim [--font PATH] [--lang en|ru|uk] [FILE.json]\n"
            "       archsim --export-png OUT.png [--scale N] [--lang en|ru|uk] FILE\n"
            "       archsim --export-svg OUT.svg [--scale N] [--lang en|ru|uk] FILE\n"
            "       archsim --export-gif OUT.gif [--seconds N] [--scale N] [--lang en|ru|uk] FILE\n"
            "       archsim --screenshot OUT.png [--size WxH] [--select NODE_ID|FROM->TO] [--run]\n"
            "                [--tab requests|nodes|charts|trace|requirements|estimates|sweep|compare]\n"
            "                [--sweep]\n"
            "                [--lang en|ru|uk] [--browser] [--path REQUEST_TYPE] [--zoom PCT]\n"
            "                [--hover NODE_ID] [FILE.json]\n"
            "Draw a system design, save it as JSON (format archsim/1), export it as PNG or SVG.\n"
            "FILE may also be Excalidraw, draw.io, Mermaid or a PNG archsim exported.\n"
            "Without a FILE the scenario browser opens: pick an interview exercise.\n"
            "Fonts: --font PATH or ARCHSIM_FONT, else DejaVu Sans from the system.\n"
            "Press F1 in the window for the shortcuts.\n"));
    return code;
}

/* --select: a node's id, or an edge as FROM->TO (the first such edge). */
static bool select_for_shot(App *app, const char *select)
{
    const char *arrow = strstr(select, "->");
    if (!arrow) return sel_node_by_id(app, select);
    const Model *m = app->model;
    size_t from_len = (size_t)(arrow - select);
    for (int k = 0; k < m->n_edges; k++) {
        const Edge *e = &m->edges[k];
        if (e->from && e->to && strlen(e->from) == from_len && strncmp(e->from, select, from_len) == 0 &&
            strcmp(e->to, arrow + 2) == 0) {
            sel_clear(app);
            app->sel_edge[k] = 1;
            sel_sync(app);
            return true;
        }
    }
    return false;
}

int main(int argc, char **argv)
{
    /* The window title and text input speak UTF-8 through the user's locale (X11 needs it
     * for non-ASCII titles); numbers stay in the C locale, so files read and write the
     * same everywhere. */
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    tr_set_lang(tr_env_lang()); /* the messages before the window (its settings may say otherwise) */
    const char *export_out = NULL, *svg_out = NULL, *gif_out = NULL, *shot_out = NULL, *file = NULL, *font = NULL, *select = NULL;
    const char *tab = NULL, *lang = NULL, *path_of = NULL, *hover = NULL;
    double zoom_pct = 0, gif_seconds = 10;
    float scale = 1;
    bool run = false, browser = false, sweep = false;
    int w = 0, h = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool more = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) return usage(stdout, 0);
        if (strcmp(a, "--version") == 0) {
            printf("archsim %s\n", ARCHSIM_VERSION);
            return 0;
        }
        if (strcmp(a, "--export-png") == 0 && more) export_out = argv[++i];
        else if (strcmp(a, "--export-svg") == 0 && more) svg_out = argv[++i];
        else if (strcmp(a, "--export-gif") == 0 && more) gif_out = argv[++i];
        else if (strcmp(a, "--seconds") == 0 && more) gif_seconds = atof(argv[++i]);
        else if (strcmp(a, "--screenshot") == 0 && more) shot_out = argv[++i];
        else if (strcmp(a, "--font") == 0 && more) font = argv[++i];
        else if (strcmp(a, "--run") == 0) run = true;
        else if (strcmp(a, "--sweep") == 0) sweep = true;
        else if (strcmp(a, "--browser") == 0) browser = true;
        else if (strcmp(a, "--tab") == 0 && more) tab = argv[++i];
        else if (strcmp(a, "--lang") == 0 && more) lang = argv[++i];
        else if (strcmp(a, "--select") == 0 && more) select = argv[++i];
        else if (strcmp(a, "--path") == 0 && more) path_of = argv[++i];
        else if (strcmp(a, "--hover") == 0 && more) hover = argv[++i];
        else if (strcmp(a, "--zoom") == 0 && more) zoom_pct = atof(argv[++i]);
        else if (strcmp(a, "--scale") == 0 && more) scale = (float)atof(argv[++i]);
        else if (strcmp(a, "--size") == 0 && more && sscanf(argv[i + 1], "%dx%d", &w, &h) == 2) i++;
        else if (a[0] == '-') {
            fprintf(stderr, _("archsim: unknown option %s\n"), a);
            return usage(stderr, 2);
        } else if (!file) file = a;
        else return usage(stderr, 2);
    }
    if (lang && (!tr_known(lang) || strcmp(tr_known(lang), lang) != 0)) {
        fprintf(stderr, _("archsim: unknown language %s (en, ru, uk)\n"), lang);
        return 2;
    }
    if (lang) tr_set_lang(lang); /* the exports below draw in it; the window takes it through cfg */
    if (export_out || svg_out || gif_out || shot_out) {
        /* No display needed: the offscreen driver and the software renderer. */
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_RENDER_DRIVER", "software", 1);
    }
    if (gif_out) {
        if (!file) return usage(stderr, 2);
        if (scale <= 0 || scale > 4) scale = 1;
        if (!(gif_seconds > 0) || gif_seconds > 120) {
            fprintf(stderr, "archsim: --seconds must be more than 0 and at most 120\n");
            return 2;
        }
        return export_gif_cli(file, gif_out, gif_seconds, scale, font);
    }
    if (export_out || svg_out) {
        if (!file) return usage(stderr, 2);
        if (scale <= 0 || scale > 8) scale = 1;
        return export_picture_cli(file, svg_out ? svg_out : export_out, scale, font, svg_out != NULL);
    }
    AppConfig cfg = {.width = w, .height = h, .font_path = font, .file = file,
                     .hidden = shot_out != NULL, .no_recovery = shot_out != NULL,
                     .autosave_ms = shot_out ? -1 : 0, .browser = shot_out ? browser : true, .lang = lang};
    static const char *const tabs[TAB_COUNT] = {"requests", "nodes", "charts", "trace", "requirements", "estimates",
                                                "sweep", "compare"};
    int tab_k = -1;
    for (int k = 0; tab && k < TAB_COUNT; k++)
        if (strcmp(tab, tabs[k]) == 0) tab_k = k;
    if (tab && tab_k < 0) {
        fprintf(stderr, _("archsim: unknown tab %s (requests, nodes, charts, trace, requirements, estimates, sweep, compare)\n"), tab);
        return 2;
    }
    App *app = app_create(&cfg);
    if (!app) return 1;
    int code = 0;
    if (shot_out) {
        if (file && !app->path && !app->suggest_name) code = 1; /* the file did not open: messages on the screenshot */
        if (select && !select_for_shot(app, select)) {
            fprintf(stderr, _("archsim: no node with id %s, nor an edge FROM->TO\n"), select);
            code = 1;
        }
        if (path_of) {
            int t = model_find_request(app->model, path_of);
            if (t < 0) {
                fprintf(stderr, _("archsim: no request type %s\n"), path_of);
                code = 1;
            }
            paths_show(app, t);
        }
        if (run) {
            /* Run the simulation as F5 would, wait for it, then take the picture. */
            if (!run_start(app)) {
                code = 1;
                if (app->modal == MODAL_CONFIRM && app->confirm_run)
                    fprintf(stderr, _("archsim: not run: %s (the app asks before such a run)\n"), app->confirm_title);
            }
            while (run_active(app)) { /* ten frames a second, as the window draws them then */
                app_frame(app);
                SDL_Delay(100);
            }
            if (!app->res) code = 1;
        }
        if (sweep) {
            /* The Sweep tab's default sweep, as its button would start it, then its picture. */
            drawer_show(app, TAB_SWEEP);
            app_frame(app);
            if (!sweep_tab_start(app)) {
                fprintf(stderr, _("archsim: the sweep could not start: %s\n"), app->sv.error);
                code = 1;
            }
            while (app->sv.job) {
                app_frame(app);
                SDL_Delay(10);
            }
            if (!app->sv.result) code = 1;
        }
        if (tab_k >= 0) drawer_show(app, (DrawerTab)tab_k);
        app_frame(app);
        if (zoom_pct > 0) {
            /* Zoom at the middle of the board (after the drawer took its room). */
            Rect v = app->canvas_rc;
            canvas_zoom_at(app, v.x + v.w / 2, v.y + v.h / 2, zoom_pct / 100 / app->cam.zoom);
        }
        app_frame(app);
        if (hover) {
            /* Rest the mouse on the node, long enough for its tooltip. */
            int i = model_find_node(app->model, hover);
            if (i < 0) {
                fprintf(stderr, _("archsim: no node with id %s\n"), hover);
                code = 1;
            } else {
                Vec2 c = app_test_node_center(app, i);
                app_test_mouse_move(app, c.x, c.y);
                app->node_tip_since = SDL_GetTicks() - 5000;
                app->node_tip_node = i;
            }
        }
        app_frame(app);
        if (!app_screenshot(app, shot_out)) code = 1;
    } else {
        app_run(app);
    }
    app_destroy(app);
    return code;
}
