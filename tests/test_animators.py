"""An animator manages the memberships of the networks they animate, and only those.

The permission matrix: five actors (the animator of A, the animator of B — same Animateurs group,
another network —, a contributor, a reader, an administrator) against the actions on network A.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal import roles
from practices.animators import animated_networks, can_manage_network
from practices.models import JoinRequest, LivrablePage, Membership, NetworkPage, Person

from .factories import make_animator, make_livrable, make_membership, make_network, make_person, make_user

pytestmark = pytest.mark.django_db

ALLOWED, REFUSED = "allowed", "refused"


@pytest.fixture(scope="module")
def world_ids(built_once):
    """Two networks, an animator for each, a member and a pending join request in A; built once for the
    module, since every test starts from them."""
    with built_once():
        network_a = make_network("Réseau A", slug="reseau-a")
        network_b = make_network("Réseau B", slug="reseau-b")
        actors = {
            "animator_a": make_user(roles.ANIMATORS, username="anim-a"),
            "animator_b": make_user(roles.ANIMATORS, username="anim-b"),
            "contributor": make_user(roles.CONTRIBUTORS, username="contrib"),
            "reader": make_user(roles.READERS, username="lecteur"),
            "administrator": make_user(roles.ADMINISTRATORS, username="admin"),
        }
        make_animator(network_a, actors["animator_a"])
        make_animator(network_b, actors["animator_b"])
        member = make_membership(network_a, make_person("Marie", "Quéméner"), joined_on=date(2018, 1, 15))
        join_request = JoinRequest.objects.create(network=network_a, user=make_user(roles.READERS, username="candidat"))
        yield {
            "a": network_a.pk,
            "b": network_b.pk,
            "actors": {name: user.pk for name, user in actors.items()},
            "member": member.pk,
            "join_request": join_request.pk,
        }


@pytest.fixture
def world(world_ids):
    """The world as fresh instances for each test (Wagtail caches permissions on user objects)."""
    users = get_user_model().objects.in_bulk(world_ids["actors"].values())
    return {
        "a": NetworkPage.objects.get(pk=world_ids["a"]),
        "b": NetworkPage.objects.get(pk=world_ids["b"]),
        "actors": {name: users[pk] for name, pk in world_ids["actors"].items()},
        "member": Membership.objects.get(pk=world_ids["member"]),
        "join_request": JoinRequest.objects.get(pk=world_ids["join_request"]),
    }


def list_members(client, world):
    response = client.get(reverse("membres:members", args=(world["a"].pk,)))
    return response, "Quéméner" in response.content.decode()


def add_member(client, world):
    response = client.post(
        reverse("membres:add", args=(world["a"].pk,)),
        {"first_name": "Nouvelle", "last_name": "Recrue", "role": "membre", "joined_on": "2024-05-02"},
    )
    return response, Membership.objects.filter(network=world["a"], person__last_name="Recrue").exists()


def record_departure(client, world):
    response = client.post(reverse("membres:departure", args=(world["member"].pk,)), {"left_on": "2024-06-30"})
    world["member"].refresh_from_db()
    return response, world["member"].left_on == date(2024, 6, 30)


def export_csv(client, world):
    response = client.get(reverse("membres:export", args=(world["a"].pk,)))
    return response, "Quéméner".encode() in response.content


def accept_join_request(client, world):
    response = client.post(reverse("demandes-adhesion:accept", args=(world["join_request"].pk,)), {"response": ""})
    world["join_request"].refresh_from_db()
    return response, not world["join_request"].is_pending


ACTIONS = {
    "list": (list_members, 200),
    "add": (add_member, 302),
    "departure": (record_departure, 302),
    "export": (export_csv, 200),
    "accept": (accept_join_request, 302),
}
MATRIX = {
    "animator_a": ALLOWED,
    "animator_b": REFUSED,
    "contributor": REFUSED,
    "reader": REFUSED,
    "administrator": ALLOWED,
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", MATRIX)
def test_permission_matrix(client, world, actor, action):
    perform, success_status = ACTIONS[action]
    client.force_login(world["actors"][actor])
    response, done = perform(client, world)
    if MATRIX[actor] == ALLOWED:
        assert response.status_code == success_status, response.content[:500]
        assert done
    else:
        # A 403 page (ours in the admin, the portal's for readers, who never reach the admin),
        # and nothing of network A in it.
        assert response.status_code == 403
        assert not done
        assert b"Qu\xc3\xa9m\xc3\xa9ner" not in response.content


def test_anonymous_users_go_to_the_login_page(client, world):
    for url in (
        reverse("membres:index"),
        reverse("membres:members", args=(world["a"].pk,)),
        reverse("membres:export", args=(world["a"].pk,)),
        reverse("demandes-adhesion:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/"), url


def test_the_network_list_shows_only_the_networks_one_animates(client, world):
    client.force_login(world["actors"]["animator_a"])
    html = client.get(reverse("membres:index")).content.decode()
    assert "Réseau A" in html and "Réseau B" not in html
    client.force_login(world["actors"]["administrator"])
    html = client.get(reverse("membres:index")).content.decode()
    assert "Réseau A" in html and "Réseau B" in html
    client.force_login(world["actors"]["contributor"])
    assert client.get(reverse("membres:index")).status_code == 403


def test_editing_or_deleting_another_networks_membership_by_url_is_refused(client, world):
    client.force_login(world["actors"]["animator_b"])
    member = world["member"]
    for url in (reverse("membres:edit", args=(member.pk,)), reverse("membres:delete", args=(member.pk,))):
        assert client.get(url).status_code == 403
        assert client.post(url, {"role": "animateur", "joined_on": "2018-01-15"}).status_code == 403
    member.refresh_from_db()
    assert member.role == "membre"
    assert client.get(reverse("membres:members", args=(999999,))).status_code == 404


def test_an_animator_cannot_make_themselves_animator_elsewhere_through_a_person_record(client, world):
    """The account link of a person gives that person's rights: animators cannot set it."""
    intruder = world["actors"]["animator_b"]
    animator_of_a = Person.objects.get(user=world["actors"]["animator_a"])
    client.force_login(intruder)
    url = reverse("wagtailsnippets_practices_person:edit", args=(animator_of_a.pk,))
    client.post(url, {"first_name": animator_of_a.first_name, "last_name": animator_of_a.last_name, "user": intruder.pk})
    animator_of_a.refresh_from_db()
    assert animator_of_a.user == world["actors"]["animator_a"]
    assert not can_manage_network(intruder, world["a"])


def test_a_recorded_departure_takes_the_rights_away_at_once(client, world):
    animator = world["actors"]["animator_a"]
    network = world["a"]
    assert network.permissions_for_user(animator).can_add_subpage()
    own = Membership.objects.get(network=network, person__user=animator)
    client.force_login(animator)
    response = client.post(reverse("membres:departure", args=(own.pk,)), {"left_on": timezone.localdate().isoformat()})
    # they recorded their own departure: back to the dashboard, since the list is no longer theirs
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not can_manage_network(animator, network)
    assert list(animated_networks(animator)) == []
    assert client.get(reverse("membres:members", args=(network.pk,))).status_code == 403
    network.refresh_from_db()
    assert not network.animators_group.user_set.filter(pk=animator.pk).exists()
    animator = type(animator).objects.get(pk=animator.pk)  # Wagtail caches permissions on the user object
    assert not network.permissions_for_user(animator).can_add_subpage()


def livrable_form(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "Une note de cadrage.",
            "number": "",
            "kind": "note-cadrage",
            "status": "prevu",
            "due_date": "",
            "completion_date": "",
            "description": rich_text("<p>Le cadre du réseau.</p>"),
            "documents": inline_formset([]),
            "action-publish": "1",
        }
    )


def test_an_animator_publishes_livrables_under_their_network_only(client, world):
    animator = world["actors"]["animator_a"]
    network_a, network_b = world["a"], world["b"]
    assert network_a.permissions_for_user(animator).can_publish_subpage()
    assert not network_b.permissions_for_user(animator).can_add_subpage()
    existing_b = make_livrable(network_b, "Livrable de B")
    assert not existing_b.permissions_for_user(animator).can_edit()
    client.force_login(animator)
    assert client.get(reverse("wagtailadmin_pages:add_subpage", args=(network_a.pk,))).status_code == 200
    add_a = reverse("wagtailadmin_pages:add", args=("practices", "livrablepage", network_a.pk))
    response = client.post(add_a, livrable_form("Note de cadrage", "note-de-cadrage"))
    assert response.status_code == 302
    assert LivrablePage.objects.child_of(network_a).get(slug="note-de-cadrage").live
    add_b = reverse("wagtailadmin_pages:add", args=("practices", "livrablepage", network_b.pk))
    response = client.post(add_b, livrable_form("Intrusion", "intrusion"))
    assert response.status_code in (302, 403)
    assert not LivrablePage.objects.filter(slug="intrusion").exists()


def test_the_animators_role_group_alone_gives_no_network(world):
    """Being in the Animateurs group is not animating: the membership is the source of truth."""
    lonely = make_user(roles.ANIMATORS)
    assert list(animated_networks(lonely)) == []
    assert not world["a"].permissions_for_user(lonely).can_add_subpage()
