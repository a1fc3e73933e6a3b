/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-detail-pane.h: what Tupu knows about the selected concept — its labels, kind, summary,
 * the passages that say it, and links to its parent, children and related concepts. */
#pragma once

#include <gtk/gtk.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

#define TUPU_TYPE_DETAIL_PANE (tupu_detail_pane_get_type ())
G_DECLARE_FINAL_TYPE (TupuDetailPane, tupu_detail_pane, TUPU, DETAIL_PANE, GtkWidget)

GtkWidget *tupu_detail_pane_new (void);

/* Properties "graph" and "node-id". An id the graph does not have shows the empty state.
 * Signal "select-node" (const char *id): a link to another concept was clicked. */
void        tupu_detail_pane_set_graph (TupuDetailPane *self, TupuGraph *graph);
TupuGraph  *tupu_detail_pane_get_graph (TupuDetailPane *self);
void        tupu_detail_pane_set_node_id (TupuDetailPane *self, const char *node_id);
const char *tupu_detail_pane_get_node_id (TupuDetailPane *self);

/* For the test probe: the texts shown (NULL in the empty state), and the link widgets in the
 * order shown (transfer container); tupu_detail_pane_link_get_id() gives a link's target. */
void       tupu_detail_pane_get_shown (TupuDetailPane *self, const char **label, const char **gloss,
                                       const char **kind);
GPtrArray *tupu_detail_pane_get_links (TupuDetailPane *self);
const char *tupu_detail_pane_link_get_id (GtkWidget *link);

G_END_DECLS
