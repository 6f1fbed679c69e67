/*
 * document.c - the file behind the board: open (all or nothing), save (atomic, by
 * model_save_file), new, the "unsaved changes" guard, and crash safety: the model is
 * written to a recovery file every 30 s while it has unsaved changes, removed on a
 * clean quit or save, and offered back at the next start.
 *
 * Beside the recovery file, "<recovery>.path" holds the path of the document it
 * belongs to, so a recovered board keeps its file name. Whose recovery file is whose,
 * and what is offered at start, is recovery.c's business.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "sim/numfmt.h"
#include "sim/import.h"
#include "sim/layout.h"
#include "sim/model_json.h"
#include "sim/tr.h"
#include "sim/util.h"

const char *doc_base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : (path ? path : "untitled");
}

/* The board becomes `m` (owned from now on): saved as `path` (NULL: untitled, Save As
 * proposing `suggest`), a fresh history, nothing to autosave yet. */
static void adopt(App *app, Model *m, const char *path, const char *suggest)
{
    model_destroy(app->model);
    app->model = m;
    free(app->path);
    app->path = path ? xstrdup(path) : NULL;
    free(app->suggest_name);
    app->suggest_name = suggest ? xstrdup(suggest) : NULL;
    app_model_replaced(app);
    history_mark_saved(&app->hist);
    app->autosaved_version = app->version;
}

/* "board.excalidraw" -> "board.json" (in the file's folder): what Save As proposes for
 * an imported diagram, which is never saved over the file it came from. */
static char *json_name(const char *path)
{
    const char *base = doc_base_name(path), *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return xasprintf("%.*s.json", (int)stem, base);
}

/* A diagram from another tool, or a PNG archsim exported: imported, laid out when it has
 * no positions, shown as an untitled board, and what was guessed is offered for review. */
static bool doc_import(App *app, const char *path)
{
    DiagList d;
    diag_init(&d, path);
    ImportResult r;
    if (!import_file(path, &r, &d)) {
        char title[300];
        snprintf(title, sizeof title, _("Could not open %s"), doc_base_name(path));
        dialog_show_diags(app, title, &d);
        app_set_status(app, true, _("%s: could not be read as %s; the board was not changed"), doc_base_name(path),
                       import_format_name(r.format));
        import_result_free(&r);
        diag_free(&d);
        return false;
    }
    Model *m = r.model;
    r.model = NULL;
    bool laid_out = layout_needed(m);
    if (laid_out) layout_layered(m, NODE_W, NODE_H);
    char *suggest = json_name(path);
    adopt(app, m, NULL, suggest);
    free(suggest);
    canvas_fit(app);
    if (r.format == IMPORT_PNG) {
        app_set_status(app, diag_errors(&d) > 0, _("Opened the diagram inside %s%s"), doc_base_name(path),
                       diag_errors(&d) > 0 ? _(" with problems to fix (marked on the board and listed in the panel)") : "");
    } else {
        int guessed = import_count(&r, NOTE_GUESSED), defaulted = import_count(&r, NOTE_DEFAULTED);
        char size[160];
        app_set_status(app, false, _("Imported %s (%s): %s; %d guessed, %d defaulted"), doc_base_name(path),
                       import_format_name(r.format), numfmt_nodes_edges(m->n_nodes, m->n_edges, size, sizeof size),
                       guessed, defaulted);
        import_review_show(app, &r, &d, path);
    }
    import_result_free(&r);
    diag_free(&d);
    return true;
}

/* A file of the user's (not a preset's) goes at the top of the recent files. */
static void note_recent(App *app, const char *path)
{
    if (app->scenarios_dir && strncmp(path, app->scenarios_dir, strlen(app->scenarios_dir)) == 0) return;
    char *abs = realpath(path, NULL);
    char *dir = app->scenarios_dir ? realpath(app->scenarios_dir, NULL) : NULL;
    if (abs && (!dir || strncmp(abs, dir, strlen(dir)) != 0)) settings_add_recent(app, abs);
    free(abs);
    free(dir);
}

bool doc_open(App *app, const char *path)
{
    /* Not archsim's JSON: one of the formats import.h reads. */
    char head[4096];
    FILE *f = fopen(path, "rb");
    size_t got = f ? fread(head, 1, sizeof head, f) : 0;
    if (f) fclose(f);
    if (got > 0 && import_sniff(head, got) != IMPORT_ARCHSIM) return doc_import(app, path);
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    int problems = 0;
    if (!m) {
        /* It reads, and only the design has problems (a client with no edge yet, an edge to
         * a node that is not there, a sync cycle): it opens to be fixed, as it was saved
         * (the app saves designs with problems: nothing is lost). */
        DiagList dl;
        diag_init(&dl, path);
        m = model_load_file_lenient(path, &dl);
        problems = m ? diag_errors(&dl) : 0;
        diag_free(&dl);
    }
    if (!m) { /* it does not read: syntax, unknown fields, wrong types, values out of range */
        char title[300];
        snprintf(title, sizeof title, _("Could not open %s"), doc_base_name(path));
        dialog_show_diags(app, title, &d);
        int n = d.n_items;
        app_set_status(app, true, P_("%s: %d problem; the board was not changed", "%s: %d problems; the board was not changed", n),
                       doc_base_name(path), n);
        diag_free(&d);
        return false;
    }
    /* A file without positions (written by hand or by a program): laid out in layers,
     * not piled at one point. Saving keeps the positions. */
    bool laid_out = layout_needed(m);
    if (laid_out) layout_layered(m, NODE_W, NODE_H);
    adopt(app, m, path, NULL);
    canvas_fit(app);
    note_recent(app, path);
    if (problems > 0)
        app_set_status(app, true,
                       P_("Opened %s with %d problem to fix (marked on the board and listed in the panel); it cannot run "
                          "until then",
                          "Opened %s with %d problems to fix (marked on the board and listed in the panel); it cannot run "
                          "until then",
                          problems),
                       doc_base_name(path), problems);
    else if (d.n_items > 0)
        app_set_status(app, false, P_("Opened %s with %d warning", "Opened %s with %d warnings", d.n_items), doc_base_name(path),
                       d.n_items);
    else if (laid_out)
        app_set_status(app, false, _("Opened %s: it gives no positions, so its nodes were laid out from the calls "
                                   "(Save keeps them)"), doc_base_name(path));
    else
        app_set_status(app, false, _("Opened %s"), doc_base_name(path));
    diag_free(&d);
    return true;
}

bool doc_save(App *app)
{
    if (!app->path) {
        filedialog_open(app, FILE_SAVE_AS);
        return false;
    }
    DiagList d;
    diag_init(&d, app->path);
    bool ok = model_save_file(app->model, app->path, &d);
    if (!ok) {
        app_set_status(app, true, _("Could not save %s: %s"), doc_base_name(app->path),
                       d.n_items ? d.items[0].message : strerror(errno));
        diag_free(&d);
        return false;
    }
    diag_free(&d);
    history_mark_saved(&app->hist);
    doc_remove_recovery(app);
    app->autosaved_version = app->version;
    app_validate(app);
    int errors = diag_errors(&app->problems);
    if (errors)
        app_set_status(app, true,
                       P_("Saved %s with %d problem: it opens as it is, and runs once it is fixed",
                          "Saved %s with %d problems: it opens as it is, and runs once they are fixed", errors),
                       doc_base_name(app->path), errors);
    else
        app_set_status(app, false, _("Saved %s"), doc_base_name(app->path));
    return true;
}

bool doc_save_as(App *app, const char *path)
{
    char *p = NULL;
    size_t n = strlen(path);
    if (n < 5 || strcmp(path + n - 5, ".json") != 0)
        p = xasprintf("%s.json", path);
    else
        p = xstrdup(path);
    char *old = app->path;
    app->path = p;
    if (!doc_save(app)) {
        app->path = old;
        free(p);
        return false;
    }
    free(old);
    settings_add_recent(app, app->path);
    return true;
}

void doc_new(App *app)
{
    adopt(app, model_create(), NULL, NULL);
    canvas_fit(app);
    app_set_status(app, false, _("New empty board"));
}

char *doc_user_folder(void)
{
    const char *home = getenv("HOME");
    if (!home || !*home) return xstrdup(".");
    /* XDG_DOCUMENTS_DIR from user-dirs.dirs ("$HOME/Documents"), when it exists. */
    char *cfg = settings_user_dir("XDG_CONFIG_HOME", ".config");
    char *dirs = xasprintf("%s/user-dirs.dirs", cfg);
    free(cfg);
    char *text = read_file(dirs, NULL);
    free(dirs);
    char *found = NULL;
    const char *at = text ? strstr(text, "XDG_DOCUMENTS_DIR=\"") : NULL;
    if (at) {
        at += strlen("XDG_DOCUMENTS_DIR=\"");
        const char *end = strchr(at, '"');
        if (end) {
            char *v = xasprintf("%.*s", (int)(end - at), at);
            found = strncmp(v, "$HOME", 5) == 0 ? xasprintf("%s%s", home, v + 5) : xstrdup(v);
            free(v);
        }
    }
    free(text);
    if (!found) found = xasprintf("%s/Documents", home);
    struct stat st;
    if (stat(found, &st) != 0 || !S_ISDIR(st.st_mode)) {
        free(found);
        found = xstrdup(home);
    }
    return found;
}

/* ---- New: the boards a user starts from -------------------------------------------------- */

Model *doc_starter_model(void)
{
    Model *m = model_create();
    Node n;
    node_defaults(NODE_CLIENT, &n);
    n.id = "users";
    n.label = (char *)C_("node label", "Users"); /* in the language on screen, as a placed node's kind */
    n.x = 80;
    n.y = 240;
    model_add_node(m, &n);
    RequestType r;
    request_defaults(&r);
    r.name = "read";
    r.rate_rps = 1000;
    m->scenario.requests = xcalloc(1, sizeof *m->scenario.requests);
    m->scenario.requests[0] = r;
    m->scenario.requests[0].name = xstrdup("read");
    m->scenario.n_requests = 1;
    return m;
}

Model *doc_blank_exercise(const Model *preset)
{
    Model *m = model_clone(preset);
    for (int i = m->n_edges - 1; i >= 0; i--) model_remove_edge(m, i);
    for (int i = m->n_nodes - 1; i >= 0; i--)
        if (m->nodes[i].kind != NODE_CLIENT) model_remove_node(m, i);
    return m;
}

void doc_new_board(App *app, int preset)
{
    Model *m = preset >= 0 && preset < app->n_scen ? doc_blank_exercise(app->scen_models[preset]) : doc_starter_model();
    char *suggest = preset >= 0 ? xasprintf("my-%s", doc_base_name(app->scen_paths[preset])) : NULL;
    adopt(app, m, NULL, suggest);
    free(suggest);
    app->needs_fit = true;
    app_update_title(app);
    if (preset >= 0) {
        drawer_show(app, TAB_GRADE);
        app_set_status(app, false, _("A blank board for \"%.80s\": draw your design from its clients, then Run (F5)"),
                       scenario_title_in(m, app->lang));
    } else {
        app_set_status(app, false, _("New board: Users send 1,000 reads/s. Drag components from the left, connect "
                                   "them, then Run (F5)"));
    }
}

void doc_run_pending(App *app)
{
    PendingAction a = app->pending;
    char *path = app->pending_path;
    app->pending = PENDING_NONE;
    app->pending_path = NULL;
    switch (a) {
    case PENDING_NEW:
        app->modal = MODAL_NEW;
        if (app->new_pick < 0 || app->new_pick >= app->n_scen) app->new_pick = 0;
        break;
    case PENDING_OPEN:
        if (path)
            doc_open(app, path);
        else
            filedialog_open(app, FILE_OPEN);
        break;
    case PENDING_OPEN_COPY:
        if (path && doc_open(app, path)) {
            /* A copy to work on: untitled, so Save asks where and the preset stays. */
            free(app->path);
            app->path = NULL;
            free(app->suggest_name);
            const char *base = doc_base_name(path);
            app->suggest_name = xasprintf("my-%s", base);
            app_update_title(app);
            drawer_show(app, TAB_GRADE);
            app_set_status(app, false, _("A copy of %s to work on: Run (F5) checks it; Save asks where to keep it"), base);
        }
        break;
    case PENDING_BLANK: doc_new_board(app, app->new_pick); break;
    case PENDING_QUIT:
        doc_remove_recovery(app);
        app->quit = true;
        break;
    default: break;
    }
    free(path);
}

void doc_guard(App *app, PendingAction action, const char *path)
{
    free(app->pending_path);
    app->pending = action;
    app->pending_path = path ? xstrdup(path) : NULL;
    if (app_dirty(app)) {
        app->modal = MODAL_UNSAVED;
        return;
    }
    doc_run_pending(app);
}

/* ---- preset scenarios ------------------------------------------------------------------ */

static bool is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void doc_find_scenarios(App *app)
{
    /* Relative to the executable (build tree, install prefix), then the source tree. */
    char *base = SDL_GetBasePath();
    char *cands[5] = {0};
    int n = 0;
    const char *env = getenv("ARCHSIM_SCENARIOS");
    if (env && *env) cands[n++] = xstrdup(env);
    if (base) {
        cands[n++] = xasprintf("%sscenarios", base);
        cands[n++] = xasprintf("%s../scenarios", base);
        cands[n++] = xasprintf("%s../share/archsim/scenarios", base);
        SDL_free(base);
    }
#ifdef ARCHSIM_SOURCE_DIR
    cands[n++] = xstrdup(ARCHSIM_SOURCE_DIR "/scenarios");
#endif
    for (int i = 0; i < n; i++) {
        if (!app->scenarios_dir && is_dir(cands[i])) app->scenarios_dir = xstrdup(cands[i]);
        free(cands[i]);
    }
    if (!app->scenarios_dir) return;
    DIR *d = opendir(app->scenarios_dir);
    if (!d) return;
    char **names = NULL;
    int n_names = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".json") != 0) continue;
        xgrow((void **)&names, &cap, n_names + 1, sizeof *names);
        names[n_names++] = xstrdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n_names, sizeof *names, cmp_str);
    /* scenarios/ORDER lists them in teaching order; the rest keep their places after. */
    char *order_path = xasprintf("%s/ORDER", app->scenarios_dir);
    char *order = read_file(order_path, NULL);
    free(order_path);
    int placed = 0;
    for (char *line = order ? strtok(order, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        for (int k = placed; k < n_names; k++)
            if (strcmp(names[k], line) == 0) {
                char *t = names[k];
                memmove(names + placed + 1, names + placed, (size_t)(k - placed) * sizeof *names);
                names[placed++] = t;
                break;
            }
    }
    free(order);
    app->scen_paths = xcalloc((size_t)(n_names ? n_names : 1), sizeof *app->scen_paths);
    app->scen_titles = xcalloc((size_t)(n_names ? n_names : 1), sizeof *app->scen_titles);
    app->scen_models = xcalloc((size_t)(n_names ? n_names : 1), sizeof *app->scen_models);
    app->scen_starters = xcalloc((size_t)(n_names ? n_names : 1), sizeof *app->scen_starters);
    for (int i = 0; i < n_names; i++) {
        char *path = xasprintf("%s/%s", app->scenarios_dir, names[i]);
        DiagList dl;
        diag_init(&dl, path);
        Model *m = model_load_file(path, &dl);
        diag_free(&dl);
        if (m) {
            int k = app->n_scen++;
            app->scen_paths[k] = path;
            app->scen_titles[k] = xstrdup(m->title && *m->title ? m->title : names[i]);
            app->scen_models[k] = m;
            char *starter = xasprintf("%s/starters/%s", app->scenarios_dir, names[i]);
            struct stat st;
            if (stat(starter, &st) == 0 && S_ISREG(st.st_mode))
                app->scen_starters[k] = starter;
            else
                free(starter);
        } else {
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

/* ---- recovery ----------------------------------------------------------------------------- */

/* mkdir -p of the directory holding `path`. */
void doc_make_parent_dirs(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = 0;
        for (char *p = dir + 1; *p; p++)
            if (*p == '/') {
                *p = 0;
                mkdir(dir, 0700);
                *p = '/';
            }
        mkdir(dir, 0700);
    }
    free(dir);
}

static char *sidecar(const App *app) { return xasprintf("%s.path", app->recovery_path); }

bool doc_autosave(App *app)
{
    if (!app->recovery_path) return false;
    if (app->autosaved_version == app->version) return true;
    doc_make_parent_dirs(app->recovery_path);
    char *json = model_to_json(app->model);
    bool ok = write_file_atomic(app->recovery_path, json, strlen(json)) == 0;
    free(json);
    char *side = sidecar(app);
    const char *p = app->path ? app->path : "";
    if (ok) ok = write_file_atomic(side, p, strlen(p)) == 0;
    free(side);
    if (ok)
        app->autosaved_version = app->version;
    else
        app_set_status(app, true, _("Autosave to %s failed: %s"), app->recovery_path, strerror(errno));
    return ok;
}

void doc_autosave_tick(App *app)
{
    if (app->autosave_ms < 0) return;
    uint32_t now = SDL_GetTicks();
    if (now - app->last_autosave_ms < (uint32_t)app->autosave_ms) return;
    app->last_autosave_ms = now;
    if (app_dirty(app)) doc_autosave(app);
}

void doc_adopt_recovered(App *app, Model *m, const char *path)
{
    adopt(app, m, path, NULL);
    history_mark_unsaved(&app->hist); /* recovered work is not saved anywhere yet */
    canvas_fit(app);
}
