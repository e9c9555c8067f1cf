"""Sélections: their fiches in the curator's order, only published ones, where they show up; and the home page blocks."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from practices.models import CuratedCollectionPage

from .factories import (
    collection_index,
    make_collection,
    make_fiche,
    make_livrable,
    make_membership,
    make_network,
    make_person,
)

pytestmark = pytest.mark.django_db


def test_items_in_order_with_their_commentary(reader_client):
    first, second, third = make_fiche("Réseau breton"), make_fiche("Programme occitan"), make_fiche("Pôle du Tarn")
    curator = make_person("Anne", "Le Bihan", structure="DDTM des Côtes-d'Armor")
    collection = make_collection([third, first, second], "Pour se lancer", curator=curator, commentary="")
    items = list(collection.items.all())
    items[0].commentary = "Le plus rural des trois."
    items[1].commentary = "Le plus ancien."
    for item in items:
        item.save()
    html = reader_client.get(collection.url).content.decode()
    positions = [html.index(title) for title in ("Pôle du Tarn", "Réseau breton", "Programme occitan")]
    assert positions == sorted(positions)
    assert html.index("Le plus rural des trois.") < html.index("Réseau breton") < html.index("Le plus ancien.")
    assert "Proposée par <strong>Anne Le Bihan</strong>" in html
    assert "3 fiches" in html


def test_unpublished_fiches_are_left_out(reader_client):
    live, draft = make_fiche("Fiche publiée"), make_fiche("Fiche retirée")
    collection = make_collection([live, draft], "Sélection")
    draft.unpublish()
    html = reader_client.get(collection.url).content.decode()
    assert "Fiche publiée" in html
    assert "Fiche retirée" not in html
    assert "1 fiche<" in html


def test_a_fiche_twice_in_one_selection_is_refused(client, administrator):
    fiche = make_fiche()
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:add", args=("practices", "curatedcollectionpage", collection_index().pk))
    data = nested_form_data(
        {
            "title": "Doublons",
            "slug": "doublons",
            "intro": "",
            "theme": "",
            "curator": "",
            "cover_image": "",
            "items": inline_formset([{"fiche": str(fiche.pk), "commentary": ""}, {"fiche": str(fiche.pk), "commentary": ""}]),
            "action-publish": "1",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Cette fiche figure déjà dans la sélection." in response.content.decode()
    assert not CuratedCollectionPage.objects.filter(slug="doublons").exists()


def test_the_fiche_page_lists_the_live_selections_containing_it(reader_client, django_assert_max_num_queries):
    fiche = make_fiche("Réseau breton")
    make_collection([fiche], "Pour se lancer")
    make_collection([make_fiche(), fiche], "Management et coopération")
    make_collection([fiche], "Sélection en brouillon", publish=False)
    make_collection([make_fiche()], "Sans cette fiche")
    html = reader_client.get(fiche.url).content.decode()
    assert "Cette fiche figure dans les sélections" in html
    assert "Pour se lancer" in html and "Management et coopération" in html
    assert "Sélection en brouillon" not in html and "Sans cette fiche" not in html


def test_the_fiche_page_queries_do_not_grow_with_selections_and_livrables(reader_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fiche = make_fiche("Réseau breton")
    make_collection([fiche])
    make_livrable(fiche, status="realise")
    reader_client.get(fiche.url)  # the reader's rights, the site… are cached from now on
    # the first read after these publications: neither the fiche's own content (a livrable is its
    # child) nor its sélections are cached (portal.cache), as in the read measured below
    make_collection([fiche])
    make_livrable(fiche)
    with CaptureQueriesContext(connection) as few:
        reader_client.get(fiche.url)
    for _n in range(3):
        make_collection([fiche])
        make_livrable(fiche)
    with CaptureQueriesContext(connection) as more:
        reader_client.get(fiche.url)
    assert len(more.captured_queries) == len(few.captured_queries)


def test_home_shows_featured_selections_else_the_latest(reader_client):
    fiche = make_fiche()
    make_collection([fiche], "Sélection ordinaire")
    html = reader_client.get("/").content.decode()
    assert "Sélections à la une" in html and "Sélection ordinaire" in html  # none featured: the latest
    assert 'href="/selections/"' in html and "Toutes les sélections" in html
    make_collection([fiche], "Sélection à la une", featured=True)
    html = reader_client.get("/").content.decode()
    assert "Sélection à la une" in html
    assert "Sélection ordinaire" not in html


def test_home_has_no_selection_block_without_live_selections(reader_client):
    make_collection([make_fiche()], "Brouillon", publish=False)
    assert "Sélections à la une" not in reader_client.get("/").content.decode()


def test_home_shows_networks_with_their_member_counts(reader_client):
    from datetime import date

    assert "Tous les réseaux" not in reader_client.get("/").content.decode()
    network = make_network("Réseau des managers de Bretagne")
    for _n in range(3):
        make_membership(network)
    make_membership(network, left_on=date(2020, 1, 1))
    html = reader_client.get("/").content.decode()
    assert "Réseau des managers de Bretagne" in html
    assert "3 membres" in html
    assert 'href="/reseaux/"' in html and "Tous les réseaux" in html
