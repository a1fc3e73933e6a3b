/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-layout-private.h: what the layout tells the painter and the SVG writer beyond its public
 * header. How text is measured is in tupu-text-metrics.h. Not for the GUI. */
#pragma once

#include "tupu-layout.h"

G_BEGIN_DECLS

/* The kind of the node behind geometry @geom_index. */
TupuKind     _tupu_layout_geom_kind   (TupuLayout *layout,
                                       guint       geom_index);

G_END_DECLS
