/*
 * sweep.c - `archsim-cli sweep`: one design at many loads (or values of one field),
 * the table of figures, the knees, and the reports (sim/sweep.h, docs/analysis.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include <cjson/cJSON.h>

#include "sim/model_json.h"
#include "sim/shard.h"
#include "sim/sweep.h"
#include "sim/util.h"

static void usage_sweep(FILE *out)
{
    fprintf(out,
            _("usage: archsim-cli sweep FILE [what to vary] [options]\n"
            "\n"
            "Run the design in FILE at many loads (or values of one number) and find its\n"
            "knees: where each requirement starts to fail, where throughput stops following\n"
            "the offered load, where the first node saturates (measured, and as the flow\n"
            "equations predict). Prints a table and the knees; writes JSON, CSV and an SVG\n"
            "chart on request.\n"
            "\n"
            "what to vary (one; values are FROM:TO:STEP, both ends included, or A,B,C):\n"
            "  --load VALUES        multiply every request type's rate (closed loop: its\n"
            "                       users) by each value (default %g:%g:%g)\n"
            "  --rate TYPE=VALUES   set request type TYPE's rate_rps (closed loop: users)\n"
            "  --vary PATH=VALUES   set the number at PATH in the file: nodes.api.instances,\n"
            "                       edges[2].latency_ms, scenario.requests.read.rate_rps,\n"
            "                       nodes.db.service_ms.mean (nodes and request types by id\n"
            "                       or name, any array element by [index])\n"
            "\n"
            "options:\n"
            "  --replications R     runs per point; figures get 95%% CIs (default 3)\n"
            "  --refine N           bisection steps per knee: a run halfway between the two\n"
            "                       points around each knee, N times (default 0)\n"
            "  --duration S, --warmup S, --seed N   as for run (default: the scenario's)\n"
            "  --jobs J             threads (default: all cores)\n"
            "  --json OUT           the sweep as JSON (format archsim-sweep/1; '-' = stdout)\n"
            "  --csv OUT            one row per point and request type\n"
            "  --svg OUT            the chart: p50/p99 with 95%% bands and the flow equations'\n"
            "                       mean against x, throughput and errors, limits and knees\n"
            "  --png OUT            the same chart as a PNG (twice the SVG's size)\n"
            "  --chart-type TYPE    the request type the chart shows (default: that of the\n"
            "                       first latency requirement, else all together)\n"
            "  --shard K/N          compute only shard K of N of the (point, replication) runs\n"
            "                       and write it to --json OUT; archsim-cli merge folds the N\n"
            "                       shards into this sweep's JSON, CSV and SVG (not with --refine)\n"
            "  --quiet              no table\n"
            "  --force              run even when the work is estimated at more than an hour\n"
            "  -h, --help           this help\n"
            "\n"
            "The same file, values and seed give byte-identical JSON, whatever --jobs is.\n"
            "exit codes: 0 done, 2 bad input\n"),
            SWEEP_DEFAULT_FROM, SWEEP_DEFAULT_TO, SWEEP_DEFAULT_STEP);
}

/* "NAME=VALUES": the name (malloc'ed) and the values. */
static bool named_values(const char *opt, const char *arg, char **name, double **values, int *n)
{
    const char *eq = arg ? strrchr(arg, '=') : NULL;
    if (!eq || eq == arg) {
        fprintf(stderr, _("archsim-cli sweep: %s needs NAME=VALUES (e.g. %s), got '%s'\n"), opt,
                strcmp(opt, "--rate") == 0 ? "read=1000:20000:1000" : "nodes.api.instances=2:16:2", arg ? arg : "");
        return false;
    }
    char err[300];
    if (!sweep_parse_values(eq + 1, values, n, err, sizeof err)) {
        fprintf(stderr, _("archsim-cli sweep: %s: %s\n"), opt, err);
        return false;
    }
    *name = xasprintf("%.*s", (int)(eq - arg), arg);
    return true;
}

int cmd_sweep(int argc, char **argv)
{
    const char *file = NULL, *json = NULL, *csv = NULL, *svg = NULL, *png = NULL, *chart_type = NULL;
    SimOptions opt = sim_options_default();
    double reps = 3, jobs = 0, refine = 0;
    bool quiet = false, force = false;
    SweepKind kind = SWEEP_LOAD;
    char *target = NULL;
    double *values = NULL;
    int n_values = 0, n_what = 0, used, code = EXIT_USAGE, shard_k = 0, shard_n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_sweep(stdout);
            code = EXIT_OK;
            goto out;
        } else if ((used = cli_sim_option(argc, argv, &i, &opt, &reps, &jobs, &json)) != 0 ||
                   (used = cli_shard_option(argc, argv, &i, &shard_k, &shard_n)) != 0) {
            if (used < 0) goto out;
        } else if ((used = cli_string_option(argc, argv, &i, "--csv", "a file name ('-' for stdout)", &csv)) != 0 ||
                   (used = cli_string_option(argc, argv, &i, "--svg", "a file name ('-' for stdout)", &svg)) != 0 ||
                   (used = cli_string_option(argc, argv, &i, "--png", "a file name", &png)) != 0 ||
                   (used = cli_string_option(argc, argv, &i, "--chart-type", "a request type", &chart_type)) != 0) {
            if (used < 0) goto out;
        } else if (strcmp(a, "--refine") == 0) {
            if (!cli_number(a, v, 0, 20, &refine) || refine != floor(refine)) {
                if (refine != floor(refine)) fprintf(stderr, _("archsim-cli: --refine must be a whole number\n"));
                goto out;
            }
            i++;
        } else if (strcmp(a, "--load") == 0 || strcmp(a, "--rate") == 0 || strcmp(a, "--vary") == 0) {
            if (++n_what > 1) {
                fprintf(stderr, _("archsim-cli sweep: one of --load, --rate and --vary at a time\n"));
                goto out;
            }
            if (!v) {
                fprintf(stderr, _("archsim-cli sweep: %s needs values\n"), a);
                goto out;
            }
            if (strcmp(a, "--load") == 0) {
                char err[300];
                if (!sweep_parse_values(v, &values, &n_values, err, sizeof err)) {
                    fprintf(stderr, _("archsim-cli sweep: --load: %s\n"), err);
                    goto out;
                }
                kind = SWEEP_LOAD;
            } else {
                kind = strcmp(a, "--rate") == 0 ? SWEEP_RATE : SWEEP_FIELD;
                if (!named_values(a, v, &target, &values, &n_values)) goto out;
            }
            i++;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (strcmp(a, "--force") == 0) {
            force = true;
        } else if (!cli_file_arg("sweep", a, &file)) {
            goto out;
        }
    }
    if (!file) {
        usage_sweep(stderr);
        goto out;
    }
    if (!values) {
        char err[64];
        char def[64];
        snprintf(def, sizeof def, "%g:%g:%g", SWEEP_DEFAULT_FROM, SWEEP_DEFAULT_TO, SWEEP_DEFAULT_STEP);
        sweep_parse_values(def, &values, &n_values, err, sizeof err);
    }
    Model *m = cli_load(file);
    if (!m) goto out;
    if (m->scenario.n_requests == 0) {
        fprintf(stderr, _("archsim-cli sweep: %s: no request types: nothing to sweep\n"), file);
        model_destroy(m);
        goto out;
    }
    int chart = -1; /* the default: sweep_default_chart_type */
    if (chart_type) {
        chart = model_find_request(m, chart_type);
        if (chart < 0) {
            fprintf(stderr, _("archsim-cli sweep: --chart-type: no request type '%s'\n"), chart_type);
            model_destroy(m);
            goto out;
        }
    }
    /* The work of the whole sweep before it starts: every point, every replication. */
    double events = 0, failing = 0;
    bool unbounded = false;
    for (int i = 0; i < n_values; i++) {
        DiagList d;
        diag_init(&d, NULL);
        Model *pm = sweep_model_at(m, kind, target, values[i], &d);
        diag_free(&d);
        if (!pm) continue; /* the sweep reports it */
        WorkEstimate w = cli_work_of(pm, &opt);
        events += w.events * reps;
        failing += w.events_failing * reps;
        unbounded |= w.unbounded;
        model_destroy(pm);
    }
    double points_work_s = analytic_work_wall_s(events / reps, (int)reps, (int)jobs);
    if (!cli_work_verdict(file, events, points_work_s, failing, analytic_work_wall_s(failing / reps, (int)reps, (int)jobs),
                          unbounded, force)) {
        model_destroy(m);
        goto out;
    }
    SweepSpec spec = {.kind = kind, .target = target, .values = values, .n_values = n_values, .reps = (int)reps,
                      .jobs = (int)jobs, .refine = (int)refine, .opt = opt};
    if (shard_k) {
        if (!json || refine > 0 || csv || svg || png) {
            fprintf(stderr, _("archsim-cli sweep: --shard writes its runs to --json OUT (a shard file); --refine needs "
                            "the knees between rounds, and --csv, --svg and --png belong to merge\n"));
            model_destroy(m);
            goto out;
        }
        Shard *sh = xcalloc(1, sizeof *sh);
        sh->command = xstrdup("sweep");
        sh->k = shard_k;
        sh->n = shard_n;
        sh->reps = (int)reps;
        double *sorted;
        sh->n_jobs = sweep_points(values, n_values, &sorted) * (int)reps;
        free(sorted);
        spec.shard_k = shard_k;
        spec.shard_n = shard_n;
        spec.each = cli_shard_each;
        spec.each_ctx = sh;
        DiagList d;
        diag_init(&d, file);
        Sweep *s = sweep_run(m, &spec, &d);
        diag_print(&d, stderr);
        diag_free(&d);
        if (s) {
            cJSON *args = cli_shard_args(&file, 1, &opt, (int)reps);
            cJSON_AddNumberToObject(args, "kind", kind);
            if (target) cJSON_AddStringToObject(args, "target", target);
            cJSON *vals = cJSON_AddArrayToObject(args, "values");
            for (int i = 0; i < n_values; i++) cJSON_AddItemToArray(vals, cJSON_CreateNumber(values[i]));
            cJSON_AddNumberToObject(args, "chart_type", chart);
            code = cli_shard_write(sh, args, json) ? EXIT_OK : EXIT_USAGE;
        }
        sweep_destroy(s);
        shard_free(sh);
        model_destroy(m);
        goto out;
    }
    DiagList d;
    diag_init(&d, file);
    Sweep *s = sweep_run(m, &spec, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    if (!s) {
        model_destroy(m);
        goto out;
    }
    code = EXIT_OK;
    if (!quiet) {
        char *t = sweep_text(s);
        fputs(t, stdout);
        free(t);
    }
    char *outs[3] = {json ? sweep_json(s) : NULL, csv ? sweep_csv(s) : NULL, svg ? sweep_svg(s, chart >= 0 ? chart : sweep_default_chart_type(s)) : NULL};
    const char *paths[3] = {json, csv, svg};
    for (int k = 0; k < 3; k++) {
        if (outs[k] && !cli_write(paths[k], outs[k])) code = EXIT_USAGE;
        free(outs[k]);
    }
    if (png) {
        char *chart_svg = sweep_svg(s, chart >= 0 ? chart : sweep_default_chart_type(s));
        if (!cli_svg_to_png(chart_svg, png, 2)) code = EXIT_USAGE;
        free(chart_svg);
    }
    sweep_destroy(s);
    model_destroy(m);
out:
    free(values);
    free(target);
    return code;
}
