/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-passage.c: sentences around quotes, merged per concept; masked place names. */
#include "config.h"

#include <string.h>

#include "tupu-passage.h"

void
tupu_passage_free (TupuPassage *passage)
{
  if (passage == NULL)
    return;
  g_free (passage->text);
  g_clear_pointer (&passage->quotes, g_array_unref);
  g_free (passage);
}

/* Sentences */

/* Only the marks that end a sentence: a ；or a ， leaves it going, and the reader needs all of
 * it to know what the quote is about. */
static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ || c == '!' ||
         c == '?' || c == 0x2026 /* … */;
}

/* Closing marks that belong to the sentence they follow: 。” ends inside the quotation. */
static gboolean
is_closing (gunichar c)
{
  return c == 0x201D /* ” */ || c == 0x2019 /* ’ */ || c == 0x300D /* 」 */ ||
         c == 0x300F /* 』 */ || c == 0xFF09 /* ） */ || c == ')' || c == '"';
}

/* The sentence around [@start, @end) in @chars, the paragraph's @n characters. */
static TupuSpan
sentence_in (const gunichar *chars, int n, int start, int end)
{
  TupuSpan span;

  span.start = CLAMP (start, 0, n);
  span.end = CLAMP (MAX (end, start), span.start, n);

  while (span.start > 0 && !is_sentence_end (chars[span.start - 1]))
    span.start--;
  /* A quote that itself ends with the mark ends the sentence there. */
  if (span.end == span.start || !is_sentence_end (chars[span.end - 1]))
    {
      while (span.end < n && !is_sentence_end (chars[span.end]))
        span.end++;
      if (span.end < n)
        span.end++;
    }
  while (span.end < n && (is_closing (chars[span.end]) || is_sentence_end (chars[span.end])))
    span.end++;
  /* The previous sentence's closing marks and the spaces after it are not this one's. */
  while (span.start < span.end &&
         (g_unichar_isspace (chars[span.start]) || is_closing (chars[span.start])))
    span.start++;
  return span;
}

TupuSpan
tupu_sentence_around (const char *para, int start, int end)
{
  g_autofree gunichar *chars = NULL;
  glong                n = 0;

  g_return_val_if_fail (para != NULL, ((TupuSpan){ 0, 0 }));

  chars = g_utf8_to_ucs4_fast (para, -1, &n);
  return sentence_in (chars, (int)n, start, end);
}

/* Passages */

static char *
substring (const char *text, int start, int end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);

  return g_strndup (from, g_utf8_offset_to_pointer (from, end - start) - from);
}

/* Adds [start, end) to @quotes, keeping them sorted and merging those that overlap or touch. */
static void
add_quote (GArray *quotes, int start, int end)
{
  guint i = 0;

  while (i < quotes->len && g_array_index (quotes, TupuSpan, i).end < start)
    i++;
  while (i < quotes->len && g_array_index (quotes, TupuSpan, i).start <= end)
    {
      TupuSpan *q = &g_array_index (quotes, TupuSpan, i);

      start = MIN (start, q->start);
      end = MAX (end, q->end);
      g_array_remove_index (quotes, i);
    }
  g_array_insert_val (quotes, i, ((TupuSpan){ start, end }));
}

static TupuPassage *
passage_new (guint para, TupuSpan sentence)
{
  TupuPassage *passage = g_new0 (TupuPassage, 1);

  passage->para = para;
  passage->start = sentence.start;
  passage->end = sentence.end;
  passage->quotes = g_array_new (FALSE, FALSE, sizeof (TupuSpan));
  return passage;
}

/* Widens @passage to @sentence, keeping its quotes where they are in the paragraph. */
static void
widen (TupuPassage *passage, TupuSpan sentence)
{
  int shift = passage->start - MIN (passage->start, sentence.start);

  for (guint i = 0; i < passage->quotes->len; i++)
    {
      g_array_index (passage->quotes, TupuSpan, i).start += shift;
      g_array_index (passage->quotes, TupuSpan, i).end += shift;
    }
  passage->start = MIN (passage->start, sentence.start);
  passage->end = MAX (passage->end, sentence.end);
}

/* Merges passages of one paragraph whose sentences overlap, keeping the first one's place. */
static void
merge_overlapping (GPtrArray *passages)
{
  for (guint i = 0; i < passages->len; i++)
    for (guint j = i + 1; j < passages->len;)
      {
        TupuPassage *a = g_ptr_array_index (passages, i);
        TupuPassage *b = g_ptr_array_index (passages, j);

        if (a->para != b->para || a->start < 0 || b->start < 0 || b->start >= a->end ||
            a->start >= b->end)
          {
            j++;
            continue;
          }
        widen (a, (TupuSpan){ b->start, b->end });
        for (guint k = 0; k < b->quotes->len; k++)
          {
            TupuSpan q = g_array_index (b->quotes, TupuSpan, k);

            add_quote (a->quotes, q.start + b->start - a->start, q.end + b->start - a->start);
          }
        g_ptr_array_remove_index (passages, j);
        j = i + 1;
      }
}

/* A paragraph decoded once per call, however many sources quote it (a hostile file may hold
 * thousands of quotes of one long paragraph). */
typedef struct
{
  gunichar *chars;
  glong     n;
} Decoded;

static void
decoded_free (Decoded *decoded)
{
  g_free (decoded->chars);
  g_free (decoded);
}

static const Decoded *
decode (GHashTable *cache, const char *para_text)
{
  Decoded *decoded = g_hash_table_lookup (cache, para_text);

  if (decoded == NULL)
    {
      decoded = g_new0 (Decoded, 1);
      decoded->chars = g_utf8_to_ucs4_fast (para_text, -1, &decoded->n);
      g_hash_table_insert (cache, (gpointer)para_text, decoded);
    }
  return decoded;
}

static void
add_source (GPtrArray *passages, GHashTable *cache, const char *para_text, const TupuSource *source)
{
  const Decoded *decoded;
  int            length = (int)g_utf8_strlen (source->quote, -1);
  TupuPassage   *passage;

  if (para_text == NULL || source->offset < 0)
    {
      /* Nowhere to look the sentence up: the quote alone, emphasised, placed nowhere. */
      passage = passage_new (source->para, (TupuSpan){ -1, -1 });
      passage->text = g_strdup (source->quote);
      add_quote (passage->quotes, 0, length);
      g_ptr_array_add (passages, passage);
      return;
    }

  decoded = decode (cache, para_text);
  passage = passage_new (source->para, sentence_in (decoded->chars, (int)decoded->n, source->offset,
                                                    source->offset + length));
  add_quote (passage->quotes, source->offset - passage->start,
             source->offset + length - passage->start);
  /* The text is filled in at the end, once merging has settled each passage's bounds. */
  g_ptr_array_add (passages, passage);
}

GPtrArray *
tupu_passages_for_node (TupuGraph *graph, const TupuNode *node)
{
  GPtrArray *passages = g_ptr_array_new_with_free_func ((GDestroyNotify)tupu_passage_free);
  g_autoptr (GHashTable) cache =
      g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)decoded_free);
  TupuText *text;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), passages);
  g_return_val_if_fail (node != NULL, passages);

  text = tupu_graph_get_text (graph);
  for (guint i = 0; node->sources != NULL && i < node->sources->len; i++)
    {
      const TupuSource *source = g_ptr_array_index (node->sources, i);

      if (source->type != TUPU_SOURCE_SPEECH || source->quote == NULL || *source->quote == '\0')
        continue;
      add_source (passages, cache,
                  text != NULL && source->para > 0 ? tupu_text_get_para (text, source->para) : NULL,
                  source);
    }
  merge_overlapping (passages);

  for (guint i = 0; i < passages->len; i++)
    {
      TupuPassage *passage = g_ptr_array_index (passages, i);

      if (passage->start < 0)
        continue;
      passage->text =
          substring (tupu_text_get_para (text, passage->para), passage->start, passage->end);
    }
  return passages;
}

/* Masked names */

GArray *
tupu_mask_find (const char *text)
{
  GArray     *spans = g_array_new (FALSE, FALSE, sizeof (TupuSpan));
  const char *p = text;
  int         offset = 0;

  g_return_val_if_fail (text != NULL, spans);

  /* Two or more asterisks in a row are one masked name; a single one is just an asterisk. */
  while (*p != '\0')
    {
      int run = 0;

      while (p[run] == '*')
        run++;
      if (run >= 2)
        g_array_append_val (spans, ((TupuSpan){ offset, offset + run }));
      if (run > 0)
        {
          p += run;
          offset += run;
          continue;
        }
      p = g_utf8_next_char (p);
      offset++;
    }
  return spans;
}
