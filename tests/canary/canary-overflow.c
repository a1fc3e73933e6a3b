/* SPDX-License-Identifier: GPL-3.0-or-later */
/* canary-overflow.c: a deliberate one-byte heap overflow, to prove that AddressSanitizer and
 * valgrind's memcheck fail a test run. Without a checker the write lands in malloc's slack and
 * the program exits 0, so meson (should_fail: true) reports UNEXPECTEDPASS and the stage fails. */
#include <glib.h>
#include <string.h>

/* volatile so the compiler cannot see that the index runs past the end. */
static volatile gsize overflow_index = 16;

int
main (void)
{
  char *buffer = g_malloc (16);
  int   result;

  memset (buffer, 0, 16);
  buffer[overflow_index] = 'x'; /* one past the end */
  result = buffer[0];
  g_free (buffer);
  return result;
}
