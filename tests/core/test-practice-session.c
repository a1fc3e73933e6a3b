/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-practice-session.c: a practice session over a study store of the built-in speech graph —
 * the queue capped by the daily limit of new concepts, each card's question answered and graded
 * into the store (its file and the concept's state change), due cards before new ones, and the
 * summary (time, cards, accuracy, weakest concepts, next due time). */
#include <glib/gstdio.h>
#include <string.h>

#include "tupu-practice-session.h"

#define T0 (G_GINT64_CONSTANT (1764583200) * G_USEC_PER_SEC) /* 2025-12-01 10:00 UTC */

typedef struct
{
  TupuGraph      *graph;
  char           *dir_path;
  GFile          *dir;
  TupuStudyStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->graph = tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  fixture->dir_path = g_dir_make_tmp ("tupu-practice-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dir = g_file_new_for_path (fixture->dir_path);
  fixture->store = tupu_study_store_new (fixture->graph, fixture->dir);
  g_assert_null (tupu_study_store_get_load_error (fixture->store));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = g_object_ref (tupu_study_store_get_file (fixture->store));

  g_clear_object (&fixture->store);
  g_file_delete (file, NULL, NULL);
  g_rmdir (fixture->dir_path);
  g_clear_object (&fixture->dir);
  g_free (fixture->dir_path);
  g_clear_object (&fixture->graph);
}

/* The right answer to @question, checked. */
static TupuAnswerCheck *
answer_right (const TupuQuestion *question)
{
  g_autofree char *expected = NULL;

  switch (question->mode)
    {
    case TUPU_ANSWER_CHOICE:
      return tupu_question_check_choice (question, question->correct);
    case TUPU_ANSWER_ORDER:
      return tupu_question_check_order (question, (const guint *)question->order->data,
                                        question->order->len);
    case TUPU_ANSWER_TYPED:
    default:
      expected = tupu_question_dup_expected (question);
      return tupu_question_check_typed (question, expected);
    }
}

static TupuAnswerCheck *
answer_wrong (const TupuQuestion *question)
{
  g_autoptr (GArray) order = NULL;

  switch (question->mode)
    {
    case TUPU_ANSWER_CHOICE:
      return tupu_question_check_choice (question, (question->correct + 1) % question->items->len);
    case TUPU_ANSWER_ORDER:
      order = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = question->order->len; k > 0; k--)
        g_array_append_val (order, g_array_index (question->order, guint, k - 1));
      return tupu_question_check_order (question, (const guint *)order->data, order->len);
    case TUPU_ANSWER_TYPED:
    default:
      return tupu_question_check_typed (question, "不对");
    }
}

static const char *
question_id (Fixture *fixture, const TupuQuestion *question)
{
  return tupu_graph_get_node (fixture->graph, question->node)->id;
}

static void
test_round (Fixture *fixture, gconstpointer data)
{
  g_autoptr (TupuPracticeSession) session = tupu_practice_session_new (fixture->store, T0, 5, 7);
  g_autoptr (TupuPracticeSummary) summary = NULL;
  g_autoptr (TupuAnswerCheck) right = NULL;
  g_autoptr (TupuAnswerCheck) wrong = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char    *first = NULL;
  g_autofree char    *second = NULL;
  g_autofree char    *contents = NULL;
  TupuFsrsCard        card;
  const TupuQuestion *question;

  /* Nothing reviewed yet: the day's five new concepts. */
  g_assert_cmpuint (tupu_practice_session_get_n_cards (session), ==, 5);
  g_assert_cmpuint (tupu_practice_session_get_position (session), ==, 0);
  question = tupu_practice_session_get_question (session);
  g_assert_nonnull (question);
  first = g_strdup (question_id (fixture, question));
  g_assert_cmpint (tupu_study_store_get_state (fixture->store, first), ==, TUPU_STUDY_STATE_NEW);

  right = answer_right (question);
  g_assert_cmpint (right->verdict, ==, TUPU_VERDICT_RIGHT);
  tupu_practice_session_answered (session, right);
  g_assert_true (tupu_practice_session_has_answer (session));
  /* Good on a new card: its next learning step, ten minutes on. */
  tupu_practice_session_preview (session, TUPU_FSRS_GOOD, T0 + 5 * G_USEC_PER_SEC, &card);
  g_assert_cmpint (card.due, ==, T0 / G_USEC_PER_SEC + 5 + 10 * 60);
  g_assert_true (
      tupu_practice_session_grade (session, TUPU_FSRS_GOOD, T0 + 5 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  /* Recorded in the store and in its file at once. */
  g_assert_cmpint (tupu_study_store_get_state (fixture->store, first), ==,
                   TUPU_STUDY_STATE_LEARNING);
  g_assert_true (tupu_study_store_get_card (fixture->store, first, &card));
  g_assert_cmpuint (card.reps, ==, 1);
  g_assert_true (g_file_get_contents (g_file_peek_path (tupu_study_store_get_file (fixture->store)),
                                      &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, first));

  g_assert_cmpuint (tupu_practice_session_get_position (session), ==, 1);
  question = tupu_practice_session_get_question (session);
  second = g_strdup (question_id (fixture, question));
  g_assert_cmpstr (first, !=, second);
  g_assert_false (tupu_practice_session_has_answer (session));
  wrong = answer_wrong (question);
  g_assert_cmpint (wrong->verdict, !=, TUPU_VERDICT_RIGHT);
  tupu_practice_session_answered (session, wrong);
  g_assert_true (
      tupu_practice_session_grade (session, TUPU_FSRS_AGAIN, T0 + 20 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);

  tupu_practice_session_stop (session, T0 + 30 * G_USEC_PER_SEC);
  g_assert_true (tupu_practice_session_is_finished (session));
  g_assert_null (tupu_practice_session_get_question (session));
  summary = tupu_practice_session_get_summary (session);
  g_assert_cmpint (summary->elapsed_us, ==, 30 * G_USEC_PER_SEC);
  g_assert_cmpuint (summary->n_reviewed, ==, 2);
  g_assert_cmpuint (summary->n_right, ==, 1);
  g_assert_cmpuint (summary->n_right + summary->n_near + summary->n_wrong, ==, 2);
  g_assert_cmpuint (summary->n_remaining, ==, 3);
  g_assert_cmpfloat (summary->accuracy, <=, 1.0);
  g_assert_cmpuint (summary->weakest->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary->weakest, 0), ==, second);
  /* Again: the second card comes back after one minute, before the first's ten. */
  g_assert_cmpint (summary->next_due, ==, T0 / G_USEC_PER_SEC + 20 + 60);
}

static void
test_due_first (Fixture *fixture, gconstpointer data)
{
  g_autoptr (TupuPracticeSession) one = tupu_practice_session_new (fixture->store, T0, 3, 1);
  g_autoptr (TupuPracticeSession) two = NULL;
  g_autoptr (TupuPracticeSession) none = NULL;
  g_autofree char *graded = g_strdup (
      tupu_graph_get_node (fixture->graph, tupu_practice_session_get_question (one)->node)->id);

  g_assert_true (tupu_practice_session_grade (one, TUPU_FSRS_AGAIN, T0, NULL));
  /* Two minutes later the card graded Again is due: it comes first, then the two new ones the
   * day still allows. */
  two = tupu_practice_session_new (fixture->store, T0 + 120 * G_USEC_PER_SEC, 3, 1);
  g_assert_cmpuint (tupu_practice_session_get_n_cards (two), ==, 3);
  g_assert_cmpstr (
      tupu_graph_get_node (fixture->graph, tupu_practice_session_get_question (two)->node)->id, ==,
      graded);
  /* No new concepts allowed and nothing due: nothing to practise. */
  none = tupu_practice_session_new (fixture->store, T0 + 1, 0, 1);
  g_assert_cmpuint (tupu_practice_session_get_n_cards (none), ==, 0);
  g_assert_true (tupu_practice_session_is_finished (none));
}

/* The same seed asks the same questions. */
static void
test_seeded (Fixture *fixture, gconstpointer data)
{
  g_autoptr (TupuPracticeSession) a = tupu_practice_session_new (fixture->store, T0, 20, 99);
  g_autoptr (TupuPracticeSession) b = tupu_practice_session_new (fixture->store, T0, 20, 99);

  const TupuQuestion *qa = tupu_practice_session_get_question (a);
  const TupuQuestion *qb = tupu_practice_session_get_question (b);

  g_assert_cmpuint (tupu_practice_session_get_n_cards (a), ==, 20);
  g_assert_cmpuint (qa->node, ==, qb->node);
  g_assert_cmpint (qa->kind, ==, qb->kind);
  g_assert_cmpstr (qa->prompt, ==, qb->prompt);
  g_assert_cmpuint (qa->items->len, ==, qb->items->len);
}

/* The graph reloaded mid-session (a new graph object, the same ids): the store takes the new
 * graph, the session keeps asking about the one its questions were made from, and its grades
 * still land in the store. */
static void
test_reload (Fixture *fixture, gconstpointer data)
{
  g_autoptr (TupuPracticeSession) session = tupu_practice_session_new (fixture->store, T0, 3, 5);
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuGraph) reloaded = tupu_graph_load_builtin (&error);
  g_autoptr (TupuStudyStore) same = NULL;
  const TupuQuestion *question = tupu_practice_session_get_question (session);
  g_autofree char    *id = g_strdup (tupu_graph_get_node (fixture->graph, question->node)->id);

  g_assert_no_error (error);
  same = tupu_study_store_new (reloaded, fixture->dir);
  g_assert_true (same == fixture->store);
  g_assert_true (tupu_study_store_get_graph (fixture->store) == reloaded);
  g_assert_true (tupu_practice_session_get_graph (session) == fixture->graph);
  g_assert_true (tupu_practice_session_grade (session, TUPU_FSRS_EASY, T0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tupu_study_store_get_state (fixture->store, id), ==, TUPU_STUDY_STATE_KNOWN);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/practice/round", Fixture, NULL, fixture_set_up, test_round, fixture_tear_down);
  g_test_add ("/practice/due-first", Fixture, NULL, fixture_set_up, test_due_first,
              fixture_tear_down);
  g_test_add ("/practice/reload", Fixture, NULL, fixture_set_up, test_reload, fixture_tear_down);
  g_test_add ("/practice/seeded", Fixture, NULL, fixture_set_up, test_seeded, fixture_tear_down);

  return g_test_run ();
}
