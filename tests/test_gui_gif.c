/*
 * test_gui_gif.c - the animated GIF of a run: `archsim --export-gif` on a preset gives a
 * GIF that giflib reads back with a frame per 0.2 simulated seconds, each 20 hundredths
 * long, looping; frames after the first are only the rectangle that changed; the
 * composed frames differ as requests move and the time stamp advances, and a service
 * saturated by a surge mid-run turns red on the board; the same run gives the same bytes; and the
 * file stays small. ARCHSIM_GIF_FRAMES=1 writes the composed frames as PNGs beside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "gui_test.h"
#include "sim/engine.h"
#include "sim/layout.h"
#include "sim/model_json.h"
#include "sim/png_meta.h"
#include "sim/util.h"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s", gui_test_file("work"));
    mkdir(dir, 0700);
    return 0;
}

/* Compose frame k of a slurped GIF onto `canvas` (RGB, w x h), frames 0..k applied. */
static void compose(const GifFileType *g, int k, uint8_t *canvas)
{
    const ColorMapObject *map = g->SColorMap;
    for (int f = 0; f <= k; f++) {
        const SavedImage *im = &g->SavedImages[f];
        GraphicsControlBlock gcb;
        DGifSavedExtensionToGCB((GifFileType *)g, f, &gcb);
        const GifImageDesc *dsc = &im->ImageDesc;
        const ColorMapObject *cm = dsc->ColorMap ? dsc->ColorMap : map;
        for (int y = 0; y < dsc->Height; y++)
            for (int x = 0; x < dsc->Width; x++) {
                int idx = im->RasterBits[y * dsc->Width + x];
                if (idx == gcb.TransparentColor) continue;
                uint8_t *p = canvas + 3 * ((size_t)(dsc->Top + y) * (size_t)g->SWidth + (size_t)(dsc->Left + x));
                p[0] = cm->Colors[idx].Red;
                p[1] = cm->Colors[idx].Green;
                p[2] = cm->Colors[idx].Blue;
            }
    }
}

static int run_archsim(const char *args)
{
    char *cmd = xasprintf("SDL_VIDEODRIVER=offscreen '%s' %s >/dev/null", ARCHSIM_APP, args);
    int rc = system(cmd);
    free(cmd);
    return rc;
}

static void save_frame(const uint8_t *rgb, int w, int h, const char *path)
{
    uint8_t *rgba = xmalloc((size_t)w * h * 4);
    for (int i = 0; i < w * h; i++) {
        memcpy(rgba + 4 * i, rgb + 3 * i, 3);
        rgba[4 * i + 3] = 255;
    }
    DiagList d;
    diag_init(&d, path);
    size_t n = 0;
    unsigned char *png = png_meta_encode_rgba(rgba, w, h, w * 4, NULL, &n, &d);
    write_file_atomic(path, (const char *)png, n);
    free(png);
    free(rgba);
    diag_free(&d);
}

static void export_gif_shows_the_run_over_time(void **state)
{
    (void)state;
    char gif[400], again[400];
    snprintf(gif, sizeof gif, "%s/drill.gif", dir);
    snprintf(again, sizeof again, "%s/drill-again.gif", dir);
    /* traffic triples at 4 s: the service goes from half busy (green) to saturated (red) */
    char *args = xasprintf("--export-gif '%s' --seconds 8 '%s/tests/data/interop/surge.json'", gif, ARCHSIM_SOURCE_DIR);
    assert_int_equal(run_archsim(args), 0);
    free(args);
    args = xasprintf("--export-gif '%s' --seconds 8 '%s/tests/data/interop/surge.json'", again, ARCHSIM_SOURCE_DIR);
    assert_int_equal(run_archsim(args), 0);
    free(args);
    size_t la = 0, lb = 0;
    char *a = read_file(gif, &la), *b = read_file(again, &lb);
    assert_true(la == lb && memcmp(a, b, la) == 0); /* deterministic */
    free(a);
    free(b);
    fprintf(stderr, "surge, 8 s: %zu bytes\n", la);
    assert_true(la < 400 * 1024);

    int err = 0;
    GifFileType *g = DGifOpenFileName(gif, &err);
    assert_non_null(g);
    assert_int_equal(DGifSlurp(g), GIF_OK);
    assert_int_equal(g->ImageCount, 8 * 5);
    bool loops = false;
    for (int i = 0; i < g->SavedImages[0].ExtensionBlockCount; i++) {
        const ExtensionBlock *e = &g->SavedImages[0].ExtensionBlocks[i];
        loops |= e->Function == APPLICATION_EXT_FUNC_CODE && e->ByteCount == 11 && memcmp(e->Bytes, "NETSCAPE2.0", 11) == 0;
    }
    assert_true(loops);
    long full = (long)g->SWidth * g->SHeight, cut = 0;
    for (int f = 0; f < g->ImageCount; f++) {
        GraphicsControlBlock gcb;
        DGifSavedExtensionToGCB(g, f, &gcb);
        assert_int_equal(gcb.DelayTime, 20);
        const GifImageDesc *dsc = &g->SavedImages[f].ImageDesc;
        if (f == 0) assert_int_equal((long)dsc->Width * dsc->Height, full);
        else cut += (long)dsc->Width * dsc->Height < full;
    }
    assert_true(cut > g->ImageCount / 2); /* deltas, not whole frames */
    size_t npx = (size_t)g->SWidth * g->SHeight;
    uint8_t *f1 = xcalloc(npx, 3), *f2 = xcalloc(npx, 3), *f3 = xcalloc(npx, 3);
    compose(g, 5, f1);  /* t = 1 s */
    compose(g, 6, f2);  /* t = 1.2 s: requests have moved, the stamp changed */
    compose(g, 35, f3); /* t = 7 s: during the surge */
    size_t moved = 0;
    for (size_t i = 0; i < npx * 3; i++) moved += f1[i] != f2[i];
    assert_true(moved > 0);
    /* pixels of the alarm colours (amber, red borders): more during the failure */
    long warm1 = 0, warm3 = 0;
    for (size_t i = 0; i < npx; i++) {
        const uint8_t *p = f1 + 3 * i, *q = f3 + 3 * i;
        warm1 += p[0] > 200 && p[1] < 170 && p[2] < 100;
        warm3 += q[0] > 200 && q[1] < 170 && q[2] < 100;
    }
    fprintf(stderr, "alarm-coloured pixels: %ld at 1 s, %ld at 7 s\n", warm1, warm3);
    assert_true(warm3 > warm1 + 100);
    if (getenv("ARCHSIM_GIF_FRAMES")) {
        char p[400];
        snprintf(p, sizeof p, "%s/frame-5.png", dir);
        save_frame(f1, g->SWidth, g->SHeight, p);
        snprintf(p, sizeof p, "%s/frame-35.png", dir);
        save_frame(f3, g->SWidth, g->SHeight, p);
        fprintf(stderr, "frames in %s\n", dir);
    }
    free(f1);
    free(f2);
    free(f3);
    DGifCloseFile(g, &err);
}

static void export_gif_refuses_a_broken_file(void **state)
{
    (void)state;
    char bad[400], gif[400];
    snprintf(bad, sizeof bad, "%s/bad.json", dir);
    snprintf(gif, sizeof gif, "%s/bad.gif", dir);
    assert_int_equal(write_file_atomic(bad, "{\"format\": \"archsim/1\", \"nodes\": [", 34), 0);
    char *args = xasprintf("--export-gif '%s' '%s' 2>/dev/null", gif, bad);
    assert_int_not_equal(run_archsim(args), 0);
    free(args);
    assert_int_not_equal(access(gif, F_OK), 0);
}

static void record_button_writes_the_shown_run(void **state)
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
    /* nothing to record before a run: Export's GIF item is there, and off */
    assert_true(app_test_click_widget(app, "tb-export", -1));
    assert_true(app_test_click_widget(app, "tb-export", 2));
    assert_int_equal(app->modal, MODAL_NONE);
    app_test_key(app, SDLK_ESCAPE, 0);
    app->model->scenario.warmup_s = 2; /* a warm-up before the scenario's 10 s */
    assert_true(run_start(app));
    while (run_active(app)) {
        app_frame(app);
        SDL_Delay(5);
    }
    assert_non_null(app->res);
    app_frame(app);
    assert_true(app_test_click_widget(app, "tb-export", -1));
    assert_true(app_test_click_widget(app, "tb-export", 2));
    app_frame(app);
    assert_int_equal(app->modal, MODAL_FILE);
    assert_int_equal(app->fd.mode, FILE_RECORD);
    assert_true(strstr(app->fd.name, "-run.gif") != NULL);
    snprintf(app->fd.dir, sizeof app->fd.dir, "%s", dir);
    snprintf(app->fd.name, sizeof app->fd.name, "recorded.gif");
    app->ui.focus = 0; /* the name field as typed, not being edited */
    app_frame(app);
    assert_true(app_test_click_widget(app, "fd-ok", -1));
    app_frame(app);
    assert_int_equal(app->modal, MODAL_NONE);
    char path[400];
    snprintf(path, sizeof path, "%s/recorded.gif", dir);
    int err = 0;
    GifFileType *g = DGifOpenFileName(path, &err);
    assert_non_null(g);
    assert_int_equal(DGifSlurp(g), GIF_OK);
    assert_int_equal(g->ImageCount, 12 * 5); /* the warm-up and the scenario's 10 s */
    /* its stamp counts what the run simulated, warm-up included, and names the warm-up
     * (a GIF of a 35 s run's first 30 s said "of 30 s simulated") */
    const Results *r = app->res->mean;
    assert_true(r->warmup_s > 0.5);
    char stamp[120], want[120];
    export_gif_stamp(r, r->warmup_s / 2, stamp, sizeof stamp);
    snprintf(want, sizeof want, "t = %.1f s of %.0f s simulated (warm-up)", r->warmup_s / 2, r->warmup_s + r->duration_s);
    assert_string_equal(stamp, want);
    export_gif_stamp(r, r->warmup_s + 1, stamp, sizeof stamp);
    snprintf(want, sizeof want, "t = %.1f s of %.0f s simulated", r->warmup_s + 1, r->warmup_s + r->duration_s);
    assert_string_equal(stamp, want);
    DGifCloseFile(g, &err);
    app_destroy(app);
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(export_gif_shows_the_run_over_time),
        cmocka_unit_test(export_gif_refuses_a_broken_file),
        cmocka_unit_test(record_button_writes_the_shown_run),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
