"""Importing existing fiches (text, Markdown, DOCX, ODT, PDF) as drafts in moderation.

The sample exports live in tests/samples/import/ (written by make_samples.py from fiches.py).
"""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState

from practices.importing.creating import import_file
from practices.models import FicheImport, IncompleteFicheError, LivrablePage, PracticeSheetPage

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples" / "import"
FORMATS = ("txt", "md", "docx", "odt", "pdf")
URL = "/admin/importer-des-fiches/"


def sample(name):
    return SAMPLES / name


def draft_of(report):
    """The draft as its latest revision says (what the moderator will review)."""
    return PracticeSheetPage.objects.get(pk=report.page_id).get_latest_revision_as_object()


def section_text(page, name):
    return getattr(page, name) or ""


@pytest.mark.parametrize("extension", FORMATS)
def test_round_trip_on_every_format(extension, contributor):
    report = import_file(sample(f"roundtrip.{extension}"), f"roundtrip.{extension}", user=contributor)

    assert report.ok, report.error
    assert report.status == "created"
    page = draft_of(report)
    assert page.title == "Des binômes de managers pour accueillir les nouveaux cadres"
    assert page.intro.startswith("Chaque cadre qui arrive dans un service de la préfecture")
    assert page.carrying_structure == "Préfecture de la Manche"
    assert page.service_type_id == "prefecture"
    assert page.region_id == "28"
    assert sorted(d.code for d in page.departments.all()) == ["14", "50"]
    assert (page.start_year, page.end_year) == (2019, 2021)
    assert page.fonction_publique == "etat"
    assert sorted(t.slug for t in page.themes.all()) == ["management", "ressources-humaines"]
    assert "découvrir seuls les usages de la maison" in section_text(page, "context")
    assert "sans lien hiérarchique" in section_text(page, "description")
    assert "<li>raccourcir la prise de poste des cadres ;</li>" in section_text(page, "objectives")
    assert "demi-journée de préparation" in section_text(page, "actions")
    assert "Vingt-deux binômes" in section_text(page, "results")
    assert "hors de la ligne hiérarchique" in section_text(page, "lessons")
    livrables = LivrablePage.objects.child_of(page).order_by("number")
    assert [(item.number, item.title) for item in livrables] == [
        (1, "Charte du binôme"),
        (2, "Guide du parrain"),
        (3, "Bilan à trois ans"),
    ]
    assert not any(item.live for item in livrables)
    assert [(c.name, c.email) for c in page.contacts.all()] == [("Claire Martin", "claire.martin@manche.gouv.fr")]
    assert report.missing == [] and report.unmapped == []


def test_an_import_is_a_draft_submitted_to_moderation_never_published(contributor):
    report = import_file(sample("roundtrip.docx"), "roundtrip.docx", user=contributor)

    page = PracticeSheetPage.objects.get(pk=report.page_id)
    assert not page.live and page.has_unpublished_changes
    assert page.owner == contributor
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Modération des fiches" and state.requested_by == contributor
    assert report.edit_url == reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_an_incomplete_file_still_becomes_a_draft_and_the_report_says_what_is_missing(contributor, tmp_path):
    path = tmp_path / "courte.txt"
    path.write_text("Une fiche à peine commencée\n\nRégion : Bretagne\n", encoding="utf-8")

    report = import_file(path, path.name, user=contributor)

    page = PracticeSheetPage.objects.get(pk=report.page_id)
    assert not page.live and page.current_workflow_state is not None
    assert "le chapô" in report.missing and "le type de structure" in report.missing
    assert "la région" not in report.missing


@pytest.mark.parametrize(
    ("name", "region", "service", "start", "themes", "sections", "livrables"),
    [
        (
            "ddtm-cotes-d-armor-bretagne.docx",
            "53",
            "ddi",
            2017,
            {"management", "cooperation", "formation-et-competences"},
            ("context", "description", "objectives", "results"),
            7,
        ),
        (
            "dreal-occitanie-2018.odt",
            "76",
            "service-regional-etat",
            2018,
            {"management", "espaces-de-travail", "formation-et-competences"},
            ("context", "description", "objectives", "actions", "what_worked", "lessons"),
            0,
        ),
        (
            "pole-territorial-tarn.pdf",
            "76",
            "intercommunalite",
            2021,
            {"cooperation", "management", "transition-ecologique"},
            ("context", "description", "objectives", "lessons"),
            3,
        ),
    ],
)
def test_the_three_demo_fiches_come_back(contributor, name, region, service, start, themes, sections, livrables):
    report = import_file(sample(name), name, user=contributor)

    assert report.ok, report.error
    page = draft_of(report)
    assert page.region_id == region
    assert page.service_type_id == service
    assert page.start_year == start
    assert {t.slug for t in page.themes.all()} == themes
    for section in sections:
        assert section_text(page, section).strip(), section
    assert LivrablePage.objects.child_of(page).count() == livrables
    assert report.missing == []


def test_bretagne_typos_and_network_headings_find_their_place(contributor):
    report = import_file(sample("ddtm-cotes-d-armor-bretagne.docx"), "bretagne.docx", user=contributor)

    page = draft_of(report)
    assert (page.start_year, page.end_year) == (2017, 2018)
    assert [d.code for d in page.departments.all()] == ["22"]
    # « Decription du projet » and « Fonctionnement du reseau » both describe the démarche
    assert "sans statut ni budget propre" in page.description
    assert "<h3>Fonctionnement du reseau</h3>" in page.description
    assert "rompre l&#x27;isolement des managers" in page.objectives
    numbers = list(LivrablePage.objects.child_of(page).order_by("number").values_list("number", "title"))
    assert numbers[0] == (1, "Création du réseau et charte de fonctionnement")
    assert numbers[-1] == (7, "Session sur l'égalité entre les femmes et les hommes")
    sources = {field["field"]: field["source"] for field in report.fields}
    assert sources["service_type"].startswith("Structure porteuse : DDTM des Côtes-d'Armor")
    assert sources["region"].endswith("- région Bretagne")


def test_broken_lines_and_stray_spaces_of_text_exports_are_mended(contributor):
    report = import_file(sample("pole-territorial-tarn.txt"), "tarn.txt", user=contributor)

    page = draft_of(report)
    assert "environ 59 500 habitants expérimente le management" in page.intro
    assert page.fonction_publique == "territoriale"
    assert report.unmapped == []


def test_reimporting_the_same_file_updates_its_draft(contributor, tmp_path):
    path = tmp_path / "binomes.md"
    path.write_text(sample("roundtrip.md").read_text(encoding="utf-8"), encoding="utf-8")
    first = import_file(path, "binomes.md", user=contributor)
    page = PracticeSheetPage.objects.get(pk=first.page_id)
    revisions = page.revisions.count()

    path.write_text(path.read_text(encoding="utf-8").replace("Normandie", "Bretagne"), encoding="utf-8")
    second = import_file(path, "C:\\Mes documents\\binomes.md", user=contributor)

    assert second.status == "updated" and second.page_id == first.page_id
    assert PracticeSheetPage.objects.count() == 1
    assert FicheImport.objects.get().source_name == "binomes.md"
    assert page.revisions.count() == revisions + 1
    assert draft_of(second).region_id == "53"
    assert LivrablePage.objects.child_of(page).count() == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.txt", b"   \n", "Le fichier est vide"),
        ("casse.docx", b"PK\x03\x04 ceci n'est pas une archive", "Fichier illisible"),
        ("faux.pdf", b"du texte qui se dit PDF", "Fichier illisible"),
        ("image.png", b"\x89PNG\r\n", "Format non pris en charge"),
    ],
)
def test_an_unreadable_file_gives_a_french_error_and_creates_nothing(contributor, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    report = import_file(path, name, user=contributor)

    assert report.status == "error" and message in report.error
    assert not PracticeSheetPage.objects.exists() and not FicheImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused(contributor, tmp_path, settings):
    settings.DOCUMENT_TEXT_MAX_BYTES = 100
    path = tmp_path / "longue.txt"
    path.write_text("Titre\n" + "mot " * 100, encoding="utf-8")

    report = import_file(path, path.name, user=contributor)

    assert "trop volumineux" in report.error
    assert not PracticeSheetPage.objects.exists()


def test_a_zip_bomb_is_refused(contributor, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (60 * 1024 * 1024))
    path = tmp_path / "bombe.docx"
    path.write_bytes(buffer.getvalue())

    assert "illisible" in import_file(path, path.name, user=contributor).error
    assert not PracticeSheetPage.objects.exists()


def test_dry_run_creates_nothing(contributor):
    report = import_file(sample("roundtrip.odt"), "roundtrip.odt", user=contributor, dry_run=True)

    assert report.status == "to-create" and report.title.startswith("Des binômes")
    assert {field["field"] for field in report.fields} >= {"region", "service_type", "themes", "description"}
    assert not PracticeSheetPage.objects.exists() and not LivrablePage.objects.exists()
    assert not FicheImport.objects.exists()


def test_the_command_imports_a_folder_and_writes_its_json_report(tmp_path, contributor):
    for name in ("roundtrip.pdf", "pole-territorial-tarn.txt"):
        (tmp_path / name).write_bytes(sample(name).read_bytes())
    (tmp_path / "vide.md").write_bytes(b"")
    report_path = tmp_path / "rapport.json"

    call_command("import_fiches", str(tmp_path), "--json", str(report_path), "--user", contributor.username)

    data = json.loads(report_path.read_text(encoding="utf-8"))
    by_file = {entry["file"]: entry for entry in data["files"]}
    assert set(by_file) == {"roundtrip.pdf", "pole-territorial-tarn.txt", "vide.md"}
    assert by_file["vide.md"]["status"] == "error" and by_file["vide.md"]["page_id"] is None
    tarn = by_file["pole-territorial-tarn.txt"]
    assert tarn["status"] == "created" and tarn["edit_url"].endswith(f"/pages/{tarn['page_id']}/edit/")
    fields = {field["field"]: field for field in tarn["fields"]}
    assert fields["region"]["value"] == "Occitanie"
    assert fields["start_year"] == {
        "field": "start_year",
        "label": "année de début",
        "value": "2021",
        "source": "Dates : depuis 2021",
    }
    assert [livrable["number"] for livrable in tarn["livrables"]] == [1, 2, 3]
    assert tarn["contacts"][0]["email"] == "sophie.carriere@pole-albigeois-bastides.fr"
    assert PracticeSheetPage.objects.count() == 2


def test_the_command_dry_run_writes_nothing(tmp_path, capsys):
    call_command("import_fiches", str(sample("roundtrip.txt")), "--dry-run", "--json", "-")

    output = capsys.readouterr().out
    assert "sera créé" in output
    assert json.loads(output[output.index("{") :])["files"][0]["status"] == "to-create"
    assert not PracticeSheetPage.objects.exists()


# --- the admin page -------------------------------------------------------------------------------


def upload(name):
    return SimpleUploadedFile(name, sample(name).read_bytes())


def test_contributor_uploads_previews_then_confirms(client, contributor, settings, tmp_path):
    settings.FICHE_IMPORT_DIR = str(tmp_path)
    client.force_login(contributor)
    page = client.get(URL)
    assert page.status_code == 200 and "Importer des fiches" in page.content.decode()
    assert "Importer des fiches" in client.get("/admin/").content.decode()  # the menu item

    preview = client.post(URL, {"files": [upload("roundtrip.docx"), upload("ddtm-cotes-d-armor-bretagne.docx")]})

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Confirmer l&#x27;import" in html or "Confirmer l'import" in html
    assert "Normandie" in html and "Bretagne" in html and "Livrable n° 7" in html
    assert not PracticeSheetPage.objects.exists()
    token = client.session["fiche_import_token"]
    assert len(list((tmp_path / str(contributor.pk) / token).iterdir())) == 3  # two files and the manifest

    done = client.post(URL, {"token": token, "action": "confirm"})

    assert done.status_code == 200
    assert PracticeSheetPage.objects.count() == 2
    assert not PracticeSheetPage.objects.live().exists()
    assert "modifier le brouillon" in done.content.decode()
    assert not (tmp_path / str(contributor.pk) / token).exists()
    # the same token cannot import twice
    assert client.post(URL, {"token": token, "action": "confirm"}).status_code == 400
    assert PracticeSheetPage.objects.count() == 2


def test_a_forged_token_imports_nothing(client, contributor, settings, tmp_path):
    settings.FICHE_IMPORT_DIR = str(tmp_path)
    client.force_login(contributor)
    client.post(URL, {"files": [upload("roundtrip.md")]})

    response = client.post(URL, {"token": "../../etc/passwd-aaaaaaaaaaaa", "action": "confirm"})

    assert response.status_code == 400 and "expiré" in response.content.decode()
    assert not PracticeSheetPage.objects.exists()


def test_upload_without_a_file_is_a_form_error(client, contributor, settings, tmp_path):
    settings.FICHE_IMPORT_DIR = str(tmp_path)
    client.force_login(contributor)

    response = client.post(URL, {})

    assert response.status_code == 400 and "Choisissez au moins un fichier" in response.content.decode()


def test_readers_are_refused(client, reader):
    client.force_login(reader)
    assert "Importer des fiches" not in client.get("/admin/").content.decode()

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"files": [upload("roundtrip.md")]}).status_code == 403
    assert not PracticeSheetPage.objects.exists()


def test_a_moderator_approves_a_complete_import_and_the_fiche_goes_live(contributor, moderator):
    report = import_file(sample("pole-territorial-tarn.pdf"), "tarn.pdf", user=contributor)
    page = PracticeSheetPage.objects.get(pk=report.page_id)

    page.current_workflow_state.current_task_state.approve(user=moderator)

    page.refresh_from_db()
    assert page.live and page.region_id == "76" and page.service_type_id == "intercommunalite"
    assert LivrablePage.objects.child_of(page).count() == 3


def test_an_incomplete_import_cannot_be_approved(contributor, moderator, tmp_path):
    path = tmp_path / "courte.txt"
    path.write_text("Une fiche à peine commencée\n\nRégion : Bretagne\n", encoding="utf-8")
    page = PracticeSheetPage.objects.get(pk=import_file(path, path.name, user=contributor).page_id)

    with pytest.raises(IncompleteFicheError):
        page.current_workflow_state.current_task_state.approve(user=moderator)

    page.refresh_from_db()
    assert not page.live


def test_what_matches_nothing_is_reported_not_dropped(contributor):
    report = import_file(sample("dreal-occitanie-2018.odt"), "occitanie.odt", user=contributor)

    assert "Thème inconnu : Bien-être" in report.unmapped
    assert "Budget : 45 000 euros" in report.unmapped
    page = draft_of(report)
    assert "<h3>Pilotage</h3>" in page.description and "comité de pilotage" in page.description



# --- review findings -------------------------------------------------------------------------------


def write_fiche(path, paragraphs):
    """A text export that names no region: every one of its first lines is searched for one."""
    lines = ["Une démarche sans lieu", "", "Structure porteuse : Mairie de quelque part", ""]
    lines += [f"Une phrase ordinaire qui ne nomme aucun territoire, numéro {n}." for n in range(paragraphs)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_recognising_a_file_makes_as_many_queries_whatever_its_length(contributor, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for paragraphs in (10, 60):
        path = write_fiche(tmp_path / f"fiche-{paragraphs}.txt", paragraphs)
        with CaptureQueriesContext(connection) as queries:
            report = import_file(path, path.name, user=contributor, dry_run=True)
        assert report.ok and report.status == "to-create", report.error
        assert "region" not in {field["field"] for field in report.fields}
        counts.append(len(queries))

    assert counts[0] == counts[1], counts
    assert counts[0] <= 10, counts


def test_case_variants_of_a_free_tag_become_one_tag(contributor, tmp_path):
    path = tmp_path / "mots-cles.txt"
    path.write_text("Une fiche étiquetée\n\nMots-clés : Égalité, égalité, Parité\n", encoding="utf-8")

    report = import_file(path, path.name, user=contributor)

    page = PracticeSheetPage.objects.get(pk=report.page_id)
    assert sorted(tag.name for tag in page.tags.all()) == ["Parité", "Égalité"]


def test_the_same_title_twice_gets_a_free_slug(contributor, tmp_path):
    slugs = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text("Une fiche en double\n\nRégion : Bretagne\n", encoding="utf-8")
        slugs.append(PracticeSheetPage.objects.get(pk=import_file(path, name, user=contributor).page_id).slug)

    assert slugs == ["une-fiche-en-double", "une-fiche-en-double-2"]


def test_a_markdown_file_imports(contributor, tmp_path):
    path = tmp_path / "binomes.markdown"
    path.write_text(sample("roundtrip.md").read_text(encoding="utf-8"), encoding="utf-8")

    report = import_file(path, path.name, user=contributor)

    assert report.ok and report.status == "created", report.error
    assert draft_of(report).region_id == "28"


def test_a_docx_table_keeps_equal_cells_and_gives_a_merged_cell_once(tmp_path):
    import docx

    from practices.importing.reading import read_file

    document = docx.Document()
    document.add_paragraph("Une fiche en tableau")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Télétravail", "Oui", "Oui"), strict=True):
        cell.text = text
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Région"
    table.cell(1, 2).text = "Bretagne"
    path = tmp_path / "tableau.docx"
    document.save(path)

    texts = [line.text for line in read_file(path, path.name)]

    assert texts == ["Une fiche en tableau", "Télétravail : Oui : Oui", "Région : Bretagne"]
