"""The accessibility statement's structure now comes from the portal's settings (portal 0005 and
templates/includes/accessibility_statement.html): the body 0002 wrote (the same headings, without a date
or a list of non-compliant content) would repeat it. It is emptied, in the page and its latest revision,
only where nobody has edited it since; an edited body stays, shown under the statement.
"""

import json

from django.db import migrations

# What 0002 wrote: (block type, first words of its value).
ORIGINAL_BODY = [
    ("paragraph", "<p>L'administration qui édite ce portail s'engage"),
    ("heading", "État de conformité"),
    ("paragraph", "<p>Le portail Réseaux de pratiques n'a pas encore fait l'objet"),
    ("heading", "Retour d'information et contact"),
    ("paragraph", "<p>Si vous n'arrivez pas à accéder à un contenu"),
    ("heading", "Voies de recours"),
    ("paragraph", "<p>Si vous constatez un défaut d'accessibilité"),
]


def is_original(blocks):
    if not isinstance(blocks, list) or len(blocks) != len(ORIGINAL_BODY):
        return False
    return all(
        block.get("type") == kind and str(block.get("value", "")).startswith(start)
        for block, (kind, start) in zip(blocks, ORIGINAL_BODY, strict=True)
    )


def empty_original_body(apps, schema_editor):
    PortalSettings = apps.get_model("portal", "PortalSettings")
    ContentPage = apps.get_model("home", "ContentPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    page_ids = PortalSettings.objects.exclude(accessibility_page=None).values_list("accessibility_page_id", flat=True)
    for page in ContentPage.objects.filter(pk__in=list(page_ids)):
        if not is_original(list(page.body.raw_data)):
            continue
        page.body = []
        page.save(update_fields=["body"])
        revision = Revision.objects.filter(pk=page.latest_revision_id).first()
        if revision is not None and isinstance(revision.content, dict):
            body = revision.content.get("body")
            if is_original(json.loads(body) if isinstance(body, str) else body):
                revision.content = {**revision.content, "body": "[]"}
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_core_models_to_portal"),
        ("portal", "0005_accessibility_statement"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(empty_original_body, migrations.RunPython.noop)]
