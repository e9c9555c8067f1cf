"""PostgreSQL: the narrow match table also holds each page's normalised title and publication date.

Why: to rank the matches of a large region (6,000 of them for a common word at 100,000 fiches), the
ranking read the title (criteria 1 and 2 of search.fulltext, and the title's pairs) and the publication
date (the tie-breaker) of every match in search_searchdocument, whose rows also hold the long texts:
one visit of that wide table per match, 60 to 120 ms of the statement. Here they sit beside the page id,
inline (a title is some 60 bytes; the vector stays stored out of line), so the ranking reads only this
table and the vectors, and the wide table for the one page of results.

The triggers of migration 0008 write both columns with the vector, and also when only the date changes.
SQLite is unchanged: its FTS5 table is joined to the documents, whose title it reads there.
"""

from importlib import import_module

from django.db import migrations, transaction

# the vector and the PostgreSQL-only runner of the migration that made the table
_narrow = import_module("search.migrations.0008_narrow_match_table")
VECTOR = _narrow.VECTOR.format(row="NEW.")
run = _narrow.run


def write_function(columns, values, updates):
    return f"""
    CREATE OR REPLACE FUNCTION search_document_vector_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_document_vector ({columns}) VALUES ({values})
        ON CONFLICT (page_id) DO UPDATE SET {updates};
        RETURN NULL;
    END
    $$
    """


FORWARD = [
    "ALTER TABLE search_document_vector ADD COLUMN title text NOT NULL DEFAULT ''",
    "ALTER TABLE search_document_vector ADD COLUMN published_at timestamp with time zone",
    write_function(
        "page_id, vector, title, published_at",
        f"NEW.page_id, {VECTOR}, NEW.title, NEW.published_at",
        "vector = EXCLUDED.vector, title = EXCLUDED.title, published_at = EXCLUDED.published_at",
    ),
    "DROP TRIGGER search_document_vector_update ON search_searchdocument",
    """
    CREATE TRIGGER search_document_vector_update AFTER UPDATE OF title, lead, body, other, published_at
    ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_vector_write()
    """,
    """
    UPDATE search_document_vector v SET title = d.title, published_at = d.published_at
    FROM search_searchdocument d WHERE d.page_id = v.page_id
    """,
]

BACKWARD = [
    write_function("page_id, vector", f"NEW.page_id, {VECTOR}", "vector = EXCLUDED.vector"),
    "DROP TRIGGER search_document_vector_update ON search_searchdocument",
    """
    CREATE TRIGGER search_document_vector_update AFTER UPDATE OF title, lead, body, other
    ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_vector_write()
    """,
    "ALTER TABLE search_document_vector DROP COLUMN published_at",
    "ALTER TABLE search_document_vector DROP COLUMN title",
]


def then_rewritten(statements):
    """The operation running `statements` in one transaction, then rewriting the table outside of it
    (PostgreSQL only). An UPDATE of every row leaves a dead copy of each, and a GIN entry for each: until
    a vacuum passed, a search read twice the table and chose its plans on wrong statistics (a facet count
    went from 90 to 480 ms at 100,000 fiches)."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with transaction.atomic(using=schema_editor.connection.alias):
            run(statements)(apps, schema_editor)
        schema_editor.execute("VACUUM (FULL, ANALYZE) search_document_vector")

    return operation


forward = then_rewritten(FORWARD)  # the columns, then the table rewritten


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run in a transaction
    dependencies = [("search", "0011_suggestion_trigram_index")]

    operations = [migrations.RunPython(forward, run(BACKWARD), elidable=False)]
