/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-folding.h: which concepts have their parts folded into them, and keeping that per graph.
 *
 * A fold state is a GBytes of one byte per graph node, non-zero where the node's parts are
 * folded (TupuLayoutOptions.folded). The graph opens on an overview of its structure: as many
 * levels from the root (report, parts, points, lists…) as can be read when fitted, everything
 * deeper folded into the last level shown. What a reader
 * unfolds or folds is kept per graph id in the user's state folder, so it survives reloads and
 * restarts. */
#pragma once

#include <gio/gio.h>

#include "tupu-graph.h"

G_BEGIN_DECLS

/* The overview a graph opens on: the root and its parts, and further levels for as long as each
 * holds at most a dozen concepts (for the speech: the report and its parts), the rest folded. */
GBytes *tupu_folding_new_overview (TupuGraph *graph);
/* The structure down to level @levels (1 = the root alone) shown: every concept with parts at
 * level @levels or deeper is folded. */
GBytes *tupu_folding_new_levels (TupuGraph *graph, guint levels);
/* Whether node @index's parts are folded in @folded (FALSE when it does not fit @graph). */
gboolean tupu_folding_is_folded (GBytes *folded, TupuGraph *graph, guint index);
/* @folded with node @index folded or unfolded (a new GBytes; @folded may be NULL). */
GBytes *tupu_folding_set (GBytes *folded, TupuGraph *graph, guint index, gboolean fold);
/* @folded with every ancestor of node @index unfolded, so that the node shows. */
GBytes *tupu_folding_reveal (GBytes *folded, TupuGraph *graph, guint index);
/* Whether node @index is hidden because an ancestor's parts are folded. */
gboolean tupu_folding_is_hidden (GBytes *folded, TupuGraph *graph, guint index);

/* The state kept for @graph's id in @dir (the overview when none is kept, or
 * when the kept file is damaged: a damaged file is reported in @error and left alone). Ids the
 * graph no longer has are ignored; concepts the file does not name take the default. */
GBytes *tupu_folding_load (TupuGraph *graph, GFile *dir, GError **error);
/* Keeps @folded for @graph's id in @dir (created if missing), replacing the file atomically. */
gboolean tupu_folding_save (GBytes *folded, TupuGraph *graph, GFile *dir, GError **error);
/* The folder Tupu keeps fold states in: $XDG_STATE_HOME/tupu/folding. */
GFile *tupu_folding_default_dir (void);

G_END_DECLS
