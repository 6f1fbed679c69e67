/*
 * testing.c - synthesized input for the GUI tests and benchmarks: each helper pushes
 * real SDL events into the queue and runs a frame, so tests take the same path as a
 * user (event -> widgets -> canvas -> commands), on the offscreen driver.
 */
#include <string.h>

#include "app.h"

static void push_and_frame(App *app, SDL_Event *ev)
{
    ev->common.timestamp = SDL_GetTicks();
    SDL_PushEvent(ev);
    app_frame(app);
}

void app_test_mouse_move(App *app, float x, float y)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEMOTION;
    ev.motion.windowID = SDL_GetWindowID(app->win);
    ev.motion.x = (int)x;
    ev.motion.y = (int)y;
    push_and_frame(app, &ev);
}

void app_test_mouse_down(App *app, float x, float y, int button, int clicks)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.windowID = SDL_GetWindowID(app->win);
    ev.button.button = (Uint8)button;
    ev.button.state = SDL_PRESSED;
    ev.button.clicks = (Uint8)clicks;
    ev.button.x = (int)x;
    ev.button.y = (int)y;
    push_and_frame(app, &ev);
}

void app_test_mouse_up(App *app, float x, float y, int button)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.windowID = SDL_GetWindowID(app->win);
    ev.button.button = (Uint8)button;
    ev.button.state = SDL_RELEASED;
    ev.button.clicks = 1;
    ev.button.x = (int)x;
    ev.button.y = (int)y;
    push_and_frame(app, &ev);
}

void app_test_click(App *app, float x, float y)
{
    app_test_mouse_move(app, x, y);
    app_test_mouse_down(app, x, y, SDL_BUTTON_LEFT, 1);
    app_test_mouse_up(app, x, y, SDL_BUTTON_LEFT);
}

void app_test_double_click(App *app, float x, float y)
{
    app_test_mouse_move(app, x, y);
    app_test_mouse_down(app, x, y, SDL_BUTTON_LEFT, 1);
    app_test_mouse_up(app, x, y, SDL_BUTTON_LEFT);
    app_test_mouse_down(app, x, y, SDL_BUTTON_LEFT, 2);
    app_test_mouse_up(app, x, y, SDL_BUTTON_LEFT);
}

void app_test_drag(App *app, float x0, float y0, float x1, float y1, int steps, int button)
{
    if (steps < 1) steps = 1;
    app_test_mouse_move(app, x0, y0);
    app_test_mouse_down(app, x0, y0, button, 1);
    for (int i = 1; i <= steps; i++) {
        float t = (float)i / (float)steps;
        app_test_mouse_move(app, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
    }
    app_test_mouse_up(app, x1, y1, button);
}

void app_test_key_down(App *app, SDL_Keycode sym, uint16_t mod)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.windowID = SDL_GetWindowID(app->win);
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    ev.key.keysym.mod = mod;
    push_and_frame(app, &ev);
}

void app_test_key_up(App *app, SDL_Keycode sym, uint16_t mod)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYUP;
    ev.key.windowID = SDL_GetWindowID(app->win);
    ev.key.state = SDL_RELEASED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    ev.key.keysym.mod = mod;
    push_and_frame(app, &ev);
}

void app_test_key(App *app, SDL_Keycode sym, uint16_t mod)
{
    app_test_key_down(app, sym, mod);
    app_test_key_up(app, sym, mod);
}

void app_test_text(App *app, const char *utf8)
{
    /* SDL carries at most 31 bytes per text event: split on character boundaries. */
    const char *s = utf8;
    while (*s) {
        size_t n = 0, len = strlen(s);
        while (n < len) {
            size_t c = 1;
            unsigned char b = (unsigned char)s[n];
            if (b >= 0xF0) c = 4;
            else if (b >= 0xE0) c = 3;
            else if (b >= 0xC0) c = 2;
            if (n + c > 30) break;
            n += c;
        }
        SDL_Event ev;
        memset(&ev, 0, sizeof ev);
        ev.type = SDL_TEXTINPUT;
        ev.text.windowID = SDL_GetWindowID(app->win);
        memcpy(ev.text.text, s, n);
        ev.text.text[n] = 0;
        push_and_frame(app, &ev);
        s += n;
    }
}

void app_test_wheel(App *app, float x, float y, float dy)
{
    app_test_mouse_move(app, x, y);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEWHEEL;
    ev.wheel.windowID = SDL_GetWindowID(app->win);
    ev.wheel.y = (int)dy;
#if SDL_VERSION_ATLEAST(2, 0, 18)
    ev.wheel.preciseY = dy;
#endif
    ev.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
    push_and_frame(app, &ev);
}

Vec2 app_test_node_center(App *app, int i)
{
    const Node *n = &app->model->nodes[i];
    return cam_to_screen(&app->cam, app->canvas_rc, n->x + NODE_W / 2, n->y + NODE_H / 2);
}

void app_test_hover_node(App *app, int i)
{
    Vec2 c = app_test_node_center(app, i);
    app_test_mouse_move(app, c.x, c.y);
    app->node_tip_since = SDL_GetTicks() - 5000; /* as if the mouse had rested there */
    app->node_tip_node = i;
    app_frame(app);
}

Vec2 app_test_node_handle(App *app, int i)
{
    const Node *n = &app->model->nodes[i];
    return cam_to_screen(&app->cam, app->canvas_rc, n->x + NODE_W, n->y + NODE_H / 2);
}

bool app_test_field_rect(App *app, const char *key, Rect *out)
{
    for (int i = 0; i < app->n_fields; i++)
        if (strcmp(app->fields[i].key, key) == 0 && app->fields[i].rc.h > 0) {
            *out = app->fields[i].rc;
            return true;
        }
    return false;
}

bool app_test_click_widget(App *app, const char *name, int n)
{
    Rect rc;
    app_frame(app); /* the widgets of the current state */
    if (!ui_widget_rect(&app->ui, n >= 0 ? ui_idn(name, n) : ui_id(name), &rc)) return false;
    app_test_click(app, rc.x + rc.w / 2, rc.y + rc.h / 2);
    return true;
}

bool app_test_text_drawn(const App *app, const char *needle)
{
    const Ui *ui = &app->ui;
    for (int l = 0; l < UI_LAYER_COUNT; l++)
        for (int k = 0; k < ui->lists[l].n_cmds; k++) {
            const DrawCmd *c = &ui->lists[l].cmds[k];
            if (c->kind == DC_TEXT && c->text >= 0 && strstr(ui->arena + c->text, needle)) return true;
        }
    return false;
}

bool app_test_text_exact(const App *app, const char *text)
{
    const Ui *ui = &app->ui;
    for (int l = 0; l < UI_LAYER_COUNT; l++)
        for (int k = 0; k < ui->lists[l].n_cmds; k++) {
            const DrawCmd *c = &ui->lists[l].cmds[k];
            if (c->kind == DC_TEXT && c->text >= 0 && strcmp(ui->arena + c->text, text) == 0) return true;
        }
    return false;
}

void app_test_log_texts(App *app, bool on)
{
    render_log_texts(app->r, on);
}

const char *app_test_drawn_text(const App *app, int i)
{
    return render_logged_text(app->r, i, NULL);
}

const char *app_test_drawn_text_at(const App *app, int i, Rect *where)
{
    return render_logged_text(app->r, i, where);
}

const char *app_test_drawn_text_color(const App *app, int i, Rect *where, Color *c)
{
    return render_logged_text_color(app->r, i, where, c);
}
