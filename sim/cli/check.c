/*
 * check.c - `archsim-cli check`: validate a file, print the analytic capacity
 * estimate and the modelling checks; `archsim-cli schema`: print the JSON Schema of the
 * format.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/analytic.h"
#include "sim/lint.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/schema_export.h"
#include "sim/util.h"

static void usage_check(FILE *out)
{
    fprintf(out,
            _("usage: archsim-cli check FILE\n"
            "\n"
            "Validate FILE (every problem is listed with its JSON path), then print the\n"
            "analytic capacity estimate of every node: arrival rate from the flow equations,\n"
            "utilisation, and the G/G/c predicted wait (its mean and p99) and latency. A\n"
            "node whose own slots (or in-flight limit) cannot keep up is flagged OVER\n"
            "CAPACITY; a node that is full only because it waits on one is 'backed up by'\n"
            "it; others at 85%% or more are near capacity. Then the modelling checks:\n"
            "warnings about a design that is valid but probably not what was meant (a\n"
            "cache every read goes around, writes that stop at a cache, blocking workers\n"
            "that mostly wait, ...), each with its JSON path and, when there is an obvious\n"
            "one, the fix. Between the two, the work of a run: the events it will take and\n"
            "how long on this machine.\n"
            "\n"
            "exit codes: 0 valid and within capacity, 1 a node is over capacity,\n"
            "2 invalid file or bad usage (modelling checks are warnings: they do not\n"
            "change the exit code)\n"));
}

/* Rates: short counts ("20.2k"), "unbounded" where the flow diverged. */
static void fmt_rate(char *out, size_t n, double v) { estimate_rate_text(v, out, n); }

/* The ids of the nodes over capacity (or backed up), comma separated. */
/* "queue full (10,000): more are rejected", or for a node with no queue "no queue
 * (queue_max 0): a request that finds every slot busy is rejected", after sep. */
static void queue_full_words(const Node *n, char *out, size_t cap, const char *sep, char *num, size_t num_cap)
{
    if (n->queue_max > 0)
        snprintf(out, cap, _("%squeue full (%s): more are rejected"), sep,
                 numfmt_grouped(n->queue_max, numfmt_thousands(tr_lang()), num, num_cap));
    else
        snprintf(out, cap, _("%sno queue (queue_max 0): a request that finds every slot busy is rejected"), sep);
}

static void list_nodes(const Model *m, const Estimate *est, bool over)
{
    const char *sep = "";
    for (int i = 0; i < m->n_nodes; i++) {
        const NodeEstimate *e = &est->nodes[i];
        if (m->nodes[i].kind == NODE_CLIENT || (over ? !e->over_capacity : e->backed_up_by < 0)) continue;
        printf("%s%s", sep, m->nodes[i].id);
        sep = ", ";
    }
}

/* "edges[3].requests" -> " (api -> db)", "nodes[2].io" -> " (api)": the ids behind a
 * path, for people who edit the file. */
static void print_subject(const Model *m, const LintFinding *f)
{
    if (f->i_edge >= 0 && f->i_edge < m->n_edges) {
        const Edge *e = &m->edges[f->i_edge];
        printf(" (%s -> %s)", e->from ? e->from : "?", e->to ? e->to : "?");
    } else if (f->i_node >= 0 && f->i_node < m->n_nodes && m->nodes[f->i_node].id) {
        printf(" (%s)", m->nodes[f->i_node].id);
    }
}

static void print_lint(const Model *m, const Estimate *est)
{
    LintList l;
    lint_init(&l);
    lint_model_with(m, est, &l);
    if (l.n_items == 0) {
        printf(_("\nModelling checks: nothing looks like a slip.\n"));
    } else {
        printf(P_("\nModelling checks (%d warning)\n", "\nModelling checks (%d warnings)\n", l.n_items), l.n_items);
        for (int i = 0; i < l.n_items; i++) {
            const LintFinding *f = &l.items[i];
            printf(_("  warning: %s"), f->path);
            print_subject(m, f);
            printf(": %s", f->message);
            if (f->fix_label) printf(_(" (fix: %s)"), f->fix_label);
            printf(" [%s]\n", lint_check_name(f->check));
        }
    }
    lint_free(&l);
}

int cmd_check(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage_check(stdout);
            return EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, _("archsim-cli check: unknown option '%s' (see --help)\n"), argv[i]);
            return EXIT_USAGE;
        }
        if (file) {
            fprintf(stderr, _("archsim-cli check: one FILE only\n"));
            return EXIT_USAGE;
        }
        file = argv[i];
    }
    if (!file) {
        usage_check(stderr);
        return EXIT_USAGE;
    }
    Model *m = cli_load(file);
    if (!m) return EXIT_USAGE;
    char size[160], types[64];
    snprintf(types, sizeof types, P_("%d request type", "%d request types", m->scenario.n_requests),
             m->scenario.n_requests);
    printf(_("%s: valid (%s, %s)\n\n"), file, numfmt_nodes_edges(m->n_nodes, m->n_edges, size, sizeof size), types);
    Estimate est;
    analytic_estimate(m, &est);
    int width[9] = {-8, -13, 10, 7, 6, 10, 10, 11, 0};
    for (int i = 0; i < m->n_nodes; i++) table_widen(width, (const char *const *)&m->nodes[i].id, 1);
    const char *head[9] = {C_("column", "node"),    C_("column", "kind"),     C_("column", "arrive/s"),
                           C_("column", "slots"),   C_("column", "util"),     C_("column", "wait ms"),
                           C_("column", "wait p99"), C_("column", "latency ms"), ""};
    table_widen(width, head, 9);
    printf(_("Analytic estimate (flow equations, then G/G/c per node: means, and each wait's p99)\n"));
    StrBuf row;
    sb_init(&row);
    sb_table_row(&row, 9, width, head);
    fputs(row.data, stdout);
    int over = 0, near = 0, backed = 0, floors = 0, full = 0;
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        const NodeEstimate *e = &est.nodes[i];
        if (n->kind == NODE_CLIENT) continue;
        char rate[32], wait[32], p99[32], lat[32], slots[32];
        fmt_rate(rate, sizeof rate, e->arrival_rps);
        char util[NUMFMT_CAP];
        /* over capacity by its in-flight limit, its slots to spare: no steady wait, as a
         * node over by its slots has none (the flag says what a full queue's is) */
        numfmt_ms_column(estimate_over_by_places(e) ? INFINITY : e->wait_ms, wait, sizeof wait);
        if (isnan(e->wait_p99_ms)) snprintf(p99, sizeof p99, "%s", NUMFMT_NONE); /* no steady tail */
        else numfmt_ms_column(e->wait_p99_ms, p99, sizeof p99);
        numfmt_ms_column(estimate_latency_shown_ms(e), lat, sizeof lat);
        estimate_util_text(e, util, sizeof util);
        numfmt_grouped(e->servers * e->stations, numfmt_thousands(tr_lang()), slots, sizeof slots);
        char flag[400] = "", rate_buf[NUMFMT_CAP];
        if (e->over_capacity) {
            over++;
            if (estimate_over_by_places(e)) {
                char fl[NUMFMT_CAP], lim[NUMFMT_CAP];
                snprintf(flag, sizeof flag,
                         _("OVER CAPACITY: %s requests in flight need more than max_inflight x instances = %s "
                         "(async io: at most max_inflight requests in progress per instance)"),
                         numfmt_count(e->inflight, fl, sizeof fl), numfmt_grouped(e->inflight_limit, numfmt_thousands(tr_lang()), lim, sizeof lim));
            } else {
                snprintf(flag, sizeof flag, _("OVER CAPACITY"));
            }
            if (e->capped_by >= 0) { /* the partitions are the limit, not the slots */
                size_t used = strlen(flag);
                int parts = m->nodes[e->capped_by].partitions;
                snprintf(flag + used, sizeof flag - used,
                         P_(": %d partition of %s caps its %s slots at %d", ": %d partitions of %s cap its %s slots at %d", parts),
                         parts, m->nodes[e->capped_by].id,
                         numfmt_grouped((double)n->instances * n->workers, numfmt_thousands(tr_lang()), rate_buf, sizeof rate_buf),
                         m->nodes[e->capped_by].partitions);
            }
            if (e->served_rps < e->admitted_rps * (1 - 1e-9)) { /* what the nodes below get */
                char sv[32];
                fmt_rate(sv, sizeof sv, estimate_done_rps(e));
                size_t used = strlen(flag);
                if (e->turned_away_at >= 0 && m->nodes[e->turned_away_at].kind == NODE_QUEUE) /* a consumer's backlog */
                    snprintf(flag + used, sizeof flag - used, _("; serves about %s/s, the rest wait in %s's backlog and are turned away when it is full"),
                             sv, m->nodes[e->turned_away_at].id);
                else if (e->turned_away_at >= 0) /* its callers' queue fills, not its own */
                    snprintf(flag + used, sizeof flag - used, _("; serves about %s/s, the rest turned away at %s (its queue fills first)"),
                             sv, m->nodes[e->turned_away_at].id);
                else
                    snprintf(flag + used, sizeof flag - used, _("; serves about %s/s, the rest turned away"), sv);
            }
            if (isfinite(e->full_wait_ms)) { /* those it keeps wait for a full queue */
                char w[NUMFMT_CAP];
                size_t used = strlen(flag);
                snprintf(flag + used, sizeof flag - used, _("; those it keeps wait about %s in its full queue"),
                         numfmt_ms_in(e->full_wait_ms, tr_lang(), w, sizeof w));
            }
        } else if (e->backed_up_by >= 0) {
            backed++;
            snprintf(flag, sizeof flag, _("backed up by %s (%s full waiting on it)"), m->nodes[e->backed_up_by].id,
                     n->io == IO_ASYNC ? _("its in-flight limit is") : _("its slots are"));
            if (isfinite(e->full_wait_ms)) { /* its queue fills in place of the one below */
                char w[NUMFMT_CAP];
                size_t used = strlen(flag);
                snprintf(flag + used, sizeof flag - used, _("; those it keeps wait about %s in its full queue"),
                         numfmt_ms_in(e->full_wait_ms, tr_lang(), w, sizeof w));
            }
        } else if (e->near_capacity) {
            snprintf(flag, sizeof flag, _("near capacity"));
            near++;
        }
        if (!e->over_capacity && e->backed_up_by < 0 && estimate_wait_held_below(e)) { /* where its wait comes from */
            size_t used = strlen(flag);
            const char *below = m->nodes[e->held_at].id;
            snprintf(flag + used, sizeof flag - used,
                     _("%smost of its wait is %s's queue spilling over: at times every thread is held waiting on %s"),
                     used ? "; " : "", below, below);
            if (e->blocked_rps > 0) { /* head-of-line blocking */
                char b[32];
                fmt_rate(b, sizeof b, e->blocked_rps);
                used = strlen(flag);
                snprintf(flag + used, sizeof flag - used, _(", and its %s/s that never wait on %s wait behind them"), b,
                         below);
            }
        }
        if (!e->over_capacity && e->backed_up_by < 0 && estimate_wait_in_bursts(e)) { /* where its wait comes from */
            size_t used = strlen(flag);
            char k[NUMFMT_CAP];
            snprintf(flag + used, sizeof flag - used,
                     _("%smost of its wait is bursts: %s sends a fan-out's copies at once (%s on average), and they wait "
                       "for one another"),
                     used ? "; " : "", m->nodes[e->burst_from].id, numfmt_count(e->burst_copies, k, sizeof k));
        }
        if (!e->over_capacity && e->backlog_at >= 0 && e->backlog_wait_ms >= 0.001 &&
            e->backlog_wait_ms >= 0.01 * e->latency_ms) { /* a consumer's wait, where it counts */
            size_t used = strlen(flag);
            char w[NUMFMT_CAP];
            snprintf(flag + used, sizeof flag - used, _("%sits messages wait about %s in %s's backlog"), used ? "; " : "",
                     numfmt_ms_in(e->backlog_wait_ms, tr_lang(), w, sizeof w), m->nodes[e->backlog_at].id);
        }
        if (n->kind == NODE_QUEUE && e->backlog >= 0.1 && e->backlog_wait_ms >= 0.001) { /* its consumers' */
            size_t used = strlen(flag);
            char b[NUMFMT_CAP], w[NUMFMT_CAP];
            snprintf(flag + used, sizeof flag - used, _("%sbacklog about %s messages, each waiting about %s for a consumer"),
                     used ? "; " : "", numfmt_count(e->backlog, b, sizeof b),
                     numfmt_ms_in(e->backlog_wait_ms, tr_lang(), w, sizeof w));
        }
        if (!e->over_capacity && e->queue_full) { /* the waits the table gives are a full queue's */
            size_t used = strlen(flag);
            char q[NUMFMT_CAP];
            queue_full_words(n, flag + used, sizeof flag - used, used ? "; " : "", q, sizeof q);
            full++;
        }
        if (!e->over_capacity && e->capped_by >= 0) {
            size_t used = strlen(flag);
            snprintf(flag + used, sizeof flag - used, _("%susing %d of %s slots: one per partition of %s"),
                     used ? "; " : "", m->nodes[e->capped_by].partitions,
                     numfmt_grouped((double)n->instances * n->workers, numfmt_thousands(tr_lang()), rate_buf, sizeof rate_buf),
                     m->nodes[e->capped_by].id);
        }
        if (e->rejected_rps > 0) {
            char rj[32];
            fmt_rate(rj, sizeof rj, e->rejected_rps);
            size_t used = strlen(flag);
            snprintf(flag + used, sizeof flag - used, _("%srate limit turns away %s/s"), used ? ", " : "", rj);
        }
        if (e->whole_utilisation >= 0 && isfinite(e->whole_utilisation)) {
            /* a database of several servers: all its slots, as a run's util column measures
             * them; where the busiest station is not the whole (its capacity is the busiest
             * station's), each role apart (read replicas) or the busiest shard (shards
             * alone: a hot one, 105% beside the whole's 38%) */
            char pr[NUMFMT_CAP], rp[NUMFMT_CAP];
            numfmt_percent(e->whole_utilisation, util, sizeof util);
            if (e->over_capacity || e->near_capacity || !(fabs(e->utilisation - e->whole_utilisation) < 0.05)) {
                size_t used = strlen(flag);
                if (e->replica_utilisation >= 0)
                    snprintf(flag + used, sizeof flag - used, _("%sprimaries %s, replicas %s"), used ? "; " : "",
                             numfmt_percent(e->primary_utilisation, pr, sizeof pr),
                             numfmt_percent(e->replica_utilisation, rp, sizeof rp));
                else
                    snprintf(flag + used, sizeof flag - used, _("%sbusiest server %s"), used ? "; " : "",
                             numfmt_percent(e->utilisation, pr, sizeof pr));
            }
        }
        const char *cells[9] = {n->id, node_kind_name(n->kind), rate, slots, util, wait, p99, lat, flag};
        row.len = 0;
        sb_table_row(&row, 9, width, cells);
        fputs(row.data, stdout);
        if (estimate_util_floored(e)) floors++;
    }
    sb_free(&row);
    if (floors > 0) /* what "≥ 284%" means */
        printf(_("  \xE2\x89\xA5: the node's own work alone; it also holds its slots waiting on a node below that is over "
                 "capacity, so its utilisation has no bound.\n"));
    printf(_("\nPredicted mean latency per request type\n"));
    for (int t = 0; t < est.n_requests; t++) {
        char rate[32], lat[32];
        fmt_rate(rate, sizeof rate, est.request_rate_rps[t]);
        numfmt_ms_in(est.request_latency_ms[t], tr_lang(), lat, sizeof lat);
        StrBuf line;
        sb_init(&line);
        sb_puts(&line, "  ");
        sb_cell(&line, -20, m->scenario.requests[t].name);
        sb_puts(&line, " ");
        sb_cell(&line, 10, rate);
        sb_printf(&line, "%s  ", _("/s"));
        sb_cell(&line, 12, lat);
        if (est.request_offered_rps[t] > 1.01 * est.request_rate_rps[t]) { /* closed-loop users past a full queue */
            char sent[32];
            fmt_rate(sent, sizeof sent, est.request_offered_rps[t]);
            sb_printf(&line, _("  (the users send about %s/s, the rest rejected at a full queue)"), sent);
        } else if (!isfinite(est.request_latency_ms[t]) && estimate_type_turned_away(&est, t)) {
            /* over capacity on its path: what is answered, and how fast */
            char ans[32], kept[NUMFMT_CAP];
            fmt_rate(ans, sizeof ans, est.request_answered_rps[t]);
            if (isfinite(est.request_kept_latency_ms[t]))
                sb_printf(&line, _("  (about %s/s answered, in %s on average once the queues are full; the rest turned away)"), ans,
                          numfmt_ms_in(est.request_kept_latency_ms[t], tr_lang(), kept, sizeof kept));
            else
                sb_printf(&line, _("  (about %s/s answered; the rest turned away)"), ans);
        } else if (estimate_type_turned_away(&est, t)) {
            /* answered at once, or turned away at once: a rate limit, a full backlog */
            char ans[32];
            fmt_rate(ans, sizeof ans, est.request_answered_rps[t]);
            sb_printf(&line, _("  (about %s/s answered; the rest turned away at once by a rate limit or a full queue)"), ans);
        }
        puts(line.data);
        sb_free(&line);
        /* past capacity: when a run gets there, if later than its warm-up */
        double after_s = estimate_type_late_s(&est, t, m->scenario.warmup_s);
        double end_s = m->scenario.warmup_s + m->scenario.duration_s;
        if (after_s > 0 && after_s >= end_s) { /* the run ends first: its latency still grows */
            char at[NUMFMT_CAP], end[NUMFMT_CAP];
            printf(_("      these figures hold from about %s into a run, once its queues are full and the requests in "
                     "them have waited their way through: after this scenario's run ends (at %s), so a run shows its "
                     "latency still growing\n"),
                   numfmt_ms_in(after_s * 1000, tr_lang(), at, sizeof at), numfmt_ms_in(end_s * 1000, tr_lang(), end, sizeof end));
        } else if (after_s > 0) {
            char at[NUMFMT_CAP], wu[NUMFMT_CAP];
            printf(_("      these figures hold from about %s into a run, once its queues are full and the requests in "
                     "them have waited their way through (this scenario's warm-up: %s); a run measures them only "
                     "after that\n"),
                   numfmt_ms_in(after_s * 1000, tr_lang(), at, sizeof at),
                   numfmt_ms_in(m->scenario.warmup_s * 1000, tr_lang(), wu, sizeof wu));
        }
    }
    if (!est.converged)
        printf(_("\nThe flow did not settle: an async cycle amplifies traffic without bound.\n"));
    if (over) {
        printf(P_("\n%d node over capacity (", "\n%d nodes over capacity (", over), over);
        list_nodes(m, &est, true);
        if (backed) {
            printf(P_("), %d backed up waiting on it (", "), %d backed up waiting on them (", over), backed);
            list_nodes(m, &est, false);
        }
        printf(_("): the simulation will show queues growing to their bounds and requests rejected.\n"));
    } else if (near)
        printf(_("\nNo node over capacity; %d near it (>= %.0f%%): expect long tails there.\n"), near,
               100 * ANALYTIC_NEAR_CAPACITY);
    else
        printf(_("\nEvery node is under %.0f%% utilisation.\n"), 100 * ANALYTIC_NEAR_CAPACITY);
    if (full)
        printf(P_("%d queue is full: the requests past its queue_max are rejected, and the latencies above are "
                  "those of the requests it keeps (a closed loop's users beyond what the design holds).\n",
                  "%d queues are full: the requests past their queue_max are rejected, and the latencies above are "
                  "those of the requests they keep (a closed loop's users beyond what the design holds).\n",
                  full),
               full);
    cli_work_print(m, &est);
    print_lint(m, &est);
    printf(_("Run 'archsim-cli run %s' for tails, dynamics and the requirements.\n"), file);
    bool fails = over > 0 || !est.converged;
    estimate_free(&est);
    model_destroy(m);
    return fails ? EXIT_FAILS : EXIT_OK;
}

int cmd_schema(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf(_("usage: archsim-cli schema\n\nPrint the JSON Schema (draft 2020-12) of the "
                   "diagram format %s.\n"),
                   ARCHSIM_FORMAT);
            return EXIT_OK;
        }
        fprintf(stderr, _("archsim-cli schema: unexpected argument '%s'\n"), argv[i]);
        return EXIT_USAGE;
    }
    char *s = schema_json_schema();
    fputs(s, stdout);
    free(s);
    return EXIT_OK;
}
