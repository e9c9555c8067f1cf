"""Build the benchmark's content in the current database and time what a reader does most.

Every measure but one is a GET through Django's test client: the whole middleware stack (session, login,
CSRF, messages, redirects), the URL resolver, the view and its template, as a logged-in reader of the
"Lecteurs" group. What is left out is the WSGI server and the network, the same for every page. The
"facets" measure times `SearchService.count_facets` directly, since no URL does only that, each call after
the content version is replaced (untimed, as any publication replaces it), so that it counts rather than
reads the counts it cached.

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

What a reader meets, not what a cache returns:

- the *miss* measures (`search_miss`, `search_json`, `fiche_index_miss`, `autocomplete`) ask, at every
  call, a query string nobody asked before in the run: one or two words drawn from the vocabulary of
  the content (search.models.SearchWord, the words used by at least a few pages) and random filters
  (a region, a theme, a year; `search_miss` a region only, as its Wagtail pair below), so that no
  cache can answer them;
- the *cached* measures (`search_cached`, `fiche_page`, `home`) repeat one URL, as readers repeat the
  same listings and pages: the figure of a read served from the caches keyed on the content version;
- the *first read* measures follow a publication, answered as the publication pipeline's cache step
  answers it, and an untimed read of the other demo fiche, as other readers would make:
  `fiche_first_read` and `home_first_read` after the publication of that other fiche classified
  differently (its region changed, its facet rows written and the change logged), as a new fiche or new
  themes are (the content version and the classification are replaced: listings, the related fiches
  brought up to date from the change, the home page's sections), `fiche_after_update`
  after that other fiche is published again as it was classified (a text corrected: the related fiches
  stay chosen), `fiche_republished` after the publication of the fiche read itself (its own content is
  rendered again too);
- two floors: `baseline`, a bare view rendering a template as big as the fiche page, and
  `wagtail_search`, stock Wagtail's own filtered search on the same data
  (`PracticeSheetPage.objects.live().filter(region=…).search(words)[:20]`, evaluated, no facets and no
  rendering). It is paired with `search_miss`: the n-th call of each asks the same words in the same
  region (`Draws.pair`), so that the ratio of their 95th percentiles compares the same work rather than
  two draws (one very common word drawn by one side only moved it from 0.6 to 3.5).

With `cold=True` (`--froid`), every measure follows a publication.
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
from wagtail.search.backends import get_search_backend, get_search_backends

from portal.cache import bump_after_publication, bump_pages
from portal.devtools.demo.synthetic import create_fiches
from portal.publication import Change, Kind
from portal.roles import READERS
from practices.models import PracticeSheetPage, Region, Theme
from search import facets
from search.models import SearchWord
from search.service import Criteria, SearchService

# measure name -> label of the French table (docs/performance.md says what each one requests)
MEASURES = {
    "search_miss": "Recherche jamais demandée (mots et région au hasard, les mêmes que Wagtail)",
    "search_json": "Recherche JSON jamais demandée",
    "fiche_index_miss": "Liste des fiches, filtres jamais demandés",
    "autocomplete": "Suggestions de l'en-tête, début de mot au hasard",
    "search_cached": "Recherche déjà demandée (cache)",
    "facets": "Comptes des facettes seuls (appel direct)",
    "fiche_page": "Page d'une fiche, déjà lue (cache)",
    "fiche_first_read": "Page d'une fiche, première lecture après publication d'une autre",
    "fiche_after_update": "Page d'une fiche, première lecture après republication d'une autre, même classement",
    "fiche_republished": "Page d'une fiche, première lecture après sa propre publication",
    "home": "Page d'accueil, déjà lue (cache)",
    "home_first_read": "Page d'accueil, première lecture après publication",
    "wagtail_search": "Socle 2 : recherche Wagtail nue, mêmes mots, même région",
    "baseline": "Socle : gabarit de même taille, sans requête",
}
# What each miss measure is compared with in the table (the floor of its kind).
MISS_MEASURES = ("search_miss", "search_json", "fiche_index_miss", "autocomplete")
FIRST_READS = ("fiche_first_read", "fiche_after_update", "fiche_republished", "home_first_read")
SEARCH_URL = "/recherche/?q=management&region=bretagne&theme=cooperation"
FACET_FILTERS = {"region": ["53"]}  # as the form hands them to the service: stored values
# A complete demo fiche (practices/demo/fiches.py): images, documents, key figures, contacts, tags.
DEMO_FICHE_SLUG = "reseau-breton-pratiques-manageriales"
# Another demo fiche: what other readers read after a publication, in a cold run.
OTHER_FICHE_SLUG = "dreal-occitanie-accompagnement-des-managers"
# How many calls of a miss measure are counted for its number of SQL queries (the most is reported).
QUERY_DRAWS = 8
# Words used by fewer pages than this are left out of the draws: a search that finds nothing is cheap.
MIN_WORD_PAGES = 5
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

    def versus(self, name):
        """{"x_floor": median / the floor's median, "p95_x_wagtail": p95 / stock Wagtail's p95}."""
        result = self.results[name]
        return {
            "x_floor": round(result.median_ms / self.results["baseline"].median_ms, 3),
            "p95_x_wagtail": round(result.p95_ms / self.results["wagtail_search"].p95_ms, 3),
        }

    def as_json(self):
        return {
            "fiches": self.fiches,
            "database": self.database,
            "backend": self.backend,
            "cold": self.cold,
            "results": {name: {**result.as_json(), **self.versus(name)} for name, result in self.results.items()},
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
            alias: {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"{BENCH_CACHE_LOCATION}-{alias}",
                # as large as the site's own local-memory cache: Django's default (300 entries) would
                # evict the pages measured as cached under the cards of a few hundred misses
                "OPTIONS": {"MAX_ENTRIES": settings.PORTAL_LOCAL_CACHE_ENTRIES},
            }
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
    # create_fiches leaves the planner's statistics as readers live with them after a bulk import
    create_fiches(fiches, stdout=_Lines(say))
    refresh_search_indices()
    say(f"{fiches} fiches synthétiques prêtes ({time.monotonic() - started:.1f} s)")
    return reader


def refresh_search_indices():
    """Make what was just indexed searchable now: Elasticsearch and OpenSearch show it only after their
    refresh interval (the database backends at once)."""
    for backend in get_search_backends():
        if getattr(backend, "es", None) is not None:
            backend.es.indices.refresh(index=f"{backend.index_prefix}*")


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
        response = client.get(url() if callable(url) else url)
        if response.status_code != 200:
            raise BenchError(f"{response.request['PATH_INFO']} a répondu {response.status_code}.")
        if must_contain is not None and must_contain not in response.content:
            raise BenchError(f"{url} ne contient pas {must_contain.decode()} : la mesure ne dirait rien.")
        return response

    return call


class Draws:
    """Query strings nobody asked before in this run: words of the content's vocabulary, random filters."""

    def __init__(self, seed, *, words=None, regions=None, themes=None):
        """The vocabulary, regions and themes of the database, unless given."""
        self.random = random.Random(seed)
        if words is None:
            words = SearchWord.objects.filter(documents__gte=MIN_WORD_PAGES, length__gte=4).order_by("word").values_list("word", flat=True)
        self.words = list(words)
        if not self.words:
            raise BenchError("Le vocabulaire de la recherche est vide : aucune requête à tirer.")
        # {url value: code}: links name a region by its slug (as the portal's own links do), stock Wagtail
        # filters by the code
        self.region_codes = dict(Region.objects.order_by("code").values_list("slug", "code") if regions is None else regions)
        self.regions = list(self.region_codes)
        self.themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True) if themes is None else themes)
        self.seen = set()
        self.pairs, self.pairs_used = [], {"portal": 0, "wagtail": 0}

    def _new(self, make):
        for _attempt in range(1000):
            value = make()
            if value not in self.seen:
                self.seen.add(value)
                return value
        raise BenchError("Plus de requête nouvelle à tirer.")

    def q(self):
        return " ".join(self.random.sample(self.words, self.random.choice((1, 1, 2))))

    def pair(self, side):
        """The next (words, region) of `side` ("portal" or "wagtail"): both sides get the same sequence,
        each pair never asked before in the run."""
        index = self.pairs_used[side]
        while len(self.pairs) <= index:
            self.pairs.append(self._new(lambda: (self.q(), self.random.choice(self.regions))))
        self.pairs_used[side] = index + 1
        return self.pairs[index]

    def paired_search(self):
        """/recherche/ with the next pair: the words and region stock Wagtail's search gets too."""
        words, region = self.pair("portal")
        return f"/recherche/?q={words}&region={region}"

    def search(self, extra=""):
        def make():
            params = [("q", self.q()), ("region", self.random.choice(self.regions))]
            if self.random.random() < 0.5:
                params.append(("theme", self.random.choice(self.themes)))
            return "/recherche/?" + "&".join(f"{k}={v}" for k, v in params) + extra

        return self._new(make)

    def fiche_index(self):
        def make():
            params = [("region", self.random.choice(self.regions)), ("theme", self.random.choice(self.themes))]
            if self.random.random() < 0.5:
                params.append(("annee", str(self.random.randint(2015, 2025))))
            return "/fiches/?" + "&".join(f"{k}={v}" for k, v in params)

        return self._new(make)

    def prefix(self):
        return self._new(lambda: "/recherche/suggestions/?q=" + self.random.choice(self.words)[: self.random.randint(3, 5)])


def _count_facets(reader):
    factory = RequestFactory()

    def call():
        # A new request each time: the view restrictions it caches are part of the cost.
        request = factory.get("/recherche/", FACET_FILTERS)
        request.user = reader
        return SearchService(request).count_facets(Criteria(filters=dict(FACET_FILTERS)))

    return call


def _wagtail_search(draws):
    """Stock Wagtail: the filtered search a page type gets for free, evaluated, nothing more."""

    def call():
        words, region = draws.pair("wagtail")  # the words and region of the portal's search_miss
        return list(PracticeSheetPage.objects.live().filter(region=draws.region_codes[region]).search(words)[:20])

    return call


def after_publication(client, published_slug=OTHER_FICHE_SLUG, reclassified=True):
    """What precedes a first read: a fiche's publication, as the publication pipeline's cache step
    answers it (portal.publication), then another reader reading the other demo fiche.

    `reclassified`: the fiche is classified differently (its region alternates between two, its facet
    rows are written and the change logged as the pipeline's facets step does: search.facets.sync_page),
    as when an editor corrects it or a new fiche arrives; otherwise it is published again as it was
    classified."""
    published = PracticeSheetPage.objects.live().get(slug=published_slug)
    regions = (published.region_id, Region.objects.exclude(pk=published.region_id).values_list("pk", flat=True).first())
    other = _get(client, PracticeSheetPage.objects.live().get(slug=OTHER_FICHE_SLUG).url)

    def call():
        if reclassified:
            published.region_id = regions[1] if published.region_id == regions[0] else regions[0]
            PracticeSheetPage.objects.filter(pk=published.pk).update(region_id=published.region_id)
            facets.sync_page(published)
        bump_after_publication(Change(Kind.PUBLISHED, published))
        other()

    return call


def _cached(call):
    """A read served from the caches: the same call just before, untimed, so that a publication made by
    the measure before it in the round does not make this one a first read."""
    return (call, call)


def build_calls(reader, client=None, seed=2026):
    """{measure name: callable or (untimed before, timed call)}, and the byte sizes of the fiche page
    and of its floor."""
    if client is None:
        client = Client()
        client.force_login(reader)
    draws = Draws(seed)
    fiche = PracticeSheetPage.objects.live().get(slug=DEMO_FICHE_SLUG)
    fiche_page = _get(client, fiche.url, must_contain=b'id="fiches-proches"')
    home = _get(client, "/")
    size = len(fiche_page().content)
    publication = after_publication(client)
    calls = {
        "search_miss": _get(client, draws.paired_search, must_contain=b"portal-results-header"),
        "search_json": _get(client, lambda: draws.search("&format=json"), must_contain=b'"facets"'),
        "fiche_index_miss": _get(client, draws.fiche_index, must_contain=b"portal-results-header"),
        "autocomplete": _get(client, draws.prefix, must_contain=b'"suggestions"'),
        "search_cached": _cached(_get(client, SEARCH_URL, must_contain=b"portal-results")),
        # bump_pages() with no page: the content version only, what any publication does to the listings
        "facets": (bump_pages, _count_facets(reader)),
        "fiche_page": _cached(fiche_page),
        "fiche_first_read": (publication, fiche_page),
        "fiche_after_update": (after_publication(client, reclassified=False), fiche_page),
        "fiche_republished": (after_publication(client, DEMO_FICHE_SLUG), fiche_page),
        "home": _cached(home),
        "home_first_read": (publication, home),
        "wagtail_search": _wagtail_search(draws),
        "baseline": _get(client, f"/banc-d-essai/socle/?octets={size}"),
    }
    baseline_size = len(calls["baseline"]().content)
    if baseline_size != size:
        raise BenchError(f"Le socle fait {baseline_size} octets au lieu des {size} de la page de fiche.")
    return calls, {"fiche_page": size, "baseline": baseline_size}


def measure(reader, fiches, *, rounds, warmup, seed, cold=False):
    client = Client()
    client.force_login(reader)
    calls, page_bytes = build_calls(reader, client, seed)
    publication = after_publication(client) if cold else None
    order = list(calls)
    shuffle = random.Random(seed).shuffle
    samples = {name: [] for name in calls}

    def split(name):
        """(untimed call before, timed call): in a cold run, a publication precedes every measure (the
        first reads keep their own)."""
        before, call = calls[name] if isinstance(calls[name], tuple) else (None, calls[name])
        return (publication if cold and name not in FIRST_READS else before), call

    for round_number in range(warmup + rounds):
        shuffle(order)
        for name in order:
            before, call = split(name)
            if before is not None:
                before()
            started = time.perf_counter()
            call()
            elapsed = time.perf_counter() - started
            if round_number >= warmup:
                samples[name].append(elapsed * 1000)

    # Queries: the most any of a few calls made (a miss measure draws another query string each time).
    connection = connections[DEFAULT_DB_ALIAS]
    queries = {}
    for name in calls:
        counts = []
        for _draw in range(QUERY_DRAWS if name in MISS_MEASURES else 1):
            before, call = split(name)
            if before is not None:
                before()
            with CaptureQueriesContext(connection) as captured:
                call()
            counts.append(len(captured.captured_queries))
        queries[name] = max(counts)

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
