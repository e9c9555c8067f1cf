"""The blocks of the home page: the latest fiches, the networks, the sélections put forward.

Each block is a function of the request that returns None when it has nothing to show, so the home
page never shows an empty block; `SECTIONS` is their order on the page, each with the page types it
shows. A block is cached on those types' tokens and the shared version (portal.cache): publishing a
fiche renders the latest fiches and the sélections (which count their fiches) again, not the networks.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.access import hidden_page_ids
from portal.cache import types_version
from practices.models import (
    CollectionIndexPage,
    CuratedCollectionPage,
    Membership,
    NetworkIndexPage,
    NetworkPage,
    PracticeIndexPage,
    PracticeSheetPage,
)
from practices.related import load_in_order
from search.models import SearchDocument


def _section(template, title, items, index_model, more_label):
    """A block of the home page, or None when it has nothing to show; "more" leads to the live index."""
    if not items:
        return None
    index = index_model.objects.live().first()
    return {
        "template": template,
        "title": title,
        "items": items,
        "more_url": index.url if index else None,
        "more_label": more_label,
    }


def latest_fiches(request, home_page, count=4):
    """The fiches published most recently, chosen on their search documents (one per live fiche, with
    its first publication date, read through the searchdocument_type_date index: the page table, sorted
    whole, cost 20 ms at 10,000 fiches), then loaded with what their cards show."""
    documents = SearchDocument.objects.filter(search_type=PracticeSheetPage.search_type, published_at__isnull=False)
    hidden = hidden_page_ids(request)
    if hidden is not None:
        documents = documents.exclude(page_id__in=hidden)
    ids = list(documents.order_by("-published_at", "-page_id").values_list("page_id", flat=True)[:count])
    fiches = load_in_order(PracticeSheetPage, ids)
    return _section(
        "practices/includes/home_latest_fiches.html", _("Dernières fiches publiées"), fiches, PracticeIndexPage, _("Toutes les fiches")
    )


def networks(request, home_page, fallback_count=3):
    """Every network put forward by its editors (`featured`), in alphabetical order, with how many members
    each has today; while none is, the ones most recently published or updated.

    The block used to show the three most recent networks only: a fourth one, however central (the
    network the README's tour is built on), disappeared as soon as another was republished.
    """
    current = Q(memberships__in=Membership.objects.current(on=timezone.localdate()))
    queryset = NetworkPage.search_result_queryset(NetworkPage.objects.live().visible_to(request)).annotate(
        member_count=Count("memberships", filter=current, distinct=True)
    )
    items = list(queryset.filter(featured=True).order_by("title", "pk"))
    if not items:
        items = list(queryset.order_by("-last_published_at", "-pk")[:fallback_count])
    return _section("practices/includes/home_networks.html", _("Réseaux"), items, NetworkIndexPage, _("Tous les réseaux"))


def featured_collections(request, home_page):
    """Sélections the animators put forward; the latest ones while none is."""
    live = CuratedCollectionPage.search_result_queryset(CuratedCollectionPage.objects.live().visible_to(request))
    live = live.prefetch_related("cover_image__renditions", "listing_image__renditions")
    items = list(live.filter(featured=True).order_by("-last_published_at", "-pk")[:3])
    if not items:
        items = list(live.order_by("-first_published_at", "-pk")[:3])
    return _section(
        "practices/includes/home_collections.html", _("Sélections à la une"), items, CollectionIndexPage, _("Toutes les sélections")
    )


SECTIONS = (
    (latest_fiches, (PracticeSheetPage, PracticeIndexPage)),
    (networks, (NetworkPage, NetworkIndexPage)),
    (featured_collections, (CuratedCollectionPage, CollectionIndexPage, PracticeSheetPage)),
)


@dataclass
class Block:
    """One block of the home page for the template: `key` says when it changes, `section` builds it,
    and is only read when the block is not in the cache."""

    request: object
    home_page: object
    build: object
    models: tuple

    @property
    def key(self):
        return f"{self.build.__name__}:{types_version(self.request, *self.models)}"

    @cached_property
    def section(self):
        return self.build(self.request, self.home_page)


def blocks_for(request, home_page):
    return [Block(request, home_page, build, models) for build, models in SECTIONS]
