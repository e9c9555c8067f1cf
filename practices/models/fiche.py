"""Fiches retour d'expérience and the index page that lists them at /fiches/.

What a fiche holds besides its own fields (key figures, contacts, documents…) is in fiche_parts.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.access import visibility_signature
from portal.cache import ancestors_version, page_version, types_version
from portal.dates import active_years
from portal.models import BasePage
from search.contract import SearchablePage
from search.facets import OwnThemes
from search.views import render_listing

from ..related import related_cards
from ..related import signature as related_signature
from . import completeness
from .collection import CuratedCollectionPage, collections_containing
from .fiche_form import REVIEW_DELAY_YEARS, PracticeSheetForm, review_date_after  # noqa: F401  (re-exported)
from .fiche_parts import AttachedDocument, FicheAttachment, FicheImage
from .livrable import livrables_of, progress_of
from .panels import CompletenessPanel
from .taxonomy import FonctionPublique

SECTION_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]
FIRST_YEAR = 1990


def section(label, help_text):
    return RichTextField(label, blank=True, features=SECTION_FEATURES, help_text=help_text)


class IncompleteFicheError(ValidationError):
    """Raised when something tries to publish a fiche that lacks a required part; names the revision."""

    def __init__(self, message, revision=None):
        super().__init__(message)
        self.revision = revision


class FicheTag(TaggedItemBase):
    content_object = ParentalKey("practices.PracticeSheetPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("mot-clé de fiche")
        verbose_name_plural = _("mots-clés de fiches")


class PracticeSheetPage(OwnThemes, SearchablePage, BasePage):
    carrying_structure = models.CharField(
        _("structure porteuse"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : DDTM des Côtes-d'Armor, pôle territorial de l'Albigeois et des Bastides."),
    )
    service_type = models.ForeignKey(
        "practices.ServiceType",
        verbose_name=_("type de structure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fiches",
        help_text=_("Le type de la structure porteuse. Par exemple, pour la DDTM des Côtes-d'Armor : "
                    "direction départementale interministérielle."),
    )
    region = models.ForeignKey(
        "practices.Region",
        verbose_name=_("région"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fiches",
        help_text=_("La région où la démarche a eu lieu. Par exemple : Bretagne, pour le réseau régional lancé par la DDTM "
                    "des Côtes-d'Armor."),
    )
    departments = ParentalManyToManyField("practices.Department", verbose_name=_("départements"), blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("année de début"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
        help_text=_("À laisser vide si la démarche se poursuit."),
    )
    fonction_publique = models.CharField(
        _("fonction publique"), max_length=20, choices=FonctionPublique.choices, blank=True
    )
    themes = ParentalManyToManyField(
        "practices.Theme",
        verbose_name=_("thèmes"),
        blank=True,
        related_name="fiches",
        help_text=_("Au moins un. Par exemple, pour le réseau breton des pratiques managériales : management, "
                    "coopération, égalité professionnelle."),
    )
    actor_categories = ParentalManyToManyField(
        "practices.ActorCategory", verbose_name=_("acteurs impliqués"), blank=True, related_name="fiches"
    )
    tags = ClusterTaggableManager(
        through=FicheTag, verbose_name=_("mots-clés"), blank=True, help_text=_("Des mots-clés libres, séparés par des virgules.")
    )

    context = section(
        _("contexte"),
        _("La situation de départ : le service, le territoire, le problème à résoudre. Par exemple : « un pôle territorial "
          "rural du Tarn : 5 EPCI, 100 communes, environ 59 500 habitants »."),
    )
    description = section(
        _("description"),
        _("En quoi consiste la démarche, en quelques paragraphes. Par exemple : « Le réseau rassemble, sur la base du "
          "volontariat, une quarantaine de cadres issus de 4 préfectures, de 5 directions régionales et de 11 DDI. »"),
    )
    objectives = section(
        _("objectifs et finalités"),
        _("Ce que la démarche cherchait à obtenir, et pour qui. Par exemple : « rompre l'isolement des managers ; faire "
          "circuler les pratiques qui fonctionnent d'un service à l'autre ; développer les compétences managériales »."),
    )
    actions = section(_("actions menées"), _("Les étapes, dans l'ordre, avec les moyens engagés."))
    results = section(
        _("résultats et effets"),
        _("Ce qui a changé : effets mesurés ou constatés. Par exemple : « la performance de 12 collectifs, environ 200 "
          "agents, mesurée et discutée en équipe »."),
    )
    what_worked = section(_("ce qui a fonctionné"), _("Les leviers de réussite."))
    what_did_not_work = section(_("ce qui n'a pas fonctionné"), _("Les difficultés, les échecs, ce qui a été abandonné."))
    lessons = section(_("enseignements"), _("Ce qu'un autre service devrait savoir avant de se lancer."))

    review_date = models.DateField(
        _("date de relecture"),
        null=True,
        blank=True,
        help_text=_("La fiche est signalée aux contributeurs une fois cette date passée. Par défaut : deux ans après publication."),
    )
    completeness = models.PositiveSmallIntegerField(_("complétude (%)"), default=0, editable=False)

    base_form_class = PracticeSheetForm
    search_type = "fiche"
    search_type_label = _("Fiche retour d'expérience")
    # The header's suggestions offer the fiches' tags and carrying structures (search.suggest).
    suggestion_tags_through = FicheTag
    suggestion_structure_field = "carrying_structure"
    facet_prefetch = ("themes", "actor_categories", "tagged_items")
    search_prefetch = ("region", "service_type", "tags", "themes", "key_figures", "contacts", "attachments__document")
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = ["practices.LivrablePage"]

    # The ranking's weights (search.contract): the title (A) ≫ the chapô, tags and carrying structure
    # (B) ≫ the sections (C, the default) ≫ the reference names, key figures and contacts (D).
    search_weights = {
        "carrying_structure": "B",
        "tags": "B",
        "themes": "D",
        "region": "D",
        "service_type": "D",
        "key_figures": "D",
        "contacts": "D",
        "attachments": "D",
    }
    search_fields = BasePage.search_fields + [
        index.SearchField("carrying_structure"),
        index.AutocompleteField("carrying_structure"),
        index.SearchField("context"),
        index.SearchField("description"),
        index.SearchField("objectives"),
        index.SearchField("actions"),
        index.SearchField("results"),
        index.SearchField("what_worked"),
        index.SearchField("what_did_not_work"),
        index.SearchField("lessons"),
        index.RelatedFields("tags", [index.SearchField("name"), index.AutocompleteField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("region", [index.SearchField("name")]),
        index.RelatedFields("service_type", [index.SearchField("name")]),
        index.RelatedFields("key_figures", [index.SearchField("value"), index.SearchField("label")]),
        index.RelatedFields("contacts", [index.SearchField("name"), index.SearchField("role")]),
        index.RelatedFields("attachments", AttachedDocument.search_fields),
        index.FilterField("region"),
        index.FilterField("service_type"),
        index.FilterField("start_year"),
    ]

    # One reading order, what publishing requires first (the six parts of practices.models.completeness),
    # then what helps readers find and understand the fiche. Short fixed lists are plain <select>s.
    content_panels = [
        CompletenessPanel(heading=_("Complétude")),
        TitleFieldPanel(  # keeps the slug in step with the title, as Wagtail's own title panel does
            "title",
            help_text=_("Ce que la démarche a fait, en une phrase. Par exemple : « Un réseau régional pour partager les "
                        "pratiques managériales des cadres de l'État en Bretagne »."),
            placeholder=_("Titre de la fiche*"),
        ),
        FieldPanel(
            "intro",
            help_text=_("Deux ou trois phrases, reprises dans les listes et la recherche. Par exemple : « Lancé en "
                        "2017-2018 à l'initiative de la DDTM des Côtes-d'Armor, ce réseau réunit une quarantaine de "
                        "cadres des préfectures, des directions régionales et des DDI de Bretagne. »"),
        ),
        FieldRowPanel(
            [FieldPanel("region", widget=forms.Select), FieldPanel("service_type", widget=forms.Select)],
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [
                FieldPanel("carrying_structure"),
                FieldRowPanel([FieldPanel("fonction_publique", widget=forms.Select), FieldPanel("departments")]),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldPanel("actor_categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Pour situer la démarche"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("context"),
                FieldPanel("actions"),
                FieldPanel("results"),
                FieldRowPanel([FieldPanel("what_worked"), FieldPanel("what_did_not_work")]),
                FieldPanel("lessons"),
            ],
            heading=_("Le reste du retour d'expérience"),
        ),
    ]
    resources_panels = [
        InlinePanel("key_figures", heading=_("Chiffres clés"), label=_("Chiffre clé")),
        InlinePanel("contacts", heading=_("Contacts"), label=_("Contact")),
        InlinePanel("attachments", heading=_("Documents joints"), label=_("Document")),
        InlinePanel("images", heading=_("Images"), label=_("Image")),
        InlinePanel("pinned_related", heading=_("Fiches proches choisies"), label=_("Fiche proche"), max_num=4),
    ]
    promote_panels = BasePage.promote_panels
    settings_panels = BasePage.settings_panels + [FieldPanel("review_date")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(resources_panels, heading=_("Chiffres, contacts et documents")),
            ObjectList(promote_panels, heading=_("Promotion")),
            ObjectList(settings_panels, heading=_("Paramètres")),
        ]
    )

    class Meta:
        verbose_name = _("fiche retour d'expérience")
        verbose_name_plural = _("fiches retour d'expérience")

    # --- search -------------------------------------------------------------------------------

    def facet_values(self):
        """What the search filters and counts this fiche by (see search.models.PageFacet)."""
        return {
            "region": [self.region_id],
            "theme": [theme.pk for theme in self.themes.all()],
            "service": [self.service_type_id],
            "annee": active_years(self.start_year, self.end_year),
            "acteur": [actor.pk for actor in self.actor_categories.all()],
            "tag": [item.tag_id for item in self.tagged_items.all()],
        }

    def search_json(self, request=None):
        data = super().search_json(request)
        data["region"] = {"code": self.region_id, "slug": self.region.slug, "name": self.region.name} if self.region_id else None
        data["themes"] = self.themes_json(request)
        data["service_type"] = self.service_type.name if self.service_type_id else None
        data["start_year"] = self.start_year
        return data

    @classmethod
    def search_result_queryset(cls, queryset):
        """What a result card shows, loaded in a fixed number of queries; its themes come from the facet
        rows (search.contract.OwnThemes)."""
        return queryset.select_related("region", "service_type", "listing_image")

    # --- completeness and freshness ------------------------------------------------------------

    def missing_parts(self):
        return completeness.missing_parts(self)

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("L'année de fin ne peut pas précéder l'année de début.")})

    def save(self, *args, **kwargs):
        self.completeness = completeness.score(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "completeness" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "completeness"]
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        # The page row keeps the live content, but the admin lists and filters drafts by the completeness
        # of their latest version, as Wagtail does with draft_title.
        revision = super().save_revision(*args, **kwargs)
        score = completeness.score(self)
        if score != self.completeness:
            type(self).objects.filter(pk=self.pk).update(completeness=score)
            self.completeness = score
        return revision

    def publish(self, revision, *args, **kwargs):
        """Last line of defence for every way of publishing (workflow approval, schedule, bulk action)."""
        missing = completeness.missing_parts(revision.as_object())
        if missing:
            raise IncompleteFicheError(completeness.missing_message(missing), revision=revision)
        return super().publish(revision, *args, **kwargs)

    @property
    def review_due(self):
        return self.review_date is not None and self.review_date <= timezone.localdate()

    # --- display -------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        """What the page shows besides the fiche itself, computed only if the page is rendered.

        The main content is two cached fragments (see the template): the fiche's own content, keyed on
        its token and the shared version (`own_version`), and what it shows of other pages (related
        fiches, sélections), keyed on the content version. On a cached read, none of these queries runs.
        `visibility` is what both vary on besides the fiche: related fiches, sélections and livrables
        leave out pages hidden from this reader.
        """
        context = super().get_context(request, *args, **kwargs)
        # A fiche without child pages has no livrables: no need to ask (numchild is Wagtail's own count).
        livrables = SimpleLazyObject(lambda: list(livrables_of(self)) if self.pk and self.numchild else [])
        context.update(
            related_fiches=SimpleLazyObject(lambda: self.related_for_display(request)),
            livrables=livrables,
            livrable_progress=SimpleLazyObject(lambda: progress_of(livrables)),
            collections=SimpleLazyObject(lambda: collections_containing(self, request) if self.pk else []),
            visibility=visibility_signature(request),
            own_version=SimpleLazyObject(lambda: self._own_version(request)),
            # what the fragments showing other pages follow: fiches for the related ones, sélections
            # the related fiches: which ones, and their cards' versions (practices.related.signature)
            related_version=SimpleLazyObject(lambda: related_signature(self, request) if self.pk else ""),
            collections_version=SimpleLazyObject(lambda: types_version(request, CuratedCollectionPage)),
            breadcrumb_version=SimpleLazyObject(lambda: ancestors_version(request, type(self))),
        )
        return context

    def _own_version(self, request):
        """This fiche's token (portal.cache.page_version); none for a draft never saved, or a preview,
        whose fragments are neither read nor written."""
        if not self.pk or getattr(request, "is_preview", False):
            return ""
        return page_version(self.pk, request)

    # What serving a fiche reads anyway: loaded with the page by routing (portal.serving.child_by_slug).
    serve_select_related = ("region", "service_type")

    def related_for_display(self, request):
        """The "fiches proches" (practices.related) as result cards, computed once per instance."""
        if "_related_for_display" not in self.__dict__:
            self._related_for_display = related_cards(self, request)
        return self._related_for_display

    def for_display(self, request=None):
        """This fiche with everything its own content shows loaded at once, a query per relation; returns self.

        Called from inside the page's own cached fragment (fiche_tags.fiche_for_display), so only when
        that fragment is rendered: after a change of this fiche or of what is shared, not after another
        fiche's publication (portal.cache, page tokens).
        """
        if not getattr(self, "_loaded_for_display", False):
            prefetch_related_objects(
                [self],
                "key_figures",
                Prefetch("images", queryset=FicheImage.objects.select_related("image")),
                "departments",
                "actor_categories",
                "tags",
                "contacts",
                Prefetch("attachments", queryset=FicheAttachment.objects.select_related("document")),
                "themes",
            )
            self._loaded_for_display = True
        return self

    @cached_property
    def listing_url(self):
        parent = self.get_parent()
        return parent.url if parent else "/fiches/"

    def card_badges(self):
        """Short facts shown on result cards: region, type of structure, years."""
        badges = []
        if self.region_id:
            badges.append(self.region.name)
        if self.service_type_id:
            badges.append(self.service_type.name)
        if self.years_label:
            badges.append(self.years_label)
        return badges

    @cached_property
    def years_label(self):
        if not self.start_year:
            return ""
        if self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        if not self.end_year and self.start_year < timezone.localdate().year:
            return _("depuis %(year)s") % {"year": self.start_year}
        return str(self.start_year)

    def sections(self):
        """The filled sections of the body, in reading order, as (anchor, title, html)."""
        fields = [
            "context",
            "description",
            "objectives",
            "actions",
            "results",
            "what_worked",
            "what_did_not_work",
            "lessons",
        ]
        return [
            (name.replace("_", "-"), self._meta.get_field(name).verbose_name.capitalize(), getattr(self, name))
            for name in fields
            if completeness._is_filled(getattr(self, name))
        ]


class PracticeIndexPage(BasePage):
    """/fiches/: every live fiche, filtered and paginated by the search service."""

    template = "practices/section_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticeSheetPage"]
    offers_proposal = True  # the listing links to « Proposer une pratique » (practices.proposals)

    class Meta:
        verbose_name = _("liste des fiches")
        verbose_name_plural = _("listes des fiches")

    def serve(self, request, *args, **kwargs):
        return render_listing(request, self, scope=PracticeSheetPage.search_type)


__all__ = [
    "FicheTag",
    "IncompleteFicheError",
    "PracticeIndexPage",
    "PracticeSheetForm",
    "PracticeSheetPage",
]
