/* SPDX-License-Identifier: GPL-3.0-or-later */
/* canary-leak.c: a deliberate leak, to prove that LeakSanitizer and valgrind's leak check fail a
 * test run. Without a leak checker this program exits 0, so meson (should_fail: true) reports
 * UNEXPECTEDPASS and the stage fails: a checker that went blind cannot go unnoticed. */
#include <glib.h>
#include <string.h>

/* volatile so the compiler can neither drop the allocation nor keep the pointer in a register. */
static void *volatile last_block;

static void
leak_blocks (void)
{
  /* Through GLib like our own code, in several blocks so that no stale stack slot keeps them all
   * reachable: LSan and valgrind must call every one of them definitely lost. */
  for (guint i = 0; i < 8; i++)
    {
      char *block = g_malloc (64 + i);

      memset (block, 'x', 64 + i);
      last_block = block;
    }
  last_block = NULL;
}

int
main (void)
{
  leak_blocks ();
  return 0;
}
