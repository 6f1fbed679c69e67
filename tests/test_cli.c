/*
 * test_cli.c - archsim-cli as a user runs it: exit codes, help, errors on stderr,
 * byte-identical JSON for the same file and seed, the CSV series, check (with its
 * modelling checks) and schema.
 */
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "sim/tr.h"
#include "sim/util.h"
#include "sim_test.h"

/* Run the CLI with `args` (a shell fragment), capturing stdout and stderr into
 * files; returns the exit code. */
static int cli(const char *args, char **out, char **err)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >/tmp/archsim_cli_out.%d 2>/tmp/archsim_cli_err.%d",
             ARCHSIM_SOURCE_DIR, ARCHSIM_CLI, args, (int)getpid(), (int)getpid());
    int status = system(cmd);
    char path[128];
    snprintf(path, sizeof path, "/tmp/archsim_cli_out.%d", (int)getpid());
    if (out) *out = read_file(path, NULL);
    unlink(path);
    snprintf(path, sizeof path, "/tmp/archsim_cli_err.%d", (int)getpid());
    if (err) *err = read_file(path, NULL);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void version_and_help_exit_zero(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(cli("--version", &out, NULL), 0);
    assert_non_null(strstr(out, "archsim-cli 0."));
    free(out);
    assert_int_equal(cli("--help", &out, NULL), 0);
    assert_non_null(strstr(out, "run FILE"));
    free(out);
    assert_int_equal(cli("run --help", &out, NULL), 0);
    assert_non_null(strstr(out, "--replications"));
    free(out);
    assert_int_equal(cli("check --help", &out, NULL), 0);
    assert_non_null(strstr(out, "G/G/c predicted wait (its mean and p99)"));
    free(out);
}

static void bad_usage_exits_two_with_a_message_on_stderr(void **state)
{
    (void)state;
    char *out, *err;
    assert_int_equal(cli("", &out, &err), 2);
    free(out);
    free(err);
    assert_int_equal(cli("frobnicate", &out, &err), 2);
    assert_non_null(strstr(err, "unknown command"));
    free(out);
    free(err);
    assert_int_equal(cli("run scenarios/twitter-timeline.json --seed banana", &out, &err), 2);
    assert_non_null(strstr(err, "--seed"));
    assert_string_equal(out, "");
    free(out);
    free(err);
    assert_int_equal(cli("run /nonexistent.json", &out, &err), 2);
    assert_non_null(strstr(err, "/nonexistent.json"));
    free(out);
    free(err);
}

/* /dev/zero used to be read to 22 GB before the size limit was checked, and a folder
 * read as "Input/output error". */
static void endless_input_and_folders_are_refused_at_once(void **state)
{
    (void)state;
    char *out, *err;
    assert_int_equal(cli("check /dev/zero", &out, &err), 2);
    assert_non_null(strstr(err, "/dev/zero: error: the file is too large"));
    free(out);
    free(err);
    assert_int_equal(cli("check scenarios", &out, &err), 2);
    assert_non_null(strstr(err, "cannot read 'scenarios': it is a folder, not a file"));
    free(out);
    free(err);
}

static void invalid_file_exits_two_naming_the_path(void **state)
{
    (void)state;
    const char *bad = "/tmp/archsim_cli_bad.json";
    FILE *f = fopen(bad, "w");
    fputs("{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"r\",\"rate_rps\":1}]},"
          "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"a\",\"kind\":\"service\","
          "\"workers\":-3}],\"edges\":[{\"from\":\"u\",\"to\":\"b\"}]}",
          f);
    fclose(f);
    char *out, *err;
    assert_int_equal(cli("run /tmp/archsim_cli_bad.json", &out, &err), 2);
    assert_non_null(strstr(err, "nodes[1].workers"));
    assert_non_null(strstr(err, "edges[0].to"));
    assert_string_equal(out, "");
    free(out);
    free(err);
    unlink(bad);
}

static void same_file_and_seed_give_byte_identical_json(void **state)
{
    (void)state;
    char *a, *b, *c;
    const char *args = "run scenarios/instagram-feed.json --duration 2 --quiet --json - --seed 5";
    assert_int_equal(cli(args, &a, NULL), 0);
    assert_int_equal(cli(args, &b, NULL), 0);
    assert_string_equal(a, b);
    assert_int_equal(cli("run scenarios/instagram-feed.json --duration 2 --quiet --json - --seed 6",
                         &c, NULL),
                     0);
    assert_string_not_equal(a, c);
    cJSON *j = cJSON_Parse(a);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "format")->valuestring, "archsim-report/1");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "requests")), 4); /* 3 + all */
    assert_true(cJSON_IsBool(cJSON_GetObjectItem(j, "pass")));
    cJSON *req0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "requests"), 0);
    assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(req0, "figures"), "p99_ms"));
    cJSON_Delete(j);
    free(a);
    free(b);
    free(c);
}

static void replications_give_intervals_independent_of_jobs(void **state)
{
    (void)state;
    char *a, *b;
    assert_int_equal(cli("run tests/data/theory/mm1.json --duration 20 --replications 4 --jobs 1 "
                         "--quiet --json -",
                         &a, NULL),
                     0);
    assert_int_equal(cli("run tests/data/theory/mm1.json --duration 20 --replications 4 --jobs 3 "
                         "--quiet --json -",
                         &b, NULL),
                     0);
    assert_string_equal(a, b);
    cJSON *j = cJSON_Parse(a);
    cJSON *req0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "requests"), 0);
    double half = cJSON_GetObjectItem(cJSON_GetObjectItem(req0, "ci95"), "mean_ms")->valuedouble;
    assert_true(half > 0 && half < 5); /* 20 s runs of M/M/1 at 0.9: a wide but finite interval */
    cJSON_Delete(j);
    free(a);
    free(b);
}

static void csv_has_a_row_per_second_and_named_columns(void **state)
{
    (void)state;
    char *csv;
    assert_int_equal(
        cli("run scenarios/instagram-feed.json --duration 3 --warmup 1 --quiet --csv -", &csv, NULL),
        0);
    int rows = 0;
    for (char *p = csv; *p; p++) rows += *p == '\n';
    assert_int_equal(rows, 1 + 4); /* header + 4 seconds */
    assert_true(strncmp(csv, "t_s,warmup,view_feed.throughput_rps,", 36) == 0);
    assert_non_null(strstr(csv, ",feed_cache.utilisation,"));
    assert_non_null(strstr(csv, "\n1,1,"));
    assert_non_null(strstr(csv, "\n2,0,"));
    free(csv);
}

static void text_report_names_the_bottleneck_and_requirements(void **state)
{
    (void)state;
    char *out;
    /* the theory M/M/1 at 0.9 has a clear bottleneck */
    assert_int_equal(cli("run tests/data/theory/mm1.json --duration 50", &out, NULL), 0);
    assert_non_null(strstr(out, "Bottleneck: server"));
    free(out);
    int rc = cli("run scenarios/twitter-timeline.json --duration 1 --warmup 0", &out, NULL);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "Requirements"));
    assert_non_null(strstr(out, "requirements pass: PASS"));
    free(out);
}

/* Each cause of error in words, in the report's language ("failed node" was English
 * only in word order, and the app showed the JSON's names). */
static void errors_by_cause_are_in_words(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(cli("run tests/data/gui/every_error.json", &out, NULL), 0);
    assert_non_null(strstr(out, "errors by cause:"));
    const char *line = strstr(out, "    read: ");
    assert_non_null(line);
    for (const char *w = "rejected (queue full)\0timeout\0node down\0rate limited\0"; *w; w += strlen(w) + 1) {
        const char *at = strstr(line, w);
        assert_true(at && at < strchr(line, '\n'));
    }
    free(out);
    assert_int_equal(cli("run tests/data/gui/every_error.json --lang ru", &out, NULL), 0);
    assert_non_null(strstr(out, "\xD1\x83\xD0\xB7\xD0\xB5\xD0\xBB \xD0\xBD\xD0\xB5\xD0\xB4\xD0\xBE\xD1\x81\xD1\x82\xD1\x83\xD0\xBF\xD0\xB5\xD0\xBD")); /* узел недоступен */
    assert_null(strstr(out, "node down"));
    free(out);
}

/* The report says what the scenario makes happen during the run, as the Scenario panel
 * words it, and when a run made shorter never reaches it, or measures none of it. */
static void the_report_lists_the_scenarios_events(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(cli("run scenarios/db-read-scaling.json --duration 2", &out, NULL), 0);
    const char *at = strstr(out, "During the run\n  a read replica dies \xE2\x80\x94 Postgres: 1 replica fails 15\xE2\x80\x93" "25 s");
    assert_non_null(at);
    assert_non_null(strstr(at, " (not reached: the run ends at 7 s)\n"));
    assert_true(at < strstr(out, "Requests (latency in ms)"));
    free(out);
    assert_int_equal(cli("run scenarios/db-read-scaling.json --warmup 26 --duration 1", &out, NULL), 0);
    assert_non_null(strstr(out, "15\xE2\x80\x93" "25 s (over within the warm-up: not measured)\n"));
    free(out);
    assert_int_equal(cli("run scenarios/db-read-scaling.json --warmup 16 --duration 1", &out, NULL), 0);
    assert_non_null(strstr(out, "fails 15\xE2\x80\x93" "25 s\n")); /* under way in the measured second */
    free(out);
    assert_int_equal(cli("run scenarios/db-read-scaling.json --duration 1 --lang uk", &out, NULL), 0);
    assert_null(strstr(out, "During the run"));
    assert_null(strstr(out, "not reached"));
    free(out);
    /* the starter's Postgres has no read replicas: its replica's failure changes nothing,
     * and a rise of the latency then is not its doing */
    assert_int_equal(cli("run scenarios/starters/db-read-scaling.json --duration 12", &out, NULL), 1);
    assert_non_null(strstr(out, "1 replica fails 15\xE2\x80\x93" "25 s (no effect: it has no read replicas)\n"));
    free(out);
    assert_int_equal(cli("run scenarios/db-read-scaling.json --duration 12", &out, NULL), 0);
    assert_null(strstr(out, "no effect"));
    free(out);
}

/* The report's first line says what was measured: after the warm-up, or every second
 * of a run without one (it read "after a 0 s warm-up"). */
static void the_report_says_whether_it_had_a_warm_up(void **state)
{
    (void)state;
    char *out;
    /* (and a run without a warm-up says so, not "after a 0 s warm-up") */
    assert_int_equal(cli("run bench/mm1.json --duration 1", &out, NULL), 0);
    assert_non_null(strstr(out, "\nsimulated 1 s without a warm-up, seed 1, 1 replication, "));
    free(out);
    assert_int_equal(cli("run scenarios/db-read-scaling.json --duration 1", &out, NULL), 0);
    assert_non_null(strstr(out, "\nsimulated 1 s after a 5 s warm-up, seed "));
    free(out);
}

/* check says from when the predicted figures of a type past capacity hold: once its
 * queues are full and a request that finds them so has waited its way through; when that
 * is after the run's end, that a run shows the latency still growing (it said "its queues
 * are full about 1.1 min into a run" of a queue full after 11 s). */
static void check_says_from_when_the_figures_hold(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(cli("check scenarios/starters/sync-vs-async.json", &out, NULL), 1); /* over capacity */
    assert_non_null(strstr(out, "these figures hold from about 1.1 min into a run, once its queues are full and the "
                                "requests in them have waited their way through: after this scenario's run ends (at "
                                "35 s), so a run shows its latency still growing\n"));
    assert_null(strstr(out, "queues are full about"));
    free(out);
    assert_int_equal(cli("check scenarios/starters/chat-websocket.json", &out, NULL), 1);
    assert_non_null(strstr(out, "into a run, once its queues are full and the requests in them have waited their way "
                                "through (this scenario's warm-up: 5 s); a run measures them only after that\n"));
    free(out);
}

/* A preset's node labels read in the report's language (scenario.translations.<lang>.labels),
 * beside the ids, which stay. */
static void node_labels_are_in_the_reports_language(void **state)
{
    (void)state;
    const char *const langs[] = {"en", "ru", "uk"};
    const char *const names[] = {"Shortener API (api)", "API \xD1\x81\xD1\x81\xD1\x8B\xD0\xBB\xD0\xBE\xD0\xBA (api)" /* API ссылок */, "API \xD0\xBF\xD0\xBE\xD1\x81\xD0\xB8\xD0\xBB\xD0\xB0\xD0\xBD\xD1\x8C (api)" /* API посилань */};
    for (int l = 0; l < 3; l++) {
        char *out, cmd[200];
        snprintf(cmd, sizeof cmd, "run scenarios/url-shortener.json --duration 1 --warmup 0.5 --lang %s", langs[l]);
        assert_int_equal(cli(cmd, &out, NULL), 0);
        for (int k = 0; k < 3; k++) {
            if (k == l) assert_non_null(strstr(out, names[k]));
            else assert_null(strstr(out, names[k]));
        }
        free(out);
    }
}

/* check's note on a consumer that its partitions cap agrees with their count in every
 * language ("2 партиций" was written for any count). */
static void the_partitions_that_cap_a_consumer_are_counted(void **state)
{
    (void)state;
    const char *const langs[] = {"en", "ru", "uk"};
    const char *const says[] = {"2 partitions of q cap its 32 slots at 2",
                                "2 \xD0\xBF\xD0\xB0\xD1\x80\xD1\x82\xD0\xB8\xD1\x86\xD0\xB8\xD0\xB8 q", /* 2 партиции q */
                                "2 \xD0\xBF\xD0\xB0\xD1\x80\xD1\x82\xD0\xB8\xD1\x86\xD1\x96\xD1\x97 q"}; /* 2 партиції q */
    for (int l = 0; l < 3; l++) {
        char *out, cmd[200];
        snprintf(cmd, sizeof cmd, "check tests/data/queue/partitions2_cap_32_slots.json --lang %s", langs[l]);
        cli(cmd, &out, NULL);
        if (!strstr(out, says[l])) fprintf(stderr, "%s", out);
        assert_non_null(strstr(out, says[l]));
        free(out);
    }
}

/* A report's requirements read in a column whatever the verdict's length: "ВИКОНАНО" and
 * "НЕ ВИКОНАНО" are padded alike, so the descriptions after them start together. */
static void requirement_verdicts_keep_one_column(void **state)
{
    (void)state;
    const char *const langs[] = {"en", "ru", "uk"};
    for (int l = 0; l < 3; l++) {
        char *out, cmd[200];
        snprintf(cmd, sizeof cmd, "run scenarios/starters/microservices-kafka.json --duration 2 --warmup 0.5 --lang %s", langs[l]);
        assert_int_equal(cli(cmd, &out, NULL), 1); /* the starter fails a requirement */
        const char *pass = tr_pin(langs[l], "requirement", "PASS"), *fail = tr_pin(langs[l], "requirement", "FAIL");
        int col = -1, rows = 0, fails = 0;
        for (char *line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
            bool f = strncmp(line + 2, fail, strlen(fail)) == 0, p = !f && strncmp(line + 2, pass, strlen(pass)) == 0;
            if (!f && !p) continue;
            const char *d = line + 2 + strlen(f ? fail : pass);
            while (*d == ' ') d++;
            char head[512];
            snprintf(head, sizeof head, "%.*s", (int)(d - line), line);
            int c = (int)utf8_chars(head);
            if (col < 0) col = c;
            assert_int_equal(c, col);
            rows++;
            fails += f;
        }
        assert_int_equal(rows, 5);
        assert_true(fails >= 1 && fails < rows);
        free(out);
    }
}

/* A node that turns work away while busy under 95% of the run (its queue of 3 overflows
 * in bursts at 70% utilisation) is "OVER CAPACITY AT TIMES", not "OVER CAPACITY" beside
 * its 70%; one that is always full keeps the plain words. */
static void over_capacity_at_times_says_so(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(cli("run tests/data/gui/bursty.json", &out, NULL), 0);
    assert_non_null(strstr(out, "OVER CAPACITY AT TIMES"));
    assert_non_null(strstr(out, "Over capacity: api (at times)"));
    free(out);
    assert_int_equal(cli("run tests/data/gui/every_error.json", &out, NULL), 0); /* api at 100% */
    assert_non_null(strstr(out, "OVER CAPACITY"));
    assert_null(strstr(out, "AT TIMES"));
    free(out);
    /* the starter's tweets_db: 80% busy, but its queue of 30,000 full on average */
    assert_int_equal(cli("run scenarios/starters/twitter-timeline.json --duration 2 --warmup 1", &out, NULL), 1);
    assert_non_null(strstr(out, "Over capacity: tweets_db\n"));
    assert_null(strstr(out, "AT TIMES"));
    free(out);
}

static void failing_requirement_exits_one(void **state)
{
    (void)state;
    const char *path = "/tmp/archsim_cli_fail.json";
    FILE *f = fopen(path, "w");
    fputs("{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":5,\"requests\":[{\"name\":\"r\","
          "\"rate_rps\":100}],\"requirements\":[{\"metric\":\"p99_ms\",\"max\":1}]},"
          "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"a\",\"kind\":\"service\","
          "\"service_ms\":10}],\"edges\":[{\"from\":\"u\",\"to\":\"a\"}]}",
          f);
    fclose(f);
    char *out;
    assert_int_equal(cli("run /tmp/archsim_cli_fail.json", &out, NULL), 1);
    assert_non_null(strstr(out, "FAIL"));
    free(out);
    unlink(path);
}

static void check_flags_a_node_over_capacity(void **state)
{
    (void)state;
    const char *path = "/tmp/archsim_cli_over.json";
    FILE *f = fopen(path, "w");
    fputs("{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"r\","
          "\"rate_rps\":1000}]},"
          "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"a\",\"kind\":\"service\","
          "\"instances\":1,\"workers\":4,\"service_ms\":10}],\"edges\":[{\"from\":\"u\",\"to\":\"a\"}]}",
          f);
    fclose(f);
    char *out;
    assert_int_equal(cli("check /tmp/archsim_cli_over.json", &out, NULL), 1);
    assert_non_null(strstr(out, "OVER CAPACITY"));
    assert_non_null(strstr(out, "250%")); /* 1000/s x 10 ms / 4 slots */
    free(out);
    /* a blocking node over capacity that also waits on one: its own work as a floor,
     * explained under the table (it printed "—") */
    assert_int_equal(cli("check tests/data/gui/blocking-over-a-full-db.json", &out, NULL), 1);
    assert_non_null(strstr(out, "16 \xE2\x89\xA5\xC2\xA0"));
    assert_non_null(strstr(out, "\xE2\x89\xA5: the node's own work alone"));
    free(out);
    assert_int_equal(cli("check scenarios/twitter-timeline.json", &out, NULL), 0);
    free(out);
    /* each wait's p99 beside its mean: M/M/1 at 0.9, ln(90) / 0.1 = 45.0 ms; over capacity
     * there is no steady tail */
    assert_int_equal(cli("check tests/data/theory/mm1.json", &out, NULL), 0);
    assert_non_null(strstr(out, "wait ms   wait p99  latency ms"));
    const char *row = strstr(out, "\n  server ");
    assert_non_null(row);
    assert_non_null(strstr(row, " 9         45          10 "));
    free(out);
    assert_int_equal(cli("check /tmp/archsim_cli_over.json", &out, NULL), 1);
    row = strstr(out, "\n  a ");
    assert_non_null(row);
    assert_non_null(strstr(row, "saturated          \xE2\x80\x94 "));
    free(out);
    unlink(path);
    /* a wait that comes from bursts says so: Instagram's feed cache, 20% busy, waits on
     * the copies of the feed workers' fan-out (94.6 a post as drawn, its cap counted) */
    assert_int_equal(cli("check scenarios/instagram-feed.json", &out, NULL), 0);
    row = strstr(out, "\n  feed_cache ");
    assert_non_null(row);
    assert_non_null(strstr(row, "most of its wait is bursts: feed_workers sends a fan-out's copies at once (94.6 on average)"));
    assert_non_null(strstr(row, " 239k "));
    free(out);
    /* a database with read replicas: all its slots in the util column, as run's (27%; it
     * said its busiest station's 35% beside run's 27%), and each role beside */
    assert_int_equal(cli("check scenarios/db-read-scaling.json", &out, NULL), 0);
    row = strstr(out, "\n  pg ");
    assert_non_null(row);
    assert_non_null(strstr(row, " 27% "));
    assert_non_null(strstr(row, "primaries 4%, replicas 35%"));
    free(out);
    /* shards alone, one of them hot: all its slots (38%, as run's 36%), the busiest shard
     * beside (it said 105% in the util column, with 16 slots) */
    assert_int_equal(cli("check tests/data/analysis/hot-shard.json", &out, NULL), 1);
    row = strstr(out, "\n  db ");
    assert_non_null(row);
    assert_non_null(strstr(row, "      16    38% "));
    assert_non_null(strstr(row, "; busiest server 105%\n"));
    free(out);
    /* below a service backed up by its database, the cache gets what the service answers
     * (a run: 13.5k/s, 14%; it said 20.2k/s and 20%) and its latency is that of what it
     * answers (a run: 16 ms; it said saturated); the backed-up service stays saturated */
    assert_int_equal(cli("check scenarios/starters/cache-sizing.json", &out, NULL), 1);
    row = strstr(out, "\n  cache ");
    assert_non_null(row);
    assert_non_null(strstr(row, " 14.3k "));
    assert_non_null(strstr(row, " 14% "));
    assert_non_null(strstr(row, " 18.4  \n"));
    row = strstr(out, "\n  app ");
    assert_non_null(row);
    assert_non_null(strstr(row, "saturated  backed up by pg"));
    free(out);
    /* what a queue's consumer cannot take waits in the queue's backlog (it said the words
     * for a caller's queue: "turned away at q (its queue fills first)") */
    assert_int_equal(cli("check tests/data/theory/consumer-holds-a-service.json", &out, NULL), 1);
    row = strstr(out, "\n  slow ");
    assert_non_null(row);
    assert_non_null(strstr(row, "serves about 800/s, the rest wait in q's backlog and are turned away when it is full"));
    free(out);
}

static void check_lists_modelling_checks_as_warnings(void **state)
{
    (void)state;
    const char *path = "/tmp/archsim_cli_lint.json";
    FILE *f = fopen(path, "w");
    fputs("{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"save\","
          "\"rate_rps\":10,\"op\":\"write\"}]},"
          "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"api\",\"kind\":\"service\","
          "\"label\":\"Web app\"},{\"id\":\"db\",\"kind\":\"database\"}],"
          "\"edges\":[{\"from\":\"u\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"db\","
          "\"mode\":\"async\"}]}",
          f);
    fclose(f);
    char *out;
    /* A finding is a warning: within capacity, the exit code stays 0. */
    assert_int_equal(cli("check /tmp/archsim_cli_lint.json", &out, NULL), 0);
    assert_non_null(strstr(out, "Modelling checks (1 warning)\n"
                                "  warning: edges[1].mode (api -> db): Web app calls db "
                                "asynchronously (fire and forget)"));
    assert_non_null(strstr(out, "(fix: Make the call from Web app to db sync) [async_not_queue]\n"));
    free(out);
    unlink(path);
    /* a blocking node over capacity that also waits on one: its own work as a floor,
     * explained under the table (it printed "—") */
    assert_int_equal(cli("check tests/data/gui/blocking-over-a-full-db.json", &out, NULL), 1);
    assert_non_null(strstr(out, "16 \xE2\x89\xA5\xC2\xA0"));
    assert_non_null(strstr(out, "\xE2\x89\xA5: the node's own work alone"));
    free(out);
    assert_int_equal(cli("check scenarios/twitter-timeline.json", &out, NULL), 0);
    assert_non_null(strstr(out, "Modelling checks: nothing looks like a slip."));
    free(out);
    /* Over capacity: exit 1 as before, and the finding says why. */
    assert_int_equal(cli("check scenarios/starters/sync-vs-async.json", &out, NULL), 1);
    assert_non_null(strstr(out, "warning: nodes[2].io (api): Django (sync, 9 workers) "
                                "holds a worker for 8 ms of work plus 190 ms waiting on Partner "
                                "API; at 1,100 requests/s that needs about 220 workers"));
    free(out);
}

static void schema_prints_the_committed_json_schema(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(cli("schema", &out, NULL), 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/archsim.schema.json", ARCHSIM_SOURCE_DIR);
    char *doc = read_file(path, NULL);
    assert_non_null(doc);
    assert_string_equal(out, doc);
    free(out);
    free(doc);
}

static void report_doc_describes_every_figure(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/report.md", ARCHSIM_SOURCE_DIR);
    char *doc = read_file(path, NULL);
    assert_non_null(doc);
    const struct {
        const FigInfo *info;
        int n;
    } tables[5] = {{type_fig_info, TF_COUNT}, {node_fig_info, NF_COUNT},
                   {type_series_info, TS_COUNT}, {node_series_info, NS_COUNT},
                   {edge_fig_info, EF_COUNT}};
    for (int t = 0; t < 5; t++)
        for (int k = 0; k < tables[t].n; k++) {
            char key[96];
            snprintf(key, sizeof key, "| `%s` |", tables[t].info[k].name);
            if (!strstr(doc, key)) fail_msg("docs/report.md does not describe %s", key);
        }
    free(doc);
}

static void grade_exits_by_verdict_and_writes_json(void **state)
{
    (void)state;
    char *out, *err, args[256], path[128];
    snprintf(path, sizeof path, "/tmp/archsim_grade_ok.%d.json", (int)getpid());
    snprintf(args, sizeof args, "grade scenarios/sync-vs-async.json --json %s", path);
    assert_int_equal(cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "Result: PASS"));
    assert_non_null(strstr(out, "margin"));
    free(out);
    free(err);
    assert_int_equal(cli("grade scenarios/starters/sync-vs-async.json --lang uk", &out, &err), 1);
    assert_non_null(strstr(out, "Підсумок: НЕ ПРОЙДЕНО")); /* the grade's own words */
    assert_non_null(strstr(out, "async io"));               /* hints from the run */
    assert_non_null(strstr(out, "Синхронний воркер")); /* the scenario's hints in Ukrainian */
    free(out);
    free(err);
    assert_int_equal(cli("grade scenarios/sync-vs-async.json --lang xx", &out, &err), 2);
    assert_non_null(strstr(err, "--lang"));
    assert_non_null(strstr(err, "en, ru, uk"));
    free(out);
    free(err);
    assert_int_equal(cli("grade", &out, &err), 2);
    free(out);
    free(err);
    char *json = read_file(path, NULL);
    assert_non_null(json);
    cJSON *root = cJSON_Parse(json);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "format")->valuestring,
                        "archsim-grade/1");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "pass")));
    cJSON_Delete(root);
    free(json);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_and_help_exit_zero),
        cmocka_unit_test(grade_exits_by_verdict_and_writes_json),
        cmocka_unit_test(bad_usage_exits_two_with_a_message_on_stderr),
        cmocka_unit_test(invalid_file_exits_two_naming_the_path),
        cmocka_unit_test(endless_input_and_folders_are_refused_at_once),
        cmocka_unit_test(same_file_and_seed_give_byte_identical_json),
        cmocka_unit_test(replications_give_intervals_independent_of_jobs),
        cmocka_unit_test(csv_has_a_row_per_second_and_named_columns),
        cmocka_unit_test(text_report_names_the_bottleneck_and_requirements),
        cmocka_unit_test(errors_by_cause_are_in_words),
        cmocka_unit_test(over_capacity_at_times_says_so),
        cmocka_unit_test(node_labels_are_in_the_reports_language),
        cmocka_unit_test(the_partitions_that_cap_a_consumer_are_counted),
        cmocka_unit_test(requirement_verdicts_keep_one_column),
        cmocka_unit_test(failing_requirement_exits_one),
        cmocka_unit_test(check_flags_a_node_over_capacity),
        cmocka_unit_test(check_lists_modelling_checks_as_warnings),
        cmocka_unit_test(schema_prints_the_committed_json_schema),
        cmocka_unit_test(report_doc_describes_every_figure),
        cmocka_unit_test(the_report_lists_the_scenarios_events),
        cmocka_unit_test(check_says_from_when_the_figures_hold),
        cmocka_unit_test(the_report_says_whether_it_had_a_warm_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
