"""/admin/fiches/ shows each role what it may see, or says why it is empty (practices.admin_fiche_index).

An animator may neither write nor publish fiches: they see the published ones, read-only, with a sentence
saying so, and no add button. Contributors and moderators see every fiche, drafts included.
"""

import pytest
from django.urls import reverse

from tests.factories import make_animator, make_fiche, make_network

pytestmark = pytest.mark.django_db

READ_ONLY = "Vous voyez les fiches publiées, en lecture seule"
ADD_URL = reverse("fiches:choose_parent")


def listing(client, user, query=""):
    client.force_login(user)
    response = client.get("/admin/fiches/" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_an_animator_sees_the_published_fiches_read_only_without_add_button(client, animator):
    make_animator(make_network("Réseau breton"), animator)
    published = make_fiche("Fiche publiée")
    make_fiche("Fiche en brouillon", publish=False)
    html = listing(client, animator)
    assert "Fiche publiée" in html and "Fiche en brouillon" not in html
    assert READ_ONLY in html and "demandez le rôle de contributeur" in html
    assert ADD_URL not in html and "Ajouter une fiche" not in html
    # read-only: the title is not a link to the edit form
    assert reverse("wagtailadmin_pages:edit", args=(published.pk,)) not in html
    assert "1-0 sur 0" not in html


def test_an_animator_with_no_published_fiche_is_told_why(client, animator):
    make_animator(make_network("Réseau breton"), animator)
    make_fiche("Fiche en brouillon", publish=False)
    html = listing(client, animator)
    assert "Aucune fiche n'est encore publiée" in html and READ_ONLY in html
    assert "1-0 sur 0" not in html and "listing full-width" not in html


def test_a_contributor_sees_every_fiche_and_may_add_one(client, contributor):
    make_fiche("Fiche publiée")
    make_fiche("Fiche en brouillon", publish=False)
    html = listing(client, contributor)
    assert "Fiche publiée" in html and "Fiche en brouillon" in html
    assert READ_ONLY not in html and "listing full-width" in html
    assert ADD_URL in html and "Ajouter une fiche" in html


def test_a_contributor_with_no_fiche_is_invited_to_write_the_first(client, contributor):
    html = listing(client, contributor)
    assert "Aucune fiche pour l'instant." in html and "Rédiger la première fiche" in html
    assert "1-0 sur 0" not in html


def test_a_moderator_sees_drafts_and_a_search_without_result_says_so(client, moderator):
    make_fiche("Fiche en brouillon", publish=False)
    assert "Fiche en brouillon" in listing(client, moderator)
    html = listing(client, moderator, "?q=introuvablexyz")
    assert "Aucune fiche ne correspond à cette recherche ou à ces filtres" in html


def test_the_title_is_short_enough_to_show_whole(client, contributor):
    html = listing(client, contributor)
    assert "<title>Fiches - Réseaux de pratiques</title>" in " ".join(html.split()).replace("<title> ", "<title>")
