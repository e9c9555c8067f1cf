"""Pages found by the facets of the page above them: livrables and chantiers under a network or a fiche."""

from django.utils.functional import cached_property
from wagtail.models import Page

from search import facets
from search.contract import SearchablePage
from search.models import PageFacet

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
        """What the JSON of a page of results reads from above: the parents (one query), and the region
        and themes, which are the pages' own facet rows (one query; labels from the cached choices)."""
        paths = {page.path[: -page.steplen] for page in pages}
        parents = {
            parent.path: parent
            for parent in Page.objects.filter(path__in=paths).only("id", "path", "depth", "title", "slug", "url_path")
        }
        values = {}
        rows = PageFacet.objects.filter(page_id__in=[page.pk for page in pages], facet__in=("region", "theme"))
        for page_id, facet, value in rows.values_list("page_id", "facet", "value"):
            values.setdefault(page_id, {}).setdefault(facet, []).append(value)
        for page in pages:
            page.result_parent = parents.get(page.path[: -page.steplen])
            page.result_facets = values.get(page.pk, {})

    def search_json(self, request=None):
        data = super().search_json(request)
        parent = getattr(self, "result_parent", None) or self.facet_parent
        stored = getattr(self, "result_facets", None)
        if stored is None:
            stored = {param: [str(v) for v in values] for param, values in self.facet_values().items()}
        labels = {param: {value: (url, label) for url, (value, label) in choices.items()} for param, choices in facets.choices(request).items()}
        regions = [labels["region"][code] for code in stored.get("region", []) if code in labels.get("region", {})]
        data["region"] = {"code": regions[0][0], "name": regions[0][1]} if regions else None
        data["themes"] = [
            {"slug": url, "name": label}
            for url, label in (labels["theme"][value] for value in stored.get("theme", []) if value in labels.get("theme", {}))
        ]
        data["parent"] = {"title": parent.title, "url": parent.get_url(request)} if parent else None
        return data
