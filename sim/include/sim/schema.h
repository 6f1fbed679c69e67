/*
 * schema.h - one description of every field of the format.
 *
 * Each table row names a JSON key, its type, unit, allowed range, which node kinds it
 * applies to, where it lives in the C struct and a one-line description. The JSON
 * loader and saver, the validator, the generated JSON Schema and docs, and the GUI
 * inspector all walk these tables, so a field is added in one place.
 *
 * Defaults are not in the tables: they depend on the node kind and come from
 * node_defaults() / edge_defaults() / request_defaults() / event_defaults().
 */
#ifndef SIM_SCHEMA_H
#define SIM_SCHEMA_H

#include "sim/model.h"

typedef enum FieldType {
    FT_STRING,   /* char *; NULL allowed when optional */
    FT_NUMBER,   /* double */
    FT_INT,      /* int */
    FT_BOOL,     /* bool */
    FT_ENUM,     /* int-sized enum, names in `enum_names` */
    FT_DIST,     /* Dist: a number (constant) or {"dist": ..., ...} */
    FT_STRLIST,  /* char ** + int count at `count_offset` */
    FT_U64,      /* uint64_t (seed) */
} FieldType;

/* Bit per node kind a field applies to. */
#define KINDS_ALL ((1u << NODE_KIND_COUNT) - 1u)
#define KIND_BIT(k) (1u << (k))

typedef struct FieldDesc {
    const char *name;          /* JSON key */
    FieldType type;
    size_t offset;             /* offset in the struct */
    size_t count_offset;       /* FT_STRLIST: offset of the int count */
    const char *unit;          /* "ms", "rps", "" ... */
    double min, max;           /* allowed range (inclusive unless min_open) */
    bool min_open;             /* true: value must be > min */
    const char *const *enum_names; /* FT_ENUM: NULL-terminated */
    unsigned kinds;            /* node tables: kinds it applies to */
    bool required;
    const char *doc;           /* one line for docs and tooltips */
} FieldDesc;

/* The tables, each terminated by a row with name == NULL. */
extern const FieldDesc schema_node_fields[];     /* Node */
extern const FieldDesc schema_edge_fields[];     /* Edge (breaker fields excluded) */
extern const FieldDesc schema_breaker_fields[];  /* CircuitBreaker, under "circuit_breaker" */
extern const FieldDesc schema_autoscale_fields[]; /* Autoscale, under a node's "autoscale" */
extern const FieldDesc schema_request_fields[];  /* RequestType */
extern const FieldDesc schema_requirement_fields[]; /* Requirement ("max"/"min" handled too) */
extern const FieldDesc schema_event_fields[];    /* ScenarioEvent */
extern const FieldDesc schema_scenario_fields[]; /* Scenario scalars (lists handled apart) */
extern const FieldDesc schema_zone_fields[];     /* Zone: scenario.zones[i] */
extern const FieldDesc schema_region_latency_fields[]; /* RegionLatency: scenario.region_latency[i] */
extern const FieldDesc schema_dist_fields[];     /* Dist object keys */
/* EnvelopeItem: scenario.envelope[i] ("factors" handled apart) and its factors */
extern const FieldDesc schema_envelope_fields[];
extern const FieldDesc schema_factor_fields[];     /* EnvelopeFactor */
/* Translation: one object per language under scenario.translations.<lang> ("envelope"
 * handled apart), and EnvelopeText: scenario.translations.<lang>.envelope[i] */
extern const FieldDesc schema_translation_fields[];
extern const FieldDesc schema_envelope_text_fields[];

/* The row of `table` named `name`, or NULL. */
const FieldDesc *schema_find(const FieldDesc *table, const char *name);
/* What a 0 in field f means where it is not an amount ("no limit", "never", "none"), in a
 * few English words, translated with C_(SCHEMA_ZERO_CTX, ...); NULL where 0 is a number
 * like any other. */
#define SCHEMA_ZERO_CTX "what a 0 means"
const char *schema_zero_meaning(const FieldDesc *f);
/* True when node field `f` applies to `kind`. */
bool schema_applies(const FieldDesc *f, NodeKind kind);

/* True when a distribution object of kind k takes the key (e.g. "p99" for lognormal). */
bool schema_dist_key_applies(DistKind k, const char *key);
/* True when an event with this action takes the field (e.g. "factor" for surge). */
bool schema_event_field_applies(EventAction a, const char *name);

/* Documentation of a node kind: one sentence. */
const char *schema_kind_doc(NodeKind k);

#endif
