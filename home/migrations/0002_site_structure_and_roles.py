"""The portal's skeleton: its home page and site, the accessibility statement, and the five roles.

Wagtail's own migrations create a placeholder welcome page, two groups ("Editors", "Moderators") and a
"Moderators approval" workflow on the whole tree; the portal replaces them with its own. The roles'
permissions are completed by home.roles after every migrate.
"""

from django.db import migrations

from portal.tree import add_child_page

ROLE_NAMES = ["Lecteurs", "Contributeurs", "Modérateurs", "Animateurs", "Administrateurs"]

ACCESSIBILITY_BODY = [
    {
        "type": "paragraph",
        "value": (
            "<p>L'administration qui édite ce portail s'engage à rendre ses services numériques accessibles, "
            "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>"
        ),
    },
    {"type": "heading", "value": "État de conformité"},
    {
        "type": "paragraph",
        "value": (
            "<p>Le portail Réseaux de pratiques n'a pas encore fait l'objet d'un audit de conformité au "
            "référentiel général d'amélioration de l'accessibilité (RGAA). Il est donc <b>non conforme</b> "
            "au sens de la loi, bien qu'il soit construit avec le Système de design de l'État, conçu pour "
            "être accessible, et que chaque page soit vérifiée par le contrôleur d'accessibilité de Wagtail "
            "avant publication.</p>"
        ),
    },
    {"type": "heading", "value": "Retour d'information et contact"},
    {
        "type": "paragraph",
        "value": (
            "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'équipe du portail "
            "à l'adresse indiquée en pied de page : elle vous orientera vers une alternative accessible ou "
            "vous transmettra le contenu sous une autre forme.</p>"
        ),
    },
    {"type": "heading", "value": "Voies de recours"},
    {
        "type": "paragraph",
        "value": (
            "<p>Si vous constatez un défaut d'accessibilité qui vous empêche d'accéder à un contenu, que "
            "vous l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez écrire "
            "au Défenseur des droits ou contacter son délégué dans votre région.</p>"
        ),
    },
]


def create_structure(apps, schema_editor):
    import json
    import uuid

    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")
    PortalSettings = apps.get_model("home", "PortalSettings")

    # Wagtail's welcome page (a plain Page at depth 2) goes; its Site cascades with it.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2, slug="home").delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])

    locale = Locale.objects.first() or Locale.objects.create(language_code="fr")
    if root.locale_id is None:
        root.locale_id = locale.pk
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        home = add_child_page(
            apps,
            root,
            "home.HomePage",
            title="Réseaux de pratiques",
            slug="accueil",
            intro=(
                "Les retours d'expérience des réseaux de pratiques de l'administration : ce qui a été tenté, "
                "ce qui a marché, ce qui reste à apprendre."
            ),
            translation_key=uuid.uuid4(),
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
                                   site_name="Réseaux de pratiques")
    accessibility = add_child_page(
        apps,
        home,
        "home.ContentPage",
        title="Déclaration d'accessibilité",
        slug="accessibilite",
        intro="Ce que le portail fait pour être accessible à tous, où il en est, et comment signaler une difficulté.",
        body=json.dumps([dict(block, id=str(uuid.uuid4())) for block in ACCESSIBILITY_BODY]),
        show_in_menus=False,
        translation_key=uuid.uuid4(),
    )
    PortalSettings.objects.update_or_create(site_id=site.pk, defaults={"accessibility_page_id": accessibility.pk})


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)
    # Wagtail's generic groups and its whole-tree workflow would contradict the portal's roles.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_structure, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
