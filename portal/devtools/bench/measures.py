"""Build the benchmark's content in the current database and time what a reader does most.

Every measure but one is a GET through Django's test client: the whole middleware stack (session, login,
CSRF, messages, redirects), the URL resolver, the view and its template, as a logged-in reader of the
"Lecteurs" group. What is left out is the WSGI server and the network, the same for every page. The
"facets" measure times `SearchService.count_facets` directly, since no URL does only that.

How the figures are kept honest on a shared, noisy machine:

- `DEBUG` is False while timing (a debug cursor records every query), and queries are counted in a
  separate pass (`CaptureQueriesContext` forces that debug cursor on);
- a few warm-up rounds first (template loading, the facet choices cache, the first connection), then
  rounds in which every measure runs once, in an order shuffled each round, so that a slow second of
  the machine hits every measure alike rather than one of them;
- the floor ("baseline"), a bare view rendering a template as big as the fiche page, is measured in the
  same rounds, and the fiche page is judged by its ratio to it rather than by absolute milliseconds;
- the cache is a private local-memory one for the run: the throwaway content must never leave facet
  choices or site paths in a cache the live site shares (Redis), nor find the live site's there.

What it measures by default is the steady state: after the warm-up, nothing is published, so every
page is served from what the caches keyed on the content version (portal.cache) hold, as most reads
are. With `cold=True` (`--froid`), each timed call follows a publication (the content version is
replaced) and an untimed read of another fiche, as other readers would make: the figure is the first
read of that page since the publication, the rest of the site already read again.
"""

import logging
import math
import random
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from portal.cache import bump_content_version
from portal.devtools.demo.synthetic import create_fiches
from portal.roles import READERS
from practices.models import PracticeSheetPage
from search.service import Criteria, SearchService

# measure name -> label of the French table (docs/performance.md says what each one requests)
MEASURES = {
    "search": "Recherche : un mot et deux filtres",
    "facets": "Comptes des facettes seuls (appel direct)",
    "fiche_index": "Liste des fiches, un filtre",
    "fiche_page": "Page d'une fiche, avec fiches proches",
    "autocomplete": "Suggestions de l'en-tête",
    "baseline": "Socle : gabarit de même taille, sans requête",
}
SEARCH_URL = "/recherche/?q=management&region=53&theme=cooperation"
FACET_FILTERS = {"region": ["53"]}
FICHE_INDEX_URL = "/fiches/?region=53"
AUTOCOMPLETE_URL = "/recherche/suggestions/?q=coop"
# A complete demo fiche (practices/demo/fiches.py): images, documents, key figures, contacts, tags.
DEMO_FICHE_SLUG = "reseau-breton-pratiques-manageriales"
# Another demo fiche: what other readers read after a publication, in a cold run.
OTHER_FICHE_SLUG = "dreal-occitanie-accompagnement-des-managers"
READER_USERNAME = "lecteur-banc-essai"
BENCH_URLCONF = "portal.devtools.bench_urls"
BENCH_CACHE_LOCATION = "reseaux-banc-essai"


class BenchError(Exception):
    """The benchmark cannot give a meaningful figure (a page fails, a measure has nothing to show)."""


@dataclass
class Result:
    median_ms: float
    p95_ms: float
    queries: int
    samples: list = field(default_factory=list, repr=False)

    def as_json(self):
        return {"median_ms": round(self.median_ms, 3), "p95_ms": round(self.p95_ms, 3), "queries": self.queries}


@dataclass
class Report:
    fiches: int
    database: str
    backend: str
    results: dict  # measure name -> Result, in MEASURES order
    rounds: int
    warmup: int
    page_bytes: dict  # "fiche_page" / "baseline" -> bytes of HTML
    cold: bool = False  # each measure after a publication (see the module docstring)

    @property
    def ratio(self):
        """Fiche page median over the floor's, measured in the same rounds."""
        return self.results["fiche_page"].median_ms / self.results["baseline"].median_ms

    def as_json(self):
        return {
            "fiches": self.fiches,
            "database": self.database,
            "backend": self.backend,
            "results": {name: result.as_json() for name, result in self.results.items()},
        }


def percentile(samples, fraction):
    """Nearest-rank percentile: a value that was actually measured, never an interpolation."""
    ordered = sorted(samples)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def bench_settings():
    """The settings a run needs, whatever the settings module: no DEBUG, a private cache, the floor's URL."""
    return override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        ROOT_URLCONF=BENCH_URLCONF,
        CACHES={
            alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"{BENCH_CACHE_LOCATION}-{alias}"}
            for alias in settings.CACHES
        },
    )


def run(fiches, *, rounds=40, warmup=5, seed=2026, cold=False, say=lambda message: None):
    """Make sure `fiches` synthetic fiches exist in the current database, then measure; returns a Report."""
    if rounds < 1 or warmup < 0:
        raise BenchError("Il faut au moins une répétition.")
    with bench_settings():
        reader = prepare(fiches, say)
        state = "à froid (chaque mesure suit une publication)" if cold else "en régime établi"
        say(f"Mesures {state} : {warmup} tours de chauffe, puis {rounds} tours entrelacés…")
        return measure(reader, fiches, rounds=rounds, warmup=warmup, seed=seed, cold=cold)


# --- the content ---------------------------------------------------------------------------------------


def prepare(fiches, say=lambda message: None):
    """Demo content, a reader, and at least `fiches` synthetic fiches; returns the reader."""
    started = time.monotonic()
    with _quiet("wagtail"):  # one log line per demo page created and published
        call_command("load_demo", stdout=StringIO())
    say(f"Contenu de démonstration chargé ({time.monotonic() - started:.1f} s)")
    reader, _created = get_user_model().objects.get_or_create(
        username=READER_USERNAME, defaults={"first_name": "Lecteur", "last_name": "Banc d'essai"}
    )
    reader.set_unusable_password()
    reader.save()
    reader.groups.add(Group.objects.get(name=READERS))
    create_fiches(fiches, stdout=_Lines(say))
    # The state readers live with after a bulk import: the statistics of the nightly update_index
    # (ANALYZE) and, on PostgreSQL, what autovacuum does within minutes (VACUUM: the visibility map that
    # lets index-only scans skip the table). VACUUM cannot run inside a transaction, as in a test.
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    say(f"{fiches} fiches synthétiques prêtes ({time.monotonic() - started:.1f} s)")
    return reader


@contextmanager
def _quiet(name):
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class _Lines:
    """What create_fiches writes its progress to, passed on line by line."""

    def __init__(self, say):
        self.say = say

    def write(self, message):
        self.say(message.rstrip("\n"))


# --- the measures --------------------------------------------------------------------------------------


def _get(client, url, must_contain=None):
    def call():
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"{url} a répondu {response.status_code}.")
        if must_contain is not None and must_contain not in response.content:
            raise BenchError(f"{url} ne contient pas {must_contain.decode()} : la mesure ne dirait rien.")
        return response

    return call


def _count_facets(reader):
    factory = RequestFactory()

    def call():
        # A new request each time: the view restrictions it caches are part of the cost.
        request = factory.get("/recherche/", FACET_FILTERS)
        request.user = reader
        return SearchService(request).count_facets(Criteria(filters=dict(FACET_FILTERS)))

    return call


def after_publication(client):
    """What precedes each timed call of a cold run: a publication, then another reader's page."""
    other = _get(client, PracticeSheetPage.objects.live().get(slug=OTHER_FICHE_SLUG).url)

    def call():
        bump_content_version()
        other()

    return call


def build_calls(reader, client=None):
    """{measure name: callable}, and the byte sizes of the fiche page and of its floor."""
    if client is None:
        client = Client()
        client.force_login(reader)
    fiche = PracticeSheetPage.objects.live().get(slug=DEMO_FICHE_SLUG)
    fiche_page = _get(client, fiche.url, must_contain=b'id="fiches-proches"')
    size = len(fiche_page().content)
    calls = {
        "search": _get(client, SEARCH_URL, must_contain=b"portal-results"),
        "facets": _count_facets(reader),
        "fiche_index": _get(client, FICHE_INDEX_URL, must_contain=b"portal-results"),
        "fiche_page": fiche_page,
        "autocomplete": _get(client, AUTOCOMPLETE_URL, must_contain=b'"label"'),
        "baseline": _get(client, f"/banc-d-essai/socle/?octets={size}"),
    }
    baseline_size = len(calls["baseline"]().content)
    if baseline_size != size:
        raise BenchError(f"Le socle fait {baseline_size} octets au lieu des {size} de la page de fiche.")
    return calls, {"fiche_page": size, "baseline": baseline_size}


def measure(reader, fiches, *, rounds, warmup, seed, cold=False):
    client = Client()
    client.force_login(reader)
    calls, page_bytes = build_calls(reader, client)
    before = after_publication(client) if cold else (lambda: None)
    order = list(calls)
    shuffle = random.Random(seed).shuffle
    samples = {name: [] for name in calls}
    for round_number in range(warmup + rounds):
        shuffle(order)
        for name in order:
            before()
            started = time.perf_counter()
            calls[name]()
            elapsed = time.perf_counter() - started
            if round_number >= warmup:
                samples[name].append(elapsed * 1000)

    connection = connections[DEFAULT_DB_ALIAS]
    queries = {}
    for name, call in calls.items():
        before()
        with CaptureQueriesContext(connection) as captured:
            call()
        queries[name] = len(captured.captured_queries)

    backend = type(get_search_backend())
    return Report(
        fiches=fiches,
        database=connection.vendor,
        backend=f"{backend.__module__}.{backend.__qualname__}",
        results={
            name: Result(statistics.median(samples[name]), percentile(samples[name], 0.95), queries[name], samples[name])
            for name in MEASURES
        },
        rounds=rounds,
        warmup=warmup,
        page_bytes=page_bytes,
        cold=cold,
    )
