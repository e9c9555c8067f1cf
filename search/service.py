"""The one search service: a validated query in, a page of results and facet counts out.

Every listing of the portal goes through here: /recherche/ (all content types a reader may see) and
/fiches/ (the same, restricted to fiches). The steps, each a constant number of SQL queries whatever
the number of pages:

1. the candidate pages: live, of the requested types, not hidden by a view restriction;
2. the full-text match, if there is a query: once per search, among the candidates
   (search.fulltext.matched); the results, their number, and the sets the facets are counted on are
   derived from it (`matching_sets`) rather than matched again, which read the whole index each time
   (or an id list on Elasticsearch);
3. the facet filters, each a semi-join on PageFacet: values of one facet are OR-ed, facets AND-ed;
4. the counts of every facet, following the faceted-navigation rule: a facet's counts apply the query
   and every other active filter, but not its own, so that a reader sees what ticking another box of
   the same facet would add;
5. one page of results, loaded with what their cards show.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, FloatField, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from taggit.models import Tag
from wagtail.models import Page

from portal.access import pages, visibility_signature
from portal.cache import cached_content

from . import elastic, facets, fulltext
from .models import PageFacet
from .outcome import SORT_RECENT, SORT_RELEVANCE, Criteria, FacetCount, FacetResult, Outcome

__all__ = ["SORT_RECENT", "SORT_RELEVANCE", "Criteria", "FacetCount", "FacetResult", "Outcome", "SearchService"]

PER_PAGE = 20


class Counted:
    """Rows whose number is already known, so that the paginator does not count them again in SQL."""

    def __init__(self, rows, count):
        self.rows = rows
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, key):
        return self.rows[key]


def _by_date(pages):
    return pages.order_by("-first_published_at", "-pk").values_list("pk", Value(None, output_field=FloatField()))


def id_set(ids):
    """Page ids for `page_id__in`, as one SQL parameter however many there are.

    A search over every fiche can match thousands of pages; as literals they would be as many
    parameters in each part of a query, and SQLite refuses more than 32,766 in one statement.
    """
    ids = list(ids)
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids


def _with_facet(queryset, param, values):
    return queryset.filter(pk__in=PageFacet.objects.filter(facet=param, value__in=values).values("page_id"))


class SearchService:
    def __init__(self, request, types=None, facet_params=None, per_page=PER_PAGE):
        self.request = request
        self.types = list(types) if types else list(facets.content_types())
        self.facet_params = facet_params or [f.param for f in facets.all_facets()]
        self.per_page = per_page
        # Elasticsearch or OpenSearch answers the whole search in one request (search.elastic)
        self.engine = elastic.ElasticEngine() if elastic.is_elastic() else None

    # -- building blocks ----------------------------------------------------------------------

    def candidates(self, queryset=None):
        """Live pages of the requested types that this user may see (among `queryset`, if given).

        Among pages already narrowed down by a filter, the type is checked page by page (EXISTS): as a
        list it would be built whole first, and it holds every searchable page.
        """
        if queryset is None:
            queryset = _with_facet(pages().live(), "type", self.types)
        else:
            queryset = queryset.filter(
                Exists(PageFacet.objects.filter(page_id=OuterRef("pk"), facet="type", value__in=self.types))
            )
        return queryset.visible_to(self.request)

    def searchable(self):
        """The candidates again, told by their content type rather than through the facet table.

        What the full-text match is checked against, one matching page at a time (by primary key):
        the facet table holds the same types, but only as rows to join.
        """
        return pages().live().filter(content_type__in=facets.content_type_ids(self.types)).visible_to(self.request)

    def filtered(self, criteria, except_param=None):
        """The candidates that pass every active filter but `except_param`.

        The filters come before the content types on purpose: SQLite walks the first semi-join of the
        chain and only probes the others, and the content types hold every searchable page, where a
        region or a theme holds a few hundred (13 ms against 2 ms at 10,000 fiches).
        """
        queryset = None
        for param, values in criteria.active().items():
            if param != except_param:
                queryset = _with_facet(pages().live() if queryset is None else queryset, param, values)
        return self.candidates(queryset)

    # -- the search ---------------------------------------------------------------------------

    def run(self, criteria):
        if self.engine is not None:
            return self.engine.run(self, criteria)
        scored = fulltext.matched(self.searchable(), criteria.q) if criteria.q else None
        if scored is None:
            found = None
            rows = _by_date(self.filtered(criteria))
        else:
            found = self.matching_sets(criteria, scored)
            results = {pk: scored[pk] for pk in found[None]}
            if criteria.sort != SORT_RELEVANCE:
                rows = Counted(_by_date(Page.objects.filter(pk__in=id_set(results))), len(results))
            elif None in results.values():  # this backend scores in a query of its own (PostgreSQL)
                rows = Counted(fulltext.ranked(Page.objects.filter(pk__in=id_set(results)), criteria.q), len(results))
            else:
                rows = fulltext.by_relevance(results)

        paginator = Paginator(rows, self.per_page)
        page = paginator.get_page(criteria.page)
        scores = {pk: fulltext.score_of(score) for pk, score in page.object_list}
        page.object_list = self.load(list(scores))
        outcome = Outcome(page=page, total=paginator.count, facets=self.count_facets(criteria, found), scores=scores)
        if not outcome.total:
            outcome.relaxations = self.relaxations(criteria, found)
        return outcome

    def relaxations(self, criteria, found=None):
        """When nothing matches: how many results each criterion, dropped alone, would give back.

        Computed only for an empty result, so it costs nothing the rest of the time: the sets without
        each active filter are those the facets were counted on (`matching_sets`), and without the
        words it is the filtered candidates, counted once.
        """
        active = criteria.active()
        counts = {}
        for param in active:
            counts[param] = len(found[param]) if found is not None else self.filtered(criteria, except_param=param).count()
        if criteria.q and active:
            counts["q"] = self.filtered(criteria).count()
        return counts

    def matching_sets(self, criteria, scored):
        """The matching candidates in each set the facets are counted on: {excluded param: ids}.

        None is the fully filtered set (the results); an active param, the set without that filter.
        `scored` holds candidates only (see `searchable`): one query on the facet table says which active
        filters each of them passes, and the sets follow in Python.
        """
        active = {param: set(values) for param, values in criteria.active().items()}
        passed = {param: set() for param in active}
        if active:
            condition = Q()
            for param, values in active.items():
                condition |= Q(facet=param, value__in=values)
            for page_id, facet, value in PageFacet.objects.filter(condition, page_id__in=id_set(scored)).values_list(
                "page_id", "facet", "value"
            ):
                if value in active[facet]:
                    passed[facet].add(page_id)
        candidates = set(scored)
        return {
            excluded: candidates.intersection(*(passed[param] for param in active if param != excluded))
            for excluded in (None, *active)
        }

    def count_facets(self, criteria, found=None):
        """Counts for every facet: one GROUP BY per set of pages, all sent as one query (UNION ALL).

        A facet belongs to one set only (the set without its own filter if it is active, the fully
        filtered set otherwise), so the rows of the parts never collide. `found`: the sets of pages that
        match the reader's words (see `matching_sets`), or None when there are no words.
        """
        active = criteria.active()
        groups = {}  # excluded param (None = all filters apply) -> facets counted on that set
        for param in self.facet_params:
            groups.setdefault(param if param in active else None, []).append(param)
        counts = {param: {} for param in self.facet_params}
        parts = []
        for excluded, params in groups.items():
            if found is None and not set(active) - {excluded}:
                # Counted on every candidate: the same for every search of these types (one filter, or
                # none), so computed once per content version (portal.cache) rather than each time.
                for facet, value, n in self.candidate_counts(params):
                    counts[facet][value] = n
                continue
            if found is None:
                pages = self.filtered(criteria, except_param=excluded).values("pk")
            else:
                pages = id_set(found[excluded])
            parts.append(
                PageFacet.objects.filter(facet__in=params, page_id__in=pages)
                .values_list("facet", "value")
                .annotate(n=Count("page_id"))
                .order_by()
            )
        if parts:
            for facet, value, n in parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]:
                counts[facet][value] = n
        by_param = facets.by_param()
        return [self.describe(by_param[param], counts[param], active.get(param, [])) for param in self.facet_params]

    def candidate_counts(self, params):
        """[(facet, value, count)] of `params` over every candidate, cached against the content version.

        Varies on the content types and on what this reader may not see (portal.access), like the
        candidates themselves.
        """

        def build():
            pages = self.candidates().values("pk")
            return list(
                PageFacet.objects.filter(facet__in=params, page_id__in=pages)
                .values_list("facet", "value")
                .annotate(n=Count("page_id"))
                .order_by()
            )

        return cached_content(
            self.request, "facet-counts", build, sorted(self.types), sorted(params), visibility_signature(self.request)
        )

    def describe(self, facet, counts, selected):
        """Turn stored values and counts into what a reader sees: URL value, label, count."""
        selected = set(selected)
        values = []
        if facet.kind == "years":
            for stored in sorted(set(counts) | selected, reverse=True):
                values.append(FacetCount(stored, stored, counts.get(stored, 0), stored in selected))
        elif facet.kind == "tags":
            top = sorted(counts, key=lambda v: (-counts[v], v))[: facet.limit]
            wanted = set(top) | selected
            for tag in Tag.objects.filter(pk__in=wanted):
                stored = str(tag.pk)
                values.append(FacetCount(tag.slug, tag.name, counts.get(stored, 0), stored in selected))
            values.sort(key=lambda v: (-v.count, v.label.lower()))
        else:
            for url_value, (stored, label) in facets.choices(self.request)[facet.param].items():
                if stored in counts or stored in selected:
                    if facet.param == "type" and stored not in self.types:
                        continue
                    values.append(FacetCount(url_value, label, counts.get(stored, 0), stored in selected))
            if facet.by_count:
                values.sort(key=lambda v: (-v.count, v.label))
        return FacetResult(facet.param, str(facet.label), values)

    def load(self, ids):
        """The specific pages behind a page of ids, in that order, with what their cards show."""
        if not ids:
            return []
        models = [model for model in facets.searchable_models() if model.search_type in self.types]
        if len(models) == 1:  # a listing of one content type (/fiches/): no need to ask the page types
            by_model = {models[0]: ids}
        else:
            by_model = {}
            for page_id, content_type_id in Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id"):
                by_model.setdefault(ContentType.objects.get_for_id(content_type_id).model_class(), []).append(page_id)
        loaded = {}
        for model, type_ids in by_model.items():
            queryset = model.search_result_queryset(model.objects.filter(pk__in=type_ids))
            loaded.update({page.pk: page for page in queryset})
        return [loaded[page_id] for page_id in ids if page_id in loaded]
