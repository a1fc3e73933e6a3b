/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-gui-main.c: the window's entry point. The program (src/main.c) loads this module only
 * when the command line asks for a window, so that `tupu --export` never loads GTK. */

#include "config.h"

#include "tupu-application.h"

int tupu_gui_main (int argc, char **argv);

int
tupu_gui_main (int argc, char **argv)
{
  g_autoptr (TupuApplication) app = tupu_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
