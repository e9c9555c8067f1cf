from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Recherche")

    def ready(self):
        from portal import publication

        from . import facets, suggest

        # The search's steps of the publication pipeline; portal.publication.STEPS says when they run.
        publication.register("facets", facets.facets_step)
        publication.register("index", facets.index_step)
        publication.register("suggestions", suggest.suggestions_step)
        publication.register("children", facets.children_step)
