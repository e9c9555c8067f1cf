"""The header's search field suggests titles, tags and structures, and is driven from the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from portal import roles
from tests.browser.front_office import log_in
from tests.factories import make_fiche, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in_as_reader(page, live_server):
    make_user(roles.READERS, username="claire", first_name="Claire", last_name="Martin")
    log_in(page, live_server.url, "claire")


@pytest.fixture
def fiches(db):
    return {
        "services": make_fiche("Coopération entre services", tags=["coopération"]),
        "tarn": make_fiche(
            "Coopération territoriale dans le Tarn",
            tags=["coopération"],
            carrying_structure="Pôle territorial de l'Albigeois et des Bastides",
        ),
        "managers": make_fiche("Réseau des managers", carrying_structure="DDTM des Côtes-d'Armor"),
    }


def test_keyboard_navigation_opens_the_chosen_suggestion(page, live_server, fiches):
    log_in_as_reader(page, live_server)
    field = page.locator("#recherche-entete-q")
    listbox = page.locator("ul[role=listbox]")
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-autocomplete") == "list"
    assert field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("aria-controls") == listbox.get_attribute("id")

    field.click()
    field.press_sequentially("coop", delay=30)
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)
    assert [text.strip() for text in listbox.locator(".portal-autocomplete__label").all_inner_texts()] == [
        "Coopération entre services",
        "Coopération territoriale dans le Tarn",
        "coopération",
    ]
    assert listbox.locator(".fr-badge").all_text_contents() == [
        "Fiche retour d'expérience",
        "Fiche retour d'expérience",
        "Mot-clé",
    ]
    expect(page.get_by_role("status").filter(has_text="suggestions")).to_have_text("3 suggestions")
    assert field.get_attribute("aria-activedescendant") is None

    field.press("ArrowDown")
    first = options.nth(0)
    expect(field).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(first).to_have_attribute("aria-selected", "true")
    field.press("ArrowDown")
    second = options.nth(1)
    expect(field).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    expect(second).to_have_attribute("aria-selected", "true")
    expect(first).to_have_attribute("aria-selected", "false")
    assert page.evaluate("document.activeElement.id") == "recherche-entete-q"  # the focus never left the field

    field.press("Enter")
    page.wait_for_url(live_server.url + fiches["tarn"].url)
    expect(page.locator("h1")).to_have_text("Coopération territoriale dans le Tarn")


def test_arrows_wrap_escape_closes_then_clears_and_enter_without_choice_searches(page, live_server, fiches):
    log_in_as_reader(page, live_server)
    field = page.locator("#recherche-entete-q")
    listbox = page.locator("ul[role=listbox]")
    field.click()
    field.press_sequentially("coop", delay=30)
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)

    field.press("ArrowUp")  # from nothing up: the last option
    expect(field).to_have_attribute("aria-activedescendant", options.nth(2).get_attribute("id"))
    field.press("ArrowDown")  # past the last: back to the first
    expect(field).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))

    field.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    assert field.get_attribute("aria-activedescendant") is None
    expect(field).to_have_value("coop")
    field.press("Escape")
    expect(field).to_have_value("")

    field.press_sequentially("reseau", delay=30)
    expect(listbox.get_by_role("option")).to_have_count(1)
    field.press("Tab")
    expect(listbox).to_be_hidden()

    field.focus()
    field.fill("")
    field.press_sequentially("zzzz", delay=30)
    expect(page.get_by_role("status").filter(has_text="Aucune")).to_have_text("Aucune suggestion")
    expect(listbox).to_be_hidden()
    field.press("Enter")  # no option chosen: the full search
    page.wait_for_url(re.compile(r".*/recherche/\?q=zzzz$"))


def test_a_click_opens_a_suggestion_and_accents_do_not_matter(page, live_server, fiches):
    log_in_as_reader(page, live_server)
    field = page.locator("#recherche-entete-q")
    field.click()
    field.press_sequentially("cotes d'ar", delay=30)
    option = page.get_by_role("option", name=re.compile("DDTM des Côtes-d'Armor"))
    expect(option).to_be_visible()
    option.click()
    page.wait_for_url(re.compile(r".*/recherche/\?q=DDTM.*"))
    assert "Réseau des managers" in page.locator("main").inner_text()


def test_on_a_small_screen_the_suggestions_work_inside_the_search_modal(page, live_server, fiches):
    log_in_as_reader(page, live_server)
    page.set_viewport_size({"width": 375, "height": 740})
    field = page.locator("#recherche-entete-q")
    expect(field).to_be_hidden()
    page.locator("#bouton-recherche").click()
    expect(field).to_be_visible()
    field.click()
    field.press_sequentially("tarn", delay=30)
    option = page.get_by_role("option", name=re.compile("Coopération territoriale dans le Tarn"))
    expect(option).to_be_visible()
    field.press("Escape")  # closes the list, not the modal
    expect(option).to_be_hidden()
    expect(field).to_be_visible()
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_url(live_server.url + fiches["tarn"].url)
