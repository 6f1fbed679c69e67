/*
 * task.h - work on a thread of its own while the window keeps drawing (the Sweep and
 * Compare tabs): the progress under a lock, a cancel flag the simulator polls, and the
 * payload handed back to the UI thread once the work has returned.
 */
#ifndef ARCHSIM_TASK_H
#define ARCHSIM_TASK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Task Task;
/* The work: runs on the task's thread with its payload (it may use task_cancel_flag and
 * task_progress for the simulator's SimOptions.cancel and .progress). */
typedef void (*TaskWork)(Task *t, void *payload);

/* Start work(payload) on a thread named `name`; NULL with the reason in err. */
Task *task_start(const char *name, TaskWork work, void *payload, char *err, size_t cap);
volatile int *task_cancel_flag(Task *t);
/* A SimOptions.progress callback: ctx is the task. */
void task_progress(void *task, double fraction);
/* The progress so far; *done once the work has returned. */
double task_poll(Task *t, bool *done);
void task_cancel(Task *t);
bool task_cancelled(const Task *t);
/* Wait for the thread (at once when done), free the task, return its payload. */
void *task_finish(Task *t);

#endif
