/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-progress-dialog.h: the Progress page — how many concepts of the graph are new, learning
 * and known, when practice is next due, and a chart over the days studied: reviews per day (the
 * forgotten ones marked) and concepts known at each day's end. Follows the store as it changes. */
#pragma once

#include <adwaita.h>

#include "tupu-study-store.h"

G_BEGIN_DECLS

#define TUPU_TYPE_PROGRESS_DIALOG (tupu_progress_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TupuProgressDialog, tupu_progress_dialog, TUPU, PROGRESS_DIALOG, AdwWindow)

TupuProgressDialog *tupu_progress_dialog_new (GtkWindow *parent, TupuStudyStore *store);
/* The counts shown (for the tests): new, learning, known. */
void tupu_progress_dialog_get_counts (TupuProgressDialog *self, guint *n_new, guint *n_learning,
                                      guint *n_known);

G_END_DECLS
