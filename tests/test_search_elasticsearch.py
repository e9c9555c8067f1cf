"""Elasticsearch / OpenSearch without a server: settings, mapping, documents, and the request the service sends.

The live counterpart, run against a real cluster when ELASTICSEARCH_URL or OPENSEARCH_URL is set, is
tests/test_search_elasticsearch_live.py.
"""

import contextlib
import json

import pytest
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from practices.models import PracticeSheetPage, Region, Theme
from search import config
from search.elastic import ElasticEngine, is_elastic
from search.service import Criteria, SearchService

from .factories import make_fiche

ES_SETTINGS = {"default": config.backend_settings("django.db.backends.sqlite3", elasticsearch_url="http://es.invalid:9200")}
OS_SETTINGS = {"default": config.backend_settings("django.db.backends.sqlite3", opensearch_url="https://os.invalid:9200")}


def test_backend_settings_follow_the_environment():
    assert config.backend_settings("django.db.backends.sqlite3") == {"BACKEND": "wagtail.search.backends.database"}
    assert config.backend_settings("django.db.backends.postgresql")["SEARCH_CONFIG"] == "french_unaccent"
    es = ES_SETTINGS["default"]
    assert es["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert es["URLS"] == ["http://es.invalid:9200"]
    assert es["INDEX_PREFIX"] == "reseaux_"
    assert "INDEX" not in es  # removed in Wagtail 8
    assert OS_SETTINGS["default"]["BACKEND"] == "wagtail.search.backends.opensearch3"


def test_french_analyser_in_the_index_settings():
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        backend = get_search_backend()
    analysis = backend.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    assert default["filter"] == ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"]
    assert analysis["filter"]["french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["french_stop"]["stopwords"] == "_french_"
    assert {"l", "d", "qu", "jusqu"} <= set(analysis["filter"]["french_elision"]["articles"])
    # Wagtail's own autocomplete analysers are kept alongside
    assert "edgengram_analyzer" in analysis["analyzer"]


@pytest.mark.django_db
def test_mapping_and_document_of_a_fiche():
    fiche = make_fiche("Égalité professionnelle : le réseau breton", region_id="53", themes=("egalite-professionnelle",), tags=["parité"])
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        backend = get_search_backend()
    mapping = backend.mapping_class(PracticeSheetPage)
    properties = mapping.get_mapping()["properties"]
    assert properties["search_searchablepage__search_facets_filter"] == {"type": "keyword"}
    assert properties["search_searchablepage__french_search_text"]["type"] == "text"
    document = mapping.get_document(fiche)
    theme = Theme.objects.get(slug="egalite-professionnelle")
    facets = set(document["search_searchablepage__search_facets_filter"])
    assert {"type:fiche", "region:53", f"theme:{theme.pk}", "service:ddi", "annee:2018"} <= facets
    assert "egal professionnel" in document["search_searchablepage__french_search_text"]


@pytest.fixture
def engine():
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        yield ElasticEngine()


@pytest.mark.django_db
def test_the_request_applies_faceted_navigation_rules(engine):
    criteria = Criteria(q="L'égalité des réseaux", filters={"region": ["53", "76"], "theme": ["4"]}, sort="pertinence")
    body = engine.body(criteria, types=["fiche"], facet_params=["region", "theme", "service"], hidden_paths=["000100020003"])
    text = json.dumps(body)
    assert '"query": "egal reseau"' in text  # the words normalised like the indexed text
    assert body["query"]["bool"]["filter"] == [{"terms": {engine.facets_column: ["type:fiche"]}}]
    assert body["query"]["bool"]["must_not"] == [{"prefix": {"path_filter": "000100020003"}}]
    # hits get every active filter…
    assert body["post_filter"]["bool"]["filter"] == [
        {"terms": {engine.facets_column: ["region:53", "region:76"]}},
        {"terms": {engine.facets_column: ["theme:4"]}},
    ]
    # …each facet's counts every filter but its own
    assert body["aggs"]["region"]["filter"]["bool"]["filter"] == [{"terms": {engine.facets_column: ["theme:4"]}}]
    assert body["aggs"]["theme"]["filter"]["bool"]["filter"] == [{"terms": {engine.facets_column: ["region:53", "region:76"]}}]
    assert len(body["aggs"]["service"]["filter"]["bool"]["filter"]) == 2
    sizes = {agg["aggs"]["values"]["terms"]["size"] for agg in body["aggs"].values()}
    assert min(sizes) >= max(Region.objects.count(), Theme.objects.count(), 100)  # never Elasticsearch's 10
    assert body["aggs"]["region"]["aggs"]["values"]["terms"]["include"] == "region:.*"
    assert body["sort"][0] == "_score"


@pytest.mark.django_db
def test_without_words_it_matches_all_and_sorts_by_date(engine):
    body = engine.body(Criteria(q="", sort="recent"), types=["fiche", "reseau"], facet_params=["type"])
    assert "match_all" in json.dumps(body["query"])
    assert "post_filter" not in body
    assert body["sort"][0] == {"first_published_at_filter": {"order": "desc"}}
    assert body["query"]["bool"]["filter"][0]["terms"][engine.facets_column] == ["type:fiche", "type:reseau"]


class FakeElasticsearch:
    """Answers like Elasticsearch 8 would, and remembers what it was asked."""

    def __init__(self, hits, aggregations, total=None):
        self.hits, self.aggregations, self.total = hits, aggregations, total
        self.requests = []

    def search(self, **kwargs):
        self.requests.append(kwargs)
        start, size = kwargs["from_"], kwargs["size"]
        page = self.hits[start : start + size]
        return {
            "hits": {
                "total": {"value": self.total if self.total is not None else len(self.hits), "relation": "eq"},
                "hits": [{"_score": 10.0 - i, "fields": {"pk": [str(pk)]}} for i, pk in enumerate(page)],
            },
            "aggregations": {
                param: {"doc_count": sum(counts.values()), "values": {"buckets": [{"key": f"{param}:{k}", "doc_count": v} for k, v in counts.items()]}}
                for param, counts in self.aggregations.items()
            },
        }


def use_fake_client(monkeypatch, fake):
    import search.elastic

    backend = get_search_backend()
    backend.es = fake
    monkeypatch.setattr(search.elastic, "get_search_backend", lambda: backend)


@pytest.mark.django_db
def test_the_listing_runs_on_elasticsearch(reader_client, monkeypatch):
    bzh = make_fiche("Réseau breton", region_id="53")
    occ = make_fiche("Programme occitan", region_id="76")
    fake = FakeElasticsearch(hits=[occ.pk, bzh.pk], aggregations={"region": {"53": 1, "76": 1}, "theme": {str(Theme.objects.get(slug="management").pk): 2}})
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        use_fake_client(monkeypatch, fake)
        assert is_elastic()
        response = reader_client.get("/fiches/?format=json&q=réseaux&theme=management")
        assert response.status_code == 200
        data = response.json()
        assert [r["title"] for r in data["results"]] == ["Programme occitan", "Réseau breton"]
        assert data["results"][0]["score"] == 10.0
        assert data["total"] == 2
        assert {v["value"]: v["count"] for v in data["facets"]["region"]} == {"53": 1, "76": 1}
        assert {v["value"] for v in data["facets"]["theme"]} == {"management"}
        request = fake.requests[-1]
        assert request["index"] == "reseaux_wagtailcore_page"
        assert request["from_"] == 0 and request["size"] == 20
        assert request["stored_fields"] == "pk" and request["_source"] is False
        html = reader_client.get("/fiches/?q=réseaux").content.decode()
        assert "Programme occitan" in html and "Réseau breton" in html


@pytest.mark.django_db
def test_a_page_beyond_the_end_shows_the_last_one_on_elasticsearch(reader_client, monkeypatch):
    fiches = [make_fiche(f"Fiche {n}") for n in range(3)]
    fake = FakeElasticsearch(hits=[f.pk for f in fiches] * 9, aggregations={}, total=27)
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        use_fake_client(monkeypatch, fake)
        data = reader_client.get("/fiches/?format=json&page=99").json()
    assert data["page"] == 2 and data["pages"] == 2
    assert fake.requests[-1]["from_"] == 20


@pytest.mark.django_db
@pytest.mark.parametrize("elastic", [False, True], ids=["base", "elasticsearch"])
def test_the_one_service_hands_the_search_to_the_configured_engine(rf, reader, monkeypatch, elastic):
    """Views call SearchService.run and never know which backend answers."""
    calls = []
    monkeypatch.setattr(ElasticEngine, "run", lambda engine, service, criteria: calls.append((service, criteria)) or "réponse")
    request = rf.get("/recherche/")
    request.user = reader
    criteria = Criteria(q="coopération")
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS) if elastic else contextlib.nullcontext():
        service = SearchService(request)
        outcome = service.run(criteria)
    if elastic:
        assert outcome == "réponse" and calls == [(service, criteria)]
    else:
        assert calls == [] and outcome.total == 0


class EmptyUnlessRelaxed(FakeElasticsearch):
    """No hit for the full request; for a request without the region filter, 3."""

    def search(self, **kwargs):
        answer = super().search(**kwargs)
        post_filter = kwargs.get("body", kwargs).get("post_filter") or {}
        has_region = "region:" in str(post_filter)
        answer["hits"]["total"]["value"] = 0 if has_region or kwargs["size"] else 3
        answer["hits"]["hits"] = []
        return answer


@pytest.mark.django_db
def test_an_empty_result_on_elasticsearch_says_which_filter_to_drop(reader_client, monkeypatch):
    make_fiche("Réseau breton", region_id="53")
    fake = EmptyUnlessRelaxed(hits=[], aggregations={})
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        use_fake_client(monkeypatch, fake)
        data = reader_client.get("/fiches/?format=json&region=53&theme=management").json()
    assert data["total"] == 0
    # one count request per active filter, without aggregations, each dropping one filter
    counts = [request for request in fake.requests if request["size"] == 0]
    assert len(counts) == 2 and all("aggs" not in request.get("body", request) for request in counts)
    assert {item["without"]: item["count"] for item in data["suggestions"]} == {"Région : Bretagne": 3}  # dropping the theme still finds nothing
