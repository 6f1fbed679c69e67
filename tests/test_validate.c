/*
 * test_validate.c - every way a diagram file or model can be wrong is reported with
 * its JSON path and a message saying what is wrong and what is allowed; many problems
 * are reported in one pass; warnings do not fail a load; and thousands of seeded
 * random mutations of valid files never crash: each either loads (and then
 * round-trips) or reports at least one error.
 *
 * Inputs are written with single quotes for readability; q() turns them into double
 * quotes before loading.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/model_json.h"
#include "sim/util.h"

#define DATA ARCHSIM_SOURCE_DIR "/tests/data/format/"

#define SC_OK "'requests': [{'name': 'read', 'rate_rps': 10}]"
#define NODES_OK                                                                             \
    "{'id': 'users', 'kind': 'client'}, {'id': 'api', 'kind': 'service'}, "                  \
    "{'id': 'db', 'kind': 'database'}"
#define EDGES_OK "{'from': 'users', 'to': 'api'}, {'from': 'api', 'to': 'db'}"

static char *q(const char *s)
{
    char *t = xstrdup(s);
    for (char *p = t; *p; p++)
        if (*p == '\'') *p = '"';
    return t;
}

static char *doc(const char *scenario, const char *nodes, const char *edges)
{
    char *s = xasprintf("{'format': 'archsim/1', 'scenario': {%s}, 'nodes': [%s], 'edges': [%s]}",
                        scenario, nodes, edges);
    char *t = q(s);
    free(s);
    return t;
}

static const Diag *find(const DiagList *d, DiagLevel level, const char *path, const char *phrase)
{
    for (int i = 0; i < d->n_items; i++) {
        const Diag *g = &d->items[i];
        if (g->level == level && strcmp(g->path, path) == 0 && strstr(g->message, phrase))
            return g;
    }
    return NULL;
}

/* Loading `text` fails with an error at `path` whose message contains `phrase`. */
static void expect_error_len(const char *text, size_t len, const char *path, const char *phrase)
{
    DiagList d;
    diag_init(&d, "input");
    Model *m = model_from_json(text, len, &d);
    const Diag *g = find(&d, DIAG_ERROR, path, phrase);
    if (m || !g) {
        fprintf(stderr, "expected error at '%s' containing '%s'; got:\n", path, phrase);
        diag_print(&d, stderr);
    }
    assert_null(m);
    assert_non_null(g);
    diag_free(&d);
}

static void expect_error(const char *text, const char *path, const char *phrase)
{
    expect_error_len(text, strlen(text), path, phrase);
}

/* Same, for a document built from the three parts. */
static void expect_doc_error(const char *scenario, const char *nodes, const char *edges,
                             const char *path, const char *phrase)
{
    char *t = doc(scenario, nodes, edges);
    expect_error(t, path, phrase);
    free(t);
}

static void expect_error_at(const char *text, size_t len, int line, int col, const char *phrase)
{
    DiagList d;
    diag_init(&d, "input");
    Model *m = model_from_json(text, len, &d);
    assert_null(m);
    bool ok = d.n_items >= 1 && d.items[0].line == line && d.items[0].col == col &&
              strstr(d.items[0].message, phrase);
    if (!ok) {
        fprintf(stderr, "expected %d:%d '%s'; got:\n", line, col, phrase);
        diag_print(&d, stderr);
    }
    assert_true(ok);
    diag_free(&d);
}

/* ---- bytes and syntax ------------------------------------------------------------------ */

static void malformed_json_reports_line_and_column(void **state)
{
    (void)state;
    const char *t = "{\"format\": \"archsim/1\",\n  \"nodes\": [\n    {\"id\": \"a\" \"kind\": 1}\n]}";
    expect_error_at(t, strlen(t), 3, 16, "JSON syntax error near '\"kind\"");
    const char *u = "{\"format\": \"archsim/1\",\n \"nodes\": [";
    expect_error_at(u, strlen(u), 2, 12, "ends before the JSON value is complete");
}

static void empty_file_is_an_error(void **state)
{
    (void)state;
    expect_error("", "", "the file is empty");
    expect_error(" \n\t ", "", "the file is empty");
}

static void nul_bytes_and_invalid_utf8_are_rejected_with_their_position(void **state)
{
    (void)state;
    const char t[] = "{\"format\": \"archsim/1\",\n \"title\": \"a\0b\"}";
    expect_error_at(t, sizeof t - 1, 2, 13, "NUL byte");
    expect_error_at("{\"title\": \"\xff\"}", 14, 1, 12, "invalid UTF-8");
    expect_error_at("{\"title\": \"\xc0\xaf\"}", 15, 1, 12, "invalid UTF-8");     /* overlong */
    expect_error_at("{\"title\": \"\xed\xa0\x80\"}", 16, 1, 12, "invalid UTF-8"); /* surrogate */
    const char *n = "{\"format\": \"archsim/1\", \"title\": \"x\\u0000y\"}";
    expect_error_at(n, strlen(n), 1, 36, "\\u0000");
}

/* An id with a control character is refused by name: exports write ids into XML (draw.io),
 * Mermaid and DOT, which cannot hold them (fuzz_import found one that made invalid XML). */
static void node_ids_are_printable(void **state)
{
    (void)state;
    expect_error("{\"format\": \"archsim/1\", \"nodes\": [{\"id\": \"api\\u0001\", \"kind\": \"service\"}]}",
                 "nodes[0].id", "control character (U+0001 at byte 3)");
    expect_error("{\"format\": \"archsim/1\", \"nodes\": [{\"id\": \"a\\tb\", \"kind\": \"service\"}]}",
                 "nodes[0].id", "an id is printable text");
}

static void top_level_must_be_one_object(void **state)
{
    (void)state;
    expect_error("[1, 2]", "", "must hold one JSON object");
    expect_error("42", "", "got a number");
    expect_error_at("{\"format\": \"archsim/1\"} {}", 26, 1, 25, "unexpected text after the end");
}

static void missing_format_names_the_supported_version(void **state)
{
    (void)state;
    char *t = q("{'nodes': []}");
    expect_error(t, "format", "\"archsim/1\"");
    free(t);
    t = q("{'format': 1}");
    expect_error(t, "format", "must be the string \"archsim/1\"");
    free(t);
}

static void another_format_version_is_rejected_clearly(void **state)
{
    (void)state;
    char *t = q("{'format': 'archsim/2', 'nodes': 7}");
    DiagList d;
    diag_init(&d, NULL);
    assert_null(model_from_json(t, strlen(t), &d));
    /* Only that one message: the rest of a file of another version is not judged. */
    assert_int_equal(d.n_items, 1);
    assert_non_null(find(&d, DIAG_ERROR, "format", "'archsim/2' is not supported"));
    assert_non_null(strstr(d.items[0].message, "reads \"archsim/1\""));
    diag_free(&d);
    free(t);
}

static void unknown_top_level_key_points_to_meta(void **state)
{
    (void)state;
    char *t = q("{'format': 'archsim/1', 'nodez': []}");
    expect_error(t, "nodez", "did you mean 'nodes'?");
    expect_error(t, "nodez", "put your own data under \"meta\"");
    free(t);
}

static void duplicate_keys_are_errors(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, "{'id': 'users', 'kind': 'client'}, {'id': 'api', 'kind': 'service', "
                            "'workers': 2, 'workers': 3}",
                     "{'from': 'users', 'to': 'api'}", "nodes[1]", "duplicate key 'workers'");
    char *t = q("{'format': 'archsim/1', 'format': 'archsim/1'}");
    expect_error(t, "", "duplicate key 'format'");
    free(t);
    expect_doc_error(SC_OK, NODES_OK, "{'from': 'users', 'to': 'api', 'meta': {'a': 1, 'a': 2}}",
                     "edges[0].meta", "duplicate key 'a'");
}

/* ---- kinds, fields, types and ranges ------------------------------------------------------- */

static void unknown_node_kind_lists_the_kinds(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'c', 'kind': 'cache2'}", EDGES_OK, "nodes[3].kind",
                     "unknown kind 'cache2'; allowed: client, load_balancer, service, cache");
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'c'}", EDGES_OK, "nodes[3].kind", "missing");
}

static void unknown_field_suggests_a_name_and_lists_fields_of_the_kind(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'x', 'kind': 'service', 'wrokers': 4}", EDGES_OK,
                     "nodes[3].wrokers",
                     "unknown field 'wrokers' (did you mean 'workers'?); fields of service: id, "
                     "kind");
    expect_doc_error(SC_OK, NODES_OK, "{'from': 'users', 'to': 'api', 'latency': 3}",
                     "edges[0].latency", "fields of an edge: id, from, to");
}

static void field_of_another_kind_is_rejected(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'x', 'kind': 'service', 'hit_ratio': 0.5}",
                     EDGES_OK, "nodes[3].hit_ratio",
                     "not a field of a 'service' node; fields of service: id, kind, ");
    expect_doc_error(SC_OK, "{'id': 'users', 'kind': 'client', 'workers': 3}, {'id': 'api', "
                            "'kind': 'service'}",
                     "{'from': 'users', 'to': 'api'}", "nodes[0].workers",
                     "not a field of a 'client' node");
}

static void integer_out_of_range_says_the_range_and_the_value(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'x', 'kind': 'service', 'workers': -2}", EDGES_OK,
                     "nodes[3].workers", "must be an integer from 1 to 1000000");
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'x', 'kind': 'service', 'workers': -2}", EDGES_OK,
                     "nodes[3].workers", "got -2");
}

static void fractional_integer_is_rejected(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'x', 'kind': 'service', 'workers': 2.5}", EDGES_OK,
                     "nodes[3].workers", "got 2.5 (not a whole number)");
}

static void wrong_type_says_what_was_expected_and_what_came(void **state)
{
    (void)state;
    expect_doc_error("'requests': [{'name': 'read', 'rate_rps': 'fast'}]", NODES_OK, EDGES_OK,
                     "scenario.requests[0].rate_rps", "must be a number, got a string");
    expect_doc_error(SC_OK, NODES_OK ", {'id': 7, 'kind': 'service'}", EDGES_OK, "nodes[3].id",
                     "must be a string, got a number");
    expect_doc_error(SC_OK, NODES_OK ", 'oops'", EDGES_OK, "nodes[3]",
                     "must be an object, got a string");
    expect_doc_error(SC_OK, NODES_OK, "{'from': 'users', 'to': 'api', 'requests': 'read'}",
                     "edges[0].requests", "must be an array of strings");
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'x', 'kind': 'service', 'io': 'nonblocking'}",
                     EDGES_OK, "nodes[3].io", "unknown io 'nonblocking'; allowed: blocking, async");
}

static void number_too_large_is_rejected(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'x', 'kind': 'service', 'x': 1e999}", EDGES_OK,
                     "nodes[3].x", "too large to represent");
    expect_doc_error(SC_OK, NODES_OK, "{'from': 'users', 'to': 'api', 'meta': {'n': [1, -1e999]}}",
                     "edges[0].meta.n[1]", "must be finite");
}

static void seed_is_an_integer_from_0_to_2_53_minus_1(void **state)
{
    (void)state;
    expect_doc_error(SC_OK ", 'seed': -1", NODES_OK, EDGES_OK, "scenario.seed",
                     "from 0 to 9007199254740991");
    expect_doc_error(SC_OK ", 'seed': 9007199254740992", NODES_OK, EDGES_OK, "scenario.seed",
                     "from 0 to 9007199254740991");
    expect_doc_error(SC_OK ", 'seed': 1.5", NODES_OK, EDGES_OK, "scenario.seed", "whole number");
}

static void exclusive_minimum_is_explained(void **state)
{
    (void)state;
    expect_doc_error(SC_OK ", 'duration_s': 0", NODES_OK, EDGES_OK, "scenario.duration_s",
                     "greater than 0");
}

/* ---- distributions --------------------------------------------------------------------- */

static void lognormal_p99_over_the_bound_is_rejected(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'lognormal', 'mean': 2, "
                     "'p99': 40}}",
                     "edges[0].fanout.p99", "no lognormal distribution has a p99 over 14.97 x");
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'lognormal', 'mean': 2, "
                     "'p99': 1}}",
                     "edges[0].fanout.p99", "p99 >= mean");
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'lognormal', 'p99': 1}}",
                     "edges[0].fanout.mean", "mean greater than 0");
    /* Just inside the bound loads. */
    char *t = doc(SC_OK, NODES_OK,
                  "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'lognormal', 'mean': 1, "
                  "'p99': 14.96}}, {'from': 'api', 'to': 'db'}");
    DiagList d;
    diag_init(&d, NULL);
    Model *m = model_from_json(t, strlen(t), &d);
    assert_non_null(m);
    model_destroy(m);
    diag_free(&d);
    free(t);
}

static void uniform_min_above_max_is_rejected(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'x', 'kind': 'service', 'service_ms': {'dist': "
                                     "'uniform', 'min': 5, 'max': 2}}",
                     EDGES_OK, "nodes[3].service_ms.max", "min <= max");
}

static void pareto_needs_alpha_above_one_and_a_positive_mean(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'pareto', 'mean': 75, "
                     "'alpha': 1}}",
                     "edges[0].fanout.alpha", "greater than 1");
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'pareto', 'alpha': 2}}",
                     "edges[0].fanout.mean", "mean greater than 0");
}

static void distribution_keys_must_exist_and_apply_to_the_kind(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'uniform', 'min': 1, "
                     "'max': 2, 'mean': 1}}",
                     "edges[0].fanout.mean",
                     "does not apply to a uniform distribution; uniform takes: dist, min, max");
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'pareto', 'mean': 1, "
                     "'alpha': 2, 'shape': 3}}",
                     "edges[0].fanout.shape", "unknown key 'shape' in a distribution");
    expect_doc_error(SC_OK, NODES_OK, "{'from': 'users', 'to': 'api', 'fanout': {'mean': 1}}",
                     "edges[0].fanout.dist", "missing; a distribution object names its kind");
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'weibull'}}",
                     "edges[0].fanout.dist", "unknown dist 'weibull'");
    expect_doc_error(SC_OK, NODES_OK, "{'from': 'users', 'to': 'api', 'fanout': [1]}",
                     "edges[0].fanout", "must be a number (a constant) or a distribution object");
}

static void circuit_breaker_must_be_an_object(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK, "{'from': 'users', 'to': 'api', 'circuit_breaker': true}",
                     "edges[0].circuit_breaker", "must be an object");
    expect_doc_error(SC_OK, NODES_OK,
                     "{'from': 'users', 'to': 'api', 'circuit_breaker': {'failure_ratio': 0}}",
                     "edges[0].circuit_breaker.failure_ratio", "greater than 0");
}

/* ---- ids and references ------------------------------------------------------------------ */

static void duplicate_node_ids_are_reported_with_the_first(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'api', 'kind': 'cache'}", EDGES_OK, "nodes[3].id",
                     "duplicate id 'api' (nodes[1] has it too)");
}

static void empty_node_id_is_an_error(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': '', 'kind': 'cache'}", EDGES_OK, "nodes[3].id",
                     "missing or empty");
}

static void duplicate_edge_ids_and_request_names_are_errors(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK, "{'id': 'e', 'from': 'users', 'to': 'api'}, {'id': 'e', "
                                      "'from': 'api', 'to': 'db'}",
                     "edges[1].id", "duplicate edge id 'e'");
    expect_doc_error("'requests': [{'name': 'r', 'rate_rps': 1}, {'name': 'r', 'rate_rps': 2}]",
                     NODES_OK, EDGES_OK, "scenario.requests[1].name", "duplicate request type 'r'");
}

static void edge_to_missing_node_names_the_id_and_lists_ids(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK, EDGES_OK ", {'from': 'api', 'to': 'dbb'}", "edges[2].to",
                     "no node with id 'dbb'; nodes are: users, api, db (did you mean 'db'?)");
    expect_doc_error(SC_OK, NODES_OK, EDGES_OK ", {'to': 'db'}", "edges[2].from", "missing");
}

static void self_loop_is_an_error(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK, EDGES_OK ", {'from': 'api', 'to': 'api', 'mode': 'async'}",
                     "edges[2].to", "a node cannot call itself");
}

static void edge_into_a_client_is_an_error(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK, EDGES_OK ", {'from': 'api', 'to': 'users'}", "edges[2].to",
                     "'users' is a client");
}

static void request_type_client_must_be_a_client_node(void **state)
{
    (void)state;
    expect_doc_error("'requests': [{'name': 'r', 'client': 'api', 'rate_rps': 1}]", NODES_OK,
                     EDGES_OK, "scenario.requests[0].client",
                     "'api' is a service node, not a client; client nodes are: users");
    expect_doc_error("'requests': [{'name': 'r', 'client': 'mobile', 'rate_rps': 1}]", NODES_OK,
                     EDGES_OK, "scenario.requests[0].client", "no node with id 'mobile'");
}

static void request_type_without_client_needs_exactly_one_client(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, NODES_OK ", {'id': 'partners', 'kind': 'client'}", EDGES_OK,
                     "scenario.requests[0].client",
                     "there are 2 client nodes, so name the one that sends it: users, partners");
    expect_doc_error(SC_OK, "{'id': 'api', 'kind': 'service'}", "",
                     "scenario.requests[0].client", "no client node sends this request type");
}

/* A type no edge from its client carries would be answered by the client alone, in 0 ms:
 * a blank board of clients would pass every requirement. It is refused, per type, and an
 * edge that carries it (even async: fire and forget) or a filter naming it makes it valid. */
static void a_request_type_nothing_serves_is_refused(void **state)
{
    (void)state;
    expect_doc_error(SC_OK, "{'id': 'users', 'kind': 'client'}", "", "nodes[0]",
                     "nothing serves 'read': no edge from its client 'users' carries it");
#define TWO_TYPES "'requests': [{'name': 'read', 'rate_rps': 10}, {'name': 'write', 'op': 'write', 'rate_rps': 1}]"
    expect_doc_error(TWO_TYPES, "{'id': 'users', 'kind': 'client'}", "", "nodes[0]",
                     "nothing serves 'read', 'write': no edge from their client 'users' carries them");
    expect_doc_error(TWO_TYPES, NODES_OK, "{'from': 'users', 'to': 'api', 'requests': ['read']}, {'from': 'api', 'to': 'db'}",
                     "nodes[0]", "nothing serves 'write': no edge");
    char *t = doc(SC_OK, NODES_OK, "{'from': 'users', 'to': 'api', 'mode': 'async'}");
    DiagList d;
    diag_init(&d, NULL);
    Model *m = model_from_json(t, strlen(t), &d);
    assert_non_null(m);
    assert_null(find(&d, DIAG_ERROR, "nodes[0]", "nothing serves"));
    model_destroy(m);
    diag_free(&d);
    free(t);
}

/* The one error asks for a name; the warnings judge the model as the estimate and a run
 * send it (model_request_client: from the first client), so none says that client sends
 * nothing while its estimate carries the type. */
static void an_unnamed_type_among_two_clients_is_judged_from_the_first(void **state)
{
    (void)state;
    char *t = doc(SC_OK, NODES_OK ", {'id': 'partners', 'kind': 'client'}", EDGES_OK);
    DiagList d;
    diag_init(&d, NULL);
    model_destroy(model_from_json(t, strlen(t), &d));
    assert_non_null(find(&d, DIAG_ERROR, "scenario.requests[0].client", "so name the one that sends it"));
    assert_null(find(&d, DIAG_WARNING, "nodes[0]", "sends no request type"));
    assert_null(find(&d, DIAG_WARNING, "nodes[1]", "no request can reach"));
    assert_non_null(find(&d, DIAG_WARNING, "nodes[3]", "client 'partners' sends no request type"));
    diag_free(&d);
    free(t);
}

static void request_type_needs_a_rate_or_users_not_both(void **state)
{
    (void)state;
    expect_doc_error("'requests': [{'name': 'r'}]", NODES_OK, EDGES_OK,
                     "scenario.requests[0].rate_rps", "needs rate_rps > 0 (open loop) or users > 0");
    expect_doc_error("'requests': [{'name': 'r', 'rate_rps': 5, 'users': 5}]", NODES_OK, EDGES_OK,
                     "scenario.requests[0].rate_rps", "not both");
}

static void edge_filter_naming_an_unknown_request_lists_the_types(void **state)
{
    (void)state;
    expect_doc_error("'requests': [{'name': 'read_timeline', 'rate_rps': 1}, {'name': 'post', "
                     "'rate_rps': 1}]",
                     NODES_OK, EDGES_OK ", {'from': 'users', 'to': 'db', 'requests': ['read_timelne']}",
                     "edges[2].requests[0]",
                     "no request type 'read_timelne'; request types: read_timeline, post (did you "
                     "mean 'read_timeline'?)");
}

static void requirement_needs_max_or_min_and_a_known_request(void **state)
{
    (void)state;
    expect_doc_error(SC_OK ", 'requirements': [{'metric': 'p99_ms'}]", NODES_OK, EDGES_OK,
                     "scenario.requirements[0]", "needs \"max\" or \"min\"");
    expect_doc_error(SC_OK ", 'requirements': [{'metric': 'p99_ms', 'request': 'write', 'max': 1}]",
                     NODES_OK, EDGES_OK, "scenario.requirements[0].request",
                     "no request type 'write'; request types: read");
    expect_doc_error(SC_OK ", 'requirements': [{'metric': 'p99_ms', 'min': 5, 'max': 1}]",
                     NODES_OK, EDGES_OK, "scenario.requirements[0]", "above max");
    expect_doc_error(SC_OK ", 'requirements': [{'metric': 'p98_ms', 'max': 1}]", NODES_OK,
                     EDGES_OK, "scenario.requirements[0].metric", "unknown metric 'p98_ms'");
}

static void events_name_existing_nodes_and_request_types(void **state)
{
    (void)state;
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'fail', 'node': 'dbx'}]", NODES_OK,
                     EDGES_OK, "scenario.events[0].node", "no node with id 'dbx' to fail; nodes are: api, db (did you "
                     "mean 'db'?). Choose one of them as the event's node, or give a node the id 'dbx'");
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'slow', 'node': 'cache'}]", NODES_OK,
                     EDGES_OK, "scenario.events[0].node", "no node with id 'cache' to slow down");
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'slow'}]", NODES_OK, EDGES_OK,
                     "scenario.events[0].node", "missing; a slow event names a node id");
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'surge', 'request': 'reed'}]",
                     NODES_OK, EDGES_OK, "scenario.events[0].request", "no request type 'reed'");
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'surge', 'node': 'api'}]", NODES_OK,
                     EDGES_OK, "scenario.events[0].node", "does not apply to a 'surge' event");
}

/* Nodes with labels are named as the board and the reports name them, "label (id)": in
 * sentences, in the lists of what a field may name and in "did you mean" (by id or label).
 * An event cannot fail or slow a client (it sends the traffic, it has no servers), and the
 * nodes it may name are listed without the clients. */
#define NODES_LABELLED                                                                                           \
    "{'id': 'users', 'kind': 'client', 'label': 'Chat clients'}, "                                              \
    "{'id': 'api', 'kind': 'service', 'label': 'Message service'}, {'id': 'db', 'kind': 'database', 'label': "  \
    "'Message store'}"

static void nodes_are_named_by_label_and_id(void **state)
{
    (void)state;
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'fail', 'node': 'dbx'}]", NODES_LABELLED, EDGES_OK,
                     "scenario.events[0].node",
                     "no node with id 'dbx' to fail; nodes are: Message service (api), Message store (db) (did you "
                     "mean Message store (db)?)");
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'slow', 'node': 'Message servise'}]", NODES_LABELLED,
                     EDGES_OK, "scenario.events[0].node", "(did you mean Message service (api)?)");
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'fail', 'node': 'users'}]", NODES_LABELLED, EDGES_OK,
                     "scenario.events[0].node",
                     "Chat clients (users) is a client: it sends the requests and has no servers to fail; choose a "
                     "node that serves them: Message service (api), Message store (db)");
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'slow', 'node': 'users', 'factor': 2}]",
                     NODES_OK, EDGES_OK, "scenario.events[0].node",
                     "'users' is a client: it sends the requests and has no service time to slow down; choose a "
                     "node that serves them: api, db");
    expect_doc_error(SC_OK, NODES_LABELLED, EDGES_OK ", {'from': 'api', 'to': 'users'}", "edges[2].to",
                     "Chat clients (users) is a client; clients only send requests");
    expect_doc_error("'requests': [{'name': 'r', 'client': 'api', 'rate_rps': 1}]", NODES_LABELLED, EDGES_OK,
                     "scenario.requests[0].client",
                     "Message service (api) is a service node, not a client; client nodes are: Chat clients (users)");
    expect_doc_error(SC_OK, NODES_LABELLED, "{'from': 'api', 'to': 'db'}", "nodes[0]",
                     "nothing serves 'read': no edge from its client Chat clients (users) carries it, so a run would "
                     "answer it at once, in 0 ms. Add an edge from Chat clients (users) to the node that serves it");
    /* an exercise's event names 'channels'; the board's node is "Channel servers": its
     * name begins the same way */
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'fail', 'node': 'channels'}]",
                     NODES_LABELLED ", {'id': 'channel_servers', 'kind': 'service', 'label': 'Channel servers'}",
                     EDGES_OK ", {'from': 'api', 'to': 'channel_servers'}", "scenario.events[0].node",
                     "(did you mean Channel servers (channel_servers)?)");
    /* a short name is near a name one edit away, not two ('pg' is two from 'app'); a
     * replica's failure is a database's, and 'pg' names one (Postgres), so the only
     * database is the one meant */
    const char *db_and_app = "{'id': 'users', 'kind': 'client'}, {'id': 'app', 'kind': 'service'}, "
                             "{'id': 'database', 'kind': 'database', 'label': 'Database', 'read_replicas': 1}";
    const char *db_edges = "{'from': 'users', 'to': 'app'}, {'from': 'app', 'to': 'database'}";
    DiagList d;
    diag_init(&d, "input");
    char *t = doc(SC_OK ", 'events': [{'at_s': 1, 'action': 'fail', 'node': 'pg'}]", db_and_app, db_edges);
    model_destroy(model_from_json(t, strlen(t), &d));
    const Diag *g = find(&d, DIAG_ERROR, "scenario.events[0].node", "no node with id 'pg' to fail");
    assert_non_null(g);
    assert_non_null(strstr(g->message, "(did you mean Database (database)?)"));
    assert_null(strstr(g->message, "did you mean app"));
    diag_free(&d);
    free(t);
    /* an id whose words name a kind the board has none of suggests nothing ('redis') */
    diag_init(&d, "input");
    t = doc(SC_OK ", 'events': [{'at_s': 1, 'action': 'slow', 'node': 'redis', 'factor': 2}]", db_and_app, db_edges);
    model_destroy(model_from_json(t, strlen(t), &d));
    g = find(&d, DIAG_ERROR, "scenario.events[0].node", "no node with id 'redis' to slow down");
    assert_non_null(g);
    assert_null(strstr(g->message, "did you mean"));
    diag_free(&d);
    free(t);
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'fail', 'node': 'pg', 'role': 'replica'}]", db_and_app,
                     db_edges, "scenario.events[0].node", "(did you mean Database (database)?)");
    /* a blank board: only the client is placed, so there is nothing to choose yet */
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'fail', 'node': 'channels'}]",
                     "{'id': 'users', 'kind': 'client', 'label': 'Chat clients'}", "", "scenario.events[0].node",
                     "no node with id 'channels' yet; place the node this event is about and choose it as the event's "
                     "node, or give it the id 'channels'");
}

/* A client without an id whose users can think 0 ms: the check of closed loops compared
 * its NULL id (a crash; found by fuzz_load). Only the missing id is said of it: not "no
 * client node sends this request type", "nothing serves 'read'" from client '?' or
 * "client '?' sends no request type", which follow from it. */
static void a_client_without_an_id_is_said_once(void **state)
{
    (void)state;
    char *t = doc("'requests': [{'name': 'read', 'users': 10, 'think_ms': {'dist': 'constant', 'mean': 0}}]",
                  "{'kind': 'client'}, {'id': 'api', 'kind': 'service'}", "{'from': 'users', 'to': 'api'}");
    DiagList d;
    diag_init(&d, "input");
    Model *m = model_from_json(t, strlen(t), &d);
    assert_null(m);
    assert_non_null(find(&d, DIAG_ERROR, "nodes[0].id", "missing"));
    for (int i = 0; i < d.n_items; i++) {
        assert_null(strstr(d.items[i].message, "'?'"));
        assert_null(strstr(d.items[i].message, "no client node sends"));
    }
    diag_free(&d);
    free(t);
}

static void fail_event_cannot_fail_more_instances_than_the_node_has(void **state)
{
    (void)state;
    /* A database with 2 shards x (1 primary + 1 replica) runs 4 servers. */
    expect_doc_error(SC_OK ", 'events': [{'at_s': 1, 'action': 'fail', 'node': 'db', "
                           "'instances': 5}]",
                     "{'id': 'users', 'kind': 'client'}, {'id': 'api', 'kind': 'service'}, "
                     "{'id': 'db', 'kind': 'database', 'shards': 2, 'read_replicas': 1}",
                     EDGES_OK, "scenario.events[0].instances",
                     "5 exceeds the 4 server(s) of 'db'");
}

static void more_than_64_request_types_is_an_error(void **state)
{
    (void)state;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "'requests': [");
    for (int i = 0; i < 65; i++) sb_printf(&b, "%s{'name': 'r%d', 'rate_rps': 1}", i ? ", " : "", i);
    sb_puts(&b, "]");
    expect_doc_error(b.data, NODES_OK, EDGES_OK, "scenario.requests",
                     "at most 64 request types");
    sb_free(&b);
}

/* ---- cycles ---------------------------------------------------------------------------------- */

static void sync_cycle_is_reported_once_with_its_ids_in_order(void **state)
{
    (void)state;
    /* named as the board names them, with the ids of the file beside: the auth service
     * is labelled, api is not */
    char *t = doc(SC_OK, NODES_OK ", {'id': 'auth', 'kind': 'service', 'label': 'Auth service'}",
                  EDGES_OK ", {'from': 'api', 'to': 'auth'}, {'from': 'auth', 'to': 'api'}");
    DiagList d;
    diag_init(&d, NULL);
    assert_null(model_from_json(t, strlen(t), &d));
    int n = 0;
    for (int i = 0; i < d.n_items; i++)
        if (strstr(d.items[i].message, "sync call cycle")) {
            n++;
            assert_string_equal(d.items[i].path, "edges[2]");
            assert_non_null(strstr(d.items[i].message,
                                   "sync call cycle api \xE2\x86\x92 Auth service (auth) \xE2\x86\x92 api could recurse without "
                                   "end; make one edge async or remove it"));
        }
    assert_int_equal(n, 1);
    diag_free(&d);
    free(t);
}

static void cycles_through_an_async_edge_or_a_queue_are_allowed(void **state)
{
    (void)state;
    const char *cases[] = {
        EDGES_OK ", {'from': 'db', 'to': 'api', 'mode': 'async'}",
        EDGES_OK ", {'from': 'api', 'to': 'q'}, {'from': 'q', 'to': 'api'}",
    };
    for (int i = 0; i < 2; i++) {
        char *t = doc(SC_OK, NODES_OK ", {'id': 'q', 'kind': 'queue'}", cases[i]);
        DiagList d;
        diag_init(&d, NULL);
        Model *m = model_from_json(t, strlen(t), &d);
        if (!m) diag_print(&d, stderr);
        assert_non_null(m);
        model_destroy(m);
        diag_free(&d);
        free(t);
    }
}

/* Loads `t` (no errors) into *d; the caller frees d. */
static void expect_loads(const char *t, DiagList *d)
{
    diag_init(d, NULL);
    Model *m = model_from_json(t, strlen(t), d);
    if (!m) diag_print(d, stderr);
    assert_non_null(m);
    model_destroy(m);
}

static int count_phrase(const DiagList *d, const char *phrase)
{
    int n = 0;
    for (int i = 0; i < d->n_items; i++) n += strstr(d->items[i].message, phrase) != NULL;
    return n;
}

#define PING_PONG_NODES                                                                      \
    "{'id': 'users', 'kind': 'client'}, {'id': 'ping', 'kind': 'service', 'service_ms': %s}, " \
    "{'id': 'pong', 'kind': 'service', 'service_ms': 0}"
#define PING_PONG_EDGES                                                                      \
    "{'from': 'users', 'to': 'ping'}, {'from': 'ping', 'to': 'pong', 'mode': 'async', "       \
    "'latency_ms': %s}, {'from': 'pong', 'to': 'ping', 'mode': 'async', 'latency_ms': 0%s}"

static char *ping_pong(const char *ping_service, const char *latency, const char *back_extra)
{
    char *nodes = xasprintf(PING_PONG_NODES, ping_service);
    char *edges = xasprintf(PING_PONG_EDGES, latency, back_extra);
    char *t = doc(SC_OK, nodes, edges);
    free(nodes);
    free(edges);
    return t;
}

/* ping -> pong -> ping, async, no latency, no service time: a request goes round at one
 * instant without end. The validator used to accept it (only sync cycles were refused). */
static void a_cycle_that_takes_no_time_is_refused_naming_its_edges(void **state)
{
    (void)state;
    char *t = ping_pong("0", "0", "");
    expect_error(t, "edges[1]",
                 "cycle ping \xE2\x86\x92 pong \xE2\x86\x92 ping (edges[1], edges[2]) can run without simulated time "
                 "advancing: its edges take no time (latency_ms 0, no payload over a bandwidth) and "
                 "each of its nodes can serve in 0 ms (service_ms constant 0 or uniform from 0), so "
                 "a 'read' request could go round it at one instant without end; give one of these "
                 "edges a latency_ms or one of these nodes a service time that is never 0");
    free(t);
    /* A service time that can be 0 counts: uniform from 0. */
    t = ping_pong("{'dist': 'uniform', 'min': 0, 'max': 2}", "0", "");
    expect_error(t, "edges[1]", "can run without simulated time advancing");
    free(t);
    /* Payload over a bandwidth takes time: accepted. */
    DiagList d;
    t = ping_pong("0", "0", ", 'request_kb': 1, 'bandwidth_mbps': 100");
    expect_loads(t, &d);
    assert_int_equal(count_phrase(&d, "without simulated time"), 0);
    diag_free(&d);
    free(t);
}

static void the_same_cycle_with_time_on_it_is_accepted(void **state)
{
    (void)state;
    DiagList d;
    /* 1 ms on an edge: accepted. Every request still goes round for ever (probability 1,
     * fan-out 1: the traffic on it multiplies by 1 each lap), which is a warning. */
    char *t = ping_pong("0", "1", "");
    expect_loads(t, &d);
    assert_int_equal(diag_errors(&d), 0);
    assert_non_null(find(&d, DIAG_WARNING, "edges[1]",
                         "cycle ping \xE2\x86\x92 pong \xE2\x86\x92 ping (edges[1], edges[2]) multiplies the 'read' "
                         "traffic on it by 1 each lap"));
    diag_free(&d);
    free(t);
    /* A service time that is never 0 (exponential draws are above 0), and a way out of
     * the loop (probability 0.5): nothing to say. */
    t = ping_pong("{'dist': 'exponential', 'mean': 1}", "0", ", 'probability': 0.5");
    expect_loads(t, &d);
    assert_int_equal(d.n_items, 0);
    diag_free(&d);
    free(t);
}

/* The rule holds through any kind: a queue acks after its own service time and its
 * consumers pull at once, so a queue that can take no time is no break either. */
static void a_zero_time_cycle_through_a_queue_is_refused(void **state)
{
    (void)state;
    const char *nodes = "{'id': 'users', 'kind': 'client'}, {'id': 'api', 'kind': 'service', "
                        "'service_ms': 0}, {'id': 'q', 'kind': 'queue', 'service_ms': %s}";
    const char *edges = "{'from': 'users', 'to': 'api'}, {'from': 'api', 'to': 'q', 'latency_ms': "
                        "0}, {'from': 'q', 'to': 'api', 'latency_ms': 0, 'probability': 0.5}";
    char *n0 = xasprintf(nodes, "0");
    char *t = doc(SC_OK, n0, edges);
    expect_error(t, "edges[1]", "cycle api \xE2\x86\x92 q \xE2\x86\x92 api (edges[1], edges[2]) can run without");
    free(t);
    free(n0);
    char *n1 = xasprintf(nodes, "2");
    t = doc(SC_OK, n1, edges);
    DiagList d;
    expect_loads(t, &d);
    assert_int_equal(d.n_items, 0);
    diag_free(&d);
    free(t);
    free(n1);
}

/* A request keeps its type: a loop whose edges carry different types, or that passes
 * a cache that answers every read, is no loop for any request. A sync cycle is reported
 * once, as a sync cycle. */
static void only_cycles_a_request_can_go_round_are_refused(void **state)
{
    (void)state;
    const char *sc = "'requests': [{'name': 'a', 'rate_rps': 1}, {'name': 'b', 'rate_rps': 1}]";
    char *t = doc(sc, "{'id': 'users', 'kind': 'client'}, {'id': 'x', 'kind': 'service', 'service_ms': 0}, "
                      "{'id': 'y', 'kind': 'service', 'service_ms': 0}",
                  "{'from': 'users', 'to': 'x'}, {'from': 'x', 'to': 'y', 'mode': 'async', 'latency_ms': 0, "
                  "'requests': ['a']}, {'from': 'y', 'to': 'x', 'mode': 'async', 'latency_ms': 0, "
                  "'requests': ['b']}");
    DiagList d;
    expect_loads(t, &d);
    assert_int_equal(d.n_items, 0);
    diag_free(&d);
    free(t);
    t = doc(SC_OK, "{'id': 'users', 'kind': 'client'}, {'id': 'x', 'kind': 'service', 'service_ms': 0}, "
                   "{'id': 'c', 'kind': 'cache', 'hit_ratio': 1, 'service_ms': 0}",
            "{'from': 'users', 'to': 'x'}, {'from': 'x', 'to': 'c', 'mode': 'async', 'latency_ms': 0}, "
            "{'from': 'c', 'to': 'x', 'mode': 'async', 'latency_ms': 0}");
    expect_loads(t, &d);
    assert_int_equal(d.n_items, 0);
    diag_free(&d);
    free(t);
    t = doc(SC_OK, "{'id': 'users', 'kind': 'client'}, {'id': 'x', 'kind': 'service', 'service_ms': 0}, "
                   "{'id': 'y', 'kind': 'service', 'service_ms': 0}",
            "{'from': 'users', 'to': 'x'}, {'from': 'x', 'to': 'y', 'latency_ms': 0}, "
            "{'from': 'y', 'to': 'x', 'latency_ms': 0}");
    diag_init(&d, NULL);
    assert_null(model_from_json(t, strlen(t), &d));
    assert_int_equal(count_phrase(&d, "sync call cycle"), 1);
    assert_int_equal(count_phrase(&d, "can run without"), 0);
    assert_int_equal(count_phrase(&d, "multiplies"), 0);
    diag_free(&d);
    free(t);
}

/* An async loop whose traffic grows each lap warns (the run is bounded by queues and the
 * engine's valve, but the figures are the loop's); the growth counts every way round:
 * two loops of 0.6 through one node grow by 1.2. A rate limit on the loop bounds it. */
static void an_amplifying_cycle_warns_with_its_growth(void **state)
{
    (void)state;
    const char *nodes = "{'id': 'users', 'kind': 'client'}, {'id': 'hub', 'kind': 'service'%s}, "
                        "{'id': 'left', 'kind': 'service'}, {'id': 'right', 'kind': 'service'}";
    const char *edges = "{'from': 'users', 'to': 'hub'}, "
                        "{'from': 'hub', 'to': 'left', 'mode': 'async', 'probability': 0.6}, "
                        "{'from': 'left', 'to': 'hub', 'mode': 'async'}, "
                        "{'from': 'hub', 'to': 'right', 'mode': 'async', 'probability': 0.6}, "
                        "{'from': 'right', 'to': 'hub', 'mode': 'async'}";
    char *n = xasprintf(nodes, "");
    char *t = doc(SC_OK, n, edges);
    DiagList d;
    expect_loads(t, &d);
    assert_int_equal(diag_errors(&d), 0);
    assert_non_null(find(&d, DIAG_WARNING, "edges[1]",
                         "cycle hub \xE2\x86\x92 left \xE2\x86\x92 hub (edges[1], edges[2]) multiplies the 'read' "
                         "traffic on it by 1.2 each lap (probability \xC3\x97 fan-out around it) "
                         "and no node on it has a rate limit"));
    assert_int_equal(count_phrase(&d, "multiplies"), 1);
    diag_free(&d);
    free(t);
    free(n);
    n = xasprintf(nodes, ", 'rate_limit_rps': 1000");
    t = doc(SC_OK, n, edges);
    expect_loads(t, &d);
    assert_int_equal(d.n_items, 0);
    diag_free(&d);
    free(t);
    free(n);
    /* A fan-out of 3 with one chance in 4 to go on: 0.75 a lap, damped. */
    t = doc(SC_OK, "{'id': 'users', 'kind': 'client'}, {'id': 'a', 'kind': 'service'}, {'id': 'b', 'kind': 'service'}",
            "{'from': 'users', 'to': 'a'}, {'from': 'a', 'to': 'b', 'mode': 'async', 'fanout': 3}, "
            "{'from': 'b', 'to': 'a', 'mode': 'async', 'probability': 0.25}");
    expect_loads(t, &d);
    assert_int_equal(d.n_items, 0);
    diag_free(&d);
    free(t);
}

/* A 200,000-node ring of sync calls: no recursion depth problem, one message, and the
 * message stays short. */
static void a_huge_sync_ring_is_found_without_deep_recursion(void **state)
{
    (void)state;
    enum { N = 200000 };
    Model *m = model_create();
    m->nodes = xcalloc(N, sizeof *m->nodes);
    m->edges = xcalloc(N, sizeof *m->edges);
    for (int i = 0; i < N; i++) {
        node_defaults(NODE_SERVICE, &m->nodes[i]);
        m->nodes[i].id = xasprintf("s%d", i);
        edge_defaults(&m->edges[i]);
        m->edges[i].from = xasprintf("s%d", i);
        m->edges[i].to = xasprintf("s%d", (i + 1) % N);
    }
    m->n_nodes = m->n_edges = N;
    DiagList d;
    diag_init(&d, NULL);
    assert_false(model_validate(m, &d));
    int n = 0;
    for (int i = 0; i < d.n_items; i++)
        if (strstr(d.items[i].message, "sync call cycle")) {
            n++;
            assert_true(strlen(d.items[i].message) < 400);
            assert_non_null(strstr(d.items[i].message, "s0 \xE2\x86\x92 s1 \xE2\x86\x92 "));
            assert_non_null(strstr(d.items[i].message, "(199985 more)"));
        }
    assert_int_equal(n, 1);
    diag_free(&d);
    model_destroy(m);
}

/* ---- warnings --------------------------------------------------------------------------------- */

static void unreachable_nodes_idle_balancers_and_queues_warn_but_load(void **state)
{
    (void)state;
    char *t = doc(SC_OK, NODES_OK ", {'id': 'lonely', 'kind': 'cache'}, {'id': 'lb', 'kind': "
                                  "'load_balancer'}, {'id': 'q', 'kind': 'queue'}",
                  EDGES_OK ", {'from': 'api', 'to': 'lb'}, {'from': 'api', 'to': 'q', 'mode': "
                           "'async'}");
    DiagList d;
    diag_init(&d, NULL);
    Model *m = model_from_json(t, strlen(t), &d);
    assert_non_null(m);
    assert_int_equal(diag_errors(&d), 0);
    assert_non_null(find(&d, DIAG_WARNING, "nodes[3]", "no request can reach 'lonely'"));
    assert_non_null(find(&d, DIAG_WARNING, "nodes[4]", "load balancer 'lb' has no outgoing edge"));
    assert_non_null(find(&d, DIAG_WARNING, "nodes[5]", "queue 'q' has no consumer edge"));
    model_destroy(m);
    diag_free(&d);
    free(t);
}

/* ---- all at once, edited models, random mutations -------------------------------------------- */

static void many_problems_are_reported_in_one_pass(void **state)
{
    (void)state;
    char *t = doc("'seed': -1, 'requests': [{'name': 'r', 'rate_rps': 'x'}]",
                  "{'id': 'users', 'kind': 'client'}, {'id': 'api', 'kind': 'service', "
                  "'wrokers': 3, 'workers': 0}, {'id': 'api', 'kind': 'cache2'}",
                  "{'from': 'users', 'to': 'api', 'fanout': {'dist': 'uniform', 'min': 3, 'max': "
                  "1}}, {'from': 'api', 'to': 'dbb'}, {'from': 'api', 'to': 'users'}");
    DiagList d;
    diag_init(&d, NULL);
    assert_null(model_from_json(t, strlen(t), &d));
    const char *paths[] = {"scenario.seed", "scenario.requests[0].rate_rps", "nodes[1].wrokers",
                           "nodes[1].workers", "nodes[2].kind", "nodes[2].id",
                           "edges[0].fanout.max", "edges[1].to", "edges[2].to"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        bool found = false;
        for (int k = 0; k < d.n_items; k++) found |= strcmp(d.items[k].path, paths[i]) == 0;
        if (!found) {
            fprintf(stderr, "no message at %s; got:\n", paths[i]);
            diag_print(&d, stderr);
        }
        assert_true(found);
    }
    diag_free(&d);
    free(t);
}

static void validate_checks_an_edited_model_without_trusting_the_loader(void **state)
{
    (void)state;
    Model *m = model_create();
    Node n;
    node_defaults(NODE_SERVICE, &n);
    n.id = "api";
    n.workers = 0;
    n.x = NAN;
    n.service_ms.p99 = 1000; /* mean 10: 100 x */
    model_add_node(m, &n);
    n.id = NULL;
    n.workers = 1;
    n.x = 0;
    n.service_ms = dist_const(1);
    n.io = (IoModel)7;
    model_add_node(m, &n);
    Edge e;
    edge_defaults(&e);
    e.from = "api";
    e.to = NULL;
    e.probability = 2;
    model_add_edge(m, &e);
    m->scenario.duration_s = -1;
    DiagList d;
    diag_init(&d, NULL);
    assert_false(model_validate(m, &d));
    assert_non_null(find(&d, DIAG_ERROR, "nodes[0].workers", "from 1 to"));
    assert_non_null(find(&d, DIAG_ERROR, "nodes[0].x", "must be a number"));
    assert_non_null(find(&d, DIAG_ERROR, "nodes[0].service_ms.p99", "lognormal"));
    assert_non_null(find(&d, DIAG_ERROR, "nodes[1].id", "missing or empty"));
    assert_non_null(find(&d, DIAG_ERROR, "nodes[1].io", "unknown io"));
    assert_non_null(find(&d, DIAG_ERROR, "edges[0].to", "missing"));
    assert_non_null(find(&d, DIAG_ERROR, "edges[0].probability", "from 0 to 1"));
    assert_non_null(find(&d, DIAG_ERROR, "scenario.duration_s", "greater than 0"));
    diag_free(&d);
    model_destroy(m);
}

static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Loads `text`; it either loads (and then round-trips exactly) or says why not. */
static void load_or_explain(const char *text, size_t len)
{
    DiagList d;
    diag_init(&d, NULL);
    Model *m = model_from_json(text, len, &d);
    if (m) {
        assert_int_equal(diag_errors(&d), 0);
        char *s1 = model_to_json(m);
        DiagList d2;
        diag_init(&d2, NULL);
        Model *m2 = model_from_json(s1, strlen(s1), &d2);
        assert_non_null(m2);
        assert_true(model_equal(m, m2));
        char *s2 = model_to_json(m2);
        assert_string_equal(s1, s2);
        free(s1);
        free(s2);
        model_destroy(m2);
        diag_free(&d2);
    } else {
        assert_true(diag_errors(&d) >= 1);
    }
    model_destroy(m);
    diag_free(&d);
}

static void random_mutations_never_crash_and_always_load_or_explain(void **state)
{
    (void)state;
    const char *files[] = {DATA "twitter.json", DATA "every_field.json"};
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    int loaded = 0, rejected = 0;
    for (int f = 0; f < 2; f++) {
        size_t len;
        char *orig = read_file(files[f], &len);
        assert_non_null(orig);
        char *buf = xmalloc(len + 64);
        for (int round = 0; round < 1500; round++) {
            memcpy(buf, orig, len);
            size_t n = len;
            int kind = (int)(next_rand(&seed) % 5);
            size_t at = (size_t)(next_rand(&seed) % len);
            if (kind == 0) { /* truncate */
                n = at;
            } else if (kind == 1) { /* flip bytes */
                for (int k = 0; k < 1 + (int)(next_rand(&seed) % 3); k++)
                    buf[next_rand(&seed) % len] = (char)(next_rand(&seed) & 0xff);
            } else if (kind == 2) { /* delete a "key": value up to the next comma */
                char *key = memchr(buf + at, '"', len - at);
                char *comma = key ? memchr(key, ',', (size_t)(buf + len - key)) : NULL;
                if (comma) {
                    size_t cut = (size_t)(comma + 1 - key);
                    memmove(key, comma + 1, (size_t)(buf + len - comma - 1));
                    n = len - cut;
                }
            } else if (kind == 3) { /* replace a digit with a far out value */
                char *dig = NULL;
                for (size_t k = at; k < len && !dig; k++)
                    if (buf[k] >= '0' && buf[k] <= '9') dig = buf + k;
                if (dig) *dig = "9-.e0"[next_rand(&seed) % 5];
            } else { /* delete a span */
                size_t cut = 1 + next_rand(&seed) % 16;
                if (at + cut > len) cut = len - at;
                memmove(buf + at, buf + at + cut, len - at - cut);
                n = len - cut;
            }
            DiagList d;
            diag_init(&d, NULL);
            Model *m = model_from_json(buf, n, &d);
            if (m) loaded++;
            else rejected++;
            model_destroy(m);
            diag_free(&d);
            load_or_explain(buf, n);
        }
        free(buf);
        free(orig);
    }
    /* Both outcomes happen: the mutations are neither all harmless nor all fatal. */
    assert_true(loaded > 100);
    assert_true(rejected > 100);
}

static void fail_role_applies_to_databases_only(void **state)
{
    (void)state;
    const char *txt =
        "{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"r\",\"rate_rps\":1}],"
        "\"events\":[{\"at_s\":1,\"action\":\"fail\",\"node\":\"a\",\"role\":\"replica\"},"
        "{\"at_s\":1,\"action\":\"fail\",\"node\":\"db\",\"role\":\"primary\",\"instances\":3}]},"
        "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},{\"id\":\"a\",\"kind\":\"service\"},"
        "{\"id\":\"db\",\"kind\":\"database\",\"shards\":2}],"
        "\"edges\":[{\"from\":\"u\",\"to\":\"a\"},{\"from\":\"a\",\"to\":\"db\"}]}";
    DiagList d;
    diag_init(&d, "x.json");
    assert_null(model_from_json(txt, strlen(txt), &d));
    bool role = false, count = false;
    for (int i = 0; i < d.n_items; i++) {
        role |= strcmp(d.items[i].path, "scenario.events[0].role") == 0 &&
                strstr(d.items[i].message, "applies to databases") != NULL;
        count |= strcmp(d.items[i].path, "scenario.events[1].instances") == 0 &&
                 strstr(d.items[i].message, "exceeds the 2 server(s)") != NULL;
    }
    assert_true(role);
    assert_true(count);
    diag_free(&d);
}

static void lenient_load_keeps_an_invalid_but_readable_model(void **state)
{
    (void)state;
    const char *invalid = "{\"format\":\"archsim/1\",\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
                          "{\"id\":\"a\",\"kind\":\"service\"}],"
                          "\"edges\":[{\"from\":\"u\",\"to\":\"gone\"}]}";
    DiagList d;
    diag_init(&d, "x.json");
    assert_null(model_from_json(invalid, strlen(invalid), &d));
    diag_free(&d);
    diag_init(&d, "x.json");
    Model *m = model_from_json_lenient(invalid, strlen(invalid), &d);
    assert_non_null(m);
    assert_int_equal(m->n_edges, 1);
    assert_true(diag_errors(&d) >= 1);
    assert_false(model_validate(m, &d));
    model_destroy(m);
    diag_free(&d);
    /* unreadable stays unreadable */
    const char *bad = "{\"format\":\"archsim/1\",\"nodes\":[{\"id\":\"a\",\"kind\":\"service\","
                      "\"workers\":-1}]}";
    diag_init(&d, "y.json");
    assert_null(model_from_json_lenient(bad, strlen(bad), &d));
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(malformed_json_reports_line_and_column),
        cmocka_unit_test(lenient_load_keeps_an_invalid_but_readable_model),
        cmocka_unit_test(fail_role_applies_to_databases_only),
        cmocka_unit_test(empty_file_is_an_error),
        cmocka_unit_test(nul_bytes_and_invalid_utf8_are_rejected_with_their_position),
        cmocka_unit_test(node_ids_are_printable),
        cmocka_unit_test(top_level_must_be_one_object),
        cmocka_unit_test(missing_format_names_the_supported_version),
        cmocka_unit_test(another_format_version_is_rejected_clearly),
        cmocka_unit_test(unknown_top_level_key_points_to_meta),
        cmocka_unit_test(duplicate_keys_are_errors),
        cmocka_unit_test(unknown_node_kind_lists_the_kinds),
        cmocka_unit_test(unknown_field_suggests_a_name_and_lists_fields_of_the_kind),
        cmocka_unit_test(field_of_another_kind_is_rejected),
        cmocka_unit_test(integer_out_of_range_says_the_range_and_the_value),
        cmocka_unit_test(fractional_integer_is_rejected),
        cmocka_unit_test(wrong_type_says_what_was_expected_and_what_came),
        cmocka_unit_test(number_too_large_is_rejected),
        cmocka_unit_test(seed_is_an_integer_from_0_to_2_53_minus_1),
        cmocka_unit_test(exclusive_minimum_is_explained),
        cmocka_unit_test(lognormal_p99_over_the_bound_is_rejected),
        cmocka_unit_test(uniform_min_above_max_is_rejected),
        cmocka_unit_test(pareto_needs_alpha_above_one_and_a_positive_mean),
        cmocka_unit_test(distribution_keys_must_exist_and_apply_to_the_kind),
        cmocka_unit_test(circuit_breaker_must_be_an_object),
        cmocka_unit_test(duplicate_node_ids_are_reported_with_the_first),
        cmocka_unit_test(empty_node_id_is_an_error),
        cmocka_unit_test(duplicate_edge_ids_and_request_names_are_errors),
        cmocka_unit_test(edge_to_missing_node_names_the_id_and_lists_ids),
        cmocka_unit_test(self_loop_is_an_error),
        cmocka_unit_test(edge_into_a_client_is_an_error),
        cmocka_unit_test(request_type_client_must_be_a_client_node),
        cmocka_unit_test(request_type_without_client_needs_exactly_one_client),
        cmocka_unit_test(a_request_type_nothing_serves_is_refused),
        cmocka_unit_test(an_unnamed_type_among_two_clients_is_judged_from_the_first),
        cmocka_unit_test(request_type_needs_a_rate_or_users_not_both),
        cmocka_unit_test(edge_filter_naming_an_unknown_request_lists_the_types),
        cmocka_unit_test(requirement_needs_max_or_min_and_a_known_request),
        cmocka_unit_test(events_name_existing_nodes_and_request_types),
        cmocka_unit_test(nodes_are_named_by_label_and_id),
        cmocka_unit_test(fail_event_cannot_fail_more_instances_than_the_node_has),
        cmocka_unit_test(a_client_without_an_id_is_said_once),
        cmocka_unit_test(more_than_64_request_types_is_an_error),
        cmocka_unit_test(sync_cycle_is_reported_once_with_its_ids_in_order),
        cmocka_unit_test(cycles_through_an_async_edge_or_a_queue_are_allowed),
        cmocka_unit_test(a_huge_sync_ring_is_found_without_deep_recursion),
        cmocka_unit_test(a_cycle_that_takes_no_time_is_refused_naming_its_edges),
        cmocka_unit_test(the_same_cycle_with_time_on_it_is_accepted),
        cmocka_unit_test(a_zero_time_cycle_through_a_queue_is_refused),
        cmocka_unit_test(only_cycles_a_request_can_go_round_are_refused),
        cmocka_unit_test(an_amplifying_cycle_warns_with_its_growth),
        cmocka_unit_test(unreachable_nodes_idle_balancers_and_queues_warn_but_load),
        cmocka_unit_test(many_problems_are_reported_in_one_pass),
        cmocka_unit_test(validate_checks_an_edited_model_without_trusting_the_loader),
        cmocka_unit_test(random_mutations_never_crash_and_always_load_or_explain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
