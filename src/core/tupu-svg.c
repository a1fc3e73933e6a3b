/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-svg.c: our own SVG writer, from the same geometry and style as the painter.
 *
 * Text stays text (selectable, searchable, translatable by a browser) with its language set, each
 * concept is a <g> whose id is the node id, and styles come from one CSS class per kind and per
 * relation. Every string from the graph file is escaped: a label is data, never markup.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include <math.h>

#include "tupu-export-private.h"
#include "tupu-layout-private.h"
#include "tupu-passage.h"
#include "tupu-style.h"
#include "tupu-text-metrics.h"

/* ------------------------------------------------------------------------------------------ */
/* Escaping                                                                                    */

static gboolean
xml_char_allowed (gunichar c)
{
  /* XML 1.0, production [2] Char. */
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

void
_tupu_xml_append_escaped (GString *out, const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          p++; /* not UTF-8: drop the byte */
          continue;
        }
      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        /* Kept as references so attribute value normalisation cannot turn them into spaces. */
        case '\t':
          g_string_append (out, "&#9;");
          break;
        case '\n':
          g_string_append (out, "&#10;");
          break;
        case '\r':
          g_string_append (out, "&#13;");
          break;
        default:
          if (xml_char_allowed (c))
            g_string_append_unichar (out, c);
          break;
        }
      p = g_utf8_next_char (p);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Numbers and colours                                                                         */

/* "%.2f", locale-independent (a decimal comma would break every coordinate), written by hand:
 * g_ascii_formatd went through printf's floating-point path for each of the tens of thousands of
 * numbers in an export, 5 % of `tupu --export x.svg` (benchmarks/README.md). Rounds half away
 * from zero on the hundredths, which can differ from printf's exact binary rounding in the last
 * digit only; never prints "-0.00". */
void
_tupu_append_fixed2 (GString *out, double value)
{
  char    digits[24];
  int     n = 0;
  guint64 hundredths;

  if (!isfinite (value) || fabs (value) >= 1e15)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
      return;
    }
  hundredths = (guint64)llround (fabs (value) * 100);
  if (value < 0 && hundredths > 0)
    g_string_append_c (out, '-');
  digits[n++] = (char)('0' + hundredths % 10);
  hundredths /= 10;
  digits[n++] = (char)('0' + hundredths % 10);
  hundredths /= 10;
  digits[n++] = '.';
  do
    {
      digits[n++] = (char)('0' + hundredths % 10);
      hundredths /= 10;
    }
  while (hundredths > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

static void
append_number (GString *out, double value)
{
  _tupu_append_fixed2 (out, value);
}

static void
append_point (GString *out, const TupuPoint *p)
{
  append_number (out, p->x);
  g_string_append_c (out, ' ');
  append_number (out, p->y);
}

static void
append_color (GString *out, const TupuColor *c)
{
  g_string_append_printf (out, "#%02x%02x%02x", (int)(c->r * 255 + 0.5), (int)(c->g * 255 + 0.5),
                          (int)(c->b * 255 + 0.5));
}

/* ------------------------------------------------------------------------------------------ */
/* The style sheet                                                                             */

static double
font_size (TupuFontRole role, TupuKind kind, double text_scale)
{
  g_autoptr (PangoFontDescription) desc = tupu_style_font (role, kind, text_scale);

  return pango_font_description_get_size (desc) / (double)PANGO_SCALE;
}

static void
append_css_font_family (GString *out)
{
  g_auto (GStrv) families = g_strsplit (tupu_style_font_family (), ",", -1);

  for (guint i = 0; families[i] != NULL; i++)
    {
      const char *family = g_strstrip (families[i]);

      if (i > 0)
        g_string_append (out, ", ");
      /* Generic families are keywords; named ones are quoted. */
      if (g_str_equal (family, "sans-serif") || g_str_equal (family, "serif"))
        g_string_append (out, family);
      else
        g_string_append_printf (out, "'%s'", family);
    }
}

static void
append_kind_css (GString *out, TupuKind kind, double text_scale)
{
  const TupuKindStyle *style = tupu_style_for_kind (kind, FALSE);
  const char          *name = tupu_kind_to_string (kind);

  g_string_append_printf (out, ".%s > .shape { fill: ", name);
  append_color (out, &style->fill);
  g_string_append (out, "; stroke: ");
  append_color (out, &style->stroke);
  g_string_append (out, "; stroke-width: ");
  append_number (out, style->stroke_width);
  g_string_append_printf (out, "; }\n.%s > text { fill: ", name);
  append_color (out, &style->text);
  g_string_append_printf (out, "; }\n.%s > .label { font-size: ", name);
  append_number (out, font_size (TUPU_FONT_LABEL, kind, text_scale));
  g_string_append_printf (out, "px; font-weight: %s; }\n.%s > .gloss { font-size: ",
                          style->bold ? "bold" : "normal", name);
  append_number (out, font_size (TUPU_FONT_GLOSS, kind, text_scale));
  g_string_append (out, "px; }\n");
}

static void
append_relation_css (GString *out, TupuRelation relation)
{
  const TupuRelationStyle *style = tupu_style_for_relation (relation, FALSE);
  const char              *name = tupu_relation_to_string (relation);

  g_string_append_printf (out, ".edge.%s { stroke: ", name);
  append_color (out, &style->color);
  g_string_append (out, "; stroke-width: ");
  append_number (out, style->width);
  g_string_append_printf (
      out, ";%s }\n.arrow.%s { fill: ", style->dashed ? " stroke-dasharray: 5 3;" : "", name);
  append_color (out, &style->color);
  g_string_append (out, "; }\n");
}

static void
append_style (GString *out, TupuLayout *layout)
{
  g_string_append (out, "<style>\n.node text { font-family: ");
  append_css_font_family (out);
  g_string_append (out, "; text-anchor: middle; }\n.node .gloss { fill-opacity: 0.78; }\n"
                        ".edge { fill: none; stroke-linecap: round; stroke-linejoin: round; }\n"
                        ".badge rect { fill: #3d3846; }\n"
                        ".badge text { fill: #ffffff; font-weight: bold; }\n");
  g_string_append_printf (out, ".masked { fill: #808080; fill-opacity: %.2f; }\n", TUPU_MASK_ALPHA);
  for (guint kind = 0; kind < TUPU_N_KINDS; kind++)
    append_kind_css (out, kind, layout->options.text_scale);
  for (guint relation = 0; relation < TUPU_N_RELATIONS; relation++)
    append_relation_css (out, relation);
  g_string_append (out, "</style>\n");
}

/* ------------------------------------------------------------------------------------------ */
/* Edges and nodes                                                                             */

static void
append_edge (GString *out, TupuLayout *layout, const TupuEdgeGeom *eg)
{
  const char *relation =
      tupu_relation_to_string (tupu_graph_get_edge (layout->graph, eg->edge)->relation);

  g_string_append_printf (out, "<path class=\"edge %s\" d=\"M ", relation);
  append_point (out, &eg->points[0]);
  for (guint i = 1; i + 2 < eg->n_points; i += 3)
    {
      g_string_append (out, " C ");
      append_point (out, &eg->points[i]);
      g_string_append_c (out, ' ');
      append_point (out, &eg->points[i + 1]);
      g_string_append_c (out, ' ');
      append_point (out, &eg->points[i + 2]);
    }
  g_string_append (out, "\"/>\n");

  if (eg->has_arrow)
    {
      g_string_append_printf (out, "<path class=\"arrow %s\" d=\"M ", relation);
      append_point (out, &eg->arrow[0]);
      g_string_append (out, " L ");
      append_point (out, &eg->arrow[1]);
      g_string_append (out, " L ");
      append_point (out, &eg->arrow[2]);
      g_string_append (out, " Z\"/>\n");
    }
}

/* The count of folded parts, as the painter draws it: a dark pill with white figures. */
static void
append_badge (GString *out, TupuLayout *layout, guint geom_index)
{
  TupuRect badge;

  if (!tupu_layout_badge_rect (layout, geom_index, &badge))
    return;

  g_string_append (out, "<g class=\"badge\"><rect x=\"");
  append_number (out, badge.x);
  g_string_append (out, "\" y=\"");
  append_number (out, badge.y);
  g_string_append (out, "\" width=\"");
  append_number (out, badge.width);
  g_string_append (out, "\" height=\"");
  append_number (out, badge.height);
  g_string_append (out, "\" rx=\"");
  append_number (out, badge.height / 2);
  g_string_append (out, "\"/><text x=\"");
  append_number (out, badge.x + badge.width / 2);
  g_string_append (out, "\" y=\"");
  append_number (out, badge.y + badge.height * 0.74);
  g_string_append (out, "\" font-size=\"");
  append_number (out, badge.height * 0.66);
  g_string_append_printf (out, "\">%u</text></g>\n", layout->nodes[geom_index].n_folded);
}

/* A masked place name ("**", tupu-passage.h) sits on a grey chip, as the painter draws it and
 * the reading view shows it, which says what it means when the pointer rests on it. The chip
 * is placed by the same layout of the run the painter draws. */
static void
append_masks (GString *out, const TupuTextRun *run, TupuKind kind, double text_scale)
{
  g_autoptr (GArray) masks = tupu_mask_find (run->text);
  g_autoptr (GObject) context = NULL;
  g_autoptr (PangoLayout) layout = NULL;

  if (masks->len == 0)
    return;
  context = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  _tupu_text_setup_context (PANGO_CONTEXT (context));
  layout = _tupu_text_run_layout (PANGO_CONTEXT (context), run->text, run->role, kind, text_scale);
  for (guint i = 0; i < masks->len; i++)
    {
      TupuSpan       span = g_array_index (masks, TupuSpan, i);
      PangoRectangle first, last;
      double         x0, x1;

      pango_layout_index_to_pos (
          layout, g_utf8_offset_to_pointer (run->text, span.start) - run->text, &first);
      pango_layout_index_to_pos (
          layout, g_utf8_offset_to_pointer (run->text, span.end - 1) - run->text, &last);
      x0 = run->x + MIN (first.x, last.x + last.width) / (double)PANGO_SCALE;
      x1 = run->x + MAX (first.x, last.x + last.width) / (double)PANGO_SCALE;
      g_string_append (out, "<rect class=\"masked\" x=\"");
      append_number (out, x0);
      g_string_append (out, "\" y=\"");
      append_number (out, run->y);
      g_string_append (out, "\" width=\"");
      append_number (out, x1 - x0);
      g_string_append (out, "\" height=\"");
      append_number (out, run->height);
      g_string_append (out, "\"><title>");
      _tupu_xml_append_escaped (out, _ ("The place name is masked in the source text"));
      g_string_append (out, "</title></rect>\n");
    }
}

static void
append_node (GString *out, TupuLayout *layout, guint geom_index)
{
  const TupuNodeGeom  *ng = &layout->nodes[geom_index];
  const TupuNode      *node = tupu_graph_get_node (layout->graph, ng->node);
  const TupuKindStyle *style = tupu_style_for_kind (node->kind, FALSE);

  g_string_append (out, "<g id=\"");
  _tupu_xml_append_escaped (out, node->id);
  g_string_append_printf (out, "\" class=\"node %s\">\n<title>", tupu_kind_to_string (node->kind));
  _tupu_xml_append_escaped (out, node->label_zh);
  g_string_append (out, " / ");
  _tupu_xml_append_escaped (out, node->label_en);
  g_string_append (out, "</title>\n<rect class=\"shape\" x=\"");
  append_number (out, ng->box.x);
  g_string_append (out, "\" y=\"");
  append_number (out, ng->box.y);
  g_string_append (out, "\" width=\"");
  append_number (out, ng->box.width);
  g_string_append (out, "\" height=\"");
  append_number (out, ng->box.height);
  g_string_append (out, "\" rx=\"");
  append_number (out, _tupu_shape_radius (style->shape, ng->box.height));
  g_string_append (out, "\"/>\n");

  for (guint r = 0; r < ng->n_runs; r++)
    {
      const TupuTextRun *run = &ng->runs[r];
      gboolean           label = run->role == TUPU_FONT_LABEL;

      append_masks (out, run, node->kind, layout->options.text_scale);
      g_string_append_printf (out, "<text class=\"%s\" xml:lang=\"%s\" x=\"",
                              label ? "label" : "gloss", label ? "zh-CN" : "en");
      append_number (out, run->x + run->width / 2);
      g_string_append (out, "\" y=\"");
      /* SVG places text by its baseline, which the layout measured. */
      append_number (out, run->y + run->baseline);
      g_string_append (out, "\">");
      _tupu_xml_append_escaped (out, run->text);
      g_string_append (out, "</text>\n");
    }
  append_badge (out, layout, geom_index);
  g_string_append (out, "</g>\n");
}

void
_tupu_svg_write (TupuLayout *layout, GString *out)
{
  TupuColor        bg = tupu_style_background (FALSE);
  g_autofree char *title = _tupu_export_title (layout);

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
  append_number (out, layout->bounds.width);
  g_string_append (out, "pt\" height=\"");
  append_number (out, layout->bounds.height);
  g_string_append (out, "pt\" viewBox=\"0 0 ");
  append_number (out, layout->bounds.width);
  g_string_append_c (out, ' ');
  append_number (out, layout->bounds.height);
  g_string_append (out, "\">\n<title>");
  _tupu_xml_append_escaped (out, title);
  g_string_append (out, "</title>\n");
  append_style (out, layout);

  g_string_append (out, "<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"");
  append_color (out, &bg);
  g_string_append (out, "\"/>\n<g class=\"edges\">\n");
  for (guint i = 0; i < layout->n_edges; i++)
    append_edge (out, layout, &layout->edges[i]);
  g_string_append (out, "</g>\n<g class=\"nodes\">\n");
  for (guint i = 0; i < layout->n_nodes; i++)
    append_node (out, layout, i);
  g_string_append (out, "</g>\n</svg>\n");
}
