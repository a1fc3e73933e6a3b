/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tupu-concept-page.c: the detail pane's entry for one concept, read like a dictionary entry.
 *
 * Every string here comes from a graph file someone may have sent by mail, so text goes into
 * labels as plain text, and the only markup (quotes in bold inside their sentence, a URL) is
 * built with g_markup_printf_escaped. Links to URLs open only http(s), only on a click.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tupu-a11y.h"
#include "tupu-concept-page.h"
#include "tupu-gui-style.h"
#include "tupu-passage.h"
#include "tupu-style.h"

struct _TupuConceptPage
{
  GtkWidget parent_instance;

  TupuGraph      *graph;
  GtkCssProvider *kind_provider;

  /* Template children */
  GtkScrolledWindow *scroller;
  GtkLabel          *kind_label;
  GtkLabel          *label_label;
  GtkLabel          *gloss_label;
  GtkLabel          *origin_label;
  GtkLabel          *count_label;
  GtkLabel          *summary_zh_label;
  GtkLabel          *summary_en_label;
  GtkWidget         *sources_section;
  GtkBox            *sources_box;
  GtkWidget         *parent_section;
  GtkBox            *parent_box;
  GtkWidget         *children_section;
  GtkBox            *children_box;
  GtkWidget         *related_section;
  GtkBox            *related_box;
  TupuConceptStudy  *study;
};

G_DEFINE_FINAL_TYPE (TupuConceptPage, tupu_concept_page, GTK_TYPE_WIDGET)

/* Text helpers */

static GtkLabel *
new_label (const char *text, const char *css_class, gboolean zh)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (text));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  if (zh)
    {
      _tupu_gui_set_zh_language (label);
      gtk_widget_add_css_class (GTK_WIDGET (label), "zh");
    }
  return label;
}

/* @passage's text as markup: its quotes in bold, its masked place names in a grey chip (the
 * same mark as in the reading view and the exports). The text is data: every run is escaped. */
static char *
passage_markup (const TupuPassage *passage)
{
  g_autoptr (GArray) masks = tupu_mask_find (passage->text);
  g_autoptr (GString) markup = g_string_new (NULL);
  const char *p = passage->text;
  guint       q = 0, m = 0;

  for (int i = 0; *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      g_autofree char *escaped = g_markup_escape_text (p, g_utf8_next_char (p) - p);
      gboolean         quote, mask;

      while (q < passage->quotes->len && g_array_index (passage->quotes, TupuSpan, q).end <= i)
        q++;
      while (m < masks->len && g_array_index (masks, TupuSpan, m).end <= i)
        m++;
      quote = q < passage->quotes->len && g_array_index (passage->quotes, TupuSpan, q).start <= i;
      mask = m < masks->len && g_array_index (masks, TupuSpan, m).start <= i;
      /* One span per character keeps the nesting trivially right; Pango merges equal runs. */
      if (quote || mask)
        g_string_append_printf (
            markup, "<span%s%s>%s</span>", quote ? " weight=\"bold\"" : "",
            mask ? " background=\"#808080\" bgalpha=\"40%\" letter_spacing=\"2048\"" : "", escaped);
      else
        g_string_append (markup, escaped);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
remove_all (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* Links: buttons for the window's win.select-concept action, the concept's id as target. Built
 * once and then reused for the next concept shown (see sync_rows), so that following a link
 * updates the pane in place. */

static GtkWidget *
new_node_link (void)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkLabel  *zh = new_label (NULL, NULL, TRUE);
  GtkLabel  *en = new_label (NULL, "caption", FALSE);

  gtk_widget_add_css_class (GTK_WIDGET (en), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (zh));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (en));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "tupu-link");
  return button;
}

/* Points @button at @node. Its name is the concept's in both languages; its description says
 * how the concept relates to the one shown (@relation, e.g. "Contains") and where it sits. */
static void
set_node_link (TupuConceptPage *self, GtkWidget *button, const TupuNode *node, const char *relation)
{
  GtkWidget       *box = gtk_button_get_child (GTK_BUTTON (button));
  GtkWidget       *zh = gtk_widget_get_first_child (box);
  GtkWidget       *en = gtk_widget_get_next_sibling (zh);
  g_autofree char *name = _tupu_a11y_node_name (node);
  g_autofree char *position = _tupu_a11y_node_position (self->graph, node);
  g_autofree char *description = NULL;

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  gtk_label_set_text (GTK_LABEL (zh), node->label_zh);
  gtk_label_set_text (GTK_LABEL (en), node->label_en);
  gtk_widget_set_tooltip_text (button, tupu_kind_display_name (node->kind));
  /* The target first: the action takes a parameter. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", node->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.select-concept");

  /* Translators: a link's accessible description: how the linked concept relates to the one
   * shown, then where it sits, e.g. "Contains: Item, level 3, 2 of 6" */
  description = g_strdup_printf (_ ("%s: %s"), relation, position);
  /* After the tooltip, which GTK also makes the description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* Keeps exactly @n rows in @box, reusing those there, adding with @new_row and removing from the
 * end. The focus is never inside @box here (update() has moved it to the title). */
static void
sync_rows (GtkBox *box, guint n, GtkWidget *(*new_row) (void))
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
  guint      i = 0;

  for (; child != NULL && i < n; i++)
    child = gtk_widget_get_next_sibling (child);
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (box, child);
      child = next;
    }
  for (; i < n; i++)
    gtk_box_append (box, new_row ());
}

static GtkWidget *
nth_child (GtkBox *box, guint n)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));

  for (guint i = 0; child != NULL && i < n; i++)
    child = gtk_widget_get_next_sibling (child);
  g_assert (child != NULL);
  return child;
}

static void
show_uri_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_warning ("Could not open the link: %s", error->message);
}

/* Only web links open, and only because someone clicked them. */
static gboolean
activate_link_cb (GtkLabel *label, const char *uri, gpointer user_data)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (label));

  if (scheme != NULL &&
      (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
    gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME, NULL,
                       show_uri_done_cb, NULL);

  return TRUE;
}

/* Sources */

static GtkWidget *
new_source_card (void)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "tupu-source");
  return card;
}

/* A passage of the speech: its whole sentence, the quotes in bold. A button: a click or Enter
 * opens the reading view there (win.show-passage). A passage the text does not hold (no
 * paragraph to find it in) shows its quote alone, as a plain card. */
static GtkWidget *
new_passage_card (TupuConceptPage *self, const TupuNode *node, const TupuPassage *passage)
{
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *heading = g_strdup_printf (_ ("Paragraph %d"), passage->para);
  g_autofree char *markup = passage_markup (passage);
  g_autoptr (GArray) masks = tupu_mask_find (passage->text);
  g_autofree char *name = NULL;
  GtkLabel        *label;
  GtkWidget       *card;

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (new_label (heading, "caption-heading", FALSE)));
  label = new_label (NULL, "tupu-passage", TRUE);
  gtk_label_set_markup (label, markup);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (label));

  if (passage->start < 0)
    {
      card = new_source_card ();
      gtk_box_append (GTK_BOX (card), box);
      return card;
    }

  card = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (card), box);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "tupu-source");
  gtk_widget_add_css_class (card, "tupu-passage-card");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (card), "(siii)", node->id, passage->para,
                                    passage->start, passage->end);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (card), "win.show-passage");
  if (masks->len > 0)
    {
      /* The grey chip's meaning, under what a click does. */
      g_autofree char *tooltip =
          g_strdup_printf ("%s\n**: %s", _ ("Read this passage in the speech (F8)"),
                           _ ("The place name is masked in the source text"));

      gtk_widget_set_tooltip_text (card, tooltip);
    }
  else
    gtk_widget_set_tooltip_text (card, _ ("Read this passage in the speech (F8)"));
  /* Translators: a passage card's accessible name: its paragraph, then its sentence */
  name = g_strdup_printf (_ ("%s: %s"), heading, passage->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _ ("Opens the reading view at this passage"), -1);
  return card;
}

static GtkWidget *
new_citation_source (const TupuSource *source)
{
  GtkWidget *card = new_source_card ();
  GtkLabel  *citation = new_label (source->citation, "caption-heading", TRUE);

  gtk_label_set_selectable (citation, TRUE);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (citation));

  if (source->quote != NULL)
    {
      g_autofree char *quoted = g_strdup_printf (_ ("“%s”"), source->quote);
      GtkLabel        *quote = new_label (quoted, "tupu-passage", TRUE);

      gtk_label_set_selectable (quote, TRUE);
      gtk_box_append (GTK_BOX (card), GTK_WIDGET (quote));
    }

  if (source->url != NULL)
    {
      g_autofree char *markup =
          g_markup_printf_escaped ("<a href=\"%s\">%s</a>", source->url, source->url);
      GtkLabel *link = new_label (NULL, "caption", FALSE);

      gtk_label_set_markup (link, markup);
      gtk_label_set_wrap_mode (link, PANGO_WRAP_CHAR);
      g_signal_connect (link, "activate-link", G_CALLBACK (activate_link_cb), NULL);
      gtk_box_append (GTK_BOX (card), GTK_WIDGET (link));
    }

  return card;
}

/* Sections */

/* The pills wear the colours their kinds have on the canvas: one stylesheet with a class per
 * kind, parsed when the style (light or dark, high contrast or not) changes, not on every
 * selection. */
static void
load_kind_css (TupuConceptPage *self)
{
  gboolean         high_contrast = FALSE;
  gboolean         dark = _tupu_gui_style_is_dark (GTK_WIDGET (self), &high_contrast);
  TupuStyleVariant variant = tupu_style_variant (dark, high_contrast);
  g_autoptr (GString) css = g_string_new (NULL);

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  for (TupuKind kind = 0; kind < TUPU_N_KINDS; kind++)
    {
      const TupuKindStyle *style = tupu_style_kind (kind, variant);

      g_string_append_printf (css,
                              ".tupu-kind-pill.kind-%s { background-color: rgba(%d,%d,%d,%.3f);"
                              " color: rgba(%d,%d,%d,%.3f); border-color: rgba(%d,%d,%d,%.3f); }\n",
                              tupu_kind_to_string (kind), (int)(style->fill.r * 255),
                              (int)(style->fill.g * 255), (int)(style->fill.b * 255), style->fill.a,
                              (int)(style->text.r * 255), (int)(style->text.g * 255),
                              (int)(style->text.b * 255), style->text.a,
                              (int)(style->stroke.r * 255), (int)(style->stroke.g * 255),
                              (int)(style->stroke.b * 255), style->stroke.a);
    }
  gtk_css_provider_load_from_data (self->kind_provider, css->str, -1);
}

static void
update_kind_pill (TupuConceptPage *self, TupuKind kind)
{
  g_autofree char *css_class = g_strconcat ("kind-", tupu_kind_to_string (kind), NULL);
  const char      *classes[] = { "tupu-kind-pill", css_class, NULL };

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  gtk_widget_set_css_classes (GTK_WIDGET (self->kind_label), classes);
  gtk_label_set_text (self->kind_label, tupu_kind_display_name (kind));
}

/* Whose words the label is, when they are not the speech's. The note must fit the node: only a
 * list is a series, and a citation's wording is the outside text's, shown among the sources. */
static const char *
origin_note (const TupuNode *node)
{
  switch (node->label_origin)
    {
    case TUPU_LABEL_ORIGIN_EDITORIAL:
      if (node->kind == TUPU_KIND_LIST)
        return _ ("A heading written by the editors: the speech does not name this series.");
      return _ ("A heading written by the editors: these words are not the speech's own.");
    case TUPU_LABEL_ORIGIN_CITATION:
      return _ ("Worded as in the outside text cited below, not in the speech's own words.");
    case TUPU_LABEL_ORIGIN_SPEECH:
    case TUPU_N_LABEL_ORIGINS:
    default:
      return NULL;
    }
}

static void
update_origin (TupuConceptPage *self, const TupuNode *node)
{
  const char *note = origin_note (node);

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  gtk_label_set_text (self->origin_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->origin_label), note != NULL);
}

static void
update_header (TupuConceptPage *self, const TupuNode *node)
{
  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  update_kind_pill (self, node->kind);
  gtk_label_set_text (self->label_label, node->label_zh);
  gtk_label_set_text (self->gloss_label, node->label_en);
  update_origin (self, node);

  if (node->count > 0)
    {
      g_autofree char *count = NULL;

      if (node->count_only)
        count = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%d item, counted but not listed in the speech",
                         "%d items, counted but not listed in the speech", node->count),
            node->count);
      else
        count = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%d member", "%d members", node->count), node->count);
      gtk_label_set_text (self->count_label, count);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), node->count > 0);

  gtk_label_set_text (self->summary_zh_label, node->summary_zh);
  gtk_label_set_text (self->summary_en_label, node->summary_en);
}

static void
update_sources (TupuConceptPage *self, const TupuNode *node)
{
  g_autoptr (GPtrArray) passages = tupu_passages_for_node (self->graph, node);
  gboolean citation_first =
      node->sources != NULL && node->sources->len > 0 &&
      ((const TupuSource *)g_ptr_array_index (node->sources, 0))->type != TUPU_SOURCE_SPEECH;

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  remove_all (self->sources_box);

  /* One card per stretch of the speech, and one per outside text; whichever kind holds the
   * defining mention (the first source) comes first. */
  for (int pass = 0; pass < 2; pass++)
    {
      if ((pass == 0) != citation_first)
        for (guint i = 0; i < passages->len; i++)
          gtk_box_append (self->sources_box,
                          new_passage_card (self, node, g_ptr_array_index (passages, i)));
      else
        for (guint i = 0; node->sources != NULL && i < node->sources->len; i++)
          {
            const TupuSource *source = g_ptr_array_index (node->sources, i);

            if (source->type != TUPU_SOURCE_SPEECH)
              gtk_box_append (self->sources_box, new_citation_source (source));
          }
    }
  gtk_widget_set_visible (self->sources_section, node->sources != NULL && node->sources->len > 0);
}

static void
update_tree_links (TupuConceptPage *self, const TupuNode *node)
{
  guint n_children = node->children != NULL ? node->children->len : 0;

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  sync_rows (self->parent_box, node->parent >= 0 ? 1 : 0, new_node_link);
  if (node->parent >= 0)
    /* Translators: the relation of a concept's parent, in a link's accessible description */
    set_node_link (self, nth_child (self->parent_box, 0),
                   tupu_graph_get_node (self->graph, node->parent), C_ ("link", "Part of"));
  gtk_widget_set_visible (self->parent_section, node->parent >= 0);

  /* Children are kept in speech order by the loader. */
  sync_rows (self->children_box, n_children, new_node_link);
  for (guint i = 0; i < n_children; i++)
    {
      guint child = g_array_index (node->children, guint, i);

      /* Translators: the relation of a concept's part, in a link's accessible description */
      set_node_link (self, nth_child (self->children_box, i),
                     tupu_graph_get_node (self->graph, child), C_ ("link", "Contains"));
    }
  gtk_widget_set_visible (self->children_section, n_children > 0);
}

/* How the linked concept relates to this one, read from this one's side. */
static const char *
relation_passive_name (TupuRelation relation)
{
  switch (relation)
    {
    case TUPU_RELATION_SUPPORTS:
      /* Translators: the linked concept supports this one */
      return _ ("Supported by");
    case TUPU_RELATION_EMBODIES:
      /* Translators: the linked concept is a concrete form of this one */
      return _ ("Embodied by");
    case TUPU_RELATION_BUILDS:
      /* Translators: the linked concept builds up this one (e.g. a point builds a brand) */
      return _ ("Built up by");
    case TUPU_RELATION_LEADS_TO:
      /* Translators: the linked concept's results feed into this one */
      return _ ("Fed by");
    case TUPU_RELATION_PART_OF:
    case TUPU_RELATION_RELATES_TO:
    case TUPU_N_RELATIONS:
    default:
      return tupu_relation_display_name (relation);
    }
}

static char *
relation_caption (TupuRelation relation, gboolean outgoing)
{
  if (relation == TUPU_RELATION_RELATES_TO)
    /* Translators: an undirected link between two concepts, e.g. "↔ Relates to" */
    return g_strdup_printf (_ ("↔ %s"), tupu_relation_display_name (relation));
  if (outgoing)
    /* Translators: this concept → the linked one, e.g. "Supports →" */
    return g_strdup_printf (_ ("%s →"), tupu_relation_display_name (relation));
  /* Translators: the linked concept → this one, e.g. "← Supported by" */
  return g_strdup_printf (_ ("← %s"), relation_passive_name (relation));
}

/* A related concept: the relation's caption over the link. */
static GtkWidget *
new_related_row (void)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (row, "tupu-related");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (new_label (NULL, "tupu-relation", FALSE)));
  gtk_box_append (GTK_BOX (row), new_node_link ());
  return row;
}

static void
update_related (TupuConceptPage *self, const TupuNode *node)
{
  const GArray *edges = tupu_graph_get_node_edges (self->graph, node->index);
  guint         n_shown = 0;

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  for (guint i = 0; edges != NULL && i < edges->len; i++)
    if (tupu_graph_get_edge (self->graph, g_array_index (edges, guint, i))->relation !=
        TUPU_RELATION_PART_OF)
      n_shown++;
  sync_rows (self->related_box, n_shown, new_related_row);

  n_shown = 0;
  for (guint i = 0; edges != NULL && i < edges->len; i++)
    {
      const TupuEdge  *edge = tupu_graph_get_edge (self->graph, g_array_index (edges, guint, i));
      gboolean         outgoing = edge->source == node->index;
      guint            other = outgoing ? edge->target : edge->source;
      g_autofree char *caption = NULL;
      GtkWidget       *row, *caption_label;

      if (edge->relation == TUPU_RELATION_PART_OF)
        continue;

      row = nth_child (self->related_box, n_shown++);
      caption_label = gtk_widget_get_first_child (row);
      caption = relation_caption (edge->relation, outgoing);
      gtk_label_set_text (GTK_LABEL (caption_label), caption);
      /* The arrows are for the eye; the link's description says the relation in words. */
      set_node_link (self, gtk_widget_get_next_sibling (caption_label),
                     tupu_graph_get_node (self->graph, other),
                     outgoing || edge->relation == TUPU_RELATION_RELATES_TO
                         ? tupu_relation_display_name (edge->relation)
                         : relation_passive_name (edge->relation));
    }
  gtk_widget_set_visible (self->related_section, n_shown > 0);
}

/* The title's description: the gloss and where the concept sits, so that a screen reader
 * moving there (see update()) reads the whole entry's header. */
static void
update_title_description (TupuConceptPage *self, const TupuNode *node)
{
  g_autofree char *position = _tupu_a11y_node_position (self->graph, node);
  g_autofree char *description = NULL;

  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  /* Translators: the concept title's accessible description: its English gloss, then where it
   * sits, e.g. "Study the thought. Item, level 3, 1 of 4" */
  description = g_strdup_printf (_ ("%s. %s"), node->label_en, position);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* Only the pill's colours depend on the style: the rest of the pane stays as it is, scrolled
 * where it was. */
static void
dark_changed_cb (TupuConceptPage *self)
{
  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  load_kind_css (self);
}

/* Vfuncs */

/* Once in a window the page can read the theme's text colour, which tells a dark theme the style
 * manager does not know of (tupu-gui-style.c). */
static void
tupu_concept_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tupu_concept_page_parent_class)->root (widget);
  load_kind_css (TUPU_CONCEPT_PAGE (widget));
}

static void
tupu_concept_page_dispose (GObject *object)
{
  TupuConceptPage *self = TUPU_CONCEPT_PAGE (object);

  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), dark_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TUPU_TYPE_CONCEPT_PAGE);
  g_clear_object (&self->graph);
  g_clear_object (&self->kind_provider);

  G_OBJECT_CLASS (tupu_concept_page_parent_class)->dispose (object);
}

static void
tupu_concept_page_class_init (TupuConceptPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tupu_concept_page_dispose;

  widget_class->root = tupu_concept_page_root;

  g_type_ensure (TUPU_TYPE_CONCEPT_STUDY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tupu/Tupu/tupu-concept-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, label_label);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, gloss_label);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, origin_label);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, summary_zh_label);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, summary_en_label);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, sources_section);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, sources_box);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, parent_section);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, parent_box);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, children_section);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, children_box);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, related_section);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, related_box);
  gtk_widget_class_bind_template_child (widget_class, TupuConceptPage, study);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tupu_concept_page_init (TupuConceptPage *self)
{
  g_assert (TUPU_IS_CONCEPT_PAGE (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  _tupu_a11y_fix_mnemonic_names (GTK_WIDGET (self));

  _tupu_gui_set_zh_language (self->label_label);
  _tupu_gui_set_zh_language (self->summary_zh_label);

  self->kind_provider = gtk_css_provider_new ();
  load_kind_css (self);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->kind_label)),
                                  GTK_STYLE_PROVIDER (self->kind_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed_cb), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::high-contrast",
                            G_CALLBACK (dark_changed_cb), self);
}

/* Public API */

GtkWidget *
tupu_concept_page_new (void)
{
  return g_object_new (TUPU_TYPE_CONCEPT_PAGE, NULL);
}

void
tupu_concept_page_show_node (TupuConceptPage *self, TupuGraph *graph, const TupuNode *node,
                             gboolean focus_title)
{
  g_return_if_fail (TUPU_IS_CONCEPT_PAGE (self));
  g_return_if_fail (TUPU_IS_GRAPH (graph));
  g_return_if_fail (node != NULL);

  g_set_object (&self->graph, graph);
  update_header (self, node);
  update_title_description (self, node);
  /* The title, which a screen reader then reads, takes the focus before the links it may have
   * been on are reused or removed. */
  if (focus_title)
    gtk_widget_grab_focus (GTK_WIDGET (self->label_label));
  update_sources (self, node);
  update_tree_links (self, node);
  update_related (self, node);
  tupu_concept_study_set_node_id (self->study, node->id);

  /* A new concept is read from the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
tupu_concept_page_clear (TupuConceptPage *self)
{
  g_return_if_fail (TUPU_IS_CONCEPT_PAGE (self));

  /* The study section saves the note being typed as it lets go of its concept; the page lets
   * go of the graph, which a reload or another file may have replaced. */
  tupu_concept_study_set_node_id (self->study, NULL);
  g_clear_object (&self->graph);
}

gboolean
tupu_concept_page_focus_title (TupuConceptPage *self)
{
  g_return_val_if_fail (TUPU_IS_CONCEPT_PAGE (self), FALSE);

  return gtk_widget_grab_focus (GTK_WIDGET (self->label_label));
}

TupuConceptStudy *
tupu_concept_page_get_study (TupuConceptPage *self)
{
  g_return_val_if_fail (TUPU_IS_CONCEPT_PAGE (self), NULL);

  return self->study;
}
