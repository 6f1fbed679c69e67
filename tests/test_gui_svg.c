/*
 * test_gui_svg.c - the SVG export is the PNG export's picture: every preset is drawn
 * both ways by the same canvas code; the SVG is well-formed XML (libxml2), keeps its
 * text as text, is byte-identical when drawn twice, and rsvg-convert (Debian's
 * librsvg2-bin) renders it to within a small pixel difference of the PNG. With a run's
 * overlay the node colours come along.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL_image.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "gui_test.h"
#include "sim/layout.h"
#include "sim/model_json.h"
#include "sim/tr.h"
#include "sim/util.h"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s", gui_test_file("work"));
    mkdir(dir, 0700);
    return 0;
}

static Model *load(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ARCHSIM_SOURCE_DIR, rel);
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    diag_free(&d);
    assert_non_null(m);
    if (layout_needed(m)) layout_layered(m, NODE_W, NODE_H);
    return m;
}

static bool rsvg_convert(const char *svg, const char *png)
{
    pid_t pid = fork();
    if (pid == 0) {
        execlp("rsvg-convert", "rsvg-convert", "-o", png, svg, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* The boxes of the SVG's <text> elements (from their x list, baseline and size): where
 * the two font engines may draw glyphs differently. */
static uint8_t *text_mask(const char *svg_text, int w, int h)
{
    uint8_t *mask = xcalloc((size_t)w * (size_t)h, 1);
    xmlDocPtr doc = xmlReadMemory(svg_text, (int)strlen(svg_text), "m.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    /* texts are children of the root or of clip groups */
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        bool group = xmlStrcmp(n->name, (const xmlChar *)"g") == 0;
        for (xmlNodePtr c = group ? n->children : n; c; c = group ? c->next : NULL) {
            if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, (const xmlChar *)"text") != 0) continue;
            xmlChar *xs = xmlGetProp(c, (const xmlChar *)"x"), *ys = xmlGetProp(c, (const xmlChar *)"y"),
                    *fs = xmlGetProp(c, (const xmlChar *)"font-size");
            double x0 = atof((const char *)xs), y = atof((const char *)ys), size = atof((const char *)fs);
            const char *last = strrchr((const char *)xs, ' ');
            double x1 = last ? atof(last + 1) : x0;
            for (int yy = (int)(y - size * 1.1) - 1; yy <= (int)(y + size * 0.35) + 1; yy++)
                for (int xx = (int)x0 - 2; xx <= (int)(x1 + size) + 2; xx++)
                    if (xx >= 0 && yy >= 0 && xx < w && yy < h) mask[(size_t)yy * (size_t)w + (size_t)xx] = 1;
            xmlFree(xs);
            xmlFree(ys);
            xmlFree(fs);
        }
    }
    xmlFreeDoc(doc);
    return mask;
}

/* Share of pixels whose colours differ by more than 48 in some channel, outside the
 * text boxes (`mask`, may be NULL) and inside them, and the mean absolute difference
 * per channel. */
static void compare_masked(const char *a, const char *b, const char *svg_text, double *differ, double *in_text,
                           double *mean)
{
    SDL_Surface *x0 = IMG_Load(a), *y0 = IMG_Load(b);
    assert_non_null(x0);
    assert_non_null(y0);
    SDL_Surface *x = SDL_ConvertSurfaceFormat(x0, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_Surface *y = SDL_ConvertSurfaceFormat(y0, SDL_PIXELFORMAT_RGBA32, 0);
    assert_int_equal(x->w, y->w);
    assert_int_equal(x->h, y->h);
    uint8_t *mask = svg_text ? text_mask(svg_text, x->w, x->h) : NULL;
    long bad = 0, bad_text = 0, n_text = 0;
    double sum = 0;
    for (int j = 0; j < x->h; j++) {
        const uint8_t *p = (const uint8_t *)x->pixels + j * x->pitch, *q = (const uint8_t *)y->pixels + j * y->pitch;
        for (int i = 0; i < x->w; i++) {
            int worst = 0;
            for (int c = 0; c < 3; c++) {
                int dd = abs((int)p[4 * i + c] - (int)q[4 * i + c]);
                sum += dd;
                if (dd > worst) worst = dd;
            }
            bool text = mask && mask[(size_t)j * (size_t)x->w + (size_t)i];
            n_text += text;
            if (text) bad_text += worst > 48;
            else bad += worst > 48;
            /* ARCHSIM_SVG_DIFF=1: the differing pixels in red on the PNG, to look at */
            if (getenv("ARCHSIM_SVG_DIFF") && worst > 48) {
                uint8_t *w = (uint8_t *)x->pixels + j * x->pitch + 4 * i;
                w[0] = 255, w[1] = 0, w[2] = text ? 255 : 0;
            }
        }
    }
    if (getenv("ARCHSIM_SVG_DIFF")) {
        char *out = xasprintf("%s-diff.png", a);
        IMG_SavePNG(x, out);
        fprintf(stderr, "differences: %s\n", out);
        free(out);
    }
    long all = (long)x->w * x->h;
    *differ = (double)bad / (double)(all - n_text > 0 ? all - n_text : 1);
    *in_text = n_text ? (double)bad_text / (double)n_text : 0;
    *mean = sum / (3.0 * x->w * x->h);
    free(mask);
    SDL_FreeSurface(x0);
    SDL_FreeSurface(y0);
    SDL_FreeSurface(x);
    SDL_FreeSurface(y);
}

static char *slurp(const char *path)
{
    char *s = read_file(path, NULL);
    assert_non_null(s);
    return s;
}

static void svg_is_the_png_picture_for_every_preset(void **state)
{
    (void)state;
    static const char *const presets[] = {"scenarios/twitter-timeline.json", "scenarios/midsize-webapp.json",
                                          "scenarios/microservices-kafka.json", "scenarios/instagram-feed.json",
                                          "scenarios/kafka-partitions.json", "scenarios/url-shortener.json"};
    const char *font = render_find_font(NULL);
    assert_non_null(font);
    for (size_t k = 0; k < sizeof presets / sizeof *presets; k++) {
        Model *m = load(presets[k]);
        char png[400], svg[400], svg2[400], raster[400], err[300];
        snprintf(png, sizeof png, "%s/p%zu.png", dir, k);
        snprintf(svg, sizeof svg, "%s/p%zu.svg", dir, k);
        snprintf(svg2, sizeof svg2, "%s/p%zu-again.svg", dir, k);
        snprintf(raster, sizeof raster, "%s/p%zu-rsvg.png", dir, k);
        assert_true(export_picture(m, NULL, font, png, 1.0f, false, err, sizeof err));
        assert_true(export_picture(m, NULL, font, svg, 1.0f, true, err, sizeof err));
        assert_true(export_picture(m, NULL, font, svg2, 1.0f, true, err, sizeof err));
        char *a = slurp(svg), *b = slurp(svg2);
        assert_string_equal(a, b); /* deterministic */
        /* well-formed XML, its text as text */
        xmlDocPtr doc = xmlReadMemory(a, (int)strlen(a), "export.svg", NULL, XML_PARSE_NONET);
        assert_non_null(doc);
        xmlFreeDoc(doc);
        /* the board's dot grid is one pattern, not a rect per dot (1,870 rects and 132 KB
         * for Instagram's board; now 80 and 25 KB) */
        assert_non_null(strstr(a, "<pattern id=\"g1\""));
        int rects = 0;
        for (const char *p = strstr(a, "<rect"); p; p = strstr(p + 1, "<rect")) rects++;
        assert_true(rects < 40 * m->n_nodes + 40);
        for (int i = 0; i < m->n_nodes; i++) {
            const char *label = m->nodes[i].label ? m->nodes[i].label : m->nodes[i].id;
            char *needle = xasprintf(">%.3s", label); /* long names are split or shortened */
            if (!strstr(a, needle) && !strchr(label, '&') && !strchr(label, '<')) {
                fprintf(stderr, "%s: no text '%s' in the SVG\n", presets[k], needle);
                fail();
            }
            free(needle);
        }
        assert_true(rsvg_convert(svg, raster));
        double differ, in_text, mean;
        compare_masked(png, raster, a, &differ, &in_text, &mean);
        fprintf(stderr, "%s: %.3f%% of pixels outside text and %.2f%% inside text boxes differ by more than 48, "
                        "mean difference %.3f\n",
                presets[k], differ * 100, in_text * 100, mean);
        /* shapes, icons and colours are the same drawing: almost nothing differs outside
         * the text; glyphs are hinted and anti-aliased differently by SDL_ttf and cairo */
        assert_true(differ < 0.002);
        assert_true(in_text < 0.25);
        assert_true(mean < 2.0);
        free(a);
        free(b);
        model_destroy(m);
    }
}

static void svg_keeps_the_run_overlay_colours(void **state)
{
    (void)state;
    Model *m = load("scenarios/url-shortener.json");
    Color *fill = xcalloc((size_t)m->n_nodes, sizeof *fill), *border = xcalloc((size_t)m->n_nodes, sizeof *border);
    for (int i = 0; i < m->n_nodes; i++) {
        fill[i] = hex(0xFDECEC);
        border[i] = hex(0xC81E1E);
    }
    ExportLook look = {fill, border, NULL, NULL};
    char svg[400], err[300];
    snprintf(svg, sizeof svg, "%s/overlay.svg", dir);
    assert_true(export_picture(m, &look, render_find_font(NULL), svg, 1.0f, true, err, sizeof err));
    char *a = slurp(svg);
    assert_non_null(strstr(a, "#C81E1E"));
    free(a);
    free(fill);
    free(border);
    model_destroy(m);
}

static void board_export_after_a_run_has_the_overlay_in_both_formats(void **state)
{
    (void)state;
    char settings[400];
    snprintf(settings, sizeof settings, "%s/settings.json", dir);
    AppConfig cfg = {.width = 1280, .height = 800, .autosave_ms = -1, .hidden = true, .no_recovery = true,
                     .recovery_path = gui_test_file("recovery.json"), .settings_path = settings,
                     .file = ARCHSIM_SOURCE_DIR "/tests/data/interop/surge.json"};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_frame(app);
    assert_true(run_start(app));
    while (run_active(app)) {
        app_frame(app);
        SDL_Delay(5);
    }
    assert_non_null(app->res);
    app_frame(app);
    char png[400], svg[400], raster[400], err[300];
    snprintf(png, sizeof png, "%s/board.png", dir);
    snprintf(svg, sizeof svg, "%s/board.svg", dir);
    snprintf(raster, sizeof raster, "%s/board-rsvg.png", dir);
    assert_true(export_board(app, png, 1.0f, false, err, sizeof err));
    assert_true(export_board(app, svg, 1.0f, true, err, sizeof err));
    char *a = slurp(svg);
    assert_non_null(strstr(a, "Bottleneck: api")); /* the callout */
    assert_non_null(strstr(a, " rps")); /* the badges */
    assert_true(rsvg_convert(svg, raster));
    double differ, in_text, mean;
    compare_masked(png, raster, a, &differ, &in_text, &mean);
    fprintf(stderr, "board after a run: %.3f%% of pixels outside text and %.2f%% inside differ, mean %.3f\n",
            differ * 100, in_text * 100, mean);
    assert_true(differ < 0.002);
    assert_true(in_text < 0.25);
    free(a);
    /* the window is as it was */
    app_frame(app);
    assert_true(app->canvas_rc.w > 400);
    app_destroy(app);
}

/* A picture is drawn in the language asked: `archsim --export-svg OUT --lang uk FILE` drew
 * it in English, and the app's own export in Russian kept the English title. Its title,
 * labels and figures are the language's. */
static void a_picture_speaks_the_language_asked(void **state)
{
    (void)state;
    char svg[400];
    snprintf(svg, sizeof svg, "%s/uk.svg", dir);
    const char *file = ARCHSIM_SOURCE_DIR "/scenarios/twitter-timeline.json";
    const char *want[] = {"\xD0\x94\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x88\xD0\xBD\xD1\x8F \xD1\x81\xD1\x82\xD1\x80\xD1\x96\xD1\x87\xD0\xBA\xD0\xB0 Twitter", /* Домашня стрічка Twitter */
                          "\xD0\x9A\xD0\xB5\xD1\x88 \xD1\x81\xD1\x82\xD1\x80\xD1\x96\xD1\x87\xD0\xBE\xD0\xBA", /* Кеш стрічок */
                          "\xD0\xB2\xD0\xBE\xD1\x80\xD0\xBA\xD0\xB5\xD1\x80\xD0\xB8"}; /* воркери */
    tr_set_lang("uk");
    int code = export_picture_cli(file, svg, 1.0f, NULL, true);
    tr_set_lang("en");
    assert_int_equal(code, 0);
    char *text = slurp(svg);
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) assert_non_null(strstr(text, want[k]));
    assert_null(strstr(text, "Twitter home timeline"));
    free(text);
    /* the command line's --lang, when the binary is built beside the tests */
    if (access("./archsim", X_OK) == 0) {
        char *cmd = xasprintf("env -u DISPLAY -u WAYLAND_DISPLAY ./archsim --export-svg %s --lang uk %s >/dev/null", svg, file);
        assert_int_equal(system(cmd), 0);
        free(cmd);
        text = slurp(svg);
        assert_non_null(strstr(text, want[0]));
        free(text);
        cmd = xasprintf("./archsim --export-svg %s --lang xx %s 2>/dev/null", svg, file);
        assert_int_equal(WEXITSTATUS(system(cmd)), 2); /* an unknown language is refused */
        free(cmd);
    }
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(svg_is_the_png_picture_for_every_preset),
        cmocka_unit_test(svg_keeps_the_run_overlay_colours),
        cmocka_unit_test(board_export_after_a_run_has_the_overlay_in_both_formats),
        cmocka_unit_test(a_picture_speaks_the_language_asked),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
