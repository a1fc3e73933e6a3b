/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-search.c: the search index and its ranking (see tupu-search.h).
 *
 * Matching ignores ASCII case only: the index keeps copies of the texts with ASCII letters
 * lowered, which have the same bytes as the originals otherwise, so a match's byte range holds
 * in the original text too (for highlighting) and each field costs one strstr() per keystroke.
 * The fields of a concept are tried from the best rank down, and a field whose rank cannot
 * beat the best found so far is not looked at. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tupu-pinyin.h"
#include "tupu-search.h"

#define PATH_SEPARATOR " › "
#define ELLIPSIS "…"

/* How a match covers its text, for the order within a rank. */
typedef enum
{
  PLACE_WHOLE,
  PLACE_START,
  PLACE_INSIDE,
} Place;

typedef struct
{
  char           *label_zh; /* ASCII-lowered copies, NULL for a missing text */
  char           *label_en;
  char           *summary_zh;
  char           *summary_en;
  char          **quotes; /* one per source, NULL where it has no quote */
  TupuPinyinText *reading;
} Entry;

typedef struct
{
  TupuSearchMatch match;
  Place           place;
  guint           order; /* the concept's rank in speech order */
} Candidate;

struct _TupuSearch
{
  GObject parent_instance;

  TupuGraph *graph;
  Entry     *entries; /* one per graph node */
  guint      n_entries;
};

G_DEFINE_FINAL_TYPE (TupuSearch, tupu_search, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------ */
/* The index                                                                                  */

static char *
lowered (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strdup (text);
  for (char *p = copy; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  return copy;
}

static void
entry_init (Entry *entry, const TupuNode *node)
{
  entry->label_zh = lowered (node->label_zh);
  entry->label_en = lowered (node->label_en);
  entry->summary_zh = lowered (node->summary_zh);
  entry->summary_en = lowered (node->summary_en);
  entry->quotes = g_new0 (char *, node->sources->len + 1);
  for (guint i = 0; i < node->sources->len; i++)
    {
      const TupuSource *source = g_ptr_array_index (node->sources, i);

      entry->quotes[i] = lowered (source->quote);
    }
  entry->reading = node->label_zh != NULL ? tupu_pinyin_text_new (node->label_zh) : NULL;
}

static void
entry_clear (Entry *entry, guint n_sources)
{
  g_free (entry->label_zh);
  g_free (entry->label_en);
  g_free (entry->summary_zh);
  g_free (entry->summary_en);
  for (guint i = 0; i < n_sources; i++)
    g_free (entry->quotes[i]);
  g_free (entry->quotes);
  g_clear_pointer (&entry->reading, tupu_pinyin_text_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Matching one concept                                                                       */

static gboolean
is_word_start (const char *text, const char *at)
{
  return at == text || !g_ascii_isalnum (at[-1]);
}

static void
set_candidate (Candidate *best, TupuSearchRank rank, TupuSearchField field, guint source,
               guint start, guint end, Place place)
{
  best->match.rank = rank;
  best->match.field = field;
  best->match.source = source;
  best->match.start = start;
  best->match.end = end;
  best->place = place;
}

/* A plain text match of @query in @text, ranked by where it lies. */
static void
match_text (Candidate *best, const char *text, const char *query, TupuSearchField field,
            guint source, TupuSearchRank rank_inside, gboolean words)
{
  const char *at;
  gsize       len = strlen (query);
  Place       place;

  if (text == NULL || (at = strstr (text, query)) == NULL)
    return;

  place = at == text ? (at[len] == '\0' ? PLACE_WHOLE : PLACE_START) : PLACE_INSIDE;
  /* "the Six Musts" is what "six musts" names. */
  if (words && place == PLACE_INSIDE && at[len] == '\0' && at == text + 4 &&
      g_str_has_prefix (text, "the "))
    place = PLACE_WHOLE;

  if (rank_inside == TUPU_SEARCH_RANK_LABEL)
    {
      TupuSearchRank rank = place == PLACE_WHOLE ? TUPU_SEARCH_RANK_EXACT
                            : place == PLACE_START || (words && is_word_start (text, at))
                                ? TUPU_SEARCH_RANK_PREFIX
                                : TUPU_SEARCH_RANK_LABEL;

      if (rank > best->match.rank || (rank == best->match.rank && place >= best->place))
        return;
      set_candidate (best, rank, field, source, at - text, at - text + len, place);
    }
  else if (rank_inside < best->match.rank)
    set_candidate (best, rank_inside, field, source, at - text, at - text + len, place);
}

static void
match_reading (Candidate *best, const Entry *entry, const char *folded)
{
  TupuPinyinMatch pm;
  TupuSearchRank  rank;

  if (folded == NULL || entry->reading == NULL ||
      !tupu_pinyin_text_match (entry->reading, folded, &pm))
    return;

  rank = pm.whole ? TUPU_SEARCH_RANK_PINYIN : TUPU_SEARCH_RANK_INITIALS;
  if (rank < best->match.rank)
    set_candidate (best, rank, TUPU_SEARCH_FIELD_LABEL_ZH, 0, pm.start, pm.end,
                   pm.at_start ? (pm.to_end ? PLACE_WHOLE : PLACE_START) : PLACE_INSIDE);
}

static gboolean
match_entry (const Entry *entry, const TupuNode *node, const char *query, const char *folded,
             Candidate *best)
{
  best->match.rank = TUPU_N_SEARCH_RANKS;
  best->place = PLACE_INSIDE;

  match_text (best, entry->label_zh, query, TUPU_SEARCH_FIELD_LABEL_ZH, 0, TUPU_SEARCH_RANK_LABEL,
              FALSE);
  match_text (best, entry->label_en, query, TUPU_SEARCH_FIELD_LABEL_EN, 0, TUPU_SEARCH_RANK_LABEL,
              TRUE);
  if (best->match.rank <= TUPU_SEARCH_RANK_LABEL)
    return TRUE;

  match_reading (best, entry, folded);
  if (best->match.rank <= TUPU_SEARCH_RANK_PINYIN)
    return TRUE;

  match_text (best, entry->summary_zh, query, TUPU_SEARCH_FIELD_SUMMARY_ZH, 0,
              TUPU_SEARCH_RANK_SUMMARY, FALSE);
  match_text (best, entry->summary_en, query, TUPU_SEARCH_FIELD_SUMMARY_EN, 0,
              TUPU_SEARCH_RANK_SUMMARY, FALSE);
  for (guint i = 0; i < node->sources->len && best->match.rank > TUPU_SEARCH_RANK_QUOTE; i++)
    match_text (best, entry->quotes[i], query, TUPU_SEARCH_FIELD_QUOTE, i, TUPU_SEARCH_RANK_QUOTE,
                FALSE);

  return best->match.rank < TUPU_N_SEARCH_RANKS;
}

static int
compare_candidates (const void *a, const void *b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->match.rank != y->match.rank)
    return x->match.rank < y->match.rank ? -1 : 1;
  if (x->place != y->place)
    return x->place < y->place ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */

static void
tupu_search_finalize (GObject *object)
{
  TupuSearch *self = TUPU_SEARCH (object);

  for (guint i = 0; i < self->n_entries; i++)
    entry_clear (&self->entries[i], tupu_graph_get_node (self->graph, i)->sources->len);
  g_free (self->entries);
  g_clear_object (&self->graph);

  G_OBJECT_CLASS (tupu_search_parent_class)->finalize (object);
}

static void
tupu_search_class_init (TupuSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tupu_search_finalize;
}

static void
tupu_search_init (TupuSearch *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

TupuSearch *
tupu_search_new (TupuGraph *graph)
{
  TupuSearch *self;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);

  self = g_object_new (TUPU_TYPE_SEARCH, NULL);
  self->graph = g_object_ref (graph);
  self->n_entries = tupu_graph_get_n_nodes (graph);
  self->entries = g_new0 (Entry, self->n_entries);
  for (guint i = 0; i < self->n_entries; i++)
    entry_init (&self->entries[i], tupu_graph_get_node (graph, i));
  return self;
}

TupuGraph *
tupu_search_get_graph (TupuSearch *self)
{
  g_return_val_if_fail (TUPU_IS_SEARCH (self), NULL);

  return self->graph;
}

GArray *
tupu_search_run (TupuSearch *self, const char *query)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr (GArray) candidates = NULL;
  GArray *matches;

  g_return_val_if_fail (TUPU_IS_SEARCH (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  matches = g_array_new (FALSE, FALSE, sizeof (TupuSearchMatch));
  trimmed = g_strstrip (lowered (query));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return matches;
  folded = tupu_pinyin_fold_query (trimmed);

  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < self->n_entries; i++)
    {
      const TupuNode *node = tupu_graph_get_node (self->graph, i);
      Candidate       candidate = { .match.node = i, .order = node->order };

      if (match_entry (&self->entries[i], node, trimmed, folded, &candidate))
        g_array_append_val (candidates, candidate);
    }

  qsort (candidates->data, candidates->len, sizeof (Candidate), compare_candidates);
  g_array_set_size (matches, candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    g_array_index (matches, TupuSearchMatch, i) = g_array_index (candidates, Candidate, i).match;
  return matches;
}

const char *
tupu_search_match_text (TupuGraph *graph, const TupuSearchMatch *match)
{
  const TupuNode *node;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (match != NULL && match->node < tupu_graph_get_n_nodes (graph), NULL);

  node = tupu_graph_get_node (graph, match->node);
  switch (match->field)
    {
    case TUPU_SEARCH_FIELD_LABEL_ZH:
      return node->label_zh;
    case TUPU_SEARCH_FIELD_LABEL_EN:
      return node->label_en;
    case TUPU_SEARCH_FIELD_SUMMARY_ZH:
      return node->summary_zh;
    case TUPU_SEARCH_FIELD_SUMMARY_EN:
      return node->summary_en;
    case TUPU_SEARCH_FIELD_QUOTE:
      g_return_val_if_fail (match->source < node->sources->len, NULL);
      return ((const TupuSource *)g_ptr_array_index (node->sources, match->source))->quote;
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
tupu_search_dup_path (TupuGraph *graph, guint index)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  GString *path = g_string_new (NULL);

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (index < tupu_graph_get_n_nodes (graph), NULL);

  for (int i = tupu_graph_get_node (graph, index)->parent; i >= 0;)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);

      if (node->parent < 0)
        break; /* the root: the same for every concept */
      g_ptr_array_add (labels, node->label_zh);
      i = node->parent;
    }
  for (guint i = labels->len; i > 0; i--)
    {
      if (i < labels->len)
        g_string_append (path, PATH_SEPARATOR);
      g_string_append (path, g_ptr_array_index (labels, i - 1));
    }
  return g_string_free (path, FALSE);
}

/* @p moved back (@step -1) or on (+1) over up to @n characters of @text, short of its ends. */
static const char *
move_chars (const char *text, const char *p, int step, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      if (step < 0 && p == text)
        break;
      if (step > 0 && *p == '\0')
        break;
      p = step < 0 ? g_utf8_prev_char (p) : g_utf8_next_char (p);
    }
  return p;
}

char *
tupu_search_dup_snippet (const char *text, guint start, guint end, guint context,
                         guint *snippet_start, guint *snippet_end)
{
  gsize       len;
  const char *from, *to;
  GString    *snippet;

  g_return_val_if_fail (text != NULL && snippet_start != NULL && snippet_end != NULL, NULL);
  len = strlen (text);
  g_return_val_if_fail (start <= end && end <= len, NULL);

  from = move_chars (text, text + start, -1, context);
  to = move_chars (text, text + end, +1, context);
  snippet = g_string_new (from > text ? ELLIPSIS : "");
  *snippet_start = snippet->len + (text + start - from);
  *snippet_end = *snippet_start + (end - start);
  g_string_append_len (snippet, from, to - from);
  if (*to != '\0')
    g_string_append (snippet, ELLIPSIS);
  return g_string_free (snippet, FALSE);
}
