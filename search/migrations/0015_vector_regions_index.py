"""PostgreSQL: the narrow match table's GIN index covers the regions beside the vector, so that the
matches of words in a region are found by the index alone.

Why: nearly every search names a region. PostgreSQL found every match of the words in the index
(72,000 of 100,000 fiches for « aude », completed as a prefix), read each one's row, then kept those of
the region by joining them to its facet rows: 30 to 37 ms before the ranking had scored a single page.
With the regions in the same GIN index, the index intersects the words' pages with the region's and
only the 5,000 matches of the region are read: 9 ms (search.fulltext.Matches.in_regions). A GIN index
over several columns answers a condition on any of them, so the words alone still use it as before.

Two separate indexes would not do: PostgreSQL believes testing a vector costs nothing, and given an
index on the regions it read the region's 7,000 rows and tested each vector, stored out of line (65 ms).
"""

from importlib import import_module

from django.db import migrations

run = import_module("search.migrations.0008_narrow_match_table").run

FORWARD = [
    "CREATE INDEX search_document_vector_regions_gin ON search_document_vector USING gin (vector, regions)",
    "DROP INDEX search_document_vector_gin",
    "ANALYZE search_document_vector",
]

BACKWARD = [
    "CREATE INDEX search_document_vector_gin ON search_document_vector USING gin (vector)",
    "DROP INDEX search_document_vector_regions_gin",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0014_facet_pairs")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
