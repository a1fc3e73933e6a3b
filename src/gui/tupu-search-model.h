/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-search-model.h: the results of a search, as a list model.
 *
 * Runs the query on a TupuSearch of its graph (built when first needed) and lists the concepts
 * it matched, best first. Its items are GtkStringObjects holding the concepts' ids, made only
 * when a list asks for them, so that thousands of results cost nothing until shown; what each
 * matched and where is read by position with tupu_search_model_get_match().
 */
#pragma once

#include <gtk/gtk.h>

#include "tupu-search.h"

G_BEGIN_DECLS

#define TUPU_TYPE_SEARCH_MODEL (tupu_search_model_get_type ())
G_DECLARE_FINAL_TYPE (TupuSearchModel, tupu_search_model, TUPU, SEARCH_MODEL, GObject)

TupuSearchModel *tupu_search_model_new (void);

/* The graph searched (NULL: nothing matches). A new graph runs the query again. Property:
 * "graph". */
void       tupu_search_model_set_graph (TupuSearchModel *self, TupuGraph *graph);
TupuGraph *tupu_search_model_get_graph (TupuSearchModel *self);
/* What the reader typed. Property: "query". */
void        tupu_search_model_set_query (TupuSearchModel *self, const char *query);
const char *tupu_search_model_get_query (TupuSearchModel *self);

/* The match at @position, or NULL past the end. */
const TupuSearchMatch *tupu_search_model_get_match (TupuSearchModel *self, guint position);
/* One byte per graph node, 1 where a result is (for tupu_graph_view_set_marked()), or NULL when
 * there are none. */
GBytes *tupu_search_model_dup_marked (TupuSearchModel *self);

G_END_DECLS
