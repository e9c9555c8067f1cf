"""From the lines of an exported fiche to the fiche's fields, each with the text it came from.

Why every value carries its source: the person who imports checks the result before confirming, and a
moderator reviews the draft; « Région : Bretagne, d'après « - région Bretagne » » can be checked at a
glance, a bare value cannot. What matches nothing is kept in `unmapped`, never dropped silently.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from rapidfuzz import fuzz, process

from .classifying import classify
from .vocabulary import LABELS, LIVRABLE_KINDS, SECTION_HEADINGS, fold

HEADING_SCORE = 86
MAX_HEADING_LENGTH = 70
SECTIONS = ("context", "description", "objectives", "actions", "results", "what_worked", "what_did_not_work", "lessons")

_BULLET = re.compile(r"^\s*(?:[•\-*–—·▪◦●○■□➢➤►]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_BOLD_WHOLE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
_BOLD_INLINE = re.compile(r"(\*\*|__)(.+?)\1")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LIVRABLE = re.compile(
    r"^livrable\s*(?:n\s*[°º o]\s*\.?|n[°º]|no\.?|num[ée]ro|#)?\s*(\d{1,3})\s*(?:[:\-–—.)]\s*)?(.*)$", re.IGNORECASE
)
_SENTENCE_END = ('.', '!', '?', ':', ';', '»', '"', ')')


@dataclass
class Item:
    text: str
    heading: bool = False
    bullet: bool = False
    title: bool = False


@dataclass
class Livrable:
    number: int
    title: str
    source: str
    kind: str = "autre"
    paragraphs: list = field(default_factory=list)


@dataclass
class Recognised:
    """What was found: {field: (value, source)}, sections as HTML with their sources, and the rest."""

    values: dict = field(default_factory=dict)
    sections: dict = field(default_factory=dict)  # field -> [html blocks]
    section_sources: dict = field(default_factory=dict)  # field -> [headings or first lines]
    livrables: list = field(default_factory=list)
    contacts: list = field(default_factory=list)  # (name, email, source)
    unmapped: list = field(default_factory=list)

    def found(self, name, value, source):
        if name not in self.values and value not in (None, "", []):
            self.values[name] = (value, source)

    def add_block(self, name, html, source=None):
        self.sections.setdefault(name, []).append(html)
        if source:
            self.section_sources.setdefault(name, []).append(source)

    def section_html(self, name):
        return "".join(self.sections.get(name, []))


# --- lines -------------------------------------------------------------------------------------------


def clean(line):
    """An Item without the export's marks: Markdown headings, bold markers, bullets, stray spaces."""
    text = " ".join(line.text.split())
    heading = line.heading or line.title or line.bold
    if _MD_HEADING.match(text):
        text, heading = _MD_HEADING.sub("", text), True
    whole = _BOLD_WHOLE.match(text)
    if whole:
        text, heading = whole.group(2).strip() + (":" if text.rstrip().endswith(":") else ""), True
    text = " ".join(_BOLD_INLINE.sub(r"\2", text).split())  # « **Région :** Bretagne »
    bullet = bool(_BULLET.match(text)) or line.bullet
    if bullet:
        text = _BULLET.sub("", text)
    return Item(text.strip(), heading=heading and not bullet, bullet=bullet, title=line.title)


def join_broken(items):
    """Lines cut in the middle of a sentence (PDF, text wrapped at 80 columns) are put back together."""
    joined = []
    for item in items:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not item.heading
            and not item.bullet
            and not previous.heading
            and not previous.text.endswith(_SENTENCE_END)
            and (item.text[:1].islower() or item.text[:1].isdigit())
            and not label_of(item.text)
            and not _LIVRABLE.match(item.text)
        ):
            previous.text = f"{previous.text} {item.text}"
            continue
        joined.append(item)
    return joined


def heading_of(text):
    """(field, keep heading) when `text` is a known heading, typos tolerated; else None."""
    key = fold(_BOLD_INLINE.sub(r"\2", text))
    if not key or len(text) > MAX_HEADING_LENGTH:
        return None
    if key in SECTION_HEADINGS:
        return SECTION_HEADINGS[key]
    match = process.extractOne(key, SECTION_HEADINGS.keys(), scorer=fuzz.ratio, score_cutoff=HEADING_SCORE)
    return SECTION_HEADINGS[match[0]] if match else None


def label_of(text):
    """(field, value) of a « Label : value » line whose label is known; else None."""
    if ":" not in text:
        return None
    label, value = text.split(":", 1)
    key = fold(_BOLD_INLINE.sub(r"\2", label))
    if not key or len(key) > 40:
        return None
    name = LABELS.get(key)
    if name is None:
        match = process.extractOne(key, LABELS.keys(), scorer=fuzz.ratio, score_cutoff=HEADING_SCORE)
        name = LABELS[match[0]] if match else None
    return (name, value.strip()) if name else None


def inline_html(text):
    return _BOLD_INLINE.sub(r"<b>\2</b>", escape(text))


# --- the walk -------------------------------------------------------------------------------------------


def recognise(lines):
    items = join_broken([item for item in (clean(line) for line in lines) if item.text])
    result = Recognised()
    labelled = {}
    target = None  # a section field, "livrables", "contacts", or a Livrable
    keep_bullets = []
    pending_contact = []

    def flush_bullets():
        if keep_bullets and isinstance(target, str) and target in SECTIONS:
            result.add_block(target, "<ul>" + "".join(f"<li>{inline_html(t)}</li>" for t in keep_bullets) + "</ul>")
        keep_bullets.clear()

    for index, item in enumerate(items):
        text = item.text
        if index == 0 or (item.title and "title" not in result.values):
            if not label_of(text) and not heading_of(text):
                title = text.rstrip(":").strip()
                result.found("title", title[0] + title[1:].lower() if title.isupper() else title, text)
                continue
        emails = _EMAIL.findall(text)
        labelled_value = label_of(text)
        if emails and (target == "contacts" or (labelled_value and labelled_value[0] == "contacts") or len(text) < 160):
            flush_bullets()
            for email in emails:
                name, role = _contact_name(text, email)
                if not name and pending_contact:
                    name, role = _contact_name(pending_contact.pop() + " " + email, email)
                    text = f"{name} {email}"
                result.contacts.append((name or email.split("@")[0].replace(".", " ").title(), role, email, text))
            continue
        if target == "contacts" and not item.heading:
            pending_contact[:] = [text]  # a name and role on the line before the address
            continue
        livrable = _LIVRABLE.match(text)
        if livrable:
            flush_bullets()
            number, title = int(livrable.group(1)), livrable.group(2).strip().rstrip(".;") or text
            target = Livrable(number, title[:255], text, kind=_livrable_kind(title))
            result.livrables.append(target)
            continue
        section = heading_of(text.rstrip(":").strip()) if (item.heading or len(text) <= MAX_HEADING_LENGTH) else None
        if section and (item.heading or not text.endswith(".")):
            flush_bullets()
            target, keep = section
            if target == "intro" or target in ("livrables", "contacts"):
                continue
            result.section_sources.setdefault(target, []).append(text)
            if keep:
                result.add_block(target, f"<h3>{escape(text.rstrip(':').strip())}</h3>")
            continue
        if labelled_value and not item.bullet:
            name, value = labelled_value
            if name == "title" and value:
                result.found("title", value, text)
                continue
            if value and name != "contacts":
                flush_bullets()
                labelled.setdefault(name, (value, text))
                continue
        inline_section = heading_of(text.split(":", 1)[0]) if ":" in text and not item.bullet else None
        if inline_section and inline_section[0] in SECTIONS + ("intro",) and text.split(":", 1)[1].strip():
            flush_bullets()
            target = inline_section[0]
            result.section_sources.setdefault(target, []).append(text)
            text = text.split(":", 1)[1].strip()
        if isinstance(target, Livrable):
            target.paragraphs.append(text)
            continue
        if target == "intro" or (target is None and "intro" not in result.values and not item.heading and len(text) > 60):
            if "intro" in result.values:
                value, source = result.values["intro"]
                result.values["intro"] = (f"{value} {text}", f"{source}\n{text}")
            else:
                result.found("intro", text, text)
            continue
        if isinstance(target, str) and target in SECTIONS:
            if item.bullet:
                keep_bullets.append(text)
                continue
            flush_bullets()
            tag = "h3" if item.heading else "p"
            result.add_block(target, f"<{tag}>{inline_html(text)}</{tag}>")
            continue
        result.unmapped.append(text)
    flush_bullets()
    result.unmapped.extend(pending_contact)
    classify(result, labelled, items)
    return result


def _contact_name(text, email):
    """(name, role) from « Contact : Claire Martin, cheffe du bureau RH : claire.martin@… »."""
    before = text.split(email)[0]
    if ":" in before and label_of(before):
        before = before.split(":", 1)[1]
    before = before.strip(" ,;:-–—<([|")
    name, _comma, role = before.partition(",")
    return name.strip()[:120], role.strip(" ,;:-–—")[:160]


def _livrable_kind(title):
    folded = fold(title)
    for pattern, kind in LIVRABLE_KINDS:
        if re.search(pattern, folded):
            return kind
    return "autre"
