"""Each search document says its page's content type, copied from the page's "type" facet row."""

import importlib

from django.conf import settings
from django.db import migrations, models

ENGINES = importlib.import_module("search.migrations.0006_search_engines")


def restore_sqlite_triggers(apps, schema_editor):
    """SQLite: Django adds a NOT NULL column by rebuilding the table, which drops its triggers; those of
    migration 0006 keep the FTS5 table in step with the documents."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in ENGINES.SQLITE_CREATE:
        if "CREATE TRIGGER" in statement:
            name = statement.split("CREATE TRIGGER", 1)[1].split()[0]
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(statement)


def fill(apps, schema_editor):
    documents = apps.get_model("search", "SearchDocument")
    facets = apps.get_model("search", "PageFacet")
    for value in facets.objects.filter(facet="type").values_list("value", flat=True).distinct():
        pages = facets.objects.filter(facet="type", value=value).values("page_id")
        documents.objects.filter(page_id__in=pages).update(search_type=value)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0008_narrow_match_table'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # backwards, the column is removed by rebuilding the table too: the triggers come back after it
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_triggers),
        migrations.AddField(
            model_name='searchdocument',
            name='search_type',
            field=models.CharField(blank=True, max_length=20, verbose_name='type de contenu'),
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(fields=['search_type', 'page'], name='searchdocument_type'),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
