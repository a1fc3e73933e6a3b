/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-export.h: SVG (our own writer), PNG and PDF (the painter), DOT (names = node ids). */
#pragma once

#include <gio/gio.h>

#include "tupu-layout.h"

G_BEGIN_DECLS

#define TUPU_EXPORT_ERROR (tupu_export_error_quark ())
GQuark tupu_export_error_quark (void);

typedef enum
{
  TUPU_EXPORT_ERROR_TOO_LARGE, /* a PNG beyond the pixel caps; the message suggests SVG or PDF */
} TupuExportError;

typedef enum
{
  TUPU_EXPORT_SVG,
  TUPU_EXPORT_PNG,
  TUPU_EXPORT_PDF,
  TUPU_EXPORT_DOT,
} TupuExportFormat;

/* From a file name's extension (case-insensitive); FALSE when unknown. */
gboolean tupu_export_format_from_path (const char *path, TupuExportFormat *format);
/* From a format's name, "svg", "png", "pdf" or "dot" (case-insensitive); FALSE when unknown. */
gboolean    tupu_export_format_from_name (const char *name, TupuExportFormat *format);
const char *tupu_export_format_to_name (TupuExportFormat format);

gboolean tupu_export_svg (TupuLayout *layout, GOutputStream *out, GCancellable *cancellable,
                          GError **error);
gboolean tupu_export_dot (TupuLayout *layout, GOutputStream *out, GCancellable *cancellable,
                          GError **error);
gboolean tupu_export_png (TupuLayout *layout, double scale, GOutputStream *out,
                          GCancellable *cancellable, GError **error);
gboolean tupu_export_pdf (TupuLayout *layout, GOutputStream *out, GCancellable *cancellable,
                          GError **error);
/* Writes @format to @out (left open) as a file export would: PNG at the file's scale. */
gboolean tupu_export_to_stream (TupuLayout *layout, TupuExportFormat format, GOutputStream *out,
                                GCancellable *cancellable, GError **error);
/* Writes through a temporary file and renames it into place only on success, so a failure
 * leaves no file behind (and keeps an existing one). */
gboolean tupu_export_to_file (TupuLayout *layout, TupuExportFormat format, GFile *file,
                              GCancellable *cancellable, GError **error);

G_END_DECLS
