/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-search.c: the search index and its ranking (see tupu-search.h).
 *
 * Matching ignores ASCII case only. The index keeps, for each kind of text (Chinese labels,
 * English labels, Chinese and English summaries, passages), one "corpus": all the graph's texts
 * of that kind back to back, NUL-separated, ASCII letters lowered. A lowered text has the same
 * bytes as its original otherwise, so a match's byte range holds in the original too (for
 * highlighting); and a query holds no NUL, so it never matches across two texts. A keystroke
 * then costs one memmem() pass over each corpus, not one call per text: at 5,000 concepts the
 * per-call setup of thousands of small searches was most of the time. Readings are matched per
 * concept, only where no better match was found, and only among the concepts the last query
 * matched when the new one goes on from it. */

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

/* The texts of one field, back to back. */
typedef struct
{
  TupuSearchField field;
  GString        *data;    /* each text lowered and followed by a NUL */
  GArray         *starts;  /* guint32: where each text starts in data, and one past the last */
  GArray         *nodes;   /* guint32: whose text it is */
  GArray         *sources; /* guint32: which of its passages (TUPU_SEARCH_FIELD_QUOTE) */
  GArray         *firsts;  /* guint32 per node, and one past the last: its first text */
} Corpus;

enum
{
  CORPUS_LABEL_ZH,
  CORPUS_LABEL_EN,
  CORPUS_SUMMARY_ZH,
  CORPUS_SUMMARY_EN,
  CORPUS_QUOTE,
  N_CORPORA
};

#define N_PLACES 3

typedef struct
{
  TupuSearchMatch match;
  Place           place;
} Candidate;

struct _TupuSearch
{
  GObject parent_instance;

  TupuGraph       *graph;
  guint            n_nodes;
  Corpus           corpora[N_CORPORA];
  TupuPinyinText **readings; /* per node: its Chinese label's */
  /* Per node, side by side so that a pass over every concept stays in the cache: the letters of
   * its label's readings, to pass over labels a query cannot spell without reading them. */
  guint32 *letters;

  /* The last query and the concepts it matched: a query typed on from it can only match among
   * those, as whatever matches a query also matches its beginning. */
  char   *last_query;
  char   *last_folded;
  GArray *last_nodes; /* guint node indices */
  guint8 *last_mask;  /* one byte per node: among last_nodes */
};

G_DEFINE_FINAL_TYPE (TupuSearch, tupu_search, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------ */
/* The index                                                                                  */

static void
corpus_init (Corpus *corpus, TupuSearchField field)
{
  corpus->field = field;
  corpus->data = g_string_new (NULL);
  corpus->starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  corpus->nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  corpus->sources = g_array_new (FALSE, FALSE, sizeof (guint32));
  corpus->firsts = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
corpus_clear (Corpus *corpus)
{
  g_string_free (corpus->data, TRUE);
  g_array_unref (corpus->starts);
  g_array_unref (corpus->nodes);
  g_array_unref (corpus->sources);
  g_array_unref (corpus->firsts);
}

static void
corpus_add (Corpus *corpus, const char *text, guint32 node, guint32 source)
{
  guint32 start = corpus->data->len;

  if (text == NULL)
    return;
  g_array_append_val (corpus->starts, start);
  g_array_append_val (corpus->nodes, node);
  g_array_append_val (corpus->sources, source);
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (corpus->data, g_ascii_tolower (*p));
  g_string_append_c (corpus->data, '\0');
}

/* Before a node's texts (and after the last node's): where they start. */
static void
corpus_mark_node (Corpus *corpus)
{
  guint32 first = corpus->nodes->len;

  g_array_append_val (corpus->firsts, first);
}

/* After the last text: its end, for corpus_text_at()'s search. */
static void
corpus_seal (Corpus *corpus)
{
  guint32 end = corpus->data->len;

  corpus_mark_node (corpus);
  g_array_append_val (corpus->starts, end);
}

/* The text holding byte @offset of the corpus. */
static guint
corpus_text_at (const Corpus *corpus, gsize offset)
{
  const guint32 *starts = (const guint32 *)corpus->starts->data;
  guint          lo = 0, hi = corpus->starts->len - 1; /* texts lo..hi-1 */

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
index_node (TupuSearch *self, guint i)
{
  const TupuNode *node = tupu_graph_get_node (self->graph, i);

  for (guint c = 0; c < N_CORPORA; c++)
    corpus_mark_node (&self->corpora[c]);
  corpus_add (&self->corpora[CORPUS_LABEL_ZH], node->label_zh, i, 0);
  corpus_add (&self->corpora[CORPUS_LABEL_EN], node->label_en, i, 0);
  corpus_add (&self->corpora[CORPUS_SUMMARY_ZH], node->summary_zh, i, 0);
  corpus_add (&self->corpora[CORPUS_SUMMARY_EN], node->summary_en, i, 0);
  for (guint j = 0; j < node->sources->len; j++)
    corpus_add (&self->corpora[CORPUS_QUOTE],
                ((const TupuSource *)g_ptr_array_index (node->sources, j))->quote, i, j);
  self->readings[i] = node->label_zh != NULL ? tupu_pinyin_text_new (node->label_zh) : NULL;
  self->letters[i] =
      self->readings[i] != NULL ? tupu_pinyin_text_get_letters (self->readings[i]) : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Matching                                                                                   */

/* One run: the best match so far of every concept, and which concepts may still match. */
typedef struct
{
  const char   *query; /* lowered and trimmed */
  gsize         len;
  const char   *folded;  /* for readings; NULL when the query has nothing to spell */
  guint32       letters; /* the folded query's */
  Candidate    *best;    /* per node; rank TUPU_N_SEARCH_RANKS while unmatched */
  const guint8 *mask;    /* per node: may match (NULL: all may) */
} Run;

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

/* The query found at @at in @text (of @text_len bytes) of @field: ranked by where it lies. */
static void
consider (Candidate *best, const char *text, gsize text_len, const char *at, gsize len,
          TupuSearchField field, guint source)
{
  gboolean       label = field == TUPU_SEARCH_FIELD_LABEL_ZH || field == TUPU_SEARCH_FIELD_LABEL_EN;
  gboolean       words = field == TUPU_SEARCH_FIELD_LABEL_EN;
  Place          place;
  TupuSearchRank rank;

  place = at == text ? (len == text_len ? PLACE_WHOLE : PLACE_START) : PLACE_INSIDE;
  /* "the Six Musts" is what "six musts" names. */
  if (words && place == PLACE_INSIDE && at == text + 4 && len == text_len - 4 &&
      g_str_has_prefix (text, "the "))
    place = PLACE_WHOLE;

  if (label)
    rank = place == PLACE_WHOLE                                          ? TUPU_SEARCH_RANK_EXACT
           : place == PLACE_START || (words && is_word_start (text, at)) ? TUPU_SEARCH_RANK_PREFIX
                                                                         : TUPU_SEARCH_RANK_LABEL;
  else
    rank = field == TUPU_SEARCH_FIELD_QUOTE ? TUPU_SEARCH_RANK_QUOTE : TUPU_SEARCH_RANK_SUMMARY;

  if (rank < best->match.rank || (rank == best->match.rank && place < best->place))
    set_candidate (best, rank, field, source, at - text, at - text + len, place);
}

/* Text @i of @corpus, if it holds the query. */
static void
scan_text (Run *run, const Corpus *corpus, guint i)
{
  const guint32 *starts = (const guint32 *)corpus->starts->data;
  const char    *text = corpus->data->str + starts[i];
  gsize          len = starts[i + 1] - starts[i] - 1;
  const char    *at = memmem (text, len, run->query, run->len);

  if (at != NULL)
    consider (&run->best[g_array_index (corpus->nodes, guint32, i)], text, len, at, run->len,
              corpus->field, g_array_index (corpus->sources, guint32, i));
}

/* The texts of @nodes in @corpus: for a few concepts, cheaper than a pass over the corpus. */
static void
scan_nodes (Run *run, const Corpus *corpus, GArray *nodes)
{
  const guint32 *firsts = (const guint32 *)corpus->firsts->data;

  for (guint n = 0; n < nodes->len; n++)
    {
      guint node = g_array_index (nodes, guint, n);

      for (guint i = firsts[node]; i < firsts[node + 1]; i++)
        scan_text (run, corpus, i);
    }
}

/* Every text of @corpus holding the query, at its first occurrence. */
static void
scan_corpus (Run *run, const Corpus *corpus)
{
  const char    *data = corpus->data->str;
  const char    *end = data + corpus->data->len;
  const guint32 *starts = (const guint32 *)corpus->starts->data;
  const char    *p = data;
  const char    *at;

  while (p < end && (at = memmem (p, end - p, run->query, run->len)) != NULL)
    {
      guint       i = corpus_text_at (corpus, at - data);
      guint       node = g_array_index (corpus->nodes, guint32, i);
      const char *text = data + starts[i];

      if (run->mask == NULL || run->mask[node])
        consider (&run->best[node], text, starts[i + 1] - starts[i] - 1, at, run->len,
                  corpus->field, g_array_index (corpus->sources, guint32, i));
      p = data + starts[i + 1];
    }
}

static void
match_reading (TupuSearch *self, Run *run, guint node)
{
  Candidate      *best = &run->best[node];
  TupuPinyinMatch pm;
  TupuSearchRank  rank;

  if (best->match.rank <= TUPU_SEARCH_RANK_PINYIN || self->readings[node] == NULL ||
      (run->letters & ~self->letters[node]) != 0 ||
      !tupu_pinyin_text_match (self->readings[node], run->folded, &pm))
    return;

  rank = pm.whole ? TUPU_SEARCH_RANK_PINYIN : TUPU_SEARCH_RANK_INITIALS;
  if (rank < best->match.rank)
    set_candidate (best, rank, TUPU_SEARCH_FIELD_LABEL_ZH, 0, pm.start, pm.end,
                   pm.at_start ? (pm.to_end ? PLACE_WHOLE : PLACE_START) : PLACE_INSIDE);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */

static void
tupu_search_finalize (GObject *object)
{
  TupuSearch *self = TUPU_SEARCH (object);

  for (guint i = 0; i < N_CORPORA; i++)
    corpus_clear (&self->corpora[i]);
  for (guint i = 0; i < self->n_nodes; i++)
    g_clear_pointer (&self->readings[i], tupu_pinyin_text_free);
  g_free (self->readings);
  g_free (self->letters);
  g_clear_object (&self->graph);
  g_clear_pointer (&self->last_query, g_free);
  g_clear_pointer (&self->last_folded, g_free);
  g_clear_pointer (&self->last_nodes, g_array_unref);
  g_clear_pointer (&self->last_mask, g_free);

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
  const TupuSearchField fields[N_CORPORA] = {
    [CORPUS_LABEL_ZH] = TUPU_SEARCH_FIELD_LABEL_ZH,
    [CORPUS_LABEL_EN] = TUPU_SEARCH_FIELD_LABEL_EN,
    [CORPUS_SUMMARY_ZH] = TUPU_SEARCH_FIELD_SUMMARY_ZH,
    [CORPUS_SUMMARY_EN] = TUPU_SEARCH_FIELD_SUMMARY_EN,
    [CORPUS_QUOTE] = TUPU_SEARCH_FIELD_QUOTE,
  };

  for (guint i = 0; i < N_CORPORA; i++)
    corpus_init (&self->corpora[i], fields[i]);
  self->last_nodes = g_array_new (FALSE, FALSE, sizeof (guint));
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
  self->n_nodes = tupu_graph_get_n_nodes (graph);
  self->readings = g_new0 (TupuPinyinText *, self->n_nodes);
  self->letters = g_new0 (guint32, self->n_nodes);
  self->last_mask = g_new0 (guint8, self->n_nodes);
  for (guint i = 0; i < self->n_nodes; i++)
    index_node (self, i);
  for (guint i = 0; i < N_CORPORA; i++)
    corpus_seal (&self->corpora[i]);
  return self;
}

TupuGraph *
tupu_search_get_graph (TupuSearch *self)
{
  g_return_val_if_fail (TUPU_IS_SEARCH (self), NULL);

  return self->graph;
}

/* Whether @query (folded: @folded) goes on from the last query, and its folded form from the
 * last one's (typing ":" after "lu" makes "lv", which is not "lu" typed on). */
static gboolean
typed_on (TupuSearch *self, const char *query, const char *folded)
{
  if (self->last_query == NULL || !g_str_has_prefix (query, self->last_query))
    return FALSE;
  if (folded == NULL)
    return TRUE;
  return self->last_folded != NULL && g_str_has_prefix (folded, self->last_folded);
}

static void
forget (TupuSearch *self)
{
  for (guint i = 0; i < self->last_nodes->len; i++)
    self->last_mask[g_array_index (self->last_nodes, guint, i)] = 0;
  g_array_set_size (self->last_nodes, 0);
  g_clear_pointer (&self->last_query, g_free);
  g_clear_pointer (&self->last_folded, g_free);
}

static void
remember (TupuSearch *self, const char *query, const char *folded, GArray *matches)
{
  forget (self);
  self->last_query = g_strdup (query);
  self->last_folded = g_strdup (folded);
  for (guint i = 0; i < matches->len; i++)
    {
      guint node = g_array_index (matches, TupuSearchMatch, i).node;

      g_array_append_val (self->last_nodes, node);
      self->last_mask[node] = 1;
    }
}

static guint
sort_key (const Candidate *candidate)
{
  return candidate->match.rank * N_PLACES + candidate->place;
}

/* The concepts matched, best first. Ranks and places are few: a counting sort of the concepts
 * taken in speech order gives the whole order without comparing any two. */
static GArray *
collect_matches (TupuSearch *self, const Candidate *best)
{
  const guint *speech = tupu_graph_get_speech_order (self->graph);
  guint        starts[TUPU_N_SEARCH_RANKS * N_PLACES + 1] = { 0 };
  GArray      *matches;

  for (guint i = 0; i < self->n_nodes; i++)
    if (best[i].match.rank < TUPU_N_SEARCH_RANKS)
      starts[sort_key (&best[i]) + 1]++;
  for (guint k = 1; k < G_N_ELEMENTS (starts); k++)
    starts[k] += starts[k - 1];

  matches =
      g_array_sized_new (FALSE, FALSE, sizeof (TupuSearchMatch), starts[G_N_ELEMENTS (starts) - 1]);
  g_array_set_size (matches, starts[G_N_ELEMENTS (starts) - 1]);
  for (guint i = 0; i < self->n_nodes; i++)
    {
      const Candidate *candidate = &best[speech[i]];

      if (candidate->match.rank < TUPU_N_SEARCH_RANKS)
        g_array_index (matches, TupuSearchMatch, starts[sort_key (candidate)]++) = candidate->match;
    }
  return matches;
}

/* Texts first (labels, then summaries and passages, each one pass over its corpus), readings
 * only where no label matched. */
static void
find_candidates (TupuSearch *self, Run *run, gboolean narrowed)
{
  for (guint i = 0; i < self->n_nodes; i++)
    {
      run->best[i].match.node = i;
      run->best[i].match.rank = TUPU_N_SEARCH_RANKS;
      run->best[i].place = PLACE_INSIDE;
    }
  /* A pass over a corpus costs about what searching an eighth of its texts one by one does. */
  for (guint c = 0; c < N_CORPORA; c++)
    if (narrowed && self->last_nodes->len < self->n_nodes / 8)
      scan_nodes (run, &self->corpora[c], self->last_nodes);
    else
      scan_corpus (run, &self->corpora[c]);
  if (run->folded != NULL && narrowed)
    for (guint i = 0; i < self->last_nodes->len; i++)
      match_reading (self, run, g_array_index (self->last_nodes, guint, i));
  else if (run->folded != NULL)
    for (guint i = 0; i < self->n_nodes; i++)
      match_reading (self, run, i);
}

GArray *
tupu_search_run (TupuSearch *self, const char *query)
{
  g_autofree char      *trimmed = NULL;
  g_autofree char      *folded = NULL;
  g_autofree Candidate *best = NULL;
  GArray               *matches;
  gboolean              narrowed;
  Run                   run;

  g_return_val_if_fail (TUPU_IS_SEARCH (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  trimmed = g_strstrip (g_ascii_strdown (query, -1));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      forget (self);
      return g_array_new (FALSE, FALSE, sizeof (TupuSearchMatch));
    }
  folded = tupu_pinyin_fold_query (trimmed);
  narrowed = typed_on (self, trimmed, folded);

  best = g_new (Candidate, self->n_nodes);
  run = (Run){ trimmed, strlen (trimmed),
               folded,  folded != NULL ? tupu_pinyin_query_letters (folded) : 0,
               best,    narrowed ? self->last_mask : NULL };
  find_candidates (self, &run, narrowed);
  matches = collect_matches (self, best);
  remember (self, trimmed, folded, matches);
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
