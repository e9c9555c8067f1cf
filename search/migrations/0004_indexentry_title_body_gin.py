"""On PostgreSQL, an index for the full-text match of Wagtail's database search backend.

The backend matches a page's words as `(title || body) @@ query`. Wagtail indexes `title` and `body`
one by one, which cannot serve that expression: every search read and matched the whole table (half a
second at 10,000 fiches, and once per count). An index on the expression itself makes it a lookup
(2 ms). See docs/performance.md. Nothing to do on other databases.
"""

from django.db import migrations

NAME = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {table} USING gin ((title || body))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_suggestions"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop)]
