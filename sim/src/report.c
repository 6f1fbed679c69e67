/*
 * report.c - text, JSON and CSV reports of a run or of replications.
 */
#include "sim/report.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/grade.h"
#include "sim/numfmt.h"
#include "sim/requirements.h"
#include "sim/scenario_edit.h"
#include "sim/tr.h"
#include "sim/util.h"

/* ---- number formatting for people (numfmt.h) ------------------------------------- */

/* The thousands separator of the current language: "1,234,567", "1 234 567". */
static const char *sep(void)
{
    return numfmt_thousands(tr_lang());
}

static void fmt_count(char *out, size_t n, double v)
{
    numfmt_grouped(v, sep(), out, n);
}

/* A mean count: 3 significant digits under 1,000 ("8.09"), whole and grouped from there
 * ("48,372"), as the counts beside it. */
static const char *fmt_mean_count(double v, char *out, size_t n)
{
    if (v >= 1000) return numfmt_grouped(round(v), sep(), out, n);
    return numfmt_decimal(v, 3, out, n);
}

/* Milliseconds in a column headed ms: 3 significant digits, a unit from 10 s up. */
static void fmt_ms(char *out, size_t n, double ms)
{
    numfmt_ms_column(ms, out, n);
}

/* ---- text --------------------------------------------------------------------------- */

/* A request type's name in a table: its own, or "all" for the row of every type. */
static const char *type_row_name(const Results *r, int t)
{
    return t == r->n_types ? C_("request type", "all") : r->type_names[t];
}

static void text_requests(StrBuf *b, const Model *m, const Summary *s)
{
    const Results *r = s->mean, *h = s->half;
    bool ci = s->n_runs > 1;
    int rows = r->n_types > 1 ? r->n_types + 1 : r->n_types;
    int width[9] = {-10, 12, 9, 9, 9, 9, 9, 9, 0};
    for (int t = 0; t < rows; t++) table_widen(width, (const char *const[]){type_row_name(r, t)}, 1);
    const char *head[9] = {C_("column", "type"), C_("column", "ok/s"), C_("column", "mean"), "p50", "p95", "p99",
                           "p99.9", C_("column", "max"), C_("column", "errors")};
    table_widen(width, head, 9);
    sb_printf(b, _("Requests (latency in ms)%s\n"), ci ? /* xgettext:no-c-format */ _(", mean ±95% CI") : "");
    sb_table_row(b, 9, width, head);
    for (int t = 0; t < rows; t++) {
        const double *f = r->types[t];
        char rps[32], v[6][32], err[48];
        fmt_count(rps, sizeof rps, f[TF_THROUGHPUT_RPS]);
        const TypeFig figs[6] = {TF_MEAN_MS, TF_P50_MS, TF_P95_MS, TF_P99_MS, TF_P999_MS, TF_MAX_MS};
        for (int k = 0; k < 6; k++) fmt_ms(v[k], sizeof v[k], f[figs[k]]);
        snprintf(err, sizeof err, "%.2f%%", 100 * f[TF_ERROR_RATE]);
        const char *row[9] = {type_row_name(r, t), rps, v[0], v[1], v[2], v[3], v[4], v[5], err};
        sb_table_row(b, 9, width, row);
        if (ci) {
            char hr[NUMFMT_CAP + 4], hv[6][NUMFMT_CAP + 4], he[48], x[NUMFMT_CAP];
            snprintf(hr, sizeof hr, "±%s", numfmt_decimal(h->types[t][TF_THROUGHPUT_RPS], 3, x, sizeof x));
            for (int k = 0; k < 6; k++)
                snprintf(hv[k], sizeof hv[k], "±%s", numfmt_decimal(h->types[t][figs[k]], 2, x, sizeof x));
            snprintf(he, sizeof he, "±%.2f%%", 100 * h->types[t][TF_ERROR_RATE]);
            const char *half[9] = {"", hr, hv[0], hv[1], hv[2], hv[3], hv[4], hv[5], he};
            sb_table_row(b, 9, width, half);
        }
    }
    /* errors by cause */
    bool any = false;
    for (int t = 0; t < r->n_types; t++) {
        const double *f = r->types[t];
        if (f[TF_ERRORS] <= 0) continue;
        if (!any) sb_puts(b, _("  errors by cause:"));
        any = true;
        sb_printf(b, "\n    %s:", r->type_names[t]);
        const TypeFig causes[5] = {TF_ERR_REJECTED, TF_ERR_TIMEOUT, TF_ERR_FAILED,
                                   TF_ERR_RATE_LIMITED, TF_ERR_CIRCUIT_OPEN};
        const ErrCause names[5] = {ERR_REJECTED, ERR_TIMEOUT, ERR_FAILED, ERR_RATE_LIMITED, ERR_CIRCUIT_OPEN};
        bool first = true;
        for (int k = 0; k < 5; k++)
            if (f[causes[k]] > 0) {
                char c[32];
                fmt_count(c, sizeof c, f[causes[k]]);
                sb_printf(b, "%s %s %s", first ? "" : ",", c, err_cause_words(names[k], false, tr_lang()));
                first = false;
            }
    }
    if (any) sb_puts(b, "\n");
    /* stale reads: only types with sessions, when a database models replication lag */
    any = false;
    for (int t = 0; t < r->n_types; t++) {
        const double *f = r->types[t];
        if (!(f[TF_SESSION_READS] > 0)) continue;
        char c[32], pct[NUMFMT_CAP];
        fmt_count(c, sizeof c, f[TF_SESSION_READS]);
        if (!any) sb_puts(b, _("  stale reads (a replica behind the session's own write):"));
        any = true;
        sb_printf(b, _("\n    %s: %s of %s database reads"), r->type_names[t],
                  numfmt_percent_fine(f[TF_STALE_READ_RATE], pct, sizeof pct), c);
    }
    if (any) sb_puts(b, "\n");
    /* async pipelines */
    bool async = false;
    for (int t = 0; t < r->n_types; t++) async |= r->types[t][TF_ASYNC_COUNT] > 0;
    if (async) {
        sb_printf(b, _("\nAsync work started by each type (enqueue to done, ms)\n"));
        int aw[8] = {width[0], 12, 12, 9, 9, 9, 9, 0};
        /* a rate and a share, as the table above gives its requests; and the tasks a
         * request starts (a queue with two consumer groups: 2), without which 608 done/s
         * beside 304 requests/s read as a contradiction */
        const char *ah[8] = {C_("column", "type"), C_("column", "done/s"), C_("column", "per request"),
                             C_("column", "mean"), "p50", "p99", C_("column", "max"), C_("column", "failed")};
        table_widen(aw, ah, 8);
        sb_table_row(b, 8, aw, ah);
        for (int t = 0; t < r->n_types; t++) {
            const double *f = r->types[t];
            if (f[TF_ASYNC_COUNT] <= 0 && f[TF_ASYNC_ERRORS] <= 0) continue;
            char c[32], per[NUMFMT_CAP], v[4][32], e[32];
            fmt_count(c, sizeof c, r->duration_s > 0 ? f[TF_ASYNC_COUNT] / r->duration_s : 0);
            numfmt_decimal(results_async_per_request(r, t), 2, per, sizeof per);
            fmt_ms(v[0], sizeof v[0], f[TF_ASYNC_MEAN_MS]);
            fmt_ms(v[1], sizeof v[1], f[TF_ASYNC_P50_MS]);
            fmt_ms(v[2], sizeof v[2], f[TF_ASYNC_P99_MS]);
            fmt_ms(v[3], sizeof v[3], f[TF_ASYNC_MAX_MS]);
            double ended = f[TF_ASYNC_COUNT] + f[TF_ASYNC_ERRORS];
            snprintf(e, sizeof e, "%.2f%%", ended > 0 ? 100 * f[TF_ASYNC_ERRORS] / ended : 0);
            const char *row[8] = {r->type_names[t], c, per, v[0], v[1], v[2], v[3], e};
            sb_table_row(b, 8, aw, row);
        }
    }
    (void)m;
}

/* One more note in a node's notes column, after "; " when there are some already. */
static void note_add(char *notes, size_t cap, size_t *used, const char *fmt, ...)
{
    size_t n = *used;
    if (n > 0) n += (size_t)snprintf(notes + n, cap - n, "; ");
    if (n < cap) {
        va_list ap;
        va_start(ap, fmt);
        n += (size_t)vsnprintf(notes + n, cap - n, fmt, ap);
        va_end(ap);
    }
    *used = n < cap ? n : cap - 1; /* cut */
}

static void text_nodes(StrBuf *b, const Model *m, const Summary *s)
{
    const Results *r = s->mean;
    int width[8] = {-8, -13, 11, 6, 15, 11, 9, 0};
    for (int i = 0; i < r->n_nodes; i++) table_widen(width, (const char *const *)&r->node_ids[i], 1);
    const char *head[8] = {C_("column", "node"), C_("column", "kind"), C_("column", "done/s"), C_("column", "util"),
                           C_("column", "queue mean/max"), C_("column", "wait p99"), C_("column", "drops"),
                           C_("column", "notes")};
    table_widen(width, head, 8);
    sb_printf(b, "\n%s\n", _("Nodes"));
    sb_table_row(b, 8, width, head);
    bool *over = xcalloc((size_t)m->n_nodes + 1, sizeof *over);
    int *backed = node_backed_up_all(m, r, over);
    int full = results_full_at_times(m, r, NULL);
    for (int i = 0; i < r->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        if (n->kind == NODE_CLIENT) continue;
        const double *f = r->nodes[i];
        char rps[32], q[2 * NUMFMT_CAP + 4], wait[32], drops[32], util[32], mean_q[NUMFMT_CAP], max_q[NUMFMT_CAP], notes[400] = "";
        fmt_count(rps, sizeof rps, f[NF_THROUGHPUT_RPS]);
        fmt_mean_count(f[NF_MEAN_QUEUE] < 0.001 ? 0 : f[NF_MEAN_QUEUE], mean_q, sizeof mean_q);
        fmt_count(max_q, sizeof max_q, f[NF_MAX_QUEUE]);
        snprintf(q, sizeof q, "%s / %s", mean_q, max_q);
        numfmt_percent(f[NF_UTILISATION], util, sizeof util);
        fmt_ms(wait, sizeof wait, f[NF_P99_WAIT_MS]);
        size_t wl = strlen(wait);
        if (wl && isdigit((unsigned char)wait[wl - 1])) /* a bare number: ms; else it has its unit */
            snprintf(wait + wl, sizeof wait - wl, "%s", C_("duration", " ms"));
        fmt_count(drops, sizeof drops, f[NF_DROPS]);
        size_t used = 0;
        if (f[NF_UP_SHARE] >= 0) { /* its util is of the time its servers were up */
            char up[NUMFMT_CAP];
            note_add(notes, sizeof notes, &used, _("servers up %s"),
                     numfmt_percent(f[NF_UP_SHARE], up, sizeof up));
        }
        if (node_inflight_full_s(m, r, i) > 0) /* its requests waited for a place, not a slot */
            note_add(notes, sizeof notes, &used, _("in-flight full %.3g s"),
                     f[NF_INFLIGHT_FULL_S]);
        if (f[NF_HIT_RATIO] >= 0)
            note_add(notes, sizeof notes, &used, _("hit %.1f%%"),
                     100 * f[NF_HIT_RATIO]);
        if (n->kind == NODE_QUEUE) {
            char mb[NUMFMT_CAP];
            fmt_mean_count(f[NF_MEAN_BACKLOG], mb, sizeof mb);
            char mx[NUMFMT_CAP], end[NUMFMT_CAP];
            note_add(notes, sizeof notes, &used, _("backlog mean %s, max %s, end %s"), mb,
                     numfmt_grouped(f[NF_MAX_BACKLOG], sep(), mx, sizeof mx),
                     numfmt_grouped(f[NF_END_BACKLOG], sep(), end, sizeof end));
        }
        if (f[NF_SESSION_READS] >= 0) {
            char pct[NUMFMT_CAP];
            note_add(notes, sizeof notes, &used, _("stale %s"),
                     numfmt_percent_fine(f[NF_STALE_READ_RATE], pct, sizeof pct));
        }
        if (f[NF_PRIMARY_READS] > 0 && f[NF_SESSION_READS] > 0)
            note_add(notes, sizeof notes, &used, _("ryw->primary %.0f%%"),
                     100 * f[NF_PRIMARY_READS] / f[NF_SESSION_READS]);
        bool repl_shown = f[NF_PRIMARY_UTILISATION] >= 0 && results_node_fig_shown(m, i, NF_PRIMARY_UTILISATION);
        char pu[32];
        if (repl_shown) {
            numfmt_percent(f[NF_PRIMARY_UTILISATION], pu, sizeof pu);
            if (f[NF_PRIMARY_UP_SHARE] >= 0) { /* of the time the primaries were up */
                char up[NUMFMT_CAP];
                note_add(notes, sizeof notes, &used, _("primary %s (up %s)"), pu,
                         numfmt_percent(f[NF_PRIMARY_UP_SHARE], up, sizeof up));
            } else {
                note_add(notes, sizeof notes, &used, _("primary %s"), pu);
            }
        }
        double ur = node_replicas_full(m, r, i), us = node_server_full(m, r, i);
        if (ur >= 0) { /* the whole hides full replicas beside idle primaries */
            numfmt_percent(ur, pu, sizeof pu);
            note_add(notes, sizeof notes, &used, _("replicas %s"), pu);
        } else if (us >= 0) { /* ... or one server full alone (a hot shard) */
            numfmt_percent(us, pu, sizeof pu);
            note_add(notes, sizeof notes, &used, _("busiest server %s"), pu);
        }
        double usable_share;
        int usable, slots;
        if (node_usable_share(m, r, i, &usable_share, &usable, &slots)) { /* its util is of all its slots */
            numfmt_percent(usable_share, pu, sizeof pu);
            note_add(notes, sizeof notes, &used, _("%d of %d slots usable (partitions): %s busy"), usable, slots, pu);
        }
        if (f[NF_FAILOVERS] >= 0 && (f[NF_FAILOVERS] > 0 || f[NF_NO_PRIMARY_S] > 0)) {
            char failed[NUMFMT_CAP], waited[NUMFMT_CAP];
            fmt_count(failed, sizeof failed, f[NF_FAILOVER_WRITES_FAILED]);
            fmt_count(waited, sizeof waited, f[NF_FAILOVER_WRITES_WAITED]);
            note_add(notes, sizeof notes, &used, _("failovers %.0f (%.3g s without primary, %s writes failed, "
                     "%s waited)"),
                     f[NF_FAILOVERS], f[NF_NO_PRIMARY_S], failed, waited);
        }
        if (backed[i] >= 0)
            note_add(notes, sizeof notes, &used, _("backed up by %s"), m->nodes[backed[i]].id);
        else if ((over[i] && node_over_at_times(m, r, i)) || i == full)
            note_add(notes, sizeof notes, &used, _("OVER CAPACITY AT TIMES"));
        else if (over[i])
            note_add(notes, sizeof notes, &used, _("OVER CAPACITY"));
        if (r->bottleneck == i) snprintf(notes + used, sizeof notes - used, "%s%s", used ? " " : "", _("<- bottleneck"));
        const char *row[8] = {n->id, node_kind_name(n->kind), rps, util, q, wait, drops, notes};
        sb_table_row(b, 8, width, row);
    }
    free(backed);
    free(over);
}

/* Consumer groups of queues with delivery settings: counts that add up, lag, and the
 * partitions that lag most. Absent for designs without such queues. */
static void text_groups(StrBuf *b, const Model *m, const Summary *s)
{
    const Results *r = s->mean;
    if (r->n_groups == 0) return;
    sb_puts(b, _("\nConsumer groups (queue -> consumer; messages in the window)\n"));
    for (int g = 0; g < r->n_groups; g++) {
        const double *f = r->groups[g];
        int k = r->group_edge[g];
        if (k < 0 || k >= m->n_edges) continue;
        const Edge *ed = &m->edges[k];
        char a[NUMFMT_CAP], b2[NUMFMT_CAP], c[NUMFMT_CAP], d[NUMFMT_CAP], x[NUMFMT_CAP], y[NUMFMT_CAP],
            z1[NUMFMT_CAP], z2[NUMFMT_CAP];
        sb_printf(b, "  %s -> %s: ", ed->from, ed->to);
        if (f[GF_PARTITIONS] > 0)
            sb_printf(b, _("%s partitions, %s consumer slots, %s usable\n"), numfmt_grouped(f[GF_PARTITIONS], sep(), a, sizeof a),
                      numfmt_grouped(f[GF_CONSUMER_SLOTS], sep(), b2, sizeof b2), numfmt_grouped(f[GF_USABLE_SLOTS], sep(), c, sizeof c));
        else
            sb_printf(b, _("one shared FIFO, %s consumer slots\n"), numfmt_grouped(f[GF_CONSUMER_SLOTS], sep(), a, sizeof a));
        char ex[NUMFMT_CAP + 48] = "";
        int qn = ed->from ? model_find_node(m, ed->from) : -1;
        if (f[GF_EXPIRED] > 0 || (qn >= 0 && m->nodes[qn].retention_s > 0)) {
            char n_ex[NUMFMT_CAP];
            snprintf(ex, sizeof ex, _("expired %s + "), numfmt_grouped(f[GF_EXPIRED], sep(), n_ex, sizeof n_ex));
        }
        sb_printf(b, _("    held at start %s + enqueued %s = done %s + dead-lettered %s + discarded %s + %s"
                     "held at end %s (waiting %s, in flight %s)\n"),
                  numfmt_grouped(f[GF_START_HELD], sep(), a, sizeof a), numfmt_grouped(f[GF_ENQUEUED], sep(), b2, sizeof b2),
                  numfmt_grouped(f[GF_DONE], sep(), c, sizeof c), numfmt_grouped(f[GF_DEAD_LETTERED], sep(), d, sizeof d),
                  numfmt_grouped(f[GF_DISCARDED], sep(), x, sizeof x), ex,
                  numfmt_grouped(f[GF_END_WAITING] + f[GF_END_IN_FLIGHT], sep(), y, sizeof y),
                  numfmt_grouped(f[GF_END_WAITING], sep(), z1, sizeof z1), numfmt_grouped(f[GF_END_IN_FLIGHT], sep(), z2, sizeof z2));
        sb_printf(b, _("    deliveries %s, redelivered %s, duplicates %s, rejected %s\n"),
                  numfmt_grouped(f[GF_DELIVERIES], sep(), a, sizeof a), numfmt_grouped(f[GF_REDELIVERED], sep(), b2, sizeof b2),
                  numfmt_grouped(f[GF_DUPLICATES], sep(), c, sizeof c), numfmt_grouped(f[GF_REJECTED], sep(), d, sizeof d));
        char ms1[NUMFMT_CAP], ms2[NUMFMT_CAP], mean[NUMFMT_CAP];
        sb_printf(b, _("    lag: max %s messages / %s, mean %s messages, end %s messages / %s\n"),
                  numfmt_grouped(f[GF_MAX_LAG_MESSAGES], sep(), a, sizeof a), numfmt_ms_in(1000 * f[GF_MAX_LAG_S], tr_lang(), ms1, sizeof ms1),
                  fmt_mean_count(f[GF_MEAN_LAG_MESSAGES], mean, sizeof mean),
                  numfmt_grouped(f[GF_END_LAG_MESSAGES], sep(), b2, sizeof b2), numfmt_ms_in(1000 * f[GF_END_LAG_S], tr_lang(), ms2, sizeof ms2));
        int n_parts = r->group_part[g + 1] - r->group_part[g];
        if (n_parts < 2) continue;
        /* the three partitions with the largest lag */
        int top[3] = {-1, -1, -1};
        for (int p = 0; p < n_parts; p++) {
            double v = r->parts[r->group_part[g] + p][PF_MAX_LAG_MESSAGES];
            for (int t = 0; t < 3; t++)
                if (top[t] < 0 || v > r->parts[r->group_part[g] + top[t]][PF_MAX_LAG_MESSAGES]) {
                    for (int u = 2; u > t; u--) top[u] = top[u - 1];
                    top[t] = p;
                    break;
                }
        }
        sb_puts(b, _("    most lag:"));
        for (int t = 0; t < 3 && top[t] >= 0; t++) {
            const double *pf = r->parts[r->group_part[g] + top[t]];
            sb_printf(b, _("%s partition %d max %s messages / %s (enqueued %s)"), t ? "," : "", top[t],
                      numfmt_grouped(pf[PF_MAX_LAG_MESSAGES], sep(), a, sizeof a),
                      numfmt_ms_in(1000 * pf[PF_MAX_LAG_S], tr_lang(), ms1, sizeof ms1),
                      numfmt_grouped(pf[PF_ENQUEUED], sep(), b2, sizeof b2));
        }
        sb_puts(b, "\n");
    }
}

/* Caches with the key model, a write policy or coalescing: what the hit ratio came from. */
/* Autoscaled nodes: instances held, decisions, what they cost; then the first changes. */
static void text_autoscale(StrBuf *b, const Model *m, const Summary *s)
{
    const Results *r = s->mean;
    if (!model_has_autoscale(m)) return;
    sb_puts(b, _("\nAutoscaling\n"));
    for (int i = 0; i < r->n_nodes && i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        if (!node_autoscaled(n)) continue;
        const double *f = r->nodes[i];
        char is[32];
        fmt_count(is, sizeof is, f[NF_INSTANCE_SECONDS]);
        sb_printf(b, _("  %s: instances mean %.2f, max %.0f, at the end %.0f; %.0f scale-outs "
                       "(%.0f launched), %.0f scale-ins; %s instance-s held = %.2f USD\n"),
                  n->id, f[NF_MEAN_INSTANCES], f[NF_MAX_INSTANCES], f[NF_END_INSTANCES],
                  f[NF_SCALE_OUTS], f[NF_LAUNCHED], f[NF_SCALE_INS], is, f[NF_COST_USD]);
    }
    int shown = r->n_scale_log < 40 ? r->n_scale_log : 40;
    for (int k = 0; k < shown; k++) {
        const ScaleEvent *ev = &r->scale_log[k];
        sb_printf(b, _("    %10.3f s  %-10s %s %d -> serving %d, booting %d, desired %d\n"), ev->t_s,
                  scale_action_name(ev->action),
                  ev->node >= 0 && ev->node < m->n_nodes ? m->nodes[ev->node].id : "?", ev->count,
                  ev->serving, ev->booting, ev->desired);
    }
    if (r->n_scale_log > shown)
        sb_printf(b, _("    ... %d more changes (the JSON report lists them all)\n"), r->n_scale_log - shown);
}

static void text_caches(StrBuf *b, const Model *m, const Summary *s)
{
    const Results *r = s->mean;
    if (!model_has_cache_model(m)) return;
    sb_puts(b, _("\nCaches\n"));
    for (int i = 0; i < r->n_nodes && i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        if (!node_cache_extended(n)) continue;
        const double *f = r->nodes[i];
        char reads[32], miss[32], peak[32], ent[32], ev[32];
        fmt_count(reads, sizeof reads, f[NF_READS]);
        fmt_count(miss, sizeof miss, f[NF_MISS_CALLS]);
        fmt_count(peak, sizeof peak, f[NF_MISS_PEAK_RPS]);
        fmt_count(ent, sizeof ent, f[NF_ENTRIES]);
        fmt_count(ev, sizeof ev, f[NF_EVICTIONS]);
        sb_printf(b, _("  %s: reads %s, hit %.1f%%, store calls on misses %s"), n->id, reads,
                  f[NF_READS] > 0 ? 100 * f[NF_HITS] / f[NF_READS] : 0.0, miss);
        if (f[NF_COALESCED] > 0) {
            char co[32];
            fmt_count(co, sizeof co, f[NF_COALESCED]);
            sb_printf(b, _(", coalesced %s"), co);
        }
        if (f[NF_MISS_PEAK_AT_S] >= 0)
            sb_printf(b, _("; miss peak %s/s in the second ending at %.0f s"), peak, f[NF_MISS_PEAK_AT_S]);
        if (node_key_model(n)) {
            sb_printf(b, _("; entries %s, evicted %s"), ent, ev);
            if (n->ttl_s > 0) {
                char ex[32];
                fmt_count(ex, sizeof ex, f[NF_EXPIRED]);
                sb_printf(b, _(", expired %s"), ex);
            }
        }
        if (n->write_policy == WRITE_BACK) {
            char fl[32], lost[32], md[32];
            fmt_count(fl, sizeof fl, f[NF_FLUSHED]);
            fmt_count(lost, sizeof lost, f[NF_LOST_WRITES]);
            fmt_count(md, sizeof md, f[NF_MAX_DIRTY]);
            sb_printf(b, _("; write-back: dirty mean %.1f, max %s, flushed %s, lost %s"),
                      f[NF_MEAN_DIRTY], md, fl, lost);
        }
        sb_puts(b, "\n");
    }
}

static void text_requirements(StrBuf *b, const Model *m, const Summary *s)
{
    if (m->scenario.n_requirements == 0) return;
    Verdict *v;
    bool all;
    int n = requirements_check(m, s->mean, s->n_runs > 1 ? s->half : NULL, &v, &all);
    int pass = 0;
    sb_puts(b, _("\nRequirements\n"));
    /* the descriptions in the current language; the figures in one column after the
     * longest (48 letters at least) */
    char **desc = xmalloc(((size_t)n + 1) * sizeof *desc);
    int col = 48;
    for (int i = 0; i < n; i++) {
        desc[i] = requirement_describe_in(m, i, tr_lang());
        int w = (int)utf8_chars(desc[i]) + 2;
        if (w > col) col = w;
    }
    for (int i = 0; i < n; i++) {
        const char *d = desc[i];
        const Requirement *q = &m->scenario.requirements[i];
        StrBuf val; /* in the metric's unit, as the grade writes it */
        sb_init(&val);
        if (!v[i].measured) {
            sb_printf(&val, _("not measured (%s)"), requirement_unmeasured_why(q->metric, tr_lang()));
        } else {
            requirement_put_measured(&val, q, v[i].value, tr_lang());
            if (v[i].half > 0) {
                sb_puts(&val, " \xC2\xB1");
                requirement_put_value(&val, q->metric, v[i].half, FIG_SPREAD, tr_lang());
            }
        }
        /* the description padded by letters (not bytes: Cyrillic takes two each) */
        int letters = (int)utf8_chars(d);
        char verdict[64];
        sb_printf(b, "  %s  %s%*s %s", requirement_verdict(v[i].pass, tr_lang(), verdict, sizeof verdict), d,
                  letters < col ? col - letters : 0, "", val.data ? val.data : "");
        sb_free(&val);
        sb_puts(b, "\n");
        pass += v[i].pass;
        free(desc[i]);
    }
    free(desc);
    sb_printf(b, _("  %d of %d requirements pass: %s\n"), pass, n, all ? _("PASS") : _("FAIL"));
    ErrCause cause;
    double failed = grade_unguarded_errors(m, s->mean, &cause);
    char *note = grade_unguarded_note(failed, cause, tr_lang());
    if (note) {
        sb_printf(b, "  %s\n", note);
        free(note);
    }
    free(v);
}

/* ---- the traced request ------------------------------------------------------------- */

double trace_span_own_ms(const TraceSpan *t)
{
    /* each part only where the hop got that far (NAN otherwise) */
    double parts[4] = {t->t_arrive - t->t_sent, t->t_received - t->t_replied, t->t_start - t->t_arrive,
                       t->t_served - t->t_start};
    double own = 0;
    for (int k = 0; k < 4; k++)
        if (isfinite(parts[k]) && parts[k] > 0) own += parts[k];
    return 1000 * own;
}

int trace_slowest_hop(const Results *r)
{
    if (!r->trace || r->n_trace < 2) return -1;
    int slowest = 0;
    for (int i = 1; i < r->n_trace; i++)
        if (trace_span_own_ms(&r->trace[i]) > trace_span_own_ms(&r->trace[slowest])) slowest = i;
    return slowest;
}

/* The deepest hop below span i still unanswered at time `at` (synchronous calls only),
 * or i itself. */
static int still_waiting_on(const Results *r, int i, double at)
{
    for (;;) {
        int next = -1;
        for (int k = i + 1; k < r->n_trace; k++) {
            const TraceSpan *c = &r->trace[k];
            if (c->parent != i || c->async || !(c->t_sent < at)) continue;
            if (isnan(c->t_received) || c->t_received > at) next = k; /* the last one sent */
        }
        if (next < 0) return i;
        i = next;
    }
}

char *trace_failure(const Model *m, const Results *r, NodeNaming naming)
{
    if (!r->trace || r->n_trace == 0 || !r->trace[0].err) return NULL;
    const TraceSpan *sp = r->trace;
    int cur = 0;
    for (;;) {
        const TraceSpan *t = &sp[cur];
        /* When this hop's error was decided: a timeout by the caller's clock (the client's
         * for the root) before the hop answered is this hop's own; else at its answer. */
        double decided = t->t_replied;
        if (t->err == ERR_TIMEOUT) {
            double to = cur == 0 && t->node >= 0 && t->node < m->n_nodes ? m->nodes[t->node].timeout_ms : 0;
            double clock = cur == 0 ? (to > 0 ? t->t_sent + to / 1000 : NAN) : t->t_received;
            if (isfinite(clock) && !(t->t_replied <= clock)) break;
        }
        /* the child whose error became this hop's: the last attempt that failed alike,
         * before it was decided */
        int child = -1;
        for (int k = cur + 1; k < r->n_trace; k++)
            if (sp[k].parent == cur && !sp[k].async && sp[k].err == t->err &&
                !(sp[k].t_received > decided))
                child = k;
        if (child < 0) break;
        cur = child;
    }
    const TraceSpan *t = &sp[cur];
    if (t->node < 0 || t->node >= m->n_nodes) return NULL;
    char at[200], ms[NUMFMT_CAP];
    node_name_in(m, &m->nodes[t->node], naming, tr_lang(), at, sizeof at);
    StrBuf b;
    sb_init(&b);
    switch ((ErrCause)t->err) {
    case ERR_TIMEOUT:
        if (cur == 0) {
            double to = m->nodes[t->node].timeout_ms;
            sb_printf(&b, _("timed out at the client after %s"), numfmt_ms_in(to, tr_lang(), ms, sizeof ms));
            int w = still_waiting_on(r, 0, t->t_sent + to / 1000);
            if (w != 0) sb_printf(&b, _(", still waiting on %s"), node_name_in(m, &m->nodes[sp[w].node], naming, tr_lang(), at, sizeof at));
        } else {
            sb_printf(&b, _("timed out after %s calling %s"), numfmt_ms_in(1000 * (t->t_received - t->t_sent), tr_lang(), ms, sizeof ms), at);
            int w = still_waiting_on(r, cur, t->t_received);
            if (w != cur)
                sb_printf(&b, _(", which was still waiting on %s"), node_name_in(m, &m->nodes[sp[w].node], naming, tr_lang(), at, sizeof at));
        }
        break;
    case ERR_REJECTED:
        if (m->nodes[t->node].kind == NODE_QUEUE && isfinite(t->t_served))
            sb_printf(&b, _("rejected at %s: it already held max_depth messages"), at);
        else
            sb_printf(&b, _("rejected at %s: its queue was full"), at);
        break;
    case ERR_FAILED:
        if (m->nodes[t->node].kind == NODE_LOAD_BALANCER && isfinite(t->t_served))
            sb_printf(&b, _("failed at %s: every target was down"), at);
        else
            sb_printf(&b, _("failed at %s: all its servers were down"), at);
        break;
    case ERR_RATE_LIMITED: sb_printf(&b, _("rate limited at %s (rate_limit_rps)"), at); break;
    case ERR_CIRCUIT_OPEN: sb_printf(&b, _("failed fast at %s: a circuit breaker on its calls was open"), at); break;
    default: sb_printf(&b, _("failed at %s"), at); break;
    }
    if (t->attempt > 0) sb_printf(&b, P_(", after %d retry", ", after %d retries", t->attempt), t->attempt);
    return sb_take(&b);
}

/* A time of the trace in its ms column: "-" when it did not happen. */
static void trace_ms(char *out, size_t cap, double seconds)
{
    if (isnan(seconds))
        snprintf(out, cap, "-");
    else if (seconds < 0.5e-6)
        snprintf(out, cap, "0");
    else
        numfmt_ms_column(seconds * 1000, out, cap);
}

enum { TRACE_TEXT_MAX = 40, TRACE_COLS = 7 };

static void text_trace_span(StrBuf *b, const Model *m, const Results *r, const int *width, int i,
                            int depth, int slowest, int *shown)
{
    if (*shown >= TRACE_TEXT_MAX) return;
    (*shown)++;
    const TraceSpan *t = &r->trace[i];
    double t0 = r->trace[0].t_sent;
    char name[96];
    snprintf(name, sizeof name, "%*s%s%s%s", 2 * depth, "", t->async ? "~> " : depth ? "-> " : "",
             m->nodes[t->node].id, t->attempt ? _(" (retry)") : "");
    utf8_truncate(name, (size_t)-width[0]);
    char v[TRACE_COLS][NUMFMT_CAP];
    trace_ms(v[1], sizeof v[1], t->t_arrive - t0);
    trace_ms(v[2], sizeof v[2], (t->t_arrive - t->t_sent) + (t->t_received - t->t_replied));
    trace_ms(v[3], sizeof v[3], t->t_start - t->t_arrive);
    trace_ms(v[4], sizeof v[4], t->t_served - t->t_start);
    trace_ms(v[5], sizeof v[5], t->t_replied - t->t_served);
    trace_ms(v[6], sizeof v[6], t->t_received - t->t_sent);
    sb_puts(b, "  ");
    sb_cell(b, width[0], name);
    for (int k = 1; k < TRACE_COLS; k++) {
        sb_puts(b, " ");
        sb_cell(b, width[k], v[k]);
    }
    if (t->err && t->err < ERR_COUNT) sb_printf(b, "  %s", err_cause_words((ErrCause)t->err, false, tr_lang()));
    if (i == slowest) sb_puts(b, _("  <- slowest hop"));
    sb_puts(b, "\n");
    /* Children in order; a fan-out's run of calls to one node shows its first two and
     * a line for the rest. */
    int run_node = -1, run_len = 0, hidden = 0;
    double hidden_max = 0;
    for (int k = i + 1; k <= r->n_trace; k++) {
        bool child = k < r->n_trace && r->trace[k].parent == i;
        if (k == r->n_trace || (child && r->trace[k].node != run_node)) {
            if (hidden > 0 && *shown < TRACE_TEXT_MAX) {
                (*shown)++;
                char ms[NUMFMT_CAP];
                sb_printf(b,
                          P_("  %*s   ... %d more call to %s, the slowest %s in all\n",
                             "  %*s   ... %d more calls to %s, the slowest %s in all\n", hidden),
                          2 * depth + 2, "",
                          hidden, m->nodes[run_node].id, numfmt_ms_in(hidden_max, tr_lang(), ms, sizeof ms));
            }
            hidden = 0;
            hidden_max = 0;
            run_len = 0;
        }
        if (!child) continue;
        run_node = r->trace[k].node;
        if (++run_len <= 2 || k == slowest) {
            text_trace_span(b, m, r, width, k, depth + 1, slowest, shown);
        } else {
            hidden++;
            double tot = 1000 * (r->trace[k].t_received - r->trace[k].t_sent);
            if (!isnan(tot) && tot > hidden_max) hidden_max = tot;
        }
    }
}

static void text_trace(StrBuf *b, const Model *m, const Results *r)
{
    if (r->trace_type < 0) return;
    const char *type = r->type_names[r->trace_type];
    if (r->n_trace == 0) {
        sb_printf(b, _("\nTrace: no %s request was born in the traced window.\n"), type);
        return;
    }
    int slowest = trace_slowest_hop(r);
    sb_printf(b, _("\nTrace of one %s request, born at %.6f s (ms from its birth; wire = both "
              "ways;\n  waiting = for downstream calls; ~> async)\n"),
              type, r->trace[0].t_sent);
    int width[TRACE_COLS] = {-30, 8, 7, 7, 7, 8, 8};
    const char *head[TRACE_COLS] = {C_("column", "hop"),    C_("column", "at"),      C_("column", "wire"),
                                    C_("column", "queued"), C_("column", "served"), C_("column", "waiting"),
                                    C_("column", "total")};
    table_widen(width, head, TRACE_COLS);
    sb_table_row(b, TRACE_COLS, width, head);
    int shown = 0;
    text_trace_span(b, m, r, width, 0, 0, slowest, &shown);
    if (shown >= TRACE_TEXT_MAX) sb_puts(b, _("  ... (more hops in the JSON report)\n"));
    char *why = trace_failure(m, r, NAMING_LABEL_AND_ID);
    if (why) sb_printf(b, _("  The request failed: %s.\n"), why);
    free(why);
}

/* What the scenario makes happen during the run, one line each, as the Scenario panel
 * words it: "a read replica dies — Postgres: 1 replica fails 15–25 s". */
static void text_events(StrBuf *b, const Model *m, const Results *r)
{
    const Scenario *sc = &m->scenario;
    if (sc->n_events == 0) return;
    sb_puts(b, _("During the run\n"));
    double end = r->warmup_s + r->duration_s; /* the run's, which --duration may have cut */
    for (int i = 0; i < sc->n_events; i++) {
        const ScenarioEvent *e = &sc->events[i];
        char what[400], end_s[NUMFMT_CAP];
        scenario_event_line(m, e, true, what, sizeof what);
        const char *label = scenario_event_label_in(sc, i, tr_lang());
        if (label) sb_printf(b, "  %s \xE2\x80\x94 %s", label, what);
        else sb_printf(b, "  %s", what);
        /* a run made shorter than the scenario's never reaches it */
        if (e->at_s >= end) sb_printf(b, _(" (not reached: the run ends at %s s)"), numfmt_decimal(end, 6, end_s, sizeof end_s));
        else if (e->for_s > 0 && e->at_s + e->for_s <= r->warmup_s) sb_puts(b, _(" (over within the warm-up: not measured)"));
        else if (scenario_event_idle(m, e)) sb_puts(b, _(" (no effect: it has no read replicas)"));
        sb_puts(b, "\n");
    }
    sb_puts(b, "\n");
}

char *report_text(const Model *m, const Summary *s)
{
    const Results *r = s->mean;
    StrBuf b;
    sb_init(&b);
    char ev[32];
    fmt_count(ev, sizeof ev, (double)r->events);
    const char *title = scenario_title_in(m, tr_lang()); /* the translation where the file has one */
    sb_printf(&b, "%s\n", title ? title : _("(untitled design)"));
    char dur[NUMFMT_CAP], warm[NUMFMT_CAP];
    numfmt_decimal(r->duration_s, 6, dur, sizeof dur);
    numfmt_decimal(r->warmup_s, 6, warm, sizeof warm);
    const char *cancelled = r->cancelled ? _(" (CANCELLED: partial results)") : "";
    if (r->warmup_s > 0)
        sb_printf(&b,
                  P_("simulated %s s after a %s s warm-up, seed %llu, %d replication, %s events%s\n\n",
                     "simulated %s s after a %s s warm-up, seed %llu, %d replications, %s events%s\n\n", s->n_runs),
                  dur, warm, (unsigned long long)r->seed, s->n_runs, ev, cancelled);
    else /* not "after a 0 s warm-up": every second is measured */
        sb_printf(&b,
                  P_("simulated %s s without a warm-up, seed %llu, %d replication, %s events%s\n\n",
                     "simulated %s s without a warm-up, seed %llu, %d replications, %s events%s\n\n", s->n_runs),
                  dur, (unsigned long long)r->seed, s->n_runs, ev, cancelled);
    if (r->refused > 0) {
        char lim[NUMFMT_CAP], n[NUMFMT_CAP];
        sb_printf(&b, _("WARNING: the design held more than %s requests, calls or queued messages at "
                      "once; %s further calls or messages were refused (counted as rejected) so "
                      "that memory stays bounded. Look for an enormous fan-out or a queue without "
                      "bound.\n\n"),
                  numfmt_grouped(4u << 20, sep(), lim, sizeof lim), numfmt_grouped((double)r->refused, sep(), n, sizeof n));
    }
    text_events(&b, m, r);
    text_requests(&b, m, s);
    text_nodes(&b, m, s);
    text_groups(&b, m, s);
    text_caches(&b, m, s);
    text_autoscale(&b, m, s);
    if (m->scenario.n_zones > 0) {
        double xz = 0, xr = 0, calls = 0;
        for (int k = 0; k < r->n_edges; k++) {
            xz += r->edges[k][EF_CROSS_ZONE] > 0 ? r->edges[k][EF_CROSS_ZONE] : 0;
            xr += r->edges[k][EF_CROSS_REGION] > 0 ? r->edges[k][EF_CROSS_REGION] : 0;
            calls += r->edges[k][EF_CALLS];
        }
        char a[32], c[32], t[32];
        fmt_count(a, sizeof a, xz);
        fmt_count(c, sizeof c, xr);
        fmt_count(t, sizeof t, calls);
        sb_printf(&b, _("\nZones: %s of %s calls crossed zones, %s of them regions\n"), a, t, c);
    }
    if (r->bottleneck_why) { /* for people: counts thousands apart (the JSON keeps its form) */
        char *why = bottleneck_why_in(m, r, tr_lang());
        sb_printf(&b, _("\nBottleneck: %s\n"), why ? why : r->bottleneck_why);
        free(why);
    }
    bool *over = xcalloc((size_t)m->n_nodes + 1, sizeof *over);
    int *backed = node_backed_up_all(m, r, over);
    bool header = false;
    int full = results_full_at_times(m, r, NULL); /* with nothing over all along */
    for (int i = 0; i < r->n_nodes; i++)
        if (over[i] || i == full) {
            sb_printf(&b, "%s%s", header ? ", " : _("Over capacity: "), m->nodes[i].id);
            if (i == full || node_over_at_times(m, r, i)) sb_puts(&b, _(" (at times)"));
            header = true;
        }
    if (header) sb_puts(&b, "\n");
    header = false;
    for (int i = 0; i < r->n_nodes; i++)
        if (backed[i] >= 0) {
            sb_printf(&b, _("%s%s (by %s)"), header ? ", " : _("Backed up waiting on an over-capacity node: "),
                      m->nodes[i].id, m->nodes[backed[i]].id);
            header = true;
        }
    if (header) sb_puts(&b, "\n");
    free(backed);
    free(over);
    text_trace(&b, m, r);
    char usd[NUMFMT_CAP];
    sb_printf(&b, _("\nCost: %s USD per month\n"),
              numfmt_grouped(results_cost_per_month_usd(m, s->mean), sep(), usd, sizeof usd));
    text_requirements(&b, m, s);
    return sb_take(&b);
}

/* ---- JSON ---------------------------------------------------------------------------- */

/* The figures f, leaving out the optional ones that do not apply (-1 in the mean
 * figures `mean`, which decide for the confidence intervals too). */
static cJSON *figs_json(const double *f, const double *mean, const FigInfo *info, int n)
{
    cJSON *o = cJSON_CreateObject();
    for (int k = 0; k < n; k++)
        if (!fig_is_optional(info, k) || mean[k] >= 0) cJSON_AddNumberToObject(o, info[k].name, f[k]);
    return o;
}

/* Node i's figures: those results_node_fig_shown gives it, optional ones as above. */
static cJSON *node_figs_json(const Model *m, int i, const double *f, const double *mean)
{
    cJSON *o = cJSON_CreateObject();
    for (int k = 0; k < NF_COUNT; k++)
        if (results_node_fig_shown(m, i, k) && (!fig_is_optional(node_fig_info, k) || mean[k] >= 0))
            cJSON_AddNumberToObject(o, node_fig_info[k].name, f[k]);
    return o;
}

bool report_passes(const Model *m, const Summary *s)
{
    Verdict *v;
    bool all;
    requirements_check(m, s->mean, NULL, &v, &all);
    free(v);
    return all;
}

char *report_json(const Model *m, const Summary *s)
{
    const Results *r = s->mean, *h = s->half;
    bool ci = s->n_runs > 1;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", REPORT_FORMAT);
    cJSON_AddStringToObject(root, "archsim", ARCHSIM_VERSION);
    if (m->title) cJSON_AddStringToObject(root, "title", m->title);
    cJSON_AddNumberToObject(root, "seed", (double)r->seed);
    cJSON_AddNumberToObject(root, "warmup_s", r->warmup_s);
    cJSON_AddNumberToObject(root, "duration_s", r->duration_s);
    cJSON_AddNumberToObject(root, "replications", s->n_runs);
    cJSON_AddNumberToObject(root, "events", (double)r->events);
    cJSON_AddBoolToObject(root, "cancelled", r->cancelled);
    cJSON_AddNumberToObject(root, "refused_at_limit", (double)r->refused);
    cJSON *reqs = cJSON_AddArrayToObject(root, "requests");
    for (int t = 0; t <= r->n_types; t++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", r->type_names[t]);
        cJSON_AddItemToObject(o, "figures", figs_json(r->types[t], r->types[t], type_fig_info, TF_COUNT));
        if (ci) cJSON_AddItemToObject(o, "ci95", figs_json(h->types[t], r->types[t], type_fig_info, TF_COUNT));
        cJSON_AddItemToArray(reqs, o);
    }
    cJSON *nodes = cJSON_AddArrayToObject(root, "nodes");
    bool *over = xcalloc((size_t)m->n_nodes + 1, sizeof *over);
    int *backed = node_backed_up_all(m, r, over);
    for (int i = 0; i < r->n_nodes; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", r->node_ids[i]);
        cJSON_AddStringToObject(o, "kind", node_kind_name(m->nodes[i].kind));
        cJSON_AddBoolToObject(o, "over_capacity", over[i]);
        if (backed[i] >= 0)
            cJSON_AddStringToObject(o, "backed_up_by", r->node_ids[backed[i]]);
        else
            cJSON_AddNullToObject(o, "backed_up_by");
        cJSON_AddItemToObject(o, "figures", node_figs_json(m, i, r->nodes[i], r->nodes[i]));
        if (ci) cJSON_AddItemToObject(o, "ci95", node_figs_json(m, i, h->nodes[i], r->nodes[i]));
        cJSON_AddItemToArray(nodes, o);
    }
    free(backed);
    free(over);
    cJSON *edges = cJSON_AddArrayToObject(root, "edges");
    for (int k = 0; k < r->n_edges && k < m->n_edges; k++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "from", m->edges[k].from ? m->edges[k].from : "");
        cJSON_AddStringToObject(o, "to", m->edges[k].to ? m->edges[k].to : "");
        cJSON_AddItemToObject(o, "figures", figs_json(r->edges[k], r->edges[k], edge_fig_info, EF_COUNT));
        if (ci) cJSON_AddItemToObject(o, "ci95", figs_json(h->edges[k], r->edges[k], edge_fig_info, EF_COUNT));
        cJSON_AddItemToArray(edges, o);
    }
    if (r->n_groups > 0) { /* consumer groups of queues with delivery settings */
        cJSON *qs = cJSON_AddArrayToObject(root, "consumer_groups");
        for (int g = 0; g < r->n_groups; g++) {
            int k = r->group_edge[g];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "queue", k < m->n_edges && m->edges[k].from ? m->edges[k].from : "");
            cJSON_AddStringToObject(o, "consumer", k < m->n_edges && m->edges[k].to ? m->edges[k].to : "");
            cJSON_AddNumberToObject(o, "edge", k);
            cJSON_AddItemToObject(o, "figures", figs_json(r->groups[g], r->groups[g], group_fig_info, GF_COUNT));
            if (ci) cJSON_AddItemToObject(o, "ci95", figs_json(h->groups[g], r->groups[g], group_fig_info, GF_COUNT));
            cJSON *ps = cJSON_AddArrayToObject(o, "partitions");
            for (int p = r->group_part[g]; p < r->group_part[g + 1]; p++)
                cJSON_AddItemToArray(ps, figs_json(r->parts[p], r->parts[p], part_fig_info, PF_COUNT));
            cJSON_AddItemToArray(qs, o);
        }
    }
    cJSON *bn = cJSON_AddObjectToObject(root, "bottleneck");
    if (r->bottleneck >= 0)
        cJSON_AddStringToObject(bn, "node", r->node_ids[r->bottleneck]);
    else
        cJSON_AddNullToObject(bn, "node");
    cJSON_AddStringToObject(bn, "why", r->bottleneck_why ? r->bottleneck_why : "");
    cJSON_AddNumberToObject(root, "cost_per_month_usd", results_cost_per_month_usd(m, r));
    if (model_has_autoscale(m)) { /* only then: other reports stay as they were */
        cJSON *sl = cJSON_AddArrayToObject(root, "scale_log");
        for (int k = 0; k < r->n_scale_log; k++) {
            const ScaleEvent *ev = &r->scale_log[k];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "t_s", ev->t_s);
            cJSON_AddStringToObject(o, "node", ev->node >= 0 && ev->node < m->n_nodes ? m->nodes[ev->node].id : "");
            cJSON_AddStringToObject(o, "action", scale_action_name(ev->action));
            cJSON_AddNumberToObject(o, "count", ev->count);
            cJSON_AddNumberToObject(o, "serving", ev->serving);
            cJSON_AddNumberToObject(o, "booting", ev->booting);
            cJSON_AddNumberToObject(o, "desired", ev->desired);
            if (ev->action == SCALE_OUT || ev->action == SCALE_IN) cJSON_AddNumberToObject(o, "metric", ev->metric);
            cJSON_AddItemToArray(sl, o);
        }
    }
    Verdict *v;
    bool all;
    int n = requirements_check(m, r, ci ? h : NULL, &v, &all);
    cJSON *reqts = cJSON_AddArrayToObject(root, "requirements");
    for (int i = 0; i < n; i++) {
        const Requirement *q = &m->scenario.requirements[i];
        cJSON *o = cJSON_CreateObject();
        char *d = requirement_describe(m, i);
        cJSON_AddStringToObject(o, "text", d);
        free(d);
        cJSON_AddStringToObject(o, "metric", metric_name(q->metric));
        if (q->request) cJSON_AddStringToObject(o, "request", q->request);
        if (q->has_max) cJSON_AddNumberToObject(o, "max", q->max);
        if (q->has_min) cJSON_AddNumberToObject(o, "min", q->min);
        cJSON_AddBoolToObject(o, "measured", v[i].measured);
        cJSON_AddNumberToObject(o, "value", v[i].measured ? v[i].value : 0);
        if (ci) cJSON_AddNumberToObject(o, "ci95", v[i].half);
        cJSON_AddBoolToObject(o, "pass", v[i].pass);
        cJSON_AddItemToArray(reqts, o);
    }
    free(v);
    cJSON_AddBoolToObject(root, "pass", all);
    if (r->trace_type >= 0 && r->n_trace > 0) {
        cJSON *tr = cJSON_AddObjectToObject(root, "trace");
        cJSON_AddStringToObject(tr, "request", r->type_names[r->trace_type]);
        double t0 = r->trace[0].t_sent;
        cJSON_AddNumberToObject(tr, "born_s", t0);
        cJSON *spans = cJSON_AddArrayToObject(tr, "spans");
        for (int i = 0; i < r->n_trace; i++) {
            const TraceSpan *t = &r->trace[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "node", m->nodes[t->node].id);
            cJSON_AddNumberToObject(o, "parent", t->parent);
            cJSON_AddNumberToObject(o, "edge", t->edge);
            cJSON_AddNumberToObject(o, "attempt", t->attempt);
            cJSON_AddBoolToObject(o, "async", t->async);
            cJSON_AddStringToObject(o, "error", t->err ? err_cause_name((ErrCause)t->err) : "");
            const double times[6] = {t->t_sent, t->t_arrive, t->t_start,
                                     t->t_served, t->t_replied, t->t_received};
            const char *names[6] = {"sent_ms", "arrive_ms", "start_ms",
                                    "served_ms", "replied_ms", "received_ms"};
            for (int k = 0; k < 6; k++) {
                if (isnan(times[k]))
                    cJSON_AddNullToObject(o, names[k]);
                else
                    cJSON_AddNumberToObject(o, names[k], (times[k] - t0) * 1000);
            }
            cJSON_AddItemToArray(spans, o);
        }
    } else {
        cJSON_AddNullToObject(root, "trace");
    }
    cJSON *series = cJSON_AddObjectToObject(root, "series");
    cJSON_AddNumberToObject(series, "seconds", r->n_seconds);
    if (r->series_step_s != 1) cJSON_AddNumberToObject(series, "step_s", r->series_step_s);
    cJSON *ts = cJSON_AddArrayToObject(series, "requests");
    for (int t = 0; t <= r->n_types; t++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", r->type_names[t]);
        for (int k = 0; k < TS_COUNT; k++) {
            cJSON *a = cJSON_AddArrayToObject(o, type_series_info[k].name);
            for (int sec = 0; sec < r->n_seconds; sec++)
                cJSON_AddItemToArray(a, cJSON_CreateNumber(results_type_series(r, t, sec)[k]));
        }
        cJSON_AddItemToArray(ts, o);
    }
    cJSON *ns = cJSON_AddArrayToObject(series, "nodes");
    for (int i = 0; i < r->n_nodes; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", r->node_ids[i]);
        for (int k = 0; k < r->ns_count; k++) {
            if (!results_node_series_shown(m, r, i, k)) continue;
            cJSON *a = cJSON_AddArrayToObject(o, node_series_info[k].name);
            for (int sec = 0; sec < r->n_seconds; sec++)
                cJSON_AddItemToArray(a, cJSON_CreateNumber(results_node_series(r, i, sec)[k]));
        }
        cJSON_AddItemToArray(ns, o);
    }
    if (r->n_groups > 0) {
        cJSON *gs = cJSON_AddArrayToObject(series, "consumer_groups");
        for (int g = 0; g < r->n_groups; g++) {
            int k = r->group_edge[g];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "queue", k < m->n_edges && m->edges[k].from ? m->edges[k].from : "");
            cJSON_AddStringToObject(o, "consumer", k < m->n_edges && m->edges[k].to ? m->edges[k].to : "");
            for (int f = 0; f < GS_COUNT; f++) {
                cJSON *a = cJSON_AddArrayToObject(o, group_series_info[f].name);
                for (int sec = 0; sec < r->n_seconds; sec++)
                    cJSON_AddItemToArray(a, cJSON_CreateNumber(results_group_series(r, g, sec)[f]));
            }
            cJSON_AddItemToArray(gs, o);
        }
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = xasprintf("%s\n", text);
    cJSON_free(text);
    return out;
}

/* ---- CSV ------------------------------------------------------------------------------ */

static void csv_name(StrBuf *b, const char *a, const char *c)
{
    /* ids are free text: quote when needed */
    bool quote = strpbrk(a, ",\"\n") != NULL;
    if (!quote) {
        sb_printf(b, ",%s.%s", a, c);
        return;
    }
    sb_puts(b, ",\"");
    for (const char *p = a; *p; p++) sb_printf(b, *p == '"' ? "\"\"" : "%c", *p);
    sb_printf(b, ".%s\"", c);
}

char *report_csv(const Model *m, const Summary *s)
{
    const Results *r = s->mean;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "t_s,warmup");
    for (int t = 0; t <= r->n_types; t++)
        for (int k = 0; k < TS_COUNT; k++) csv_name(&b, r->type_names[t], type_series_info[k].name);
    for (int i = 0; i < r->n_nodes; i++) {
        if (m->nodes[i].kind == NODE_CLIENT) continue;
        for (int k = 0; k < r->ns_count; k++)
            if (results_node_series_shown(m, r, i, k)) csv_name(&b, r->node_ids[i], node_series_info[k].name);
    }
    for (int g = 0; g < r->n_groups; g++) {
        int k = r->group_edge[g];
        char *name = xasprintf("%s>%s", k < m->n_edges && m->edges[k].from ? m->edges[k].from : "",
                               k < m->n_edges && m->edges[k].to ? m->edges[k].to : "");
        for (int f = 0; f < GS_COUNT; f++) csv_name(&b, name, group_series_info[f].name);
        free(name);
    }
    sb_puts(&b, "\n");
    for (int sec = 0; sec < r->n_seconds; sec++) {
        double end_s = (sec + 1) * r->series_step_s; /* the row covers up to here */
        if (r->series_step_s > 1 && end_s > r->warmup_s + r->duration_s) end_s = r->warmup_s + r->duration_s;
        sb_printf(&b, "%.10g,%d", end_s, end_s <= r->warmup_s + 1e-9 ? 1 : 0);
        for (int t = 0; t <= r->n_types; t++)
            for (int k = 0; k < TS_COUNT; k++)
                sb_printf(&b, ",%.6g", results_type_series(r, t, sec)[k]);
        for (int i = 0; i < r->n_nodes; i++) {
            if (m->nodes[i].kind == NODE_CLIENT) continue;
            for (int k = 0; k < r->ns_count; k++)
                if (results_node_series_shown(m, r, i, k))
                    sb_printf(&b, ",%.6g", results_node_series(r, i, sec)[k]);
        }
        for (int g = 0; g < r->n_groups; g++)
            for (int f = 0; f < GS_COUNT; f++) sb_printf(&b, ",%.6g", results_group_series(r, g, sec)[f]);
        sb_puts(&b, "\n");
    }
    return sb_take(&b);
}
