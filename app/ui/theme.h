/*
 * theme.h - the look: colours, sizes and per-kind styling, in one place.
 *
 * A calm light theme: grey-white canvas with a dot grid, white panels with hairline
 * borders, one blue accent, and a distinct colour per node kind (the palette tile,
 * the node's side bar and its icon share it).
 */
#ifndef APP_THEME_H
#define APP_THEME_H

#include "render.h"
#include "sim/look.h"
#include "sim/model.h"

typedef struct Theme {
    Color canvas, grid_dot, panel, panel_alt, border, border_strong;
    Color text, text_dim, text_faint, text_on_accent;
    Color accent, accent_soft, accent_hover;
    Color danger, danger_soft, warning, ok;
    Color node_fill, node_border, node_shadow, edge, edge_selected;
    Color button, button_hover, button_active, field, field_focus;
    Color selection, rubber_fill, overlay;
    float ui_font, small_font, title_font;
    float toolbar_h, status_h, palette_w, inspector_w;
    float pad, row_h, radius;
} Theme;

extern const Theme theme;

/* Board geometry of a node box (x, y is its top-left corner). */
#define NODE_W ((float)LOOK_NODE_W)
#define NODE_H ((float)LOOK_NODE_H)
#define GRID ((float)LOOK_GRID)

Color kind_color(NodeKind k);
/* Human name of a kind, singular ("Load balancer") and for the palette ("Load balancers"). */
const char *kind_title(NodeKind k);
/* The label a new node of kind k gets, in the current language: the kind's name, shorter
 * where it would not fit its box ("Балансер" for "Балансувальник"). */
const char *kind_label(NodeKind k);
const char *kind_plural(NodeKind k);
/* A lighter tint of `c` mixed with white by `t` (0..1). */
Color tint(Color c, float t);

/* The kind's pictogram, drawn in `fg` inside the square `box` (icons.c). */
void icon_draw_kind(Render *r, NodeKind k, Rect box, Color fg);

typedef enum IconId {
    ICON_NEW, ICON_OPEN, ICON_SAVE, ICON_SAVE_AS, ICON_EXPORT, ICON_UNDO, ICON_REDO,
    ICON_PLAY, ICON_FOLDER, ICON_FILE, ICON_UP, ICON_HELP, ICON_WARNING, ICON_CHECK,
    ICON_CHEVRON_DOWN, ICON_CHEVRON_RIGHT, ICON_FIT, ICON_COUNT
} IconId;
/* A toolbar / dialog icon in `fg`, centred in `box`. */
void icon_draw(Render *r, IconId id, Rect box, Color fg);

#endif
