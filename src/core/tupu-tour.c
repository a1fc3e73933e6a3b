/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-tour.c: the guided tour's position per graph, in a key file. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "tupu-tour.h"

#define TOUR_FILE "tour.ini"
#define POSITION_KEY "position"

/* A key file group may hold neither brackets nor control characters: an id with any is kept
 * under its checksum. */
static char *
group_name (TupuGraph *graph)
{
  const char *id = tupu_graph_get_id (graph);
  gboolean    safe = *id != '\0';

  for (const char *p = id; safe && *p != '\0'; p++)
    safe = *p != '[' && *p != ']' && !g_ascii_iscntrl (*p);
  return safe ? g_strdup (id) : g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);
}

static char *
tour_path (GFile *dir)
{
  g_autoptr (GFile) file = g_file_get_child (dir, TOUR_FILE);

  return g_file_get_path (file);
}

int
tupu_tour_load (TupuGraph *graph, GFile *dir, GError **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autofree char *group = NULL;
  g_autofree char *id = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), -1);
  g_return_val_if_fail (G_IS_FILE (dir), -1);

  path = tour_path (dir);
  if (path == NULL || !g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &local))
    {
      if (local != NULL && !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }
  group = group_name (graph);
  id = g_key_file_get_string (keys, group, POSITION_KEY, NULL);
  return id != NULL ? tupu_graph_lookup (graph, id) : -1;
}

gboolean
tupu_tour_save (TupuGraph *graph, guint index, GFile *dir, GError **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autofree char *group = NULL;
  g_autofree char *dir_path = NULL;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), FALSE);
  g_return_val_if_fail (index < tupu_graph_get_n_nodes (graph), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  dir_path = g_file_get_path (dir);
  path = tour_path (dir);
  if (dir_path == NULL || path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not a local folder");
      return FALSE;
    }
  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir_path,
                   g_strerror (saved));
      return FALSE;
    }
  /* The other graphs' positions stay; a damaged file is started afresh. */
  g_key_file_load_from_file (keys, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  group = group_name (graph);
  g_key_file_set_string (keys, group, POSITION_KEY, tupu_graph_get_node (graph, index)->id);
  return g_key_file_save_to_file (keys, path, error);
}

GFile *
tupu_tour_default_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "tupu", NULL);
}
