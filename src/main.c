/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: sets up gettext and runs TupuApplication; everything else lives in the library. */
#include "config.h"

#include "tupu-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (TupuApplication) app = NULL;

  tupu_application_init_i18n ();
  app = tupu_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
