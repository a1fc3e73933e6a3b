/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-reading-view-private.h: the reading view's insides, for the test support to read where
 * the text and its marks are. Not for use elsewhere. */
#pragma once

#include <adwaita.h>

#include "tupu-reading-view.h"

G_BEGIN_DECLS

/* One quoted passage in the buffer: characters [start, end) of the whole text, and whose. */
typedef struct
{
  int   start;
  int   end;
  guint node;
} TupuReadingMark;

struct _TupuReadingView
{
  GtkWidget parent_instance;

  TupuGraph *graph;
  char      *node_id;

  GArray  *para_starts; /* int: where each paragraph starts in the buffer (index 0 = para 1) */
  GArray  *marks;       /* TupuReadingMark, sorted by start */
  GArray  *flashed;     /* TupuReadingMark: what the last flash lit (fading or not) */
  guint    flash_source;
  gint64   scroll_until; /* a scroll is made again as the text is measured, until then */
  guint    scroll_tick;  /* the tick callback making it */
  gboolean clicking;     /* a click here is selecting a concept: flash it, do not scroll away */
  int      clicked;      /* the mark clicked, or -1 */

  GtkTextTag *passage_tag;
  GtkTextTag *current_tag;
  GtkTextTag *flash_tag;
  GtkTextTag *masked_tag;
  GtkTextTag *para_tag;

  /* Template children */
  GtkWidget          *scroller;
  AdwClampScrollable *clamp;
  GtkTextView        *text_view;
};

/* The buffer range of paragraph @para's characters [@start, @end); FALSE when out of range. */
gboolean _tupu_reading_view_range (TupuReadingView *self, guint para, int start, int end,
                                   GtkTextIter *from, GtkTextIter *to);

G_END_DECLS
