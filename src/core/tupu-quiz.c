/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-quiz.c: practice questions from the graph's structure, and answer checking (see
 * tupu-quiz.h).
 *
 * Distractors are the concepts nearest in the part-of tree to the right answer (siblings, then
 * cousins, then further), of its kind first, so a choice is between things that could be
 * confused. Near misses allow one missing or extra character, not a different one: in Chinese one
 * changed character is usually another word (学懂 and 学通), while a dropped or doubled one is a
 * slip. Strings of two characters or fewer allow no dropped character or swap, which would leave
 * too little of the word to call it nearly right. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tupu-quiz.h"

#define N_DISTRACTORS 3
#define DISTRACTOR_POOL 6
#define MIN_ORDER_ITEMS 3
#define PASSAGE_CONTEXT 60 /* characters either side of a quote, at most */
#define MIN_PASSAGE_CHARS 6
#define BLANK "＿＿"

struct _TupuQuiz
{
  GObject parent_instance;

  TupuGraph  *graph;
  GHashTable *english_counts; /* normalised English label → how many concepts have it */
};

G_DEFINE_FINAL_TYPE (TupuQuiz, tupu_quiz, G_TYPE_OBJECT)

typedef const char *(*NodeTextFunc) (const TupuNode *node);

/* ---- Questions and checks ---------------------------------------------------------------- */

void
tupu_question_free (TupuQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->prompt);
  g_free (question->passage);
  g_clear_pointer (&question->items, g_ptr_array_unref);
  g_clear_pointer (&question->item_nodes, g_array_unref);
  g_clear_pointer (&question->order, g_array_unref);
  g_free (question);
}

static GArray *
copy_uint_array (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (guint), array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

static gpointer
copy_string (gconstpointer string, gpointer user_data)
{
  return g_strdup (string);
}

TupuQuestion *
tupu_question_copy (const TupuQuestion *question)
{
  TupuQuestion *copy;

  g_return_val_if_fail (question != NULL, NULL);

  copy = g_memdup2 (question, sizeof *question);
  copy->prompt = g_strdup (question->prompt);
  copy->passage = g_strdup (question->passage);
  copy->items = g_ptr_array_copy (question->items, copy_string, NULL);
  g_ptr_array_set_free_func (copy->items, g_free);
  copy->item_nodes = copy_uint_array (question->item_nodes);
  copy->order = question->order ? copy_uint_array (question->order) : NULL;
  return copy;
}

static void
answer_item_free (TupuAnswerItem *item)
{
  g_free (item->given);
  g_free (item);
}

static TupuAnswerItem *
answer_item_new (TupuVerdict verdict, TupuNearMiss near, const char *given, int expected)
{
  TupuAnswerItem *item = g_new0 (TupuAnswerItem, 1);

  item->verdict = verdict;
  item->near = near;
  item->given = g_strdup (given);
  item->expected = expected;
  return item;
}

void
tupu_answer_check_free (TupuAnswerCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->items, g_ptr_array_unref);
  g_free (check);
}

static TupuAnswerCheck *
answer_check_new (guint n_expected)
{
  TupuAnswerCheck *check = g_new0 (TupuAnswerCheck, 1);

  check->items = g_ptr_array_new_with_free_func ((GDestroyNotify)answer_item_free);
  check->n_expected = n_expected;
  return check;
}

static void
answer_check_add (TupuAnswerCheck *check, TupuAnswerItem *item)
{
  g_ptr_array_add (check->items, item);
  switch (item->verdict)
    {
    case TUPU_VERDICT_RIGHT:
      check->n_right++;
      break;
    case TUPU_VERDICT_NEAR_MISS:
      check->n_near++;
      break;
    case TUPU_VERDICT_WRONG:
      check->n_wrong++;
      break;
    case TUPU_VERDICT_DUPLICATE:
      check->n_duplicate++;
      break;
    case TUPU_VERDICT_MISSED:
      check->n_missed++;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The whole answer: right when everything expected was given exactly and nothing else (a repeat
 * is harmless), a near miss when only near misses spoil that. */
static void
answer_check_sum_up (TupuAnswerCheck *check)
{
  if (check->n_wrong > 0 || check->n_missed > 0)
    check->verdict = TUPU_VERDICT_WRONG;
  else if (check->n_near > 0)
    check->verdict = TUPU_VERDICT_NEAR_MISS;
  else
    check->verdict = TUPU_VERDICT_RIGHT;
}

/* ---- Comparing wordings ------------------------------------------------------------------- */

static gboolean
is_ascii_word_char (gunichar c)
{
  return c < 0x80 && g_ascii_isalnum ((char)c);
}

/* NFKC (full-width forms to plain ones), case folded; white space dropped except a single space
 * between two ASCII letters or digits, where it separates words. */
static gunichar *
normalise (const char *text, glong *len)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  gunichar last = 0;
  gboolean space = FALSE;

  if (nfkc == NULL) /* not UTF-8: matches nothing but the empty answer */
    return g_utf8_to_ucs4_fast ("", -1, len);
  folded = g_utf8_casefold (nfkc, -1);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && is_ascii_word_char (last) && is_ascii_word_char (c))
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      last = c;
    }
  return g_utf8_to_ucs4_fast (out->str, -1, len);
}

static char *
normalise_utf8 (const char *text)
{
  glong                len;
  g_autofree gunichar *chars = normalise (text, &len);

  return g_ucs4_to_utf8 (chars, len, NULL, NULL, NULL);
}

static gunichar *
strip_punctuation (const gunichar *text, glong len, glong *out_len)
{
  gunichar *out = g_new (gunichar, len + 1);
  glong     n = 0;

  for (glong i = 0; i < len; i++)
    if (!g_unichar_ispunct (text[i]) && text[i] != ' ')
      out[n++] = text[i];
  out[n] = 0;
  *out_len = n;
  return out;
}

static gboolean
ucs4_equal (const gunichar *a, glong a_len, const gunichar *b, glong b_len)
{
  return a_len == b_len && memcmp (a, b, a_len * sizeof (gunichar)) == 0;
}

/* Whether @shorter is @longer with one character taken out. */
static gboolean
one_char_removed (const gunichar *longer, glong long_len, const gunichar *shorter, glong short_len)
{
  glong i = 0;

  if (long_len != short_len + 1)
    return FALSE;
  while (i < short_len && longer[i] == shorter[i])
    i++;
  return memcmp (longer + i + 1, shorter + i, (short_len - i) * sizeof (gunichar)) == 0;
}

static gboolean
one_pair_swapped (const gunichar *a, const gunichar *b, glong len)
{
  glong i = 0;

  while (i < len && a[i] == b[i])
    i++;
  if (i + 1 >= len || a[i] != b[i + 1] || a[i + 1] != b[i] || a[i] == a[i + 1])
    return FALSE;
  return memcmp (a + i + 2, b + i + 2, (len - i - 2) * sizeof (gunichar)) == 0;
}

static TupuNearMiss
near_miss (const gunichar *given, glong given_len, const gunichar *expected, glong expected_len)
{
  g_autofree gunichar *given_bare = NULL;
  g_autofree gunichar *expected_bare = NULL;
  glong                given_bare_len, expected_bare_len;

  given_bare = strip_punctuation (given, given_len, &given_bare_len);
  expected_bare = strip_punctuation (expected, expected_len, &expected_bare_len);
  if (given_bare_len > 0 &&
      ucs4_equal (given_bare, given_bare_len, expected_bare, expected_bare_len))
    return TUPU_NEAR_PUNCTUATION;
  if (expected_len >= 3 && one_char_removed (expected, expected_len, given, given_len))
    return TUPU_NEAR_MISSING_CHAR;
  if (expected_len >= 2 && one_char_removed (given, given_len, expected, expected_len))
    return TUPU_NEAR_EXTRA_CHAR;
  if (expected_len >= 3 && given_len == expected_len &&
      one_pair_swapped (given, expected, given_len))
    return TUPU_NEAR_SWAPPED;
  return TUPU_NEAR_NONE;
}

TupuVerdict
tupu_quiz_compare (const char *given, const char *expected, TupuNearMiss *near)
{
  g_autofree gunichar *g = NULL;
  g_autofree gunichar *e = NULL;
  glong                g_len, e_len;
  TupuNearMiss         how;

  g_return_val_if_fail (given != NULL && expected != NULL, TUPU_VERDICT_WRONG);

  g = normalise (given, &g_len);
  e = normalise (expected, &e_len);
  how = TUPU_NEAR_NONE;
  if (near)
    *near = how;
  if (g_len == 0)
    return TUPU_VERDICT_WRONG;
  if (ucs4_equal (g, g_len, e, e_len))
    return TUPU_VERDICT_RIGHT;
  how = near_miss (g, g_len, e, e_len);
  if (near)
    *near = how;
  return how == TUPU_NEAR_NONE ? TUPU_VERDICT_WRONG : TUPU_VERDICT_NEAR_MISS;
}

/* ---- Checking a list of answers ----------------------------------------------------------- */

/* The first expected wording that @given is (@want RIGHT) or nearly is (@want NEAR_MISS), among
 * those @taken or not as @taken_wanted says; -1 for none. */
static int
find_expected (const char *given, const char *const *expected, guint n_expected,
               const gboolean *taken, gboolean taken_wanted, TupuVerdict want, TupuNearMiss *near)
{
  for (guint j = 0; j < n_expected; j++)
    {
      TupuNearMiss how;
      TupuVerdict  verdict;

      if (taken[j] != taken_wanted)
        continue;
      verdict = tupu_quiz_compare (given, expected[j], &how);
      if (verdict == TUPU_VERDICT_RIGHT || verdict == want)
        {
          if (near)
            *near = how;
          return (int)j;
        }
    }
  return -1;
}

TupuAnswerCheck *
tupu_quiz_check_items (const char *const *given, guint n_given, const char *const *expected,
                       guint n_expected)
{
  g_autofree gboolean     *taken = g_new0 (gboolean, n_expected + 1);
  g_autofree TupuVerdict  *verdicts = g_new0 (TupuVerdict, n_given + 1);
  g_autofree TupuNearMiss *nears = g_new0 (TupuNearMiss, n_given + 1);
  g_autofree int          *matched = g_new0 (int, n_given + 1);
  TupuAnswerCheck         *check = answer_check_new (n_expected);

  /* Exact matches first, so that a near miss never takes the wording another answer gives
   * exactly. */
  for (guint i = 0; i < n_given; i++)
    {
      matched[i] =
          find_expected (given[i], expected, n_expected, taken, FALSE, TUPU_VERDICT_RIGHT, NULL);
      verdicts[i] = matched[i] >= 0 ? TUPU_VERDICT_RIGHT : TUPU_VERDICT_WRONG;
      if (matched[i] >= 0)
        taken[matched[i]] = TRUE;
    }
  for (guint i = 0; i < n_given; i++)
    {
      if (verdicts[i] == TUPU_VERDICT_RIGHT)
        continue;
      matched[i] = find_expected (given[i], expected, n_expected, taken, FALSE,
                                  TUPU_VERDICT_NEAR_MISS, &nears[i]);
      if (matched[i] >= 0)
        {
          taken[matched[i]] = TRUE;
          verdicts[i] = TUPU_VERDICT_NEAR_MISS;
          continue;
        }
      matched[i] =
          find_expected (given[i], expected, n_expected, taken, TRUE, TUPU_VERDICT_NEAR_MISS, NULL);
      if (matched[i] >= 0)
        verdicts[i] = TUPU_VERDICT_DUPLICATE;
    }
  for (guint i = 0; i < n_given; i++)
    answer_check_add (check, answer_item_new (verdicts[i], nears[i], given[i], matched[i]));
  for (guint j = 0; j < n_expected; j++)
    if (!taken[j])
      answer_check_add (check, answer_item_new (TUPU_VERDICT_MISSED, TUPU_NEAR_NONE, NULL, j));
  answer_check_sum_up (check);
  return check;
}

/* ---- Splitting a typed answer ------------------------------------------------------------- */

static gboolean
is_separator (gunichar c)
{
  return c == ',' || c == ';' || c == '/' || c == '|' || c == 0x3001    /* 、 */
         || c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */ || c == 0xFF0F /* ／ */
         || g_unichar_isspace (c);
}

/* Whether white space at @p (up to @end) separates two items: not between two ASCII words. */
static gboolean
space_separates (const char *start, const char *p, const char *end)
{
  const char *before = p > start ? g_utf8_prev_char (p) : NULL;
  const char *after = p;

  while (after < end && g_unichar_isspace (g_utf8_get_char (after)))
    after = g_utf8_next_char (after);
  if (before == NULL || after >= end)
    return TRUE;
  return !(is_ascii_word_char (g_utf8_get_char (before)) &&
           is_ascii_word_char (g_utf8_get_char (after)));
}

/* Splits @text into pieces and the separators between them (seps[i] follows pieces[i]). */
static void
tokenise (const char *text, GPtrArray *pieces, GPtrArray *seps)
{
  const char *end = text + strlen (text);
  const char *p = text;

  while (p < end)
    {
      const char *start = p;
      const char *sep;

      while (p < end)
        {
          gunichar c = g_utf8_get_char (p);

          if (is_separator (c) && (!g_unichar_isspace (c) || space_separates (text, p, end)))
            break;
          p = g_utf8_next_char (p);
        }
      sep = p;
      while (p < end && is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (sep > start)
        {
          g_ptr_array_add (pieces, g_strndup (start, sep - start));
          g_ptr_array_add (seps, g_strndup (sep, p - sep));
        }
    }
}

static gboolean
has_separator (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (is_separator (g_utf8_get_char (p)) || g_unichar_ispunct (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* The most pieces one of @expected would be cut into. */
static guint
max_pieces (const char *const *expected, guint n_expected)
{
  guint most = 1;

  for (guint j = 0; j < n_expected; j++)
    {
      guint pieces = 1;

      for (const char *p = expected[j]; *p; p = g_utf8_next_char (p))
        pieces += is_separator (g_utf8_get_char (p));
      most = MAX (most, pieces);
    }
  return most;
}

/* Pieces @first to @first + @n - 1 joined with the separators typed between them, trimmed. */
static char *
join_pieces (GPtrArray *pieces, GPtrArray *seps, guint first, guint n)
{
  GString *out = g_string_new (NULL);

  for (guint k = first; k < first + n; k++)
    {
      g_string_append (out, g_ptr_array_index (pieces, k));
      if (k + 1 < first + n)
        g_string_append (out, g_strstrip ((char *)g_ptr_array_index (seps, k)));
    }
  return g_string_free (out, FALSE);
}

/* Whether @text is or nearly is one of the @expected wordings that hold a separator. */
static gboolean
makes_separated_wording (const char *text, const char *const *expected, guint n_expected)
{
  for (guint j = 0; j < n_expected; j++)
    if (has_separator (expected[j]) &&
        tupu_quiz_compare (text, expected[j], NULL) != TUPU_VERDICT_WRONG)
      return TRUE;
  return FALSE;
}

char **
tupu_quiz_split_answer (const char *text, const char *const *expected, guint n_expected)
{
  g_autoptr (GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) seps = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *items = g_ptr_array_new ();
  guint      i = 0, most;

  g_return_val_if_fail (text != NULL, NULL);

  tokenise (text, pieces, seps);
  most = max_pieces (expected, n_expected);
  while (i < pieces->len)
    {
      guint n = MIN (most, pieces->len - i);
      char *item = NULL;

      /* The longest run of pieces that makes a wording with separators, else one piece. */
      for (; n >= 2 && item == NULL; n--)
        {
          g_autofree char *joined = join_pieces (pieces, seps, i, n);

          if (makes_separated_wording (joined, expected, n_expected))
            {
              item = g_steal_pointer (&joined);
              i += n;
            }
        }
      if (item == NULL)
        item = g_strdup (g_ptr_array_index (pieces, i++));
      g_ptr_array_add (items, item);
    }
  g_ptr_array_add (items, NULL);
  return (char **)g_ptr_array_free (items, FALSE);
}

/* ---- Checking a question's answer --------------------------------------------------------- */

TupuAnswerCheck *
tupu_question_check_typed (const TupuQuestion *question, const char *text)
{
  const char *const *expected;
  g_auto (GStrv) given = NULL;

  g_return_val_if_fail (question != NULL && text != NULL, NULL);
  g_return_val_if_fail (question->mode == TUPU_ANSWER_TYPED, NULL);

  expected = (const char *const *)question->items->pdata;
  if (question->kind == TUPU_QUESTION_MEMBERS)
    given = tupu_quiz_split_answer (text, expected, question->items->len);
  else
    {
      given = g_new0 (char *, 2);
      given[0] = g_strstrip (g_strdup (text));
      if (given[0][0] == '\0')
        g_clear_pointer (&given[0], g_free);
    }
  return tupu_quiz_check_items ((const char *const *)given, g_strv_length (given), expected,
                                question->items->len);
}

TupuAnswerCheck *
tupu_question_check_choice (const TupuQuestion *question, guint choice)
{
  TupuAnswerCheck *check;
  gboolean         right;

  g_return_val_if_fail (question != NULL && question->mode == TUPU_ANSWER_CHOICE, NULL);
  g_return_val_if_fail (choice < question->items->len, NULL);

  check = answer_check_new (1);
  right = choice == question->correct;
  answer_check_add (
      check, answer_item_new (right ? TUPU_VERDICT_RIGHT : TUPU_VERDICT_WRONG, TUPU_NEAR_NONE,
                              g_ptr_array_index (question->items, choice), (int)question->correct));
  answer_check_sum_up (check);
  return check;
}

TupuAnswerCheck *
tupu_question_check_order (const TupuQuestion *question, const guint *order, guint n)
{
  TupuAnswerCheck *check;
  int              first_wrong = -1;

  g_return_val_if_fail (question != NULL && question->mode == TUPU_ANSWER_ORDER, NULL);
  g_return_val_if_fail (n == question->items->len, NULL);

  check = answer_check_new (n);
  for (guint k = 0; k < n; k++)
    {
      guint    item = MIN (order[k], n - 1);
      gboolean right = order[k] == g_array_index (question->order, guint, k);

      if (!right && first_wrong < 0)
        first_wrong = (int)k;
      answer_check_add (check,
                        answer_item_new (right ? TUPU_VERDICT_RIGHT : TUPU_VERDICT_WRONG,
                                         TUPU_NEAR_NONE, g_ptr_array_index (question->items, item),
                                         (int)g_array_index (question->order, guint, k)));
    }
  answer_check_sum_up (check);
  /* Two neighbours swapped and the rest in place is the ordering's near miss. */
  if (check->n_wrong == 2 && first_wrong >= 0 && (guint)first_wrong + 1 < n &&
      order[first_wrong] == g_array_index (question->order, guint, first_wrong + 1) &&
      order[first_wrong + 1] == g_array_index (question->order, guint, first_wrong))
    check->verdict = TUPU_VERDICT_NEAR_MISS;
  return check;
}

char *
tupu_question_dup_expected (const TupuQuestion *question)
{
  GString *out;

  g_return_val_if_fail (question != NULL, NULL);

  if (question->mode == TUPU_ANSWER_CHOICE)
    return g_strdup (g_ptr_array_index (question->items, question->correct));
  out = g_string_new (NULL);
  for (guint k = 0; k < question->items->len; k++)
    {
      guint item =
          question->mode == TUPU_ANSWER_ORDER ? g_array_index (question->order, guint, k) : k;

      if (k > 0)
        g_string_append (out, question->mode == TUPU_ANSWER_ORDER ? " → " : "、");
      g_string_append (out, g_ptr_array_index (question->items, item));
    }
  return g_string_free (out, FALSE);
}

/* ---- Generating questions ----------------------------------------------------------------- */

static const char *
node_label_zh (const TupuNode *node)
{
  return node->label_zh;
}

static const char *
node_label_en (const TupuNode *node)
{
  return node->label_en;
}

/* Steps from @a to @b through the part-of tree. */
static guint
tree_distance (TupuGraph *graph, guint a, guint b)
{
  guint steps = 0;

  while (a != b)
    {
      const TupuNode *na = tupu_graph_get_node (graph, a);
      const TupuNode *nb = tupu_graph_get_node (graph, b);

      if (na->depth >= nb->depth && na->parent >= 0)
        a = (guint)na->parent;
      else if (nb->parent >= 0)
        b = (guint)nb->parent;
      else
        break;
      steps++;
    }
  return steps;
}

typedef struct
{
  guint node;
  guint distance;
  guint order;
  guint other_kind; /* 0 for the answer's kind */
} Candidate;

static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->other_kind != cb->other_kind)
    return (int)ca->other_kind - (int)cb->other_kind;
  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  return ca->order < cb->order ? -1 : ca->order > cb->order;
}

static gboolean
text_taken (GPtrArray *texts, const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (tupu_quiz_compare (text, g_ptr_array_index (texts, i), NULL) == TUPU_VERDICT_RIGHT)
      return TRUE;
  return FALSE;
}

/* Whether @node may stand as a wrong answer beside @answer: not @answer, not one of @avoid's
 * ancestors (which @avoid belongs to as well), not named in @passage. */
static gboolean
may_distract (TupuGraph *graph, guint node, guint answer, int avoid, const char *text,
              const char *passage)
{
  if (node == answer || text == NULL || text[0] == '\0')
    return FALSE;
  if (avoid >= 0 && tupu_graph_is_descendant (graph, (guint)avoid, node))
    return FALSE;
  return passage == NULL || strstr (passage, text) == NULL;
}

/* Up to N_DISTRACTORS concepts to set beside @answer, each with a text (by @text_of) unlike the
 * others': drawn by @rand from the nearest of @answer's kind, then of other kinds. */
static GArray *
pick_distractors (TupuGraph *graph, guint answer, int avoid, NodeTextFunc text_of,
                  const char *passage, GRand *rand)
{
  const TupuNode *target = tupu_graph_get_node (graph, answer);
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  GArray *picked = g_array_new (FALSE, FALSE, sizeof (guint));
  guint   pool = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);
      Candidate       c = { i, tree_distance (graph, answer, i), node->order,
                            node->kind != target->kind };

      if (may_distract (graph, i, answer, avoid, text_of (node), passage))
        g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);
  g_ptr_array_add (texts, (gpointer)text_of (target));
  /* The nearest few with distinct texts, then a random draw among them. */
  for (guint i = 0; i < candidates->len && pool < DISTRACTOR_POOL; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      if (text_taken (texts, text_of (tupu_graph_get_node (graph, c->node))))
        continue;
      g_ptr_array_add (texts, (gpointer)text_of (tupu_graph_get_node (graph, c->node)));
      g_array_index (candidates, Candidate, pool++) = *c;
    }
  for (guint k = 0; k < N_DISTRACTORS && pool > 0; k++)
    {
      guint j = (guint)g_rand_int_range (rand, 0, (gint32)pool);

      g_array_append_val (picked, g_array_index (candidates, Candidate, j).node);
      g_array_index (candidates, Candidate, j) = g_array_index (candidates, Candidate, --pool);
    }
  return picked;
}

/* Fisher–Yates over @n guint indices. */
static void
shuffle (guint *values, guint n, GRand *rand)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = (guint)g_rand_int_range (rand, 0, (gint32)i);
      guint t = values[i - 1];

      values[i - 1] = values[j];
      values[j] = t;
    }
}

static TupuQuestion *
question_new (TupuQuestionKind kind, TupuAnswerMode mode, guint node, char *prompt)
{
  TupuQuestion *question = g_new0 (TupuQuestion, 1);

  question->kind = kind;
  question->mode = mode;
  question->node = node;
  question->prompt = prompt;
  question->items = g_ptr_array_new_with_free_func (g_free);
  question->item_nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  return question;
}

static void
question_add_item (TupuQuestion *question, const char *text, guint node)
{
  g_ptr_array_add (question->items, g_strdup (text));
  g_array_append_val (question->item_nodes, node);
}

/* The right answer and the distractors, shuffled, as a choice. */
static void
question_set_choices (TupuQuestion *question, TupuGraph *graph, guint answer, GArray *distractors,
                      NodeTextFunc text_of, GRand *rand)
{
  g_autoptr (GArray) options = copy_uint_array (distractors);

  g_array_append_val (options, answer);
  shuffle ((guint *)options->data, options->len, rand);
  for (guint i = 0; i < options->len; i++)
    {
      guint node = g_array_index (options, guint, i);

      if (node == answer)
        question->correct = i;
      question_add_item (question, text_of (tupu_graph_get_node (graph, node)), node);
    }
}

static TupuQuestion *
ask_members (TupuQuiz *self, guint index)
{
  const TupuNode *node = tupu_graph_get_node (self->graph, index);
  TupuQuestion   *question;

  question = question_new (TUPU_QUESTION_MEMBERS, TUPU_ANSWER_TYPED, index,
                           g_strdup_printf (_ ("Name the members of %s"), node->label_zh));
  for (guint i = 0; i < node->children->len; i++)
    {
      guint child = g_array_index (node->children, guint, i);

      question_add_item (question, tupu_graph_get_node (self->graph, child)->label_zh, child);
    }
  return question;
}

static TupuQuestion *
ask_order (TupuQuiz *self, guint index, GRand *rand)
{
  const TupuNode *node = tupu_graph_get_node (self->graph, index);
  g_autoptr (GArray) shown = copy_uint_array (node->children);
  TupuQuestion *question;
  guint         n = shown->len;

  question = question_new (
      TUPU_QUESTION_ORDER, TUPU_ANSWER_ORDER, index,
      g_strdup_printf (_ ("Put the members of %s in the speech's order"), node->label_zh));
  shuffle ((guint *)shown->data, n, rand);
  /* A shuffle that left them in order would ask nothing: turn it by one. */
  if (memcmp (shown->data, node->children->data, n * sizeof (guint)) == 0)
    {
      guint first = g_array_index (shown, guint, 0);

      g_array_remove_index (shown, 0);
      g_array_append_val (shown, first);
    }
  question->order = g_array_sized_new (FALSE, TRUE, sizeof (guint), n);
  g_array_set_size (question->order, n);
  for (guint i = 0; i < n; i++)
    {
      guint child = g_array_index (shown, guint, i);

      question_add_item (question, tupu_graph_get_node (self->graph, child)->label_zh, child);
      for (guint k = 0; k < n; k++)
        if (g_array_index (node->children, guint, k) == child)
          g_array_index (question->order, guint, k) = i;
    }
  return question;
}

static TupuQuestion *
ask_parent (TupuQuiz *self, guint index, GRand *rand)
{
  const TupuNode *node = tupu_graph_get_node (self->graph, index);
  const TupuNode *parent = tupu_graph_get_node (self->graph, (guint)node->parent);
  g_autoptr (GArray) distractors = NULL;
  g_autofree char *kind = g_utf8_strdown (tupu_kind_display_name (parent->kind), -1);
  TupuQuestion    *question;

  distractors =
      pick_distractors (self->graph, parent->index, (int)index, node_label_zh, NULL, rand);
  /* TRANSLATORS: "Which list does 善战人社 belong to?": the first %s is a kind, lowercase. */
  question =
      question_new (TUPU_QUESTION_PARENT, TUPU_ANSWER_CHOICE, index,
                    g_strdup_printf (_ ("Which %s does %s belong to?"), kind, node->label_zh));
  question_set_choices (question, self->graph, parent->index, distractors, node_label_zh, rand);
  return question;
}

/* Marks every occurrence of @needle in @text (@len characters) in @masked. */
static void
mask_occurrences (const gunichar *text, glong len, const char *needle, gboolean *masked)
{
  g_autofree gunichar *n = NULL;
  glong                n_len = 0;

  if (needle == NULL || needle[0] == '\0')
    return;
  n = g_utf8_to_ucs4_fast (needle, -1, &n_len);
  for (glong i = 0; i + n_len <= len; i++)
    if (memcmp (text + i, n, n_len * sizeof (gunichar)) == 0)
      for (glong k = i; k < i + n_len; k++)
        masked[k] = TRUE;
}

static gboolean
ends_sentence (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '!' || c == '?' ||
         c == ';';
}

/* The sentence of paragraph text @para around characters [@from, @to), at most PASSAGE_CONTEXT
 * characters either side, with the concept's @label (and @quote when short, being a name of it)
 * blanked out; NULL when too little is left to read. */
static char *
cut_passage (const char *para, glong from, glong to, const char *label, const char *quote)
{
  glong                len = 0, start = from, end = to, unmasked = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (para, -1, &len);
  g_autofree gboolean *masked = NULL;
  g_autoptr (GString) out = g_string_new (NULL);

  while (start > 0 && from - start < PASSAGE_CONTEXT && !ends_sentence (chars[start - 1]))
    start--;
  while (end < len && end - to < PASSAGE_CONTEXT && !ends_sentence (chars[end - 1]))
    end++;
  masked = g_new0 (gboolean, len + 1);
  mask_occurrences (chars, len, label, masked);
  if (g_utf8_strlen (quote, -1) <= 8)
    mask_occurrences (chars, len, quote, masked);
  if (start > 0 && !ends_sentence (chars[start - 1]))
    g_string_append (out, "…");
  for (glong i = start; i < end; i++)
    {
      if (!masked[i])
        {
          g_string_append_unichar (out, chars[i]);
          unmasked += g_unichar_isalnum (chars[i]);
        }
      else if (i == start || !masked[i - 1])
        g_string_append (out, BLANK);
    }
  if (end < len && !ends_sentence (chars[end - 1]))
    g_string_append (out, "…");
  if (unmasked < MIN_PASSAGE_CHARS)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The first of @node's speech passages that makes a readable passage with its name blanked. */
static char *
dup_passage (TupuGraph *graph, const TupuNode *node)
{
  TupuText *text = tupu_graph_get_text (graph);

  for (guint i = 0; node->sources && i < node->sources->len; i++)
    {
      const TupuSource *source = g_ptr_array_index (node->sources, i);
      const char       *para;
      char             *passage;

      if (source->type != TUPU_SOURCE_SPEECH || source->quote == NULL || source->quote[0] == '\0' ||
          source->offset < 0)
        continue;
      para = text ? tupu_text_get_para (text, (guint)source->para) : NULL;
      if (para == NULL ||
          source->offset + g_utf8_strlen (source->quote, -1) > g_utf8_strlen (para, -1))
        continue;
      passage =
          cut_passage (para, source->offset, source->offset + g_utf8_strlen (source->quote, -1),
                       node->label_zh, source->quote);
      if (passage)
        return passage;
    }
  return NULL;
}

static TupuQuestion *
ask_passage (TupuQuiz *self, guint index, GRand *rand)
{
  const TupuNode  *node = tupu_graph_get_node (self->graph, index);
  g_autofree char *passage = dup_passage (self->graph, node);
  g_autoptr (GArray) distractors = NULL;
  TupuQuestion *question;

  if (passage == NULL)
    return NULL;
  distractors = pick_distractors (self->graph, index, -1, node_label_zh, passage, rand);
  question = question_new (TUPU_QUESTION_PASSAGE, TUPU_ANSWER_CHOICE, index,
                           g_strdup (_ ("Which concept does this passage state?")));
  question->passage = g_steal_pointer (&passage);
  question_set_choices (question, self->graph, index, distractors, node_label_zh, rand);
  return question;
}

static TupuQuestion *
ask_english (TupuQuiz *self, guint index, GRand *rand)
{
  const TupuNode *node = tupu_graph_get_node (self->graph, index);
  g_autoptr (GArray) distractors = NULL;
  TupuQuestion *question;

  distractors = pick_distractors (self->graph, index, -1, node_label_en, NULL, rand);
  question = question_new (TUPU_QUESTION_ENGLISH, TUPU_ANSWER_CHOICE, index,
                           g_strdup_printf (_ ("What is the English of %s?"), node->label_zh));
  question_set_choices (question, self->graph, index, distractors, node_label_en, rand);
  return question;
}

static TupuQuestion *
ask_chinese (TupuQuiz *self, guint index)
{
  const TupuNode *node = tupu_graph_get_node (self->graph, index);
  TupuQuestion   *question;

  question = question_new (TUPU_QUESTION_CHINESE, TUPU_ANSWER_TYPED, index,
                           g_strdup_printf (_ ("What is the Chinese of “%s”?"), node->label_en));
  question_add_item (question, node->label_zh, index);
  return question;
}

/* Whether no other concept has @node's English label: else the Chinese asked for is ambiguous. */
static gboolean
english_is_unique (TupuQuiz *self, guint index)
{
  g_autofree char *key = normalise_utf8 (tupu_graph_get_node (self->graph, index)->label_en);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->english_counts, key)) <= 1;
}

static GHashTable *
count_english (TupuGraph *graph)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const char *label = tupu_graph_get_node (graph, i)->label_en;
      char       *key;

      if (label == NULL)
        continue;
      key = normalise_utf8 (label);
      g_hash_table_insert (
          counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
    }
  return counts;
}

static gboolean
has_english (const TupuNode *node)
{
  return node->label_en != NULL && node->label_en[0] != '\0';
}

/* Whether enough distractors exist for a choice (a fixed seed: only the count matters). */
static gboolean
has_distractors (TupuQuiz *self, guint answer, int avoid, NodeTextFunc text_of, const char *passage)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (0);
  g_autoptr (GArray) picked = pick_distractors (self->graph, answer, avoid, text_of, passage, rand);

  return picked->len >= 2;
}

/* ---- The class ----------------------------------------------------------------------------- */

static void
tupu_quiz_finalize (GObject *object)
{
  TupuQuiz *self = TUPU_QUIZ (object);

  g_clear_object (&self->graph);
  g_clear_pointer (&self->english_counts, g_hash_table_unref);
  G_OBJECT_CLASS (tupu_quiz_parent_class)->finalize (object);
}

static void
tupu_quiz_class_init (TupuQuizClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tupu_quiz_finalize;
}

static void
tupu_quiz_init (TupuQuiz *self)
{
}

/* ---- Public API ---------------------------------------------------------------------------- */

TupuQuiz *
tupu_quiz_new (TupuGraph *graph)
{
  TupuQuiz *self;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);

  self = g_object_new (TUPU_TYPE_QUIZ, NULL);
  self->graph = g_object_ref (graph);
  self->english_counts = count_english (graph);
  return self;
}

TupuGraph *
tupu_quiz_get_graph (TupuQuiz *self)
{
  g_return_val_if_fail (TUPU_IS_QUIZ (self), NULL);

  return self->graph;
}

gboolean
tupu_quiz_can_ask (TupuQuiz *self, guint node, TupuQuestionKind kind)
{
  const TupuNode *n;

  g_return_val_if_fail (TUPU_IS_QUIZ (self), FALSE);
  g_return_val_if_fail (node < tupu_graph_get_n_nodes (self->graph), FALSE);

  n = tupu_graph_get_node (self->graph, node);
  switch (kind)
    {
    case TUPU_QUESTION_MEMBERS:
      return n->children->len > 0;
    case TUPU_QUESTION_ORDER:
      return n->children->len >= MIN_ORDER_ITEMS;
    case TUPU_QUESTION_PARENT:
      return n->parent >= 0 && (guint)n->parent != tupu_graph_get_root (self->graph) &&
             has_distractors (self, (guint)n->parent, (int)node, node_label_zh, NULL);
    case TUPU_QUESTION_PASSAGE:
      {
        g_autofree char *passage = dup_passage (self->graph, n);

        return passage != NULL && has_distractors (self, node, -1, node_label_zh, passage);
      }
    case TUPU_QUESTION_ENGLISH:
      return has_english (n) && has_distractors (self, node, -1, node_label_en, NULL);
    case TUPU_QUESTION_CHINESE:
      return has_english (n) && english_is_unique (self, node);
    case TUPU_N_QUESTION_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

TupuQuestion *
tupu_quiz_ask (TupuQuiz *self, guint node, TupuQuestionKind kind, guint32 seed)
{
  g_autoptr (GRand) rand = NULL;

  g_return_val_if_fail (TUPU_IS_QUIZ (self), NULL);
  g_return_val_if_fail (kind < TUPU_N_QUESTION_KINDS, NULL);

  if (node >= tupu_graph_get_n_nodes (self->graph) || !tupu_quiz_can_ask (self, node, kind))
    return NULL;
  /* Mixed with the concept and kind so that one session seed varies every question. */
  rand = g_rand_new_with_seed (seed ^ (node * 2654435761u) ^ ((guint32)kind << 24));
  switch (kind)
    {
    case TUPU_QUESTION_MEMBERS:
      return ask_members (self, node);
    case TUPU_QUESTION_ORDER:
      return ask_order (self, node, rand);
    case TUPU_QUESTION_PARENT:
      return ask_parent (self, node, rand);
    case TUPU_QUESTION_PASSAGE:
      return ask_passage (self, node, rand);
    case TUPU_QUESTION_ENGLISH:
      return ask_english (self, node, rand);
    case TUPU_QUESTION_CHINESE:
      return ask_chinese (self, node);
    case TUPU_N_QUESTION_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
tupu_quiz_can_ask_any (TupuQuiz *self, guint node)
{
  /* The cheap tests first: the choices look for distractors over the whole graph. */
  static const TupuQuestionKind by_cost[] = { TUPU_QUESTION_MEMBERS, TUPU_QUESTION_CHINESE,
                                              TUPU_QUESTION_ENGLISH, TUPU_QUESTION_PARENT,
                                              TUPU_QUESTION_PASSAGE };

  g_return_val_if_fail (TUPU_IS_QUIZ (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (by_cost); i++)
    if (tupu_quiz_can_ask (self, node, by_cost[i]))
      return TRUE;
  return FALSE;
}

TupuQuestion *
tupu_quiz_pick (TupuQuiz *self, guint node, guint32 seed)
{
  TupuQuestionKind kinds[TUPU_N_QUESTION_KINDS + 1];
  guint            n = 0;
  g_autoptr (GRand) rand = NULL;

  g_return_val_if_fail (TUPU_IS_QUIZ (self), NULL);

  if (node >= tupu_graph_get_n_nodes (self->graph))
    return NULL;
  for (TupuQuestionKind kind = 0; kind < TUPU_N_QUESTION_KINDS; kind++)
    if (tupu_quiz_can_ask (self, node, kind))
      kinds[n++] = kind;
  if (n == 0)
    return NULL;
  /* Recalling its members is what a concept with members is for: it gets two chances. */
  if (kinds[0] == TUPU_QUESTION_MEMBERS)
    kinds[n++] = TUPU_QUESTION_MEMBERS;
  rand = g_rand_new_with_seed (seed ^ (node * 2246822519u));
  return tupu_quiz_ask (self, node, kinds[g_rand_int_range (rand, 0, (gint32)n)], seed);
}
