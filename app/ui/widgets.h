/*
 * widgets.h - a small immediate-mode widget layer (in the spirit of microui).
 *
 * Each pass the app declares its widgets; each widget function reads the input of the
 * pass, returns what happened (clicked, submitted, changed) and records how it looks
 * as draw commands. Drawing happens later, from the recorded lists, so input handling
 * (update) stays apart from drawing. There is no widget tree: ids are hashes of names.
 *
 * Layers: base panels, popups (dropdown lists) and modals (dialogs). While a popup or
 * modal is open, widgets of lower layers see no mouse.
 */
#ifndef APP_WIDGETS_H
#define APP_WIDGETS_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "render.h"

typedef uint32_t UiId;

typedef enum UiLayer { UI_BASE, UI_POPUP, UI_MODAL, UI_LAYER_COUNT } UiLayer;

enum { UI_MOUSE_LEFT, UI_MOUSE_MIDDLE, UI_MOUSE_RIGHT, UI_MOUSE_COUNT };

/* Widget flags. */
enum {
    UI_PRIMARY = 1 << 0,  /* accent-filled button */
    UI_DISABLED = 1 << 1, /* drawn greyed, never clicks */
    UI_TOGGLED = 1 << 2,  /* drawn pressed */
    UI_INVALID = 1 << 3,  /* text field drawn with the error border */
    UI_FLAT = 1 << 4,     /* no border until hovered */
    UI_ALIGN_LEFT = 1 << 5,
    UI_NUMERIC = 1 << 6,  /* text field right-aligns its value */
    UI_INVISIBLE = 1 << 7, /* button: a click area only, draws nothing */
};

typedef enum UiTextResult { UI_TEXT_NONE, UI_TEXT_SUBMIT, UI_TEXT_CANCEL } UiTextResult;

typedef struct UiKey {
    SDL_Keycode sym;
    uint16_t mod;
    bool used;             /* a widget consumed it */
} UiKey;

typedef struct UiInput {
    float mx, my;                     /* mouse, logical window coordinates */
    float press_x, press_y;           /* where the left button went down */
    bool down[UI_MOUSE_COUNT];
    bool pressed[UI_MOUSE_COUNT];     /* went down in this pass */
    bool released[UI_MOUSE_COUNT];    /* went up in this pass */
    int clicks;                       /* 2 for a double click */
    float wheel_x, wheel_y;
    uint16_t mod;                     /* modifier keys held */
    bool moved;
    char text[256];                   /* text typed in this pass (UTF-8) */
    UiKey keys[32];
    int n_keys;
} UiInput;

typedef enum DrawKind {
    DC_RECT, DC_RRECT, DC_RRECT_LINE, DC_TEXT, DC_CLIP, DC_ICON, DC_KIND_ICON, DC_LINE, DC_CIRCLE,
    DC_SHADOW
} DrawKind;

typedef struct DrawCmd {
    DrawKind kind;
    Rect rc;
    float a, b;       /* radius / width / font size, by kind */
    Color c;
    int i;            /* font, icon id, kind, or 0/1 for clip off/on */
    int text;         /* offset in the text arena, -1 none */
} DrawCmd;

typedef struct DrawList {
    DrawCmd *cmds;
    int n_cmds, cap_cmds;
} DrawList;

typedef struct Ui {
    Render *r;                        /* for measuring text (not owned) */
    UiInput in;
    UiId hot, active, focus;
    UiId hot_next;
    int layer;                        /* layer being declared */
    int top_layer, top_layer_next;    /* highest open layer (last pass, this pass) */
    DrawList lists[UI_LAYER_COUNT];
    char *arena;
    int n_arena, cap_arena;
    /* Text editing of the focused field (a text field, a text area or a dropdown). */
    char *edit;                       /* the text being edited (owned, NUL-terminated) */
    int edit_cap;
    int cursor;                       /* byte offset of the caret */
    int anchor;                       /* the selection's other end (== cursor: none) */
    bool multiline;                   /* the focused field is a text area */
    bool focus_is_dropdown;           /* the focused widget is a dropdown (keys, no text) */
    bool selecting;                   /* the left button drags a selection */
    Rect focus_rect;
    bool focus_seen;                  /* the focused field was declared this pass */
    bool focus_next;                  /* Tab: the next text field or dropdown takes focus */
    UiId commit_id;                   /* a field that lost focus and must submit */
    bool submit_enter;                /* the last submit came from Enter (not Tab / a click) */
    char *commit;                     /* its text (owned) */
    int commit_cap;
    /* The open dropdown. */
    UiId popup_id;
    Rect popup_rect;
    bool popup_new;
    int popup_hl;                     /* an open menu's item the keys move to, -1 none */
    uint32_t caret_ms;                /* for the caret blink */
    float view_h;                     /* window height in points (popups stay inside) */
    float view_w;                     /* window width in points */
    bool clip_on;                     /* widgets outside the clip get no mouse */
    Rect clip_rc;
    /* Clickable widgets declared in the last pass (tests find buttons by id). */
    struct UiSeen { UiId id; Rect rc; } seen[384];
    int n_seen;
    /* A text shortened with an ellipsis under the mouse this pass: its full text, for a
     * tooltip (every shortened text gets one). */
    char cut_tip[512];
    Rect cut_tip_rc;
    /* Tests: with `audit` on, each pass lists the texts that do not fit their box. */
    bool audit;
    struct UiAudit {
        char text[200];
        Rect rc;      /* the box (cut) or the text's extent (overflow) */
        int kind;     /* UI_AUDIT_CUT, UI_AUDIT_OVERFLOW, UI_AUDIT_BUTTON, UI_AUDIT_VALUE */
    } *audit_items;
    int n_audit, cap_audit;
    bool audit_value; /* a text box is drawing its value: a cut is UI_AUDIT_VALUE */
} Ui;

/* What the audit found: a text shortened with an ellipsis (it has a tooltip), a text
 * drawn past the window or its clip, a button's label shortened, a text box's value
 * longer than the box (clicking into it shows it all). */
enum { UI_AUDIT_CUT, UI_AUDIT_OVERFLOW, UI_AUDIT_BUTTON, UI_AUDIT_VALUE };

void ui_init(Ui *ui, Render *r);
void ui_free(Ui *ui);
/* Feed one SDL event into the input of the current pass. */
void ui_feed(Ui *ui, const SDL_Event *ev);
void ui_begin(Ui *ui);
void ui_end(Ui *ui);
/* Draw the recorded commands of one layer. */
void ui_draw(Ui *ui, Render *r, UiLayer layer);

UiId ui_id(const char *name);
UiId ui_idn(const char *name, int n);

void ui_set_layer(Ui *ui, UiLayer layer);
/* Declare that a modal is open this pass (blocks lower layers from the next pass). */
void ui_open_modal(Ui *ui);
/* True when the mouse is over `rc` and the current layer receives input. */
bool ui_hover(Ui *ui, Rect rc);
/* True when the current layer receives input. */
bool ui_layer_active(const Ui *ui);
/* True when some widget of this pass is under the mouse or being dragged. */
bool ui_mouse_taken(const Ui *ui);
/* A key pressed in this pass (not yet used), consumed when returning true. */
bool ui_key(Ui *ui, SDL_Keycode sym, uint16_t need_mods);

/* The rect of a clickable widget declared in the last pass (ask between passes);
 * false when there was none. */
bool ui_widget_rect(const Ui *ui, UiId id, Rect *out);

bool ui_button(Ui *ui, UiId id, Rect rc, const char *label, int flags);
/* The width a button needs for `label` (its padding included), at least `min_w`. */
float ui_button_w(Ui *ui, const char *label, int flags, float min_w);
bool ui_icon_button(Ui *ui, UiId id, Rect rc, int icon, int flags);
/* A text field showing `value`; while focused the user edits a copy. On Enter, Tab
 * or focus loss returns UI_TEXT_SUBMIT with the text in `out`; Escape cancels. */
UiTextResult ui_textbox(Ui *ui, UiId id, Rect rc, const char *value, char *out, size_t cap,
                        int flags);
/* A multi-line text field `rc.w` wide whose height follows its text (at least `min_lines`
 * lines; *h gets the height, known before the next row is laid out). The text wraps at
 * spaces; the caret and a selection move with the mouse and the keys (arrows, Home, End,
 * Ctrl+arrows by word, Shift to select); Ctrl+A/C/X/V; UTF-8 throughout. Enter breaks the
 * line; Ctrl+Enter, Tab or a click elsewhere submits (*out: a malloc'd copy the caller
 * frees), Escape cancels. */
UiTextResult ui_textarea(Ui *ui, UiId id, Rect rc, const char *value, char **out, int min_lines, float *h,
                         int flags);
/* Give the text field `id` focus with `value` in it, all selected. */
void ui_focus(Ui *ui, UiId id, const char *value);
bool ui_has_focus(const Ui *ui);
/* The text being typed into field `id` (NULL when it does not have focus): lets a panel
 * check a value as it is typed. */
const char *ui_editing(const Ui *ui, UiId id);
/* A dropdown of `n` names; returns true when the user picked a different value. Tab
 * reaches it like a text field: Space, Enter or Alt+Down open it, Up/Down change the value,
 * Tab moves on. */
/* The width of a dropdown that shows the widest of `names` whole. */
float ui_dropdown_fit(Ui *ui, const char *const *names, int n);
bool ui_dropdown(Ui *ui, UiId id, Rect rc, const char *const *names, int n, int *value, int flags);
/* The same with `label` shown in the closed box instead of the current name. */
bool ui_dropdown_label(Ui *ui, UiId id, Rect rc, const char *label, const char *const *names, int n,
                       int *value, int flags);
bool ui_checkbox(Ui *ui, UiId id, Rect rc, const char *label, bool *value);
/* A menu of actions behind a button ("Export ▾"): a click (or Enter, Space, Alt+Down on
 * it) opens the list; Up and Down move through it, Enter or a click picks, Escape or a
 * click elsewhere closes it. An item's hint (its shortcut, or why it is off) is drawn
 * faint at its right; an item not enabled cannot be picked; an item without a label is a
 * divider. The button has the id
 * ui_id(name) and item k ui_idn(name, k). With icon >= 0 and no label the button is that
 * icon alone. Returns the item picked in this pass, or -1. */
typedef struct UiMenuItem {
    const char *label;
    const char *hint;
    bool enabled;
} UiMenuItem;
int ui_menu(Ui *ui, const char *name, Rect rc, const char *label, int icon, const UiMenuItem *items, int n,
            int flags);
/* The width a menu's list takes: its widest item with its hint. */
float ui_menu_width(Ui *ui, const UiMenuItem *items, int n);
/* The first n of `names` (marked with N_()) in the app's language, into out[0..n] (a
 * NULL after them); returns out. At most UI_TR_NAMES_MAX names. */
#define UI_TR_NAMES_MAX 32
const char *const *ui_tr_names(const char *const *names, int n, const char **out);

/* Draw commands on the current layer. */
void ui_rect(Ui *ui, Rect rc, Color c);
void ui_rrect(Ui *ui, Rect rc, float radius, Color c);
void ui_rrect_line(Ui *ui, Rect rc, float radius, float width, Color c);
void ui_shadow(Ui *ui, Rect rc, float radius);
void ui_line(Ui *ui, Vec2 a, Vec2 b, float width, Color c);
void ui_circle(Ui *ui, Vec2 centre, float radius, Color c);
void ui_text(Ui *ui, FontId f, float size, float x, float y, const char *s, Color c);
/* Text shortened with an ellipsis to `max_w`. */
void ui_text_fit(Ui *ui, FontId f, float size, float x, float y, const char *s, float max_w,
                 Color c);
/* A text its caller shortened (the last lines of a long note left out): in rc, its whole
 * in a tooltip while the mouse is over it, and a cut for the audit. */
void ui_mark_cut(Ui *ui, Rect rc, const char *whole);
/* Text vertically centred in `rc`, left aligned (align 0), centred (1) or right (2). */
void ui_text_in(Ui *ui, FontId f, float size, Rect rc, int align, const char *s, Color c);
/* `s` broken into lines at most `w` wide (at spaces where it can, and at its own '\n'),
 * the first UI_LINES_MAX of them copied into *out; returns how many it takes in all. */
#define UI_LINES_MAX 3
typedef struct UiLines {
    char line[UI_LINES_MAX][400];
} UiLines;
int ui_wrap_lines(Ui *ui, FontId f, float size, float w, const char *s, UiLines *out);
/* The same in at most `max` lines (up to UI_LINES_MAX): past them, the last line runs to
 * the end of `s`, to be shortened when drawn. Returns how many lines there are. */
int ui_wrap_at_most(Ui *ui, FontId f, float size, float w, const char *s, int max, UiLines *out);
/* `s` drawn at x, y wrapped to w in at most `max` lines, the last shortened with an
 * ellipsis if the text needs more; returns how many lines it drew. */
int ui_text_lines(Ui *ui, FontId f, float size, float x, float y, float w, const char *s, int max, Color c);
/* `s` in rc (left, centred on its height): on one line, or on two broken at a space when it
 * is too long for one and goes whole into two; false, drawing nothing, when it does not. */
bool ui_text_two_lines(Ui *ui, FontId f, float size, Rect rc, const char *s, Color c);
/* Text wrapped at spaces to width w; returns the height used. */
float ui_text_wrap(Ui *ui, FontId f, float size, float x, float y, float w, const char *s, Color c);
void ui_icon(Ui *ui, int icon, Rect rc, Color c);
void ui_kind_icon(Ui *ui, int kind, Rect rc, Color c);
void ui_clip(Ui *ui, const Rect *rc);

#endif
