/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-bench.c: how long Tupu takes to load, lay out, paint and export a graph, each figure
 * beside Graphviz's own command line doing the same job on the same graph (written with
 * tupu_export_dot). Not a test: nothing here passes or fails. See benchmarks/README.md. */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tupu-export.h"
#include "tupu-graph.h"
#include "tupu-layout-private.h"
#include "tupu-painter.h"
#include "tupu-search.h"

#include <adwaita.h>

#include "tupu-graph-view-private.h"

/* The window the paint figures imagine, and the graph view's margin when it fits the graph. */
#define VIEW_WIDTH 1280
#define VIEW_HEIGHT 800
#define FIT_MARGIN 24.0

/* Just under the PNG exporter's caps (16384 px a side, 64 Mpx), so a whole-picture surface
 * never fails where export would. */
#define SURFACE_MAX_SIDE 16000.0
#define SURFACE_MAX_PIXELS 60e6

static int      n_runs = 5;
static gboolean skip_reference;
static gboolean verbose;
static gboolean keep_files;
/* Generated nodes get summaries as long and as varied as the built-in graph's (for search). */
static gboolean rich_summaries;

/* ------------------------------------------------------------------------------------------ */
/* Timing                                                                                      */

typedef void (*BenchFunc) (gpointer data);

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* A figure: the median time and how many timed runs it is the median of. */
typedef struct
{
  double ms;
  int    runs;
} Timing;

/* Runs slower than this get fewer timed runs, so the whole benchmark stays within ~2 minutes. */
#define SLOW_MS 500.0
#define SLOW_RUNS 3

/* One untimed warm-up run (fontconfig caches, the layout thread, page faults), then the median
 * of n_runs timed runs (SLOW_RUNS when the warm-up was slow), in milliseconds. */
static Timing
median_ms (BenchFunc func, gpointer data)
{
  g_autofree double *ms = g_new (double, n_runs);
  gint64             start = g_get_monotonic_time ();
  Timing             t = { 0, n_runs };

  func (data);
  if ((g_get_monotonic_time () - start) / 1000.0 > SLOW_MS)
    t.runs = MIN (n_runs, SLOW_RUNS);
  for (int i = 0; i < t.runs; i++)
    {
      start = g_get_monotonic_time ();
      func (data);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (ms, t.runs, sizeof *ms, compare_doubles);
  t.ms = t.runs % 2 ? ms[t.runs / 2] : (ms[t.runs / 2 - 1] + ms[t.runs / 2]) / 2;
  return t;
}

/* A benchmark must never print a figure for work that failed. */
static void
check (gboolean ok, const GError *error, const char *what)
{
  if (!ok)
    g_error ("%s failed: %s", what, error != NULL ? error->message : "no error given");
}

/* ------------------------------------------------------------------------------------------ */
/* The reference: Graphviz's command line                                                      */

static void
run_command_cb (gpointer data)
{
  GPtrArray *argv = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int              status;

  if (!g_spawn_sync (NULL, (char **)argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", (char *)argv->pdata[0], error->message, err ? err : "");
}

/* Builds a NULL-terminated argv from a NULL-terminated list of strings. */
static GPtrArray *
command_new (const char *first, ...)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  va_list    args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  return argv;
}

static void command_add (GPtrArray *argv, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
command_add (GPtrArray *argv, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (argv, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Times @argv (consumed); runs = 0 when references are off. */
static Timing
reference_ms (GPtrArray *argv)
{
  g_autoptr (GPtrArray) owned = argv;
  Timing none = { 0, 0 };

  if (skip_reference)
    return none;
  g_ptr_array_add (owned, NULL);
  if (verbose)
    {
      g_autofree char *line = g_strjoinv (" ", (char **)owned->pdata);

      g_print ("  $ %s\n", line);
    }
  return median_ms (run_command_cb, owned);
}

static void
command_add_graph_attribute_cb (const char *name, const char *value, gpointer user_data)
{
  command_add (user_data, "-G%s=%s", name, value);
}

/* The graph attributes the layout gives Graphviz for @engine, so that the reference does the
 * same job (in particular dot's effort caps on big graphs; uncapped, dot would be slower and
 * the ratio flattering). */
static void
command_add_engine_attributes (GPtrArray *argv, TupuEngine engine, guint n_nodes,
                               const char *root_id)
{
  _tupu_layout_engine_attributes (engine, n_nodes, root_id, command_add_graph_attribute_cb, argv);
}

/* ------------------------------------------------------------------------------------------ */
/* Printing                                                                                    */

/* "what: T ms (reference R: T ms, ratio T/R)"; a figure of fewer runs than asked says so. */
static void
print_figure (const char *what, Timing t, const char *reference, Timing ref)
{
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%s: %.1f ms", what, t.ms);
  if (t.runs < n_runs)
    g_string_append_printf (line, " [median of %d]", t.runs);
  if (ref.runs > 0)
    {
      g_string_append_printf (line, " (reference %s: %.1f ms", reference, ref.ms);
      if (ref.runs < n_runs)
        g_string_append_printf (line, " [median of %d]", ref.runs);
      g_string_append_printf (line, ", ratio %.2f)", t.ms / ref.ms);
    }
  g_print ("%s\n", line->str);
}

static double
peak_rss_mb (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return -1;
  return usage.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

static void
print_peak_rss (const char *after)
{
  double self = peak_rss_mb (RUSAGE_SELF);
  double children = skip_reference ? -1 : peak_rss_mb (RUSAGE_CHILDREN);

  if (children <= 0)
    g_print ("peak RSS after %s: %.0f MB\n", after, self);
  else
    g_print ("peak RSS after %s: %.0f MB (reference largest Graphviz process so far: %.0f MB, "
             "ratio %.2f)\n",
             after, self, children, self / children);
}

/* ------------------------------------------------------------------------------------------ */
/* Generated graphs                                                                            */

static const TupuKind item_kinds[] = {
  TUPU_KIND_ITEM, TUPU_KIND_CONCEPT, TUPU_KIND_PRINCIPLE,  TUPU_KIND_GOAL,   TUPU_KIND_ACTION,
  TUPU_KIND_TASK, TUPU_KIND_DUTY,    TUPU_KIND_CAPABILITY, TUPU_KIND_METHOD, TUPU_KIND_PROBLEM,
};

static const TupuRelation cross_relations[] = {
  TUPU_RELATION_SUPPORTS, TUPU_RELATION_EMBODIES,   TUPU_RELATION_BUILDS,
  TUPU_RELATION_LEADS_TO, TUPU_RELATION_RELATES_TO,
};

static void
add_text_pair (JsonBuilder *builder, const char *member, const char *zh, const char *en)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "zh");
  json_builder_add_string_value (builder, zh);
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, en);
  json_builder_end_object (builder);
}

/* Node @serial's quote: 4 to 13 characters of one of the long paragraphs (2–5), from a place
 * that moves with @serial, so labels vary in length and nodes spread over the speech. Sets
 * *offset to the quote's character offset when the quote occurs more than once in its
 * paragraph (the format requires it then), else to -1. */
static char *
pick_quote (guint serial, guint *para, int *offset)
{
  TupuText   *text = tupu_text_get_builtin ();
  const char *p, *start;
  glong       n_chars, from;
  guint       length = 4 + serial % 10;
  char       *quote;

  *para = 2 + serial % 4;
  p = tupu_text_get_para (text, *para);
  n_chars = g_utf8_strlen (p, -1);
  g_assert (n_chars > (glong)length);
  from = (glong)((serial * 37u) % (guint)(n_chars - length));
  start = g_utf8_offset_to_pointer (p, from);
  quote = g_strndup (start, g_utf8_offset_to_pointer (start, length) - start);
  *offset = tupu_text_count (text, *para, quote) > 1 ? (int)from : -1;
  return quote;
}

/* Node @serial's summary with rich_summaries: 60 characters of the speech from a place that
 * moves with @serial, about the length of the built-in graph's summaries. */
static char *
pick_summary (guint serial)
{
  TupuText   *text = tupu_text_get_builtin ();
  guint       para = 2 + (serial * 7) % 4;
  const char *p = tupu_text_get_para (text, para);
  glong       n_chars = g_utf8_strlen (p, -1);
  const char *start = g_utf8_offset_to_pointer (p, (glong)((serial * 53u) % (guint)(n_chars - 60)));

  return g_strndup (start, g_utf8_offset_to_pointer (start, 60) - start);
}

static void
add_node (JsonBuilder *builder, const char *id, TupuKind kind, guint serial, guint count)
{
  g_autofree char *quote = NULL;
  g_autofree char *gloss = g_strdup_printf ("%s %s", tupu_kind_to_string (kind), id);
  guint            para;
  int              offset;

  quote = pick_quote (serial, &para, &offset);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, tupu_kind_to_string (kind));
  add_text_pair (builder, "label", quote, gloss);
  json_builder_set_member_name (builder, "label_origin");
  json_builder_add_string_value (builder, "speech");
  if (rich_summaries)
    {
      g_autofree char *zh = pick_summary (serial);
      g_autofree char *en = g_strdup_printf (
          "Generated %s number %u: what the speech says of it, how it serves the people, and "
          "which duties and methods of study and research it builds on.",
          tupu_kind_to_string (kind), serial);

      add_text_pair (builder, "summary", zh, en);
    }
  else
    add_text_pair (builder, "summary", "用于性能测试的生成节点。",
                   "A generated node for benchmarks.");
  if (count > 0)
    {
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, count);
    }
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "para");
  json_builder_add_int_value (builder, para);
  json_builder_set_member_name (builder, "quote");
  json_builder_add_string_value (builder, quote);
  if (offset >= 0)
    {
      json_builder_set_member_name (builder, "offset");
      json_builder_add_int_value (builder, offset);
    }
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_edge (JsonBuilder *builder, const char *source, const char *target, TupuRelation relation)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target);
  json_builder_set_member_name (builder, "relation");
  json_builder_add_string_value (builder, tupu_relation_to_string (relation));
  json_builder_end_object (builder);
}

/* The shape of a generated graph: a report, its parts, their lists, and the lists' items. */
typedef struct
{
  guint n_parts;
  guint n_lists;
  guint n_items;
} Shape;

static Shape
shape_for (guint n_nodes)
{
  Shape s;

  s.n_parts = 3 + n_nodes / 400;
  s.n_lists = s.n_parts * (4 + n_nodes / 200);
  g_assert (n_nodes > 1 + s.n_parts + 2 * s.n_lists);
  s.n_items = n_nodes - 1 - s.n_parts - s.n_lists;
  return s;
}

static guint
list_of_item (const Shape *s, guint item)
{
  return (guint)((guint64)item * s->n_lists / s->n_items);
}

static void
add_nodes (JsonBuilder *builder, const Shape *s)
{
  g_autofree guint *counts = g_new0 (guint, s->n_lists);
  guint             serial = 0;

  /* The format wants a list's count to match its number of part-of children. */
  for (guint i = 0; i < s->n_items; i++)
    counts[list_of_item (s, i)]++;
  add_node (builder, "root", TUPU_KIND_REPORT, serial++, 0);
  for (guint p = 0; p < s->n_parts; p++)
    {
      g_autofree char *id = g_strdup_printf ("part-%u", p);

      add_node (builder, id, TUPU_KIND_PART, serial++, 0);
    }
  for (guint l = 0; l < s->n_lists; l++)
    {
      g_autofree char *id = g_strdup_printf ("list-%u", l);

      add_node (builder, id, TUPU_KIND_LIST, serial++, counts[l]);
    }
  for (guint i = 0; i < s->n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("item-%u", i);

      add_node (builder, id, item_kinds[i % G_N_ELEMENTS (item_kinds)], serial++, 0);
    }
}

/* The tree, in contiguous blocks (part 0 owns the first lists, list 0 the first items), so
 * that neighbouring ids are neighbours in the picture. Cross-links, about as many per node as
 * the built-in graph has: every third item links to an item about one list further on (mostly
 * close by in the picture), every thirtieth also to one half the graph away (a long edge that
 * crosses most of the picture). No two cross-links join the same pair. */
static void
add_edges (JsonBuilder *builder, const Shape *s)
{
  guint near = s->n_items / s->n_lists + 1, far = s->n_items / 2 + 1;

  for (guint p = 0; p < s->n_parts; p++)
    {
      g_autofree char *id = g_strdup_printf ("part-%u", p);

      add_edge (builder, id, "root", TUPU_RELATION_PART_OF);
    }
  for (guint l = 0; l < s->n_lists; l++)
    {
      g_autofree char *id = g_strdup_printf ("list-%u", l);
      g_autofree char *parent = g_strdup_printf ("part-%u", l * s->n_parts / s->n_lists);

      add_edge (builder, id, parent, TUPU_RELATION_PART_OF);
    }
  for (guint i = 0; i < s->n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("item-%u", i);
      g_autofree char *parent = g_strdup_printf ("list-%u", list_of_item (s, i));
      TupuRelation     relation = cross_relations[(i / 3) % G_N_ELEMENTS (cross_relations)];

      add_edge (builder, id, parent, TUPU_RELATION_PART_OF);
      if (i % 3 == 0)
        {
          g_autofree char *other = g_strdup_printf ("item-%u", (i + near) % s->n_items);

          add_edge (builder, id, other, relation);
        }
      if (i % 30 == 0)
        {
          g_autofree char *other = g_strdup_printf ("item-%u", (i + far) % s->n_items);

          add_edge (builder, id, other, relation);
        }
    }
}

/* A valid graph file of exactly @n_nodes nodes, as JSON text in memory. */
static GBytes *
generate_graph (guint n_nodes)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *id = g_strdup_printf ("bench-%u", n_nodes);
  Shape            s = shape_for (n_nodes);
  gsize            length;
  char            *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  add_text_pair (builder, "title", "生成的测试图谱", "A generated benchmark graph");
  json_builder_set_member_name (builder, "languages");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "zh");
  json_builder_add_string_value (builder, "en");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  add_nodes (builder, &s);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  add_edges (builder, &s);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  /* Compact for search, whose 5000 rich nodes would not fit the loader's size limit pretty. */
  json_generator_set_pretty (generator, !rich_summaries);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/* ------------------------------------------------------------------------------------------ */
/* Subjects: a graph, its dot layout and its DOT files                                         */

typedef struct
{
  char       *name; /* "built-in graph", "generated graph" */
  GBytes     *json; /* NULL for the built-in graph */
  TupuGraph  *graph;
  TupuLayout *layout;    /* dot */
  char       *dot_path;  /* tupu_export_dot of the layout: our positions kept (neato -n2) */
  char       *free_path; /* the same without positions, for references that lay it out */
  char       *root_id;
} Subject;

static void
subject_clear (Subject *s)
{
  if (!keep_files)
    {
      g_unlink (s->dot_path);
      g_unlink (s->free_path);
    }
  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->json, g_bytes_unref);
  g_clear_object (&s->graph);
  g_clear_pointer (&s->layout, tupu_layout_unref);
  g_clear_pointer (&s->dot_path, g_free);
  g_clear_pointer (&s->free_path, g_free);
  g_clear_pointer (&s->root_id, g_free);
}

static TupuLayout *
compute_layout (TupuGraph *graph, TupuEngine engine)
{
  g_autoptr (GError) error = NULL;
  TupuLayoutOptions options;
  TupuLayout       *layout;

  tupu_layout_options_init (&options);
  options.engine = engine;
  layout = tupu_layout_compute (graph, &options, NULL, &error);
  check (layout != NULL, error, "layout");
  return layout;
}

static TupuGraph *
load_subject_graph (GBytes *json, const char *display_name)
{
  g_autoptr (GError) error = NULL;
  TupuGraph *graph;

  if (json == NULL)
    graph = tupu_graph_load_builtin (&error);
  else
    graph = tupu_graph_load_bytes (json, display_name, NULL, NULL, &error);
  check (graph != NULL, error, "loading the graph");
  return graph;
}

/* Writes the layout's DOT to @dir: as exported, and with the `pos` attributes removed (with
 * them, neato and fdp would start from our finished layout). */
static void
write_dot_files (Subject *s, const char *dir, const char *base)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GRegex) pos = g_regex_new (", pos=\"[^\"]*\"", 0, 0, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *free_text = NULL;
  gboolean         ok;

  ok = tupu_export_dot (s->layout, out, NULL, &error) &&
       g_output_stream_write (out, "", 1, NULL, &error) == 1 &&
       g_output_stream_close (out, NULL, &error);
  check (ok, error, "DOT export");
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  free_text = g_regex_replace_literal (pos, text, -1, 0, "", 0, &error);
  check (free_text != NULL, error, "removing positions");

  s->dot_path = g_strdup_printf ("%s/%s.dot", dir, base);
  s->free_path = g_strdup_printf ("%s/%s-free.dot", dir, base);
  check (g_file_set_contents (s->dot_path, text, -1, &error), error, "writing DOT");
  check (g_file_set_contents (s->free_path, free_text, -1, &error), error, "writing DOT");
}

static void
subject_init (Subject *s, guint n_nodes, const char *dir)
{
  g_autofree char *base = n_nodes == 0 ? g_strdup ("builtin") : g_strdup_printf ("gen-%u", n_nodes);

  s->json = n_nodes == 0 ? NULL : generate_graph (n_nodes);
  s->graph = load_subject_graph (s->json, base);
  s->name = g_strdup_printf ("%s, %u nodes", n_nodes == 0 ? "built-in" : "generated",
                             tupu_graph_get_n_nodes (s->graph));
  s->root_id = g_strdup (tupu_graph_get_node (s->graph, tupu_graph_get_root (s->graph))->id);
  s->layout = compute_layout (s->graph, TUPU_ENGINE_DOT);
  write_dot_files (s, dir, base);
  g_print ("\n== %s, %u edges; dot layout %.0f x %.0f pt ==\n", s->name,
           tupu_graph_get_n_edges (s->graph), s->layout->bounds.width, s->layout->bounds.height);
}

/* ------------------------------------------------------------------------------------------ */
/* Loading                                                                                     */

static void
load_cb (gpointer data)
{
  Subject *s = data;

  g_object_unref (load_subject_graph (s->json, "bench.json"));
}

static void
bench_load (Subject *s)
{
  g_autofree char *what = g_strdup_printf ("load %s", s->name);
  Timing           ms = median_ms (load_cb, s);
  Timing           ref = reference_ms (command_new ("nop", "-p", s->free_path, NULL));

  print_figure (what, ms, "nop -p (parse the DOT)", ref);
}

/* ------------------------------------------------------------------------------------------ */
/* Layout                                                                                      */

typedef struct
{
  Subject   *subject;
  TupuEngine engine;
  gboolean   with_svg;
} LayoutJob;

static void
export_svg_to_memory (TupuLayout *layout)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  check (tupu_export_svg (layout, out, NULL, &error), error, "SVG export");
}

static void
layout_cb (gpointer data)
{
  LayoutJob *job = data;
  g_autoptr (TupuLayout) layout = compute_layout (job->subject->graph, job->engine);

  if (job->with_svg)
    export_svg_to_memory (layout);
}

static void
bench_layout (Subject *s, TupuEngine engine, gboolean with_svg)
{
  const char      *name = tupu_engine_to_string (engine);
  LayoutJob        job = { s, engine, with_svg };
  g_autofree char *what =
      g_strdup_printf ("%s %s, %s", with_svg ? "layout+svg" : "layout", name, s->name);
  g_autofree char *ref_name = g_strdup_printf ("%s %s", name, with_svg ? "-Tsvg" : "-Tdot");
  GPtrArray       *argv = command_new (name, with_svg ? "-Tsvg" : "-Tdot", "-o", "/dev/null", NULL);
  Timing           ms = median_ms (layout_cb, &job);

  command_add_engine_attributes (argv, engine, tupu_graph_get_n_nodes (s->graph), s->root_id);
  command_add (argv, "%s", s->free_path);
  print_figure (what, ms, ref_name, reference_ms (argv));
}

/* ------------------------------------------------------------------------------------------ */
/* Painting                                                                                    */

typedef struct
{
  TupuLayout      *layout;
  cairo_surface_t *surface;
  double           zoom;  /* device pixels per layout point */
  double           off_x; /* where the layout's origin lands on the surface */
  double           off_y;
  gboolean         lod;  /* pass the zoom to the painter, so it may skip small text */
  gboolean         cull; /* pass the visible rectangle to the painter */
} Frame;

/* One frame as the view draws it: clear, set the transform, draw. */
static void
paint_cb (gpointer data)
{
  Frame           *f = data;
  cairo_t         *cr = cairo_create (f->surface);
  TupuPaintOptions options;
  TupuRect         visible = { -f->off_x / f->zoom, -f->off_y / f->zoom,
                               cairo_image_surface_get_width (f->surface) / f->zoom,
                               cairo_image_surface_get_height (f->surface) / f->zoom };

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, f->off_x, f->off_y);
  cairo_scale (cr, f->zoom, f->zoom);
  tupu_paint_options_init (&options);
  options.scale = f->lod ? f->zoom : 0;
  options.visible = f->cull ? &visible : NULL;
  tupu_painter_draw (cr, f->layout, &options);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
}

static Timing
time_frame (TupuLayout *layout, int width, int height, double zoom, double off_x, double off_y,
            gboolean lod, gboolean cull)
{
  Frame  f = { layout, cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height),
               zoom,   off_x,
               off_y,  lod,
               cull };
  Timing ms;

  check (cairo_surface_status (f.surface) == CAIRO_STATUS_SUCCESS, NULL, "creating a surface");
  ms = median_ms (paint_cb, &f);
  cairo_surface_destroy (f.surface);
  return ms;
}

/* The largest zoom up to 1 at which the whole picture fits an image surface. */
static double
whole_picture_zoom (TupuLayout *layout)
{
  double side = MAX (1.0, MAX (layout->bounds.width, layout->bounds.height));
  double area = MAX (1.0, layout->bounds.width * layout->bounds.height);

  return MIN (1.0, MIN (SURFACE_MAX_SIDE / side, sqrt (SURFACE_MAX_PIXELS / area)));
}

/* Graphviz drawing a PNG of the picture from our node positions (neato -n2 keeps them and only
 * draws edges straight), at @zoom pixels per point; @extra is one more -G option or NULL. */
static Timing
reference_png (Subject *s, double zoom, const char *extra)
{
  GPtrArray *argv = command_new ("neato", "-n2", "-Tpng", "-o", "/dev/null", NULL);
  char       buf[G_ASCII_DTOSTR_BUF_SIZE];

  command_add (argv, "-Gdpi=%s", g_ascii_formatd (buf, sizeof buf, "%.2f", 72 * zoom));
  if (extra != NULL)
    command_add (argv, "%s", extra);
  command_add (argv, "%s", s->dot_path);
  return reference_ms (argv);
}

static void
bench_paint_whole (Subject *s)
{
  TupuLayout      *layout = s->layout;
  double           zoom = whole_picture_zoom (layout);
  int              width = (int)ceil (layout->bounds.width * zoom);
  int              height = (int)ceil (layout->bounds.height * zoom);
  g_autofree char *what = g_strdup_printf ("paint whole picture %dx%d px at zoom %.2f, %s", width,
                                           height, zoom, s->name);
  Timing           ms = time_frame (layout, width, height, zoom, 0, 0, TRUE, FALSE);

  print_figure (what, ms, "neato -n2 -Tpng", reference_png (s, zoom, NULL));
}

/* At the zoom the graph view fits the graph to a 1280x800 window, with and without the level
 * of detail (labels too small to read drawn as bars). */
static void
bench_paint_fit (Subject *s)
{
  TupuLayout     *layout = s->layout;
  const TupuRect *b = &layout->bounds;
  double          zoom = MIN (1.5, MIN ((VIEW_WIDTH - 2 * FIT_MARGIN) / MAX (1.0, b->width),
                                        (VIEW_HEIGHT - 2 * FIT_MARGIN) / MAX (1.0, b->height)));
  double off_x = (VIEW_WIDTH - b->width * zoom) / 2, off_y = (VIEW_HEIGHT - b->height * zoom) / 2;
  char   size[64], buf1[G_ASCII_DTOSTR_BUF_SIZE], buf2[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *what = NULL;
  Timing           ms, full, ref;

  ms = time_frame (layout, VIEW_WIDTH, VIEW_HEIGHT, zoom, off_x, off_y, TRUE, FALSE);
  full = time_frame (layout, VIEW_WIDTH, VIEW_HEIGHT, zoom, off_x, off_y, FALSE, FALSE);
  /* size= (inches) scales Graphviz's drawing down to fit, as the view's fit does. */
  g_snprintf (size, sizeof size, "-Gsize=%s,%s",
              g_ascii_formatd (buf1, sizeof buf1, "%.3f", (VIEW_WIDTH - 2 * FIT_MARGIN) / 72.0),
              g_ascii_formatd (buf2, sizeof buf2, "%.3f", (VIEW_HEIGHT - 2 * FIT_MARGIN) / 72.0));
  ref = reference_png (s, 1.0, size);
  what = g_strdup_printf ("paint 1280x800 fitted (zoom %.3f), %s", zoom, s->name);
  print_figure (what, ms, "neato -n2 -Tpng -Gsize", ref);
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("paint 1280x800 fitted, no level of detail, %s", s->name);
  print_figure (what, full, "neato -n2 -Tpng -Gsize", ref);
}

/* A 1280x800 window at zoom 1 on the middle of the picture, culled and not. */
static void
bench_paint_viewport (Subject *s)
{
  TupuLayout      *layout = s->layout;
  double           cx = layout->bounds.width / 2, cy = layout->bounds.height / 2;
  double           off_x = VIEW_WIDTH / 2.0 - cx, off_y = VIEW_HEIGHT / 2.0 - cy;
  char             viewport[128], buf1[G_ASCII_DTOSTR_BUF_SIZE], buf2[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *what = NULL;
  Timing           culled, all, ref;

  culled = time_frame (layout, VIEW_WIDTH, VIEW_HEIGHT, 1.0, off_x, off_y, TRUE, TRUE);
  all = time_frame (layout, VIEW_WIDTH, VIEW_HEIGHT, 1.0, off_x, off_y, TRUE, FALSE);
  /* Graphviz's y axis points up; the centre is the same point either way up. */
  g_snprintf (viewport, sizeof viewport, "-Gviewport=%d,%d,1,%s,%s", VIEW_WIDTH, VIEW_HEIGHT,
              g_ascii_formatd (buf1, sizeof buf1, "%.1f", cx),
              g_ascii_formatd (buf2, sizeof buf2, "%.1f", cy));
  ref = reference_png (s, 1.0, viewport);
  what = g_strdup_printf ("paint 1280x800 viewport at zoom 1, culled, %s", s->name);
  print_figure (what, culled, "neato -n2 -Tpng -Gviewport", ref);
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("paint 1280x800 viewport at zoom 1, not culled, %s", s->name);
  print_figure (what, all, "neato -n2 -Tpng -Gviewport", ref);
}

/* ------------------------------------------------------------------------------------------ */
/* Export                                                                                      */

static void
svg_cb (gpointer data)
{
  export_svg_to_memory (data);
}

typedef struct
{
  TupuLayout *layout;
  double      scale;
} PngJob;

static void
png_cb (gpointer data)
{
  PngJob *job = data;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  check (tupu_export_png (job->layout, job->scale, out, NULL, &error), error, "PNG export");
}

static void
bench_export (Subject *s)
{
  PngJob           png = { s->layout, whole_picture_zoom (s->layout) };
  g_autofree char *what = g_strdup_printf ("export SVG, %s", s->name);
  Timing           ms = median_ms (svg_cb, s->layout);
  GPtrArray *argv = command_new ("neato", "-n2", "-Tsvg", "-o", "/dev/null", s->dot_path, NULL);

  print_figure (what, ms, "neato -n2 -Tsvg", reference_ms (argv));
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("export PNG at scale %.2f, %s", png.scale, s->name);
  ms = median_ms (png_cb, &png);
  print_figure (what, ms, "neato -n2 -Tpng", reference_png (s, png.scale, NULL));
}

/* ------------------------------------------------------------------------------------------ */
/* Main                                                                                        */

static void
bench_subject (guint n_nodes, const char *dir)
{
  Subject s = { 0 };

  subject_init (&s, n_nodes, dir);
  bench_load (&s);
  for (TupuEngine engine = 0; engine < TUPU_N_ENGINES; engine++)
    {
      TupuLayoutOptions options;

      /* Every engine on the built-in graph; on the big ones only dot, the default (the others
       * would take most of the time budget). Never beyond an engine's caps. */
      tupu_layout_options_init (&options);
      options.engine = engine;
      if ((n_nodes == 0 || engine == TUPU_ENGINE_DOT) &&
          tupu_layout_check_limits (s.graph, &options, NULL))
        bench_layout (&s, engine, FALSE);
    }
  bench_layout (&s, TUPU_ENGINE_DOT, TRUE);
  bench_paint_whole (&s);
  bench_paint_fit (&s);
  bench_paint_viewport (&s);
  bench_export (&s);
  print_peak_rss (s.name);
  subject_clear (&s);
}

/* Every reference pays for starting a process and loading Graphviz's plugins; this is that
 * share, to read the small figures' ratios with. */
static void
bench_startup (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "empty.dot", NULL);
  g_autoptr (GError) error = NULL;
  Timing t;

  if (skip_reference)
    return;
  check (g_file_set_contents (path, "digraph empty {}\n", -1, &error), error, "writing DOT");
  t = reference_ms (command_new ("dot", "-Tsvg", "-o", "/dev/null", path, NULL));
  g_print ("start-up share of every reference (dot -Tsvg on an empty graph): %.1f ms\n", t.ms);
  g_unlink (path);
}

/* ------------------------------------------------------------------------------------------ */
/* Search: `tupu-bench search`                                                                 */

/* What a reader types, one keystroke at a time: Chinese, English, pinyin, initials, a single
 * letter matching nearly everything, and letters matching nothing (every field scanned). */
static const char *const search_queries[] = {
  "六个必须坚持", "人社部门",        "liugebixu", "lgbxjc", "rensheju",
  "Six Musts",    "research topics", "worldview", "s",      "zqxjvwk",
};

static double
percentile (GArray *sorted, double p)
{
  return g_array_index (sorted, double, MIN (sorted->len - 1, (guint)ceil (p * sorted->len) - 1));
}

/* The calling thread's CPU time in ms: what a keystroke costs, without the time a loaded
 * machine makes it wait for a core. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
print_times (const char *what, GArray *times)
{
  qsort (times->data, times->len, sizeof (double), compare_doubles);
  g_print ("  %s: median %.2f ms, p95 %.2f ms, max %.2f ms\n", what, percentile (times, 0.5),
           percentile (times, 0.95), g_array_index (times, double, times->len - 1));
}

/* Every prefix of every query is one keystroke: the time tupu_search_run() takes to return its
 * ranked results, wall-clock and CPU. A query's first keystroke searches every concept; the
 * next ones only those the previous one matched. */
static int
bench_search (guint n_nodes)
{
  g_autoptr (GBytes) json = NULL;
  g_autoptr (TupuGraph) graph = NULL;
  g_autoptr (TupuSearch) search = NULL;
  g_autoptr (GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) first_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *slowest = NULL;
  gint64           start;
  double           index_ms, slowest_ms = 0;
  guint            n_results = 0, slowest_results = 0;

  rich_summaries = TRUE;
  json = generate_graph (n_nodes);
  graph = load_subject_graph (json, "search.json");
  start = g_get_monotonic_time ();
  search = tupu_search_new (graph);
  index_ms = (g_get_monotonic_time () - start) / 1000.0;

  for (int run = 0; run <= n_runs; run++) /* run 0 warms up */
    for (guint q = 0; q < G_N_ELEMENTS (search_queries); q++)
      for (const char *end = g_utf8_next_char (search_queries[q]);; end = g_utf8_next_char (end))
        {
          g_autofree char *typed = g_strndup (search_queries[q], end - search_queries[q]);
          g_autoptr (GArray) matches = NULL;
          double cpu_start = thread_cpu_ms (), ms, cpu_ms;

          start = g_get_monotonic_time ();
          matches = tupu_search_run (search, typed);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          cpu_ms = thread_cpu_ms () - cpu_start;
          if (run > 0)
            {
              g_array_append_val (wall, ms);
              g_array_append_val (cpu, cpu_ms);
              if (end == g_utf8_next_char (search_queries[q]))
                g_array_append_val (first_cpu, cpu_ms);
              n_results += matches->len;
              if (cpu_ms > slowest_ms)
                {
                  slowest_ms = cpu_ms;
                  slowest_results = matches->len;
                  g_free (slowest);
                  slowest = g_strdup (typed);
                }
            }
          if (*end == '\0')
            break;
        }

  g_print ("search, generated graph of %u concepts: index built in %.1f ms; %u keystrokes "
           "(%zu queries typed %d times), %.0f results each on average\n",
           tupu_graph_get_n_nodes (graph), index_ms, wall->len, G_N_ELEMENTS (search_queries),
           n_runs, (double)n_results / wall->len);
  print_times ("per keystroke, wall-clock", wall);
  print_times ("per keystroke, CPU", cpu);
  print_times ("first keystroke of a query (every concept searched), CPU", first_cpu);
  g_print ("  the costliest: “%s”, %.2f ms CPU, %u results\n", slowest, slowest_ms,
           slowest_results);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Frames of the graph view (tupu-bench frame): the real TupuGraphView in a window, each frame
 * snapshotted and rasterised by the window's renderer, as GTK does (GSK_RENDERER=cairo shows
 * what the app itself costs; under Xvfb GL is software anyway). */

#define FRAME_WIDTH 1280
#define FRAME_HEIGHT 800
#define FRAME_COUNT 60

static gboolean
view_has_layout (TupuGraphView *view, TupuGraph *graph)
{
  TupuLayout *layout = tupu_graph_view_get_layout (view);

  return layout != NULL && layout->graph == graph && !tupu_graph_view_get_layout_pending (view);
}

/* One frame: the view's snapshot, rendered to pixels. Returns the wall-clock ms, and the CPU
 * ms of this thread in @cpu (on a shared machine, what the frame itself cost). */
static double
render_frame (TupuGraphView *view, GskRenderer *renderer, double *cpu)
{
  double       cpu_start = thread_cpu_ms ();
  gint64       start = g_get_monotonic_time ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    texture = gsk_renderer_render_texture (renderer, node,
                                           &GRAPHENE_RECT_INIT (0, 0, FRAME_WIDTH, FRAME_HEIGHT));
  if (cpu != NULL)
    *cpu = thread_cpu_ms () - cpu_start;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
settle (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* @n frames, the transform set by @step before each (frame @i); one untimed frame first. */
static void
time_frames (TupuGraphView *view, GskRenderer *renderer, const char *what,
             void (*step) (TupuGraphView *, int))
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_what = g_strdup_printf ("%s, CPU", what);

  step (view, 0);
  /* As on screen: the zoom settles (the tiles are painted again at it) before the frames. */
  settle (500);
  render_frame (view, renderer, NULL);
  for (int i = 1; i <= FRAME_COUNT; i++)
    {
      double ms, cpu;

      step (view, i);
      ms = render_frame (view, renderer, &cpu);
      g_array_append_val (times, ms);
      g_array_append_val (cpu_times, cpu);
    }
  print_times (what, times);
  print_times (cpu_what, cpu_times);
}

static void
step_fitted (TupuGraphView *view, int i)
{
  tupu_graph_view_zoom_fit (view);
}

static void
step_one (TupuGraphView *view, int i)
{
  if (i == 0)
    tupu_graph_view_zoom_at (view, 1.0, FRAME_WIDTH / 2.0, FRAME_HEIGHT / 2.0);
}

/* 12 px a frame, diagonally, as a drag or a glide would. */
static void
step_pan (TupuGraphView *view, int i)
{
  _tupu_graph_view_set_view (view, view->zoom, view->off_x - 12, view->off_y - 8);
}

static int
bench_frame (guint n_nodes)
{
  g_autoptr (GBytes) json = generate_graph (n_nodes);
  g_autoptr (TupuGraph) graph = load_subject_graph (json, "frame.json");
  GtkWidget     *window;
  TupuGraphView *view;
  gint64         start;

  gtk_init ();
  adw_init ();
  window = gtk_window_new ();
  view = TUPU_GRAPH_VIEW (tupu_graph_view_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), FRAME_WIDTH, FRAME_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  start = g_get_monotonic_time ();
  tupu_graph_view_set_graph (view, graph);
  while (!view_has_layout (view, graph) || gtk_widget_get_width (GTK_WIDGET (view)) < FRAME_WIDTH)
    g_main_context_iteration (NULL, TRUE);

  g_print ("frame, generated graph of %u concepts laid out with %s (%.1f s), %d×%d, %d frames "
           "after one untimed, %s renderer:\n",
           tupu_graph_get_n_nodes (graph),
           tupu_engine_to_string (tupu_graph_view_get_layout (view)->options.engine),
           (g_get_monotonic_time () - start) / 1e6, FRAME_WIDTH, FRAME_HEIGHT, FRAME_COUNT,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  time_frames (view, gtk_native_get_renderer (GTK_NATIVE (window)), "fitted (p95 goal ≤ 16 ms)",
               step_fitted);
  time_frames (view, gtk_native_get_renderer (GTK_NATIVE (window)), "at 1:1 (p95 goal ≤ 16 ms)",
               step_one);
  time_frames (view, gtk_native_get_renderer (GTK_NATIVE (window)),
               "panning at 1:1 (p95 goal ≤ 16 ms)", step_pan);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

static int
frame_main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("frame");
  g_autoptr (GError) error = NULL;
  int                n_nodes = 5000;
  const GOptionEntry entries[] = {
    { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Concepts in the generated graph (default 5000)",
      "N" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  g_option_context_set_summary (context, "Times frames of the graph view (needs a display: run it "
                                         "under xvfb-run). See benchmarks/README.md.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_nodes < 100)
    {
      g_printerr ("tupu-bench frame: %s\n",
                  error != NULL ? error->message : "--nodes must be ≥ 100");
      return 2;
    }
  return bench_frame (n_nodes);
}

static int
search_main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("search");
  g_autoptr (GError) error = NULL;
  int                n_nodes = 5000;
  const GOptionEntry entries[] = {
    { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Concepts in the generated graph (default 5000)",
      "N" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Times each query is typed (default 5)", "N" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  /* The queries printed are Chinese: print them as such where the locale allows. */
  setlocale (LC_ALL, "");
  g_option_context_set_summary (context, "Times the search's results per keystroke on a "
                                         "generated graph. See benchmarks/README.md.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_runs < 1 || n_nodes < 100)
    {
      g_printerr ("tupu-bench search: %s\n",
                  error != NULL ? error->message : "--runs must be ≥ 1, --nodes ≥ 100");
      return 2;
    }
  return bench_search (n_nodes);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char   *dir = NULL;
  const guint        sizes[] = { 0, 500, 2000 };
  gint64             start = g_get_monotonic_time ();
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Timed runs per figure (median; default 5)", "N" },
    { "no-reference", 0, 0, G_OPTION_ARG_NONE, &skip_reference,
      "Do not time Graphviz's command line", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print each reference command", NULL },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep_files, "Keep the DOT files written", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  if (argc > 1 && g_str_equal (argv[1], "search"))
    return search_main (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "frame"))
    return frame_main (argc - 1, argv + 1);

  g_option_context_set_summary (context, "Times Tupu's load, layout, painting and export beside "
                                         "Graphviz's command line. See benchmarks/README.md.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_runs < 1)
    {
      g_printerr ("tupu-bench: %s\n", error != NULL ? error->message : "--runs must be ≥ 1");
      return 2;
    }
  dir = g_dir_make_tmp ("tupu-bench-XXXXXX", &error);
  check (dir != NULL, error, "making a temporary directory");

  g_print ("Tupu benchmarks: median of %d runs after a warm-up; times in ms; ratio = Tupu / "
           "reference.\n",
           n_runs);
  bench_startup (dir);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    bench_subject (sizes[i], dir);

  if (keep_files)
    g_print ("\nDOT files kept in %s\n", dir);
  else
    g_rmdir (dir);
  g_print ("\ntotal run time: %.0f s\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
