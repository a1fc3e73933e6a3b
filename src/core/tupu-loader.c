/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-loader.c: reads a graph file strictly, and reports every problem at its line:column.
 *
 * The bytes go through our own scanner first (tupu-json-scan.c): it refuses what json-glib 1.6
 * would accept or crash on, and records where every value starts. json-glib then only ever sees
 * well-formed input, and the checks below look positions up by JSON Pointer. All problems are
 * collected, then sorted into file order; the first error becomes the GError's message.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tupu-core-resources.h"
#include "tupu-graph-private.h"
#include "tupu-io.h"
#include "tupu-json-scan.h"

#define BUILTIN_GRAPH_PATH "/io/github/tupu/Tupu/core/graphs/speech.json"
#define MAX_DIAGNOSTICS 1000

typedef struct
{
  const char   *file; /* display name */
  TupuJsonScan *scan;
  gboolean      scan_is_full; /* FALSE while only the nodes' and edges' positions are known */
  const char   *data;         /* the bytes scanned, kept for a full scan on the first problem */
  gsize         len;
  GPtrArray    *diags; /* of TupuDiagnostic* */
  guint         n_errors;
  TupuText     *text; /* owned */
  GFile        *dir;  /* where a "text" member is looked up, or NULL */

  char       *id;
  char       *title_zh;
  char       *title_en;
  GPtrArray  *nodes;     /* of TupuNode*, NULL where an element is not an object */
  GHashTable *ids;       /* id -> index + 1 of its first node */
  GArray     *edges;     /* of TupuEdge, only those whose ends and relation are known */
  GHashTable *edge_keys; /* "source target relation" -> edge index + 1 */
} Loader;

typedef enum
{
  WANT_OBJECT,
  WANT_ARRAY,
  WANT_STRING,
  WANT_INTEGER,
  WANT_BOOLEAN,
} Want;

/* ---- diagnostics --------------------------------------------------------------------------- */

static void report (Loader *l, TupuSeverity severity, TupuJsonPos pos, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
report (Loader *l, TupuSeverity severity, TupuJsonPos pos, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  if (severity == TUPU_SEVERITY_ERROR)
    l->n_errors++;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (l->diags,
                   tupu_diagnostic_new (severity, l->file, pos.line, pos.column, message));
}

/* A valid file needs only the positions of the graph's members and of each node and edge (kept
 * for later messages), so the first scan records only those; a problem deeper down rescans the
 * bytes once, recording everything. */
#define SHALLOW_RECORD_DEPTH 2

static gboolean
lookup (Loader *l, const char *path, TupuJsonPos *value, TupuJsonPos *key)
{
  if (l->scan == NULL)
    return FALSE;
  if (tupu_json_scan_lookup (l->scan, path, value, key))
    return TRUE;
  if (!l->scan_is_full)
    {
      g_clear_pointer (&l->scan, tupu_json_scan_free);
      l->scan =
          tupu_json_scan_new (l->data, l->len, TUPU_LIMIT_DEPTH, TUPU_LIMIT_EDGES + 1, NULL, NULL);
      l->scan_is_full = TRUE;
      return l->scan != NULL && tupu_json_scan_lookup (l->scan, path, value, key);
    }
  return FALSE;
}

/* Where the value at @path starts; line 0 (the whole file) if it was never recorded. */
static TupuJsonPos
value_at (Loader *l, const char *path)
{
  TupuJsonPos pos = { 0, 0 };

  lookup (l, path, &pos, NULL);
  return pos;
}

static TupuJsonPos
key_at (Loader *l, const char *path)
{
  TupuJsonPos pos = { 0, 0 };

  lookup (l, path, NULL, &pos);
  return pos;
}

#define error_at(l, path, ...)                                                                     \
  report ((l), TUPU_SEVERITY_ERROR, value_at ((l), (path)), __VA_ARGS__)

static int
compare_diagnostics (gconstpointer a, gconstpointer b)
{
  const TupuDiagnostic *da = *(TupuDiagnostic *const *)a;
  const TupuDiagnostic *db = *(TupuDiagnostic *const *)b;

  if (da->line != db->line)
    return da->line < db->line ? -1 : 1;
  return da->column < db->column ? -1 : (da->column > db->column);
}

/* A quote as shown inside a message: long ones are cut short. */
static char *
short_text (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= 30)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, 30);
  return g_strconcat (start, "…", NULL);
}

/* ---- typed member access ------------------------------------------------------------------- */

static const char *
describe_type (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return "an integer";
    case G_TYPE_DOUBLE:
      return "a number with a fraction or an exponent";
    case G_TYPE_BOOLEAN:
      return "true or false";
    default:
      return "a string";
    }
}

static gboolean
has_type (JsonNode *node, Want want)
{
  JsonNodeType type = json_node_get_node_type (node);

  switch (want)
    {
    case WANT_OBJECT:
      return type == JSON_NODE_OBJECT;
    case WANT_ARRAY:
      return type == JSON_NODE_ARRAY;
    case WANT_STRING:
      return type == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_STRING;
    case WANT_INTEGER:
      return type == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_INT64;
    case WANT_BOOLEAN:
      return type == JSON_NODE_VALUE && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    default:
      g_assert_not_reached ();
    }
}

/* @subject names the value in the message; NULL = the member named by the path's last token. */
static gboolean
expect_type (Loader *l, JsonNode *node, const char *path, Want want, const char *subject)
{
  static const char *const wanted[] = {
    [WANT_OBJECT] = "an object",   [WANT_ARRAY] = "an array",        [WANT_STRING] = "a string",
    [WANT_INTEGER] = "an integer", [WANT_BOOLEAN] = "true or false",
  };

  if (has_type (node, want))
    return TRUE;
  if (subject == NULL)
    error_at (l, path, "\"%s\" must be %s, not %s", strrchr (path, '/') + 1, wanted[want],
              describe_type (node));
  else
    error_at (l, path, "%s must be %s, not %s", subject, wanted[want], describe_type (node));
  return FALSE;
}

/* The member @name of @obj, type-checked. @owner names the object for a "missing" message, or
 * is NULL when the member is optional. *@path receives the member's JSON Pointer. */
static JsonNode *
get_member (Loader *l, JsonObject *obj, const char *obj_path, const char *name, Want want,
            const char *owner, char **path)
{
  JsonNode *node = json_object_get_member (obj, name);

  *path = tupu_json_pointer_append (obj_path, name);
  if (node == NULL)
    {
      if (owner != NULL)
        error_at (l, obj_path, "%s is missing the required member \"%s\"", owner, name);
      return NULL;
    }
  return expect_type (l, node, *path, want, NULL) ? node : NULL;
}

/* A string of 1 to @max characters; NULL (reported) otherwise. The message names the member at
 * the end of @path, and @pair when the member is one language of a text pair. */
static const char *
check_length (Loader *l, const char *str, const char *path, guint max, const char *pair)
{
  g_autofree char *subject = NULL;
  const char      *member = strrchr (path, '/') + 1;
  glong            len;

  if (*str != '\0' && strlen (str) <= max)
    return str; /* at most @max bytes: at most @max characters, without counting them */
  len = g_utf8_strlen (str, -1);
  if (len > 0 && len <= (glong)max)
    return str;
  if (pair != NULL)
    subject = g_strdup_printf ("\"%s\" in \"%s\"", member, pair);
  else
    subject = g_strdup_printf ("\"%s\"", member);
  if (len == 0)
    error_at (l, path, "%s is empty", subject);
  else
    error_at (l, path, "%s has %ld characters, more than the limit of %u", subject, len, max);
  return NULL;
}

static const char *
get_string (Loader *l, JsonObject *obj, const char *obj_path, const char *name, const char *owner,
            guint max)
{
  g_autofree char *path = NULL;
  JsonNode        *node = get_member (l, obj, obj_path, name, WANT_STRING, owner, &path);

  if (node == NULL)
    return NULL;
  if (max == 0)
    return json_node_get_string (node);
  return check_length (l, json_node_get_string (node), path, max, NULL);
}

/* An integer of at least @min. Returns FALSE when absent or reported. */
static gboolean
get_integer (Loader *l, JsonObject *obj, const char *obj_path, const char *name, const char *owner,
             gint64 min, gint64 *out)
{
  g_autofree char *path = NULL;
  JsonNode        *node = get_member (l, obj, obj_path, name, WANT_INTEGER, owner, &path);

  if (node == NULL)
    return FALSE;
  *out = json_node_get_int (node);
  if (*out < min)
    {
      error_at (l, path, "\"%s\" must be at least %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                name, min, *out);
      return FALSE;
    }
  return TRUE;
}

static void
warn_unknown_members (Loader *l, JsonObject *obj, const char *obj_path, const char *const *known)
{
  g_autoptr (GList) names = json_object_get_members (obj);

  for (const GList *m = names; m != NULL; m = m->next)
    {
      g_autofree char *path = NULL;

      if (g_strv_contains (known, m->data))
        continue;
      path = tupu_json_pointer_append (obj_path, m->data);
      report (l, TUPU_SEVERITY_WARNING, key_at (l, path), "unknown member \"%s\" is ignored",
              (const char *)m->data);
    }
}

/* { "zh": "…", "en": "…" }, each of 1 to @max characters. */
static gboolean
get_text_pair (Loader *l, JsonObject *obj, const char *obj_path, const char *name,
               const char *owner, guint max, char **zh, char **en)
{
  static const char *const known[] = { "zh", "en", NULL };
  g_autofree char         *path = NULL;
  g_autofree char         *pair_owner = g_strdup_printf ("\"%s\"", name);
  JsonNode                *node = get_member (l, obj, obj_path, name, WANT_OBJECT, owner, &path);
  JsonObject              *pair;
  char                   **out[] = { zh, en };

  if (node == NULL)
    return FALSE;
  pair = json_node_get_object (node);
  warn_unknown_members (l, pair, path, known);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *lang_path = NULL;
      JsonNode   *text = get_member (l, pair, path, known[i], WANT_STRING, pair_owner, &lang_path);
      const char *str = NULL;

      if (text != NULL)
        str = check_length (l, json_node_get_string (text), lang_path, max, name);
      *out[i] = g_strdup (str);
    }
  return *zh != NULL && *en != NULL;
}

/* ---- sources ------------------------------------------------------------------------------- */

static char *
format_offsets (Loader *l, guint para, const char *quote)
{
  GString *list = g_string_new (NULL);
  int      at = -1;
  guint    n = 0;

  while ((at = tupu_text_find (l->text, para, quote, at + 1)) >= 0)
    {
      if (n++ == 10)
        {
          g_string_append (list, ", …");
          break;
        }
      g_string_append_printf (list, "%s%d", list->len > 0 ? ", " : "", at);
    }
  return g_string_free (list, FALSE);
}

/* Resolves the source's offset: it must name one occurrence of the quote in its paragraph. */
static void
check_quote (Loader *l, TupuSource *source, const char *path, gboolean has_offset)
{
  g_autofree char *quote_path = tupu_json_pointer_append (path, "quote");
  g_autofree char *offset_path = tupu_json_pointer_append (path, "offset");
  g_autofree char *shown = short_text (source->quote);
  guint            n = tupu_text_count (l->text, source->para, source->quote);
  g_autofree char *offsets = NULL;

  if (n == 0)
    {
      error_at (l, quote_path, "the quote \"%s\" does not occur in paragraph %d", shown,
                source->para);
      return;
    }
  if (has_offset)
    {
      if (tupu_text_find (l->text, source->para, source->quote, source->offset) == source->offset)
        return;
      offsets = format_offsets (l, source->para, source->quote);
      error_at (l, offset_path, "the quote \"%s\" is not at offset %d of paragraph %d; it is at %s",
                shown, source->offset, source->para, offsets);
      return;
    }
  if (n > 1)
    {
      offsets = format_offsets (l, source->para, source->quote);
      error_at (l, quote_path,
                "the quote \"%s\" occurs %u times in paragraph %d: add an \"offset\" (one of %s)",
                shown, n, source->para, offsets);
      return;
    }
  source->offset = tupu_text_find (l->text, source->para, source->quote, 0);
}

static void
load_speech_source (Loader *l, JsonObject *obj, const char *path, TupuSource *source)
{
  static const char *const known[] = { "para", "quote", "offset", NULL };
  g_autofree char         *para_path = tupu_json_pointer_append (path, "para");
  const char              *quote;
  gint64                   para = 0, offset = -1;
  gboolean                 para_ok, has_offset = FALSE;

  warn_unknown_members (l, obj, path, known);
  source->type = TUPU_SOURCE_SPEECH;
  para_ok = get_integer (l, obj, path, "para", "this source", 1, &para);
  if (para_ok && para > tupu_text_get_n_paras (l->text))
    {
      error_at (l, para_path, "paragraph %" G_GINT64_FORMAT " does not exist: the text has %u",
                para, tupu_text_get_n_paras (l->text));
      para_ok = FALSE;
    }
  quote = get_string (l, obj, path, "quote", "this source", TUPU_LIMIT_QUOTE);
  if (json_object_has_member (obj, "offset"))
    has_offset = get_integer (l, obj, path, "offset", NULL, 0, &offset);
  source->para = (int)para;
  source->quote = g_strdup (quote);
  source->offset = (int)MIN (offset, G_MAXINT);
  if (para_ok && quote != NULL && (has_offset || !json_object_has_member (obj, "offset")))
    check_quote (l, source, path, has_offset);
}

static gboolean
url_is_web (const char *url)
{
  const char *rest;

  if (g_str_has_prefix (url, "https://"))
    rest = url + strlen ("https://");
  else if (g_str_has_prefix (url, "http://"))
    rest = url + strlen ("http://");
  else
    return FALSE;
  if (*rest == '\0')
    return FALSE;
  for (const char *p = rest; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
load_citation_source (Loader *l, JsonObject *obj, const char *path, TupuSource *source)
{
  static const char *const known[] = { "citation", "quote", "url", NULL };
  g_autofree char         *url_path = tupu_json_pointer_append (path, "url");
  const char              *url;

  warn_unknown_members (l, obj, path, known);
  source->type = TUPU_SOURCE_CITATION;
  source->para = 0;
  source->offset = -1;
  source->citation = g_strdup (get_string (l, obj, path, "citation", NULL, TUPU_LIMIT_QUOTE));
  source->quote = g_strdup (get_string (l, obj, path, "quote", NULL, TUPU_LIMIT_QUOTE));
  url = get_string (l, obj, path, "url", NULL, 0);
  if (url == NULL)
    return;
  if (!url_is_web (url))
    {
      g_autofree char *shown = short_text (url);

      error_at (l, url_path,
                "the url \"%s\" must start with http:// or https:// "
                "and contain no spaces",
                shown);
      return;
    }
  source->url = g_strdup (url);
}

static void
load_source (Loader *l, JsonNode *node, const char *path, TupuNode *owner)
{
  JsonObject *obj;
  gboolean    speech, citation;

  if (!expect_type (l, node, path, WANT_OBJECT, "each source"))
    return;
  obj = json_node_get_object (node);
  speech = json_object_has_member (obj, "para");
  citation = json_object_has_member (obj, "citation");
  if (speech && citation)
    error_at (l, path,
              "a source has either \"para\" (a paragraph of the text) or \"citation\" "
              "(an outside text), not both");
  else if (!speech && !citation)
    error_at (l, path,
              "a source needs \"para\" (a paragraph of the text) or \"citation\" "
              "(an outside text)");
  else
    {
      TupuSource *source = _tupu_source_new ();

      if (speech)
        load_speech_source (l, obj, path, source);
      else
        load_citation_source (l, obj, path, source);
      g_ptr_array_add (owner->sources, source);
    }
}

static void
load_sources (Loader *l, JsonObject *obj, const char *node_path, TupuNode *node)
{
  g_autofree char *path = NULL;
  JsonNode  *member = get_member (l, obj, node_path, "sources", WANT_ARRAY, "this node", &path);
  JsonArray *array;
  guint      n;

  if (member == NULL)
    return;
  array = json_node_get_array (member);
  n = json_array_get_length (array);
  if (n == 0)
    error_at (l, path, "\"sources\" is empty: a node needs at least one source");
  for (guint i = 0; i < MIN (n, TUPU_LIMIT_SOURCES); i++)
    {
      g_autofree char *source_path = g_strdup_printf ("%s/%u", path, i);

      load_source (l, json_array_get_element (array, i), source_path, node);
    }
  if (n > TUPU_LIMIT_SOURCES)
    {
      g_autofree char *extra_path = g_strdup_printf ("%s/%u", path, TUPU_LIMIT_SOURCES);

      error_at (l, extra_path, "too many sources: a node has at most %d", TUPU_LIMIT_SOURCES);
    }
}

/* ---- nodes --------------------------------------------------------------------------------- */

static char *
kind_list (void)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < TUPU_N_KINDS; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", tupu_kind_to_string (i));
  return g_string_free (list, FALSE);
}

static void
load_node_id (Loader *l, JsonObject *obj, const char *node_path, TupuNode *node, guint index)
{
  g_autofree char *path = NULL;
  JsonNode        *member = get_member (l, obj, node_path, "id", WANT_STRING, "this node", &path);
  const char      *id;
  guint            first;

  if (member == NULL)
    return;
  id = json_node_get_string (member);
  if (strlen (id) > TUPU_LIMIT_ID)
    error_at (l, path, "the id is longer than %d characters", TUPU_LIMIT_ID);
  else if (!tupu_id_is_valid (id))
    {
      g_autofree char *shown = short_text (id);

      error_at (l, path,
                "\"%s\" is not a valid id: use lower-case ASCII letters and digits, "
                "joined by single hyphens (like \"six-musts\")",
                shown);
    }
  node->id = g_strdup (id);
  first = GPOINTER_TO_UINT (g_hash_table_lookup (l->ids, id));
  if (first == 0)
    {
      g_hash_table_insert (l->ids, node->id, GUINT_TO_POINTER (index + 1));
      return;
    }
  {
    const TupuNode  *other = g_ptr_array_index (l->nodes, first - 1);
    g_autofree char *shown = short_text (id);

    error_at (l, path, "duplicate node id \"%s\" (first used by the node at line %u, column %u)",
              shown, other->line, other->column);
  }
}

static void
load_node_kind (Loader *l, JsonObject *obj, const char *node_path, TupuNode *node)
{
  g_autofree char *path = NULL;
  JsonNode        *member = get_member (l, obj, node_path, "kind", WANT_STRING, "this node", &path);
  const char      *kind;

  node->kind = TUPU_KIND_ITEM;
  if (member == NULL)
    return;
  kind = json_node_get_string (member);
  if (!tupu_kind_from_string (kind, &node->kind))
    {
      g_autofree char *list = kind_list ();
      g_autofree char *shown = short_text (kind);

      error_at (l, path, "unknown kind \"%s\" (the kinds are: %s)", shown, list);
    }
}

static void
load_label_origin (Loader *l, JsonObject *obj, const char *node_path, TupuNode *node)
{
  g_autofree char *path = tupu_json_pointer_append (node_path, "label_origin");
  const char      *origin = get_string (l, obj, node_path, "label_origin", "this node", 0);

  if (origin == NULL || tupu_label_origin_from_string (origin, &node->label_origin))
    return;
  {
    g_autofree char *shown = short_text (origin);

    error_at (l, path,
              "\"label_origin\" must be \"speech\", \"citation\" or \"editorial\", not \"%s\"",
              shown);
  }
}

/* A label in an outside text's words says where those words are: a citation source quoting
 * them, so the reader can check the wording. Read from the JSON, so that a source already
 * reported as broken does not also raise this. */
static void
check_citation_origin (Loader *l, JsonObject *obj, const char *node_path, const TupuNode *node)
{
  g_autofree char *path = NULL;
  JsonNode        *sources = json_object_get_member (obj, "sources");
  JsonArray       *array;

  if (node->label_origin != TUPU_LABEL_ORIGIN_CITATION || sources == NULL ||
      !JSON_NODE_HOLDS_ARRAY (sources))
    return;
  array = json_node_get_array (sources);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          json_object_has_member (json_node_get_object (element), "citation") &&
          json_object_has_member (json_node_get_object (element), "quote"))
        return;
    }
  path = tupu_json_pointer_append (node_path, "label_origin");
  error_at (l, path,
            "\"label_origin\" is \"citation\", so the node needs a citation source with a "
            "\"quote\" of that wording");
}

static void
load_node_count (Loader *l, JsonObject *obj, const char *node_path, TupuNode *node)
{
  g_autofree char *path = NULL;
  gint64           count = 0;

  if (get_integer (l, obj, node_path, "count", NULL, 1, &count))
    node->count = (int)MIN (count, G_MAXINT);
  if (get_member (l, obj, node_path, "count_only", WANT_BOOLEAN, NULL, &path) != NULL)
    node->count_only = json_object_get_boolean_member (obj, "count_only");

  if (node->kind == TUPU_KIND_LIST && !json_object_has_member (obj, "count"))
    error_at (l, node_path, "a node of kind \"list\" needs a \"count\" (its number of members)");
  else if (node->count_only && !json_object_has_member (obj, "count"))
    error_at (l, path, "\"count_only\" is true, so the node needs a \"count\"");
}

static void
load_node (Loader *l, JsonNode *element, guint index)
{
  static const char *const known[] = { "id",           "kind",    "label",
                                       "label_origin", "summary", "count",
                                       "count_only",   "sources", NULL };
  g_autofree char         *path = g_strdup_printf ("/nodes/%u", index);
  TupuJsonPos              pos = value_at (l, path);
  TupuNode                *node;
  JsonObject              *obj;

  if (!expect_type (l, element, path, WANT_OBJECT, "each node"))
    {
      g_ptr_array_add (l->nodes, NULL);
      return;
    }
  obj = json_node_get_object (element);
  node = _tupu_node_new ();
  node->line = pos.line;
  node->column = pos.column;
  g_ptr_array_add (l->nodes, node);

  warn_unknown_members (l, obj, path, known);
  load_node_id (l, obj, path, node, index);
  load_node_kind (l, obj, path, node);
  get_text_pair (l, obj, path, "label", "this node", TUPU_LIMIT_LABEL, &node->label_zh,
                 &node->label_en);
  load_label_origin (l, obj, path, node);
  get_text_pair (l, obj, path, "summary", "this node", TUPU_LIMIT_SUMMARY, &node->summary_zh,
                 &node->summary_en);
  load_node_count (l, obj, path, node);
  load_sources (l, obj, path, node);
  check_citation_origin (l, obj, path, node);
}

/* ---- edges --------------------------------------------------------------------------------- */

/* The node index that @name (a member of the edge holding a node id) refers to, or -1. */
static int
load_edge_end (Loader *l, JsonObject *obj, const char *edge_path, const char *name)
{
  g_autofree char *path = tupu_json_pointer_append (edge_path, name);
  const char      *id = get_string (l, obj, edge_path, name, "this edge", 0);
  guint            index;

  if (id == NULL)
    return -1;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (l->ids, id));
  if (index == 0)
    {
      g_autofree char *shown = short_text (id);

      error_at (l, path, "edge %s \"%s\" is not a node id", name, shown);
      return -1;
    }
  return (int)index - 1;
}

static char *
relation_list (void)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < TUPU_N_RELATIONS; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", tupu_relation_to_string (i));
  return g_string_free (list, FALSE);
}

static gboolean
load_relation (Loader *l, JsonObject *obj, const char *edge_path, TupuRelation *relation)
{
  g_autofree char *path = tupu_json_pointer_append (edge_path, "relation");
  const char      *name = get_string (l, obj, edge_path, "relation", "this edge", 0);

  if (name == NULL)
    return FALSE;
  if (tupu_relation_from_string (name, relation))
    return TRUE;
  {
    g_autofree char *list = relation_list ();
    g_autofree char *shown = short_text (name);

    error_at (l, path, "unknown relation \"%s\" (the relations are: %s)", shown, list);
  }
  return FALSE;
}

static const char *
node_id (Loader *l, guint index)
{
  return ((const TupuNode *)g_ptr_array_index (l->nodes, index))->id;
}

/* Refuses self-loops and an edge given twice (relates-to is undirected, so either way round). */
static gboolean
check_edge_is_new (Loader *l, const TupuEdge *edge, const char *path)
{
  g_autofree char *target_path = tupu_json_pointer_append (path, "target");
  guint            a = edge->source, b = edge->target;
  g_autofree char *key = NULL;
  guint            first;

  if (a == b)
    {
      error_at (l, target_path, "the edge goes from \"%s\" to itself: self-loops are not allowed",
                node_id (l, a));
      return FALSE;
    }
  if (edge->relation == TUPU_RELATION_RELATES_TO && a > b)
    key = g_strdup_printf ("%u %u %u", b, a, edge->relation);
  else
    key = g_strdup_printf ("%u %u %u", a, b, edge->relation);
  first = GPOINTER_TO_UINT (g_hash_table_lookup (l->edge_keys, key));
  if (first == 0)
    {
      g_hash_table_insert (l->edge_keys, g_steal_pointer (&key),
                           GUINT_TO_POINTER (l->edges->len + 1));
      return TRUE;
    }
  error_at (l, path, "repeated edge: \"%s\" %s \"%s\" is already given at line %u", node_id (l, a),
            tupu_relation_to_string (edge->relation), node_id (l, b),
            g_array_index (l->edges, TupuEdge, first - 1).line);
  return FALSE;
}

static void
load_edge (Loader *l, JsonNode *element, guint index)
{
  static const char *const known[] = { "source", "target", "relation", NULL };
  g_autofree char         *path = g_strdup_printf ("/edges/%u", index);
  TupuJsonPos              pos = value_at (l, path);
  TupuEdge                 edge = { .line = pos.line, .column = pos.column };
  JsonObject              *obj;
  int                      source, target;
  gboolean                 relation_ok;

  if (!expect_type (l, element, path, WANT_OBJECT, "each edge"))
    return;
  obj = json_node_get_object (element);
  warn_unknown_members (l, obj, path, known);
  source = load_edge_end (l, obj, path, "source");
  target = load_edge_end (l, obj, path, "target");
  relation_ok = load_relation (l, obj, path, &edge.relation);
  if (source < 0 || target < 0 || !relation_ok)
    return;
  edge.source = source;
  edge.target = target;
  if (check_edge_is_new (l, &edge, path))
    g_array_append_val (l->edges, edge);
}

/* ---- the part-of tree ---------------------------------------------------------------------- */

typedef struct
{
  int   *parent;      /* node index, -1 */
  int   *parent_edge; /* edge index, -1 */
  guint *n_children;
  guint *degree;
} Tree;

/* A node takes part in the tree checks when it is an object with an id of its own. */
static gboolean
is_tree_node (Loader *l, guint index)
{
  const TupuNode *node = g_ptr_array_index (l->nodes, index);

  return node != NULL && node->id != NULL &&
         GPOINTER_TO_UINT (g_hash_table_lookup (l->ids, node->id)) == index + 1;
}

static void
link_parents (Loader *l, Tree *tree)
{
  for (guint i = 0; i < l->edges->len; i++)
    {
      const TupuEdge *edge = &g_array_index (l->edges, TupuEdge, i);

      tree->degree[edge->source]++;
      tree->degree[edge->target]++;
      if (edge->relation != TUPU_RELATION_PART_OF)
        continue;
      if (tree->parent[edge->source] >= 0)
        {
          const TupuEdge *first =
              &g_array_index (l->edges, TupuEdge, tree->parent_edge[edge->source]);

          report (l, TUPU_SEVERITY_ERROR, (TupuJsonPos){ edge->line, edge->column },
                  "\"%s\" already has a \"part-of\" parent, \"%s\" (line %u): "
                  "a node has exactly one parent",
                  node_id (l, edge->source), node_id (l, first->target), first->line);
          continue;
        }
      tree->parent[edge->source] = edge->target;
      tree->parent_edge[edge->source] = i;
      tree->n_children[edge->target]++;
    }
}

/* Reports the cycle through @start, at its part-of edge that comes first in the file. */
static void
report_cycle (Loader *l, Tree *tree, guint start)
{
  g_autoptr (GString) path = g_string_new (NULL);
  guint first = start;
  guint n = 0;

  for (guint at = tree->parent[start]; at != start; at = tree->parent[at])
    if (tree->parent_edge[at] < tree->parent_edge[first])
      first = at;
  g_string_append_printf (path, "\"%s\"", node_id (l, first));
  for (guint at = tree->parent[first];; at = tree->parent[at])
    {
      if (++n > 8 && at != first)
        {
          g_string_append (path, " → …");
          at = first;
        }
      g_string_append_printf (path, " → \"%s\"", node_id (l, at));
      if (at == first)
        break;
    }
  {
    const TupuEdge *edge = &g_array_index (l->edges, TupuEdge, tree->parent_edge[first]);

    report (l, TUPU_SEVERITY_ERROR, (TupuJsonPos){ edge->line, edge->column },
            "the \"part-of\" edges form a cycle: %s", path->str);
  }
}

/* Walks up from every node; marks cycles (reported once each) and tree depths. */
static void
check_cycles_and_depth (Loader *l, Tree *tree, int *depth)
{
  guint             n = l->nodes->len;
  g_autofree guint *visit = g_new0 (guint, n); /* the walk (start + 1) that first reached a node */
  g_autoptr (GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    depth[i] = -1;
  for (guint i = 0; i < n; i++)
    {
      int at = (int)i;
      int base;

      g_array_set_size (chain, 0);
      while (at >= 0 && visit[at] == 0)
        {
          visit[at] = i + 1;
          g_array_append_val (chain, at);
          at = tree->parent[at];
        }
      if (at >= 0 && visit[at] == i + 1)
        report_cycle (l, tree, at);
      /* Depths count down the chain; a chain ending in a cycle keeps depth -1 (unknown). */
      base = at < 0 ? -1 : depth[at];
      if (at >= 0 && (visit[at] == i + 1 || base < 0))
        continue;
      for (int c = (int)chain->len - 1; c >= 0; c--)
        depth[g_array_index (chain, guint, c)] = ++base;
    }
}

static void
check_roots (Loader *l, Tree *tree)
{
  int root = -1;

  for (guint i = 0; i < l->nodes->len && root < 0; i++)
    if (is_tree_node (l, i) && tree->parent[i] < 0 &&
        ((const TupuNode *)g_ptr_array_index (l->nodes, i))->kind == TUPU_KIND_REPORT)
      root = (int)i;
  for (guint i = 0; i < l->nodes->len; i++)
    {
      const TupuNode *node = g_ptr_array_index (l->nodes, i);

      if (!is_tree_node (l, i) || tree->parent[i] >= 0 || (int)i == root)
        continue;
      /* A bad id is reported where it is written; its edges were likely written with the id
       * meant, so "no parent" would only add a consequence of that first error. */
      if (node->id == NULL || !tupu_id_is_valid (node->id))
        continue;
      if (root < 0)
        {
          report (l, TUPU_SEVERITY_ERROR, (TupuJsonPos){ node->line, node->column },
                  "the root of the \"part-of\" tree, \"%s\", must be of kind \"report\"", node->id);
          root = (int)i;
        }
      else
        report (l, TUPU_SEVERITY_ERROR, (TupuJsonPos){ node->line, node->column },
                "\"%s\" has no \"part-of\" parent: only the report may be the root", node->id);
    }
}

static void
check_node_against_tree (Loader *l, Tree *tree, int *depth, guint i)
{
  const TupuNode  *node = g_ptr_array_index (l->nodes, i);
  TupuJsonPos      pos = { node->line, node->column };
  g_autofree char *path = g_strdup_printf ("/nodes/%u", i);
  g_autofree char *count_path = tupu_json_pointer_append (path, "count");
  g_autofree char *only_path = tupu_json_pointer_append (path, "count_only");

  if (depth[i] == TUPU_LIMIT_TREE_DEPTH + 1)
    report (l, TUPU_SEVERITY_ERROR, pos,
            "\"%s\" is %d levels deep in the \"part-of\" tree, more than the limit of %d", node->id,
            depth[i], TUPU_LIMIT_TREE_DEPTH);
  if (node->count_only && tree->n_children[i] > 0)
    error_at (l, only_path,
              "\"%s\" is count_only but has %u \"part-of\" children: "
              "a count-only node lists no members",
              node->id, tree->n_children[i]);
  else if (node->count > 0 && !node->count_only && (guint)node->count != tree->n_children[i])
    error_at (l, count_path, "\"count\" is %d, but \"%s\" has %u \"part-of\" children", node->count,
              node->id, tree->n_children[i]);
  if (tree->degree[i] > TUPU_LIMIT_DEGREE)
    report (l, TUPU_SEVERITY_ERROR, pos, "\"%s\" has %u edges, more than the limit of %d", node->id,
            tree->degree[i], TUPU_LIMIT_DEGREE);
}

static void
check_tree (Loader *l)
{
  guint             n = l->nodes->len;
  g_autofree int   *parent = g_new (int, n);
  g_autofree int   *parent_edge = g_new (int, n);
  g_autofree guint *n_children = g_new0 (guint, n);
  g_autofree guint *degree = g_new0 (guint, n);
  g_autofree int   *depth = g_new (int, n);
  Tree              tree = { parent, parent_edge, n_children, degree };

  for (guint i = 0; i < n; i++)
    parent[i] = parent_edge[i] = -1;
  link_parents (l, &tree);
  check_cycles_and_depth (l, &tree, depth);
  check_roots (l, &tree);
  for (guint i = 0; i < n; i++)
    if (is_tree_node (l, i))
      check_node_against_tree (l, &tree, depth, i);
}

/* ---- the top level ------------------------------------------------------------------------- */

static gboolean
is_plain_file_name (const char *name)
{
  return *name != '\0' && *name != '.' && strchr (name, '/') == NULL && strchr (name, '\\') == NULL;
}

/* The text whose paragraphs the speech sources refer to. */
static void
resolve_text (Loader *l, JsonObject *root, TupuText *text)
{
  g_autofree char *path = NULL;
  JsonNode        *member = get_member (l, root, "", "text", WANT_STRING, NULL, &path);
  const char      *name = member != NULL ? json_node_get_string (member) : NULL;

  if (text != NULL)
    l->text = g_object_ref (text);
  else if (name != NULL && !is_plain_file_name (name))
    error_at (l, path,
              "\"text\" must be a plain file name next to the graph file, "
              "like \"speech.txt\"");
  else if (name != NULL && l->dir == NULL)
    report (l, TUPU_SEVERITY_WARNING, value_at (l, path),
            "\"text\" is ignored because the graph was not read from a file; "
            "quotes are checked against the built-in speech");
  else if (name != NULL)
    {
      g_autoptr (GFile) file = g_file_get_child (l->dir, name);
      g_autoptr (GError) error = NULL;

      l->text = tupu_text_new_from_file (file, &error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        error_at (l, path, "the text \"%s\" is not next to the graph file", name);
      else if (l->text == NULL)
        error_at (l, path, "cannot read the text \"%s\": %s", name, error->message);
    }
  if (l->text == NULL)
    l->text = g_object_ref (tupu_text_get_builtin ());
}

static void
load_header (Loader *l, JsonObject *root)
{
  g_autofree char *path = tupu_json_pointer_append ("", "format_version");
  g_autofree char *id_path = tupu_json_pointer_append ("", "id");
  const char      *owner = "the top-level object";
  gint64           version = 0;
  const char      *id;

  if (get_integer (l, root, "", "format_version", owner, G_MININT64, &version) && version != 1)
    error_at (l, path,
              "\"format_version\" is %" G_GINT64_FORMAT ", but this Tupu reads format "
              "version 1",
              version);
  id = get_string (l, root, "", "id", owner, 0);
  if (id != NULL && !tupu_id_is_valid (id))
    {
      g_autofree char *shown = short_text (id);

      error_at (l, id_path,
                "\"%s\" is not a valid id: use lower-case ASCII letters and digits, "
                "joined by single hyphens (at most %d characters)",
                shown, TUPU_LIMIT_ID);
    }
  l->id = g_strdup (id);
  get_text_pair (l, root, "", "title", owner, TUPU_LIMIT_LABEL, &l->title_zh, &l->title_en);
}

static void
load_languages (Loader *l, JsonObject *root)
{
  g_autofree char *path = NULL;
  JsonNode        *member =
      get_member (l, root, "", "languages", WANT_ARRAY, "the top-level object", &path);
  gboolean   seen[2] = { FALSE, FALSE };
  guint      n_errors = l->n_errors;
  JsonArray *array;

  if (member == NULL)
    return;
  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *lang_path = g_strdup_printf ("%s/%u", path, i);
      JsonNode        *element = json_array_get_element (array, i);
      const char      *lang;
      int              which;

      if (!expect_type (l, element, lang_path, WANT_STRING, "each language"))
        continue;
      lang = json_node_get_string (element);
      which = strcmp (lang, "zh") == 0 ? 0 : strcmp (lang, "en") == 0 ? 1 : -1;
      if (which < 0 || seen[which])
        {
          g_autofree char *shown = short_text (lang);

          error_at (l, lang_path,
                    "unexpected language \"%s\": \"languages\" must be "
                    "[\"zh\", \"en\"]",
                    shown);
          continue;
        }
      seen[which] = TRUE;
    }
  if ((!seen[0] || !seen[1]) && n_errors == l->n_errors)
    error_at (l, path, "\"languages\" must be [\"zh\", \"en\"]");
}

/* The elements of the array member @name, up to @limit; NULL when absent or not an array. */
static JsonArray *
get_limited_array (Loader *l, JsonObject *root, const char *name, guint limit, guint *n)
{
  g_autofree char *path = NULL;
  JsonNode  *member = get_member (l, root, "", name, WANT_ARRAY, "the top-level object", &path);
  JsonArray *array;

  *n = 0;
  if (member == NULL)
    return NULL;
  array = json_node_get_array (member);
  *n = json_array_get_length (array);
  if (*n > limit)
    {
      g_autofree char *extra = g_strdup_printf ("%s/%u", path, limit);

      error_at (l, extra, "too many %s: the limit is %u", name, limit);
      *n = limit;
    }
  return array;
}

static void
load_graph (Loader *l, JsonNode *root_node, TupuText *text)
{
  static const char *const known[] = { "format_version", "id",    "title", "languages",
                                       "nodes",          "edges", "text",  NULL };
  JsonObject              *root;
  JsonArray               *nodes, *edges;
  guint                    n_nodes, n_edges;

  if (!expect_type (l, root_node, "", WANT_OBJECT, "the top level of a graph file"))
    return;
  root = json_node_get_object (root_node);
  warn_unknown_members (l, root, "", known);
  resolve_text (l, root, text);
  load_header (l, root);
  load_languages (l, root);

  nodes = get_limited_array (l, root, "nodes", TUPU_LIMIT_NODES, &n_nodes);
  if (nodes != NULL && n_nodes == 0)
    error_at (l, "/nodes", "\"nodes\" is empty: a graph needs at least its report node");
  for (guint i = 0; i < n_nodes; i++)
    load_node (l, json_array_get_element (nodes, i), i);

  edges = get_limited_array (l, root, "edges", TUPU_LIMIT_EDGES, &n_edges);
  for (guint i = 0; i < n_edges; i++)
    load_edge (l, json_array_get_element (edges, i), i);

  if (nodes != NULL && edges != NULL && n_nodes > 0)
    check_tree (l);
}

/* ---- entry points -------------------------------------------------------------------------- */

static void
loader_clear (Loader *l)
{
  g_clear_pointer (&l->scan, tupu_json_scan_free);
  g_clear_pointer (&l->diags, g_ptr_array_unref);
  g_clear_object (&l->text);
  g_clear_object (&l->dir);
  g_clear_pointer (&l->id, g_free);
  g_clear_pointer (&l->title_zh, g_free);
  g_clear_pointer (&l->title_en, g_free);
  g_clear_pointer (&l->ids, g_hash_table_unref);
  g_clear_pointer (&l->nodes, g_ptr_array_unref);
  g_clear_pointer (&l->edges, g_array_unref);
  g_clear_pointer (&l->edge_keys, g_hash_table_unref);
}

/* Syntax and the document in one pass of our scanner, which refuses what json-glib 1.6's parser
 * lets through (see tupu-json-scan.h). Returns the document, the caller's. */
static JsonNode *
parse (Loader *l, const char *data, gsize len)
{
  g_autofree char *message = NULL;
  TupuJsonPos      pos = { 0, 0 };
  JsonNode        *root = NULL;

  if (len > TUPU_LIMIT_FILE_SIZE)
    {
      report (l, TUPU_SEVERITY_ERROR, pos, "the file is larger than the limit of 4 MiB");
      return NULL;
    }
  l->data = data;
  l->len = len;
  l->scan = tupu_json_scan_parse (data, len, TUPU_LIMIT_DEPTH, TUPU_LIMIT_EDGES + 1,
                                  SHALLOW_RECORD_DEPTH, &root, &pos, &message);
  if (l->scan == NULL)
    {
      report (l, TUPU_SEVERITY_ERROR, pos, "%s", message);
      return NULL;
    }
  return root;
}

static TupuGraph *
finish (Loader *l, GPtrArray **diagnostics, GError **error)
{
  TupuGraph *graph = NULL;

  g_ptr_array_sort (l->diags, compare_diagnostics); /* stable, so equal positions keep order */
  /* A hostile file could otherwise fill the problems dialog with many thousands of lines. The
   * limits on nodes and edges bound how many are collected before this. */
  if (l->diags->len > MAX_DIAGNOSTICS)
    {
      guint            n_more = l->diags->len - MAX_DIAGNOSTICS;
      g_autofree char *message = g_strdup_printf ("%u more problems are not listed", n_more);

      g_ptr_array_remove_range (l->diags, MAX_DIAGNOSTICS, n_more);
      g_ptr_array_add (l->diags, tupu_diagnostic_new (TUPU_SEVERITY_ERROR, l->file, 0, 0, message));
    }
  if (l->n_errors > 0)
    {
      g_autofree char *text =
          tupu_diagnostic_format (tupu_diagnostics_first (l->diags, TUPU_SEVERITY_ERROR));

      g_set_error_literal (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_INVALID, text);
    }
  else
    {
      graph = _tupu_graph_new (l->id, l->title_zh, l->title_en, l->text,
                               g_steal_pointer (&l->nodes), g_steal_pointer (&l->edges));
    }
  if (diagnostics != NULL)
    *diagnostics = g_steal_pointer (&l->diags);
  return graph;
}

static TupuGraph *
load (GBytes *bytes, const char *display_name, TupuText *text, GFile *dir, GPtrArray **diagnostics,
      GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  Loader l = {
    .file = display_name,
    .dir = dir != NULL ? g_object_ref (dir) : NULL,
    .diags = g_ptr_array_new_with_free_func ((GDestroyNotify)tupu_diagnostic_free),
    .nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)_tupu_node_free),
    .ids = g_hash_table_new (g_str_hash, g_str_equal),
    .edges = g_array_new (FALSE, FALSE, sizeof (TupuEdge)),
    .edge_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  gsize       len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  TupuGraph  *graph;

  root = parse (&l, data != NULL ? data : "", len);
  if (root != NULL)
    load_graph (&l, root, text);
  else if (l.n_errors == 0)
    report (&l, TUPU_SEVERITY_ERROR, (TupuJsonPos){ 1, 1 }, "the file is empty");
  graph = finish (&l, diagnostics, error);
  loader_clear (&l);
  return graph;
}

TupuGraph *
tupu_graph_load_bytes (GBytes *bytes, const char *display_name, TupuText *text,
                       GPtrArray **diagnostics, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (text == NULL || TUPU_IS_TEXT (text), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (bytes, display_name != NULL ? display_name : "graph", text, NULL, diagnostics,
               error);
}

/* Reports a file refused before parsing, with the same shape as a located problem. */
static void
refuse_file (const char *name, const char *message, GPtrArray **diagnostics, GError **error)
{
  TupuDiagnostic  *diag = tupu_diagnostic_new (TUPU_SEVERITY_ERROR, name, 0, 0, message);
  g_autofree char *text = tupu_diagnostic_format (diag);

  g_set_error_literal (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_INVALID, text);
  if (diagnostics != NULL)
    {
      *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify)tupu_diagnostic_free);
      g_ptr_array_add (*diagnostics, diag);
    }
  else
    tupu_diagnostic_free (diag);
}

static void
set_io_error (GError **error, const char *name, const GError *cause)
{
  g_set_error (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_IO, _ ("%s: cannot read the file: %s"),
               name, cause->message);
}

TupuGraph *
_tupu_graph_load_stream (GInputStream *stream, const char *display_name, GFile *dir,
                         GCancellable *cancellable, GPtrArray **diagnostics, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (dir == NULL || G_IS_FILE (dir), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (diagnostics != NULL)
    *diagnostics = NULL;
  /* One byte past the limit tells a file that grew since the query from one at the limit; the
   * parser refuses it. */
  bytes = _tupu_read_to_end (stream, TUPU_LIMIT_FILE_SIZE, cancellable, &local_error);
  if (bytes == NULL)
    {
      set_io_error (error, display_name, local_error);
      return NULL;
    }
  return load (bytes, display_name, NULL, dir, diagnostics, error);
}

TupuGraph *
tupu_graph_load_file (GFile *file, GCancellable *cancellable, GPtrArray **diagnostics,
                      GError **error)
{
  g_autofree char *name = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GFile) dir = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (diagnostics != NULL)
    *diagnostics = NULL;
  name = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > TUPU_LIMIT_FILE_SIZE)
    {
      refuse_file (name, "the file is larger than the limit of 4 MiB", diagnostics, error);
      return NULL;
    }
  if (info != NULL)
    stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_io_error (error, name, local_error);
      return NULL;
    }
  dir = g_file_get_parent (file);
  return _tupu_graph_load_stream (G_INPUT_STREAM (stream), name, dir, cancellable, diagnostics,
                                  error);
}

TupuGraph *
tupu_graph_load_builtin (GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resource_lookup_data (tupu_core_get_resource (), BUILTIN_GRAPH_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return load (bytes, "speech.json", tupu_text_get_builtin (), NULL, NULL, error);
}
