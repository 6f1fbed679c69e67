/*
 * estimates.c - the back-of-the-envelope sheet in the results drawer (see estimates.h).
 *
 * Left, one row per quantity: its label, a field for the user's estimate and, once
 * there is one, the verdict (green good, amber close, red off, with how far). Right,
 * the selected row in full: the estimate and its verdict, then the expected value with
 * its arithmetic and note. The answer stays hidden until the user has estimated (it
 * would spoil the exercise); a "show" link per row is there for someone who gives up,
 * and until then the pane shows the prompt the numbers come from.
 *
 * Everything is in the app's language (app->lang): the sheet, the verdicts and refusals
 * come from sim/envelope.h in that language, and the tab's own few words from the
 * message catalogue (po/, sim/tr.h).
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/envelope.h"
#include "sim/util.h"

#define ROW_H 30.0f
#define FIELD_W 100.0f
#define VERDICT_W 128.0f /* at least; wider when a verdict in the language needs it */
#define ERR_MAX 512 /* a refusal, in any language */

/* A row's label: the sheet's, or for a quantity written in the app whose label is not
 * written yet, what the Scenario panel calls it (the sheet would show its id). */
static const char *line_label(const App *app, const EnvelopeLine *l)
{
    const Scenario *s = &app->model->scenario;
    for (int k = 0; !l->derived && k < s->n_envelope; k++)
        if (s->envelope[k].id && l->id && strcmp(s->envelope[k].id, l->id) == 0 &&
            (!s->envelope[k].label || !*s->envelope[k].label))
            return _("(what is estimated?)");
    return l->label;
}

/* ---- the estimates in meta ------------------------------------------------------------ */

char *estimates_get(const Model *m, const char *id)
{
    cJSON *est = meta_app_get(m->meta_json, "estimates");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(est, id);
    char *out = cJSON_IsString(v) && v->valuestring[0] ? xstrdup(v->valuestring) : NULL;
    cJSON_Delete(est);
    return out;
}

void estimates_rename(Model *m, const char *from, const char *to)
{
    cJSON *est = meta_app_get(m->meta_json, "estimates");
    cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(est, from);
    if (v && !cJSON_GetObjectItemCaseSensitive(est, to)) {
        cJSON_AddItemToObject(est, to, v);
        char *meta = meta_app_set(m->meta_json, "estimates", est);
        free(m->meta_json);
        m->meta_json = meta;
    } else {
        cJSON_Delete(v);
    }
    cJSON_Delete(est);
}

bool estimates_set(App *app, const char *id, const char *text)
{
    Model *m = app->model;
    cJSON *est = meta_app_get(m->meta_json, "estimates");
    if (!cJSON_IsObject(est)) {
        cJSON_Delete(est);
        est = cJSON_CreateObject();
    }
    const cJSON *old = cJSON_GetObjectItemCaseSensitive(est, id);
    bool remove = !text || !text[0];
    if (remove ? !old : (cJSON_IsString(old) && strcmp(old->valuestring, text) == 0)) {
        cJSON_Delete(est);
        return false;
    }
    if (remove)
        cJSON_DeleteItemFromObjectCaseSensitive(est, id);
    else if (old)
        cJSON_ReplaceItemInObjectCaseSensitive(est, id, cJSON_CreateString(text));
    else
        cJSON_AddStringToObject(est, id, text);
    char *meta = meta_app_set(m->meta_json, "estimates", cJSON_GetArraySize(est) > 0 ? est : NULL);
    char label[120];
    snprintf(label, sizeof label, remove ? _("Clear the estimate of %s") : _("Estimate %s"), id);
    Command c;
    cmd_init(&c, label);
    const Scenario *s = &m->scenario;
    cmd_run_set(&c, m, s->duration_s, s->warmup_s, s->seed, meta);
    /* An estimate is not a change of the design: the shown results stay current. */
    bool current = app->res && app->res_version == app->version;
    app_commit(app, &c);
    if (current) app->res_version = app->version;
    free(meta);
    cJSON_Delete(est);
    return true;
}

/* ---- view state --------------------------------------------------------------------------- */

static bool revealed(const EstimatesView *v, const char *id)
{
    for (int i = 0; i < v->n_revealed; i++)
        if (strcmp(v->revealed[i], id) == 0) return true;
    return false;
}

static void reveal(EstimatesView *v, const char *id)
{
    if (revealed(v, id) || v->n_revealed >= ESTIMATES_ROWS) return;
    snprintf(v->revealed[v->n_revealed++], sizeof v->revealed[0], "%s", id);
}

static Color verdict_color(EnvelopeVerdict vd)
{
    return vd == ENV_GOOD ? theme.ok : vd == ENV_CLOSE ? theme.warning : theme.danger;
}

/* What the empty field asks for: the unit, no number (a number could hint the answer). */
static const char *placeholder(const App *app, EnvelopeUnit u)
{
    (void)app; /* the language is the catalogue's (the app sets it every frame) */
    switch (u) {
    case ENV_UNIT_RPS: return _("requests/s");
    case ENV_UNIT_PER_S: return _("per second");
    case ENV_UNIT_BYTES: return "GB, TB\xE2\x80\xA6";
    case ENV_UNIT_BYTES_PER_S: return "MB/s, Gbit/s\xE2\x80\xA6";
    default: return _("a number");
    }
}

/* The user's estimate of the line in its unit, false when there is none that reads. */
static bool saved_value(const App *app, const EnvelopeLine *l, double *value)
{
    char *saved = estimates_get(app->model, l->id);
    char err[ERR_MAX];
    bool ok = saved && envelope_parse_in(l->unit, saved, app->lang, value, err, sizeof err);
    free(saved);
    return ok;
}

/* A saved estimate that does not read (a file written elsewhere, or by an older
 * archsim): true with the reason in err. */
static bool saved_unread(const App *app, const EnvelopeLine *l, char *err, size_t cap)
{
    char *saved = estimates_get(app->model, l->id);
    double value;
    bool bad = saved && !envelope_parse_in(l->unit, saved, app->lang, &value, err, cap);
    free(saved);
    return bad;
}

/* The user pressed Enter (or left the field) with `typed` in row k. */
static void submit(App *app, const EnvelopeLine *l, int k, const char *typed, const char *saved)
{
    EstimatesView *v = &app->estv;
    char t[256];
    const char *p = typed;
    while (*p == ' ') p++;
    snprintf(t, sizeof t, "%s", p);
    size_t n = strlen(t);
    while (n > 0 && t[n - 1] == ' ') t[--n] = 0;
    v->sel = k;
    if (!t[0]) {
        if (v->error_row == k + 1) v->error_row = 0;
        if (saved) estimates_set(app, l->id, NULL);
        return;
    }
    double value;
    char err[ERR_MAX];
    if (!envelope_parse_in(l->unit, t, app->lang, &value, err, sizeof err)) {
        v->error_row = k + 1;
        snprintf(v->error, sizeof v->error, "%s", err);
        snprintf(v->error_text, sizeof v->error_text, "%s", t);
        return;
    }
    if (v->error_row == k + 1) v->error_row = 0;
    estimates_set(app, l->id, t);
}

/* ---- the tab ----------------------------------------------------------------------------- */

/* The row: label, field, verdict or "show"; the verdict column is `verdict_w` wide. */
static void row(App *app, const EnvelopeLine *l, int k, Rect rc, Rect clip, float verdict_w)
{
    Ui *ui = &app->ui;
    EstimatesView *v = &app->estv;
    char *saved = estimates_get(app->model, l->id);
    bool sel = v->sel == k;
    if (sel) ui_rrect(ui, rect_make(rc.x - 6, rc.y, rc.w + 6, rc.h - 2), 5, theme.accent_soft);
    float label_w = rc.w - FIELD_W - verdict_w - 16;
    if (ui_button(ui, ui_idn("est-row", k), rect_make(rc.x - 6, rc.y, label_w + 6, rc.h - 2), "", UI_INVISIBLE)) {
        v->sel = k;
        v->detail_scroll = 0;
    }
    Rect lab = rect_make(rc.x, rc.y, label_w, rc.h - 2);
    FontId lf = sel ? FONT_BOLD : FONT_REGULAR;
    /* two lines where one is short, three where the rows are tall enough (the tab makes
     * them so when a label needs it); else shortened, the full label in a tooltip */
    float lh = render_line_height(app->r, lf, theme.small_font);
    const char *label = line_label(app, l);
    if (!ui_text_two_lines(ui, lf, theme.small_font, lab, label, theme.text)) {
        if (lab.h >= 3 * lh && render_wrap(app->r, lf, theme.small_font, lab.w, label, NULL, NULL) == 3)
            ui_text_lines(ui, lf, theme.small_font, lab.x, lab.y + (lab.h - 3 * lh) / 2, lab.w, label, 3, theme.text);
        else
            overlay_text_in(app, lf, theme.small_font, lab, 0, label, theme.text);
    }
    /* The estimate field. */
    Rect fr = {rc.x + label_w + 8, rc.y + (rc.h - ROW_H) / 2 + 3, FIELD_W, ROW_H - 8}; /* centred in a tall row */
    UiId fid = ui_idn("est-field", k);
    bool visible = fr.y >= clip.y - 1 && fr.y + fr.h <= clip.y + clip.h + 1;
    v->field_rc[k] = visible ? fr : rect_make(fr.x, fr.y, fr.w, 0);
    char out[256];
    bool invalid = v->error_row == k + 1;
    char unread_err[ERR_MAX];
    bool unread = !invalid && saved_unread(app, l, unread_err, sizeof unread_err);
    /* A refused estimate stays as typed, in red, until it is fixed or cancelled. */
    const char *shown = invalid ? v->error_text : saved ? saved : "";
    UiTextResult res = ui_textbox(ui, fid, fr, shown, out, sizeof out, invalid || unread ? UI_INVALID : 0);
    if (ui->focus == fid && v->sel != k) {
        v->sel = k;
        v->detail_scroll = 0;
    }
    if (!saved && !invalid && ui->focus != fid)
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_inset(fr, 8), 0, placeholder(app, l->unit), theme.text_faint);
    if (res == UI_TEXT_CANCEL && invalid) v->error_row = 0;
    if (res == UI_TEXT_SUBMIT) submit(app, l, k, out, saved);
    /* The verdict, or the way to the answer. */
    Rect vr = {fr.x + fr.w + 10, rc.y, verdict_w, rc.h - 2};
    double value;
    if (invalid || unread) {
        ui_text_in(ui, FONT_REGULAR, theme.small_font, vr, 0, _("not read: see right"), theme.danger);
    } else if (saved_value(app, l, &value)) {
        EnvelopeCheck c = envelope_check_in(value, l->value, app->lang);
        Color col = verdict_color(c.verdict);
        ui_circle(ui, vec2(vr.x + 5, vr.y + vr.h / 2), 5, col);
        float ty = vr.y + (vr.h - render_line_height(app->r, FONT_BOLD, theme.small_font)) / 2;
        overlay_text_fit(app, FONT_BOLD, theme.small_font, vr.x + 16, ty, c.brief, vr.w - 16, col);
    } else if (revealed(v, l->id)) {
        ui_text_in(ui, FONT_REGULAR, theme.small_font, vr, 0, _("answer shown"), theme.text_faint);
    } else {
        const char *show = _("show");
        float tw = render_text_width(app->r, FONT_REGULAR, theme.small_font, show);
        Rect lr = {vr.x, vr.y + 6, tw + 4, vr.h - 12};
        if (ui_button(ui, ui_idn("est-show", k), lr, "", UI_INVISIBLE)) {
            reveal(v, l->id);
            v->sel = k;
            v->detail_scroll = 0;
        }
        ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(vr.x, vr.y, tw + 4, vr.h), 0, show, theme.accent);
        ui_rect(ui, rect_make(vr.x, vr.y + vr.h / 2 + 7, tw, 1), with_alpha(theme.accent, 140));
    }
    free(saved);
}

/* "3TB" and "3 TB" say the same: no need to repeat it. */
static bool same_text(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ') a++;
        while (*b == ' ') b++;
        if (!*a || !*b) return !*a && !*b;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return false;
        a++;
        b++;
    }
}

/* Something to show under the row in a narrow drawer: the working or a refusal. */
static bool has_working(App *app, const EnvelopeLine *l, int k)
{
    const EstimatesView *v = &app->estv;
    if (v->error_row == k + 1 || revealed(v, l->id)) return true;
    double value;
    char err[ERR_MAX];
    return saved_value(app, l, &value) || saved_unread(app, l, err, sizeof err);
}

/* The selected row in full (with its label as a heading when `heading`); returns the
 * height used. */
static float details(App *app, const EnvelopeLine *l, int k, Rect rc, bool heading)
{
    Ui *ui = &app->ui;
    EstimatesView *v = &app->estv;
    float x = rc.x, y = rc.y, w = rc.w;
    if (heading) y += ui_text_wrap(ui, FONT_BOLD, theme.ui_font, x, y, w, line_label(app, l), theme.text) + 6;
    char line[800];
    char unread_err[ERR_MAX];
    if (v->error_row == k + 1)
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w, v->error, theme.danger) + 6;
    else if (saved_unread(app, l, unread_err, sizeof unread_err))
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w, unread_err, theme.danger) + 6;
    char *saved = estimates_get(app->model, l->id);
    double value;
    bool estimated = saved_value(app, l, &value);
    if (estimated) {
        EnvelopeCheck c = envelope_check_in(value, l->value, app->lang);
        char val[96];
        envelope_format_value_in(l->unit, value, app->lang, val, sizeof val);
        if (same_text(saved, val))
            snprintf(line, sizeof line, _("Your estimate: %s \xE2\x80\x94 %s"), saved, c.text);
        else
            snprintf(line, sizeof line, _("Your estimate: %s = %s \xE2\x80\x94 %s"), saved, val, c.text);
        y += ui_text_wrap(ui, FONT_BOLD, theme.small_font, x, y, w, line, verdict_color(c.verdict)) + 4;
    }
    if (estimated || revealed(v, l->id)) {
        snprintf(line, sizeof line, _("Expected: %s"), l->value_text);
        y += ui_text_wrap(ui, FONT_BOLD, theme.small_font, x, y, w, line, theme.text) + 2;
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w, l->arithmetic, theme.text) + 6;
        if (l->note) y += ui_text_wrap(ui, FONT_REGULAR, 10.5f, x, y, w, l->note, theme.text_dim) + 4;
    } else {
        y += ui_text_wrap(ui, FONT_REGULAR, theme.small_font, x, y, w,
                          _("Work it out from the prompt, type it in the field and press Enter: the verdict "
                                  "and the working appear here."),
                          theme.text_dim) + 8;
        const char *prompt = scenario_prompt_in(app->model, app->lang);
        if (prompt && *prompt) {
            ui_text(ui, FONT_BOLD, 10, x, y, _("THE PROMPT"), theme.text_faint);
            y += 16;
            y += sources_text(app, "est-sources", FONT_REGULAR, 10.5f, x, y, w, prompt, theme.text_dim) + 4;
        }
    }
    free(saved);
    return y - rc.y;
}

/* "+ Add a quantity to estimate": the Scenario panel opens on a new one (its sheet is
 * written there, scenario_panel.c). */
static void add_quantity_button(App *app, float x, float y)
{
    const char *text = _("+ Add a quantity to estimate");
    bool full = app->model->scenario.n_envelope >= ENVELOPE_MAX_ITEMS;
    if (ui_button(&app->ui, ui_id("est-add"), rect_make(x, y, ui_button_w(&app->ui, text, UI_FLAT, 0), 24), text,
                  UI_FLAT | (full ? UI_DISABLED : 0)))
        scenario_panel_add(app, "envelope");
}

void estimates_tab(App *app, Rect body)
{
    Ui *ui = &app->ui;
    EstimatesView *v = &app->estv;
    if (v->doc != app->model) {
        memset(v, 0, sizeof *v);
        v->doc = app->model;
    }
    EnvelopeSheet *sh = envelope_sheet_create_in(app->model, app->lang);
    v->n_rows = sh->n_lines < ESTIMATES_ROWS ? sh->n_lines : ESTIMATES_ROWS;
    if (v->n_rows == 0) {
        ui_text_wrap(ui, FONT_REGULAR, theme.ui_font, body.x, body.y, fminf(body.w, 640),
                     _("Nothing to estimate: this scenario lists no back-of-the-envelope numbers and has no "
                             "traffic with a rate or a think time to derive a peak from. Add traffic, or a quantity "
                             "to estimate (below), or open a scenario (Ctrl+Shift+O) to practise one."),
                     theme.text_dim);
        add_quantity_button(app, body.x, body.y + 70);
        envelope_sheet_destroy(sh);
        return;
    }
    if (v->sel < 0 || v->sel >= v->n_rows) v->sel = 0;
    if (v->error_row > v->n_rows) v->error_row = 0;
    bool split = body.w >= 700;
    float lw = split ? fminf(fmaxf(body.w * 0.58f, 420), 640) : body.w;

    /* Header: how to answer, and how it is going. */
    /* The verdict column fits the widest text it shows ("close · 8× low" is short,
     * "близько · 12k× менше" is not); the labels give way. */
    int counts[ENV_VERDICT_COUNT] = {0}, n_est = 0;
    float verdict_w = VERDICT_W;
    for (int k = 0; k < v->n_rows; k++) {
        const EnvelopeLine *l = &sh->lines[k];
        double value;
        float tw = 0;
        if (v->error_row == k + 1) {
            tw = render_text_width(app->r, FONT_REGULAR, theme.small_font, _("not read: see right"));
        } else if (saved_value(app, l, &value)) {
            EnvelopeCheck c = envelope_check_in(value, l->value, app->lang);
            counts[c.verdict]++;
            n_est++;
            tw = 16 + render_text_width(app->r, FONT_BOLD, theme.small_font, c.brief);
        } else if (revealed(v, l->id)) {
            tw = render_text_width(app->r, FONT_REGULAR, theme.small_font, _("answer shown"));
        }
        verdict_w = fmaxf(verdict_w, tw + 4);
    }
    verdict_w = fminf(verdict_w, fmaxf(VERDICT_W, lw * 0.4f));
    v->verdict_w = verdict_w;
    char head[300];
    if (n_est == 0)
        snprintf(head, sizeof head, _("Estimate each number, then Enter. Good within %g\xC3\x97, close within %g\xC3\x97."),
                 ENVELOPE_GOOD_WITHIN, ENVELOPE_CLOSE_WITHIN);
    else
        snprintf(head, sizeof head, _("%d of %d estimated: %d good, %d close, %d off"), n_est, v->n_rows,
                 counts[ENV_GOOD], counts[ENV_CLOSE], counts[ENV_OFF]);
    ui_text_fit(ui, n_est ? FONT_BOLD : FONT_REGULAR, theme.small_font, body.x, body.y, head, lw,
                n_est && counts[ENV_OFF] == 0 && n_est == v->n_rows ? theme.ok : theme.text_dim);

    /* Left: the rows, scrolled with the wheel; all as tall as a label on three lines
     * needs where one does ("Timeline read bandwidth at peak (out to users, the dominant
     * direction)" at 1024 px), so they line up. */
    Rect list = {body.x, body.y + 22, lw, body.h - 22};
    float row_h = ROW_H, label_w = list.w - 6 - FIELD_W - verdict_w - 16;
    for (int k = 0; k < v->n_rows; k++)
        if (render_wrap(app->r, FONT_BOLD, theme.small_font, label_w, sh->lines[k].label, NULL, NULL) >= 3)
            row_h = fmaxf(ROW_H, 3 * render_line_height(app->r, FONT_BOLD, theme.small_font) + 4);
    if (ui_hover(ui, list) && ui->in.wheel_y != 0) {
        app->drawer_scroll -= ui->in.wheel_y * row_h;
        ui->in.wheel_y = 0;
    }
    /* Too narrow for two panes: the selected row's working opens under it. */
    float content_h = (float)v->n_rows * row_h + (split ? 0 : v->inline_h) + 34; /* and "+ Add a quantity" */
    float max_scroll = fmaxf(0, content_h - list.h);
    if (app->drawer_scroll > max_scroll) app->drawer_scroll = max_scroll;
    if (app->drawer_scroll < 0) app->drawer_scroll = 0;
    ui_clip(ui, &list);
    float y = list.y - app->drawer_scroll, inline_h = 0;
    for (int k = 0; k < v->n_rows; k++) {
        row(app, &sh->lines[k], k, rect_make(list.x + 6, y, list.w - 6, row_h), list, verdict_w);
        y += row_h;
        if (!split && k == v->sel && has_working(app, &sh->lines[k], k)) {
            inline_h = details(app, &sh->lines[k], k, rect_make(list.x + 14, y + 4, list.w - 28, 0), false) + 14;
            y += inline_h;
        }
    }
    v->inline_h = inline_h;
    add_quantity_button(app, list.x + 6, y + 6);
    ui_clip(ui, NULL);
    if (max_scroll > 0) {
        /* A thin scroll indicator: there is more below or above. */
        float th = list.h * list.h / content_h;
        float ty = list.y + (list.h - th) * app->drawer_scroll / max_scroll;
        ui_rrect(ui, rect_make(list.x + list.w - 3, ty, 3, th), 1.5f, theme.border_strong);
    }

    /* Right: the selected row in full. */
    if (split) {
        Rect rc = {body.x + lw + 28, body.y, body.w - lw - 28, body.h};
        ui_rect(ui, rect_make(rc.x - 14, rc.y, 1, rc.h), theme.border);
        if (ui_hover(ui, rc) && ui->in.wheel_y != 0) {
            v->detail_scroll -= ui->in.wheel_y * 30;
            ui->in.wheel_y = 0;
        }
        if (v->detail_scroll < 0) v->detail_scroll = 0;
        ui_clip(ui, &rc);
        Rect inner = {rc.x, rc.y - v->detail_scroll, rc.w - 8, rc.h};
        float used = details(app, &sh->lines[v->sel], v->sel, inner, true);
        ui_clip(ui, NULL);
        float over = used - rc.h;
        if (v->detail_scroll > fmaxf(0, over)) v->detail_scroll = fmaxf(0, over);
    }
    envelope_sheet_destroy(sh);
}
