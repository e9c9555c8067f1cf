"""Pages and settings shared by the whole portal.

`BasePage` holds what every page has in common (a chapô, a listing image, search fields and
breadcrumbs), so that the domain's page types stay thin.
"""

from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from . import access, reference


class BasePage(Page):
    intro = models.TextField(
        _("chapô"),
        blank=True,
        help_text=_("Deux ou trois phrases qui résument la page ; reprises dans les listes et la recherche."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de liste"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Illustration des cartes qui mènent à cette page."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("french_search_text"),
        index.FilterField("search_facets"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + [FieldPanel("listing_image")]
    # Foreign keys a page type's template always reads: fetched with the page when routing finds it.
    serve_select_related = ()

    class Meta:
        abstract = True

    def french_search_text(self):
        """Every searchable text of the page, normalised for French (see search.french for why).

        Indexed next to the original text so that every backend, even SQLite's which has no stemming,
        matches "réseaux" with "reseau" and "coopérer" with "coopération".
        """
        from search.french import normalize

        return normalize(" ".join(_searchable_texts(self, self.get_search_fields())))

    def search_facets(self):
        """The page's facet values as "facet:value" keywords, for Elasticsearch to filter and count.

        One field defined here, on the abstract base, is one column shared by every page type in the
        index, so that a single terms aggregation counts regions across fiches, networks and livrables.
        The database backends read the same values from search.models.PageFacet instead.
        """
        from search.facets import rows_for

        if not getattr(self, "search_type", None) or not self.live:
            return []
        return [f"{row.facet}:{row.value}" for row in rows_for(self)]

    @property
    def search_type_label(self):
        from search.facets import CONTENT_TYPES

        return str(CONTENT_TYPES.get(getattr(self, "search_type", ""), self.get_verbose_name()))

    def search_json(self, request=None):
        """What the search's JSON says of this page; page types add their own facts."""
        return {
            "title": self.title,
            "url": self.get_url(request),
            "type": getattr(self, "search_type", ""),
            "type_label": self.search_type_label,
            "region": None,
            "themes": [],
            "summary": self.intro,
        }

    # --- serving: routing and view restrictions from the cache (home.reference, home.access) ------

    def route(self, request, path_components):
        """Wagtail's routing, one query per level at most, none where the children are few.

        A parent with few children finds the child in its cached map of children; a parent that accepts
        one page type only (the fiches index) finds the specific child in the cache, or loads it in one
        query instead of two. Both are keyed on the content version (home.cache). The rest is Wagtail's:
        the child routes the remaining components, a missing or unpublished page is a 404, and anything
        unexpected (a child of another type) goes through Wagtail's own look-up.
        """
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        if 0 < self.numchild <= reference.ROUTE_CACHE_MAX_CHILDREN:
            child = reference.children_by_slug(request, self).get(slug)
            if child is None:
                raise Http404
        else:
            model = reference.only_child_model(type(self))
            child = reference.child_by_slug(request, self, model, slug) if model is not None else None
            if child is None:
                return super().route(request, path_components)
        child._cached_parent_obj = self
        return child.route(request, remaining)

    def get_view_restrictions(self):
        """The restrictions on this page or above it, found in the cached list rather than by two queries.

        Most pages have none: an empty queryset, which never reaches the database. When some apply, they
        are loaded as Wagtail would, and checked by Wagtail itself (before_serve_page hook).
        """
        ids = access.restriction_ids_for(self)
        if ids is None:
            return super().get_view_restrictions()
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)

    def _routed_ancestors(self):
        """The ancestors below the home page that routing went through (treebeard's cached parents),
        nearest last; None when one of them is unknown."""
        ancestors, page = [], self
        while page.depth > 3:
            page = page.__dict__.get("_cached_parent_obj")
            if page is None:
                return None
            ancestors.append(page)
        return ancestors[::-1]

    def breadcrumb_data(self, request=None):
        """The DSFR breadcrumb of this page: the home page is the breadcrumb's own root link."""
        ancestors = self._routed_ancestors()
        if ancestors is None:
            ancestors = self.get_ancestors().filter(depth__gt=2).only("id", "title", "url_path", "path", "depth")
        return {
            "links": [{"url": page.get_url(request), "title": page.title} for page in ancestors],
            "current": self.title,
        }


def _searchable_texts(obj, search_fields):
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            related = getattr(obj, field.field_name, None)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                yield from _searchable_texts(item, field.fields)
        elif isinstance(field, index.SearchField) and field.field_name != "french_search_text":
            value = field.get_value(obj)
            if hasattr(value, "get_searchable_content"):
                value = " ".join(value.get_searchable_content())
            elif value is not None and not isinstance(value, str):
                value = " ".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
            if value:
                yield strip_tags(value)


class ContentBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Intertitre"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
    )
    image = ImageBlock(label=_("Image"))
    document = DocumentChooserBlock(label=_("Document"))
    callout = blocks.StructBlock(
        [("title", blocks.CharBlock(label=_("Titre"), required=False)), ("text", blocks.TextBlock(label=_("Texte")))],
        label=_("Mise en avant"),
        icon="pick",
    )

    class Meta:
        block_counts = {}


class HomePage(BasePage):
    body = RichTextField(
        _("présentation"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Le texte d'accueil du portail, sous le chapô."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "practices.PracticeIndexPage",
        "practices.NetworkIndexPage",
        "practices.CollectionIndexPage",
    ]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def breadcrumb_data(self, request=None):
        return None

    def get_context(self, request, *args, **kwargs):
        from .sections import sections_for

        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = sections_for(request, self)
        return context


class ContentPage(BasePage):
    """An editorial page: help, legal notice, the accessibility statement…"""

    body = StreamField(ContentBodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


class AccessibilityStatus(models.TextChoices):
    NOT = "non", _("non conforme")
    PARTIAL = "partiellement", _("partiellement conforme")
    FULL = "totalement", _("totalement conforme")


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    portal_name = models.CharField(_("nom du portail"), max_length=80, default="Réseaux de pratiques")
    tagline = models.CharField(
        _("devise"),
        max_length=160,
        blank=True,
        default="Retours d'expérience des réseaux de l'administration",
    )
    contact_email = models.EmailField(
        _("adresse de contact"),
        blank=True,
        help_text=_("Affichée en pied de page ; reçoit les questions des lecteurs."),
    )
    accessibility_status = models.CharField(
        _("conformité RGAA"),
        max_length=20,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NOT,
        help_text=_("État de conformité affiché en pied de page, tel qu'établi par le dernier audit."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("déclaration d'accessibilité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The footer of every page links to the accessibility statement: fetched with the settings.
    select_related = ["accessibility_page"]

    panels = [
        MultiFieldPanel([FieldPanel("portal_name"), FieldPanel("tagline"), FieldPanel("contact_email")], _("Portail")),
        MultiFieldPanel([FieldPanel("accessibility_status"), FieldPanel("accessibility_page")], _("Accessibilité")),
    ]

    class Meta:
        verbose_name = _("réglages du portail")

    @classmethod
    def for_request(cls, request):
        """Read on every page (header, footer, title): from the cache rather than by a query."""
        return reference.site_settings(cls, request)

    @cached_property
    def accessibility_label(self):
        return _("Accessibilité : %(status)s") % {"status": self.get_accessibility_status_display()}


class CacheVersion(models.Model):
    """A version token of home.cache, kept here when the cache is each process's own (local memory).

    One row per token ("portal:content-version", "portal:permissions-version"): replaced in the same
    transaction as the change it follows, read once per request by every process.
    """

    name = models.CharField(_("nom"), max_length=60, primary_key=True)
    token = models.CharField(_("jeton"), max_length=32)

    class Meta:
        verbose_name = _("version du cache")
        verbose_name_plural = _("versions du cache")

    def __str__(self):
        return f"{self.name} = {self.token}"
