from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    """Development-only tools, installed by the dev and test settings only (never in production):
    the demo content (`load_demo`), the benchmark (`bench`) and the map builder.

    The top of the layers: it may use every app, and no app uses it.
    """

    name = "portal.devtools"
    label = "devtools"
    verbose_name = _("Outils de développement")
