/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-layout.h: Graphviz layout, returned as plain geometry.
 *
 * Graphviz (cgraph/gvc) is not thread-safe, so every Graphviz call of the process runs on one
 * dedicated layout thread owned by this module. No Graphviz type appears in this header: the
 * result is a TupuLayout of boxes, label runs, Bézier paths and arrowheads that the view draws,
 * hit-tests and exports.
 *
 * Coordinates are in points (1/72 inch), y pointing down, with the drawing's bounds starting
 * at (0, 0).
 */
#pragma once

#include <gio/gio.h>

#include "tupu-graph.h"
#include "tupu-style.h"

G_BEGIN_DECLS

#define TUPU_LAYOUT_ERROR (tupu_layout_error_quark ())
GQuark tupu_layout_error_quark (void);

typedef enum
{
  TUPU_LAYOUT_ERROR_TOO_LARGE, /* beyond the engine's caps; message suggests another engine */
  TUPU_LAYOUT_ERROR_FAILED,    /* Graphviz reported an error */
  TUPU_LAYOUT_ERROR_NO_ROOT,   /* the requested subtree root does not exist */
} TupuLayoutError;

typedef enum
{
  TUPU_ENGINE_DOT,
  TUPU_ENGINE_NEATO,
  TUPU_ENGINE_FDP,
  TUPU_ENGINE_SFDP,
  TUPU_ENGINE_CIRCO,
  TUPU_ENGINE_TWOPI,
  TUPU_N_ENGINES
} TupuEngine;

const char *tupu_engine_to_string (TupuEngine engine);
gboolean    tupu_engine_from_string (const char *str, TupuEngine *engine);

/* Which way dot draws the part-of tree: the root's side, and where its children go. */
typedef enum
{
  TUPU_DIRECTION_LEFT_TO_RIGHT, /* root at the left; siblings top to bottom */
  TUPU_DIRECTION_TOP_TO_BOTTOM, /* root at the top; siblings left to right */
  TUPU_N_DIRECTIONS
} TupuDirection;

const char *tupu_direction_to_string (TupuDirection direction); /* "lr", "tb" */
gboolean    tupu_direction_from_string (const char *str, TupuDirection *direction);

typedef struct
{
  TupuEngine engine;
  int        root;       /* node index of the subtree to lay out, -1 = whole graph */
  gboolean   show_gloss; /* draw the English gloss under the Chinese label */
  double     text_scale; /* the desktop's text scaling factor, 1.0 = normal */
  /* One byte per graph node, non-zero where the node's parts are folded into it: they are not
   * laid out, and the node carries a badge with their number. The branch root's own fold is
   * ignored. NULL, or the wrong size for the graph, folds nothing. Copies of the options share
   * it: tupu_layout_options_copy() takes a reference, tupu_layout_options_clear() drops it. */
  GBytes       *folded;
  TupuDirection direction; /* dot only; the other engines have no direction */
} TupuLayoutOptions;

/* dot, whole graph, gloss, 1.0, nothing folded, left to right */
void tupu_layout_options_init (TupuLayoutOptions *options);
void tupu_layout_options_copy (TupuLayoutOptions *dest, const TupuLayoutOptions *src);
void tupu_layout_options_clear (TupuLayoutOptions *options);

typedef struct
{
  double x, y;
} TupuPoint;

typedef struct
{
  double x, y, width, height;
} TupuRect;

/* One line of a node's label, measured and wrapped with Pango before layout. */
typedef struct
{
  char        *text;
  TupuFontRole role;
  double       x, y; /* top-left of the line's logical rectangle */
  double       width, height;
  double       baseline; /* below y, where the line's baseline lies */
} TupuTextRun;

typedef struct
{
  guint        node; /* index in the graph */
  TupuRect     box;
  TupuTextRun *runs;
  guint        n_runs;
  guint        n_folded; /* parts folded into this node (its badge shows the number), or 0 */
} TupuNodeGeom;

typedef struct
{
  guint      edge;   /* index in the graph */
  guint      tail;   /* geometry index (in TupuLayout.nodes) of the edge's source */
  guint      head;   /* geometry index of the edge's target */
  TupuPoint *points; /* a cubic Bézier spline: p0, c1, c2, p1, c1, c2, p2, … (1 + 3k) */
  guint      n_points;
  gboolean   has_arrow;
  TupuPoint  arrow[3]; /* arrowhead triangle: tip, then the two base corners */
} TupuEdgeGeom;

/* Immutable once returned; share it by reference. */
typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public, read-only >*/
  TupuGraph        *graph;
  TupuLayoutOptions options;
  TupuRect          bounds; /* (0, 0, width, height) */
  TupuNodeGeom     *nodes;
  guint             n_nodes;      /* nodes laid out (all, or the subtree's) */
  int              *geom_of_node; /* graph node index -> index in nodes, or -1 */
  TupuEdgeGeom     *edges;
  guint             n_edges;
  gpointer          index; /* private spatial index for picking */
} TupuLayout;

/* Where node @geom_index's badge of folded parts sits (over its top-right corner), in layout
 * space: the painter draws it there and the view takes clicks on it. FALSE when the node has
 * no folded parts. */
gboolean tupu_layout_badge_rect (TupuLayout *layout, guint geom_index, TupuRect *rect);

#define TUPU_TYPE_LAYOUT (tupu_layout_get_type ())
GType       tupu_layout_get_type (void) G_GNUC_CONST;
TupuLayout *tupu_layout_ref (TupuLayout *self);
void        tupu_layout_unref (TupuLayout *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuLayout, tupu_layout_unref)

/* A picture between two layouts of one graph, for animating a relayout: @to's geometry with
 * every node moved (1 - @t) of the way back to where it was in @from, its edges and label lines
 * with it. A node @from did not lay out starts where its nearest part-of ancestor was. @from's
 * coordinates map into @to's as p * @scale + (@dx, @dy) (the view transforms of the two
 * pictures), so a node that stays put on screen stays put throughout. @t in [0, 1]. */
TupuLayout *tupu_layout_interpolate (TupuLayout *from, TupuLayout *to, double t, double scale,
                                     double dx, double dy);

/* Checks the caps of options->engine for @graph (or its subtree) without laying out. */
gboolean tupu_layout_check_limits (TupuGraph *graph, const TupuLayoutOptions *options,
                                   GError **error);

/* The engine to lay @graph out with: options->engine when its caps accept the graph, else sfdp
 * (whose caps are the widest) if it does, with why options->engine refused in @refusal. When
 * sfdp refuses too, options->engine (whose layout then fails with that error). The user's choice
 * stays theirs: a graph it fits is laid out with it again. */
TupuEngine tupu_layout_pick_engine (TupuGraph *graph, const TupuLayoutOptions *options,
                                    GError **refusal);

/* Queues a layout on the layout thread. A request whose @cancellable is cancelled before its
 * turn is skipped; one cancelled while running finishes in the background and its result is
 * dropped. Either way the callback sees G_IO_ERROR_CANCELLED. */
void        tupu_layout_compute_async (TupuGraph *graph, const TupuLayoutOptions *options,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);
TupuLayout *tupu_layout_compute_finish (GAsyncResult *result, GError **error);
/* Runs on the layout thread too, blocking the caller (for the CLI and tests; never the UI). */
TupuLayout *tupu_layout_compute (TupuGraph *graph, const TupuLayoutOptions *options,
                                 GCancellable *cancellable, GError **error);

/* The parents (graph node indices) that have two or more part-of children laid out, and of
 * those the ones whose children's box centres do not follow speech order along @direction's
 * cross-axis: strictly increasing x for top-to-bottom, strictly increasing y (downwards) for
 * left-to-right. Either array may be NULL. Returns how many parents are out of order. */
guint tupu_layout_check_order (TupuLayout *self, TupuDirection direction, GArray *parents,
                               GArray *misordered);

/* Geometry index of the node whose box contains (x, y), or -1. Uses a grid index. */
int tupu_layout_pick (TupuLayout *self, double x, double y);
/* Geometry index of the nearest node whose centre lies in the direction (dx, dy) (one of the
 * four axes) from node @from, or -1. */
int tupu_layout_nearest_in_direction (TupuLayout *self, guint from, int dx, int dy);
/* Geometry indices whose boxes intersect @rect, appended to @out (guint). */
void tupu_layout_query (TupuLayout *self, const TupuRect *rect, GArray *out);

G_END_DECLS
