/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-gui-style.c: see tupu-gui-style.h. */

#include "tupu-gui-style.h"

#include <adwaita.h>

#include "tupu-style.h"

gboolean
_tupu_gui_style_is_dark (GtkWidget *widget, gboolean *high_contrast)
{
  gboolean dark = FALSE;
  gboolean contrast = FALSE;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (adw_is_initialized ())
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      dark = adw_style_manager_get_dark (manager);
      contrast = adw_style_manager_get_high_contrast (manager);
    }
  else
    g_object_get (gtk_widget_get_settings (widget), "gtk-application-prefer-dark-theme", &dark,
                  NULL);
  /* A dark theme libadwaita's style manager does not know of (GTK_THEME=Adwaita:dark, which
   * libadwaita does not support but people set): light text means a dark window, and the graph's
   * colours must not stay light in it. */
  if (gtk_widget_get_root (widget) != NULL)
    {
      GdkRGBA fg;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
      dark = dark || 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.6;
    }
  if (high_contrast != NULL)
    *high_contrast = contrast;
  return dark;
}

PangoAttrList *
_tupu_gui_zh_attributes_new (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_language_new (tupu_style_language (TUPU_FONT_LABEL)));
  return attrs;
}

void
_tupu_gui_set_zh_language (GtkLabel *label)
{
  PangoAttrList *attrs = _tupu_gui_zh_attributes_new ();

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}
