"""A database migrated before the portal app existed migrates forward with its data.

PortalSettings and CacheVersion moved from the home app to the portal app (portal 0001–0002, home 0004):
their rows stay, their permissions (and the groups holding them) follow, and the way back works too.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("home", "0003_cacheversion"), ("portal", None)]


def migrate(targets):
    """Migrate to `targets` ((app, name), or (app, None) for none of the app); the models at that point."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1] is not None]).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_settings_cache_versions_and_permissions_move_to_portal_with_their_rows():
    try:
        check_the_move()
    finally:
        migrate(latest())  # whatever happened, the next tests find the database as they expect it


def check_the_move():
    old = migrate(BEFORE)
    Site = old.get_model("wagtailcore", "Site")
    site = Site.objects.get(is_default_site=True)
    settings_row, _ = old.get_model("home", "PortalSettings").objects.update_or_create(
        site_id=site.pk, defaults={"portal_name": "Portail de Bretagne", "contact_email": "contact@bzh.gouv.fr"}
    )
    old.get_model("home", "CacheVersion").objects.update_or_create(name="portal:content-version", defaults={"token": "abc"})
    Group, Permission = old.get_model("auth", "Group"), old.get_model("auth", "Permission")
    group = Group.objects.create(name="Gardiens des réglages")
    group.permissions.add(Permission.objects.get(content_type__app_label="home", codename="change_portalsettings"))

    new = migrate(latest())
    PortalSettings = new.get_model("portal", "PortalSettings")
    moved = PortalSettings.objects.get(pk=settings_row.pk)
    assert (moved.portal_name, moved.contact_email, moved.site_id) == ("Portail de Bretagne", "contact@bzh.gouv.fr", site.pk)
    assert new.get_model("portal", "CacheVersion").objects.get(name="portal:content-version").token == "abc"
    holders = new.get_model("auth", "Group").objects.filter(
        permissions__content_type__app_label="portal", permissions__codename="change_portalsettings"
    )
    assert "Gardiens des réglages" in set(holders.values_list("name", flat=True))
    assert "portal_portalsettings" in connection.introspection.table_names()
    assert "home_portalsettings" not in connection.introspection.table_names()

    back = migrate(BEFORE)
    assert back.get_model("home", "PortalSettings").objects.get(pk=settings_row.pk).portal_name == "Portail de Bretagne"
