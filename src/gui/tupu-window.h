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
/* Registers the accelerators of the win.* and app.* actions on @application. */
void tupu_window_set_accels (GtkApplication *application);

/* Loading never blocks: these start a load on a worker thread and return at once. A failed load
 * keeps what is shown (and reports the problems in a toast), or shows the problems in a status
 * page when nothing is shown yet. */
void tupu_window_open_file (TupuWindow *self, GFile *file);
void tupu_window_open_builtin (TupuWindow *self);
void tupu_window_reload (TupuWindow *self);
/* Starts loading and laying out @file (NULL: the built-in graph) on a worker, before GTK starts:
 * the first window that opens it takes it rather than loading it again. Once, at start-up. */
void _tupu_window_preload (GFile *file);

/* The graph shown (NULL before the first load) and its file (NULL for the built-in graph).
 * Properties: "graph", "file" (read-only), and the settings "engine" (a TupuEngine's name),
 * "direction" (a TupuDirection's name), "show-gloss" and "show-details" (the detail pane), and
 * "show-progress" (the graph coloured by study progress, win.show-progress). */
TupuGraph *tupu_window_get_graph (TupuWindow *self);
GFile     *tupu_window_get_file (TupuWindow *self);
/* Shows or hides the detail pane (F9); activating a concept shows it. */
void tupu_window_set_show_details (TupuWindow *self, gboolean show_details);

G_END_DECLS
