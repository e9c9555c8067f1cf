"""{% new_label content_type %}: « Nouvelle fiche », « Nouveau réseau » in the admin's page-creation screen."""

from django import template

from portal import admin_language

register = template.Library()


@register.simple_tag
def new_label(content_type):
    model = content_type.model_class() if content_type is not None else None
    return admin_language.new_label(model) if model is not None else ""
