"""The portal's roles and what each may do.

The five groups are created by a data migration (`home/migrations/0002_site_structure_and_roles.py`).
Their permissions are completed here, after every `migrate`, because Django creates permission rows only
once every app has migrated, and because the pages that carry Wagtail page permissions (the fiches index,
the networks index…) are created by later migrations. The sync is additive: it never removes a
permission that an administrator granted in the admin. It also restores, at the next `migrate`, a
baseline permission an administrator took away from one of these five groups: they are the portal's
definition of the roles; a narrower role is a new group.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import connections
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

READERS = "Lecteurs"
CONTRIBUTORS = "Contributeurs"
MODERATORS = "Modérateurs"
ANIMATORS = "Animateurs"
ADMINISTRATORS = "Administrateurs"

MODERATION_WORKFLOW = "Modération des fiches"
MODERATION_TASK = "Validation par un modérateur"

ALL_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
# Reference lists are read-only for everyone (loaded by migration); seeing them helps editors.
VIEW_REFERENCE_LISTS = (
    "practices.view_region",
    "practices.view_department",
    "practices.view_servicetype",
    "practices.view_actorcategory",
    "practices.view_theme",
)
# What someone who writes needs in the image and document libraries.
UPLOAD_AND_CHOOSE_MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    admin_access: bool = False
    # "app_label.codename", or "app_label.*" for every permission of an app
    model_permissions: tuple = ()
    # permissions on the root collection of images and documents
    collection_permissions: tuple = ()
    # (page model label, permission types) granted on every page of that type; "wagtailcore.Page"
    # means the root of the tree
    page_permissions: tuple = field(default_factory=tuple)


ROLES = (
    Role(
        READERS,
        _("Cadres : lisent et recherchent les fiches ; n'accèdent pas à l'administration."),
    ),
    Role(
        CONTRIBUTORS,
        _("Rédigent et modifient des fiches et les soumettent à la modération, sans pouvoir publier."),
        admin_access=True,
        model_permissions=(*VIEW_REFERENCE_LISTS, "practices.add_theme", "practices.change_theme"),
        collection_permissions=UPLOAD_AND_CHOOSE_MEDIA,
        page_permissions=(("practices.PracticeIndexPage", ("add", "change")),),
    ),
    Role(
        MODERATORS,
        _("Relisent et publient les fiches soumises."),
        admin_access=True,
        model_permissions=(
            *VIEW_REFERENCE_LISTS,
            "practices.add_theme",
            "practices.change_theme",
            "practices.delete_theme",
            "taggit.change_tag",
            "taggit.delete_tag",
        ),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ),
        page_permissions=(("practices.PracticeIndexPage", ("add", "change", "publish", "lock", "unlock")),),
    ),
    Role(
        ANIMATORS,
        _("Animent leurs réseaux : membres, livrables et sélections de fiches."),
        admin_access=True,
        # The networks themselves come through one group per network (practices.animators).
        model_permissions=(*VIEW_REFERENCE_LISTS, "practices.view_person", "practices.add_person", "practices.change_person"),
        collection_permissions=UPLOAD_AND_CHOOSE_MEDIA,
        page_permissions=(("practices.CollectionIndexPage", ("add", "change", "publish", "lock", "unlock")),),
    ),
    Role(
        ADMINISTRATORS,
        _("Administrent le portail : pages, réglages, comptes et groupes."),
        admin_access=True,
        model_permissions=(
            "auth.*",
            "home.*",
            "portal.*",
            "practices.*",
            "search.*",
            "taggit.*",
            "wagtailcore.*",
            "wagtaildocs.*",
            "wagtailimages.*",
            "wagtailredirects.*",
            "wagtailusers.*",
            # lift a sign-in lock (portal.throttle): see and delete the failure counts
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
        ),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtailimages.delete_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
            "wagtaildocs.delete_document",
        ),
        page_permissions=(("wagtailcore.Page", ALL_PAGE_PERMISSIONS),),
    ),
)

# The moderation workflow applies to every page of these types and their subtrees.
MODERATED_PAGE_TYPES = ("practices.PracticeIndexPage",)


def _permissions(labels):
    found = []
    for label in labels:
        app_label, codename = label.split(".", 1)
        qs = Permission.objects.filter(content_type__app_label=app_label)
        if codename != "*":
            qs = qs.filter(codename=codename)
        found.extend(qs)
    return found


def _pages_of_type(label):
    if label == "wagtailcore.Page":
        return list(Page.get_root_nodes())
    return list(apps.get_model(label).objects.all())


def sync_roles():
    """Create the groups if needed and grant each role what ROLES says; idempotent and additive."""
    root_collection = Collection.get_first_root_node()
    page_permissions = {p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore", codename__endswith="_page")}
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.name)
        groups[role.name] = group
        labels = list(role.model_permissions)
        if role.admin_access:
            labels.append("wagtailadmin.access_admin")
        group.permissions.add(*_permissions(labels))
        if root_collection is not None:
            for permission in _permissions(role.collection_permissions):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        for model_label, types in role.page_permissions:
            for page in _pages_of_type(model_label):
                for permission_type in types:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=page_permissions[f"{permission_type}_page"]
                    )
    _sync_moderation_workflow(groups[MODERATORS])
    return groups


def _sync_moderation_workflow(moderators):
    task = GroupApprovalTask.objects.filter(name=MODERATION_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MODERATION_TASK)
    task.groups.add(moderators)
    workflow, created = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW)
    if created or not workflow.workflow_tasks.exists():
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for label in MODERATED_PAGE_TYPES:
        for page in _pages_of_type(label):
            WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def sync_roles_after_migrate(sender, app_config=None, using="default", plan=None, **kwargs):
    """post_migrate handler: run once per migrate, after the last app, with every permission created."""
    configs = [config for config in apps.get_app_configs() if config.models_module is not None]
    if not configs or sender is not configs[-1]:
        return
    if "home_homepage" not in connections[using].introspection.table_names():
        return  # the portal's own tables were migrated away (migrate home zero)
    for config in configs:
        create_permissions(config, verbosity=0, using=using)
    sync_roles()
