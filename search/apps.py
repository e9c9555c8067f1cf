from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Recherche")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal import publication

        from . import facets, suggest, synonyms

        # The search's steps of the publication pipeline; portal.publication.STEPS says when they run.
        publication.register("facets", facets.facets_step)
        publication.register("index", facets.index_step)
        publication.register("suggestions", suggest.suggestions_step)
        publication.register("children", facets.children_step)
        synonyms.connect()
        post_migrate.connect(facets.build_documents_after_migrate, sender=self, dispatch_uid="search.build_documents")
