/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-layout-private.h: what the layout, the painter and the SVG writer share so that text is
 * measured, drawn and exported the same way. Not for the GUI. */
#pragma once

#include <pango/pango.h>

#include "tupu-layout.h"
#include "tupu-style.h"

G_BEGIN_DECLS

/* Sets a Pango context up so one Pango unit of size is one layout point (72 dpi) and glyph
 * metrics do not depend on the zoom (no metric hinting): measuring on the layout thread and
 * drawing at any scale then agree. */
void         _tupu_text_setup_context (PangoContext *context);

/* A single-line layout of @text in the font and language of @role for a node of @kind. */
PangoLayout *_tupu_text_run_layout    (PangoContext *context,
                                       const char   *text,
                                       TupuFontRole  role,
                                       TupuKind      kind,
                                       double        text_scale);

/* The corner radius of a node's box of @shape and size @rect, shared by painter and SVG. */
double       _tupu_shape_radius       (TupuShape       shape,
                                       const TupuRect *rect);

/* The kind of the node behind geometry @geom_index. */
TupuKind     _tupu_layout_geom_kind   (TupuLayout *layout,
                                       guint       geom_index);

G_END_DECLS
