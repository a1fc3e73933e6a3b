/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search.c: finding concepts of the built-in speech graph by label, gloss, summary, passage,
 * pinyin and initials; the ranking, the match ranges, the part-of path and the snippets. */
#include <string.h>

#include "tupu-search.h"

static TupuGraph  *graph;
static TupuSearch *search;

static const char *
node_id (const TupuSearchMatch *match)
{
  return tupu_graph_get_node (graph, match->node)->id;
}

/* The first result of @query, which must be concept @id, matched with @rank in @field at the
 * text @expected (compared exactly: the range is in the original text). */
static void
assert_first (const char *query, const char *id, TupuSearchRank rank, TupuSearchField field,
              const char *expected)
{
  g_autoptr (GArray) matches = tupu_search_run (search, query);
  const TupuSearchMatch *first;
  const char            *text;

  if (matches->len == 0)
    g_error ("“%s” found nothing", query);
  first = &g_array_index (matches, TupuSearchMatch, 0);
  if (g_strcmp0 (node_id (first), id) != 0)
    g_error ("“%s” found %s first, not %s", query, node_id (first), id);
  g_assert_cmpint (first->rank, ==, rank);
  g_assert_cmpint (first->field, ==, field);
  text = tupu_search_match_text (graph, first);
  g_assert_cmpuint (first->end - first->start, ==, strlen (expected));
  g_assert_cmpint (strncmp (text + first->start, expected, first->end - first->start), ==, 0);
}

static void
test_label_zh (void)
{
  assert_first ("六个必须坚持", "six-musts", TUPU_SEARCH_RANK_EXACT, TUPU_SEARCH_FIELD_LABEL_ZH,
                "六个必须坚持");
  assert_first ("六个必须", "six-musts", TUPU_SEARCH_RANK_PREFIX, TUPU_SEARCH_FIELD_LABEL_ZH,
                "六个必须");
  assert_first (" 必须坚持 ", "six-musts", TUPU_SEARCH_RANK_LABEL, TUPU_SEARCH_FIELD_LABEL_ZH,
                "必须坚持");
}

static void
test_label_en (void)
{
  assert_first ("Six Musts", "six-musts", TUPU_SEARCH_RANK_EXACT, TUPU_SEARCH_FIELD_LABEL_EN,
                "Six Musts");
  assert_first ("the six musts", "six-musts", TUPU_SEARCH_RANK_EXACT, TUPU_SEARCH_FIELD_LABEL_EN,
                "the Six Musts");
  assert_first ("musts", "six-musts", TUPU_SEARCH_RANK_PREFIX, TUPU_SEARCH_FIELD_LABEL_EN, "Musts");
}

static void
test_pinyin (void)
{
  assert_first ("liuge", "six-musts", TUPU_SEARCH_RANK_PINYIN, TUPU_SEARCH_FIELD_LABEL_ZH, "六个");
  assert_first ("liù gè", "six-musts", TUPU_SEARCH_RANK_PINYIN, TUPU_SEARCH_FIELD_LABEL_ZH, "六个");
  assert_first ("liugebixujianchi", "six-musts", TUPU_SEARCH_RANK_PINYIN,
                TUPU_SEARCH_FIELD_LABEL_ZH, "六个必须坚持");
  assert_first ("lgbxjc", "six-musts", TUPU_SEARCH_RANK_INITIALS, TUPU_SEARCH_FIELD_LABEL_ZH,
                "六个必须坚持");
  assert_first ("LGBX", "six-musts", TUPU_SEARCH_RANK_INITIALS, TUPU_SEARCH_FIELD_LABEL_ZH,
                "六个必须");
}

static void
test_summary_and_quote (void)
{
  assert_first ("worldview and methodology", "six-musts", TUPU_SEARCH_RANK_SUMMARY,
                TUPU_SEARCH_FIELD_SUMMARY_EN, "worldview and methodology");
  assert_first ("世界观和方法论", "six-musts", TUPU_SEARCH_RANK_SUMMARY,
                TUPU_SEARCH_FIELD_SUMMARY_ZH, "世界观和方法论");
  /* Words only the report's opening passage has. */
  assert_first ("有关工作", "report", TUPU_SEARCH_RANK_QUOTE, TUPU_SEARCH_FIELD_QUOTE, "有关工作");
}

static void
test_blank (void)
{
  const char *queries[] = { "", "   ", "\t" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (GArray) matches = tupu_search_run (search, queries[i]);

      g_assert_cmpuint (matches->len, ==, 0);
    }
}

static char *
ascii_down (const char *text)
{
  return text != NULL ? g_ascii_strdown (text, -1) : NULL;
}

static gboolean
contains (const char *text, const char *needle)
{
  g_autofree char *down = ascii_down (text);

  return down != NULL && strstr (down, needle) != NULL;
}

/* What a concept's plain texts say of @query (lowered), worked out the slow way. */
static TupuSearchRank
text_rank (const TupuNode *node, const char *query)
{
  if (contains (node->label_zh, query) || contains (node->label_en, query))
    return TUPU_SEARCH_RANK_LABEL;
  if (contains (node->summary_zh, query) || contains (node->summary_en, query))
    return TUPU_SEARCH_RANK_SUMMARY;
  for (guint i = 0; i < node->sources->len; i++)
    if (contains (((const TupuSource *)g_ptr_array_index (node->sources, i))->quote, query))
      return TUPU_SEARCH_RANK_QUOTE;
  return TUPU_N_SEARCH_RANKS;
}

/* For several queries, against a brute-force reading of every concept: nothing missed, nothing
 * twice, ranks in order, each rank true of what it says, each range on the query's text. */
static void
test_consistent (void)
{
  const char *queries[] = { "坚持", "人社", "the", "s", "party", "思想", "jianchi", "rs" };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr (GArray) matches = tupu_search_run (search, queries[q]);
      g_autofree char     *query = g_ascii_strdown (queries[q], -1);
      g_autofree gboolean *seen = g_new0 (gboolean, tupu_graph_get_n_nodes (graph));

      for (guint i = 0; i < matches->len; i++)
        {
          const TupuSearchMatch *m = &g_array_index (matches, TupuSearchMatch, i);
          const TupuNode        *node = tupu_graph_get_node (graph, m->node);
          const char            *text = tupu_search_match_text (graph, m);
          TupuSearchRank         plain = text_rank (node, query);
          gboolean               by_reading =
              m->rank == TUPU_SEARCH_RANK_PINYIN || m->rank == TUPU_SEARCH_RANK_INITIALS;

          g_assert_false (seen[m->node]);
          seen[m->node] = TRUE;
          if (i > 0)
            g_assert_cmpint (g_array_index (matches, TupuSearchMatch, i - 1).rank, <=, m->rank);
          g_assert_nonnull (text);
          g_assert_cmpuint (m->end, <=, strlen (text));
          g_assert_cmpuint (m->start, <, m->end);
          if (by_reading)
            {
              g_assert_cmpint (m->field, ==, TUPU_SEARCH_FIELD_LABEL_ZH);
              g_assert_cmpint (plain, >, TUPU_SEARCH_RANK_LABEL);
            }
          else
            {
              g_autofree char *found = g_ascii_strdown (text + m->start, m->end - m->start);

              g_assert_cmpstr (found, ==, query);
              g_assert_cmpint (m->rank <= TUPU_SEARCH_RANK_LABEL ? TUPU_SEARCH_RANK_LABEL : m->rank,
                               ==, plain);
            }
        }
      /* Every concept whose texts hold the query is found. */
      for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
        if (text_rank (tupu_graph_get_node (graph, i), query) < TUPU_N_SEARCH_RANKS && !seen[i])
          g_error ("“%s” missed %s", queries[q], tupu_graph_get_node (graph, i)->id);
    }
}

/* Labels before readings before summaries before passages before initials. */
static void
test_rank_order (void)
{
  g_autoptr (GArray) matches = tupu_search_run (search, "jianchi");
  guint first_summary = G_MAXUINT, last_pinyin = 0;

  for (guint i = 0; i < matches->len; i++)
    {
      const TupuSearchMatch *m = &g_array_index (matches, TupuSearchMatch, i);

      if (m->rank == TUPU_SEARCH_RANK_PINYIN)
        last_pinyin = i;
      else if (m->rank == TUPU_SEARCH_RANK_SUMMARY && first_summary == G_MAXUINT)
        first_summary = i;
    }
  g_assert_cmpuint (matches->len, >, 1);
  g_assert_cmpint (g_array_index (matches, TupuSearchMatch, 0).rank, ==, TUPU_SEARCH_RANK_PINYIN);
  g_assert_true (first_summary == G_MAXUINT || last_pinyin < first_summary);
}

static void
test_path (void)
{
  g_autofree char *six = tupu_search_dup_path (graph, tupu_graph_lookup (graph, "six-musts"));
  g_autofree char *root = tupu_search_dup_path (graph, tupu_graph_get_root (graph));
  g_autofree char *part = tupu_search_dup_path (graph, tupu_graph_lookup (graph, "part-2"));

  g_assert_cmpstr (six, ==, "在学懂弄通做实中汲取奋进力量 › 在真思真悟中锤炼过硬本领");
  g_assert_cmpstr (root, ==, "");
  g_assert_cmpstr (part, ==, "");
}

static void
assert_snippet (const char *text, const char *match, guint context, const char *expected)
{
  const char      *at = strstr (text, match);
  guint            start, end;
  g_autofree char *snippet = NULL;

  g_assert_nonnull (at);
  snippet =
      tupu_search_dup_snippet (text, at - text, at - text + strlen (match), context, &start, &end);
  g_assert_cmpstr (snippet, ==, expected);
  g_assert_cmpuint (end - start, ==, strlen (match));
  g_assert_cmpint (strncmp (snippet + start, match, end - start), ==, 0);
}

static void
test_snippet (void)
{
  assert_snippet ("abcdefghij", "ef", 2, "…cdefgh…");
  assert_snippet ("abcdefghij", "ab", 2, "abcd…");
  assert_snippet ("abcdefghij", "ij", 3, "…fghij");
  assert_snippet ("abcdefghij", "def", 5, "abcdefghij");
  assert_snippet ("讲话要求始终遵循六个必须坚持", "遵循", 2, "…始终遵循六个…");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  graph = tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  search = tupu_search_new (graph);

  g_test_add_func ("/search/label-zh", test_label_zh);
  g_test_add_func ("/search/label-en", test_label_en);
  g_test_add_func ("/search/pinyin", test_pinyin);
  g_test_add_func ("/search/summary-and-quote", test_summary_and_quote);
  g_test_add_func ("/search/blank", test_blank);
  g_test_add_func ("/search/consistent", test_consistent);
  g_test_add_func ("/search/rank-order", test_rank_order);
  g_test_add_func ("/search/path", test_path);
  g_test_add_func ("/search/snippet", test_snippet);

  result = g_test_run ();
  g_clear_object (&search);
  g_clear_object (&graph);
  return result;
}
