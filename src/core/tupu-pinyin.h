/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-pinyin.h: Mandarin readings of Han characters, and typed pinyin matched against Chinese.
 *
 * The readings come from Unicode's Unihan database, compiled at build time into the core
 * GResource (data/make-pinyin-table.py): every character with a kMandarin reading, that one
 * first, then the others the 2013 standard dictionary gives it (kTGHZ2013), so that heteronyms
 * match either way (行 xing and hang). Readings are toneless, ü written v.
 *
 * A query matches a text where consecutive characters of the text spell it, each giving its
 * whole reading, the start of its reading (so initials: lgbxjc spells 六个必须坚持), or itself
 * (a Han character, letter or digit typed as it is: 六ge). Spaces and punctuation in the text
 * are skipped; the query is folded first (tupu_pinyin_fold_query()), so spaces, apostrophes,
 * tone marks and case do not matter and ü may be typed v, u: or ü.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TUPU_PINYIN_MAX_READINGS 4

/* Fills @readings with the toneless readings of @c (static strings, "liu"), the common one
 * first, and returns how many (at most TUPU_PINYIN_MAX_READINGS; 0 for a character without). */
guint tupu_pinyin_get_readings (gunichar c, const char *readings[TUPU_PINYIN_MAX_READINGS]);

/* @query folded for matching: ASCII lowercased, tone marks dropped, ü (Ü, u:, ǖ…) as v, spaces,
 * apostrophes and ASCII punctuation removed; Han characters and other letters kept. NULL when
 * nothing is left. */
char *tupu_pinyin_fold_query (const char *query);

/* A text prepared for matching: its letters, digits and Han characters with their readings. */
typedef struct _TupuPinyinText TupuPinyinText;

TupuPinyinText *tupu_pinyin_text_new (const char *text);
void            tupu_pinyin_text_free (TupuPinyinText *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuPinyinText, tupu_pinyin_text_free)

typedef struct
{
  guint    start;    /* the bytes of the text the match covers, from its first character */
  guint    end;      /* to the end of its last */
  gboolean whole;    /* each character but the last gave its whole reading (or itself); FALSE
                      * when some gave only the start of it (initials) */
  gboolean at_start; /* from the text's first character (punctuation before it skipped) */
  gboolean to_end;   /* up to the text's last character (punctuation after it skipped) */
} TupuPinyinMatch;

/* The letters a query or a text's readings hold, as bits (a = bit 0): a query whose letters are
 * not all among a text's cannot match it, which a search can tell without reading the text. */
guint32 tupu_pinyin_query_letters (const char *folded_query);
guint32 tupu_pinyin_text_get_letters (const TupuPinyinText *self);

/* Where @folded_query (from tupu_pinyin_fold_query()) matches @self: the first match with whole
 * readings, else the first with initials. FALSE when there is none. */
gboolean tupu_pinyin_text_match (const TupuPinyinText *self, const char *folded_query,
                                 TupuPinyinMatch *match);

G_END_DECLS
