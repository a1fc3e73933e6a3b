/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c: SVG, DOT, PNG and PDF export, escaping, and atomic writes to files. */

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cgraph.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "tupu-export-private.h"
#include "tupu-export.h"
#include "tupu-painter.h"
#include "tupu-style.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */

static TupuGraph *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  TupuGraph *graph = tupu_graph_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return graph;
}

static TupuLayout *
layout_fixture (const char *name, const char *root)
{
  g_autoptr (TupuGraph) graph = NULL;
  g_autoptr (GError) error = NULL;
  TupuLayoutOptions options;
  TupuLayout       *layout;

  graph = name ? load_fixture (name) : tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  tupu_layout_options_init (&options);
  if (root != NULL)
    options.root = tupu_graph_lookup (graph, root);
  layout = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);
  return layout;
}

typedef gboolean (*ExportFunc) (TupuLayout *, GOutputStream *, GCancellable *, GError **);

static GBytes *
export_to_bytes (TupuLayout *layout, ExportFunc func)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (func (layout, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* SVG, read back with GMarkup (which refuses malformed XML)                                  */

typedef struct
{
  GHashTable *titles;  /* node id -> <title> text */
  GHashTable *text;    /* node id -> concatenated <text> content */
  char       *node;    /* id of the <g> being read */
  GString    *chars;   /* text of the current <title>/<text> */
  const char *element; /* "title" or "text" while inside one */
  gboolean    has_viewbox;
  guint       n_paths;
  gboolean    lang_ok;
} SvgReader;

static void
svg_start (GMarkupParseContext *context, const char *element, const char **names,
           const char **values, gpointer user_data, GError **error)
{
  SvgReader  *reader = user_data;
  const char *id = NULL, *klass = NULL, *lang = NULL;

  for (guint i = 0; names[i]; i++)
    {
      if (g_str_equal (names[i], "id"))
        id = values[i];
      else if (g_str_equal (names[i], "class"))
        klass = values[i];
      else if (g_str_equal (names[i], "xml:lang"))
        lang = values[i];
      else if (g_str_equal (names[i], "viewBox") && g_str_equal (element, "svg"))
        reader->has_viewbox = TRUE;
    }

  if (g_str_equal (element, "g") && klass && g_str_has_prefix (klass, "node "))
    {
      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (reader->titles, id));
      g_free (reader->node);
      reader->node = g_strdup (id);
      g_hash_table_insert (reader->text, g_strdup (id), g_strdup (""));
    }
  else if (g_str_equal (element, "path"))
    reader->n_paths++;
  else if (reader->node && (g_str_equal (element, "title") || g_str_equal (element, "text")))
    {
      reader->element = g_str_equal (element, "title") ? "title" : "text";
      g_string_truncate (reader->chars, 0);
      if (g_str_equal (element, "text"))
        reader->lang_ok &= lang && (g_str_equal (lang, "zh-CN") || g_str_equal (lang, "en"));
    }
}

static void
svg_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  SvgReader *reader = user_data;

  if (reader->element && g_str_equal (element, reader->element))
    {
      if (g_str_equal (element, "title"))
        g_hash_table_insert (reader->titles, g_strdup (reader->node),
                             g_strdup (reader->chars->str));
      else
        {
          const char *so_far = g_hash_table_lookup (reader->text, reader->node);

          g_hash_table_insert (reader->text, g_strdup (reader->node),
                               g_strconcat (so_far, reader->chars->str, NULL));
        }
      reader->element = NULL;
    }
  else if (g_str_equal (element, "g") && reader->node && !reader->element)
    g_clear_pointer (&reader->node, g_free);
}

static void
svg_text (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data,
          GError **error)
{
  SvgReader *reader = user_data;

  if (reader->element)
    g_string_append_len (reader->chars, text, len);
}

static void
read_svg (GBytes *svg, SvgReader *reader)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) error = NULL;
  gsize       len;
  const char *data = g_bytes_get_data (svg, &len);

  reader->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader->text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader->chars = g_string_new (NULL);
  reader->lang_ok = TRUE;
  context = g_markup_parse_context_new (&parser, 0, reader, NULL);
  /* Skip the XML declaration, which GMarkup treats as a passthrough anyway. */
  g_assert_true (g_str_has_prefix (data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  g_assert_true (g_markup_parse_context_parse (context, data, len, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

static void
svg_reader_clear (SvgReader *reader)
{
  g_clear_pointer (&reader->titles, g_hash_table_unref);
  g_clear_pointer (&reader->text, g_hash_table_unref);
  g_clear_pointer (&reader->node, g_free);
  g_string_free (reader->chars, TRUE);
}

static void
assert_svg_has_every_node (TupuLayout *layout, GBytes *svg)
{
  SvgReader reader = { 0 };

  read_svg (svg, &reader);
  g_assert_true (reader.has_viewbox);
  g_assert_true (reader.lang_ok);
  g_assert_cmpuint (g_hash_table_size (reader.titles), ==, layout->n_nodes);
  g_assert_cmpuint (reader.n_paths, >=, layout->n_edges);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNode  *node = tupu_graph_get_node (layout->graph, layout->nodes[i].node);
      g_autofree char *title = g_strdup_printf ("%s / %s", node->label_zh, node->label_en);
      g_autofree char *both = g_strconcat (node->label_zh, node->label_en, NULL);
      g_autofree char *want_text = strip_spaces (both);
      g_autofree char *got_text = strip_spaces (g_hash_table_lookup (reader.text, node->id));

      g_assert_cmpstr (g_hash_table_lookup (reader.titles, node->id), ==, title);
      g_assert_cmpstr (got_text, ==, want_text);
    }
  svg_reader_clear (&reader);
}

static void
test_svg_builtin (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture (NULL, NULL);
  g_autoptr (GBytes) svg = export_to_bytes (layout, tupu_export_svg);

  assert_svg_has_every_node (layout, svg);
  g_assert_nonnull (strstr (g_bytes_get_data (svg, NULL), "font-family: 'Noto Sans CJK SC'"));
}

static void
test_svg_escaping (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", NULL);
  g_autoptr (GBytes) svg = export_to_bytes (layout, tupu_export_svg);
  const char *data = g_bytes_get_data (svg, NULL);

  assert_svg_has_every_node (layout, svg);
  /* Markup in labels is text, never elements. */
  g_assert_null (strstr (data, "<b>"));
  g_assert_null (strstr (data, "<a href"));
  g_assert_nonnull (strstr (data, "&lt;b&gt;"));
  /* An entity-looking label stays literal: its & is escaped again. */
  g_assert_nonnull (strstr (data, "&amp;lt;"));
}

static void
test_xml_escape (void)
{
  g_autoptr (GString) escaped = g_string_new (NULL);
  g_autoptr (GString) doc = g_string_new (NULL);
  g_autoptr (GMarkupParseContext) context = NULL;
  static const GMarkupParser parser = { 0 };
  g_autoptr (GError) error = NULL;

  /* C0 controls, U+FFFE and a stray byte are dropped; tab/newline become references. */
  _tupu_xml_append_escaped (escaped, "a\001b\013c\td\ne<>&\"'\xef\xbf\xbe\xff汉");
  g_assert_cmpstr (escaped->str, ==, "abc&#9;d&#10;e&lt;&gt;&amp;&quot;&apos;汉");

  g_string_printf (doc, "<t a=\"%s\">%s</t>", escaped->str, escaped->str);
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (context, doc->str, doc->len, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
}

static void
test_svg_subtree (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", "quotes");
  g_autoptr (GBytes) svg = export_to_bytes (layout, tupu_export_svg);
  const char *data = g_bytes_get_data (svg, NULL);

  g_assert_cmpuint (layout->n_nodes, ==, 3);
  assert_svg_has_every_node (layout, svg);
  g_assert_nonnull (strstr (data, "id=\"brand\""));
  g_assert_null (strstr (data, "id=\"root\""));
  g_assert_null (strstr (data, "id=\"backslashes\""));
}

/* ------------------------------------------------------------------------------------------ */
/* DOT, read back with cgraph                                                                  */

/* What Graphviz's label rendering makes of a string as cgraph read it: \\ is a backslash and
 * \n a line break; the other escapes (\N, \G, …) would be expanded, so our writer must never
 * leave one — every literal backslash arrives doubled. */
static char *
undo_dot_escapes (const char *raw)
{
  GString *out = g_string_new (NULL);

  for (const char *p = raw; *p; p++)
    {
      if (*p == '\\')
        {
          g_assert_true (p[1] == '\\' || p[1] == 'n');
          g_string_append_c (out, p[1] == 'n' ? '\n' : '\\');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
dot_attr (void *object, const char *name)
{
  return undo_dot_escapes (agget (object, (char *)name));
}

static void
test_dot_quoting (void)
{
  const char *cases[] = { "plain",
                          "a\\",
                          "\\",
                          "\"",
                          "\\\"",
                          "x\\\\\"y\\",
                          "\\N\\G\\L\\E\\T\\H",
                          "two\nlines",
                          "a\\nb",
                          "} -> { ; [",
                          "<b>&amp;</b>",
                          "汉字\\" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) doc = g_string_new ("digraph {\n  a [label=");
      g_autofree char *label = NULL;
      Agraph_t        *g;

      _tupu_dot_append_quoted (doc, cases[i]);
      g_string_append (doc, "];\n  b;\n}\n");
      g = agmemread (doc->str);
      g_assert_nonnull (g);
      g_assert_cmpint (agnnodes (g), ==, 2);
      label = dot_attr (agnode (g, (char *)"a", FALSE), "label");
      g_assert_cmpstr (label, ==, cases[i]);
      agclose (g);
    }
}

static void
assert_dot_round_trip (TupuLayout *layout)
{
  g_autoptr (GBytes) dot = export_to_bytes (layout, tupu_export_dot);
  g_autoptr (GString) text =
      g_string_new_len (g_bytes_get_data (dot, NULL), g_bytes_get_size (dot));
  g_autoptr (GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Agraph_t *g = agmemread (text->str);
  guint     n_edges = 0;

  g_assert_nonnull (g);
  g_assert_true (agisdirected (g));
  g_assert_cmpint (agnnodes (g), ==, layout->n_nodes);
  g_assert_cmpint (agnedges (g), ==, layout->n_edges);

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNode  *node = tupu_graph_get_node (layout->graph, layout->nodes[i].node);
      Agnode_t        *n = agnode (g, node->id, FALSE);
      g_autofree char *label = NULL, *gloss = NULL;

      g_assert_nonnull (n);
      label = dot_attr (n, "label");
      gloss = dot_attr (n, "gloss");
      g_assert_cmpstr (label, ==, node->label_zh);
      g_assert_cmpstr (gloss, ==, node->label_en);
      g_assert_cmpstr (agget (n, (char *)"kind"), ==, tupu_kind_to_string (node->kind));
    }

  for (guint i = 0; i < layout->n_edges; i++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (layout->graph, layout->edges[i].edge);

      g_hash_table_add (
          want, g_strdup_printf ("%s %s %s", tupu_graph_get_node (layout->graph, edge->source)->id,
                                 tupu_graph_get_node (layout->graph, edge->target)->id,
                                 tupu_relation_to_string (edge->relation)));
    }
  for (Agnode_t *n = agfstnode (g); n; n = agnxtnode (g, n))
    for (Agedge_t *e = agfstout (g, n); e; e = agnxtout (g, e))
      {
        g_autofree char *key =
            g_strdup_printf ("%s %s %s", agnameof (agtail (e)), agnameof (aghead (e)),
                             agget (e, (char *)"relation"));

        g_assert_true (g_hash_table_remove (want, key));
        n_edges++;
      }
  g_assert_cmpuint (n_edges, ==, layout->n_edges);
  g_assert_cmpuint (g_hash_table_size (want), ==, 0);
  agclose (g);
}

static void
test_dot_builtin (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture (NULL, NULL);

  assert_dot_round_trip (layout);
}

static void
test_dot_escaping (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", NULL);
  const TupuNode *node =
      tupu_graph_get_node (layout->graph, tupu_graph_lookup (layout->graph, "backslashes"));

  /* The fixture really holds what the test claims to check. */
  g_assert_nonnull (strstr (node->label_zh, "\\N"));
  g_assert_true (g_str_has_suffix (node->label_zh, "\\"));
  g_assert_nonnull (strstr (node->label_en, "\\\""));
  assert_dot_round_trip (layout);
}

static void
test_dot_subtree (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", "backslashes");

  g_assert_cmpuint (layout->n_nodes, ==, 3);
  assert_dot_round_trip (layout);
}

/* ------------------------------------------------------------------------------------------ */
/* PNG and PDF                                                                                 */

typedef struct
{
  const guchar *data;
  gsize         len;
  gsize         pos;
} ReadState;

static cairo_status_t
read_cb (void *closure, unsigned char *data, unsigned int length)
{
  ReadState *state = closure;

  if (state->pos + length > state->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, state->data + state->pos, length);
  state->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
export_png_2x (TupuLayout *layout, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  return tupu_export_png (layout, 2.0, out, cancellable, error);
}

static void
test_png (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", NULL);
  g_autoptr (GBytes) png = export_to_bytes (layout, export_png_2x);
  ReadState        state = { 0 };
  cairo_surface_t *surface;
  int              width, height, stride, inked = 0;
  guchar          *pixels;

  state.data = g_bytes_get_data (png, &state.len);
  g_assert_cmpmem (state.data, 8, "\x89PNG\r\n\x1a\n", 8);
  surface = cairo_image_surface_create_from_png_stream (read_cb, &state);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  g_assert_cmpint (width, ==, (int)ceil (layout->bounds.width * 2));
  g_assert_cmpint (height, ==, (int)ceil (layout->bounds.height * 2));
  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 100);

  /* Opaque background, and a fair share of the picture drawn on it. */
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(guint32 *)(void *)(pixels + y * stride + x * 4);

        g_assert_cmphex (pixel >> 24, ==, 0xff);
        inked += (pixel & 0xffffff) != 0xfafafa;
      }
  g_assert_cmpint (inked, >, width * height / 20);
  cairo_surface_destroy (surface);
}

/* A masked place name ("**") sits on a grey chip in the SVG (a rect with a title saying what it
 * means, inside its label's line) and in the PNG (painted over the node's fill); a single
 * asterisk is just an asterisk. */
static void
test_masked (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("masked.json", NULL);
  g_autoptr (GBytes) svg = export_to_bytes (layout, tupu_export_svg);
  g_autoptr (GBytes) png = export_to_bytes (layout, export_png_2x);
  const char          *data = g_bytes_get_data (svg, NULL);
  const char          *rect = strstr (data, "<rect class=\"masked\"");
  const TupuNodeGeom  *root = NULL;
  const TupuKindStyle *style = tupu_style_kind (TUPU_KIND_REPORT, TUPU_STYLE_LIGHT);
  double               x, y, width, height;
  ReadState            state = { 0 };
  cairo_surface_t     *surface;
  int                  stride, n = 0, fill = 0;
  guchar              *pixels;

  g_assert_nonnull (rect);
  /* Only the one: "*" alone is no mask. */
  g_assert_null (strstr (rect + 1, "<rect class=\"masked\""));
  g_assert_cmpint (
      sscanf (rect, "<rect class=\"masked\" x=\"%lf\" y=\"%lf\" width=\"%lf\" height=\"%lf\"", &x,
              &y, &width, &height),
      ==, 4);
  g_assert_nonnull (strstr (rect, "<title>The place name is masked in the source text</title>"));
  g_assert_nonnull (strstr (data, ".masked { fill: #808080"));

  for (guint i = 0; i < layout->n_nodes; i++)
    if (g_str_equal (tupu_graph_get_node (layout->graph, layout->nodes[i].node)->id, "root"))
      root = &layout->nodes[i];
  g_assert_nonnull (root);
  /* Two characters of the label's first line, inside it. */
  g_assert_cmpfloat (width, >, 4);
  g_assert_cmpfloat (width, <, root->runs[0].width / 3);
  g_assert_cmpfloat (x, >=, root->runs[0].x);
  g_assert_cmpfloat (x + width, <=, root->runs[0].x + root->runs[0].width + 0.5);
  g_assert_cmpfloat (fabs (y - root->runs[0].y), <, 0.5);

  /* In the PNG the chip covers the fill: within it, next to no pixel has the fill's colour
   * (the asterisks alone would leave most of it). */
  state.data = g_bytes_get_data (png, &state.len);
  surface = cairo_image_surface_create_from_png_stream (read_cb, &state);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int py = (int)ceil (y * 2) + 2; py < (int)floor ((y + height) * 2) - 2; py++)
    for (int px = (int)ceil (x * 2) + 2; px < (int)floor ((x + width) * 2) - 2; px++)
      {
        guint32 pixel = *(guint32 *)(void *)(pixels + py * stride + px * 4);
        int     r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        n++;
        fill += abs (r - (int)(style->fill.r * 255)) <= 3 &&
                abs (g - (int)(style->fill.g * 255)) <= 3 &&
                abs (b - (int)(style->fill.b * 255)) <= 3;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpint (n, >, 20);
  g_assert_cmpint (fill, <, n / 10);
}

static void
test_png_too_large (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture (NULL, NULL);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_false (tupu_export_png (layout, 1000.0, out, NULL, &error));
  g_assert_error (error, TUPU_EXPORT_ERROR, TUPU_EXPORT_ERROR_TOO_LARGE);
  g_assert_cmpstr (g_quark_to_string (TUPU_EXPORT_ERROR), ==, "tupu-export-error-quark");
  g_assert_nonnull (strstr (error->message, "pixels"));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
}

static void
test_pdf (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", NULL);
  g_autoptr (GBytes) pdf = export_to_bytes (layout, tupu_export_pdf);
  gsize       len;
  const char *data = g_bytes_get_data (pdf, &len);

  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_nonnull (g_strstr_len (data + len - 64, 64, "%%EOF"));
}

/* PDF's text strings: ASCII as is, anything else as UTF-16BE hex with a byte-order mark. */
static char *
pdf_text_string (const char *utf8)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong                 n = 0;
  GString              *out = g_string_new ("<FEFF");

  utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
  g_assert_nonnull (utf16);
  for (glong i = 0; i < n; i++)
    g_string_append_printf (out, "%04X", utf16[i]);
  g_string_append_c (out, '>');
  return g_string_free (out, FALSE);
}

/* The document title: the graph's, or for a branch shown alone the branch's with the graph's
 * after it; the same in SVG, PDF and (the Chinese name) DOT. */
static void
assert_export_title (const char *root, const char *want, const char *want_dot)
{
  g_autoptr (TupuLayout) layout = layout_fixture (NULL, root);
  g_autoptr (GBytes) svg = export_to_bytes (layout, tupu_export_svg);
  g_autoptr (GBytes) pdf = export_to_bytes (layout, tupu_export_pdf);
  g_autoptr (GBytes) dot = export_to_bytes (layout, tupu_export_dot);
  g_autoptr (GString) svg_title = g_string_new ("<title>");
  g_autofree char *pdf_title = pdf_text_string (want);
  g_autofree char *svg_text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_autofree char *dot_text = g_strndup (g_bytes_get_data (dot, NULL), g_bytes_get_size (dot));
  gsize            pdf_len;
  const char      *pdf_data = g_bytes_get_data (pdf, &pdf_len);
  Agraph_t        *g = agmemread (dot_text);

  _tupu_xml_append_escaped (svg_title, want);
  g_string_append (svg_title, "</title>");
  /* The document's title comes before the first node's. */
  g_assert_nonnull (strstr (svg_text, svg_title->str));
  g_assert_true (strstr (svg_text, svg_title->str) < strstr (svg_text, "<g class=\"nodes\">"));
  g_assert_nonnull (memmem (pdf_data, pdf_len, pdf_title, strlen (pdf_title)));
  g_assert_nonnull (g);
  g_assert_cmpstr (agget (g, (char *)"label"), ==, want_dot);
  agclose (g);
}

static void
test_title (void)
{
  g_autoptr (TupuGraph) graph = tupu_graph_load_builtin (NULL);
  g_autofree char *whole =
      g_strdup_printf ("%s / %s", tupu_graph_get_title_zh (graph), tupu_graph_get_title_en (graph));
  const TupuNode  *musts = tupu_graph_get_node (graph, tupu_graph_lookup (graph, "six-musts"));
  g_autofree char *branch = g_strdup_printf ("%s / %s — %s", musts->label_zh, musts->label_en,
                                             tupu_graph_get_title_zh (graph));

  g_assert_true (g_str_has_prefix (musts->label_zh, "六个必须"));
  assert_export_title (NULL, whole, tupu_graph_get_title_zh (graph));
  assert_export_title ("six-musts", branch, musts->label_zh);
}

/* ------------------------------------------------------------------------------------------ */
/* Formats and files                                                                           */

static void
test_format_from_path (void)
{
  TupuExportFormat format = TUPU_EXPORT_PDF;

  g_assert_true (tupu_export_format_from_path ("out.svg", &format));
  g_assert_cmpint (format, ==, TUPU_EXPORT_SVG);
  g_assert_true (tupu_export_format_from_path ("/tmp/a.b/OUT.PNG", &format));
  g_assert_cmpint (format, ==, TUPU_EXPORT_PNG);
  g_assert_true (tupu_export_format_from_path ("x.Pdf", &format));
  g_assert_cmpint (format, ==, TUPU_EXPORT_PDF);
  g_assert_true (tupu_export_format_from_path ("graph.dot", &format));
  g_assert_cmpint (format, ==, TUPU_EXPORT_DOT);
  g_assert_false (tupu_export_format_from_path ("graph.txt", &format));
  g_assert_false (tupu_export_format_from_path ("svg", &format));
  g_assert_false (tupu_export_format_from_path (".svg", &format));
  g_assert_false (tupu_export_format_from_path ("graph.svg.gz", &format));
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_to_file (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("tupu-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "graph.svg", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "graph.svg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_nonnull (dir);

  /* A new file. */
  g_assert_true (tupu_export_to_file (layout, TUPU_EXPORT_SVG, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_clear_pointer (&contents, g_free);

  /* A failed export keeps the existing file as it was and leaves nothing else behind. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancelled);
  g_assert_false (tupu_export_to_file (layout, TUPU_EXPORT_PNG, file, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* An export into a folder that does not exist fails and creates nothing. */
  g_assert_false (tupu_export_to_file (layout, TUPU_EXPORT_DOT, missing_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-dir"));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Replacing works for every format. */
  for (TupuExportFormat f = TUPU_EXPORT_SVG; f <= TUPU_EXPORT_DOT; f++)
    {
      g_autoptr (GError) local_error = NULL;

      g_assert_true (tupu_export_to_file (layout, f, file, NULL, &local_error));
      g_assert_no_error (local_error);
      g_assert_cmpuint (count_entries (dir), ==, 1);
    }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* The painter                                                                                 */

static void
recorded_extents (TupuLayout *layout, const TupuPaintOptions *options, double *extents)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t         *cr = cairo_create (surface);

  tupu_painter_draw (cr, layout, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &extents[0], &extents[1], &extents[2], &extents[3]);
  cairo_surface_destroy (surface);
}

static void
test_painter_culling (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", NULL);
  guint            leaf = layout->geom_of_node[tupu_graph_lookup (layout->graph, "long-label")];
  const TupuRect  *box = &layout->nodes[leaf].box;
  TupuPaintOptions options;
  double           full[4], culled[4];

  tupu_paint_options_init (&options);
  recorded_extents (layout, &options, full);
  /* Everything is drawn inside the bounds, and most of them are used. */
  g_assert_cmpfloat (full[0], >=, 0);
  g_assert_cmpfloat (full[1], >=, 0);
  g_assert_cmpfloat (full[0] + full[2], <=, layout->bounds.width);
  g_assert_cmpfloat (full[1] + full[3], <=, layout->bounds.height);
  g_assert_cmpfloat (full[2] * full[3], >, 0.8 * layout->bounds.width * layout->bounds.height);

  /* Only what touches the visible rectangle is drawn: the leaf and the edges reaching it. */
  options.visible = box;
  recorded_extents (layout, &options, culled);
  g_assert_cmpfloat (culled[0], <=, box->x);
  g_assert_cmpfloat (culled[1], <=, box->y);
  g_assert_cmpfloat (culled[0] + culled[2], >=, box->x + box->width);
  g_assert_cmpfloat (culled[1] + culled[3], >=, box->y + box->height);
  g_assert_cmpfloat (culled[2] * culled[3], <, 0.7 * full[2] * full[3]);
}

static void
test_painter_node_path (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t         *cr = cairo_create (surface);

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuRect *box = &layout->nodes[i].box;
      double          x0, y0, x1, y1;

      cairo_new_path (cr);
      tupu_painter_node_path (cr, layout, i, 3);
      cairo_path_extents (cr, &x0, &y0, &x1, &y1);
      g_assert_cmpfloat (fabs (x0 - (box->x - 3)), <, 0.01);
      g_assert_cmpfloat (fabs (y0 - (box->y - 3)), <, 0.01);
      g_assert_cmpfloat (fabs (x1 - (box->x + box->width + 3)), <, 0.01);
      g_assert_cmpfloat (fabs (y1 - (box->y + box->height + 3)), <, 0.01);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static cairo_surface_t *
paint_at (TupuLayout *layout, double scale, double lod_scale, gboolean dark)
{
  cairo_surface_t *surface =
      cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)ceil (layout->bounds.width * scale),
                                  (int)ceil (layout->bounds.height * scale));
  cairo_t         *cr = cairo_create (surface);
  TupuPaintOptions options;

  cairo_scale (cr, scale, scale);
  tupu_paint_options_init (&options);
  options.scale = lod_scale;
  options.dark = dark;
  options.background = TRUE;
  tupu_painter_draw (cr, layout, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
surfaces_equal (cairo_surface_t *a, cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int height = cairo_image_surface_get_height (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize)stride * height) == 0;
}

static void
test_painter_level_of_detail (void)
{
  g_autoptr (TupuLayout) layout = layout_fixture ("escapes.json", NULL);
  /* At 0.25 px per point, 12 pt text is 3 px: drawn as bars when the painter knows the scale. */
  cairo_surface_t *detailed = paint_at (layout, 0.25, 0, FALSE);
  cairo_surface_t *bars = paint_at (layout, 0.25, 0.25, FALSE);
  cairo_surface_t *bars_again = paint_at (layout, 0.25, 0.25, FALSE);
  /* At 1:1 everything is readable: knowing the scale changes nothing. */
  cairo_surface_t *full = paint_at (layout, 1, 0, FALSE);
  cairo_surface_t *full_scaled = paint_at (layout, 1, 1, FALSE);
  cairo_surface_t *dark = paint_at (layout, 1, 1, TRUE);

  g_assert_false (surfaces_equal (detailed, bars));
  g_assert_true (surfaces_equal (bars, bars_again));
  g_assert_true (surfaces_equal (full, full_scaled));
  g_assert_false (surfaces_equal (full, dark));

  cairo_surface_destroy (detailed);
  cairo_surface_destroy (bars);
  cairo_surface_destroy (bars_again);
  cairo_surface_destroy (full);
  cairo_surface_destroy (full_scaled);
  cairo_surface_destroy (dark);
}

/* The exports' number writer against the C library's "%.2f": equal, except that a value whose
 * hundredths end in a half may round the other way in the last digit, and -0.00 is 0.00. */
static void
test_fixed2 (void)
{
  static const double fixed[] = { 0,       0.004,  -0.004,      0.005, 1,        -1,         12.345,
                                  -12.355, 99.995, 1234567.891, -0.5,  0.994999, 72.00000001 };
  GRand              *rand = g_rand_new_with_seed (12);

  for (guint i = 0; i < G_N_ELEMENTS (fixed) + 20000; i++)
    {
      double value = i < G_N_ELEMENTS (fixed) ? fixed[i] : g_rand_double_range (rand, -5e4, 5e4);
      g_autoptr (GString) ours = g_string_new (NULL);
      char   theirs[G_ASCII_DTOSTR_BUF_SIZE];
      double half = fabs (value * 100 - trunc (value * 100));

      _tupu_append_fixed2 (ours, value);
      g_ascii_formatd (theirs, sizeof theirs, "%.2f", value);
      if (strcmp (theirs, "-0.00") == 0)
        g_assert_cmpstr (ours->str, ==, "0.00");
      else if (fabs (half - 0.5) > 1e-6)
        g_assert_cmpstr (ours->str, ==, theirs);
      else
        g_assert_cmpfloat (fabs (g_ascii_strtod (ours->str, NULL) - value), <=, 0.0051);
    }
  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/fixed2", test_fixed2);
  g_test_add_func ("/export/svg/builtin", test_svg_builtin);
  g_test_add_func ("/export/svg/escaping", test_svg_escaping);
  g_test_add_func ("/export/svg/xml-escape", test_xml_escape);
  g_test_add_func ("/export/svg/subtree", test_svg_subtree);
  g_test_add_func ("/export/dot/quoting", test_dot_quoting);
  g_test_add_func ("/export/dot/builtin", test_dot_builtin);
  g_test_add_func ("/export/dot/escaping", test_dot_escaping);
  g_test_add_func ("/export/dot/subtree", test_dot_subtree);
  g_test_add_func ("/export/png", test_png);
  g_test_add_func ("/export/png/too-large", test_png_too_large);
  g_test_add_func ("/export/masked", test_masked);
  g_test_add_func ("/export/pdf", test_pdf);
  g_test_add_func ("/export/title", test_title);
  g_test_add_func ("/export/format-from-path", test_format_from_path);
  g_test_add_func ("/export/to-file", test_to_file);
  g_test_add_func ("/painter/culling", test_painter_culling);
  g_test_add_func ("/painter/node-path", test_painter_node_path);
  g_test_add_func ("/painter/level-of-detail", test_painter_level_of_detail);

  return g_test_run ();
}
