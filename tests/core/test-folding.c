/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-folding.c: which concepts are folded — the overview, levels, folding one concept,
 * revealing a hidden one — what the layout does with it, and keeping it per graph on disk. */

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tupu-folding.h"
#include "tupu-layout.h"

static TupuGraph *
load_builtin (void)
{
  g_autoptr (GError) error = NULL;
  TupuGraph *graph = tupu_graph_load_builtin (&error);

  g_assert_no_error (error);
  return graph;
}

static guint
count_folded (GBytes *folded, TupuGraph *graph)
{
  guint n = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    n += tupu_folding_is_folded (folded, graph, i);
  return n;
}

static guint
count_shown (GBytes *folded, TupuGraph *graph)
{
  guint n = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    n += !tupu_folding_is_hidden (folded, graph, i);
  return n;
}

static gboolean
has_parts (TupuGraph *graph, guint i)
{
  const TupuNode *node = tupu_graph_get_node (graph, i);

  return node->children != NULL && node->children->len > 0;
}

/* Levels: exactly the concepts with parts at that level or deeper are folded, so exactly the
 * concepts above it show. */
static void
test_levels (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();

  for (guint levels = 1; levels <= 5; levels++)
    {
      g_autoptr (GBytes) folded = tupu_folding_new_levels (graph, levels);

      for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
        {
          const TupuNode *node = tupu_graph_get_node (graph, i);

          g_assert_cmpint (tupu_folding_is_folded (folded, graph, i), ==,
                           has_parts (graph, i) && node->depth + 1 >= levels);
          g_assert_cmpint (tupu_folding_is_hidden (folded, graph, i), ==, node->depth >= levels);
        }
    }
}

/* The overview of the speech: the report and its parts (the next level has far more than a
 * dozen concepts); a graph small at every level opens whole. */
static void
test_overview (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  g_autoptr (GBytes) overview = tupu_folding_new_overview (graph);
  guint root = tupu_graph_get_root (graph);
  guint parts = tupu_graph_get_node (graph, root)->children->len;

  g_assert_cmpuint (count_shown (overview, graph), ==, 1 + parts);
  g_assert_false (tupu_folding_is_folded (overview, graph, root));
  for (guint c = 0; c < parts; c++)
    {
      guint child = g_array_index (tupu_graph_get_node (graph, root)->children, guint, c);

      g_assert_cmpint (tupu_folding_is_folded (overview, graph, child), ==,
                       has_parts (graph, child));
    }
}

/* Folding one concept hides its whole subtree; revealing a deep concept unfolds every ancestor
 * and nothing else; a concept without parts cannot be folded. */
static void
test_set_and_reveal (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  g_autoptr (GBytes) none = tupu_folding_set (NULL, graph, tupu_graph_get_root (graph), FALSE);
  g_autoptr (GBytes) levels = tupu_folding_new_levels (graph, 2);
  g_autoptr (GBytes) revealed = NULL;
  int   deep = -1;
  guint n = tupu_graph_get_n_nodes (graph);

  g_assert_cmpuint (count_folded (none, graph), ==, 0);
  for (guint i = 0; i < n && deep < 0; i++)
    if (tupu_graph_get_node (graph, i)->depth >= 4)
      deep = i;
  g_assert_cmpint (deep, >=, 0);
  g_assert_true (tupu_folding_is_hidden (levels, graph, deep));

  revealed = tupu_folding_reveal (levels, graph, deep);
  g_assert_false (tupu_folding_is_hidden (revealed, graph, deep));
  for (guint i = 0; i < n; i++)
    if (tupu_graph_is_descendant (graph, deep, i) && i != (guint)deep)
      g_assert_false (tupu_folding_is_folded (revealed, graph, i));
    else
      g_assert_cmpint (tupu_folding_is_folded (revealed, graph, i), ==,
                       tupu_folding_is_folded (levels, graph, i));

  for (guint i = 0; i < n; i++)
    if (!has_parts (graph, i))
      {
        g_autoptr (GBytes) leaf = tupu_folding_set (none, graph, i, TRUE);

        g_assert_false (tupu_folding_is_folded (leaf, graph, i));
        break;
      }
}

/* The layout leaves folded-away concepts out, badges the concepts that hold them with their
 * number of parts, and keeps only links between concepts shown. */
static void
test_layout (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  g_autoptr (GBytes) overview = tupu_folding_new_overview (graph);
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuLayout) layout = NULL;
  TupuLayoutOptions options;
  guint             badges = 0;

  tupu_layout_options_init (&options);
  options.folded = overview;
  layout = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layout->n_nodes, ==, count_shown (overview, graph));

  for (guint g = 0; g < layout->n_nodes; g++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, layout->nodes[g].node);
      TupuRect        badge;

      g_assert_false (tupu_folding_is_hidden (overview, graph, layout->nodes[g].node));
      if (tupu_folding_is_folded (overview, graph, layout->nodes[g].node))
        {
          g_assert_cmpuint (layout->nodes[g].n_folded, ==, node->children->len);
          g_assert_true (tupu_layout_badge_rect (layout, g, &badge));
          /* Over the box's top-right corner. */
          g_assert_cmpfloat (badge.x, <, layout->nodes[g].box.x + layout->nodes[g].box.width);
          g_assert_cmpfloat (badge.x + badge.width, >,
                             layout->nodes[g].box.x + layout->nodes[g].box.width);
          badges++;
        }
      else
        g_assert_false (tupu_layout_badge_rect (layout, g, &badge));
    }
  g_assert_cmpuint (badges, >, 0);
  for (guint e = 0; e < layout->n_edges; e++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (graph, layout->edges[e].edge);

      g_assert_cmpint (layout->geom_of_node[edge->source], >=, 0);
      g_assert_cmpint (layout->geom_of_node[edge->target], >=, 0);
    }

  /* A fold state of the wrong size (another graph's) folds nothing. */
  {
    g_autoptr (GBytes) wrong = g_bytes_new_static ("\1\1\1", 3);
    g_autoptr (TupuLayout) whole = NULL;

    options.folded = wrong;
    whole = tupu_layout_compute (graph, &options, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (whole->n_nodes, ==, tupu_graph_get_n_nodes (graph));
  }
}

static char *
make_state_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("tupu-folding-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_state_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* What is saved loads back the same; nothing saved gives the overview; a damaged file gives the
 * overview, says where, and is left as it was; ids the graph lacks are ignored. */
static void
test_keep (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  g_autofree char *path = make_state_dir ();
  g_autoptr (GFile) dir = g_file_new_for_path (path);
  g_autoptr (GBytes) overview = tupu_folding_new_overview (graph);
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) changed = NULL;
  g_autoptr (GBytes) loaded = NULL;
  g_autoptr (GBytes) damaged = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strconcat (path, "/", tupu_graph_get_id (graph), ".json", NULL);
  g_autofree char *contents = NULL;
  guint            part;

  first = tupu_folding_load (graph, dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, overview));

  part =
      g_array_index (tupu_graph_get_node (graph, tupu_graph_get_root (graph))->children, guint, 3);
  g_assert_true (tupu_folding_is_folded (overview, graph, part));
  changed = tupu_folding_set (overview, graph, part, FALSE);
  g_assert_true (tupu_folding_save (changed, graph, dir, &error));
  g_assert_no_error (error);
  loaded = tupu_folding_load (graph, dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, changed));

  /* Unknown ids and non-strings are ignored; the rest applies. */
  g_assert_true (g_file_set_contents (
      file, "{\"folded\": [\"no-such-id\", 7], \"unfolded\": [\"part-1\"]}", -1, &error));
  g_clear_pointer (&loaded, g_bytes_unref);
  loaded = tupu_folding_load (graph, dir, &error);
  g_assert_no_error (error);
  g_assert_false (tupu_folding_is_folded (loaded, graph, tupu_graph_lookup (graph, "part-1")));

  g_assert_true (g_file_set_contents (file, "{\"folded\": [", -1, &error));
  damaged = tupu_folding_load (graph, dir, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, file));
  g_assert_true (g_bytes_equal (damaged, overview));
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"folded\": [");

  remove_state_dir (path);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/folding/levels", test_levels);
  g_test_add_func ("/folding/overview", test_overview);
  g_test_add_func ("/folding/set-and-reveal", test_set_and_reveal);
  g_test_add_func ("/folding/layout", test_layout);
  g_test_add_func ("/folding/keep", test_keep);
  return g_test_run ();
}
