"""Admin panels for fiches."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from . import completeness


class CompletenessPanel(Panel):
    """Shows editors, at the top of the form, how complete the fiche is and what publishing still needs."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/admin/completeness_panel.html"

        @property
        def media(self):
            # Updates the meter while the editor types; a static file, as the admin's CSP wants no inline script.
            return forms.Media(js=["practices/js/fiche_completeness.js", "practices/js/fiche_editing.js"])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            # After a refused submission, what the editor just sent, as the form's own error judged it;
            # otherwise the saved version.
            form = self.form
            values = form.cleaned_data if form is not None and form.is_bound and hasattr(form, "cleaned_data") else page
            missing = completeness.missing_parts(values)
            context.update(
                {
                    "score": completeness.score(values),
                    "missing": missing,
                    "missing_text": completeness.join_french(missing),
                    "required_json": json.dumps(completeness.as_json(), ensure_ascii=False),
                    "review_date": getattr(page, "review_date", None),
                    "review_due": getattr(page, "review_due", False),
                    "heading_text": _("Complétude"),
                }
            )
            return context
