/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-progress-dialog.c: see tupu-progress-dialog.h. The chart is drawn with cairo from the
 * store's days (tupu_study_store_get_days()), at most the last CHART_DAYS of them. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-progress-dialog.h"
#include "tupu-style.h"

#define CHART_DAYS 30
/* Room for the axes' numbers and the dates, in pixels. */
#define MARGIN_LEFT 36
#define MARGIN_RIGHT 36
#define MARGIN_TOP 12
#define MARGIN_BOTTOM 26

struct _TupuProgressDialog
{
  AdwWindow parent_instance;

  TupuStudyStore *store;
  guint           counts[3];

  /* Template children */
  AdwWindowTitle *window_title;
  GtkLabel       *new_count;
  GtkLabel       *learning_count;
  GtkLabel       *known_count;
  GtkLabel       *due_label;
  GtkDrawingArea *chart;
};

G_DEFINE_FINAL_TYPE (TupuProgressDialog, tupu_progress_dialog, ADW_TYPE_WINDOW)

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The chart */

typedef struct
{
  GdkRGBA fg;
  GdkRGBA reviews;
  GdkRGBA lapses;
  GdkRGBA known;
  double  text_alpha;
} ChartColors;

static void
set_color (GdkRGBA *rgba, TupuColor color)
{
  *rgba = (GdkRGBA){ color.r, color.g, color.b, color.a };
}

/* tupu_style_chart()'s colours (tests/core/test-contrast.c checks them). */
static void
chart_colors (TupuProgressDialog *self, ChartColors *colors)
{
  AdwStyleManager      *manager = adw_style_manager_get_default ();
  const TupuChartStyle *style = tupu_style_chart (tupu_style_variant (
      adw_style_manager_get_dark (manager), adw_style_manager_get_high_contrast (manager)));

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self->chart)),
                               &colors->fg);
  set_color (&colors->reviews, style->reviews);
  set_color (&colors->lapses, style->lapses);
  set_color (&colors->known, style->known);
  colors->text_alpha = style->text_alpha;
}

static void
draw_text (GtkWidget *widget, cairo_t *cr, const char *text, double x, double y, double xalign)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int          width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * xalign, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_empty (TupuProgressDialog *self, cairo_t *cr, int width, int height, const ChartColors *c)
{
  cairo_set_source_rgba (cr, c->fg.red, c->fg.green, c->fg.blue, c->fg.alpha * c->text_alpha);
  draw_text (GTK_WIDGET (self->chart), cr, _ ("Nothing practised yet"), width / 2.0, height / 2.0,
             0.5);
}

static void
draw_axes (TupuProgressDialog *self, cairo_t *cr, double x0, double y0, double x1, double y1,
           guint max_reviews, guint max_known, const ChartColors *c)
{
  g_autofree char *top_reviews = g_strdup_printf ("%u", max_reviews);
  g_autofree char *top_known = g_strdup_printf ("%u", max_known);

  cairo_set_source_rgba (cr, c->fg.red, c->fg.green, c->fg.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x0, y0 + 0.5);
  cairo_line_to (cr, x1, y0 + 0.5);
  cairo_move_to (cr, x0, y1 + 0.5);
  cairo_line_to (cr, x1, y1 + 0.5);
  cairo_stroke (cr);
  gdk_cairo_set_source_rgba (cr, &c->reviews);
  draw_text (GTK_WIDGET (self->chart), cr, top_reviews, x0 - 6, y1, 1);
  draw_text (GTK_WIDGET (self->chart), cr, "0", x0 - 6, y0, 1);
  gdk_cairo_set_source_rgba (cr, &c->known);
  draw_text (GTK_WIDGET (self->chart), cr, top_known, x1 + 6, y1, 0);
}

static void
draw_date (TupuProgressDialog *self, cairo_t *cr, const GDate *date, double x, double y,
           double xalign)
{
  char text[64];

  if (g_date_strftime (text, sizeof text, "%b %e", date) > 0)
    draw_text (GTK_WIDGET (self->chart), cr, text, x, y, xalign);
}

static void
draw_chart_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  TupuProgressDialog *self = user_data;
  g_autoptr (GArray) all = tupu_study_store_get_days (self->store, now_seconds ());
  guint       first = all->len > CHART_DAYS ? all->len - CHART_DAYS : 0;
  guint       n = all->len - first, max_reviews = 1;
  guint       max_known = MAX (1u, self->counts[0] + self->counts[1] + self->counts[2]);
  double      x0 = MARGIN_LEFT, x1 = width - MARGIN_RIGHT, y0 = height - MARGIN_BOTTOM;
  double      y1 = MARGIN_TOP, slot;
  ChartColors c;

  chart_colors (self, &c);
  if (n == 0 || x1 <= x0 || y0 <= y1)
    {
      draw_empty (self, cr, width, height, &c);
      return;
    }
  for (guint i = first; i < all->len; i++)
    max_reviews = MAX (max_reviews, g_array_index (all, TupuStudyDay, i).reviews);
  slot = (x1 - x0) / n;
  draw_axes (self, cr, x0, y0, x1, y1, max_reviews, max_known, &c);

  /* Bars: the day's reviews, the forgotten ones (Again) at their foot in red. */
  for (guint i = 0; i < n; i++)
    {
      const TupuStudyDay *day = &g_array_index (all, TupuStudyDay, first + i);
      double              bar = MAX (2.0, MIN (slot * 0.6, 28.0));
      double              x = x0 + slot * (i + 0.5) - bar / 2;
      double              h = (y0 - y1) * day->reviews / max_reviews;
      double              lapsed = (y0 - y1) * day->lapses / max_reviews;

      gdk_cairo_set_source_rgba (cr, &c.reviews);
      cairo_rectangle (cr, x, y0 - h, bar, h - lapsed);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &c.lapses);
      cairo_rectangle (cr, x, y0 - lapsed, bar, lapsed);
      cairo_fill (cr);
    }

  /* The line: concepts known at each day's end, on the right-hand scale. */
  gdk_cairo_set_source_rgba (cr, &c.known);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      const TupuStudyDay *day = &g_array_index (all, TupuStudyDay, first + i);
      double              y = y0 - (y0 - y1) * day->known / max_known;

      cairo_line_to (cr, x0 + slot * (i + 0.5), y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const TupuStudyDay *day = &g_array_index (all, TupuStudyDay, first + i);

      cairo_arc (cr, x0 + slot * (i + 0.5), y0 - (y0 - y1) * day->known / max_known, 3.5, 0,
                 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_set_source_rgba (cr, c.fg.red, c.fg.green, c.fg.blue, c.fg.alpha * c.text_alpha);
  draw_date (self, cr, &g_array_index (all, TupuStudyDay, first).date, x0 + slot / 2,
             y0 + MARGIN_BOTTOM / 2.0, n > 1 ? 0 : 0.5);
  if (n > 1)
    draw_date (self, cr, &g_array_index (all, TupuStudyDay, all->len - 1).date, x1 - slot / 2,
               y0 + MARGIN_BOTTOM / 2.0, 1);
}

/* The numbers */

static char *
due_text (TupuProgressDialog *self)
{
  g_autoptr (GPtrArray) due = tupu_study_store_get_queue (self->store, now_seconds (), 0, NULL);
  gint64 next = tupu_study_store_get_next_due (self->store, now_seconds ());

  if (due->len > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u concept is due for practice now.",
                                         "%u concepts are due for practice now.", due->len),
                            due->len);
  if (next != 0)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (next);
      g_autofree char *text = g_date_time_format (when, "%x %H:%M");

      return g_strdup_printf (_ ("Nothing is due now. Next practice: %s."), text);
    }
  return g_strdup (_ ("Nothing practised yet: start with a practice session."));
}

static void
update (TupuProgressDialog *self)
{
  GtkLabel        *labels[] = { self->new_count, self->learning_count, self->known_count };
  g_autofree char *due = due_text (self);
  g_autofree char *summary = NULL;

  tupu_study_store_count_states (self->store, &self->counts[0], &self->counts[1], &self->counts[2]);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", self->counts[i]);

      gtk_label_set_text (labels[i], text);
    }
  gtk_label_set_text (self->due_label, due);
  adw_window_title_set_subtitle (
      self->window_title, tupu_graph_get_title_en (tupu_study_store_get_graph (self->store)));
  summary = g_strdup_printf (_ ("%u new, %u learning, %u known"), self->counts[0], self->counts[1],
                             self->counts[2]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* GObject */

static void
tupu_progress_dialog_dispose (GObject *object)
{
  TupuProgressDialog *self = TUPU_PROGRESS_DIALOG (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, update, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_PROGRESS_DIALOG);

  G_OBJECT_CLASS (tupu_progress_dialog_parent_class)->dispose (object);
}

static void
tupu_progress_dialog_class_init (TupuProgressDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tupu_progress_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-progress-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuProgressDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TupuProgressDialog, new_count);
  gtk_widget_class_bind_template_child (widget_class, TupuProgressDialog, learning_count);
  gtk_widget_class_bind_template_child (widget_class, TupuProgressDialog, known_count);
  gtk_widget_class_bind_template_child (widget_class, TupuProgressDialog, due_label);
  gtk_widget_class_bind_template_child (widget_class, TupuProgressDialog, chart);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tupu_progress_dialog_init (TupuProgressDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->chart, draw_chart_cb, self, NULL);
}

/* Public API */

TupuProgressDialog *
tupu_progress_dialog_new (GtkWindow *parent, TupuStudyStore *store)
{
  TupuProgressDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TUPU_IS_STUDY_STORE (store), NULL);

  self = g_object_new (TUPU_TYPE_PROGRESS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (update), self);
  update (self);
  return self;
}

void
tupu_progress_dialog_get_counts (TupuProgressDialog *self, guint *n_new, guint *n_learning,
                                 guint *n_known)
{
  g_return_if_fail (TUPU_IS_PROGRESS_DIALOG (self));

  *n_new = self->counts[0];
  *n_learning = self->counts[1];
  *n_known = self->counts[2];
}
