/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-cli.c: `tupu --validate` and `tupu --export`, run without a display.
 *
 * Errors go to stderr, prefixed "tupu: " unless they are located diagnostics
 * (file:line:column: message), which are printed as they are so editors can jump to them.
 * Success prints nothing.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tupu-cli.h"
#include "tupu-export.h"
#include "tupu-graph.h"
#include "tupu-layout.h"

static void
print_diagnostics (GPtrArray *diagnostics, const char *file)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      /* Name the file as the user typed it, as compilers do, so a terminal or an editor can
       * jump to it from any working directory (the loader names it by its basename). */
      TupuDiagnostic   diag = *(TupuDiagnostic *)g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (file != NULL)
        diag.file = (char *)file;
      line = tupu_diagnostic_format (&diag);
      g_printerr ("%s\n", line);
    }
}

/* Loads @file (NULL = the built-in graph), printing every problem. On failure returns NULL and
 * sets *exit_code. */
static TupuGraph *
load_graph (const char *file, int *exit_code)
{
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autoptr (GError) error = NULL;
  TupuGraph *graph;

  if (file == NULL)
    graph = tupu_graph_load_builtin (&error);
  else
    {
      g_autoptr (GFile) gfile = g_file_new_for_commandline_arg (file);

      graph = tupu_graph_load_file (gfile, NULL, &diagnostics, &error);
    }

  print_diagnostics (diagnostics, file);
  if (graph != NULL)
    return graph;

  /* The diagnostics already say what is wrong; an I/O error or a bare error has none. */
  if (tupu_diagnostics_first (diagnostics, TUPU_SEVERITY_ERROR) == NULL)
    g_printerr ("tupu: %s\n", error->message);
  *exit_code =
      g_error_matches (error, TUPU_GRAPH_ERROR, TUPU_GRAPH_ERROR_IO) || error->domain == G_IO_ERROR
          ? TUPU_EXIT_IO
          : TUPU_EXIT_INVALID;
  return NULL;
}

int
tupu_cli_validate (const char *file)
{
  g_autoptr (TupuGraph) graph = NULL;
  int exit_code = TUPU_EXIT_OK;

  graph = load_graph (file, &exit_code);
  return graph != NULL ? TUPU_EXIT_OK : exit_code;
}

/* The exit code for a failure to lay out or write. */
static int
exit_code_for (const GError *error)
{
  if (error->domain == TUPU_LAYOUT_ERROR)
    {
      /* Beyond a documented limit, or not drawable: a property of the input. */
      return error->code == TUPU_LAYOUT_ERROR_NO_ROOT ? TUPU_EXIT_USAGE : TUPU_EXIT_INVALID;
    }
  /* A picture too large for PNG is a property of the input too. */
  if (error->domain == TUPU_EXPORT_ERROR)
    return TUPU_EXIT_INVALID;
  return TUPU_EXIT_IO;
}

/* The format: --format when given, else the extension of @out; standard output ("-") has none. */
static gboolean
parse_format (const char *out, const char *format_name, TupuExportFormat *format)
{
  if (format_name != NULL)
    {
      if (tupu_export_format_from_name (format_name, format))
        return TRUE;
      g_printerr (_ ("tupu: unknown format “%s”; use svg, png, pdf or dot\n"), format_name);
      return FALSE;
    }
  if (g_strcmp0 (out, "-") == 0)
    {
      g_printerr (_ ("tupu: writing to standard output needs --format svg, png, pdf or dot\n"));
      return FALSE;
    }
  if (out == NULL || !tupu_export_format_from_path (out, format))
    {
      g_printerr (_ ("tupu: cannot tell the format of “%s”; use a name ending in .svg, .png, .pdf "
                     "or .dot, or --format\n"),
                  out != NULL ? out : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_arguments (const char *out, const char *format_name, const char *engine,
                 const char *direction, TupuLayoutOptions *options, TupuExportFormat *format)
{
  if (engine != NULL && !tupu_engine_from_string (engine, &options->engine))
    {
      g_printerr (_ ("tupu: unknown engine “%s”; use dot, neato, fdp, sfdp, circo or twopi\n"),
                  engine);
      return FALSE;
    }
  if (direction != NULL && !tupu_direction_from_string (direction, &options->direction))
    {
      g_printerr (_ ("tupu: unknown direction “%s”; use lr or tb\n"), direction);
      return FALSE;
    }
  return parse_format (out, format_name, format);
}

/* Standard output takes the whole export at once: a failure before the end leaves it empty, as
 * a failed export to a file leaves no file. The bytes go out as they are (PNG and PDF are
 * binary), so the output works in pipes and redirections. */
static gboolean
export_to_stdout (TupuLayout *layout, TupuExportFormat format, GError **error)
{
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) bytes = NULL;
  gsize         size;
  gconstpointer data;

  if (!tupu_export_to_stream (layout, format, memory, NULL, error) ||
      !g_output_stream_close (memory, NULL, error))
    return FALSE;

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  data = g_bytes_get_data (bytes, &size);
  if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Could not write to standard output: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A word for a shell command line: as it is when it needs no quoting. */
static char *
shell_word (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_-+=.,/:@%", *p) == NULL)
      return g_shell_quote (word);
  return *word != '\0' ? g_strdup (word) : g_shell_quote (word);
}

char *
tupu_cli_sandbox_warning (const char *flatpak_info, const char *out, TupuExportFormat format,
                          const char *file)
{
  g_autofree char *out_word = NULL;
  g_autofree char *file_words = NULL;

  g_return_val_if_fail (flatpak_info != NULL, NULL);
  g_return_val_if_fail (out != NULL, NULL);

  /* Flatpak puts this file at the root of every sandbox. Standard output goes to the host. */
  if (g_str_equal (out, "-") || !g_file_test (flatpak_info, G_FILE_TEST_EXISTS))
    return NULL;

  out_word = shell_word (out);
  if (file != NULL)
    {
      g_autofree char *file_word = shell_word (file);

      file_words = g_strdup_printf (" @@ %s @@", file_word);
    }
  return g_strdup_printf (
      _ ("tupu: warning: Tupu runs in a Flatpak sandbox: “%s” was written inside the sandbox and "
         "may not appear on your system. Write to standard output instead:\n"
         "  flatpak run%s %s --export - --format %s%s > %s\n"),
      out, file != NULL ? " --file-forwarding" : "", APP_ID, tupu_export_format_to_name (format),
      file_words != NULL ? file_words : "", out_word);
}

/* Writes the export to @out, a path or "-"; on failure returns FALSE with @error set. */
static gboolean
write_export (TupuLayout *layout, TupuExportFormat format, const char *out, GError **error)
{
  g_autoptr (GFile) out_file = NULL;

  if (g_str_equal (out, "-"))
    return export_to_stdout (layout, format, error);

  out_file = g_file_new_for_commandline_arg (out);
  return tupu_export_to_file (layout, format, out_file, NULL, error);
}

int
tupu_cli_export (const char *out, const char *format_name, const char *engine, const char *root,
                 const char *direction, const char *file)
{
  g_autoptr (TupuGraph) graph = NULL;
  g_autoptr (TupuLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char  *warning = NULL;
  TupuLayoutOptions options;
  TupuExportFormat  format;
  int               exit_code = TUPU_EXIT_OK;

  tupu_layout_options_init (&options);
  if (!parse_arguments (out, format_name, engine, direction, &options, &format))
    return TUPU_EXIT_USAGE;

  graph = load_graph (file, &exit_code);
  if (graph == NULL)
    return exit_code;

  if (root != NULL)
    {
      options.root = tupu_graph_lookup (graph, root);
      if (options.root < 0)
        {
          g_printerr (_ ("tupu: the graph has no concept with the id “%s”\n"), root);
          return TUPU_EXIT_USAGE;
        }
    }

  layout = tupu_layout_compute (graph, &options, NULL, &error);
  if (layout == NULL || !write_export (layout, format, out, &error))
    {
      g_printerr ("tupu: %s\n", error->message);
      return exit_code_for (error);
    }

  warning = tupu_cli_sandbox_warning ("/.flatpak-info", out, format, file);
  if (warning != NULL)
    g_printerr ("%s", warning);
  return TUPU_EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------------------------ */

static int
usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  g_printerr (_ ("Run “%s --help” to see a full list of available command line options.\n"),
              g_get_prgname ());
  return TUPU_EXIT_USAGE;
}

int
tupu_cli_dispatch (const TupuCliArgs *args)
{
  guint n_files;

  g_return_val_if_fail (args != NULL, TUPU_EXIT_USAGE);

  n_files = args->files != NULL ? g_strv_length ((char **)args->files) : 0;
  if (args->version)
    {
      g_print ("%s %s\n", g_get_prgname (), PACKAGE_VERSION);
      return TUPU_EXIT_OK;
    }
  if (args->validate_path != NULL)
    {
      if (args->export_path != NULL || args->format != NULL || args->engine != NULL ||
          args->root != NULL || args->direction != NULL || n_files > 0)
        return usage_error (_ ("--validate takes one FILE and no other option"));
      return tupu_cli_validate (args->validate_path);
    }
  if (args->export_path != NULL)
    {
      if (n_files > 1)
        return usage_error (_ ("--export takes at most one FILE"));
      return tupu_cli_export (args->export_path, args->format, args->engine, args->root,
                              args->direction, n_files == 1 ? args->files[0] : NULL);
    }
  if (args->format != NULL || args->engine != NULL || args->root != NULL || args->direction != NULL)
    return usage_error (_ ("--format, --engine, --root and --direction only apply to --export"));
  if (n_files > 1)
    return usage_error (_ ("Tupu opens one FILE at a time"));
  return -1;
}

/* ---- the fast path ------------------------------------------------------------------------- */

/* Whether @argv names one of the options that never need a window. A cheap look before any
 * parsing, so that opening the window costs nothing more than it did. */
static gboolean
asks_for_cli (int argc, char **argv)
{
  for (int i = 1; i < argc && g_strcmp0 (argv[i], "--") != 0; i++)
    if (g_str_has_prefix (argv[i], "--export") || g_str_has_prefix (argv[i], "--validate") ||
        g_strcmp0 (argv[i], "--version") == 0 ||
        (argv[i][0] == '-' && argv[i][1] != '-' && strchr (argv[i], 'e') != NULL))
      return TRUE;
  return FALSE;
}

int
tupu_cli_main (int argc, char **argv, gboolean *handled)
{
  g_autofree char *export_path = NULL, *validate_path = NULL, *format = NULL, *engine = NULL;
  g_autofree char *root = NULL, *direction = NULL;
  g_auto (GStrv) files = NULL;
  gboolean           version = FALSE;
  const GOptionEntry entries[] = {
    /* The same options as TupuApplication's, which --help shows and which handles anything
     * this path leaves to it. */
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &export_path, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "engine", 0, 0, G_OPTION_ARG_STRING, &engine, NULL, NULL },
    { "root", 0, 0, G_OPTION_ARG_STRING, &root, NULL, NULL },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction, NULL, NULL },
    { "validate", 0, 0, G_OPTION_ARG_FILENAME, &validate_path, NULL, NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **copy = NULL;
  int               n = argc;
  char            **args;
  TupuCliArgs       cli;

  g_return_val_if_fail (handled != NULL, TUPU_EXIT_USAGE);

  *handled = FALSE;
  if (!asks_for_cli (argc, argv))
    return -1;
  /* g_option_context_parse removes what it parses from the array without freeing it: the
   * strings are freed from @owned. */
  copy = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (owned, copy[i] = g_strdup (argv[i]));
  args = copy;
  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  /* A mistake (a missing argument, an unknown option) is left to the application, which
   * reports it as it always has. */
  if (!g_option_context_parse (context, &n, &args, NULL) || n > 1)
    return -1;
  if (!version && export_path == NULL && validate_path == NULL)
    return -1;
  cli = (TupuCliArgs){ .export_path = export_path,
                       .validate_path = validate_path,
                       .format = format,
                       .engine = engine,
                       .root = root,
                       .direction = direction,
                       .files = (const char *const *)files,
                       .version = version };
  *handled = TRUE;
  return tupu_cli_dispatch (&cli);
}

void
tupu_cli_init_i18n (void)
{
  const char *localedir = g_getenv ("TUPU_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
