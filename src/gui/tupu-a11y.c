/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-a11y.c: accessible names and descriptions of concepts, and GTK 4.8 naming fixes. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-a11y.h"

char *
_tupu_a11y_node_name (const TupuNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  /* Translators: a concept's accessible name, its Chinese label and English gloss */
  return g_strdup_printf (_ ("%s (%s)"), node->label_zh, node->label_en);
}

char *
_tupu_a11y_node_position (TupuGraph *graph, const TupuNode *node)
{
  GString *text;
  guint    n_members;

  g_return_val_if_fail (TUPU_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (node != NULL, NULL);

  text = g_string_new (tupu_kind_display_name (node->kind));
  /* Translators: the depth of a concept in the speech's structure, the speech itself is 1 */
  g_string_append_printf (text, _ (", level %u"), node->depth + 1);

  if (node->parent >= 0)
    {
      const TupuNode *parent = tupu_graph_get_node (graph, node->parent);

      for (guint i = 0; parent->children != NULL && i < parent->children->len; i++)
        if (g_array_index (parent->children, guint, i) == node->index)
          /* Translators: the position of a concept among its parent's parts, "3 of 6" */
          g_string_append_printf (text, _ (", %u of %u"), i + 1, parent->children->len);
    }

  /* A list counts its members even where the speech does not name them all. */
  n_members =
      node->count > 0 ? (guint)node->count : (node->children != NULL ? node->children->len : 0);
  if (n_members > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (
          text, g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n_members), n_members);
    }

  return g_string_free (text, FALSE);
}

void
_tupu_a11y_fix_mnemonic_name (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

void
_tupu_a11y_fix_mnemonic_names (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget))
    _tupu_a11y_fix_mnemonic_name (GTK_BUTTON (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    _tupu_a11y_fix_mnemonic_names (child);
}
