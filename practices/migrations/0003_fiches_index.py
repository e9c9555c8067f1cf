"""The /fiches/ section: created with the site so that production has it without demo data."""

import uuid

from django.db import migrations

from portal.tree import add_child_page


def create_index(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        return
    add_child_page(
        apps,
        home,
        "practices.PracticeIndexPage",
        title="Fiches retour d'expérience",
        slug="fiches",
        intro=(
            "Ce que des services de l'État et des collectivités ont tenté, avec qui, et ce qu'ils en ont appris. "
            "Filtrez par région, thème, type de structure, année ou acteurs."
        ),
        show_in_menus=True,
        translation_key=uuid.uuid4(),
    )


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_reference_data"), ("home", "0002_site_structure_and_roles")]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
