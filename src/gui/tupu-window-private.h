/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-window-private.h: shared by tupu-window.c and tupu-window-actions.c. */
#pragma once

#include "tupu-breadcrumb.h"
#include "tupu-history.h"
#include "tupu-outline.h"
#include "tupu-practice-panel.h"
#include "tupu-reading-view.h"
#include "tupu-search-panel.h"
#include "tupu-study-store.h"
#include "tupu-window.h"

G_BEGIN_DECLS

struct _TupuWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkWidget       *leave_branch_button;
  GtkWidget       *layout_progress;
  GtkMenuButton   *layout_button;
  GtkMenuButton   *legend_button;
  GtkWidget       *details_button;
  GtkWidget       *outline_button;
  GtkWidget       *menu_button;
  GMenuModel      *primary_menu;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  AdwStatusPage   *error_page;
  GtkLabel        *problems_label;
  GtkButton       *all_problems_button;
  TupuGraphView   *graph_view;
  TupuDetailPane  *detail_pane;
  TupuOutline     *outline;
  TupuBreadcrumb  *breadcrumb;
  GtkWidget       *search_button;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  AdwFlap         *search_flap;
  TupuSearchPanel *search_panel; /* NULL until something is searched */
  TupuReadingView *reading_view;
  GtkWidget       *reading_button;
  GtkLabel        *tour_label;
  GtkWidget       *tour_bar;
  GtkPaned        *reading_paned;
  AdwFlap         *outline_flap;

  /* The details' place beside the graph, which the practice panel takes while practising. */
  GtkStack          *side_stack;
  TupuPracticePanel *practice_panel;
  /* The concept whose members a question has folded away, and whether they were shown before:
   * a session stopped before the answer puts them back. */
  char    *practice_folded_id;
  gboolean practice_was_unfolded;
  /* The speech was shown when practice began: it was put away (it would show the passages and,
   * at a hover, their concepts), and comes back when the panel closes. */
  gboolean practice_hid_reading;

  GSettings *settings;

  GFile        *file;          /* shown or being retried; NULL = built-in graph */
  TupuGraph    *graph;         /* what is shown, NULL before the first load */
  GPtrArray    *problems;      /* TupuDiagnostic*: the last failed load's problems */
  char         *problems_file; /* that load's display name */
  GCancellable *load_cancellable;
  guint         loading_source; /* shows "Loading…" once a first load has taken a moment */
  guint         n_loads;
  gboolean      awaits_preload; /* its first graph comes from the start-up's preload */
  gboolean      preloaded;      /* and it came from there */

  GFileMonitor *monitor;
  guint         reload_source;

  /* Files opened through the document portal report no changes to a monitor: the file's size
   * and modification time, read before each load, are checked again when the window gains the
   * focus and every few seconds while it is shown. */
  char         *file_stamp; /* the shown or retried file's, at its last load; NULL = unknown */
  guint         poll_source;
  GCancellable *poll_cancellable; /* the check under way */

  GtkFileChooserNative *chooser;
  GtkWidget            *focus_before_chooser; /* weak: where the focus goes back to */
  GCancellable         *export_cancellable;

  char      *engine; /* the "engine" property: a TupuEngine's name, as GSettings keeps it */
  gboolean   restoring_folds; /* setting the kept folds on the view: nothing to save */
  AdwToast  *pending_toast;   /* shown once the window is mapped (see _tupu_window_toast) */
  GtkWidget *concept_menu;    /* the selected concept's context menu, parented to the graph view */
  guint      progress_source; /* shows the layout's progress once it has taken a moment */

  /* Back and forward (tupu-history.h): the places the reader visited in this graph. */
  TupuHistory    *history;
  guint           history_record_id; /* records the changes of one event, once they are done */
  TupuHistoryMove history_move;      /* how the changes being recorded came */
  gboolean        restoring_history; /* showing a place from the history: nothing to record */
  gboolean        last_input_key;    /* the reader's last press was a key, not a button */

  int tour_index; /* the node the guided tour stopped at (tupu-tour.h), or -1 */

  GHashTable *actions_enabled; /* action name → the enabled state last set, + 1 */

  /* Study progress (tupu-window-study.c): the graph's store, shared with every window showing
   * the same graph, and whether the graph is coloured by it. */
  TupuStudyStore *study_store;
  gboolean        show_progress;
  GtkWidget      *progress_button;
};

void _tupu_window_class_actions_init (GtkWidgetClass *widget_class);
void _tupu_window_actions_update (TupuWindow *self);
void _tupu_window_dnd_init (TupuWindow *self);
/* Practice (tupu-window-practice.c): win.practice, and the practice panel beside the graph. */
void _tupu_window_class_practice_init (GtkWidgetClass *widget_class);
void _tupu_window_practice_init (TupuWindow *self);
void _tupu_window_practice_dispose (TupuWindow *self);
/* Shows the details or the practice panel beside the graph, or neither. */
void _tupu_window_update_side (TupuWindow *self);
/* The selected concept's menu (its branch, folding, copying), popped up at (@x, @y) in the graph
 * view's coordinates. */
void _tupu_window_popup_concept_menu (TupuWindow *self, double x, double y);
void _tupu_window_show_problems (TupuWindow *self);
/* Around a file dialog: remember where the focus was, and put it back (or somewhere sensible,
 * never on a closed menu) when the dialog is gone. */
void _tupu_window_save_focus (TupuWindow *self);
void _tupu_window_restore_focus (TupuWindow *self);
/* Opens the search bar, or puts the keyboard back in its entry (win.find, Ctrl+F). */
void _tupu_window_find (TupuWindow *self);
/* Shows @title (plain text; escaped here, as toast titles are markup) in a toast, now or, for a
 * window not yet on screen, once it is mapped. Returns the toast to adjust (borrowed). */
AdwToast *_tupu_window_toast (TupuWindow *self, const char *title);
/* The same, shown for @timeout seconds (0: until dismissed). */
AdwToast *_tupu_window_toast_full (TupuWindow *self, const char *title, guint timeout);
/* Back and forward (tupu-window.c): FALSE when there is nowhere to go. */
gboolean _tupu_window_go_back (TupuWindow *self);
gboolean _tupu_window_go_forward (TupuWindow *self);
/* The guided tour (tupu-window.c): one concept on in the speech's order (@step +1) or back
 * (-1), from the selected one, or resuming where the tour stopped; FALSE at either end. */
gboolean _tupu_window_tour_step (TupuWindow *self, int step);
/* Shows the reading view at characters [@start, @end) of paragraph @para, for concept @id. */
void _tupu_window_show_passage (TupuWindow *self, const char *id, guint para, int start, int end);

/* tupu-window-study.c */
void _tupu_window_study_class_init (GtkWidgetClass *widget_class);
void _tupu_window_study_init (TupuWindow *self);
void _tupu_window_study_dispose (TupuWindow *self);
/* Opens @graph's study store (NULL: none), reporting a damaged file in a toast. */
void _tupu_window_study_set_graph (TupuWindow *self, TupuGraph *graph);
void _tupu_window_study_set_show_progress (TupuWindow *self, gboolean show);
void _tupu_window_study_update_actions (TupuWindow *self);

G_END_DECLS
