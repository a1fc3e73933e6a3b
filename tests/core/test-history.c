/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-history.c: going back and forward through the places a reader visited — new places
 * drop what lay ahead, keyboard steps merge unless the reader stopped, the visible area is
 * kept with each place, the oldest places go first. */

#include <string.h>

#include "tupu-history.h"

#define SECOND G_TIME_SPAN_SECOND

static GBytes *
folds (const char *pattern)
{
  return g_bytes_new (pattern, strlen (pattern));
}

static TupuHistoryEntry *
place (const char *selected, const char *root, GBytes *folded)
{
  return tupu_history_entry_new (selected, root, folded);
}

static const char *
current_selection (TupuHistory *history)
{
  const TupuHistoryEntry *current = tupu_history_get_current (history);

  g_assert_nonnull (current);
  return current->selected_id;
}

/* Three places, back twice, forward once: each move returns the place to show. */
static void
test_back_forward (void)
{
  g_autoptr (TupuHistory) history = tupu_history_new (10);
  const TupuHistoryEntry *entry;

  g_assert_null (tupu_history_get_current (history));
  g_assert_false (tupu_history_can_go_back (history));
  g_assert_null (tupu_history_go_back (history));

  g_assert_true (tupu_history_visit (history, place (NULL, NULL, NULL), TUPU_HISTORY_JUMP, 0));
  g_assert_false (tupu_history_can_go_back (history));
  g_assert_true (tupu_history_visit (history, place ("a", NULL, NULL), TUPU_HISTORY_JUMP, 1));
  g_assert_true (tupu_history_visit (history, place ("b", "part-1", NULL), TUPU_HISTORY_JUMP, 2));
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 2);

  entry = tupu_history_go_back (history);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->selected_id, ==, "a");
  g_assert_null (entry->root_id);
  g_assert_true (tupu_history_can_go_forward (history));
  entry = tupu_history_go_back (history);
  g_assert_null (entry->selected_id);
  g_assert_false (tupu_history_can_go_back (history));
  g_assert_null (tupu_history_go_back (history));
  g_assert_null (tupu_history_get_current (history)->selected_id);

  entry = tupu_history_go_forward (history);
  g_assert_cmpstr (entry->selected_id, ==, "a");
  entry = tupu_history_go_forward (history);
  g_assert_cmpstr (entry->selected_id, ==, "b");
  g_assert_cmpstr (entry->root_id, ==, "part-1");
  g_assert_false (tupu_history_can_go_forward (history));
  g_assert_null (tupu_history_go_forward (history));
}

/* Visiting a new place after going back drops the places ahead, as a browser does; visiting
 * the place one is at changes nothing. */
static void
test_new_place_drops_forward (void)
{
  g_autoptr (TupuHistory) history = tupu_history_new (10);

  tupu_history_visit (history, place ("a", NULL, NULL), TUPU_HISTORY_JUMP, 0);
  tupu_history_visit (history, place ("b", NULL, NULL), TUPU_HISTORY_JUMP, 1);
  tupu_history_visit (history, place ("c", NULL, NULL), TUPU_HISTORY_JUMP, 2);
  tupu_history_go_back (history);
  tupu_history_go_back (history);
  g_assert_cmpuint (tupu_history_get_n_forward (history), ==, 2);

  g_assert_false (tupu_history_visit (history, place ("a", NULL, NULL), TUPU_HISTORY_JUMP, 3));
  g_assert_cmpuint (tupu_history_get_n_forward (history), ==, 2);

  g_assert_true (tupu_history_visit (history, place ("d", NULL, NULL), TUPU_HISTORY_JUMP, 4));
  g_assert_false (tupu_history_can_go_forward (history));
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 1);
  g_assert_cmpstr (tupu_history_go_back (history)->selected_id, ==, "a");
}

/* A place is its selection, its branch and its folds: a change of any is a new place. */
static void
test_branch_and_folds_are_places (void)
{
  g_autoptr (TupuHistory) history = tupu_history_new (10);
  g_autoptr (GBytes) overview = folds ("\1\1\0");
  g_autoptr (GBytes) unfolded = folds ("\0\1\0");
  g_autoptr (GBytes) overview_again = folds ("\1\1\0");
  const TupuHistoryEntry *entry;

  tupu_history_visit (history, place ("a", NULL, overview), TUPU_HISTORY_JUMP, 0);
  g_assert_false (
      tupu_history_visit (history, place ("a", NULL, overview_again), TUPU_HISTORY_JUMP, 1));
  g_assert_true (tupu_history_visit (history, place ("a", NULL, unfolded), TUPU_HISTORY_JUMP, 2));
  g_assert_true (tupu_history_visit (history, place ("a", "a", unfolded), TUPU_HISTORY_JUMP, 3));
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 2);

  entry = tupu_history_go_back (history);
  g_assert_null (entry->root_id);
  g_assert_true (g_bytes_equal (entry->folded, unfolded));
  entry = tupu_history_go_back (history);
  g_assert_true (g_bytes_equal (entry->folded, overview));
}

/* Keyboard steps: a run of quick steps is one place (the last), a step the reader stayed on
 * for the dwell time is kept, and a jump is never merged into. */
static void
test_steps_merge (void)
{
  g_autoptr (TupuHistory) history = tupu_history_new (10);
  gint64 t = 10 * SECOND;

  tupu_history_visit (history, place ("start", NULL, NULL), TUPU_HISTORY_JUMP, t);
  /* Quick steps right after a jump: the jump stays, the steps merge into one. */
  tupu_history_visit (history, place ("s1", NULL, NULL), TUPU_HISTORY_STEP, t + SECOND / 10);
  tupu_history_visit (history, place ("s2", NULL, NULL), TUPU_HISTORY_STEP, t + 2 * SECOND / 10);
  tupu_history_visit (history, place ("s3", NULL, NULL), TUPU_HISTORY_STEP, t + 3 * SECOND / 10);
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 1);
  g_assert_cmpstr (current_selection (history), ==, "s3");

  /* The reader stops at s3 for longer than the dwell time: s3 is a place. */
  t += 3 * SECOND / 10 + TUPU_HISTORY_DWELL_USEC;
  tupu_history_visit (history, place ("s4", NULL, NULL), TUPU_HISTORY_STEP, t);
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 2);
  /* The dwell is measured from the last step, not the first of the run. */
  for (int i = 1; i <= 5; i++)
    tupu_history_visit (history, place (i % 2 ? "s5" : "s6", NULL, NULL), TUPU_HISTORY_STEP,
                        t + i * TUPU_HISTORY_DWELL_USEC / 2);
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 2);
  g_assert_cmpstr (current_selection (history), ==, "s5");

  /* A jump after steps is a new place; the step after it is too (nothing to merge with). */
  tupu_history_visit (history, place ("link", NULL, NULL), TUPU_HISTORY_JUMP, t + 3 * SECOND);
  tupu_history_visit (history, place ("s7", NULL, NULL), TUPU_HISTORY_STEP, t + 3 * SECOND + 1);
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 4);

  g_assert_cmpstr (tupu_history_go_back (history)->selected_id, ==, "link");
  g_assert_cmpstr (tupu_history_go_back (history)->selected_id, ==, "s5");
  g_assert_cmpstr (tupu_history_go_back (history)->selected_id, ==, "s3");
  g_assert_cmpstr (tupu_history_go_back (history)->selected_id, ==, "start");
}

/* A step that changes the branch or the folds is a place of its own, however quick. */
static void
test_steps_keep_branch_changes (void)
{
  g_autoptr (TupuHistory) history = tupu_history_new (10);
  g_autoptr (GBytes) a = folds ("\1\0");
  g_autoptr (GBytes) b = folds ("\0\0");

  tupu_history_visit (history, place ("x", NULL, a), TUPU_HISTORY_STEP, 0);
  tupu_history_visit (history, place ("y", NULL, b), TUPU_HISTORY_STEP, 1);
  tupu_history_visit (history, place ("y", "y", b), TUPU_HISTORY_STEP, 2);
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 2);
}

/* A place come back to is a place: the next quick step does not replace it. */
static void
test_step_after_going_back (void)
{
  g_autoptr (TupuHistory) history = tupu_history_new (10);

  tupu_history_visit (history, place ("a", NULL, NULL), TUPU_HISTORY_STEP, 0);
  tupu_history_visit (history, place ("b", NULL, NULL), TUPU_HISTORY_STEP, 2 * SECOND);
  tupu_history_go_back (history);
  tupu_history_visit (history, place ("c", NULL, NULL), TUPU_HISTORY_STEP, 2 * SECOND + 1);
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 1);
  g_assert_cmpstr (tupu_history_go_back (history)->selected_id, ==, "a");
}

/* The visible area is kept with the place the reader left, and comes back with it. */
static void
test_view_kept (void)
{
  g_autoptr (TupuHistory) history = tupu_history_new (10);
  const TupuHistoryEntry *entry;

  tupu_history_visit (history, place ("a", NULL, NULL), TUPU_HISTORY_JUMP, 0);
  g_assert_false (tupu_history_get_current (history)->has_view);
  tupu_history_set_current_view (history, 2.0, 100, 200);
  tupu_history_visit (history, place ("b", NULL, NULL), TUPU_HISTORY_JUMP, 1);
  g_assert_false (tupu_history_get_current (history)->has_view);
  tupu_history_set_current_view (history, 0.5, -30, 40);

  entry = tupu_history_go_back (history);
  g_assert_true (entry->has_view);
  g_assert_cmpfloat (entry->zoom, ==, 2.0);
  g_assert_cmpfloat (entry->center_x, ==, 100);
  g_assert_cmpfloat (entry->center_y, ==, 200);
  /* Panned while back at a: going forward and back again finds the new view. */
  tupu_history_set_current_view (history, 3.0, 1, 2);
  entry = tupu_history_go_forward (history);
  g_assert_cmpfloat (entry->zoom, ==, 0.5);
  g_assert_cmpfloat (entry->center_x, ==, -30);
  entry = tupu_history_go_back (history);
  g_assert_cmpfloat (entry->zoom, ==, 3.0);
}

/* At most max_back places behind: the oldest are dropped. Clearing forgets everything. */
static void
test_limit_and_clear (void)
{
  g_autoptr (TupuHistory) history = tupu_history_new (3);
  const TupuHistoryEntry *entry = NULL;
  guint                   n = 0;

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%d", i);

      tupu_history_visit (history, place (id, NULL, NULL), TUPU_HISTORY_JUMP, i);
    }
  g_assert_cmpuint (tupu_history_get_n_back (history), ==, 3);
  while (tupu_history_can_go_back (history))
    {
      entry = tupu_history_go_back (history);
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (entry->selected_id, ==, "n6");

  tupu_history_clear (history);
  g_assert_null (tupu_history_get_current (history));
  g_assert_false (tupu_history_can_go_back (history));
  g_assert_false (tupu_history_can_go_forward (history));
  g_assert_null (tupu_history_go_forward (history));
}

static void
test_entry_copy (void)
{
  g_autoptr (GBytes) folded = folds ("\1");
  g_autoptr (TupuHistoryEntry) entry = place ("a", "r", folded);
  g_autoptr (TupuHistoryEntry) copy = NULL;

  entry->has_view = TRUE;
  entry->zoom = 1.5;
  entry->center_y = 7;
  copy = tupu_history_entry_copy (entry);
  g_assert_true (tupu_history_entry_same_place (entry, copy));
  g_assert_true (copy->has_view);
  g_assert_cmpfloat (copy->zoom, ==, 1.5);
  g_assert_cmpfloat (copy->center_y, ==, 7);
  g_assert_false (copy->selected_id == entry->selected_id);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/back-forward", test_back_forward);
  g_test_add_func ("/history/new-place-drops-forward", test_new_place_drops_forward);
  g_test_add_func ("/history/branch-and-folds", test_branch_and_folds_are_places);
  g_test_add_func ("/history/steps-merge", test_steps_merge);
  g_test_add_func ("/history/steps-keep-branch-changes", test_steps_keep_branch_changes);
  g_test_add_func ("/history/step-after-going-back", test_step_after_going_back);
  g_test_add_func ("/history/view-kept", test_view_kept);
  g_test_add_func ("/history/limit-and-clear", test_limit_and_clear);
  g_test_add_func ("/history/entry-copy", test_entry_copy);

  return g_test_run ();
}
