/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-reading-view.h: the speech itself, beside the graph, to read.
 *
 * Every passage a concept quotes is marked; a click on one selects its concept
 * (win.select-concept), the innermost when passages overlap. The selected concept's passages
 * stand out, and selecting one scrolls the text to its first passage and flashes it.
 * Page Down and Page Up step the guided tour (win.tour-next, win.tour-previous). */
#pragma once

#include <gtk/gtk.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

#define TUPU_TYPE_READING_VIEW (tupu_reading_view_get_type ())
G_DECLARE_FINAL_TYPE (TupuReadingView, tupu_reading_view, TUPU, READING_VIEW, GtkWidget)

GtkWidget *tupu_reading_view_new (void);

/* Properties "graph" and "node-id" (the selected concept, whose passages are shown). */
void        tupu_reading_view_set_graph (TupuReadingView *self, TupuGraph *graph);
TupuGraph  *tupu_reading_view_get_graph (TupuReadingView *self);
void        tupu_reading_view_set_node_id (TupuReadingView *self, const char *node_id);
const char *tupu_reading_view_get_node_id (TupuReadingView *self);
/* Scrolls to characters [@start, @end) of paragraph @para and flashes the selected concept's
 * passages there (or the whole stretch when it has none there). FALSE when out of range. */
gboolean tupu_reading_view_show_range (TupuReadingView *self, guint para, int start, int end);

G_END_DECLS
