"""What a page type gives the search: the `SearchablePage` contract.

The search service lists, filters and counts pages of several types together (fiches, networks,
livrables, chantiers, sélections…) without knowing any of them. A page type takes part by inheriting
`SearchablePage` (before its base page) and filling in what is marked below; the service then asks the
class, never `hasattr`:

- `search_type` and `search_type_label`: the value of the "type" facet ("fiche") and its label;
- `facet_values()`: {facet param: [stored values]} (regions, theme ids, years…), copied into the facet
  table at publication (search.facets), and `facet_prefetch`, what computing them reads
  (`search_prefetch`: what its search texts read, for rebuilding documents in bulk);
- `facets_from_parent`: True when the page is found by its parent's facets (a livrable by its
  network's region), so that publishing the parent refreshes it;
- `search_result_queryset(queryset)`: what a result card shows, loaded in a fixed number of queries,
  and `prepare_results(pages)`, what it reads from other pages, in bulk; its region and themes come
  from the facet rows, read for every type of a page of results at once (search.facets.OwnThemes
  for the types with themes of their own);
- `search_json(request)`: what the search's JSON says of one result;
- `suggestion_tags_through` / `suggestion_structure_field`: the tags and the carrying structure the
  header's suggestions offer, shared by every page of the type that uses them (search.suggest);
- `search_weights`: the weight of each search field in the ranking, "A" (the title) to "D" (the rest);
  a field left out weighs "C", as the body does (`search_texts`, search.documents).

Two index fields come with the contract: the page's text normalised for French (`french_search_text`,
see search.french; not on PostgreSQL's database backend, which stems French itself) and its facet
values as keywords (`search_facets`, which Elasticsearch filters and counts on). They are added by `get_search_fields`, so a page type declares only its own search fields.
When pages go to Elasticsearch or OpenSearch, four more come with them: the columns of the page's
search document (`SEARCH_COLUMNS`: `portal_title`, `portal_lead`, `portal_body`, `portal_other`, its
text of each weight normalised by search.french, exactly as search.documents writes them), which
search.elastic matches and ranks on, with an analyser that does not stem them again.

The page types register with the search (search.facets.register_page_types) in their app's ready():
the order they are registered in is the order of the "type" facet.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from wagtail.search import index

from . import config, french

FRENCH_TEXT_FIELD = "french_search_text"
FACETS_FIELD = "search_facets"

# The ranking's four weights, strongest first: the title ≫ the chapô, tags and carrying structure ≫ the
# sections ≫ the rest (search.fulltext gives them the same ratios on every engine).
WEIGHTS = ("A", "B", "C", "D")
DEFAULT_WEIGHTS = {"title": "A", "intro": "B"}

# {index field: weight}: the columns of search.models.SearchDocument (title, lead, body, other), as
# index fields for Elasticsearch and OpenSearch. Only declared when one of them is configured: the
# database engines read the same columns from SearchDocument, and Wagtail's database index would only
# hold the same text twice (and normalise it once more at every publication).
SEARCH_COLUMNS = {"portal_title": "A", "portal_lead": "B", "portal_body": "C", "portal_other": "D"}
# Index fields computed from the others: never read as texts of the page themselves.
DERIVED_FIELDS = frozenset({FRENCH_TEXT_FIELD, *SEARCH_COLUMNS})


class SearchablePage(models.Model):
    search_type: ClassVar[str] = ""
    search_type_label: ClassVar[str] = ""
    facet_prefetch: ClassVar[tuple] = ()
    # what `search_texts` reads besides the page's own fields (its related search fields)
    search_prefetch: ClassVar[tuple] = ()
    facets_from_parent: ClassVar[bool] = False
    suggestion_tags_through: ClassVar[type[models.Model] | None] = None  # a taggit through model
    suggestion_structure_field: ClassVar[str | None] = None
    # {search field name (or related field name): "A" | "B" | "C" | "D"}, on top of DEFAULT_WEIGHTS
    search_weights: ClassVar[dict] = {}

    class Meta:
        abstract = True

    @classmethod
    def get_search_fields(cls):
        fields = [*super().get_search_fields(), index.FilterField(FACETS_FIELD)]
        backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", None)
        if not config.stems_french_itself(backends):
            # On PostgreSQL, Wagtail's index (the administration's search) stems French itself: the same
            # text normalised here would only double the size of every entry, and its indexing time.
            fields.append(index.SearchField(FRENCH_TEXT_FIELD))
        if config.uses_elastic(backends):
            fields += [
                index.SearchField(name, es_extra=dict(config.TERMS_FIELD_MAPPING)) for name in SEARCH_COLUMNS
            ]
        return fields

    # --- to fill in ------------------------------------------------------------------------------

    def facet_values(self):
        """{facet param: [stored values]}; the "type" facet is added by the search itself."""
        raise NotImplementedError(f"{type(self).__name__} must say what the search filters it by.")

    @classmethod
    def search_result_queryset(cls, queryset):
        return queryset

    @classmethod
    def prepare_results(cls, pages):
        """Complete a page of loaded results in bulk (what their cards and JSON read from other pages),
        rather than one query per result. Called once with the results of every page type that shares
        this implementation (livrables and chantiers together, say)."""

    def search_json(self, request=None):
        """What the search's JSON says of this page; page types add their own facts."""
        return {
            "title": self.title,
            "url": self.get_url(request),
            "type": self.search_type,
            "type_label": str(self.search_type_label),
            "region": None,
            "themes": [],
            "summary": self.intro,
        }

    # --- index fields ----------------------------------------------------------------------------

    def french_search_text(self):
        """Every searchable text of the page, normalised for French (see search.french for why).

        Indexed next to the original text so that every backend, even SQLite's which has no stemming,
        matches "réseaux" with "reseau" and "coopérer" with "coopération".
        """
        return " ".join(filter(None, self.normalised_texts().values()))

    def normalised_texts(self, words=None, weights=WEIGHTS):
        """{weight: the page's text of that weight, normalised by search.french}: the columns of its search
        document (search.documents) and of its Elasticsearch fields. `words` (a set) collects the words
        seen, for the vocabulary."""
        texts = self.search_texts()
        return {weight: french.index_text(" ".join(texts[weight]), words) for weight in weights}

    def search_texts(self):
        """{weight: [texts]}: every searchable text of the page, by its weight in the ranking."""
        weights = {**DEFAULT_WEIGHTS, **self.search_weights}
        texts = {weight: [] for weight in WEIGHTS}
        for field in self.get_search_fields():
            if isinstance(field, index.RelatedFields | index.SearchField):
                texts[weights.get(field.field_name, "C")].extend(_searchable_texts(self, [field]))
        return texts

    def search_column(self, weight):
        """The page's text of one weight, normalised by search.french, as its search document holds it."""
        return self.normalised_texts(weights=(weight,))[weight]

    def portal_title(self):
        return self.search_column(SEARCH_COLUMNS["portal_title"])

    def portal_lead(self):
        return self.search_column(SEARCH_COLUMNS["portal_lead"])

    def portal_body(self):
        return self.search_column(SEARCH_COLUMNS["portal_body"])

    def portal_other(self):
        return self.search_column(SEARCH_COLUMNS["portal_other"])

    def search_facets(self):
        """The page's facet values as "facet:value" keywords, for Elasticsearch to filter and count.

        Defined once, on this class, so that it is one column shared by every page type in the index,
        and a single terms aggregation counts regions across fiches, networks and livrables. The
        database backends read the same values from search.models.PageFacet instead.
        """
        if not self.live:
            return []
        return [f"{facet}:{value}" for facet, value in facet_pairs(self)]



# the facet every searchable page has one value of: its content type (`search_type`)
TYPE_FACET = "type"


def facet_pairs(page):
    """(facet, value) pairs of a live searchable page, "type" first, each value once, empty ones left out."""
    values = {TYPE_FACET: [page.search_type], **page.facet_values()}
    return [
        (facet, str(value))
        for facet, facet_values in values.items()
        for value in dict.fromkeys(facet_values)
        if value not in (None, "")
    ]


def _searchable_texts(obj, search_fields):
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            related = getattr(obj, field.field_name, None)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]  # a manager, or one object
            for item in items:
                yield from _searchable_texts(item, field.fields)
        elif isinstance(field, index.SearchField) and field.field_name not in DERIVED_FIELDS:
            value = field.get_value(obj)
            if hasattr(value, "get_searchable_content"):
                value = " ".join(value.get_searchable_content())
            elif value is not None and not isinstance(value, str):
                value = " ".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
            if value:
                yield strip_tags(value)
