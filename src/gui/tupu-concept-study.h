/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-concept-study.h: the detail pane's study section — the concept's state (new, learning,
 * known), which the student can change, when it is next due, and their free-text note.
 *
 * The note is saved as it is typed (a moment after the last key, so that a word is one save)
 * and at once when the focus leaves it, another concept is shown or the widget goes away: it is
 * never only in the text view. */
#pragma once

#include <gtk/gtk.h>

#include "tupu-study-store.h"

G_BEGIN_DECLS

#define TUPU_TYPE_CONCEPT_STUDY (tupu_concept_study_get_type ())
G_DECLARE_FINAL_TYPE (TupuConceptStudy, tupu_concept_study, TUPU, CONCEPT_STUDY, GtkWidget)

/* Properties "store" and "node-id". Write errors are reported by the "error" signal
 * (const GError *), which the window shows as a toast. */
void            tupu_concept_study_set_store (TupuConceptStudy *self, TupuStudyStore *store);
TupuStudyStore *tupu_concept_study_get_store (TupuConceptStudy *self);
void            tupu_concept_study_set_node_id (TupuConceptStudy *self, const char *node_id);
const char     *tupu_concept_study_get_node_id (TupuConceptStudy *self);
/* Saves the note being typed now, if it has not been. */
void tupu_concept_study_flush (TupuConceptStudy *self);

G_END_DECLS
