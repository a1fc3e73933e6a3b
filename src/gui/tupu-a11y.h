/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-a11y.h: what a screen reader is told about a concept, in one place, so that the canvas,
 * the detail pane (and later the outline) say the same thing the same way. */
#pragma once

#include <gtk/gtk.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

/* "学思想 (Study the thought)": a concept's accessible name, both languages. */
char *_tupu_a11y_node_name (const TupuNode *node);
/* Where the concept sits: "List, level 2, 3 of 6, 6 members" (kind, depth from the root as
 * level 1, position among its parent's parts, and its members when it has any). */
char *_tupu_a11y_node_position (TupuGraph *graph, const TupuNode *node);

/* A button whose label has a mnemonic: GTK 4.8 names it "_Open Open" (its label property, then
 * its label child). Drops the property so the name is the child's text alone. Call again after
 * changing the label. */
void _tupu_a11y_fix_mnemonic_name (GtkButton *button);
/* Every such button under @widget (template-built headers and status pages). */
void _tupu_a11y_fix_mnemonic_names (GtkWidget *widget);

G_END_DECLS
