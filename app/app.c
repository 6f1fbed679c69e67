/*
 * app.c - the App's life cycle, the frame (input -> update -> draw), the keyboard
 * shortcuts, selection bookkeeping and the bridge from edits to the history.
 */
#include "app.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/model_json.h"
#include "sim/util.h"

/* ---- selection ----------------------------------------------------------------------- */

static void grow_flags(uint8_t **flags, int *cap, int need)
{
    if (need <= *cap) return;
    int old = *cap;
    int cap2 = old ? old : 64;
    while (cap2 < need) cap2 *= 2;
    *flags = xrealloc(*flags, (size_t)cap2);
    memset(*flags + old, 0, (size_t)(cap2 - old));
    *cap = cap2;
}

void sel_sync(App *app)
{
    grow_flags(&app->sel_node, &app->cap_sel_node, app->model->n_nodes + 1);
    grow_flags(&app->sel_edge, &app->cap_sel_edge, app->model->n_edges + 1);
}

void sel_clear(App *app)
{
    sel_sync(app);
    memset(app->sel_node, 0, (size_t)app->cap_sel_node);
    memset(app->sel_edge, 0, (size_t)app->cap_sel_edge);
    if (app->sel_ann) memset(app->sel_ann, 0, (size_t)app->cap_sel_ann);
}

int sel_count_nodes(const App *app)
{
    int n = 0;
    for (int i = 0; i < app->model->n_nodes; i++) n += app->sel_node[i] != 0;
    return n;
}

int sel_count_edges(const App *app)
{
    int n = 0;
    for (int i = 0; i < app->model->n_edges; i++) n += app->sel_edge[i] != 0;
    return n;
}

int sel_single_node(const App *app)
{
    if (sel_count_nodes(app) != 1 || sel_count_edges(app) != 0) return -1;
    for (int i = 0; i < app->model->n_nodes; i++)
        if (app->sel_node[i]) return i;
    return -1;
}

int sel_single_edge(const App *app)
{
    if (sel_count_edges(app) != 1 || sel_count_nodes(app) != 0) return -1;
    for (int i = 0; i < app->model->n_edges; i++)
        if (app->sel_edge[i]) return i;
    return -1;
}

static void renamed_clear(App *app)
{
    for (int k = 0; k < app->n_renamed; k++) {
        free(app->renamed_from[k]);
        free(app->renamed_to[k]);
    }
    free(app->renamed_from);
    free(app->renamed_to);
    app->renamed_from = app->renamed_to = NULL;
    app->n_renamed = 0;
}

bool app_ids_changed_since_run(const App *app)
{
    return app->n_renamed > 0 && app->renamed_serial == app->res_serial;
}

void app_note_id_change(App *app, const char *from, const char *to)
{
    if (!from || !to || strcmp(from, to) == 0) return;
    if (app->renamed_serial != app->res_serial) { /* the renames before the shown run */
        renamed_clear(app);
        app->renamed_serial = app->res_serial;
    }
    app->renamed_from = xrealloc(app->renamed_from, (size_t)(app->n_renamed + 1) * sizeof *app->renamed_from);
    app->renamed_to = xrealloc(app->renamed_to, (size_t)(app->n_renamed + 1) * sizeof *app->renamed_to);
    app->renamed_from[app->n_renamed] = xstrdup(from);
    app->renamed_to[app->n_renamed] = xstrdup(to);
    app->n_renamed++;
}

int app_result_node(const App *app, const char *rid)
{
    int best = model_find_node(app->model, rid);
    if (!rid || !app_ids_changed_since_run(app)) return best;
    /* every id the node has had since the run, in order (an undo takes one back, a later
     * rename may start from any of them): the latest on the board is the node */
    const char **had = xcalloc((size_t)app->n_renamed + 2, sizeof *had);
    int n = 0;
    had[n++] = rid;
    for (int k = 0; k < app->n_renamed; k++) {
        bool from_it = false;
        for (int h = 0; h < n && !from_it; h++) from_it = strcmp(had[h], app->renamed_from[k]) == 0;
        if (!from_it) continue;
        had[n++] = app->renamed_to[k];
        int i = model_find_node(app->model, app->renamed_to[k]);
        if (i >= 0) best = i;
    }
    free(had);
    return best;
}

bool sel_node_by_id(App *app, const char *id)
{
    int i = model_find_node(app->model, id);
    if (i < 0) return false;
    sel_clear(app);
    app->sel_node[i] = 1;
    return true;
}

/* Keep the selection flags aligned with the arrays as primitives insert and delete;
 * whatever a primitive touches becomes selected, so undo shows what it changed. */
static void on_op(void *ctx, OpKind kind, int i)
{
    App *app = ctx;
    Model *m = app->model;
    grow_flags(&app->sel_node, &app->cap_sel_node, m->n_nodes + 2);
    grow_flags(&app->sel_edge, &app->cap_sel_edge, m->n_edges + 2);
    switch (kind) {
    case OP_NODE_INSERT:
        memmove(app->sel_node + i + 1, app->sel_node + i, (size_t)(m->n_nodes - 1 - i));
        app->sel_node[i] = 1;
        break;
    case OP_NODE_DELETE:
        memmove(app->sel_node + i, app->sel_node + i + 1, (size_t)(m->n_nodes - i));
        app->sel_node[m->n_nodes] = 0;
        break;
    case OP_EDGE_INSERT:
        memmove(app->sel_edge + i + 1, app->sel_edge + i, (size_t)(m->n_edges - 1 - i));
        app->sel_edge[i] = 1;
        break;
    case OP_EDGE_DELETE:
        memmove(app->sel_edge + i, app->sel_edge + i + 1, (size_t)(m->n_edges - i));
        app->sel_edge[m->n_edges] = 0;
        break;
    case OP_NODE_SET: app->sel_node[i] = 1; break;
    case OP_EDGE_SET: app->sel_edge[i] = 1; break;
    default: break;
    }
    if (app->rename_node >= m->n_nodes) app->rename_node = -1;
}

/* ---- status, history ---------------------------------------------------------------- */

void app_set_status(App *app, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->msg, sizeof app->msg, fmt, ap);
    va_end(ap);
    app->msg_error = error;
    app->msg_until = SDL_GetTicks() + (error ? 9000u : 5000u);
    app->needs_frame = true;
}

/* The board's node and edge labels in the app's language (the scenario's translations
 * of them), once per change of the model or of the language. */
void app_localize(App *app)
{
    if (!app->model) return;
    if (app->localized_version == app->version && strcmp(app->localized_lang, app->lang) == 0) return;
    model_localize(app->model, app->lang);
    app->routes.fresh = false; /* edge labels again, in this language */
    app->localized_version = app->version;
    snprintf(app->localized_lang, sizeof app->localized_lang, "%s", app->lang);
}

void app_commit(App *app, Command *c)
{
    sel_sync(app);
    bool layout = cmd_layout_only(c);
    history_apply(&app->hist, app->model, c);
    sel_sync(app);
    app->version++;
    if (!layout) app->sem_version++;
    app->needs_frame = true;
    app_localize(app);
}

void app_undo(App *app)
{
    const char *label = NULL;
    sel_clear(app);
    if (history_undo(&app->hist, app->model, &label)) {
        app->version++;
        app->sem_version++;
        app_set_status(app, false, _("Undid: %s"), label);
    } else {
        app_set_status(app, false, _("Nothing to undo"));
    }
    sel_sync(app);
    app_localize(app);
}

void app_redo(App *app)
{
    const char *label = NULL;
    sel_clear(app);
    if (history_redo(&app->hist, app->model, &label)) {
        app->version++;
        app->sem_version++;
        app_set_status(app, false, _("Redid: %s"), label);
    } else {
        app_set_status(app, false, _("Nothing to redo"));
    }
    sel_sync(app);
    app_localize(app);
}

bool app_dirty(const App *app) { return history_dirty(&app->hist); }

double app_cost_per_month(const App *app, bool *of_run)
{
    bool run = app->res && app->res_model && app->version == app->res_version && model_has_autoscale(app->model);
    if (of_run) *of_run = run;
    return run ? results_cost_per_month_usd(app->res_model, app->res->mean) : model_cost_per_month_usd(app->model);
}

void app_model_replaced(App *app)
{
    history_clear(&app->hist);
    app->version++;
    app->sem_version++;
    app->rename_node = -1;
    run_discard(app);
    sweep_tab_free(app);
    compare_tab_free(app);
    app->drag = DRAG_NONE;
    app->insp_error_key[0] = 0;
    app->insp_scroll = 0;
    app->hints_shown = 0;
    for (int l = 0; l < SCEN_LIST_COUNT; l++) app->scen_open[l] = -1;
    app->goto_key[0] = 0;
    app->path_type = -1;
    sel_clear(app);
    app_localize(app);
}

void app_goto_path(App *app, const char *path)
{
    if (!path) return;
    int i = -1, n = 0;
    if (sscanf(path, "nodes[%d]%n", &i, &n) == 1 && i >= 0 && i < app->model->n_nodes) {
        sel_clear(app);
        sel_sync(app);
        app->sel_node[i] = 1;
        snprintf(app->goto_key, sizeof app->goto_key, "%s", path[n] == '.' ? path + n + 1 : "");
    } else if (sscanf(path, "edges[%d]%n", &i, &n) == 1 && i >= 0 && i < app->model->n_edges) {
        sel_clear(app);
        sel_sync(app);
        app->sel_edge[i] = 1;
        snprintf(app->goto_key, sizeof app->goto_key, "%s", path[n] == '.' ? path + n + 1 : "");
    } else if (strncmp(path, "scenario.", 9) == 0 || strcmp(path, "title") == 0) {
        const char *rest = strncmp(path, "scenario.", 9) == 0 ? path + 9 : path;
        char list[32] = "";
        int k = -1, used = 0;
        if (sscanf(rest, "%31[a-z_][%d]%n", list, &k, &used) == 2) {
            scenario_panel_goto(app, list, k, rest[used] == '.' ? rest + used + 1 : NULL);
        } else {
            sel_clear(app);
            snprintf(app->goto_key, sizeof app->goto_key, "%s", rest);
        }
    }
    app->needs_frame = true;
}

const char *app_path_where(const App *app, const char *path, char *out, size_t cap)
{
    const Model *m = app->model;
    const Scenario *s = &m->scenario;
    int i = -1;
    char list[32] = "";
    out[0] = 0;
    if (!path) return out;
    if (sscanf(path, "nodes[%d]", &i) == 1) {
        if (i >= 0 && i < m->n_nodes) node_name(&m->nodes[i], NAMING_LABEL, out, cap);
    } else if (sscanf(path, "edges[%d]", &i) == 1) {
        if (i >= 0 && i < m->n_edges) edge_name(m, &m->edges[i], out, cap);
    } else if (sscanf(path, "scenario.%31[a-z_][%d]", list, &i) == 2 && i >= 0) {
        if (strcmp(list, "requests") == 0 && i < s->n_requests && s->requests[i].name)
            snprintf(out, cap, "%s", s->requests[i].name);
        else if (strcmp(list, "requirements") == 0 && i < s->n_requirements)
            snprintf(out, cap, _("requirement %d"), i + 1);
        else if (strcmp(list, "events") == 0 && i < s->n_events) {
            const char *label = scenario_event_label_in(s, i, app->lang); /* as the panel names it */
            if (label && *label)
                snprintf(out, cap, _("event \xE2\x80\x9C%s\xE2\x80\x9D"), label);
            else
                snprintf(out, cap, _("event %d"), i + 1);
        }
        else if (strcmp(list, "zones") == 0 && i < s->n_zones && s->zones[i].id)
            snprintf(out, cap, "%s", s->zones[i].id);
    }
    return out;
}

/* Whether `message` names `what` in quotes: 'what' or «what». */
static bool names_quoted(const char *message, const char *what)
{
    char q[200];
    snprintf(q, sizeof q, "'%s'", what);
    if (strstr(message, q)) return true;
    snprintf(q, sizeof q, "\xC2\xAB%s\xC2\xBB", what);
    return strstr(message, q) != NULL;
}

/* ... or by its label with the id beside it, "Chat clients (users)" */
static bool names_node(const char *message, const char *id)
{
    char q[200];
    snprintf(q, sizeof q, " (%s)", id);
    return names_quoted(message, id) || strstr(message, q) != NULL;
}

const char *app_problem_line(const App *app, const Diag *g, char *out, size_t cap)
{
    char where[160];
    app_path_where(app, g->path, where, sizeof where);
    /* the validator quotes what it names ('x' in English, «x» in Russian and Ukrainian);
     * a node's message may name it by its id, or by its label and id */
    int i = -1;
    const char *id = g->path && sscanf(g->path, "nodes[%d]", &i) == 1 && i >= 0 && i < app->model->n_nodes
                         ? app->model->nodes[i].id
                         : NULL;
    if (!where[0] || names_quoted(g->message, where) || (id && names_node(g->message, id)))
        snprintf(out, cap, "%s", g->message);
    else
        snprintf(out, cap, _("%s: %s"), where, g->message);
    return out;
}

void app_validate(App *app)
{
    if (app->problems_version == app->sem_version) return; /* 0 at first, never a version */
    diag_free(&app->problems);
    diag_init(&app->problems, NULL);
    model_validate(app->model, &app->problems);
    app->problems_version = app->sem_version;
}

void app_update_title(App *app)
{
    const char *name = app->path ? strrchr(app->path, '/') : NULL;
    name = name ? name + 1 : app->path;
    char title[600];
    const char *dirty = app_dirty(app) ? "\xE2\x97\x8F " : "";
    const char *what = app->model->title && *app->model->title ? scenario_title_in(app->model, app->lang) : NULL;
    if (name)
        snprintf(title, sizeof title, _("%s%s \xE2\x80\x94 archsim"), dirty, name);
    else if (what)
        snprintf(title, sizeof title, _("%s%.300s (not saved yet) \xE2\x80\x94 archsim"), dirty, what);
    else
        snprintf(title, sizeof title, _("%sUntitled \xE2\x80\x94 archsim"), dirty);
    const char *cur = SDL_GetWindowTitle(app->win);
    if (!cur || strcmp(cur, title) != 0) SDL_SetWindowTitle(app->win, title);
}

/* ---- life cycle ------------------------------------------------------------------------ */

static void update_scale(App *app)
{
    int ww = 0, wh = 0, pw = 0, ph = 0;
    SDL_GetWindowSize(app->win, &ww, &wh);
    render_output_size(app->r, &pw, &ph);
    app->win_w = ww > 0 ? ww : 1;
    app->win_h = wh > 0 ? wh : 1;
    app->scale = pw > 0 ? (float)pw / (float)app->win_w : 1.0f;
    if (app->scale < 0.5f) app->scale = 1;
    render_set_scale(app->r, app->scale);
}

static void layout(App *app)
{
    float W = (float)app->win_w, H = (float)app->win_h;
    float pal = W < 1000 ? 150 : theme.palette_w;
    float ins = W < 1000 ? 250 : theme.inspector_w;
    app->toolbar_rc = rect_make(0, 0, W, theme.toolbar_h);
    app->status_rc = rect_make(0, H - theme.status_h, W, theme.status_h);
    float top = theme.toolbar_h, bottom = H - theme.status_h;
    app->palette_rc = rect_make(0, top, pal, bottom - top);
    app->inspector_rc = rect_make(W - ins, top, ins, bottom - top);
    /* The results drawer, when open, takes the bottom of the middle column. */
    float drawer_max = (bottom - top) * 0.7f; /* the board keeps at least 30% */
    float drawer = app->drawer_h < drawer_max ? app->drawer_h : drawer_max;
    app->canvas_rc = rect_make(pal, top, W - pal - ins, bottom - top - drawer);
    if (app->canvas_rc.w < 100) app->canvas_rc.w = 100;
    app->ui.view_h = H;
    app->ui.view_w = W;
}

App *app_create(const AppConfig *config)
{
    AppConfig def = {0};
    if (!config) config = &def;
    const char *font = render_find_font(config->font_path);
    if (!font) {
        if (config->font_path)
            fprintf(stderr, _("archsim: font not found: %s\n"), config->font_path);
        else if (getenv("ARCHSIM_FONT") && *getenv("ARCHSIM_FONT"))
            fprintf(stderr, _("archsim: ARCHSIM_FONT names a file that does not exist: %s\n"),
                    getenv("ARCHSIM_FONT"));
        fprintf(stderr, "%s\n", render_font_help());
        return NULL;
    }
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    /* We draw every pixel ourselves: when the software renderer is used (no GPU,
     * tests), its window surface must be plain memory, not emulated through a GL
     * context (which would be Mesa's llvmpipe on such machines). */
    const char *drv = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (drv && strcmp(drv, "software") == 0) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        fprintf(stderr, _("archsim: cannot start SDL: %s\n"), SDL_GetError());
        return NULL;
    }
    /* With no display SDL may fall back to a driver without a screen: say so rather
     * than run with no window (tests and exports ask for offscreen explicitly). */
    const char *vd = SDL_GetCurrentVideoDriver();
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (!config->hidden && vd && (!asked || !*asked) &&
        (strcmp(vd, "offscreen") == 0 || strcmp(vd, "dummy") == 0 || strcmp(vd, "evdev") == 0)) {
        fprintf(stderr,
                _("archsim: no display to open a window on (SDL chose its '%s' driver).\n"
                "  Simulate headless:    archsim-cli run FILE.json\n"
                "  Export the diagram:   archsim --export-png OUT.png FILE.json\n"), vd);
        SDL_Quit();
        return NULL;
    }
    if (!TTF_WasInit() && TTF_Init() != 0) {
        fprintf(stderr, _("archsim: cannot start SDL_ttf: %s\n"), TTF_GetError());
        SDL_Quit();
        return NULL;
    }
    IMG_Init(IMG_INIT_PNG);

    App *app = xcalloc(1, sizeof *app);
    app->recovery_lock_fd = app->recover_fd = -1; /* no fd 0 closed by a failed start */
    app->font_path = xstrdup(font);
    int w = config->width > 0 ? config->width : 1440;
    int h = config->height > 0 ? config->height : 900;
    SDL_Rect usable;
    if (config->width <= 0 && SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0) {
        /* The default size shrinks to fit a smaller screen. */
        if (w > usable.w - 40) w = usable.w - 40;
        if (h > usable.h - 60) h = usable.h - 60;
        if (w < 720) w = 720;
        if (h < 480) h = 480;
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    flags |= config->hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
    app->win = SDL_CreateWindow("archsim", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                                flags);
    if (!app->win) {
        fprintf(stderr, _("archsim: cannot open a window: %s\n"), SDL_GetError());
        goto fail;
    }
    SDL_SetWindowMinimumSize(app->win, 720, 480);
    /* A GPU renderer presents our frame as one texture (sharp on HiDPI); without one
     * (software driver, offscreen tests) we draw straight into the window surface. */
    bool software = drv && strcmp(drv, "software") == 0;
    if (!software) app->sdl = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_ACCELERATED);
    if (app->sdl) {
        SDL_RendererInfo info;
        if (SDL_GetRendererInfo(app->sdl, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE)) {
            SDL_DestroyRenderer(app->sdl);
            app->sdl = NULL;
        }
    }
    app->r = app->sdl ? render_create(app->sdl, font) : render_create_window(app->win, font);
    if (!app->r) {
        fprintf(stderr, _("archsim: cannot open the font %s: %s\n"), font, TTF_GetError());
        goto fail;
    }
    update_scale(app);
    ui_init(&app->ui, app->r);
    app->model = model_create();
    history_init(&app->hist, 1000);
    app->hist.hook = on_op;
    app->hist.hook_ctx = app;
    app->animate = true;
    app->path_type = -1;
    for (int l = 0; l < SCEN_LIST_COUNT; l++) app->scen_open[l] = -1;
    app->rename_node = -1;
    app->hover_node = app->hover_edge = app->hover_handle = -1;
    app->node_tip_node = -1;
    app->palette_tip = -1;
    app->connect_from = -1;
    app->version = 1;
    app->sem_version = 1;
    interview_defaults(&app->iv);
    snprintf(app->lang, sizeof app->lang, "%s", tr_env_lang()); /* a first start: the system's */
    app->settings_path = config->settings_path ? xstrdup(config->settings_path) : settings_default_path();
    settings_load(app);
    if (config->lang && tr_known(config->lang)) snprintf(app->lang, sizeof app->lang, "%s", tr_known(config->lang));
    tr_set_lang(app->lang); /* the messages of the start (a file opened, a recovery) in it too */
    sel_sync(app);
    layout(app);
    app->cam.zoom = 1;
    app->cam.x = -40;
    app->cam.y = -40;
    char *base = config->recovery_path ? xstrdup(config->recovery_path) : doc_default_recovery_path();
    recovery_init(app, base);
    free(base);
    app->autosave_ms = config->autosave_ms == 0 ? 30000 : config->autosave_ms;
    app->last_autosave_ms = SDL_GetTicks();
    app->needs_frame = true;
    doc_find_scenarios(app);
    if (!config->no_recovery) doc_check_recovery(app);
    if (config->file && app->modal != MODAL_RECOVER) doc_open(app, config->file);
    else if (!config->file && config->browser && app->modal == MODAL_NONE && app->n_scen > 0) browser_open(app);
    else if (config->file && app->modal == MODAL_RECOVER)
        app->pending_path = xstrdup(config->file); /* opened if recovery is declined */
    app_validate(app);
    app_update_title(app);
    return app;
fail:
    app_destroy(app);
    return NULL;
}

void app_destroy(App *app)
{
    if (!app) return;
    renamed_clear(app);
    run_free(app);
    sweep_tab_free(app);
    compare_tab_free(app);
    free(app->cv.path);
    free(app->drag_orig);
    free(app->drag_nodes);
    routes_free(&app->routes);
    history_free(&app->hist);
    diag_free(&app->problems);
    diag_free(&app->modal_diags);
    import_review_free(app);
    for (int i = 0; i < app->fd.n_entries; i++) free(app->fd.entries[i].name);
    free(app->fd.entries);
    model_destroy(app->model);
    model_destroy(app->clip);
    free(app->clip_text);
    free(app->sel_node);
    free(app->sel_edge);
    free(app->sel_ann);
    annotations_free(app->anns, app->n_anns);
    free(app->anns_src);
    free(app->drag_meta0);
    free(app->drag_ann);
    free(app->path);
    free(app->suggest_name);
    free(app->pending_path);
    recovery_free(app);
    free(app->recovery_path);
    free(app->settings_path);
    free(app->font_path);
    grade_destroy(app->grade);
    free(app->bn_why);
    free(app->live_text);
    lint_free(&app->lint);
    free(app->path_node);
    free(app->path_edge);
    for (int k = 0; k < app->n_recent; k++) free(app->recent[k]);
    free(app->confirm_text);
    model_destroy(app->confirm_after);
    for (int i = 0; i < app->n_scen; i++) {
        free(app->scen_paths[i]);
        free(app->scen_titles[i]);
        model_destroy(app->scen_models[i]);
        free(app->scen_starters[i]);
    }
    free(app->scen_models);
    free(app->scen_starters);
    free(app->scen_paths);
    free(app->scen_titles);
    free(app->scenarios_dir);
    ui_free(&app->ui);
    for (int i = 0; i < 5; i++)
        if (app->cursors[i]) SDL_FreeCursor(app->cursors[i]);
    render_destroy(app->r);
    if (app->sdl) SDL_DestroyRenderer(app->sdl);
    if (app->win) SDL_DestroyWindow(app->win);
    free(app);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
}

/* ---- keyboard shortcuts ---------------------------------------------------------------- */

#define CTRL KMOD_CTRL
#define SHIFT KMOD_SHIFT

static void shortcuts(App *app)
{
    Ui *ui = &app->ui;
    if (app->modal != MODAL_NONE) return;
    /* These work even while a field is being edited. */
    if (ui_key(ui, SDLK_s, CTRL)) doc_save(app);
    if (ui_key(ui, SDLK_s, CTRL | SHIFT)) filedialog_open(app, FILE_SAVE_AS);
    if (ui_key(ui, SDLK_o, CTRL)) doc_guard(app, PENDING_OPEN, NULL);
    if (ui_key(ui, SDLK_o, CTRL | SHIFT)) browser_open(app);
    if (ui_key(ui, SDLK_n, CTRL)) doc_guard(app, PENDING_NEW, NULL);
    if (ui_key(ui, SDLK_q, CTRL)) app_request_quit(app);
    if (ui_key(ui, SDLK_e, CTRL)) filedialog_open(app, FILE_EXPORT);
    if (ui_key(ui, SDLK_f, CTRL) && app->model->n_nodes > 0) find_open(app);
    if (ui_key(ui, SDLK_F6, 0)) {
        if (app->drawer_h > 0) app->drawer_h = 0;
        else drawer_show(app, app->drawer_tab);
    }
    if (ui_key(ui, SDLK_F5, 0)) {
        if (app->job) run_cancel(app);
        else run_start(app);
    }
    if (ui_has_focus(ui)) return;
    if (ui_key(ui, SDLK_z, CTRL)) app_undo(app);
    if (ui_key(ui, SDLK_z, CTRL | SHIFT) || ui_key(ui, SDLK_y, CTRL)) app_redo(app);
    if (ui_key(ui, SDLK_c, CTRL)) edit_copy(app);
    if (ui_key(ui, SDLK_x, CTRL)) {
        edit_copy(app);
        edit_delete_selection(app);
    }
    if (ui_key(ui, SDLK_v, CTRL)) edit_paste(app);
    if (ui_key(ui, SDLK_d, CTRL)) edit_duplicate(app);
    if (ui_key(ui, SDLK_a, CTRL)) edit_select_all(app);
    if (ui_key(ui, SDLK_l, CTRL | SHIFT)) edit_tidy(app);
    if (ui_key(ui, SDLK_t, 0)) { /* a note (T, as text in other whiteboards): under the mouse, else mid-board */
        Rect c = app->canvas_rc;
        float sx = app->ui.in.mx, sy = app->ui.in.my;
        if (!rect_contains(c, sx, sy)) sx = c.x + c.w / 2, sy = c.y + c.h / 2;
        double bx, by;
        cam_to_board(&app->cam, c, sx, sy, &bx, &by);
        edit_add_note(app, bx, by);
        app->ui.in.text[0] = 0; /* the "t" typed with the key is not the note's first letter, */
        app->swallow_t = true;  /* in this pass or the next (handle_event) */
    }
    if (ui_key(ui, SDLK_g, CTRL)) edit_frame_selection(app); /* a frame around them: a group */
    if (ui_key(ui, SDLK_DELETE, 0) || ui_key(ui, SDLK_BACKSPACE, 0)) edit_delete_selection(app);
    if (ui_key(ui, SDLK_ESCAPE, 0)) {
        if (app->drag == DRAG_MOVE && app->drag_moved) {
            /* Put the nodes back where the drag started; no history entry remains. */
            history_cancel_last(&app->hist, app->model);
            app->version++;
            app_set_status(app, false, _("Move cancelled"));
        }
        if (app->drag != DRAG_NONE)
            app->drag = DRAG_NONE;
        else
            sel_clear(app);
    }
    if (ui_key(ui, SDLK_f, 0)) canvas_fit(app);
    if (ui_key(ui, SDLK_f, SHIFT) && !canvas_fit_selection(app)) app_set_status(app, false, "%s", _("Select nodes to fit the view to them"));
    Rect c = app->canvas_rc;
    float cx = c.x + c.w / 2, cy = c.y + c.h / 2;
    if (ui_key(ui, SDLK_EQUALS, CTRL) || ui_key(ui, SDLK_PLUS, CTRL) ||
        ui_key(ui, SDLK_EQUALS, CTRL | SHIFT) || ui_key(ui, SDLK_KP_PLUS, CTRL) ||
        ui_key(ui, SDLK_KP_PLUS, 0))
        canvas_zoom_at(app, cx, cy, 1.2);
    if (ui_key(ui, SDLK_MINUS, CTRL) || ui_key(ui, SDLK_KP_MINUS, CTRL) ||
        ui_key(ui, SDLK_KP_MINUS, 0))
        canvas_zoom_at(app, cx, cy, 1 / 1.2);
    if (ui_key(ui, SDLK_0, CTRL)) canvas_zoom_at(app, cx, cy, 1.0 / app->cam.zoom);
    double step = 60 / app->cam.zoom;
    if (ui_key(ui, SDLK_LEFT, 0)) app->cam.x -= step;
    if (ui_key(ui, SDLK_RIGHT, 0)) app->cam.x += step;
    if (ui_key(ui, SDLK_UP, 0)) app->cam.y -= step;
    if (ui_key(ui, SDLK_DOWN, 0)) app->cam.y += step;
    /* Shift + arrows nudge the selection by one grid step. */
    if (ui_key(ui, SDLK_LEFT, SHIFT)) edit_nudge_selection(app, -GRID, 0);
    if (ui_key(ui, SDLK_RIGHT, SHIFT)) edit_nudge_selection(app, GRID, 0);
    if (ui_key(ui, SDLK_UP, SHIFT)) edit_nudge_selection(app, 0, -GRID);
    if (ui_key(ui, SDLK_DOWN, SHIFT)) edit_nudge_selection(app, 0, GRID);
    if (ui_key(ui, SDLK_F1, 0) || ui_key(ui, SDLK_SLASH, SHIFT) || ui_key(ui, SDLK_QUESTION, 0) ||
        ui_key(ui, SDLK_QUESTION, SHIFT))
        help_open(app);
    if (ui_key(ui, SDLK_F2, 0) || ui_key(ui, SDLK_RETURN, 0)) {
        int i = sel_single_node(app);
        if (i >= 0) {
            const Node *n = &app->model->nodes[i];
            app->rename_node = i;
            app->rename_id = ui_idn("rename", i);
            ui_focus(ui, app->rename_id, node_label_shown(n));
        }
    }
}

/* ---- the frame ------------------------------------------------------------------------- */

void app_request_quit(App *app) { doc_guard(app, PENDING_QUIT, NULL); }

void app_update(App *app)
{
    app->now_ms = SDL_GetTicks();
    tr_set_lang(app->lang); /* every text of this frame in the app's language */
    numfmt_set_screen_style(app->lang); /* and its numbers in the language's style */
    app_localize(app);
    layout(app);
    sel_sync(app);
    Ui *ui = &app->ui;
    run_poll(app);
    sweep_tab_poll(app);
    compare_tab_poll(app);
    run_refresh_view(app);
    if (app->needs_fit) {
        layout(app);
        canvas_fit(app);
        app->needs_fit = false;
    }
    ui_begin(ui);
    app->fit_tip[0] = 0;
    toolbar_update(app);
    palette_update(app);
    inspector_update(app);
    statusbar_update(app);
    drawer_update(app);
    interview_update(app);
    paths_control(app);
    find_update(app);
    canvas_update(app);
    ctx_menu_update(app);
    shortcuts(app);
    dialogs_update(app);
    filedialog_update(app);
    ui_end(ui);
    doc_autosave_tick(app);
    app_validate(app);
    app_update_title(app);
    if (app->msg[0] && app->now_ms > app->msg_until) app->msg[0] = 0;
    app->needs_frame = true;
}

void app_draw(App *app)
{
    Render *r = app->r;
    render_begin(r);
    render_clear(r, theme.canvas);
    canvas_draw_app(app);
    ui_draw(&app->ui, r, UI_BASE);
    ui_draw(&app->ui, r, UI_POPUP);
    if (app->modal == MODAL_NONE) overlay_draw_tooltips(app); /* above the drawer, legend, callout, card */
    ui_draw(&app->ui, r, UI_MODAL);
    if (app->modal != MODAL_NONE) overlay_draw_tooltips(app); /* a dialog's shortened texts */
    render_end(r);
    app->needs_frame = false;
    app->frames++;
}

static bool discrete(const SDL_Event *ev)
{
    switch (ev->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
    case SDL_MOUSEWHEEL: return true;
    default: return false;
    }
}

static void handle_event(App *app, const SDL_Event *ev)
{
    if (ev->type == SDL_QUIT) {
        app_request_quit(app);
        return;
    }
    if (ev->type == SDL_DROPFILE) {
        /* A diagram dropped on the window opens as Open would (unsaved work is guarded). */
        if (ev->drop.file && app->modal == MODAL_NONE) doc_guard(app, PENDING_OPEN, ev->drop.file);
        SDL_free(ev->drop.file);
        app->needs_frame = true;
        return;
    }
    if (ev->type == SDL_WINDOWEVENT && (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                                        ev->window.event == SDL_WINDOWEVENT_RESIZED ||
                                        ev->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED))
        update_scale(app);
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_SPACE && !ui_has_focus(&app->ui))
        app->space_down = true;
    if (ev->type == SDL_KEYUP && ev->key.keysym.sym == SDLK_SPACE) app->space_down = false;
    /* T's own letter, after T made a note whose words now have the focus */
    if (app->swallow_t && (ev->type == SDL_TEXTINPUT || (ev->type == SDL_KEYUP && ev->key.keysym.sym == SDLK_t))) {
        app->swallow_t = false;
        if (ev->type == SDL_TEXTINPUT && (strcmp(ev->text.text, "t") == 0 || strcmp(ev->text.text, "T") == 0)) return;
    }
    /* Space pans; it types nothing on the board. */
    if (ev->type == SDL_TEXTINPUT && !ui_has_focus(&app->ui)) {
        if (strcmp(ev->text.text, "?") == 0 && app->modal == MODAL_NONE) help_open(app);
        return;
    }
    ui_feed(&app->ui, ev);
    if (discrete(ev)) app_update(app);
}

void app_frame(App *app)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) handle_event(app, &ev);
    app_update(app);
    app_draw(app);
    render_present(app->r);
}

void app_run(App *app)
{
    app_frame(app);
    while (!app->quit) {
        SDL_Event ev;
        int timeout = 1000;
        /* While a run works, ten frames a second show its progress and leave the cores to
         * it (a frame is 5-10 ms of software rendering); otherwise moving dots want 60. */
        if (app->job) timeout = 100;
        else if (app->animate && app->res) timeout = 16;
        if (app->drag != DRAG_NONE) timeout = 16;
        if (ui_has_focus(&app->ui)) timeout = 265; /* caret blink */
        if (app->tip_doc && !app->tip_shown_doc) timeout = 480; /* a tooltip is due */
        if (app->hover_node >= 0 && !app->node_tip_shown) timeout = 620;
        if (app->palette_tip >= 0 && !app->palette_tip_shown) timeout = 480;
        if (app->iv.active && !app->iv.paused) timeout = 250; /* the interview clock */
        if (app->msg[0]) {
            int left = (int)(app->msg_until - SDL_GetTicks());
            if (left > 0 && left < timeout) timeout = left + 10;
        }
        if (SDL_WaitEventTimeout(&ev, timeout)) {
            handle_event(app, &ev);
            while (SDL_PollEvent(&ev)) handle_event(app, &ev);
        }
        if (app->quit) break;
        app_update(app);
        app_draw(app);
        render_present(app->r);
        app->tip_shown_doc = app->tip_doc && SDL_GetTicks() - app->tip_since >= 450 ? app->tip_doc : NULL;
        app->node_tip_shown = app->hover_node >= 0 && SDL_GetTicks() - app->node_tip_since >= 600;
        app->palette_tip_shown = app->palette_tip >= 0 && SDL_GetTicks() - app->palette_tip_since >= 450;
    }
}

bool app_screenshot(App *app, const char *png_path)
{
    SDL_Surface *s = render_surface(app->r);
    if (!s) {
        app_draw(app);
        s = render_surface(app->r);
    }
    bool ok = s && IMG_SavePNG(s, png_path) == 0;
    if (!ok) fprintf(stderr, _("archsim: cannot write %s: %s\n"), png_path, IMG_GetError());
    return ok;
}
