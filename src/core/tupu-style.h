/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-style.h: how each kind and relation looks. Style lives here, never in graph data. */
#pragma once

#include <pango/pango.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} TupuColor;

/* The two kinds of text in a node; each has its own font and language. */
typedef enum
{
  TUPU_FONT_LABEL, /* the Chinese label */
  TUPU_FONT_GLOSS, /* the English gloss */
} TupuFontRole;

typedef enum
{
  TUPU_SHAPE_ROUNDED, /* rounded rectangle */
  TUPU_SHAPE_BOX,     /* square corners */
  TUPU_SHAPE_PILL,    /* fully rounded ends */
} TupuShape;

typedef struct
{
  TupuShape shape;
  TupuColor fill;
  TupuColor stroke;
  TupuColor text;
  double    stroke_width;
  gboolean  bold;
  double    label_size; /* points, before text scaling */
} TupuKindStyle;

typedef struct
{
  TupuColor color;
  double    width;
  gboolean  dashed;
  gboolean  arrow;
} TupuRelationStyle;

/* The four palettes: the desktop's light or dark style, each also in high contrast. */
typedef enum
{
  TUPU_STYLE_LIGHT,
  TUPU_STYLE_DARK,
  TUPU_STYLE_HC_LIGHT,
  TUPU_STYLE_HC_DARK,
  TUPU_N_STYLE_VARIANTS
} TupuStyleVariant;

TupuStyleVariant         tupu_style_variant (gboolean dark, gboolean high_contrast);
const char              *tupu_style_variant_name (TupuStyleVariant variant); /* "hc-dark" */
const TupuKindStyle     *tupu_style_kind (TupuKind kind, TupuStyleVariant variant);
const TupuRelationStyle *tupu_style_relation (TupuRelation relation, TupuStyleVariant variant);
TupuColor                tupu_style_variant_background (TupuStyleVariant variant);
/* How the canvas marks the concepts a search matches: a highlighter band around the box, and a
 * thin edge along the band's outside that keeps 3:1 on the background (the band need not). */
typedef struct
{
  TupuColor band;
  TupuColor edge;
} TupuMarkStyle;

const TupuMarkStyle *tupu_style_mark (TupuStyleVariant variant);
/* The study views' colours, here so that tests/core/test-contrast.c checks them. */

/* The speech beside the graph (tupu-reading-view.c): a line under each quoted passage, 3:1 on
 * the page; tints under the selected concept's passages, a passage just scrolled to and a
 * masked place name, under text that keeps 4.5:1. */
typedef struct
{
  TupuColor underline;
  TupuColor current;
  TupuColor flash;
  TupuColor masked;
} TupuReadingStyle;

const TupuReadingStyle *tupu_style_reading (TupuStyleVariant variant);

/* The Progress overlay (tupu-graph-view-mastery.c): a band around each concept learning or
 * known, 3:1 on the canvas, and a tint of the same colour over its box (none: 0) under which
 * the label and the gloss would keep 4.5:1. */
typedef struct
{
  TupuColor learning;
  TupuColor known;
  double    fill_alpha;
} TupuMasteryStyle;

const TupuMasteryStyle *tupu_style_mastery (TupuStyleVariant variant);

/* The Progress page's chart (tupu-progress-dialog.c), on the window's background: the bars
 * (reviews, the forgotten ones at their foot) and the line (concepts known), 3:1; the scales'
 * numbers are drawn in the bars' and the line's colours, so those are 4.5:1 too. Its other text
 * is the foreground colour at @text_alpha. */
typedef struct
{
  TupuColor reviews;
  TupuColor lapses;
  TupuColor known;
  double    text_alpha;
} TupuChartStyle;

const TupuChartStyle *tupu_style_chart (TupuStyleVariant variant);

/* How strongly the English gloss is drawn, as the alpha of the kind's text colour. */
double tupu_style_gloss_alpha (TupuStyleVariant variant);
/* WCAG 2.1 contrast ratio of @fg drawn over the opaque @bg (@fg's alpha blended first). */
double tupu_color_contrast (TupuColor fg, TupuColor bg);

/* @dark selects the dark palette (the desktop's dark style): the variants without high
 * contrast. */
const TupuKindStyle     *tupu_style_for_kind (TupuKind kind, gboolean dark);
const TupuRelationStyle *tupu_style_for_relation (TupuRelation relation, gboolean dark);
TupuColor                tupu_style_background (gboolean dark);
/* The one font list used for measuring, drawing and SVG ("Noto Sans CJK SC, …"). */
const char *tupu_style_font_family (void);
/* A new font description for @role in a node of @kind at @text_scale. */
PangoFontDescription *tupu_style_font (TupuFontRole role, TupuKind kind, double text_scale);
/* The Pango language of a role: zh-cn for labels, en for glosses. */
PangoLanguage *tupu_style_language (TupuFontRole role);

G_END_DECLS
