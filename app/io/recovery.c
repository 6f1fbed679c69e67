/*
 * recovery.c - crash safety for every window at once. Each running instance autosaves
 * its board to a recovery file of its own, "<stem>-<pid>-<n>.json" in the recovery
 * folder, beside "<that>.path" (the document it belongs to) and "<that>.lock", a lock
 * file the instance holds an open-file-description lock on for as long as it lives.
 *
 * At start, a recovery file whose lock can be taken belongs to an instance that is gone:
 * it is offered back (the newest first), and the lock is kept while it is offered, so
 * two instances starting together never offer the same file. A file whose lock is held
 * belongs to a live instance: it is never offered and never deleted. Discarding deletes
 * only the offered file; recovering makes it this instance's own.
 *
 * The folder is $XDG_STATE_HOME/archsim, else ~/.local/state/archsim, else a private
 * folder of the user's in the temp folder (created 0700, refused if it is not theirs).
 */
#define _GNU_SOURCE /* F_OFD_SETLK: locks that also exclude another window of this process */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "sim/model_json.h"
#include "sim/tr.h"
#include "sim/util.h"

#ifndef F_OFD_SETLK
#define F_OFD_SETLK F_SETLK /* older systems: per-process locks (still one per instance) */
#endif

/* An exclusive lock on `path` (created if needed): the fd holding it, or -1 when another
 * instance holds it (or the file cannot be opened). */
static int take_lock(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return -1;
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_OFD_SETLK, &fl) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

char *doc_default_recovery_path(void)
{
    char *state = settings_user_dir("XDG_STATE_HOME", ".local/state");
    if (state) {
        char *path = xasprintf("%s/archsim/recovery.json", state);
        free(state);
        return path;
    }
    /* No home: a folder of our own in the temp folder, never a shared fixed file. */
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/archsim-%ld", tmp && *tmp ? tmp : "/tmp", (long)getuid());
    mkdir(dir, 0700);
    struct stat st;
    bool ours = lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 077) == 0;
    char *path = ours ? xasprintf("%s/recovery.json", dir) : NULL;
    free(dir);
    return path; /* NULL: no safe place, autosave is off */
}

/* The folder and the stem ("recovery") of a recovery path ".../recovery.json". */
static void split(const char *path, char **dir, char **stem)
{
    const char *slash = strrchr(path, '/');
    *dir = slash ? xasprintf("%.*s", (int)(slash - path), path) : xstrdup(".");
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".json") == 0) n -= 5;
    *stem = xasprintf("%.*s", (int)n, base);
}

void recovery_init(App *app, const char *base_path)
{
    app->recovery_lock_fd = -1;
    app->recover_fd = -1;
    if (!base_path) return;
    split(base_path, &app->recovery_dir, &app->recovery_stem);
    doc_make_parent_dirs(base_path);
    /* A name no other instance uses: the pid, and a number if a file is left over. */
    for (int n = 0; n < 1000; n++) {
        char *path = xasprintf("%s/%s-%ld-%d.json", app->recovery_dir, app->recovery_stem, (long)getpid(), n);
        char *lock = xasprintf("%s.lock", path);
        struct stat st;
        int fd = stat(path, &st) == 0 ? -1 : take_lock(lock);
        free(lock);
        if (fd >= 0) {
            app->recovery_path = path;
            app->recovery_lock_fd = fd;
            return;
        }
        free(path);
    }
}

static void unlink_set(const char *path)
{
    unlink(path);
    char *side = xasprintf("%s.path", path);
    unlink(side);
    free(side);
}

void recovery_free(App *app)
{
    if (app->recover_fd >= 0) close(app->recover_fd);
    /* Nothing left to recover: the lock file goes too (else it marks the work as ours
     * until the lock is released with the fd). */
    struct stat st;
    if (app->recovery_path && app->recovery_lock_fd >= 0 && stat(app->recovery_path, &st) != 0) {
        char *lock = xasprintf("%s.lock", app->recovery_path);
        unlink(lock);
        free(lock);
    }
    if (app->recovery_lock_fd >= 0) close(app->recovery_lock_fd); /* the lock goes with it */
    app->recover_fd = app->recovery_lock_fd = -1;
    free(app->recovery_dir);
    free(app->recovery_stem);
    free(app->recover_path);
    free(app->recover_about);
    app->recovery_dir = app->recovery_stem = app->recover_path = app->recover_about = NULL;
}

void doc_remove_recovery(App *app)
{
    if (!app->recovery_path) return;
    unlink_set(app->recovery_path);
}

/* Release the offered file (kept or removed by the caller). */
static void let_go(App *app)
{
    if (app->recover_fd >= 0) close(app->recover_fd);
    app->recover_fd = -1;
    free(app->recover_path);
    free(app->recover_about);
    app->recover_path = app->recover_about = NULL;
}

/* What a recovery file holds, for a person choosing to restore it or not: the file it was
 * the work on (or that it was never saved), its title and its size. */
static char *describe_offer(const char *path)
{
    char *side = xasprintf("%s.path", path);
    char *orig = read_file(side, NULL);
    free(side);
    DiagList d;
    diag_init(&d, path);
    Model *m = model_load_file_lenient(path, &d);
    diag_free(&d);
    const char *base = orig && *orig ? doc_base_name(orig) : NULL;
    char nodes[64] = "";
    if (m) snprintf(nodes, sizeof nodes, P_("%d node", "%d nodes", m->n_nodes), m->n_nodes);
    const char *title = m && m->title && *m->title ? scenario_title_in(m, tr_lang()) : NULL;
    char *about = base && title ? xasprintf(_("%s (%s, %s)"), base, title, nodes)
                  : base       ? xasprintf(_("%s (%s)"), base, nodes)
                  : title      ? xasprintf(_("a board never saved (%s, %s)"), title, nodes)
                               : xasprintf(_("a board never saved (%s)"), nodes);
    model_destroy(m);
    free(orig);
    return about;
}

/* Find the newest recovery file of an instance that is gone, and hold its lock. */
static bool find_orphan(App *app)
{
    let_go(app);
    if (!app->recovery_dir) return false;
    DIR *d = opendir(app->recovery_dir);
    if (!d) return false;
    size_t stem_len = strlen(app->recovery_stem);
    time_t best_t = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *name = de->d_name;
        size_t n = strlen(name);
        if (n < stem_len + 5 || strncmp(name, app->recovery_stem, stem_len) != 0) continue;
        if (strcmp(name + n - 5, ".json") != 0) continue;
        if (name[stem_len] != '-' && name[stem_len] != '.') continue; /* "recovery-…" or the old "recovery.json" */
        char *path = xasprintf("%s/%s", app->recovery_dir, name);
        struct stat st;
        if (app->recovery_path && strcmp(path, app->recovery_path) == 0) {
            free(path);
            continue;
        }
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || (app->recover_path && st.st_mtime < best_t)) {
            free(path);
            continue;
        }
        char *lock = xasprintf("%s.lock", path);
        int fd = take_lock(lock);
        free(lock);
        if (fd < 0) { /* a live instance's */
            free(path);
            continue;
        }
        let_go(app);
        app->recover_path = path;
        app->recover_fd = fd;
        best_t = st.st_mtime;
    }
    closedir(d);
    if (app->recover_path) app->recover_about = describe_offer(app->recover_path);
    return app->recover_path != NULL;
}

void doc_check_recovery(App *app)
{
    if (find_orphan(app)) app->modal = MODAL_RECOVER;
}

const char *recovery_offered(const App *app) { return app->recover_path; }

const char *recovery_offered_about(const App *app) { return app->recover_about ? app->recover_about : ""; }

bool recovery_offered_for(const App *app, const char *path)
{
    if (!app->recover_path || !path) return false;
    char *side = xasprintf("%s.path", app->recover_path);
    char *orig = read_file(side, NULL);
    free(side);
    bool same = orig && strcmp(orig, path) == 0;
    if (orig && !same) { /* the same file named another way ("a.json", "./a.json") */
        char *a = realpath(orig, NULL), *b = realpath(path, NULL);
        same = a && b && strcmp(a, b) == 0;
        free(a);
        free(b);
    }
    free(orig);
    return same;
}

void recovery_discard(App *app)
{
    if (!app->recover_path) return;
    char *lock = xasprintf("%s.lock", app->recover_path);
    unlink_set(app->recover_path);
    unlink(lock);
    free(lock);
    let_go(app);
}

bool doc_recover(App *app)
{
    if (!app->recover_path) return false;
    DiagList d;
    diag_init(&d, app->recover_path);
    /* Lenient: unsaved work with problems (a dangling edge, a cycle) is still work. */
    Model *m = model_load_file_lenient(app->recover_path, &d);
    if (!m) {
        dialog_show_diags(app, _("The recovery file could not be read"), &d);
        diag_free(&d);
        return false;
    }
    int problems = diag_errors(&d);
    diag_free(&d);
    char *side = xasprintf("%s.path", app->recover_path);
    char *orig = read_file(side, NULL);
    free(side);
    doc_adopt_recovered(app, m, orig && *orig ? orig : NULL);
    free(orig);
    /* The recovered work is this instance's now: its file takes the place of ours. */
    if (app->recovery_path) {
        rename(app->recover_path, app->recovery_path);
        char *from = xasprintf("%s.path", app->recover_path), *to = xasprintf("%s.path", app->recovery_path);
        rename(from, to);
        free(from);
        free(to);
    }
    recovery_discard(app);
    if (problems > 0)
        app_set_status(app, true,
                       P_("Recovered unsaved work%s%s with %d problem (see the status bar list) "
                          "\xE2\x80\x94 save it to keep it",
                          "Recovered unsaved work%s%s with %d problems (see the status bar list) "
                          "\xE2\x80\x94 save it to keep it", problems),
                       app->path ? _(" of ") : "", app->path ? doc_base_name(app->path) : "",
                       problems);
    else
        app_set_status(app, false, _("Recovered unsaved work%s%s \xE2\x80\x94 save it to keep it"),
                       app->path ? _(" of ") : "",
                       app->path ? doc_base_name(app->path) : "");
    return true;
}

void recovery_next(App *app)
{
    /* After one is recovered or discarded, another instance's may be waiting too. */
    if (app->modal == MODAL_NONE && find_orphan(app)) app->modal = MODAL_RECOVER;
}
