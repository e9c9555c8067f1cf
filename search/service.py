"""The one search service: a validated query in, a page of results and facet counts out.

Every listing of the portal goes through here: /recherche/ (all content types a reader may see) and
/fiches/ (the same, restricted to fiches). The steps, each a constant number of SQL queries whatever
the number of pages:

1. the candidate pages: live, of the requested types, not hidden by a view restriction;
2. the full-text match, if there is a query, as a subquery of page ids (or an id list on
   Elasticsearch);
3. the facet filters, each a semi-join on PageFacet: values of one facet are OR-ed, facets AND-ed;
4. the counts of every facet, following the faceted-navigation rule: a facet's counts apply the query
   and every other active filter, but not its own, so that a reader sees what ticking another box of
   the same facet would add;
5. one page of results, loaded with what their cards show.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, FloatField, Q, Value
from wagtail.models import Page, PageViewRestriction

from . import facets, fulltext
from .models import PageFacet

PER_PAGE = 20
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

    def active(self):
        return {param: values for param, values in self.filters.items() if values}


@dataclass
class FacetCount:
    value: str  # as in URLs
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    param: str
    label: str
    values: list


@dataclass
class Outcome:
    page: object  # django.core.paginator.Page of specific Wagtail pages
    total: int
    facets: list
    scores: dict = field(default_factory=dict)


def hidden_page_ids(request):
    """Pages a view restriction hides from this user, as a subquery (None when nothing is hidden)."""
    if not hasattr(request, "_search_hidden_paths"):
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        request._search_hidden_paths = [r.page.path for r in restrictions if not r.accept_request(request)]
    paths = request._search_hidden_paths
    if not paths:
        return None
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Page.objects.filter(condition).values("pk")


def _with_facet(queryset, param, values):
    return queryset.filter(pk__in=PageFacet.objects.filter(facet=param, value__in=values).values("page_id"))


class SearchService:
    def __init__(self, request, types=None, facet_params=None, per_page=PER_PAGE):
        self.request = request
        self.types = list(types) if types else list(facets.CONTENT_TYPES)
        self.facet_params = facet_params or [f.param for f in facets.FACETS]
        self.per_page = per_page

    # -- building blocks ----------------------------------------------------------------------

    def candidates(self):
        """Live pages of the requested types that this user may see."""
        queryset = _with_facet(Page.objects.live(), "type", self.types)
        hidden = hidden_page_ids(self.request)
        if hidden is not None:
            queryset = queryset.exclude(pk__in=hidden)
        return queryset

    def filtered(self, criteria, except_param=None):
        queryset = self.candidates()
        for param, values in criteria.active().items():
            if param != except_param:
                queryset = _with_facet(queryset, param, values)
        return queryset

    # -- the search ---------------------------------------------------------------------------

    def run(self, criteria):
        from . import elastic

        if elastic.is_elastic():
            return elastic.ElasticEngine().run(self, criteria)
        matches = fulltext.matching_ids(criteria.q) if criteria.q else None
        results = self.filtered(criteria)
        if matches is not None:
            results = results.filter(pk__in=matches)

        ranked = fulltext.rank(results, criteria.q) if criteria.q and criteria.sort == SORT_RELEVANCE else None
        if ranked is not None:
            rows = ranked.values_list("pk", "_score")
        else:
            rows = results.order_by("-first_published_at", "-pk").values_list("pk", Value(None, output_field=FloatField()))

        paginator = Paginator(rows, self.per_page)
        page = paginator.get_page(criteria.page)
        scores = {pk: fulltext.score_of(score) for pk, score in page.object_list}
        page.object_list = self.load(list(scores))
        return Outcome(page=page, total=paginator.count, facets=self.count_facets(criteria, matches), scores=scores)

    def count_facets(self, criteria, matches=None):
        """Counts for every facet, in as few GROUP BY queries as the active filters allow."""
        active = criteria.active()
        groups = {}  # excluded param (None = all filters apply) -> facets counted on that set
        for param in self.facet_params:
            groups.setdefault(param if param in active else None, []).append(param)
        counts = {param: {} for param in self.facet_params}
        for excluded, params in groups.items():
            pages = self.filtered(criteria, except_param=excluded)
            if matches is not None:
                pages = pages.filter(pk__in=matches)
            rows = (
                PageFacet.objects.filter(facet__in=params, page_id__in=pages.values("pk"))
                .values_list("facet", "value")
                .annotate(n=Count("page_id"))
                .order_by()
            )
            for facet, value, n in rows:
                counts[facet][value] = n
        return [self.describe(facets.FACETS_BY_PARAM[param], counts[param], active.get(param, [])) for param in self.facet_params]

    def describe(self, facet, counts, selected):
        """Turn stored values and counts into what a reader sees: URL value, label, count."""
        selected = set(selected)
        values = []
        if facet.param in ("annee",):
            for stored in sorted(set(counts) | selected, reverse=True):
                values.append(FacetCount(stored, stored, counts.get(stored, 0), stored in selected))
        elif facet.param == "tag":
            from taggit.models import Tag

            top = sorted(counts, key=lambda v: (-counts[v], v))[: facet.limit]
            wanted = set(top) | selected
            for tag in Tag.objects.filter(pk__in=wanted):
                stored = str(tag.pk)
                values.append(FacetCount(tag.slug, tag.name, counts.get(stored, 0), stored in selected))
            values.sort(key=lambda v: (-v.count, v.label.lower()))
        else:
            for url_value, (stored, label) in facets.choices()[facet.param].items():
                if stored in counts or stored in selected:
                    if facet.param == "type" and stored not in self.types:
                        continue
                    values.append(FacetCount(url_value, label, counts.get(stored, 0), stored in selected))
            if facet.param in ("theme", "acteur", "tag"):
                values.sort(key=lambda v: (-v.count, v.label))
        return FacetResult(facet.param, str(facet.label), values)

    def load(self, ids):
        """The specific pages behind a page of ids, in that order, with what their cards show."""
        if not ids:
            return []
        by_type = {}
        for page_id, content_type_id in Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id"):
            by_type.setdefault(content_type_id, []).append(page_id)
        from django.contrib.contenttypes.models import ContentType

        loaded = {}
        for content_type_id, type_ids in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            queryset = model.objects.filter(pk__in=type_ids)
            if hasattr(model, "search_result_queryset"):
                queryset = model.search_result_queryset(queryset)
            loaded.update({page.pk: page for page in queryset})
        return [loaded[page_id] for page_id in ids if page_id in loaded]
