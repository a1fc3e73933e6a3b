/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-json-scan.h: a strict, located JSON syntax check that runs before json-glib.
 *
 * json-glib 1.6 accepts comments, trailing data and duplicate keys, gives no position for invalid
 * UTF-8 and crashes on very deep nesting. This single-pass scanner refuses all of those with an
 * exact line:column (column in characters), and records where every value (and member name)
 * starts, keyed by its JSON Pointer (RFC 6901), so the loader can locate each semantic error.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint line;   /* 1-based */
  guint column; /* 1-based, in characters */
} TupuJsonPos;

typedef struct _TupuJsonScan TupuJsonScan;

/* Returns NULL when @data is not exactly one well-formed JSON value within @max_depth levels of
 * nesting, and sets @error_pos and @error_message (plain English). Array elements from index
 * @max_index on are checked but not recorded, which bounds memory on hostile files. */
TupuJsonScan *tupu_json_scan_new (const char *data, gsize len, guint max_depth, guint max_index,
                                  TupuJsonPos *error_pos, char **error_message);
/* The same check, recording only values nested at most @record_depth levels deep (0: the whole
 * document; 2: "/nodes/3" but not "/nodes/3/id"). Naming and recording every value is most of
 * the scan's cost, and a valid file needs only the shallow positions. */
TupuJsonScan *tupu_json_scan_new_full (const char *data, gsize len, guint max_depth,
                                       guint max_index, guint record_depth, TupuJsonPos *error_pos,
                                       char **error_message);
/* The same, building the document as well: on success *@root holds it (the caller's). One pass
 * over the bytes instead of this check and then json-glib's parser, whose tokenizer was the
 * larger part of loading a graph (benchmarks/README.md). Numbers are typed as json-glib types
 * them: an integer without a fraction or an exponent, else a double. */
TupuJsonScan *tupu_json_scan_parse (const char *data, gsize len, guint max_depth, guint max_index,
                                    guint record_depth, JsonNode **root, TupuJsonPos *error_pos,
                                    char **error_message);
void          tupu_json_scan_free (TupuJsonScan *scan);

/* Where the value at @pointer starts and, for an object member, where its name starts (else
 * @key gets the value's position). Returns FALSE when nothing was recorded there. */
gboolean tupu_json_scan_lookup (TupuJsonScan *scan, const char *pointer, TupuJsonPos *value,
                                TupuJsonPos *key);

/* @base + "/" + @token with "~" and "/" escaped as RFC 6901 says. */
char *tupu_json_pointer_append (const char *base, const char *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TupuJsonScan, tupu_json_scan_free)

G_END_DECLS
