"""Networks, livrables, chantiers and sélections in the one search: found, typed, filtered, kept fresh."""

import pytest
from wagtail.models import Page

from search.models import PageFacet

from .factories import make_collection, make_fiche, make_livrable, make_network, make_workstream

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus_ids(built_once):
    """One page of each type, each with a word of its own in its title; built once for the module."""
    with built_once():
        network = make_network("Réseau Kerbihan des managers", region_id="53")
        fiche = make_fiche("Fiche Plougastel", region_id="53")
        pages = {
            "network": network,
            "fiche": fiche,
            "livrable": make_livrable(network, "Livrable Landerneau"),
            "chantier": make_workstream(network, "Chantier Locronan"),
            "selection": make_collection([fiche], "Sélection Brocéliande"),
            "draft": make_network("Réseau Kerbihan en brouillon", publish=False),
            "other": make_network("Réseau occitan", region_id="76"),
        }
        yield {name: page.pk for name, page in pages.items()}


@pytest.fixture
def corpus(corpus_ids):
    """The corpus as fresh instances for each test."""
    return {name: Page.objects.get(pk=pk).specific for name, pk in corpus_ids.items()}


def search(client, query):
    response = client.get(f"/recherche/?format=json&{query}")
    assert response.status_code == 200
    return response.json()


def titles(data):
    return {result["title"] for result in data["results"]}


def type_counts(data):
    return {value["value"]: value["count"] for value in data["facets"]["type"]}


def test_every_type_has_its_facet_value_and_count(reader_client, corpus):
    data = search(reader_client, "")
    assert type_counts(data) == {"fiche": 1, "reseau": 2, "livrable": 1, "chantier": 1, "selection": 1}
    types = {result["title"]: result["type"] for result in data["results"]}
    assert types["Réseau Kerbihan des managers"] == "reseau"
    assert types["Livrable Landerneau"] == "livrable"
    assert types["Chantier Locronan"] == "chantier"
    assert types["Sélection Brocéliande"] == "selection"


@pytest.mark.parametrize(
    "word, title, kind",
    [
        ("Kerbihan", "Réseau Kerbihan des managers", "reseau"),
        ("Landerneau", "Livrable Landerneau", "livrable"),
        ("Locronan", "Chantier Locronan", "chantier"),
        ("Brocéliande", "Sélection Brocéliande", "selection"),
    ],
)
def test_each_type_is_found_by_its_words(reader_client, corpus, word, title, kind):
    data = search(reader_client, f"q={word}")
    assert titles(data) == {title}  # the unpublished "Réseau Kerbihan en brouillon" is not found
    assert type_counts(data) == {kind: 1}
    response = reader_client.get(f"/recherche/?q={word}")
    assert title in response.content.decode()
    # the HTML page's own type facet: what its checkboxes show
    shown = {facet.param: {value.value: value.count for value in facet.values} for facet in response.context["facets"]}
    assert shown["type"][kind] == 1


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("reseau", {"Réseau Kerbihan des managers", "Réseau occitan"}),
        ("livrable", {"Livrable Landerneau"}),
        ("chantier", {"Chantier Locronan"}),
        ("selection", {"Sélection Brocéliande"}),
    ],
)
def test_filter_by_type(reader_client, corpus, kind, expected):
    assert titles(search(reader_client, f"type={kind}")) == expected


def test_livrables_and_chantiers_are_found_by_their_networks_region(reader_client, corpus):
    assert titles(search(reader_client, "type=livrable&type=chantier&region=53")) == {"Livrable Landerneau", "Chantier Locronan"}
    assert titles(search(reader_client, "type=livrable&region=76")) == set()


def test_section_listings_show_only_their_type(reader_client, corpus):
    html = reader_client.get("/reseaux/").content.decode()
    assert "Réseau Kerbihan des managers" in html and "Réseau occitan" in html
    for other in ("Fiche Plougastel", "Livrable Landerneau", "Chantier Locronan", "Sélection Brocéliande", "en brouillon"):
        assert other not in html
    assert "Régional" in html and "depuis 2017" in html  # the cards' badges
    html = reader_client.get("/selections/").content.decode()
    assert "Sélection Brocéliande" in html and "1 fiche" in html
    for other in ("Réseau Kerbihan", "Fiche Plougastel", "Livrable Landerneau"):
        assert other not in html
    data = reader_client.get("/reseaux/?format=json").json()
    assert {result["type"] for result in data["results"]} == {"reseau"}


def test_an_unpublished_network_leaves_the_search(reader_client, corpus):
    corpus["other"].unpublish()
    assert "Réseau occitan" not in titles(search(reader_client, "type=reseau"))
    assert not PageFacet.objects.filter(page_id=corpus["other"].pk).exists()


def test_children_follow_the_networks_region_when_it_is_republished(reader_client, corpus):
    network = corpus["network"]
    draft = network.get_latest_revision_as_object()
    draft.region_id = "76"
    draft.save_revision().publish()
    for child in ("livrable", "chantier"):
        page_id = corpus[child].pk
        assert set(PageFacet.objects.filter(page_id=page_id, facet="region").values_list("value", flat=True)) == {"76"}
    assert titles(search(reader_client, "type=livrable&type=chantier&region=76")) == {"Livrable Landerneau", "Chantier Locronan"}
    assert titles(search(reader_client, "type=livrable&region=53")) == set()
