/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-breadcrumb.c: see tupu-breadcrumb.h. The crumbs are rebuilt on every change: a path is a
 * handful of buttons. Labels ellipsize, so a deep path fits the width it is given. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-a11y.h"
#include "tupu-breadcrumb.h"
#include "tupu-gui-style.h"

/* Characters of an ancestor's label shown before it is ellipsized; the concept's own gets more. */
#define CRUMB_CHARS 12
#define LAST_CRUMB_CHARS 24

struct _TupuBreadcrumb
{
  GtkWidget parent_instance;

  TupuGraph *graph;
  char      *node_id;
};

G_DEFINE_FINAL_TYPE (TupuBreadcrumb, tupu_breadcrumb, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_GRAPH,
  PROP_NODE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static GtkWidget *
new_crumb (const TupuNode *node, gboolean last)
{
  GtkWidget       *button = gtk_button_new ();
  GtkWidget       *label = gtk_label_new (node->label_zh);
  g_autofree char *name = _tupu_a11y_node_name (node);

  _tupu_gui_set_zh_language (GTK_LABEL (label));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), last ? LAST_CRUMB_CHARS : CRUMB_CHARS);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "zh");
  gtk_button_set_child (GTK_BUTTON (button), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "tupu-crumb");
  if (last)
    gtk_widget_add_css_class (button, "tupu-crumb-current");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.select-concept");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (node->id));
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

static GtkWidget *
new_separator (void)
{
  GtkWidget *separator = gtk_label_new ("›");

  gtk_widget_add_css_class (separator, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (separator), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return separator;
}

static void
rebuild (TupuBreadcrumb *self)
{
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkWidget *child, *last = NULL;
  int        index;
  gboolean   had_focus =
      (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;

  g_assert (TUPU_IS_BREADCRUMB (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  index = self->graph != NULL && self->node_id != NULL
              ? tupu_graph_lookup (self->graph, self->node_id)
              : -1;
  gtk_widget_set_visible (GTK_WIDGET (self), index >= 0);
  for (int a = index; a >= 0; a = tupu_graph_get_node (self->graph, a)->parent)
    g_array_prepend_val (path, a);

  for (guint i = 0; i < path->len; i++)
    {
      const TupuNode *node = tupu_graph_get_node (self->graph, g_array_index (path, guint, i));

      if (i > 0)
        gtk_widget_set_parent (new_separator (), GTK_WIDGET (self));
      last = new_crumb (node, i + 1 == path->len);
      gtk_widget_set_parent (last, GTK_WIDGET (self));
    }
  /* A crumb chosen from the keyboard is gone with the old path: the focus goes on to the concept
   * it selected, now the last crumb, rather than being lost. */
  if (had_focus && last != NULL)
    gtk_widget_grab_focus (last);
}

/* Vfuncs */

static void
tupu_breadcrumb_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuBreadcrumb *self = TUPU_BREADCRUMB (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_breadcrumb_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  TupuBreadcrumb *self = TUPU_BREADCRUMB (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      tupu_breadcrumb_set_graph (self, g_value_get_object (value));
      break;
    case PROP_NODE_ID:
      tupu_breadcrumb_set_node_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_breadcrumb_dispose (GObject *object)
{
  TupuBreadcrumb *self = TUPU_BREADCRUMB (object);
  GtkWidget      *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->graph);

  G_OBJECT_CLASS (tupu_breadcrumb_parent_class)->dispose (object);
}

static void
tupu_breadcrumb_finalize (GObject *object)
{
  TupuBreadcrumb *self = TUPU_BREADCRUMB (object);

  g_clear_pointer (&self->node_id, g_free);

  G_OBJECT_CLASS (tupu_breadcrumb_parent_class)->finalize (object);
}

static void
tupu_breadcrumb_class_init (TupuBreadcrumbClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags     rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tupu_breadcrumb_get_property;
  object_class->set_property = tupu_breadcrumb_set_property;
  object_class->dispose = tupu_breadcrumb_dispose;
  object_class->finalize = tupu_breadcrumb_finalize;

  properties[PROP_GRAPH] = g_param_spec_object ("graph", NULL, NULL, TUPU_TYPE_GRAPH, rw);
  properties[PROP_NODE_ID] = g_param_spec_string ("node-id", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tupubreadcrumb");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_NAVIGATION);
}

static void
tupu_breadcrumb_init (TupuBreadcrumb *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Path of the selected concept"), -1);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API */

GtkWidget *
tupu_breadcrumb_new (void)
{
  return g_object_new (TUPU_TYPE_BREADCRUMB, NULL);
}

void
tupu_breadcrumb_set_graph (TupuBreadcrumb *self, TupuGraph *graph)
{
  g_return_if_fail (TUPU_IS_BREADCRUMB (self));
  g_return_if_fail (graph == NULL || TUPU_IS_GRAPH (graph));

  /* A reload brings a new graph object, whose labels may have changed. */
  if (g_set_object (&self->graph, graph))
    {
      rebuild (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
    }
}

TupuGraph *
tupu_breadcrumb_get_graph (TupuBreadcrumb *self)
{
  g_return_val_if_fail (TUPU_IS_BREADCRUMB (self), NULL);

  return self->graph;
}

void
tupu_breadcrumb_set_node_id (TupuBreadcrumb *self, const char *node_id)
{
  g_return_if_fail (TUPU_IS_BREADCRUMB (self));

  if (g_strcmp0 (self->node_id, node_id) == 0)
    return;

  g_free (self->node_id);
  self->node_id = g_strdup (node_id);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE_ID]);
}

const char *
tupu_breadcrumb_get_node_id (TupuBreadcrumb *self)
{
  g_return_val_if_fail (TUPU_IS_BREADCRUMB (self), NULL);

  return self->node_id;
}
