/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-practice-session.c: one sitting of practice (see tupu-practice-session.h). */

#include "config.h"

#include "tupu-practice-session.h"

#define N_WEAKEST 5

typedef struct
{
  char          *node_id;
  gboolean       answered;
  TupuVerdict    verdict;
  TupuFsrsRating rating;
} Record;

struct _TupuPracticeSession
{
  GObject parent_instance;

  TupuStudyStore *store;
  TupuQuiz       *quiz;
  guint32         seed;
  GPtrArray      *queue; /* node ids with a question, in the store's order */
  guint           position;
  TupuQuestion   *question; /* the current card's, NULL when finished */
  GArray         *records;  /* Record, one per card graded */
  gboolean        answered;
  TupuVerdict     verdict;
  gint64          start_us;
  gint64          shown_us; /* when the current question was shown */
  gint64          last_us;  /* the last answer or the end */
  gboolean        stopped;
};

G_DEFINE_FINAL_TYPE (TupuPracticeSession, tupu_practice_session, G_TYPE_OBJECT)

void
tupu_practice_summary_free (TupuPracticeSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->weakest, g_ptr_array_unref);
  g_free (summary);
}

static void
record_clear (gpointer data)
{
  Record *record = data;

  g_free (record->node_id);
}

static gint64
to_seconds (gint64 us)
{
  return us / G_USEC_PER_SEC;
}

/* The question of the card at the current position, or none past the end. */
static void
load_question (TupuPracticeSession *self)
{
  TupuGraph *graph = tupu_quiz_get_graph (self->quiz);

  g_clear_pointer (&self->question, tupu_question_free);
  self->answered = FALSE;
  if (self->stopped || self->position >= self->queue->len)
    return;
  self->question = tupu_quiz_pick (
      self->quiz, (guint)tupu_graph_lookup (graph, g_ptr_array_index (self->queue, self->position)),
      self->seed + self->position);
  g_assert (self->question != NULL); /* the queue holds askable concepts only */
}

/* The store's queue, less the concepts no question can be asked about. */
static GPtrArray *
askable_queue (TupuStudyStore *store, TupuQuiz *quiz, gint64 now_us, guint new_per_day)
{
  TupuGraph *graph = tupu_quiz_get_graph (quiz);
  g_autoptr (GPtrArray) queue = NULL;
  GPtrArray *askable = g_ptr_array_new_with_free_func (g_free);

  queue = tupu_study_store_get_queue (store, to_seconds (now_us), new_per_day, NULL);
  for (guint i = 0; i < queue->len; i++)
    {
      const char *id = g_ptr_array_index (queue, i);
      int         index = tupu_graph_lookup (graph, id);

      if (index >= 0 && tupu_quiz_can_ask_any (quiz, (guint)index))
        g_ptr_array_add (askable, g_strdup (id));
    }
  return askable;
}

/* How weak a graded card shows its concept to be: 0 for not at all. */
static guint
weakness (const Record *record)
{
  guint score = 0;

  if (record->rating == TUPU_FSRS_AGAIN)
    score += 4;
  else if (record->rating == TUPU_FSRS_HARD)
    score += 2;
  if (record->answered && record->verdict == TUPU_VERDICT_WRONG)
    score += 3;
  else if (record->answered && record->verdict == TUPU_VERDICT_NEAR_MISS)
    score += 1;
  return score;
}

static int
compare_weakness (gconstpointer a, gconstpointer b)
{
  guint wa = weakness (a), wb = weakness (b);

  return wa == wb ? 0 : (wa > wb ? -1 : 1);
}

static GPtrArray *
dup_weakest (TupuPracticeSession *self)
{
  g_autoptr (GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (Record), self->records->len);
  GPtrArray *weakest = g_ptr_array_new_with_free_func (g_free);

  g_array_append_vals (sorted, self->records->data, self->records->len);
  /* g_array_sort is not stable: equal weakness keeps no order, so order them by position. */
  for (guint i = 0; i < sorted->len; i++)
    for (guint j = i + 1; j < sorted->len; j++)
      if (compare_weakness (&g_array_index (sorted, Record, j),
                            &g_array_index (sorted, Record, i)) < 0)
        {
          Record t = g_array_index (sorted, Record, i);

          g_array_index (sorted, Record, i) = g_array_index (sorted, Record, j);
          g_array_index (sorted, Record, j) = t;
        }
  for (guint i = 0; i < sorted->len && weakest->len < N_WEAKEST; i++)
    {
      const Record *record = &g_array_index (sorted, Record, i);

      if (weakness (record) > 0 &&
          !g_ptr_array_find_with_equal_func (weakest, record->node_id, g_str_equal, NULL))
        g_ptr_array_add (weakest, g_strdup (record->node_id));
    }
  return weakest;
}

static void
tupu_practice_session_finalize (GObject *object)
{
  TupuPracticeSession *self = TUPU_PRACTICE_SESSION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->quiz);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->question, tupu_question_free);
  g_clear_pointer (&self->records, g_array_unref);
  G_OBJECT_CLASS (tupu_practice_session_parent_class)->finalize (object);
}

static void
tupu_practice_session_class_init (TupuPracticeSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tupu_practice_session_finalize;
}

static void
tupu_practice_session_init (TupuPracticeSession *self)
{
  self->records = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (self->records, record_clear);
}

TupuPracticeSession *
tupu_practice_session_new (TupuStudyStore *store, gint64 now_us, guint new_per_day, guint32 seed)
{
  TupuPracticeSession *self;

  g_return_val_if_fail (TUPU_IS_STUDY_STORE (store), NULL);

  self = g_object_new (TUPU_TYPE_PRACTICE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->quiz = tupu_quiz_new (tupu_study_store_get_graph (store));
  self->seed = seed;
  self->queue = askable_queue (store, self->quiz, now_us, new_per_day);
  self->start_us = self->shown_us = self->last_us = now_us;
  load_question (self);
  return self;
}

TupuStudyStore *
tupu_practice_session_get_store (TupuPracticeSession *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), NULL);

  return self->store;
}

TupuGraph *
tupu_practice_session_get_graph (TupuPracticeSession *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), NULL);

  return tupu_quiz_get_graph (self->quiz);
}

guint
tupu_practice_session_get_n_cards (TupuPracticeSession *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), 0);

  return self->queue->len;
}

guint
tupu_practice_session_get_position (TupuPracticeSession *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), 0);

  return self->position;
}

const TupuQuestion *
tupu_practice_session_get_question (TupuPracticeSession *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), NULL);

  return self->question;
}

void
tupu_practice_session_answered (TupuPracticeSession *self, const TupuAnswerCheck *check)
{
  g_return_if_fail (TUPU_IS_PRACTICE_SESSION (self));
  g_return_if_fail (check != NULL);

  if (self->question == NULL)
    return;
  self->answered = TRUE;
  self->verdict = check->verdict;
}

gboolean
tupu_practice_session_has_answer (TupuPracticeSession *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), FALSE);

  return self->answered;
}

void
tupu_practice_session_preview (TupuPracticeSession *self, TupuFsrsRating rating, gint64 now_us,
                               TupuFsrsCard *card)
{
  TupuGraph      *graph;
  const TupuNode *node;
  TupuFsrsCard    current;

  g_return_if_fail (TUPU_IS_PRACTICE_SESSION (self));
  g_return_if_fail (card != NULL && self->question != NULL);

  graph = tupu_quiz_get_graph (self->quiz);
  node = tupu_graph_get_node (graph, self->question->node);
  if (!tupu_study_store_get_card (self->store, node->id, &current))
    tupu_fsrs_card_init (&current, to_seconds (now_us));
  tupu_fsrs_review (tupu_study_store_get_params (self->store), &current, to_seconds (now_us),
                    rating, card);
}

gboolean
tupu_practice_session_grade (TupuPracticeSession *self, TupuFsrsRating rating, gint64 now_us,
                             GError **error)
{
  TupuGraph      *graph;
  const TupuNode *node;
  Record          record = { 0 };
  gboolean        saved;
  gint64          spent_ms;

  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), FALSE);
  g_return_val_if_fail (rating >= TUPU_FSRS_AGAIN && rating <= TUPU_FSRS_EASY, FALSE);
  g_return_val_if_fail (self->question != NULL, FALSE);

  graph = tupu_quiz_get_graph (self->quiz);
  node = tupu_graph_get_node (graph, self->question->node);
  spent_ms = CLAMP ((now_us - self->shown_us) / 1000, 0, G_MAXUINT);
  saved = tupu_study_store_review (self->store, node->id, rating, to_seconds (now_us),
                                   (guint)spent_ms, NULL, error);
  record.node_id = g_strdup (node->id);
  record.answered = self->answered;
  record.verdict = self->verdict;
  record.rating = rating;
  g_array_append_val (self->records, record);
  self->position++;
  self->shown_us = self->last_us = now_us;
  load_question (self);
  return saved;
}

void
tupu_practice_session_stop (TupuPracticeSession *self, gint64 now_us)
{
  g_return_if_fail (TUPU_IS_PRACTICE_SESSION (self));

  if (self->stopped)
    return;
  self->stopped = TRUE;
  /* Time spent on a question left unanswered counts too. */
  self->last_us = MAX (self->last_us, now_us);
  load_question (self);
}

gboolean
tupu_practice_session_is_finished (TupuPracticeSession *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), TRUE);

  return self->question == NULL;
}

TupuPracticeSummary *
tupu_practice_session_get_summary (TupuPracticeSession *self)
{
  TupuPracticeSummary *summary;
  guint                answered = 0;

  g_return_val_if_fail (TUPU_IS_PRACTICE_SESSION (self), NULL);

  summary = g_new0 (TupuPracticeSummary, 1);
  summary->elapsed_us = self->last_us - self->start_us;
  summary->n_reviewed = self->records->len;
  for (guint i = 0; i < self->records->len; i++)
    {
      const Record *record = &g_array_index (self->records, Record, i);

      if (!record->answered)
        continue;
      answered++;
      summary->n_right += record->verdict == TUPU_VERDICT_RIGHT;
      summary->n_near += record->verdict == TUPU_VERDICT_NEAR_MISS;
      summary->n_wrong += record->verdict == TUPU_VERDICT_WRONG;
    }
  summary->accuracy = answered ? (double)(summary->n_right + summary->n_near) / answered : 0;
  summary->weakest = dup_weakest (self);
  summary->next_due = tupu_study_store_get_next_due (self->store, to_seconds (self->last_us));
  summary->n_remaining = self->queue->len - MIN (self->position, self->queue->len);
  return summary;
}
