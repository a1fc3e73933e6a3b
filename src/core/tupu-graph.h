/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-graph.h: the immutable concept graph, as loaded and validated from a graph file.
 *
 * A TupuGraph never changes after tupu_graph_load*() returns it, so it may be shared with the
 * layout thread by reference without locks.
 */
#pragma once

#include <gio/gio.h>

#include "tupu-text.h"

G_BEGIN_DECLS

#define TUPU_GRAPH_ERROR (tupu_graph_error_quark ())
GQuark tupu_graph_error_quark (void);

typedef enum
{
  TUPU_GRAPH_ERROR_IO,      /* the file could not be read */
  TUPU_GRAPH_ERROR_INVALID, /* the file was read but is not a valid graph (see diagnostics) */
} TupuGraphError;

/* The kinds, in the order of docs/graph-format.md. Visual style comes from the kind only. */
typedef enum
{
  TUPU_KIND_REPORT,
  TUPU_KIND_PART,
  TUPU_KIND_POINT,
  TUPU_KIND_LIST,
  TUPU_KIND_ITEM,
  TUPU_KIND_CONCEPT,
  TUPU_KIND_PRINCIPLE,
  TUPU_KIND_GOAL,
  TUPU_KIND_ACTION,
  TUPU_KIND_TASK,
  TUPU_KIND_DUTY,
  TUPU_KIND_BRAND,
  TUPU_KIND_CAPABILITY,
  TUPU_KIND_METHOD,
  TUPU_KIND_PROBLEM,
  TUPU_KIND_DOCUMENT,
  TUPU_N_KINDS
} TupuKind;

typedef enum
{
  TUPU_RELATION_PART_OF,
  TUPU_RELATION_SUPPORTS,
  TUPU_RELATION_EMBODIES,
  TUPU_RELATION_BUILDS,
  TUPU_RELATION_LEADS_TO,
  TUPU_RELATION_RELATES_TO,
  TUPU_N_RELATIONS
} TupuRelation;

/* Whose words a node's zh label is: the file's "label_origin". */
typedef enum
{
  TUPU_LABEL_ORIGIN_SPEECH,    /* the text's own words */
  TUPU_LABEL_ORIGIN_CITATION,  /* an outside text's words, quoted by one of its citation sources */
  TUPU_LABEL_ORIGIN_EDITORIAL, /* a heading the editors wrote */
  TUPU_N_LABEL_ORIGINS
} TupuLabelOrigin;

const char *tupu_kind_to_string (TupuKind kind); /* "list" */
gboolean    tupu_kind_from_string (const char *str, TupuKind *kind);
const char *tupu_kind_display_name (TupuKind kind); /* translated, e.g. _("List") */
const char *tupu_relation_to_string (TupuRelation relation);
gboolean    tupu_relation_from_string (const char *str, TupuRelation *relation);
const char *tupu_relation_display_name (TupuRelation relation);
gboolean    tupu_id_is_valid (const char *id);
const char *tupu_label_origin_to_string (TupuLabelOrigin origin); /* "citation" */
gboolean    tupu_label_origin_from_string (const char *str, TupuLabelOrigin *origin);

typedef enum
{
  TUPU_SOURCE_SPEECH,
  TUPU_SOURCE_CITATION,
} TupuSourceType;

typedef struct
{
  TupuSourceType type;
  int            para;   /* speech: 1-based paragraph; 0 for citations */
  int            offset; /* speech: character offset of the quote in the paragraph (always
                          * resolved by the loader, even when the file omits it); -1 otherwise */
  char *quote;           /* may be NULL for a citation */
  char *citation;        /* citation only */
  char *url;             /* citation only, http(s) or NULL */
} TupuSource;

typedef struct
{
  char           *id;
  TupuKind        kind;
  char           *label_zh;
  char           *label_en;
  TupuLabelOrigin label_origin;
  char           *summary_zh;
  char           *summary_en;
  int             count; /* 0 when absent */
  gboolean        count_only;
  GPtrArray      *sources; /* of TupuSource*, first = defining mention */
  guint           line;    /* where the node's object starts in the file (1-based) */
  guint           column;

  /* Derived by the loader. */
  guint   index;    /* position in tupu_graph_get_nodes() */
  int     parent;   /* index of the part-of parent, -1 for the root */
  GArray *children; /* guint indices of part-of children, in speech order */
  guint   order;    /* rank in speech order, 0 = the root */
  guint   depth;    /* 0 for the root */
} TupuNode;

typedef struct
{
  guint        source; /* node index */
  guint        target; /* node index */
  TupuRelation relation;
  guint        line;
  guint        column;
} TupuEdge;

typedef enum
{
  TUPU_SEVERITY_WARNING,
  TUPU_SEVERITY_ERROR,
} TupuSeverity;

/* One problem found in a file. */
typedef struct
{
  TupuSeverity severity;
  char        *file;    /* display name, as given to the loader */
  guint        line;    /* 1-based; 0 when the whole file is meant */
  guint        column;  /* 1-based, in characters */
  char        *message; /* plain text, untranslated-safe to print; never markup */
} TupuDiagnostic;

TupuDiagnostic *tupu_diagnostic_new (TupuSeverity severity, const char *file, guint line,
                                     guint column, const char *message);
void            tupu_diagnostic_free (TupuDiagnostic *diag);
/* "file:line:column: message" ("file: message" when line is 0), prefixed "warning: " for warnings
 */
char *tupu_diagnostic_format (const TupuDiagnostic *diag);
/* The first diagnostic of @severity in @diagnostics (which may be NULL), or NULL: with
 * TUPU_SEVERITY_ERROR, the one a refused file is summed up by. */
const TupuDiagnostic *tupu_diagnostics_first (GPtrArray *diagnostics, TupuSeverity severity);

#define TUPU_TYPE_GRAPH (tupu_graph_get_type ())
G_DECLARE_FINAL_TYPE (TupuGraph, tupu_graph, TUPU, GRAPH, GObject)

/* Load and validate. On failure returns NULL and sets @error (TUPU_GRAPH_ERROR_INVALID with the
 * first error's formatted text as message, or _IO). @diagnostics, when not NULL, receives a new
 * array (element free func set) of every problem found, errors and warnings, in file order;
 * it is filled on success too (warnings). @display_name is used in messages (e.g. the path).
 * @text is the text whose paragraphs speech sources refer to; NULL = the built-in speech. */
TupuGraph *tupu_graph_load_bytes (GBytes *bytes, const char *display_name, TupuText *text,
                                  GPtrArray **diagnostics, GError **error);
/* Reads @file (refusing files over the size limit before reading them), resolves a top-level
 * "text" member next to it, and calls tupu_graph_load_bytes(). */
TupuGraph *tupu_graph_load_file (GFile *file, GCancellable *cancellable, GPtrArray **diagnostics,
                                 GError **error);
/* The built-in speech graph, from the core GResource. Never fails for a correct build. */
TupuGraph *tupu_graph_load_builtin (GError **error);

const char     *tupu_graph_get_id (TupuGraph *self);
const char     *tupu_graph_get_title_zh (TupuGraph *self);
const char     *tupu_graph_get_title_en (TupuGraph *self);
TupuText       *tupu_graph_get_text (TupuGraph *self);
guint           tupu_graph_get_n_nodes (TupuGraph *self);
const TupuNode *tupu_graph_get_node (TupuGraph *self, guint index);
/* Returns -1 when @id is unknown. */
int             tupu_graph_lookup (TupuGraph *self, const char *id);
guint           tupu_graph_get_n_edges (TupuGraph *self);
const TupuEdge *tupu_graph_get_edge (TupuGraph *self, guint index);
guint           tupu_graph_get_root (TupuGraph *self);
/* Node indices sorted by speech order (element i has order i). */
const guint *tupu_graph_get_speech_order (TupuGraph *self);
/* Edge indices touching node @index (any relation, either direction). */
const GArray *tupu_graph_get_node_edges (TupuGraph *self, guint index);
/* TRUE when @index is @ancestor or lies under it in the part-of tree. */
gboolean tupu_graph_is_descendant (TupuGraph *self, guint index, guint ancestor);

G_END_DECLS
