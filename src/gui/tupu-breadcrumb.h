/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-breadcrumb.h: the selected concept's place in the part-of tree, root › … › concept, as a
 * row of buttons above the graph; each selects its concept (win.select-concept with its id). */
#pragma once

#include <gtk/gtk.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

#define TUPU_TYPE_BREADCRUMB (tupu_breadcrumb_get_type ())
G_DECLARE_FINAL_TYPE (TupuBreadcrumb, tupu_breadcrumb, TUPU, BREADCRUMB, GtkWidget)

GtkWidget *tupu_breadcrumb_new (void);

/* Properties "graph" and "node-id". Hidden while no concept (or one the graph lacks) is set. */
void        tupu_breadcrumb_set_graph (TupuBreadcrumb *self, TupuGraph *graph);
TupuGraph  *tupu_breadcrumb_get_graph (TupuBreadcrumb *self);
void        tupu_breadcrumb_set_node_id (TupuBreadcrumb *self, const char *node_id);
const char *tupu_breadcrumb_get_node_id (TupuBreadcrumb *self);

G_END_DECLS
