/*
 * interview.c - the mock-interview timer (see interview.h): the settings card (minutes
 * per phase, validated, saved in the user's settings), the compact timer card at the
 * top of the board (phase, its clock, the whole plan as a segmented bar, Pause, Back,
 * Next phase, Stop), and what entering a phase does (the Estimates tab, a nudge to run).
 *
 * Time: a phase's elapsed time is what it banked in used_ms plus, while the clock runs,
 * interview_now() - mark_ms. Pausing banks the running part, so a paused clock stands
 * exactly still; going Back to a phase continues its clock where it stopped.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/numfmt.h"

static const char *const NAMES[IV_PHASES] = {
    N_("Clarify requirements"), N_("Estimate"), N_("High-level design"), N_("Deep dive"), N_("Bottlenecks and trade-offs"),
};

/* For tight places: the card at small widths, the summary line. */
static const char *const SHORT_NAMES[IV_PHASES] = {N_("Clarify"), N_("Estimate"), N_("Design"), N_("Deep dive"), N_("Trade-offs")};

static const char *const HINTS[IV_PHASES] = {
    N_("Ask who the users are, which features are in scope, the read/write mix, and the latency and "
    "availability targets. Agree on them before drawing."),
    N_("Peak requests per second, storage per year, bandwidth and cache memory, in round numbers "
    "(the drawer's Estimates tab)."),
    N_("Draw the boxes and arrows: clients, load balancer, services, caches, queues, data stores. "
    "Keep it simple and end to end."),
    N_("Take the hardest parts (data model, fan-out, caching, partitioning) and run the simulation "
    "(F5) to check the numbers."),
    N_("Find the bottleneck, survive a failure, weigh cost against latency; say what you would do "
    "with more time."),
};

static const int DEFAULT_MIN[IV_PHASES] = {5, 5, 15, 15, 5};

void interview_defaults(Interview *iv)
{
    for (int k = 0; k < IV_PHASES; k++) iv->phase_s[k] = DEFAULT_MIN[k] * 60;
    iv->error_phase = -1;
}

const char *interview_phase_name(int phase)
{
    return phase >= 0 && phase < IV_PHASES ? _(NAMES[phase]) : "?";
}

const char *interview_phase_hint(int phase)
{
    return phase >= 0 && phase < IV_PHASES ? _(HINTS[phase]) : "";
}

/* ---- the clock ------------------------------------------------------------------------------ */

uint32_t interview_now(const App *app) { return app->now_ms + app->iv.clock_skew_ms; }

static bool running(const Interview *iv) { return iv->active && !iv->over && !iv->paused; }

int64_t interview_phase_elapsed_ms(const App *app)
{
    const Interview *iv = &app->iv;
    if (!iv->active || iv->over) return 0;
    int64_t e = iv->used_ms[iv->phase];
    if (running(iv)) e += (uint32_t)(interview_now(app) - iv->mark_ms);
    return e;
}

int64_t interview_phase_left_ms(const App *app)
{
    return (int64_t)app->iv.phase_s[app->iv.phase] * 1000 - interview_phase_elapsed_ms(app);
}

int64_t interview_used_ms(const App *app)
{
    const Interview *iv = &app->iv;
    int64_t t = 0;
    for (int k = 0; k < IV_PHASES; k++) t += iv->used_ms[k];
    if (running(iv)) t += (uint32_t)(interview_now(app) - iv->mark_ms);
    return t;
}

int interview_planned_s(const Interview *iv)
{
    int t = 0;
    for (int k = 0; k < IV_PHASES; k++) t += iv->phase_s[k];
    return t;
}

void interview_fmt_clock(int64_t ms, bool round_up, char *out, size_t cap)
{
    if (ms < 0) ms = -ms;
    int64_t s = round_up ? (ms + 999) / 1000 : ms / 1000;
    if (s >= 3600)
        snprintf(out, cap, "%d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
    else
        snprintf(out, cap, "%d:%02d", (int)(s / 60), (int)(s % 60));
}

void interview_clock_text(const App *app, char *out, size_t cap)
{
    int64_t left = interview_phase_left_ms(app);
    char t[32];
    interview_fmt_clock(left, left > 0, t, sizeof t);
    if (left > 0)
        snprintf(out, cap, "%s", t);
    else
        snprintf(out, cap, _("+%s over"), t);
}

/* Bank the running part of the current phase. */
static void bank(App *app)
{
    Interview *iv = &app->iv;
    if (!running(iv)) return;
    uint32_t now = interview_now(app);
    iv->used_ms[iv->phase] += now - iv->mark_ms;
    iv->mark_ms = now;
}

static int active_phases(const Interview *iv)
{
    int n = 0;
    for (int k = 0; k < IV_PHASES; k++) n += iv->phase_s[k] > 0;
    return n;
}

/* 1-based position of `phase` among the phases that are not skipped. */
static int position(const Interview *iv, int phase)
{
    int n = 0;
    for (int k = 0; k <= phase && k < IV_PHASES; k++) n += iv->phase_s[k] > 0;
    return n;
}

static void enter_phase(App *app, int phase)
{
    Interview *iv = &app->iv;
    iv->phase = phase;
    iv->mark_ms = interview_now(app);
    iv->overtime_told = interview_phase_left_ms(app) <= 0; /* a 0-minute phase set while in it */
    char clock[32];
    interview_fmt_clock((int64_t)iv->phase_s[phase] * 1000, true, clock, sizeof clock);
    if (phase == IV_ESTIMATE) drawer_show(app, TAB_ESTIMATES);
    if (phase == IV_TRADEOFFS && !app->res)
        app_set_status(app, false, _("%s (%s): Run the design (F5) to find its bottleneck"), _(NAMES[phase]), clock);
    else
        app_set_status(app, false, "%s (%s): %s", _(NAMES[phase]), clock, _(HINTS[phase]));
    app->needs_frame = true;
}

bool interview_start(App *app)
{
    Interview *iv = &app->iv;
    int first = -1;
    for (int k = 0; k < IV_PHASES && first < 0; k++)
        if (iv->phase_s[k] > 0) first = k;
    if (first < 0) {
        app_set_status(app, true, _("Every phase is at 0 minutes: give at least one phase some time"));
        return false;
    }
    memset(iv->used_ms, 0, sizeof iv->used_ms);
    iv->active = true;
    iv->paused = false;
    iv->over = false;
    iv->card_placed = false;
    interview_make_room(app);
    enter_phase(app, first);
    return true;
}

void interview_stop(App *app)
{
    Interview *iv = &app->iv;
    iv->active = iv->paused = iv->over = false;
    iv->card_rc = rect_make(0, 0, 0, 0);
    memset(iv->btn_rc, 0, sizeof iv->btn_rc);
    app->needs_frame = true;
}

void interview_set_paused(App *app, bool paused)
{
    Interview *iv = &app->iv;
    if (!iv->active || iv->over || iv->paused == paused) return;
    if (paused) {
        bank(app);
        iv->paused = true;
    } else {
        iv->paused = false;
        iv->mark_ms = interview_now(app);
    }
    app->needs_frame = true;
}

void interview_next(App *app)
{
    Interview *iv = &app->iv;
    if (!iv->active || iv->over) return;
    bank(app);
    for (int k = iv->phase + 1; k < IV_PHASES; k++)
        if (iv->phase_s[k] > 0) {
            enter_phase(app, k);
            return;
        }
    /* Past the last phase: the summary. The clock stands still from here on. */
    iv->over = true;
    iv->paused = true;
    char used[32], planned[32];
    interview_fmt_clock(interview_used_ms(app), false, used, sizeof used);
    interview_fmt_clock((int64_t)interview_planned_s(iv) * 1000, false, planned, sizeof planned);
    app_set_status(app, false, _("Interview over: %s used of %s planned"), used, planned);
}

void interview_back(App *app)
{
    Interview *iv = &app->iv;
    if (!iv->active || iv->over) return;
    for (int k = iv->phase - 1; k >= 0; k--)
        if (iv->phase_s[k] > 0) {
            bank(app);
            enter_phase(app, k);
            return;
        }
}

/* ---- minutes as text ---------------------------------------------------------------------- */

/* "7", "7.5" (to two decimals), in the screen's style ("7,5"), as the field reads it back. */
static void fmt_minutes(int s, char *out, size_t cap)
{
    numfmt_decimal(round(s / 60.0 * 100) / 100, 15, out, cap);
}

bool interview_parse_minutes(const char *text, int *out_s, char *why, size_t cap)
{
    char buf[64];
    size_t n = 0;
    const char *s = text;
    while (isspace((unsigned char)*s)) s++;
    for (; *s && n + 1 < sizeof buf; s++) buf[n++] = *s == ',' ? '.' : *s;
    buf[n] = 0;
    /* An optional unit: "7 min", "7m". */
    while (n > 0 && isspace((unsigned char)buf[n - 1])) buf[--n] = 0;
    if (n >= 3 && strcmp(buf + n - 3, "min") == 0) buf[n -= 3] = 0;
    else if (n >= 1 && buf[n - 1] == 'm') buf[--n] = 0;
    while (n > 0 && isspace((unsigned char)buf[n - 1])) buf[--n] = 0;
    bool digits = false, ok = n > 0;
    int dots = 0;
    for (size_t i = 0; i < n && ok; i++) {
        if (isdigit((unsigned char)buf[i])) digits = true;
        else if (buf[i] == '.') dots++;
        else ok = false;
    }
    if (!ok || !digits || dots > 1) {
        snprintf(why, cap, _("'%.40s' is not a number of minutes"), text);
        return false;
    }
    double m = strtod(buf, NULL);
    if (!(m >= 0 && m <= IV_MAX_MINUTES)) {
        snprintf(why, cap, _("%.40s minutes is more than %d"), buf, IV_MAX_MINUTES);
        return false;
    }
    *out_s = (int)lround(m * 60);
    return true;
}

/* ---- the settings card ------------------------------------------------------------------- */

void interview_toolbar_clicked(App *app)
{
    app->iv.error[0] = 0;
    app->iv.error_phase = -1;
    app->modal = MODAL_INTERVIEW;
    app->needs_frame = true;
}

/* Apply a submitted field; true when it was accepted. */
static bool apply_field(App *app, int k, const char *text)
{
    Interview *iv = &app->iv;
    int s = 0;
    char why[100];
    if (!interview_parse_minutes(text, &s, why, sizeof why)) {
        snprintf(iv->error, sizeof iv->error, _("%s: %s. Type minutes from 0 to %d (0 skips the phase)."), _(NAMES[k]),
                 why, IV_MAX_MINUTES);
        snprintf(iv->bad_text, sizeof iv->bad_text, "%s", text);
        iv->error_phase = k;
        return false;
    }
    if (iv->error_phase == k) {
        iv->error[0] = 0;
        iv->error_phase = -1;
    }
    if (s != iv->phase_s[k]) {
        iv->phase_s[k] = s;
        settings_save(app);
    }
    return true;
}

static void reset_plan(App *app)
{
    Interview *iv = &app->iv;
    int before[IV_PHASES];
    memcpy(before, iv->phase_s, sizeof before);
    interview_defaults(iv);
    iv->error[0] = 0;
    iv->error_phase = -1;
    if (memcmp(before, iv->phase_s, sizeof before) != 0) settings_save(app);
}

void interview_settings_modal(App *app)
{
    Ui *ui = &app->ui;
    Interview *iv = &app->iv;
    bool live = iv->active && !iv->over; /* an interview is going: the card edits its plan */
    const float row_h = 58, w = 640;
    const char *intro = live ? _("The interview is running: changes to the minutes apply at once.")
                             : _("A timer walks you through the phases of a system-design interview. When a "
                                 "phase's time is up, the timer turns amber and counts the overtime; you move "
                                 "on when you are ready.");
    float intro_h = render_line_height(app->r, FONT_REGULAR, theme.ui_font) *
                    (float)render_wrap(app->r, FONT_REGULAR, theme.ui_font, w - 48, intro, NULL, NULL);
    /* A row holds its phase's hint: two lines in English, three in a longer language. */
    float rows_h[IV_PHASES], all_rows = 0, hint_w = w - 188; /* the text column, as below */
    for (int k = 0; k < IV_PHASES; k++) {
        float hint_h = render_line_height(app->r, FONT_REGULAR, theme.small_font) *
                       (float)render_wrap(app->r, FONT_REGULAR, theme.small_font, hint_w, _(HINTS[k]), NULL, NULL);
        rows_h[k] = 21 + hint_h + 9 > row_h ? 21 + hint_h + 9 : row_h;
        all_rows += rows_h[k];
    }
    float h = 50 + intro_h + 22 + all_rows + 118;
    Rect rc = dialog_card(app, w, h);
    iv->modal_rc = rc;
    float x = rc.x + 24, inner_w = rc.w - 48, y = rc.y + 20;
    ui_text(ui, FONT_BOLD, 17, x, y, _("Mock interview"), theme.text);
    y += 30;
    ui_text_wrap(ui, FONT_REGULAR, theme.ui_font, x, y, inner_w, intro, theme.text_dim);
    y += intro_h + 22;
    float field_w = 64, unit_w = 30;
    float fx = rc.x + rc.w - 24 - unit_w - field_w;
    float text_w = fx - 16 - (x + 30);
    bool start = false;
    for (int k = 0; k < IV_PHASES; y += rows_h[k], k++) {
        bool skipped = iv->phase_s[k] == 0;
        if (k) ui_rect(ui, rect_make(x, y - 7, inner_w, 1), theme.border);
        /* The phase number in a small disc. */
        Color disc = skipped ? theme.border_strong : (live && iv->phase == k ? theme.accent : theme.text_dim);
        ui_circle(ui, vec2(x + 10, y + 11), 10, disc);
        char num[4];
        snprintf(num, sizeof num, "%d", k + 1);
        ui_text_in(ui, FONT_BOLD, theme.small_font, rect_make(x, y + 1, 20, 20), 1, num, theme.text_on_accent);
        ui_text_fit(ui, FONT_BOLD, theme.ui_font, x + 30, y + 2, _(NAMES[k]), text_w,
                    skipped ? theme.text_faint : theme.text);
        if (skipped) {
            float nw = render_text_width(app->r, FONT_BOLD, theme.ui_font, _(NAMES[k]));
            ui_text(ui, FONT_REGULAR, theme.small_font, x + 30 + nw + 8, y + 3, _("skipped"), theme.text_faint);
        }
        ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x + 30, y + 21, text_w, _(HINTS[k]),
                     skipped ? theme.text_faint : theme.text_dim);
        Rect fr = {fx, y, field_w, 28};
        iv->field_rc[k] = fr;
        char minutes[32], out[64];
        fmt_minutes(iv->phase_s[k], minutes, sizeof minutes);
        const char *shown = iv->error_phase == k ? iv->bad_text : minutes; /* a refused text stays to be fixed */
        UiTextResult res = ui_textbox(ui, ui_idn("iv-min", k), fr, shown, out, sizeof out,
                                      UI_NUMERIC | (iv->error_phase == k ? UI_INVALID : 0));
        if (res == UI_TEXT_SUBMIT && apply_field(app, k, out) && ui->submit_enter) start = true;
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(fx + field_w + 8, y, unit_w, 28), 0, _("min"),
                   theme.text_dim);
    }
    /* The total and the way back to the usual plan. */
    y += 2;
    ui_rect(ui, rect_make(x, y - 7, inner_w, 1), theme.border_strong);
    char total[96];
    int n_skip = IV_PHASES - active_phases(iv);
    char mins[32];
    fmt_minutes(interview_planned_s(iv), mins, sizeof mins);
    snprintf(total, sizeof total, _("Total %s min"), mins);
    /* Right-aligned with the fields' "min". */
    float right = fx + field_w + 8 + render_text_width(app->r, FONT_REGULAR, theme.ui_font, _("min"));
    float tw = render_text_width(app->r, FONT_BOLD, theme.ui_font, total);
    ui_text_in(ui, FONT_BOLD, theme.ui_font, rect_make(right - tw, y, tw + 1, 28), 0, total, theme.text);
    if (n_skip > 0) {
        char sk[96];
        snprintf(sk, sizeof sk, P_("%d phase skipped \xC2\xB7", "%d phases skipped \xC2\xB7", n_skip), n_skip);
        float sw = render_text_width(app->r, FONT_REGULAR, theme.small_font, sk);
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(right - tw - 8 - sw, y, sw + 1, 28), 0, sk,
                   theme.text_faint);
    }
    int def_total = 0;
    for (int k = 0; k < IV_PHASES; k++) def_total += DEFAULT_MIN[k];
    char reset[48];
    snprintf(reset, sizeof reset, _("Reset to %d min"), def_total);
    float rw = render_text_width(app->r, FONT_REGULAR, theme.ui_font, reset) + 24;
    bool is_default = true;
    for (int k = 0; k < IV_PHASES; k++) is_default = is_default && iv->phase_s[k] == DEFAULT_MIN[k] * 60;
    if (ui_button(ui, ui_id("iv-reset"), rect_make(x, y, rw, 28), reset,
                  is_default && iv->error_phase < 0 ? UI_DISABLED : 0))
        reset_plan(app);
    y += 36;
    if (iv->error[0])
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, y, iv->error, inner_w, theme.danger);
    else
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, y, _("Minutes are saved for next time. 0 skips a phase."),
                    inner_w, theme.text_faint);

    /* Buttons: Enter starts (continues), Escape cancels. */
    float by = rc.y + rc.h - 52;
    bool none = active_phases(iv) == 0;
    bool stop = false, restart = false, cancel = false;
    Rect primary = {rc.x + rc.w - 24 - 110, by, 110, 32};
    if (live) {
        bool cont = ui_button(ui, ui_id("iv-continue"), primary, _("Continue"), UI_PRIMARY);
        restart = ui_button(ui, ui_id("iv-restart"), rect_make(primary.x - 10 - 100, by, 100, 32), _("Restart"),
                            none ? UI_DISABLED : 0);
        stop = ui_button(ui, ui_id("iv-stop-all"), rect_make(x, by, 130, 32), _("Stop interview"), 0);
        cancel = cont || ui_key(ui, SDLK_ESCAPE, 0) || ui_key(ui, SDLK_RETURN, 0) || ui_key(ui, SDLK_KP_ENTER, 0) ||
                 start;
    } else {
        /* A refused value must be fixed first (its field shows it in red). */
        bool blocked = none || iv->error_phase >= 0;
        start = ui_button(ui, ui_id("iv-start"), primary, _("\xE2\x96\xB6 Start"), UI_PRIMARY | (blocked ? UI_DISABLED : 0)) ||
                ui_key(ui, SDLK_RETURN, 0) || ui_key(ui, SDLK_KP_ENTER, 0) || start;
        start = start && !blocked;
        cancel = ui_button(ui, ui_id("iv-cancel"), rect_make(primary.x - 10 - 90, by, 90, 32), _("Cancel"), 0) ||
                 ui_key(ui, SDLK_ESCAPE, 0);
    }
    ui_set_layer(ui, UI_BASE);
    if (stop) {
        app->modal = MODAL_NONE;
        interview_stop(app);
        app_set_status(app, false, _("Interview stopped"));
    } else if (restart) {
        if (interview_start(app)) app->modal = MODAL_NONE;
    } else if (cancel) {
        app->modal = MODAL_NONE;
    } else if (start && !live) {
        if (interview_start(app)) app->modal = MODAL_NONE;
    }
}

/* ---- the timer card over the board -------------------------------------------------------- */

/* Area of the intersection of two rects. */
static float overlap(Rect a, Rect b)
{
    float ox = fminf(a.x + a.w, b.x + b.w) - fmaxf(a.x, b.x);
    float oy = fminf(a.y + a.h, b.y + b.h) - fmaxf(a.y, b.y);
    return ox > 0 && oy > 0 ? ox * oy : 0;
}

/* How much of the bottleneck callout (with a little air) the card would hide at `rc`. */
static float callout_hit(const App *app, Rect rc)
{
    return app->callout_rc.w > 0 ? overlap(rc, rect_inset(app->callout_rc, -6)) : 0;
}

/* What the card would hide at `rc`: nodes (with their badges), the bottleneck callout
 * (which matters most), and a little for leaving the centre. */
static float cover_cost(const App *app, Rect rc, float centre_x)
{
    const Model *m = app->model;
    float z = (float)app->cam.zoom;
    float cost = 0;
    for (int i = 0; i < m->n_nodes; i++) {
        Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, m->nodes[i].x, m->nodes[i].y);
        cost += overlap(rc, rect_make(a.x - 4, a.y - 14, NODE_W * z + 8, NODE_H * z + 24));
    }
    return cost + 8 * callout_hit(app, rc) + 2 * fabsf(rc.x - centre_x);
}

/* The best left edge for a card of w x h at the top of the board; its cost in *cost. */
static Rect place_width(const App *app, float w, float h, float *cost)
{
    const Interview *iv = &app->iv;
    Rect cv = app->canvas_rc;
    float y = cv.y + 10;
    float lo = cv.x + 12, hi = cv.x + cv.w - 12 - w;
    float centre = roundf(cv.x + (cv.w - w) / 2);
    if (hi <= lo) {
        *cost = 0;
        return rect_make(centre, y, w, h);
    }
    /* Evenly spread places, and those just beside the callout. */
    enum { STEPS = 16 };
    float xs[STEPS + 4];
    int n = 0;
    xs[n++] = centre;
    for (int k = 0; k <= STEPS; k++) xs[n++] = roundf(lo + (hi - lo) * (float)k / STEPS);
    if (app->callout_rc.w > 0) {
        xs[n++] = fmaxf(lo, fminf(hi, floorf(app->callout_rc.x - 7 - w)));
        xs[n++] = fmaxf(lo, fminf(hi, ceilf(app->callout_rc.x + app->callout_rc.w + 7)));
    }
    float best_x = centre, best = INFINITY;
    for (int k = 0; k < n; k++) {
        float c = cover_cost(app, rect_make(xs[k], y, w, h), centre);
        if (c < best) {
            best = c;
            best_x = xs[k];
        }
    }
    /* Keep the last place while it is about as good: no wandering as the board pans. */
    float px = cv.x + iv->card_dx;
    if (iv->card_placed && px >= lo && px <= hi) {
        float c = cover_cost(app, rect_make(px, y, w, h), centre);
        if (c <= best + 600 && (callout_hit(app, rect_make(px, y, w, h)) == 0 || c <= best)) {
            best = c;
            best_x = px;
        }
    }
    *cost = best;
    return rect_make(best_x, y, w, h);
}

/* Where the card goes: at the top of the board, centred unless that hides nodes or the
 * bottleneck callout and a place further left or right hides less. When no place at
 * full width keeps clear of the callout, the card narrows (down to w_min) first. */
static Rect place(App *app, float w_max, float w_min, float h)
{
    Interview *iv = &app->iv;
    Rect best_rc = {0, 0, 0, 0};
    float best = INFINITY;
    for (float w = w_max;; w = fmaxf(w_min, w - 30)) {
        float c;
        Rect rc = place_width(app, w, h, &c);
        if (callout_hit(app, rc) == 0) {
            best_rc = rc;
            break;
        }
        if (c < best) {
            best = c;
            best_rc = rc;
        }
        if (w <= w_min) break;
    }
    iv->card_dx = best_rc.x - app->canvas_rc.x;
    iv->card_placed = true;
    return best_rc;
}

void interview_make_room(App *app)
{
    const Model *m = app->model;
    Rect cv = app->canvas_rc;
    const float top = 10 + 64 + 8; /* the card and a little air */
    if (!app->iv.active || m->n_nodes == 0 || cv.h < 3 * top) return;
    float z = (float)app->cam.zoom;
    bool covered = false, all_in = true;
    for (int i = 0; i < m->n_nodes; i++) {
        Vec2 a = cam_to_screen(&app->cam, cv, m->nodes[i].x, m->nodes[i].y);
        Rect nr = {a.x, a.y - 14, NODE_W * z, NODE_H * z + 14}; /* with its badge */
        covered = covered || (nr.y < cv.y + top && nr.y + nr.h > cv.y);
        all_in = all_in && nr.x >= cv.x && nr.y >= cv.y && nr.x + nr.w <= cv.x + cv.w && nr.y + nr.h <= cv.y + cv.h;
    }
    if (!covered || !all_in) return; /* nothing hidden, or the user looks at a part on purpose */
    float drop = top - 20; /* camera_fit keeps a margin of its own */
    camera_fit(&app->cam, m, rect_make(cv.x, cv.y + drop, cv.w, cv.h - drop), app->cam.zoom);
    app->cam.y -= drop / app->cam.zoom; /* the camera holds the canvas's corner, not the view's */
    app->needs_frame = true;
}

/* The plan as one thin bar: a segment per phase that is not skipped, as long as its
 * minutes; done phases filled (amber when they ran over), the current one as far as it
 * got. */
static void plan_bar(App *app, Rect bar)
{
    Ui *ui = &app->ui;
    const Interview *iv = &app->iv;
    int planned = interview_planned_s(iv), n = active_phases(iv);
    if (planned <= 0 || n == 0) return;
    float gap = 3, room = bar.w - gap * (float)(n - 1), x = bar.x;
    for (int k = 0; k < IV_PHASES; k++) {
        if (iv->phase_s[k] <= 0) continue;
        float sw = room * (float)iv->phase_s[k] / (float)planned;
        Rect seg = {x, bar.y, sw, bar.h};
        ui_rrect(ui, seg, bar.h / 2, theme.border);
        int64_t used = (iv->over || k != iv->phase) ? (int64_t)iv->used_ms[k] : interview_phase_elapsed_ms(app);
        int64_t plan = (int64_t)iv->phase_s[k] * 1000;
        float f = (float)fmin(1.0, (double)used / (double)plan);
        bool done = iv->over || k < iv->phase;
        if (done && used > 0 && !iv->over) f = 1; /* the summary shows how much of each plan was used */
        Color c = used > plan ? theme.warning : (done || k == iv->phase ? theme.accent : theme.border);
        if (k > iv->phase && !iv->over && used > 0) c = tint(theme.accent, 0.5f); /* visited, then went Back */
        if (f > 0 && used >= 1000) ui_rrect(ui, rect_make(seg.x, seg.y, fmaxf(seg.h, seg.w * f), seg.h), bar.h / 2, c);
        x += sw + gap;
    }
}

/* A dark tooltip under the card, on the popup layer. */
static void tip(App *app, Rect card_rc, const char *text)
{
    Ui *ui = &app->ui;
    float w = fminf(320, render_text_width(app->r, FONT_REGULAR, theme.small_font, text) + 20);
    float lh = render_line_height(app->r, FONT_REGULAR, theme.small_font);
    float h = lh * (float)render_wrap(app->r, FONT_REGULAR, theme.small_font, w - 20, text, NULL, NULL) + 12;
    float x = fminf(ui->in.mx - 20, card_rc.x + card_rc.w - w);
    Rect box = {fmaxf(x, card_rc.x), card_rc.y + card_rc.h + 6, w, h};
    ui_set_layer(ui, UI_POPUP);
    ui_rrect(ui, box, 6, hex(0x1F2937));
    ui_text_wrap(ui, FONT_REGULAR, theme.small_font, box.x + 10, box.y + 6, w - 20, text, hex(0xF9FAFB));
    ui_set_layer(ui, UI_BASE);
}

static bool card_button(App *app, InterviewButton b, Rect rc, const char *label, int flags)
{
    app->iv.btn_rc[b] = rc;
    return ui_button(&app->ui, ui_idn("iv-btn", (int)b), rc, label, flags);
}

/* After the last phase: time used against the plan, per phase, and Close. */
static void summary_card(App *app)
{
    Ui *ui = &app->ui;
    Interview *iv = &app->iv;
    char line[400], used[32], planned[32], diff[32];
    int64_t u = interview_used_ms(app), p = (int64_t)interview_planned_s(iv) * 1000;
    interview_fmt_clock(u, false, used, sizeof used);
    interview_fmt_clock(p, false, planned, sizeof planned);
    interview_fmt_clock(u - p, false, diff, sizeof diff);
    char per[300] = "";
    size_t len = 0;
    for (int k = 0; k < IV_PHASES; k++) {
        if (iv->phase_s[k] <= 0) continue;
        char t[32];
        interview_fmt_clock(iv->used_ms[k], false, t, sizeof t);
        int l = snprintf(per + len, sizeof per - len, "%s%s %s", len ? "  \xC2\xB7  " : "", _(SHORT_NAMES[k]), t);
        if (l > 0 && (size_t)l < sizeof per - len) len += (size_t)l;
    }
    float per_w = render_text_width(app->r, FONT_REGULAR, theme.small_font, per);
    float w = fmaxf(440, per_w + 28), cw = app->canvas_rc.w - 24;
    if (w > cw) w = cw;
    char outcome[300];
    practice_outcome(app, outcome, sizeof outcome);
    float h = outcome[0] ? 98 : 80;
    float ow = render_text_width(app->r, FONT_REGULAR, theme.small_font, outcome) + 28;
    if (ow > w && ow <= cw) w = ow;
    Rect rc = place(app, w, w, h);
    iv->card_rc = rc;
    memset(iv->btn_rc, 0, sizeof iv->btn_rc);
    ui_button(ui, ui_id("iv-card"), rc, "", UI_INVISIBLE);
    ui_shadow(ui, rc, 10);
    ui_rrect(ui, rc, 10, theme.panel);
    ui_rrect_line(ui, rc, 10, 1, theme.border_strong);
    float x = rc.x + 14;
    Rect close = {rc.x + rc.w - 12 - 70, rc.y + 10, 70, 28};
    iv->btn_rc[IV_BTN_STOP] = close;
    if (ui_button(ui, ui_id("iv-close"), close, _("Close"), UI_PRIMARY)) {
        interview_stop(app);
        return;
    }
    ui_icon(ui, ICON_CHECK, rect_make(x, rc.y + 13, 14, 14), theme.ok);
    ui_text_fit(ui, FONT_BOLD, 14, x + 20, rc.y + 11, _("Interview over"), close.x - x - 28, theme.text);
    bool over_plan = u - p >= 1000;
    if (over_plan)
        snprintf(line, sizeof line, _("%s used of %s planned (%s over)"), used, planned, diff);
    else
        snprintf(line, sizeof line, _("%s used of %s planned"), used, planned);
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, x + 20, rc.y + 32, line, close.x - x - 28,
                over_plan ? theme.warning : theme.text_dim);
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, rc.y + 52, per, rc.w - 28, theme.text_faint);
    if (outcome[0]) ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, rc.y + 70, outcome, rc.w - 28, theme.text);
    plan_bar(app, rect_make(x, rc.y + rc.h - 10, rc.w - 28, 4));
}

void interview_update(App *app)
{
    Ui *ui = &app->ui;
    Interview *iv = &app->iv;
    if (!iv->active) {
        iv->card_rc = rect_make(0, 0, 0, 0);
        return;
    }
    if (iv->over) {
        summary_card(app);
        return;
    }
    int64_t left = interview_phase_left_ms(app);
    bool overtime = left <= 0;
    if (overtime && !iv->overtime_told && !iv->paused) {
        iv->overtime_told = true;
        app_set_status(app, false, _("Time is up for %s: wrap up and go on with Next phase (the clock counts the overtime)"),
                       _(NAMES[iv->phase]));
    }

    /* Size: 500 x 64, narrower on a narrow board or to keep clear of the bottleneck
     * callout (Back and the overall time go first). */
    float cw = app->canvas_rc.w - 24;
    Rect rc = place(app, fminf(500, cw), fminf(420, cw), 64);
    float w = rc.w;
    bool narrow = w < 420, tiny = w < 340;
    iv->card_rc = rc;
    memset(iv->btn_rc, 0, sizeof iv->btn_rc);
    ui_button(ui, ui_id("iv-card"), rc, "", UI_INVISIBLE); /* the card takes the mouse off the board */
    Color bg = overtime ? tint(theme.warning, 0.9f) : theme.panel;
    Color line = overtime ? tint(theme.warning, 0.45f) : theme.border_strong;
    ui_shadow(ui, rc, 10);
    ui_rrect(ui, rc, 10, bg);
    ui_rrect_line(ui, rc, 10, 1, line);

    /* Buttons on the right: Back, Pause / Resume, Next phase, Stop. */
    float bh = 28, by = rc.y + 10, bx = rc.x + rc.w - 12;
    bool last = true;
    for (int k = iv->phase + 1; k < IV_PHASES; k++) last = last && iv->phase_s[k] <= 0;
    bool first = true;
    for (int k = 0; k < iv->phase; k++) first = first && iv->phase_s[k] <= 0;
    const char *next_label = last ? _("Finish") : _("Next \xE2\x80\xBA");
    float stop_w = 48, next_w = tiny ? 56 : 62, pause_w = 72, back_w = 28;
    bx -= stop_w;
    bool stop = card_button(app, IV_BTN_STOP, rect_make(bx, by, stop_w, bh), _("Stop"), 0);
    bx -= 4 + next_w;
    bool next = card_button(app, IV_BTN_NEXT, rect_make(bx, by, next_w, bh), next_label, overtime ? UI_PRIMARY : 0);
    bx -= 4 + pause_w;
    bool pause = card_button(app, IV_BTN_PAUSE, rect_make(bx, by, pause_w, bh), iv->paused ? _("Resume") : _("Pause"),
                             iv->paused ? UI_PRIMARY : 0);
    bool back = false;
    if (!narrow) {
        bx -= 4 + back_w;
        back = card_button(app, IV_BTN_BACK, rect_make(bx, by, back_w, bh), "\xE2\x80\xB9", first ? UI_DISABLED : 0);
    }

    /* The clock of the phase, right-aligned against the buttons. */
    char t[32], clock[40], caption[32];
    interview_fmt_clock(left, !overtime, t, sizeof t);
    snprintf(clock, sizeof clock, "%s%s", overtime ? "+" : "", t);
    snprintf(caption, sizeof caption, "%s", overtime ? C_("clock", "over") : (iv->paused ? C_("clock", "paused") : C_("clock", "left")));
    Color clock_c = overtime ? theme.warning : (iv->paused ? theme.text_faint : theme.text);
    float clock_size = 20;
    float clock_w = render_text_width(app->r, FONT_BOLD, clock_size, clock);
    float clock_right = bx - 12;
    ui_text(ui, FONT_BOLD, clock_size, roundf(clock_right - clock_w), rc.y + 8, clock, clock_c);
    float cap_w = render_text_width(app->r, FONT_REGULAR, theme.small_font, caption);
    ui_text(ui, FONT_REGULAR, theme.small_font, roundf(clock_right - cap_w), rc.y + 35, caption,
            overtime ? theme.warning : theme.text_faint);

    /* The phase on the left: its name, its place in the plan and the overall time. */
    float x = rc.x + 14, text_w = clock_right - clock_w - 14 - x;
    /* The full name, a size smaller if need be, else the short one. */
    const char *name = _(NAMES[iv->phase]);
    float name_size = 14;
    if (render_text_width(app->r, FONT_BOLD, name_size, name) > text_w) name_size = 13;
    if (render_text_width(app->r, FONT_BOLD, name_size, name) > text_w) {
        name = _(SHORT_NAMES[iv->phase]);
        name_size = 14;
    }
    ui_text_fit(ui, FONT_BOLD, name_size, x, rc.y + 10 + (14 - name_size) / 2, name, text_w,
                overtime ? theme.warning : theme.text);
    char sub[120], total[32];
    int64_t total_left = (int64_t)interview_planned_s(iv) * 1000 - interview_used_ms(app);
    interview_fmt_clock(total_left, total_left > 0, total, sizeof total);
    int pos = position(iv, iv->phase), n = active_phases(iv);
    /* "2 of 5 - 38:12 left in all", shorter when that does not fit. */
    const char *word = total_left > 0 ? C_("clock", "left") : C_("clock", "over");
    snprintf(sub, sizeof sub, _("%d of %d \xC2\xB7 %s %s in all"), pos, n, total, word);
    if (render_text_width(app->r, FONT_REGULAR, theme.small_font, sub) > text_w)
        snprintf(sub, sizeof sub, _("%d of %d \xC2\xB7 all: %s %s"), pos, n, total, word);
    if (render_text_width(app->r, FONT_REGULAR, theme.small_font, sub) > text_w)
        snprintf(sub, sizeof sub, _("%d of %d"), pos, n); /* the phase's place alone */
    ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, rc.y + 33, sub, text_w, theme.text_dim);
    plan_bar(app, rect_make(x, rc.y + rc.h - 10, rc.w - 28, 4));

    /* Hovering the card's left part tells what to do in this phase; the buttons say
     * what they do. */
    Rect info = {rc.x, rc.y, text_w + 14, rc.h};
    const char *tips[IV_BTN_COUNT] = {
        _("Back to the previous phase (its clock goes on from where it was)"),
        iv->paused ? _("Start the clock again") : _("Stop the clock until you resume"),
        last ? _("End the interview: the time used against the plan") : _("On to the next phase"),
        _("End the mock interview"),
    };
    if (ui_hover(ui, info)) tip(app, rc, _(HINTS[iv->phase]));
    for (int b = 0; b < IV_BTN_COUNT; b++)
        if (iv->btn_rc[b].w > 0 && ui_hover(ui, iv->btn_rc[b])) tip(app, rc, tips[b]);

    if (stop) {
        interview_stop(app);
        app_set_status(app, false, _("Interview stopped"));
    } else if (next) {
        interview_next(app);
    } else if (back) {
        interview_back(app);
    } else if (pause) {
        interview_set_paused(app, !iv->paused);
    }
}
