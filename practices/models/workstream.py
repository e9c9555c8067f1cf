"""Chantiers: the workstreams of a network, with their référents and dated sessions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from portal.models import BasePage
from search.contract import SearchablePage

from .inherited import TEXT_FEATURES, FromParentFacets
from .people import Membership


class WorkstreamStatus(models.TextChoices):
    PREPARING = "preparation", _("en préparation")
    ACTIVE = "actif", _("en cours")
    CLOSED = "termine", _("terminé")


class SessionFormat(models.TextChoices):
    ON_SITE = "presentiel", _("présentiel")
    REMOTE = "visio", _("visioconférence")


class WorkstreamForm(WagtailAdminPageForm):
    """Référents must be current members of the network the chantier belongs to."""

    def clean(self):
        cleaned_data = super().clean()
        network = self.parent_page
        formset = self.formsets.get("referents")
        if network is None or formset is None:
            return cleaned_data
        formset.is_valid()  # the page form is cleaned before its formsets: see CuratedCollectionForm
        members = set(Membership.objects.filter(network_id=network.pk).current().values_list("person_id", flat=True))
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            person = form.cleaned_data.get("person")
            if person is not None and person.pk not in members:
                form.add_error(
                    "person",
                    _("%(person)s n'est pas membre du réseau « %(network)s » : ajoutez-le d'abord aux membres.")
                    % {"person": person, "network": network.title},
                )
        return cleaned_data


class WorkstreamPage(FromParentFacets, SearchablePage, BasePage):
    stakes = RichTextField(_("enjeux"), blank=True, features=TEXT_FEATURES)
    status = models.CharField(_("état"), max_length=12, choices=WorkstreamStatus.choices, default=WorkstreamStatus.ACTIVE)
    how_to_join = RichTextField(
        _("comment participer"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Qui contacter, ce qui est attendu des participants, la prochaine étape."),
    )

    base_form_class = WorkstreamForm
    search_type = "chantier"
    search_type_label = _("Chantier")
    parent_page_types = ["practices.NetworkPage"]
    subpage_types = []

    search_prefetch = ("referents__person", "sessions")
    search_weights = {"referents": "D", "sessions": "D"}
    search_fields = BasePage.search_fields + [
        index.SearchField("stakes"),
        index.SearchField("how_to_join"),
        index.RelatedFields(
            "referents",
            [
                index.SearchField("mission"),
                index.RelatedFields("person", [index.SearchField("first_name"), index.SearchField("last_name")]),
            ],
        ),
        index.RelatedFields("sessions", [index.SearchField("place"), index.SearchField("topic")]),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("status"),
        FieldPanel("stakes"),
        InlinePanel("referents", heading=_("Référent·es"), label=_("Référent·e")),
        InlinePanel("sessions", heading=_("Séances"), label=_("Séance")),
        FieldPanel("how_to_join"),
    ]

    class Meta:
        verbose_name = _("chantier")
        verbose_name_plural = _("chantiers")

    def facet_year(self):
        first = min((session.date for session in self.sessions.all()), default=None)
        return first.year if first else None

    def card_badges(self):
        return [self.get_status_display().capitalize()]

    def upcoming_sessions(self):
        today = timezone.localdate()
        return sorted((s for s in self.sessions.all() if s.date >= today), key=lambda s: (s.date, s.start_time or timezone.datetime.min.time()))

    @property
    def next_session(self):
        upcoming = self.upcoming_sessions()
        return upcoming[0] if upcoming else None

    def referent_list(self):
        return self.referents.select_related("person").all()

    def past_sessions(self):
        today = timezone.localdate()
        return sorted((s for s in self.sessions.all() if s.date < today), key=lambda s: s.date, reverse=True)


class WorkstreamReferent(Orderable):
    page = ParentalKey(WorkstreamPage, on_delete=models.CASCADE, related_name="referents")
    person = models.ForeignKey("practices.Person", verbose_name=_("personne"), on_delete=models.PROTECT, related_name="+")
    mission = models.CharField(_("mission"), max_length=200, blank=True)

    panels = [FieldPanel("person"), FieldPanel("mission")]

    class Meta(Orderable.Meta):
        verbose_name = _("référent·e")
        verbose_name_plural = _("référent·es")


class WorkstreamSession(Orderable):
    page = ParentalKey(WorkstreamPage, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=12, choices=SessionFormat.choices, default=SessionFormat.ON_SITE)
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    link = models.URLField(_("lien de connexion"), blank=True)
    topic = models.CharField(_("ordre du jour"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("format")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("link")]),
        FieldPanel("topic"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("séance")
        verbose_name_plural = _("séances")

    @property
    def is_remote(self):
        return self.format == SessionFormat.REMOTE

    def clean(self):
        super().clean()
        if self.format == SessionFormat.ON_SITE and not self.place:
            raise ValidationError({"place": _("Indiquez le lieu d'une séance en présentiel.")})
        if self.format == SessionFormat.REMOTE and not self.link:
            raise ValidationError({"link": _("Indiquez le lien de connexion d'une séance en visioconférence.")})


__all__ = ["SessionFormat", "WorkstreamPage", "WorkstreamReferent", "WorkstreamSession", "WorkstreamStatus"]
