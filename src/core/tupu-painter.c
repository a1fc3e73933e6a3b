/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-painter.c: draws a TupuLayout with cairo, for the view's cached render node and for PNG
 * and PDF export. Text is drawn with pango-cairo in the same setup it was measured with. */

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "tupu-layout-private.h"
#include "tupu-painter.h"
#include "tupu-style.h"
#include "tupu-text-metrics.h"

/* Below this many device pixels of font size, text is unreadable: draw a bar per line. */
#define MIN_READABLE_PX 4.0
#define ARROW_SAMPLE 8.0  /* a legend's arrowhead length */
#define QUERY_MARGIN 16.0 /* layout units a node's drawing reaches past its box */

/* ------------------------------------------------------------------------------------------ */
/* Shapes                                                                                      */

static void
rounded_rect (cairo_t *cr, const TupuRect *r, double radius)
{
  double x0 = r->x, y0 = r->y, x1 = r->x + r->width, y1 = r->y + r->height;

  radius = MIN (radius, MIN (r->width, r->height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - radius, y0 + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x1 - radius, y1 - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x0 + radius, y1 - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + radius, y0 + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
set_color (cairo_t *cr, const TupuColor *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

void
tupu_painter_node_path (cairo_t *cr, TupuLayout *layout, guint geom_index, double grow)
{
  const TupuKindStyle *style;
  TupuRect             r;
  double               radius;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (geom_index < layout->n_nodes);

  style = tupu_style_for_kind (_tupu_layout_geom_kind (layout, geom_index), FALSE);
  r = layout->nodes[geom_index].box;
  radius = _tupu_shape_radius (style->shape, r.height) + grow;
  r.x -= grow;
  r.y -= grow;
  r.width += 2 * grow;
  r.height += 2 * grow;
  rounded_rect (cr, &r, radius);
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing                                                                                     */

void
tupu_paint_options_init (TupuPaintOptions *options)
{
  g_return_if_fail (options != NULL);

  options->dark = FALSE;
  options->visible = NULL;
  options->scale = 0;
  options->background = FALSE;
  options->cross_links = TRUE;
  options->high_contrast = FALSE;
}

static TupuStyleVariant
variant_of (const TupuPaintOptions *options)
{
  return tupu_style_variant (options->dark, options->high_contrast);
}

static gboolean
is_visible (const TupuPaintOptions *options, double x0, double y0, double x1, double y1)
{
  const TupuRect *v = options->visible;

  return v == NULL || (x0 <= v->x + v->width && x1 >= v->x && y0 <= v->y + v->height && y1 >= v->y);
}

static void
edge_path (cairo_t *cr, const TupuEdgeGeom *eg)
{
  cairo_new_path (cr);
  cairo_move_to (cr, eg->points[0].x, eg->points[0].y);
  for (guint i = 1; i + 2 < eg->n_points; i += 3)
    cairo_curve_to (cr, eg->points[i].x, eg->points[i].y, eg->points[i + 1].x, eg->points[i + 1].y,
                    eg->points[i + 2].x, eg->points[i + 2].y);
}

static void
draw_edge (cairo_t *cr, TupuLayout *layout, const TupuEdgeGeom *eg, const TupuPaintOptions *options)
{
  const TupuEdge          *edge = tupu_graph_get_edge (layout->graph, eg->edge);
  const TupuRelationStyle *style = tupu_style_relation (edge->relation, variant_of (options));
  double                   x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  static const double      dash[] = { 5.0, 3.0 };

  /* The convex hull of a Bézier's control points contains the curve: cull on their bounds. */
  for (guint i = 0; i < eg->n_points; i++)
    {
      x0 = MIN (x0, eg->points[i].x);
      y0 = MIN (y0, eg->points[i].y);
      x1 = MAX (x1, eg->points[i].x);
      y1 = MAX (y1, eg->points[i].y);
    }
  for (guint i = 0; i < (eg->has_arrow ? 3u : 0u); i++)
    {
      x0 = MIN (x0, eg->arrow[i].x);
      y0 = MIN (y0, eg->arrow[i].y);
      x1 = MAX (x1, eg->arrow[i].x);
      y1 = MAX (y1, eg->arrow[i].y);
    }
  if (eg->n_points < 4 || !is_visible (options, x0, y0, x1, y1))
    return;

  edge_path (cr, eg);
  set_color (cr, &style->color, 1.0);
  cairo_set_line_width (cr, style->width);
  cairo_set_dash (cr, dash, style->dashed ? G_N_ELEMENTS (dash) : 0, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (eg->has_arrow)
    {
      cairo_move_to (cr, eg->arrow[0].x, eg->arrow[0].y);
      cairo_line_to (cr, eg->arrow[1].x, eg->arrow[1].y);
      cairo_line_to (cr, eg->arrow[2].x, eg->arrow[2].y);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
draw_run (cairo_t *cr, PangoContext *context, TupuLayout *layout, TupuKind kind,
          const TupuTextRun *run, const TupuPaintOptions *options)
{
  const TupuKindStyle *style = tupu_style_kind (kind, variant_of (options));
  g_autoptr (PangoFontDescription) desc =
      tupu_style_font (run->role, kind, layout->options.text_scale);
  double size = pango_font_description_get_size (desc) / (double)PANGO_SCALE;
  /* The gloss is secondary: slightly softer than the label (still 4.5:1 on its fill). */
  double alpha = run->role == TUPU_FONT_GLOSS ? tupu_style_gloss_alpha (variant_of (options)) : 1.0;

  set_color (cr, &style->text, alpha);
  if (options->scale > 0 && options->scale * size < MIN_READABLE_PX)
    {
      /* Level of detail: a rounded bar where the line would be, at a third of its height. */
      TupuRect bar = { run->x, run->y + run->height / 3, run->width, run->height / 3 };

      set_color (cr, &style->text, 0.35 * alpha);
      cairo_new_path (cr);
      rounded_rect (cr, &bar, bar.height / 2);
      cairo_fill (cr);
    }
  else
    {
      g_autoptr (PangoLayout) pl =
          _tupu_text_run_layout (context, run->text, run->role, kind, layout->options.text_scale);

      cairo_move_to (cr, run->x, run->y);
      pango_cairo_show_layout (cr, pl);
    }
}

/* The number of parts folded into a node, in a dark pill over its corner (light in the dark
 * style): well above 4.5:1 whatever the kind's colours, as a count must be legible. */
static void
draw_badge (cairo_t *cr, PangoContext *context, TupuLayout *layout, guint geom_index,
            const TupuPaintOptions *options)
{
  static const TupuColor light_fill = { 0.24, 0.22, 0.27, 1.0 }, light_text = { 1, 1, 1, 1 };
  static const TupuColor dark_fill = { 0.87, 0.87, 0.85, 1.0 };
  static const TupuColor dark_text = { 0.14, 0.12, 0.19, 1.0 };
  TupuRect               badge;
  g_autofree char       *count = NULL;
  g_autoptr (PangoLayout) pl = NULL;
  g_autoptr (PangoFontDescription) desc = NULL;
  PangoRectangle ink;

  if (!tupu_layout_badge_rect (layout, geom_index, &badge) ||
      !is_visible (options, badge.x, badge.y, badge.x + badge.width, badge.y + badge.height))
    return;

  cairo_new_path (cr);
  rounded_rect (cr, &badge, badge.height / 2);
  set_color (cr, options->dark ? &dark_fill : &light_fill, 1.0);
  cairo_fill (cr);
  if (options->scale > 0 && options->scale * badge.height < MIN_READABLE_PX * 1.5)
    return; /* level of detail: the pill alone says "more inside" */

  count = g_strdup_printf ("%u", layout->nodes[geom_index].n_folded);
  pl = pango_layout_new (context);
  desc = pango_font_description_from_string ("Sans Bold");
  pango_font_description_set_absolute_size (desc, badge.height * 0.66 * PANGO_SCALE);
  pango_layout_set_font_description (pl, desc);
  pango_layout_set_text (pl, count, -1);
  pango_layout_get_pixel_extents (pl, &ink, NULL);
  set_color (cr, options->dark ? &dark_text : &light_text, 1.0);
  cairo_move_to (cr, badge.x + (badge.width - ink.width) / 2 - ink.x,
                 badge.y + (badge.height - ink.height) / 2 - ink.y);
  pango_cairo_show_layout (cr, pl);
}

static void
draw_node (cairo_t *cr, PangoContext *context, TupuLayout *layout, guint geom_index,
           const TupuPaintOptions *options)
{
  const TupuNodeGeom  *ng = &layout->nodes[geom_index];
  TupuKind             kind = _tupu_layout_geom_kind (layout, geom_index);
  const TupuKindStyle *style = tupu_style_kind (kind, variant_of (options));

  cairo_new_path (cr);
  rounded_rect (cr, &ng->box, _tupu_shape_radius (style->shape, ng->box.height));
  set_color (cr, &style->fill, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &style->stroke, 1.0);
  cairo_set_line_width (cr, style->stroke_width);
  cairo_stroke (cr);

  for (guint r = 0; r < ng->n_runs; r++)
    draw_run (cr, context, layout, kind, &ng->runs[r], options);
  draw_badge (cr, context, layout, geom_index, options);
}

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

void
tupu_painter_draw (cairo_t *cr, TupuLayout *layout, const TupuPaintOptions *options)
{
  TupuPaintOptions defaults;
  PangoContext    *context;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  if (options == NULL)
    {
      tupu_paint_options_init (&defaults);
      options = &defaults;
    }

  cairo_save (cr);
  if (options->background)
    {
      TupuColor bg = tupu_style_variant_background (variant_of (options));

      set_color (cr, &bg, 1.0);
      cairo_rectangle (cr, layout->bounds.x, layout->bounds.y, layout->bounds.width,
                       layout->bounds.height);
      cairo_fill (cr);
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < layout->n_edges; i++)
    if (options->cross_links ||
        tupu_graph_get_edge (layout->graph, layout->edges[i].edge)->relation ==
            TUPU_RELATION_PART_OF)
      draw_edge (cr, layout, &layout->edges[i], options);

  context = pango_cairo_create_context (cr);
  _tupu_text_setup_context (context);
  if (options->visible != NULL)
    {
      g_autoptr (GArray) visible = g_array_new (FALSE, FALSE, sizeof (guint));
      /* A node's outline and badge reach a little past its box: take nodes that near. */
      TupuRect near = { options->visible->x - QUERY_MARGIN, options->visible->y - QUERY_MARGIN,
                        options->visible->width + 2 * QUERY_MARGIN,
                        options->visible->height + 2 * QUERY_MARGIN };

      tupu_layout_query (layout, &near, visible);
      /* Keep the drawing order (and so the stacking) independent of the index's order. */
      g_array_sort (visible, compare_guint);
      for (guint i = 0; i < visible->len; i++)
        draw_node (cr, context, layout, g_array_index (visible, guint, i), options);
    }
  else
    {
      for (guint i = 0; i < layout->n_nodes; i++)
        draw_node (cr, context, layout, i, options);
    }
  g_object_unref (context);
  cairo_restore (cr);
}

void
tupu_painter_edge_path (cairo_t *cr, TupuLayout *layout, guint edge_index)
{
  g_return_if_fail (layout != NULL && edge_index < layout->n_edges);

  if (layout->edges[edge_index].n_points >= 4)
    edge_path (cr, &layout->edges[edge_index]);
  else
    cairo_new_path (cr);
}

gboolean
tupu_painter_arrow_path (cairo_t *cr, TupuLayout *layout, guint edge_index)
{
  const TupuEdgeGeom *eg;

  g_return_val_if_fail (layout != NULL && edge_index < layout->n_edges, FALSE);

  eg = &layout->edges[edge_index];
  cairo_new_path (cr);
  if (!eg->has_arrow)
    return FALSE;
  cairo_move_to (cr, eg->arrow[0].x, eg->arrow[0].y);
  cairo_line_to (cr, eg->arrow[1].x, eg->arrow[1].y);
  cairo_line_to (cr, eg->arrow[2].x, eg->arrow[2].y);
  cairo_close_path (cr);
  return TRUE;
}

void
tupu_painter_draw_kind_sample (cairo_t *cr, TupuKind kind, gboolean dark, const TupuRect *rect)
{
  const TupuKindStyle *style;

  g_return_if_fail (cr != NULL && rect != NULL && kind < TUPU_N_KINDS);

  style = tupu_style_for_kind (kind, dark);
  cairo_save (cr);
  cairo_new_path (cr);
  rounded_rect (cr, rect, _tupu_shape_radius (style->shape, rect->height));
  set_color (cr, &style->fill, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &style->stroke, 1.0);
  cairo_set_line_width (cr, style->stroke_width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
tupu_painter_draw_relation_sample (cairo_t *cr, TupuRelation relation, gboolean dark, double x0,
                                   double x1, double y)
{
  const TupuRelationStyle *style;
  static const double      dash[] = { 5.0, 3.0 };

  g_return_if_fail (cr != NULL && relation < TUPU_N_RELATIONS);

  style = tupu_style_for_relation (relation, dark);
  cairo_save (cr);
  set_color (cr, &style->color, 1.0);
  cairo_set_line_width (cr, style->width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, dash, style->dashed ? G_N_ELEMENTS (dash) : 0, 0);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1 - (style->arrow ? ARROW_SAMPLE : 0), y);
  cairo_stroke (cr);
  if (style->arrow)
    {
      cairo_move_to (cr, x1, y);
      cairo_line_to (cr, x1 - ARROW_SAMPLE, y - ARROW_SAMPLE * 0.4);
      cairo_line_to (cr, x1 - ARROW_SAMPLE, y + ARROW_SAMPLE * 0.4);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

void
tupu_painter_draw_badge (cairo_t *cr, TupuLayout *layout, guint geom_index,
                         const TupuPaintOptions *options)
{
  PangoContext *context;

  g_return_if_fail (cr != NULL && layout != NULL && geom_index < layout->n_nodes);
  g_return_if_fail (options != NULL);

  context = pango_cairo_create_context (cr);
  _tupu_text_setup_context (context);
  draw_badge (cr, context, layout, geom_index, options);
  g_object_unref (context);
}
