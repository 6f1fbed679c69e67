/*
 * layout.h - positions for a diagram that has none. A file written by hand or by a
 * program often leaves out every node's x and y; loaded as it is, every node would sit
 * at one point. layout_layered() draws it as people draw system designs: in layers
 * from left to right in the direction of the calls (clients first), each node one
 * layer right of the furthest node that calls it, calls that go back up the graph
 * ignored for the layering, and the nodes of a layer ordered after their callers to
 * keep edges from crossing. Nodes placed in a zone go in their zone's horizontal band, so
 * the boxes the app draws around each zone's nodes do not overlap.
 */
#ifndef SIM_LAYOUT_H
#define SIM_LAYOUT_H

#include <stdbool.h>

#include "sim/model.h"

/* True when the model has two or more nodes and all of them sit at one point (a file
 * without positions reads every node at 0, 0). */
bool layout_needed(const Model *m);

/* Give every node of m a position: layers `node_w` + a gap apart, nodes `node_h` + a
 * gap apart within a layer, centred on y = 0 (with zones: a band per zone, the nodes in
 * none in the middle). Linear in nodes and edges (times the zones), apart from sorting
 * each layer. Edges to missing nodes are ignored. */
void layout_layered(Model *m, double node_w, double node_h);

#endif
