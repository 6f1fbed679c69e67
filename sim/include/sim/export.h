/*
 * export.h - the diagram as text diagrams people paste into docs: a Mermaid
 * flowchart and a Graphviz (DOT) graph with the same boxes, arrows and labels.
 */
#ifndef SIM_EXPORT_H
#define SIM_EXPORT_H

#include "sim/model.h"

/* Mermaid "flowchart LR" text. Caller frees. */
char *export_mermaid(const Model *m);
/* Graphviz "digraph" text. Caller frees. */
char *export_dot(const Model *m);
/* The one-line summary shown on a node ("40 x 32 workers, async") and on an edge
 * ("25 ms, read_timeline, x75"), shared by exports and the app. Caller frees. */
char *node_summary(const Node *n);
char *edge_summary(const Edge *e);

#endif
