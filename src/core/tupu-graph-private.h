/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-graph-private.h: how the loader builds a TupuGraph. Not for use outside src/core. */
#pragma once

#include "tupu-graph.h"

G_BEGIN_DECLS

/* The limits of docs/graph-format.md, shared by the loader and its tests. */
/* A plain number: the loader's message and the tests stringify it. */
#define TUPU_LIMIT_FILE_SIZE_MIB 16
#define TUPU_LIMIT_FILE_SIZE (TUPU_LIMIT_FILE_SIZE_MIB * 1024 * 1024)
#define TUPU_LIMIT_DEPTH 32
#define TUPU_LIMIT_NODES 20000
#define TUPU_LIMIT_EDGES 80000
#define TUPU_LIMIT_DEGREE 500
#define TUPU_LIMIT_LABEL 200
#define TUPU_LIMIT_SUMMARY 2000
#define TUPU_LIMIT_QUOTE 2000
#define TUPU_LIMIT_SOURCES 100
#define TUPU_LIMIT_TREE_DEPTH 32
#define TUPU_LIMIT_ID 64

TupuNode   *_tupu_node_new (void);
void        _tupu_node_free (TupuNode *node);
TupuSource *_tupu_source_new (void);
void        _tupu_source_free (TupuSource *source);

/* Takes ownership of @nodes (TupuNode*, free func set) and @edges (TupuEdge). The nodes and edges
 * must already be valid: one part-of tree, every index in range. Computes the derived fields. */
TupuGraph *_tupu_graph_new (const char *id, const char *title_zh, const char *title_en,
                            TupuText *text, GPtrArray *nodes, GArray *edges);

/* The second half of tupu_graph_load_file(), once the file is open: reads @stream to its end
 * (or just past the size limit, which is then refused) and loads it as @display_name, with a
 * "text" member looked up in @dir (NULL: ignored with a warning, as by tupu_graph_load_bytes()). */
TupuGraph *_tupu_graph_load_stream (GInputStream *stream, const char *display_name, GFile *dir,
                                    GCancellable *cancellable, GPtrArray **diagnostics,
                                    GError **error);

G_END_DECLS
