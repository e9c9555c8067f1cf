from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Pratiques et réseaux")

    def ready(self):
        from . import home_sections, signals  # noqa: F401  (home_sections registers itself)

        signals.connect()
