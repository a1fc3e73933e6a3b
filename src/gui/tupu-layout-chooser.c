/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-layout-chooser.c: see tupu-layout-chooser.h. The rows drive the window's win.engine and
 * win.direction actions, so the main menu, the preferences and this control stay one state. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tupu-layout-chooser.h"

struct _TupuLayoutChooser
{
  GtkWidget parent_instance;

  TupuGraphView *view;
  GtkWidget     *rows[TUPU_N_ENGINES];

  /* Template children */
  GtkListBox *engine_list;
  GtkWidget  *direction_row;
};

G_DEFINE_FINAL_TYPE (TupuLayoutChooser, tupu_layout_chooser, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The same names as the main menu's Layout section, mnemonics included. */
static const char *const engine_titles[TUPU_N_ENGINES] = {
  [TUPU_ENGINE_DOT] = N_ ("_Hierarchy (dot)"),      [TUPU_ENGINE_NEATO] = N_ ("Spri_ng (neato)"),
  [TUPU_ENGINE_FDP] = N_ ("_Force-Directed (fdp)"), [TUPU_ENGINE_SFDP] = N_ ("_Large Graph (sfdp)"),
  [TUPU_ENGINE_CIRCO] = N_ ("_Circular (circo)"),   [TUPU_ENGINE_TWOPI] = N_ ("R_adial (twopi)"),
};

static void
build_rows (TupuLayoutChooser *self)
{
  GtkWidget *group = NULL;

  g_assert (TUPU_IS_LAYOUT_CHOOSER (self));

  for (TupuEngine engine = 0; engine < TUPU_N_ENGINES; engine++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ (engine_titles[engine]));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "s",
                                        tupu_engine_to_string (engine));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "win.engine");
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->engine_list, row);
      self->rows[engine] = row;
      group = check;
    }
}

/* What the view would lay out now (its branch and folds), with @engine. */
static void
view_options (TupuLayoutChooser *self, TupuEngine engine, TupuLayoutOptions *options)
{
  TupuGraph  *graph = tupu_graph_view_get_graph (self->view);
  const char *root_id = tupu_graph_view_get_root_id (self->view);

  g_assert (TUPU_IS_LAYOUT_CHOOSER (self));

  tupu_layout_options_init (options);
  options->engine = engine;
  options->show_gloss = tupu_graph_view_get_show_gloss (self->view);
  options->root = root_id != NULL ? tupu_graph_lookup (graph, root_id) : -1;
  options->folded = tupu_graph_view_get_folded (self->view); /* borrowed */
}

/* Engines whose caps refuse what is shown are unavailable, their refusal as the subtitle; the
 * direction only applies to dot. */
static void
update (TupuLayoutChooser *self)
{
  TupuGraph *graph;

  g_assert (TUPU_IS_LAYOUT_CHOOSER (self));

  if (self->view == NULL)
    return;
  graph = tupu_graph_view_get_graph (self->view);
  for (TupuEngine engine = 0; engine < TUPU_N_ENGINES; engine++)
    {
      g_autoptr (GError) refusal = NULL;
      TupuLayoutOptions options;
      gboolean          ok = TRUE;

      if (graph != NULL)
        {
          view_options (self, engine, &options);
          ok = tupu_layout_check_limits (graph, &options, &refusal);
        }
      gtk_widget_set_sensitive (self->rows[engine], ok);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[engine]), ok ? "" : refusal->message);
    }
  gtk_widget_set_sensitive (self->direction_row,
                            tupu_graph_view_get_engine (self->view) == TUPU_ENGINE_DOT);
}

static void
tupu_layout_chooser_map (GtkWidget *widget)
{
  update (TUPU_LAYOUT_CHOOSER (widget));
  GTK_WIDGET_CLASS (tupu_layout_chooser_parent_class)->map (widget);
}

static void
tupu_layout_chooser_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuLayoutChooser *self = TUPU_LAYOUT_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_layout_chooser_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  TupuLayoutChooser *self = TUPU_LAYOUT_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      tupu_layout_chooser_set_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_layout_chooser_dispose (GObject *object)
{
  TupuLayoutChooser *self = TUPU_LAYOUT_CHOOSER (object);

  GtkWidget *child;

  tupu_layout_chooser_set_view (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_LAYOUT_CHOOSER);
  /* The template's box has no id, so disposing the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (tupu_layout_chooser_parent_class)->dispose (object);
}

static void
tupu_layout_chooser_class_init (TupuLayoutChooserClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tupu_layout_chooser_get_property;
  object_class->set_property = tupu_layout_chooser_set_property;
  object_class->dispose = tupu_layout_chooser_dispose;
  widget_class->map = tupu_layout_chooser_map;

  properties[PROP_VIEW] =
      g_param_spec_object ("view", NULL, NULL, TUPU_TYPE_GRAPH_VIEW,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-layout-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuLayoutChooser, engine_list);
  gtk_widget_class_bind_template_child (widget_class, TupuLayoutChooser, direction_row);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tupu_layout_chooser_init (TupuLayoutChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
}

GtkWidget *
tupu_layout_chooser_new (void)
{
  return g_object_new (TUPU_TYPE_LAYOUT_CHOOSER, NULL);
}

void
tupu_layout_chooser_set_view (TupuLayoutChooser *self, TupuGraphView *view)
{
  g_return_if_fail (TUPU_IS_LAYOUT_CHOOSER (self));
  g_return_if_fail (view == NULL || TUPU_IS_GRAPH_VIEW (view));

  if (self->view == view)
    return;
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_swapped (view, "notify::engine", G_CALLBACK (update), self);
      g_signal_connect_swapped (view, "notify::layout", G_CALLBACK (update), self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

TupuGraphView *
tupu_layout_chooser_get_view (TupuLayoutChooser *self)
{
  g_return_val_if_fail (TUPU_IS_LAYOUT_CHOOSER (self), NULL);

  return self->view;
}
