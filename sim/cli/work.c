/*
 * work.c - how long a run will take, said before it starts (analytic_work() at
 * ANALYTIC_EVENTS_PER_S): run and grade announce a run of more than a minute and
 * refuse, unless forced, one of more than ANALYTIC_WORK_CEILING_S or one whose work
 * has no bound; check prints the figure. ARCHSIM_EVENTS_PER_S in the environment gives
 * this machine's own speed (events per second), measured with bench_sim.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/analytic.h"
#include "sim/numfmt.h"

/* Simulated seconds of a run with these options. */
static void run_time(const Model *m, const SimOptions *opt, double *warmup_s, double *duration_s)
{
    *duration_s = opt->duration_s > 0 ? opt->duration_s : m->scenario.duration_s;
    *warmup_s = opt->warmup_s >= 0 ? opt->warmup_s : m->scenario.warmup_s;
}

bool cli_work_verdict(const char *file, double events, double wall_s, double failing, double failing_s,
                      bool unbounded, bool force)
{
    char ev[64], tm[64], ceil_tm[64];
    numfmt_duration_words(ANALYTIC_WORK_CEILING_S, ceil_tm, sizeof ceil_tm);
    if (unbounded) {
        fprintf(stderr,
                _("archsim-cli: %s: the work of this run has no bound: an async cycle multiplies "
                "its traffic each lap (see the warning above), so only full queues and the "
                "engine's safety valve would end it.%s\n"),
                file, force ? _(" Running anyway (--force).") : _(" Nothing was simulated; add --force to run it anyway."));
        return force;
    }
    if (!(wall_s <= ANALYTIC_WORK_CEILING_S)) {
        fprintf(stderr,
                _("archsim-cli: %s: this run would take about %s on this machine (%s events), more "
                "than the %s archsim-cli starts without --force.%s\n"),
                file, numfmt_duration_words(wall_s, tm, sizeof tm), numfmt_count_words(events, ev, sizeof ev),
                ceil_tm,
                force ? _(" Running anyway (--force).")
                      : _(" Nothing was simulated: a shorter --duration, fewer --replications or "
                        "lower rates make it shorter (steady-state figures need far less), or "
                        "add --force to run it anyway."));
        return force;
    }
    if (wall_s > 60)
        fprintf(stderr, _("archsim-cli: about %s on this machine: %s events\n"),
                numfmt_duration_words(wall_s, tm, sizeof tm), numfmt_count_words(events, ev, sizeof ev));
    if (failing > 2 * events && failing_s > 60)
        fprintf(stderr,
                _("archsim-cli: note: if calls fail, their retries could multiply the work to "
                "about %s events (%s on this machine): a retry storm; retry budgets bound it\n"),
                numfmt_count_words(failing, ev, sizeof ev), numfmt_duration_words(failing_s, tm, sizeof tm));
    return true;
}

bool cli_work_check(const char *file, const Model *m, const SimOptions *opt, int reps, int jobs,
                    bool force)
{
    WorkEstimate w = cli_work_of(m, opt);
    return cli_work_verdict(file, w.events * reps, analytic_work_wall_s(w.events, reps, jobs),
                            w.events_failing * reps, analytic_work_wall_s(w.events_failing, reps, jobs),
                            w.unbounded, force);
}

WorkEstimate cli_work_of(const Model *m, const SimOptions *opt)
{
    double warmup_s, duration_s;
    run_time(m, opt, &warmup_s, &duration_s);
    Estimate est;
    analytic_estimate(m, &est);
    WorkEstimate w = analytic_work(m, &est, warmup_s, duration_s);
    estimate_free(&est);
    return w;
}

void cli_work_print(const Model *m, const Estimate *est)
{
    WorkEstimate w = analytic_work(m, est, m->scenario.warmup_s, m->scenario.duration_s);
    char ev[64], tm[64], secs[NUMFMT_CAP], ceil_tm[64];
    double sim_s = m->scenario.warmup_s + m->scenario.duration_s;
    numfmt_duration_words(ANALYTIC_WORK_CEILING_S, ceil_tm, sizeof ceil_tm);
    if (w.unbounded) {
        printf(_("\nWork of a run: no bound (an async cycle amplifies its traffic); archsim-cli "
               "run refuses it without --force.\n"));
        return;
    }
    double wall_s = analytic_work_wall_s(w.events, 1, 1);
    printf(_("\nWork of a run (%s simulated seconds): about %s events, %s on this machine"),
           numfmt_exact(sim_s, secs, sizeof secs), numfmt_count_words(w.events, ev, sizeof ev),
           numfmt_duration_words(wall_s, tm, sizeof tm));
    if (!(wall_s <= ANALYTIC_WORK_CEILING_S))
        printf(_(" (more than the %s archsim-cli run starts without --force)"), ceil_tm);
    printf(".\n");
    if (w.events_failing > 2 * w.events)
        printf(_("If calls fail, their retries could multiply it to about %s events (%s).\n"),
               numfmt_count_words(w.events_failing, ev, sizeof ev),
               numfmt_duration_words(analytic_work_wall_s(w.events_failing, 1, 1), tm, sizeof tm));
}
