/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-application.c: command line (handled locally, never forwarded), app actions, windows.
 *
 * --export and --validate run in handle-local-options: they need no display and no running
 * instance. A FILE argument is opened through the "open" signal, so a running Tupu receives it.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tupu-application.h"
#include "tupu-cli.h"
#include "tupu-preferences-window.h"
#include "tupu-resources.h"
#include "tupu-window.h"

struct _TupuApplication
{
  AdwApplication parent_instance;

  /* Set once handle-local-options ran, to tell GApplication's option parsing failures apart. */
  gboolean options_handled;
  /* What the first window will show (see startup): the file on the command line, or NULL for
   * the built-in graph; unset when the command line does not open a window. */
  gboolean preload;
  GFile   *preload_file;

  GSettings *settings; /* from startup: the colour scheme */
};

G_DEFINE_FINAL_TYPE (TupuApplication, tupu_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "export", 'e', 0, G_OPTION_ARG_FILENAME, NULL,
    N_ ("Lay the graph out, write it to OUT (.svg, .png, .pdf or .dot; - for standard output) "
        "and exit"),
    N_ ("OUT") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Format for --export: svg, png, pdf or dot (needed for standard output; otherwise "
        "overrides OUT's extension)"),
    N_ ("FORMAT") },
  { "engine", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Layout engine for --export: dot, neato, fdp, sfdp, circo or twopi"), N_ ("ENGINE") },
  { "root", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Export only the concept ID and what lies under it"), N_ ("ID") },
  { "direction", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_ ("Which way dot draws the tree for --export: lr (left to right, the default) or tb (top "
        "to bottom)"),
    N_ ("DIRECTION") },
  { "validate", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_ ("Check FILE, print every problem and exit"),
    N_ ("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_ ("[FILE]") },
  G_OPTION_ENTRY_NULL
};

/* Helpers */

static TupuWindow *
new_window (TupuApplication *self)
{
  g_assert (TUPU_IS_APPLICATION (self));

  return tupu_window_new (GTK_APPLICATION (self));
}

/* Opens the one GUI FILE argument: registers first so a running instance receives it. */
static int
open_from_command_line (TupuApplication *self, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GError) error = NULL;

  g_assert (TUPU_IS_APPLICATION (self));

  if (!g_application_register (G_APPLICATION (self), NULL, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return TUPU_EXIT_IO;
    }

  g_application_open (G_APPLICATION (self), &file, 1, "");

  /* The primary instance goes on to run (GApplication then activates, which only presents the
   * window "open" made); a remote one is done. */
  return g_application_get_is_remote (G_APPLICATION (self)) ? TUPU_EXIT_OK : -1;
}

/* Actions */

static void
quit_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  TupuApplication *self = user_data;
  GList           *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  g_assert (TUPU_IS_APPLICATION (self));

  /* Destroying windows (rather than g_application_quit) lets each save its size. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static void
about_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  TupuApplication *self = user_data;
  GtkWindow       *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char      *developers[] = { _ ("The Tupu developers"), NULL };
  GtkWidget       *about;

  g_assert (TUPU_IS_APPLICATION (self));

  about =
      g_object_new (ADW_TYPE_ABOUT_WINDOW, "transient-for", parent, "modal", parent != NULL,
                    "application-icon", APP_ID, "application-name", _ ("Tupu"), "developer-name",
                    _ ("The Tupu developers"), "version", PACKAGE_VERSION, "comments",
                    _ ("Explore the concept graph of a speech while you study it: "
                       "every concept with its wording, its meaning and the "
                       "passages that say it."),
                    "website", PACKAGE_WEBSITE, "issue-url", PACKAGE_ISSUES, "license-type",
                    GTK_LICENSE_GPL_3_0, "developers", developers,
                    /* Translators: put your names here, one per line */
                    "translator-credits", _ ("translator-credits"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  TupuApplication *self = user_data;
  GtkWindow       *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_assert (TUPU_IS_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (tupu_preferences_window_new (parent)));
}

/* Another window on the built-in graph, as the first one starts. */
static void
new_window_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  TupuApplication *self = user_data;
  TupuWindow      *window = new_window (self);

  tupu_window_open_builtin (window);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "new-window", new_window_action_cb },
};

/* Settings */

static void
color_scheme_changed_cb (TupuApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme   color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  g_assert (TUPU_IS_APPLICATION (self));

  /* "default" follows the system's preference, as libadwaita's default does. */
  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

/* Vfuncs */

static gboolean
tupu_application_local_command_line (GApplication *application, char ***arguments, int *exit_status)
{
  TupuApplication *self = TUPU_APPLICATION (application);
  gboolean         handled;

  self->options_handled = FALSE;
  handled = G_APPLICATION_CLASS (tupu_application_parent_class)
                ->local_command_line (application, arguments, exit_status);

  /* GApplication reports an option it could not parse with exit status 1, which Tupu reserves
   * for invalid graph files: a usage error is 2. */
  if (handled && !self->options_handled && *exit_status == 1)
    {
      g_printerr (_ ("Run “%s --help” to see a full list of available command line options.\n"),
                  g_get_prgname ());
      *exit_status = TUPU_EXIT_USAGE;
    }

  return handled;
}

static int
tupu_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  TupuApplication        *self = TUPU_APPLICATION (application);
  g_autofree const char **files = NULL;
  TupuCliArgs             args = { .version = g_variant_dict_contains (options, "version") };
  int                     status;

  self->options_handled = TRUE;

  g_variant_dict_lookup (options, "export", "^&ay", &args.export_path);
  g_variant_dict_lookup (options, "validate", "^&ay", &args.validate_path);
  g_variant_dict_lookup (options, "format", "&s", &args.format);
  g_variant_dict_lookup (options, "engine", "&s", &args.engine);
  g_variant_dict_lookup (options, "root", "&s", &args.root);
  g_variant_dict_lookup (options, "direction", "&s", &args.direction);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  args.files = files;

  status = tupu_cli_dispatch (&args);
  /* A window on the built-in graph or on FILE: see startup. */
  self->preload = status == -1;
  if (self->preload && files != NULL && files[0] != NULL)
    self->preload_file = g_file_new_for_commandline_arg (files[0]);
  if (status == -1 && files != NULL && files[0] != NULL)
    return open_from_command_line (self, files[0]);
  return status;
}

static void
tupu_application_startup (GApplication *application)
{
  TupuApplication *self = TUPU_APPLICATION (application);

  /* The first graph's load overlaps GTK's start, which follows (only the primary instance starts
   * up: one that hands its file over to a running Tupu loads nothing). */
  if (self->preload)
    _tupu_window_preload (self->preload_file);
  G_APPLICATION_CLASS (tupu_application_parent_class)->startup (application);
  /* GTK reads the icon theme on a worker once it is first asked for it, and the window's first
   * style pass asks (and waits) for icons before its X window exists: asking now has the theme
   * read while the window is being built. */
  gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  tupu_window_set_accels (GTK_APPLICATION (self));

  /* Before the first window, so it never shows in the wrong scheme. */
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self);
}

static void
tupu_application_activate (GApplication *application)
{
  TupuApplication *self = TUPU_APPLICATION (application);
  GtkWindow       *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      TupuWindow *new = new_window (self);

      tupu_window_open_builtin (new);
      window = GTK_WINDOW (new);
    }
  /* Presented at once, not when the graph is ready: showing the window (its style and first
   * size, some 50 ms) then overlaps the load, which lays the graph out in time for the first
   * frame. Waiting for the load put that wait before everything the window does to show. */

  gtk_window_present (window);
}

static void
tupu_application_open (GApplication *application, GFile **files, int n_files, const char *hint)
{
  TupuApplication *self = TUPU_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      TupuWindow *window = new_window (self);

      tupu_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
tupu_application_dispose (GObject *object)
{
  TupuApplication *self = TUPU_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->preload_file);

  G_OBJECT_CLASS (tupu_application_parent_class)->dispose (object);
}

static void
tupu_application_class_init (TupuApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tupu_application_dispose;

  /* Referencing the resource pulls its object file out of the static library; its constructor
   * then registers it. */
  if (tupu_get_resource () == NULL)
    g_error ("Tupu was built without its resources");

  app_class->local_command_line = tupu_application_local_command_line;
  app_class->handle_local_options = tupu_application_handle_local_options;
  app_class->startup = tupu_application_startup;
  app_class->activate = tupu_application_activate;
  app_class->open = tupu_application_open;
}

static void
tupu_application_init (TupuApplication *self)
{
  g_autofree char *description = NULL;

  g_assert (TUPU_IS_APPLICATION (self));

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (
      G_APPLICATION (self),
      _ ("Explore the concept graph of a speech. Without options, opens FILE (or the built-in "
         "speech graph) in a window."));

  description =
      g_strdup_printf ("%s\n  0  %s\n  1  %s\n  2  %s\n  3  %s", _ ("Exit status:"), _ ("success"),
                       _ ("the graph file is invalid"),
                       _ ("usage error: unknown option, engine, direction, file extension or id"),
                       _ ("input/output error: a file could not be read or written"));
  g_application_set_option_context_description (G_APPLICATION (self), description);
}

/* Public API */

TupuApplication *
tupu_application_new (void)
{
  return g_object_new (TUPU_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", "/io/github/tupu/Tupu",
                       NULL);
}

void
tupu_application_init_i18n (void)
{
  tupu_cli_init_i18n ();
}
