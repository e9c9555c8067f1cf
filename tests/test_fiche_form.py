"""Writing a fiche in the admin: one page per fiche whatever autosave did, messages that name what was asked,
one reading order with the required parts first, plain selects, a completeness meter."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from practices.models import PracticeSheetPage
from practices.models.fiche import PracticeSheetForm

from .factories import fiche_index, make_fiche
from .test_fiches import fiche_form

TITLE = "Réseau des managers"


def add_url():
    return reverse("wagtailadmin_pages:add", args=("practices", "practicesheetpage", fiche_index().pk))


def autosave(client, url, data):
    """What Wagtail's autosave sends: the form as it stands, JSON expected."""
    return client.post(url, data, HTTP_ACCEPT="application/json")


def errors_of(response):
    """Field name → the error messages shown under that field."""
    soup = BeautifulSoup(response.content, "html.parser")
    errors = {}
    for wrapper in soup.select("[data-field-wrapper]"):
        field = wrapper.select_one("[name]")
        messages = [e.get_text(" ", strip=True) for e in wrapper.select(".error-message")]
        if field is not None and any(messages):
            errors[field["name"]] = " ".join(messages)
    return errors


@pytest.mark.django_db
class TestNoHiddenDraft:
    def test_refused_submission_from_the_add_url_shows_the_edit_view_of_the_saved_draft(self, client, contributor):
        client.force_login(contributor)
        response = client.post(add_url(), fiche_form(action="action-submit", intro="", region=""))
        fiches = PracticeSheetPage.objects.filter(title=TITLE)
        assert fiches.count() == 1
        fiche = fiches.get()
        assert not fiche.live and fiche.owner == contributor
        html = response.content.decode()
        assert response.status_code == 200
        # The edit view of that page: the form posts to its edit URL, not to the add URL.
        assert f'action="{reverse("wagtailadmin_pages:edit", args=(fiche.pk,))}"' in html
        assert "La page ne peut être créée" not in html
        assert "Il manque encore le chapô et la région pour soumettre cette fiche à la modération." in html
        assert fiche.current_workflow_state is None  # refused: not in moderation

    def test_submission_after_autosave_goes_to_the_same_page(self, client, contributor):
        client.force_login(contributor)
        saved = autosave(client, add_url(), fiche_form(intro="", themes=[])).json()
        assert saved["success"]
        edit_url = saved["url"]
        response = client.post(edit_url, fiche_form(action="action-submit", intro="", themes=[]))
        assert response.status_code == 200
        assert "pour soumettre cette fiche à la modération" in response.content.decode()
        assert PracticeSheetPage.objects.filter(title=TITLE).count() == 1
        # Autosave keeps working on the same page afterwards.
        again = autosave(client, edit_url, fiche_form(intro="Un réseau régional.", themes=[]))
        assert again.status_code == 200 and again.json()["success"]
        assert PracticeSheetPage.objects.get(title=TITLE).get_latest_revision_as_object().intro == "Un réseau régional."

    def test_complete_submission_from_the_add_url_goes_to_moderation_once(self, client, contributor):
        client.force_login(contributor)
        response = client.post(add_url(), fiche_form(action="action-submit"))
        assert response.status_code == 302
        fiche = PracticeSheetPage.objects.get(title=TITLE)
        assert fiche.current_workflow_state is not None and not fiche.live
        assert fiche.key_figures.count() == 1  # inline objects saved once, not again by the edit step

    def test_a_draft_that_cannot_be_saved_is_refused_without_creating_anything(self, client, contributor):
        client.force_login(contributor)
        response = client.post(add_url(), fiche_form(title="", action="action-submit"))
        assert response.status_code == 200
        assert not PracticeSheetPage.objects.exists()

    def test_the_same_title_again_gets_a_free_slug(self, client, contributor):
        make_fiche(TITLE, slug="reseau-des-managers", publish=False)
        client.force_login(contributor)
        saved = autosave(client, add_url(), fiche_form(intro=""))
        assert saved.status_code == 200, saved.content
        payload = saved.json()
        assert payload["field_updates"]["slug"] == "reseau-des-managers-2"
        assert Page.objects.get(pk=payload["pk"]).slug == "reseau-des-managers-2"

    def test_a_new_fiche_without_slug_gets_it_from_its_title(self, client, contributor):
        make_fiche(TITLE, slug="reseau-des-managers", publish=False)
        client.force_login(contributor)
        payload = autosave(client, add_url(), fiche_form(slug="", intro="")).json()
        assert payload["success"] and payload["field_updates"]["slug"] == "reseau-des-managers-2"
        refused = client.post(add_url(), fiche_form(title="", slug="", action="action-submit"))
        assert refused.status_code == 200 and PracticeSheetPage.objects.count() == 2

    def test_an_existing_fiche_keeps_its_slug_rule(self, client, contributor):
        make_fiche("Autre fiche", slug="autre")
        fiche = make_fiche(TITLE, slug="reseau-des-managers", publish=False)
        client.force_login(contributor)
        response = client.post(reverse("wagtailadmin_pages:edit", args=(fiche.pk,)), fiche_form(slug="autre"))
        assert response.status_code == 200 and "slug" in errors_of(response)


@pytest.mark.django_db
class TestMessagesNameWhatWasAsked:
    def test_submission(self, client, contributor):
        client.force_login(contributor)
        response = client.post(add_url(), fiche_form(action="action-submit", description=rich_text("")))
        html = response.content.decode()
        assert "Il manque encore la description pour soumettre cette fiche à la modération." in html
        assert "pour publier" not in html
        assert errors_of(response)["description"] == "Obligatoire pour soumettre à la modération."

    def test_publication(self, client, moderator):
        fiche = make_fiche(TITLE, slug="reseau-des-managers", publish=False)
        client.force_login(moderator)
        url = reverse("wagtailadmin_pages:edit", args=(fiche.pk,))
        response = client.post(url, fiche_form(action="action-publish", objectives=rich_text(""), region=""))
        html = response.content.decode()
        assert "Il manque encore la région et les objectifs et finalités pour publier cette fiche." in html
        errors = errors_of(response)
        assert errors["region"] == errors["objectives"] == "Obligatoire pour publier."

    def test_approval_is_a_publication(self, contributor):
        form_class = PracticeSheetPage.get_edit_handler().get_form_class()
        assert issubclass(form_class, PracticeSheetForm)
        data = fiche_form(intro="", **{"action-workflow-action": "1", "workflow-action-name": "approve"})
        form = form_class(data, instance=PracticeSheetPage(), parent_page=fiche_index(), for_user=contributor)
        assert not form.is_valid()
        assert form.errors["intro"] == ["Obligatoire pour publier."]


@pytest.mark.django_db
class TestReadingOrder:
    @pytest.fixture
    def html(self, client, contributor):
        client.force_login(contributor)
        return client.get(add_url()).content.decode()

    def test_required_parts_come_first_in_one_tab(self, html):
        soup = BeautifulSoup(html, "html.parser")
        tabs = [tab.get_text(" ", strip=True) for tab in soup.select("[role=tab]")]
        assert not any("Classement" in tab for tab in tabs)
        names = []
        for field in soup.select("#panel-child-contenu-content [name], section[id^=tab-contenu] [name]"):
            if field["name"] not in names:
                names.append(field["name"])
        required_first = ["title", "intro", "region", "service_type", "themes", "description", "objectives"]
        assert names[: len(required_first)] == required_first, names
        assert names.index("objectives") < names.index("carrying_structure") < names.index("context")

    def test_short_lists_are_plain_selects(self, html):
        soup = BeautifulSoup(html, "html.parser")
        for name in ("region", "service_type", "fonction_publique"):
            field = soup.select_one(f'[name="{name}"]')
            assert field.name == "select", name
            assert len(field.select("option")) > 2
        assert soup.select_one('select[name="region"] option', string="Bretagne") is not None

    def test_the_title_asks_for_a_fiche_not_a_page(self, html):
        title = BeautifulSoup(html, "html.parser").select_one('input[name="title"]')
        assert title["placeholder"] == "Titre de la fiche*"

    def test_help_texts_give_an_example_from_a_real_fiche(self, html):
        assert "Par exemple : « Un réseau régional pour partager les pratiques managériales" in html
        assert "DDTM des Côtes-d&#x27;Armor" in html or "DDTM des Côtes-d'Armor" in html
        assert html.count("Par exemple") >= 7

    def test_the_meter_is_in_the_page_with_its_script(self, html):
        soup = BeautifulSoup(html, "html.parser")
        meter = soup.select_one("[data-fiche-completeness]")
        assert meter.select_one("progress")["value"] == "0"
        assert meter.select_one("[aria-live=polite]") is not None
        assert [part["name"] for part in json.loads(meter["data-required"])] == [
            "intro", "region", "service_type", "themes", "description", "objectives"
        ]
        assert "practices/js/fiche_completeness.js" in html and "practices/js/fiche_editing.js" in html
        assert "Il manque encore le chapô, la région" in meter.get_text()


@pytest.mark.django_db
def test_the_meter_judges_what_was_just_sent(client, contributor):
    client.force_login(contributor)
    response = client.post(add_url(), fiche_form(action="action-submit", themes=[], objectives=rich_text("")))
    meter = BeautifulSoup(response.content, "html.parser").select_one("[data-fiche-completeness]")
    assert meter.select_one("progress")["value"] == "67"
    assert "Il manque encore au moins un thème et les objectifs et finalités" in meter.get_text()
