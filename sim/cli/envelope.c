/*
 * envelope.c - `archsim-cli envelope`: the back-of-the-envelope sheet of a scenario,
 * each quantity with its arithmetic, and verdicts on the user's estimates given as
 * ID=ESTIMATE arguments (the logic is in sim/envelope.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/diag.h"
#include "sim/envelope.h"
#include "sim/util.h"

static void usage_envelope(FILE *out)
{
    fprintf(out,
            _("usage: archsim-cli envelope FILE [ID=ESTIMATE ...] [options]\n"
            "\n"
            "Print the back-of-the-envelope sheet of the scenario in FILE: peak requests\n"
            "per second (derived from the traffic), storage, bandwidth, cache memory and\n"
            "whatever else the scenario lists, each with the arithmetic that gives it.\n"
            "Give your own estimates as ID=ESTIMATE (peak_rps=300k, storage_per_year=\"45 TB\",\n"
            "bandwidth=3Gbps) to have each checked: good within %gx either way, close within\n"
            "%gx (the same order of magnitude), else off.\n"
            "\n"
            "options:\n"
            "  --quiz         show the answer only of the quantities you estimated\n"
            "  --lang L       language of the sheet: en, ru or uk (default: the locale's,\n"
            "                 English with --json): labels, arithmetic, notes and\n"
            "                 verdicts; a language only the file translates changes\n"
            "                 the labels, factors and notes alone\n"
            "  --json OUT     write the sheet as JSON (format %s) to OUT ('-' = stdout)\n"
            "  --quiet        no text\n"
            "  -h, --help     this help\n"
            "\n"
            "Estimates take units and suffixes: 300k, 1.2M, 3.5B, 20,000, 1e6, 45 TB, 2 GiB,\n"
            "400 MB/s, 3 Gbit/s, 3 Gbps, and in Russian and Ukrainian 300 тыс., 60 млрд, 45 ТБ,\n"
            "3 Гбит/с (docs/envelope.md).\n"
            "exit codes: 0 no estimate is off, 1 an estimate is off, 2 bad usage, an invalid\n"
            "file, an unknown ID or an estimate that is not a number of its unit\n"),
            ENVELOPE_GOOD_WITHIN, ENVELOPE_CLOSE_WITHIN, ENVELOPE_FORMAT);
}

/* "id=estimate" with a slug before the '=': an answer, not a file name. */
static bool is_answer(const char *a)
{
    const char *eq = strchr(a, '=');
    if (!eq || eq == a) return false;
    for (const char *p = a; p < eq; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) return false;
    return true;
}

int cmd_envelope(int argc, char **argv)
{
    const char *file = NULL, *json = NULL, *lang = NULL;
    bool quiet = false, quiz = false;
    EnvelopeAnswer *answers = xcalloc((size_t)argc + 1, sizeof *answers);
    char **ids = xcalloc((size_t)argc + 1, sizeof *ids);
    int n_answers = 0, used, rc = EXIT_USAGE;
    Model *m = NULL;
    EnvelopeSheet *sheet = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage_envelope(stdout);
            rc = EXIT_OK;
            goto done;
        } else if ((used = cli_string_option(argc, argv, &i, "--json",
                                             "a file name ('-' for stdout)", &json)) != 0) {
            if (used < 0) goto done;
        } else if ((used = cli_string_option(argc, argv, &i, "--lang",
                                             "a language: en, ru or uk", &lang)) != 0) {
            if (used < 0) goto done;
        } else if (strcmp(a, "--quiz") == 0) {
            quiz = true;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (is_answer(a)) {
            const char *eq = strchr(a, '=');
            ids[n_answers] = xcalloc((size_t)(eq - a) + 1, 1);
            memcpy(ids[n_answers], a, (size_t)(eq - a));
            answers[n_answers].id = ids[n_answers];
            answers[n_answers].text = eq + 1;
            n_answers++;
        } else if (!cli_file_arg("envelope", a, &file)) {
            goto done;
        }
    }
    if (!file) {
        usage_envelope(stderr);
        goto done;
    }
    m = cli_load(file);
    if (!m) goto done;
    /* Without --lang: the locale's, as the rest of the output; JSON stays English then. */
    if (!lang && !json && strcmp(tr_lang(), "en") != 0) lang = tr_lang();
    if (lang && strcmp(lang, "en") == 0) lang = NULL;
    if (lang && !scenario_translation(&m->scenario, lang)) {
        bool known = strcmp(lang, "ru") == 0 || strcmp(lang, "uk") == 0;
        if (!known) {
            fprintf(stderr, _("archsim-cli: --lang: '%s' is not one of en, ru, uk"), lang);
            for (int t = 0; t < m->scenario.n_translations; t++) {
                const char *code = m->scenario.translations[t].lang;
                if (strcmp(code, "ru") != 0 && strcmp(code, "uk") != 0)
                    fprintf(stderr, ", %s", code); /* another language the file translates */
            }
            fprintf(stderr, "\n");
            goto done;
        }
        fprintf(stderr,
                _("archsim-cli: %s has no '%s' translation; its labels, factors and notes are "
                "in English\n"),
                file, lang);
    }
    sheet = envelope_sheet_create_in(m, lang);
    DiagList d;
    diag_init(&d, "archsim-cli envelope");
    bool ok = envelope_answers_check(sheet, answers, n_answers, &d);
    diag_print(&d, stderr);
    diag_free(&d);
    if (!ok) goto done;
    if (!quiet) {
        char *text = envelope_text(m, sheet, answers, n_answers, quiz);
        fputs(text, stdout);
        free(text);
    }
    if (json) {
        char *text = envelope_json(m, sheet, answers, n_answers, quiz);
        ok = cli_write(json, text);
        free(text);
        if (!ok) goto done;
    }
    rc = envelope_count_off(sheet, answers, n_answers) > 0 ? EXIT_FAILS : EXIT_OK;
done:
    envelope_sheet_destroy(sheet);
    model_destroy(m);
    for (int i = 0; i < n_answers; i++) free(ids[i]);
    free(ids);
    free(answers);
    return rc;
}
