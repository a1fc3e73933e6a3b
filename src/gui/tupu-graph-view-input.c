/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-graph-view-input.c: how the graph view is driven — pointer, touchpad and keyboard.
 *
 * The canvas-local commands (select, move, pan) are "view.*" actions with their key bindings on
 * the class. Tab and Shift+Tab are left alone: they move the focus in and out of the canvas. An
 * action is disabled when it has nothing to do, which lets its key propagate. Zoom and branch
 * commands are the window's actions (win.*), which call the public API below; only their unmodified
 * keys (+, -, 0, 1), which must not reach the window while another widget types text, are bound
 * here, on the canvas. */

#include "config.h"

#include <math.h>

#include "tupu-graph-view-private.h"

#define ZOOM_STEP 1.25      /* one key press or one wheel notch */
#define SMOOTH_ZOOM_PX 20.0 /* smooth-scroll pixels per ZOOM_STEP with Ctrl held */
#define DRAG_THRESHOLD 3.0  /* pixels before a press becomes a pan rather than a click */
#define PAN_FRACTION 0.125  /* Ctrl+arrow pans this much of the view */

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

/* Discrete steps (keys, wheel notches) animate; continuous input follows the fingers. */
static void
zoom_step_at (TupuGraphView *self, double factor, double x, double y)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  _tupu_graph_view_animate_zoom (self, _tupu_graph_view_target_zoom (self) * factor, x, y);
}

/* Keys zoom around the selected concept when it is on screen (what the reader looks at), else
 * around the centre. */
static void
zoom_step (TupuGraphView *self, double factor)
{
  double          width = gtk_widget_get_width (GTK_WIDGET (self));
  double          height = gtk_widget_get_height (GTK_WIDGET (self));
  double          x = width / 2.0, y = height / 2.0;
  int             selected = _tupu_graph_view_selected_geom (self);
  const TupuRect *box;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (selected >= 0)
    {
      box = &self->layout->nodes[selected].box;
      x = (box->x + box->width / 2) * self->zoom + self->off_x;
      y = (box->y + box->height / 2) * self->zoom + self->off_y;
      if (x < 0 || y < 0 || x > width || y > height)
        x = width / 2.0, y = height / 2.0;
    }
  zoom_step_at (self, factor, x, y);
}

static int
pick (TupuGraphView *self, double x, double y)
{
  double lx, ly;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout == NULL)
    return -1;

  _tupu_graph_view_widget_to_layout (self, x, y, &lx, &ly);
  return tupu_layout_pick (self->layout, lx, ly);
}

/* Selects from the keyboard: the node comes into view if it was outside. */
static void
select_geom (TupuGraphView *self, int geom)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (geom < 0)
    return;

  tupu_graph_view_select (self, _tupu_graph_view_geom_id (self, geom), FALSE);
  _tupu_graph_view_scroll_into_view (self, geom);
}

static void
select_node_index (TupuGraphView *self, guint index)
{
  const char *id = tupu_graph_get_node (self->graph, index)->id;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  tupu_graph_view_select (self, id, FALSE);
  _tupu_graph_view_scroll_into_view (self, _tupu_graph_view_selected_geom (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Actions                                                                                    */

/* Selects the first concept of the branch shown at or after speech rank @rank, walking in
 * @direction (+1 or -1) and wrapping around; the branch's root is always in it. */
static void
select_in_branch_from (TupuGraphView *self, guint rank, int direction)
{
  guint        n = tupu_graph_get_n_nodes (self->graph);
  const guint *order = tupu_graph_get_speech_order (self->graph);

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  while (!_tupu_graph_view_in_branch (self, order[rank]))
    rank = (rank + n + direction) % n;
  select_node_index (self, order[rank]);
}

/* Steps through the nodes in speech order, wrapping around. */
static void
select_step (TupuGraphView *self, int step)
{
  guint n = tupu_graph_get_n_nodes (self->graph);
  int   index = self->selected_id ? tupu_graph_lookup (self->graph, self->selected_id) : -1;
  guint rank;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (n == 0)
    return;

  if (index < 0)
    rank = step > 0 ? 0 : n - 1;
  else
    rank = (tupu_graph_get_node (self->graph, index)->order + n + step) % n;
  select_in_branch_from (self, rank, step > 0 ? 1 : -1);
}

static void
select_next_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  select_step (TUPU_GRAPH_VIEW (widget), 1);
}

static void
select_previous_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  select_step (TUPU_GRAPH_VIEW (widget), -1);
}

static void
select_first_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);

  if (tupu_graph_get_n_nodes (self->graph) > 0)
    select_in_branch_from (self, 0, 1);
}

static void
select_last_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  guint          n = tupu_graph_get_n_nodes (self->graph);

  if (n > 0)
    select_in_branch_from (self, n - 1, -1);
}

static void
center_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);

  _tupu_graph_view_center_on (self, _tupu_graph_view_selected_geom (self), TRUE);
}

static void
clear_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  tupu_graph_view_select (TUPU_GRAPH_VIEW (widget), NULL, FALSE);
}

/* Enter on a concept with parts also folds or unfolds them, as in a tree. */
static void
activate_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);

  if (tupu_graph_view_can_fold (self, self->selected_id))
    _tupu_graph_view_fold_selection (self,
                                     !tupu_graph_view_get_node_folded (self, self->selected_id));
  _tupu_graph_view_activate (self);
}

/* Parameter (dx, dy), one of the four axes: the nearest node that way. */
static void
move_selection_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  int            selected = _tupu_graph_view_selected_geom (self);
  int            dx, dy, next;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  if (selected < 0)
    {
      select_geom (self, _tupu_graph_view_center_geom (self));
      return;
    }

  next = tupu_layout_nearest_in_direction (self->layout, selected, CLAMP (dx, -1, 1),
                                           CLAMP (dy, -1, 1));
  if (next < 0)
    gtk_widget_error_bell (widget);
  else
    select_geom (self, next);
}

/* Parameter (dx, dy): pans towards that side of the graph by a fraction of the view. */
static void
pan_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  double         step_x = gtk_widget_get_width (widget) * PAN_FRACTION;
  double         step_y = gtk_widget_get_height (widget) * PAN_FRACTION;
  int            dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  _tupu_graph_view_stop_animation (self);
  _tupu_graph_view_set_view (self, self->zoom, self->off_x - dx * step_x,
                             self->off_y - dy * step_y);
}

void
_tupu_graph_view_update_actions (TupuGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean   has_layout = self->layout != NULL;
  gboolean   has_graph = self->graph != NULL && tupu_graph_get_n_nodes (self->graph) > 0;
  gboolean   has_selection = self->selected_id != NULL;

  gtk_widget_action_set_enabled (widget, "view.pan", has_layout);
  gtk_widget_action_set_enabled (widget, "view.select-next", has_graph);
  gtk_widget_action_set_enabled (widget, "view.select-previous", has_graph);
  gtk_widget_action_set_enabled (widget, "view.select-first", has_graph);
  gtk_widget_action_set_enabled (widget, "view.select-last", has_graph);
  gtk_widget_action_set_enabled (widget, "view.move-selection", has_layout && has_graph);
  gtk_widget_action_set_enabled (widget, "view.center-selection", has_layout && has_selection);
  gtk_widget_action_set_enabled (widget, "view.clear-selection", has_selection);
  gtk_widget_action_set_enabled (widget, "view.activate-selection", has_selection);
}

/* ------------------------------------------------------------------------------------------ */
/* Pointer and touchpad                                                                       */

static void
click_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, TupuGraphView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
click_released_cb (GtkGestureClick *gesture, int n_press, double x, double y, TupuGraphView *self)
{
  int geom;

  if (self->dragging || self->layout == NULL)
    return;

  /* A click on a badge unfolds the parts it counts. */
  if (n_press == 1 && _tupu_graph_view_toggle_badge_at (self, x, y))
    return;

  geom = pick (self, x, y);
  if (n_press == 1)
    tupu_graph_view_select (self, geom >= 0 ? _tupu_graph_view_geom_id (self, geom) : NULL, FALSE);
  else if (n_press == 2 && geom >= 0)
    _tupu_graph_view_activate (self);
}

/* A right click selects the concept under the pointer and asks for its menu there. */
static void
secondary_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y,
                      TupuGraphView *self)
{
  int geom = pick (self, x, y);

  if (geom < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  tupu_graph_view_select (self, _tupu_graph_view_geom_id (self, geom), FALSE);
  _tupu_graph_view_context_menu (self, x, y);
}

/* Menu or Shift+F10: the selected concept's menu, under its box. */
static gboolean
context_menu_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  TupuGraphView  *self = TUPU_GRAPH_VIEW (widget);
  int             geom = _tupu_graph_view_selected_geom (self);
  const TupuRect *box;

  if (geom < 0)
    return FALSE;
  box = &self->layout->nodes[geom].box;
  _tupu_graph_view_context_menu (self, (box->x + box->width / 2) * self->zoom + self->off_x,
                                 (box->y + box->height) * self->zoom + self->off_y);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, TupuGraphView *self)
{
  if (self->layout == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  _tupu_graph_view_stop_animation (self);
  self->drag_off_x = self->off_x;
  self->drag_off_y = self->off_y;
  self->dragging = FALSE;
  /* In the overview map: the view goes where the pointer points there, and follows it. */
  {
    graphene_rect_t map;
    double          scale;

    self->map_dragging = _tupu_graph_view_map_rect (self, &map, &scale) &&
                         graphene_rect_contains_point (&map, &GRAPHENE_POINT_INIT (x, y));
    if (self->map_dragging)
      {
        self->dragging = TRUE; /* no selection on release */
        self->drag_start_x = x;
        self->drag_start_y = y;
        _tupu_graph_view_map_pan (self, x, y);
      }
  }
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, TupuGraphView *self)
{
  if (self->map_dragging)
    {
      _tupu_graph_view_map_pan (self, self->drag_start_x + dx, self->drag_start_y + dy);
      return;
    }
  if (!self->dragging)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD)
        return;
      self->dragging = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }

  /* The whole distance from the press: the point grabbed stays under the pointer. */
  _tupu_graph_view_set_view (self, self->zoom, self->drag_off_x + dx, self->drag_off_y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, TupuGraphView *self)
{
  /* "dragging" stays set until the next press so the click gesture, which sees the same
   * release, does not select after a pan. */
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
drag_cancel_cb (GtkGesture *gesture, GdkEventSequence *sequence, TupuGraphView *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, TupuGraphView *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  _tupu_graph_view_set_hover (self, pick (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller, TupuGraphView *self)
{
  self->pointer_x = self->pointer_y = -1;
  _tupu_graph_view_set_hover (self, -1);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, TupuGraphView *self)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double   width = gtk_widget_get_width (GTK_WIDGET (self));
  double   height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->layout == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double x = self->pointer_x >= 0 ? self->pointer_x : width / 2;
      double y = self->pointer_x >= 0 ? self->pointer_y : height / 2;

      if (wheel && fabs (dy) >= 1.0) /* a mouse wheel's notch */
        zoom_step_at (self, pow (ZOOM_STEP, -dy), x, y);
      else /* smooth scrolling: touchpad or high-resolution wheel */
        tupu_graph_view_zoom_at (
            self, self->zoom * pow (ZOOM_STEP, -(wheel ? dy : dy / SMOOTH_ZOOM_PX)), x, y);
      return TRUE;
    }

  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (wheel) /* as GtkScrolledWindow scales a notch */
    {
      dx *= pow (width, 2.0 / 3.0);
      dy *= pow (height, 2.0 / 3.0);
    }
  _tupu_graph_view_stop_animation (self);
  _tupu_graph_view_set_view (self, self->zoom, self->off_x - dx, self->off_y - dy);
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture *gesture, GdkEventSequence *sequence, TupuGraphView *self)
{
  double x, y;

  if (self->layout == NULL || !gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  _tupu_graph_view_stop_animation (self);
  self->pinch_zoom = self->zoom;
  _tupu_graph_view_widget_to_layout (self, x, y, &self->pinch_lx, &self->pinch_ly);
}

/* The point between the fingers follows them, so a pinch also pans. */
static void
pinch_scale_changed_cb (GtkGestureZoom *gesture, double scale, TupuGraphView *self)
{
  double x, y;

  if (self->layout == NULL || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;

  tupu_graph_view_zoom_at (self, self->pinch_zoom * scale, x, y);
  _tupu_graph_view_set_view (self, self->zoom, x - self->pinch_lx * self->zoom,
                             y - self->pinch_ly * self->zoom);
}

/* ------------------------------------------------------------------------------------------ */
/* Setup                                                                                      */

static void
add_arrow_bindings (GtkWidgetClass *widget_class, GdkModifierType mods, const char *action)
{
  static const struct
  {
    guint keyval;
    guint kp_keyval;
    int   dx, dy;
  } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, arrows[i].keyval, mods, action, "(ii)",
                                           arrows[i].dx, arrows[i].dy);
      gtk_widget_class_add_binding_action (widget_class, arrows[i].kp_keyval, mods, action, "(ii)",
                                           arrows[i].dx, arrows[i].dy);
    }
}

static void
add_bindings (GtkWidgetClass *widget_class, const guint *keyvals, guint n_keyvals,
              GdkModifierType mods, const char *action)
{
  for (guint i = 0; i < n_keyvals; i++)
    gtk_widget_class_add_binding_action (widget_class, keyvals[i], mods, action, NULL);
}

/* The zoom keys without a modifier: the canvas's own, so they never take a character from a
 * text field. Unhandled (FALSE) without a layout, so the key goes on. */
static gboolean
zoom_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  const char    *which = g_variant_get_string (args, NULL);

  if (self->layout == NULL)
    return FALSE;
  if (g_str_equal (which, "in"))
    tupu_graph_view_zoom_in (self);
  else if (g_str_equal (which, "out"))
    tupu_graph_view_zoom_out (self);
  else if (g_str_equal (which, "fit"))
    tupu_graph_view_zoom_fit (self);
  else
    tupu_graph_view_zoom_one (self);
  return TRUE;
}

/* + and − unfold and fold the selected concept's parts, as in a tree; without a selection that
 * has parts they zoom, like = and the keypad's keys. */
static gboolean
fold_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  gboolean       fold = g_str_equal (g_variant_get_string (args, NULL), "out");

  if (self->selected_id != NULL && tupu_graph_view_can_fold (self, self->selected_id))
    {
      _tupu_graph_view_fold_selection (self, fold);
      return TRUE;
    }
  return zoom_key_cb (widget, args, user_data);
}

static void
add_zoom_keys (GtkWidgetClass *widget_class, const guint *keyvals, guint n_keyvals,
               const char *which)
{
  for (guint i = 0; i < n_keyvals; i++)
    gtk_widget_class_add_binding (widget_class, keyvals[i], 0, zoom_key_cb, "s", which);
}

static void
add_key_bindings (GtkWidgetClass *widget_class)
{
  static const guint zoom_in[] = { GDK_KEY_equal, GDK_KEY_KP_Add };
  static const guint zoom_out[] = { GDK_KEY_KP_Subtract };
  static const guint zoom_fit[] = { GDK_KEY_0, GDK_KEY_KP_0 };
  static const guint zoom_one[] = { GDK_KEY_1, GDK_KEY_KP_1 };
  static const guint first[] = { GDK_KEY_Home, GDK_KEY_KP_Home };
  static const guint last[] = { GDK_KEY_End, GDK_KEY_KP_End };
  static const guint activate[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                    GDK_KEY_space, GDK_KEY_KP_Space };
  static const guint next[] = { GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down };
  static const guint previous[] = { GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up };

  /* With Ctrl they are the window's accelerators (tupu-window-actions.c). */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, fold_key_cb, "s", "in");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, fold_key_cb, "s", "out");
  add_zoom_keys (widget_class, zoom_in, G_N_ELEMENTS (zoom_in), "in");
  add_zoom_keys (widget_class, zoom_out, G_N_ELEMENTS (zoom_out), "out");
  add_zoom_keys (widget_class, zoom_fit, G_N_ELEMENTS (zoom_fit), "fit");
  add_zoom_keys (widget_class, zoom_one, G_N_ELEMENTS (zoom_one), "one");
  add_bindings (widget_class, first, G_N_ELEMENTS (first), 0, "view.select-first");
  add_bindings (widget_class, last, G_N_ELEMENTS (last), 0, "view.select-last");
  add_bindings (widget_class, activate, G_N_ELEMENTS (activate), 0, "view.activate-selection");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "view.clear-selection",
                                       NULL);

  /* Page Down and Page Up step through the concepts in the order of the speech (Home and End go
   * to its ends). Tab is not bound: it leaves the canvas like any widget, so the keyboard never
   * gets stuck here. */
  add_bindings (widget_class, next, G_N_ELEMENTS (next), 0, "view.select-next");
  add_bindings (widget_class, previous, G_N_ELEMENTS (previous), 0, "view.select-previous");

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, context_menu_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, context_menu_key_cb,
                                NULL);

  add_arrow_bindings (widget_class, 0, "view.move-selection");
  add_arrow_bindings (widget_class, GDK_CONTROL_MASK, "view.pan");
}

/* The concept under the pointer: its English gloss and its kind (and count), which the
 * canvas may show too small to read or not at all (glosses off). */
static gboolean
query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  TupuGraphView   *self = TUPU_GRAPH_VIEW (widget);
  int              geom = keyboard ? _tupu_graph_view_selected_geom (self) : pick (self, x, y);
  const TupuNode  *node;
  g_autofree char *kind = NULL;
  g_autofree char *text = NULL;

  if (geom < 0)
    return FALSE;
  node = tupu_graph_get_node (self->layout->graph, self->layout->nodes[geom].node);
  kind = node->count > 0
             ? g_strdup_printf ("%s (%d)", tupu_kind_display_name (node->kind), node->count)
             : g_strdup (tupu_kind_display_name (node->kind));
  text = node->label_en != NULL ? g_strdup_printf ("%s\n%s", node->label_en, kind)
                                : g_steal_pointer (&kind);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
_tupu_graph_view_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = query_tooltip;

  gtk_widget_class_install_action (widget_class, "view.select-next", NULL, select_next_action);
  gtk_widget_class_install_action (widget_class, "view.select-previous", NULL,
                                   select_previous_action);
  gtk_widget_class_install_action (widget_class, "view.select-first", NULL, select_first_action);
  gtk_widget_class_install_action (widget_class, "view.select-last", NULL, select_last_action);
  gtk_widget_class_install_action (widget_class, "view.center-selection", NULL,
                                   center_selection_action);
  gtk_widget_class_install_action (widget_class, "view.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_install_action (widget_class, "view.activate-selection", NULL,
                                   activate_selection_action);
  gtk_widget_class_install_action (widget_class, "view.move-selection", "(ii)",
                                   move_selection_action);
  gtk_widget_class_install_action (widget_class, "view.pan", "(ii)", pan_action);

  add_key_bindings (widget_class);
}

void
_tupu_graph_view_init_input (TupuGraphView *self)
{
  GtkWidget          *widget = GTK_WIDGET (self);
  GtkGesture         *click = gtk_gesture_click_new ();
  GtkGesture         *secondary = gtk_gesture_click_new ();
  GtkGesture         *drag = gtk_gesture_drag_new ();
  GtkGesture         *pinch = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll =
      gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (secondary));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  /* Any button pans: primary as in maps, middle as in most canvases. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, scroll);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API: zoom steps and branches, for the window's actions                              */

void
tupu_graph_view_zoom_in (TupuGraphView *self)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout != NULL)
    zoom_step (self, ZOOM_STEP);
}

void
tupu_graph_view_zoom_out (TupuGraphView *self)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout != NULL)
    zoom_step (self, 1.0 / ZOOM_STEP);
}

void
tupu_graph_view_zoom_one (TupuGraphView *self)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout != NULL)
    zoom_step (self, 1.0 / _tupu_graph_view_target_zoom (self));
}

/* One level up: the branch of the shown root's parent (the whole graph above a part). */
void
tupu_graph_view_leave_branch (TupuGraphView *self)
{
  int root, parent;

  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  root = _tupu_graph_view_root_index (self);
  if (root < 0)
    return;
  parent = tupu_graph_get_node (self->graph, root)->parent;
  tupu_graph_view_set_root_id (self,
                               parent >= 0 ? tupu_graph_get_node (self->graph, parent)->id : NULL);
}
