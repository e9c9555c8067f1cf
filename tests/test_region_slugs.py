"""Regions by readable slug (`?region=occitanie`) as well as by INSEE code (`?region=76`, older links); links use the slug."""

import re

import pytest

from practices.models import Region

from .factories import make_fiche, make_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiches(db):
    return {
        "occ": make_fiche("Programme occitan", region_id="76"),
        "bzh": make_fiche("Réseau breton", region_id="53"),
        "idf": make_fiche("Fiche francilienne", region_id="11"),
    }


def titles(response):
    return {card.data["title"] for card in response.context["results"].object_list}


def test_every_region_has_a_readable_slug():
    slugs = dict(Region.objects.values_list("code", "slug"))
    assert slugs["76"] == "occitanie"
    assert slugs["11"] == "ile-de-france"
    assert slugs["93"] == "provence-alpes-cote-dazur"
    assert slugs["NAT"] == "national"
    assert all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs.values())
    assert len(set(slugs.values())) == len(slugs) == 19


def test_a_new_region_gets_its_slug_from_its_name():
    region = Region.objects.create(code="977", name="Saint-Barthélemy")
    assert region.slug == "saint-barthelemy"


@pytest.mark.parametrize("value", ["occitanie", "76"])
def test_slug_and_code_find_the_same_fiches(reader_client, fiches, value):
    response = reader_client.get(f"/fiches/?region={value}")
    assert response.status_code == 200
    assert titles(response) == {"Programme occitan"}


def test_slugs_and_codes_mix(reader_client, fiches):
    response = reader_client.get("/fiches/?region=occitanie&region=53&region=76")
    assert response.status_code == 200
    assert titles(response) == {"Programme occitan", "Réseau breton"}
    # the links write each region once, by its slug
    assert response.context["link_query"].getlist("region") == ["occitanie", "bretagne"]


def test_search_page_accepts_slugs_too(reader_client, fiches):
    response = reader_client.get("/recherche/?region=ile-de-france")
    assert response.status_code == 200
    assert titles(response) == {"Fiche francilienne"}


@pytest.mark.parametrize("value", ["atlantide", "99", "Occitanie ", "occitanie;drop"])
def test_an_unknown_region_is_a_french_400(reader_client, fiches, value):
    response = reader_client.get("/fiches/", {"region": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Région inconnue" in html
    assert "bretagne" in html and "code INSEE" in html


def test_facet_links_use_the_slug(reader_client, fiches):
    html = reader_client.get("/fiches/").content.decode()
    assert re.search(r'<input type="checkbox" name="region" id="[^"]+" value="occitanie"', html)
    assert not re.search(r'name="region" id="[^"]+" value="76"', html)


def test_an_old_link_by_code_leads_to_links_by_slug(reader_client, fiches):
    response = reader_client.get("/fiches/?region=76")
    html = response.content.decode()
    # the active filter's removal link and the map's links name regions by slug
    [active] = response.context["active_filters"]
    assert active["label"] == "Occitanie"
    assert "region=76" not in html.replace("data-region", "")


def test_the_map_links_by_slug_and_keeps_its_shapes_by_code(reader_client, fiches):
    response = reader_client.get("/fiches/")
    regions = {item["code"]: item for item in response.context["map_regions"]}
    assert regions["76"]["url"] == "?region=occitanie"
    assert regions["11"]["url"] == "?region=ile-de-france"
    html = response.content.decode()
    assert re.search(r'<a class="portal-map__link" href="\?region=occitanie"[^>]*data-region="76"', html)


def test_chips_of_fiches_and_networks_use_the_slug(reader_client, fiches):
    html = reader_client.get(fiches["occ"].url).content.decode()
    assert 'href="/fiches/?region=occitanie"' in html
    network = make_network("Réseau occitan", region_id="76")
    html = reader_client.get(network.url).content.decode()
    assert 'href="/reseaux/?region=occitanie"' in html


def test_the_json_gives_slug_and_code(reader_client, fiches):
    data = reader_client.get("/fiches/?format=json&region=occitanie").json()
    assert [result["region"] for result in data["results"]] == [{"code": "76", "slug": "occitanie", "name": "Occitanie"}]
    assert {v["value"] for v in data["facets"]["region"]} == {"occitanie", "bretagne", "ile-de-france"}
