/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-text-metrics.h: how a node's text is set and its box shaped, shared by the layout (which
 * measures the text and sizes the box) and by the painter and the SVG writer (which draw them),
 * so that the three agree. It sits below all of them: it knows styles, not layouts. Not for the
 * GUI. */
#pragma once

#include <pango/pango.h>

#include "tupu-style.h"

G_BEGIN_DECLS

/* Sets a Pango context up so one Pango unit of size is one layout point (72 dpi) and glyph
 * metrics do not depend on the zoom (no metric hinting): measuring on the layout thread and
 * drawing at any scale then agree. */
void _tupu_text_setup_context (PangoContext *context);

/* The chip behind a masked place name (tupu-passage.h) in drawings and exports: a neutral grey,
 * half see-through, so it reads on every kind's fill in light and dark. */
#define TUPU_MASK_GREY 0x8080
#define TUPU_MASK_ALPHA 0.45

/* A single-line layout of @text in the font and language of @role for a node of @kind. */
PangoLayout *_tupu_text_run_layout (PangoContext *context, const char *text, TupuFontRole role,
                                    TupuKind kind, double text_scale);

/* One line of a wrapped text, measured from the text's one shaping. */
typedef struct
{
  int    start, length;       /* bytes of the text, without the spaces at the break */
  double width, height;       /* logical size */
  double baseline;            /* from the top of the logical rectangle */
  double ink_left, ink_right; /* ink extents, from the logical left edge */
} TupuTextLine;

/* Shapes @text once in the font of @role for @kind and wraps it into lines no wider than
 * @max_width (at word boundaries, else between characters), balanced so the lines are of even
 * length and the last holds more than one character: an array of TupuTextLine. */
GArray *_tupu_text_wrap (PangoContext *context, const char *text, TupuFontRole role, TupuKind kind,
                         double text_scale, double max_width);

/* The corner radius of a node's box of @shape and height @box_height (the radius depends on
 * nothing else), shared by the layout's padding, the painter and SVG. */
double _tupu_shape_radius (TupuShape shape, double box_height);

G_END_DECLS
