/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-cli.c: `tupu --validate` and `tupu --export`, run without a display.
 *
 * Errors go to stderr, prefixed "tupu: " unless they are located diagnostics
 * (file:line:column: message), which are printed as they are so editors can jump to them.
 * Success prints nothing.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

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

static gboolean
parse_arguments (const char *out, const char *engine, const char *direction,
                 TupuLayoutOptions *options, TupuExportFormat *format)
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
  if (out == NULL || !tupu_export_format_from_path (out, format))
    {
      g_printerr (_ ("tupu: cannot tell the format of “%s”; use a name ending in .svg, .png, .pdf "
                     "or .dot\n"),
                  out != NULL ? out : "");
      return FALSE;
    }
  return TRUE;
}

int
tupu_cli_export (const char *out, const char *engine, const char *root, const char *direction,
                 const char *file)
{
  g_autoptr (TupuGraph) graph = NULL;
  g_autoptr (TupuLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) out_file = NULL;
  TupuLayoutOptions options;
  TupuExportFormat  format;
  int               exit_code = TUPU_EXIT_OK;

  tupu_layout_options_init (&options);
  if (!parse_arguments (out, engine, direction, &options, &format))
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
  out_file = g_file_new_for_commandline_arg (out);
  if (layout == NULL || !tupu_export_to_file (layout, format, out_file, NULL, &error))
    {
      g_printerr ("tupu: %s\n", error->message);
      return exit_code_for (error);
    }
  return TUPU_EXIT_OK;
}
