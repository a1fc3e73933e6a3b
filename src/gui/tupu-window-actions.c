/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-window-actions.c: the win.* actions (open, reload, export, engine, glosses, zoom) and
 * dropping files onto the window. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-export.h"
#include "tupu-window-private.h"

/* Open */

static GtkFileFilter *
json_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Graph Files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
open_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  TupuWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        tupu_window_open_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
open_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  TupuWindow *self = user_data;
  g_autoptr (GtkFileFilter) json = json_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser =
      gtk_file_chooser_native_new (_ ("Open Graph"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), json);

  if (self->file != NULL)
    {
      g_autoptr (GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_builtin_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  tupu_window_open_builtin (TUPU_WINDOW (user_data));
}

static void
reload_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  tupu_window_reload (TUPU_WINDOW (user_data));
}

static void
show_problems_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  _tupu_window_show_problems (TUPU_WINDOW (user_data));
}

/* Export */

typedef struct
{
  TupuLayout      *layout;
  TupuExportFormat format;
  GFile           *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->layout, tupu_layout_unref);
  g_clear_object (&data->file);
  g_free (data);
}

/* Runs on a worker: the layout is immutable and the painter needs no display. */
static void
export_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError     *error = NULL;

  if (tupu_export_to_file (data->layout, data->format, data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  TupuWindow *self = TUPU_WINDOW (source_object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (data->file);
  g_autofree char *title = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_ ("Could not export “%s”: %s"), name, error->message);
    }
  else
    title = g_strdup_printf (_ ("Exported “%s”"), name);

  _tupu_window_toast (self, title);
}

static const char *
format_extension (TupuExportFormat format)
{
  switch (format)
    {
    case TUPU_EXPORT_SVG:
      return "svg";
    case TUPU_EXPORT_PNG:
      return "png";
    case TUPU_EXPORT_PDF:
      return "pdf";
    case TUPU_EXPORT_DOT:
      return "dot";
    default:
      g_assert_not_reached ();
    }
}

static void
start_export (TupuWindow *self, GFile *file, TupuExportFormat format)
{
  TupuLayout *layout = tupu_graph_view_get_layout (self->graph_view);
  g_autoptr (GTask) task = NULL;
  ExportData      *data;
  g_autofree char *path = g_file_get_path (file);

  if (layout == NULL)
    return;

  /* The name the user typed wins over the menu item they chose. */
  if (path != NULL)
    tupu_export_format_from_path (path, &format);

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();

  data = g_new0 (ExportData, 1);
  data->layout = tupu_layout_ref (layout);
  data->format = format;
  data->file = g_object_ref (file);

  task = g_task_new (self, self->export_cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  TupuWindow      *self = user_data;
  TupuExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        start_export (self, file, format);
    }

  g_clear_object (&self->chooser);
}

static const char *
format_title (TupuExportFormat format)
{
  switch (format)
    {
    case TUPU_EXPORT_SVG:
      return _ ("Export as SVG");
    case TUPU_EXPORT_PNG:
      return _ ("Export as PNG");
    case TUPU_EXPORT_PDF:
      return _ ("Export as PDF");
    case TUPU_EXPORT_DOT:
      return _ ("Export as DOT");
    default:
      g_assert_not_reached ();
    }
}

static void
export_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  TupuWindow      *self = user_data;
  const char      *extension = g_variant_get_string (parameter, NULL);
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);
  g_autofree char *name = NULL;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  TupuExportFormat format;

  if (self->chooser != NULL || self->graph == NULL ||
      !tupu_export_format_from_path (pattern, &format))
    return;

  self->chooser =
      gtk_file_chooser_native_new (format_title (format), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "format", GINT_TO_POINTER (format));

  gtk_file_filter_set_name (filter, format_title (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  name = g_strdup_printf ("%s.%s", tupu_graph_get_id (self->graph), format_extension (format));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Zoom: the header bar buttons sit outside the view, so they reach its view.* actions here. */

static void
view_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  TupuWindow      *self = user_data;
  g_autofree char *name = g_strconcat ("view.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->graph_view), name, NULL);
}

static void
toggle_sidebar_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  TupuWindow *self = user_data;
  GtkWidget  *pane = GTK_WIDGET (self->detail_pane);

  gtk_widget_set_visible (pane, !gtk_widget_get_visible (pane));
  g_simple_action_set_state (action, g_variant_new_boolean (gtk_widget_get_visible (pane)));
}

static const GActionEntry win_actions[] = {
  { "open", open_action_cb },          { "open-builtin", open_builtin_action_cb },
  { "reload", reload_action_cb },      { "show-problems", show_problems_action_cb },
  { "export", export_action_cb, "s" }, { "zoom-in", view_action_cb },
  { "zoom-out", view_action_cb },      { "zoom-fit", view_action_cb },
  { "zoom-one", view_action_cb },      { "toggle-sidebar", toggle_sidebar_action_cb, NULL, "true" },
  { "focus-branch", view_action_cb },  { "leave-branch", view_action_cb },
  { "show-whole-graph", view_action_cb },
};

static void
set_enabled (TupuWindow *self, const char *name, gboolean enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* All enabled states, recomputed in one place. */
void
_tupu_window_actions_update (TupuWindow *self)
{
  gboolean    shown = self->graph != NULL;
  gboolean    laid_out = shown && tupu_graph_view_get_layout (self->graph_view) != NULL;
  const char *zoom_actions[] = { "zoom-in", "zoom-out", "zoom-fit", "zoom-one" };
  gboolean    in_branch = shown && tupu_graph_view_get_root_id (self->graph_view) != NULL;

  set_enabled (self, "export", laid_out);
  set_enabled (self, "show-problems", self->problems != NULL && self->problems->len > 0);
  set_enabled (self, "toggle-sidebar", shown);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    set_enabled (self, zoom_actions[i], laid_out);
  set_enabled (self, "focus-branch", shown && tupu_graph_view_can_focus_branch (self->graph_view));
  set_enabled (self, "leave-branch", in_branch);
  set_enabled (self, "show-whole-graph", in_branch);
}

void
_tupu_window_actions_init (TupuWindow *self)
{
  g_autoptr (GAction) engine = g_settings_create_action (self->settings, "engine");
  g_autoptr (GAction) gloss = g_settings_create_action (self->settings, "show-gloss");

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  g_action_map_add_action (G_ACTION_MAP (self), engine);
  g_action_map_add_action (G_ACTION_MAP (self), gloss);
  _tupu_window_actions_update (self);
}

void
tupu_window_set_accels (GtkApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[4];
  } accels[] = {
    { "win.open", { "<Control>o", NULL } },
    { "win.reload", { "<Control>r", "F5", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.zoom-fit", { "<Control>0", "<Control>KP_0", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.focus-branch", { "<Alt>Down", NULL } },
    { "win.leave-branch", { "<Alt>Up", NULL } },
    { "win.show-whole-graph", { "<Alt>Home", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}

/* Drag and drop */

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, gpointer user_data)
{
  TupuWindow *self = user_data;
  GFile      *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      if (files != NULL)
        file = files->data;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  tupu_window_open_file (self, file);
  return TRUE;
}

void
_tupu_window_dnd_init (TupuWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType          types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
