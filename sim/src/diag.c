/*
 * diag.c - the list of problems found in a diagram file or model.
 */
#include "sim/diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "sim/tr.h"
#include "sim/util.h"

void diag_init(DiagList *d, const char *file)
{
    d->file = xstrdup(file);
    d->items = NULL;
    d->n_items = d->cap = 0;
}

void diag_free(DiagList *d)
{
    for (int i = 0; i < d->n_items; i++) {
        free(d->items[i].path);
        free(d->items[i].message);
    }
    free(d->items);
    free(d->file);
    d->file = NULL;
    d->items = NULL;
    d->n_items = d->cap = 0;
}

static void add(DiagList *d, DiagLevel level, const char *path, int line, int col,
                const char *fmt, va_list ap)
{
    xgrow((void **)&d->items, &d->cap, d->n_items + 1, sizeof *d->items);
    Diag *g = &d->items[d->n_items++];
    g->level = level;
    g->path = xstrdup(path ? path : "");
    g->message = xvasprintf(tr_gettext(fmt), ap);
    g->line = line;
    g->col = col;
}

/* The messages are in the current language (sim/tr.h): each format is looked up in the
 * catalogue before it is filled in (xgettext: diag_add:3, diag_add_warning:3,
 * diag_add_at:4). */
void diag_add(DiagList *d, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_ERROR, path, 0, 0, fmt, ap);
    va_end(ap);
}

void diag_add_warning(DiagList *d, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_WARNING, path, 0, 0, fmt, ap);
    va_end(ap);
}

void diag_add_at(DiagList *d, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_ERROR, "", line, col, fmt, ap);
    va_end(ap);
}

int diag_errors(const DiagList *d)
{
    int n = 0;
    for (int i = 0; i < d->n_items; i++) n += d->items[i].level == DIAG_ERROR;
    return n;
}

void diag_print(const DiagList *d, FILE *out)
{
    for (int i = 0; i < d->n_items; i++) {
        const Diag *g = &d->items[i];
        if (d->file) fprintf(out, "%s:", d->file);
        if (g->line > 0) fprintf(out, "%d:%d:", g->line, g->col);
        fprintf(out, " %s", g->level == DIAG_ERROR ? C_("diagnostic", "error: ") : C_("diagnostic", "warning: "));
        if (g->path[0]) fprintf(out, "%s: ", g->path);
        fprintf(out, "%s\n", g->message);
    }
}
