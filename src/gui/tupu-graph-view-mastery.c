/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-graph-view-mastery.c: the Progress overlay — each concept banded in a colour for how
 * well the student knows it (tupu_graph_view_set_mastery()). Drawn per frame over the cached
 * drawing, like the search marks, and only over the boxes in view, so turning it on or a review
 * changing one concept never re-records the graph. */
#include "config.h"

#include <adwaita.h>

#include "tupu-graph-view-private.h"
#include "tupu-painter.h"

/* Widget pixels: the band around a box, and how far outside the box its middle is. */
#define BAND_WIDTH 3.0
#define BAND_GROW 3.5

/* tupu_style_mastery()'s colours: yellow for learning, green for known. New concepts are not
 * drawn on: the overlay shows what has been learnt. */
static const TupuMasteryStyle *
mastery_colors (TupuGraphView *self)
{
  return tupu_style_mastery (tupu_style_variant (self->dark, self->high_contrast));
}

static gboolean
box_in_view (const TupuRect *r, const TupuRect *visible)
{
  return r->x <= visible->x + visible->width && visible->x <= r->x + r->width &&
         r->y <= visible->y + visible->height && visible->y <= r->y + r->height;
}

/* Outlines of the shown concepts at @level that lie in @visible. */
static guint
level_path (TupuGraphView *self, cairo_t *cr, const guint8 *mastery, guint8 level,
            const TupuRect *visible, double grow)
{
  TupuLayout *layout = self->layout;
  guint       n = 0;

  for (guint g = 0; g < layout->n_nodes; g++)
    {
      guint node = layout->nodes[g].node;

      if (mastery[node] != level || !box_in_view (&layout->nodes[g].box, visible))
        continue;
      tupu_painter_node_path (cr, layout, g, grow / self->zoom);
      n++;
    }
  return n;
}

/* The bands cross the badges of folded parts: those go over them again, so their counts stay
 * readable (as the search marks do). */
static void
redraw_badges (TupuGraphView *self, cairo_t *cr, const guint8 *mastery, const TupuRect *visible)
{
  TupuLayout      *layout = self->layout;
  TupuPaintOptions options;

  tupu_paint_options_init (&options);
  options.dark = self->dark;
  options.high_contrast = self->high_contrast;
  options.scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  for (guint g = 0; g < layout->n_nodes; g++)
    if (mastery[layout->nodes[g].node] >= TUPU_MASTERY_LEARNING && layout->nodes[g].n_folded > 0 &&
        box_in_view (&layout->nodes[g].box, visible))
      tupu_painter_draw_badge (cr, layout, g, &options);
}

void
_tupu_graph_view_append_mastery (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy)
{
  const TupuMasteryStyle *colors = mastery_colors (self);
  double                  width = gtk_widget_get_width (GTK_WIDGET (self));
  double                  height = gtk_widget_get_height (GTK_WIDGET (self));
  double                  band = self->high_contrast ? BAND_WIDTH + 1 : BAND_WIDTH;
  const guint8           *mastery;
  gsize                   n = 0;
  TupuRect                visible;
  cairo_t                *cr;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->mastery == NULL || self->layout == NULL)
    return;
  mastery = g_bytes_get_data (self->mastery, &n);
  /* A layout of the previous graph, shown while the new one is laid out: nothing yet. */
  if (self->layout->graph != self->graph || n != tupu_graph_get_n_nodes (self->graph))
    return;

  visible =
      (TupuRect){ -ox / self->zoom, -oy / self->zoom, width / self->zoom, height / self->zoom };
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, band / self->zoom);
  for (guint8 level = TUPU_MASTERY_LEARNING; level <= TUPU_MASTERY_KNOWN; level++)
    {
      const TupuColor *c = level == TUPU_MASTERY_KNOWN ? &colors->known : &colors->learning;

      if (colors->fill_alpha > 0 && level_path (self, cr, mastery, level, &visible, 0) > 0)
        {
          cairo_set_source_rgba (cr, c->r, c->g, c->b, colors->fill_alpha);
          cairo_fill (cr);
        }
      cairo_new_path (cr);
      if (level_path (self, cr, mastery, level, &visible, BAND_GROW) > 0)
        {
          cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
    }
  redraw_badges (self, cr, mastery, &visible);
  cairo_destroy (cr);
}

void
tupu_graph_view_set_mastery (TupuGraphView *self, GBytes *mastery)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (self->mastery == mastery ||
      (self->mastery != NULL && mastery != NULL && g_bytes_equal (self->mastery, mastery)))
    return;
  g_clear_pointer (&self->mastery, g_bytes_unref);
  self->mastery = mastery != NULL ? g_bytes_ref (mastery) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GBytes *
tupu_graph_view_get_mastery (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), NULL);

  return self->mastery;
}
