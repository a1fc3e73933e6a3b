/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-folding.c: see tupu-folding.h. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "tupu-folding.h"

/* The overview shows a level only while it holds at most this many concepts: a column (or row)
 * of more cannot be read in a default-sized window once the whole picture is fitted. */
#define OVERVIEW_MAX_PER_LEVEL 12
#define STATE_FORMAT 1

/* A writable copy of @folded when it fits @graph, else all unfolded. */
static guint8 *
dup_bytes (GBytes *folded, TupuGraph *graph)
{
  guint         n = tupu_graph_get_n_nodes (graph);
  gsize         size = 0;
  const guint8 *data = folded != NULL ? g_bytes_get_data (folded, &size) : NULL;

  return size == n ? g_memdup2 (data, MAX (n, 1u)) : g_malloc0 (MAX (n, 1u));
}

static gboolean
has_parts (const TupuNode *node)
{
  return node->children != NULL && node->children->len > 0;
}

GBytes *
tupu_folding_new_overview (TupuGraph *graph)
{
  g_autofree guint *per_depth = NULL;
  guint             n, max_depth = 0, levels;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);

  n = tupu_graph_get_n_nodes (graph);
  per_depth = g_new0 (guint, n + 1);
  for (guint i = 0; i < n; i++)
    {
      guint depth = MIN (tupu_graph_get_node (graph, i)->depth, n);

      per_depth[depth]++;
      max_depth = MAX (max_depth, depth);
    }
  /* The root alone says nothing: its parts always show, however many. */
  levels = 2;
  while (levels <= max_depth && per_depth[levels] <= OVERVIEW_MAX_PER_LEVEL)
    levels++;
  return tupu_folding_new_levels (graph, levels);
}

GBytes *
tupu_folding_new_levels (TupuGraph *graph, guint levels)
{
  guint   n;
  guint8 *bytes;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);

  n = tupu_graph_get_n_nodes (graph);
  bytes = g_malloc0 (MAX (n, 1u));
  for (guint i = 0; i < n; i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      /* Level 1 is the root (depth 0). */
      bytes[i] = has_parts (node) && node->depth + 1 >= levels;
    }
  return g_bytes_new_take (bytes, n);
}

gboolean
tupu_folding_is_folded (GBytes *folded, TupuGraph *graph, guint index)
{
  gsize         size = 0;
  const guint8 *data;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), FALSE);

  data = folded != NULL ? g_bytes_get_data (folded, &size) : NULL;
  return size == tupu_graph_get_n_nodes (graph) && index < size && data[index] != 0;
}

GBytes *
tupu_folding_set (GBytes *folded, TupuGraph *graph, guint index, gboolean fold)
{
  guint8 *bytes;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (index < tupu_graph_get_n_nodes (graph), NULL);

  bytes = dup_bytes (folded, graph);
  bytes[index] = fold && has_parts (tupu_graph_get_node (graph, index));
  return g_bytes_new_take (bytes, tupu_graph_get_n_nodes (graph));
}

GBytes *
tupu_folding_reveal (GBytes *folded, TupuGraph *graph, guint index)
{
  guint8 *bytes;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (index < tupu_graph_get_n_nodes (graph), NULL);

  bytes = dup_bytes (folded, graph);
  for (int a = tupu_graph_get_node (graph, index)->parent; a >= 0;
       a = tupu_graph_get_node (graph, a)->parent)
    bytes[a] = 0;
  return g_bytes_new_take (bytes, tupu_graph_get_n_nodes (graph));
}

gboolean
tupu_folding_is_hidden (GBytes *folded, TupuGraph *graph, guint index)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (graph), FALSE);
  g_return_val_if_fail (index < tupu_graph_get_n_nodes (graph), FALSE);

  for (int a = tupu_graph_get_node (graph, index)->parent; a >= 0;
       a = tupu_graph_get_node (graph, a)->parent)
    if (tupu_folding_is_folded (folded, graph, a))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Keeping it                                                                                 */

/* Graph ids are the curator's: a file name only when they are plainly safe as one. */
static GFile *
state_file (TupuGraph *graph, GFile *dir)
{
  const char      *id = tupu_graph_get_id (graph);
  g_autofree char *name = NULL;
  gboolean         safe = *id != '\0' && *id != '.';

  for (const char *p = id; safe && *p != '\0'; p++)
    safe = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.';
  if (safe)
    name = g_strconcat (id, ".json", NULL);
  else
    {
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);

      name = g_strconcat (sum, ".json", NULL);
    }
  return g_file_get_child (dir, name);
}

/* Sets the byte of every id of @array (a JSON array of strings) in @bytes to @value. */
static void
apply_ids (JsonArray *array, TupuGraph *graph, guint8 *bytes, guint8 value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      int       index;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      index = tupu_graph_lookup (graph, json_node_get_string (element));
      if (index >= 0 && has_parts (tupu_graph_get_node (graph, index)))
        bytes[index] = value;
    }
}

static JsonArray *
member_array (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

GBytes *
tupu_folding_load (TupuGraph *graph, GFile *dir, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) defaults = NULL;
  g_autofree char *contents = NULL;
  gsize            length = 0;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  guint8   *bytes;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  defaults = tupu_folding_new_overview (graph);
  file = state_file (graph, dir);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      /* Nothing kept yet is the usual case, not a problem. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return g_steal_pointer (&defaults);
    }

  if (!json_parser_load_from_data (parser, contents, length, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    {
      g_autofree char *path = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path,
                   local_error != NULL ? local_error->message : "not a JSON object");
      return g_steal_pointer (&defaults);
    }

  bytes = dup_bytes (defaults, graph);
  apply_ids (member_array (json_node_get_object (root), "folded"), graph, bytes, 1);
  apply_ids (member_array (json_node_get_object (root), "unfolded"), graph, bytes, 0);
  return g_bytes_new_take (bytes, tupu_graph_get_n_nodes (graph));
}

gboolean
tupu_folding_save (GBytes *folded, TupuGraph *graph, GFile *dir, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir_path = g_file_get_path (dir);

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, STATE_FORMAT);
  json_builder_set_member_name (builder, "graph");
  json_builder_add_string_value (builder, tupu_graph_get_id (graph));
  for (int fold = 1; fold >= 0; fold--)
    {
      json_builder_set_member_name (builder, fold ? "folded" : "unfolded");
      json_builder_begin_array (builder);
      for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
        if (has_parts (tupu_graph_get_node (graph, i)) &&
            tupu_folding_is_folded (folded, graph, i) == fold)
          json_builder_add_string_value (builder, tupu_graph_get_node (graph, i)->id);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (dir_path == NULL || g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not create the folder %s",
                   dir_path != NULL ? dir_path : "(not local)");
      return FALSE;
    }
  file = state_file (graph, dir);
  path = g_file_get_path (file);
  /* Written to a temporary file and renamed over the old one: never half a file. */
  return g_file_set_contents (path, text, -1, error);
}

GFile *
tupu_folding_default_dir (void)
{
  return g_file_new_build_filename (g_get_user_state_dir (), "tupu", "folding", NULL);
}
