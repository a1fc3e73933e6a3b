/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trickle-stream.h: an input stream that returns a few bytes per read, as a pipe or a remote
 * file may, so that the tests see whether a reader reads to the end. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TRICKLE_TYPE_STREAM (trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TrickleStream, trickle_stream, TRICKLE, STREAM, GInputStream)

/* Serves @bytes at most @max_read bytes per read. With @fail_at_end, the read that would
 * return the end fails instead (G_IO_ERROR_CONNECTION_CLOSED), like a dropped connection. */
GInputStream *trickle_stream_new (GBytes *bytes, gsize max_read, gboolean fail_at_end);
/* How many bytes the reader has taken so far, and in how many reads. */
gsize trickle_stream_get_served (TrickleStream *self);
guint trickle_stream_get_n_reads (TrickleStream *self);

G_END_DECLS
