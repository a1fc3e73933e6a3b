/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the command line without a display runs here, through core; a window loads the GUI
 * module (src/gui) and runs TupuApplication. Nothing of GTK is loaded for `tupu --export`: its
 * libraries' start-up cost more than a third of an export's CPU time (benchmarks/README.md). */
#include "config.h"

#include <gmodule.h>

#include "tupu-cli.h"

typedef int (*TupuGuiMain) (int argc, char **argv);

/* The module next to the program in a build tree (src/gui/), else where it is installed. */
static char *
gui_module_path (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *built = g_build_filename (dir, "gui", "libtupu-gui.so", NULL);

      if (g_file_test (built, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&built);
    }
  return g_build_filename (TUPU_PKGLIBDIR, "libtupu-gui.so", NULL);
}

static int
run_gui (int argc, char **argv)
{
  g_autofree char *path = gui_module_path ();
  GModule         *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  TupuGuiMain      gui_main = NULL;

  if (module == NULL || !g_module_symbol (module, "tupu_gui_main", (gpointer *)&gui_main))
    {
      g_printerr ("%s: %s\n", g_get_prgname () ? g_get_prgname () : "tupu", g_module_error ());
      return TUPU_EXIT_IO;
    }
  /* Never unloaded: GTK's types and threads outlive the application's run. */
  g_module_make_resident (module);
  return gui_main (argc, argv);
}

int
main (int argc, char *argv[])
{
  gboolean handled = FALSE;
  int      status;

  tupu_cli_init_i18n ();
  status = tupu_cli_main (argc, argv, &handled);
  if (handled)
    return status;
  return run_gui (argc, argv);
}
