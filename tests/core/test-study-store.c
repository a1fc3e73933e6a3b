/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-study-store.c: a student's progress kept safe — every change on disk at once and read
 * back the same; a damaged file set aside (never overwritten) and reported; ids the graph lost
 * kept untouched; export and import merging by the documented rule; the queue, the states and
 * the day counts the Progress page shows. */

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>
#include <json-glib/json-glib.h>

#include "tupu-study-store.h"

/* 2026-01-05 09:30 UTC; the tests run in UTC (main sets TZ) so that days are fixed. */
#define T0 ((gint64)1767605400)
#define DAY ((gint64)86400)

typedef struct
{
  TupuGraph *graph;
  char      *tmp;
  GFile     *dir;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->graph = tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  f->tmp = g_dir_make_tmp ("tupu-study-XXXXXX", &error);
  g_assert_no_error (error);
  f->dir = g_file_new_build_filename (f->tmp, "study", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->tmp);
  g_free (f->tmp);
  g_object_unref (f->dir);
  g_object_unref (f->graph);
}

/* The id of the @n-th concept in speech order (0 = the root). */
static const char *
nth (Fixture *f, guint n)
{
  return tupu_graph_get_node (f->graph, tupu_graph_get_speech_order (f->graph)[n])->id;
}

static char *
file_text (TupuStudyStore *store)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_file_load_contents (tupu_study_store_get_file (store), NULL, &text, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&text);
}

static char *
store_path (Fixture *f, const char *name)
{
  return g_build_filename (f->tmp, "study", name, NULL);
}

/* Files in the store's folder whose names start with @prefix. */
static guint
count_files (Fixture *f, const char *prefix)
{
  g_autofree char *path = g_build_filename (f->tmp, "study", NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint       n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
count_cb (TupuStudyStore *store, const char *node_id, guint *count)
{
  (*count)++;
}

static void
fill (Fixture *f, TupuStudyStore *store)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      tupu_study_store_review (store, nth (f, 1), TUPU_FSRS_GOOD, T0, 4200, NULL, &error));
  g_assert_true (
      tupu_study_store_review (store, nth (f, 1), TUPU_FSRS_GOOD, T0 + 600, 3000, NULL, &error));
  g_assert_true (
      tupu_study_store_review (store, nth (f, 2), TUPU_FSRS_AGAIN, T0 + 60, 0, NULL, &error));
  g_assert_true (tupu_study_store_set_note (store, nth (f, 2), "“两个确立” — 记住！\nline two",
                                            T0 + 70, &error));
  g_assert_true (
      tupu_study_store_set_state (store, nth (f, 3), TUPU_STUDY_STATE_KNOWN, T0 + 80, &error));
  g_assert_true (tupu_study_store_set_tour_position (store, nth (f, 4), &error));
  g_assert_no_error (error);
}

/* Everything recorded is on disk at once, and a new store reads back the same. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (TupuStudyStore) store = tupu_study_store_new (f->graph, f->dir);
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  TupuFsrsCard     card;

  g_assert_null (tupu_study_store_get_load_error (store));
  fill (f, store);
  saved = file_text (store);
  g_clear_object (&store);

  store = tupu_study_store_new (f->graph, f->dir);
  g_assert_null (tupu_study_store_get_load_error (store));
  g_assert_cmpint (tupu_study_store_get_state (store, nth (f, 1)), ==, TUPU_STUDY_STATE_KNOWN);
  g_assert_cmpint (tupu_study_store_get_state (store, nth (f, 2)), ==, TUPU_STUDY_STATE_LEARNING);
  g_assert_cmpint (tupu_study_store_get_state (store, nth (f, 3)), ==, TUPU_STUDY_STATE_KNOWN);
  g_assert_true (tupu_study_store_get_state_is_manual (store, nth (f, 3)));
  g_assert_cmpint (tupu_study_store_get_state (store, nth (f, 5)), ==, TUPU_STUDY_STATE_NEW);
  g_assert_cmpstr (tupu_study_store_get_note (store, nth (f, 2)), ==,
                   "“两个确立” — 记住！\nline two");
  g_assert_cmpstr (tupu_study_store_get_note (store, nth (f, 1)), ==, "");
  g_assert_cmpstr (tupu_study_store_get_tour_position (store), ==, nth (f, 4));
  g_assert_true (tupu_study_store_get_card (store, nth (f, 1), &card));
  g_assert_cmpint (card.state, ==, TUPU_FSRS_STATE_REVIEW);
  g_assert_cmpint (card.reps, ==, 2);
  g_assert_cmpint (card.last_review, ==, T0 + 600);
  g_assert_false (tupu_study_store_get_card (store, nth (f, 3), &card));
  g_assert_cmpuint (tupu_study_store_get_log (store)->len, ==, 4);
  g_assert_cmpuint (((TupuStudyLogEntry *)tupu_study_store_get_log (store)->pdata[0])->duration_ms,
                    ==, 4200);
  /* Read and written again: the very same file. */
  g_assert_true (tupu_study_store_set_note (store, nth (f, 9), "x", T0 + 90, NULL));
  g_assert_true (tupu_study_store_set_note (store, nth (f, 9), "", T0 + 90, NULL));
  again = file_text (store);
  g_assert_cmpuint (strlen (again), >, strlen (saved)); /* the emptied note's edit time */
  g_assert_cmpuint (count_files (f, ""), ==, 1);
}

/* Each change is written before the call returns: no save on quit is needed. */
static void
test_saved_at_once (Fixture *f, gconstpointer data)
{
  g_autoptr (TupuStudyStore) store = tupu_study_store_new (f->graph, f->dir);
  g_autofree char *path = g_file_get_path (tupu_study_store_get_file (store));
  guint            changes = 0;

  g_signal_connect (store, "changed", G_CALLBACK (count_cb), &changes);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  for (const char *note = "abc"; *note != '\0'; note++)
    {
      g_autofree char *text = NULL;
      g_autofree char *expected = g_strdup_printf ("\"note\" : \"%c\"", *note);
      char             value[2] = { *note, 0 };

      g_assert_true (tupu_study_store_set_note (store, nth (f, 1), value, T0 + changes, NULL));
      text = file_text (store);
      g_assert_nonnull (strstr (text, expected));
    }
  g_assert_cmpuint (changes, ==, 3);
  /* Nothing changed, nothing written, nothing said. */
  g_assert_true (tupu_study_store_set_note (store, nth (f, 1), "c", T0 + 9, NULL));
  g_assert_cmpuint (changes, ==, 3);
  /* The folder and the file are the student's alone. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
write_file (Fixture *f, const char *name, const char *contents)
{
  g_autofree char *dir = g_build_filename (f->tmp, "study", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
graph_file_name (Fixture *f)
{
  return g_strconcat (tupu_graph_get_id (f->graph), ".json", NULL);
}

/* The kept copy beside the store: <id>.json.damaged-YYYYmmdd-HHMMSS, holding @contents. */
static void
assert_set_aside (Fixture *f, const char *contents)
{
  g_autofree char *prefix = g_strconcat (tupu_graph_get_id (f->graph), ".json.damaged-", NULL);
  g_autofree char *dir = g_build_filename (f->tmp, "study", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint       found = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *text = NULL;
        const char      *stamp = name + strlen (prefix);

        g_file_get_contents (path, &text, NULL, NULL);
        if (g_strcmp0 (text, contents) != 0)
          continue;
        /* YYYYmmdd-HHMMSS */
        g_assert_cmpuint (strspn (stamp, "0123456789"), ==, 8);
        g_assert_cmpint (stamp[8], ==, '-');
        g_assert_cmpuint (strspn (stamp + 9, "0123456789"), >=, 6);
        found++;
      }
  g_assert_cmpuint (found, ==, 1);
}

static void
check_damaged (Fixture *f, const char *contents, const char *why)
{
  g_autofree char *name = graph_file_name (f);
  g_autoptr (TupuStudyStore) store = NULL;
  const GError *error;

  write_file (f, name, contents);
  store = tupu_study_store_new (f->graph, f->dir);
  error = tupu_study_store_get_load_error (store);
  g_assert_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_DAMAGED);
  g_test_message ("%s: %s", why, error->message);
  g_assert_nonnull (strstr (error->message, ".damaged-"));
  assert_set_aside (f, contents);
  /* A fresh start, written beside the kept copy. */
  g_assert_cmpint (tupu_study_store_get_state (store, nth (f, 1)), ==, TUPU_STUDY_STATE_NEW);
  g_assert_true (tupu_study_store_set_note (store, nth (f, 1), "fresh", T0, NULL));
  assert_set_aside (f, contents);
  g_clear_object (&store);
  store = tupu_study_store_new (f->graph, f->dir);
  g_assert_null (tupu_study_store_get_load_error (store));
  g_assert_cmpstr (tupu_study_store_get_note (store, nth (f, 1)), ==, "fresh");
}

/* Bad JSON, the wrong format, a wrong type deep inside, a cut-off file, another graph's
 * progress: each kept aside with a timestamp and reported, a fresh store started. */
static void
test_damaged (Fixture *f, gconstpointer data)
{
  g_autofree char *other = g_strdup_printf (
      "{\"format\": \"tupu-study\", \"version\": 1, \"graph\": \"%s-other\", \"concepts\": {}}",
      tupu_graph_get_id (f->graph));
  g_autofree char *bad_type = g_strdup_printf (
      "{\"format\": \"tupu-study\", \"version\": 1, \"graph\": \"%s\", \"concepts\": "
      "{\"%s\": {\"card\": {\"state\": \"review\", \"due\": \"soon\"}}}}",
      tupu_graph_get_id (f->graph), nth (f, 1));
  g_autofree char *newer = g_strdup_printf (
      "{\"format\": \"tupu-study\", \"version\": 7, \"graph\": \"%s\", \"concepts\": {}}",
      tupu_graph_get_id (f->graph));
  g_autofree char *cut = NULL;
  g_autofree char *name = graph_file_name (f);

  check_damaged (f, "{ not json", "bad JSON");
  check_damaged (f, "[1, 2, 3]", "not an object");
  check_damaged (f, "{\"format\": \"something else\"}", "wrong format");
  check_damaged (f, bad_type, "a wrong type inside");
  check_damaged (f, other, "another graph");
  check_damaged (f, newer, "a newer version");
  {
    g_autoptr (TupuStudyStore) store = tupu_study_store_new (f->graph, f->dir);

    fill (f, store);
    cut = file_text (store);
  }
  cut[strlen (cut) / 2] = '\0';
  check_damaged (f, cut, "cut in half");
  check_damaged (f, "", "empty");
  g_assert_cmpuint (count_files (f, name), ==, 9); /* 8 kept aside, 1 in use */
}

/* A file that cannot be read is never written over: changes fail with the reason. */
static void
test_unreadable (Fixture *f, gconstpointer data)
{
  g_autofree char *name = graph_file_name (f);
  g_autofree char *path = store_path (f, name);
  g_autoptr (TupuStudyStore) store = NULL;
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (path, 0700); /* a folder where the file should be */
  store = tupu_study_store_new (f->graph, f->dir);
  g_assert_nonnull (tupu_study_store_get_load_error (store));
  g_assert_false (tupu_study_store_set_note (store, nth (f, 1), "lost?", T0, &error));
  g_assert_nonnull (error);
  /* Kept in memory for this session all the same. */
  g_assert_cmpstr (tupu_study_store_get_note (store, nth (f, 1)), ==, "lost?");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

/* A record of an id the graph no longer has stays as it was, members unknown to us included. */
static void
test_vanished (Fixture *f, gconstpointer data)
{
  g_autofree char *name = graph_file_name (f);
  const char      *gone =
      "{\"note\": \"来自旧版本\", \"note_edited\": 5, \"later-member\": [1, {\"x\": true}], "
      "\"card\": {\"state\": \"review\", \"due\": 1767900000, \"stability\": 3.1, "
      "\"difficulty\": 5.2, \"last_review\": 1767600000, \"elapsed_days\": 0, "
      "\"scheduled_days\": 3, \"learning_steps\": 0, \"reps\": 3, \"lapses\": 0}, "
      "\"log\": [{\"time\": 1767600000, \"rating\": \"good\", \"study_state\": \"known\", "
      "\"duration_ms\": 10, \"card_state\": \"learning\", \"stability\": 3.1, \"difficulty\": "
      "5.2, \"due\": 1767900000}]}";
  g_autofree char *contents = g_strdup_printf (
      "{\"format\": \"tupu-study\", \"version\": 1, \"graph\": \"%s\", \"top-extra\": 42, "
      "\"concepts\": {\"gone-concept\": %s}}",
      tupu_graph_get_id (f->graph), gone);
  g_autoptr (TupuStudyStore) store = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) expected = json_from_string (gone, NULL);
  g_autofree char *text = NULL;
  JsonObject      *root;

  g_assert_cmpint (tupu_graph_lookup (f->graph, "gone-concept"), <, 0);
  write_file (f, name, contents);
  store = tupu_study_store_new (f->graph, f->dir);
  g_assert_null (tupu_study_store_get_load_error (store));
  fill (f, store);
  text = file_text (store);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "top-extra"), ==, 42);
  g_assert_true (json_node_equal (
      expected,
      json_object_get_member (json_object_get_object_member (root, "concepts"), "gone-concept")));
  /* Counted nowhere the graph is concerned, still in the log. */
  g_assert_cmpuint (tupu_study_store_get_log (store)->len, ==, 5);
}

/* Export, then import into another machine's store: merged by the documented rule. */
static void
test_export_import (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) other_dir = g_file_new_build_filename (f->tmp, "other", NULL);
  g_autoptr (GFile) exported = g_file_new_build_filename (f->tmp, "progress.json", NULL);
  g_autoptr (TupuStudyStore) a = tupu_study_store_new (f->graph, f->dir);
  g_autoptr (TupuStudyStore) b = tupu_study_store_new (f->graph, other_dir);
  g_autoptr (GError) error = NULL;
  TupuFsrsCard card;
  guint        changed = 0;

  g_assert_true (a != b);
  fill (f, a);
  g_assert_true (tupu_study_store_export (a, exported, &error));
  g_assert_no_error (error);

  /* b: an older note on 2, a newer one on 5, a later review of 1, its own tour place. */
  tupu_study_store_set_note (b, nth (f, 2), "older", T0 - DAY, NULL);
  tupu_study_store_set_note (b, nth (f, 5), "b only", T0, NULL);
  tupu_study_store_review (b, nth (f, 1), TUPU_FSRS_EASY, T0 + DAY, 0, NULL, NULL);
  tupu_study_store_set_tour_position (b, nth (f, 7), NULL);
  g_signal_connect (b, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (tupu_study_store_import (b, exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_cmpstr (tupu_study_store_get_note (b, nth (f, 2)), ==, "“两个确立” — 记住！\nline two");
  g_assert_cmpstr (tupu_study_store_get_note (b, nth (f, 5)), ==, "b only");
  g_assert_true (tupu_study_store_get_card (b, nth (f, 1), &card));
  g_assert_cmpint (card.last_review, ==, T0 + DAY); /* b's later review won */
  g_assert_true (tupu_study_store_get_card (b, nth (f, 2), &card));
  g_assert_cmpint (card.last_review, ==, T0 + 60);
  g_assert_cmpint (tupu_study_store_get_state (b, nth (f, 3)), ==, TUPU_STUDY_STATE_KNOWN);
  g_assert_cmpstr (tupu_study_store_get_tour_position (b), ==, nth (f, 7));
  /* The logs united: a's four entries and b's one review. */
  g_assert_cmpuint (tupu_study_store_get_log (b)->len, ==, 5);
  /* Importing again changes nothing. */
  {
    g_autofree char *before = file_text (b);
    g_autofree char *after = NULL;

    g_assert_true (tupu_study_store_import (b, exported, NULL));
    after = file_text (b);
    g_assert_cmpstr (before, ==, after);
  }
  /* And what a exported reads back as a's own. */
  {
    g_autofree char *text = NULL;
    g_autofree char *mine = file_text (a);

    g_file_load_contents (exported, NULL, &text, NULL, NULL, NULL);
    g_assert_cmpstr (text, ==, mine);
  }
}

static void
put (GFile *file, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_replace_contents (file, text, strlen (text), NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_import_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (TupuStudyStore) store = tupu_study_store_new (f->graph, f->dir);
  g_autoptr (GFile) bad = g_file_new_build_filename (f->tmp, "bad.json", NULL);
  g_autoptr (GFile) missing = g_file_new_build_filename (f->tmp, "missing.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  fill (f, store);
  before = file_text (store);
  put (bad, "{\"format\": 3}");
  g_assert_false (tupu_study_store_import (store, bad, &error));
  g_assert_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_INVALID);
  g_clear_error (&error);
  put (bad, "{\"format\": \"tupu-study\", \"version\": 1, \"graph\": \"x\", \"concepts\": {}}");
  g_assert_false (tupu_study_store_import (store, bad, &error));
  g_assert_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_OTHER_GRAPH);
  g_clear_error (&error);
  g_assert_false (tupu_study_store_import (store, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  after = file_text (store);
  g_assert_cmpstr (before, ==, after);
}

/* new -> learning -> known by reviews; a hand-set state holds until the next review. */
static void
test_states (Fixture *f, gconstpointer data)
{
  g_autoptr (TupuStudyStore) store = tupu_study_store_new (f->graph, f->dir);
  const char *id = nth (f, 1);

  g_assert_cmpint (tupu_study_store_get_state (store, id), ==, TUPU_STUDY_STATE_NEW);
  tupu_study_store_review (store, id, TUPU_FSRS_GOOD, T0, 0, NULL, NULL);
  g_assert_cmpint (tupu_study_store_get_state (store, id), ==, TUPU_STUDY_STATE_LEARNING);
  tupu_study_store_review (store, id, TUPU_FSRS_GOOD, T0 + 600, 0, NULL, NULL);
  g_assert_cmpint (tupu_study_store_get_state (store, id), ==, TUPU_STUDY_STATE_KNOWN);
  tupu_study_store_set_state (store, id, TUPU_STUDY_STATE_LEARNING, T0 + 700, NULL);
  g_assert_cmpint (tupu_study_store_get_state (store, id), ==, TUPU_STUDY_STATE_LEARNING);
  g_assert_true (tupu_study_store_get_state_is_manual (store, id));
  tupu_study_store_review (store, id, TUPU_FSRS_AGAIN, T0 + 3 * DAY, 0, NULL, NULL);
  g_assert_false (tupu_study_store_get_state_is_manual (store, id));
  g_assert_cmpint (tupu_study_store_get_state (store, id), ==, TUPU_STUDY_STATE_LEARNING);
  /* Set by hand with a clock behind the last review: still after it. */
  tupu_study_store_set_state (store, id, TUPU_STUDY_STATE_KNOWN, T0, NULL);
  g_assert_cmpint (tupu_study_store_get_state (store, id), ==, TUPU_STUDY_STATE_KNOWN);
  g_assert_cmpstr (tupu_study_state_to_string (TUPU_STUDY_STATE_LEARNING), ==, "learning");
}

static guint
index_of (GPtrArray *ids, const char *id)
{
  guint at = G_MAXUINT;

  g_assert_true (g_ptr_array_find_with_equal_func (ids, id, g_str_equal, &at));
  return at;
}

/* Due cards first (most overdue first), then new ones in speech order up to the day's limit. */
static void
test_queue (Fixture *f, gconstpointer data)
{
  g_autoptr (TupuStudyStore) store = tupu_study_store_new (f->graph, f->dir);
  g_autoptr (GPtrArray) queue = NULL;
  TupuFsrsCard c3, c5;

  queue = tupu_study_store_get_queue (store, T0, 4, NULL);
  g_assert_cmpuint (queue->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (queue->pdata[i], ==, nth (f, i + 1));
  g_clear_pointer (&queue, g_ptr_array_unref);

  tupu_study_store_review (store, nth (f, 5), TUPU_FSRS_EASY, T0, 0, &c5, NULL);
  tupu_study_store_review (store, nth (f, 3), TUPU_FSRS_GOOD, T0 + 10, 0, &c3, NULL);
  g_assert_cmpuint (tupu_study_store_count_new_today (store, T0 + 20), ==, 2);
  /* Ten minutes on: 3's learning step is due, 5 (days away) is not; two new ones left today. */
  queue = tupu_study_store_get_queue (store, T0 + 11 * 60, 4, NULL);
  g_assert_cmpuint (queue->len, ==, 3);
  g_assert_cmpstr (queue->pdata[0], ==, nth (f, 3));
  g_assert_cmpstr (queue->pdata[1], ==, nth (f, 1));
  g_assert_cmpstr (queue->pdata[2], ==, nth (f, 2));
  g_assert_cmpint (tupu_study_store_get_next_due (store, T0 + 11 * 60), ==, c5.due);
  g_clear_pointer (&queue, g_ptr_array_unref);

  /* Days later: both due, the most overdue first; the new-card allowance is back. */
  queue = tupu_study_store_get_queue (store, c5.due + DAY, 4, NULL);
  g_assert_cmpstr (queue->pdata[0], ==, nth (f, 3));
  g_assert_cmpstr (queue->pdata[1], ==, nth (f, 5));
  g_assert_cmpuint (queue->len, ==, 6);
  g_assert_cmpuint (index_of (queue, nth (f, 4)), ==, 4);
  g_clear_pointer (&queue, g_ptr_array_unref);

  /* Marked known by hand: not offered as new. A limit of 0: due cards only. */
  tupu_study_store_set_state (store, nth (f, 1), TUPU_STUDY_STATE_KNOWN, T0, NULL);
  queue = tupu_study_store_get_queue (store, T0 + 11 * 60, 10, NULL);
  g_assert_false (g_ptr_array_find_with_equal_func (queue, nth (f, 1), g_str_equal, NULL));
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = tupu_study_store_get_queue (store, T0 + 11 * 60, 0, NULL);
  g_assert_cmpuint (queue->len, ==, 1);
}

/* The Progress page's days: reviews and concepts known at each day's end. */
static void
test_days (Fixture *f, gconstpointer data)
{
  g_autoptr (TupuStudyStore) store = tupu_study_store_new (f->graph, f->dir);
  g_autoptr (GArray) days = NULL;
  guint n_new, n_learning, n_known;

  days = tupu_study_store_get_days (store, T0);
  g_assert_cmpuint (days->len, ==, 0);
  g_clear_pointer (&days, g_array_unref);

  tupu_study_store_review (store, nth (f, 1), TUPU_FSRS_EASY, T0, 0, NULL, NULL);
  tupu_study_store_review (store, nth (f, 2), TUPU_FSRS_AGAIN, T0, 0, NULL, NULL);
  tupu_study_store_set_state (store, nth (f, 3), TUPU_STUDY_STATE_KNOWN, T0 + 2 * DAY, NULL);
  tupu_study_store_review (store, nth (f, 1), TUPU_FSRS_AGAIN, T0 + 2 * DAY, 0, NULL, NULL);
  days = tupu_study_store_get_days (store, T0 + 3 * DAY);
  g_assert_cmpuint (days->len, ==, 4);
  g_assert_cmpuint (g_date_get_day (&g_array_index (days, TupuStudyDay, 0).date), ==, 5);
  g_assert_cmpuint (g_array_index (days, TupuStudyDay, 0).reviews, ==, 2);
  g_assert_cmpuint (g_array_index (days, TupuStudyDay, 0).lapses, ==, 1);
  g_assert_cmpuint (g_array_index (days, TupuStudyDay, 0).known, ==, 1);
  g_assert_cmpuint (g_array_index (days, TupuStudyDay, 1).reviews, ==, 0);
  g_assert_cmpuint (g_array_index (days, TupuStudyDay, 1).known, ==, 1);
  g_assert_cmpuint (g_array_index (days, TupuStudyDay, 2).known, ==, 1); /* 3 in, 1 out */
  g_assert_cmpuint (g_array_index (days, TupuStudyDay, 3).reviews, ==, 0);

  tupu_study_store_count_states (store, &n_new, &n_learning, &n_known);
  g_assert_cmpuint (n_known, ==, 1);
  g_assert_cmpuint (n_learning, ==, 2);
  g_assert_cmpuint (n_new + n_learning + n_known, ==, tupu_graph_get_n_nodes (f->graph));
}

/* The temporary files of saves a crash interrupted go once they are old; a recent one may be a
 * save under way and stays, and so does anything else. */
static void
test_stale_temp_files (Fixture *f, gconstpointer data)
{
  g_autofree char *name = graph_file_name (f);
  g_autofree char *old_temp = g_strconcat (name, ".Ab12Cd", NULL);
  g_autofree char *new_temp = g_strconcat (name, ".Zx98Yw", NULL);
  g_autofree char *other = g_strconcat (name, ".notes", NULL);
  g_autofree char *old_path = store_path (f, old_temp);
  g_autofree char *new_path = store_path (f, new_temp);
  g_autofree char *other_path = store_path (f, other);
  struct utimbuf   hour_ago = { time (NULL) - 3600, time (NULL) - 3600 };
  g_autoptr (TupuStudyStore) store = NULL;

  write_file (f, old_temp, "{\"half\": ");
  write_file (f, new_temp, "{\"half\": ");
  write_file (f, other, "x");
  g_assert_cmpint (g_utime (old_path, &hour_ago), ==, 0);
  g_assert_cmpint (g_utime (other_path, &hour_ago), ==, 0);
  store = tupu_study_store_new (f->graph, f->dir);
  g_assert_null (tupu_study_store_get_load_error (store));
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_path, G_FILE_TEST_EXISTS));
}

/* Two windows on one graph share a store: neither overwrites the other. */
static void
test_shared (Fixture *f, gconstpointer data)
{
  g_autoptr (TupuStudyStore) a = tupu_study_store_new (f->graph, f->dir);
  g_autoptr (TupuStudyStore) b = tupu_study_store_new (f->graph, f->dir);
  g_autoptr (GFile) elsewhere = g_file_new_build_filename (f->tmp, "elsewhere", NULL);
  g_autoptr (TupuStudyStore) c = tupu_study_store_new (f->graph, elsewhere);

  g_assert_true (a == b);
  g_assert_true (a != c);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/study-store/round-trip", test_round_trip);
  ADD ("/study-store/saved-at-once", test_saved_at_once);
  ADD ("/study-store/damaged", test_damaged);
  ADD ("/study-store/unreadable", test_unreadable);
  ADD ("/study-store/vanished-ids", test_vanished);
  ADD ("/study-store/export-import", test_export_import);
  ADD ("/study-store/import-refused", test_import_refused);
  ADD ("/study-store/states", test_states);
  ADD ("/study-store/queue", test_queue);
  ADD ("/study-store/days", test_days);
  ADD ("/study-store/shared", test_shared);
  ADD ("/study-store/stale-temp-files", test_stale_temp_files);
#undef ADD
  return g_test_run ();
}
