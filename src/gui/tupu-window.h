/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-window.h: the main window: graph view, detail pane, loading, reloading, export. */
#pragma once

#include <adwaita.h>

#include "tupu-detail-pane.h"
#include "tupu-graph-view.h"

G_BEGIN_DECLS

#define TUPU_TYPE_WINDOW (tupu_window_get_type ())
G_DECLARE_FINAL_TYPE (TupuWindow, tupu_window, TUPU, WINDOW, AdwApplicationWindow)

TupuWindow *tupu_window_new (GtkApplication *application);
/* Registers the accelerators of the win.* actions on @application. */
void tupu_window_set_accels (GtkApplication *application);

/* Loading never blocks: these start a load on a worker thread and return at once. A failed load
 * keeps what is shown (and reports the problems in a toast), or shows the problems in a status
 * page when nothing is shown yet. */
void tupu_window_open_file (TupuWindow *self, GFile *file);
void tupu_window_open_builtin (TupuWindow *self);
void tupu_window_reload (TupuWindow *self);

/* Read by the test probe. */
TupuGraphView  *tupu_window_get_graph_view (TupuWindow *self);
TupuDetailPane *tupu_window_get_detail_pane (TupuWindow *self);
TupuGraph      *tupu_window_get_graph (TupuWindow *self);
/* The file shown or being retried, NULL for the built-in graph. */
GFile   *tupu_window_get_file (TupuWindow *self);
gboolean tupu_window_is_loading (TupuWindow *self);
/* How many loads have succeeded in this window (a reload counts). */
guint tupu_window_get_n_loads (TupuWindow *self);
/* The problems listed by the "could not open" status page, or NULL when it is not shown. */
char *tupu_window_dup_status_problems (TupuWindow *self);
/* The plain-text titles of the toasts shown since the last call (transfer full). */
GPtrArray *tupu_window_take_toast_titles (TupuWindow *self);

G_END_DECLS
