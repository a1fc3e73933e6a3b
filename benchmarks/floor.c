/* SPDX-License-Identifier: GPL-3.0-or-later */
/* floor.c: the first-frame floor, the least a libadwaita app does before its first frame: a
 * window with a header bar and a wrapped Chinese label. benchmarks/first-frame times Tupu
 * against it (and against xdot), so what GTK itself costs at start-up is measured apart from
 * what Tupu adds. */
#include <adwaita.h>

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("人社局主题教育工作进展汇报：在凝心聚力铸魂中深化思想认识，"
                                    "在学懂弄通做实中汲取奋进力量，在统筹融合推进中写好人社事业"
                                    "发展新篇章。");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr (AdwApplication) app =
      adw_application_new ("io.github.tupu.Floor", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
