/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-legend.c: see tupu-legend.h. */
#include "config.h"

#include <adwaita.h>

#include "tupu-gui-style.h"
#include "tupu-legend.h"
#include "tupu-painter.h"

#define SAMPLE_WIDTH 44
#define SAMPLE_HEIGHT 22

struct _TupuLegend
{
  GtkWidget parent_instance;

  /* Template children */
  GtkGrid *kinds_grid;
  GtkGrid *relations_grid;
};

G_DEFINE_FINAL_TYPE (TupuLegend, tupu_legend, GTK_TYPE_WIDGET)

/* A kind's sample and a relation's sample: which one a drawing area shows is its data. */
static void
draw_kind_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  TupuRect rect = { 1.5, 1.5, width - 3, height - 3 };

  tupu_painter_draw_kind_sample (cr, GPOINTER_TO_INT (data),
                                 _tupu_gui_style_is_dark (GTK_WIDGET (area), NULL), &rect);
}

static void
draw_relation_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  tupu_painter_draw_relation_sample (cr, GPOINTER_TO_INT (data),
                                     _tupu_gui_style_is_dark (GTK_WIDGET (area), NULL), 2,
                                     width - 2, height / 2.0);
}

static void
add_row (GtkGrid *grid, int row, GtkDrawingAreaDrawFunc draw, int item, const char *name)
{
  GtkWidget *sample = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (name);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (sample), SAMPLE_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (sample), SAMPLE_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (sample), draw, GINT_TO_POINTER (item), NULL);
  /* The name says it all to a screen reader; the sample is decoration. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (sample), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_grid_attach (grid, sample, 0, row, 1, 1);
  gtk_grid_attach (grid, label, 1, row, 1, 1);
}

static void
queue_draw_samples (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DRAWING_AREA (child))
        gtk_widget_queue_draw (child);
      queue_draw_samples (child);
    }
}

static void
dark_changed_cb (TupuLegend *self)
{
  g_assert (TUPU_IS_LEGEND (self));

  queue_draw_samples (GTK_WIDGET (self));
}

static void
tupu_legend_dispose (GObject *object)
{
  TupuLegend *self = TUPU_LEGEND (object);
  GtkWidget  *child;

  if (adw_is_initialized ())
    g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), dark_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_LEGEND);
  /* The template's box has no id, so disposing the template leaves it: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tupu_legend_parent_class)->dispose (object);
}

static void
tupu_legend_class_init (TupuLegendClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tupu_legend_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tupu/Tupu/tupu-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuLegend, kinds_grid);
  gtk_widget_class_bind_template_child (widget_class, TupuLegend, relations_grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tupulegend");
}

static void
tupu_legend_init (TupuLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (TupuKind kind = 0; kind < TUPU_N_KINDS; kind++)
    add_row (self->kinds_grid, kind, draw_kind_cb, kind, tupu_kind_display_name (kind));
  for (TupuRelation relation = 0; relation < TUPU_N_RELATIONS; relation++)
    add_row (self->relations_grid, relation, draw_relation_cb, relation,
             tupu_relation_display_name (relation));

  if (adw_is_initialized ())
    g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                              G_CALLBACK (dark_changed_cb), self);
}

GtkWidget *
tupu_legend_new (void)
{
  return g_object_new (TUPU_TYPE_LEGEND, NULL);
}
