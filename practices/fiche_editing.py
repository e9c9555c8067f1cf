"""Writing a fiche: a refused submission from the « add » screen never leaves a hidden draft behind.

Wagtail 8 autosaves a new page in the background (a JSON POST to the add URL), then points the form at
the page's edit URL. A submission that reaches the add URL anyway (typed before autosave started, or
autosave switched off) used to be refused by the completeness rule with « La page ne peut être créée »,
while autosave, forced by the refused form, then created the page behind the editor's back.

Here, a fiche submitted (or published) from the add URL is first saved as a draft, through Wagtail's own
create view, so that privacy, subscriptions, hooks and the revision log stay Wagtail's; then the same
request is handed to Wagtail's edit view of that page, which submits it if it is complete, or shows the
form with its errors: the editor lands on the edit view of the one page that exists. A draft that cannot
be saved at all (no title) is left to Wagtail's create view, whose error is then true.
"""

import copy
import json

from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView

from .models import PracticeSheetPage

# Set on the request while the draft is being created, so that the hook does not run again inside.
_SAVING_DRAFT = "_fiche_saving_draft_first"
ASKING_ACTIONS = ("action-submit", "action-publish")


def wants_draft_first(request, page_class):
    """A browser submission (not an autosave) of a new fiche asking for moderation or publication."""
    return (
        request.method == "POST"
        and issubclass(page_class, PracticeSheetPage)
        and not getattr(request, _SAVING_DRAFT, False)
        and request.accepts("text/html")
        and any(request.POST.get(action) for action in ASKING_ACTIONS)
    )


def _with_post(request, data, accept=None):
    clone = copy.copy(request)
    if accept:
        for cached in ("headers", "accepted_types", "accepted_types_by_precedence"):  # read from the original META
            clone.__dict__.pop(cached, None)
        clone.META = {**request.META, "HTTP_ACCEPT": accept}
    clone.POST = data
    return clone


def _draft_request(request):
    """The same POST, without the action asked for, as an autosave sends it (JSON expected)."""
    data = request.POST.copy()
    for action in ASKING_ACTIONS:
        data.pop(action, None)
    draft = _with_post(request, data, accept="application/json")
    setattr(draft, _SAVING_DRAFT, True)
    return draft


def _edit_request(request, field_updates):
    """The submission as the browser would send it after an autosave: the saved slug, the saved inline ids."""
    data = request.POST.copy()
    for name, value in field_updates.items():
        data[name] = value
    return _with_post(request, data)


def create_draft_then_edit(request, parent_page, page_class):
    """Save the draft, then let the edit view of that page judge the submission; None to let Wagtail go on."""
    meta = page_class._meta
    response = CreateView.as_view()(
        _draft_request(request),
        content_type_app_name=meta.app_label,
        content_type_model_name=meta.model_name,
        parent_page_id=parent_page.pk,
    )
    try:
        payload = json.loads(response.content)
    except ValueError:
        return None
    if not payload.get("success"):
        return None
    return EditView.as_view()(_edit_request(request, payload.get("field_updates") or {}), page_id=payload["pk"])
