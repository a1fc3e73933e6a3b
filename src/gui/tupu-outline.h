/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-outline.h: the part-of tree of the whole graph in speech order, as a sidebar list —
 * each concept with its kind's colour and how many members it has.
 *
 * Selecting a row activates win.select-concept with the concept's id, as the detail pane's
 * links do; a selection made elsewhere is shown with tupu_outline_set_selected_id(), which
 * expands the rows above it and scrolls to it without activating anything. Typing finds a row
 * by the beginning of its label (Chinese or English). */
#pragma once

#include <gtk/gtk.h>

#include "tupu-graph.h"
#include "tupu-study-store.h"

G_BEGIN_DECLS

#define TUPU_TYPE_OUTLINE (tupu_outline_get_type ())
G_DECLARE_FINAL_TYPE (TupuOutline, tupu_outline, TUPU, OUTLINE, GtkWidget)

GtkWidget *tupu_outline_new (void);

/* Properties "graph", "selected-id" and "show-gloss" (the English glosses beside the labels).
 * A new graph with the same id (a reload) keeps the rows expanded where they still exist. */
void        tupu_outline_set_graph (TupuOutline *self, TupuGraph *graph);
TupuGraph  *tupu_outline_get_graph (TupuOutline *self);
void        tupu_outline_set_selected_id (TupuOutline *self, const char *id);
const char *tupu_outline_get_selected_id (TupuOutline *self);
void        tupu_outline_set_show_gloss (TupuOutline *self, gboolean show_gloss);
gboolean    tupu_outline_get_show_gloss (TupuOutline *self);
/* Moves the keyboard focus to the selected row (the first without a selection); FALSE when the
 * outline is not on screen. */
gboolean tupu_outline_focus_selected (TupuOutline *self);

/* Shows each part's progress in its row ("3/6 known": the concepts of its branch known), kept
 * up to date from @store (NULL shows none). */
void tupu_outline_set_study_store (TupuOutline *self, TupuStudyStore *store);

G_END_DECLS
