"""Turning what was recognised into a draft fiche in moderation, one transaction per file.

Why drafts only: an export may be old, partial or misread; a moderator checks each one through the
« Modération des fiches » workflow. The draft is submitted even when incomplete: the publish guard
(PracticeSheetPage.publish) keeps it from going live until the missing parts are filled in, and the
report names them. Why one transaction per file: a file that fails half-way leaves nothing behind,
and the other files of the same batch still import.
"""

import logging
from pathlib import PurePath

from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from ..models import FicheContact, FicheImport, LivrablePage, PracticeIndexPage, PracticeSheetPage
from ..models import completeness as completeness_rules
from ..slugs import free_slug
from ..tags import canonical_names
from .reading import UnreadableFile, read_file
from .recognising import SECTIONS, inline_html, recognise
from .report import FileReport

logger = logging.getLogger(__name__)

SCALARS = ("carrying_structure", "start_year", "end_year", "fonction_publique", "intro")


def source_name(name):
    """The file's own name: a client may send a whole path (« C:\\fiches\\a.docx »), never trusted."""
    return PurePath(str(name).replace("\\", "/")).name[:255] or "fichier"


def import_file(source, name, *, user=None, dry_run=False):
    """Import one file (a path or a binary file object); a FileReport, never an exception."""
    name = source_name(name)
    report = FileReport(name)
    try:
        lines = read_file(source, name)
    except UnreadableFile as error:
        report.status, report.error = "error", str(error)
        return report
    recognised = recognise(lines)
    report.describe(recognised)
    existing = (
        FicheImport.objects.filter(source_name=name, imported_by=user if user and user.pk else None)
        .select_related("page")
        .first()
    )
    if dry_run:
        page = _apply(PracticeSheetPage(title=report.title), recognised)
        report.missing = [str(part) for part in completeness_rules.missing_parts(page)]
        report.status = "to-update" if existing else "to-create"
        if existing:
            _describe_page(report, existing.page)
        return report
    try:
        with transaction.atomic():
            page, created = _save(recognised, existing, user, name, report)
    except Exception:  # noqa: BLE001 - one bad file must not stop the others; the log has the trace
        logger.exception("Import de fiche impossible : %s", name)
        report.status = "error"
        report.error = _("Import impossible : une erreur inattendue a empêché la création de la fiche ; rien n'a été enregistré.")
        return report
    report.status = "created" if created else "updated"
    report.missing = [str(part) for part in completeness_rules.missing_parts(page)]
    _describe_page(report, page)
    return report


def _describe_page(report, page):
    report.page_id = page.pk
    report.edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _apply(page, recognised):
    values = recognised.values
    if "title" in values:
        page.title = page.draft_title = str(values["title"][0])[:255]
    for name in SCALARS:
        if name in values:
            setattr(page, name, values[name][0])
    if page.start_year and page.end_year and page.end_year < page.start_year:
        page.end_year = None
    for name in ("service_type", "region"):
        if name in values and values[name][0] is not None:
            setattr(page, name, values[name][0])
    if "departments" in values:
        page.departments = list(values["departments"][0])
    if "themes" in values:
        page.themes = list(values["themes"][0])
    for name in SECTIONS:
        if name in recognised.sections:
            setattr(page, name, recognised.section_html(name))
    if recognised.contacts:
        seen, contacts = set(), []
        for contact_name, role, email, _source in recognised.contacts:
            if email.lower() not in seen:
                seen.add(email.lower())
                contacts.append(FicheContact(name=contact_name[:120], role=role[:160], email=email))
        page.contacts = contacts
    return page


def _save(recognised, existing, user, name, report):
    user = user if user is not None and user.pk else None
    if existing is not None:
        page = existing.page.get_latest_revision_as_object()
        created = False
    else:
        index = PracticeIndexPage.objects.first()
        title = str(recognised.values.get("title", (name,))[0])[:255]
        slug = free_slug(index, slugify(title)[:70] or "fiche-importee")
        page = PracticeSheetPage(title=title, slug=slug, live=False, owner=user)
        created = True
    _apply(page, recognised)
    if "tags" in recognised.values:
        page.tags.set(canonical_names(recognised.values["tags"][0]))
    if created:
        index.add_child(instance=page)
        FicheImport.objects.create(source_name=name, imported_by=user, page=page)
    else:
        existing.save(update_fields=["updated_at"])
    page.save_revision(user=user, log_action=True)
    _save_livrables(page, recognised, user, report)
    _submit(page, user)
    return page, created


def _save_livrables(page, recognised, user, report):
    taken = set()
    for livrable in recognised.livrables:
        number = livrable.number
        if number in taken:
            report.notes.append(
                _("Le numéro %(number)s apparaît deux fois : « %(title)s » prend le prochain numéro libre.")
                % {"number": number, "title": livrable.title}
            )
            number = None
        taken.add(number)
        description = "".join(f"<p>{inline_html(text)}</p>" for text in livrable.paragraphs)
        current = LivrablePage.objects.child_of(page).filter(number=number).first() if number else None
        if current is not None:
            child = current.get_latest_revision_as_object()
            child.title = child.draft_title = livrable.title
            child.kind = livrable.kind
            if description:
                child.description = description
        else:
            child = LivrablePage(
                title=livrable.title,
                slug=free_slug(page, slugify(f"livrable-{number or ''}-{livrable.title}")[:70]),
                number=number,
                kind=livrable.kind,
                description=description,
                live=False,
                owner=user,
            )
            page.add_child(instance=child)
        child.save_revision(user=user)


def _submit(page, user):
    """Into the moderation workflow: started once, resumed if a moderator asked for changes."""
    state = page.current_workflow_state
    if state is None:
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
