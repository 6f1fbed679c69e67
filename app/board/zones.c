/*
 * zones.c - zones drawn on the board behind the nodes: each zone of scenario.zones is
 * the box around the nodes placed in it (a node's `zone`), labelled with the zone and its
 * region; a zone a run's events took down is greyed. Dropping a node into another zone's
 * box places it there (canvas.c). Spread nodes (`zones`) belong to no box: their subtitle
 * says where they run.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/tr.h"
#include "sim/util.h"

#define ZONE_PAD 26.0f   /* board units around the nodes */
#define ZONE_LABEL 40.0f /* room for the label above them, clear of the nodes' event tags */

int zones_rects(const Model *m, const uint8_t *skip, Rect *out)
{
    const Scenario *s = &m->scenario;
    int shown = 0;
    for (int z = 0; z < s->n_zones; z++) {
        float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (int i = 0; i < m->n_nodes; i++) {
            const Node *n = &m->nodes[i];
            if ((skip && skip[i]) || !n->zone || !s->zones[z].id || strcmp(n->zone, s->zones[z].id) != 0) continue;
            x0 = fminf(x0, (float)n->x);
            y0 = fminf(y0, (float)n->y);
            x1 = fmaxf(x1, (float)n->x + NODE_W);
            y1 = fmaxf(y1, (float)n->y + NODE_H);
        }
        if (x0 > x1) {
            out[z] = rect_make(0, 0, 0, 0);
            continue;
        }
        out[z] = rect_make(x0 - ZONE_PAD, y0 - ZONE_PAD - ZONE_LABEL, x1 - x0 + 2 * ZONE_PAD,
                           y1 - y0 + 2 * ZONE_PAD + ZONE_LABEL);
        shown++;
    }
    return shown;
}

int zones_at(const Model *m, const Rect *rects, double bx, double by)
{
    int best = -1;
    float area = INFINITY;
    for (int z = 0; z < m->scenario.n_zones; z++) {
        Rect r = rects[z];
        if (r.w <= 0 || !rect_contains(r, (float)bx, (float)by)) continue;
        if (r.w * r.h < area) { /* the innermost when boxes overlap */
            area = r.w * r.h;
            best = z;
        }
    }
    return best;
}

/* A soft colour per region, the same for all its zones. */
static Color region_color(const Scenario *s, int z)
{
    static const uint32_t pal[] = {0x2563EB, 0x059669, 0xD97706, 0x7C3AED, 0xDB2777, 0x0891B2};
    const char *reg = scenario_zone_region(s, z);
    int k = 0;
    for (int y = 0; y < s->n_zones; y++) {
        const char *ry = scenario_zone_region(s, y);
        if (ry && reg && strcmp(ry, reg) == 0) break;
        bool first = true; /* count distinct regions before it */
        for (int w = 0; w < y; w++)
            if (strcmp(scenario_zone_region(s, w), ry) == 0) first = false;
        k += first;
    }
    return hex(pal[k % (int)(sizeof pal / sizeof *pal)]);
}

void zones_draw(Render *r, const Scene *s)
{
    const Model *m = s->model;
    int nz = m->scenario.n_zones;
    if (nz == 0) return;
    Rect *rects = xcalloc((size_t)nz, sizeof *rects);
    zones_rects(m, s->zone_skip, rects);
    float zm = (float)s->cam.zoom;
    for (int z = 0; z < nz; z++) {
        if (rects[z].w <= 0) continue;
        Vec2 a = cam_to_screen(&s->cam, s->view, rects[z].x, rects[z].y);
        Rect sr = {a.x, a.y, rects[z].w * zm, rects[z].h * zm};
        bool down = s->zone_down && s->zone_down[z];
        Color c = down ? hex(0x6B7280) : region_color(&m->scenario, z);
        render_round_rect(r, sr, 12 * zm, with_alpha(c, down ? 60 : 18));
        render_round_rect_dashed(r, sr, 12 * zm, 1.5f, 6, with_alpha(c, down ? 200 : 150));
        if (zm < 0.3f) continue;
        char label[160];
        const char *reg = scenario_zone_region(&m->scenario, z);
        const char *id = m->scenario.zones[z].id ? m->scenario.zones[z].id : "?";
        if (down)
            snprintf(label, sizeof label, "%s \xC2\xB7 %s", id, _("down"));
        else if (reg && strcmp(reg, id) != 0)
            snprintf(label, sizeof label, "%s \xC2\xB7 %s", id, reg);
        else
            snprintf(label, sizeof label, "%s", id);
        float fs = fmaxf(10.0f, 12.0f * fminf(zm, 1.2f));
        render_text_clipped(r, FONT_BOLD, fs, roundf(sr.x + 10 * zm), roundf(sr.y + 6 * zm), label,
                            sr.w - 16 * zm, with_alpha(c, 230));
    }
    free(rects);
}

/* Zones that an event of the last run's model took down (zone or region), by index. */
void zones_failed(const Model *m, uint8_t *down)
{
    const Scenario *s = &m->scenario;
    for (int z = 0; z < s->n_zones; z++) {
        down[z] = 0;
        for (int e = 0; e < s->n_events; e++) {
            const ScenarioEvent *ev = &s->events[e];
            if (ev->action != EVENT_FAIL) continue;
            if ((ev->zone && s->zones[z].id && strcmp(ev->zone, s->zones[z].id) == 0) ||
                (ev->region && strcmp(scenario_zone_region(s, z), ev->region) == 0))
                down[z] = 1;
        }
    }
}
