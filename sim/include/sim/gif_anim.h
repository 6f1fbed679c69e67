/*
 * gif_anim.h - an animated GIF from RGBA frames, encoded with Debian's giflib, kept
 * small: one 255-colour palette for the whole animation (quantized by giflib from
 * samples of every frame), and each frame after the first only as the rectangle that
 * changed, its unchanged pixels transparent. Loops forever. Deterministic: the same
 * frames give the same bytes.
 *
 * Two passes over the same frames: gif_anim_sample() each (the palette is made from
 * them), then gif_anim_frame() each, in order.
 */
#ifndef SIM_GIF_ANIM_H
#define SIM_GIF_ANIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/diag.h"

typedef struct GifAnim GifAnim;

/* An animation of w x h pixels (1..16384). Never NULL. */
GifAnim *gif_anim_create(int w, int h);
void gif_anim_destroy(GifAnim *g);
/* Pass 1: pixels of a frame (RGBA, `stride` bytes per row) for the palette. */
void gif_anim_sample(GifAnim *g, const uint8_t *rgba, int stride);
/* Pass 2: a frame shown for delay_cs hundredths of a second. False with the reason in
 * `d` when giflib fails. */
bool gif_anim_frame(GifAnim *g, const uint8_t *rgba, int stride, int delay_cs, DiagList *d);
/* The GIF's bytes (caller frees), their count in *len; NULL with the reason in `d`. */
unsigned char *gif_anim_finish(GifAnim *g, size_t *len, DiagList *d);

#endif
