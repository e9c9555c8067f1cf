"""Issue 13, finding 9: the accessibility statement follows the RGAA model, from settings an administrator
updates after each audit (portal.accessibility_statement), with French defaults true before any audit."""

import html
from datetime import date
from decimal import Decimal

import pytest
from wagtail.models import Site

from home.models import ContentPage
from portal.accessibility_statement import text_blocks
from portal.models import PortalSettings

pytestmark = pytest.mark.django_db

RGAA_HEADINGS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Non-conformités",
    "Dérogations pour charge disproportionnée",
    "Contenus non soumis à l'obligation d'accessibilité",
    "Établissement de cette déclaration d'accessibilité",
    "Technologies utilisées pour la réalisation du portail",
    "Environnement de test",
    "Outils pour évaluer l'accessibilité",
    "Retour d'information et contact",
    "Voies de recours",
]


def statement_html(client):
    response = client.get("/accessibilite/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())  # Django escapes field values, {% translate %} does not


def test_the_statement_has_every_part_of_the_rgaa_model_in_order(client):
    page = statement_html(client)
    positions = [page.find(f">{heading}</h") for heading in RGAA_HEADINGS]
    assert -1 not in positions, [heading for heading, at in zip(RGAA_HEADINGS, positions, strict=True) if at == -1]
    assert positions == sorted(positions)
    # the body the first migration wrote repeated these headings: emptied by home 0005, they appear once
    assert page.count(">État de conformité</h") == 1
    assert not ContentPage.objects.get(slug="accessibilite").body


def test_the_defaults_give_a_date_the_known_defects_and_the_test_environment(client):
    page = statement_html(client)
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    assert f"établie le <strong>{settings.accessibility_statement_date.day} " in page
    assert "<strong>non conforme</strong>" in page and "faute d'audit" in page
    assert "<li>l'interface d'administration" in page  # the non-compliant content, as a list
    assert "Chromium" in page and "NVDA" in page and "axe-core" in page
    assert "Défenseur des droits" in page


def test_an_administrator_records_an_audit_and_the_page_follows(client):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    statement_html(client)  # cached once, before the change
    settings.accessibility_status = "partiellement"
    settings.accessibility_audit_date = date(2027, 3, 15)
    settings.accessibility_audit_by = "la société Access42"
    settings.accessibility_rate = Decimal("87.50")
    settings.accessibility_statement_date = date(2027, 3, 20)
    settings.accessibility_non_compliant = "Critères non respectés :\n- 1.1 : une image sans alternative\n- 11.1 : un champ"
    settings.accessibility_derogations = "La carte interactive des régions : un tableau donne les mêmes chiffres."
    settings.save()

    page = statement_html(client)
    assert "<strong>partiellement conforme</strong>" in page and "faute d'audit" not in page
    assert "réalisé le 15 mars 2027 par la société Access42" in page
    assert "87,5 % des critères du RGAA" in page
    assert "établie le <strong>20 mars 2027</strong>" in page
    assert "<ul><li>1.1 : une image sans alternative</li><li>11.1 : un champ</li></ul>" in page
    assert "La carte interactive des régions : un tableau" in page


def test_plain_lines_become_paragraphs_and_lists():
    assert text_blocks("Intro\n- un\n• deux\n\nFin\n") == [("p", "Intro"), ("ul", ["un", "deux"]), ("p", "Fin")]
    assert text_blocks("") == []
