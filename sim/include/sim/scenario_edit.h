/*
 * scenario_edit.h - editing a model's scenario lists (request types, requirements,
 * events, hints) and renaming or removing what other parts of the model name, so that
 * references stay consistent: a request type's name lives in edge filters,
 * requirements and surge events; a node's id in edges, request types (their client)
 * and events.
 *
 * Every function edits the model in place and never fails on any index (out of range:
 * nothing happens). The GUI applies them to a copy and records the difference as one
 * undoable step; the describe functions say in words what a removal takes with it, so
 * the GUI can ask first.
 */
#ifndef SIM_SCENARIO_EDIT_H
#define SIM_SCENARIO_EDIT_H

#include <stdbool.h>

#include "sim/model.h"

/* The scenario's lists; SCEN_ENVELOPE is the back-of-the-envelope sheet's quantities
 * (scenario.envelope). */
typedef enum ScenList {
    SCEN_REQUESTS,
    SCEN_REQUIREMENTS,
    SCEN_EVENTS,
    SCEN_HINTS,
    SCEN_ENVELOPE,
    SCEN_LIST_COUNT
} ScenList;

/* Elements in list l. */
int scenario_list_count(const Model *m, ScenList l);

/* Append a copy (strings duplicated); returns its index. A hint added to the base text
 * is added to every translation that has its own hints too (with the same text, to be
 * translated), and a requirement or an event gets an empty label in every translation
 * that labels them, so their counts keep matching. */
int scenario_add_request(Model *m, const RequestType *r);
int scenario_add_requirement(Model *m, const Requirement *q);
int scenario_add_event(Model *m, const ScenarioEvent *e);
int scenario_add_hint(Model *m, const char *text);
/* A quantity of the sheet (copied); its id is it->id when that is free, else one made from
 * its label (scenario_quantity_id). Translations with their own sheet get an entry with
 * nothing of its own, so their counts keep matching. */
int scenario_add_quantity(Model *m, const EnvelopeItem *it);

/* The id a quantity labelled `label` gets: its words as a slug ("Storage per year":
 * storage_per_year; "quantity" when it has no Latin letters or digits), made unique among
 * the other quantities than `except` (storage_per_year_2) and never peak_rps, which would
 * replace the peak the sheet derives from the traffic. Into out (ENVELOPE_ID_MAX + 1
 * bytes at least), returned. */
const char *scenario_quantity_id(const Model *m, const char *label, int except, char *out, size_t cap);

/* A factor appended to quantity k (copied); its index, -1 when there is no quantity k.
 * A translation with its own factor labels there gets the factor's English label, to be
 * translated. Removing factor f of quantity k takes its translated labels too. */
int scenario_add_factor(Model *m, int k, const EnvelopeFactor *f);
void scenario_remove_factor(Model *m, int k, int f);

/* scenario_text_own's and scenario_set_text's `k` for factor f of quantity k ("factor-label"). */
#define SCENARIO_FACTOR_TEXT(k, f) ((k) * 1024 + (f))

/* Swap element k of list l with its neighbour k + dir (dir -1 or +1); false when there is
 * none. Hints and requirements' and events' labels move in every translation too. */
bool scenario_move(Model *m, ScenList l, int k, int dir);

/* Remove requirement, event or hint k (in the translations too). */
void scenario_remove(Model *m, ScenList l, int k);

/* Requirement or event k (l: SCEN_REQUIREMENTS, SCEN_EVENTS) without its label, in every
 * language: its description is generated again from what it is. For an edit of that,
 * which a label written before would contradict ("the email is sent: p99 <= 10 s" on a
 * 5 s limit, "sale opens: 5x" on a 3x surge). */
void scenario_unlabel(Model *m, ScenList l, int k);

/* Remove request type k and what only makes sense with it: its name leaves every edge
 * filter (an edge whose filter named only it is removed, since an empty filter would
 * mean every type), and the requirements and surge events about it go. */
void scenario_remove_request(Model *m, int k);

/* Rename request type k and every reference to it (edge filters, requirements, events).
 * The caller checks that `name` is valid and free. */
void scenario_rename_request(Model *m, int k, const char *name);

/* Change node i's id and every reference to it (edges, request types' client, events).
 * The caller checks that `id` is valid and free. */
void model_rename_node(Model *m, int i, const char *id);

/* Set the label of node i (edge i when `edge`) as a person reading `lang` sees it: when
 * what is shown is the scenario's translation of the label, that translation becomes
 * `text` (on every node and edge with the same English label, as it is shown there too);
 * else the label itself does ("" or NULL: none, so a node shows its id). Spaces around
 * `text` are dropped. Returns false when nothing changes. The label_tr fields are set
 * for `lang` again. */
bool model_set_label_shown(Model *m, bool edge, int i, const char *lang, const char *text);

/* Remove the nodes flagged in del[n_nodes], their edges and the scenario events on them.
 * Request types sent by a removed client keep everything else and lose their client
 * (client NULL: the only client, once there is one). */
void model_remove_nodes(Model *m, const unsigned char *del);

/* Event e in a line, in the current language: "Database: 1 server fails 15–23 s",
 * "surge ×2 of read 15–25 s"; without its time ("Database: 1 server fails") for a mark
 * on a time axis. Nodes by the label they show. */
void scenario_event_line(const Model *m, const ScenarioEvent *e, bool with_when, char *out, size_t cap);
/* Whether event e changes nothing in a run: it fails the read replicas of a database that
 * has none (validate warns; the report's "During the run" and the charts say so). */
bool scenario_event_idle(const Model *m, const ScenarioEvent *e);

/* The exercise's own text in language `lang` (NULL or "en": the base text): its title,
 * its prompt or hint k (`what` "title", "prompt", "hint"), the label of node k
 * ("label") or edge k ("edge-label"), from the translation's labels, the label of
 * requirement k ("requirement-label") or event k ("event-label"), or of the sheet's
 * quantity k ("quantity-label"), its note ("quantity-note") or the label of a factor
 * ("factor-label", k = SCENARIO_FACTOR_TEXT(quantity, factor)). NULL where that
 * language has none of its own (readers show the English there). */
const char *scenario_text_own(const Model *m, const char *what, int k, const char *lang);

/* Write that text in `lang`, so an exercise can be written in a second language in the
 * app: a language without a translation gets one; a translation's hints start as copies
 * of the English ones (the format has all of them or none). Empty `text` gives the
 * translation's text back to the English (a translated hint, its English words); a
 * translation left with nothing of its own goes. For the base text, empty means none
 * (a hint keeps "" for the validator to name). A label's spaces around it are dropped;
 * its translation is of its English label, so it shows on every node and edge with that
 * label (a node without one is labelled its id first, which is what English shows); an
 * English label that changes takes its translations along, unless another node or edge
 * keeps the old words; an edge with no English label takes any text as that label. A
 * requirement's or an event's label in a language is its entry in the translation's
 * list (one per requirement or event, "" where the English stands; all "" is none);
 * one with no English label (its description speaks every language) takes the text as
 * that label, as an edge does. A quantity's English label takes its id along while the id
 * is the one its old label gave (scenario_quantity_id), so an id follows the words until
 * someone chose another; its translations are one entry per quantity, the empty ones
 * dropped when none has anything of its own. A factor's labels in a language are all or
 * none, as hints are: the first one written copies the English ones, and a factor's
 * English label written where a translation has none ("") becomes its text there.
 * Returns false when nothing changes. */
bool scenario_set_text(Model *m, const char *what, int k, const char *lang, const char *text);

/* Before a second client joins: the request types that name no client are sent by the
 * only one, and now name it, so they keep their sender (with two clients the validator
 * would ask which one sends them). Returns false when nothing changes (no client, two or
 * more already, or every request type names its client). */
bool scenario_pin_clients(Model *m);

/* What removing request type k, or the flagged nodes, changes beyond the thing itself and
 * (for nodes) their edges, in English sentences naming nodes by label; NULL when nothing
 * else changes. Caller frees. */
char *scenario_describe_request_removal(const Model *m, int k);
char *model_describe_nodes_removal(const Model *m, const unsigned char *del);

#endif
