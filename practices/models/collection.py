"""Sélections (/selections/): ordered lists of fiches an animator curates and comments.

Named CuratedCollectionPage because Wagtail already has a Collection model (for media). Animators
publish sélections without moderation, but a sélection only points to fiches: it never changes them,
so an animator who cannot publish a fiche can still recommend it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.models import BasePage
from search.contract import SearchablePage
from search.views import render_listing


class CuratedCollectionForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("items")
        if formset is None:
            return cleaned_data
        # The page form is cleaned before its formsets (ClusterForm.is_valid): clean them first, or
        # no item would have cleaned_data yet and the check would never fire.
        formset.is_valid()
        seen = set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            fiche = form.cleaned_data.get("fiche")
            if fiche is None:
                continue
            if fiche.pk in seen:
                form.add_error("fiche", _("Cette fiche figure déjà dans la sélection."))
            seen.add(fiche.pk)
        return cleaned_data


class CuratedCollectionPage(SearchablePage, BasePage):
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de couverture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    theme = models.ForeignKey(
        "practices.Theme", verbose_name=_("thème"), null=True, blank=True, on_delete=models.SET_NULL, related_name="collections"
    )
    curator = models.ForeignKey(
        "practices.Person",
        verbose_name=_("proposée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curated_collections",
    )
    featured = models.BooleanField(_("mise en avant sur l'accueil"), default=False)

    base_form_class = CuratedCollectionForm
    search_type = "selection"
    search_type_label = _("Sélection")
    facet_prefetch = ("items__fiche",)
    parent_page_types = ["practices.CollectionIndexPage"]
    subpage_types = []

    search_prefetch = ("theme", "items")
    search_weights = {"theme": "D"}
    search_fields = BasePage.search_fields + [
        index.RelatedFields("theme", [index.SearchField("name")]),
        index.RelatedFields("items", [index.SearchField("commentary")]),
    ]
    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("theme"), FieldPanel("curator")]),
        FieldPanel("cover_image"),
        FieldPanel("featured"),
        InlinePanel("items", heading=_("Fiches de la sélection"), label=_("Fiche"), min_num=1),
    ]

    class Meta:
        verbose_name = _("sélection")
        verbose_name_plural = _("sélections")

    def facet_values(self):
        fiches = [item.fiche for item in self.items.all()]
        return {
            "theme": [self.theme_id],
            "region": sorted({fiche.region_id for fiche in fiches if fiche.region_id}),
        }

    def search_json(self, request=None):
        data = super().search_json(request)
        data["themes"] = [{"slug": self.theme.slug, "name": self.theme.name}] if self.theme_id else []
        count = getattr(self, "item_count", None)  # annotated by search_result_queryset
        data["fiches"] = count if count is not None else len(self.items.all())
        return data

    @classmethod
    def search_result_queryset(cls, queryset):
        # Counted in the same query (one join, both counts over it) rather than prefetched: a card and the
        # search's JSON only show how many fiches there are.
        return queryset.select_related("theme", "curator", "cover_image", "listing_image").annotate(
            live_fiche_count=models.Count("items", filter=models.Q(items__fiche__live=True)),
            item_count=models.Count("items"),
        )

    def card_badges(self):
        # what the page will show: its published fiches only
        count = getattr(self, "live_fiche_count", None)
        if count is None:
            count = self.items.filter(fiche__live=True).count()
        badges = [_("%(count)s fiche") % {"count": count} if count == 1 else _("%(count)s fiches") % {"count": count}]
        if self.theme_id:
            badges.append(self.theme.name)
        return badges

    def live_items(self):
        """The entries whose fiche is published, in the curator's order, with what their cards show."""
        return [
            item
            for item in self.items.select_related("fiche__region", "fiche__service_type", "fiche__listing_image")
            .prefetch_related("fiche__themes")
            .order_by("sort_order")
            if item.fiche.live
        ]


def collections_containing(fiche, request=None):
    """The live sélections that recommend `fiche`, in one query (those a view restriction hides left out)."""
    collections = CuratedCollectionPage.objects.live().visible_to(request).filter(items__fiche_id=fiche.pk)
    collections = collections.distinct().order_by("title")
    return list(collections.only("id", "title", "slug", "url_path", "path", "depth"))


class CollectionItem(Orderable):
    collection = ParentalKey(CuratedCollectionPage, on_delete=models.CASCADE, related_name="items")
    fiche = models.ForeignKey(
        "practices.PracticeSheetPage", verbose_name=_("fiche"), on_delete=models.CASCADE, related_name="collection_items"
    )
    commentary = models.TextField(
        _("commentaire"), blank=True, help_text=_("Pourquoi cette fiche, ce qu'il faut y regarder en premier.")
    )

    panels = [PageChooserPanel("fiche", "practices.PracticeSheetPage"), FieldPanel("commentary")]

    class Meta(Orderable.Meta):
        verbose_name = _("fiche de la sélection")
        verbose_name_plural = _("fiches de la sélection")

    def clean(self):
        super().clean()
        if self.commentary and len(self.commentary) > 2000:
            raise ValidationError({"commentary": _("Le commentaire est trop long : 2 000 caractères au plus.")})


class CollectionIndexPage(BasePage):
    """/selections/: the live sélections, filtered and paginated by the search service."""

    template = "practices/section_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.CuratedCollectionPage"]

    class Meta:
        verbose_name = _("liste des sélections")
        verbose_name_plural = _("listes des sélections")

    def serve(self, request, *args, **kwargs):
        return render_listing(request, self, scope=CuratedCollectionPage.search_type)


__all__ = ["CollectionIndexPage", "CollectionItem", "CuratedCollectionPage", "collections_containing"]
