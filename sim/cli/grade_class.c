/*
 * grade_class.c - `archsim-cli grade DIR`: every design in a folder (a class's answers
 * to one exercise) graded, one CSV row per design, in file-name order; `--shard K/N`
 * grades every Nth design from the Kth, and `archsim-cli merge OUT.csv SHARD.csv...`
 * puts the rows back into the one table (docs/grading.md "A class").
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "sim/compare.h"
#include "sim/grade.h"
#include "sim/model_json.h"
#include "sim/replicate.h"
#include "sim/util.h"

#define CLASS_HEADER                                                                                             \
    "file,status,pass,requirements_passed,requirements,cost_per_month_usd,bottleneck,failed_requirements,error\n"

bool cli_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The .json files of dir, sorted by name (malloc'ed paths). */
static char **list_designs(const char *dir, int *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **out = NULL;
    int cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0) continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        if (cli_is_dir(path)) {
            free(path);
            continue;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 32;
            out = xrealloc(out, (size_t)cap * sizeof *out);
        }
        out[(*n)++] = path;
    }
    closedir(d);
    if (*n) qsort(out, (size_t)*n, sizeof *out, name_cmp);
    return out;
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv_field(StrBuf *b, const char *s, bool last)
{
    if (!s) s = "";
    if (strpbrk(s, ",\"\n\r")) {
        sb_puts(b, "\"");
        for (const char *p = s; *p; p++) sb_printf(b, "%s", *p == '"' ? "\"\"" : (char[]){*p, 0});
        sb_puts(b, "\"");
    } else {
        sb_puts(b, s);
    }
    sb_puts(b, last ? "\n" : ",");
}

/* One design's row. */
static void grade_row(StrBuf *b, const char *path, const Model *scenario, const SimOptions *opt, int reps, bool force)
{
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file(path, &d);
    if (m && scenario) {
        Model *under = compare_with_scenario(m, scenario, &d);
        model_destroy(m);
        m = under;
    }
    if (m) model_localize(m, tr_lang());
    char err[600] = "";
    if (!m) {
        for (int i = 0; i < d.n_items && !err[0]; i++)
            if (d.items[i].level == DIAG_ERROR)
                snprintf(err, sizeof err, "%s%s%s", d.items[i].path ? d.items[i].path : "",
                         d.items[i].path && d.items[i].path[0] ? ": " : "", d.items[i].message);
        diag_free(&d);
        csv_field(b, path, false);
        sb_puts(b, "invalid,false,,,,,,");
        csv_field(b, err[0] ? err : "the file does not load", true);
        return;
    }
    diag_free(&d);
    WorkEstimate w = cli_work_of(m, opt);
    double wall = analytic_work_wall_s(w.events, reps, 0);
    if (!force && (w.unbounded || !(wall <= ANALYTIC_WORK_CEILING_S))) {
        csv_field(b, path, false);
        sb_puts(b, "refused,false,,,,,,");
        csv_field(b, "the run would take more than an hour on this machine (or has no bound); --force grades it", true);
        model_destroy(m);
        return;
    }
    diag_init(&d, path);
    Summary *s = sim_replicate(m, opt, reps, 0, &d);
    if (!s) {
        snprintf(err, sizeof err, "%s", d.n_items ? d.items[0].message : _("the run failed"));
        diag_free(&d);
        csv_field(b, path, false);
        sb_puts(b, "failed,false,,,,,,");
        csv_field(b, err, true);
        model_destroy(m);
        return;
    }
    diag_free(&d);
    Grade *g = grade_create(m, s);
    StrBuf failed;
    sb_init(&failed);
    for (int i = 0; i < g->n_items; i++)
        if (!g->items[i].verdict.pass) sb_printf(&failed, "%s%s", failed.len ? "; " : "", g->items[i].text);
    char num[64], bottleneck[300] = "";
    if (g->bottleneck >= 0) node_name_in(m, &m->nodes[g->bottleneck], NAMING_LABEL_AND_ID, tr_lang(), bottleneck, sizeof bottleneck);
    csv_field(b, path, false);
    sb_printf(b, "%s,%s,%d,%d,", g->graded ? "graded" : "nothing_to_grade", g->pass ? "true" : "false", g->n_passed,
              g->n_items);
    snprintf(num, sizeof num, "%.2f", g->cost_per_month_usd);
    csv_field(b, num, false);
    csv_field(b, bottleneck, false);
    csv_field(b, failed.data ? failed.data : "", false);
    csv_field(b, "", true);
    sb_free(&failed);
    grade_destroy(g);
    summary_destroy(s);
    model_destroy(m);
}

int cli_grade_class(const char *dir, const char *scenario_file, const SimOptions *opt, int reps, int shard_k,
                    int shard_n, const char *csv, bool quiet, bool force)
{
    int n;
    char **files = list_designs(dir, &n);
    if (n == 0) {
        fprintf(stderr, _("archsim-cli grade: %s has no .json designs\n"), dir);
        free(files);
        return EXIT_USAGE;
    }
    Model *scenario = scenario_file ? cli_load(scenario_file) : NULL;
    if (scenario_file && !scenario) {
        for (int i = 0; i < n; i++) free(files[i]);
        free(files);
        return EXIT_USAGE;
    }
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, CLASS_HEADER);
    int graded = 0, passed = 0, shown = 0;
    for (int i = 0; i < n; i++) {
        if (shard_n > 1 && i % shard_n != shard_k - 1) continue;
        size_t before = b.len;
        grade_row(&b, files[i], scenario, opt, reps, force);
        shown++;
        const char *row = b.data + before;
        graded += strstr(row, ",graded,") != NULL;
        passed += strstr(row, ",graded,true,") != NULL;
        if (!quiet) fprintf(stderr, "  %d/%d %s\n", shown, shard_n > 1 ? (n + shard_n - shard_k) / shard_n : n, files[i]);
    }
    if (!quiet)
        fprintf(stderr, P_("archsim-cli grade: %d design, %d graded, %d pass%s\n",
                           "archsim-cli grade: %d designs, %d graded, %d pass%s\n", shown), shown, graded,
                passed, shard_n > 1 ? _(" (this shard; archsim-cli merge joins the shards' CSV files)") : "");
    bool ok = cli_write(csv ? csv : "-", b.data);
    sb_free(&b);
    for (int i = 0; i < n; i++) free(files[i]);
    free(files);
    model_destroy(scenario);
    return ok ? EXIT_OK : EXIT_USAGE;
}

/* ---- merging the shards' CSV files -------------------------------------------------------- */

/* The first field of a CSV row (unquoted). */
static char *first_field(const char *row)
{
    StrBuf b;
    sb_init(&b);
    if (*row == '"') {
        for (const char *p = row + 1; *p; p++) {
            if (*p == '"' && p[1] == '"') {
                sb_puts(&b, "\"");
                p++;
            } else if (*p == '"') {
                break;
            } else {
                sb_printf(&b, "%c", *p);
            }
        }
    } else {
        const char *e = strchr(row, ',');
        sb_printf(&b, "%.*s", (int)(e ? e - row : (long)strlen(row)), row);
    }
    return sb_take(&b);
}

typedef struct Row {
    char *key;
    char *text; /* the whole line, its newline included */
} Row;

static int row_cmp(const void *a, const void *b) { return strcmp(((const Row *)a)->key, ((const Row *)b)->key); }

int cli_merge_class(const char *out, const char *const *files, int n)
{
    Row *rows = NULL;
    int n_rows = 0, cap = 0, code = EXIT_OK;
    for (int i = 0; i < n && code == EXIT_OK; i++) {
        char *text = read_file(files[i], NULL);
        if (!text || strncmp(text, CLASS_HEADER, strlen(CLASS_HEADER)) != 0) {
            fprintf(stderr, _("archsim-cli merge: %s is not a CSV of archsim-cli grade DIR\n"), files[i]);
            free(text);
            code = EXIT_USAGE;
            break;
        }
        /* rows: a quoted field may hold a line break, so split on newlines outside quotes */
        const char *p = text + strlen(CLASS_HEADER);
        while (*p) {
            const char *start = p;
            bool quoted = false;
            while (*p && (quoted || *p != '\n')) {
                if (*p == '"') quoted = !quoted;
                p++;
            }
            if (*p == '\n') p++;
            if (n_rows == cap) {
                cap = cap ? 2 * cap : 64;
                rows = xrealloc(rows, (size_t)cap * sizeof *rows);
            }
            rows[n_rows].text = xasprintf("%.*s", (int)(p - start), start);
            rows[n_rows].key = first_field(rows[n_rows].text);
            n_rows++;
        }
        free(text);
    }
    if (code == EXIT_OK) {
        qsort(rows, (size_t)n_rows, sizeof *rows, row_cmp);
        for (int i = 1; i < n_rows; i++)
            if (strcmp(rows[i].key, rows[i - 1].key) == 0) {
                fprintf(stderr, _("archsim-cli merge: %s is graded in two shards\n"), rows[i].key);
                code = EXIT_USAGE;
                break;
            }
    }
    if (code == EXIT_OK) {
        StrBuf b;
        sb_init(&b);
        sb_puts(&b, CLASS_HEADER);
        for (int i = 0; i < n_rows; i++) sb_puts(&b, rows[i].text);
        if (!cli_write(out, b.data)) code = EXIT_USAGE;
        sb_free(&b);
    }
    for (int i = 0; i < n_rows; i++) {
        free(rows[i].key);
        free(rows[i].text);
    }
    free(rows);
    return code;
}
