/*
 * english_scan.h - finds English left in Russian or Ukrainian text, words and numbers:
 * test_i18n reads the CLI's reports, the catalogues and the scenarios' translations with
 * it, test_gui_i18n every text the app draws. Static functions for a
 * test's own file; needs cmocka's headers, ctype.h, string.h and sim/model.h,
 * sim/util.h before it.
 */
#ifndef TESTS_ENGLISH_SCAN_H
#define TESTS_ENGLISH_SCAN_H

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "sim/model.h"
#include "sim/util.h"

/* The words of `text` (runs of Latin letters) added to `allowed`, one per line. */
static void allow_words(StrBuf *allowed, const char *text)
{
    for (const char *c = text; c && *c;) {
        if (!isalpha((unsigned char)*c)) {
            c++;
            continue;
        }
        const char *w = c;
        while (isalpha((unsigned char)*c)) c++;
        sb_printf(allowed, "\n%.*s\n", (int)(c - w), w);
    }
}

/* What a Russian or Ukrainian text may write in Latin letters: the design's own names
 * (ids, labels of nodes and edges that the scenario does not translate, request names, zones, its title, prompt and hints in
 * every language), the node kinds (the format's words), technical terms and `glossary`.
 * The labels of requirements and events are not among them: the presets translate theirs
 * (scenario.translations.<lang>.requirements, .events). */
static char *allowed_words(const Model *m, const char *glossary)
{
    static const char *const langs[] = {"ru", "uk"};
    StrBuf a;
    sb_init(&a);
    /* the technical terms that Russian and Ukrainian texts on system design write in
     * Latin letters, and the caller's own */
    allow_words(&a, "io async blocking Async CPU TTL RAM CDN exp");
    allow_words(&a, glossary);
    allow_words(&a, m->title);
    allow_words(&a, m->scenario.prompt);
    for (int h = 0; h < m->scenario.n_hints; h++) allow_words(&a, m->scenario.hints[h]);
    for (int l = 0; l < 2; l++) {
        const char *title = scenario_title_in(m, langs[l]), *prompt = scenario_prompt_in(m, langs[l]);
        int n = 0;
        char *const *hints = scenario_hints_in(m, langs[l], &n);
        allow_words(&a, title);
        allow_words(&a, prompt);
        for (int h = 0; h < n; h++) allow_words(&a, hints[h]);
    }
    /* a label only where a language keeps it as it is (product names: "nginx", "Postgres");
     * the others read in Russian and Ukrainian (scenario.translations.<lang>.labels) */
    for (int i = 0; i < m->n_nodes; i++) {
        allow_words(&a, m->nodes[i].id);
        if (!scenario_label_in(&m->scenario, m->nodes[i].label, "ru") || !scenario_label_in(&m->scenario, m->nodes[i].label, "uk"))
            allow_words(&a, m->nodes[i].label);
    }
    for (int t = 0; t < m->scenario.n_translations; t++) /* and what a translation keeps: "API", "Django" */
        for (int k = 0; k < m->scenario.translations[t].n_labels; k++) allow_words(&a, m->scenario.translations[t].labels[k]);
    for (int i = 0; i < m->n_edges; i++) /* the board's own notes */
        if (!scenario_label_in(&m->scenario, m->edges[i].label, "ru") || !scenario_label_in(&m->scenario, m->edges[i].label, "uk"))
            allow_words(&a, m->edges[i].label);
    /* the sheet's own words, as the prompt's: its notes cite their sources ("[GUARDIAN]") */
    for (int q = 0; q < m->scenario.n_envelope; q++) {
        const EnvelopeItem *it = &m->scenario.envelope[q];
        allow_words(&a, it->label);
        allow_words(&a, it->note);
        for (int f = 0; f < it->n_factors; f++) allow_words(&a, it->factors[f].label);
    }
    for (int t = 0; t < m->scenario.n_translations; t++)
        for (int q = 0; q < m->scenario.translations[t].n_envelope; q++) {
            const EnvelopeText *e = &m->scenario.translations[t].envelope[q];
            allow_words(&a, e->label);
            allow_words(&a, e->note);
            for (int f = 0; f < e->n_factors; f++) allow_words(&a, e->factors[f]);
        }
    for (int k = 0; k < NODE_KIND_COUNT; k++) allow_words(&a, node_kind_name((NodeKind)k));
    for (int t = 0; t < m->scenario.n_requests; t++) allow_words(&a, m->scenario.requests[t].name);
    for (int z = 0; z < m->scenario.n_zones; z++) {
        allow_words(&a, m->scenario.zones[z].id);
        allow_words(&a, m->scenario.zones[z].region);
    }
    return sb_take(&a);
}

/* The English words in `out` that `allowed` does not list, each with its line, into
 * `leaks`. A word glued to a digit, '_', '-', '.' or '[' is part of a name, a field, a
 * percentile or a path (p99, rate_rps, --replications, url-shortener.json, nodes[5]);
 * "k", "M" after a number are the count's suffixes; a word cut by an ellipsis ("Feed
 * queu…") is a shortened name. Returns how many. */
static int english_left(const char *what, const char *out, const char *allowed, StrBuf *leaks)
{
    int found = 0;
    for (const char *line = out; *line;) {
        const char *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        for (const char *c = line; c < end;) {
            if (!isalpha((unsigned char)*c)) {
                c++;
                continue;
            }
            const char *w = c;
            while (c < end && isalpha((unsigned char)*c)) c++;
            bool glued = (w > line && (isdigit((unsigned char)w[-1]) || strchr("_-.", w[-1]))) ||
                         (c < end && (isdigit((unsigned char)*c) || strchr("_-.[", *c))) ||
                         (end - c >= 3 && memcmp(c, "\xE2\x80\xA6", 3) == 0);
            char key[80];
            snprintf(key, sizeof key, "\n%.*s\n", (int)(c - w), w);
            if (glued || c - w < 2 || strstr(allowed, key)) continue;
            found++;
            sb_printf(leaks, "  %s: '%.*s' in: %.*s\n", what, (int)(c - w), w, (int)(end - line), line);
        }
        /* a number grouped the English way: "6,340" reads as 6.34 in Russian and Ukrainian
         * ("0,026" is a decimal: no grouped number begins with a lone 0; nor is a
         * multiplier grouped: "1,498×", a sweep's knee, is 1.498) */
        for (const char *c = line; c + 4 < end; c++)
            if (isdigit((unsigned char)c[0]) && c[1] == ',' && isdigit((unsigned char)c[2]) &&
                !(c[0] == '0' && (c == line || !isdigit((unsigned char)c[-1]))) &&
                isdigit((unsigned char)c[3]) && isdigit((unsigned char)c[4]) &&
                (c + 5 == end || !isdigit((unsigned char)c[5])) &&
                !(c + 6 < end && (unsigned char)c[5] == 0xC3 && (unsigned char)c[6] == 0x97)) {
                found++;
                sb_printf(leaks, "  %s: a comma between thousands in: %.*s\n", what, (int)(end - line), line);
                break;
            }
        line = *end ? end + 1 : end;
    }
    return found;
}

/* Numbers written the English way, which Russian and Ukrainian read otherwise. */

/* A number grouped in thousands with a comma ("60,000", sixty in Russian): a non-zero
 * first group of one to three digits, then groups of three, not part of a longer run of
 * digits and commas. "0,096" (a Russian decimal) is not one; "1,498" is, so it is for
 * texts that never write three decimals (the catalogues, the scenarios' translations),
 * not for the app's screens. */
static inline bool comma_grouped_at(const char *s, size_t k)
{
    if (k > 0 && (isdigit((unsigned char)s[k - 1]) || s[k - 1] == ',')) return false;
    size_t d = 0;
    while (isdigit((unsigned char)s[k + d])) d++;
    if (d < 1 || d > 3 || s[k] == '0') return false;
    size_t at = k + d, groups = 0;
    while (s[at] == ',' && isdigit((unsigned char)s[at + 1]) && isdigit((unsigned char)s[at + 2]) &&
           isdigit((unsigned char)s[at + 3]) && !isdigit((unsigned char)s[at + 4])) {
        at += 4;
        groups++;
    }
    return groups > 0 && s[at] != ',';
}

/* A number with a decimal point ("12.6"): digits not after a letter, a digit, a point,
 * '_', '%' or '-' (names such as "p99.9" and "v1.2", format directives such as "%10.3f"),
 * a point, a digit; not a version ("0.1.0"). */
static inline bool decimal_point_at(const char *s, size_t k)
{
    if (k > 0 && (isalnum((unsigned char)s[k - 1]) || strchr("._%-", s[k - 1]))) return false;
    size_t d = k;
    while (isdigit((unsigned char)s[d])) d++;
    if (d == k || s[d] != '.' || !isdigit((unsigned char)s[d + 1])) return false;
    size_t f = d + 1;
    while (isdigit((unsigned char)s[f])) f++;
    return !(s[f] == '.' && isdigit((unsigned char)s[f + 1]));
}

#endif
