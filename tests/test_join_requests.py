"""Asking to join a network from its page, and the animators' answer in the admin, with the e-mails."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from portal import roles
from practices import join_requests
from practices.models import JoinRequest, JoinRequestStatus, Membership, Person

from .factories import make_animator, make_membership, make_network, make_person, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return make_network("Réseau des managers bretons", slug="managers-bretons")


@pytest.fixture
def network_animator(network):
    user = make_user(roles.ANIMATORS, username="anim-a", email="anim.a@exemple.gouv.fr", first_name="Annaïg", last_name="Morvan")
    make_animator(network, user)
    return user


@pytest.fixture
def requester(reader):
    reader.first_name, reader.last_name, reader.email = "Loïc", "Guéguen", "Loic.Gueguen@exemple.gouv.fr"
    reader.save()
    return reader


def join_url(network):
    return reverse("network_join_request", args=(network.pk,))


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def send(client, user, network, message="Bonjour, je suis cheffe de service à la DDTM."):
    client.force_login(user)
    return client.post(join_url(network), {"message": message})


# --- asking ---------------------------------------------------------------------------------------


def test_a_reader_asks_to_join(client, requester, network, network_animator):
    response = send(client, requester, network)
    assert response.status_code == 302 and response["Location"] == network.url
    assert flash(response) == ["Votre demande a été envoyée aux animateurs du réseau."]
    join_request = JoinRequest.objects.get()
    assert (join_request.network, join_request.user, join_request.status) == (network, requester, JoinRequestStatus.PENDING)
    assert join_request.message == "Bonjour, je suis cheffe de service à la DDTM."
    # the animators are told
    assert [message.to for message in mail.outbox] == [["anim.a@exemple.gouv.fr"]]
    assert "Nouvelle demande d'adhésion au réseau « Réseau des managers bretons »" in mail.outbox[0].subject
    assert "Loïc Guéguen" in mail.outbox[0].body
    assert f"http://testserver/admin/demandes-adhesion/?reseau={network.pk}" in mail.outbox[0].body


def test_without_an_animator_account_the_administrators_are_told(client, requester, network, administrator):
    administrator.email = "admin@exemple.gouv.fr"
    administrator.save()
    make_membership(network, make_person(email="anim.sans.compte@exemple.gouv.fr"), role="animateur")
    response = send(client, requester, network)
    assert "transmise à ses administrateurs" in flash(response)[0]
    [message] = mail.outbox
    assert message.to == ["admin@exemple.gouv.fr"]
    assert "en tant qu'administrateur" in message.body and "que vous animez" not in message.body


@override_settings(WAGTAILADMIN_BASE_URL="http://adresse-par-defaut.example")
def test_the_links_follow_the_address_the_reader_uses(client, requester, network, network_animator):
    send(client, requester, network)
    body = mail.outbox[0].body
    assert "http://testserver/reseaux/managers-bretons/" in body and "adresse-par-defaut" not in body


def test_a_second_pending_request_is_refused_politely(client, requester, network):
    send(client, requester, network)
    response = send(client, requester, network, "Encore moi")
    assert response.status_code == 302
    assert "déjà une demande en attente" in flash(response)[-1]
    assert JoinRequest.objects.count() == 1


def test_a_member_does_not_ask(client, requester, network):
    make_membership(network, make_person(user=requester))
    response = send(client, requester, network)
    assert response.status_code == 302 and "déjà membre" in flash(response)[-1]
    assert not JoinRequest.objects.exists()


def test_get_is_not_allowed(client, requester, network):
    client.force_login(requester)
    response = client.get(join_url(network))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_anonymous_users_are_sent_to_the_login_page(client, network):
    response = client.post(join_url(network), {"message": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/connexion/?next=")
    assert not JoinRequest.objects.exists()


def test_the_request_is_csrf_protected(requester, network):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(requester)
    assert client.post(join_url(network), {"message": "x"}).status_code == 403
    assert not JoinRequest.objects.exists()


def test_an_unpublished_or_unknown_network_is_a_404(client, requester):
    draft = make_network(publish=False)
    assert send(client, requester, draft).status_code == 404
    assert client.post(reverse("network_join_request", args=(999999,))).status_code == 404
    assert not JoinRequest.objects.exists()


def test_a_network_restricted_to_a_group_is_a_404_for_others(client, requester, network, administrator):
    restriction = PageViewRestriction.objects.create(page=network, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=roles.ADMINISTRATORS)])
    assert send(client, requester, network).status_code == 404
    assert send(client, administrator, network).status_code == 302
    assert list(JoinRequest.objects.values_list("user__username", flat=True)) == [administrator.username]


def test_a_message_too_long_is_a_400_that_keeps_the_text(client, requester, network, tmp_path):
    # The network page template is written elsewhere; this fallback only serves if it is missing.
    (tmp_path / "practices").mkdir()
    (tmp_path / "practices" / "network_page.html").write_text('{% include "practices/includes/join_request.html" %}')
    templates = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    with override_settings(TEMPLATES=templates):
        response = send(client, requester, network, "é" * 2001)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Votre message compte 2001 caractères : raccourcissez-le à 2000 au plus." in html
    assert "é" * 2001 in html
    assert not JoinRequest.objects.exists()


# --- deciding -------------------------------------------------------------------------------------


@pytest.fixture
def pending(requester, network):
    return JoinRequest.objects.create(network=network, user=requester, message="Bonjour")


def decide(client, user, join_request, decision, response=""):
    client.force_login(user)
    return client.post(reverse(f"demandes-adhesion:{decision}", args=(join_request.pk,)), {"response": response})


def test_the_animator_sees_the_pending_requests_of_their_networks_only(client, network_animator, pending):
    other = JoinRequest.objects.create(network=make_network("Autre réseau"), user=make_user(), message="Secret")
    client.force_login(network_animator)
    response = client.get(reverse("demandes-adhesion:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Loïc Guéguen" in html and "Autre réseau" not in html and "Secret" not in html
    assert other.is_pending
    # a network that is not theirs in the filter is a form error, not a leak
    response = client.get(reverse("demandes-adhesion:index"), {"reseau": other.network_id})
    assert response.status_code == 400 and "Secret" not in response.content.decode()
    assert client.get(reverse("demandes-adhesion:index"), {"reseau": "abc"}).status_code == 400


def test_accepting_opens_a_membership_and_tells_the_requester(client, network_animator, pending, requester, network):
    page = client.get(reverse("demandes-adhesion:accept", args=(pending.pk,)))
    assert page.status_code == 302  # not logged in yet
    client.force_login(network_animator)
    assert client.get(reverse("demandes-adhesion:accept", args=(pending.pk,))).status_code == 200
    response = decide(client, network_animator, pending, "accept", "Bienvenue !")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.ACCEPTED
    assert pending.decided_by == network_animator and pending.decided_at is not None
    person = Person.objects.get(user=requester)
    assert (person.first_name, person.last_name, person.email) == ("Loïc", "Guéguen", "loic.gueguen@exemple.gouv.fr")
    membership = Membership.objects.get(network=network, person=person)
    assert (membership.role, membership.joined_on, membership.left_on) == ("membre", timezone.localdate(), None)
    assert pending.membership == membership
    [message] = mail.outbox
    assert message.to == ["Loic.Gueguen@exemple.gouv.fr"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "Votre demande d'adhésion au réseau « Réseau des managers bretons » a été acceptée"
    assert "Bienvenue !" in message.body
    assert "http://testserver/reseaux/managers-bretons/" in message.body


def test_the_decision_page_title_is_punctuated_in_french(client, network_animator, pending):
    client.force_login(network_animator)
    html = client.get(reverse("demandes-adhesion:accept", args=(pending.pk,))).content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Accepter la demande : " in title and "demande:" not in title


def test_accepting_someone_already_member_only_marks_the_request(client, network_animator, pending, requester, network):
    person = make_person(user=requester)
    existing = make_membership(network, person, joined_on=date(2019, 1, 1))
    decide(client, network_animator, pending, "accept")
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.ACCEPTED and pending.membership == existing
    assert Membership.objects.filter(network=network, person=person).count() == 1


def test_accepting_finds_the_person_by_address_and_links_the_account(client, network_animator, pending, requester, network):
    person = make_person("Loïc", "Guéguen", email="loic.gueguen@exemple.gouv.fr")
    make_membership(make_network(), person, left_on=date(2020, 1, 1))
    decide(client, network_animator, pending, "accept")
    person.refresh_from_db()
    assert person.user == requester
    assert Membership.objects.filter(network=network, person=person, left_on__isnull=True).exists()
    assert Person.objects.count() == 2  # the animator's and Loïc's


def test_an_animators_record_found_by_address_is_not_handed_to_the_requester(client, network_animator, requester, network):
    other_network = make_network("Réseau B")
    impersonated = make_person("Vraie", "Animatrice", email="loic.gueguen@exemple.gouv.fr")
    make_membership(other_network, impersonated, role="animateur")
    join_request = JoinRequest.objects.create(network=network, user=requester)
    decide(client, network_animator, join_request, "accept")
    impersonated.refresh_from_db()
    assert impersonated.user is None
    from practices.animators import can_manage_network

    assert not can_manage_network(requester, other_network)


def test_refusing_tells_the_requester_why(client, network_animator, pending):
    response = decide(client, network_animator, pending, "refuse", "Le réseau est réservé aux cadres de catégorie A.")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.REFUSED and pending.membership is None
    assert not Membership.objects.filter(network=pending.network, person__user=pending.user).exists()
    [message] = mail.outbox
    assert message.subject == "Votre demande d'adhésion au réseau « Réseau des managers bretons »"
    assert "n'a pas été acceptée" in message.body
    assert "Le réseau est réservé aux cadres de catégorie A." in message.body


def test_deciding_twice_is_refused(client, network_animator, pending):
    decide(client, network_animator, pending, "accept")
    mail.outbox.clear()
    for decision in ("accept", "refuse"):
        response = decide(client, network_animator, pending, decision, "Non")
        assert response.status_code == 409
        assert "Cette demande a déjà été traitée : acceptée le" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.ACCEPTED and pending.response == ""
    assert mail.outbox == []


def test_the_service_refuses_a_request_decided_meanwhile(pending, network_animator):
    join_requests.refuse(pending, network_animator)
    with pytest.raises(join_requests.AlreadyDecided):
        join_requests.accept(pending, network_animator)


def test_the_animator_of_another_network_cannot_decide(client, pending):
    other = make_user(roles.ANIMATORS)
    make_animator(make_network("Réseau B"), other)
    for decision in ("accept", "refuse"):
        response = decide(client, other, pending, decision)
        assert response.status_code == 403
        assert "Loïc" not in response.content.decode()
    pending.refresh_from_db()
    assert pending.is_pending and mail.outbox == []


def test_a_reader_cannot_decide(client, pending, reader):
    assert decide(client, reader, pending, "accept").status_code == 403
    pending.refresh_from_db()
    assert pending.is_pending


def test_the_dashboard_lists_pending_requests(client, network_animator, pending):
    client.force_login(network_animator)
    html = client.get("/admin/").content.decode()
    assert "adhésion en attente" in html and "Loïc Guéguen" in html


def test_a_mail_server_down_does_not_undo_the_decision(client, network_animator, pending, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP indisponible")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    response = decide(client, network_animator, pending, "refuse")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == JoinRequestStatus.REFUSED


# --- the boxes on the network page ----------------------------------------------------------------


def render(template, page, user):
    request = RequestFactory().get(page.url)
    request.user = user
    return render_to_string(f"practices/includes/{template}.html", {"page": page, "request": request}, request=request)


def test_the_join_box_shows_a_form_a_pending_request_or_the_membership(requester, network):
    html = render("join_request", network, requester)
    assert f'action="{join_url(network)}"' in html and 'name="csrfmiddlewaretoken"' in html
    assert 'maxlength="2000"' in html and "Demander à rejoindre le réseau" in html
    JoinRequest.objects.create(network=network, user=requester)
    html = render("join_request", network, requester)
    assert "est en attente" in html and "<form" not in html
    JoinRequest.objects.update(status=JoinRequestStatus.REFUSED, decided_at=timezone.now(), response="Réseau réservé aux DDI.")
    html = render("join_request", network, requester)
    assert "a été refusée le" in html and "Réseau réservé aux DDI." in html and "<form" in html
    JoinRequest.objects.update(status=JoinRequestStatus.ACCEPTED)
    make_membership(network, make_person(user=requester), joined_on=date(2019, 3, 4))
    html = render("join_request", network, requester)
    assert "Vous êtes membre de ce réseau depuis le 4 mars 2019." in html


def test_the_animator_tools_show_for_the_networks_animators_only(network, network_animator, reader):
    JoinRequest.objects.create(network=network, user=reader)
    html = render("animator_tools", network, network_animator)
    assert reverse("membres:members", args=(network.pk,)) in html
    assert reverse("membres:export", args=(network.pk,)) in html
    assert "Demandes en attente (1)" in html
    assert reverse("wagtailadmin_pages:add_subpage", args=(network.pk,)) in html and "Ajouter un livrable" in html
    assert reverse("wagtailadmin_pages:edit", args=(network.pk,)) in html
    assert render("animator_tools", network, reader).strip() == ""
    other = make_user(roles.ANIMATORS)
    make_animator(make_network(), other)
    assert render("animator_tools", network, other).strip() == ""
