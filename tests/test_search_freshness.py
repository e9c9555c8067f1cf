"""The index stays fresh: tags and themes changed at publication are searchable and filterable at once."""

import pytest
from wagtail.search.backends import get_search_backend

from practices.models import PracticeSheetPage, Theme
from search.models import PageFacet

from .factories import make_fiche

pytestmark = pytest.mark.django_db


def search_titles(words):
    return {page.title for page in get_search_backend().search(words, PracticeSheetPage.objects.live())}


def test_tag_added_at_publication_is_searchable_at_once():
    fiche = make_fiche("Réseau des managers", tags=["coaching"])
    assert search_titles("coaching") == {"Réseau des managers"}
    draft = fiche.get_latest_revision_as_object()
    draft.tags.add("sérendipité")
    draft.save_revision().publish()
    assert search_titles("sérendipité") == {"Réseau des managers"}


def test_theme_changed_at_publication_is_searchable_and_filterable_at_once(reader_client):
    fiche = make_fiche("Réseau des managers", themes=("management",))
    draft = fiche.get_latest_revision_as_object()
    draft.themes = [Theme.objects.get(slug="numerique")]
    draft.save_revision().publish()
    assert search_titles("Numérique") == {"Réseau des managers"}
    response = reader_client.get("/fiches/?theme=numerique")
    assert "Réseau des managers" in response.content.decode()
    assert "Réseau des managers" not in reader_client.get("/fiches/?theme=management").content.decode()


def test_unpublished_fiches_leave_the_listing():
    fiche = make_fiche("Réseau éphémère")
    assert PageFacet.objects.filter(page_id=fiche.pk).exists()
    fiche.unpublish()
    assert not PageFacet.objects.filter(page_id=fiche.pk).exists()


def test_renaming_a_theme_keeps_its_fiches(reader_client):
    make_fiche("Réseau des managers", themes=("management",))
    theme = Theme.objects.get(slug="management")
    theme.name, theme.slug = "Encadrement", "encadrement"
    theme.save()
    response = reader_client.get("/fiches/?theme=encadrement")
    assert response.status_code == 200
    assert "Réseau des managers" in response.content.decode()
