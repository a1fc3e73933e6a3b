/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-graph-view.c: the concept-graph canvas — layout requests, the cached drawing, the view
 * transform and its animation. Input (controllers, actions, key bindings) is in
 * tupu-graph-view-input.c.
 *
 * Drawing follows sysprof's flame graph: the graph is recorded once into render nodes (square
 * tiles of the layout, recorded lazily when they first come into view, so a large graph costs
 * only what is visible) and appended inside a translate + scale transform each frame; zoom and
 * pan change only the transform. The tiles are recorded again only when the layout or the style
 * changes, or when the zoom has settled at a new value (so the painter's level of detail fits).
 * Hover, selection and the focus ring are cheap overlays drawn on top every frame. */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "tupu-folding.h"
#include "tupu-a11y.h"
#include "tupu-graph-view-private.h"
#include "tupu-gui-style.h"
#include "tupu-painter.h"
#include "tupu-style.h"

#define ZOOM_MAX 8.0       /* widget pixels per layout point */
#define FIT_MAX 1.5        /* never blow a tiny graph up further than this when fitting */
#define FIT_MARGIN 24.0    /* pixels around the graph when fitted */
#define SCROLL_MARGIN 40.0 /* keyboard selection keeps its rings this far inside the view */
#define KEEP_PX 64.0       /* panning keeps at least this much of the graph in the view */
#define TILE_PX 512.0
#define TILE_BLEED 2.0 /* cache pixels each tile is recorded past its square */
#define TILE_PAD 16.0  /* layout units around the bounds that strokes may reach */
#define MAX_TILES 2048
#define SETTLE_MS 200
#define MORPH_USEC (250 * G_TIME_SPAN_MILLISECOND) /* concepts gliding to a new layout */
#define MORPH_MAX_NODES                                                                            \
  600                       /* beyond, each frame would repaint too much: the new layout at once   \
                             */
#define MAP_MAX_WIDTH 180.0 /* the overview map's largest size, in widget pixels */
#define MAP_MAX_HEIGHT 180.0
#define MAP_MARGIN 12.0
#define HOVER_DIM_MS 400 /* how long the pointer rests on a concept before the rest dims */
#define HOVER_DIM_ALPHA 0.6
#define READABLE_LABEL_PX 12.0 /* a concept brought into view shows its label at least this big */
#define LEGIBLE_LABEL_PX 9.0   /* unfolding zooms out no further than labels this big */
#define MARK_GROW 5.0          /* widget pixels from a marked box to the middle of its band */
#define MARK_BAND 5.0
#define MARK_EDGE 1.5
#define PAN_USEC (250 * G_TIME_SPAN_MILLISECOND)
#define ZOOM_USEC (200 * G_TIME_SPAN_MILLISECOND)

enum
{
  PROP_0,
  PROP_GRAPH,
  PROP_LAYOUT,
  PROP_ENGINE,
  PROP_SHOW_GLOSS,
  PROP_SELECTED_ID,
  PROP_ZOOM,
  PROP_ROOT_ID,
  PROP_FOLDED,
  PROP_SHOW_ALL_LINKS,
  PROP_DIRECTION,
  PROP_LAYOUT_PENDING,
  PROP_MARKED,
  N_PROPS
};

enum
{
  CONTEXT_MENU,
  LAYOUT_FAILED,
  NODE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TupuGraphView, tupu_graph_view, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------------------------------ */
/* Geometry helpers                                                                           */

static gboolean
has_size (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  return gtk_widget_get_width (GTK_WIDGET (self)) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (self)) > 0;
}

void
_tupu_graph_view_widget_to_layout (TupuGraphView *self, double wx, double wy, double *lx,
                                   double *ly)
{
  *lx = (wx - self->off_x) / self->zoom;
  *ly = (wy - self->off_y) / self->zoom;
}

static void
geom_center (TupuLayout *layout, guint geom, double *x, double *y)
{
  const TupuRect *box = &layout->nodes[geom].box;

  *x = box->x + box->width / 2;
  *y = box->y + box->height / 2;
}

static void
geom_widget_rect (TupuGraphView *self, guint geom, graphene_rect_t *rect)
{
  const TupuRect *box = &self->layout->nodes[geom].box;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  graphene_rect_init (rect, box->x * self->zoom + self->off_x, box->y * self->zoom + self->off_y,
                      box->width * self->zoom, box->height * self->zoom);
}

const char *
_tupu_graph_view_geom_id (TupuGraphView *self, int geom)
{
  g_assert (self->layout != NULL && geom >= 0 && (guint)geom < self->layout->n_nodes);

  return tupu_graph_get_node (self->layout->graph, self->layout->nodes[geom].node)->id;
}

/* The selection's geometry index in the layout shown (which during a reload still belongs to
 * the previous graph object: ids, not indices, carry across). */
int
_tupu_graph_view_selected_geom (TupuGraphView *self)
{
  int index;

  if (self->layout == NULL || self->selected_id == NULL)
    return -1;

  index = tupu_graph_lookup (self->layout->graph, self->selected_id);
  return index < 0 ? -1 : self->layout->geom_of_node[index];
}

double
_tupu_graph_view_fit_zoom (TupuGraphView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double margin;

  if (self->layout == NULL || width <= 0 || height <= 0)
    return 0;

  margin = (width > 4 * FIT_MARGIN && height > 4 * FIT_MARGIN) ? FIT_MARGIN : 0;
  return MIN (FIT_MAX, MIN ((width - 2 * margin) / MAX (1.0, self->layout->bounds.width),
                            (height - 2 * margin) / MAX (1.0, self->layout->bounds.height)));
}

static double
clamp_zoom (TupuGraphView *self, double zoom)
{
  double fit = _tupu_graph_view_fit_zoom (self);
  double min = fit > 0 ? MIN (fit, 1.0) / 4 : 0.01;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  return CLAMP (zoom, min, ZOOM_MAX);
}

/* Keeps part of the graph in view, so a fling of the pointer never loses it. */
static double
clamp_offset (double size, double zoom, double start, double extent, double offset)
{
  double keep = MIN (KEEP_PX, size / 4);

  return CLAMP (offset, keep - (start + extent) * zoom, size - keep - start * zoom);
}

/* ------------------------------------------------------------------------------------------ */
/* Render cache                                                                               */

static gboolean paints_tiles_async (TupuGraphView *self);

/* Drops every tile, and every tile still being painted. */
static void
clear_tiles (TupuGraphView *self)
{
  g_hash_table_remove_all (self->tiles);
  g_hash_table_remove_all (self->pending_tiles);
  g_clear_pointer (&self->stale_tiles, g_hash_table_unref);
  self->map_pending = FALSE;
  self->tile_serial++;
}

static void
invalidate_cache (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  clear_tiles (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
settle_cb (gpointer user_data)
{
  TupuGraphView *self = user_data;
  GHashTable    *old = NULL;
  double         old_zoom = self->cache_zoom;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  self->settle_id = 0;
  if (self->zoom == self->cache_zoom)
    return G_SOURCE_REMOVE;
  /* Painted elsewhere, the new tiles come one by one: until each has, the place it covers shows
   * the old ones, scaled, rather than a hole. */
  if (self->stale_tiles != NULL)
    {
      /* A zoom before the last one's tiles were all painted: its old picture is still whole. */
      old = g_steal_pointer (&self->stale_tiles);
      old_zoom = self->stale_zoom;
    }
  else if (self->layout != NULL && paints_tiles_async (self) && g_hash_table_size (self->tiles) > 0)
    {
      old = g_steal_pointer (&self->tiles);
      self->tiles = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)gsk_render_node_unref);
    }
  invalidate_cache (self);
  if (old != NULL)
    {
      self->stale_tiles = g_steal_pointer (&old);
      self->stale_zoom = old_zoom;
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_settle (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

static gpointer
tile_key (int i, int j)
{
  /* Tile indices start at -1 (the padding) and stay far below 2^15 given ZOOM_MAX and the
   * format's size limits. */
  return GUINT_TO_POINTER (((guint)(i + 1) << 16) | (guint)(j + 1));
}

/* Whether the window draws with GTK's cairo renderer (GSK_RENDERER=cairo, or no GL). */
static gboolean
uses_cairo_renderer (TupuGraphView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

  return native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native));
}

/* For the cairo renderer, a tile as a cairo node that paints the tile's pixels (taking
 * @surface). GTK 4.8's cairo renderer turns a texture node into a new image surface on every
 * frame (an allocation and a copy of each tile, page faults included), which made most of a
 * frame's cost; a cairo node's recording of one paint of an image is replayed straight from it. */
static GskRenderNode *
image_node_new (cairo_surface_t *surface, const graphene_rect_t *bounds)
{
  GskRenderNode *node = gsk_cairo_node_new (bounds);
  cairo_t       *cr = gsk_cairo_node_get_draw_context (node);
  double         device = cairo_image_surface_get_width (surface) / bounds->size.width;

  cairo_surface_set_device_scale (surface, device, device);
  cairo_set_source_surface (cr, surface, bounds->origin.x, bounds->origin.y);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return node;
}

/* What a tile is painted from: copied, so that a worker thread can paint it. */
typedef struct
{
  TupuLayout *layout;
  int         i, j;
  double      cache_zoom;
  int         device; /* scale factor */
  gboolean    dark, high_contrast, cross_links;
} TileParams;

static void
tile_params_init (TileParams *params, TupuGraphView *self, int i, int j)
{
  *params = (TileParams){ .layout = tupu_layout_ref (self->layout),
                          .i = i,
                          .j = j,
                          .cache_zoom = self->cache_zoom,
                          .device = gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                          .dark = self->dark,
                          .high_contrast = self->high_contrast,
                          .cross_links = self->show_all_links };
}

static void
tile_params_clear (TileParams *params)
{
  g_clear_pointer (&params->layout, tupu_layout_unref);
}

/* Tiles live in "cache space": layout units times cache_zoom, i.e. widget pixels at the zoom
 * they were recorded for. Once the zoom settles they are painted unscaled at whole pixels, so
 * neither text nor tile edges get resampled. Each tile is recorded TILE_BLEED pixels wider on
 * every side: scaled during a zoom, neighbours then overlap instead of leaving seams between
 * them, and at rest each is clipped to its own square (snapshot_graph).
 *
 * Painted into pixels once, not kept as a cairo recording: GTK 4.8's cairo nodes replay their
 * drawing on every frame, which at thousands of concepts took a frame over 100 ms. Touches
 * nothing but @params, so it runs on a worker thread too (the painter is core's, and Pango's
 * default font map is per thread). */
static cairo_surface_t *
paint_tile (const TileParams *params)
{
  double           cz = params->cache_zoom;
  int              side = (int)(TILE_PX + 2 * TILE_BLEED) * params->device;
  TupuRect         visible = { (params->i * TILE_PX - TILE_BLEED) / cz,
                               (params->j * TILE_PX - TILE_BLEED) / cz, (TILE_PX + 2 * TILE_BLEED) / cz,
                               (TILE_PX + 2 * TILE_BLEED) / cz };
  TupuPaintOptions options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_t         *cr = cairo_create (surface);

  cairo_scale (cr, params->device, params->device);
  cairo_translate (cr, -(params->i * TILE_PX - TILE_BLEED), -(params->j * TILE_PX - TILE_BLEED));
  cairo_scale (cr, cz, cz);
  tupu_paint_options_init (&options);
  options.dark = params->dark;
  options.high_contrast = params->high_contrast;
  options.visible = &visible;
  options.scale = cz * params->device;
  options.background = FALSE;
  options.cross_links = params->cross_links;
  tupu_painter_draw (cr, params->layout, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The render node of tile (@i, @j), taking @surface. */
static GskRenderNode *
tile_node_new (TupuGraphView *self, cairo_surface_t *surface, int i, int j)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (i * TILE_PX - TILE_BLEED, j * TILE_PX - TILE_BLEED,
                                               TILE_PX + 2 * TILE_BLEED, TILE_PX + 2 * TILE_BLEED);
  int             side = cairo_image_surface_get_width (surface);
  g_autoptr (GBytes) pixels = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (uses_cairo_renderer (self))
    return image_node_new (surface, &bounds);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize)cairo_image_surface_get_stride (surface) * side);
  texture = gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, pixels,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return gsk_texture_node_new (texture, &bounds);
}

typedef struct
{
  GWeakRef   view;
  guint      serial;
  TileParams params;
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_weak_ref_clear (&job->view);
  tile_params_clear (&job->params);
  g_free (job);
}

static void
paint_tile_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  TileJob *job = data;

  g_task_return_pointer (task, paint_tile (&job->params), (GDestroyNotify)cairo_surface_destroy);
}

/* A tile painted on a worker: shown if the tiles it belongs with are still the ones shown. */
static void
tile_painted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  TileJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (TupuGraphView) self = g_weak_ref_get (&job->view);
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), NULL);
  gpointer         key = tile_key (job->params.i, job->params.j);

  if (self == NULL || job->serial != self->tile_serial || surface == NULL)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  g_hash_table_remove (self->pending_tiles, key);
  g_hash_table_insert (self->tiles, key,
                       tile_node_new (self, surface, job->params.i, job->params.j));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Painting a tile of a large graph can take longer than a frame (at 5,000 concepts fitted in
 * the window, each holds a thousand boxes and their edges): the first frame after a new layout
 * froze the window for 190 ms of CPU (benchmarks/stall). Such tiles are painted on worker
 * threads and appear when done; smaller graphs' tiles are painted at once, never missing. */
#define ASYNC_TILE_ITEMS 2500

static gboolean
paints_tiles_async (TupuGraphView *self)
{
  return self->layout->n_nodes + self->layout->n_edges > ASYNC_TILE_ITEMS;
}

static void
request_tile (TupuGraphView *self, int i, int j)
{
  TileJob *job = g_new0 (TileJob, 1);
  g_autoptr (GTask) task = g_task_new (NULL, NULL, tile_painted_cb, NULL);

  g_weak_ref_init (&job->view, self);
  job->serial = self->tile_serial;
  tile_params_init (&job->params, self, i, j);
  g_task_set_task_data (task, job, (GDestroyNotify)tile_job_free);
  g_task_set_name (task, "[tupu] tile");
  g_hash_table_add (self->pending_tiles, tile_key (i, j));
  g_task_run_in_thread (task, paint_tile_thread);
}

/* The tile's node, or NULL while it is being painted. */
static GskRenderNode *
get_tile (TupuGraphView *self, int i, int j)
{
  GskRenderNode *node = g_hash_table_lookup (self->tiles, tile_key (i, j));
  TileParams     params;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (node != NULL || g_hash_table_contains (self->pending_tiles, tile_key (i, j)))
    return node;
  if (paints_tiles_async (self))
    {
      request_tile (self, i, j);
      return NULL;
    }
  tile_params_init (&params, self, i, j);
  node = tile_node_new (self, paint_tile (&params), i, j);
  tile_params_clear (&params);
  g_hash_table_insert (self->tiles, tile_key (i, j), node);
  return node;
}

/* The tile holding layout coordinate @v. */
static int
tile_index (TupuGraphView *self, double v)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  return (int)CLAMP (floor (v * self->cache_zoom / TILE_PX), -1, 32000);
}

/* Where tile (@i, @j) is still being painted: the old zoom's tiles, scaled, clipped to it. The
 * snapshot is in cache space here. */
static void
append_stale (TupuGraphView *self, GtkSnapshot *snapshot, int i, int j)
{
  GHashTableIter  iter;
  GskRenderNode  *node;
  double          to_current = self->cache_zoom / self->stale_zoom; /* stale to cache space */
  graphene_rect_t square = GRAPHENE_RECT_INIT (i * TILE_PX, j * TILE_PX, TILE_PX, TILE_PX);
  graphene_rect_t in_stale =
      GRAPHENE_RECT_INIT (square.origin.x / to_current, square.origin.y / to_current,
                          TILE_PX / to_current, TILE_PX / to_current);

  if (self->stale_tiles == NULL)
    return;
  gtk_snapshot_push_clip (snapshot, &square);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, to_current, to_current);
  g_hash_table_iter_init (&iter, self->stale_tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    {
      graphene_rect_t bounds;

      gsk_render_node_get_bounds (node, &bounds);
      if (graphene_rect_intersection (&bounds, &in_stale, NULL))
        gtk_snapshot_append_node (snapshot, node);
    }
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/* The cached drawing, translated to a whole device pixel. */
static void
snapshot_graph (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy)
{
  const TupuRect *b = &self->layout->bounds;
  double          width = gtk_widget_get_width (GTK_WIDGET (self));
  double          height = gtk_widget_get_height (GTK_WIDGET (self));
  double          scale, grow;
  int             i0, i1, j0, j1;
  guint           n_missing = 0;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (g_hash_table_size (self->tiles) > MAX_TILES)
    clear_tiles (self);
  if (g_hash_table_size (self->tiles) == 0 && g_hash_table_size (self->pending_tiles) == 0)
    self->cache_zoom = self->zoom;

  i0 = MAX (tile_index (self, -ox / self->zoom), tile_index (self, b->x - TILE_PAD));
  i1 = MIN (tile_index (self, (width - ox) / self->zoom),
            tile_index (self, b->x + b->width + TILE_PAD));
  j0 = MAX (tile_index (self, -oy / self->zoom), tile_index (self, b->y - TILE_PAD));
  j1 = MIN (tile_index (self, (height - oy) / self->zoom),
            tile_index (self, b->y + b->height + TILE_PAD));

  /* While a zoom is settling, the old tiles are drawn scaled. */
  scale = self->zoom / self->cache_zoom;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ox, oy));
  if (scale != 1.0)
    gtk_snapshot_scale (snapshot, scale, scale);
  /* At rest, each tile exactly its square; scaled, a device pixel more, over the seam. */
  grow = scale != 1.0 ? 1.0 / (scale * gtk_widget_get_scale_factor (GTK_WIDGET (self))) : 0.0;
  for (int j = j0; j <= j1; j++)
    for (int i = i0; i <= i1; i++)
      {
        GskRenderNode *tile = get_tile (self, i, j); /* NULL while painted elsewhere */

        if (tile == NULL)
          {
            n_missing++;
            append_stale (self, snapshot, i, j);
            continue;
          }
        gtk_snapshot_push_clip (snapshot,
                                &GRAPHENE_RECT_INIT (i * TILE_PX - grow, j * TILE_PX - grow,
                                                     TILE_PX + 2 * grow, TILE_PX + 2 * grow));
        gtk_snapshot_append_node (snapshot, tile);
        gtk_snapshot_pop (snapshot);
      }
  gtk_snapshot_restore (snapshot);
  if (n_missing == 0)
    g_clear_pointer (&self->stale_tiles, g_hash_table_unref);
}

/* ------------------------------------------------------------------------------------------ */
/* Overlays                                                                                   */

static void
get_accent (TupuGraphView *self, GdkRGBA *rgba)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  /* libadwaita's named colour; plain GTK themes lack it, so fall back to Adwaita's blue. */
  if (!gtk_style_context_lookup_color (context, "accent_color", rgba))
    gdk_rgba_parse (rgba, self->dark ? "#78aeed" : "#1c71d8");
}

static void
set_source_rgba (cairo_t *cr, const GdkRGBA *rgba, double alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

/* Outlines node @geom @grow pixels outside its box, in widget pixels whatever the zoom. */
static void
append_outline (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy, guint geom,
                double grow, double line_width, const GdkRGBA *color, double alpha,
                double fill_alpha)
{
  graphene_rect_t rect;
  cairo_t        *cr;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  geom_widget_rect (self, geom, &rect);
  graphene_rect_offset (&rect, ox - self->off_x, oy - self->off_y);
  graphene_rect_inset (&rect, -(grow + line_width + 1), -(grow + line_width + 1));
  cr = gtk_snapshot_append_cairo (snapshot, &rect);

  cairo_translate (cr, ox, oy);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_new_path (cr);
  tupu_painter_node_path (cr, self->layout, geom, grow / self->zoom);
  cairo_identity_matrix (cr);
  if (fill_alpha > 0)
    {
      set_source_rgba (cr, color, fill_alpha);
      cairo_fill_preserve (cr);
    }
  set_source_rgba (cr, color, alpha);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* The selected concept's own links, in the accent colour over the cached drawing: where a
 * concept sits in the speech's web is what a student looks for once it is selected. */
static void
append_selection_edges (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy,
                        guint selected, const GdkRGBA *accent)
{
  double   width = gtk_widget_get_width (GTK_WIDGET (self));
  double   height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_t *cr = NULL;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  for (guint i = 0; i < self->layout->n_edges; i++)
    {
      const TupuEdgeGeom *eg = &self->layout->edges[i];

      if (eg->tail != selected && eg->head != selected)
        continue;
      if (cr == NULL)
        {
          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
          cairo_translate (cr, ox, oy); /* ox, oy: the pixel-aligned view offset */
          cairo_scale (cr, self->zoom, self->zoom);
          set_source_rgba (cr, accent, 0.9);
        }
      tupu_painter_edge_path (cr, self->layout, i);
      cairo_set_line_width (cr, 2.5 / self->zoom);
      cairo_stroke (cr);
      if (tupu_painter_arrow_path (cr, self->layout, i))
        cairo_fill (cr);
    }
  if (cr != NULL)
    cairo_destroy (cr);
}

/* Whether edge @eg touches the hovered concept. */
static gboolean
touches_hover (TupuGraphView *self, const TupuEdgeGeom *eg)
{
  return eg->tail == (guint)self->hover || eg->head == (guint)self->hover;
}

/* The pointer has rested on a concept: a veil of the background over everything but it and its
 * neighbours, so that its links stand out; the links are drawn again above the veil. */
static void
append_hover_dim (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy)
{
  double    width = gtk_widget_get_width (GTK_WIDGET (self));
  double    height = gtk_widget_get_height (GTK_WIDGET (self));
  TupuColor bg =
      tupu_style_variant_background (tupu_style_variant (self->dark, self->high_contrast));
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  /* The veil in a group, then the boxes kept bright cleared out of it: overlapping boxes, or
   * one reached by two links, stay clear (an even-odd fill would cover them again). */
  cairo_push_group (cr);
  cairo_set_source_rgba (cr, bg.r, bg.g, bg.b, HOVER_DIM_ALPHA);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, self->zoom, self->zoom);
  tupu_painter_node_path (cr, self->layout, self->hover, 2);
  cairo_fill (cr);
  /* The selection stays bright too: it is what the reader is working on. */
  if (_tupu_graph_view_selected_geom (self) >= 0)
    {
      tupu_painter_node_path (cr, self->layout, _tupu_graph_view_selected_geom (self), 2);
      cairo_fill (cr);
    }
  for (guint i = 0; i < self->layout->n_edges; i++)
    {
      const TupuEdgeGeom *eg = &self->layout->edges[i];

      if (!touches_hover (self, eg))
        continue;
      tupu_painter_node_path (cr, self->layout,
                              eg->tail == (guint)self->hover ? eg->head : eg->tail, 2);
      cairo_fill (cr);
    }
  cairo_pop_group_to_source (cr);
  cairo_identity_matrix (cr);
  cairo_paint (cr);
  cairo_destroy (cr);
}

/* The hovered concept's links in their own style: its cross-links when the canvas does not show
 * them all (its part-of links are always drawn), all of them above the dimming veil. */
static void
append_hover_links (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy)
{
  double   width = gtk_widget_get_width (GTK_WIDGET (self));
  double   height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_t *cr = NULL;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  for (guint i = 0; (self->hover_dim || !self->show_all_links) && i < self->layout->n_edges; i++)
    {
      const TupuEdgeGeom      *eg = &self->layout->edges[i];
      const TupuEdge          *edge = tupu_graph_get_edge (self->layout->graph, eg->edge);
      const TupuRelationStyle *style;
      static const double      dash[] = { 5.0, 3.0 };

      if (!touches_hover (self, eg) ||
          (edge->relation == TUPU_RELATION_PART_OF && !self->hover_dim))
        continue;
      if (cr == NULL)
        {
          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
          cairo_translate (cr, ox, oy);
          cairo_scale (cr, self->zoom, self->zoom);
        }
      style = tupu_style_for_relation (edge->relation, self->dark);
      cairo_set_source_rgba (cr, style->color.r, style->color.g, style->color.b, style->color.a);
      tupu_painter_edge_path (cr, self->layout, i);
      cairo_set_line_width (cr, style->width);
      cairo_set_dash (cr, dash, style->dashed ? G_N_ELEMENTS (dash) : 0, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (tupu_painter_arrow_path (cr, self->layout, i))
        cairo_fill (cr);
    }
  if (cr != NULL)
    cairo_destroy (cr);
}

/* The selected concept's badge again, above its rings, so that its count stays readable. */
static void
append_badge (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy, guint geom)
{
  TupuPaintOptions options;
  TupuRect         badge;
  cairo_t         *cr;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (!tupu_layout_badge_rect (self->layout, geom, &badge))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (ox + (badge.x - 2) * self->zoom,
                                                                 oy + (badge.y - 2) * self->zoom,
                                                                 (badge.width + 4) * self->zoom,
                                                                 (badge.height + 4) * self->zoom));
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, self->zoom, self->zoom);
  tupu_paint_options_init (&options);
  options.dark = self->dark;
  options.high_contrast = self->high_contrast;
  options.scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  tupu_painter_draw_badge (cr, self->layout, geom, &options);
  cairo_destroy (cr);
}

/* Search marks. Worked out once per layout and set of marks: which boxes shown are marked, and
 * which badges hide marked concepts (a match folded away is marked on the badge of the nearest
 * concept shown above it). */
static void
update_marks (TupuGraphView *self)
{
  TupuLayout        *layout = self->layout;
  const guint8      *marked;
  gsize              n;
  g_autofree guint8 *badged = NULL;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (!self->marks_stale)
    return;
  self->marks_stale = FALSE;
  g_array_set_size (self->mark_geoms, 0);
  g_array_set_size (self->mark_badges, 0);
  if (layout == NULL || self->marked == NULL)
    return;
  marked = g_bytes_get_data (self->marked, &n);
  /* A layout of the previous graph, shown while the new one is laid out: no marks yet. */
  if (layout->graph != self->graph || n != tupu_graph_get_n_nodes (layout->graph))
    return;

  badged = g_new0 (guint8, layout->n_nodes);
  for (guint i = 0; i < n; i++)
    {
      int up = i;

      if (!marked[i])
        continue;
      while (up >= 0 && layout->geom_of_node[up] < 0)
        up = tupu_graph_get_node (layout->graph, up)->parent;
      if (up == (int)i)
        g_array_append_val (self->mark_geoms, layout->geom_of_node[i]);
      else if (up >= 0 && !badged[layout->geom_of_node[up]] &&
               layout->nodes[layout->geom_of_node[up]].n_folded > 0)
        {
          badged[layout->geom_of_node[up]] = TRUE;
          g_array_append_val (self->mark_badges, layout->geom_of_node[up]);
        }
    }
}

/* A badge's outline, @grow layout units outside it. */
static void
badge_path (cairo_t *cr, const TupuRect *badge, double grow)
{
  double r = badge->height / 2 + grow;
  double x0 = badge->x - grow + r, x1 = badge->x + badge->width + grow - r;
  double cy = badge->y + badge->height / 2;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x1, cy, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x0, cy, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A mark in view: a concept's box, or only its badge. */
typedef struct
{
  guint    geom;
  gboolean badge;
} Mark;

static gboolean
rects_meet (const TupuRect *a, const TupuRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width && a->y <= b->y + b->height &&
         b->y <= a->y + a->height;
}

/* The marks that reach into @visible (layout units), and the widget-pixel bounds of what they
 * cover, badges included. FALSE when none does. */
static gboolean
visible_marks (TupuGraphView *self, const TupuRect *visible, GArray *marks, graphene_rect_t *bounds)
{
  for (int pass = 0; pass < 2; pass++)
    {
      GArray *geoms = pass == 0 ? self->mark_geoms : self->mark_badges;

      for (guint i = 0; i < geoms->len; i++)
        {
          Mark     mark = { g_array_index (geoms, int, i), pass == 1 };
          TupuRect r = self->layout->nodes[mark.geom].box;
          TupuRect badge;

          if (tupu_layout_badge_rect (self->layout, mark.geom, &badge))
            {
              if (mark.badge)
                r = badge;
              else
                r = (TupuRect){ r.x, MIN (r.y, badge.y),
                                MAX (r.x + r.width, badge.x + badge.width) - r.x,
                                r.y + r.height - MIN (r.y, badge.y) };
            }
          if (!rects_meet (&r, visible))
            continue;
          graphene_rect_union (marks->len == 0 ? &GRAPHENE_RECT_INIT (r.x, r.y, r.width, r.height)
                                               : bounds,
                               &GRAPHENE_RECT_INIT (r.x, r.y, r.width, r.height), bounds);
          g_array_append_val (marks, mark);
        }
    }
  graphene_rect_scale (bounds, self->zoom, self->zoom, bounds);
  return marks->len > 0;
}

/* The marks' outlines, @grow widget pixels outside each box or badge. */
static void
marks_path (TupuGraphView *self, cairo_t *cr, GArray *marks, double grow)
{
  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *mark = &g_array_index (marks, Mark, i);
      TupuRect    badge;

      if (!mark->badge)
        tupu_painter_node_path (cr, self->layout, mark->geom, grow / self->zoom);
      else if (tupu_layout_badge_rect (self->layout, mark->geom, &badge))
        badge_path (cr, &badge, grow / self->zoom);
    }
}

/* Every mark in view: a band in the highlighter's colour, edged on its outside so that it keeps
 * its contrast on the canvas, then the badges again over the bands so that their counts stay
 * readable; all in one cairo node over just the marks. */
static void
append_marks (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy)
{
  const TupuMarkStyle *style =
      tupu_style_mark (tupu_style_variant (self->dark, self->high_contrast));
  double reach = MARK_GROW + MARK_BAND / 2 + MARK_EDGE + 1;
  g_autoptr (GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  TupuPaintOptions options;
  TupuRect         visible;
  graphene_rect_t  bounds;
  cairo_t         *cr;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  update_marks (self);
  visible.x = (-ox - reach) / self->zoom;
  visible.y = (-oy - reach) / self->zoom;
  visible.width = (gtk_widget_get_width (GTK_WIDGET (self)) + 2 * reach) / self->zoom;
  visible.height = (gtk_widget_get_height (GTK_WIDGET (self)) + 2 * reach) / self->zoom;
  if (!visible_marks (self, &visible, marks, &bounds))
    return;
  graphene_rect_offset (&bounds, ox, oy);
  graphene_rect_inset (&bounds, -reach, -reach);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  marks_path (self, cr, marks, MARK_GROW);
  cairo_set_source_rgba (cr, style->band.r, style->band.g, style->band.b, style->band.a);
  cairo_set_line_width (cr, MARK_BAND / self->zoom);
  cairo_stroke (cr);
  marks_path (self, cr, marks, MARK_GROW + (MARK_BAND + MARK_EDGE) / 2);
  cairo_set_source_rgba (cr, style->edge.r, style->edge.g, style->edge.b, style->edge.a);
  cairo_set_line_width (cr, MARK_EDGE / self->zoom);
  cairo_stroke (cr);

  tupu_paint_options_init (&options);
  options.dark = self->dark;
  options.high_contrast = self->high_contrast;
  options.scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  for (guint i = 0; i < marks->len; i++)
    tupu_painter_draw_badge (cr, self->layout, g_array_index (marks, Mark, i).geom, &options);
  cairo_destroy (cr);
}

/* ------------------------------------------------------------------------------------------ */
/* The overview map                                                                            */

gboolean
_tupu_graph_view_map_rect (TupuGraphView *self, graphene_rect_t *rect, double *scale)
{
  double          width = gtk_widget_get_width (GTK_WIDGET (self));
  double          height = gtk_widget_get_height (GTK_WIDGET (self));
  const TupuRect *b;
  double          s;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout == NULL || !has_size (self))
    return FALSE;
  b = &self->layout->bounds;
  /* Shown only when much of the graph is out of view (a quarter of its area or more): then
   * there is somewhere else to go, and a margin's worth off screen is not worth the corner. */
  {
    double x0 = MAX (0, b->x * self->zoom + self->off_x);
    double y0 = MAX (0, b->y * self->zoom + self->off_y);
    double x1 = MIN (width, (b->x + b->width) * self->zoom + self->off_x);
    double y1 = MIN (height, (b->y + b->height) * self->zoom + self->off_y);
    double area = b->width * b->height * self->zoom * self->zoom;

    if (area <= 0 || MAX (0, x1 - x0) * MAX (0, y1 - y0) >= 0.75 * area)
      return FALSE;
  }
  s = MIN (MAP_MAX_WIDTH / MAX (b->width, 1), MAP_MAX_HEIGHT / MAX (b->height, 1));
  /* Never more than a third of the canvas either way. */
  s = MIN (s, MIN (width / 3 / MAX (b->width, 1), height / 3 / MAX (b->height, 1)));
  graphene_rect_init (rect, width - MAP_MARGIN - b->width * s, height - MAP_MARGIN - b->height * s,
                      b->width * s, b->height * s);
  *scale = s;
  return rect->size.width >= 16 && rect->size.height >= 16;
}

void
_tupu_graph_view_map_pan (TupuGraphView *self, double x, double y)
{
  graphene_rect_t map;
  double          s, lx, ly;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  /* Where the map was drawn last: it may just have hidden (the view fits) under the pointer. */
  if (self->layout == NULL || self->map_scale <= 0)
    return;
  if (_tupu_graph_view_map_rect (self, &map, &s))
    {
      self->map_origin_x = map.origin.x;
      self->map_origin_y = map.origin.y;
      self->map_scale = s;
    }
  lx = self->layout->bounds.x + (x - self->map_origin_x) / self->map_scale;
  ly = self->layout->bounds.y + (y - self->map_origin_y) / self->map_scale;
  _tupu_graph_view_set_view (self, self->zoom,
                             gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - lx * self->zoom,
                             gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - ly * self->zoom);
}

/* The whole layout at the map's scale, once per layout and style, painted into pixels (a
 * cairo node would replay the whole graph's drawing every frame). */
typedef struct
{
  GWeakRef    view;
  guint       serial;
  TupuLayout *layout;
  double      scale;
  int         device;
  gboolean    dark, high_contrast;
} MapJob;

static void
map_job_free (MapJob *job)
{
  g_weak_ref_clear (&job->view);
  g_clear_pointer (&job->layout, tupu_layout_unref);
  g_free (job);
}

/* The whole graph at the map's @scale. Touches nothing but @job: runs on a worker too. */
static cairo_surface_t *
paint_map (const MapJob *job)
{
  const TupuRect  *b = &job->layout->bounds;
  int              width = MAX (1, (int)ceil (b->width * job->scale * job->device));
  int              height = MAX (1, (int)ceil (b->height * job->scale * job->device));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t         *cr = cairo_create (surface);
  TupuPaintOptions options;

  cairo_scale (cr, job->scale * job->device, job->scale * job->device);
  cairo_translate (cr, -b->x, -b->y);
  tupu_paint_options_init (&options);
  options.dark = job->dark;
  options.high_contrast = job->high_contrast;
  options.scale = job->scale * job->device;
  options.background = TRUE;
  tupu_painter_draw (cr, job->layout, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The map's node from its pixels (taking @surface), @scale layout units to a pixel. */
static GskRenderNode *
map_node_new (TupuGraphView *self, cairo_surface_t *surface, double scale)
{
  const TupuRect *b = &self->layout->bounds;
  int             width = cairo_image_surface_get_width (surface);
  int             height = cairo_image_surface_get_height (surface);
  g_autoptr (GBytes) pixels = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize)cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return gsk_texture_node_new (texture,
                               &GRAPHENE_RECT_INIT (0, 0, b->width * scale, b->height * scale));
}

static MapJob *
map_job_new (TupuGraphView *self, double scale)
{
  MapJob *job = g_new0 (MapJob, 1);

  g_weak_ref_init (&job->view, self);
  job->serial = self->tile_serial;
  job->layout = tupu_layout_ref (self->layout);
  job->scale = scale;
  job->device = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->dark = self->dark;
  job->high_contrast = self->high_contrast;
  return job;
}

static void
paint_map_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_task_return_pointer (task, paint_map (data), (GDestroyNotify)cairo_surface_destroy);
}

static void
map_painted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MapJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (TupuGraphView) self = g_weak_ref_get (&job->view);
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self == NULL || job->serial != self->tile_serial || job->layout != self->layout ||
      surface == NULL)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  self->map_pending = FALSE;
  g_clear_pointer (&self->map_node, gsk_render_node_unref);
  self->map_node = map_node_new (self, surface, job->scale);
  self->map_scale = job->scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The map's node at @scale, or NULL while it is painted on a worker (a large graph, where
 * painting it whole took a quarter of a second: see paints_tiles_async()). */
static GskRenderNode *
get_map (TupuGraphView *self, double scale)
{
  MapJob *job;

  if (self->map_node != NULL && self->map_scale == scale)
    return self->map_node;
  if (!paints_tiles_async (self))
    {
      g_clear_pointer (&self->map_node, gsk_render_node_unref);
      job = map_job_new (self, scale);
      self->map_node = map_node_new (self, paint_map (job), scale);
      self->map_scale = scale;
      map_job_free (job);
      return self->map_node;
    }
  if (!self->map_pending || self->map_pending_scale != scale)
    {
      g_autoptr (GTask) task = g_task_new (NULL, NULL, map_painted_cb, NULL);

      g_task_set_task_data (task, map_job_new (self, scale), (GDestroyNotify)map_job_free);
      g_task_set_name (task, "[tupu] map");
      self->map_pending = TRUE;
      self->map_pending_scale = scale;
      g_task_run_in_thread (task, paint_map_thread);
    }
  return NULL;
}

static void
append_frame (GtkSnapshot *snapshot, const graphene_rect_t *rect, double radius, float width,
              const GdkRGBA *color)
{
  GskRoundedRect outline;
  float          widths[4] = { width, width, width, width };
  GdkRGBA        colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* In the corner, when the graph does not fit: the whole graph small, and the part the canvas
 * shows outlined in the accent colour. Dragging in it pans (tupu-graph-view-input.c). */
static void
append_map (TupuGraphView *self, GtkSnapshot *snapshot, const GdkRGBA *accent)
{
  double          width = gtk_widget_get_width (GTK_WIDGET (self));
  double          height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t map, port;
  GskRoundedRect  frame;
  GdkRGBA         border = { 0.5, 0.5, 0.5, 0.7 };
  GdkRGBA         tint = *accent;
  GskRenderNode  *node;
  double          s;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (!_tupu_graph_view_map_rect (self, &map, &s) || (node = get_map (self, s)) == NULL)
    return;
  self->map_origin_x = map.origin.x;
  self->map_origin_y = map.origin.y;

  gsk_rounded_rect_init_from_rect (&frame, &map, 4);
  gtk_snapshot_push_rounded_clip (snapshot, &frame);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &map.origin);
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_restore (snapshot);
  graphene_rect_init (&port,
                      map.origin.x + (-self->off_x / self->zoom - self->layout->bounds.x) * s,
                      map.origin.y + (-self->off_y / self->zoom - self->layout->bounds.y) * s,
                      width / self->zoom * s, height / self->zoom * s);
  tint.alpha = 0.15;
  gtk_snapshot_append_color (snapshot, &tint, &port);
  append_frame (snapshot, &port, 0, 1.5, accent);
  gtk_snapshot_pop (snapshot);
  append_frame (snapshot, &map, 4, 1, &border);
}

/* With keyboard focus and nothing selected, the ring goes around the whole canvas. */
static void
append_view_focus_ring (TupuGraphView *self, GtkSnapshot *snapshot, const GdkRGBA *accent)
{
  double         width = gtk_widget_get_width (GTK_WIDGET (self));
  double         height = gtk_widget_get_height (GTK_WIDGET (self));
  GskRoundedRect outline;
  GdkRGBA        color = *accent;
  float          widths[4] = { 2, 2, 2, 2 };
  GdkRGBA        colors[4];

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    colors[i] = color;

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (2, 2, width - 4, height - 4), 6);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
snapshot_overlays (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy)
{
  gboolean focus_visible = gtk_widget_has_visible_focus (GTK_WIDGET (self));
  int      selected = _tupu_graph_view_selected_geom (self);
  GdkRGBA  accent;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  get_accent (self, &accent);

  /* Progress, then search marks under the rest: the selection's rings stay whole over them. */
  _tupu_graph_view_append_mastery (self, snapshot, ox, oy);
  append_marks (self, snapshot, ox, oy);

  /* Hover is neutral (the text colour, faint) so that only the selection is in the accent. */
  if (self->hover >= 0 && self->hover_dim)
    append_hover_dim (self, snapshot, ox, oy);
  if (self->hover >= 0)
    append_hover_links (self, snapshot, ox, oy);
  if (self->hover >= 0 && self->hover != selected)
    {
      GdkRGBA fg;

      gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
      append_outline (self, snapshot, ox, oy, self->hover, 2, 2, &fg, 0.35, 0.04);
    }

  /* The selection is a ring detached from the box, with a soft halo, so it stands out from
   * node borders that are themselves blue. */
  if (selected >= 0)
    {
      append_selection_edges (self, snapshot, ox, oy, selected, &accent);
      append_outline (self, snapshot, ox, oy, selected, 4, 10, &accent, 0.22, 0.10);
      append_outline (self, snapshot, ox, oy, selected, 4, 3, &accent, 1.0, 0);
      /* The focus ring at full strength: at half it fell below 3:1 on the background. */
      if (focus_visible)
        append_outline (self, snapshot, ox, oy, selected, 11, 2, &accent, 1.0, 0);
      append_badge (self, snapshot, ox, oy, selected);
    }
  else if (focus_visible)
    {
      append_view_focus_ring (self, snapshot, &accent);
    }
  append_map (self, snapshot, &accent);
}

/* ------------------------------------------------------------------------------------------ */
/* The view transform and its animation                                                       */

void
_tupu_graph_view_set_view (TupuGraphView *self, double zoom, double off_x, double off_y)
{
  gboolean zoom_changed;

  zoom = clamp_zoom (self, zoom);
  if (self->layout != NULL && has_size (self))
    {
      const TupuRect *b = &self->layout->bounds;

      off_x = clamp_offset (gtk_widget_get_width (GTK_WIDGET (self)), zoom, b->x, b->width, off_x);
      off_y =
          clamp_offset (gtk_widget_get_height (GTK_WIDGET (self)), zoom, b->y, b->height, off_y);
    }

  zoom_changed = zoom != self->zoom;
  self->zoom = zoom;
  self->off_x = off_x;
  self->off_y = off_y;
  self->fitted = FALSE;

  if (zoom_changed)
    {
      schedule_settle (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_tupu_graph_view_stop_animation (TupuGraphView *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

/* Pans move the offset linearly; zooms interpolate the zoom geometrically (every step of the
 * way looks alike) with the layout point under (anim_px, anim_py) held there. */
static gboolean
animation_tick_cb (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  gint64         now = gdk_frame_clock_get_frame_time (frame_clock);
  double         t = CLAMP ((double)(now - self->anim_start) / self->anim_duration, 0.0, 1.0);
  double         ease = 1.0 - pow (1.0 - t, 3); /* ease-out cubic */

  if (self->anim_zooming)
    {
      double zoom =
          t < 1.0 ? self->anim_from_zoom * pow (self->anim_to_zoom / self->anim_from_zoom, ease)
                  : self->anim_to_zoom;

      _tupu_graph_view_set_view (self, zoom, self->anim_px - self->anim_lx * zoom,
                                 self->anim_py - self->anim_ly * zoom);
    }
  else
    {
      _tupu_graph_view_set_view (self, self->zoom,
                                 self->anim_from_x + (self->anim_to_x - self->anim_from_x) * ease,
                                 self->anim_from_y + (self->anim_to_y - self->anim_from_y) * ease);
    }
  if (t < 1.0)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
animations_enabled (TupuGraphView *self)
{
  gboolean enabled = TRUE;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
         gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL;
}

static void
start_animation (TupuGraphView *self, gboolean zooming, gint64 duration)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  _tupu_graph_view_stop_animation (self);
  self->anim_zooming = zooming;
  self->anim_duration = duration;
  self->anim_start = gdk_frame_clock_get_frame_time (clock);
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick_cb, NULL, NULL);
}

void
_tupu_graph_view_animate_to (TupuGraphView *self, double off_x, double off_y)
{
  /* Heading elsewhere: no longer the fitted picture a resize would fit again (a sidebar
   * sliding in before the first frame of the pan would otherwise cancel it). */
  self->fitted = FALSE;
  if (!animations_enabled (self))
    {
      _tupu_graph_view_stop_animation (self);
      _tupu_graph_view_set_view (self, self->zoom, off_x, off_y);
      return;
    }

  self->anim_from_x = self->off_x;
  self->anim_from_y = self->off_y;
  self->anim_to_x = off_x;
  self->anim_to_y = off_y;
  start_animation (self, FALSE, PAN_USEC);
}

/* The zoom a running zoom animation is heading for, or the current one: repeated steps add up
 * however fast they come. */
double
_tupu_graph_view_target_zoom (TupuGraphView *self)
{
  return self->tick_id != 0 && self->anim_zooming ? self->anim_to_zoom : self->zoom;
}

void
_tupu_graph_view_animate_zoom (TupuGraphView *self, double zoom, double x, double y)
{
  if (self->layout == NULL || !animations_enabled (self))
    {
      tupu_graph_view_zoom_at (self, zoom, x, y);
      return;
    }

  self->fitted = FALSE;
  self->anim_from_zoom = self->zoom;
  self->anim_to_zoom = clamp_zoom (self, zoom);
  self->anim_px = x;
  self->anim_py = y;
  _tupu_graph_view_widget_to_layout (self, x, y, &self->anim_lx, &self->anim_ly);
  start_animation (self, TRUE, ZOOM_USEC);
}

/* The zoom at which node @geom's label shows @label_px pixels tall. */
static double
zoom_for_label_px (TupuGraphView *self, int geom, double label_px)
{
  TupuKind kind = tupu_graph_get_node (self->layout->graph, self->layout->nodes[geom].node)->kind;
  g_autoptr (PangoFontDescription) desc =
      tupu_style_font (TUPU_FONT_LABEL, kind, self->layout->options.text_scale);
  double px = pango_font_description_get_size (desc) / (double)PANGO_SCALE;

  return label_px / MAX (px, 1.0);
}

/* The zoom at which node @geom's label reads as text comfortably, or the current one if more. */
static double
readable_zoom (TupuGraphView *self, int geom)
{
  return MAX (self->zoom, zoom_for_label_px (self, geom, READABLE_LABEL_PX));
}

void
_tupu_graph_view_center_on (TupuGraphView *self, int geom, gboolean animate)
{
  double cx, cy, off_x, off_y;

  if (self->layout == NULL || geom < 0)
    return;

  /* Brought into view to be read: never left too small to read (a link followed from afar). */
  if (animate && readable_zoom (self, geom) > self->zoom)
    {
      graphene_rect_t rect;

      geom_widget_rect (self, geom, &rect);
      tupu_graph_view_zoom_at (self, readable_zoom (self, geom),
                               rect.origin.x + rect.size.width / 2,
                               rect.origin.y + rect.size.height / 2);
    }

  geom_center (self->layout, geom, &cx, &cy);
  off_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - cx * self->zoom;
  off_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - cy * self->zoom;
  if (animate)
    _tupu_graph_view_animate_to (self, off_x, off_y);
  else
    _tupu_graph_view_set_view (self, self->zoom, off_x, off_y);
}

/* How far [start, start + extent] must move to lie within [margin, size - margin]. */
static double
scroll_delta (double start, double extent, double size, double margin)
{
  if (extent > size - 2 * margin)
    return size / 2 - (start + extent / 2);
  if (start < margin)
    return margin - start;
  if (start + extent > size - margin)
    return size - margin - (start + extent);
  return 0;
}

void
_tupu_graph_view_scroll_into_view (TupuGraphView *self, int geom)
{
  graphene_rect_t rect;
  double          dx, dy;

  if (self->layout == NULL || geom < 0 || !has_size (self))
    return;

  geom_widget_rect (self, geom, &rect);
  dx = scroll_delta (rect.origin.x, rect.size.width, gtk_widget_get_width (GTK_WIDGET (self)),
                     SCROLL_MARGIN);
  dy = scroll_delta (rect.origin.y, rect.size.height, gtk_widget_get_height (GTK_WIDGET (self)),
                     SCROLL_MARGIN);
  if (dx != 0 || dy != 0)
    _tupu_graph_view_animate_to (self, self->off_x + dx, self->off_y + dy);
}

static gboolean
hover_dim_cb (gpointer data)
{
  TupuGraphView *self = data;

  self->hover_dim_id = 0;
  self->hover_dim = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

void
_tupu_graph_view_set_hover (TupuGraphView *self, int geom)
{
  if (self->hover == geom)
    return;

  self->hover = geom;
  /* Dimming waits until the pointer rests: a pointer passing over the graph flickers nothing. */
  self->hover_dim = FALSE;
  g_clear_handle_id (&self->hover_dim_id, g_source_remove);
  if (geom >= 0)
    self->hover_dim_id = g_timeout_add (HOVER_DIM_MS, hover_dim_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_tupu_graph_view_context_menu (TupuGraphView *self, double x, double y)
{
  if (self->selected_id != NULL)
    g_signal_emit (self, signals[CONTEXT_MENU], 0, x, y);
}

void
_tupu_graph_view_activate (TupuGraphView *self)
{
  if (self->selected_id != NULL)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, self->selected_id);
}

/* ------------------------------------------------------------------------------------------ */
/* Selection and accessibility                                                                */

/* What a screen reader says of the canvas. GTK 4.8 has no way to announce (no
 * gtk_accessible_announce, no live regions), so both are kept current and an AT reads their
 * changes on the focused canvas: the name says which branch is shown and how big it is, the
 * description which concept is selected and where it sits ("3 of 6"). */
static void
update_accessible_description (TupuGraphView *self)
{
  g_autofree char *description = NULL;
  int              index = -1;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->graph != NULL && self->selected_id != NULL)
    index = tupu_graph_lookup (self->graph, self->selected_id);

  if (index >= 0)
    {
      const TupuNode  *node = tupu_graph_get_node (self->graph, index);
      g_autofree char *name = _tupu_a11y_node_name (node);
      g_autofree char *position = _tupu_a11y_node_position (self->graph, node);

      /* Translators: the canvas's accessible description, the selected concept and where it
       * sits, e.g. "总要求 (the general requirement), Concept, level 4, 1 of 3" */
      description = g_strdup_printf (_ ("%s, %s"), name, position);
    }
  else
    {
      description = g_strdup (_ ("No concept selected"));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
update_accessible_name (TupuGraphView *self)
{
  g_autofree char *name = NULL;
  int              root;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  root = _tupu_graph_view_root_index (self);
  if (root >= 0)
    {
      const TupuNode  *node = tupu_graph_get_node (self->graph, root);
      g_autofree char *root_name = _tupu_a11y_node_name (node);
      guint            n = 0;

      for (guint i = 0; i < tupu_graph_get_n_nodes (self->graph); i++)
        if (tupu_graph_is_descendant (self->graph, i, (guint)root))
          n++;
      /* Translators: the canvas's accessible name when one branch is shown, e.g.
       * "Concept graph, branch 总要求 (the general requirement), 5 concepts" */
      name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Concept graph, branch %s, %u concept",
                                           "Concept graph, branch %s, %u concepts", n),
                              root_name, n);
    }
  else
    name = g_strdup (_ ("Concept graph"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

int
_tupu_graph_view_root_index (TupuGraphView *self)
{
  if (self->graph == NULL || self->root_id == NULL)
    return -1;
  return tupu_graph_lookup (self->graph, self->root_id);
}

gboolean
_tupu_graph_view_in_branch (TupuGraphView *self, guint index)
{
  int root = _tupu_graph_view_root_index (self);

  return root < 0 || tupu_graph_is_descendant (self->graph, index, (guint)root);
}

static void
set_root_id (TupuGraphView *self, const char *id)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (g_strcmp0 (self->root_id, id) == 0)
    return;
  g_free (self->root_id);
  self->root_id = g_strdup (id);
  update_accessible_name (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOT_ID]);
}

static void
set_selected_id (TupuGraphView *self, const char *id)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (g_strcmp0 (self->selected_id, id) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  update_accessible_description (self);
  _tupu_graph_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

/* ------------------------------------------------------------------------------------------ */
/* Layout requests                                                                            */

/* The desktop's text scaling, from the widget's settings (those of the default display before
 * the view is rooted, so the first layout already uses it). */
static double
read_text_scale (TupuGraphView *self)
{
  int dpi = 0;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? dpi / (96.0 * 1024.0) : 1.0;
}

typedef struct
{
  GWeakRef view;
  guint    serial;
} LayoutRequest;

static void
layout_request_free (LayoutRequest *request)
{
  g_weak_ref_clear (&request->view);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LayoutRequest, layout_request_free)

/* The node nearest the view's centre: where keyboard selection starts, and the anchor a new
 * layout keeps in place. A scan, run once per layout or key press, never per frame. */
int
_tupu_graph_view_center_geom (TupuGraphView *self)
{
  double cx, cy, best = G_MAXDOUBLE;
  int    best_geom = -1;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout == NULL)
    return -1;

  _tupu_graph_view_widget_to_layout (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &cx, &cy);
  for (guint g = 0; g < self->layout->n_nodes; g++)
    {
      double x, y, d;

      geom_center (self->layout, g, &x, &y);
      d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
      if (d < best)
        {
          best = d;
          best_geom = g;
        }
    }
  return best_geom;
}

/* The node nearest the view's centre and where it is in the widget, to put the same node at
 * the same place in the next layout. */
static const char *
find_anchor (TupuGraphView *self, double *wx, double *wy)
{
  int    geom;
  double cx, cy;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout == NULL || self->layout->n_nodes == 0 || !has_size (self))
    return NULL;

  geom = _tupu_graph_view_center_geom (self);
  geom_center (self->layout, geom, &cx, &cy);
  *wx = cx * self->zoom + self->off_x;
  *wy = cy * self->zoom + self->off_y;
  return _tupu_graph_view_geom_id (self, geom);
}

static void
restore_anchor (TupuGraphView *self, const char *id, double wx, double wy)
{
  int    index = tupu_graph_lookup (self->layout->graph, id);
  double cx, cy;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (index < 0 || self->layout->geom_of_node[index] < 0)
    return;

  geom_center (self->layout, self->layout->geom_of_node[index], &cx, &cy);
  _tupu_graph_view_set_view (self, self->zoom, wx - cx * self->zoom, wy - cy * self->zoom);
}

/* Shows the visible area asked for by tupu_graph_view_set_visible(), once there is a layout to
 * show it in and a size to show it at. */
static gboolean
apply_pending_visible (TupuGraphView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (!self->pending_visible || self->layout == NULL || !has_size (self))
    return FALSE;

  self->pending_visible = FALSE;
  self->fit_pending = FALSE;
  self->center_pending = FALSE;
  g_clear_pointer (&self->anchor_id, g_free);
  _tupu_graph_view_stop_animation (self);
  _tupu_graph_view_set_view (self, self->pending_zoom,
                             width / 2 - self->pending_x * self->pending_zoom,
                             height / 2 - self->pending_y * self->pending_zoom);
  return TRUE;
}

/* How far around (@ax, @ay) the view may shrink for [@lo, @hi] to lie within [@margin,
 * @size - @margin]: a factor of at most 1. */
static double
shrink_to_fit (double ax, double lo, double hi, double size, double margin)
{
  double f = 1.0;

  if (hi > size - margin && hi > ax && size - margin > ax)
    f = MIN (f, (size - margin - ax) / (hi - ax));
  if (lo < margin && lo < ax && ax > margin)
    f = MIN (f, (ax - margin) / (ax - lo));
  return f;
}

/* After an unfold the concept stays where the reader's eye is, but its parts may have landed
 * off screen: zoom out around it (so it still does not move) until they show, never so far
 * that their labels stop being legible. */
static void
reveal_unfolded (TupuGraphView *self, const char *id)
{
  int             index = tupu_graph_lookup (self->layout->graph, id);
  const TupuNode *node;
  graphene_rect_t anchor, box, rect;
  double          ax, ay, f, zoom, legible = 0;
  double          width = gtk_widget_get_width (GTK_WIDGET (self));
  double          height = gtk_widget_get_height (GTK_WIDGET (self));

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (index < 0 || self->layout->geom_of_node[index] < 0 || !has_size (self))
    return;
  node = tupu_graph_get_node (self->layout->graph, index);
  geom_widget_rect (self, self->layout->geom_of_node[index], &anchor);
  box = anchor;
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      int geom = self->layout->geom_of_node[g_array_index (node->children, guint, i)];

      if (geom < 0)
        continue;
      geom_widget_rect (self, geom, &rect);
      graphene_rect_union (&box, &rect, &box);
      legible = MAX (legible, zoom_for_label_px (self, geom, LEGIBLE_LABEL_PX));
    }
  ax = anchor.origin.x + anchor.size.width / 2;
  ay = anchor.origin.y + anchor.size.height / 2;
  f = MIN (shrink_to_fit (ax, box.origin.x, box.origin.x + box.size.width, width, SCROLL_MARGIN),
           shrink_to_fit (ay, box.origin.y, box.origin.y + box.size.height, height, SCROLL_MARGIN));
  zoom = MAX (self->zoom * f, legible);
  if (zoom < self->zoom * 0.99)
    _tupu_graph_view_animate_zoom (self, zoom, ax, ay);
}

static void
stop_morph (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->morph_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->morph_tick_id);
  self->morph_tick_id = 0;
  g_clear_pointer (&self->morph_from, tupu_layout_unref);
}

static gboolean
morph_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);

  gtk_widget_queue_draw (widget);
  if (gdk_frame_clock_get_frame_time (clock) - self->morph_start < MORPH_USEC)
    return G_SOURCE_CONTINUE;
  self->morph_tick_id = 0;
  g_clear_pointer (&self->morph_from, tupu_layout_unref);
  return G_SOURCE_REMOVE;
}

/* Every concept glides from where it was on screen to its new place (only between layouts of
 * one graph, when animations are on and the picture is small enough to repaint every frame). */
static void
start_morph (TupuGraphView *self, TupuLayout *old, double old_zoom, double old_x, double old_y)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  stop_morph (self);
  if (old == NULL || old->graph != self->layout->graph || !animations_enabled (self) ||
      self->layout->n_nodes > MORPH_MAX_NODES || old->n_nodes > MORPH_MAX_NODES)
    return;
  self->morph_from = tupu_layout_ref (old);
  self->morph_scale = old_zoom / self->zoom;
  self->morph_dx = (old_x - self->off_x) / self->zoom;
  self->morph_dy = (old_y - self->off_y) / self->zoom;
  self->morph_start =
      gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->morph_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), morph_tick_cb, NULL, NULL);
}

/* The picture between the two layouts, painted whole each frame (no tiles to cache). */
static void
snapshot_morph (TupuGraphView *self, GtkSnapshot *snapshot, double ox, double oy)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  double         width = gtk_widget_get_width (GTK_WIDGET (self));
  double         height = gtk_widget_get_height (GTK_WIDGET (self));
  double t = (gdk_frame_clock_get_frame_time (clock) - self->morph_start) / (double)MORPH_USEC;
  double ease = 1.0 - pow (1.0 - CLAMP (t, 0.0, 1.0), 3); /* ease-out cubic */
  g_autoptr (TupuLayout) between = tupu_layout_interpolate (
      self->morph_from, self->layout, ease, self->morph_scale, self->morph_dx, self->morph_dy);
  TupuRect         visible = { -ox / self->zoom, -oy / self->zoom, width / self->zoom,
                               height / self->zoom };
  TupuPaintOptions options;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  cairo_translate (cr, ox, oy);
  cairo_scale (cr, self->zoom, self->zoom);
  tupu_paint_options_init (&options);
  options.dark = self->dark;
  options.high_contrast = self->high_contrast;
  options.visible = &visible;
  options.scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  options.cross_links = self->show_all_links;
  tupu_painter_draw (cr, between, &options);
  cairo_destroy (cr);
}

static void
install_layout (TupuGraphView *self, TupuLayout *layout)
{
  g_autofree char *anchor_id = NULL;
  double           anchor_x = 0, anchor_y = 0;
  gboolean         fitted = self->fitted;
  gboolean         unfolded = self->anchor_unfolded;
  gboolean         refit, restored;
  g_autoptr (TupuLayout) old = NULL;
  double old_zoom, old_x, old_y;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->anchor_id != NULL)
    {
      /* The concept just folded or unfolded stays under the reader's eyes. */
      anchor_id = g_steal_pointer (&self->anchor_id);
      anchor_x = self->anchor_x;
      anchor_y = self->anchor_y;
      self->anchor_unfolded = FALSE;
    }
  else if (!self->fit_pending)
    anchor_id = g_strdup (find_anchor (self, &anchor_x, &anchor_y));

  _tupu_graph_view_stop_animation (self);
  old = g_steal_pointer (&self->layout);
  old_zoom = self->zoom;
  old_x = self->off_x;
  old_y = self->off_y;
  self->layout = tupu_layout_ref (layout);
  _tupu_graph_view_set_hover (self, -1); /* its index meant a box of the old layout */
  self->marks_stale = TRUE;
  clear_tiles (self);
  g_clear_pointer (&self->map_node, gsk_render_node_unref);

  /* Going back in history asked for an area of this layout; else fit it, or keep in place the
   * concept that was in the middle. */
  restored = apply_pending_visible (self);
  refit = !restored && (self->fit_pending || (fitted && anchor_id == NULL));
  if (refit)
    tupu_graph_view_zoom_fit (self);
  else if (!restored && anchor_id != NULL)
    {
      restore_anchor (self, anchor_id, anchor_x, anchor_y);
    }
  /* The glide starts from the transform the new picture opens with, before any zoom or pan
   * animation below moves the view on. */
  start_morph (self, old, old_zoom, old_x, old_y);
  if (!refit && !restored && anchor_id != NULL && unfolded)
    reveal_unfolded (self, anchor_id);

  /* A concept unfolded into a picture kept in place (a search result, a link) is glided to; in
   * a new picture it starts in the middle. */
  if (self->center_pending && !self->fit_pending)
    {
      self->center_pending = FALSE;
      _tupu_graph_view_center_on (self, _tupu_graph_view_selected_geom (self), !refit);
    }

  _tupu_graph_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

static void
set_layout_pending (TupuGraphView *self, gboolean pending)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout_pending == pending)
    return;
  self->layout_pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_PENDING]);
}

static void
layout_ready_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LayoutRequest) request = user_data;
  g_autoptr (TupuGraphView) self = g_weak_ref_get (&request->view);
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuLayout) layout = tupu_layout_compute_finish (result, &error);

  if (self == NULL || request->serial != self->layout_serial ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->layout_cancellable);
  set_layout_pending (self, FALSE);
  if (layout == NULL)
    {
      /* The previous layout (if any) stays on screen; the window tells the user. */
      g_signal_emit (self, signals[LAYOUT_FAILED], 0, error);
      return;
    }

  install_layout (self, layout);
}

/* Whether @layout is of the graph shown, laid out with @options. */
static gboolean
layout_matches (TupuGraphView *self, TupuLayout *layout, const TupuLayoutOptions *options)
{
  const TupuLayoutOptions *shown;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (layout == NULL || layout->graph != self->graph)
    return FALSE;
  shown = &layout->options;
  return shown->engine == options->engine && shown->root == options->root &&
         !shown->show_gloss == !options->show_gloss && shown->text_scale == options->text_scale &&
         (shown->engine != TUPU_ENGINE_DOT || shown->direction == options->direction) &&
         (shown->folded == options->folded || (shown->folded != NULL && options->folded != NULL &&
                                               g_bytes_equal (shown->folded, options->folded)));
}

static void
request_layout (TupuGraphView *self)
{
  TupuLayoutOptions options;
  LayoutRequest    *request;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout_cancellable != NULL)
    g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  self->layout_serial++;

  if (self->graph == NULL)
    {
      set_layout_pending (self, FALSE);
      return;
    }

  self->text_scale = read_text_scale (self);
  tupu_layout_options_init (&options);
  options.engine = self->engine;
  options.direction = self->direction;
  options.show_gloss = self->show_gloss;
  options.text_scale = self->text_scale;
  options.root = _tupu_graph_view_root_index (self);
  options.folded = self->folded; /* borrowed: the request takes its own reference */
  /* A graph too large for the engine chosen is laid out with one that takes it, rather than
   * left blank; the layout's options say which, and the window says so. */
  options.engine = tupu_layout_pick_engine (self->graph, &options, NULL);
  /* The layout shown is already the one asked for (an engine chosen and then chosen back,
   * say): nothing is queued, and whatever was running is dropped. */
  if (layout_matches (self, self->layout, &options))
    {
      g_clear_pointer (&self->offered, tupu_layout_unref);
      self->fit_pending = FALSE;
      set_layout_pending (self, FALSE);
      return;
    }
  /* Computed ahead (a window's first graph, laid out as it loaded): shown at once. */
  if (layout_matches (self, self->offered, &options))
    {
      g_autoptr (TupuLayout) offered = g_steal_pointer (&self->offered);

      set_layout_pending (self, FALSE);
      install_layout (self, offered);
      return;
    }
  g_clear_pointer (&self->offered, tupu_layout_unref);

  request = g_new0 (LayoutRequest, 1);
  g_weak_ref_init (&request->view, self);
  request->serial = self->layout_serial;
  self->layout_cancellable = g_cancellable_new ();
  tupu_layout_compute_async (self->graph, &options, self->layout_cancellable, layout_ready_cb,
                             request);
  self->n_computed++;
  self->pending_engine = options.engine;
  set_layout_pending (self, TRUE);
}

static void
clear_layout (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout == NULL)
    return;

  _tupu_graph_view_stop_animation (self);
  stop_morph (self);
  g_clear_pointer (&self->layout, tupu_layout_unref);
  _tupu_graph_view_set_hover (self, -1);
  self->marks_stale = TRUE;
  clear_tiles (self);
  g_clear_pointer (&self->map_node, gsk_render_node_unref);
  _tupu_graph_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

/* ------------------------------------------------------------------------------------------ */
/* Desktop settings: dark style and text scaling                                              */

static void
update_dark (TupuGraphView *self)
{
  gboolean high_contrast = FALSE;
  gboolean dark;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  dark = _tupu_gui_style_is_dark (GTK_WIDGET (self), &high_contrast);
  if (self->dark == !!dark && self->high_contrast == !!high_contrast)
    return;

  self->dark = !!dark;
  self->high_contrast = !!high_contrast;
  g_clear_pointer (&self->map_node, gsk_render_node_unref); /* its colours */
  invalidate_cache (self);
}

static void
dark_changed_cb (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  update_dark (self);
}

static void
update_text_scale (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (fabs (read_text_scale (self) - self->text_scale) > 1e-6)
    request_layout (self);
}

static void
settings_changed_cb (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  update_text_scale (self);
  update_dark (self);
}

/* ------------------------------------------------------------------------------------------ */
/* GtkWidget                                                                                  */

static void
tupu_graph_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  TupuColor      bg =
      tupu_style_variant_background (tupu_style_variant (self->dark, self->high_contrast));
  GdkRGBA rgba = { bg.r, bg.g, bg.b, bg.a };
  int     scale = gtk_widget_get_scale_factor (widget);
  double  ox, oy;

  gtk_snapshot_append_color (
      snapshot, &rgba,
      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget)));
  if (self->layout == NULL)
    return;

  ox = round (self->off_x * scale) / scale;
  oy = round (self->off_y * scale) / scale;
  /* While concepts glide to a new layout, the overlays (rings, marks) would sit at their
   * destinations: they wait for the glide to end. */
  if (self->morph_from != NULL)
    {
      snapshot_morph (self, snapshot, ox, oy);
      return;
    }
  snapshot_graph (self, snapshot, ox, oy);
  snapshot_overlays (self, snapshot, ox, oy);
}

static void
tupu_graph_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                         int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = 48;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
tupu_graph_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  int            old_width = self->last_width;
  int            old_height = self->last_height;

  self->last_width = width;
  self->last_height = height;
  if (self->layout == NULL || (width == old_width && height == old_height))
    return;

  if (apply_pending_visible (self))
    return;
  if (self->fit_pending || self->fitted || old_width <= 0 || old_height <= 0)
    tupu_graph_view_zoom_fit (self);
  else
    {
      /* Keep what is at the centre there, and where a running animation is heading to: a
       * sidebar sliding in while the view glides to a concept must not leave it off centre. */
      double dx = (width - old_width) / 2.0, dy = (height - old_height) / 2.0;

      self->anim_from_x += dx;
      self->anim_to_x += dx;
      self->anim_px += dx;
      self->anim_from_y += dy;
      self->anim_to_y += dy;
      self->anim_py += dy;
      _tupu_graph_view_set_view (self, self->zoom, self->off_x + dx, self->off_y + dy);
    }

  if (self->center_pending)
    {
      self->center_pending = FALSE;
      _tupu_graph_view_center_on (self, _tupu_graph_view_selected_geom (self), FALSE);
    }
}

static void
tupu_graph_view_state_flags_changed (GtkWidget *widget, GtkStateFlags previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if (changed &
      (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (tupu_graph_view_parent_class)->state_flags_changed (widget, previous);
}

static void
tupu_graph_view_root (GtkWidget *widget)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (widget);
  GtkSettings   *settings;

  GTK_WIDGET_CLASS (tupu_graph_view_parent_class)->root (widget);

  settings = gtk_widget_get_settings (widget);
  g_signal_connect_object (settings, "notify::gtk-xft-dpi", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  settings_changed_cb (self);
}

static void
tupu_graph_view_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_settings (widget), settings_changed_cb,
                                        widget);

  GTK_WIDGET_CLASS (tupu_graph_view_parent_class)->unroot (widget);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */

static void
tupu_graph_view_dispose (GObject *object)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (object);

  if (self->layout_cancellable != NULL)
    g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  _tupu_graph_view_stop_animation (self);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->hover_dim_id, g_source_remove);
  stop_morph (self);
  g_clear_pointer (&self->layout, tupu_layout_unref);
  g_clear_pointer (&self->offered, tupu_layout_unref);
  g_clear_object (&self->graph);
  if (self->tiles != NULL)
    clear_tiles (self);
  g_clear_pointer (&self->map_node, gsk_render_node_unref);

  G_OBJECT_CLASS (tupu_graph_view_parent_class)->dispose (object);
}

static void
tupu_graph_view_finalize (GObject *object)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (object);

  g_clear_pointer (&self->folded, g_bytes_unref);
  g_clear_pointer (&self->marked, g_bytes_unref);
  g_clear_pointer (&self->mastery, g_bytes_unref);
  g_clear_pointer (&self->mark_geoms, g_array_unref);
  g_clear_pointer (&self->mark_badges, g_array_unref);
  g_clear_pointer (&self->anchor_id, g_free);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->pending_tiles, g_hash_table_unref);
  g_clear_pointer (&self->stale_tiles, g_hash_table_unref);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->root_id, g_free);

  G_OBJECT_CLASS (tupu_graph_view_parent_class)->finalize (object);
}

static void
tupu_graph_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_LAYOUT:
      g_value_set_boxed (value, self->layout);
      break;
    case PROP_ENGINE:
      g_value_set_int (value, self->engine);
      break;
    case PROP_DIRECTION:
      g_value_set_int (value, self->direction);
      break;
    case PROP_LAYOUT_PENDING:
      g_value_set_boolean (value, self->layout_pending);
      break;
    case PROP_SHOW_GLOSS:
      g_value_set_boolean (value, self->show_gloss);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_ROOT_ID:
      g_value_set_string (value, self->root_id);
      break;
    case PROP_FOLDED:
      g_value_set_boxed (value, self->folded);
      break;
    case PROP_SHOW_ALL_LINKS:
      g_value_set_boolean (value, self->show_all_links);
      break;
    case PROP_MARKED:
      g_value_set_boxed (value, self->marked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_graph_view_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  TupuGraphView *self = TUPU_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      tupu_graph_view_set_graph (self, g_value_get_object (value));
      break;
    case PROP_ENGINE:
      tupu_graph_view_set_engine (self, g_value_get_int (value));
      break;
    case PROP_DIRECTION:
      tupu_graph_view_set_direction (self, g_value_get_int (value));
      break;
    case PROP_SHOW_GLOSS:
      tupu_graph_view_set_show_gloss (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED_ID:
      tupu_graph_view_select (self, g_value_get_string (value), FALSE);
      break;
    case PROP_ROOT_ID:
      tupu_graph_view_set_root_id (self, g_value_get_string (value));
      break;
    case PROP_FOLDED:
      tupu_graph_view_set_folded (self, g_value_get_boxed (value));
      break;
    case PROP_SHOW_ALL_LINKS:
      tupu_graph_view_set_show_all_links (self, g_value_get_boolean (value));
      break;
    case PROP_MARKED:
      tupu_graph_view_set_marked (self, g_value_get_boxed (value));
      break;
    case PROP_ZOOM:
      tupu_graph_view_zoom_at (self, g_value_get_double (value),
                               gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_graph_view_class_init (TupuGraphViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags     rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tupu_graph_view_dispose;
  object_class->finalize = tupu_graph_view_finalize;
  object_class->get_property = tupu_graph_view_get_property;
  object_class->set_property = tupu_graph_view_set_property;

  widget_class->snapshot = tupu_graph_view_snapshot;
  widget_class->measure = tupu_graph_view_measure;
  widget_class->size_allocate = tupu_graph_view_size_allocate;
  widget_class->state_flags_changed = tupu_graph_view_state_flags_changed;
  widget_class->root = tupu_graph_view_root;
  widget_class->unroot = tupu_graph_view_unroot;

  properties[PROP_GRAPH] = g_param_spec_object ("graph", NULL, NULL, TUPU_TYPE_GRAPH, rw);
  properties[PROP_LAYOUT] =
      g_param_spec_boxed ("layout", NULL, NULL, TUPU_TYPE_LAYOUT,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENGINE] =
      g_param_spec_int ("engine", NULL, NULL, 0, TUPU_N_ENGINES - 1, TUPU_ENGINE_DOT, rw);
  properties[PROP_SHOW_GLOSS] = g_param_spec_boolean ("show-gloss", NULL, NULL, TRUE, rw);
  properties[PROP_SELECTED_ID] = g_param_spec_string ("selected-id", NULL, NULL, NULL, rw);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0.001, ZOOM_MAX, 1.0, rw);
  properties[PROP_ROOT_ID] = g_param_spec_string ("root-id", NULL, NULL, NULL, rw);
  properties[PROP_FOLDED] = g_param_spec_boxed ("folded", NULL, NULL, G_TYPE_BYTES, rw);
  properties[PROP_SHOW_ALL_LINKS] = g_param_spec_boolean ("show-all-links", NULL, NULL, FALSE, rw);
  properties[PROP_DIRECTION] = g_param_spec_int ("direction", NULL, NULL, 0, TUPU_N_DIRECTIONS - 1,
                                                 TUPU_DIRECTION_LEFT_TO_RIGHT, rw);
  /* A layout is being computed for what the view now asks for (the one shown is older). */
  properties[PROP_LAYOUT_PENDING] =
      g_param_spec_boolean ("layout-pending", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARKED] = g_param_spec_boxed ("marked", NULL, NULL, G_TYPE_BYTES, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when a layout fails (e.g. TUPU_LAYOUT_ERROR_TOO_LARGE); the previous one stays. */
  signals[LAYOUT_FAILED] =
      g_signal_new ("layout-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* A right click on a concept (selected first), or Menu or Shift+F10 with one selected: the
   * window pops up the concept's menu at (x, y), in the view's coordinates. */
  signals[CONTEXT_MENU] =
      g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /* Enter, space or a double click on the selected node; the argument is its id. */
  signals[NODE_ACTIVATED] =
      g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "graphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  _tupu_graph_view_class_init_input (widget_class);
}

static void
tupu_graph_view_init (TupuGraphView *self)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  self->engine = TUPU_ENGINE_DOT;
  self->show_gloss = TRUE;
  self->text_scale = 1.0;
  self->zoom = 1.0;
  self->hover = -1;
  self->fit_pending = TRUE;
  self->pointer_x = self->pointer_y = -1;
  self->tiles = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)gsk_render_node_unref);
  self->pending_tiles = g_hash_table_new (NULL, NULL);
  self->mark_geoms = g_array_new (FALSE, FALSE, sizeof (int));
  self->mark_badges = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  update_accessible_name (self);
  update_accessible_description (self);

  if (adw_is_initialized ())
    {
      g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                               G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                               G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_dark (self);

  _tupu_graph_view_init_input (self);
  _tupu_graph_view_update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

GtkWidget *
tupu_graph_view_new (void)
{
  return g_object_new (TUPU_TYPE_GRAPH_VIEW, NULL);
}

void
tupu_graph_view_set_graph (TupuGraphView *self, TupuGraph *graph)
{
  gboolean reload;

  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));
  g_return_if_fail (graph == NULL || TUPU_IS_GRAPH (graph));

  if (self->graph == graph)
    return;

  /* Same graph id = a reload: keep selection and view; otherwise start afresh with a fit. */
  reload = graph != NULL && self->graph != NULL &&
           g_strcmp0 (tupu_graph_get_id (graph), tupu_graph_get_id (self->graph)) == 0;
  g_set_object (&self->graph, graph);

  if (!reload)
    {
      self->fit_pending = TRUE;
      self->center_pending = FALSE;
      clear_layout (self);
      set_selected_id (self, NULL);
      set_root_id (self, NULL);
    }
  else if (self->root_id != NULL && tupu_graph_lookup (graph, self->root_id) < 0)
    {
      self->fit_pending = TRUE;
      set_root_id (self, NULL);
    }
  else if (self->selected_id != NULL && tupu_graph_lookup (graph, self->selected_id) < 0)
    {
      set_selected_id (self, NULL);
    }

  update_accessible_description (self);
  request_layout (self);
  _tupu_graph_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
}

void
tupu_graph_view_get_fresh_options (TupuGraphView *self, TupuLayoutOptions *options)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));
  g_return_if_fail (options != NULL);

  tupu_layout_options_init (options);
  options->engine = self->engine;
  options->direction = self->direction;
  options->show_gloss = self->show_gloss;
  options->text_scale = read_text_scale (self);
}

void
tupu_graph_view_offer_layout (TupuGraphView *self, TupuLayout *layout)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  g_clear_pointer (&self->offered, tupu_layout_unref);
  self->offered = layout != NULL ? tupu_layout_ref (layout) : NULL;
}

TupuGraph *
tupu_graph_view_get_graph (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), NULL);

  return self->graph;
}

TupuLayout *
tupu_graph_view_get_layout (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), NULL);

  return self->layout;
}

TupuEngine
tupu_graph_view_get_pending_engine (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), TUPU_ENGINE_DOT);

  return self->layout_pending ? self->pending_engine : self->engine;
}

void
tupu_graph_view_set_engine (TupuGraphView *self, TupuEngine engine)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));
  g_return_if_fail (engine < TUPU_N_ENGINES);

  if (self->engine == engine)
    return;

  self->engine = engine;
  /* Another engine draws another picture: the old zoom and anchor mean nothing in it. */
  self->fit_pending = TRUE;
  request_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

gboolean
tupu_graph_view_get_layout_pending (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  return self->layout_pending;
}

/* Drops the layout being computed and goes back to what the one shown was made of: its engine,
 * direction, branch and folds (the window follows their notifications). */
void
tupu_graph_view_cancel_layout (TupuGraphView *self)
{
  const TupuLayoutOptions *shown;
  int                      root;

  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (!self->layout_pending || self->layout == NULL || self->layout->graph != self->graph)
    return;

  g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  self->layout_serial++;
  self->fit_pending = FALSE;
  shown = &self->layout->options;
  root = shown->root >= 0 ? shown->root : (int)tupu_graph_get_root (self->graph);
  set_root_id (self, (guint)root == tupu_graph_get_root (self->graph)
                         ? NULL
                         : tupu_graph_get_node (self->graph, root)->id);
  if (!(self->folded == shown->folded || (self->folded != NULL && shown->folded != NULL &&
                                          g_bytes_equal (self->folded, shown->folded))))
    {
      g_clear_pointer (&self->folded, g_bytes_unref);
      self->folded = shown->folded != NULL ? g_bytes_ref (shown->folded) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
    }
  /* The engine asked for, unless it was only the fallback that was used (the graph too large). */
  if (tupu_layout_pick_engine (self->graph, shown, NULL) == shown->engine &&
      self->engine != shown->engine)
    {
      self->engine = shown->engine;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
    }
  if (shown->engine == TUPU_ENGINE_DOT && self->direction != shown->direction)
    {
      self->direction = shown->direction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
    }
  set_layout_pending (self, FALSE);
  _tupu_graph_view_update_actions (self);
}

TupuEngine
tupu_graph_view_get_engine (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), TUPU_ENGINE_DOT);

  return self->engine;
}

void
tupu_graph_view_set_direction (TupuGraphView *self, TupuDirection direction)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));
  g_return_if_fail (direction < TUPU_N_DIRECTIONS);

  if (self->direction == direction)
    return;

  self->direction = direction;
  /* Only dot draws a direction; the others would lay out the same picture again. */
  if (self->engine == TUPU_ENGINE_DOT)
    {
      self->fit_pending = TRUE;
      request_layout (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

TupuDirection
tupu_graph_view_get_direction (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), TUPU_DIRECTION_LEFT_TO_RIGHT);

  return self->direction;
}

void
tupu_graph_view_set_show_gloss (TupuGraphView *self, gboolean show_gloss)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  show_gloss = !!show_gloss;
  if (self->show_gloss == show_gloss)
    return;

  self->show_gloss = show_gloss;
  request_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GLOSS]);
}

gboolean
tupu_graph_view_get_show_gloss (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  return self->show_gloss;
}

gboolean
tupu_graph_view_select (TupuGraphView *self, const char *id, gboolean center)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  if (id == NULL)
    {
      set_selected_id (self, NULL);
      return TRUE;
    }
  if (self->graph == NULL || tupu_graph_lookup (self->graph, id) < 0)
    return FALSE;

  /* A link to a concept outside the branch shown widens the view to the whole graph. */
  if (!_tupu_graph_view_in_branch (self, tupu_graph_lookup (self->graph, id)))
    {
      set_root_id (self, NULL);
      self->fit_pending = TRUE;
      request_layout (self);
      _tupu_graph_view_update_actions (self);
    }

  /* A concept folded into another (a link to a list's member) is unfolded into view. */
  if (tupu_folding_is_hidden (self->folded, self->graph, tupu_graph_lookup (self->graph, id)))
    {
      g_autoptr (GBytes) revealed =
          tupu_folding_reveal (self->folded, self->graph, tupu_graph_lookup (self->graph, id));

      tupu_graph_view_set_folded (self, revealed);
    }

  set_selected_id (self, id);
  if (center)
    {
      /* With a layout on its way, centre in the new one rather than animate in the old. */
      if (self->layout_cancellable != NULL || self->layout == NULL || !has_size (self))
        self->center_pending = TRUE;
      else
        _tupu_graph_view_center_on (self, _tupu_graph_view_selected_geom (self), TRUE);
    }

  return TRUE;
}

const char *
tupu_graph_view_get_selected_id (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), NULL);

  return self->selected_id;
}

gboolean
tupu_graph_view_get_visible (TupuGraphView *self, double *center_x, double *center_y, double *zoom)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (center_x != NULL && center_y != NULL && zoom != NULL, FALSE);

  if (self->layout == NULL || !has_size (self))
    return FALSE;

  _tupu_graph_view_widget_to_layout (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, center_x,
                                     center_y);
  *zoom = self->zoom;
  return TRUE;
}

void
tupu_graph_view_set_visible (TupuGraphView *self, double center_x, double center_y, double zoom)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));
  g_return_if_fail (zoom > 0);

  self->pending_visible = TRUE;
  self->pending_x = center_x;
  self->pending_y = center_y;
  self->pending_zoom = zoom;
  /* The layout shown now is not the one the area belongs to while another is on its way. */
  if (self->layout_cancellable == NULL)
    apply_pending_visible (self);
}

double
tupu_graph_view_get_zoom (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), 1.0);

  return self->zoom;
}

void
tupu_graph_view_zoom_at (TupuGraphView *self, double zoom, double x, double y)
{
  double lx, ly;

  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));
  g_return_if_fail (zoom > 0);

  _tupu_graph_view_stop_animation (self);
  _tupu_graph_view_widget_to_layout (self, x, y, &lx, &ly);
  zoom = clamp_zoom (self, zoom);
  _tupu_graph_view_set_view (self, zoom, x - lx * zoom, y - ly * zoom);
}

void
tupu_graph_view_zoom_fit (TupuGraphView *self)
{
  const TupuRect *b;
  double          zoom;

  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout == NULL || !has_size (self))
    {
      self->fit_pending = TRUE;
      return;
    }

  _tupu_graph_view_stop_animation (self);
  b = &self->layout->bounds;
  zoom = _tupu_graph_view_fit_zoom (self);
  _tupu_graph_view_set_view (
      self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - (b->x + b->width / 2) * zoom,
      gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - (b->y + b->height / 2) * zoom);
  self->fit_pending = FALSE;
  self->fitted = TRUE;
}

gboolean
tupu_graph_view_set_root_id (TupuGraphView *self, const char *id)
{
  int index;

  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  index = id != NULL && self->graph != NULL ? tupu_graph_lookup (self->graph, id) : -1;
  if (id != NULL && index < 0)
    return FALSE;
  /* The report's branch is the whole graph: say so with NULL, so "leave" has nowhere to go. */
  if (index >= 0 && (guint)index == tupu_graph_get_root (self->graph))
    id = NULL;
  if (g_strcmp0 (self->root_id, id) == 0)
    return TRUE;

  set_root_id (self, id);
  if (self->selected_id != NULL &&
      !_tupu_graph_view_in_branch (self, tupu_graph_lookup (self->graph, self->selected_id)))
    set_selected_id (self, NULL);
  /* A branch is a new picture: fit it, and keep the selection in view. */
  self->fit_pending = TRUE;
  request_layout (self);
  _tupu_graph_view_update_actions (self);
  return TRUE;
}

const char *
tupu_graph_view_get_root_id (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), NULL);

  return self->root_id;
}

/* Only a concept with parts, not already the branch shown, has a branch worth showing alone. */
gboolean
tupu_graph_view_can_focus_branch (TupuGraphView *self)
{
  int index;

  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  index = self->graph != NULL && self->selected_id != NULL
              ? tupu_graph_lookup (self->graph, self->selected_id)
              : -1;
  return index >= 0 && tupu_graph_get_node (self->graph, index)->children->len > 0 &&
         g_strcmp0 (self->selected_id, self->root_id) != 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Folding and links                                                                          */

void
tupu_graph_view_set_folded (TupuGraphView *self, GBytes *folded)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (self->folded == folded ||
      (self->folded != NULL && folded != NULL && g_bytes_equal (self->folded, folded)))
    return;

  g_clear_pointer (&self->folded, g_bytes_unref);
  self->folded = folded != NULL ? g_bytes_ref (folded) : NULL;
  /* A layout on its way has the old folds: ask again (the first one too, else it would stay). */
  if (self->layout != NULL || self->layout_cancellable != NULL)
    request_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

GBytes *
tupu_graph_view_get_folded (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), NULL);

  return self->folded;
}

gboolean
tupu_graph_view_get_node_folded (TupuGraphView *self, const char *id)
{
  int index;

  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  index = self->graph != NULL && id != NULL ? tupu_graph_lookup (self->graph, id) : -1;
  return index >= 0 && tupu_folding_is_folded (self->folded, self->graph, index);
}

gboolean
tupu_graph_view_set_node_folded (TupuGraphView *self, const char *id, gboolean folded)
{
  g_autoptr (GBytes) changed = NULL;
  graphene_rect_t rect;
  int             index;

  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  index = self->graph != NULL && id != NULL ? tupu_graph_lookup (self->graph, id) : -1;
  if (index < 0 || !tupu_graph_view_can_fold (self, id) ||
      !tupu_graph_view_get_node_folded (self, id) == !folded)
    return FALSE;

  /* Keep the concept where it is on screen through the relayout. */
  if (self->layout != NULL && self->layout->geom_of_node[index] >= 0)
    {
      geom_widget_rect (self, self->layout->geom_of_node[index], &rect);
      g_free (self->anchor_id);
      self->anchor_id = g_strdup (id);
      self->anchor_x = rect.origin.x + rect.size.width / 2;
      self->anchor_y = rect.origin.y + rect.size.height / 2;
      self->anchor_unfolded = !folded;
    }
  changed = tupu_folding_set (self->folded, self->graph, index, folded);
  tupu_graph_view_set_folded (self, changed);
  return TRUE;
}

gboolean
tupu_graph_view_can_fold (TupuGraphView *self, const char *id)
{
  int             index;
  const TupuNode *node;

  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  index = self->graph != NULL && id != NULL ? tupu_graph_lookup (self->graph, id) : -1;
  if (index < 0)
    return FALSE;
  node = tupu_graph_get_node (self->graph, index);
  /* The branch shown always shows its parts: its root's fold does not apply there. */
  return node->children != NULL && node->children->len > 0 && g_strcmp0 (id, self->root_id) != 0;
}

gboolean
_tupu_graph_view_fold_selection (TupuGraphView *self, gboolean fold)
{
  g_assert (TUPU_IS_GRAPH_VIEW (self));

  return tupu_graph_view_set_node_folded (self, self->selected_id, fold);
}

gboolean
_tupu_graph_view_toggle_badge_at (TupuGraphView *self, double x, double y)
{
  double lx, ly;

  g_assert (TUPU_IS_GRAPH_VIEW (self));

  if (self->layout == NULL)
    return FALSE;
  _tupu_graph_view_widget_to_layout (self, x, y, &lx, &ly);
  for (guint g = 0; g < self->layout->n_nodes; g++)
    {
      TupuRect badge;

      if (tupu_layout_badge_rect (self->layout, g, &badge) && lx >= badge.x &&
          lx <= badge.x + badge.width && ly >= badge.y && ly <= badge.y + badge.height)
        {
          const char *id = _tupu_graph_view_geom_id (self, g);

          return tupu_graph_view_set_node_folded (self, id, FALSE);
        }
    }
  return FALSE;
}

void
tupu_graph_view_set_show_all_links (TupuGraphView *self, gboolean show_all_links)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (!self->show_all_links == !show_all_links)
    return;

  self->show_all_links = !!show_all_links;
  invalidate_cache (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ALL_LINKS]);
}

gboolean
tupu_graph_view_get_show_all_links (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), FALSE);

  return self->show_all_links;
}

void
tupu_graph_view_set_marked (TupuGraphView *self, GBytes *marked)
{
  g_return_if_fail (TUPU_IS_GRAPH_VIEW (self));

  if (self->marked == marked ||
      (self->marked != NULL && marked != NULL && g_bytes_equal (self->marked, marked)))
    return;

  g_clear_pointer (&self->marked, g_bytes_unref);
  self->marked = marked != NULL ? g_bytes_ref (marked) : NULL;
  self->marks_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKED]);
}

GBytes *
tupu_graph_view_get_marked (TupuGraphView *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH_VIEW (self), NULL);

  return self->marked;
}
