/*
 * widgets.c - the immediate-mode widget layer (see widgets.h).
 *
 * A pass: ui_feed() for each SDL event, ui_begin(), the widget declarations, ui_end().
 * Widgets look at `ui->in` (the input of this pass), keep the little state they need
 * in the Ui (hot, active, focused ids, the text being edited, the open popup), and
 * push draw commands to the list of their layer.
 */
#include "widgets.h"

#include "sim/tr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/util.h"
#include "theme.h"

void ui_init(Ui *ui, Render *r)
{
    memset(ui, 0, sizeof *ui);
    ui->r = r;
    ui->in.mx = ui->in.my = -1;
}

void ui_free(Ui *ui)
{
    for (int l = 0; l < UI_LAYER_COUNT; l++) free(ui->lists[l].cmds);
    free(ui->arena);
    free(ui->edit);
    free(ui->commit);
    free(ui->audit_items);
    memset(ui, 0, sizeof *ui);
}

UiId ui_id(const char *name) { return (UiId)hash_str(name) | 1u; }

UiId ui_idn(const char *name, int n)
{
    uint64_t h = hash_str(name) ^ ((uint64_t)(unsigned)n * 0x9E3779B97F4A7C15ull);
    return (UiId)(h ^ (h >> 32)) | 1u;
}

static void grow_text(char **buf, int *cap, size_t need);

/* ---- input -------------------------------------------------------------------------- */

static int button_index(uint8_t b)
{
    switch (b) {
    case SDL_BUTTON_LEFT: return UI_MOUSE_LEFT;
    case SDL_BUTTON_MIDDLE: return UI_MOUSE_MIDDLE;
    case SDL_BUTTON_RIGHT: return UI_MOUSE_RIGHT;
    default: return -1;
    }
}

static void update_mod(UiInput *in, SDL_Keycode sym, bool down)
{
    uint16_t bit = 0;
    switch (sym) {
    case SDLK_LSHIFT: bit = KMOD_LSHIFT; break;
    case SDLK_RSHIFT: bit = KMOD_RSHIFT; break;
    case SDLK_LCTRL: bit = KMOD_LCTRL; break;
    case SDLK_RCTRL: bit = KMOD_RCTRL; break;
    case SDLK_LALT: bit = KMOD_LALT; break;
    case SDLK_RALT: bit = KMOD_RALT; break;
    case SDLK_LGUI: bit = KMOD_LGUI; break;
    case SDLK_RGUI: bit = KMOD_RGUI; break;
    default: return;
    }
    if (down)
        in->mod |= bit;
    else
        in->mod &= (uint16_t)~bit;
}

void ui_feed(Ui *ui, const SDL_Event *ev)
{
    UiInput *in = &ui->in;
    switch (ev->type) {
    case SDL_MOUSEMOTION:
        in->mx = (float)ev->motion.x;
        in->my = (float)ev->motion.y;
        in->moved = true;
        break;
    case SDL_MOUSEBUTTONDOWN: {
        int b = button_index(ev->button.button);
        in->mx = (float)ev->button.x;
        in->my = (float)ev->button.y;
        if (b < 0) break;
        in->down[b] = true;
        in->pressed[b] = true;
        if (b == UI_MOUSE_LEFT) {
            in->clicks = ev->button.clicks;
            in->press_x = in->mx;
            in->press_y = in->my;
        }
        break;
    }
    case SDL_MOUSEBUTTONUP: {
        int b = button_index(ev->button.button);
        in->mx = (float)ev->button.x;
        in->my = (float)ev->button.y;
        if (b < 0) break;
        in->down[b] = false;
        in->released[b] = true;
        break;
    }
    case SDL_MOUSEWHEEL: {
        float dx = (float)ev->wheel.x, dy = (float)ev->wheel.y;
#if SDL_VERSION_ATLEAST(2, 0, 18)
        if (ev->wheel.preciseY != 0 || ev->wheel.preciseX != 0) {
            dx = ev->wheel.preciseX;
            dy = ev->wheel.preciseY;
        }
#endif
        if (ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED) {
            dx = -dx;
            dy = -dy;
        }
        in->wheel_x += dx;
        in->wheel_y += dy;
        break;
    }
    case SDL_KEYDOWN:
        update_mod(in, ev->key.keysym.sym, true);
        in->mod = (uint16_t)((in->mod & ~(KMOD_SHIFT | KMOD_CTRL | KMOD_ALT | KMOD_GUI)) |
                             (ev->key.keysym.mod & (KMOD_SHIFT | KMOD_CTRL | KMOD_ALT | KMOD_GUI)));
        update_mod(in, ev->key.keysym.sym, true);
        if (in->n_keys < 32) {
            UiKey *k = &in->keys[in->n_keys++];
            k->sym = ev->key.keysym.sym;
            k->mod = in->mod;
            k->used = false;
        }
        break;
    case SDL_KEYUP:
        in->mod = (uint16_t)(ev->key.keysym.mod & (KMOD_SHIFT | KMOD_CTRL | KMOD_ALT | KMOD_GUI));
        update_mod(in, ev->key.keysym.sym, false);
        break;
    case SDL_TEXTINPUT: {
        size_t have = strlen(in->text), add = strlen(ev->text.text);
        if (have + add < sizeof in->text) memcpy(in->text + have, ev->text.text, add + 1);
        break;
    }
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST) in->mod = 0;
        if (ev->window.event == SDL_WINDOWEVENT_LEAVE) {
            in->mx = in->my = -1;
            in->moved = true;
        }
        break;
    default: break;
    }
}

static void arena_reset(Ui *ui) { ui->n_arena = 0; }

static int arena_put(Ui *ui, const char *s)
{
    int n = (int)strlen(s) + 1;
    if (ui->n_arena + n > ui->cap_arena) {
        int cap = ui->cap_arena ? ui->cap_arena : 16384;
        while (cap < ui->n_arena + n) cap *= 2;
        ui->arena = xrealloc(ui->arena, (size_t)cap);
        ui->cap_arena = cap;
    }
    memcpy(ui->arena + ui->n_arena, s, (size_t)n);
    int at = ui->n_arena;
    ui->n_arena += n;
    return at;
}

void ui_begin(Ui *ui)
{
    for (int l = 0; l < UI_LAYER_COUNT; l++) ui->lists[l].n_cmds = 0;
    arena_reset(ui);
    ui->layer = UI_BASE;
    ui->top_layer_next = UI_BASE;
    ui->hot_next = 0;
    ui->clip_on = false;
    ui->n_seen = 0;
    ui->cut_tip[0] = 0;
    ui->n_audit = 0;
    UiInput *in = &ui->in;
    /* A click outside the focused field commits it (the field submits when declared). */
    if (ui->focus && (in->pressed[UI_MOUSE_LEFT] || in->pressed[UI_MOUSE_RIGHT]) &&
        !rect_contains(ui->focus_rect, in->mx, in->my)) {
        ui->commit_id = ui->focus;
        const char *t = ui->edit ? ui->edit : "";
        grow_text(&ui->commit, &ui->commit_cap, strlen(t) + 1);
        memcpy(ui->commit, t, strlen(t) + 1);
        ui->focus = 0;
        SDL_StopTextInput();
    }
    /* A click outside an open popup closes it and is swallowed. */
    if (ui->popup_id && in->pressed[UI_MOUSE_LEFT] && !ui->popup_new &&
        !rect_contains(ui->popup_rect, in->mx, in->my)) {
        ui->popup_id = 0;
        in->pressed[UI_MOUSE_LEFT] = false;
        ui->top_layer = UI_BASE;
    }
    ui->popup_new = false;
    if (ui->popup_id) ui->top_layer = ui->top_layer > UI_POPUP ? ui->top_layer : UI_POPUP;
}

void ui_end(Ui *ui)
{
    UiInput *in = &ui->in;
    /* A focused field that was not declared any more (its panel went away) lets go, so
     * the keyboard shortcuts work again. */
    if (ui->focus && !ui->focus_seen) {
        ui->focus = 0;
        SDL_StopTextInput();
    }
    ui->focus_seen = false;
    if (ui->popup_id && ui->top_layer_next < UI_POPUP) ui->top_layer_next = UI_POPUP;
    ui->top_layer = ui->top_layer_next;
    ui->hot = ui->hot_next;
    if (in->released[UI_MOUSE_LEFT]) ui->active = 0;
    for (int b = 0; b < UI_MOUSE_COUNT; b++) in->pressed[b] = in->released[b] = false;
    in->wheel_x = in->wheel_y = 0;
    in->text[0] = 0;
    in->n_keys = 0;
    in->moved = false;
    ui->commit_id = 0;
}

void ui_set_layer(Ui *ui, UiLayer layer) { ui->layer = layer; }

void ui_open_modal(Ui *ui)
{
    if (ui->top_layer_next < UI_MODAL) ui->top_layer_next = UI_MODAL;
    if (ui->top_layer < UI_MODAL) ui->top_layer = UI_MODAL; /* block the rest of this pass too */
}

bool ui_layer_active(const Ui *ui) { return ui->layer >= ui->top_layer; }

bool ui_hover(Ui *ui, Rect rc)
{
    if (ui->clip_on && !rect_contains(ui->clip_rc, ui->in.mx, ui->in.my)) return false;
    return ui_layer_active(ui) && rect_contains(rc, ui->in.mx, ui->in.my);
}

bool ui_mouse_taken(const Ui *ui) { return ui->hot_next != 0 || ui->active != 0; }

bool ui_key(Ui *ui, SDL_Keycode sym, uint16_t need_mods)
{
    for (int i = 0; i < ui->in.n_keys; i++) {
        UiKey *k = &ui->in.keys[i];
        if (k->used || k->sym != sym) continue;
        bool ctrl = (k->mod & (KMOD_CTRL | KMOD_GUI)) != 0;
        bool shift = (k->mod & KMOD_SHIFT) != 0;
        bool want_ctrl = (need_mods & (KMOD_CTRL | KMOD_GUI)) != 0;
        bool want_shift = (need_mods & KMOD_SHIFT) != 0;
        if (ctrl != want_ctrl || shift != want_shift) continue;
        k->used = true;
        return true;
    }
    return false;
}

/* ---- draw commands ------------------------------------------------------------------ */

static DrawCmd *push(Ui *ui, DrawKind kind)
{
    DrawList *l = &ui->lists[ui->layer];
    if (l->n_cmds == l->cap_cmds) {
        l->cap_cmds = l->cap_cmds ? l->cap_cmds * 2 : 512;
        l->cmds = xrealloc(l->cmds, (size_t)l->cap_cmds * sizeof *l->cmds);
    }
    DrawCmd *c = &l->cmds[l->n_cmds++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->text = -1;
    return c;
}

void ui_rect(Ui *ui, Rect rc, Color c)
{
    DrawCmd *d = push(ui, DC_RECT);
    d->rc = rc;
    d->c = c;
}

void ui_rrect(Ui *ui, Rect rc, float radius, Color c)
{
    DrawCmd *d = push(ui, DC_RRECT);
    d->rc = rc;
    d->a = radius;
    d->c = c;
}

void ui_rrect_line(Ui *ui, Rect rc, float radius, float width, Color c)
{
    DrawCmd *d = push(ui, DC_RRECT_LINE);
    d->rc = rc;
    d->a = radius;
    d->b = width;
    d->c = c;
}

void ui_shadow(Ui *ui, Rect rc, float radius)
{
    DrawCmd *d = push(ui, DC_SHADOW);
    d->rc = rc;
    d->a = radius;
}

void ui_line(Ui *ui, Vec2 a, Vec2 b, float width, Color c)
{
    DrawCmd *d = push(ui, DC_LINE);
    d->rc = rect_make(a.x, a.y, b.x, b.y);
    d->a = width;
    d->c = c;
}

void ui_circle(Ui *ui, Vec2 centre, float radius, Color c)
{
    DrawCmd *d = push(ui, DC_CIRCLE);
    d->rc = rect_make(centre.x, centre.y, 0, 0);
    d->a = radius;
    d->c = c;
}

static void audit_add(Ui *ui, const char *s, Rect rc, int kind)
{
    if (ui->n_audit == ui->cap_audit) {
        ui->cap_audit = ui->cap_audit ? 2 * ui->cap_audit : 32;
        ui->audit_items = xrealloc(ui->audit_items, (size_t)ui->cap_audit * sizeof *ui->audit_items);
    }
    struct UiAudit *a = &ui->audit_items[ui->n_audit++];
    snprintf(a->text, sizeof a->text, "%s", s);
    a->rc = rc;
    a->kind = kind;
}

/* A text that does not fit `max_w`: shortened with an ellipsis when drawn, its full text
 * in a tooltip while the mouse is over it. */
static void mark_cut(Ui *ui, Rect rc, const char *whole, int kind)
{
    if (rect_contains(rc, ui->in.mx, ui->in.my) && ui_layer_active(ui))
        snprintf(ui->cut_tip, sizeof ui->cut_tip, "%s", whole), ui->cut_tip_rc = rc;
    if (ui->audit) audit_add(ui, whole, rc, kind);
}

static void text_cut(Ui *ui, FontId f, float size, float x, float y, const char *s, float max_w, bool button)
{
    mark_cut(ui, rect_make(x, y, max_w, render_line_height(ui->r, f, size)), s,
             button ? UI_AUDIT_BUTTON : ui->audit_value ? UI_AUDIT_VALUE : UI_AUDIT_CUT);
}

void ui_mark_cut(Ui *ui, Rect rc, const char *whole) { mark_cut(ui, rc, whole, UI_AUDIT_CUT); }

void ui_text(Ui *ui, FontId f, float size, float x, float y, const char *s, Color c)
{
    if (!s || !*s) return;
    if (ui->audit) { /* past the window's right edge, or its clip's on the base layer */
        float w = render_text_width(ui->r, f, size, s);
        float right = ui->view_w > 0 ? ui->view_w : 1e9f;
        if (ui->layer == UI_BASE && ui->clip_on && ui->clip_rc.x + ui->clip_rc.w < right)
            right = ui->clip_rc.x + ui->clip_rc.w;
        if (x + w > right + 0.5f) audit_add(ui, s, rect_make(x, y, w, render_line_height(ui->r, f, size)), UI_AUDIT_OVERFLOW);
    }
    DrawCmd *d = push(ui, DC_TEXT);
    d->rc = rect_make(x, y, 0, 0);
    d->a = size;
    d->i = f;
    d->c = c;
    d->text = arena_put(ui, s);
}

void ui_text_fit(Ui *ui, FontId f, float size, float x, float y, const char *s, float max_w,
                 Color c)
{
    if (!s || !*s) return;
    if (max_w > 0 && render_text_width(ui->r, f, size, s) > max_w + 0.5f) text_cut(ui, f, size, x, y, s, max_w, false);
    DrawCmd *d = push(ui, DC_TEXT);
    d->rc = rect_make(x, y, max_w, 0);
    d->a = size;
    d->i = f;
    d->c = c;
    d->text = arena_put(ui, s);
}

void ui_text_in(Ui *ui, FontId f, float size, Rect rc, int align, const char *s, Color c)
{
    if (!s || !*s) return;
    float lh = render_line_height(ui->r, f, size);
    float y = rc.y + (rc.h - lh) / 2;
    float w = render_text_width(ui->r, f, size, s);
    float x = rc.x;
    if (align == 1) x = rc.x + (rc.w - w) / 2;
    if (align == 2) x = rc.x + rc.w - w;
    if (w > rc.w && align != 0) x = rc.x;
    ui_text_fit(ui, f, size, roundf(x), roundf(y), s, rc.w, c);
}

typedef struct WrapAt {
    Ui *ui;
    FontId f;
    float size, x, y, lh;
    Color c;
} WrapAt;

static void wrap_line(void *ctx, int line, const char *text)
{
    WrapAt *w = ctx;
    ui_text(w->ui, w->f, w->size, w->x, w->y + w->lh * (float)line, text, w->c);
}

static void keep_line(void *ctx, int k, const char *text)
{
    UiLines *at = ctx;
    if (k < UI_LINES_MAX) snprintf(at->line[k], sizeof at->line[k], "%s", text);
}

int ui_wrap_lines(Ui *ui, FontId f, float size, float w, const char *s, UiLines *out)
{
    memset(out, 0, sizeof *out);
    return render_wrap(ui->r, f, size, w, s, keep_line, out);
}

int ui_wrap_at_most(Ui *ui, FontId f, float size, float w, const char *s, int max, UiLines *out)
{
    if (max > UI_LINES_MAX) max = UI_LINES_MAX;
    int lines = ui_wrap_lines(ui, f, size, w, s, out);
    if (lines <= max) return lines;
    const char *rest = s; /* the last line runs to the end of s */
    for (int k = 0; k < max - 1 && strstr(rest, out->line[k]); k++) {
        rest = strstr(rest, out->line[k]) + strlen(out->line[k]);
        while (*rest == ' ' || *rest == '\n') rest++;
    }
    snprintf(out->line[max - 1], sizeof out->line[max - 1], "%s", rest);
    return max;
}

int ui_text_lines(Ui *ui, FontId f, float size, float x, float y, float w, const char *s, int max, Color c)
{
    UiLines at;
    int lines = ui_wrap_at_most(ui, f, size, w, s, max, &at);
    float lh = render_line_height(ui->r, f, size);
    for (int k = 0; k < lines; k++) ui_text_fit(ui, f, size, x, y + (float)k * lh, at.line[k], w, c);
    return lines;
}

bool ui_text_two_lines(Ui *ui, FontId f, float size, Rect rc, const char *s, Color c)
{
    if (render_text_width(ui->r, f, size, s) <= rc.w) {
        ui_text_in(ui, f, size, rc, 0, s, c);
        return true;
    }
    UiLines at;
    if (ui_wrap_lines(ui, f, size, rc.w, s, &at) != 2) return false;
    size_t n0 = strlen(at.line[0]);
    if (strncmp(s, at.line[0], n0) != 0 || s[n0] != ' ') return false; /* a word was split */
    float lh = size + 2;
    for (int k = 0; k < 2; k++)
        ui_text_in(ui, f, size, rect_make(rc.x, rc.y + rc.h / 2 - lh + (float)k * lh, rc.w, lh), 0, at.line[k], c);
    return true;
}

float ui_text_wrap(Ui *ui, FontId f, float size, float x, float y, float w, const char *s, Color c)
{
    WrapAt at = {ui, f, size, x, y, render_line_height(ui->r, f, size), c};
    return at.lh * (float)render_wrap(ui->r, f, size, w, s, wrap_line, &at);
}

void ui_icon(Ui *ui, int icon, Rect rc, Color c)
{
    DrawCmd *d = push(ui, DC_ICON);
    d->rc = rc;
    d->i = icon;
    d->c = c;
}

void ui_kind_icon(Ui *ui, int kind, Rect rc, Color c)
{
    DrawCmd *d = push(ui, DC_KIND_ICON);
    d->rc = rc;
    d->i = kind;
    d->c = c;
}

void ui_clip(Ui *ui, const Rect *rc)
{
    DrawCmd *d = push(ui, DC_CLIP);
    d->i = rc != NULL;
    if (ui->layer == UI_BASE || !rc) {
        ui->clip_on = rc != NULL;
        if (rc) ui->clip_rc = *rc;
    }
    if (rc) d->rc = *rc;
}

void ui_draw(Ui *ui, Render *r, UiLayer layer)
{
    DrawList *l = &ui->lists[layer];
    for (int i = 0; i < l->n_cmds; i++) {
        DrawCmd *d = &l->cmds[i];
        switch (d->kind) {
        case DC_RECT: render_rect(r, d->rc, d->c); break;
        case DC_RRECT: render_round_rect(r, d->rc, d->a, d->c); break;
        case DC_RRECT_LINE: render_round_rect_line(r, d->rc, d->a, d->b, d->c); break;
        case DC_SHADOW:
            for (int k = 3; k >= 1; k--)
                render_round_rect(r, rect_make(d->rc.x - k, d->rc.y - k + 3, d->rc.w + 2 * k,
                                               d->rc.h + 2 * k),
                                  d->a + k, rgba(17, 24, 39, (uint8_t)(10 + 4 * (3 - k))));
            break;
        case DC_LINE:
            render_line(r, vec2(d->rc.x, d->rc.y), vec2(d->rc.w, d->rc.h), d->a, d->c);
            break;
        case DC_CIRCLE: render_circle(r, vec2(d->rc.x, d->rc.y), d->a, d->c); break;
        case DC_TEXT:
            if (d->rc.w > 0)
                render_text_clipped(r, (FontId)d->i, d->a, d->rc.x, d->rc.y, ui->arena + d->text,
                                    d->rc.w, d->c);
            else
                render_text(r, (FontId)d->i, d->a, d->rc.x, d->rc.y, ui->arena + d->text, d->c);
            break;
        case DC_ICON: icon_draw(r, (IconId)d->i, d->rc, d->c); break;
        case DC_KIND_ICON: icon_draw_kind(r, (NodeKind)d->i, d->rc, d->c); break;
        case DC_CLIP: render_clip(r, d->i ? &d->rc : NULL); break;
        }
    }
    render_clip(r, NULL);
}

/* ---- widgets ------------------------------------------------------------------------ */

/* Hot/active bookkeeping shared by clickable widgets; returns true on a click. */
bool ui_widget_rect(const Ui *ui, UiId id, Rect *out)
{
    for (int k = ui->n_seen - 1; k >= 0; k--)
        if (ui->seen[k].id == id) {
            *out = ui->seen[k].rc;
            return true;
        }
    return false;
}

/* The widgets of this frame and where they are (ui_widget_rect: tests and tooltips). */
static void note_seen(Ui *ui, UiId id, Rect rc)
{
    if (ui->n_seen < (int)(sizeof ui->seen / sizeof ui->seen[0])) {
        ui->seen[ui->n_seen].id = id;
        ui->seen[ui->n_seen].rc = rc;
        ui->n_seen++;
    }
}

static bool clickable(Ui *ui, UiId id, Rect rc, bool enabled)
{
    note_seen(ui, id, rc);
    bool over = ui_hover(ui, rc);
    if (over) ui->hot_next = id;
    if (!enabled) return false;
    if (over && ui->in.pressed[UI_MOUSE_LEFT]) ui->active = id;
    if (ui->active == id && ui->in.released[UI_MOUSE_LEFT]) {
        ui->active = 0;
        return over;
    }
    return false;
}

bool ui_button(Ui *ui, UiId id, Rect rc, const char *label, int flags)
{
    bool enabled = !(flags & UI_DISABLED);
    bool clicked = clickable(ui, id, rc, enabled);
    if (flags & UI_INVISIBLE) return clicked;
    bool over = ui->hot_next == id && enabled;
    bool held = ui->active == id && over;
    Color fill = theme.button, text = theme.text, border = theme.border_strong;
    if (flags & UI_PRIMARY) {
        fill = held ? theme.accent_hover : theme.accent;
        if (over && !held) fill = theme.accent_hover;
        text = theme.text_on_accent;
        border = fill;
        if (!enabled) {
            fill = tint(theme.accent, 0.55f);
            border = fill;
        }
    } else {
        if (held || (flags & UI_TOGGLED))
            fill = theme.button_active;
        else if (over)
            fill = theme.button_hover;
        if (!enabled) text = theme.text_faint;
    }
    if (!(flags & UI_FLAT) || over || (flags & UI_TOGGLED) || (flags & UI_PRIMARY)) {
        ui_rrect(ui, rc, theme.radius, fill);
        if (!(flags & UI_FLAT) && !(flags & UI_PRIMARY))
            ui_rrect_line(ui, rc, theme.radius, 1, border);
    }
    FontId bf = (flags & UI_PRIMARY) ? FONT_BOLD : FONT_REGULAR;
    float lw = label && *label ? render_text_width(ui->r, bf, theme.ui_font, label) : 0;
    /* a one-glyph button ("×", "↑") keeps its glyph whole inside a 2 px margin */
    float pad = lw > rc.w - 12 && lw <= rc.w - 4 && !(flags & UI_ALIGN_LEFT) ? 2 : 6;
    if (ui->audit && lw > rc.w - 2 * pad + 0.5f) audit_add(ui, label, rc, UI_AUDIT_BUTTON);
    ui_text_in(ui, bf, theme.ui_font, rect_inset(rc, pad), (flags & UI_ALIGN_LEFT) ? 0 : 1, label, text);
    return clicked;
}

bool ui_icon_button(Ui *ui, UiId id, Rect rc, int icon, int flags)
{
    bool enabled = !(flags & UI_DISABLED);
    bool clicked = clickable(ui, id, rc, enabled);
    bool over = ui->hot_next == id && enabled;
    if (over || (flags & UI_TOGGLED))
        ui_rrect(ui, rc, theme.radius, ui->active == id ? theme.button_active : theme.button_hover);
    float s = fminf(rc.w, rc.h) * 0.55f;
    ui_icon(ui, icon, rect_make(rc.x + (rc.w - s) / 2, rc.y + (rc.h - s) / 2, s, s),
            enabled ? theme.text_dim : theme.text_faint);
    return clicked;
}

/* ---- text editing: one core for text fields and text areas ---------------------------- */

static int utf8_prev(const char *s, int i)
{
    if (i <= 0) return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

static int utf8_next(const char *s, int i)
{
    int n = (int)strlen(s);
    if (i >= n) return n;
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
    return i;
}

static bool is_word_byte(unsigned char c) { return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'); }

/* Ctrl+Left / Ctrl+Right: the start of this or the previous word, the end of the next. */
static int word_left(const char *s, int i)
{
    while (i > 0 && !is_word_byte((unsigned char)s[i - 1])) i = utf8_prev(s, i);
    while (i > 0 && is_word_byte((unsigned char)s[i - 1])) i = utf8_prev(s, i);
    return i;
}

static int word_right(const char *s, int i)
{
    int n = (int)strlen(s);
    while (i < n && !is_word_byte((unsigned char)s[i])) i = utf8_next(s, i);
    while (i < n && is_word_byte((unsigned char)s[i])) i = utf8_next(s, i);
    return i;
}

static void grow_text(char **buf, int *cap, size_t need)
{
    if ((size_t)*cap >= need) return;
    size_t c = *cap ? (size_t)*cap : 256;
    while (c < need) c *= 2;
    *buf = xrealloc(*buf, c);
    *cap = (int)c;
}

static void edit_set(Ui *ui, const char *value)
{
    size_t n = strlen(value ? value : "");
    grow_text(&ui->edit, &ui->edit_cap, n + 1);
    memcpy(ui->edit, value ? value : "", n + 1);
}

static int sel_lo(const Ui *ui) { return ui->cursor < ui->anchor ? ui->cursor : ui->anchor; }
static int sel_hi(const Ui *ui) { return ui->cursor < ui->anchor ? ui->anchor : ui->cursor; }
static bool has_sel(const Ui *ui) { return ui->cursor != ui->anchor; }

static void delete_sel(Ui *ui)
{
    int lo = sel_lo(ui), hi = sel_hi(ui);
    if (lo == hi) return;
    memmove(ui->edit + lo, ui->edit + hi, strlen(ui->edit + hi) + 1);
    ui->cursor = ui->anchor = lo;
}

/* Insert UTF-8 text at the caret, replacing the selection. A single-line field turns
 * line breaks and tabs into spaces; a text area keeps line breaks and drops CRs. */
static void insert_text(Ui *ui, const char *t)
{
    delete_sel(ui);
    size_t len = strlen(ui->edit), add = strlen(t);
    if (len + add > 65536) return; /* a sane limit for anything typed into a field */
    grow_text(&ui->edit, &ui->edit_cap, len + add + 1);
    memmove(ui->edit + ui->cursor + add, ui->edit + ui->cursor, len - (size_t)ui->cursor + 1);
    size_t k = 0;
    for (size_t i = 0; i < add; i++) {
        char c = t[i];
        if (c == '\r') continue;
        if (!ui->multiline && (c == '\n' || c == '\t')) c = ' ';
        ui->edit[ui->cursor + (int)k++] = c;
    }
    if (k < add) memmove(ui->edit + ui->cursor + k, ui->edit + ui->cursor + add, len - (size_t)ui->cursor + 1);
    ui->cursor += (int)k;
    ui->anchor = ui->cursor;
}

static void copy_sel(const Ui *ui)
{
    int lo = sel_lo(ui), hi = sel_hi(ui);
    if (lo == hi) return;
    char *t = xmalloc((size_t)(hi - lo) + 1);
    memcpy(t, ui->edit + lo, (size_t)(hi - lo));
    t[hi - lo] = 0;
    SDL_SetClipboardText(t);
    free(t);
}

void ui_focus(Ui *ui, UiId id, const char *value)
{
    ui->focus = id;
    ui->focus_seen = true; /* it may be declared from the next pass on */
    ui->focus_is_dropdown = false;
    ui->multiline = false;
    edit_set(ui, value);
    ui->cursor = (int)strlen(ui->edit);
    ui->anchor = 0; /* all selected: typing replaces it */
    ui->selecting = false;
    ui->caret_ms = SDL_GetTicks();
    SDL_StartTextInput();
}

bool ui_has_focus(const Ui *ui) { return ui->focus != 0; }

const char *ui_editing(const Ui *ui, UiId id)
{
    return ui->focus == id && !ui->focus_is_dropdown && ui->edit ? ui->edit : NULL;
}

/* Caret moves of a text area by its visual lines: the byte offset on the line above
 * (op -1) or below (+1) nearest the caret's x, -1 at the first / last line; the start
 * (-2) or end (+2) of the caret's line. */
typedef int (*VerticalFn)(void *ctx, int cursor, int dir);

/* Apply this pass's keys and text to the edited string; returns the result. */
static UiTextResult edit_keys(Ui *ui, VerticalFn vertical, void *vctx)
{
    UiInput *in = &ui->in;
    if (in->text[0]) {
        insert_text(ui, in->text);
        ui->caret_ms = SDL_GetTicks();
    }
    for (int i = 0; i < in->n_keys; i++) {
        UiKey *k = &in->keys[i];
        if (k->used) continue;
        bool ctrl = (k->mod & (KMOD_CTRL | KMOD_GUI)) != 0;
        bool shift = (k->mod & KMOD_SHIFT) != 0;
        int len = (int)strlen(ui->edit);
        int to = -1; /* a caret move: Shift extends the selection */
        k->used = true;
        ui->caret_ms = SDL_GetTicks();
        switch (k->sym) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            if (ui->multiline && !ctrl) {
                insert_text(ui, "\n");
                break;
            }
            ui->submit_enter = true;
            return UI_TEXT_SUBMIT;
        case SDLK_TAB: ui->focus_next = true; ui->submit_enter = false; return UI_TEXT_SUBMIT;
        case SDLK_ESCAPE: return UI_TEXT_CANCEL;
        case SDLK_BACKSPACE:
            if (!has_sel(ui)) ui->anchor = ctrl ? word_left(ui->edit, ui->cursor) : utf8_prev(ui->edit, ui->cursor);
            delete_sel(ui);
            break;
        case SDLK_DELETE:
            if (!has_sel(ui)) ui->anchor = ctrl ? word_right(ui->edit, ui->cursor) : utf8_next(ui->edit, ui->cursor);
            delete_sel(ui);
            break;
        case SDLK_LEFT:
            to = has_sel(ui) && !shift ? sel_lo(ui) : ctrl ? word_left(ui->edit, ui->cursor) : utf8_prev(ui->edit, ui->cursor);
            break;
        case SDLK_RIGHT:
            to = has_sel(ui) && !shift ? sel_hi(ui) : ctrl ? word_right(ui->edit, ui->cursor) : utf8_next(ui->edit, ui->cursor);
            break;
        case SDLK_UP:
        case SDLK_DOWN:
            if (!vertical) {
                k->used = false; /* single line: let the panel have it */
                break;
            }
            to = vertical(vctx, ui->cursor, k->sym == SDLK_UP ? -1 : 1);
            if (to < 0) to = k->sym == SDLK_UP ? 0 : len;
            break;
        case SDLK_HOME:
            to = ui->multiline && !ctrl && vertical ? vertical(vctx, ui->cursor, -2) : 0;
            break;
        case SDLK_END:
            to = ui->multiline && !ctrl && vertical ? vertical(vctx, ui->cursor, 2) : len;
            break;
        case SDLK_a:
            if (ctrl) {
                ui->anchor = 0;
                ui->cursor = len;
            } else {
                k->used = false;
            }
            break;
        case SDLK_v:
            if (ctrl && SDL_HasClipboardText()) {
                char *t = SDL_GetClipboardText();
                if (t) {
                    insert_text(ui, t);
                    SDL_free(t);
                }
            } else if (!ctrl) {
                k->used = false;
            }
            break;
        case SDLK_c:
        case SDLK_x:
            if (ctrl) {
                copy_sel(ui);
                if (k->sym == SDLK_x) delete_sel(ui);
            } else {
                k->used = false;
            }
            break;
        default: k->used = ctrl ? false : true; break; /* let Ctrl+S etc. through */
        }
        if (to >= 0) {
            ui->cursor = to;
            if (!shift) ui->anchor = to;
        }
    }
    return UI_TEXT_NONE;
}

/* The byte offset in s[0..n) nearest to x points from its start. */
static int offset_at_x(Ui *ui, float size, const char *s, int n, float x)
{
    if (x <= 0 || n <= 0) return 0;
    char *buf = xmalloc((size_t)n + 1);
    memcpy(buf, s, (size_t)n);
    buf[n] = 0;
    int fit = render_text_fit(ui->r, FONT_REGULAR, size, buf, x);
    if (fit < n) {
        int next = utf8_next(buf, fit);
        char keep = buf[fit];
        buf[fit] = 0;
        float w1 = render_text_width(ui->r, FONT_REGULAR, size, buf);
        buf[fit] = keep;
        keep = buf[next];
        buf[next] = 0;
        float w2 = render_text_width(ui->r, FONT_REGULAR, size, buf);
        buf[next] = keep;
        if (x - w1 > w2 - x) fit = next;
    }
    free(buf);
    return fit;
}

static float prefix_width(Ui *ui, float size, const char *s, int n)
{
    if (n <= 0) return 0;
    char stack[256];
    char *buf = n < (int)sizeof stack ? stack : xmalloc((size_t)n + 1);
    memcpy(buf, s, (size_t)n);
    buf[n] = 0;
    float w = render_text_width(ui->r, FONT_REGULAR, size, buf);
    if (buf != stack) free(buf);
    return w;
}

/* Take focus on a click, place the caret where clicked, drag a selection. `pos` maps a
 * mouse point to a byte offset of ui->edit. Returns true when the field has focus. */
typedef int (*PosFn)(void *ctx, float mx, float my);

static bool focus_by_mouse(Ui *ui, UiId id, Rect rc, const char *value, bool multiline, int flags, PosFn pos,
                           void *pctx)
{
    bool over = ui_hover(ui, rc);
    if (over) ui->hot_next = id;
    if (ui->focus_next && ui->focus != id && ui_layer_active(ui) && !(flags & UI_DISABLED)) {
        ui->focus_next = false;
        ui_focus(ui, id, value);
        ui->multiline = multiline;
    } else if (over && ui->in.pressed[UI_MOUSE_LEFT] && !(flags & UI_DISABLED)) {
        if (ui->focus != id) {
            ui_focus(ui, id, value);
            ui->multiline = multiline;
            /* A first click selects everything (quick retyping of a number); a text area
             * puts the caret where clicked. */
            if (multiline) ui->cursor = ui->anchor = pos(pctx, ui->in.mx, ui->in.my);
        } else {
            int at = pos(pctx, ui->in.mx, ui->in.my);
            if (ui->in.clicks >= 2) {
                ui->anchor = word_left(ui->edit, at);
                ui->cursor = word_right(ui->edit, at);
            } else {
                ui->cursor = at;
                if (!(ui->in.mod & KMOD_SHIFT)) ui->anchor = at;
                ui->selecting = true;
            }
        }
        ui->in.pressed[UI_MOUSE_LEFT] = false; /* the click is the field's */
        ui->active = id;
        ui->caret_ms = SDL_GetTicks();
    } else if (ui->focus == id && ui->selecting && ui->in.down[UI_MOUSE_LEFT] && ui->in.moved) {
        ui->cursor = pos(pctx, ui->in.mx, ui->in.my);
    }
    if (ui->focus == id && !ui->in.down[UI_MOUSE_LEFT]) ui->selecting = false;
    return ui->focus == id;
}

static void field_frame(Ui *ui, Rect rc, bool focused, int flags)
{
    Color border = (flags & UI_INVALID) ? theme.danger : theme.border_strong;
    if (focused) border = (flags & UI_INVALID) ? theme.danger : theme.accent;
    ui_rrect(ui, rc, 5, (flags & UI_DISABLED) ? theme.panel_alt : theme.field);
    if (focused) ui_rrect_line(ui, rect_inset(rc, -2), 7, 2, with_alpha((flags & UI_INVALID) ? theme.danger : theme.accent, 60));
    ui_rrect_line(ui, rc, 5, focused || (flags & UI_INVALID) ? 1.5f : 1, border);
}

/* Clip to `inner` within the panel's clip; returns whether a base clip was on. */
static bool clip_inner(Ui *ui, Rect inner, Rect *saved)
{
    bool had_clip = ui->clip_on && ui->layer == UI_BASE;
    *saved = ui->clip_rc;
    Rect tclip = inner;
    if (had_clip) {
        float x0 = fmaxf(inner.x, saved->x), y0 = fmaxf(inner.y, saved->y);
        float x1 = fminf(inner.x + inner.w, saved->x + saved->w);
        float y1 = fminf(inner.y + inner.h, saved->y + saved->h);
        tclip = rect_make(x0, y0, fmaxf(0, x1 - x0), fmaxf(0, y1 - y0));
    }
    ui_clip(ui, &tclip);
    return had_clip;
}

static bool caret_visible(const Ui *ui) { return ((SDL_GetTicks() - ui->caret_ms) / 530) % 2 == 0; }

typedef struct LineCtx {
    Ui *ui;
    float x0, size;
    float scroll;
} LineCtx;

static int line_pos(void *ctx, float mx, float my)
{
    LineCtx *c = ctx;
    (void)my;
    return offset_at_x(c->ui, c->size, c->ui->edit, (int)strlen(c->ui->edit), mx - c->x0 + c->scroll);
}

/* The focused field's keys of this pass; on a submit or a cancel it lets go of the focus
 * (the edited text stays in ui->edit for the caller to take). */
static UiTextResult focused_keys(Ui *ui, Rect rc, VerticalFn vertical, void *vctx)
{
    ui->focus_seen = true;
    ui->focus_rect = rc;
    UiTextResult r = edit_keys(ui, vertical, vctx);
    if (r != UI_TEXT_NONE) {
        ui->focus = 0;
        if (!ui->focus_next) SDL_StopTextInput();
    }
    return r;
}

UiTextResult ui_textbox(Ui *ui, UiId id, Rect rc, const char *value, char *out, size_t cap,
                        int flags)
{
    UiTextResult res = UI_TEXT_NONE;
    if (!value) value = "";
    if (ui->commit_id == id) {
        ui->commit_id = 0;
        snprintf(out, cap, "%s", ui->commit ? ui->commit : "");
        res = UI_TEXT_SUBMIT;
        ui->submit_enter = false;
    }
    float size = theme.ui_font;
    Rect inner = {rc.x + 8, rc.y + 1, rc.w - 16, rc.h - 2};
    note_seen(ui, id, rc);
    LineCtx lc = {ui, inner.x, size, 0};
    if (ui->focus == id && ui->edit) {
        float cx = prefix_width(ui, size, ui->edit, ui->cursor);
        lc.scroll = cx > inner.w - 4 ? cx - (inner.w - 4) : 0;
    }
    bool focused = focus_by_mouse(ui, id, rc, value, false, flags, line_pos, &lc);
    if (focused) {
        UiTextResult r = focused_keys(ui, rc, NULL, NULL);
        if (r == UI_TEXT_SUBMIT) snprintf(out, cap, "%s", ui->edit);
        if (r != UI_TEXT_NONE) res = r;
        focused = ui->focus == id;
    }
    /* Look. */
    field_frame(ui, rc, focused, flags);
    const char *shown = focused ? ui->edit : value;
    float lh = render_line_height(ui->r, FONT_REGULAR, size);
    float ty = roundf(rc.y + (rc.h - lh) / 2);
    Rect saved_clip;
    bool had_clip = clip_inner(ui, inner, &saved_clip);
    if (focused) {
        float cx = prefix_width(ui, size, shown, ui->cursor);
        float scroll = cx > inner.w - 4 ? cx - (inner.w - 4) : 0;
        if (has_sel(ui)) {
            float a = prefix_width(ui, size, shown, sel_lo(ui)), b = prefix_width(ui, size, shown, sel_hi(ui));
            ui_rect(ui, rect_make(inner.x - scroll + a, ty + 1, b - a, lh - 2), with_alpha(theme.accent, 60));
        }
        ui_text(ui, FONT_REGULAR, size, inner.x - scroll, ty, shown, theme.text);
        if (caret_visible(ui) && !has_sel(ui))
            ui_rect(ui, rect_make(roundf(inner.x - scroll + cx), ty + 2, 1.2f, lh - 4), theme.text);
    } else {
        ui->audit_value = true; /* a value longer than its box: read in full by clicking into it */
        ui_text_fit(ui, FONT_REGULAR, size, inner.x, ty, shown, inner.w, /* "…" and a tooltip when long */
                    (flags & UI_DISABLED) ? theme.text_faint : theme.text);
        ui->audit_value = false;
    }
    ui_clip(ui, had_clip ? &saved_clip : NULL);
    return res;
}

/* ---- the text area ----------------------------------------------------------------------- */

/* Visual lines of a wrapped text: [start, end) byte ranges; a line that wrapped keeps its
 * trailing space, a line break is in neither line. */
typedef struct TaLayout {
    Ui *ui;
    const char *s;
    float size, w, lh, x0, y0;
    int *start, *end;
    int n, cap;
} TaLayout;

static void ta_push(TaLayout *t, int a, int b)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->start = xrealloc(t->start, (size_t)t->cap * sizeof *t->start);
        t->end = xrealloc(t->end, (size_t)t->cap * sizeof *t->end);
    }
    t->start[t->n] = a;
    t->end[t->n] = b;
    t->n++;
}

static void ta_layout(TaLayout *t)
{
    t->n = 0;
    const char *s = t->s;
    int len = (int)strlen(s);
    char *seg = xmalloc((size_t)len + 1);
    int p = 0;
    for (;;) {
        int q = p;
        while (q < len && s[q] != '\n') q++;
        /* wrap s[p, q) */
        int a = p;
        do {
            int n = q - a;
            memcpy(seg, s + a, (size_t)n);
            seg[n] = 0;
            int fit = render_text_fit(t->ui->r, FONT_REGULAR, t->size, seg, t->w);
            if (fit >= n) {
                ta_push(t, a, q);
                a = q;
                break;
            }
            int cut = fit;
            while (cut > 0 && seg[cut - 1] != ' ') cut--;
            if (cut == 0) cut = fit > 0 ? fit : utf8_next(seg, 0); /* a word wider than the field */
            ta_push(t, a, a + cut);
            a += cut;
        } while (a < q);
        if (q >= len) break;
        p = q + 1;
        if (p == len) { /* a final line break opens an empty line */
            ta_push(t, p, p);
            break;
        }
    }
    if (t->n == 0) ta_push(t, 0, 0);
    free(seg);
}

static int ta_line_of(const TaLayout *t, int pos)
{
    for (int i = 0; i < t->n; i++) {
        bool last = i == t->n - 1;
        if (pos < t->end[i] || (pos == t->end[i] && (last || t->start[i + 1] > pos))) return i;
        if (pos < t->start[i + 1]) return i; /* on the line break */
    }
    return t->n - 1;
}

static int ta_pos(void *ctx, float mx, float my)
{
    TaLayout *t = ctx;
    int line = (int)floorf((my - t->y0) / t->lh);
    if (line < 0) return 0;
    if (line >= t->n) return (int)strlen(t->s);
    return t->start[line] + offset_at_x(t->ui, t->size, t->s + t->start[line], t->end[line] - t->start[line], mx - t->x0);
}

static int ta_vertical(void *ctx, int cursor, int dir)
{
    TaLayout *t = ctx;
    int line = ta_line_of(t, cursor);
    if (dir == -2) return t->start[line];
    if (dir == 2) return t->end[line] > t->start[line] && t->end[line] < (int)strlen(t->s) && t->s[t->end[line]] != '\n' &&
                         t->s[t->end[line] - 1] == ' ' ? t->end[line] - 1 : t->end[line];
    int to = line + dir;
    if (to < 0 || to >= t->n) return -1;
    float x = prefix_width(t->ui, t->size, t->s + t->start[line], cursor - t->start[line]);
    return t->start[to] + offset_at_x(t->ui, t->size, t->s + t->start[to], t->end[to] - t->start[to], x);
}

UiTextResult ui_textarea(Ui *ui, UiId id, Rect rc, const char *value, char **out, int min_lines, float *h,
                         int flags)
{
    UiTextResult res = UI_TEXT_NONE;
    if (!value) value = "";
    *out = NULL;
    if (ui->commit_id == id) {
        ui->commit_id = 0;
        *out = xstrdup(ui->commit ? ui->commit : "");
        res = UI_TEXT_SUBMIT;
        ui->submit_enter = false;
    }
    float size = theme.ui_font;
    TaLayout t = {ui, NULL, size, rc.w - 16, render_line_height(ui->r, FONT_REGULAR, size), rc.x + 8, rc.y + 5, NULL, NULL, 0, 0};
    t.s = ui->focus == id && ui->edit ? ui->edit : value;
    ta_layout(&t);
    float height = fmaxf((float)(min_lines > 0 ? min_lines : 1), (float)t.n) * t.lh + 10;
    rc.h = height;
    note_seen(ui, id, rc);
    bool was = ui->focus == id;
    bool focused = focus_by_mouse(ui, id, rc, value, true, flags, ta_pos, &t);
    if (focused) {
        if (!was) {
            t.s = ui->edit;
            ta_layout(&t);
        }
        UiTextResult r = focused_keys(ui, rc, ta_vertical, &t);
        if (r == UI_TEXT_SUBMIT) {
            free(*out);
            *out = xstrdup(ui->edit);
        }
        if (r != UI_TEXT_NONE) res = r;
        focused = ui->focus == id;
        t.s = focused ? ui->edit : value;
        ta_layout(&t);
        height = fmaxf((float)(min_lines > 0 ? min_lines : 1), (float)t.n) * t.lh + 10;
        rc.h = height;
        if (focused) ui->focus_rect = rc;
    }
    field_frame(ui, rc, focused, flags);
    Rect saved_clip;
    bool had_clip = clip_inner(ui, rect_make(rc.x + 4, rc.y + 2, rc.w - 8, rc.h - 4), &saved_clip);
    char line[1024];
    for (int i = 0; i < t.n; i++) {
        float y = t.y0 + t.lh * (float)i;
        int a = t.start[i], b = t.end[i];
        if (focused && has_sel(ui)) {
            int lo = sel_lo(ui) > a ? sel_lo(ui) : a, hi = sel_hi(ui) < b ? sel_hi(ui) : b;
            bool through_break = sel_hi(ui) > b && sel_lo(ui) <= b;
            if (lo < hi || through_break) {
                float xa = prefix_width(ui, size, t.s + a, lo - a);
                float xb = lo < hi ? prefix_width(ui, size, t.s + a, hi - a) : xa;
                if (through_break) xb += 5;
                ui_rect(ui, rect_make(t.x0 + xa, y, xb - xa, t.lh), with_alpha(theme.accent, 60));
            }
        }
        int n = b - a < (int)sizeof line - 1 ? b - a : (int)sizeof line - 1;
        memcpy(line, t.s + a, (size_t)n);
        line[n] = 0;
        ui_text(ui, FONT_REGULAR, size, t.x0, y, line, (flags & UI_DISABLED) ? theme.text_faint : theme.text);
    }
    if (focused && !has_sel(ui) && caret_visible(ui)) {
        int li = ta_line_of(&t, ui->cursor);
        float cx = prefix_width(ui, size, t.s + t.start[li], ui->cursor - t.start[li]);
        ui_rect(ui, rect_make(roundf(t.x0 + cx), t.y0 + t.lh * (float)li + 2, 1.2f, t.lh - 4), theme.text);
    }
    ui_clip(ui, had_clip ? &saved_clip : NULL);
    free(t.start);
    free(t.end);
    if (h) *h = height;
    return res;
}

float ui_dropdown_fit(Ui *ui, const char *const *names, int n)
{
    float w = 0;
    for (int i = 0; i < n; i++) w = fmaxf(w, render_text_width(ui->r, FONT_REGULAR, theme.ui_font, names[i]));
    return w + 36; /* 8 before the text, 28 for the chevron */
}

bool ui_dropdown(Ui *ui, UiId id, Rect rc, const char *const *names, int n, int *value, int flags)
{
    return ui_dropdown_label(ui, id, rc, NULL, names, n, value, flags);
}

bool ui_dropdown_label(Ui *ui, UiId id, Rect rc, const char *label, const char *const *names, int n,
                       int *value, int flags)
{
    bool changed = false;
    bool enabled = !(flags & UI_DISABLED);
    if (clickable(ui, id, rc, enabled)) {
        if (ui->popup_id == id) {
            ui->popup_id = 0;
        } else {
            ui->popup_id = id;
            ui->popup_new = true;
        }
    }
    /* Keyboard: Tab reaches the dropdown as it reaches text fields. */
    if (ui->focus_next && ui->focus != id && enabled && ui_layer_active(ui)) {
        ui->focus_next = false;
        ui->focus = id;
        ui->focus_is_dropdown = true;
        SDL_StopTextInput();
    }
    bool focused = ui->focus == id && ui->focus_is_dropdown;
    if (focused) {
        ui->focus_seen = true;
        ui->focus_rect = rc;
        for (int i = 0; i < ui->in.n_keys; i++) {
            UiKey *k = &ui->in.keys[i];
            if (k->used) continue;
            bool alt = (k->mod & KMOD_ALT) != 0;
            k->used = true;
            switch (k->sym) {
            case SDLK_TAB:
                ui->focus = 0;
                ui->focus_next = true;
                ui->popup_id = 0;
                break;
            case SDLK_ESCAPE:
                if (ui->popup_id == id) ui->popup_id = 0;
                else ui->focus = 0;
                break;
            case SDLK_SPACE:
            case SDLK_RETURN:
            case SDLK_KP_ENTER:
                if (ui->popup_id == id) ui->popup_id = 0;
                else {
                    ui->popup_id = id;
                    ui->popup_new = true;
                }
                break;
            case SDLK_UP:
            case SDLK_DOWN:
                if (alt && k->sym == SDLK_DOWN) {
                    ui->popup_id = id;
                    ui->popup_new = true;
                } else if (n > 0) {
                    int v = *value + (k->sym == SDLK_UP ? -1 : 1);
                    if (v >= 0 && v < n && v != *value) {
                        *value = v;
                        changed = true;
                    }
                }
                break;
            default: k->used = false; break;
            }
            if (ui->focus != id) break;
        }
        focused = ui->focus == id;
    }
    bool over = ui->hot_next == id;
    ui_rrect(ui, rc, 5, over ? theme.button_hover : theme.field);
    if (focused) ui_rrect_line(ui, rect_inset(rc, -2), 7, 2, with_alpha(theme.accent, 60));
    ui_rrect_line(ui, rc, 5, 1, ui->popup_id == id || focused ? theme.accent : theme.border_strong);
    const char *cur = label ? label : (*value >= 0 && *value < n) ? names[*value] : "?";
    ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(rc.x + 8, rc.y, rc.w - 28, rc.h), 0, cur,
               enabled ? theme.text : theme.text_faint);
    ui_icon(ui, ICON_CHEVRON_DOWN, rect_make(rc.x + rc.w - 20, rc.y + (rc.h - 12) / 2, 12, 12),
            theme.text_dim);
    if (ui->popup_id == id) {
        int saved = ui->layer;
        ui->layer = UI_POPUP;
        float ih = 26;
        float pw = rc.w;
        for (int i = 0; i < n; i++) pw = fmaxf(pw, render_text_width(ui->r, FONT_BOLD, theme.ui_font, names[i]) + 32);
        Rect pr = {rc.x, rc.y + rc.h + 2, pw, ih * (float)n + 8};
        if (ui->view_h > 0 && pr.y + pr.h > ui->view_h - 4 && rc.y - pr.h - 2 > 4)
            pr.y = rc.y - pr.h - 2; /* no room below: open upwards */
        ui->popup_rect = pr;
        ui_shadow(ui, pr, 6);
        ui_rrect(ui, pr, 6, theme.panel);
        ui_rrect_line(ui, pr, 6, 1, theme.border_strong);
        for (int i = 0; i < n; i++) {
            Rect ir = {pr.x + 4, pr.y + 4 + ih * (float)i, pr.w - 8, ih};
            bool h = rect_contains(ir, ui->in.mx, ui->in.my);
            if (h) ui->hot_next = id;
            if (h || i == *value)
                ui_rrect(ui, ir, 4, h ? theme.accent_soft : theme.panel_alt);
            ui_text_in(ui, i == *value ? FONT_BOLD : FONT_REGULAR, theme.ui_font,
                       rect_make(ir.x + 8, ir.y, ir.w - 16, ir.h), 0, names[i], theme.text);
            if (h && ui->in.pressed[UI_MOUSE_LEFT]) {
                ui->in.pressed[UI_MOUSE_LEFT] = false;
                if (i != *value) {
                    *value = i;
                    changed = true;
                }
                ui->popup_id = 0;
            }
        }
        if (ui->popup_id == id && ui_key(ui, SDLK_ESCAPE, 0)) ui->popup_id = 0;
        ui->layer = saved;
    }
    return changed;
}

float ui_menu_width(Ui *ui, const UiMenuItem *items, int n)
{
    float w = 0;
    for (int i = 0; i < n; i++) {
        if (!items[i].label) continue;
        float iw = render_text_width(ui->r, FONT_REGULAR, theme.ui_font, items[i].label) + 32;
        if (items[i].hint && *items[i].hint)
            iw += render_text_width(ui->r, FONT_REGULAR, theme.small_font, items[i].hint) + 24;
        w = fmaxf(w, iw);
    }
    return w;
}

/* The next enabled item from `from` in direction `step`, or `from` when there is none. */
static int menu_next(const UiMenuItem *items, int n, int from, int step)
{
    for (int k = 1; k <= n; k++) {
        int i = ((from + step * k) % n + n) % n;
        if (items[i].enabled && items[i].label) return i;
    }
    return from;
}

int ui_menu(Ui *ui, const char *name, Rect rc, const char *label, int icon, const UiMenuItem *items, int n,
            int flags)
{
    UiId id = ui_id(name);
    bool enabled = !(flags & UI_DISABLED) && n > 0;
    bool open = ui->popup_id == id;
    if (clickable(ui, id, rc, enabled)) {
        if (open) {
            ui->popup_id = 0;
        } else {
            ui->popup_id = id;
            ui->popup_new = true;
            ui->popup_hl = -1;
        }
    }
    open = ui->popup_id == id;
    bool over = ui->hot_next == id && enabled;
    if (label) {
        Color fill = open || ui->active == id ? theme.button_active : over ? theme.button_hover : theme.button;
        ui_rrect(ui, rc, theme.radius, fill);
        ui_rrect_line(ui, rc, theme.radius, 1, open ? theme.accent : theme.border_strong);
        float lw = render_text_width(ui->r, FONT_REGULAR, theme.ui_font, label);
        if (ui->audit && lw > rc.w - 34 + 0.5f) audit_add(ui, label, rc, UI_AUDIT_BUTTON);
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(rc.x + 10, rc.y, rc.w - 32, rc.h), 0, label,
                   enabled ? theme.text : theme.text_faint);
        ui_icon(ui, ICON_CHEVRON_DOWN, rect_make(rc.x + rc.w - 20, rc.y + (rc.h - 12) / 2, 12, 12),
                enabled ? theme.text_dim : theme.text_faint);
    } else {
        if (over || open) ui_rrect(ui, rc, theme.radius, open ? theme.button_active : theme.button_hover);
        float s = fminf(rc.w, rc.h) * 0.55f;
        if (icon >= 0)
            ui_icon(ui, icon, rect_make(rc.x + (rc.w - s) / 2, rc.y + (rc.h - s) / 2, s, s),
                    enabled ? theme.text_dim : theme.text_faint);
    }
    if (!open) return -1;
    int picked = -1;
    /* the keys first: they move the highlight the list is drawn with */
    if (ui_key(ui, SDLK_DOWN, 0)) ui->popup_hl = menu_next(items, n, ui->popup_hl < 0 ? -1 : ui->popup_hl, 1);
    if (ui_key(ui, SDLK_UP, 0)) ui->popup_hl = menu_next(items, n, ui->popup_hl < 0 ? n : ui->popup_hl, -1);
    if ((ui_key(ui, SDLK_RETURN, 0) || ui_key(ui, SDLK_KP_ENTER, 0)) && ui->popup_hl >= 0 && ui->popup_hl < n &&
        items[ui->popup_hl].enabled)
        picked = ui->popup_hl;
    if (ui_key(ui, SDLK_ESCAPE, 0)) {
        ui->popup_id = 0;
        return -1;
    }
    int saved = ui->layer;
    ui->layer = UI_POPUP;
    float ih = 28, sep_h = 9, list_h = 8;
    for (int i = 0; i < n; i++) list_h += items[i].label ? ih : sep_h;
    Rect pr = {rc.x, rc.y + rc.h + 2, fmaxf(rc.w, ui_menu_width(ui, items, n)), list_h};
    if (ui->view_w > 0 && pr.x + pr.w > ui->view_w - 4) pr.x = fmaxf(4, ui->view_w - 4 - pr.w);
    if (ui->view_h > 0 && pr.y + pr.h > ui->view_h - 4 && rc.y - pr.h - 2 > 4) pr.y = rc.y - pr.h - 2;
    ui->popup_rect = pr;
    ui_shadow(ui, pr, 6);
    ui_rrect(ui, pr, 6, theme.panel);
    ui_rrect_line(ui, pr, 6, 1, theme.border_strong);
    float y = pr.y + 4;
    for (int i = 0; i < n; i++) {
        if (!items[i].label) { /* a divider between groups */
            ui_rect(ui, rect_make(pr.x + 8, y + sep_h / 2, pr.w - 16, 1), theme.border);
            y += sep_h;
            continue;
        }
        Rect ir = {pr.x + 4, y, pr.w - 8, ih};
        y += ih;
        note_seen(ui, ui_idn(name, i), ir);
        bool h = rect_contains(ir, ui->in.mx, ui->in.my);
        if (h) {
            ui->hot_next = id;
            if (ui->in.moved) ui->popup_hl = items[i].enabled ? i : -1;
        }
        if (items[i].enabled && (h || i == ui->popup_hl)) ui_rrect(ui, ir, 4, theme.accent_soft);
        float hw = items[i].hint && *items[i].hint
                       ? render_text_width(ui->r, FONT_REGULAR, theme.small_font, items[i].hint) + 12
                       : 0;
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(ir.x + 10, ir.y, ir.w - 20 - hw, ir.h), 0,
                   items[i].label, items[i].enabled ? theme.text : theme.text_faint);
        if (hw > 0)
            ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(ir.x + ir.w - 10 - hw, ir.y, hw, ir.h), 2,
                       items[i].hint, theme.text_faint);
        if (h && ui->in.pressed[UI_MOUSE_LEFT]) {
            ui->in.pressed[UI_MOUSE_LEFT] = false; /* an item not enabled swallows its click */
            if (items[i].enabled) picked = i;
        }
    }
    if (picked >= 0) ui->popup_id = 0;
    ui->layer = saved;
    return picked;
}

float ui_button_w(Ui *ui, const char *label, int flags, float min_w)
{
    float w = render_text_width(ui->r, (flags & UI_PRIMARY) ? FONT_BOLD : FONT_REGULAR, theme.ui_font, label) + 24;
    return w > min_w ? w : min_w;
}

const char *const *ui_tr_names(const char *const *names, int n, const char **out)
{
    if (n > UI_TR_NAMES_MAX) n = UI_TR_NAMES_MAX;
    for (int i = 0; i < n; i++) out[i] = names[i] ? _(names[i]) : NULL;
    out[n] = NULL;
    return out;
}

bool ui_checkbox(Ui *ui, UiId id, Rect rc, const char *label, bool *value)
{
    bool clicked = clickable(ui, id, rc, true);
    if (clicked) *value = !*value;
    Rect box = {rc.x, rc.y + (rc.h - 16) / 2, 16, 16};
    ui_rrect(ui, box, 4, *value ? theme.accent : theme.field);
    ui_rrect_line(ui, box, 4, 1, *value ? theme.accent : theme.border_strong);
    if (*value) ui_icon(ui, ICON_CHECK, rect_inset(box, 1), theme.text_on_accent);
    if (label)
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(rc.x + 24, rc.y, rc.w - 24, rc.h), 0,
                   label, theme.text);
    return clicked;
}
