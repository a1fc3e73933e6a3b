/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-text-metrics.c: the text setup and box corners that the layout measures with and the
 * painter and the SVG writer draw with. */

#include "config.h"

#include <math.h>

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

/* ------------------------------------------------------------------------------------------ */
/* Wrapping from one shaping                                                                   */

/* What one shaping of a text tells about each character. Pango re-shapes a whole paragraph
 * each time its wrap width changes, and a balanced wrap tries many widths; so the text is shaped
 * once, unwrapped, and lines are found by adding up advances. */
typedef struct
{
  const char         *text;
  PangoLayout        *layout;
  const PangoLogAttr *attrs;   /* n_chars + 1 */
  int                 n_chars; /* characters */
  int                *offset;  /* character -> byte offset, n_chars + 1 */
  double             *advance; /* character -> advance of the cluster it starts, else 0 */
} Shaped;

static void
shaped_clear (Shaped *s)
{
  g_clear_object (&s->layout);
  g_clear_pointer (&s->offset, g_free);
  g_clear_pointer (&s->advance, g_free);
}

static void
shaped_init (Shaped *s, PangoContext *context, const char *text, TupuFontRole role, TupuKind kind,
             double text_scale)
{
  PangoLayoutIter *iter;
  int              n_attrs, c = 0;

  s->text = text;
  s->layout = _tupu_text_run_layout (context, text, role, kind, text_scale);
  s->attrs = pango_layout_get_log_attrs_readonly (s->layout, &n_attrs);
  s->n_chars = n_attrs - 1;
  s->offset = g_new (int, n_attrs);
  s->advance = g_new0 (double, n_attrs);
  for (const char *p = text; c < s->n_chars; p = g_utf8_next_char (p))
    s->offset[c++] = p - text;
  s->offset[s->n_chars] = strlen (text);

  iter = pango_layout_get_iter (s->layout);
  do
    {
      PangoGlyphItem *run = pango_layout_iter_get_run_readonly (iter);

      for (int g = 0; run != NULL && g < run->glyphs->num_glyphs; g++)
        {
          int byte = run->item->offset + run->glyphs->log_clusters[g];
          int ch = g_utf8_pointer_to_offset (text, text + byte);

          s->advance[ch] += run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}

static gboolean
is_space (const Shaped *s, int c)
{
  return s->attrs[c].is_white;
}

/* Where a line starting at character @start ends (exclusive) when no wider than @width: at the
 * last allowed break that fits, else (a word wider than the line) at the last character break
 * that fits, else after one character. Spaces at the end of a line take no room. */
static int
line_end (const Shaped *s, int start, double width)
{
  double used = 0;
  int    word_break = -1, char_break = -1, c;

  for (c = start; c < s->n_chars; c++)
    {
      if (c > start && s->attrs[c].is_line_break)
        word_break = c;
      if (c > start && s->attrs[c].is_cursor_position)
        char_break = c;
      if (s->attrs[c].is_mandatory_break && c > start)
        return c;
      used += s->advance[c];
      if (used > width && !is_space (s, c))
        break;
    }
  if (c == s->n_chars)
    return c;
  if (word_break > start)
    return word_break;
  return char_break > start ? char_break : start + 1;
}

/* Fills @breaks (int, each line's first character) for lines no wider than @width; returns how
 * many lines. */
static int
break_lines (const Shaped *s, double width, GArray *breaks)
{
  g_array_set_size (breaks, 0);
  for (int start = 0; start < s->n_chars;)
    {
      g_array_append_val (breaks, start);
      start = line_end (s, start, width);
      while (start < s->n_chars && is_space (s, start))
        start++;
    }
  return breaks->len;
}

/* Characters in line @i other than spaces. */
static int
line_chars (const Shaped *s, GArray *breaks, guint i)
{
  int start = g_array_index (breaks, int, i);
  int end = i + 1 < breaks->len ? g_array_index (breaks, int, i + 1) : s->n_chars;
  int n = 0;

  for (int c = start; c < end; c++)
    n += !is_space (s, c) && s->attrs[c].is_cursor_position;
  return n;
}

/* The narrowest width up to @max_width that needs no more lines than @max_width does, so lines
 * are of even length (7 + 7 characters, not 11 + 3); and where that leaves one character alone
 * on the last line (13 = 12 + 1), wider steps until it does not, or back to @max_width. */
static void
balance (const Shaped *s, double max_width, GArray *breaks)
{
  int    n_lines = break_lines (s, max_width, breaks);
  double natural = 0, step;

  if (n_lines < 2)
    return;
  for (int c = 0; c < s->n_chars; c++)
    natural += s->advance[c];
  step = max_width / 64;
  for (double width = natural / n_lines; width < max_width; width += step)
    {
      if (break_lines (s, width, breaks) <= n_lines && line_chars (s, breaks, breaks->len - 1) > 1)
        return;
    }
  break_lines (s, max_width, breaks);
  /* Still alone: take one more character down from the line before, if it can spare it. */
  if (line_chars (s, breaks, breaks->len - 1) == 1 && line_chars (s, breaks, breaks->len - 2) > 2)
    {
      int *last = &g_array_index (breaks, int, breaks->len - 1);

      do
        (*last)--;
      while (*last > 0 && !s->attrs[*last].is_cursor_position);
    }
}

/* Logical and ink extents of characters [start, end), from the glyphs already shaped. */
static void
measure_line (const Shaped *s, int start, int end, TupuTextLine *line)
{
  PangoLayoutIter *iter = pango_layout_get_iter (s->layout);
  double           x = 0, ascent = 0, descent = 0;
  double           ink_left = G_MAXDOUBLE, ink_right = -G_MAXDOUBLE;
  int              first = s->offset[start], last = s->offset[end];

  do
    {
      PangoGlyphItem *run = pango_layout_iter_get_run_readonly (iter);
      int             g0 = -1, g1 = -1;
      PangoRectangle  ink, logical;

      for (int g = 0; run != NULL && g < run->glyphs->num_glyphs; g++)
        {
          int byte = run->item->offset + run->glyphs->log_clusters[g];

          if (byte >= first && byte < last)
            {
              g0 = g0 < 0 ? g : g0;
              g1 = g + 1;
            }
        }
      if (g0 < 0)
        continue;
      pango_glyph_string_extents_range (run->glyphs, g0, g1, run->item->analysis.font, &ink,
                                        &logical);
      ascent = MAX (ascent, -logical.y / (double)PANGO_SCALE);
      descent = MAX (descent, (logical.y + logical.height) / (double)PANGO_SCALE);
      if (ink.width > 0)
        {
          ink_left = MIN (ink_left, x + ink.x / (double)PANGO_SCALE);
          ink_right = MAX (ink_right, x + (ink.x + ink.width) / (double)PANGO_SCALE);
        }
      x += logical.width / (double)PANGO_SCALE;
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  line->start = first;
  line->length = last - first;
  line->width = x;
  line->height = ascent + descent;
  line->baseline = ascent;
  line->ink_left = ink_left <= ink_right ? ink_left : 0;
  line->ink_right = ink_left <= ink_right ? ink_right : x;
}

GArray *
_tupu_text_wrap (PangoContext *context, const char *text, TupuFontRole role, TupuKind kind,
                 double text_scale, double max_width)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (TupuTextLine));
  g_autoptr (GArray) breaks = g_array_new (FALSE, FALSE, sizeof (int));
  Shaped s = { 0 };

  shaped_init (&s, context, text, role, kind, text_scale);
  balance (&s, max_width, breaks);
  for (guint i = 0; i < breaks->len; i++)
    {
      int          start = g_array_index (breaks, int, i);
      int          end = i + 1 < breaks->len ? g_array_index (breaks, int, i + 1) : s.n_chars;
      TupuTextLine line = { 0 };

      /* The spaces Pango would break at, and paragraph separators, stay off the line. */
      while (end > start && is_space (&s, end - 1))
        end--;
      if (end == start)
        continue;
      measure_line (&s, start, end, &line);
      g_array_append_val (lines, line);
    }
  shaped_clear (&s);
  return lines;
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
