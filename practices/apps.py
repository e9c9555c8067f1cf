from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Pratiques et réseaux")

    def ready(self):
        from portal import publication

        from . import facets, proconnect, proposals, signals

        facets.register()  # page types and facets, with the search
        signals.connect()
        proconnect.connect()  # the structure ProConnect gives, on the agent's person
        proposals.connect()  # the proposer of a practice hears of the moderators' decision
        publication.register("prepare", signals.prepare_step)
