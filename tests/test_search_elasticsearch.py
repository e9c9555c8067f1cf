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
from search import config, documents, elastic, query
from search.contract import SEARCH_COLUMNS
from search.elastic import ElasticEngine, is_elastic
from search.models import Synonym
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
    # the portal's fields are already normalised by search.french: split and lower-cased, nothing more
    assert analysis["analyzer"][config.TERMS_ANALYZER] == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}


def test_elastic_backends_are_recognised_by_their_path():
    assert config.uses_elastic(ES_SETTINGS) and config.uses_elastic(OS_SETTINGS)
    assert not config.uses_elastic({"default": config.backend_settings("django.db.backends.postgresql")})
    assert not config.uses_elastic(None) and not config.uses_elastic({})


@pytest.mark.django_db
def test_mapping_and_document_of_a_fiche():
    fiche = make_fiche("Égalité professionnelle : le réseau breton", region_id="53", themes=("egalite-professionnelle",), tags=["parité"])
    # the index fields follow the configured backend: read them under the Elasticsearch settings
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        mapping = get_search_backend().mapping_class(PracticeSheetPage)
        properties = mapping.get_mapping()["properties"]
        document = mapping.get_document(fiche)
    assert properties["search_searchablepage__search_facets_filter"] == {"type": "keyword"}
    assert properties["search_searchablepage__french_search_text"]["type"] == "text"
    theme = Theme.objects.get(slug="egalite-professionnelle")
    facets = set(document["search_searchablepage__search_facets_filter"])
    assert {"type:fiche", "region:53", f"theme:{theme.pk}", "service:ddi", "annee:2018"} <= facets
    assert "egal professionnel" in document["search_searchablepage__french_search_text"]


@pytest.mark.django_db
def test_the_search_document_columns_are_indexed_without_stemming_them_again():
    fiche = make_fiche("Égalité professionnelle : le co-développement", tags=["parité"], intro="Des réseaux de cadres.")
    fiche = PracticeSheetPage.objects.get(pk=fiche.pk)
    assert not {field.field_name for field in PracticeSheetPage.get_search_fields()} & set(SEARCH_COLUMNS)  # database: no
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        backend = get_search_backend()
        mapping = backend.mapping_class(PracticeSheetPage)
        properties = mapping.get_mapping()["properties"]
        document = mapping.get_document(fiche)
    expected = documents.document_for(fiche)
    for name in SEARCH_COLUMNS:
        field = properties[f"search_searchablepage__{name}"]
        assert field["type"] == "text"
        assert field["analyzer"] == config.TERMS_ANALYZER  # never the French "default" analyser, which stems
        assert "search_analyzer" not in field  # the same analyser for the reader's terms
        assert field["index_prefixes"] == {"min_chars": 2, "max_chars": 8}
        assert "copy_to" not in field and "include_in_all" not in field  # out of the French `_all_text`
    # the very columns of the search document (search.documents), one per weight
    for name, column in zip(SEARCH_COLUMNS, ("title", "lead", "body", "other"), strict=True):
        assert document[f"search_searchablepage__{name}"] == getattr(expected, column), name
    assert document["search_searchablepage__portal_title"] == "egal professionnel co developp codevelopp"
    assert "reseau" in document["search_searchablepage__portal_lead"].split()
    # the French text of every weight is still there for the admin's search, and not made of the columns
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
    assert '"query": "egal"' in text and '"query": "reseau"' in text  # the words normalised like the indexed text
    filters = body["query"]["bool"]["filter"]
    assert filters[0] == {"terms": {engine.facets_column: ["type:fiche"]}}
    assert {"term": {"live_filter": True}} in filters[1]["bool"]["filter"]  # live pages only, as before
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
    # relevance first, the date of publication only between equal scores
    assert body["sort"] == ["_score", {"first_published_at_filter": {"order": "desc"}}, {"pk": "desc"}]


TITLE, LEAD, BODY, OTHER = (f"search_searchablepage__{name}" for name in SEARCH_COLUMNS)
BOOSTED = [f"{TITLE}^10", f"{LEAD}^4", f"{BODY}^2", f"{OTHER}^1"]


def words_query(body):
    """The query of the reader's words: the first `must` of the request."""
    return body["query"]["bool"]["must"][0]["bool"]


def tiers(body):
    return {tier["constant_score"]["_name"]: tier["constant_score"] for tier in words_query(body)["should"]}


@pytest.mark.django_db
def test_the_words_are_clauses_over_the_four_weighted_columns(engine):
    parsed = query.parse("égalité des réseaux")  # no completion: the last word is its own prefix only
    body = engine.body(Criteria(q="égalité des réseaux"), types=["fiche"], facet_params=[], parsed=parsed)
    clauses = words_query(body)["must"]
    assert len(clauses) == 2  # the stop word is no clause
    # each word: its term over the four columns, with the weights of the database engines (10/4/2/1)
    assert clauses[0] == {"multi_match": {"query": "egal", "fields": BOOSTED, "type": "most_fields"}}
    # the last word typed: the term, or a term that starts with it, in any column
    exact, prefix = clauses[1]["dis_max"]["queries"]
    assert exact == {"multi_match": {"query": "reseau", "fields": BOOSTED, "type": "most_fields"}}
    assert prefix["bool"]["minimum_should_match"] == 1
    assert prefix["bool"]["should"] == [
        {"prefix": {TITLE: {"value": "reseau", "boost": 10.0}}},
        {"prefix": {LEAD: {"value": "reseau", "boost": 4.0}}},
        {"prefix": {BODY: {"value": "reseau", "boost": 2.0}}},
        {"prefix": {OTHER: {"value": "reseau", "boost": 1.0}}},
    ]
    # the tiers of search.fulltext, in their order: the phrase in the title ≫ every word in the title ≫
    # the phrase elsewhere ≫ the weighted score
    found = tiers(body)
    assert list(found) == ["phrase_in_title", "all_in_title", "phrase_elsewhere"]
    assert found["phrase_in_title"]["filter"] == {"match_phrase_prefix": {TITLE: {"query": "egal reseau", "boost": 10.0}}}
    in_title = found["all_in_title"]["filter"]["bool"]["must"]
    assert in_title[0] == {"match": {TITLE: {"query": "egal", "boost": 10.0}}}
    assert {"prefix": {TITLE: {"value": "reseau", "boost": 10.0}}} in in_title[1]["dis_max"]["queries"]
    elsewhere = found["phrase_elsewhere"]["filter"]["multi_match"]
    assert elsewhere == {"query": "egal reseau", "fields": BOOSTED[1:], "type": "phrase_prefix"}
    scores = [found[name]["boost"] for name in ("phrase_in_title", "all_in_title", "phrase_elsewhere")]
    assert scores[0] > scores[1] + scores[2] and scores[1] > scores[2] >= elastic.TIER
    # never the French analyser's fields, nor Wagtail's query compiler for the words
    text = json.dumps(words_query(body))
    assert "french_search_text" not in text and "_all_text" not in text


@pytest.mark.django_db
def test_one_word_has_no_phrase_to_look_for(engine):
    body = engine.body(Criteria(q="agilité"), types=["fiche"], facet_params=[], parsed=query.parse("agilité"))
    assert list(tiers(body)) == ["all_in_title"]  # as search.fulltext: a phrase needs two words


@pytest.mark.django_db
def test_the_last_word_is_completed_from_the_vocabulary(engine):
    parsed = query.parse("pratiques coop", complete=lambda word: ["cooper"])
    body = engine.body(Criteria(q="pratiques coop"), types=["fiche"], facet_params=[], parsed=parsed)
    alternatives = words_query(body)["must"][1]["dis_max"]["queries"]
    assert alternatives[0]["multi_match"]["query"] == "coop"
    assert "prefix" in json.dumps(alternatives[1])
    assert alternatives[2] == {"multi_match": {"query": "cooper", "fields": BOOSTED, "type": "most_fields"}}


@pytest.mark.django_db
def test_synonyms_and_compounds_are_phrases(engine):
    groups = [(("teletravail",), ("travail", "distanc"))]
    parsed = query.parse("télétravail co-développement", groups)
    body = engine.body(Criteria(q="télétravail co-développement"), types=["fiche"], facet_params=[], parsed=parsed)
    synonym, compound = words_query(body)["must"]
    assert synonym["dis_max"]["queries"] == [
        {"multi_match": {"query": "teletravail", "fields": BOOSTED, "type": "most_fields"}},
        {"multi_match": {"query": "travail distanc", "fields": BOOSTED, "type": "phrase"}},
    ]
    # the compound: the joined term, or both parts (in any order, as on the database engines)
    joined, parts = compound["dis_max"]["queries"]
    assert joined["multi_match"]["query"] == "codevelopp"
    assert [q["multi_match"]["query"] for q in parts["bool"]["must"]] == ["co", "developp"]
    in_title = tiers(body)["all_in_title"]["filter"]["bool"]["must"][0]["dis_max"]["queries"]
    assert in_title[1] == {"match_phrase": {TITLE: {"query": "travail distanc", "boost": 10.0}}}


@pytest.mark.django_db
def test_the_service_sends_the_synonyms_administrators_edit(reader_client, monkeypatch):
    Synonym.objects.create(expressions="QVT\nqualité de vie au travail")
    make_fiche("Qualité de vie au travail")
    fake = FakeElasticsearch(hits=[], aggregations={})
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        use_fake_client(monkeypatch, fake)
        reader_client.get("/recherche/?format=json&q=QVT")
    sent = json.dumps(fake.requests[0]["query"])
    assert '"query": "qualit vi travail", "fields": ' in sent and '"type": "phrase"' in sent


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["le la des", "!!! ?", "« — »"])
def test_stop_words_or_punctuation_list_everything_by_date(engine, q):
    body = engine.body(Criteria(q=q), types=["fiche"], facet_params=["region"])
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["sort"][0] == {"first_published_at_filter": {"order": "desc"}}


@pytest.mark.django_db
def test_what_is_typed_never_becomes_engine_syntax(engine):
    q = 'gestion AND (title:x OR "agile*") -projet~2 /re.*/ \\'
    body = engine.body(Criteria(q=q), types=["fiche"], facet_params=[])
    text = json.dumps(body)
    assert "query_string" not in text and "regexp" not in text and "fuzziness" not in text
    queried = {clause.get("multi_match", {}).get("query") for clause in words_query(body)["must"]}
    assert "gestion" in queried and not any(c in str(queried) for c in "():*~/\\\"")


@pytest.mark.django_db
def test_sorted_by_date_the_words_still_filter_but_nothing_ranks(engine):
    body = engine.body(Criteria(q="égalité", sort="recent"), types=["fiche"], facet_params=[])
    assert words_query(body) == {"must": [words_query(body)["must"][0]]}  # no tier to compute
    assert body["sort"][0] == {"first_published_at_filter": {"order": "desc"}}


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
        assert {v["value"]: v["count"] for v in data["facets"]["region"]} == {"bretagne": 1, "occitanie": 1}
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


class FindsOnly(FakeElasticsearch):
    """Hits only for a request whose words hold `term`."""

    def __init__(self, term, hits):
        super().__init__(hits=hits, aggregations={})
        self.term = term

    def search(self, **kwargs):
        answer = super().search(**kwargs)
        if f'"query": "{self.term}"' not in json.dumps(kwargs.get("body", kwargs)["query"]):
            answer["hits"] = {"total": {"value": 0, "relation": "eq"}, "hits": []}
        return answer


@pytest.mark.django_db
def test_a_typo_is_corrected_on_elasticsearch_as_on_the_database(reader_client, monkeypatch):
    fiche = make_fiche("Management des équipes")
    fake = FindsOnly("manag", hits=[fiche.pk])
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        use_fake_client(monkeypatch, fake)
        data = reader_client.get("/recherche/", {"q": "managment", "format": "json"}).json()
        assert data["total"] == 1 and data["results"][0]["title"] == "Management des équipes"
        assert data["correction"]["typed"] == "managment" and data["correction"]["q"] == "management"
        # the words as typed, then the corrected words: no fuzzy query, the vocabulary decides
        assert len(fake.requests) == 2 and "fuzziness" not in json.dumps(fake.requests[0]["query"])
        html = reader_client.get("/recherche/", {"q": "managment"}).content.decode()
        assert "Résultats pour « <strong>management</strong> » (au lieu de « managment »)" in html
        fake.requests.clear()
        literal = reader_client.get("/recherche/", {"q": "managment", "exact": "1", "format": "json"}).json()
        assert literal["total"] == 0 and literal["correction"] is None
        assert len(fake.requests) == 1


@pytest.mark.django_db
def test_enough_results_for_the_words_as_typed_means_no_correction(reader_client, monkeypatch):
    fiches = [make_fiche(f"Management {n}") for n in range(3)]
    fake = FakeElasticsearch(hits=[f.pk for f in fiches], aggregations={})
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        use_fake_client(monkeypatch, fake)
        data = reader_client.get("/recherche/", {"q": "managment", "format": "json"}).json()
    assert data["correction"] is None and len(fake.requests) == 1


def test_each_column_keeps_its_weight():
    assert elastic.FIELDS == {"title": "portal_title", "lead": "portal_lead", "body": "portal_body", "other": "portal_other"}
    assert [SEARCH_COLUMNS[name] for name in elastic.FIELDS.values()] == ["A", "B", "C", "D"]
    assert elastic.BOOSTS == {"title": 10.0, "lead": 4.0, "body": 2.0, "other": 1.0}
