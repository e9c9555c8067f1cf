"""The portal's own hooks into Wagtail (the domain's are in practices.wagtail_hooks)."""

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import BaseViewRestriction

from . import media
from .access import refusal
from .admin_throttle import LockedSignInViewSet


@hooks.register("before_serve_page", order=-1)
def refuse_restricted_pages_with_the_portal_403(page, request, serve_args, serve_kwargs):
    """A logged-in reader refused by a page's group restriction gets the portal's French 403: Wagtail
    would send them to its own login page (`/_util/login/`), although they are logged in. A password
    restriction is left to Wagtail, which asks for the password."""
    refused = refusal(page.get_view_restrictions(), request) if request.user.is_authenticated else None
    if refused is not None and refused.restriction_type != BaseViewRestriction.PASSWORD:
        raise PermissionDenied("Page réservée")


@hooks.register("before_serve_document", order=-1)
def refuse_documents_readers_may_not_see(document, request):
    """`/documents/<id>/<name>`, before Wagtail's own check: a logged-in reader refused by a group
    restriction of the collection gets the portal's French 403 (Wagtail would send them to its login
    page, where they are already); a document used only on pages hidden from them is refused too
    (portal.media, rule 2). A password restriction is left to Wagtail, which asks for the password."""
    refusal = media.collection_refusal(document, request)
    if refusal is not None and refusal.restriction_type != BaseViewRestriction.PASSWORD:
        raise PermissionDenied("Document réservé")
    if refusal is None and media.hidden_by_its_pages(document, request):
        raise PermissionDenied("Document réservé")


@hooks.register("register_admin_viewset")
def register_locked_sign_ins():
    return LockedSignInViewSet()


@hooks.register("insert_editor_js")
def name_the_fields_wagtail_leaves_unnamed():
    """The tag field's typing box has no accessible name in Wagtail 8.0.1 (portal/js/admin_labels.js);
    the rich text editor's is given on the server (portal.rich_text)."""
    return format_html('<script src="{}" defer></script>', static("portal/js/admin_labels.js"))
