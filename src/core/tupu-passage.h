/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-passage.h: where a concept's quotes sit in the speech, as a reader sees them.
 *
 * A quote alone ("抓实抓细主题教育") locates little in a paragraph of 700 characters; its whole
 * sentence does. A concept's passages are the sentences of its speech sources, one per
 * distinct stretch of text: quotes whose sentences overlap share one passage, which emphasises
 * each of them. The source masks a place name as "**"; tupu_mask_find() finds those marks so that
 * every view draws them the same way. */
#pragma once

#include <glib.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

/* How the source text masks a place name it leaves out. */
#define TUPU_MASK "**"

/* A stretch of text, in characters: [start, end). */
typedef struct
{
  int start;
  int end;
} TupuSpan;

typedef struct
{
  guint para;  /* 1-based paragraph */
  int   start; /* the sentence(s): characters of the paragraph, [start, end); -1 when the
                * paragraph is missing */
  int     end;
  char   *text;   /* those characters (the quote alone when the paragraph is missing) */
  GArray *quotes; /* TupuSpan, relative to @text: the quoted words, sorted and disjoint */
} TupuPassage;

void tupu_passage_free (TupuPassage *passage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuPassage, tupu_passage_free)

/* The sentence around characters [@start, @end) of @para: from just after the previous 。！？!?
 * (or the paragraph's start) to its own end mark and any closing quotation marks after it (or
 * the paragraph's end), without leading spaces. Spans out of range are clamped. */
TupuSpan tupu_sentence_around (const char *para, int start, int end);

/* @node's speech sources as passages, in the order of their first source (the defining mention
 * first), overlapping sentences merged into one (transfer full, of TupuPassage*). */
GPtrArray *tupu_passages_for_node (TupuGraph *graph, const TupuNode *node);

/* The masked place names in @text: TupuSpan in characters (transfer full). */
GArray *tupu_mask_find (const char *text);

G_END_DECLS
