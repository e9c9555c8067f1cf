"""The admin's French names for the domain's content, with their gender (portal.admin_language).

« Ajouter une fiche », « Ajouter un réseau », « Nouvelle sélection »: one line per model, next to nothing
else, so that a new page type or snippet gets its wording where its neighbours have theirs.
"""

from django.utils.translation import gettext_lazy as _

from portal import admin_language

from .models import (
    ActorCategory,
    CollectionIndexPage,
    CuratedCollectionPage,
    Department,
    JoinRequest,
    LivrablePage,
    Membership,
    NetworkIndexPage,
    NetworkPage,
    Person,
    PracticeIndexPage,
    PracticeSheetPage,
    Region,
    ServiceType,
    Theme,
    WorkstreamPage,
)

FEMININE = (
    (PracticeSheetPage, _("fiche")),
    (CuratedCollectionPage, _("sélection")),
    (PracticeIndexPage, _("liste des fiches")),
    (NetworkIndexPage, _("liste des réseaux")),
    (CollectionIndexPage, _("liste des sélections")),
    (Person, _("personne")),
    (Membership, _("adhésion")),
    (JoinRequest, _("demande d'adhésion")),
    (Region, _("région")),
    (ActorCategory, _("catégorie d'acteurs")),
)
MASCULINE = (
    (NetworkPage, _("réseau")),
    (LivrablePage, _("livrable")),
    (WorkstreamPage, _("chantier")),
    (Theme, _("thème")),
    (Department, _("département")),
    (ServiceType, _("type de structure")),
)


def register():
    for model, noun in FEMININE:
        admin_language.register(model, noun, feminine=True)
    for model, noun in MASCULINE:
        admin_language.register(model, noun)
