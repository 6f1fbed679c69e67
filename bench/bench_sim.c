/*
 * bench_sim.c - engine benchmarks on ordinary diagram files, through the general
 * model (no special path): wall time, customers/s, events/s and peak memory.
 *
 *   bench_sim                       both cases below
 *   bench_sim mm1                   bench/mm1.json: M/M/1 at 0.9, 10 million customers
 *   bench_sim twitter [S]           scenarios/twitter-timeline.json at full rate for S
 *                                   simulated seconds in all, its 5 s warm-up included
 *                                   (default 60), plus a run of S/2 to show peak memory
 *                                   does not grow with simulated time
 *   bench_sim FILE [S]              any diagram
 *
 * Each case runs in a child process so its peak RSS is its own. Figures are printed,
 * never asserted: see the issue notes and docs/performance.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/engine.h"
#include "sim/model_json.h"

/* duration_s < 0: the file's; total_s > 0: simulate this much in all, warm-up included */
static int run_child(const char *path, double duration_s, double total_s)
{
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    if (!m) {
        diag_print(&d, stderr);
        return 2;
    }
    SimOptions o = sim_options_default();
    o.duration_s = total_s > 0 ? total_s - m->scenario.warmup_s : duration_s;
    if (total_s > 0 && o.duration_s <= 0) { /* shorter than the warm-up: half and half */
        o.warmup_s = total_s / 2;
        o.duration_s = total_s / 2;
    }
    Results *r = sim_run(m, &o, &d);
    if (!r) {
        diag_print(&d, stderr);
        return 2;
    }
    double customers = 0;
    for (int t = 0; t < r->n_types; t++) customers += r->types[t][TF_COMPLETED];
    double sim_s = r->warmup_s + r->duration_s;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    /* CPU time too: on a shared machine it is less disturbed by others than wall time */
    double cpu_s = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
                   (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
    printf("  %-34s sim %7.0f s  wall %6.2f s (cpu %6.2f s)  %6.2f M customers/s"
           "  %6.2f M events/s  (%.1f M customers, %.1f M events)  peak RSS %5.1f MiB\n",
           m->title ? m->title : path, sim_s, r->wall_s, cpu_s, customers / r->wall_s / 1e6,
           (double)r->events / r->wall_s / 1e6, customers / 1e6, (double)r->events / 1e6,
           ru.ru_maxrss / 1024.0);
    fflush(stdout);
    results_destroy(r);
    model_destroy(m);
    diag_free(&d);
    return 0;
}

static void run_case(const char *path, double duration_s, double total_s)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(run_child(path, duration_s, total_s));
    int status;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) fprintf(stderr, "  %s failed\n", path);
}

int main(int argc, char **argv)
{
    const char *which = argc > 1 ? argv[1] : "all";
    double s = argc > 2 ? atof(argv[2]) : 60;
    char mm1[1024], tw[1024];
    snprintf(mm1, sizeof mm1, "%s/bench/mm1.json", ARCHSIM_SOURCE_DIR);
    snprintf(tw, sizeof tw, "%s/scenarios/twitter-timeline.json", ARCHSIM_SOURCE_DIR);
    printf("archsim engine benchmarks (%s)\n", ARCHSIM_VERSION);
    if (strcmp(which, "all") == 0 || strcmp(which, "mm1") == 0) run_case(mm1, -1, -1);
    if (strcmp(which, "all") == 0 || strcmp(which, "twitter") == 0) {
        run_case(tw, -1, s / 2);
        run_case(tw, -1, s);
    }
    if (strcmp(which, "all") && strcmp(which, "mm1") && strcmp(which, "twitter"))
        run_case(which, argc > 2 ? s : -1, -1);
    return 0;
}
