"""The /reseaux/ and /selections/ sections: created with the site so that production has them."""

import uuid

from django.db import migrations

from portal.tree import add_child_page

SECTIONS = [
    (
        "practices.NetworkIndexPage",
        "Réseaux",
        "reseaux",
        "Les réseaux de pratiques : qui les anime, qui en est membre, ce qu'ils produisent et comment les rejoindre.",
    ),
    (
        "practices.CollectionIndexPage",
        "Sélections",
        "selections",
        "Des fiches choisies et commentées par les animateurs des réseaux, pour entrer dans un sujet.",
    ),
]


def create_sections(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        return
    for model_label, title, slug, intro in SECTIONS:
        add_child_page(
            apps, home, model_label, title=title, slug=slug, intro=intro, show_in_menus=True, translation_key=uuid.uuid4()
        )


class Migration(migrations.Migration):
    dependencies = [("practices", "0004_networks_livrables_collections")]

    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
