"""The facets a reader filters by, the page types the search lists, and the facet table kept in step.

The search knows no domain: the domain registers its page types (`register_page_types`, in the order
of the "type" facet) and its facets (`register_facets`: regions, themes, service types…) in its app's
ready(). A facet maps a GET parameter (`region=bretagne`, `theme=management`) to the values stored in
PageFacet (region codes, theme ids…): themes and tags are stored by id so that renaming one never leaves
the search stale; their slugs are what URLs carry. A facet may accept its stored values in URLs as well
(a region's INSEE code, `region=53`, which older links carry): the form reads them, links never write them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from portal.cache import bump_classification, bump_content_version, bump_version, cached_on_version

from . import documents, fulltext, pairs
from .contract import TYPE_FACET, SearchablePage, facet_pairs
from .models import PageFacet


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    # How values are known: "choices" (reference data, from `choices`), "years" (any year), "tags".
    kind: str = "choices"
    # () -> {url value: (stored value, label)}, for kind "choices"; read once per content version
    choices: Callable[[], dict] | None = None
    unknown_message: str = _("Valeur inconnue : %(value)s.")
    # show at most this many values in the sidebar (tags can be many)
    limit: int | None = None
    # values listed by count, the largest first, rather than in the order of `choices`
    by_count: bool = False
    # the models `choices` reads: saving or deleting one of them renews the choices
    source_models: tuple = ()
    # URLs may name a value by its stored form too (a region's INSEE code, which links and bookmarks made
    # before the slugs still carry); links always write the url value
    accepts_stored: bool = False


# The version the choices are cached on: their own, so that a publication does not make every search
# read the reference lists again (the content version changes far more often than the lists do).
CHOICES_VERSION_KEY = "search:facet-choices-version"

TYPE = Facet(TYPE_FACET, _("Type de contenu"), unknown_message=_("Type de contenu inconnu : %(value)s."))

_facets = [TYPE]
_page_types = []


def register_facets(*facets):
    """Add facets after the "type" facet, in the order the listings show them."""
    for facet in facets:
        if facet.param in by_param():
            raise ValueError(f"Facet {facet.param!r} is registered twice.")
        _facets.append(facet)
        for model in facet.source_models:
            uid = f"search.choices.{model._meta.label_lower}"
            post_save.connect(_renew_choices, sender=model, dispatch_uid=f"{uid}.save", weak=False)
            post_delete.connect(_renew_choices, sender=model, dispatch_uid=f"{uid}.delete", weak=False)


def _renew_choices(**kwargs):
    bump_version(CHOICES_VERSION_KEY)


def register_page_types(*models):
    """Page types the search lists, in the order of the "type" facet; each implements SearchablePage."""
    for model in models:
        if not issubclass(model, SearchablePage) or not model.search_type:
            raise TypeError(f"{model.__name__} does not implement search.contract.SearchablePage.")
        if model not in _page_types:
            _page_types.append(model)


def all_facets():
    return list(_facets)


def by_param():
    return {facet.param: facet for facet in _facets}


def searchable_models():
    """The page models that feed the search, in the order of the "type" facet."""
    return list(_page_types)


def content_types():
    """{search_type: label}, in the order of the "type" facet."""
    return {model.search_type: model.search_type_label for model in _page_types}


def content_type_ids(types=None):
    """Ids of the ContentTypes of the searchable models of `types` (every searchable type if None)."""
    models = [model for model in _page_types if types is None or model.search_type in types]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models, for_concrete_models=False).values()]


def choices(request=None):
    """{param: {url value: (stored value, label)}} for the facets whose values are reference data.

    Read once per version of the lists (CHOICES_VERSION_KEY, memoised on `request`, the request being
    served when None), which an editor adding a theme replaces. Years and tags are open-ended and
    resolved per request instead.
    """

    def build():
        result = {"type": {value: (value, str(label)) for value, label in content_types().items()}}
        for facet in _facets:
            if facet.choices is not None:
                result[facet.param] = facet.choices()
        return result

    return cached_on_version(CHOICES_VERSION_KEY, request, "facet-choices", build)


CARD_FACETS = ("region", "theme")


def attach_card_facets(pages):
    """Give live searchable pages of any types their region and themes as their facet rows say
    (`page.result_facets`: {facet: [stored values]}), in one query for a whole page of cards, where
    each page type would otherwise read its themes on its own. A page without rows (not live, or not
    classified) gets {}."""
    values = {}
    rows = PageFacet.objects.filter(page_id__in=[page.pk for page in pages], facet__in=CARD_FACETS)
    for page_id, facet, value in rows.values_list("page_id", "facet", "value"):
        values.setdefault(page_id, {}).setdefault(facet, []).append(value)
    for page in pages:
        page.result_facets = values.get(page.pk, {})


def labels(param, stored, request=None):
    """[(url value, label)] of the `stored` values of a reference facet, in the order of its choices
    (alphabetical for themes); values no longer in the lists are left out."""
    wanted = set(stored)
    return [(url, label) for url, (value, label) in choices(request).get(param, {}).items() if value in wanted]


class OwnThemes:
    """A page type with its own `themes` (a many-to-many), which its card and its JSON name.

    A page of search results reads them with its region from the facet rows of every page at once
    (`attach_card_facets`, `result_facets`); a page loaded otherwise reads its own, which
    its loader prefetches. A mixin listed before SearchablePage in the bases.
    """

    def result_themes(self, request=None):
        """[(slug, name)] of the page's themes, in alphabetical order."""
        stored = getattr(self, "result_facets", None)
        if stored is None:
            return [(theme.slug, theme.name) for theme in self.themes.all()]
        return labels("theme", stored.get("theme", []), request)

    def card_themes(self):
        return [name for _slug, name in self.result_themes()]

    def themes_json(self, request=None):
        return [{"slug": slug, "name": name} for slug, name in self.result_themes(request)]


# --- keeping PageFacet in step with publication (portal.publication's "facets" step) ------------------


def rows_for(page):
    """PageFacet rows describing a live searchable page (a specific instance)."""
    return [PageFacet(page_id=page.pk, facet=facet, value=value) for facet, value in facet_pairs(page)]


def sync_page(page):
    """Bring the page's rows in line with its live state: rows when live and searchable, none otherwise.

    Rows that already say the same are left as they are, and the classification version (portal.cache)
    is replaced only when they change: publishing a page again as it was classified (a typo fixed)
    changes no other page's related fiches.
    """
    with transaction.atomic():
        rows = rows_for(page) if page.live and isinstance(page, SearchablePage) and type(page) in _page_types else []
        current = PageFacet.objects.filter(page_id=page.pk)
        old = sorted(current.values_list("facet", "value"))
        new = sorted((row.facet, str(row.value)) for row in rows)
        if old == new:
            return
        current.delete()
        PageFacet.objects.bulk_create(rows)
        pairs.apply(old, new)
        fulltext.refresh_regions([page.pk])
        bump_classification(type(page), page.pk)


def remove_page(page):
    with transaction.atomic():
        current = PageFacet.objects.filter(page_id=page.pk)
        old = list(current.values_list("facet", "value"))
        if not old:
            return
        current.delete()
        pairs.apply(old, [])
        fulltext.refresh_regions([page.pk])
        bump_classification(type(page), page.pk)


def rebuild_all(batch_size=1000):
    """Recompute every row, for after bulk imports; returns how many pages were projected.

    Bulk imports write pages without signals: the content version (portal.cache) is replaced here, so
    that no cached page or listing outlives them.
    """
    count = 0
    with transaction.atomic():
        PageFacet.objects.all().delete()
        for model in _page_types:
            queryset = model.objects.live().order_by("pk")
            if model.facet_prefetch:
                queryset = queryset.prefetch_related(*model.facet_prefetch)
            rows = []
            for page in queryset.iterator(chunk_size=batch_size):
                rows.extend(rows_for(page))
                count += 1
                if len(rows) >= batch_size * 5:
                    PageFacet.objects.bulk_create(rows, batch_size=batch_size)
                    rows = []
            PageFacet.objects.bulk_create(rows, batch_size=batch_size)
        pairs.rebuild()
        fulltext.refresh_regions()
    bump_content_version()
    return count


def build_documents_after_migrate(**kwargs):
    """A database whose pages predate the search documents (migration 0005) gets them after migrate."""
    documents.build_if_empty(_page_types)


# --- the search's steps of the publication pipeline (registered in search.apps) -----------------------


def facets_step(change):
    """Facet rows follow the page: written when it is on the site, removed when it leaves."""
    if change.placed:
        sync_page(change.page)
    elif change.removed:
        remove_page(change.page)


def index_step(change):
    """The page's search document (search.documents), and Wagtail's index (the admin's search, and
    Elasticsearch): Wagtail indexes a page on post_save, before modelcluster saves its tags and
    many-to-many values, so it is indexed again here, once everything is saved, so that a theme changed
    at publication is searchable at once."""
    if change.placed and type(change.page) in _page_types:
        index.insert_or_update_object(change.page)
        documents.sync_page(change.page)
    elif change.removed:
        documents.remove_page(change.page)


def children_step(change):
    """Livrables and chantiers are found by their parent's region and themes (facets_from_parent)."""
    if not change.placed or type(change.page) not in _page_types:
        return
    for child in change.page.get_children().live().specific():
        if isinstance(child, SearchablePage) and child.facets_from_parent:
            sync_page(child)
            index.insert_or_update_object(child)
            documents.sync_page(child)
