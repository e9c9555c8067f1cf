"""The demo fiches: complete, classified as DESIGN.md describes them, and loaded idempotently."""

import pytest
from django.apps import apps
from django.utils.html import strip_tags
from wagtail.models import Revision

from portal.devtools.demo import fiches
from practices.models import (
    FicheAttachment,
    FicheContact,
    FicheImage,
    FicheTag,
    KeyFigure,
    PracticeIndexPage,
    PracticeSheetPage,
)
from search.models import PageFacet

pytestmark = pytest.mark.django_db

EXPECTED = {
    # slug: region, service type, start year, end year, fonction publique, départements, themes that must be there
    "reseau-breton-pratiques-manageriales": (
        "53",
        "ddi",
        2017,
        None,
        "etat",
        {"22"},
        {"management", "cooperation", "formation-et-competences", "egalite-professionnelle"},
    ),
    "dreal-occitanie-accompagnement-des-managers": (
        "76",
        "service-regional-etat",
        2018,
        2019,
        "etat",
        set(),
        {"management", "espaces-de-travail", "qualite-de-vie-au-travail", "formation-et-competences"},
    ),
    "tarn-pole-territorial-management-par-la-cooperation": (
        "76",
        "intercommunalite",
        2021,
        None,
        "territoriale",
        {"81"},
        {"cooperation", "management", "transition-ecologique"},
    ),
}


@pytest.fixture(scope="module")
def loaded(built_once):
    """The demo fiches, loaded once for the module (every test reads them): their ids, in loading order."""
    with built_once():
        yield [page.pk for page in fiches.load()]


@pytest.fixture
def pages(loaded):
    """What fiches.load() returned, as fresh instances for each test."""
    by_pk = PracticeSheetPage.objects.in_bulk(loaded)
    return [by_pk[pk] for pk in loaded]


def words(html):
    return len(strip_tags(html).split())


def test_three_live_complete_fiches_under_the_index(pages):
    index = PracticeIndexPage.objects.get()
    assert [page.slug for page in pages] == list(EXPECTED)
    assert PracticeSheetPage.objects.child_of(index).count() == 3
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.get_parent().pk == index.pk
        assert page.url == f"/fiches/{page.slug}/"
        assert page.missing_parts() == []
        assert page.completeness == 100
        assert page.review_date == fiches.REVIEW_DATE
        assert page.first_published_at is not None


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_fiche_is_classified_as_designed(pages, slug):
    region, service, start, end, fonction, departments, themes = EXPECTED[slug]
    page = PracticeSheetPage.objects.get(slug=slug)
    assert (page.region_id, page.service_type_id, page.start_year, page.end_year) == (region, service, start, end)
    assert page.fonction_publique == fonction
    assert departments <= set(page.departments.values_list("code", flat=True))
    assert themes <= set(page.themes.values_list("slug", flat=True))
    assert page.actor_categories.exists()
    assert page.carrying_structure
    assert 4 <= page.tags.count() <= 7


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_fiche_is_rich(pages, slug):
    page = PracticeSheetPage.objects.get(slug=slug)
    assert 20 <= words(page.intro) <= 90
    for name in fiches.SECTIONS:
        assert 80 <= words(getattr(page, name)) <= 250, name
    assert [anchor for anchor, _title, _html in page.sections()] == [name.replace("_", "-") for name in fiches.SECTIONS]

    assert 3 <= page.key_figures.count() <= 5
    assert all(figure.value and figure.label for figure in page.key_figures.all())

    contacts = list(page.contacts.all())
    assert 1 <= len(contacts) <= 2
    assert all(
        contact.name and contact.role and contact.email.endswith("@demo.reseaux.localhost") for contact in contacts
    )

    (attachment,) = page.attachments.all()
    with attachment.document.open_file() as file:
        text = file.read().decode("utf-8")
    assert attachment.document.file.name.endswith(".txt")
    assert 150 <= len(text.split()) <= 500

    (illustration,) = page.images.all()
    assert illustration.caption
    assert page.listing_image_id == illustration.image_id
    assert (illustration.image.width, illustration.image.height) == (1200, 600)


def test_published_fiches_feed_the_facets(pages):
    for page in pages:
        assert PageFacet.objects.filter(page=page, facet="region", value=page.region_id).exists()


def snapshot():
    """Row counts of every model, and the rows a reload could rewrite in place."""
    counts = {model._meta.label: model.objects.count() for model in apps.get_models() if not model._meta.proxy}
    rows = {
        "pages": list(PracticeSheetPage.objects.order_by("pk").values()),
        "key_figures": list(KeyFigure.objects.order_by("pk").values()),
        "contacts": list(FicheContact.objects.order_by("pk").values()),
        "attachments": list(FicheAttachment.objects.order_by("pk").values()),
        "images": list(FicheImage.objects.order_by("pk").values()),
        "tags": list(FicheTag.objects.order_by("pk").values()),
        "m2m": [
            (
                page.pk,
                sorted(page.departments.values_list("pk", flat=True)),
                sorted(page.themes.values_list("pk", flat=True)),
            )
            for page in PracticeSheetPage.objects.order_by("pk")
        ],
    }
    return counts, rows


def test_loading_twice_changes_nothing(pages):
    before = snapshot()
    again = fiches.load()
    assert snapshot() == before
    assert [page.pk for page in again] == [page.pk for page in pages]


def test_reloading_restores_an_edited_fiche_with_one_publication(pages):
    page = PracticeSheetPage.objects.get(pk=pages[0].pk)
    page.intro = "Un chapô modifié à la main."
    page.key_figures = [KeyFigure(value="1", label="chiffre modifié")]
    page.save_revision().publish()
    revisions = Revision.objects.count()

    fiches.load()

    page = PracticeSheetPage.objects.get(pk=page.pk)
    assert page.intro == fiches.BRETAGNE["intro"]
    assert [(figure.value, figure.label) for figure in page.key_figures.all()] == fiches.BRETAGNE["key_figures"]
    assert Revision.objects.count() == revisions + 1
    before = snapshot()
    fiches.load()
    assert snapshot() == before


def test_each_fiche_renders_for_a_reader(pages, reader_client):
    for page in pages:
        response = reader_client.get(page.url)
        assert response.status_code == 200
        assert "practices/practice_sheet_page.html" in [template.name for template in response.templates]
        content = response.content.decode()
        assert page.title.replace("'", "&#x27;") in content
        assert page.key_figures.first().label in content
