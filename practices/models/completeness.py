"""What a fiche needs before it may be published.

One definition serves the model (score stored for the admin listing, last-resort publish guard) and the
admin form (the French message naming what is missing), so that the rule cannot drift between them.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# (attribute, how to name it in a sentence)
REQUIRED_PARTS = (
    ("intro", _("le chapô")),
    ("region", _("la région")),
    ("service_type", _("le type de structure")),
    ("themes", _("au moins un thème")),
    ("description", _("la description")),
    ("objectives", _("les objectifs et finalités")),
)


def _is_filled(value):
    if value is None:
        return False
    if hasattr(value, "all"):  # a related manager (themes)
        value = list(value.all())
    if isinstance(value, list | tuple | set):
        return len(value) > 0
    if hasattr(value, "_meta"):  # a model instance (region, service type)
        return True
    return bool(strip_tags(str(value)).replace("&nbsp;", " ").strip())


def missing_parts(values):
    """Labels of the required parts absent from `values` (attribute -> value, as a mapping or object)."""
    if isinstance(values, dict):
        get = values.get
    else:

        def get(name):
            # a foreign key's id is enough, and costs no query
            return getattr(values, f"{name}_id", None) if hasattr(values, f"{name}_id") else getattr(values, name, None)

    return [label for name, label in REQUIRED_PARTS if not _is_filled(get(name))]


def score(values):
    """Completeness as a percentage of the required parts present."""
    return round(100 * (len(REQUIRED_PARTS) - len(missing_parts(values))) / len(REQUIRED_PARTS))


# What the editor asked for decides the wording: a contributor who submits cannot publish.
SUBMIT = "submit"
PUBLISH = "publish"


def missing_message(parts, action=PUBLISH):
    if action == SUBMIT:
        message = _("Il manque encore %(parts)s pour soumettre cette fiche à la modération.")
    else:
        message = _("Il manque encore %(parts)s pour publier cette fiche.")
    return message % {"parts": join_french(parts)}


def field_error(action=PUBLISH):
    if action == SUBMIT:
        return _("Obligatoire pour soumettre à la modération.")
    return _("Obligatoire pour publier.")


def as_json():
    """The rule, for the live meter in the browser (practices/static/practices/js/fiche_editing.js)."""
    return [{"name": name, "label": str(label)} for name, label in REQUIRED_PARTS]


def join_french(items):
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
