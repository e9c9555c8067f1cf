"""Bad input never reaches the database unchecked: a 200 with a sensible page, or a 400 in French."""

import string
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .factories import make_fiche

pytestmark = pytest.mark.django_db

PARAMS = ["q", "region", "theme", "service", "annee", "acteur", "tag", "type", "tri", "page", "format"]


@pytest.fixture(scope="module")
def corpus(built_once):
    """Two fiches, built once for the module: every test of it searches them."""
    with built_once():
        make_fiche("Réseau des managers bretons", tags=["coaching"])
        make_fiche("Égalité professionnelle en Occitanie", region_id="76", themes=("egalite-professionnelle",))
        yield


@pytest.mark.parametrize(
    "query, status",
    [
        ({"q": "x" * 10_000}, 400),
        ({"q": "égalité\x00\x07\x1b[31m"}, 200),
        ({"q": '" * : ( ) NEAR AND OR -'}, 200),
        ({"q": "management AND (agile OR NOT coaching) NEAR/3 \"réseau\" -égalité *"}, 200),
        ({"q": "'; DROP TABLE wagtailcore_page; --"}, 200),
        ({"q": "%", "tag": "%"}, 400),
        ({"tag": "a\x00b"}, 400),
        ({"region": "53\x00"}, 400),
        ({"page": "abc"}, 400),
        ({"page": "0"}, 400),
        ({"page": "-1"}, 400),
        ({"page": "99999"}, 200),
        ({"page": "1e9"}, 400),
        ({"format": "xml"}, 400),
        ({"annee": "99999999999999999999"}, 400),
    ],
)
@pytest.mark.parametrize("url", ["/recherche/", "/fiches/"])
def test_hostile_input(reader_client, corpus, url, query, status):
    response = reader_client.get(url, query)
    assert response.status_code == status
    if status == 400:
        body = response.content.decode()
        assert any(word in body for word in ("invalide", "inconnu", "inconnue", "trop longue"))


def test_too_long_query_says_why_in_french(reader_client, corpus):
    response = reader_client.get("/recherche/", {"q": "x" * 10_000})
    assert "La recherche est trop longue : 200 caractères au plus." in response.content.decode()


@pytest.mark.parametrize("url", ["/recherche/", "/fiches/"])
def test_empty_filter_values_mean_no_filter(reader_client, corpus, url):
    response = reader_client.get(url + "?theme=&region=&annee=&tag=&acteur=&service=")
    assert response.status_code == 200
    assert response.content.decode().count('class="fr-card') >= 2  # both fiches: nothing filtered


@pytest.mark.parametrize("url", ["/recherche/", "/fiches/"])
def test_a_rejected_value_is_not_carried_by_the_links(reader_client, corpus, url):
    long_query = "x" * 10_000
    response = reader_client.get(url, {"q": long_query, "region": ["53", "zz"], "theme": "management"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "xxxxxxxxxx" not in html  # neither in the map's links, the filters' nor the pagination's
    assert "region=zz" not in html
    assert "theme=management" in html  # what validated is kept


def test_the_sort_may_be_typed_with_its_accent(reader_client, corpus):
    for value in ("récent", "recent", "Récent"):
        assert reader_client.get("/recherche/", {"q": "réseau", "tri": value}).status_code == 200
    response = reader_client.get("/recherche/", {"tri": "ancien"})
    assert response.status_code == 400 and "« pertinence » ou « récent »" in response.content.decode()


def test_repeated_parameters(reader_client, corpus):
    response = reader_client.get("/recherche/?q=réseau&q=égalité&region=53&region=53&page=1&page=2")
    assert response.status_code == 200


def test_json_errors_are_json(reader_client, corpus):
    response = reader_client.get("/recherche/?format=json&region=99&page=abc")
    assert response.status_code == 400
    data = response.json()
    assert any("Région inconnue" in message for message in data["errors"])
    assert "results" in data and "facets" in data


any_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
query_strings = st.lists(
    st.tuples(st.sampled_from(PARAMS), st.one_of(any_text, st.sampled_from(["53", "management", "ddi", "2018", "elus", "coaching", "fiche", "recent", "json", "2"]))),
    max_size=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=query_strings)
def test_any_query_string_gets_200_or_400(reader_client, corpus, pairs):
    for url in ("/recherche/", "/fiches/"):
        response = reader_client.get(url + "?" + urlencode(pairs))
        assert response.status_code in (200, 400), (url, pairs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(alphabet=string.printable + "éèàçôœ’«»—\x00\u200b\ufeff", max_size=250))
def test_any_query_text_gets_200_or_400(reader_client, corpus, q):
    response = reader_client.get("/recherche/", {"q": q, "format": "json"})
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")
