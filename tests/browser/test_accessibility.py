"""Issue 13, finding 9: the front office and the fiche form stay accessible.

axe-core (bundled by axe-playwright-python: nothing is downloaded) runs on every front-office page type at a
phone's width and at a desktop's, and on the fiche form of the admin as a contributor fills it in; a serious
or critical violation fails. What axe does not see is tested by hand, as a keyboard user would meet it: the
sort menu must not leave the page while the arrow keys move through its options (WCAG 3.2.2), the skip links
must lead somewhere at both widths, « Aller aux résultats » must reach the first result, and every region of
the map must stand out from the page (WCAG 1.4.11).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from portal import roles
from tests.browser.front_office import WIDTHS, log_in, reader_pages, settle
from tests.factories import fiche_index, make_fiche, make_front_office, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BLOCKING = {"serious", "critical"}
axe = Axe()


def blocking_violations(page, where):
    results = axe.run(page)
    return [
        f"{where} : {violation['id']} ({violation['impact']}) {violation['help']} → "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def names_without_role(page, where):
    """The Nu HTML checker's complaint that axe does not make: aria-label or aria-labelledby on a <div> or a
    <span> without a role, which no assistive technology reads (an empty filter group carried one). The
    header's DSFR modals are left out: the DSFR's script gives them role="dialog" when it opens them."""
    found = page.evaluate(
        """() => [...document.querySelectorAll(
             'div[aria-labelledby]:not([role]), span[aria-labelledby]:not([role]), div[aria-label]:not([role]), span[aria-label]:not([role])'
           )].filter(element => !element.matches('.fr-header .fr-modal')).map(element => element.outerHTML.slice(0, 120))"""
    )
    return [f"{where} : nom ARIA sans rôle → {html}" for html in found]


def relative_luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rgb(css_colour):
    return tuple(int(value) for value in re.findall(r"\d+", css_colour)[:3])


def test_no_serious_axe_violation_on_any_front_office_page(open_page, live_server):
    site = make_front_office()
    problems = []
    for label, width in WIDTHS.items():
        page = open_page(width)
        page.goto(live_server.url + "/connexion/")
        settle(page)
        problems += blocking_violations(page, f"[{label}] connexion (déconnecté)")
        log_in(page, live_server.url, site.reader.username)
        for name, path in reader_pages(site):
            page.goto(live_server.url + path)
            settle(page)
            problems += blocking_violations(page, f"[{label}] {name} ({path})")
            problems += names_without_role(page, f"[{label}] {name} ({path})")
    assert not problems, "\n".join(problems)


def test_every_region_of_the_map_stands_out_from_the_page(open_page, live_server):
    """WCAG 1.4.11: the palest shade is 1.3:1 against white, so each shape's border carries the 3:1; the
    legend's swatches wear the same border as the regions they stand for."""
    make_front_office()
    page = open_page(WIDTHS["desktop"])
    log_in(page, live_server.url, "claire")
    page.goto(live_server.url + "/fiches/")
    settle(page)
    background = rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    strokes = page.evaluate(
        """selector => [...document.querySelectorAll(selector)].map(shape => {
             const style = getComputedStyle(shape);
             return [shape.closest('[data-region]')?.dataset.region || 'légende', style.stroke, parseFloat(style.strokeWidth)];
           })""",
        ".portal-map .portal-map__region, .portal-map-legend__swatch .portal-map__region",
    )
    assert len(strokes) > 13, strokes  # the 13 regions of metropolitan France and the overseas ones, and the legend
    weak = [(region, colour, width) for region, colour, width in strokes if contrast(rgb(colour), background) < 3 or width < 1]
    assert not weak, f"bordure trop pâle ou trop fine (contraste < 3:1 sur {background}) : {weak}"


def test_no_serious_axe_violation_on_the_fiche_form(open_page, live_server):
    """The form a contributor meets: a new fiche, and a draft of theirs opened again. Wagtail's rich text
    editor is named by its label through portal.rich_text; nothing on this form is excluded."""
    contributor = make_user(roles.CONTRIBUTORS, username="contributrice")
    draft = make_fiche("Brouillon d'une fiche sur le télétravail", publish=False, owner=contributor)
    page = open_page(WIDTHS["desktop"])
    log_in(page, live_server.url, contributor.username)
    problems = []
    for name, path in (
        ("nouvelle fiche", f"/admin/pages/add/practices/practicesheetpage/{fiche_index().pk}/"),
        ("brouillon", f"/admin/pages/{draft.pk}/edit/"),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path} : {response.status}"
        page.wait_for_selector(".public-DraftEditor-content")  # Draftail, drawn by the admin's script
        page.wait_for_load_state("networkidle")
        problems += blocking_violations(page, f"{name} ({path})")
    assert not problems, "\n".join(problems)


def test_arrow_keys_on_the_sort_menu_do_not_leave_the_page(page, live_server):
    """With words typed, both sorts are open: the arrow keys change the choice, and only « Trier » applies it."""
    site = make_front_office()
    log_in(page, live_server.url, site.reader.username)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    for path in ("/fiches/?q=managers", "/recherche/?q=managers"):
        page.goto(live_server.url + path)
        settle(page)
        navigations.clear()
        before = page.input_value("#tri")
        page.focus("#tri")
        page.keyboard.press("ArrowDown" if before == "pertinence" else "ArrowUp")
        page.wait_for_timeout(500)
        chosen = page.input_value("#tri")
        assert chosen != before, "la flèche n'a pas changé le tri : le test ne prouverait rien"
        assert navigations == [], f"{path} : la flèche a rechargé la page ({navigations})"
        page.get_by_role("button", name="Trier", exact=True).click()
        page.wait_for_url(re.compile(rf"tri={chosen}"))
        assert page.input_value("#tri") == chosen


def focus_after_skip_link(page, name):
    """Follow the skip link `name` with the keyboard, as a reader does (Tab from the top, then Enter); return
    the element that has the focus afterwards. Where the browser only moves its starting point (a target
    that cannot take the focus), the next Tab shows where the link led."""
    page.locator("body").focus()
    page.keyboard.press("Tab")  # the first skip link appears
    page.locator(".fr-skiplinks a", has_text=name).focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)  # the header's modal opens in an animation below 992 px
    if page.evaluate("document.activeElement === document.body"):
        page.keyboard.press("Tab")
    return page.evaluate_handle("document.activeElement").as_element()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_skip_links_lead_to_the_menu_the_search_and_the_results(open_page, live_server, width):
    site = make_front_office()
    page = open_page(width)
    log_in(page, live_server.url, site.reader.username)

    page.goto(live_server.url + "/fiches/")
    settle(page)
    skip_links = page.locator(".fr-skiplinks a").all_inner_texts()
    assert skip_links[:2] == ["Contenu", "Aller aux résultats"], skip_links

    focused = focus_after_skip_link(page, "Menu")
    assert focused.evaluate("element => !!element.closest('#navigation-principale')"), focused.evaluate("e => e.outerHTML")
    assert focused.is_visible()
    assert focused.inner_text() == "Accueil"

    page.goto(live_server.url + "/fiches/")
    settle(page)
    focused = focus_after_skip_link(page, "Recherche")
    assert focused.get_attribute("id") == "recherche-entete-q", focused.evaluate("e => e.outerHTML")
    assert focused.is_visible()
    page.keyboard.type("coopération")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=*")

    page.goto(live_server.url + "/fiches/")
    settle(page)
    first_title = page.locator(".portal-results li").first.locator(".fr-card__title a").inner_text()
    focused = focus_after_skip_link(page, "Aller aux résultats")
    assert focused.get_attribute("id") == "resultats"
    assert first_title in focused.inner_text()
    page.keyboard.press("Tab")  # and the next Tab opens the first result's link
    assert page.evaluate("document.activeElement.textContent.trim()") == first_title
