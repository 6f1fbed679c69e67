/*
 * fuzz_envelope.c - libFuzzer target for the estimate parser of the back-of-the-envelope
 * sheet (envelope_parse_in): what a user types in the app's Estimates tab or passes to
 * `archsim-cli envelope --quiz id=TEXT`.
 *
 * The bytes are the typed text (up to the first NUL). Each input is parsed in every
 * unit and in English, Russian, Ukrainian and an unknown language, and the contract of
 * envelope.h is checked:
 *  - a parsed value is finite, positive and at most ENVELOPE_MAX_VALUE;
 *  - languages that write numbers alike read the same forms and values (Russian and
 *    Ukrainian; English and an unknown language), and all read the same where the text
 *    has no comma (numfmt_scan: a comma is where they differ, "20,000");
 *  - a refusal writes a message that fits the buffer and, when the typed text is UTF-8,
 *    is UTF-8 too (cut at a character boundary), also into a small buffer (its size
 *    taken from the first byte);
 *  - a parsed value formats (envelope_format_value_in) and is checked against an
 *    expected value (envelope_check_in) in every language without trouble.
 *
 * Build and run: docs/testing.md ("Running a fuzzer").
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/envelope.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_envelope: %s\n", what);
        abort();
    }
}

/* True when s is well-formed UTF-8 (no overlong forms or surrogates are looked for:
 * the point is a message cut inside a character). */
static bool utf8_whole(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
              : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0) return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80) return false;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0; /* longer than any text field the app or CLI takes */
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    size_t small_cap = size ? 1 + data[0] % 40 : 1;
    bool typed_utf8 = utf8_whole(text); /* messages quote the text: garbage in, garbage out */

    static const char *const langs[] = {NULL, "ru", "uk", "pt-BR"};
    enum { N_LANGS = sizeof langs / sizeof *langs };
    bool comma = memchr(text, ',', strlen(text)) != NULL;
    for (int u = 0; u < ENV_UNIT_KIND_COUNT; u++) {
        bool ok_of[N_LANGS];
        double v_of[N_LANGS];
        for (int k = 0; k < N_LANGS; k++) {
            char err[512];
            memset(err, 'x', sizeof err);
            double v = -1;
            bool ok = envelope_parse_in((EnvelopeUnit)u, text, langs[k], &v, err, sizeof err);
            ok_of[k] = ok;
            v_of[k] = v;
            /* the language that writes numbers as this one does: ru for uk, English for pt-BR */
            int like = k == 2 ? 1 : k == 3 ? 0 : k == 1 && !comma ? 0 : -1;
            if (like >= 0) {
                check(ok == ok_of[like], "the accepted forms do not depend on the language but its numbers");
                check(!ok || v == v_of[like], "the parsed value does not depend on the language but its numbers");
            }
            if (ok) {
                check(isfinite(v) && v > 0 && v <= ENVELOPE_MAX_VALUE,
                      "a parsed estimate is finite, positive and at most 10^30");
                char out[256];
                envelope_format_value_in((EnvelopeUnit)u, v, langs[k], out, sizeof out);
                check(strlen(out) < sizeof out, "a formatted value fits its buffer");
                envelope_format_number_in(v, langs[k], out, sizeof out);
                EnvelopeCheck c = envelope_check_in(v, 1.0, langs[k]);
                check(c.verdict >= 0 && c.verdict < ENV_VERDICT_COUNT, "a verdict is a verdict");
                c = envelope_check_in(1.0, v, langs[k]);
                check(c.verdict >= 0 && c.verdict < ENV_VERDICT_COUNT, "a verdict is a verdict");
                continue;
            }
            check(memchr(err, 0, sizeof err) != NULL, "a refusal's message ends in the buffer");
            check(err[0] != 0, "a refusal says why");
            check(!typed_utf8 || utf8_whole(err), "a long message is cut at a character boundary");

            char tiny[64];
            memset(tiny, 'x', sizeof tiny);
            tiny[small_cap] = 'Z'; /* a byte past the cap that must stay untouched */
            double w = -1;
            check(!envelope_parse_in((EnvelopeUnit)u, text, langs[k], &w, tiny, small_cap),
                  "a refusal does not depend on the message buffer");
            check(memchr(tiny, 0, small_cap) != NULL, "a message fits a small buffer");
            check(tiny[small_cap] == 'Z', "a message never writes past its buffer");
            check(!typed_utf8 || utf8_whole(tiny), "a message cut short ends on a character boundary");
        }
    }
    free(text);
    return 0;
}
