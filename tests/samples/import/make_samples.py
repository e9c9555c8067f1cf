"""Write the sample exports of tests/test_import_fiches.py: `.venv/bin/python tests/samples/import/make_samples.py`.

The files are committed; run this again after changing fiches.py. Each format is written the way the
former platforms exported it: text wrapped at 78 columns with « • » bullets, stray spaces and headings
without accents; Markdown with « ** » and « __ »; DOCX with bold paragraphs as headings (no styles) for
Bretagne and heading styles for the round trip; ODT with headings; PDF with lines cut by the page width,
written here by hand (Helvetica in WinAnsiEncoding, so that accents come back through pypdf).
"""

import sys
import textwrap
import unicodedata
from pathlib import Path

import docx
from odfdo import Document, Header, List, ListItem, Paragraph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fiches import BRETAGNE, OCCITANIE, ROUNDTRIP, TARN  # noqa: E402


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def as_text(fiche):
    lines = []
    for kind, text in fiche:
        if kind == "title":
            lines += [text.upper(), ""]
        elif kind == "h":
            lines += ["", strip_accents(text) + " :", ""]
        elif kind == "li":
            lines += textwrap.wrap("•  " + text, 78)
        elif kind == "meta":
            lines.append(text.replace(" : ", "  :  ", 1))
        else:
            lines += textwrap.wrap(text, 78) + [""]
    return "\n".join(lines) + "\n"


def as_markdown(fiche):
    lines = []
    for kind, text in fiche:
        if kind == "title":
            lines += [f"# {text}", ""]
        elif kind == "h":
            lines += ["", f"## {text}", ""]
        elif kind == "li":
            lines.append(f"- {text}")
        elif kind == "meta":
            label, value = text.split(" : ", 1)
            lines.append(f"**{label} :** {value}  ")
        else:
            lines += [text, ""]
    return "\n".join(lines) + "\n"


def as_docx(fiche, path, styles=True):
    document = docx.Document()
    for kind, text in fiche:
        if kind == "title":
            document.add_paragraph(text, style="Title" if styles else None)
        elif kind == "h":
            if styles:
                document.add_heading(text, level=1)
            else:
                document.add_paragraph().add_run(text).bold = True
        elif kind == "li":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "meta":
            label, value = text.split(" : ", 1)
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label} : ").bold = True
            paragraph.add_run(value)
        else:
            document.add_paragraph(text)
    document.core_properties.author = "Plateforme d'échange"
    document.save(path)


def as_odt(fiche, path):
    document = Document("text")
    body = document.body
    body.clear()
    current_list = None
    for kind, text in fiche:
        if kind != "li":
            current_list = None
        if kind == "title":
            body.append(Header(1, text))
        elif kind == "h":
            body.append(Header(2, text))
        elif kind == "li":
            if current_list is None:
                current_list = List()
                body.append(current_list)
            current_list.append(ListItem(text))
        else:
            body.append(Paragraph(text))
    document.save(path)


def _pdf_string(text):
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def as_pdf(fiche, path, per_page=46):
    """A minimal PDF: one Helvetica font in WinAnsiEncoding, one text object per page, lines 16 pt apart."""
    lines = []
    for kind, text in fiche:
        if kind == "li":
            lines += textwrap.wrap("- " + text, 90)
        elif kind == "h":
            lines += ["", text]
        else:
            lines += textwrap.wrap(text, 90)
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
               b" /Encoding /WinAnsiEncoding >>"]
    kids = []
    for page_lines in pages:
        stream = b"BT /F1 10 Tf 16 TL 50 800 Td " + b" ".join(_pdf_string(line) + b" ' " for line in page_lines) + b"ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def main():
    (HERE / "roundtrip.txt").write_text(as_text(ROUNDTRIP), encoding="utf-8")
    (HERE / "roundtrip.md").write_text(as_markdown(ROUNDTRIP), encoding="utf-8")
    as_docx(ROUNDTRIP, HERE / "roundtrip.docx")
    as_odt(ROUNDTRIP, HERE / "roundtrip.odt")
    as_pdf(ROUNDTRIP, HERE / "roundtrip.pdf")
    as_docx(BRETAGNE, HERE / "ddtm-cotes-d-armor-bretagne.docx", styles=False)
    as_odt(OCCITANIE, HERE / "dreal-occitanie-2018.odt")
    as_pdf(TARN, HERE / "pole-territorial-tarn.pdf")
    (HERE / "dreal-occitanie-2018.md").write_text(as_markdown(OCCITANIE).replace("**", "__", 4), encoding="utf-8")
    (HERE / "pole-territorial-tarn.txt").write_text(as_text(TARN), encoding="utf-8")


if __name__ == "__main__":
    main()
