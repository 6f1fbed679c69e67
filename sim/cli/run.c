/*
 * run.c - `archsim-cli run`: simulate a design, print the report, write JSON/CSV.
 * Also the helpers the commands share (loading, numbers, writing files).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sim/numfmt.h"
#include "sim/analytic.h"
#include "sim/diag.h"
#include "sim/engine.h"
#include "sim/model_json.h"
#include "sim/replicate.h"
#include "sim/report.h"
#include "sim/import.h"
#include "sim/layout.h"
#include "sim/look.h"
#include "sim/util.h"

Model *cli_load(const char *path)
{
    DiagList d;
    diag_init(&d, path);
    /* A diagram from another tool (or a PNG archsim exported) is imported first; archsim
     * JSON is read strictly, as always. */
    FILE *f = fopen(path, "rb");
    char head[4096];
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f) fclose(f);
    ImportFormat fmt = n ? import_sniff(head, n) : IMPORT_ARCHSIM;
    Model *m = NULL;
    if (fmt == IMPORT_ARCHSIM) {
        m = model_load_file(path, &d);
    } else {
        ImportResult r;
        if (import_file(path, &r, &d) && diag_errors(&d) == 0) {
            m = r.model;
            r.model = NULL;
            if (layout_needed(m)) layout_layered(m, LOOK_NODE_W, LOOK_NODE_H);
            char size[160];
            if (fmt != IMPORT_PNG)
                fprintf(stderr, _("archsim-cli: %s: read as %s: %s (%d kinds guessed, %d defaulted; "
                                  "'archsim-cli import %s' lists them)\n"),
                        path, import_format_name(fmt), numfmt_nodes_edges(m->n_nodes, m->n_edges, size, sizeof size),
                        import_count(&r, NOTE_GUESSED),
                        import_count(&r, NOTE_DEFAULTED), path);
        }
        import_result_free(&r);
    }
    if (m) model_localize(m, tr_lang()); /* names in the reports' language */
    diag_print(&d, stderr);
    if (!m && diag_errors(&d) > 0)
        fprintf(stderr, P_("archsim-cli: %s: %d problem, nothing was simulated\n",
                           "archsim-cli: %s: %d problems, nothing was simulated\n", diag_errors(&d)),
                path, diag_errors(&d));
    diag_free(&d);
    return m;
}

bool cli_number(const char *opt, const char *s, double lo, double hi, double *out)
{
    if (!s) {
        fprintf(stderr, _("archsim-cli: %s needs a value\n"), opt);
        return false;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v < lo || v > hi) {
        fprintf(stderr, _("archsim-cli: %s must be a number from %g to %g, got '%s'\n"), opt, lo,
                hi, s);
        return false;
    }
    *out = v;
    return true;
}

static bool whole(const char *opt, const char *v, double lo, double hi, double *out)
{
    if (!cli_number(opt, v, lo, hi, out)) return false;
    if (*out != floor(*out)) {
        fprintf(stderr, _("archsim-cli: %s must be a whole number, got '%s'\n"), opt, v);
        return false;
    }
    return true;
}

int cli_string_option(int argc, char **argv, int *i, const char *name, const char *what,
                      const char **out)
{
    if (strcmp(argv[*i], name) != 0) return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, _("archsim-cli: %s needs %s\n"), name, what);
        return -1;
    }
    *out = argv[++*i];
    return 1;
}

bool cli_file_arg(const char *cmd, const char *a, const char **file)
{
    if (a[0] == '-' && a[1]) {
        fprintf(stderr, _("archsim-cli %s: unknown option '%s' (see --help)\n"), cmd, a);
        return false;
    }
    if (*file) {
        fprintf(stderr, _("archsim-cli %s: one FILE only, got '%s' and '%s'\n"), cmd, *file, a);
        return false;
    }
    *file = a;
    return true;
}

int cli_sim_option(int argc, char **argv, int *i, SimOptions *opt, double *reps, double *jobs,
                   const char **json)
{
    int used = cli_string_option(argc, argv, i, "--json", "a file name ('-' for stdout)", json);
    if (used) return used;
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    double x;
    if (strcmp(a, "--duration") == 0) {
        if (!cli_number(a, v, 1e-3, 1e7, &opt->duration_s)) return -1;
    } else if (strcmp(a, "--warmup") == 0) {
        if (!cli_number(a, v, 0, 1e7, &opt->warmup_s)) return -1;
    } else if (strcmp(a, "--seed") == 0) {
        if (!whole(a, v, 0, 9007199254740991.0, &x)) return -1;
        opt->seed = (uint64_t)x;
        opt->has_seed = true;
    } else if (strcmp(a, "--replications") == 0) {
        if (!whole(a, v, 1, 10000, reps)) return -1;
    } else if (strcmp(a, "--jobs") == 0 && jobs) {
        if (!whole(a, v, 1, 1024, jobs)) return -1;
    } else {
        return 0;
    }
    (*i)++;
    return 1;
}

bool cli_write(const char *path, const char *text)
{
    if (strcmp(path, "-") == 0) {
        fputs(text, stdout);
        return true;
    }
    if (write_file_atomic(path, text, strlen(text)) != 0) {
        fprintf(stderr, _("archsim-cli: cannot write %s: %s\n"), path, strerror(errno));
        return false;
    }
    return true;
}

static void usage_run(FILE *out)
{
    fprintf(out,
            _("usage: archsim-cli run FILE [options]\n"
            "\n"
            "Simulate the design in FILE under its scenario's traffic and print a report:\n"
            "latency percentiles and errors per request type, utilisation, queues and drops\n"
            "per node, the bottleneck, the cost, and a verdict per requirement.\n"
            "\n"
            "options:\n"
            "  --duration S       simulated seconds measured (default: scenario.duration_s)\n"
            "  --warmup S         simulated seconds discarded first (default: scenario.warmup_s)\n"
            "  --seed N           random seed (default: scenario.seed)\n"
            "  --replications R   independent runs; figures become mean and 95%% CI (default 1)\n"
            "  --jobs J           threads for the replications (default: all cores)\n"
            "  --json OUT         write the JSON report (format %s) to OUT ('-' = stdout)\n"
            "  --csv OUT          write the per-second time series as CSV to OUT\n"
            "  --trace TYPE       follow one request of TYPE (the first after the warm-up)\n"
            "                     hop by hop: time on the wire, queued, served, waiting\n"
            "  --quiet            no text report and no progress bar\n"
            "  --force            run even when the work is estimated at more than an hour\n"
            "                     on this machine, or has no bound\n"
            "  --shard K/N        compute only shard K of N of the replications and write it\n"
            "                     to --json OUT; archsim-cli merge folds the N shards into\n"
            "                     this report, byte for byte (docs/analysis.md)\n"
            "  -h, --help         this help\n"
            "\n"
            "A run estimated at more than a minute says how long first (on stderr).\n"
            "The same file and seed give byte-identical JSON, whatever --jobs is.\n"
            "exit codes: 0 requirements pass (or none), 1 a requirement fails, 2 bad input\n"),
            REPORT_FORMAT);
}

typedef struct Progress {
    bool on;
    int last;
} Progress;

static void show_progress(void *ctx, double f)
{
    Progress *p = ctx;
    int pct = (int)(f * 100);
    if (!p->on || pct == p->last) return;
    p->last = pct;
    int w = 40, fill = pct * w / 100;
    fprintf(stderr, "\r%s", _("  simulating ["));
    for (int i = 0; i < w; i++) fputc(i < fill ? '#' : '.', stderr);
    fprintf(stderr, "] %3d%%", pct);
    if (pct >= 100) fprintf(stderr, "\r%*s\r", w + 22, "");
    fflush(stderr);
}

int cmd_run(int argc, char **argv)
{
    const char *file = NULL, *json = NULL, *csv = NULL, *trace = NULL;
    SimOptions opt = sim_options_default();
    double reps = 1, jobs = 0;
    bool quiet = false, force = false;
    int used, shard_k = 0, shard_n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_run(stdout);
            return EXIT_OK;
        } else if ((used = cli_sim_option(argc, argv, &i, &opt, &reps, &jobs, &json)) != 0 ||
                   (used = cli_shard_option(argc, argv, &i, &shard_k, &shard_n)) != 0) {
            if (used < 0) return EXIT_USAGE;
        } else if ((used = cli_string_option(argc, argv, &i, "--csv",
                                             "a file name ('-' for stdout)", &csv)) != 0 ||
                   (used = cli_string_option(argc, argv, &i, "--trace", "a request type",
                                             &trace)) != 0) {
            if (used < 0) return EXIT_USAGE;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (strcmp(a, "--force") == 0) {
            force = true;
        } else if (!cli_file_arg("run", a, &file)) {
            return EXIT_USAGE;
        }
    }
    if (!file) {
        usage_run(stderr);
        return EXIT_USAGE;
    }
    Model *m = cli_load(file);
    if (!m) return EXIT_USAGE;
    if (trace) {
        opt.trace_request = model_find_request(m, trace);
        if (opt.trace_request < 0) {
            fprintf(stderr, _("archsim-cli: --trace: no request type '%s'; request types:"), trace);
            for (int t = 0; t < m->scenario.n_requests; t++)
                fprintf(stderr, "%s %s", t ? "," : "", m->scenario.requests[t].name);
            fprintf(stderr, "\n");
            model_destroy(m);
            return EXIT_USAGE;
        }
    }
    if (!cli_work_check(file, m, &opt, (int)reps, (int)jobs, force)) {
        model_destroy(m);
        return EXIT_USAGE;
    }
    if (shard_k) {
        if (!json || trace || csv) {
            fprintf(stderr, _("archsim-cli run: --shard writes its runs to --json OUT (a shard file); --trace and "
                            "--csv belong to a plain run or to merge\n"));
            model_destroy(m);
            return EXIT_USAGE;
        }
        int code = cli_shard_batch("run", &m, 1, (int)reps, (int)jobs, &opt, shard_k, shard_n,
                                   cli_shard_args(&file, 1, &opt, (int)reps), json);
        model_destroy(m);
        return code;
    }
    Progress prog = {.on = !quiet && isatty(STDERR_FILENO), .last = -1};
    opt.progress = show_progress;
    opt.progress_ctx = &prog;
    DiagList d;
    diag_init(&d, file);
    Summary *s = sim_replicate(m, &opt, (int)reps, (int)jobs, &d);
    if (!s) {
        diag_print(&d, stderr);
        diag_free(&d);
        model_destroy(m);
        return EXIT_USAGE;
    }
    diag_free(&d);
    bool ok = true;
    if (!quiet) {
        char *text = report_text(m, s);
        fputs(text, stdout);
        free(text);
    }
    if (json) {
        char *text = report_json(m, s);
        ok &= cli_write(json, text);
        free(text);
    }
    if (csv) {
        char *text = report_csv(m, s);
        ok &= cli_write(csv, text);
        free(text);
    }
    bool pass = report_passes(m, s);
    summary_destroy(s);
    model_destroy(m);
    if (!ok) return EXIT_USAGE;
    return pass ? EXIT_OK : EXIT_FAILS;
}
