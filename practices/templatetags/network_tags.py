"""What the network page shows the current user about joining it, and the animators' shortcuts.

Computed here rather than in NetworkPage.get_context so that the page model does no extra work for
readers who never look at these boxes, and so that the includes work in any template given `page`
and `request`.
"""

from django import template
from django.urls import reverse

from practices.animators import can_manage_network
from practices.join_requests import JoinRequestForm, current_membership
from practices.models import JoinRequestStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def join_request_state(context, page):
    """{"membership", "pending", "form", "action_url"}: at most one of membership/pending is set.

    A form sent back with errors (practices.join_requests.invalid_request) is in the context as
    `join_request_form`; it is shown again with the text kept.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if page is None or user is None or not user.is_authenticated:
        return {}
    membership = current_membership(page, user)
    # A pending request is always the latest one (no new request while one waits): one query tells
    # whether the reader waits, or was refused last time (they see why, with the form to ask again).
    latest = None if membership else page.join_requests.filter(user=user).order_by("-created_at", "-pk").first()
    status = latest.status if latest is not None else None
    pending = latest if status == JoinRequestStatus.PENDING else None
    refused = latest if status == JoinRequestStatus.REFUSED else None
    return {
        "membership": membership,
        "pending": pending,
        "refused": refused,
        "form": context.get("join_request_form") or JoinRequestForm(),
        "action_url": reverse("network_join_request", args=(page.pk,)),
    }


@register.simple_tag(takes_context=True)
def animator_tools(context, page):
    """The admin links an animator needs on their network's page; {} for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if page is None or user is None or not can_manage_network(user, page):
        return {}
    permissions = page.permissions_for_user(user)
    return {
        "members_url": reverse("membres:members", args=(page.pk,)),
        "export_url": reverse("membres:export", args=(page.pk,)),
        "requests_url": reverse("demandes-adhesion:index") + f"?reseau={page.pk}",
        "pending_count": page.join_requests.filter(status=JoinRequestStatus.PENDING).count(),
        "add_livrable_url": reverse("wagtailadmin_pages:add_subpage", args=(page.pk,)) if permissions.can_add_subpage() else "",
        "edit_url": reverse("wagtailadmin_pages:edit", args=(page.pk,)) if permissions.can_edit() else "",
    }
