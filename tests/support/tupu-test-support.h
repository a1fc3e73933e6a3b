/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-test-support.h: what the GUI tests read inside Tupu's widgets.
 *
 * Read through the widgets' private headers and template children, so that nothing in src/
 * exists only for the tests. Linked by the test probe, test-graph-view and the GUI stress test. */
#pragma once

#include "tupu-breadcrumb.h"
#include "tupu-history.h"
#include "tupu-outline.h"
#include "tupu-practice-panel.h"
#include "tupu-reading-view.h"
#include "tupu-search-panel.h"
#include "tupu-window.h"

G_BEGIN_DECLS

TupuGraphView  *tupu_test_window_get_view (TupuWindow *window);
TupuDetailPane *tupu_test_window_get_pane (TupuWindow *window);
TupuOutline    *tupu_test_window_get_outline (TupuWindow *window);
TupuBreadcrumb *tupu_test_window_get_breadcrumb (TupuWindow *window);
TupuHistory    *tupu_test_window_get_history (TupuWindow *window);
/* The header bar's subtitle (the file or branch shown, and the engine used when it is not the one
 * chosen). */
const char *tupu_test_window_get_subtitle (TupuWindow *window);
/* Whether the header bar shows a slow layout's spinner and Cancel button. */
gboolean tupu_test_window_shows_progress (TupuWindow *window);
/* The header bar's layout control (a menu button). */
GtkWidget *tupu_test_window_get_layout_button (TupuWindow *window);
/* The titles of the layout control's engines that are unavailable for what is shown. */
GPtrArray *tupu_test_window_dup_unavailable_engines (TupuWindow *window);
/* Whether the window's first graph was the one loaded while GTK started (a plain `tupu`). */
gboolean tupu_test_window_was_preloaded (TupuWindow *window);
/* Whether the main menu's popover exists (it is built when first opened). */
gboolean tupu_test_window_menu_built (TupuWindow *window);
/* Whether the outline lies over the graph (the window too narrow for it beside the graph). */
gboolean tupu_test_window_outline_folded (TupuWindow *window);
/* Whether a load is under way (a reload included). */
gboolean tupu_test_window_is_loading (TupuWindow *window);
/* Makes the window's file monitor deaf, as monitors are to files opened through the document
 * portal; with @stop_polling, stops the periodic check too, so only gaining the focus checks. */
void tupu_test_window_blind (TupuWindow *window, gboolean stop_polling);
/* The problems the "could not open" status page lists, or NULL when it is not shown. */
char *tupu_test_window_dup_status_problems (TupuWindow *window);
/* The plain-text titles of the toasts on screen (transfer full). */
GPtrArray *tupu_test_window_dup_toasts (TupuWindow *window);

/* The search bar, its entry and the results panel. */
GtkSearchBar    *tupu_test_window_get_search_bar (TupuWindow *window);
GtkWidget       *tupu_test_window_get_search_entry (TupuWindow *window);
TupuSearchPanel *tupu_test_window_get_search_panel (TupuWindow *window);
/* The search results shown: for each row on screen, in order, its Chinese label, the part of
 * the row's texts drawn highlighted (or NULL) and whether it is the cursor (transfer full, of
 * TupuTestSearchRow). */
typedef struct
{
  char    *label;
  char    *highlight;
  gboolean cursor;
} TupuTestSearchRow;
GPtrArray *tupu_test_search_panel_dup_rows (TupuSearchPanel *panel);
/* Whether the panel says that nothing matches. */
gboolean tupu_test_search_panel_shows_empty (TupuSearchPanel *panel);
/* How many concepts the view marks on boxes shown, and on badges of folded ones. */
void tupu_test_view_count_marks (TupuGraphView *view, guint *boxes, guint *badges);

/* Widget coordinates of a layout point, and the widget-space box of a node. FALSE when there is
 * no layout or no such node. */
gboolean tupu_test_view_layout_to_widget (TupuGraphView *view, double lx, double ly, double *wx,
                                          double *wy);
gboolean tupu_test_view_get_node_rect (TupuGraphView *view, const char *id, graphene_rect_t *rect);
/* The pointer over concept @id (NULL: over none), as the motion controller reports it; and
 * whether it has rested there long enough for the rest of the graph to dim. */
void tupu_test_view_hover (TupuGraphView *view, const char *id);
/* Where the overview map is drawn, in the view's coordinates; FALSE when it is hidden. */
gboolean tupu_test_view_get_map_rect (TupuGraphView *view, graphene_rect_t *rect);
gboolean tupu_test_view_is_hover_dimmed (TupuGraphView *view);
/* How many layouts the view has computed itself: not the window's first, laid out with the
 * load. */
guint tupu_test_view_get_n_computed (TupuGraphView *view);
/* The view's picture cache: tiles painted, tiles being painted on worker threads, whether old
 * tiles stand in for them after a zoom, and whether a zoom has yet to settle. */
void tupu_test_view_count_tiles (TupuGraphView *view, guint *painted, guint *pending,
                                 gboolean *stale, gboolean *settling);

/* The texts the detail pane shows (NULL in its empty state). */
void tupu_test_pane_get_shown (TupuDetailPane *pane, const char **label, const char **gloss,
                               const char **kind);
/* The pane's links to other concepts in the order shown, the start page's rows when nothing is
 * selected (transfer container), and a link's target concept. */
GPtrArray  *tupu_test_pane_get_links (TupuDetailPane *pane);
const char *tupu_test_link_get_id (GtkWidget *link);
/* The label showing the concept's title (where the focus goes after following a link). */
GtkWidget *tupu_test_pane_get_title (TupuDetailPane *pane);

/* The practice panel beside the graph (hidden unless practising). */
TupuPracticePanel *tupu_test_window_get_practice_panel (TupuWindow *window);
/* The reading view, the tour's "3 of 233" and its buttons (@next: Next, else Previous). */
TupuReadingView *tupu_test_window_get_reading (TupuWindow *window);
const char      *tupu_test_window_get_tour_text (TupuWindow *window);
GtkWidget       *tupu_test_window_get_tour_button (TupuWindow *window, gboolean next);
GtkWidget       *tupu_test_reading_get_text_view (TupuReadingView *view);
/* The passages marked in the text (only the selected concept's with @selected_only): whose,
 * where their first character is (the text view's coordinates), which concept a click there
 * selects (the innermost passage's), how many passages cover it and whether the last flash lit
 * it (transfer full). */
typedef struct
{
  const char     *id;
  const char     *click_id;
  graphene_rect_t rect;
  gboolean        flashed;
  guint           n_covering; /* passages over that first character, this one included */
} TupuTestMark;
GArray *tupu_test_reading_dup_marks (TupuReadingView *view, gboolean selected_only);
/* The detail pane's passage cards, in order (transfer container). */
GPtrArray *tupu_test_pane_get_passage_cards (TupuDetailPane *pane);

G_END_DECLS
