"""Livrables: the numbered productions of a network or of a fiche ("Livrable n° 3").

The number is unique among the livrables of one parent. Wagtail pages have no parent column a database
constraint could use, so the rule lives in the page form (which knows the parent while a page is being
created) and in `clean()` for every other path; an empty number takes the next free one.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.dates import long_date
from portal.models import BasePage
from search.contract import SearchablePage

from .fiche_parts import AttachedDocument
from .inherited import TEXT_FEATURES, FromParentFacets


class LivrableKind(models.TextChoices):
    NOTE_INTENTION = "note-intention", _("note d'intention")
    NOTE_CADRAGE = "note-cadrage", _("note de cadrage")
    NOTE_FAISABILITE = "note-faisabilite", _("note de faisabilité")
    METHOD_SHEET = "fiche-methodologique", _("fiche méthodologique")
    TOOL = "outil", _("outil")
    TRAINING = "formation", _("formation")
    SEMINAR = "seminaire", _("séminaire")
    EVENT = "evenement", _("événement")
    OTHER = "autre", _("autre")


class LivrableStatus(models.TextChoices):
    PLANNED = "prevu", _("prévu")
    IN_PROGRESS = "en-cours", _("en cours")
    DONE = "realise", _("réalisé")
    ABANDONED = "abandonne", _("abandonné")


# DSFR badge variants by status
STATUS_BADGES = {
    LivrableStatus.PLANNED: "info",
    LivrableStatus.IN_PROGRESS: "new",
    LivrableStatus.DONE: "success",
    LivrableStatus.ABANDONED: "warning",
}


def sibling_livrables(parent, exclude_pk=None):
    queryset = LivrablePage.objects.child_of(parent)
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset


def next_number(parent):
    highest = sibling_livrables(parent).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def number_error(parent, number, exclude_pk=None):
    """The French message when `number` is taken under `parent`, else None."""
    taken = sibling_livrables(parent, exclude_pk).filter(number=number).first()
    if taken is None:
        return None
    return _("Le numéro %(number)s est déjà celui du livrable « %(title)s ». Le prochain numéro libre est %(free)s.") % {
        "number": number,
        "title": taken.title,
        "free": next_number(parent),
    }


def move_conflicts(pages, destination):
    """The French message for livrables among `pages` whose number is taken under `destination`, else None.

    Moving keeps a page's fields: a livrable n° 3 moved into a network that has its own n° 3 would make
    two. The admin's move and bulk move ask this first (practices.wagtail_hooks); LivrablePage.move
    refuses in every other case.
    """
    taken = []
    for page in pages:
        page = getattr(page, "specific", page)
        if isinstance(page, LivrablePage) and page.number is not None:
            already = sibling_livrables(destination, exclude_pk=page.pk).filter(number=page.number).first()
            if already is not None:
                taken.append((page, already))
    if not taken:
        return None
    page, already = taken[0]
    return _(
        "Déplacement refusé : « %(destination)s » a déjà un livrable n° %(number)s (« %(other)s »). Donnez d'abord "
        "à « %(title)s » un numéro libre là-bas (le prochain est %(free)s), puis déplacez-le."
    ) % {
        "destination": destination.title,
        "number": page.number,
        "other": already.title,
        "title": page.title,
        "free": next_number(destination),
    }


class LivrableForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page
        number = cleaned_data.get("number")
        if parent is not None:
            if number is None:
                cleaned_data["number"] = next_number(parent)
            else:
                message = number_error(parent, number, exclude_pk=self.instance.pk)
                if message:
                    self.add_error("number", message)
        return cleaned_data


class LivrablePage(FromParentFacets, SearchablePage, BasePage):
    number = models.PositiveSmallIntegerField(
        _("numéro"), null=True, blank=True, help_text=_("Unique parmi les livrables du même réseau ; vide : le suivant.")
    )
    kind = models.CharField(_("nature"), max_length=24, choices=LivrableKind.choices, default=LivrableKind.OTHER)
    status = models.CharField(_("état"), max_length=12, choices=LivrableStatus.choices, default=LivrableStatus.PLANNED)
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    completion_date = models.DateField(_("réalisé le"), null=True, blank=True)
    description = RichTextField(_("description"), blank=True, features=TEXT_FEATURES)

    base_form_class = LivrableForm
    search_type = "livrable"
    search_type_label = _("Livrable")
    # A copy takes the next free number of wherever it lands (save()), never its original's.
    exclude_fields_in_copy = ["number"]
    parent_page_types = ["practices.NetworkPage", "practices.PracticeSheetPage"]
    subpage_types = []

    search_prefetch = ("documents__document",)
    search_weights = {"documents": "D"}
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.RelatedFields("documents", AttachedDocument.search_fields),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]
    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("due_date"), FieldPanel("completion_date")]),
        FieldPanel("description"),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]

    class Meta:
        verbose_name = _("livrable")
        verbose_name_plural = _("livrables")

    def __str__(self):
        return self.title

    @property
    def number_label(self):
        return _("Livrable n° %(number)s") % {"number": self.number} if self.number else _("Livrable")

    @property
    def status_badge(self):
        return STATUS_BADGES.get(self.status, "info")

    @property
    def date_label(self):
        """The one date a list shows: when it was done, else when it is due."""
        if self.completion_date:
            return _("réalisé le %(date)s") % {"date": long_date(self.completion_date)}
        if self.due_date:
            return _("échéance : %(date)s") % {"date": long_date(self.due_date)}
        return ""

    def neighbours(self):
        """(previous, next) live livrables of the same parent by number, for the page's pagination."""
        if not self.path or self.number is None:
            return None, None
        siblings = LivrablePage.objects.sibling_of(self, inclusive=False).live().exclude(number=None)
        previous = siblings.filter(number__lt=self.number).order_by("-number", "-path").first()
        following = siblings.filter(number__gt=self.number).order_by("number", "path").first()
        return previous, following

    def document_list(self):
        return self.documents.select_related("document").all()

    def facet_year(self):
        date = self.completion_date or self.due_date
        return date.year if date else None

    def card_badges(self):
        return [str(self.number_label), self.get_kind_display().capitalize(), self.get_status_display().capitalize()]

    def clean(self):
        super().clean()
        if self.status == LivrableStatus.PLANNED and self.completion_date:
            raise ValidationError({"completion_date": _("Un livrable encore prévu n'a pas de date de réalisation.")})
        parent = self.get_parent() if self.path else None
        if parent is not None and self.number is not None:
            message = number_error(parent, self.number, exclude_pk=self.pk)
            if message:
                raise ValidationError({"number": message})

    def move(self, target, pos=None, user=None):
        """Wagtail's move, refused when the number is taken where the livrable would land."""
        destination = target if pos in (None, "first-child", "last-child", "sorted-child") else target.get_parent()
        message = move_conflicts([self], destination.specific)
        if message:
            raise ValidationError(message)
        return super().move(target, pos=pos, user=user)

    def save(self, *args, **kwargs):
        # Pages made in code (imports, demo) get the next number like the admin form gives it.
        if self.number is None and self.path and self.depth and self.depth > 1:
            parent = self.get_parent()
            if parent is not None:
                self.number = next_number(parent)
        return super().save(*args, **kwargs)


class LivrableDocument(AttachedDocument):
    page = ParentalKey(LivrablePage, on_delete=models.CASCADE, related_name="documents")

    class Meta(AttachedDocument.Meta):
        verbose_name = _("document du livrable")
        verbose_name_plural = _("documents du livrable")


def livrables_of(parent):
    """The live livrables of a network or a fiche, in number order."""
    return LivrablePage.objects.child_of(parent).live().order_by("number", "path")


def progress_of(livrables):
    """{"done", "total", "abandoned", "percent"} of a parent's livrables; abandoned ones do not count."""
    livrables = list(livrables)
    abandoned = sum(1 for livrable in livrables if livrable.status == LivrableStatus.ABANDONED)
    total = len(livrables) - abandoned
    done = sum(1 for livrable in livrables if livrable.status == LivrableStatus.DONE)
    return {
        "done": done,
        "total": total,
        "abandoned": abandoned,
        "percent": round(100 * done / total) if total else 0,
        "label": _("%(done)s / %(total)s réalisés") % {"done": done, "total": total},
    }


__all__ = [
    "LivrableDocument",
    "LivrableKind",
    "LivrablePage",
    "LivrableStatus",
    "livrables_of",
    "next_number",
    "progress_of",
]
