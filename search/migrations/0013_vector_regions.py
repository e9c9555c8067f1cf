"""PostgreSQL: the narrow match table also holds each page's regions, to count them over the matches.

Why: a search for words in a region counts the regions over every match of the words, the region filter
left out (search.service: a facet's counts apply every filter but its own). At 100,000 fiches a common
word matches half of the pages, and joining its 52,000 matches to the 100,000 "region" rows of
search_pagefacet (hashing one side, scanning the other) cost as much as reading the matches themselves:
62 to 106 ms of the statement. Here each match brings its regions along (`regions`, the stored values
of the "region" facet, sorted: usually one, several for a collection), and the matches are grouped by
them in the pass that reads them: 35 to 62 ms (search.fulltext.count_regions).

Only the regions: every value of every facet beside the vector (`facet=value`, some 200 bytes a page)
was tried, to count the other facets without reaching search_pagefacet; it doubled the table, and every
read of the matches (the ranking, the region counts) got 17 to 35 % slower, more than the other counts
gained (8 to 22 %).

Written by the database, as the vector is: the trigger of migration 0008 copies the page's region rows
when it writes the vector, and search.facets copies them again when it changes a page's facet rows
(search.fulltext.refresh_regions). SQLite is unchanged: its facet counts join search_pagefacet.
"""

from importlib import import_module

from django.db import migrations

_narrow = import_module("search.migrations.0008_narrow_match_table")
_title = import_module("search.migrations.0012_vector_title_and_date")
VECTOR = _title.VECTOR
run = _narrow.run

REGIONS = (
    "ARRAY(SELECT f.value::text FROM search_pagefacet f WHERE f.page_id = {page} AND f.facet = 'region' ORDER BY 1)"
)

FORWARD = [
    "ALTER TABLE search_document_vector ADD COLUMN regions text[] NOT NULL DEFAULT '{}'",
    _title.write_function(
        "page_id, vector, title, published_at, regions",
        f"NEW.page_id, {VECTOR}, NEW.title, NEW.published_at, {REGIONS.format(page='NEW.page_id')}",
        "vector = EXCLUDED.vector, title = EXCLUDED.title, published_at = EXCLUDED.published_at, regions = EXCLUDED.regions",
    ),
    f"UPDATE search_document_vector v SET regions = {REGIONS.format(page='v.page_id')}",
]

BACKWARD = [
    _title.write_function(
        "page_id, vector, title, published_at",
        f"NEW.page_id, {VECTOR}, NEW.title, NEW.published_at",
        "vector = EXCLUDED.vector, title = EXCLUDED.title, published_at = EXCLUDED.published_at",
    ),
    "ALTER TABLE search_document_vector DROP COLUMN regions",
]


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run in a transaction
    dependencies = [("search", "0012_vector_title_and_date")]

    # the column, then the table rewritten (migration 0012: the UPDATE leaves a dead copy of every row)
    operations = [migrations.RunPython(_title.then_rewritten(FORWARD), run(BACKWARD), elidable=False)]
