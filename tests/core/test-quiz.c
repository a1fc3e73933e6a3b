/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-quiz.c: practice questions generated from the built-in speech graph (every concept with
 * members asked for exactly its members; every kind well formed; the same seed, the same
 * question) and answer checking (exact, near misses, wrong answers, repeats, any order). */
#include <string.h>

#include "tupu-quiz.h"

static TupuGraph *graph;
static TupuQuiz  *quiz;

static guint
node_index (const char *label_zh)
{
  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    if (g_strcmp0 (tupu_graph_get_node (graph, i)->label_zh, label_zh) == 0)
      return i;
  g_error ("no concept labelled %s", label_zh);
}

static TupuAnswerCheck *
check (const char *const *given, const char *const *expected)
{
  return tupu_quiz_check_items (given, g_strv_length ((char **)given), expected,
                                g_strv_length ((char **)expected));
}

/* ---- Generation ---------------------------------------------------------------------------- */

static void
test_members_every_list (void)
{
  guint n_asked = 0, n_lists = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);
      g_autoptr (TupuQuestion) question = NULL;
      g_autoptr (GString) all = g_string_new (NULL);
      g_autoptr (TupuAnswerCheck) result = NULL;

      if (node->kind == TUPU_KIND_LIST && !node->count_only)
        {
          n_lists++;
          g_assert_cmpuint (node->children->len, >, 0);
        }
      question = tupu_quiz_ask (quiz, i, TUPU_QUESTION_MEMBERS, 7);
      if (node->children->len == 0)
        {
          g_assert_null (question);
          continue;
        }
      n_asked++;
      g_assert_nonnull (question);
      g_assert_cmpuint (question->node, ==, i);
      g_assert_cmpint (question->mode, ==, TUPU_ANSWER_TYPED);
      g_assert_true (strstr (question->prompt, node->label_zh) != NULL);
      /* The answer set is exactly the members: each member once, nothing else. */
      g_assert_cmpuint (question->items->len, ==, node->children->len);
      for (guint k = 0; k < node->children->len; k++)
        {
          guint child = g_array_index (node->children, guint, k);

          g_assert_cmpuint (g_array_index (question->item_nodes, guint, k), ==, child);
          g_assert_cmpstr (g_ptr_array_index (question->items, k), ==,
                           tupu_graph_get_node (graph, child)->label_zh);
        }
      /* Every member named, last first, is right. */
      for (guint k = node->children->len; k > 0; k--)
        g_string_append_printf (all, "%s%s", all->len ? "，" : "",
                                (char *)g_ptr_array_index (question->items, k - 1));
      result = tupu_question_check_typed (question, all->str);
      if (result->verdict != TUPU_VERDICT_RIGHT)
        g_error ("%s: naming every member (%s) is not right", node->id, all->str);
      g_assert_cmpuint (result->n_right, ==, node->children->len);
    }
  g_assert_cmpuint (n_lists, >=, 35);
  g_assert_cmpuint (n_asked, >=, n_lists);
}

static void
test_members_example (void)
{
  g_autoptr (TupuQuestion) question =
      tupu_quiz_ask (quiz, node_index ("五大行动"), TUPU_QUESTION_MEMBERS, 1);

  g_assert_cmpstr (question->prompt, ==, "Name the members of 五大行动");
  g_assert_cmpuint (question->items->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (question->items, 0), ==, "就业优先");
}

/* The node a choice's right option names: the concept itself, or its parent for PARENT. */
static guint
choice_answer (const TupuQuestion *question)
{
  const TupuNode *node = tupu_graph_get_node (graph, question->node);

  return question->kind == TUPU_QUESTION_PARENT ? (guint)node->parent : question->node;
}

static void
assert_choice_well_formed (const TupuQuestion *question)
{
  const TupuNode *node = tupu_graph_get_node (graph, question->node);
  guint           answer = choice_answer (question);

  g_assert_cmpuint (question->items->len, >=, 3);
  g_assert_cmpuint (question->items->len, <=, 4);
  g_assert_cmpuint (question->correct, <, question->items->len);
  g_assert_cmpuint (g_array_index (question->item_nodes, guint, question->correct), ==, answer);
  for (guint a = 0; a < question->items->len; a++)
    {
      guint option = g_array_index (question->item_nodes, guint, a);

      /* No wrong option is also true: not the concept, nor (for PARENT) another ancestor. */
      if (a != question->correct)
        {
          g_assert_cmpuint (option, !=, answer);
          if (question->kind == TUPU_QUESTION_PARENT)
            g_assert_false (tupu_graph_is_descendant (graph, question->node, option));
        }
      for (guint b = a + 1; b < question->items->len; b++)
        g_assert_cmpint (tupu_quiz_compare (g_ptr_array_index (question->items, a),
                                            g_ptr_array_index (question->items, b), NULL),
                         !=, TUPU_VERDICT_RIGHT);
    }
  if (question->kind == TUPU_QUESTION_PASSAGE)
    {
      g_assert_nonnull (question->passage);
      g_assert_null (strstr (question->passage, node->label_zh));
    }
}

static void
assert_order_well_formed (const TupuQuestion *question)
{
  const TupuNode      *node = tupu_graph_get_node (graph, question->node);
  g_autofree gboolean *seen = g_new0 (gboolean, question->items->len);
  gboolean             shuffled = FALSE;

  g_assert_cmpuint (question->items->len, ==, node->children->len);
  g_assert_cmpuint (question->order->len, ==, node->children->len);
  for (guint k = 0; k < question->order->len; k++)
    {
      guint item = g_array_index (question->order, guint, k);

      g_assert_cmpuint (item, <, question->items->len);
      g_assert_false (seen[item]);
      seen[item] = TRUE;
      g_assert_cmpuint (g_array_index (question->item_nodes, guint, item), ==,
                        g_array_index (node->children, guint, k));
      shuffled |= item != k;
    }
  g_assert_true (shuffled);
}

static void
test_kinds_well_formed (void)
{
  guint counts[TUPU_N_QUESTION_KINDS] = { 0 };

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    for (TupuQuestionKind kind = 0; kind < TUPU_N_QUESTION_KINDS; kind++)
      {
        g_autoptr (TupuQuestion) question = tupu_quiz_ask (quiz, i, kind, 42 + i);

        g_assert_true ((question != NULL) == tupu_quiz_can_ask (quiz, i, kind));
        if (question == NULL)
          continue;
        counts[kind]++;
        g_assert_cmpint (question->kind, ==, kind);
        g_assert_cmpuint (question->node, ==, i);
        g_assert_true (question->prompt && question->prompt[0]);
        g_assert_cmpuint (question->items->len, ==, question->item_nodes->len);
        if (question->mode == TUPU_ANSWER_CHOICE)
          assert_choice_well_formed (question);
        else if (question->mode == TUPU_ANSWER_ORDER)
          assert_order_well_formed (question);
        else if (kind == TUPU_QUESTION_CHINESE)
          g_assert_cmpstr (g_ptr_array_index (question->items, 0), ==,
                           tupu_graph_get_node (graph, i)->label_zh);
      }
  for (TupuQuestionKind kind = 0; kind < TUPU_N_QUESTION_KINDS; kind++)
    {
      g_test_message ("kind %d: %u questions", kind, counts[kind]);
      g_assert_cmpuint (counts[kind], >=, 20);
    }
}

static void
test_parent_example (void)
{
  guint node = node_index ("善战人社");
  g_autoptr (TupuQuestion) question = tupu_quiz_ask (quiz, node, TUPU_QUESTION_PARENT, 3);
  g_autoptr (TupuAnswerCheck) right = NULL;
  g_autoptr (TupuAnswerCheck) wrong = NULL;

  g_assert_cmpstr (question->prompt, ==, "Which list does 善战人社 belong to?");
  g_assert_cmpstr (g_ptr_array_index (question->items, question->correct), ==, "三个人社品牌");
  /* Its relatives of the same kind come first: every option is a list. */
  for (guint k = 0; k < question->items->len; k++)
    g_assert_cmpint (
        tupu_graph_get_node (graph, g_array_index (question->item_nodes, guint, k))->kind, ==,
        TUPU_KIND_LIST);
  right = tupu_question_check_choice (question, question->correct);
  g_assert_cmpint (right->verdict, ==, TUPU_VERDICT_RIGHT);
  wrong = tupu_question_check_choice (question, (question->correct + 1) % question->items->len);
  g_assert_cmpint (wrong->verdict, ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (((TupuAnswerItem *)g_ptr_array_index (wrong->items, 0))->expected, ==,
                   (int)question->correct);
}

static void
test_english_both_ways (void)
{
  guint node = node_index ("五大行动");
  g_autoptr (TupuQuestion) english = tupu_quiz_ask (quiz, node, TUPU_QUESTION_ENGLISH, 5);
  g_autoptr (TupuQuestion) chinese = tupu_quiz_ask (quiz, node, TUPU_QUESTION_CHINESE, 5);
  g_autoptr (TupuAnswerCheck) typed = NULL;

  g_assert_cmpstr (english->prompt, ==, "What is the English of 五大行动?");
  g_assert_cmpstr (g_ptr_array_index (english->items, english->correct), ==,
                   tupu_graph_get_node (graph, node)->label_en);
  g_assert_true (strstr (chinese->prompt, tupu_graph_get_node (graph, node)->label_en) != NULL);
  typed = tupu_question_check_typed (chinese, " 五大行动 ");
  g_assert_cmpint (typed->verdict, ==, TUPU_VERDICT_RIGHT);
}

static void
test_order (void)
{
  guint node = node_index ("七种思维能力");
  g_autoptr (TupuQuestion) question = tupu_quiz_ask (quiz, node, TUPU_QUESTION_ORDER, 9);
  guint             n = question->items->len;
  g_autofree guint *order = g_new (guint, n);
  g_autoptr (TupuAnswerCheck) right = NULL;
  g_autoptr (TupuAnswerCheck) near = NULL;
  g_autoptr (TupuAnswerCheck) wrong = NULL;
  g_autofree char *expected = tupu_question_dup_expected (question);

  g_assert_cmpstr (expected, ==,
                   "战略思维 → 历史思维 → 辩证思维 → 系统思维 → 创新思维 → 法治思维 → 底线思维");
  memcpy (order, question->order->data, n * sizeof (guint));
  right = tupu_question_check_order (question, order, n);
  g_assert_cmpint (right->verdict, ==, TUPU_VERDICT_RIGHT);
  order[2] = g_array_index (question->order, guint, 3);
  order[3] = g_array_index (question->order, guint, 2);
  near = tupu_question_check_order (question, order, n);
  g_assert_cmpint (near->verdict, ==, TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpuint (near->n_wrong, ==, 2);
  for (guint k = 0; k < n; k++)
    order[k] = k;
  wrong = tupu_question_check_order (question, order, n);
  g_assert_cmpint (wrong->verdict, ==, TUPU_VERDICT_WRONG);
}

static gboolean
questions_equal (const TupuQuestion *a, const TupuQuestion *b)
{
  if (g_strcmp0 (a->prompt, b->prompt) != 0 || g_strcmp0 (a->passage, b->passage) != 0 ||
      a->items->len != b->items->len || a->correct != b->correct)
    return FALSE;
  for (guint k = 0; k < a->items->len; k++)
    if (g_strcmp0 (g_ptr_array_index (a->items, k), g_ptr_array_index (b->items, k)) != 0)
      return FALSE;
  return TRUE;
}

static void
test_deterministic (void)
{
  guint differ = 0;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      g_autoptr (TupuQuestion) a = tupu_quiz_pick (quiz, i, 1234);
      g_autoptr (TupuQuestion) b = tupu_quiz_pick (quiz, i, 1234);
      g_autoptr (TupuQuestion) c = tupu_quiz_pick (quiz, i, 99);
      g_autoptr (TupuQuestion) copy = NULL;

      /* Every concept of the speech can be asked something. */
      g_assert_nonnull (a);
      g_assert_true (questions_equal (a, b));
      copy = tupu_question_copy (a);
      g_assert_true (questions_equal (a, copy));
      differ += !questions_equal (a, c);
    }
  /* Another seed asks otherwise (another kind, other distractors or another shuffle). */
  g_assert_cmpuint (differ, >, tupu_graph_get_n_nodes (graph) / 3);
}

/* ---- Checking ------------------------------------------------------------------------------ */

static const TupuAnswerItem *
item (const TupuAnswerCheck *result, guint k)
{
  return g_ptr_array_index (result->items, k);
}

static void
test_compare (void)
{
  TupuNearMiss near;

  g_assert_cmpint (tupu_quiz_compare ("就业优先", "就业优先", &near), ==, TUPU_VERDICT_RIGHT);
  /* Width, case and white space do not count. */
  g_assert_cmpint (tupu_quiz_compare (" 就业 优先\t", "就业优先", NULL), ==, TUPU_VERDICT_RIGHT);
  g_assert_cmpint (tupu_quiz_compare ("ＡＢＣ１２", "abc12", NULL), ==, TUPU_VERDICT_RIGHT);
  g_assert_cmpint (tupu_quiz_compare ("the  Five Actions", "the five actions", NULL), ==,
                   TUPU_VERDICT_RIGHT);
  /* A space between words counts as punctuation. */
  g_assert_cmpint (tupu_quiz_compare ("thefive actions", "the five actions", &near), ==,
                   TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpint (near, ==, TUPU_NEAR_PUNCTUATION);
  /* A missing character, an extra one, other punctuation, a swapped pair. */
  g_assert_cmpint (tupu_quiz_compare ("就业优", "就业优先", &near), ==, TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpint (near, ==, TUPU_NEAR_MISSING_CHAR);
  g_assert_cmpint (tupu_quiz_compare ("就业业优先", "就业优先", &near), ==, TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpint (near, ==, TUPU_NEAR_EXTRA_CHAR);
  g_assert_cmpint (tupu_quiz_compare ("巡视，审计反馈问题整改", "巡视、审计反馈问题整改", &near),
                   ==, TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpint (near, ==, TUPU_NEAR_PUNCTUATION);
  g_assert_cmpint (tupu_quiz_compare ("巡视审计反馈问题整改", "巡视、审计反馈问题整改", &near), ==,
                   TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpint (near, ==, TUPU_NEAR_PUNCTUATION);
  g_assert_cmpint (tupu_quiz_compare ("就优业先", "就业优先", &near), ==, TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpint (near, ==, TUPU_NEAR_SWAPPED);
  /* A different character is another word; two slips are not near; nor is nothing. */
  g_assert_cmpint (tupu_quiz_compare ("学通", "学懂", &near), ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (near, ==, TUPU_NEAR_NONE);
  g_assert_cmpint (tupu_quiz_compare ("就业", "就业优先", NULL), ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (tupu_quiz_compare ("", "就业优先", NULL), ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (tupu_quiz_compare ("  ", "就业优先", NULL), ==, TUPU_VERDICT_WRONG);
  /* Too short to lose a character or swap two. */
  g_assert_cmpint (tupu_quiz_compare ("学", "学懂", NULL), ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (tupu_quiz_compare ("懂学", "学懂", NULL), ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (tupu_quiz_compare ("学懂了", "学懂", NULL), ==, TUPU_VERDICT_NEAR_MISS);
  /* Not UTF-8: wrong, never a crash. */
  g_assert_cmpint (tupu_quiz_compare ("\xff\xfe", "就业优先", NULL), ==, TUPU_VERDICT_WRONG);
}

static const char *const five[] = { "就业优先",     "社会保障和分配制度改革", "人才支撑",
                                    "和谐劳动关系", "温暖人社建设",           NULL };

static void
test_check_any_order (void)
{
  const char *const given[] = { "温暖人社建设",           "人才支撑", "就业优先", "和谐劳动关系",
                                "社会保障和分配制度改革", NULL };
  g_autoptr (TupuAnswerCheck) result = check (given, five);

  g_assert_cmpint (result->verdict, ==, TUPU_VERDICT_RIGHT);
  g_assert_cmpuint (result->n_right, ==, 5);
  g_assert_cmpuint (result->items->len, ==, 5);
  g_assert_cmpint (item (result, 0)->expected, ==, 4);
  g_assert_cmpint (item (result, 2)->expected, ==, 0);
}

static void
test_check_near_misses (void)
{
  const char *const given[] = { "就业优",       "社会保障和分配制度度改革",
                                "人才撑支",     "和谐劳动关系",
                                "温暖人社建设", NULL };
  g_autoptr (TupuAnswerCheck) result = check (given, five);

  g_assert_cmpint (result->verdict, ==, TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpuint (result->n_right, ==, 2);
  g_assert_cmpuint (result->n_near, ==, 3);
  g_assert_cmpint (item (result, 0)->near, ==, TUPU_NEAR_MISSING_CHAR);
  g_assert_cmpint (item (result, 0)->expected, ==, 0);
  g_assert_cmpint (item (result, 1)->near, ==, TUPU_NEAR_EXTRA_CHAR);
  g_assert_cmpint (item (result, 2)->near, ==, TUPU_NEAR_SWAPPED);
  g_assert_cmpint (item (result, 2)->expected, ==, 2);
}

static void
test_check_wrong_duplicate_missed (void)
{
  const char *const given[] = {
    "就业优先", "就业优先", "就业优", "人才发展", "温暖人社建设", NULL
  };
  g_autoptr (TupuAnswerCheck) result = check (given, five);

  g_assert_cmpint (result->verdict, ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (item (result, 0)->verdict, ==, TUPU_VERDICT_RIGHT);
  /* Each member counts once: a repeat, even a near one, is a repeat, not a second member. */
  g_assert_cmpint (item (result, 1)->verdict, ==, TUPU_VERDICT_DUPLICATE);
  g_assert_cmpint (item (result, 1)->expected, ==, 0);
  g_assert_cmpint (item (result, 2)->verdict, ==, TUPU_VERDICT_DUPLICATE);
  g_assert_cmpint (item (result, 3)->verdict, ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (item (result, 3)->expected, ==, -1);
  g_assert_cmpint (item (result, 4)->verdict, ==, TUPU_VERDICT_RIGHT);
  /* Then the members nobody named, with what was expected. */
  g_assert_cmpuint (result->items->len, ==, 8);
  g_assert_cmpuint (result->n_missed, ==, 3);
  g_assert_cmpint (item (result, 5)->verdict, ==, TUPU_VERDICT_MISSED);
  g_assert_null (item (result, 5)->given);
  g_assert_cmpint (item (result, 5)->expected, ==, 1);
  g_assert_cmpuint (result->n_duplicate, ==, 2);
  g_assert_cmpuint (result->n_wrong, ==, 1);
}

/* An exact answer keeps its wording from a near miss given before it. */
static void
test_check_exact_first (void)
{
  const char *const expected[] = { "学懂", "学懂弄", NULL };
  const char *const given[] = { "学懂弄", "学懂", NULL };
  g_autoptr (TupuAnswerCheck) result = check (given, expected);

  g_assert_cmpint (result->verdict, ==, TUPU_VERDICT_RIGHT);
  g_assert_cmpint (item (result, 0)->expected, ==, 1);
  g_assert_cmpint (item (result, 1)->expected, ==, 0);
}

static void
test_split (void)
{
  const char *const expected[] = { "彻彻底底改", "巡视、审计反馈问题整改", "以案促改", NULL };
  g_auto (GStrv) a =
      tupu_quiz_split_answer ("以案促改、巡视、审计反馈问题整改，彻彻底底改", expected, 3);
  g_auto (GStrv) b =
      tupu_quiz_split_answer (" 以案促改\n巡视，审计反馈问题整改 ; 彻彻底底改 ", expected, 3);
  g_auto (GStrv) c = tupu_quiz_split_answer ("就业优先 人才支撑、、", five, 5);
  g_auto (GStrv) d = tupu_quiz_split_answer ("the five actions, two duties", NULL, 0);
  g_auto (GStrv) e = tupu_quiz_split_answer (" ，、 ", NULL, 0);

  g_assert_cmpuint (g_strv_length (a), ==, 3);
  g_assert_cmpstr (a[1], ==, "巡视、审计反馈问题整改");
  g_assert_cmpuint (g_strv_length (b), ==, 3);
  g_assert_cmpstr (b[1], ==, "巡视，审计反馈问题整改");
  g_assert_cmpstr (b[2], ==, "彻彻底底改");
  g_assert_cmpuint (g_strv_length (c), ==, 2);
  g_assert_cmpuint (g_strv_length (d), ==, 2);
  g_assert_cmpstr (d[0], ==, "the five actions");
  g_assert_cmpuint (g_strv_length (e), ==, 0);
}

static void
test_typed_question (void)
{
  g_autoptr (TupuQuestion) question =
      tupu_quiz_ask (quiz, node_index ("检视整改树形象"), TUPU_QUESTION_MEMBERS, 1);
  g_autoptr (TupuAnswerCheck) result = NULL;
  g_autofree char *expected = tupu_question_dup_expected (question);

  g_assert_true (g_str_has_prefix (expected, "彻彻底底改、检视整改的三类问题、"));
  result =
      tupu_question_check_typed (question, "巡视，审计反馈问题整改、彻彻底底改、专项整治、乱写");
  g_assert_cmpint (result->verdict, ==, TUPU_VERDICT_WRONG);
  g_assert_cmpint (item (result, 0)->verdict, ==, TUPU_VERDICT_NEAR_MISS);
  g_assert_cmpint (item (result, 0)->near, ==, TUPU_NEAR_PUNCTUATION);
  g_assert_cmpint (item (result, 1)->verdict, ==, TUPU_VERDICT_RIGHT);
  g_assert_cmpint (item (result, 2)->verdict, ==, TUPU_VERDICT_RIGHT);
  g_assert_cmpint (item (result, 3)->verdict, ==, TUPU_VERDICT_WRONG);
  g_assert_cmpuint (result->n_missed, ==, question->items->len - 3);
  g_clear_pointer (&result, tupu_answer_check_free);
  result = tupu_question_check_typed (question, "");
  g_assert_cmpuint (result->n_missed, ==, question->items->len);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  graph = tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  quiz = tupu_quiz_new (graph);

  g_test_add_func ("/quiz/members/every-list", test_members_every_list);
  g_test_add_func ("/quiz/members/example", test_members_example);
  g_test_add_func ("/quiz/kinds/well-formed", test_kinds_well_formed);
  g_test_add_func ("/quiz/parent/example", test_parent_example);
  g_test_add_func ("/quiz/english/both-ways", test_english_both_ways);
  g_test_add_func ("/quiz/order", test_order);
  g_test_add_func ("/quiz/deterministic", test_deterministic);
  g_test_add_func ("/quiz/check/compare", test_compare);
  g_test_add_func ("/quiz/check/any-order", test_check_any_order);
  g_test_add_func ("/quiz/check/near-misses", test_check_near_misses);
  g_test_add_func ("/quiz/check/wrong-duplicate-missed", test_check_wrong_duplicate_missed);
  g_test_add_func ("/quiz/check/exact-first", test_check_exact_first);
  g_test_add_func ("/quiz/check/split", test_split);
  g_test_add_func ("/quiz/check/typed-question", test_typed_question);

  result = g_test_run ();
  g_object_unref (quiz);
  g_object_unref (graph);
  return result;
}
