"""Livrables: numbers unique per parent, their order and progress on the parent page, and the livrable page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from practices.models import LivrablePage
from practices.models.livrable import progress_of

from .factories import make_fiche, make_livrable, make_network
from .test_network_pages import _other_includes  # noqa: F401  (the network page's borrowed includes)

pytestmark = pytest.mark.django_db


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("practices", "livrablepage", parent.pk))


def livrable_form(title, slug, number="", status="prevu", completion_date="", action="action-publish"):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "number": str(number),
            "kind": "note-cadrage",
            "status": status,
            "due_date": "",
            "completion_date": completion_date,
            "description": rich_text("<p>Une note.</p>"),
            "documents": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def test_numbers_follow_on_by_default():
    network = make_network()
    first, second = make_livrable(network), make_livrable(network)
    assert (first.number, second.number) == (1, 2)
    make_livrable(network, number=5)
    assert make_livrable(network).number == 6


def test_the_admin_form_gives_the_next_free_number(client, administrator):
    network = make_network()
    make_livrable(network, number=3)
    client.force_login(administrator)
    response = client.post(add_url(network), livrable_form("Note d'intention", "note-intention"))
    assert response.status_code == 302
    assert LivrablePage.objects.get(slug="note-intention").number == 4


def test_a_number_taken_under_the_same_parent_is_refused_in_french(client, administrator):
    network = make_network()
    make_livrable(network, "Création du réseau", number=1)
    client.force_login(administrator)
    response = client.post(add_url(network), livrable_form("Site collaboratif", "site-collaboratif", number=1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le numéro 1 est déjà celui du livrable « Création du réseau ». Le prochain numéro libre est 2." in html.replace("&#x27;", "'").replace("&laquo;", "«").replace("&raquo;", "»")
    assert not LivrablePage.objects.filter(slug="site-collaboratif").exists()


def test_the_same_number_is_free_under_another_network(client, administrator):
    make_livrable(make_network(), number=1)
    other = make_network()
    client.force_login(administrator)
    response = client.post(add_url(other), livrable_form("Note de cadrage", "note-de-cadrage", number=1))
    assert response.status_code == 302
    assert LivrablePage.objects.get(slug="note-de-cadrage").number == 1


def test_clean_refuses_a_duplicate_number_on_every_other_path():
    network = make_network()
    make_livrable(network, number=1)
    second = make_livrable(network)
    second.number = 1
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "number" in error.value.message_dict


def test_moving_a_livrable_onto_a_taken_number_is_refused_in_french(client, administrator):
    bretagne, dreal = make_network("Réseau breton"), make_network("Communauté DREAL")
    moved = make_livrable(bretagne, "Journée de coaching", number=3)
    make_livrable(dreal, "Séminaire des cadres", number=3)
    client.force_login(administrator)
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=(moved.pk, dreal.pk)), follow=True)
    html = response.content.decode().replace("&#x27;", "'").replace("&laquo;", "«").replace("&raquo;", "»")
    assert "Déplacement refusé : « Communauté DREAL » a déjà un livrable n° 3 (« Séminaire des cadres »)" in html
    assert "le prochain est 4" in html
    moved.refresh_from_db()
    assert moved.get_parent().pk == bretagne.pk
    with pytest.raises(ValidationError):  # any other path: Page.move itself
        moved.move(dreal, pos="last-child")
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move")) + f"?id={moved.pk}&next=/admin/"
    response = client.post(bulk, {"chooser": dreal.pk}, follow=True)
    assert "Déplacement refusé" in response.content.decode()
    assert LivrablePage.objects.child_of(dreal).count() == 1


def test_a_livrable_moves_where_its_number_is_free(client, administrator):
    bretagne, dreal = make_network(), make_network()
    moved = make_livrable(bretagne, number=3)
    make_livrable(dreal, number=1)
    client.force_login(administrator)
    client.post(reverse("wagtailadmin_pages:move_confirm", args=(moved.pk, dreal.pk)))
    moved.refresh_from_db()
    assert moved.get_parent().pk == dreal.pk and moved.number == 3


def test_a_copied_livrable_takes_the_next_free_number(client, administrator):
    network = make_network()
    original = make_livrable(network, "Séminaire", number=3)
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(original.pk,)),
        {"new_title": "Séminaire (copie)", "new_slug": "seminaire-copie", "new_parent_page": network.pk, "publish_copies": "on"},
    )
    assert response.status_code == 302
    assert LivrablePage.objects.get(slug="seminaire-copie").number == 4
    original.refresh_from_db()
    assert original.number == 3


def test_a_planned_livrable_with_a_completion_date_is_refused(client, administrator):
    network = make_network()
    client.force_login(administrator)
    response = client.post(add_url(network), livrable_form("Séminaire", "seminaire", status="prevu", completion_date="01/03/2024"))
    assert response.status_code == 200
    assert "Un livrable encore prévu n&#x27;a pas de date de réalisation." in response.content.decode()
    assert not LivrablePage.objects.filter(slug="seminaire").exists()
    planned = make_livrable(network, publish=False)
    planned.completion_date = date(2024, 3, 1)
    with pytest.raises(ValidationError):
        planned.full_clean()


def test_progress_leaves_abandoned_livrables_out():
    network = make_network()
    for status in ("realise", "realise", "en-cours", "prevu", "abandonne"):
        make_livrable(network, status=status)
    progress = progress_of(network.livrables())
    assert (progress["done"], progress["total"], progress["abandoned"], str(progress["label"])) == (2, 4, 1, "2 / 4 réalisés")


def test_the_network_page_lists_livrables_by_number_with_their_progress(reader_client):
    network = make_network()
    make_livrable(network, "Séminaire management agile", number=5, status="prevu")
    make_livrable(network, "Création du réseau", number=1, status="realise", completion_date=date(2018, 3, 1))
    make_livrable(network, "Journée de coaching", number=3, status="abandonne")
    make_livrable(network, "Site collaboratif", number=2, status="en-cours", due_date=date(2026, 6, 30))
    html = reader_client.get(network.url).content.decode()
    positions = [html.index(title) for title in ("Création du réseau", "Site collaboratif", "Journée de coaching", "Séminaire management agile")]
    assert positions == sorted(positions)
    assert "1 / 3 réalisés" in html and "1 abandonné, non compté" in html
    assert '<progress class="portal-progress__bar" max="3" value="1"' in html
    assert "<caption>Livrables du réseau, par numéro</caption>" in html
    for label in ("Réalisé", "En cours", "Abandonné", "Prévu"):  # the status in words, not by colour alone
        assert f">{label}</p>" in html
    assert "Réalisé le 1er mars 2018" in html and "Échéance : 30 juin 2026" in html


def test_a_fiche_shows_its_own_livrables(reader_client):
    fiche = make_fiche("Pôle territorial du Tarn")
    make_livrable(fiche, "Note de faisabilité", number=3, status="prevu")
    make_livrable(fiche, "Note d'intention", number=1, status="realise")
    make_livrable(fiche, "Note de cadrage", number=2, status="realise")
    html = reader_client.get(fiche.url).content.decode().replace("&#x27;", "'")
    positions = [html.index(title) for title in ("Note d'intention", "Note de cadrage", "Note de faisabilité")]
    assert positions == sorted(positions)
    assert "2 / 3 réalisés" in html
    assert 'href="#livrables"' in html


def test_the_livrable_page(reader_client):
    network = make_network("Réseau des managers de Bretagne")
    first = make_livrable(network, "Création du réseau", number=1, status="realise", completion_date=date(2018, 3, 1))
    third = make_livrable(network, "Journée de coaching", number=3, kind="evenement", status="en-cours", due_date=date(2026, 6, 30))
    make_livrable(network, "Brouillon", number=2, publish=False)
    html = reader_client.get(third.url).content.decode()
    assert "Livrable n° 3" in html and "Événement" in html and "En cours" in html
    assert "30 juin 2026" in html
    assert f'href="{network.url}"' in html  # breadcrumb and the way back to the network
    assert f'href="{first.url}" rel="prev"' in html  # the previous live one by number, skipping the draft
    assert 'rel="next"' not in html
    html = reader_client.get(first.url).content.decode()
    assert f'href="{third.url}" rel="next"' in html and 'rel="prev"' not in html


def test_a_fiche_livrable_leads_back_to_its_fiche(reader_client):
    fiche = make_fiche("Pôle territorial du Tarn")
    livrable = make_livrable(fiche, "Note d'intention")
    html = reader_client.get(livrable.url).content.decode()
    assert "Livrable de la fiche" in html and f'href="{fiche.url}"' in html


def test_dates_read_as_french_prose():
    from portal.dates import long_date

    assert long_date(date(2021, 9, 1)) == "1er septembre 2021"
    assert long_date(date(2021, 9, 2)) == "2 septembre 2021"
    assert long_date(date(2025, 4, 1), with_weekday=True) == "mardi 1er avril 2025"
    assert long_date(None) == ""
    assert make_livrable(make_network(), status="realise", completion_date=date(2024, 3, 1)).date_label == "réalisé le 1er mars 2024"


def test_active_years():
    from portal.dates import active_years

    today = date(2026, 12, 1)
    assert active_years(2018, 2020, today) == [2018, 2019, 2020]
    assert active_years(2024, None, today) == [2024, 2025, 2026]  # still running
    assert active_years(2028, None, today) == [2028]
    assert active_years(None) == []
