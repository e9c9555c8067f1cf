"""What the practices domain gives the search: its page types and the facets readers filter them by.

Registered with the search in PracticesConfig.ready(); search.facets keeps the registry, the search
service and forms read it. The order here is the order of the filters on every listing.
"""

from django.utils.translation import gettext_lazy as _

from search.facets import Facet, register_facets, register_page_types

from .models import (
    ActorCategory,
    CuratedCollectionPage,
    LivrablePage,
    NetworkPage,
    PracticeSheetPage,
    Region,
    ServiceType,
    Theme,
    WorkstreamPage,
)


def choices_of(model, in_url, stored):
    """() -> {value in URLs: (stored value, label)} for every row of a reference list."""

    def choices():
        return {str(getattr(row, in_url)): (str(getattr(row, stored)), row.name) for row in model.objects.all()}

    return choices


region_choices = choices_of(Region, "slug", "code")  # links carry the slug (`?region=occitanie`)


theme_choices = choices_of(Theme, "slug", "pk")  # stored by id: renaming a theme never leaves the search stale
service_choices = choices_of(ServiceType, "slug", "slug")
actor_choices = choices_of(ActorCategory, "slug", "slug")


FACETS = (
    Facet(
        "region",
        _("Région"),
        choices=region_choices,
        accepts_stored=True,  # `?region=76`, as links said before the slugs
        source_models=(Region,),
        unknown_message=_(
            "Région inconnue : %(value)s. Indiquez la région par son nom sans accents ni espaces "
            "(par exemple « bretagne », « ile-de-france ») ou par son code INSEE (53)."
        ),
    ),
    Facet(
        "theme",
        _("Thème"),
        choices=theme_choices,
        source_models=(Theme,),
        unknown_message=_("Thème inconnu : %(value)s."),
        by_count=True,
    ),
    Facet(
        "service",
        _("Type de structure"),
        choices=service_choices,
        source_models=(ServiceType,),
        unknown_message=_("Type de structure inconnu : %(value)s."),
    ),
    # The years a practice ran (portal.dates.active_years); a livrable's year of completion or due date.
    Facet(
        "annee",
        _("Année"),
        kind="years",
        unknown_message=_("Année invalide : %(value)s. Indiquez une année sur quatre chiffres, entre 1990 et 2100."),
    ),
    Facet(
        "acteur",
        _("Acteurs impliqués"),
        choices=actor_choices,
        source_models=(ActorCategory,),
        unknown_message=_("Catégorie d'acteurs inconnue : %(value)s."),
        by_count=True,
    ),
    Facet("tag", _("Mot-clé"), kind="tags", unknown_message=_("Mot-clé inconnu : %(value)s."), limit=20, by_count=True),
)

# In the order of the "type" facet.
PAGE_TYPES = (PracticeSheetPage, NetworkPage, LivrablePage, WorkstreamPage, CuratedCollectionPage)


def register():
    register_page_types(*PAGE_TYPES)
    register_facets(*FACETS)
