"""Who animates which network, and what that lets them do.

The memberships are the one source of truth: someone animates a network while they hold an open
membership with the role "animateur·rice" and their person record is linked to their user account.

Wagtail grants page permissions to groups on subtrees, so each network gets a group of its own (kept
in `NetworkPage.animators_group`) with add/change/publish on the network's page and everything below
it (livrables, chantiers). The group's users are recomputed from the memberships whenever one changes:
an animator of network A can publish A's livrables and nothing of network B, and stops being able to
the day their departure is recorded. Administrators see these groups in the admin; editing them by hand
is pointless, the next sync puts them back.

Memberships themselves are managed outside the page tree (see practices.admin_networks), with the
same rule: an animator manages the memberships of the networks they animate; holders of the
`practices.manage_all_memberships` permission (administrators) manage every network's.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import GroupPagePermission

from portal import roles

from .models import Membership, MembershipRole, NetworkPage
from .models.people import MANAGE_ALL, manages_all_networks

__all__ = ["MANAGE_ALL", "animated_networks", "can_manage_network", "manages_all_networks", "sync_network_group"]

ANIMATOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")


def network_managers():
    """Active users who manage every network's memberships (superusers, holders of MANAGE_ALL)."""
    app_label, codename = MANAGE_ALL.split(".")
    managers = (
        Q(is_superuser=True)
        | Q(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)
        | Q(groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename)
    )
    return get_user_model().objects.filter(managers, is_active=True).distinct()


def animated_networks(user):
    """The networks whose memberships `user` may manage, as a NetworkPage queryset."""
    if manages_all_networks(user):
        return NetworkPage.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return NetworkPage.objects.none()
    animated = Membership.objects.current().filter(role=MembershipRole.ANIMATOR, person__user=user).values("network_id")
    return NetworkPage.objects.filter(pk__in=animated)


def can_manage_network(user, network):
    if network is None:
        return manages_all_networks(user)
    return network.is_animated_by(user)


def animator_users(network):
    animators = Membership.objects.current().filter(network_id=network.pk, role=MembershipRole.ANIMATOR)
    return get_user_model().objects.filter(is_active=True, person__memberships__in=animators).distinct()


def _group_name(network):
    return f"Animation du réseau n° {network.pk} — {network.title}"[:150]


def sync_network_group(network):
    """Give the network's current animators, and only them, the page permissions on its subtree."""
    with transaction.atomic():
        group = network.animators_group
        if group is None:
            group, _created = Group.objects.get_or_create(name=_group_name(network))
            NetworkPage.objects.filter(pk=network.pk).update(animators_group=group)
            network.animators_group = group
        elif group.name != _group_name(network):
            group.name = _group_name(network)
            group.save(update_fields=["name"])
        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=[f"{kind}_page" for kind in ANIMATOR_PAGE_PERMISSIONS]
        )
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page_id=network.pk, permission=permission)
        users = list(animator_users(network))
        group.user_set.set(users)
        # The role group gives what every animator needs besides (admin access, media, people, sélections).
        role_group = Group.objects.filter(name=roles.ANIMATORS).first()
        if role_group is not None and users:
            role_group.user_set.add(*users)
    return group


def sync_networks_of(person):
    """After a person's account link changed: every network they animate, or animated."""
    networks = NetworkPage.objects.filter(
        Q(memberships__person=person, memberships__role=MembershipRole.ANIMATOR) | Q(animators_group__user__person=person)
    ).distinct()
    for network in networks:
        sync_network_group(network)


def remove_network_group(network):
    if network.animators_group_id:
        Group.objects.filter(pk=network.animators_group_id).delete()
