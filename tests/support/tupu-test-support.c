/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-test-support.c: see tupu-test-support.h. */
#include "config.h"

#include "tupu-concept-page.h"
#include "tupu-graph-view-private.h"
#include "tupu-layout-chooser.h"
#include "tupu-reading-view-private.h"
#include "tupu-test-support.h"
#include "tupu-window-private.h"

#include <string.h>

/* Window */

TupuGraphView *
tupu_test_window_get_view (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->graph_view;
}

TupuDetailPane *
tupu_test_window_get_pane (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->detail_pane;
}

TupuOutline *
tupu_test_window_get_outline (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->outline;
}

TupuBreadcrumb *
tupu_test_window_get_breadcrumb (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->breadcrumb;
}

TupuHistory *
tupu_test_window_get_history (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->history;
}

const char *
tupu_test_window_get_subtitle (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return gtk_widget_get_visible (GTK_WIDGET (window->subtitle_label))
             ? gtk_label_get_text (window->subtitle_label)
             : NULL;
}

GtkWidget *
tupu_test_window_get_layout_button (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return GTK_WIDGET (window->layout_button);
}

GPtrArray *
tupu_test_window_dup_unavailable_engines (TupuWindow *window)
{
  GtkPopover *popover = gtk_menu_button_get_popover (window->layout_button);
  GtkWidget  *chooser = popover != NULL ? gtk_popover_get_child (popover) : NULL;
  GtkWidget  *list = NULL;
  GPtrArray  *engines = g_ptr_array_new_with_free_func (g_free);

  g_assert (TUPU_IS_WINDOW (window));

  /* Built when first opened: until then, nothing is shown greyed out. */
  if (chooser == NULL)
    return engines;
  list =
      GTK_WIDGET (gtk_widget_get_template_child (chooser, TUPU_TYPE_LAYOUT_CHOOSER, "engine_list"));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (!gtk_widget_get_sensitive (row))
      g_ptr_array_add (engines,
                       g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
  return engines;
}

gboolean
tupu_test_window_shows_progress (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return gtk_widget_get_visible (window->layout_progress);
}

gboolean
tupu_test_window_was_preloaded (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->preloaded;
}

gboolean
tupu_test_window_outline_folded (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return adw_flap_get_folded (window->outline_flap);
}

gboolean
tupu_test_window_menu_built (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return gtk_menu_button_get_popover (GTK_MENU_BUTTON (window->menu_button)) != NULL;
}

gboolean
tupu_test_window_is_loading (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->load_cancellable != NULL;
}

void
tupu_test_window_blind (TupuWindow *window, gboolean stop_polling)
{
  g_assert (TUPU_IS_WINDOW (window));

  /* Cancelled but kept: the window re-watches a file only when it has no monitor. */
  if (window->monitor != NULL)
    g_file_monitor_cancel (window->monitor);
  if (stop_polling)
    g_clear_handle_id (&window->poll_source, g_source_remove);
}

char *
tupu_test_window_dup_status_problems (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (window->stack), "error") != 0)
    return NULL;
  return g_strdup (gtk_label_get_text (window->problems_label));
}

/* A toast's title is its widget's first label outside a button (the others are its button's). */
static void
collect_toast_titles (GtkWidget *widget, gboolean in_toast, GPtrArray *titles)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
        collect_toast_titles (child, TRUE, titles);
      else if (in_toast && GTK_IS_LABEL (child))
        {
          g_ptr_array_add (titles, g_strdup (gtk_label_get_text (GTK_LABEL (child))));
          return;
        }
      else if (!GTK_IS_BUTTON (child))
        collect_toast_titles (child, in_toast, titles);
    }
}

GPtrArray *
tupu_test_window_dup_toasts (TupuWindow *window)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  g_assert (TUPU_IS_WINDOW (window));

  collect_toast_titles (GTK_WIDGET (window->toast_overlay), FALSE, titles);
  return titles;
}

/* Search */

GtkSearchBar *
tupu_test_window_get_search_bar (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->search_bar;
}

GtkWidget *
tupu_test_window_get_search_entry (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return GTK_WIDGET (window->search_entry);
}

TupuSearchPanel *
tupu_test_window_get_search_panel (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->search_panel;
}

/* The bold run of @label's attributes, which is how a row highlights its match. */
static char *
label_highlight (GtkLabel *label)
{
  PangoAttrList *attrs = gtk_label_get_attributes (label);
  const char    *text = gtk_label_get_text (label);
  g_autoptr (GSList) list = attrs != NULL ? pango_attr_list_get_attributes (attrs) : NULL;
  char *found = NULL;

  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (found == NULL && attr->klass->type == PANGO_ATTR_WEIGHT &&
          attr->end_index <= strlen (text) && attr->start_index < attr->end_index)
        found = g_strndup (text + attr->start_index, attr->end_index - attr->start_index);
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify)pango_attribute_destroy);
  return found;
}

static void
search_row_free (TupuTestSearchRow *row)
{
  g_free (row->label);
  g_free (row->highlight);
  g_free (row);
}

/* The labels of one row's box: its Chinese label, and the first highlighted text. */
static void
read_row (GtkWidget *widget, TupuTestSearchRow *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
        {
          if (gtk_widget_has_css_class (child, "tupu-search-label"))
            row->label = g_strdup (gtk_label_get_text (GTK_LABEL (child)));
          if (row->highlight == NULL)
            row->highlight = label_highlight (GTK_LABEL (child));
        }
      read_row (child, row);
    }
}

static void
find_rows (GtkWidget *widget, gboolean selected, GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean now = selected || (gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_SELECTED);

      if (!gtk_widget_get_mapped (child))
        continue;
      if (gtk_widget_has_css_class (child, "tupu-search-row"))
        {
          TupuTestSearchRow *row = g_new0 (TupuTestSearchRow, 1);

          row->cursor = now;
          read_row (child, row);
          g_ptr_array_add (rows, row);
        }
      else
        find_rows (child, now, rows);
    }
}

GPtrArray *
tupu_test_search_panel_dup_rows (TupuSearchPanel *panel)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)search_row_free);

  g_assert (panel == NULL || TUPU_IS_SEARCH_PANEL (panel));

  if (panel != NULL)
    find_rows (GTK_WIDGET (panel), FALSE, rows);
  return rows;
}

gboolean
tupu_test_search_panel_shows_empty (TupuSearchPanel *panel)
{
  GObject *stack;

  g_assert (panel == NULL || TUPU_IS_SEARCH_PANEL (panel));

  if (panel == NULL)
    return FALSE;
  stack = gtk_widget_get_template_child (GTK_WIDGET (panel), TUPU_TYPE_SEARCH_PANEL, "stack");
  return gtk_widget_get_mapped (GTK_WIDGET (panel)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "empty") == 0;
}

/* Graph view */

gboolean
tupu_test_view_layout_to_widget (TupuGraphView *view, double lx, double ly, double *wx, double *wy)
{
  g_assert (TUPU_IS_GRAPH_VIEW (view));

  if (view->layout == NULL)
    return FALSE;
  if (wx != NULL)
    *wx = lx * view->zoom + view->off_x;
  if (wy != NULL)
    *wy = ly * view->zoom + view->off_y;
  return TRUE;
}

void
tupu_test_view_count_marks (TupuGraphView *view, guint *boxes, guint *badges)
{
  g_assert (TUPU_IS_GRAPH_VIEW (view));

  /* What the next frame draws from (update_marks() runs at each snapshot). */
  *boxes = view->marks_stale ? 0 : view->mark_geoms->len;
  *badges = view->marks_stale ? 0 : view->mark_badges->len;
}

gboolean
tupu_test_view_get_node_rect (TupuGraphView *view, const char *id, graphene_rect_t *rect)
{
  const TupuRect *box;
  int             index, geom;

  g_assert (TUPU_IS_GRAPH_VIEW (view));

  if (view->layout == NULL || (index = tupu_graph_lookup (view->layout->graph, id)) < 0 ||
      (geom = view->layout->geom_of_node[index]) < 0)
    return FALSE;

  box = &view->layout->nodes[geom].box;
  graphene_rect_init (rect, box->x * view->zoom + view->off_x, box->y * view->zoom + view->off_y,
                      box->width * view->zoom, box->height * view->zoom);
  return TRUE;
}

gboolean
tupu_test_view_get_map_rect (TupuGraphView *view, graphene_rect_t *rect)
{
  double scale;

  g_assert (TUPU_IS_GRAPH_VIEW (view));

  return _tupu_graph_view_map_rect (view, rect, &scale);
}

void
tupu_test_view_hover (TupuGraphView *view, const char *id)
{
  int index = id != NULL && view->layout != NULL ? tupu_graph_lookup (view->layout->graph, id) : -1;

  g_assert (TUPU_IS_GRAPH_VIEW (view));

  _tupu_graph_view_set_hover (view, index >= 0 ? view->layout->geom_of_node[index] : -1);
}

gboolean
tupu_test_view_is_hover_dimmed (TupuGraphView *view)
{
  g_assert (TUPU_IS_GRAPH_VIEW (view));

  return view->hover >= 0 && view->hover_dim;
}

guint
tupu_test_view_get_n_computed (TupuGraphView *view)
{
  g_assert (TUPU_IS_GRAPH_VIEW (view));

  return view->n_computed;
}

void
tupu_test_view_count_tiles (TupuGraphView *view, guint *painted, guint *pending, gboolean *stale,
                            gboolean *settling)
{
  g_assert (TUPU_IS_GRAPH_VIEW (view));

  *painted = g_hash_table_size (view->tiles);
  *pending = g_hash_table_size (view->pending_tiles);
  *stale = view->stale_tiles != NULL;
  *settling = view->settle_id != 0;
}

/* Detail pane */

/* The pane's concept page, NULL until a concept has been shown (the pane builds it then). */
static GtkWidget *
pane_page (TupuDetailPane *pane)
{
  GObject *stack =
      gtk_widget_get_template_child (GTK_WIDGET (pane), TUPU_TYPE_DETAIL_PANE, "stack");

  return gtk_stack_get_child_by_name (GTK_STACK (stack), "concept");
}

static GObject *
page_child (TupuDetailPane *pane, const char *child)
{
  GtkWidget *page = pane_page (pane);

  return page != NULL ? gtk_widget_get_template_child (page, TUPU_TYPE_CONCEPT_PAGE, child) : NULL;
}

static const char *
pane_text (TupuDetailPane *pane, const char *child)
{
  return gtk_label_get_text (GTK_LABEL (page_child (pane, child)));
}

static gboolean
pane_shows_concept (TupuDetailPane *pane)
{
  GObject *stack =
      gtk_widget_get_template_child (GTK_WIDGET (pane), TUPU_TYPE_DETAIL_PANE, "stack");
  GtkWidget *page = pane_page (pane);

  return page != NULL && gtk_stack_get_visible_child (GTK_STACK (stack)) == page;
}

void
tupu_test_pane_get_shown (TupuDetailPane *pane, const char **label, const char **gloss,
                          const char **kind)
{
  gboolean shown;

  g_assert (TUPU_IS_DETAIL_PANE (pane));

  shown = pane_shows_concept (pane);
  if (label != NULL)
    *label = shown ? pane_text (pane, "label_label") : NULL;
  if (gloss != NULL)
    *gloss = shown ? pane_text (pane, "gloss_label") : NULL;
  if (kind != NULL)
    *kind = shown ? pane_text (pane, "kind_label") : NULL;
}

const char *
tupu_test_link_get_id (GtkWidget *link)
{
  GVariant *target;

  if (!GTK_IS_ACTIONABLE (link) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (link)), "win.select-concept") != 0)
    return NULL;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (link));
  return target != NULL ? g_variant_get_string (target, NULL) : NULL;
}

static void
collect_links (GtkWidget *widget, GPtrArray *links)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (tupu_test_link_get_id (child) != NULL)
        g_ptr_array_add (links, child);
      else
        collect_links (child, links);
    }
}

GPtrArray *
tupu_test_pane_get_links (TupuDetailPane *pane)
{
  GPtrArray *links = g_ptr_array_new ();
  GtkStack  *stack;

  g_assert (TUPU_IS_DETAIL_PANE (pane));

  /* The page shown: the concept's links, or the start page's rows. Not both, even while the
   * stack crossfades from one to the other. */
  stack =
      GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (pane), TUPU_TYPE_DETAIL_PANE, "stack"));
  collect_links (gtk_stack_get_visible_child (stack), links);
  return links;
}

GtkWidget *
tupu_test_pane_get_title (TupuDetailPane *pane)
{
  g_assert (TUPU_IS_DETAIL_PANE (pane));

  return GTK_WIDGET (page_child (pane, "label_label"));
}

TupuPracticePanel *
tupu_test_window_get_practice_panel (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->practice_panel;
}

/* Reading and the tour */

TupuReadingView *
tupu_test_window_get_reading (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return window->reading_view;
}

const char *
tupu_test_window_get_tour_text (TupuWindow *window)
{
  g_assert (TUPU_IS_WINDOW (window));

  return gtk_label_get_text (window->tour_label);
}

GtkWidget *
tupu_test_window_get_tour_button (TupuWindow *window, gboolean next)
{
  g_assert (TUPU_IS_WINDOW (window));

  return next ? gtk_widget_get_last_child (window->tour_bar)
              : gtk_widget_get_first_child (window->tour_bar);
}

GtkWidget *
tupu_test_reading_get_text_view (TupuReadingView *view)
{
  return GTK_WIDGET (view->text_view);
}

/* The box of buffer characters [@start, @end)'s first character, in the text view's
 * coordinates. */
static void
char_rect (TupuReadingView *view, int offset, graphene_rect_t *rect)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view->text_view);
  GdkRectangle   location, visible;
  GtkTextIter    iter;

  /* Relative to the part of the buffer in sight, which is where the view's top left shows. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_view_get_iter_location (view->text_view, &iter, &location);
  gtk_text_view_get_visible_rect (view->text_view, &visible);
  graphene_rect_init (rect, location.x - visible.x, location.y - visible.y, location.width,
                      location.height);
}

GArray *
tupu_test_reading_dup_marks (TupuReadingView *view, gboolean selected_only)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (TupuTestMark));
  int     index = view->graph != NULL && view->node_id != NULL
                      ? tupu_graph_lookup (view->graph, view->node_id)
                      : -1;

  for (guint i = 0; i < view->marks->len; i++)
    {
      const TupuReadingMark *mark = &g_array_index (view->marks, TupuReadingMark, i);
      TupuTestMark           out = { 0 };
      int                    innermost = -1;

      if (selected_only && (int)mark->node != index)
        continue;
      out.id = tupu_graph_get_node (view->graph, mark->node)->id;
      char_rect (view, mark->start, &out.rect);
      /* Which concept a click on its first character selects: the shortest passage there. */
      for (guint j = 0; j < view->marks->len; j++)
        {
          const TupuReadingMark *other = &g_array_index (view->marks, TupuReadingMark, j);

          if (other->start <= mark->start && mark->start < other->end)
            out.n_covering++;
          if (other->start <= mark->start && mark->start < other->end &&
              (innermost < 0 ||
               other->end - other->start <
                   g_array_index (view->marks, TupuReadingMark, innermost).end -
                       g_array_index (view->marks, TupuReadingMark, innermost).start))
            innermost = (int)j;
        }
      out.click_id = tupu_graph_get_node (
                         view->graph, g_array_index (view->marks, TupuReadingMark, innermost).node)
                         ->id;
      /* The last flash, which may have faded by the time a slow test looks. */
      for (guint j = 0; j < view->flashed->len; j++)
        {
          const TupuReadingMark *lit = &g_array_index (view->flashed, TupuReadingMark, j);

          out.flashed |= lit->start <= mark->start && mark->end <= lit->end;
        }
      g_array_append_val (marks, out);
    }
  return marks;
}

GPtrArray *
tupu_test_pane_get_passage_cards (TupuDetailPane *pane)
{
  GPtrArray *cards = g_ptr_array_new ();
  GtkWidget *box = GTK_WIDGET (page_child (pane, "sources_box"));

  for (GtkWidget *child = box != NULL ? gtk_widget_get_first_child (box) : NULL; child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "tupu-passage-card"))
      g_ptr_array_add (cards, child);
  return cards;
}
