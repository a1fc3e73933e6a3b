/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-gui-style.h: which of the graph style's variants a widget's window wants, decided the same
 * way by everything that paints in the graph's colours (the canvas, the kind pill, the legend);
 * and the language every label showing the graph's Chinese text is given. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @widget's window is dark, and (@high_contrast, may be NULL) in high contrast. */
gboolean _tupu_gui_style_is_dark (GtkWidget *widget, gboolean *high_contrast);

/* Attributes that tell Pango a label's text is Chinese, so Han characters take their Simplified
 * forms under any locale while Latin text and punctuation keep the UI font. A new list. */
PangoAttrList *_tupu_gui_zh_attributes_new (void);

/* Gives @label those attributes (replacing its own). */
void _tupu_gui_set_zh_language (GtkLabel *label);

G_END_DECLS
