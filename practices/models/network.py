"""Practice networks (/reseaux/): what a network is for, how it works, who is in it.

A network page carries the editorial description; its people live in practices.models.people
(memberships with their history), its livrables and chantiers are its child pages.
"""

from collections import Counter, defaultdict

from django import forms
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from portal.dates import active_years
from portal.models import BasePage
from search.contract import SearchablePage
from search.facets import OwnThemes
from search.views import render_listing

from .inherited import TEXT_FEATURES
from .livrable import LivrablePage, progress_of
from .people import ROLE_ORDER, Membership, MembershipRole, manages_all_networks
from .workstream import WorkstreamPage


class NetworkScope(models.TextChoices):
    LOCAL = "local", _("local")  # a département, an intercommunalité, a pôle territorial
    REGIONAL = "regional", _("régional")
    NATIONAL = "national", _("national")
    INTERMINISTERIAL = "interministeriel", _("interministériel")


# Group headings of the members list, singular and plural.
ROLE_HEADINGS = {
    MembershipRole.ANIMATOR: (_("Animateur·rice"), _("Animateur·rices")),
    MembershipRole.GUARANTOR: (_("Garant·e"), _("Garant·es")),
    MembershipRole.SECRETARIAT: (_("Secrétariat"), _("Secrétariat")),
    MembershipRole.REFERENT: (_("Référent·e"), _("Référent·es")),
    MembershipRole.MEMBER: (_("Membre"), _("Membres")),
}


def role_heading(role, count):
    singular, plural = ROLE_HEADINGS.get(role, (role, role))
    return singular if count == 1 else plural


class NetworkPage(OwnThemes, SearchablePage, BasePage):
    scope = models.CharField(_("périmètre"), max_length=20, choices=NetworkScope.choices, default=NetworkScope.REGIONAL)
    region = models.ForeignKey(
        "practices.Region",
        verbose_name=_("région"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="networks",
        help_text=_("Pour un réseau national, choisissez « National / multi-régional »."),
    )
    themes = ParentalManyToManyField("practices.Theme", verbose_name=_("thèmes"), blank=True, related_name="networks")
    start_year = models.PositiveSmallIntegerField(
        _("année de création"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )

    description = RichTextField(_("description"), blank=True, features=TEXT_FEATURES)
    objectives = RichTextField(_("objectifs"), blank=True, features=TEXT_FEATURES)
    work_axes = RichTextField(_("axes de travail"), blank=True, features=TEXT_FEATURES)
    expected_productions = RichTextField(_("productions attendues"), blank=True, features=TEXT_FEATURES)

    animation = models.CharField(
        _("animation"),
        max_length=255,
        blank=True,
        help_text=_("Qui anime le réseau, par exemple : la DDTM des Côtes-d'Armor avec la plateforme RH régionale."),
    )
    secretariat = models.CharField(_("secrétariat"), max_length=255, blank=True)
    meeting_rhythm = models.CharField(
        _("rythme des réunions"), max_length=255, blank=True, help_text=_("Par exemple : une rencontre par trimestre.")
    )
    tools = models.TextField(_("outils"), blank=True, help_text=_("Espace collaboratif, liste de diffusion, visioconférence…"))
    governance = RichTextField(
        _("pilotage"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Le ou la garant·e du réseau et ses missions, les instances de pilotage."),
    )
    contact_name = models.CharField(_("contact"), max_length=160, blank=True)
    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    featured = models.BooleanField(
        _("mis en avant sur l'accueil"),
        default=False,
        help_text=_("L'accueil montre tous les réseaux mis en avant (à défaut, les plus récemment mis à jour)."),
    )

    # The Wagtail group that gives this network's animators the page permissions on its subtree
    # (see practices.animators): kept in step with the memberships, never edited by hand.
    animators_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="animated_network"
    )

    search_type = "reseau"
    search_type_label = _("Réseau")
    facet_prefetch = ("themes",)
    parent_page_types = ["practices.NetworkIndexPage"]
    subpage_types = ["practices.LivrablePage", "practices.WorkstreamPage"]

    # The ranking's weights (search.contract): the texts (C, the default), then who runs the network,
    # its rhythm, tools and contact, and the reference names (D).
    search_prefetch = ("region", "themes")
    search_weights = {
        "animation": "D",
        "secretariat": "D",
        "meeting_rhythm": "D",
        "tools": "D",
        "contact_name": "D",
        "region": "D",
        "themes": "D",
    }
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("objectives"),
        index.SearchField("work_axes"),
        index.SearchField("expected_productions"),
        index.SearchField("animation"),
        index.SearchField("governance"),
        index.SearchField("secretariat"),
        index.SearchField("meeting_rhythm"),
        index.SearchField("tools"),
        index.SearchField("contact_name"),
        index.RelatedFields("region", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("region"),
    ]

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("scope"), FieldPanel("region"), FieldPanel("start_year")]),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("objectives"),
        FieldPanel("work_axes"),
        FieldPanel("expected_productions"),
        FieldPanel("featured"),
    ]
    functioning_panels = [
        MultiFieldPanel(
            [FieldPanel("animation"), FieldPanel("secretariat"), FieldPanel("meeting_rhythm"), FieldPanel("tools")],
            heading=_("Fonctionnement"),
        ),
        FieldPanel("governance"),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")),
        InlinePanel("linked_fiches", heading=_("Fiches liées"), label=_("Fiche")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(functioning_panels, heading=_("Fonctionnement et pilotage")),
            ObjectList(BasePage.promote_panels, heading=_("Promotion")),
            ObjectList(BasePage.settings_panels, heading=_("Paramètres")),
        ]
    )

    class Meta:
        verbose_name = _("réseau")
        verbose_name_plural = _("réseaux")

    # --- search -------------------------------------------------------------------------------

    def facet_values(self):
        return {
            "region": [self.region_id],
            "theme": [theme.pk for theme in self.themes.all()],
            "annee": active_years(self.start_year),  # a network runs until it is unpublished
        }

    def search_json(self, request=None):
        data = super().search_json(request)
        data["region"] = {"code": self.region_id, "slug": self.region.slug, "name": self.region.name} if self.region_id else None
        data["themes"] = self.themes_json(request)
        data["scope"] = self.get_scope_display()
        return data

    @classmethod
    def search_result_queryset(cls, queryset):
        return queryset.select_related("region", "listing_image")

    def card_badges(self):
        badges = [self.get_scope_display().capitalize()]
        if self.region_id and not self.region.is_national:  # "National / multi-régional" would repeat the scope
            badges.append(self.region.name)
        if self.start_year:
            badges.append(_("depuis %(year)s") % {"year": self.start_year})
        return badges

    # --- people -------------------------------------------------------------------------------

    def current_memberships(self):
        return (
            Membership.objects.filter(network=self)
            .current()
            .select_related("person__service_type", "person__department")
            .order_by("person__last_name", "person__first_name")
        )

    def members_by_role(self, memberships=None):
        """[(heading, [memberships])] in the order of MembershipRole, empty roles left out.

        The heading agrees with the count ("Garant·e", "Membres") because it titles the group on the page.
        """
        memberships = self.current_memberships() if memberships is None else memberships
        groups = defaultdict(list)
        for membership in memberships:
            groups[membership.role].append(membership)
        return [(role_heading(role, len(groups[role])), groups[role]) for role in ROLE_ORDER if groups[role]]

    def counts_by_service_type(self, memberships=None):
        """[(service type name, count)] of current members, the largest first."""
        memberships = self.current_memberships() if memberships is None else memberships
        counts = Counter(
            m.person.service_type.name if m.person.service_type_id else str(_("Non renseigné")) for m in memberships
        )
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def movements_by_year(self):
        """[(year, arrivals, departures, members at the end of the year)], oldest first."""
        periods = list(Membership.objects.filter(network=self).values_list("joined_on", "left_on"))
        if not periods:
            return []
        today = timezone.localdate()
        first = min(joined.year for joined, _left in periods)
        rows = []
        for year in range(first, today.year + 1):
            arrivals = sum(1 for joined, _left in periods if joined.year == year)
            departures = sum(1 for _joined, left in periods if left and left.year == year)
            end = min(timezone.datetime(year, 12, 31).date(), today)
            present = sum(1 for joined, left in periods if joined <= end and (left is None or left > end))
            rows.append((year, arrivals, departures, present))
        return rows

    def recent_movements(self, limit=15):
        """The latest arrivals and departures, newest first: (date, "arrivée"|"départ", membership)."""
        memberships = Membership.objects.filter(network=self).select_related("person")
        events = []
        for membership in memberships.order_by("-joined_on")[:limit]:
            events.append((membership.joined_on, "arrivee", membership))
        for membership in memberships.filter(left_on__isnull=False).order_by("-left_on")[:limit]:
            events.append((membership.left_on, "depart", membership))
        events.sort(key=lambda event: (event[0], event[1] == "arrivee"), reverse=True)
        return events[:limit]

    # --- children -----------------------------------------------------------------------------

    def livrables(self):
        return LivrablePage.objects.child_of(self).live().order_by("number", "path")

    def workstreams(self):
        # sessions prefetched: the page shows each chantier's next session
        return WorkstreamPage.objects.child_of(self).live().order_by("path").prefetch_related("sessions")

    @cached_property
    def fiches(self):
        return [
            link.fiche
            for link in self.linked_fiches.select_related("fiche__region", "fiche__service_type")
            .prefetch_related("fiche__themes")
            .all()
            if link.fiche.live
        ]

    @cached_property
    def listing_url(self):
        """/reseaux/, where the page's badges lead to the networks of the same region or year."""
        parent = self.get_parent()
        return parent.url if parent else "/reseaux/"

    def is_animated_by(self, user):
        """Whether `user` manages this network's members: an animator of it today, or an administrator
        of every network (practices.animators says what that gives them)."""
        if manages_all_networks(user):
            return True
        if not (user and user.is_authenticated and user.is_active):
            return False
        return (
            Membership.objects.current()
            .filter(network_id=self.pk, role=MembershipRole.ANIMATOR, person__user=user)
            .exists()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        memberships = list(self.current_memberships())
        livrables = list(self.livrables())
        context.update(
            members_by_role=self.members_by_role(memberships),
            guarantors=[m for m in memberships if m.role == MembershipRole.GUARANTOR],
            member_count=len(memberships),
            service_type_counts=self.counts_by_service_type(memberships),
            livrables=livrables,
            livrable_progress=progress_of(livrables),
            workstreams=list(self.workstreams()),
            is_animator=self.is_animated_by(request.user),
        )
        if context["is_animator"]:
            context["movements_by_year"] = self.movements_by_year()
            context["recent_movements"] = self.recent_movements()
        return context


class NetworkFiche(Orderable):
    """A fiche the network produced or recommends, shown on the network page."""

    network = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="linked_fiches")
    fiche = models.ForeignKey(
        "practices.PracticeSheetPage", verbose_name=_("fiche"), on_delete=models.CASCADE, related_name="network_links"
    )

    panels = [PageChooserPanel("fiche", "practices.PracticeSheetPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("fiche liée")
        verbose_name_plural = _("fiches liées")


class NetworkIndexPage(BasePage):
    """/reseaux/: every live network, filtered and paginated by the search service."""

    template = "practices/section_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.NetworkPage"]

    class Meta:
        verbose_name = _("liste des réseaux")
        verbose_name_plural = _("listes des réseaux")

    def serve(self, request, *args, **kwargs):
        return render_listing(request, self, scope=NetworkPage.search_type)


__all__ = ["NetworkFiche", "NetworkIndexPage", "NetworkPage", "NetworkScope"]
