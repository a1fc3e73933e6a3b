/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-detail-pane.c: the selected concept's entry (TupuConceptPage), or with none selected a
 * start page: the graph's title, its size, and its root and parts one click away.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tupu-a11y.h"
#include "tupu-concept-page.h"
#include "tupu-detail-pane.h"
#include "tupu-gui-style.h"

/* The pane's width: a comfortable reading measure beside the graph. */
#define READING_WIDTH 360

struct _TupuDetailPane
{
  GtkWidget parent_instance;

  TupuGraph      *graph;
  char           *node_id;
  TupuStudyStore *study_store;
  /* Built when a concept is first shown (see concept_page()). */
  TupuConceptPage *concept_page;

  /* Template children */
  GtkStack      *stack;
  AdwStatusPage *start_page;
  GtkListBox    *start_list;
};

G_DEFINE_FINAL_TYPE (TupuDetailPane, tupu_detail_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_GRAPH,
  PROP_NODE_ID,
  PROP_STUDY_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  STUDY_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Text helpers */

/* The first label under @widget with @css_class, depth first. */
static GtkLabel *
find_label (GtkWidget *widget, const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child, css_class);

      if (label != NULL)
        return label;
    }
  return NULL;
}
/* A row of the start page that selects concept @node (win.select-concept). */
static GtkWidget *
start_label_new (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_inscription_new (text);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  if (g_str_equal (css_class, "zh"))
    {
      PangoAttrList *attrs = _tupu_gui_zh_attributes_new ();

      gtk_inscription_set_attributes (GTK_INSCRIPTION (label), attrs);
      pango_attr_list_unref (attrs);
    }
  return label;
}

/* A row of the start page. Not an AdwActionRow: its labels wrap, and GTK 4.8 lays a wrapping
 * label out again for every width the window's first size negotiation tries, which made these
 * seven rows cost more than the whole graph's first paint (benchmarks/README.md, first frame).
 * One line each, ellipsized, with the full text in the accessible name and tooltip; and
 * inscriptions, not labels, which GTK sizes from character counts rather than by laying their
 * text out for every size asked (a quarter of the pane's first measure). */
static GtkWidget *
start_row_new (const TupuNode *node)
{
  GtkWidget       *row = gtk_list_box_row_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget       *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget       *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *name = NULL;

  name = node->label_en != NULL ? g_strdup_printf ("%s (%s)", node->label_zh, node->label_en)
                                : g_strdup (node->label_zh);
  gtk_widget_add_css_class (box, "tupu-start-row");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), start_label_new (node->label_zh, "zh"));
  if (node->label_en != NULL)
    gtk_box_append (GTK_BOX (text), start_label_new (node->label_en, "subtitle"));
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.select-concept");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", node->id);
  return row;
}

/* With nothing selected the pane is where a newcomer starts: the graph's title, its size, and
 * its root and parts one click away, rather than a third of the window left empty. */
static void
update_start_page (TupuDetailPane *self)
{
  GtkWidget       *child;
  const TupuNode  *root;
  g_autofree char *description = NULL;
  guint            n;

  g_assert (TUPU_IS_DETAIL_PANE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->start_list))) != NULL)
    gtk_list_box_remove (self->start_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->start_list), self->graph != NULL);
  if (self->graph == NULL)
    {
      adw_status_page_set_title (self->start_page, _ ("No Concept Selected"));
      adw_status_page_set_description (self->start_page, _ ("Select a concept to read about it"));
      return;
    }

  n = tupu_graph_get_n_nodes (self->graph);
  root = tupu_graph_get_node (self->graph, tupu_graph_get_root (self->graph));
  /* AdwStatusPage's title is plain text; its description is markup. */
  adw_status_page_set_title (self->start_page, tupu_graph_get_title_zh (self->graph));
  description = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "%u concept. Select one in the graph to read about it, or start here:",
                   "%u concepts. Select one in the graph to read about it, or start here:", n),
      n);
  adw_status_page_set_description (self->start_page, description);
  gtk_list_box_append (self->start_list, start_row_new (root));
  for (guint i = 0; root->children != NULL && i < root->children->len; i++)
    gtk_list_box_append (self->start_list,
                         start_row_new (tupu_graph_get_node (
                             self->graph, g_array_index (root->children, guint, i))));
}

static void
study_error_cb (TupuDetailPane *self, const GError *error)
{
  g_assert (TUPU_IS_DETAIL_PANE (self));

  g_signal_emit (self, signals[STUDY_ERROR], 0, error);
}

/* The concept page, built the first time a concept is shown: most windows open on the start
 * page, and building the page would cost their first frame some 12 M instructions. */
static TupuConceptPage *
concept_page (TupuDetailPane *self)
{
  TupuConceptStudy *study;

  g_assert (TUPU_IS_DETAIL_PANE (self));

  if (self->concept_page != NULL)
    return self->concept_page;

  self->concept_page = TUPU_CONCEPT_PAGE (tupu_concept_page_new ());
  study = tupu_concept_page_get_study (self->concept_page);
  tupu_concept_study_set_store (study, self->study_store);
  g_signal_connect_object (study, "error", G_CALLBACK (study_error_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->concept_page), "concept");
  return self->concept_page;
}

static void
update (TupuDetailPane *self)
{
  int      index = -1;
  gboolean focus_in_pane;

  g_assert (TUPU_IS_DETAIL_PANE (self));

  if (self->graph != NULL && self->node_id != NULL)
    index = tupu_graph_lookup (self->graph, self->node_id);

  if (index < 0)
    {
      if (self->concept_page != NULL)
        tupu_concept_page_clear (self->concept_page);
      update_start_page (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* A link was followed (on either page) or a key pressed in the pane changed the selection:
   * the focus goes to the new concept's title. A selection made elsewhere leaves it be. */
  focus_in_pane =
      (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (concept_page (self)));
  tupu_concept_page_show_node (self->concept_page, self->graph,
                               tupu_graph_get_node (self->graph, index), focus_in_pane);
}

/* Vfuncs */

/* A reading measure: whatever the text, the pane asks for READING_WIDTH beside the graph (as its
 * minimum too, since GtkPaned places its handle by the minimum of a non-resizing child). */
static void
tupu_detail_pane_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                          int *natural, int *minimum_baseline, int *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (*minimum, READING_WIDTH);
      *natural = *minimum;
    }
}

static void
tupu_detail_pane_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static void
tupu_detail_pane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuDetailPane *self = TUPU_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;
    case PROP_STUDY_STORE:
      g_value_set_object (value, self->study_store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_detail_pane_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  TupuDetailPane *self = TUPU_DETAIL_PANE (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      tupu_detail_pane_set_graph (self, g_value_get_object (value));
      break;
    case PROP_NODE_ID:
      tupu_detail_pane_set_node_id (self, g_value_get_string (value));
      break;
    case PROP_STUDY_STORE:
      tupu_detail_pane_set_study_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_detail_pane_dispose (GObject *object)
{
  TupuDetailPane *self = TUPU_DETAIL_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_DETAIL_PANE);
  g_clear_object (&self->graph);
  g_clear_object (&self->study_store);

  G_OBJECT_CLASS (tupu_detail_pane_parent_class)->dispose (object);
}

static void
tupu_detail_pane_finalize (GObject *object)
{
  TupuDetailPane *self = TUPU_DETAIL_PANE (object);

  g_clear_pointer (&self->node_id, g_free);

  G_OBJECT_CLASS (tupu_detail_pane_parent_class)->finalize (object);
}

static void
tupu_detail_pane_class_init (TupuDetailPaneClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tupu_detail_pane_get_property;
  object_class->set_property = tupu_detail_pane_set_property;
  object_class->dispose = tupu_detail_pane_dispose;
  object_class->finalize = tupu_detail_pane_finalize;

  widget_class->measure = tupu_detail_pane_measure;
  widget_class->size_allocate = tupu_detail_pane_size_allocate;

  properties[PROP_GRAPH] =
      g_param_spec_object ("graph", NULL, NULL, TUPU_TYPE_GRAPH,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE_ID] =
      g_param_spec_string ("node-id", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STUDY_STORE] =
      g_param_spec_object ("study-store", NULL, NULL, TUPU_TYPE_STUDY_STORE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STUDY_ERROR] = g_signal_new ("study-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, TupuDetailPane, start_page);
  gtk_widget_class_bind_template_child (widget_class, TupuDetailPane, start_list);

  gtk_widget_class_set_css_name (widget_class, "tupudetailpane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tupu_detail_pane_init (TupuDetailPane *self)
{
  GtkLabel *title;

  g_assert (TUPU_IS_DETAIL_PANE (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  _tupu_a11y_fix_mnemonic_names (GTK_WIDGET (self));

  /* The start page's title is the graph's Chinese title; AdwStatusPage has no way to give it a
   * language, so its title label gets one (an English title is drawn the same either way). */
  if ((title = find_label (GTK_WIDGET (self->start_page), "title")) != NULL)
    _tupu_gui_set_zh_language (title);
}

/* Public API */

GtkWidget *
tupu_detail_pane_new (void)
{
  return g_object_new (TUPU_TYPE_DETAIL_PANE, NULL);
}

void
tupu_detail_pane_set_graph (TupuDetailPane *self, TupuGraph *graph)
{
  g_return_if_fail (TUPU_IS_DETAIL_PANE (self));
  g_return_if_fail (graph == NULL || TUPU_IS_GRAPH (graph));

  /* A reload brings a new graph object: always rebuild, the content may have changed. */
  if (g_set_object (&self->graph, graph))
    {
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
    }
}

TupuGraph *
tupu_detail_pane_get_graph (TupuDetailPane *self)
{
  g_return_val_if_fail (TUPU_IS_DETAIL_PANE (self), NULL);

  return self->graph;
}

void
tupu_detail_pane_set_node_id (TupuDetailPane *self, const char *node_id)
{
  g_return_if_fail (TUPU_IS_DETAIL_PANE (self));

  if (g_strcmp0 (self->node_id, node_id) == 0)
    return;

  g_free (self->node_id);
  self->node_id = g_strdup (node_id);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE_ID]);
}

const char *
tupu_detail_pane_get_node_id (TupuDetailPane *self)
{
  g_return_val_if_fail (TUPU_IS_DETAIL_PANE (self), NULL);

  return self->node_id;
}

gboolean
tupu_detail_pane_focus_title (TupuDetailPane *self)
{
  g_return_val_if_fail (TUPU_IS_DETAIL_PANE (self), FALSE);

  if (!gtk_widget_is_visible (GTK_WIDGET (self)) || self->concept_page == NULL ||
      gtk_stack_get_visible_child (self->stack) != GTK_WIDGET (self->concept_page))
    return FALSE;
  return tupu_concept_page_focus_title (self->concept_page);
}

void
tupu_detail_pane_set_study_store (TupuDetailPane *self, TupuStudyStore *store)
{
  g_return_if_fail (TUPU_IS_DETAIL_PANE (self));
  g_return_if_fail (store == NULL || TUPU_IS_STUDY_STORE (store));

  if (!g_set_object (&self->study_store, store))
    return;
  if (self->concept_page != NULL)
    tupu_concept_study_set_store (tupu_concept_page_get_study (self->concept_page), store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STUDY_STORE]);
}

TupuStudyStore *
tupu_detail_pane_get_study_store (TupuDetailPane *self)
{
  g_return_val_if_fail (TUPU_IS_DETAIL_PANE (self), NULL);

  return self->study_store;
}

TupuConceptStudy *
tupu_detail_pane_get_study (TupuDetailPane *self)
{
  g_return_val_if_fail (TUPU_IS_DETAIL_PANE (self), NULL);

  return self->concept_page != NULL ? tupu_concept_page_get_study (self->concept_page) : NULL;
}
