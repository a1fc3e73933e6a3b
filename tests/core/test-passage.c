/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-passage.c: the sentence around a quote, one passage per stretch of text, masked names. */

#include <locale.h>
#include <string.h>

#include "tupu-passage.h"

static char *
span_text (const char *text, TupuSpan span)
{
  const char *from = g_utf8_offset_to_pointer (text, span.start);

  return g_strndup (from, g_utf8_offset_to_pointer (from, span.end - span.start) - from);
}

static void
assert_sentence (const char *para, const char *quote, const char *expected)
{
  const char      *hit = strstr (para, quote);
  int              start = (int)g_utf8_pointer_to_offset (para, hit);
  TupuSpan         span = tupu_sentence_around (para, start, start + g_utf8_strlen (quote, -1));
  g_autofree char *sentence = span_text (para, span);

  g_assert_nonnull (hit);
  g_assert_cmpstr (sentence, ==, expected);
}

static void
test_sentence (void)
{
  const char *para = "一是甲。二是乙，丙；丁！  “戊己。”庚辛";

  /* From after the previous end mark to its own, through a ，and a ；. */
  assert_sentence (para, "丙", "二是乙，丙；丁！");
  assert_sentence (para, "甲", "一是甲。");
  /* Leading spaces go; a closing quotation mark stays with its sentence. */
  assert_sentence (para, "戊", "“戊己。”");
  /* The last sentence runs to the paragraph's end. */
  assert_sentence (para, "辛", "庚辛");
  /* A quote across two sentences gets both. */
  assert_sentence (para, "甲。二", "一是甲。二是乙，丙；丁！");
  /* A quote ending with the mark ends there. */
  assert_sentence (para, "是甲。", "一是甲。");
}

static void
test_sentence_clamped (void)
{
  TupuSpan span = tupu_sentence_around ("甲乙。", 10, 20);

  g_assert_cmpint (span.start, ==, 3);
  g_assert_cmpint (span.end, ==, 3);
  span = tupu_sentence_around ("", 0, 0);
  g_assert_cmpint (span.start, ==, 0);
  g_assert_cmpint (span.end, ==, 0);
}

static TupuGraph *
builtin (void)
{
  g_autoptr (GError) error = NULL;
  TupuGraph *graph = tupu_graph_load_builtin (&error);

  g_assert_no_error (error);
  return graph;
}

static const TupuNode *
node_by_id (TupuGraph *graph, const char *id)
{
  int index = tupu_graph_lookup (graph, id);

  g_assert_cmpint (index, >=, 0);
  return tupu_graph_get_node (graph, index);
}

static char *
quote_text (const TupuPassage *passage, guint i)
{
  return span_text (passage->text, g_array_index (passage->quotes, TupuSpan, i));
}

/* 主题教育 quotes paragraph 2 twice in one sentence, and paragraph 5 twice in another: one
 * passage each, the whole sentence, both quotes emphasised; the defining mention comes first. */
static void
test_merged (void)
{
  g_autoptr (TupuGraph) graph = builtin ();
  TupuText *text = tupu_graph_get_text (graph);
  g_autoptr (GPtrArray) passages =
      tupu_passages_for_node (graph, node_by_id (graph, "theme-education"));
  const TupuPassage *first, *last;
  g_autofree char   *q0 = NULL;
  g_autofree char   *q1 = NULL;

  g_assert_cmpuint (passages->len, ==, 4);
  first = g_ptr_array_index (passages, 0);
  g_assert_cmpuint (first->para, ==, 2);
  /* Paragraph 2 opens with this one sentence. */
  g_assert_cmpint (first->start, ==, 0);
  g_assert_true (g_str_has_prefix (tupu_text_get_para (text, 2), first->text));
  g_assert_true (g_str_has_suffix (first->text, "。"));
  g_assert_cmpuint (first->quotes->len, ==, 2);
  q0 = quote_text (first, 0);
  q1 = quote_text (first, 1);
  g_assert_cmpstr (q0, ==, "深刻把握主题教育的总要求");
  g_assert_cmpstr (q1, ==, "抓实抓细主题教育");

  last = g_ptr_array_index (passages, 3);
  g_assert_cmpuint (last->para, ==, 5);
  g_assert_cmpuint (last->quotes->len, ==, 2);
  g_assert_true (g_str_has_prefix (last->text, "坚持认认真真建"));

  /* Every passage is a stretch of its paragraph, and no two of one paragraph overlap. */
  for (guint i = 0; i < passages->len; i++)
    {
      const TupuPassage *a = g_ptr_array_index (passages, i);
      const char        *para = tupu_text_get_para (text, a->para);
      g_autofree char   *stretch = span_text (para, (TupuSpan){ a->start, a->end });

      g_assert_cmpstr (stretch, ==, a->text);
      for (guint j = i + 1; j < passages->len; j++)
        {
          const TupuPassage *b = g_ptr_array_index (passages, j);

          g_assert_true (a->para != b->para || a->end <= b->start || b->end <= a->start);
        }
    }
}

/* Over the whole graph: every speech quote lies, emphasised, inside exactly one passage. */
static void
test_every_quote (void)
{
  g_autoptr (TupuGraph) graph = builtin ();

  for (guint n = 0; n < tupu_graph_get_n_nodes (graph); n++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, n);
      g_autoptr (GPtrArray) passages = tupu_passages_for_node (graph, node);

      for (guint s = 0; node->sources != NULL && s < node->sources->len; s++)
        {
          const TupuSource *source = g_ptr_array_index (node->sources, s);
          int               end;
          guint             found = 0;

          if (source->type != TUPU_SOURCE_SPEECH)
            continue;
          end = source->offset + (int)g_utf8_strlen (source->quote, -1);
          for (guint p = 0; p < passages->len; p++)
            {
              const TupuPassage *passage = g_ptr_array_index (passages, p);

              if (passage->para != (guint)source->para || source->offset < passage->start ||
                  end > passage->end)
                continue;
              found++;
              for (guint q = 0; q < passage->quotes->len; q++)
                {
                  TupuSpan span = g_array_index (passage->quotes, TupuSpan, q);

                  if (span.start <= source->offset - passage->start &&
                      span.end >= end - passage->start)
                    found += 10;
                }
            }
          if (found != 11)
            g_error ("%s: the quote “%s” is in %u passages, emphasised in %u", node->id,
                     source->quote, found % 10, found / 10);
        }
    }
}

static void
test_mask_find (void)
{
  g_autoptr (GArray) spans = tupu_mask_find ("写好**人社，*一颗，***三颗");

  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpint (g_array_index (spans, TupuSpan, 0).start, ==, 2);
  g_assert_cmpint (g_array_index (spans, TupuSpan, 0).end, ==, 4);
  g_assert_cmpint (g_array_index (spans, TupuSpan, 1).start, ==, 11);
  g_assert_cmpint (g_array_index (spans, TupuSpan, 1).end, ==, 14);
  g_clear_pointer (&spans, g_array_unref);
  spans = tupu_mask_find ("");
  g_assert_cmpuint (spans->len, ==, 0);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/passage/sentence", test_sentence);
  g_test_add_func ("/passage/sentence-clamped", test_sentence_clamped);
  g_test_add_func ("/passage/merged", test_merged);
  g_test_add_func ("/passage/every-quote", test_every_quote);
  g_test_add_func ("/passage/mask-find", test_mask_find);
  return g_test_run ();
}
