/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-loader.c: libFuzzer harness for the strict loader, tupu_graph_load_bytes() on arbitrary
 * bytes. Besides crashes, leaks and undefined behaviour (the sanitizers), it aborts when the
 * loader breaks its own contract: a graph xor an error, every problem located and plain UTF-8,
 * and a loaded graph inside the documented limits with a consistent part-of tree. */
#include <stdint.h>

#include "tupu-graph.h"

/* docs/graph-format.md, "Limits". */
#define MAX_NODES 20000
#define MAX_EDGES 80000
#define MAX_DEGREE 500
#define MAX_DEPTH 32

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  /* A failed g_return_if_fail() in our code is a bug the fuzzer must report as a crash. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

static guint
count_lines (const uint8_t *data, size_t size)
{
  guint lines = 1;

  for (size_t i = 0; i < size; i++)
    lines += data[i] == '\n';
  return lines;
}

static void
check_diagnostics (GPtrArray *diagnostics, gboolean loaded, guint n_lines)
{
  gboolean has_error = FALSE;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const TupuDiagnostic *diag = g_ptr_array_index (diagnostics, i);
      g_autofree char      *text = tupu_diagnostic_format (diag);

      g_assert_nonnull (diag->message);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      /* Located inside the file (line 0 means "the whole file"; a column may point just past the
       * last character, at the end of the input). */
      g_assert_cmpuint (diag->line, <=, n_lines);
      g_assert_true (diag->line > 0 || diag->column == 0);
      has_error |= diag->severity == TUPU_SEVERITY_ERROR;
    }
  /* A refused file says why; a loaded one has no errors. */
  g_assert_true (loaded != has_error);
}

static void
check_graph (TupuGraph *graph)
{
  guint        n_nodes = tupu_graph_get_n_nodes (graph);
  guint        n_edges = tupu_graph_get_n_edges (graph);
  guint        root = tupu_graph_get_root (graph);
  const guint *order = tupu_graph_get_speech_order (graph);

  g_assert_cmpuint (n_nodes, >=, 1);
  g_assert_cmpuint (n_nodes, <=, MAX_NODES);
  g_assert_cmpuint (n_edges, <=, MAX_EDGES);
  g_assert_cmpuint (root, <, n_nodes);
  g_assert_cmpint (tupu_graph_get_node (graph, root)->parent, ==, -1);
  g_assert_cmpuint (order[0], ==, root);

  for (guint i = 0; i < n_nodes; i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      g_assert_true (tupu_id_is_valid (node->id));
      g_assert_cmpint (tupu_graph_lookup (graph, node->id), ==, (int)i);
      g_assert_cmpuint (node->index, ==, i);
      g_assert_cmpuint (order[node->order], ==, i);
      g_assert_cmpuint (node->depth, <=, MAX_DEPTH);
      g_assert_cmpuint (tupu_graph_get_node_edges (graph, i)->len, <=, MAX_DEGREE);
      g_assert_true (node->sources->len >= 1);
      if (i != root)
        {
          g_assert_cmpint (node->parent, >=, 0);
          g_assert_cmpuint (node->parent, <, n_nodes);
          g_assert_cmpuint (tupu_graph_get_node (graph, node->parent)->depth + 1, ==, node->depth);
          g_assert_true (tupu_graph_is_descendant (graph, i, root));
        }
    }
  for (guint i = 0; i < n_edges; i++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (graph, i);

      g_assert_cmpuint (edge->source, <, n_nodes);
      g_assert_cmpuint (edge->target, <, n_nodes);
      g_assert_cmpuint (edge->source, !=, edge->target);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* Static bytes: the loader reads libFuzzer's exactly-sized buffer, so any over-read is caught. */
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;

  graph = tupu_graph_load_bytes (bytes, "fuzz.json", NULL, &diagnostics, &error);
  g_assert_true ((graph == NULL) == (error != NULL));
  g_assert_nonnull (diagnostics);
  check_diagnostics (diagnostics, graph != NULL, count_lines (data, size));
  if (graph != NULL)
    check_graph (graph);
  else
    g_assert_true (g_error_matches (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_INVALID));
  return 0;
}
