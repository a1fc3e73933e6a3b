/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-search-model.c: see tupu-search-model.h. */

#include "config.h"

#include "tupu-search-model.h"

struct _TupuSearchModel
{
  GObject parent_instance;

  TupuGraph  *graph;
  TupuSearch *search; /* of graph, built on the first query */
  char       *query;
  GArray     *matches; /* TupuSearchMatch, best first */
};

enum
{
  PROP_0,
  PROP_GRAPH,
  PROP_QUERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void tupu_search_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TupuSearchModel, tupu_search_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tupu_search_model_list_model_init))

/* Runs the query again and tells the list that everything changed. */
static void
refresh (TupuSearchModel *self)
{
  guint old_len = self->matches->len;

  g_assert (TUPU_IS_SEARCH_MODEL (self));

  g_array_unref (self->matches);
  if (self->graph != NULL && self->query != NULL && *self->query != '\0')
    {
      if (self->search == NULL)
        self->search = tupu_search_new (self->graph);
      self->matches = tupu_search_run (self->search, self->query);
    }
  else
    self->matches = g_array_new (FALSE, FALSE, sizeof (TupuSearchMatch));

  if (old_len > 0 || self->matches->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->matches->len);
}

/* GListModel */

static GType
tupu_search_model_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
tupu_search_model_get_n_items (GListModel *model)
{
  return TUPU_SEARCH_MODEL (model)->matches->len;
}

static gpointer
tupu_search_model_get_item (GListModel *model, guint position)
{
  TupuSearchModel       *self = TUPU_SEARCH_MODEL (model);
  const TupuSearchMatch *match = tupu_search_model_get_match (self, position);

  if (match == NULL)
    return NULL;
  return gtk_string_object_new (tupu_graph_get_node (self->graph, match->node)->id);
}

static void
tupu_search_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tupu_search_model_get_item_type;
  iface->get_n_items = tupu_search_model_get_n_items;
  iface->get_item = tupu_search_model_get_item;
}

/* GObject */

static void
tupu_search_model_finalize (GObject *object)
{
  TupuSearchModel *self = TUPU_SEARCH_MODEL (object);

  g_clear_object (&self->graph);
  g_clear_object (&self->search);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (tupu_search_model_parent_class)->finalize (object);
}

static void
tupu_search_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuSearchModel *self = TUPU_SEARCH_MODEL (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_search_model_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  TupuSearchModel *self = TUPU_SEARCH_MODEL (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      tupu_search_model_set_graph (self, g_value_get_object (value));
      break;
    case PROP_QUERY:
      tupu_search_model_set_query (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_search_model_class_init (TupuSearchModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tupu_search_model_finalize;
  object_class->get_property = tupu_search_model_get_property;
  object_class->set_property = tupu_search_model_set_property;

  properties[PROP_GRAPH] = g_param_spec_object ("graph", NULL, NULL, TUPU_TYPE_GRAPH, rw);
  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tupu_search_model_init (TupuSearchModel *self)
{
  self->matches = g_array_new (FALSE, FALSE, sizeof (TupuSearchMatch));
}

/* Public API */

TupuSearchModel *
tupu_search_model_new (void)
{
  return g_object_new (TUPU_TYPE_SEARCH_MODEL, NULL);
}

void
tupu_search_model_set_graph (TupuSearchModel *self, TupuGraph *graph)
{
  g_return_if_fail (TUPU_IS_SEARCH_MODEL (self));
  g_return_if_fail (graph == NULL || TUPU_IS_GRAPH (graph));

  if (!g_set_object (&self->graph, graph))
    return;

  g_clear_object (&self->search);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
}

TupuGraph *
tupu_search_model_get_graph (TupuSearchModel *self)
{
  g_return_val_if_fail (TUPU_IS_SEARCH_MODEL (self), NULL);

  return self->graph;
}

void
tupu_search_model_set_query (TupuSearchModel *self, const char *query)
{
  g_return_if_fail (TUPU_IS_SEARCH_MODEL (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

const char *
tupu_search_model_get_query (TupuSearchModel *self)
{
  g_return_val_if_fail (TUPU_IS_SEARCH_MODEL (self), NULL);

  return self->query;
}

const TupuSearchMatch *
tupu_search_model_get_match (TupuSearchModel *self, guint position)
{
  g_return_val_if_fail (TUPU_IS_SEARCH_MODEL (self), NULL);

  if (position >= self->matches->len)
    return NULL;
  return &g_array_index (self->matches, TupuSearchMatch, position);
}

GBytes *
tupu_search_model_dup_marked (TupuSearchModel *self)
{
  guint8 *marked;

  g_return_val_if_fail (TUPU_IS_SEARCH_MODEL (self), NULL);

  if (self->matches->len == 0)
    return NULL;
  marked = g_new0 (guint8, tupu_graph_get_n_nodes (self->graph));
  for (guint i = 0; i < self->matches->len; i++)
    marked[g_array_index (self->matches, TupuSearchMatch, i).node] = 1;
  return g_bytes_new_take (marked, tupu_graph_get_n_nodes (self->graph));
}
