"""The admin speaks the portal's language: its name and mark, gendered labels, corrected French, its own guide.

The corrections to Wagtail's French live in locale/fr/LC_MESSAGES/django.po, compiled to django.mo: the
tests check that the compiled file is the .po's, and that every corrected string is what the running
admin serves (a catalog that lost its priority to Wagtail's would silently bring « un(e) » back).
"""

import ast
import gettext
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import get_page_models

from portal import admin_language
from portal.models import PortalSettings
from practices.models import (
    CuratedCollectionPage,
    LivrablePage,
    NetworkPage,
    PracticeSheetPage,
    Theme,
    WorkstreamPage,
)
from practices.models import completeness as fiche_completeness
from tests.factories import make_fiche

LOCALE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES"
PO, MO = LOCALE / "django.po", LOCALE / "django.mo"


def parse_po(path):
    """[{msgid, msgid_plural?, msgstr | msgstr[n]}] of a .po file (what msgfmt compiles)."""
    entries, current, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?)\s+(".*")$', line)
        if match:
            if match.group(1) in ("msgid", "msgctxt") and any(k.startswith("msgstr") for k in current):
                entries.append(current)
                current = {}
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
    if current:
        entries.append(current)
    return [entry for entry in entries if entry["msgid"]]  # the header is not a message


ENTRIES = parse_po(PO)


def test_the_catalog_overrides_something():
    assert len(ENTRIES) >= 30
    assert any(entry["msgid"] == "Add %(model_name)s" for entry in ENTRIES)


def test_the_compiled_catalog_is_the_po_file():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in ENTRIES:
        if "msgid_plural" in entry:
            for n in range(2):
                expected[(entry["msgid"], n)] = entry[f"msgstr[{n}]"]
        else:
            expected[entry["msgid"]] = entry["msgstr"]
    compiled.pop("", None)
    assert compiled == expected, "locale/fr/LC_MESSAGES/django.mo is stale: run msgfmt (see the .po's header)"


def test_no_override_keeps_wagtails_gender_markers():
    for entry in ENTRIES:
        for key, text in entry.items():
            if key.startswith("msgstr"):
                assert not re.search(r"\((e|tte|le)\)|un\(e\)|/cette|Status|crées|sûr\(e\)", text), entry["msgid"]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry["msgid"][:40])
def test_every_override_is_what_django_serves_in_french(entry):
    with translation.override(settings.LANGUAGE_CODE):
        if "msgid_plural" in entry:
            assert translation.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr[0]"]
            assert translation.ngettext(entry["msgid"], entry["msgid_plural"], 5) == entry["msgstr[1]"]
        else:
            assert translation.gettext(entry["msgid"]) == entry["msgstr"]


# --- what the running admin shows ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dashboard_carries_the_portal_name_and_mark_not_wagtails(client, contributor):
    make_fiche("Une fiche")
    client.force_login(contributor)
    html = client.get("/admin/").content.decode()
    assert re.search(r"<title>\s*Tableau de bord - Réseaux de pratiques\s*</title>", html)
    assert re.search(r'<h1 class="w-h1 w-mt-0">\s*Réseaux de pratiques\s*</h1>', html)
    assert re.search(r'\d+ images? <span class="w-sr-only">dans ', html)
    assert "portal-admin-logo" in html and "dsfr/dist/favicon/favicon.svg" in html
    assert "guide.wagtail.org" not in html and "Wagtail 8" not in html
    assert "Guide de l'éditeur" in html and reverse("guide_editeur") in html
    # the site summary from the project's catalog: « 2 pages dans … », not « 2 Pages crées dans… »
    assert re.search(r'\d+ pages? <span class="w-sr-only">dans ', html)
    assert "crées" not in html and "Pages <span" not in html


@pytest.mark.django_db
def test_the_tab_title_follows_the_portal_settings(client, contributor, home_page):
    portal_settings = PortalSettings.for_site(home_page.get_site())
    portal_settings.portal_name = "Pratiques en réseau"
    portal_settings.save()
    client.force_login(contributor)
    assert "- Pratiques en réseau</title>" in re.sub(r"\s+</title>", "</title>", client.get("/admin/").content.decode())


@pytest.mark.django_db
def test_recent_edits_say_statut_not_status_and_the_editor_has_no_un_e(client, moderator):
    fiche = make_fiche("Fiche publiée")
    fiche.save_revision(user=moderator, log_action=True)  # « Vos modifications les plus récentes »
    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert "Fiche publiée" in dashboard
    assert "Statut actuel de la page" in dashboard and "Status actuel" not in dashboard
    html = client.get(reverse("wagtailadmin_pages:edit", args=(fiche.pk,))).content.decode()
    assert "un(e)" not in html and "ce(tte)" not in html and "ce/cette" not in html


@pytest.mark.django_db
def test_the_fiche_listing_says_ajouter_une_fiche(client, contributor):
    client.force_login(contributor)
    html = client.get("/admin/fiches/").content.decode()
    assert "Ajouter une fiche" in html and "un(e)" not in html


@pytest.mark.django_db
def test_the_theme_listing_says_ajouter_un_theme(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse("wagtailsnippets_practices_theme:list")).content.decode()
    assert "Ajouter un thème" in html and "un(e)" not in html


@pytest.mark.parametrize(
    "model, add, new",
    [
        (PracticeSheetPage, "Ajouter une fiche", "Nouvelle fiche"),
        (NetworkPage, "Ajouter un réseau", "Nouveau réseau"),
        (LivrablePage, "Ajouter un livrable", "Nouveau livrable"),
        (CuratedCollectionPage, "Ajouter une sélection", "Nouvelle sélection"),
        (WorkstreamPage, "Ajouter un chantier", "Nouveau chantier"),
        (Theme, "Ajouter un thème", "Nouveau thème"),
    ],
)
def test_each_type_has_its_gendered_wording(model, add, new):
    assert admin_language.add_label(model) == add
    assert admin_language.new_label(model) == new


def test_an_unregistered_model_gets_a_neutral_wording_never_un_e():
    from django.contrib.auth.models import Group

    assert admin_language.add_label(Group) == "Ajouter : groupe"
    assert "(e)" not in admin_language.new_label(Group)


def test_every_page_type_of_the_portal_has_its_wording():
    ours = [model for model in get_page_models() if model._meta.app_label in ("practices", "home")]
    assert len(ours) >= 8
    assert [model.__name__ for model in ours if admin_language.wording(model) is None] == []


# --- the editor's guide -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_guide_is_a_page_of_the_admin_and_lists_what_a_fiche_requires(client, contributor):
    client.force_login(contributor)
    response = client.get(reverse("guide_editeur"))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Guide de l'éditeur - Réseaux de pratiques" in html
    for heading in ("Rédiger une fiche", "Ce qui est obligatoire", "La modération", "livrables", "sélections", "réseaux"):
        assert heading in html
    for _name, label in fiche_completeness.REQUIRED_PARTS:
        assert f"<li>{str(label)[0].upper()}{str(label)[1:]}</li>" in html


@pytest.mark.django_db
def test_the_help_menu_offers_the_portals_guide_only(client, animator):
    client.force_login(animator)
    html = client.get("/admin/").content.decode()
    sidebar = html[html.index("wagtail-sidebar-props") :]
    assert "guide-editeur" in sidebar and "editor-guide" not in sidebar and "whats-new-in-wagtail" not in sidebar


@pytest.mark.django_db
def test_a_reader_cannot_open_the_guide(client, reader):
    client.force_login(reader)
    assert client.get(reverse("guide_editeur")).status_code in (302, 403)


@pytest.mark.django_db
def test_the_people_listing_says_ajouter_une_personne(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("wagtailsnippets_practices_person:list")).content.decode()
    assert "Ajouter une personne" in html and "un(e)" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("model, expected", [("practicesheetpage", "Nouvelle fiche"), ("networkpage", "Nouveau réseau")])
def test_the_page_creation_screen_is_titled_with_the_gender(client, administrator, model, expected):
    from practices.models import NetworkIndexPage, PracticeIndexPage

    parent = PracticeIndexPage.objects.get() if model == "practicesheetpage" else NetworkIndexPage.objects.get()
    client.force_login(administrator)
    html = client.get(reverse("wagtailadmin_pages:add", args=("practices", model, parent.pk))).content.decode()
    assert re.search(rf"<title>\s*{expected} - Réseaux de pratiques", html)
    assert re.search(rf">\s*{expected}\s*<", html)  # the header's last breadcrumb
    assert "Nouveau: " not in html


@pytest.mark.django_db
def test_the_page_search_counts_without_a_missing_noun(client, moderator):
    """Wagtail's page search gives its count no model name: « 1-2 sur 2 None » until the catalog's fix."""
    make_fiche("Un réseau de managers en Bretagne")
    make_fiche("Des managers en réseau")
    client.force_login(moderator)
    html = client.get("/admin/pages/search/", {"q": "managers"}).content.decode()
    count = re.search(r"1-2 sur 2[^<]*", html)
    assert count and "None" not in count.group(0), count
