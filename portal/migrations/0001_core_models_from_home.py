"""The portal's settings and cache versions, moved from the home app with their rows.

The tables already exist (home 0001 and 0003): this migration adopts them in the migration state
without touching the database, moves their content types (and so their permissions, and the groups that
hold them) to the portal app, then gives the tables the portal's names. No row is copied or lost.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("portalsettings", "cacheversion")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="portal", model=model).exists():
            ContentType.objects.filter(app_label="home", model=model).update(app_label="portal")


def give_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="home", model=model).exists():
            ContentType.objects.filter(app_label="portal", model=model).update(app_label="home")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0003_cacheversion"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PortalSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("portal_name", models.CharField(default="Réseaux de pratiques", max_length=80, verbose_name="nom du portail")),
                        ("tagline", models.CharField(blank=True, default="Retours d'expérience des réseaux de l'administration", max_length=160, verbose_name="devise")),
                        ("contact_email", models.EmailField(blank=True, help_text="Affichée en pied de page ; reçoit les questions des lecteurs.", max_length=254, verbose_name="adresse de contact")),
                        ("accessibility_status", models.CharField(choices=[("non", "non conforme"), ("partiellement", "partiellement conforme"), ("totalement", "totalement conforme")], default="non", help_text="État de conformité affiché en pied de page, tel qu'établi par le dernier audit.", max_length=20, verbose_name="conformité RGAA")),
                        ("accessibility_page", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.WAGTAIL_PAGE_MODEL, verbose_name="déclaration d'accessibilité")),
                        ("site", models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site")),
                    ],
                    options={"verbose_name": "réglages du portail", "db_table": "home_portalsettings"},
                ),
                migrations.CreateModel(
                    name="CacheVersion",
                    fields=[
                        ("name", models.CharField(max_length=60, primary_key=True, serialize=False, verbose_name="nom")),
                        ("token", models.CharField(max_length=32, verbose_name="jeton")),
                    ],
                    options={"verbose_name": "version du cache", "verbose_name_plural": "versions du cache", "db_table": "home_cacheversion"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, give_content_types_back),
    ]
