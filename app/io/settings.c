/*
 * settings.c - the user's preferences, kept between sessions in one small JSON file
 * ($XDG_CONFIG_HOME/archsim/settings.json, else ~/.config/archsim/settings.json; another
 * XDG_CONFIG_HOME keeps a session's settings apart, as every GUI test does):
 *
 *   {"format": "archsim-settings/1", "lang": "ru", "interview_phase_s": [300, 300, 900, 900, 300],
 *    "passed": {"url-shortener.json": 3120}, "recent": ["/home/me/designs/chat.json"]}
 *
 * "lang" is the language of the whole app (tr.h); without it (a first start) the app
 * speaks the language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
 * "passed" remembers the presets the user's design passed, with the cheapest passing
 * design's monthly cost in USD.
 *
 * A missing file gives the defaults; a bad one gives the defaults and a status message
 * (and is replaced on the next change). Writes are atomic (temp file and rename).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "sim/util.h"

#define SETTINGS_FORMAT "archsim-settings/1"

static bool lang_known(const char *l)
{
    return l && tr_known(l) && strcmp(tr_known(l), l) == 0;
}

char *settings_user_dir(const char *var, const char *home_rel)
{
    const char *dir = getenv(var);
    if (dir && dir[0] == '/') return xstrdup(dir); /* unset, empty or relative: ignored */
    const char *home = getenv("HOME");
    return home && *home ? xasprintf("%s/%s", home, home_rel) : NULL;
}

char *settings_default_path(void)
{
    char *cfg = settings_user_dir("XDG_CONFIG_HOME", ".config");
    char *path = cfg ? xasprintf("%s/archsim/settings.json", cfg) : xstrdup("/tmp/archsim-settings.json");
    free(cfg);
    return path;
}

void settings_load(App *app)
{
    size_t len = 0;
    char *text = app->settings_path ? read_file(app->settings_path, &len) : NULL;
    if (!text) return; /* first start: the defaults */
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsObject(root) || !cJSON_IsString(fmt) || strcmp(fmt->valuestring, SETTINGS_FORMAT) != 0) {
        app_set_status(app, true, _("Settings file %s is not archsim-settings/1: using the defaults"),
                       app->settings_path);
        cJSON_Delete(root);
        return;
    }
    const cJSON *lang = cJSON_GetObjectItemCaseSensitive(root, "lang");
    if (cJSON_IsString(lang) && lang_known(lang->valuestring))
        snprintf(app->lang, sizeof app->lang, "%s", lang->valuestring);
    const cJSON *ph = cJSON_GetObjectItemCaseSensitive(root, "interview_phase_s");
    if (cJSON_IsArray(ph) && cJSON_GetArraySize(ph) == IV_PHASES) {
        int v[IV_PHASES];
        bool ok = true;
        for (int k = 0; k < IV_PHASES; k++) {
            const cJSON *e = cJSON_GetArrayItem(ph, k);
            ok = ok && cJSON_IsNumber(e) && e->valuedouble >= 0 && e->valuedouble <= 4 * 3600;
            v[k] = ok ? (int)e->valuedouble : 0;
        }
        if (ok) memcpy(app->iv.phase_s, v, sizeof v);
    }
    const cJSON *passed = cJSON_GetObjectItemCaseSensitive(root, "passed");
    const cJSON *p;
    app->n_passed = 0;
    cJSON_ArrayForEach(p, passed)
    {
        int cap = (int)(sizeof app->passed / sizeof app->passed[0]);
        if (app->n_passed >= cap || !cJSON_IsNumber(p) || !p->string || strlen(p->string) >= sizeof app->passed[0].name)
            continue;
        snprintf(app->passed[app->n_passed].name, sizeof app->passed[0].name, "%s", p->string);
        app->passed[app->n_passed].best_cost_usd = p->valuedouble;
        app->n_passed++;
    }
    const cJSON *recent = cJSON_GetObjectItemCaseSensitive(root, "recent");
    const cJSON *r;
    cJSON_ArrayForEach(r, recent)
    {
        if (app->n_recent >= SETTINGS_RECENT_MAX) break;
        if (cJSON_IsString(r) && r->valuestring[0] == '/') app->recent[app->n_recent++] = xstrdup(r->valuestring);
    }
    cJSON_Delete(root);
}

void settings_add_recent(App *app, const char *path)
{
    char *abs = realpath(path, NULL);
    if (!abs) return;
    int at = app->n_recent;
    for (int k = 0; k < app->n_recent; k++)
        if (strcmp(app->recent[k], abs) == 0) at = k;
    if (at == 0 && app->n_recent > 0) {
        free(abs);
        return; /* already the most recent */
    }
    if (at == app->n_recent) {
        if (app->n_recent == SETTINGS_RECENT_MAX) free(app->recent[--app->n_recent]);
        at = app->n_recent++;
    } else {
        free(app->recent[at]);
    }
    memmove(&app->recent[1], &app->recent[0], (size_t)at * sizeof app->recent[0]);
    app->recent[0] = abs;
    settings_save(app);
}

bool settings_save(App *app)
{
    if (!app->settings_path) return false;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", SETTINGS_FORMAT);
    cJSON_AddStringToObject(root, "lang", app->lang);
    cJSON_AddItemToObject(root, "interview_phase_s", cJSON_CreateIntArray(app->iv.phase_s, IV_PHASES));
    cJSON *passed = cJSON_AddObjectToObject(root, "passed");
    for (int k = 0; k < app->n_passed; k++)
        cJSON_AddNumberToObject(passed, app->passed[k].name, app->passed[k].best_cost_usd);
    cJSON *recent = cJSON_AddArrayToObject(root, "recent");
    for (int k = 0; k < app->n_recent; k++) cJSON_AddItemToArray(recent, cJSON_CreateString(app->recent[k]));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, text);
    sb_puts(&b, "\n");
    cJSON_free(text);
    doc_make_parent_dirs(app->settings_path);
    bool ok = write_file_atomic(app->settings_path, b.data, b.len) == 0;
    if (!ok) app_set_status(app, true, _("Cannot save the settings to %s"), app->settings_path);
    sb_free(&b);
    return ok;
}

void settings_set_lang(App *app, const char *lang)
{
    if (!lang_known(lang) || strcmp(app->lang, lang) == 0) return;
    snprintf(app->lang, sizeof app->lang, "%s", lang);
    tr_set_lang(lang);
    app->problems_version = app->lint_version = 0; /* their messages again, in the new language */
    settings_save(app);
    app->needs_frame = true;
}
