/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-concept-study.c: see tupu-concept-study.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-concept-study.h"

/* A pause this long in typing saves the note (each save rewrites the whole store file). */
#define NOTE_SAVE_DELAY_MS 700

struct _TupuConceptStudy
{
  GtkWidget parent_instance;

  TupuStudyStore *store;
  char           *node_id;
  guint           save_source; /* the note's pending save */
  gboolean        note_dirty;  /* typed since the last save */
  gboolean        updating;    /* showing the store's state: not the student's edit */

  /* Template children */
  GtkWidget       *box;
  GtkToggleButton *new_button;
  GtkToggleButton *learning_button;
  GtkToggleButton *known_button;
  GtkLabel        *due_label;
  GtkTextView     *note_view;
};

enum
{
  PROP_0,
  PROP_STORE,
  PROP_NODE_ID,
  N_PROPS
};

enum
{
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TupuConceptStudy, tupu_concept_study, GTK_TYPE_WIDGET)

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
report (TupuConceptStudy *self, GError *error)
{
  if (error != NULL)
    g_signal_emit (self, signals[ERROR], 0, error);
}

/* Showing the store */

static char *
due_text (TupuConceptStudy *self)
{
  TupuFsrsCard     card;
  gboolean         manual = tupu_study_store_get_state_is_manual (self->store, self->node_id);
  g_autofree char *when = NULL;

  if (!tupu_study_store_get_card (self->store, self->node_id, &card))
    when = g_strdup (_ ("Not practised yet"));
  else if (card.due <= now_seconds ())
    when = g_strdup (_ ("Due for practice now"));
  else
    {
      g_autoptr (GDateTime) due = g_date_time_new_from_unix_local (card.due);
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      gboolean today = g_date_time_get_year (due) == g_date_time_get_year (now) &&
                       g_date_time_get_day_of_year (due) == g_date_time_get_day_of_year (now);
      g_autofree char *time = g_date_time_format (due, today ? "%H:%M" : "%x");

      when = g_strdup_printf (today ? _ ("Next practice today at %s") : _ ("Next practice on %s"),
                              time);
    }
  /* Translators: the state's explanation, then how it was set. */
  return manual ? g_strdup_printf (_ ("%s · State set by hand"), when) : g_steal_pointer (&when);
}

static void
show_state (TupuConceptStudy *self)
{
  TupuStudyState   state;
  GtkToggleButton *buttons[] = { self->new_button, self->learning_button, self->known_button };
  g_autofree char *due = NULL;

  if (self->store == NULL || self->node_id == NULL)
    return;
  state = tupu_study_store_get_state (self->store, self->node_id);
  self->updating = TRUE;
  gtk_toggle_button_set_active (buttons[state], TRUE);
  self->updating = FALSE;
  due = due_text (self);
  gtk_label_set_text (self->due_label, due);
}

static char *
note_text (TupuConceptStudy *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_note (TupuConceptStudy *self)
{
  const char      *note = "";
  g_autofree char *shown = note_text (self);

  if (self->store != NULL && self->node_id != NULL)
    note = tupu_study_store_get_note (self->store, self->node_id);
  if (strcmp (shown, note) == 0)
    return;
  self->updating = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note, -1);
  self->updating = FALSE;
}

static void
show_all (TupuConceptStudy *self)
{
  gtk_widget_set_visible (self->box, self->store != NULL && self->node_id != NULL);
  show_state (self);
  show_note (self);
}

/* Callbacks */

static void
store_changed_cb (TupuConceptStudy *self, const char *node_id)
{
  if (self->node_id == NULL || (node_id != NULL && strcmp (node_id, self->node_id) != 0))
    return;
  show_state (self);
  /* A note being typed is newer than the store's: it is saved in a moment. */
  if (!self->note_dirty)
    show_note (self);
}

static void
state_toggled_cb (TupuConceptStudy *self, GtkToggleButton *button)
{
  g_autoptr (GError) error = NULL;
  TupuStudyState state;

  if (self->updating || !gtk_toggle_button_get_active (button) || self->store == NULL ||
      self->node_id == NULL)
    return;
  state = button == self->known_button      ? TUPU_STUDY_STATE_KNOWN
          : button == self->learning_button ? TUPU_STUDY_STATE_LEARNING
                                            : TUPU_STUDY_STATE_NEW;
  if (!tupu_study_store_set_state (self->store, self->node_id, state, now_seconds (), &error))
    report (self, error);
  show_state (self);
}

/* The state buttons read as radio buttons (see the template): checked as they are active. */
static void
state_active_cb (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button), -1);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  TupuConceptStudy *self = user_data;

  self->save_source = 0;
  tupu_concept_study_flush (self);
  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (TupuConceptStudy *self)
{
  if (self->updating || self->store == NULL || self->node_id == NULL)
    return;
  self->note_dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (NOTE_SAVE_DELAY_MS, save_timeout_cb, self);
}

/* GObject */

static void
tupu_concept_study_dispose (GObject *object)
{
  TupuConceptStudy *self = TUPU_CONCEPT_STUDY (object);

  /* Closing the window with a note half-typed still keeps it. */
  tupu_concept_study_flush (self);
  tupu_concept_study_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_CONCEPT_STUDY);

  G_OBJECT_CLASS (tupu_concept_study_parent_class)->dispose (object);
}

static void
tupu_concept_study_finalize (GObject *object)
{
  TupuConceptStudy *self = TUPU_CONCEPT_STUDY (object);

  g_clear_pointer (&self->node_id, g_free);

  G_OBJECT_CLASS (tupu_concept_study_parent_class)->finalize (object);
}

static void
tupu_concept_study_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuConceptStudy *self = TUPU_CONCEPT_STUDY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_concept_study_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  TupuConceptStudy *self = TUPU_CONCEPT_STUDY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tupu_concept_study_set_store (self, g_value_get_object (value));
      break;
    case PROP_NODE_ID:
      tupu_concept_study_set_node_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_concept_study_class_init (TupuConceptStudyClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tupu_concept_study_dispose;
  object_class->finalize = tupu_concept_study_finalize;
  object_class->get_property = tupu_concept_study_get_property;
  object_class->set_property = tupu_concept_study_set_property;

  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, TUPU_TYPE_STUDY_STORE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE_ID] =
      g_param_spec_string ("node-id", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-concept-study.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuConceptStudy, box);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptStudy, new_button);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptStudy, learning_button);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptStudy, known_button);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptStudy, due_label);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptStudy, note_view);
  gtk_widget_class_bind_template_callback (widget_class, state_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tupuconceptstudy");
}

static void
tupu_concept_study_init (TupuConceptStudy *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < 3; i++)
    {
      GtkToggleButton *button =
          (GtkToggleButton *[]){ self->new_button, self->learning_button, self->known_button }[i];

      g_signal_connect (button, "notify::active", G_CALLBACK (state_active_cb), NULL);
      state_active_cb (button);
    }
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (note_changed_cb), self);
  /* Leaving the note saves it at once. */
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (tupu_concept_study_flush), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);
  /* Quitting does not always destroy the windows first: the note is kept then too. */
  if (g_application_get_default () != NULL)
    g_signal_connect_object (g_application_get_default (), "shutdown",
                             G_CALLBACK (tupu_concept_study_flush), self, G_CONNECT_SWAPPED);
  show_all (self);
}

/* Public API */

void
tupu_concept_study_set_store (TupuConceptStudy *self, TupuStudyStore *store)
{
  g_return_if_fail (TUPU_IS_CONCEPT_STUDY (self));
  g_return_if_fail (store == NULL || TUPU_IS_STUDY_STORE (store));

  if (self->store == store)
    return;
  tupu_concept_study_flush (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  show_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TupuStudyStore *
tupu_concept_study_get_store (TupuConceptStudy *self)
{
  g_return_val_if_fail (TUPU_IS_CONCEPT_STUDY (self), NULL);

  return self->store;
}

void
tupu_concept_study_set_node_id (TupuConceptStudy *self, const char *node_id)
{
  g_return_if_fail (TUPU_IS_CONCEPT_STUDY (self));

  if (g_strcmp0 (self->node_id, node_id) == 0)
    return;
  /* The note typed belongs to the concept shown until now. */
  tupu_concept_study_flush (self);
  g_free (self->node_id);
  self->node_id = g_strdup (node_id);
  show_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE_ID]);
}

const char *
tupu_concept_study_get_node_id (TupuConceptStudy *self)
{
  g_return_val_if_fail (TUPU_IS_CONCEPT_STUDY (self), NULL);

  return self->node_id;
}

void
tupu_concept_study_flush (TupuConceptStudy *self)
{
  g_autofree char *note = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (TUPU_IS_CONCEPT_STUDY (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->note_dirty || self->store == NULL || self->node_id == NULL)
    return;
  self->note_dirty = FALSE;
  note = note_text (self);
  if (!tupu_study_store_set_note (self->store, self->node_id, note, now_seconds (), &error))
    report (self, error);
}
