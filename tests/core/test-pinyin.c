/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pinyin.c: the reading table built from Unihan, query folding, and pinyin matching. */
#include <string.h>

#include "tupu-pinyin.h"

#define SIX_MUSTS "六个必须坚持"

static gboolean
has_reading (gunichar c, const char *reading)
{
  const char *readings[TUPU_PINYIN_MAX_READINGS];
  guint       n = tupu_pinyin_get_readings (c, readings);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (readings[i], reading))
      return TRUE;
  return FALSE;
}

static const char *
first_reading (gunichar c)
{
  const char *readings[TUPU_PINYIN_MAX_READINGS];

  return tupu_pinyin_get_readings (c, readings) > 0 ? readings[0] : NULL;
}

static void
test_readings (void)
{
  const char *readings[TUPU_PINYIN_MAX_READINGS];

  g_assert_cmpstr (first_reading (g_utf8_get_char ("六")), ==, "liu");
  g_assert_cmpstr (first_reading (g_utf8_get_char ("个")), ==, "ge");
  g_assert_cmpstr (first_reading (g_utf8_get_char ("坚")), ==, "jian");
  /* ü is written v; tones are gone. */
  g_assert_cmpstr (first_reading (g_utf8_get_char ("绿")), ==, "lv");
  g_assert_cmpstr (first_reading (g_utf8_get_char ("女")), ==, "nv");
  /* Heteronyms: kMandarin's reading first, kTGHZ2013's others after it. */
  g_assert_cmpstr (first_reading (g_utf8_get_char ("行")), ==, "xing");
  g_assert_true (has_reading (g_utf8_get_char ("行"), "hang"));
  g_assert_cmpstr (first_reading (g_utf8_get_char ("长")), ==, "zhang");
  g_assert_true (has_reading (g_utf8_get_char ("长"), "chang"));
  g_assert_true (has_reading (g_utf8_get_char ("重"), "chong"));
  /* Every kMandarin character, not only the common ones: CJK Extension B. */
  g_assert_cmpstr (first_reading (0x20000), ==, "he");
  /* Not Han: no reading. */
  g_assert_cmpuint (tupu_pinyin_get_readings ('a', readings), ==, 0);
  g_assert_cmpuint (tupu_pinyin_get_readings (g_utf8_get_char ("，"), readings), ==, 0);
  g_assert_cmpuint (tupu_pinyin_get_readings (0x10ffff, readings), ==, 0);
}

static void
assert_folds (const char *query, const char *folded)
{
  g_autofree char *result = tupu_pinyin_fold_query (query);

  g_assert_cmpstr (result, ==, folded);
}

static void
test_fold (void)
{
  assert_folds ("liuge", "liuge");
  assert_folds ("Liù Gè", "liuge");
  assert_folds ("liu ge bi xu", "liugebixu");
  assert_folds ("lǜ", "lv");
  assert_folds ("LÜ", "lv");
  assert_folds ("lu:", "lv");
  assert_folds ("nǚ", "nv");
  assert_folds ("xi'an", "xian");
  assert_folds ("xi’an", "xian");
  assert_folds ("六ge", "六ge");
  assert_folds ("12个", "12个");
  assert_folds ("  ", NULL);
  assert_folds ("'-", NULL);
}

/* Matches @query against @text, expecting the characters @expected (NULL: no match). */
static TupuPinyinMatch
assert_matches (const char *text, const char *query, const char *expected)
{
  g_autoptr (TupuPinyinText) prepared = tupu_pinyin_text_new (text);
  g_autofree char *folded = tupu_pinyin_fold_query (query);
  TupuPinyinMatch  match = { 0 };
  gboolean         found = folded != NULL && tupu_pinyin_text_match (prepared, folded, &match);

  if (expected == NULL)
    {
      if (found)
        g_error ("“%s” should not match “%s”, but matched “%.*s”", query, text,
                 (int)(match.end - match.start), text + match.start);
      return match;
    }
  if (!found)
    g_error ("“%s” should match “%s” in “%s”", query, expected, text);
  g_assert_cmpint (match.end - match.start, ==, strlen (expected));
  g_assert_cmpint (strncmp (text + match.start, expected, match.end - match.start), ==, 0);
  return match;
}

static void
test_match_full (void)
{
  TupuPinyinMatch m;

  m = assert_matches (SIX_MUSTS, "liuge", "六个");
  g_assert_true (m.whole);
  g_assert_true (m.at_start);
  g_assert_false (m.to_end);

  m = assert_matches (SIX_MUSTS, "liugebixujianchi", SIX_MUSTS);
  g_assert_true (m.whole && m.at_start && m.to_end);
  assert_matches (SIX_MUSTS, "liu ge bi xu", "六个必须");
  assert_matches (SIX_MUSTS, "Liù gè", "六个");
  /* The last syllable may be half typed, and the match need not start the text. */
  m = assert_matches (SIX_MUSTS, "bixuji", "必须坚");
  g_assert_true (m.whole);
  g_assert_false (m.at_start);
  m = assert_matches (SIX_MUSTS, "jianchi", "坚持");
  g_assert_true (m.to_end);
}

static void
test_match_initials (void)
{
  TupuPinyinMatch m;

  m = assert_matches (SIX_MUSTS, "lgbxjc", SIX_MUSTS);
  g_assert_false (m.whole);
  g_assert_true (m.at_start && m.to_end);
  assert_matches (SIX_MUSTS, "lg", "六个");
  assert_matches (SIX_MUSTS, "bxj", "必须坚");
  /* Whole readings and initials mixed, and syllables cut anywhere. */
  assert_matches (SIX_MUSTS, "liugbxu", "六个必须");
  assert_matches (SIX_MUSTS, "ligbixjianc", SIX_MUSTS);
}

static void
test_match_mixed (void)
{
  /* Han characters typed as they are, among pinyin. */
  assert_matches (SIX_MUSTS, "六ge", "六个");
  assert_matches (SIX_MUSTS, "liu个必", "六个必");
  assert_matches (SIX_MUSTS, "必须jc", "必须坚持");
  /* Punctuation and spaces in the text are skipped, not matched. */
  assert_matches ("始终遵循“六个必须坚持”", "xunliuge", "循“六个");
  assert_matches ("人民 至上", "renminzhishang", "人民 至上");
  /* Letters and digits in the text match themselves. */
  assert_matches ("12个方面", "12gefm", "12个方面");
  assert_matches ("HRSS品牌", "hrsspp", "HRSS品牌");
  /* Heteronyms: either reading. */
  assert_matches ("银行", "yinhang", "银行");
  assert_matches ("行动", "xingdong", "行动");
  assert_matches ("长城", "changcheng", "长城");
  assert_matches ("成长", "chengzhang", "成长");
}

static void
test_match_none (void)
{
  assert_matches (SIX_MUSTS, "liugu", NULL);
  assert_matches (SIX_MUSTS, "gl", NULL);  /* initials in the wrong order */
  assert_matches (SIX_MUSTS, "lgx", NULL); /* 必 skipped */
  assert_matches (SIX_MUSTS, "liugebixujianchix", NULL);
  assert_matches (SIX_MUSTS, "六必", NULL);
  assert_matches (SIX_MUSTS, "xyz", NULL);
  assert_matches ("", "liu", NULL);
  assert_matches ("，。", "a", NULL);
}

/* A match with whole readings wins over an earlier one with initials. */
static void
test_match_prefers_whole (void)
{
  TupuPinyinMatch m = assert_matches ("吉爱你坚", "jian", "坚");

  g_assert_true (m.whole);
  m = assert_matches ("吉爱你", "jian", "吉爱你");
  g_assert_false (m.whole);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pinyin/readings", test_readings);
  g_test_add_func ("/pinyin/fold", test_fold);
  g_test_add_func ("/pinyin/match/full", test_match_full);
  g_test_add_func ("/pinyin/match/initials", test_match_initials);
  g_test_add_func ("/pinyin/match/mixed", test_match_mixed);
  g_test_add_func ("/pinyin/match/none", test_match_none);
  g_test_add_func ("/pinyin/match/prefers-whole", test_match_prefers_whole);

  return g_test_run ();
}
