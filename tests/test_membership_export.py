"""The CSV export of a network's current members opens as it should in a French Excel."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from practices.admin_networks.export import HEADER, neutralise

from .factories import make_animator, make_membership, make_network, make_person

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def network():
    return make_network("Réseau régional des managers", slug="managers-bretagne")


@pytest.fixture
def export(client, animator, network):
    make_animator(network, animator)
    client.force_login(animator)

    def get():
        return client.get(reverse("membres:export", args=(network.pk,)))

    return get


def rows(response):
    assert response.content.startswith(BOM)
    text = response.content[len(BOM) :].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_file_is_utf8_with_a_bom_semicolons_crlf_and_a_french_header(export):
    response = export()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM + "Nom;Prénom;Adresse électronique;Structure;Fonction;".encode())
    first_line = response.content[len(BOM) :].split(b"\r\n")[0].decode()
    assert first_line == "Nom;Prénom;Adresse électronique;Structure;Fonction;Type de structure;Département;Rôle;Arrivée le"
    assert tuple(rows(response)[0]) == HEADER
    assert b"\r\n" in response.content and b"\n" not in response.content.replace(b"\r\n", b"")


def test_the_file_is_an_attachment_named_after_the_network_and_the_day(export):
    disposition = export()["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="membres-managers-bretagne-{timezone.localdate().isoformat()}.csv"' in disposition


def test_only_current_members_with_french_dates_and_accents(export, network):
    make_membership(
        network,
        make_person(
            "Françoise",
            "Le Dréau",
            email="francoise.ledreau@cotes-darmor.gouv.fr",
            structure="DDTM des Côtes-d'Armor",
            job_title="Cheffe du service économie agricole",
            department_id="22",
        ),
        role="referent",
        joined_on=date(2018, 3, 5),
    )
    make_membership(network, make_person("Partie", "Avant"), joined_on=date(2017, 1, 1), left_on=date(2019, 1, 1))
    make_membership(make_network(), make_person("Autre", "Réseau"))
    lines = rows(export())
    names = [line[0] for line in lines[1:]]
    assert "Le Dréau" in names
    assert "Avant" not in names and "Réseau" not in names
    francoise = next(line for line in lines if line[0] == "Le Dréau")
    assert francoise == [
        "Le Dréau",
        "Françoise",
        "francoise.ledreau@cotes-darmor.gouv.fr",
        "DDTM des Côtes-d'Armor",
        "Cheffe du service économie agricole",
        "Direction départementale interministérielle",
        "Côtes-d'Armor (22)",
        "référent·e",
        "05/03/2018",
    ]
    # the animator is a current member too
    assert len(lines) == 1 + 2


def test_formula_injection_is_neutralised(export, network):
    make_membership(network, make_person("=HYPERLINK(\"http://x\")", "+33 6 00", structure="-2+3", job_title="@SUM(A1)"))
    line = next(line for line in rows(export()) if line[0].startswith("'+"))
    assert line[:5] == ["'+33 6 00", "'=HYPERLINK(\"http://x\")", line[2], "'-2+3", "'@SUM(A1)"]


def test_cells_with_semicolons_and_quotes_stay_in_their_column(export, network):
    make_membership(network, make_person("Anne", "Dupont", structure='Préfecture ; "SGAR"'))
    line = next(line for line in rows(export()) if line[0] == "Dupont")
    assert line[3] == 'Préfecture ; "SGAR"'
    assert len(line) == len(HEADER)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("a=b", "a=b"), ("", ""), (None, "")],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected
