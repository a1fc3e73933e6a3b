/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tour.c: where the guided tour stopped, kept per graph in a key file. */

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tupu-tour.h"

static TupuGraph *
builtin (void)
{
  g_autoptr (GError) error = NULL;
  TupuGraph *graph = tupu_graph_load_builtin (&error);

  g_assert_no_error (error);
  return graph;
}

static GFile *
temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_dir_make_tmp ("tupu-tour-XXXXXX", &error);

  g_assert_no_error (error);
  /* A folder inside it that does not exist yet: saving creates it. */
  return g_file_new_build_filename (path, "tupu", NULL);
}

static void
remove_dir (GFile *dir)
{
  g_autoptr (GFile) file = g_file_get_child (dir, "tour.ini");
  g_autoptr (GFile) parent = g_file_get_parent (dir);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
  g_file_delete (parent, NULL, NULL);
}

static void
test_round_trip (void)
{
  g_autoptr (TupuGraph) graph = builtin ();
  g_autoptr (GFile) dir = temp_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_get_child (dir, "tour.ini");
  g_autofree char *contents = NULL;
  int              index = tupu_graph_lookup (graph, "theme-education");

  /* Nothing kept yet: no position, no error. */
  g_assert_cmpint (tupu_tour_load (graph, dir, &error), ==, -1);
  g_assert_no_error (error);

  g_assert_true (tupu_tour_save (graph, index, dir, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tupu_tour_load (graph, dir, &error), ==, index);
  g_assert_no_error (error);

  /* Kept by id, so an edited graph finds it wherever the concept moved. */
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  g_assert_nonnull (strstr (contents, "position=theme-education"));
  remove_dir (dir);
}

/* Another graph's position stays; an id the graph lost reads as none. */
static void
test_other_graphs (void)
{
  g_autoptr (TupuGraph) graph = builtin ();
  g_autoptr (GFile) dir = temp_dir ();
  g_autoptr (GFile) file = g_file_get_child (dir, "tour.ini");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *group = g_strdup_printf ("[%s]\nposition=vanished\n\n[other]\nposition=x\n",
                                            tupu_graph_get_id (graph));
  g_autofree char *contents = NULL;

  g_assert_true (g_mkdir_with_parents (g_file_peek_path (dir), 0700) == 0);
  g_assert_true (g_file_set_contents (path, group, -1, NULL));
  g_assert_cmpint (tupu_tour_load (graph, dir, &error), ==, -1);
  g_assert_no_error (error);

  g_assert_true (tupu_tour_save (graph, tupu_graph_get_root (graph), dir, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "[other]\nposition=x"));
  remove_dir (dir);
}

/* A damaged file is reported, left alone by loading, and replaced by the next step. */
static void
test_damaged (void)
{
  g_autoptr (TupuGraph) graph = builtin ();
  g_autoptr (GFile) dir = temp_dir ();
  g_autoptr (GFile) file = g_file_get_child (dir, "tour.ini");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  g_assert_true (g_mkdir_with_parents (g_file_peek_path (dir), 0700) == 0);
  g_assert_true (g_file_set_contents (path, "\xff\xfe not a key file [", -1, NULL));
  g_assert_cmpint (tupu_tour_load (graph, dir, &error), ==, -1);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (tupu_tour_save (graph, tupu_graph_get_root (graph), dir, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tupu_tour_load (graph, dir, &error), ==, (int)tupu_graph_get_root (graph));
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tour/round-trip", test_round_trip);
  g_test_add_func ("/tour/other-graphs", test_other_graphs);
  g_test_add_func ("/tour/damaged", test_damaged);
  return g_test_run ();
}
