"""What every page of the portal shares, and the portal's own settings.

`BasePage` holds what every page has in common (a chapô, a listing image, breadcrumbs, routing and
view restrictions read from the cache), so that the domain's page types stay thin. What a page gives
the search is a separate contract (search.contract.SearchablePage), which the portal knows nothing of.
`DocumentText` keeps the text read from a document's file (portal.document_text), so that indexing a
page does not parse the same PDF again.
"""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents import get_document_model_string
from wagtail.models import Page, PageManager
from wagtail.search import index

from . import serving
from .access import VisiblePageQuerySet
from .accessibility_statement import AccessibilityStatementFields


class BasePage(serving.CachedServingMixin, Page):
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

    # `Page.objects.visible_to(request)`: the live pages this reader may see (portal.access).
    objects = PageManager.from_queryset(VisiblePageQuerySet)()

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + [FieldPanel("listing_image")]
    # Foreign keys a page type's template always reads: fetched with the page when routing finds it.
    serve_select_related = ()

    class Meta:
        abstract = True

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


class AccessibilityStatus(models.TextChoices):
    NOT = "non", _("non conforme")
    PARTIAL = "partiellement", _("partiellement conforme")
    FULL = "totalement", _("totalement conforme")


@register_setting(icon="cog")
class PortalSettings(AccessibilityStatementFields, BaseSiteSetting):
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
        *AccessibilityStatementFields.accessibility_panels(),
    ]

    class Meta:
        verbose_name = _("réglages du portail")

    @classmethod
    def for_request(cls, request):
        """Read on every page (header, footer, title): from the cache rather than by a query."""
        return serving.site_settings(cls, request)

    @cached_property
    def accessibility_label(self):
        return _("Accessibilité : %(status)s") % {"status": self.get_accessibility_status_display()}


class CacheVersion(models.Model):
    """A version token of portal.cache, kept here when the cache is each process's own (local memory).

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


class ClassificationChange(models.Model):
    """A page whose classification changed (its facet rows: search.facets), in order.

    The classification token of the page's type then names the change (portal.cache.bump_classification),
    so that what depends on how pages are classified can be brought up to date from the pages changed
    since it was computed rather than computed again: a fiche's related fiches after another fiche is
    published (practices.related). Only the recent rows matter; older ones are pruned as new ones come.
    """

    page_id = models.PositiveBigIntegerField(_("page"))
    model = models.CharField(_("type de page"), max_length=100)

    class Meta:
        verbose_name = _("changement de classement")
        verbose_name_plural = _("changements de classement")

    def __str__(self):
        return f"{self.pk}: {self.model} {self.page_id}"


class PageCacheVersion(models.Model):
    """The version token of one page's own content, kept here like CacheVersion (local-memory cache).

    Apart from CacheVersion because there is one row per page ever changed, and those rows are read one at
    a time (the page being served), never all at once with the site-wide tokens. Keyed on the page's id
    without a foreign key: a page's deletion replaces its token too, after its row is gone.
    """

    page_id = models.PositiveBigIntegerField(_("page"), primary_key=True)
    token = models.CharField(_("jeton"), max_length=32)

    class Meta:
        verbose_name = _("version du cache d'une page")
        verbose_name_plural = _("versions du cache des pages")

    def __str__(self):
        return f"page {self.page_id} = {self.token}"


class DocumentText(models.Model):
    """The text of a document's file, as portal.document_text extracted it, for the search index.

    Extracting is slow (a PDF of 200 pages takes seconds) and a document is attached to many pages, each
    indexed again at every publication: the text is kept here, with the fingerprint Wagtail gives the
    file (`file_hash`, `file_size`) when it was read. A row whose fingerprint is no longer the document's
    is stale: it is dropped when the document is saved with another file, and replaced when read.
    """

    document = models.OneToOneField(
        get_document_model_string(),
        verbose_name=_("document"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="extracted_text",
    )
    text = models.TextField(_("texte extrait"), blank=True)
    file_size = models.PositiveBigIntegerField(_("taille du fichier lu"), null=True)
    file_hash = models.CharField(_("empreinte du fichier lu"), max_length=40, blank=True)
    extracted_at = models.DateTimeField(_("extrait le"))

    class Meta:
        verbose_name = _("texte d'un document")
        verbose_name_plural = _("textes des documents")

    def __str__(self):
        return _("Texte du document n° %(id)s") % {"id": self.document_id}

    def matches(self, document):
        """Whether this text was read from the document's current file."""
        return self.file_hash == document.file_hash and self.file_size == document.file_size
