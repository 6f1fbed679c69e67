/*
 * compare.c - `archsim-cli compare A B`: two designs under one scenario, on the same
 * seeds, with the difference of every figure and whether it is more than noise
 * (sim/compare.h, docs/analysis.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/compare.h"
#include <cjson/cJSON.h>

#include "sim/model_json.h"
#include "sim/shard.h"
#include "sim/util.h"

static void usage_compare(FILE *out)
{
    fprintf(out,
            _("usage: archsim-cli compare A.json B.json [options]\n"
            "\n"
            "Run design A and design B under one scenario (A's, or --scenario FILE's) for\n"
            "the same replications on the same seeds (common random numbers), and print, per\n"
            "request type and per requirement, A, B and the difference B - A with its 95%%\n"
            "confidence interval: better, worse, or no significant difference. Also the cost,\n"
            "the cost per million successful requests and each design's bottleneck.\n"
            "\n"
            "options:\n"
            "  --scenario FILE      run both under FILE's scenario (traffic, requirements,\n"
            "                       events, duration) instead of A's\n"
            "  --replications R     runs of each design (default 10; at least 2 for intervals)\n"
            "  --duration S, --warmup S, --seed N, --jobs J   as for run\n"
            "  --json OUT           the comparison as JSON (format archsim-compare/1)\n"
            "  --shard K/N          compute only shard K of N of the runs and write it to --json\n"
            "                       OUT; archsim-cli merge folds the N shards into this JSON\n"
            "  --quiet              no table\n"
            "  --force              run even when the work is estimated at more than an hour\n"
            "  -h, --help           this help\n"
            "\n"
            "exit codes: 0 done, 2 bad input\n"));
}

int cmd_compare(int argc, char **argv)
{
    const char *files[2] = {NULL, NULL}, *scenario = NULL, *json = NULL;
    SimOptions opt = sim_options_default();
    double reps = 10, jobs = 0;
    bool quiet = false, force = false;
    int used, n_files = 0, shard_k = 0, shard_n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_compare(stdout);
            return EXIT_OK;
        } else if ((used = cli_sim_option(argc, argv, &i, &opt, &reps, &jobs, &json)) != 0 ||
                   (used = cli_shard_option(argc, argv, &i, &shard_k, &shard_n)) != 0) {
            if (used < 0) return EXIT_USAGE;
        } else if ((used = cli_string_option(argc, argv, &i, "--scenario", "a diagram file", &scenario)) != 0) {
            if (used < 0) return EXIT_USAGE;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (strcmp(a, "--force") == 0) {
            force = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, _("archsim-cli compare: unknown option '%s' (see --help)\n"), a);
            return EXIT_USAGE;
        } else if (n_files == 2) {
            fprintf(stderr, _("archsim-cli compare: two designs, got a third: '%s'\n"), a);
            return EXIT_USAGE;
        } else {
            files[n_files++] = a;
        }
    }
    if (n_files < 2) {
        usage_compare(stderr);
        return EXIT_USAGE;
    }
    Model *loaded[3] = {cli_load(files[0]), cli_load(files[1]), scenario ? cli_load(scenario) : NULL};
    int code = EXIT_USAGE;
    Model *a = NULL, *b = NULL;
    if (!loaded[0] || !loaded[1] || (scenario && !loaded[2])) goto out;
    const Model *src = scenario ? loaded[2] : loaded[0];
    for (int i = 0; i < 2; i++) {
        DiagList d;
        diag_init(&d, files[i]);
        Model *m = compare_with_scenario(loaded[i], src, &d);
        if (!m) {
            fprintf(stderr, _("archsim-cli compare: %s cannot run under %s's scenario:\n"), files[i],
                    scenario ? scenario : files[0]);
            diag_print(&d, stderr);
        }
        diag_free(&d);
        if (i == 0) a = m;
        else b = m;
    }
    if (!a || !b) goto out;
    if (a->scenario.n_requests == 0) {
        fprintf(stderr, _("archsim-cli compare: the scenario has no request types: nothing to compare\n"));
        goto out;
    }
    WorkEstimate wa = cli_work_of(a, &opt), wb = cli_work_of(b, &opt);
    double events = (wa.events + wb.events) * reps;
    if (!cli_work_verdict(files[1], events, 2 * analytic_work_wall_s((wa.events + wb.events) / 2, (int)reps, (int)jobs),
                          (wa.events_failing + wb.events_failing) * reps,
                          2 * analytic_work_wall_s((wa.events_failing + wb.events_failing) / 2, (int)reps, (int)jobs),
                          wa.unbounded || wb.unbounded, force))
        goto out;
    DiagList d;
    diag_init(&d, NULL);
    char name_a[1200], name_b[1200];
    snprintf(name_a, sizeof name_a, "%s", files[0]);
    snprintf(name_b, sizeof name_b, _("%s (under A's scenario)"), files[1]);
    if (scenario) {
        snprintf(name_a, sizeof name_a, _("%s (under %s's scenario)"), files[0], scenario);
        snprintf(name_b, sizeof name_b, _("%s (under %s's scenario)"), files[1], scenario);
    }
    if (shard_k) {
        if (!json) {
            fprintf(stderr, _("archsim-cli compare: --shard writes its runs to --json OUT (a shard file)\n"));
            diag_free(&d);
            goto out;
        }
        Shard *sh = xcalloc(1, sizeof *sh);
        sh->command = xstrdup("compare");
        sh->k = shard_k;
        sh->n = shard_n;
        sh->reps = (int)reps;
        sh->n_jobs = 2 * (int)reps;
        compare_run_shard(a, b, name_a, name_b, &opt, (int)reps, (int)jobs, shard_k, shard_n, cli_shard_each, sh, &d);
        diag_print(&d, stderr);
        diag_free(&d);
        const char *inputs[3] = {files[0], files[1], scenario};
        cJSON *args = cli_shard_args(inputs, 3, &opt, (int)reps);
        cJSON_AddStringToObject(args, "name_a", name_a);
        cJSON_AddStringToObject(args, "name_b", name_b);
        code = cli_shard_write(sh, args, json) ? EXIT_OK : EXIT_USAGE;
        shard_free(sh);
        goto out;
    }
    Comparison *c = compare_run(a, b, name_a, name_b, &opt, (int)reps, (int)jobs, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    if (!c) goto out;
    code = EXIT_OK;
    if (!quiet) {
        char *t = compare_text(c);
        fputs(t, stdout);
        free(t);
    }
    if (json) {
        char *t = compare_json(c);
        if (!cli_write(json, t)) code = EXIT_USAGE;
        free(t);
    }
    compare_destroy(c);
out:
    for (int i = 0; i < 3; i++) model_destroy(loaded[i]);
    model_destroy(a);
    model_destroy(b);
    return code;
}
