/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-graph-view-private.h: state shared by tupu-graph-view.c (layout, drawing, view transform)
 * and tupu-graph-view-input.c (controllers, actions, key bindings). */
#pragma once

#include "tupu-graph-view.h"

G_BEGIN_DECLS

struct _TupuGraphView
{
  GtkWidget parent_instance;

  TupuGraph  *graph;
  TupuLayout *layout; /* what is shown; during a reload still the old graph's */
  TupuEngine  engine;
  gboolean    show_gloss;
  double      text_scale; /* from GtkSettings:gtk-xft-dpi */
  char       *selected_id;
  char       *root_id;   /* the branch shown (its part-of subtree), NULL = everything */
  int         hover;     /* geometry index in layout, or -1 */
  gboolean    hover_dim; /* the pointer has rested on it: the rest of the graph is dimmed */
  guint       hover_dim_id;
  GBytes     *folded;         /* whose parts are folded (TupuLayoutOptions.folded), or NULL */
  gboolean    show_all_links; /* else only the selected and hovered concepts' cross-links */
  GBytes     *marked;         /* search matches to mark, per graph node, or NULL */
  GBytes     *mastery;        /* the Progress overlay: TupuMastery per graph node, or NULL */

  /* What the marks fall on in the layout shown, worked out once per layout and marks (not per
   * frame): geometry indices of marked concepts, and of concepts whose badge hides marked ones. */
  GArray  *mark_geoms;  /* int */
  GArray  *mark_badges; /* int */
  gboolean marks_stale; /* the layout or the marks changed since */

  TupuDirection direction; /* which way dot grows the tree */

  /* A concept to keep where it is on screen through the next layout (one just folded). */
  char    *anchor_id;
  double   anchor_x;
  double   anchor_y;
  gboolean anchor_unfolded; /* its parts were just unfolded: bring them into view */

  /* A relayout's animation: the previous layout, the map from its coordinates into the new
   * one's (p * morph_scale + morph_d), and when it started. */
  TupuLayout *morph_from;
  double      morph_scale;
  double      morph_dx;
  double      morph_dy;
  gint64      morph_start;
  guint       morph_tick_id;

  /* A visible area to show once the layout on its way arrives (going back in history). */
  gboolean pending_visible;
  double   pending_x;
  double   pending_y;
  double   pending_zoom;

  /* The view transform: widget = layout * zoom + offset. */
  double zoom;
  double off_x;
  double off_y;
  int    last_width;
  int    last_height;
  guint  fit_pending : 1;    /* fit once a layout and a size are known */
  guint  fitted : 1;         /* untouched since the last fit: refit on resize */
  guint  center_pending : 1; /* centre the selection once a layout arrives */
  guint  dark : 1;
  guint  high_contrast : 1; /* AdwStyleManager's: the canvas's own high-contrast palette */

  /* Layout requests: only the newest one's result is used. */
  GCancellable *layout_cancellable;
  gboolean      layout_pending; /* a request in flight (layout_cancellable set) */
  TupuEngine    pending_engine; /* the engine at work on it */
  guint         layout_serial;
  guint         n_computed; /* layouts this view computed (not offered ones) */
  TupuLayout   *offered;    /* computed ahead for the next request (offer_layout) */

  /* Render cache: lazily recorded tiles at cache_zoom, keyed by packed tile coordinates. */
  GHashTable *tiles;
  GHashTable *pending_tiles; /* keys of tiles being painted on a worker thread */
  guint       tile_serial;   /* changes whenever the tiles are dropped: late paintings are too */
  GHashTable *stale_tiles; /* after a zoom, the tiles of stale_zoom, shown until the new ones are */
  double      stale_zoom;
  double      cache_zoom;
  guint       settle_id;

  /* Animation: a pan (centring a node) or a zoom step around a point. */
  guint    tick_id;
  gboolean anim_zooming;
  gint64   anim_start;
  gint64   anim_duration;
  double   anim_from_x;
  double   anim_from_y;
  double   anim_to_x;
  double   anim_to_y;
  double   anim_from_zoom;
  double   anim_to_zoom;
  double   anim_px; /* widget point that stays over layout point (lx, ly) */
  double   anim_py;
  double   anim_lx;
  double   anim_ly;

  /* Input state. */
  double   pointer_x; /* last pointer position in the widget, -1 when outside */
  double   pointer_y;
  double   drag_off_x;
  double   drag_off_y;
  gboolean dragging;
  gboolean map_dragging; /* the press was in the overview map: the view follows the pointer */
  double   drag_start_x;
  double   drag_start_y;

  /* The overview map (when the graph does not fit): the whole layout drawn small, recorded once
   * per layout and style, and where and how small it was last drawn. */
  GskRenderNode *map_node;
  double         map_scale;
  gboolean       map_pending; /* being painted on a worker thread, at map_pending_scale */
  double         map_pending_scale;
  double         map_origin_x;
  double         map_origin_y;
  double         pinch_zoom;
  double         pinch_lx;
  double         pinch_ly;
};

/* tupu-graph-view.c */
void _tupu_graph_view_set_view (TupuGraphView *self, double zoom, double off_x, double off_y);
void _tupu_graph_view_widget_to_layout (TupuGraphView *self, double wx, double wy, double *lx,
                                        double *ly);
int  _tupu_graph_view_selected_geom (TupuGraphView *self);
const char *_tupu_graph_view_geom_id (TupuGraphView *self, int geom);
void        _tupu_graph_view_animate_to (TupuGraphView *self, double off_x, double off_y);
void        _tupu_graph_view_stop_animation (TupuGraphView *self);
void        _tupu_graph_view_animate_zoom (TupuGraphView *self, double zoom, double x, double y);
double      _tupu_graph_view_target_zoom (TupuGraphView *self);
void        _tupu_graph_view_center_on (TupuGraphView *self, int geom, gboolean animate);
void        _tupu_graph_view_scroll_into_view (TupuGraphView *self, int geom);
void        _tupu_graph_view_set_hover (TupuGraphView *self, int geom);
/* Asks the window for the selected concept's menu at (@x, @y) (the "context-menu" signal). */
void _tupu_graph_view_context_menu (TupuGraphView *self, double x, double y);
/* The overview map's rectangle in the widget and its scale (widget pixels per layout unit);
 * FALSE when it is hidden (the whole graph fits). */
gboolean _tupu_graph_view_map_rect (TupuGraphView *self, graphene_rect_t *rect, double *scale);
/* Centres the view on the layout point under widget point (@x, @y) of the map. */
void   _tupu_graph_view_map_pan (TupuGraphView *self, double x, double y);
void   _tupu_graph_view_activate (TupuGraphView *self);
double _tupu_graph_view_fit_zoom (TupuGraphView *self);
int    _tupu_graph_view_center_geom (TupuGraphView *self);

/* tupu-graph-view-mastery.c: the Progress overlay over the boxes in view. */
void _tupu_graph_view_append_mastery (TupuGraphView *self, GtkSnapshot *snapshot, double ox,
                                      double oy);

/* tupu-graph-view-input.c */
void _tupu_graph_view_class_init_input (GtkWidgetClass *widget_class);
void _tupu_graph_view_init_input (TupuGraphView *self);
void _tupu_graph_view_update_actions (TupuGraphView *self);

int _tupu_graph_view_root_index (TupuGraphView *self);
/* Folds or unfolds the selection's parts; FALSE when it has none to fold or unfold. */
gboolean _tupu_graph_view_fold_selection (TupuGraphView *self, gboolean fold);
/* Toggles the fold of the node whose badge is at widget point (@x, @y); FALSE if none is. */
gboolean _tupu_graph_view_toggle_badge_at (TupuGraphView *self, double x, double y);
/* Folds or unfolds the selection's parts; FALSE when it has none to fold or unfold. */
gboolean _tupu_graph_view_fold_selection (TupuGraphView *self, gboolean fold);
/* Toggles the fold of the node whose badge is at widget point (@x, @y); FALSE if none is. */
gboolean _tupu_graph_view_toggle_badge_at (TupuGraphView *self, double x, double y);
gboolean _tupu_graph_view_in_branch (TupuGraphView *self, guint index);

G_END_DECLS
