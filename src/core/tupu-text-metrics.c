/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-text-metrics.c: the text setup and box corners that the layout measures with and the
 * painter and the SVG writer draw with. */

#include "config.h"

#include <math.h>

#include <hb.h>
#include <pango/pangocairo.h>

#include "tupu-text-metrics.h"
#include "tupu-passage.h"

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

/* A masked place name ("**") on a grey chip, as the reading view and the SVG writer show it:
 * a background changes no measure, so the layout's wrapping stays the same. */
static void
add_mask_attributes (PangoAttrList *attrs, const char *text)
{
  g_autoptr (GArray) masks = tupu_mask_find (text);

  for (guint i = 0; i < masks->len; i++)
    {
      TupuSpan        span = g_array_index (masks, TupuSpan, i);
      guint           start = g_utf8_offset_to_pointer (text, span.start) - text;
      guint           end = g_utf8_offset_to_pointer (text, span.end) - text;
      PangoAttribute *attr;

      attr = pango_attr_background_new (TUPU_MASK_GREY, TUPU_MASK_GREY, TUPU_MASK_GREY);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_background_alpha_new (TUPU_MASK_ALPHA * 65535);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
    }
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
  add_mask_attributes (attrs, text);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);

  pango_attr_list_unref (attrs);
  pango_font_description_free (desc);
  return layout;
}

/* ------------------------------------------------------------------------------------------ */
/* Wrapping from one shaping                                                                   */

/* Glyph ink by (font, glyph): Pango would ask cairo, which loads the whole outline with FreeType
 * for it (a fifth of an SVG export), and HarfBuzz, which is quicker, keeps no cache. The cache
 * lives as long as the measuring context and keeps its fonts alive, so no key goes stale. */
typedef struct
{
  PangoFont *font;
  PangoGlyph glyph;
} InkKey;

static guint
ink_key_hash (gconstpointer p)
{
  const InkKey *key = p;

  return g_direct_hash (key->font) * 31 + key->glyph;
}

static gboolean
ink_key_equal (gconstpointer a, gconstpointer b)
{
  const InkKey *x = a, *y = b;

  return x->font == y->font && x->glyph == y->glyph;
}

static void
ink_key_free (gpointer p)
{
  InkKey *key = p;

  g_object_unref (key->font);
  g_free (key);
}

static GHashTable *
ink_cache_for (PangoContext *context)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (context), "tupu-ink-cache");

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (ink_key_hash, ink_key_equal, ink_key_free, g_free);
      g_object_set_data_full (G_OBJECT (context), "tupu-ink-cache", cache,
                              (GDestroyNotify)g_hash_table_unref);
    }
  return cache;
}

/* What one shaping of a text tells about each character. Pango re-shapes a whole paragraph
 * each time its wrap width changes, and a balanced wrap tries many widths; so the text is shaped
 * once, unwrapped, and lines are found by adding up advances. */
typedef struct
{
  const char   *text;
  GList        *runs;    /* PangoGlyphItem, in the text's order */
  PangoLogAttr *attrs;   /* n_chars + 1 */
  int           n_chars; /* characters */
  int          *offset;  /* character -> byte offset, n_chars + 1 */
  double       *advance; /* character -> advance of the cluster it starts, else 0 */
  GHashTable   *ink_cache;
} Shaped;

static void
shaped_clear (Shaped *s)
{
  g_list_free_full (g_steal_pointer (&s->runs), (GDestroyNotify)pango_glyph_item_free);
  g_clear_pointer (&s->attrs, g_free);
  g_clear_pointer (&s->offset, g_free);
  g_clear_pointer (&s->advance, g_free);
}

/* Itemizes and shapes @text as a PangoLayout of _tupu_text_run_layout() would, but without the
 * layout: building its line also asks for every glyph's extents, which loads every outline. */
static void
shaped_init (Shaped *s, PangoContext *context, const char *text, TupuFontRole role, TupuKind kind,
             double text_scale)
{
  g_autoptr (PangoFontDescription) desc = tupu_style_font (role, kind, text_scale);
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();
  PangoLanguage *language = tupu_style_language (role);
  int            length = strlen (text), c = 0;
  GList         *items;

  s->text = text;
  s->ink_cache = ink_cache_for (context);
  s->n_chars = g_utf8_strlen (text, -1);
  s->attrs = g_new0 (PangoLogAttr, s->n_chars + 1);
  pango_get_log_attrs (text, length, -1, language, s->attrs, s->n_chars + 1);
  s->offset = g_new (int, s->n_chars + 1);
  s->advance = g_new0 (double, s->n_chars + 1);
  for (const char *p = text; c < s->n_chars; p = g_utf8_next_char (p))
    s->offset[c++] = p - text;
  s->offset[s->n_chars] = length;

  pango_attr_list_insert (attrs, pango_attr_language_new (language));
  pango_attr_list_insert (attrs, pango_attr_font_desc_new (desc));
  items = pango_itemize (context, text, 0, length, attrs, NULL);
  for (GList *l = items; l != NULL; l = l->next)
    {
      /* pango_glyph_item_free() frees with g_slice_free(): allocate the same way. */
      PangoGlyphItem *run = g_slice_new0 (PangoGlyphItem);
      PangoItem      *item = l->data;

      run->item = item;
      run->glyphs = pango_glyph_string_new ();
      pango_shape_with_flags (text + item->offset, item->length, text, length, &item->analysis,
                              run->glyphs, PANGO_SHAPE_NONE);
      s->runs = g_list_prepend (s->runs, run);
      for (int g = 0; g < run->glyphs->num_glyphs; g++)
        {
          int byte = item->offset + run->glyphs->log_clusters[g];

          s->advance[g_utf8_pointer_to_offset (text, text + byte)] +=
              run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
        }
    }
  s->runs = g_list_reverse (s->runs);
  g_list_free (items);
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

/* The ink of @glyph across the baseline (x and width, Pango units). Hex boxes for missing
 * glyphs are Pango's own drawing: Pango measures those. */
static const PangoRectangle *
glyph_ink_rect (GHashTable *cache, PangoFont *font, PangoGlyph glyph)
{
  InkKey             key = { font, glyph };
  PangoRectangle    *ink = g_hash_table_lookup (cache, &key);
  hb_glyph_extents_t ext;
  InkKey            *stored;

  if (ink != NULL)
    return ink;
  ink = g_new0 (PangoRectangle, 1);
  if ((glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0 &&
      hb_font_get_glyph_extents (pango_font_get_hb_font (font), glyph, &ext))
    {
      ink->x = ext.x_bearing;
      ink->width = ext.width;
    }
  else
    pango_font_get_glyph_extents (font, glyph, ink, NULL);
  stored = g_new (InkKey, 1);
  stored->font = g_object_ref (font);
  stored->glyph = glyph;
  g_hash_table_insert (cache, stored, ink);
  return ink;
}

/* Where glyph @g of @run has ink, from the glyph's origin. */
static void
glyph_ink (GHashTable *cache, PangoGlyphItem *run, int g, double *left, double *right)
{
  PangoGlyphInfo       *info = &run->glyphs->glyphs[g];
  const PangoRectangle *ink;

  if (info->glyph == PANGO_GLYPH_EMPTY)
    {
      *left = *right = 0;
      return;
    }
  ink = glyph_ink_rect (cache, run->item->analysis.font, info->glyph);
  *left = (info->geometry.x_offset + ink->x) / (double)PANGO_SCALE;
  *right = *left + ink->width / (double)PANGO_SCALE;
}

/* Logical and ink extents of characters [start, end), from the glyphs already shaped. */
static void
measure_line (const Shaped *s, int start, int end, TupuTextLine *line)
{
  double x = 0, ascent = 0, descent = 0;
  double ink_left = G_MAXDOUBLE, ink_right = -G_MAXDOUBLE;
  int    first = s->offset[start], last = s->offset[end];

  for (GList *l = s->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      PangoRectangle  font_box;
      gboolean        used = FALSE;

      for (int g = 0; g < run->glyphs->num_glyphs; g++)
        {
          int    byte = run->item->offset + run->glyphs->log_clusters[g];
          double left, right;

          if (byte < first || byte >= last)
            continue;
          used = TRUE;
          glyph_ink (s->ink_cache, run, g, &left, &right);
          if (right > left)
            {
              ink_left = MIN (ink_left, x + left);
              ink_right = MAX (ink_right, x + right);
            }
          x += run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
        }
      if (!used)
        continue;
      /* The font's ascent and descent, which Pango gives an empty glyph without loading any. */
      pango_font_get_glyph_extents (run->item->analysis.font, PANGO_GLYPH_EMPTY, NULL, &font_box);
      ascent = MAX (ascent, -font_box.y / (double)PANGO_SCALE);
      descent = MAX (descent, (font_box.y + font_box.height) / (double)PANGO_SCALE);
    }

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
