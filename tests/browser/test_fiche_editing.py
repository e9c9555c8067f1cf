"""A contributor writes a fiche in the admin, with Wagtail's autosave really running (issue 13, finding 1).

Autosave creates the page in the background; submitting the still-incomplete fiche must then show the
edit view of that one page with what is missing, autosave must go on working, and once complete the
fiche goes to moderation. The completeness meter follows the form as it is filled.
"""

import pytest
from playwright.sync_api import expect

from portal import roles
from practices.models import PracticeSheetPage, Theme
from tests.browser.front_office import log_in
from tests.factories import fiche_index, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Un réseau régional pour partager les pratiques managériales"


def open_add_form(page, live_server):
    page.goto(f"{live_server.url}/admin/pages/add/practices/practicesheetpage/{fiche_index().pk}/")
    # Wagtail's change tracker takes its first snapshot of the form 2 s after loading: what is typed
    # before that is part of the snapshot, as a person who starts typing at once would find out.
    page.wait_for_timeout(2500)


def is_autosave(response):
    request = response.request
    return request.method == "POST" and "application/json" in (request.headers.get("accept") or "")


def rich_text_editor(page, name):
    return page.locator(f'[data-field-wrapper]:has(input[name="{name}"]) [contenteditable="true"]')


def meter(page):
    return page.locator("[data-fiche-completeness]")


def submit_to_moderation(page):
    """« Soumettre à la modération » is in the dropdown of the footer's actions (its wording is Wagtail's)."""
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator('footer button[name="action-submit"]').click()


def test_refused_submission_after_autosave_shows_the_edit_view_of_that_page(page, live_server):
    make_user(roles.CONTRIBUTORS, username="karim")
    log_in(page, live_server.url, "karim")
    open_add_form(page, live_server)

    with page.expect_response(is_autosave) as autosaved:
        page.locator("#id_title").press_sequentially(TITLE)
    assert autosaved.value.ok, autosaved.value.text()
    pk = autosaved.value.json()["pk"]
    edit_url = f"{live_server.url}/admin/pages/{pk}/edit/"
    page.wait_for_url(edit_url)  # autosave points the form and the address bar at the new page

    with page.expect_navigation():
        submit_to_moderation(page)
    assert page.url == edit_url
    messages = page.locator(".messages").inner_text()
    assert "pour soumettre cette fiche à la modération" in messages
    assert "La page ne peut être créée" not in messages
    assert "Obligatoire pour soumettre à la modération." in page.locator("form[data-edit-form]").inner_text()
    assert PracticeSheetPage.objects.filter(title=TITLE).count() == 1

    # Autosave goes on working on the same page, also for what is typed once the refusal has been read.
    page.wait_for_timeout(2500)
    with page.expect_response(lambda r: is_autosave(r) and r.url == edit_url) as autosaved_again:
        page.fill("#id_intro", "Lancé en 2017-2018 par la DDTM des Côtes-d'Armor, ce réseau réunit quarante cadres.")
    assert autosaved_again.value.ok and autosaved_again.value.url == edit_url

    # Completed, the fiche goes to moderation.
    page.select_option("#id_region", label="Bretagne")
    page.select_option("#id_service_type", label="Direction départementale interministérielle")
    page.locator(f'input[name="themes"][value="{Theme.objects.get(slug="management").pk}"]').check()
    rich_text_editor(page, "description").click()
    page.keyboard.type("Quarante cadres de 4 préfectures et de 11 DDI se retrouvent chaque trimestre.")
    rich_text_editor(page, "objectives").click()
    page.keyboard.type("Rompre l'isolement des managers.")
    expect(page.locator("[data-completeness-progress]")).to_have_attribute("value", "100")
    with page.expect_navigation():
        submit_to_moderation(page)
    assert "/edit/" not in page.url  # submitted: Wagtail goes back to the listing

    fiche = PracticeSheetPage.objects.get(title=TITLE)
    assert fiche.pk == pk and not fiche.live
    assert fiche.current_workflow_state is not None
    assert fiche.get_latest_revision_as_object().region_id == "53"


def test_the_completeness_meter_follows_the_form(page, live_server):
    make_user(roles.CONTRIBUTORS, username="karim")
    log_in(page, live_server.url, "karim")
    open_add_form(page, live_server)

    status = meter(page).locator("[aria-live=polite]")
    progress = meter(page).locator("progress")
    assert progress.get_attribute("value") == "0"
    assert "Il manque encore le chapô, la région, le type de structure" in status.inner_text()

    page.fill("#id_intro", "Un réseau de cadres.")
    page.select_option("#id_region", label="Occitanie")
    expect(page.locator("[data-completeness-progress]")).to_have_attribute("value", "33")
    assert "le chapô" not in status.inner_text() and "la région" not in status.inner_text()
    assert "Fiche complète à 33 %" in status.inner_text()

    rich_text_editor(page, "description").click()
    page.keyboard.type("Une mesure de la performance de 12 collectifs.")
    expect(page.locator("[data-completeness-progress]")).to_have_attribute("value", "50")
    assert "la description" not in status.inner_text()
    assert "le type de structure, au moins un thème et les objectifs et finalités" in status.inner_text()


def test_submission_typed_before_autosave_started_leaves_one_page(page, live_server):
    """Typed at once, the title is in the change tracker's first snapshot: no autosave has created the page
    when « Soumettre à la modération » is clicked, and the submission reaches the add URL."""
    make_user(roles.CONTRIBUTORS, username="karim")
    log_in(page, live_server.url, "karim")
    page.goto(f"{live_server.url}/admin/pages/add/practices/practicesheetpage/{fiche_index().pk}/")
    page.fill("#id_title", TITLE)
    with page.expect_navigation():
        submit_to_moderation(page)

    fiche = PracticeSheetPage.objects.get(title=TITLE)  # exactly one
    edit_url = f"{live_server.url}/admin/pages/{fiche.pk}/edit/"
    assert page.url == edit_url  # the address bar follows the edit view the server showed
    assert "pour soumettre cette fiche à la modération" in page.locator(".messages").inner_text()
    assert page.locator("form[data-edit-form]").get_attribute("action") == f"/admin/pages/{fiche.pk}/edit/"

    # Autosave now saves that page (the edit view shown after a refusal first autosaves what was sent,
    # then what is typed), and creates no other.
    page.wait_for_timeout(2500)  # the change tracker's first snapshot of the edit view
    # The test waits for the autosave's answer rather than polling the database: the live server and the
    # test share one in-memory SQLite database, whose tables are locked while the other side writes.
    # The database is read only once an autosave has answered (an earlier one may still be on its way).
    def latest_intro():
        return PracticeSheetPage.objects.get(pk=fiche.pk).get_latest_revision_as_object().intro

    with page.expect_response(lambda r: is_autosave(r) and r.url == edit_url, timeout=15000) as autosaved:
        page.fill("#id_intro", "Un réseau de cadres.")
    assert autosaved.value.ok, autosaved.value.text()
    for _ in range(3):
        if latest_intro():
            break
        with page.expect_response(lambda r: is_autosave(r) and r.url == edit_url, timeout=15000) as autosaved:
            pass
        assert autosaved.value.ok, autosaved.value.text()
    assert PracticeSheetPage.objects.get(pk=fiche.pk).get_latest_revision_as_object().intro == "Un réseau de cadres."
    assert PracticeSheetPage.objects.filter(title=TITLE).count() == 1


def test_a_submission_waits_for_the_autosave_in_progress(page, live_server):
    """Clicked while autosave is creating the page, the submission waits for it, then goes to the page's
    edit URL (practices/js/fiche_editing.js). The autosave in flight is held by the test: the response to
    its request is delivered only once the submission has been clicked."""
    make_user(roles.CONTRIBUTORS, username="karim")
    log_in(page, live_server.url, "karim")
    held = []
    page.route("**/admin/pages/add/**", lambda route: held.append(route) if route.request.method == "POST" and
               "application/json" in (route.request.headers.get("accept") or "") else route.continue_())
    open_add_form(page, live_server)
    page.locator("#id_title").press_sequentially(TITLE)
    for _ in range(40):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "no autosave started"

    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator('footer button[name="action-submit"]').click()
    page.wait_for_timeout(500)
    assert not PracticeSheetPage.objects.exists()  # the submission waited for the autosave
    held.pop().continue_()
    expect(page.locator(".messages")).to_contain_text("pour soumettre cette fiche à la modération")

    fiche = PracticeSheetPage.objects.get(title=TITLE)  # one page, created by the autosave
    assert page.url == f"{live_server.url}/admin/pages/{fiche.pk}/edit/"
