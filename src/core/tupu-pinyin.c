/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-pinyin.c: the reading table (see data/make-pinyin-table.py for its format) and the
 * matcher. The table is read in place from the core GResource: every read goes through
 * read_u16()/read_u32(), which need no alignment, and the whole table is checked once when it
 * is first used, so that lookups need no bounds checks of their own. */

#include "config.h"

#include <string.h>

#include "tupu-core-resources.h"
#include "tupu-pinyin.h"

#define TABLE_PATH "/io/github/tupu/Tupu/core/pinyin.table"
#define MAGIC "TUPUPY\0\1"
#define MAGIC_LEN 8
#define HEADER_LEN (MAGIC_LEN + 4 * 4)
#define PAGE_SIZE 256
/* Longer queries are not read as pinyin (they bound the matcher's recursion). */
#define MAX_QUERY 64
/* The matcher's memory of dead ends, on the stack up to this many bits. */
#define STACK_MEMO_BITS 8192

typedef struct
{
  GBytes       *bytes;
  guint         n_syllables;
  guint         n_sets;
  guint         n_pages;
  guint         max_page;
  const guint8 *syllable_offsets; /* u32[n_syllables + 1] */
  const guint8 *set_offsets;      /* u32[n_sets + 1] */
  const guint8 *page_index;       /* u16[max_page + 1] */
  const guint8 *pages;            /* u16[n_pages][256] */
  const guint8 *set_items;        /* u16[] */
  const char   *pool;
} Table;

typedef struct
{
  guint32  start; /* bytes of the text */
  guint32  end;
  gunichar ch;    /* ASCII letters lowercased */
  guint    set;   /* reading set + 1, 0 for none */
  guint32  heads; /* letters a token can be spelled from: its readings' first letters, or
                   * itself (bit 0 = a) */
} Token;

struct _TupuPinyinText
{
  guint32 letters; /* every letter its readings and ASCII letters have (bit 0 = a) */
  guint   n_tokens;
  Token   tokens[];
};

/* ------------------------------------------------------------------------------------------ */
/* The table                                                                                  */

static guint
read_u16 (const guint8 *p)
{
  return p[0] | (guint)p[1] << 8;
}

static guint32
read_u32 (const guint8 *p)
{
  return p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

/* Offsets @n + 1 u32s at @offsets: from 0, never decreasing, the last one @limit or less. */
static gboolean
offsets_valid (const guint8 *offsets, guint n, guint32 limit)
{
  guint32 previous = 0;

  for (guint i = 0; i <= n; i++)
    {
      guint32 offset = read_u32 (offsets + 4 * i);

      if ((i == 0 && offset != 0) || offset < previous || offset > limit)
        return FALSE;
      previous = offset;
    }
  return TRUE;
}

/* Lays the sections out over @data; FALSE when the sizes do not add up. */
static gboolean
table_map (Table *table, const guint8 *data, gsize size)
{
  guint64 fixed;

  if (size < HEADER_LEN || memcmp (data, MAGIC, MAGIC_LEN) != 0)
    return FALSE;

  table->n_syllables = read_u32 (data + MAGIC_LEN);
  table->n_sets = read_u32 (data + MAGIC_LEN + 4);
  table->n_pages = read_u32 (data + MAGIC_LEN + 8);
  table->max_page = read_u32 (data + MAGIC_LEN + 12);
  if (table->n_syllables >= G_MAXUINT16 || table->n_sets >= G_MAXUINT16 ||
      table->n_pages >= G_MAXUINT16 || table->max_page > (0x10ffff >> 8))
    return FALSE;

  fixed = HEADER_LEN + 4 * (guint64)(table->n_syllables + 1) + 4 * (guint64)(table->n_sets + 1) +
          2 * (guint64)(table->max_page + 1) + 2 * (guint64)PAGE_SIZE * table->n_pages;
  if (fixed > size)
    return FALSE;

  table->syllable_offsets = data + HEADER_LEN;
  table->set_offsets = table->syllable_offsets + 4 * (table->n_syllables + 1);
  table->page_index = table->set_offsets + 4 * (table->n_sets + 1);
  table->pages = table->page_index + 2 * (table->max_page + 1);
  table->set_items = table->pages + 2 * PAGE_SIZE * table->n_pages;
  table->pool =
      (const char *)table->set_items + 2 * (gsize)read_u32 (table->set_offsets + 4 * table->n_sets);
  return (const guint8 *)table->pool <= data + size &&
         (gsize)(data + size - (const guint8 *)table->pool) ==
             read_u32 (table->syllable_offsets + 4 * table->n_syllables);
}

/* Every index in range and every syllable a NUL-terminated run of ASCII letters. */
static gboolean
table_valid (const Table *table)
{
  guint32 pool_size = read_u32 (table->syllable_offsets + 4 * table->n_syllables);
  guint32 n_items = read_u32 (table->set_offsets + 4 * table->n_sets);

  if (!offsets_valid (table->syllable_offsets, table->n_syllables, pool_size) ||
      !offsets_valid (table->set_offsets, table->n_sets, n_items))
    return FALSE;
  for (guint i = 0; i < table->n_syllables; i++)
    {
      guint32 start = read_u32 (table->syllable_offsets + 4 * i);
      guint32 end = read_u32 (table->syllable_offsets + 4 * (i + 1));

      if (end < start + 2 || table->pool[end - 1] != '\0')
        return FALSE;
      for (guint32 j = start; j < end - 1; j++)
        if (!g_ascii_islower (table->pool[j]))
          return FALSE;
    }
  for (guint i = 0; i < n_items; i++)
    if (read_u16 (table->set_items + 2 * i) >= table->n_syllables)
      return FALSE;
  for (guint i = 0; i <= table->max_page; i++)
    if (read_u16 (table->page_index + 2 * i) > table->n_pages)
      return FALSE;
  for (guint i = 0; i < PAGE_SIZE * table->n_pages; i++)
    if (read_u16 (table->pages + 2 * i) > table->n_sets)
      return FALSE;
  return TRUE;
}

static const Table *
get_table (void)
{
  static Table *table;

  if (g_once_init_enter (&table))
    {
      g_autoptr (GError) error = NULL;
      Table        *loaded = g_new0 (Table, 1);
      gsize         size;
      const guint8 *data;

      /* Referencing the resource explicitly keeps it in a static link (see tupu-text.c). */
      loaded->bytes = g_resource_lookup_data (tupu_core_get_resource (), TABLE_PATH,
                                              G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (loaded->bytes == NULL)
        g_error ("The pinyin table is missing from the core resource: %s", error->message);
      data = g_bytes_get_data (loaded->bytes, &size);
      if (!table_map (loaded, data, size) || !table_valid (loaded))
        g_error ("The pinyin table in the core resource is damaged");
      g_once_init_leave (&table, loaded);
    }
  return table;
}

/* The reading set of @c, plus one; 0 when it has none. */
static guint
lookup_set (const Table *table, gunichar c)
{
  guint page = c >> 8;
  guint number;

  if (page > table->max_page)
    return 0;
  number = read_u16 (table->page_index + 2 * page);
  if (number == 0)
    return 0;
  return read_u16 (table->pages + 2 * ((number - 1) * PAGE_SIZE + (c & 0xff)));
}

/* The readings of set @set (plus one, as lookup_set() gives it). */
static guint
set_readings (const Table *table, guint set, const char *readings[TUPU_PINYIN_MAX_READINGS])
{
  guint32 start = read_u32 (table->set_offsets + 4 * (set - 1));
  guint32 end = read_u32 (table->set_offsets + 4 * set);
  guint   n = 0;

  for (guint32 i = start; i < end && n < TUPU_PINYIN_MAX_READINGS; i++)
    {
      guint syllable = read_u16 (table->set_items + 2 * i);

      readings[n++] = table->pool + read_u32 (table->syllable_offsets + 4 * syllable);
    }
  return n;
}

guint
tupu_pinyin_get_readings (gunichar c, const char *readings[TUPU_PINYIN_MAX_READINGS])
{
  const Table *table = get_table ();
  guint        set = lookup_set (table, c);

  return set != 0 ? set_readings (table, set, readings) : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Folding a query                                                                            */

static gboolean
is_apostrophe (gunichar c)
{
  return c == 0x2018 || c == 0x2019 || c == 0xff07;
}

/* A Latin letter with marks (ā, ǚ, Ü, ê): its base letter, ü as v. FALSE for anything else. */
static gboolean
fold_latin (gunichar c, char *out)
{
  gunichar parts[8];
  gsize    n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
  gboolean diaeresis = FALSE;

  if (n == 0 || parts[0] >= 0x80 || !g_ascii_isalpha (parts[0]))
    return FALSE;
  for (gsize i = 1; i < n && i < G_N_ELEMENTS (parts); i++)
    diaeresis |= parts[i] == 0x0308;
  *out = g_ascii_tolower (parts[0]);
  if (diaeresis && *out == 'u')
    *out = 'v';
  return TRUE;
}

char *
tupu_pinyin_fold_query (const char *query)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (query != NULL, NULL);

  for (const char *p = query; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      char     letter;

      if (c == (gunichar)-1 || c == (gunichar)-2)
        break;
      if (c < 0x80)
        {
          if (c == 'u' && p[1] == ':')
            {
              g_string_append_c (out, 'v');
              p++;
            }
          else if (g_ascii_isalnum (c))
            g_string_append_c (out, g_ascii_tolower (c));
          /* spaces, apostrophes and other ASCII punctuation are dropped */
        }
      else if (g_unichar_isspace (c) || is_apostrophe (c))
        continue;
      else if (fold_latin (c, &letter))
        g_string_append_c (out, letter);
      else
        g_string_append_unichar (out, c);
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Texts                                                                                      */

static guint32
letter_bit (gunichar c)
{
  return 1u << (c - 'a');
}

static void
add_reading_letters (const Table *table, Token *token, guint32 *letters)
{
  const char *readings[TUPU_PINYIN_MAX_READINGS];
  guint       n = set_readings (table, token->set, readings);

  for (guint i = 0; i < n; i++)
    {
      token->heads |= letter_bit (readings[i][0]);
      for (const char *p = readings[i]; *p != '\0'; p++)
        *letters |= letter_bit (*p);
    }
}

TupuPinyinText *
tupu_pinyin_text_new (const char *text)
{
  const Table    *table = get_table ();
  glong           n_chars;
  TupuPinyinText *self;

  g_return_val_if_fail (text != NULL && g_utf8_validate (text, -1, NULL), NULL);

  n_chars = g_utf8_strlen (text, -1);
  self = g_malloc (sizeof (TupuPinyinText) + n_chars * sizeof (Token));
  self->letters = 0;
  self->n_tokens = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      Token   *token;

      if (!g_unichar_isalnum (c))
        continue;
      token = &self->tokens[self->n_tokens++];
      token->start = p - text;
      token->end = g_utf8_next_char (p) - text;
      token->ch = c < 0x80 ? (gunichar)g_ascii_tolower (c) : c;
      token->set = lookup_set (table, c);
      token->heads = token->ch < 0x80 && g_ascii_islower (token->ch) ? letter_bit (token->ch) : 0;
      self->letters |= token->heads;
      if (token->set != 0)
        add_reading_letters (table, token, &self->letters);
    }
  return self;
}

void
tupu_pinyin_text_free (TupuPinyinText *self)
{
  g_free (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Matching                                                                                   */

typedef struct
{
  const Table          *table;
  const TupuPinyinText *text;
  const gunichar       *query;
  guint                 qlen;
  gboolean              strict; /* whole readings only, but for the query's last letters */
  guint8               *dead;   /* (token, query position) pairs known to lead nowhere */
  guint                 end_token;
} Matcher;

static gboolean matches_from (Matcher *m, guint t, guint q);

/* Token @t spelled by the start of its reading @syllable: the longest spelling first, so that
 * whole readings are tried before initials. */
static gboolean
matches_reading (Matcher *m, guint t, guint q, const char *syllable)
{
  guint k = 0;

  while (syllable[k] != '\0' && q + k < m->qlen && (gunichar)syllable[k] == m->query[q + k])
    k++;
  for (guint j = k; j >= 1; j--)
    {
      gboolean whole = syllable[j] == '\0';

      if (m->strict && !whole && q + j < m->qlen)
        continue;
      if (matches_from (m, t + 1, q + j))
        return TRUE;
    }
  return FALSE;
}

/* Whether tokens from @t on spell the query from @q on. Depth: at most the query's length. */
static gboolean
matches_from (Matcher *m, guint t, guint q)
{
  const Token *token;
  guint        bit;

  if (q == m->qlen)
    {
      m->end_token = t;
      return TRUE;
    }
  if (t == m->text->n_tokens)
    return FALSE;

  bit = t * (m->qlen + 1) + q;
  if (m->dead[bit / 8] & (1u << (bit % 8)))
    return FALSE;

  token = &m->text->tokens[t];
  if (token->ch == m->query[q] && matches_from (m, t + 1, q + 1))
    return TRUE;
  /* Most tokens cannot start the rest of the query: say so without reading their readings. */
  if (token->set != 0 && m->query[q] >= 'a' && m->query[q] <= 'z' &&
      (token->heads & letter_bit (m->query[q])))
    {
      const char *readings[TUPU_PINYIN_MAX_READINGS];
      guint       n = set_readings (m->table, token->set, readings);

      for (guint i = 0; i < n; i++)
        if (matches_reading (m, t, q, readings[i]))
          return TRUE;
    }

  m->dead[bit / 8] |= 1u << (bit % 8);
  return FALSE;
}

/* The first token from which the query matches, or -1. */
static int
find_start (Matcher *m, gsize memo_bytes)
{
  memset (m->dead, 0, memo_bytes);
  for (guint t = 0; t < m->text->n_tokens; t++)
    if (matches_from (m, t, 0))
      return t;
  return -1;
}

guint32
tupu_pinyin_query_letters (const char *folded_query)
{
  guint32 letters = 0;

  g_return_val_if_fail (folded_query != NULL, 0);

  for (const char *p = folded_query; *p != '\0'; p++)
    if (*p >= 'a' && *p <= 'z')
      letters |= letter_bit (*p);
  return letters;
}

guint32
tupu_pinyin_text_get_letters (const TupuPinyinText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->letters;
}

gboolean
tupu_pinyin_text_match (const TupuPinyinText *self, const char *folded_query,
                        TupuPinyinMatch *match)
{
  gunichar           query[MAX_QUERY];
  guint8             stack_memo[STACK_MEMO_BITS / 8];
  g_autofree guint8 *heap_memo = NULL;
  Matcher            m = { 0 };
  gsize              memo_bytes;
  int                start;

  g_return_val_if_fail (self != NULL && folded_query != NULL && match != NULL, FALSE);

  for (const char *p = folded_query; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (m.qlen == MAX_QUERY)
        return FALSE;
      query[m.qlen++] = g_utf8_get_char (p);
    }
  if (m.qlen == 0 || self->n_tokens == 0)
    return FALSE;
  /* A letter no reading has cannot be spelled. */
  for (guint i = 0; i < m.qlen; i++)
    if (query[i] >= 'a' && query[i] <= 'z' && !(self->letters & letter_bit (query[i])))
      return FALSE;

  m.table = get_table ();
  m.text = self;
  m.query = query;
  memo_bytes = ((gsize)self->n_tokens * (m.qlen + 1) + 7) / 8;
  m.dead = memo_bytes <= sizeof stack_memo ? stack_memo : (heap_memo = g_malloc (memo_bytes));

  m.strict = TRUE;
  start = find_start (&m, memo_bytes);
  if (start < 0)
    {
      m.strict = FALSE;
      start = find_start (&m, memo_bytes);
    }
  if (start < 0)
    return FALSE;

  match->start = self->tokens[start].start;
  match->end = self->tokens[m.end_token - 1].end;
  match->whole = m.strict;
  match->at_start = start == 0;
  match->to_end = m.end_token == self->n_tokens;
  return TRUE;
}
