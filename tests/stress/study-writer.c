/* SPDX-License-Identifier: GPL-3.0-or-later */
/* study-writer.c: the child test-study-kill kills. It opens the speech graph's study store in
 * the folder it is given and records reviews as fast as it can, forever, each one saved by the
 * store before the call returns. It says "start N" once the store is open (N reviews in it) and
 * "saved N" after each save, so that the parent knows the last state that reached the disk. The
 * reviews are a function of N alone, so a file's content can be checked from its length. */

#include <stdio.h>

#include "tupu-study-store.h"

#define T0 ((gint64)1767605400)

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  g_autoptr (GFile) dir = NULL;
  g_autoptr (TupuStudyStore) store = NULL;
  guint n_nodes;

  if (argc != 2)
    {
      g_printerr ("usage: study-writer FOLDER\n");
      return 2;
    }
  graph = tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  dir = g_file_new_for_path (argv[1]);
  store = tupu_study_store_new (graph, dir);
  if (tupu_study_store_get_load_error (store) != NULL)
    {
      g_printerr ("study-writer: %s\n", tupu_study_store_get_load_error (store)->message);
      return 3;
    }
  n_nodes = tupu_graph_get_n_nodes (graph);
  printf ("start %u\n", tupu_study_store_get_log (store)->len);
  fflush (stdout);
  for (guint n = tupu_study_store_get_log (store)->len;; n++)
    {
      const char    *id = tupu_graph_get_node (graph, n % n_nodes)->id;
      TupuFsrsRating rating = n % 5 == 0 ? TUPU_FSRS_AGAIN : TUPU_FSRS_GOOD;

      if (!tupu_study_store_review (store, id, rating, T0 + (gint64)n * 60, n, NULL, &error))
        {
          g_printerr ("study-writer: %s\n", error->message);
          return 4;
        }
      printf ("saved %u\n", n + 1);
      fflush (stdout);
    }
}
