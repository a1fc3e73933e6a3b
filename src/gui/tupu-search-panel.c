/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-search-panel.c: see tupu-search-panel.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-gui-style.h"
#include "tupu-search-model.h"
#include "tupu-search-panel.h"

/* Characters of summary or passage shown either side of a match. */
#define SNIPPET_CONTEXT 14

struct _TupuSearchPanel
{
  GtkWidget parent_instance;

  /* Template children */
  GtkLabel    *status_label;
  GtkStack    *stack;
  GtkListView *list_view;

  TupuSearchModel    *model;
  GtkSingleSelection *selection;
};

enum
{
  CONCEPT_ACTIVATED,
  RESULTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TupuSearchPanel, tupu_search_panel, GTK_TYPE_WIDGET)

/* Rows */

/* The labels of a row, kept on its box. */
typedef struct
{
  GtkLabel *zh;
  GtkLabel *kind;
  GtkLabel *en;
  GtkLabel *snippet;
  GtkLabel *path;
} Row;

static GtkLabel *
row_label (GtkWidget *box, const char *first_class, const char *second_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  /* The panel is as wide as its rows want: long texts ellipsize rather than widen it. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  if (first_class != NULL)
    gtk_widget_add_css_class (label, first_class);
  if (second_class != NULL)
    gtk_widget_add_css_class (label, second_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  Row       *row = g_new0 (Row, 1);

  gtk_widget_add_css_class (box, "tupu-search-row");
  gtk_box_append (GTK_BOX (box), top);
  row->zh = row_label (top, "tupu-search-label", "zh");
  gtk_widget_set_hexpand (GTK_WIDGET (row->zh), TRUE);
  row->kind = row_label (top, "dim-label", "caption");
  row->en = row_label (box, "tupu-search-gloss", NULL);
  row->snippet = row_label (box, "caption", "tupu-search-snippet");
  row->path = row_label (box, "dim-label", "caption");
  gtk_label_set_ellipsize (row->path, PANGO_ELLIPSIZE_START);
  g_object_set_data_full (G_OBJECT (box), "tupu-row", row, g_free);
  gtk_list_item_set_child (item, box);
}

/* @text in @label, the bytes [@start, @end) highlighted as the canvas marks a match (bold, on
 * a yellow tint that keeps the text's contrast in light and dark). Plain text: never markup. */
static void
set_highlighted (GtkLabel *label, const char *text, guint start, guint end, gboolean zh)
{
  PangoAttrList *attrs = zh ? _tupu_gui_zh_attributes_new () : pango_attr_list_new ();
  if (start < end)
    {
      PangoAttribute *attr[] = {
        pango_attr_weight_new (PANGO_WEIGHT_BOLD),
        pango_attr_background_new (0xf6f6, 0xd3d3, 0x2d2d),
        pango_attr_background_alpha_new (0x5000),
      };

      for (guint i = 0; i < G_N_ELEMENTS (attr); i++)
        {
          attr[i]->start_index = start;
          attr[i]->end_index = end;
          pango_attr_list_insert (attrs, attr[i]);
        }
    }
  gtk_label_set_text (label, text);
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

static void
bind_snippet (Row *row, TupuGraph *graph, const TupuSearchMatch *match)
{
  const char      *text = tupu_search_match_text (graph, match);
  g_autofree char *snippet = NULL;
  guint            start, end;

  if (match->field < TUPU_SEARCH_FIELD_SUMMARY_ZH || text == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (row->snippet), FALSE);
      return;
    }
  snippet = tupu_search_dup_snippet (text, match->start, match->end, SNIPPET_CONTEXT, &start, &end);
  set_highlighted (row->snippet, snippet, start, end, match->field != TUPU_SEARCH_FIELD_SUMMARY_EN);
  gtk_widget_set_visible (GTK_WIDGET (row->snippet), TRUE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  TupuSearchPanel *self = user_data;
  Row             *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "tupu-row");
  TupuGraph       *graph = tupu_search_model_get_graph (self->model);
  const TupuSearchMatch *match =
      tupu_search_model_get_match (self->model, gtk_list_item_get_position (item));
  const TupuNode  *node;
  g_autofree char *path = NULL;
  gboolean         in_zh, in_en;

  if (match == NULL || graph == NULL)
    return;

  node = tupu_graph_get_node (graph, match->node);
  in_zh = match->field == TUPU_SEARCH_FIELD_LABEL_ZH;
  in_en = match->field == TUPU_SEARCH_FIELD_LABEL_EN;
  set_highlighted (row->zh, node->label_zh, in_zh ? match->start : 0, in_zh ? match->end : 0, TRUE);
  set_highlighted (row->en, node->label_en, in_en ? match->start : 0, in_en ? match->end : 0,
                   FALSE);
  gtk_label_set_text (row->kind, tupu_kind_display_name (node->kind));
  bind_snippet (row, graph, match);
  path = tupu_search_dup_path (graph, match->node);
  set_highlighted (row->path, path, 0, 0, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (row->path), *path != '\0');
}

/* Results */

static void
scroll_to (TupuSearchPanel *self, guint position)
{
  g_assert (TUPU_IS_SEARCH_PANEL (self));

  /* GTK 4.8 has no gtk_list_view_scroll_to() (4.12): its list base's action does it. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
update_status (TupuSearchPanel *self)
{
  guint            n = tupu_search_panel_get_n_results (self);
  g_autofree char *status = NULL;

  g_assert (TUPU_IS_SEARCH_PANEL (self));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "results" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), n > 0);
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u concept", "%u concepts", n), n);
  gtk_label_set_text (self->status_label, status);
}

static void
row_activated_cb (TupuSearchPanel *self, guint position)
{
  g_assert (TUPU_IS_SEARCH_PANEL (self));

  gtk_single_selection_set_selected (self->selection, position);
  tupu_search_panel_activate_cursor (self);
}

/* GObject */

static void
tupu_search_panel_dispose (GObject *object)
{
  TupuSearchPanel *self = TUPU_SEARCH_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_SEARCH_PANEL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (tupu_search_panel_parent_class)->dispose (object);
}

static void
tupu_search_panel_class_init (TupuSearchPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tupu_search_panel_dispose;

  /* The concept a row stands for was chosen (Enter in the entry, or a click); its id. */
  signals[CONCEPT_ACTIVATED] =
      g_signal_new ("concept-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A new query or graph gave new results (tupu_search_panel_dup_marked()). */
  signals[RESULTS_CHANGED] = g_signal_new ("results-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuSearchPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, TupuSearchPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TupuSearchPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tupusearchpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tupu_search_panel_init (TupuSearchPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);

  self->model = tupu_search_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Search Results"), -1);
  update_status (self);
}

/* Public API */

void
tupu_search_panel_set_graph (TupuSearchPanel *self, TupuGraph *graph)
{
  g_return_if_fail (TUPU_IS_SEARCH_PANEL (self));

  if (tupu_search_model_get_graph (self->model) == graph)
    return;
  tupu_search_model_set_graph (self->model, graph);
  update_status (self);
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
}

void
tupu_search_panel_set_query (TupuSearchPanel *self, const char *query)
{
  g_return_if_fail (TUPU_IS_SEARCH_PANEL (self));

  if (g_strcmp0 (tupu_search_model_get_query (self->model), query) == 0)
    return;
  tupu_search_model_set_query (self->model, query);
  if (tupu_search_panel_get_n_results (self) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      scroll_to (self, 0);
    }
  update_status (self);
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
}

const char *
tupu_search_panel_get_query (TupuSearchPanel *self)
{
  g_return_val_if_fail (TUPU_IS_SEARCH_PANEL (self), NULL);

  return tupu_search_model_get_query (self->model);
}

guint
tupu_search_panel_get_n_results (TupuSearchPanel *self)
{
  g_return_val_if_fail (TUPU_IS_SEARCH_PANEL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

GBytes *
tupu_search_panel_dup_marked (TupuSearchPanel *self)
{
  g_return_val_if_fail (TUPU_IS_SEARCH_PANEL (self), NULL);

  return tupu_search_model_dup_marked (self->model);
}

gboolean
tupu_search_panel_move_cursor (TupuSearchPanel *self, int delta)
{
  guint n, position;

  g_return_val_if_fail (TUPU_IS_SEARCH_PANEL (self), FALSE);

  n = tupu_search_panel_get_n_results (self);
  if (n == 0)
    return FALSE;
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (delta < 0)
    position = (guint)-delta > position ? 0 : position + delta;
  else
    position = MIN (position + (guint)delta, n - 1);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
  return TRUE;
}

guint
tupu_search_panel_get_cursor_position (TupuSearchPanel *self)
{
  g_return_val_if_fail (TUPU_IS_SEARCH_PANEL (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->selection);
}

const char *
tupu_search_panel_get_cursor_id (TupuSearchPanel *self)
{
  const TupuSearchMatch *match;
  guint                  position;

  g_return_val_if_fail (TUPU_IS_SEARCH_PANEL (self), NULL);

  position = gtk_single_selection_get_selected (self->selection);
  match = position != GTK_INVALID_LIST_POSITION
              ? tupu_search_model_get_match (self->model, position)
              : NULL;
  if (match == NULL)
    return NULL;
  return tupu_graph_get_node (tupu_search_model_get_graph (self->model), match->node)->id;
}

gboolean
tupu_search_panel_activate_cursor (TupuSearchPanel *self)
{
  const char *id;

  g_return_val_if_fail (TUPU_IS_SEARCH_PANEL (self), FALSE);

  id = tupu_search_panel_get_cursor_id (self);
  if (id == NULL)
    return FALSE;
  g_signal_emit (self, signals[CONCEPT_ACTIVATED], 0, id);
  return TRUE;
}
