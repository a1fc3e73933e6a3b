/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-window-study.c: the window's study progress — one TupuStudyStore per graph shown, handed
 * to the detail pane's study section and the outline; the Progress overlay (win.show-progress),
 * the Progress page (win.show-progress-page), and exporting and importing progress
 * (win.export-progress, win.import-progress). Shares tupu-window-private.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-progress-dialog.h"
#include "tupu-window-private.h"

/* Errors */

static void
toast_error (TupuWindow *self, const GError *error)
{
  _tupu_window_toast (self, error->message);
}

static void
study_error_cb (TupuWindow *self, const GError *error)
{
  toast_error (self, error);
}

/* The overlay: the study state of every concept, as the graph view draws it. */

static GBytes *
mastery_bytes (TupuWindow *self)
{
  guint   n = tupu_graph_get_n_nodes (self->graph);
  guint8 *levels = g_malloc0 (MAX (n, 1u));

  for (guint i = 0; i < n; i++)
    switch (
        tupu_study_store_get_state (self->study_store, tupu_graph_get_node (self->graph, i)->id))
      {
      case TUPU_STUDY_STATE_KNOWN:
        levels[i] = TUPU_MASTERY_KNOWN;
        break;
      case TUPU_STUDY_STATE_LEARNING:
        levels[i] = TUPU_MASTERY_LEARNING;
        break;
      default:
        levels[i] = TUPU_MASTERY_NEW;
      }
  return g_bytes_new_take (levels, n);
}

static void
update_mastery (TupuWindow *self)
{
  g_autoptr (GBytes) mastery = NULL;

  if (self->show_progress && self->study_store != NULL && self->graph != NULL)
    mastery = mastery_bytes (self);
  tupu_graph_view_set_mastery (self->graph_view, mastery);
}

static void
store_changed_cb (TupuWindow *self)
{
  update_mastery (self);
}

void
_tupu_window_study_set_show_progress (TupuWindow *self, gboolean show)
{
  self->show_progress = show;
  update_mastery (self);
}

/* The graph shown */

void
_tupu_window_study_set_graph (TupuWindow *self, TupuGraph *graph)
{
  g_autoptr (TupuStudyStore) store = graph != NULL ? tupu_study_store_new (graph, NULL) : NULL;
  const GError *error = store != NULL ? tupu_study_store_get_load_error (store) : NULL;

  if (store == self->study_store)
    {
      update_mastery (self);
      return;
    }
  /* Reported once per store, when it is opened (a reload reuses it), and left until dismissed:
   * the student should know where the old progress went. */
  if (error != NULL)
    _tupu_window_toast_full (self, error->message, 0);
  if (self->study_store != NULL)
    g_signal_handlers_disconnect_by_func (self->study_store, store_changed_cb, self);
  g_set_object (&self->study_store, store);
  if (store != NULL)
    g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  tupu_detail_pane_set_study_store (self->detail_pane, store);
  if (self->outline != NULL)
    tupu_outline_set_study_store (self->outline, store);
  update_mastery (self);
}

void
_tupu_window_study_dispose (TupuWindow *self)
{
  if (self->study_store != NULL)
    g_signal_handlers_disconnect_by_func (self->study_store, store_changed_cb, self);
  g_clear_object (&self->study_store);
}

/* The Progress page */

static void
show_progress_page_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow *self = TUPU_WINDOW (widget);
  GtkWindow  *dialog;

  if (self->study_store == NULL)
    return;
  dialog = GTK_WINDOW (tupu_progress_dialog_new (GTK_WINDOW (self), self->study_store));
  gtk_window_present (dialog);
}

/* Export and import */

/* Where progress goes first: the Documents folder (home without one). */
static GFile *
progress_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
progress_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  TupuWindow *self = user_data;
  gboolean    import = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "import"));
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  g_assert (TUPU_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT && self->study_store != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *done = NULL;

      if (import ? tupu_study_store_import (self->study_store, file, &error)
                 : tupu_study_store_export (self->study_store, file, &error))
        {
          done = g_strdup_printf (
              import ? _ ("Progress imported from %s") : _ ("Progress exported to %s"), name);
          _tupu_window_toast (self, done);
        }
      else
        {
          done = g_strdup_printf (import ? _ ("Could not import progress: %s")
                                         : _ ("Could not export progress: %s"),
                                  error->message);
          _tupu_window_toast (self, done);
        }
    }
  g_clear_object (&self->chooser);
  _tupu_window_restore_focus (self);
}

static void
progress_file_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow *self = TUPU_WINDOW (widget);
  gboolean    import = g_str_equal (action_name, "win.import-progress");
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GFile) folder = progress_folder ();

  if (self->chooser != NULL || self->study_store == NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (
      import ? _ ("Import Progress") : _ ("Export Progress"), GTK_WINDOW (self),
      import ? GTK_FILE_CHOOSER_ACTION_OPEN : GTK_FILE_CHOOSER_ACTION_SAVE,
      import ? _ ("_Import") : _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "import", GINT_TO_POINTER (import));
  gtk_file_filter_set_name (filter, _ ("Progress Files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (!import)
    {
      g_autofree char *name = g_strdup_printf ("%s-progress.json", tupu_graph_get_id (self->graph));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (progress_response_cb), self);
  _tupu_window_save_focus (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Setup */

/* The header bar's toggle reads as a check box (see details_button in the template). */
static void
progress_button_active_cb (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button), -1);
}

void
_tupu_window_study_update_actions (TupuWindow *self)
{
  gboolean studying = self->study_store != NULL && self->graph != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-progress-page", studying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-progress", studying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-progress", studying);
}

void
_tupu_window_study_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TupuWindow, progress_button);
  gtk_widget_class_install_property_action (widget_class, "win.show-progress", "show-progress");
  gtk_widget_class_install_action (widget_class, "win.show-progress-page", NULL,
                                   show_progress_page_action);
  gtk_widget_class_install_action (widget_class, "win.export-progress", NULL, progress_file_action);
  gtk_widget_class_install_action (widget_class, "win.import-progress", NULL, progress_file_action);
}

void
_tupu_window_study_init (TupuWindow *self)
{
  g_signal_connect (self->progress_button, "notify::active", G_CALLBACK (progress_button_active_cb),
                    NULL);
  progress_button_active_cb (GTK_TOGGLE_BUTTON (self->progress_button));
  g_signal_connect_swapped (self->detail_pane, "study-error", G_CALLBACK (study_error_cb), self);
  _tupu_window_study_update_actions (self);
}
