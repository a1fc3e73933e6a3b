/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-content.c: checks the built-in speech graph against the speech itself.
 *
 * The loader already refuses a structurally broken file; these tests hold the curated content to
 * the curation rules of issue 3: every quote verbatim where it says it is, one tree, both
 * languages everywhere, counts that agree with members and with the numerals in labels, and
 * coverage of every enumeration, quoted term, numbered point and counted phrase of the speech.
 * And to those of issue 10: every label is in the words its label_origin says, no list member's
 * quote reaches into another member's words, and the series a teacher draws are there.
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "tupu-core-resources.h"
#include "tupu-graph.h"
#include "tupu-layout.h"

#define GRAPH_PATH "/io/github/tupu/Tupu/core/graphs/speech.json"
#define EXTERNAL_PATH "/io/github/tupu/Tupu/core/external-zh.md"

/* ------------------------------------------------------------------------------------------ */
/* Fixtures and helpers                                                                       */

static GBytes *
lookup_resource (const char *path)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = g_resource_lookup_data (tupu_core_get_resource (), path,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return bytes;
}

/* The built-in graph, loaded once for the whole run (it is immutable). */
static TupuGraph *
builtin_graph (void)
{
  static TupuGraph *graph = NULL;

  if (graph == NULL)
    {
      g_autoptr (GError) error = NULL;

      graph = tupu_graph_load_builtin (&error);
      g_assert_no_error (error);
      g_assert_nonnull (graph);
    }
  return graph;
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

static gboolean
has_han (const char *s)
{
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (is_han (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

/* The part-of parent of each node, from the edges themselves (not the loader's derived index),
 * so the tree check does not trust what it checks. */
static int *
part_of_parents (TupuGraph *graph, guint *n_parent_edges)
{
  guint n = tupu_graph_get_n_nodes (graph);
  int  *parent = g_new (int, n);

  for (guint i = 0; i < n; i++)
    {
      parent[i] = -1;
      n_parent_edges[i] = 0;
    }
  for (guint e = 0; e < tupu_graph_get_n_edges (graph); e++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (graph, e);

      if (edge->relation != TUPU_RELATION_PART_OF)
        continue;
      parent[edge->source] = (int)edge->target;
      n_parent_edges[edge->source]++;
    }
  return parent;
}

/* ------------------------------------------------------------------------------------------ */
/* Chinese numerals                                                                           */

static int
digit_value (gunichar c)
{
  static const char *const digits = "〇一二三四五六七八九";
  const char              *p = digits;

  if (c == 0x4E24 /* 两 */)
    return 2;
  if (c == 0x96F6 /* 零 */)
    return 0;
  if (c >= '0' && c <= '9')
    return (int)(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) /* full-width digits */
    return (int)(c - 0xFF10);
  for (int v = 0; *p != '\0'; v++, p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return v;
  return -1;
}

static gboolean
is_arabic_digit (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static gboolean
is_numeral_char (gunichar c)
{
  return digit_value (c) >= 0 || c == 0x5341 /* 十 */ || c == 0x767E /* 百 */
         || c == 0x5343 /* 千 */;
}

/* Parses a run of numeral characters (十六, 二十三, 一百零五, 两, 12) into its value, or -1. */
static int
parse_numeral (const gunichar *s, guint len)
{
  int      total = 0;
  int      current = -1;
  gboolean arabic = len > 0 && is_arabic_digit (s[0]);

  if (len == 0)
    return -1;
  for (guint i = 0; i < len; i++)
    {
      int d = digit_value (s[i]);

      if (arabic)
        {
          if (!is_arabic_digit (s[i]))
            return -1;
          total = total * 10 + d;
          continue;
        }
      if (d >= 0)
        current = d;
      else
        {
          int unit = s[i] == 0x5341 ? 10 : s[i] == 0x767E ? 100 : 1000;

          total += (current < 0 ? 1 : current) * unit;
          current = -1;
        }
    }
  return arabic ? total : total + (current < 0 ? 0 : current);
}

/* Measure words (and 大, as in 五大行动) that turn a numeral into a count. */
static guint
measure_length (const gunichar *s, guint len)
{
  static const char *const single = "个张大项类种条件位名次批点届重";

  if (len == 0)
    return 0;
  if (len >= 2 && s[0] == 0x65B9 /* 方 */ && s[1] == 0x9762 /* 面 */)
    return 2;
  for (const char *p = single; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == s[0])
      return 1;
  return 0;
}

typedef struct
{
  guint start; /* in characters */
  guint end;   /* exclusive, after the measure word */
  int   value;
} Numeral;

/* Finds the next numeral + measure word at or after @from. */
static gboolean
find_numeral (const gunichar *s, guint len, guint from, Numeral *out)
{
  for (guint i = from; i < len; i++)
    {
      guint j = i;
      guint m;

      if (!is_numeral_char (s[i]))
        continue;
      while (j < len && is_numeral_char (s[j]))
        j++;
      m = measure_length (s + j, len - j);
      if (m > 0)
        {
          out->start = i;
          out->end = j + m;
          out->value = parse_numeral (s + i, j - i);
          return TRUE;
        }
      i = j - 1;
    }
  return FALSE;
}

static void
test_numeral_parser (void)
{
  struct
  {
    const char *text;
    int         value;
  } cases[] = {
    { "一", 1 },      { "两", 2 },         { "十", 10 },        { "十六", 16 }, { "二十", 20 },
    { "二十三", 23 }, { "一百零五", 105 }, { "三百二十", 320 }, { "12", 12 },   { "１６", 16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      glong                len = 0;
      g_autofree gunichar *s = g_utf8_to_ucs4_fast (cases[i].text, -1, &len);

      g_assert_cmpint (parse_numeral (s, (guint)len), ==, cases[i].value);
    }
}

static void
test_numeral_finder (void)
{
  struct
  {
    const char *text;
    int         value; /* -1: no count phrase */
  } cases[] = {
    { "五大行动", 5 },  { "三张清单", 3 },  { "16个调研课题", 16 }, { "十六个课题", 16 },
    { "12个方面", 12 }, { "统一领导", -1 }, { "一是坚持", -1 },     { "两个维护", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      glong                len = 0;
      g_autofree gunichar *s = g_utf8_to_ucs4_fast (cases[i].text, -1, &len);
      Numeral              num;
      gboolean             found = find_numeral (s, (guint)len, 0, &num);

      g_assert_cmpint (found ? num.value : -1, ==, cases[i].value);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Loading                                                                                    */

static void
test_loads_clean (void)
{
  g_autoptr (GBytes) bytes = lookup_resource (GRAPH_PATH);
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) graph = NULL;

  graph = tupu_graph_load_bytes (bytes, "speech.json", NULL, &diagnostics, &error);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *text = tupu_diagnostic_format (g_ptr_array_index (diagnostics, i));

      g_test_message ("%s", text);
    }
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  g_assert_nonnull (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (tupu_graph_get_n_nodes (graph), >, 100);
}

/* ------------------------------------------------------------------------------------------ */
/* Quotes                                                                                     */

static void
check_speech_source (TupuText *text, const char *id, const TupuSource *src)
{
  const char *para = tupu_text_get_para (text, (guint)src->para);
  const char *at;

  g_assert_nonnull (para);
  g_assert_cmpint (src->offset, >=, 0);
  g_assert_cmpint (src->offset, <=, g_utf8_strlen (para, -1));
  at = g_utf8_offset_to_pointer (para, src->offset);
  if (strncmp (at, src->quote, strlen (src->quote)) != 0)
    g_error ("%s: quote \"%s\" is not at character %d of paragraph %d", id, src->quote, src->offset,
             src->para);
}

static void
test_quotes_verbatim (void)
{
  TupuGraph *graph = builtin_graph ();
  TupuText  *text = tupu_graph_get_text (graph);
  g_autoptr (GBytes) external = lookup_resource (EXTERNAL_PATH);
  g_autofree char *ext = g_strndup (g_bytes_get_data (external, NULL), g_bytes_get_size (external));
  guint            n_speech = 0, n_citations = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      g_assert_cmpuint (node->sources->len, >, 0);
      for (guint s = 0; s < node->sources->len; s++)
        {
          const TupuSource *src = g_ptr_array_index (node->sources, s);

          if (src->type == TUPU_SOURCE_SPEECH)
            {
              check_speech_source (text, node->id, src);
              n_speech++;
            }
          else
            {
              g_assert_nonnull (src->citation);
              if (src->quote != NULL && strstr (ext, src->quote) == NULL)
                g_error ("%s: citation quote \"%s\" is not in data/external-zh.md", node->id,
                         src->quote);
              n_citations++;
            }
        }
    }
  g_test_message ("%u speech quotes and %u citations checked", n_speech, n_citations);
}

/* The loader resolves every offset; this reads the file itself to check that an offset is
 * written wherever a quote repeats in its paragraph, as the format requires. */
static void
test_offsets_written (void)
{
  g_autoptr (GBytes) bytes = lookup_resource (GRAPH_PATH);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  TupuText  *text = tupu_text_get_builtin ();
  JsonArray *nodes;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                              (gssize)g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  nodes =
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "nodes");
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      JsonArray  *sources = json_object_get_array_member (node, "sources");

      for (guint s = 0; s < json_array_get_length (sources); s++)
        {
          JsonObject *src = json_array_get_object_element (sources, s);
          guint       para;
          const char *quote;

          if (!json_object_has_member (src, "para"))
            continue;
          para = (guint)json_object_get_int_member (src, "para");
          quote = json_object_get_string_member (src, "quote");
          if (tupu_text_count (text, para, quote) > 1 && !json_object_has_member (src, "offset"))
            g_error ("%s: \"%s\" repeats in paragraph %u but has no offset",
                     json_object_get_string_member (node, "id"), quote, para);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Label origins                                                                              */

/* @s without the quotation marks “ ” and the ** that hides the city's name: a label in the
 * speech's words may leave both out (docs/graph-format.md, data/external-zh.md). */
static char *
strip_marks (const char *s)
{
  GString *out = g_string_new (NULL);

  while (*s != '\0')
    {
      gunichar c = g_utf8_get_char (s);

      if (g_str_has_prefix (s, "**"))
        {
          s += 2;
          continue;
        }
      if (c != 0x201C && c != 0x201D)
        g_string_append_unichar (out, c);
      s = g_utf8_next_char (s);
    }
  return g_string_free (out, FALSE);
}

static gboolean
in_speech (TupuText *text, const char *label)
{
  g_autofree char *bare = strip_marks (label);

  for (guint p = 1; p <= tupu_text_get_n_paras (text); p++)
    {
      g_autofree char *para = strip_marks (tupu_text_get_para (text, p));

      if (strstr (para, bare) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* "speech": the label is the speech's words. "citation": a citation source quotes the outside
 * text (verbatim in data/external-zh.md) and the label is in that quote. "editorial": the
 * editors' words, so not a phrase of the speech that should have been marked "speech". */
static void
test_label_origins (void)
{
  TupuGraph *graph = builtin_graph ();
  TupuText  *text = tupu_graph_get_text (graph);
  g_autoptr (GBytes) external = lookup_resource (EXTERNAL_PATH);
  g_autofree char *ext = g_strndup (g_bytes_get_data (external, NULL), g_bytes_get_size (external));
  guint            n[TUPU_N_LABEL_ORIGINS] = { 0 };
  g_autoptr (GString) wrong = g_string_new (NULL);

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);
      gboolean        quoted = FALSE;

      n[node->label_origin]++;
      switch (node->label_origin)
        {
        case TUPU_LABEL_ORIGIN_SPEECH:
          if (!in_speech (text, node->label_zh))
            g_string_append_printf (wrong,
                                    "  %s: the label \"%s\" is marked as the speech's words "
                                    "but is not in the speech\n",
                                    node->id, node->label_zh);
          break;
        case TUPU_LABEL_ORIGIN_CITATION:
          for (guint s = 0; s < node->sources->len; s++)
            {
              const TupuSource *src = g_ptr_array_index (node->sources, s);

              if (src->type == TUPU_SOURCE_CITATION && src->quote != NULL &&
                  strstr (ext, src->quote) != NULL && strstr (src->quote, node->label_zh) != NULL)
                quoted = TRUE;
            }
          if (!quoted)
            g_string_append_printf (
                wrong,
                "  %s: the label \"%s\" is marked as an outside text's words, but no citation "
                "quotes it from data/external-zh.md\n",
                node->id, node->label_zh);
          if (in_speech (text, node->label_zh))
            g_string_append_printf (wrong,
                                    "  %s: the label \"%s\" is in the speech: mark it \"speech\"\n",
                                    node->id, node->label_zh);
          break;
        case TUPU_LABEL_ORIGIN_EDITORIAL:
          if (in_speech (text, node->label_zh))
            g_string_append_printf (wrong,
                                    "  %s: the label \"%s\" is in the speech: mark it \"speech\"\n",
                                    node->id, node->label_zh);
          break;
        case TUPU_N_LABEL_ORIGINS:
        default:
          g_assert_not_reached ();
        }
    }
  if (wrong->len > 0)
    g_error ("labels whose origin is not what the file says:\n%s", wrong->str);
  g_test_message ("labels: %u in the speech's words, %u in an outside text's, %u editorial",
                  n[TUPU_LABEL_ORIGIN_SPEECH], n[TUPU_LABEL_ORIGIN_CITATION],
                  n[TUPU_LABEL_ORIGIN_EDITORIAL]);
  /* The members of 两个确立, 两个维护, 六个必须坚持 and the five specific objectives. */
  g_assert_cmpuint (n[TUPU_LABEL_ORIGIN_CITATION], >=, 15);
}

/* Selecting a list member highlights its quotes in the speech: a quote that runs on into the
 * next member's words would light up both. */
static void
test_quotes_one_member (void)
{
  TupuGraph *graph = builtin_graph ();
  guint      n_lists = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *list = tupu_graph_get_node (graph, i);

      if (list->kind != TUPU_KIND_LIST)
        continue;
      n_lists++;
      for (guint c = 0; c < list->children->len; c++)
        {
          const TupuNode *member =
              tupu_graph_get_node (graph, g_array_index (list->children, guint, c));
          g_autofree char *name = strip_marks (list->label_zh);

          /* Nor into the words that name the whole list (任务“三张清单”). */
          for (guint s = 0; s < member->sources->len; s++)
            {
              const TupuSource *src = g_ptr_array_index (member->sources, s);
              g_autofree char  *quote = NULL;

              if (src->type != TUPU_SOURCE_SPEECH)
                continue;
              quote = strip_marks (src->quote);
              if (strstr (quote, name) != NULL)
                g_error ("%s: the quote \"%s\" of member %s runs into the list's name", list->id,
                         src->quote, member->id);
            }
        }
      for (guint a = 0; a < list->children->len; a++)
        for (guint b = 0; b < list->children->len; b++)
          {
            const TupuNode *ma =
                tupu_graph_get_node (graph, g_array_index (list->children, guint, a));
            const TupuNode *mb =
                tupu_graph_get_node (graph, g_array_index (list->children, guint, b));

            if (a == b)
              continue;
            for (guint s = 0; s < ma->sources->len; s++)
              for (guint t = 0; t < mb->sources->len; t++)
                {
                  const TupuSource *x = g_ptr_array_index (ma->sources, s);
                  const TupuSource *y = g_ptr_array_index (mb->sources, t);
                  int               x_end, y_end;

                  if (x->type != TUPU_SOURCE_SPEECH || y->type != TUPU_SOURCE_SPEECH ||
                      x->para != y->para)
                    continue;
                  x_end = x->offset + (int)g_utf8_strlen (x->quote, -1);
                  y_end = y->offset + (int)g_utf8_strlen (y->quote, -1);
                  if (x->offset < y_end && y->offset < x_end)
                    g_error ("%s: the quote \"%s\" of member %s overlaps the quote \"%s\" of "
                             "member %s",
                             list->id, x->quote, ma->id, y->quote, mb->id);
                }
          }
    }
  g_test_message ("%u lists: no member's quote reaches into another's", n_lists);
}

/* ------------------------------------------------------------------------------------------ */
/* Structure                                                                                  */

static void
test_ids_and_edges (void)
{
  TupuGraph *graph = builtin_graph ();
  guint      n = tupu_graph_get_n_nodes (graph);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      g_assert_true (tupu_id_is_valid (node->id));
      if (!g_hash_table_add (seen, node->id))
        g_error ("duplicate id %s", node->id);
      g_assert_cmpint (tupu_graph_lookup (graph, node->id), ==, (int)i);
    }
  for (guint e = 0; e < tupu_graph_get_n_edges (graph); e++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (graph, e);

      g_assert_cmpuint (edge->source, <, n);
      g_assert_cmpuint (edge->target, <, n);
      g_assert_cmpuint (edge->source, !=, edge->target);
    }
}

static void
test_one_tree (void)
{
  TupuGraph           *graph = builtin_graph ();
  guint                n = tupu_graph_get_n_nodes (graph);
  g_autofree guint    *n_parent_edges = g_new0 (guint, n);
  g_autofree int      *parent = part_of_parents (graph, n_parent_edges);
  g_autofree gboolean *reached = g_new0 (gboolean, n);
  g_autoptr (GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
  guint root = tupu_graph_get_root (graph);
  guint n_roots = 0, n_reached = 0;

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (n_parent_edges[i], <=, 1);
      if (parent[i] < 0)
        n_roots++;
    }
  g_assert_cmpuint (n_roots, ==, 1);
  g_assert_cmpint (parent[root], ==, -1);
  g_assert_cmpint (tupu_graph_get_node (graph, root)->kind, ==, TUPU_KIND_REPORT);

  /* Walk down from the root over the part-of edges: every node must be reached. */
  g_array_append_val (queue, root);
  reached[root] = TRUE;
  for (guint q = 0; q < queue->len; q++)
    {
      guint at = g_array_index (queue, guint, q);

      n_reached++;
      for (guint i = 0; i < n; i++)
        if (parent[i] == (int)at && !reached[i])
          {
            reached[i] = TRUE;
            g_array_append_val (queue, i);
          }
    }
  for (guint i = 0; i < n; i++)
    if (!reached[i])
      g_error ("%s is not reachable from the report", tupu_graph_get_node (graph, i)->id);
  g_assert_cmpuint (n_reached, ==, n);
}

/* The speech's three parts and the editors' part for its opening paragraph sit under the report,
 * and every numbered point under one of the speech's parts. */
static void
test_parts_and_points (void)
{
  TupuGraph      *graph = builtin_graph ();
  const TupuNode *root = tupu_graph_get_node (graph, tupu_graph_get_root (graph));
  guint           n_parts = 0, n_editorial_parts = 0, n_points = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      if (node->kind == TUPU_KIND_PART)
        {
          g_assert_cmpint (node->parent, ==, (int)root->index);
          if (node->label_origin == TUPU_LABEL_ORIGIN_EDITORIAL)
            n_editorial_parts++;
          else
            n_parts++;
        }
      else if (node->kind == TUPU_KIND_POINT)
        {
          const TupuNode *part = tupu_graph_get_node (graph, (guint)node->parent);

          g_assert_cmpint (part->kind, ==, TUPU_KIND_PART);
          g_assert_cmpint (part->label_origin, ==, TUPU_LABEL_ORIGIN_SPEECH);
          n_points++;
        }
    }
  g_assert_cmpuint (n_parts, ==, 3);
  g_assert_cmpuint (n_editorial_parts, ==, 1);
  g_assert_cmpuint (n_points, ==, 11);
}

/* ------------------------------------------------------------------------------------------ */
/* The series a teacher draws                                                                 */

static const TupuNode *
node_by_id (TupuGraph *graph, const char *id)
{
  int index = tupu_graph_lookup (graph, id);

  if (index < 0)
    g_error ("no node \"%s\"", id);
  return tupu_graph_get_node (graph, (guint)index);
}

static gboolean
has_edge (TupuGraph *graph, const char *source, const char *target, TupuRelation relation)
{
  int a = tupu_graph_lookup (graph, source), b = tupu_graph_lookup (graph, target);

  for (guint e = 0; a >= 0 && b >= 0 && e < tupu_graph_get_n_edges (graph); e++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (graph, e);

      if (edge->relation != relation)
        continue;
      if ((edge->source == (guint)a && edge->target == (guint)b) ||
          (relation == TUPU_RELATION_RELATES_TO && edge->source == (guint)b &&
           edge->target == (guint)a))
        return TRUE;
    }
  return FALSE;
}

static void
assert_list_under (TupuGraph *graph, const char *id, const char *parent, int count)
{
  const TupuNode *node = node_by_id (graph, id);

  g_assert_cmpint (node->kind, ==, TUPU_KIND_LIST);
  g_assert_cmpint (node->count, ==, count);
  g_assert_cmpstr (tupu_graph_get_node (graph, (guint)node->parent)->id, ==, parent);
}

/* The opening paragraph has a part of its own. */
static void
test_series_introduction (void)
{
  TupuGraph      *graph = builtin_graph ();
  const TupuNode *intro = node_by_id (graph, "introduction");
  const char     *members[] = { "campaign-aims", "approach", "political-consciousness",
                                "study-outcomes", "work-outcomes" };

  g_assert_cmpint (intro->kind, ==, TUPU_KIND_PART);
  g_assert_cmpint (intro->label_origin, ==, TUPU_LABEL_ORIGIN_EDITORIAL);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_cmpint (node_by_id (graph, members[i])->parent, ==, (int)intro->index);
}

/* Part 2's branch shows what part 2 says: the general requirement that opens it, the heading's
 * 学懂弄通做实, the three "genuines" mapped onto the fundamental task, and the three brands. */
static void
test_series_part_2 (void)
{
  TupuGraph      *graph = builtin_graph ();
  const TupuNode *genuines = node_by_id (graph, "three-genuines");
  const TupuNode *brands = node_by_id (graph, "hrss-brands");
  g_autoptr (GHashTable) points = g_hash_table_new (NULL, NULL);
  guint n_brands = 0;

  assert_list_under (graph, "general-requirement-terms", "part-2", 4);
  g_assert_true (has_edge (graph, "general-requirement", "general-requirement-terms",
                           TUPU_RELATION_RELATES_TO));
  g_assert_cmpstr (node_by_id (graph, "study-master-apply")->label_zh, ==, "学懂弄通做实");
  assert_list_under (graph, "study-master-apply", "part-2", 3);

  assert_list_under (graph, "three-genuines", "part-2", 3);
  g_assert_true (has_edge (graph, "three-genuines", "learn-think-apply", TUPU_RELATION_EMBODIES));
  g_assert_true (has_edge (graph, "three-genuines", "know-believe-act", TUPU_RELATION_EMBODIES));
  /* Each "genuine" is tied to the point whose heading says it, one point each. */
  for (guint c = 0; c < genuines->children->len; c++)
    {
      const TupuNode *member =
          tupu_graph_get_node (graph, g_array_index (genuines->children, guint, c));
      const GArray *edges = tupu_graph_get_node_edges (graph, member->index);

      for (guint e = 0; e < edges->len; e++)
        {
          const TupuEdge *edge = tupu_graph_get_edge (graph, g_array_index (edges, guint, e));
          guint           other = edge->source == member->index ? edge->target : edge->source;
          const TupuNode *point = tupu_graph_get_node (graph, other);

          if (edge->relation == TUPU_RELATION_RELATES_TO && point->kind == TUPU_KIND_POINT)
            {
              g_assert_cmpstr (tupu_graph_get_node (graph, (guint)point->parent)->id, ==, "part-2");
              g_assert_nonnull (strstr (point->label_zh, member->label_zh));
              g_hash_table_add (points, GUINT_TO_POINTER (other + 1));
            }
        }
    }
  g_assert_cmpuint (g_hash_table_size (points), ==, 3);

  /* Every brand is a member of the brands list, and there are three. */
  assert_list_under (graph, "hrss-brands", "part-2", 3);
  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    if (tupu_graph_get_node (graph, i)->kind == TUPU_KIND_BRAND)
      {
        g_assert_cmpint (tupu_graph_get_node (graph, i)->parent, ==, (int)brands->index);
        n_brands++;
      }
  g_assert_cmpuint (n_brands, ==, 3);
}

/* Each style of part 3 sits under the point that states it; the series is made of links. */
static void
test_series_styles (void)
{
  TupuGraph *graph = builtin_graph ();
  const struct
  {
    const char *style, *point;
  } styles[] = {
    { "style-study", "point-3-1" },   { "style-grasp", "point-3-1" },
    { "style-examine", "point-3-2" }, { "style-do", "point-3-3" },
    { "style-correct", "point-3-4" }, { "style-build", "point-3-5" },
  };

  g_assert_cmpint (node_by_id (graph, "six-styles")->kind, !=, TUPU_KIND_LIST);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      const TupuNode *style = node_by_id (graph, styles[i].style);

      g_assert_cmpstr (tupu_graph_get_node (graph, (guint)style->parent)->id, ==, styles[i].point);
      g_assert_true (has_edge (graph, styles[i].style, "six-styles", TUPU_RELATION_EMBODIES));
    }
  /* 原原本本学 keeps its three ways of studying in point 3-1's branch. */
  g_assert_true (tupu_graph_is_descendant (graph, node_by_id (graph, "read-works")->index,
                                           node_by_id (graph, "point-3-1")->index));
}

/* ------------------------------------------------------------------------------------------ */
/* Languages                                                                                  */

static void
test_both_languages (void)
{
  TupuGraph *graph = builtin_graph ();

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);
      const char *texts[] = { node->label_zh, node->label_en, node->summary_zh, node->summary_en };

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (texts[t]));

          g_assert_cmpstr (stripped, !=, "");
          /* The city's name is hidden behind ** in the speech; only quotes keep it. */
          if (strstr (texts[t], "**") != NULL)
            g_error ("%s: label or summary contains the ** placeholder", node->id);
        }
      if (!has_han (node->label_zh) || !has_han (node->summary_zh))
        g_error ("%s: the zh label or summary has no Chinese", node->id);
      if (has_han (node->label_en) || has_han (node->summary_en))
        g_error ("%s: the en label or summary contains Chinese", node->id);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Counts                                                                                     */

static void
test_list_counts (void)
{
  TupuGraph *graph = builtin_graph ();
  guint      n_lists = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      if (node->kind == TUPU_KIND_LIST)
        {
          if ((guint)node->count != node->children->len)
            g_error ("%s: count %d but %u members", node->id, node->count, node->children->len);
          g_assert_cmpint (node->count, >=, 2);
          n_lists++;
        }
      if (node->count_only)
        {
          g_assert_cmpint (node->count, >, 0);
          g_assert_cmpuint (node->children->len, ==, 0);
        }
    }
  g_test_message ("%u lists", n_lists);
}

/* A label such as 五大行动 or 16个调研课题 states a count: it must be the node's count. */
static void
test_label_numerals (void)
{
  TupuGraph *graph = builtin_graph ();
  guint      n_checked = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode      *node = tupu_graph_get_node (graph, i);
      glong                len = 0;
      g_autofree gunichar *s = g_utf8_to_ucs4_fast (node->label_zh, -1, &len);
      Numeral              num;

      if (!find_numeral (s, (guint)len, 0, &num))
        continue;
      if (num.value != node->count)
        g_error ("%s: the label \"%s\" says %d, count is %d", node->id, node->label_zh, num.value,
                 node->count);
      n_checked++;
    }
  g_test_message ("%u labels state a count that agrees with it", n_checked);
  g_assert_cmpuint (n_checked, >=, 8);
}

/* Members of a list come in the speech's order (by their first speech source). */
static void
test_members_in_speech_order (void)
{
  TupuGraph *graph = builtin_graph ();

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);
      int             last_para = 0, last_offset = -1;

      if (node->kind != TUPU_KIND_LIST)
        continue;
      for (guint c = 0; c < node->children->len; c++)
        {
          const TupuNode *child =
              tupu_graph_get_node (graph, g_array_index (node->children, guint, c));
          const TupuSource *first = NULL;

          for (guint s = 0; s < child->sources->len && first == NULL; s++)
            {
              const TupuSource *src = g_ptr_array_index (child->sources, s);

              if (src->type == TUPU_SOURCE_SPEECH)
                first = src;
            }
          if (first == NULL)
            continue;
          if (first->para < last_para || (first->para == last_para && first->offset <= last_offset))
            g_error ("%s: member %s is out of speech order", node->id, child->id);
          last_para = first->para;
          last_offset = first->offset;
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Coverage                                                                                   */

typedef struct
{
  int   para;
  guint start, end; /* characters */
  guint node;
} Span;

typedef struct
{
  TupuGraph  *graph;
  GArray     *spans;   /* Span, of every speech source */
  GHashTable *allowed; /* item text -> reason */
  GHashTable *used;    /* allow-list items that matched */
  GString    *missing;
} Coverage;

static void
coverage_init (Coverage *cov)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  cov->graph = builtin_graph ();
  cov->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  cov->allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cov->used = g_hash_table_new (g_str_hash, g_str_equal);
  cov->missing = g_string_new (NULL);

  for (guint i = 0; i < tupu_graph_get_n_nodes (cov->graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (cov->graph, i);

      for (guint s = 0; s < node->sources->len; s++)
        {
          const TupuSource *src = g_ptr_array_index (node->sources, s);
          Span              span = { src->para, (guint)src->offset, 0, i };

          if (src->type != TUPU_SOURCE_SPEECH)
            continue;
          span.end = span.start + (guint)g_utf8_strlen (src->quote, -1);
          g_array_append_val (cov->spans, span);
        }
    }

  /* One item per line: "ITEM | reason". Lines starting with # are comments. */
  path = g_build_filename (TEST_SOURCE_DIR, "coverage-allow.txt", NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], " | ", 2);
      if (fields[1] == NULL || *g_strstrip (fields[1]) == '\0')
        g_error ("coverage-allow.txt:%u: an item needs a reason after \" | \"", i + 1);
      g_hash_table_insert (cov->allowed, g_strdup (g_strstrip (fields[0])), g_strdup (fields[1]));
    }
}

static void
coverage_clear (Coverage *cov)
{
  g_array_unref (cov->spans);
  g_hash_table_unref (cov->allowed);
  g_hash_table_unref (cov->used);
  g_string_free (cov->missing, TRUE);
}

/* The node whose speech quote spans [start, end) of @para, preferring one with members; or -1. */
static int
covering_node (Coverage *cov, int para, guint start, guint end)
{
  int found = -1;

  for (guint i = 0; i < cov->spans->len; i++)
    {
      const Span     *span = &g_array_index (cov->spans, Span, i);
      const TupuNode *node;

      if (span->para != para || span->start > start || span->end < end)
        continue;
      node = tupu_graph_get_node (cov->graph, span->node);
      if (node->children->len >= 2)
        return (int)span->node;
      found = (int)span->node;
    }
  return found;
}

static gboolean
label_covers (Coverage *cov, const char *text)
{
  for (guint i = 0; i < tupu_graph_get_n_nodes (cov->graph); i++)
    if (strstr (tupu_graph_get_node (cov->graph, i)->label_zh, text) != NULL)
      return TRUE;
  return FALSE;
}

typedef struct
{
  guint total, covered, by_members, allowed;
} Tally;

/* Records one item of the speech: covered by a quote, by a label, allowed, or missing. */
static void
coverage_item (Coverage *cov, Tally *tally, const char *what, int para, const gunichar *s,
               guint start, guint end, guint text_start, guint text_end)
{
  g_autofree char *text = g_ucs4_to_utf8 (s + text_start, text_end - text_start, NULL, NULL, NULL);
  int              node = covering_node (cov, para, start, end);

  tally->total++;
  if (node >= 0)
    {
      tally->covered++;
      if (tupu_graph_get_node (cov->graph, (guint)node)->children->len >= 2)
        tally->by_members++;
    }
  else if (label_covers (cov, text))
    tally->covered++;
  else if (g_hash_table_contains (cov->allowed, text))
    {
      tally->allowed++;
      g_hash_table_add (cov->used, (gpointer)g_intern_string (text));
    }
  else
    g_string_append_printf (cov->missing, "  %s in paragraph %d: %s\n", what, para, text);
}

static gboolean
is_clause_break (gunichar c)
{
  return c != 0 && g_utf8_strchr ("，。；：！？,.;:!?（）()《》「」", -1, c) != NULL;
}

/* Maximal runs of phrases joined by 、 (a clause between other punctuation that contains 、).
 * Covered when one quote spans every 、 with a character either side. */
static void
scan_series (Coverage *cov, Tally *tally, int para, const gunichar *s, guint len)
{
  guint start = 0;

  for (guint i = 0; i <= len; i++)
    {
      int first = -1, last = -1;

      if (i < len && !is_clause_break (s[i]))
        continue;
      for (guint j = start; j < i; j++)
        if (s[j] == 0x3001 /* 、 */)
          {
            if (first < 0)
              first = (int)j;
            last = (int)j;
          }
      if (first > (int)start && last + 1 < (int)i)
        coverage_item (cov, tally, "series", para, s, (guint)first - 1, (guint)last + 2, start, i);
      start = i + 1;
    }
}

static void
scan_quoted (Coverage *cov, Tally *tally, int para, const gunichar *s, guint len)
{
  for (guint i = 0; i < len; i++)
    {
      guint j = i + 1;

      if (s[i] != 0x201C /* “ */)
        continue;
      while (j < len && s[j] != 0x201D /* ” */)
        j++;
      if (j < len && j > i + 1)
        coverage_item (cov, tally, "quoted term", para, s, i + 1, j, i + 1, j);
      i = j;
    }
}

/* 一是, 二是 … at the start of a sentence or clause. */
static void
scan_points (Coverage *cov, Tally *tally, int para, const gunichar *s, guint len)
{
  for (guint i = 0; i + 1 < len; i++)
    {
      guint j = i;

      if ((i > 0 && !is_clause_break (s[i - 1])) || !is_numeral_char (s[i]))
        continue;
      while (j < len && is_numeral_char (s[j]))
        j++;
      if (j < len && s[j] == 0x662F /* 是 */)
        coverage_item (cov, tally, "numbered point", para, s, i, j + 1, i, j + 1);
    }
}

static void
scan_numerals (Coverage *cov, Tally *tally, int para, const gunichar *s, guint len)
{
  Numeral num;
  guint   from = 0;

  while (find_numeral (s, len, from, &num))
    {
      coverage_item (cov, tally, "count phrase", para, s, num.start, num.end, num.start, num.end);
      from = num.end;
    }
}

static void
test_coverage (void)
{
  Coverage       cov;
  Tally          series = { 0 }, quoted = { 0 }, points = { 0 }, numerals = { 0 };
  TupuText      *text;
  GHashTableIter iter;
  gpointer       item;

  coverage_init (&cov);
  text = tupu_graph_get_text (cov.graph);
  for (guint p = 1; p <= tupu_text_get_n_paras (text); p++)
    {
      glong                len = 0;
      g_autofree gunichar *s = g_utf8_to_ucs4_fast (tupu_text_get_para (text, p), -1, &len);

      scan_series (&cov, &series, (int)p, s, (guint)len);
      scan_quoted (&cov, &quoted, (int)p, s, (guint)len);
      scan_points (&cov, &points, (int)p, s, (guint)len);
      scan_numerals (&cov, &numerals, (int)p, s, (guint)len);
    }

  g_test_message ("coverage: %u of %u series (phrases joined by U+3001) covered "
                  "(%u by a node with members), %u allow-listed",
                  series.covered, series.total, series.by_members, series.allowed);
  g_test_message ("coverage: %u of %u quoted terms covered, %u allow-listed", quoted.covered,
                  quoted.total, quoted.allowed);
  g_test_message ("coverage: %u of %u numbered points covered, %u allow-listed", points.covered,
                  points.total, points.allowed);
  g_test_message ("coverage: %u of %u numeral + measure word phrases covered, %u allow-listed",
                  numerals.covered, numerals.total, numerals.allowed);

  if (cov.missing->len > 0)
    g_error ("not covered by any quote or label, nor allow-listed:\n%s", cov.missing->str);
  /* An allow-list entry that no longer matches anything is stale. */
  g_hash_table_iter_init (&iter, cov.allowed);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (!g_hash_table_contains (cov.used, g_intern_string (item)))
      g_error ("coverage-allow.txt: \"%s\" matches nothing in the speech", (char *)item);

  g_assert_cmpuint (series.total, >=, 30);
  g_assert_cmpuint (quoted.total, >=, 15);
  g_assert_cmpuint (points.total, ==, 11);
  coverage_clear (&cov);
}

/* ------------------------------------------------------------------------------------------ */
/* Layout                                                                                     */

static void
test_layout_engine (gconstpointer data)
{
  TupuEngine        engine = GPOINTER_TO_INT (data);
  TupuGraph        *graph = builtin_graph ();
  TupuLayoutOptions options;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuLayout) layout = NULL;

  tupu_layout_options_init (&options);
  options.engine = engine;
  layout = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->n_nodes, ==, tupu_graph_get_n_nodes (graph));
  g_assert_cmpuint (layout->n_edges, ==, tupu_graph_get_n_edges (graph));
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNodeGeom *geom = &layout->nodes[i];

      g_assert_cmpfloat (geom->box.width, >, 0);
      g_assert_cmpfloat (geom->box.height, >, 0);
      g_assert_cmpuint (geom->n_runs, >, 0);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content/numeral/parse", test_numeral_parser);
  g_test_add_func ("/content/numeral/find", test_numeral_finder);
  g_test_add_func ("/content/loads-clean", test_loads_clean);
  g_test_add_func ("/content/quotes/verbatim", test_quotes_verbatim);
  g_test_add_func ("/content/quotes/offsets-written", test_offsets_written);
  g_test_add_func ("/content/quotes/one-member", test_quotes_one_member);
  g_test_add_func ("/content/label-origins", test_label_origins);
  g_test_add_func ("/content/structure/ids-and-edges", test_ids_and_edges);
  g_test_add_func ("/content/structure/one-tree", test_one_tree);
  g_test_add_func ("/content/structure/parts-and-points", test_parts_and_points);
  g_test_add_func ("/content/series/introduction", test_series_introduction);
  g_test_add_func ("/content/series/part-2", test_series_part_2);
  g_test_add_func ("/content/series/styles", test_series_styles);
  g_test_add_func ("/content/languages", test_both_languages);
  g_test_add_func ("/content/counts/lists", test_list_counts);
  g_test_add_func ("/content/counts/label-numerals", test_label_numerals);
  g_test_add_func ("/content/counts/speech-order", test_members_in_speech_order);
  g_test_add_func ("/content/coverage", test_coverage);
  for (int e = 0; e < TUPU_N_ENGINES; e++)
    {
      g_autofree char *path =
          g_strdup_printf ("/content/layout/%s", tupu_engine_to_string ((TupuEngine)e));

      g_test_add_data_func (path, GINT_TO_POINTER (e), test_layout_engine);
    }

  return g_test_run ();
}
