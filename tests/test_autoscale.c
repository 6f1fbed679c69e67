/*
 * test_autoscale.c - autoscaling policies (docs/semantics.md, "Autoscaling"): where a
 * target-tracking policy settles, when the first new instance serves after a surge,
 * draining on scale-in, the instance-seconds it pays for, failures, validation.
 *
 * Diagrams are inline JSON with constant arrivals and constant service times, so the
 * policy's decisions are deterministic and the times asserted are exact.
 */
#include <math.h>

#include "sim/report.h"
#include "sim/analytic.h"
#include "sim/model_json.h"
#include "sim_test.h"

static Summary *run_json(const char *json, Model **out)
{
    Model *m = load_text(json);
    Summary *s = run_model(m, 1, -1);
    if (out)
        *out = m;
    else
        model_destroy(m);
    return s;
}

/* The first entry of the scale log with this action at or after t_s, or NULL. */
static const ScaleEvent *first_action(const Results *r, ScaleAction a, double t_s)
{
    for (int k = 0; k < r->n_scale_log; k++)
        if (r->scale_log[k].action == a && r->scale_log[k].t_s >= t_s) return &r->scale_log[k];
    return NULL;
}

/* 1,000 requests/s, 10 ms each, one worker per instance: 10 slots busy on average. With a
 * utilisation target of 0.6 the policy wants ceil(10 / 0.6) = 17 instances, whatever it
 * starts from (4: overloaded, its queue drains while it scales out; 30: idle). */
#define SETTLE(start)                                                                        \
    "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":900,\"warmup_s\":0,\"seed\":1,"   \
    "\"requests\":[{\"name\":\"r\",\"rate_rps\":1000,\"arrival\":\"constant\"}]},"            \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"                                          \
    "{\"id\":\"api\",\"kind\":\"service\",\"instances\":" #start ",\"workers\":1,"            \
    "\"service_ms\":10,\"queue_max\":100000,\"autoscale\":{\"target\":0.6,"                   \
    "\"min_instances\":1,\"max_instances\":40,\"interval_s\":15,\"boot_s\":30,"               \
    "\"scale_in_cooldown_s\":60}}],\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}"

static void steady_rate_settles_where_the_formula_says(void **state)
{
    (void)state;
    const double rate = 1000, service_s = 0.010, workers = 1, target = 0.6;
    int want = (int)ceil(rate * service_s / (workers * target));
    const char *files[] = {SETTLE(4), SETTLE(30)};
    for (int f = 0; f < 2; f++) {
        Model *m;
        Summary *s = run_json(files[f], &m);
        const Results *r = s->mean;
        int api = node_index(r, "api");
        printf("    start %s: settled at %.0f instances (formula %d), %.0f scale-outs, %.0f scale-ins\n",
               f ? "30" : "4", node_fig(s, "api", NF_END_INSTANCES), want,
               node_fig(s, "api", NF_SCALE_OUTS), node_fig(s, "api", NF_SCALE_INS));
        assert_int_equal((int)node_fig(s, "api", NF_END_INSTANCES), want);
        /* settled: the last five minutes hold the count, with nothing booting */
        for (int sec = r->n_seconds - 300; sec < r->n_seconds; sec++) {
            assert_int_equal((int)results_node_series(r, api, sec)[NS_INSTANCES], want);
            assert_int_equal((int)results_node_series(r, api, sec)[NS_BOOTING], 0);
        }
        /* ... at the target's utilisation: 10 busy of 17 serving slots */
        assert_close(results_node_series(r, api, r->n_seconds - 1)[NS_UTILISATION],
                     rate * service_s / want, 0.02);
        summary_destroy(s);
        model_destroy(m);
    }
}

/* The estimate before a run takes the count the policy settles at, not the start count. */
static void the_estimate_takes_the_settle_point(void **state)
{
    (void)state;
    Model *m = load_text(SETTLE(4));
    Estimate est;
    analytic_estimate(m, &est);
    int api = model_find_node(m, "api");
    printf("    estimate: %.0f slots (formula 17 instances x 1 worker), utilisation %.3f\n",
           est.nodes[api].servers, est.nodes[api].utilisation);
    assert_true(est.nodes[api].servers == 17);
    assert_close(est.nodes[api].utilisation, 10.0 / 17, 1e-9);
    estimate_free(&est);
    model_destroy(m);
}

/* 100 requests/s on 2 instances with a rate target of 70 per instance: 2 are enough
 * (100 / 70 -> 2). A 3x surge begins at 105 s, halfway through the interval that ends
 * at 110 s: that evaluation sees 200 requests/s on average, wants ceil(200 / 70) = 3,
 * and launches one; it serves boot_s later, at 110 + 30 = 140 s exactly. */
#define REACT(extra)                                                                         \
    "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":200,\"warmup_s\":0,\"seed\":1,"   \
    "\"requests\":[{\"name\":\"r\",\"rate_rps\":100,\"arrival\":\"constant\"}],"              \
    "\"events\":[{\"at_s\":105,\"action\":\"surge\",\"factor\":3" extra "}]},"                 \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"                                          \
    "{\"id\":\"api\",\"kind\":\"service\",\"instances\":2,\"workers\":1,\"service_ms\":1,"    \
    "\"cost_per_hour_usd\":3.6,\"autoscale\":{\"metric\":\"rate_rps\",\"target\":70,"         \
    "\"min_instances\":2,\"max_instances\":10,\"interval_s\":10,\"boot_s\":30,"               \
    "\"scale_in_cooldown_s\":30}}],\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}"

static void first_new_instance_serves_after_evaluation_plus_boot(void **state)
{
    (void)state;
    Model *m;
    Summary *s = run_json(REACT(""), &m);
    const Results *r = s->mean;
    const Autoscale *p = &m->nodes[1].autoscale;
    double surge = m->scenario.events[0].at_s;
    double eval = ceil(surge / p->interval_s) * p->interval_s; /* the next evaluation */
    const ScaleEvent *out = first_action(r, SCALE_OUT, 0);
    const ScaleEvent *ready = first_action(r, SCALE_READY, 0);
    assert_non_null(out);
    assert_non_null(ready);
    printf("    surge at %.0f s: scale-out decided at %.3f s (%d launched), first new instance "
           "serves at %.3f s (evaluation %.0f + boot %.0f)\n",
           surge, out->t_s, out->count, ready->t_s, eval, p->boot_s);
    assert_true(out->t_s == eval);
    assert_true(ready->t_s == eval + p->boot_s);
    assert_int_equal(out->count, 1);
    assert_int_equal(ready->serving, 3);
    /* meanwhile nothing served on a third instance: the row of the second ending at 116 s
     * shows 2 serving and 1 booting; the one ending at 151 s, all 5 (the 120 s evaluation
     * saw the whole surge and launched 2 more, serving from 150 s) */
    int api = node_index(r, "api");
    assert_int_equal((int)results_node_series(r, api, 115)[NS_INSTANCES], 2);
    assert_int_equal((int)results_node_series(r, api, 115)[NS_BOOTING], 1);
    assert_int_equal((int)results_node_series(r, api, 115)[NS_DESIRED], 3);
    assert_int_equal((int)results_node_series(r, api, 150)[NS_INSTANCES], 5);
    summary_destroy(s);
    model_destroy(m);
}

/* The same surge for 45 s (105 to 150 s). Evaluations: 110 s sees 200/s (want 3: launch
 * 1, serves at 140); 120 s sees 300/s over 2 serving (want 5 = 2 serving + 1 booting + 2:
 * launch 2, serving at 150); 150 s sees 300/s (want 5, have 5); 160 s sees 100/s (want 2:
 * the scale-in cooldown of 30 s since the launch at 120 s is over, 3 drain and, idle at
 * these rates, leave at once). Instance-seconds over 200 s: 2 x 200 + 1 x (160 - 110) +
 * 2 x (160 - 120) = 530, exactly. */
static void cost_integrates_instance_seconds_of_a_scripted_scale_out_and_in(void **state)
{
    (void)state;
    Model *m;
    Summary *s = run_json(REACT(",\"for_s\":45"), &m);
    const Results *r = s->mean;
    for (int k = 0; k < r->n_scale_log; k++)
        printf("    %7.3f s %-9s %d -> serving %d booting %d\n", r->scale_log[k].t_s,
               scale_action_name(r->scale_log[k].action), r->scale_log[k].count,
               r->scale_log[k].serving, r->scale_log[k].booting);
    double want = 2 * 200 + 1 * (160 - 110) + 2 * (160 - 120);
    assert_true(node_fig(s, "api", NF_INSTANCE_SECONDS) == want);
    assert_true(node_fig(s, "api", NF_MEAN_INSTANCES) == want / 200);
    assert_true(node_fig(s, "api", NF_MAX_INSTANCES) == 5);
    assert_true(node_fig(s, "api", NF_LAUNCHED) == 3);
    assert_true(node_fig(s, "api", NF_SCALE_OUTS) == 2);
    assert_true(node_fig(s, "api", NF_SCALE_INS) == 1);
    assert_true(node_fig(s, "api", NF_END_INSTANCES) == 2);
    /* 530 instance-s at 3.6 USD an hour = 0.53 USD; per month at the run's mean, 2.65 x
     * 3.6 x 730 (the client costs nothing) */
    assert_close(node_fig(s, "api", NF_COST_USD), want * 3.6 / 3600, 1e-12);
    assert_close(results_cost_per_month_usd(m, r), want / 200 * 3.6 * 730, 1e-12);
    const ScaleEvent *in = first_action(r, SCALE_IN, 0), *left = first_action(r, SCALE_LEFT, 0);
    assert_non_null(in);
    assert_non_null(left);
    assert_true(in->t_s == 160 && left->t_s == 160 && left->count == 3);
    /* the per-second series of instances held add up to the same figure */
    int api = node_index(r, "api");
    double sum = 0;
    for (int sec = 0; sec < r->n_seconds; sec++) sum += results_node_series(r, api, sec)[NS_HELD];
    assert_close(sum, want, 1e-9);
    summary_destroy(s);
    model_destroy(m);
}

/* Scale-in drains: an instance taken out of service keeps its busy slot until the job
 * in it ends, and is paid for until then. 4 instances of one worker each, 40 requests/s
 * of 1 s each (rate 0 to 60 s, then a single long wave). With the rate target the policy
 * scales in at 20 s, while every instance is busy: the drained ones leave only when
 * their jobs end, after the decision. */
static void scale_in_waits_for_busy_instances_to_finish(void **state)
{
    (void)state;
    Model *m;
    Summary *s = run_json(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":60,\"warmup_s\":0,\"seed\":1,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":3,\"arrival\":\"constant\"}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":4,\"workers\":1,\"service_ms\":900,"
        "\"autoscale\":{\"metric\":\"rate_rps\",\"target\":2,\"min_instances\":1,"
        "\"max_instances\":4,\"interval_s\":20,\"scale_in_cooldown_s\":0}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}",
        &m);
    const Results *r = s->mean;
    const ScaleEvent *in = first_action(r, SCALE_IN, 0);
    assert_non_null(in);
    /* 3/s over 4 instances of rate target 2: want ceil(3 / 2) = 2, so 2 drain; 2.7 of the
     * 4 slots are busy on average, so a draining instance is still working and leaves
     * only when its job ends, within one service time */
    assert_int_equal(in->count, 2);
    assert_true(in->t_s == 20);
    int left = 0;
    double last = -1;
    for (const ScaleEvent *ev = first_action(r, SCALE_LEFT, 0); ev && ev->t_s < 40;
         ev = first_action(r, SCALE_LEFT, ev->t_s + 1e-9)) {
        printf("    scale-in of %d at %.3f s; %d left at %.3f s\n", in->count, in->t_s, ev->count, ev->t_s);
        left += ev->count;
        last = ev->t_s;
    }
    assert_int_equal(left, 2);
    assert_true(last > in->t_s && last < in->t_s + 0.9 + 1e-9);
    /* every request still succeeds: draining never drops work */
    assert_true(type_fig(s, 0, TF_ERRORS) == 0);
    summary_destroy(s);
    model_destroy(m);
}

/* A failed instance of an autoscaled node is not paid for, and the policy replaces it. */
static void failed_instances_are_replaced_and_not_paid_for(void **state)
{
    (void)state;
    Model *m;
    Summary *s = run_json(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":100,\"warmup_s\":0,\"seed\":1,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":100,\"arrival\":\"constant\"}],"
        "\"events\":[{\"at_s\":25,\"action\":\"fail\",\"node\":\"api\",\"instances\":2}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
        "{\"id\":\"api\",\"kind\":\"service\",\"instances\":4,\"workers\":1,\"service_ms\":1,"
        "\"autoscale\":{\"metric\":\"rate_rps\",\"target\":30,\"min_instances\":4,"
        "\"max_instances\":8,\"interval_s\":10,\"boot_s\":20}}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}",
        &m);
    const Results *r = s->mean;
    /* at 30 s: 2 serving, want max(4, ceil(100 / 30)) = 4: launch 2, serving at 50 s */
    const ScaleEvent *out = first_action(r, SCALE_OUT, 0);
    assert_non_null(out);
    assert_true(out->t_s == 30 && out->count == 2);
    /* held: 4 x 25 + 2 x (100 - 25) + 2 x (100 - 30) = 390 instance-seconds */
    assert_true(node_fig(s, "api", NF_INSTANCE_SECONDS) == 4 * 25 + 2 * 75 + 2 * 70);
    assert_true(node_fig(s, "api", NF_END_INSTANCES) == 4);
    summary_destroy(s);
    model_destroy(m);
}

static void same_seed_gives_the_same_report(void **state)
{
    (void)state;
    Model *m = load_text(SETTLE(4));
    Summary *a = run_model(m, 1, 300), *b = run_model(m, 1, 300);
    char *ja = report_json(m, a), *jb = report_json(m, b);
    assert_string_equal(ja, jb);
    assert_non_null(strstr(ja, "\"scale_log\""));
    assert_non_null(strstr(ja, "\"instance_seconds\""));
    char *csv = report_csv(m, a);
    assert_non_null(strstr(csv, "api.instances"));
    free(csv);
    free(ja);
    free(jb);
    summary_destroy(a);
    summary_destroy(b);
    model_destroy(m);
}

/* A design without autoscale reports no autoscaling keys at all. */
static void a_design_without_a_policy_reports_none_of_it(void **state)
{
    (void)state;
    Model *m = load_text(
        "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":10,\"warmup_s\":0,\"seed\":1,"
        "\"requests\":[{\"name\":\"r\",\"rate_rps\":100}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"api\",\"kind\":\"service\"}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"api\"}]}");
    Summary *s = run_model(m, 1, -1);
    char *j = report_json(m, s);
    assert_null(strstr(j, "scale_log"));
    assert_null(strstr(j, "instance_seconds"));
    assert_int_equal(s->mean->ns_count, NS_BASE_COUNT);
    free(j);
    summary_destroy(s);
    model_destroy(m);
}

#define BAD(node)                                                                            \
    "{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"r\",\"rate_rps\":1}]}," \
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"}," node "],"                                 \
    "\"edges\":[{\"from\":\"u\",\"to\":\"x\"}]}"

static void bad_policies_get_clear_errors(void **state)
{
    (void)state;
    check_error(BAD("{\"id\":\"x\",\"kind\":\"database\",\"autoscale\":{}}"), "nodes[1].autoscale",
                "cannot autoscale");
    check_error(BAD("{\"id\":\"x\",\"kind\":\"cache\",\"ttl_s\":5,\"autoscale\":{}}"),
                "nodes[1].autoscale", "key model");
    check_error(BAD("{\"id\":\"x\",\"kind\":\"service\",\"instances\":12,\"autoscale\":{}}"),
                "nodes[1].instances", "outside the autoscale range");
    check_error(BAD("{\"id\":\"x\",\"kind\":\"service\",\"autoscale\":{\"min_instances\":5,"
                    "\"max_instances\":3}}"),
                "autoscale.max_instances", "at least min_instances");
    check_error(BAD("{\"id\":\"x\",\"kind\":\"service\",\"autoscale\":{\"target\":0}}"),
                "autoscale.target", "");
    check_error(BAD("{\"id\":\"x\",\"kind\":\"service\",\"autoscale\":{\"metric\":\"cpu\"}}"),
                "autoscale.metric", "");
    check_error(BAD("{\"id\":\"x\",\"kind\":\"service\",\"autoscale\":3}"), "nodes[1].autoscale",
                "must be an object");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(steady_rate_settles_where_the_formula_says),
        cmocka_unit_test(the_estimate_takes_the_settle_point),
        cmocka_unit_test(first_new_instance_serves_after_evaluation_plus_boot),
        cmocka_unit_test(cost_integrates_instance_seconds_of_a_scripted_scale_out_and_in),
        cmocka_unit_test(scale_in_waits_for_busy_instances_to_finish),
        cmocka_unit_test(failed_instances_are_replaced_and_not_paid_for),
        cmocka_unit_test(same_seed_gives_the_same_report),
        cmocka_unit_test(a_design_without_a_policy_reports_none_of_it),
        cmocka_unit_test(bad_policies_get_clear_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
