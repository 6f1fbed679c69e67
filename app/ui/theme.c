/*
 * theme.c - the colour and size values of the light theme and per-kind styling.
 */
#include "theme.h"
#include "sim/tr.h"

#include "sim/look.h"

const Theme theme = {
    .canvas = {0xF4, 0xF5, 0xF7, 255},
    .grid_dot = {0xCF, 0xD4, 0xDC, 255},
    .panel = {0xFF, 0xFF, 0xFF, 255},
    .panel_alt = {0xF8, 0xF9, 0xFB, 255},
    .border = {0xE3, 0xE6, 0xEA, 255},
    .border_strong = {0xC9, 0xCE, 0xD6, 255},
    .text = {0x11, 0x18, 0x27, 255},
    .text_dim = {0x4B, 0x55, 0x63, 255},
    .text_faint = {0x8A, 0x93, 0xA0, 255},
    .text_on_accent = {0xFF, 0xFF, 0xFF, 255},
    .accent = {0x25, 0x63, 0xEB, 255},
    .accent_soft = {0xE8, 0xF0, 0xFE, 255},
    .accent_hover = {0x1D, 0x4E, 0xD8, 255},
    .danger = {0xC8, 0x1E, 0x1E, 255},
    .danger_soft = {0xFD, 0xEC, 0xEC, 255},
    .warning = {0xB4, 0x5A, 0x09, 255},
    .ok = {0x10, 0x9F, 0x6B, 255},
    .node_fill = {0xFF, 0xFF, 0xFF, 255},
    .node_border = {0xCB, 0xD1, 0xD9, 255},
    .node_shadow = {0x1F, 0x29, 0x37, 20},
    .edge = {0x6B, 0x72, 0x80, 255},
    .edge_selected = {0x25, 0x63, 0xEB, 255},
    .button = {0xFF, 0xFF, 0xFF, 255},
    .button_hover = {0xF1, 0xF3, 0xF6, 255},
    .button_active = {0xE4, 0xE8, 0xEE, 255},
    .field = {0xFF, 0xFF, 0xFF, 255},
    .field_focus = {0xFF, 0xFF, 0xFF, 255},
    .selection = {0x25, 0x63, 0xEB, 255},
    .rubber_fill = {0x25, 0x63, 0xEB, 28},
    .overlay = {0x11, 0x18, 0x27, 90},
    .ui_font = 13.0f,
    .small_font = 11.5f,
    .title_font = 15.0f,
    .toolbar_h = 48.0f,
    .status_h = 26.0f,
    .palette_w = 176.0f,
    .inspector_w = 300.0f,
    .pad = 12.0f,
    .row_h = 30.0f,
    .radius = 6.0f,
};

Color kind_color(NodeKind k) { return hex(look_kind_rgb(k)); }

const char *kind_title(NodeKind k) { return _(look_kind_title(k)); }

const char *kind_label(NodeKind k)
{
    /* TRANSLATORS: the label a node of this kind gets when placed, shown in its box on the
       board, where about 13 letters fit (with " 2" after it for the second one): a short
       form of the kind's name where that is long ("Балансер", "Хранилище"). */
    static const char *const t[NODE_KIND_COUNT][2] = {
        {NC_("new node", "Client")},   {NC_("new node", "Load balancer")}, {NC_("new node", "Service")},
        {NC_("new node", "Cache")},    {NC_("new node", "CDN")},           {NC_("new node", "Queue")},
        {NC_("new node", "Database")}, {NC_("new node", "Object store")},  {NC_("new node", "External API")}};
    return (unsigned)k < NODE_KIND_COUNT ? tr_pgettext(t[k][0], t[k][1]) : "?";
}

const char *kind_plural(NodeKind k)
{
    static const char *const t[NODE_KIND_COUNT] = {
        N_("Clients"), N_("Load balancer"), N_("Service"), N_("Cache"), N_("CDN"),
        N_("Queue"), N_("Database"), N_("Object store"), N_("External API")};
    return (unsigned)k < NODE_KIND_COUNT ? _(t[k]) : "?";
}

Color tint(Color c, float t)
{
    Color o;
    o.r = (uint8_t)(c.r + (255 - c.r) * t);
    o.g = (uint8_t)(c.g + (255 - c.g) * t);
    o.b = (uint8_t)(c.b + (255 - c.b) * t);
    o.a = c.a;
    return o;
}
