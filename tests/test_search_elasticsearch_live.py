"""The French query table (tests/french_queries.py) on a real Elasticsearch or OpenSearch cluster.

tests/test_search_elasticsearch.py checks, without a server, the request the service sends; only a
cluster can tell whether the search document's columns (indexed with an analyser that does not stem
them again) and that request together find the same fiches as the database backend, in the same order. So this module loads the same corpus, indexes it under a
prefix of its own (reseaux_test_<random>_, deleted at the end), and asks the same JSON search the
same questions, expecting the same sets.

It runs when ELASTICSEARCH_URL (or OPENSEARCH_URL) is set, and is skipped otherwise. Run it on its
own: with the variable set, the settings send every other test's indexing to the cluster too.

    docker run --rm -p 9200:9200 -e discovery.type=single-node -e xpack.security.enabled=false \\
        docker.elastic.co/elasticsearch/elasticsearch:8.17.0
    ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/pytest tests/test_search_elasticsearch_live.py

Nothing here touches the network at import time, nor before the module's first live fixture runs
(the server-less tests at the end check it).
"""

import os
import socket
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import config
from search.elastic import ElasticEngine, is_elastic
from search.service import Criteria

from .factories import make_fiche
from .french_queries import QUERIES, load_corpus, result_slugs

URL_VARIABLES = ("ELASTICSEARCH_URL", "OPENSEARCH_URL")
INDEX_PREFIX_STEM = "reseaux_test_"

SKIP_REASON = (
    "Aucun cluster : définissez ELASTICSEARCH_URL (ou OPENSEARCH_URL) pour lancer ces tests, par exemple "
    "`docker run --rm -p 9200:9200 -e discovery.type=single-node -e xpack.security.enabled=false "
    "docker.elastic.co/elasticsearch/elasticsearch:8.17.0` puis "
    "`ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/pytest tests/test_search_elasticsearch_live.py`."
)


def cluster_url(environ):
    """(variable, URL) of the cluster named in the environment, Elasticsearch first, or None."""
    return next(((name, environ[name]) for name in URL_VARIABLES if environ.get(name)), None)


def live_backend_settings(environ, database_engine="django.db.backends.sqlite3", prefix=None):
    """WAGTAILSEARCH_BACKENDS for the cluster of the environment, as portal/settings/base.py builds it,
    but under an index prefix of its own so that a run never touches the portal's indices."""
    if cluster_url(environ) is None:
        return None
    return {
        "default": config.backend_settings(
            database_engine,
            elasticsearch_url=environ.get("ELASTICSEARCH_URL", ""),
            opensearch_url=environ.get("OPENSEARCH_URL", ""),
            index_prefix=prefix or f"{INDEX_PREFIX_STEM}{uuid.uuid4().hex[:8]}_",
            elasticsearch_version=int(environ.get("ELASTICSEARCH_VERSION") or 8),
            opensearch_version=int(environ.get("OPENSEARCH_VERSION") or 3),
            timeout=30,
        )
    }


def delete_indices(client, prefix):
    """Delete every index under the prefix, by name: Elasticsearch 8 refuses wildcard deletions by default.

    The atomic rebuild leaves one concrete index per alias (wagtailcore_page_<random> behind
    wagtailcore_page…); deleting the indices deletes their aliases.
    """
    assert prefix.startswith(INDEX_PREFIX_STEM) and len(prefix) > len(INDEX_PREFIX_STEM), prefix
    names = sorted(name for name in client.indices.get(index=f"{prefix}*") if name.startswith(prefix))
    for name in names:
        client.indices.delete(index=name)
    return names


def rebuild_index():
    call_command("update_index", backend_name="default", verbosity=0)


requires_cluster = pytest.mark.skipif(cluster_url(os.environ) is None, reason=SKIP_REASON)


# --- on a live cluster -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    """The corpus in the database (rolled back at the end) and in fresh indices (deleted at the end)."""
    backends = live_backend_settings(os.environ, settings.DATABASES["default"]["ENGINE"])
    prefix = backends["default"]["INDEX_PREFIX"]
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), django_db_blocker.unblock(), transaction.atomic():
        backend = get_search_backend()
        name, url = cluster_url(os.environ)
        try:
            backend.es.info()
            unreachable = None
        except Exception as error:  # whichever client, whatever the connection error
            unreachable = error
        if unreachable is not None:
            pytest.fail(f"{name}={url} ne répond pas : {unreachable}", pytrace=False)
        try:
            # Indices with the French analyser first, so that pages indexed on publication land in them…
            rebuild_index()
            load_corpus()
            # …then every page again, now that tags and many-to-many values are saved.
            rebuild_index()
            yield backend
        finally:
            transaction.set_rollback(True)
            delete_indices(backend.es, prefix)


@requires_cluster
@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_query_finds_exactly_the_expected_fiches(cluster, reader_client, query):
    assert is_elastic()
    found = result_slugs(reader_client, query.q)
    assert found == query.expected, f"{query.q!r} ({query.covers}) on {type(cluster).__module__}"


@requires_cluster
@pytest.mark.django_db
def test_the_fiche_listing_answers_like_the_search(cluster, reader_client):
    for query in QUERIES[::6]:
        assert result_slugs(reader_client, query.q, path="/fiches/") == query.expected, query.q


@requires_cluster
@pytest.mark.django_db
def test_the_portal_fields_are_split_not_stemmed(cluster):
    """The columns arrive normalised by search.french: the cluster must not stem them again."""
    index = cluster.get_index_for_model(Page)
    es = cluster.es
    if cluster.use_new_elasticsearch_api:
        analysed = es.indices.analyze(index=index.name, analyzer=config.TERMS_ANALYZER, text="reseau cooper egal")
    else:
        analysed = es.indices.analyze(index=index.name, body={"analyzer": config.TERMS_ANALYZER, "text": "reseau cooper egal"})
    assert [token["token"] for token in analysed["tokens"]] == ["reseau", "cooper", "egal"]
    mappings = es.indices.get_mapping(index=index.name)
    properties = next(iter(dict(mappings).values()))["mappings"]["properties"]
    assert properties["search_searchablepage__portal_title"]["analyzer"] == config.TERMS_ANALYZER


@requires_cluster
@pytest.mark.django_db
def test_the_ranking_follows_the_tiers_of_the_database_engines(cluster, reader_client):
    """The words as a phrase in the title, then all of them in the title, then as a phrase elsewhere,
    then the weighted score; and a typo corrected as on the database engines."""
    fiches = {
        "scattered": make_fiche(
            "Une fiche ordinaire", slug="quenouille-eparse", intro="Une gouvernance partagée.", description="<p>Quenouille.</p>"
        ),
        "elsewhere": make_fiche("Une autre fiche", slug="quenouille-ailleurs", description="<p>Une quenouille gouvernance.</p>"),
        "in_title": make_fiche("Gouvernance de la quenouille", slug="quenouille-titre"),
        "phrase": make_fiche("Quenouille gouvernance", slug="quenouille-phrase"),
    }
    try:
        cluster.get_index_for_model(Page).refresh()
        found = reader_client.get("/recherche/", {"q": "quenouille gouvernance", "format": "json"}).json()
        corrected = reader_client.get("/recherche/", {"q": "quenouile gouvernance", "format": "json"}).json()
    finally:
        for page in fiches.values():
            cluster.delete(page)
        cluster.get_index_for_model(Page).refresh()
    order = [result["url"].rstrip("/").rsplit("/", 1)[-1] for result in found["results"]]
    assert order == ["quenouille-phrase", "quenouille-titre", "quenouille-ailleurs", "quenouille-eparse"]
    assert corrected["correction"]["q"] == "quenouille gouvernance" and corrected["total"] == 4


# Last in the module: the fiches it adds are removed from the index when it ends, but only then.
@requires_cluster
@pytest.mark.django_db
def test_facets_count_more_than_ten_values(cluster, reader_client, monkeypatch):
    """Elasticsearch's terms aggregation returns 10 buckets unless told otherwise: 18 regions and 11
    themes must all be counted."""
    from practices.models import Region, Theme

    regions = list(Region.objects.exclude(code="NAT").order_by("code").values_list("code", flat=True))
    themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
    assert len(regions) > 10 and len(themes) > 10
    sent = []
    send = ElasticEngine.send

    def spy(engine, body, offset, size):
        sent.append(body)
        return send(engine, body, offset, size)

    monkeypatch.setattr(ElasticEngine, "send", spy)
    pages = []
    try:
        for n, code in enumerate(regions):
            pages.append(
                make_fiche(
                    f"Quinconce {n}",
                    slug=f"quinconce-{n}",
                    region_id=code,
                    themes=(themes[n % len(themes)],),
                    intro="Une fiche quinconce pour compter les facettes.",
                    description="<p>Quinconce.</p>",
                    objectives="<p>Compter.</p>",
                )
            )
        cluster.get_index_for_model(Page).refresh()
        response = reader_client.get("/recherche/", {"q": "quinconce", "format": "json"})
        assert response.status_code == 200
        data = response.json()
    finally:
        for page in pages:
            cluster.delete(page)
        cluster.get_index_for_model(Page).refresh()

    assert data["total"] == len(regions)
    assert {v["value"]: v["count"] for v in data["facets"]["region"]} == dict.fromkeys(regions, 1)
    expected_themes = Counter(themes[n % len(themes)] for n in range(len(regions)))
    assert {v["value"]: v["count"] for v in data["facets"]["theme"]} == expected_themes
    sizes = {aggregation["aggs"]["values"]["terms"]["size"] for aggregation in sent[-1]["aggs"].values()}
    assert min(sizes) >= len(regions)


# --- without a server: the helpers above, and no network I/O ---------------------------------------


def test_no_cluster_means_no_settings():
    assert cluster_url({}) is None
    assert live_backend_settings({"ELASTICSEARCH_URL": "", "OPENSEARCH_URL": ""}) is None
    assert "ELASTICSEARCH_URL" in SKIP_REASON and "OPENSEARCH_URL" in SKIP_REASON and "docker run" in SKIP_REASON


def test_settings_for_elasticsearch_use_a_prefix_of_their_own():
    first = live_backend_settings({"ELASTICSEARCH_URL": "http://es.invalid:9200"})["default"]
    second = live_backend_settings({"ELASTICSEARCH_URL": "http://es.invalid:9200"})["default"]
    assert first["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert first["URLS"] == ["http://es.invalid:9200"]
    assert first["INDEX_PREFIX"].startswith(INDEX_PREFIX_STEM) and first["INDEX_PREFIX"].endswith("_")
    assert first["INDEX_PREFIX"] != second["INDEX_PREFIX"]
    assert first["INDEX_PREFIX"] == first["INDEX_PREFIX"].lower()  # index names are lower case
    assert first["INDEX_SETTINGS"] == config.index_settings()
    assert "INDEX" not in first  # removed in Wagtail 8


def test_settings_follow_the_versions_and_opensearch():
    es9 = live_backend_settings({"ELASTICSEARCH_URL": "http://es.invalid:9200", "ELASTICSEARCH_VERSION": "9"})
    assert es9["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    opensearch = live_backend_settings({"OPENSEARCH_URL": "https://os.invalid:9200"})["default"]
    assert opensearch["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert opensearch["URLS"] == ["https://os.invalid:9200"]
    both = live_backend_settings({"ELASTICSEARCH_URL": "http://es.invalid:9200", "OPENSEARCH_URL": "http://os.invalid"})
    assert both["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"  # as the settings choose


class FakeIndices:
    def __init__(self, names):
        self.names, self.deleted, self.patterns = names, [], []

    def get(self, index):
        self.patterns.append(index)
        return {name: {} for name in self.names}

    def delete(self, index):
        self.deleted.append(index)


class FakeClient:
    def __init__(self, names):
        self.indices = FakeIndices(names)


def test_teardown_deletes_its_own_indices_by_name():
    client = FakeClient(
        ["reseaux_test_ab12cd34_wagtailcore_page_x1y2z3a", "reseaux_test_ab12cd34_wagtailimages_image_q"]
    )
    deleted = delete_indices(client, "reseaux_test_ab12cd34_")
    assert client.indices.patterns == ["reseaux_test_ab12cd34_*"]
    assert client.indices.deleted == deleted == sorted(client.indices.names)
    stranger = FakeClient(["reseaux_wagtailcore_page"])  # never another prefix's index
    assert delete_indices(stranger, "reseaux_test_ab12cd34_") == [] and stranger.indices.deleted == []
    with pytest.raises(AssertionError):
        delete_indices(FakeClient([]), "reseaux_")  # the portal's own indices: refused


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network I/O")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_importing_the_module_opens_no_connection(no_network, monkeypatch):
    """The module's own code, run again in a fresh namespace with a cluster named: nothing connects."""
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")
    namespace = {"__name__": f"{__package__}.live_module_copy", "__package__": __package__, "__file__": __file__}
    exec(compile(Path(__file__).read_text(encoding="utf-8"), __file__, "exec"), namespace)
    assert namespace["cluster_url"](os.environ) == ("ELASTICSEARCH_URL", "http://127.0.0.1:9")
    assert namespace["requires_cluster"].kwargs["reason"] == SKIP_REASON
    assert namespace["requires_cluster"].args == (False,)  # with the variable set, the live tests run


def test_the_backend_and_every_request_of_the_table_are_built_without_a_server(no_network):
    backends = live_backend_settings({"ELASTICSEARCH_URL": "http://127.0.0.1:9"})
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        assert is_elastic()
        engine = ElasticEngine()
        assert engine.index_name == backends["default"]["INDEX_PREFIX"] + "wagtailcore_page"
        for query in QUERIES:
            body = engine.body(Criteria(q=query.q), types=["fiche"], facet_params=["region", "theme"])
            sizes = {aggregation["aggs"]["values"]["terms"]["size"] for aggregation in body["aggs"].values()}
            assert min(sizes) > 10, query.q
