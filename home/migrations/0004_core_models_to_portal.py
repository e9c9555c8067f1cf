"""PortalSettings and CacheVersion now belong to the portal app (portal 0001 adopts their tables)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0003_cacheversion"),
        ("portal", "0001_core_models_from_home"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PortalSettings"),
                migrations.DeleteModel(name="CacheVersion"),
            ],
            database_operations=[],
        ),
    ]
