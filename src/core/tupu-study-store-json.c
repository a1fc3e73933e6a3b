/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-study-store-json.c: the store file's JSON (docs/study.md), read strictly: anything that
 * is not the format makes the whole file invalid, so that the store sets it aside rather than
 * keep half of it and overwrite the rest. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tupu-study-store-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Records                                                                                    */

TupuStudyConcept *
_tupu_study_concept_new (const char *id)
{
  TupuStudyConcept *concept = g_new0 (TupuStudyConcept, 1);

  concept->id = g_strdup (id);
  concept->note = g_strdup ("");
  concept->log = g_ptr_array_new_with_free_func (g_free);
  tupu_fsrs_card_init (&concept->card, 0);
  return concept;
}

void
_tupu_study_concept_free (TupuStudyConcept *concept)
{
  if (concept == NULL)
    return;
  g_free (concept->id);
  g_free (concept->note);
  g_ptr_array_unref (concept->log);
  g_clear_pointer (&concept->extra, json_object_unref);
  g_free (concept);
}

void
_tupu_study_concept_add_entry (TupuStudyConcept *concept, TupuStudyLogEntry *entry)
{
  guint at = concept->log->len;

  entry->node_id = concept->id;
  /* Usually the newest: walk back only past later ones (an import's older reviews). */
  while (at > 0 && ((TupuStudyLogEntry *)concept->log->pdata[at - 1])->time > entry->time)
    at--;
  g_ptr_array_insert (concept->log, (int)at, entry);
}

TupuStudyData *
_tupu_study_data_new (const char *graph_id)
{
  TupuStudyData *data = g_new0 (TupuStudyData, 1);

  data->graph_id = g_strdup (graph_id);
  data->concepts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify)_tupu_study_concept_free);
  return data;
}

void
_tupu_study_data_free (TupuStudyData *data)
{
  if (data == NULL)
    return;
  g_free (data->graph_id);
  g_free (data->tour);
  g_hash_table_unref (data->concepts);
  g_clear_pointer (&data->extra, json_object_unref);
  g_free (data);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                    */

static gboolean
fail (GError **error, const char *where, const char *member, const char *what)
{
  g_set_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_INVALID, "%s%s“%s” %s",
               where != NULL ? where : "", where != NULL ? ": " : "", member, what);
  return FALSE;
}

/* Each reader leaves *@out alone when the member is absent and not @required. */
static gboolean
read_int (JsonObject *object, const char *member, gboolean required, gint64 min, gint64 max,
          gint64 *out, const char *where, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return required ? fail (error, where, member, "is missing") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, where, member, "is not a whole number");
  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    return fail (error, where, member, "is out of range");
  return TRUE;
}

static gboolean
read_uint (JsonObject *object, const char *member, guint *out, const char *where, GError **error)
{
  gint64 value = *out;

  if (!read_int (object, member, FALSE, 0, G_MAXUINT, &value, where, error))
    return FALSE;
  *out = (guint)value;
  return TRUE;
}

static gboolean
read_double (JsonObject *object, const char *member, double min, double max, double *out,
             const char *where, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType     type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                                : G_TYPE_INVALID;

  if (node == NULL)
    return fail (error, where, member, "is missing");
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return fail (error, where, member, "is not a number");
  *out = json_node_get_double (node);
  if (!isfinite (*out) || *out < min || *out > max)
    return fail (error, where, member, "is out of range");
  return TRUE;
}

static gboolean
read_string (JsonObject *object, const char *member, gboolean required, const char **out,
             const char *where, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return required ? fail (error, where, member, "is missing") : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, where, member, "is not a string");
  *out = json_node_get_string (node);
  return TRUE;
}

static JsonObject *
read_object (JsonObject *object, const char *member, gboolean required, const char *where,
             GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      if (required)
        fail (error, where, member, "is missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, where, member, "is not an object");
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_study_state (JsonObject *object, const char *member, TupuStudyState *out, const char *where,
                  GError **error)
{
  const char *name = NULL;

  if (!read_string (object, member, TRUE, &name, where, error))
    return FALSE;
  if (!tupu_study_state_from_string (name, out))
    return fail (error, where, member, "is not new, learning or known");
  return TRUE;
}

static gboolean
read_card_state (JsonObject *object, const char *member, TupuFsrsState *out, const char *where,
                 GError **error)
{
  const char *name = NULL;

  if (!read_string (object, member, TRUE, &name, where, error))
    return FALSE;
  if (!tupu_fsrs_state_from_string (name, out))
    return fail (error, where, member, "is not new, learning, review or relearning");
  return TRUE;
}

static gboolean
read_card (JsonObject *object, TupuFsrsCard *card, const char *where, GError **error)
{
  return read_card_state (object, "state", &card->state, where, error) &&
         read_int (object, "due", TRUE, G_MININT64, G_MAXINT64, &card->due, where, error) &&
         read_double (object, "stability", 0, 36500, &card->stability, where, error) &&
         read_double (object, "difficulty", 0, 10, &card->difficulty, where, error) &&
         read_int (object, "last_review", TRUE, G_MININT64, G_MAXINT64, &card->last_review, where,
                   error) &&
         read_uint (object, "elapsed_days", &card->elapsed_days, where, error) &&
         read_uint (object, "scheduled_days", &card->scheduled_days, where, error) &&
         read_uint (object, "learning_steps", &card->learning_steps, where, error) &&
         read_uint (object, "reps", &card->reps, where, error) &&
         read_uint (object, "lapses", &card->lapses, where, error);
}

static gboolean
read_entry (JsonObject *object, TupuStudyLogEntry *entry, const char *where, GError **error)
{
  const char    *rating = NULL;
  TupuFsrsRating grade;

  if (!read_int (object, "time", TRUE, G_MININT64, G_MAXINT64, &entry->time, where, error) ||
      !read_string (object, "rating", TRUE, &rating, where, error) ||
      !read_study_state (object, "study_state", &entry->study_state, where, error))
    return FALSE;
  if (g_strcmp0 (rating, "manual") == 0)
    return TRUE;
  if (!tupu_fsrs_rating_from_string (rating, &grade))
    return fail (error, where, "rating", "is not again, hard, good, easy or manual");
  entry->rating = grade;
  return read_uint (object, "duration_ms", &entry->duration_ms, where, error) &&
         read_card_state (object, "card_state", &entry->card_state, where, error) &&
         read_double (object, "stability", 0, 36500, &entry->stability, where, error) &&
         read_double (object, "difficulty", 0, 10, &entry->difficulty, where, error) &&
         read_int (object, "due", TRUE, G_MININT64, G_MAXINT64, &entry->due, where, error);
}

static gboolean
read_log (JsonObject *object, TupuStudyConcept *concept, const char *where, GError **error)
{
  JsonNode  *node = json_object_get_member (object, "log");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, where, "log", "is not an array");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode          *element = json_array_get_element (array, i);
      TupuStudyLogEntry *entry;
      g_autofree char   *entry_where = g_strdup_printf ("%s, log entry %u", where, i + 1);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, entry_where, "entry", "is not an object");
      entry = g_new0 (TupuStudyLogEntry, 1);
      if (!read_entry (json_node_get_object (element), entry, entry_where, error))
        {
          g_free (entry);
          return FALSE;
        }
      _tupu_study_concept_add_entry (concept, entry);
    }
  return TRUE;
}

static gboolean
read_concept (const char *id, JsonObject *object, TupuStudyConcept *concept, GError **error)
{
  g_autofree char *where = g_strdup_printf ("concept “%s”", id);
  const char      *note = NULL;
  JsonObject      *card;

  if (object == NULL)
    return fail (error, NULL, id, "is not an object");
  if (json_object_has_member (object, "state"))
    {
      concept->has_manual_state = TRUE;
      if (!read_study_state (object, "state", &concept->manual_state, where, error) ||
          !read_int (object, "state_set", TRUE, G_MININT64, G_MAXINT64, &concept->state_set, where,
                     error))
        return FALSE;
    }
  if (!read_string (object, "note", FALSE, &note, where, error) ||
      !read_int (object, "note_edited", FALSE, G_MININT64, G_MAXINT64, &concept->note_edited, where,
                 error))
    return FALSE;
  if (note != NULL)
    {
      g_free (concept->note);
      concept->note = g_strdup (note);
    }
  card = read_object (object, "card", FALSE, where, error);
  if (card == NULL && json_object_has_member (object, "card"))
    return FALSE;
  if (card != NULL && !read_card (card, &concept->card, where, error))
    return FALSE;
  concept->has_card = card != NULL;
  concept->extra = json_object_ref (object);
  return read_log (object, concept, where, error);
}

static gboolean
read_concepts (JsonObject *concepts, TupuStudyData *data, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (concepts);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char       *id = l->data;
      JsonNode         *node = json_object_get_member (concepts, id);
      TupuStudyConcept *concept = _tupu_study_concept_new (id);

      if (!read_concept (id, JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL,
                         concept, error))
        {
          _tupu_study_concept_free (concept);
          return FALSE;
        }
      g_hash_table_replace (data->concepts, concept->id, concept);
    }
  return TRUE;
}

TupuStudyData *
_tupu_study_data_parse (const char *contents, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (TupuStudyData) data = NULL;
  JsonObject *root, *concepts;
  const char *format = NULL, *graph = NULL, *tour = NULL;
  gint64      version = 0;

  if (!json_parser_load_from_data (parser, contents, (gssize)length, &local_error))
    {
      g_set_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_INVALID, "%s",
                   local_error->message);
      return NULL;
    }
  /* An empty file parses, to no root at all. */
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      fail (error, NULL, "the file", "is not a JSON object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (!read_string (root, "format", TRUE, &format, NULL, error))
    return NULL;
  if (g_strcmp0 (format, TUPU_STUDY_FORMAT_NAME) != 0)
    {
      fail (error, NULL, "format", "is not “" TUPU_STUDY_FORMAT_NAME "”");
      return NULL;
    }
  if (!read_int (root, "version", TRUE, 1, G_MAXINT64, &version, NULL, error) ||
      !read_string (root, "graph", TRUE, &graph, NULL, error) ||
      !read_string (root, "tour", FALSE, &tour, NULL, error))
    return NULL;
  if (version > TUPU_STUDY_FORMAT_VERSION)
    {
      fail (error, NULL, "version", "is newer than this Tupu reads");
      return NULL;
    }
  data = _tupu_study_data_new (graph);
  data->tour = g_strdup (tour);
  data->extra = json_object_ref (root);
  concepts = read_object (root, "concepts", TRUE, NULL, error);
  if (concepts == NULL || !read_concepts (concepts, data, error))
    return NULL;
  return g_steal_pointer (&data);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */

/* Copies the members of @extra that @object has not set: what a later Tupu added. */
static void
keep_extra (JsonObject *object, JsonObject *extra)
{
  g_autoptr (GList) members = extra != NULL ? json_object_get_members (extra) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (object, l->data))
      json_object_set_member (object, l->data,
                              json_node_copy (json_object_get_member (extra, l->data)));
}

static JsonObject *
card_to_json (const TupuFsrsCard *card)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "state", tupu_fsrs_state_to_string (card->state));
  json_object_set_int_member (object, "due", card->due);
  json_object_set_double_member (object, "stability", card->stability);
  json_object_set_double_member (object, "difficulty", card->difficulty);
  json_object_set_int_member (object, "last_review", card->last_review);
  json_object_set_int_member (object, "elapsed_days", card->elapsed_days);
  json_object_set_int_member (object, "scheduled_days", card->scheduled_days);
  json_object_set_int_member (object, "learning_steps", card->learning_steps);
  json_object_set_int_member (object, "reps", card->reps);
  json_object_set_int_member (object, "lapses", card->lapses);
  return object;
}

static JsonObject *
entry_to_json (const TupuStudyLogEntry *entry)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "time", entry->time);
  json_object_set_string_member (
      object, "rating", entry->rating == 0 ? "manual" : tupu_fsrs_rating_to_string (entry->rating));
  json_object_set_string_member (object, "study_state",
                                 tupu_study_state_to_string (entry->study_state));
  if (entry->rating == 0)
    return object;
  json_object_set_int_member (object, "duration_ms", entry->duration_ms);
  json_object_set_string_member (object, "card_state",
                                 tupu_fsrs_state_to_string (entry->card_state));
  json_object_set_double_member (object, "stability", entry->stability);
  json_object_set_double_member (object, "difficulty", entry->difficulty);
  json_object_set_int_member (object, "due", entry->due);
  return object;
}

static JsonObject *
concept_to_json (const TupuStudyConcept *concept)
{
  JsonObject *object = json_object_new ();
  JsonArray  *log = json_array_sized_new (concept->log->len);

  if (concept->has_manual_state)
    {
      json_object_set_string_member (object, "state",
                                     tupu_study_state_to_string (concept->manual_state));
      json_object_set_int_member (object, "state_set", concept->state_set);
    }
  if (*concept->note != '\0' || concept->note_edited != 0)
    {
      json_object_set_string_member (object, "note", concept->note);
      json_object_set_int_member (object, "note_edited", concept->note_edited);
    }
  if (concept->has_card)
    json_object_set_object_member (object, "card", card_to_json (&concept->card));
  for (guint i = 0; i < concept->log->len; i++)
    json_array_add_object_element (log, entry_to_json (concept->log->pdata[i]));
  json_object_set_array_member (object, "log", log);
  keep_extra (object, concept->extra);
  return object;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

char *
_tupu_study_data_to_json (TupuStudyData *data, gsize *length)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree const char **ids = NULL;
  JsonObject             *object = json_object_new ();
  JsonObject             *concepts = json_object_new ();
  guint                   n = 0;

  json_object_set_string_member (object, "format", TUPU_STUDY_FORMAT_NAME);
  json_object_set_int_member (object, "version", TUPU_STUDY_FORMAT_VERSION);
  json_object_set_string_member (object, "graph", data->graph_id);
  if (data->tour != NULL)
    json_object_set_string_member (object, "tour", data->tour);
  /* Sorted, so that the same state always makes the same file. */
  ids = (const char **)g_hash_table_get_keys_as_array (data->concepts, &n);
  qsort (ids, n, sizeof *ids, compare_strings);
  for (guint i = 0; i < n; i++)
    json_object_set_object_member (concepts, ids[i],
                                   concept_to_json (g_hash_table_lookup (data->concepts, ids[i])));
  json_object_set_object_member (object, "concepts", concepts);
  keep_extra (object, data->extra);

  json_node_take_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, length);
}
