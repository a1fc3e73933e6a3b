/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-reading-view.c: the speech beside the graph, its quoted passages marked.
 *
 * The text is the graph's (tupu_graph_get_text), one buffer line per paragraph, read-only and
 * without a cursor. The passages are the graph's speech sources, resolved by the loader to a
 * paragraph and a character offset; they are found by position, never by searching the text
 * again. Colours are text tags set per style (light, dark, high contrast): each mark keeps 3:1
 * against the page, as non-text contrast asks. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tupu-passage.h"
#include "tupu-reading-view-private.h"
#include "tupu-style.h"

/* How long a passage stays flashed after it was scrolled to. */
#define FLASH_MS 1600
/* How long a scroll is made again while the text's height is being measured. */
#define SCROLL_SETTLE_US (3 * G_TIME_SPAN_SECOND)
/* The reading measure, in characters of the text's font. */
#define MEASURE_CHARS 40

G_DEFINE_FINAL_TYPE (TupuReadingView, tupu_reading_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_GRAPH,
  PROP_NODE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Colours */

/* The marks' colours per style are tupu_style_reading()'s (tests/core/test-contrast.c checks
 * them). Nearly all of the speech is quoted by some concept, so a mark is only a thin line; the
 * selected concept's passages add a tint under text that keeps its own colour (and 4.5:1). */
static void
set_tag_color (GtkTextTag *tag, const char *property, TupuColor color)
{
  GdkRGBA rgba = { color.r, color.g, color.b, color.a };

  g_object_set (tag, property, &rgba, NULL);
}

static void
update_colors (TupuReadingView *self)
{
  AdwStyleManager        *manager = adw_style_manager_get_default ();
  gboolean                hc = adw_style_manager_get_high_contrast (manager);
  const TupuReadingStyle *palette =
      tupu_style_reading (tupu_style_variant (adw_style_manager_get_dark (manager), hc));

  g_assert (TUPU_IS_READING_VIEW (self));

  set_tag_color (self->passage_tag, "underline-rgba", palette->underline);
  set_tag_color (self->current_tag, "underline-rgba", palette->underline);
  set_tag_color (self->current_tag, "background-rgba", palette->current);
  set_tag_color (self->flash_tag, "background-rgba", palette->flash);
  set_tag_color (self->masked_tag, "background-rgba", palette->masked);
}

/* The font's size in pixels, for the first-line indent and the measure. */
static double
font_px (TupuReadingView *self)
{
  PangoContext         *context = gtk_widget_get_pango_context (GTK_WIDGET (self->text_view));
  PangoFontDescription *desc = pango_context_get_font_description (context);
  double                size = pango_font_description_get_size (desc) / (double)PANGO_SCALE;

  if (size <= 0)
    return 16;
  return pango_font_description_get_size_is_absolute (desc) ? size : size * 96.0 / 72.0;
}

/* Chinese paragraphs open with an indent of two characters; the measure is about 40. */
static void
update_measure (TupuReadingView *self)
{
  double px = font_px (self);
  int    margins = gtk_text_view_get_left_margin (self->text_view) +
                gtk_text_view_get_right_margin (self->text_view);

  g_object_set (self->para_tag, "indent", (int)round (2 * px), NULL);
  adw_clamp_scrollable_set_maximum_size (self->clamp, (int)(MEASURE_CHARS * px) + margins);
  adw_clamp_scrollable_set_tightening_threshold (self->clamp,
                                                 (int)(MEASURE_CHARS * 0.75 * px) + margins);
}

/* The text and its marks */

gboolean
_tupu_reading_view_range (TupuReadingView *self, guint para, int start, int end, GtkTextIter *from,
                          GtkTextIter *to)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int            base;

  if (para < 1 || para > self->para_starts->len || start < 0 || end < start)
    return FALSE;
  base = g_array_index (self->para_starts, int, para - 1);
  gtk_text_buffer_get_iter_at_offset (buffer, from, base + start);
  gtk_text_buffer_get_iter_at_offset (buffer, to, base + end);
  return TRUE;
}

static int
compare_marks (gconstpointer a, gconstpointer b)
{
  const TupuReadingMark *x = a, *y = b;

  return x->start != y->start ? (x->start > y->start ? 1 : -1)
                              : (x->end > y->end) - (x->end < y->end);
}

static void
add_masks (TupuReadingView *self, const char *para, int base)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr (GArray) masks = tupu_mask_find (para);

  for (guint i = 0; i < masks->len; i++)
    {
      TupuSpan    span = g_array_index (masks, TupuSpan, i);
      GtkTextIter from, to;

      gtk_text_buffer_get_iter_at_offset (buffer, &from, base + span.start);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, base + span.end);
      gtk_text_buffer_apply_tag (buffer, self->masked_tag, &from, &to);
    }
}

/* Every speech source of every concept, by its resolved place. */
static void
collect_marks (TupuReadingView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  for (guint n = 0; n < tupu_graph_get_n_nodes (self->graph); n++)
    {
      const TupuNode *node = tupu_graph_get_node (self->graph, n);

      for (guint s = 0; node->sources != NULL && s < node->sources->len; s++)
        {
          const TupuSource *source = g_ptr_array_index (node->sources, s);
          TupuReadingMark   mark = { 0, 0, n };
          GtkTextIter       from, to;

          if (source->type != TUPU_SOURCE_SPEECH || source->offset < 0 || source->quote == NULL ||
              !_tupu_reading_view_range (self, source->para, source->offset,
                                         source->offset + g_utf8_strlen (source->quote, -1), &from,
                                         &to))
            continue;
          mark.start = gtk_text_iter_get_offset (&from);
          mark.end = gtk_text_iter_get_offset (&to);
          g_array_append_val (self->marks, mark);
          gtk_text_buffer_apply_tag (buffer, self->passage_tag, &from, &to);
        }
    }
  g_array_sort (self->marks, compare_marks);
}

static void
fill_buffer (TupuReadingView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  TupuText      *text = self->graph != NULL ? tupu_graph_get_text (self->graph) : NULL;
  guint          n = text != NULL ? tupu_text_get_n_paras (text) : 0;
  GtkTextIter    end, start;

  g_assert (TUPU_IS_READING_VIEW (self));

  g_array_set_size (self->para_starts, 0);
  g_array_set_size (self->marks, 0);
  g_array_set_size (self->flashed, 0);
  gtk_text_buffer_set_text (buffer, "", 0);
  for (guint i = 1; i <= n; i++)
    {
      const char *para = tupu_text_get_para (text, i);
      int         base = gtk_text_buffer_get_char_count (buffer);

      g_array_append_val (self->para_starts, base);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, para, -1);
      if (i < n)
        {
          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_insert (buffer, &end, "\n", 1);
        }
      add_masks (self, para, base);
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->para_tag, &start, &end);
  if (self->graph != NULL)
    collect_marks (self);
}

/* The innermost (shortest) passage at buffer offset @offset, or -1. */
static int
mark_at (TupuReadingView *self, int offset)
{
  int best = -1;

  for (guint i = 0; i < self->marks->len; i++)
    {
      const TupuReadingMark *mark = &g_array_index (self->marks, TupuReadingMark, i);

      if (mark->start > offset)
        break;
      if (offset < mark->end &&
          (best < 0 ||
           mark->end - mark->start < g_array_index (self->marks, TupuReadingMark, best).end -
                                         g_array_index (self->marks, TupuReadingMark, best).start))
        best = (int)i;
    }
  return best;
}

/* Flashing and scrolling */

static void
unflash (TupuReadingView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter    start, end;

  g_clear_handle_id (&self->flash_source, g_source_remove);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->flash_tag, &start, &end);
}

/* Before a new flash: what the last one covered is forgotten too. */
static void
clear_flash (TupuReadingView *self)
{
  unflash (self);
  g_array_set_size (self->flashed, 0);
}

/* The flash fades; what it covered is remembered (self->flashed) until the next one. */
static gboolean
flash_done_cb (gpointer user_data)
{
  TupuReadingView *self = user_data;

  self->flash_source = 0;
  unflash (self);
  return G_SOURCE_REMOVE;
}

static void
flash (TupuReadingView *self, int start, int end, guint node)
{
  GtkTextBuffer  *buffer = gtk_text_view_get_buffer (self->text_view);
  TupuReadingMark mark = { start, end, node };
  GtkTextIter     from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_apply_tag (buffer, self->flash_tag, &from, &to);
  g_array_append_val (self->flashed, mark);
  g_clear_handle_id (&self->flash_source, g_source_remove);
  self->flash_source = g_timeout_add (FLASH_MS, flash_done_cb, self);
}

/* A text just shown or re-wrapped is measured line by line in the background, and until then
 * its height is an estimate: a scroll asked for meanwhile can land short (or, in GTK 4.8, be
 * dropped). So at each frame, for a moment after a scroll was asked for, the scroll is made
 * again until its target is in sight; then the reader has the text to scroll as they like. */
static gboolean
scroll_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  TupuReadingView *self = user_data;
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextMark     *target = gtk_text_buffer_get_mark (buffer, "tupu-target");
  GdkRectangle     location, visible;
  GtkTextIter      iter;

  if (target == NULL || g_get_monotonic_time () > self->scroll_until)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, target);
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  if (location.y >= visible.y && location.y + location.height <= visible.y + visible.height)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_text_view_scroll_to_mark (self->text_view, target, 0.0, TRUE, 0.0, 0.3);
  return G_SOURCE_CONTINUE;
}

static void
scroll_to_offset (TupuReadingView *self, int offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextMark   *target = gtk_text_buffer_get_mark (buffer, "tupu-target");
  GtkTextIter    iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  /* The caret too, though it is not drawn: a screen reader reads from it once the keyboard
   * comes here (F6), so it starts at the passage shown rather than the end of the speech. */
  gtk_text_buffer_place_cursor (buffer, &iter);
  if (target == NULL)
    target = gtk_text_buffer_create_mark (buffer, "tupu-target", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, target, &iter);
  /* A third down the page, so the lines before it give context. */
  gtk_text_view_scroll_to_mark (self->text_view, target, 0.0, TRUE, 0.0, 0.3);
  self->scroll_until = g_get_monotonic_time () + SCROLL_SETTLE_US;
  if (self->scroll_tick == 0)
    self->scroll_tick =
        gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view), scroll_tick_cb, self, NULL);
}

/* The buffer range of @node's defining mention (its first speech source), or FALSE. */
static gboolean
first_passage (TupuReadingView *self, const TupuNode *node, int *start, int *end)
{
  for (guint s = 0; node->sources != NULL && s < node->sources->len; s++)
    {
      const TupuSource *source = g_ptr_array_index (node->sources, s);
      GtkTextIter       from, to;

      if (source->type == TUPU_SOURCE_SPEECH && source->offset >= 0 && source->quote != NULL &&
          _tupu_reading_view_range (self, source->para, source->offset,
                                    source->offset + g_utf8_strlen (source->quote, -1), &from, &to))
        {
          *start = gtk_text_iter_get_offset (&from);
          *end = gtk_text_iter_get_offset (&to);
          return TRUE;
        }
    }
  return FALSE;
}

/* The selected concept's passages stand out; a selection made elsewhere brings the first into
 * view and flashes it, one made by a click here flashes what was clicked. */
static void
show_node (TupuReadingView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int            index = self->graph != NULL && self->node_id != NULL
                             ? tupu_graph_lookup (self->graph, self->node_id)
                             : -1;
  GtkTextIter    start, end;
  int            from, to;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->current_tag, &start, &end);
  clear_flash (self);
  if (index < 0)
    return;

  for (guint i = 0; i < self->marks->len; i++)
    {
      const TupuReadingMark *mark = &g_array_index (self->marks, TupuReadingMark, i);

      if (mark->node != (guint)index)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, mark->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, mark->end);
      gtk_text_buffer_apply_tag (buffer, self->current_tag, &start, &end);
    }

  if (self->clicking && self->clicked >= 0)
    {
      const TupuReadingMark *mark = &g_array_index (self->marks, TupuReadingMark, self->clicked);

      flash (self, mark->start, mark->end, mark->node);
    }
  else if (first_passage (self, tupu_graph_get_node (self->graph, index), &from, &to))
    {
      scroll_to_offset (self, from);
      flash (self, from, to, index);
    }
}

/* Input */

static void
released_cb (GtkGestureClick *gesture, int n_press, double x, double y, TupuReadingView *self)
{
  GtkTextBuffer  *buffer = gtk_text_view_get_buffer (self->text_view);
  const TupuNode *node;
  GtkTextIter     iter;
  int             bx, by, mark;

  /* A drag selected text to copy: that is not a click on a passage. */
  if (gtk_text_buffer_get_has_selection (buffer) || self->graph == NULL)
    return;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int)x, (int)y,
                                         &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by) ||
      (mark = mark_at (self, gtk_text_iter_get_offset (&iter))) < 0)
    return;

  node = tupu_graph_get_node (self->graph, g_array_index (self->marks, TupuReadingMark, mark).node);
  self->clicking = TRUE;
  self->clicked = mark;
  if (g_strcmp0 (node->id, self->node_id) == 0)
    show_node (self);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-concept", "s", node->id);
  self->clicking = FALSE;
  self->clicked = -1;
}

/* The mark under the pointer at widget point (@x, @y): a passage's index, or -1. @masked says
 * whether a masked name is there. */
static int
mark_at_point (TupuReadingView *self, double x, double y, gboolean *masked)
{
  GtkTextIter iter;
  int         bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int)x, (int)y,
                                         &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    {
      *masked = FALSE;
      return -1;
    }
  *masked = gtk_text_iter_has_tag (&iter, self->masked_tag);
  return mark_at (self, gtk_text_iter_get_offset (&iter));
}

static void
motion_cb (GtkEventControllerMotion *motion, double x, double y, TupuReadingView *self)
{
  gboolean masked;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view),
                                   mark_at_point (self, x, y, &masked) >= 0 ? "pointer" : "text");
}

/* Over a passage: the concept a click selects. Over a masked name: what the mark means. */
static gboolean
query_tooltip_cb (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  TupuReadingView *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gboolean masked = FALSE;
  int      mark = keyboard ? -1 : mark_at_point (self, x, y, &masked);

  if (mark >= 0)
    {
      const TupuNode *node = tupu_graph_get_node (
          self->graph, g_array_index (self->marks, TupuReadingMark, mark).node);

      g_string_append (text, node->label_zh);
      if (node->label_en != NULL)
        g_string_append_printf (text, " (%s)", node->label_en);
    }
  if (masked)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "",
                            _ ("The place name is masked in the source text"));
  if (text->len == 0)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
dark_changed_cb (TupuReadingView *self)
{
  update_colors (self);
}

/* Vfuncs */

/* Opened with a concept selected (which it followed unseen): its passage is brought into view. */
static void
tupu_reading_view_map (GtkWidget *widget)
{
  TupuReadingView *self = TUPU_READING_VIEW (widget);

  GTK_WIDGET_CLASS (tupu_reading_view_parent_class)->map (widget);

  update_measure (self);
  show_node (self);
}

/* F6 brings the keyboard to the text itself. */
static gboolean
tupu_reading_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TUPU_READING_VIEW (widget)->text_view));
}

static void
tupu_reading_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuReadingView *self = TUPU_READING_VIEW (object);

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
tupu_reading_view_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  TupuReadingView *self = TUPU_READING_VIEW (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      tupu_reading_view_set_graph (self, g_value_get_object (value));
      break;
    case PROP_NODE_ID:
      tupu_reading_view_set_node_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_reading_view_dispose (GObject *object)
{
  TupuReadingView *self = TUPU_READING_VIEW (object);

  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), dark_changed_cb, self);
  g_clear_handle_id (&self->flash_source, g_source_remove);
  if (self->scroll_tick != 0 && self->text_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->scroll_tick);
  self->scroll_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_READING_VIEW);
  g_clear_object (&self->graph);

  G_OBJECT_CLASS (tupu_reading_view_parent_class)->dispose (object);
}

static void
tupu_reading_view_finalize (GObject *object)
{
  TupuReadingView *self = TUPU_READING_VIEW (object);

  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->para_starts, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->flashed, g_array_unref);

  G_OBJECT_CLASS (tupu_reading_view_parent_class)->finalize (object);
}

static void
tupu_reading_view_class_init (TupuReadingViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tupu_reading_view_get_property;
  object_class->set_property = tupu_reading_view_set_property;
  object_class->dispose = tupu_reading_view_dispose;
  object_class->finalize = tupu_reading_view_finalize;
  widget_class->map = tupu_reading_view_map;
  widget_class->grab_focus = tupu_reading_view_grab_focus;

  properties[PROP_GRAPH] =
      g_param_spec_object ("graph", NULL, NULL, TUPU_TYPE_GRAPH,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE_ID] =
      g_param_spec_string ("node-id", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-reading-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuReadingView, scroller);
  gtk_widget_class_bind_template_child (widget_class, TupuReadingView, clamp);
  gtk_widget_class_bind_template_child (widget_class, TupuReadingView, text_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tupureadingview");
}

static GtkTextTag *
new_tag (GtkTextBuffer *buffer, const char *name)
{
  return gtk_text_buffer_create_tag (buffer, name, NULL);
}

static void
tupu_reading_view_init (TupuReadingView *self)
{
  GtkTextBuffer      *buffer;
  GtkGesture         *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->para_starts = g_array_new (FALSE, FALSE, sizeof (int));
  self->marks = g_array_new (FALSE, FALSE, sizeof (TupuReadingMark));
  self->flashed = g_array_new (FALSE, FALSE, sizeof (TupuReadingMark));
  self->clicked = -1;

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->para_tag = new_tag (buffer, "paragraph");
  g_object_set (self->para_tag, "language", tupu_style_language (TUPU_FONT_LABEL), NULL);
  self->passage_tag = new_tag (buffer, "passage");
  g_object_set (self->passage_tag, "underline", PANGO_UNDERLINE_SINGLE, NULL);
  self->current_tag = new_tag (buffer, "current");
  self->masked_tag = new_tag (buffer, "masked");
  g_object_set (self->masked_tag, "letter-spacing", 2 * PANGO_SCALE, NULL);
  /* Last: it lies over the others. */
  self->flash_tag = new_tag (buffer, "flash");
  update_colors (self);

  /* Page Down and Page Up are the tour's before the text view's own bindings see them. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (
          gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                                       gtk_keyval_trigger_new (GDK_KEY_KP_Page_Down, 0)),
          gtk_named_action_new ("win.tour-next")));
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (
          gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                                       gtk_keyval_trigger_new (GDK_KEY_KP_Page_Up, 0)),
          gtk_named_action_new ("win.tour-previous")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion);
  g_signal_connect (self->text_view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed_cb), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::high-contrast",
                            G_CALLBACK (dark_changed_cb), self);
}

/* Public API */

GtkWidget *
tupu_reading_view_new (void)
{
  return g_object_new (TUPU_TYPE_READING_VIEW, NULL);
}

void
tupu_reading_view_set_graph (TupuReadingView *self, TupuGraph *graph)
{
  g_return_if_fail (TUPU_IS_READING_VIEW (self));
  g_return_if_fail (graph == NULL || TUPU_IS_GRAPH (graph));

  /* A reload brings a new graph object: its text or its sources may have changed. */
  if (!g_set_object (&self->graph, graph))
    return;
  fill_buffer (self);
  show_node (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
}

TupuGraph *
tupu_reading_view_get_graph (TupuReadingView *self)
{
  g_return_val_if_fail (TUPU_IS_READING_VIEW (self), NULL);

  return self->graph;
}

void
tupu_reading_view_set_node_id (TupuReadingView *self, const char *node_id)
{
  g_return_if_fail (TUPU_IS_READING_VIEW (self));

  if (g_strcmp0 (self->node_id, node_id) == 0)
    return;
  g_free (self->node_id);
  self->node_id = g_strdup (node_id);
  show_node (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE_ID]);
}

const char *
tupu_reading_view_get_node_id (TupuReadingView *self)
{
  g_return_val_if_fail (TUPU_IS_READING_VIEW (self), NULL);

  return self->node_id;
}

gboolean
tupu_reading_view_show_range (TupuReadingView *self, guint para, int start, int end)
{
  int         index, n_flashed = 0;
  GtkTextIter from, to;

  g_return_val_if_fail (TUPU_IS_READING_VIEW (self), FALSE);

  if (!_tupu_reading_view_range (self, para, start, end, &from, &to))
    return FALSE;
  start = gtk_text_iter_get_offset (&from);
  end = gtk_text_iter_get_offset (&to);
  index = self->graph != NULL && self->node_id != NULL
              ? tupu_graph_lookup (self->graph, self->node_id)
              : -1;

  clear_flash (self);
  scroll_to_offset (self, start);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const TupuReadingMark *mark = &g_array_index (self->marks, TupuReadingMark, i);

      if (mark->node == (guint)index && mark->start >= start && mark->end <= end)
        {
          flash (self, mark->start, mark->end, mark->node);
          n_flashed++;
        }
    }
  if (n_flashed == 0)
    flash (self, start, end, index >= 0 ? (guint)index : G_MAXUINT);
  return TRUE;
}
