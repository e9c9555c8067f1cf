"""Who may do what with memberships and join requests: the animators of a network, and administrators.

Wagtail's model permissions cannot say "the memberships of the networks I animate", so memberships and
join requests get a permission policy of their own, computed from practices.animators. The views below
check every network they touch against it: a network id typed into a URL is never trusted.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.permission_policies.base import BasePermissionPolicy

from practices.animators import (
    animated_networks,
    animator_users,
    can_manage_network,
    manages_all_networks,
    network_managers,
)
from practices.models import JoinRequest, Membership, MembershipRole


class NetworkScopedPermissionPolicy(BasePermissionPolicy):
    """View, add and change for the network's animators; delete only for administrators.

    Memberships are a history: an animator closes a period, never removes it. An administrator may
    delete one created by mistake (the wrong person chosen), which is not history but an error.
    """

    def can_delete(self, user):
        return manages_all_networks(user) and user.has_perm(f"practices.delete_{self.model._meta.model_name}")

    def user_has_permission(self, user, action):
        if action == "delete":
            return self.can_delete(user)
        return manages_all_networks(user) or animated_networks(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete":
            return self.can_delete(user)
        return can_manage_network(user, instance.network)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        if actions == {"delete"} and not self.can_delete(user):
            return self.model._default_manager.none()
        if manages_all_networks(user):
            return self.model._default_manager.all()
        return self.model._default_manager.filter(network__in=animated_networks(user))

    def users_with_any_permission(self, actions):
        managers = network_managers()
        if set(actions) == {"delete"}:
            return managers
        animators = Membership.objects.current().filter(role=MembershipRole.ANIMATOR).values("person__user")
        return get_user_model().objects.filter(Q(pk__in=managers.values("pk")) | Q(pk__in=animators, is_active=True))

    def users_with_any_permission_for_instance(self, actions, instance):
        if set(actions) == {"delete"}:
            return self.users_with_any_permission(actions)
        managers = self.users_with_any_permission(["delete"]).values("pk")
        return get_user_model().objects.filter(Q(pk__in=managers) | Q(pk__in=animator_users(instance.network).values("pk")))


membership_policy = NetworkScopedPermissionPolicy(Membership)
join_request_policy = NetworkScopedPermissionPolicy(JoinRequest)


def forbidden(request, message=None):
    """A 403 in the admin's own look, rather than Wagtail's redirect to the dashboard.

    Wagtail answers a PermissionDenied with a redirect and a toast; for a network someone does not
    animate, a plain refusal that says why is clearer, and never shows a line of the network's data.
    """
    message = message or _("Vous n'animez pas ce réseau : seuls ses animateurs et les administrateurs gèrent ses membres.")
    context = {
        "page_title": _("Accès refusé"),
        "header_title": _("Accès refusé"),
        "header_icon": "warning",
        "breadcrumbs_items": [],
        "message": message,
    }
    return TemplateResponse(request, "practices/admin/forbidden.html", context, status=403)


__all__ = ["NetworkScopedPermissionPolicy", "forbidden", "join_request_policy", "membership_policy"]
