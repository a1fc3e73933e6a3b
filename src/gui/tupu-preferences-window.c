/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-preferences-window.c: the preferences, each row bound to its GSettings key. The windows
 * bind the same keys (tupu-window.c) and the application applies the colour scheme
 * (tupu-application.c), so nothing here talks to them. */
#include "config.h"

#include "tupu-preferences-window.h"

struct _TupuPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template children */
  AdwComboRow   *color_scheme_row;
  GtkSwitch     *gloss_switch;
  AdwComboRow   *engine_row;
  AdwComboRow   *direction_row;
  GtkSpinButton *new_cards_spin;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (TupuPreferencesWindow, tupu_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The keys' choices, in the order of the rows' items (ui/tupu-preferences-window.ui). */
static const char *const color_schemes[] = { "default", "light", "dark", NULL };
static const char *const engines[] = { "dot", "neato", "fdp", "sfdp", "circo", "twopi", NULL };
static const char *const directions[] = { "lr", "tb", NULL };

/* Helpers */

/* A string key's value to the index of a combo row's item; @user_data: the choices. */
static gboolean
choice_to_index (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *const *choices = user_data;
  const char        *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], choice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_choice (const GValue *value, const GVariantType *expected_type, gpointer user_data)
{
  const char *const *choices = user_data;
  guint              index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **)choices))
    return NULL;
  return g_variant_new_string (choices[index]);
}

static void
bind_choices (TupuPreferencesWindow *self, const char *key, AdwComboRow *row,
              const char *const *choices)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_to_index, index_to_choice, (gpointer)choices, NULL);
}

/* Only dot has a direction: the row is dimmed under the other engines. */
static void
engine_changed_cb (TupuPreferencesWindow *self)
{
  g_assert (TUPU_IS_PREFERENCES_WINDOW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->direction_row),
                            adw_combo_row_get_selected (self->engine_row) == 0);
}

/* Vfuncs */

static void
tupu_preferences_window_dispose (GObject *object)
{
  TupuPreferencesWindow *self = TUPU_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tupu_preferences_window_parent_class)->dispose (object);
}

static void
tupu_preferences_window_class_init (TupuPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tupu_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, TupuPreferencesWindow, gloss_switch);
  gtk_widget_class_bind_template_child (widget_class, TupuPreferencesWindow, engine_row);
  gtk_widget_class_bind_template_child (widget_class, TupuPreferencesWindow, direction_row);
  gtk_widget_class_bind_template_child (widget_class, TupuPreferencesWindow, new_cards_spin);
}

static void
tupu_preferences_window_init (TupuPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  bind_choices (self, "color-scheme", self->color_scheme_row, color_schemes);
  bind_choices (self, "engine", self->engine_row, engines);
  bind_choices (self, "direction", self->direction_row, directions);
  g_settings_bind (self->settings, "show-gloss", self->gloss_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "new-cards-per-day", self->new_cards_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->engine_row, "notify::selected", G_CALLBACK (engine_changed_cb),
                           self, G_CONNECT_SWAPPED);
  engine_changed_cb (self);
}

/* Public API */

TupuPreferencesWindow *
tupu_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (TUPU_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal",
                       parent != NULL, NULL);
}
