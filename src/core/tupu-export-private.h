/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-export-private.h: the text writers behind tupu-export.c. */
#pragma once

#include "tupu-layout.h"

G_BEGIN_DECLS

/* What an export of @layout is titled (the SVG's and the PDF's title): the graph's title in
 * Chinese and English; for a branch, the branch's names and then the graph's Chinese title, so a
 * slide of the Six Musts is not titled as the whole report. */
char *_tupu_export_title (TupuLayout *layout);
/* The branch @layout shows alone, or NULL when it shows the whole graph. */
const TupuNode *_tupu_export_branch (TupuLayout *layout);

/* The whole SVG document for @layout (light palette), appended to @out. */
void _tupu_svg_write (TupuLayout *layout, GString *out);
/* @value as "%.2f" would print it in the C locale (to the last digit's rounding). */
void _tupu_append_fixed2 (GString *out, double value);
/* @text as XML character data or attribute content: markup characters become references,
 * characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) and invalid UTF-8 are dropped. */
void _tupu_xml_append_escaped (GString *out, const char *text);

/* The DOT document for @layout: node names are the ids, with label, gloss and kind. */
void _tupu_dot_write (TupuLayout *layout, GString *out);
/* @text as a double-quoted DOT string whose label reads back as @text: backslashes, quotes and
 * escapes such as \N stay literal. */
void _tupu_dot_append_quoted (GString *out, const char *text);

G_END_DECLS
