/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-layout.c: the Graphviz layout, its geometry, caps, cancellation and spatial queries. */

#include <math.h>

#include <pango/pangocairo.h>

#include "tupu-folding.h"
#include "tupu-layout.h"
#include "tupu-text-metrics.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */

static TupuGraph *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  TupuGraph *graph = tupu_graph_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static TupuGraph *
load_builtin (void)
{
  g_autoptr (GError) error = NULL;
  TupuGraph *graph = tupu_graph_load_builtin (&error);

  g_assert_no_error (error);
  return graph;
}

/* A valid graph: a report with @n_children children under it, each with @fanout children
 * of its own, so @n_children alone sets the root's degree. Sources are citations. */
static TupuGraph *
generate_graph (guint n_children, guint fanout)
{
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (GString) edges = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  guint      next = 1;
  TupuGraph *graph;

#define NODE                                                                                       \
  "{\"id\": \"n%u\", \"kind\": \"%s\", \"label\": {\"zh\": \"节点%u\", \"en\": \"node %u\"},"    \
  " \"label_origin\": \"editorial\", \"summary\": {\"zh\": \"摘要。\", \"en\": \"Summary.\"},"  \
  " \"sources\": [{\"citation\": \"generated\"}]}"
#define EDGE "%s{\"source\": \"n%u\", \"target\": \"n%u\", \"relation\": \"part-of\"}"

  g_string_append (json,
                   "{\"format_version\": 1, \"id\": \"generated\", \"title\": {\"zh\": \"生成\","
                   " \"en\": \"Generated\"}, \"languages\": [\"zh\", \"en\"], \"nodes\": [");
  g_string_append_printf (json, NODE, 0, "report", 0, 0);
  for (guint c = 0; c < n_children; c++)
    {
      guint child = next++;

      g_string_append_c (json, ',');
      g_string_append_printf (json, NODE, child, "point", child, child);
      g_string_append_printf (edges, EDGE, edges->len ? "," : "", child, 0);
      for (guint g = 0; g < fanout; g++)
        {
          guint grandchild = next++;

          g_string_append_c (json, ',');
          g_string_append_printf (json, NODE, grandchild, "item", grandchild, grandchild);
          g_string_append_printf (edges, EDGE, ",", grandchild, child);
        }
    }
  g_string_append_printf (json, "], \"edges\": [%s]}", edges->str);
#undef NODE
#undef EDGE

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  graph = tupu_graph_load_bytes (bytes, "generated.json", NULL, NULL, &error);
  g_assert_no_error (error);
  return graph;
}

static TupuLayout *
compute_in (TupuGraph *graph, TupuEngine engine, int root, TupuDirection direction)
{
  g_autoptr (GError) error = NULL;
  TupuLayoutOptions options;
  TupuLayout       *layout;

  tupu_layout_options_init (&options);
  options.engine = engine;
  options.root = root;
  options.direction = direction;
  layout = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

static TupuLayout *
compute (TupuGraph *graph, TupuEngine engine, int root)
{
  return compute_in (graph, engine, root, TUPU_DIRECTION_LEFT_TO_RIGHT);
}

static gboolean
rect_inside (const TupuRect *inner, const TupuRect *outer, double tolerance)
{
  return inner->x >= outer->x - tolerance && inner->y >= outer->y - tolerance &&
         inner->x + inner->width <= outer->x + outer->width + tolerance &&
         inner->y + inner->height <= outer->y + outer->height + tolerance;
}

static gboolean
point_near_rect (const TupuPoint *p, const TupuRect *r, double tolerance)
{
  return p->x >= r->x - tolerance && p->x <= r->x + r->width + tolerance &&
         p->y >= r->y - tolerance && p->y <= r->y + r->height + tolerance;
}

static TupuPoint
centre (const TupuRect *r)
{
  return (TupuPoint){ r->x + r->width / 2, r->y + r->height / 2 };
}

/* ------------------------------------------------------------------------------------------ */
/* Geometry checks, run on several graphs and engines                                          */

static void
assert_every_node_has_a_box (TupuLayout *layout)
{
  guint n_nodes = tupu_graph_get_n_nodes (layout->graph);
  guint seen = 0;

  for (guint i = 0; i < n_nodes; i++)
    {
      int geom = layout->geom_of_node[i];

      if (geom < 0)
        continue;
      seen++;
      g_assert_cmpint (geom, <, (int)layout->n_nodes);
      g_assert_cmpuint (layout->nodes[geom].node, ==, i);
      g_assert_cmpfloat (layout->nodes[geom].box.width, >, 10);
      g_assert_cmpfloat (layout->nodes[geom].box.height, >, 10);
      g_assert_cmpuint (layout->nodes[geom].n_runs, >=, 1);
      g_assert_true (rect_inside (&layout->nodes[geom].box, &layout->bounds, 0.01));
    }
  g_assert_cmpuint (seen, ==, layout->n_nodes);
  g_assert_cmpfloat (layout->bounds.x, ==, 0);
  g_assert_cmpfloat (layout->bounds.y, ==, 0);
}

static void
assert_no_overlap (TupuLayout *layout)
{
  for (guint i = 0; i < layout->n_nodes; i++)
    for (guint j = i + 1; j < layout->n_nodes; j++)
      {
        const TupuRect *a = &layout->nodes[i].box, *b = &layout->nodes[j].box;
        gboolean        apart = a->x + a->width <= b->x || b->x + b->width <= a->x ||
                         a->y + a->height <= b->y || b->y + b->height <= a->y;

        if (!apart)
          g_error ("boxes of %s and %s overlap",
                   tupu_graph_get_node (layout->graph, layout->nodes[i].node)->id,
                   tupu_graph_get_node (layout->graph, layout->nodes[j].node)->id);
      }
}

static void
assert_every_edge_has_a_path (TupuLayout *layout)
{
  guint expected = 0;

  for (guint i = 0; i < tupu_graph_get_n_edges (layout->graph); i++)
    {
      const TupuEdge *edge = tupu_graph_get_edge (layout->graph, i);

      if (layout->geom_of_node[edge->source] >= 0 && layout->geom_of_node[edge->target] >= 0)
        expected++;
    }
  g_assert_cmpuint (layout->n_edges, ==, expected);

  for (guint i = 0; i < layout->n_edges; i++)
    {
      const TupuEdgeGeom *eg = &layout->edges[i];
      const TupuEdge     *edge = tupu_graph_get_edge (layout->graph, eg->edge);
      const TupuPoint    *end = eg->has_arrow ? &eg->arrow[0] : &eg->points[eg->n_points - 1];

      g_assert_cmpuint (eg->n_points, >=, 4);
      g_assert_cmpuint ((eg->n_points - 1) % 3, ==, 0);
      g_assert_cmpint (eg->tail, ==, layout->geom_of_node[edge->source]);
      g_assert_cmpint (eg->head, ==, layout->geom_of_node[edge->target]);
      /* The path runs from the source's box to the target's (arrow tip included). */
      g_assert_true (point_near_rect (&eg->points[0], &layout->nodes[eg->tail].box, 3));
      g_assert_true (point_near_rect (end, &layout->nodes[eg->head].box, 3));
      for (guint p = 0; p < eg->n_points; p++)
        g_assert_true (point_near_rect (&eg->points[p], &layout->bounds, 0.01));
    }
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Every run's ink, as drawn, lies inside its box; and wrapping lost no character. */
static void
assert_labels_fit (TupuLayout *layout)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  _tupu_text_setup_context (context);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNodeGeom *ng = &layout->nodes[i];
      const TupuNode     *node = tupu_graph_get_node (layout->graph, ng->node);
      g_autoptr (GString) label = g_string_new (NULL);
      g_autoptr (GString) gloss = g_string_new (NULL);
      g_autofree char *want_label = strip_spaces (node->label_zh);
      g_autofree char *want_gloss = strip_spaces (node->label_en);
      g_autofree char *got_label = NULL, *got_gloss = NULL;

      for (guint r = 0; r < ng->n_runs; r++)
        {
          const TupuTextRun *run = &ng->runs[r];
          g_autoptr (PangoLayout) pl = _tupu_text_run_layout (
              context, run->text, run->role, node->kind, layout->options.text_scale);
          PangoRectangle ink;
          TupuRect       ink_rect;

          pango_layout_get_extents (pl, &ink, NULL);
          ink_rect =
              (TupuRect){ run->x + ink.x / (double)PANGO_SCALE,
                          run->y + ink.y / (double)PANGO_SCALE, ink.width / (double)PANGO_SCALE,
                          ink.height / (double)PANGO_SCALE };
          if (!rect_inside (&ink_rect, &ng->box, 0))
            g_error ("ink of “%s” (%g,%g %gx%g) overflows the box of %s (%g,%g %gx%g)", run->text,
                     ink_rect.x, ink_rect.y, ink_rect.width, ink_rect.height, node->id, ng->box.x,
                     ng->box.y, ng->box.width, ng->box.height);
          g_string_append (run->role == TUPU_FONT_LABEL ? label : gloss, run->text);
        }
      got_label = strip_spaces (label->str);
      got_gloss = strip_spaces (gloss->str);
      g_assert_cmpstr (got_label, ==, want_label);
      if (layout->options.show_gloss)
        g_assert_cmpstr (got_gloss, ==, want_gloss);
      else
        g_assert_cmpstr (got_gloss, ==, "");
    }
  g_object_unref (context);
}

static void
assert_layout_sound (TupuLayout *layout)
{
  assert_every_node_has_a_box (layout);
  assert_every_edge_has_a_path (layout);
  assert_labels_fit (layout);
  if (layout->options.engine == TUPU_ENGINE_DOT)
    assert_no_overlap (layout);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */

static void
test_engine_names (void)
{
  for (guint i = 0; i < TUPU_N_ENGINES; i++)
    {
      TupuEngine engine = TUPU_N_ENGINES;

      g_assert_true (tupu_engine_from_string (tupu_engine_to_string (i), &engine));
      g_assert_cmpint (engine, ==, i);
    }
  g_assert_cmpstr (tupu_engine_to_string (TUPU_ENGINE_DOT), ==, "dot");
  g_assert_false (tupu_engine_from_string ("osage", &(TupuEngine){ 0 }));
  g_assert_false (tupu_engine_from_string ("DOT", &(TupuEngine){ 0 }));
  g_assert_false (tupu_engine_from_string (NULL, &(TupuEngine){ 0 }));
}

static void
test_builtin_dot (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  g_autoptr (TupuLayout) layout = compute (graph, TUPU_ENGINE_DOT, -1);

  g_assert_cmpuint (layout->n_nodes, ==, tupu_graph_get_n_nodes (graph));
  assert_layout_sound (layout);
}

static void
test_fixture_dot (void)
{
  g_autoptr (TupuGraph) graph = load_fixture ("escapes.json");
  g_autoptr (TupuLayout) layout = compute (graph, TUPU_ENGINE_DOT, -1);
  const TupuNodeGeom *root = &layout->nodes[layout->geom_of_node[tupu_graph_get_root (graph)]];

  assert_layout_sound (layout);
  /* rankdir=LR: the root is leftmost, and every child lies right of its parent. */
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNode *node = tupu_graph_get_node (graph, layout->nodes[i].node);

      g_assert_cmpfloat (layout->nodes[i].box.x, >=, root->box.x);
      if (node->parent >= 0)
        g_assert_cmpfloat (layout->nodes[i].box.x, >,
                           layout->nodes[layout->geom_of_node[node->parent]].box.x);
    }
  /* The long label wrapped onto several lines. */
  g_assert_cmpuint (
      layout->nodes[layout->geom_of_node[tupu_graph_lookup (graph, "long-label")]].n_runs, >=, 4);
}

static void
test_every_engine (void)
{
  const char *fixtures[] = { NULL, "escapes.json" };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr (TupuGraph) graph = fixtures[f] ? load_fixture (fixtures[f]) : load_builtin ();

      for (guint e = 0; e < TUPU_N_ENGINES; e++)
        {
          g_autoptr (TupuLayout) layout = compute (graph, e, -1);

          g_test_message ("%s with %s", fixtures[f] ? fixtures[f] : "builtin",
                          tupu_engine_to_string (e));
          g_assert_cmpint (layout->options.engine, ==, e);
          assert_layout_sound (layout);
        }
    }
}

static void
test_options (void)
{
  g_autoptr (TupuGraph) graph = load_fixture ("escapes.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuLayout) normal = NULL;
  g_autoptr (TupuLayout) large = NULL;
  g_autoptr (TupuLayout) plain = NULL;
  TupuLayoutOptions options;

  tupu_layout_options_init (&options);
  g_assert_cmpint (options.engine, ==, TUPU_ENGINE_DOT);
  g_assert_cmpint (options.root, ==, -1);
  g_assert_true (options.show_gloss);
  g_assert_cmpfloat (options.text_scale, ==, 1.0);
  g_assert_cmpint (options.direction, ==, TUPU_DIRECTION_LEFT_TO_RIGHT);

  normal = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);
  options.text_scale = 1.5;
  large = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);
  options.text_scale = 1.0;
  options.show_gloss = FALSE;
  plain = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);

  assert_layout_sound (large);
  assert_layout_sound (plain);
  for (guint i = 0; i < normal->n_nodes; i++)
    {
      /* Same graph, same order: geometry indices correspond. */
      g_assert_cmpuint (normal->nodes[i].node, ==, large->nodes[i].node);
      g_assert_cmpfloat (large->nodes[i].box.height, >, normal->nodes[i].box.height);
      g_assert_cmpfloat (plain->nodes[i].box.height, <, normal->nodes[i].box.height);
      for (guint r = 0; r < plain->nodes[i].n_runs; r++)
        g_assert_cmpint (plain->nodes[i].runs[r].role, ==, TUPU_FONT_LABEL);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Speech order                                                                                */

/* Lays @graph out with dot in @direction and fails, naming them, if any parent's children are
 * out of speech order. */
static void
assert_speech_order (TupuGraph *graph, const char *name, TupuDirection direction)
{
  g_autoptr (TupuLayout) layout = compute_in (graph, TUPU_ENGINE_DOT, -1, direction);
  g_autoptr (GArray) parents = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) misordered = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GString) names = g_string_new (NULL);
  guint n = tupu_layout_check_order (layout, direction, parents, misordered);

  assert_layout_sound (layout);
  for (guint i = 0; i < misordered->len; i++)
    g_string_append_printf (names, " %s",
                            tupu_graph_get_node (graph, g_array_index (misordered, guint, i))->id);
  g_test_message ("%s, dot, %s: %u of %u parents out of order:%s", name,
                  tupu_direction_to_string (direction), n, parents->len, names->str);
  g_assert_cmpuint (parents->len, >, 0);
  g_assert_cmpuint (misordered->len, ==, n);
  if (n != 0)
    g_error ("%s, dot, %s: %u of %u parents out of order:%s", name,
             tupu_direction_to_string (direction), n, parents->len, names->str);
}

/* How many parents with two or more children have them not clockwise (on screen, y down) around
 * the root's centre, which twopi draws its rings around, in speech order: each step turns less
 * than half a turn, all in one sense. Sets *n_parents. */
static guint
count_not_clockwise (TupuLayout *layout, guint *n_parents)
{
  TupuPoint c =
      centre (&layout->nodes[layout->geom_of_node[tupu_graph_get_root (layout->graph)]].box);
  guint n = 0;

  *n_parents = 0;
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuNode *node = tupu_graph_get_node (layout->graph, layout->nodes[i].node);
      double          last = 0;
      gboolean        clockwise = TRUE;

      if (node->children->len < 2)
        continue;
      (*n_parents)++;
      for (guint k = 0; k < node->children->len; k++)
        {
          guint     child = g_array_index (node->children, guint, k);
          TupuPoint p = centre (&layout->nodes[layout->geom_of_node[child]].box);
          double    angle = atan2 (p.y - c.y, p.x - c.x);

          if (k > 0)
            clockwise &= remainder (angle - last, 2 * G_PI) > 0;
          last = angle;
        }
      n += !clockwise;
    }
  return n;
}

/* twopi draws the parts clockwise, but for the few that its overlap removal moves; circo orders
 * its circles by its own crossing reduction, so only its figure is reported. */
static void
test_order_radial (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  g_autoptr (TupuLayout) twopi = compute (graph, TUPU_ENGINE_TWOPI, -1);
  g_autoptr (TupuLayout) circo = compute (graph, TUPU_ENGINE_CIRCO, -1);
  guint n_parents, n_twopi = count_not_clockwise (twopi, &n_parents);
  guint n_circo = count_not_clockwise (circo, &n_parents);

  g_test_message ("built-in: %u of %u parents not clockwise with twopi, %u with circo", n_twopi,
                  n_parents, n_circo);
  assert_layout_sound (twopi);
  g_assert_cmpuint (n_twopi, <=, n_parents / 5);
}

static void
test_order_builtin (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();

  assert_speech_order (graph, "built-in", TUPU_DIRECTION_LEFT_TO_RIGHT);
  assert_speech_order (graph, "built-in", TUPU_DIRECTION_TOP_TO_BOTTOM);
}

/* Graphs written by gen-graph.py (a report, parts, lists of items, cross-links): the one under
 * data/, and a bigger one that the build generates when the tool is there (see meson.build). */
static void
test_order_generated (void)
{
  const char *generated = g_getenv ("TUPU_GENERATED_GRAPH");
  g_autoptr (GPtrArray) graphs = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (graphs, load_fixture ("generated-200.json"));
  if (generated != NULL && g_file_test (generated, G_FILE_TEST_EXISTS))
    {
      g_autoptr (GFile) file = g_file_new_for_path (generated);
      g_autoptr (GError) error = NULL;
      TupuGraph *graph = tupu_graph_load_file (file, NULL, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (graphs, graph);
    }
  else
    g_test_message ("no bigger generated graph in this build");

  for (guint i = 0; i < graphs->len; i++)
    {
      TupuGraph       *graph = g_ptr_array_index (graphs, i);
      g_autofree char *name = g_strdup_printf ("%s, %u nodes", tupu_graph_get_id (graph),
                                               tupu_graph_get_n_nodes (graph));

      assert_speech_order (graph, name, TUPU_DIRECTION_LEFT_TO_RIGHT);
      assert_speech_order (graph, name, TUPU_DIRECTION_TOP_TO_BOTTOM);
    }
}

/* The check itself: siblings whose boxes trade places are reported, along the right axis. */
static void
test_order_checker (void)
{
  g_autoptr (TupuGraph) graph = load_fixture ("generated-200.json");
  g_autoptr (TupuLayout) layout =
      compute_in (graph, TUPU_ENGINE_DOT, -1, TUPU_DIRECTION_TOP_TO_BOTTOM);
  g_autoptr (GArray) misordered = g_array_new (FALSE, FALSE, sizeof (guint));
  const TupuNode *parent = NULL;
  TupuNodeGeom   *a, *b;
  TupuRect        box;
  gboolean        found = FALSE;

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph) && parent == NULL; i++)
    if (tupu_graph_get_node (graph, i)->children->len >= 3)
      parent = tupu_graph_get_node (graph, i);
  g_assert_nonnull (parent);

  /* Tests may change a layout they own: swap the first two children's boxes. */
  a = &layout->nodes[layout->geom_of_node[g_array_index (parent->children, guint, 0)]];
  b = &layout->nodes[layout->geom_of_node[g_array_index (parent->children, guint, 1)]];
  box = a->box;
  a->box = b->box;
  b->box = box;

  g_assert_cmpuint (
      tupu_layout_check_order (layout, TUPU_DIRECTION_TOP_TO_BOTTOM, NULL, misordered), >=, 1);
  for (guint i = 0; i < misordered->len; i++)
    found |= g_array_index (misordered, guint, i) == parent->index;
  g_assert_true (found);

  /* Read along the wrong axis, a top-to-bottom layout's siblings (one rank, same y) show no
   * order at all. */
  g_assert_cmpuint (tupu_layout_check_order (layout, TUPU_DIRECTION_LEFT_TO_RIGHT, NULL, NULL), >,
                    0);
}

static void
test_direction_names (void)
{
  TupuDirection direction = TUPU_N_DIRECTIONS;

  g_assert_cmpstr (tupu_direction_to_string (TUPU_DIRECTION_LEFT_TO_RIGHT), ==, "lr");
  g_assert_cmpstr (tupu_direction_to_string (TUPU_DIRECTION_TOP_TO_BOTTOM), ==, "tb");
  g_assert_true (tupu_direction_from_string ("tb", &direction));
  g_assert_cmpint (direction, ==, TUPU_DIRECTION_TOP_TO_BOTTOM);
  g_assert_false (tupu_direction_from_string ("TB", &direction));
  g_assert_false (tupu_direction_from_string (NULL, &direction));
}

/* No line of a wrapped Chinese label holds one character alone (the root title once ended on a
 * lone 报), at the normal text size and at the larger ones a desktop may ask for. */
static void
test_no_lone_character (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  const double scales[] = { 1.0, 1.25, 1.5, 2.0 };
  guint        n_wrapped = 0;

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TupuLayout) layout = NULL;
      TupuLayoutOptions options;

      tupu_layout_options_init (&options);
      options.text_scale = scales[s];
      layout = tupu_layout_compute (graph, &options, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < layout->n_nodes; i++)
        {
          const TupuNodeGeom *ng = &layout->nodes[i];
          guint               n_label = 0;

          for (guint r = 0; r < ng->n_runs; r++)
            n_label += ng->runs[r].role == TUPU_FONT_LABEL;
          n_wrapped += n_label > 1;
          for (guint r = 0; r < ng->n_runs && n_label > 1; r++)
            if (ng->runs[r].role == TUPU_FONT_LABEL && g_utf8_strlen (ng->runs[r].text, -1) < 2)
              g_error ("at text scale %g, line %u of “%s” holds “%s” alone", scales[s], r + 1,
                       tupu_graph_get_node (graph, ng->node)->label_zh, ng->runs[r].text);
        }
    }
  g_test_message ("%u wrapped labels checked", n_wrapped);
  g_assert_cmpuint (n_wrapped, >, 0);
}

/* The same on made-up labels of 2 to 40 characters, in lines of 4 to 12 characters: balanced
 * lines alone leave 报 by itself in some (with punctuation that may not start a line, say). */
static void
test_wrap_no_lone_character (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  const char   *alphabet = "人社局主题教育工作进展汇报学思用贯通知信行统一深谋实干促改民生保障";
  const char   *endings[] = { "报", "报。", "。报", "" };

  _tupu_text_setup_context (context);
  for (guint n = 2; n <= 40; n++)
    for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
      for (guint ems = 4; ems <= 12; ems++)
        {
          g_autoptr (GString) text = g_string_new (NULL);
          g_autoptr (GArray) lines = NULL;
          double size = 16;

          for (guint c = 0; c < n; c++)
            g_string_append_unichar (text,
                                     g_utf8_get_char (g_utf8_offset_to_pointer (alphabet, c % 34)));
          g_string_append (text, endings[e]);
          lines = _tupu_text_wrap (context, text->str, TUPU_FONT_LABEL, TUPU_KIND_REPORT, 1.0,
                                   ems * size);
          for (guint i = 0; i < lines->len && lines->len > 1; i++)
            {
              const TupuTextLine *line = &g_array_index (lines, TupuTextLine, i);

              if (g_utf8_strlen (text->str + line->start, line->length) < 2)
                g_error ("“%s” in lines of %u ems: line %u of %u holds “%.*s” alone", text->str,
                         ems, i + 1, lines->len, line->length, text->str + line->start);
            }
        }
  g_object_unref (context);
}

static void
test_subtree (void)
{
  g_autoptr (TupuGraph) graph = load_fixture ("escapes.json");
  int root = tupu_graph_lookup (graph, "backslashes");
  g_autoptr (TupuLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  TupuLayoutOptions options;

  g_assert_cmpint (root, >=, 0);
  layout = compute (graph, TUPU_ENGINE_DOT, root);
  assert_layout_sound (layout);
  g_assert_cmpuint (layout->n_nodes, ==, 3);
  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    g_assert_cmpint (layout->geom_of_node[i] >= 0, ==, tupu_graph_is_descendant (graph, i, root));
  /* Two part-of edges; the cross-links leave the subtree. */
  g_assert_cmpuint (layout->n_edges, ==, 2);

  tupu_layout_options_init (&options);
  options.root = (int)tupu_graph_get_n_nodes (graph);
  g_assert_null (tupu_layout_compute (graph, &options, NULL, &error));
  g_assert_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_NO_ROOT);
}

static void
test_caps_nodes (void)
{
  /* 1 + 40 + 40 × 50 = 2041 nodes: over dot's 2000 and circo's 300, within sfdp's 20000. */
  g_autoptr (TupuGraph) graph = generate_graph (40, 50);
  g_autoptr (GError) error = NULL;
  TupuLayoutOptions options;

  g_assert_cmpuint (tupu_graph_get_n_nodes (graph), ==, 2041);
  tupu_layout_options_init (&options);
  g_assert_false (tupu_layout_check_limits (graph, &options, &error));
  g_assert_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "2041"));
  g_assert_nonnull (strstr (error->message, "2000"));
  g_assert_nonnull (strstr (error->message, "sfdp"));
  g_clear_error (&error);

  /* compute checks the caps too, before any work. */
  g_assert_null (tupu_layout_compute (graph, &options, NULL, &error));
  g_assert_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  options.engine = TUPU_ENGINE_CIRCO;
  g_assert_false (tupu_layout_check_limits (graph, &options, &error));
  g_assert_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  for (guint i = 0; i < 2; i++)
    {
      options.engine = i == 0 ? TUPU_ENGINE_SFDP : TUPU_ENGINE_TWOPI;
      g_assert_true (tupu_layout_check_limits (graph, &options, &error));
      g_assert_no_error (error);
    }

  /* A subtree is measured on its own: 51 nodes fit every engine. */
  options.engine = TUPU_ENGINE_DOT;
  options.root = tupu_graph_lookup (graph, "n1");
  g_assert_true (tupu_layout_check_limits (graph, &options, &error));
  g_assert_no_error (error);
}

/* Too large for the engine chosen: sfdp, which takes the most, and why; the choice where it fits.
 */
static void
test_caps_fallback (void)
{
  g_autoptr (TupuGraph) big = generate_graph (40, 50);  /* 2041 nodes */
  g_autoptr (TupuGraph) wide = generate_graph (201, 0); /* a node of degree 201 */
  g_autoptr (GError) refusal = NULL;
  TupuLayoutOptions options;

  tupu_layout_options_init (&options);
  g_assert_cmpint (tupu_layout_pick_engine (big, &options, &refusal), ==, TUPU_ENGINE_SFDP);
  g_assert_error (refusal, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (refusal->message, "dot"));
  g_assert_nonnull (strstr (refusal->message, "2000"));
  g_clear_error (&refusal);

  options.engine = TUPU_ENGINE_CIRCO;
  g_assert_cmpint (tupu_layout_pick_engine (big, &options, &refusal), ==, TUPU_ENGINE_SFDP);
  g_assert_nonnull (strstr (refusal->message, "circo"));
  g_clear_error (&refusal);

  /* Accepted: the engine chosen, no refusal. */
  options.engine = TUPU_ENGINE_TWOPI;
  g_assert_cmpint (tupu_layout_pick_engine (big, &options, &refusal), ==, TUPU_ENGINE_TWOPI);
  g_assert_no_error (refusal);
  options.engine = TUPU_ENGINE_DOT;
  options.root = tupu_graph_lookup (big, "n1");
  g_assert_cmpint (tupu_layout_pick_engine (big, &options, &refusal), ==, TUPU_ENGINE_DOT);
  g_assert_no_error (refusal);
  options.root = -1;

  g_assert_cmpint (tupu_layout_pick_engine (wide, &options, &refusal), ==, TUPU_ENGINE_SFDP);
  g_assert_nonnull (strstr (refusal->message, "200"));
  g_clear_error (&refusal);

  /* sfdp itself is never replaced (the loader's own limits keep every graph within its caps). */
  options.engine = TUPU_ENGINE_SFDP;
  g_assert_cmpint (tupu_layout_pick_engine (wide, &options, &refusal), ==, TUPU_ENGINE_SFDP);
  g_assert_no_error (refusal);
}

static void
test_caps_degree (void)
{
  /* The report has 201 children: over dot's degree cap of 200, within neato's 500. */
  g_autoptr (TupuGraph) graph = generate_graph (201, 0);
  g_autoptr (GError) error = NULL;
  TupuLayoutOptions options;

  tupu_layout_options_init (&options);
  g_assert_null (tupu_layout_compute (graph, &options, NULL, &error));
  g_assert_error (error, TUPU_LAYOUT_ERROR, TUPU_LAYOUT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "n0"));
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);

  options.engine = TUPU_ENGINE_NEATO;
  g_assert_true (tupu_layout_check_limits (graph, &options, &error));
  g_assert_no_error (error);
}

static void
box_center (const TupuLayout *layout, const char *id, double *x, double *y)
{
  int             index = tupu_graph_lookup (layout->graph, id);
  const TupuRect *box;

  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (layout->geom_of_node[index], >=, 0);
  box = &layout->nodes[layout->geom_of_node[index]].box;
  *x = box->x + box->width / 2;
  *y = box->y + box->height / 2;
}

/* A relayout's animation: at 0 every concept is where it was (one new to the picture, where its
 * parent was), at 1 where it goes, halfway halfway; edges keep their ends on their boxes. */
static void
test_interpolate (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  g_autoptr (GBytes) overview = tupu_folding_new_overview (graph);
  g_autoptr (GBytes) unfolded =
      tupu_folding_set (overview, graph, tupu_graph_lookup (graph, "part-1"), FALSE);
  g_autoptr (TupuLayout) from = NULL;
  g_autoptr (TupuLayout) to = NULL;
  g_autoptr (GError) error = NULL;
  const TupuNode *part = tupu_graph_get_node (graph, tupu_graph_lookup (graph, "part-1"));
  const char     *child = tupu_graph_get_node (graph, g_array_index (part->children, guint, 0))->id;
  TupuLayoutOptions options;
  double            fx, fy, tx, ty, x, y;

  tupu_layout_options_init (&options);
  options.folded = overview;
  from = tupu_layout_compute (graph, &options, NULL, &error);
  options.folded = unfolded;
  to = tupu_layout_compute (graph, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (from->geom_of_node[tupu_graph_lookup (graph, child)], <, 0);

  for (guint i = 0; i < 3; i++)
    {
      double t = i / 2.0;
      g_autoptr (TupuLayout) mid = tupu_layout_interpolate (from, to, t, 1, 0, 0);

      g_assert_cmpuint (mid->n_nodes, ==, to->n_nodes);
      /* Sound but for overlaps: concepts coming out of their parent overlap it on the way. */
      assert_every_node_has_a_box (mid);
      assert_every_edge_has_a_path (mid);
      assert_labels_fit (mid);
      /* A concept in both pictures. */
      box_center (from, "part-2", &fx, &fy);
      box_center (to, "part-2", &tx, &ty);
      box_center (mid, "part-2", &x, &y);
      g_assert_cmpfloat_with_epsilon (x, fx + (tx - fx) * t, 1e-6);
      g_assert_cmpfloat_with_epsilon (y, fy + (ty - fy) * t, 1e-6);
      /* One unfolded: it comes out of its parent's old place. */
      box_center (from, "part-1", &fx, &fy);
      box_center (to, child, &tx, &ty);
      box_center (mid, child, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, fx + (tx - fx) * t, 1e-6);
      g_assert_cmpfloat_with_epsilon (y, fy + (ty - fy) * t, 1e-6);
    }

  /* The view transforms: from's coordinates scaled and shifted into to's. */
  {
    g_autoptr (TupuLayout) start = tupu_layout_interpolate (from, to, 0, 2, 10, -5);

    box_center (from, "report", &fx, &fy);
    box_center (start, "report", &x, &y);
    g_assert_cmpfloat_with_epsilon (x, fx * 2 + 10, 1e-6);
    g_assert_cmpfloat_with_epsilon (y, fy * 2 - 5, 1e-6);
  }
}

typedef struct Request Request;
struct Request
{
  GCancellable *cancellable;
  gboolean      cancel_early;
  gboolean      done;
  TupuLayout   *layout;
  GError       *error;
  guint        *pending;
  Request      *cancel_next; /* cancelled from this request's callback (it may be running) */
};

static void
request_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Request *request = user_data;

  g_assert_null (source);
  g_assert_false (request->done);
  request->done = TRUE;
  request->layout = tupu_layout_compute_finish (result, &request->error);
  (*request->pending)--;
  if (request->cancel_next != NULL)
    g_cancellable_cancel (request->cancel_next->cancellable);
}

static void
test_cancellation (void)
{
  g_autoptr (TupuGraph) graph = load_fixture ("escapes.json");
  g_autoptr (TupuGraph) builtin = load_builtin ();
  Request requests[60] = { 0 };
  guint   pending = G_N_ELEMENTS (requests);
  guint   n_layouts = 0;

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      Request          *request = &requests[i];
      TupuLayoutOptions options;

      tupu_layout_options_init (&options);
      /* The built-in graph (large) only with dot, to keep the test quick. */
      options.engine = i % 2 ? i % TUPU_N_ENGINES : TUPU_ENGINE_DOT;
      request->cancellable = g_cancellable_new ();
      request->pending = &pending;
      request->cancel_early = i % 3 == 1;
      if (i % 7 == 0 && i + 1 < G_N_ELEMENTS (requests))
        request->cancel_next = &requests[i + 1];
      tupu_layout_compute_async (i % 2 ? graph : builtin, &options, request->cancellable,
                                 request_done_cb, request);
    }
  /* Superseded before their turn: the layout thread is still busy with the first ones. */
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    if (requests[i].cancel_early)
      g_cancellable_cancel (requests[i].cancellable);

  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      Request *request = &requests[i];

      g_assert_true (request->done);
      if (g_cancellable_is_cancelled (request->cancellable))
        {
          g_assert_null (request->layout);
          g_assert_error (request->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
        }
      else
        {
          g_assert_no_error (request->error);
          g_assert_nonnull (request->layout);
          g_assert_cmpint (request->layout->options.engine, ==,
                           i % 2 ? i % TUPU_N_ENGINES : TUPU_ENGINE_DOT);
          g_assert_true (request->layout->graph == (i % 2 ? graph : builtin));
          n_layouts++;
        }
      g_clear_pointer (&request->layout, tupu_layout_unref);
      g_clear_error (&request->error);
      g_clear_object (&request->cancellable);
    }
  g_assert_cmpuint (n_layouts, >, G_N_ELEMENTS (requests) / 3);
}

static void
test_sync_cancelled (void)
{
  g_autoptr (TupuGraph) graph = load_builtin ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  TupuLayoutOptions options;

  tupu_layout_options_init (&options);
  g_cancellable_cancel (cancellable);
  g_assert_null (tupu_layout_compute (graph, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_pick_and_query (void)
{
  g_autoptr (TupuGraph) graph = load_fixture ("escapes.json");
  g_autoptr (TupuLayout) layout = compute (graph, TUPU_ENGINE_DOT, -1);
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *count = g_new0 (guint, layout->n_nodes);

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const TupuRect *box = &layout->nodes[i].box;
      TupuPoint       c = centre (box);
      g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
      TupuRect probe = { c.x - 1, c.y - 1, 2, 2 };
      gboolean found = FALSE;

      g_assert_cmpint (tupu_layout_pick (layout, c.x, c.y), ==, i);
      g_assert_cmpint (tupu_layout_pick (layout, box->x + 0.5, box->y + 0.5), ==, i);
      g_assert_cmpint (
          tupu_layout_pick (layout, box->x + box->width - 0.5, box->y + box->height - 0.5), ==, i);
      tupu_layout_query (layout, &probe, hits);
      for (guint h = 0; h < hits->len; h++)
        found |= g_array_index (hits, guint, h) == i;
      g_assert_true (found);
    }
  /* The margin and the outside hold no node. */
  g_assert_cmpint (tupu_layout_pick (layout, 1, 1), ==, -1);
  g_assert_cmpint (tupu_layout_pick (layout, -50, 20), ==, -1);
  g_assert_cmpint (tupu_layout_pick (layout, layout->bounds.width + 5, 5), ==, -1);

  /* The whole drawing holds every node exactly once. */
  tupu_layout_query (layout, &layout->bounds, all);
  g_assert_cmpuint (all->len, ==, layout->n_nodes);
  for (guint i = 0; i < all->len; i++)
    count[g_array_index (all, guint, i)]++;
  for (guint i = 0; i < layout->n_nodes; i++)
    g_assert_cmpuint (count[i], ==, 1);

  /* A rectangle in the top-left margin holds none. */
  g_array_set_size (all, 0);
  tupu_layout_query (layout, &(TupuRect){ 0, 0, 5, 5 }, all);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_nearest (void)
{
  g_autoptr (TupuGraph) graph = load_fixture ("escapes.json");
  g_autoptr (TupuLayout) layout = compute (graph, TUPU_ENGINE_DOT, -1);
  const int dirs[4][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };
  guint     root = layout->geom_of_node[tupu_graph_get_root (graph)];
  int       right;

  /* LR tree: nothing left of the root, one of its children right of it. */
  g_assert_cmpint (tupu_layout_nearest_in_direction (layout, root, -1, 0), ==, -1);
  right = tupu_layout_nearest_in_direction (layout, root, 1, 0);
  g_assert_cmpint (right, >=, 0);
  g_assert_cmpint (tupu_graph_get_node (graph, layout->nodes[right].node)->parent, ==,
                   (int)tupu_graph_get_root (graph));

  for (guint i = 0; i < layout->n_nodes; i++)
    for (guint d = 0; d < 4; d++)
      {
        int       found = tupu_layout_nearest_in_direction (layout, i, dirs[d][0], dirs[d][1]);
        TupuPoint a = centre (&layout->nodes[i].box);
        double    best = G_MAXDOUBLE;

        /* The answer lies in the ±45° cone, and nothing in the cone is closer. */
        for (guint j = 0; j < layout->n_nodes; j++)
          {
            TupuPoint b = centre (&layout->nodes[j].box);
            double    along = (b.x - a.x) * dirs[d][0] + (b.y - a.y) * dirs[d][1];
            double    across = fabs ((b.x - a.x) * dirs[d][1] - (b.y - a.y) * dirs[d][0]);

            if (j != i && along > 0 && across <= along)
              best = MIN (best, hypot (b.x - a.x, b.y - a.y));
          }
        if (best == G_MAXDOUBLE)
          g_assert_cmpint (found, ==, -1);
        else
          {
            TupuPoint b;

            g_assert_cmpint (found, >=, 0);
            g_assert_cmpint (found, !=, (int)i);
            b = centre (&layout->nodes[found].box);
            g_assert_cmpfloat (fabs (hypot (b.x - a.x, b.y - a.y) - best), <, 1e-9);
          }
      }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/engine-names", test_engine_names);
  g_test_add_func ("/layout/builtin/dot", test_builtin_dot);
  g_test_add_func ("/layout/fixture/dot", test_fixture_dot);
  g_test_add_func ("/layout/every-engine", test_every_engine);
  g_test_add_func ("/layout/options", test_options);
  g_test_add_func ("/layout/subtree", test_subtree);
  g_test_add_func ("/layout/wrap/no-lone-character", test_no_lone_character);
  g_test_add_func ("/layout/wrap/no-lone-character-made-up", test_wrap_no_lone_character);
  g_test_add_func ("/layout/direction-names", test_direction_names);
  g_test_add_func ("/layout/order/checker", test_order_checker);
  g_test_add_func ("/layout/order/builtin", test_order_builtin);
  g_test_add_func ("/layout/order/generated", test_order_generated);
  g_test_add_func ("/layout/order/radial", test_order_radial);
  g_test_add_func ("/layout/caps/nodes", test_caps_nodes);
  g_test_add_func ("/layout/caps/degree", test_caps_degree);
  g_test_add_func ("/layout/caps/fallback", test_caps_fallback);
  g_test_add_func ("/layout/cancellation/async", test_cancellation);
  g_test_add_func ("/layout/cancellation/sync", test_sync_cancelled);
  g_test_add_func ("/layout/pick-and-query", test_pick_and_query);
  g_test_add_func ("/layout/interpolate", test_interpolate);
  g_test_add_func ("/layout/nearest-in-direction", test_nearest);

  return g_test_run ();
}
