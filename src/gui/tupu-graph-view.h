/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-graph-view.h: the interactive concept-graph canvas.
 *
 * Lays the graph out on the core layout thread (never blocking the main loop), keeps the drawing
 * as a cached render node and changes only a transform on zoom and pan; hover, selection and the
 * focus ring are drawn on top each frame. Keyboard-complete and accessible.
 *
 * Its canvas-local actions (installed on the class, group "view"): view.select-next,
 * view.select-previous, view.select-first, view.select-last, view.move-selection, view.pan,
 * view.center-selection, view.clear-selection, view.activate-selection. Zoom and branch commands
 * are the window's actions, through the functions below.
 */
#pragma once

#include <gtk/gtk.h>

#include "tupu-graph.h"
#include "tupu-layout.h"

G_BEGIN_DECLS

#define TUPU_TYPE_GRAPH_VIEW (tupu_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (TupuGraphView, tupu_graph_view, TUPU, GRAPH_VIEW, GtkWidget)

GtkWidget *tupu_graph_view_new (void);

/* Shows @graph (NULL clears). When the new graph has the same node ids as the old one (a reload),
 * the selection and the view (zoom, and the node at the centre) are kept where they still exist;
 * the first layout of a new graph is fitted to the window. Properties: "graph". */
void       tupu_graph_view_set_graph (TupuGraphView *self, TupuGraph *graph);
TupuGraph *tupu_graph_view_get_graph (TupuGraphView *self);
/* What a new graph's first layout needs to be computed ahead, off the main thread (the window
 * does so while it loads the file): the options it is laid out with before its folds, its
 * branch and the engine its size may call for are known (tupu_layout_pick_engine()). */
void tupu_graph_view_get_fresh_options (TupuGraphView *self, TupuLayoutOptions *options);
/* Offers the view a layout computed ahead for the graph about to be set: its first request then
 * takes it, if its graph and options are those asked for, instead of laying out again. */
void tupu_graph_view_offer_layout (TupuGraphView *self, TupuLayout *layout);
/* The current layout, or NULL while the first one is being computed. Property: "layout". */
TupuLayout *tupu_graph_view_get_layout (TupuGraphView *self);

/* Layout engine; changing it relayouts. Property: "engine" (TupuEngine as int). */
void       tupu_graph_view_set_engine (TupuGraphView *self, TupuEngine engine);
TupuEngine tupu_graph_view_get_engine (TupuGraphView *self);
gboolean   tupu_graph_view_get_layout_pending (TupuGraphView *self);
/* The engine at work on the layout in progress: the one chosen, or the one that takes a graph
 * too large for it. The chosen engine when no layout is in progress. */
TupuEngine tupu_graph_view_get_pending_engine (TupuGraphView *self);
void       tupu_graph_view_cancel_layout (TupuGraphView *self);
/* Which way dot grows the tree; changing it relayouts under dot (the other engines have no
 * direction). Property: "direction" (TupuDirection as int). */
void          tupu_graph_view_set_direction (TupuGraphView *self, TupuDirection direction);
TupuDirection tupu_graph_view_get_direction (TupuGraphView *self);
/* Whether the English gloss is shown under labels. Property: "show-gloss". */
void     tupu_graph_view_set_show_gloss (TupuGraphView *self, gboolean show_gloss);
gboolean tupu_graph_view_get_show_gloss (TupuGraphView *self);

/* The selected node's id, or NULL. Property: "selected-id". Selecting with @center TRUE animates
 * the view to centre the node. Unknown ids are ignored (returns FALSE). */
gboolean    tupu_graph_view_select (TupuGraphView *self, const char *id, gboolean center);
const char *tupu_graph_view_get_selected_id (TupuGraphView *self);

/* The branch shown: only the part-of subtree under node @id (NULL = the whole graph), fitted to
 * the window. The selection is kept when it lies in the branch. Unknown ids are ignored (returns
 * FALSE). Property: "root-id". tupu_graph_view_leave_branch() goes one level up. */
gboolean    tupu_graph_view_set_root_id (TupuGraphView *self, const char *id);
const char *tupu_graph_view_get_root_id (TupuGraphView *self);
void        tupu_graph_view_leave_branch (TupuGraphView *self);
/* Whether view.focus-branch would do something: the selection has parts and is not the root. */
gboolean tupu_graph_view_can_focus_branch (TupuGraphView *self);

/* The visible area: the layout point in the middle of the view, and the zoom. FALSE without a
 * layout. */
gboolean tupu_graph_view_get_visible (TupuGraphView *self, double *center_x, double *center_y,
                                      double *zoom);
/* Shows layout point (@center_x, @center_y) in the middle of the view at @zoom. With a layout on
 * its way (the branch or the folds just changed), in it once it arrives, instead of fitting it or
 * keeping the concept at the centre where it was. */
void tupu_graph_view_set_visible (TupuGraphView *self, double center_x, double center_y,
                                  double zoom);

/* Zoom: widget (logical) pixels per layout point. Property: "zoom". */
double tupu_graph_view_get_zoom (TupuGraphView *self);
/* Sets the zoom keeping the layout point under widget point (@x, @y) fixed. */
void tupu_graph_view_zoom_at (TupuGraphView *self, double zoom, double x, double y);
/* Animated steps around the centre, and fit or 1:1; nothing happens without a layout. */
void tupu_graph_view_zoom_in (TupuGraphView *self);
void tupu_graph_view_zoom_out (TupuGraphView *self);
void tupu_graph_view_zoom_fit (TupuGraphView *self);
void tupu_graph_view_zoom_one (TupuGraphView *self);

/* Folding: whose parts are folded into them (one byte per graph node, see tupu-folding.h; NULL
 * folds nothing). Selecting a concept folded away unfolds what hides it. Property: "folded". */
void    tupu_graph_view_set_folded (TupuGraphView *self, GBytes *folded);
GBytes *tupu_graph_view_get_folded (TupuGraphView *self);
/* Whether concept @id has parts to fold (not the branch root, whose parts always show). */
gboolean tupu_graph_view_can_fold (TupuGraphView *self, const char *id);
gboolean tupu_graph_view_get_node_folded (TupuGraphView *self, const char *id);
/* Folds or unfolds @id's parts, keeping it where it is on screen; FALSE when nothing changed. */
gboolean tupu_graph_view_set_node_folded (TupuGraphView *self, const char *id, gboolean folded);

/* The concepts a search matched, marked on the canvas (one byte per graph node, non-zero where
 * marked; NULL marks nothing): a band around each box shown, and around the badge of the
 * concept a folded match hides in. Drawn over the cached drawing, in every palette. Property:
 * "marked". */
void    tupu_graph_view_set_marked (TupuGraphView *self, GBytes *marked);
GBytes *tupu_graph_view_get_marked (TupuGraphView *self);

/* The Progress overlay (tupu-graph-view-mastery.c): how well each concept is known, one byte
 * per graph node (TupuMastery; NULL draws nothing). Concepts learning or known are tinted and
 * ringed in their colour over the cached drawing, in every palette; new ones are left as they
 * are. */
typedef enum
{
  TUPU_MASTERY_NONE,
  TUPU_MASTERY_NEW,
  TUPU_MASTERY_LEARNING,
  TUPU_MASTERY_KNOWN,
} TupuMastery;

void    tupu_graph_view_set_mastery (TupuGraphView *self, GBytes *mastery);
GBytes *tupu_graph_view_get_mastery (TupuGraphView *self);

/* Whether every cross-link is drawn, or only the selected and hovered concepts' (part-of links
 * always are). Property: "show-all-links". */
void     tupu_graph_view_set_show_all_links (TupuGraphView *self, gboolean show_all_links);
gboolean tupu_graph_view_get_show_all_links (TupuGraphView *self);

G_END_DECLS
