"""Reading an exported fiche into lines, whatever its format.

Why one list of lines for every format: the recognition (recognising.py) then has one job. Text,
Markdown and PDF give their text only (through portal.document_text, with its size caps and format
checks), so headings are guessed from the words; DOCX and ODT say which paragraphs are headings or bold,
and that is kept, since former platforms exported headings as styles rather than as words alone.
"""

import io
import re
from dataclasses import dataclass
from pathlib import PurePath

import docx
import odfdo
from django.utils.translation import gettext as _

from portal.document_text import (
    DOCUMENT_EXTENSIONS,
    ODT_BLOCKS,
    TEXT_EXTENSIONS,
    Unreadable,
    docx_blocks,
    kind_of,
    normalise,
    parse_strictly,
    read_capped,
)

# What portal.document_text reads, so that both agree; but a table (CSV) is not a fiche.
EXTENSIONS = (TEXT_EXTENSIONS - {".csv"}) | DOCUMENT_EXTENSIONS
_HEADING_STYLE = re.compile(r"^(heading|titre|title)\s*(\d*)", re.IGNORECASE)


class UnreadableFile(Exception):
    """A file that cannot be imported, with the French reason shown to the person."""


@dataclass
class Line:
    text: str
    heading: bool = False  # a heading style (DOCX, ODT) or a Markdown "#"
    bold: bool = False  # the whole paragraph in bold: former platforms' headings
    title: bool = False  # the document's title style
    bullet: bool = False  # an item of a list (a list style, or inside an ODT list)


def read_file(source, name):
    """The lines of a file (a path or a binary file object), or UnreadableFile saying why in French."""
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise UnreadableFile(
            _("Format non pris en charge (%(ext)s) : texte (.txt), Markdown (.md), DOCX, ODT ou PDF.")
            % {"ext": extension or _("sans extension")}
        )
    try:
        data = read_capped(source)
    except Unreadable as error:
        raise UnreadableFile(_("Fichier trop volumineux ou illisible (%(reason)s).") % {"reason": error}) from error
    if not data.strip():
        raise UnreadableFile(_("Le fichier est vide."))
    try:
        kind = kind_of(data, name)
        if kind == "docx":
            lines = list(_docx_lines(data))
        elif kind == "odt":
            lines = list(_odt_lines(data))
        else:
            lines = [Line(text) for text in parse_strictly(data, name).splitlines()]
    except Unreadable as error:
        raise UnreadableFile(_("Fichier illisible : %(reason)s.") % {"reason": error}) from error
    except Exception as error:  # any parser's error on a corrupt file
        raise UnreadableFile(
            _("Fichier illisible : le contenu n'est pas un document %(ext)s valide.") % {"ext": extension}
        ) from error
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        raise UnreadableFile(_("Le fichier ne contient aucun texte lisible."))
    return lines


def _docx_lines(data):
    for block in docx_blocks(docx.Document(io.BytesIO(data))):
        if isinstance(block, tuple):  # a table row: « Label : value », a merged cell once
            texts = (cell.text.strip() for cell in block)
            yield Line(normalise(" : ".join(text for text in texts if text)))
            continue
        text = normalise(block.text)
        if not text:
            continue
        style = (block.style.name if block.style is not None else "") or ""
        match = _HEADING_STYLE.match(style)
        runs = [run for run in block.runs if run.text.strip()]
        bold = bool(runs) and all(run.bold for run in runs)
        yield Line(
            text,
            heading=bool(match),
            bold=bold,
            title=bool(match) and match.group(1).lower() == "title",
            bullet="list" in style.lower() or "liste" in style.lower(),
        )


def _odt_lines(data):
    document = odfdo.Document(io.BytesIO(data))
    for block in document.body.xpath(ODT_BLOCKS):
        text = normalise(block.text_recursive)
        if not text:
            continue
        style = (block.get_attribute("text:style-name") or "") if hasattr(block, "get_attribute") else ""
        is_heading = block.tag == "text:h" or str(style).lower().startswith(("heading", "titre"))
        in_list = bool(block.xpath("ancestor::text:list-item"))
        yield Line(text, heading=is_heading and not in_list, title=str(style).lower() == "title", bullet=in_list)


__all__ = ["EXTENSIONS", "UnreadableFile", "Line", "read_file"]
