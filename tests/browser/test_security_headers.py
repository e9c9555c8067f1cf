"""Issue 12, finding 5: a Content-Security-Policy without 'unsafe-inline' for scripts, and the admin still works.

In Chromium: the reader's pages run their own scripts (the DSFR, the search suggestions) with no CSP
violation, and a script written into the page is refused; an editor's fiche form in the Wagtail admin
(its inline panels are started by inline scripts, portal/security_headers.py) adds a row and saves.
"""

import pytest

from portal import roles
from tests.browser.front_office import log_in
from tests.factories import make_fiche, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def csp_messages(page):
    messages = []
    page.on("console", lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None)
    return messages


def test_the_readers_pages_run_their_scripts_and_refuse_an_injected_one(page, live_server):
    make_user(roles.READERS, username="claire")
    fiche = make_fiche("Coopération entre services")
    violations = csp_messages(page)
    log_in(page, live_server.url, "claire")

    for path in ("/", "/fiches/", fiche.url, "/recherche/?q=coop%C3%A9ration"):
        response = page.goto(live_server.url + path)
        policy = response.headers["content-security-policy"]
        script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'self'" in script_src, path
        assert "camera=()" in response.headers["permissions-policy"]
        page.wait_for_load_state("networkidle")
    assert violations == []
    # the DSFR's script ran (it marks the document once its components are started)
    assert page.evaluate("document.documentElement.hasAttribute('data-fr-js')")

    # a script written into the page, as an injection would, does not run
    with pytest.raises(Exception):  # noqa: B017 (Playwright reports the refused script as an error)
        page.add_script_tag(content="window.injected = true;")
    assert page.evaluate("window.injected === undefined")
    assert any("script-src" in message for message in violations)


def test_the_admin_fiche_form_keeps_working(page, live_server):
    make_user(roles.ADMINISTRATORS, username="helene")
    fiche = make_fiche("Fiche à compléter")
    violations = csp_messages(page)
    log_in(page, live_server.url, "helene")

    page.goto(f"{live_server.url}/admin/pages/{fiche.pk}/edit/")
    page.get_by_role("tab", name="Chiffres, contacts et documents").click()
    total = page.locator("#id_key_figures-TOTAL_FORMS")
    before = int(total.input_value())
    page.locator("#id_key_figures-ADD").click()
    assert int(total.input_value()) == before + 1
    page.locator("#id_key_figures-0-value").fill("40")
    page.locator("#id_key_figures-0-label").fill("cadres réunis")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state("networkidle")
    draft = type(fiche).objects.get(pk=fiche.pk).get_latest_revision_as_object()
    assert [(figure.value, figure.label) for figure in draft.key_figures.all()] == [("40", "cadres réunis")]
    assert violations == []
