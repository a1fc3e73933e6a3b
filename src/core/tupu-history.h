/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-history.h: where the reader has been, to go back and forward as in a browser.
 *
 * An entry is a place in the graph: the selected concept, the branch shown, which concepts are
 * folded, and the visible area the reader left it with. The history keeps the current entry
 * and the entries before and after it; visiting a new place drops the entries after it.
 *
 * A run of keyboard steps through the concepts (arrows, Page Down) is browsing, not a series
 * of places: a step that only moves the selection replaces the step before it when the reader
 * stayed there less than TUPU_HISTORY_DWELL_USEC. A concept the reader stopped at is kept.
 * GTK-free: the window tells it what happened and when. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a reader stays on a concept reached by a keyboard step for it to count as a place. */
#define TUPU_HISTORY_DWELL_USEC (1500 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  char    *selected_id; /* NULL: nothing selected */
  char    *root_id;     /* the branch shown, NULL for the whole graph */
  GBytes  *folded;      /* tupu-folding.h's fold state, or NULL */
  gboolean has_view;    /* the visible area below is known (set when the reader left) */
  double   zoom;
  double   center_x; /* the layout point at the middle of the view */
  double   center_y;
} TupuHistoryEntry;

TupuHistoryEntry *tupu_history_entry_new (const char *selected_id, const char *root_id,
                                          GBytes *folded);
TupuHistoryEntry *tupu_history_entry_copy (const TupuHistoryEntry *entry);
void              tupu_history_entry_free (TupuHistoryEntry *entry);
/* The same selection, branch and folds (the visible area aside). */
gboolean tupu_history_entry_same_place (const TupuHistoryEntry *a, const TupuHistoryEntry *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuHistoryEntry, tupu_history_entry_free)

typedef enum
{
  TUPU_HISTORY_JUMP, /* a click, a link, a branch, a fold: always a new entry */
  TUPU_HISTORY_STEP, /* a keyboard step through the concepts (see above) */
} TupuHistoryMove;

#define TUPU_TYPE_HISTORY (tupu_history_get_type ())
G_DECLARE_FINAL_TYPE (TupuHistory, tupu_history, TUPU, HISTORY, GObject)

/* Keeps at most @max_back entries before the current one (the oldest are dropped). */
TupuHistory *tupu_history_new (guint max_back);

/* The reader arrived at @entry (taken) by @move at monotonic time @time_usec. Returns FALSE,
 * and keeps everything as it was, when @entry is the place they are at already. */
gboolean tupu_history_visit (TupuHistory *self, TupuHistoryEntry *entry, TupuHistoryMove move,
                             gint64 time_usec);
/* The current entry, or NULL before the first visit. */
const TupuHistoryEntry *tupu_history_get_current (TupuHistory *self);
/* The visible area the reader sees the current entry with, kept for when they come back. */
void tupu_history_set_current_view (TupuHistory *self, double zoom, double center_x,
                                    double center_y);

gboolean tupu_history_can_go_back (TupuHistory *self);
gboolean tupu_history_can_go_forward (TupuHistory *self);
guint    tupu_history_get_n_back (TupuHistory *self);
guint    tupu_history_get_n_forward (TupuHistory *self);
/* Moves one entry back (forward) and returns the new current entry, which the caller shows;
 * NULL when there is none that way. */
const TupuHistoryEntry *tupu_history_go_back (TupuHistory *self);
const TupuHistoryEntry *tupu_history_go_forward (TupuHistory *self);
/* Forgets every entry, the current one too (another graph is shown). */
void tupu_history_clear (TupuHistory *self);

G_END_DECLS
