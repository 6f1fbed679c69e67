/*
 * gui_test.h - what every GUI test does first: gui_test_isolate() gives the test a new,
 * empty folder for its settings and state, so that however it is run (ctest, or
 * ./build/test_gui_run by hand) it never reads or writes the user's settings file (the
 * language, the passed presets, the recent files) nor their recovery files. ctest gives
 * each test folders of its own too (CMakeLists.txt); this does not rely on it.
 */
#ifndef GUI_TEST_H
#define GUI_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "sim/util.h"

static char gui_test_home[512];         /* the test's folder: config/ and state/ in it */
static char *gui_test_outside_settings; /* the settings file the environment named at start */
static pid_t gui_test_owner;             /* the process that made the folder removes it */

static void gui_test_remove_home(void)
{
    if (getpid() != gui_test_owner) return; /* a forked child leaves it to its parent */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", gui_test_home);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", gui_test_home);
    free(gui_test_outside_settings);
}

/* Points XDG_CONFIG_HOME and XDG_STATE_HOME into a new folder in the temp folder,
 * removed at exit; remembers in gui_test_outside_settings where the settings file was
 * before. Call it first in main(), before any window opens. */
static void gui_test_isolate(void)
{
    gui_test_outside_settings = settings_default_path();
    const char *tmp = getenv("TMPDIR");
    snprintf(gui_test_home, sizeof gui_test_home, "%s/archsim-gui-home-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    if (!mkdtemp(gui_test_home)) {
        perror(gui_test_home);
        exit(EXIT_FAILURE);
    }
    gui_test_owner = getpid();
    atexit(gui_test_remove_home);
    char dir[600];
    snprintf(dir, sizeof dir, "%s/config", gui_test_home);
    setenv("XDG_CONFIG_HOME", dir, 1);
    snprintf(dir, sizeof dir, "%s/state", gui_test_home);
    setenv("XDG_STATE_HOME", dir, 1);
}

/* A file or folder of this test's own, in its folder (gui_test_isolate; removed at exit):
 * its settings, recovery file, exports. A path in /tmp named by the process id outlived
 * the test and was read by a later one given the same id (a stale list of recent files).
 * The path lives until the test ends. */
static inline const char *gui_test_file(const char *name)
{
    static char paths[16][600];
    static int next;
    char *p = paths[next++ % 16];
    snprintf(p, sizeof paths[0], "%s/%s", gui_test_home, name);
    return p;
}

/* Drawer tab t shown (the drawer opened if closed) and drawn (two frames: the first lays
 * out, the second draws what it measured). */
static inline void gui_test_tab(App *app, DrawerTab t)
{
    drawer_show(app, t);
    app_frame(app);
    app_frame(app);
}

/* In the open file dialog, the name `stem` typed over what it proposes and confirmed
 * with Enter, as a person does; returns what was written to `stem` + `ext` (the dialog
 * adds the extension) and removes the file, or NULL when nothing was written. Caller
 * frees. */
static inline char *gui_test_save_as_typed(App *app, const char *stem, const char *ext)
{
    char written[700];
    snprintf(written, sizeof written, "%s%s", stem, ext);
    app_test_key(app, SDLK_a, KMOD_CTRL);
    app_test_text(app, stem);
    app_test_key(app, SDLK_RETURN, 0);
    if (app->modal != MODAL_NONE) return NULL;
    char *got = read_file(written, NULL);
    unlink(written);
    return got;
}

#endif
