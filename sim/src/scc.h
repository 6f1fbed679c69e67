/*
 * scc.h - strongly connected components (Tarjan's, iteratively: graphs of any depth),
 * shared by the analytic estimate's flow order and the validator's cycle checks.
 */
#ifndef SIM_SCC_H
#define SIM_SCC_H

/* The graph is n nodes whose out-arcs are the slots start[v] .. start[v + 1] - 1;
 * target(ctx, k) is the node slot k leads to, or -1 to skip it. comp[v] gets v's
 * component; components are numbered in the order Tarjan finishes them, which is a
 * reverse topological order (a component is finished after every one it leads to).
 * found, when not NULL, gets the nodes in the order the search first reached them.
 * Returns the number of components. */
int scc_tarjan(int n, const int *start, int (*target)(const void *ctx, int k), const void *ctx, int *comp,
               int *found);

#endif
