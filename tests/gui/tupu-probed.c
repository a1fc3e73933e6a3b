/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-probed.c: Tupu as the GUI tests run it: the real application with the test probe
 * attached (tupu-test-probe.h), which answers on stdin/stdout. test-app.c starts it. */
#include "config.h"

#include "tupu-application.h"
#include "tupu-test-probe.h"

int
main (int argc, char *argv[])
{
  g_autoptr (TupuApplication) app = NULL;
  g_autoptr (TupuTestProbe) probe = NULL;
  int status;

  tupu_application_init_i18n ();
  app = tupu_application_new ();
  /* The probe talks over this process's stdin/stdout, so it must be the primary instance:
   * never one that hands its files to another Tupu. A test of that very hand-over (each test
   * has a session bus of its own) sets TUPU_PROBED_UNIQUE to own the name. */
  if (g_getenv ("TUPU_PROBED_UNIQUE") == NULL)
    g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) |
                                                      G_APPLICATION_NON_UNIQUE);
  probe = tupu_test_probe_new (GTK_APPLICATION (app));

  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_clear_object (&probe);
  return status;
}
