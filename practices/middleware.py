"""A fiche refused at publication, wherever the publication came from in the admin.

The edit form refuses an incomplete fiche with its own errors, and bulk publishing has a hook; but a
moderator can also approve from the dashboard or from a workflow modal, where Wagtail publishes the
revision itself, and PracticeSheetPage.publish then raises IncompleteFicheError. Without this, that
is a 500. With it, the moderator lands on the fiche's edit page with a French message naming what is
missing, and the fiche stays in moderation, unpublished.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow

from .models import IncompleteFicheError


class PublishRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IncompleteFicheError):
            return None
        messages.error(request, _("Publication refusée : %(reason)s") % {"reason": " ".join(exception.messages)})
        match = request.resolver_match
        page_id = match.kwargs.get("page_id") if match else None
        if page_id is not None:
            url = reverse("wagtailadmin_pages:edit", args=(page_id,))
        else:
            url = reverse("wagtailadmin_home")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # What Wagtail's workflow modal expects once an action is done: it then follows `redirect`.
            return render_modal_workflow(request, "", None, {}, json_data={"step": "success", "redirect": url})
        return redirect(url)
