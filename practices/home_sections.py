"""What the practices app shows on the home page."""

from django.utils.translation import gettext_lazy as _

from home import sections


@sections.register
def latest_fiches(request, home_page):
    from search.service import hidden_page_ids

    from .models import PracticeIndexPage, PracticeSheetPage

    fiches = PracticeSheetPage.search_result_queryset(PracticeSheetPage.objects.live()).order_by("-first_published_at", "-pk")
    hidden = hidden_page_ids(request)
    if hidden is not None:
        fiches = fiches.exclude(pk__in=hidden)
    fiches = list(fiches[:4])
    if not fiches:
        return None
    index = PracticeIndexPage.objects.live().first()
    return {
        "template": "practices/includes/home_latest_fiches.html",
        "title": _("Dernières fiches publiées"),
        "items": fiches,
        "more_url": index.url if index else None,
        "more_label": _("Toutes les fiches"),
    }


def _visible(queryset, request):
    from search.service import hidden_page_ids

    hidden = hidden_page_ids(request)
    return queryset.exclude(pk__in=hidden) if hidden is not None else queryset


@sections.register
def networks(request, home_page):
    """The networks most recently published or updated, with how many members each has today."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from .models import NetworkIndexPage, NetworkPage

    today = timezone.localdate()
    active = Q(memberships__joined_on__lte=today) & (Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=today))
    queryset = (
        NetworkPage.search_result_queryset(NetworkPage.objects.live())
        .annotate(member_count=Count("memberships", filter=active, distinct=True))
        .order_by("-last_published_at", "-pk")
    )
    items = list(_visible(queryset, request)[:3])
    if not items:
        return None
    index = NetworkIndexPage.objects.live().first()
    return {
        "template": "practices/includes/home_networks.html",
        "title": _("Réseaux"),
        "items": items,
        "more_url": index.url if index else None,
        "more_label": _("Tous les réseaux"),
    }


@sections.register
def featured_collections(request, home_page):
    """Sélections the animators put forward; the latest ones while none is."""
    from .models import CollectionIndexPage, CuratedCollectionPage

    live = _visible(CuratedCollectionPage.search_result_queryset(CuratedCollectionPage.objects.live()), request)
    live = live.prefetch_related("cover_image__renditions", "listing_image__renditions")
    items = list(live.filter(featured=True).order_by("-last_published_at", "-pk")[:3])
    if not items:
        items = list(live.order_by("-first_published_at", "-pk")[:3])
    if not items:
        return None
    index = CollectionIndexPage.objects.live().first()
    return {
        "template": "practices/includes/home_collections.html",
        "title": _("Sélections à la une"),
        "items": items,
        "more_url": index.url if index else None,
        "more_label": _("Toutes les sélections"),
    }
