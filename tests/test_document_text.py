"""The text of attached documents (portal.document_text): read from real PDF, DOCX, ODT and plain-text files
built here, within the caps, never an error on a bad file, extracted once per file and again when the file
changes.
"""

import io
import logging
import zipfile

import docx
import odfdo
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfReader, PdfWriter
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

from portal import document_text
from portal.document_text import extract_text, text_of, texts_of
from portal.models import DocumentText

# --- files built for the tests -----------------------------------------------------------------------


def _pdf_string(text):
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def make_pdf(*pages):
    """A small valid PDF written by hand: one page per item of `pages` (a list of lines each), set in the
    standard Helvetica with the Windows encoding, so that accents are real characters of the text."""
    page_count = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(page_count)), page_count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for n, lines in enumerate(pages):
        content = b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(_pdf_string(line) + b" '" for line in lines) + b" ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * n)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def encrypted(pdf, user_password):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    # RC4: pypdf encrypts and decrypts it without the optional `cryptography` package
    writer.encrypt(user_password=user_password, owner_password="proprietaire", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx():
    document = docx.Document()
    document.add_heading("Note de cadrage", level=1)
    document.add_paragraph("Le pôle territorial a réuni les élus et les DGS autour de la coopération.")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Étape"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Échéance fusionnée"
    table.cell(1, 0).text = "Formation des managers"
    table.cell(1, 1).text = "cinq jours"
    table.cell(1, 2).text = "quarante cadres"
    document.add_paragraph("Conclusion : une démarche à poursuivre.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt():
    document = odfdo.Document("text")
    document.body.clear()
    document.body.append(odfdo.Header(1, "Note d'intention"))
    document.body.append(odfdo.Paragraph("Manager par la coopération : une alliance des transitions."))
    table = odfdo.Table("Calendrier", width=2, height=1)
    table.set_value((0, 0), "Élus")
    table.set_value((1, 0), "Agents")
    document.body.append(table)
    document.body.append(odfdo.List(["première étape", "deuxième étape"]))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
  <office:body><office:text>
    <text:h text:outline-level="1">Séminaire des cadres</text:h>
    <text:p>Un   groupe<text:s text:c="3"/>de pairs<text:tab/>à Albi.</text:p>
    <text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
      <text:p>Phrase supprimée</text:p>
    </text:deletion></text:changed-region></text:tracked-changes>
  </office:text></office:body>
</office:document-content>
"""
ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def handmade_odt(content=ODT_CONTENT, extra=None):
    """An ODT put together as the format says: `mimetype` first and stored, then content and manifest."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", ODT_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_member(archive_bytes, name, data):
    """The archive with one more member, deflated (a zip bomb when `data` is large and repetitive)."""
    out = io.BytesIO(archive_bytes)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


class CountingFile(io.BytesIO):
    """A file object that counts the calls to read()."""

    def __init__(self, data):
        super().__init__(data)
        self.reads = 0

    def read(self, *args):
        self.reads += 1
        return super().read(*args)


class Stream:
    """A file object that can neither seek nor tell its size (a socket, a pipe)."""

    def __init__(self, data):
        self._data = io.BytesIO(data)

    def read(self, size=-1):
        return self._data.read(size)


@pytest.fixture
def warnings_logged(caplog):
    caplog.set_level(logging.WARNING, logger="portal.document_text")

    def records():
        return [record for record in caplog.records if record.name == "portal.document_text"]

    return records


# --- formats -----------------------------------------------------------------------------------------


def test_pdf():
    pdf = make_pdf(["Bonjour coopération", "Œuvre « réseau » d’été"], ["Deuxième page"])
    assert extract_text(io.BytesIO(pdf), "compte-rendu.pdf") == (
        "Bonjour coopération\nŒuvre « réseau » d’été\nDeuxième page"
    )


def test_pdf_from_a_path(tmp_path):
    path = tmp_path / "note.pdf"
    path.write_bytes(make_pdf(["Bonjour coopération"]))
    assert extract_text(path) == "Bonjour coopération"
    assert extract_text(str(path), "note.pdf") == "Bonjour coopération"


def test_pdf_stops_after_200_pages():
    pdf = make_pdf(*[[f"page {n}"] for n in range(1, 203)])
    text = extract_text(io.BytesIO(pdf), "rapport.pdf")
    assert text.endswith("page 199\npage 200")
    assert "page 201" not in text


def test_pdf_encrypted_only_against_copying_is_read():
    pdf = encrypted(make_pdf(["Séminaire des cadres supérieurs"]), user_password="")
    assert extract_text(io.BytesIO(pdf), "seminaire.pdf") == "Séminaire des cadres supérieurs"


def test_pdf_behind_a_password_gives_nothing(warnings_logged):
    pdf = encrypted(make_pdf(["Confidentiel"]), user_password="secret")
    assert extract_text(io.BytesIO(pdf), "confidentiel.pdf") == ""
    assert [record.getMessage() for record in warnings_logged()] == [
        "Texte non extrait de « confidentiel.pdf » : PDF chiffré"
    ]


def test_docx_paragraphs_and_tables_in_order():
    text = extract_text(io.BytesIO(make_docx()), "note.docx")
    assert text == (
        "Note de cadrage\n"
        "Le pôle territorial a réuni les élus et les DGS autour de la coopération.\n"
        "Étape\nÉchéance fusionnée\nFormation des managers\ncinq jours\nquarante cadres\n"
        "Conclusion : une démarche à poursuivre."
    )


ODT_TEXT = (
    "Note d'intention\nManager par la coopération : une alliance des transitions.\n"
    "Élus\nAgents\npremière étape\ndeuxième étape"
)


def test_odt_written_by_odfdo():
    assert extract_text(io.BytesIO(make_odt()), "intention.odt") == ODT_TEXT


def test_odt_put_together_by_hand_without_deleted_text():
    assert (
        extract_text(io.BytesIO(handmade_odt()), "seminaire.odt") == "Séminaire des cadres\nUn groupe de pairs à Albi."
    )


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        ("Coopération entre services\n".encode(), "notes.txt", "Coopération entre services"),
        ("\ufeffÉtat des lieux".encode(), "bom.txt", "État des lieux"),
        (
            "# Retour d'expérience\n\n- élus\n- agents".encode(),
            "lisezmoi.md",
            "# Retour d'expérience\n- élus\n- agents",
        ),
        ("région;effectif\nBretagne;40\n".encode(), "cadres.csv", "région;effectif\nBretagne;40"),
        ("## Bilan\nDeux réseaux".encode(), "bilan.markdown", "## Bilan\nDeux réseaux"),
        # Windows-1252: « œ », « ’ » and « € » have no place in Latin-1
        ("Le cœur du réseau l’été : 5 €".encode("cp1252"), "windows.txt", "Le cœur du réseau l’été : 5 €"),
        # 0x81 is no Windows-1252 character: Latin-1 takes it
        (b"Caf\xe9 \x81", "latin.txt", "Café"),
        ("Équipe projet".encode("utf-16"), "unicode.txt", "Équipe projet"),
    ],
)
def test_plain_text(data, filename, expected):
    assert extract_text(io.BytesIO(data), filename) == expected


def test_content_wins_over_the_extension():
    assert extract_text(io.BytesIO(make_pdf(["Vrai PDF"])), "renomme.txt") == "Vrai PDF"
    assert extract_text(io.BytesIO(make_docx()), "renomme.odt").startswith("Note de cadrage")


def test_whitespace_and_invisible_characters_are_normalised():
    raw = "  Coopé\u00adration\u00a0: les\tagents\u202f!\r\n\r\n\x07\x0cﬁn du  texte\u200b \n"
    assert extract_text(io.BytesIO(raw.encode()), "espaces.txt") == "Coopération : les agents !\nfin du texte"
    # PostgreSQL refuses NUL in a text column; PDFs sometimes give some
    assert document_text.normalise("Réseau\x00 des\x00cadres") == "Réseau des cadres"


# --- what is refused -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "tronque.pdf"),
        (b"ceci n'est pas un PDF", "faux.pdf"),
        (b"PK\x03\x04" + b"\x00" * 200, "casse.docx"),
        (make_docx()[:-300], "tronque.docx"),
        (make_odt()[: len(make_odt()) // 2], "tronque.odt"),
        (handmade_odt(content="<office:document-content>pas fini"), "mal-forme.odt"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.png"),
        (b"", "vide.xlsx"),
    ],
)
def test_a_bad_file_gives_nothing_and_one_warning_line(data, filename, warnings_logged):
    assert extract_text(io.BytesIO(data), filename) == ""
    records = warnings_logged()
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert records[0].exc_info is None
    assert "\n" not in records[0].getMessage()
    assert filename in records[0].getMessage()


def test_an_archive_of_another_format_gives_nothing(warnings_logged):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert extract_text(io.BytesIO(out.getvalue()), "tableau.docx") == ""
    assert "format non pris en charge" in warnings_logged()[0].getMessage()


@override_settings(DOCUMENT_TEXT_MAX_BYTES=1000)
def test_a_file_over_the_size_cap_is_not_read(tmp_path, warnings_logged):
    file = CountingFile(b"a" * 1001)
    assert extract_text(file, "gros.txt") == ""
    assert file.reads == 0
    path = tmp_path / "gros.pdf"
    path.write_bytes(make_pdf(["x" * 200] * 10))
    assert path.stat().st_size > 1000
    assert extract_text(path) == ""
    assert len(warnings_logged()) == 2
    assert "au-delà de la limite de 1000 octets" in warnings_logged()[0].getMessage()


@override_settings(DOCUMENT_TEXT_MAX_BYTES=1000)
def test_a_stream_of_unknown_size_is_read_only_up_to_the_cap():
    assert extract_text(Stream(b"a" * 1001), "flux.txt") == ""
    assert extract_text(Stream(b"a" * 1000), "flux.txt") == "a" * 1000


@pytest.mark.parametrize("build", [make_docx, handmade_odt], ids=["docx", "odt"])
def test_a_zip_bomb_is_refused_before_any_parsing(build, monkeypatch, warnings_logged):
    """51 MB of zeros deflate to 50 KB: the archive says so, and is refused on its word."""
    bomb = with_member(build(), "word/media/bombe.xml", b"\x00" * (51 * 1024 * 1024))
    assert len(bomb) < 200_000
    parsed = []
    monkeypatch.setattr(docx, "Document", lambda *args: parsed.append(args))
    monkeypatch.setattr(odfdo, "Document", lambda *args: parsed.append(args))
    assert extract_text(io.BytesIO(bomb), "bombe") == ""
    assert parsed == []
    assert "bombe de décompression" in warnings_logged()[0].getMessage()


def _odt_content(doctype, paragraph):
    return (
        f'<?xml version="1.0"?><!DOCTYPE office:document-content [{doctype}]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:text><text:p>{paragraph}</text:p></office:text></office:body>"
        "</office:document-content>"
    )


def _docx_with_doctype(doctype, before_conclusion):
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b"?>", b"?><!DOCTYPE w:document [" + doctype.encode() + b"]>", 1)
                data = data.replace(b"<w:t>Conclusion", b"<w:t>" + before_conclusion.encode() + b"Conclusion")
            archive.writestr(name, data)
    return out.getvalue()


def test_an_external_entity_never_brings_a_local_file_in(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe du serveur")
    entity = f'<!ENTITY fuite SYSTEM "{secret.as_uri()}">'
    odt = handmade_odt(content=_odt_content(entity, "avant &fuite; après"))
    docx_file = _docx_with_doctype(entity, "&fuite;")
    for data, filename in ((odt, "fuite.odt"), (docx_file, "fuite.docx")):
        assert "mot de passe" not in extract_text(io.BytesIO(data), filename)


def test_an_entity_expansion_bomb_is_refused(warnings_logged):
    """« Billion laughs »: ten entities of ten references each, a billion copies of a word."""
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    odt = handmade_odt(content=_odt_content(entities, "&l9;"))
    assert extract_text(io.BytesIO(odt), "rires.odt") == ""
    assert len(warnings_logged()) == 1


@override_settings(DOCUMENT_TEXT_MAX_CHARS=60)
@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (("Les cadres du réseau partagent leurs pratiques. " * 100).encode(), "long.txt"),
        (make_pdf(*[["Les cadres du réseau partagent leurs pratiques."]] * 30), "long.pdf"),
    ],
)
def test_the_text_stops_at_the_character_cap(data, filename):
    text = extract_text(io.BytesIO(data), filename)
    assert 40 < len(text) <= 60
    assert text.startswith("Les cadres du réseau partagent leurs pratiques.")
    assert "Les cadres du réseau partagent leurs pratiques. Les cadres du réseau partagent".startswith(
        text.replace("\n", " ")
    )  # cut between two words, never inside one


# --- Wagtail documents ---------------------------------------------------------------------------------


def make_document(data, filename, title="Document joint"):
    return get_document_model().objects.create(title=title, file=ContentFile(data, name=filename))


@pytest.fixture
def parses(monkeypatch):
    """The files actually parsed, by name, while text_of and texts_of run."""
    names = []
    parse = document_text._parse

    def spy(data, name):
        names.append(name)
        return parse(data, name)

    monkeypatch.setattr(document_text, "_parse", spy)
    return names


@pytest.mark.django_db
def test_text_of_extracts_once_and_keeps_the_text(parses, django_assert_num_queries):
    document = make_document(make_docx(), "note-de-cadrage.docx")
    assert text_of(document).startswith("Note de cadrage\nLe pôle territorial")
    kept = DocumentText.objects.get(document=document)
    assert (kept.file_hash, kept.file_size) == (document.file_hash, document.file_size)
    assert len(document.file_hash) == 40  # Wagtail's own fingerprint, filled the Wagtail way

    fresh = get_document_model().objects.get(pk=document.pk)
    with django_assert_num_queries(1):
        assert text_of(fresh).startswith("Note de cadrage")
    assert parses == ["note-de-cadrage.docx"]


@pytest.mark.django_db
def test_texts_of_reads_the_kept_texts_in_one_query(parses, django_assert_num_queries):
    documents = [
        make_document(make_pdf(["Bonjour coopération"]), "a.pdf"),
        make_document(make_odt(), "b.odt"),
        make_document(b"Feuille de route", "c.txt"),
    ]
    expected = {
        documents[0].pk: "Bonjour coopération",
        documents[1].pk: ODT_TEXT,
        documents[2].pk: "Feuille de route",
    }
    assert texts_of(documents) == expected
    assert len(parses) == 3
    Document = get_document_model()
    again = list(Document.objects.filter(pk__in=expected))
    with django_assert_num_queries(1):
        assert texts_of(again) == expected
    assert len(parses) == 3


@pytest.mark.django_db
def test_an_unreadable_document_is_kept_as_empty(parses, warnings_logged):
    document = make_document(b"%PDF-1.4 pas un vrai PDF", "casse.pdf")
    assert text_of(document) == ""
    assert text_of(get_document_model().objects.get(pk=document.pk)) == ""
    assert parses == ["casse.pdf"]
    assert len(warnings_logged()) == 1
    assert DocumentText.objects.get(document=document).text == ""


@pytest.mark.django_db
def test_a_document_whose_file_is_missing_gives_nothing_and_is_not_kept(warnings_logged):
    document = make_document(b"Compte rendu", "perdu.txt")
    document.file.storage.delete(document.file.name)
    document = get_document_model().objects.get(pk=document.pk)  # not the file still in memory
    assert text_of(document) == ""
    assert not DocumentText.objects.filter(document=document).exists()
    assert len(warnings_logged()) == 1


def replace_file_as_an_editor(document, user, data, filename):
    """Wagtail's own edit form, as the admin's « Modifier le document » submits it."""
    Form = get_document_form(get_document_model())
    form = Form(
        data={"title": document.title, "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile(filename, data)},
        instance=document,
        user=user,
    )
    assert form.is_valid(), form.errors
    return form.save()


@pytest.mark.django_db
def test_a_new_file_is_read_again(administrator, parses):
    document = make_document("Première version".encode(), "version.txt")
    assert text_of(document) == "Première version"

    document = replace_file_as_an_editor(document, administrator, "Seconde version révisée".encode(), "version.txt")
    # dropped at the upload, not extracted then
    assert not DocumentText.objects.filter(document=document).exists()
    assert parses == ["version.txt"]

    assert text_of(get_document_model().objects.get(pk=document.pk)) == "Seconde version révisée"
    assert DocumentText.objects.get(document=document).text == "Seconde version révisée"
    assert len(parses) == 2


@pytest.mark.django_db
def test_a_stale_text_is_never_served_even_without_the_signal(parses):
    document = make_document(b"Ancien texte", "note.txt")
    assert text_of(document) == "Ancien texte"
    DocumentText.objects.filter(document=document).update(file_hash="0" * 40)
    assert text_of(document) == "Ancien texte"
    assert len(parses) == 2


@pytest.mark.django_db
def test_a_new_title_keeps_the_text(parses):
    document = make_document("Texte inchangé".encode(), "note.txt")
    text_of(document)
    document.title = "Nouveau titre"
    document.save(update_fields=["title"])
    document.save()
    assert DocumentText.objects.filter(document=document).exists()
    assert text_of(get_document_model().objects.get(pk=document.pk)) == "Texte inchangé"
    assert len(parses) == 1


@pytest.mark.django_db
def test_the_text_goes_with_its_document():
    document = make_document("À supprimer".encode(), "note.txt")
    text_of(document)
    document.delete()
    assert not DocumentText.objects.exists()
