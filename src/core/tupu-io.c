/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-io.c: reading a stream whole. */

#include "config.h"

#include "tupu-io.h"

/* Most graph files and texts fit in one read; bigger ones grow the buffer as they come. */
#define READ_CHUNK (64 * 1024)

GBytes *
_tupu_read_to_end (GInputStream *stream, gsize limit, GCancellable *cancellable, GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (limit < G_MAXUINT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A read may return fewer bytes than asked without being at the end (a pipe, a remote file,
   * a slow disk): only a read of 0 bytes means the end. */
  while (data->len <= limit)
    {
      guint  len = data->len;
      gsize  want = MIN (READ_CHUNK, limit + 1 - len);
      gssize n;

      g_byte_array_set_size (data, len + want);
      n = g_input_stream_read (stream, data->data + len, want, cancellable, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (data, len + n);
      if (n == 0)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
