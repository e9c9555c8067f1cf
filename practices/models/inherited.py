"""Pages found by the facets of the page above them: livrables and chantiers under a network or a fiche."""

from django.utils.functional import cached_property

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

    def search_json(self, request=None):
        data = super().search_json(request)
        parent = self.facet_parent
        region = getattr(parent, "region", None)
        data["region"] = {"code": region.code, "name": region.name} if region else None
        themes = parent.themes.all() if isinstance(parent, SearchablePage) and hasattr(parent, "themes") else []
        data["themes"] = [{"slug": theme.slug, "name": theme.name} for theme in themes]
        data["parent"] = {"title": parent.title, "url": parent.get_url(request)} if parent else None
        return data
