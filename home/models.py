"""The home page and the editorial pages (help, legal notice, accessibility statement).

The home page shows what the domain has to offer (home.sections): the latest fiches, the networks, the
sélections put forward. Everything cross-cutting (the base page, settings, caching) is in portal.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.search import index

from portal.access import visibility_signature
from portal.models import BasePage

from .sections import blocks_for


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
        """Each block is rendered once per version of what it shows and visibility (the template's cache
        tag, home.sections.Block): its queries run only when its fragment is not cached."""
        context = super().get_context(request, *args, **kwargs)
        context["home_blocks"] = blocks_for(request, self)
        context["visibility"] = visibility_signature(request)
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
