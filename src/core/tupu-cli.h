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
