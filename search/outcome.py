"""What a search is asked and what it answers, whatever the engine (database or Elasticsearch)."""

from dataclasses import dataclass, field

SORT_RELEVANCE = "pertinence"
SORT_RECENT = "recent"


@dataclass
class Criteria:
    """What the reader asked for, already validated (see search.forms.SearchForm)."""

    q: str = ""
    # facet param -> values as stored in PageFacet (region codes, theme ids…)
    filters: dict = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1
    # the words exactly as typed: no typo correction (the "search for … instead" link)
    exact: bool = False

    def active(self):
        return {param: values for param, values in self.filters.items() if values}


@dataclass
class FacetCount:
    value: str  # as in URLs
    label: str
    count: int
    selected: bool
    stored: str = ""  # as in PageFacet (a region's code, which the map's shapes are keyed by)


@dataclass
class FacetResult:
    param: str
    label: str
    values: list


@dataclass
class Outcome:
    page: object  # django.core.paginator.Page of page ids (SearchService.load gives the pages)
    total: int
    facets: list
    scores: dict = field(default_factory=dict)
    # {page id: version of its result card} (search.cards); a page without one is rendered each time
    versions: dict = field(default_factory=dict)
    # {page id: content type id}, when known (SearchService.load then needs no query to tell the types)
    content_types: dict = field(default_factory=dict)
    # when nothing matches: {active param, or "q" for the words: how many results without it}
    relaxations: dict = field(default_factory=dict)
    # when typos were corrected: {"typed": the words as typed, "q": the words searched}
    correction: dict | None = None
