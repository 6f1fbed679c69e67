/*
 * task.c - work on a thread of its own (task.h).
 */
#include "task.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/tr.h"
#include "sim/util.h"

struct Task {
    SDL_Thread *thread;
    SDL_mutex *lock;
    TaskWork work;
    void *payload;
    volatile int cancel;
    double progress; /* under lock */
    bool done;       /* under lock */
};

static int run(void *ctx)
{
    Task *t = ctx;
    t->work(t, t->payload);
    SDL_LockMutex(t->lock);
    t->done = true;
    SDL_UnlockMutex(t->lock);
    return 0;
}

Task *task_start(const char *name, TaskWork work, void *payload, char *err, size_t cap)
{
    Task *t = xcalloc(1, sizeof *t);
    t->work = work;
    t->payload = payload;
    t->lock = SDL_CreateMutex();
    t->thread = t->lock ? SDL_CreateThread(run, name, t) : NULL;
    if (!t->thread) {
        snprintf(err, cap, _("Cannot start: %s"), SDL_GetError());
        if (t->lock) SDL_DestroyMutex(t->lock);
        free(t);
        return NULL;
    }
    return t;
}

volatile int *task_cancel_flag(Task *t) { return &t->cancel; }

void task_progress(void *task, double fraction)
{
    Task *t = task;
    SDL_LockMutex(t->lock);
    t->progress = fraction;
    SDL_UnlockMutex(t->lock);
}

double task_poll(Task *t, bool *done)
{
    SDL_LockMutex(t->lock);
    double p = t->progress;
    *done = t->done;
    SDL_UnlockMutex(t->lock);
    return p;
}

void task_cancel(Task *t) { t->cancel = 1; }

bool task_cancelled(const Task *t) { return t->cancel != 0; }

void *task_finish(Task *t)
{
    if (!t) return NULL;
    SDL_WaitThread(t->thread, NULL);
    void *payload = t->payload;
    SDL_DestroyMutex(t->lock);
    free(t);
    return payload;
}
