/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-history.c: see tupu-history.h. */
#include "config.h"

#include "tupu-history.h"

struct _TupuHistory
{
  GObject parent_instance;

  guint             max_back;
  GPtrArray        *back;    /* of TupuHistoryEntry*, the most recent last */
  GPtrArray        *forward; /* of TupuHistoryEntry*, the next one last */
  TupuHistoryEntry *current;
  gboolean          current_is_step; /* reached by a keyboard step, not stopped at yet */
  gint64            current_time;
};

G_DEFINE_FINAL_TYPE (TupuHistory, tupu_history, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------ */
/* Entries                                                                                    */

TupuHistoryEntry *
tupu_history_entry_new (const char *selected_id, const char *root_id, GBytes *folded)
{
  TupuHistoryEntry *entry = g_new0 (TupuHistoryEntry, 1);

  entry->selected_id = g_strdup (selected_id);
  entry->root_id = g_strdup (root_id);
  entry->folded = folded != NULL ? g_bytes_ref (folded) : NULL;
  return entry;
}

TupuHistoryEntry *
tupu_history_entry_copy (const TupuHistoryEntry *entry)
{
  TupuHistoryEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = tupu_history_entry_new (entry->selected_id, entry->root_id, entry->folded);
  copy->has_view = entry->has_view;
  copy->zoom = entry->zoom;
  copy->center_x = entry->center_x;
  copy->center_y = entry->center_y;
  return copy;
}

void
tupu_history_entry_free (TupuHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->selected_id);
  g_free (entry->root_id);
  g_clear_pointer (&entry->folded, g_bytes_unref);
  g_free (entry);
}

static gboolean
same_folds (GBytes *a, GBytes *b)
{
  return a == b || (a != NULL && b != NULL && g_bytes_equal (a, b));
}

gboolean
tupu_history_entry_same_place (const TupuHistoryEntry *a, const TupuHistoryEntry *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->selected_id, b->selected_id) == 0 &&
         g_strcmp0 (a->root_id, b->root_id) == 0 && same_folds (a->folded, b->folded);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

/* A keyboard step that only moved the selection on from a step the reader did not stop at. */
static gboolean
merges_with_current (TupuHistory *self, const TupuHistoryEntry *entry, TupuHistoryMove move,
                     gint64 time_usec)
{
  g_assert (TUPU_IS_HISTORY (self));

  return move == TUPU_HISTORY_STEP && self->current_is_step &&
         time_usec - self->current_time < TUPU_HISTORY_DWELL_USEC &&
         g_strcmp0 (entry->root_id, self->current->root_id) == 0 &&
         same_folds (entry->folded, self->current->folded);
}

static void
push_back (TupuHistory *self, TupuHistoryEntry *entry)
{
  g_assert (TUPU_IS_HISTORY (self));

  g_ptr_array_add (self->back, entry);
  if (self->back->len > self->max_back)
    g_ptr_array_remove_range (self->back, 0, self->back->len - self->max_back);
}

/* Makes the last entry of @from current, the current one going to the end of @to. */
static const TupuHistoryEntry *
move_current (TupuHistory *self, GPtrArray *from, GPtrArray *to)
{
  g_assert (TUPU_IS_HISTORY (self));

  if (from->len == 0 || self->current == NULL)
    return NULL;

  if (to == self->back)
    push_back (self, self->current);
  else
    g_ptr_array_add (to, self->current);
  self->current = g_ptr_array_steal_index (from, from->len - 1);
  /* Come back to on purpose: a place, whatever brought the reader there the first time. */
  self->current_is_step = FALSE;
  return self->current;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */

static void
tupu_history_finalize (GObject *object)
{
  TupuHistory *self = TUPU_HISTORY (object);

  g_clear_pointer (&self->back, g_ptr_array_unref);
  g_clear_pointer (&self->forward, g_ptr_array_unref);
  g_clear_pointer (&self->current, tupu_history_entry_free);

  G_OBJECT_CLASS (tupu_history_parent_class)->finalize (object);
}

static void
tupu_history_class_init (TupuHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tupu_history_finalize;
}

static void
tupu_history_init (TupuHistory *self)
{
  self->back = g_ptr_array_new_with_free_func ((GDestroyNotify)tupu_history_entry_free);
  self->forward = g_ptr_array_new_with_free_func ((GDestroyNotify)tupu_history_entry_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

TupuHistory *
tupu_history_new (guint max_back)
{
  TupuHistory *self;

  g_return_val_if_fail (max_back > 0, NULL);

  self = g_object_new (TUPU_TYPE_HISTORY, NULL);
  self->max_back = max_back;
  return self;
}

gboolean
tupu_history_visit (TupuHistory *self, TupuHistoryEntry *entry, TupuHistoryMove move,
                    gint64 time_usec)
{
  g_autoptr (TupuHistoryEntry) owned = entry;

  g_return_val_if_fail (TUPU_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (self->current != NULL && tupu_history_entry_same_place (self->current, entry))
    return FALSE;

  if (self->current != NULL && merges_with_current (self, entry, move, time_usec))
    tupu_history_entry_free (self->current);
  else if (self->current != NULL)
    push_back (self, self->current);
  self->current = g_steal_pointer (&owned);
  self->current_is_step = move == TUPU_HISTORY_STEP;
  self->current_time = time_usec;
  /* A new place: what lay ahead of the old one is not ahead of this one. */
  g_ptr_array_set_size (self->forward, 0);
  return TRUE;
}

const TupuHistoryEntry *
tupu_history_get_current (TupuHistory *self)
{
  g_return_val_if_fail (TUPU_IS_HISTORY (self), NULL);

  return self->current;
}

void
tupu_history_set_current_view (TupuHistory *self, double zoom, double center_x, double center_y)
{
  g_return_if_fail (TUPU_IS_HISTORY (self));
  g_return_if_fail (zoom > 0);

  if (self->current == NULL)
    return;

  self->current->has_view = TRUE;
  self->current->zoom = zoom;
  self->current->center_x = center_x;
  self->current->center_y = center_y;
}

gboolean
tupu_history_can_go_back (TupuHistory *self)
{
  g_return_val_if_fail (TUPU_IS_HISTORY (self), FALSE);

  return self->back->len > 0;
}

gboolean
tupu_history_can_go_forward (TupuHistory *self)
{
  g_return_val_if_fail (TUPU_IS_HISTORY (self), FALSE);

  return self->forward->len > 0;
}

guint
tupu_history_get_n_back (TupuHistory *self)
{
  g_return_val_if_fail (TUPU_IS_HISTORY (self), 0);

  return self->back->len;
}

guint
tupu_history_get_n_forward (TupuHistory *self)
{
  g_return_val_if_fail (TUPU_IS_HISTORY (self), 0);

  return self->forward->len;
}

const TupuHistoryEntry *
tupu_history_go_back (TupuHistory *self)
{
  g_return_val_if_fail (TUPU_IS_HISTORY (self), NULL);

  return move_current (self, self->back, self->forward);
}

const TupuHistoryEntry *
tupu_history_go_forward (TupuHistory *self)
{
  g_return_val_if_fail (TUPU_IS_HISTORY (self), NULL);

  return move_current (self, self->forward, self->back);
}

void
tupu_history_clear (TupuHistory *self)
{
  g_return_if_fail (TUPU_IS_HISTORY (self));

  g_ptr_array_set_size (self->back, 0);
  g_ptr_array_set_size (self->forward, 0);
  g_clear_pointer (&self->current, tupu_history_entry_free);
  self->current_is_step = FALSE;
}
