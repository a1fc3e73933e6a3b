/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fsrs.c: the scheduler against its reference. tests/data/fsrs/reference.json holds review
 * sequences scheduled by ts-fsrs 5.4.2 (made by tests/data/fsrs/make-reference.js); every review
 * of every sequence is replayed through tupu_fsrs_review() and must give the same state, due
 * time, step, counts and, within rounding, the same stability and difficulty. */

#include <json-glib/json-glib.h>
#include <math.h>

#include "tupu-fsrs.h"

/* ts-fsrs rounds stability and difficulty to 8 decimals: allow a last-digit difference from a
 * different order of floating-point operations, relative for large stabilities. */
#define TOLERANCE 2e-8

static JsonObject *
load_reference (JsonParser *parser)
{
  g_autofree char *path = g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "tests", "data", "fsrs",
                                            "reference.json", NULL);
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_close (double expected, double actual, const char *what, const char *where)
{
  if (fabs (expected - actual) > TOLERANCE * MAX (1.0, fabs (expected)))
    g_error ("%s: %s is %.10g, ts-fsrs says %.10g", where, what, actual, expected);
}

static void
assert_card (JsonObject *expected, const TupuFsrsCard *card, const char *where)
{
  TupuFsrsState state;

  g_assert_true (
      tupu_fsrs_state_from_string (json_object_get_string_member (expected, "state"), &state));
  if (state != card->state || json_object_get_int_member (expected, "due") != card->due)
    g_error ("%s: %s due %" G_GINT64_FORMAT ", ts-fsrs says %s due %" G_GINT64_FORMAT, where,
             tupu_fsrs_state_to_string (card->state), card->due,
             json_object_get_string_member (expected, "state"),
             json_object_get_int_member (expected, "due"));
  assert_close (json_object_get_double_member (expected, "stability"), card->stability, "stability",
                where);
  assert_close (json_object_get_double_member (expected, "difficulty"), card->difficulty,
                "difficulty", where);
  g_assert_cmpint (json_object_get_int_member (expected, "elapsed_days"), ==, card->elapsed_days);
  g_assert_cmpint (json_object_get_int_member (expected, "scheduled_days"), ==,
                   card->scheduled_days);
  g_assert_cmpint (json_object_get_int_member (expected, "learning_steps"), ==,
                   card->learning_steps);
  g_assert_cmpint (json_object_get_int_member (expected, "reps"), ==, card->reps);
  g_assert_cmpint (json_object_get_int_member (expected, "lapses"), ==, card->lapses);
  g_assert_cmpint (json_object_get_int_member (expected, "last_review"), ==, card->last_review);
}

static guint
replay (const TupuFsrsParams *params, JsonObject *sequence)
{
  JsonArray   *reviews = json_object_get_array_member (sequence, "reviews");
  TupuFsrsCard card;

  tupu_fsrs_card_init (&card, json_object_get_int_member (sequence, "start"));
  for (guint i = 0; i < json_array_get_length (reviews); i++)
    {
      JsonObject      *review = json_array_get_object_element (reviews, i);
      TupuFsrsRating   rating;
      g_autofree char *where = g_strdup_printf (
          "\"%s\", review %u", json_object_get_string_member (sequence, "name"), i + 1);

      g_assert_true (
          tupu_fsrs_rating_from_string (json_object_get_string_member (review, "rating"), &rating));
      tupu_fsrs_review (params, &card, json_object_get_int_member (review, "time"), rating, &card);
      assert_card (json_object_get_object_member (review, "after"), &card, where);
    }
  return json_array_get_length (reviews);
}

/* The defaults are ts-fsrs's, as the reference file records them. */
static void
test_defaults (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject    *parameters = json_object_get_object_member (load_reference (parser), "parameters");
  JsonArray     *w = json_object_get_array_member (parameters, "w");
  TupuFsrsParams params;

  tupu_fsrs_params_init_default (&params);
  g_assert_cmpuint (json_array_get_length (w), ==, TUPU_FSRS_N_WEIGHTS);
  for (guint i = 0; i < TUPU_FSRS_N_WEIGHTS; i++)
    g_assert_cmpfloat (params.w[i], ==, json_array_get_double_element (w, i));
  g_assert_cmpfloat (params.request_retention, ==,
                     json_object_get_double_member (parameters, "request_retention"));
  g_assert_cmpint (params.maximum_interval, ==,
                   json_object_get_int_member (parameters, "maximum_interval"));
  g_assert_false (json_object_get_boolean_member (parameters, "enable_fuzz"));
  g_assert_true (params.enable_short_term);
  g_assert_cmpuint (params.n_learning_steps, ==, 2);
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (parameters, "learning_steps"), 1),
                   ==, "10m");
  g_assert_cmpuint (params.learning_steps[1], ==, 10);
  g_assert_cmpuint (params.relearning_steps[0], ==, 10);
}

static void
test_reference (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray     *sequences = json_object_get_array_member (load_reference (parser), "sequences");
  TupuFsrsParams params;
  guint          n_reviews = 0;

  tupu_fsrs_params_init_default (&params);
  for (guint i = 0; i < json_array_get_length (sequences); i++)
    n_reviews += replay (&params, json_array_get_object_element (sequences, i));
  /* The file is what it says: many sequences, hundreds of reviews. */
  g_assert_cmpuint (json_array_get_length (sequences), >=, 80);
  g_assert_cmpuint (n_reviews, >=, 800);
  g_test_message ("%u sequences, %u reviews agree with ts-fsrs", json_array_get_length (sequences),
                  n_reviews);
}

/* Recall falls with time and is 0.9 after one stability's worth of days. */
static void
test_retrievability (void)
{
  TupuFsrsParams params;
  TupuFsrsCard   card;
  gint64         t0 = 1767605400;

  tupu_fsrs_params_init_default (&params);
  tupu_fsrs_card_init (&card, t0);
  g_assert_cmpfloat (tupu_fsrs_retrievability (&params, &card, t0), ==, 0);
  tupu_fsrs_review (&params, &card, t0, TUPU_FSRS_EASY, &card);
  g_assert_cmpint (card.state, ==, TUPU_FSRS_STATE_REVIEW);
  g_assert_cmpfloat (tupu_fsrs_retrievability (&params, &card, t0), ==, 1);
  g_assert_cmpfloat_with_epsilon (
      tupu_fsrs_retrievability (&params, &card, t0 + (gint64)card.stability * 86400), 0.9, 0.01);
}

static void
test_names (void)
{
  TupuFsrsRating rating;
  TupuFsrsState  state;

  for (int i = TUPU_FSRS_AGAIN; i <= TUPU_FSRS_EASY; i++)
    {
      g_assert_true (tupu_fsrs_rating_from_string (tupu_fsrs_rating_to_string (i), &rating));
      g_assert_cmpint (rating, ==, i);
    }
  for (int i = TUPU_FSRS_STATE_NEW; i <= TUPU_FSRS_STATE_RELEARNING; i++)
    {
      g_assert_true (tupu_fsrs_state_from_string (tupu_fsrs_state_to_string (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  g_assert_false (tupu_fsrs_rating_from_string ("manual", &rating));
  g_assert_false (tupu_fsrs_state_from_string (NULL, &state));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fsrs/defaults", test_defaults);
  g_test_add_func ("/fsrs/reference", test_reference);
  g_test_add_func ("/fsrs/retrievability", test_retrievability);
  g_test_add_func ("/fsrs/names", test_names);
  return g_test_run ();
}
