/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-search.h: finding concepts by what a reader types.
 *
 * A TupuSearch indexes one graph's concepts once (their labels, summaries and quoted passages,
 * folded for matching, and the readings of their Chinese labels), so that each keystroke only
 * scans prepared strings. A query matches a concept's Chinese or English label, its summary or
 * one of its passages (ASCII case ignored), or spells its Chinese label in pinyin or pinyin
 * initials (tupu-pinyin.h). Results come best first: see TupuSearchRank.
 */
#pragma once

#include "tupu-graph.h"

G_BEGIN_DECLS

/* How well a concept matches, best first. Within a rank: a match that is the whole text first,
 * then one at its start, then the rest, each in the order of the speech. */
typedef enum
{
  TUPU_SEARCH_RANK_EXACT,    /* a label is the query ("the" before an English one ignored) */
  TUPU_SEARCH_RANK_PREFIX,   /* a label starts with it (an English one: any of its words) */
  TUPU_SEARCH_RANK_LABEL,    /* a label contains it */
  TUPU_SEARCH_RANK_PINYIN,   /* whole readings of the Chinese label spell it: liuge */
  TUPU_SEARCH_RANK_SUMMARY,  /* the summary, Chinese or English, contains it */
  TUPU_SEARCH_RANK_QUOTE,    /* one of the quoted passages contains it */
  TUPU_SEARCH_RANK_INITIALS, /* initials (or starts) of the label's readings spell it: lgbxjc */
  TUPU_N_SEARCH_RANKS
} TupuSearchRank;

/* Which text a match is in. */
typedef enum
{
  TUPU_SEARCH_FIELD_LABEL_ZH, /* also for pinyin: the characters the reading spells */
  TUPU_SEARCH_FIELD_LABEL_EN,
  TUPU_SEARCH_FIELD_SUMMARY_ZH,
  TUPU_SEARCH_FIELD_SUMMARY_EN,
  TUPU_SEARCH_FIELD_QUOTE,
} TupuSearchField;

typedef struct
{
  guint           node; /* graph node index */
  TupuSearchRank  rank;
  TupuSearchField field;
  guint           source; /* TUPU_SEARCH_FIELD_QUOTE: the passage's index in node->sources */
  guint           start;  /* the match: bytes of the field's text */
  guint           end;
} TupuSearchMatch;

#define TUPU_TYPE_SEARCH (tupu_search_get_type ())
G_DECLARE_FINAL_TYPE (TupuSearch, tupu_search, TUPU, SEARCH, GObject)

TupuSearch *tupu_search_new (TupuGraph *graph);
TupuGraph  *tupu_search_get_graph (TupuSearch *self);
/* Every concept that matches @query, best first (a new array of TupuSearchMatch). Leading and
 * trailing spaces are ignored; a blank query matches nothing. */
GArray *tupu_search_run (TupuSearch *self, const char *query);

/* The text @match is in, from the graph. */
const char *tupu_search_match_text (TupuGraph *graph, const TupuSearchMatch *match);
/* Where concept @index sits: the Chinese labels of its part-of ancestors below the root, "A › B",
 * or "" for the root and its parts. */
char *tupu_search_dup_path (TupuGraph *graph, guint index);
/* A piece of @text around the bytes [@start, @end), with about @context characters either side
 * and "…" where it was cut; *@snippet_start and *@snippet_end receive the bytes of the match in
 * the piece. */
char *tupu_search_dup_snippet (const char *text, guint start, guint end, guint context,
                               guint *snippet_start, guint *snippet_end);

G_END_DECLS
