"""The domain, one module per concept (taxonomy, fiche, network, livrable, collection)."""

from .collection import CollectionIndexPage, CollectionItem, CuratedCollectionPage  # noqa: F401, E402
from .fiche import (  # noqa: F401
    FicheTag,
    IncompleteFicheError,
    PracticeIndexPage,
    PracticeSheetForm,
    PracticeSheetPage,
)
from .fiche_parts import FicheAttachment, FicheContact, FicheImage, KeyFigure, PinnedRelatedFiche  # noqa: F401
from .imported import FicheImport  # noqa: F401, E402
from .livrable import LivrableDocument, LivrableKind, LivrablePage, LivrableStatus  # noqa: F401, E402
from .network import NetworkFiche, NetworkIndexPage, NetworkPage, NetworkScope  # noqa: F401, E402
from .people import JoinRequest, JoinRequestStatus, Membership, MembershipRole, Person  # noqa: F401, E402
from .proposal import Proposal  # noqa: F401, E402
from .taxonomy import ActorCategory, Department, FonctionPublique, Region, ServiceType, Theme  # noqa: F401
from .workstream import (  # noqa: F401, E402
    SessionFormat,
    WorkstreamPage,
    WorkstreamReferent,
    WorkstreamSession,
    WorkstreamStatus,
)
