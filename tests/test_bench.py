"""The benchmark (manage.py bench): the JSON it writes, and SQL queries per page that do not grow.

Speed itself is never asserted here: it is measured by the benchmark, on a machine set aside for it
(docs/performance.md), not by unit tests on a shared one. What a test can hold steady is the shape of
the report and the number of queries, which must not depend on how many fiches there are.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from portal.devtools.bench import MEASURES, run
from portal.devtools.bench.measures import MISS_MEASURES

SMALL, LARGER = 80, 160
QUERY_BUDGET = 15


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker):
    """The benchmark run in the test database at SMALL then LARGER fiches (and LARGER cold), everything
    rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        # one timed round each: the figures are not what is tested here, their shape and queries are
        small = run(SMALL, rounds=1, warmup=1)
        larger = run(LARGER, rounds=1, warmup=1)
        cold = run(LARGER, rounds=1, warmup=0, cold=True)
        transaction.set_rollback(True)
    return small, larger, cold


def check_shape(data, fiches, database):
    assert set(data) == {"fiches", "database", "backend", "cold", "results"}
    assert data["fiches"] == fiches
    assert data["database"] == database
    assert isinstance(data["backend"], str) and data["backend"]
    assert list(data["results"]) == list(MEASURES)
    for name, result in data["results"].items():
        assert set(result) == {"median_ms", "p95_ms", "queries", "x_floor", "p95_x_wagtail"}, name
        assert result["median_ms"] > 0 and result["p95_ms"] >= result["median_ms"], name
        assert isinstance(result["queries"], int) and result["queries"] > 0, name
        assert result["x_floor"] > 0 and result["p95_x_wagtail"] > 0, name


def test_the_reports(reports):
    """Everything read from the three runs, in one test: split over the suite's workers, each would run
    the benchmark fixture again (half a minute). Each part says what it checks."""
    small, larger, cold = reports

    # the documented shape, at both sizes and cold
    for report, fiches in zip(reports, (SMALL, LARGER, LARGER), strict=True):
        check_shape(json.loads(json.dumps(report.as_json())), fiches, connection.vendor)
        assert report.page_bytes["baseline"] == report.page_bytes["fiche_page"] > 0
        assert report.ratio > 0

    problems = []
    # queries do not grow with the number of fiches (a miss measure draws new words each time, so its
    # count varies with what they find: the most it took stays within the budget instead)
    for name in MEASURES:
        if name in MISS_MEASURES:
            problems += [f"{name} at {r.fiches}: {r.results[name].queries} queries" for r in reports if r.results[name].queries > QUERY_BUDGET]
        elif small.results[name].queries != larger.results[name].queries:
            problems.append(f"{name}: {small.results[name].queries} queries at {SMALL}, {larger.results[name].queries} at {LARGER}")
        if larger.results[name].queries > QUERY_BUDGET:
            problems.append(f"{name}: {larger.results[name].queries} queries > {QUERY_BUDGET}")
    assert not problems, problems

    # --froid: nothing comes from the content caches, and a fiche read for the first time since a
    # publication still fits the budget (its relations, related fiches and sélections included)
    assert cold.cold and not larger.cold
    assert cold.results["fiche_page"].queries > larger.results["fiche_page"].queries
    assert cold.results["fiche_page"].queries <= QUERY_BUDGET

    # every run measures the first read after a publication, and searches nobody asked before: they
    # cost more queries than the cached reads of the same pages
    assert larger.results["fiche_first_read"].queries > larger.results["fiche_page"].queries
    # after its own publication, the fiche's own content is rendered again too; after another one's, not
    assert larger.results["fiche_republished"].queries > larger.results["fiche_first_read"].queries
    # another fiche published again as it was classified: the related fiches are not chosen again, their
    # cards' versions are read instead (one query for one; which one runs is tested in test_caching)
    assert larger.results["fiche_after_update"].queries <= larger.results["fiche_first_read"].queries
    assert larger.results["fiche_after_update"].queries > larger.results["fiche_page"].queries
    assert larger.results["home_first_read"].queries > larger.results["home"].queries
    assert larger.results["search_miss"].queries > larger.results["search_cached"].queries


def test_miss_measures_never_repeat_a_query_string(db):
    from portal.devtools.bench.measures import Draws
    from search.models import SearchWord

    SearchWord.objects.bulk_create(
        SearchWord(word=w, plain=w, term=w, length=len(w), documents=10) for w in ("management", "cooperation", "territoire")
    )
    draws = Draws(seed=1)
    urls = [draws.search() for _ in range(50)] + [draws.fiche_index() for _ in range(50)]
    assert len(set(urls)) == len(urls)


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="On PostgreSQL the throwaway database would be named after the test database; run the command itself.",
)
@pytest.mark.django_db
def test_the_command_benches_a_throwaway_database_and_writes_the_json(tmp_path, settings):
    from practices.models import PracticeSheetPage

    configured = settings.DATABASES["default"]["NAME"]
    fiches_before = PracticeSheetPage.objects.count()
    path = tmp_path / "bench.json"
    out = io.StringIO()
    call_command("bench", "--fiches", str(SMALL), "--repetitions", "1", "--chauffe", "0", "--json", str(path), stdout=out, stderr=io.StringIO())

    check_shape(json.loads(path.read_text(encoding="utf-8")), SMALL, "sqlite")
    assert "Page de fiche / socle" in out.getvalue()
    # the configured (here: test) database is back in place, untouched
    assert settings.DATABASES["default"]["NAME"] == configured
    assert connection.settings_dict["NAME"] == configured
    assert PracticeSheetPage.objects.count() == fiches_before


def test_with_elasticsearch_the_bench_indexes_into_throwaway_indices_only(settings, monkeypatch):
    """The synthetic fiches never reach the live site's Elasticsearch indices: the run gets indices of its
    own, created with the portal's mapping and deleted at the end, by name, never the live ones."""
    from django.conf import settings as live_settings

    from portal.devtools.bench import database

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.elasticsearch8", "INDEX_PREFIX": "reseaux_"}}
    seen, deleted = {}, []

    class Indices:
        def get(self, index):
            return {"reseaux_wagtailcore_page": {}, f"{seen['prefix']}wagtailcore_page_ab12": {}, f"{seen['prefix']}x": {}}

        def delete(self, index):
            deleted.append(index)

    class Backend:
        es = type("Client", (), {"indices": Indices()})()

    monkeypatch.setattr(database, "get_search_backends", lambda: [Backend()])
    monkeypatch.setattr(database, "call_command", lambda *args, **kwargs: seen.update(command=(args, kwargs)))
    with database.throwaway_search_indices():
        seen["prefix"] = live_settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]
        assert seen["prefix"].startswith(database.INDEX_PREFIX_STEM) and seen["prefix"] != "reseaux_"
        assert seen["command"] == (("update_index",), {"schema_only": True, "verbosity": 0})
    assert live_settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] == "reseaux_"
    assert deleted == [f"{seen['prefix']}wagtailcore_page_ab12", f"{seen['prefix']}x"]


def test_the_portal_and_wagtail_searches_are_paired():
    """The n-th portal miss search and the n-th stock Wagtail search ask the same words in the same
    region, whichever runs first in a round; no pair is asked twice."""
    from portal.devtools.bench.measures import Draws

    draws = Draws(7, words=["management", "cooperation", "formation", "territoire"], regions={"bretagne": "53", "occitanie": "76"}, themes=["rh"])
    portal_first = [draws.pair("portal") for _ in range(3)]
    wagtail_after = [draws.pair("wagtail") for _ in range(5)]
    portal_after = [draws.pair("portal") for _ in range(2)]
    assert wagtail_after == portal_first + portal_after
    assert len(set(wagtail_after)) == 5
    url = draws.paired_search()  # the portal's sixth
    assert url == "/recherche/?q={}&region={}".format(*draws.pair("wagtail"))  # Wagtail's sixth


def test_replay_asks_the_bench_searches_on_the_configured_database_and_names_the_slowest(db, tmp_path, home_page):
    """`bench --rejouer N`: the N first paired searches of the draw, one request each on the database as
    it is (nothing rebuilt), the slowest listed with their statements; the same words as the bench's."""
    from portal import roles
    from portal.devtools.bench.measures import Draws
    from tests.factories import make_fiche, make_user

    for n in range(6):
        make_fiche(f"Coopération territoriale et management {n}", slug=f"cooperation-{n}")
    make_user(roles.READERS, username="lectrice")
    path = tmp_path / "rejeu.json"
    out = io.StringIO()
    call_command("bench", "--rejouer", "4", "--graine", "7", "--json", str(path), stdout=out)

    data = json.loads(path.read_text(encoding="utf-8"))
    draws = Draws(7)
    assert [entry["url"] for entry in sorted(data["slowest"], key=lambda e: e["url"])] == sorted(draws.paired_search() for _ in range(4))
    assert data["searches"] == 4 and 0 < data["median_ms"] <= data["p95_ms"]
    assert all(entry["statements"] and entry["statements"][0]["sql"] for entry in data["slowest"])
    assert "4 recherches jamais demandées rejouées (graine 7)" in out.getvalue()


def test_replay_says_in_french_when_nobody_can_ask(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Aucun lecteur dans la base"):
        call_command("bench", "--rejouer", "3", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Aucun compte actif « personne »"):
        call_command("bench", "--rejouer", "3", "--lecteur", "personne", stdout=io.StringIO())
