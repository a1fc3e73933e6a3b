/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-layout-private.h: what the layout tells the painter and the SVG writer beyond its public
 * header. How text is measured is in tupu-text-metrics.h. Not for the GUI. */
#pragma once

#include "tupu-layout.h"

G_BEGIN_DECLS

/* Called with each Graphviz graph attribute (name, value) by _tupu_layout_engine_attributes(). */
typedef void (*TupuGvAttributeFunc) (const char *name, const char *value, gpointer user_data);

/* The graph attributes that tune Graphviz's @engine for a graph of @n_nodes nodes whose root
 * node is named @root_name: edge routing, spacing, overlap removal and dot's effort caps on big
 * graphs. The layout sets them on its graph; the benchmark passes the same to Graphviz's
 * command line, so that its reference does the same job. */
void _tupu_layout_engine_attributes (TupuEngine engine, guint n_nodes, const char *root_name,
                                     TupuGvAttributeFunc func, gpointer user_data);

/* The kind of the node behind geometry @geom_index. */
TupuKind _tupu_layout_geom_kind (TupuLayout *layout, guint geom_index);

G_END_DECLS
