/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-loader.c: good files load with the right derived fields; each bad file gives its one
 * expected error at its line:column (tests/data/bad/expected.json); limits hold on generated
 * files too big to commit. */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "trickle-stream.h"
#include "tupu-graph-private.h"
#include "tupu-json-scan.h"

#define MiB (1024 * 1024)

static char *data_path (const char *first, ...) G_GNUC_NULL_TERMINATED;

static char *
data_path (const char *first, ...)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list     args;

  g_ptr_array_add (parts, (gpointer)g_getenv ("TUPU_SOURCE_DIR"));
  g_ptr_array_add (parts, (gpointer) "tests");
  g_ptr_array_add (parts, (gpointer) "data");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer)part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **)parts->pdata);
}

static guint
count_errors (GPtrArray *diags)
{
  guint n = 0;

  for (guint i = 0; diags != NULL && i < diags->len; i++)
    if (((TupuDiagnostic *)g_ptr_array_index (diags, i))->severity == TUPU_SEVERITY_ERROR)
      n++;
  return n;
}

/* The diagnostic with @message, or NULL. */
static const TupuDiagnostic *
find_diagnostic (GPtrArray *diags, const char *message)
{
  for (guint i = 0; diags != NULL && i < diags->len; i++)
    if (g_strcmp0 (((TupuDiagnostic *)g_ptr_array_index (diags, i))->message, message) == 0)
      return g_ptr_array_index (diags, i);
  return NULL;
}

static void
print_diagnostics (GPtrArray *diags)
{
  for (guint i = 0; diags != NULL && i < diags->len; i++)
    {
      g_autofree char *text = tupu_diagnostic_format (g_ptr_array_index (diags, i));

      g_test_message ("%s", text);
    }
}

static TupuGraph *
load_string (const char *json, GPtrArray **diags, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (json, strlen (json));

  return tupu_graph_load_bytes (bytes, "test.json", NULL, diags, error);
}

/* ---- invariants of every loaded graph ------------------------------------------------------ */

static void
check_children (TupuGraph *graph, const TupuNode *node)
{
  for (guint c = 0; c < node->children->len; c++)
    {
      const TupuNode *child = tupu_graph_get_node (graph, g_array_index (node->children, guint, c));

      g_assert_cmpint (child->parent, ==, node->index);
      g_assert_cmpuint (child->depth, ==, node->depth + 1);
      if (c > 0)
        g_assert_cmpuint (
            child->order, >,
            tupu_graph_get_node (graph, g_array_index (node->children, guint, c - 1))->order);
    }
}

static void
check_node_edges (TupuGraph *graph, guint index)
{
  const GArray *edges = tupu_graph_get_node_edges (graph, index);
  guint         n = 0;

  for (guint e = 0; e < tupu_graph_get_n_edges (graph); e++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (graph, e);

      if (edge->source == index || edge->target == index)
        g_assert_cmpuint (g_array_index (edges, guint, n++), ==, e);
    }
  g_assert_cmpuint (edges->len, ==, n);
}

static void
check_invariants (TupuGraph *graph)
{
  guint        n = tupu_graph_get_n_nodes (graph);
  const guint *order = tupu_graph_get_speech_order (graph);
  guint        root = tupu_graph_get_root (graph);
  guint        n_children = 0;

  g_assert_cmpuint (tupu_graph_get_node (graph, root)->kind, ==, TUPU_KIND_REPORT);
  g_assert_cmpint (tupu_graph_get_node (graph, root)->parent, ==, -1);
  g_assert_cmpuint (tupu_graph_get_node (graph, root)->depth, ==, 0);
  g_assert_cmpuint (order[0], ==, root);
  for (guint i = 0; i < n; i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      g_assert_cmpuint (node->index, ==, i);
      g_assert_cmpint (tupu_graph_lookup (graph, node->id), ==, i);
      g_assert_cmpuint (order[node->order], ==, i);
      g_assert_true (tupu_graph_is_descendant (graph, i, root));
      g_assert_true (tupu_graph_is_descendant (graph, i, i));
      g_assert_cmpuint (node->sources->len, >, 0);
      for (guint s = 0; s < node->sources->len; s++)
        {
          const TupuSource *source = g_ptr_array_index (node->sources, s);

          if (source->type == TUPU_SOURCE_SPEECH)
            g_assert_cmpint (tupu_text_find (tupu_graph_get_text (graph), source->para,
                                             source->quote, source->offset),
                             ==, source->offset);
        }
      if (i != root)
        g_assert_false (tupu_graph_is_descendant (graph, root, i));
      if (node->count > 0 && !node->count_only)
        g_assert_cmpuint (node->children->len, ==, node->count);
      check_children (graph, node);
      check_node_edges (graph, i);
      n_children += node->children->len;
    }
  g_assert_cmpuint (n_children, ==, n - 1);
  g_assert_cmpint (tupu_graph_lookup (graph, "no-such-node"), ==, -1);
}

/* ---- good files ---------------------------------------------------------------------------- */

static TupuGraph *
load_good (const char *name, GPtrArray **diags)
{
  g_autofree char *path = data_path ("good", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  TupuGraph *graph = tupu_graph_load_file (file, NULL, diags, &error);

  print_diagnostics (*diags);
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  g_assert_cmpuint (count_errors (*diags), ==, 0);
  return graph;
}

static void
test_good_file (gconstpointer data)
{
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (TupuGraph) graph = load_good (data, &diags);

  check_invariants (graph);
}

static const TupuNode *
node_by_id (TupuGraph *graph, const char *id)
{
  int index = tupu_graph_lookup (graph, id);

  g_assert_cmpint (index, >=, 0);
  return tupu_graph_get_node (graph, index);
}

static void
assert_children (TupuGraph *graph, const char *id, const char *const *expected)
{
  const TupuNode *node = node_by_id (graph, id);

  g_assert_cmpuint (node->children->len, ==, g_strv_length ((char **)expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (tupu_graph_get_node (graph, g_array_index (node->children, guint, i))->id, ==,
                     expected[i]);
}

static void
test_every_kind_nodes (TupuGraph *graph)
{
  gboolean          kinds[TUPU_N_KINDS] = { FALSE };
  const TupuNode   *list = node_by_id (graph, "two-establishments");
  const TupuNode   *twelve = node_by_id (graph, "twelve-aspects");
  const TupuNode   *core = node_by_id (graph, "establish-core");
  const TupuSource *source;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    kinds[tupu_graph_get_node (graph, i)->kind] = TRUE;
  for (guint k = 0; k < TUPU_N_KINDS; k++)
    g_assert_true (kinds[k]);

  g_assert_cmpuint (list->kind, ==, TUPU_KIND_LIST);
  g_assert_cmpint (list->count, ==, 2);
  g_assert_cmpuint (list->sources->len, ==, 2);
  source = g_ptr_array_index (list->sources, 1);
  g_assert_cmpint (source->para, ==, 4);
  g_assert_cmpint (source->offset, ==, 145);
  g_assert_cmpint (twelve->count, ==, 12);
  g_assert_true (twelve->count_only);
  g_assert_cmpuint (twelve->children->len, ==, 0);
  source = g_ptr_array_index (core->sources, 0);
  g_assert_cmpuint (source->type, ==, TUPU_SOURCE_CITATION);
  g_assert_cmpint (source->offset, ==, -1);
  g_assert_cmpstr (source->url, ==, "https://www.gov.cn/zhengce/2021-11/16/content_5651269.htm");
  g_assert_cmpuint (node_by_id (graph, "report")->label_origin, ==, TUPU_LABEL_ORIGIN_EDITORIAL);
  g_assert_cmpuint (list->label_origin, ==, TUPU_LABEL_ORIGIN_SPEECH);
  g_assert_cmpuint (core->label_origin, ==, TUPU_LABEL_ORIGIN_CITATION);
  /* Offsets the file leaves out are resolved. */
  source = g_ptr_array_index (node_by_id (graph, "twelve-aspects")->sources, 0);
  g_assert_cmpint (source->offset, ==, 216);
}

static void
test_every_kind_tree (TupuGraph *graph)
{
  const char *const report[] = { "century-resolution", "part-2", "part-3", NULL };
  const char *const part2[] = { "general-requirement", "point-2-1", "two-functions",
                                "greatest-affairs", NULL };
  const char *const point21[] = { "absolute-loyalty", "two-establishments", "political-judgement",
                                  "loyal-hrss", NULL };
  const char *const list[] = { "establish-core", "establish-thought", NULL };
  const guint      *order = tupu_graph_get_speech_order (graph);
  guint             root = tupu_graph_get_root (graph);
  gboolean          relations[TUPU_N_RELATIONS] = { FALSE };

  g_assert_cmpstr (tupu_graph_get_node (graph, root)->id, ==, "report");
  /* A node without a speech source follows its parent: the resolution, then part 2. */
  g_assert_cmpstr (tupu_graph_get_node (graph, order[1])->id, ==, "century-resolution");
  g_assert_cmpstr (tupu_graph_get_node (graph, order[2])->id, ==, "part-2");
  assert_children (graph, "report", report);
  assert_children (graph, "part-2", part2);
  assert_children (graph, "point-2-1", point21);
  assert_children (graph, "two-establishments", list);
  g_assert_cmpuint (node_by_id (graph, "establish-core")->depth, ==, 4);
  g_assert_cmpuint (node_by_id (graph, "establish-thought")->order, ==,
                    node_by_id (graph, "establish-core")->order + 1);
  g_assert_true (tupu_graph_is_descendant (graph, tupu_graph_lookup (graph, "establish-core"),
                                           tupu_graph_lookup (graph, "part-2")));
  g_assert_false (tupu_graph_is_descendant (graph, tupu_graph_lookup (graph, "establish-core"),
                                            tupu_graph_lookup (graph, "part-3")));
  for (guint e = 0; e < tupu_graph_get_n_edges (graph); e++)
    relations[tupu_graph_get_edge (graph, e)->relation] = TRUE;
  for (guint r = 0; r < TUPU_N_RELATIONS; r++)
    g_assert_true (relations[r]);
  g_assert_cmpuint (tupu_graph_get_node_edges (graph, tupu_graph_lookup (graph, "loyal-hrss"))->len,
                    ==, 3);
}

static void
test_every_kind (void)
{
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (TupuGraph) graph = load_good ("every-kind.json", &diags);
  const TupuDiagnostic *warning;
  g_autofree char      *text = NULL;

  check_invariants (graph);
  g_assert_cmpstr (tupu_graph_get_id (graph), ==, "every-kind");
  g_assert_cmpstr (tupu_graph_get_title_zh (graph), ==, "每种类型");
  g_assert_cmpstr (tupu_graph_get_title_en (graph), ==, "Every kind");
  g_assert_true (tupu_graph_get_text (graph) == tupu_text_get_builtin ());
  test_every_kind_nodes (graph);
  test_every_kind_tree (graph);

  /* The unknown member is one warning, at its name. */
  g_assert_cmpuint (diags->len, ==, 1);
  warning = g_ptr_array_index (diags, 0);
  g_assert_cmpuint (warning->severity, ==, TUPU_SEVERITY_WARNING);
  text = tupu_diagnostic_format (warning);
  g_assert_cmpstr (text, ==, "every-kind.json:31:7: warning: unknown member \"colour\" is ignored");
}

static void
test_own_text (void)
{
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (TupuGraph) graph = load_good ("own-text.json", &diags);
  const char *const fruits[] = { "pears", "plums", NULL };
  TupuText         *text = tupu_graph_get_text (graph);
  const TupuSource *source;

  g_assert_cmpuint (diags->len, ==, 0);
  g_assert_true (text != tupu_text_get_builtin ());
  g_assert_cmpuint (tupu_text_get_n_paras (text), ==, 2);
  source = g_ptr_array_index (node_by_id (graph, "kinds-of-fruit")->sources, 0);
  g_assert_cmpint (source->offset, ==, 36);
  source = g_ptr_array_index (node_by_id (graph, "plums")->sources, 0);
  g_assert_cmpint (source->offset, ==, 29);
  assert_children (graph, "kinds-of-fruit", fruits);
}

static void
test_builtin (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  gint64 start = g_get_monotonic_time ();

  graph = tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  g_test_message ("the built-in graph (%u nodes, %u edges) loaded in %.1f ms the first time",
                  tupu_graph_get_n_nodes (graph), tupu_graph_get_n_edges (graph),
                  (g_get_monotonic_time () - start) / 1000.0);
  g_clear_object (&graph);
  start = g_get_monotonic_time ();
  graph = tupu_graph_load_builtin (&error);
  g_test_message ("and in %.1f ms the second time", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  check_invariants (graph);
  g_assert_cmpuint (tupu_graph_get_node (graph, tupu_graph_get_root (graph))->children->len, >=, 3);
}

static void
add_good_tests (void)
{
  g_autofree char *dir_path = data_path ("good", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *test_path = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      test_path = g_strdup_printf ("/loader/good/%.*s", (int)strlen (name) - 5, name);
      g_test_add_data_func_full (test_path, g_strdup (name), test_good_file, g_free);
    }
}

/* ---- bad files: tests/data/bad/expected.json ----------------------------------------------- */

static JsonParser *manifest;

static JsonObject *
manifest_files (void)
{
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (manifest)),
                                        "files");
}

static void
test_bad_file (gconstpointer data)
{
  const char      *name = data;
  JsonObject      *expected = json_object_get_object_member (manifest_files (), name);
  g_autofree char *path = data_path ("bad", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = tupu_graph_load_file (file, NULL, &diags, &error);
  const TupuDiagnostic *diag = tupu_diagnostics_first (diags, TUPU_SEVERITY_ERROR);
  g_autofree char      *formatted = NULL;

  print_diagnostics (diags);
  g_assert_null (graph);
  g_assert_error (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_INVALID);
  g_assert_nonnull (diag);
  g_assert_cmpstr (diag->file, ==, name);
  g_assert_cmpstr (diag->message, ==, json_object_get_string_member (expected, "message"));
  g_assert_cmpint (diag->line, ==, json_object_get_int_member (expected, "line"));
  g_assert_cmpint (diag->column, ==, json_object_get_int_member (expected, "column"));
  /* One problem per file, so a cascade of follow-up errors would show here. */
  g_assert_cmpuint (count_errors (diags), ==, 1);
  formatted = tupu_diagnostic_format (diag);
  g_assert_cmpstr (error->message, ==, formatted);
}

/* Every file has a line in the manifest and every line a file. */
static void
test_bad_manifest_complete (void)
{
  g_autofree char *dir_path = data_path ("bad", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr (GList) names = json_object_get_members (manifest_files ());
  const char *name;
  guint       n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (strcmp (name, "expected.json") == 0)
        continue;
      if (!json_object_has_member (manifest_files (), name))
        g_error ("%s is not in tests/data/bad/expected.json", name);
      n_files++;
    }
  g_assert_cmpuint (g_list_length (names), ==, n_files);
}

static void
add_bad_tests (void)
{
  g_autofree char *path = data_path ("bad", "expected.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) names = NULL;

  manifest = json_parser_new ();
  json_parser_load_from_file (manifest, path, &error);
  g_assert_no_error (error);
  names = json_object_get_members (manifest_files ());
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char      *name = l->data;
      g_autofree char *test_path =
          g_strdup_printf ("/loader/bad/%.*s", (int)strlen (name) - 5, name);

      g_test_add_data_func (test_path, name, test_bad_file);
    }
  g_test_add_func ("/loader/bad-manifest-complete", test_bad_manifest_complete);
}

/* ---- generated files: sizes and limits ----------------------------------------------------- */

static void
append_node (GString *json, const char *id, const char *kind)
{
  g_string_append_printf (json,
                          "{\"id\": \"%s\", \"kind\": \"%s\", "
                          "\"label\": {\"zh\": \"节\", \"en\": \"n\"}, "
                          "\"label_origin\": \"editorial\", "
                          "\"summary\": {\"zh\": \"节。\", \"en\": \"A node.\"}, "
                          "\"sources\": [{\"citation\": \"c\"}]}",
                          id, kind);
}

/* A graph: the report, @n_items items part-of it, and @extra appended to the edges. */
static GString *
make_graph (guint n_items, const char *extra_edges)
{
  GString *json = g_string_new ("{\"format_version\": 1, \"id\": \"big\", "
                                "\"title\": {\"zh\": \"大\", \"en\": \"Big\"}, "
                                "\"languages\": [\"zh\", \"en\"],\n\"nodes\": [\n");

  append_node (json, "report", "report");
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);

      g_string_append (json, ",\n");
      append_node (json, id, "item");
    }
  g_string_append (json, "\n],\n\"edges\": [\n");
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (json,
                            "%s{\"source\": \"n%u\", \"target\": \"report\", "
                            "\"relation\": \"part-of\"}",
                            i > 0 ? ",\n" : "", i);
  g_string_append_printf (json, "%s\n]}\n", extra_edges);
  return json;
}

static void
test_limit_nodes (void)
{
  g_autoptr (GString) json = make_graph (5000, "");
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = load_string (json->str, &diags, &error);
  const TupuDiagnostic *diag = find_diagnostic (diags, "too many nodes: the limit is 5000");

  g_assert_null (graph);
  g_assert_error (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_INVALID);
  g_assert_nonnull (diag);
  /* Line 1 is the header, line 2 opens the array, the report is line 3: node 5000 is 5003. */
  g_assert_cmpuint (diag->line, ==, 5003);
  g_assert_cmpuint (diag->column, ==, 1);
}

static void
test_limit_degree (void)
{
  g_autoptr (GString) json = make_graph (501, "");
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = load_string (json->str, &diags, &error);
  const TupuDiagnostic *diag = tupu_diagnostics_first (diags, TUPU_SEVERITY_ERROR);

  g_assert_null (graph);
  g_assert_nonnull (diag);
  g_assert_cmpstr (diag->message, ==, "\"report\" has 501 edges, more than the limit of 500");
  g_assert_cmpuint (diag->line, ==, 3);
  g_assert_cmpuint (diag->column, ==, 1);
  g_assert_cmpuint (count_errors (diags), ==, 1);
}

static void
test_limit_edges (void)
{
  g_autoptr (GString) edges = g_string_new (NULL);
  g_autoptr (GString) json = NULL;
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  const TupuDiagnostic *diag;
  guint                 n = 210;

  /* 210 items part-of the report, then relates-to edges between distinct pairs of items. */
  for (guint a = 0, made = n; a < n && made < 20001; a++)
    for (guint b = a + 1; b < n && made < 20001; b++, made++)
      g_string_append_printf (edges,
                              ",\n{\"source\": \"n%u\", \"target\": \"n%u\", "
                              "\"relation\": \"relates-to\"}",
                              a, b);
  json = make_graph (n, edges->str);
  graph = load_string (json->str, &diags, &error);
  diag = find_diagnostic (diags, "too many edges: the limit is 20000");
  g_assert_null (graph);
  g_assert_nonnull (diag);
  /* Nodes fill lines 3 to 3 + n, then "]," and "\"edges\": [": edge k is on line n + 6 + k. */
  g_assert_cmpuint (diag->line, ==, n + 6 + 20000);
  g_assert_cmpuint (diag->column, ==, 1);
}

static void
test_limit_deep_nesting (void)
{
  gsize            depth = 100000;
  g_autofree char *json = g_malloc (2 * depth + 1);
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  const TupuDiagnostic *diag;

  memset (json, '[', depth);
  memset (json + depth, ']', depth);
  json[2 * depth] = '\0';
  graph = load_string (json, &diags, &error);
  g_assert_null (graph);
  diag = tupu_diagnostics_first (diags, TUPU_SEVERITY_ERROR);
  g_assert_cmpstr (diag->message, ==, "the JSON is nested deeper than the limit of 32 levels");
  g_assert_cmpuint (diag->line, ==, 1);
  g_assert_cmpuint (diag->column, ==, 33);
}

/* A file with more problems than are worth listing: the first 1000, then how many more. */
static void
test_limit_problems (void)
{
  g_autoptr (GString) json = make_graph (1200, "");
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  const TupuDiagnostic *last;

  g_string_replace (json, "\"kind\": \"item\"", "\"kind\": \"itme\"", 0);
  graph = load_string (json->str, &diags, &error);
  g_assert_null (graph);
  g_assert_cmpuint (diags->len, ==, 1001);
  last = g_ptr_array_index (diags, 1000);
  g_assert_cmpstr (last->message, ==, "201 more problems are not listed");
  g_assert_cmpuint (last->line, ==, 0);
  /* The error names the first problem in the file, not the note. */
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "test.json:3:1: \"report\" has 1200 edges"));
}

static void
test_limit_file_size (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tupu-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *content = g_malloc (4 * MiB + 1);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const TupuDiagnostic *diag;

  g_assert_no_error (error);
  /* Garbage: were it parsed, a syntax error would be reported instead. */
  memset (content, '#', 4 * MiB + 1);
  g_file_set_contents (path, content, 4 * MiB + 1, &error);
  g_assert_no_error (error);

  graph = tupu_graph_load_file (file, NULL, &diags, &error);
  g_assert_null (graph);
  g_assert_error (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "huge.json: the file is larger than the limit of 4 MiB");
  g_assert_cmpuint (diags->len, ==, 1);
  diag = g_ptr_array_index (diags, 0);
  g_assert_cmpuint (diag->line, ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&diags, g_ptr_array_unref);

  bytes = g_bytes_new_take (g_steal_pointer (&content), 4 * MiB + 1);
  graph = tupu_graph_load_bytes (bytes, "huge.json", NULL, &diags, &error);
  g_assert_null (graph);
  g_assert_cmpstr (error->message, ==, "huge.json: the file is larger than the limit of 4 MiB");

  g_unlink (path);
  g_rmdir (dir);
}

/* ---- reading to the end ------------------------------------------------------------------- */

/* A read may return fewer bytes than asked before the end (a pipe, a remote file): the loader
 * must keep reading. Each good file, served a few bytes per read, loads as from the file. */
static void
test_stream_few_bytes (void)
{
  static const char *const names[] = { "every-kind.json", "own-text.json", "minimal-crlf.json" };
  static const gsize       max_reads[] = { 1, 3, 1000 };
  g_autofree char         *dir_path = data_path ("good", NULL);
  g_autoptr (GFile) dir = g_file_new_for_path (dir_path);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint r = 0; r < G_N_ELEMENTS (max_reads); r++)
      {
        g_autoptr (GFile) file = g_file_get_child (dir, names[i]);
        g_autoptr (GError) error = NULL;
        g_autoptr (GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
        g_autoptr (GInputStream) stream = NULL;
        g_autoptr (TupuGraph) expected = NULL;
        g_autoptr (TupuGraph) graph = NULL;

        g_assert_no_error (error);
        stream = trickle_stream_new (bytes, max_reads[r], FALSE);
        expected = tupu_graph_load_file (file, NULL, NULL, &error);
        g_assert_no_error (error);
        graph = _tupu_graph_load_stream (stream, names[i], dir, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (trickle_stream_get_served (TRICKLE_STREAM (stream)), ==,
                          g_bytes_get_size (bytes));
        /* Not blind: the file really came in many reads. */
        g_assert_cmpuint (trickle_stream_get_n_reads (TRICKLE_STREAM (stream)), >,
                          g_bytes_get_size (bytes) / max_reads[r]);
        g_assert_cmpstr (tupu_graph_get_id (graph), ==, tupu_graph_get_id (expected));
        g_assert_cmpuint (tupu_graph_get_n_nodes (graph), ==, tupu_graph_get_n_nodes (expected));
        g_assert_cmpuint (tupu_graph_get_n_edges (graph), ==, tupu_graph_get_n_edges (expected));
        for (guint n = 0; n < tupu_graph_get_n_nodes (graph); n++)
          g_assert_cmpstr (tupu_graph_get_node (graph, n)->label_zh, ==,
                           tupu_graph_get_node (expected, n)->label_zh);
        g_assert_cmpuint (tupu_text_get_n_paras (tupu_graph_get_text (graph)), ==,
                          tupu_text_get_n_paras (tupu_graph_get_text (expected)));
      }
}

/* A stream longer than the limit is read one byte past it, no further, and refused as a file
 * over the limit is. */
static void
test_stream_over_limit (void)
{
  g_autofree char *content = g_malloc (5 * MiB);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;

  memset (content, '#', 5 * MiB);
  bytes = g_bytes_new_take (g_steal_pointer (&content), 5 * MiB);
  stream = trickle_stream_new (bytes, 4093, FALSE);
  graph = _tupu_graph_load_stream (stream, "huge.json", NULL, NULL, &diags, &error);
  g_assert_null (graph);
  g_assert_error (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "huge.json: the file is larger than the limit of 4 MiB");
  g_assert_cmpuint (diags->len, ==, 1);
  g_assert_cmpuint (trickle_stream_get_served (TRICKLE_STREAM (stream)), ==, 4 * MiB + 1);
}

/* A read that fails after some bytes is an I/O error, not a truncated graph. */
static void
test_stream_read_error (void)
{
  g_autofree char *path = data_path ("good", "every-kind.json", NULL);
  g_autofree char *content = NULL;
  gsize            len = 0;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;

  g_assert_true (g_file_get_contents (path, &content, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&content), len);
  stream = trickle_stream_new (bytes, 7, TRUE);
  graph = _tupu_graph_load_stream (stream, "g.json", NULL, NULL, &diags, &error);
  g_assert_null (graph);
  g_assert_error (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "g.json: cannot read the file: the pipe broke");
  g_assert_null (diags);
}

static void
test_missing_file (void)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/tupu/graph.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (TupuGraph) graph = tupu_graph_load_file (file, NULL, &diags, &error);

  g_assert_null (graph);
  g_assert_error (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_IO);
}

/* ---- several problems in one file ---------------------------------------------------------- */

static void
test_all_problems (void)
{
  g_autofree char *path = data_path ("good", "every-kind.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GString) broken = NULL;
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  guint line = 0, column = 0;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  broken = g_string_new (json);
  g_string_replace (broken, "\"kind\": \"brand\"", "\"kind\": \"brnad\"", 1);
  g_string_replace (broken, "\"target\": \"three-lists\"", "\"target\": \"three-listz\"", 1);
  g_string_replace (broken, "\"count\": 12", "\"count\": 0", 1);
  graph = load_string (broken->str, &diags, &error);
  print_diagnostics (diags);
  g_assert_null (graph);
  g_assert_cmpuint (count_errors (diags), ==, 3);
  g_assert_nonnull (find_diagnostic (diags, "\"count\" must be at least 1, not 0"));
  g_assert_nonnull (find_diagnostic (diags, "edge target \"three-listz\" is not a node id"));
  /* In file order, whatever order the checks ran in. */
  for (guint i = 0; i < diags->len; i++)
    {
      const TupuDiagnostic *diag = g_ptr_array_index (diags, i);

      g_assert_true (diag->line > line || (diag->line == line && diag->column >= column));
      line = diag->line;
      column = diag->column;
    }
  g_assert_true (g_str_has_prefix (error->message, "test.json:"));
  g_assert_true (strstr (error->message, "unknown kind \"brnad\"") != NULL);
}

/* ---- small API ----------------------------------------------------------------------------- */

static void
test_kinds_relations (void)
{
  for (guint k = 0; k < TUPU_N_KINDS; k++)
    {
      TupuKind kind;

      g_assert_true (tupu_kind_from_string (tupu_kind_to_string (k), &kind));
      g_assert_cmpuint (kind, ==, k);
      g_assert_cmpstr (tupu_kind_display_name (k), !=, "");
    }
  for (guint r = 0; r < TUPU_N_RELATIONS; r++)
    {
      TupuRelation relation;

      g_assert_true (tupu_relation_from_string (tupu_relation_to_string (r), &relation));
      g_assert_cmpuint (relation, ==, r);
      g_assert_cmpstr (tupu_relation_display_name (r), !=, "");
    }
  g_assert_cmpstr (tupu_kind_to_string (TUPU_KIND_LIST), ==, "list");
  g_assert_cmpstr (tupu_kind_display_name (TUPU_KIND_LIST), ==, "List");
  g_assert_cmpstr (tupu_relation_to_string (TUPU_RELATION_LEADS_TO), ==, "leads-to");
  g_assert_false (tupu_kind_from_string ("List", NULL));
  g_assert_false (tupu_relation_from_string ("part_of", NULL));
  for (guint o = 0; o < TUPU_N_LABEL_ORIGINS; o++)
    {
      TupuLabelOrigin origin;

      g_assert_true (tupu_label_origin_from_string (tupu_label_origin_to_string (o), &origin));
      g_assert_cmpuint (origin, ==, o);
    }
  g_assert_cmpstr (tupu_label_origin_to_string (TUPU_LABEL_ORIGIN_CITATION), ==, "citation");
  g_assert_false (tupu_label_origin_from_string ("source", NULL));
}

static void
test_ids (void)
{
  const char *const valid[] = { "a", "six-musts", "point-2-1", "a1-b2-c3", NULL };
  const char *const invalid[] = {
    "", "-a", "a-", "a--b", "A", "six_musts", "a b", "ａ", "é", NULL
  };
  g_autofree char *longest = g_strnfill (64, 'a');
  g_autofree char *too_long = g_strnfill (65, 'a');

  for (guint i = 0; valid[i] != NULL; i++)
    g_assert_true (tupu_id_is_valid (valid[i]));
  for (guint i = 0; invalid[i] != NULL; i++)
    g_assert_false (tupu_id_is_valid (invalid[i]));
  g_assert_true (tupu_id_is_valid (longest));
  g_assert_false (tupu_id_is_valid (too_long));
  g_assert_false (tupu_id_is_valid (NULL));
}

static void
test_diagnostic_format (void)
{
  TupuDiagnostic  *error = tupu_diagnostic_new (TUPU_SEVERITY_ERROR, "g.json", 41, 17, "bad");
  TupuDiagnostic  *warning = tupu_diagnostic_new (TUPU_SEVERITY_WARNING, "g.json", 2, 3, "odd");
  TupuDiagnostic  *file = tupu_diagnostic_new (TUPU_SEVERITY_ERROR, "g.json", 0, 0, "too big");
  g_autofree char *e = tupu_diagnostic_format (error);
  g_autofree char *w = tupu_diagnostic_format (warning);
  g_autofree char *f = tupu_diagnostic_format (file);

  g_assert_cmpstr (g_quark_to_string (TUPU_GRAPH_ERROR), ==, "tupu-graph-error-quark");
  g_assert_cmpstr (e, ==, "g.json:41:17: bad");
  g_assert_cmpstr (w, ==, "g.json:2:3: warning: odd");
  g_assert_cmpstr (f, ==, "g.json: too big");
  tupu_diagnostic_free (error);
  tupu_diagnostic_free (warning);
  tupu_diagnostic_free (file);
}

/* The first of a severity, in array order; none in an empty or missing array. */
static void
test_diagnostics_first (void)
{
  g_autoptr (GPtrArray) diags =
      g_ptr_array_new_with_free_func ((GDestroyNotify)tupu_diagnostic_free);

  g_assert_null (tupu_diagnostics_first (NULL, TUPU_SEVERITY_ERROR));
  g_assert_null (tupu_diagnostics_first (diags, TUPU_SEVERITY_ERROR));
  g_ptr_array_add (diags, tupu_diagnostic_new (TUPU_SEVERITY_WARNING, "g.json", 1, 1, "w1"));
  g_ptr_array_add (diags, tupu_diagnostic_new (TUPU_SEVERITY_ERROR, "g.json", 2, 1, "e1"));
  g_ptr_array_add (diags, tupu_diagnostic_new (TUPU_SEVERITY_WARNING, "g.json", 3, 1, "w2"));
  g_ptr_array_add (diags, tupu_diagnostic_new (TUPU_SEVERITY_ERROR, "g.json", 4, 1, "e2"));
  g_assert_true (tupu_diagnostics_first (diags, TUPU_SEVERITY_ERROR) == diags->pdata[1]);
  g_assert_true (tupu_diagnostics_first (diags, TUPU_SEVERITY_WARNING) == diags->pdata[0]);
  g_ptr_array_remove_index (diags, 3);
  g_ptr_array_remove_index (diags, 1);
  g_assert_null (tupu_diagnostics_first (diags, TUPU_SEVERITY_ERROR));
}

/* "text" cannot be resolved without a file: a warning, and the built-in speech is used. */
static void
test_text_member_in_bytes (void)
{
  g_autofree char *path = data_path ("good", "every-kind.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GString) with_text = NULL;
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  with_text = g_string_new (json);
  g_string_replace (with_text, "\"format_version\": 1,",
                    "\"format_version\": 1, \"text\": \"speech-zh.txt\",", 1);
  graph = load_string (with_text->str, &diags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  g_assert_nonnull (find_diagnostic (diags, "\"text\" is ignored because the graph was not read "
                                            "from a file; quotes are checked against the built-in "
                                            "speech"));
}

/* The loader's first scan records only two levels; the full scan (on a problem) every value.
 * Both refuse the same bad bytes at the same place. */
static void
test_scan_shallow (void)
{
  static const char json[] = "{\"nodes\": [\n  {\"id\": \"a\", \"x\": [1, {\"y\": 2}]}\n]}";
  static const char bad[] = "{\"nodes\": [{\"id\": \"a\", \"id\": \"b\"}]}";
  g_autoptr (TupuJsonScan) shallow = NULL;
  g_autoptr (TupuJsonScan) full = NULL;
  g_autofree char *shallow_message = NULL;
  g_autofree char *full_message = NULL;
  TupuJsonPos      pos, shallow_pos = { 0, 0 }, full_pos = { 0, 0 };

  shallow = tupu_json_scan_new_full (json, strlen (json), 8, 100, 2, NULL, NULL);
  full = tupu_json_scan_new (json, strlen (json), 8, 100, NULL, NULL);
  g_assert_nonnull (shallow);
  g_assert_true (tupu_json_scan_lookup (shallow, "/nodes/0", &pos, NULL));
  g_assert_cmpuint (pos.line, ==, 2);
  g_assert_cmpuint (pos.column, ==, 3);
  g_assert_false (tupu_json_scan_lookup (shallow, "/nodes/0/id", NULL, NULL));
  g_assert_false (tupu_json_scan_lookup (shallow, "/nodes/0/x/1/y", NULL, NULL));
  g_assert_true (tupu_json_scan_lookup (full, "/nodes/0/x/1/y", &pos, NULL));
  g_assert_cmpuint (pos.column, ==, 30);

  g_assert_null (
      tupu_json_scan_new_full (bad, strlen (bad), 8, 100, 2, &shallow_pos, &shallow_message));
  g_assert_null (tupu_json_scan_new (bad, strlen (bad), 8, 100, &full_pos, &full_message));
  g_assert_cmpstr (shallow_message, ==, full_message);
  g_assert_cmpuint (shallow_pos.column, ==, full_pos.column);
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/builtin", test_builtin);
  g_test_add_func ("/loader/every-kind", test_every_kind);
  g_test_add_func ("/loader/own-text", test_own_text);
  add_good_tests ();
  add_bad_tests ();
  g_test_add_func ("/loader/all-problems", test_all_problems);
  g_test_add_func ("/loader/scan/shallow", test_scan_shallow);
  g_test_add_func ("/loader/limit/nodes", test_limit_nodes);
  g_test_add_func ("/loader/limit/edges", test_limit_edges);
  g_test_add_func ("/loader/limit/degree", test_limit_degree);
  g_test_add_func ("/loader/limit/deep-nesting", test_limit_deep_nesting);
  g_test_add_func ("/loader/limit/file-size", test_limit_file_size);
  g_test_add_func ("/loader/limit/problems", test_limit_problems);
  g_test_add_func ("/loader/stream/few-bytes-at-a-time", test_stream_few_bytes);
  g_test_add_func ("/loader/stream/over-limit", test_stream_over_limit);
  g_test_add_func ("/loader/stream/read-error", test_stream_read_error);
  g_test_add_func ("/loader/missing-file", test_missing_file);
  g_test_add_func ("/loader/kinds-relations", test_kinds_relations);
  g_test_add_func ("/loader/ids", test_ids);
  g_test_add_func ("/loader/diagnostic-format", test_diagnostic_format);
  g_test_add_func ("/loader/diagnostics-first", test_diagnostics_first);
  g_test_add_func ("/loader/text-member-in-bytes", test_text_member_in_bytes);

  status = g_test_run ();
  g_clear_object (&manifest);
  return status;
}
