"""The moved tables take the portal's names (a rename: the rows stay)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_core_models_from_home"),
        ("home", "0004_core_models_to_portal"),
    ]

    operations = [
        migrations.AlterModelTable(name="portalsettings", table=None),
        migrations.AlterModelTable(name="cacheversion", table=None),
    ]
