/* SPDX-License-Identifier: GPL-3.0-or-later */
/* canary-undefined.c: a deliberate signed integer overflow, to prove that UndefinedBehavior-
 * Sanitizer halts the run (-fno-sanitize-recover=all, halt_on_error=1). Without it the addition
 * wraps and the program exits 0, so meson (should_fail: true) reports UNEXPECTEDPASS. */
#include <glib.h>

static volatile int big = G_MAXINT;
static volatile int sum;

int
main (void)
{
  sum = big + 1;
  return 0;
}
