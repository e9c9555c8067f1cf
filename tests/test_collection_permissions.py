"""Who may curate sélections: animators create and publish them, without being able to publish a fiche."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from practices.models import CuratedCollectionPage

from .factories import collection_index, make_collection, make_fiche

pytestmark = pytest.mark.django_db


def add_url():
    return reverse("wagtailadmin_pages:add", args=("practices", "curatedcollectionpage", collection_index().pk))


def collection_data(fiche, slug):
    return nested_form_data(
        {
            "title": "Pour démarrer",
            "slug": slug,
            "intro": "Trois fiches pour se lancer.",
            "theme": "",
            "curator": "",
            "cover_image": "",
            "items": inline_formset([{"fiche": str(fiche.pk), "commentary": "À lire d'abord."}]),
            "action-publish": "1",
        }
    )


def test_an_animator_creates_and_publishes_a_selection(client, animator):
    fiche = make_fiche()
    client.force_login(animator)
    response = client.post(add_url(), collection_data(fiche, "pour-demarrer"))
    assert response.status_code == 302
    collection = CuratedCollectionPage.objects.get(slug="pour-demarrer")
    assert collection.live  # no moderation for sélections
    assert [item.fiche_id for item in collection.items.all()] == [fiche.pk]


def test_an_animator_edits_a_selection_someone_else_made(client, animator):
    collection = make_collection([make_fiche()], "Sélection d'un autre")
    client.force_login(animator)
    assert collection.permissions_for_user(animator).can_publish()
    assert client.get(reverse("wagtailadmin_pages:edit", args=(collection.pk,))).status_code == 200


def test_an_animator_cannot_publish_nor_edit_a_fiche(client, animator):
    fiche = make_fiche(publish=False)
    permissions = fiche.permissions_for_user(animator)
    assert not permissions.can_publish()
    assert not permissions.can_edit()
    client.force_login(animator)
    response = client.post(reverse("wagtailadmin_pages:edit", args=(fiche.pk,)), {"action-publish": "1"})
    assert response.status_code in (302, 403)
    fiche.refresh_from_db()
    assert not fiche.live


@pytest.mark.parametrize("actor", ["contributor", "moderator"])
def test_writers_of_fiches_do_not_curate_selections(client, request, actor):
    user = request.getfixturevalue(actor)
    fiche = make_fiche()
    assert not collection_index().permissions_for_user(user).can_add_subpage()
    client.force_login(user)
    client.post(add_url(), collection_data(fiche, f"selection-{actor}"))
    assert not CuratedCollectionPage.objects.filter(slug=f"selection-{actor}").exists()


def test_readers_do_not_reach_the_form(client, reader):
    client.force_login(reader)
    assert client.get(add_url()).status_code == 403
