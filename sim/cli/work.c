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
#include <unistd.h>

#include "cli.h"
#include "sim/analytic.h"
#include "sim/numfmt.h"

/* "850,000", "1.9 million", "1.9 billion", "36 trillion", "more than 10^15". */
static const char *count_words(double v, char *out, size_t cap)
{
    static const struct {
        double at;
        const char *word;
    } scales[] = {{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
    char num[NUMFMT_CAP];
    if (!(v < 1e15)) {
        snprintf(out, cap, "more than 10^15");
        return out;
    }
    for (size_t i = 0; i < sizeof scales / sizeof *scales; i++)
        if (v >= scales[i].at) {
            snprintf(out, cap, "%s %s", numfmt_decimal(v / scales[i].at, 2, num, sizeof num),
                     scales[i].word);
            return out;
        }
    numfmt_grouped(v, ",", out, cap);
    return out;
}

/* "under a second", "40 s", "3 min", "5 h", "12 days", "centuries". */
static const char *duration_words(double s, char *out, size_t cap)
{
    char num[NUMFMT_CAP];
    if (!(s < 3.15e9)) snprintf(out, cap, "centuries");
    else if (s < 1) snprintf(out, cap, "under a second");
    else if (s < 90) snprintf(out, cap, "%s s", numfmt_decimal(s, 2, num, sizeof num));
    else if (s < 3600) snprintf(out, cap, "%s min", numfmt_decimal(s / 60, 2, num, sizeof num));
    else if (s < 48 * 3600) snprintf(out, cap, "%s h", numfmt_decimal(s / 3600, 2, num, sizeof num));
    else snprintf(out, cap, "%s days", numfmt_decimal(s / 86400, 2, num, sizeof num));
    return out;
}

/* Events this machine simulates per second of wall time, on one thread. */
static double machine_rate(void)
{
    const char *env = getenv("ARCHSIM_EVENTS_PER_S");
    char *end = NULL;
    double v = env ? strtod(env, &end) : 0;
    return env && end != env && *end == 0 && isfinite(v) && v > 0 ? v : ANALYTIC_EVENTS_PER_S;
}

/* Replications run side by side on this many threads. */
static int parallel(int reps, int jobs)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = jobs > 0 ? jobs : cores > 0 ? (int)cores : 1;
    return reps < threads ? reps : threads;
}

/* Simulated seconds of a run with these options. */
static void run_time(const Model *m, const SimOptions *opt, double *warmup_s, double *duration_s)
{
    *duration_s = opt->duration_s > 0 ? opt->duration_s : m->scenario.duration_s;
    *warmup_s = opt->warmup_s >= 0 ? opt->warmup_s : m->scenario.warmup_s;
}

bool cli_work_check(const char *file, const Model *m, const SimOptions *opt, int reps, int jobs,
                    bool force)
{
    double warmup_s, duration_s;
    run_time(m, opt, &warmup_s, &duration_s);
    Estimate est;
    analytic_estimate(m, &est);
    WorkEstimate w = analytic_work(m, &est, warmup_s, duration_s);
    estimate_free(&est);
    double events = w.events * reps, failing = w.events_failing * reps;
    double wall_s = events / (machine_rate() * parallel(reps, jobs));
    char ev[64], tm[64], ceil_tm[64];
    duration_words(ANALYTIC_WORK_CEILING_S, ceil_tm, sizeof ceil_tm);
    if (w.unbounded) {
        fprintf(stderr,
                "archsim-cli: %s: the work of this run has no bound: an async cycle multiplies "
                "its traffic each lap (see the warning above), so only full queues and the "
                "engine's safety valve would end it.%s\n",
                file, force ? " Running anyway (--force)." : " Nothing was simulated; add --force to run it anyway.");
        return force;
    }
    if (!(wall_s <= ANALYTIC_WORK_CEILING_S)) {
        fprintf(stderr,
                "archsim-cli: %s: this run would take about %s on this machine (%s events), more "
                "than the %s archsim-cli starts without --force.%s\n",
                file, duration_words(wall_s, tm, sizeof tm), count_words(events, ev, sizeof ev),
                ceil_tm,
                force ? " Running anyway (--force)."
                      : " Nothing was simulated: a shorter --duration, fewer --replications or "
                        "lower rates make it shorter (steady-state figures need far less), or "
                        "add --force to run it anyway.");
        return force;
    }
    if (wall_s > 60)
        fprintf(stderr, "archsim-cli: about %s on this machine: %s events\n",
                duration_words(wall_s, tm, sizeof tm), count_words(events, ev, sizeof ev));
    double failing_s = failing / (machine_rate() * parallel(reps, jobs));
    if (failing > 2 * events && failing_s > 60)
        fprintf(stderr,
                "archsim-cli: note: if calls fail, their retries could multiply the work to "
                "about %s events (%s on this machine): a retry storm; retry budgets bound it\n",
                count_words(failing, ev, sizeof ev), duration_words(failing_s, tm, sizeof tm));
    return true;
}

void cli_work_print(const Model *m, const Estimate *est)
{
    WorkEstimate w = analytic_work(m, est, m->scenario.warmup_s, m->scenario.duration_s);
    char ev[64], tm[64], secs[NUMFMT_CAP], ceil_tm[64];
    double sim_s = m->scenario.warmup_s + m->scenario.duration_s;
    duration_words(ANALYTIC_WORK_CEILING_S, ceil_tm, sizeof ceil_tm);
    if (w.unbounded) {
        printf("\nWork of a run: no bound (an async cycle amplifies its traffic); archsim-cli "
               "run refuses it without --force.\n");
        return;
    }
    double wall_s = w.events / (machine_rate() * parallel(1, 1));
    printf("\nWork of a run (%s simulated seconds): about %s events, %s on this machine",
           numfmt_exact(sim_s, secs, sizeof secs), count_words(w.events, ev, sizeof ev),
           duration_words(wall_s, tm, sizeof tm));
    if (!(wall_s <= ANALYTIC_WORK_CEILING_S))
        printf(" (more than the %s archsim-cli run starts without --force)", ceil_tm);
    printf(".\n");
    if (w.events_failing > 2 * w.events)
        printf("If calls fail, their retries could multiply it to about %s events (%s).\n",
               count_words(w.events_failing, ev, sizeof ev),
               duration_words(w.events_failing / machine_rate(), tm, sizeof tm));
}
