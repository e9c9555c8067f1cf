"""The search service on Elasticsearch or OpenSearch: hits and every facet count in one request.

The database path filters and counts on search.models.PageFacet with SQL. Here the same facet values
are indexed in each page's document (BasePage.search_facets, "facet:value" keywords) and the whole
faceted-navigation rule becomes one request:

- `query`: the reader's words (compiled by Wagtail's own query compiler, so field names and boosts
  follow the mapping), live pages of the requested types, minus the subtrees hidden from this user;
- `post_filter`: every active facet filter, applied to the hits only;
- `aggs`: one filtered terms aggregation per facet, each applying every active filter but its own,
  with a size large enough for every region and theme (Elasticsearch's default is 10).
"""

import re
from dataclasses import replace

from django.core.paginator import Paginator
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import FilterField
from wagtail.search.query import MatchAll

from portal.access import hidden_paths

from . import config, facets, fulltext
from .contract import FACETS_FIELD
from .outcome import Outcome


def is_elastic(backend=None):
    return isinstance(backend or get_search_backend(), ElasticsearchBaseSearchBackend)


class ElasticEngine:
    def __init__(self, backend=None, facet_size=config.FACET_SIZE):
        self.backend = backend or get_search_backend()
        self.facet_size = facet_size
        mapping = self.backend.mapping_class(Page)
        # Columns as Wagtail's mapping names them: the facet field is defined once, on the search
        # contract (search.contract.SearchablePage), so any searchable page type names it the same way.
        searchable = facets.searchable_models()[0]
        self.facets_column = self.backend.mapping_class(searchable).get_field_column_name(FilterField(FACETS_FIELD))
        self.path_column = mapping.get_field_column_name(FilterField("path"))
        self.published_column = mapping.get_field_column_name(FilterField("first_published_at"))
        self.index_name = self.backend.get_index_for_model(Page).name

    # -- the request ----------------------------------------------------------------------------

    def _terms(self, param, values):
        return {"terms": {self.facets_column: [f"{param}:{value}" for value in values]}}

    def body(self, criteria, *, types, facet_params, hidden_paths=()):
        """The request body (without pagination, which travels as parameters)."""
        text = fulltext.to_query(criteria.q) if criteria.q else None
        relevance = text is not None and criteria.sort == "pertinence"
        compiler = self.backend.query_compiler_class(Page.objects.live(), text or MatchAll(), order_by_relevance=relevance)
        query = {
            "bool": {
                "must": [compiler.get_query()],
                "filter": [self._terms("type", types)],
            }
        }
        if hidden_paths:
            query["bool"]["must_not"] = [{"prefix": {self.path_column: path}} for path in hidden_paths]

        active = criteria.active()
        body = {"query": query, "track_total_hits": True}
        if active:
            body["post_filter"] = {"bool": {"filter": [self._terms(p, v) for p, v in active.items()]}}
        body["aggs"] = {}
        for param in facet_params:
            others = [self._terms(p, v) for p, v in active.items() if p != param]
            body["aggs"][param] = {
                "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                "aggs": {
                    "values": {
                        "terms": {"field": self.facets_column, "include": f"{re.escape(param)}:.*", "size": self.facet_size}
                    }
                },
            }
        body["sort"] = (
            ["_score", {"pk": "desc"}] if relevance else [{self.published_column: {"order": "desc"}}, {"pk": "desc"}]
        )
        return body

    def send(self, body, offset, size):
        """One request to the cluster, through the client Wagtail's backend holds (`backend.es`)."""
        params = {"index": self.index_name, "from_": offset, "size": size, "_source": False, "stored_fields": "pk"}
        if getattr(self.backend, "use_new_elasticsearch_api", False):
            # Elasticsearch 7.15 and later take the body's keys as arguments of their own.
            return self.backend.es.search(**body, **params)
        return self.backend.es.search(body=body, **params)

    @staticmethod
    def parse(response):
        """(page ids in order, {id: score}, total, {param: {stored value: count}})."""
        hits = response["hits"]["hits"]
        ids = [int(hit["fields"]["pk"][0]) for hit in hits]
        scores = {int(hit["fields"]["pk"][0]): hit.get("_score") for hit in hits}
        total = response["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else total
        counts = {}
        for param, aggregation in response.get("aggregations", {}).items():
            counts[param] = {
                bucket["key"].split(":", 1)[1]: bucket["doc_count"] for bucket in aggregation["values"]["buckets"]
            }
        return ids, scores, total, counts

    # -- the service contract ------------------------------------------------------------------

    def run(self, service, criteria):
        hidden = hidden_paths(service.request)
        body = self.body(criteria, types=service.types, facet_params=service.facet_params, hidden_paths=hidden)
        per_page = service.per_page
        response = self.send(body, (criteria.page - 1) * per_page, per_page)
        ids, scores, total, counts = self.parse(response)
        paginator = Paginator(range(total), per_page)
        page = paginator.get_page(criteria.page)
        if page.number != criteria.page and total:
            # Beyond the last page: show the last one, as the database path does.
            ids, scores, total, counts = self.parse(self.send(body, (page.number - 1) * per_page, per_page))
        page.object_list = ids
        active = criteria.active()
        by_param = facets.by_param()
        described = [
            service.describe(by_param[param], counts.get(param, {}), active.get(param, [])) for param in service.facet_params
        ]
        outcome = Outcome(page=page, total=total, facets=described, scores={pk: scores.get(pk) for pk in ids})
        if not total:
            outcome.relaxations = self.relaxations(service, criteria, hidden)
        return outcome

    def relaxations(self, service, criteria, hidden_paths):
        """When nothing matches: the number of hits with each criterion dropped alone (one count each)."""
        active = criteria.active()
        dropped = {param: replace(criteria, filters={p: v for p, v in active.items() if p != param}) for param in active}
        if criteria.q and active:
            dropped["q"] = replace(criteria, q="")
        counts = {}
        for key, relaxed in dropped.items():
            body = self.body(relaxed, types=service.types, facet_params=[], hidden_paths=hidden_paths)
            body.pop("aggs", None)
            counts[key] = self.parse(self.send(body, 0, 0))[2]
        return counts
