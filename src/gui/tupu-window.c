/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-window.c: the main window. Loads graph files on a worker thread, watches the open file
 * and reloads it when it changes, and never gives up what is shown for a broken file. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-folding.h"
#include "tupu-gui-style.h"
#include "tupu-layout-chooser.h"
#include "tupu-legend.h"
#include "tupu-a11y.h"
#include "tupu-problems-dialog.h"
#include "tupu-tour.h"
#include "tupu-window-private.h"

#define PROGRESS_DELAY_MS 300

/* Editors save in bursts (write, rename, chmod): wait for the burst to end. */
#define RELOAD_DEBOUNCE_MS 250
/* How often a shown window checks its file for changes no monitor reported (portal files). */
#define POLL_INTERVAL_S 2
#define STAMP_ATTRIBUTES                                                                           \
  G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED                                \
                                 "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC
/* The status page lists this many problems; the dialog has them all. */
#define STATUS_MAX_PROBLEMS 12
/* The reading pane's width when it opens (about 22 characters a line), and what the graph
 * beside it keeps at least. */
#define READING_WIDTH 460
#define READING_GRAPH_MIN 320
/* Places kept to go back to; a browser keeps about as many per tab. */
#define HISTORY_MAX_BACK 100

G_DEFINE_FINAL_TYPE (TupuWindow, tupu_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_GRAPH,
  PROP_FILE,
  PROP_ENGINE,
  PROP_SHOW_GLOSS,
  PROP_SHOW_DETAILS,
  PROP_SHOW_ALL_LINKS,
  PROP_DIRECTION,
  PROP_SHOW_OUTLINE,
  PROP_SHOW_PROGRESS,
  PROP_SHOW_READING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a load is asked for. A window's first graph is laid out as it loads, with the options
 * its view has then: the graph shows in the window's first frame, rather than a layout later. */
typedef struct
{
  GFile            *file; /* NULL = the built-in graph */
  gboolean          lay_out;
  guint             lay_out_max; /* with lay_out: only graphs of at most this many concepts */
  TupuLayoutOptions options;     /* with lay_out: all but the folds and the engine the size needs */
} LoadRequest;

typedef struct
{
  TupuGraph  *graph;
  GPtrArray  *diagnostics;
  GError     *error;
  char       *stamp;       /* the file's, read before loading it */
  gboolean    have_folds;  /* the folds kept for the graph were read (with lay_out) */
  GBytes     *folded;      /* those folds */
  GError     *folds_error; /* why they could not be */
  TupuLayout *layout;      /* laid out ahead (with lay_out), or NULL */
} LoadResult;

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->file);
  tupu_layout_options_clear (&request->options);
  g_free (request);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->stamp, g_free);
  g_clear_object (&result->graph);
  g_clear_pointer (&result->diagnostics, g_ptr_array_unref);
  g_clear_error (&result->error);
  g_clear_pointer (&result->folded, g_bytes_unref);
  g_clear_error (&result->folds_error);
  g_clear_pointer (&result->layout, tupu_layout_unref);
  g_free (result);
}

static void start_load (TupuWindow *self, GFile *file);
static void show_selection (TupuWindow *self);
static void update_tour_label (TupuWindow *self);
static void restore_tour (TupuWindow *self);
static void watch_file (TupuWindow *self);
static void schedule_reload (TupuWindow *self);
static void start_checking (TupuWindow *self);
static void stop_checking (TupuWindow *self);

/* Helpers */

static char *
file_display_name (GFile *file)
{
  g_autofree char *path = NULL;

  if (file == NULL)
    return g_strdup (_ ("Built-in speech graph"));

  path = g_file_get_path (file);
  return path != NULL ? g_strdup (path) : g_file_get_uri (file);
}

/* When the layout shown was made with another engine than the one chosen (too large for it),
 * the subtitle says which, and its tooltip why; the choice stays for graphs it fits. */
static void
fallback_subtitle (TupuWindow *self, char **subtitle)
{
  TupuLayout       *layout = tupu_graph_view_get_layout (self->graph_view);
  TupuLayoutOptions chosen;
  g_autoptr (GError) refusal = NULL;
  char *with;

  g_assert (TUPU_IS_WINDOW (self));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), NULL);
  if (layout == NULL || layout->graph != self->graph ||
      layout->options.engine == tupu_graph_view_get_engine (self->graph_view))
    return;

  chosen = layout->options;
  chosen.engine = tupu_graph_view_get_engine (self->graph_view);
  if (!tupu_layout_check_limits (self->graph, &chosen, &refusal))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), refusal->message);
  /* Translators: the subtitle, then the layout engine used instead of the one chosen */
  with = g_strdup_printf (_ ("%s · laid out with %s"), *subtitle,
                          tupu_engine_to_string (layout->options.engine));
  g_free (*subtitle);
  *subtitle = with;
}

/* While a slow layout runs: which engine is at work. */
static void
progress_subtitle (TupuWindow *self, char **subtitle)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (!gtk_widget_get_visible (self->layout_progress))
    return;
  g_free (*subtitle);
  /* Translators: the subtitle while a layout engine (dot, circo…) is at work */
  *subtitle = g_strdup_printf (
      _ ("Laying out with %s…"),
      tupu_engine_to_string (tupu_graph_view_get_pending_engine (self->graph_view)));
}

static void
update_title (TupuWindow *self)
{
  g_autofree char *subtitle = NULL;
  const char      *root_id;
  int              root;

  g_assert (TUPU_IS_WINDOW (self));

  if (self->graph == NULL)
    {
      gtk_label_set_text (self->title_label, _ ("Tupu"));
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _ ("Tupu"));
      return;
    }

  _tupu_gui_set_zh_language (self->title_label);
  gtk_label_set_text (self->title_label, tupu_graph_get_title_zh (self->graph));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label),
                               tupu_graph_get_title_en (self->graph));
  root_id = tupu_graph_view_get_root_id (self->graph_view);
  root = root_id != NULL ? tupu_graph_lookup (self->graph, root_id) : -1;
  if (root >= 0)
    subtitle =
        g_strdup_printf (_ ("Branch: %s"), tupu_graph_get_node (self->graph, root)->label_zh);
  else if (self->file != NULL)
    subtitle = g_file_get_basename (self->file);
  else
    subtitle = g_strdup (_ ("Built-in speech graph"));
  fallback_subtitle (self, &subtitle);
  progress_subtitle (self, &subtitle);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
  gtk_window_set_title (GTK_WINDOW (self), tupu_graph_get_title_zh (self->graph));
}

/* Focus */

static gboolean
in_popover (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) != NULL;
}

void
_tupu_window_save_focus (TupuWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  g_assert (TUPU_IS_WINDOW (self));

  /* Chosen from the primary menu: back to the menu's button, where the menu was opened. */
  if (focus == NULL || in_popover (focus))
    focus = self->menu_button;
  g_set_weak_pointer (&self->focus_before_chooser, focus);
}

void
_tupu_window_restore_focus (TupuWindow *self)
{
  GtkWidget *focus = self->focus_before_chooser;

  g_assert (TUPU_IS_WINDOW (self));

  g_clear_weak_pointer (&self->focus_before_chooser);
  if (focus == NULL || !gtk_widget_get_mapped (focus) || !gtk_widget_is_sensitive (focus))
    focus = GTK_WIDGET (self->graph_view);
  if (!gtk_widget_grab_focus (focus))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/* The details and outline controls are exposed as check boxes (see tupu-window.ui): their
 * checked state. The button comes from the signal, as the window's pointer to it is cleared in
 * dispose. */
static void
details_active_cb (GtkToggleButton *button, GParamSpec *pspec, gpointer user_data)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button)
                                   ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                   : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

/* Toasts and problems */

AdwToast *
_tupu_window_toast (TupuWindow *self, const char *title)
{
  return _tupu_window_toast_full (self, title, 5);
}

AdwToast *
_tupu_window_toast_full (TupuWindow *self, const char *title, guint timeout)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast        *toast = adw_toast_new (escaped);

  /* Before it is shown: libadwaita 1.2 starts a shown toast's timer with what it has then. */
  adw_toast_set_timeout (toast, timeout);

  /* Only a window on screen shows a toast: libadwaita 1.2 frees a toast whose show animation an
   * overlay not yet mapped still runs, and reads it after (the GUI stress test's windows, closed
   * as soon as opened, hit that). A window not yet mapped shows its latest toast once it is. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  else
    {
      g_clear_object (&self->pending_toast);
      self->pending_toast = toast;
    }
  return toast;
}

static void
tupu_window_map (GtkWidget *widget)
{
  TupuWindow *self = TUPU_WINDOW (widget);

  GTK_WIDGET_CLASS (tupu_window_parent_class)->map (widget);

  if (self->pending_toast != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, g_steal_pointer (&self->pending_toast));
  start_checking (self);
}

/* A window not shown checks nothing; it checks again once it is shown and active. */
static void
tupu_window_unmap (GtkWidget *widget)
{
  stop_checking (TUPU_WINDOW (widget));

  GTK_WIDGET_CLASS (tupu_window_parent_class)->unmap (widget);
}

void
_tupu_window_show_problems (TupuWindow *self)
{
  TupuProblemsDialog *dialog;

  if (self->problems == NULL || self->problems->len == 0)
    return;

  dialog = tupu_problems_dialog_new (GTK_WINDOW (self), self->problems_file, self->problems);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
keep_problems (TupuWindow *self, GFile *file, GPtrArray *diagnostics, GError *error)
{
  g_assert (TUPU_IS_WINDOW (self));

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self->problems_file);
  self->problems_file = file_display_name (file);

  if (diagnostics != NULL && diagnostics->len > 0)
    self->problems = g_ptr_array_ref (diagnostics);
  else
    {
      /* An I/O error comes without diagnostics: show it the same way. */
      self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)tupu_diagnostic_free);
      g_ptr_array_add (self->problems,
                       tupu_diagnostic_new (TUPU_SEVERITY_ERROR, self->problems_file, 0, 0,
                                            error != NULL ? error->message : _ ("Unknown error")));
    }
}

/* Errors first (they are why the file did not open), then warnings, each in file order. */
static char *
format_problems (GPtrArray *problems, guint max)
{
  GString *text = g_string_new (NULL);
  guint    n = 0;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < problems->len; i++)
      {
        const TupuDiagnostic *diag = g_ptr_array_index (problems, i);
        g_autofree char      *line = NULL;

        if ((diag->severity == TUPU_SEVERITY_ERROR) != (pass == 0) || n >= max)
          continue;
        line = tupu_diagnostic_format (diag);
        if (n++ > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, line);
      }

  if (problems->len > n)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                           "… and %u more problems", problems->len - n),
                              problems->len - n);
    }
  return g_string_free (text, FALSE);
}

/* The stack's page: "graph", "error" or "loading". The spinner spins only while its page shows:
 * a hidden stack page keeps its CSS animation running, and with it a frame every 16 ms for as
 * long as the window is open. */
static void
show_page (TupuWindow *self, const char *name)
{
  g_assert (TUPU_IS_WINDOW (self));

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
show_status_page (TupuWindow *self)
{
  g_autofree char *name = g_path_get_basename (self->problems_file);
  g_autofree char *title = g_strdup_printf (_ ("Could Not Open “%s”"), name);
  g_autofree char *problems = format_problems (self->problems, STATUS_MAX_PROBLEMS);

  g_assert (TUPU_IS_WINDOW (self));

  /* The title and the problems are plain text in labels that do not parse markup. */
  adw_status_page_set_title (self->error_page, title);
  gtk_label_set_text (self->problems_label, problems);
  gtk_widget_set_visible (GTK_WIDGET (self->all_problems_button),
                          self->problems->len > STATUS_MAX_PROBLEMS);
  show_page (self, "error");
}

static void
show_failure (TupuWindow *self, GFile *file, LoadResult *result)
{
  g_assert (TUPU_IS_WINDOW (self));

  keep_problems (self, file, result->diagnostics, result->error);

  if (self->graph == NULL)
    {
      /* Nothing to keep: stay on this file, so a fix on disk (or Ctrl+R) reloads it. */
      if (g_set_object (&self->file, file))
        {
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
          watch_file (self);
        }
      else if (self->monitor == NULL)
        watch_file (self);
      show_status_page (self);
    }
  else
    {
      const TupuDiagnostic *diag = tupu_diagnostics_first (self->problems, TUPU_SEVERITY_ERROR);
      g_autofree char      *title =
          diag != NULL ? tupu_diagnostic_format (diag) : g_strdup (result->error->message);
      AdwToast *toast = _tupu_window_toast_full (self, title, 10);

      adw_toast_set_button_label (toast, _ ("_Details"));
      adw_toast_set_action_name (toast, "win.show-problems");
    }
}

/* File monitoring */

static gboolean
reload_timeout_cb (gpointer user_data)
{
  TupuWindow *self = user_data;

  g_assert (TUPU_IS_WINDOW (self));

  self->reload_source = 0;
  if (self->file != NULL)
    start_load (self, self->file);
  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (GFileMonitor *monitor, GFile *file, GFile *other_file, GFileMonitorEvent event,
                    gpointer user_data)
{
  TupuWindow *self = user_data;
  gboolean    ours;

  g_assert (TUPU_IS_WINDOW (self));

  if (self->file == NULL)
    return;

  /* Watching the folder catches editors that save by renaming a new file over the old one. */
  ours = g_file_equal (file, self->file) ||
         (other_file != NULL && g_file_equal (other_file, self->file));
  if (!ours)
    return;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      /* Only a rename onto our file brings new content. */
      if (other_file == NULL || !g_file_equal (other_file, self->file))
        return;
      break;
    default:
      return;
    }

  schedule_reload (self);
}

static void
watch_file (TupuWindow *self)
{
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GError) error = NULL;

  g_assert (TUPU_IS_WINDOW (self));

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  if (self->file == NULL || (folder = g_file_get_parent (self->file)) == NULL)
    return;

  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", g_file_peek_path (folder), error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
}

/* History: back and forward through the places visited (tupu-history.h) */

static TupuHistoryEntry *
current_place (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  return tupu_history_entry_new (tupu_graph_view_get_selected_id (self->graph_view),
                                 tupu_graph_view_get_root_id (self->graph_view),
                                 tupu_graph_view_get_folded (self->graph_view));
}

/* What the reader sees of the current place, kept for when they come back to it. */
static void
keep_current_view (TupuWindow *self)
{
  double x, y, zoom;

  g_assert (TUPU_IS_WINDOW (self));

  if (tupu_graph_view_get_visible (self->graph_view, &x, &y, &zoom))
    tupu_history_set_current_view (self->history, zoom, x, y);
}

static void
record_place (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  g_clear_handle_id (&self->history_record_id, g_source_remove);
  if (self->graph == NULL)
    return;
  tupu_history_visit (self->history, current_place (self), self->history_move,
                      g_get_monotonic_time ());
  _tupu_window_actions_update (self);
}

static gboolean
record_place_cb (gpointer user_data)
{
  TupuWindow *self = user_data;

  self->history_record_id = 0;
  record_place (self);
  return G_SOURCE_REMOVE;
}

/* A key moved the selection in the graph or in the outline: a step through the concepts. A key
 * on a link or a crumb is a jump, as a click is. */
static gboolean
is_keyboard_step (TupuWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return self->last_input_key && focus != NULL &&
         (focus == GTK_WIDGET (self->graph_view) ||
          (self->outline != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->outline))));
}

/* The selection, the branch or the folds changed. One event may change all three (a link to a
 * folded concept in another branch), so the new place is recorded once the event is handled;
 * the view is taken now, before anything moves, as the view of the place being left. */
static void
note_change (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (self->restoring_history || self->restoring_folds || self->graph == NULL ||
      self->history_record_id != 0)
    return;

  keep_current_view (self);
  self->history_move = is_keyboard_step (self) ? TUPU_HISTORY_STEP : TUPU_HISTORY_JUMP;
  self->history_record_id = g_idle_add_full (G_PRIORITY_HIGH, record_place_cb, self, NULL);
}

/* Shows @entry as it was: folds, branch, selection, and the visible area (once the layout of
 * those folds and that branch is there). */
static void
show_place (TupuWindow *self, const TupuHistoryEntry *entry)
{
  g_assert (TUPU_IS_WINDOW (self));

  self->restoring_history = TRUE;
  tupu_graph_view_set_folded (self->graph_view, entry->folded);
  tupu_graph_view_set_root_id (self->graph_view, entry->root_id);
  tupu_graph_view_select (self->graph_view, entry->selected_id, FALSE);
  if (entry->has_view)
    tupu_graph_view_set_visible (self->graph_view, entry->center_x, entry->center_y, entry->zoom);
  self->restoring_history = FALSE;
  _tupu_window_actions_update (self);
}

static gboolean
go (TupuWindow *self, gboolean forward)
{
  const TupuHistoryEntry *entry;

  g_assert (TUPU_IS_WINDOW (self));

  /* A change not recorded yet is where the reader is: going back must come back to it. */
  if (self->history_record_id != 0)
    record_place (self);
  keep_current_view (self);
  entry = forward ? tupu_history_go_forward (self->history) : tupu_history_go_back (self->history);
  if (entry == NULL)
    return FALSE;
  show_place (self, entry);
  return TRUE;
}

gboolean
_tupu_window_go_back (TupuWindow *self)
{
  return go (self, FALSE);
}

gboolean
_tupu_window_go_forward (TupuWindow *self)
{
  return go (self, TRUE);
}

/* Another graph, or this one reloaded: the places visited were in the old one. The history
 * starts again at what is shown. */
static void
restart_history (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  g_clear_handle_id (&self->history_record_id, g_source_remove);
  tupu_history_clear (self->history);
  self->history_move = TUPU_HISTORY_JUMP;
  record_place (self);
}

/* The reader's input, seen before any widget handles it: whether the last press was a key, and
 * the mouse's back and forward buttons, which go back and forward as in a browser. */
static gboolean
input_event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, TupuWindow *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  guint        button;

  if (type == GDK_KEY_PRESS)
    self->last_input_key = TRUE;
  if (type != GDK_BUTTON_PRESS && type != GDK_TOUCH_BEGIN)
    return GDK_EVENT_PROPAGATE;

  self->last_input_key = FALSE;
  button = type == GDK_BUTTON_PRESS ? gdk_button_event_get_button (event) : 0;
  if (button == 8)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-back", NULL);
  else if (button == 9)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-forward", NULL);
  else
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

/* Checking the file without a monitor */

/* What tells one version of a file from the next without reading it: size and modification
 * time to the microsecond; "missing" when it cannot be read. */
static char *
stamp_from_info (GFileInfo *info)
{
  if (info == NULL)
    return g_strdup ("missing");
  return g_strdup_printf (
      "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ".%06u",
      g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_STANDARD_SIZE),
      g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
      g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC));
}

static void
schedule_reload (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DEBOUNCE_MS, reload_timeout_cb, self);
}

static void
check_file_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GCancellable) cancellable = user_data;
  g_autoptr (GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, NULL);
  g_autofree char *stamp = NULL;
  TupuWindow      *self;

  /* Cancelled in dispose or unmap, or superseded by a load: the window may be gone. */
  if (g_cancellable_is_cancelled (cancellable))
    return;

  self = g_object_get_data (G_OBJECT (cancellable), "window");
  g_clear_object (&self->poll_cancellable);
  stamp = stamp_from_info (info);
  if (self->file != NULL && g_file_equal (G_FILE (source), self->file) &&
      self->load_cancellable == NULL && g_strcmp0 (stamp, self->file_stamp) != 0)
    schedule_reload (self);
}

/* Reloads the file when its stamp has changed since it was loaded. Nothing to do while a load
 * or a reload is on its way (the load reads the stamp anew). */
static void
check_file (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (self->file == NULL || self->file_stamp == NULL || self->load_cancellable != NULL ||
      self->reload_source != 0 || self->poll_cancellable != NULL)
    return;

  self->poll_cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->poll_cancellable), "window", self);
  g_file_query_info_async (self->file, STAMP_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, G_PRIORITY_LOW,
                           self->poll_cancellable, check_file_done_cb,
                           g_object_ref (self->poll_cancellable));
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  check_file (TUPU_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

/* Coming back to the window (from the editor, say) shows the file as it is now. */
static void
is_active_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (gtk_window_is_active (GTK_WINDOW (self)))
    check_file (self);
}

static void
start_checking (TupuWindow *self)
{
  if (self->poll_source == 0)
    self->poll_source = g_timeout_add_seconds (POLL_INTERVAL_S, poll_timeout_cb, self);
}

static void
stop_checking (TupuWindow *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_cancellable_cancel (self->poll_cancellable);
  g_clear_object (&self->poll_cancellable);
}

/* Loading */

/* Folding: the view's folds are kept per graph id (tupu-folding.h). */

static void
restore_folding (TupuWindow *self, LoadResult *result)
{
  g_autoptr (GError) error = g_steal_pointer (&result->folds_error);
  g_autoptr (GBytes) folded = g_steal_pointer (&result->folded);

  g_assert (TUPU_IS_WINDOW (self));

  /* Read with the load when it laid the graph out ahead; else now. */
  if (!result->have_folds)
    {
      g_autoptr (GFile) dir = tupu_folding_default_dir ();

      folded = tupu_folding_load (result->graph, dir, &error);
    }

  if (error != NULL)
    {
      g_autofree char *title =
          g_strdup_printf (_ ("Could not read which concepts were folded: %s"), error->message);

      _tupu_window_toast (self, title);
    }
  self->restoring_folds = TRUE;
  tupu_graph_view_set_folded (self->graph_view, folded);
  self->restoring_folds = FALSE;
}

static void
folded_changed_cb (TupuWindow *self)
{
  g_autoptr (GFile) dir = NULL;
  g_autoptr (GError) error = NULL;

  g_assert (TUPU_IS_WINDOW (self));

  if (self->restoring_folds || self->graph == NULL)
    return;

  dir = tupu_folding_default_dir ();
  if (!tupu_folding_save (tupu_graph_view_get_folded (self->graph_view), self->graph, dir, &error))
    {
      g_autofree char *title =
          g_strdup_printf (_ ("Could not keep which concepts are folded: %s"), error->message);

      _tupu_window_toast (self, title);
    }
  note_change (self);
  _tupu_window_actions_update (self);
}

static void
show_graph (TupuWindow *self, GFile *file, LoadResult *result)
{
  TupuGraph *graph = result->graph;
  gboolean   same_file = (file == NULL && self->file == NULL) ||
                       (file != NULL && self->file != NULL && g_file_equal (file, self->file));

  g_assert (TUPU_IS_WINDOW (self));

  if (g_set_object (&self->graph, graph))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
  if (!same_file || self->monitor == NULL)
    {
      if (g_set_object (&self->file, file))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      watch_file (self);
    }
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->n_loads++;

  /* The folds kept for this graph (saved at every change, so a reload keeps them too); set
   * before the graph, so that its first layout has them. */
  restore_folding (self, result);
  tupu_graph_view_offer_layout (self->graph_view, result->layout);
  /* Same graph id: the view keeps the selection and the view (a reload). */
  tupu_graph_view_set_graph (self->graph_view, graph);
  tupu_detail_pane_set_graph (self->detail_pane, graph);
  if (self->search_panel != NULL)
    tupu_search_panel_set_graph (self->search_panel, graph);
  if (self->outline != NULL)
    tupu_outline_set_graph (self->outline, graph);
  tupu_breadcrumb_set_graph (self->breadcrumb, graph);
  _tupu_window_study_set_graph (self, graph);
  if (self->reading_view != NULL)
    tupu_reading_view_set_graph (self->reading_view, graph);
  restore_tour (self);
  show_selection (self);
  restart_history (self);
  update_title (self);
  show_page (self, "graph");
  /* The first graph shown takes the keyboard, so +, − and the arrows work at once. */
  if (self->n_loads == 1)
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
  _tupu_window_actions_update (self);
}

/* Laid out ahead only while that is quick: a larger graph shows at once, and its layout then
 * has the view's progress and Cancel. */
#define LAY_OUT_AHEAD_MAX_NODES 500

/* The graph's kept folds and its first layout, on the load's thread (the folding store and the
 * layout are core's, GTK-free). A layout that fails is left to the view, which says why. */
static void
lay_out_ahead (LoadRequest *request, LoadResult *result, GCancellable *cancellable)
{
  g_autoptr (GFile) dir = tupu_folding_default_dir ();
  TupuLayoutOptions options;

  if (tupu_graph_get_n_nodes (result->graph) > request->lay_out_max)
    return;

  result->folded = tupu_folding_load (result->graph, dir, &result->folds_error);
  result->have_folds = TRUE;
  tupu_layout_options_copy (&options, &request->options);
  options.folded = result->folded != NULL ? g_bytes_ref (result->folded) : NULL;
  options.engine = tupu_layout_pick_engine (result->graph, &options, NULL);
  result->layout = tupu_layout_compute (result->graph, &options, cancellable, NULL);
  tupu_layout_options_clear (&options);
}

/* Loads @request's file (or the built-in graph) and, if asked, lays it out: on a worker. */
static LoadResult *
load (LoadRequest *request, GCancellable *cancellable)
{
  GFile      *file = request->file;
  LoadResult *result = g_new0 (LoadResult, 1);

  /* The stamp first: a change while loading then shows as a new stamp at the next check. */
  if (file != NULL)
    {
      g_autoptr (GFileInfo) info =
          g_file_query_info (file, STAMP_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, cancellable, NULL);

      result->stamp = stamp_from_info (info);
    }

  /* The loader is Graphviz-free and keeps no shared state, so it runs here safely. */
  if (file != NULL)
    result->graph = tupu_graph_load_file (file, cancellable, &result->diagnostics, &result->error);
  else
    result->graph = tupu_graph_load_builtin (&result->error);
  if (result->graph != NULL && request->lay_out)
    lay_out_ahead (request, result, cancellable);
  return result;
}

static void
load_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  g_task_return_pointer (task, load (task_data, cancellable), (GDestroyNotify)load_result_free);
}

/* Shows what a load of @file (NULL: the built-in graph) gave, and frees @result. */
static void
finish_load (TupuWindow *self, GFile *file, LoadResult *result)
{
  g_clear_object (&self->load_cancellable);
  self->awaits_preload = FALSE;

  if (result->graph != NULL)
    show_graph (self, file, result);
  else
    show_failure (self, file, result);

  /* Another file that failed to open leaves the shown one, whose stamp stays. */
  if (file == NULL || (self->file != NULL && g_file_equal (file, self->file)))
    {
      g_free (self->file_stamp);
      self->file_stamp = g_steal_pointer (&result->stamp);
    }

  g_clear_handle_id (&self->loading_source, g_source_remove);
  _tupu_window_actions_update (self);
  load_result_free (result);
}

static void
load_done_cb (GObject *source_object, GAsyncResult *res, gpointer user_data)
{
  GFile *file = ((LoadRequest *)g_task_get_task_data (G_TASK (res)))->file;

  /* A newer load superseded this one: its result (freed with the task) no longer matters. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (res))))
    return;

  finish_load (TUPU_WINDOW (source_object), file, g_task_propagate_pointer (G_TASK (res), NULL));
}

/* The graph the program was started on (the built-in one, or the file on its command line),
 * loaded and laid out on a worker while GTK starts: that start takes the main thread some
 * 180 ms with the second CPU idle, and the load was otherwise still running when the window was
 * first shown, so its first frame waited for it and the window was measured twice (the speech);
 * or the layout began only once the window was up (a large file). The first window to open that
 * graph takes the result (or waits for it) instead of loading. The options are read from the
 * settings as the window reads them; the text scale is not known before GTK starts and is taken
 * as 1: should the window's options differ, its view lays the graph out again (an offered
 * layout must match its options). Laid out ahead up to a larger size than a window's own loads
 * are: nothing is on screen to wait for it yet, and a window that does shows "Loading…". */
#define PRELOAD_LAY_OUT_MAX_NODES 3000

static struct
{
  GMutex      lock;
  gboolean    running;
  gboolean    claimed; /* by the first window that opened a graph, the only one */
  GFile      *file;    /* what is loaded: NULL for the built-in graph */
  LoadResult *result;  /* done and not yet taken */
  GWeakRef    waiter;  /* the window waiting for it */
} preload;

static void
preload_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  LoadResult *result = load (task_data, cancellable);

  g_mutex_lock (&preload.lock);
  preload.result = result;
  preload.running = FALSE;
  g_mutex_unlock (&preload.lock);
  g_task_return_boolean (task, TRUE);
}

/* Done after the first window asked for it: handed over now, unless the window has moved on. */
static void
preload_done_cb (GObject *source_object, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (TupuWindow) window = g_weak_ref_get (&preload.waiter);
  LoadResult *result = NULL;

  g_mutex_lock (&preload.lock);
  if (preload.claimed)
    result = g_steal_pointer (&preload.result);
  g_mutex_unlock (&preload.lock);
  /* The window closed, or opened something else meanwhile: nobody wants it. */
  if (window == NULL || !window->awaits_preload)
    g_clear_pointer (&result, load_result_free);
  if (result != NULL)
    {
      window->preloaded = TRUE;
      finish_load (window, preload.file, result);
    }
}

void
_tupu_window_preload (GFile *file)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *engine = NULL;
  g_autofree char *direction = NULL;
  LoadRequest     *request;

  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (!preload.running && !preload.claimed);

  settings = g_settings_new (APP_ID);
  engine = g_settings_get_string (settings, "engine");
  direction = g_settings_get_string (settings, "direction");
  task = g_task_new (NULL, NULL, preload_done_cb, NULL);
  request = g_new0 (LoadRequest, 1);
  request->file = file != NULL ? g_object_ref (file) : NULL;
  request->lay_out = TRUE;
  request->lay_out_max = PRELOAD_LAY_OUT_MAX_NODES;
  tupu_layout_options_init (&request->options);
  tupu_engine_from_string (engine, &request->options.engine);
  tupu_direction_from_string (direction, &request->options.direction);
  request->options.show_gloss = g_settings_get_boolean (settings, "show-gloss");
  preload.running = TRUE;
  g_set_object (&preload.file, file);
  g_task_set_name (task, "[tupu] preload");
  g_task_set_task_data (task, request, (GDestroyNotify)load_request_free);
  g_task_run_in_thread (task, preload_thread);
}

/* The window's first graph, @file (NULL: the built-in graph), from the preload: shown at once
 * if it is done, else when it is. FALSE when there is none to take. */
static gboolean
take_preload (TupuWindow *self, GFile *file)
{
  LoadResult *result;

  g_mutex_lock (&preload.lock);
  if (preload.claimed || (!preload.running && preload.result == NULL) ||
      (file == NULL) != (preload.file == NULL) ||
      (file != NULL && !g_file_equal (file, preload.file)))
    {
      g_mutex_unlock (&preload.lock);
      return FALSE;
    }
  preload.claimed = TRUE;
  result = g_steal_pointer (&preload.result);
  if (result == NULL && preload.running)
    {
      g_weak_ref_set (&preload.waiter, self);
      self->awaits_preload = TRUE;
    }
  g_mutex_unlock (&preload.lock);
  if (result != NULL)
    {
      self->preloaded = TRUE;
      finish_load (self, file, result);
    }
  return result != NULL || self->awaits_preload;
}

/* A load that takes a moment (a large file) shows "Loading…" with a spinner. A quick one (the
 * built-in speech takes milliseconds) never does: the page would flash for a frame, and the
 * stack's cross-fade out of it would hold back the graph's first frame by its whole length. */
#define LOADING_DELAY_MS 300

static gboolean
show_loading_cb (gpointer user_data)
{
  TupuWindow *self = user_data;

  self->loading_source = 0;
  show_page (self, "loading");
  return G_SOURCE_REMOVE;
}

static void
start_load (TupuWindow *self, GFile *file)
{
  g_autoptr (GTask) task = NULL;
  LoadRequest *request;

  g_assert (TUPU_IS_WINDOW (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  /* A check under way would compare the new file with the old stamp. */
  g_cancellable_cancel (self->poll_cancellable);
  g_clear_object (&self->poll_cancellable);
  self->awaits_preload = FALSE;

  if (self->graph == NULL && self->loading_source == 0)
    self->loading_source = g_timeout_add (LOADING_DELAY_MS, show_loading_cb, self);
  if (self->graph == NULL && take_preload (self, file))
    return;

  request = g_new0 (LoadRequest, 1);
  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_check_cancellable (task, FALSE);
  request->file = file != NULL ? g_object_ref (file) : NULL;
  /* The window's first graph (a reload keeps the view, which lays it out). */
  request->lay_out = self->graph == NULL;
  request->lay_out_max = LAY_OUT_AHEAD_MAX_NODES;
  tupu_graph_view_get_fresh_options (self->graph_view, &request->options);
  g_task_set_task_data (task, request, (GDestroyNotify)load_request_free);
  g_task_run_in_thread (task, load_thread);
}

/* Callbacks */

/* The graph's selection, shown in the detail pane, the outline and the breadcrumb. */
static void
show_selection (TupuWindow *self)
{
  const char *id = tupu_graph_view_get_selected_id (self->graph_view);

  g_assert (TUPU_IS_WINDOW (self));

  tupu_detail_pane_set_node_id (self->detail_pane, id);
  if (self->outline != NULL)
    tupu_outline_set_selected_id (self->outline, id);
  tupu_breadcrumb_set_node_id (self->breadcrumb, id);
  if (self->reading_view != NULL)
    tupu_reading_view_set_node_id (self->reading_view, id);
  update_tour_label (self);
}

static void
selected_id_changed_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  /* Nothing selected: the pane empties, so a focus inside it goes back to the graph first. */
  if (tupu_graph_view_get_selected_id (self->graph_view) == NULL &&
      (gtk_widget_get_state_flags (GTK_WIDGET (self->detail_pane)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));

  show_selection (self);
  note_change (self);
  _tupu_window_actions_update (self);
}

static void
layout_changed_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  update_title (self);
  _tupu_window_actions_update (self);
}

/* The branch shown is named in the subtitle, with a way back up beside the Open button. */
static void
root_id_changed_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  gtk_widget_set_visible (self->leave_branch_button,
                          tupu_graph_view_get_root_id (self->graph_view) != NULL);
  update_title (self);
  note_change (self);
  _tupu_window_actions_update (self);
}

static void
layout_failed_cb (TupuWindow *self, const GError *error)
{
  g_autofree char *title = g_strdup_printf (_ ("Could not lay out the graph: %s"), error->message);

  g_assert (TUPU_IS_WINDOW (self));

  _tupu_window_toast_full (self, title, 10);
}

static void
context_menu_cb (TupuWindow *self, double x, double y)
{
  g_assert (TUPU_IS_WINDOW (self));

  _tupu_window_popup_concept_menu (self, x, y);
}

/* Enter or a double click on a concept: make sure its details are in sight. */
static void
node_activated_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  tupu_window_set_show_details (self, TRUE);
}

/* Search: the bar under the header, its results in the panel beside the graph, and every
 * result marked on the graph while the bar is open. */

/* Rows Page Up and Page Down move in the results. */
#define SEARCH_PAGE_ROWS 8

static void search_results_changed_cb (TupuWindow *self);
static void search_concept_activated_cb (TupuWindow *self, const char *id);

/* The results panel, built when something is first searched: a window that is never searched
 * does not pay for it before its first frame (benchmarks/README.md). */
static TupuSearchPanel *
search_panel (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (self->search_panel != NULL)
    return self->search_panel;

  self->search_panel = g_object_new (TUPU_TYPE_SEARCH_PANEL, NULL);
  g_signal_connect_object (self->search_panel, "concept-activated",
                           G_CALLBACK (search_concept_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_panel, "results-changed",
                           G_CALLBACK (search_results_changed_cb), self, G_CONNECT_SWAPPED);
  tupu_search_panel_set_graph (self->search_panel, self->graph);
  adw_flap_set_flap (self->search_flap, GTK_WIDGET (self->search_panel));
  return self->search_panel;
}

static gboolean
search_typed (TupuWindow *self)
{
  const char *query =
      self->search_panel != NULL ? tupu_search_panel_get_query (self->search_panel) : NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (query != NULL ? query : ""));

  g_assert (TUPU_IS_WINDOW (self));

  return *trimmed != '\0';
}

/* GTK 4.8 cannot announce: the entry's description says where the cursor is, so that a screen
 * reader reads it with the entry ("2 of 6: 六个必须坚持 (the Six Musts)"). */
static void
update_search_description (TupuWindow *self)
{
  const char *id =
      self->search_panel != NULL ? tupu_search_panel_get_cursor_id (self->search_panel) : NULL;
  int index = id != NULL && self->graph != NULL ? tupu_graph_lookup (self->graph, id) : -1;
  g_autofree char *description = NULL;

  g_assert (TUPU_IS_WINDOW (self));

  if (index >= 0)
    {
      g_autofree char *name = _tupu_a11y_node_name (tupu_graph_get_node (self->graph, index));

      /* Translators: the search entry's accessible description: the result under the cursor,
       * e.g. "2 of 6: 六个必须坚持 (the Six Musts)" */
      description = g_strdup_printf (_ ("%u of %u: %s"),
                                     tupu_search_panel_get_cursor_position (self->search_panel) + 1,
                                     tupu_search_panel_get_n_results (self->search_panel), name);
    }
  else if (search_typed (self))
    description = g_strdup (_ ("No concepts match"));
  else
    description = g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* The panel shows while the bar is open and something is typed; the graph marks every result
 * meanwhile, and nothing once the bar is closed. */
static void
update_search (TupuWindow *self)
{
  gboolean open = gtk_search_bar_get_search_mode (self->search_bar);
  g_autoptr (GBytes) marked =
      open && self->search_panel != NULL ? tupu_search_panel_dup_marked (self->search_panel) : NULL;

  g_assert (TUPU_IS_WINDOW (self));

  adw_flap_set_reveal_flap (self->search_flap, open && search_typed (self));
  tupu_graph_view_set_marked (self->graph_view, marked);
  update_search_description (self);
}

static void
search_changed_cb (TupuWindow *self, GtkSearchEntry *entry)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_assert (TUPU_IS_WINDOW (self));

  /* An empty query (the entry cleared as a graph loads) needs no panel built for it. */
  if (*query != '\0' || self->search_panel != NULL)
    tupu_search_panel_set_query (search_panel (self), query);
  update_search (self);
}

static void
search_results_changed_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  update_search (self);
}

/* Enter: the result under the cursor. The keyboard stays in the entry, for the next one. */
static void
search_activate_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (self->search_panel != NULL)
    tupu_search_panel_activate_cursor (self->search_panel);
}

/* Selected, unfolded out of whatever hid it, and brought to the middle of the view. */
static void
search_concept_activated_cb (TupuWindow *self, const char *id)
{
  g_assert (TUPU_IS_WINDOW (self));

  tupu_graph_view_select (self->graph_view, id, TRUE);
}

/* Up, Down, Page Up and Page Down move in the results while the entry keeps the keyboard. */
static gboolean
search_key_pressed_cb (TupuWindow *self, guint keyval, guint keycode, GdkModifierType state)
{
  int delta;

  g_assert (TUPU_IS_WINDOW (self));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      delta = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      delta = 1;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      delta = -SEARCH_PAGE_ROWS;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      delta = SEARCH_PAGE_ROWS;
      break;
    default:
      return FALSE;
    }
  if (self->search_panel == NULL || !tupu_search_panel_move_cursor (self->search_panel, delta))
    return FALSE;
  update_search_description (self);
  return TRUE;
}

/* Closed (Escape, the button): the marks go, and the keyboard goes back to the graph. */
static void
search_mode_cb (TupuWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  g_assert (TUPU_IS_WINDOW (self));

  if (!gtk_search_bar_get_search_mode (self->search_bar) &&
      (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)) ||
       (self->search_panel != NULL &&
        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_panel)))))
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
  update_search (self);
}

void
_tupu_window_find (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Settings: window properties, so that their actions (win.engine, win.show-gloss,
 * win.toggle-sidebar, win.toggle-outline) carry their state; the view follows. */

static void
tupu_window_set_engine (TupuWindow *self, const char *name)
{
  TupuEngine engine;

  g_assert (TUPU_IS_WINDOW (self));

  if (g_strcmp0 (self->engine, name) == 0 || !tupu_engine_from_string (name, &engine))
    return;

  g_free (self->engine);
  self->engine = g_strdup (name);
  tupu_graph_view_set_engine (self->graph_view, engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

static void
tupu_window_set_direction (TupuWindow *self, const char *name)
{
  TupuDirection direction;

  g_assert (TUPU_IS_WINDOW (self));

  if (!tupu_direction_from_string (name, &direction) ||
      tupu_graph_view_get_direction (self->graph_view) == direction)
    return;

  tupu_graph_view_set_direction (self->graph_view, direction);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

/* A layout that takes a moment (circo on the whole speech takes seconds) shows a spinner and
 * Cancel in the header bar, and the subtitle says which engine is at work; quick ones flash
 * nothing. */
static gboolean
show_progress_cb (gpointer data)
{
  TupuWindow *self = data;

  self->progress_source = 0;
  gtk_widget_set_visible (self->layout_progress, TRUE);
  update_title (self);
  return G_SOURCE_REMOVE;
}

static void
layout_pending_changed_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (tupu_graph_view_get_layout_pending (self->graph_view))
    self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, self);
  else if (gtk_widget_get_visible (self->layout_progress))
    {
      gtk_widget_set_visible (self->layout_progress, FALSE);
      update_title (self);
    }
  _tupu_window_actions_update (self);
}

/* The view went back to another engine or direction (a cancelled layout): the window's settings
 * follow, without asking for a layout again. */
static void
view_engine_changed_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  tupu_window_set_engine (self,
                          tupu_engine_to_string (tupu_graph_view_get_engine (self->graph_view)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

static void
tupu_window_set_show_gloss (TupuWindow *self, gboolean show_gloss)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (!tupu_graph_view_get_show_gloss (self->graph_view) == !show_gloss)
    return;

  tupu_graph_view_set_show_gloss (self->graph_view, show_gloss);
  if (self->outline != NULL)
    tupu_outline_set_show_gloss (self->outline, show_gloss);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GLOSS]);
}

/* The outline and the reading view are built when first shown, not with the window: most
 * sessions open neither, and building and filling them (every concept, the whole speech) held
 * back the window's first frame. Each then catches up with the window's graph and selection. */
static void
ensure_outline (TupuWindow *self)
{
  if (self->outline != NULL)
    return;
  self->outline = TUPU_OUTLINE (tupu_outline_new ());
  _tupu_a11y_fix_mnemonic_names (GTK_WIDGET (self->outline));
  tupu_outline_set_show_gloss (self->outline, tupu_graph_view_get_show_gloss (self->graph_view));
  tupu_outline_set_study_store (self->outline, self->study_store);
  tupu_outline_set_graph (self->outline, self->graph);
  tupu_outline_set_selected_id (self->outline, tupu_graph_view_get_selected_id (self->graph_view));
  adw_flap_set_flap (self->outline_flap, GTK_WIDGET (self->outline));
}

static void
ensure_reading_view (TupuWindow *self)
{
  if (self->reading_view != NULL)
    return;
  self->reading_view = TUPU_READING_VIEW (tupu_reading_view_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->reading_view), FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self->reading_view), 300, -1);
  _tupu_a11y_fix_mnemonic_names (GTK_WIDGET (self->reading_view));
  tupu_reading_view_set_graph (self->reading_view, self->graph);
  tupu_reading_view_set_node_id (self->reading_view,
                                 tupu_graph_view_get_selected_id (self->graph_view));
  gtk_paned_set_end_child (self->reading_paned, GTK_WIDGET (self->reading_view));
}

static void
tupu_window_set_show_outline (TupuWindow *self, gboolean show_outline)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (self->outline == NULL && !show_outline)
    return;
  ensure_outline (self);
  if (!adw_flap_get_reveal_flap (self->outline_flap) == !show_outline)
    return;

  /* Notified by outline_revealed_cb(). */
  adw_flap_set_reveal_flap (self->outline_flap, show_outline);
}

/* The outline shown or hidden: by the window, or by the flap itself, which in a narrow window
 * lies over the graph and closes at a click beside it. The keyboard does not stay behind in a
 * hidden outline. */
static void
outline_revealed_cb (TupuWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  g_assert (TUPU_IS_WINDOW (self));

  if (!adw_flap_get_reveal_flap (self->outline_flap) && focus != NULL && self->outline != NULL &&
      self->graph_view != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->outline)))
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_OUTLINE]);
}

/* Reading and the guided tour */

static void
tupu_window_set_show_reading (TupuWindow *self, gboolean show_reading)
{
  g_assert (TUPU_IS_WINDOW (self));

  if (self->reading_view == NULL && !show_reading)
    return;
  ensure_reading_view (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->reading_view)) == !show_reading)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->reading_view), show_reading);
  update_tour_label (self);
  /* The text takes what a comfortable column needs, the graph the rest (never less than its
   * own minimum); before the window has a size, the pane's minimum. */
  if (show_reading)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->reading_paned));

      if (width > 0)
        gtk_paned_set_position (self->reading_paned,
                                MAX (READING_GRAPH_MIN, width - READING_WIDTH));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_READING]);
}

void
_tupu_window_show_passage (TupuWindow *self, const char *id, guint para, int start, int end)
{
  g_assert (TUPU_IS_WINDOW (self));

  tupu_window_set_show_reading (self, TRUE);
  if (g_strcmp0 (id, tupu_graph_view_get_selected_id (self->graph_view)) != 0)
    tupu_graph_view_select (self->graph_view, id, TRUE);
  tupu_reading_view_show_range (self->reading_view, para, start, end);
}

/* "3 of 233": the selected concept's place in the speech's order, or where the tour stopped. */
static void
update_tour_label (TupuWindow *self)
{
  const char *id = tupu_graph_view_get_selected_id (self->graph_view);
  int         index = self->graph != NULL && id != NULL ? tupu_graph_lookup (self->graph, id) : -1;
  g_autofree char *text = NULL;
  guint            n;

  g_assert (TUPU_IS_WINDOW (self));

  /* Out of the way of a newcomer's clicks on the graph until the speech is open or a tour has
   * begun (Page Down, the menu). */
  gtk_widget_set_visible (
      self->tour_bar,
      self->graph != NULL &&
          (self->tour_index >= 0 || (self->reading_view != NULL &&
                                     gtk_widget_get_visible (GTK_WIDGET (self->reading_view)))));
  if (self->graph == NULL)
    {
      gtk_label_set_text (self->tour_label, "");
      return;
    }
  n = tupu_graph_get_n_nodes (self->graph);
  if (index < 0)
    index = self->tour_index;
  if (index >= 0)
    /* Translators: the guided tour's position, e.g. "3 of 233" */
    text = g_strdup_printf (_ ("%u of %u"), tupu_graph_get_node (self->graph, index)->order + 1, n);
  else
    /* Translators: the guided tour's position before it has begun, e.g. "– of 233" */
    text = g_strdup_printf (_ ("– of %u"), n);
  gtk_label_set_text (self->tour_label, text);
}

static void
restore_tour (TupuWindow *self)
{
  g_autoptr (GFile) dir = tupu_tour_default_dir ();
  g_autoptr (GError) error = NULL;

  g_assert (TUPU_IS_WINDOW (self));

  self->tour_index = tupu_tour_load (self->graph, dir, &error);
  if (error != NULL)
    {
      g_autofree char *title =
          g_strdup_printf (_ ("Could not read where the tour stopped: %s"), error->message);

      _tupu_window_toast (self, title);
    }
}

static void
keep_tour (TupuWindow *self, guint index)
{
  g_autoptr (GFile) dir = tupu_tour_default_dir ();
  g_autoptr (GError) error = NULL;

  g_assert (TUPU_IS_WINDOW (self));

  self->tour_index = (int)index;
  if (!tupu_tour_save (self->graph, index, dir, &error))
    {
      g_autofree char *title =
          g_strdup_printf (_ ("Could not keep where the tour stopped: %s"), error->message);

      _tupu_window_toast (self, title);
    }
}

/* Whether node @index is in the branch shown (all of them when the whole graph is). */
static gboolean
in_branch (TupuWindow *self, guint index)
{
  const char *root_id = tupu_graph_view_get_root_id (self->graph_view);
  int         root = root_id != NULL ? tupu_graph_lookup (self->graph, root_id) : -1;

  return root < 0 || tupu_graph_is_descendant (self->graph, index, root);
}

gboolean
_tupu_window_tour_step (TupuWindow *self, int step)
{
  const char  *id = tupu_graph_view_get_selected_id (self->graph_view);
  int          index = self->graph != NULL && id != NULL ? tupu_graph_lookup (self->graph, id) : -1;
  const guint *order;
  int          n, rank;

  g_assert (TUPU_IS_WINDOW (self));

  if (self->graph == NULL)
    return FALSE;
  n = (int)tupu_graph_get_n_nodes (self->graph);
  order = tupu_graph_get_speech_order (self->graph);
  if (index >= 0)
    rank = (int)tupu_graph_get_node (self->graph, index)->order + step;
  else
    /* Nothing selected (a new start): the tour resumes where it stopped, or begins. */
    rank =
        self->tour_index >= 0 ? (int)tupu_graph_get_node (self->graph, self->tour_index)->order : 0;
  /* Inside a branch, the tour stays in it, as Page Down always has. */
  while (rank >= 0 && rank < n && !in_branch (self, order[rank]))
    rank += step;
  if (rank < 0 || rank >= n)
    return FALSE;

  /* Unfolded out of whatever hides it and brought to the middle, as search's Enter does. */
  tupu_graph_view_select (self->graph_view, tupu_graph_get_node (self->graph, order[rank])->id,
                          TRUE);
  keep_tour (self, order[rank]);
  update_tour_label (self);
  return TRUE;
}

/* Window size */

static void
restore_size (TupuWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  g_assert (TUPU_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (TupuWindow *self)
{
  int      width, height;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_assert (TUPU_IS_WINDOW (self));

  /* The default size is the unmaximized one, so it is right to save either way. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

/* Vfuncs */

static gboolean
tupu_window_close_request (GtkWindow *window)
{
  save_size (TUPU_WINDOW (window));

  return GTK_WINDOW_CLASS (tupu_window_parent_class)->close_request (window);
}

static void
tupu_window_dispose (GObject *object)
{
  TupuWindow *self = TUPU_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  stop_checking (self);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->focus_before_chooser);

  g_clear_object (&self->pending_toast);
  g_clear_pointer (&self->concept_menu, gtk_widget_unparent);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->loading_source, g_source_remove);
  g_clear_handle_id (&self->history_record_id, g_source_remove);
  _tupu_window_practice_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_WINDOW);
  /* Their panes owned them. */
  self->outline = NULL;
  self->reading_view = NULL;

  _tupu_window_study_dispose (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->graph);
  g_clear_object (&self->file);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (tupu_window_parent_class)->dispose (object);
}

static void
tupu_window_finalize (GObject *object)
{
  TupuWindow *self = TUPU_WINDOW (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->problems_file, g_free);
  g_clear_pointer (&self->engine, g_free);
  g_clear_pointer (&self->file_stamp, g_free);
  g_clear_pointer (&self->actions_enabled, g_hash_table_unref);

  G_OBJECT_CLASS (tupu_window_parent_class)->finalize (object);
}

static void
tupu_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuWindow *self = TUPU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_ENGINE:
      g_value_set_string (value, self->engine);
      break;
    /* Property actions read their state before the template is built: the defaults then. */
    case PROP_SHOW_GLOSS:
      g_value_set_boolean (value, self->graph_view == NULL ||
                                      tupu_graph_view_get_show_gloss (self->graph_view));
      break;
    case PROP_SHOW_DETAILS:
      g_value_set_boolean (value, self->detail_pane == NULL ||
                                      gtk_widget_get_visible (GTK_WIDGET (self->detail_pane)));
      break;
    case PROP_SHOW_ALL_LINKS:
      g_value_set_boolean (value, self->graph_view != NULL &&
                                      tupu_graph_view_get_show_all_links (self->graph_view));
      break;
    case PROP_DIRECTION:
      g_value_set_string (
          value, tupu_direction_to_string (self->graph_view != NULL
                                               ? tupu_graph_view_get_direction (self->graph_view)
                                               : TUPU_DIRECTION_LEFT_TO_RIGHT));
      break;
    case PROP_SHOW_OUTLINE:
      g_value_set_boolean (value,
                           self->outline != NULL && adw_flap_get_reveal_flap (self->outline_flap));
      break;
    case PROP_SHOW_PROGRESS:
      g_value_set_boolean (value, self->show_progress);
      break;
    case PROP_SHOW_READING:
      g_value_set_boolean (value, self->reading_view != NULL &&
                                      gtk_widget_get_visible (GTK_WIDGET (self->reading_view)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TupuWindow *self = TUPU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      tupu_window_set_engine (self, g_value_get_string (value));
      break;
    case PROP_SHOW_GLOSS:
      tupu_window_set_show_gloss (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_DETAILS:
      tupu_window_set_show_details (self, g_value_get_boolean (value));
      break;
    case PROP_DIRECTION:
      tupu_window_set_direction (self, g_value_get_string (value));
      break;
    case PROP_SHOW_ALL_LINKS:
      if (!tupu_graph_view_get_show_all_links (self->graph_view) != !g_value_get_boolean (value))
        {
          tupu_graph_view_set_show_all_links (self->graph_view, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_OUTLINE:
      tupu_window_set_show_outline (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_PROGRESS:
      if (!self->show_progress != !g_value_get_boolean (value))
        {
          _tupu_window_study_set_show_progress (self, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_READING:
      tupu_window_set_show_reading (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_window_class_init (TupuWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = tupu_window_get_property;
  object_class->set_property = tupu_window_set_property;
  object_class->dispose = tupu_window_dispose;
  object_class->finalize = tupu_window_finalize;
  widget_class->map = tupu_window_map;
  widget_class->unmap = tupu_window_unmap;
  window_class->close_request = tupu_window_close_request;

  properties[PROP_GRAPH] =
      g_param_spec_object ("graph", NULL, NULL, TUPU_TYPE_GRAPH,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
      g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENGINE] =
      g_param_spec_string ("engine", NULL, NULL, "dot",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_GLOSS] =
      g_param_spec_boolean ("show-gloss", NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_DETAILS] =
      g_param_spec_boolean ("show-details", NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ALL_LINKS] =
      g_param_spec_boolean ("show-all-links", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRECTION] =
      g_param_spec_string ("direction", NULL, NULL, "lr",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_OUTLINE] =
      g_param_spec_boolean ("show-outline", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The Progress overlay: the graph coloured by how well each concept is known. */
  properties[PROP_SHOW_PROGRESS] =
      g_param_spec_boolean ("show-progress", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_READING] =
      g_param_spec_boolean ("show-reading", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _tupu_window_class_actions_init (widget_class);
  _tupu_window_class_practice_init (widget_class);

  g_type_ensure (TUPU_TYPE_GRAPH_VIEW);
  g_type_ensure (TUPU_TYPE_DETAIL_PANE);
  g_type_ensure (TUPU_TYPE_LEGEND);
  g_type_ensure (TUPU_TYPE_LAYOUT_CHOOSER);
  g_type_ensure (TUPU_TYPE_OUTLINE);
  g_type_ensure (TUPU_TYPE_BREADCRUMB);
  g_type_ensure (TUPU_TYPE_PRACTICE_PANEL);
  g_type_ensure (TUPU_TYPE_READING_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tupu/Tupu/tupu-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, leave_branch_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, layout_progress);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, layout_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, legend_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, outline_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, all_problems_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, search_flap);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, outline_flap);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, breadcrumb);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, reading_button);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, tour_label);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, tour_bar);
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, reading_paned);
  gtk_widget_class_bind_template_callback (widget_class, selected_id_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, layout_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, root_id_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, layout_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, context_menu_cb);
  gtk_widget_class_bind_template_callback (widget_class, layout_pending_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_engine_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, outline_revealed_cb);
  _tupu_window_study_class_init (widget_class);
}

/* In the window, Page Down and Page Up on the graph are the guided tour's steps (win.tour-next,
 * win.tour-previous): the same walk in the speech's order as the graph's own keys, which also
 * keeps where it stopped. Captured before the graph's own bindings. */
static void
tour_keys_init (TupuWindow *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (
          gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                                       gtk_keyval_trigger_new (GDK_KEY_KP_Page_Down, 0)),
          gtk_named_action_new ("win.tour-next")));
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (
          gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                                       gtk_keyval_trigger_new (GDK_KEY_KP_Page_Up, 0)),
          gtk_named_action_new ("win.tour-previous")));
  gtk_widget_add_controller (GTK_WIDGET (self->graph_view), keys);
}

/* The main menu, the layout control and the legend are built when first opened: nothing of them
 * shows in the first frame, and building them was most of the window's widgets (the main menu
 * alone 146 of 382) and a tenth of its templates' time. */
static void
create_popover_cb (GtkMenuButton *button, gpointer user_data)
{
  TupuWindow *self = user_data;
  GtkWidget  *popover;
  GtkWidget  *child;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  if (button == GTK_MENU_BUTTON (self->menu_button))
    {
      gtk_menu_button_set_menu_model (button, self->primary_menu);
      _tupu_a11y_fix_mnemonic_names (GTK_WIDGET (gtk_menu_button_get_popover (button)));
      return;
    }
  if (button == self->layout_button)
    child = g_object_new (TUPU_TYPE_LAYOUT_CHOOSER, "view", self->graph_view, NULL);
  else
    child = g_object_new (TUPU_TYPE_LEGEND, NULL);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), child);
  gtk_menu_button_set_popover (button, popover);
}

static void
tupu_window_init (TupuWindow *self)
{
  GtkEventController *input = gtk_event_controller_legacy_new ();

  g_assert (TUPU_IS_WINDOW (self));

  /* Before the template: its menu reads the win.engine action's state. */
  self->engine = g_strdup ("dot");
  self->history = tupu_history_new (HISTORY_MAX_BACK);
  gtk_widget_init_template (GTK_WIDGET (self));
  _tupu_a11y_fix_mnemonic_names (GTK_WIDGET (self));
  /* The empty canvas until the first graph arrives (see LOADING_DELAY_MS). */
  show_page (self, "graph");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button), create_popover_cb,
                                         self, NULL);
  gtk_menu_button_set_create_popup_func (self->layout_button, create_popover_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->legend_button, create_popover_cb, self, NULL);
  g_signal_connect (self->details_button, "notify::active", G_CALLBACK (details_active_cb), NULL);
  details_active_cb (GTK_TOGGLE_BUTTON (self->details_button), NULL, NULL);
  g_signal_connect (self->search_button, "notify::active", G_CALLBACK (details_active_cb), NULL);
  details_active_cb (GTK_TOGGLE_BUTTON (self->search_button), NULL, NULL);
  /* The entry sits in a clamp, not right in the bar: tell the bar it is its entry (Escape). */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->outline_button, "notify::active", G_CALLBACK (details_active_cb), NULL);
  details_active_cb (GTK_TOGGLE_BUTTON (self->outline_button), NULL, NULL);
  g_signal_connect (self->reading_button, "notify::active", G_CALLBACK (details_active_cb), NULL);
  details_active_cb (GTK_TOGGLE_BUTTON (self->reading_button), NULL, NULL);
  self->tour_index = -1;
  tour_keys_init (self);

  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect (input, "event", G_CALLBACK (input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "engine", self, "engine", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-gloss", self, "show-gloss", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-all-links", self, "show-all-links",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "direction", self, "direction", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  g_settings_bind (self->settings, "show-outline", self, "show-outline", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-reading", self, "show-reading", G_SETTINGS_BIND_DEFAULT);

  _tupu_window_study_init (self);
  _tupu_window_actions_update (self);
  _tupu_window_dnd_init (self);
  _tupu_window_practice_init (self);
  restore_size (self);
  update_title (self);
}

/* Public API */

TupuWindow *
tupu_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (TUPU_TYPE_WINDOW, "application", application, NULL);
}

void
tupu_window_open_file (TupuWindow *self, GFile *file)
{
  g_return_if_fail (TUPU_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  start_load (self, file);
}

void
tupu_window_open_builtin (TupuWindow *self)
{
  g_return_if_fail (TUPU_IS_WINDOW (self));

  start_load (self, NULL);
}

void
tupu_window_reload (TupuWindow *self)
{
  g_return_if_fail (TUPU_IS_WINDOW (self));

  start_load (self, self->file);
}

TupuGraph *
tupu_window_get_graph (TupuWindow *self)
{
  g_return_val_if_fail (TUPU_IS_WINDOW (self), NULL);

  return self->graph;
}

GFile *
tupu_window_get_file (TupuWindow *self)
{
  g_return_val_if_fail (TUPU_IS_WINDOW (self), NULL);

  return self->file;
}

void
tupu_window_set_show_details (TupuWindow *self, gboolean show_details)
{
  GtkWidget *pane;

  g_return_if_fail (TUPU_IS_WINDOW (self));

  pane = GTK_WIDGET (self->detail_pane);
  if (!gtk_widget_get_visible (pane) == !show_details)
    return;

  gtk_widget_set_visible (pane, show_details);
  _tupu_window_update_side (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DETAILS]);
}
