/*
 * annotation.h - the free annotations of a diagram: shapes, lines and text that are not
 * part of the simulated design (a note, a frame around a VPC), kept in the model's meta
 * object as {"annotations": [{"type", "text", "x", "y", "w", "h", "fill"}]} (import.h,
 * docs/interop.md). Read for drawing, and changed (moved, deleted, retyped) by making a
 * new meta text, so the app records the change as one undoable meta edit. Other keys of
 * meta, and of each annotation, are kept as they are.
 */
#ifndef SIM_ANNOTATION_H
#define SIM_ANNOTATION_H

#include <stdbool.h>
#include <stdint.h>

typedef enum AnnotationType {
    ANN_TEXT,
    ANN_RECTANGLE,
    ANN_ELLIPSE,
    ANN_DIAMOND,
    ANN_LINE,
    ANN_ARROW
} AnnotationType;

typedef struct Annotation {
    AnnotationType type;
    char *text;   /* owned, never NULL ("" when none) */
    double x, y;  /* top left (a line: its start) in board units */
    double w, h;  /* size, 0 = none given (a line: the offset of its end, may be negative) */
    bool fill;    /* the source filled the shape */
} Annotation;

/* The annotations in meta_json (NULL or no "annotations": none), in file order; an item
 * that is not an object is skipped, an unknown type reads as a rectangle. *out is owned
 * by the caller (annotations_free). Returns the count. */
int annotations_read(const char *meta_json, Annotation **out);
void annotations_free(Annotation *a, int n);

/* The bounding box of an annotation in board units (a line's from its two ends; a text
 * without a size: `text_w` by `text_h` per line, an estimate). */
void annotation_bounds(const Annotation *a, double *x0, double *y0, double *x1, double *y1);

/* A shape with a size (a rectangle, ellipse or diamond), which can hold nodes: a frame. */
bool annotation_is_box(const Annotation *a);
/* Is board point (x, y) inside box annotation a? */
bool annotation_holds(const Annotation *a, double x, double y);

/* New meta texts, the caller frees; NULL when nothing is left in meta. Indices count the
 * items annotations_read returns. `sel` has one flag per annotation (n of them). */
char *annotations_move(const char *meta_json, const uint8_t *sel, int n, double dx, double dy);
char *annotations_delete(const char *meta_json, const uint8_t *sel, int n);
/* A meta text holding only the annotations flagged in sel (each as it is), NULL when none is. */
char *annotations_subset(const char *meta_json, const uint8_t *sel, int n);
/* meta_json with from_meta's annotations added after its own, moved by (dx, dy). */
char *annotations_append(const char *meta_json, const char *from_meta, double dx, double dy);
/* A new annotation after the others (w, h: its size, 0 = none; a line's end offset), meta
 * made when there is none. Never NULL. */
char *annotations_add(const char *meta_json, AnnotationType type, const char *text, double x, double y, double w,
                      double h);
/* Annotation i's box set to box[4i..4i+3] (x, y, w, h) where place[i] (a line: x, y its
 * start, w, h the offset of its end); the others as they are. */
char *annotations_place(const char *meta_json, const uint8_t *place, const double *box, int n);
/* Annotation i's text ("" removes it). */
char *annotations_set_text(const char *meta_json, int i, const char *text);

const char *annotation_type_name(AnnotationType t);

#endif
