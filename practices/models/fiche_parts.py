"""What a fiche holds besides its own fields: key figures, contacts, documents, images, pinned fiches.

Inline models (Wagtail InlinePanel) of PracticeSheetPage, edited and published with it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.document_text import text_of


class KeyFigure(Orderable):
    page = ParentalKey("practices.PracticeSheetPage", on_delete=models.CASCADE, related_name="key_figures")
    value = models.CharField(_("valeur"), max_length=40, help_text=_("Par exemple : 40, 59 500, 5 jours."))
    label = models.CharField(_("libellé"), max_length=160, help_text=_("Par exemple : cadres membres du réseau."))

    panels = [FieldRowPanel([FieldPanel("value"), FieldPanel("label")])]

    class Meta(Orderable.Meta):
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")


class FicheContact(Orderable):
    page = ParentalKey("practices.PracticeSheetPage", on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nom"), max_length=120)
    role = models.CharField(_("fonction"), max_length=160, blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role"), FieldPanel("email")])]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")


class AttachedDocument(Orderable):
    """A document attached to a page, with an optional label; its text is searchable (weight D)."""

    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+")
    label = models.CharField(_("intitulé"), max_length=200, blank=True, help_text=_("Par défaut : le titre du document."))

    panels = [FieldPanel("document"), FieldPanel("label")]
    # The search reads the label and the document's text (portal.document_text: extracted once per file,
    # capped in size), under the weight its page gives the relation (search.contract.search_weights).
    search_fields = [index.SearchField("title"), index.SearchField("document_text")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def title(self):
        return self.label or self.document.title

    def document_text(self):
        return text_of(self.document)


class FicheAttachment(AttachedDocument):
    page = ParentalKey("practices.PracticeSheetPage", on_delete=models.CASCADE, related_name="attachments")

    class Meta(AttachedDocument.Meta):
        verbose_name = _("document joint")
        verbose_name_plural = _("documents joints")


class FicheImage(Orderable):
    page = ParentalKey("practices.PracticeSheetPage", on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("légende"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PinnedRelatedFiche(Orderable):
    """A fiche an editor chose by hand to show among the "fiches proches"."""

    page = ParentalKey("practices.PracticeSheetPage", on_delete=models.CASCADE, related_name="pinned_related")
    related = models.ForeignKey(
        "practices.PracticeSheetPage", verbose_name=_("fiche"), on_delete=models.CASCADE, related_name="pinned_by"
    )

    panels = [PageChooserPanel("related", "practices.PracticeSheetPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("fiche proche choisie")
        verbose_name_plural = _("fiches proches choisies")


__all__ = ["FicheAttachment", "FicheContact", "FicheImage", "KeyFigure", "PinnedRelatedFiche"]
