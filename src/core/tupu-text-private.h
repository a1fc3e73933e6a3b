/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-text-private.h: the text reader's stream entry point. Not for use outside src/core. */
#pragma once

#include "tupu-text.h"

G_BEGIN_DECLS

/* The second half of tupu_text_new_from_file(), once the file is open: reads @stream to its end
 * and refuses a text over the size limit (G_IO_ERROR_INVALID_DATA), as well as what
 * tupu_text_new_from_bytes() refuses. */
TupuText *_tupu_text_new_from_stream (GInputStream *stream, GCancellable *cancellable,
                                      GError **error);

G_END_DECLS
