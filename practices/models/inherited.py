"""Pages found by the facets of the page above them: livrables and chantiers under a network or a fiche."""

from django.utils.functional import cached_property
from wagtail.models import Page

from search import facets
from search.contract import SearchablePage

# The rich-text features of a network's and its child pages' sections.
TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class FromParentFacets:
    """Livrables and chantiers are found by the region, themes and year of the network or fiche above them.

    A mixin of the search contract (search.contract.SearchablePage), listed before it in the bases.
    """

    facets_from_parent = True

    @cached_property
    def facet_parent(self):
        parent = self.get_parent()
        return parent.specific if parent is not None else None

    def facet_values(self):
        parent = self.facet_parent
        values = {}
        if isinstance(parent, SearchablePage):
            inherited = parent.facet_values()
            values = {param: inherited.get(param, []) for param in ("region", "theme")}
        values["annee"] = [self.facet_year()]
        return values

    def facet_year(self):
        return None

    @classmethod
    def prepare_results(cls, pages):
        """The parents of a page of results, in one query; their region and themes are the pages' own
        facet rows, which the search reads for every type at once (search.facets.attach_card_facets)."""
        paths = {page.path[: -page.steplen] for page in pages}
        parents = {
            parent.path: parent
            for parent in Page.objects.filter(path__in=paths).only("id", "path", "depth", "title", "slug", "url_path")
        }
        for page in pages:
            page.result_parent = parents.get(page.path[: -page.steplen])

    def search_json(self, request=None):
        data = super().search_json(request)
        parent = getattr(self, "result_parent", None) or self.facet_parent
        stored = getattr(self, "result_facets", None)
        if stored is None:
            stored = {param: [str(v) for v in values] for param, values in self.facet_values().items()}
        regions = facets.labels("region", stored.get("region", []), request)
        data["region"] = {"code": regions[0][0], "name": regions[0][1]} if regions else None
        data["themes"] = [{"slug": url, "name": label} for url, label in facets.labels("theme", stored.get("theme", []), request)]
        data["parent"] = {"title": parent.title, "url": parent.get_url(request)} if parent else None
        return data
