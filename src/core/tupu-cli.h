/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-cli.h: the display-free command line (--export, --validate), run through core. */
#pragma once

#include <glib.h>

#include "tupu-export.h"

G_BEGIN_DECLS

/* Exit codes, documented in --help and README.md. */
typedef enum
{
  TUPU_EXIT_OK = 0,
  TUPU_EXIT_INVALID = 1, /* the graph file is invalid */
  TUPU_EXIT_USAGE = 2,   /* unknown option, engine, direction, extension or id */
  TUPU_EXIT_IO = 3,      /* a file could not be read or written */
} TupuExitCode;

/* What the command line asked for (tupu --help lists the options). */
typedef struct
{
  const char        *export_path;
  const char        *validate_path;
  const char        *format;
  const char        *engine;
  const char        *root;
  const char        *direction;
  const char *const *files; /* NULL-terminated, or NULL */
  gboolean           version;
} TupuCliArgs;

/* Runs what @args ask for that needs no window (--version, --validate, --export, and every usage
 * error) and returns its exit code; returns -1 when @args ask for the window, with at most one
 * FILE. */
int tupu_cli_dispatch (const TupuCliArgs *args);

/* The command line's fast path, run before any GTK library is loaded: when @argv asks only for
 * --version, --validate or --export, runs it, sets *@handled and returns the exit code. Anything
 * else (the window, --help, an option it does not know) is left to the application: *@handled
 * FALSE. */
int tupu_cli_main (int argc, char **argv, gboolean *handled);

/* gettext for the program (the catalogue from $TUPU_LOCALEDIR or the installed one). */
void tupu_cli_init_i18n (void);

/* Prints every problem as file:line:column: message on stderr; returns an exit code.
 * @file NULL = the built-in graph. */
int tupu_cli_validate (const char *file);
/* Lays out (@engine NULL = dot; @root NULL = whole graph; @direction "lr" or "tb", NULL = lr)
 * and writes @out, a path or "-" for standard output, in @format ("svg", "png", "pdf" or "dot";
 * NULL = from @out's extension). Messages on stderr. */
int tupu_cli_export (const char *out, const char *format, const char *engine, const char *root,
                     const char *direction, const char *file);
/* When @flatpak_info exists (Flatpak puts /.flatpak-info in every sandbox) and @out is a path,
 * not "-": the warning that the file stays in the sandbox, with the command line that writes
 * to standard output instead. NULL otherwise. */
char *tupu_cli_sandbox_warning (const char *flatpak_info, const char *out, TupuExportFormat format,
                                const char *file);

G_END_DECLS
