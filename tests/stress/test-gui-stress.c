/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-stress.c: the app's windows under fire, in a real GTK main loop (Xvfb). Windows open
 * files good and hostile, switch engines, reload and select while layouts are still running,
 * and are closed in the middle of loading; then, once things settle, the detail pane must show
 * hostile labels and summaries as plain text (no markup leaking in), and a broken file opened
 * afterwards must keep the previous graph and say why. Run under ASan in CI. */
#include <string.h>

#include <adwaita.h>

#include "tupu-application.h"
#include "tupu-detail-pane.h"
#include "tupu-graph-view.h"
#include "tupu-test-support.h"
#include "tupu-window.h"

#define N_ROUNDS 60
#define MAX_WINDOWS 3

static const char *const good_files[] = {
  "data/graphs/speech.json",
  "tests/data/hostile/base-valid.json",
  "tests/data/hostile/label-markup.json",
  "tests/data/hostile/rtl-combining.json",
  "tests/data/hostile/label-at-limit.json",
  "tests/data/hostile/url-https.json",
};
static const char *const broken_files[] = {
  "tests/data/hostile/bom.json",
  "tests/data/hostile/truncated-in-string.json",
  "tests/data/hostile/part-of-cycle.json",
  "tests/data/hostile/nesting-33.json",
  "tests/data/hostile/invalid-utf8.json",
  "tests/data/hostile/url-javascript.json",
  "tests/data/hostile/does-not-exist.json",
};

static GRand *rand_;

static GFile *
source_file (const char *relative)
{
  g_autofree char *path = g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), relative, NULL);

  return g_file_new_for_path (path);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for about @ms milliseconds. */
static void
spin (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, timeout_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @window has finished loading and, when @laid_out, until its view
 * shows the layout of the window's current graph. */
static void
settle (TupuWindow *window, gboolean laid_out)
{
  TupuGraphView *view = tupu_test_window_get_view (window);
  gint64         deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  for (;;)
    {
      TupuLayout *layout = tupu_graph_view_get_layout (view);

      if (!tupu_test_window_is_loading (window) &&
          (!laid_out || (layout != NULL && layout->graph == tupu_window_get_graph (window))))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin (10);
    }
}

/* One random thing a hurried user (or a file watcher) does to a window. */
static void
poke (TupuWindow *window)
{
  TupuGraphView *view = tupu_test_window_get_view (window);
  TupuGraph     *graph = tupu_window_get_graph (window);

  switch (g_rand_int_range (rand_, 0, 7))
    {
    case 0:
    case 1:
      {
        g_autoptr (GFile) file =
            source_file (good_files[g_rand_int_range (rand_, 0, G_N_ELEMENTS (good_files))]);
        tupu_window_open_file (window, file);
      }
      break;
    case 2:
      {
        g_autoptr (GFile) file =
            source_file (broken_files[g_rand_int_range (rand_, 0, G_N_ELEMENTS (broken_files))]);
        tupu_window_open_file (window, file);
      }
      break;
    case 3:
      tupu_window_open_builtin (window);
      break;
    case 4:
      tupu_window_reload (window);
      break;
    case 5:
      /* Every engine: circo and twopi on the speech graph are the slow ones. */
      tupu_graph_view_set_engine (view, g_rand_int_range (rand_, 0, TUPU_N_ENGINES));
      break;
    case 6:
      if (graph != NULL)
        {
          guint n = tupu_graph_get_n_nodes (graph);

          tupu_graph_view_select (view,
                                  tupu_graph_get_node (graph, g_rand_int_range (rand_, 0, n))->id,
                                  g_rand_boolean (rand_));
        }
      tupu_graph_view_zoom_fit (view);
      break;
    }
}

static GtkApplication *app;

static void
test_windows_under_fire (void)
{
  g_autoptr (GPtrArray) windows = g_ptr_array_new ();
  guint closed_loading = 0;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      TupuWindow *window;

      if (windows->len < MAX_WINDOWS)
        {
          window = tupu_window_new (app);
          gtk_window_present (GTK_WINDOW (window));
          g_ptr_array_add (windows, window);
        }
      window = g_ptr_array_index (windows, g_rand_int_range (rand_, 0, windows->len));
      for (guint i = g_rand_int_range (rand_, 1, 6); i > 0; i--)
        {
          poke (window);
          spin (g_rand_int_range (rand_, 0, 25));
        }
      /* Close one, usually right after giving it work: mid-load or mid-layout. */
      if (g_rand_boolean (rand_))
        {
          window = g_ptr_array_steal_index (windows, g_rand_int_range (rand_, 0, windows->len));
          if (g_rand_int_range (rand_, 0, 4) != 0)
            poke (window);
          closed_loading += tupu_test_window_is_loading (window);
          gtk_window_destroy (GTK_WINDOW (window));
        }
    }
  g_test_message ("%u windows closed while loading", closed_loading);
  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (windows, i));
  spin (200);
}

static void
collect_label_texts (GtkWidget *widget, GString *texts)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (texts, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

/* Every label, gloss and summary of a hostile file shows as the text it is. */
static void
test_detail_pane_plain_text (void)
{
  TupuWindow     *window = tupu_window_new (app);
  TupuGraphView  *view = tupu_test_window_get_view (window);
  TupuDetailPane *pane = tupu_test_window_get_pane (window);
  g_autoptr (GFile) file = source_file ("tests/data/hostile/label-markup.json");
  g_autoptr (GFile) broken = source_file ("tests/data/hostile/part-of-cycle.json");
  g_autoptr (GPtrArray) toasts = NULL;
  TupuGraph *graph;

  gtk_window_present (GTK_WINDOW (window));
  tupu_window_open_file (window, file);
  settle (window, TRUE);
  graph = tupu_window_get_graph (window);
  g_assert_nonnull (graph);
  g_assert_cmpstr (tupu_graph_get_title_zh (graph), ==, "<b>标题</b> & \"引号\"");

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, i);
      g_autoptr (GString) texts = g_string_new (NULL);
      const char *label, *gloss;

      /* The pane follows the selection at once (a notify), no main loop needed. */
      g_assert_true (tupu_graph_view_select (view, node->id, FALSE));
      tupu_test_pane_get_shown (pane, &label, &gloss, NULL);
      g_assert_cmpstr (label, ==, node->label_zh);
      g_assert_cmpstr (gloss, ==, node->label_en);
      collect_label_texts (GTK_WIDGET (pane), texts);
      g_assert_nonnull (strstr (texts->str, node->summary_zh));
      g_assert_nonnull (strstr (texts->str, node->summary_en));
    }

  /* A broken file later keeps what is shown, and says why (no toast was on screen before). */
  toasts = tupu_test_window_dup_toasts (window);
  g_assert_cmpuint (toasts->len, ==, 0);
  g_clear_pointer (&toasts, g_ptr_array_unref);
  tupu_window_open_file (window, broken);
  settle (window, FALSE);
  g_assert_true (tupu_window_get_graph (window) == graph);
  toasts = tupu_test_window_dup_toasts (window);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (toasts, 0), "cycle"));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  guint32 seed;
  int     result;

  g_test_init (&argc, &argv, NULL);
  seed = g_test_rand_int ();
  rand_ = g_rand_new_with_seed (seed);
  g_test_message ("seed %u", seed);

  /* The real application (its resources, style and accelerators), registered on the test's
   * own session bus: registering runs its startup (gtk_init), and the tests then drive the
   * main context themselves, as the running application would. */
  app = GTK_APPLICATION (tupu_application_new ());
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/stress/gui/windows-under-fire", test_windows_under_fire);
  g_test_add_func ("/stress/gui/detail-pane-plain-text", test_detail_pane_plain_text);
  result = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  g_rand_free (rand_);
  return result;
}
