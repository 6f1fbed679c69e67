/*
 * icons.c - pictograms drawn by our own code: one per node kind (monitor, balancer,
 * gear, bolt, globe, queue, cylinder, bucket, cloud) and a few UI glyphs.
 *
 * Each icon is described in a unit square (0..1) mapped onto the target box, so the
 * same drawing serves the palette, the node header and the PNG export at any zoom.
 */
#include <math.h>

#include "theme.h"

typedef struct Box {
    Render *r;
    Rect b;
    float lw; /* stroke width in logical pixels */
    Color c;
} Box;

static Vec2 P(const Box *k, float u, float v)
{
    return vec2(k->b.x + u * k->b.w, k->b.y + v * k->b.h);
}

static void line(const Box *k, float u0, float v0, float u1, float v1)
{
    render_line(k->r, P(k, u0, v0), P(k, u1, v1), k->lw, k->c);
}

static void circle_line(const Box *k, float u, float v, float rad)
{
    render_circle_line(k->r, P(k, u, v), rad * k->b.w, k->lw, k->c);
}

static void dot(const Box *k, float u, float v, float rad)
{
    render_circle(k->r, P(k, u, v), rad * k->b.w, k->c);
}

static void fill3(const Box *k, float a, float b, float c, float d, float e, float f)
{
    Vec2 p[3] = {P(k, a, b), P(k, c, d), P(k, e, f)};
    render_convex(k->r, p, 3, k->c);
}

/* An ellipse arc from angle a0 to a1 (radians) as a polyline. */
static void arc(const Box *k, float u, float v, float ru, float rv, float a0, float a1)
{
    Vec2 p[25];
    for (int i = 0; i <= 24; i++) {
        float a = a0 + (a1 - a0) * (float)i / 24.0f;
        p[i] = P(k, u + cosf(a) * ru, v + sinf(a) * rv);
    }
    render_polyline(k->r, p, 25, k->lw, 0, k->c);
}

static void rrect_line(const Box *k, float u0, float v0, float u1, float v1, float rad)
{
    Vec2 a = P(k, u0, v0), b = P(k, u1, v1);
    render_round_rect_line(k->r, rect_make(a.x, a.y, b.x - a.x, b.y - a.y), rad * k->b.w, k->lw,
                           k->c);
}

static void rrect(const Box *k, float u0, float v0, float u1, float v1, float rad)
{
    Vec2 a = P(k, u0, v0), b = P(k, u1, v1);
    render_round_rect(k->r, rect_make(a.x, a.y, b.x - a.x, b.y - a.y), rad * k->b.w, k->c);
}

static void draw_kind(Render *r, NodeKind kind, Rect box, Color fg)
{
    Box k = {r, box, fmaxf(1.0f, box.w * 0.085f), fg};
    const float PI = 3.14159265f;
    switch (kind) {
    case NODE_CLIENT: /* a monitor */
        rrect_line(&k, 0.14f, 0.18f, 0.86f, 0.66f, 0.06f);
        line(&k, 0.5f, 0.66f, 0.5f, 0.8f);
        line(&k, 0.32f, 0.82f, 0.68f, 0.82f);
        break;
    case NODE_LOAD_BALANCER: /* one in, three out */
        dot(&k, 0.2f, 0.5f, 0.09f);
        line(&k, 0.2f, 0.5f, 0.78f, 0.2f);
        line(&k, 0.2f, 0.5f, 0.8f, 0.5f);
        line(&k, 0.2f, 0.5f, 0.78f, 0.8f);
        dot(&k, 0.8f, 0.2f, 0.07f);
        dot(&k, 0.82f, 0.5f, 0.07f);
        dot(&k, 0.8f, 0.8f, 0.07f);
        break;
    case NODE_SERVICE: /* a gear */
        circle_line(&k, 0.5f, 0.5f, 0.22f);
        for (int i = 0; i < 8; i++) {
            float a = (float)i * PI / 4;
            line(&k, 0.5f + cosf(a) * 0.27f, 0.5f + sinf(a) * 0.27f, 0.5f + cosf(a) * 0.38f,
                 0.5f + sinf(a) * 0.38f);
        }
        dot(&k, 0.5f, 0.5f, 0.07f);
        break;
    case NODE_CACHE: /* a lightning bolt */
        fill3(&k, 0.62f, 0.08f, 0.24f, 0.56f, 0.56f, 0.52f);
        fill3(&k, 0.44f, 0.46f, 0.76f, 0.44f, 0.38f, 0.92f);
        break;
    case NODE_CDN: /* a globe */
        circle_line(&k, 0.5f, 0.5f, 0.36f);
        arc(&k, 0.5f, 0.5f, 0.15f, 0.36f, -PI / 2, PI * 1.5f);
        line(&k, 0.14f, 0.5f, 0.86f, 0.5f);
        arc(&k, 0.5f, 0.06f, 0.3f, 0.2f, PI * 0.25f, PI * 0.75f);
        arc(&k, 0.5f, 0.94f, 0.3f, 0.2f, -PI * 0.75f, -PI * 0.25f);
        break;
    case NODE_QUEUE: /* messages in a row, leaving to the right */
        rrect(&k, 0.12f, 0.3f, 0.3f, 0.7f, 0.04f);
        rrect(&k, 0.36f, 0.3f, 0.54f, 0.7f, 0.04f);
        rrect(&k, 0.6f, 0.3f, 0.78f, 0.7f, 0.04f);
        fill3(&k, 0.82f, 0.38f, 0.94f, 0.5f, 0.82f, 0.62f);
        break;
    case NODE_DATABASE: /* a cylinder */
        arc(&k, 0.5f, 0.24f, 0.32f, 0.11f, 0, 2 * PI);
        line(&k, 0.18f, 0.24f, 0.18f, 0.76f);
        line(&k, 0.82f, 0.24f, 0.82f, 0.76f);
        arc(&k, 0.5f, 0.76f, 0.32f, 0.11f, 0, PI);
        arc(&k, 0.5f, 0.5f, 0.32f, 0.11f, 0, PI);
        break;
    case NODE_OBJECT_STORE: /* a bucket */
        arc(&k, 0.5f, 0.26f, 0.34f, 0.1f, 0, 2 * PI);
        line(&k, 0.16f, 0.26f, 0.28f, 0.8f);
        line(&k, 0.84f, 0.26f, 0.72f, 0.8f);
        arc(&k, 0.5f, 0.8f, 0.22f, 0.07f, 0, PI);
        break;
    case NODE_EXTERNAL_API: /* a cloud */
        dot(&k, 0.34f, 0.56f, 0.17f);
        dot(&k, 0.54f, 0.44f, 0.22f);
        dot(&k, 0.72f, 0.6f, 0.15f);
        rrect(&k, 0.2f, 0.56f, 0.86f, 0.75f, 0.08f);
        break;
    default: break;
    }
}

static void draw_ui_icon(Render *r, IconId id, Rect box, Color fg)
{
    Box k = {r, box, fmaxf(1.2f, box.w * 0.1f), fg};
    switch (id) {
    case ICON_PLAY: fill3(&k, 0.25f, 0.15f, 0.85f, 0.5f, 0.25f, 0.85f); break;
    case ICON_NEW: /* a sheet with a plus */
        rrect_line(&k, 0.2f, 0.1f, 0.8f, 0.9f, 0.06f);
        line(&k, 0.5f, 0.34f, 0.5f, 0.66f);
        line(&k, 0.34f, 0.5f, 0.66f, 0.5f);
        break;
    case ICON_OPEN: /* an open folder */
        rrect_line(&k, 0.08f, 0.22f, 0.5f, 0.36f, 0.04f);
        rrect_line(&k, 0.08f, 0.32f, 0.92f, 0.82f, 0.06f);
        line(&k, 0.2f, 0.5f, 0.8f, 0.5f);
        break;
    case ICON_SAVE: /* a floppy disk */
    case ICON_SAVE_AS:
        rrect_line(&k, 0.14f, 0.14f, 0.86f, 0.86f, 0.08f);
        rrect(&k, 0.32f, 0.14f, 0.68f, 0.38f, 0.02f);
        rrect_line(&k, 0.28f, 0.56f, 0.72f, 0.86f, 0.03f);
        if (id == ICON_SAVE_AS) line(&k, 0.62f, 0.98f, 0.98f, 0.62f); /* a pen stroke */
        break;
    case ICON_EXPORT: /* an arrow out of a box */
        rrect_line(&k, 0.14f, 0.38f, 0.86f, 0.88f, 0.06f);
        line(&k, 0.5f, 0.66f, 0.5f, 0.08f);
        line(&k, 0.5f, 0.08f, 0.3f, 0.3f);
        line(&k, 0.5f, 0.08f, 0.7f, 0.3f);
        break;
    case ICON_FOLDER:
        rrect(&k, 0.08f, 0.2f, 0.45f, 0.4f, 0.05f);
        rrect(&k, 0.08f, 0.3f, 0.92f, 0.82f, 0.06f);
        break;
    case ICON_FILE:
        rrect_line(&k, 0.2f, 0.1f, 0.8f, 0.9f, 0.06f);
        line(&k, 0.33f, 0.4f, 0.67f, 0.4f);
        line(&k, 0.33f, 0.58f, 0.67f, 0.58f);
        break;
    case ICON_UP:
        line(&k, 0.5f, 0.85f, 0.5f, 0.2f);
        line(&k, 0.5f, 0.18f, 0.25f, 0.45f);
        line(&k, 0.5f, 0.18f, 0.75f, 0.45f);
        break;
    case ICON_WARNING:
        fill3(&k, 0.5f, 0.08f, 0.95f, 0.9f, 0.05f, 0.9f);
        break;
    case ICON_CHECK:
        line(&k, 0.2f, 0.52f, 0.42f, 0.74f);
        line(&k, 0.42f, 0.74f, 0.82f, 0.3f);
        break;
    case ICON_CHEVRON_DOWN:
        line(&k, 0.25f, 0.38f, 0.5f, 0.63f);
        line(&k, 0.5f, 0.63f, 0.75f, 0.38f);
        break;
    case ICON_CHEVRON_RIGHT:
        line(&k, 0.38f, 0.25f, 0.63f, 0.5f);
        line(&k, 0.63f, 0.5f, 0.38f, 0.75f);
        break;
    case ICON_UNDO:
        arc(&k, 0.55f, 0.55f, 0.3f, 0.25f, -3.14159f, 0.9f);
        fill3(&k, 0.1f, 0.45f, 0.4f, 0.45f, 0.25f, 0.7f);
        break;
    case ICON_REDO:
        arc(&k, 0.45f, 0.55f, 0.3f, 0.25f, 2.24f, 6.28f);
        fill3(&k, 0.9f, 0.45f, 0.6f, 0.45f, 0.75f, 0.7f);
        break;
    case ICON_FIT:
        line(&k, 0.15f, 0.15f, 0.4f, 0.15f);
        line(&k, 0.15f, 0.15f, 0.15f, 0.4f);
        line(&k, 0.85f, 0.85f, 0.6f, 0.85f);
        line(&k, 0.85f, 0.85f, 0.85f, 0.6f);
        break;
    default: rrect_line(&k, 0.2f, 0.2f, 0.8f, 0.8f, 0.1f); break;
    }
}

/* The public entry points go through the renderer's mask cache: an icon is drawn once
 * per size and then only tinted and copied. */
static void kind_fn(Render *r, const void *ctx, Rect box, Color c)
{
    draw_kind(r, *(const NodeKind *)ctx, box, c);
}

static void ui_fn(Render *r, const void *ctx, Rect box, Color c)
{
    draw_ui_icon(r, *(const IconId *)ctx, box, c);
}

void icon_draw_kind(Render *r, NodeKind kind, Rect box, Color fg)
{
    render_cached(r, 0x4B1000ull + (uint64_t)kind, box, fg, kind_fn, &kind);
}

void icon_draw(Render *r, IconId id, Rect box, Color fg)
{
    render_cached(r, 0x1C0000ull + (uint64_t)id, box, fg, ui_fn, &id);
}
