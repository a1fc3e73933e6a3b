/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-json-scan.c: a strict single-pass JSON syntax check that records value positions.
 *
 * The grammar is RFC 8259's. Recursion is bounded by the depth limit, which is checked before
 * descending, so hostile nesting can never exhaust the stack.
 */

#include "config.h"

#include <string.h>

#include "tupu-json-scan.h"

/* The largest integer a double (and so every JSON tool) holds exactly: 2^53 - 1. */
#define MAX_SAFE_INTEGER G_GUINT64_CONSTANT (9007199254740991)

typedef struct
{
  TupuJsonPos value;
  TupuJsonPos key;
} Entry;

struct _TupuJsonScan
{
  GHashTable *entries; /* JSON Pointer -> Entry */
};

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
  guint       column;
  guint       depth;
  guint       max_depth;
  guint       max_index;
  guint       record_depth; /* values nested deeper are checked but neither recorded nor named */
  guint       unrecorded;   /* > 0 inside an array element past max_index */
  GString    *path;
  GHashTable *entries;
  GString    *buffer; /* a string value being decoded */
  TupuJsonPos error_pos;
  char       *error;
} Scanner;

/* ---- positions and errors ------------------------------------------------------------------ */

static TupuJsonPos
here (const Scanner *s)
{
  return (TupuJsonPos){ s->line, s->column };
}

static void
advance (Scanner *s)
{
  if (*s->p == '\n')
    {
      s->line++;
      s->column = 1;
    }
  else if ((((guchar)*s->p) & 0xc0) != 0x80)
    s->column++; /* a lead byte: one more character consumed */
  s->p++;
}

static gboolean fail (Scanner *s, TupuJsonPos pos, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Scanner *s, TupuJsonPos pos, const char *format, ...)
{
  va_list args;

  if (s->error != NULL)
    return FALSE;
  s->error_pos = pos;
  va_start (args, format);
  s->error = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

/* What was found where something else was expected, for messages: "the end of the file",
 * "\"x\"" or a whole unquoted word. */
static char *
describe_found (const Scanner *s)
{
  const char *q = s->p;

  if (s->p >= s->end)
    return g_strdup ("the end of the file");
  if (*q == '"')
    return g_strdup ("a string");
  if (g_ascii_isalnum (*q) || *q == '_')
    {
      while (q < s->end && (g_ascii_isalnum (*q) || *q == '_') && q - s->p < 40)
        q++;
      return g_strdup_printf ("\"%.*s\"", (int)(q - s->p), s->p);
    }
  q = g_utf8_next_char (q);
  return g_strdup_printf ("\"%.*s\"", (int)(q - s->p), s->p);
}

static gboolean
fail_expected (Scanner *s, const char *expected)
{
  g_autofree char *found = describe_found (s);

  return fail (s, here (s), "expected %s, found %s", expected, found);
}

/* ---- whitespace ---------------------------------------------------------------------------- */

static gboolean
skip_whitespace (Scanner *s)
{
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        advance (s);
      else if (c == '/' && s->p + 1 < s->end && (s->p[1] == '/' || s->p[1] == '*'))
        return fail (s, here (s), "comments are not allowed in JSON");
      else
        break;
    }
  return TRUE;
}

/* ---- strings ------------------------------------------------------------------------------- */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the 4 hex digits after "\u"; s->p is on the backslash. */
static gboolean
read_u_escape (Scanner *s, gunichar *out)
{
  TupuJsonPos pos = here (s);
  gunichar    value = 0;

  if (s->end - s->p < 6)
    return fail (s, pos, "incomplete \\u escape in a string");
  for (int i = 2; i < 6; i++)
    {
      int digit = hex_value (s->p[i]);

      if (digit < 0)
        return fail (s, pos, "a \\u escape needs four hexadecimal digits");
      value = value * 16 + digit;
    }
  for (int i = 0; i < 6; i++)
    advance (s);
  *out = value;
  return TRUE;
}

static gboolean
scan_escape (Scanner *s, GString *out)
{
  TupuJsonPos pos = here (s);
  gunichar    c;

  if (s->p + 1 >= s->end)
    return fail (s, pos, "unterminated string");
  switch (s->p[1])
    {
    case '"':
      c = '"';
      break;
    case '\\':
      c = '\\';
      break;
    case '/':
      c = '/';
      break;
    case 'b':
      c = '\b';
      break;
    case 'f':
      c = '\f';
      break;
    case 'n':
      c = '\n';
      break;
    case 'r':
      c = '\r';
      break;
    case 't':
      c = '\t';
      break;
    case 'u':
      if (!read_u_escape (s, &c))
        return FALSE;
      if (c == 0)
        return fail (s, pos, "\\u0000 (a NUL character) is not allowed in strings");
      if (c >= 0xdc00 && c <= 0xdfff)
        return fail (s, pos, "unpaired surrogate \\u%04X in a string", c);
      if (c >= 0xd800 && c <= 0xdbff)
        {
          gunichar low = 0;

          if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u' || !read_u_escape (s, &low) ||
              low < 0xdc00 || low > 0xdfff)
            return fail (s, pos, "unpaired surrogate \\u%04X in a string", c);
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        }
      if (out != NULL)
        g_string_append_unichar (out, c);
      return TRUE;
    default:
      {
        const char *next = s->p + 1;

        return fail (s, pos, "invalid escape \"\\%.*s\" in a string",
                     (int)(g_utf8_next_char (next) - next), next);
      }
    }
  advance (s);
  advance (s);
  if (out != NULL)
    g_string_append_c (out, (char)c);
  return TRUE;
}

/* s->p is on the opening quote. Decodes into @out when it is not NULL. */
static gboolean
scan_string (Scanner *s, GString *out)
{
  TupuJsonPos start = here (s);

  advance (s);
  while (s->p < s->end)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          advance (s);
          return TRUE;
        }
      if (c == '\\')
        {
          if (!scan_escape (s, out))
            return FALSE;
          continue;
        }
      if (c < 0x20)
        return fail (s, here (s),
                     "a control character (U+%04X) must be escaped in a string; "
                     "is a closing quote missing?",
                     c);
      if (out != NULL)
        g_string_append_c (out, (char)c);
      advance (s);
    }
  return fail (s, start, "unterminated string: the closing quote is missing");
}

/* ---- numbers and literals ------------------------------------------------------------------ */

static gboolean
scan_digits (Scanner *s)
{
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return FALSE;
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    advance (s);
  return TRUE;
}

/* The number s->p has just passed, from @begin, as json-glib would give it: an integer when it
 * has neither a fraction nor an exponent. */
static JsonNode *
number_node (const char *begin, const char *end, gboolean integer)
{
  char      stack[64];
  gsize     len = end - begin;
  char     *text = len < sizeof stack ? stack : g_malloc (len + 1);
  JsonNode *node = json_node_alloc ();

  memcpy (text, begin, len); /* the bytes need not end in a NUL */
  text[len] = '\0';
  if (integer)
    json_node_init_int (node, g_ascii_strtoll (text, NULL, 10));
  else
    json_node_init_double (node, g_ascii_strtod (text, NULL));
  if (text != stack)
    g_free (text);
  return node;
}

static gboolean
scan_number (Scanner *s, JsonNode **out)
{
  TupuJsonPos start = here (s);
  const char *begin = s->p;
  gboolean    integer = TRUE;

  if (*s->p == '-')
    advance (s);
  if (s->p < s->end && *s->p == '0')
    advance (s);
  else if (!scan_digits (s))
    return fail (s, start, "invalid number");
  if (s->p < s->end && *s->p == '.')
    {
      integer = FALSE;
      advance (s);
      if (!scan_digits (s))
        return fail (s, start, "invalid number: digits must follow the decimal point");
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integer = FALSE;
      advance (s);
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        advance (s);
      if (!scan_digits (s))
        return fail (s, start, "invalid number: digits must follow the exponent");
    }
  if (s->p < s->end && (g_ascii_isalnum (*s->p) || *s->p == '.'))
    return fail (s, start, "invalid number");
  if (integer)
    {
      g_autofree char *text = g_strndup (begin, s->p - begin);
      guint64          magnitude = g_ascii_strtoull (text[0] == '-' ? text + 1 : text, NULL, 10);

      /* json-glib would wrap such integers around silently. */
      if (strlen (text) > 17 || magnitude > MAX_SAFE_INTEGER)
        return fail (s, start, "the integer %s is too large", text);
    }
  if (out != NULL)
    *out = number_node (begin, s->p, integer);
  return TRUE;
}

static gboolean
scan_literal (Scanner *s, JsonNode **out)
{
  static const char *const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize len = strlen (literals[i]);

      if ((gsize)(s->end - s->p) >= len && memcmp (s->p, literals[i], len) == 0 &&
          (s->p + len == s->end || !g_ascii_isalnum (s->p[len])))
        {
          for (gsize j = 0; j < len; j++)
            advance (s);
          if (out != NULL && i == 2)
            *out = json_node_init_null (json_node_alloc ());
          else if (out != NULL)
            *out = json_node_init_boolean (json_node_alloc (), i == 0);
          return TRUE;
        }
    }
  {
    g_autofree char *found = describe_found (s);

    return fail (s, here (s), "unexpected %s: text values must be in double quotes", found);
  }
}

/* ---- values -------------------------------------------------------------------------------- */

static gboolean scan_value (Scanner *s, TupuJsonPos key, JsonNode **out);

static void
record (Scanner *s, TupuJsonPos value, TupuJsonPos key)
{
  Entry *entry;

  if (s->unrecorded > 0 || s->depth > s->record_depth)
    return;
  entry = g_new (Entry, 1);
  entry->value = value;
  entry->key = key;
  g_hash_table_replace (s->entries, g_strndup (s->path->str, s->path->len), entry);
}

static void
push_token (Scanner *s, const char *token)
{
  g_string_append_c (s->path, '/');
  for (const char *c = token; *c != '\0'; c++)
    {
      if (*c == '~')
        g_string_append (s->path, "~0");
      else if (*c == '/')
        g_string_append (s->path, "~1");
      else
        g_string_append_c (s->path, *c);
    }
}

static gboolean
enter (Scanner *s)
{
  if (s->depth >= s->max_depth)
    return fail (s, here (s), "the JSON is nested deeper than the limit of %u levels",
                 s->max_depth);
  s->depth++;
  advance (s);
  return skip_whitespace (s);
}

/* Member names seen in one object, to refuse duplicates: name -> TupuJsonPos. */
static gboolean
check_duplicate (Scanner *s, GHashTable *seen, const char *name, TupuJsonPos pos)
{
  TupuJsonPos *first = g_hash_table_lookup (seen, name);

  if (first != NULL)
    return fail (s, pos, "duplicate member \"%s\" (first at line %u, column %u)", name, first->line,
                 first->column);
  first = g_new (TupuJsonPos, 1);
  *first = pos;
  g_hash_table_insert (seen, g_strdup (name), first);
  return TRUE;
}

static gboolean
scan_member (Scanner *s, GHashTable *seen, JsonObject *object)
{
  JsonNode   *value = NULL;
  TupuJsonPos key = here (s);
  g_autoptr (GString) name = g_string_new (NULL);
  gsize    path_len = s->path->len;
  gboolean ok;

  if (!scan_string (s, name) || !check_duplicate (s, seen, name->str, key))
    return FALSE;
  if (!skip_whitespace (s))
    return FALSE;
  if (s->p >= s->end || *s->p != ':')
    {
      g_autofree char *what = g_strdup_printf ("\":\" after the member name \"%s\"", name->str);
      return fail_expected (s, what);
    }
  advance (s);
  if (!skip_whitespace (s))
    return FALSE;
  if (s->depth <= s->record_depth)
    push_token (s, name->str);
  ok = scan_value (s, key, object != NULL ? &value : NULL);
  g_string_truncate (s->path, path_len);
  if (ok && object != NULL)
    json_object_set_member (object, name->str, value);
  return ok;
}

static gboolean
scan_object (Scanner *s, JsonNode **out)
{
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (JsonObject) object = out != NULL ? json_object_new () : NULL;
  TupuJsonPos comma = { 0, 0 };

  if (!enter (s))
    return FALSE;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (s->p < s->end && *s->p == '}')
    goto done;
  for (;;)
    {
      if (s->p < s->end && *s->p == '}' && comma.line > 0)
        return fail (s, comma, "trailing comma: JSON allows no comma before \"}\"");
      if (s->p >= s->end || *s->p != '"')
        return fail_expected (s, "a member name in double quotes");
      if (!scan_member (s, seen, object) || !skip_whitespace (s))
        return FALSE;
      if (s->p < s->end && *s->p == ',')
        {
          comma = here (s);
          advance (s);
          if (!skip_whitespace (s))
            return FALSE;
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        break;
      if (s->p < s->end && *s->p == '"')
        return fail (s, here (s), "a comma is missing between two members");
      return fail_expected (s, "\",\" or \"}\" after a member");
    }
done:
  advance (s);
  s->depth--;
  if (out != NULL)
    *out = json_node_init_object (json_node_alloc (), object);
  return TRUE;
}

static gboolean
scan_element (Scanner *s, guint index, JsonArray *array)
{
  JsonNode *value = NULL;
  gsize     path_len = s->path->len;
  gboolean  past = index >= s->max_index;
  gboolean  ok;

  if (s->depth <= s->record_depth)
    g_string_append_printf (s->path, "/%u", index);
  s->unrecorded += past;
  ok = scan_value (s, here (s), array != NULL ? &value : NULL);
  s->unrecorded -= past;
  g_string_truncate (s->path, path_len);
  if (ok && array != NULL)
    json_array_add_element (array, value);
  return ok;
}

static gboolean
scan_array (Scanner *s, JsonNode **out)
{
  g_autoptr (JsonArray) array = out != NULL ? json_array_new () : NULL;
  TupuJsonPos comma = { 0, 0 };

  if (!enter (s))
    return FALSE;
  if (s->p < s->end && *s->p == ']')
    goto done;
  for (guint index = 0;; index++)
    {
      if (s->p < s->end && *s->p == ']' && comma.line > 0)
        return fail (s, comma, "trailing comma: JSON allows no comma before \"]\"");
      if (!scan_element (s, index, array) || !skip_whitespace (s))
        return FALSE;
      if (s->p < s->end && *s->p == ',')
        {
          comma = here (s);
          advance (s);
          if (!skip_whitespace (s))
            return FALSE;
          continue;
        }
      if (s->p < s->end && *s->p == ']')
        break;
      if (s->p < s->end && strchr ("\"{[-0123456789tfn", *s->p) != NULL)
        return fail (s, here (s), "a comma is missing between two array elements");
      return fail_expected (s, "\",\" or \"]\" after an array element");
    }
done:
  advance (s);
  s->depth--;
  if (out != NULL)
    *out = json_node_init_array (json_node_alloc (), array);
  return TRUE;
}

/* A string value, decoded when a node is wanted. */
static gboolean
scan_string_value (Scanner *s, JsonNode **out)
{
  if (out == NULL)
    return scan_string (s, NULL);
  g_string_truncate (s->buffer, 0);
  if (!scan_string (s, s->buffer))
    return FALSE;
  *out = json_node_init_string (json_node_alloc (), s->buffer->str);
  return TRUE;
}

/* Checks the value at s->p and, when @out is not NULL, builds it there. */
static gboolean
scan_value (Scanner *s, TupuJsonPos key, JsonNode **out)
{
  TupuJsonPos start = here (s);

  if (s->p >= s->end)
    return fail_expected (s, "a value");
  record (s, start, key);
  switch (*s->p)
    {
    case '{':
      return scan_object (s, out);
    case '[':
      return scan_array (s, out);
    case '"':
      return scan_string_value (s, out);
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return scan_number (s, out);
      if (g_ascii_isalpha (*s->p))
        return scan_literal (s, out);
      return fail_expected (s, "a value");
    }
}

/* ---- bytes --------------------------------------------------------------------------------- */

static TupuJsonPos
position_of (const char *data, const char *at)
{
  TupuJsonPos pos = { 1, 1 };

  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        {
          pos.line++;
          pos.column = 1;
        }
      else if ((((guchar)*p) & 0xc0) != 0x80)
        pos.column++;
    }
  return pos;
}

static gboolean
check_bytes (Scanner *s, const char *data, gsize len)
{
  const char *bad = NULL;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    return fail (s, here (s),
                 "the file starts with a byte order mark (BOM); "
                 "save it as UTF-8 without a BOM");
  if (g_utf8_validate_len (data, len, &bad))
    return TRUE;
  if (*bad == '\0')
    return fail (s, position_of (data, bad), "the file contains a NUL byte");
  return fail (s, position_of (data, bad), "the file is not valid UTF-8 here (byte 0x%02X)",
               (guchar)*bad);
}

/* ---- public API ---------------------------------------------------------------------------- */

TupuJsonScan *
tupu_json_scan_new (const char *data, gsize len, guint max_depth, guint max_index,
                    TupuJsonPos *error_pos, char **error_message)
{
  return tupu_json_scan_new_full (data, len, max_depth, max_index, G_MAXUINT, error_pos,
                                  error_message);
}

static TupuJsonScan *scan_run (const char *data, gsize len, guint max_depth, guint max_index,
                               guint record_depth, JsonNode **root, TupuJsonPos *error_pos,
                               char **error_message);

TupuJsonScan *
tupu_json_scan_new_full (const char *data, gsize len, guint max_depth, guint max_index,
                         guint record_depth, TupuJsonPos *error_pos, char **error_message)
{
  return scan_run (data, len, max_depth, max_index, record_depth, NULL, error_pos, error_message);
}

TupuJsonScan *
tupu_json_scan_parse (const char *data, gsize len, guint max_depth, guint max_index,
                      guint record_depth, JsonNode **root, TupuJsonPos *error_pos,
                      char **error_message)
{
  g_return_val_if_fail (root != NULL, NULL);

  *root = NULL;
  return scan_run (data, len, max_depth, max_index, record_depth, root, error_pos, error_message);
}

static TupuJsonScan *
scan_run (const char *data, gsize len, guint max_depth, guint max_index, guint record_depth,
          JsonNode **root, TupuJsonPos *error_pos, char **error_message)
{
  Scanner s = {
    .p = data,
    .end = data + len,
    .line = 1,
    .column = 1,
    .max_depth = max_depth,
    .max_index = max_index,
    .record_depth = record_depth,
  };
  g_autoptr (JsonNode) document = NULL;
  TupuJsonScan *scan;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  s.path = g_string_new (NULL);
  s.buffer = g_string_new (NULL);
  s.entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (check_bytes (&s, data, len) && skip_whitespace (&s))
    {
      if (s.p >= s.end)
        fail (&s, here (&s), "the file is empty: a graph is a JSON object");
      else if (scan_value (&s, here (&s), root != NULL ? &document : NULL) &&
               skip_whitespace (&s) && s.p < s.end)
        fail (&s, here (&s), "unexpected data after the end of the JSON document");
    }
  g_string_free (s.path, TRUE);
  g_string_free (s.buffer, TRUE);

  if (s.error != NULL)
    {
      g_hash_table_unref (s.entries);
      if (error_pos != NULL)
        *error_pos = s.error_pos;
      if (error_message != NULL)
        *error_message = g_steal_pointer (&s.error);
      g_free (s.error);
      return NULL;
    }
  scan = g_new0 (TupuJsonScan, 1);
  scan->entries = s.entries;
  if (root != NULL)
    *root = g_steal_pointer (&document);
  return scan;
}

void
tupu_json_scan_free (TupuJsonScan *scan)
{
  if (scan == NULL)
    return;
  g_hash_table_unref (scan->entries);
  g_free (scan);
}

gboolean
tupu_json_scan_lookup (TupuJsonScan *scan, const char *pointer, TupuJsonPos *value,
                       TupuJsonPos *key)
{
  const Entry *entry;

  g_return_val_if_fail (scan != NULL, FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);

  entry = g_hash_table_lookup (scan->entries, pointer);
  if (entry == NULL)
    return FALSE;
  if (value != NULL)
    *value = entry->value;
  if (key != NULL)
    *key = entry->key;
  return TRUE;
}

char *
tupu_json_pointer_append (const char *base, const char *token)
{
  Scanner s = { .path = g_string_new (base) };

  push_token (&s, token);
  return g_string_free (s.path, FALSE);
}
