"""The admin's home page, one set of panels per role (portal.roles).

Wagtail's own panels speak of « pages » in general, newest first, and show the same moderation twice
(« vos pages en modération », « en attente de votre relecture »). Each role gets instead what it comes for:

- who writes fiches: their drafts with what is still missing, what waits in moderation, what was
  refused and the moderator's comment;
- who publishes them: the moderation queue, oldest first (practices.wagtail_hooks adds the fiches
  past their review date);
- who animates networks: each network's pending requests, arrivals and departures this year,
  livrables by status and the next sessions of its chantiers.

Each panel reads its data in a fixed number of queries, whatever the number of fiches, requests,
members or sessions: a dashboard is the page every editor opens first.
"""

from collections import Counter, defaultdict
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, TaskState, WorkflowState

from .animators import animated_networks, manages_all_networks
from .models import (
    JoinRequest,
    JoinRequestStatus,
    LivrablePage,
    LivrableStatus,
    Membership,
    PracticeIndexPage,
    PracticeSheetPage,
    WorkstreamSession,
)
from .models import completeness as fiche_completeness

# Wagtail's panels that ours replace (wagtail.admin.views.home).
REPLACED_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}
LISTED = 10  # items shown per list; the panel says how many there are in all
UPCOMING_SESSIONS = 5


def _fiche_index_permissions(user):
    return [index.permissions_for_user(user) for index in PracticeIndexPage.objects.all()]


def writes_fiches(user):
    return any(permissions.can_add_subpage() for permissions in _fiche_index_permissions(user))


def publishes_fiches(user):
    return any(permissions.can_publish_subpage() for permissions in _fiche_index_permissions(user))


class DashboardPanel(Component):
    def __init__(self, request):
        self.request = request

    @property
    def user(self):
        return self.request.user


class MyFichesPanel(DashboardPanel):
    """« Mes fiches »: what the editor wrote and where each one stands."""

    name = "mes_fiches"
    template_name = "practices/admin/dashboard/my_fiches.html"
    order = 90

    def __init__(self, request, show_when_empty=True):
        super().__init__(request)
        self.show_when_empty = show_when_empty

    def workflow_states(self):
        """The active moderations of the pages this user owns or submitted, with their last decision."""
        owned = Exists(Page.objects.filter(owner=self.user, id=Cast(OuterRef("object_id"), output_field=IntegerField())))
        return list(
            WorkflowState.objects.active()
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .filter(owned | Q(requested_by=self.user))
            .select_related("current_task_state__finished_by", "requested_by")
            .order_by("created_at")
        )

    def get_context_data(self, parent_context):
        states = self.workflow_states()
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        waiting, refused = [], []
        for state in states:
            page = pages.get(int(state.object_id))
            if page is None:
                continue
            task_state = state.current_task_state
            item = {"title": page.get_admin_display_title(), "edit_url": reverse("wagtailadmin_pages:edit", args=(page.pk,))}
            if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                item.update(
                    comment=task_state.comment if task_state else "",
                    refused_by=get_user_display_name(task_state.finished_by)
                    if task_state and task_state.finished_by
                    else "",
                    refused_at=task_state.finished_at if task_state else None,
                )
                refused.append(item)
            else:
                item["since"] = task_state.started_at if task_state else state.created_at
                waiting.append(item)
        in_moderation = {int(state.object_id) for state in states}
        drafts = (
            PracticeSheetPage.objects.filter(owner=self.user)
            .filter(Q(live=False) | Q(has_unpublished_changes=True))
            .exclude(pk__in=in_moderation)
            .select_related("latest_revision")
            .order_by("-latest_revision_created_at")
        )
        draft_items = []
        for fiche in drafts[:LISTED]:
            content = fiche.latest_revision.content if fiche.latest_revision else fiche
            draft_items.append(
                {
                    "title": fiche.get_admin_display_title(),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(fiche.pk,)),
                    "completeness": fiche.completeness,
                    "missing": fiche_completeness.join_french(fiche_completeness.missing_parts(content)),
                    "live": fiche.live,
                }
            )
        return {
            "drafts": draft_items,
            "drafts_total": drafts.count(),  # always one query, however many there are
            "waiting": waiting[:LISTED],
            "waiting_total": len(waiting),
            "refused": refused[:LISTED],
            "refused_total": len(refused),
            "show_when_empty": self.show_when_empty,
            "add_url": reverse("fiches:choose_parent"),
        }


class ModerationQueuePanel(DashboardPanel):
    """« À modérer »: what waits for this moderator, the longest-waiting first."""

    name = "file_de_moderation"
    template_name = "practices/admin/dashboard/moderation_queue.html"
    order = 95

    def get_context_data(self, parent_context):
        states = (
            TaskState.objects.reviewable_by(self.user)
            .select_related("revision__user", "workflow_state__requested_by")
            .order_by("started_at", "pk")
        )
        listed = list(states[:LISTED])
        page_ids = [int(state.revision.object_id) for state in listed]
        scores = dict(PracticeSheetPage.objects.filter(pk__in=page_ids).values_list("pk", "completeness"))
        items = []
        for state in listed:
            page_id = int(state.revision.object_id)
            requester = state.workflow_state.requested_by or state.revision.user
            items.append(
                {
                    "title": state.revision.object_str,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(page_id,)),
                    "requested_by": get_user_display_name(requester) if requester else "",
                    "since": state.started_at,
                    "completeness": scores.get(page_id),
                }
            )
        return {
            "items": items,
            "total": states.count(),
        }


class MyNetworksPanel(DashboardPanel):
    """« Mes réseaux »: the figures an animator follows, network by network."""

    name = "mes_reseaux"
    template_name = "practices/admin/dashboard/my_networks.html"
    order = 100

    @cached_property
    def networks(self):
        return list(animated_networks(self.user).order_by("title").only("id", "title", "path", "depth"))

    def _network_of(self, path):
        """The network whose subtree holds `path` (networks never nest)."""
        for network in self.networks:
            if path.startswith(network.path):
                return network.pk
        return None

    def _under_networks(self, field="path"):
        condition = Q()
        for network in self.networks:
            condition |= Q(**{f"{field}__startswith": network.path})
        return condition

    def get_context_data(self, parent_context):
        if not self.networks:
            return {"networks": []}
        # Administrators manage every network without animating them.
        heading = _("Tous les réseaux") if manages_all_networks(self.user) else _("Mes réseaux")
        today = timezone.localdate()
        year_start, year_end = date(today.year, 1, 1), date(today.year, 12, 31)
        ids = [network.pk for network in self.networks]
        pending = dict(
            JoinRequest.objects.filter(network_id__in=ids, status=JoinRequestStatus.PENDING)
            .values_list("network_id")
            .annotate(n=Count("pk"))
        )
        memberships = Membership.objects.filter(network_id__in=ids).values("network_id").annotate(
            current=Count("pk", filter=Q(joined_on__lte=today) & (Q(left_on__isnull=True) | Q(left_on__gt=today))),
            arrivals=Count("pk", filter=Q(joined_on__range=(year_start, year_end))),
            departures=Count("pk", filter=Q(left_on__range=(year_start, year_end))),
        )
        members = {row["network_id"]: row for row in memberships}
        livrables = defaultdict(Counter)
        for path, status in LivrablePage.objects.filter(self._under_networks()).values_list("path", "status"):
            livrables[self._network_of(path)][status] += 1
        sessions = defaultdict(list)
        upcoming = (
            WorkstreamSession.objects.filter(self._under_networks("page__path"), date__gte=today)
            .select_related("page")
            .order_by("date", "start_time")
        )
        for session in upcoming:
            network_id = self._network_of(session.page.path)
            if len(sessions[network_id]) < UPCOMING_SESSIONS:
                sessions[network_id].append(session)
        statuses = LivrableStatus.choices
        return {
            "networks": [
                {
                    "title": network.title,
                    "members_url": reverse("membres:members", args=(network.pk,)),
                    "requests_url": reverse("demandes-adhesion:index") + f"?reseau={network.pk}",
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(network.pk,)),
                    "explore_url": reverse("wagtailadmin_explore", args=(network.pk,)),
                    "pending": pending.get(network.pk, 0),
                    "current": members.get(network.pk, {}).get("current", 0),
                    "arrivals": members.get(network.pk, {}).get("arrivals", 0),
                    "departures": members.get(network.pk, {}).get("departures", 0),
                    "livrables": [
                        {"label": label, "count": livrables[network.pk][value]}
                        for value, label in statuses
                        if livrables[network.pk][value]
                    ],
                    "sessions": sessions[network.pk],
                }
                for network in self.networks
            ],
            "year": today.year,
            "heading": heading,
        }


def dashboard_panels(request, panels):
    """construct_homepage_panels: replace Wagtail's moderation panels by those of the user's roles."""
    user = request.user
    panels[:] = [panel for panel in panels if getattr(panel, "name", None) not in REPLACED_PANELS]
    publisher = publishes_fiches(user)
    if writes_fiches(user):
        # A moderator's own drafts are shown when there are some; a contributor always sees the panel.
        panels.append(MyFichesPanel(request, show_when_empty=not publisher))
    if publisher:
        panels.append(ModerationQueuePanel(request))
    if animated_networks(user).exists():
        panels.append(MyNetworksPanel(request))


__all__ = ["dashboard_panels", "publishes_fiches", "writes_fiches"]
