/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-concept-page.h: the detail pane's entry for one concept — its labels, kind, summary, the
 * passages that say it, links to its parent, children and related concepts, and its study
 * section. The pane builds it when a concept is first selected: a window that opens on its
 * start page does not pay for it (benchmarks/README.md, first frame). */
#pragma once

#include <gtk/gtk.h>

#include "tupu-concept-study.h"
#include "tupu-graph.h"

G_BEGIN_DECLS

#define TUPU_TYPE_CONCEPT_PAGE (tupu_concept_page_get_type ())
G_DECLARE_FINAL_TYPE (TupuConceptPage, tupu_concept_page, TUPU, CONCEPT_PAGE, GtkWidget)

GtkWidget *tupu_concept_page_new (void);

/* Shows @node of @graph, read from the top; the study section follows it. @focus_title moves the
 * keyboard focus to its title (a link in the pane was followed). Links to other concepts
 * activate win.select-concept with the concept's id. */
void tupu_concept_page_show_node (TupuConceptPage *self, TupuGraph *graph, const TupuNode *node,
                                  gboolean focus_title);
/* No concept shown any more: the study section lets go of the last one (saving its note), the
 * page of its graph. */
void tupu_concept_page_clear (TupuConceptPage *self);
/* Moves the keyboard focus to the concept's title. */
gboolean          tupu_concept_page_focus_title (TupuConceptPage *self);
TupuConceptStudy *tupu_concept_page_get_study (TupuConceptPage *self);

G_END_DECLS
