"""How the admin names each kind of content in French: « Ajouter une fiche », « Nouveau réseau ».

Wagtail builds its labels from one English pattern (« Add %(model_name)s »), which its French catalog
renders « Ajouter un(e) … » for every model. The article and the agreement depend on the noun's gender,
which only the app that defines the model knows: each app registers its models' wording here (see
`practices.admin_language`), and the admin views and templates ask `add_label` / `new_label`. A model
nobody registered gets a neutral wording (« Ajouter : … »), never « un(e) ».
"""

from dataclasses import dataclass

from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Wording:
    """The noun as the admin uses it, and whether it is feminine (« une fiche ») or masculine."""

    noun: str
    feminine: bool = False


_WORDINGS = {}


def register(model, noun, *, feminine=False):
    """Declare how the admin names `model`; `noun` is a lazy translation (« fiche », « réseau »)."""
    _WORDINGS[model._meta.label_lower] = Wording(noun, feminine)


def wording(model):
    """The registered wording of a model class or instance, or None."""
    if model is None:
        return None
    return _WORDINGS.get(model._meta.label_lower)


def add_label(model):
    """« Ajouter une fiche », « Ajouter un réseau »; « Ajouter : … » for an unregistered model."""
    found = wording(model)
    if found is None:
        return _("Ajouter : %(noun)s") % {"noun": model._meta.verbose_name}
    if found.feminine:
        return _("Ajouter une %(noun)s") % {"noun": found.noun}
    return _("Ajouter un %(noun)s") % {"noun": found.noun}


def new_label(model):
    """« Nouvelle fiche », « Nouveau livrable »: the title of the screen that creates one."""
    found = wording(model)
    if found is None:
        return _("Création : %(noun)s") % {"noun": model._meta.verbose_name}
    if found.feminine:
        return capfirst(_("nouvelle %(noun)s") % {"noun": found.noun})
    return capfirst(_("nouveau %(noun)s") % {"noun": found.noun})


class GenderedAddLabel:
    """Mixin for an admin listing view (it has `self.model`): its button says « Ajouter un thème »."""

    @cached_property
    def add_item_label(self):
        return add_label(self.model)
