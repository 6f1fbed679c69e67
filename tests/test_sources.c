/*
 * test_sources.c - source markers leave the scenarios' texts people read (sim/sources.h):
 * "[D]" and "[PRIMER-AWS, E]" go with the space before them, the keys are collected once
 * each in order, other brackets stay, and every key the presets use is described.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/sources.h"
#include "sim/util.h"

static void markers_leave_the_text_and_their_keys_are_kept(void **state)
{
    (void)state;
    SourceKeys k = {0};
    char *s = sources_strip("about 500 bytes (estimates [D]). Sizing: 1 KB/write [PRIMER-AWS, E]; "
                            "hybrid [DDIA; HS-TW], again [D].",
                            &k);
    assert_string_equal(s, "about 500 bytes (estimates). Sizing: 1 KB/write; hybrid, again.");
    assert_int_equal(k.n, 5);
    assert_string_equal(k.key[0], "D");
    assert_string_equal(k.key[1], "PRIMER-AWS");
    assert_string_equal(k.key[2], "E");
    assert_string_equal(k.key[3], "DDIA");
    assert_string_equal(k.key[4], "HS-TW");
    free(s);
    s = sources_strip("a figure ([D]) and [1, 2] and [see below] and [x]", NULL);
    assert_string_equal(s, "a figure and [1, 2] and [see below] and [x]");
    free(s);
    s = sources_strip("Кириллица без меток.", &k);
    assert_string_equal(s, "Кириллица без меток.");
    free(s);
}

static void every_key_of_the_presets_is_described(void **state)
{
    (void)state;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cat '%s'/scenarios/*.json '%s'/scenarios/starters/*.json", ARCHSIM_SOURCE_DIR,
             ARCHSIM_SOURCE_DIR);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    StrBuf all;
    sb_init(&all);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[n] = 0;
        sb_puts(&all, buf);
    }
    pclose(f);
    SourceKeys k = {0};
    char *s = sources_strip(all.data, &k);
    assert_true(k.n >= 10);
    for (int i = 0; i < k.n; i++) {
        if (!sources_describe(k.key[i])) printf("  no description of [%s]\n", k.key[i]);
        assert_non_null(sources_describe(k.key[i]));
    }
    free(s);
    sb_free(&all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markers_leave_the_text_and_their_keys_are_kept),
        cmocka_unit_test(every_key_of_the_presets_is_described),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
