/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-study-store.h: what a student knows of one graph, kept safe on disk.
 *
 * One JSON file per graph id, $XDG_DATA_HOME/tupu/study/<graph-id>.json (docs/study.md describes
 * the format), keyed by node ids. Every change is written at once with an atomic replace (a temp
 * file in the same folder, fsync, rename), so after a crash or kill -9 the file holds the last or
 * the previous complete state. A damaged file is renamed aside to
 * <id>.json.damaged-YYYYmmdd-HHMMSS and a fresh store started (tupu_study_store_get_load_error()
 * says so). Ids the graph no longer has stay in the file untouched.
 *
 * Per concept: a study state (new, learning, known), a free-text note, an FSRS card
 * (tupu-fsrs.h) and the log of its reviews. The state follows the card (no review yet: new; in
 * (re)learning steps: learning; in review: known) unless the student set it by hand after the
 * last review. */
#pragma once

#include <gio/gio.h>

#include "tupu-fsrs.h"
#include "tupu-graph.h"

G_BEGIN_DECLS

#define TUPU_STUDY_STORE_ERROR (tupu_study_store_error_quark ())

typedef enum
{
  TUPU_STUDY_STORE_ERROR_DAMAGED,     /* the kept file was unreadable and was set aside */
  TUPU_STUDY_STORE_ERROR_INVALID,     /* an imported file is not Tupu progress */
  TUPU_STUDY_STORE_ERROR_OTHER_GRAPH, /* an imported file is another graph's progress */
  TUPU_STUDY_STORE_ERROR_IO,          /* could not write */
} TupuStudyStoreError;

GQuark tupu_study_store_error_quark (void);

typedef enum
{
  TUPU_STUDY_STATE_NEW,
  TUPU_STUDY_STATE_LEARNING,
  TUPU_STUDY_STATE_KNOWN,
} TupuStudyState;

const char *tupu_study_state_to_string (TupuStudyState state); /* "new", "learning", "known" */
gboolean    tupu_study_state_from_string (const char *str, TupuStudyState *state);
const char *tupu_study_state_display_name (TupuStudyState state); /* translated */

/* One entry of the log: a review (rating 1..4) or a state set by hand (rating 0). */
typedef struct
{
  const char    *node_id;
  gint64         time;        /* Unix seconds */
  guint          rating;      /* a TupuFsrsRating, or 0 for a state set by hand */
  guint          duration_ms; /* time spent answering, 0 when unknown */
  TupuFsrsState  card_state;  /* the card's state before the review (ts-fsrs ReviewLog.state) */
  double         stability;   /* after */
  double         difficulty;  /* after */
  gint64         due;         /* after */
  TupuStudyState study_state; /* the concept's study state after this entry */
} TupuStudyLogEntry;

/* One day of the log (local time), for the Progress chart. */
typedef struct
{
  GDate date;
  guint reviews; /* graded reviews that day */
  guint lapses;  /* of them, graded Again */
  guint known;   /* concepts of the graph known at the end of that day */
} TupuStudyDay;

/* Signal ::changed (TupuStudyStore *store, const char *node_id, gpointer user_data): after any
 * change is applied (and saved, or failed to save); @node_id is NULL when many concepts changed
 * (an import) or for the tour position. */
#define TUPU_TYPE_STUDY_STORE (tupu_study_store_get_type ())
G_DECLARE_FINAL_TYPE (TupuStudyStore, tupu_study_store, TUPU, STUDY_STORE, GObject)

/* The folder stores live in: $XDG_DATA_HOME/tupu/study. */
GFile *tupu_study_store_default_dir (void);
/* Opens (or starts) the store of @graph's id in @dir (NULL = the default folder). Never fails: a
 * file that cannot be read is set aside and reported by tupu_study_store_get_load_error(). While
 * a store of that file is open, the same object is returned (with @graph as its graph), so that
 * two windows on one graph never overwrite each other's progress. Main thread only. */
TupuStudyStore *tupu_study_store_new (TupuGraph *graph, GFile *dir);
/* Why the kept file could not be used (TUPU_STUDY_STORE_ERROR_DAMAGED, the message names where
 * it was put aside), or NULL. */
const GError *tupu_study_store_get_load_error (TupuStudyStore *self);
TupuGraph    *tupu_study_store_get_graph (TupuStudyStore *self);
GFile        *tupu_study_store_get_file (TupuStudyStore *self);
/* Scheduler settings (ts-fsrs defaults unless changed; not saved). */
const TupuFsrsParams *tupu_study_store_get_params (TupuStudyStore *self);

/* Per concept. Unknown ids read as new, empty, never reviewed. */
TupuStudyState tupu_study_store_get_state (TupuStudyStore *self, const char *node_id);
/* TRUE when the state was set by hand after the last review. */
gboolean tupu_study_store_get_state_is_manual (TupuStudyStore *self, const char *node_id);
/* The note, "" when none. */
const char *tupu_study_store_get_note (TupuStudyStore *self, const char *node_id);
/* The FSRS card (a new one, due now, when never reviewed): FALSE when never reviewed. */
gboolean tupu_study_store_get_card (TupuStudyStore *self, const char *node_id, TupuFsrsCard *card);

/* Changes: each one is saved before returning; on a write error the change stays in memory (and
 * is written with the next change) and @error says why. Each emits ::changed with the node id. */
gboolean tupu_study_store_set_state (TupuStudyStore *self, const char *node_id,
                                     TupuStudyState state, gint64 now, GError **error);
gboolean tupu_study_store_set_note (TupuStudyStore *self, const char *node_id, const char *note,
                                    gint64 now, GError **error);
/* Grades a review of @node_id at @now; @card_out, when not NULL, receives the new card. */
gboolean tupu_study_store_review (TupuStudyStore *self, const char *node_id, TupuFsrsRating rating,
                                  gint64 now, guint duration_ms, TupuFsrsCard *card_out,
                                  GError **error);

/* What to practise at @now, as node ids (new strings): the cards due by @now, most overdue
 * first, then concepts never reviewed in speech order, as many as @new_per_day allows after the
 * new ones already started today (local time). @candidates (node ids) limits it; NULL = every
 * concept of the graph but its root. */
GPtrArray *tupu_study_store_get_queue (TupuStudyStore *self, gint64 now, guint new_per_day,
                                       GPtrArray *candidates);
/* How many concepts were reviewed for the first time on @now's local day. */
guint tupu_study_store_count_new_today (TupuStudyStore *self, gint64 now);
/* The earliest due time among reviewed concepts of the graph after @now, or 0. */
gint64 tupu_study_store_get_next_due (TupuStudyStore *self, gint64 now);
/* Counts over the graph's concepts (each may be NULL). */
void tupu_study_store_count_states (TupuStudyStore *self, guint *n_new, guint *n_learning,
                                    guint *n_known);
/* The whole log, oldest first: TupuStudyLogEntry*, owned by the store, valid until the next
 * change. Entries of ids the graph no longer has are included. */
GPtrArray *tupu_study_store_get_log (TupuStudyStore *self);
/* One TupuStudyDay per local day from the first logged day to @now's, oldest first. */
GArray *tupu_study_store_get_days (TupuStudyStore *self, gint64 now);

/* The guided tour's place (a node id, NULL when none). */
const char *tupu_study_store_get_tour_position (TupuStudyStore *self);
gboolean    tupu_study_store_set_tour_position (TupuStudyStore *self, const char *node_id,
                                                GError **error);

/* Progress to move machines: the same JSON as the kept file. */
gboolean tupu_study_store_export (TupuStudyStore *self, GFile *file, GError **error);
/* Merges @file's progress into the store (docs/study.md, "Import"): per concept the card with
 * the later last review wins, the note and the hand-set state with the later edit win, the logs
 * are united. Refuses another graph's progress. Emits ::changed with NULL. */
gboolean tupu_study_store_import (TupuStudyStore *self, GFile *file, GError **error);

G_END_DECLS
