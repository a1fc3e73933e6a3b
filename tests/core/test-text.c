/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c: paragraphs, search and counting in TupuText. */

#include <locale.h>
#include <string.h>

#include "trickle-stream.h"
#include "tupu-text-private.h"

static TupuText *
text_from_string (const char *str)
{
  g_autoptr (GBytes) bytes = g_bytes_new (str, strlen (str));
  g_autoptr (GError) error = NULL;
  TupuText *text = tupu_text_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
test_paragraphs (void)
{
  g_autoptr (TupuText) text = text_from_string ("first\r\n\n  \nsecond line\n\nthird");

  g_assert_cmpuint (tupu_text_get_n_paras (text), ==, 3);
  g_assert_cmpstr (tupu_text_get_para (text, 1), ==, "first");
  g_assert_cmpstr (tupu_text_get_para (text, 2), ==, "second line");
  g_assert_cmpstr (tupu_text_get_para (text, 3), ==, "third");
  g_assert_null (tupu_text_get_para (text, 0));
  g_assert_null (tupu_text_get_para (text, 4));
}

static void
test_find_count (void)
{
  g_autoptr (TupuText) text = text_from_string ("一是甲乙甲乙甲。\n");

  /* Offsets are in characters, not bytes. */
  g_assert_cmpint (tupu_text_find (text, 1, "甲乙", 0), ==, 2);
  g_assert_cmpint (tupu_text_find (text, 1, "甲乙", 3), ==, 4);
  g_assert_cmpint (tupu_text_find (text, 1, "甲乙", 5), ==, -1);
  g_assert_cmpint (tupu_text_find (text, 1, "丙", 0), ==, -1);
  g_assert_cmpint (tupu_text_find (text, 1, "。", 99), ==, -1);
  g_assert_cmpint (tupu_text_find (text, 2, "甲", 0), ==, -1);
  g_assert_cmpuint (tupu_text_count (text, 1, "甲乙"), ==, 2);
  g_assert_cmpuint (tupu_text_count (text, 1, "甲乙甲"), ==, 2); /* overlapping */
  g_assert_cmpuint (tupu_text_count (text, 1, "丙"), ==, 0);
  g_assert_cmpuint (tupu_text_count (text, 1, ""), ==, 0);
}

static void
test_invalid (void)
{
  static const char nul[] = "ab\0cd";
  static const char bad[] = "ab\xff";
  g_autoptr (GBytes) nul_bytes = g_bytes_new_static (nul, sizeof nul - 1);
  g_autoptr (GBytes) bad_bytes = g_bytes_new_static (bad, sizeof bad - 1);
  g_autoptr (GError) error = NULL;
  TupuText *text;

  text = tupu_text_new_from_bytes (nul_bytes, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (text);
  g_clear_error (&error);
  text = tupu_text_new_from_bytes (bad_bytes, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (text);
}

static void
test_builtin (void)
{
  TupuText *text = tupu_text_get_builtin ();

  g_assert_true (TUPU_IS_TEXT (text));
  g_assert_true (text == tupu_text_get_builtin ());
  g_assert_cmpuint (tupu_text_get_n_paras (text), ==, 6);
  g_assert_cmpstr (tupu_text_get_para (text, 1), ==, "同志们：");
  g_assert_cmpint (tupu_text_find (text, 3, "在凝心聚力铸魂中深化思想认识", 0), ==, 0);
}

static void
test_file (void)
{
  g_autofree char *path =
      g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "data", "speech-zh.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuText) text = tupu_text_new_from_file (file, &error);
  TupuText *builtin = tupu_text_get_builtin ();

  g_assert_no_error (error);
  g_assert_cmpuint (tupu_text_get_n_paras (text), ==, tupu_text_get_n_paras (builtin));
  for (guint i = 1; i <= tupu_text_get_n_paras (text); i++)
    g_assert_cmpstr (tupu_text_get_para (text, i), ==, tupu_text_get_para (builtin, i));
}

/* A read may return fewer bytes than asked before the end: the reader must keep reading, even
 * when a read ends inside a UTF-8 sequence. */
static void
test_stream_few_bytes (void)
{
  static const gsize max_reads[] = { 1, 2, 5, 4096 };
  g_autofree char   *path =
      g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "data", "speech-zh.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
  TupuText *builtin = tupu_text_get_builtin ();

  g_assert_no_error (error);
  for (guint r = 0; r < G_N_ELEMENTS (max_reads); r++)
    {
      g_autoptr (GInputStream) stream = trickle_stream_new (bytes, max_reads[r], FALSE);
      g_autoptr (TupuText) text = _tupu_text_new_from_stream (stream, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (trickle_stream_get_served (TRICKLE_STREAM (stream)), ==,
                        g_bytes_get_size (bytes));
      g_assert_cmpuint (tupu_text_get_n_paras (text), ==, tupu_text_get_n_paras (builtin));
      for (guint i = 1; i <= tupu_text_get_n_paras (text); i++)
        g_assert_cmpstr (tupu_text_get_para (text, i), ==, tupu_text_get_para (builtin, i));
    }
}

/* Over the limit, however it trickles in, and read no further than one byte past it; a failed
 * read is reported as it is. */
static void
test_stream_errors (void)
{
  const gsize      limit = 4 * 1024 * 1024;
  g_autofree char *content = g_malloc (limit + 1024);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuText) text = NULL;

  memset (content, 'a', limit + 1024);
  bytes = g_bytes_new_take (g_steal_pointer (&content), limit + 1024);
  stream = trickle_stream_new (bytes, 4093, FALSE);
  text = _tupu_text_new_from_stream (stream, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "The text is larger than the limit of 4 MiB");
  g_assert_cmpuint (trickle_stream_get_served (TRICKLE_STREAM (stream)), ==, limit + 1);
  g_clear_error (&error);
  g_clear_object (&stream);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static ("one\ntwo\n", 8);
  stream = trickle_stream_new (bytes, 3, TRUE);
  text = _tupu_text_new_from_stream (stream, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/paragraphs", test_paragraphs);
  g_test_add_func ("/text/find-count", test_find_count);
  g_test_add_func ("/text/invalid", test_invalid);
  g_test_add_func ("/text/builtin", test_builtin);
  g_test_add_func ("/text/file", test_file);
  g_test_add_func ("/text/stream/few-bytes-at-a-time", test_stream_few_bytes);
  g_test_add_func ("/text/stream/errors", test_stream_errors);

  return g_test_run ();
}
