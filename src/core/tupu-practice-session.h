/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-practice-session.h: one sitting of practice, from the study store's queue.
 *
 * A session takes the store's queue at its start (cards due first, then new concepts up to the
 * day's limit: tupu_study_store_get_queue()), asks one question per card (tupu-quiz.h), keeps
 * how each was answered and graded, records every grade in the store at once (so a session cut
 * short loses nothing), and sums the sitting up: time spent, cards reviewed, accuracy, the
 * weakest concepts and when the next card is due. Times are Unix microseconds
 * (g_get_real_time()), so tests can pass their own. */
#pragma once

#include "tupu-quiz.h"
#include "tupu-study-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     elapsed_us;  /* from the session's start to its last answer (or its end) */
  guint      n_reviewed;  /* cards graded */
  guint      n_right;     /* of them, answered right */
  guint      n_near;      /* answered with near misses */
  guint      n_wrong;     /* answered wrong */
  double     accuracy;    /* right and near misses over answered, 0..1; 0 when none */
  GPtrArray *weakest;     /* node ids, weakest first (graded Again or Hard, answered wrong) */
  gint64     next_due;    /* Unix seconds: the earliest card due after the session, 0 = none */
  guint      n_remaining; /* cards of the queue not reached */
} TupuPracticeSummary;

void tupu_practice_summary_free (TupuPracticeSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuPracticeSummary, tupu_practice_summary_free)

#define TUPU_TYPE_PRACTICE_SESSION (tupu_practice_session_get_type ())
G_DECLARE_FINAL_TYPE (TupuPracticeSession, tupu_practice_session, TUPU, PRACTICE_SESSION, GObject)

/* A session over @store's queue at @now_us, with at most @new_per_day new concepts a day;
 * @seed chooses the questions. */
TupuPracticeSession *tupu_practice_session_new (TupuStudyStore *store, gint64 now_us,
                                                guint new_per_day, guint32 seed);
TupuStudyStore      *tupu_practice_session_get_store (TupuPracticeSession *self);
/* The graph the questions are about: the store's at the session's start (a reload gives the
 * store a new one; the session's questions and node indices stay with this one). */
TupuGraph *tupu_practice_session_get_graph (TupuPracticeSession *self);
/* Cards in the session, and the index of the current one (= n_cards when finished). */
guint tupu_practice_session_get_n_cards (TupuPracticeSession *self);
guint tupu_practice_session_get_position (TupuPracticeSession *self);
/* The current card's question, or NULL when the session is over. */
const TupuQuestion *tupu_practice_session_get_question (TupuPracticeSession *self);
/* Keeps how the current question was answered (its check's verdict), for the summary. */
void tupu_practice_session_answered (TupuPracticeSession *self, const TupuAnswerCheck *check);
/* The current card's answer was checked. */
gboolean tupu_practice_session_has_answer (TupuPracticeSession *self);
/* The card the current concept would have after @rating at @now_us (for showing intervals). */
void tupu_practice_session_preview (TupuPracticeSession *self, TupuFsrsRating rating, gint64 now_us,
                                    TupuFsrsCard *card);
/* Records @rating for the current card in the store and goes on to the next. The grade is kept
 * in memory even when saving fails (@error says why); the session goes on either way. */
gboolean tupu_practice_session_grade (TupuPracticeSession *self, TupuFsrsRating rating,
                                      gint64 now_us, GError **error);
/* Ends the session early (the rest of the queue stays due). */
void                 tupu_practice_session_stop (TupuPracticeSession *self, gint64 now_us);
gboolean             tupu_practice_session_is_finished (TupuPracticeSession *self);
TupuPracticeSummary *tupu_practice_session_get_summary (TupuPracticeSession *self);

G_END_DECLS
