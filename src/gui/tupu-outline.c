/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-outline.c: the part-of tree as a GtkListView over a GtkTreeListModel.
 *
 * Each row's item is the concept's id (a GtkStringObject); a row's children are made only when
 * it is first expanded, so a graph of thousands of concepts costs only the rows one opens.
 * Two ways a row gets selected, kept apart: the reader's (a click, the arrows, typing), which
 * activates win.select-concept; and the window's (a selection made in the graph), made while
 * "syncing" is set so that it activates nothing. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tupu-a11y.h"
#include "tupu-gui-style.h"
#include "tupu-outline.h"
#include "tupu-style.h"

/* The sidebar's widths: wide enough for a label and its gloss, never crowding the graph. */
#define MIN_WIDTH 220
#define NATURAL_WIDTH 300
#define CHIP_SIZE 10

struct _TupuOutline
{
  GtkWidget parent_instance;

  TupuGraph          *graph;
  char               *selected_id;
  gboolean            show_gloss;
  TupuStudyStore     *study_store; /* each part's progress, or NULL */
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  gboolean            syncing;        /* selecting for the window, not for the reader */
  guint               focus_tick_id;  /* waits for a row scrolled to, to give it the focus */
  guint               focus_position; /* that row */
  guint               focus_frames;   /* frames waited so far */

  /* Template children */
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkListView    *list_view;
};

G_DEFINE_FINAL_TYPE (TupuOutline, tupu_outline, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_GRAPH,
  PROP_SELECTED_ID,
  PROP_SHOW_GLOSS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Rows and concepts                                                                          */

static const TupuNode *
row_node (TupuOutline *self, GtkTreeListRow *row)
{
  g_autoptr (GtkStringObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
  int index = item != NULL && self->graph != NULL
                  ? tupu_graph_lookup (self->graph, gtk_string_object_get_string (item))
                  : -1;

  return index >= 0 ? tupu_graph_get_node (self->graph, index) : NULL;
}

static GtkTreeListRow *
dup_row_at (TupuOutline *self, guint position)
{
  return self->tree != NULL ? gtk_tree_list_model_get_row (self->tree, position) : NULL;
}

static const TupuNode *
node_at (TupuOutline *self, guint position)
{
  g_autoptr (GtkTreeListRow) row = dup_row_at (self, position);

  return row_node (self, row);
}

static guint
n_rows (TupuOutline *self)
{
  return self->tree != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;
}

/* A concept's parts, as the rows under it. */
static GListModel *
create_children_cb (gpointer item, gpointer user_data)
{
  TupuOutline    *self = user_data;
  int             index = tupu_graph_lookup (self->graph, gtk_string_object_get_string (item));
  const TupuNode *node = index >= 0 ? tupu_graph_get_node (self->graph, index) : NULL;
  g_autofree const char **ids = NULL;

  if (node == NULL || node->children == NULL || node->children->len == 0)
    return NULL;

  ids = g_new0 (const char *, node->children->len + 1);
  for (guint i = 0; i < node->children->len; i++)
    ids[i] = tupu_graph_get_node (self->graph, g_array_index (node->children, guint, i))->id;
  return G_LIST_MODEL (gtk_string_list_new (ids));
}

/* The row of node @index, found from the root down; the rows above it are expanded on the way
 * when @expand, else a row under a collapsed one is not found. */
static guint
find_position (TupuOutline *self, int index, gboolean expand)
{
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GtkTreeListRow) row = NULL;

  if (self->tree == NULL || index < 0)
    return GTK_INVALID_LIST_POSITION;

  for (int a = index; a >= 0; a = tupu_graph_get_node (self->graph, a)->parent)
    g_array_prepend_val (path, a);

  row = dup_row_at (self, 0);
  for (guint depth = 1; row != NULL && depth < path->len; depth++)
    {
      const TupuNode *parent =
          tupu_graph_get_node (self->graph, g_array_index (path, guint, depth - 1));
      guint           child = 0;
      GtkTreeListRow *next;

      if (!gtk_tree_list_row_get_expanded (row))
        {
          if (!expand)
            return GTK_INVALID_LIST_POSITION;
          gtk_tree_list_row_set_expanded (row, TRUE);
        }
      while (g_array_index (parent->children, guint, child) != g_array_index (path, guint, depth))
        child++;
      next = gtk_tree_list_row_get_child_row (row, child);
      g_object_unref (row);
      row = next;
    }
  return row != NULL ? gtk_tree_list_row_get_position (row) : GTK_INVALID_LIST_POSITION;
}

/* ------------------------------------------------------------------------------------------ */
/* Selecting and scrolling                                                                    */

/* Scrolls @position into view (GTK 4.8 has no gtk_list_view_scroll_to()). */
static void
scroll_to (TupuOutline *self, guint position)
{
  g_assert (TUPU_IS_OUTLINE (self));

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Shows the selection made for the window, expanding what hides it when @expand. */
static void
show_selected (TupuOutline *self, gboolean expand)
{
  guint position;
  int   index;

  g_assert (TUPU_IS_OUTLINE (self));

  if (self->selection == NULL)
    return;

  index = self->selected_id != NULL ? tupu_graph_lookup (self->graph, self->selected_id) : -1;
  self->syncing = TRUE;
  position = find_position (self, index, expand);
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
  scroll_to (self, position);
}

static void
set_selected_id (TupuOutline *self, const char *id)
{
  g_assert (TUPU_IS_OUTLINE (self));

  if (g_strcmp0 (self->selected_id, id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

/* The reader chose the row at @position: it is selected in the graph too. */
static void
choose (TupuOutline *self, guint position)
{
  const TupuNode *node = node_at (self, position);

  g_assert (TUPU_IS_OUTLINE (self));

  if (node == NULL)
    return;
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position); /* back here, once */
  else
    {
      set_selected_id (self, node->id);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.select-concept", "s", node->id);
    }
  scroll_to (self, position);
}

static void
selection_changed_cb (TupuOutline *self)
{
  guint position;

  g_assert (TUPU_IS_OUTLINE (self));

  position = gtk_single_selection_get_selected (self->selection);
  if (self->syncing || position == GTK_INVALID_LIST_POSITION)
    return;
  choose (self, position);
}

/* Rows come and go as they are expanded and collapsed: the selected concept is selected again
 * when its row comes back. */
static void
items_changed_cb (TupuOutline *self)
{
  g_assert (TUPU_IS_OUTLINE (self));

  if (!self->syncing && self->selected_id != NULL &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    show_selected (self, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing rows                                                                               */

static TupuStyleVariant
style_variant (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return tupu_style_variant (adw_style_manager_get_dark (manager),
                             adw_style_manager_get_high_contrast (manager));
}

/* The kind's colours, as a small rounded square (the concept's box on the canvas). */
static void
draw_chip_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  int                  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "kind")) - 1;
  const TupuKindStyle *style;
  double               size = MIN (width, height) - 1.0, r = size / 4;
  double               x = (width - size) / 2, y = (height - size) / 2;

  if (kind < 0 || kind >= TUPU_N_KINDS)
    return;

  style = tupu_style_kind (kind, style_variant ());
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, style->fill.r, style->fill.g, style->fill.b, style->fill.a);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, style->stroke.r, style->stroke.g, style->stroke.b, style->stroke.a);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static GtkWidget *
new_row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The whole name of a row whose label or gloss is cut short. Made when asked for: setting a
 * tooltip on every row bound costs X round trips in GTK 4.8 (most of a selection's time). */
static gboolean
query_tooltip_cb (GtkWidget *box, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  TupuOutline *self)
{
  GtkWidget      *expander = gtk_widget_get_parent (box);
  const TupuNode *node =
      GTK_IS_TREE_EXPANDER (expander)
          ? row_node (self, gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander)))
          : NULL;
  g_autofree char *name = node != NULL ? _tupu_a11y_node_name (node) : NULL;

  if (name == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
}

/* A row: expander, chip, Chinese label, English gloss, member count. */
static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, TupuOutline *self)
{
  /* A tree item to screen readers: GTK 4.8's list view says nothing of the tree. */
  GtkWidget *expander =
      g_object_new (GTK_TYPE_TREE_EXPANDER, "accessible-role", GTK_ACCESSIBLE_ROLE_TREE_ITEM, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *chip = gtk_drawing_area_new ();
  GtkWidget *label = new_row_label ("zh");
  GtkWidget *gloss = new_row_label ("dim-label");
  GtkWidget *count = new_row_label ("dim-label");
  GtkWidget *progress = new_row_label ("caption");

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (chip), CHIP_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (chip), CHIP_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (chip), draw_chip_cb, NULL, NULL);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  _tupu_gui_set_zh_language (GTK_LABEL (label));
  gtk_widget_set_hexpand (gloss, TRUE);
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gloss);
  gtk_box_append (GTK_BOX (box), count);
  /* Whole, however narrow the outline: the gloss gives way. */
  gtk_label_set_ellipsize (GTK_LABEL (progress), PANGO_ELLIPSIZE_NONE);
  gtk_widget_add_css_class (progress, "numeric");
  gtk_widget_add_css_class (progress, "tupu-outline-progress");
  gtk_box_append (GTK_BOX (box), progress);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  /* The row itself is named and described (see bind_cb): its parts would say it twice. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

/* What a screen reader is told of a row: the concept's name, its kind, level and position, and
 * whether its parts are shown. Told by the expander, which in GTK 4.8 is what takes the keyboard
 * focus in a row. */
static void
update_row_state (GtkTreeListRow *row, GParamSpec *pspec, GtkWidget *expander)
{
  if (gtk_tree_list_row_is_expandable (row))
    gtk_accessible_update_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_EXPANDED,
                                 gtk_tree_list_row_get_expanded (row), -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_EXPANDED);
}

static void
update_row_accessible (TupuOutline *self, GtkWidget *expander, const TupuNode *node)
{
  g_autofree char *name = _tupu_a11y_node_name (node);
  g_autofree char *position = _tupu_a11y_node_position (self->graph, node);

  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, position,
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, (int)node->depth + 1, -1);
}

static guint
n_members (const TupuNode *node)
{
  /* As the canvas and the detail pane count them: a list's stated count where it has one. */
  return node->count > 0 ? (guint)node->count : (node->children != NULL ? node->children->len : 0);
}

/* How many concepts of @node's branch (everything under it) are known, of how many. */
static void
branch_progress (TupuOutline *self, const TupuNode *node, guint *known, guint *total)
{
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      const TupuNode *child =
          tupu_graph_get_node (self->graph, g_array_index (node->children, guint, i));

      (*total)++;
      *known += tupu_study_store_get_state (self->study_store, child->id) == TUPU_STUDY_STATE_KNOWN;
      branch_progress (self, child, known, total);
    }
}

/* A part's progress at the row's end: "3/6 known", in the success colour once all are. */
static void
show_progress_in_row (TupuOutline *self, GtkTreeExpander *expander)
{
  GtkTreeListRow  *row = gtk_tree_expander_get_list_row (expander);
  const TupuNode  *node = row_node (self, row);
  GtkWidget       *progress = gtk_widget_get_last_child (gtk_tree_expander_get_child (expander));
  guint            known = 0, total = 0;
  g_autofree char *text = NULL;

  if (node != NULL && self->study_store != NULL)
    branch_progress (self, node, &known, &total);
  gtk_widget_set_visible (progress, total > 0);
  if (total == 0)
    return;
  /* Translators: concepts known of those in a part of the speech, e.g. "3/6 known". */
  text = g_strdup_printf (_ ("%u/%u known"), known, total);
  gtk_label_set_text (GTK_LABEL (progress), text);
  if (known == total)
    gtk_widget_add_css_class (progress, "success");
  else
    gtk_widget_remove_css_class (progress, "success");
  gtk_widget_set_opacity (progress, known > 0 ? 1.0 : 0.6);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, TupuOutline *self)
{
  GtkTreeListRow  *row = gtk_list_item_get_item (list_item);
  GtkWidget       *expander = gtk_list_item_get_child (list_item);
  GtkWidget       *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget       *chip = gtk_widget_get_first_child (box);
  GtkWidget       *label = gtk_widget_get_next_sibling (chip);
  GtkWidget       *gloss = gtk_widget_get_next_sibling (label);
  GtkWidget       *count = gtk_widget_get_next_sibling (gloss);
  const TupuNode  *node = row_node (self, row);
  g_autofree char *members = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  if (node == NULL)
    return;

  g_object_set_data (G_OBJECT (chip), "kind", GINT_TO_POINTER (node->kind + 1));
  gtk_widget_queue_draw (chip);
  gtk_label_set_text (GTK_LABEL (label), node->label_zh);
  /* Room for a few characters of the label before the gloss takes what is left. */
  gtk_label_set_width_chars (GTK_LABEL (label),
                             MIN (2 * (int)g_utf8_strlen (node->label_zh, -1), 24));
  gtk_label_set_text (GTK_LABEL (gloss), node->label_en);
  gtk_widget_set_visible (gloss, self->show_gloss);
  if (n_members (node) > 0)
    members = g_strdup_printf ("%u", n_members (node));
  gtk_label_set_text (GTK_LABEL (count), members);
  gtk_widget_set_visible (count, members != NULL);

  show_progress_in_row (self, GTK_TREE_EXPANDER (expander));
  update_row_accessible (self, expander, node);
  update_row_state (row, NULL, expander);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (update_row_state), expander, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, TupuOutline *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget      *expander = gtk_list_item_get_child (list_item);

  /* The expander keeps its row until the next bind gives it another: GTK 4.8 rebuilds its
   * indentation and arrow at every change of row. */
  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, update_row_state, expander);
}

/* Calls @func on every row's expander under @widget. */
static void
foreach_expander (GtkWidget   *widget, void (*func) (TupuOutline *self, GtkTreeExpander *expander),
                  TupuOutline *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TREE_EXPANDER (child))
        func (self, GTK_TREE_EXPANDER (child));
      else
        foreach_expander (child, func, self);
    }
}

static void
redraw_chip (TupuOutline *self, GtkTreeExpander *expander)
{
  gtk_widget_queue_draw (gtk_widget_get_first_child (gtk_tree_expander_get_child (expander)));
}

static void
show_gloss_in_row (TupuOutline *self, GtkTreeExpander *expander)
{
  GtkWidget *chip = gtk_widget_get_first_child (gtk_tree_expander_get_child (expander));

  gtk_widget_set_visible (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (chip)),
                          self->show_gloss);
}

static void
study_changed_cb (TupuOutline *self)
{
  foreach_expander (GTK_WIDGET (self->list_view), show_progress_in_row, self);
}

static void
style_changed_cb (TupuOutline *self)
{
  g_assert (TUPU_IS_OUTLINE (self));

  foreach_expander (GTK_WIDGET (self->list_view), redraw_chip, self);
}

/* ------------------------------------------------------------------------------------------ */
/* Keyboard: expanding, collapsing, finding                                                   */

/* The widget showing the row at @position, if it is made: GtkListView makes them only for the
 * rows in sight, and recycles them. */
static GtkWidget *
row_widget_at (TupuOutline *self, guint position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget      *expander = gtk_widget_get_first_child (child);
      GtkTreeListRow *row = GTK_IS_TREE_EXPANDER (expander)
                                ? gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))
                                : NULL;

      if (row != NULL && gtk_tree_list_row_get_position (row) == position &&
          gtk_widget_get_child_visible (child))
        return child;
    }
  return NULL;
}

#define FOCUS_MAX_FRAMES 10

static gboolean
focus_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  TupuOutline *self = user_data;
  GtkWidget   *row = row_widget_at (self, self->focus_position);

  if (row == NULL && ++self->focus_frames < FOCUS_MAX_FRAMES)
    return G_SOURCE_CONTINUE;
  if (row != NULL)
    gtk_widget_grab_focus (row);
  self->focus_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Gives the keyboard focus to the row at @position (scrolled into sight), where a screen
 * reader reads it. A row scrolled to, or in a list just shown, is made at the next layout: the
 * focus goes to it then. Never to the list itself: GTK 4.8 would pass it on to the row it last
 * had, and select that one. */
static void
focus_row (TupuOutline *self, guint position)
{
  GtkWidget *row;

  g_assert (TUPU_IS_OUTLINE (self));

  scroll_to (self, position);
  if (self->focus_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick_id);
  self->focus_tick_id = 0;
  if ((row = row_widget_at (self, position)) != NULL)
    {
      gtk_widget_grab_focus (row);
      return;
    }

  self->focus_position = position;
  self->focus_frames = 0;
  self->focus_tick_id =
      gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), focus_tick_cb, self, NULL);
}

/* Moves the selection and the keyboard focus to the row at @position. */
static void
move_to (TupuOutline *self, guint position)
{
  g_assert (TUPU_IS_OUTLINE (self));

  choose (self, position);
  focus_row (self, position);
}

/* Tab into the list: GTK 4.8 puts the focus on the row it last had (or the first); the reader
 * expects the selected concept's. A click puts it where it clicks. */
static void
focus_enter_cb (GtkEventControllerFocus *controller, TupuOutline *self)
{
  guint           position = gtk_single_selection_get_selected (self->selection);
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & (GDK_BUTTON1_MASK | GDK_BUTTON2_MASK | GDK_BUTTON3_MASK)) == 0 &&
      position != GTK_INVALID_LIST_POSITION && row_widget_at (self, position) != NULL &&
      !gtk_widget_has_focus (gtk_widget_get_first_child (row_widget_at (self, position))))
    focus_row (self, position);
}

/* Right opens a row or goes to its first part; Left closes it or goes up to its parent, as in
 * every tree. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, TupuOutline *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr (GtkTreeListRow) row = NULL;
  g_autoptr (GtkTreeListRow) parent = NULL;
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;

  if ((!right && !left) || (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      (row = dup_row_at (self, position)) == NULL)
    return FALSE;

  if (right && gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
    gtk_tree_list_row_set_expanded (row, TRUE);
  else if (right && gtk_tree_list_row_get_expanded (row))
    move_to (self, position + 1);
  else if (left && gtk_tree_list_row_get_expanded (row))
    gtk_tree_list_row_set_expanded (row, FALSE);
  else if (left && (parent = gtk_tree_list_row_get_parent (row)) != NULL)
    move_to (self, gtk_tree_list_row_get_position (parent));
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

/* Return (or a double click) opens or closes the row's parts. */
static void
row_activated_cb (TupuOutline *self, guint position)
{
  g_autoptr (GtkTreeListRow) row = dup_row_at (self, position);

  g_assert (TUPU_IS_OUTLINE (self));

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static gboolean
has_prefix_folded (const char *text, const char *prefix)
{
  g_autofree char *text_folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;
  g_autofree char *prefix_folded = g_utf8_casefold (prefix, -1);

  return text_folded != NULL && g_str_has_prefix (text_folded, prefix_folded);
}

static gboolean
matches (const TupuNode *node, const char *text)
{
  return node != NULL &&
         (g_str_has_prefix (node->label_zh, text) || has_prefix_folded (node->label_en, text));
}

/* The first row showing whose label begins with the typed text, from @from on in @direction,
 * round the end. */
static void
find_from (TupuOutline *self, guint from, int direction)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint       n = n_rows (self);

  g_assert (TUPU_IS_OUTLINE (self));

  if (*text == '\0' || n == 0)
    return;
  for (guint k = 0; k < n; k++)
    {
      guint position = (from + n + direction * (int)k) % n;

      if (matches (node_at (self, position), text))
        {
          choose (self, position);
          return;
        }
    }
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static guint
selected_or (TupuOutline *self, guint fallback)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  return position != GTK_INVALID_LIST_POSITION ? position : fallback;
}

/* A longer text still matches the row it found: search from there. */
static void
search_changed_cb (TupuOutline *self)
{
  find_from (self, selected_or (self, 0), 1);
}

static void
next_match_cb (TupuOutline *self)
{
  find_from (self, selected_or (self, 0) + 1, 1);
}

static void
previous_match_cb (TupuOutline *self)
{
  find_from (self, selected_or (self, 1) + n_rows (self) - 1, -1);
}

/* Up and Down in the search entry step through the matches. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                       GdkModifierType state, TupuOutline *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    next_match_cb (self);
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    previous_match_cb (self);
  else
    return FALSE;
  return TRUE;
}

/* Return ends the search on the row found. */
static void
search_activate_cb (TupuOutline *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Ending the search (Return, Escape) brings the focus back to the row found. */
static void
search_mode_cb (TupuOutline *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    tupu_outline_focus_selected (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Vfuncs                                                                                     */

/* A sidebar: MIN_WIDTH at least, NATURAL_WIDTH when there is room, whatever the labels. */
static void
tupu_outline_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                      int *natural, int *minimum_baseline, int *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (*minimum, MIN_WIDTH);
      *natural = MAX (*minimum, NATURAL_WIDTH);
    }
}

static void
tupu_outline_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

/* Shown again: the selection made while hidden comes into view. */
static void
tupu_outline_map (GtkWidget *widget)
{
  TupuOutline *self = TUPU_OUTLINE (widget);

  GTK_WIDGET_CLASS (tupu_outline_parent_class)->map (widget);

  if (self->selection != NULL)
    scroll_to (self, gtk_single_selection_get_selected (self->selection));
}

static void
tupu_outline_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuOutline *self = TUPU_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_SHOW_GLOSS:
      g_value_set_boolean (value, self->show_gloss);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_outline_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TupuOutline *self = TUPU_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      tupu_outline_set_graph (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ID:
      tupu_outline_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_SHOW_GLOSS:
      tupu_outline_set_show_gloss (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_outline_dispose (GObject *object)
{
  TupuOutline *self = TUPU_OUTLINE (object);
  GtkWidget   *child;

  if (adw_is_initialized ())
    g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), style_changed_cb, self);
  /* Before the list goes: the store may outlive this window (another one shares it). */
  tupu_outline_set_study_store (self, NULL);
  if (self->focus_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick_id);
  self->focus_tick_id = 0;
  if (self->tree != NULL)
    g_signal_handlers_disconnect_by_func (self->tree, items_changed_cb, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_OUTLINE);
  /* The template's box is not a bound child, so disposing the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->graph);

  G_OBJECT_CLASS (tupu_outline_parent_class)->dispose (object);
}

static void
tupu_outline_finalize (GObject *object)
{
  TupuOutline *self = TUPU_OUTLINE (object);

  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (tupu_outline_parent_class)->finalize (object);
}

static void
tupu_outline_class_init (TupuOutlineClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags     rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tupu_outline_get_property;
  object_class->set_property = tupu_outline_set_property;
  object_class->dispose = tupu_outline_dispose;
  object_class->finalize = tupu_outline_finalize;
  widget_class->measure = tupu_outline_measure;
  widget_class->size_allocate = tupu_outline_size_allocate;
  widget_class->map = tupu_outline_map;

  properties[PROP_GRAPH] = g_param_spec_object ("graph", NULL, NULL, TUPU_TYPE_GRAPH, rw);
  properties[PROP_SELECTED_ID] = g_param_spec_string ("selected-id", NULL, NULL, NULL, rw);
  properties[PROP_SHOW_GLOSS] = g_param_spec_boolean ("show-gloss", NULL, NULL, TRUE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-outline.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuOutline, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TupuOutline, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TupuOutline, list_view);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);

  gtk_widget_class_set_css_name (widget_class, "tupuoutline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tupu_outline_init (TupuOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *search_keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->show_gloss = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), focus);
  g_signal_connect (search_keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), search_keys);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));

  if (adw_is_initialized ())
    {
      g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                G_CALLBACK (style_changed_cb), self);
      g_signal_connect_swapped (adw_style_manager_get_default (), "notify::high-contrast",
                                G_CALLBACK (style_changed_cb), self);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

GtkWidget *
tupu_outline_new (void)
{
  return g_object_new (TUPU_TYPE_OUTLINE, NULL);
}

/* The ids of the expanded rows, to expand again in a reloaded graph. */
static GHashTable *
dup_expanded_ids (TupuOutline *self)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_rows (self); i++)
    {
      g_autoptr (GtkTreeListRow) row = dup_row_at (self, i);
      const TupuNode *node = row_node (self, row);

      if (node != NULL && gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (ids, g_strdup (node->id));
    }
  return ids;
}

/* Rows are expanded from the top down, so each one's parts come right after it. */
static void
expand_ids (TupuOutline *self, GHashTable *ids)
{
  for (guint i = 0; i < n_rows (self); i++)
    {
      g_autoptr (GtkTreeListRow) row = dup_row_at (self, i);
      const TupuNode *node = row_node (self, row);

      if (node != NULL && g_hash_table_contains (ids, node->id))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
clear_models (TupuOutline *self)
{
  g_assert (TUPU_IS_OUTLINE (self));

  gtk_list_view_set_model (self->list_view, NULL);
  if (self->tree != NULL)
    g_signal_handlers_disconnect_by_func (self->tree, items_changed_cb, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
}

void
tupu_outline_set_graph (TupuOutline *self, TupuGraph *graph)
{
  g_autoptr (GHashTable) expanded = NULL;
  g_autoptr (GtkTreeListRow) root_row = NULL;
  gboolean       reload;
  GtkStringList *roots;

  g_return_if_fail (TUPU_IS_OUTLINE (self));
  g_return_if_fail (graph == NULL || TUPU_IS_GRAPH (graph));

  if (self->graph == graph)
    return;

  reload = graph != NULL && self->graph != NULL &&
           g_strcmp0 (tupu_graph_get_id (graph), tupu_graph_get_id (self->graph)) == 0;
  expanded = reload ? dup_expanded_ids (self) : NULL;
  clear_models (self);
  g_set_object (&self->graph, graph);
  if (!reload || (self->selected_id != NULL && tupu_graph_lookup (graph, self->selected_id) < 0))
    set_selected_id (self, NULL);

  if (graph != NULL && tupu_graph_get_n_nodes (graph) > 0)
    {
      const char *root_ids[] = {
        tupu_graph_get_node (graph, tupu_graph_get_root (graph))->id,
        NULL,
      };

      roots = gtk_string_list_new (root_ids);
      self->tree = gtk_tree_list_model_new (G_LIST_MODEL (roots), FALSE, FALSE, create_children_cb,
                                            self, NULL);
      self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      /* The report's parts show from the start: a table of contents, not a single line. */
      root_row = gtk_tree_list_model_get_row (self->tree, 0);
      gtk_tree_list_row_set_expanded (root_row, TRUE);
      if (expanded != NULL)
        expand_ids (self, expanded);
      g_signal_connect_swapped (self->selection, "selection-changed",
                                G_CALLBACK (selection_changed_cb), self);
      g_signal_connect_swapped (self->tree, "items-changed", G_CALLBACK (items_changed_cb), self);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      show_selected (self, TRUE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
}

TupuGraph *
tupu_outline_get_graph (TupuOutline *self)
{
  g_return_val_if_fail (TUPU_IS_OUTLINE (self), NULL);

  return self->graph;
}

void
tupu_outline_set_selected_id (TupuOutline *self, const char *id)
{
  g_return_if_fail (TUPU_IS_OUTLINE (self));

  if (g_strcmp0 (self->selected_id, id) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  show_selected (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

const char *
tupu_outline_get_selected_id (TupuOutline *self)
{
  g_return_val_if_fail (TUPU_IS_OUTLINE (self), NULL);

  return self->selected_id;
}

void
tupu_outline_set_show_gloss (TupuOutline *self, gboolean show_gloss)
{
  g_return_if_fail (TUPU_IS_OUTLINE (self));

  if (!self->show_gloss == !show_gloss)
    return;

  self->show_gloss = !!show_gloss;
  foreach_expander (GTK_WIDGET (self->list_view), show_gloss_in_row, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GLOSS]);
}

gboolean
tupu_outline_get_show_gloss (TupuOutline *self)
{
  g_return_val_if_fail (TUPU_IS_OUTLINE (self), FALSE);

  return self->show_gloss;
}

gboolean
tupu_outline_focus_selected (TupuOutline *self)
{
  g_return_val_if_fail (TUPU_IS_OUTLINE (self), FALSE);

  if (!gtk_widget_is_visible (GTK_WIDGET (self)) || n_rows (self) == 0)
    return FALSE;

  focus_row (self, selected_or (self, 0));
  return TRUE;
}

void
tupu_outline_set_study_store (TupuOutline *self, TupuStudyStore *store)
{
  g_return_if_fail (TUPU_IS_OUTLINE (self));
  g_return_if_fail (store == NULL || TUPU_IS_STUDY_STORE (store));

  if (self->study_store == store)
    return;
  if (self->study_store != NULL)
    g_signal_handlers_disconnect_by_func (self->study_store, study_changed_cb, self);
  g_set_object (&self->study_store, store);
  if (store != NULL)
    g_signal_connect_swapped (store, "changed", G_CALLBACK (study_changed_cb), self);
  study_changed_cb (self);
}
