/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-text.h: the studied text, split into paragraphs (its non-empty lines). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TUPU_TYPE_TEXT (tupu_text_get_type ())
G_DECLARE_FINAL_TYPE (TupuText, tupu_text, TUPU, TEXT, GObject)

/* Fails (G_IO_ERROR_INVALID_DATA) on invalid UTF-8 or NUL bytes. */
TupuText *tupu_text_new_from_bytes (GBytes *bytes, GError **error);
TupuText *tupu_text_new_from_file (GFile *file, GError **error);
/* The built-in speech (data/speech-zh.txt in the core GResource); a shared reference. */
TupuText *tupu_text_get_builtin (void);

guint tupu_text_get_n_paras (TupuText *self);
/* 1-based; NULL when out of range. Without the line's trailing "\r". */
const char *tupu_text_get_para (TupuText *self, guint para);
/* Character offset of the first occurrence of @quote at or after character @from in @para,
 * or -1. */
int tupu_text_find (TupuText *self, guint para, const char *quote, int from);
/* Number of occurrences of @quote in @para (overlapping ones counted). */
guint tupu_text_count (TupuText *self, guint para, const char *quote);

G_END_DECLS
