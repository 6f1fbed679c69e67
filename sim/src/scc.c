/*
 * scc.c - Tarjan's strongly connected components without recursion (scc.h).
 */
#include "scc.h"

#include <stdbool.h>
#include <stdlib.h>

#include "sim/util.h"

int scc_tarjan(int n, const int *start, int (*target)(const void *ctx, int k), const void *ctx, int *comp,
               int *found)
{
    int next_index = 0, n_comp = 0, sp = 0, cp = 0;
    int *index = xmalloc(((size_t)n + 1) * sizeof *index);
    int *low = xmalloc(((size_t)n + 1) * sizeof *low);
    int *stack = xmalloc(((size_t)n + 1) * sizeof *stack);
    int *call = xmalloc(((size_t)n + 1) * sizeof *call);
    int *iter = xmalloc(((size_t)n + 1) * sizeof *iter);
    bool *on = xcalloc((size_t)n + 1, sizeof *on);
    for (int v = 0; v < n; v++) index[v] = -1;
    for (int root = 0; root < n; root++) {
        if (index[root] >= 0) continue;
        if (found) found[next_index] = root;
        index[root] = low[root] = next_index++;
        stack[sp++] = root;
        on[root] = true;
        iter[root] = start[root];
        call[cp++] = root;
        while (cp > 0) {
            int v = call[cp - 1];
            if (iter[v] < start[v + 1]) {
                int w = target(ctx, iter[v]++);
                if (w < 0) continue;
                if (index[w] < 0) {
                    if (found) found[next_index] = w;
                    index[w] = low[w] = next_index++;
                    stack[sp++] = w;
                    on[w] = true;
                    iter[w] = start[w];
                    call[cp++] = w;
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            cp--;
            if (low[v] == index[v]) {
                int w;
                do {
                    w = stack[--sp];
                    on[w] = false;
                    comp[w] = n_comp;
                } while (w != v);
                n_comp++;
            }
            if (cp > 0 && low[v] < low[call[cp - 1]]) low[call[cp - 1]] = low[v];
        }
    }
    free(index);
    free(low);
    free(stack);
    free(call);
    free(iter);
    free(on);
    return n_comp;
}
