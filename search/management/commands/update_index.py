"""`update_index` rebuilds everything the search reads, not only the full-text index.

The facet table (search.models.PageFacet), the search documents and their vocabulary
(SearchDocument, SearchWord) and the header's suggestions (SearchSuggestion) are projections of the live
pages, kept in step at each publication. A nightly `update_index` (README,
"Tâches périodiques") is where any drift is caught, so it rebuilds them too: one command for the
operators, and nothing to forget after a bulk import. This app comes before wagtail.search in
INSTALLED_APPS, so this command replaces Wagtail's one of the same name.

It ends by refreshing the database's statistics (ANALYZE): SQLite keeps none unless asked, and without
them it counts facets by reading every row of a facet instead of the rows of the pages found (ten times
slower at 10,000 fiches, see docs/performance.md).
"""

from django.db import connection
from modelsearch.management.commands.rebuild_modelsearch_index import Command as IndexCommand

from search import documents, facets, suggest


class Command(IndexCommand):
    help = "Reconstruit l'index de recherche, la table des facettes et les suggestions de recherche."

    def handle(self, **options):
        super().handle(**options)
        if options.get("schema_only"):
            return
        pages = facets.rebuild_all()
        written = documents.rebuild_all(facets.searchable_models())
        suggestions = suggest.rebuild_all()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.write(
            f"Facettes recalculées pour {pages} pages ; {written} documents de recherche ; "
            f"{suggestions} suggestions de recherche."
        )
