"""The admin as a contributor and an animator see it in Chromium: the portal's name and mark, their
dashboard, the help menu's own guide, and /admin/fiches/ for an animator."""

import pytest

from portal import roles
from tests.browser.front_office import log_in
from tests.factories import make_animator, make_fiche, make_network, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_contributor_finds_the_dashboard_and_the_guide(page, live_server):
    make_user(roles.CONTRIBUTORS, username="karim", first_name="Karim", last_name="Benali")
    log_in(page, live_server.url, "karim")
    page.goto(live_server.url + "/admin/")
    assert page.title() == "Tableau de bord - Réseaux de pratiques"
    assert page.locator(".sidebar-custom-branding .portal-admin-logo").is_visible()
    assert "Mes fiches" in page.locator("main").inner_text()
    page.locator("#wagtail-sidebar").get_by_role("button", name="Aide").click()
    guide = page.locator("#wagtail-sidebar").get_by_role("link", name="Guide de l'éditeur")
    assert guide.is_visible()
    assert page.locator("#wagtail-sidebar").get_by_text("Wagtail").count() == 0
    guide.click()
    page.wait_for_url(live_server.url + "/admin/guide/")
    assert "Ce qui est obligatoire" in page.locator("main").inner_text()


def test_an_animator_sees_their_network_and_the_fiches_read_only(page, live_server):
    animator = make_user(roles.ANIMATORS, username="yann", first_name="Yann", last_name="Le Gall")
    make_animator(make_network("Réseau breton des pratiques managériales"), animator)
    make_fiche("Un réseau régional pour partager les pratiques managériales")
    log_in(page, live_server.url, "yann")
    page.goto(live_server.url + "/admin/")
    assert "Réseau breton des pratiques managériales" in page.locator("#mes-reseaux-section, main").first.inner_text()
    page.goto(live_server.url + "/admin/fiches/")
    main = page.locator("main").inner_text()
    assert "Un réseau régional pour partager les pratiques managériales" in main
    assert "en lecture seule" in main and "1-0 sur 0" not in main
    assert page.get_by_role("link", name="Ajouter une fiche").count() == 0
