"""A flat projection of every searchable live page onto its facet values.

Fiches, networks, livrables and collections do not share fields, yet the search must filter and count
them together by region, theme, type… Each page type says which values it has for which facet
(`facet_values()`); they are copied here at publication, so that filtering is a semi-join and counting
is one GROUP BY, the same way for every content type and on every database.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFacet(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False)
    facet = models.CharField(_("facette"), max_length=20)
    value = models.CharField(_("valeur"), max_length=100)

    class Meta:
        verbose_name = _("valeur de facette")
        verbose_name_plural = _("valeurs de facettes")
        constraints = [models.UniqueConstraint(fields=["page", "facet", "value"], name="unique_page_facet_value")]
        indexes = [models.Index(fields=["facet", "value", "page"], name="pagefacet_lookup")]

    def __str__(self):
        return f"{self.page_id} {self.facet}={self.value}"


class SearchSuggestion(models.Model):
    """One thing the header's search field can suggest as the reader types (see search.suggest).

    A title belongs to its page (one row per live searchable page); a tag or a carrying structure is
    shared by the fiches that use it (one row each, `page` empty, `weight` = how many live pages use it).
    `normalized` starts with a space and separates words by single spaces, so that
    `normalized__contains=" " + term` reads "a word starts with term", the same on every database.
    """

    class Kind(models.TextChoices):
        TITLE = "titre", _("titre")
        TAG = "mot-cle", _("mot-clé")
        STRUCTURE = "structure", _("structure porteuse")

    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("libellé"), max_length=255)
    normalized = models.TextField(_("libellé normalisé"))
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # a title's content type, as in search.facets.CONTENT_TYPES, so that no query is needed to label it
    search_type = models.CharField(_("type de contenu"), max_length=20, blank=True)
    tag = models.ForeignKey(
        "taggit.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    weight = models.PositiveIntegerField(_("poids"), default=0)
    # On a title: the tag ids and carrying structure its page gave the shared rows at its last sync, so
    # that the next one knows which weights to recount (the page's old tags are gone by then).
    contributes = models.JSONField(_("contributions"), default=dict, blank=True)

    class Meta:
        verbose_name = _("suggestion de recherche")
        verbose_name_plural = _("suggestions de recherche")
        # These unique indexes are the ones the writes look rows up by (page, tag, structure). The read
        # filters on `normalized` with LIKE '% term%', which no B-tree index can serve: it scans this
        # narrow table (a few ms at 10,000 fiches) and joins pages and tags to the chosen 8 only.
        constraints = [
            models.UniqueConstraint(fields=["page"], name="unique_suggestion_page"),
            models.UniqueConstraint(fields=["tag"], name="unique_suggestion_tag"),
            models.UniqueConstraint(
                fields=["text"], condition=models.Q(kind="structure"), name="unique_suggestion_structure"
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.text}"
