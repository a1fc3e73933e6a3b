/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-io.h: reading a stream whole, for the graph loader and the text reader. Not for use
 * outside src/core. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @stream until its end, or until it has read @limit + 1 bytes: one byte past the limit
 * is enough for the caller to refuse an input over it, without reading a huge one whole. NULL
 * and @error set (GIO's error) when a read fails. */
GBytes *_tupu_read_to_end (GInputStream *stream, gsize limit, GCancellable *cancellable,
                           GError **error);

G_END_DECLS
