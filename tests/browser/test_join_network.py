"""A reader asks to join a network from its page; the page then says the request is pending."""

import pytest
from django.core import mail

from portal import roles
from practices.models import JoinRequest
from tests.factories import PASSWORD, make_animator, make_network, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_asks_to_join_a_network(page, live_server):
    network = make_network("Réseau breton des pratiques managériales")
    make_animator(network, make_user(roles.ANIMATORS, username="gwenola", email="gwenola@test.reseaux.localhost"))
    make_user(roles.READERS, username="claire", first_name="Claire", last_name="Martin")

    page.goto(live_server.url + "/connexion/")
    page.fill("#id_username", "claire")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + network.url)
    section = page.locator("#adhesion")
    section.get_by_label("Message aux animateurs").fill("Cheffe de service à la DDTM, je voudrais rejoindre le réseau.")
    section.get_by_role("button", name="Demander à rejoindre le réseau").click()

    page.wait_for_url(live_server.url + network.url + "*")
    assert "Votre demande a été envoyée aux animateurs du réseau." in page.locator("main").inner_text()
    assert "est en attente" in page.locator("#adhesion").inner_text()
    request = JoinRequest.objects.get()
    assert request.user.username == "claire" and request.is_pending
    assert "Cheffe de service" in request.message
    assert any("gwenola@test.reseaux.localhost" in message.to for message in mail.outbox)
