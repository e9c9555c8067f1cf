"""The engines' side of search.models.SearchDocument, which Django's models cannot declare.

- SQLite: an FTS5 table over the four weighted columns, reading its text from the documents table
  (external content) and kept in step with it by triggers, so that bulk writes stay indexed too. The
  text is already normalised (search.french): the tokenizer only splits on spaces. Prefix indexes for
  2 to 4 letters serve the last word typed.
- PostgreSQL: a tsvector column computed by the database from the same columns, each with its weight
  (A to D), with the `simple` configuration: no second stemming, no stop words, the terms as written;
  and a GIN index on it.

Filling the documents of existing pages is not done here (it needs the pages' own code): the search
app does it after `migrate` (search.documents.build_if_empty).
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE search_document_fts USING fts5(
        title, lead, body, other,
        content='search_searchdocument', content_rowid='page_id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
    )
    """,
    """
    CREATE TRIGGER search_document_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_document_fts (rowid, title, lead, body, other)
        VALUES (new.page_id, new.title, new.lead, new.body, new.other);
    END
    """,
    """
    CREATE TRIGGER search_document_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts (search_document_fts, rowid, title, lead, body, other)
        VALUES ('delete', old.page_id, old.title, old.lead, old.body, old.other);
    END
    """,
    """
    CREATE TRIGGER search_document_fts_update AFTER UPDATE OF title, lead, body, other ON search_searchdocument
    BEGIN
        INSERT INTO search_document_fts (search_document_fts, rowid, title, lead, body, other)
        VALUES ('delete', old.page_id, old.title, old.lead, old.body, old.other);
        INSERT INTO search_document_fts (rowid, title, lead, body, other)
        VALUES (new.page_id, new.title, new.lead, new.body, new.other);
    END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_document_fts_update",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TABLE IF EXISTS search_document_fts",
]

POSTGRES_CREATE = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, lead), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
        || setweight(to_tsvector('simple'::regconfig, other), 'D')
    ) STORED
    """,
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    # the vocabulary is read by `plain LIKE 'x%'`: a pattern index whatever the database's collation
    "CREATE INDEX searchword_plain_pattern ON search_searchword (plain varchar_pattern_ops, length)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS searchword_plain_pattern",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]

STATEMENTS = {"sqlite": (SQLITE_CREATE, SQLITE_DROP), "postgresql": (POSTGRES_CREATE, POSTGRES_DROP)}


def run(index):
    def operation(apps, schema_editor):
        for statement in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[index]:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_documents")]

    operations = [migrations.RunPython(run(0), run(1))]
