/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-text-metrics.c: the text setup and box corners that the layout measures with and the
 * painter and the SVG writer draw with. */

#include "config.h"

#include <pango/pangocairo.h>

#include "tupu-text-metrics.h"

#define CORNER_RADIUS 6.0
#define PILL_MAX_RADIUS 16.0

void
_tupu_text_setup_context (PangoContext *context)
{
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Layout units are points: at 72 dpi a 12 pt font is 12 units tall, whatever the screen. */
  pango_cairo_context_set_resolution (context, 72.0);
  /* Metrics must not snap to the pixel grid of one zoom level, or a label measured on the layout
   * thread would not fit its box when drawn at another scale. Slight hinting keeps glyph outlines
   * crisp without changing advances. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, font_options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (font_options);
}

PangoLayout *
_tupu_text_run_layout (PangoContext *context, const char *text, TupuFontRole role, TupuKind kind,
                       double text_scale)
{
  PangoLayout          *layout = pango_layout_new (context);
  PangoFontDescription *desc = tupu_style_font (role, kind, text_scale);
  PangoAttrList        *attrs = pango_attr_list_new ();

  /* zh-cn makes Han characters take their Simplified Chinese forms under any locale. */
  pango_attr_list_insert (attrs, pango_attr_language_new (tupu_style_language (role)));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);

  pango_attr_list_unref (attrs);
  pango_font_description_free (desc);
  return layout;
}

double
_tupu_shape_radius (TupuShape shape, double box_height)
{
  switch (shape)
    {
    case TUPU_SHAPE_PILL:
      /* Round ends on one-line boxes; a tall wrapped box would become a lens, so cap it. */
      return MIN (PILL_MAX_RADIUS, box_height / 2);
    case TUPU_SHAPE_BOX:
      return 1.5;
    case TUPU_SHAPE_ROUNDED:
    default:
      return MIN (CORNER_RADIUS, box_height / 2);
    }
}
