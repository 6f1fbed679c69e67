/*
 * filedialog.c - our own Open / Save As / Export dialog: browse folders, list the
 * .json (or .png) files, or type a path. Enter in the name field opens a folder it
 * names, otherwise confirms.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "sim/compare.h"
#include "sim/export.h"
#include "sim/import.h"
#include "sim/report.h"
#include "sim/sweep.h"
#include "sim/tr.h"
#include "sim/util.h"

/* What each mode lists, proposes and writes. The first extension is the one a new name
 * gets; a name ending in any of them keeps its own. */
typedef struct ModeInfo {
    const char *exts[3];
    const char *suffix;  /* a proposed name's end: ".png", "-run.gif" */
    const char *title;   /* N_() */
    const char *format;  /* a diagram export: the format's name for the status line */
    const char *missing; /* N_(): what is missing when there is nothing to write yet */
} ModeInfo;

static const char NO_RUN[] = N_("no run to save: press Run first");
static const char NO_SWEEP[] = N_("no sweep to save: run one first (Run sweep)");
static const char NO_COMPARISON[] = N_("no comparison to save: run one first (Compare)");

static const ModeInfo modes[FILE_MODE_COUNT] = {
    [FILE_OPEN] = {{".json"}, "", N_("Open a diagram"), NULL, NULL},
    [FILE_SAVE_AS] = {{".json"}, ".json", N_("Save the diagram as"), NULL, NULL},
    [FILE_EXPORT] = {{".png", ".svg"}, ".png", N_("Export the diagram as PNG"), "PNG", NULL},
    [FILE_COMPARE] = {{".json"}, "", N_("Compare with a diagram"), NULL, NULL},
    [FILE_RECORD] = {{".gif"}, "-run.gif", N_("Record the run as an animated GIF"), "GIF", NULL},
    [FILE_EXPORT_SVG] = {{".svg"}, ".svg", N_("Export the diagram as SVG"), "SVG", NULL},
    [FILE_EXPORT_EXCALIDRAW] = {{".excalidraw"}, ".excalidraw", N_("Export the diagram for Excalidraw"), "Excalidraw",
                                NULL},
    [FILE_EXPORT_DRAWIO] = {{".drawio", ".xml"}, ".drawio", N_("Export the diagram for draw.io (diagrams.net)"),
                            "draw.io", NULL},
    [FILE_EXPORT_MERMAID] = {{".mmd", ".mermaid"}, ".mmd", N_("Export the diagram as a Mermaid flowchart"), "Mermaid",
                             NULL},
    [FILE_EXPORT_DOT] = {{".dot", ".gv"}, ".dot", N_("Export the diagram as a Graphviz graph (DOT)"), "Graphviz DOT",
                         NULL},
    [FILE_REPORT_TEXT] = {{".txt"}, "-report.txt", N_("Save the run's report as text"), NULL, NO_RUN},
    [FILE_REPORT_JSON] = {{".json"}, "-report.json", N_("Save the run's report as JSON (archsim-report/1)"), NULL,
                          NO_RUN},
    [FILE_REPORT_CSV] = {{".csv"}, "-series.csv", N_("Save the run's per-second series as CSV"), NULL, NO_RUN},
    [FILE_SWEEP_SVG] = {{".svg"}, "-sweep.svg", N_("Save the sweep's chart as SVG"), NULL, NO_SWEEP},
    [FILE_SWEEP_JSON] = {{".json"}, "-sweep.json", N_("Save the sweep as JSON (archsim-sweep/1)"), NULL, NO_SWEEP},
    [FILE_SWEEP_CSV] = {{".csv"}, "-sweep.csv", N_("Save the sweep as CSV"), NULL, NO_SWEEP},
    [FILE_SWEEP_TEXT] = {{".txt"}, "-sweep.txt", N_("Save the sweep's report as text"), NULL, NO_SWEEP},
    [FILE_COMPARE_TEXT] = {{".txt"}, "-compare.txt", N_("Save the comparison's report as text"), NULL, NO_COMPARISON},
    [FILE_COMPARE_JSON] = {{".json"}, "-compare.json", N_("Save the comparison as JSON (archsim-compare/1)"), NULL,
                           NO_COMPARISON},
};

/* The bytes a mode that writes text writes, as archsim-cli writes them; NULL when there
 * is nothing to write (no run, sweep or comparison yet) or the mode writes no text. */
static char *text_of(const App *app, FileMode m)
{
    const Sweep *sw = app->sv.result;
    const Comparison *cmp = app->cv.result;
    bool run = app->res && app->res_model; /* the run shown, of the design as it was run */
    switch (m) {
    case FILE_EXPORT_EXCALIDRAW: return export_excalidraw(app->model);
    case FILE_EXPORT_DRAWIO: return export_drawio(app->model);
    case FILE_EXPORT_MERMAID: return export_mermaid(app->model);
    case FILE_EXPORT_DOT: return export_dot(app->model);
    case FILE_REPORT_TEXT: return run ? report_text(app->res_model, app->res) : NULL;
    case FILE_REPORT_JSON: return run ? report_json(app->res_model, app->res) : NULL;
    case FILE_REPORT_CSV: return run ? report_csv(app->res_model, app->res) : NULL;
    case FILE_SWEEP_SVG: return sw ? sweep_svg(sw, sweep_default_chart_type(sw)) : NULL; /* the tab's chart */
    case FILE_SWEEP_JSON: return sw ? sweep_json(sw) : NULL;
    case FILE_SWEEP_CSV: return sw ? sweep_csv(sw) : NULL;
    case FILE_SWEEP_TEXT: return sw ? sweep_text(sw) : NULL;
    case FILE_COMPARE_TEXT: return cmp ? compare_text(cmp) : NULL;
    case FILE_COMPARE_JSON: return cmp ? compare_json(cmp) : NULL;
    default: return NULL;
    }
}

static bool ends_with(const char *s, const char *ext)
{
    size_t n = strlen(s), e = strlen(ext);
    return n >= e && strcmp(s + n - e, ext) == 0;
}

static bool has_ext(FileMode m, const char *name)
{
    for (int k = 0; k < 3 && modes[m].exts[k]; k++)
        if (ends_with(name, modes[m].exts[k])) return true;
    return false;
}

/* path with the mode's extension unless it ends in one of them (caller frees) */
static char *with_ext(FileMode m, const char *path)
{
    return has_ext(m, path) ? xstrdup(path) : xasprintf("%s%s", path, modes[m].exts[0]);
}

/* Open lists every format archsim reads (docs/interop.md); the others their own. */
static bool wanted(FileMode m, const char *name)
{
    static const char *const readable[] = {".json", ".png", ".excalidraw", ".drawio", ".xml", ".mmd", ".mermaid"};
    if (m != FILE_OPEN) return has_ext(m, name);
    for (size_t i = 0; i < sizeof readable / sizeof *readable; i++)
        if (ends_with(name, readable[i])) return true;
    return false;
}

static int entry_cmp(const void *a, const void *b)
{
    const FileEntry *x = a, *y = b;
    if (x->dir != y->dir) return x->dir ? -1 : 1;
    return strcmp(x->name, y->name);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void filedialog_refresh(App *app)
{
    FileDialog *fd = &app->fd;
    for (int i = 0; i < fd->n_entries; i++) free(fd->entries[i].name);
    fd->n_entries = 0;
    fd->selected = -1;
    fd->scroll = 0;
    DIR *d = opendir(fd->dir);
    if (!d) {
        snprintf(fd->error, sizeof fd->error, _("Cannot read the folder %.200s"), fd->dir);
        return;
    }
    fd->error[0] = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') continue;
        char *full = xasprintf("%s/%s", fd->dir, de->d_name);
        bool dir = is_dir(full);
        free(full);
        if (!dir && !wanted(fd->mode, de->d_name)) continue;
        xgrow((void **)&fd->entries, &fd->cap_entries, fd->n_entries + 1, sizeof *fd->entries);
        fd->entries[fd->n_entries].name = xstrdup(de->d_name);
        fd->entries[fd->n_entries].dir = dir;
        fd->n_entries++;
    }
    closedir(d);
    if (fd->n_entries > 1) /* an empty folder has no array: qsort wants one */
        qsort(fd->entries, (size_t)fd->n_entries, sizeof *fd->entries, entry_cmp);
}

static void set_dir(App *app, const char *dir)
{
    char *real = realpath(dir, NULL);
    if (real && strlen(real) < sizeof app->fd.dir)
        memcpy(app->fd.dir, real, strlen(real) + 1);
    else
        snprintf(app->fd.dir, sizeof app->fd.dir, "%.1000s", dir);
    free(real);
    filedialog_refresh(app);
}

/* A title as a file name: "URL shortener" gives "url-shortener"; ASCII letters lower
 * case, digits and other scripts' letters (UTF-8) kept, any other run of characters one
 * '-', none at either end; from the title's first 60 characters. out: 256 bytes at least. */
static void title_stem(const char *title, char *out)
{
    char head[256]; /* 60 characters take 240 bytes at most: the cut at 255 is past them */
    snprintf(head, sizeof head, "%s", title ? title : "");
    utf8_truncate(head, 60);
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *c = (const unsigned char *)head; *c; c++) {
        if (!isalnum(*c) && *c < 0x80) {
            dash = n > 0;
            continue;
        }
        if (dash) out[n++] = '-';
        dash = false;
        out[n++] = (char)(*c < 0x80 ? tolower(*c) : *c);
    }
    out[n] = 0;
}

void filedialog_proposed_name(const App *app, FileMode mode, char *out, size_t cap)
{
    out[0] = 0;
    if (mode == FILE_OPEN || mode == FILE_COMPARE) return;
    const char *base = app->path ? strrchr(app->path, '/') : NULL;
    base = base ? base + 1 : app->path;
    if (base && mode == FILE_SAVE_AS) { /* the file's own name, its extension too */
        snprintf(out, cap, "%s", base);
        return;
    }
    char stem[256] = "";
    if (base)
        snprintf(stem, sizeof stem, "%s", base);
    else if (app->suggest_name)
        snprintf(stem, sizeof stem, "%s", app->suggest_name);
    else
        title_stem(scenario_title_in(app->model, app->lang), stem);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem) *dot = 0;
    if (!stem[0]) snprintf(stem, sizeof stem, "diagram");
    snprintf(out, cap, "%s%s", stem, modes[mode].suffix);
}

void filedialog_open(App *app, FileMode mode)
{
    FileDialog *fd = &app->fd;
    fd->mode = mode;
    fd->name[0] = 0;
    fd->error[0] = 0;
    char start[1024] = ".";
    if (app->path) {
        snprintf(start, sizeof start, "%s", app->path);
        char *slash = strrchr(start, '/');
        if (slash)
            *slash = 0;
        else
            snprintf(start, sizeof start, ".");
    } else {
        /* Untitled: where the user's last file was, else their documents, else home. */
        char *dir = app->n_recent ? xstrdup(app->recent[0]) : doc_user_folder();
        char *slash = app->n_recent ? strrchr(dir, '/') : NULL;
        if (slash) *slash = 0;
        snprintf(start, sizeof start, "%.1000s", dir[0] ? dir : "/");
        free(dir);
    }
    filedialog_proposed_name(app, mode, fd->name, sizeof fd->name);
    set_dir(app, start);
    app->modal = MODAL_FILE;
    ui_focus(&app->ui, ui_id("fd-name"), fd->name);
}

/* Act on a name typed or picked: enter a folder or confirm the file. */
static void confirm(App *app, const char *name)
{
    FileDialog *fd = &app->fd;
    if (!*name) {
        snprintf(fd->error, sizeof fd->error, _("Type a file name or pick a file"));
        return;
    }
    char *path = name[0] == '/' ? xstrdup(name) : xasprintf("%s/%s", fd->dir, name);
    if (name[0] == '~' && getenv("HOME")) {
        free(path);
        path = xasprintf("%s%s", getenv("HOME"), name + 1);
    }
    if (is_dir(path)) {
        set_dir(app, path);
        fd->name[0] = 0;
        free(path);
        ui_focus(&app->ui, ui_id("fd-name"), "");
        return;
    }
    bool ok = false;
    switch (fd->mode) {
    case FILE_OPEN:
        app->modal = MODAL_NONE;
        ok = doc_open(app, path); /* on failure the messages dialog replaces this one */
        break;
    case FILE_SAVE_AS:
        ok = doc_save_as(app, path);
        if (ok) {
            app->modal = MODAL_NONE;
            if (app->pending != PENDING_NONE) doc_run_pending(app);
        } else {
            snprintf(fd->error, sizeof fd->error, "%.250s", app->msg);
        }
        break;
    case FILE_COMPARE:
        app->modal = MODAL_NONE;
        compare_tab_set_file(app, path);
        ok = true;
        break;
    case FILE_RECORD: {
        char *gif = with_ext(FILE_RECORD, path);
        char err[300];
        /* the run's first 30 simulated seconds at most: a GIF to paste, not a film */
        ok = app->res && app->res_model &&
             export_gif(app->res_model, app->res->mean, app->font_path, gif, 30, 1.0f, NULL, NULL, err, sizeof err);
        if (ok) {
            app->modal = MODAL_NONE;
            app_set_status(app, false, _("Recorded the run as %s"), gif);
        } else {
            snprintf(fd->error, sizeof fd->error, "%.250s", app->res ? err : _("no run to record: press Run first"));
        }
        free(gif);
        break;
    }
    case FILE_EXPORT:
    case FILE_EXPORT_SVG: {
        char *pic = with_ext(fd->mode, path);
        bool svg = ends_with(pic, ".svg");
        char err[300];
        /* a run shown on the board comes along: colours, badges, the bottleneck */
        ok = export_board(app, pic, svg ? 1.0f : 2.0f, svg, err, sizeof err);
        if (ok) {
            app->modal = MODAL_NONE;
            int w, h;
            export_png_size(app->model, svg ? 1.0f : 2.0f, &w, &h);
            app_set_status(app, false, _("Exported %s (%d \xC3\x97 %d)"), pic, w, h);
        } else {
            snprintf(fd->error, sizeof fd->error, "%.250s", err);
        }
        free(pic);
        break;
    }
    default: { /* the modes that write text */
        char *text = text_of(app, fd->mode);
        if (!text) {
            snprintf(fd->error, sizeof fd->error, "%s", modes[fd->mode].missing ? _(modes[fd->mode].missing) : "");
            break;
        }
        char *file = with_ext(fd->mode, path);
        ok = write_file_atomic(file, text, strlen(text)) == 0;
        if (ok) {
            app->modal = MODAL_NONE;
            if (modes[fd->mode].format) /* TRANSLATORS: "Exported board.excalidraw for Excalidraw" */
                app_set_status(app, false, _("Exported %s for %s"), file, modes[fd->mode].format);
            else
                app_set_status(app, false, _("Saved %s"), file);
        } else {
            snprintf(fd->error, sizeof fd->error, _("cannot write %.200s: %s"), file, strerror(errno));
        }
        free(text);
        free(file);
        break;
    }
    }
    free(path);
}

void filedialog_update(App *app)
{
    if (app->modal != MODAL_FILE) return;
    Ui *ui = &app->ui;
    FileDialog *fd = &app->fd;
    ui_set_layer(ui, UI_MODAL);
    ui_open_modal(ui);
    ui_rect(ui, rect_make(0, 0, (float)app->win_w, (float)app->win_h), theme.overlay);
    float w = 680, h = 520;
    if (w > app->win_w - 40) w = (float)app->win_w - 40;
    if (h > app->win_h - 40) h = (float)app->win_h - 40;
    Rect rc = {((float)app->win_w - w) / 2, ((float)app->win_h - h) / 2, w, h};
    ui_shadow(ui, rc, 10);
    ui_rrect(ui, rc, 10, theme.panel);
    ui_rrect_line(ui, rc, 10, 1, theme.border);
    float x = rc.x + 24, cw = rc.w - 48, y = rc.y + 20;
    const char *title = _(modes[fd->mode].title);
    ui_text(ui, FONT_BOLD, 16, x, y, title, theme.text);
    y += 34;
    if (ui_button(ui, ui_id("fd-up"), rect_make(x, y, 34, 30), "", 0)) {
        char parent[1100];
        snprintf(parent, sizeof parent, "%s/..", fd->dir);
        set_dir(app, parent);
    }
    ui_icon(ui, ICON_UP, rect_make(x + 9, y + 7, 16, 16), theme.text_dim);
    ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(x + 44, y, cw - 44, 30), 0, fd->dir,
               theme.text_dim);
    y += 40;
    Rect list = {x, y, cw, rc.y + rc.h - 132 - y};
    ui_rrect(ui, list, 6, theme.panel_alt);
    ui_rrect_line(ui, list, 6, 1, theme.border);
    if (ui_hover(ui, list)) fd->scroll -= ui->in.wheel_y * 3 * 28;
    float row = 28;
    float max_scroll = (float)fd->n_entries * row - (list.h - 8);
    if (fd->scroll > max_scroll) fd->scroll = max_scroll;
    if (fd->scroll < 0) fd->scroll = 0;
    Rect inner = rect_inset(list, 4);
    ui_clip(ui, &inner);
    for (int i = 0; i < fd->n_entries; i++) {
        Rect r = {inner.x, inner.y + (float)i * row - fd->scroll, inner.w, row};
        if (r.y + r.h < inner.y || r.y > inner.y + inner.h) continue;
        bool over = ui_hover(ui, r) && rect_contains(inner, ui->in.mx, ui->in.my);
        if (over || i == fd->selected)
            ui_rrect(ui, r, 4, i == fd->selected ? theme.accent_soft : theme.button_hover);
        ui_icon(ui, fd->entries[i].dir ? ICON_FOLDER : ICON_FILE, rect_make(r.x + 8, r.y + 6, 16, 16),
                fd->entries[i].dir ? hex(0x6B8FD6) : theme.text_faint);
        ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(r.x + 32, r.y, r.w - 40, r.h), 0,
                   fd->entries[i].name, theme.text);
        if (over && ui->in.pressed[UI_MOUSE_LEFT]) {
            ui->in.pressed[UI_MOUSE_LEFT] = false;
            if (fd->entries[i].dir) {
                char *p = xasprintf("%s/%s", fd->dir, fd->entries[i].name);
                set_dir(app, p);
                free(p);
                break;
            }
            fd->selected = i;
            snprintf(fd->name, sizeof fd->name, "%s", fd->entries[i].name);
            ui_focus(ui, ui_id("fd-name"), fd->name);
            if (ui->in.clicks >= 2) {
                char name[512];
                snprintf(name, sizeof name, "%s", fd->name);
                ui_clip(ui, NULL);
                confirm(app, name);
                ui_set_layer(ui, UI_BASE);
                return;
            }
        }
    }
    if (fd->n_entries == 0) {
        char no_files[120];
        /* TRANSLATORS: %s is an extension, ".png" */
        snprintf(no_files, sizeof no_files, _("No %s files here"), fd->mode == FILE_OPEN ? ".json" : modes[fd->mode].exts[0]);
        ui_text(ui, FONT_REGULAR, theme.ui_font, inner.x + 10, inner.y + 8, no_files, theme.text_faint);
    }
    ui_clip(ui, NULL);
    y = list.y + list.h + 14;
    ui_text_in(ui, FONT_REGULAR, theme.ui_font, rect_make(x, y, 60, 32), 0, _("Name"), theme.text_dim);
    char out[512];
    UiTextResult res = ui_textbox(ui, ui_id("fd-name"), rect_make(x + 60, y, cw - 60, 32), fd->name, out,
                                  sizeof out, 0);
    bool go = false;
    char typed[512];
    snprintf(typed, sizeof typed, "%s", fd->name);
    if (ui->focus == ui_id("fd-name")) snprintf(typed, sizeof typed, "%s", ui->edit);
    if (res == UI_TEXT_SUBMIT) {
        snprintf(fd->name, sizeof fd->name, "%s", out);
        snprintf(typed, sizeof typed, "%s", out);
        go = ui->submit_enter; /* Enter, not Tab or a click elsewhere */
        ui->focus_next = false;
    }
    y += 40;
    if (fd->error[0])
        ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, y + 8, fd->error, cw - 230, theme.danger);
    else if (fd->mode != FILE_OPEN && fd->mode != FILE_COMPARE && typed[0]) {
        char *p = typed[0] == '/' ? xstrdup(typed) : xasprintf("%s/%s", fd->dir, typed);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
            ui_text_fit(ui, FONT_REGULAR, theme.small_font, x, y + 8, _("This replaces the existing file."),
                        cw - 230, theme.warning);
        free(p);
    }
    const char *ok_label = fd->mode == FILE_OPEN      ? _("Open")
                           : fd->mode == FILE_COMPARE ? _("Compare with it")
                           : fd->mode == FILE_SAVE_AS ? _("Save")
                           : fd->mode == FILE_RECORD  ? C_("button", "Record") /* a verb: "Записать" */
                                                      : C_("button", "Export");
    float ok_w = ui_button_w(ui, ok_label, UI_PRIMARY, 100);
    bool ok = ui_button(ui, ui_id("fd-ok"), rect_make(rc.x + rc.w - 24 - ok_w, y, ok_w, 32), ok_label, UI_PRIMARY);
    bool cancel = ui_button(ui, ui_id("fd-cancel"), rect_make(rc.x + rc.w - 24 - ok_w - 10 - 90, y, 90, 32),
                            _("Cancel"), 0) ||
                  ui_key(ui, SDLK_ESCAPE, 0) || res == UI_TEXT_CANCEL;
    ui_set_layer(ui, UI_BASE);
    if (cancel) {
        app->modal = MODAL_NONE;
        app->pending = PENDING_NONE;
        ui->focus = 0;
        return;
    }
    if (ok || go) confirm(app, typed);
}
