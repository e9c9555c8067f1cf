"""Synthetic fiches (load_demo --fiches N): written in bulk, yet indistinguishable from fiches saved by Wagtail."""

import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from home import roles
from practices.demo import synthetic
from practices.demo.synthetic_content import FIRST_YEAR, LAST_YEAR, Composer
from practices.models import FicheContact, KeyFigure, PracticeIndexPage, PracticeSheetPage, Region, ServiceType, Theme
from practices.models.fiche import review_date_after
from search.models import PageFacet

from .factories import make_fiche, make_user

pytestmark = pytest.mark.django_db

N = 60
STATE = {"administration-centrale", "prefecture", "service-regional-etat", "ddi", "operateur-etat"}
LOCAL = {"region", "departement", "intercommunalite", "commune"}


@pytest.fixture
def fiches():
    assert synthetic.create_fiches(N) == N
    return list(
        synthetic_fiches().prefetch_related(
            "themes", "actor_categories", "departments", "tagged_items__tag", "key_figures", "contacts"
        )
    )


def synthetic_fiches():
    return PracticeSheetPage.objects.filter(slug__startswith="fiche-synthetique-").order_by("slug")


def test_creates_live_complete_fiches(fiches):
    assert len(fiches) == N
    assert [f.slug for f in fiches] == [f"fiche-synthetique-{n:05d}" for n in range(1, N + 1)]
    for fiche in fiches:
        assert fiche.live and not fiche.has_unpublished_changes
        assert fiche.missing_parts() == []
        assert fiche.completeness == 100
        assert fiche.title == fiche.draft_title and fiche.intro and fiche.carrying_structure
        for _anchor, _title, html in fiche.sections():
            assert html.startswith("<")
        assert len(fiche.sections()) == 8
        assert 1 <= len(fiche.themes.all()) <= 3
        assert 1 <= len(fiche.actor_categories.all()) <= 3
        assert 2 <= len(fiche.tagged_items.all()) <= 5
        assert 2 <= len(fiche.key_figures.all()) <= 4
        assert 1 <= len(fiche.contacts.all()) <= 2
        assert all(contact.email.endswith("@demo.reseaux.localhost") for contact in fiche.contacts.all())
        assert FIRST_YEAR <= fiche.start_year <= LAST_YEAR
        assert fiche.end_year is None or fiche.start_year <= fiche.end_year <= LAST_YEAR
        assert fiche.first_published_at <= fiche.last_published_at <= timezone.now()
        assert fiche.first_published_at.year >= fiche.start_year
        assert fiche.review_date == review_date_after(timezone.localtime(fiche.last_published_at).date())


def test_classification_is_consistent(fiches):
    for fiche in fiches:
        departments = list(fiche.departments.all())
        if fiche.region_id == "NAT":
            assert departments == []
            assert fiche.service_type_id in {"administration-centrale", "operateur-etat", "autre"}
        else:
            assert 1 <= len(departments) <= 2
            assert {d.region_id for d in departments} == {fiche.region_id}
        if fiche.service_type_id in STATE:
            assert fiche.fonction_publique == "etat"
        elif fiche.service_type_id in LOCAL:
            assert fiche.fonction_publique == "territoriale"
        else:
            assert fiche.fonction_publique in {"etat", "territoriale", "hospitaliere"}
        if fiche.service_type_id == "ddi":
            # a DDI is named after its département: "DDT du Finistère", "DDPP de l'Aude"…
            assert any(d.name in fiche.carrying_structure for d in departments)


def test_every_region_theme_and_service_type_is_used(fiches):
    assert {f.region_id for f in fiches} == set(Region.objects.values_list("code", flat=True))
    assert {f.service_type_id for f in fiches} == set(ServiceType.objects.values_list("slug", flat=True))
    assert {t.pk for f in fiches for t in f.themes.all()} == set(Theme.objects.values_list("pk", flat=True))


def test_regions_follow_population_at_scale():
    composer = Composer(synthetic.load_references())
    regions = Counter(composer.fiche(number).region for number in range(1, 1001))
    assert regions["11"] > regions["53"] > regions["94"]  # Île-de-France > Bretagne > Corse
    assert 20 <= regions["NAT"] <= 90  # about 5 %


def test_the_tree_stays_valid(fiches):
    index = PracticeIndexPage.objects.get()
    assert all(problems == [] for problems in Page.find_problems())
    children = Page.objects.child_of(index)
    assert index.numchild == children.count() == N
    paths = [f.path for f in fiches]
    assert len(set(paths)) == N and all(p.startswith(index.path) and len(p) == len(index.path) + 4 for p in paths)
    assert len(set(children.values_list("slug", flat=True))) == N
    assert all(f.url_path == f"{index.url_path}{f.slug}/" and f.depth == index.depth + 1 for f in fiches)
    assert all(f.get_parent().pk == index.pk for f in fiches[:3])


def test_continues_after_pages_created_by_wagtail(fiches):
    manual = make_fiche("Fiche écrite à la main")
    assert synthetic.create_fiches(N + 5) == 5
    assert all(problems == [] for problems in Page.find_problems())
    index = PracticeIndexPage.objects.get()
    assert index.numchild == Page.objects.child_of(index).count() == N + 6
    assert synthetic_fiches().last().path > manual.path


def test_facets_and_search_index_are_filled(fiches):
    ids = {f.pk for f in fiches}
    assert set(PageFacet.objects.filter(facet="type", value="fiche").values_list("page_id", flat=True)) >= ids
    regions = dict(PageFacet.objects.filter(facet="region", page_id__in=ids).values_list("page_id", "value"))
    assert regions == {f.pk: f.region_id for f in fiches}

    fiche = fiches[0]
    word = max(re.findall(r"\w+", fiche.carrying_structure + " " + fiche.title), key=len)
    assert fiche.pk in {page.pk for page in PracticeSheetPage.objects.live().search(word)}
    assert len(PracticeSheetPage.objects.live().search("démarche")) > N // 2


def _words(text):
    """A document field as the multiset of its words (lexemes without positions on PostgreSQL).

    The order of a fiche's tags or themes in its document is the database's (no ORDER BY in Wagtail's
    RelatedFields), and PostgreSQL returns them in any order: two rebuilds by Wagtail itself may
    differ in positions, never in words.
    """
    return sorted(re.sub(r"'(:[0-9A-D,]+)?", " ", text or "").split())


def indexed_documents(ids):
    """What the search index holds for these pages, field by field, as words."""
    fields = [f.name for f in IndexEntry._meta.concrete_fields if f.name not in ("id", "content_type", "title_norm")]
    entries = IndexEntry.objects.filter(object_id__in=[str(pk) for pk in ids])
    rows = entries.annotate(**{f"{f}_": Cast(f, TextField()) for f in fields}).values_list(*[f"{f}_" for f in fields])
    return sorted(tuple(_words(value) for value in row) for row in rows)


def test_fast_indexing_builds_the_documents_the_backend_would_build(fiches):
    ids = [f.pk for f in fiches[:8]]
    fast = indexed_documents(ids)
    assert len(fast) == 8
    IndexEntry.objects.filter(object_id__in=[str(pk) for pk in ids]).delete()
    # what `manage.py update_index` does
    get_search_backend().get_index_for_model(PracticeSheetPage).add_items(
        PracticeSheetPage, list(PracticeSheetPage.get_indexed_objects().filter(pk__in=ids))
    )
    assert indexed_documents(ids) == fast


def test_ensuring_n_is_idempotent_and_numbering_continues(fiches):
    assert synthetic.create_fiches(N) == 0
    assert synthetic.create_fiches(N - 10) == 0
    assert synthetic_fiches().count() == N

    PracticeSheetPage.objects.get(slug="fiche-synthetique-00007").delete()
    assert synthetic.create_fiches(N + 20) == 21
    slugs = list(synthetic_fiches().values_list("slug", flat=True))
    assert len(slugs) == N + 20 and slugs[-1] == f"fiche-synthetique-{N + 21:05d}"
    assert (
        KeyFigure.objects.filter(page__slug__startswith="fiche-synthetique-").values("page").distinct().count()
        == N + 20
    )
    assert (
        FicheContact.objects.filter(page__slug__startswith="fiche-synthetique-").values("page").distinct().count()
        == N + 20
    )


def test_content_depends_only_on_seed_and_number(fiches):
    fiche = synthetic_fiches().get(slug="fiche-synthetique-00042")
    again = Composer(synthetic.load_references()).fiche(42)
    assert (again.title, again.intro, again.sections["lessons"]) == (fiche.title, fiche.intro, fiche.lessons)
    other_seed = Composer(synthetic.load_references(), seed=7).fiche(42)
    assert other_seed.intro != fiche.intro


def test_text_reads_like_french(fiches):
    text = " ".join(f.intro + " ".join(html for _a, _t, html in f.sections()) for f in fiches)
    assert re.search(r"\b[ld]'[a-zàâéèêîôû]", text)  # elisions
    assert not re.search(r"\bde (le|les|un|une) |\bà (le|les) |\bde [aeiouéè]", text)  # contractions and elisions done
    assert all(letter in text for letter in "éèàêô«»")


def test_fiche_page_and_listing_render(reader_client, fiches):
    fiche = fiches[12]
    response = reader_client.get(fiche.url)
    assert response.status_code == 200
    assert escape(fiche.title) in response.content.decode()

    response = reader_client.get("/fiches/")
    assert response.status_code == 200
    assert response.context["total"] == N
    response = reader_client.get("/fiches/?region=53")
    assert response.context["total"] == sum(1 for f in fiches if f.region_id == "53")


def test_administrators_can_edit_and_publish_a_synthetic_fiche(client, fiches):
    client.force_login(make_user(roles.ADMINISTRATORS))
    fiche = fiches[3]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk]))
    assert response.status_code == 200
    assert escape(fiche.carrying_structure) in response.content.decode()

    # the first revision is created by the first save, and Wagtail accepts the bulk-written page
    page = Page.objects.get(pk=fiche.pk).specific
    page.title = "Titre revu"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.title == "Titre revu" and page.live and page.completeness == 100
    assert all(problems == [] for problems in Page.find_problems())


def test_load_demo_option(settings):
    out = io.StringIO()
    call_command("load_demo", fiches=25, stdout=out)
    assert re.search(r"25 fiches synthétiques créées en \d+\.\d s", out.getvalue())
    out = io.StringIO()
    call_command("load_demo", fiches=25, stdout=out)
    assert "0 fiches synthétiques créées" in out.getvalue()
    assert synthetic_fiches().count() == 25
