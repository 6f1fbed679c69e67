/*
 * test_model_json.c - the diagram file format round-trips: load -> save -> load gives
 * an equal model and the second save is byte-identical to the first; positions,
 * labels and "meta" survive; defaults are left out of saved files; a fixture that sets
 * every field of every kind to a non-default value keeps all of them; saving is
 * atomic (a failed save leaves the existing file as it was, a save keeps the file's
 * mode and owner and follows no planted symlink); loading refuses folders and stops
 * reading at the size limit.
 */
#define _DEFAULT_SOURCE /* fchown, lstat, symlink, setuid */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/model_json.h"
#include "sim/schema.h"
#include "sim/util.h"

#define DATA ARCHSIM_SOURCE_DIR "/tests/data/format/"

static Model *load_text(const char *text)
{
    DiagList d;
    diag_init(&d, "test");
    Model *m = model_from_json(text, strlen(text), &d);
    if (!m) diag_print(&d, stderr);
    diag_free(&d);
    return m;
}

static Model *load_path(const char *path)
{
    DiagList d;
    diag_init(&d, NULL);
    Model *m = model_load_file(path, &d);
    if (!m) diag_print(&d, stderr);
    diag_free(&d);
    return m;
}

/* Save, load the saved text, save again: the models are equal and both texts are the
 * same bytes. Returns the first saved text. */
static char *assert_round_trip(const Model *m)
{
    char *first = model_to_json(m);
    Model *again = load_text(first);
    assert_non_null(again);
    assert_true(model_equal(m, again));
    char *second = model_to_json(again);
    assert_string_equal(first, second);
    free(second);
    model_destroy(again);
    return first;
}

static void design_example_round_trips_byte_identically(void **state)
{
    (void)state;
    Model *m = load_path(DATA "twitter.json");
    assert_non_null(m);
    assert_int_equal(m->n_nodes, 7);
    assert_int_equal(m->n_edges, 7);
    assert_int_equal(m->scenario.n_requests, 2);
    char *text = assert_round_trip(m);
    assert_true(strncmp(text, "{\n  \"format\": \"archsim/1\",\n", 27) == 0);
    assert_true(text[strlen(text) - 1] == '\n');
    free(text);
    model_destroy(m);
}

static void positions_labels_and_meta_are_kept(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"meta\": {\"z\": 1, \"a\": [true, null, \"s\"]},"
        " \"nodes\": [{\"id\": \"c\", \"kind\": \"client\", \"x\": -12.75, \"y\": 1e6,"
        " \"label\": \"Mobile users\", \"meta\": {\"color\": \"#abc\", \"w\": 0.1}},"
        " {\"id\": \"s\", \"kind\": \"service\", \"meta\": {}}],"
        " \"edges\": [{\"from\": \"c\", \"to\": \"s\", \"label\": \"HTTPS\", \"meta\": {\"k\": [1, {\"x\": 2}]}}],"
        " \"scenario\": {\"requests\": [{\"name\": \"r\", \"rate_rps\": 5, \"meta\": {\"q\": \"v\"}}]}}");
    assert_non_null(m);
    assert_true(m->nodes[0].x == -12.75 && m->nodes[0].y == 1e6);
    assert_string_equal(m->nodes[0].label, "Mobile users");
    assert_string_equal(m->nodes[0].meta_json, "{\"color\":\"#abc\",\"w\":0.1}");
    assert_string_equal(m->nodes[1].meta_json, "{}");
    assert_string_equal(m->meta_json, "{\"z\":1,\"a\":[true,null,\"s\"]}");
    assert_string_equal(m->edges[0].meta_json, "{\"k\":[1,{\"x\":2}]}");
    assert_string_equal(m->scenario.requests[0].meta_json, "{\"q\":\"v\"}");
    char *text = assert_round_trip(m);
    assert_non_null(strstr(text, "\"meta\": {\"z\": 1, \"a\": [true, null, \"s\"]}"));
    free(text);
    model_destroy(m);
}

static void defaults_are_omitted_on_save(void **state)
{
    (void)state;
    Model *m = model_create();
    char *text = model_to_json(m);
    assert_string_equal(text, "{\n  \"format\": \"archsim/1\",\n  \"nodes\": [],\n  \"edges\": []\n}\n");
    free(text);
    for (int k = 0; k < NODE_KIND_COUNT; k++) {
        Node n;
        node_defaults((NodeKind)k, &n);
        char id[32];
        snprintf(id, sizeof id, "n%d", k);
        n.id = id;
        model_add_node(m, &n);
    }
    Edge e;
    edge_defaults(&e);
    e.from = "n0";
    e.to = "n2";
    model_add_edge(m, &e);
    text = model_to_json(m);
    char want[128];
    for (int k = 0; k < NODE_KIND_COUNT; k++) {
        snprintf(want, sizeof want, "{\"id\": \"n%d\", \"kind\": \"%s\"}", k,
                 node_kind_name((NodeKind)k));
        assert_non_null(strstr(text, want));
    }
    assert_non_null(strstr(text, "{\"from\": \"n0\", \"to\": \"n2\"}"));
    assert_null(strstr(text, "scenario"));
    free(text);
    model_destroy(m);
}

/* The text of element i of a saved list: its line. */
static char *element_line(const char *text, const char *list, int i)
{
    char key[64];
    snprintf(key, sizeof key, "\"%s\": [\n", list);
    const char *p = strstr(text, key);
    if (!p) return NULL;
    p += strlen(key);
    for (int k = 0; k < i; k++) {
        p = strchr(p, '\n');
        if (!p) return NULL;
        p++;
    }
    const char *end = strchr(p, '\n');
    size_t n = (size_t)(end - p);
    char *line = xmalloc(n + 1);
    memcpy(line, p, n);
    line[n] = 0;
    return line;
}

static bool line_has_key(const char *line, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "\"%s\": ", name);
    return strstr(line, key) != NULL;
}

/* Every field of `table` appears in at least one of the n lines of `list`. */
static void assert_list_covers(const char *text, const char *list, int n, const FieldDesc *table)
{
    for (const FieldDesc *f = table; f->name; f++) {
        bool found = false;
        for (int i = 0; i < n && !found; i++) {
            char *line = element_line(text, list, i);
            found = line && line_has_key(line, f->name);
            free(line);
        }
        if (!found) fprintf(stderr, "%s: no element sets '%s'\n", list, f->name);
        assert_true(found);
    }
}

static void every_field_of_every_kind_round_trips(void **state)
{
    (void)state;
    Model *m = load_path(DATA "every_field.json");
    assert_non_null(m);
    char *text = assert_round_trip(m);
    /* Each node line names every field that applies to its kind: none was at its
     * default, and none was dropped. */
    bool kind_seen[NODE_KIND_COUNT] = {false};
    for (int i = 0; i < m->n_nodes; i++) {
        const Node *n = &m->nodes[i];
        if (strcmp(n->id, "worker") == 0) continue; /* a plain consumer, on purpose */
        if (strcmp(n->id, "dlq") == 0) continue;    /* a plain dead-letter queue, on purpose */
        kind_seen[n->kind] = true;
        char *line = element_line(text, "nodes", i);
        assert_non_null(line);
        for (const FieldDesc *f = schema_node_fields; f->name; f++) {
            if (!schema_applies(f, n->kind)) continue;
            /* a node is placed in one zone or spread over several, not both */
            if ((strcmp(f->name, "zones") == 0 && n->zone) || (strcmp(f->name, "zone") == 0 && n->n_zones))
                continue;
            if (!line_has_key(line, f->name))
                fprintf(stderr, "node '%s' (%s) lacks '%s'\n", n->id, node_kind_name(n->kind),
                        f->name);
            assert_true(line_has_key(line, f->name));
        }
        free(line);
    }
    for (int k = 0; k < NODE_KIND_COUNT; k++) assert_true(kind_seen[k]);
    assert_list_covers(text, "edges", m->n_edges, schema_edge_fields);
    /* The autoscale object of the service (nodes[2]) keeps every field. */
    char *n1 = element_line(text, "nodes", 2);
    assert_true(line_has_key(n1, "autoscale"));
    for (const FieldDesc *f = schema_autoscale_fields; f->name; f++)
        assert_true(line_has_key(n1, f->name));
    free(n1);
    assert_true(m->nodes[2].autoscale.enabled && m->nodes[2].autoscale.metric == SCALE_INFLIGHT);
        char *e0 = element_line(text, "edges", 0);
    for (const FieldDesc *f = schema_breaker_fields; f->name; f++)
        assert_true(line_has_key(e0, f->name));
    free(e0);
    assert_list_covers(text, "requests", m->scenario.n_requests, schema_request_fields);
    assert_list_covers(text, "requirements", m->scenario.n_requirements,
                       schema_requirement_fields);
    assert_list_covers(text, "events", m->scenario.n_events, schema_event_fields);
    assert_list_covers(text, "zones", m->scenario.n_zones, schema_zone_fields);
    assert_list_covers(text, "region_latency", m->scenario.n_region_latency, schema_region_latency_fields);
    for (const FieldDesc *f = schema_scenario_fields; f->name; f++)
        assert_true(line_has_key(text, f->name));
    /* An empty circuit_breaker object turns the breaker on with its defaults. */
    Edge def;
    edge_defaults(&def);
    assert_true(m->edges[2].breaker.enabled);
    assert_true(m->edges[2].breaker.min_calls == def.breaker.min_calls);
    assert_false(m->edges[1].breaker.enabled);
    assert_true(m->scenario.seed == 9007199254740991ull);
    free(text);
    model_destroy(m);
}

static void distributions_round_trip_in_their_shortest_form(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\": \"archsim/1\", \"nodes\": ["
        "{\"id\": \"a\", \"kind\": \"service\", \"service_ms\": {\"dist\": \"constant\", \"mean\": 3}},"
        "{\"id\": \"b\", \"kind\": \"service\", \"service_ms\": 0.1},"
        "{\"id\": \"c\", \"kind\": \"service\", \"service_ms\": {\"dist\": \"exponential\", \"mean\": 2, \"cap\": 40}},"
        "{\"id\": \"d\", \"kind\": \"service\", \"service_ms\": {\"dist\": \"uniform\", \"min\": 1, \"max\": 1}},"
        "{\"id\": \"e\", \"kind\": \"service\", \"service_ms\": {\"dist\": \"lognormal\", \"mean\": 1, \"p99\": 14.9}},"
        "{\"id\": \"f\", \"kind\": \"service\", \"service_ms\": {\"dist\": \"pareto\", \"mean\": 1e-7, \"alpha\": 1.0000001}}]}");
    assert_non_null(m);
    assert_true(m->nodes[0].service_ms.kind == DIST_CONSTANT && m->nodes[0].service_ms.mean == 3);
    assert_true(m->nodes[3].service_ms.kind == DIST_UNIFORM);
    char *text = assert_round_trip(m);
    assert_non_null(strstr(text, "\"service_ms\": 3}"));
    assert_non_null(strstr(text, "\"service_ms\": 0.1}"));
    assert_non_null(strstr(text, "{\"dist\": \"exponential\", \"mean\": 2, \"cap\": 40}"));
    assert_non_null(strstr(text, "{\"dist\": \"pareto\", \"mean\": 1e-07, \"alpha\": 1.0000001}"));
    free(text);
    model_destroy(m);
}

static void strings_with_quotes_controls_and_unicode_round_trip(void **state)
{
    (void)state;
    Model *m = model_create();
    m->title = xstrdup("Caf\xc3\xa9 \"quoted\" back\\slash\nnew line\ttab \x01 \xe2\x9c\x93");
    m->scenario.prompt = xstrdup("\xf0\x9f\x98\x80 emoji");
    char *text = assert_round_trip(m);
    assert_non_null(strstr(text, "\\u0001"));
    assert_non_null(strstr(text, "\\\"quoted\\\""));
    free(text);
    model_destroy(m);
}

static void numbers_are_written_shortest_and_read_back_exactly(void **state)
{
    (void)state;
    Model *m = load_text("{\"format\": \"archsim/1\", "
                         "\"meta\": {\"big\": 1e300, \"tiny\": 5e-324, \"neg\": -0.5}}");
    assert_non_null(m);
    Node n;
    node_defaults(NODE_CLIENT, &n);
    n.id = "c";
    n.x = 0.1 + 0.2; /* 0.30000000000000004 */
    n.y = -1234567.125;
    model_add_node(m, &n);
    m->scenario.duration_s = 1.0 / 3.0;
    char *text = assert_round_trip(m);
    assert_non_null(strstr(text, "\"x\": 0.30000000000000004"));
    assert_non_null(strstr(text, "\"y\": -1234567.125"));
    free(text);
    model_destroy(m);
}

static void a_model_built_in_code_saves_and_loads_back_equal(void **state)
{
    (void)state;
    Model *m = model_create();
    Node n;
    node_defaults(NODE_CLIENT, &n);
    n.id = "users";
    model_add_node(m, &n);
    node_defaults(NODE_DATABASE, &n);
    n.id = "db";
    n.label = "Primary";
    n.shards = 3;
    model_add_node(m, &n);
    Edge e;
    edge_defaults(&e);
    e.from = "users";
    e.to = "db";
    e.breaker.enabled = true;
    e.breaker.open_s = 7;
    model_add_edge(m, &e);
    m->scenario.requests = xcalloc(1, sizeof *m->scenario.requests);
    request_defaults(&m->scenario.requests[0]);
    m->scenario.requests[0].name = xstrdup("q");
    m->scenario.requests[0].rate_rps = 10;
    m->scenario.n_requests = 1;
    char *text = assert_round_trip(m);
    assert_non_null(strstr(text, "\"circuit_breaker\": {\"open_s\": 7}"));
    free(text);
    model_destroy(m);
}

static char *slurp(const char *path)
{
    size_t len;
    return read_file(path, &len);
}

static void save_file_writes_what_model_to_json_returns(void **state)
{
    (void)state;
    char dir[] = "/tmp/archsim-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/d.json", dir);
    Model *m = load_path(DATA "twitter.json");
    DiagList d;
    diag_init(&d, NULL);
    assert_true(model_save_file(m, path, &d));
    assert_int_equal(d.n_items, 0);
    char *got = slurp(path), *want = model_to_json(m);
    assert_string_equal(got, want);
    Model *back = load_path(path);
    assert_true(model_equal(m, back));
    model_destroy(back);
    free(got);
    free(want);
    unlink(path);
    rmdir(dir);
    free(path);
    diag_free(&d);
    model_destroy(m);
}

/* Files in dir other than `keep` (a failed or finished save leaves no temporary). */
static int other_files(const char *dir, const char *keep)
{
    DIR *dd = opendir(dir);
    assert_non_null(dd);
    int n = 0;
    for (struct dirent *de; (de = readdir(dd));)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && strcmp(de->d_name, keep)) n++;
    closedir(dd);
    return n;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A save that cannot complete leaves the old file byte for byte and says why. */
static void failed_save_leaves_the_existing_file_untouched(void **state)
{
    (void)state;
    char dir[] = "/tmp/archsim-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/d.json", dir);
    write_text(path, "old contents");
    Model *m = load_path(DATA "twitter.json");
    DiagList d;
    diag_init(&d, NULL);

    /* The rename cannot replace a folder (this works even as root). */
    char *folder = xasprintf("%s/sub", dir);
    assert_int_equal(mkdir(folder, 0755), 0);
    assert_false(model_save_file(m, folder, &d));
    assert_int_equal(diag_errors(&d), 1);
    assert_non_null(strstr(d.items[0].message, "cannot save"));
    struct stat st;
    assert_int_equal(stat(folder, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    rmdir(folder);
    free(folder);
    assert_int_equal(other_files(dir, "d.json"), 0); /* the temporary file is gone */
    char *got = slurp(path);
    assert_string_equal(got, "old contents");
    free(got);

    /* A missing directory. */
    char *missing = xasprintf("%s/no/such/dir/d.json", dir);
    int before = diag_errors(&d);
    assert_false(model_save_file(m, missing, &d));
    assert_int_equal(diag_errors(&d), before + 1);
    free(missing);

    unlink(path);
    rmdir(dir);
    free(path);
    diag_free(&d);
    model_destroy(m);
}

/* A folder that does not allow writing: the save fails with a message naming the
 * folder and leaves the file as it was. Root may write anywhere, so as root the save
 * runs in a child process that has given root up. */
static void save_into_a_read_only_folder_fails_clearly(void **state)
{
    (void)state;
    char dir[] = "/tmp/archsim-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/d.json", dir);
    write_text(path, "old contents");
    chmod(path, 0644);
    chmod(dir, 0555);
    Model *m = load_path(DATA "twitter.json");
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
        DiagList d;
        diag_init(&d, NULL);
        bool ok = model_save_file(m, path, &d);
        int code = ok ? 1
                   : diag_errors(&d) == 1 && strstr(d.items[0].message, "cannot write in its folder") &&
                             strstr(d.items[0].message, dir) && strstr(d.items[0].message, "unchanged")
                       ? 0
                       : 2;
        if (code) diag_print(&d, stderr);
        _exit(code);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    chmod(dir, 0755);
    char *got = slurp(path);
    assert_string_equal(got, "old contents");
    free(got);
    assert_int_equal(other_files(dir, "d.json"), 0);
    unlink(path);
    rmdir(dir);
    free(path);
    model_destroy(m);
}

/* A save replaces the file but keeps what the user set on it: its mode and owner. */
static void save_keeps_the_file_mode_and_owner(void **state)
{
    (void)state;
    char dir[] = "/tmp/archsim-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/d.json", dir);
    write_text(path, "old contents");
    assert_int_equal(chmod(path, 0600), 0);
    bool root = geteuid() == 0;
    if (root) assert_int_equal(chown(path, 65534, 65534), 0);
    Model *m = load_path(DATA "twitter.json");
    DiagList d;
    diag_init(&d, NULL);
    assert_true(model_save_file(m, path, &d));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    if (root) {
        assert_int_equal(st.st_uid, 65534);
        assert_int_equal(st.st_gid, 65534);
    }
    char *got = slurp(path), *want = model_to_json(m);
    assert_string_equal(got, want);
    free(got);
    free(want);
    /* A new file gets the usual mode: 0666 less the umask. */
    char *fresh = xasprintf("%s/new.json", dir);
    mode_t mask = umask(022);
    assert_true(model_save_file(m, fresh, &d));
    umask(mask);
    assert_int_equal(stat(fresh, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
    unlink(fresh);
    free(fresh);
    unlink(path);
    rmdir(dir);
    free(path);
    diag_free(&d);
    model_destroy(m);
}

/* Older versions wrote to "<file>.tmp-<pid>" without O_EXCL, so a symlink planted at
 * that name sent the save wherever it pointed. The temporary name is now fresh. */
static void save_does_not_follow_a_planted_symlink(void **state)
{
    (void)state;
    char dir[] = "/tmp/archsim-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/d.json", dir);
    char *victim = xasprintf("%s/victim", dir);
    write_text(victim, "precious");
    char *planted = xasprintf("%s.tmp-%ld", path, (long)getpid());
    assert_int_equal(symlink(victim, planted), 0);
    Model *m = load_path(DATA "twitter.json");
    DiagList d;
    diag_init(&d, NULL);
    assert_true(model_save_file(m, path, &d));
    char *got = slurp(victim);
    assert_string_equal(got, "precious");
    free(got);
    struct stat st;
    assert_int_equal(lstat(planted, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    unlink(planted);
    unlink(victim);
    unlink(path);
    rmdir(dir);
    free(planted);
    free(victim);
    free(path);
    diag_free(&d);
    model_destroy(m);
}

/* A save to a pipe or a device (/dev/null, /dev/stdout: archsim-cli run --json
 * /dev/null) writes into it: renaming a new file over it, as root, would put a regular
 * file in place of /dev/null. A FIFO stands for them here. A symlink to a file keeps
 * being a link; the file it names gets the text. */
static void save_writes_into_pipes_and_through_symlinks(void **state)
{
    (void)state;
    char dir[] = "/tmp/archsim-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *fifo = xasprintf("%s/pipe", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    Model *m = load_path(DATA "twitter.json");
    char *want = model_to_json(m);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) { /* the reader: all of the text, then the end */
        alarm(60);   /* a save that replaced the FIFO would leave it waiting for ever */
        int fd = open(fifo, O_RDONLY);
        if (fd < 0) _exit(3);
        StrBuf b;
        sb_init(&b);
        char chunk[4096];
        ssize_t n;
        while ((n = read(fd, chunk, sizeof chunk - 1)) > 0) {
            chunk[n] = 0;
            sb_puts(&b, chunk);
        }
        _exit(b.data && strcmp(b.data, want) == 0 ? 0 : 2);
    }
    DiagList d;
    diag_init(&d, NULL);
    assert_true(model_save_file(m, fifo, &d));
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(other_files(dir, "pipe"), 0);
    unlink(fifo);

    char *real = xasprintf("%s/real.json", dir), *link = xasprintf("%s/link.json", dir);
    write_text(real, "old contents");
    assert_int_equal(symlink("real.json", link), 0);
    assert_true(model_save_file(m, link, &d));
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *got = slurp(real);
    assert_string_equal(got, want);
    free(got);
    unlink(link);
    unlink(real);
    rmdir(dir);
    free(real);
    free(link);
    free(fifo);
    free(want);
    diag_free(&d);
    model_destroy(m);
}

static void loading_a_missing_file_reports_it(void **state)
{
    (void)state;
    DiagList d;
    diag_init(&d, NULL);
    assert_null(model_load_file("/nonexistent/archsim.json", &d));
    assert_int_equal(diag_errors(&d), 1);
    assert_non_null(strstr(d.items[0].message, "cannot read"));
    diag_free(&d);
}

/* A folder given as a file used to read as "Input/output error". */
static void loading_a_folder_says_it_is_a_folder(void **state)
{
    (void)state;
    DiagList d;
    diag_init(&d, NULL);
    assert_null(model_load_file("/tmp", &d));
    assert_int_equal(diag_errors(&d), 1);
    assert_non_null(strstr(d.items[0].message, "is a folder, not a file"));
    diag_free(&d);
}

/* The size limit is checked while reading: /dev/zero used to be read to the end of
 * memory (22 GB) before the 64 MiB limit was looked at. */
static void loading_stops_at_the_size_limit(void **state)
{
    (void)state;
    size_t len = 7;
    errno = 0;
    assert_null(read_file_max("/dev/zero", 1000, &len));
    assert_int_equal(errno, EFBIG);
    assert_int_equal(len, 7); /* untouched */
    char dir[] = "/tmp/archsim-json-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/big.json", dir);
    write_text(path, "0123456789");
    assert_null(read_file_max(path, 9, &len));
    assert_int_equal(errno, EFBIG);
    char *all = read_file_max(path, 10, &len);
    assert_non_null(all);
    assert_int_equal(len, 10);
    assert_string_equal(all, "0123456789");
    free(all);
    write_text(path, ""); /* an empty file is an empty string */
    all = read_file_max(path, 10, &len);
    assert_non_null(all);
    assert_int_equal(len, 0);
    assert_string_equal(all, "");
    free(all);
    unlink(path);
    rmdir(dir);
    free(path);

    DiagList d;
    diag_init(&d, NULL);
    assert_null(model_load_file("/dev/zero", &d));
    assert_int_equal(diag_errors(&d), 1);
    assert_non_null(strstr(d.items[0].message, "too large"));
    assert_non_null(strstr(d.items[0].message, "67108864"));
    diag_free(&d);
}

static void byte_order_mark_is_skipped(void **state)
{
    (void)state;
    Model *m = load_text("\xEF\xBB\xBF{\"format\": \"archsim/1\"}");
    assert_non_null(m);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(design_example_round_trips_byte_identically),
        cmocka_unit_test(positions_labels_and_meta_are_kept),
        cmocka_unit_test(defaults_are_omitted_on_save),
        cmocka_unit_test(every_field_of_every_kind_round_trips),
        cmocka_unit_test(distributions_round_trip_in_their_shortest_form),
        cmocka_unit_test(strings_with_quotes_controls_and_unicode_round_trip),
        cmocka_unit_test(numbers_are_written_shortest_and_read_back_exactly),
        cmocka_unit_test(a_model_built_in_code_saves_and_loads_back_equal),
        cmocka_unit_test(save_file_writes_what_model_to_json_returns),
        cmocka_unit_test(failed_save_leaves_the_existing_file_untouched),
        cmocka_unit_test(save_into_a_read_only_folder_fails_clearly),
        cmocka_unit_test(save_keeps_the_file_mode_and_owner),
        cmocka_unit_test(save_does_not_follow_a_planted_symlink),
        cmocka_unit_test(save_writes_into_pipes_and_through_symlinks),
        cmocka_unit_test(loading_a_missing_file_reports_it),
        cmocka_unit_test(loading_a_folder_says_it_is_a_folder),
        cmocka_unit_test(loading_stops_at_the_size_limit),
        cmocka_unit_test(byte_order_mark_is_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
