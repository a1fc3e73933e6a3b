/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-fsrs.h: the FSRS spaced-repetition scheduler (FSRS-6), as ts-fsrs 5.x computes it.
 *
 * FSRS, the Free Spaced Repetition Scheduler, by Jarrett Ye et al.: "A Stochastic Shortest Path
 * Algorithm for Optimizing Spaced Repetition Scheduling" (KDD 2022) and "Optimizing Spaced
 * Repetition Schedule by Capturing the Dynamics of Memory" (IEEE TKDE 2023); the formulas of
 * FSRS-6 are on https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm. This is a
 * port of the reference implementation ts-fsrs 5.4.2 (https://github.com/open-spaced-repetition/
 * ts-fsrs, "v5.4.2 using FSRS-6.0") with its defaults: the 21 default weights, request retention
 * 0.9, maximum interval 36500 days, short-term scheduling on, learning steps 1 min and 10 min,
 * relearning step 10 min, and fuzz off (so a schedule is deterministic). tests/data/fsrs/ holds the
 * script that made the reference schedules the test /fsrs/reference replays.
 *
 * Times are Unix seconds (UTC). Like ts-fsrs, elapsed days are whole UTC calendar days between the
 * last review and this one. Plain structs, no GObject: a card is a value. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The self-grade after an answer (ts-fsrs Rating; 0 = Manual is not a grade). */
typedef enum
{
  TUPU_FSRS_AGAIN = 1,
  TUPU_FSRS_HARD = 2,
  TUPU_FSRS_GOOD = 3,
  TUPU_FSRS_EASY = 4,
} TupuFsrsRating;

/* ts-fsrs State, same numbers. */
typedef enum
{
  TUPU_FSRS_STATE_NEW = 0,
  TUPU_FSRS_STATE_LEARNING = 1,
  TUPU_FSRS_STATE_REVIEW = 2,
  TUPU_FSRS_STATE_RELEARNING = 3,
} TupuFsrsState;

#define TUPU_FSRS_N_WEIGHTS 21
#define TUPU_FSRS_MAX_STEPS 8

typedef struct
{
  double   w[TUPU_FSRS_N_WEIGHTS];
  double   request_retention;                   /* (0, 1] */
  guint    maximum_interval;                    /* days */
  gboolean enable_short_term;                   /* same-day reviews change stability */
  guint    learning_steps[TUPU_FSRS_MAX_STEPS]; /* minutes */
  guint    n_learning_steps;
  guint    relearning_steps[TUPU_FSRS_MAX_STEPS]; /* minutes */
  guint    n_relearning_steps;
} TupuFsrsParams;

/* One concept's memory state: ts-fsrs Card. */
typedef struct
{
  TupuFsrsState state;
  double        stability;      /* days until recall probability falls to 90%; 0 when new */
  double        difficulty;     /* 1..10; 0 when new */
  gint64        due;            /* Unix seconds */
  gint64        last_review;    /* Unix seconds; 0 = never reviewed */
  guint         elapsed_days;   /* at the last review, since the one before */
  guint         scheduled_days; /* interval the last review chose; 0 while in (re)learning steps */
  guint         learning_steps; /* index of the current (re)learning step */
  guint         reps;
  guint         lapses;
} TupuFsrsCard;

/* ts-fsrs 5.x's defaults (see above). */
void tupu_fsrs_params_init_default (TupuFsrsParams *params);
/* A new card, due at @now (createEmptyCard). */
void tupu_fsrs_card_init (TupuFsrsCard *card, gint64 now);
/* The card after a review graded @rating at @now (FSRS.next with fuzz off): @out may be @card.
 * @now before the last review counts as the same day (elapsed 0). */
void tupu_fsrs_review (const TupuFsrsParams *params, const TupuFsrsCard *card, gint64 now,
                       TupuFsrsRating rating, TupuFsrsCard *out);
/* Probability of recall at @now (0 for a new card). */
double tupu_fsrs_retrievability (const TupuFsrsParams *params, const TupuFsrsCard *card,
                                 gint64 now);
/* "again", "hard", "good", "easy" and back; FALSE for anything else. */
const char *tupu_fsrs_rating_to_string (TupuFsrsRating rating);
gboolean    tupu_fsrs_rating_from_string (const char *str, TupuFsrsRating *rating);
/* "new", "learning", "review", "relearning" and back. */
const char *tupu_fsrs_state_to_string (TupuFsrsState state);
gboolean    tupu_fsrs_state_from_string (const char *str, TupuFsrsState *state);

G_END_DECLS
