"""PostgreSQL: a trigram index on the suggestions' normalised text.

Why: the header's suggestions ask `normalized LIKE '% word%'` (every word typed starts a word of the
suggestion), which no B-tree index serves: PostgreSQL read all 105,769 rows at 100,000 fiches (34 ms for
every keystroke). pg_trgm's GIN index answers the same LIKE for a 4- or 5-letter start in 1 to 2 ms; a
start found in a fifth of the rows costs what it did. The extension is a trusted one (PostgreSQL 13+):
the database's owner may create it.

Not declared on the model: Django would need django.contrib.postgres in INSTALLED_APPS, and SQLite, which
has no such index, must keep scanning this narrow table (a few ms at 10,000 fiches).
"""

from django.db import migrations

INDEX = "searchsuggestion_normalized_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchsuggestion USING gin (normalized gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0010_document_type_date_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
