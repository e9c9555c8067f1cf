"""The text of attached documents, for the search index.

Why: a fiche's attachments (a note de cadrage in PDF, a compte rendu in DOCX or ODT) say much more than
its chapô, and readers search for words they remember from those files. Any contributor can upload a
file, so it is read within caps and by maintained pure-library parsers (no external program): a corrupt,
encrypted, hostile or unknown file gives no text and one line in the log, never an error in the
publication that indexes it.

- `extract_text(file, filename)`: the text of one file ("" when it cannot be read);
- `text_of(document)`, `texts_of(documents)`: the text of Wagtail documents, extracted once per file and
  kept in `portal.models.DocumentText` against the file's fingerprint;
- `connect()`: a document saved with another file loses its kept text. Nothing is extracted then: the
  upload request stays fast, and the next indexing of a page that uses the document reads the file.

The libraries: pypdf (pure Python, the maintained successor of PyPDF2) for PDF; python-docx for DOCX;
odfdo for ODT. odfpy, the older ODF library, has had no release since 2020, while odfdo is released
several times a year, checks archives for zip bombs itself, and parses with lxml as python-docx does.
"""

import codecs
import io
import itertools
import logging
import os
import re
import unicodedata
import zipfile
from pathlib import PurePath

import docx
import odfdo
from django.conf import settings
from django.db.models.signals import post_save
from django.utils import timezone
from docx.table import Table
from pypdf import PdfReader
from wagtail.documents import get_document_model

from .models import DocumentText

logger = logging.getLogger(__name__)

# Defaults of the settings DOCUMENT_TEXT_MAX_BYTES and DOCUMENT_TEXT_MAX_CHARS (portal.settings.base).
MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 100_000
# A report's first 200 pages say what it is about; the rest would only cost time at every indexing.
MAX_PDF_PAGES = 200
# What the members of a DOCX or ODT archive may declare once decompressed, all together. Every member,
# not only the XML parts that are parsed: python-docx and odfdo load the images into memory too. A real
# document of 20 MB is well below; a zip bomb is far above. zipfile never inflates a member past its
# declared size, so checking the declaration is enough.
MAX_ZIP_UNCOMPRESSED = 50 * 1024 * 1024

TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".csv"}
# Formats recognised from their content; the extension alone is not trusted.
DOCUMENT_EXTENSIONS = {".pdf", ".docx", ".odt"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN_PART = "word/document.xml"
# The fields of a document that say which file it has: a save that changes none of them keeps the text.
FINGERPRINT_FIELDS = {"file", "file_hash", "file_size"}

# Top-level paragraphs and headings of an ODT, in document order: those inside another paragraph (notes,
# frames) are in their parent's text already, and those in tracked changes were deleted. Also read, with
# their headings, by the fiche import (practices.importing.reading).
ODT_BLOCKS = (
    "descendant::text:p[not(ancestor::text:p or ancestor::text:h or ancestor::text:tracked-changes)]"
    " | descendant::text:h[not(ancestor::text:p or ancestor::text:h or ancestor::text:tracked-changes)]"
)
# Characters that hide inside words (soft hyphens, zero-width spaces, byte order marks): a search for
# « coopération » must find « coopé­ration ».
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Control characters (PostgreSQL refuses NUL in a text column) and runs of blanks, newlines apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLANKS = re.compile(r"[^\S\n]+")


class Unreadable(Exception):
    """A file this module will not read, with the reason as it is logged."""


# --- one file --------------------------------------------------------------------------------------


def extract_text(source, filename=None):
    """The text of `source` (a path or a binary file object, read from its current position), whitespace
    normalised, at most DOCUMENT_TEXT_MAX_CHARS characters; "" and one warning line when it cannot be read.

    The format is recognised from the content first (a PDF renamed .txt is still a PDF), then from the
    extension of `filename` (or of the path).
    """
    name = filename or _name_of(source)
    try:
        data = read_capped(source)
    except Exception as error:  # too large, or the file system or storage failed
        _warn(name, error)
        return ""
    return _parse(data, name)


def _parse(data, name):
    try:
        return parse_strictly(data, name)
    except Exception as error:  # any parser's error: a bad file must not break the indexing
        _warn(name, error)
        return ""


def parse_strictly(data, name):
    """The text of `data` like extract_text, but raising (Unreadable or the parser's error) instead of
    returning "": the fiche import (practices.importing) must tell the person why a file was refused."""
    text = _Text(getattr(settings, "DOCUMENT_TEXT_MAX_CHARS", MAX_CHARS))
    _EXTRACTORS[kind_of(data, name)](data, text)
    return text.value()


def _name_of(source):
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    return str(getattr(source, "name", "") or "")


def _warn(name, error):
    reason = str(error) if isinstance(error, Unreadable) else f"{type(error).__name__} : {error}"
    reason = " ".join(reason.split())[:300]  # one line, whatever the library put in its message
    logger.warning("Texte non extrait de « %s » : %s", name or "?", reason)


def read_capped(source):
    """The bytes of a path or file object, refused unread (Unreadable) when its size is over
    DOCUMENT_TEXT_MAX_BYTES. Also used by the fiche import."""
    limit = getattr(settings, "DOCUMENT_TEXT_MAX_BYTES", MAX_BYTES)
    size = _size_of(source)
    if size is not None and size > limit:
        raise Unreadable(f"fichier de {size} octets, au-delà de la limite de {limit} octets")
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as file:
            data = file.read(limit + 1)
    else:
        data = source.read(limit + 1)
    if len(data) > limit:
        raise Unreadable(f"fichier de plus de {limit} octets")
    return bytes(data)


def _size_of(source):
    """The size, without reading: from the file system, the storage (Django's File.size), or by seeking
    to the end (what is left from the current position); None when the object cannot tell."""
    if isinstance(source, str | os.PathLike):
        return os.stat(source).st_size
    size = getattr(source, "size", None)
    if isinstance(size, int):
        return size
    try:
        position = source.tell()
        end = source.seek(0, os.SEEK_END)
        source.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return end - position


def kind_of(data, name):
    """"pdf", "docx", "odt" or "text" from the content then the name; Unreadable otherwise (archives
    are checked against decompression bombs first). Also used by readers that need more than the text."""
    extension = PurePath(name).suffix.lower() if name else ""
    if data.startswith(b"PK\x03\x04"):
        return _archive_kind(data)
    if b"%PDF-" in data[:1024]:  # the header may follow a little garbage, as readers accept
        return "pdf"
    if extension in TEXT_EXTENSIONS:
        return "text"
    if extension in DOCUMENT_EXTENSIONS:
        raise Unreadable(f"le contenu n'est pas celui d'un fichier {extension}")
    raise Unreadable(f"format non pris en charge ({extension or 'sans extension'})")


def _archive_kind(data):
    """The kind of archive, "docx" or "odt", once what its members declare decompressed is checked."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        declared = sum(member.file_size for member in members)
        if declared > MAX_ZIP_UNCOMPRESSED:
            raise Unreadable(f"archive qui se décompresserait en {declared} octets (bombe de décompression ?)")
        names = {member.filename for member in members}
        if DOCX_MAIN_PART in names:
            return "docx"
        if "mimetype" in names and archive.read("mimetype").strip().startswith(ODT_MIMETYPE):
            return "odt"
    raise Unreadable("archive d'un format non pris en charge")


class _Text:
    """The text extracted so far, normalised piece by piece; `add` says whether more is wanted."""

    def __init__(self, limit):
        self.limit = limit
        self.pieces = []
        self.length = 0

    def add(self, raw):
        piece = normalise(raw or "")
        if piece:
            self.pieces.append(piece)
            self.length += len(piece) + 1
        return self.length <= self.limit

    def value(self):
        text = "\n".join(self.pieces)
        if len(text) <= self.limit:
            return text
        cut = text[: self.limit]
        if not text[self.limit].isspace():  # do not end on half a word
            cut = cut.rsplit(None, 1)[0]
        return cut.rstrip()


def normalise(raw):
    """One line per paragraph, single spaces, no control or invisible characters, compatibility forms
    folded (NFKC: PDFs give ligatures « ﬁ » and decomposed accents that a search would not match)."""
    text = unicodedata.normalize("NFKC", raw.translate(_INVISIBLE))
    lines = (_BLANKS.sub(" ", _CONTROL.sub(" ", line)).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --- the formats -------------------------------------------------------------------------------------


def _pdf(data, text):
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # Many PDFs are encrypted only to restrict printing or copying, with an empty user password:
        # any viewer opens them, so may the search. AES needs the optional `cryptography`: without it,
        # such a file is refused as encrypted.
        try:
            opened = reader.decrypt("")
        except Exception:  # noqa: BLE001 - pypdf's DependencyError, or an unknown algorithm
            opened = False
        if not opened:
            raise Unreadable("PDF chiffré")
    for page in itertools.islice(reader.pages, MAX_PDF_PAGES):
        if not text.add(page.extract_text()):
            return


def _docx(data, text):
    _docx_text(docx.Document(io.BytesIO(data)), text)


def _docx_text(container, text):
    """Paragraphs and tables in document order, a table cell by cell (cells hold tables in turn)."""
    for block in docx_blocks(container):
        if isinstance(block, tuple):
            for cell in block:
                if not _docx_text(cell, text):
                    return False
        elif not text.add(block.text):
            return False
    return True


def docx_blocks(container):
    """The blocks of a DOCX document (or of a table cell) in document order: a paragraph, or for each
    row of a table the tuple of its cells. Also read, with their styles, by the fiche import.

    python-docx gives a cell spanning several columns once per column, as the same object: it comes
    once here. Two cells that merely hold the same text (« Oui | Oui ») are two cells.
    """
    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            yield block
            continue
        for row in block.rows:
            cells, previous = [], None
            for cell in row.cells:
                if cell is not previous:
                    cells.append(cell)
                previous = cell
            yield tuple(cells)


def _odt(data, text):
    for block in odfdo.Document(io.BytesIO(data)).body.xpath(ODT_BLOCKS):
        if not text.add(block.text_recursive):
            return


def _plain(data, text):
    """UTF-8 (or UTF-16 with its byte order mark), else Windows-1252, else Latin-1.

    Windows-1252 before Latin-1: French text saved on Windows has « œ », « ’ » and « € » where Latin-1
    has control characters. Latin-1 decodes anything, so it comes last.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:8192]:
        raise Unreadable("contenu binaire dans un fichier texte")
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                decoded = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    for line in decoded.splitlines():
        if not text.add(line):
            return


_EXTRACTORS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "text": _plain}


# --- Wagtail documents -----------------------------------------------------------------------------


def text_of(document):
    """The text of a Wagtail document's file: the kept one if it was read from the current file, else
    extracted now and kept."""
    return texts_of([document]).get(document.pk, "")


def texts_of(documents):
    """{document id: text} for many documents, with one query for the kept texts (indexing many pages).

    A document whose file Wagtail has not fingerprinted yet (created in code rather than uploaded) gets
    its fingerprint first, the Wagtail way (`get_file_hash`, `get_file_size`, which save it).
    """
    documents = list({document.pk: document for document in documents if document is not None}.values())
    known = [document for document in documents if _fingerprinted(document)]
    kept = DocumentText.objects.in_bulk([document.pk for document in known]) if known else {}
    texts = dict.fromkeys((document.pk for document in documents), "")
    fresh = []
    for document in known:
        row = kept.get(document.pk)
        if row is not None and row.matches(document):
            texts[document.pk] = row.text
            continue
        text = _read_document(document)
        if text is None:
            continue
        texts[document.pk] = text
        fresh.append(
            DocumentText(
                document=document,
                text=text,
                file_size=document.file_size,
                file_hash=document.file_hash,
                extracted_at=timezone.now(),
            )
        )
    if fresh:
        # An upsert: two indexings of the same new document at once both write, neither fails.
        DocumentText.objects.bulk_create(
            fresh,
            update_conflicts=True,
            unique_fields=["document"],
            update_fields=["text", "file_size", "file_hash", "extracted_at"],
        )
    return texts


def _fingerprinted(document):
    try:
        document.get_file_hash()
        document.get_file_size()
    except Exception as error:  # the file is missing from the storage, or the storage failed
        _warn(document.filename, error)
        return False
    return True


def _read_document(document):
    """The text of the document's file; None when the storage failed (nothing is kept, so the next
    indexing tries again), "" when the file itself cannot be read (kept until the file changes)."""
    try:
        with document.open_file() as file:
            data = read_capped(file)
    except Unreadable as error:
        _warn(document.filename, error)
        return ""
    except Exception as error:
        _warn(document.filename, error)
        return None
    return _parse(data, document.filename)


def drop_stale_text(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    """A document saved with another file loses the text read from the old one.

    Wagtail records the new file's hash and size when an editor replaces it (admin forms, multiple
    upload): the kept row no longer matches them and goes. A save that touches no field of the file
    (a new title, tags) keeps it, without a query.
    """
    if created or raw or (update_fields is not None and not FINGERPRINT_FIELDS & set(update_fields)):
        return
    DocumentText.objects.filter(document_id=instance.pk).exclude(
        file_hash=instance.file_hash, file_size=instance.file_size
    ).delete()


def connect():
    post_save.connect(drop_stale_text, sender=get_document_model(), dispatch_uid="portal.document_text.drop_stale")
