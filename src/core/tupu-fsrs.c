/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-fsrs.c: see tupu-fsrs.h. A line-by-line port of ts-fsrs 5.4.2's FSRSAlgorithm and
 * BasicScheduler (src/fsrs/algorithm.ts, abstract_scheduler.ts, impl/basic_scheduler.ts,
 * strategies/learning_steps.ts), including its rounding to 8 decimals at the same places, so that
 * schedules agree with it to the second and the stabilities to 1e-8. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tupu-fsrs.h"

#define S_MIN 0.001
#define S_MAX 36500.0
#define SECONDS_DAY 86400
#define MINUTES_DAY 1440

/* FSRS-6's default weights (ts-fsrs default_w, from the FSRS optimizer's defaults). */
static const double default_w[TUPU_FSRS_N_WEIGHTS] = {
  0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
  1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* JavaScript's Math.round: halves go up. */
static double
js_round (double x)
{
  return floor (x + 0.5);
}

/* ts-fsrs roundTo (num, 8). */
static double
round8 (double x)
{
  return js_round (x * 1e8) / 1e8;
}

static double
clamp (double x, double lo, double hi)
{
  return MIN (MAX (x, lo), hi);
}

void
tupu_fsrs_params_init_default (TupuFsrsParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  memcpy (params->w, default_w, sizeof default_w);
  params->request_retention = 0.9;
  params->maximum_interval = 36500;
  params->enable_short_term = TRUE;
  params->learning_steps[0] = 1;
  params->learning_steps[1] = 10;
  params->n_learning_steps = 2;
  params->relearning_steps[0] = 10;
  params->n_relearning_steps = 1;
}

void
tupu_fsrs_card_init (TupuFsrsCard *card, gint64 now)
{
  g_return_if_fail (card != NULL);

  memset (card, 0, sizeof *card);
  card->state = TUPU_FSRS_STATE_NEW;
  card->due = now;
}

/* ------------------------------------------------------------------------------------------ */
/* The memory model (FSRSAlgorithm)                                                           */

/* computeDecayFactor: DECAY = -w20, FACTOR = 0.9^(1/DECAY) - 1, so that R(S, S) = 0.9. */
static void
decay_factor (const TupuFsrsParams *p, double *decay, double *factor)
{
  *decay = -p->w[20];
  *factor = round8 (exp (pow (*decay, -1) * log (0.9)) - 1);
}

/* R(t, S) = (1 + FACTOR * t / S)^DECAY */
static double
forgetting_curve (const TupuFsrsParams *p, double elapsed_days, double stability)
{
  double decay, factor;

  decay_factor (p, &decay, &factor);
  return round8 (pow (1 + factor * elapsed_days / stability, decay));
}

/* I(r, S) / S = (r^(1/DECAY) - 1) / FACTOR */
static double
interval_modifier (const TupuFsrsParams *p)
{
  double decay, factor;

  decay_factor (p, &decay, &factor);
  return round8 ((pow (p->request_retention, 1 / decay) - 1) / factor);
}

/* In whole days, at least 1 (fuzz off). */
static guint
next_interval (const TupuFsrsParams *p, double stability)
{
  double interval = js_round (stability * interval_modifier (p));

  return (guint)MIN (MAX (1.0, interval), (double)p->maximum_interval);
}

static double
init_stability (const TupuFsrsParams *p, int g)
{
  return MAX (p->w[g - 1], 0.1);
}

/* D0(G) = w4 - e^((G-1) w5) + 1, unclamped (mean reversion uses D0(Easy) as it is). */
static double
init_difficulty (const TupuFsrsParams *p, int g)
{
  return round8 (p->w[4] - exp ((g - 1) * p->w[5]) + 1);
}

/* Linear damping, then mean reversion towards D0(Easy) (fsrs4anki issue 697). */
static double
next_difficulty (const TupuFsrsParams *p, double d, int g)
{
  double delta_d = -p->w[6] * (g - 3);
  double next_d = d + round8 (delta_d * (10 - d) / 9);
  double reverted = round8 (p->w[7] * init_difficulty (p, TUPU_FSRS_EASY) + (1 - p->w[7]) * next_d);

  return clamp (reverted, 1, 10);
}

static double
next_recall_stability (const TupuFsrsParams *p, double d, double s, double r, int g)
{
  const double *w = p->w;
  double        hard_penalty = g == TUPU_FSRS_HARD ? w[15] : 1;
  double        easy_bonus = g == TUPU_FSRS_EASY ? w[16] : 1;
  double        grow = exp (w[8]) * (11 - d) * pow (s, -w[9]) * (exp ((1 - r) * w[10]) - 1);

  return round8 (clamp (s * (1 + grow * hard_penalty * easy_bonus), S_MIN, S_MAX));
}

static double
next_forget_stability (const TupuFsrsParams *p, double d, double s, double r)
{
  const double *w = p->w;

  return round8 (clamp (w[11] * pow (d, -w[12]) * (pow (s + 1, w[13]) - 1) * exp ((1 - r) * w[14]),
                        S_MIN, S_MAX));
}

static double
next_short_term_stability (const TupuFsrsParams *p, double s, int g)
{
  const double *w = p->w;
  double        sinc = pow (s, -w[19]) * exp (w[17] * (g - 3 + w[18]));

  if (g >= TUPU_FSRS_HARD)
    sinc = MAX (sinc, 1);
  return round8 (clamp (s * sinc, S_MIN, S_MAX));
}

/* next_state: the memory state after grade @g, @t days after the last review. */
static void
next_memory (const TupuFsrsParams *p, double *d, double *s, double t, int g, double r)
{
  double new_s;

  if (*d == 0 && *s == 0)
    {
      *d = clamp (init_difficulty (p, g), 1, 10);
      *s = init_stability (p, g);
      return;
    }
  if (t == 0 && p->enable_short_term)
    new_s = next_short_term_stability (p, *s, g);
  else if (g == TUPU_FSRS_AGAIN)
    {
      double after_fail = next_forget_stability (p, *d, *s, r);
      double w17 = p->enable_short_term ? p->w[17] : 0;
      double w18 = p->enable_short_term ? p->w[18] : 0;

      /* ts-fsrs clamp (s / e^(w17 w18), S_MIN, after_fail): never above the post-lapse value. */
      new_s = clamp (round8 (*s / exp (w17 * w18)), S_MIN, after_fail);
    }
  else
    new_s = next_recall_stability (p, *d, *s, r, g);
  *d = next_difficulty (p, *d, g);
  *s = new_s;
}

/* ------------------------------------------------------------------------------------------ */
/* The scheduler (BasicScheduler, short-term on)                                              */

/* BasicLearningStepsStrategy: minutes to the next step for @g and the step index after it;
 * FALSE when @g leaves the steps (the card goes to review). */
static gboolean
learning_step (const TupuFsrsParams *p, TupuFsrsState state, guint cur, int g, guint *minutes,
               guint *next)
{
  gboolean     relearning = state == TUPU_FSRS_STATE_RELEARNING || state == TUPU_FSRS_STATE_REVIEW;
  const guint *steps = relearning ? p->relearning_steps : p->learning_steps;
  guint        n = relearning ? p->n_relearning_steps : p->n_learning_steps;

  if (n == 0 || cur >= n)
    return FALSE;
  if (state == TUPU_FSRS_STATE_REVIEW)
    {
      if (g != TUPU_FSRS_AGAIN)
        return FALSE;
      *minutes = steps[cur];
      *next = 0;
    }
  else if (g == TUPU_FSRS_AGAIN)
    *minutes = steps[0], *next = 0;
  else if (g == TUPU_FSRS_HARD)
    {
      *minutes =
          n == 1 ? (guint)js_round (steps[0] * 1.5) : (guint)js_round ((steps[0] + steps[1]) / 2.0);
      *next = cur;
    }
  else if (g == TUPU_FSRS_GOOD && cur + 1 < n)
    *minutes = steps[cur + 1], *next = cur + 1;
  else
    return FALSE;
  /* A zero step means none (ts-fsrs keeps only a positive one). */
  return *minutes > 0;
}

/* applyLearningSteps: the card's next due time and state from the steps, or from its stability
 * once it leaves them. */
static void
apply_learning_steps (const TupuFsrsParams *p, const TupuFsrsCard *current, gint64 now, int g,
                      TupuFsrsState to_state, TupuFsrsCard *next)
{
  guint minutes = 0, next_step = 0;

  if (!learning_step (p, current->state, current->learning_steps, g, &minutes, &next_step))
    minutes = 0, next_step = 0;
  if (minutes > 0 && minutes < MINUTES_DAY)
    {
      next->learning_steps = next_step;
      next->scheduled_days = 0;
      next->state = to_state;
      next->due = now + (gint64)minutes * 60;
    }
  else if (minutes >= MINUTES_DAY)
    {
      next->state = TUPU_FSRS_STATE_REVIEW;
      next->learning_steps = next_step;
      next->due = now + (gint64)minutes * 60;
      next->scheduled_days = minutes / MINUTES_DAY;
    }
  else
    {
      guint interval = next_interval (p, next->stability);

      next->state = TUPU_FSRS_STATE_REVIEW;
      next->learning_steps = 0;
      next->scheduled_days = interval;
      next->due = now + (gint64)interval * SECONDS_DAY;
    }
}

/* dateDiffInDays: whole UTC calendar days from @last to @now. */
static gint64
utc_days_between (gint64 last, gint64 now)
{
  gint64 a = last >= 0 ? last / SECONDS_DAY : -((-last + SECONDS_DAY - 1) / SECONDS_DAY);
  gint64 b = now >= 0 ? now / SECONDS_DAY : -((-now + SECONDS_DAY - 1) / SECONDS_DAY);

  return b - a;
}

/* reviewState's intervals for a recalled card: Hard ≤ Good < Easy, each at least a day apart. */
static guint
review_interval (const TupuFsrsParams *p, const TupuFsrsCard *current, double t, double r, int g)
{
  guint ivl[5];

  for (int grade = TUPU_FSRS_HARD; grade <= TUPU_FSRS_EASY; grade++)
    {
      double d = current->difficulty, s = current->stability;

      next_memory (p, &d, &s, t, grade, r);
      ivl[grade] = next_interval (p, s);
    }
  ivl[TUPU_FSRS_HARD] = MIN (ivl[TUPU_FSRS_HARD], ivl[TUPU_FSRS_GOOD]);
  ivl[TUPU_FSRS_GOOD] = MAX (ivl[TUPU_FSRS_GOOD], ivl[TUPU_FSRS_HARD] + 1);
  ivl[TUPU_FSRS_EASY] = MAX (ivl[TUPU_FSRS_EASY], ivl[TUPU_FSRS_GOOD] + 1);
  return ivl[g];
}

void
tupu_fsrs_review (const TupuFsrsParams *params, const TupuFsrsCard *card, gint64 now,
                  TupuFsrsRating rating, TupuFsrsCard *out)
{
  TupuFsrsCard current, next;
  gint64       t = 0;
  int          g = (int)rating;

  g_return_if_fail (params != NULL && card != NULL && out != NULL);
  g_return_if_fail (g >= TUPU_FSRS_AGAIN && g <= TUPU_FSRS_EASY);

  /* AbstractScheduler.init */
  current = *card;
  if (card->state != TUPU_FSRS_STATE_NEW && card->last_review != 0)
    t = MAX (utc_days_between (card->last_review, now), 0);
  current.last_review = now;
  current.elapsed_days = (guint)t;
  current.reps++;

  next = current;
  if (card->state == TUPU_FSRS_STATE_REVIEW)
    {
      double r = forgetting_curve (params, (double)t, current.stability);

      next_memory (params, &next.difficulty, &next.stability, (double)t, g, r);
      if (g == TUPU_FSRS_AGAIN)
        {
          apply_learning_steps (params, &current, now, g, TUPU_FSRS_STATE_RELEARNING, &next);
          next.lapses++;
        }
      else
        {
          guint interval = review_interval (params, &current, (double)t, r, g);

          next.scheduled_days = interval;
          next.due = now + (gint64)interval * SECONDS_DAY;
          next.state = TUPU_FSRS_STATE_REVIEW;
          next.learning_steps = 0;
        }
    }
  else
    {
      /* New, learning, relearning: R from the curve (unused for a new card). */
      double r =
          current.stability > 0 ? forgetting_curve (params, (double)t, current.stability) : 0;
      TupuFsrsState to_state =
          card->state == TUPU_FSRS_STATE_NEW ? TUPU_FSRS_STATE_LEARNING : card->state;

      next_memory (params, &next.difficulty, &next.stability, (double)t, g, r);
      apply_learning_steps (params, &current, now, g, to_state, &next);
    }
  *out = next;
}

double
tupu_fsrs_retrievability (const TupuFsrsParams *params, const TupuFsrsCard *card, gint64 now)
{
  gint64 t;

  g_return_val_if_fail (params != NULL && card != NULL, 0);

  if (card->state == TUPU_FSRS_STATE_NEW || card->stability <= 0)
    return 0;
  /* get_retrievability: whole elapsed days (date_diff floors), never negative. */
  t = MAX ((now - card->last_review) / SECONDS_DAY, 0);
  return forgetting_curve (params, (double)t, round8 (card->stability));
}

/* ------------------------------------------------------------------------------------------ */
/* Names                                                                                      */

static const char *const rating_names[] = { NULL, "again", "hard", "good", "easy" };
static const char *const state_names[] = { "new", "learning", "review", "relearning" };

const char *
tupu_fsrs_rating_to_string (TupuFsrsRating rating)
{
  g_return_val_if_fail (rating >= TUPU_FSRS_AGAIN && rating <= TUPU_FSRS_EASY, NULL);

  return rating_names[rating];
}

gboolean
tupu_fsrs_rating_from_string (const char *str, TupuFsrsRating *rating)
{
  for (int i = TUPU_FSRS_AGAIN; str != NULL && i <= TUPU_FSRS_EASY; i++)
    if (g_strcmp0 (str, rating_names[i]) == 0)
      {
        *rating = (TupuFsrsRating)i;
        return TRUE;
      }
  return FALSE;
}

const char *
tupu_fsrs_state_to_string (TupuFsrsState state)
{
  g_return_val_if_fail (state <= TUPU_FSRS_STATE_RELEARNING, NULL);

  return state_names[state];
}

gboolean
tupu_fsrs_state_from_string (const char *str, TupuFsrsState *state)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (str, state_names[i]) == 0)
      {
        *state = (TupuFsrsState)i;
        return TRUE;
      }
  return FALSE;
}
