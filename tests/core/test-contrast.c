/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-contrast.c: the canvas palette is readable in every style (issue 12).
 *
 * For each palette (light, dark, high-contrast light and dark) and each kind: the label's colour
 * on the box's fill and the gloss (drawn at tupu_style_gloss_alpha) on it at least 4.5:1 (WCAG
 * 2.1 AA text), the box's outline on the canvas background at least 3:1 (non-text contrast);
 * each relation's line on the background at least 3:1; and the accent colour libadwaita draws
 * the selection and focus ring in (light #1c71d8, dark #78aeed; high contrast keeps them) and
 * the edge of the marks a search puts on its matches at least 3:1.
 *
 * The window's dimmed text: the opacities data/style.css (and style-hc.css in high contrast)
 * give it, applied to libadwaita 1.2's foreground colours (defaults-light.css and
 * defaults-dark.css: the window's rgba(0,0,0,0.8) or white, the header bar's the same) over
 * the backgrounds it sits on (window #fafafa or #242424, header bar #ebebeb or #303030, card
 * white or white at 8% over the window), at least 4.5:1.
 *
 * The study views' colours (tupu_style_reading, _mastery, _chart, and the practice feedback's
 * rules in data/style.css over libadwaita's success, warning and error colours): the speech's
 * passage underline on its page at least 3:1 and its text on each tint at least 4.5:1; the
 * Progress overlay's bands on the canvas at least 3:1 and every kind's label and gloss on its
 * tinted box at least 4.5:1; the feedback text on the window, and on a choice it marks (a
 * disabled button), at least 4.5:1; the chart's bars and line at least 3:1 on the window, and
 * its text, some drawn in the bars' and the line's colours, at least 4.5:1.
 *
 * Prints the whole table with --verbose (g_test_message). */
#include <glib.h>
#include <math.h>
#include <stdlib.h>

#include "tupu-style.h"

#define TEXT_MIN 4.5
#define NON_TEXT_MIN 3.0

static TupuColor
rgb (guint hex)
{
  TupuColor c = { (hex >> 16 & 0xff) / 255.0, (hex >> 8 & 0xff) / 255.0, (hex & 0xff) / 255.0,
                  1.0 };

  return c;
}

static guint
hex (TupuColor c)
{
  return (guint)(c.r * 255 + 0.5) << 16 | (guint)(c.g * 255 + 0.5) << 8 | (guint)(c.b * 255 + 0.5);
}

static guint n_failures;

static void
check (const char *what, TupuColor fg, TupuColor bg, double min)
{
  double ratio = tupu_color_contrast (fg, bg);

  g_test_message ("%-44s #%06x%s on #%06x  %5.2f:1  (>= %.1f)%s", what, hex (fg),
                  fg.a < 1 ? "*a" : "  ", hex (bg), ratio, min, ratio < min ? "  FAIL" : "");
  if (ratio < min)
    {
      g_printerr ("%s: %.2f:1, below %.1f:1\n", what, ratio, min);
      n_failures++;
    }
}

static void
test_contrast_math (void)
{
  /* The WCAG extremes and a known pair: #767676 on white is 4.54:1. */
  g_assert_cmpfloat_with_epsilon (tupu_color_contrast (rgb (0x000000), rgb (0xffffff)), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tupu_color_contrast (rgb (0x767676), rgb (0xffffff)), 4.54, 0.01);
  g_assert_cmpfloat_with_epsilon (tupu_color_contrast (rgb (0x8c8c8c), rgb (0xfafafa)), 3.22, 0.01);
}

static void
test_palette (gconstpointer data)
{
  TupuStyleVariant variant = GPOINTER_TO_INT (data);
  TupuColor        bg = tupu_style_variant_background (variant);
  gboolean         dark = variant == TUPU_STYLE_DARK || variant == TUPU_STYLE_HC_DARK;
  TupuColor        accent = rgb (dark ? 0x78aeed : 0x1c71d8);

  n_failures = 0;
  for (TupuKind kind = 0; kind < TUPU_N_KINDS; kind++)
    {
      const TupuKindStyle *style = tupu_style_kind (kind, variant);
      TupuColor            gloss = style->text;
      g_autofree char     *label = g_strdup_printf ("%s label on fill", tupu_kind_to_string (kind));
      g_autofree char     *gloss_what =
          g_strdup_printf ("%s gloss on fill", tupu_kind_to_string (kind));
      g_autofree char *outline =
          g_strdup_printf ("%s outline on canvas", tupu_kind_to_string (kind));

      gloss.a *= tupu_style_gloss_alpha (variant);
      check (label, style->text, style->fill, TEXT_MIN);
      check (gloss_what, gloss, style->fill, TEXT_MIN);
      check (outline, style->stroke, bg, NON_TEXT_MIN);
    }
  for (TupuRelation relation = 0; relation < TUPU_N_RELATIONS; relation++)
    {
      g_autofree char *what =
          g_strdup_printf ("%s line on canvas", tupu_relation_to_string (relation));

      check (what, tupu_style_relation (relation, variant)->color, bg, NON_TEXT_MIN);
    }
  check ("selection and focus ring (accent)", accent, bg, NON_TEXT_MIN);
  check ("search mark's edge on canvas", tupu_style_mark (variant)->edge, bg, NON_TEXT_MIN);
  if (n_failures > 0)
    g_test_fail ();
}

/* The value (up to its ";") of @property in the last rule of @css listing @selector, or NULL. */
static char *
css_value (const char *css, const char *selector, const char *property)
{
  g_autoptr (GRegex) rule = g_regex_new ("([^{}]+)\\{([^}]*)\\}", 0, 0, NULL);
  g_autoptr (GRegex) comment = g_regex_new ("/\\*.*?\\*/", G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *plain = g_regex_replace_literal (comment, css, -1, 0, "", 0, NULL);
  g_autofree char *key = g_strdup_printf ("%s:", property);
  char            *found = NULL;

  g_regex_match (rule, plain, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *selectors = g_match_info_fetch (match, 1);
      g_autofree char *body = g_match_info_fetch (match, 2);
      g_auto (GStrv) list = g_strsplit (selectors, ",", -1);
      const char *value;

      for (guint i = 0; list[i] != NULL; i++)
        if (g_str_equal (g_strstrip (list[i]), selector) && (value = strstr (body, key)) != NULL)
          {
            g_free (found);
            found =
                g_strstrip (g_strndup (value + strlen (key), strcspn (value + strlen (key), ";")));
          }
    }
  return found;
}

/* The opacity the last rule of @css listing @selector sets, or -1. */
static double
css_opacity (const char *css, const char *selector)
{
  g_autofree char *value = css_value (css, selector, "opacity");

  return value != NULL ? g_ascii_strtod (value, NULL) : -1;
}

static char *
read_data_file (const char *name)
{
  const char      *source_dir = g_getenv ("TUPU_SOURCE_DIR");
  g_autofree char *path = NULL;
  char            *contents = NULL;

  g_assert_nonnull (source_dir);
  path = g_build_filename (source_dir, "data", name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* @fg (with its alpha) at @opacity over @bg. */
static TupuColor
dimmed (TupuColor fg, double opacity)
{
  fg.a *= opacity;
  return fg;
}

static TupuColor
over (TupuColor top, TupuColor bottom)
{
  TupuColor c = { top.r * top.a + bottom.r * (1 - top.a), top.g * top.a + bottom.g * (1 - top.a),
                  top.b * top.a + bottom.b * (1 - top.a), 1.0 };

  return c;
}

static void
test_window_text (gconstpointer data)
{
  static const struct
  {
    const char *selector;
    gboolean    in_header;
    gboolean    adwaita; /* libadwaita dims it too (0.55, 0.9 in high contrast) */
  } texts[] = {
    { ".dim-label", FALSE, TRUE },
    { ".tupu-gloss", FALSE, FALSE },
    { ".tupu-relation", FALSE, FALSE },
    { "headerbar .subtitle", TRUE, TRUE },
    { ".tupu-window-title .subtitle", TRUE, FALSE },
  };
  TupuStyleVariant variant = GPOINTER_TO_INT (data);
  gboolean         dark = variant == TUPU_STYLE_DARK || variant == TUPU_STYLE_HC_DARK;
  gboolean         hc = variant == TUPU_STYLE_HC_LIGHT || variant == TUPU_STYLE_HC_DARK;
  g_autofree char *css = read_data_file ("style.css");
  g_autofree char *css_hc = read_data_file ("style-hc.css");
  TupuColor        fg = dark ? rgb (0xffffff) : (TupuColor){ 0, 0, 0, 0.8 };
  TupuColor        window = rgb (dark ? 0x242424 : 0xfafafa);
  TupuColor        header = rgb (dark ? 0x303030 : 0xebebeb);
  TupuColor        card = dark ? over ((TupuColor){ 1, 1, 1, 0.08 }, window) : rgb (0xffffff);

  n_failures = 0;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      double           opacity = css_opacity (css, texts[i].selector);
      double           opacity_hc = css_opacity (css_hc, texts[i].selector);
      g_autofree char *what = NULL;

      if (opacity < 0 && texts[i].adwaita)
        opacity = 0.55;
      if (hc && opacity_hc >= 0)
        opacity = opacity_hc;
      else if (hc && texts[i].adwaita)
        opacity = MAX (opacity, 0.9);
      if (opacity < 0)
        g_error ("no opacity for %s in data/style.css", texts[i].selector);

      what = g_strdup_printf ("%s (%.2f) on %s", texts[i].selector, opacity,
                              texts[i].in_header ? "header bar" : "window");
      check (what, dimmed (fg, opacity), texts[i].in_header ? header : window, TEXT_MIN);
      if (!texts[i].in_header)
        {
          g_autofree char *on_card =
              g_strdup_printf ("%s (%.2f) on card", texts[i].selector, opacity);

          check (on_card, dimmed (fg, opacity), card, TEXT_MIN);
        }
    }
  if (n_failures > 0)
    g_test_fail ();
}

/* GTK's shade(): lightness and saturation (HLS) times @factor. */
static double
hls_value (double n1, double n2, double hue)
{
  hue = fmod (hue + 360, 360);
  if (hue < 60)
    return n1 + (n2 - n1) * hue / 60;
  if (hue < 180)
    return n2;
  if (hue < 240)
    return n1 + (n2 - n1) * (240 - hue) / 60;
  return n1;
}

static TupuColor
shade (TupuColor c, double factor)
{
  double max = MAX (c.r, MAX (c.g, c.b)), min = MIN (c.r, MIN (c.g, c.b));
  double l = (max + min) / 2, s = 0, h = 0, m1, m2;

  if (max != min)
    {
      double delta = max - min;

      s = l <= 0.5 ? delta / (max + min) : delta / (2 - max - min);
      if (c.r == max)
        h = (c.g - c.b) / delta;
      else if (c.g == max)
        h = 2 + (c.b - c.r) / delta;
      else
        h = 4 + (c.r - c.g) / delta;
      h *= 60;
    }
  l = CLAMP (l * factor, 0, 1);
  s = CLAMP (s * factor, 0, 1);
  if (s == 0)
    return (TupuColor){ l, l, l, c.a };
  m2 = l <= 0.5 ? l * (1 + s) : l + s - l * s;
  m1 = 2 * l - m2;
  return (TupuColor){ hls_value (m1, m2, h + 120), hls_value (m1, m2, h),
                      hls_value (m1, m2, h - 120), c.a };
}

/* A libadwaita colour as style.css has @selector draw it: shade(@name, factor), or as it is. */
static TupuColor
css_shaded (const char *css, const char *selector, TupuColor color)
{
  g_autofree char *value = css_value (css, selector, "color");
  const char      *comma;

  if (value == NULL || !g_str_has_prefix (value, "shade(") || (comma = strchr (value, ',')) == NULL)
    return color;
  return shade (color, g_ascii_strtod (comma + 1, NULL));
}

/* The alpha of a marked choice's tint, `background-color: alpha(@x_color, A)`; libadwaita's
 * own button background (about 10% of the text colour) where @selector sets none. */
static double
css_tint (const char *css, const char *selector)
{
  g_autofree char *value = css_value (css, selector, "background-color");
  const char      *comma;

  if (value == NULL || !g_str_has_prefix (value, "alpha(") || (comma = strchr (value, ',')) == NULL)
    return 0.1;
  return g_ascii_strtod (comma + 1, NULL);
}

/* The study views' colours: the speech's marks on its page, the Progress overlay on the canvas,
 * the practice feedback and the Progress page's chart on the window. libadwaita 1.2's colours
 * (defaults-light.css, defaults-dark.css; high contrast keeps them): the page (view) white or
 * #1e1e1e, its text rgba(0,0,0,0.8) or white; success #1b8553 or #8ff0a4, warning #9c6e03 or
 * #f8e45c, error #c01c28 or #ff7b63; a button's background its text colour at 10%, a disabled
 * button's whole drawing at half opacity. */
static void
test_study (gconstpointer data)
{
  TupuStyleVariant        variant = GPOINTER_TO_INT (data);
  gboolean                dark = variant == TUPU_STYLE_DARK || variant == TUPU_STYLE_HC_DARK;
  TupuColor               canvas = tupu_style_variant_background (variant);
  TupuColor               page = rgb (dark ? 0x1e1e1e : 0xffffff);
  TupuColor               window = rgb (dark ? 0x242424 : 0xfafafa);
  TupuColor               fg = dark ? rgb (0xffffff) : (TupuColor){ 0, 0, 0, 0.8 };
  const TupuReadingStyle *reading = tupu_style_reading (variant);
  const TupuMasteryStyle *mastery = tupu_style_mastery (variant);
  const TupuChartStyle   *chart = tupu_style_chart (variant);
  g_autofree char        *css = read_data_file ("style.css");
  const struct
  {
    const char *name;
    guint       light, dark;
    gboolean    on_button; /* marks a choice too */
  } feedback[] = {
    { "success", 0x1b8553, 0x8ff0a4, TRUE },
    { "warning", 0x9c6e03, 0xf8e45c, FALSE },
    { "error", 0xc01c28, 0xff7b63, TRUE },
  };

  n_failures = 0;

  check ("speech: passage underline on page", reading->underline, page, NON_TEXT_MIN);
  check ("speech: text on selected passage", fg, over (reading->current, page), TEXT_MIN);
  check ("speech: text on passage flashed", fg, over (reading->flash, page), TEXT_MIN);
  check ("speech: text on masked name", fg, over (reading->masked, page), TEXT_MIN);

  check ("progress: learning band on canvas", mastery->learning, canvas, NON_TEXT_MIN);
  check ("progress: known band on canvas", mastery->known, canvas, NON_TEXT_MIN);
  for (TupuKind kind = 0; kind < TUPU_N_KINDS; kind++)
    {
      const TupuKindStyle *style = tupu_style_kind (kind, variant);
      TupuColor            fill = over (style->fill, canvas);

      for (guint known = 0; known < 2; known++)
        {
          TupuColor        tint = known ? mastery->known : mastery->learning;
          TupuColor        gloss = style->text;
          g_autofree char *what =
              g_strdup_printf ("progress: %s label on %s tint", tupu_kind_to_string (kind),
                               known ? "known" : "learning");
          g_autofree char *gloss_what =
              g_strdup_printf ("progress: %s gloss on %s tint", tupu_kind_to_string (kind),
                               known ? "known" : "learning");

          tint.a = mastery->fill_alpha;
          gloss.a *= tupu_style_gloss_alpha (variant);
          check (what, style->text, over (tint, fill), TEXT_MIN);
          check (gloss_what, gloss, over (tint, fill), TEXT_MIN);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (feedback); i++)
    {
      g_autofree char *selector = g_strdup_printf ("tupupracticepanel .%s", feedback[i].name);
      g_autofree char *disabled =
          g_strdup_printf ("button.tupu-choice.%s:disabled", feedback[i].name);
      g_autofree char *filter = css_value (css, disabled, "filter");
      g_autofree char *choice_color = css_value (css, disabled, "color");
      g_autofree char *tinted = g_strdup_printf ("button.tupu-choice.%s", feedback[i].name);
      TupuColor        verdict = rgb (dark ? feedback[i].dark : feedback[i].light);
      TupuColor        text = css_shaded (css, selector, verdict);
      TupuColor        button =
          over ((TupuColor){ verdict.r, verdict.g, verdict.b, css_tint (css, tinted) }, window);
      g_autofree char *label = g_strdup_printf ("practice: %s text on window", feedback[i].name);
      g_autofree char *choice =
          g_strdup_printf ("practice: %s choice (disabled)", feedback[i].name);
      double opacity = g_strcmp0 (filter, "none") == 0 ? 1.0 : 0.5;
      /* A marked choice's label is in the verdict's colour unless the rule gives it the
       * window's text colour. */
      TupuColor seen_text =
          over (g_strcmp0 (choice_color, "@window_fg_color") == 0 ? fg : text, button);

      check (label, text, window, TEXT_MIN);
      if (!feedback[i].on_button)
        continue;
      seen_text.a = opacity;
      button.a = opacity;
      check (choice, over (seen_text, window), over (button, window), TEXT_MIN);
    }

  check ("chart: reviews (bars, scale) on window", chart->reviews, window, TEXT_MIN);
  check ("chart: forgotten (bars) on window", chart->lapses, window, NON_TEXT_MIN);
  check ("chart: known (line, scale) on window", chart->known, window, TEXT_MIN);
  check ("chart: dates and notes on window", dimmed (fg, chart->text_alpha), window, TEXT_MIN);

  if (n_failures > 0)
    g_test_fail ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrast/math", test_contrast_math);
  for (TupuStyleVariant v = 0; v < TUPU_N_STYLE_VARIANTS; v++)
    {
      g_autofree char *path = g_strdup_printf ("/contrast/palette/%s", tupu_style_variant_name (v));
      g_autofree char *text_path =
          g_strdup_printf ("/contrast/window-text/%s", tupu_style_variant_name (v));
      g_autofree char *study_path =
          g_strdup_printf ("/contrast/study/%s", tupu_style_variant_name (v));

      g_test_add_data_func (path, GINT_TO_POINTER (v), test_palette);
      g_test_add_data_func (text_path, GINT_TO_POINTER (v), test_window_text);
      g_test_add_data_func (study_path, GINT_TO_POINTER (v), test_study);
    }
  return g_test_run ();
}
