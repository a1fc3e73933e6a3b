/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-problems-dialog.h: every problem of a graph file, selectable and copyable. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TUPU_TYPE_PROBLEMS_DIALOG (tupu_problems_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TupuProblemsDialog, tupu_problems_dialog, TUPU, PROBLEMS_DIALOG, AdwWindow)

/* @problems: TupuDiagnostic*, in file order; @file: the display name of the file. */
TupuProblemsDialog *tupu_problems_dialog_new (GtkWindow *parent, const char *file,
                                              GPtrArray *problems);
/* The text shown (and copied): one "file:line:column: message" per line. */
char *tupu_problems_dialog_dup_text (TupuProblemsDialog *self);

G_END_DECLS
