"""The blocks of the home page: the latest fiches, the networks, the sélections put forward.

Each block is a function of the request that returns None when it has nothing to show, so the home
page never shows an empty block; `SECTIONS` is their order on the page.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practices.models import (
    CollectionIndexPage,
    CuratedCollectionPage,
    Membership,
    NetworkIndexPage,
    NetworkPage,
    PracticeIndexPage,
    PracticeSheetPage,
)


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


def latest_fiches(request, home_page):
    fiches = PracticeSheetPage.search_result_queryset(PracticeSheetPage.objects.live().visible_to(request))
    fiches = list(fiches.order_by("-first_published_at", "-pk")[:4])
    return _section(
        "practices/includes/home_latest_fiches.html", _("Dernières fiches publiées"), fiches, PracticeIndexPage, _("Toutes les fiches")
    )


def networks(request, home_page):
    """The networks most recently published or updated, with how many members each has today."""
    current = Q(memberships__in=Membership.objects.current(on=timezone.localdate()))
    queryset = (
        NetworkPage.search_result_queryset(NetworkPage.objects.live().visible_to(request))
        .annotate(member_count=Count("memberships", filter=current, distinct=True))
        .order_by("-last_published_at", "-pk")
    )
    return _section("practices/includes/home_networks.html", _("Réseaux"), list(queryset[:3]), NetworkIndexPage, _("Tous les réseaux"))


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


SECTIONS = (latest_fiches, networks, featured_collections)


def sections_for(request, home_page):
    return [section for section in (build(request, home_page) for build in SECTIONS) if section]
