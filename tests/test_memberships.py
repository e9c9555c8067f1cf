"""Memberships are periods, kept forever: the history rules, in the model, the database and the admin forms."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from practices.models import Membership, Person

from .factories import make_animator, make_membership, make_network, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return make_network("Réseau des managers bretons")


@pytest.fixture
def animator_client(client, animator, network):
    make_animator(network, animator)
    client.force_login(animator)
    return client


# --- the model ------------------------------------------------------------------------------------


def test_a_departure_sets_left_on_and_keeps_the_row(network):
    membership = make_membership(network, joined_on=date(2018, 1, 15))
    membership.record_departure(on=date(2021, 6, 30), note="Mutation à la DREAL")
    membership.refresh_from_db()
    assert membership.left_on == date(2021, 6, 30)
    assert membership.note == "Mutation à la DREAL"
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not membership.is_active
    assert list(network.current_memberships()) == []


def test_record_departure_defaults_to_today(network):
    membership = make_membership(network)
    membership.record_departure()
    assert membership.left_on == timezone.localdate()


def test_leaving_and_coming_back_is_a_second_period(network):
    person = make_person("Claire", "Le Goff")
    first = make_membership(network, person, joined_on=date(2018, 1, 15))
    first.record_departure(on=date(2020, 3, 1))
    second = Membership(network=network, person=person, joined_on=date(2020, 3, 1))
    second.full_clean()  # leaving and coming back the same day is not an overlap
    second.save()
    periods = list(Membership.objects.filter(network=network, person=person).order_by("joined_on"))
    assert periods == [first, second]
    assert [m.left_on for m in periods] == [date(2020, 3, 1), None]


def test_two_open_memberships_are_refused_by_validation_in_french(network):
    person = make_person()
    make_membership(network, person, joined_on=date(2018, 1, 15))
    duplicate = Membership(network=network, person=person, joined_on=date(2019, 1, 1))
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    messages = " ".join(caught.value.messages)
    assert "déjà membre de ce réseau" in messages or "chevauche" in messages


def test_two_open_memberships_are_refused_by_the_database(network):
    person = make_person()
    make_membership(network, person, joined_on=date(2018, 1, 15))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(network=network, person=person, joined_on=date(2024, 1, 1))
    # the same person in another network is fine
    make_membership(make_network(), person)


def test_overlapping_periods_are_refused(network):
    person = make_person()
    make_membership(network, person, joined_on=date(2018, 1, 15), left_on=date(2020, 6, 30))
    overlapping = Membership(network=network, person=person, joined_on=date(2019, 9, 1), left_on=date(2019, 12, 31))
    with pytest.raises(ValidationError) as caught:
        overlapping.full_clean()
    assert "chevauche" in caught.value.message_dict["joined_on"][0]
    assert "15/01/2018" in caught.value.message_dict["joined_on"][0]
    # a period before the first one is fine
    Membership(network=network, person=person, joined_on=date(2016, 1, 1), left_on=date(2017, 1, 1)).full_clean()


@pytest.mark.parametrize(
    "second",
    [
        {"joined_on": date(2026, 1, 1)},  # open, while the first period ends later
        {"joined_on": date(2019, 9, 1), "left_on": date(2019, 12, 31)},  # inside the first one
        {"joined_on": date(2017, 1, 1), "left_on": date(2018, 2, 1)},  # across its start
    ],
    ids=["ouverte", "incluse", "a-cheval"],
)
def test_overlapping_periods_are_refused_by_the_database_too(network, second):
    """For writes that skip clean() (imports, scripts, bulk updates): a departure dated in advance too."""
    person = make_person()
    make_membership(network, person, joined_on=date(2018, 1, 15), left_on=date(2030, 6, 30))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(network=network, person=person, **second)
    assert Membership.objects.filter(network=network, person=person).count() == 1


def test_the_database_guard_lets_history_be_written(network):
    person = make_person()
    first = Membership.objects.create(network=network, person=person, joined_on=date(2018, 1, 15), left_on=date(2020, 6, 30))
    Membership.objects.create(network=network, person=person, joined_on=date(2020, 6, 30))  # back the day they left
    Membership.objects.create(network=network, person=person, joined_on=date(2016, 1, 1), left_on=date(2018, 1, 15))
    Membership.objects.create(network=make_network(), person=person, joined_on=date(2019, 1, 1))  # another network
    first.note = "corrigée"
    first.save()  # an update of a period is not an overlap with itself
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=first.pk).update(left_on=None)  # reopening it would overlap the next one


def test_leaving_before_joining_is_refused(network):
    membership = Membership(network=network, person=make_person(), joined_on=date(2020, 1, 1), left_on=date(2019, 1, 1))
    with pytest.raises(ValidationError) as caught:
        membership.full_clean()
    assert "ne peut pas précéder" in caught.value.message_dict["left_on"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_record_departure_before_arrival_is_refused(network):
    membership = make_membership(network, joined_on=date(2020, 1, 1))
    with pytest.raises(ValidationError):
        membership.record_departure(on=date(2019, 12, 31))
    membership.refresh_from_db()
    assert membership.left_on is None


# --- the admin forms ------------------------------------------------------------------------------


def members_url(network):
    return reverse("membres:members", args=(network.pk,))


def test_the_members_page_separates_current_and_former_members(animator_client, network):
    make_membership(network, make_person("Alice", "Martin"), joined_on=date(2019, 2, 1))
    make_membership(network, make_person("Bruno", "Kerjean"), joined_on=date(2018, 1, 15), left_on=date(2021, 6, 30))
    response = animator_client.get(members_url(network))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice Martin" in html and "01/02/2019" in html
    current, former = html.split('id="anciens-membres"')
    assert "Bruno Kerjean" not in current and "Bruno Kerjean" in former
    assert "30/06/2021" in former
    assert "Enregistrer un départ" in current


def test_an_animator_adds_an_existing_person(animator_client, network):
    person = make_person("Alice", "Martin")
    response = animator_client.post(
        reverse("membres:add", args=(network.pk,)),
        {"person": person.pk, "role": "referent", "joined_on": "2024-03-01", "note": "Référente RH"},
    )
    assert response.status_code == 302 and response["Location"] == members_url(network)
    membership = Membership.objects.get(network=network, person=person)
    assert (membership.role, membership.joined_on, membership.note) == ("referent", date(2024, 3, 1), "Référente RH")


def test_an_animator_adds_a_new_person_in_the_same_form(animator_client, network):
    response = animator_client.post(
        reverse("membres:add", args=(network.pk,)),
        {
            "first_name": "Gwenaëlle",
            "last_name": "Le Bihan",
            "email": "Gwenaelle.LeBihan@finistere.gouv.fr",
            "structure": "Préfecture du Finistère",
            "service_type": "prefecture",
            "role": "membre",
            "joined_on": "15/09/2024",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(last_name="Le Bihan")
    assert person.email == "gwenaelle.lebihan@finistere.gouv.fr"
    assert Membership.objects.get(network=network, person=person).joined_on == date(2024, 9, 15)


def test_adding_someone_already_member_is_a_french_form_error(animator_client, network):
    person = make_person()
    make_membership(network, person, joined_on=date(2018, 1, 15))
    response = animator_client.post(
        reverse("membres:add", args=(network.pk,)), {"person": person.pk, "role": "membre", "joined_on": "2024-01-01"}
    )
    assert response.status_code == 400
    assert "déjà membre de ce réseau" in response.content.decode()
    assert Membership.objects.filter(network=network, person=person).count() == 1


def test_adding_needs_a_person(animator_client, network):
    response = animator_client.post(reverse("membres:add", args=(network.pk,)), {"role": "membre", "joined_on": "2024-01-01"})
    assert response.status_code == 400
    assert "Choisissez une personne déjà enregistrée" in response.content.decode()
    response = animator_client.post(
        reverse("membres:add", args=(network.pk,)), {"first_name": "Jean", "role": "membre", "joined_on": "2024-01-01"}
    )
    assert response.status_code == 400
    assert "Indiquez le prénom et le nom" in response.content.decode()


def test_a_new_person_with_a_known_address_points_to_the_existing_record(animator_client, network):
    make_person("Alice", "Martin", email="alice.martin@exemple.gouv.fr")
    response = animator_client.post(
        reverse("membres:add", args=(network.pk,)),
        {"first_name": "Alice", "last_name": "Martin", "email": "ALICE.martin@exemple.gouv.fr", "role": "membre", "joined_on": "2024-01-01"},
    )
    assert response.status_code == 400
    assert "déjà enregistré·e avec cette adresse" in response.content.decode()
    assert Person.objects.filter(last_name="Martin").count() == 1


def test_a_namesake_must_be_confirmed_before_creating_a_second_record(animator_client, network):
    make_person("Yann", "Kerjean", structure="Préfecture du Finistère")
    url = reverse("membres:add", args=(network.pk,))
    data = {"first_name": "yann", "last_name": "KERJEAN", "role": "membre", "joined_on": "2024-01-01"}
    response = animator_client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Une personne du même nom est déjà enregistrée (Yann Kerjean, Préfecture du Finistère)" in html
    assert 'name="homonym_confirmed"' in html
    assert 'name="homonym_confirmed"' not in animator_client.get(url).content.decode()
    response = animator_client.post(url, {**data, "homonym_confirmed": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(last_name__iexact="kerjean").count() == 2


def test_bad_dates_are_form_errors(animator_client, network):
    response = animator_client.post(
        reverse("membres:add", args=(network.pk,)), {"person": make_person().pk, "role": "membre", "joined_on": "31/02/2024"}
    )
    assert response.status_code == 400
    assert "Saisissez une date valide" in response.content.decode()
    response = animator_client.post(
        reverse("membres:add", args=(network.pk,)), {"person": "pas-un-nombre", "role": "chef", "joined_on": "2024-01-01"}
    )
    assert response.status_code == 400


def test_recording_a_departure_in_the_admin(animator_client, network):
    membership = make_membership(network, joined_on=date(2018, 1, 15))
    url = reverse("membres:departure", args=(membership.pk,))
    page = animator_client.get(url)
    assert page.status_code == 200 and timezone.localdate().strftime("%d/%m/%Y") in page.content.decode()
    response = animator_client.post(url, {"left_on": "2022-08-31", "note": "Retraite"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.left_on, membership.note) == (date(2022, 8, 31), "Retraite")
    # recorded once: a second departure is refused
    response = animator_client.post(url, {"left_on": "2023-01-01"}, follow=True)
    assert "déjà enregistré" in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on == date(2022, 8, 31)


def test_a_departure_before_the_arrival_is_a_french_form_error(animator_client, network):
    membership = make_membership(network, joined_on=date(2020, 1, 15))
    response = animator_client.post(reverse("membres:departure", args=(membership.pk,)), {"left_on": "2019-01-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("La date de départ ne peut pas précéder la date d&#x27;arrivée.") == 1
    membership.refresh_from_db()
    assert membership.left_on is None


def test_rejoining_in_the_admin_creates_a_new_period(animator_client, network):
    person = make_person()
    make_membership(network, person, joined_on=date(2018, 1, 15), left_on=date(2020, 6, 30))
    url = reverse("membres:add", args=(network.pk,))
    overlapping = animator_client.post(url, {"person": person.pk, "role": "membre", "joined_on": "2020-01-01"})
    assert overlapping.status_code == 400 and "chevauche" in overlapping.content.decode()
    response = animator_client.post(url, {"person": person.pk, "role": "membre", "joined_on": "2023-09-01"})
    assert response.status_code == 302
    assert Membership.objects.filter(network=network, person=person).count() == 2


def test_changing_a_role(animator_client, network):
    membership = make_membership(network, role="membre")
    response = animator_client.post(
        reverse("membres:edit", args=(membership.pk,)), {"role": "secretariat", "joined_on": "2018-01-15", "note": ""}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "secretariat"


def test_reopening_a_period_that_would_overlap_is_refused(animator_client, network):
    person = make_person()
    old = make_membership(network, person, joined_on=date(2016, 1, 1), left_on=date(2017, 1, 1))
    make_membership(network, person, joined_on=date(2018, 1, 15))
    response = animator_client.post(
        reverse("membres:edit", args=(old.pk,)), {"role": "membre", "joined_on": "2016-01-01", "left_on": "", "note": ""}
    )
    assert response.status_code == 400
    old.refresh_from_db()
    assert old.left_on == date(2017, 1, 1)


def test_a_recorded_departure_may_be_corrected_but_not_erased(animator_client, network):
    membership = make_membership(network, joined_on=date(2016, 1, 1), left_on=date(2017, 1, 1))
    url = reverse("membres:edit", args=(membership.pk,))
    response = animator_client.post(url, {"role": "membre", "joined_on": "2016-01-01", "left_on": "", "note": ""})
    assert response.status_code == 400
    assert "ajoutez une nouvelle adhésion" in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on == date(2017, 1, 1)
    response = animator_client.post(url, {"role": "membre", "joined_on": "2016-01-01", "left_on": "2017-03-31", "note": ""})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == date(2017, 3, 31)


def test_animators_never_delete_a_membership_administrators_may(client, animator, administrator, network):
    make_animator(network, animator)
    membership = make_membership(network)
    url = reverse("membres:delete", args=(membership.pk,))
    client.force_login(animator)
    assert client.post(url).status_code == 403
    assert "Supprimer" not in client.get(members_url(network)).content.decode().split('id="anciens-membres"')[1]
    client.force_login(administrator)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


# --- people ---------------------------------------------------------------------------------------


def test_people_are_a_snippet_animators_may_add_and_change(client, animator, network):
    make_animator(network, animator)
    person = make_person("Yann", "Le Floch", structure="DDTM des Côtes-d'Armor")
    client.force_login(animator)
    listing = client.get(reverse("wagtailsnippets_practices_person:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Yann Le Floch" in html and "DDTM des Côtes-d&#x27;Armor" in html
    searched = client.get(reverse("wagtailsnippets_practices_person:list"), {"q": "Le Flo"})
    assert "Yann Le Floch" in searched.content.decode()
    filtered = client.get(reverse("wagtailsnippets_practices_person:list"), {"service_type": "prefecture"})
    assert "Yann Le Floch" not in filtered.content.decode()
    chooser = client.get(reverse("wagtailsnippetchoosers_practices_person:choose_results"), {"q": "Floch"})
    assert chooser.status_code == 200
    assert "Yann Le Floch" in chooser.content.decode() and "DDTM des Côtes-d&#x27;Armor" in chooser.content.decode()
    edit = client.get(reverse("wagtailsnippets_practices_person:edit", args=(person.pk,)))
    assert edit.status_code == 200
    # the account link gives rights: animators do not see it
    assert 'name="user"' not in edit.content.decode()
    assert client.get(reverse("wagtailsnippets_practices_person:add")).status_code == 200


def test_a_person_with_a_history_is_never_deleted(client, administrator, network):
    person = make_person("Yann", "Le Floch")
    make_membership(network, person, left_on=date(2020, 1, 1))
    client.force_login(administrator)
    url = reverse("wagtailsnippets_practices_person:delete", args=(person.pk,))
    page = client.get(url)
    assert page.status_code == 200
    assert "ne peut pas être supprimé" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert Person.objects.filter(pk=person.pk).exists()
    assert "ne peut pas être supprimé" in client.get(response["Location"]).content.decode()


def test_a_person_without_history_may_be_deleted_by_an_administrator(client, administrator):
    person = make_person()
    client.force_login(administrator)
    response = client.post(reverse("wagtailsnippets_practices_person:delete", args=(person.pk,)))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_bulk_deleting_people_skips_those_with_a_history(client, administrator, network):
    kept = make_person()
    make_membership(network, kept)
    client.force_login(administrator)
    url = reverse("wagtail_bulk_action", args=("practices", "person", "delete")) + f"?id={kept.pk}"
    response = client.post(url)
    assert response.status_code in (200, 302)
    assert Person.objects.filter(pk=kept.pk).exists()


def test_the_admin_menu_groups_networks_for_animators_only(client, animator, contributor, network):
    make_animator(network, animator)
    client.force_login(animator)
    html = client.get("/admin/").content.decode()
    assert '"url": "/admin/membres/"' in html and '"url": "/admin/demandes-adhesion/"' in html
    assert '"url": "/admin/snippets/practices/person/"' in html
    client.force_login(contributor)
    html = client.get("/admin/").content.decode()
    assert "/admin/membres/" not in html and "/admin/demandes-adhesion/" not in html


def test_an_animator_without_any_network_is_told_so(client, animator):
    client.force_login(animator)
    response = client.get(reverse("membres:index"))
    assert response.status_code == 403
    assert "Vous n&#x27;animez aucun réseau" in response.content.decode()


def test_upcoming_arrival_is_listed_with_current_members(animator_client, network):
    later = timezone.localdate() + timedelta(days=10)
    make_membership(network, make_person("Léa", "Futur"), joined_on=later)
    html = animator_client.get(members_url(network)).content.decode().split('id="anciens-membres"')[0]
    assert "Léa Futur" in html and "(à venir)" in html


def test_other_roles_do_not_see_the_people_snippet(client, contributor):
    client.force_login(contributor)
    response = client.get(reverse("wagtailsnippets_practices_person:list"))
    assert response.status_code == 302  # Wagtail's "permission denied": back to the dashboard
