"""The facets a reader filters by, and keeping PageFacet in step with what is published.

A facet maps a GET parameter (`region=53`, `theme=management`) to the values stored in PageFacet
(region codes, theme ids…). Themes and tags are stored by id so that renaming one never leaves the
search stale; their slugs are what URLs carry.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import PageFacet

CHOICES_CACHE_KEY = "search:facet-choices:v1"


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    # show at most this many values in the sidebar (tags can be many)
    limit: int | None = None


FACETS = (
    Facet("type", _("Type de contenu")),
    Facet("region", _("Région")),
    Facet("theme", _("Thème")),
    Facet("service", _("Type de structure")),
    # The years a practice ran (home.dates.active_years); a livrable's year of completion or due date.
    Facet("annee", _("Année")),
    Facet("acteur", _("Acteurs impliqués")),
    Facet("tag", _("Mot-clé"), limit=20),
)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}

# The content types, in the order the "type" facet lists them. Each searchable page model has a
# `search_type` attribute naming one of these.
CONTENT_TYPES = {
    "fiche": _("Fiche retour d'expérience"),
    "reseau": _("Réseau"),
    "livrable": _("Livrable"),
    "chantier": _("Chantier"),
    "selection": _("Sélection"),
}


def searchable_models():
    """Page models that feed the search (they define `search_type` and `facet_values`)."""
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if getattr(model, "search_type", None)]


def choices():
    """{param: {url value: (stored value, label)}} for the facets whose values are reference data.

    Cached: the lists change only when an editor adds a theme (signals clear the cache).
    Years and tags are open-ended and resolved per request instead.
    """
    cached = cache.get(CHOICES_CACHE_KEY)
    if cached is not None:
        return cached
    from practices.models import ActorCategory, Region, ServiceType, Theme

    result = {
        "type": {value: (value, str(label)) for value, label in CONTENT_TYPES.items()},
        "region": {r.code: (r.code, r.name) for r in Region.objects.all()},
        "theme": {t.slug: (str(t.pk), t.name) for t in Theme.objects.all()},
        "service": {s.slug: (s.slug, s.name) for s in ServiceType.objects.all()},
        "acteur": {a.slug: (a.slug, a.name) for a in ActorCategory.objects.all()},
    }
    cache.set(CHOICES_CACHE_KEY, result, 60 * 60)
    return result


def clear_choices_cache(**kwargs):
    cache.delete(CHOICES_CACHE_KEY)


def rows_for(page):
    """PageFacet rows describing a live searchable page (a specific instance)."""
    values = page.facet_values()
    values["type"] = [page.search_type]
    return [
        PageFacet(page_id=page.pk, facet=facet, value=str(value))
        for facet, facet_values in values.items()
        for value in dict.fromkeys(facet_values)
        if value not in (None, "")
    ]


def sync_page(page):
    """Bring the page's rows in line with its live state: rows when live and searchable, none otherwise."""
    if not hasattr(page, "facet_values") and hasattr(page, "specific"):
        page = page.specific
    with transaction.atomic():
        PageFacet.objects.filter(page_id=page.pk).delete()
        if page.live and getattr(page, "search_type", None):
            PageFacet.objects.bulk_create(rows_for(page))


def remove_page(page):
    PageFacet.objects.filter(page_id=page.pk).delete()


def rebuild_all(batch_size=1000):
    """Recompute every row, for after bulk imports; returns how many pages were projected.

    Bulk imports write pages without signals: the content version (home.cache) is replaced here, so
    that no cached page or listing outlives them.
    """
    from home.cache import bump_content_version

    count = 0
    with transaction.atomic():
        PageFacet.objects.all().delete()
        for model in searchable_models():
            queryset = model.objects.live().order_by("pk")
            prefetch = getattr(model, "facet_prefetch", ())
            if prefetch:
                queryset = queryset.prefetch_related(*prefetch)
            rows = []
            for page in queryset.iterator(chunk_size=batch_size):
                rows.extend(rows_for(page))
                count += 1
                if len(rows) >= batch_size * 5:
                    PageFacet.objects.bulk_create(rows, batch_size=batch_size)
                    rows = []
            PageFacet.objects.bulk_create(rows, batch_size=batch_size)
    bump_content_version()
    return count
