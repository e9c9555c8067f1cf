"""Fuzzing every listing, search, suggestion and API URL as a reader: bad input is a 4xx, never a 5xx.

test_search_input.py pins the hostile inputs someone thought of; this file looks for the ones nobody
did. Each example is one GET request built from what the URLconf and the page tree serve: the known
parameter names of the endpoint with real values from the demo content (so that filters hit data and
pages exist) mixed with hostile ones, and random paths under every prefix.

In the suite the run is bounded and derandomized (the same few hundred requests every time, well under
the suite's budget). `make fuzz` sets FUZZ_EXAMPLES (10,000 requests in all, shared between the
families by weight) and draws a new seed each run, printed with the report; FUZZ_SEED=<seed> replays one.
The hypothesis example is drawn inside the test, on a client built there, so no function-scoped
fixture is reused across examples behind hypothesis's back.
"""

import io
import os
import secrets
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote_from_bytes

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from taggit.models import Tag
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from portal import roles
from practices.models import ActorCategory, NetworkPage, Region, ServiceType, Theme
from search import facets

from .factories import make_user

pytestmark = pytest.mark.django_db

SUITE_EXAMPLES = 280
LONG_RUN = bool(os.environ.get("FUZZ_EXAMPLES"))
TOTAL_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or SUITE_EXAMPLES)
SEED = int(os.environ.get("FUZZ_SEED") or secrets.randbits(32)) if LONG_RUN else None

STATS = {"requests": 0, "statuses": Counter(), "errors": [], "started": None}


# --- the demo content, loaded once for the module ---------------------------------------------------


@pytest.fixture(scope="module")
def demo(built_once):
    """Real values to mix with hostile ones, and the reader's id: load_demo runs once for the module."""
    with built_once():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        reader = make_user(roles.READERS, username="lecteur-fuzz")
        pages = Page.objects.live().specific()
        page_types = {f"{page._meta.app_label}.{type(page).__name__}" for page in pages}
        yield {
            "reader": reader.pk,
            "page_ids": [str(pk) for pk in Page.objects.values_list("pk", flat=True)],
            "page_urls": [page.url for page in pages if page.url],
            "page_slugs": [page.slug for page in pages],
            "page_types": sorted(page_types | {"wagtailcore.Page"}),
            "network_ids": [str(pk) for pk in NetworkPage.objects.values_list("pk", flat=True)],
            "image_ids": [str(pk) for pk in get_image_model().objects.values_list("pk", flat=True)],
            "document_ids": [str(pk) for pk in get_document_model().objects.values_list("pk", flat=True)],
            "document_urls": [document.url for document in get_document_model().objects.all()],
            "region": list(Region.objects.values_list("code", flat=True)),
            "theme": list(Theme.objects.values_list("slug", flat=True)),
            "service": list(ServiceType.objects.values_list("slug", flat=True)),
            "acteur": list(ActorCategory.objects.values_list("slug", flat=True)),
            "tag": list(Tag.objects.values_list("slug", flat=True)) + list(Tag.objects.values_list("name", flat=True)),
            "type": list(facets.content_types()),
            "api_fields": {
                "pages": sorted({f for model in {type(p) for p in pages} for f in PagesAPIViewSet.get_available_fields(model)}),
                "images": ImagesAPIViewSet.get_available_fields(get_image_model()),
                "documents": DocumentsAPIViewSet.get_available_fields(get_document_model()),
            },
        }


@pytest.fixture(scope="module", autouse=True)
def report(request):
    """The long run's figures, printed past pytest's capture: requests, statuses, 5xx, duration, seed."""
    write = _writer(request)
    if LONG_RUN:
        write(f"fuzz : {TOTAL_EXAMPLES} requêtes demandées, graine {SEED} (FUZZ_SEED={SEED} pour la rejouer)")
    yield
    if LONG_RUN:
        statuses = ", ".join(f"{status} : {count}" for status, count in sorted(STATS["statuses"].items()))
        server_errors = sum(count for status, count in STATS["statuses"].items() if status >= 500)
        write(
            f"fuzz : {STATS['requests']} requêtes en {time.monotonic() - STATS['started']:.1f} s, "
            f"graine {SEED} ; statuts {statuses} ; erreurs 5xx : {server_errors}"
        )
        for url in STATS["errors"][:20]:
            write(f"fuzz : 5xx sur GET {url[:300]}")


def _writer(request):
    plugins = request.config.pluginmanager
    capture, reporter = plugins.get_plugin("capturemanager"), plugins.get_plugin("terminalreporter")

    def write(line):
        with capture.global_and_fixture_disabled():
            reporter.write_line(line) if reporter is not None else print(line)

    return write


# --- values: real ones, hostile ones ----------------------------------------------------------------


class Raw(str):
    """A value sent as typed, not percent-encoded: broken escapes, `+`, `&`, `=` inside a value."""


HOSTILE = [
    "", " ", "0", "-1", "-0", "+1", "1.5", "1e9", "0x1F", "00053", " 53", "53 ", "9" * 30, "-" + "9" * 30,
    str(2**31), str(2**63), str(2**64), "NaN", "inf", "١٢", "²", "Ⅻ",
    "\x00", "a\x00b", "%00", "\x1b[31m", "\n\r\t", "\u202e\u200f", "\ufeff", "\u200b", "\u00ad",
    "😀", "👩‍👩‍👧", "🇫🇷", "ﷺ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\ud800", "\udfff", "\ud83d",
    '"', "'", "*", "**", "NEAR(", "NEAR(a b, 2)", "NEAR/3", "OR", "AND", "NOT", "-", "^", ":", "(", ")", "()",
    "title:x", "a OR b", '"unterminated', "*manag", "réseau*", "-égalité", "^réseau", "{a b}", "\\", "%", "_",
    "%_%", "' OR 1=1 --", "'; DROP TABLE wagtailcore_page; --", "<script>alert(1)</script>", "{{ 7*7 }}",
    "../../etc/passwd", "..", ".", "null", "None", "true", "[]", "{}", "x" * 10_000, "é" * 3000, "(" * 500,
    "manag" * 60,
    Raw("%"), Raw("%zz"), Raw("%ED%A0%80"), Raw("%FF%FE"), Raw("%C0%80"), Raw("%00"), Raw("+"), Raw("a+b"),
    Raw("="), Raw("=="), Raw("&"), Raw("%25"), Raw("%2500"), Raw("%E2%80"), Raw("%F0%9F%98"),
]
FTS = st.text(alphabet='"*():^-+~,./\\ NEARORANDOTéèàçœ’«»0123456789abc', max_size=40)
hostile_values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),  # any code point, lone surrogates included (sent UTF-8 "surrogatepass")
    FTS,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.binary(max_size=16),  # raw bytes: invalid UTF-8, NUL
    st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "é", "\x00", "😀", '"', "(", "-", "53,"]), st.integers(1, 5000)),
)
unknown_names = st.one_of(
    st.sampled_from(["utm_source", "_", "Q", "PAGE", "page[]", "q[]", "q\x00", "format ", "", "fields[]", "callback"]),
    st.text(max_size=12),
)


def encode(value):
    if isinstance(value, Raw):
        return str(value)
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(data, safe="")


def query_string(pairs):
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)


def pairs_of(params, unknown_weight=1):
    """Query strings over `params` ({name: strategy of good values}): each value good or hostile, names
    repeated or unknown at times, and now and then one parameter sent tens of times."""
    names = st.sampled_from(sorted(params))
    one = names.flatmap(lambda name: st.tuples(st.just(name), st.one_of(params[name], params[name], hostile_values)))
    unknown = st.tuples(unknown_names, st.one_of(hostile_values, st.sampled_from(["1", "x"])))
    pair = st.one_of(*([one] * 4), *([unknown] * unknown_weight))
    repeated = st.tuples(one, st.integers(2, 80)).map(lambda item: [item[0]] * item[1])
    return st.one_of(st.lists(pair, max_size=8), st.lists(pair, max_size=3), repeated)


def choose(values):
    return st.sampled_from(values) if values else st.just("")


# --- the endpoint families --------------------------------------------------------------------------


def listing_params(data, *, with_type=False):
    """SearchForm's parameters (search.forms), as /recherche/ and the index pages read them."""
    params = {
        "q": st.one_of(
            st.sampled_from(["réseau", "management", "coopération", "égalité", "managers bretons", "Tarn", "coaching",
                             "DREAL Occitanie", "manag", '"réseau breton"', "reseau", "COOPERATION", "séminaire"]),
            choose(data["page_slugs"]).map(lambda slug: slug.replace("-", " ")),
        ),
        "tri": st.sampled_from(["pertinence", "recent", "récent", "Récent", "RECENT", "ancien"]),
        "page": st.integers(-3, 40).map(str),
        "exact": st.sampled_from(["1", "0", "on", "true", "false", "oui"]),
        "format": st.sampled_from(["html", "json", "JSON"]),
        "annee": st.integers(1985, 2105).map(str),
    }
    for param in ("region", "theme", "service", "acteur", "tag"):
        params[param] = choose(data[param])
    if with_type:
        params["type"] = choose(data["type"])
    return params


def listing(path, *, with_type=False):
    return lambda data: pairs_of(listing_params(data, with_type=with_type)).map(lambda pairs: (path, query_string(pairs)))


def suggestions(data):
    words = st.sampled_from(["re", "rés", "coop", "egal", "Égalité", "manag", "DDTM", "tarn", "a", "œ", "coaching"])
    params = {"q": st.one_of(words, choose(data["tag"]), choose(data["page_slugs"]))}
    return pairs_of(params).map(lambda pairs: ("/recherche/suggestions/", query_string(pairs)))


def api_params(data, endpoint):
    """What Wagtail's API v2 listing reads (wagtail.api.v2.filters, pagination), and its field filters."""
    ids = {"pages": data["page_ids"], "images": data["image_ids"], "documents": data["document_ids"]}[endpoint]
    fields = data["api_fields"][endpoint]
    field_lists = st.lists(st.one_of(st.sampled_from(fields), st.sampled_from(["*", "_", "-title", "parent(title)", "title("])), max_size=4)
    params = {
        "limit": st.integers(-2, 25).map(str),
        "offset": st.integers(-2, 40).map(str),
        "fields": field_lists.map(",".join),
        "order": st.sampled_from(["title", "-title", "id", "-id", "random", "slug", "first_published_at", "created_at", "title,-id", "unknown"]),
        "search": st.sampled_from(["réseau", "management", "coopération", "note", "charte", "tarn"]),
        "search_operator": st.sampled_from(["and", "or", "xor"]),
        "id": choose(ids),
        "title": st.sampled_from(["Fiches", "Réseaux", "Note de cadrage"]),
        "_": st.integers(0, 10**13).map(str),
        "format": st.sampled_from(["json", "api", "html"]),
    }
    if endpoint == "pages":
        page_ids = st.one_of(choose(data["page_ids"]), st.just("root"))
        params.update(
            {
                "type": choose(data["page_types"]),
                "child_of": page_ids,
                "descendant_of": page_ids,
                "ancestor_of": page_ids,
                "translation_of": page_ids,
                "locale": st.sampled_from(["fr", "fr-fr", "en", "zz"]),
                "site": st.sampled_from(["testserver", "localhost", "inconnu.example"]),
                "show_in_menus": st.sampled_from(["true", "false", "1", "0", "peut-être"]),
                "slug": choose(data["page_slugs"]),
                "seo_title": st.just("x"),
                "first_published_at": st.sampled_from(["2026-01-01", "2026-01-01T10:00:00", "hier"]),
                "last_published_at": st.sampled_from(["2026-01-01", "demain"]),
                "alias_of": choose(data["page_ids"]),
                "html_path": st.one_of(choose(data["page_urls"]), st.just("/")),
            }
        )
    else:
        params["tags"] = choose(data["tag"])
        if endpoint == "images":
            params.update({"width": st.integers(0, 4000).map(str), "height": st.integers(0, 4000).map(str)})
    return params


def api(endpoint):
    def strategy(data):
        ids = {"pages": data["page_ids"], "images": data["image_ids"], "documents": data["document_ids"]}[endpoint]
        base = f"/api/v2/{endpoint}/"
        paths = st.one_of(
            st.just(base), st.just(base), st.just(base + "find/"),
            choose(ids).map(lambda pk: f"{base}{pk}/"),
            hostile_values.map(lambda value: f"{base}{encode(value)}/"),
        )
        return st.tuples(paths, pairs_of(api_params(data, endpoint), unknown_weight=0).map(query_string))

    return strategy


PREFIXES = [
    "/fiches/", "/reseaux/", "/selections/", "/recherche/", "/recherche/suggestions/", "/api/v2/", "/api/v2/pages/",
    "/api/v2/images/", "/api/v2/documents/", "/reseaux-demandes/", "/documents/", "/images/", "/media/",
]


def paths(data):
    """Random paths under every prefix, and the real pages with any query string (they ignore it)."""
    segment = st.one_of(
        choose(data["page_slugs"]), choose(data["network_ids"]), choose(data["document_ids"]),
        hostile_values.map(encode), st.sampled_from(["..", ".", "%2e%2e", "%2F", "%00", "find", "0", "-1", "9" * 25]),
    )
    random_path = st.tuples(
        st.sampled_from(PREFIXES), st.lists(segment, max_size=3), st.booleans()
    ).map(lambda p: p[0] + "/".join(p[1]) + ("/" if p[1] and p[2] else ""))
    real = st.one_of(choose(data["page_urls"]), choose(data["document_urls"]))
    return st.tuples(
        st.one_of(random_path, random_path, real),
        pairs_of({"q": hostile_values, "page": hostile_values}).map(query_string),
    )


@dataclass(frozen=True)
class Family:
    name: str
    weight: int
    strategy: object  # demo data -> strategy of (path, query string)


FAMILIES = [
    Family("fiches", 3, listing("/fiches/")),
    Family("reseaux", 2, listing("/reseaux/")),
    Family("selections", 1, listing("/selections/")),
    Family("recherche", 3, listing("/recherche/", with_type=True)),
    Family("suggestions", 2, suggestions),
    Family("api-pages", 3, api("pages")),
    Family("api-images", 1, api("images")),
    Family("api-documents", 1, api("documents")),
    Family("chemins", 2, paths),
]


def examples_for(family):
    """The family's share of TOTAL_EXAMPLES by weight, rounded so that the shares add up to it."""
    total_weight, before = sum(f.weight for f in FAMILIES), 0
    for other in FAMILIES:
        if other is family:
            break
        before += other.weight
    share = round(TOTAL_EXAMPLES * (before + family.weight) / total_weight) - round(TOTAL_EXAMPLES * before / total_weight)
    return max(1, share)


def fuzz_settings(family):
    return settings(
        max_examples=examples_for(family),
        derandomize=not LONG_RUN,
        deadline=None,
        database=None,  # nothing replayed from an earlier run: the suite sends the same requests every time
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# --- the test ---------------------------------------------------------------------------------------


def send(client, path, query):
    """One request, in a savepoint: on PostgreSQL a failed query aborts the transaction, and every
    request after it (hypothesis shrinking the failing example, for one) would fail for that alone."""
    url = f"{path}?{query}" if query else path
    STATS["started"] = STATS["started"] or time.monotonic()  # the demo content is loaded by then
    STATS["requests"] += 1
    try:
        with transaction.atomic():
            response = client.get(url)
    except Exception as error:
        STATS["statuses"][500] += 1
        STATS["errors"].append(url)
        error.add_note(f"GET {url[:500]}")
        raise
    STATS["statuses"][response.status_code] += 1
    if response.status_code >= 500:
        STATS["errors"].append(url)
    return url, response


def check(url, response):
    if response.streaming:
        # read to the end, so that the test client closes the file (never response.close() here: with
        # Django's close_old_connections connected, it closes the database connection on PostgreSQL)
        b"".join(response.streaming_content)
    status = response.status_code
    assert status < 500, f"{status} sur GET {url[:500]}"
    if 400 <= status < 500 and response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        assert 'lang="fr"' in html, f"page d'erreur {status} qui n'est pas celle du portail : GET {url[:500]}"
    if status == 400 and response.get("Content-Type", "").startswith("application/json") and not url.startswith("/api/"):
        data = response.json()
        assert data.get("errors") or data.get("error"), f"erreur 400 sans message : GET {url[:500]}"


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.name)
def test_every_request_answers_below_500(demo, family):
    client = Client()
    client.force_login(get_user_model().objects.get(pk=demo["reader"]))

    @fuzz_settings(family)
    @given(request=family.strategy(demo))
    def request_once(request):
        check(*send(client, *request))

    if SEED is not None:
        request_once = seed(SEED)(request_once)
    request_once()


# --- what the fuzzer found, pinned -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?first_published_at=hier",  # ValidationError from the date field
        "/api/v2/pages/?first_published_at=",
        "/api/v2/pages/1/?first_published_at=hier",  # DRF filters the detail views too
        "/api/v2/pages/?offset=99999999999999999999",  # past 64 bits: OverflowError, DataError
        "/api/v2/images/?offset=9223372036854775808",
        "/api/v2/pages/?alias_of=99999999999999999999",  # OverflowError on SQLite
        "/api/v2/pages/find/?id=abc",  # ValueError
        "/api/v2/images/find/?id=",
        "/api/v2/documents/find/?id=1&id=x",
        "/api/v2/pages/?search=réseau&search_operator=xor",  # ValueError from the search backend
        "/api/v2/pages/?locale=%00",  # NUL refused by PostgreSQL
        "/api/v2/pages/22/?site=%00",
        "/api/v2/pages/?format=api",  # DRF's browsable page, in English
        "/api/v2/pages/1/?format=xml",  # DRF's empty 404
    ],
)
def test_a_bad_api_parameter_is_a_400_that_says_which_in_french(reader_client, url):
    response = reader_client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"].startswith("Paramètre « ")


@pytest.mark.parametrize("search", ["%20", "%00", "%22", "%22r%C3%A9seau", "a%00b%22c", "%E2%80%8B"])
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_the_api_search_ignores_what_plain_text_cannot_mean(reader_client, endpoint, search):
    """A lone space was an AttributeError, a NUL or a quotation mark an FTS5 syntax error (SQLite)."""
    assert reader_client.get(f"/api/v2/{endpoint}/?search={search}").status_code == 200


def test_good_api_parameters_still_work(reader_client, home_page):
    response = reader_client.get("/api/v2/pages/?search=réseaux pratiques&search_operator=or&offset=0&limit=2&format=json")
    assert response.status_code == 200 and "items" in response.json()
    assert reader_client.get(f"/api/v2/pages/?id={home_page.pk}&locale=fr").json()["meta"]["total_count"] == 1
    response = reader_client.get(f"/api/v2/pages/find/?id={home_page.pk}")
    assert response.status_code == 302 and f"/api/v2/pages/{home_page.pk}/" in response["Location"]
