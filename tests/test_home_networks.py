"""The home page's « Réseaux » block shows every featured network, not the three latest; the hero search fits."""

import re

import pytest

from .factories import make_network

pytestmark = pytest.mark.django_db


def network_titles(client):
    html = client.get("/").content.decode()
    block = re.search(r'<section[^>]*aria-labelledby="accueil-reseaux".*?</section>', html, re.S)
    return re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a></h3>', block.group(0)) if block else []


def test_every_featured_network_is_shown_even_the_oldest(reader_client, home_page):
    # published first, so the three republished after it would have pushed it out of a "latest 3" block
    make_network("Réseau breton des pratiques managériales", featured=True)
    for title in ("Réseau occitan", "Pôle du Tarn", "Communauté des cadres supérieurs"):
        make_network(title, featured=True)
    make_network("Réseau non mis en avant")
    assert network_titles(reader_client) == [
        "Communauté des cadres supérieurs",
        "Pôle du Tarn",
        "Réseau breton des pratiques managériales",
        "Réseau occitan",
    ]


def test_without_featured_networks_the_latest_three(reader_client, home_page):
    for n in range(1, 5):
        make_network(f"Réseau {n}")
    assert network_titles(reader_client) == ["Réseau 4", "Réseau 3", "Réseau 2"]


def test_featuring_a_network_shows_it_at_once(reader_client, home_page):
    network = make_network("Réseau à mettre en avant")
    make_network("Autre réseau", featured=True)
    assert network_titles(reader_client) == ["Autre réseau"]
    network.featured = True
    network.save_revision().publish()
    assert network_titles(reader_client) == ["Autre réseau", "Réseau à mettre en avant"]


def test_the_hero_search_placeholder_is_short_enough_to_show_whole(reader_client, home_page):
    html = reader_client.get("/").content.decode()
    [placeholder] = re.findall(r'id="recherche-accueil-q" name="q" placeholder="([^"]*)"', html)
    # the field is about 150 px wide beside its button in the lg-4 column at 1280 px and on a 320 px phone
    assert placeholder and len(placeholder) <= 18
