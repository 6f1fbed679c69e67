/*
 * test_i18n.c - the message catalogues (sim/tr.h, po/): every string marked for
 * translation in sim/ and app/ (extracted with xgettext, as `cmake --build build
 * --target pot` does) has a Russian and a Ukrainian translation; the texts the app
 * draws are marked; plural forms follow the languages' rules; any language can be
 * asked for per call from any thread.
 *
 * When a msgid is missing, the failure lists each one; `cmake --build build --target
 * update-po` merges the new strings into po/ru.po and po/uk.po (docs/gui.md).
 */
#include <ctype.h>
#include <stdbool.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "sim/diag.h"
#include "sim/model.h"
#include "sim/model_json.h"
#include "sim/numfmt.h"
#include "sim/tr.h"
#include "sim/util.h"

#include "english_scan.h"

static const char *const LANGS[] = {"ru", "uk"};

/* Extract the marked strings of the source tree into the build tree's i18n/archsim.pot. */
static void extract(char *pot, size_t cap)
{
    snprintf(pot, cap, "%s/i18n/archsim.pot", ARCHSIM_BINARY_DIR);
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/i18n' && cd '%s' && '%s' --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ "
             "--keyword=P_:1,2 --keyword=C_:1c,2 --keyword=tr_in:2 --keyword=tr_nin:2,3 --keyword=NP_:1c,2,3 "
             "--keyword=NC_:1c,2 --keyword=tr_pin:2c,3 --keyword=tr_npin:2c,3,4 --keyword=diag_add:3 "
             "--keyword=diag_add_warning:3 --keyword=diag_add_at:4 "
             "--sort-by-file -o '%s' sim/src/*.c sim/src/*.h sim/cli/*.c app/*.c app/*/*.c",
             ARCHSIM_BINARY_DIR, ARCHSIM_SOURCE_DIR, ARCHSIM_XGETTEXT, pot);
    assert_int_equal(system(cmd), 0);
}

/* The msgids of a .po file that the command `filter` (msgattrib options) keeps, one
 * a line into `out`; how many. */
static int msgids(const char *po, const char *filter, StrBuf *out)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "msgattrib %s --no-obsolete --no-wrap '%s'", filter, po);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    char line[8192];
    int n = 0;
    bool empty_id = false; /* the last line was msgid "": the header, or a msgid of several lines */
    while (fgets(line, sizeof line, f)) {
        if (empty_id && line[0] == '"') sb_printf(out, "    %s", line); /* its first line */
        if (empty_id && line[0] == '"') n++;
        empty_id = strcmp(line, "msgid \"\"\n") == 0;
        if (strncmp(line, "msgid \"", 7) != 0 || empty_id) continue;
        sb_printf(out, "    %s", line + 6);
        n++;
    }
    pclose(f);
    return n;
}

static void every_marked_string_is_translated_in_ru_and_uk(void **state)
{
    (void)state;
    char pot[1024];
    extract(pot, sizeof pot);
    int n_pot = 0;
    {
        StrBuf all;
        sb_init(&all);
        n_pot = msgids(pot, "", &all);
        sb_free(&all);
    }
    printf("    %d msgids marked in sim/ and app/\n", n_pot);
    assert_true(n_pot > 0);
    int bad = 0;
    for (int l = 0; l < 2; l++) {
        char merged[1200], cmd[4096];
        snprintf(merged, sizeof merged, "%s/i18n/%s.merged.po", ARCHSIM_BINARY_DIR, LANGS[l]);
        snprintf(cmd, sizeof cmd, "'%s' --quiet --no-fuzzy-matching -o '%s' '%s/po/%s.po' '%s'", ARCHSIM_MSGMERGE,
                 merged, ARCHSIM_SOURCE_DIR, LANGS[l], pot);
        assert_int_equal(system(cmd), 0);
        StrBuf miss, fuzzy;
        sb_init(&miss);
        sb_init(&fuzzy);
        int n_miss = msgids(merged, "--untranslated", &miss);
        int n_fuzzy = msgids(merged, "--only-fuzzy", &fuzzy);
        if (n_miss)
            printf("  po/%s.po lacks %d of the marked strings (cmake --build build --target update-po, then "
                   "translate them):\n%s",
                   LANGS[l], n_miss, miss.data);
        if (n_fuzzy) printf("  po/%s.po has %d fuzzy translations:\n%s", LANGS[l], n_fuzzy, fuzzy.data);
        bad += n_miss + n_fuzzy;
        sb_free(&miss);
        sb_free(&fuzzy);
        /* The translations' printf conversions match their msgids'. */
        snprintf(cmd, sizeof cmd, "'%s' --check -o /dev/null '%s'", ARCHSIM_MSGFMT, merged);
        assert_int_equal(system(cmd), 0);
    }
    assert_int_equal(bad, 0);
}

/* ---- the scan of the app's drawn texts ----------------------------------------------------- */

/* Functions whose string arguments a person reads. */
static const char *const DRAWS[] = {
    "ui_text",        "ui_text_fit",     "ui_text_in",     "ui_text_wrap", "ui_button",      "ui_checkbox",
    "ui_dropdown_label", "overlay_text_fit", "overlay_text_in", "overlay_fit_tip", "app_set_status", "render_text",
    "dialog_wrap",    "app_confirm_edit", "app_confirm_run", "panel_row_field", "render_text_width",
};
/* Functions that build texts: their literals count when they hold a word of three
 * letters and a space (a sentence, not an id, a path or a number format). */
static const char *const BUILDS[] = {"snprintf", "sb_printf", "sb_puts", "xasprintf"};
/* Functions that take a label among keys: their literals count when they hold a space
 * or start with a capital letter. */
static const char *const LABELS[] = {"choice_row",   "enum_row",      "text_row",      "panel_section",
                                     "panel_tip",    "panel_note",    "panel_note_n",  "edit_set_node",
                                     "edit_set_edge", "cmd_init",     "commit_copy",   "commit_elem",
                                     "panel_human_label",
                                     /* the panels' own row, button and chart helpers */
                                     "button", "chart", "type_chart", "cell", "header", "tip", "card_button",
                                     "section", "field_row", "pick_row", "small_text", "add_button",
                                     "list_heading", "row", "pill_at", "wrap_text"};
/* Texts that read the same in every language: names, units and symbols. */
static const char *const SAME[] = {"archsim", "p50", "p90", "p95", "p99", "p99.9", "rps", "USD", "PNG", "JSON",
                                   "CSV", "Mermaid", "DOT", "SVG", "F5", "Esc", "Ctrl", "OK", "id", "ms"};

/* The wrappers that mark a literal. */
static bool marks(const char *ident)
{
    return strcmp(ident, "_") == 0 || strcmp(ident, "N_") == 0 || strcmp(ident, "P_") == 0 ||
           strcmp(ident, "C_") == 0 || strcmp(ident, "tr_in") == 0 || strcmp(ident, "tr_nin") == 0;
}

/* Whether a literal's text has words to translate: two letters in a row outside its
 * printf conversions, and not one of SAME; a sentence: a word of three letters and a
 * space. */
static bool wordy(const char *lit, size_t n, bool sentence, bool label)
{
    char s[1024];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof s; i++) {
        if (lit[i] == '\\') { /* an escape: \n, \xE2... */
            i++;
            if (i < n && lit[i] == 'x')
                while (i + 1 < n && isxdigit((unsigned char)lit[i + 1])) i++;
            s[k++] = ' ';
            continue;
        }
        if (lit[i] == '%') {
            i++;
            while (i < n && strchr("0123456789.-+ #*l", lit[i])) i++;
            s[k++] = '\x01'; /* a value: neither a letter nor a space */
            continue;
        }
        s[k++] = lit[i];
    }
    s[k] = 0;
    for (size_t i = 0; i < sizeof SAME / sizeof *SAME; i++)
        if (strcmp(s, SAME[i]) == 0) return false;
    if (!strchr(s, ' ') && strpbrk(s, "._[/")) return false; /* a JSON path, a key, a file name */
    if (label && !strchr(s, ' ') && !isupper((unsigned char)s[0])) return false; /* a key */
    int run = 0;
    for (size_t i = 0; s[i]; i++) {
        run = isalpha((unsigned char)s[i]) ? run + 1 : 0;
        if (run >= (sentence ? 3 : 2)) return !sentence || strchr(s, ' ') != NULL;
    }
    return false;
}

/* The unmarked literals in the calls of DRAWS in `text`, appended to `out` as file:line. */
static int scan(const char *file, const char *text, StrBuf *out)
{
    int found = 0;
    size_t len = strlen(text);
    for (size_t at = 0; at < len; at++) {
        if (!(isalpha((unsigned char)text[at]) || text[at] == '_')) continue;
        if (at > 0 && (isalnum((unsigned char)text[at - 1]) || text[at - 1] == '_')) continue;
        size_t e = at;
        while (e < len && (isalnum((unsigned char)text[e]) || text[e] == '_')) e++;
        bool draw = false, build = false, label = false;
        for (size_t i = 0; i < sizeof DRAWS / sizeof *DRAWS; i++)
            if (e - at == strlen(DRAWS[i]) && strncmp(text + at, DRAWS[i], e - at) == 0) draw = true;
        for (size_t i = 0; i < sizeof BUILDS / sizeof *BUILDS; i++)
            if (e - at == strlen(BUILDS[i]) && strncmp(text + at, BUILDS[i], e - at) == 0) draw = build = true;
        for (size_t i = 0; i < sizeof LABELS / sizeof *LABELS; i++)
            if (e - at == strlen(LABELS[i]) && strncmp(text + at, LABELS[i], e - at) == 0) draw = label = true;
        size_t p = e;
        while (p < len && text[p] == ' ') p++;
        if (!draw || p >= len || text[p] != '(') {
            at = e - 1;
            continue;
        }
        /* Walk the call's arguments with a stack of the calls they are inside. */
        char stack[32][40];
        int depth = 0;
        char last[40] = "";
        snprintf(stack[depth++], sizeof stack[0], "%.*s", (int)(e - at), text + at);
        size_t i = p + 1;
        while (i < len && depth > 0) {
            char c = text[i];
            if (c == '"') {
                size_t s0 = ++i;
                while (i < len && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
                const char *encl = stack[depth - 1];
                bool in_call = depth == 1; /* directly an argument of the drawing function */
                if (in_call && !marks(encl) && wordy(text + s0, i - s0, build, label)) {
                    int line = 1;
                    for (size_t q = 0; q < s0; q++) line += text[q] == '\n';
                    sb_printf(out, "    %s:%d: \"%.*s\"\n", file, line, (int)(i - s0), text + s0);
                    found++;
                }
                i++;
                last[0] = 0;
                continue;
            }
            if (c == '\'') {
                i += text[i + 1] == '\\' ? 4 : 3;
                continue;
            }
            if (isalpha((unsigned char)c) || c == '_') {
                size_t s0 = i;
                while (i < len && (isalnum((unsigned char)text[i]) || text[i] == '_')) i++;
                snprintf(last, sizeof last, "%.*s", (int)(i - s0), text + s0);
                continue;
            }
            if (c == '(') {
                if (depth < 32) snprintf(stack[depth], sizeof stack[0], "%s", last);
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (!isspace((unsigned char)c)) last[0] = 0;
            i++;
        }
        at = i;
    }
    return found;
}

/* The files of the source tree that `globs` name (shell patterns), a path relative
 * to it per line, from a pipe to pclose. */
static FILE *source_files(const char *globs)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd '%s' && ls %s", ARCHSIM_SOURCE_DIR, globs);
    FILE *ls = popen(cmd, "r");
    assert_non_null(ls);
    return ls;
}

/* The next file `ls` lists (source_files): its name in the tree and its path; false at
 * the end. */
static bool next_source(FILE *ls, char *name, int name_cap, char *path, size_t path_cap)
{
    if (!fgets(name, name_cap, ls)) return false;
    name[strcspn(name, "\n")] = 0;
    snprintf(path, path_cap, "%s/%s", ARCHSIM_SOURCE_DIR, name);
    return true;
}

static void the_app_draws_no_unmarked_text(void **state)
{
    (void)state;
    FILE *ls = source_files("app/*.c app/*/*.c");
    char name[512];
    StrBuf out;
    sb_init(&out);
    int found = 0, files = 0;
    char path[1024];
    while (next_source(ls, name, sizeof name, path, sizeof path)) {
        if (strcmp(name, "app/testing.c") == 0) continue; /* drives tests; shows nothing */
        char *text = read_file(path, NULL);
        assert_non_null(text);
        found += scan(name, text, &out);
        files++;
        free(text);
    }
    pclose(ls);
    printf("    %d app files scanned\n", files);
    if (found) printf("  %d drawn texts not marked for translation (wrap them in _()):\n%s", found, out.data);
    sb_free(&out);
    assert_true(files > 20);
    assert_int_equal(found, 0);
}

static void the_scan_finds_an_unmarked_label(void **state)
{
    (void)state;
    StrBuf out;
    sb_init(&out);
    assert_int_equal(scan("x.c", "ui_button(ui, ui_id(\"tb-new\"), rc, \"New\", 0);", &out), 1);
    assert_int_equal(scan("x.c", "ui_button(ui, ui_id(\"tb-new\"), rc, _(\"New\"), 0);", &out), 0);
    assert_int_equal(scan("x.c", "ui_text_in(ui, F, 1, rc, 0, ok ? _(\"Yes\") : \"No way\", c);", &out), 1);
    assert_int_equal(scan("x.c", "app_set_status(app, false, \"%s\", why);", &out), 0);
    assert_int_equal(scan("x.c", "ui_text(ui, F, 1, x, y, \"p99\", c);", &out), 0);
    assert_true(strstr(out.data, "x.c:1: \"New\"") != NULL);
    sb_free(&out);
}

/* ---- plural forms and languages --------------------------------------------------------- */

static void plural_forms_follow_each_language(void **state)
{
    (void)state;
    static const unsigned long ns[] = {1, 2, 5, 11, 21, 22, 25, 0, 12, 14, 101, 111};
    static const int slavic[] = {0, 1, 2, 2, 0, 1, 2, 2, 2, 2, 0, 2};
    for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
        assert_int_equal(tr_plural_index("ru", ns[i]), slavic[i]);
        assert_int_equal(tr_plural_index("uk", ns[i]), slavic[i]);
        assert_int_equal(tr_plural_index("en", ns[i]), ns[i] == 1 ? 0 : 1);
    }
    /* A real message of the catalogue, in each form. */
    static const char *const ru[] = {"1 проблема", "2 проблемы", "5 проблем", "11 проблем",
                                     "21 проблема", "22 проблемы", "25 проблем"};
    static const char *const uk[] = {"1 проблема", "2 проблеми", "5 проблем", "11 проблем",
                                     "21 проблема", "22 проблеми", "25 проблем"};
    static const char *const en[] = {"1 problem", "2 problems", "5 problems", "11 problems",
                                     "21 problems", "22 problems", "25 problems"};
    for (int i = 0; i < 7; i++) {
        char s[64];
        snprintf(s, sizeof s, tr_nin("ru", "%d problem", "%d problems", ns[i]), (int)ns[i]);
        assert_string_equal(s, ru[i]);
        snprintf(s, sizeof s, tr_nin("uk", "%d problem", "%d problems", ns[i]), (int)ns[i]);
        assert_string_equal(s, uk[i]);
        snprintf(s, sizeof s, tr_nin("en", "%d problem", "%d problems", ns[i]), (int)ns[i]);
        assert_string_equal(s, en[i]);
    }
}

static void the_po_files_declare_the_plural_rule_the_code_uses(void **state)
{
    (void)state;
    for (int l = 0; l < 2; l++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/po/%s.po", ARCHSIM_SOURCE_DIR, LANGS[l]);
        char *text = read_file(path, NULL);
        assert_non_null(text);
        assert_non_null(strstr(text, "\"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
                                     "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n\""));
        free(text);
    }
}

static void a_language_is_chosen_per_call_and_globally(void **state)
{
    (void)state;
    assert_true(tr_has_catalogue("ru"));
    assert_true(tr_has_catalogue("uk"));
    assert_string_equal(tr_in("ru", "Language of the whole app"), "Язык всего приложения");
    assert_string_equal(tr_in("uk", "Language of the whole app"), "Мова всього застосунку");
    assert_string_equal(tr_in("en", "Language of the whole app"), "Language of the whole app");
    assert_string_equal(tr_in("pt", "Language of the whole app"), "Language of the whole app");
    assert_string_equal(tr_in("ru", "no such message at all"), "no such message at all");
    assert_string_equal(tr_lang(), "en");
    assert_true(tr_set_lang("uk"));
    assert_string_equal(_("Language of the whole app"), "Мова всього застосунку");
    assert_false(tr_set_lang("xx"));
    assert_string_equal(tr_lang(), "uk");
    assert_true(tr_set_lang("en"));
    assert_string_equal(_("Language of the whole app"), "Language of the whole app");
}

static void the_environment_names_the_first_language(void **state)
{
    (void)state;
    setenv("LANGUAGE", "", 1);
    setenv("LC_ALL", "", 1);
    setenv("LC_MESSAGES", "", 1);
    setenv("LANG", "uk_UA.UTF-8", 1);
    assert_string_equal(tr_env_lang(), "uk");
    setenv("LC_MESSAGES", "ru_RU.UTF-8", 1);
    assert_string_equal(tr_env_lang(), "ru");
    setenv("LANGUAGE", "de:uk:ru", 1);
    assert_string_equal(tr_env_lang(), "uk");
    setenv("LANGUAGE", "", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    assert_string_equal(tr_env_lang(), "en");
    setenv("LC_ALL", "", 1);
    setenv("LC_MESSAGES", "", 1);
    setenv("LANG", "", 1);
    assert_string_equal(tr_env_lang(), "en");
    assert_null(tr_known("rus"));
    assert_string_equal(tr_known("ru"), "ru");
}

static void *ask_many_times(void *arg)
{
    const char *lang = arg;
    const char *want = strcmp(lang, "ru") == 0 ? "Язык всего приложения" : "Мова всього застосунку";
    for (int i = 0; i < 20000; i++) {
        if (strcmp(tr_in(lang, "Language of the whole app"), want) != 0) return (void *)1;
        if (i % 100 == 0) tr_set_lang(i % 200 ? "ru" : "en"); /* the app's setting changing meanwhile */
    }
    return NULL;
}

static void threads_ask_for_different_languages_at_once(void **state)
{
    (void)state;
    pthread_t t[4];
    const char *langs[4] = {"ru", "uk", "ru", "uk"};
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&t[i], NULL, ask_many_times, (void *)langs[i]), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        assert_null(r);
    }
    tr_set_lang("en");
}

/* The output of an archsim-cli command line (run from the source tree). */
static char *cli(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && LANGUAGE= LC_ALL= LC_MESSAGES= LANG=C.UTF-8 '%s' %s 2>&1", ARCHSIM_SOURCE_DIR,
             ARCHSIM_CLI, args);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    StrBuf b;
    sb_init(&b);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[n] = 0;
        sb_puts(&b, buf);
    }
    pclose(f);
    return sb_take(&b);
}

static void the_cli_speaks_the_language_asked_and_its_json_is_the_same_in_every_one(void **state)
{
    (void)state;
    char *ru = cli("--lang ru check scenarios/url-shortener.json");
    char *uk = cli("check scenarios/url-shortener.json --lang uk");
    char *en = cli("check scenarios/url-shortener.json");
    assert_non_null(strstr(ru, "\xD0\xBA\xD0\xBE\xD1\x80\xD1\x80\xD0\xB5\xD0\xBA\xD1\x82\xD0\xB5\xD0\xBD")); /* корректен */
    assert_non_null(strstr(uk, "\xD0\xBA\xD0\xBE\xD1\x80\xD0\xB5\xD0\xBA\xD1\x82\xD0\xBD\xD0\xB8\xD0\xB9")); /* коректний */
    assert_non_null(strstr(en, ": valid ("));
    free(ru);
    free(uk);
    free(en);
    char *help = cli("--lang uk --help");
    assert_non_null(strstr(help, "\xD0\xB2\xD0\xB8\xD0\xBA\xD0\xBE\xD1\x80\xD0\xB8\xD1\x81\xD1\x82\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8F")); /* використання */
    free(help);
    /* JSON and CSV are language-neutral: byte for byte the same in ru as in en. */
    char *je = cli("run scenarios/url-shortener.json --duration 2 --warmup 0.5 --quiet --json -");
    char *jr = cli("run scenarios/url-shortener.json --duration 2 --warmup 0.5 --quiet --json - --lang ru");
    assert_true(strlen(je) > 1000);
    assert_string_equal(je, jr);
    free(je);
    free(jr);
    char *ge = cli("grade scenarios/url-shortener.json --duration 2 --quiet --json -");
    char *gr = cli("--lang ru grade scenarios/url-shortener.json --duration 2 --quiet --json -");
    assert_string_equal(ge, gr); /* the grade's JSON stays English unless --lang asks for one */
    free(ge);
    free(gr);
    char *bad = cli("--lang xx check scenarios/url-shortener.json");
    assert_non_null(strstr(bad, "--lang: 'xx'"));
    free(bad);
}

/* ---- the CLI's human output: nothing left in English -------------------------------------- */

/* What the CLI's reports may write in Latin letters besides the design's own words: the
 * program, its commands and options, and the terms docs/grading.md keeps as written. */
static const char *const CLI_GLOSSARY = "archsim cli run grade check compare sweep envelope replications duration "
                                        "force scenarios starters json docs FILE TYPE ru uk USD seed rps";

static void the_cli_reports_leave_no_english_in_ru_and_uk(void **state)
{
    (void)state;
    FILE *ls = source_files("scenarios/*.json scenarios/starters/*.json");
    char name[512];
    StrBuf leaks;
    sb_init(&leaks);
    int found = 0, files = 0, reports = 0;
    char path[1024];
    while (next_source(ls, name, sizeof name, path, sizeof path)) {
        DiagList d;
        diag_init(&d, path);
        Model *m = model_load_file(path, &d);
        diag_free(&d);
        assert_non_null(m);
        char *allowed = allowed_words(m, CLI_GLOSSARY);
        const char *trace = m->scenario.n_requests ? m->scenario.requests[0].name : "";
        /* the run with a trace of the first type, the check, the grade; the sweep and
         * the comparison once, on the URL shortener against its starter */
        char runs[4][768];
        int n = 0;
        snprintf(runs[n++], sizeof runs[0], "run %s --duration 1 --warmup 0.5 --trace %s", name, trace);
        snprintf(runs[n++], sizeof runs[0], "check %s", name);
        snprintf(runs[n++], sizeof runs[0], "grade %s --duration 1", name);
        if (strcmp(name, "scenarios/url-shortener.json") == 0) {
            snprintf(runs[n++], sizeof runs[0], "sweep %s --duration 0.5 --warmup 0.2 --replications 2", name);
        }
        if (strcmp(name, "scenarios/starters/url-shortener.json") == 0)
            snprintf(runs[n++], sizeof runs[0], "compare %s scenarios/url-shortener.json --duration 1 --warmup 0.5", name);
        for (int l = 0; l < 2; l++)
            for (int k = 0; k < n; k++) {
                char args[4096], what[4200];
                snprintf(args, sizeof args, "--lang %s %s", LANGS[l], runs[k]);
                snprintf(what, sizeof what, "archsim-cli %s", args);
                char *out = cli(args);
                assert_true(strlen(out) > 40);
                found += english_left(what, out, allowed, &leaks);
                reports++;
                free(out);
            }
        free(allowed);
        model_destroy(m);
        files++;
    }
    pclose(ls);
    printf("    %d files, %d reports read in ru and uk\n", files, reports);
    if (found) printf("  %d English words left in Russian and Ukrainian output:\n%s", found, leaks.data);
    sb_free(&leaks);
    assert_true(files >= 30);
    assert_int_equal(found, 0);
}

static int number_faults_in(const cJSON *x, const char *file, bool in_ru_uk, StrBuf *out)
{
    int n = 0;
    if (cJSON_IsString(x) && in_ru_uk) {
        for (size_t k = 0; x->valuestring[k]; k++)
            if (comma_grouped_at(x->valuestring, k) || decimal_point_at(x->valuestring, k)) {
                sb_printf(out, "    %s: \"%.60s\"\n", file, x->valuestring + (k > 30 ? k - 30 : 0));
                n++;
            }
    }
    for (const cJSON *c = x->child; c; c = c->next)
        n += number_faults_in(c, file, in_ru_uk || (c->string && (strcmp(c->string, "ru") == 0 || strcmp(c->string, "uk") == 0) &&
                                                    x->string && strcmp(x->string, "translations") == 0),
                              out);
    return n;
}

/* The scenarios' Russian and Ukrainian texts write numbers as those languages do and as
 * the app shows its own figures beside them: thousands grouped by a space ("60 000", not
 * "60,000", read as sixty in Russian) and a decimal comma ("12,6 TB": an estimate's note
 * said "12.6 TB" under the sheet's "3,15 TB"). */
static void the_scenarios_translations_write_numbers_as_the_language_does(void **state)
{
    (void)state;
    assert_true(comma_grouped_at("x 60,000 y", 2) && comma_grouped_at("1,234,567", 0));
    assert_false(comma_grouped_at("0,096", 0) || comma_grouped_at("60 000", 0) || comma_grouped_at("1,5", 0) ||
                 comma_grouped_at("12345,678", 2) || comma_grouped_at("1,2345", 0));
    assert_true(decimal_point_at("x 12.6 TB", 2) && decimal_point_at("0.005", 0));
    assert_false(decimal_point_at("p99.9", 1) || decimal_point_at("12,6", 0) || decimal_point_at("1.", 0) ||
                 decimal_point_at("v1.2", 1) || decimal_point_at("4 000.", 2));
    FILE *ls = source_files("scenarios/*.json scenarios/starters/*.json");
    char name[512];
    StrBuf bad;
    sb_init(&bad);
    int found = 0, files = 0;
    char path[1024];
    while (next_source(ls, name, sizeof name, path, sizeof path)) {
        char *text = read_file(path, NULL);
        assert_non_null(text);
        cJSON *root = cJSON_Parse(text);
        assert_non_null(root);
        found += number_faults_in(root, name, false, &bad);
        cJSON_Delete(root);
        free(text);
        files++;
    }
    pclose(ls);
    if (found) printf("  %d numbers written the English way in Russian or Ukrainian:\n%s", found, bad.data);
    sb_free(&bad);
    assert_true(files >= 30);
    assert_int_equal(found, 0);
}

/* The catalogues' Russian and Ukrainian messages write the numbers they quote as the
 * language does, as the app's figures beside them: "от 0,001 до 10M", "~14,9 x"; the
 * CLI's help listed "20,000" among the forms an estimate takes, which Russian reads as
 * twenty. Format directives ("%10.3f") and names ("p99.9") are not numbers. */
static void the_catalogues_write_numbers_as_the_language_does(void **state)
{
    (void)state;
    int found = 0;
    for (int l = 0; l < 2; l++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/po/%s.po", ARCHSIM_SOURCE_DIR, LANGS[l]);
        char *text = read_file(path, NULL);
        assert_non_null(text);
        bool in_msgstr = false;
        for (char *save = NULL, *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            if (strncmp(line, "msgstr", 6) == 0) in_msgstr = true;
            else if (line[0] != '"') in_msgstr = false;
            if (!in_msgstr || strstr(line, "Version:")) continue; /* the header's "MIME-Version: 1.0" */
            for (size_t k = 0; line[k]; k++)
                if (decimal_point_at(line, k) || comma_grouped_at(line, k)) {
                    printf("    %s: %.70s\n", LANGS[l], line + (k > 30 ? k - 30 : 0));
                    found++;
                }
        }
        free(text);
    }
    assert_int_equal(found, 0);
}

/* The loader's and validator's words about a number out of its range or a value of the
 * wrong type are whole in Russian and Ukrainian ("должно быть an integer from 1 to
 * 100000" was half English): the range and the JSON type are in the language too. */
static void a_bad_value_is_told_in_the_language(void **state)
{
    (void)state;
    const char *docs[2] = {
        /* what the loader says */
        "{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"read\",\"rate_rps\":1e12},"
        "{\"name\":\"write\",\"rate_rps\":\"fast\"}]},"
        "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},{\"id\":\"api\",\"kind\":\"service\","
        "\"instances\":0,\"workers\":[4]}],"
        "\"edges\":[{\"from\":\"users\",\"to\":\"api\"}]}",
        /* what the validator says: an event that names no node */
        "{\"format\":\"archsim/1\",\"scenario\":{\"requests\":[{\"name\":\"read\",\"rate_rps\":10}],"
        "\"events\":[{\"at_s\":1,\"action\":\"slow\",\"factor\":2},{\"at_s\":2,\"action\":\"fail\"}]},"
        "\"nodes\":[{\"id\":\"users\",\"kind\":\"client\"},{\"id\":\"api\",\"kind\":\"service\"}],"
        "\"edges\":[{\"from\":\"users\",\"to\":\"api\"}]}"};
    StrBuf leaks;
    sb_init(&leaks);
    int found = 0, messages = 0;
    for (int l = 0; l < 2; l++)
        for (int k = 0; k < 2; k++) {
            tr_set_lang(LANGS[l]);
            DiagList d;
            diag_init(&d, NULL);
            Model *m = model_from_json(docs[k], strlen(docs[k]), &d);
            if (m) {
                model_validate(m, &d);
                model_destroy(m);
            }
            for (int i = 0; i < d.n_items; i++, messages++) found += english_left(LANGS[l], d.items[i].message, "\nrps\nid\n", &leaks);
            diag_free(&d);
        }
    tr_set_lang("en");
    if (found) printf("%s", leaks.data);
    sb_free(&leaks);
    assert_true(messages >= 8); /* four a language: the range, the type, two events */
    assert_int_equal(found, 0);
}

/* The scan finds what it should: a heading left in English, not a name, a field or a unit. */
static void the_english_scan_finds_a_heading(void **state)
{
    (void)state;
    StrBuf leaks;
    sb_init(&leaks);
    const char *allowed = "\nredirect\n";
    assert_int_equal(english_left("x", "  redirect  20 000  p99 rate_rps --trace url-shortener.json nodes[2] 4.6k\n",
                                  allowed, &leaks), 0);
    assert_int_equal(english_left("x", "Nodes\n  узел  redirect  done/s\n", allowed, &leaks), 2);
    assert_non_null(strstr(leaks.data, "'Nodes'"));
    assert_non_null(strstr(leaks.data, "'done'"));
    assert_int_equal(english_left("x", "очередь выросла до 6,340 сообщений; 1 234 и 0.5, 1,25\n", allowed, &leaks), 1);
    sb_free(&leaks);
}

static void *plain_numbers(void *arg)
{
    (void)arg;
    char s[NUMFMT_CAP];
    return strcmp(numfmt_decimal(1.5, 4, s, sizeof s), "1.5") == 0 ? NULL : (void *)1;
}

static void numbers_on_screen_take_the_languages_style_on_that_thread_only(void **state)
{
    (void)state;
    char s[NUMFMT_CAP];
    numfmt_set_screen_style("ru");
    assert_string_equal(numfmt_ms_in(1260, "ru", s, sizeof s), "1,26 \xD1\x81");
    assert_string_equal(numfmt_grouped(20248, NULL, s, sizeof s), "20\xC2\xA0" "248");
    assert_string_equal(numfmt_count(20200, s, sizeof s), "20,2k");
    assert_string_equal(numfmt_ms_in(0.0009, "uk", s, sizeof s), "< 0,001 \xD0\xBC\xD1\x81");
    assert_string_equal(numfmt_ms_in(0.0055, "uk", s, sizeof s), "0,0055 \xD0\xBC\xD1\x81");
    pthread_t t; /* another thread (a run, a report, a file) keeps the plain style */
    void *r;
    assert_int_equal(pthread_create(&t, NULL, plain_numbers, NULL), 0);
    pthread_join(t, &r);
    assert_null(r);
    numfmt_set_screen_style(NULL);
    assert_string_equal(numfmt_ms(1260, s, sizeof s), "1.26 s");
    assert_string_equal(numfmt_grouped(20248, NULL, s, sizeof s), "20,248");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plural_forms_follow_each_language),
        cmocka_unit_test(the_po_files_declare_the_plural_rule_the_code_uses),
        cmocka_unit_test(a_language_is_chosen_per_call_and_globally),
        cmocka_unit_test(the_environment_names_the_first_language),
        cmocka_unit_test(threads_ask_for_different_languages_at_once),
        cmocka_unit_test(numbers_on_screen_take_the_languages_style_on_that_thread_only),
        cmocka_unit_test(the_cli_speaks_the_language_asked_and_its_json_is_the_same_in_every_one),
        cmocka_unit_test(the_english_scan_finds_a_heading),
        cmocka_unit_test(the_scenarios_translations_write_numbers_as_the_language_does),
        cmocka_unit_test(the_catalogues_write_numbers_as_the_language_does),
        cmocka_unit_test(a_bad_value_is_told_in_the_language),
        cmocka_unit_test(the_cli_reports_leave_no_english_in_ru_and_uk),
        cmocka_unit_test(the_scan_finds_an_unmarked_label),
        cmocka_unit_test(every_marked_string_is_translated_in_ru_and_uk),
        cmocka_unit_test(the_app_draws_no_unmarked_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
