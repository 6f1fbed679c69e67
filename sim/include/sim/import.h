/*
 * import.h - diagrams from other tools (Excalidraw, draw.io / diagrams.net, Mermaid) and
 * a PNG archsim exported, read into a Model; and the archsim diagram written back out in
 * those tools' formats.
 *
 * One entry point sniffs the bytes (a PNG with archsim's iTXt chunk, Excalidraw JSON,
 * mxfile / mxGraphModel XML, a Mermaid first keyword, else archsim JSON) and hands them
 * to the right reader. Every reader returns the Model plus notes: what it mapped, what it
 * guessed (a kind from the words or the style), what it filled in with a default, and
 * what it could not keep, each naming where in the source. Shapes and text that are not
 * nodes or edges are kept as free annotations in the model's "meta" object
 * ({"annotations": [...]}, docs/interop.md) and written back by the exporters.
 *
 * docs/interop.md says what maps to what.
 */
#ifndef SIM_IMPORT_H
#define SIM_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/diag.h"
#include "sim/model.h"

typedef enum ImportFormat {
    IMPORT_ARCHSIM,    /* archsim's own JSON */
    IMPORT_PNG,        /* a PNG archsim exported, its diagram in an iTXt chunk */
    IMPORT_EXCALIDRAW, /* .excalidraw JSON */
    IMPORT_DRAWIO,     /* .drawio / mxGraph XML, compressed or not */
    IMPORT_MERMAID,    /* flowchart / graph, or architecture-beta */
    IMPORT_FORMAT_COUNT
} ImportFormat;

typedef enum ImportNoteKind {
    NOTE_MAPPED,    /* taken over as it was (an archsim node kept in the file, an arrow) */
    NOTE_GUESSED,   /* a kind picked from words or a style */
    NOTE_DEFAULTED, /* nothing told: a default applied (kind service, a position) */
    NOTE_KEPT,      /* kept as a free annotation, not part of the simulated design */
    NOTE_NOT_KEPT,  /* dropped: the reason says why */
    NOTE_KIND_COUNT
} ImportNoteKind;

typedef struct ImportNote {
    ImportNoteKind kind;
    char *where;   /* in the source: "elements[3] (id \"abc\")", "line 7", "mxCell \"5\"" */
    char *node;    /* the node id it concerns, or NULL */
    char *message; /* what was done and why */
} ImportNote;

typedef struct ImportResult {
    Model *model;       /* owned; NULL when the import failed */
    ImportFormat format;
    bool exported;      /* the drawing was exported by archsim (its scenario came along):
                           no traffic is made up for it */
    ImportNote *notes;  /* source order */
    int n_notes;
    int cap;
} ImportResult;

/* The format these bytes look like (IMPORT_ARCHSIM when nothing else fits). */
ImportFormat import_sniff(const char *data, size_t len);
/* The format as people call it: "archsim", "PNG", "Excalidraw", "draw.io", "Mermaid". */
const char *import_format_name(ImportFormat f);
/* "mapped", "guessed", "defaulted", "kept", "not kept". */
const char *import_note_kind_name(ImportNoteKind k);

/* Read `len` bytes in whichever format they are (import_sniff). r gets the model and
 * the notes; problems that stop the import go to `d` (naming where in the source and
 * what is allowed) and r->model is NULL. archsim JSON (also inside a PNG) is read with
 * model_from_json_lenient: a design problem (a cycle, a dangling edge) is in `d` as
 * an error but the model is still given. Never crashes, whatever the bytes.
 * Free r with import_result_free. */
bool import_bytes(const char *data, size_t len, ImportResult *r, DiagList *d);
/* The same for a file (I/O errors into `d`). */
bool import_file(const char *path, ImportResult *r, DiagList *d);
void import_result_free(ImportResult *r);

/* Append a note (printf-style message). */
void import_note(ImportResult *r, ImportNoteKind kind, const char *node, const char *where,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The notes as lines "where: kind: message", one per line. Caller frees. */
char *import_notes_text(const ImportResult *r);
/* How many notes of a kind. */
int import_count(const ImportResult *r, ImportNoteKind kind);

/* The kind the words (a label, a draw.io style, an icon name) suggest: the first entry
 * of one table (word or phrase -> kind) that matches whole words or their plural, case-insensitively,
 * ignoring trailing digits ("cylinder3", but "s3" itself too). Returns false when no
 * entry matches; else *kind and *word (the entry that matched, static). */
bool import_guess_kind(const char *words, NodeKind *kind, const char **word);

/* An id made from free text: lower case letters, digits and '_' ("API gateway" ->
 * "api_gateway"), unique in m (a suffix _2, _3... when taken), never empty. Caller frees. */
char *import_make_id(const Model *m, const char *text);

/* The text of an HTML label (draw.io with html=1, Mermaid): libxml2's HTML parser, text
 * nodes kept, <br>, <div> and <p> as line breaks, &nbsp; as a space. Caller frees. */
char *import_html_text(const char *html);

/* Free annotations (shapes and text that are not part of the design) in the model's
 * meta: {"annotations": [{"type": "text"|"rectangle"|"ellipse"|"diamond"|"line",
 * "text": "...", "x": 0, "y": 0, "w": 0, "h": 0}]} appended to m->meta_json. */
void import_add_annotation(Model *m, const char *type, const char *text, double x, double y, double w,
                           double h);
/* Mark the annotation added last as filled ("fill": true): the source filled the shape,
 * so the board gives it a faint fill. */
void import_annotation_fill(Model *m);

/* For the readers: the document's "meta" is what the drawing kept of archsim's own meta
 * (head's, when the drawing carries archsim data; head may be NULL) with its
 * "annotations" replaced by those collected in ann->meta_json (if any). */
struct cJSON;
void import_set_meta(struct cJSON *doc, const struct cJSON *head, const Model *ann);

/* For the readers of archsim's own summaries (an edge's "20 ms, x~75 (pareto ...)", a
 * Mermaid node's "60 x 32 workers, pool 40"): a number as they write it ("40", "2.5",
 * "10k", "1.5M") at s, in [0, 10^12], *end after it; and whether part is exactly
 * prefix, such a number, then suffix ("pool 40", "hit 98%", "timeout 500 ms"). */
bool import_summary_number(const char *s, double *v, const char **end);
bool import_summary_field(const char *part, const char *prefix, const char *suffix, double *v);

/* For the readers: an archsim JSON document built from a drawing, read leniently. NULL
 * when the data kept in the drawing is wrong (each problem into `d`, saying so); design
 * problems are left to import_bytes, which validates once the defaults are in. */
Model *import_read_doc(const char *json, DiagList *d);

/* ---- the formats (each file's reader and writer) ------------------------------------ */

/* Excalidraw (excalidraw.c): a scene {"type": "excalidraw", "version": 2, "elements":
 * [...]}: a rectangle (ellipse, diamond for clients, databases) with bound text per
 * node, an arrow bound to both per edge, its label as the arrow's bound text, each
 * element's archsim data in customData.archsim so a round trip is exact; annotations
 * as free elements. Deterministic. Caller frees. */
char *export_excalidraw(const Model *m);
bool import_excalidraw(const char *data, size_t len, ImportResult *r, DiagList *d);

/* draw.io (drawio.c): an uncompressed <mxfile> with one diagram; nodes as <object>
 * cells carrying archsim's data in attributes, a style per kind; edges bound by
 * source/target. Caller frees. */
char *export_drawio(const Model *m);
bool import_drawio(const char *data, size_t len, ImportResult *r, DiagList *d);

/* Mermaid (mermaid_import.c): flowchart / graph (the subset export_mermaid writes, node
 * shapes, edge labels, chains, subgraphs) and architecture-beta (services, groups,
 * junctions, edges). */
bool import_mermaid(const char *data, size_t len, ImportResult *r, DiagList *d);

#endif
