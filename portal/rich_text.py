"""The admin's rich text editor, named by its field's label.

Wagtail 8.0.1 labels the hidden input that Draftail writes to, not the `contenteditable` area a person
types in: screen readers announce an unnamed « zone de texte », and axe-core reports `aria-input-field-name`
(serious) on every rich text field of the fiche form. Draftail accepts `ariaLabelledBy`; Wagtail renders
every field's label with the id `<input id>-label` (wagtailadmin/shared/field.html), so the editor can point
to it. Fields inside a StreamField are built in the browser (telepath) and keep Wagtail's behaviour.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if widget_attrs.get("id"):
            options = {**self.options, "ariaLabelledBy": f"{widget_attrs['id']}-label"}
            widget_attrs["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context
