/*
 * app.h - the one App: window, renderer, fonts, the document (model, file, history),
 * camera, selection, the interaction in progress and the open dialogs.
 *
 * A frame is: input (SDL events fed to the widget layer, one update pass per discrete
 * event so a fast click is never lost), update (panels declare widgets, the canvas
 * handles the mouse, shortcuts run, edits become commands), draw (canvas from the
 * model, then the recorded widget layers). Tests drive the same path with synthesized
 * events (see testing.c) on SDL's offscreen driver.
 *
 * Module map: app.c state and frame loop; render.c primitives and text; widgets.c the
 * widget layer; canvas.c board drawing and mouse; routes.c edge geometry and labels;
 * edit.c edits as commands; undo.c history; palette.c, toolbar.c, inspector.c,
 * statusbar.c panels; dialogs.c help, messages, confirmations; filedialog.c open/save
 * dialog; document.c files, autosave and recovery; export_png.c PNG export; ids.c
 * unique ids; icons.c, theme.c the look.
 */
#ifndef APP_APP_H
#define APP_APP_H

#include <SDL.h>
#include <stdbool.h>

#include "estimates.h"
#include "interview.h"
#include "render.h"
#include "sim/analytic.h"
#include "sim/annotation.h"
#include "sim/diag.h"
#include "sim/grade.h"
#include "sim/import.h"
#include "sim/requirements.h"
#include "sim/lint.h"
#include "sim/model.h"
#include "sim/tr.h"
#include "sim/numfmt.h"
#include "sim/results.h"
#include "sim/scenario_edit.h"
#include "sweep_tab.h"
#include "compare_tab.h"
#include "theme.h"
#include "undo.h"
#include "widgets.h"

/* ---- numbers on screen --------------------------------------------------------------- */

/* Every number the app draws goes through sim/numfmt.h (no exponent, no inf or nan);
 * these two keep the older names of numfmt_count and numfmt_ms for the panels. */
static inline void fmt_num(double v, char *out, size_t cap) { numfmt_count(v, out, cap); }

/* ---- configuration ------------------------------------------------------------------- */

typedef struct AppConfig {
    int width, height;          /* window size in points (0 = 1440 x 900) */
    const char *font_path;      /* --font; NULL = search (render_find_font) */
    const char *file;           /* diagram to open, NULL = empty board */
    const char *recovery_path;  /* NULL = $XDG_STATE_HOME/archsim/recovery.json or ~/.local/state/... */
    int autosave_ms;            /* 0 = 30000; < 0 disables autosave */
    bool hidden;                /* create the window hidden (tests, screenshots) */
    bool no_recovery;           /* do not offer recovery at start */
    const char *settings_path;  /* NULL = $XDG_CONFIG_HOME/archsim/settings.json or ~/.config/... */
    bool browser;               /* show the scenario browser at start (when no file is given) */
    const char *lang;           /* the app's language this time ("ru"), not remembered; NULL = the
                                   settings', else the environment's (tr_env_lang) */
} AppConfig;

/* ---- geometry of the board -------------------------------------------------------- */

typedef struct Camera {
    double x, y;   /* board point at the canvas's top-left corner */
    double zoom;   /* screen points per board unit */
} Camera;

typedef enum Side { SIDE_RIGHT, SIDE_BOTTOM, SIDE_LEFT, SIDE_TOP } Side;

typedef struct EdgeRoute {
    Vec2 p[4];          /* cubic Bezier control points, board units */
    Rect bbox;          /* of the curve, board units */
    bool valid;         /* both ends exist */
    char label[160];    /* key figures shown on the edge ("" = none) */
    float label_tw;     /* text width of `label` at the label font (cached) */
    Rect label_rc;      /* placed label box, board units */
    bool label_shown;   /* false when no free place was found */
    bool label_brief;   /* no room for `label`: `short_label` is shown in label_rc */
    char short_label[48];
} EdgeRoute;

typedef struct Routes {
    EdgeRoute *r;
    int n, cap;
    unsigned version;   /* model version they were computed for */
    double zoom;        /* zoom the labels were placed for */
    bool fresh;
    bool measured;      /* label widths come from real text measurement */
} Routes;

/* What the canvas draws: shared by the window and the PNG export. */
typedef struct Scene {
    const Model *model;
    Routes *routes;
    const uint8_t *sel_node, *sel_edge; /* may be NULL */
    Camera cam;
    Rect view;          /* screen rect of the canvas */
    int hover_node, hover_edge;
    bool show_handles;
    bool grid;
    /* The run overlay (NULL = plain diagram, as in the PNG export): per node fill and
     * border colours, per edge stroke width in screen points. */
    const Color *node_fill, *node_border;
    const float *edge_w;
    const double *edge_dots;  /* per edge rate for the moving request dots, NULL = none */
    /* "Show path of" one request type (NULL = off): per node and edge the expected visits
     * and calls per request of it; what it never reaches (0) is dimmed. */
    const double *path_node, *path_edge;
    const uint8_t *node_dashed; /* per node: a dashed border (backed up), NULL = none */
    double clock_s;     /* the moving dots' clock in seconds; < 0: the wall clock */
    /* zones (zones.c): nodes left out of their zone's box (being dragged), zones greyed
     * as down (a run's zone failure); NULL = none */
    const uint8_t *zone_skip, *zone_down;
    const uint8_t *sel_ann; /* per free annotation: selected (NULL = none) */
} Scene;

/* zones.c: each zone's box on the board (w 0: no node placed in it), leaving out the
 * nodes marked in skip (may be NULL); returns how many have one. */
int zones_rects(const Model *m, const uint8_t *skip, Rect *out);
/* The zone whose box holds the board point (the innermost), or -1. */
int zones_at(const Model *m, const Rect *rects, double bx, double by);
void zones_draw(Render *r, const Scene *s);
/* Zones a fail event of m takes down (zone or region): down[z] = 1. */
void zones_failed(const Model *m, uint8_t *down);

/* ---- interaction ------------------------------------------------------------------- */

typedef enum DragMode {
    DRAG_NONE,
    DRAG_PAN,      /* middle button or space + left */
    DRAG_MOVE,     /* moving the selected nodes */
    DRAG_CONNECT,  /* from a node's handle to another node */
    DRAG_RUBBER,   /* rubber-band selection */
    DRAG_PLACE,    /* a kind dragged from the palette */
} DragMode;

typedef enum Modal {
    MODAL_NONE,
    MODAL_FILE,     /* open / save as / export dialog */
    MODAL_DIAGS,    /* the messages of a file that could not be opened, or problems */
    MODAL_UNSAVED,  /* unsaved changes: save, discard or cancel */
    MODAL_RECOVER,  /* a recovery file exists */
    MODAL_HELP,     /* shortcuts */
    MODAL_RUN_SETTINGS, /* duration, warm-up, seed, replications */
    MODAL_BROWSER,  /* the scenario browser */
    MODAL_SPOILER,  /* "the reference solution spoils the exercise": open it anyway? */
    MODAL_INTERVIEW, /* the mock interview's phases and minutes */
    MODAL_CONFIRM,  /* an edit that takes more with it than was asked: do it? */
    MODAL_NEW,      /* New: a board with one client, or a blank board for an exercise */
    MODAL_IMPORT,   /* a diagram from another tool: what was guessed and defaulted, to review */
} Modal;

/* ---- simulation runs (run.c) ---------------------------------------------------------- */

typedef struct SimJob SimJob; /* a run on its worker thread; shared through a lock */

typedef enum DrawerTab {
    TAB_REQUESTS,
    TAB_NODES,
    TAB_CHARTS,
    TAB_TRACE,
    TAB_GRADE,     /* "Requirements": verdicts, cost against the budget, hints */
    TAB_ESTIMATES, /* the back-of-the-envelope sheet */
    TAB_SWEEP,     /* the design at many loads, and its knees */
    TAB_COMPARE,   /* this design against the last run's or a file's, on the same seeds */
    TAB_COUNT
} DrawerTab;

/* What the board shows for one node: measured when a run covers it, else predicted. */
typedef struct NodeView {
    int res;              /* index in the results, -1 = not in the last run */
    double util;          /* 0..1+ */
    double rate_rps;      /* measured throughput or predicted arrival rate */
    bool measured;
    bool over;            /* over capacity in its own right (node_over_capacity, or the
                             estimate's over_capacity), or for a while (full_at_times) */
    bool full_at_times;   /* measured: full for a while only (node_full_at_times) */
    int backed_up_by;     /* model node it is backed up by (waits on, over capacity), -1 */
    bool held_at_times;   /* measured: backed_up_by was full at times, not over the run,
                             and held this node's slots then (FullAtTimes.held) */
    bool near;            /* near capacity (>= 85%) */
    double drops;
} NodeView;

typedef struct RunView {
    unsigned version;     /* app->version + results serial this was built for */
    unsigned serial;
    NodeView *nodes;
    Color *fill, *border;
    uint8_t *dashed;      /* per node: a dashed border (backed up by another node) */
    float *edge_w;
    double *edge_rps;     /* per edge: the run's measured calls/s where the run had the edge,
                             else the analytic estimate's */
    uint8_t *edge_measured; /* per edge: edge_rps is the run's */
    int cap_nodes, cap_edges;
    FullAtTimes full;     /* the run's node full at times (NodeView.full_at_times), its
                             seconds and the caller it held; valid while one is marked */
} RunView;

typedef enum FileMode {
    FILE_OPEN,
    FILE_SAVE_AS,
    FILE_EXPORT, /* the board as PNG (a name ending .svg: as SVG) */
    FILE_COMPARE,
    FILE_RECORD, /* the shown run as an animated GIF */
    FILE_EXPORT_SVG,
    FILE_EXPORT_EXCALIDRAW,
    FILE_EXPORT_DRAWIO,
    FILE_EXPORT_MERMAID,
    FILE_EXPORT_DOT,
    FILE_REPORT_TEXT, /* the shown run's report, as archsim-cli run prints it */
    FILE_REPORT_JSON, /* ... as archsim-cli run --json writes it */
    FILE_REPORT_CSV,  /* its per-second series, as archsim-cli run --csv writes it */
    FILE_SWEEP_SVG,   /* the Sweep tab's last sweep, as archsim-cli sweep --svg/--json/--csv */
    FILE_SWEEP_JSON,
    FILE_SWEEP_CSV,
    FILE_SWEEP_TEXT,  /* ... as it prints it */
    FILE_COMPARE_TEXT, /* the Compare tab's last comparison, as archsim-cli compare prints it */
    FILE_COMPARE_JSON, /* ... as its --json writes it */
    FILE_MODE_COUNT
} FileMode;

typedef enum PendingAction {
    PENDING_NONE,
    PENDING_NEW,
    PENDING_OPEN,
    PENDING_OPEN_COPY, /* open pending_path as a new untitled diagram (a preset's starter) */
    PENDING_BLANK,     /* a blank board for the exercise app->new_pick */
    PENDING_QUIT
} PendingAction;

typedef struct FileEntry {
    char *name;
    bool dir;
} FileEntry;

typedef struct FileDialog {
    FileMode mode;
    char dir[1024];
    char name[512];         /* the text field: a file name or a path */
    FileEntry *entries;
    int n_entries, cap_entries;
    int selected;
    float scroll;
    char error[256];
} FileDialog;

typedef struct InspField {
    char key[48];           /* "workers", "service_ms.mean", "circuit_breaker.enabled" */
    Rect rc;                /* the editing widget, window points */
} InspField;

typedef struct App {
    /* platform */
    SDL_Window *win;
    SDL_Renderer *sdl;
    Render *r;
    Ui ui;
    char *font_path;
    int win_w, win_h;       /* points */
    float scale;            /* pixels per point */
    bool quit;              /* the loop should end */
    bool needs_frame;       /* something changed: draw again */
    uint32_t now_ms;
    SDL_Cursor *cursors[5];  /* arrow, hand, move, crosshair, resize up-down */

    /* the document */
    Model *model;
    char *path;             /* NULL = untitled */
    char *suggest_name;     /* file name Save As proposes for an untitled diagram, NULL = "diagram.json" */
    History hist;
    unsigned version;       /* bumped on every change of the model */
    unsigned localized_version; /* + localized_lang: the labels' language set for (app_localize) */
    char localized_lang[8];
    unsigned sem_version;   /* bumped on every change but moves: what the estimate, the
                               checks and the validator read (a drag recomputes none) */
    DiagList problems;      /* validation of the current model */
    unsigned problems_version;

    /* selection: one flag per node / edge, kept aligned by the undo hook */
    uint8_t *sel_node;
    int cap_sel_node;
    uint8_t *sel_edge;
    int cap_sel_edge;
    /* free annotations (sim/annotation.h, board/annotations.c): read from meta again
     * when it changes; one selection flag each */
    Annotation *anns;
    int n_anns;
    char *anns_src;         /* the meta they were read from */
    uint8_t *sel_ann;
    int cap_sel_ann;
    int hover_ann;
    char *drag_meta0;       /* meta when a move of annotations started */
    bool swallow_t;         /* T made a note: its letter, coming after, is not typed in it */
    uint8_t *drag_ann;      /* per annotation: moved by the drag (the selected, and what
                               a selected frame holds), n_drag_ann of them */
    int n_drag_ann;

    /* layout, window points */
    float drawer_h;         /* results drawer under the canvas; 0 = closed; drag its top edge to resize */
    bool drawer_resizing;   /* the drawer's top edge is being dragged */
    bool drawer_edge_hover; /* the mouse is over that edge (the cursor says it resizes) */
    Rect toolbar_rc, palette_rc, canvas_rc, inspector_rc, status_rc;
    Rect palette_items[NODE_KIND_COUNT];
    int palette_tip;            /* the palette row the mouse rests on, -1 */
    uint32_t palette_tip_since;
    bool palette_tip_shown;
    Rect zoom_rc;           /* the zoom control over the canvas */
    Rect scenario_rc;       /* the title / preset scenario box in the toolbar */
    UiId sources_open;      /* the "Sources" line opened (sources_text), 0 none */
    Rect callout_rc;        /* the bottleneck callout as last drawn (overlay.c); w = 0: none */
    Rect bn_badge_rc;       /* the bottleneck's own badge as last drawn; w = 0: none */
    int n_overlay_rc;       /* boxes, names, badges, tags and marks the overlay drew last frame */
    Rect overlay_rc[256];   /* (the first 256; the callout keeps clear of all of them) */
    InspField fields[96];
    int n_fields;
    float insp_scroll;
    int insp_last_node, insp_last_edge; /* selection shown last pass */
    float insp_info_h;      /* the tallest the figures above its fields have been since the
                               element was selected (keep_fields_in_place) */

    /* the board */
    Camera cam;
    Routes routes;
    int hover_node, hover_edge, hover_handle;

    /* the interaction in progress */
    DragMode drag;
    float drag_x0, drag_y0;     /* screen point where it started */
    double drag_bx0, drag_by0;  /* board point where it started */
    double *drag_orig;          /* x, y of each selected node at the start of a move */
    int *drag_nodes;
    int n_drag_nodes;
    unsigned drag_serial;       /* merge id of the move in progress */
    bool drag_moved;
    int connect_from;
    NodeKind place_kind;
    bool space_down;
    double cam_x0, cam_y0;

    /* inline rename */
    int rename_node;            /* -1 = none */
    UiId rename_id;

    /* tooltip of the inspector field under the mouse */
    const char *tip_doc;        /* static text from the schema, NULL = none */
    const char *tip_shown_doc;
    uint32_t tip_since;
    Rect tip_rc;
    int node_tip_node;          /* node under the resting mouse */
    uint32_t node_tip_since;
    bool node_tip_shown;
    char fit_tip[400];          /* full text of a shortened label under the mouse ("" none) */
    Rect fit_tip_rc;

    /* inspector */
    char insp_error_key[48];    /* field whose last typed value was refused */
    char insp_error[200];
    char goto_key[48];          /* a field the panel brings into view (and focuses) on its next pass */

    /* the scenario panel (scenario_panel.c) */
    int scen_open[SCEN_LIST_COUNT]; /* open item per list (request types, requirements, events, hints, quantities), -1 none */
    char live_key[48];          /* the field whose typed text was checked last: its text and the verdict */
    char *live_text;
    char live_msg[240];
    bool live_error;

    /* MODAL_CONFIRM: the edit waiting for a yes */
    char confirm_title[160];
    char *confirm_text;
    char confirm_label[160];
    Model *confirm_after;
    int confirm_close_list;     /* scenario list whose open item the edit removes, -1 none */
    bool confirm_run;           /* the question is a long run's, not an edit's */
    int new_pick;               /* MODAL_NEW: the exercise picked for a blank board */

    /* the right-click menu (context_menu.c) */
    struct {
        bool open, just_opened;
        float x, y;          /* where it opened, window points */
        int node, edge;      /* what was right-clicked (-1 none: the board) */
        double bx, by;       /* the board point under the click */
        int sub;             /* the open second level (request types, kinds), 0 none */
    } ctx;

    /* clipboard */
    Model *clip;
    char *clip_text;        /* what Copy last put on the system clipboard (owned): a paste of
                               anything else there comes from another window or program */

    /* status bar message */
    char msg[300];
    bool msg_error;
    uint32_t msg_until;

    /* dialogs */
    Modal modal;
    FileDialog fd;
    DiagList modal_diags;       /* shown by MODAL_DIAGS */
    char modal_title[200];
    float modal_scroll;
    ImportResult review;        /* MODAL_IMPORT: the notes of the last import (no model) */
    DiagList review_problems;   /* MODAL_IMPORT: design problems of the imported diagram */
    char review_title[300];
    float review_scroll;
    PendingAction pending;      /* what to do after MODAL_UNSAVED resolves */
    char *pending_path;

    /* preset scenarios (scenarios/ beside the executable or in the source tree) */
    char *scenarios_dir;        /* NULL when none was found */
    char **scen_paths, **scen_titles;
    Model **scen_models;        /* the presets (reference designs), loaded once */
    char **scen_starters;       /* scenarios/starters/NAME.json, NULL when there is none */
    int n_scen;
    int browser_sel;            /* preset shown in the browser */
    float browser_scroll;       /* of the preset's text */
    float browser_list_scroll;  /* of the list of presets */

    /* practice (practice.c, settings.c, interview.c, estimates.c) */
    char lang[8];               /* language of prompts and hints: "en", "ru", "uk" */
    char text_lang[8];          /* the language picked to write the exercise's title, prompt
                                   and hints in ("" = each in the language it is shown in) */
    char text_lang_for[8];      /* the app's language when it was picked (another: "") */
    char *settings_path;
    Interview iv;
    EstimatesView estv;
    SweepView sv;
    CompareView cv;
    Grade *grade;               /* grade of the shown results (cached per res_serial) */
    unsigned grade_serial;
    char *bn_why;               /* bottleneck sentence of the shown results in bn_lang
                                   (overlay_bottleneck_why; cached per res_serial) */
    unsigned bn_serial;
    unsigned bn_version;        /* app->version it was made at: names follow renames */
    Model *named_model;         /* run_named_model's (owned), made from named_from for
                                   named_serial, _version and _lang */
    const Model *named_from;
    unsigned named_serial, named_version;
    char named_lang[8];
    char bn_lang[8];            /* "" = nothing cached */
    int hints_shown;            /* scenario hints revealed in the Requirements tab */
    float grade_left_scroll;    /* the Requirements tab's left column */
    /* presets the user has passed (settings file): the preset's file name and the
     * cheapest passing design's monthly cost */
    struct PassedPreset { char name[64]; double best_cost_usd; } passed[64];
    int n_passed;
    char *recent[8];            /* files opened or saved lately, most recent first (absolute paths) */
    int n_recent;

    /* simulation (run.c): the run in progress and the last results */
    SimJob *job;                /* NULL = none running */
    double run_progress;        /* 0..1, copied from the job each frame */
    bool run_cancelling;
    uint32_t run_started_ms;
    double run_expected_s;      /* wall seconds the work estimate gave the run */
    Model *res_model;           /* snapshot the results belong to (owned) */
    Summary *res;               /* last finished run, NULL = none (owned) */
    Summary *live;              /* the run in progress so far: its series rows only, for
                                   the charts (run_poll; owned), NULL = none */
    const Model *live_model;    /* the model it runs (the job's: valid while live is) */
    bool live_opened;           /* the live charts opened the drawer (a cancel closes it) */
    Model *prev_model;          /* the run before it, for "p99 180 ms -> 95 ms" */
    Summary *prev;
    unsigned res_serial;        /* bumped per finished run */
    char **renamed_from, **renamed_to; /* node ids changed since the shown results were made
                                   (a label's id following it, an id typed), in order: the
                                   results keep the ids the run had (app_result_node) */
    int n_renamed;
    unsigned renamed_serial;    /* the res_serial they are for: another means none */
    unsigned res_version;       /* app->version the shown results were run from */
    double res_wall_s;
    Estimate est;               /* analytic estimate of the current model */
    unsigned est_version;
    bool est_valid;
    LintList lint;              /* modelling checks of the current model (lint.h) */
    unsigned lint_version;
    int path_type;              /* request type whose path the board shows, -1 none (paths.c) */
    bool find_on;               /* Find a node's field is open (find.c) */
    char find_text[128];        /* what it holds */
    int find_hl;                /* the match Enter picks */
    double *path_node, *path_edge; /* its visits / calls per request, per node / edge */
    int cap_path_node, cap_path_edge;
    unsigned path_version;
    RunView view;
    bool animate;               /* request dots along the edges */
    bool needs_fit;             /* fit the diagram after the next layout */
    int trace_type;             /* request type traced by the next run */
    DrawerTab drawer_tab;
    int node_sort;              /* column of the node table */
    bool node_sort_desc;
    float drawer_scroll;
    float drawer_scroll_x; /* a table wider than its tab, scrolled sideways (drawer.c table_fit) */
    uint64_t frames;            /* frames drawn (tests) */
    char rs_text[4][64];        /* run settings dialog: duration, warm-up, seed, reps */
    char rs_error[160];

    /* autosave and recovery (io/recovery.c) */
    char *recovery_path;        /* this instance's own recovery file, NULL = no autosave */
    char *recovery_dir, *recovery_stem; /* where recovery files live and their name's stem */
    int recovery_lock_fd;       /* the lock that says this instance is alive, -1 none */
    char *recover_path;         /* a gone instance's file being offered back, NULL none */
    char *recover_about;        /* what it holds, in words ("url-shortener.json: URL shortener, 9 nodes") */
    int recover_fd;             /* the lock held on it while it is offered */
    int autosave_ms;
    uint32_t last_autosave_ms;
    unsigned autosaved_version;
} App;

/* ---- app.c: life cycle and frames ----------------------------------------------------- */

/* Create the window and open config->file if given. NULL on failure with a message on
 * stderr (no font, no SDL). SDL and TTF are initialised by the app. */
App *app_create(const AppConfig *config);
/* Destroys everything; does not remove the recovery file (a crash is a destroy
 * without the quit path). Accepts NULL. */
void app_destroy(App *app);
/* Run until quit. */
void app_run(App *app);
/* Handle every pending event, update, and draw one frame. */
void app_frame(App *app);
/* One update pass over the input fed so far (no drawing). */
void app_update(App *app);
/* Draw the whole window into the renderer (does not present). */
void app_draw(App *app);
/* Save the current window picture as PNG; false with a message on stderr on failure. */
bool app_screenshot(App *app, const char *png_path);
/* Ask to quit (asks about unsaved changes first). */
void app_request_quit(App *app);

void app_set_status(App *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Apply an edit command and record it for undo. */
void app_commit(App *app, Command *c);
/* Sets the model's labels in the app's language (model_localize) when the model or the
 * language changed since the last call; the commits, undo, redo and every frame call it. */
void app_localize(App *app);
void app_undo(App *app);
void app_redo(App *app);
bool app_dirty(const App *app);
/* The design's cost per month as the board states it: for a design that autoscales, the
 * last run's (its nodes at their mean instances, as the grade judges a budget) while the
 * run is fresh, else the design's own at its starting instances. *of_run (may be NULL)
 * says which. */
double app_cost_per_month(const App *app, bool *of_run);
/* The model changed (outside a command, e.g. opened): reset caches. */
void app_model_replaced(App *app);
/* Re-run validation when the model changed since the last run. */
void app_validate(App *app);
void app_update_title(App *app);

/* selection */
void sel_clear(App *app);
void sel_sync(App *app);           /* grow the flag arrays to the model's size */
int sel_count_nodes(const App *app);
int sel_count_edges(const App *app);
int sel_single_node(const App *app); /* index when exactly one node and no edge, else -1 */
int sel_single_edge(const App *app);
/* Select only the node with this id; false when there is none. */
bool sel_node_by_id(App *app, const char *id);
/* A node's id changed from `from` to `to` (a rename, an id typed): the shown results,
 * which name it by the id it had when the run was made, still find it. */
void app_note_id_change(App *app, const char *from, const char *to);
/* The board's node that result id `rid` of the shown run is now: the node with that id,
 * or with an id it took since the run (its latest that is on the board), or -1. */
int app_result_node(const App *app, const char *rid);
/* Whether any node id changed since the shown results were made. */
bool app_ids_changed_since_run(const App *app);
/* Show where a validator path points: "nodes[3].workers" selects the node and its field,
 * "edges[2]" the edge, "scenario.requests[0].rate_rps" opens the scenario panel there. */
void app_goto_path(App *app, const char *path);
/* What a validator path is at, named as the board and the panels name it: a node's label,
 * an edge's "Client → Load balancer", a request type's name, "requirement 2", "event 1",
 * a zone's id; "" for the scenario's own fields and paths the model does not hold. Into
 * out, returned. */
const char *app_path_where(const App *app, const char *path, char *out, size_t cap);
/* A problem's line for a list without its place beside it: "redirect: no client node
 * sends ...", the place left out when the message already names it. */
const char *app_problem_line(const App *app, const Diag *g, char *out, size_t cap);

/* ---- canvas.c ----------------------------------------------------------------------- */

void canvas_update(App *app);
void canvas_draw(Render *r, const Scene *s);
void canvas_draw_app(App *app);
/* The nodes an error of the design names (app->problems, path "nodes[i]..."): marked[i]
 * = 1, the board draws a warning on their corner. Returns how many. */
int canvas_problem_nodes(const App *app, uint8_t *marked);
/* The first error that names node i, or NULL (its tooltip says it). */
const Diag *canvas_node_problem(const App *app, int node);
Vec2 cam_to_screen(const Camera *c, Rect view, double bx, double by);
void cam_to_board(const Camera *c, Rect view, float sx, float sy, double *bx, double *by);
void canvas_zoom_at(App *app, float sx, float sy, double factor);
/* Fit the camera so every node is visible in `view` (default zoom when empty). */
void camera_fit(Camera *c, const Model *m, Rect view, double max_zoom);
/* Fit the camera to the board box (x0, y0)-(x1, y1) in `view`, zoom at most max_zoom. */
void camera_fit_box(Camera *c, Rect view, double x0, double y0, double x1, double y1, double max_zoom);
void canvas_fit(App *app);
/* Fit the view to the selected nodes (and the ends of selected edges), up to 150%; false
 * when nothing is selected. */
bool canvas_fit_selection(App *app);
/* The board rect the canvas shows clear of its overlays (the path picker, the legend and
 * the zoom bar). */
void canvas_clear_board(const App *app, double *x0, double *y0, double *x1, double *y1);
/* Pan, zoom kept, as little as brings the board rect [x0, x1] x [y0, y1] into that clear
 * view (centred on it when it is larger). */
void canvas_show(App *app, double x0, double y0, double x1, double y1);
/* The board rect of node i. */
Rect node_rect(const Node *n);
/* The first line under the node's title (key figures). */
void node_subtitle(const Model *m, const Node *n, char *out, size_t cap);
/* Index of the topmost node at a board point, -1 none. */
int canvas_node_at(const Model *m, double bx, double by);

/* ---- routes.c ------------------------------------------------------------------------- */

/* Recompute the edge curves and label places when the model or zoom changed. */
void routes_update(Routes *rt, const Model *m, unsigned version, double zoom, Render *r);
void routes_free(Routes *rt);
/* Point on the cubic Bezier of a route at t in [0, 1]. */
Vec2 bezier_at(const Vec2 p[4], float t);
/* Distance in board units from a point to the edge curve. */
float route_distance(const EdgeRoute *e, float bx, float by);
/* The short text shown on an edge ("25 ms · fan-out ×75"), "" when nothing to say. */
void edge_label_text(const Edge *e, char *out, size_t cap);
/* The brief label shown where the whole one has no room: "async · ×10 · 30%" ("" when
 * the edge has none of those). */
void edge_label_short_text(const Edge *e, char *out, size_t cap);
/* The same curve computation for a single pair of rects (connection preview). */
void route_between(Rect a, Rect b, Vec2 p[4]);

/* ---- edit.c: edits as commands ---------------------------------------------------------- */

/* Place a node of `kind` with its top-left at (x, y), snapped to the grid, or at the
 * nearest free grid point where it would cover another node; returns its index. */
int edit_place_node(App *app, NodeKind kind, double x, double y);
/* Whether a node at (x, y) (board units, its top-left) would keep clear of every node. */
bool board_spot_free(const Model *m, double x, double y);
/* Move the nodes being dragged by (dx, dy) from their start positions, snapped. */
void edit_move_drag(App *app, double dx, double dy, bool snap);
/* Connect two nodes; false (with a status message saying why) when refused. */
bool edit_connect(App *app, int from, int to);
/* Point edge `edge`'s end (its callee when to_end, else its caller) at node `node`, as
 * one undoable step: an edge whose end names no node is mended so. Refused as
 * edit_connect refuses, with the reason in the status bar. */
bool edit_reconnect(App *app, int edge, bool to_end, int node);
void edit_delete_selection(App *app);
void edit_copy(App *app);
void edit_paste(App *app);
/* Paste with the copied group's top-left corner at board point (bx, by). */
void edit_paste_at(App *app, double bx, double by);
void edit_duplicate(App *app);
/* Lay the diagram out again as a file without positions opens (layout_layered: calls
 * left to right in layers, each zone in a band of its own), its top-left corner kept, as
 * one undoable step; the view fits it. With two or more nodes selected, those alone (the
 * edges among them), the rest where it is. Free annotations stay where they are. */
void edit_tidy(App *app);
/* How edit_align lines the selected nodes up: an edge or centre line of the selection's
 * box they all take, or equal gaps between the first and the last. */
typedef enum AlignHow {
    ALIGN_LEFT,
    ALIGN_CENTRE,  /* the box's vertical centre line */
    ALIGN_RIGHT,
    ALIGN_TOP,
    ALIGN_MIDDLE,  /* the box's horizontal centre line */
    ALIGN_BOTTOM,
    ALIGN_SPREAD_X, /* distribute horizontally: the leftmost and rightmost stay */
    ALIGN_SPREAD_Y,
    ALIGN_COUNT
} AlignHow;
/* The menu's words for each: "Align left edges", ... */
const char *align_title(AlignHow how);
/* Is it possible with the selection (two nodes to align, three to distribute)? */
bool align_possible(const App *app, AlignHow how);
/* Line the selected nodes up as `how` says: one undoable step, the selection kept. */
void edit_align(App *app, AlignHow how);
void edit_select_all(App *app);
/* Rename node i (edge i when `edge`) to `text` as shown in the app's language
 * (model_set_label_shown): one undoable step named `what` (NULL: "Rename to ...", and the
 * status bar says so). */
bool edit_rename(App *app, bool edge, int i, const char *text, const char *what);
/* Replace node / edge i by `after` as one undoable step named `label`. */
void edit_set_node(App *app, int i, const Node *after, const char *label);
void edit_set_edge(App *app, int i, const Edge *after, const char *label);
/* Change a node's id and every edge, request and event that names it. */
bool edit_set_node_id(App *app, int i, const char *id);
void edit_nudge_selection(App *app, double dx, double dy);

/* free annotations on the board (board/annotations.c) */
int ann_refresh(App *app);                 /* read meta again if it changed; the count */
int ann_count_selected(App *app);
int ann_single_selected(App *app);         /* the index when only one annotation (and no node
                                              or edge) is selected, else -1 */
int ann_at(App *app, double bx, double by); /* topmost annotation under a board point, -1 */
void ann_select_band(App *app, double x0, double y0, double x1, double y1, bool add);
void ann_draw(Render *r, const Scene *s);   /* behind the edges and nodes */
/* Extend a box (board units) by the annotations of m. */
void ann_extend_bounds(const Model *m, double *x0, double *y0, double *x1, double *y1);
void edit_annotation_text(App *app, int i, const char *text);
/* A text note at board point (bx, by), selected with its words being typed: one undo step. */
void edit_add_note(App *app, double bx, double by);
/* A frame (a rectangle with a title) around the selected nodes, selected with its title
 * being typed: one undo step; false (and the status bar says why) with no node selected. */
bool edit_frame_selection(App *app);
struct Panel;
void ann_inspector(struct Panel *p, int i); /* what selected one i is, its text; -1: several */

/* ---- ids.c ---------------------------------------------------------------------------- */

/* A node id not used in `m`, from `base` ("service" -> "service", "service_2", ...). */
char *ids_unique_node_id(const Model *m, const char *base);
/* A base id from free text: lowercase ASCII letters, digits and '_' ("Timeline API" -> "timeline_api"). */
void ids_slug(const char *text, char *out, size_t cap);
bool ids_valid(const char *id);
/* Whether `id` is the one the app makes from `label` (its slug, or the slug and "_N"
 * when that was taken): a placed node's, whose id then follows its label. */
bool ids_made_from(const char *id, const char *label);
/* Whether `id` and `label` are what placing a node of `kind` gave it ("service" and
 * "Сервис" in Russian, "service_2" and "Service 2"): its id follows its label too. */
bool ids_placed_as(const char *id, const char *label, NodeKind kind);
/* Whether `text` has a letter or digit an id can take (ids_slug keeps ASCII ones only). */
bool ids_has_word(const char *text);

/* ---- panels ----------------------------------------------------------------------------- */

void toolbar_update(App *app);
/* Open the scenario panel at list `list` ("requests", "requirements", "events", "hints"),
 * item k (-1: the list's heading) and field (NULL: the item), bringing it into view. */
void scenario_panel_goto(App *app, const char *list, int k, const char *field);
/* Add a request type, requirement or event with usual values, open it in the panel and
 * focus its first field (one undoable step). */
void scenario_panel_add(App *app, const char *list);
/* A requirement metric's unit as the panel shows it ("ms", "%", "rps", "USD"). */
const char *scenario_metric_unit(Metric k);
void palette_update(App *app);
void inspector_update(App *app);
void statusbar_update(App *app);

/* ---- dialogs.c / filedialog.c --------------------------------------------------------- */

void dialogs_update(App *app);
/* Open the keyboard-and-mouse help (F1, ?, the status bar's "F1 shortcuts"), scrolled to its top. */
void help_open(App *app);
/* Ask before an edit that takes more with it than the user asked for (what `text` says):
 * on yes, `after` replaces the model as one step named `label`. Takes `after`. */
void app_confirm_edit(App *app, const char *title, const char *text, Model *after, const char *label);
/* Ask before a run of more work than the CLI starts without --force: "Run anyway". */
void app_confirm_run(App *app, const char *title, const char *text);
/* Dim the window and draw an empty modal card of w x h in the middle (on the modal
 * layer); returns its rect. End the card with dialog_end_card. */
Rect dialog_card(App *app, float w, float h);
void dialog_end_card(App *app);
/* Wrapped text; returns the height used. Draws only when `draw`. */
float dialog_wrap(App *app, FontId f, float size, float x, float y, float w, const char *s, Color c, bool draw);
void dialog_show_diags(App *app, const char *title, const DiagList *d);
void filedialog_open(App *app, FileMode mode);
/* The file name the dialog proposes for `mode` (Open and Compare: none): Save As the file's
 * own name; an export or a recording the file's name, else the one a starter's copy
 * suggests, else the title's ("URL shortener" gives url-shortener.png), else "diagram",
 * with .json, .png or -run.gif. */
void filedialog_proposed_name(const App *app, FileMode mode, char *out, size_t cap);
void filedialog_update(App *app);
void filedialog_refresh(App *app);

/* ---- document.c: files, autosave, recovery --------------------------------------------- */

/* Open a file. One that reads but whose design has problems (a client with no edge
 * yet, a dangling edge) opens with them marked, to be fixed; one that does not read
 * leaves the model untouched and shows the messages. */
bool doc_open(App *app, const char *path);
/* The file name of `path` without its folders ("untitled" for NULL). */
const char *doc_base_name(const char *path);
/* Save to app->path (Save As when untitled). */
bool doc_save(App *app);
bool doc_save_as(App *app, const char *path);
void doc_new(App *app);
/* New asked for: a board with one client sending 1,000 reads/s (preset -1), or a blank
 * board for preset `preset`: its scenario with only its clients (both untitled). */
void doc_new_board(App *app, int preset);
Model *doc_starter_model(void);
Model *doc_blank_exercise(const Model *preset);
/* Run an action that would lose unsaved changes: asks first when dirty. */
void doc_guard(App *app, PendingAction action, const char *path);
void doc_run_pending(App *app);
/* This instance's recovery file in the folder of `base_path` (".../recovery.json"; NULL:
 * no autosave): "<stem>-<pid>-<n>.json", locked for as long as the instance lives. */
void recovery_init(App *app, const char *base_path);
void recovery_free(App *app);
/* The recovery file being offered (a gone instance's), NULL when none. */
const char *recovery_offered(const App *app);
/* What the offered file holds, in the app's language, for the dialog. */
const char *recovery_offered_about(const App *app);
/* True when the offered work is on the document at `path` (as it was opened). */
bool recovery_offered_for(const App *app, const char *path);
/* Delete the offered file (only it: never a live instance's). */
void recovery_discard(App *app);
/* Offer the next gone instance's file, if any (after a discard). */
void recovery_next(App *app);
/* The board becomes recovered work `m`, unsaved, belonging to `path` (NULL: untitled). */
void doc_adopt_recovered(App *app, Model *m, const char *path);
/* Write the recovery file now when the model changed since the last autosave. */
bool doc_autosave(App *app);
void doc_autosave_tick(App *app);
/* Remove this instance's recovery file (clean quit, after a save). */
void doc_remove_recovery(App *app);
/* At start: offer recovery when a gone instance left a recovery file. */
void doc_check_recovery(App *app);
/* Load the offered recovery file into the editor; it becomes this instance's. */
bool doc_recover(App *app);
char *doc_default_recovery_path(void);
/* Where an untitled diagram is saved first: XDG_DOCUMENTS_DIR, else ~/Documents, else
 * home (caller frees). */
char *doc_user_folder(void);
/* mkdir -p of the directory holding `path`. */
void doc_make_parent_dirs(const char *path);

/* Find the preset scenarios folder and list its diagrams (title and path). */
void doc_find_scenarios(App *app);
/* Open preset i's starter (or, with `reference`, its reference design) as a new,
 * untitled diagram: saving asks where, so the presets stay as shipped. */
bool doc_open_preset(App *app, int i, bool reference);

/* ---- settings.c: the user's preferences ($XDG_CONFIG_HOME/archsim/settings.json) -------- */

/* Read the settings (missing or bad file: defaults, with a status message when bad). */
void settings_load(App *app);
/* Write them atomically; false with a status message on failure. */
bool settings_save(App *app);
#define SETTINGS_RECENT_MAX 8
/* Put a file at the top of the recent files (kept in the settings). */
void settings_add_recent(App *app, const char *path);
/* Set the language of prompts and hints ("en", "ru", "uk") and remember it. */
void settings_set_lang(App *app, const char *lang);
/* $XDG_CONFIG_HOME/archsim/settings.json, else ~/.config/archsim/settings.json (caller frees). */
char *settings_default_path(void);
/* A base folder of the XDG Base Directory spec: $var ("XDG_CONFIG_HOME") when it is an
 * absolute path (the spec ignores a relative one), else $HOME/home_rel (".config");
 * NULL without either. Caller frees. */
char *settings_user_dir(const char *var, const char *home_rel);

/* ---- practice.c: the scenario browser and the Requirements tab -------------------------- */

void browser_open(App *app);
void browser_modal(App *app);
void spoiler_modal(App *app);
/* The Requirements tab of the drawer. */
void grade_tab(App *app, Rect body);
/* The grade of the shown results (NULL without results); cached. A first grade that
 * passes a preset's scenario is remembered (settings: "passed"). */
const Grade *practice_grade(App *app);
/* The remembered pass of the preset with this file name, NULL = not passed yet. */
const struct PassedPreset *practice_passed(const App *app, const char *file_name);
/* One line on how the practice went: requirements passing (last run) and estimates made
 * and their verdicts ("" when the diagram has neither). */
void practice_outcome(App *app, char *out, size_t cap);
/* A small EN / RU / UK switch at (x, y) (ids from `id`); returns its width. */
float lang_switch(App *app, const char *id, float x, float y);
/* A scenario's text as people read it: wrapped, without its source markers ("[D]",
 * "[PRIMER-AWS, E]"); under it, when it had some, a "Sources: D, E" line that a click
 * opens into what each key stands for (sim/sources.h). Returns the height used. */
float sources_text(App *app, const char *id, FontId f, float size, float x, float y, float w, const char *text,
                   Color c);
/* The requirement rows (verdict, measured value; with `detail` the limit and margin)
 * from y down to at most `bottom`; the cost row is live. Returns the y after them. */
float requirement_rows(App *app, float x, float y, float w, float bottom, bool detail);
/* A requirement's value in its unit ("63 ms", "0.02%", "$6.4k / month"). */
void fmt_metric(Metric k, double v, char *out, size_t cap);
/* Open the drawer on a tab (works without results for Requirements and Estimates). */
void drawer_show(App *app, DrawerTab tab);

/* ---- import_review.c: the review of an import ---------------------------------------------- */

/* Show what an import guessed, defaulted and did not keep (the notes are taken from r,
 * its model is left), with the design problems in `problems` (copied). */
void import_review_show(App *app, ImportResult *r, const DiagList *problems, const char *path);
void import_review_modal(App *app);
void import_review_free(App *app);

/* ---- export_png.c -------------------------------------------------------------------------- */

/* Size in pixels the export of `m` will have at `scale`. */
void export_png_size(const Model *m, float scale, int *w, int *h);
/* Draw the whole diagram into a PNG at `scale` (1 = one pixel per board unit). Works
 * without a window. False with the reason in `err` on failure. */
bool export_png(const Model *m, const char *font_path, const char *png_path, float scale,
                char *err, size_t err_cap);
/* `archsim --export-png` / `--export-svg`: load `file` (any format import.h reads;
 * messages on stderr when it is invalid), export, print the size. Returns the process
 * exit code. */
int export_picture_cli(const char *file, const char *png_path, float scale, const char *font_flag, bool svg);
/* The run overlay of the board for an export (NULL: the plain diagram). */
typedef struct ExportLook {
    const Color *node_fill, *node_border;
    const float *edge_w;
    const uint8_t *node_dashed;
} ExportLook;
/* An animated GIF of run `res` of `m` (the model that ran): the board from 0 to `seconds`
 * of simulated time (at most the run's), 5 frames a second, nodes coloured by their
 * utilisation in each second, requests moving along the edges, a time stamp. `progress`
 * (may be NULL) gets the fraction done. False with the reason in `err`. */
/* A GIF frame's time stamp at simulated time t: "t = 16.0 s of 35 s simulated", of all the
 * run simulated (the GIF may show only its first part), "(warm-up)" before it ends. */
void export_gif_stamp(const Results *res, double t, char *out, size_t cap);
bool export_gif(const Model *m, const Results *res, const char *font_path, const char *path, double seconds,
                float scale, void (*progress)(void *ctx, double frac), void *ctx, char *err, size_t err_cap);
/* `archsim --export-gif OUT.gif FILE [--seconds N]`: run FILE for N simulated seconds
 * (default 10; no warm-up), then export_gif. The process exit code. */
int export_gif_cli(const char *file, const char *gif_path, double seconds, float scale, const char *font_flag);
/* The board as the window shows it after a run (node colours, badges, the bottleneck
 * and its callout), framed on the whole diagram: PNG or SVG. Without a run, the plain
 * diagram (export_picture). */
bool export_board(App *app, const char *path, float scale, bool svg, char *err, size_t err_cap);
/* The whole diagram as a PNG (with its diagram in an iTXt chunk) or, `svg`, as an SVG
 * drawn by the same code primitive for primitive, text as text. */
bool export_picture(const Model *m, const ExportLook *look, const char *font_path, const char *path, float scale,
                    bool svg, char *err, size_t err_cap);
/* A diagram file in any format archsim reads (import.h), for the headless exports:
 * messages on stderr, NULL when it cannot be read or has errors. */
Model *export_load(const char *file);

/* ---- run.c: simulations on a worker thread -------------------------------------------- */

/* Start a run of a snapshot of the model (F5). False with a status message when the
 * design has errors or a run is already going. */
bool run_start(App *app);
/* run_start, and with `anyway` false a run whose work (analytic_work) would take more
 * than ANALYTIC_WORK_CEILING_S on this machine, or has no bound, asks first ("Run
 * anyway"); a run of more than a minute says how long in the status bar. */
bool run_start_ex(App *app, bool anyway);
/* Ask the running simulation to stop; the board keeps the previous results. */
void run_cancel(App *app);
/* Each frame: take progress and, when finished, the results from the worker. */
void run_poll(App *app);
/* Another diagram was opened: cancel a run in progress, forget the results. */
void run_discard(App *app);
/* Cancel, wait for the worker and free every result (app_destroy). */
void run_free(App *app);
bool run_active(const App *app);
/* Refresh the analytic estimate (on every model change) and the board overlay. */
void run_refresh_view(App *app);
/* The shown run's model with each node named as the board names it now (renamed or
 * translated since the run): for what the app says of the run. NULL without a run. */
const Model *run_named_model(App *app);
/* Replications kept in meta.archsim_app.replications (1 when absent). */
int run_replications(const Model *m);
/* The meta JSON of `m` with replications set to `reps` (caller frees). */
char *run_meta_with_replications(const char *meta_json, int reps);
/* Utilisation band colour: < 60% green, 60-85% amber, > 85% red. */
Color run_util_color(double util);
/* The colour of a node backed up by another (its border, dashed, and its badge): a
 * slate, apart from the alarm red of the node it waits on. */
Color run_backed_color(void);

/* ---- meta.c: the app's data in the diagram's meta (under meta.archsim_app) ------------------ */

struct cJSON;
/* A copy of meta.archsim_app.<key> (caller deletes with cJSON_Delete), or NULL. */
struct cJSON *meta_app_get(const char *meta_json, const char *key);
/* `meta_json` with meta.archsim_app.<key> set to a copy of `value` (NULL removes it), other
 * keys kept; empty objects are dropped, NULL when nothing is left. Caller frees. */
char *meta_app_set(const char *meta_json, const char *key, const struct cJSON *value);

/* ---- context_menu.c: the right-click menu ------------------------------------------------ */

/* Open the menu at a window point for node `node`, edge `edge` (both -1: the board at
 * board point (bx, by)). */
void ctx_menu_open(App *app, float sx, float sy, int node, int edge, double bx, double by);
/* Declare the open menu (popup layer) and run what is picked. */
void ctx_menu_update(App *app);

/* ---- paths.c: where each request type goes --------------------------------------------- */

/* Recompute the path of app->path_type (visits and calls per request from the flow
 * equations) when the model changed; false when no path is shown. */
bool paths_refresh(App *app);
/* The "Show path of" control over the board's top-left corner. */
void paths_control(App *app);

/* ---- find.c: Find a node (Ctrl+F) ----------------------------------------------------- */

/* Open the search field over the board, focused and empty. */
void find_open(App *app);
/* Each frame, after paths_control: the field, the matching nodes, a pick. */
void find_update(App *app);
/* Where that control is (and the note under it while a path is shown): what the
 * overlay's callout keeps clear of. Returns how many rects (0: no control). */
int paths_control_rects(const App *app, Rect out[2]);
/* Per-request figures on the path's edges (after the board is drawn). */
void paths_draw(App *app);
/* Show the path of request type t (-1: none). */
void paths_show(App *app, int t);
/* The predicted rate of each request type at node i (edge: along edge i) and its visits
 * (calls) per request: "redirect 20k rps (×1 per request) · shorten 200 rps (×1 per
 * request)"; returns the length, 0 when no type reaches it. */
size_t paths_type_split(const App *app, int i, bool edge, char *out, size_t cap);

/* ---- overlay.c / drawer.c: results on the board and in the drawer ---------------------- */

/* Badges, drop marks and the bottleneck over the canvas. */
void overlay_draw(App *app);
/* The shown results' bottleneck sentence in app->lang (NULL: no results or no sentence),
 * kept until the results or the language change; the app owns it. */
const char *overlay_bottleneck_why(App *app);
/* The scenario's events on node i as shown above it ("3 fail 15–30 s · slow ×4 15–25 s",
 * after a run "· 1.2k failed"); returns the length, 0 = none. */
size_t overlay_event_text(const App *app, int i, char *out, size_t cap);
/* Request dots along the edges of a scene (under the nodes and labels). */
void overlay_draw_dots(Render *r, const Scene *s);
/* What the board says about node i's capacity, one or two sentences into out (""
 * when nothing): over capacity in its own right and why (slots, or async io's
 * in-flight limit explained), backed up by which node, near capacity. `measured`: from
 * the last run (the node must be in it), else from the analytic estimate. */
typedef enum CapacityNote { NOTE_NONE, NOTE_NEAR, NOTE_BACKED, NOTE_OVER } CapacityNote;
CapacityNote overlay_capacity_note(const App *app, int i, bool measured, char *out, size_t cap);
/* Tooltips, drawn last in the frame, above every panel, card and overlay: a node's or
 * an edge's figures, or the full text of a label shortened with an ellipsis. */
void overlay_draw_tooltips(App *app);
/* Text shortened with an ellipsis to fit (ui_text_fit, ui_text_in), whose full text
 * shows in a tooltip while the mouse is over it. */
void overlay_text_fit(App *app, FontId f, float size, float x, float y, const char *s, float max_w, Color c);
void overlay_text_in(App *app, FontId f, float size, Rect rc, int align, const char *s, Color c);
/* Show `full` in a tooltip while the mouse is over `rc` (this pass). */
void overlay_fit_tip(App *app, Rect rc, const char *full);
/* The results drawer under the canvas (tables, charts, trace). */
void drawer_update(App *app);
void run_settings_open(App *app);
void run_settings_modal(App *app);

/* ---- testing.c: synthesized input for tests and benchmarks ------------------------------ */

void app_test_mouse_move(App *app, float x, float y);
void app_test_mouse_down(App *app, float x, float y, int button, int clicks);
void app_test_mouse_up(App *app, float x, float y, int button);
void app_test_click(App *app, float x, float y);
void app_test_double_click(App *app, float x, float y);
/* Press at (x0, y0), move in `steps` steps to (x1, y1), release; a frame per event. */
void app_test_drag(App *app, float x0, float y0, float x1, float y1, int steps, int button);
void app_test_key(App *app, SDL_Keycode sym, uint16_t mod);
void app_test_key_down(App *app, SDL_Keycode sym, uint16_t mod);
void app_test_key_up(App *app, SDL_Keycode sym, uint16_t mod);
void app_test_text(App *app, const char *utf8);
void app_test_wheel(App *app, float x, float y, float dy);
/* The screen centre of node i / the rect of an inspector field by key. */
Vec2 app_test_node_center(App *app, int i);
/* Rest the mouse on node i long enough for its tooltip, and draw a frame. */
void app_test_hover_node(App *app, int i);
bool app_test_field_rect(App *app, const char *key, Rect *out);
Vec2 app_test_node_handle(App *app, int i);
/* Click the middle of the clickable widget `name` (ui_id) or `name`+n (ui_idn, n >= 0)
 * as declared in the last frame; false when it was not on screen. */
bool app_test_click_widget(App *app, const char *name, int n);
/* True when the last frame drew a text containing `needle` (any layer). */
bool app_test_text_drawn(const App *app, const char *needle);
/* True when the last frame drew exactly this text as one piece (a field's value, a label). */
bool app_test_text_exact(const App *app, const char *text);
/* Keep every text the frames draw (board, overlay, panels, tooltips), from the next
 * frame on; app_test_drawn_text(app, i) is the i-th of the last frame, NULL past the end. */
void app_test_log_texts(App *app, bool on);
const char *app_test_drawn_text(const App *app, int i);
/* The same with the part of its box that is drawn (inside the clip), in window points. */
const char *app_test_drawn_text_at(const App *app, int i, Rect *where);
/* ... and the colour it was drawn in. */
const char *app_test_drawn_text_color(const App *app, int i, Rect *where, Color *c);

#endif
