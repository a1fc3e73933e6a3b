/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-window-actions.c: the win.* actions (open, reload, export, engine, glosses, zoom,
 * branches, panes, back and forward), their enabled states and accelerators, and dropping files
 * onto the window.
 * A new command takes one action below, one line in tupu_window_set_accels() and one entry in
 * the menu (ui/tupu-window.ui) and the shortcuts window (ui/gtk/help-overlay.ui). Closing and
 * fullscreen are here too; new windows, preferences and quitting are app.* actions. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-export.h"
#include "tupu-folding.h"
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

  g_assert (TUPU_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        tupu_window_open_file (self, file);
    }

  g_clear_object (&self->chooser);
  _tupu_window_restore_focus (self);
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow *self = TUPU_WINDOW (widget);
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
  _tupu_window_save_focus (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_builtin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_window_open_builtin (TUPU_WINDOW (widget));
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_window_reload (TUPU_WINDOW (widget));
}

static void
show_problems_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _tupu_window_show_problems (TUPU_WINDOW (widget));
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

static void
start_export (TupuWindow *self, GFile *file, TupuExportFormat format)
{
  TupuLayout *layout = tupu_graph_view_get_layout (self->graph_view);
  g_autoptr (GTask) task = NULL;
  ExportData      *data;
  g_autofree char *path = g_file_get_path (file);

  g_assert (TUPU_IS_WINDOW (self));

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

  g_assert (TUPU_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        start_export (self, file, format);
    }

  g_clear_object (&self->chooser);
  _tupu_window_restore_focus (self);
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

/* Where an export goes first: beside the graph's file, or for the built-in graph in the
 * Documents folder (home without one), never a list of recent files one cannot save into. */
static GFile *
export_folder (TupuWindow *self)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->file != NULL)
    return g_file_get_parent (self->file);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow      *self = TUPU_WINDOW (widget);
  const char      *extension = g_variant_get_string (parameter, NULL);
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GFile) folder = NULL;
  const char      *root = tupu_graph_view_get_root_id (self->graph_view);
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

  /* The export is what is shown: a branch's file says which (theme-education-2023-six-musts). */
  base = root != NULL ? g_strdup_printf ("%s-%s", tupu_graph_get_id (self->graph), root)
                      : g_strdup (tupu_graph_get_id (self->graph));
  name = g_strdup_printf ("%s.%s", base, tupu_export_format_to_name (format));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  folder = export_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);

  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  _tupu_window_save_focus (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Commands forwarded to the graph view's API */

static void
zoom_in_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_zoom_in (TUPU_WINDOW (widget)->graph_view);
}

static void
zoom_out_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_zoom_out (TUPU_WINDOW (widget)->graph_view);
}

static void
zoom_fit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_zoom_fit (TUPU_WINDOW (widget)->graph_view);
}

static void
zoom_one_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_zoom_one (TUPU_WINDOW (widget)->graph_view);
}

static void
focus_branch_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuGraphView *view = TUPU_WINDOW (widget)->graph_view;

  tupu_graph_view_set_root_id (view, tupu_graph_view_get_selected_id (view));
}

static void
leave_branch_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_leave_branch (TUPU_WINDOW (widget)->graph_view);
}

static void
show_whole_graph_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_set_root_id (TUPU_WINDOW (widget)->graph_view, NULL);
}

/* Folding: one concept's parts, every concept's, or the structure of levels 1–4. */

static void
toggle_fold_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuGraphView *view = TUPU_WINDOW (widget)->graph_view;
  const char    *id = tupu_graph_view_get_selected_id (view);

  tupu_graph_view_set_node_folded (view, id, !tupu_graph_view_get_node_folded (view, id));
}

/* Copying, from the concept menu */

static const TupuNode *
selected_node (TupuWindow *self)
{
  const char *id = tupu_graph_view_get_selected_id (self->graph_view);
  int         index = self->graph != NULL && id != NULL ? tupu_graph_lookup (self->graph, id) : -1;

  return index >= 0 ? tupu_graph_get_node (self->graph, index) : NULL;
}

/* The speech's own words for @node: its quoted passages, one per line (NULL when it has only
 * citations). */
static char *
node_passages (const TupuNode *node)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; node->sources != NULL && i < node->sources->len; i++)
    {
      const TupuSource *source = g_ptr_array_index (node->sources, i);

      if (source->type != TUPU_SOURCE_SPEECH || source->quote == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, source->quote);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
copy_text (TupuWindow *self, const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  _tupu_window_toast (self, _ ("Copied to the clipboard"));
}

/* Parameter: "zh", "en" or "both" (the Chinese label with its gloss in brackets). */
static void
copy_label_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow      *self = TUPU_WINDOW (widget);
  const TupuNode  *node = selected_node (self);
  const char      *which = g_variant_get_string (parameter, NULL);
  g_autofree char *both = NULL;

  if (node == NULL)
    return;
  if (g_str_equal (which, "en") && node->label_en != NULL)
    copy_text (self, node->label_en);
  else if (g_str_equal (which, "both") && node->label_en != NULL)
    copy_text (self, (both = g_strdup_printf ("%s (%s)", node->label_zh, node->label_en)));
  else
    copy_text (self, node->label_zh);
}

static void
copy_passage_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow      *self = TUPU_WINDOW (widget);
  const TupuNode  *node = selected_node (self);
  g_autofree char *passages = node != NULL ? node_passages (node) : NULL;

  if (passages != NULL)
    copy_text (self, passages);
}

/* The concept menu: built for the concept it is opened on, so that it offers only what applies
 * and says which way folding goes. */
static GMenuModel *
concept_menu_new (TupuWindow *self, const TupuNode *node)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) view = g_menu_new ();
  g_autoptr (GMenu) copy = g_menu_new ();
  g_autoptr (GMenu) search = g_menu_new ();
  g_autofree char *passages = node_passages (node);

  if (tupu_graph_view_can_focus_branch (self->graph_view))
    g_menu_append (view, _ ("Show Only This _Branch"), "win.focus-branch");
  if (tupu_graph_view_can_fold (self->graph_view, node->id))
    g_menu_append (view,
                   tupu_graph_view_get_node_folded (self->graph_view, node->id)
                       ? _ ("_Unfold Its Parts")
                       : _ ("_Fold Its Parts"),
                   "win.toggle-fold");
  g_menu_append (copy, _ ("Copy _Chinese Label"), "win.copy-label::zh");
  if (node->label_en != NULL)
    {
      g_menu_append (copy, _ ("Copy _English Gloss"), "win.copy-label::en");
      g_menu_append (copy, _ ("Copy Label and _Gloss"), "win.copy-label::both");
    }
  if (passages != NULL)
    g_menu_append (copy, _ ("Copy _Passage"), "win.copy-passage");
  g_menu_append (search, _ ("_Search for It"), "win.search-for");
  if (g_menu_model_get_n_items (G_MENU_MODEL (view)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (search));
  return G_MENU_MODEL (menu);
}

static void
concept_menu_closed_cb (TupuWindow *self)
{
  g_assert (TUPU_IS_WINDOW (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->graph_view), TRUE);
}

void
_tupu_window_popup_concept_menu (TupuWindow *self, double x, double y)
{
  const TupuNode *node = selected_node (self);
  g_autoptr (GMenuModel) model = NULL;

  g_assert (TUPU_IS_WINDOW (self));

  if (node == NULL)
    return;
  model = concept_menu_new (self, node);
  if (self->concept_menu == NULL)
    {
      self->concept_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->concept_menu), FALSE);
      gtk_widget_set_halign (self->concept_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->concept_menu, GTK_WIDGET (self->graph_view));
      /* The canvas's tooltip would sit on the menu: off while it is open. */
      g_signal_connect_swapped (self->concept_menu, "closed", G_CALLBACK (concept_menu_closed_cb),
                                self);
    }
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->graph_view), FALSE);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->concept_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->concept_menu),
                               &(GdkRectangle){ (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->concept_menu));
}

static void
cancel_layout_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_cancel_layout (TUPU_WINDOW (widget)->graph_view);
}

static void
expand_all_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_set_folded (TUPU_WINDOW (widget)->graph_view, NULL);
}

/* Parameter: how many levels to show from the root, 0 for the overview the graph opens on. */
static void
show_levels_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow *self = TUPU_WINDOW (widget);
  guint       levels = g_variant_get_uint32 (parameter);
  g_autoptr (GBytes) folded = levels > 0 ? tupu_folding_new_levels (self->graph, levels)
                                         : tupu_folding_new_overview (self->graph);

  tupu_graph_view_set_folded (self->graph_view, folded);
}

/* Parameter: a concept's id (the detail pane's links). Selects it and brings it into view. */
static void
select_concept_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_select (TUPU_WINDOW (widget)->graph_view, g_variant_get_string (parameter, NULL),
                          TRUE);
}

/* Parameter: (concept id, paragraph, first character, end): a passage card's place. */
static void
show_passage_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const char *id;
  gint32      para, start, end;

  g_variant_get (parameter, "(&siii)", &id, &para, &start, &end);
  if (para > 0)
    _tupu_window_show_passage (TUPU_WINDOW (widget), id, (guint)para, start, end);
}

/* The guided tour: the concepts in the order of the speech. */

static void
tour_next_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _tupu_window_tour_step (TUPU_WINDOW (widget), 1);
}

static void
tour_previous_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _tupu_window_tour_step (TUPU_WINDOW (widget), -1);
}

/* Back and forward through the places visited, as in a browser. */

static void
go_back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _tupu_window_go_back (TUPU_WINDOW (widget));
}

static void
go_forward_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _tupu_window_go_forward (TUPU_WINDOW (widget));
}

/* F6 and Shift+F6: through the panes as they sit, outline, graph, speech, details, round, a way in
 * and out of each that needs no Tab; a pane hidden or empty is passed over. From anywhere else (the
 * header bar, the breadcrumb), to the graph. */

enum
{
  PANE_OUTLINE,
  PANE_GRAPH,
  PANE_READING,
  PANE_DETAILS,
  N_PANES
};

static int
focused_pane (TupuWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return -1;
  if (focus == GTK_WIDGET (self->graph_view))
    return PANE_GRAPH;
  if (self->outline != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->outline)))
    return PANE_OUTLINE;
  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->detail_pane)))
    return PANE_DETAILS;
  if (self->reading_view != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->reading_view)))
    return PANE_READING;
  return -1;
}

static gboolean
focus_pane (TupuWindow *self, int pane)
{
  switch (pane)
    {
    case PANE_OUTLINE:
      return self->outline != NULL && tupu_outline_focus_selected (self->outline);
    case PANE_DETAILS:
      return tupu_detail_pane_focus_title (self->detail_pane);
    case PANE_READING:
      return self->reading_view != NULL &&
             gtk_widget_get_visible (GTK_WIDGET (self->reading_view)) &&
             gtk_widget_grab_focus (GTK_WIDGET (self->reading_view));
    default:
      return gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
    }
}

static void
cycle_panes (TupuWindow *self, int direction)
{
  int from = focused_pane (self);

  if (from < 0)
    {
      focus_pane (self, PANE_GRAPH);
      return;
    }
  for (int i = 1; i <= N_PANES; i++)
    if (focus_pane (self, (from + N_PANES + direction * i) % N_PANES))
      return;
}

/* Ctrl+?: the shortcuts window, built the first time it is asked for. GtkApplication would
 * build it for every window as it opens (from gtk/help-overlay.ui): 69 M instructions, 5 % of
 * the way to the first frame (benchmarks/README.md), for a window most sessions never open. */
static void
show_help_overlay_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow   *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr (GtkBuilder) builder =
          gtk_builder_new_from_resource ("/io/github/tupu/Tupu/tupu-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* Ctrl+F: the search bar, open with the keyboard in its entry. */
static void
find_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _tupu_window_find (TUPU_WINDOW (widget));
}

/* From the concept menu: search for the selected concept's label, which finds where the others'
 * summaries and passages mention it. */
static void
search_for_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow     *self = TUPU_WINDOW (widget);
  const TupuNode *node = selected_node (self);

  if (node == NULL)
    return;
  _tupu_window_find (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), node->label_zh);
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
focus_next_pane_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  cycle_panes (TUPU_WINDOW (widget), 1);
}

static void
focus_previous_pane_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  cycle_panes (TUPU_WINDOW (widget), -1);
}

/* Changes an action's enabled state only when it changes: GTK 4.8 tells every widget watching
 * the action each time it is set, even to what it was, and the detail pane's and the
 * breadcrumb's links all watch win.select-concept (that was most of a selection's time). */
static void
set_enabled (TupuWindow *self, const char *action, gboolean enabled)
{
  gpointer state = GINT_TO_POINTER (enabled ? 2 : 1);

  if (self->actions_enabled == NULL)
    self->actions_enabled = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_lookup (self->actions_enabled, action) == state)
    return;
  /* The names are the static strings below. */
  g_hash_table_insert (self->actions_enabled, (gpointer)action, state);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action, enabled);
}

/* Window management */

static void
close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* All enabled states, recomputed in one place. */
void
_tupu_window_actions_update (TupuWindow *self)
{
  gboolean    shown = self->graph != NULL;
  gboolean    laid_out = shown && tupu_graph_view_get_layout (self->graph_view) != NULL;
  gboolean    in_branch = shown && tupu_graph_view_get_root_id (self->graph_view) != NULL;
  const char *zoom_actions[] = { "win.zoom-in", "win.zoom-out", "win.zoom-fit", "win.zoom-one" };

  set_enabled (self, "win.export", laid_out);
  set_enabled (self, "win.show-problems", self->problems != NULL && self->problems->len > 0);
  set_enabled (self, "win.toggle-sidebar", shown);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    set_enabled (self, zoom_actions[i], laid_out);
  set_enabled (self, "win.focus-branch",
               shown && tupu_graph_view_can_focus_branch (self->graph_view));
  set_enabled (self, "win.leave-branch", in_branch);
  set_enabled (self, "win.show-whole-graph", in_branch);
  set_enabled (self, "win.select-concept", shown);
  set_enabled (self, "win.toggle-fold",
               shown && tupu_graph_view_can_fold (
                            self->graph_view, tupu_graph_view_get_selected_id (self->graph_view)));
  set_enabled (self, "win.expand-all", shown);
  set_enabled (self, "win.copy-label", selected_node (self) != NULL);
  set_enabled (self, "win.copy-passage", selected_node (self) != NULL);
  /* Only a layout of the graph shown can be gone back to (not during a load or reload). */
  set_enabled (self, "win.cancel-layout",
               laid_out && tupu_graph_view_get_layout_pending (self->graph_view) &&
                   tupu_graph_view_get_layout (self->graph_view)->graph == self->graph);
  set_enabled (self, "win.show-levels", shown);
  set_enabled (self, "win.focus-next-pane", shown);
  set_enabled (self, "win.focus-previous-pane", shown);
  set_enabled (self, "win.find", shown);
  set_enabled (self, "win.practice", shown);
  set_enabled (self, "win.search-for", selected_node (self) != NULL);
  gtk_widget_set_sensitive (self->search_button, shown);
  _tupu_window_study_update_actions (self);
  set_enabled (self, "win.toggle-outline", shown);
  set_enabled (self, "win.show-reading", shown);
  set_enabled (self, "win.show-passage", shown);
  set_enabled (self, "win.tour-next", shown);
  set_enabled (self, "win.tour-previous", shown);
  set_enabled (self, "win.go-back", shown && tupu_history_can_go_back (self->history));
  set_enabled (self, "win.go-forward", shown && tupu_history_can_go_forward (self->history));
}

/* Every window command, installed on the class. The engine, the glosses, the detail pane's and
 * the outline's visibility are window properties, so their actions carry their state. */
void
_tupu_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-builtin", NULL, open_builtin_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-one", NULL, zoom_one_action);
  gtk_widget_class_install_action (widget_class, "win.focus-branch", NULL, focus_branch_action);
  gtk_widget_class_install_action (widget_class, "win.leave-branch", NULL, leave_branch_action);
  gtk_widget_class_install_action (widget_class, "win.show-whole-graph", NULL,
                                   show_whole_graph_action);
  gtk_widget_class_install_action (widget_class, "win.select-concept", "s", select_concept_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-fold", NULL, toggle_fold_action);
  gtk_widget_class_install_action (widget_class, "win.expand-all", NULL, expand_all_action);
  gtk_widget_class_install_action (widget_class, "win.copy-label", "s", copy_label_action);
  gtk_widget_class_install_action (widget_class, "win.copy-passage", NULL, copy_passage_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-layout", NULL, cancel_layout_action);
  gtk_widget_class_install_action (widget_class, "win.show-levels", "u", show_levels_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-all-links", "show-all-links");
  gtk_widget_class_install_action (widget_class, "win.focus-next-pane", NULL,
                                   focus_next_pane_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-pane", NULL,
                                   focus_previous_pane_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, go_forward_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.search-for", NULL, search_for_action);
  gtk_widget_class_install_action (widget_class, "win.show-passage", "(siii)", show_passage_action);
  gtk_widget_class_install_action (widget_class, "win.tour-next", NULL, tour_next_action);
  gtk_widget_class_install_action (widget_class, "win.tour-previous", NULL, tour_previous_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-reading", "show-reading");
  gtk_widget_class_install_property_action (widget_class, "win.engine", "engine");
  gtk_widget_class_install_property_action (widget_class, "win.direction", "direction");
  gtk_widget_class_install_property_action (widget_class, "win.show-gloss", "show-gloss");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "show-details");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-outline", "show-outline");
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  /* GtkWindow's own property, so the action's state follows fullscreen however it was set. */
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");
}

/* Every accelerator of a command, the window's and the application's (tupu-application.c), in
 * one table. Set on the application, so menus show them. The canvas binds only its unmodified
 * keys (tupu-graph-view-input.c). */
void
tupu_window_set_accels (GtkApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[4];
  } accels[] = {
    { "app.new-window", { "<Control>n", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.reload", { "<Control>r", "F5", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.zoom-fit", { "<Control>0", "<Control>KP_0", NULL } },
    /* F9 is the sidebar, as in GNOME's apps; the second pane is Ctrl+F9, as in gedit's and
     * Eye of GNOME's. */
    { "win.toggle-outline", { "F9", NULL } },
    { "win.toggle-sidebar", { "<Control>F9", NULL } },
    /* The speech beside the graph: F8, next to the panes' F9. */
    { "win.show-reading", { "F8", NULL } },
    { "win.tour-next", { "<Alt>Page_Down", NULL } },
    { "win.tour-previous", { "<Alt>Page_Up", NULL } },
    { "win.go-back", { "<Alt>Left", "Back", NULL } },
    { "win.go-forward", { "<Alt>Right", "Forward", NULL } },
    { "win.focus-branch", { "<Alt>Down", NULL } },
    { "win.leave-branch", { "<Alt>Up", NULL } },
    { "win.show-whole-graph", { "<Alt>Home", NULL } },
    { "win.expand-all", { "<Control><Shift>e", NULL } },
    { "win.show-levels(uint32 0)", { "<Control><Shift>o", NULL } },
    { "win.show-all-links", { "<Control><Shift>l", NULL } },
    { "win.focus-next-pane", { "F6", NULL } },
    { "win.focus-previous-pane", { "<Shift>F6", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.practice", { "<Control>p", NULL } },
    { "win.show-progress", { "<Control><Shift>m", NULL } },
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

  g_assert (TUPU_IS_WINDOW (self));

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
