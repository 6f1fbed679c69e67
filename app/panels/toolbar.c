/*
 * toolbar.c - the top bar: file actions, undo/redo, the diagram title, the Run button
 * (a progress bar and Cancel while a simulation runs), the run settings and the cost.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "panel.h"
#include "sim/export.h"
#include "sim/tr.h"

/* A button with its label; in a compact bar (a narrow window, a long language) its icon
 * with the label in a tooltip. */
static float button(App *app, float x, const char *id, const char *label, int icon, bool compact, int flags,
                    bool *clicked)
{
    Ui *ui = &app->ui;
    if (compact && icon >= 0) {
        Rect rc = {x, (theme.toolbar_h - 30) / 2, 32, 30};
        *clicked = ui_icon_button(ui, ui_id(id), rc, icon, flags);
        if (ui_hover(ui, rc)) overlay_fit_tip(app, rc, label);
        return x + 32 + 4;
    }
    float w = render_text_width(app->r, (flags & UI_PRIMARY) ? FONT_BOLD : FONT_REGULAR,
                                theme.ui_font, label) + 24;
    Rect rc = {x, (theme.toolbar_h - 30) / 2, w, 30};
    *clicked = ui_button(ui, ui_id(id), rc, label, flags);
    return x + w + 6;
}

/* How many of the file and edit buttons are icons, by the order they give up their
 * labels: Undo and Redo first (everyone knows their arrows), then Save As, then Export,
 * then New, Open and Save. */
enum { BAR_LABELLED, BAR_EDIT_ICONS, BAR_SAVE_AS_ICON, BAR_EXPORT_ICON, BAR_ALL_ICONS };

/* Button k of the bar (New, Open, Save, Save As, Export, Undo, Redo) is an icon at this
 * level. */
static bool bar_icon(int k, int level)
{
    static const int from[] = {BAR_ALL_ICONS, BAR_ALL_ICONS, BAR_ALL_ICONS, BAR_SAVE_AS_ICON,
                               BAR_EXPORT_ICON, BAR_EDIT_ICONS, BAR_EDIT_ICONS};
    return level >= from[k];
}

/* The width the bar's seven buttons take at this level, given each label's width
 * (button(): the label, its padding and the gap, or an icon and its gap; Export, the
 * fifth, has its menu's chevron too: export_menu()). */
static float bar_width(const float *label_w, int level)
{
    float w = 0;
    for (int k = 0; k < 7; k++) w += bar_icon(k, level) ? 32 + 4 : label_w[k] + 30 + (k == 4 ? 18 : 0);
    return w;
}

/* Export ▾: the board as a picture, the shown run as an animated GIF, the diagram for
 * another tool (docs/interop.md), or the shown run's report and series as archsim-cli run
 * writes them. One menu, so the bar keeps its buttons when a run
 * makes the GIF possible. */
static float export_menu(App *app, float x, const char *label, bool compact)
{
    Ui *ui = &app->ui;
    bool run = app->res && app->res_model;
    const UiMenuItem items[] = {
        {_("PNG image\xE2\x80\xA6"), _("Ctrl+E"), true},
        {_("SVG image\xE2\x80\xA6"), NULL, true},
        {_("Animated GIF of the run\xE2\x80\xA6"), run && !app->job ? NULL : _("after a run"), run && !app->job},
        {NULL, NULL, false}, /* pictures above, the diagram for other tools below */
        {_("Excalidraw\xE2\x80\xA6"), NULL, true},
        {_("draw.io\xE2\x80\xA6"), NULL, true},
        {_("Mermaid flowchart\xE2\x80\xA6"), NULL, true},
        {_("Graphviz DOT\xE2\x80\xA6"), NULL, true},
        {_("Copy as Mermaid"), _("to paste into Markdown"), app->model->n_nodes > 0},
        {NULL, NULL, false}, /* the shown run, as archsim-cli run writes it */
        {_("Run report (text)\xE2\x80\xA6"), run ? NULL : _("after a run"), run},
        {_("Run report (JSON)\xE2\x80\xA6"), run ? NULL : _("after a run"), run},
        {_("Per-second series (CSV)\xE2\x80\xA6"), run ? NULL : _("after a run"), run},
    };
    static const FileMode mode_of[] = {FILE_EXPORT,        FILE_EXPORT_SVG,        FILE_RECORD,
                                       FILE_MODE_COUNT,    FILE_EXPORT_EXCALIDRAW, FILE_EXPORT_DRAWIO,
                                       FILE_EXPORT_MERMAID, FILE_EXPORT_DOT,   FILE_MODE_COUNT, /* copied, no file */
                                       FILE_MODE_COUNT,     FILE_REPORT_TEXT,  FILE_REPORT_JSON, FILE_REPORT_CSV};
    enum { COPY_MERMAID = 8 };
    _Static_assert(sizeof mode_of / sizeof *mode_of == sizeof items / sizeof *items, "a mode per item");
    float w = compact ? 32 : render_text_width(app->r, FONT_REGULAR, theme.ui_font, label) + 42;
    Rect rc = {x, (theme.toolbar_h - 30) / 2, w, 30};
    int k = ui_menu(ui, "tb-export", rc, compact ? NULL : label, ICON_EXPORT, items, (int)(sizeof items / sizeof *items), 0);
    if (compact && ui_hover(ui, rc) && ui->popup_id != ui_id("tb-export")) overlay_fit_tip(app, rc, label);
    if (k == COPY_MERMAID) {
        char *text = export_mermaid(app->model);
        if (SDL_SetClipboardText(text) == 0)
            app_set_status(app, false, _("Copied the diagram as a Mermaid flowchart: paste it into Markdown inside a "
                                         "```mermaid block"));
        else
            app_set_status(app, true, _("Cannot copy to the clipboard: %s"), SDL_GetError());
        free(text);
    } else if (k >= 0) {
        filedialog_open(app, mode_of[k]);
    }
    return x + w + (compact ? 4 : 6);
}

static float separator(App *app, float x)
{
    ui_rect(&app->ui, rect_make(x + 4, 12, 1, theme.toolbar_h - 24), theme.border);
    return x + 14;
}

/* The title box's least width in the choice of the toolbar's icons (a longer title asks
 * for its whole width). */
#define TITLE_MIN 150
/* The widest title box New, Open and Save give up their labels for (the presets' titles
 * run up to 560 px, the mid-size web app's in Ukrainian). */
#define TITLE_WHOLE_MAX 230

/* The app's language as the bar shows it, "RU". */
static void lang_code(const App *app, char *code, size_t cap)
{
    snprintf(code, cap, "%s", app->lang);
    for (char *c = code; *c; c++) *c = (char)(*c - (*c >= 'a' && *c <= 'z' ? 'a' - 'A' : 0));
}

static float toolbar_lang_width(App *app)
{
    char code[8];
    lang_code(app, code, sizeof code);
    return render_text_width(app->r, FONT_REGULAR, theme.ui_font, code) + 36;
}

/* The app's language: its code on the bar ("RU"), each language by its own name in the
 * list; the choice is remembered (settings.c). */
static float toolbar_lang(App *app, float x)
{
    char code[8];
    lang_code(app, code, sizeof code);
    int cur = 0;
    for (int k = 0; k < TR_N_LANGS; k++)
        if (strcmp(app->lang, tr_langs[k]) == 0) cur = k;
    float w = toolbar_lang_width(app);
    Rect rc = {x, (theme.toolbar_h - 30) / 2, w, 30};
    if (ui_dropdown_label(&app->ui, ui_id("tb-lang"), rc, code, tr_lang_names, TR_N_LANGS, &cur, 0))
        settings_set_lang(app, tr_langs[cur]);
    if (ui_hover(&app->ui, rc) && app->ui.popup_id != ui_id("tb-lang"))
        overlay_fit_tip(app, rc, _("Language of the whole app"));
    return x + w + 6;
}

/* The line under the cost: the last run's requirements (a click shows them), or the
 * design's problems and checks before one. */
typedef struct BarVerdict {
    char text[160];
    Color color;
    bool to_grade; /* a click opens the Requirements tab */
} BarVerdict;

static BarVerdict toolbar_verdict(App *app)
{
    BarVerdict v = {.color = theme.text_faint};
    int errors = diag_errors(&app->problems), warnings = app->problems.n_items - errors;
    const Grade *g = practice_grade(app);
    if (!errors && g && g->n_items == 0) {
        bool added = app->model->scenario.n_requirements > 0; /* since the run */
        snprintf(v.text, sizeof v.text, "%s", added ? _("run (F5) to grade") : _("no requirements to grade"));
        v.to_grade = true;
        return v;
    }
    if (!errors && g && g->n_items > 0) {
        bool stale = app->version != app->res_version;
        v.color = g->pass ? theme.ok : (g->n_passed > 0 ? theme.warning : theme.danger);
        if (g->unguarded_error_rate > 0) { /* errors no requirement limits: not all green */
            char pct[NUMFMT_CAP];
            snprintf(v.text, sizeof v.text,
                     P_("%s%d of %d pass \xC2\xB7 %s failed", "%s%d of %d pass \xC2\xB7 %s failed", g->n_items),
                     stale ? _("last run: ") : "", g->n_passed, g->n_items,
                     numfmt_percent_fine(g->unguarded_error_rate, pct, sizeof pct));
            if (g->pass) v.color = theme.warning;
        } else {
            snprintf(v.text, sizeof v.text, P_("%s%d of %d requirement pass", "%s%d of %d requirements pass", g->n_items),
                     stale ? _("last run: ") : "", g->n_passed, g->n_items);
        }
        if (stale) v.color = theme.text_faint;
        v.to_grade = true;
        return v;
    }
    int checks = app->lint.n_items;
    if (errors)
        snprintf(v.text, sizeof v.text, P_("%d problem", "%d problems", errors), errors);
    else if (warnings)
        snprintf(v.text, sizeof v.text, P_("%d warning", "%d warnings", warnings), warnings);
    else if (checks)
        snprintf(v.text, sizeof v.text, P_("valid \xC2\xB7 %d modelling check", "valid \xC2\xB7 %d modelling checks", checks),
                 checks);
    else
        snprintf(v.text, sizeof v.text, "%s", app->model->n_nodes ? _("design is valid") : _("empty design"));
    v.color = errors ? theme.danger : (warnings || checks ? theme.warning : theme.ok);
    return v;
}

void toolbar_update(App *app)
{
    Ui *ui = &app->ui;
    Rect rc = app->toolbar_rc;
    ui_rect(ui, rc, theme.panel);
    ui_rect(ui, rect_make(0, rc.h - 1, rc.w, 1), theme.border);
    ui_text_in(ui, FONT_BOLD, 18, rect_make(16, 0, 100, rc.h), 0, "archsim", theme.text);
    float x = 16 + render_text_width(app->r, FONT_BOLD, 18, "archsim") + 18;
    bool c;
    /* What follows the buttons, measured first: the language, the title box (at least
     * TITLE_MIN), Interview, Run, the run settings' line, and the cost with the verdict
     * under it (which take the width their words need, within bounds). */
    char cost_line[128];
    {
        char num[32];
        fmt_num(app_cost_per_month(app, NULL), num, sizeof num);
        snprintf(cost_line, sizeof cost_line, _("$%s / month"), num);
    }
    BarVerdict verdict = toolbar_verdict(app);
    float right_w = render_text_width(app->r, FONT_REGULAR, theme.small_font, verdict.text) + 4;
    float cost_w = render_text_width(app->r, FONT_BOLD, theme.ui_font, cost_line) + 4;
    if (right_w < cost_w) right_w = cost_w;
    float right_min = rc.w < 1400 ? 170 : 200, right_max = 320;
    right_w = right_w < right_min ? right_min : right_w > right_max ? right_max : right_w;
    float run_w = render_text_width(app->r, FONT_BOLD, theme.ui_font, _("\xE2\x96\xB6 Run  F5")) + 24;
    if (app->model->n_nodes > 0 && app->model->scenario.n_requests == 0 && !app->job)
        run_w = render_text_width(app->r, FONT_REGULAR, theme.ui_font, _("Add traffic to run")) + 24;
    float iv_w = render_text_width(app->r, FONT_REGULAR, theme.ui_font, _("Interview")) + 24;
    char settings[120], settings_short[120]; /* short: without the seed, for a narrow bar */
    {
        const Scenario *sc = &app->model->scenario;
        int reps = run_replications(app->model);
        char dur[NUMFMT_CAP];
        numfmt_decimal(sc->duration_s, 6, dur, sizeof dur);
        if (reps > 1) {
            snprintf(settings, sizeof settings, _("%s s \xC2\xB7 seed %llu \xC2\xB7 %d runs"), dur,
                     (unsigned long long)sc->seed, reps);
            snprintf(settings_short, sizeof settings_short, _("%s s \xC2\xB7 %d runs"), dur, reps);
        } else {
            snprintf(settings, sizeof settings, _("%s s \xC2\xB7 seed %llu"), dur, (unsigned long long)sc->seed);
            snprintf(settings_short, sizeof settings_short, _("%s s"), dur);
        }
    }
    float settings_w = render_text_width(app->r, FONT_REGULAR, theme.small_font, settings) + 16;
    float short_w = render_text_width(app->r, FONT_REGULAR, theme.small_font, settings_short) + 16;
    /* with the settings' short line and the cost's least width, so that the labels do not
     * come and go as the verdict's words change */
    const char *title = app->model->title && *app->model->title ? app->model->title : _("Untitled diagram");
    if (app->model->title && *app->model->title) title = scenario_title_in(app->model, app->lang);
    /* the title box: the title whole, or TITLE_MIN */
    float title_whole = fmaxf(render_text_width(app->r, FONT_REGULAR, theme.ui_font, title) + 36, TITLE_MIN);
    float title_min = fminf(title_whole, TITLE_WHOLE_MAX);
    float rest = toolbar_lang_width(app) + 6 + 6 + iv_w + 12 + run_w + 6 + short_w + 8 + right_min + 16;
    /* The file and edit buttons keep their labels while that leaves the rest its room;
     * short of it they become icons in bar_icon()'s order, each with its label in a
     * tooltip. Export's menu keeps its chevron. The title whole is worth more than the
     * labels of Undo, Redo, Save As and Export; New, Open and Save give theirs up only for
     * TITLE_WHOLE_MAX of it (a longer title is cut, its words in a tooltip). */
    const char *const labels[] = {_("New"), _("Open"), _("Save"), _("Save As"), _("Export"), _("Undo"), _("Redo")};
    const float seps = 2 * 14;
    float label_w[7];
    for (int k = 0; k < 7; k++) label_w[k] = render_text_width(app->r, FONT_REGULAR, theme.ui_font, labels[k]);
    int level = BAR_LABELLED;
    while (level < BAR_ALL_ICONS && x + bar_width(label_w, level) + seps + title_whole + rest > rc.w) level++;
    if (level == BAR_ALL_ICONS) /* the title cannot be whole beside New, Open and Save */
        while (level > BAR_LABELLED && x + bar_width(label_w, level - 1) + seps + title_min + rest <= rc.w) level--;
    x = button(app, x, "tb-new", labels[0], ICON_NEW, bar_icon(0, level), 0, &c);
    if (c) doc_guard(app, PENDING_NEW, NULL);
    x = button(app, x, "tb-open", labels[1], ICON_OPEN, bar_icon(1, level), 0, &c);
    if (c) doc_guard(app, PENDING_OPEN, NULL);
    x = button(app, x, "tb-save", labels[2], ICON_SAVE, bar_icon(2, level), 0, &c);
    if (c) doc_save(app);
    x = button(app, x, "tb-saveas", labels[3], ICON_SAVE_AS, bar_icon(3, level), 0, &c);
    if (c) filedialog_open(app, FILE_SAVE_AS);
    x = export_menu(app, x, labels[4], bar_icon(4, level));
    x = separator(app, x);
    x = button(app, x, "tb-undo", labels[5], ICON_UNDO, bar_icon(5, level), history_can_undo(&app->hist) ? 0 : UI_DISABLED, &c);
    if (c) app_undo(app);
    x = button(app, x, "tb-redo", labels[6], ICON_REDO, bar_icon(6, level), history_can_redo(&app->hist) ? 0 : UI_DISABLED, &c);
    if (c) app_redo(app);
    x = separator(app, x);
    x = toolbar_lang(app, x);

    /* The diagram's title in a quiet box: a click opens the scenario browser. It gives
     * way to what follows it (they stay in view down to about 1000 px). */
    float title_w = rc.w - x - 6 - iv_w - 12 - run_w - 6 - settings_w - 8 - right_w - 16;
    if (title_w < title_min) title_w += settings_w - short_w; /* the settings' line drops its seed */
    char line[300];
    snprintf(line, sizeof line, _("Scenario: %s"), title);
    /* 320 wide, or what its words need where the bar has room; short of room, the title
     * alone before it is cut */
    float need = render_text_width(app->r, FONT_REGULAR, theme.ui_font, line) + 36;
    if (title_w > fmaxf(320, need)) title_w = fmaxf(320, need);
    if (need > title_w) snprintf(line, sizeof line, "%s", title);
    if (title_w > 100) {
        Rect tr = {x, (rc.h - 30) / 2, title_w, 30};
        app->scenario_rc = tr;
        /* A menu: edit this scenario, or pick an exercise. */
        const char *const items[] = {_("Edit this scenario (traffic, requirements, events)"),
                                            _("Practice exercises\xE2\x80\xA6")};
        int pick = -1;
        if (ui_dropdown_label(ui, ui_id("tb-scenario"), tr, line, items, app->n_scen ? 2 : 1, &pick, 0)) {
            if (pick == 0) scenario_panel_goto(app, "requests", -1, NULL);
            else if (pick == 1) browser_open(app);
        }
        x += title_w + 6;
    } else {
        app->scenario_rc = rect_make(0, 0, 0, 0);
    }
    x = button(app, x, "tb-interview", _("Interview"), -1, false, app->iv.active ? UI_TOGGLED : 0, &c);
    if (c) interview_toolbar_clicked(app);
    x += 6;
    bool room_right = x + run_w + 12 + right_w + 16 <= rc.w;
    Rect run = {x, (rc.h - 30) / 2, run_w, 30};
    if (app->job) {
        /* Progress bar in place of the button, Cancel beside it. */
        Rect bar = {x, run.y, 150, 30};
        ui_rrect(ui, bar, 6, theme.panel_alt);
        ui_rrect_line(ui, bar, 6, 1, theme.border);
        float f = (float)app->run_progress;
        if (f > 0.01f) ui_rrect(ui, rect_make(bar.x + 1, bar.y + 1, (bar.w - 2) * f, bar.h - 2), 5, theme.accent_soft);
        char t[96];
        /* A long run says how long it has left: from its pace once it has one, else from
         * the work estimate. */
        panel_progress_text(app->run_progress, (SDL_GetTicks() - app->run_started_ms) / 1000.0, app->run_expected_s,
                            app->run_cancelling, _("Running"), t, sizeof t);
        ui_text_in(ui, FONT_BOLD, theme.ui_font, bar, 1, t, theme.accent);
        Rect cb = {bar.x + bar.w + 6, run.y, 70, 30};
        if (ui_button(ui, ui_id("tb-cancel"), cb, _("Cancel"), app->run_cancelling ? UI_DISABLED : 0)) run_cancel(app);
        x = cb.x + cb.w + 6;
    } else {
        int errors = diag_errors(&app->problems);
        bool no_traffic = app->model->n_nodes > 0 && app->model->scenario.n_requests == 0;
        /* Without traffic there is nothing to run: the button says so and leads there. */
        if (ui_button(ui, ui_id("tb-run"), run, no_traffic ? _("Add traffic to run") : _("\xE2\x96\xB6 Run  F5"),
                      no_traffic ? 0 : UI_PRIMARY | (errors || !app->model->n_nodes ? UI_DISABLED : 0))) {
            /* as its tooltip says: a request type added, open to set (F5 without one says
             * what is missing) */
            if (no_traffic) scenario_panel_add(app, "requests");
            else run_start(app);
        }
        if (ui_hover(ui, run) && (errors || no_traffic)) {
            char tip[300];
            if (no_traffic) snprintf(tip, sizeof tip, "%s", _("No request types: nothing would be sent through the design. Click to add one."));
            else snprintf(tip, sizeof tip, P_("Fix the design's %d problem first (click the count)",
                                              "Fix the design's %d problems first (click the count)", errors), errors);
            float tw = render_text_width(app->r, FONT_REGULAR, theme.small_font, tip) + 20;
            Rect box = {run.x, run.y + run.h + 6, tw, 26};
            ui_set_layer(ui, UI_POPUP);
            ui_rrect(ui, box, 6, hex(0x1F2937));
            ui_text_in(ui, FONT_REGULAR, theme.small_font, rect_make(box.x + 10, box.y, box.w - 20, box.h), 0, tip,
                       hex(0xF9FAFB));
            ui_set_layer(ui, UI_BASE);
        }
        x += run_w + 6;
    }
    /* The run settings in one line; a click opens the dialog. */
    {
        float tw = render_text_width(app->r, FONT_REGULAR, theme.small_font, settings) + 16;
        float room = rc.w - (room_right ? right_w + 16 : 0) - x - 8;
        if (tw > room) { /* the seed gives way first (the dialog shows it) */
            snprintf(settings, sizeof settings, "%s", settings_short);
            tw = render_text_width(app->r, FONT_REGULAR, theme.small_font, settings) + 16;
        }
        if (room >= fminf(60, tw)) { /* the short line whole, or 60 px of the long one */
            if (tw > room) tw = room;
            Rect sr = {x, run.y, tw, 30};
            if (ui_button(ui, ui_id("tb-runsettings"), sr, "", UI_FLAT)) run_settings_open(app);
            ui_text_fit(ui, FONT_REGULAR, theme.small_font, sr.x + 8, sr.y + 8, settings, sr.w - 12, theme.text_dim);
        }
    }

    /* Cost and validity on the right (the diagram panel has them too when narrow). */
    if (!room_right) return;
    Rect cr = {rc.w - right_w - 16, 6, right_w, 20};
    ui_text_in(ui, FONT_BOLD, theme.ui_font, cr, 2, cost_line, theme.text);
    Rect vr = {rc.w - right_w - 16, 24, right_w, 18};
    ui_text_in(ui, FONT_REGULAR, theme.small_font, vr, 2, verdict.text, verdict.color);
    if (verdict.to_grade && ui_button(ui, ui_id("tb-reqs"), rect_make(rc.w - right_w - 16, 4, right_w, 40), "", UI_INVISIBLE))
        drawer_show(app, TAB_GRADE);
}
