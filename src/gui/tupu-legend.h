/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-legend.h: what the canvas's colours, shapes and lines mean: every kind of concept and
 * every relation, drawn by the painter exactly as on the canvas, in the light or dark style. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TUPU_TYPE_LEGEND (tupu_legend_get_type ())
G_DECLARE_FINAL_TYPE (TupuLegend, tupu_legend, TUPU, LEGEND, GtkWidget)

GtkWidget *tupu_legend_new (void);

G_END_DECLS
