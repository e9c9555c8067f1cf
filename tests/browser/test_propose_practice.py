"""A reader proposes a practice from /fiches/, is told what happens next, and finds it in « Mes propositions »."""

import pytest
from django.core import mail

from portal import roles
from practices.models import Proposal
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_proposes_a_practice(page, live_server):
    make_user(roles.READERS, username="claire", first_name="Claire", last_name="Martin", email="claire@test.reseaux.localhost")
    make_user(roles.MODERATORS, username="sophie", email="sophie@test.reseaux.localhost")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(live_server.url + "/connexion/")
    page.fill("#id_username", "claire")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + "/fiches/")
    page.locator("main").get_by_role("link", name="Proposer une pratique").click()
    page.wait_for_url(live_server.url + "/propositions/nouvelle/")
    assert page.get_by_label("Adresse électronique de contact").input_value() == "claire@test.reseaux.localhost"
    page.get_by_label("Titre de la pratique").fill("Des binômes de cadres entre DDI")
    page.get_by_label("Structure porteuse").fill("DDT de l'Aude")
    page.get_by_label("Région", exact=True).select_option(label="Occitanie")
    page.get_by_label("Ce qui a été fait").fill(
        "Chaque nouveau chef de service est accompagné six mois par un cadre d'une autre direction."
    )
    page.get_by_role("button", name="Envoyer ma proposition").click()

    page.wait_for_url(live_server.url + "/propositions/*/envoyee/")
    assert "Ce qui va se passer" in page.locator("main").inner_text()
    page.locator("main").get_by_role("link", name="Mes propositions").click()
    page.wait_for_url(live_server.url + "/propositions/")
    assert "Des binômes de cadres entre DDI" in page.locator("#mes-propositions").inner_text()
    assert "EN ATTENTE DE MODÉRATION" in page.locator("#mes-propositions").inner_text().upper()

    assert Proposal.objects.get().page.region_id == "76"
    assert any(message.to == ["sophie@test.reseaux.localhost"] for message in mail.outbox)
    assert errors == []
