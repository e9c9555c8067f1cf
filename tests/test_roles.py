"""Roles: groups made by a migration, Wagtail permissions on the right subtrees, a moderation workflow."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home import roles
from home.models import ContentPage

pytestmark = pytest.mark.django_db


def add_content_page_url(parent):
    return reverse("wagtailadmin_pages:add", args=("home", "contentpage", parent.pk))


def page_form(title, slug, **actions):
    return nested_form_data({"title": title, "slug": slug, "intro": "", "body": streamfield([]), **actions})


def test_the_five_roles_exist_and_wagtail_defaults_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Lecteurs", "Contributeurs", "Modérateurs", "Animateurs", "Administrateurs"} <= names
    assert not names & {"Editors", "Moderators"}
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


def test_readers_never_reach_the_admin(client, reader):
    client.force_login(reader)
    for url in ("/admin/", "/admin/pages/", reverse("wagtailadmin_pages:add_subpage", args=(3,))):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "réservée aux contributeurs" in response.content.decode()


def test_the_admin_speaks_french(client, contributor):
    client.force_login(contributor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert '<html lang="fr' in response.content.decode()
    assert "Tableau de bord" in response.content.decode()


def test_contributor_creates_a_page_but_cannot_publish_it(client, contributor, home_page):
    client.force_login(contributor)
    response = client.post(add_content_page_url(home_page), page_form("Guide de rédaction", "guide", **{"action-publish": "1"}))
    assert response.status_code in (302, 403)
    page = ContentPage.objects.filter(slug="guide").first()
    assert page is None or not page.live
    assert home_page.permissions_for_user(contributor).can_publish_subpage() is False


def test_contributor_submits_to_the_moderation_workflow(client, contributor, home_page):
    client.force_login(contributor)
    response = client.post(add_content_page_url(home_page), page_form("Guide de rédaction", "guide", **{"action-submit": "1"}))
    assert response.status_code == 302
    page = ContentPage.objects.get(slug="guide")
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.workflow.name == roles.MODERATION_WORKFLOW
    assert list(state.current_task_state.task.specific.groups.values_list("name", flat=True)) == [roles.MODERATORS]


def test_moderator_publishes(client, moderator, home_page):
    client.force_login(moderator)
    response = client.post(add_content_page_url(home_page), page_form("Charte", "charte", **{"action-publish": "1"}))
    assert response.status_code == 302
    assert ContentPage.objects.get(slug="charte").live


def test_moderation_workflow_applies_to_the_content_tree(home_page):
    assert WorkflowPage.objects.get(page=home_page).workflow.name == roles.MODERATION_WORKFLOW
    assert home_page.get_workflow().name == roles.MODERATION_WORKFLOW


def test_administrators_manage_accounts_and_settings(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200
    response = client.get(reverse("wagtailsettings:edit", args=("home", "portalsettings")), follow=True)
    assert response.status_code == 200 and "Réglages du portail" in response.content.decode()
    assert GroupPagePermission.objects.filter(group__name=roles.ADMINISTRATORS, page__depth=1).count() == len(roles.ALL_PAGE_PERMISSIONS)


def test_contributors_cannot_manage_accounts(client, contributor):
    client.force_login(contributor)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code in (302, 403)


def test_sync_is_idempotent_and_keeps_what_administrators_granted():
    readers = Group.objects.get(name=roles.READERS)
    extra = Permission.objects.get(codename="add_redirect")
    readers.permissions.add(extra)
    before = {g.name: (g.permissions.count(), g.page_permissions.count(), g.collection_permissions.count()) for g in Group.objects.all()}
    roles.sync_roles()
    roles.sync_roles()
    after = {g.name: (g.permissions.count(), g.page_permissions.count(), g.collection_permissions.count()) for g in Group.objects.all()}
    assert before == after
    assert readers.permissions.filter(pk=extra.pk).exists()
