"""Synthetic fiches (load_demo --fiches N): written in bulk, yet indistinguishable from fiches saved by Wagtail."""

import io
import json
import os
import re
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, PageLogEntry
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from portal import roles
from portal.devtools.demo import synthetic
from portal.devtools.demo.synthetic_content import Composer
from portal.devtools.demo.synthetic_data import FIRST_YEAR, LAST_YEAR
from portal.devtools.demo.synthetic_structures import TOWNS
from practices.models import (
    Department,
    FicheContact,
    KeyFigure,
    PracticeIndexPage,
    PracticeSheetPage,
    Region,
    ServiceType,
    Theme,
)
from practices.models.fiche import review_date_after
from search.models import PageFacet

from .factories import make_fiche, make_user

pytestmark = pytest.mark.django_db

N = 60
STATE = {"administration-centrale", "prefecture", "service-regional-etat", "ddi", "operateur-etat"}
LOCAL = {"region", "departement", "intercommunalite", "commune"}


@pytest.fixture(scope="class")
def sixty(built_once):
    """The synthetic fiches TestSixtyFiches reads, created once for the class."""
    with built_once():
        assert synthetic.create_fiches(N) == N
        yield


@pytest.fixture
def fiches(sixty):
    """The sixty fiches, as fresh instances for each test."""
    return list(
        synthetic_fiches().prefetch_related(
            "themes", "actor_categories", "departments", "tagged_items__tag", "key_figures", "contacts"
        )
    )


def synthetic_fiches():
    return PracticeSheetPage.objects.filter(slug__startswith="fiche-synthetique-").order_by("slug")


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


def test_regions_follow_population_at_scale():
    composer = Composer(synthetic.load_references())
    regions = Counter(composer.fiche(number).region for number in range(1, 1001))
    assert regions["11"] > regions["53"] > regions["94"]  # Île-de-France > Bretagne > Corse
    assert 20 <= regions["NAT"] <= 90  # about 5 %


class TestSixtyFiches:
    """Sixty synthetic fiches, written in bulk by synthetic.create_fiches (built once: `sixty`)."""

    def test_creates_live_complete_fiches(self, fiches):
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


    def test_classification_is_consistent(self, fiches):
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


    def test_every_region_theme_and_service_type_is_used(self, fiches):
        assert {f.region_id for f in fiches} == set(Region.objects.values_list("code", flat=True))
        assert {f.service_type_id for f in fiches} == set(ServiceType.objects.values_list("slug", flat=True))
        assert {t.pk for f in fiches for t in f.themes.all()} == set(Theme.objects.values_list("pk", flat=True))


    def test_the_tree_stays_valid(self, fiches):
        index = PracticeIndexPage.objects.get()
        assert all(problems == [] for problems in Page.find_problems())
        children = Page.objects.child_of(index)
        assert index.numchild == children.count() == N
        paths = [f.path for f in fiches]
        assert len(set(paths)) == N and all(p.startswith(index.path) and len(p) == len(index.path) + 4 for p in paths)
        assert len(set(children.values_list("slug", flat=True))) == N
        assert all(f.url_path == f"{index.url_path}{f.slug}/" and f.depth == index.depth + 1 for f in fiches)
        assert all(f.get_parent().pk == index.pk for f in fiches[:3])


    def test_continues_after_pages_created_by_wagtail(self, fiches):
        manual = make_fiche("Fiche écrite à la main")
        assert synthetic.create_fiches(N + 5) == 5
        assert all(problems == [] for problems in Page.find_problems())
        index = PracticeIndexPage.objects.get()
        assert index.numchild == Page.objects.child_of(index).count() == N + 6
        assert synthetic_fiches().last().path > manual.path


    def test_facets_and_search_index_are_filled(self, fiches):
        ids = {f.pk for f in fiches}
        assert set(PageFacet.objects.filter(facet="type", value="fiche").values_list("page_id", flat=True)) >= ids
        regions = dict(PageFacet.objects.filter(facet="region", page_id__in=ids).values_list("page_id", "value"))
        assert regions == {f.pk: f.region_id for f in fiches}

        fiche = fiches[0]
        word = max(re.findall(r"\w+", fiche.carrying_structure + " " + fiche.title), key=len)
        assert fiche.pk in {page.pk for page in PracticeSheetPage.objects.live().search(word)}
        assert len(PracticeSheetPage.objects.live().search("démarche")) > N // 2


    def test_fast_indexing_builds_the_documents_the_backend_would_build(self, fiches):
        ids = [f.pk for f in fiches[:8]]
        fast = indexed_documents(ids)
        assert len(fast) == 8
        IndexEntry.objects.filter(object_id__in=[str(pk) for pk in ids]).delete()
        # what `manage.py update_index` does
        get_search_backend().get_index_for_model(PracticeSheetPage).add_items(
            PracticeSheetPage, list(PracticeSheetPage.get_indexed_objects().filter(pk__in=ids))
        )
        assert indexed_documents(ids) == fast


    def test_ensuring_n_is_idempotent_and_numbering_continues(self, fiches):
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


    def test_content_depends_only_on_seed_and_number(self, fiches):
        fiche = synthetic_fiches().get(slug="fiche-synthetique-00042")
        again = Composer(synthetic.load_references()).fiche(42)
        assert (again.title, again.intro, again.sections["lessons"]) == (fiche.title, fiche.intro, fiche.lessons)
        other_seed = Composer(synthetic.load_references(), seed=7).fiche(42)
        assert other_seed.intro != fiche.intro


    def test_text_reads_like_french(self, fiches):
        text = " ".join(f.intro + " ".join(html for _a, _t, html in f.sections()) for f in fiches)
        assert re.search(r"\b[ld]'[a-zàâéèêîôû]", text)  # elisions
        assert not re.search(r"\bde (le|les|un|une) |\bà (le|les) |\bde [aeiouéè]", text)  # contractions and elisions done
        assert all(letter in text for letter in "éèàêô«»")


    def test_fiche_page_and_listing_render(self, reader_client, fiches):
        fiche = fiches[12]
        response = reader_client.get(fiche.url)
        assert response.status_code == 200
        assert escape(fiche.title) in response.content.decode()

        response = reader_client.get("/fiches/")
        assert response.status_code == 200
        assert response.context["total"] == N
        response = reader_client.get("/fiches/?region=53")
        assert response.context["total"] == sum(1 for f in fiches if f.region_id == "53")


    def test_administrators_can_edit_and_publish_a_synthetic_fiche(self, client, fiches):
        client.force_login(make_user(roles.ADMINISTRATORS))
        fiche = fiches[3]
        response = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk]))
        assert response.status_code == 200
        assert escape(fiche.carrying_structure) in response.content.decode()

        # Wagtail accepts the bulk-written page and its revision
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


# --- what an audit of a few hundred synthetic fiches found ------------------------------------------

AUDITED = 400


def composed(count=AUDITED):
    """The first `count` synthetic fiches as the generator composes them (seeded: the same on every run)."""
    composer = Composer(synthetic.load_references())
    return [composer.fiche(number) for number in range(1, count + 1)]


def plain(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def fiche_text(data):
    return " ".join((data.title, data.intro, *(plain(html) for html in data.sections.values())))


def _comparable(content):
    """A revision's content as JSON, without what only the page row holds, many-to-many in any order."""
    content = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
    for key in ("latest_revision", "live_revision"):
        content.pop(key)
    return {
        key: sorted(value, key=str) if key in ("departments", "themes", "actor_categories") else value
        for key, value in content.items()
    }


def test_the_admin_shows_synthetic_fiches_like_fiches_published_in_wagtail(client):
    assert synthetic.create_fiches(300) == 300
    published = make_fiche("Fiche publiée par save_revision().publish()")
    fiches = list(synthetic_fiches().select_related("latest_revision"))
    page_fields = [field.attname for field in Page._meta.concrete_fields]
    for fiche in fiches:
        # nothing the admin shows is blank where Wagtail's own publishing fills it ("Mis à jour" was)
        assert [f for f in page_fields if getattr(published, f) is not None and getattr(fiche, f) is None] == []
        assert fiche.first_published_at <= fiche.latest_revision_created_at == fiche.last_published_at
        assert fiche.live and not fiche.has_unpublished_changes and fiche.draft_title == fiche.title
        assert fiche.latest_revision_id == fiche.live_revision_id
        revision = fiche.latest_revision
        assert (revision.object_id, revision.object_str) == (str(fiche.pk), fiche.title)
        assert revision.created_at == fiche.last_published_at
        assert revision.base_content_type_id == published.latest_revision.base_content_type_id
    for fiche in fiches[:40]:  # the revision holds the page as Wagtail serialises it
        assert _comparable(fiche.latest_revision.content) == _comparable(fiche.serializable_data())
    entries = PageLogEntry.objects.filter(page_id=fiches[0].pk, action="wagtail.publish")
    assert entries.filter(revision_id=fiches[0].latest_revision_id).exists()

    client.force_login(make_user(is_superuser=True, is_staff=True))
    for fiche in fiches[:3]:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk]))
        assert response.status_code == 200
        assert escape(fiche.carrying_structure) in response.content.decode()
        assert client.get(reverse("wagtailadmin_pages:history", args=[fiche.pk])).status_code == 200
        compare = reverse("wagtailadmin_pages:revisions_compare", args=[fiche.pk, "live", fiche.latest_revision_id])
        assert client.get(compare).status_code == 200
    listing = client.get(reverse("fiches:index") + "?ordering=-latest_revision_created_at")
    assert listing.status_code == 200
    assert escape(max(fiches, key=lambda f: f.latest_revision_created_at).title) in listing.content.decode()

    # publishing the stored revision again loses nothing
    fiche = fiches[0]
    figures, tags = list(fiche.key_figures.values_list("value", "label")), set(fiche.tags.names())
    fiche.latest_revision.publish()
    fiche.refresh_from_db()
    assert list(fiche.key_figures.values_list("value", "label")) == figures and set(fiche.tags.names()) == tags
    assert fiche.completeness == 100 and fiche.live


WORDS_FOR_YEARS = {
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
}  # fmt: skip
MONTH_NAMES = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()


def _months(duration):
    if duration.endswith("mois"):
        return {"six mois": 6, "dix-huit mois": 18}[duration]
    return 12 * WORDS_FOR_YEARS[duration.split()[0]]


def test_dates_and_durations_fit_the_fiche_years():
    today = timezone.localdate()
    for data in composed():
        written = timezone.localtime(data.last_published_at).date()
        last_year = min(data.end_year or today.year, today.year, written.year)
        assert data.end_year is None or data.end_year <= written.year  # an ended démarche is told once ended
        # time the démarche had had: from January of its start to the end of its last year, or today
        available = 12 * ((data.end_year or today.year) - data.start_year) + (12 if data.end_year else today.month)
        text = fiche_text(data)
        for duration in re.findall(r"\b(six mois|dix-huit mois|(?:\w+) ans)\b", text):
            assert _months(duration) <= available, (data.number, duration, data.start_year, data.end_year)
        for year in map(int, re.findall(r"\b(20\d\d)\b", text)):
            assert data.start_year - 1 <= year <= last_year, (data.number, year, data.start_year, data.end_year)
        for month, year in re.findall(r"<li>(\w+) (20\d\d) :", data.sections["actions"]):
            when = (int(year), MONTH_NAMES.index(month.lower()) + 1)
            assert (data.start_year, 1) <= when <= (last_year, 12), (data.number, when, data.end_year)
            assert when <= (written.year, written.month), (data.number, when, written)
        if data.end_year:
            assert not data.intro.startswith("Depuis")  # an ended démarche is not going on


MEASURES = {  # measure: (patterns of the text, words of its key figure's label)
    "satisfaction": ((r"taux de satisfaction [^.]*?(\d+) %",), "satisfaits"),
    "participants": ((r"réuni (\d+) participants", r"(\d+) (?:agents|personnes) ont participé"), "participants à"),
    "budget": ((r"s'élève à ([\d\u202f\xa0 ]+) euros",), "budget"),
    "animators": ((r"formation de (\d+) animateurs",), "animateurs"),
}


def test_each_measure_has_one_value_in_a_fiche():
    seen = Counter()
    for data in composed():
        text = fiche_text(data)
        values = defaultdict(set)
        for measure, (patterns, label_words) in MEASURES.items():
            for pattern in patterns:
                values[measure] |= {re.sub(r"\D", "", value) for value in re.findall(pattern, text)}
            for value, label in data.key_figures:
                if label_words in label:
                    values[measure].add(re.sub(r"\D", "", value))
        for measure, found in values.items():
            assert len(found) <= 1, (data.number, measure, found)
            seen[measure] += bool(found)
        if "aucun budget" in text:
            assert not any("budget" in label for _value, label in data.key_figures), data.number
            assert "budget" not in {m for m, found in values.items() if found}
    assert all(seen[measure] > 20 for measure in MEASURES), seen


NAMED_AFTER_A_TOWN = re.compile(
    r"^(?:Communauté de communes(?: du Pays)?|Communauté d'agglomération|Pôle d'équilibre territorial et rural du Pays"
    r"|Pôle territorial|Mairie|Ville|Commune|Sous-préfecture|Centre hospitalier|Centre communal d'action sociale)"
    r" (de |d'|du |des )(.+)$"
)


def test_structures_are_named_after_towns_of_the_fiche_region():
    departments = dict(Department.objects.values_list("code", "region_id"))
    assert set(TOWNS) == set(departments)
    named = 0
    for data in composed():
        match = NAMED_AFTER_A_TOWN.match(data.carrying_structure)
        if not match:
            continue
        named += 1
        preposition, town = match.groups()
        town = {"du ": "Le ", "des ": "Les "}.get(preposition, "") + town
        home = [code for code in data.departments if town in TOWNS[code].all]
        assert home, (data.number, data.carrying_structure, data.region, data.departments)
        assert departments[home[0]] == data.region
        if data.carrying_structure.startswith("Sous-préfecture"):
            assert town in TOWNS[home[0]].subprefectures
    assert named > 60


def test_the_text_fits_the_structure_and_its_time():
    for data in composed():
        text = fiche_text(data) + " " + data.carrying_structure
        assert "{" not in text and "None" not in text
        assert not re.search(r"\bdes [^.,;:]+ permet\b", text)  # a plural subject takes a plural verb
        if "Les élus souhaitaient" in text:
            assert data.fonction_publique == "territoriale", data.number
        if "crise sanitaire" in text:
            assert 2021 <= data.start_year <= 2023, data.number
        if re.search(r"Petites villes de demain|contrat de relance|DREETS|DDETS|DRAJES|DRIEAT", text):
            assert data.start_year >= 2021, data.number
        if data.region == "NAT":
            said = fiche_text(data).replace(data.carrying_structure, "")
            assert not re.search(r"régionale|intervient (?:sur|dans)", said), data.number
        if "secrétaires de mairie" in text:
            assert data.service_type in {"commune", "intercommunalite"}, data.number
        if data.service_type == "intercommunalite":
            assert "réfecture" not in data.carrying_structure
            if set(data.departments) & {"75", "92", "93", "94"}:
                assert not data.carrying_structure.startswith(("Communauté de communes", "Pôle"))


@pytest.mark.django_db(transaction=True)
def test_several_processes_write_and_index_their_own_batches(monkeypatch):
    """On PostgreSQL, outside a transaction, the batches are shared between one process per core, each
    writing at tree positions known in advance and indexing what it wrote: every fiche is there once,
    in a valid tree, with its search document, its facets and its index entry."""
    from portal.devtools.demo import synthetic_index
    from search.models import SearchDocument, SearchWord

    monkeypatch.setattr(synthetic, "BATCH_SIZE", 4)
    monkeypatch.setattr(synthetic_index, "CHUNK_SIZE", 3)
    shared = []
    monkeypatch.setattr(synthetic, "processes_for", lambda parts: shared.append(synthetic_index.processes_for(parts)) or shared[-1])
    assert synthetic.create_fiches(14) == 14

    from django.db import connection

    if connection.vendor == "postgresql":
        assert shared == [min(4, os.cpu_count() or 1)] and shared[0] > 1
    else:
        assert shared == [1]  # one writer at a time on SQLite
    assert all(problems == [] for problems in Page.find_problems())
    index = PracticeIndexPage.objects.get()
    fiches = list(synthetic_fiches())
    assert index.numchild == Page.objects.child_of(index).count() == len(fiches) == 14
    assert [f.slug for f in fiches] == [f"fiche-synthetique-{n:05d}" for n in range(1, 15)]
    ids = {f.pk for f in fiches}
    assert set(SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", flat=True)) == ids
    assert set(PageFacet.objects.filter(facet="type", value="fiche", page_id__in=ids).values_list("page_id", flat=True)) == ids
    assert IndexEntry.objects.filter(object_id__in=[str(pk) for pk in ids]).count() == 14
    assert SearchWord.objects.filter(plain="demarche", documents__gt=7).exists()
    assert len(PracticeSheetPage.objects.live().search("démarche")) > 7
