"""Fiches proches: ranked by shared themes, tags, region and service type; pinned ones first."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from portal.cache import done, serving
from practices.models import PinnedRelatedFiche
from practices.related import related_fiches
from search.facets import choices

from .factories import make_fiche

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiche():
    return make_fiche("Référence", region_id="53", service_type_id="ddi", themes=("management", "cooperation"), tags=["coaching", "pairs"])


def test_ranking_by_shared_themes_tags_region_service(fiche):
    two_themes = make_fiche("Deux thèmes", region_id="76", service_type_id="commune", themes=("management", "cooperation"))  # 6
    theme_tag = make_fiche("Thème et mot-clé", region_id="76", service_type_id="commune", themes=("management",), tags=["coaching"])  # 5
    same_place = make_fiche("Même région et structure", region_id="53", service_type_id="ddi", themes=("numerique",))  # 2
    make_fiche("Rien en commun", region_id="76", service_type_id="commune", themes=("numerique",))
    make_fiche("Non publiée", publish=False, themes=("management", "cooperation"), tags=["coaching", "pairs"])
    related = related_fiches(fiche)
    assert [page.title for page in related] == [two_themes.title, theme_tag.title, same_place.title]


def test_at_most_four(fiche):
    for n in range(7):
        make_fiche(f"Proche {n}", themes=("management",))
    assert len(related_fiches(fiche)) == 4


def test_pinned_fiches_come_first(fiche):
    make_fiche("Très proche", themes=("management", "cooperation"), tags=["coaching", "pairs"])
    far = make_fiche("Choisie à la main", region_id="76", service_type_id="commune", themes=("numerique",))
    PinnedRelatedFiche.objects.create(page=fiche, related=far)
    assert [page.title for page in related_fiches(fiche)][:2] == ["Choisie à la main", "Très proche"]


def test_bounded_number_of_queries(fiche):
    for n in range(30):
        make_fiche(f"Proche {n}", themes=("management",), tags=["coaching"])
    request = RequestFactory().get(fiche.url)
    token = serving(request)  # as while a page is served: the versions read once per request
    try:
        choices(request)  # the reference lists, which the site read at its first request
        with CaptureQueriesContext(connection) as captured:
            related = related_fiches(fiche)
            # what their cards read: the region, and the themes from the facet rows read for all four
            [page.region for page in related], [page.card_themes() for page in related]
    finally:
        done(token)
    assert len(related) == 4
    assert len(captured) <= 5, [q["sql"][:150] for q in captured.captured_queries]
    assert all(page.card_themes() == ["Management"] for page in related)


def test_the_fiche_page_shows_them(reader_client, fiche):
    make_fiche("Voisine", themes=("management",))
    html = reader_client.get(fiche.url).content.decode()
    assert "Fiches proches" in html and "Voisine" in html


def test_pinned_fiches_that_cannot_show_are_left_out_and_never_ranked_twice(fiche):
    near = make_fiche("Très proche", themes=("management", "cooperation"), tags=["coaching", "pairs"])
    draft = make_fiche("Brouillon choisi", publish=False, themes=("management", "cooperation"))
    PinnedRelatedFiche.objects.create(page=fiche, related=draft, sort_order=0)
    PinnedRelatedFiche.objects.create(page=fiche, related=fiche, sort_order=1)
    PinnedRelatedFiche.objects.create(page=fiche, related=near, sort_order=2)
    also_near = make_fiche("Aussi proche", themes=("management",))
    assert [page.title for page in related_fiches(fiche)] == [near.title, also_near.title]


def test_only_the_most_recent_pages_of_each_value_are_compared(fiche, monkeypatch):
    """A value shared by tens of thousands of fiches is not summed whole: the cost of a fiche page must
    not grow with the number of fiches. The closest among the most recent pages of each value win."""
    from practices import related

    elsewhere = {"region_id": "76", "service_type_id": "commune"}
    old = make_fiche("Ancienne, même coopération", themes=("cooperation",), **elsewhere)
    recent = [make_fiche(f"Récente {n}, même management", themes=("management",), **elsewhere) for n in range(3)]
    monkeypatch.setattr(related, "NEIGHBOURS", 2)
    # management: the two most recent of its four pages; cooperation: the old one (and the fiche)
    assert [page.title for page in related_fiches(fiche)] == [recent[2].title, recent[1].title, old.title]
    monkeypatch.setattr(related, "NEIGHBOURS", 500)
    assert [page.title for page in related_fiches(fiche)] == [recent[2].title, recent[1].title, recent[0].title, old.title]


def test_what_is_left_out_after_the_ranking_never_shortens_the_list(fiche, monkeypatch):
    """The fiche, its pinned fiches and pages of other types are left out after the best ranked pages
    are read: when they fill all that was read, the ranking is read again whole."""
    from practices import related

    pinned = [make_fiche(f"Épinglée {n}", themes=("management", "cooperation"), tags=["coaching", "pairs"]) for n in range(3)]
    for order, page in enumerate(pinned):
        PinnedRelatedFiche.objects.create(page=fiche, related=page, sort_order=order)
    further = [make_fiche(f"Plus loin {n}", themes=("management",)) for n in range(3)]
    expected = [page.title for page in [*pinned, further[2]]]
    monkeypatch.setattr(related, "SPARE", 0)  # the four best read: the fiche itself and the three pinned
    with CaptureQueriesContext(connection) as captured:
        assert [page.title for page in related_fiches(fiche)] == expected
    assert sum("UNION ALL" in q["sql"] for q in captured.captured_queries) == 2
    monkeypatch.setattr(related, "SPARE", 12)
    with CaptureQueriesContext(connection) as captured:
        assert [page.title for page in related_fiches(fiche)] == expected
    assert sum("UNION ALL" in q["sql"] for q in captured.captured_queries) == 1
