"""The demo networks, people, livrables, chantiers and sélections: what DESIGN.md promises a visitor sees.

load_demo runs once for the module (it takes seconds) inside a transaction rolled back at the end;
each test runs in a savepoint of its own on top of it.
"""

import io
from collections import Counter
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import escape, strip_tags
from wagtail.models import Revision

from portal.devtools.demo import accounts, networks
from portal.devtools.demo import collections as demo_collections
from practices.animators import can_manage_network
from practices.models import (
    CollectionIndexPage,
    CuratedCollectionPage,
    LivrablePage,
    Membership,
    NetworkIndexPage,
    NetworkPage,
    Person,
    Region,
    WorkstreamPage,
)

pytestmark = pytest.mark.django_db

BRETAGNE = "reseau-breton-des-pratiques-manageriales"
OCCITANIE = "communaute-des-managers-dreal-occitanie"
TARN = "pole-territorial-du-tarn-management-cooperatif"
MINISTRY = "communaute-ministerielle-des-cadres-superieurs"

EXPECTED = {
    # slug: region, scopes, start year, themes that must be there, fiche it links to
    BRETAGNE: (
        "53",
        {"regional"},
        2017,
        {"management", "egalite-professionnelle"},
        "reseau-breton-pratiques-manageriales",
    ),
    OCCITANIE: (
        "76",
        {"regional"},
        2018,
        {"management", "espaces-de-travail"},
        "dreal-occitanie-accompagnement-des-managers",
    ),
    TARN: (
        "76",
        {"local"},
        2021,
        {"cooperation", "management"},
        "tarn-pole-territorial-management-par-la-cooperation",
    ),
    MINISTRY: ("NAT", {"national", "interministeriel"}, None, {"management"}, "reseau-breton-pratiques-manageriales"),
}
TEXT_FIELDS = (
    "intro",
    "description",
    "objectives",
    "work_axes",
    "expected_productions",
    "animation",
    "secretariat",
    "meeting_rhythm",
    "tools",
    "governance",
    "contact_name",
    "contact_email",
)


@pytest.fixture(scope="module", autouse=True)
def demo(built_once):
    with built_once():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        yield


def network(slug):
    return NetworkPage.objects.get(slug=slug)


def open_memberships(slug):
    return Membership.objects.filter(network__slug=slug, left_on__isnull=True).select_related("person")


# --- the networks -------------------------------------------------------------------------------


def test_four_live_networks_under_the_index():
    index = NetworkIndexPage.objects.get()
    assert sorted(NetworkPage.objects.child_of(index).live().values_list("slug", flat=True)) == sorted(EXPECTED)


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_network_facts_and_every_text_filled(slug):
    region, scopes, start_year, themes, fiche = EXPECTED[slug]
    page = network(slug)
    assert page.live and not page.has_unpublished_changes
    assert page.region_id == region
    assert page.scope in scopes
    if start_year:
        assert page.start_year == start_year
    assert 2000 < page.start_year <= 2026
    assert themes <= {theme.slug for theme in page.themes.all()}
    for name in TEXT_FIELDS:
        assert strip_tags(getattr(page, name)).strip(), f"{slug}: {name} est vide"
    assert page.contact_email.endswith(".localhost")
    assert fiche in [fiche.slug for fiche in page.fiches]


# --- people -------------------------------------------------------------------------------------


def test_people_are_fictional_and_found_by_email():
    emails = list(Person.objects.values_list("email", flat=True))
    assert len(emails) == len(set(emails)) > 80
    assert all(email.endswith("@demo.reseaux.localhost") for email in emails)


def test_bretagne_has_about_forty_members_from_prefectures_regional_directorates_and_ddi():
    current = list(open_memberships(BRETAGNE))
    assert 35 <= len(current) <= 45
    people = [membership.person for membership in current]
    assert all(person.service_type_id and person.department_id for person in people)
    assert {person.department_id for person in people} == {"22", "29", "35", "56"}
    structures = {(person.service_type_id, person.structure) for person in people}
    by_type = Counter(service_type for service_type, _structure in structures)
    assert by_type["ddi"] == 11
    assert by_type["service-regional-etat"] == 5
    prefectures = {person.department_id for person in people if person.service_type_id == "prefecture"}
    assert prefectures == {"22", "29", "35", "56"}


def test_bretagne_roles():
    roles = Counter(membership.role for membership in open_memberships(BRETAGNE))
    assert roles["animateur"] >= 1
    assert roles["garant"] == 1
    assert roles["secretariat"] == 1
    assert roles["referent"] >= 2
    secretariat = open_memberships(BRETAGNE).get(role="secretariat").person
    assert "GRH" in secretariat.structure


def test_bretagne_history_departures_replacements_and_a_return():
    periods = list(Membership.objects.filter(network__slug=BRETAGNE).select_related("person"))
    assert min(period.joined_on for period in periods).year in (2017, 2018)
    departures = [period for period in periods if period.left_on]
    assert len(departures) >= 5
    assert all(period.left_on <= date(2026, 1, 1) for period in departures)
    replaced = [
        gone
        for gone in departures
        if any(
            other.person.structure == gone.person.structure and gone.left_on < other.joined_on
            for other in periods
            if other.person_id != gone.person_id
        )
    ]
    assert len(replaced) >= 5
    periods_by_person = Counter(period.person_id for period in periods)
    returning = [person_id for person_id, count in periods_by_person.items() if count == 2]
    assert returning
    first, second = sorted((p for p in periods if p.person_id == returning[0]), key=lambda period: period.joined_on)
    assert first.left_on and first.left_on < second.joined_on and second.left_on is None


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_exactly_one_open_membership_per_person(slug):
    counts = Counter(open_memberships(slug).values_list("person_id", flat=True))
    assert counts and set(counts.values()) == {1}


# --- livrables and chantiers --------------------------------------------------------------------


def test_bretagne_seven_livrables_numbered_in_order_with_mixed_statuses():
    livrables = list(network(BRETAGNE).livrables())
    assert [livrable.number for livrable in livrables] == [1, 2, 3, 4, 5, 6, 7]
    words = ["création", "site collaboratif", "coaching", "autodiagnostic", "agile", "écoute", "égalité"]
    for livrable, word in zip(livrables, words, strict=True):
        assert word in livrable.title.lower()
        assert livrable.live and livrable.due_date and strip_tags(livrable.description).strip()
    statuses = Counter(livrable.status for livrable in livrables)
    assert statuses["realise"] >= 4 and statuses["en-cours"] >= 1 and statuses["prevu"] >= 1
    for livrable in livrables:
        assert (livrable.completion_date is not None) == (livrable.status == "realise")
    assert livrables[0].documents.count() == 1


def test_occitanie_livrables():
    titles = [livrable.title for livrable in network(OCCITANIE).livrables()]
    assert len(titles) == 4
    assert "12 collectifs" in titles[0]
    assert any("Toulouse" in title and "Montpellier" in title for title in titles)


def test_tarn_has_exactly_the_three_notes():
    livrables = list(LivrablePage.objects.child_of(network(TARN)).order_by("number"))
    assert [(livrable.number, livrable.kind) for livrable in livrables] == [
        (1, "note-intention"),
        (2, "note-cadrage"),
        (3, "note-faisabilite"),
    ]


def test_ministry_chantiers_have_current_referents_and_dated_sessions_in_both_formats():
    page = network(MINISTRY)
    workstreams = list(WorkstreamPage.objects.child_of(page).live())
    assert len(workstreams) >= 4
    titles = " ".join(workstream.title.lower() for workstream in workstreams)
    for word in ("jeunes managers", "pairs", "webinaires", "lettre"):
        assert word in titles
    members = set(open_memberships(MINISTRY).values_list("person_id", flat=True))
    sessions = []
    for workstream in workstreams:
        referents = list(workstream.referents.all())
        assert referents and {referent.person_id for referent in referents} <= members
        sessions.extend(workstream.sessions.all())
        assert workstream.sessions.count() >= 2
    assert {session.format for session in sessions} == {"presentiel", "visio"}
    for session in sessions:
        if session.format == "presentiel":
            assert session.place and not session.link
        else:
            assert session.link.startswith("https://visio.example.org/")
        assert session.topic and session.start_time
    # fixed dates: some already past, some upcoming (in 2027), whatever the day the demo is loaded
    assert any(session.date < date(2026, 11, 1) for session in sessions)
    assert any(session.date >= date(2027, 1, 1) for session in sessions)


# --- sélections ---------------------------------------------------------------------------------


def test_two_collections_one_featured_items_in_order_with_commentaries():
    index = CollectionIndexPage.objects.get()
    pages = list(CuratedCollectionPage.objects.child_of(index).live().order_by("path"))
    assert [page.title for page in pages] == ["Pour démarrer un réseau de managers", "Coopérer avec les territoires"]
    assert [page.featured for page in pages] == [True, False]
    for page, spec in zip(pages, demo_collections.COLLECTIONS, strict=True):
        assert page.theme and page.curator and page.cover_image
        assert page.cover_image.width == 1200
        items = list(page.items.order_by("sort_order"))
        assert 2 <= len(items) <= 3
        assert [item.fiche.slug for item in items] == [slug for slug, _commentary in spec["items"]]
        assert all(len(item.commentary) > 40 and item.fiche.live for item in items)


# --- animators ----------------------------------------------------------------------------------


def test_demo_animateur_animates_bretagne_and_nothing_else():
    user = get_user_model().objects.get(username="animateur")
    assert user.person.full_name == "Yann Le Gall"
    assert can_manage_network(user, network(BRETAGNE))
    for slug in (OCCITANIE, TARN, MINISTRY):
        assert not can_manage_network(user, network(slug))
    # a member elsewhere all the same: the ministry-wide community
    assert open_memberships(MINISTRY).filter(person__user=user, role="membre").exists()


def test_reloading_the_networks_changes_nothing():
    latest = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    counts = (Person.objects.count(), Membership.objects.count(), LivrablePage.objects.count())
    networks.load()
    demo_collections.load()
    accounts.load()
    assert Revision.objects.order_by("-pk").values_list("pk", flat=True).first() == latest
    assert (Person.objects.count(), Membership.objects.count(), LivrablePage.objects.count()) == counts


# --- pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(EXPECTED))
def test_network_page_renders_for_a_reader(reader_client, slug):
    page = network(slug)
    response = reader_client.get(page.url)
    assert response.status_code == 200
    assert "practices/network_page.html" in [template.name for template in response.templates]
    assert escape(page.title) in response.content.decode()


def test_the_home_page_shows_the_four_networks_the_tour_starts_with_the_breton_one(reader_client):
    html = reader_client.get("/").content.decode()
    block = html.split('aria-labelledby="accueil-reseaux"', 1)[1].split("</section>", 1)[0]
    for slug in EXPECTED:
        assert f'href="{network(slug).url}"' in block
    assert "Réseau breton des pratiques managériales" in block


def test_the_demo_map_counts_fiches_in_every_region(reader_client):
    """About sixty synthetic fiches spread over every region: no region of the map is empty."""
    regions = reader_client.get("/fiches/").context["map_regions"]
    counts = {item["code"]: item["count"] for item in regions}
    assert set(counts) == set(Region.objects.values_list("code", flat=True))
    assert all(count > 0 for count in counts.values()), counts
    assert sum(counts.values()) >= 60
