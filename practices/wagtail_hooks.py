"""Wagtail admin integration: fiches (menus, listing, dashboard, the publication guard) and networks."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import admin_guide, admin_language  # noqa: F401  (the guide registers its own URL and menu item)
from .admin_dashboard import dashboard_panels, publishes_fiches
from .admin_networks.people import PersonPermissionPolicy
from .admin_networks.permissions import join_request_policy, membership_policy
from .admin_networks.viewsets import NetworksMenuGroup, PendingJoinRequestsPanel, animates_something
from .admin_views import FicheListingViewSet, TaxonomyGroup, register_reference_list_policies
from .fiche_editing import create_draft_then_edit, wants_draft_first
from .importing import views as import_views  # noqa: F401  (« Importer des fiches »: its URL and menu item)
from .models import JoinRequest, Membership, Person, PracticeSheetPage
from .models.completeness import join_french
from .models.livrable import move_conflicts

register_reference_list_policies()
register_snippet(TaxonomyGroup)
admin_language.register()  # « Ajouter une fiche », « Ajouter un réseau »: each type's gender


@hooks.register("register_admin_viewset")
def register_fiche_listing():
    return FicheListingViewSet()


class ReviewDuePanel(Component):
    """Dashboard reminder: the fiches this editor may change whose review date has passed."""

    name = "fiches_a_relire"
    template_name = "practices/admin/review_due_panel.html"
    order = 110

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        editable = PagePermissionPolicy().instances_user_has_permission_for(self.request.user, "change")
        due = (
            PracticeSheetPage.objects.filter(pk__in=editable.values("pk"), review_date__lte=timezone.localdate())
            .order_by("review_date")
            .only("id", "title", "draft_title", "review_date")
        )
        return {"fiches": list(due[:10]), "total": due.count(), "listing_url": "/admin/fiches/?review=due"}


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    # Pushing a review date back is a moderator's decision (practices.admin_dashboard, per role).
    if publishes_fiches(request.user):
        panels.append(ReviewDuePanel(request))


hooks.register("construct_homepage_panels", dashboard_panels)


@hooks.register("before_create_page")
def save_new_fiche_before_judging_it(request, parent_page, page_class):
    """A refused submission of a new fiche shows the edit view of its draft (practices.fiche_editing)."""
    if wants_draft_first(request, page_class):
        return create_draft_then_edit(request, parent_page, page_class)
    return None


@hooks.register("before_bulk_action")
def refuse_publishing_incomplete_fiches(request, action_type, objects, action_class_instance):
    """The bulk "publish" action would bypass the edit form's check: refuse incomplete fiches up front."""
    if action_type != "publish":
        return None
    incomplete = []
    for page in objects:
        specific = page.specific
        if isinstance(specific, PracticeSheetPage):
            revision_object = specific.get_latest_revision_as_object()
            if revision_object.missing_parts():
                incomplete.append(specific.get_admin_display_title())
    if incomplete:
        messages.error(
            request,
            _("Publication refusée : ces fiches sont incomplètes : %(titles)s. Complétez-les puis publiez-les une à une.")
            % {"titles": join_french(incomplete)},
        )
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


@hooks.register("before_move_page")
def refuse_moving_a_livrable_onto_a_taken_number(request, page, destination):
    message = move_conflicts([page], destination.specific)
    if message:
        messages.error(request, message)
        return redirect("wagtailadmin_pages:move", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_moving_livrables_onto_taken_numbers(request, action_type, objects, action_class_instance):
    if action_type != "move" or action_class_instance.cleaned_form is None:
        return None
    destination = action_class_instance.cleaned_form.cleaned_data.get("chooser")
    message = move_conflicts(objects, destination.specific) if destination is not None else None
    if message:
        messages.error(request, message)
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


# --- Networks: people, memberships, join requests (practices.admin_networks) ------------------------
# The policies first: the viewsets read them when they are registered.
register_permission_policy(Person, PersonPermissionPolicy(Person))
register_permission_policy(Membership, membership_policy)
register_permission_policy(JoinRequest, join_request_policy)
register_snippet(NetworksMenuGroup)


@hooks.register("construct_homepage_panels")
def add_pending_join_requests_panel(request, panels):
    if animates_something(request.user):
        panels.append(PendingJoinRequestsPanel(request))
