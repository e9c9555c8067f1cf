"""The "Réseaux" menu of the admin: members, join requests, people; and the animators' dashboard panel.

The menu items show only to those they serve (an animator of at least one network, or an
administrator); the join requests item carries the number waiting, so that an animator sees it
from any admin page without opening the dashboard.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from practices.animators import animated_networks, manages_all_networks

from . import requests, views
from .people import PersonViewSet


def animates_something(user):
    return manages_all_networks(user) or animated_networks(user).exists()


class AnimatorMenuItem(MenuItem):
    def is_shown(self, request):
        return animates_something(request.user)


class JoinRequestsMenuItem(AnimatorMenuItem):
    """"Demandes d'adhésion (3)": the count is read per request, menu items themselves are shared."""

    def render_component(self, request):
        count = requests.pending_requests_for(request.user).count()
        label = f"{self.label} ({count})" if count else self.label
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


class AnimatorViewSet(ViewSet):
    menu_item_class = AnimatorMenuItem

    def get_menu_item(self, order=None):
        return self.menu_item_class(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )


class MembershipAdminViewSet(AnimatorViewSet):
    """/admin/membres/: the networks one animates, then each one's members, forms and export."""

    name = "membres"
    icon = "group"
    menu_label = gettext_lazy("Membres des réseaux")
    menu_name = "membres-des-reseaux"

    def get_urlpatterns(self):
        return [
            path("", views.NetworkIndexView.as_view(), name="index"),
            path("<int:network_id>/", views.MemberListView.as_view(), name="members"),
            path("<int:network_id>/ajouter/", views.AddMemberView.as_view(), name="add"),
            path("<int:network_id>/export/", views.ExportView.as_view(), name="export"),
            path("adhesion/<int:pk>/depart/", views.DepartureView.as_view(), name="departure"),
            path("adhesion/<int:pk>/modifier/", views.EditMembershipView.as_view(), name="edit"),
            path("adhesion/<int:pk>/supprimer/", views.DeleteMembershipView.as_view(), name="delete"),
        ]


class JoinRequestAdminViewSet(AnimatorViewSet):
    """/admin/demandes-adhesion/: pending requests of one's networks, accept or refuse."""

    name = "demandes-adhesion"
    icon = "mail"
    menu_label = gettext_lazy("Demandes d'adhésion")
    menu_name = "demandes-adhesion"
    menu_item_class = JoinRequestsMenuItem

    def get_urlpatterns(self):
        return [
            path("", requests.JoinRequestIndexView.as_view(), name="index"),
            path("<int:pk>/accepter/", requests.AcceptView.as_view(), name="accept"),
            path("<int:pk>/refuser/", requests.RefuseView.as_view(), name="refuse"),
        ]


class NetworksMenuGroup(SnippetViewSetGroup):
    """Registered with register_snippet so that Person is a snippet (chooser included) like the taxonomy."""

    menu_label = gettext_lazy("Réseaux")
    menu_icon = "group"
    menu_name = "reseaux"
    menu_order = 170
    items = (MembershipAdminViewSet, JoinRequestAdminViewSet, PersonViewSet)


class PendingJoinRequestsPanel(Component):
    """Dashboard: the requests waiting in the networks this user animates."""

    name = "demandes_adhesion_en_attente"
    template_name = "practices/admin/pending_requests_panel.html"
    order = 105

    def __init__(self, request):
        self.request = request

    @cached_property
    def pending(self):
        return requests.pending_requests_for(self.request.user).select_related("user", "network").order_by("created_at")

    def get_context_data(self, parent_context):
        pending = list(self.pending[:10])
        return {
            "join_requests": [
                {
                    "requester": requests.requester_label(join_request),
                    "network": join_request.network.title,
                    "created_at": requests.french_datetime(join_request.created_at),
                    "accept_url": reverse("demandes-adhesion:accept", args=(join_request.pk,)),
                    "refuse_url": reverse("demandes-adhesion:refuse", args=(join_request.pk,)),
                }
                for join_request in pending
            ],
            "total": self.pending.count(),  # the same queries with 2 requests or 200
            "listing_url": reverse("demandes-adhesion:index"),
            "heading": _("Demandes d'adhésion en attente"),
        }


__all__ = ["JoinRequestAdminViewSet", "MembershipAdminViewSet", "NetworksMenuGroup", "PendingJoinRequestsPanel"]
