/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-bench-stall.c: the longest time the main loop goes without running while a large graph
 * is opened and laid out whole, in the real window. Run under an X server (benchmarks/stall runs
 * it under Xvfb). Not a test: nothing here passes or fails. See benchmarks/README.md.
 *
 * A high-priority timeout fires every TICK_MS; the gap between two of its runs, less TICK_MS,
 * is how long the main loop could not run it: a stall, which a user sees as a frozen window.
 * Three phases, each with its longest stall: opening (from the window's first frame until the
 * graph is loaded and shown folded), the layout of the whole graph after "Expand All" (from the
 * action until the view has the new layout), and the first second after it (the new layout's
 * first frames: tiles, the overview map, the outline). */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "tupu-application.h"
#include "tupu-graph-view.h"
#include "tupu-window.h"

#define TICK_MS 2
#define SETTLE_MS 1000
#define READY_MS 600000 /* sfdp on 20,000 concepts takes minutes on a busy machine */

typedef enum
{
  PHASE_OPENING,
  PHASE_LAYOUT,
  PHASE_AFTER,
  N_PHASES
} Phase;

static const char *const phase_names[N_PHASES] = {
  "opening (load, first layout, until shown)",
  "laying the whole graph out (Expand All)",
  "the first second after the new layout",
};

typedef struct
{
  TupuApplication *app;
  TupuWindow      *window;
  TupuGraphView   *view;
  Phase            phase;
  gint64           last_tick;
  gint64           last_cpu;
  gint64           phase_start[N_PHASES];
  gint64           phase_end[N_PHASES];
  double           longest_ms[N_PHASES];
  double           longest_cpu_ms[N_PHASES]; /* the main thread's own CPU time in a stall */
  guint            stalls_over_50[N_PHASES];
  gint64           deadline;
  guint            n_nodes;
  int              status;
} Bench;

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found =
          G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
finish (Bench *b, int status)
{
  b->status = status;
  g_application_quit (G_APPLICATION (b->app));
}

static void
enter_phase (Bench *b, Phase phase)
{
  gint64 now = g_get_monotonic_time ();

  b->phase_end[b->phase] = now;
  b->phase = phase;
  b->phase_start[phase] = now;
}

static void
report (Bench *b)
{
  g_print ("main-loop stalls, %u concepts, tick every %d ms, GSK_RENDERER=%s:\n", b->n_nodes,
           TICK_MS, g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)");
  for (Phase p = 0; p < N_PHASES; p++)
    g_print ("  %s, %.1f s: longest stall %.1f ms%s, %u stalls over 50 ms; the most CPU the main "
             "thread spent between two ticks: %.1f ms\n",
             phase_names[p], (b->phase_end[p] - b->phase_start[p]) / 1e6, b->longest_ms[p],
             p == PHASE_LAYOUT ? " (goal <= 50 ms)" : "", b->stalls_over_50[p],
             b->longest_cpu_ms[p]);
}

/* The main thread's CPU time, in microseconds. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Runs at high priority every TICK_MS; anything longer between two runs was a stall. On a shared
 * machine a gap can also be the main thread waiting for a CPU: the CPU time the thread itself
 * spent in the gap tells the two apart. */
static gboolean
tick_cb (gpointer user_data)
{
  Bench *b = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  double stall = (now - b->last_tick) / 1000.0 - TICK_MS;

  if (b->last_tick != 0)
    {
      b->longest_ms[b->phase] = MAX (b->longest_ms[b->phase], stall);
      b->longest_cpu_ms[b->phase] = MAX (b->longest_cpu_ms[b->phase], (cpu - b->last_cpu) / 1000.0);
      b->stalls_over_50[b->phase] += stall > 50;
    }
  b->last_tick = g_get_monotonic_time ();
  b->last_cpu = thread_cpu_us ();
  return G_SOURCE_CONTINUE;
}

static gboolean
after_done_cb (gpointer user_data)
{
  Bench *b = user_data;

  b->phase_end[PHASE_AFTER] = g_get_monotonic_time ();
  report (b);
  finish (b, 0);
  return G_SOURCE_REMOVE;
}

/* The phases, from what the window shows. */
static gboolean
watch_cb (gpointer user_data)
{
  Bench      *b = user_data;
  TupuGraph  *graph = tupu_window_get_graph (b->window);
  TupuLayout *layout = b->view != NULL ? tupu_graph_view_get_layout (b->view) : NULL;

  if (g_get_monotonic_time () > b->deadline)
    {
      g_printerr ("tupu-bench-stall: not done within %d s\n", READY_MS / 1000);
      report (b);
      finish (b, 1);
      return G_SOURCE_REMOVE;
    }
  if (b->phase == PHASE_OPENING)
    {
      if (b->view == NULL)
        b->view = TUPU_GRAPH_VIEW (find_descendant (GTK_WIDGET (b->window), TUPU_TYPE_GRAPH_VIEW));
      if (graph == NULL || layout == NULL || layout->graph != graph ||
          tupu_graph_view_get_layout_pending (b->view))
        return G_SOURCE_CONTINUE;
      b->n_nodes = tupu_graph_get_n_nodes (graph);
      enter_phase (b, PHASE_LAYOUT);
      gtk_widget_activate_action (GTK_WIDGET (b->window), "win.expand-all", NULL);
      return G_SOURCE_CONTINUE;
    }
  if (layout == NULL || layout->graph != graph || layout->n_nodes < b->n_nodes)
    return G_SOURCE_CONTINUE;
  enter_phase (b, PHASE_AFTER);
  g_timeout_add (SETTLE_MS, after_done_cb, b);
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *application, GtkWindow *window, Bench *b)
{
  if (b->window != NULL || !TUPU_IS_WINDOW (window))
    return;
  b->window = TUPU_WINDOW (window);
  b->deadline = g_get_monotonic_time () + (gint64)READY_MS * G_TIME_SPAN_MILLISECOND;
  b->phase_start[PHASE_OPENING] = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, tick_cb, b, NULL);
  g_timeout_add (20, watch_cb, b);
}

int
main (int argc, char *argv[])
{
  Bench b = { 0 };
  char *args[] = { argv[0], argc > 1 ? argv[1] : NULL, NULL };

  if (argc != 2)
    {
      g_printerr (
          "usage: tupu-bench-stall GRAPH.json (benchmarks/stall makes one and runs this)\n");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("tupu-bench-stall needs a display: run it through benchmarks/stall\n");
      return 2;
    }

  tupu_application_init_i18n ();
  b.app = tupu_application_new ();
  /* Its own instance, whatever else runs: the figures are this process's. */
  g_application_set_flags (G_APPLICATION (b.app), g_application_get_flags (G_APPLICATION (b.app)) |
                                                      G_APPLICATION_NON_UNIQUE);
  g_signal_connect (b.app, "window-added", G_CALLBACK (window_added_cb), &b);
  if (g_application_run (G_APPLICATION (b.app), 2, args) != 0 && b.status == 0)
    b.status = 1;

  g_clear_object (&b.app);
  return b.status;
}
