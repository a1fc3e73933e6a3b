/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-render.c: libFuzzer harness for the whole display-free pipeline on what the loader
 * accepts: loader → view (the whole graph or a subtree) → Graphviz layout (dot) → painter → SVG
 * and DOT export into memory. Besides the sanitizers it checks the exports as a reader would:
 * the SVG is well-formed XML whose text, unescaped, is exactly the laid-out label text (so no
 * markup can leak in or out), and the DOT parses back with the same node names. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <cairo.h>
#include <graphviz/cgraph.h>

#include "tupu-export.h"
#include "tupu-layout.h"
#include "tupu-painter.h"

/* Keep every execution fast: dot on small graphs only (the loader's limits are tested by the
 * loader harness and the hostile catalogue). */
#define FUZZ_MAX_NODES 200
#define FUZZ_MAX_EDGES 800

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

/* Which subtree to show, derived from the input so the fuzzer can steer it: -1 = everything. */
static int
pick_root (const uint8_t *data, size_t size, guint n_nodes)
{
  guint hash = 5381;

  for (size_t i = 0; i < size; i++)
    hash = hash * 33 + data[i];
  hash %= n_nodes + 1;
  return hash == n_nodes ? -1 : (int)hash;
}

static void
check_geometry (TupuLayout *layout)
{
  g_assert_cmpuint (layout->n_nodes, >=, 1);
  g_assert_true (isfinite (layout->bounds.width) && isfinite (layout->bounds.height));
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNodeGeom *geom = &layout->nodes[i];

      g_assert_cmpint (layout->geom_of_node[geom->node], ==, (int)i);
      g_assert_true (isfinite (geom->box.x) && isfinite (geom->box.y));
      g_assert_cmpfloat (geom->box.width, >, 0);
      g_assert_cmpfloat (geom->box.height, >, 0);
      g_assert_cmpint (tupu_layout_pick (layout, geom->box.x + geom->box.width / 2,
                                         geom->box.y + geom->box.height / 2),
                       >=, 0);
    }
  for (guint i = 0; i < layout->n_edges; i++)
    {
      const TupuEdgeGeom *geom = &layout->edges[i];

      g_assert_cmpuint (geom->tail, <, layout->n_nodes);
      g_assert_cmpuint (geom->head, <, layout->n_nodes);
      g_assert_cmpuint (geom->n_points % 3, ==, 1);
    }
}

static void
paint (TupuLayout *layout)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t         *cr = cairo_create (surface);
  TupuPaintOptions options;

  tupu_paint_options_init (&options);
  tupu_painter_draw (cr, layout, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* SVG reading: the text inside <text> elements, collected per innermost <g id="…">. */
typedef struct
{
  GHashTable *text_of_id; /* id -> GString */
  GPtrArray  *groups;     /* open <g> elements: their GString, or NULL for a <g> without id */
  int         text_depth; /* > 0 inside <text> */
} SvgReader;

static GString *
svg_current_group (SvgReader *reader)
{
  for (guint i = reader->groups->len; i > 0; i--)
    if (g_ptr_array_index (reader->groups, i - 1) != NULL)
      return g_ptr_array_index (reader->groups, i - 1);
  return NULL;
}

static void
svg_start (GMarkupParseContext *context, const char *element, const char **names,
           const char **values, gpointer user_data, GError **error)
{
  SvgReader *reader = user_data;

  if (g_str_equal (element, "g"))
    {
      GString *text = NULL;

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "id"))
          {
            text = g_string_new (NULL);
            /* Ids are unique in a well-formed export. */
            g_assert_false (g_hash_table_contains (reader->text_of_id, values[i]));
            g_hash_table_insert (reader->text_of_id, g_strdup (values[i]), text);
          }
      g_ptr_array_add (reader->groups, text);
    }
  if (g_str_equal (element, "text"))
    reader->text_depth++;
}

static void
svg_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  SvgReader *reader = user_data;

  if (g_str_equal (element, "text"))
    reader->text_depth--;
  if (g_str_equal (element, "g"))
    g_ptr_array_set_size (reader->groups, reader->groups->len - 1);
}

static void
svg_text (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data,
          GError **error)
{
  SvgReader *reader = user_data;
  GString   *group = svg_current_group (reader);

  if (group != NULL && reader->text_depth > 0)
    g_string_append_len (group, text, len);
}

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

static void
check_svg (TupuLayout *layout, const char *svg, gsize len)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  SvgReader                  reader = {
                     g_hash_table_new_full (g_str_hash, g_str_equal, g_free, string_free),
                     g_ptr_array_new (),
                     0,
  };
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, &reader, NULL);
  g_autoptr (GError) error = NULL;

  if (!g_markup_parse_context_parse (context, svg, len, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("SVG export is not well-formed: %s", error->message);
  g_markup_parse_context_free (context);
  g_ptr_array_unref (reader.groups);

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNodeGeom *geom = &layout->nodes[i];
      const TupuNode     *node = tupu_graph_get_node (layout->graph, geom->node);
      GString            *found = g_hash_table_lookup (reader.text_of_id, node->id);
      g_autoptr (GString) expected = g_string_new (NULL);

      g_assert_nonnull (found);
      for (guint r = 0; r < geom->n_runs; r++)
        g_string_append (expected, geom->runs[r].text);
      g_assert_cmpstr (found->str, ==, expected->str);
    }
  g_hash_table_destroy (reader.text_of_id);
}

static void
check_dot (TupuLayout *layout, char *dot)
{
  Agraph_t *graph = agmemread (dot);

  if (graph == NULL)
    g_error ("DOT export does not parse back:\n%s", dot);
  g_assert_cmpint (agnnodes (graph), ==, (int)layout->n_nodes);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNode *node = tupu_graph_get_node (layout->graph, layout->nodes[i].node);

      g_assert_nonnull (agnode (graph, (char *)node->id, FALSE));
    }
  agclose (graph);
}

typedef gboolean (*ExportFunc) (TupuLayout *, GOutputStream *, GCancellable *, GError **);

/* Exports into memory and returns the NUL-terminated text. */
static char *
export_to_string (TupuLayout *layout, ExportFunc export, gsize *len)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  if (!export(layout, out, NULL, &error))
    g_error ("export of a laid-out graph failed: %s", error->message);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  *len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)) - 1;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
render (TupuGraph *graph, int root)
{
  TupuLayoutOptions options;
  g_autoptr (TupuLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *dot = NULL;
  gsize            len;

  tupu_layout_options_init (&options);
  options.root = root;
  if (!tupu_layout_check_limits (graph, &options, &error))
    return; /* refused with a message: fine */

  layout = tupu_layout_compute (graph, &options, NULL, &error);
  if (layout == NULL)
    g_error ("layout of an accepted graph failed: %s", error->message);

  check_geometry (layout);
  paint (layout);
  svg = export_to_string (layout, tupu_export_svg, &len);
  g_assert_cmpuint (strlen (svg), ==, len); /* no NUL byte inside */
  check_svg (layout, svg, len);
  dot = export_to_string (layout, tupu_export_dot, &len);
  g_assert_cmpuint (strlen (dot), ==, len);
  check_dot (layout, dot);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr (TupuGraph) graph = NULL;

  graph = tupu_graph_load_bytes (bytes, "fuzz.json", NULL, NULL, NULL);
  if (graph == NULL || tupu_graph_get_n_nodes (graph) > FUZZ_MAX_NODES ||
      tupu_graph_get_n_edges (graph) > FUZZ_MAX_EDGES)
    return 0;
  render (graph, pick_root (data, size, tupu_graph_get_n_nodes (graph)));
  return 0;
}
