/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-dot.c: the graph as Graphviz DOT, for people who want to restyle or re-lay it out.
 *
 * Node names are the node ids; each node carries its Chinese label (`label`), English gloss
 * (`gloss`), `kind`, and the box our layout gave it (`pos`, `width`, `height`, so `neato -n`
 * reproduces our node positions). Edges keep the data's direction and carry their `relation`.
 */

#include "config.h"

#include "tupu-export-private.h"

/* In a quoted DOT string cgraph turns \" into " and drops a backslash-newline; every other
 * backslash is kept, and label rendering then reads \\ as one backslash and \N, \G, \L … as
 * escapes. So a literal backslash is written \\ — and when it would stand right before a quote or
 * the closing quote, a backslash-newline (which cgraph drops) keeps the lexer from reading the
 * pair as an escaped quote. Newlines become \n; other control characters are dropped. */
void
_tupu_dot_append_quoted (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          if (p[1] == '"' || p[1] == '\0')
            g_string_append (out, "\\\n");
          break;
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          /* Bytes ≥ 0x80 are UTF-8 sequences and pass through; ASCII controls are dropped. */
          if ((guchar)*p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_number (GString *out, double value)
{
  _tupu_append_fixed2 (out, value);
}

static void
append_node (GString *out, TupuLayout *layout, const TupuNodeGeom *ng)
{
  const TupuNode *node = tupu_graph_get_node (layout->graph, ng->node);

  g_string_append (out, "  ");
  _tupu_dot_append_quoted (out, node->id);
  g_string_append (out, " [label=");
  _tupu_dot_append_quoted (out, node->label_zh);
  g_string_append (out, ", gloss=");
  _tupu_dot_append_quoted (out, node->label_en);
  g_string_append_printf (out, ", kind=\"%s\", pos=\"", tupu_kind_to_string (node->kind));
  /* Graphviz's y axis points up. */
  append_number (out, ng->box.x + ng->box.width / 2);
  g_string_append_c (out, ',');
  append_number (out, layout->bounds.height - (ng->box.y + ng->box.height / 2));
  g_string_append (out, "\", width=");
  append_number (out, ng->box.width / 72.0);
  g_string_append (out, ", height=");
  append_number (out, ng->box.height / 72.0);
  g_string_append (out, "];\n");
}

void
_tupu_dot_write (TupuLayout *layout, GString *out)
{
  const TupuNode *branch = _tupu_export_branch (layout);

  g_string_append (out, "// Written by Tupu. Edges point as in the graph file: part-of goes from "
                        "child to parent.\ndigraph ");
  _tupu_dot_append_quoted (out, tupu_graph_get_id (layout->graph));
  g_string_append (out, " {\n  graph [label=");
  _tupu_dot_append_quoted (out, branch != NULL ? branch->label_zh
                                               : tupu_graph_get_title_zh (layout->graph));
  /* No `layout` attribute: it would override `neato -n`, which keeps our positions. rankdir=RL
   * (or BT when Tupu drew top to bottom) makes plain `dot` draw the tree root-first, as Tupu
   * does, despite child → parent edges. */
  g_string_append_printf (
      out,
      ", rankdir=\"%s\"];\n"
      "  node [shape=\"box\", fixedsize=\"true\", fontname=\"Noto Sans CJK SC\"];\n",
      layout->options.direction == TUPU_DIRECTION_TOP_TO_BOTTOM ? "BT" : "RL");

  for (guint i = 0; i < layout->n_nodes; i++)
    append_node (out, layout, &layout->nodes[i]);

  for (guint i = 0; i < layout->n_edges; i++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (layout->graph, layout->edges[i].edge);

      g_string_append (out, "  ");
      _tupu_dot_append_quoted (out, tupu_graph_get_node (layout->graph, edge->source)->id);
      g_string_append (out, " -> ");
      _tupu_dot_append_quoted (out, tupu_graph_get_node (layout->graph, edge->target)->id);
      g_string_append_printf (
          out, " [relation=\"%s\"%s];\n", tupu_relation_to_string (edge->relation),
          edge->relation == TUPU_RELATION_PART_OF ? "" : ", constraint=\"false\"");
    }
  g_string_append (out, "}\n");
}
