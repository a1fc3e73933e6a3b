/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-tour.h: where the guided tour through a graph stopped, kept across restarts.
 *
 * The tour walks the concepts in the order of the speech (tupu_graph_get_speech_order). Its
 * position is a concept id per graph id, in one small key file in the user's data folder
 * ($XDG_DATA_HOME/tupu/tour.ini), replaced atomically at every step. An id the graph no longer
 * has is ignored; a damaged file is reported and left alone until the next step replaces it. */
#pragma once

#include <gio/gio.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

/* The node index the tour stopped at in @graph, or -1 when none is kept (or the file is
 * damaged: then @error says why). */
int tupu_tour_load (TupuGraph *graph, GFile *dir, GError **error);
/* Keeps node @index as @graph's tour position in @dir (created if missing). */
gboolean tupu_tour_save (TupuGraph *graph, guint index, GFile *dir, GError **error);
/* $XDG_DATA_HOME/tupu. */
GFile *tupu_tour_default_dir (void);

G_END_DECLS
