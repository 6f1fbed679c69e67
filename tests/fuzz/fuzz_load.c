/*
 * fuzz_load.c - libFuzzer target for the diagram loader.
 *
 * Loads the bytes; when they load, saves, reloads and checks that the reloaded model
 * equals the first and that the second save is byte-identical to the first. Any crash,
 * leak, sanitizer report or failed check is a bug in model_json.c / validate.c.
 *
 * Build and run (clang only; the sim library is instrumented too):
 *     cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DARCHSIM_FUZZ=ON -DARCHSIM_GUI=OFF
 *     cmake --build build-fuzz --target fuzz_load -j2
 *     mkdir -p /tmp/fuzz-corpus
 *     ./build-fuzz/fuzz_load -dict=tests/fuzz/format.dict -max_len=8192 \
 *         -max_total_time=300 /tmp/fuzz-corpus tests/fuzz/corpus
 * New inputs go to the first directory; tests/fuzz/corpus holds the small seeds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/model_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_load: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagList d;
    diag_init(&d, "fuzz");
    Model *m = model_from_json((const char *)data, size, &d);
    check((m != NULL) == (diag_errors(&d) == 0), "a load fails exactly when it reports an error");
    if (m) {
        char *first = model_to_json(m);
        DiagList d2;
        diag_init(&d2, "fuzz-saved");
        Model *again = model_from_json(first, strlen(first), &d2);
        if (!again) diag_print(&d2, stderr);
        check(again != NULL, "a saved model loads");
        check(model_equal(m, again), "load -> save -> load gives an equal model");
        char *second = model_to_json(again);
        check(strcmp(first, second) == 0, "the second save is byte-identical to the first");
        free(first);
        free(second);
        model_destroy(again);
        diag_free(&d2);
    }
    model_destroy(m);
    diag_free(&d);
    return 0;
}
