"""What an import says about each file, on the admin screen and in the command's JSON.

Why one structure for both: the person who previews an upload and the administrator who runs the
command on a folder must read the same thing — the draft, each field with the text it came from, what
is still missing before publication, and what matched nothing.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from ..models import PracticeSheetPage
from ..models.taxonomy import FonctionPublique

EXCERPT_CHARS = 160


def field_label(name):
    """The French label of a fiche field, from the model itself so that it never drifts."""
    return str(PracticeSheetPage._meta.get_field(name).verbose_name)


def display(name, value):
    if value is None:
        return ""
    if name == "fonction_publique":
        return str(FonctionPublique(value).label)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    text = re.sub(r"</(?:p|li|h\d)>", " ", str(value))  # blocks apart, not glued together
    return Truncator(" ".join(html.unescape(strip_tags(text)).split())).chars(EXCERPT_CHARS)


@dataclass
class FileReport:
    filename: str
    status: str = ""  # created, updated, to-create, to-update, error
    error: str = ""
    page_id: int | None = None
    title: str = ""
    edit_url: str = ""
    fields: list = field(default_factory=list)  # {"field", "label", "value", "source"}
    livrables: list = field(default_factory=list)  # {"number", "title", "kind", "source"}
    contacts: list = field(default_factory=list)  # {"name", "email", "source"}
    missing: list = field(default_factory=list)
    unmapped: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    STATUS_LABELS = {
        "created": gettext_lazy("brouillon créé et soumis à la modération"),
        "updated": gettext_lazy("brouillon mis à jour (nouvelle révision)"),
        "to-create": gettext_lazy("sera créé"),
        "to-update": gettext_lazy("mettra à jour le brouillon existant"),
        "error": gettext_lazy("refusé"),
    }

    @property
    def ok(self):
        return not self.error

    @property
    def status_label(self):
        return str(self.STATUS_LABELS.get(self.status, self.status))

    def describe(self, recognised):
        for name, (value, source) in recognised.values.items():
            if name == "title":
                self.title = value
            self.fields.append(
                {"field": name, "label": field_label(name), "value": display(name, value), "source": source}
            )
        for name in recognised.sections:
            self.fields.append(
                {
                    "field": name,
                    "label": field_label(name),
                    "value": display(name, recognised.section_html(name)),
                    "source": " / ".join(recognised.section_sources.get(name, [])),
                }
            )
        self.livrables = [
            {"number": livrable.number, "title": livrable.title, "kind": livrable.kind, "source": livrable.source}
            for livrable in recognised.livrables
        ]
        self.contacts = [
            {"name": name, "role": role, "email": email, "source": source}
            for name, role, email, source in recognised.contacts
        ]
        self.unmapped = list(recognised.unmapped)

    def as_dict(self):
        return {
            "file": self.filename,
            "status": self.status,
            "status_label": self.status_label,
            "error": self.error,
            "page_id": self.page_id,
            "title": self.title,
            "edit_url": self.edit_url,
            "fields": self.fields,
            "livrables": self.livrables,
            "contacts": self.contacts,
            "missing": self.missing,
            "unmapped": self.unmapped,
            "notes": self.notes,
        }
