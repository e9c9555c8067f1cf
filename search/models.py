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
