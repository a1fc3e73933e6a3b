/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-text.c: the studied text, split into paragraphs (its non-blank lines). */

#include "config.h"

#include <string.h>

#include "tupu-core-resources.h"
#include "tupu-io.h"
#include "tupu-text-private.h"

#define TEXT_SIZE_LIMIT (4 * 1024 * 1024)
#define BUILTIN_TEXT_PATH "/io/github/tupu/Tupu/core/speech-zh.txt"

struct _TupuText
{
  GObject    parent_instance;
  GPtrArray *paras; /* of char*, each without its line break */
};

G_DEFINE_FINAL_TYPE (TupuText, tupu_text, G_TYPE_OBJECT)

/* ---- helpers ------------------------------------------------------------------------------- */

static gboolean
line_is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
split_paragraphs (TupuText *self, const char *data, gsize len)
{
  const char *end = data + len;
  const char *line = data;

  while (line < end)
    {
      const char *nl = memchr (line, '\n', end - line);
      const char *line_end = nl != NULL ? nl : end;
      gsize       line_len = line_end - line;
      char       *para;

      if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;
      para = g_strndup (line, line_len);
      if (line_is_blank (para))
        g_free (para);
      else
        g_ptr_array_add (self->paras, para);
      line = line_end + 1;
    }
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
tupu_text_finalize (GObject *object)
{
  TupuText *self = TUPU_TEXT (object);

  g_clear_pointer (&self->paras, g_ptr_array_unref);

  G_OBJECT_CLASS (tupu_text_parent_class)->finalize (object);
}

static void
tupu_text_class_init (TupuTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tupu_text_finalize;
}

static void
tupu_text_init (TupuText *self)
{
  self->paras = g_ptr_array_new_with_free_func (g_free);
}

/* ---- public API ---------------------------------------------------------------------------- */

TupuText *
tupu_text_new_from_bytes (GBytes *bytes, GError **error)
{
  gsize       len = 0;
  const char *data;
  const char *bad = NULL;
  TupuText   *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > 0 && !g_utf8_validate (data, len, &bad))
    {
      if (*bad == '\0')
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "The text contains a NUL byte at byte %" G_GSIZE_FORMAT, (gsize)(bad - data));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "The text is not valid UTF-8 at byte %" G_GSIZE_FORMAT, (gsize)(bad - data));
      return NULL;
    }

  self = g_object_new (TUPU_TYPE_TEXT, NULL);
  /* A leading BOM is not part of the first paragraph's wording. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    split_paragraphs (self, data + 3, len - 3);
  else
    split_paragraphs (self, data, len);
  return self;
}

TupuText *
_tupu_text_new_from_stream (GInputStream *stream, GCancellable *cancellable, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Read one byte past the limit to tell "exactly at the limit" from "over it". */
  bytes = _tupu_read_to_end (stream, TEXT_SIZE_LIMIT, cancellable, error);
  if (bytes == NULL)
    return NULL;
  if (g_bytes_get_size (bytes) > TEXT_SIZE_LIMIT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The text is larger than the limit of 4 MiB");
      return NULL;
    }
  return tupu_text_new_from_bytes (bytes, error);
}

TupuText *
tupu_text_new_from_file (GFile *file, GError **error)
{
  g_autoptr (GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  return _tupu_text_new_from_stream (G_INPUT_STREAM (stream), NULL, error);
}

/* Returns the built-in speech, transfer none: it lives as long as the process. */
TupuText *
tupu_text_get_builtin (void)
{
  static TupuText *builtin = NULL;

  if (g_once_init_enter (&builtin))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;
      TupuText *text;

      /* Referencing the resource explicitly keeps it in a static link, where its constructor
       * alone could be dropped by the linker. */
      bytes = g_resource_lookup_data (tupu_core_get_resource (), BUILTIN_TEXT_PATH,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The built-in speech is missing from the core resource: %s", error->message);
      text = tupu_text_new_from_bytes (bytes, &error);
      if (text == NULL)
        g_error ("The built-in speech is broken: %s", error->message);
      g_once_init_leave (&builtin, text);
    }
  return builtin;
}

guint
tupu_text_get_n_paras (TupuText *self)
{
  g_return_val_if_fail (TUPU_IS_TEXT (self), 0);

  return self->paras->len;
}

const char *
tupu_text_get_para (TupuText *self, guint para)
{
  g_return_val_if_fail (TUPU_IS_TEXT (self), NULL);

  if (para < 1 || para > self->paras->len)
    return NULL;
  return g_ptr_array_index (self->paras, para - 1);
}

int
tupu_text_find (TupuText *self, guint para, const char *quote, int from)
{
  const char *text;
  const char *start;
  const char *hit;

  g_return_val_if_fail (TUPU_IS_TEXT (self), -1);
  g_return_val_if_fail (quote != NULL, -1);

  text = tupu_text_get_para (self, para);
  if (text == NULL || *quote == '\0')
    return -1;
  if (from < 0)
    from = 0;
  /* Step to character @from without running past the end (g_utf8_offset_to_pointer would). */
  start = text;
  for (int i = 0; i < from; i++)
    {
      if (*start == '\0')
        return -1;
      start = g_utf8_next_char (start);
    }
  hit = strstr (start, quote);
  if (hit == NULL)
    return -1;
  return from + (int)g_utf8_pointer_to_offset (start, hit);
}

guint
tupu_text_count (TupuText *self, guint para, const char *quote)
{
  const char *text;
  guint       n = 0;

  g_return_val_if_fail (TUPU_IS_TEXT (self), 0);
  g_return_val_if_fail (quote != NULL, 0);

  text = tupu_text_get_para (self, para);
  if (text == NULL || *quote == '\0')
    return 0;
  /* Restart one character after each hit, so overlapping occurrences count. */
  for (const char *hit = strstr (text, quote); hit != NULL;
       hit = strstr (g_utf8_next_char (hit), quote))
    n++;
  return n;
}
