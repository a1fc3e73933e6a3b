/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-layout-chooser.h: the header bar's layout control: which engine lays the graph out and,
 * for dot, which way. Engines whose caps refuse what is shown are unavailable, and say why. */
#pragma once

#include <gtk/gtk.h>

#include "tupu-graph-view.h"

G_BEGIN_DECLS

#define TUPU_TYPE_LAYOUT_CHOOSER (tupu_layout_chooser_get_type ())
G_DECLARE_FINAL_TYPE (TupuLayoutChooser, tupu_layout_chooser, TUPU, LAYOUT_CHOOSER, GtkWidget)

GtkWidget     *tupu_layout_chooser_new (void);
void           tupu_layout_chooser_set_view (TupuLayoutChooser *self, TupuGraphView *view);
TupuGraphView *tupu_layout_chooser_get_view (TupuLayoutChooser *self);

G_END_DECLS
