/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-painter.h: draws a TupuLayout with cairo. The graph view records it into its cached
 * render node, and PNG/PDF export uses it too, so the screen and the files agree. */
#pragma once

#include <cairo.h>

#include "tupu-layout.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean        dark;    /* dark palette */
  const TupuRect *visible; /* layout-space rectangle to draw, NULL = everything (culling) */
  double          scale;   /* device pixels per layout unit, for level of detail: labels
                            * too small to read are drawn as bars; 0 = always full detail */
  gboolean background;     /* fill the bounds with the background colour first */
  gboolean cross_links;    /* draw the links other than part-of (the view shows them on demand) */
  gboolean high_contrast;  /* the high-contrast palette (light or dark as @dark says) */
} TupuPaintOptions;

void tupu_paint_options_init (TupuPaintOptions *options);
/* Draws in layout coordinates: the caller sets the transform. */
void tupu_painter_draw (cairo_t *cr, TupuLayout *layout, const TupuPaintOptions *options);
/* The outline path of node @geom_index's box (for overlays: hover, selection, focus ring). */
void tupu_painter_node_path (cairo_t *cr, TupuLayout *layout, guint geom_index, double grow);

/* For overlays (the selection's edges): the curve of edge @edge_index (an index in
 * layout->edges), and its arrowhead triangle (FALSE, and an empty path, when it has none). */
void     tupu_painter_edge_path (cairo_t *cr, TupuLayout *layout, guint edge_index);
gboolean tupu_painter_arrow_path (cairo_t *cr, TupuLayout *layout, guint edge_index);

/* Node @geom_index's badge of folded parts alone (for overlays drawn over the node: the
 * selection's rings must not hide its count); nothing when it has none. */
void tupu_painter_draw_badge (cairo_t *cr, TupuLayout *layout, guint geom_index,
                              const TupuPaintOptions *options);

/* Samples for a legend, drawn as the canvas draws them: a node box of @kind filling @rect, and
 * a link of @relation from (x0, y) to (x1, y) with its arrowhead. */
void tupu_painter_draw_kind_sample (cairo_t *cr, TupuKind kind, gboolean dark,
                                    const TupuRect *rect);
void tupu_painter_draw_relation_sample (cairo_t *cr, TupuRelation relation, gboolean dark,
                                        double x0, double x1, double y);

G_END_DECLS
