"""The fiche's admin form: what publishing (or asking for it) requires, and slugs that never refuse a new fiche.

Kept apart from the page type (practices.models.fiche), which names it as its base_form_class.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from ..slugs import free_slug
from ..tags import canonical_names
from . import completeness

REVIEW_DELAY_YEARS = 2


def review_date_after(date):
    try:
        return date.replace(year=date.year + REVIEW_DELAY_YEARS)
    except ValueError:  # 29 February
        return date.replace(year=date.year + REVIEW_DELAY_YEARS, day=28)


class PracticeSheetForm(WagtailAdminPageForm):
    """Refuses to publish (or to send to moderation) a fiche that lacks a required part; drafts may."""

    def is_publishing(self):
        """Publishing now, or asking for it (a submission must be complete too)."""
        return "action-submit" in self.data or self.publishes_now()

    def publishes_now(self):
        if "action-publish" in self.data:
            return True
        return "action-workflow-action" in self.data and self.data.get("workflow-action-name") == "approve"

    def requested_action(self):
        """What the refusal names: a contributor who asked for moderation is not told about publishing."""
        return completeness.PUBLISH if self.publishes_now() else completeness.SUBMIT

    def clean_tags(self):
        return canonical_names(self.cleaned_data.get("tags") or [])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "slug" in self.fields:
            # The browser fills the slug from the title only once the title field is left: a new fiche
            # gets it from its title here (clean_slug), rather than a « champ requis » in another tab.
            self.fields["slug"].required = False

    def clean_slug(self):
        """A new fiche whose title another fiche already has gets the next free slug instead of an error.

        Autosave creates the page in the background from the slug the title suggests: a refusal there
        would be a silent 400, and the editor would meet it only when submitting.
        """
        slug = self.cleaned_data.get("slug")
        if self.instance.pk or self.parent_page is None:
            return slug
        if not slug:
            slug = slugify(self.data.get("title") or "", allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True))
            if not slug:
                raise ValidationError(_("Donnez un titre à la fiche (ou un slug, onglet Promotion)."), code="required")
        candidate = free_slug(self.parent_page, slug)
        self.slug_changed = candidate != self.data.get("slug")
        return candidate

    def get_field_updates_for_resave(self):
        """After an autosave, the page still open in the browser must carry the slug actually saved."""
        updates = list(super().get_field_updates_for_resave())
        if getattr(self, "slug_changed", False):
            updates.append(("slug", self.cleaned_data["slug"]))
        return updates

    def clean(self):
        cleaned_data = super().clean()
        if self.is_publishing():
            missing = completeness.missing_parts(cleaned_data)
            if missing:
                action = self.requested_action()
                self.add_error(None, completeness.missing_message(missing, action))
                for name, label in completeness.REQUIRED_PARTS:
                    if label in missing and name in self.fields and name not in self.errors:
                        self.add_error(name, completeness.field_error(action))
        # Two years from the publication itself: a submission leaves it to the moderator's approval
        # (practices.signals.default_review_date), so a fiche resubmitted months later is not short-changed.
        if self.publishes_now() and not cleaned_data.get("review_date") and "review_date" in self.fields:
            cleaned_data["review_date"] = review_date_after(timezone.localdate())
        return cleaned_data
