"""The domain, one module per concept (taxonomy, fiche, network, livrable, collection)."""

from .fiche import (  # noqa: F401
    FicheAttachment,
    FicheContact,
    FicheImage,
    FicheTag,
    IncompleteFicheError,
    KeyFigure,
    PinnedRelatedFiche,
    PracticeIndexPage,
    PracticeSheetForm,
    PracticeSheetPage,
)
from .taxonomy import ActorCategory, Department, FonctionPublique, Region, ServiceType, Theme  # noqa: F401
