/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-graph.c: the immutable concept graph, its kinds and relations, and its derived fields. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tupu-graph-private.h"

struct _TupuGraph
{
  GObject parent_instance;

  char       *id;
  char       *title_zh;
  char       *title_en;
  TupuText   *text;
  GPtrArray  *nodes;      /* of TupuNode* */
  GArray     *edges;      /* of TupuEdge */
  GHashTable *ids;        /* id -> index + 1 */
  GPtrArray  *node_edges; /* of GArray* of guint, one per node */
  guint      *speech_order;
  guint       root;
};

G_DEFINE_FINAL_TYPE (TupuGraph, tupu_graph, G_TYPE_OBJECT)

/* The macro stringifies its first argument, which clang-format would space out. */
/* clang-format off */
G_DEFINE_QUARK (tupu-graph-error-quark, tupu_graph_error)
/* clang-format on */

/* ---- kinds and relations ------------------------------------------------------------------- */

static const struct
{
  const char *name;
  const char *display;
} kinds[TUPU_N_KINDS] = {
  [TUPU_KIND_REPORT] = { "report", N_ ("Report") },
  [TUPU_KIND_PART] = { "part", N_ ("Part") },
  [TUPU_KIND_POINT] = { "point", N_ ("Point") },
  [TUPU_KIND_LIST] = { "list", N_ ("List") },
  [TUPU_KIND_ITEM] = { "item", N_ ("Item") },
  [TUPU_KIND_CONCEPT] = { "concept", N_ ("Concept") },
  [TUPU_KIND_PRINCIPLE] = { "principle", N_ ("Principle") },
  [TUPU_KIND_GOAL] = { "goal", N_ ("Goal") },
  [TUPU_KIND_ACTION] = { "action", N_ ("Action") },
  [TUPU_KIND_TASK] = { "task", N_ ("Task") },
  [TUPU_KIND_DUTY] = { "duty", N_ ("Duty") },
  [TUPU_KIND_BRAND] = { "brand", N_ ("Brand") },
  [TUPU_KIND_CAPABILITY] = { "capability", N_ ("Capability") },
  [TUPU_KIND_METHOD] = { "method", N_ ("Method") },
  [TUPU_KIND_PROBLEM] = { "problem", N_ ("Problem") },
  [TUPU_KIND_DOCUMENT] = { "document", N_ ("Document") },
};

static const struct
{
  const char *name;
  const char *display;
} relations[TUPU_N_RELATIONS] = {
  [TUPU_RELATION_PART_OF] = { "part-of", N_ ("Part of") },
  [TUPU_RELATION_SUPPORTS] = { "supports", N_ ("Supports") },
  [TUPU_RELATION_EMBODIES] = { "embodies", N_ ("Embodies") },
  [TUPU_RELATION_BUILDS] = { "builds", N_ ("Builds") },
  [TUPU_RELATION_LEADS_TO] = { "leads-to", N_ ("Leads to") },
  [TUPU_RELATION_RELATES_TO] = { "relates-to", N_ ("Relates to") },
};

const char *
tupu_kind_to_string (TupuKind kind)
{
  g_return_val_if_fail (kind < TUPU_N_KINDS, NULL);

  return kinds[kind].name;
}

gboolean
tupu_kind_from_string (const char *str, TupuKind *kind)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < TUPU_N_KINDS; i++)
    if (strcmp (str, kinds[i].name) == 0)
      {
        if (kind != NULL)
          *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tupu_kind_display_name (TupuKind kind)
{
  g_return_val_if_fail (kind < TUPU_N_KINDS, NULL);

  return _ (kinds[kind].display);
}

static const char *const label_origins[TUPU_N_LABEL_ORIGINS] = {
  [TUPU_LABEL_ORIGIN_SPEECH] = "speech",
  [TUPU_LABEL_ORIGIN_CITATION] = "citation",
  [TUPU_LABEL_ORIGIN_EDITORIAL] = "editorial",
};

const char *
tupu_label_origin_to_string (TupuLabelOrigin origin)
{
  g_return_val_if_fail (origin < TUPU_N_LABEL_ORIGINS, NULL);

  return label_origins[origin];
}

gboolean
tupu_label_origin_from_string (const char *str, TupuLabelOrigin *origin)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < TUPU_N_LABEL_ORIGINS; i++)
    if (strcmp (str, label_origins[i]) == 0)
      {
        if (origin != NULL)
          *origin = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tupu_relation_to_string (TupuRelation relation)
{
  g_return_val_if_fail (relation < TUPU_N_RELATIONS, NULL);

  return relations[relation].name;
}

gboolean
tupu_relation_from_string (const char *str, TupuRelation *relation)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < TUPU_N_RELATIONS; i++)
    if (strcmp (str, relations[i].name) == 0)
      {
        if (relation != NULL)
          *relation = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tupu_relation_display_name (TupuRelation relation)
{
  g_return_val_if_fail (relation < TUPU_N_RELATIONS, NULL);

  return _ (relations[relation].display);
}

/* ^[a-z0-9]+(-[a-z0-9]+)*$, at most 64 characters. */
gboolean
tupu_id_is_valid (const char *id)
{
  gsize    len;
  gboolean after_hyphen = TRUE; /* at the start, a hyphen is as wrong as after a hyphen */

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > TUPU_LIMIT_ID)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          if (after_hyphen)
            return FALSE;
          after_hyphen = TRUE;
        }
      else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
        after_hyphen = FALSE;
      else
        return FALSE;
    }
  return !after_hyphen;
}

/* ---- nodes, sources, diagnostics ----------------------------------------------------------- */

TupuSource *
_tupu_source_new (void)
{
  TupuSource *source = g_new0 (TupuSource, 1);

  source->offset = -1;
  return source;
}

void
_tupu_source_free (TupuSource *source)
{
  if (source == NULL)
    return;
  g_free (source->quote);
  g_free (source->citation);
  g_free (source->url);
  g_free (source);
}

TupuNode *
_tupu_node_new (void)
{
  TupuNode *node = g_new0 (TupuNode, 1);

  node->sources = g_ptr_array_new_with_free_func ((GDestroyNotify)_tupu_source_free);
  node->children = g_array_new (FALSE, FALSE, sizeof (guint));
  node->parent = -1;
  return node;
}

void
_tupu_node_free (TupuNode *node)
{
  if (node == NULL)
    return;
  g_free (node->id);
  g_free (node->label_zh);
  g_free (node->label_en);
  g_free (node->summary_zh);
  g_free (node->summary_en);
  g_clear_pointer (&node->sources, g_ptr_array_unref);
  g_clear_pointer (&node->children, g_array_unref);
  g_free (node);
}

TupuDiagnostic *
tupu_diagnostic_new (TupuSeverity severity, const char *file, guint line, guint column,
                     const char *message)
{
  TupuDiagnostic *diag = g_new0 (TupuDiagnostic, 1);

  diag->severity = severity;
  diag->file = g_strdup (file != NULL ? file : "");
  diag->line = line;
  diag->column = line > 0 ? column : 0;
  diag->message = g_strdup (message);
  return diag;
}

void
tupu_diagnostic_free (TupuDiagnostic *diag)
{
  if (diag == NULL)
    return;
  g_free (diag->file);
  g_free (diag->message);
  g_free (diag);
}

/* "warning: " goes after the location, as compilers print it, so editors still jump there. */
char *
tupu_diagnostic_format (const TupuDiagnostic *diag)
{
  const char *prefix;

  g_return_val_if_fail (diag != NULL, NULL);

  prefix = diag->severity == TUPU_SEVERITY_WARNING ? "warning: " : "";
  if (diag->line == 0)
    return g_strdup_printf ("%s: %s%s", diag->file, prefix, diag->message);
  return g_strdup_printf ("%s:%u:%u: %s%s", diag->file, diag->line, diag->column, prefix,
                          diag->message);
}

const TupuDiagnostic *
tupu_diagnostics_first (GPtrArray *diagnostics, TupuSeverity severity)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const TupuDiagnostic *diag = g_ptr_array_index (diagnostics, i);

      if (diag->severity == severity)
        return diag;
    }
  return NULL;
}

/* ---- derived fields ------------------------------------------------------------------------ */

typedef struct
{
  int      para; /* of the first speech source, or inherited from the parent */
  int      offset;
  guint    depth;
  guint    index;
  gboolean root;
} SpeechKey;

static int
compare_speech_keys (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SpeechKey *ka = a;
  const SpeechKey *kb = b;

  if (ka->root != kb->root)
    return ka->root ? -1 : 1;
  if (ka->para != kb->para)
    return ka->para < kb->para ? -1 : 1;
  if (ka->offset != kb->offset)
    return ka->offset < kb->offset ? -1 : 1;
  /* A node without a speech source inherits its parent's position and follows it. */
  if (ka->depth != kb->depth)
    return ka->depth < kb->depth ? -1 : 1;
  return ka->index < kb->index ? -1 : (ka->index > kb->index);
}

static const TupuSource *
first_speech_source (const TupuNode *node)
{
  for (guint i = 0; i < node->sources->len; i++)
    {
      const TupuSource *source = g_ptr_array_index (node->sources, i);

      if (source->type == TUPU_SOURCE_SPEECH)
        return source;
    }
  return NULL;
}

/* Parents, children (in file order for now), depths and speech keys, top-down from the root. */
static SpeechKey *
derive_tree (TupuGraph *self)
{
  guint      n = self->nodes->len;
  SpeechKey *keys = g_new0 (SpeechKey, n);
  g_autoptr (GArray) queue = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = 0; i < self->edges->len; i++)
    {
      const TupuEdge *edge = &g_array_index (self->edges, TupuEdge, i);
      TupuNode       *child = g_ptr_array_index (self->nodes, edge->source);
      TupuNode       *parent = g_ptr_array_index (self->nodes, edge->target);

      if (edge->relation != TUPU_RELATION_PART_OF)
        continue;
      child->parent = edge->target;
      g_array_append_val (parent->children, edge->source);
    }
  for (guint i = 0; i < n; i++)
    if (((TupuNode *)g_ptr_array_index (self->nodes, i))->parent < 0)
      self->root = i;

  g_array_append_val (queue, self->root);
  keys[self->root].root = TRUE;
  for (guint q = 0; q < queue->len; q++)
    {
      guint             index = g_array_index (queue, guint, q);
      TupuNode         *node = g_ptr_array_index (self->nodes, index);
      const TupuSource *source = first_speech_source (node);
      SpeechKey        *key = &keys[index];

      key->index = index;
      if (node->parent >= 0)
        {
          const SpeechKey *parent_key = &keys[node->parent];

          node->depth = parent_key->depth + 1;
          key->depth = node->depth;
          key->para = parent_key->para;
          key->offset = parent_key->offset;
        }
      if (source != NULL)
        {
          key->para = source->para;
          key->offset = source->offset;
        }
      g_array_append_vals (queue, node->children->data, node->children->len);
    }
  g_assert (queue->len == n);
  return keys;
}

static int
compare_children (gconstpointer a, gconstpointer b, gpointer user_data)
{
  TupuGraph      *self = user_data;
  const TupuNode *na = g_ptr_array_index (self->nodes, *(const guint *)a);
  const TupuNode *nb = g_ptr_array_index (self->nodes, *(const guint *)b);

  return na->order < nb->order ? -1 : (na->order > nb->order);
}

static void
derive_speech_order (TupuGraph *self, SpeechKey *keys)
{
  guint n = self->nodes->len;

  g_qsort_with_data (keys, n, sizeof (SpeechKey), compare_speech_keys, NULL);
  self->speech_order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      TupuNode *node = g_ptr_array_index (self->nodes, keys[i].index);

      node->order = i;
      self->speech_order[i] = keys[i].index;
    }
  for (guint i = 0; i < n; i++)
    {
      TupuNode *node = g_ptr_array_index (self->nodes, i);

      g_array_sort_with_data (node->children, compare_children, self);
    }
}

static void
derive_node_edges (TupuGraph *self)
{
  for (guint i = 0; i < self->nodes->len; i++)
    g_ptr_array_add (self->node_edges, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < self->edges->len; i++)
    {
      const TupuEdge *edge = &g_array_index (self->edges, TupuEdge, i);

      g_array_append_val (g_ptr_array_index (self->node_edges, edge->source), i);
      g_array_append_val (g_ptr_array_index (self->node_edges, edge->target), i);
    }
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
tupu_graph_finalize (GObject *object)
{
  TupuGraph *self = TUPU_GRAPH (object);

  g_free (self->id);
  g_free (self->title_zh);
  g_free (self->title_en);
  g_clear_object (&self->text);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->node_edges, g_ptr_array_unref);
  g_free (self->speech_order);

  G_OBJECT_CLASS (tupu_graph_parent_class)->finalize (object);
}

static void
tupu_graph_class_init (TupuGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tupu_graph_finalize;
}

static void
tupu_graph_init (TupuGraph *self)
{
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->node_edges = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
}

TupuGraph *
_tupu_graph_new (const char *id, const char *title_zh, const char *title_en, TupuText *text,
                 GPtrArray *nodes, GArray *edges)
{
  TupuGraph            *self = g_object_new (TUPU_TYPE_GRAPH, NULL);
  g_autofree SpeechKey *keys = NULL;

  g_assert (nodes->len > 0);

  self->id = g_strdup (id);
  self->title_zh = g_strdup (title_zh);
  self->title_en = g_strdup (title_en);
  self->text = g_object_ref (text);
  self->nodes = nodes;
  self->edges = edges;
  for (guint i = 0; i < nodes->len; i++)
    {
      TupuNode *node = g_ptr_array_index (nodes, i);

      node->index = i;
      g_hash_table_insert (self->ids, node->id, GUINT_TO_POINTER (i + 1));
    }
  keys = derive_tree (self);
  derive_speech_order (self, keys);
  derive_node_edges (self);
  return self;
}

/* ---- public API ---------------------------------------------------------------------------- */

const char *
tupu_graph_get_id (TupuGraph *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), NULL);

  return self->id;
}

const char *
tupu_graph_get_title_zh (TupuGraph *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), NULL);

  return self->title_zh;
}

const char *
tupu_graph_get_title_en (TupuGraph *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), NULL);

  return self->title_en;
}

TupuText *
tupu_graph_get_text (TupuGraph *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), NULL);

  return self->text;
}

guint
tupu_graph_get_n_nodes (TupuGraph *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), 0);

  return self->nodes->len;
}

const TupuNode *
tupu_graph_get_node (TupuGraph *self, guint index)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return g_ptr_array_index (self->nodes, index);
}

int
tupu_graph_lookup (TupuGraph *self, const char *id)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  return (int)GPOINTER_TO_UINT (g_hash_table_lookup (self->ids, id)) - 1;
}

guint
tupu_graph_get_n_edges (TupuGraph *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), 0);

  return self->edges->len;
}

const TupuEdge *
tupu_graph_get_edge (TupuGraph *self, guint index)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);

  return &g_array_index (self->edges, TupuEdge, index);
}

guint
tupu_graph_get_root (TupuGraph *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), 0);

  return self->root;
}

const guint *
tupu_graph_get_speech_order (TupuGraph *self)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), NULL);

  return self->speech_order;
}

const GArray *
tupu_graph_get_node_edges (TupuGraph *self, guint index)
{
  g_return_val_if_fail (TUPU_IS_GRAPH (self), NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return g_ptr_array_index (self->node_edges, index);
}

gboolean
tupu_graph_is_descendant (TupuGraph *self, guint index, guint ancestor)
{
  int at;

  g_return_val_if_fail (TUPU_IS_GRAPH (self), FALSE);
  g_return_val_if_fail (index < self->nodes->len, FALSE);
  g_return_val_if_fail (ancestor < self->nodes->len, FALSE);

  /* The tree is at most 32 deep, so walking up is cheap. */
  for (at = (int)index; at >= 0;
       at = ((const TupuNode *)g_ptr_array_index (self->nodes, at))->parent)
    if ((guint)at == ancestor)
      return TRUE;
  return FALSE;
}
