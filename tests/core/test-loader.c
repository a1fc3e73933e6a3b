/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-loader.c: good files load with the right derived fields. */

#include <locale.h>
#include <string.h>

#include "tupu-graph.h"

static void
check_invariants (TupuGraph *graph)
{
  guint n = tupu_graph_get_n_nodes (graph);
  const guint *order = tupu_graph_get_speech_order (graph);
  guint root = tupu_graph_get_root (graph);

  g_assert_cmpuint (tupu_graph_get_node (graph, root)->kind, ==, TUPU_KIND_REPORT);
  g_assert_cmpint (tupu_graph_get_node (graph, root)->parent, ==, -1);
  g_assert_cmpuint (order[0], ==, root);
  for (guint i = 0; i < n; i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      g_assert_cmpuint (node->index, ==, i);
      g_assert_cmpint (tupu_graph_lookup (graph, node->id), ==, i);
      g_assert_cmpuint (order[node->order], ==, i);
      if (i != root)
        {
          const TupuNode *parent = tupu_graph_get_node (graph, node->parent);

          g_assert_cmpuint (node->depth, ==, parent->depth + 1);
          g_assert_true (tupu_graph_is_descendant (graph, i, root));
        }
      for (guint c = 0; c < node->children->len; c++)
        {
          guint child = g_array_index (node->children, guint, c);

          g_assert_cmpint (tupu_graph_get_node (graph, child)->parent, ==, i);
          if (c > 0)
            g_assert_cmpuint (tupu_graph_get_node (graph, child)->order, >,
                              tupu_graph_get_node (graph, g_array_index (node->children, guint, c - 1))->order);
        }
    }
}

static void
test_builtin (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = tupu_graph_load_builtin (&error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  check_invariants (graph);
}

static void
test_good_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = tupu_graph_load_file (file, NULL, &diags, &error);

  for (guint i = 0; diags != NULL && i < diags->len; i++)
    {
      g_autofree char *text = tupu_diagnostic_format (g_ptr_array_index (diags, i));
      g_test_message ("%s", text);
    }
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  check_invariants (graph);
}

static void
add_good_tests (void)
{
  g_autofree char *dir_path = g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "tests", "data",
                                                "good", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *test_path = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      test_path = g_strdup_printf ("/loader/good/%.*s", (int) strlen (name) - 5, name);
      g_test_add_data_func_full (test_path, g_build_filename (dir_path, name, NULL),
                                 test_good_file, g_free);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/builtin", test_builtin);
  add_good_tests ();

  return g_test_run ();
}
