/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-practice-panel.c: see tupu-practice-panel.h. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tupu-gui-style.h"
#include "tupu-practice-panel.h"

#define N_GRADES 4

struct _TupuPracticePanel
{
  GtkWidget parent_instance;

  /* Template children */
  GtkLabel     *progress_label;
  GtkWidget    *stop_button;
  GtkStack     *stack;
  GtkLabel     *prompt_label;
  GtkLabel     *passage_label;
  GtkWidget    *typed_box;
  GtkEntry     *answer_entry;
  GtkLabel     *hint_label;
  GtkWidget    *choice_box;
  GtkListBox   *order_list;
  GtkWidget    *check_button;
  GtkWidget    *result_box;
  GtkLabel     *verdict_label;
  GtkWidget    *items_box;
  GtkLabel     *expected_label;
  GtkWidget    *grade_box;
  GtkWidget    *again_button;
  GtkWidget    *hard_button;
  GtkWidget    *good_button;
  GtkWidget    *easy_button;
  GtkLabel     *again_interval;
  GtkLabel     *hard_interval;
  GtkLabel     *good_interval;
  GtkLabel     *easy_interval;
  GtkLabel     *summary_title;
  GtkWidget    *close_button;
  AdwActionRow *time_row;
  AdwActionRow *reviewed_row;
  AdwActionRow *accuracy_row;
  AdwActionRow *weakest_row;
  AdwActionRow *next_due_row;

  TupuPracticeSession *session;
  guint                new_per_day;
  TupuAnswerCheck     *check; /* the current answer's, NULL before checking */
  GArray              *order; /* TUPU_ANSWER_ORDER: item indices as the student put them */
  GPtrArray           *choice_buttons;
};

enum
{
  CONCEPT_ASKED,
  CONCEPT_ANSWERED,
  SAVE_FAILED,
  SESSION_ENDED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TupuPracticePanel, tupu_practice_panel, GTK_TYPE_WIDGET)

static void show_question (TupuPracticePanel *self);

/* Helpers */

static TupuGraph *
session_graph (TupuPracticePanel *self)
{
  return tupu_practice_session_get_graph (self->session);
}

static const TupuNode *
question_node (TupuPracticePanel *self, const TupuQuestion *question)
{
  return tupu_graph_get_node (session_graph (self), question->node);
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* A span of time, shortly: "10 min", "3 d". */
static char *
format_span (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds < 60 * 60)
    return g_strdup_printf (_ ("%u min"), (guint)MAX (1, (seconds + 30) / 60));
  if (seconds < 24 * 60 * 60)
    return g_strdup_printf (_ ("%u h"), (guint)((seconds + 1800) / 3600));
  if (seconds < 31 * 24 * 60 * 60)
    return g_strdup_printf (_ ("%u d"), (guint)((seconds + 43200) / 86400));
  if (seconds < 365 * 24 * 60 * 60)
    return g_strdup_printf (_ ("%u mo"), (guint)(seconds / (30 * 86400)));
  return g_strdup_printf (_ ("%u y"), (guint)(seconds / (365 * 86400)));
}

static const char *
kind_hint (const TupuQuestion *question)
{
  if (question->kind == TUPU_QUESTION_MEMBERS)
    return _ ("Name every member, in any order, separated by 、 or ，; then press Enter.");
  if (question->mode == TUPU_ANSWER_TYPED)
    return _ ("Type the Chinese, then press Enter.");
  return NULL;
}

/* The question's parts */

/* A choice button; they are kept from question to question (only their texts change), so that
 * the one under a pointer that has not moved since the last click still takes the next one. */
static GtkWidget *
choice_button (TupuPracticePanel *self, guint i)
{
  GtkWidget *button;
  GtkWidget *label;

  if (i < self->choice_buttons->len)
    return g_ptr_array_index (self->choice_buttons, i);
  button = gtk_button_new_with_label ("");
  label = gtk_button_get_child (GTK_BUTTON (button));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  _tupu_gui_set_zh_language (GTK_LABEL (label));
  gtk_widget_add_css_class (button, "zh");
  gtk_widget_add_css_class (button, "tupu-choice");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "practice.choose");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (int)i);
  gtk_box_append (GTK_BOX (self->choice_box), button);
  g_ptr_array_add (self->choice_buttons, button);
  return button;
}

static void
fill_choices (TupuPracticePanel *self, const TupuQuestion *question)
{
  for (guint i = 0; i < MAX (question->items->len, self->choice_buttons->len); i++)
    {
      GtkWidget       *button = choice_button (self, i);
      g_autofree char *text = NULL;

      gtk_widget_set_visible (button, i < question->items->len);
      if (i >= question->items->len)
        continue;
      text = g_strdup_printf ("%u  %s", i + 1, (char *)g_ptr_array_index (question->items, i));
      gtk_button_set_label (GTK_BUTTON (button), text);
      gtk_widget_remove_css_class (button, "success");
      gtk_widget_remove_css_class (button, "error");
      gtk_widget_set_sensitive (button, TRUE);
    }
}

static void move_item (TupuPracticePanel *self, guint place, int delta);

static void
move_clicked_cb (GtkButton *button, TupuPracticePanel *self)
{
  move_item (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "place")),
             GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta")));
}

static GtkWidget *
move_button (TupuPracticePanel *self, const char *icon, guint place, int delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button,
                               delta < 0 ? _ ("Move Up (Ctrl+Up)") : _ ("Move Down (Ctrl+Down)"));
  g_object_set_data (G_OBJECT (button), "place", GUINT_TO_POINTER (place));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  return button;
}

/* One row per place of the order list, made once per question: a move only changes their
 * texts, so that a button clicked twice without moving the pointer takes both clicks. */
static void
build_order_rows (TupuPracticePanel *self, guint n)
{
  remove_children (GTK_WIDGET (self->order_list));
  for (guint place = 0; place < n; place++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *up = move_button (self, "go-up-symbolic", place, -1);
      GtkWidget *down = move_button (self, "go-down-symbolic", place, 1);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      _tupu_gui_set_zh_language (GTK_LABEL (label));
      gtk_widget_add_css_class (label, "zh");
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), up);
      gtk_box_append (GTK_BOX (box), down);
      gtk_widget_set_sensitive (up, place > 0);
      gtk_widget_set_sensitive (down, place + 1 < n);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "place", GUINT_TO_POINTER (place));
      g_object_set_data (G_OBJECT (row), "label", label);
      g_object_set_data (G_OBJECT (row), "up", up);
      g_object_set_data (G_OBJECT (row), "down", down);
      gtk_list_box_append (self->order_list, row);
    }
}

static void
set_accessible_label (gpointer widget, const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The order list's texts as the student has put it; row @focus (if any) takes the keyboard. */
static void
fill_order (TupuPracticePanel *self, const TupuQuestion *question, int focus)
{
  guint place = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->order_list));
       row != NULL && place < self->order->len; row = gtk_widget_get_next_sibling (row), place++)
    {
      const char *item =
          g_ptr_array_index (question->items, g_array_index (self->order, guint, place));
      g_autofree char *text = g_strdup_printf ("%u  %s", place + 1, item);
      g_autofree char *up = g_strdup_printf (_ ("Move “%s” Up"), item);
      g_autofree char *down = g_strdup_printf (_ ("Move “%s” Down"), item);

      gtk_label_set_text (g_object_get_data (G_OBJECT (row), "label"), text);
      set_accessible_label (row, text);
      set_accessible_label (g_object_get_data (G_OBJECT (row), "up"), up);
      set_accessible_label (g_object_get_data (G_OBJECT (row), "down"), down);
      if ((int)place == focus)
        gtk_widget_grab_focus (row);
    }
}

static void
move_item (TupuPracticePanel *self, guint place, int delta)
{
  const TupuQuestion *question = tupu_practice_session_get_question (self->session);
  guint               other = place + delta;
  guint               t;

  if (question == NULL || question->mode != TUPU_ANSWER_ORDER || self->check != NULL ||
      (delta < 0 && place == 0) || other >= self->order->len)
    return;
  t = g_array_index (self->order, guint, place);
  g_array_index (self->order, guint, place) = g_array_index (self->order, guint, other);
  g_array_index (self->order, guint, other) = t;
  fill_order (self, question, (int)other);
}

static void
update_progress (TupuPracticePanel *self)
{
  guint            n = tupu_practice_session_get_n_cards (self->session);
  guint            position = tupu_practice_session_get_position (self->session);
  g_autofree char *text = NULL;

  if (tupu_practice_session_is_finished (self->session))
    text = g_strdup_printf (_ ("%u of %u cards"), position, n);
  else
    text = g_strdup_printf (_ ("Card %u of %u"), position + 1, n);
  gtk_label_set_text (self->progress_label, text);
}

/* Checking and showing the result */

static const char *
near_miss_reason (TupuNearMiss near)
{
  switch (near)
    {
    case TUPU_NEAR_MISSING_CHAR:
      return _ ("a character missing");
    case TUPU_NEAR_EXTRA_CHAR:
      return _ ("a character too many");
    case TUPU_NEAR_PUNCTUATION:
      return _ ("other punctuation");
    case TUPU_NEAR_SWAPPED:
      return _ ("two characters swapped");
    case TUPU_NEAR_NONE:
    default:
      return "";
    }
}

/* One line of the result: what was given and how it fared. */
static char *
format_item (const TupuQuestion *question, const TupuAnswerItem *item, guint place)
{
  const char *expected =
      item->expected >= 0 ? g_ptr_array_index (question->items, (guint)item->expected) : NULL;

  if (question->mode == TUPU_ANSWER_ORDER)
    return item->verdict == TUPU_VERDICT_RIGHT
               ? g_strdup_printf (_ ("%u. ✓ %s"), place + 1, item->given)
               : g_strdup_printf (_ ("%u. ✗ %s (here: %s)"), place + 1, item->given, expected);
  switch (item->verdict)
    {
    case TUPU_VERDICT_RIGHT:
      return g_strdup_printf (_ ("✓ %s"), item->given);
    case TUPU_VERDICT_NEAR_MISS:
      return g_strdup_printf (_ ("≈ %s: nearly %s (%s)"), item->given, expected,
                              near_miss_reason (item->near));
    case TUPU_VERDICT_DUPLICATE:
      return g_strdup_printf (_ ("↻ %s: already named"), item->given);
    case TUPU_VERDICT_MISSED:
      return g_strdup_printf (_ ("○ %s: not named"), expected);
    case TUPU_VERDICT_WRONG:
    default:
      return g_strdup_printf (_ ("✗ %s"), item->given);
    }
}

static const char *
verdict_class (TupuVerdict verdict)
{
  switch (verdict)
    {
    case TUPU_VERDICT_RIGHT:
      return "success";
    case TUPU_VERDICT_NEAR_MISS:
    case TUPU_VERDICT_DUPLICATE:
      return "warning";
    case TUPU_VERDICT_WRONG:
    case TUPU_VERDICT_MISSED:
    default:
      return "error";
    }
}

static void
set_verdict (TupuPracticePanel *self, TupuVerdict verdict)
{
  const char *text = verdict == TUPU_VERDICT_RIGHT       ? _ ("Right")
                     : verdict == TUPU_VERDICT_NEAR_MISS ? _ ("Near Miss")
                                                         : _ ("Wrong");

  gtk_label_set_text (self->verdict_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), verdict_class (verdict));
}

static void
show_items (TupuPracticePanel *self, const TupuQuestion *question)
{
  remove_children (self->items_box);
  /* A choice says it all in its verdict and the expected line. */
  if (question->mode == TUPU_ANSWER_CHOICE)
    return;
  /* So does one typed wording, unless it was nearly right: then how. */
  if (question->kind != TUPU_QUESTION_MEMBERS && question->mode == TUPU_ANSWER_TYPED &&
      self->check->verdict != TUPU_VERDICT_NEAR_MISS)
    return;
  for (guint i = 0; i < self->check->items->len; i++)
    {
      const TupuAnswerItem *item = g_ptr_array_index (self->check->items, i);
      g_autofree char      *text = NULL;
      GtkWidget            *label;

      if (question->kind != TUPU_QUESTION_MEMBERS && item->verdict == TUPU_VERDICT_MISSED)
        continue;
      text = format_item (question, item, i);
      label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      _tupu_gui_set_zh_language (GTK_LABEL (label));
      gtk_widget_add_css_class (label, "zh");
      gtk_widget_add_css_class (label, verdict_class (item->verdict));
      gtk_box_append (GTK_BOX (self->items_box), label);
    }
}

static void
mark_choices (TupuPracticePanel *self, const TupuQuestion *question, int chosen)
{
  for (guint i = 0; i < self->choice_buttons->len; i++)
    {
      GtkWidget       *button = g_ptr_array_index (self->choice_buttons, i);
      g_autofree char *text = NULL;
      const char      *item;

      /* Buttons are kept from a question with more choices: those beyond this one's are hidden. */
      if (i >= question->items->len)
        break;
      item = g_ptr_array_index (question->items, i);

      /* A sign as well as a colour, so that colour is not the only cue. */
      if (i == question->correct)
        {
          gtk_widget_add_css_class (button, "success");
          /* Translators: a choice once answered: the right one, "✓ 4  the Six Musts" */
          text = g_strdup_printf (_ ("✓ %u  %s (right)"), i + 1, item);
        }
      else if ((int)i == chosen)
        {
          gtk_widget_add_css_class (button, "error");
          /* Translators: a choice once answered: the student's wrong pick */
          text = g_strdup_printf (_ ("✗ %u  %s (your answer)"), i + 1, item);
        }
      if (text != NULL)
        gtk_button_set_label (GTK_BUTTON (button), text);
      gtk_widget_set_sensitive (button, FALSE);
    }
}

/* A grade button reads as its grade and when the card would come back: "Good: 10 min"; its
 * description says how the answer fared, as the focus comes to it with the result (the verdict
 * and the expected answer are only labels beside it), then what the grade means. GTK 4.8 would
 * add the names of the labels that point at the button (the mnemonic "_Good" in it) to its
 * label: those relations go. */
static void
set_grade_name (TupuPracticePanel *self, GtkWidget *button, const char *grade, const char *span)
{
  /* TRANSLATORS: a grade and when the card would come back, "Good: 10 min". */
  g_autofree char *name = g_strdup_printf (_ ("%s: %s"), grade, span);
  /* TRANSLATORS: a grade button's description: the verdict ("Wrong"), the expected answer
   * ("Expected: 主题教育") and what the grade means. */
  g_autofree char *description = g_strdup_printf (
      _ ("%s. %s. %s"), gtk_label_get_text (self->verdict_label),
      gtk_label_get_text (self->expected_label), gtk_widget_get_tooltip_text (button));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
show_intervals (TupuPracticePanel *self)
{
  GtkLabel   *labels[N_GRADES] = { self->again_interval, self->hard_interval, self->good_interval,
                                   self->easy_interval };
  GtkWidget  *buttons[N_GRADES] = { self->again_button, self->hard_button, self->good_button,
                                    self->easy_button };
  const char *names[N_GRADES] = { _ ("Again"), _ ("Hard"), _ ("Good"), _ ("Easy") };
  gint64      now = g_get_real_time ();

  for (guint i = 0; i < N_GRADES; i++)
    {
      TupuFsrsCard     card;
      g_autofree char *span = NULL;

      tupu_practice_session_preview (self->session, TUPU_FSRS_AGAIN + i, now, &card);
      span = format_span (card.due - now / G_USEC_PER_SEC);
      gtk_label_set_text (labels[i], span);
      set_grade_name (self, buttons[i], names[i], span);
    }
}

/* The grade a student would most likely give: offered as the default (Enter). */
static GtkWidget *
suggested_grade (TupuPracticePanel *self)
{
  switch (self->check->verdict)
    {
    case TUPU_VERDICT_RIGHT:
      return self->good_button;
    case TUPU_VERDICT_NEAR_MISS:
      return self->hard_button;
    default:
      return self->again_button;
    }
}

/* After the answer: the result, the expected answer, the grades; the graph shows the concept
 * with its members. */
static void
show_result (TupuPracticePanel *self, TupuAnswerCheck *check, int chosen)
{
  const TupuQuestion *question = tupu_practice_session_get_question (self->session);
  g_autofree char    *expected = tupu_question_dup_expected (question);
  g_autofree char    *expected_text = NULL;

  g_clear_pointer (&self->check, tupu_answer_check_free);
  self->check = check;
  tupu_practice_session_answered (self->session, check);
  set_verdict (self, check->verdict);
  show_items (self, question);
  if (question->mode == TUPU_ANSWER_CHOICE)
    mark_choices (self, question, chosen);
  expected_text = g_strdup_printf (_ ("Expected: %s"), expected);
  gtk_label_set_text (self->expected_label, expected_text);
  gtk_editable_set_editable (GTK_EDITABLE (self->answer_entry), FALSE);
  gtk_widget_set_visible (self->check_button, FALSE);
  gtk_widget_set_visible (self->result_box, TRUE);
  gtk_widget_set_visible (self->grade_box, TRUE);
  show_intervals (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->order_list)); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_sensitive (child, FALSE);
  gtk_widget_grab_focus (suggested_grade (self));
  g_signal_emit (self, signals[CONCEPT_ANSWERED], 0, question_node (self, question)->id);
}

static void
check_answer (TupuPracticePanel *self)
{
  const TupuQuestion *question = tupu_practice_session_get_question (self->session);

  if (question == NULL || self->check != NULL)
    return;
  if (question->mode == TUPU_ANSWER_TYPED)
    show_result (self,
                 tupu_question_check_typed (
                     question, gtk_editable_get_text (GTK_EDITABLE (self->answer_entry))),
                 -1);
  else if (question->mode == TUPU_ANSWER_ORDER)
    show_result (
        self,
        tupu_question_check_order (question, (const guint *)self->order->data, self->order->len),
        -1);
}

static void
choose (TupuPracticePanel *self, int choice)
{
  const TupuQuestion *question = tupu_practice_session_get_question (self->session);

  if (question == NULL || self->check != NULL || question->mode != TUPU_ANSWER_CHOICE ||
      choice < 0 || (guint)choice >= question->items->len)
    return;
  show_result (self, tupu_question_check_choice (question, (guint)choice), choice);
}

/* The summary */

static char *
format_duration (gint64 us)
{
  gint64 seconds = us / G_USEC_PER_SEC;

  if (seconds < 60)
    return g_strdup_printf (_ ("%u s"), (guint)seconds);
  return g_strdup_printf (_ ("%u min %u s"), (guint)(seconds / 60), (guint)(seconds % 60));
}

static char *
format_weakest (TupuPracticePanel *self, GPtrArray *weakest)
{
  TupuGraph *graph = session_graph (self);
  GString   *text;

  if (weakest->len == 0)
    return g_strdup (_ ("None"));
  text = g_string_new (NULL);
  for (guint i = 0; i < weakest->len; i++)
    {
      int index = tupu_graph_lookup (graph, g_ptr_array_index (weakest, i));

      if (index < 0)
        continue;
      if (text->len > 0)
        g_string_append (text, "、");
      g_string_append (text, tupu_graph_get_node (graph, (guint)index)->label_zh);
    }
  return g_string_free (text, FALSE);
}

static char *
format_due (gint64 due)
{
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *span = NULL;
  g_autofree char *date = NULL;

  if (due == 0)
    return g_strdup (_ ("None yet"));
  time = g_date_time_new_from_unix_local (due);
  span = format_span (due - g_get_real_time () / G_USEC_PER_SEC);
  date = g_date_time_format (time, "%Y-%m-%d %H:%M");
  /* TRANSLATORS: "in 10 min (2026-12-01 11:02)". */
  return g_strdup_printf (_ ("in %s (%s)"), span, date);
}

static void
show_summary (TupuPracticePanel *self)
{
  g_autoptr (TupuPracticeSummary) summary = tupu_practice_session_get_summary (self->session);
  g_autofree char *time = format_duration (summary->elapsed_us);
  g_autofree char *reviewed = NULL;
  g_autofree char *accuracy = NULL;
  g_autofree char *weakest = format_weakest (self, summary->weakest);
  g_autofree char *due = format_due (summary->next_due);

  if (tupu_practice_session_get_n_cards (self->session) == 0)
    gtk_label_set_text (self->summary_title, _ ("Nothing to Practise Now"));
  else
    gtk_label_set_text (self->summary_title, _ ("Session Summary"));
  reviewed = summary->n_remaining > 0 ? g_strdup_printf (_ ("%u (%u left for later)"),
                                                         summary->n_reviewed, summary->n_remaining)
                                      : g_strdup_printf ("%u", summary->n_reviewed);
  if (summary->n_right + summary->n_near + summary->n_wrong == 0)
    accuracy = g_strdup (_ ("No answers yet"));
  else
    accuracy = g_strdup_printf (_ ("%u%%: %u right, %u near misses, %u wrong"),
                                (guint)(summary->accuracy * 100 + 0.5), summary->n_right,
                                summary->n_near, summary->n_wrong);
  adw_action_row_set_subtitle (self->time_row, time);
  adw_action_row_set_subtitle (self->reviewed_row, reviewed);
  adw_action_row_set_subtitle (self->accuracy_row, accuracy);
  adw_action_row_set_subtitle (self->weakest_row, weakest);
  adw_action_row_set_subtitle (self->next_due_row, due);
  update_progress (self);
  gtk_widget_set_visible (self->stop_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_widget_grab_focus (self->close_button);
  g_signal_emit (self, signals[SESSION_ENDED], 0);
}

/* The question */

/* The controls the answer is given in are described by the question (and its passage): the
 * focus goes straight to them, and a screen reader would otherwise say "Your Answer" or a
 * choice without what is asked. */
static void
describe_answer_controls (TupuPracticePanel *self, const TupuQuestion *question)
{
  g_autofree char *asked = question->passage != NULL
                               ? g_strdup_printf ("%s %s", question->prompt, question->passage)
                               : g_strdup (question->prompt);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->answer_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, asked, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->order_list),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, asked, -1);
  for (guint i = 0; i < self->choice_buttons->len; i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->choice_buttons, i)),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, asked, -1);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->order_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    asked, -1);
}

static void
show_question (TupuPracticePanel *self)
{
  const TupuQuestion *question = tupu_practice_session_get_question (self->session);
  const char         *hint;

  if (question == NULL)
    {
      show_summary (self);
      return;
    }
  g_clear_pointer (&self->check, tupu_answer_check_free);
  update_progress (self);
  gtk_widget_set_visible (self->stop_button, TRUE);
  gtk_label_set_text (self->prompt_label, question->prompt);
  gtk_label_set_text (self->passage_label, question->passage ? question->passage : "");
  gtk_widget_set_visible (GTK_WIDGET (self->passage_label), question->passage != NULL);
  hint = kind_hint (question);
  gtk_label_set_text (self->hint_label, hint ? hint : "");
  gtk_editable_set_text (GTK_EDITABLE (self->answer_entry), "");
  gtk_editable_set_editable (GTK_EDITABLE (self->answer_entry), TRUE);
  gtk_widget_set_visible (self->typed_box, question->mode == TUPU_ANSWER_TYPED);
  gtk_widget_set_visible (self->choice_box, question->mode == TUPU_ANSWER_CHOICE);
  gtk_widget_set_visible (GTK_WIDGET (self->order_list), question->mode == TUPU_ANSWER_ORDER);
  gtk_widget_set_visible (self->check_button, question->mode != TUPU_ANSWER_CHOICE);
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_widget_set_visible (self->grade_box, FALSE);
  g_array_set_size (self->order, 0);
  if (question->mode == TUPU_ANSWER_ORDER)
    {
      for (guint i = 0; i < question->items->len; i++)
        g_array_append_val (self->order, i);
      build_order_rows (self, question->items->len);
      fill_order (self, question, -1);
    }
  else if (question->mode == TUPU_ANSWER_CHOICE)
    fill_choices (self, question);
  describe_answer_controls (self, question);
  gtk_stack_set_visible_child_name (self->stack, "question");
  g_signal_emit (self, signals[CONCEPT_ASKED], 0, question_node (self, question)->id,
                 (int)question->kind);
  tupu_practice_panel_focus (self);
}

/* Actions */

static void
check_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  check_answer (TUPU_PRACTICE_PANEL (widget));
}

static void
choose_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose (TUPU_PRACTICE_PANEL (widget), g_variant_get_int32 (parameter));
}

static void
grade_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuPracticePanel *self = TUPU_PRACTICE_PANEL (widget);
  int                rating = g_variant_get_int32 (parameter);
  g_autoptr (GError) error = NULL;

  if (self->session == NULL || self->check == NULL || rating < TUPU_FSRS_AGAIN ||
      rating > TUPU_FSRS_EASY)
    return;
  if (!tupu_practice_session_grade (self->session, (TupuFsrsRating)rating, g_get_real_time (),
                                    &error))
    {
      /* The grade is kept in memory and written with the next change: say so, go on. */
      g_autofree char *message =
          g_strdup_printf (_ ("Could not save your progress: %s"), error->message);

      g_signal_emit (self, signals[SAVE_FAILED], 0, message);
    }
  show_question (self);
}

/* 1–4: a choice before the answer, a grade after it. */
static void
key_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuPracticePanel *self = TUPU_PRACTICE_PANEL (widget);
  int                n = g_variant_get_int32 (parameter);

  if (self->session == NULL || !tupu_practice_panel_is_asking (self))
    return;
  if (self->check != NULL)
    gtk_widget_activate_action (widget, "practice.grade", "i", n);
  else
    choose (self, n - 1);
}

static void
stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuPracticePanel *self = TUPU_PRACTICE_PANEL (widget);

  if (self->session == NULL)
    return;
  tupu_practice_session_stop (self->session, g_get_real_time ());
  show_summary (self);
}

static void
close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
escape_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_widget_activate_action (widget,
                              tupu_practice_panel_is_asking (TUPU_PRACTICE_PANEL (widget))
                                  ? "practice.stop"
                                  : "practice.close",
                              NULL);
}

static void
restart_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuPracticePanel *self = TUPU_PRACTICE_PANEL (widget);

  if (self->session != NULL)
    tupu_practice_panel_start (self, tupu_practice_session_get_store (self->session),
                               self->new_per_day);
}

/* Ctrl+Up and Ctrl+Down move the focused row of the order list. */
static void
move_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  TupuPracticePanel *self = TUPU_PRACTICE_PANEL (widget);
  GtkRoot           *root = gtk_widget_get_root (widget);
  GtkWidget         *focus = root ? gtk_root_get_focus (root) : NULL;

  while (focus != NULL && !GTK_IS_LIST_BOX_ROW (focus))
    focus = gtk_widget_get_parent (focus);
  if (focus == NULL || gtk_widget_get_parent (focus) != GTK_WIDGET (self->order_list))
    return;
  move_item (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (focus), "place")),
             g_variant_get_int32 (parameter));
}

static void
entry_activate_cb (TupuPracticePanel *self)
{
  check_answer (self);
}

/* Enter on a row of the order list: the order is as the student wants it. */
static void
order_row_activated_cb (TupuPracticePanel *self)
{
  check_answer (self);
}

/* GObject */

static void
tupu_practice_panel_dispose (GObject *object)
{
  TupuPracticePanel *self = TUPU_PRACTICE_PANEL (object);

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_PRACTICE_PANEL);
  /* The template's children without an id (the header row) are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->check, tupu_answer_check_free);
  g_clear_pointer (&self->choice_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (tupu_practice_panel_parent_class)->dispose (object);
}

static void
tupu_practice_panel_finalize (GObject *object)
{
  TupuPracticePanel *self = TUPU_PRACTICE_PANEL (object);

  g_array_unref (self->order);

  G_OBJECT_CLASS (tupu_practice_panel_parent_class)->finalize (object);
}

static void
add_key (GtkWidgetClass *widget_class, guint key, guint key_pad, int n)
{
  gtk_widget_class_add_binding_action (widget_class, key, 0, "practice.key", "i", n);
  gtk_widget_class_add_binding_action (widget_class, key_pad, 0, "practice.key", "i", n);
}

static void
tupu_practice_panel_class_init (TupuPracticePanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tupu_practice_panel_dispose;
  object_class->finalize = tupu_practice_panel_finalize;

  /* A question of @kind (a TupuQuestionKind) is shown about concept @id. */
  signals[CONCEPT_ASKED] =
      g_signal_new ("concept-asked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
  /* The answer about concept @id was checked: the graph may show it all. */
  signals[CONCEPT_ANSWERED] =
      g_signal_new ("concept-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A grade could not be saved (it is kept, and written with the next change); why. */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The session is over: its summary is shown. */
  signals[SESSION_ENDED] = g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The student is done with the summary. */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-practice-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, stop_button);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, passage_label);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, typed_box);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, answer_entry);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, choice_box);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, order_list);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, check_button);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, result_box);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, items_box);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, expected_label);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, grade_box);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, again_button);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, hard_button);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, good_button);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, easy_button);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, again_interval);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, hard_interval);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, good_interval);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, easy_interval);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, summary_title);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, close_button);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, time_row);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, reviewed_row);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, accuracy_row);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, weakest_row);
  gtk_widget_class_bind_template_child (widget_class, TupuPracticePanel, next_due_row);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "practice.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "practice.choose", "i", choose_action);
  gtk_widget_class_install_action (widget_class, "practice.grade", "i", grade_action);
  gtk_widget_class_install_action (widget_class, "practice.key", "i", key_action);
  gtk_widget_class_install_action (widget_class, "practice.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "practice.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "practice.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "practice.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "practice.move", "i", move_action);

  add_key (widget_class, GDK_KEY_1, GDK_KEY_KP_1, 1);
  add_key (widget_class, GDK_KEY_2, GDK_KEY_KP_2, 2);
  add_key (widget_class, GDK_KEY_3, GDK_KEY_KP_3, 3);
  add_key (widget_class, GDK_KEY_4, GDK_KEY_KP_4, 4);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "practice.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK, "practice.move",
                                       "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK,
                                       "practice.move", "i", 1);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tupupracticepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tupu_practice_panel_init (TupuPracticePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The question is the UI's words around the graph's Chinese names: the UI font for the words
   * and quotes (an English question's “ ” are not full-width), Simplified forms for the names. */
  _tupu_gui_set_zh_language (self->prompt_label);
  _tupu_gui_set_zh_language (self->passage_label);
  _tupu_gui_set_zh_language (self->expected_label);
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->choice_buttons = g_ptr_array_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Practice"), -1);
}

/* Public API */

void
tupu_practice_panel_start (TupuPracticePanel *self, TupuStudyStore *store, guint new_per_day)
{
  g_return_if_fail (TUPU_IS_PRACTICE_PANEL (self));
  g_return_if_fail (TUPU_IS_STUDY_STORE (store));

  g_clear_object (&self->session);
  self->new_per_day = new_per_day;
  self->session = tupu_practice_session_new (store, g_get_real_time (), new_per_day,
                                             (guint32)g_get_real_time ());
  show_question (self);
}

TupuPracticeSession *
tupu_practice_panel_get_session (TupuPracticePanel *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_PANEL (self), NULL);

  return self->session;
}

gboolean
tupu_practice_panel_is_asking (TupuPracticePanel *self)
{
  g_return_val_if_fail (TUPU_IS_PRACTICE_PANEL (self), FALSE);

  return self->session != NULL && !tupu_practice_session_is_finished (self->session);
}

void
tupu_practice_panel_focus (TupuPracticePanel *self)
{
  const TupuQuestion *question;

  g_return_if_fail (TUPU_IS_PRACTICE_PANEL (self));

  question = self->session ? tupu_practice_session_get_question (self->session) : NULL;
  if (question == NULL)
    gtk_widget_grab_focus (self->close_button);
  else if (self->check != NULL)
    gtk_widget_grab_focus (suggested_grade (self));
  else if (question->mode == TUPU_ANSWER_TYPED)
    gtk_widget_grab_focus (GTK_WIDGET (self->answer_entry));
  else if (question->mode == TUPU_ANSWER_CHOICE && self->choice_buttons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->choice_buttons, 0));
  else
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->order_list)));
}
