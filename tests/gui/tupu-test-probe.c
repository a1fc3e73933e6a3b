/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-test-probe.c: answers the GUI tests' "where is what" questions, one JSON line each.
 * Attached to the app by tupu-probed.c, a test-only build of the app; never part of Tupu. */
#include "config.h"

#include <adwaita.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "tupu-test-probe.h"
#include "tupu-style.h"
#include "tupu-test-support.h"

struct _TupuTestProbe
{
  GObject parent_instance;

  GtkApplication   *application; /* unowned: the application owns the probe */
  GDataInputStream *input;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (TupuTestProbe, tupu_test_probe, G_TYPE_OBJECT)

static void read_next_line (TupuTestProbe *self);

/* How many loads have succeeded in a window (a reload counts): each shows a new graph. */
#define LOADS_KEY "tupu-test-probe-loads"

static void
graph_changed_cb (TupuWindow *window)
{
  guint loads = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), LOADS_KEY));

  if (tupu_window_get_graph (window) != NULL)
    g_object_set_data (G_OBJECT (window), LOADS_KEY, GUINT_TO_POINTER (loads + 1));
}

/* How many frames a window has drawn: a window at rest draws none. */
#define FRAMES_KEY "tupu-test-probe-frames"

static void
after_paint_cb (GdkFrameClock *clock, GtkWidget *window)
{
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), FRAMES_KEY));

  g_object_set_data (G_OBJECT (window), FRAMES_KEY, GUINT_TO_POINTER (frames + 1));
}

static void
window_realized_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), window, 0);
}

static void
window_added_cb (GtkApplication *application, GtkWindow *window)
{
  if (!TUPU_IS_WINDOW (window))
    return;
  g_signal_connect (window, "notify::graph", G_CALLBACK (graph_changed_cb), NULL);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized_cb (GTK_WIDGET (window));
  else
    g_signal_connect_after (window, "realize", G_CALLBACK (window_realized_cb), NULL);
}

/* Geometry */

/* Widget coordinates to the toplevel surface's, where X puts the pointer. */
static gboolean
widget_to_surface (GtkWidget *widget, double x, double y, double *sx, double *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  double     tx, ty, nx, ny;

  if (native == NULL ||
      !gtk_widget_translate_coordinates (widget, GTK_WIDGET (native), x, y, &nx, &ny))
    return FALSE;

  gtk_native_get_surface_transform (native, &tx, &ty);
  *sx = nx + tx;
  *sy = ny + ty;
  return TRUE;
}

static gboolean
widget_surface_bounds (GtkWidget *widget, graphene_rect_t *rect)
{
  GtkNative *native = gtk_widget_get_native (widget);
  double     tx, ty;

  if (native == NULL || !gtk_widget_compute_bounds (widget, GTK_WIDGET (native), rect))
    return FALSE;

  gtk_native_get_surface_transform (native, &tx, &ty);
  rect->origin.x += tx;
  rect->origin.y += ty;
  return TRUE;
}

static void
add_rect_members (JsonBuilder *builder, const graphene_rect_t *rect)
{
  json_builder_set_member_name (builder, "x");
  json_builder_add_double_value (builder, rect->origin.x);
  json_builder_set_member_name (builder, "y");
  json_builder_add_double_value (builder, rect->origin.y);
  json_builder_set_member_name (builder, "width");
  json_builder_add_double_value (builder, rect->size.width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_double_value (builder, rect->size.height);
}

static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* State */

static TupuWindow *
find_window (TupuTestProbe *self)
{
  GtkWindow *active = gtk_application_get_active_window (self->application);

  if (TUPU_IS_WINDOW (active))
    return TUPU_WINDOW (active);

  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (TUPU_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static double
label_px (TupuLayout *layout, guint geom, double zoom)
{
  TupuKind kind = tupu_graph_get_node (layout->graph, layout->nodes[geom].node)->kind;
  g_autoptr (PangoFontDescription) desc =
      tupu_style_font (TUPU_FONT_LABEL, kind, layout->options.text_scale);

  return pango_font_description_get_size (desc) / (double)PANGO_SCALE * zoom;
}

/* The badges of folded parts, in surface pixels: {id: [x, y, width, height]}. */
static void
add_badges (JsonBuilder *builder, TupuGraphView *view, TupuLayout *layout)
{
  json_builder_set_member_name (builder, "badges");
  json_builder_begin_object (builder);
  for (guint i = 0; layout != NULL && i < layout->n_nodes; i++)
    {
      TupuRect badge;
      double   x0, y0, x1, y1, sx0, sy0, sx1, sy1;

      if (!tupu_layout_badge_rect (layout, i, &badge) ||
          !tupu_test_view_layout_to_widget (view, badge.x, badge.y, &x0, &y0) ||
          !tupu_test_view_layout_to_widget (view, badge.x + badge.width, badge.y + badge.height,
                                            &x1, &y1) ||
          !widget_to_surface (GTK_WIDGET (view), x0, y0, &sx0, &sy0) ||
          !widget_to_surface (GTK_WIDGET (view), x1, y1, &sx1, &sy1))
        continue;
      json_builder_set_member_name (builder,
                                    tupu_graph_get_node (layout->graph, layout->nodes[i].node)->id);
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, sx0);
      json_builder_add_double_value (builder, sy0);
      json_builder_add_double_value (builder, sx1 - sx0);
      json_builder_add_double_value (builder, sy1 - sy0);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
add_nodes (JsonBuilder *builder, TupuGraphView *view, TupuLayout *layout)
{
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_object (builder);

  for (guint i = 0; layout != NULL && i < layout->n_nodes; i++)
    {
      const TupuNode *node = tupu_graph_get_node (layout->graph, layout->nodes[i].node);
      graphene_rect_t rect;
      double          x, y;

      if (!tupu_test_view_get_node_rect (view, node->id, &rect) ||
          !widget_to_surface (GTK_WIDGET (view), rect.origin.x, rect.origin.y, &x, &y))
        continue;

      json_builder_set_member_name (builder, node->id);
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, x);
      json_builder_add_double_value (builder, y);
      json_builder_add_double_value (builder, rect.size.width);
      json_builder_add_double_value (builder, rect.size.height);
      /* The label's size on screen: what a reader sees as text or as a bar. */
      json_builder_add_double_value (builder,
                                     label_px (layout, i, tupu_graph_view_get_zoom (view)));
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  add_badges (builder, view, layout);
}

static void
add_detail (JsonBuilder *builder, TupuDetailPane *pane)
{
  const char *label, *gloss, *kind;
  g_autoptr (GPtrArray) links = tupu_test_pane_get_links (pane);
  graphene_rect_t pane_rect;
  gboolean        have_pane = gtk_widget_get_mapped (GTK_WIDGET (pane)) &&
                       widget_surface_bounds (GTK_WIDGET (pane), &pane_rect);

  tupu_test_pane_get_shown (pane, &label, &gloss, &kind);

  json_builder_set_member_name (builder, "detail");
  json_builder_begin_object (builder);
  add_string_member (builder, "node_id", tupu_detail_pane_get_node_id (pane));
  /* The pane builds a concept's page when it first shows one. */
  json_builder_set_member_name (builder, "concept_page_built");
  json_builder_add_boolean_value (builder, tupu_detail_pane_get_study (pane) != NULL);
  add_string_member (builder, "label", label);
  add_string_member (builder, "gloss", gloss);
  add_string_member (builder, "kind", kind);

  /* Where the keyboard focus is in the pane: "title", a link's "link:ID", "other" inside the
   * pane, or null outside it. */
  {
    GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (pane));
    GtkWidget       *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
    GtkWidget       *link = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) : NULL;
    g_autofree char *where = NULL;

    if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (pane)))
      where = NULL;
    else if (focus == tupu_test_pane_get_title (pane))
      where = g_strdup ("title");
    else if (link != NULL && tupu_test_link_get_id (link) != NULL)
      where = g_strconcat ("link:", tupu_test_link_get_id (link), NULL);
    else
      where = g_strdup ("other");
    add_string_member (builder, "focus", where);
  }

  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (guint i = 0; i < links->len; i++)
    {
      GtkWidget      *link = g_ptr_array_index (links, i);
      graphene_rect_t rect;

      if (!gtk_widget_get_mapped (link) || !widget_surface_bounds (link, &rect))
        continue;

      json_builder_begin_object (builder);
      add_string_member (builder, "id", tupu_test_link_get_id (link));
      add_rect_members (builder, &rect);
      /* Scrolled out of sight: a person would have to scroll first. */
      json_builder_set_member_name (builder, "visible");
      json_builder_add_boolean_value (builder,
                                      have_pane && graphene_rect_contains_rect (&pane_rect, &rect));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* A widget's surface rectangle as members, and whether it lies inside @clip (scrolled into
 * sight). */
static void
add_widget_rect (JsonBuilder *builder, GtkWidget *widget, const graphene_rect_t *clip)
{
  graphene_rect_t rect;

  if (!widget_surface_bounds (widget, &rect))
    return;
  add_rect_members (builder, &rect);
  json_builder_set_member_name (builder, "visible");
  json_builder_add_boolean_value (builder,
                                  clip == NULL || graphene_rect_contains_rect (clip, &rect));
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found =
          G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* One row of the outline on screen: its concept, where it is, and its state. */
static void
add_outline_row (JsonBuilder *builder, GtkWidget *row_widget, const graphene_rect_t *clip)
{
  GtkWidget      *expander = gtk_widget_get_first_child (row_widget);
  GtkTreeListRow *row;
  g_autoptr (GtkStringObject) item = NULL;
  GtkStateFlags flags = gtk_widget_get_state_flags (row_widget);

  if (!GTK_IS_TREE_EXPANDER (expander) ||
      (row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))) == NULL ||
      (item = gtk_tree_list_row_get_item (row)) == NULL || !gtk_widget_get_mapped (row_widget))
    return;

  json_builder_begin_object (builder);
  add_string_member (builder, "id", gtk_string_object_get_string (item));
  add_widget_rect (builder, row_widget, clip);
  json_builder_set_member_name (builder, "depth");
  json_builder_add_int_value (builder, gtk_tree_list_row_get_depth (row));
  json_builder_set_member_name (builder, "expanded");
  json_builder_add_boolean_value (builder, gtk_tree_list_row_get_expanded (row));
  json_builder_set_member_name (builder, "selected");
  json_builder_add_boolean_value (builder, (flags & GTK_STATE_FLAG_SELECTED) != 0);
  json_builder_set_member_name (builder, "focused");
  json_builder_add_boolean_value (builder, (flags & GTK_STATE_FLAG_FOCUS_WITHIN) != 0);
  {
    /* The part's study progress at the row's end ("3/6 known"), null when not shown. */
    GtkWidget *progress =
        gtk_widget_get_last_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));

    add_string_member (builder, "progress",
                       GTK_IS_LABEL (progress) && gtk_widget_get_visible (progress)
                           ? gtk_label_get_text (GTK_LABEL (progress))
                           : NULL);
  }
  json_builder_end_object (builder);
}

/* The outline: shown or not, its selection, its rows on screen in list order, and the text
 * typed to find a row. */
static void
add_outline (JsonBuilder *builder, TupuOutline *outline)
{
  /* The window builds its outline when first shown (NULL until then). */
  GtkWidget *list =
      outline != NULL ? find_descendant (GTK_WIDGET (outline), GTK_TYPE_LIST_VIEW) : NULL;
  GtkWidget *entry =
      outline != NULL ? find_descendant (GTK_WIDGET (outline), GTK_TYPE_SEARCH_ENTRY) : NULL;
  graphene_rect_t clip;
  gboolean        shown = outline != NULL && gtk_widget_get_mapped (GTK_WIDGET (outline));
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  json_builder_set_member_name (builder, "outline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "built");
  json_builder_add_boolean_value (builder, outline != NULL);
  json_builder_set_member_name (builder, "shown");
  json_builder_add_boolean_value (builder, shown);
  add_string_member (builder, "selected",
                     outline != NULL ? tupu_outline_get_selected_id (outline) : NULL);
  add_string_member (builder, "search",
                     entry != NULL && gtk_widget_get_mapped (entry)
                         ? gtk_editable_get_text (GTK_EDITABLE (entry))
                         : NULL);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  if (shown && list != NULL && widget_surface_bounds (gtk_widget_get_parent (list), &clip))
    {
      /* GtkListView keeps its row widgets in no particular order: sort them by position. */
      for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (rows, child);
      for (guint i = 0; i < rows->len; i++)
        for (guint j = i + 1; j < rows->len; j++)
          {
            graphene_rect_t a, b;

            if (widget_surface_bounds (rows->pdata[i], &a) &&
                widget_surface_bounds (rows->pdata[j], &b) && b.origin.y < a.origin.y)
              {
                gpointer swap = rows->pdata[i];

                rows->pdata[i] = rows->pdata[j];
                rows->pdata[j] = swap;
              }
          }
      for (guint i = 0; i < rows->len; i++)
        add_outline_row (builder, rows->pdata[i], &clip);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* The breadcrumb's crumbs, root first: each one's concept and where it is. */
static void
add_breadcrumb (JsonBuilder *builder, TupuBreadcrumb *breadcrumb)
{
  json_builder_set_member_name (builder, "breadcrumb");
  json_builder_begin_array (builder);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (breadcrumb)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GVariant *target;

      if (!GTK_IS_ACTIONABLE (child) || !gtk_widget_get_mapped (child) ||
          (target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child))) == NULL)
        continue;
      json_builder_begin_object (builder);
      add_string_member (builder, "id", g_variant_get_string (target, NULL));
      add_widget_rect (builder, child, NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The header bar's buttons, by action: where they are and whether they can be pressed. */
static void
collect_header_buttons (JsonBuilder *builder, GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *action = GTK_IS_ACTIONABLE (child)
                               ? gtk_actionable_get_action_name (GTK_ACTIONABLE (child))
                               : NULL;

      if (action != NULL && gtk_widget_get_mapped (child))
        {
          json_builder_set_member_name (builder, action);
          json_builder_begin_object (builder);
          add_widget_rect (builder, child, NULL);
          json_builder_set_member_name (builder, "enabled");
          json_builder_add_boolean_value (builder, gtk_widget_is_sensitive (child));
          json_builder_set_member_name (builder, "active");
          json_builder_add_boolean_value (
              builder, GTK_IS_TOGGLE_BUTTON (child) &&
                           gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)));
          json_builder_end_object (builder);
        }
      else
        collect_header_buttons (builder, child);
    }
}

static void
add_header (JsonBuilder *builder, TupuWindow *window)
{
  GtkWidget *header = find_descendant (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);

  json_builder_set_member_name (builder, "header");
  json_builder_begin_object (builder);
  if (header != NULL)
    collect_header_buttons (builder, header);
  json_builder_end_object (builder);
}

/* The study progress: whether the Progress overlay is on and what it colours ({id: 2 learning,
 * 3 known}), and the detail pane's study section — the state shown, the note's text, where its
 * state buttons and note are (each "visible" when scrolled into the pane's sight) and whether
 * the note has the keyboard focus. */
static void add_study_section (JsonBuilder *builder, GtkWidget *study);

static void
add_study (JsonBuilder *builder, TupuWindow *window, TupuGraphView *view)
{
  TupuDetailPane *pane = tupu_test_window_get_pane (window);
  GtkWidget      *study = GTK_WIDGET (tupu_detail_pane_get_study (pane));
  GBytes         *mastery = tupu_graph_view_get_mastery (view);
  TupuGraph      *graph = tupu_window_get_graph (window);
  gboolean        overlay = FALSE;

  g_object_get (window, "show-progress", &overlay, NULL);
  json_builder_set_member_name (builder, "study");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "overlay");
  json_builder_add_boolean_value (builder, overlay);
  json_builder_set_member_name (builder, "mastery");
  json_builder_begin_object (builder);
  if (mastery != NULL && graph != NULL &&
      g_bytes_get_size (mastery) == tupu_graph_get_n_nodes (graph))
    {
      const guint8 *levels = g_bytes_get_data (mastery, NULL);

      for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
        if (levels[i] >= TUPU_MASTERY_LEARNING)
          {
            json_builder_set_member_name (builder, tupu_graph_get_node (graph, i)->id);
            json_builder_add_int_value (builder, levels[i]);
          }
    }
  json_builder_end_object (builder);
  /* The pane builds its concept page, and so the study section, when a concept is first
   * shown: before that, no state, no note. */
  if (study != NULL)
    add_study_section (builder, study);
  else
    {
      json_builder_set_member_name (builder, "buttons");
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
      add_string_member (builder, "state", NULL);
      add_string_member (builder, "note", NULL);
      json_builder_set_member_name (builder, "note_box");
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "note_focused");
      json_builder_add_boolean_value (builder, FALSE);
    }
  json_builder_end_object (builder);
}

/* The study section's state buttons (each "visible" when scrolled into the pane's sight), the
 * state shown, the note's text and box, and whether the note has the keyboard focus. */
static void
add_study_section (JsonBuilder *builder, GtkWidget *study)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (study, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *note =
      (GtkWidget *)gtk_widget_get_template_child (study, TUPU_TYPE_CONCEPT_STUDY, "note_view");
  const char     *states[] = { "new", "learning", "known" };
  const char     *active = NULL;
  graphene_rect_t clip;
  gboolean have_clip = gtk_widget_get_mapped (scroller) && widget_surface_bounds (scroller, &clip);
  GtkRoot *root = gtk_widget_get_root (note);
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, "buttons");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *name = g_strconcat (states[i], "_button", NULL);
      GtkWidget       *button =
          (GtkWidget *)gtk_widget_get_template_child (study, TUPU_TYPE_CONCEPT_STUDY, name);

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
        active = states[i];
      if (!gtk_widget_get_mapped (button))
        continue;
      json_builder_set_member_name (builder, states[i]);
      json_builder_begin_object (builder);
      add_widget_rect (builder, button, have_clip ? &clip : NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  add_string_member (builder, "state", gtk_widget_get_mapped (study) ? active : NULL);

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (note)), &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  add_string_member (builder, "note", gtk_widget_get_mapped (note) ? text : NULL);
  json_builder_set_member_name (builder, "note_box");
  json_builder_begin_object (builder);
  if (gtk_widget_get_mapped (note))
    add_widget_rect (builder, note, have_clip ? &clip : NULL);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "note_focused");
  json_builder_add_boolean_value (builder, root != NULL && gtk_root_get_focus (root) == note);
}

/* The history's length each way, and the layout point in the middle of the view with the zoom. */
static void
add_history (JsonBuilder *builder, TupuWindow *window, TupuGraphView *view)
{
  TupuHistory *history = tupu_test_window_get_history (window);
  double       x, y, zoom;

  json_builder_set_member_name (builder, "history");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "back");
  json_builder_add_int_value (builder, tupu_history_get_n_back (history));
  json_builder_set_member_name (builder, "forward");
  json_builder_add_int_value (builder, tupu_history_get_n_forward (history));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "visible");
  json_builder_begin_array (builder);
  if (tupu_graph_view_get_visible (view, &x, &y, &zoom))
    {
      json_builder_add_double_value (builder, x);
      json_builder_add_double_value (builder, y);
      json_builder_add_double_value (builder, zoom);
    }
  json_builder_end_array (builder);
}

static gboolean
layout_pending (TupuGraphView *view)
{
  TupuGraph        *graph = tupu_graph_view_get_graph (view);
  TupuLayout       *layout = tupu_graph_view_get_layout (view);
  TupuLayoutOptions wanted;

  if (graph == NULL)
    return FALSE;
  if (layout == NULL || layout->graph != graph)
    return TRUE;
  /* The engine chosen, or the one the view falls back on when the graph is too large for it. */
  wanted = layout->options;
  wanted.engine = tupu_graph_view_get_engine (view);
  return layout->options.engine != tupu_layout_pick_engine (graph, &wanted, NULL) ||
         !layout->options.show_gloss != !tupu_graph_view_get_show_gloss (view);
}

/* The focus widget and its two nearest ancestors, as "GtkText<GtkFileChooserEntry<GtkBox", and
 * the text of the focused editable, so that a test can wait until a dialog is ready for keys and
 * has taken them. */
static void
add_focus (JsonBuilder *builder, GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr (GString) chain = g_string_new (NULL);
  GtkWidget *widget = focus;

  for (int depth = 0; widget != NULL && depth < 3; depth++, widget = gtk_widget_get_parent (widget))
    g_string_append_printf (chain, "%s%s", depth > 0 ? "<" : "", G_OBJECT_TYPE_NAME (widget));

  add_string_member (builder, "focus", chain->len > 0 ? chain->str : NULL);
  /* Which widget exactly, so that a test can wait for a key to have moved the focus on. */
  {
    g_autofree char *id = focus != NULL ? g_strdup_printf ("%p", (void *)focus) : NULL;

    add_string_member (builder, "focus_id", id);
  }
  add_string_member (builder, "text",
                     GTK_IS_EDITABLE (focus) ? gtk_editable_get_text (GTK_EDITABLE (focus)) : NULL);
}

static void
add_windows (JsonBuilder *builder, TupuTestProbe *self)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  json_builder_set_member_name (builder, "windows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      json_builder_begin_object (builder);
      add_string_member (builder, "type", G_OBJECT_TYPE_NAME (window));
      add_string_member (builder, "title", gtk_window_get_title (window));
      if (TUPU_IS_WINDOW (window))
        {
          GFile           *file = tupu_window_get_file (TUPU_WINDOW (window));
          g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

          add_string_member (builder, "file", path);
        }
      json_builder_set_member_name (builder, "active");
      json_builder_add_boolean_value (builder, gtk_window_is_active (window));
      add_focus (builder, window);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The texts of the menu items on screen: the labels shown in an open popover. */
static void
collect_menu_labels (GtkWidget *widget, gboolean in_popover, JsonBuilder *builder)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (in_popover && GTK_IS_LABEL (child))
        json_builder_add_string_value (builder, gtk_label_get_text (GTK_LABEL (child)));
      collect_menu_labels (child, in_popover || GTK_IS_POPOVER (child), builder);
    }
}

static void
add_menu (JsonBuilder *builder, TupuWindow *window)
{
  json_builder_set_member_name (builder, "menu");
  json_builder_begin_array (builder);
  collect_menu_labels (GTK_WIDGET (window), FALSE, builder);
  json_builder_end_array (builder);
}

static guint
count_marked (GBytes *marked)
{
  gsize         n;
  const guint8 *bytes = marked != NULL ? g_bytes_get_data (marked, &n) : NULL;
  guint         count = 0;

  for (gsize i = 0; bytes != NULL && i < n; i++)
    count += bytes[i] != 0;
  return count;
}

/* The search bar and its results, as shown: {"open", "entry_focused", "query", "n_results",
 * "cursor", "rows": [{"label", "highlight", "cursor"}], "empty", "marked", "mark_boxes",
 * "mark_badges"}. */
static void
add_search (JsonBuilder *builder, TupuWindow *window, TupuGraphView *view)
{
  TupuSearchPanel *panel = tupu_test_window_get_search_panel (window);
  GtkWidget       *entry = tupu_test_window_get_search_entry (window);
  GtkWidget       *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr (GPtrArray) rows = tupu_test_search_panel_dup_rows (panel);
  guint boxes, badges;

  tupu_test_view_count_marks (view, &boxes, &badges);
  json_builder_set_member_name (builder, "search");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "open");
  json_builder_add_boolean_value (
      builder, gtk_search_bar_get_search_mode (tupu_test_window_get_search_bar (window)) &&
                   gtk_widget_get_mapped (entry));
  json_builder_set_member_name (builder, "entry_focused");
  json_builder_add_boolean_value (
      builder, focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));
  /* The panel is built when something is first searched. */
  json_builder_set_member_name (builder, "panel_built");
  json_builder_add_boolean_value (builder, panel != NULL);
  add_string_member (builder, "query", panel != NULL ? tupu_search_panel_get_query (panel) : NULL);
  json_builder_set_member_name (builder, "n_results");
  json_builder_add_int_value (builder, panel != NULL ? tupu_search_panel_get_n_results (panel) : 0);
  add_string_member (builder, "cursor",
                     panel != NULL ? tupu_search_panel_get_cursor_id (panel) : NULL);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const TupuTestSearchRow *row = g_ptr_array_index (rows, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "label", row->label);
      add_string_member (builder, "highlight", row->highlight);
      json_builder_set_member_name (builder, "cursor");
      json_builder_add_boolean_value (builder, row->cursor);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "empty");
  json_builder_add_boolean_value (builder, tupu_test_search_panel_shows_empty (panel));
  json_builder_set_member_name (builder, "marked");
  json_builder_add_int_value (builder, count_marked (tupu_graph_view_get_marked (view)));
  json_builder_set_member_name (builder, "mark_boxes");
  json_builder_add_int_value (builder, boxes);
  json_builder_set_member_name (builder, "mark_badges");
  json_builder_add_int_value (builder, badges);
  json_builder_end_object (builder);
}

/* Practice: the panel's question, its buttons and texts as shown, and the study store's view of
 * the concept asked about. */

/* The texts of @widget's labels, in order, joined by newlines. */
static void
collect_texts (GtkWidget *widget, GString *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) || GTK_IS_EDITABLE (widget))
    {
      const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                                               : gtk_editable_get_text (GTK_EDITABLE (widget));

      if (text != NULL && *text != '\0')
        g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", text);
      if (GTK_IS_EDITABLE (widget))
        return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

/* Whether @text holds a Han character. */
static gboolean
has_han (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

/* Whether @attrs give the whole text a Chinese language. */
static gboolean
has_zh_language (PangoAttrList *attrs)
{
  g_autoptr (GSList) list = NULL;
  gboolean found = FALSE;

  if (attrs == NULL)
    return FALSE;
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_LANGUAGE &&
          g_str_has_prefix (pango_language_to_string (((PangoAttrLanguage *)attr)->value), "zh"))
        found = TRUE;
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify)pango_attribute_destroy);
  return found;
}

/* The shown labels and inscriptions with Chinese text but no Chinese language: Pango then picks
 * Han glyph forms by the locale (Japanese forms under English, for instance). */
static void
collect_han_without_language (GtkWidget *widget, JsonBuilder *builder)
{
  const char    *text = NULL;
  PangoAttrList *attrs = NULL;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      text = gtk_label_get_text (GTK_LABEL (widget));
      attrs = gtk_label_get_attributes (GTK_LABEL (widget));
    }
  else if (GTK_IS_INSCRIPTION (widget))
    {
      text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      attrs = gtk_inscription_get_attributes (GTK_INSCRIPTION (widget));
    }
  if (has_han (text) && !has_zh_language (attrs))
    {
      g_autofree char *what =
          g_strdup_printf ("%s in %s: %s", G_OBJECT_TYPE_NAME (widget),
                           G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), text);

      json_builder_add_string_value (builder, what);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_han_without_language (child, builder);
}

static void
collect_practice_buttons (JsonBuilder *builder, GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget))
    {
      g_autoptr (GString) text = g_string_new (NULL);
      GVariant        *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
      const char      *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));
      g_autofree char *target_text = target != NULL ? g_variant_print (target, FALSE) : NULL;

      collect_texts (widget, text);
      json_builder_begin_object (builder);
      add_string_member (builder, "label", text->str);
      add_string_member (builder, "action", action);
      add_string_member (builder, "target", target_text);
      add_widget_rect (builder, widget, NULL);
      json_builder_set_member_name (builder, "enabled");
      json_builder_add_boolean_value (builder, gtk_widget_is_sensitive (widget));
      json_builder_set_member_name (builder, "focused");
      json_builder_add_boolean_value (builder, gtk_widget_has_focus (widget));
      json_builder_end_object (builder);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_practice_buttons (builder, child);
}

static const char *
answer_mode_name (TupuAnswerMode mode)
{
  return mode == TUPU_ANSWER_TYPED ? "typed" : mode == TUPU_ANSWER_CHOICE ? "choice" : "order";
}

static void
add_question (JsonBuilder *builder, TupuPracticeSession *session)
{
  const TupuQuestion *question = tupu_practice_session_get_question (session);
  TupuStudyStore     *store = tupu_practice_session_get_store (session);
  const char         *id;
  g_autofree char    *expected = NULL;

  if (question == NULL)
    return;
  id = tupu_graph_get_node (tupu_practice_session_get_graph (session), question->node)->id;
  expected = tupu_question_dup_expected (question);
  add_string_member (builder, "node", id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_int_value (builder, question->kind);
  add_string_member (builder, "mode", answer_mode_name (question->mode));
  add_string_member (builder, "prompt", question->prompt);
  add_string_member (builder, "expected", expected);
  json_builder_set_member_name (builder, "correct");
  json_builder_add_int_value (builder, question->correct);
  json_builder_set_member_name (builder, "answered");
  json_builder_add_boolean_value (builder, tupu_practice_session_has_answer (session));
  add_string_member (builder, "state",
                     tupu_study_state_to_string (tupu_study_store_get_state (store, id)));
}

static void
add_practice (JsonBuilder *builder, TupuWindow *window)
{
  TupuPracticePanel   *panel = tupu_test_window_get_practice_panel (window);
  TupuPracticeSession *session;
  GtkWidget           *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr (GString) texts = g_string_new (NULL);

  json_builder_set_member_name (builder, "practice");
  json_builder_begin_object (builder);
  /* The window builds its panel when a session first starts: until then, nothing shown. */
  json_builder_set_member_name (builder, "built");
  json_builder_add_boolean_value (builder, panel != NULL);
  if (panel == NULL)
    {
      const char *flags[] = { "shown", "asking", "focus_inside" };

      for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
        {
          json_builder_set_member_name (builder, flags[i]);
          json_builder_add_boolean_value (builder, FALSE);
        }
      add_string_member (builder, "texts", "");
      json_builder_set_member_name (builder, "buttons");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      return;
    }
  session = tupu_practice_panel_get_session (panel);
  json_builder_set_member_name (builder, "shown");
  json_builder_add_boolean_value (builder, gtk_widget_get_mapped (GTK_WIDGET (panel)));
  json_builder_set_member_name (builder, "asking");
  json_builder_add_boolean_value (builder, tupu_practice_panel_is_asking (panel));
  json_builder_set_member_name (builder, "focus_inside");
  json_builder_add_boolean_value (builder, focus != NULL &&
                                               gtk_widget_is_ancestor (focus, GTK_WIDGET (panel)));
  collect_texts (GTK_WIDGET (panel), texts);
  add_string_member (builder, "texts", texts->str);
  json_builder_set_member_name (builder, "buttons");
  json_builder_begin_array (builder);
  collect_practice_buttons (builder, GTK_WIDGET (panel));
  json_builder_end_array (builder);
  if (session != NULL)
    {
      GFile           *file = tupu_study_store_get_file (tupu_practice_session_get_store (session));
      g_autofree char *path = g_file_get_path (file);

      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, tupu_practice_session_get_position (session));
      json_builder_set_member_name (builder, "n_cards");
      json_builder_add_int_value (builder, tupu_practice_session_get_n_cards (session));
      add_string_member (builder, "store_file", path);
      add_question (builder, session);
    }
  json_builder_end_object (builder);
}

/* A mark of the reading view as {id, click_id, x, y, width, height, visible, flashed}: where its
 * first character is on the surface, and whether that lies in the text's visible part. */
static void
add_mark (JsonBuilder *builder, GtkWidget *text_view, const TupuTestMark *mark,
          const graphene_rect_t *clip)
{
  graphene_rect_t rect = mark->rect;
  double          sx, sy;

  if (!widget_to_surface (text_view, rect.origin.x, rect.origin.y, &sx, &sy))
    return;
  rect.origin.x = sx;
  rect.origin.y = sy;
  json_builder_begin_object (builder);
  add_string_member (builder, "id", mark->id);
  add_string_member (builder, "click_id", mark->click_id);
  add_rect_members (builder, &rect);
  json_builder_set_member_name (builder, "visible");
  json_builder_add_boolean_value (builder, graphene_rect_contains_rect (clip, &rect));
  json_builder_set_member_name (builder, "flashed");
  json_builder_add_boolean_value (builder, mark->flashed);
  json_builder_set_member_name (builder, "n_covering");
  json_builder_add_int_value (builder, mark->n_covering);
  json_builder_end_object (builder);
}

/* The reading view: {"shown", "focused", "node_id", "marks" (the selected concept's), "points"
 * (every mark in sight, to click), "cards" (the detail pane's passage cards)}; and the tour:
 * {"text", "selected_order", "next", "previous"}. */
static void
add_reading (JsonBuilder *builder, TupuWindow *window)
{
  /* The window builds its reading view when first shown (NULL until then). */
  TupuReadingView *reading = tupu_test_window_get_reading (window);
  GtkWidget       *text_view = reading != NULL ? tupu_test_reading_get_text_view (reading) : NULL;
  TupuGraph       *graph = tupu_window_get_graph (window);
  const char      *selected = tupu_graph_view_get_selected_id (tupu_test_window_get_view (window));
  int        index = graph != NULL && selected != NULL ? tupu_graph_lookup (graph, selected) : -1;
  GtkRoot   *root = text_view != NULL ? gtk_widget_get_root (text_view) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  graphene_rect_t clip, pane_rect;
  gboolean        shown = text_view != NULL && gtk_widget_get_mapped (text_view) &&
                   widget_surface_bounds (text_view, &clip);
  TupuDetailPane *pane = tupu_test_window_get_pane (window);
  gboolean        have_pane = gtk_widget_get_mapped (GTK_WIDGET (pane)) &&
                       widget_surface_bounds (GTK_WIDGET (pane), &pane_rect);
  g_autoptr (GPtrArray) cards = tupu_test_pane_get_passage_cards (pane);

  json_builder_set_member_name (builder, "reading");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "built");
  json_builder_add_boolean_value (builder, reading != NULL);
  json_builder_set_member_name (builder, "shown");
  json_builder_add_boolean_value (builder, shown);
  json_builder_set_member_name (builder, "focused");
  json_builder_add_boolean_value (
      builder, focus != NULL && (focus == text_view || gtk_widget_is_ancestor (focus, text_view)));
  add_string_member (builder, "node_id",
                     reading != NULL ? tupu_reading_view_get_node_id (reading) : NULL);
  for (int selected_only = 1; selected_only >= 0; selected_only--)
    {
      g_autoptr (GArray) marks = shown ? tupu_test_reading_dup_marks (reading, selected_only)
                                       : g_array_new (FALSE, FALSE, sizeof (TupuTestMark));

      json_builder_set_member_name (builder, selected_only ? "marks" : "points");
      json_builder_begin_array (builder);
      for (guint i = 0; i < marks->len; i++)
        {
          const TupuTestMark *mark = &g_array_index (marks, TupuTestMark, i);
          graphene_rect_t     in_view = mark->rect;

          /* Every mark of the selected concept; of the others, only those in sight. */
          if (!selected_only && (!graphene_rect_contains_rect (
                                    &(graphene_rect_t){ { 0, 0 },
                                                        { gtk_widget_get_width (text_view),
                                                          gtk_widget_get_height (text_view) } },
                                    &in_view)))
            continue;
          add_mark (builder, text_view, mark, &clip);
        }
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cards->len; i++)
    {
      json_builder_begin_object (builder);
      add_widget_rect (builder, g_ptr_array_index (cards, i), have_pane ? &pane_rect : NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "tour");
  json_builder_begin_object (builder);
  add_string_member (builder, "text", tupu_test_window_get_tour_text (window));
  json_builder_set_member_name (builder, "selected_order");
  json_builder_add_int_value (builder,
                              index >= 0 ? (int)tupu_graph_get_node (graph, index)->order : -1);
  for (int next = 1; next >= 0; next--)
    {
      json_builder_set_member_name (builder, next ? "next" : "previous");
      json_builder_begin_object (builder);
      add_widget_rect (builder, tupu_test_window_get_tour_button (window, next), NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_window_state (JsonBuilder *builder, TupuWindow *window)
{
  TupuGraphView   *view = tupu_test_window_get_view (window);
  TupuGraph       *graph = tupu_window_get_graph (window);
  TupuLayout      *layout = tupu_graph_view_get_layout (view);
  GFile           *file = tupu_window_get_file (window);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *problems = tupu_test_window_dup_status_problems (window);
  g_autoptr (GPtrArray) toasts = tupu_test_window_dup_toasts (window);
  gboolean        pending = layout_pending (view);
  graphene_rect_t view_rect;

  json_builder_set_member_name (builder, "ready");
  json_builder_add_boolean_value (builder, graph != NULL && !pending &&
                                               !tupu_test_window_is_loading (window) &&
                                               gtk_widget_get_mapped (GTK_WIDGET (view)));
  add_string_member (builder, "graph_id", graph != NULL ? tupu_graph_get_id (graph) : NULL);
  add_string_member (builder, "title", graph != NULL ? tupu_graph_get_title_en (graph) : NULL);
  add_string_member (builder, "file", path);
  add_string_member (builder, "subtitle", tupu_test_window_get_subtitle (window));
  {
    g_autoptr (GPtrArray) unavailable = tupu_test_window_dup_unavailable_engines (window);

    json_builder_set_member_name (builder, "unavailable_engines");
    json_builder_begin_array (builder);
    for (guint i = 0; i < unavailable->len; i++)
      json_builder_add_string_value (builder, g_ptr_array_index (unavailable, i));
    json_builder_end_array (builder);
  }
  json_builder_set_member_name (builder, "progress");
  json_builder_add_boolean_value (builder, tupu_test_window_shows_progress (window));
  add_string_member (builder, "engine", tupu_engine_to_string (tupu_graph_view_get_engine (view)));
  add_string_member (builder, "layout_engine",
                     layout != NULL ? tupu_engine_to_string (layout->options.engine) : NULL);
  json_builder_set_member_name (builder, "layouts_computed");
  json_builder_add_int_value (builder, tupu_test_view_get_n_computed (view));
  json_builder_set_member_name (builder, "frames");
  json_builder_add_int_value (builder,
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), FRAMES_KEY)));
  json_builder_set_member_name (builder, "menu_built");
  json_builder_add_boolean_value (builder, tupu_test_window_menu_built (window));
  json_builder_set_member_name (builder, "preloaded");
  json_builder_add_boolean_value (builder, tupu_test_window_was_preloaded (window));
  json_builder_set_member_name (builder, "loads");
  json_builder_add_int_value (builder,
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), LOADS_KEY)));
  add_string_member (builder, "selected", tupu_graph_view_get_selected_id (view));
  json_builder_set_member_name (builder, "show_all_links");
  json_builder_add_boolean_value (builder, tupu_graph_view_get_show_all_links (view));
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, tupu_graph_view_get_zoom (view));

  json_builder_set_member_name (builder, "layout_button");
  json_builder_begin_object (builder);
  if (widget_surface_bounds (tupu_test_window_get_layout_button (window), &view_rect))
    add_rect_members (builder, &view_rect);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "view");
  json_builder_begin_object (builder);
  if (gtk_widget_get_mapped (GTK_WIDGET (view)) &&
      widget_surface_bounds (GTK_WIDGET (view), &view_rect))
    add_rect_members (builder, &view_rect);
  json_builder_end_object (builder);

  /* The overview map, in surface coordinates like the rest; empty when hidden. */
  json_builder_set_member_name (builder, "map");
  json_builder_begin_object (builder);
  {
    graphene_rect_t map;

    if (gtk_widget_get_mapped (GTK_WIDGET (view)) && tupu_test_view_get_map_rect (view, &map))
      {
        map.origin.x += view_rect.origin.x;
        map.origin.y += view_rect.origin.y;
        add_rect_members (builder, &map);
      }
  }
  json_builder_end_object (builder);

  add_nodes (builder, view, pending ? NULL : layout);
  add_detail (builder, tupu_test_window_get_pane (window));

  json_builder_set_member_name (builder, "toasts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < toasts->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (toasts, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "status_page");
  json_builder_add_boolean_value (builder, problems != NULL);
  add_string_member (builder, "problems", problems);
  json_builder_set_member_name (builder, "layout_pending");
  json_builder_add_boolean_value (builder, pending);
  add_menu (builder, window);
  add_search (builder, window, view);
  add_outline (builder, tupu_test_window_get_outline (window));
  json_builder_set_member_name (builder, "outline_folded");
  json_builder_add_boolean_value (builder, tupu_test_window_outline_folded (window));
  json_builder_set_member_name (builder, "window_width");
  json_builder_add_int_value (builder, gtk_widget_get_width (GTK_WIDGET (window)));
  add_breadcrumb (builder, tupu_test_window_get_breadcrumb (window));
  add_header (builder, window);
  add_history (builder, window, view);
  add_practice (builder, window);
  add_study (builder, window, view);
  add_reading (builder, window);
  json_builder_set_member_name (builder, "han_without_language");
  json_builder_begin_array (builder);
  collect_han_without_language (GTK_WIDGET (window), builder);
  json_builder_end_array (builder);
}

static char *
dup_state (TupuTestProbe *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  TupuWindow *window = find_window (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "window");
  json_builder_add_boolean_value (builder, window != NULL);
  if (window != NULL)
    add_window_state (builder, window);
  add_windows (builder, self);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Commands */

static void
reply (const char *json)
{
  fputs (json, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void
clipboard_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  add_string_member (builder, "text", text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  reply (json);
}

static void
handle_command (TupuTestProbe *self, const char *command)
{
  if (g_strcmp0 (command, "state") == 0)
    {
      g_autofree char *state = dup_state (self);

      reply (state);
    }
  else if (g_strcmp0 (command, "blind-monitor") == 0 || g_strcmp0 (command, "blind-all") == 0)
    {
      TupuWindow *window = find_window (self);

      if (window != NULL)
        tupu_test_window_blind (window, g_str_equal (command, "blind-all"));
      reply (window != NULL ? "{\"ok\":true}" : "{\"error\":\"no window\"}");
    }
  else if (g_strcmp0 (command, "clipboard") == 0)
    {
      /* The text on the clipboard, answered once it has been read. */
      TupuWindow *window = find_window (self);

      if (window != NULL)
        gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                       clipboard_read_cb, NULL);
      else
        reply ("{\"error\":\"no window\"}");
    }
  else if (g_strcmp0 (command, "quit") == 0)
    {
      reply ("{\"ok\":true}");
      g_application_quit (G_APPLICATION (self->application));
    }
  else
    reply ("{\"error\":\"unknown command\"}");
}

static void
read_line_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TupuTestProbe *self;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  /* Cancelled in dispose: the probe may be gone already, so touch nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  if (line == NULL)
    {
      /* EOF: the test is gone; an app it no longer drives must not linger. */
      if (error != NULL)
        g_warning ("Test probe: %s", error->message);
      g_application_quit (G_APPLICATION (self->application));
      return;
    }

  handle_command (self, g_strstrip (line));
  read_next_line (self);
}

static void
read_next_line (TupuTestProbe *self)
{
  g_data_input_stream_read_line_async (self->input, G_PRIORITY_DEFAULT, self->cancellable,
                                       read_line_cb, self);
}

/* Vfuncs */

static void
tupu_test_probe_dispose (GObject *object)
{
  TupuTestProbe *self = TUPU_TEST_PROBE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (tupu_test_probe_parent_class)->dispose (object);
}

static void
tupu_test_probe_finalize (GObject *object)
{
  TupuTestProbe *self = TUPU_TEST_PROBE (object);

  g_clear_object (&self->input);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tupu_test_probe_parent_class)->finalize (object);
}

static void
tupu_test_probe_class_init (TupuTestProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tupu_test_probe_dispose;
  object_class->finalize = tupu_test_probe_finalize;
}

static void
tupu_test_probe_init (TupuTestProbe *self)
{
  g_autoptr (GInputStream) stdin_stream = g_unix_input_stream_new (0, FALSE);

  self->cancellable = g_cancellable_new ();
  self->input = g_data_input_stream_new (stdin_stream);
}

/* Public API */

TupuTestProbe *
tupu_test_probe_new (GtkApplication *application)
{
  TupuTestProbe *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (TUPU_TYPE_TEST_PROBE, NULL);
  self->application = application;
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  read_next_line (self);
  return self;
}
