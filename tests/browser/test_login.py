"""A reader logs in, lands on the home page with the DSFR header, and logs out."""

import pytest

from portal import roles
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_logs_in_and_out(page, live_server):
    make_user(roles.READERS, username="claire", first_name="Claire", last_name="Martin")

    page.goto(live_server.url + "/")
    assert "/connexion/" in page.url  # anonymous: sent to the login page
    assert page.locator("h1").inner_text().startswith("Connexion")

    page.fill("#id_username", "claire")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    header = page.locator("header.fr-header")
    assert header.is_visible()
    assert "Réseaux de pratiques" in header.locator(".fr-header__service-title").inner_text()
    assert header.locator("#recherche-entete-q").is_visible()
    assert "Claire Martin" in header.inner_text()
    assert page.locator("nav#navigation-principale a[aria-current=page]").inner_text() == "Accueil"
    # the DSFR stylesheet and script really loaded
    assert "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")

    header.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/connexion/")
    page.goto(live_server.url + "/")
    assert "/connexion/" in page.url


def test_wrong_password_shows_a_french_error(page, live_server):
    make_user(roles.READERS, username="claire")
    page.goto(live_server.url + "/connexion/")
    page.fill("#id_username", "claire")
    page.fill("#id_password", "pas le bon")
    page.click("button[type=submit]")
    assert "valides" in page.locator("main").inner_text()
