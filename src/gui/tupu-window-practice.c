/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-window-practice.c: practice in the window (win.practice, Ctrl+P).
 *
 * The practice panel takes the details' place beside the graph while a session runs (the details
 * would show the answers). Each question moves the graph: a question about a concept's members
 * selects the concept with its members folded away; a question whose answer is the concept or
 * its place (its parent, its English or Chinese, the passage that states it) selects nothing
 * until it is answered, and one between Chinese and English hides the glosses meanwhile. The
 * answer then selects the concept and unfolds its members. The speech (the Read view) is put away
 * while practising: its passages and their tooltips would answer the questions. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-a11y.h"
#include "tupu-window-private.h"

/* When Preferences has no daily limit of new concepts. */
#define DEFAULT_NEW_PER_DAY 20
#define NEW_PER_DAY_KEY "new-cards-per-day"

static gboolean
practising (TupuWindow *self)
{
  return self->practice_panel != NULL && gtk_widget_get_visible (GTK_WIDGET (self->practice_panel));
}

void
_tupu_window_update_side (TupuWindow *self)
{
  gboolean details = gtk_widget_get_visible (GTK_WIDGET (self->detail_pane));

  g_assert (TUPU_IS_WINDOW (self));

  if (self->side_stack == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->side_stack), details || practising (self));
  if (practising (self))
    gtk_stack_set_visible_child_name (self->side_stack, "practice");
  else if (details)
    gtk_stack_set_visible_child_name (self->side_stack, "details");
}

/* The daily limit of new concepts, from Preferences when it has one. */
static guint
new_per_day (TupuWindow *self)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (schema != NULL && g_settings_schema_has_key (schema, NEW_PER_DAY_KEY))
    return g_settings_get_uint (self->settings, NEW_PER_DAY_KEY);
  return DEFAULT_NEW_PER_DAY;
}

static void connect_practice_panel (TupuWindow *self);

/* Built when a session first starts, not with the window: most windows never practise, and the
 * panel (the largest template after the window's) held back the window's first frame. */
static TupuPracticePanel *
ensure_practice_panel (TupuWindow *self)
{
  if (self->practice_panel == NULL)
    {
      self->practice_panel = g_object_new (TUPU_TYPE_PRACTICE_PANEL, "visible", FALSE, NULL);
      gtk_stack_add_named (self->side_stack, GTK_WIDGET (self->practice_panel), "practice");
      _tupu_a11y_fix_mnemonic_names (GTK_WIDGET (self->practice_panel));
      connect_practice_panel (self);
    }
  return self->practice_panel;
}

static void
practice_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuWindow *self = TUPU_WINDOW (widget);

  /* The store comes with the graph (tupu-window-study.c). */
  if (self->graph == NULL || self->study_store == NULL)
    return;
  if (!practising (self) || !tupu_practice_panel_is_asking (self->practice_panel))
    {
      gboolean reading;

      g_object_get (self, "show-reading", &reading, NULL);
      if (reading)
        {
          self->practice_hid_reading = TRUE;
          g_object_set (self, "show-reading", FALSE, NULL);
        }
      tupu_practice_panel_start (ensure_practice_panel (self), self->study_store,
                                 new_per_day (self));
      gtk_widget_set_visible (GTK_WIDGET (self->practice_panel), TRUE);
      _tupu_window_update_side (self);
    }
  tupu_practice_panel_focus (self->practice_panel);
}

/* The graph follows the questions */

/* The glosses as Preferences has them (a question about them hides them for a while; the
 * window's show-gloss property reads the view, so the setting says what they should be). */
static void
restore_glosses (TupuWindow *self)
{
  tupu_graph_view_set_show_gloss (self->graph_view,
                                  g_settings_get_boolean (self->settings, "show-gloss"));
}

static void
concept_asked_cb (TupuPracticePanel *panel, const char *id, int kind, TupuWindow *self)
{
  if (kind == TUPU_QUESTION_MEMBERS || kind == TUPU_QUESTION_ORDER)
    {
      restore_glosses (self);
      tupu_graph_view_select (self->graph_view, id, TRUE);
      if (tupu_graph_view_can_fold (self->graph_view, id))
        {
          g_free (self->practice_folded_id);
          self->practice_folded_id = g_strdup (id);
          self->practice_was_unfolded = !tupu_graph_view_get_node_folded (self->graph_view, id);
          tupu_graph_view_set_node_folded (self->graph_view, id, TRUE);
        }
      return;
    }
  /* The concept itself, or where it belongs, is the answer: nothing selected; and the graph's
   * English glosses beside the Chinese would answer the questions between the two. */
  tupu_graph_view_select (self->graph_view, NULL, FALSE);
  if (kind == TUPU_QUESTION_ENGLISH || kind == TUPU_QUESTION_CHINESE)
    tupu_graph_view_set_show_gloss (self->graph_view, FALSE);
  else
    restore_glosses (self);
}

static void
concept_answered_cb (TupuPracticePanel *panel, const char *id, TupuWindow *self)
{
  g_clear_pointer (&self->practice_folded_id, g_free);
  restore_glosses (self);
  tupu_graph_view_select (self->graph_view, id, TRUE);
  if (tupu_graph_view_can_fold (self->graph_view, id))
    tupu_graph_view_set_node_folded (self->graph_view, id, FALSE);
}

static void
session_ended_cb (TupuPracticePanel *panel, TupuWindow *self)
{
  restore_glosses (self);
  /* Stopped before the answer: the members the question hid come back as they were. */
  if (self->practice_folded_id != NULL && self->practice_was_unfolded)
    tupu_graph_view_set_node_folded (self->graph_view, self->practice_folded_id, FALSE);
  g_clear_pointer (&self->practice_folded_id, g_free);
}

static void
save_failed_cb (TupuPracticePanel *panel, const char *message, TupuWindow *self)
{
  _tupu_window_toast (self, message);
}

static void
practice_closed_cb (TupuPracticePanel *panel, TupuWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->practice_panel), FALSE);
  restore_glosses (self);
  if (self->practice_hid_reading)
    g_object_set (self, "show-reading", TRUE, NULL);
  self->practice_hid_reading = FALSE;
  _tupu_window_update_side (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

/* Another graph shown: a session on the one before ends (its reviews are kept in its own store);
 * a reload of the same graph goes on with it. */
static void
graph_changed_cb (TupuWindow *self)
{
  TupuPracticeSession *session;

  if (self->practice_panel == NULL)
    return;
  session = tupu_practice_panel_get_session (self->practice_panel);
  if (session == NULL || !tupu_practice_panel_is_asking (self->practice_panel))
    return;
  if (self->graph == NULL ||
      g_strcmp0 (tupu_graph_get_id (self->graph),
                 tupu_graph_get_id (tupu_practice_session_get_graph (session))) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self->practice_panel), "practice.stop", NULL);
}

void
_tupu_window_class_practice_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.practice", NULL, practice_action);
}

static void
connect_practice_panel (TupuWindow *self)
{
  g_signal_connect (self->practice_panel, "concept-asked", G_CALLBACK (concept_asked_cb), self);
  g_signal_connect (self->practice_panel, "concept-answered", G_CALLBACK (concept_answered_cb),
                    self);
  g_signal_connect (self->practice_panel, "save-failed", G_CALLBACK (save_failed_cb), self);
  g_signal_connect (self->practice_panel, "session-ended", G_CALLBACK (session_ended_cb), self);
  g_signal_connect (self->practice_panel, "closed", G_CALLBACK (practice_closed_cb), self);
}

void
_tupu_window_practice_init (TupuWindow *self)
{
  g_signal_connect (self, "notify::graph", G_CALLBACK (graph_changed_cb), NULL);
  _tupu_window_update_side (self);
}

void
_tupu_window_practice_dispose (TupuWindow *self)
{
  /* The side stack owns the panel. */
  if (self->practice_panel != NULL)
    g_signal_handlers_disconnect_by_data (self->practice_panel, self);
  self->practice_panel = NULL;
  g_clear_pointer (&self->practice_folded_id, g_free);
}
