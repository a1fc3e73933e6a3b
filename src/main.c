/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: sets up gettext and runs TupuApplication; everything else lives in the library. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tupu-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (TupuApplication) app = NULL;
  const char *localedir;

  /* TUPU_LOCALEDIR lets the uninstalled build (meson devenv, tests) find its own catalogues. */
  localedir = g_getenv ("TUPU_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tupu_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
