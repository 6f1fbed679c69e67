/*
 * look.h - the board's geometry and colours that pictures made outside the app share
 * with it (the SVG, Excalidraw and draw.io exports): one table, so the app's theme and
 * every export agree.
 */
#ifndef SIM_LOOK_H
#define SIM_LOOK_H

#include <stdint.h>

#include "sim/model.h"

/* A node box on the board: x, y is its top-left corner. */
#define LOOK_NODE_W 160.0
#define LOOK_NODE_H 56.0
#define LOOK_GRID 20.0

/* The colour of a kind as 0xRRGGBB (palette tile, side bar, icon). */
uint32_t look_kind_rgb(NodeKind k);
/* Human name of a kind ("Load balancer"), English; mark with _() where shown. */
const char *look_kind_title(NodeKind k);

#endif
