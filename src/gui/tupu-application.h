/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-application.h: the AdwApplication; command line, app-wide actions, windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TUPU_TYPE_APPLICATION (tupu_application_get_type ())
G_DECLARE_FINAL_TYPE (TupuApplication, tupu_application, TUPU, APPLICATION, AdwApplication)

TupuApplication *tupu_application_new (void);
/* Sets the locale and binds Tupu's translations; first thing in main(). TUPU_LOCALEDIR points
 * the uninstalled build (meson devenv, tests) at its own catalogues. */
void tupu_application_init_i18n (void);

G_END_DECLS
