/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-study-store.c: see tupu-study-store.h; the file format is in tupu-study-store-json.c and
 * docs/study.md. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tupu-study-store-private.h"

struct _TupuStudyStore
{
  GObject parent_instance;

  TupuGraph     *graph;
  GFile         *dir;
  GFile         *file;
  char          *path;
  TupuStudyData *data;
  TupuFsrsParams params;
  GError        *load_error;
  /* Set when the kept file could not be read nor set aside: writing would overwrite it. */
  GError    *no_save;
  GPtrArray *log; /* every concept's entries, oldest first; NULL until asked for */
};

enum
{
  PROP_0,
  PROP_GRAPH,
  PROP_DIR,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TupuStudyStore, tupu_study_store, G_TYPE_OBJECT)
/* The macro stringifies its first argument, which clang-format would space out. */
/* clang-format off */
G_DEFINE_QUARK (tupu-study-store-error-quark, tupu_study_store_error)
/* clang-format on */

#define SECONDS_DAY 86400

/* The open stores, by file path: two windows on one graph share one store, so that neither
 * overwrites what the other recorded. */
static GHashTable *open_stores;

/* ------------------------------------------------------------------------------------------ */
/* Names                                                                                      */

static const char *const state_names[] = { "new", "learning", "known" };

const char *
tupu_study_state_to_string (TupuStudyState state)
{
  g_return_val_if_fail (state <= TUPU_STUDY_STATE_KNOWN, NULL);

  return state_names[state];
}

gboolean
tupu_study_state_from_string (const char *str, TupuStudyState *state)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (strcmp (str, state_names[i]) == 0)
      {
        *state = (TupuStudyState)i;
        return TRUE;
      }
  return FALSE;
}

const char *
tupu_study_state_display_name (TupuStudyState state)
{
  switch (state)
    {
    case TUPU_STUDY_STATE_NEW:
      return _ ("New");
    case TUPU_STUDY_STATE_LEARNING:
      return _ ("Learning");
    case TUPU_STUDY_STATE_KNOWN:
      return _ ("Known");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Concepts                                                                                   */

static TupuStudyConcept *
lookup (TupuStudyStore *self, const char *node_id)
{
  return g_hash_table_lookup (self->data->concepts, node_id);
}

static TupuStudyConcept *
ensure (TupuStudyStore *self, const char *node_id)
{
  TupuStudyConcept *concept = lookup (self, node_id);

  if (concept == NULL)
    {
      concept = _tupu_study_concept_new (node_id);
      g_hash_table_insert (self->data->concepts, concept->id, concept);
    }
  return concept;
}

static TupuStudyState
state_of_card (const TupuStudyConcept *concept)
{
  if (!concept->has_card || concept->card.state == TUPU_FSRS_STATE_NEW)
    return TUPU_STUDY_STATE_NEW;
  return concept->card.state == TUPU_FSRS_STATE_REVIEW ? TUPU_STUDY_STATE_KNOWN
                                                       : TUPU_STUDY_STATE_LEARNING;
}

/* A state set by hand holds until the next review. */
static gboolean
manual_holds (const TupuStudyConcept *concept)
{
  return concept->has_manual_state &&
         (!concept->has_card || concept->state_set >= concept->card.last_review);
}

static TupuStudyState
state_of (const TupuStudyConcept *concept)
{
  if (concept == NULL)
    return TUPU_STUDY_STATE_NEW;
  return manual_holds (concept) ? concept->manual_state : state_of_card (concept);
}

/* ------------------------------------------------------------------------------------------ */
/* The file                                                                                   */

/* Graph ids are the curator's: a file name only when they are plainly safe as one (as the
 * folding state does). */
static char *
file_name_for (const char *id)
{
  gboolean safe = *id != '\0' && *id != '.';

  for (const char *p = id; safe && *p != '\0'; p++)
    safe = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.';
  if (safe)
    return g_strconcat (id, ".json", NULL);
  else
    {
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);

      return g_strconcat (sum, ".json", NULL);
    }
}

/* Moves the damaged file to <name>.damaged-YYYYmmdd-HHMMSS (-2, -3… when taken) and says
 * where; NULL when it could not be moved. */
static char *
set_aside (TupuStudyStore *self, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *aside = n == 1 ? g_strdup_printf ("%s.damaged-%s", self->path, stamp)
                                      : g_strdup_printf ("%s.damaged-%s-%u", self->path, stamp, n);

      /* A hard link never replaces an existing file; then the damaged name goes. */
      if (link (self->path, aside) == 0)
        {
          g_unlink (self->path);
          return g_steal_pointer (&aside);
        }
      if (errno != EEXIST)
        {
          int saved = errno;

          /* No hard links here (some file systems): a rename, checked first. */
          if (!g_file_test (aside, G_FILE_TEST_EXISTS) && g_rename (self->path, aside) == 0)
            return g_steal_pointer (&aside);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
          return NULL;
        }
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "too many damaged files");
  return NULL;
}

static void
damaged (TupuStudyStore *self, const GError *problem)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *aside = set_aside (self, &error);

  if (aside != NULL)
    {
      g_autofree char *name = g_path_get_basename (aside);

      /* Where it went first: a toast shows one line. */
      g_set_error (&self->load_error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_DAMAGED,
                   _ ("Progress file damaged: kept as %s, a new one started (%s)"), name,
                   problem->message);
    }
  else
    {
      g_set_error (&self->load_error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_DAMAGED,
                   _ ("The study progress file %s is damaged (%s) and could not be set aside "
                      "(%s): progress will not be saved."),
                   self->path, problem->message, error->message);
      self->no_save = g_error_copy (self->load_error);
    }
}

/* A save interrupted by a crash leaves GLib's temporary file, <name>.XXXXXX, beside the store.
 * Those old enough that no save can still be writing them are removed. */
#define STALE_TEMP_SECONDS (10 * 60)

static gboolean
is_temp_name (const char *name, const char *base)
{
  gsize n = strlen (base);

  if (strncmp (name, base, n) != 0 || name[n] != '.' || strlen (name + n + 1) != 6)
    return FALSE;
  for (const char *p = name + n + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static void
remove_stale_temp_files (TupuStudyStore *self)
{
  g_autofree char *dir_path = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  gint64      now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf         st;

      if (!is_temp_name (name, base))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - st.st_mtime > STALE_TEMP_SECONDS)
        g_unlink (path);
    }
}

static void
load (TupuStudyStore *self)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuStudyData) data = NULL;
  const char *id = tupu_graph_get_id (self->graph);

  self->data = _tupu_study_data_new (id);
  remove_stale_temp_files (self);
  if (!g_file_get_contents (self->path, &contents, &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return;
      /* Unreadable (permissions, a folder in its place): never write over it. */
      g_set_error (&self->load_error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_IO,
                   _ ("The study progress could not be read (%s): progress will not be saved."),
                   error->message);
      self->no_save = g_error_copy (self->load_error);
      return;
    }
  data = _tupu_study_data_parse (contents, length, &error);
  if (data != NULL && strcmp (data->graph_id, id) != 0)
    {
      g_clear_pointer (&data, _tupu_study_data_free);
      g_set_error (&error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_INVALID,
                   "it is the progress of another graph");
    }
  if (data == NULL)
    {
      damaged (self, error);
      return;
    }
  _tupu_study_data_free (self->data);
  self->data = g_steal_pointer (&data);
}

/* Written whole to a temporary file in the same folder, flushed to disk and renamed over the
 * old one (GLib's CONSISTENT | DURABLE): a kill at any moment leaves the last or the previous
 * complete file. */
static gboolean
save (TupuStudyStore *self, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  gsize            length = 0;
  g_autoptr (GError) local_error = NULL;

  g_clear_pointer (&self->log, g_ptr_array_unref);
  if (self->no_save != NULL)
    {
      g_propagate_error (error, g_error_copy (self->no_save));
      return FALSE;
    }
  text = _tupu_study_data_to_json (self->data, &length);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_IO,
                   _ ("Could not save the study progress: %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (!g_file_set_contents_full (self->path, text, (gssize)length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &local_error))
    {
      g_set_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_IO,
                   _ ("Could not save the study progress: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Saves, then tells: a failed save still changed what the store holds. */
static gboolean
commit (TupuStudyStore *self, const char *node_id, GError **error)
{
  gboolean saved = save (self, error);

  g_signal_emit (self, signals[CHANGED], 0, node_id);
  return saved;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */

static void
tupu_study_store_constructed (GObject *object)
{
  TupuStudyStore  *self = TUPU_STUDY_STORE (object);
  g_autofree char *name = file_name_for (tupu_graph_get_id (self->graph));

  G_OBJECT_CLASS (tupu_study_store_parent_class)->constructed (object);

  if (self->dir == NULL)
    self->dir = tupu_study_store_default_dir ();
  self->file = g_file_get_child (self->dir, name);
  self->path = g_file_get_path (self->file);
  if (self->path == NULL)
    {
      /* Only local folders: GLib's atomic replace needs a path. */
      self->path = g_strdup (name);
      g_set_error (&self->no_save, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_IO,
                   _ ("The study progress folder is not a local folder: progress will not be "
                      "saved."));
      self->data = _tupu_study_data_new (tupu_graph_get_id (self->graph));
      self->load_error = g_error_copy (self->no_save);
      return;
    }
  load (self);
}

static void
tupu_study_store_finalize (GObject *object)
{
  TupuStudyStore *self = TUPU_STUDY_STORE (object);

  if (open_stores != NULL && self->path != NULL &&
      g_hash_table_lookup (open_stores, self->path) == self)
    g_hash_table_remove (open_stores, self->path);
  g_clear_object (&self->graph);
  g_clear_object (&self->dir);
  g_clear_object (&self->file);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->data, _tupu_study_data_free);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_error (&self->load_error);
  g_clear_error (&self->no_save);

  G_OBJECT_CLASS (tupu_study_store_parent_class)->finalize (object);
}

static void
tupu_study_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TupuStudyStore *self = TUPU_STUDY_STORE (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_DIR:
      g_value_set_object (value, self->dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_study_store_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  TupuStudyStore *self = TUPU_STUDY_STORE (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      self->graph = g_value_dup_object (value);
      break;
    case PROP_DIR:
      self->dir = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tupu_study_store_class_init (TupuStudyStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tupu_study_store_constructed;
  object_class->finalize = tupu_study_store_finalize;
  object_class->get_property = tupu_study_store_get_property;
  object_class->set_property = tupu_study_store_set_property;

  properties[PROP_GRAPH] =
      g_param_spec_object ("graph", NULL, NULL, TUPU_TYPE_GRAPH,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_DIR] =
      g_param_spec_object ("dir", NULL, NULL, G_TYPE_FILE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tupu_study_store_init (TupuStudyStore *self)
{
  tupu_fsrs_params_init_default (&self->params);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

GFile *
tupu_study_store_default_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "tupu", "study", NULL);
}

static char *
path_for (TupuGraph *graph, GFile *dir)
{
  g_autoptr (GFile) folder = dir != NULL ? g_object_ref (dir) : tupu_study_store_default_dir ();
  g_autofree char *name = file_name_for (tupu_graph_get_id (graph));
  g_autoptr (GFile) file = g_file_get_child (folder, name);

  return g_file_get_path (file);
}

TupuStudyStore *
tupu_study_store_new (TupuGraph *graph, GFile *dir)
{
  g_autofree char *path = NULL;
  TupuStudyStore  *self;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (dir == NULL || G_IS_FILE (dir), NULL);

  path = path_for (graph, dir);
  self = path != NULL && open_stores != NULL ? g_hash_table_lookup (open_stores, path) : NULL;
  if (self != NULL)
    {
      /* The same graph reloaded, perhaps edited: its ids are what counts now. */
      if (g_set_object (&self->graph, graph))
        {
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
          g_signal_emit (self, signals[CHANGED], 0, NULL);
        }
      return g_object_ref (self);
    }
  self = g_object_new (TUPU_TYPE_STUDY_STORE, "graph", graph, "dir", dir, NULL);
  if (path != NULL)
    {
      if (open_stores == NULL)
        open_stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_replace (open_stores, g_strdup (self->path), self);
    }
  return self;
}

const GError *
tupu_study_store_get_load_error (TupuStudyStore *self)
{
  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), NULL);

  return self->load_error;
}

TupuGraph *
tupu_study_store_get_graph (TupuStudyStore *self)
{
  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), NULL);

  return self->graph;
}

GFile *
tupu_study_store_get_file (TupuStudyStore *self)
{
  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), NULL);

  return self->file;
}

const TupuFsrsParams *
tupu_study_store_get_params (TupuStudyStore *self)
{
  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), NULL);

  return &self->params;
}

TupuStudyState
tupu_study_store_get_state (TupuStudyStore *self, const char *node_id)
{
  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), TUPU_STUDY_STATE_NEW);
  g_return_val_if_fail (node_id != NULL, TUPU_STUDY_STATE_NEW);

  return state_of (lookup (self, node_id));
}

gboolean
tupu_study_store_get_state_is_manual (TupuStudyStore *self, const char *node_id)
{
  TupuStudyConcept *concept;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), FALSE);
  g_return_val_if_fail (node_id != NULL, FALSE);

  concept = lookup (self, node_id);
  return concept != NULL && manual_holds (concept);
}

const char *
tupu_study_store_get_note (TupuStudyStore *self, const char *node_id)
{
  TupuStudyConcept *concept;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), "");
  g_return_val_if_fail (node_id != NULL, "");

  concept = lookup (self, node_id);
  return concept != NULL ? concept->note : "";
}

gboolean
tupu_study_store_get_card (TupuStudyStore *self, const char *node_id, TupuFsrsCard *card)
{
  TupuStudyConcept *concept;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), FALSE);
  g_return_val_if_fail (node_id != NULL && card != NULL, FALSE);

  concept = lookup (self, node_id);
  if (concept == NULL || !concept->has_card)
    {
      tupu_fsrs_card_init (card, g_get_real_time () / G_USEC_PER_SEC);
      return FALSE;
    }
  *card = concept->card;
  return TRUE;
}

gboolean
tupu_study_store_set_state (TupuStudyStore *self, const char *node_id, TupuStudyState state,
                            gint64 now, GError **error)
{
  TupuStudyConcept  *concept;
  TupuStudyLogEntry *entry;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), FALSE);
  g_return_val_if_fail (node_id != NULL, FALSE);
  g_return_val_if_fail (state <= TUPU_STUDY_STATE_KNOWN, FALSE);

  concept = ensure (self, node_id);
  if (state_of (concept) == state)
    return TRUE;
  concept->has_manual_state = TRUE;
  concept->manual_state = state;
  /* Never before the last review, or the review's state would win again. */
  concept->state_set = concept->has_card ? MAX (now, concept->card.last_review) : now;
  entry = g_new0 (TupuStudyLogEntry, 1);
  entry->time = concept->state_set;
  entry->study_state = state;
  _tupu_study_concept_add_entry (concept, entry);
  return commit (self, node_id, error);
}

gboolean
tupu_study_store_set_note (TupuStudyStore *self, const char *node_id, const char *note, gint64 now,
                           GError **error)
{
  TupuStudyConcept *concept;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), FALSE);
  g_return_val_if_fail (node_id != NULL && note != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (note, -1, NULL), FALSE);

  concept = ensure (self, node_id);
  if (strcmp (concept->note, note) == 0)
    return TRUE;
  g_free (concept->note);
  concept->note = g_strdup (note);
  concept->note_edited = now;
  return commit (self, node_id, error);
}

gboolean
tupu_study_store_review (TupuStudyStore *self, const char *node_id, TupuFsrsRating rating,
                         gint64 now, guint duration_ms, TupuFsrsCard *card_out, GError **error)
{
  TupuStudyConcept  *concept;
  TupuStudyLogEntry *entry;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), FALSE);
  g_return_val_if_fail (node_id != NULL, FALSE);
  g_return_val_if_fail (rating >= TUPU_FSRS_AGAIN && rating <= TUPU_FSRS_EASY, FALSE);

  concept = ensure (self, node_id);
  if (!concept->has_card)
    tupu_fsrs_card_init (&concept->card, now);
  entry = g_new0 (TupuStudyLogEntry, 1);
  entry->time = now;
  entry->rating = rating;
  entry->duration_ms = duration_ms;
  entry->card_state = concept->card.state;
  tupu_fsrs_review (&self->params, &concept->card, now, rating, &concept->card);
  concept->has_card = TRUE;
  entry->stability = concept->card.stability;
  entry->difficulty = concept->card.difficulty;
  entry->due = concept->card.due;
  entry->study_state = state_of (concept);
  _tupu_study_concept_add_entry (concept, entry);
  if (card_out != NULL)
    *card_out = concept->card;
  return commit (self, node_id, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Queue and counts                                                                           */

/* The local day @time falls on. */
static void
local_date (gint64 time, GDate *date)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (time);
  int y = 1970, m = 1, d = 1;

  if (dt != NULL)
    g_date_time_get_ymd (dt, &y, &m, &d);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static guint
local_day (gint64 time)
{
  GDate date;

  local_date (time, &date);
  return g_date_get_julian (&date);
}

/* The first graded review of @concept, or NULL. */
static const TupuStudyLogEntry *
first_review (const TupuStudyConcept *concept)
{
  for (guint i = 0; i < concept->log->len; i++)
    if (((TupuStudyLogEntry *)concept->log->pdata[i])->rating != 0)
      return concept->log->pdata[i];
  return NULL;
}

guint
tupu_study_store_count_new_today (TupuStudyStore *self, gint64 now)
{
  GHashTableIter    iter;
  TupuStudyConcept *concept;
  guint             today, n = 0;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), 0);

  today = local_day (now);
  g_hash_table_iter_init (&iter, self->data->concepts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&concept))
    {
      const TupuStudyLogEntry *first = first_review (concept);

      n += first != NULL && local_day (first->time) == today;
    }
  return n;
}

/* Every concept of the graph but its root, in speech order. */
static GPtrArray *
default_candidates (TupuGraph *graph)
{
  GPtrArray   *ids = g_ptr_array_new ();
  const guint *order = tupu_graph_get_speech_order (graph);

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    if (order[i] != tupu_graph_get_root (graph))
      g_ptr_array_add (ids, tupu_graph_get_node (graph, order[i])->id);
  return ids;
}

typedef struct
{
  const char *id;
  gint64      due;
  guint       rank;
} Due;

static int
compare_due (gconstpointer a, gconstpointer b)
{
  const Due *x = a, *y = b;

  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return x->rank < y->rank ? -1 : x->rank > y->rank;
}

GPtrArray *
tupu_study_store_get_queue (TupuStudyStore *self, gint64 now, guint new_per_day,
                            GPtrArray *candidates)
{
  g_autoptr (GPtrArray) defaults = NULL;
  g_autoptr (GArray) due = g_array_new (FALSE, FALSE, sizeof (Due));
  GPtrArray *queue = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *ids;
  guint      started, room;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), NULL);

  ids = candidates != NULL ? candidates : (defaults = default_candidates (self->graph));
  started = tupu_study_store_count_new_today (self, now);
  room = new_per_day > started ? new_per_day - started : 0;
  for (guint i = 0; i < ids->len; i++)
    {
      TupuStudyConcept *concept = lookup (self, ids->pdata[i]);

      if (concept != NULL && concept->has_card && concept->card.due <= now)
        g_array_append_val (due, ((Due){ ids->pdata[i], concept->card.due, i }));
    }
  g_array_sort (due, compare_due);
  for (guint i = 0; i < due->len; i++)
    g_ptr_array_add (queue, g_strdup (g_array_index (due, Due, i).id));
  for (guint i = 0; i < ids->len && room > 0; i++)
    {
      TupuStudyConcept *concept = lookup (self, ids->pdata[i]);

      /* Never reviewed, and not marked learning or known by hand. */
      if (concept == NULL || (!concept->has_card && state_of (concept) == TUPU_STUDY_STATE_NEW))
        {
          g_ptr_array_add (queue, g_strdup (ids->pdata[i]));
          room--;
        }
    }
  return queue;
}

gint64
tupu_study_store_get_next_due (TupuStudyStore *self, gint64 now)
{
  gint64 next = 0;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), 0);

  for (guint i = 0; i < tupu_graph_get_n_nodes (self->graph); i++)
    {
      TupuStudyConcept *concept = lookup (self, tupu_graph_get_node (self->graph, i)->id);

      if (concept != NULL && concept->has_card && concept->card.due > now &&
          (next == 0 || concept->card.due < next))
        next = concept->card.due;
    }
  return next;
}

void
tupu_study_store_count_states (TupuStudyStore *self, guint *n_new, guint *n_learning,
                               guint *n_known)
{
  guint counts[3] = { 0 };

  g_return_if_fail (TUPU_IS_STUDY_STORE (self));

  for (guint i = 0; i < tupu_graph_get_n_nodes (self->graph); i++)
    counts[tupu_study_store_get_state (self, tupu_graph_get_node (self->graph, i)->id)]++;
  if (n_new != NULL)
    *n_new = counts[TUPU_STUDY_STATE_NEW];
  if (n_learning != NULL)
    *n_learning = counts[TUPU_STUDY_STATE_LEARNING];
  if (n_known != NULL)
    *n_known = counts[TUPU_STUDY_STATE_KNOWN];
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const TupuStudyLogEntry *x = *(TupuStudyLogEntry *const *)a;
  const TupuStudyLogEntry *y = *(TupuStudyLogEntry *const *)b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return strcmp (x->node_id, y->node_id);
}

GPtrArray *
tupu_study_store_get_log (TupuStudyStore *self)
{
  GHashTableIter    iter;
  TupuStudyConcept *concept;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), NULL);

  if (self->log != NULL)
    return self->log;
  self->log = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->data->concepts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&concept))
    for (guint i = 0; i < concept->log->len; i++)
      g_ptr_array_add (self->log, concept->log->pdata[i]);
  /* Stable for a concept's own entries: g_ptr_array_sort is a merge sort. */
  g_ptr_array_sort (self->log, compare_entries);
  return self->log;
}

GArray *
tupu_study_store_get_days (TupuStudyStore *self, gint64 now)
{
  GPtrArray *log;
  GArray    *days = g_array_new (FALSE, TRUE, sizeof (TupuStudyDay));
  g_autoptr (GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  guint first, last, e = 0;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), NULL);

  log = tupu_study_store_get_log (self);
  if (log->len == 0)
    return days;
  first = local_day (((TupuStudyLogEntry *)log->pdata[0])->time);
  last = MAX (first, local_day (now));
  for (guint day = first; day <= last; day++)
    {
      TupuStudyDay d = { 0 };

      g_date_clear (&d.date, 1);
      g_date_set_julian (&d.date, day);
      for (; e < log->len && local_day (((TupuStudyLogEntry *)log->pdata[e])->time) <= day; e++)
        {
          const TupuStudyLogEntry *entry = log->pdata[e];

          d.reviews += entry->rating != 0;
          d.lapses += entry->rating == TUPU_FSRS_AGAIN;
          if (entry->study_state == TUPU_STUDY_STATE_KNOWN &&
              tupu_graph_lookup (self->graph, entry->node_id) >= 0)
            g_hash_table_add (known, (gpointer)entry->node_id);
          else
            g_hash_table_remove (known, entry->node_id);
        }
      d.known = g_hash_table_size (known);
      g_array_append_val (days, d);
    }
  return days;
}

/* ------------------------------------------------------------------------------------------ */
/* Tour, export, import                                                                       */

const char *
tupu_study_store_get_tour_position (TupuStudyStore *self)
{
  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), NULL);

  return self->data->tour;
}

gboolean
tupu_study_store_set_tour_position (TupuStudyStore *self, const char *node_id, GError **error)
{
  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), FALSE);

  if (g_strcmp0 (self->data->tour, node_id) == 0)
    return TRUE;
  g_free (self->data->tour);
  self->data->tour = g_strdup (node_id);
  return commit (self, NULL, error);
}

gboolean
tupu_study_store_export (TupuStudyStore *self, GFile *file, GError **error)
{
  g_autofree char *text = NULL;
  gsize            length = 0;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = _tupu_study_data_to_json (self->data, &length);
  return g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                                  error);
}

static gboolean
same_entry (const TupuStudyLogEntry *a, const TupuStudyLogEntry *b)
{
  return a->time == b->time && a->rating == b->rating && a->study_state == b->study_state;
}

/* Adds the entries of @from that @into lacks. */
static void
merge_log (TupuStudyConcept *into, TupuStudyConcept *from)
{
  for (guint i = 0; i < from->log->len; i++)
    {
      const TupuStudyLogEntry *entry = from->log->pdata[i];
      gboolean                 known = FALSE;

      for (guint j = 0; j < into->log->len && !known; j++)
        known = same_entry (into->log->pdata[j], entry);
      if (!known)
        _tupu_study_concept_add_entry (into, g_memdup2 (entry, sizeof *entry));
    }
}

/* The import rule (docs/study.md): each part of a record from whichever side changed it last. */
static void
merge_concept (TupuStudyConcept *into, TupuStudyConcept *from)
{
  if (from->has_card && (!into->has_card || from->card.last_review > into->card.last_review))
    {
      into->has_card = TRUE;
      into->card = from->card;
    }
  if (from->note_edited > into->note_edited)
    {
      g_free (into->note);
      into->note = g_strdup (from->note);
      into->note_edited = from->note_edited;
    }
  if (from->has_manual_state && (!into->has_manual_state || from->state_set > into->state_set))
    {
      into->has_manual_state = TRUE;
      into->manual_state = from->manual_state;
      into->state_set = from->state_set;
    }
  merge_log (into, from);
}

gboolean
tupu_study_store_import (TupuStudyStore *self, GFile *file, GError **error)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;
  g_autoptr (TupuStudyData) data = NULL;
  g_autoptr (GError) local_error = NULL;
  GHashTableIter    iter;
  TupuStudyConcept *from;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  data = _tupu_study_data_parse (contents, length, &local_error);
  if (data == NULL)
    {
      g_set_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_INVALID,
                   _ ("This is not Tupu study progress: %s"), local_error->message);
      return FALSE;
    }
  if (strcmp (data->graph_id, self->data->graph_id) != 0)
    {
      g_set_error (error, TUPU_STUDY_STORE_ERROR, TUPU_STUDY_STORE_ERROR_OTHER_GRAPH,
                   _ ("This is the progress of another graph (“%s”), not of “%s”."), data->graph_id,
                   self->data->graph_id);
      return FALSE;
    }
  g_hash_table_iter_init (&iter, data->concepts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&from))
    merge_concept (ensure (self, from->id), from);
  if (self->data->tour == NULL)
    self->data->tour = g_strdup (data->tour);
  return commit (self, NULL, error);
}
