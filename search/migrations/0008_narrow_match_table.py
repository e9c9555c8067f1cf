"""PostgreSQL: the search documents' tsvector moves to a narrow table of its own; facet statistics.

Why: at 100,000 fiches, a common word matches half of the pages. PostgreSQL finds them in the GIN index
in about 20 ms, but then visits the heap of the table that holds the vector to check each row's
visibility; in search_searchdocument those rows also hold the four texts (160 MB for 100,000 pages), and
the visit took 100 to 150 ms. In `search_document_vector` (page id and vector, the vector itself stored
out of line) the same visit reads a few hundred pages. The vector is computed by the database, as the
generated column did, by triggers on the documents table (writes, deletions, truncation): bulk writes stay indexed too.

SQLite is unchanged (its FTS5 table already holds only what it matches).
"""

from django.db import migrations

VECTOR = """
    setweight(to_tsvector('simple'::regconfig, {row}title), 'A')
    || setweight(to_tsvector('simple'::regconfig, {row}lead), 'B')
    || setweight(to_tsvector('simple'::regconfig, {row}body), 'C')
    || setweight(to_tsvector('simple'::regconfig, {row}other), 'D')
"""

FORWARD = [
    "DROP INDEX IF EXISTS search_document_vector",  # its name is the new table's
    """
    CREATE TABLE search_document_vector (
        page_id integer PRIMARY KEY,
        vector tsvector NOT NULL
    )
    """,
    f"""
    CREATE FUNCTION search_document_vector_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_document_vector (page_id, vector) VALUES (NEW.page_id, {VECTOR.format(row="NEW.")})
        ON CONFLICT (page_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_document_vector_insert AFTER INSERT ON search_searchdocument
    FOR EACH ROW EXECUTE FUNCTION search_document_vector_write()
    """,
    """
    CREATE FUNCTION search_document_vector_remove() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE search_document_vector;
        ELSE
            DELETE FROM search_document_vector WHERE page_id = OLD.page_id;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_document_vector_delete AFTER DELETE ON search_searchdocument
    FOR EACH ROW EXECUTE FUNCTION search_document_vector_remove()
    """,
    """
    CREATE TRIGGER search_document_vector_truncate AFTER TRUNCATE ON search_searchdocument
    FOR EACH STATEMENT EXECUTE FUNCTION search_document_vector_remove()
    """,
    """
    CREATE TRIGGER search_document_vector_update AFTER UPDATE OF title, lead, body, other ON search_searchdocument
    FOR EACH ROW EXECUTE FUNCTION search_document_vector_write()
    """,
    "INSERT INTO search_document_vector (page_id, vector) SELECT page_id, vector FROM search_searchdocument",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
    "CREATE INDEX search_document_vector_gin ON search_document_vector USING gin (vector)",
    "ANALYZE search_document_vector",
    # A facet and a value are not independent (a region code is only ever a region's): without these
    # statistics, PostgreSQL reckoned a region held 650 pages out of 100,000 instead of 8,600, and
    # probed the matching pages once per page of the region.
    "CREATE STATISTICS search_pagefacet_facet_value (mcv, ndistinct) ON facet, value FROM search_pagefacet",
    "ANALYZE search_pagefacet",
]

BACKWARD = [
    "DROP STATISTICS IF EXISTS search_pagefacet_facet_value",
    "DROP TRIGGER IF EXISTS search_document_vector_truncate ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_document_vector_delete ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_document_vector_update ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_document_vector_insert ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_vector_remove()",
    "DROP FUNCTION IF EXISTS search_document_vector_write()",
    "DROP TABLE IF EXISTS search_document_vector",
    f"ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS ({VECTOR.format(row='')}) STORED",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0007_seed_synonyms")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
