/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-study-store-private.h: the store's records and their JSON form, shared by
 * tupu-study-store.c (the object) and tupu-study-store-json.c (reading and writing the file).
 * Not for use outside src/core. */
#pragma once

#include <json-glib/json-glib.h>

#include "tupu-study-store.h"

G_BEGIN_DECLS

#define TUPU_STUDY_FORMAT_NAME "tupu-study"
#define TUPU_STUDY_FORMAT_VERSION 1

/* One concept's record. */
typedef struct
{
  char          *id;
  gboolean       has_card; /* reviewed at least once */
  TupuFsrsCard   card;
  gboolean       has_manual_state;
  TupuStudyState manual_state;
  gint64         state_set; /* when the state was set by hand */
  char          *note;      /* never NULL */
  gint64         note_edited;
  GPtrArray     *log;   /* TupuStudyLogEntry*, oldest first; node_id points at @id */
  JsonObject    *extra; /* the record as read: members a later Tupu wrote are written back */
} TupuStudyConcept;

TupuStudyConcept *_tupu_study_concept_new (const char *id);
void              _tupu_study_concept_free (TupuStudyConcept *concept);
/* Adds @entry (taking it, its node_id set to the concept's id) in time order. */
void _tupu_study_concept_add_entry (TupuStudyConcept *concept, TupuStudyLogEntry *entry);

/* The whole of a store file, read or to be written. */
typedef struct
{
  char       *graph_id;
  char       *tour;     /* node id or NULL */
  GHashTable *concepts; /* id -> TupuStudyConcept* (owned) */
  JsonObject *extra;    /* the top-level object as read */
} TupuStudyData;

TupuStudyData *_tupu_study_data_new (const char *graph_id);
void           _tupu_study_data_free (TupuStudyData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuStudyData, _tupu_study_data_free)

/* Parses a store file; NULL with @error (TUPU_STUDY_STORE_ERROR_INVALID, saying what is wrong)
 * when it is not valid JSON or not the format docs/study.md describes. */
TupuStudyData *_tupu_study_data_parse (const char *contents, gsize length, GError **error);
/* The file's text (pretty JSON, concepts sorted by id). */
char *_tupu_study_data_to_json (TupuStudyData *data, gsize *length);

G_END_DECLS
