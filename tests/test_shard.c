/*
 * test_shard.c - runs spread over shards and merged back (sim/shard.h, archsim-cli merge):
 * the merged report is byte-identical to one machine's for run, sweep and compare, in any
 * shard order; missing, repeated or foreign shards and changed inputs are refused.
 */
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/shard.h"
#include "sim/util.h"
#include "sim_test.h"

static char dir[128];

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
    char args[3000], cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "cd '%s' && %s 2>>'%s/stderr'", ARCHSIM_SOURCE_DIR, args, dir);
    int status = system(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool same_file(const char *a, const char *b)
{
    size_t na, nb;
    char *x = read_file(a, &na), *y = read_file(b, &nb);
    bool same = x && y && na == nb && memcmp(x, y, na) == 0;
    if (!same) fprintf(stderr, "%s and %s differ\n", a, b);
    free(x);
    free(y);
    return same;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/archsim-shard-%d", (int)getpid());
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    return system(cmd);
}

static int teardown(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

#define CLI ARCHSIM_CLI

/* run --replications 5 on one machine and as 3 shards merged in another order: the JSON,
 * the text report and the CSV are the same bytes; the exit code too. */
static void run_shards_merge_to_the_same_report(void **state)
{
    (void)state;
    const char *f = "scenarios/midsize-webapp.json";
    int one = sh("'%s' run %s --duration 2 --replications 5 --json %s/one.json --csv %s/one.csv > %s/one.txt", CLI, f,
                 dir, dir, dir);
    for (int k = 1; k <= 3; k++)
        assert_int_equal(sh("'%s' run %s --duration 2 --replications 5 --shard %d/3 --json %s/s%d.json", CLI, f, k, dir, k), 0);
    int merged = sh("'%s' merge %s/merged.json %s/s2.json %s/s3.json %s/s1.json --csv %s/merged.csv > %s/merged.txt", CLI,
                    dir, dir, dir, dir, dir, dir);
    assert_int_equal(one, merged);
    char a[256], b[256];
    const char *ext[] = {"json", "txt", "csv"};
    for (int i = 0; i < 3; i++) {
        snprintf(a, sizeof a, "%s/one.%s", dir, ext[i]);
        snprintf(b, sizeof b, "%s/merged.%s", dir, ext[i]);
        assert_true(same_file(a, b));
    }
    /* A shard missing, or given twice, is refused; so is a shard of another job. */
    assert_int_equal(sh("'%s' merge %s/x.json %s/s1.json %s/s2.json", CLI, dir, dir, dir), 2);
    assert_int_equal(sh("'%s' merge %s/x.json %s/s1.json %s/s1.json %s/s3.json", CLI, dir, dir, dir, dir), 2);
    assert_int_equal(sh("'%s' run %s --duration 3 --replications 5 --shard 2/3 --json %s/other.json", CLI, f, dir), 0);
    assert_int_equal(sh("'%s' merge %s/x.json %s/s1.json %s/other.json %s/s3.json", CLI, dir, dir, dir, dir), 2);
    char path[256];
    snprintf(path, sizeof path, "%s/stderr", dir);
    char *err = read_file(path, NULL);
    assert_non_null(strstr(err, "shard 3/3 is missing: every one of the 3 is needed"));
    assert_non_null(strstr(err, "shard 1/3 is given twice"));
    assert_non_null(strstr(err, "is of another job than shard"));
    free(err);
}

/* A sweep (no refinement) in 4 shards: its JSON, CSV, SVG and table the same bytes. */
static void sweep_shards_merge_to_the_same_sweep(void **state)
{
    (void)state;
    const char *f = "scenarios/url-shortener.json";
    /* --png draws through librsvg, whose fontconfig keeps its caches to the end: LeakSanitizer
     * is off for those two commands (ours are checked by every other one). */
    assert_int_equal(sh("ASAN_OPTIONS=\"${ASAN_OPTIONS}:detect_leaks=0\" '%s' sweep %s --load 0.5:2:0.5 --duration 2 "
                        "--replications 2 --json %s/w.json --csv %s/w.csv --svg %s/w.svg --png %s/w.png > %s/w.txt",
                        CLI, f, dir, dir, dir, dir, dir),
                     0);
    for (int k = 1; k <= 4; k++)
        assert_int_equal(sh("'%s' sweep %s --load 0.5:2:0.5 --duration 2 --replications 2 --shard %d/4 --json %s/ws%d.json",
                            CLI, f, k, dir, k),
                         0);
    assert_int_equal(sh("ASAN_OPTIONS=\"${ASAN_OPTIONS}:detect_leaks=0\" '%s' merge %s/wm.json %s/ws4.json %s/ws1.json "
                        "%s/ws3.json %s/ws2.json --csv %s/wm.csv --svg %s/wm.svg --png %s/wm.png > %s/wm.txt",
                        CLI, dir, dir, dir, dir, dir, dir, dir, dir, dir),
                     0);
    /* The PNG is the SVG drawn at twice its size: 1720 x 1200, its IHDR says. */
    char png[256];
    snprintf(png, sizeof png, "%s/w.png", dir);
    size_t n;
    unsigned char *bytes = (unsigned char *)read_file(png, &n);
    assert_non_null(bytes);
    assert_true(n > 24 && memcmp(bytes, "\x89PNG\r\n\x1a\n", 8) == 0);
    unsigned w = (unsigned)bytes[16] << 24 | (unsigned)bytes[17] << 16 | (unsigned)bytes[18] << 8 | bytes[19];
    unsigned h = (unsigned)bytes[20] << 24 | (unsigned)bytes[21] << 16 | (unsigned)bytes[22] << 8 | bytes[23];
    assert_int_equal(w, 1720);
    assert_int_equal(h, 1200);
    free(bytes);
    const char *ext[] = {"json", "csv", "svg", "txt", "png"};
    for (int i = 0; i < 5; i++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/w.%s", dir, ext[i]);
        snprintf(b, sizeof b, "%s/wm.%s", dir, ext[i]);
        assert_true(same_file(a, b));
    }
    /* --refine needs the knees between rounds: refused with --shard. */
    assert_int_equal(sh("'%s' sweep %s --refine 1 --shard 1/2 --json %s/no.json", CLI, f, dir), 2);
}

/* A comparison in 3 shards: the same JSON and table. A changed input is refused. */
static void compare_shards_merge_to_the_same_comparison(void **state)
{
    (void)state;
    const char *a = "tests/data/analysis/mmc2.json", *b = "tests/data/analysis/mm1-knee.json";
    char copy[256];
    snprintf(copy, sizeof copy, "%s/b.json", dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cp '%s/%s' '%s'", ARCHSIM_SOURCE_DIR, b, copy);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(sh("'%s' compare %s %s --duration 5 --replications 4 --json %s/c.json > %s/c.txt", CLI, a, copy, dir, dir),
                     0);
    for (int k = 1; k <= 3; k++)
        assert_int_equal(
            sh("'%s' compare %s %s --duration 5 --replications 4 --shard %d/3 --json %s/cs%d.json", CLI, a, copy, k, dir, k), 0);
    assert_int_equal(sh("'%s' merge %s/cm.json %s/cs1.json %s/cs2.json %s/cs3.json > %s/cm.txt", CLI, dir, dir, dir, dir, dir),
                     0);
    char x[256], y[256];
    snprintf(x, sizeof x, "%s/c.json", dir);
    snprintf(y, sizeof y, "%s/cm.json", dir);
    assert_true(same_file(x, y));
    snprintf(x, sizeof x, "%s/c.txt", dir);
    snprintf(y, sizeof y, "%s/cm.txt", dir);
    assert_true(same_file(x, y));
    /* B changed after the shards were made: the merge says so and refuses. */
    snprintf(cmd, sizeof cmd, "echo ' ' >> '%s'", copy);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(sh("'%s' merge %s/cm2.json %s/cs1.json %s/cs2.json %s/cs3.json", CLI, dir, dir, dir, dir), 2);
    char path[256];
    snprintf(path, sizeof path, "%s/stderr", dir);
    char *err = read_file(path, NULL);
    assert_non_null(strstr(err, "changed since the shards were made"));
    free(err);
}

/* A class: a folder of designs graded, one CSV row each in name order; an unreadable file
 * is a row saying why; two shards merge into the same table. */
static void a_class_is_graded_row_by_row_and_in_shards(void **state)
{
    (void)state;
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/class' && cp '%s/scenarios/url-shortener.json' '%s/class/b-ref.json' && "
             "cp '%s/scenarios/starters/url-shortener.json' '%s/class/a-starter.json' && "
             "printf '{\"format\": \"archsim/1\", \"nodes\": [' > '%s/class/c-broken.json'",
             dir, ARCHSIM_SOURCE_DIR, dir, ARCHSIM_SOURCE_DIR, dir, dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(sh("'%s' grade %s/class --duration 2 --csv %s/class.csv --quiet", CLI, dir, dir), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/class.csv", dir);
    char *csv = read_file(path, NULL);
    assert_non_null(csv);
    fputs(csv, stderr);
    char *a = strstr(csv, "/class/a-starter.json,graded,false,"), *b = strstr(csv, "/class/b-ref.json,graded,true,4,4,"),
         *c = strstr(csv, "/class/c-broken.json,invalid,false,");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a < b && b < c);
    assert_non_null(strstr(csv, "JSON syntax error"));
    free(csv);
    for (int k = 1; k <= 2; k++)
        assert_int_equal(sh("'%s' grade %s/class --duration 2 --shard %d/2 --csv %s/cl%d.csv --quiet", CLI, dir, k, dir, k), 0);
    assert_int_equal(sh("'%s' merge %s/merged.csv %s/cl2.csv %s/cl1.csv", CLI, dir, dir, dir), 0);
    char m[256];
    snprintf(m, sizeof m, "%s/merged.csv", dir);
    assert_true(same_file(path, m));
    /* The same shard twice is refused. */
    assert_int_equal(sh("'%s' merge %s/x.csv %s/cl1.csv %s/cl1.csv", CLI, dir, dir, dir), 2);
}

/* A shard file round-trips exactly: every value, NaN and infinities included. */
static void shard_files_round_trip_exactly(void **state)
{
    (void)state;
    Shard s = {.command = "run", .args = "{\"files\":[]}", .k = 2, .n = 5, .n_jobs = 10};
    ShardRun run = {.job = 3, .n_seconds = 2, .series_step_s = 1, .events = 123456789012ull, .refused = 7};
    double vals[] = {0.1, 1e-300, -2.5, NAN, INFINITY, -INFINITY, 1.0 / 3, 0};
    run.values = vals;
    run.n_values = sizeof vals / sizeof *vals;
    ShardRun failed = {.job = 4, .error = "stopped"};
    ShardRun runs[] = {run, failed};
    s.runs = runs;
    s.n_runs = 2;
    char *text = shard_to_json(&s);
    DiagList d;
    diag_init(&d, NULL);
    Shard *back = shard_from_json(text, &d);
    free(text);
    assert_non_null(back);
    assert_int_equal(back->n_runs, 2);
    assert_int_equal(back->runs[0].job, 3);
    assert_true(back->runs[0].events == 123456789012ull);
    for (size_t i = 0; i < run.n_values; i++) {
        double v = back->runs[0].values[i];
        assert_true(isnan(vals[i]) ? isnan(v) : memcmp(&v, &vals[i], sizeof v) == 0);
    }
    assert_string_equal(back->runs[1].error, "stopped");
    shard_free(back);
    assert_null(shard_from_json("{\"format\": \"archsim/1\"}", &d));
    assert_string_equal(d.items[0].message, "not a shard file (format \"archsim-shard/1\", written by --shard K/N)");
    diag_free(&d);
    int k, n;
    assert_true(shard_parse("3/8", &k, &n) && k == 3 && n == 8);
    assert_false(shard_parse("0/8", &k, &n));
    assert_false(shard_parse("9/8", &k, &n));
    assert_false(shard_parse("1/", &k, &n));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(run_shards_merge_to_the_same_report, setup, teardown),
        cmocka_unit_test_setup_teardown(sweep_shards_merge_to_the_same_sweep, setup, teardown),
        cmocka_unit_test_setup_teardown(compare_shards_merge_to_the_same_comparison, setup, teardown),
        cmocka_unit_test_setup_teardown(a_class_is_graded_row_by_row_and_in_shards, setup, teardown),
        cmocka_unit_test(shard_files_round_trip_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
