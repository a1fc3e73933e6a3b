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
  gint64           longest_at[N_PHASES];     /* when they ended, to tell what they were */
  gint64           longest_cpu_at[N_PHASES];
  guint            stalls_over_50[N_PHASES];
  gint64           deadline;
  guint            n_nodes;
  int              status;
  gint64           clock_mark; /* TUPU_BENCH_STALL_TRACE: when the frame phase began */
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

/* The window cross-fades from its loading page to the graph: each frame of that costs a whole
 * window's repaint (cairo), which belongs to the opening, not to the layout that follows. */
static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
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
    g_print ("  %s, %.1f s: longest stall %.1f ms%s (%.2f s in), %u stalls over 50 ms; the most "
             "CPU the main thread spent between two ticks: %.1f ms (%.2f s in)\n",
             phase_names[p], (b->phase_end[p] - b->phase_start[p]) / 1e6, b->longest_ms[p],
             p == PHASE_LAYOUT ? " (goal <= 50 ms)" : "",
             (b->longest_at[p] - b->phase_start[p]) / 1e6, b->stalls_over_50[p],
             b->longest_cpu_ms[p], (b->longest_cpu_at[p] - b->phase_start[p]) / 1e6);
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
  double cpu_ms = (cpu - b->last_cpu) / 1000.0;

  if (b->last_tick != 0)
    {
      if (stall > b->longest_ms[b->phase])
        {
          b->longest_ms[b->phase] = stall;
          b->longest_at[b->phase] = now;
        }
      if (cpu_ms > b->longest_cpu_ms[b->phase])
        {
          b->longest_cpu_ms[b->phase] = cpu_ms;
          b->longest_cpu_at[b->phase] = now;
        }
      b->stalls_over_50[b->phase] += stall > 50;
      if (g_getenv ("TUPU_BENCH_STALL_TRACE") != NULL && stall > 30)
        g_print ("    stall %.1f ms (CPU %.1f ms) ending %.3f s into phase %d\n", stall, cpu_ms,
                 (now - b->phase_start[b->phase]) / 1e6, b->phase);
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

/* TUPU_BENCH_STALL_TRACE: the CPU time of each frame's layout and paint phases in the first
 * half second of a phase, to tell what a stall was. */
static void
frame_phase_begin_cb (GdkFrameClock *clock, Bench *b)
{
  b->clock_mark = thread_cpu_us ();
}

static void
frame_phase_end (Bench *b, const char *what)
{
  gint64 now = g_get_monotonic_time ();

  if (now - b->phase_start[b->phase] < 500000)
    g_print ("    frame %s: CPU %.1f ms, %.3f s into phase %d\n", what,
             (thread_cpu_us () - b->clock_mark) / 1000.0, (now - b->phase_start[b->phase]) / 1e6,
             b->phase);
}

static void
frame_layout_end_cb (GdkFrameClock *clock, Bench *b)
{
  frame_phase_end (b, "layout");
  b->clock_mark = thread_cpu_us (); /* the paint phase's GTK handlers come next */
}

static void
frame_paint_end_cb (GdkFrameClock *clock, Bench *b)
{
  frame_phase_end (b, "paint (snapshot and render)");
}

/* GTK's own handlers of a phase run before any connected here: each phase is timed from the
 * end of the one before. */
static void
trace_frames (Bench *b)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));

  g_signal_connect_after (clock, "update", G_CALLBACK (frame_phase_begin_cb), b);
  g_signal_connect_after (clock, "layout", G_CALLBACK (frame_layout_end_cb), b);
  g_signal_connect_after (clock, "paint", G_CALLBACK (frame_paint_end_cb), b);
}

static void layout_pending_cb (TupuGraphView *view, GParamSpec *pspec, Bench *b);

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
          tupu_graph_view_get_layout_pending (b->view) ||
          transition_running (GTK_WIDGET (b->window)))
        return G_SOURCE_CONTINUE;
      b->n_nodes = tupu_graph_get_n_nodes (graph);
      g_signal_connect (b->view, "notify::layout-pending", G_CALLBACK (layout_pending_cb), b);
      if (g_getenv ("TUPU_BENCH_STALL_TRACE") != NULL)
        trace_frames (b);
      enter_phase (b, PHASE_LAYOUT);
      {
        gint64 t0 = g_get_monotonic_time (), c0 = thread_cpu_us ();

        gtk_widget_activate_action (GTK_WIDGET (b->window), "win.expand-all", NULL);
        if (g_getenv ("TUPU_BENCH_STALL_TRACE") != NULL)
          g_print ("    win.expand-all itself: %.1f ms (CPU %.1f ms)\n",
                   (g_get_monotonic_time () - t0) / 1000.0, (thread_cpu_us () - c0) / 1000.0);
      }
      return G_SOURCE_CONTINUE;
    }
  return G_SOURCE_CONTINUE;
}

/* The whole graph's layout is in the view (its import into the view counted with the layout):
 * what follows, its first paint included, is the next phase. */
static gboolean
layout_installed_cb (gpointer user_data)
{
  Bench      *b = user_data;
  TupuLayout *layout = tupu_graph_view_get_layout (b->view);

  if (b->phase == PHASE_LAYOUT && layout != NULL && layout->n_nodes >= b->n_nodes)
    {
      enter_phase (b, PHASE_AFTER);
      g_timeout_add (SETTLE_MS, after_done_cb, b);
    }
  return G_SOURCE_REMOVE;
}

/* The view says when a layout has come back; it installs it in the same main-loop iteration, so
 * a high-priority idle sees it installed, before the frame that paints it. */
static void
layout_pending_cb (TupuGraphView *view, GParamSpec *pspec, Bench *b)
{
  if (b->phase == PHASE_LAYOUT && !tupu_graph_view_get_layout_pending (view))
    g_idle_add_full (G_PRIORITY_HIGH, layout_installed_cb, b, NULL);
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
