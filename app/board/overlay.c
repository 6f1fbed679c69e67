/*
 * overlay.c - what a run (or, before any run, the analytic estimate) adds to the board:
 * a badge per node (utilisation and throughput, or the predicted utilisation), a mark
 * on nodes that dropped requests, the bottleneck outlined with its one-sentence why (in
 * the app's language, kept per run), request dots moving along the edges at a rate
 * that follows their traffic, and the tooltips with the figures.
 *
 * The words agree with the numbers: a node whose own slots cannot keep up is "over
 * capacity" (alarm red); one that is full only because it waits on such a node is
 * "backed up by" it (slate, dashed), and says by whom. Every number goes through
 * numfmt.h. Zoomed out, badges fold to their essential figure. The bottleneck callout
 * is placed where it covers no node, badge, tag or drop mark drawn this frame (and
 * never the bottleneck's own badge), shrinking to its headline when nothing is free.
 * Tooltips are drawn last, above every panel and card (overlay_draw_tooltips).
 * Node and edge colours come from RunView (run.c) through the Scene.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "sim/tr.h"
#include "sim/requirements.h"
#include "sim/scenario_edit.h"
#include "sim/util.h"

static const Color BADGE_DARK = {17, 24, 39, 255};

/* Below this zoom badges fold to their essential figure at a fixed readable size. */
#define FOLD_ZOOM 0.6f
#define FOLDED_FONT 10.0f
#define MAX_PLACED 4096

/* Wrapped text in screen space; returns the height used (draws only when `draw`). */
typedef struct WrapAt {
    Render *r;
    FontId f;
    float size, x, y, lh;
    Color c;
} WrapAt;

static void wrap_line(void *ctx, int line, const char *text)
{
    WrapAt *w = ctx;
    render_text(w->r, w->f, w->size, roundf(w->x), roundf(w->y + w->lh * (float)line), text, w->c);
}

/* Wrapped text drawn straight into the frame; returns the height used. */
static float wrap_text(Render *r, FontId f, float size, float x, float y, float w, const char *s, Color c,
                       bool draw)
{
    WrapAt at = {r, f, size, x, y, render_line_height(r, f, size), c};
    return at.lh * (float)render_wrap(r, f, size, w, s, draw ? wrap_line : NULL, &at);
}

/* The rect of a pill whose right end is at `right`, centred on `cy`. */
static Rect pill_rect(Render *r, float right, float cy, const char *text, float size)
{
    float tw = render_text_width(r, FONT_BOLD, size, text);
    float h = render_line_height(r, FONT_BOLD, size) + 6;
    return rect_make(right - tw - 16, cy - h / 2, tw + 16, h);
}

static void pill_at(Render *r, Rect b, const char *text, float size, Color bg, Color fg, Color line)
{
    float h = b.h;
    render_round_rect(r, b, h / 2, bg);
    if (line.a) render_round_rect_line(r, b, h / 2, 1, line);
    render_text(r, FONT_BOLD, size, roundf(b.x + 8), roundf(b.y + 3), text, fg);
}

/* The node index in the current model of the run's bottleneck; with none, of the node
 * full for a while (NodeView.full_at_times, worked out once per run: a failure or a surge
 * the averages hide); -1 for neither. */
static int bottleneck_node(const App *app)
{
    if (!app->res) return -1;
    int bn = app->res->mean->bottleneck;
    for (int i = 0; i < app->model->n_nodes; i++)
        if (bn >= 0 ? app->view.nodes[i].res == bn : app->view.nodes[i].full_at_times) return i;
    return -1;
}

const char *overlay_bottleneck_why(App *app)
{
    if (!app->res || !app->res_model || !app->res->mean->bottleneck_why) return NULL;
    if (app->bn_lang[0] == 0 || app->bn_serial != app->res_serial || app->bn_version != app->version ||
        strcmp(app->bn_lang, app->lang) != 0) {
        free(app->bn_why);
        app->bn_why = bottleneck_why_named(run_named_model(app), app->res->mean, app->lang, NAMING_LABEL);
        app->bn_serial = app->res_serial;
        app->bn_version = app->version;
        snprintf(app->bn_lang, sizeof app->bn_lang, "%s", app->lang);
    }
    return app->bn_why;
}

/* A node as the board names it, cut to `max` characters with an ellipsis. */
static const char *short_name(const Node *n, size_t max, char *out, size_t cap)
{
    node_name(n, NAMING_LABEL, out, cap);
    size_t chars = 0, k = 0;
    for (; out[k]; k++) {
        if (((unsigned char)out[k] & 0xC0) != 0x80 && chars++ == max) break;
    }
    if (out[k] && k + 4 < cap) memcpy(out + k, "\xE2\x80\xA6", 4); /* … */
    return out;
}

/* ---- what the board says about a node's capacity ------------------------------------------ */

/* True when node n calls another synchronously (so blocking io holds its slots waiting). */
static bool calls_sync(const Model *m, const Node *n)
{
    for (int k = 0; k < m->n_edges; k++)
        if (m->edges[k].mode == EDGE_SYNC && m->edges[k].from && n->id && strcmp(m->edges[k].from, n->id) == 0)
            return true;
    return false;
}

/* Whether the last run found node i a database with a part full (95% busy or more) that
 * its whole utilisation hides, that part's share into pct: `part` is node_replicas_full
 * (read replicas beside idle primaries: the whole 51%) or node_server_full (one server
 * alone, a hot shard: the whole 36%). */
/* Node i's row in the last run's results, or -1 when the run did not measure it. */
static int measured_row(const App *app, int i)
{
    const NodeView *v = app->view.nodes && i < app->model->n_nodes ? &app->view.nodes[i] : NULL;
    return v && v->measured && app->res && app->res_model ? v->res : -1;
}

static bool part_full(const App *app, int i, double (*part)(const Model *, const Results *, int), char *pct,
                      size_t cap)
{
    int row = measured_row(app, i);
    if (row < 0) return false;
    double u = part(app->res_model, app->res->mean, row);
    if (u < 0) return false;
    numfmt_percent(u, pct, cap);
    return true;
}

static bool replicas_full(const App *app, int i, char *pct, size_t cap)
{
    return part_full(app, i, node_replicas_full, pct, cap);
}

static bool server_full(const App *app, int i, char *pct, size_t cap)
{
    return part_full(app, i, node_server_full, pct, cap);
}

/* Whether the last run found node i a consumer capped by its queue's partitions: the slots
 * they let it use, and all its slots (its badge's figure is of the usable ones). */
static bool usable_slots(const App *app, int i, int *usable, int *slots)
{
    int row = measured_row(app, i);
    return row >= 0 && node_usable_share(app->res_model, app->res->mean, row, NULL, usable, slots);
}

CapacityNote overlay_capacity_note(const App *app, int i, bool measured, char *out, size_t cap)
{
    const Model *m = app->model;
    out[0] = 0;
    if (i < 0 || i >= m->n_nodes || m->nodes[i].kind == NODE_CLIENT) return NOTE_NONE;
    const Node *n = &m->nodes[i];
    char who[160], pct[NUMFMT_CAP], x[NUMFMT_CAP], y[NUMFMT_CAP];
    bool async = n->io == IO_ASYNC;
    if (!measured) {
        if (!app->est_valid || i >= app->est.n_nodes) return NOTE_NONE;
        const NodeEstimate *e = &app->est.nodes[i];
        if (e->backed_up_by >= 0 && e->backed_up_by < m->n_nodes) {
            node_name(&m->nodes[e->backed_up_by], NAMING_LABEL, who, sizeof who);
            if (async)
                snprintf(out, cap,
                         _("Backed up by %s: its own work needs %s of its slots, but it waits on %s, which is over "
                         "capacity, so its in-flight limit fills up (async io: at most max_inflight = %d requests "
                         "in progress per instance). Give %s room; this node is not the problem."),
                         who, numfmt_percent(e->own_utilisation, pct, sizeof pct), who, n->max_inflight, who);
            else
                snprintf(out, cap,
                         _("Backed up by %s: every worker is held waiting on %s, which is over capacity (blocking "
                         "io keeps the worker until the answer comes). Give %s room, or switch to async io."),
                         who, who, who);
            return NOTE_BACKED;
        }
        if (e->over_capacity) {
            if (!(e->arrival_rps < ESTIMATE_UNBOUNDED_RPS)) /* no figure to give: "1000T requests/s" */
                snprintf(out, cap, "%s",
                         _("Over capacity: an async cycle through it sends its traffic round again each lap, so its "
                           "load has no bound. Lower a probability or fan-out on the cycle below 1, or give a node on "
                           "it a rate limit."));
            else if (!isfinite(e->utilisation) && e->servers <= 0)
                snprintf(out, cap, _("Over capacity: it has no slots (instances \xC3\x97 workers) for its %s requests/s."),
                         numfmt_count(e->arrival_rps, x, sizeof x));
            else if (e->utilisation < 1 && e->inflight_limit > 0)
                snprintf(out, cap,
                         _("Over capacity: async io allows at most max_inflight = %d requests in progress per "
                         "instance (%s in all); this load keeps %s in flight. Raise max_inflight or add instances."),
                         n->max_inflight, numfmt_grouped(e->inflight_limit, ",", x, sizeof x),
                         isfinite(e->inflight) ? numfmt_count(e->inflight, y, sizeof y) : _("more than that"));
            else if (e->capped_by >= 0 && e->capped_by < m->n_nodes && n->instances > 0 && n->workers > 0) {
                /* a consumer of partitions: the estimate's figure is of the slots they let
                 * it use, not of all its slots, of which a run finds few busy */
                const Node *q = &m->nodes[e->capped_by];
                long all = (long)n->instances * n->workers;
                char most[NUMFMT_CAP];
                node_name(q, NAMING_LABEL, who, sizeof who);
                snprintf(out, cap,
                         _("Over capacity: the %d partitions of %s let it use %d of its %ld slots (one message per "
                           "partition at a time: at most %s of them busy), and %s requests/s need %s of those %d%s."),
                         q->partitions, who, q->partitions, all, numfmt_percent((double)q->partitions / (double)all, most, sizeof most),
                         numfmt_count(e->arrival_rps, x, sizeof x), estimate_util_text(e, pct, sizeof pct), q->partitions,
                         n->io == IO_BLOCKING && calls_sync(m, n) ? _(", each held for its downstream calls too") : "");
            } else
                snprintf(out, cap, _("Over capacity: %s requests/s need %s of its %s%s."),
                         numfmt_count(e->arrival_rps, x, sizeof x), estimate_util_text(e, pct, sizeof pct),
                         n->kind == NODE_DATABASE ? _("connections (the busiest server's pool)")
                                                  : _("slots (instances \xC3\x97 workers)"),
                         n->io == IO_BLOCKING && calls_sync(m, n) ? _(", each held for its downstream calls too") : "");
            if (e->served_rps < e->admitted_rps * (1 - 1e-9)) { /* what passes below it */
                size_t used = strlen(out);
                const Node *at = e->turned_away_at >= 0 && e->turned_away_at < m->n_nodes ? &m->nodes[e->turned_away_at] : NULL;
                if (at && at->kind == NODE_QUEUE) { /* a consumer's: the backlog it pulls from fills */
                    char depth[NUMFMT_CAP];
                    node_name(at, NAMING_LABEL, who, sizeof who);
                    snprintf(out + used, cap > used ? cap - used : 0,
                             _(" It serves about %s requests/s; the rest wait in %s's backlog, which turns messages away "
                               "once it holds %s."),
                             numfmt_count(estimate_done_rps(e), y, sizeof y), who,
                             numfmt_grouped(at->max_depth, numfmt_thousands(tr_lang()), depth, sizeof depth));
                } else if (at) { /* its callers' queue fills */
                    node_name(at, NAMING_LABEL, who, sizeof who);
                    snprintf(out + used, cap > used ? cap - used : 0,
                             _(" It serves about %s requests/s; the rest are turned away at %s, whose queue fills first "
                               "(it holds fewer requests at a time than this node's queue_max)."),
                             numfmt_count(estimate_done_rps(e), y, sizeof y), who);
                } else {
                    snprintf(out + used, cap > used ? cap - used : 0,
                             _(" It serves about %s requests/s and turns the rest away; the nodes below it get only those."),
                             numfmt_count(estimate_done_rps(e), y, sizeof y));
                }
            }
            return NOTE_OVER;
        }
        if (e->near_capacity && e->queue_full && n->queue_max > 0) {
            snprintf(out, cap,
                     _("Near capacity (%s), and its queue of %s is full: the requests past it are rejected, and "
                       "those it keeps wait about %s."),
                     numfmt_percent(e->utilisation, pct, sizeof pct),
                     numfmt_grouped(n->queue_max, numfmt_thousands(tr_lang()), x, sizeof x),
                     numfmt_ms_in(e->wait_ms, tr_lang(), y, sizeof y));
            return NOTE_NEAR;
        }
        if (estimate_wait_held_below(e) && e->held_at < m->n_nodes && e->held_at < app->est.n_nodes) {
            /* its wait is the queue below spilling over: more threads would not shorten it */
            char busy[NUMFMT_CAP];
            node_name(&m->nodes[e->held_at], NAMING_LABEL, who, sizeof who);
            estimate_util_text(&app->est.nodes[e->held_at], busy, sizeof busy);
            numfmt_ms_in(e->overflow_wait_ms, tr_lang(), x, sizeof x);
            if (e->near_capacity)
                snprintf(out, cap,
                         _("Near capacity (%s): its threads are held waiting on %s (%s busy), at times every one, and "
                           "then requests wait here instead of in %s's queue: about %s of its wait. More threads or "
                           "async io would move that wait back to %s, not shorten it; give %s room."),
                         numfmt_percent(e->utilisation, pct, sizeof pct), who, busy, who, x, who, who);
            else
                snprintf(out, cap,
                         _("Its threads are held waiting on %s (%s busy), at times every one, and then requests wait "
                           "here instead of in %s's queue: about %s of its wait. More threads or async io would move "
                           "that wait back to %s, not shorten it; give %s room."),
                         who, busy, who, x, who, who);
            if (e->blocked_rps > 0) { /* head-of-line blocking */
                size_t used = strlen(out);
                snprintf(out + used, cap > used ? cap - used : 0,
                         _(" Its %s requests/s that never wait on %s wait as long, behind them."),
                         numfmt_count(e->blocked_rps, y, sizeof y), who);
            }
            return NOTE_NEAR;
        }
        if (estimate_wait_in_bursts(e) && e->burst_from < m->n_nodes) {
            /* copies of one request's fan-out waiting for one another */
            char all[NUMFMT_CAP], p99[NUMFMT_CAP];
            node_name(&m->nodes[e->burst_from], NAMING_LABEL, who, sizeof who);
            snprintf(out, cap,
                     _("%sIts requests come in bursts: %s sends a fan-out's copies at once (%s on average), and those "
                       "past its free slots wait for one another: about %s of its %s wait (p99 %s). More slots shorten "
                       "it; so do batches (the edge's Batch field), or calls one after another."),
                     e->near_capacity ? _("Near capacity. ") : "", who, numfmt_count(e->burst_copies, x, sizeof x),
                     numfmt_ms_in(e->burst_wait_ms, tr_lang(), y, sizeof y), numfmt_ms_in(e->wait_ms, tr_lang(), all, sizeof all),
                     isfinite(e->wait_p99_ms) ? numfmt_ms_in(e->wait_p99_ms, tr_lang(), p99, sizeof p99) : "\xE2\x80\x94");
            return NOTE_NEAR;
        }
        if (e->near_capacity) {
            snprintf(out, cap, _("Near capacity (%s): queues and tails grow fast above 85%%."),
                     numfmt_percent(e->utilisation, pct, sizeof pct));
            return NOTE_NEAR;
        }
        return NOTE_NONE;
    }
    const NodeView *v = app->view.nodes ? &app->view.nodes[i] : NULL;
    if (!v || !v->measured || !app->res) return NOTE_NONE;
    const double *f = app->res->mean->nodes[v->res];
    const FullAtTimes w = app->view.full; /* worked out with the view, once per run */
    if (v->backed_up_by >= 0 && v->backed_up_by < m->n_nodes && !v->over) {
        node_name(&m->nodes[v->backed_up_by], NAMING_LABEL, who, sizeof who);
        char z[NUMFMT_CAP];
        if (v->held_at_times)
            snprintf(out, cap,
                     _("Backed up at times by %s: its slots were held waiting on %s while that was full (between %s and "
                       "%s s), and requests waited up to %s (p99) for a slot here, though %s busy over the run. More "
                       "room here would not help: give %s room for those seconds."),
                     who, who, numfmt_decimal(w.from_s, 6, y, sizeof y), numfmt_decimal(w.to_s, 6, x, sizeof x),
                     numfmt_ms_in(w.held_wait_p99_ms, tr_lang(), z, sizeof z),
                     numfmt_percent(f[NF_UTILISATION], pct, sizeof pct), who);
        else if (f[NF_REJECTED] > 0)
            snprintf(out, cap,
                     _("Backed up by %s: it turned away %s of its requests with its own slots %s busy, waiting on %s, "
                     "which is over capacity. Fix %s."),
                     who, numfmt_percent_fine(f[NF_REJECTED] / fmax(1, f[NF_ARRIVALS]), x, sizeof x),
                     numfmt_percent(f[NF_UTILISATION], pct, sizeof pct), who, who);
        else
            snprintf(out, cap, _("Backed up by %s: its slots were %s busy, held waiting on %s, which is over capacity. "
                     "Fix %s."), who, numfmt_percent(f[NF_UTILISATION], pct, sizeof pct), who, who);
        return NOTE_BACKED;
    }
    if (v->full_at_times) {
        char a[NUMFMT_CAP], b[NUMFMT_CAP], c[NUMFMT_CAP], d[NUMFMT_CAP];
        snprintf(out, cap,
                 w.by_server ? _("Full at times: its busiest server was 95%% busy or more for %s of the %s measured "
                                 "(between %s and %s s), though the whole was %s busy over the run; requests waited up "
                                 "to %s (p99) for a slot.")
                             : _("Full at times: 95%% busy or more for %s of the %s measured (between %s and %s s), "
                                 "though %s busy over the run; requests waited up to %s (p99) for a slot."),
                 numfmt_ms_in(w.full_s * 1000, tr_lang(), a, sizeof a), numfmt_ms_in(w.measured_s * 1000, tr_lang(), b, sizeof b),
                 numfmt_decimal(w.from_s, 6, c, sizeof c), numfmt_decimal(w.to_s, 6, d, sizeof d),
                 numfmt_percent(f[NF_UTILISATION], pct, sizeof pct), numfmt_ms_in(w.wait_p99_ms, tr_lang(), x, sizeof x));
        return NOTE_OVER;
    }
    if (v->over) {
        const Model *rm = app->res_model;
        int capper, parts = 0;
        double inflight_s = rm ? node_inflight_full_s(rm, app->res->mean, v->res) : -1;
        if (inflight_s > 0 && f[NF_UTILISATION] < 0.95) {
            /* its requests waited for an in-flight place, its slots free: what held them */
            char lim[NUMFMT_CAP], full[NUMFMT_CAP], all[NUMFMT_CAP];
            numfmt_grouped((double)node_inflight_limit(&rm->nodes[v->res]), numfmt_thousands(tr_lang()), lim, sizeof lim);
            numfmt_ms_in(inflight_s * 1000, tr_lang(), full, sizeof full);
            numfmt_ms_in(app->res->mean->duration_s * 1000, tr_lang(), all, sizeof all);
            int held_r = node_inflight_held_by(rm, app->res->mean, v->res); /* of the run's model */
            int held = held_r >= 0 ? app_result_node(app, app->res->mean->node_ids[held_r]) : -1; /* the board's */
            if (held >= 0 && held < m->n_nodes) node_name(&m->nodes[held], NAMING_LABEL, who, sizeof who);
            const char *over = node_over_at_times(rm, app->res->mean, v->res) ? _("Over capacity at times") : _("Over capacity");
            int len = f[NF_REJECTED] > 0
                          ? snprintf(out, cap, _("%s: it turned away %s of its requests though %s busy over the run."), over,
                                     numfmt_percent_fine(f[NF_REJECTED] / fmax(1, f[NF_ARRIVALS]), x, sizeof x),
                                     numfmt_percent(f[NF_UTILISATION], pct, sizeof pct))
                          : snprintf(out, cap, _("%s: its slots were %s busy, yet requests waited %s on average."), over,
                                     numfmt_percent(f[NF_UTILISATION], pct, sizeof pct),
                                     numfmt_ms_in(f[NF_MEAN_WAIT_MS], tr_lang(), x, sizeof x));
            if (len > 0 && (size_t)len < cap)
                len += snprintf(out + len, cap - (size_t)len, _(" Its in-flight limit (%s) was reached for %s of the %s measured"),
                                lim, full, all);
            size_t used = len > 0 && (size_t)len < cap ? (size_t)len : cap - 1;
            if (held >= 0 && held < m->n_nodes && node_full_some_time(rm, app->res->mean, held_r))
                snprintf(out + used, cap - used,
                         _(", its places held by calls waiting on %s, which was full at times: give %s room, or send it "
                           "less; a higher max_inflight here would only move the wait there."),
                         who, who);
            else if (held >= 0 && held < m->n_nodes)
                snprintf(out + used, cap - used,
                         _(", its places held by calls waiting on %s: raise max_inflight (or add instances) so that more "
                           "calls can wait at once, or shorten that wait."),
                         who);
            else
                snprintf(out + used, cap - used, _(": raise max_inflight or add instances."));
        } else if (f[NF_REJECTED] > 0 && app->res_model && node_over_at_times(app->res_model, app->res->mean, v->res))
            /* as the Nodes tab's "over capacity at times" and the callout's "full at times":
             * its 40% is no contradiction of what it turned away */
            snprintf(out, cap,
                     _("Over capacity at times: it turned away %s of its requests for lack of room while a surge, a "
                       "burst or a failure was on, though %s busy over the run."),
                     numfmt_percent_fine(f[NF_REJECTED] / fmax(1, f[NF_ARRIVALS]), x, sizeof x),
                     numfmt_percent(f[NF_UTILISATION], pct, sizeof pct));
        else if (f[NF_REJECTED] > 0)
            snprintf(out, cap, _("Over capacity: it turned away %s of its requests for lack of room (%s busy)."),
                     numfmt_percent_fine(f[NF_REJECTED] / fmax(1, f[NF_ARRIVALS]), x, sizeof x),
                     numfmt_percent(f[NF_UTILISATION], pct, sizeof pct));
        else if (n->kind == NODE_QUEUE && f[NF_UTILISATION] < 0.95)
            snprintf(out, cap, _("Over capacity: its backlog grew to %s messages; its consumers cannot keep up."),
                     numfmt_count(f[NF_END_BACKLOG], x, sizeof x));
        else if (replicas_full(app, i, y, sizeof y))
            snprintf(out, cap, _("Over capacity: its read replicas were %s busy (the whole %s, its primaries idle); "
                                 "requests waited %s on average."),
                     y, numfmt_percent(f[NF_UTILISATION], pct, sizeof pct), numfmt_ms_in(f[NF_MEAN_WAIT_MS], tr_lang(), x, sizeof x));
        else if (server_full(app, i, y, sizeof y)) {
            /* one server full, the others with room: where the traffic goes is the cure */
            const Node *rn = v->res < app->res_model->n_nodes ? &app->res_model->nodes[v->res] : n;
            int len = snprintf(out, cap, _("Over capacity: its busiest server was %s busy (the whole %s); requests waited %s on average."),
                               y, numfmt_percent(f[NF_UTILISATION], pct, sizeof pct),
                               numfmt_ms_in(f[NF_MEAN_WAIT_MS], tr_lang(), x, sizeof x));
            if (len > 0 && (size_t)len < cap) {
                if (node_hot_shard_heavy(rn))
                    snprintf(out + len, cap - (size_t)len,
                             _(" hot_shard sends %s of all its requests to shard 0, which more shards do not help: spread "
                               "the hot key, cache it, or add read replicas, which share each shard's reads."),
                             numfmt_percent(rn->hot_shard, pct, sizeof pct));
                else
                    snprintf(out + len, cap - (size_t)len, "%s",
                             _(" One server was full while the others had room: spread the traffic evenly, or give "
                               "that server room."));
            }
        } else if (rm && (capper = node_capping_queue(rm, app->res->mean, v->res, &parts)) >= 0) {
            /* its 12% is of all its slots: the ones the partitions let it use were full */
            double share;
            int usable, slots;
            node_usable_share(rm, app->res->mean, v->res, &share, &usable, &slots);
            node_name(&rm->nodes[capper], NAMING_LABEL, who, sizeof who);
            snprintf(out, cap,
                     _("Over capacity: the %d partitions of %s let it use %d of its %d slots (one message per "
                       "partition at a time), and those were %s busy; the other messages waited in %s's backlog. "
                       "More partitions give it room; more slots do not."),
                     parts, who, usable, slots, numfmt_percent(share, pct, sizeof pct), who);
        } else
            snprintf(out, cap, _("Over capacity: its slots were %s busy; requests waited %s on average."),
                     numfmt_percent(f[NF_UTILISATION], pct, sizeof pct), numfmt_ms_in(f[NF_MEAN_WAIT_MS], tr_lang(), x, sizeof x));
        /* its threads held by calls waiting on a node full at times: that node's room */
        int held_r = rm && node_holds_while_waiting(rm, &rm->nodes[v->res])
                         ? node_full_callee_at_times(rm, app->res->mean, v->res, NULL) /* what held its threads */
                         : -1;
        int held = held_r >= 0 ? app_result_node(app, app->res->mean->node_ids[held_r]) : -1;
        if (held >= 0 && held < m->n_nodes) {
            size_t used = strlen(out);
            node_name(&m->nodes[held], NAMING_LABEL, who, sizeof who);
            snprintf(out + used, cap - used,
                     _(" Its threads were held by calls waiting on %s, which was full at times: give %s room for those "
                       "seconds; more threads here would only move the wait there."),
                     who, who);
        }
        return NOTE_OVER;
    }
    return NOTE_NONE;
}

/* The badge of node i: in full, or folded (zoomed out) to its essential figure. */
/* An autoscaled node's instances at the moment its policy asked for the most: " · peak 8 →
 * 16 (booting 8)", serving → desired; "" for other nodes. */
static void scale_text(const App *app, int res_i, char *out, size_t cap)
{
    const Results *r = app->res->mean;
    out[0] = 0;
    if (r->ns_count < NS_COUNT || res_i < 0 || res_i >= r->n_nodes || res_i >= app->res_model->n_nodes ||
        !node_autoscaled(&app->res_model->nodes[res_i]))
        return;
    int best = 0;
    for (int sec = 0; sec < r->n_seconds; sec++)
        if (results_node_series(r, res_i, sec)[NS_DESIRED] > results_node_series(r, res_i, best)[NS_DESIRED])
            best = sec;
    const double *row = results_node_series(r, res_i, best);
    /* "peak": not the instances now, nor on average (the callout's), nor the field's */
    if (row[NS_BOOTING] > 0)
        snprintf(out, cap, " \xC2\xB7 %s %.0f \xE2\x86\x92 %.0f (%s %.0f)", C_("autoscaling", "peak"), row[NS_INSTANCES],
                 row[NS_DESIRED], _("booting"), row[NS_BOOTING]);
    else
        snprintf(out, cap, " \xC2\xB7 %s %.0f \xE2\x86\x92 %.0f", C_("autoscaling", "peak"), row[NS_INSTANCES], row[NS_DESIRED]);
}

static void badge_text(const App *app, int i, bool folded, char *out, size_t cap)
{
    const NodeView *v = &app->view.nodes[i];
    const Node *n = &app->model->nodes[i];
    char rate[NUMFMT_CAP], pct[NUMFMT_CAP], who[96];
    numfmt_count(v->rate_rps, rate, sizeof rate);
    numfmt_percent(v->util, pct, sizeof pct);
    bool backed = v->backed_up_by >= 0 && v->backed_up_by < app->model->n_nodes && !v->over;
    if (backed) short_name(&app->model->nodes[v->backed_up_by], 18, who, sizeof who);
    if (n->kind == NODE_CLIENT) {
        snprintf(out, cap, _("%s rps"), rate);
        return;
    }
    if (!v->measured) {
        const NodeEstimate *e = i < app->est.n_nodes ? &app->est.nodes[i] : NULL;
        if (e) estimate_util_text(e, pct, sizeof pct); /* "≥ 760%" where waiting makes it unbounded */
        /* a database with read replicas: all its slots, as the inspector and a run give it,
         * and the role near or past capacity, which its colour follows */
        bool roles = e && e->replica_utilisation >= 0 && isfinite(e->whole_utilisation);
        bool replicas_hot = roles && e->replica_utilisation >= e->primary_utilisation;
        double hot = roles ? (replicas_hot ? e->replica_utilisation : e->primary_utilisation) : 0;
        /* shards alone: the whole, and the busiest shard where it is near capacity (a hot
         * one), as the inspector's rows */
        bool shards = e && !roles && e->whole_utilisation >= 0 && isfinite(e->utilisation) &&
                      e->utilisation >= ANALYTIC_NEAR_CAPACITY && e->utilisation > e->whole_utilisation + 0.01;
        if (roles || shards) numfmt_percent(e->whole_utilisation, pct, sizeof pct);
        if (!isfinite(v->util) && !(e && estimate_util_floored(e))) snprintf(out, cap, _("over capacity")); /* no slots */
        else if (folded) snprintf(out, cap, _("est %s"), pct);
        else if (roles && !backed && hot >= ANALYTIC_NEAR_CAPACITY) {
            char h[NUMFMT_CAP];
            numfmt_percent(hot, h, sizeof h);
            snprintf(out, cap, replicas_hot ? _("est %s \xC2\xB7 replicas %s") : _("est %s \xC2\xB7 primaries %s"), pct, h);
        } else if (shards && !backed) {
            char h[NUMFMT_CAP];
            snprintf(out, cap, _("est %s \xC2\xB7 one server %s"), pct, numfmt_percent(e->utilisation, h, sizeof h));
        }
        else if (backed) snprintf(out, cap, _("est %s \xC2\xB7 backed up by %s"), pct, who);
        else if (e && e->capped_by >= 0 && e->capped_by < app->model->n_nodes)
            /* its slots are plenty: a queue's partitions let it use only as many */
            snprintf(out, cap, _("est %s \xC2\xB7 %d partitions cap it"), pct, app->model->nodes[e->capped_by].partitions);
        else if (v->over && e && estimate_over_by_places(e)) /* async: its places, not its slots */
            snprintf(out, cap, _("est %s \xC2\xB7 max_inflight too low"), pct);
        else if (v->over) snprintf(out, cap, _("est %s \xC2\xB7 over capacity"), pct);
        else snprintf(out, cap, _("est %s"), pct);
        return;
    }
    const Results *res = app->res->mean;
    const double *f = res->nodes[v->res];
    /* A queue with delivery settings: its consumer groups' worst lag in time. */
    double lag_s = -1;
    for (int g = 0; n->kind == NODE_QUEUE && g < res->n_groups; g++) {
        int k = res->group_edge[g];
        if (k >= 0 && k < app->res_model->n_edges && app->res_model->edges[k].from &&
            strcmp(app->res_model->edges[k].from, n->id) == 0)
            lag_s = fmax(lag_s, res->groups[g][GF_MAX_LAG_S]);
    }
    char lag[NUMFMT_CAP + 16] = "", ms[NUMFMT_CAP];
    if (lag_s >= 0) snprintf(lag, sizeof lag, _(" \xC2\xB7 lag %s"), numfmt_ms_in(1000 * lag_s, tr_lang(), ms, sizeof ms));
    if (n->kind == NODE_QUEUE && f[NF_MEAN_BACKLOG] >= 1) {
        char b[NUMFMT_CAP];
        bool growing = f[NF_END_BACKLOG] > 1.5 * f[NF_MEAN_BACKLOG] && f[NF_END_BACKLOG] > 100;
        /* growing: where it ended, as the callout and the sentence give it ("grew to
         * 13,077"; the mean, 7.14k, read as another figure for the same backlog) */
        numfmt_count(growing ? f[NF_END_BACKLOG] : f[NF_MEAN_BACKLOG], b, sizeof b);
        if (folded) snprintf(out, cap, _("backlog %s%s"), b, growing ? " \xE2\x86\x91" : "");
        else snprintf(out, cap, _("backlog %s%s \xC2\xB7 %s/s%s"), b, growing ? " \xE2\x86\x91" : "", rate, lag);
        return;
    }
    if (folded) {
        snprintf(out, cap, "%s", pct);
    } else if (backed) {
        int len = snprintf(out, cap, _("%s \xC2\xB7 %s rps \xC2\xB7 "), pct, rate);
        if (len > 0 && (size_t)len < cap) /* held only while the node below was full: the Nodes tab's words */
            snprintf(out + len, cap - (size_t)len, v->held_at_times ? _("backed up at times by %s") : _("backed up by %s"), who);
    } else {
        /* The figure that matters most for the kind: a key-model cache's measured hit ratio,
         * a database's stale reads, else the p99. */
        char extra[NUMFMT_CAP + 40] = "", x[NUMFMT_CAP];
        int used, slots;
        bool cache = node_kind_caches(n->kind) && v->res < res->n_nodes &&
                     v->res < app->res_model->n_nodes && node_cache_extended(&app->res_model->nodes[v->res]);
        if (cache && f[NF_READS] > 0)
            snprintf(extra, sizeof extra, _(" \xC2\xB7 hit %s"), numfmt_percent(f[NF_HITS] / f[NF_READS], x, sizeof x));
        else if (server_full(app, i, x, sizeof x)) /* a hot shard: the whole's share hides it */
            snprintf(extra, sizeof extra, _(" \xC2\xB7 one server %s"), x);
        else if (usable_slots(app, i, &used, &slots)) /* its figure is of the slots partitions let it use */
            snprintf(extra, sizeof extra, _(" \xC2\xB7 %d of %d slots usable"), used, slots);
        else if (n->kind == NODE_DATABASE && f[NF_STALE_READ_RATE] >= 0 && f[NF_SESSION_READS] > 0)
            snprintf(extra, sizeof extra, _(" \xC2\xB7 stale %s"), numfmt_percent_fine(f[NF_STALE_READ_RATE], x, sizeof x));
        else if (f[NF_P99_LATENCY_MS] > 0)
            snprintf(extra, sizeof extra, " \xC2\xB7 p99 %s", numfmt_ms_in(f[NF_P99_LATENCY_MS], tr_lang(), ms, sizeof ms));
        char scale[96] = "";
        scale_text(app, v->res, scale, sizeof scale);
        snprintf(out, cap, _("%s \xC2\xB7 %s rps%s%s%s"), pct, rate, extra, lag, scale);
    }
}

void overlay_draw_dots(Render *r, const Scene *s)
{
    const Model *m = s->model;
    double t = s->clock_s >= 0 ? s->clock_s : SDL_GetTicks() / 1000.0;
    Color c = with_alpha(theme.accent, 220);
    for (int i = 0; i < m->n_edges; i++) {
        const EdgeRoute *e = &s->routes->r[i];
        double rps = s->edge_dots[i];
        if (!e->valid || rps <= 0) continue;
        Vec2 sp[4];
        for (int k = 0; k < 4; k++) sp[k] = cam_to_screen(&s->cam, s->view, e->p[k].x, e->p[k].y);
        float minx = fminf(fminf(sp[0].x, sp[1].x), fminf(sp[2].x, sp[3].x));
        float maxx = fmaxf(fmaxf(sp[0].x, sp[1].x), fmaxf(sp[2].x, sp[3].x));
        float miny = fminf(fminf(sp[0].y, sp[1].y), fminf(sp[2].y, sp[3].y));
        float maxy = fmaxf(fmaxf(sp[0].y, sp[1].y), fmaxf(sp[2].y, sp[3].y));
        if (maxx < s->view.x || minx > s->view.x + s->view.w || maxy < s->view.y ||
            miny > s->view.y + s->view.h)
            continue;
        /* One dot for 1 rps, one more per factor of ~6: 300k rps shows 8. */
        int n = 1 + (int)(log10(rps + 1) * 1.3);
        if (n > 10) n = 10;
        double period = 2.2; /* seconds for a dot to travel the edge */
        double ph = fmod(t / period + i * 0.137, 1.0);
        float rad = fmaxf(1.8f, 2.8f * fminf(1.0f, (float)s->cam.zoom));
        for (int k = 0; k < n; k++) {
            float u = (float)fmod(ph + (double)k / n, 1.0);
            render_circle(r, bezier_at(sp, u), rad, c);
        }
    }
}

size_t overlay_event_text(const App *app, int i, char *t, size_t cap)
{
    const Model *m = app->model;
    const Node *n = &m->nodes[i];
    size_t len = 0;
    t[0] = 0;
    for (int k = 0; k < m->scenario.n_events && len + 60 < cap; k++) {
        const ScenarioEvent *e = &m->scenario.events[k];
        if (e->action == EVENT_SURGE) continue;
        /* a zone's or a region's failure marks the nodes with servers there, with how many */
        int in_place = e->action == EVENT_FAIL && !e->node ? node_servers_in(m, n, e->zone, e->region) : 0;
        if (!in_place && (!e->node || strcmp(e->node, n->id) != 0)) continue;
        char when[96], a[NUMFMT_CAP], b[NUMFMT_CAP];
        numfmt_decimal(e->at_s, 6, a, sizeof a);
        if (e->for_s > 0)
            snprintf(when, sizeof when, _("%s\xE2\x80\x93%s s"), a, numfmt_decimal(e->at_s + e->for_s, 6, b, sizeof b));
        else
            snprintf(when, sizeof when, _("from %s s"), a);
        char what[96];
        if (e->action == EVENT_SLOW)
            snprintf(what, sizeof what, _("slow \xC3\x97%s"), numfmt_decimal(e->factor, 4, b, sizeof b));
        else if (in_place > 0 && in_place < node_servers(n))
            snprintf(what, sizeof what, "%d %s", in_place, P_("fails", "fail", in_place));
        else if (in_place > 0)
            snprintf(what, sizeof what, "%s", C_("event", "fails"));
        else if (e->instances > 0)
            snprintf(what, sizeof what, "%d %s", e->instances, e->role == ROLE_REPLICA ? _("replica fails")
                                                              : e->role == ROLE_PRIMARY ? _("primary fails")
                                                              : P_("fails", "fail", e->instances));
        else
            snprintf(what, sizeof what, "%s", C_("event", "fails"));
        len += (size_t)snprintf(t + len, cap - len, "%s%s %s", len ? " \xC2\xB7 " : "", what, when);
        /* the shown run ended before it began: it tested nothing of it */
        const Results *res = app->res ? app->res->mean : NULL;
        if (res && e->at_s >= res->warmup_s + res->duration_s && len + 30 < cap)
            len += (size_t)snprintf(t + len, cap - len, _(" (not reached)"));
        else if (scenario_event_idle(m, e) && len + 30 < cap) /* a replica of a database without any */
            len += (size_t)snprintf(t + len, cap - len, _(" (no replicas yet)"));
    }
    if (!len) return 0;
    const NodeView *v = app->view.nodes ? &app->view.nodes[i] : NULL;
    if (v && v->measured && v->res >= 0 && app->res) {
        double failed = app->res->mean->nodes[v->res][NF_FAILED];
        if (failed > 0 && len + 40 < cap) {
            char num[NUMFMT_CAP];
            numfmt_count(failed, num, sizeof num);
            len += (size_t)snprintf(t + len, cap - len, _(" \xC2\xB7 %s failed"), num);
        }
    }
    return len;
}

/* What was drawn over the board this frame, for badges and the callout to keep clear
 * of, with a grid of screen cells to find what lies near a rect without looking at
 * everything (500 nodes bring 2,000 rects and more). */
#define CELL 64.0f
#define GRID_N 64 /* cells per side: 4096 points */
#define MAX_LINKS (MAX_PLACED * 12)

typedef struct Placed {
    Rect rc[MAX_PLACED];
    int node[MAX_PLACED]; /* whose box, title, badge or mark it is, -1 none */
    int n;
    Rect origin;          /* the canvas: cells count from its corner */
    int head[GRID_N * GRID_N];
    int link_next[MAX_LINKS], link_item[MAX_LINKS];
    int n_links;
    unsigned seen[MAX_PLACED], stamp; /* one query sees each rect once */
} Placed;

static void placed_reset(Placed *p, Rect origin)
{
    p->n = 0;
    p->n_links = 0;
    p->origin = origin;
    memset(p->head, -1, sizeof p->head);
}

static int cell_of(float v, float o)
{
    int c = (int)floorf((v - o) / CELL);
    return c < 0 ? 0 : c >= GRID_N ? GRID_N - 1 : c;
}

static void placed_add_for(Placed *p, Rect rc, int node)
{
    if (p->n >= MAX_PLACED) return;
    int i = p->n++;
    p->node[i] = node;
    p->rc[i] = rc;
    p->seen[i] = p->stamp;
    for (int cy = cell_of(rc.y, p->origin.y); cy <= cell_of(rc.y + rc.h, p->origin.y); cy++)
        for (int cx = cell_of(rc.x, p->origin.x); cx <= cell_of(rc.x + rc.w, p->origin.x); cx++) {
            if (p->n_links >= MAX_LINKS) return;
            int l = p->n_links++;
            p->link_item[l] = i;
            p->link_next[l] = p->head[cy * GRID_N + cx];
            p->head[cy * GRID_N + cx] = l;
        }
}

static void placed_add(Placed *p, Rect rc) { placed_add_for(p, rc, -1); }

/* The rects placed near r (sharing a cell with it), each once, into out (at most max);
 * returns how many. */
static int placed_near(Placed *p, Rect r, int *out, int max)
{
    int n = 0;
    p->stamp++;
    for (int cy = cell_of(r.y, p->origin.y); cy <= cell_of(r.y + r.h, p->origin.y); cy++)
        for (int cx = cell_of(r.x, p->origin.x); cx <= cell_of(r.x + r.w, p->origin.x); cx++)
            for (int l = p->head[cy * GRID_N + cx]; l >= 0 && n < max; l = p->link_next[l]) {
                int i = p->link_item[l];
                if (p->seen[i] == p->stamp) continue;
                p->seen[i] = p->stamp;
                out[n++] = i;
            }
    return n;
}

/* True when r overlaps a rect placed near it that is not node `own`'s (and, with
 * `from` > 0, was placed at index `from` or later). */
static bool placed_hits(Placed *p, Rect r, int own, int from)
{
    static int near[MAX_PLACED];
    int n = placed_near(p, r, near, MAX_PLACED);
    for (int k = 0; k < n; k++) {
        int i = near[k];
        if (i >= from && p->node[i] != own && rect_overlaps(r, p->rc[i])) return true;
    }
    return false;
}

/* Whether badge rect r of node `own` would cover another node's box or name, or a badge,
 * mark or tag placed before it (the entries from `first_badge` on); edge labels give way.
 * A box counts as drawn (the placed one keeps a margin for the callout), and only where a
 * badge would reach its words: a badge over a neighbour's border or the top strip above
 * its title (a neighbour on the same row) stays where it is; one over the title or the
 * figures of a neighbour a little higher is lifted. */
static bool badge_hits(Placed *p, Rect r, int own, int first_badge)
{
    static int near[MAX_PLACED];
    int n = placed_near(p, r, near, MAX_PLACED);
    for (int k = 0; k < n; k++) {
        int i = near[k];
        if (p->node[i] == own || (i < first_badge && p->node[i] < 0)) continue;
        if (i >= first_badge) {
            if (rect_overlaps(r, p->rc[i])) return true;
            continue;
        }
        Rect b = rect_inset(p->rc[i], 4);
        float w = fminf(r.x + r.w, b.x + b.w) - fmaxf(r.x, b.x), h = fminf(r.y + r.h, b.y + b.h) - fmaxf(r.y, b.y);
        if (w > 6 && h > 12) return true;
    }
    return false;
}

/* The tag of overlay_event_text above the node's badge (folded: the ⚡ alone, left of
 * `beside`, on its row); its rect, or an empty one when the node has no event. */
static Rect event_tag(App *app, int i, Rect rc, float fs, bool folded, Rect beside)
{
    char t[200];
    if (!overlay_event_text(app, i, t, sizeof t)) return rect_make(0, 0, 0, 0);
    Render *r = app->r;
    if (folded) t[0] = 0;
    float tw = t[0] ? render_text_width(r, FONT_BOLD, fs, t) : 0;
    float h = render_line_height(r, FONT_BOLD, fs) + 4;
    /* Above the node's badge where it was placed (lifted a row off a neighbour's, it would
     * otherwise cover it), right-aligned with it; without a badge, where one would be. */
    float badge_h = render_line_height(r, FONT_BOLD, fs + 1) + 6;
    float w = t[0] ? tw + 26 : 20;
    Rect b = {rc.x + rc.w - 6 * (float)app->cam.zoom - w, rc.y - badge_h / 2 - h - 2, w, h};
    if (!folded && beside.h > 0) b = rect_make(beside.x + beside.w - w, beside.y - h - 2, w, h);
    if (folded) b = rect_make(beside.x - w - 3, beside.y + (beside.h - h) / 2, w, h);
    render_round_rect(r, b, h / 2, hex(0xFFFBEB));
    render_round_rect_line(r, b, h / 2, 1, theme.warning);
    render_text(r, FONT_BOLD, fs, roundf(b.x + (t[0] ? 8 : 5)), roundf(b.y + 2), "\xE2\x9A\xA1", hex(0xB45309)); /* ⚡ */
    if (t[0]) render_text(r, FONT_BOLD, fs, roundf(b.x + 20), roundf(b.y + 2), t, hex(0xB45309));
    return b;
}

/* The red "N dropped" mark (folded: the count alone): its text and size. */
static Rect drop_size(App *app, const NodeView *v, float fs, bool folded, char *d, size_t cap)
{
    char num[NUMFMT_CAP];
    numfmt_count(v->drops, num, sizeof num);
    snprintf(d, cap, folded ? "%s" : _("%s dropped"), num);
    return rect_make(0, 0, render_text_width(app->r, FONT_BOLD, fs, d) + 28, render_line_height(app->r, FONT_BOLD, fs) + 4);
}

static void drop_mark(App *app, Rect b, float fs, const char *d)
{
    Render *r = app->r;
    float h = b.h;
    render_round_rect(r, b, h / 2, theme.danger_soft);
    render_round_rect_line(r, b, h / 2, 1, theme.danger);
    icon_draw(r, ICON_WARNING, rect_make(b.x + 5, b.y + (h - 12) / 2, 12, 12), theme.danger);
    render_text(r, FONT_BOLD, fs, roundf(b.x + 21), roundf(b.y + 2), d, theme.danger);
}

/* ---- the bottleneck callout --------------------------------------------------------------- */

/* Area of `b` covered by the rects placed this frame; covering `hard` costs far more.
 * Stops counting past `enough` (a place that costs more is no use). */
static double covered(Placed *p, Rect b, Rect hard1, Rect hard2, double enough)
{
    static int near[MAX_PLACED];
    int n = placed_near(p, b, near, MAX_PLACED);
    double cost = 0;
    for (int k = 0; k < n && !(cost > enough); k++) {
        Rect o = p->rc[near[k]];
        float ox = fminf(b.x + b.w, o.x + o.w) - fmaxf(b.x, o.x);
        float oy = fminf(b.y + b.h, o.y + o.h) - fmaxf(b.y, o.y);
        if (ox > 0 && oy > 0) cost += (double)ox * oy;
    }
    if (rect_overlaps(b, hard1) || rect_overlaps(b, hard2)) cost += 1e9;
    return cost;
}

/* The best place for a w x h box near the node rect `rc` inside `cv`: the nearer of the
 * free places (beside the node first, then anywhere on a grid over the canvas), else the
 * least covered one. Returns its cost (0: nothing covered). */
static double place_box(Placed *p, Rect rc, Rect badge, Rect cv, float w, float h, Rect *out)
{
    Rect hard = rect_inset(rc, -6);
    Rect cand[8] = {{rc.x + rc.w / 2 - w / 2, rc.y + rc.h + 18, w, h},
                    {rc.x + rc.w + 16, rc.y + rc.h / 2 - h / 2, w, h},
                    {rc.x - 16 - w, rc.y + rc.h / 2 - h / 2, w, h},
                    {rc.x + rc.w / 2 - w / 2, badge.y - 10 - h, w, h},
                    {cv.x + cv.w - w - 4, cv.y + 4, w, h},
                    {cv.x + 4, cv.y + 4, w, h},
                    {cv.x + cv.w - w - 4, cv.y + cv.h - h - 4, w, h},
                    {cv.x + 4, cv.y + cv.h - h - 4, w, h}};
    double best = INFINITY, best_d = INFINITY;
    Vec2 c0 = {rc.x + rc.w / 2, rc.y + rc.h / 2};
    for (int k = 0; k < 8 + 400; k++) {
        Rect b;
        if (k < 8) {
            b = cand[k];
            b.x = fmaxf(cv.x, fminf(b.x, cv.x + cv.w - w)); /* slide along the edge when it sticks out */
        } else {
            int g = k - 8, cols = 20; /* a 20 x 20 grid of the canvas */
            b = rect_make(cv.x + (cv.w - w) * (float)(g % cols) / (cols - 1),
                          cv.y + (cv.h - h) * (float)(g / cols) / (cols - 1), w, h);
        }
        if (b.x < cv.x - 0.5f || b.y < cv.y - 0.5f || b.x + b.w > cv.x + cv.w + 0.5f ||
            b.y + b.h > cv.y + cv.h + 0.5f)
            continue;
        double cost = covered(p, b, hard, badge, best);
        float dx = b.x + b.w / 2 - c0.x, dy = b.y + b.h / 2 - c0.y;
        double d = sqrt((double)dx * dx + (double)dy * dy) + (k < 4 ? 0 : 60); /* beside the node first */
        if (cost < best || (cost == best && d < best_d)) {
            best = cost;
            best_d = d;
            *out = b;
        }
        if (k == 3 && best == 0) break; /* free beside the node: nothing farther can be better */
    }
    return best;
}

static void bottleneck_callout(App *app, int bn, Placed *placed, Rect bn_badge)
{
    Render *r = app->r;
    const Model *m = app->model;
    float z = (float)app->cam.zoom;
    const Node *n = &m->nodes[bn];
    Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, n->x, n->y);
    Rect rc = {a.x, a.y, NODE_W * z, NODE_H * z};
    const char *why_run = overlay_bottleneck_why(app);
    char *why = xstrdup(why_run ? why_run : "");
    /* no bottleneck over the run, a node full for a while: the headline says so, and the
     * sentence under it begins with its own words ("None at this load: ..."); a
     * bottleneck's begins with the node's name, as written */
    bool full_only = app->res->mean->bottleneck < 0;
    if (full_only) utf8_capitalize(why);
    char head[240], name[160], pct[NUMFMT_CAP];
    /* a node full only at times (a surge, a failure) is no contradiction of its 40% */
    const NodeView *bv = &app->view.nodes[bn]; /* its flags, worked out once per run (run.c) */
    bool at_times = bv->measured && bv->over && app->res_model && bv->res < app->res_model->n_nodes &&
                    node_over_at_times(app->res_model, app->res->mean, bv->res);
    numfmt_percent(app->view.nodes[bn].util, pct, sizeof pct);
    bool replicas = !full_only && !at_times && replicas_full(app, bn, pct, sizeof pct);
    /* one of its servers full alone (a hot shard): not "at 36%" either */
    bool server = !full_only && !at_times && !replicas && server_full(app, bn, pct, sizeof pct);
    /* a queue whose consumers cannot keep up: its backlog, not its brokers' 25% */
    const double *bf = bv->measured && bv->res >= 0 && bv->res < app->res->mean->n_nodes ? app->res->mean->nodes[bv->res] : NULL;
    char backlog[NUMFMT_CAP];
    bool queue = !full_only && !at_times && !replicas && !server && n->kind == NODE_QUEUE && bf && bf[NF_UTILISATION] < 0.95 &&
                 bf[NF_END_BACKLOG] > 0;
    if (queue) numfmt_count(bf[NF_END_BACKLOG], backlog, sizeof backlog);
    /* an async node whose in-flight places were all taken, its slots idle: its limit,
     * not "at 12%" */
    char limit[NUMFMT_CAP];
    bool inflight = !full_only && !at_times && !replicas && !server && !queue && bf && bf[NF_UTILISATION] < 0.95 &&
                    node_inflight_full_s(app->res_model, app->res->mean, bv->res) > 0;
    if (inflight)
        numfmt_grouped((double)node_inflight_limit(&app->res_model->nodes[bv->res]), numfmt_thousands(tr_lang()), limit,
                       sizeof limit);
    node_name(n, NAMING_LABEL, name, sizeof name);
    if (full_only) snprintf(head, sizeof head, _("Full at times: %s"), name);
    else if (at_times) snprintf(head, sizeof head, _("Bottleneck: %s, full at times"), name); /* not "at 40%" */
    else if (queue) snprintf(head, sizeof head, _("Bottleneck: %s, backlog %s"), name, backlog);
    else if (inflight) snprintf(head, sizeof head, _("Bottleneck: %s, in-flight limit %s"), name, limit);
    else if (replicas) /* not "at 51%": its replicas are full */
        snprintf(head, sizeof head, _("Bottleneck: %s replicas at %s"), name, pct);
    else if (server) snprintf(head, sizeof head, _("Bottleneck: %s, one server at %s"), name, pct);
    else snprintf(head, sizeof head, _("Bottleneck: %s at %s"), name, pct);
    Rect cv = rect_inset(app->canvas_rc, 8);
    cv.h -= 44; /* the legend and the zoom box */
    float head_h = render_line_height(r, FONT_BOLD, 12);
    /* Full width (wide enough for the headline whole, up to 380: "Узкое место: Postgres,
     * реплики — 100%" was cut at 300), then narrower, then the headline alone: the first
     * that covers nothing. */
    const float widths[] = {fmaxf(300, fminf(render_text_width(r, FONT_BOLD, 12, head) + 24, 380)), 250, 210};
    Rect box = rect_make(0, 0, 0, 0);
    double best = INFINITY;
    bool headline = false;
    for (int k = 0; k < 4 && best > 0; k++) {
        bool only_head = k == 3;
        float w = only_head ? fminf(render_text_width(r, FONT_BOLD, 12, head) + 24, cv.w) : widths[k];
        float h = only_head ? 12 + head_h
                            : 16 + head_h + wrap_text(r, FONT_REGULAR, 11, 0, 0, w - 24, why, theme.text, false);
        if (w > cv.w || h > cv.h) continue;
        Rect b;
        double cost = place_box(placed, rc, bn_badge, cv, w, h, &b);
        if (cost < best) {
            best = cost;
            box = b;
            headline = only_head;
        }
    }
    if (box.w <= 0) {
        free(why);
        return;
    }
    app->callout_rc = box; /* the interview card keeps clear of it */
    render_round_rect(r, box, 8, hex(0xFEF2F2));
    render_round_rect_line(r, box, 8, 1, hex(0xFCA5A5));
    /* A long name gives way, never the figure: "Bottleneck: Postgres (one s… at 100%". */
    if (render_text_width(r, FONT_BOLD, 12, head) > box.w - 24) {
        char tail[NUMFMT_CAP + 48];
        /* TRANSLATORS: the end of "Bottleneck: %s at %s" when the name is shortened */
        if (full_only) tail[0] = 0;
        else if (at_times) snprintf(tail, sizeof tail, "%s", _(", full at times"));
        else if (queue) snprintf(tail, sizeof tail, _(", backlog %s"), backlog);
        else if (inflight) snprintf(tail, sizeof tail, _(", in-flight limit %s"), limit);
        else if (replicas) snprintf(tail, sizeof tail, _(" replicas at %s"), pct);
        else if (server) snprintf(tail, sizeof tail, _(", one server at %s"), pct);
        else snprintf(tail, sizeof tail, _(" at %s"), pct);
        const char *lead = full_only ? _("Full at times: ") : _("Bottleneck: ");
        float room = box.w - 24 - render_text_width(r, FONT_BOLD, 12, lead) -
                     render_text_width(r, FONT_BOLD, 12, tail) - render_text_width(r, FONT_BOLD, 12, "\xE2\x80\xA6");
        int keep = room > 0 ? render_text_fit(r, FONT_BOLD, 12, name, room) : 0;
        if (full_only) snprintf(head, sizeof head, _("Full at times: %.*s\xE2\x80\xA6"), keep, name);
        else snprintf(head, sizeof head, _("Bottleneck: %.*s\xE2\x80\xA6%s"), keep, name, tail);
        overlay_fit_tip(app, box, why); /* the name and sentence in full on hover */
    }
    render_text_clipped(r, FONT_BOLD, 12, box.x + 12, box.y + (headline ? 6 : 8), head, box.w - 24, hex(0xB91C1C));
    if (!headline)
        wrap_text(r, FONT_REGULAR, 11, box.x + 12, box.y + 10 + head_h, box.w - 24, why, hex(0x7F1D1D), true);
    else
        overlay_fit_tip(app, box, why); /* the sentence in full on hover */
    free(why);
}

void overlay_draw(App *app)
{
    Render *r = app->r;
    const Model *m = app->model;
    app->callout_rc = rect_make(0, 0, 0, 0);
    app->bn_badge_rc = rect_make(0, 0, 0, 0);
    app->n_overlay_rc = 0;
    if (!app->view.nodes || m->n_nodes == 0) return;
    float z = (float)app->cam.zoom;
    render_clip(r, &app->canvas_rc);
    int bn = bottleneck_node(app);
    if (bn >= 0) {
        /* The outline first: the badge sits on top of it. */
        Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, m->nodes[bn].x, m->nodes[bn].y);
        Rect rc = {a.x, a.y, NODE_W * z, NODE_H * z};
        render_round_rect_line(r, rect_inset(rc, -3), 9 * z + 3, 2.5f, theme.danger);
    }
    static Placed placed; /* large: kept off the stack; only the UI thread draws */
    placed_reset(&placed, app->canvas_rc);
    /* Every node box is an obstacle for the callout, whether or not it has a badge, and
     * so is a name written under a box too small to hold it (canvas.c). */
    for (int i = 0; i < m->n_nodes; i++) {
        Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, m->nodes[i].x, m->nodes[i].y);
        Rect rc = {a.x - 4, a.y - 4, NODE_W * z + 8, NODE_H * z + 8};
        if (!rect_overlaps(rc, app->canvas_rc)) continue;
        placed_add_for(&placed, rc, i);
        float w = NODE_W * z, h = NODE_H * z;
        if (z < 0.4f && !(h >= 13 && w >= 40)) {
            const Node *n = &m->nodes[i];
            const char *t = node_label_shown(n);
            float tw = fminf(render_text_width(r, FONT_BOLD, 9, t), fmaxf(w * 1.3f, 26));
            placed_add_for(&placed, rect_make(a.x + w / 2 - tw / 2, a.y + h + 2, tw, render_line_height(r, FONT_BOLD, 9)), i);
        }
    }
    /* Edge labels the board shows are kept clear of too (drawn before the overlay). */
    if (z >= 0.5f)
        for (int k = 0; k < app->routes.n && k < m->n_edges; k++) {
            const EdgeRoute *e = &app->routes.r[k];
            if (!e->valid || !e->label[0] || !e->label_shown) continue;
            Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, e->label_rc.x, e->label_rc.y);
            Rect lr = {a.x, a.y, e->label_rc.w * z, e->label_rc.h * z};
            if (rect_overlaps(lr, app->canvas_rc)) placed_add(&placed, lr);
        }
    int first_badge = placed.n;
    bool folded = z < FOLD_ZOOM;
    float fs = folded ? FOLDED_FONT : fminf(11.0f, 11.0f * fmaxf(z, 0.8f));
    Rect bn_badge = rect_make(0, 0, 0, 0);
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        const NodeView *v = &app->view.nodes[i];
        Vec2 a = cam_to_screen(&app->cam, app->canvas_rc, n->x, n->y);
        Rect rc = {a.x, a.y, NODE_W * z, NODE_H * z};
        if (!rect_overlaps(rect_inset(rc, -30), app->canvas_rc)) continue;
        char text[200];
        badge_text(app, i, folded, text, sizeof text);
        bool backed = v->backed_up_by >= 0 && !v->over && n->kind != NODE_CLIENT;
        Color bg = BADGE_DARK, fg = hex(0xFFFFFF), line = {0, 0, 0, 0};
        if (v->measured && (v->over || i == bn)) bg = theme.danger;
        else if (v->measured && backed) bg = run_backed_color();
        if (!v->measured) {
            bg = v->over ? theme.danger : backed ? run_backed_color() : theme.panel;
            fg = v->over || backed ? hex(0xFFFFFF) : (v->near ? hex(0xB45309) : theme.text_dim);
            line = v->over || backed ? bg : (v->near ? theme.warning : theme.border_strong);
        }
        /* Folded far out, the badge sits above the little box instead of over it. */
        float right = folded ? rc.x + rc.w + fminf(8, 6 * z) : rc.x + rc.w - 6 * z;
        Rect pb = pill_rect(r, right, rc.y, text, fs);
        if (folded && pb.h > rc.h * 0.8f) pb.y = rc.y - pb.h - 1;
        /* Where it would cover what a neighbour shows (badge_hits; folded: also the other
         * nodes' boxes and names), it moves: unfolded, a badge wider than its box first
         * starts at the box's left (it then reaches right), on its row, then a row up and
         * so on; folded, a row up at a time. Where nothing is free an unfolded badge stays
         * on its node. Edge labels do not count: the badge is the node's own figure. */
        bool free_spot = false;
        Rect first = pb;
        for (int tries = 0; tries < (folded ? 4 : 8) && !free_spot; tries++) {
            Rect c = first;
            int lift = folded ? tries : tries / 2;
            if (!folded && tries % 2 == 1) {
                if (first.w <= rc.w - 12 * z) continue; /* fits its box: no other side to try */
                c.x = rc.x + 6 * z;
            }
            c.y -= (float)lift * (first.h + 2);
            /* a spot the board's edge would cut is not free either (a wide badge reaching
             * right off the board beside the inspector), unless the node itself is cut */
            bool inside = !rect_inside(rc, app->canvas_rc) || rect_inside(c, app->canvas_rc);
            free_spot = inside && (folded ? !placed_hits(&placed, rect_inset(c, -1), i, 0)
                                          : !badge_hits(&placed, rect_inset(c, -1), i, first_badge));
            pb = free_spot || folded ? c : first;
        }
        if (!free_spot && folded && i != bn) continue; /* crowded far out: the tooltip has it */
        placed_add_for(&placed, pb, i);
        if (i == bn) bn_badge = pb;
        pill_at(r, pb, text, fs, bg, fg, line);
        Rect left = pb; /* folded: the marks line up left of the badge where that is free */
        if (v->measured && v->drops > 0) {
            char d[64];
            Rect db = drop_size(app, v, fs - 1, folded, d, sizeof d);
            Rect on_edge = {rc.x + 10 * z, rc.y + rc.h - db.h / 2, db.w, db.h}; /* the bottom edge */
            Rect beside = {pb.x - db.w - 3, pb.y + (pb.h - db.h) / 2, db.w, db.h};
            bool beside_free = folded && !placed_hits(&placed, beside, i, 0);
            db = beside_free || (folded && rc.h < 13) ? beside : on_edge;
            drop_mark(app, db, fs - 1, d);
            placed_add_for(&placed, db, i);
            if (db.y < rc.y) left = db;
        }
        Rect tag = event_tag(app, i, rc, fs - 1, folded, folded ? left : pb);
        if (tag.w > 0) placed_add(&placed, tag);
    }
    Rect control[2]; /* the "Show path of" picker over the board's corner, drawn after */
    for (int k = 0, n = paths_control_rects(app, control); k < n; k++) placed_add(&placed, control[k]);
    if (bn >= 0) bottleneck_callout(app, bn, &placed, bn_badge);
    app->bn_badge_rc = bn_badge;
    app->n_overlay_rc = placed.n < 256 ? placed.n : 256;
    memcpy(app->overlay_rc, placed.rc, (size_t)app->n_overlay_rc * sizeof *app->overlay_rc);
    render_clip(r, NULL);
}

/* ---- tooltips ------------------------------------------------------------------------------ */

void overlay_fit_tip(App *app, Rect rc, const char *full)
{
    UiInput *in = &app->ui.in;
    if (!full || !*full || !rect_contains(rc, in->mx, in->my) || !ui_layer_active(&app->ui)) return;
    snprintf(app->fit_tip, sizeof app->fit_tip, "%s", full);
    app->fit_tip_rc = rc;
}

void overlay_text_fit(App *app, FontId f, float size, float x, float y, const char *s, float max_w, Color c)
{
    if (!s || !*s) return;
    ui_text_fit(&app->ui, f, size, x, y, s, max_w, c);
    if (render_text_width(app->r, f, size, s) > max_w)
        overlay_fit_tip(app, rect_make(x, y, max_w, render_line_height(app->r, f, size)), s);
}

void overlay_text_in(App *app, FontId f, float size, Rect rc, int align, const char *s, Color c)
{
    if (!s || !*s) return;
    ui_text_in(&app->ui, f, size, rc, align, s, c);
    if (render_text_width(app->r, f, size, s) > rc.w) overlay_fit_tip(app, rc, s);
}

/* A dark box of lines (the first bold) wrapped at `max_w`, beside the mouse and inside
 * the window. */
static void tip_box(App *app, const char *lines[], int n, float max_w)
{
    Render *r = app->r;
    UiInput *in = &app->ui.in;
    float w = 0, h = 10;
    for (int k = 0; k < n; k++) {
        FontId f = k ? FONT_REGULAR : FONT_BOLD;
        float size = k ? 11 : 12;
        w = fmaxf(w, fminf(max_w, render_text_width(r, f, size, lines[k])));
        h += wrap_text(r, f, size, 0, 0, max_w, lines[k], theme.text, false) + 2;
    }
    w += 20;
    Rect box = {in->mx + 14, in->my + 18, w, h};
    if (box.x + box.w > (float)app->win_w - 4) box.x = in->mx - box.w - 8;
    if (box.y + box.h > (float)app->win_h - 4) box.y = in->my - box.h - 8;
    if (box.x < 4) box.x = 4;
    if (box.y < 4) box.y = 4;
    render_clip(r, NULL);
    render_round_rect(r, box, 6, hex(0x1F2937));
    float y = box.y + 5;
    for (int k = 0; k < n; k++) {
        FontId f = k ? FONT_REGULAR : FONT_BOLD;
        float size = k ? 11 : 12;
        y += wrap_text(r, f, size, box.x + 10, y, max_w, lines[k], k ? hex(0xD1D5DB) : hex(0xF9FAFB), true) + 2;
    }
}

/* The tooltip of a node or edge with its figures; true when drawn. */
static bool board_tooltip(App *app)
{
    const Model *m = app->model;
    if (app->drag != DRAG_NONE || app->rename_node >= 0 || app->modal != MODAL_NONE || !app->view.nodes)
        return false;
    UiInput *in = &app->ui.in;
    if (!rect_contains(app->canvas_rc, in->mx, in->my)) return false;
    char l[9][1536]; /* a capacity note in Russian or Ukrainian with long names runs past 600 bytes */
    const char *lines[9];
    int n = 0;
    int i = app->hover_node;
    if (i >= 0 && i < m->n_nodes) {
        if (SDL_GetTicks() - app->node_tip_since < 600 || app->node_tip_node != i) return false;
        const Node *nd = &m->nodes[i];
        const NodeView *v = &app->view.nodes[i];
        char name[200], sub[200];
        /* its name, then its kind and id where they say more ("Database · Database · id
         * database" said one thing three times) */
        node_name(nd, NAMING_LABEL, name, sizeof name);
        const char *kind = kind_title(nd->kind);
        int len = snprintf(l[n], sizeof l[0], "%s", name);
        if (strcasecmp(kind, name) != 0 && len < (int)sizeof l[0])
            len += snprintf(l[n] + len, sizeof l[0] - (size_t)len, " \xC2\xB7 %s", kind);
        if (strcmp(nd->id, name) != 0 && len < (int)sizeof l[0])
            snprintf(l[n] + len, sizeof l[0] - (size_t)len, " \xC2\xB7 id %s", nd->id);
        n++;
        const Diag *problem = canvas_node_problem(app, i); /* the warning on its corner says why */
        if (problem) snprintf(l[n++], sizeof l[0], "\xE2\x9A\xA0 %s", problem->message);
        node_subtitle(m, nd, sub, sizeof sub);
        if (sub[0]) snprintf(l[n++], sizeof l[0], "%s", sub);
        if (v->measured && nd->kind != NODE_CLIENT) {
            const double *f = app->res->mean->nodes[v->res];
            char pct[NUMFMT_CAP], rate[NUMFMT_CAP], q[NUMFMT_CAP], qm[NUMFMT_CAP], w1[NUMFMT_CAP], w2[NUMFMT_CAP],
                d[4 * NUMFMT_CAP + 120];
            snprintf(l[n++], sizeof l[0], _("measured: utilisation %s \xC2\xB7 %s rps \xC2\xB7 queue %s (max %s)"),
                     numfmt_percent(f[NF_UTILISATION], pct, sizeof pct),
                     numfmt_count(f[NF_THROUGHPUT_RPS], rate, sizeof rate),
                     numfmt_count(f[NF_MEAN_QUEUE], q, sizeof q), numfmt_count(f[NF_MAX_QUEUE], qm, sizeof qm));
            /* dropped for more than one reason: each, as the Requests tab counts them
             * ("2.83k: 1.85k rejected (queue full), 973 rate limited") */
            numfmt_count(f[NF_DROPS], d, sizeof d);
            static const struct { int field; ErrCause cause; } why[] = {
                {NF_REJECTED, ERR_REJECTED}, {NF_RATE_LIMITED, ERR_RATE_LIMITED}, {NF_FAILED, ERR_FAILED}};
            int causes = 0;
            for (size_t k = 0; k < sizeof why / sizeof *why; k++) causes += f[why[k].field] > 0;
            for (size_t k = 0, first = 1; causes > 1 && k < sizeof why / sizeof *why; k++) {
                if (f[why[k].field] <= 0) continue;
                char c[NUMFMT_CAP];
                size_t at = strlen(d);
                snprintf(d + at, sizeof d - at, "%s%s %s", first ? ": " : ", ", numfmt_count(f[why[k].field], c, sizeof c),
                         err_cause_words(why[k].cause, false, tr_lang()));
                first = 0;
            }
            snprintf(l[n++], sizeof l[0], _("wait mean %s \xC2\xB7 p99 %s \xC2\xB7 dropped %s%s%s"),
                     numfmt_ms_in(f[NF_MEAN_WAIT_MS], tr_lang(), w1, sizeof w1), numfmt_ms_in(f[NF_P99_WAIT_MS], tr_lang(), w2, sizeof w2),
                     d, f[NF_HIT_RATIO] >= 0 ? _(" \xC2\xB7 hit ratio ") : "",
                     f[NF_HIT_RATIO] >= 0 ? numfmt_percent_fine(f[NF_HIT_RATIO], pct, sizeof pct) : "");
            if (overlay_capacity_note(app, i, true, l[n], sizeof l[0]) != NOTE_NONE) n++;
        }
        if (i < app->est.n_nodes && nd->kind != NODE_CLIENT) {
            const NodeEstimate *e = &app->est.nodes[i];
            /* as the inspector's predicted column: what it answers of what comes ("1k of
             * 1.5k"), and the wait and latency of what it answers */
            char pct[NUMFMT_CAP], rate[2 * NUMFMT_CAP + 8], w1[NUMFMT_CAP], lat[NUMFMT_CAP];
            double done = estimate_done_rps(e);
            if (done < e->admitted_rps * (1 - 1e-9)) {
                char d[NUMFMT_CAP], o[NUMFMT_CAP];
                snprintf(rate, sizeof rate, _("%s of %s"), numfmt_count(done, d, sizeof d), estimate_rate_text(e->arrival_rps, o, sizeof o));
            } else {
                estimate_rate_text(e->arrival_rps, rate, sizeof rate);
            }
            snprintf(l[n++], sizeof l[0], _("predicted: utilisation %s \xC2\xB7 %s rps \xC2\xB7 wait %s \xC2\xB7 latency %s"),
                     estimate_util_text(e, pct, sizeof pct), rate, numfmt_ms_in(estimate_answered_wait_ms(e), tr_lang(), w1, sizeof w1),
                     numfmt_ms_in(estimate_answered_latency_ms(e), tr_lang(), lat, sizeof lat));
            if (!v->measured && overlay_capacity_note(app, i, false, l[n], sizeof l[0]) != NOTE_NONE) n++;
        }
        char split[500];
        if (nd->kind != NODE_CLIENT && paths_type_split(app, i, false, split, sizeof split))
            snprintf(l[n++], sizeof l[0], _("by request type: %s"), split);
        char ev[200];
        if (overlay_event_text(app, i, ev, sizeof ev)) snprintf(l[n++], sizeof l[0], "\xE2\x9A\xA1 %s", ev);
    } else if (app->hover_edge >= 0 && app->hover_edge < m->n_edges) {
        const Edge *e = &m->edges[app->hover_edge];
        int a = e->from ? model_find_node(m, e->from) : -1, b = e->to ? model_find_node(m, e->to) : -1;
        char na[200], nb[200], rate[NUMFMT_CAP], lat[NUMFMT_CAP];
        snprintf(l[n++], sizeof l[0], "%s \xE2\x86\x92 %s", a >= 0 ? node_name(&m->nodes[a], NAMING_LABEL, na, sizeof na) : "?",
                 b >= 0 ? node_name(&m->nodes[b], NAMING_LABEL, nb, sizeof nb) : "?");
        numfmt_count(app->view.edge_rps[app->hover_edge], rate, sizeof rate);
        /* the run measured the edge's calls, not each type's: the split is the estimate's */
        bool measured = app->view.edge_measured[app->hover_edge];
        snprintf(l[n++], sizeof l[0], _("%s calls/s %s \xC2\xB7 %s \xC2\xB7 %s each way"), rate,
                 measured ? _("(measured)") : _("(predicted)"), e->mode == EDGE_ASYNC ? "async" : "sync",
                 numfmt_ms_in(e->latency_ms, tr_lang(), lat, sizeof lat));
        char split[500];
        if (paths_type_split(app, app->hover_edge, true, split, sizeof split))
            snprintf(l[n++], sizeof l[0], measured ? _("carries (predicted): %s") : _("carries: %s"), split);
        else
            snprintf(l[n++], sizeof l[0], _("carries no request type of the scenario"));
    } else {
        return false;
    }
    for (int k = 0; k < n; k++) lines[k] = l[k];
    tip_box(app, lines, n, 460);
    return true;
}

void overlay_draw_tooltips(App *app)
{
    /* A shortened text's full text: one the panel gave, else the widget layer's. */
    const char *full = app->fit_tip[0] ? app->fit_tip : app->ui.cut_tip[0] ? app->ui.cut_tip : NULL;
    if (full) {
        const char *lines[1] = {full};
        tip_box(app, lines, 1, 420);
        return;
    }
    if (app->modal != MODAL_NONE) return;
    board_tooltip(app);
}
