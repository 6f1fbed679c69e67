/*
 * test_gui_render.c - the app's own rasteriser and text: coverage-based shapes, the
 * icon mask cache, UTF-8-safe text fitting, number formatting for labels. Draws into
 * memory (no window).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "gui_test.h"

static Render *r;

static int setup(void **state)
{
    (void)state;
    if (TTF_Init() != 0) return -1;
    const char *font = render_find_font(NULL);
    if (!font) return -1;
    r = render_create(NULL, font);
    return r ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    render_destroy(r);
    TTF_Quit();
    return 0;
}

static uint32_t px(int x, int y)
{
    SDL_Surface *s = render_surface(r);
    return ((const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch))[x] & 0xFFFFFFu;
}

static void filled_shapes_cover_inside_and_blend_the_edge(void **state)
{
    (void)state;
    render_begin_size(r, 100, 60);
    render_clear(r, hex(0xFFFFFF));
    render_round_rect(r, rect_make(10.5f, 10, 50, 30), 8, hex(0x000000));
    render_end(r);
    assert_int_equal(px(35, 25), 0x000000);  /* inside */
    assert_int_equal(px(80, 25), 0xFFFFFF);  /* outside */
    assert_int_equal(px(5, 5), 0xFFFFFF);
    /* The left edge sits on a half pixel: that column is half covered (grey). */
    uint32_t g = px(10, 25) & 255;
    assert_true(g > 90 && g < 165);
    /* The corner is rounded: the bounding box corner pixel stays white. */
    assert_int_equal(px(10, 10), 0xFFFFFF);
}

static void strokes_are_anti_aliased_and_joints_not_doubled(void **state)
{
    (void)state;
    render_begin_size(r, 80, 80);
    render_clear(r, hex(0xFFFFFF));
    Vec2 pts[3] = {vec2(10, 10), vec2(40, 40.5f), vec2(70, 10)};
    render_polyline(r, pts, 3, 2, 0, with_alpha(hex(0x000000), 128));
    render_end(r);
    /* At the joint the half-transparent stroke is as dark as elsewhere on it. */
    uint32_t joint = px(40, 39) & 255, mid = px(25, 25) & 255;
    assert_true(joint < 200 && mid < 200);
    assert_true(abs((int)joint - (int)mid) < 40);
    /* Some pixels are partly covered: the line is smooth, not stair-stepped. */
    int partial = 0;
    for (int x = 0; x < 80; x++) {
        uint32_t v = px(x, 20) & 255;
        partial += v > 140 && v < 250;
    }
    assert_true(partial >= 2);
}

static void every_kind_has_its_own_icon(void **state)
{
    (void)state;
    uint32_t sig[NODE_KIND_COUNT];
    for (int k = 0; k < NODE_KIND_COUNT; k++) {
        render_begin_size(r, 40, 40);
        render_clear(r, hex(0xFFFFFF));
        icon_draw_kind(r, (NodeKind)k, rect_make(4, 4, 32, 32), hex(0x000000));
        render_end(r);
        uint32_t h = 2166136261u;
        int ink = 0;
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 40; x++) {
                uint32_t v = px(x, y) & 255;
                ink += v < 128;
                h = (h ^ v) * 16777619u;
            }
        assert_true(ink > 20); /* something is drawn */
        sig[k] = h;
        for (int j = 0; j < k; j++) assert_true(sig[j] != sig[k]);
    }
    /* Drawn again from the cache, an icon is the same picture. */
    render_begin_size(r, 40, 40);
    render_clear(r, hex(0xFFFFFF));
    icon_draw_kind(r, NODE_DATABASE, rect_make(4, 4, 32, 32), hex(0x000000));
    render_end(r);
    uint32_t h = 2166136261u;
    for (int y = 0; y < 40; y++)
        for (int x = 0; x < 40; x++) h = (h ^ (px(x, y) & 255)) * 16777619u;
    assert_true(h == sig[NODE_DATABASE]);
}

static void text_fits_on_character_boundaries(void **state)
{
    (void)state;
    const char *s = "Сервис заказов";
    float w = render_text_width(r, FONT_REGULAR, 13, s);
    assert_true(w > 50);
    int n = render_text_fit(r, FONT_REGULAR, 13, s, w / 2);
    assert_true(n > 0 && n < (int)strlen(s));
    assert_true(((unsigned char)s[n] & 0xC0) != 0x80); /* not inside a character */
    assert_int_equal(render_text_fit(r, FONT_REGULAR, 13, s, w + 1), (int)strlen(s));
    render_begin_size(r, 200, 30);
    render_clear(r, hex(0xFFFFFF));
    float drawn = render_text_clipped(r, FONT_REGULAR, 13, 2, 2, s, 60, hex(0x000000));
    assert_true(drawn <= 61);
}

static void numbers_on_the_board_read_like_people_write_them(void **state)
{
    (void)state;
    char b[32];
    fmt_num(300000, b, sizeof b);
    assert_string_equal(b, "300k");
    fmt_num(4600, b, sizeof b);
    assert_string_equal(b, "4.6k");
    fmt_num(1500000, b, sizeof b);
    assert_string_equal(b, "1.5M");
    fmt_num(0.25, b, sizeof b);
    assert_string_equal(b, "0.25");
    fmt_num(25, b, sizeof b);
    assert_string_equal(b, "25");
    Edge e;
    edge_defaults(&e);
    char label[160];
    edge_label_text(&e, label, sizeof label);
    assert_string_equal(label, ""); /* defaults say nothing */
    e.latency_ms = 25;
    e.mode = EDGE_ASYNC;
    e.fanout = dist_const(75);
    edge_label_text(&e, label, sizeof label);
    assert_string_equal(label, "async \xC2\xB7 fan-out \xC3\x97" "75 \xC2\xB7 25 ms");
}

int main(void)
{
    gui_test_isolate();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(filled_shapes_cover_inside_and_blend_the_edge),
        cmocka_unit_test(strokes_are_anti_aliased_and_joints_not_doubled),
        cmocka_unit_test(every_kind_has_its_own_icon),
        cmocka_unit_test(text_fits_on_character_boundaries),
        cmocka_unit_test(numbers_on_the_board_read_like_people_write_them),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
