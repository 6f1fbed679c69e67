/*
 * test_trace.c - the traced request in words (report.h): where and why it failed
 * (rejected, timed out on an edge or at the client, failed servers, rate limited), by
 * label on screen and by label and id in reports; the slowest hop counts the time on
 * the wire; archsim-cli run --trace prints the sentence.
 */
#include <math.h>

#include "sim/report.h"
#include "sim/tr.h"
#include "sim_test.h"

#define HEAD(rate, extra)                                                                  \
    "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":3,\"warmup_s\":1,"              \
    "\"requests\":[{\"name\":\"get\",\"rate_rps\":" #rate "}]" extra "},"

/* users -> api (async io, its other fields `api`) -> db (5 ms), over the edges `edges`. */
#define USERS_API_DB(api, edges)                                                                     \
    HEAD(10, "") "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},"                                \
                 "{\"id\":\"api\",\"kind\":\"service\",\"io\":\"async\"," api "},"                        \
                 "{\"id\":\"db\",\"kind\":\"database\",\"service_ms\":5}],\"edges\":[" edges "]}"

static Results *traced(const char *json, Model **mp)
{
    Model *m = load_text(json);
    SimOptions o = sim_options_default();
    o.trace_request = 0;
    DiagList d;
    diag_init(&d, "run");
    Results *r = sim_run(m, &o, &d);
    diag_free(&d);
    assert_non_null(r);
    assert_true(r->n_trace > 0);
    *mp = m;
    return r;
}

static void expect_failure(const char *json, const char *on_screen, const char *in_report)
{
    Model *m;
    Results *r = traced(json, &m);
    char *a = trace_failure(m, r, NAMING_LABEL), *b = trace_failure(m, r, NAMING_LABEL_AND_ID);
    printf("    %s\n    %s\n", a ? a : "(null)", b ? b : "(null)");
    assert_non_null(a);
    assert_string_equal(a, on_screen);
    assert_string_equal(b, in_report);
    free(a);
    free(b);
    results_destroy(r);
    model_destroy(m);
}

static void a_full_queue_rejects_at_the_node(void **state)
{
    (void)state;
    /* api's one slot is held 1.5 s by each request and it queues none: the request sent
     * right after the warm-up finds it busy */
    expect_failure(HEAD(50, "") "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},"
                   "{\"id\":\"api\",\"label\":\"Shortener API\",\"kind\":\"service\",\"instances\":1,"
                   "\"workers\":1,\"queue_max\":0,\"service_ms\":1500}],"
                   "\"edges\":[{\"from\":\"users\",\"to\":\"api\"}]}",
                   "rejected at Shortener API: its queue was full",
                   "rejected at Shortener API (api): its queue was full");
}

static void an_edge_timeout_names_the_callee_and_the_retries(void **state)
{
    (void)state;
    expect_failure(HEAD(50, "") "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},"
                   "{\"id\":\"api\",\"kind\":\"service\",\"io\":\"async\",\"service_ms\":1},"
                   "{\"id\":\"db\",\"label\":\"Links DB\",\"kind\":\"database\",\"pool\":4,\"service_ms\":300}],"
                   "\"edges\":[{\"from\":\"users\",\"to\":\"api\"},"
                   "{\"from\":\"api\",\"to\":\"db\",\"timeout_ms\":200,\"retries\":1}]}",
                   "timed out after 200 ms calling Links DB, after 1 retry",
                   "timed out after 200 ms calling Links DB (db), after 1 retry");
}

static void a_client_timeout_says_what_it_was_still_waiting_on(void **state)
{
    (void)state;
    expect_failure(HEAD(10, "") "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\",\"timeout_ms\":100},"
                   "{\"id\":\"api\",\"label\":\"API\",\"kind\":\"service\",\"io\":\"async\",\"service_ms\":1},"
                   "{\"id\":\"db\",\"label\":\"Links DB\",\"kind\":\"database\",\"pool\":40,\"service_ms\":300}],"
                   "\"edges\":[{\"from\":\"users\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"db\"}]}",
                   "timed out at the client after 100 ms, still waiting on Links DB",
                   "timed out at the client after 100 ms, still waiting on Links DB (db)");
}

static void failed_servers_and_rate_limits_are_named(void **state)
{
    (void)state;
    expect_failure(HEAD(10, ",\"events\":[{\"at_s\":0,\"node\":\"db\",\"action\":\"fail\"}]")
                   "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},"
                   "{\"id\":\"api\",\"kind\":\"service\",\"io\":\"async\",\"service_ms\":1},"
                   "{\"id\":\"db\",\"label\":\"Links DB\",\"kind\":\"database\",\"service_ms\":3}],"
                   "\"edges\":[{\"from\":\"users\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"db\"}]}",
                   "failed at Links DB: all its servers were down",
                   "failed at Links DB (db): all its servers were down");
    /* one token of a 0.3 request/s limit is spent by the first request of the warm-up */
    expect_failure(HEAD(100, "") "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},"
                   "{\"id\":\"api\",\"label\":\"API\",\"kind\":\"service\",\"io\":\"async\",\"service_ms\":1,"
                   "\"rate_limit_rps\":0.3,\"burst\":1}],"
                   "\"edges\":[{\"from\":\"users\",\"to\":\"api\"}]}",
                   "rate limited at API (rate_limit_rps)", "rate limited at API (api) (rate_limit_rps)");
}

static void a_success_has_no_failure_and_the_slowest_hop_counts_the_wire(void **state)
{
    (void)state;
    /* 40 ms of wire each way to a fast api, 5 ms of work at db: api's hop is the slowest */
    Model *m;
    Results *r = traced(USERS_API_DB("\"service_ms\":0.1", "{\"from\":\"users\",\"to\":\"api\",\"latency_ms\":40},"
                                                             "{\"from\":\"api\",\"to\":\"db\",\"latency_ms\":0.5}"),
                        &m);
    assert_null(trace_failure(m, r, NAMING_LABEL));
    int slow = trace_slowest_hop(r);
    assert_true(slow >= 0);
    assert_string_equal(m->nodes[r->trace[slow].node].id, "api");
    assert_true(fabs(trace_span_own_ms(&r->trace[slow]) - 80.1) < 0.01);
    char *text = report_text(m, &(Summary){1, r, r});
    assert_non_null(strstr(text, "<- slowest hop"));
    assert_null(strstr(text, "The request failed"));
    free(text);
    results_destroy(r);
    model_destroy(m);
}

/* A fan-out's run of calls to one node shows two and a line for the rest, its count
 * with the noun in the form it takes ("ещё 3 вызова"; "вызовов" was written for any). */
static void a_fan_outs_hidden_calls_are_counted(void **state)
{
    (void)state;
    Model *m;
    Results *r = traced(USERS_API_DB("\"calls\":\"parallel\",\"service_ms\":0.1",
                                     "{\"from\":\"users\",\"to\":\"api\"},{\"from\":\"api\",\"to\":\"db\",\"fanout\":5}"),
                        &m);
    const char *langs[] = {"en", "ru", "uk"};
    /* 5 calls: two shown, the slowest shown too when it is not one of them: 2 or 3 more */
    const char *two_to_four[] = {" more calls to db", " \xD0\xB2\xD1\x8B\xD0\xB7\xD0\xBE\xD0\xB2\xD0\xB0 \xD0\xBA db", /* вызова к */
                                 " \xD0\xB2\xD0\xB8\xD0\xBA\xD0\xBB\xD0\xB8\xD0\xBA\xD0\xB8 \xD0\xB4\xD0\xBE db"};  /* виклики до */
    for (int l = 0; l < 3; l++) {
        tr_set_lang(langs[l]);
        char *text = report_text(m, &(Summary){1, r, r});
        tr_set_lang("en");
        if (!strstr(text, two_to_four[l])) printf("%s", text);
        assert_non_null(strstr(text, two_to_four[l]));
        free(text);
    }
    results_destroy(r);
    model_destroy(m);
}

static void the_cli_prints_where_the_traced_request_failed(void **state)
{
    (void)state;
    const char *path = "trace-failure.json";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(HEAD(50, "") "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},"
          "{\"id\":\"api\",\"label\":\"Shortener API\",\"kind\":\"service\",\"instances\":1,"
          "\"workers\":1,\"queue_max\":0,\"service_ms\":1500}],"
          "\"edges\":[{\"from\":\"users\",\"to\":\"api\"}]}",
          f);
    fclose(f);
    FILE *p = popen(ARCHSIM_CLI " run trace-failure.json --trace get 2>/dev/null", "r");
    assert_non_null(p);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = 0;
    pclose(p);
    assert_non_null(strstr(buf, "The request failed: rejected at Shortener API (api): its queue was full."));
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_full_queue_rejects_at_the_node),
        cmocka_unit_test(an_edge_timeout_names_the_callee_and_the_retries),
        cmocka_unit_test(a_client_timeout_says_what_it_was_still_waiting_on),
        cmocka_unit_test(failed_servers_and_rate_limits_are_named),
        cmocka_unit_test(a_success_has_no_failure_and_the_slowest_hop_counts_the_wire),
        cmocka_unit_test(the_cli_prints_where_the_traced_request_failed),
        cmocka_unit_test(a_fan_outs_hidden_calls_are_counted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
