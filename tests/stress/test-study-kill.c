/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-study-kill.c: kill -9 at any moment never loses study progress. A writer child
 * (study-writer) records reviews in a loop, each saved with the store's atomic replace; it is
 * killed with SIGKILL hundreds of times after a random delay, mostly in the middle of a save.
 * After each kill the file must load without a complaint and hold a complete state: exactly the
 * last state the child reported saved, or the one after it (the save the kill interrupted,
 * when its rename had happened) — never less, never half of one. The next child goes on from
 * there, so the file grows to several hundred kB and saves take longer as the test goes. */

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>

#include "tupu-study-store.h"

#define T0 ((gint64)1767605400)

/* Hundreds of kills, within a time budget: the sanitizer build runs this too, two tests at a
 * time, where one kill (a child starting under ASan, a save with fsync) can take ~0.5 s. The
 * normal build does all 300 in about 16 s. */
#define N_KILLS 300
#define MIN_KILLS 50
#define TIME_BUDGET (25 * G_TIME_SPAN_SECOND)
#define MAX_DELAY_US 20000

typedef struct
{
  TupuGraph *graph;
  char      *tmp;
  GFile     *dir;
  guint      saved; /* the last state a child reported saved */
  guint      interrupted;
} Run;

/* "word N" -> N; FALSE for anything else. */
static gboolean
parse_line (const char *line, const char *word, guint *n)
{
  guint64 value;

  if (!g_str_has_prefix (line, word) || line[strlen (word)] != ' ')
    return FALSE;
  if (!g_ascii_string_to_unsigned (line + strlen (word) + 1, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *n = (guint)value;
  return TRUE;
}

/* The file holds @n reviews, each the one study-writer makes as its n-th, and cards that agree
 * with them. */
static guint
check_file (Run *run)
{
  g_autoptr (TupuStudyStore) store = tupu_study_store_new (run->graph, run->dir);
  GPtrArray *log;
  guint      reps = 0;

  g_assert_no_error ((GError *)tupu_study_store_get_load_error (store));
  log = tupu_study_store_get_log (store);
  for (guint i = 0; i < log->len; i++)
    {
      const TupuStudyLogEntry *entry = log->pdata[i];

      g_assert_cmpint (entry->time, ==, T0 + (gint64)i * 60);
      g_assert_cmpuint (entry->duration_ms, ==, i);
      g_assert_cmpstr (
          entry->node_id, ==,
          tupu_graph_get_node (run->graph, i % tupu_graph_get_n_nodes (run->graph))->id);
    }
  for (guint i = 0; i < tupu_graph_get_n_nodes (run->graph); i++)
    {
      TupuFsrsCard card;

      if (tupu_study_store_get_card (store, tupu_graph_get_node (run->graph, i)->id, &card))
        reps += card.reps;
    }
  g_assert_cmpuint (reps, ==, log->len);
  return log->len;
}

/* GLib's atomic replace writes <name>.XXXXXX first: one left behind is a kill mid-save. */
static guint
count_temp_files (Run *run)
{
  g_autofree char *path = g_file_get_path (run->dir);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  g_autofree char *prefix = g_strconcat (tupu_graph_get_id (run->graph), ".json.", NULL);
  const char      *name;
  guint            n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + 6;
  return n;
}

static void
kill_one (Run *run, const char *writer)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_file_get_path (run->dir);
  g_autoptr (GSubprocess) child =
      g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, dir, NULL);
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  guint            n = 0, in_file;

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  /* Killed only once it has opened the store and started writing. */
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (parse_line (line, "start", &n));
  g_assert_cmpuint (n, ==, run->saved); /* what the check before saw */
  /* A random moment, not a wait for a condition: where the child is when it dies. */
  g_usleep (g_random_int_range (0, MAX_DELAY_US));
  g_subprocess_send_signal (child, SIGKILL);
  /* What it said before dying is still in the pipe. */
  while ((g_free (line), line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)))
    {
      g_assert_true (parse_line (line, "saved", &n));
      g_assert_cmpuint (n, ==, run->saved + 1);
      run->saved = n;
    }
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  in_file = check_file (run);
  g_assert_cmpuint (in_file, >=, run->saved);
  g_assert_cmpuint (in_file, <=, run->saved + 1);
  run->interrupted += in_file == run->saved + 1;
  run->saved = in_file;
}

static void
test_kill (void)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "study-writer", NULL);
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  Run    run = { 0 };
  guint  kills = 0, temp_files;

  run.graph = tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  run.tmp = g_dir_make_tmp ("tupu-study-kill-XXXXXX", &error);
  g_assert_no_error (error);
  run.dir = g_file_new_for_path (run.tmp);

  while (kills < N_KILLS && (kills < MIN_KILLS || g_get_monotonic_time () - start < TIME_BUDGET))
    {
      kill_one (&run, writer);
      kills++;
    }
  temp_files = count_temp_files (&run);
  g_test_message ("%u kills in %.1f s; %u reviews saved; %u kills after a save's rename but "
                  "before the child said so; %u temporary files left by kills mid-write",
                  kills, (g_get_monotonic_time () - start) / 1e6, run.saved, run.interrupted,
                  temp_files);
  /* The kills did land in the middle of saves. */
  g_assert_cmpuint (temp_files + run.interrupted, >, 0);

  {
    g_autoptr (GDir) dir = g_dir_open (run.tmp, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (run.tmp, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (run.tmp);
  g_free (run.tmp);
  g_object_unref (run.dir);
  g_object_unref (run.graph);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/study-store/kill-9", test_kill);
  return g_test_run ();
}
