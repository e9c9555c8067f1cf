"""The search service on Elasticsearch or OpenSearch: hits and every facet count in one request.

The database path filters and counts on search.models.PageFacet with SQL. Here the same facet values
are indexed in each page's document (BasePage.search_facets, "facet:value" keywords) and the whole
faceted-navigation rule becomes one request:

- `query`: the reader's words, live pages of the requested types, minus the subtrees hidden from this
  user;
- `post_filter`: every active facet filter, applied to the hits only;
- `aggs`: one filtered terms aggregation per facet, each applying every active filter but its own,
  with a size large enough for every region and theme (Elasticsearch's default is 10).

The words follow the same relevance model as the database engines (search.fulltext), on the same
text: each page's document holds the four columns of its search document (search.contract
SEARCH_COLUMNS: title, lead, body, other), normalised once by search.french and indexed by an
analyser that only splits them into terms (search.config.TERMS_ANALYZER), never stemmed again. The
reader's words are parsed by search.query, like on the database engines, and compiled here from terms
only (`text_query`), never into a query_string: nothing typed becomes engine syntax.

- every clause must match (`bool.must`), by any one of its alternatives (`dis_max`): a term over the
  four columns with boosts 10/4/2/1 (`multi_match`, summed over the columns like the engines' weighted
  scores), a synonym or a compound's parts as a phrase (`multi_match` of type `phrase`), the last word
  typed also as a `prefix` (the columns index their prefixes for that, search.config);
- `bool.should` adds the tiers of search.fulltext as constant scores far above BM25's: the words as a
  phrase in the title, every clause in the title, the words as a phrase in the other columns;
- the date of first publication only breaks ties (`sort`: `_score`, then the date).

Typos are corrected as on the database engines (search.service): when the words as typed give fewer
than vocabulary.FEW_RESULTS results, the words unknown to the vocabulary are replaced by their nearest known word
(search.vocabulary.correction) and the search is run again; its results are kept if there are more,
and the outcome says so (`Outcome.correction`). No fuzzy query is sent to the cluster: the correction
is the same on every engine, and the vocabulary decides it.
"""

import re
from dataclasses import replace

from django.core.paginator import Paginator
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import FilterField, SearchField
from wagtail.search.query import MatchAll

from portal.access import hidden_paths

from . import config, facets, fulltext, query, vocabulary
from .contract import FACETS_FIELD, SEARCH_COLUMNS
from .outcome import SORT_RELEVANCE, Outcome

# search.fulltext's columns (title, lead, body, other), each with its index field and its boost.
FIELDS = dict(zip(fulltext.WEIGHTS, SEARCH_COLUMNS, strict=True))
BOOSTS = fulltext.WEIGHTS
TITLE = ("title",)
OTHERS = ("lead", "body", "other")

# The tiers of search.fulltext (criteria 1 to 3) as constant scores added to the weighted BM25 score.
# Their sums keep the tiers' order (4 > 2 + 1) as long as the weighted BM25 score stays below TIER: a term
# scores at most a few tens per column before its boost (17 in all), so ten words stay well under it.
TIER = 10_000.0
PHRASE_IN_TITLE = 4 * TIER
ALL_IN_TITLE = 2 * TIER
PHRASE_ELSEWHERE = TIER


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
        # the search document's columns, named as on the contract like the facet field
        searchable_mapping = self.backend.mapping_class(searchable)
        self.columns = {
            column: searchable_mapping.get_field_column_name(SearchField(name)) for column, name in FIELDS.items()
        }

    # -- the reader's words ---------------------------------------------------------------------

    def _fields(self, columns):
        return [f"{self.columns[column]}^{BOOSTS[column]:g}" for column in columns]

    def _term(self, term, columns):
        """One term of the normalised text, in any of `columns`; a prefix when it is the last word typed."""
        if term.prefix:
            prefixes = [{"prefix": {self.columns[c]: {"value": term.text, "boost": BOOSTS[c]}}} for c in columns]
            return prefixes[0] if len(prefixes) == 1 else {"bool": {"should": prefixes, "minimum_should_match": 1}}
        if len(columns) == 1:
            return {"match": {self.columns[columns[0]]: {"query": term.text, "boost": BOOSTS[columns[0]]}}}
        # most_fields, like `should` above: the scores of the columns add up, as in the engines' weighted
        # scores (a term found in the title and the body ranks above the same term in the title only)
        return {"multi_match": {"query": term.text, "fields": self._fields(columns), "type": "most_fields"}}

    def _phrase(self, texts, columns, open_end=False):
        """Terms next to each other in this order, in any of `columns`; the last one may be the start of
        a longer term (`open_end`)."""
        text = " ".join(texts)
        if len(columns) == 1:
            kind = "match_phrase_prefix" if open_end else "match_phrase"
            return {kind: {self.columns[columns[0]]: {"query": text, "boost": BOOSTS[columns[0]]}}}
        kind = "phrase_prefix" if open_end else "phrase"
        return {"multi_match": {"query": text, "fields": self._fields(columns), "type": kind}}

    def _alternative(self, terms, phrase, columns):
        if phrase and len(terms) > 1:
            return self._phrase([t.text for t in terms], columns, open_end=terms[-1].prefix)
        queries = [self._term(t, columns) for t in terms]
        return queries[0] if len(queries) == 1 else {"bool": {"must": queries}}

    def _clause(self, clause, columns):
        """Any one of the clause's alternatives (the best one scores)."""
        queries = [self._alternative(terms, clause.phrase, columns) for terms in clause.alternatives]
        return queries[0] if len(queries) == 1 else {"dis_max": {"queries": queries}}

    def text_query(self, parsed, ranked=True):
        """The query for a search.query.Query: every clause must match; when `ranked`, the tiers of
        search.fulltext as constant scores on top of the weighted score."""
        must = [self._clause(clause, tuple(FIELDS)) for clause in parsed.clauses]
        if not ranked:
            return {"bool": {"must": must}}
        should = []
        phrase = parsed.phrase()
        # the main terms in the order typed, open at the end while the last word is being typed
        words, open_end = phrase.split(), bool(phrase) and not phrase.endswith(" ")
        if phrase:
            should.append(_constant(self._phrase(words, TITLE, open_end), PHRASE_IN_TITLE, "phrase_in_title"))
        in_title = [self._clause(clause, TITLE) for clause in parsed.clauses]
        should.append(_constant({"bool": {"must": in_title}}, ALL_IN_TITLE, "all_in_title"))
        if phrase:
            should.append(_constant(self._phrase(words, OTHERS, open_end), PHRASE_ELSEWHERE, "phrase_elsewhere"))
        return {"bool": {"must": must, "should": should}}

    # -- the request ----------------------------------------------------------------------------

    def _terms(self, param, values):
        return {"terms": {self.facets_column: [f"{param}:{value}" for value in values]}}

    def body(self, criteria, *, types, facet_params, hidden_paths=(), parsed=None):
        """The request body (without pagination, which travels as parameters).

        `parsed`: the reader's words as search.query parsed them with the synonyms and the vocabulary's
        completions (SearchService.parse); parsed here without them when not given.
        """
        if parsed is None and criteria.q:
            parsed = query.parse(criteria.q)
        relevance = bool(parsed) and criteria.sort == SORT_RELEVANCE
        # Wagtail's own compiler only for what it knows of pages (live ones, the page index's content
        # type), as a filter: the words are the portal's (`text_query`), without only stop words.
        pages = self.backend.query_compiler_class(Page.objects.live(), MatchAll(), order_by_relevance=False)
        matching = {
            "bool": {
                "must": [self.text_query(parsed, ranked=relevance) if parsed else {"match_all": {}}],
                "filter": [self._terms("type", types), pages.get_query()],
            }
        }
        if hidden_paths:
            matching["bool"]["must_not"] = [{"prefix": {self.path_column: path}} for path in hidden_paths]

        active = criteria.active()
        body = {"query": matching, "track_total_hits": True}
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
        by_date = [{self.published_column: {"order": "desc"}}, {"pk": "desc"}]
        # freshness only breaks ties between equal scores, as on the database engines
        body["sort"] = ["_score", *by_date] if relevance else by_date
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
        parsed = service.parse(criteria.q) if criteria.q else None
        outcome = self.search(service, criteria, parsed, hidden)
        if criteria.q and not criteria.exact and outcome.total < vocabulary.FEW_RESULTS:
            q = vocabulary.corrected_text(criteria.q)
            if q is not None:
                corrected = replace(criteria, q=q)
                corrected_parsed = service.parse(q)
                found = self.search(service, corrected, corrected_parsed, hidden)
                if found.total > outcome.total:
                    found.correction = {"typed": criteria.q, "q": q}
                    outcome, criteria, parsed = found, corrected, corrected_parsed
        if not outcome.total:
            outcome.relaxations = self.relaxations(service, criteria, hidden, parsed)
        return outcome

    def search(self, service, criteria, parsed, hidden):
        """One page of hits and the facet counts (one request; two when the page asked is beyond the end)."""
        body = self.body(criteria, types=service.types, facet_params=service.facet_params, hidden_paths=hidden, parsed=parsed)
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
        return Outcome(page=page, total=total, facets=described, scores={pk: scores.get(pk) for pk in ids})

    def relaxations(self, service, criteria, hidden_paths, parsed=None):
        """When nothing matches: the number of hits with each criterion dropped alone (one count each)."""
        active = criteria.active()
        dropped = {param: replace(criteria, filters={p: v for p, v in active.items() if p != param}) for param in active}
        if criteria.q and active:
            dropped["q"] = replace(criteria, q="")
        counts = {}
        for key, relaxed in dropped.items():
            words = parsed if relaxed.q else None
            body = self.body(relaxed, types=service.types, facet_params=[], hidden_paths=hidden_paths, parsed=words)
            body.pop("aggs", None)
            counts[key] = self.parse(self.send(body, 0, 0))[2]
        return counts


def _constant(query, score, name):
    """`query` as a yes/no criterion worth `score` (named, so that `explain` and `matched_queries` tell
    which tier a hit reached)."""
    return {"constant_score": {"filter": query, "boost": score, "_name": name}}
