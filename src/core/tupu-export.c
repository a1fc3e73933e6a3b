/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-export.c: writing a layout to a stream or, atomically, to a file. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "tupu-export-private.h"
#include "tupu-export.h"
#include "tupu-painter.h"
#include "tupu-style.h"

/* Cairo images are limited to 32767 pixels a side; memory to what a desktop can spare. */
#define PNG_MAX_SIDE 16384
#define PNG_MAX_PIXELS (64 * 1024 * 1024)
#define PNG_SCALE 2.0

/* The macro stringifies its first argument, which clang-format would space out. */
/* clang-format off */
G_DEFINE_QUARK (tupu-export-error-quark, tupu_export_error)
/* clang-format on */

gboolean
tupu_export_format_from_path (const char *path, TupuExportFormat *format)
{
  static const struct
  {
    const char      *extension;
    TupuExportFormat format;
  } formats[] = {
    { ".svg", TUPU_EXPORT_SVG },
    { ".png", TUPU_EXPORT_PNG },
    { ".pdf", TUPU_EXPORT_PDF },
    { ".dot", TUPU_EXPORT_DOT },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_str_has_suffix (lower, formats[i].extension) &&
          strlen (lower) > strlen (formats[i].extension))
        {
          *format = formats[i].format;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
tupu_export_format_from_name (const char *name, TupuExportFormat *format)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  /* A bare name such as "svg.png" must not pass as the extension it ends with. */
  if (strchr (name, '.') != NULL)
    return FALSE;
  path = g_strconcat ("x.", name, NULL);
  return tupu_export_format_from_path (path, format);
}

const TupuNode *
_tupu_export_branch (TupuLayout *layout)
{
  int root = layout->options.root;

  if (root < 0 || (guint)root == tupu_graph_get_root (layout->graph))
    return NULL;
  return tupu_graph_get_node (layout->graph, (guint)root);
}

char *
_tupu_export_title (TupuLayout *layout)
{
  TupuGraph      *graph = layout->graph;
  const TupuNode *branch = _tupu_export_branch (layout);

  if (branch == NULL)
    return g_strdup_printf ("%s / %s", tupu_graph_get_title_zh (graph),
                            tupu_graph_get_title_en (graph));
  return g_strdup_printf ("%s / %s — %s", branch->label_zh, branch->label_en,
                          tupu_graph_get_title_zh (graph));
}

const char *
tupu_export_format_to_name (TupuExportFormat format)
{
  switch (format)
    {
    case TUPU_EXPORT_SVG:
      return "svg";
    case TUPU_EXPORT_PNG:
      return "png";
    case TUPU_EXPORT_PDF:
      return "pdf";
    case TUPU_EXPORT_DOT:
      return "dot";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Text formats                                                                                */

static gboolean
write_string (GOutputStream *out, GString *text, GCancellable *cancellable, GError **error)
{
  return g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);
}

/* SVG and DOT are text built in memory by their writers, then written in one go. */
static gboolean
export_text (void (*writer) (TupuLayout *, GString *), TupuLayout *layout, GOutputStream *out,
             GCancellable *cancellable, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  writer (layout, text);
  return write_string (out, text, cancellable, error);
}

gboolean
tupu_export_svg (TupuLayout *layout, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  return export_text (_tupu_svg_write, layout, out, cancellable, error);
}

gboolean
tupu_export_dot (TupuLayout *layout, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  return export_text (_tupu_dot_write, layout, out, cancellable, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Cairo formats                                                                               */

typedef struct
{
  GOutputStream *out;
  GCancellable  *cancellable;
  GError        *error;
} StreamClosure;

static cairo_status_t
stream_write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  StreamClosure *stream = closure;

  if (stream->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (stream->out, data, length, NULL, stream->cancellable,
                                  &stream->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Hands on the stream's own error if it had one, else cairo's. */
static gboolean
finish_stream (StreamClosure *stream, cairo_status_t status, GError **error)
{
  if (stream->error != NULL)
    {
      g_propagate_error (error, stream->error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not draw the image: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
png_size (TupuLayout *layout, double scale, int *width, int *height, GError **error)
{
  double w = ceil (layout->bounds.width * scale), h = ceil (layout->bounds.height * scale);

  if (w > PNG_MAX_SIDE || h > PNG_MAX_SIDE || w * h > PNG_MAX_PIXELS)
    {
      g_set_error (
          error, TUPU_EXPORT_ERROR, TUPU_EXPORT_ERROR_TOO_LARGE,
          _ ("The image would be %.0f × %.0f pixels; PNG export is limited to %d pixels a "
             "side and %d megapixels. Export to SVG or PDF, or export a part with --root."),
          w, h, PNG_MAX_SIDE, PNG_MAX_PIXELS / (1024 * 1024));
      return FALSE;
    }
  *width = MAX (1, (int)w);
  *height = MAX (1, (int)h);
  return TRUE;
}

gboolean
tupu_export_png (TupuLayout *layout, double scale, GOutputStream *out, GCancellable *cancellable,
                 GError **error)
{
  StreamClosure    stream = { out, cancellable, NULL };
  TupuPaintOptions options;
  cairo_surface_t *surface;
  cairo_status_t   status;
  TupuColor        bg;
  cairo_t         *cr;
  int              width, height;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!png_size (layout, scale, &width, &height, error))
    return FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* Paint the whole image, not just the bounds: the last pixel row and column are partial. */
  bg = tupu_style_background (FALSE);
  cairo_set_source_rgba (cr, bg.r, bg.g, bg.b, bg.a);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  tupu_paint_options_init (&options);
  options.scale = scale;
  tupu_painter_draw (cr, layout, &options);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, stream_write_cb, &stream);
  cairo_surface_destroy (surface);
  return finish_stream (&stream, status, error);
}

gboolean
tupu_export_pdf (TupuLayout *layout, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  StreamClosure    stream = { out, cancellable, NULL };
  TupuPaintOptions options;
  cairo_surface_t *surface;
  cairo_status_t   status;
  cairo_t         *cr;
  g_autofree char *title = NULL;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  /* Layout units are points, as are PDF's. */
  surface = cairo_pdf_surface_create_for_stream (stream_write_cb, &stream, layout->bounds.width,
                                                 layout->bounds.height);
  /* A PDF viewer's window and the desktop's file properties show the title. */
  title = _tupu_export_title (layout);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tupu");
  cr = cairo_create (surface);
  tupu_paint_options_init (&options);
  options.background = TRUE;
  tupu_painter_draw (cr, layout, &options);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return finish_stream (&stream, status, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                       */

/* The largest PNG scale up to PNG_SCALE that fits the pixel caps, down to 1:1. */
static double
png_file_scale (TupuLayout *layout)
{
  double side = MAX (layout->bounds.width, layout->bounds.height);
  double area = MAX (1.0, layout->bounds.width * layout->bounds.height);
  double scale = PNG_SCALE;

  scale = MIN (scale, PNG_MAX_SIDE / MAX (1.0, side));
  scale = MIN (scale, sqrt (PNG_MAX_PIXELS / area));
  return MAX (1.0, floor (scale * 100) / 100);
}

gboolean
tupu_export_to_stream (TupuLayout *layout, TupuExportFormat format, GOutputStream *out,
                       GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  switch (format)
    {
    case TUPU_EXPORT_SVG:
      return tupu_export_svg (layout, out, cancellable, error);
    case TUPU_EXPORT_PNG:
      return tupu_export_png (layout, png_file_scale (layout), out, cancellable, error);
    case TUPU_EXPORT_PDF:
      return tupu_export_pdf (layout, out, cancellable, error);
    case TUPU_EXPORT_DOT:
      return tupu_export_dot (layout, out, cancellable, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static const char *
create_error_reason (const GError *error)
{
  switch (error->code)
    {
    case G_IO_ERROR_NOT_FOUND:
      return _ ("its folder does not exist");
    case G_IO_ERROR_PERMISSION_DENIED:
      return _ ("permission denied");
    case G_IO_ERROR_NO_SPACE:
      return _ ("no space left on the device");
    case G_IO_ERROR_READ_ONLY:
      return _ ("the file system is read-only");
    case G_IO_ERROR_NOT_DIRECTORY:
      return _ ("its folder is not a folder");
    default:
      return error->message;
    }
}

/* A new, empty file next to @file (same directory, so the final rename stays atomic). */
static GFileOutputStream *
create_temporary (GFile *file, GFile **tmp_out, GError **error)
{
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);

  if (parent == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _ ("“%s” is not a file name"),
                   basename);
      return NULL;
    }

  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.tmp", basename, g_random_int ());
      g_autoptr (GFile) tmp = g_file_get_child (parent, name);
      g_autoptr (GError) local_error = NULL;
      GFileOutputStream *stream = g_file_create (tmp, G_FILE_CREATE_NONE, NULL, &local_error);

      if (stream != NULL)
        {
          *tmp_out = g_steal_pointer (&tmp);
          return stream;
        }
      if (attempt > 8 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_autofree char *display = g_file_get_parse_name (file);

          /* GIO's message names the temporary file; the user knows only the real one. */
          g_set_error (error, G_IO_ERROR, local_error->code, _ ("Could not write “%s”: %s"),
                       display, create_error_reason (local_error));
          return NULL;
        }
    }
}

gboolean
tupu_export_to_file (TupuLayout *layout, TupuExportFormat format, GFile *file,
                     GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) tmp = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  gboolean ok;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = create_temporary (file, &tmp, error);
  if (stream == NULL)
    return FALSE;

  ok = tupu_export_to_stream (layout, format, G_OUTPUT_STREAM (stream), cancellable, error);
  /* Close even after a failure, so the descriptor is released before the file is deleted. */
  if (ok)
    ok = g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
  else
    g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
  if (ok)
    ok = g_file_move (tmp, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS, cancellable,
                      NULL, NULL, error);
  if (!ok)
    g_file_delete (tmp, NULL, NULL);
  return ok;
}
