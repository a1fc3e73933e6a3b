/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-preferences-window.h: colour scheme, English glosses, layout engine and direction, each
 * bound to its GSettings key. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TUPU_TYPE_PREFERENCES_WINDOW (tupu_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TupuPreferencesWindow, tupu_preferences_window, TUPU, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

TupuPreferencesWindow *tupu_preferences_window_new (GtkWindow *parent);

G_END_DECLS
