/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-test-probe.h: lets the GUI tests see where things are (in tupu-probed only).
 *
 * Reads one command per line on stdin and answers one JSON line on stdout:
 *   state  {"ready", "graph_id", "title", "file", "loads", "selected", "zoom", "view": {x,y,
 *           width,height}, "nodes": {id: [x,y,w,h,label_px]},
 *           "badges": {id: [x,y,w,h]}, "show_all_links", "detail": {...}, "toasts": [...],
 *           "status_page", "problems", "layout_pending", "menu": [the open menu's items],
 *           "outline": {"shown", "selected", "search", "rows": [{"id", x, y, width, height,
 *           "visible", "depth", "expanded", "selected", "focused", "progress"}]}, "breadcrumb":
 * [{"id", x, y, width, height}], "header": {action: {x, y, width, height, "enabled", "active"}},
 *           "history": {"back", "forward"}, "visible": [layout x, y at the middle, zoom],
 *           "search": {"open", "entry_focused", "query", "n_results", "cursor", "rows":
 *           [{"label", "highlight", "cursor"}], "empty", "marked", "mark_boxes", "mark_badges"},
 *           "practice": {"shown", "asking", "focus_inside", "texts" (its labels, one a line),
 *           "buttons": [{"label", "action", "target", x, y, width, height, "enabled",
 *           "focused"}], "position", "n_cards", "store_file", and the question's "node", "kind",
 *           "mode", "prompt", "expected", "correct", "answered", "state" (the node's study state)},
 *           "windows": [{"type", "title", "file" (Tupu's windows), "active", "focus", "text"}],
 *           "study": {"overlay", "mastery": {id: level}, "state", "note", "buttons": {state:
 *           {x, y, width, height, "visible"}}, "note_box": {…}, "note_focused"}}
 *   blind-monitor, blind-all  {"ok": true}: the window's file monitor goes deaf (as to a file
 *           opened through the document portal); blind-all stops its periodic check too.
 *   quit   {"ok": true}, then quits.
 * Coordinates are in the toplevel surface's pixels. The probe only observes: every input in the
 * tests goes through real X events. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TUPU_TYPE_TEST_PROBE (tupu_test_probe_get_type ())
G_DECLARE_FINAL_TYPE (TupuTestProbe, tupu_test_probe, TUPU, TEST_PROBE, GObject)

TupuTestProbe *tupu_test_probe_new (GtkApplication *application);

G_END_DECLS
