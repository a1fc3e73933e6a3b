/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-gui-style.h: which of the graph style's variants a widget's window wants, decided the same
 * way by everything that paints in the graph's colours (the canvas, the kind pill, the legend). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @widget's window is dark, and (@high_contrast, may be NULL) in high contrast. */
gboolean _tupu_gui_style_is_dark (GtkWidget *widget, gboolean *high_contrast);

G_END_DECLS
