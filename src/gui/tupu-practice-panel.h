/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-practice-panel.h: practising recall, beside the graph.
 *
 * Runs a TupuPracticeSession: shows each card's question (a typed answer, choice buttons or a
 * list to put in order), checks the answer, shows how it fared (right, near miss or wrong, with
 * what was expected), then takes the self-grade (Again, Hard, Good, Easy; keys 1–4) that the
 * session records in the study store. At the end, or when stopped (Escape), it sums the session
 * up. The window moves the graph: "concept-asked" when a question is shown (with its kind, which
 * says what the graph must not give away), "concept-answered" when its answer is checked. */
#pragma once

#include <gtk/gtk.h>

#include "tupu-practice-session.h"

G_BEGIN_DECLS

#define TUPU_TYPE_PRACTICE_PANEL (tupu_practice_panel_get_type ())
G_DECLARE_FINAL_TYPE (TupuPracticePanel, tupu_practice_panel, TUPU, PRACTICE_PANEL, GtkWidget)

/* Starts a session over @store's queue, at most @new_per_day new concepts a day. */
void tupu_practice_panel_start (TupuPracticePanel *self, TupuStudyStore *store, guint new_per_day);
/* The session shown (NULL before the first start). */
TupuPracticeSession *tupu_practice_panel_get_session (TupuPracticePanel *self);
/* Whether a question is shown (not the summary). */
gboolean tupu_practice_panel_is_asking (TupuPracticePanel *self);
/* Puts the keyboard on the question's answer, or the summary. */
void tupu_practice_panel_focus (TupuPracticePanel *self);

G_END_DECLS
