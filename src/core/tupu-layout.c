/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-layout.c: Graphviz layout on one dedicated thread, returned as plain geometry.
 *
 * Graphviz keeps global state (its error handler, its memory pools, the GVC plugin list) and is
 * not thread-safe, so one exclusive thread runs every cgraph/gvc call of the process. Text is
 * measured and wrapped with Pango before Graphviz sees the graph; Graphviz gets fixed box sizes and
 * empty labels, so it never measures text and the picture always matches the layout.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include <gvc.h>

#include "tupu-graph-private.h"
#include "tupu-layout-private.h"
#include "tupu-style.h"
#include "tupu-text-metrics.h"

/* Geometry constants, in points. */
#define MARGIN 12.0
#define PAD_X 10.0
#define PAD_Y 6.0
#define GLOSS_GAP 2.0
#define MIN_BOX_WIDTH 36.0
#define WRAP_EMS 11.0         /* a label wraps after about 11 CJK characters */
#define BADGE_HEIGHT 15.0     /* the badge of folded parts: a pill this tall */
#define BADGE_DIGIT_WIDTH 7.0 /* and this much wider for each digit after the first */
#define ARROW_LENGTH 9.0
#define ARROW_HALF 3.5
#define GV_ARROW_UNIT 10.0 /* Graphviz's arrow length at arrowsize=1 */

/* See _tupu_layout_engine_attributes(). */
#define SPLINE_ROUTING_MAX_NODES 80

typedef struct
{
  guint nodes;
  guint degree;
} EngineCaps;

/* docs/graph-format.md, "Limits". sfdp takes every graph the loader accepts, so that
 * tupu_layout_pick_engine() always has an engine to fall back on. twopi stays at 5000: on a
 * generated graph of 20000 concepts it took 148 s of CPU to sfdp's 112 s, no faster choice. */
static const EngineCaps engine_caps[TUPU_N_ENGINES] = {
  [TUPU_ENGINE_DOT] = { 2000, 200 },  [TUPU_ENGINE_NEATO] = { 2000, 500 },
  [TUPU_ENGINE_FDP] = { 2000, 500 },  [TUPU_ENGINE_SFDP] = { TUPU_LIMIT_NODES, TUPU_LIMIT_DEGREE },
  [TUPU_ENGINE_CIRCO] = { 300, 500 }, [TUPU_ENGINE_TWOPI] = { 5000, 500 },
};

static const char *const engine_names[TUPU_N_ENGINES] = {
  [TUPU_ENGINE_DOT] = "dot",   [TUPU_ENGINE_NEATO] = "neato", [TUPU_ENGINE_FDP] = "fdp",
  [TUPU_ENGINE_SFDP] = "sfdp", [TUPU_ENGINE_CIRCO] = "circo", [TUPU_ENGINE_TWOPI] = "twopi",
};

static const char *const direction_names[TUPU_N_DIRECTIONS] = {
  [TUPU_DIRECTION_LEFT_TO_RIGHT] = "lr",
  [TUPU_DIRECTION_TOP_TO_BOTTOM] = "tb",
};

/* The macro stringifies its first argument, which clang-format would space out. */
/* clang-format off */
G_DEFINE_QUARK (tupu-layout-error-quark, tupu_layout_error)
/* clang-format on */
G_DEFINE_BOXED_TYPE (TupuLayout, tupu_layout, tupu_layout_ref, tupu_layout_unref)

/* ------------------------------------------------------------------------------------------ */
/* Engines, options, refcounting                                                               */

const char *
tupu_engine_to_string (TupuEngine engine)
{
  g_return_val_if_fail (engine < TUPU_N_ENGINES, NULL);

  return engine_names[engine];
}

gboolean
tupu_engine_from_string (const char *str, TupuEngine *engine)
{
  g_return_val_if_fail (engine != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < TUPU_N_ENGINES; i++)
    {
      if (g_str_equal (str, engine_names[i]))
        {
          *engine = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
tupu_direction_to_string (TupuDirection direction)
{
  g_return_val_if_fail (direction < TUPU_N_DIRECTIONS, NULL);

  return direction_names[direction];
}

gboolean
tupu_direction_from_string (const char *str, TupuDirection *direction)
{
  g_return_val_if_fail (direction != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < TUPU_N_DIRECTIONS; i++)
    {
      if (g_str_equal (str, direction_names[i]))
        {
          *direction = i;
          return TRUE;
        }
    }
  return FALSE;
}

void
tupu_layout_options_init (TupuLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  options->engine = TUPU_ENGINE_DOT;
  options->root = -1;
  options->show_gloss = TRUE;
  options->text_scale = 1.0;
  options->folded = NULL;
  options->direction = TUPU_DIRECTION_LEFT_TO_RIGHT;
}

void
tupu_layout_options_copy (TupuLayoutOptions *dest, const TupuLayoutOptions *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  if (dest->folded != NULL)
    g_bytes_ref (dest->folded);
}

void
tupu_layout_options_clear (TupuLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->folded, g_bytes_unref);
}

typedef struct
{
  double   cell;
  guint    cols, rows;
  GArray **cells; /* guint geometry indices whose boxes touch the cell */
} Grid;

static void
grid_free (Grid *grid)
{
  for (guint i = 0; i < grid->cols * grid->rows; i++)
    g_array_unref (grid->cells[i]);
  g_free (grid->cells);
  g_free (grid);
}

static void
tupu_layout_free (TupuLayout *self)
{
  for (guint i = 0; i < self->n_nodes; i++)
    {
      for (guint r = 0; r < self->nodes[i].n_runs; r++)
        g_free (self->nodes[i].runs[r].text);
      g_free (self->nodes[i].runs);
    }
  for (guint i = 0; i < self->n_edges; i++)
    g_free (self->edges[i].points);
  g_free (self->nodes);
  g_free (self->edges);
  g_free (self->geom_of_node);
  g_clear_pointer ((Grid **)&self->index, grid_free);
  g_clear_object (&self->graph);
  tupu_layout_options_clear (&self->options);
  g_free (self);
}

TupuLayout *
tupu_layout_ref (TupuLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tupu_layout_unref (TupuLayout *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    tupu_layout_free (self);
}

TupuKind
_tupu_layout_geom_kind (TupuLayout *layout, guint geom_index)
{
  g_assert (geom_index < layout->n_nodes);

  return tupu_graph_get_node (layout->graph, layout->nodes[geom_index].node)->kind;
}

/* ------------------------------------------------------------------------------------------ */
/* Selecting the nodes and edges to lay out, and the caps                                      */

typedef struct
{
  GArray *nodes;  /* graph node indices, in speech order */
  int    *member; /* graph node index -> position in nodes, or -1 */
  GArray *edges;  /* graph edge indices with both ends in nodes */
} Selection;

static void
selection_clear (Selection *sel)
{
  g_clear_pointer (&sel->nodes, g_array_unref);
  g_clear_pointer (&sel->member, g_free);
  g_clear_pointer (&sel->edges, g_array_unref);
}

/* The fold bytes, when they fit @graph. */
static const guint8 *
folded_bytes (TupuGraph *graph, const TupuLayoutOptions *options)
{
  gsize         size = 0;
  const guint8 *folded = options->folded != NULL ? g_bytes_get_data (options->folded, &size) : NULL;

  return size == tupu_graph_get_n_nodes (graph) ? folded : NULL;
}

/* Whether an ancestor of @index, below the branch root @root, has its parts folded away. */
static gboolean
folded_away (TupuGraph *graph, const guint8 *folded, guint index, int root)
{
  int a = tupu_graph_get_node (graph, index)->parent;

  for (; folded != NULL && a >= 0 && a != root; a = tupu_graph_get_node (graph, a)->parent)
    if (folded[a])
      return TRUE;
  return FALSE;
}

static gboolean
selection_init (Selection *sel, TupuGraph *graph, const TupuLayoutOptions *options, GError **error)
{
  guint         n_nodes = tupu_graph_get_n_nodes (graph);
  guint         n_edges = tupu_graph_get_n_edges (graph);
  const guint  *order = tupu_graph_get_speech_order (graph);
  const guint8 *folded = folded_bytes (graph, options);

  if (options->root >= 0 && (guint)options->root >= n_nodes)
    {
      g_set_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_NO_ROOT,
                   _ ("The graph has no node number %d."), options->root);
      return FALSE;
    }

  sel->nodes = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_nodes);
  sel->member = g_new (int, n_nodes);
  sel->edges = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_nodes; i++)
    sel->member[i] = -1;
  for (guint i = 0; i < n_nodes; i++)
    {
      guint index = order[i];

      if ((options->root < 0 || tupu_graph_is_descendant (graph, index, options->root)) &&
          !folded_away (graph, folded, index, options->root))
        {
          sel->member[index] = sel->nodes->len;
          g_array_append_val (sel->nodes, index);
        }
    }
  for (guint i = 0; i < n_edges; i++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (graph, i);

      if (sel->member[edge->source] >= 0 && sel->member[edge->target] >= 0)
        g_array_append_val (sel->edges, i);
    }
  return TRUE;
}

static const char *
faster_engine (TupuEngine engine)
{
  return engine == TUPU_ENGINE_SFDP ? "twopi" : "sfdp";
}

static gboolean
selection_check_caps (Selection *sel, TupuGraph *graph, TupuEngine engine, GError **error)
{
  const EngineCaps *caps = &engine_caps[engine];
  g_autofree guint *degree = NULL;

  if (sel->nodes->len > caps->nodes)
    {
      g_set_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE,
                   _ ("The graph has %u nodes; %s lays out at most %u. Try %s."), sel->nodes->len,
                   engine_names[engine], caps->nodes, faster_engine (engine));
      return FALSE;
    }

  degree = g_new0 (guint, tupu_graph_get_n_nodes (graph));
  for (guint i = 0; i < sel->edges->len; i++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (graph, g_array_index (sel->edges, guint, i));
      guint           ends[2] = { edge->source, edge->target };

      for (guint e = 0; e < 2; e++)
        {
          if (++degree[ends[e]] > caps->degree)
            {
              g_set_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE,
                           _ ("The node “%s” has more than %u edges; %s handles at most %u per "
                              "node. Try %s."),
                           tupu_graph_get_node (graph, ends[e])->id, caps->degree,
                           engine_names[engine], caps->degree, faster_engine (engine));
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
tupu_layout_check_limits (TupuGraph *graph, const TupuLayoutOptions *options, GError **error)
{
  Selection sel = { 0 };
  gboolean  ok;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), FALSE);
  g_return_val_if_fail (options != NULL && options->engine < TUPU_N_ENGINES, FALSE);

  ok = selection_init (&sel, graph, options, error) &&
       selection_check_caps (&sel, graph, options->engine, error);
  selection_clear (&sel);
  return ok;
}

TupuEngine
tupu_layout_pick_engine (TupuGraph *graph, const TupuLayoutOptions *options, GError **refusal)
{
  g_autoptr (GError) error = NULL;
  TupuLayoutOptions fallback = *options;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), options->engine);
  g_return_val_if_fail (refusal == NULL || *refusal == NULL, options->engine);

  /* sfdp's caps are the widest (twopi's equal them): what it refuses, nothing takes. */
  fallback.engine = TUPU_ENGINE_SFDP;
  if (options->engine == TUPU_ENGINE_SFDP || tupu_layout_check_limits (graph, options, &error) ||
      !g_error_matches (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE) ||
      !tupu_layout_check_limits (graph, &fallback, NULL))
    return options->engine;

  g_propagate_error (refusal, g_steal_pointer (&error));
  return TUPU_ENGINE_SFDP;
}

/* ------------------------------------------------------------------------------------------ */
/* Measuring and wrapping labels (layout thread)                                               */

static PangoContext *
measure_context (void)
{
  /* Only ever touched on the layout thread; the cairo font map is per-thread too. */
  static PangoContext *context;

  if (context == NULL)
    {
      context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      _tupu_text_setup_context (context);
    }
  return context;
}

/* Wraps @text for @role into lines no wider than @max_width and appends them to @runs, each
 * with its size. Returns the width their box needs: the widest logical width, or more where the
 * ink overhangs (bold, italics, combining marks), since runs are centred on their logical box
 * and the ink must fit on both sides of the centre. */
static double
wrap_text (GArray *runs, const char *text, TupuFontRole role, TupuKind kind, double text_scale,
           double max_width)
{
  g_autoptr (GArray) lines =
      _tupu_text_wrap (measure_context (), text, role, kind, text_scale, max_width);
  double needed = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const TupuTextLine *line = &g_array_index (lines, TupuTextLine, i);
      TupuTextRun         run = { 0 };
      double              left = MIN (0, line->ink_left);
      double              right = MAX (line->width, line->ink_right);

      run.text = g_strndup (text + line->start, line->length);
      run.role = role;
      run.width = line->width;
      run.height = line->height;
      run.baseline = line->baseline;
      g_array_append_val (runs, run);
      needed = MAX (needed, 2 * MAX (run.width / 2 - left, right - run.width / 2));
    }
  return needed;
}

/* Sets geom's runs (relative to the box's top-left corner) and the box's size. */
static void
measure_node (TupuNodeGeom *geom, const TupuNode *node, const TupuLayoutOptions *options)
{
  const TupuKindStyle *style = tupu_style_for_kind (node->kind, FALSE);
  double               scale = options->text_scale > 0 ? options->text_scale : 1.0;
  double               max_width = WRAP_EMS * style->label_size * scale;
  g_autoptr (GArray) runs = g_array_new (FALSE, TRUE, sizeof (TupuTextRun));
  double content_width = 0, height = 0, pad_x = PAD_X * scale, pad_y = PAD_Y * scale;
  guint  n_label;

  content_width = wrap_text (runs, node->label_zh, TUPU_FONT_LABEL, node->kind, scale, max_width);
  n_label = runs->len;
  if (options->show_gloss && node->label_en != NULL)
    {
      /* Not inside MAX (), which would wrap it twice. */
      double gloss_width =
          wrap_text (runs, node->label_en, TUPU_FONT_GLOSS, node->kind, scale, max_width);

      content_width = MAX (content_width, gloss_width);
    }

  for (guint i = 0; i < runs->len; i++)
    {
      TupuTextRun *run = &g_array_index (runs, TupuTextRun, i);

      if (i == n_label && i > 0)
        height += GLOSS_GAP * scale;
      run->y = height;
      height += run->height;
    }

  geom->box.height = height + 2 * pad_y;
  if (style->shape == TUPU_SHAPE_PILL)
    pad_x +=
        _tupu_shape_radius (style->shape, geom->box.height) * 0.5; /* clear of the round ends */
  geom->box.width = MAX (MIN_BOX_WIDTH * scale, content_width + 2 * pad_x);

  for (guint i = 0; i < runs->len; i++)
    {
      TupuTextRun *run = &g_array_index (runs, TupuTextRun, i);

      run->x = (geom->box.width - run->width) / 2;
      run->y += pad_y;
    }
  geom->n_runs = runs->len;
  geom->runs = (TupuTextRun *)(void *)g_array_free (g_steal_pointer (&runs), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Graphviz (layout thread only)                                                               */

static GString *gv_errors;

static int
gv_error_cb (char *message)
{
  g_string_append (gv_errors, message);
  return 0;
}

static GVC_t *
gv_context (void)
{
  static GVC_t *gvc;

  if (gvc == NULL)
    {
      /* gvContext() loads the plugins listed in Graphviz's installed config (Debian ships
       * config6a), which provides every layout engine we offer. */
      gvc = gvContext ();
      gv_errors = g_string_new (NULL);
      agseterrf (gv_error_cb);
      agseterr (AGERR); /* warnings are not errors; do not print them on stderr */
    }
  return gvc;
}

static void
gv_set (void *object, const char *name, const char *value)
{
  agsafeset (object, (char *)name, (char *)value, "");
}

static void
gv_set_double (void *object, const char *name, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  gv_set (object, name, g_ascii_formatd (buf, sizeof buf, "%.4f", value));
}

void
_tupu_layout_engine_attributes (TupuEngine engine, guint n_nodes, const char *root_name,
                                TupuGvAttributeFunc func, gpointer user_data)
{
  /* Routing splines around obstacles costs the force-directed engines seconds at a few hundred
   * nodes (dot routes its own way, cheaply); beyond a small graph they draw straight lines. */
  func ("splines",
        engine == TUPU_ENGINE_DOT || n_nodes <= SPLINE_ROUTING_MAX_NODES ? "true" : "line",
        user_data);

  switch (engine)
    {
    case TUPU_ENGINE_DOT:
      func ("nodesep", "0.18", user_data);
      func ("ranksep", "0.55", user_data);
      /* Cap dot's effort on big graphs: crossing minimisation and network simplex dominate. */
      if (n_nodes > 1000)
        {
          func ("mclimit", "0.2", user_data);
          func ("nslimit", "1", user_data);
          func ("nslimit1", "1", user_data);
          func ("remincross", "false", user_data);
        }
      else if (n_nodes > 300)
        {
          func ("mclimit", "0.5", user_data);
          func ("nslimit", "4", user_data);
          func ("nslimit1", "4", user_data);
        }
      break;
    case TUPU_ENGINE_TWOPI:
      func ("root", root_name, user_data);
      func ("ranksep", "1.4", user_data);
      func ("overlap", "false", user_data);
      break;
    case TUPU_ENGINE_CIRCO:
      func ("mindist", "0.4", user_data);
      break;
    case TUPU_ENGINE_NEATO:
    case TUPU_ENGINE_FDP:
    case TUPU_ENGINE_SFDP:
    case TUPU_N_ENGINES:
    default:
      func ("overlap", "false", user_data);
      func ("sep", "+8", user_data);
      break;
    }
}

static void
gv_set_graph_attribute_cb (const char *name, const char *value, gpointer user_data)
{
  gv_set (user_data, name, value);
}

static void
gv_set_graph_attributes (Agraph_t *g, const TupuLayoutOptions *options, guint n_nodes,
                         const char *root_name)
{
  _tupu_layout_engine_attributes (options->engine, n_nodes, root_name, gv_set_graph_attribute_cb,
                                  g);
  /* How Tupu builds its own graph and reads it back, not how Graphviz is tuned, so not for the
   * benchmark's reference: it lays out the exported DOT file, whose part-of edges run child →
   * parent under rankdir=RL. */
  gv_set (g, "outputorder", "edgesfirst");
  if (options->engine == TUPU_ENGINE_DOT)
    gv_set (g, "rankdir", options->direction == TUPU_DIRECTION_TOP_TO_BOTTOM ? "TB" : "LR");
}

static void
gv_add_node (Agraph_t *g, Agnode_t **gv_nodes, guint geom_index, const TupuNodeGeom *geom)
{
  char      name[32];
  Agnode_t *n;

  g_snprintf (name, sizeof name, "n%u", geom_index);
  n = agnode (g, name, TRUE);
  /* We draw the text ourselves: Graphviz gets a fixed box and no label to measure. */
  gv_set (n, "shape", "box");
  gv_set (n, "fixedsize", "true");
  gv_set (n, "label", "");
  gv_set_double (n, "width", geom->box.width / 72.0);
  gv_set_double (n, "height", geom->box.height / 72.0);
  gv_nodes[geom_index] = n;
}

/* Adds @edge to @g, from its target to its source when @reversed (Graphviz then still draws
 * the arrowhead at the data's target). */
static Agedge_t *
gv_add_edge (Agraph_t *g, Agnode_t **gv_nodes, const TupuLayout *layout, const TupuEdge *edge,
             gboolean reversed, const TupuLayoutOptions *options)
{
  gboolean                 tree = edge->relation == TUPU_RELATION_PART_OF;
  const TupuRelationStyle *style = tupu_style_for_relation (edge->relation, FALSE);
  Agnode_t                *tail = gv_nodes[layout->geom_of_node[edge->source]];
  Agnode_t                *head = gv_nodes[layout->geom_of_node[edge->target]];
  Agedge_t                *e;

  if (reversed)
    e = agedge (g, head, tail, NULL, TRUE);
  else
    e = agedge (g, tail, head, NULL, TRUE);

  if (style->arrow)
    {
      /* Let Graphviz keep room for the arrowhead; we draw our own in it. */
      gv_set (e, "dir", reversed ? "back" : "forward");
      gv_set_double (e, "arrowsize", ARROW_LENGTH / GV_ARROW_UNIT);
    }
  else
    gv_set (e, "dir", "none");

  if (options->engine == TUPU_ENGINE_DOT)
    {
      if (tree)
        {
          /* A tree reads best when children fan out from the parent's side to theirs; it also
           * keeps edges off the rounded corners of pills. Top to bottom, dot's routes of many
           * edges from one south port loop sideways past their children, so there the edges
           * only end at the children's north sides. */
          if (options->direction == TUPU_DIRECTION_TOP_TO_BOTTOM)
            gv_set (e, "headport", "n");
          else
            {
              gv_set (e, "tailport", "e");
              gv_set (e, "headport", "w");
            }
        }
      else
        gv_set (e, "constraint", "false");
    }
  return e;
}

/* The laid-out part-of tree in preorder from the geometry index @root, each node's children
 * in speech order, and each node's depth below @root and the layout edge to its parent (or -1):
 * all that the speech order of the drawing is made of. */
typedef struct
{
  GArray *preorder;    /* geometry indices */
  guint  *depth;       /* geometry index -> depth below the root */
  int    *parent_edge; /* geometry index -> index in layout->edges of its part-of edge, or -1 */
} Tree;

static void
tree_clear (Tree *tree)
{
  g_clear_pointer (&tree->preorder, g_array_unref);
  g_clear_pointer (&tree->depth, g_free);
  g_clear_pointer (&tree->parent_edge, g_free);
}

static void
tree_init (Tree *tree, const TupuLayout *layout, guint root)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  tree->preorder = g_array_sized_new (FALSE, FALSE, sizeof (guint), layout->n_nodes);
  tree->depth = g_new0 (guint, MAX (1u, layout->n_nodes));
  tree->parent_edge = g_new (int, MAX (1u, layout->n_nodes));
  for (guint i = 0; i < layout->n_nodes; i++)
    tree->parent_edge[i] = -1;
  for (guint i = 0; i < layout->n_edges; i++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (layout->graph, layout->edges[i].edge);

      if (edge->relation == TUPU_RELATION_PART_OF)
        tree->parent_edge[layout->edges[i].tail] = i;
    }

  g_array_append_val (stack, root);
  while (stack->len > 0)
    {
      guint           geom = g_array_index (stack, guint, stack->len - 1);
      const TupuNode *node = tupu_graph_get_node (layout->graph, layout->nodes[geom].node);

      g_array_set_size (stack, stack->len - 1);
      g_array_append_val (tree->preorder, geom);
      /* Pushed last to first, so the first child is visited next. */
      for (guint c = node->children->len; c > 0; c--)
        {
          int child = layout->geom_of_node[g_array_index (node->children, guint, c - 1)];

          if (child < 0)
            continue;
          tree->depth[child] = tree->depth[geom] + 1;
          g_array_append_val (stack, child);
        }
    }
}

/* Puts the nodes of each depth on one rank and ties them together there with invisible edges
 * in preorder. dot keeps the two ends of a same-rank edge in order while it minimises crossings
 * (only for a constraining edge of nonzero weight: it ignores the others), so these chains fix
 * the order of every rank to the tree's, with each node's children in speech order. Cross-links
 * (constraint=false) cannot reorder the tree then: they only move the bends of their own routes.
 * The ranks are those the tree gives anyway, so the chains only order. */
static void
gv_add_rank_chains (Agraph_t *g, Agnode_t **gv_nodes, const Tree *tree, guint n_nodes)
{
  g_autofree int       *last_at_depth = g_new (int, MAX (1u, n_nodes));
  g_autofree Agraph_t **rank = g_new0 (Agraph_t *, MAX (1u, n_nodes));

  for (guint i = 0; i < n_nodes; i++)
    last_at_depth[i] = -1;
  for (guint i = 0; i < tree->preorder->len; i++)
    {
      guint     geom = g_array_index (tree->preorder, guint, i);
      guint     depth = tree->depth[geom];
      Agedge_t *e;

      if (last_at_depth[depth] >= 0)
        {
          if (rank[depth] == NULL)
            {
              char name[32];

              g_snprintf (name, sizeof name, "depth%u", depth);
              rank[depth] = agsubg (g, name, TRUE);
              gv_set (rank[depth], "rank", "same");
              agsubnode (rank[depth], gv_nodes[last_at_depth[depth]], TRUE);
            }
          agsubnode (rank[depth], gv_nodes[geom], TRUE);
          e = agedge (g, gv_nodes[last_at_depth[depth]], gv_nodes[geom], NULL, TRUE);
          gv_set (e, "style", "invis");
          gv_set (e, "dir", "none");
        }
      last_at_depth[depth] = geom;
    }
}

/* Adds every edge of the layout to @g, storing it in gv_edges[] and whether it runs against the
 * data in reversed[]. Part-of edges point child → parent in the data and run parent → child in
 * Graphviz, added parent by parent in preorder, children in speech order: the order in which the
 * engines that follow edge order (dot's initial ranks, twopi) place them. */
static void
gv_add_edges (Agraph_t *g, Agnode_t **gv_nodes, Agedge_t **gv_edges, gboolean *reversed,
              const TupuLayout *layout, guint root)
{
  const TupuLayoutOptions *options = &layout->options;
  Tree                     tree = { 0 };

  tree_init (&tree, layout, root);
  for (guint i = 0; i < tree.preorder->len; i++)
    {
      guint geom = g_array_index (tree.preorder, guint, i);
      int   edge = tree.parent_edge[geom];

      if (edge < 0)
        continue;
      reversed[edge] = TRUE;
      gv_edges[edge] = gv_add_edge (g, gv_nodes, layout,
                                    tupu_graph_get_edge (layout->graph, layout->edges[edge].edge),
                                    TRUE, options);
    }
  if (options->engine == TUPU_ENGINE_DOT)
    gv_add_rank_chains (g, gv_nodes, &tree, layout->n_nodes);

  /* twopi lays out the tree of a breadth-first search over every edge: a cross-link met first
   * would take a concept under the wrong parent and out of its siblings' order. It gets the
   * part-of tree alone, and cross-links are drawn straight from box to box, as twopi draws every
   * edge above SPLINE_ROUTING_MAX_NODES anyway. */
  for (guint i = 0; i < layout->n_edges && options->engine != TUPU_ENGINE_TWOPI; i++)
    if (gv_edges[i] == NULL)
      gv_edges[i] =
          gv_add_edge (g, gv_nodes, layout,
                       tupu_graph_get_edge (layout->graph, layout->edges[i].edge), FALSE, options);
  tree_clear (&tree);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading the result back                                                                     */

static void
clip_to_box (TupuPoint *p, const TupuPoint *towards, const TupuRect *r)
{
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  double dx = towards->x - cx, dy = towards->y - cy;
  double t = 1.0;

  if (fabs (dx) > 1e-9)
    t = MIN (t, r->width / 2 / fabs (dx));
  if (fabs (dy) > 1e-9)
    t = MIN (t, r->height / 2 / fabs (dy));
  p->x = cx + dx * t;
  p->y = cy + dy * t;
}

/* A straight cubic from the tail's box to the head's box, for an edge Graphviz did not route. */
static void
straight_edge (TupuEdgeGeom *eg, const TupuRect *tail, const TupuRect *head)
{
  TupuPoint tc = { tail->x + tail->width / 2, tail->y + tail->height / 2 };
  TupuPoint hc = { head->x + head->width / 2, head->y + head->height / 2 };
  TupuPoint a, b;

  clip_to_box (&a, &hc, tail);
  clip_to_box (&b, &tc, head);
  eg->n_points = 4;
  eg->points = g_new (TupuPoint, 4);
  for (guint i = 0; i < 4; i++)
    {
      eg->points[i].x = a.x + (b.x - a.x) * i / 3.0;
      eg->points[i].y = a.y + (b.y - a.y) * i / 3.0;
    }
}

/* Copies the Graphviz spline of @e (y still up). Returns FALSE when there is none. */
static gboolean
read_spline (TupuEdgeGeom *eg, Agedge_t *e, gboolean reversed, TupuPoint *arrow_tip,
             gboolean *has_tip)
{
  splines *spl = ED_spl (e);
  bezier  *bz;
  gsize    n;

  if (spl == NULL || spl->size < 1 || spl->list[0].size < 4 || (spl->list[0].size - 1) % 3 != 0)
    return FALSE;

  bz = &spl->list[0];
  n = (gsize)bz->size; /* an int in Graphviz 2.x, a size_t since 3.0: checked positive above */
  eg->n_points = n;
  eg->points = g_new (TupuPoint, n);
  for (gsize i = 0; i < n; i++)
    {
      gsize from = reversed ? n - 1 - i : i;

      eg->points[i].x = bz->list[from].x;
      eg->points[i].y = bz->list[from].y;
    }
  /* A reversed edge asked for its arrowhead at Graphviz's tail (dir=back): our head. */
  *has_tip = reversed ? bz->sflag : bz->eflag;
  if (*has_tip)
    {
      arrow_tip->x = reversed ? bz->sp.x : bz->ep.x;
      arrow_tip->y = reversed ? bz->sp.y : bz->ep.y;
    }
  return TRUE;
}

/* Our own arrowhead, from the direction in which the curve ends. */
static void
make_arrow (TupuEdgeGeom *eg, const TupuPoint *tip, gboolean has_tip)
{
  const TupuPoint *end = &eg->points[eg->n_points - 1];
  TupuPoint        t = has_tip ? *tip : *end;
  double           dx, dy, len;

  if (has_tip)
    {
      dx = t.x - end->x;
      dy = t.y - end->y;
    }
  else
    {
      const TupuPoint *before = &eg->points[eg->n_points - 2];

      dx = end->x - before->x;
      dy = end->y - before->y;
      if (hypot (dx, dy) < 1e-6)
        {
          dx = end->x - eg->points[0].x;
          dy = end->y - eg->points[0].y;
        }
    }
  len = hypot (dx, dy);
  if (len < 1e-6)
    {
      dx = 1;
      dy = 0;
      len = 1;
    }
  dx /= len;
  dy /= len;

  eg->has_arrow = TRUE;
  eg->arrow[0] = t;
  eg->arrow[1].x = t.x - dx * ARROW_LENGTH - dy * ARROW_HALF;
  eg->arrow[1].y = t.y - dy * ARROW_LENGTH + dx * ARROW_HALF;
  eg->arrow[2].x = t.x - dx * ARROW_LENGTH + dy * ARROW_HALF;
  eg->arrow[2].y = t.y - dy * ARROW_LENGTH - dx * ARROW_HALF;
}

static void
extend_bounds (double *b, const TupuPoint *p)
{
  b[0] = MIN (b[0], p->x);
  b[1] = MIN (b[1], p->y);
  b[2] = MAX (b[2], p->x);
  b[3] = MAX (b[3], p->y);
}

/* Mirrors the drawing left to right. twopi places each node's children counterclockwise in
 * the order of their edges (Graphviz's y points up); mirrored, they run clockwise on screen.
 * circo orders the nodes on its circles by its own crossing reduction, not by edge order, so
 * no order can be asked of it. */
static void
mirror_x (TupuLayout *layout)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    layout->nodes[i].box.x = -(layout->nodes[i].box.x + layout->nodes[i].box.width);
  for (guint i = 0; i < layout->n_edges; i++)
    {
      TupuEdgeGeom *eg = &layout->edges[i];

      for (guint p = 0; p < eg->n_points; p++)
        eg->points[p].x = -eg->points[p].x;
      for (guint p = 0; p < 3; p++)
        eg->arrow[p].x = -eg->arrow[p].x;
    }
}

/* Flips y (Graphviz's points up, ours down) and moves the drawing to start at (MARGIN, MARGIN). */
static void
normalize_coordinates (TupuLayout *layout)
{
  double b[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double ox, oy;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      TupuRect *r = &layout->nodes[i].box;

      r->y = -(r->y + r->height);
      extend_bounds (b, &(TupuPoint){ r->x, r->y });
      extend_bounds (b, &(TupuPoint){ r->x + r->width, r->y + r->height });
    }
  for (guint i = 0; i < layout->n_edges; i++)
    {
      TupuEdgeGeom *eg = &layout->edges[i];

      for (guint p = 0; p < eg->n_points; p++)
        {
          eg->points[p].y = -eg->points[p].y;
          extend_bounds (b, &eg->points[p]);
        }
      for (guint p = 0; p < (eg->has_arrow ? 3u : 0u); p++)
        {
          eg->arrow[p].y = -eg->arrow[p].y;
          extend_bounds (b, &eg->arrow[p]);
        }
    }
  if (layout->n_nodes == 0)
    b[0] = b[1] = b[2] = b[3] = 0;

  ox = MARGIN - b[0];
  oy = MARGIN - b[1];
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      TupuNodeGeom *ng = &layout->nodes[i];

      ng->box.x += ox;
      ng->box.y += oy;
      for (guint r = 0; r < ng->n_runs; r++)
        {
          ng->runs[r].x += ng->box.x;
          ng->runs[r].y += ng->box.y;
        }
    }
  for (guint i = 0; i < layout->n_edges; i++)
    {
      TupuEdgeGeom *eg = &layout->edges[i];

      for (guint p = 0; p < eg->n_points; p++)
        {
          eg->points[p].x += ox;
          eg->points[p].y += oy;
        }
      for (guint p = 0; p < 3; p++)
        {
          eg->arrow[p].x += ox;
          eg->arrow[p].y += oy;
        }
    }
  layout->bounds = (TupuRect){ 0, 0, b[2] - b[0] + 2 * MARGIN, b[3] - b[1] + 2 * MARGIN };
}

static void
read_nodes (TupuLayout *layout, Agnode_t **gv_nodes)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      TupuRect *r = &layout->nodes[i].box;
      pointf    c = ND_coord (gv_nodes[i]);

      /* Still in Graphviz's y-up space: r->y is the bottom edge until normalised. */
      r->x = c.x - r->width / 2;
      r->y = c.y - r->height / 2;
    }
}

/* Box in y-up space, as read_nodes() left it, for the straight-edge fallback. */
static TupuRect
flipped_box (const TupuRect *r)
{
  return (TupuRect){ r->x, -(r->y + r->height), r->width, r->height };
}

static void
read_edges (TupuLayout *layout, Agedge_t **gv_edges, const gboolean *reversed)
{
  for (guint i = 0; i < layout->n_edges; i++)
    {
      TupuEdgeGeom   *eg = &layout->edges[i];
      const TupuEdge *edge = tupu_graph_get_edge (layout->graph, eg->edge);
      TupuPoint       tip = { 0 };
      gboolean        has_tip = FALSE;

      if (gv_edges[i] == NULL || !read_spline (eg, gv_edges[i], reversed[i], &tip, &has_tip))
        {
          /* Work in y-down space so clipping is plain, then flip back to Graphviz's. */
          TupuRect t = flipped_box (&layout->nodes[eg->tail].box);
          TupuRect h = flipped_box (&layout->nodes[eg->head].box);

          straight_edge (eg, &t, &h);
          for (guint p = 0; p < eg->n_points; p++)
            eg->points[p].y = -eg->points[p].y;
        }
      if (tupu_style_for_relation (edge->relation, FALSE)->arrow)
        make_arrow (eg, &tip, has_tip);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The spatial index                                                                           */

static void
grid_cell_range (const Grid *grid, const TupuRect *r, guint *c0, guint *r0, guint *c1, guint *r1)
{
  double x0 = floor (r->x / grid->cell), y0 = floor (r->y / grid->cell);
  double x1 = floor ((r->x + r->width) / grid->cell), y1 = floor ((r->y + r->height) / grid->cell);

  *c0 = (guint)CLAMP (x0, 0, grid->cols - 1);
  *r0 = (guint)CLAMP (y0, 0, grid->rows - 1);
  *c1 = (guint)CLAMP (x1, 0, grid->cols - 1);
  *r1 = (guint)CLAMP (y1, 0, grid->rows - 1);
}

static Grid *
grid_new (const TupuLayout *layout)
{
  Grid  *grid = g_new0 (Grid, 1);
  double area = MAX (1.0, layout->bounds.width * layout->bounds.height);

  /* About two boxes per cell on average; never more than 256 × 256 cells. */
  grid->cell = MAX (16.0, sqrt (area / MAX (1u, layout->n_nodes) * 2));
  grid->cell = MAX (grid->cell, MAX (layout->bounds.width, layout->bounds.height) / 256);
  grid->cols = MAX (1u, (guint)ceil (layout->bounds.width / grid->cell));
  grid->rows = MAX (1u, (guint)ceil (layout->bounds.height / grid->cell));
  grid->cells = g_new (GArray *, grid->cols * grid->rows);
  for (guint i = 0; i < grid->cols * grid->rows; i++)
    grid->cells[i] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      guint c0, r0, c1, r1;

      grid_cell_range (grid, &layout->nodes[i].box, &c0, &r0, &c1, &r1);
      for (guint row = r0; row <= r1; row++)
        for (guint col = c0; col <= c1; col++)
          g_array_append_val (grid->cells[row * grid->cols + col], i);
    }
  return grid;
}

static gboolean
rect_contains (const TupuRect *r, double x, double y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

static gboolean
rects_intersect (const TupuRect *a, const TupuRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width && a->y <= b->y + b->height &&
         b->y <= a->y + a->height;
}

/* ------------------------------------------------------------------------------------------ */
/* Interpolating between two layouts (a relayout's animation)                                  */

/* Where graph node @index (laid out in @to) was in @from, in @to's coordinates: its own box's
 * centre there, or its nearest ancestor's. FALSE when neither was laid out. */
static gboolean
old_center (TupuLayout *from, TupuLayout *to, guint index, double scale, double dx, double dy,
            double *x, double *y)
{
  int node = (int)index;

  while (node >= 0 && from->geom_of_node[node] < 0)
    node = tupu_graph_get_node (to->graph, node)->parent;
  if (node < 0)
    return FALSE;
  {
    const TupuRect *was = &from->nodes[from->geom_of_node[node]].box;

    *x = (was->x + was->width / 2) * scale + dx;
    *y = (was->y + was->height / 2) * scale + dy;
  }
  return TRUE;
}

static void
copy_node_moved (TupuNodeGeom *dst, const TupuNodeGeom *src, double mx, double my)
{
  *dst = *src;
  dst->box.x += mx;
  dst->box.y += my;
  dst->runs = g_new (TupuTextRun, src->n_runs);
  for (guint r = 0; r < src->n_runs; r++)
    {
      dst->runs[r] = src->runs[r];
      dst->runs[r].text = g_strdup (src->runs[r].text);
      dst->runs[r].x += mx;
      dst->runs[r].y += my;
    }
}

/* Each point of the edge moves as its ends do, in proportion to where it lies along the spline. */
static void
copy_edge_moved (TupuEdgeGeom *dst, const TupuEdgeGeom *src, const TupuPoint *move)
{
  const TupuPoint *tail = &move[src->tail];
  const TupuPoint *head = &move[src->head];

  *dst = *src;
  dst->points = g_new (TupuPoint, src->n_points);
  for (guint i = 0; i < src->n_points; i++)
    {
      double f = src->n_points > 1 ? (double)i / (src->n_points - 1) : 0;

      dst->points[i].x = src->points[i].x + tail->x + (head->x - tail->x) * f;
      dst->points[i].y = src->points[i].y + tail->y + (head->y - tail->y) * f;
    }
  for (guint i = 0; i < 3; i++)
    {
      dst->arrow[i].x += head->x;
      dst->arrow[i].y += head->y;
    }
}

TupuLayout *
tupu_layout_interpolate (TupuLayout *from, TupuLayout *to, double t, double scale, double dx,
                         double dy)
{
  g_autofree TupuPoint *move = NULL;
  TupuLayout           *self;
  double                x0 = to->bounds.x, y0 = to->bounds.y;
  double                x1 = to->bounds.x + to->bounds.width, y1 = to->bounds.y + to->bounds.height;

  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (from->graph == to->graph, NULL);

  t = CLAMP (t, 0.0, 1.0);
  self = g_new0 (TupuLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->graph = g_object_ref (to->graph);
  tupu_layout_options_copy (&self->options, &to->options);
  self->n_nodes = to->n_nodes;
  self->nodes = g_new0 (TupuNodeGeom, to->n_nodes);
  self->geom_of_node =
      g_memdup2 (to->geom_of_node, sizeof (int) * tupu_graph_get_n_nodes (to->graph));
  move = g_new0 (TupuPoint, MAX (to->n_nodes, 1));
  for (guint g = 0; g < to->n_nodes; g++)
    {
      const TupuRect *now = &to->nodes[g].box;
      double          ox, oy;

      if (old_center (from, to, to->nodes[g].node, scale, dx, dy, &ox, &oy))
        {
          move[g].x = (1 - t) * (ox - (now->x + now->width / 2));
          move[g].y = (1 - t) * (oy - (now->y + now->height / 2));
        }
      copy_node_moved (&self->nodes[g], &to->nodes[g], move[g].x, move[g].y);
      x0 = MIN (x0, self->nodes[g].box.x);
      y0 = MIN (y0, self->nodes[g].box.y);
      x1 = MAX (x1, self->nodes[g].box.x + self->nodes[g].box.width);
      y1 = MAX (y1, self->nodes[g].box.y + self->nodes[g].box.height);
    }
  self->n_edges = to->n_edges;
  self->edges = g_new0 (TupuEdgeGeom, MAX (to->n_edges, 1));
  for (guint e = 0; e < to->n_edges; e++)
    copy_edge_moved (&self->edges[e], &to->edges[e], move);
  self->bounds = (TupuRect){ x0, y0, x1 - x0, y1 - y0 };
  self->index = grid_new (self);
  return self;
}

int
tupu_layout_pick (TupuLayout *self, double x, double y)
{
  Grid   *grid;
  GArray *cell;
  guint   c0, r0, c1, r1;

  g_return_val_if_fail (self != NULL, -1);

  grid = self->index;
  if (!rect_contains (&self->bounds, x, y) || self->n_nodes == 0)
    return -1;

  grid_cell_range (grid, &(TupuRect){ x, y, 0, 0 }, &c0, &r0, &c1, &r1);
  cell = grid->cells[r0 * grid->cols + c0];
  /* Later nodes are drawn on top, so the last hit wins. */
  for (guint i = cell->len; i > 0; i--)
    {
      guint index = g_array_index (cell, guint, i - 1);

      if (rect_contains (&self->nodes[index].box, x, y))
        return index;
    }
  return -1;
}

void
tupu_layout_query (TupuLayout *self, const TupuRect *rect, GArray *out)
{
  Grid *grid;
  guint c0, r0, c1, r1;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (out != NULL && g_array_get_element_size (out) == sizeof (guint));

  grid = self->index;
  if (self->n_nodes == 0 || !rects_intersect (rect, &self->bounds))
    return;

  grid_cell_range (grid, rect, &c0, &r0, &c1, &r1);
  for (guint row = r0; row <= r1; row++)
    for (guint col = c0; col <= c1; col++)
      {
        GArray *cell = grid->cells[row * grid->cols + col];

        for (guint i = 0; i < cell->len; i++)
          {
            guint           index = g_array_index (cell, guint, i);
            const TupuRect *r = &self->nodes[index].box;
            guint           bc0, br0, bc1, br1;

            if (!rects_intersect (r, rect))
              continue;
            /* A box spanning several cells is reported once: from the first cell of the
             * query that it touches. */
            grid_cell_range (grid, r, &bc0, &br0, &bc1, &br1);
            if (col == MAX (c0, bc0) && row == MAX (r0, br0))
              g_array_append_val (out, index);
          }
      }
}

int
tupu_layout_nearest_in_direction (TupuLayout *self, guint from, int dx, int dy)
{
  const TupuRect *a;
  double          ax, ay, dlen, best = G_MAXDOUBLE;
  int             found = -1;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (from < self->n_nodes, -1);

  dlen = hypot (dx, dy);
  if (dlen == 0)
    return -1;

  a = &self->nodes[from].box;
  ax = a->x + a->width / 2;
  ay = a->y + a->height / 2;
  for (guint i = 0; i < self->n_nodes; i++)
    {
      const TupuRect *b = &self->nodes[i].box;
      double          vx = b->x + b->width / 2 - ax, vy = b->y + b->height / 2 - ay;
      double          along = (vx * dx + vy * dy) / dlen;
      double          across = fabs (vx * dy - vy * dx) / dlen;
      double          dist;

      /* Inside the ±45° cone around the direction. */
      if (i == from || along <= 0 || across > along)
        continue;
      dist = hypot (vx, vy);
      if (dist < best)
        {
          best = dist;
          found = i;
        }
    }
  return found;
}

/* ------------------------------------------------------------------------------------------ */
/* The order check                                                                             */

/* Where a box's centre lies along the axis on which @direction puts siblings. */
static double
cross_axis_centre (const TupuRect *r, TupuDirection direction)
{
  return direction == TUPU_DIRECTION_TOP_TO_BOTTOM ? r->x + r->width / 2 : r->y + r->height / 2;
}

/* TRUE when @parent's laid-out children, taken in speech order, advance along the cross-axis.
 * Sets *n_laid_out to how many of its children are laid out. */
static gboolean
children_in_order (TupuLayout *self, const TupuNode *parent, TupuDirection direction,
                   guint *n_laid_out)
{
  double   last = -G_MAXDOUBLE;
  gboolean ordered = TRUE;

  *n_laid_out = 0;
  for (guint c = 0; c < parent->children->len; c++)
    {
      int    geom = self->geom_of_node[g_array_index (parent->children, guint, c)];
      double here;

      if (geom < 0)
        continue;
      here = cross_axis_centre (&self->nodes[geom].box, direction);
      /* Strictly: two siblings side by side on the other axis show no order at all. */
      if (*n_laid_out > 0 && here <= last)
        ordered = FALSE;
      last = here;
      (*n_laid_out)++;
    }
  return ordered;
}

guint
tupu_layout_check_order (TupuLayout *self, TupuDirection direction, GArray *parents,
                         GArray *misordered)
{
  guint n_misordered = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (direction < TUPU_N_DIRECTIONS, 0);

  for (guint i = 0; i < self->n_nodes; i++)
    {
      guint           index = self->nodes[i].node;
      const TupuNode *node = tupu_graph_get_node (self->graph, index);
      guint           n_laid_out;
      gboolean        ordered = children_in_order (self, node, direction, &n_laid_out);

      if (n_laid_out < 2)
        continue;
      if (parents != NULL)
        g_array_append_val (parents, index);
      if (ordered)
        continue;
      n_misordered++;
      if (misordered != NULL)
        g_array_append_val (misordered, index);
    }
  return n_misordered;
}

/* ------------------------------------------------------------------------------------------ */
/* One layout, start to end (layout thread)                                                    */

static TupuLayout *
layout_new (TupuGraph *graph, const TupuLayoutOptions *options, const Selection *sel)
{
  TupuLayout *layout = g_new0 (TupuLayout, 1);
  guint       n_nodes = tupu_graph_get_n_nodes (graph);

  g_atomic_ref_count_init (&layout->ref_count);
  layout->graph = g_object_ref (graph);
  tupu_layout_options_copy (&layout->options, options);
  layout->n_nodes = sel->nodes->len;
  layout->nodes = g_new0 (TupuNodeGeom, MAX (1u, layout->n_nodes));
  layout->geom_of_node = g_new (int, n_nodes);
  memcpy (layout->geom_of_node, sel->member, n_nodes * sizeof (int));
  layout->n_edges = sel->edges->len;
  layout->edges = g_new0 (TupuEdgeGeom, MAX (1u, layout->n_edges));

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      guint           index = g_array_index (sel->nodes, guint, i);
      const TupuNode *node = tupu_graph_get_node (graph, index);
      const guint8   *folded = folded_bytes (graph, options);

      layout->nodes[i].node = index;
      if (folded != NULL && folded[index] && (int)index != options->root && node->children != NULL)
        layout->nodes[i].n_folded = node->children->len;
    }
  for (guint i = 0; i < layout->n_edges; i++)
    {
      TupuEdgeGeom   *eg = &layout->edges[i];
      const TupuEdge *edge;

      eg->edge = g_array_index (sel->edges, guint, i);
      edge = tupu_graph_get_edge (graph, eg->edge);
      eg->tail = sel->member[edge->source];
      eg->head = sel->member[edge->target];
    }
  return layout;
}

/* Graphviz 2.43's circo caches attribute symbols in statics keyed by the root graph's address
 * (initGraphAttrs in circularize.c). A later graph allocated at a freed graph's address would
 * reuse symbols freed with the old one and crash. So the graph circo last used stays allocated
 * until the next circo layout has run on another graph. Only the layout thread gets here. */
static void
close_graph (Agraph_t *g, gboolean circo)
{
  static Agraph_t *last_circo_graph;

  if (!circo)
    {
      agclose (g);
      return;
    }
  if (last_circo_graph != NULL)
    agclose (last_circo_graph);
  last_circo_graph = g;
}

static gboolean
run_graphviz (TupuLayout *layout, GError **error)
{
  GVC_t                *gvc = gv_context ();
  g_autofree Agnode_t **gv_nodes = g_new0 (Agnode_t *, MAX (1u, layout->n_nodes));
  g_autofree Agedge_t **gv_edges = g_new0 (Agedge_t *, MAX (1u, layout->n_edges));
  g_autofree gboolean  *reversed = g_new0 (gboolean, MAX (1u, layout->n_edges));
  guint                 root =
      layout->geom_of_node[layout->options.root >= 0 ? (guint)layout->options.root
                                                     : tupu_graph_get_root (layout->graph)];
  char      root_name[32];
  Agraph_t *g;
  int       status;

  g_snprintf (root_name, sizeof root_name, "n%u", root);
  g_string_truncate (gv_errors, 0);
  g = agopen ((char *)"tupu", Agdirected, NULL);
  gv_set_graph_attributes (g, &layout->options, layout->n_nodes, root_name);
  for (guint i = 0; i < layout->n_nodes; i++)
    gv_add_node (g, gv_nodes, i, &layout->nodes[i]);
  gv_add_edges (g, gv_nodes, gv_edges, reversed, layout, root);

  status = gvLayout (gvc, g, engine_names[layout->options.engine]);
  if (status == 0)
    {
      read_nodes (layout, gv_nodes);
      read_edges (layout, gv_edges, reversed);
      gvFreeLayout (gvc, g);
    }
  close_graph (g, layout->options.engine == TUPU_ENGINE_CIRCO);

  if (status != 0)
    {
      g_set_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_FAILED,
                   _ ("Graphviz could not lay the graph out with %s: %s"),
                   engine_names[layout->options.engine],
                   gv_errors->len > 0 ? g_strstrip (gv_errors->str) : _ ("unknown error"));
      return FALSE;
    }
  return TRUE;
}

static TupuLayout *
run_layout (TupuGraph *graph, const TupuLayoutOptions *options, GCancellable *cancellable,
            GError **error)
{
  Selection sel = { 0 };
  g_autoptr (TupuLayout) layout = NULL;

  if (!selection_init (&sel, graph, options, error) ||
      !selection_check_caps (&sel, graph, options->engine, error))
    {
      selection_clear (&sel);
      return NULL;
    }
  layout = layout_new (graph, options, &sel);
  selection_clear (&sel);

  for (guint i = 0; i < layout->n_nodes; i++)
    measure_node (&layout->nodes[i], tupu_graph_get_node (graph, layout->nodes[i].node), options);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !run_graphviz (layout, error))
    return NULL;

  if (options->engine == TUPU_ENGINE_TWOPI)
    mirror_x (layout);
  normalize_coordinates (layout);
  layout->index = grid_new (layout);
  return g_steal_pointer (&layout);
}

/* ------------------------------------------------------------------------------------------ */
/* The layout thread                                                                           */

typedef struct
{
  TupuGraph        *graph;
  TupuLayoutOptions options;
  GCancellable     *cancellable;
  GTask            *task; /* async requests */

  /* Synchronous requests wait on these. */
  GMutex      mutex;
  GCond       cond;
  gboolean    done;
  TupuLayout *result;
  GError     *error;
} Job;

static GThreadPool *layout_pool;

static void
job_free (Job *job)
{
  g_clear_object (&job->graph);
  tupu_layout_options_clear (&job->options);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->task);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

static Job *
job_new (TupuGraph *graph, const TupuLayoutOptions *options, GCancellable *cancellable)
{
  Job *job = g_new0 (Job, 1);

  job->graph = g_object_ref (graph);
  tupu_layout_options_copy (&job->options, options);
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  return job;
}

static void
job_run (Job *job)
{
  TupuLayout *layout = NULL;
  GError     *error = NULL;

  /* A request cancelled before its turn is skipped without touching Graphviz. */
  if (!g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    layout = run_layout (job->graph, &job->options, job->cancellable, &error);
  if (layout != NULL && g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    g_clear_pointer (&layout, tupu_layout_unref);

  if (job->task != NULL)
    {
      if (layout != NULL)
        g_task_return_pointer (job->task, layout, (GDestroyNotify)tupu_layout_unref);
      else
        g_task_return_error (job->task, error);
      job_free (job);
      return;
    }

  g_mutex_lock (&job->mutex);
  job->result = layout;
  job->error = error;
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);
}

static void
layout_thread_func (gpointer data, gpointer user_data)
{
  job_run (data);
}

static GThreadPool *
get_layout_pool (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GError *error = NULL;

      /* Exclusive with one thread: the same thread runs every request, for the life of the
       * process, so Graphviz's and Pango's per-thread state stays on it. */
      layout_pool = g_thread_pool_new (layout_thread_func, NULL, 1, TRUE, &error);
      if (layout_pool == NULL)
        g_error ("Could not start the layout thread: %s", error->message);
      g_once_init_leave (&initialized, 1);
    }
  return layout_pool;
}

void
tupu_layout_compute_async (TupuGraph *graph, const TupuLayoutOptions *options,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  Job *job;

  g_return_if_fail (TUPU_IS_GRAPH (graph));
  g_return_if_fail (options != NULL && options->engine < TUPU_N_ENGINES);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (graph, options, cancellable);
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, tupu_layout_compute_async);
  g_task_set_name (job->task, "[tupu] layout");
  g_thread_pool_push (get_layout_pool (), job, NULL);
}

TupuLayout *
tupu_layout_compute_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tupu_layout_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TupuLayout *
tupu_layout_compute (TupuGraph *graph, const TupuLayoutOptions *options, GCancellable *cancellable,
                     GError **error)
{
  Job        *job;
  TupuLayout *result;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (options != NULL && options->engine < TUPU_N_ENGINES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = job_new (graph, options, cancellable);
  g_thread_pool_push (get_layout_pool (), job, NULL);

  g_mutex_lock (&job->mutex);
  while (!job->done)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);

  result = g_steal_pointer (&job->result);
  if (job->error != NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  job_free (job);
  return result;
}

gboolean
tupu_layout_badge_rect (TupuLayout *layout, guint geom_index, TupuRect *rect)
{
  const TupuNodeGeom *geom;
  double              scale, height, width;
  guint               digits = 1;

  g_return_val_if_fail (layout != NULL && geom_index < layout->n_nodes, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  geom = &layout->nodes[geom_index];
  if (geom->n_folded == 0)
    return FALSE;

  for (guint n = geom->n_folded; n >= 10; n /= 10)
    digits++;
  scale = layout->options.text_scale > 0 ? layout->options.text_scale : 1.0;
  height = BADGE_HEIGHT * scale;
  width = height + (digits - 1) * BADGE_DIGIT_WIDTH * scale;
  /* Over the corner, like a count on an icon: half outside, clear of the label. */
  rect->x = geom->box.x + geom->box.width - width * 0.6;
  rect->y = geom->box.y - height * 0.4;
  rect->width = width;
  rect->height = height;
  return TRUE;
}
