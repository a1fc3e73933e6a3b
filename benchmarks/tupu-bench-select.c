/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-bench-select.c: how long a selection takes to reach the detail pane and the outline, in
 * the real window on the speech graph. Run under an X server (benchmarks/select runs it under
 * Xvfb). Not a test: nothing here passes or fails. See benchmarks/README.md.
 *
 * Every concept is selected once, in a fixed shuffled order (each selection a jump, as a link or
 * a row chosen far away), through win.select-concept, the action the detail pane's links, the
 * outline and the breadcrumb use. Two times per selection: until the action returns (the
 * window's handlers have rebuilt the detail pane, opened the outline down to the row and
 * selected it, rebuilt the breadcrumb), and until the next frame is painted (that content
 * measured, laid out and drawn). Between selections the window rests until the view's
 * centring animation is over, so that no frame waits for the one before. */

#include "config.h"

#include <stdlib.h>

#include "tupu-application.h"
#include "tupu-detail-pane.h"
#include "tupu-graph-view.h"
#include "tupu-outline.h"
#include "tupu-window.h"

#define REST_MS 350     /* longer than the view's centring animation (250 ms) */
#define READY_MS 180000 /* the graph shown and laid out, whole */
#define SEED 14

typedef struct
{
  TupuApplication *app;
  TupuWindow      *window;
  TupuGraphView   *view;
  TupuDetailPane  *pane;
  TupuOutline     *outline;
  GArray          *order; /* node indices, shuffled */
  guint            next;
  gint64           start;
  double          *handlers_ms;
  double          *frame_ms;
  double          *wait_ms;   /* from the handlers' end to the frame's start */
  double          *layout_ms; /* of that frame: measuring and allocating */
  double          *paint_ms;  /* of that frame: snapshot and render */
  gint64           frame_start;
  gint64           layout_end;
  gboolean         waiting_for_frame;
  gint64           ready_deadline;
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

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
print_figure (const char *what, double *ms, guint n)
{
  qsort (ms, n, sizeof *ms, compare_doubles);
  g_print ("%s, %u selections: median %.1f ms, p95 %.1f ms, max %.1f ms\n", what, n,
           n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2, ms[(guint)(0.95 * n + 0.5) - 1],
           ms[n - 1]);
}

static void
finish (Bench *b, int status)
{
  b->status = status;
  g_application_quit (G_APPLICATION (b->app));
}

static gboolean select_next_cb (gpointer user_data);

/* The frame's phases: GTK lays the window out and paints it in its own handlers, connected
 * before these. */
static void
before_paint_cb (GdkFrameClock *clock, Bench *b)
{
  b->frame_start = g_get_monotonic_time ();
}

static void
layout_cb (GdkFrameClock *clock, Bench *b)
{
  b->layout_end = g_get_monotonic_time ();
}

/* The frame after a selection: its content is on screen. A figure is kept only for work done. */
static void
after_paint_cb (GdkFrameClock *clock, Bench *b)
{
  TupuGraph  *graph = tupu_window_get_graph (b->window);
  const char *id;

  if (!b->waiting_for_frame)
    return;

  b->waiting_for_frame = FALSE;
  b->frame_ms[b->next] = (g_get_monotonic_time () - b->start) / 1000.0;
  b->wait_ms[b->next] = MAX (0, b->frame_start - b->start) / 1000.0 - b->handlers_ms[b->next];
  b->layout_ms[b->next] = (b->layout_end - MAX (b->frame_start, b->start)) / 1000.0;
  b->paint_ms[b->next] = (g_get_monotonic_time () - b->layout_end) / 1000.0;
  id = tupu_graph_get_node (graph, g_array_index (b->order, guint, b->next))->id;
  if (g_strcmp0 (tupu_detail_pane_get_node_id (b->pane), id) != 0 ||
      g_strcmp0 (tupu_outline_get_selected_id (b->outline), id) != 0)
    {
      g_printerr ("tupu-bench-select: %s was not shown in the detail pane and the outline\n", id);
      finish (b, 1);
      return;
    }
  b->next++;
  g_timeout_add (REST_MS, select_next_cb, b);
}

static gboolean
select_next_cb (gpointer user_data)
{
  Bench     *b = user_data;
  TupuGraph *graph = tupu_window_get_graph (b->window);

  if (b->next == b->order->len)
    {
      g_print ("tupu-bench-select: %s, %u concepts, outline and details shown, %s\n",
               tupu_graph_get_title_en (graph), tupu_graph_get_n_nodes (graph),
               g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default renderer");
      print_figure ("select → detail pane, outline and breadcrumb updated (handlers)",
                    b->handlers_ms, b->order->len);
      print_figure ("  then until its frame starts (main loop, scheduling)", b->wait_ms,
                    b->order->len);
      print_figure ("  its frame: tick and layout (measure, allocate)", b->layout_ms,
                    b->order->len);
      print_figure ("  its frame: paint (snapshot, render)", b->paint_ms, b->order->len);
      print_figure ("select → that frame painted", b->frame_ms, b->order->len);
      finish (b, 0);
      return G_SOURCE_REMOVE;
    }

  b->start = g_get_monotonic_time ();
  b->waiting_for_frame = TRUE;
  gtk_widget_activate_action (
      GTK_WIDGET (b->window), "win.select-concept", "s",
      tupu_graph_get_node (graph, g_array_index (b->order, guint, b->next))->id);
  b->handlers_ms[b->next] = (g_get_monotonic_time () - b->start) / 1000.0;
  return G_SOURCE_REMOVE;
}

/* Every concept once, in an order that jumps about the graph. */
static void
shuffle_nodes (Bench *b, guint n)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);

  b->order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (b->order, i);
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      guint t = g_array_index (b->order, guint, i);

      g_array_index (b->order, guint, i) = g_array_index (b->order, guint, j);
      g_array_index (b->order, guint, j) = t;
    }
  b->handlers_ms = g_new0 (double, n);
  b->frame_ms = g_new0 (double, n);
  b->wait_ms = g_new0 (double, n);
  b->layout_ms = g_new0 (double, n);
  b->paint_ms = g_new0 (double, n);
}

/* The graph shown, unfolded whole (so no selection waits for a layout) and laid out. */
static gboolean
wait_ready_cb (gpointer user_data)
{
  Bench      *b = user_data;
  TupuGraph  *graph = tupu_window_get_graph (b->window);
  TupuLayout *layout = b->view != NULL ? tupu_graph_view_get_layout (b->view) : NULL;

  if (g_get_monotonic_time () > b->ready_deadline)
    {
      g_printerr ("tupu-bench-select: the graph was not shown within %d ms\n", READY_MS);
      finish (b, 1);
      return G_SOURCE_REMOVE;
    }
  if (graph == NULL || !gtk_widget_get_mapped (GTK_WIDGET (b->window)))
    return G_SOURCE_CONTINUE;

  if (b->view == NULL)
    {
      b->view = TUPU_GRAPH_VIEW (find_descendant (GTK_WIDGET (b->window), TUPU_TYPE_GRAPH_VIEW));
      b->pane = TUPU_DETAIL_PANE (find_descendant (GTK_WIDGET (b->window), TUPU_TYPE_DETAIL_PANE));
      b->outline = TUPU_OUTLINE (find_descendant (GTK_WIDGET (b->window), TUPU_TYPE_OUTLINE));
      g_object_set (b->window, "show-outline", TRUE, "show-details", TRUE, NULL);
      gtk_widget_activate_action (GTK_WIDGET (b->window), "win.expand-all", NULL);
      return G_SOURCE_CONTINUE;
    }
  if (layout == NULL || layout->graph != graph || layout->n_nodes < tupu_graph_get_n_nodes (graph))
    return G_SOURCE_CONTINUE;

  shuffle_nodes (b, tupu_graph_get_n_nodes (graph));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b->window)), "before-paint",
                    G_CALLBACK (before_paint_cb), b);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b->window)), "layout",
                    G_CALLBACK (layout_cb), b);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b->window)), "after-paint",
                    G_CALLBACK (after_paint_cb), b);
  g_timeout_add (REST_MS, select_next_cb, b);
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *application, GtkWindow *window, Bench *b)
{
  if (b->window != NULL || !TUPU_IS_WINDOW (window))
    return;
  b->window = TUPU_WINDOW (window);
  b->ready_deadline = g_get_monotonic_time () + READY_MS * G_TIME_SPAN_MILLISECOND;
  g_timeout_add (50, wait_ready_cb, b);
}

int
main (int argc, char *argv[])
{
  Bench b = { 0 };

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("tupu-bench-select needs a display: run it through benchmarks/select\n");
      return 2;
    }

  tupu_application_init_i18n ();
  b.app = tupu_application_new ();
  /* Its own instance, whatever else runs: the figures are this process's. */
  g_application_set_flags (G_APPLICATION (b.app), g_application_get_flags (G_APPLICATION (b.app)) |
                                                      G_APPLICATION_NON_UNIQUE);
  g_signal_connect (b.app, "window-added", G_CALLBACK (window_added_cb), &b);
  if (g_application_run (G_APPLICATION (b.app), 1, argv) != 0 && b.status == 0)
    b.status = 1;

  g_clear_object (&b.app);
  g_clear_pointer (&b.order, g_array_unref);
  g_free (b.handlers_ms);
  g_free (b.frame_ms);
  g_free (b.wait_ms);
  g_free (b.layout_ms);
  g_free (b.paint_ms);
  return b.status;
}
