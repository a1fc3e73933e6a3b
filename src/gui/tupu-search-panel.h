/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-search-panel.h: the search results beside the graph.
 *
 * Lists the concepts a query matches, best first, each with its Chinese label and English gloss
 * (the matched text highlighted), its kind, the piece of summary or passage it matched in, and
 * where it sits in the speech ("A › B › C"); says so plainly when nothing matches. The search
 * entry stays with the window: it moves the panel's cursor (tupu_search_panel_move_cursor())
 * and activates its row (tupu_search_panel_activate_cursor()), so the keyboard never has to
 * leave the entry.
 */
#pragma once

#include <gtk/gtk.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

#define TUPU_TYPE_SEARCH_PANEL (tupu_search_panel_get_type ())
G_DECLARE_FINAL_TYPE (TupuSearchPanel, tupu_search_panel, TUPU, SEARCH_PANEL, GtkWidget)

/* The graph searched; a new one runs the query again. */
void tupu_search_panel_set_graph (TupuSearchPanel *self, TupuGraph *graph);
/* Runs @query; the cursor goes to the best result. Signal "results-changed" follows. */
void        tupu_search_panel_set_query (TupuSearchPanel *self, const char *query);
const char *tupu_search_panel_get_query (TupuSearchPanel *self);

guint tupu_search_panel_get_n_results (TupuSearchPanel *self);
/* One byte per graph node, 1 for each result (tupu_graph_view_set_marked()), or NULL. */
GBytes *tupu_search_panel_dup_marked (TupuSearchPanel *self);

/* Moves the cursor @delta rows (clamped to the list) and scrolls to it; FALSE when there are no
 * results. */
gboolean tupu_search_panel_move_cursor (TupuSearchPanel *self, int delta);
/* The cursor's row (GTK_INVALID_LIST_POSITION when there are no results). */
guint tupu_search_panel_get_cursor_position (TupuSearchPanel *self);
/* The cursor's concept id, or NULL. */
const char *tupu_search_panel_get_cursor_id (TupuSearchPanel *self);
/* Emits "concept-activated" with the cursor's concept id; FALSE when there is none. A click on a
 * row does the same for that row. */
gboolean tupu_search_panel_activate_cursor (TupuSearchPanel *self);

G_END_DECLS
