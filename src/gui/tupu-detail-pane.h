/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-detail-pane.h: what Tupu knows about the selected concept (TupuConceptPage: its labels,
 * kind, summary, the passages that say it, links to its parent, children and related concepts,
 * the student's state and note), or with none selected where to start. */
#pragma once

#include <gtk/gtk.h>

#include "tupu-concept-study.h"
#include "tupu-graph.h"
#include "tupu-study-store.h"

G_BEGIN_DECLS

#define TUPU_TYPE_DETAIL_PANE (tupu_detail_pane_get_type ())
G_DECLARE_FINAL_TYPE (TupuDetailPane, tupu_detail_pane, TUPU, DETAIL_PANE, GtkWidget)

GtkWidget *tupu_detail_pane_new (void);

/* Properties "graph" and "node-id". An id the graph does not have shows the empty state.
 * Links to other concepts activate win.select-concept with the concept's id. */
void        tupu_detail_pane_set_graph (TupuDetailPane *self, TupuGraph *graph);
TupuGraph  *tupu_detail_pane_get_graph (TupuDetailPane *self);
void        tupu_detail_pane_set_node_id (TupuDetailPane *self, const char *node_id);
const char *tupu_detail_pane_get_node_id (TupuDetailPane *self);
/* Moves the keyboard focus to the shown concept's title; FALSE when no concept is shown. */
gboolean tupu_detail_pane_focus_title (TupuDetailPane *self);

/* Property "study-store": where the study section (state and note, at a concept's end) keeps
 * what the student does. Its write errors are reported by the "study-error" signal
 * (const GError *). */
void            tupu_detail_pane_set_study_store (TupuDetailPane *self, TupuStudyStore *store);
TupuStudyStore *tupu_detail_pane_get_study_store (TupuDetailPane *self);
/* The study section of the concept shown; NULL before a concept has been shown. */
TupuConceptStudy *tupu_detail_pane_get_study (TupuDetailPane *self);

G_END_DECLS
