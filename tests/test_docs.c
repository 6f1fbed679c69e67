/*
 * test_docs.c - the format's documentation keeps up with the format: docs/format.md
 * names every field of every table and every enumeration value (in backquotes), and
 * the committed docs/archsim.schema.json is exactly what schema_json_schema() makes.
 *
 * After changing the tables, regenerate the schema with
 *     ARCHSIM_UPDATE_DOCS=1 ./build/test_docs
 * and document the new fields in docs/format.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/schema.h"
#include "sim/schema_export.h"
#include "sim/util.h"

#define FORMAT_MD ARCHSIM_SOURCE_DIR "/docs/format.md"
#define SCHEMA_JSON ARCHSIM_SOURCE_DIR "/docs/archsim.schema.json"

static bool mentions(const char *doc, const char *name)
{
    char *key = xasprintf("`%s`", name);
    bool found = strstr(doc, key) != NULL;
    if (!found) {
        /* A quoted value inside a code span counts too: `"io": "async"`. */
        free(key);
        key = xasprintf("\"%s\"", name);
        found = strstr(doc, key) != NULL;
    }
    if (!found) fprintf(stderr, "docs/format.md does not mention `%s`\n", name);
    free(key);
    return found;
}

static void format_doc_mentions_every_field_and_enum_value(void **state)
{
    (void)state;
    size_t len;
    char *doc = read_file(FORMAT_MD, &len);
    assert_non_null(doc);
    const FieldDesc *tables[] = {schema_node_fields,        schema_edge_fields,
                                 schema_breaker_fields,     schema_autoscale_fields,
                                 schema_zone_fields,        schema_region_latency_fields,
                                 schema_request_fields,
                                 schema_requirement_fields, schema_event_fields,
                                 schema_scenario_fields,    schema_dist_fields,
                                 schema_translation_fields, schema_envelope_fields,
                                 schema_factor_fields,      schema_envelope_text_fields};
    bool ok = true;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        for (const FieldDesc *f = tables[t]; f->name; f++) {
            ok &= mentions(doc, f->name);
            for (int i = 0; f->enum_names && f->enum_names[i]; i++)
                ok &= mentions(doc, f->enum_names[i]);
        }
    const char *top[] = {"format", "title", "scenario", "nodes", "edges", "meta",
                         "circuit_breaker", "autoscale", "zones", "region_latency", "requests", "requirements", "events",
                         "translations", "envelope", "factors"};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++) ok &= mentions(doc, top[i]);
    assert_true(ok);
    free(doc);
}

static void format_doc_has_a_paragraph_per_node_kind(void **state)
{
    (void)state;
    size_t len;
    char *doc = read_file(FORMAT_MD, &len);
    assert_non_null(doc);
    for (int k = 0; k < NODE_KIND_COUNT; k++) {
        char *heading = xasprintf("### `%s`", node_kind_name((NodeKind)k));
        if (!strstr(doc, heading)) fprintf(stderr, "missing heading: %s\n", heading);
        assert_non_null(strstr(doc, heading));
        free(heading);
    }
    free(doc);
}

static void committed_schema_equals_the_generated_one(void **state)
{
    (void)state;
    char *want = schema_json_schema();
    if (getenv("ARCHSIM_UPDATE_DOCS")) {
        FILE *f = fopen(SCHEMA_JSON, "wb");
        assert_non_null(f);
        fputs(want, f);
        fclose(f);
    }
    size_t len;
    char *got = read_file(SCHEMA_JSON, &len);
    if (!got || strcmp(got, want) != 0)
        fprintf(stderr, "docs/archsim.schema.json is stale: regenerate it with "
                        "ARCHSIM_UPDATE_DOCS=1 ./test_docs\n");
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

static void generated_schema_is_valid_json_with_every_kind(void **state)
{
    (void)state;
    char *text = schema_json_schema();
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    const cJSON *defs = cJSON_GetObjectItemCaseSensitive(root, "$defs");
    for (int k = 0; k < NODE_KIND_COUNT; k++) {
        char *name = xasprintf("node_%s", node_kind_name((NodeKind)k));
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(defs, name);
        assert_non_null(kind);
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(kind, "properties");
        for (const FieldDesc *f = schema_node_fields; f->name; f++)
            assert_true((cJSON_GetObjectItemCaseSensitive(props, f->name) != NULL) ==
                        schema_applies(f, (NodeKind)k));
        free(name);
    }
    cJSON_Delete(root);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_doc_mentions_every_field_and_enum_value),
        cmocka_unit_test(format_doc_has_a_paragraph_per_node_kind),
        cmocka_unit_test(committed_schema_equals_the_generated_one),
        cmocka_unit_test(generated_schema_is_valid_json_with_every_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
