"""Roles: groups made by a migration, Wagtail permissions on the right subtrees, a moderation workflow."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from portal import roles
from practices.models import PracticeSheetPage

from .factories import fiche_index
from .test_fiches import fiche_form

pytestmark = pytest.mark.django_db


def add_fiche_url():
    return reverse("wagtailadmin_pages:add", args=("practices", "practicesheetpage", fiche_index().pk))


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


def test_contributor_creates_a_fiche_but_cannot_publish_it(client, contributor, home_page):
    client.force_login(contributor)
    response = client.post(add_fiche_url(), fiche_form(slug="guide", action="action-publish"))
    assert response.status_code in (302, 403)
    fiche = PracticeSheetPage.objects.filter(slug="guide").first()
    assert fiche is None or not fiche.live
    assert fiche_index().permissions_for_user(contributor).can_publish_subpage() is False
    # and nothing outside the fiches section
    assert not home_page.permissions_for_user(contributor).can_add_subpage()


def test_contributor_submits_to_the_moderation_workflow(client, contributor):
    client.force_login(contributor)
    response = client.post(add_fiche_url(), fiche_form(slug="guide", action="action-submit"))
    assert response.status_code == 302
    fiche = PracticeSheetPage.objects.get(slug="guide")
    assert not fiche.live
    state = fiche.current_workflow_state
    assert state is not None and state.workflow.name == roles.MODERATION_WORKFLOW
    assert list(state.current_task_state.task.specific.groups.values_list("name", flat=True)) == [roles.MODERATORS]


def test_moderator_approves_and_publishes(client, contributor, moderator):
    client.force_login(contributor)
    client.post(add_fiche_url(), fiche_form(slug="guide", action="action-submit"))
    fiche = PracticeSheetPage.objects.get(slug="guide")
    task_state = fiche.current_workflow_state.current_task_state
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=(fiche.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": "Relu, merci."})
    assert response.status_code in (200, 302)
    fiche.refresh_from_db()
    assert fiche.live


def test_moderator_publishes_directly(client, moderator):
    client.force_login(moderator)
    response = client.post(add_fiche_url(), fiche_form(slug="charte", action="action-publish"))
    assert response.status_code == 302
    assert PracticeSheetPage.objects.get(slug="charte").live


def test_moderation_workflow_applies_to_fiches():
    index = fiche_index()
    assert WorkflowPage.objects.get(page=index).workflow.name == roles.MODERATION_WORKFLOW
    assert index.get_workflow().name == roles.MODERATION_WORKFLOW


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


def test_sync_restores_a_baseline_permission_taken_from_a_role():
    """The five groups are the portal's definition of the roles (README, "Rôles et modération")."""
    contributors = Group.objects.get(name=roles.CONTRIBUTORS)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    contributors.permissions.remove(access_admin)
    GroupPagePermission.objects.filter(group=contributors).delete()
    roles.sync_roles()
    assert contributors.permissions.filter(pk=access_admin.pk).exists()
    assert GroupPagePermission.objects.filter(group=contributors, page=fiche_index(), permission__codename="add_page").exists()
