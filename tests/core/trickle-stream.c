/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trickle-stream.c: an input stream that returns a few bytes per read. */

#include <string.h>

#include "trickle-stream.h"

struct _TrickleStream
{
  GInputStream parent_instance;
  GBytes      *bytes;
  gsize        max_read;
  gboolean     fail_at_end;
  gsize        served;
  guint        n_reads;
};

G_DEFINE_FINAL_TYPE (TrickleStream, trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
trickle_stream_read (GInputStream *stream, void *buffer, gsize count, GCancellable *cancellable,
                     GError **error)
{
  TrickleStream *self = TRICKLE_STREAM (stream);
  gsize          size = 0;
  const guint8  *data = g_bytes_get_data (self->bytes, &size);
  gsize          n = MIN (MIN (count, self->max_read), size - self->served);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  self->n_reads++;
  if (n == 0 && count > 0 && self->fail_at_end)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "the pipe broke");
      return -1;
    }
  memcpy (buffer, data + self->served, n);
  self->served += n;
  return (gssize)n;
}

static void
trickle_stream_finalize (GObject *object)
{
  TrickleStream *self = TRICKLE_STREAM (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (trickle_stream_parent_class)->finalize (object);
}

static void
trickle_stream_class_init (TrickleStreamClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = trickle_stream_finalize;
  stream_class->read_fn = trickle_stream_read;
}

static void
trickle_stream_init (TrickleStream *self)
{
}

GInputStream *
trickle_stream_new (GBytes *bytes, gsize max_read, gboolean fail_at_end)
{
  TrickleStream *self = g_object_new (TRICKLE_TYPE_STREAM, NULL);

  g_assert (max_read > 0);
  self->bytes = g_bytes_ref (bytes);
  self->max_read = max_read;
  self->fail_at_end = fail_at_end;
  return G_INPUT_STREAM (self);
}

gsize
trickle_stream_get_served (TrickleStream *self)
{
  return self->served;
}

guint
trickle_stream_get_n_reads (TrickleStream *self)
{
  return self->n_reads;
}
