"""The State's usual acronyms and synonyms (search.synonym_seed), as the list administrators start from.

Written only into an empty list: an administrator's list is never overwritten by a later migrate.
"""

from django.db import migrations

from search.synonym_seed import SEED


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    if Synonym.objects.exists():
        return
    Synonym.objects.bulk_create(Synonym(expressions="\n".join(group)) for group in SEED)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_engines")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
