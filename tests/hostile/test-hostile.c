/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hostile.c: asserts every row of the hostile catalogue (tests/data/hostile/README.md,
 * generated from tests/data/hostile/expected.json by make-readme.py).
 *
 * For each file: the loader's first error, exactly, at its line:column (or that it loads); the
 * exit codes of `tupu --validate` and `tupu --export OUT.svg` (through tupu_cli_*, the code the
 * command line runs), and that a failed export leaves no file; for files that load, that the
 * graph renders in dot with the SVG well-formed and every label's text coming back out of the
 * SVG and the DOT exactly, so no markup can leak into either. Cases too big to commit (a file
 * over the size limit, over the node, edge and degree limits, absurd nesting) are generated
 * here into a temporary directory.
 *
 * `test-hostile --print` prints the actual outcome of every case as expected.json rows instead,
 * to review when the loader's wording changes. `--slow` registers the generated limit cases,
 * which build_aux/test keeps out of the valgrind stage (suite `slow`).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <graphviz/cgraph.h>
#include <json-glib/json-glib.h>

#include "tupu-cli.h"
#include "tupu-export.h"
#include "tupu-graph.h"
#include "tupu-layout.h"

/* docs/graph-format.md, "Limits". */
#define MAX_FILE_SIZE (16 * 1024 * 1024)

typedef struct
{
  char    *name; /* the file in tests/data/hostile, or the generated case's name */
  gboolean generated;
  int      validate; /* exit code of tupu --validate FILE */
  int export;        /* exit code of tupu --export OUT.svg FILE (dot) */
  char *error;       /* "LINE:COLUMN: message" of the first error, NULL when it loads */
  char *warning;     /* "LINE:COLUMN: message" of the first warning, or NULL */
} Case;

static char    *hostile_dir;
static char    *tmp_dir;
static gboolean print_mode;

static void
case_free (Case *c)
{
  g_free (c->name);
  g_free (c->error);
  g_free (c->warning);
  g_free (c);
}

/* ---------------------------------------------------------------------------------------------
 * Generated cases: written to tmp_dir, never committed.
 */

/* A valid graph of @n_nodes: the root with children in a tree of fan-out @fan_out (0 = all
 * children of the root), plus @n_extra relates-to links, each from node i to node i + step. */
static GString *
generate_graph (guint n_nodes, guint fan_out, guint n_extra, guint step)
{
  GString *json = g_string_new (NULL);

  g_string_append (json, "{\"format_version\": 1, \"id\": \"generated\",\n"
                         " \"title\": {\"zh\": \"生成\", \"en\": \"Generated\"},\n"
                         " \"languages\": [\"zh\", \"en\"],\n \"nodes\": [\n");
  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (
        json,
        "  %s{\"id\": \"n%u\", \"kind\": \"%s\", \"label\": {\"zh\": \"节点%u\","
        " \"en\": \"node %u\"}, \"label_origin\": \"editorial\", \"summary\":"
        " {\"zh\": \"摘要。\", \"en\": \"Summary.\"}, \"sources\": [{\"para\": 2,"
        " \"quote\": \"现将有关工作进展情况汇报如下\"}]}\n",
        i ? "," : "", i, i ? "concept" : "report", i, i);
  g_string_append (json, " ],\n \"edges\": [\n");
  for (guint i = 1; i < n_nodes; i++)
    g_string_append_printf (
        json, "  %s{\"source\": \"n%u\", \"target\": \"n%u\", \"relation\": \"part-of\"}\n",
        i > 1 ? "," : "", i, fan_out ? (i - 1) / fan_out : 0);
  for (guint i = 0; i < n_extra; i++)
    g_string_append_printf (
        json, "  ,{\"source\": \"n%u\", \"target\": \"n%u\", \"relation\": \"relates-to\"}\n",
        i % n_nodes, (i % n_nodes + 1 + i / n_nodes * step) % n_nodes);
  g_string_append (json, " ]\n}\n");
  return json;
}

static char *
write_generated (const char *name, const char *data, gsize len)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* A graph padded with trailing spaces (valid JSON) to one byte over the size limit. */
static GString *
generate_oversize (void)
{
  GString *json = generate_graph (3, 0, 0, 0);

  while (json->len < MAX_FILE_SIZE + 1)
    g_string_append_c (json, ' ');
  g_string_truncate (json, MAX_FILE_SIZE + 1);
  return json;
}

static GString *
generate_case (const char *name)
{
  if (g_str_equal (name, "generated-oversize.json"))
    return generate_oversize ();
  if (g_str_equal (name, "generated-nesting-100000.json"))
    {
      GString *json = g_string_new (NULL);

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (json, '[');
      return json;
    }
  if (g_str_equal (name, "generated-20001-nodes.json"))
    return generate_graph (20001, 4, 0, 0);
  /* 999 part-of + 79002 links, 80 per node at most: no node reaches the degree limit (500). */
  if (g_str_equal (name, "generated-80001-edges.json"))
    return generate_graph (1000, 4, 80001 - 999, 1);
  if (g_str_equal (name, "generated-degree-501.json"))
    return generate_graph (502, 0, 0, 0); /* the root has 501 children */
  if (g_str_equal (name, "generated-dot-2001-nodes.json"))
    return generate_graph (2001, 4, 0, 0); /* valid; over dot's cap */
  if (g_str_equal (name, "generated-dot-degree-201.json"))
    return generate_graph (202, 0, 0, 0); /* valid; over dot's degree cap */
  g_error ("no generator for %s", name);
}

/* ---------------------------------------------------------------------------------------------
 * Reading what the exports say.
 */

typedef struct
{
  GHashTable *text_of_id; /* node id -> GString: its <text> content, unescaped */
  GString    *current;
  gboolean    in_text;
} SvgReader;

static void
svg_start (GMarkupParseContext *context, const char *element, const char **names,
           const char **values, gpointer data, GError **error)
{
  SvgReader *reader = data;

  if (g_str_equal (element, "g"))
    {
      const char *id = NULL, *class = NULL;

      g_markup_collect_attributes (element, names, values, error,
                                   G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "id", &id,
                                   G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "class",
                                   &class, G_MARKUP_COLLECT_INVALID);
      if (id != NULL)
        {
          reader->current = g_string_new (NULL);
          g_assert_false (g_hash_table_contains (reader->text_of_id, id));
          g_hash_table_insert (reader->text_of_id, g_strdup (id), reader->current);
        }
    }
  /* Nothing but our own elements: a leaked <b> or <script> would show up here. */
  else if (!g_str_equal (element, "svg") && !g_str_equal (element, "title") &&
           !g_str_equal (element, "style") && !g_str_equal (element, "rect") &&
           !g_str_equal (element, "path") && !g_str_equal (element, "text"))
    g_error ("unexpected element <%s> in the SVG", element);
  reader->in_text = g_str_equal (element, "text");
}

static void
svg_end (GMarkupParseContext *context, const char *element, gpointer data, GError **error)
{
  SvgReader *reader = data;

  if (g_str_equal (element, "g"))
    reader->current = NULL;
  reader->in_text = FALSE;
}

static void
svg_text (GMarkupParseContext *context, const char *text, gsize len, gpointer data, GError **error)
{
  SvgReader *reader = data;

  if (reader->in_text && reader->current != NULL)
    g_string_append_len (reader->current, text, len);
}

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

/* The label text as the layout wrapped it: its runs, joined. */
static char *
runs_text (const TupuNodeGeom *geom)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < geom->n_runs; r++)
    g_string_append (text, geom->runs[r].text);
  return g_string_free (text, FALSE);
}

/* Wrapping only ever breaks lines at spaces or between characters: without whitespace the runs
 * say exactly what the label and gloss say. */
static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static void
check_svg (TupuLayout *layout, const char *svg, gsize len)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  SvgReader reader = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, string_free) };
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, &reader, NULL);
  g_autoptr (GError) error = NULL;

  g_markup_parse_context_parse (context, svg, len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNodeGeom *geom = &layout->nodes[i];
      const TupuNode     *node = tupu_graph_get_node (layout->graph, geom->node);
      GString            *found = g_hash_table_lookup (reader.text_of_id, node->id);
      g_autofree char    *runs = runs_text (geom);
      g_autofree char    *runs_bare = without_spaces (runs);
      g_autofree char    *label = g_strconcat (node->label_zh, node->label_en, NULL);
      g_autofree char    *label_bare = without_spaces (label);

      g_assert_nonnull (found);
      g_assert_cmpstr (found->str, ==, runs);
      g_assert_cmpstr (runs_bare, ==, label_bare);
    }
  g_hash_table_destroy (reader.text_of_id);
}

/* What cgraph hands back for a label we wrote: backslashes stay doubled (label rendering
 * undoes that), newlines come back as \n. */
static char *
dot_attribute_value (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if ((guchar)*p >= 0x20 && *p != 0x7f)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
check_dot (TupuLayout *layout, char *dot)
{
  Agraph_t *g = agmemread (dot);

  g_assert_nonnull (g);
  g_assert_cmpint (agnnodes (g), ==, (int)layout->n_nodes);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNode  *node = tupu_graph_get_node (layout->graph, layout->nodes[i].node);
      Agnode_t        *n = agnode (g, (char *)node->id, FALSE);
      g_autofree char *label = dot_attribute_value (node->label_zh);
      g_autofree char *gloss = dot_attribute_value (node->label_en);

      g_assert_nonnull (n);
      g_assert_cmpstr (agget (n, (char *)"label"), ==, label);
      g_assert_cmpstr (agget (n, (char *)"gloss"), ==, gloss);
    }
  agclose (g);
}

typedef gboolean (*ExportFunc) (TupuLayout *, GOutputStream *, GCancellable *, GError **);

static char *
export_to_string (TupuLayout *layout, ExportFunc export, gsize *len)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  export(layout, out, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  *len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)) - 1;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* "Renders, escaped": lays the graph out with dot and reads the SVG and DOT back. */
static void
check_renders (TupuGraph *graph)
{
  TupuLayoutOptions options;
  g_autoptr (TupuLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *dot = NULL;
  gsize            len;

  tupu_layout_options_init (&options);
  layout = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layout->n_nodes, ==, tupu_graph_get_n_nodes (graph));

  svg = export_to_string (layout, tupu_export_svg, &len);
  g_assert_cmpuint (strlen (svg), ==, len);
  check_svg (layout, svg, len);
  dot = export_to_string (layout, tupu_export_dot, &len);
  g_assert_cmpuint (strlen (dot), ==, len);
  check_dot (layout, dot);
}

/* ---------------------------------------------------------------------------------------------
 * One case.
 */

/* "LINE:COLUMN: message", without the file name (which the catalogue need not repeat). */
static char *
located (const TupuDiagnostic *diag)
{
  if (diag == NULL)
    return NULL;
  if (diag->line == 0)
    return g_strdup (diag->message);
  return g_strdup_printf ("%u:%u: %s", diag->line, diag->column, diag->message);
}

static int
export_exit_code (const char *path, const char *engine)
{
  g_autofree char *out = g_build_filename (tmp_dir, "out.svg", NULL);
  int              code = tupu_cli_export (out, NULL, engine, NULL, NULL, path);

  /* Through a temporary file: a failed export leaves nothing behind. */
  g_assert_true (code == TUPU_EXIT_OK || !g_file_test (out, G_FILE_TEST_EXISTS));
  g_remove (out);
  return code;
}

static void
print_case (const Case *c, const char *error, const char *warning, int validate, int export)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, c->name);
  json_builder_set_member_name (builder, "validate");
  json_builder_add_int_value (builder, validate);
  json_builder_set_member_name (builder, "export");
  json_builder_add_int_value (builder, export);
  json_builder_set_member_name (builder, "error");
  if (error != NULL)
    json_builder_add_string_value (builder, error);
  else
    json_builder_add_null_value (builder);
  if (warning != NULL)
    {
      json_builder_set_member_name (builder, "warning");
      json_builder_add_string_value (builder, warning);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  /* Not g_print(): it would convert to the locale's charset. */
  fprintf (stdout, "%s\n", text);
}

static void
test_case (gconstpointer data)
{
  const Case      *c = data;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  g_autofree char *first_error = NULL;
  g_autofree char *first_warning = NULL;
  int              validate, export;

  if (c->generated)
    {
      g_autoptr (GString) json = generate_case (c->name);

      path = write_generated (c->name, json->str, json->len);
    }
  else
    path = g_build_filename (hostile_dir, c->name, NULL);

  /* Through the file loader, which refuses oversized files before reading them. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (path);

    graph = tupu_graph_load_file (file, NULL, &diagnostics, &error);
  }
  first_error = located (tupu_diagnostics_first (diagnostics, TUPU_SEVERITY_ERROR));
  first_warning = located (tupu_diagnostics_first (diagnostics, TUPU_SEVERITY_WARNING));
  if (first_error == NULL && error != NULL)
    first_error = g_strdup (error->message);
  validate = tupu_cli_validate (path);
  export = export_exit_code (path, NULL);

  if (print_mode)
    {
      print_case (c, first_error, first_warning, validate, export);
      if (c->generated)
        g_remove (path);
      return;
    }

  g_assert_cmpstr (first_error, ==, c->error);
  g_assert_true ((graph == NULL) == (c->error != NULL));
  if (c->warning != NULL)
    g_assert_cmpstr (first_warning, ==, c->warning);
  g_assert_cmpint (validate, ==, c->validate);
  g_assert_cmpint (export, ==, c->export);
  if (graph != NULL && c->export == TUPU_EXIT_OK)
    check_renders (graph);
  if (c->generated)
    g_remove (path);
}

/* ---------------------------------------------------------------------------------------------
 * Cases that are not rows of the table.
 */

/* A sparse 16 GiB file: refused from its size alone, at once, without reading it. */
static void
test_sparse_huge_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "sparse.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  gint64 start;
  int    fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (16) << 30), ==, 0);
  close (fd);

  start = g_get_monotonic_time ();
  graph = tupu_graph_load_file (file, NULL, NULL, &error);
  g_assert_null (graph);
  g_assert_error (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_INVALID);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpint (tupu_cli_validate (path), ==, TUPU_EXIT_INVALID);
  g_remove (path);
}

/* Every prefix of a valid file is refused with an error located inside the prefix. */
static void
check_prefixes (const char *data, gsize len, gsize stride)
{
  for (gsize cut = 0; cut < len; cut += stride)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (data, cut);
      g_autoptr (GPtrArray) diagnostics = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (TupuGraph) graph = NULL;
      const TupuDiagnostic *diag;
      guint                 lines = 1;

      /* The only valid prefix is the whole file without its trailing newline. */
      if (cut == len - 1 && data[cut] == '\n')
        continue;
      for (gsize i = 0; i < cut; i++)
        lines += data[i] == '\n';
      graph = tupu_graph_load_bytes (bytes, "prefix.json", NULL, &diagnostics, &error);
      g_assert_null (graph);
      diag = tupu_diagnostics_first (diagnostics, TUPU_SEVERITY_ERROR);
      g_assert_nonnull (diag);
      g_assert_cmpuint (diag->line, >=, 1);
      g_assert_cmpuint (diag->line, <=, lines);
    }
}

static void
test_truncated_everywhere (void)
{
  g_autofree char *path = g_build_filename (hostile_dir, "base-valid.json", NULL);
  g_autofree char *speech =
      g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "data", "graphs", "speech.json", NULL);
  g_autofree char *data = NULL;
  gsize            len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  check_prefixes (data, len, 1);
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (speech, &data, &len, NULL));
  /* The built-in graph is large: 200 cuts spread over it. */
  check_prefixes (data, len, MAX (1, len / 200));
}

/* The caps of dot are refused with a message naming a faster engine, and that engine works. */
static void
test_engine_caps (void)
{
  static const char *const cases[] = { "generated-dot-2001-nodes.json",
                                       "generated-dot-degree-201.json" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) json = generate_case (cases[i]);
      g_autoptr (GBytes) bytes = g_bytes_new (json->str, json->len);
      g_autoptr (GError) error = NULL;
      g_autoptr (TupuGraph) graph = tupu_graph_load_bytes (bytes, cases[i], NULL, NULL, &error);
      TupuLayoutOptions options;

      g_assert_no_error (error);
      tupu_layout_options_init (&options);
      g_assert_false (tupu_layout_check_limits (graph, &options, &error));
      g_assert_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "sfdp"));
      g_clear_error (&error);
      options.engine = TUPU_ENGINE_SFDP;
      g_assert_true (tupu_layout_check_limits (graph, &options, &error));
    }
}

/* ---------------------------------------------------------------------------------------------
 * The table.
 */

static GPtrArray *
read_cases (void)
{
  g_autofree char *path = g_build_filename (hostile_dir, "expected.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify)case_free);
  JsonArray *rows;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  rows =
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      Case       *c = g_new0 (Case, 1);

      c->name = g_strdup (json_object_get_string_member (row, "file"));
      c->generated = g_str_has_prefix (c->name, "generated-");
      c->validate = json_object_get_int_member_with_default (row, "validate", -1);
      c->export = json_object_get_int_member_with_default (row, "export", -1);
      c->error = g_strdup (json_object_get_string_member_with_default (row, "error", NULL));
      c->warning = g_strdup (json_object_get_string_member_with_default (row, "warning", NULL));
      g_ptr_array_add (cases, c);
    }
  return cases;
}

/* Every file of the catalogue has a row, and every row a file (or a generator). */
static void
test_table_complete (gconstpointer data)
{
  GPtrArray *cases = (GPtrArray *)data;
  g_autoptr (GDir) dir = g_dir_open (hostile_dir, 0, NULL);
  g_autoptr (GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;

  for (guint i = 0; i < cases->len; i++)
    {
      Case            *c = g_ptr_array_index (cases, i);
      g_autofree char *path = g_build_filename (hostile_dir, c->name, NULL);

      g_hash_table_add (rows, c->name);
      if (c->generated)
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS)); /* never committed */
      else
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && !g_str_equal (name, "expected.json"))
      g_assert_true (g_hash_table_contains (rows, name));
}

static gboolean
is_slow (const Case *c)
{
  return c->generated;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GError) error = NULL;
  gboolean slow = FALSE;
  int      result;

  for (int i = 1; i < argc; i++)
    {
      gboolean ours = TRUE;

      if (g_str_equal (argv[i], "--slow"))
        slow = TRUE;
      else if (g_str_equal (argv[i], "--print"))
        print_mode = TRUE;
      else
        ours = FALSE;
      if (ours)
        {
          memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof *argv);
          argc--;
          i--;
        }
    }
  g_test_init (&argc, &argv, NULL);

  hostile_dir = g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "tests", "data", "hostile", NULL);
  tmp_dir = g_dir_make_tmp ("tupu-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  cases = read_cases ();

  if (!slow)
    g_test_add_data_func ("/hostile/table-complete", cases, test_table_complete);
  for (guint i = 0; i < cases->len; i++)
    {
      Case            *c = g_ptr_array_index (cases, i);
      g_autofree char *test_path = NULL;

      if (is_slow (c) != slow && !print_mode)
        continue;
      test_path = g_strdup_printf ("/hostile/%s", c->name);
      g_test_add_data_func (test_path, c, test_case);
    }
  if (slow)
    {
      g_test_add_func ("/hostile/sparse-16-gib-file", test_sparse_huge_file);
      g_test_add_func ("/hostile/engine-caps", test_engine_caps);
    }
  else
    g_test_add_func ("/hostile/truncated-everywhere", test_truncated_everywhere);

  result = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (hostile_dir);
  return result;
}
