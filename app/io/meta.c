/*
 * meta.c - the app's own data in a diagram's free-form meta: everything lives under
 * meta.archsim_app (run replications, the user's envelope estimates), so other tools'
 * keys in meta are kept as they are. Reading and writing go through these two helpers,
 * and a change of meta is committed like any edit (undoable, saved with the diagram).
 */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "app.h"
#include "sim/model_json.h"
#include "sim/util.h"

cJSON *meta_app_get(const char *meta_json, const char *key)
{
    if (!meta_json) return NULL;
    cJSON *root = cJSON_Parse(meta_json);
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "archsim_app");
    const cJSON *v = cJSON_IsObject(a) ? cJSON_GetObjectItemCaseSensitive(a, key) : NULL;
    cJSON *copy = v ? cJSON_Duplicate(v, true) : NULL;
    cJSON_Delete(root);
    return copy;
}

char *meta_app_set(const char *meta_json, const char *key, const cJSON *value)
{
    cJSON *root = meta_json ? cJSON_Parse(meta_json) : NULL;
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        root = cJSON_CreateObject();
    }
    cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "archsim_app");
    if (!cJSON_IsObject(a)) {
        cJSON_DeleteItemFromObjectCaseSensitive(root, "archsim_app");
        a = cJSON_AddObjectToObject(root, "archsim_app");
    }
    cJSON_DeleteItemFromObjectCaseSensitive(a, key);
    if (value) cJSON_AddItemToObject(a, key, cJSON_Duplicate(value, true));
    if (cJSON_GetArraySize(a) == 0) cJSON_DeleteItemFromObjectCaseSensitive(root, "archsim_app");
    char *out = NULL;
    if (cJSON_GetArraySize(root) > 0) {
        char *txt = json_print_exact(root, false); /* the file's own numbers as they were */
        out = xstrdup(txt);
        cJSON_free(txt);
    }
    cJSON_Delete(root);
    return out;
}
