/*
 * png_meta.h - a PNG that carries its diagram: the picture, plus the diagram's JSON in
 * an iTXt chunk with the keyword "archsim" (PNG spec 11.3.3.4; compressed, UTF-8), so
 * the exported PNG opens again as the editable diagram. Encoding and reading go through
 * Debian's libpng.
 */
#ifndef SIM_PNG_META_H
#define SIM_PNG_META_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/diag.h"

#define PNG_META_KEYWORD "archsim"

/* Encode an 8-bit RGBA image (`stride` bytes per row, rows top to bottom) as PNG bytes
 * with `json` (NUL-terminated, may be NULL: no chunk) in an iTXt chunk before the image
 * data. Deterministic: no time chunk. Returns the bytes (caller frees) and their length
 * in *out_len, or NULL with the reason in `d`. */
unsigned char *png_meta_encode_rgba(const unsigned char *rgba, int w, int h, int stride, const char *json,
                                    size_t *out_len, DiagList *d);

/* The text of the "archsim" iTXt (or tEXt / zTXt) chunk of PNG bytes, NUL-terminated
 * (caller frees), its length in *out_len. NULL with a message in `d` when the bytes are
 * not a readable PNG or carry no diagram. Never crashes, whatever the bytes. */
char *png_meta_read(const char *data, size_t len, size_t *out_len, DiagList *d);

#endif
