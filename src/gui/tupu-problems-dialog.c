/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-problems-dialog.c: lists every problem of a file in a read-only text view (plain text,
 * never markup) that can be selected, or copied whole with one button. */
#include "config.h"

#include <glib/gi18n.h>

#include "tupu-graph.h"
#include "tupu-problems-dialog.h"

struct _TupuProblemsDialog
{
  AdwWindow parent_instance;

  /* Template children */
  AdwWindowTitle  *window_title;
  GtkTextView     *text_view;
  AdwToastOverlay *toast_overlay;
};

G_DEFINE_FINAL_TYPE (TupuProblemsDialog, tupu_problems_dialog, ADW_TYPE_WINDOW)

static void
copy_cb (GtkButton *button, TupuProblemsDialog *self)
{
  g_autofree char *text = tupu_problems_dialog_dup_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_ ("Copied to the clipboard")));
}

static void
tupu_problems_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TUPU_TYPE_PROBLEMS_DIALOG);

  G_OBJECT_CLASS (tupu_problems_dialog_parent_class)->dispose (object);
}

static void
tupu_problems_dialog_class_init (TupuProblemsDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tupu_problems_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-problems-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuProblemsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TupuProblemsDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, TupuProblemsDialog, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, copy_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tupu_problems_dialog_init (TupuProblemsDialog *self)
{
  g_assert (TUPU_IS_PROBLEMS_DIALOG (self));

  gtk_widget_init_template (GTK_WIDGET (self));
}

TupuProblemsDialog *
tupu_problems_dialog_new (GtkWindow *parent, const char *file, GPtrArray *problems)
{
  TupuProblemsDialog *self;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  guint            n_errors = 0, n_warnings = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  self = g_object_new (TUPU_TYPE_PROBLEMS_DIALOG, "transient-for", parent, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const TupuDiagnostic *diag = g_ptr_array_index (problems, i);
      g_autofree char      *line = tupu_diagnostic_format (diag);

      g_string_append (text, line);
      g_string_append_c (text, '\n');
      if (diag->severity == TUPU_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text->str, -1);

  name = file != NULL ? g_path_get_basename (file) : g_strdup (_ ("Graph"));
  adw_window_title_set_title (self->window_title, name);
  /* Both counts go into one subtitle, each through its own plural form. */
  errors =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings), n_warnings);
  /* Translators: the two counts, e.g. "3 errors, 1 warning" */
  subtitle = g_strdup_printf (_ ("%s, %s"), errors, warnings);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  return self;
}

char *
tupu_problems_dialog_dup_text (TupuProblemsDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter    start, end;

  g_return_val_if_fail (TUPU_IS_PROBLEMS_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
