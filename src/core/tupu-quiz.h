/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-quiz.h: practice questions generated from a graph's structure, and checking answers.
 *
 * No question is written per concept: a TupuQuiz derives them from the part-of tree (a concept's
 * members and their speech order, its parent), the kinds (distractors are relatives of the same
 * kind), the labels (Chinese and English) and the speech's passages. Each question is about one
 * concept, the card a scheduler keeps; the same seed gives the same question.
 *
 * Typed answers are compared after normalising width (NFKC: full-width letters, digits and
 * punctuation become their plain forms), case and white space; an answer one missing or extra
 * character away from an expected wording, differing only in punctuation, or with two neighbouring
 * characters swapped is a near miss, reported with the wording expected. Members may be named in
 * any order, each counted once.
 */
#pragma once

#include "tupu-graph.h"

G_BEGIN_DECLS

typedef enum
{
  TUPU_QUESTION_MEMBERS, /* "Name the members of 五大行动": typed, any order */
  TUPU_QUESTION_PARENT,  /* "Which list does 善战人社 belong to?": choice */
  TUPU_QUESTION_PASSAGE, /* "Which concept does this passage state?": choice */
  TUPU_QUESTION_ENGLISH, /* "What is the English of 五大行动?": choice among glosses */
  TUPU_QUESTION_CHINESE, /* "What is the Chinese of the Five Actions?": typed */
  TUPU_QUESTION_ORDER,   /* "Put these in the speech's order": ordering */
  TUPU_N_QUESTION_KINDS
} TupuQuestionKind;

typedef enum
{
  TUPU_ANSWER_TYPED,
  TUPU_ANSWER_CHOICE,
  TUPU_ANSWER_ORDER,
} TupuAnswerMode;

typedef struct
{
  TupuQuestionKind kind;
  TupuAnswerMode   mode;
  guint            node;    /* the concept asked about: the card this question schedules */
  char            *prompt;  /* translated, e.g. "Name the members of 五大行动" */
  char            *passage; /* TUPU_QUESTION_PASSAGE: the passage, its concept's name blanked */
  /* TUPU_ANSWER_TYPED: the expected wordings (any order). TUPU_ANSWER_CHOICE: the options as
   * shown. TUPU_ANSWER_ORDER: the items as shown (shuffled). */
  GPtrArray *items;
  GArray    *item_nodes; /* guint per item: the concept it names */
  guint      correct;    /* TUPU_ANSWER_CHOICE: the right option's index */
  /* TUPU_ANSWER_ORDER: for each place in the speech's order, the index of its item in items. */
  GArray *order;
} TupuQuestion;

void          tupu_question_free (TupuQuestion *question);
TupuQuestion *tupu_question_copy (const TupuQuestion *question);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuQuestion, tupu_question_free)

/* How one item of an answer fared. */
typedef enum
{
  TUPU_VERDICT_RIGHT,     /* exactly an expected wording */
  TUPU_VERDICT_NEAR_MISS, /* close to one (see TupuNearMiss) */
  TUPU_VERDICT_WRONG,     /* matches nothing expected */
  TUPU_VERDICT_DUPLICATE, /* an expected wording already answered */
  TUPU_VERDICT_MISSED,    /* an expected wording nobody gave */
} TupuVerdict;

typedef enum
{
  TUPU_NEAR_NONE,
  TUPU_NEAR_MISSING_CHAR,
  TUPU_NEAR_EXTRA_CHAR,
  TUPU_NEAR_PUNCTUATION,
  TUPU_NEAR_SWAPPED,
} TupuNearMiss;

typedef struct
{
  TupuVerdict  verdict;
  TupuNearMiss near;
  char        *given;    /* what was answered; NULL for TUPU_VERDICT_MISSED */
  int          expected; /* index of the expected item matched (or missed), -1 for none */
} TupuAnswerItem;

typedef struct
{
  TupuVerdict verdict; /* the whole answer: RIGHT, NEAR_MISS or WRONG */
  GPtrArray  *items;   /* of TupuAnswerItem*: the answer's items in order, then those missed */
  guint       n_expected;
  guint       n_right;
  guint       n_near;
  guint       n_wrong;
  guint       n_duplicate;
  guint       n_missed;
} TupuAnswerCheck;

void tupu_answer_check_free (TupuAnswerCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuAnswerCheck, tupu_answer_check_free)

/* Compare one answer with one expected wording. */
TupuVerdict tupu_quiz_compare (const char *given, const char *expected, TupuNearMiss *near);
/* Checks @given (@n_given answers, any order) against @expected (@n_expected wordings): each
 * expected wording is matched at most once, exact matches before near misses. */
TupuAnswerCheck *tupu_quiz_check_items (const char *const *given, guint n_given,
                                        const char *const *expected, guint n_expected);
/* Splits a typed answer into items at line breaks, commas, semicolons, slashes, enumeration
 * commas (、) and spaces between Chinese characters; pieces joined by a separator are kept as one
 * when together they make (or nearly make) one of @expected, which may hold separators itself.
 * A NULL-terminated array. */
char **tupu_quiz_split_answer (const char *text, const char *const *expected, guint n_expected);

/* Checks a typed answer (split with tupu_quiz_split_answer()). */
TupuAnswerCheck *tupu_question_check_typed (const TupuQuestion *question, const char *text);
/* Checks the choice of option @choice. */
TupuAnswerCheck *tupu_question_check_choice (const TupuQuestion *question, guint choice);
/* Checks an ordering: @order holds @n item indices, first to last as the student put them. */
TupuAnswerCheck *tupu_question_check_order (const TupuQuestion *question, const guint *order,
                                            guint n);
/* The right answer as one line of text, for "expected: …". */
char *tupu_question_dup_expected (const TupuQuestion *question);

#define TUPU_TYPE_QUIZ (tupu_quiz_get_type ())
G_DECLARE_FINAL_TYPE (TupuQuiz, tupu_quiz, TUPU, QUIZ, GObject)

TupuQuiz  *tupu_quiz_new (TupuGraph *graph);
TupuGraph *tupu_quiz_get_graph (TupuQuiz *self);
/* Whether concept @node can be asked a question of @kind (it has members, a parent with
 * relatives of its kind, a passage, an English label…). */
gboolean tupu_quiz_can_ask (TupuQuiz *self, guint node, TupuQuestionKind kind);
/* Whether @node can be asked any question (cheaper than asking). */
gboolean tupu_quiz_can_ask_any (TupuQuiz *self, guint node);
/* A question of @kind about @node, the same for the same @seed; NULL when it cannot be asked. */
TupuQuestion *tupu_quiz_ask (TupuQuiz *self, guint node, TupuQuestionKind kind, guint32 seed);
/* A question about @node of a kind chosen by @seed among those it can be asked (members first
 * for concepts with members); NULL when none can. */
TupuQuestion *tupu_quiz_pick (TupuQuiz *self, guint node, guint32 seed);

G_END_DECLS
